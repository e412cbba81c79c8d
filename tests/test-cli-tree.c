/* test-cli-tree.c — `strata tree` end to end
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the real executable (its path is the first argument) on CSV files
 * written from the bundled datasets and checks stdout, stderr and the exit
 * status against DESIGN.md; the test accuracy on iris is scikit-learn's
 * (tests/fixtures/tree/cases.json).
 */

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "strata-csv.h"
#include "strata-tree.h"
#include "tree/tree-datasets.h"

#include "common/cli-helpers.h"

static const char *strata_exe;
static char *tmp_dir;

static JsonObject *
parse_object (JsonParser *parser,
              const char *text)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_node_get_object (json_parser_get_root (parser));
}

/* Writes iris' train and test splits as CSV files in tmp_dir. */
static void
write_iris_split (char **train_path,
                  char **test_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataTable) all = tree_dataset_load ("iris", &error);
  g_autoptr(StrataTable) train = NULL, test = NULL;

  g_assert_no_error (error);
  tree_dataset_split (all, &train, &test);
  *train_path = g_build_filename (tmp_dir, "train.csv", NULL);
  *test_path = g_build_filename (tmp_dir, "test.csv", NULL);
  g_assert_true (strata_csv_write_file (train, *train_path, ',', &error));
  g_assert_true (strata_csv_write_file (test, *test_path, ',', &error));
  g_assert_no_error (error);
}

static double
sklearn_iris_accuracy (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "tree", "cases.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *cases;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  cases = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "cases");
  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);
      JsonObject *p = json_object_get_object_member (c, "params");

      if (strcmp (json_object_get_string_member (c, "dataset"), "iris") == 0 &&
          json_object_get_size (p) == 1)
        return json_object_get_double_member (c, "test_accuracy");
    }
  g_assert_not_reached ();
}

static void
test_test_file (void)
{
  g_autofree char *train = NULL, *test = NULL, *out = NULL, *err = NULL;
  g_autofree char *model = g_build_filename (tmp_dir, "iris.model", NULL);
  g_autofree char *bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o;
  gsize len;

  write_iris_split (&train, &test);
  g_assert_cmpint (cli_run (strata_exe, (const char *[]) { "tree", train, "--target", "species", "--test", test,
                                           "--save", model, NULL }, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  o = parse_object (parser, out);
  g_assert_cmpstr (json_object_get_string_member (o, "evaluated_on"), ==, "test");
  g_assert_cmpstr (json_object_get_string_member (o, "criterion"), ==, "gini");
  g_assert_cmpint (json_object_get_int_member (o, "test_rows"), ==, 38);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "accuracy"),
                                  sklearn_iris_accuracy (), 1e-9);
  g_assert_cmpfloat (json_object_get_double_member (o, "fit_seconds"), >=, 0.0);
  g_assert_cmpint (json_object_get_int_member (o, "depth"), >, 0);
  g_assert_cmpint (json_object_get_int_member (o, "n_leaves"), >, 1);
  g_assert_true (json_object_has_member (o, "macro_f1"));
  g_assert_false (json_object_has_member (o, "roc_auc"));     /* three classes */

  g_assert_true (g_file_get_contents (model, &bytes, &len, NULL));
  g_assert_cmpuint (len, >, 8);
  g_assert_cmpmem (bytes, 8, "\x89STRATA\n", 8);
  g_unlink (model);
  g_unlink (train);
  g_unlink (test);
}

