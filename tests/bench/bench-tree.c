/* bench-tree.c — time Strata's CART fit for tests/bench/bench-tree.py
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-tree --dataset mushroom|titanic [--repeats R]
 *   bench-tree --binary DIR --rows N_TRAIN --test-rows N_TEST --features D [--repeats R]
 *
 * --binary reads DIR/train-X.f64 and DIR/test-X.f64 (row-major float64)
 * and DIR/train-y.f64, DIR/test-y.f64 (float64 class labels), as
 * bench-tree.py writes them, one row at a time straight into columns. Fits a tree with scikit-learn's
 * defaults (gini, unlimited depth) R times and prints one JSON object:
 * every fit time, the test accuracy, depth, leaves and the process's peak
 * resident memory (VmHWM from /proc/self/status, so reading the data
 * counts too; getrusage's ru_maxrss would include the parent's memory,
 * which Linux carries over exec).
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strata-tree.h"
#include "tree/tree-datasets.h"

static StrataTable *
read_binary (const char *dir,
             const char *part,
             gsize       n,
             guint       d,
             GError    **error)
{
  g_autofree char *xn = g_strdup_printf ("%s-X.f64", part);
  g_autofree char *yn = g_strdup_printf ("%s-y.f64", part);
  g_autofree char *xp = g_build_filename (dir, xn, NULL);
  g_autofree char *yp = g_build_filename (dir, yn, NULL);
  FILE *fx = fopen (xp, "rb"), *fy = fopen (yp, "rb");
  StrataColumn **cols = g_new (StrataColumn *, d + 1);
  double **x = g_new (double *, d);
  double *y = g_new (double, n);
  double *row = g_new (double, d);
  StrataTable *t;

  if (fx == NULL || fy == NULL)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT, "cannot open %s or %s", xp, yp);
      return NULL;
    }
  for (guint f = 0; f < d; f++)
    x[f] = g_new (double, n);
  for (gsize i = 0; i < n; i++)
    {
      if (fread (row, sizeof (double), d, fx) != d)
        g_error ("%s: short read at row %" G_GSIZE_FORMAT, xp, i);
      for (guint f = 0; f < d; f++)
        x[f][i] = row[f];
    }
  if (fread (y, sizeof (double), n, fy) != n)
    g_error ("%s: short read", yp);
  fclose (fx);
  fclose (fy);
  for (guint f = 0; f < d; f++)
    {
      char name[16];

      g_snprintf (name, sizeof name, "x%u", f);
      cols[f] = strata_column_new_numeric (name, x[f], n);
    }
  cols[d] = strata_column_new_numeric ("y", y, n);
  t = strata_table_new (cols, d + 1, error);
  for (guint f = 0; f <= d; f++)
    strata_column_unref (cols[f]);
  g_free (cols);
  g_free (x);
  g_free (row);
  return t;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dataset = NULL, *binary = NULL;
  gint64 rows = 0, test_rows = 0;
  int features = 0, repeats = 3;
  const GOptionEntry entries[] = {
    { "dataset", 0, 0, G_OPTION_ARG_STRING, &dataset, "mushroom or titanic", "NAME" },
    { "binary", 0, 0, G_OPTION_ARG_FILENAME, &binary, "directory with X.f64 and y.f64", "DIR" },
    { "rows", 0, 0, G_OPTION_ARG_INT64, &rows, "training rows", "N" },
    { "test-rows", 0, 0, G_OPTION_ARG_INT64, &test_rows, "test rows", "N" },
    { "features", 0, 0, G_OPTION_ARG_INT, &features, "features", "D" },
    { "repeats", 0, 0, G_OPTION_ARG_INT, &repeats, "fits to time", "R" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- time Strata's tree fit");
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataTable) train = NULL, test = NULL;
  g_autoptr(StrataTree) tree = NULL;
  const char *target;
  GString *times = g_string_new (NULL);
  StrataTreeParams params;
  StrataMetricValues values;
  g_autofree char *status = NULL;
  double peak_mb = -1;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || repeats < 1)
    {
      fprintf (stderr, "bench-tree: %s\n", error ? error->message : "bad --repeats");
      return 2;
    }
  if (binary != NULL)
    {
      train = read_binary (binary, "train", rows, features, &error);
      if (train != NULL)
        test = read_binary (binary, "test", test_rows, features, &error);
      if (test == NULL)
        {
          fprintf (stderr, "bench-tree: %s\n", error->message);
          return 1;
        }
      target = "y";
    }
  else if (dataset != NULL)
    {
      g_autoptr(StrataTable) all = tree_dataset_load (dataset, &error);

      if (all == NULL)
        {
          fprintf (stderr, "bench-tree: %s\n", error->message);
          return 1;
        }
      tree_dataset_split (all, &train, &test);
      target = tree_dataset_target (dataset);
    }
  else
    {
      fprintf (stderr, "bench-tree: --dataset or --binary is required\n");
      return 2;
    }

  strata_tree_params_init (&params);
  params.criterion = STRATA_TREE_CRITERION_GINI;
  for (int r = 0; r < repeats; r++)
    {
      gint64 start = g_get_monotonic_time ();

      g_clear_pointer (&tree, strata_tree_unref);
      tree = strata_tree_fit (train, target, &params, NULL, NULL, NULL, &error);
      if (tree == NULL)
        {
          fprintf (stderr, "bench-tree: %s\n", error->message);
          return 1;
        }
      g_string_append_printf (times, "%s%.6f", r ? ", " : "",
                              (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC);
    }
  if (!strata_tree_evaluate (tree, test, &values, NULL, &error))
    {
      fprintf (stderr, "bench-tree: %s\n", error->message);
      return 1;
    }
  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    {
      const char *hwm = strstr (status, "VmHWM:");

      if (hwm != NULL)
        peak_mb = g_ascii_strtod (hwm + 6, NULL) / 1024.0;
    }
  printf ("{\"fit_seconds\": [%s], \"accuracy\": %.17g, \"depth\": %u, \"n_leaves\": %u, "
          "\"peak_rss_mb\": %.1f}\n", times->str, values.values[0],
          strata_tree_get_depth (tree), strata_tree_get_n_leaves (tree),
          peak_mb);
  g_string_free (times, TRUE);
  return 0;
}
