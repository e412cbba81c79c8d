/* cli-tree.c — `strata tree FILE.csv --target COLUMN …`: fit and measure a
 * CART tree
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints one JSON object on stdout (DESIGN.md): the metrics on the --test
 * file, the mean over --folds K folds, or on the training rows when neither
 * is given; plus fit_seconds (fitting the final tree on FILE, reading
 * excluded), depth and n_leaves. --save writes the tree in Strata's model
 * format.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "strata-cli.h"
#include "strata-csv.h"
#include "strata-param.h"
#include "strata-tree.h"

static void
add_metrics (JsonBuilder        *b,
             const char *const  *names,
             const double       *values,
             guint               n)
{
  for (guint i = 0; i < n; i++)
    {
      json_builder_set_member_name (b, names[i]);
      json_builder_add_double_value (b, values[i]);
    }
}

static StrataTable *
read_csv (const char  *path,
          GError     **error)
{
  g_autoptr(GPtrArray) warnings = NULL;
  StrataTable *table = strata_csv_read_file (path, NULL, NULL, NULL, NULL, &warnings, error);

  for (guint i = 0; warnings != NULL && i < warnings->len; i++)
    fprintf (stderr, "strata: warning: %s\n", (const char *) g_ptr_array_index (warnings, i));
  return table;
}

int
strata_cli_tree (int    argc,
                 char **argv)
{
  g_autofree char *target = NULL, *test_path = NULL, *criterion = NULL, *save = NULL;
  int folds = 0, max_depth = 0, min_samples_leaf = 1;
  gint64 seed = 0;
  const GOptionEntry entries[] = {
    { "target", 't', 0, G_OPTION_ARG_STRING, &target, "The column to predict (required)", "COLUMN" },
    { "test", 0, 0, G_OPTION_ARG_FILENAME, &test_path, "Measure on this CSV file", "FILE.csv" },
    { "folds", 'k', 0, G_OPTION_ARG_INT, &folds, "Measure by K-fold cross-validation (stratified for classes)", "K" },
    { "criterion", 0, 0, G_OPTION_ARG_STRING, &criterion,
      "gini, entropy or squared_error (default: gini for a categorical target, squared_error for a numeric one)",
      "NAME" },
    { "max-depth", 0, 0, G_OPTION_ARG_INT, &max_depth, "Maximum depth (default: unlimited)", "N" },
    { "min-samples-leaf", 0, 0, G_OPTION_ARG_INT, &min_samples_leaf, "Minimum rows in a leaf (default 1)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Seed for feature draws and folds (default 0)", "N" },
    { "save", 0, 0, G_OPTION_ARG_FILENAME, &save, "Save the fitted tree in Strata's model format", "MODEL" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataTable) table = NULL, test = NULL;
  g_autoptr(StrataTree) tree = NULL;
  g_autoptr(StrataCrossValidation) cv = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  StrataMetricValues values = { 0 };
  StrataTreeParams params;
  gint64 start;
  double fit_seconds;

  if (!strata_cli_parse ("tree", "FILE.csv --target COLUMN",
                         "Fit a CART decision tree and print its metrics as JSON.",
                         entries, &argc, &argv))
    return STRATA_EXIT_USAGE;
  if (argc != 2)
    return strata_cli_usage ("tree", "expected exactly one FILE.csv");
  if (target == NULL)
    return strata_cli_usage ("tree", "--target COLUMN is required");
  if (test_path != NULL && folds != 0)
    return strata_cli_usage ("tree", "--test and --folds exclude each other");
  if (folds != 0 && folds < 2)
    return strata_cli_usage ("tree", "--folds must be at least 2, not %d", folds);
  if (max_depth < 0)
    return strata_cli_usage ("tree", "--max-depth must be ≥ 0, not %d", max_depth);
  if (min_samples_leaf < 1)
    return strata_cli_usage ("tree", "--min-samples-leaf must be ≥ 1, not %d", min_samples_leaf);

  strata_tree_params_init (&params);
  if (criterion != NULL && (!strata_tree_criterion_from_string (criterion, &params.criterion) ||
                            params.criterion == STRATA_TREE_CRITERION_AUTO))
    return strata_cli_usage ("tree", "--criterion must be gini, entropy or squared_error, not “%s”",
                             criterion);
  params.max_depth = max_depth;
  params.min_samples_leaf = min_samples_leaf;
  params.random_state = (guint64) seed;

  table = read_csv (argv[1], &error);
  if (table == NULL)
    return strata_cli_fail ("%s", error->message);
  if (test_path != NULL && (test = read_csv (test_path, &error)) == NULL)
    return strata_cli_fail ("%s", error->message);

  if (folds != 0)
    {
      cv = strata_tree_cross_validate (table, target, &params, folds, (guint64) seed, NULL, &error);
      if (cv == NULL)
        return strata_cli_fail ("%s: %s", argv[1], error->message);
    }

  start = g_get_monotonic_time ();
  tree = strata_tree_fit (table, target, &params, NULL, NULL, NULL, &error);
  fit_seconds = (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
  if (tree == NULL)
    return strata_cli_fail ("%s: %s", argv[1], error->message);

  if (cv == NULL &&
      !strata_tree_evaluate (tree, test != NULL ? test : table, &values, NULL, &error))
    return strata_cli_fail ("%s: %s", test != NULL ? test_path : argv[1], error->message);
  if (save != NULL && !strata_tree_save (tree, save, &error))
    return strata_cli_fail ("%s", error->message);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "target");
  json_builder_add_string_value (b, target);
  json_builder_set_member_name (b, "criterion");
  json_builder_add_string_value (b, strata_tree_criterion_to_string (strata_tree_get_criterion (tree)));
  json_builder_set_member_name (b, "evaluated_on");
  json_builder_add_string_value (b, cv != NULL ? "cross_validation" : test != NULL ? "test" : "train");
  json_builder_set_member_name (b, "rows");
  json_builder_add_int_value (b, (gint64) strata_table_get_n_rows (table));
  if (cv != NULL)
    {
      json_builder_set_member_name (b, "folds");
      json_builder_add_int_value (b, cv->k);
      add_metrics (b, cv->names, cv->mean, cv->n_metrics);
      json_builder_set_member_name (b, "std");
      json_builder_begin_object (b);
      add_metrics (b, cv->names, cv->std, cv->n_metrics);
      json_builder_end_object (b);
    }
  else
    {
      if (test != NULL)
        {
          json_builder_set_member_name (b, "test_rows");
          json_builder_add_int_value (b, (gint64) strata_table_get_n_rows (test));
        }
      add_metrics (b, values.names, values.values, values.n);
    }
  json_builder_set_member_name (b, "fit_seconds");
  json_builder_add_double_value (b, fit_seconds);
  json_builder_set_member_name (b, "depth");
  json_builder_add_int_value (b, strata_tree_get_depth (tree));
  json_builder_set_member_name (b, "n_leaves");
  json_builder_add_int_value (b, strata_tree_get_n_leaves (tree));
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json = strata_json_to_string (root, FALSE, NULL);
  printf ("%s\n", json);
  return STRATA_EXIT_OK;
}