static void
test_folds (void)
{
  g_autofree char *path = NULL, *out = NULL, *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *root = g_getenv ("STRATA_SOURCE_ROOT");
  JsonObject *o, *std;

  g_assert_nonnull (root);
  path = g_build_filename (root, "data", "datasets", "titanic", "train.csv", NULL);
  g_assert_cmpint (cli_run (strata_exe, (const char *[]) { "tree", path, "--target", "Survived", "--folds", "4",
                                           "--criterion", "entropy", "--max-depth", "3",
                                           "--min-samples-leaf", "2", "--seed", "7", NULL },
                        &out, &err), ==, 0);
  o = parse_object (parser, out);
  g_assert_cmpstr (json_object_get_string_member (o, "evaluated_on"), ==, "cross_validation");
  g_assert_cmpint (json_object_get_int_member (o, "folds"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (o, "rows"), ==, 891);
  g_assert_cmpint (json_object_get_int_member (o, "depth"), ==, 3);
  g_assert_cmpfloat (json_object_get_double_member (o, "accuracy"), >, 0.7);
  g_assert_cmpfloat (json_object_get_double_member (o, "roc_auc"), >, 0.7);
  std = json_object_get_object_member (o, "std");
  g_assert_nonnull (std);
  g_assert_cmpfloat (json_object_get_double_member (std, "accuracy"), >=, 0.0);
}

static void
test_errors (void)
{
  g_autofree char *iris = g_build_filename (g_getenv ("STRATA_SOURCE_ROOT"), "data", "datasets",
                                            "iris.csv", NULL);
  struct { const char *args[10]; int status; const char *in_stderr; } cases[] = {
    { { "tree", iris, NULL }, 2, "--target" },
    { { "tree", iris, "--target", "species", "--folds", "3", "--test", iris }, 2, "exclude" },
    { { "tree", iris, "--target", "species", "--criterion", "mse", NULL }, 2, "mse" },
    { { "tree", iris, "--target", "nope", NULL }, 1, "nope" },
    { { "tree", "/nonexistent/x.csv", "--target", "y", NULL }, 1, "/nonexistent/x.csv" },
    { { "tree", iris, "--target", "species", "--criterion", "squared_error", NULL }, 1, "species" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL, *err = NULL;

      g_assert_cmpint (cli_run (strata_exe, cases[i].args, &out, &err), ==, cases[i].status);
      g_assert_cmpstr (out, ==, "");
      g_assert_nonnull (strstr (err, cases[i].in_stderr));
    }
}

/* The bundled example runs, and its saved model measures on its saved test
 * rows what report.json says. */
static void
test_example_workflow (void)
{
  g_autofree char *example = g_build_filename (g_getenv ("STRATA_SOURCE_ROOT"), "resources",
                                               "examples", "iris-tree.strata", NULL);
  g_autofree char *out_dir = g_build_filename (tmp_dir, "iris-out", NULL);
  g_autofree char *report = g_build_filename (out_dir, "report.json", NULL);
  g_autofree char *model = g_build_filename (out_dir, "tree.model", NULL);
  g_autofree char *test_csv = g_build_filename (out_dir, "split.test.csv", NULL);
  g_autofree char *pred_csv = g_build_filename (out_dir, "predict.predictions.csv", NULL);
  g_autofree char *out = NULL, *err = NULL, *text = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(StrataTree) tree = NULL;
  g_autoptr(StrataTable) test = NULL, pred = NULL;
  g_autoptr(GError) error = NULL;
  StrataMetricValues values;
  JsonArray *nodes;
  double accuracy = -1;

  g_assert_cmpint (cli_run (strata_exe, (const char *[]) { "run", example, "--out", out_dir, "--quiet", NULL },
                        &out, &err), ==, 0);
  g_assert_true (g_file_get_contents (report, &text, NULL, NULL));
  nodes = json_object_get_array_member (parse_object (parser, text), "nodes");
  g_assert_cmpuint (json_array_get_length (nodes), ==, 6);
  for (guint i = 0; i < json_array_get_length (nodes); i++)
    {
      JsonObject *node = json_array_get_object_element (nodes, i);

      g_assert_cmpstr (json_object_get_string_member (node, "status"), ==, "ok");
      if (strcmp (json_object_get_string_member (node, "id"), "metrics") == 0)
        accuracy = json_object_get_double_member (json_object_get_object_member (node, "metrics"),
                                                  "accuracy");
    }
  tree = strata_tree_load (model, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strata_tree_get_depth (tree), <=, 4);
  test = strata_csv_read_file (test_csv, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (strata_tree_evaluate (tree, test, &values, NULL, &error));
  g_assert_cmpstr (values.names[0], ==, "accuracy");
  g_assert_cmpfloat_with_epsilon (values.values[0], accuracy, 1e-12);
  pred = strata_csv_read_file (pred_csv, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strata_table_get_n_rows (pred), ==, strata_table_get_n_rows (test));
  g_assert_nonnull (strata_table_lookup_column (pred, "prediction", NULL));
  cli_remove_tree (out_dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert (argc >= 2);
  strata_exe = argv[1];
  tmp_dir = g_dir_make_tmp ("strata-cli-tree-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);

  g_test_add_func ("/CliTree/test-file", test_test_file);
  g_test_add_func ("/CliTree/folds", test_folds);
  g_test_add_func ("/CliTree/errors", test_errors);
  g_test_add_func ("/CliTree/example-workflow", test_example_workflow);
  status = g_test_run ();
  g_rmdir (tmp_dir);
  g_free (tmp_dir);
  return status;
}
