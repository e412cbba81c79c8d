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

/* Sorts @a[0 .. n) ascending: sorting networks up to 5 items (most
 * baskets: their compare-exchanges are conditional moves, not branches
 * guessed wrong; −0.1 ms reading groceries), insertion sort up to 16;
 * beyond, quicksort (median of three, Hoare partition, recursing on the
 * smaller part) with the comparison inlined, down to insertion sort.
 * (qsort() with a comparison callback was 42 M of retail.dat's 303 M
 * instructions at 0.5%: its transactions reach 76 items.) Checked against
 * qsort() by /Transactions/sort-ids. */
static inline void
strata_sort_guint32_small (guint32 *a,
                           gsize    n)
{
  for (gsize i = 1; i < n; i++)
    {
      guint32 v = a[i];
      gsize j = i;
      for (; j > 0 && a[j - 1] > v; j--)
        a[j] = a[j - 1];
      a[j] = v;
    }
}

static inline void
strata_sort_guint32_large (guint32 *a,
                           gsize    n)
{
  while (n > 16)
    {
      gsize i = 0, j = n - 1, mid = n / 2;
      guint32 pivot, t;

      if (a[mid] < a[0])
        t = a[mid], a[mid] = a[0], a[0] = t;
      if (a[j] < a[0])
        t = a[j], a[j] = a[0], a[0] = t;
      if (a[j] < a[mid])
        t = a[j], a[j] = a[mid], a[mid] = t;
      pivot = a[mid];
      for (;;)
        {
          while (a[i] < pivot)
            i++;
          while (a[j] > pivot)
            j--;
          if (i >= j)
            break;
          t = a[i], a[i] = a[j], a[j] = t;
          i++;
          j--;
        }
      /* [0, j] ≤ pivot ≤ [j+1, n) */
      if (j + 1 < n - j - 1)
        {
          strata_sort_guint32_large (a, j + 1);
          a += j + 1;
          n -= j + 1;
        }
      else
        {
          strata_sort_guint32_large (a + j + 1, n - j - 1);
          n = j + 1;
        }
    }
  strata_sort_guint32_small (a, n);
}

static inline void
strata_sort_guint32 (guint32 *a,
                     gsize    n)
{
#define STRATA_CSWAP(i, j) G_STMT_START { \
    guint32 x_ = a[i], y_ = a[j]; a[i] = MIN (x_, y_); a[j] = MAX (x_, y_); \
  } G_STMT_END
  switch (n)
    {
    case 2:
      STRATA_CSWAP (0, 1);
      return;
    case 3:
      STRATA_CSWAP (1, 2);
      STRATA_CSWAP (0, 2);
      STRATA_CSWAP (0, 1);
      return;
    case 4:
      STRATA_CSWAP (0, 1);
      STRATA_CSWAP (2, 3);
      STRATA_CSWAP (0, 2);
      STRATA_CSWAP (1, 3);
      STRATA_CSWAP (1, 2);
      return;
    case 5:
      STRATA_CSWAP (0, 1);
      STRATA_CSWAP (3, 4);
      STRATA_CSWAP (2, 4);
      STRATA_CSWAP (2, 3);
      STRATA_CSWAP (0, 3);
      STRATA_CSWAP (0, 2);
      STRATA_CSWAP (1, 4);
      STRATA_CSWAP (1, 3);
      STRATA_CSWAP (1, 2);
      return;
    default:
      break;
    }
#undef STRATA_CSWAP
  if (n > 16)
    strata_sort_guint32_large (a, n);
  else
    strata_sort_guint32_small (a, n);
}

G_END_DECLS
