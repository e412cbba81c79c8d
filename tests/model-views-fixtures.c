/* model-views-fixtures.c — the models behind test-model-views and its demo
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "model-views-fixtures.h"

StrataTable *
fixture_read_iris (void)
{
  g_autoptr(GError) error = NULL;
  StrataTable *table = strata_csv_read_file (STRATA_SOURCE_DATADIR "/datasets/iris.csv",
                                             NULL, NULL, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  return table;
}

StrataTree *
fixture_fit_iris_tree (StrataTable *iris,
                       guint        max_depth)
{
  g_autoptr(GError) error = NULL;
  StrataTreeParams params;
  StrataTree *tree;

  strata_tree_params_init (&params);
  params.max_depth = max_depth;
  params.random_state = 0;
  params.n_threads = 1;
  tree = strata_tree_fit (iris, "species", &params, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return tree;
}

void
fixture_split_iris (StrataTable  *iris,
                    StrataTable **train,
                    StrataTable **test)
{
  gsize n = strata_table_get_n_rows (iris), n_train = 0, n_test = 0;
  g_autofree gsize *train_rows = g_new (gsize, n);
  g_autofree gsize *test_rows = g_new (gsize, n);

  for (gsize i = 0; i < n; i++)
    {
      if (i % 3 == 0)
        test_rows[n_test++] = i;
      else
        train_rows[n_train++] = i;
    }
  *train = strata_table_select_rows (iris, train_rows, n_train);
  *test = strata_table_select_rows (iris, test_rows, n_test);
}

StrataClassificationMetrics *
fixture_tree_metrics (StrataTree  *tree,
                      StrataTable *table)
{
  g_autoptr(GError) error = NULL;
  StrataClassificationMetrics *details = NULL;
  StrataMetricValues values;

  strata_tree_evaluate (tree, table, &values, &details, &error);
  g_assert_no_error (error);
  g_assert_nonnull (details);
  return details;
}

StrataRules *
fixture_groceries_rules (double min_support,
                         double min_confidence)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataTransactions) tr = NULL;
  StrataAprioriParams params;
  StrataRules *rules = NULL;

  tr = strata_transactions_read_basket (STRATA_SOURCE_DATADIR "/datasets/groceries.csv", ',',
                                        NULL, &error);
  g_assert_no_error (error);
  strata_apriori_params_init (&params);
  params.min_support = min_support;
  params.min_confidence = min_confidence;
  params.sort_by = STRATA_RULE_LIFT;
  strata_apriori_run (tr, &params, NULL, NULL, NULL, NULL, &rules, &error);
  g_assert_no_error (error);
  return rules;
}

static gboolean
count_down (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       data)
{
  int *frames = data;

  return --(*frames) > 0 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

void
fixture_run_frames (GtkWidget *widget,
                    int        n)
{
  gtk_widget_add_tick_callback (widget, count_down, &n, NULL);
  while (n > 0)
    g_main_context_iteration (NULL, TRUE);
}

GtkWidget *
fixture_show (GtkWidget *child,
              int        width,
              int        height)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_set_child (GTK_WINDOW (window), child);
  gtk_window_present (GTK_WINDOW (window));
  fixture_run_frames (child, 4);
  return window;
}
