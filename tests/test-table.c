/* test-table.c — columns, tables and column statistics
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Expected statistics are computed by hand (and agree with pandas'
 * Series.describe(): sample std with ddof = 1).
 */

#include <math.h>

#include "strata-table.h"

static StrataColumn *
numeric_column (const char   *name,
                const double *values,
                gsize         n)
{
  return strata_column_new_numeric (name, g_memdup2 (values, n * sizeof (double)), n);
}

static void
test_numeric_missing (void)
{
  const double v[] = { 1.0, NAN, 3.0, NAN, 5.0 };
  g_autoptr(StrataColumn) c = numeric_column ("x", v, G_N_ELEMENTS (v));
  const guint64 *mask;

  g_assert_cmpstr (strata_column_get_name (c), ==, "x");
  g_assert_cmpint (strata_column_get_kind (c), ==, STRATA_COLUMN_NUMERIC);
  g_assert_cmpuint (strata_column_get_n_rows (c), ==, 5);
  g_assert_cmpuint (strata_column_get_n_missing (c), ==, 2);
  g_assert_false (strata_column_is_missing (c, 0));
  g_assert_true (strata_column_is_missing (c, 1));
  g_assert_true (strata_column_is_missing (c, 3));
  mask = strata_column_get_missing_mask (c);
  g_assert_nonnull (mask);
  g_assert_cmphex (mask[0], ==, (1u << 1) | (1u << 3));
  g_assert_null (strata_column_format_value (c, 1));
}

static void
test_no_missing_has_no_mask (void)
{
  const double v[] = { 1.0, 2.0 };
  g_autoptr(StrataColumn) c = numeric_column ("x", v, 2);

  g_assert_null (strata_column_get_missing_mask (c));
  g_assert_cmpuint (strata_column_get_n_missing (c), ==, 0);
}

static void
test_mask_crosses_words (void)
{
  gsize n = 200;
  double *v = g_new (double, n);
  g_autoptr(StrataColumn) c = NULL;

  for (gsize i = 0; i < n; i++)
    v[i] = (i % 67 == 0) ? NAN : (double) i;
  c = strata_column_new_numeric ("x", v, n);
  for (gsize i = 0; i < n; i++)
    g_assert_cmpint (strata_column_is_missing (c, i), ==, i % 67 == 0);
  g_assert_cmpuint (strata_column_get_n_missing (c), ==, 3); /* 0, 67, 134 */
}

