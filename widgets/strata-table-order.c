/* strata-table-order.c — the rows of a table sorted and filtered for a view
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * The grid never sorts row objects: it asks for a permutation of row
 * indices (guint32, 4 MB for a million rows) and its list model maps view
 * positions through it. The filter is one pass over the rows: a category
 * is matched once per category (not once per row), a number is formatted
 * into a stack buffer with strata_format_double(), a text is searched in
 * place with strcasestr(). The sort is g_qsort_with_data(), a stable merge
 * sort, on the kept indices with a comparator over the column's arrays:
 * doubles directly, categories through a rank table (the categories'
 * strcmp order computed once), texts with strcmp. Missing values sort last.
 */

#include "config.h"

#include <string.h>

#include "strata-table-order.h"

#define CHECK_EVERY (1u << 16)

typedef struct {
  StrataColumn     *column;
  StrataColumnKind  kind;
  const double     *numeric;
  const gint32     *codes;
  guint            *rank;        /* category code → position in strcmp order */
  gboolean          descending;
} SortKey;

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const SortKey *key = user_data;
  guint32 i = *(const guint32 *) a, j = *(const guint32 *) b;
  gboolean mi = strata_column_is_missing (key->column, i);
  gboolean mj = strata_column_is_missing (key->column, j);
  int order = 0;

  if (mi || mj)
    return mi && mj ? 0 : mi ? 1 : -1;   /* missing last, in both directions */
  switch (key->kind)
    {
    case STRATA_COLUMN_NUMERIC:
      order = key->numeric[i] < key->numeric[j] ? -1 : key->numeric[i] > key->numeric[j] ? 1 : 0;
      break;
    case STRATA_COLUMN_CATEGORICAL:
      order = key->rank[key->codes[i]] < key->rank[key->codes[j]] ? -1
              : key->rank[key->codes[i]] > key->rank[key->codes[j]] ? 1 : 0;
      break;
    case STRATA_COLUMN_TEXT:
    default:
      order = strcmp (strata_column_get_text (key->column, i), strata_column_get_text (key->column, j));
      break;
    }
  return key->descending ? -order : order;
}

/* Per column: which categories contain @needle (NULL for other kinds). */
static gboolean **
category_matches (StrataTable *table,
                  const char  *needle)
{
  guint n = strata_table_get_n_columns (table);
  gboolean **matches = g_new0 (gboolean *, n);

  for (guint c = 0; c < n; c++)
    {
      StrataColumn *column = strata_table_get_column (table, c);
      guint k;

      if (strata_column_get_kind (column) != STRATA_COLUMN_CATEGORICAL)
        continue;
      k = strata_column_get_n_categories (column);
      matches[c] = g_new0 (gboolean, MAX (k, 1));
      for (guint j = 0; j < k; j++)
        matches[c][j] = strcasestr (strata_column_get_category (column, (gint32) j), needle) != NULL;
    }
  return matches;
}

static gboolean
row_matches (StrataTable  *table,
             gsize         row,
             const char   *needle,
             gboolean    **categories)
{
  for (guint c = 0; c < strata_table_get_n_columns (table); c++)
    {
      StrataColumn *column = strata_table_get_column (table, c);
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      if (strata_column_is_missing (column, row))
        continue;
      switch (strata_column_get_kind (column))
        {
        case STRATA_COLUMN_NUMERIC:
          strata_format_double (strata_column_get_numeric (column)[row], buf, sizeof buf);
          if (strcasestr (buf, needle) != NULL)
            return TRUE;
          break;
        case STRATA_COLUMN_CATEGORICAL:
          if (categories[c][strata_column_get_codes (column)[row]])
            return TRUE;
          break;
        case STRATA_COLUMN_TEXT:
        default:
          if (strcasestr (strata_column_get_text (column, row), needle) != NULL)
            return TRUE;
          break;
        }
    }
  return FALSE;
}

guint32 *
strata_table_order_rows (StrataTable  *table,
                         int           column,
                         gboolean      descending,
                         const char   *filter,
                         gsize        *n_rows,
                         GCancellable *cancellable)
{
  gsize n = strata_table_get_n_rows (table), kept = 0;
  g_autofree guint32 *rows = g_new (guint32, MAX (n, 1));

  g_return_val_if_fail (n <= G_MAXUINT32, NULL);
  g_return_val_if_fail (column < (int) strata_table_get_n_columns (table), NULL);
  *n_rows = 0;

  if (filter != NULL && *filter != '\0')
    {
      gboolean **categories = category_matches (table, filter);

      for (gsize i = 0; i < n; i++)
        {
          if ((i % CHECK_EVERY) == 0 && g_cancellable_is_cancelled (cancellable))
            break;
          if (row_matches (table, i, filter, categories))
            rows[kept++] = (guint32) i;
        }
      for (guint c = 0; c < strata_table_get_n_columns (table); c++)
        g_free (categories[c]);
      g_free (categories);
    }
  else
    for (gsize i = 0; i < n; i++)
      rows[kept++] = (guint32) i;
  if (g_cancellable_is_cancelled (cancellable))
    return NULL;

  if (column >= 0)
    {
      SortKey key = { strata_table_get_column (table, (guint) column) };
      g_autofree guint *rank = NULL;

      key.kind = strata_column_get_kind (key.column);
      key.descending = descending;
      if (key.kind == STRATA_COLUMN_NUMERIC)
        key.numeric = strata_column_get_numeric (key.column);
      else if (key.kind == STRATA_COLUMN_CATEGORICAL)
        {
          guint k = strata_column_get_n_categories (key.column);
          g_autofree const char **sorted = g_new (const char *, MAX (k, 1));

          for (guint j = 0; j < k; j++)
            sorted[j] = strata_column_get_category (key.column, (gint32) j);
          qsort (sorted, k, sizeof *sorted, compare_strings);
          rank = g_new0 (guint, MAX (k, 1));
          /* Categories are distinct: find each one's place by bisection. */
          for (guint j = 0; j < k; j++)
            {
              const char *name = strata_column_get_category (key.column, (gint32) j);
              const char **at = bsearch (&name, sorted, k, sizeof *sorted, compare_strings);

              rank[j] = at != NULL ? (guint) (at - sorted) : j;
            }
          key.codes = strata_column_get_codes (key.column);
          key.rank = rank;
        }
      g_qsort_with_data (rows, (gint) kept, sizeof *rows, compare_rows, &key);
    }
  if (g_cancellable_is_cancelled (cancellable))
    return NULL;
  *n_rows = kept;
  return g_steal_pointer (&rows);
}
