/* test-cli-apriori.c — `strata apriori` end to end
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the real executable (its path is the first argument) and checks the output contract of
 * DESIGN.md: CSV columns, " & " inside a side, RFC 4180 quoting, "inf"
 * conviction, one summary line on stderr, exit status 0 / 1 / 2. Expected
 * rows are computed by hand from a four-basket file.
 */

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

static const char *strata_exe;

typedef struct {
  char *out, *err;
  int   status;   /* exit code */
} Run;

static void
run_clear (Run *r)
{
  g_free (r->out);
  g_free (r->err);
}

static Run
run_argv (GPtrArray *argv)
{
  g_autoptr(GError) error = NULL;
  Run r = { 0 };
  int wait_status;

  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &r.out, &r.err, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  r.status = WEXITSTATUS (wait_status);
  return r;
}

/* `strata COMMAND ARGS… NULL` */
static Run
run_command (const char *command,
             const char *first,
             ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  va_list args;

  g_assert_nonnull (strata_exe);
  g_ptr_array_add (argv, (gpointer) strata_exe);
  g_ptr_array_add (argv, (gpointer) command);
  va_start (args, first);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (args);
  return run_argv (argv);
}

#define run_strata(...) run_command ("apriori", __VA_ARGS__)

/* Splits one CSV record (no embedded newlines) as RFC 4180 says. */
static char **
split_csv (const char *line)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  GString *f = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = line;; p++)
    {
      if (quoted)
        {
          g_assert_true (*p != '\0');  /* unterminated quote */
          if (*p == '"' && p[1] == '"')
            g_string_append_c (f, '"'), p++;
          else if (*p == '"')
            quoted = FALSE;
          else
            g_string_append_c (f, *p);
        }
      else if (*p == '"')
        {
          g_assert_cmpuint (f->len, ==, 0);  /* quotes open a field only */
          quoted = TRUE;
        }
      else if (*p == ',' || *p == '\0')
        {
          g_ptr_array_add (fields, g_string_free (f, FALSE));
          if (*p == '\0')
            break;
          f = g_string_new (NULL);
        }
      else
        g_string_append_c (f, *p);
    }
  g_ptr_array_add (fields, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&fields), FALSE);
}

static char **
lines_of (const char *out)
{
  g_autofree char *copy = g_strdup (out);
  g_assert_true (g_str_has_suffix (copy, "\n"));
  copy[strlen (copy) - 1] = '\0';
  return g_strsplit (copy, "\n", -1);
}

static char *
basket_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("strata-cli-XXXXXX", &error);
  char *path = g_build_filename (dir, "baskets.csv", NULL);

  /* N = 4; s(salt) = 0.5, s(bread) = s(milk) = 0.75,
   * s(salt, bread) = 0.5, s(bread, milk) = 0.5, s(salt, milk) = 0.25 */
  g_assert_true (g_file_set_contents (path,
                                      "\"salt, coarse\",bread\n"
                                      "\"salt, coarse\",bread,milk\n"
                                      "milk\n"
                                      "bread,milk\n", -1, &error));
  return path;
}

static void
remove_basket (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_remove (path);
  g_rmdir (dir);
}

static void
assert_row (GHashTable *rows,
            const char *antecedent,
            const char *consequent,
            const double want[5])
{
  g_autofree char *key = g_strconcat (antecedent, "\n", consequent, NULL);
  char **f = g_hash_table_lookup (rows, key);

  g_assert_nonnull (f);
  for (guint c = 0; c < 5; c++)
    {
      double got = g_ascii_strtod (f[2 + c], NULL);
      if (isinf (want[c]))
        g_assert_cmpstr (f[2 + c], ==, "inf");
      else
        g_assert_cmpfloat_with_epsilon (got, want[c], 1e-12);
    }
}

