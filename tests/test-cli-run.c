/* test-cli-run.c — `strata run` and `strata nodes` end to end
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the real executable (its path is the first argument) on
 * resources/examples/titanic-clean.strata and checks report.json, the
 * output CSVs (read back with the engine's reader) and the exit codes of
 * DESIGN.md: 0 success, 1 failed run with one line on stderr, 2 bad usage.
 */

#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "strata-csv.h"
#include "strata-executor.h"

#include "common/cli-helpers.h"

static const char *strata_exe;

static char *
example (void)
{
  return g_build_filename (g_getenv ("STRATA_SOURCE_ROOT"), "resources", "examples",
                           "titanic-clean.strata", NULL);
}

static StrataTable *
read_output (const char *dir,
             const char *file)
{
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autoptr(GError) error = NULL;
  StrataTable *t = strata_csv_read_file (path, NULL, NULL, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  return t;
}

static JsonObject *
read_report (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "report.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static void
test_example (void)
{
  g_autofree char *wf = example ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("strata-run-XXXXXX", &error);
  const char *args[] = { "run", wf, "--out", dir, NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonObject) report = NULL;
  JsonArray *nodes;
  const char *ids[] = { "titanic", "drop_cabin", "split", "impute_age", "one_hot" };
  g_autoptr(StrataTable) train = NULL, test = NULL, split_train = NULL, onehot = NULL;
  g_autofree gboolean *seen = g_new0 (gboolean, 892);
  StrataColumn *age_before, *age_after, *pid;
  g_autofree double *ages = NULL;
  gsize n_ages = 0;
  double median, fill = NAN;

  g_assert_cmpint (cli_run (strata_exe, args, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "");
  /* not a terminal: one plain line per event, no escape codes */
  g_assert_nonnull (strstr (err, "split: finished in "));
  g_assert_null (strstr (err, "\033["));

  report = read_report (dir);
  g_assert_cmpstr (json_object_get_string_member (report, "workflow"), ==, wf);
  g_assert_cmpfloat (json_object_get_double_member (report, "seconds"), >, 0.0);
  nodes = json_object_get_array_member (report, "nodes");
  g_assert_cmpuint (json_array_get_length (nodes), ==, G_N_ELEMENTS (ids));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      JsonObject *n = json_array_get_object_element (nodes, i);
      g_assert_cmpstr (json_object_get_string_member (n, "id"), ==, ids[i]);
      g_assert_cmpstr (json_object_get_string_member (n, "status"), ==, "ok");
      g_assert_true (json_object_has_member (n, "seconds"));
      g_assert_true (json_object_has_member (n, "metrics"));
      g_assert_false (json_object_has_member (n, "error"));
    }
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (nodes, 4), "type"), ==, "clean.one_hot");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (
                     json_array_get_object_element (nodes, 2), "metrics"), "test_rows"), ==, 179);

  /* 80/20 split, stratified: disjoint, covering, class shares kept */
  train = read_output (dir, "one_hot.table.csv");
  test = read_output (dir, "one_hot.test.csv");
  g_assert_cmpuint (strata_table_get_n_rows (train), ==, 712);
  g_assert_cmpuint (strata_table_get_n_rows (test), ==, 179);
  g_assert_cmpint (strata_table_find_column (train, "Cabin"), ==, -1);
  g_assert_cmpint (strata_table_find_column (train, "Sex"), ==, -1);
  g_assert_cmpint (strata_table_find_column (train, "Sex_female"), >=, 0);
  g_assert_cmpint (strata_table_find_column (test, "Embarked_Q"), >=, 0);
  pid = strata_table_lookup_column (train, "PassengerId", NULL);
  for (gsize r = 0; r < 712; r++)
    seen[(int) strata_column_get_numeric (pid)[r]] = TRUE;
  pid = strata_table_lookup_column (test, "PassengerId", NULL);
  for (gsize r = 0; r < 179; r++)
    {
      g_assert_false (seen[(int) strata_column_get_numeric (pid)[r]]);
      seen[(int) strata_column_get_numeric (pid)[r]] = TRUE;
    }
  for (int i = 1; i <= 891; i++)
    g_assert_true (seen[i]);

  /* Age imputed with the median of the training part only */
  split_train = read_output (dir, "split.train.csv");
  age_before = strata_table_lookup_column (split_train, "Age", NULL);
  age_after = strata_table_lookup_column (train, "Age", NULL);
  ages = g_new (double, 712);
  for (gsize r = 0; r < 712; r++)
    if (!strata_column_is_missing (age_before, r))
      ages[n_ages++] = strata_column_get_numeric (age_before)[r];
    else
      fill = strata_column_get_numeric (age_after)[r];
  qsort (ages, n_ages, sizeof (double), compare_doubles);
  median = n_ages % 2 ? ages[n_ages / 2] : (ages[n_ages / 2 - 1] + ages[n_ages / 2]) / 2;
  g_assert_cmpuint (n_ages, <, 712);
  g_assert_cmpfloat (fill, ==, median);
  g_assert_cmpuint (strata_column_get_n_missing (age_after), ==, 0);
  g_assert_cmpuint (strata_column_get_n_missing (strata_table_lookup_column (test, "Age", NULL)), ==, 0);

  /* one-hot of a missing Embarked is all zeros; every other row has one 1 */
  onehot = g_steal_pointer (&train);
  for (gsize r = 0; r < 712; r++)
    {
      double ones = strata_column_get_numeric (strata_table_lookup_column (onehot, "Embarked_C", NULL))[r] +
                    strata_column_get_numeric (strata_table_lookup_column (onehot, "Embarked_Q", NULL))[r] +
                    strata_column_get_numeric (strata_table_lookup_column (onehot, "Embarked_S", NULL))[r];
      g_assert_true (ones == 0.0 || ones == 1.0);
    }
  cli_remove_tree (dir);
}

