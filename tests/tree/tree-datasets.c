/* tree-datasets.c — the datasets the tree tests and benchmark share
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Mirrors tests/fixtures/tree/gen.py step for step.
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "strata-csv.h"
#include "tree-datasets.h"

static char *
dataset_path (const char *first,
              ...)
{
  const char *root = g_getenv ("STRATA_SOURCE_ROOT");
  g_autofree char *base = root != NULL ? g_build_filename (root, "data", "datasets", NULL)
                                       : g_build_filename (STRATA_SOURCE_DATADIR, "datasets", NULL);
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  va_list args;

  g_ptr_array_add (parts, base);
  va_start (args, first);
  for (const char *p = first; p != NULL; p = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) p);
  va_end (args);
  g_ptr_array_add (parts, NULL);
  return g_build_filenamev ((char **) parts->pdata);
}

static StrataColumn *
numeric_copy (StrataTable *t,
              const char  *name)
{
  StrataColumn *c = strata_table_lookup_column (t, name, NULL);

  g_assert (c != NULL && strata_column_get_kind (c) == STRATA_COLUMN_NUMERIC);
  return strata_column_ref (c);
}

/* A numeric column holding the rank of each value's text among the sorted
 * texts of the categorical column @c (what pandas' sorted(unique) gives). */
