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
#include <stdlib.h>
#include <string.h>

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

static inline int
strata_compare_guint32 (const void *a,
                        const void *b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;
  return (x > y) - (x < y);
}

/* A blank, as libcsv's default: space or tab. */
static inline gboolean
strata_is_blank (char c)
{
  return c == ' ' || c == '\t';
}

/* The first CR or LF in [p, end), or end. */
static inline const char *
strata_find_eol (const char *p,
                 const char *end)
{
  const char *lf = memchr (p, '\n', end - p);
  const char *cr;

  if (lf == NULL)
    lf = end;
  cr = memchr (p, '\r', lf - p);
  return cr != NULL ? cr : lf;
}

/* Sorts @a[0 .. n) ascending: insertion sort for the short lists baskets
 * are (no callback per comparison), qsort() beyond 16. */
static inline void
strata_sort_guint32 (guint32 *a,
                     gsize    n)
{
  if (n > 16)
    {
      qsort (a, n, sizeof (guint32), strata_compare_guint32);
      return;
    }
  for (gsize i = 1; i < n; i++)
    {
      guint32 v = a[i];
      gsize j = i;
      for (; j > 0 && a[j - 1] > v; j--)
        a[j] = a[j - 1];
      a[j] = v;
    }
}

G_END_DECLS