static void
test_numeric_stats (void)
{
  /* mean 5, sum of squares of deviations = 32, sample var 32/7 */
  const double v[] = { 2, 4, 4, 4, 5, 5, 7, 9, NAN };
  g_autoptr(StrataColumn) c = numeric_column ("x", v, G_N_ELEMENTS (v));
  g_autoptr(StrataColumnStats) s = strata_column_compute_stats (c);

  g_assert_cmpuint (s->count, ==, 8);
  g_assert_cmpuint (s->missing, ==, 1);
  g_assert_cmpfloat (s->min, ==, 2.0);
  g_assert_cmpfloat (s->max, ==, 9.0);
  g_assert_cmpfloat_with_epsilon (s->mean, 5.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (s->std, sqrt (32.0 / 7.0), 1e-12);
  g_assert_cmpuint (s->n_distinct, ==, 5);
  g_assert_cmpuint (s->n_top, ==, 5);
  g_assert_cmpstr (s->top[0].value, ==, "4");
  g_assert_cmpuint (s->top[0].count, ==, 3);
  g_assert_cmpstr (s->top[1].value, ==, "5");
  g_assert_cmpuint (s->top[1].count, ==, 2);
}

static void
test_all_missing_stats (void)
{
  const double v[] = { NAN, NAN };
  g_autoptr(StrataColumn) c = numeric_column ("x", v, 2);
  g_autoptr(StrataColumnStats) s = strata_column_compute_stats (c);

  g_assert_cmpuint (s->count, ==, 0);
  g_assert_cmpuint (s->missing, ==, 2);
  g_assert_true (isnan (s->mean));
  g_assert_true (isnan (s->min));
  g_assert_cmpuint (s->n_distinct, ==, 0);
  g_assert_cmpuint (s->n_top, ==, 0);
}

static StrataColumn *
categorical_column (void)
{
  /* b a b c a b <missing>  — "d" is in the dictionary but unused */
  const gint32 codes[] = { 1, 0, 1, 2, 0, 1, -1 };
  const char *cats[] = { "a", "b", "c", "d", NULL };

  return strata_column_new_categorical ("cat", g_memdup2 (codes, sizeof codes),
                                        G_N_ELEMENTS (codes),
                                        g_strdupv ((char **) cats));
}

static void
test_categorical (void)
{
  g_autoptr(StrataColumn) c = categorical_column ();
  g_autoptr(StrataColumnStats) s = strata_column_compute_stats (c);
  g_autofree char *v0 = strata_column_format_value (c, 0);

  g_assert_cmpuint (strata_column_get_n_categories (c), ==, 4);
  g_assert_cmpstr (strata_column_get_category (c, 2), ==, "c");
  g_assert_null (strata_column_get_category (c, 7));
  g_assert_cmpstr (v0, ==, "b");
  g_assert_true (strata_column_is_missing (c, 6));
  g_assert_cmpuint (s->count, ==, 6);
  g_assert_cmpuint (s->missing, ==, 1);
  g_assert_cmpuint (s->n_distinct, ==, 3);
  g_assert_true (isnan (s->mean));
  /* b ×3, then a ×2 and c ×1; unused "d" never appears */
  g_assert_cmpuint (s->n_top, ==, 3);
  g_assert_cmpstr (s->top[0].value, ==, "b");
  g_assert_cmpuint (s->top[0].count, ==, 3);
  g_assert_cmpstr (s->top[1].value, ==, "a");
  g_assert_cmpstr (s->top[2].value, ==, "c");
}

static void
test_text (void)
{
  char **v = g_new (char *, 4);
  g_autoptr(StrataColumn) c = NULL;
  g_autoptr(StrataColumnStats) s = NULL;

  v[0] = g_strdup ("x"); v[1] = NULL; v[2] = g_strdup ("y"); v[3] = g_strdup ("x");
  c = strata_column_new_text ("t", v, 4, NULL);
  s = strata_column_compute_stats (c);
  g_assert_cmpstr (strata_column_get_text (c, 2), ==, "y");
  g_assert_null (strata_column_get_text (c, 1));
  g_assert_cmpuint (strata_column_get_n_missing (c), ==, 1);
  g_assert_cmpuint (s->n_distinct, ==, 2);
  g_assert_cmpstr (s->top[0].value, ==, "x");
  g_assert_cmpuint (s->top[0].count, ==, 2);
}

static void
test_format_shortest (void)
{
  const double v[] = { 0.1, 1.0 / 3.0, 1e300, -0.0, 42.0, 5e-324 };
  g_autoptr(StrataColumn) c = numeric_column ("x", v, G_N_ELEMENTS (v));

  for (gsize i = 0; i < G_N_ELEMENTS (v); i++)
    {
      g_autofree char *s = strata_column_format_value (c, i);
      g_assert_cmpfloat (g_ascii_strtod (s, NULL), ==, v[i]);
    }
  {
    g_autofree char *s0 = strata_column_format_value (c, 0);
    g_autofree char *s4 = strata_column_format_value (c, 4);
    g_assert_cmpstr (s0, ==, "0.1");
    g_assert_cmpstr (s4, ==, "42");
  }
}

static void
test_table_shape_errors (void)
{
  const double a[] = { 1, 2, 3 }, b[] = { 1, 2 };
  g_autoptr(StrataColumn) ca = numeric_column ("a", a, 3);
  g_autoptr(StrataColumn) cb = numeric_column ("b", b, 2);
  g_autoptr(StrataColumn) ca2 = numeric_column ("a", a, 3);
  g_autoptr(GError) error = NULL;
  StrataColumn *bad_shape[] = { ca, cb };
  StrataColumn *dup[] = { ca, ca2 };
  StrataTable *t;

  t = strata_table_new (bad_shape, 2, &error);
  g_assert_null (t);
  g_assert_error (error, STRATA_TABLE_ERROR, STRATA_TABLE_ERROR_SHAPE);
  g_assert_nonnull (strstr (error->message, "“b”"));
  g_clear_error (&error);

  t = strata_table_new (dup, 2, &error);
  g_assert_null (t);
  g_assert_error (error, STRATA_TABLE_ERROR, STRATA_TABLE_ERROR_DUPLICATE_NAME);
}

static void
test_table_select_rows (void)
{
  const double a[] = { 10, 20, 30, 40 };
  g_autoptr(StrataColumn) ca = numeric_column ("a", a, 4);
  g_autoptr(StrataColumn) cc = categorical_column ();
  g_autoptr(StrataColumn) cat4 = NULL;
  g_autoptr(StrataTable) t = NULL;
  g_autoptr(StrataTable) sub = NULL;
  g_autoptr(GError) error = NULL;
  const gsize rows[] = { 3, 0, 3 };
  StrataColumn *cols[2];

  {
    const gsize first4[] = { 0, 1, 2, 3 };
    cat4 = strata_column_select_rows (cc, first4, 4);
  }
  cols[0] = ca;
  cols[1] = cat4;
  t = strata_table_new (cols, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strata_table_get_n_rows (t), ==, 4);
  g_assert_cmpint (strata_table_find_column (t, "cat"), ==, 1);
  g_assert_cmpint (strata_table_find_column (t, "nope"), ==, -1);
  g_assert_null (strata_table_lookup_column (t, "nope", &error));
  g_assert_error (error, STRATA_TABLE_ERROR, STRATA_TABLE_ERROR_NO_COLUMN);

  sub = strata_table_select_rows (t, rows, 3);
  g_assert_cmpuint (strata_table_get_n_rows (sub), ==, 3);
  g_assert_cmpfloat (strata_column_get_numeric (strata_table_get_column (sub, 0))[0], ==, 40);
  g_assert_cmpfloat (strata_column_get_numeric (strata_table_get_column (sub, 0))[1], ==, 10);
  g_assert_cmpint (strata_column_get_codes (strata_table_get_column (sub, 1))[0], ==, 2);
  g_assert_cmpuint (strata_table_get_memory_size (sub), >=, 3 * 8 + 3 * 4);
}

static void
test_kind_strings (void)
{
  StrataColumnKind k;

  g_assert_true (strata_column_kind_from_string ("Categorical", &k));
  g_assert_cmpint (k, ==, STRATA_COLUMN_CATEGORICAL);
  g_assert_cmpstr (strata_column_kind_to_string (STRATA_COLUMN_TEXT), ==, "text");
  g_assert_false (strata_column_kind_from_string ("float", &k));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Table/Column/numeric-missing", test_numeric_missing);
  g_test_add_func ("/Table/Column/no-missing-no-mask", test_no_missing_has_no_mask);
  g_test_add_func ("/Table/Column/mask-crosses-words", test_mask_crosses_words);
  g_test_add_func ("/Table/Column/numeric-stats", test_numeric_stats);
  g_test_add_func ("/Table/Column/all-missing-stats", test_all_missing_stats);
  g_test_add_func ("/Table/Column/categorical", test_categorical);
  g_test_add_func ("/Table/Column/text", test_text);
  g_test_add_func ("/Table/Column/format-shortest", test_format_shortest);
  g_test_add_func ("/Table/Column/kind-strings", test_kind_strings);
  g_test_add_func ("/Table/shape-errors", test_table_shape_errors);
  g_test_add_func ("/Table/select-rows", test_table_select_rows);

  return g_test_run ();
}