/* Same seed, same output bytes; --set changes the seed of the split. */
static void
test_reproducible (void)
{
  g_autofree char *wf = example ();
  g_autofree char *a = g_dir_make_tmp ("strata-run-XXXXXX", NULL);
  g_autofree char *b = g_dir_make_tmp ("strata-run-XXXXXX", NULL);
  g_autofree char *c = g_dir_make_tmp ("strata-run-XXXXXX", NULL);
  const char *args_a[] = { "run", wf, "--out", a, "--quiet", NULL };
  const char *args_b[] = { "run", wf, "--out", b, "--quiet", NULL };
  const char *args_c[] = { "run", wf, "--out", c, "--quiet", "--set", "split.seed=5", NULL };
  g_autofree char *pa = g_build_filename (a, "split.test.csv", NULL);
  g_autofree char *pb = g_build_filename (b, "split.test.csv", NULL);
  g_autofree char *pc = g_build_filename (c, "split.test.csv", NULL);
  g_autofree char *ta = NULL, *tb = NULL, *tc = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (cli_run (strata_exe, args_a, NULL, NULL), ==, 0);
  g_assert_cmpint (cli_run (strata_exe, args_b, NULL, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");     /* --quiet */
  g_assert_cmpint (cli_run (strata_exe, args_c, NULL, NULL), ==, 0);
  g_file_get_contents (pa, &ta, NULL, NULL);
  g_file_get_contents (pb, &tb, NULL, NULL);
  g_file_get_contents (pc, &tc, NULL, NULL);
  g_assert_cmpstr (ta, ==, tb);
  g_assert_cmpstr (ta, !=, tc);
  cli_remove_tree (a);
  cli_remove_tree (b);
  cli_remove_tree (c);
}

/* A network through `strata run` (which loads OpenBLAS only when the
 * first product needs it, app/cli-blas.c) gives the same numbers, to the
 * last bit, as the engine run in this process (OpenBLAS linked as usual). */
static void
test_network (void)
{
  g_autofree char *wf = g_build_filename (g_getenv ("STRATA_SOURCE_ROOT"), "resources", "examples",
                                          "airline-lstm.strata", NULL);
  g_autofree char *dir = g_dir_make_tmp ("strata-run-XXXXXX", NULL);
  const char *args[] = { "run", wf, "--out", dir, "--quiet",
                         "--set", "lstm.epochs=3", "--set", "lstm.n_jobs=2", NULL };
  g_autoptr(JsonObject) report = NULL;
  g_autoptr(StrataRegistry) registry = strata_registry_new_default ();
  g_autoptr(GError) error = NULL;
  StrataWorkflow *workflow;
  StrataExecutor *ex;
  g_autoptr(StrataNodeResult) here = NULL;
  JsonArray *nodes;
  double loss = NAN, cli_loss = NAN;

  g_assert_cmpint (cli_run (strata_exe, args, NULL, NULL), ==, 0);
  report = read_report (dir);
  nodes = json_object_get_array_member (report, "nodes");
  for (guint i = 0; i < json_array_get_length (nodes); i++)
    {
      JsonObject *n = json_array_get_object_element (nodes, i);

      g_assert_cmpstr (json_object_get_string_member (n, "status"), ==, "ok");
      if (g_str_equal (json_object_get_string_member (n, "id"), "lstm"))
        cli_loss = json_object_get_double_member (json_object_get_object_member (n, "metrics"), "loss");
    }
  g_assert_true (isfinite (cli_loss));

  workflow = strata_workflow_load (registry, wf, &error);
  g_assert_no_error (error);
  g_assert_true (strata_workflow_apply_setting (workflow, "lstm.epochs=3", &error));
  g_assert_true (strata_workflow_apply_setting (workflow, "lstm.n_jobs=2", &error));
  ex = strata_executor_new ();
  g_assert_true (strata_executor_run (ex, workflow, NULL, &error));
  g_assert_no_error (error);
  here = strata_executor_dup_result (ex, "lstm");
  g_assert_true (strata_metrics_lookup (here->metrics, "loss", &loss));
  g_assert_cmpfloat (loss, ==, cli_loss);
  strata_executor_free (ex);
  strata_workflow_free (workflow);
  cli_remove_tree (dir);
}

static void
assert_one_line (const char *err,
                 const char *needle)
{
  g_assert_true (g_str_has_prefix (err, "strata: "));
  g_assert_nonnull (strstr (err, needle));
  g_assert_cmpint (strchr (err, '\n') - err, ==, (int) strlen (err) - 1);
}

static void
test_exit_codes (void)
{
  g_autofree char *wf = example ();
  g_autofree char *dir = g_dir_make_tmp ("strata-run-XXXXXX", NULL);
  g_autofree char *err = NULL;
  const char *no_args[] = { "run", NULL };
  const char *bad_set[] = { "run", wf, "--set", "nonsense", "--out", dir, NULL };
  const char *bad_option[] = { "run", wf, "--frobnicate", NULL };
  const char *range[] = { "run", wf, "--set", "split.test_size=2", "--out", dir, NULL };
  const char *ghost[] = { "run", wf, "--set", "ghost.test_size=0.1", "--out", dir, NULL };
  const char *missing[] = { "run", "/nonexistent.strata", "--out", dir, NULL };

  g_assert_cmpint (cli_run (strata_exe, no_args, NULL, &err), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli_run (strata_exe, bad_set, NULL, &err), ==, 2);
  g_assert_nonnull (strstr (err, "ID.PARAM=VALUE"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli_run (strata_exe, bad_option, NULL, &err), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli_run (strata_exe, range, NULL, &err), ==, 1);
  assert_one_line (err, "node “split” (clean.split): parameter “test_size”: 2 is outside (0, 1)");
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli_run (strata_exe, ghost, NULL, &err), ==, 1);
  assert_one_line (err, "there is no node “ghost”");
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli_run (strata_exe, missing, NULL, &err), ==, 1);
  assert_one_line (err, "/nonexistent.strata");
  cli_remove_tree (dir);
}

/* A node that fails: exit 1, one line, and report.json still tells which
 * nodes failed and which ran. */
static void
test_failed_run_report (void)
{
  g_autofree char *wf = example ();
  g_autofree char *dir = g_dir_make_tmp ("strata-run-XXXXXX", NULL);
  const char *args[] = { "run", wf, "--out", dir, "--set", "impute_age.columns=Agee", NULL };
  g_autofree char *err = NULL;
  g_autoptr(JsonObject) report = NULL;
  JsonArray *nodes;
  g_autofree char *split_csv = g_build_filename (dir, "split.train.csv", NULL);
  g_autofree char *last_line = NULL;
  const char *nl;

  g_assert_cmpint (cli_run (strata_exe, args, NULL, &err), ==, 1);
  /* the last line is the one-line summary */
  nl = g_strrstr_len (err, strlen (err) - 1, "\n");
  last_line = g_strdup (nl != NULL ? nl + 1 : err);
  assert_one_line (last_line, "node “impute_age” (clean.impute): parameter “columns”: no column “Agee”");
  report = read_report (dir);
  nodes = json_object_get_array_member (report, "nodes");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (nodes, 2), "status"), ==, "ok");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (nodes, 3), "status"), ==, "failed");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (nodes, 4), "status"), ==, "failed");
  g_assert_nonnull (strstr (json_object_get_string_member (json_array_get_object_element (nodes, 4), "error"),
                            "because node “impute_age” failed"));
  g_assert_true (g_file_test (split_csv, G_FILE_TEST_EXISTS));
  cli_remove_tree (dir);
}

