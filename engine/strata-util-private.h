/* strata-util-private.h — small helpers shared by the Apriori modules
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not installed, not for widgets.
 */

#pragma once

#include <errno.h>
#include <gio/gio.h>

G_BEGIN_DECLS

/* Index of @s among @names[0 .. n_names) in *@index; FALSE when absent.
 * For the to/from_string pairs of small enums. */
static inline gboolean
strata_name_lookup (const char *const *names,
                    guint              n_names,
                    const char        *s,
                    guint             *index)
{
  for (guint i = 0; i < n_names; i++)
    if (g_strcmp0 (s, names[i]) == 0)
      {
        *index = i;
        return TRUE;
      }
  return FALSE;
}

/* Sets @error from errno (saved by the caller as @saved) in the G_IO_ERROR
 * domain: "PATH: strerror". Returns FALSE for `return strata_…`. */
static inline gboolean
strata_set_io_error (GError     **error,
                     int          saved,
                     const char  *path)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
               "%s: %s", path, g_strerror (saved));
  return FALSE;
}

G_END_DECLS