static void
test_rules (void)
{
  g_autofree char *path = basket_file ();
  Run r = run_strata (path, "--min-support", "0.5", "--min-confidence", "0.6", NULL);
  g_auto(GStrv) lines = NULL;
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                      (GDestroyNotify) g_strfreev);
  const double s_b[5] = { 0.5, 1.0, 1.0 / 0.75, 0.5 - 0.5 * 0.75, INFINITY };
  const double b_s[5] = { 0.5, 2.0 / 3.0, (2.0 / 3.0) / 0.5, 0.125, 0.5 / (1.0 / 3.0) };
  const double b_m[5] = { 0.5, 2.0 / 3.0, (2.0 / 3.0) / 0.75, 0.5 - 0.5625, 0.25 / (1.0 / 3.0) };

  g_assert_cmpint (r.status, ==, 0);
  lines = lines_of (r.out);
  g_assert_cmpstr (lines[0], ==, "antecedent,consequent,support,confidence,lift,leverage,conviction");
  g_assert_cmpuint (g_strv_length (lines), ==, 5);  /* header + 4 rules */
  for (guint i = 1; lines[i] != NULL; i++)
    {
      char **f = split_csv (lines[i]);
      g_assert_cmpuint (g_strv_length (f), ==, 7);
      g_hash_table_insert (rows, g_strconcat (f[0], "\n", f[1], NULL), f);
    }
  assert_row (rows, "salt, coarse", "bread", s_b);
  assert_row (rows, "bread", "salt, coarse", b_s);
  assert_row (rows, "bread", "milk", b_m);
  assert_row (rows, "milk", "bread", b_m);
  /* the item with a comma is quoted, exactly once */
  g_assert_nonnull (strstr (r.out, "\n\"salt, coarse\",bread,0.5,1,"));

  /* one summary line on stderr */
  g_assert_true (g_str_has_suffix (r.err, "\n"));
  g_assert_true (strchr (r.err, '\n') == r.err + strlen (r.err) - 1);
  g_assert_nonnull (strstr (r.err, "4 rules"));
  run_clear (&r);
  remove_basket (path);
}

static void
test_any_consequent (void)
{
  g_autofree char *path = basket_file ();
  Run r = run_strata (path, "--min-support", "0.25", "--min-confidence", "0", "--max-consequent", "0",
                      "--input", "basket", NULL);

  /* min support 0.25 = 1 transaction: the triple gives rules with two-item
   * consequents, joined by " & " and rarest item first */
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "\nmilk,\"salt, coarse & bread\",0.25,"));
  g_assert_nonnull (strstr (r.out, "\n\"salt, coarse & milk\",bread,0.25,1,"));
  run_clear (&r);
  remove_basket (path);
}

static void
test_filters (void)
{
  g_autofree char *path = basket_file ();
  Run r = run_strata (path, "--min-support", "0.5", "--min-confidence", "0.6",
                      "--consequent", "bread", NULL);
  g_auto(GStrv) lines = NULL;

  /* of the four rules, two have bread as consequent */
  g_assert_cmpint (r.status, ==, 0);
  lines = lines_of (r.out);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_true (g_str_has_prefix (lines[1], "\"salt, coarse\",bread,") ||
                 g_str_has_prefix (lines[1], "milk,bread,"));
  g_assert_true (g_str_has_prefix (lines[2], "\"salt, coarse\",bread,") ||
                 g_str_has_prefix (lines[2], "milk,bread,"));
  run_clear (&r);

  r = run_strata (path, "--antecedent", "butter", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "antecedent_items"));
  g_assert_nonnull (strstr (r.err, "butter"));
  run_clear (&r);
  remove_basket (path);
}

static void
test_itemsets (void)
{
  g_autofree char *path = basket_file ();
  Run r = run_strata (path, "--itemsets", "--min-support", "0.5", NULL);
  g_auto(GStrv) lines = NULL;

  g_assert_cmpint (r.status, ==, 0);
  lines = lines_of (r.out);
  g_assert_cmpstr (lines[0], ==, "itemset,count,support");
  /* 3 items, then {salt, bread} and {bread, milk}, rarest item first */
  g_assert_cmpuint (g_strv_length (lines), ==, 6);
  g_assert_cmpstr (lines[1], ==, "\"salt, coarse\",2,0.5");
  g_assert_cmpstr (lines[4], ==, "\"salt, coarse & bread\",2,0.5");
  g_assert_cmpstr (lines[5], ==, "bread & milk,2,0.5");
  run_clear (&r);
  remove_basket (path);
}

static void
test_groceries_count (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("STRATA_SOURCE_ROOT"), "data", "datasets",
                                            "groceries.csv", NULL);
  Run r = run_strata (path, "--itemsets", "--min-support", "0.01", NULL);
  g_auto(GStrv) lines = NULL;

  /* 333 itemsets, as tests/fixtures/apriori/groceries-0.01.itemsets */
  g_assert_cmpint (r.status, ==, 0);
  lines = lines_of (r.out);
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 333);
  g_assert_nonnull (strstr (r.err, "(basket)"));
  g_assert_nonnull (strstr (r.err, "333 itemsets"));
  run_clear (&r);
}