static void
test_nodes_json (void)
{
  const char *args[] = { "nodes", "--json", NULL };
  const char *text_args[] = { "nodes", NULL };
  g_autofree char *out = NULL, *text = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *nodes;
  const char *want[] = { "data.csv", "data.example", "clean.select", "clean.drop_missing",
                         "clean.impute", "clean.normalize", "clean.one_hot", "clean.discretize",
                         "clean.filter", "clean.dedupe", "clean.split", "clean.window" };
  gboolean found_split_param = FALSE;

  g_assert_cmpint (cli_run (strata_exe, args, &out, NULL), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  nodes = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "nodes");
  for (guint w = 0; w < G_N_ELEMENTS (want); w++)
    {
      gboolean found = FALSE;
      for (guint i = 0; i < json_array_get_length (nodes); i++)
        {
          JsonObject *n = json_array_get_object_element (nodes, i);
          if (strcmp (json_object_get_string_member (n, "id"), want[w]) != 0)
            continue;
          found = TRUE;
          g_assert_true (json_object_has_member (n, "inputs"));
          g_assert_true (json_object_has_member (n, "outputs"));
          if (strcmp (want[w], "clean.split") == 0)
            {
              JsonArray *params = json_object_get_array_member (n, "params");
              JsonObject *p0 = json_array_get_object_element (params, 0);
              g_assert_cmpstr (json_object_get_string_member (p0, "name"), ==, "test_size");
              g_assert_cmpstr (json_object_get_string_member (p0, "range"), ==, "(0, 1)");
              g_assert_cmpfloat (json_object_get_double_member (p0, "default"), ==, 0.25);
              found_split_param = TRUE;
            }
        }
      if (!found)
        g_error ("strata nodes --json lacks %s", want[w]);
    }
  g_assert_true (found_split_param);
  g_assert_cmpint (cli_run (strata_exe, text_args, &text, NULL), ==, 0);
  g_assert_nonnull (strstr (text, "clean.impute — Impute"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert (argc >= 2);
  strata_exe = argv[1];
  g_test_add_func ("/Cli/run/example", test_example);
  g_test_add_func ("/Cli/run/reproducible", test_reproducible);
  g_test_add_func ("/Cli/run/network", test_network);
  g_test_add_func ("/Cli/run/exit-codes", test_exit_codes);
  g_test_add_func ("/Cli/run/failed-report", test_failed_run_report);
  g_test_add_func ("/Cli/nodes/json", test_nodes_json);
  return g_test_run ();
}