static StrataColumn *
ordinal_codes (StrataColumn *c,
               const char   *name,
               const char   *fill)
{
  gsize n = strata_column_get_n_rows (c);
  guint m = strata_column_get_n_categories (c);
  g_autofree guint *order = g_new (guint, m + 1);
  g_autofree double *rank = g_new (double, m + 1);
  const gint32 *codes = strata_column_get_codes (c);
  gint32 fill_code = -1;
  double *v = g_new (double, n);

  for (guint k = 0; k < m; k++)
    order[k] = k;
  for (guint i = 1; i < m; i++)          /* insertion sort by text */
    for (guint j = i; j > 0 &&
         strcmp (strata_column_get_category (c, order[j - 1]),
                 strata_column_get_category (c, order[j])) > 0; j--)
      {
        guint t = order[j];
        order[j] = order[j - 1];
        order[j - 1] = t;
      }
  for (guint k = 0; k < m; k++)
    {
      rank[order[k]] = k;
      if (fill != NULL && strcmp (strata_column_get_category (c, order[k]), fill) == 0)
        fill_code = order[k];
    }
  for (gsize i = 0; i < n; i++)
    {
      gint32 code = codes[i] < 0 ? fill_code : codes[i];

      v[i] = code < 0 ? NAN : rank[code];
    }
  return strata_column_new_numeric (name, v, n);
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Age with missing values replaced by the median of the others (pandas:
 * the mean of the two middle values for an even count). */
static StrataColumn *
median_imputed (StrataColumn *c)
{
  gsize n = strata_column_get_n_rows (c), m = 0;
  const double *src = strata_column_get_numeric (c);
  g_autofree double *sorted = g_new (double, n);
  double *v = g_new (double, n), median;

  for (gsize i = 0; i < n; i++)
    if (!strata_column_is_missing (c, i))
      sorted[m++] = src[i];
  qsort (sorted, m, sizeof (double), compare_doubles);
  median = m % 2 ? sorted[m / 2] : (sorted[m / 2 - 1] + sorted[m / 2]) / 2.0;
  for (gsize i = 0; i < n; i++)
    v[i] = strata_column_is_missing (c, i) ? median : src[i];
  return strata_column_new_numeric (strata_column_get_name (c), v, n);
}

/* The most frequent category (the smallest text on a tie, as pandas' mode). */
static const char *
mode_of (StrataColumn *c)
{
  guint m = strata_column_get_n_categories (c);
  g_autofree gsize *count = g_new0 (gsize, m + 1);
  const gint32 *codes = strata_column_get_codes (c);
  gint32 best = -1;

  for (gsize i = 0; i < strata_column_get_n_rows (c); i++)
    if (codes[i] >= 0)
      count[codes[i]]++;
  for (guint k = 0; k < m; k++)
    if (best < 0 || count[k] > count[best] ||
        (count[k] == count[best] &&
         strcmp (strata_column_get_category (c, k), strata_column_get_category (c, best)) < 0))
      best = k;
  return strata_column_get_category (c, best);
}

static StrataTable *
titanic (GError **error)
{
  g_autofree char *path = dataset_path ("titanic", "train.csv", NULL);
  g_autoptr(StrataTable) raw = strata_csv_read_file (path, NULL, NULL, NULL, NULL, NULL, error);
  StrataColumn *cols[8];
  StrataColumn *embarked;
  StrataTable *t;

  if (raw == NULL)
    return NULL;
  embarked = strata_table_lookup_column (raw, "Embarked", NULL);
  cols[0] = numeric_copy (raw, "Pclass");
  cols[1] = ordinal_codes (strata_table_lookup_column (raw, "Sex", NULL), "Sex", NULL);
  cols[2] = median_imputed (strata_table_lookup_column (raw, "Age", NULL));
  cols[3] = numeric_copy (raw, "SibSp");
  cols[4] = numeric_copy (raw, "Parch");
  cols[5] = numeric_copy (raw, "Fare");
  cols[6] = ordinal_codes (embarked, "Embarked", mode_of (embarked));
  cols[7] = numeric_copy (raw, "Survived");
  t = strata_table_new (cols, 8, error);
  for (guint i = 0; i < 8; i++)
    strata_column_unref (cols[i]);
  return t;
}

static StrataTable *
mushroom (gboolean  native,
          GError  **error)
{
  g_autofree char *path = dataset_path ("mushroom-uci", "agaricus-lepiota.data", NULL);
  static const char *const no_missing[] = { NULL };
  static const char *const question_mark[] = { "?", NULL };
  StrataCsvOptions options;
  g_autoptr(StrataTable) raw = NULL;
  StrataColumn *cols[23];
  StrataTable *t;

  strata_csv_options_init (&options);
  options.header = STRATA_CSV_HEADER_ABSENT;
  options.missing_tokens = native ? question_mark : no_missing;
  raw = strata_csv_read_file (path, &options, NULL, NULL, NULL, NULL, error);
  if (raw == NULL)
    return NULL;
  g_assert_cmpuint (strata_table_get_n_columns (raw), ==, 23);
  cols[0] = strata_column_ref (strata_table_get_column (raw, 0));
  for (guint c = 1; c < 23; c++)
    {
      StrataColumn *col = strata_table_get_column (raw, c);

      g_assert_cmpint (strata_column_get_kind (col), ==, STRATA_COLUMN_CATEGORICAL);
      cols[c] = native ? strata_column_ref (col)
                       : ordinal_codes (col, strata_column_get_name (col), NULL);
    }
  t = strata_table_new (cols, 23, error);
  for (guint i = 0; i < 23; i++)
    strata_column_unref (cols[i]);
  return t;
}

static StrataTable *
iris (gboolean  regression,
      GError  **error)
{
  g_autofree char *path = dataset_path ("iris.csv", NULL);
  g_autoptr(StrataTable) raw = strata_csv_read_file (path, NULL, NULL, NULL, NULL, NULL, error);
  StrataColumn *cols[4];
  StrataTable *t;

  if (raw == NULL || !regression)
    return g_steal_pointer (&raw);
  cols[0] = numeric_copy (raw, "sepal_length");
  cols[1] = numeric_copy (raw, "sepal_width");
  cols[2] = numeric_copy (raw, "petal_length");
  cols[3] = numeric_copy (raw, "petal_width");
  t = strata_table_new (cols, 4, error);
  for (guint i = 0; i < 4; i++)
    strata_column_unref (cols[i]);
  return t;
}

StrataTable *
tree_dataset_load (const char  *name,
                   GError     **error)
{
  if (strcmp (name, "iris") == 0)
    return iris (FALSE, error);
  if (strcmp (name, "iris-regression") == 0)
    return iris (TRUE, error);
  if (strcmp (name, "titanic") == 0)
    return titanic (error);
  if (strcmp (name, "mushroom") == 0)
    return mushroom (FALSE, error);
  if (strcmp (name, "mushroom-native") == 0)
    return mushroom (TRUE, error);
  g_assert_not_reached ();
}

const char *
tree_dataset_target (const char *name)
{
  if (g_str_has_prefix (name, "iris-regression"))
    return "petal_width";
  if (g_str_has_prefix (name, "iris"))
    return "species";
  if (g_str_has_prefix (name, "titanic"))
    return "Survived";
  return "1";
}

void
tree_dataset_split (StrataTable  *table,
                    StrataTable **train,
                    StrataTable **test)
{
  gsize n = strata_table_get_n_rows (table), n_train = 0, n_test = 0;
  g_autofree gsize *a = g_new (gsize, n), *b = g_new (gsize, n);

  for (gsize i = 0; i < n; i++)
    {
      if (i % 4 == 0)
        b[n_test++] = i;
      else
        a[n_train++] = i;
    }
  *train = strata_table_select_rows (table, a, n_train);
  *test = strata_table_select_rows (table, b, n_test);
}