static void
test_exit_status (void)
{
  g_autofree char *path = basket_file ();
  struct { const char *args[4]; int status; const char *in_err; } cases[] = {
    { { NULL }, 2, "expected one FILE" },
    { { path, "--input", "xml", NULL }, 2, "--input" },
    { { path, "--min-support", "0", NULL }, 2, "--min-support" },
    { { path, "--min-confidence", "2", NULL }, 2, "--min-confidence" },
    { { path, "--sort", "beauty", NULL }, 2, "beauty" },
    { { "/nonexistent/baskets.csv", "--input", "basket", NULL }, 1, "/nonexistent/baskets.csv" },
    { { path, "--input", "fimi", NULL }, 1, "baskets.csv:1:1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Run r = run_strata (cases[i].args[0], cases[i].args[1], cases[i].args[2], cases[i].args[3], NULL);
      g_assert_cmpint (r.status, ==, cases[i].status);
      g_assert_nonnull (strstr (r.err, cases[i].in_err));
      if (cases[i].status == 1)  /* a one-line error */
        g_assert_true (strchr (r.err, '\n') == r.err + strlen (r.err) - 1);
      g_assert_cmpstr (r.out, ==, "");
      run_clear (&r);
    }
  remove_basket (path);
}

static void
test_table_input (void)
{
  g_autofree char *iris = g_build_filename (g_getenv ("STRATA_SOURCE_ROOT"), "data", "datasets",
                                            "iris.csv", NULL);
  g_autofree char *mushroom = g_build_filename (g_getenv ("STRATA_SOURCE_ROOT"), "data", "datasets",
                                                "mushroom-uci", "agaricus-lepiota.data", NULL);
  Run r = run_strata (iris, NULL);

  /* iris.csv is detected as a table; its numeric columns need discretizing */
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "“sepal_length”"));
  g_assert_nonnull (strstr (r.err, "discretize"));
  run_clear (&r);

  /* 329 itemsets, as tests/fixtures/apriori/mushroom-0.45.itemsets */
  r = run_strata (mushroom, "--input", "table", "--itemsets", "--min-support", "0.45", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.err, "329 itemsets"));
  g_assert_nonnull (strstr (r.out, "\n5=f,4748,"));  /* bruises=no, as the fixture */
  run_clear (&r);
}

/* The example workflow through `strata run`: the same numbers as the
 * fixtures (groceries at 0.01 / 0.3: 333 itemsets, 125 rules). */
static void
test_run_example (void)
{
  g_autofree char *example = g_build_filename (g_getenv ("STRATA_SOURCE_ROOT"), "resources",
                                               "examples", "groceries-apriori.strata", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("strata-run-XXXXXX", &error);
  g_autofree char *rules_path = g_build_filename (dir, "apriori.rules.csv", NULL);
  g_autofree char *sets_path = g_build_filename (dir, "apriori.itemsets.csv", NULL);
  g_autofree char *report_path = g_build_filename (dir, "report.json", NULL);
  g_autofree char *rules = NULL, *sets = NULL, *report = NULL;
  g_auto(GStrv) lines = NULL;
  Run r = run_command ("run", example, "--out", dir, "--quiet", NULL);

  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_file_get_contents (rules_path, &rules, NULL, &error));
  g_assert_true (g_file_get_contents (sets_path, &sets, NULL, &error));
  g_assert_true (g_file_get_contents (report_path, &report, NULL, &error));
  lines = lines_of (rules);
  g_assert_cmpstr (lines[0], ==, "antecedent,consequent,support,confidence,lift,leverage,conviction");
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 125);
  g_clear_pointer (&lines, g_strfreev);
  lines = lines_of (sets);
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 333);
  g_assert_nonnull (strstr (report, "\"n_rules\" : 125"));
  g_assert_nonnull (strstr (report, "\"n_itemsets\" : 333"));
  run_clear (&r);
  g_remove (rules_path);
  g_remove (sets_path);
  g_remove (report_path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  if (argc < 2)
    {
      g_printerr ("usage: %s STRATA-EXECUTABLE\n", argv[0]);
      return 2;
    }
  strata_exe = argv[1];

  g_test_add_func ("/Cli/apriori/rules", test_rules);
  g_test_add_func ("/Cli/apriori/any-consequent", test_any_consequent);
  g_test_add_func ("/Cli/apriori/filters", test_filters);
  g_test_add_func ("/Cli/apriori/itemsets", test_itemsets);
  g_test_add_func ("/Cli/apriori/groceries", test_groceries_count);
  g_test_add_func ("/Cli/apriori/exit-status", test_exit_status);
  g_test_add_func ("/Cli/apriori/table-input", test_table_input);
  g_test_add_func ("/Cli/apriori/run-example", test_run_example);
  return g_test_run ();
}
