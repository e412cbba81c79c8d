/* test-data-grid-order.c — sorting and filtering the data grid
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * strata_table_order_rows() against independent references on a random
 * table (numbers with missing values and ties, categories, texts): the
 * values in sorted order equal a qsort() of the column's values (missing
 * ones counted at the end), ties keep the table's order, and the filter
 * keeps exactly the rows a plain scan finds (every cell formatted with
 * strata_column_format_value(), lower-cased, strstr). Then the grid
 * itself (under a display): sorting through the column view's header
 * sorter, filtering through the entry, and a table big enough to be
 * ordered on the worker thread.
 */

#include "config.h"

#include <gtk/gtk.h>
#include <math.h>
#include <string.h>

#include "strata-data-grid.h"
#include "strata-table-order.h"

static const char *const words[] = { "pear", "Apple", "fig", "kiwi", "banana", "apricot", NULL };

/* A table of @n rows: x (numbers 0–49 as x.5 or x, 1 in 9 missing), kind
 * (categories of words[], 1 in 11 missing), note (texts, 1 in 13 missing). */
static StrataTable *
random_table (gsize   n,
              guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  double *x = g_new (double, n);
  gint32 *codes = g_new (gint32, n);
  char **notes = g_new (char *, n);
  StrataColumn *cols[3];
  g_autoptr(GError) error = NULL;
  StrataTable *t;

  for (gsize i = 0; i < n; i++)
    {
      x[i] = g_rand_int_range (rand, 0, 9) == 0 ? NAN : g_rand_int_range (rand, 0, 50) / 2.0;
      codes[i] = g_rand_int_range (rand, 0, 11) == 0 ? -1 : g_rand_int_range (rand, 0, 6);
      notes[i] = g_rand_int_range (rand, 0, 13) == 0 ? NULL
                 : g_strdup_printf ("%s %d", words[g_rand_int_range (rand, 0, 6)], g_rand_int_range (rand, 0, 30));
    }
  cols[0] = strata_column_new_numeric ("x", x, n);
  cols[1] = strata_column_new_categorical ("kind", codes, n, g_strdupv ((char **) words));
  cols[2] = strata_column_new_text ("note", notes, n, NULL);
  t = strata_table_new (cols, 3, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    strata_column_unref (cols[i]);
  return t;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* The shown value of @row as text ("" when missing) for comparisons. */
static char *
cell (StrataColumn *column,
      gsize         row)
{
  char *text = strata_column_format_value (column, row);

  return text != NULL ? text : g_strdup ("");
}

/* Checks @rows (the sort of @column) against a qsort of its values. */
static void
assert_sorted (StrataColumn  *column,
               const guint32 *rows,
               gsize          n,
               gboolean       descending)
{
  gsize n_present = n - strata_column_get_n_missing (column);

  if (strata_column_get_kind (column) == STRATA_COLUMN_NUMERIC)
    {
      g_autofree double *expected = g_new (double, n_present);
      const double *v = strata_column_get_numeric (column);

      for (gsize i = 0, k = 0; i < n; i++)
        if (!strata_column_is_missing (column, i))
          expected[k++] = v[i];
      qsort (expected, n_present, sizeof *expected, compare_doubles);
      for (gsize i = 0; i < n_present; i++)
        g_assert_cmpfloat (v[rows[i]], ==, expected[descending ? n_present - 1 - i : i]);
    }
  else
    {
      g_autofree char **expected = g_new (char *, n_present);
      g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);

      for (gsize i = 0, k = 0; i < n; i++)
        if (!strata_column_is_missing (column, i))
          {
            expected[k++] = cell (column, i);
            g_ptr_array_add (owned, expected[k - 1]);
          }
      qsort (expected, n_present, sizeof *expected, compare_strings);
      for (gsize i = 0; i < n_present; i++)
        {
          g_autofree char *got = cell (column, rows[i]);

          g_assert_cmpstr (got, ==, expected[descending ? n_present - 1 - i : i]);
        }
    }
  /* Missing values last; ties in table order. */
  for (gsize i = n_present; i < n; i++)
    g_assert_true (strata_column_is_missing (column, rows[i]));
  for (gsize i = 0; i + 1 < n; i++)
    {
      g_autofree char *a = cell (column, rows[i]);
      g_autofree char *b = cell (column, rows[i + 1]);

      if (strcmp (a, b) == 0)
        g_assert_cmpuint (rows[i], <, rows[i + 1]);
    }
}

static void
test_sort (void)
{
  g_autoptr(StrataTable) t = random_table (3000, 7);

  for (int c = 0; c < 3; c++)
    for (int d = 0; d < 2; d++)
      {
        gsize n = 0;
        g_autofree guint32 *rows = strata_table_order_rows (t, c, d, NULL, &n, NULL);

        g_assert_cmpuint (n, ==, 3000);
        assert_sorted (strata_table_get_column (t, (guint) c), rows, n, d);
      }
}

/* The rows a plain scan keeps for @needle. */
static GArray *
scan (StrataTable *t,
      const char  *needle)
{
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autofree char *lower = g_ascii_strdown (needle, -1);

  for (gsize i = 0; i < strata_table_get_n_rows (t); i++)
    for (guint c = 0; c < strata_table_get_n_columns (t); c++)
      {
        g_autofree char *text = strata_column_format_value (strata_table_get_column (t, c), i);
        g_autofree char *text_lower = text != NULL ? g_ascii_strdown (text, -1) : NULL;

        if (text_lower != NULL && strstr (text_lower, lower) != NULL)
          {
            guint32 r = (guint32) i;

            g_array_append_val (rows, r);
            break;
          }
      }
  return rows;
}

static void
test_filter (void)
{
  g_autoptr(StrataTable) t = random_table (3000, 11);
  const char *needles[] = { "AP", "12.5", "fig 2", "zzz", "a", NULL };

  for (guint k = 0; needles[k] != NULL; k++)
    {
      g_autoptr(GArray) expected = scan (t, needles[k]);
      gsize n = 0;
      g_autofree guint32 *rows = strata_table_order_rows (t, -1, FALSE, needles[k], &n, NULL);
      g_autofree guint32 *sorted = NULL;

      g_test_message ("%s: %u rows", needles[k], expected->len);
      g_assert_cmpuint (n, ==, expected->len);
      for (gsize i = 0; i < n; i++)
        g_assert_cmpuint (rows[i], ==, g_array_index (expected, guint32, i));
      /* Filtered and sorted: the same rows, in sorted order. */
      sorted = strata_table_order_rows (t, 0, FALSE, needles[k], &n, NULL);
      g_assert_cmpuint (n, ==, expected->len);
      if (n > 0)
        {
          const double *v = strata_column_get_numeric (strata_table_get_column (t, 0));

          for (gsize i = 0; i + 1 < n; i++)
            g_assert_true (isnan (v[sorted[i + 1]]) || v[sorted[i]] <= v[sorted[i + 1]]);
        }
    }
}

/* --- the widget ------------------------------------------------------------------- */

static void
wait_idle (StrataDataGrid *grid)
{
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (strata_data_grid_is_busy (grid) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (strata_data_grid_is_busy (grid));
}

static void
assert_grid_matches (StrataDataGrid *grid,
                     StrataTable    *t,
                     int             column,
                     gboolean        descending,
                     const char     *filter)
{
  gsize n = 0;
  g_autofree guint32 *rows = strata_table_order_rows (t, column, descending, filter, &n, NULL);

  g_assert_cmpuint (strata_data_grid_get_n_shown (grid), ==, n);
  for (gsize i = 0; i < n; i += 1 + n / 500)
    g_assert_cmpuint (strata_data_grid_get_row (grid, (guint) i), ==, rows[i]);
}

static void
test_grid (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *widget = strata_data_grid_new ();
  StrataDataGrid *grid = STRATA_DATA_GRID (widget);
  g_autoptr(StrataTable) small = random_table (2000, 3);
  g_autoptr(StrataTable) big = random_table (150000, 5);
  GtkColumnView *view = strata_data_grid_get_column_view (grid);
  g_autoptr(GtkColumnViewColumn) kind = NULL;
  g_autofree guint32 *rows = NULL;
  gsize n = 0;

  gtk_window_set_child (GTK_WINDOW (window), widget);
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  gtk_window_present (GTK_WINDOW (window));
  strata_data_grid_set_table (grid, small);
  g_assert_cmpuint (strata_data_grid_get_n_shown (grid), ==, 2000);
  g_assert_cmpuint (strata_data_grid_get_row (grid, 5), ==, 5);

  /* A header "click": the column view's own sorter, then the API. */
  kind = g_list_model_get_item (gtk_column_view_get_columns (view), 2);
  gtk_column_view_sort_by_column (view, kind, GTK_SORT_DESCENDING);
  assert_grid_matches (grid, small, 1, TRUE, NULL);
  rows = strata_table_order_rows (small, 1, TRUE, NULL, &n, NULL);
  assert_sorted (strata_table_get_column (small, 1), rows, n, TRUE);
  strata_data_grid_sort (grid, 0, FALSE);
  assert_grid_matches (grid, small, 0, FALSE, NULL);
  strata_data_grid_set_filter (grid, "apple");
  assert_grid_matches (grid, small, 0, FALSE, "apple");
  g_assert_cmpuint (strata_data_grid_get_n_shown (grid), <, 2000);
  strata_data_grid_sort (grid, -1, FALSE);
  assert_grid_matches (grid, small, -1, FALSE, "apple");
  strata_data_grid_set_filter (grid, NULL);
  g_assert_cmpuint (strata_data_grid_get_n_shown (grid), ==, 2000);
  g_assert_cmpuint (strata_data_grid_get_row (grid, 7), ==, 7);

  /* A big table is ordered on the worker; a second request cancels the first. */
  strata_data_grid_set_table (grid, big);
  strata_data_grid_sort (grid, 2, FALSE);
  g_assert_true (strata_data_grid_is_busy (grid));
  strata_data_grid_sort (grid, 0, TRUE);
  wait_idle (grid);
  assert_grid_matches (grid, big, 0, TRUE, NULL);
  strata_data_grid_set_filter (grid, "kiwi");
  wait_idle (grid);
  assert_grid_matches (grid, big, 0, TRUE, "kiwi");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_no_display (void)
{
  g_test_skip ("no display: run under xvfb-run");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/TableOrder/sort", test_sort);
  g_test_add_func ("/TableOrder/filter", test_filter);
  if (g_getenv ("STRATA_TEST_HEADLESS") == NULL && gtk_init_check ())
    g_test_add_func ("/DataGrid/sort-filter", test_grid);
  else
    g_test_add_func ("/DataGrid/no-display", test_no_display);
  return g_test_run ();
}
