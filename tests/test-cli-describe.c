/* test-cli-describe.c — `strata describe` end to end
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the real executable (its path is the first argument) and checks its
 * stdout, stderr and exit status against DESIGN.md's contract.
 */

#include <string.h>

#include <json-glib/json-glib.h>

#include "common/cli-helpers.h"

static const char *strata_exe;

static char *
source_path (const char *first,
             ...)
{
  /* G_TEST_DIST is tests/; datasets live in data/ next to it. */
  g_autofree char *tests = g_test_build_filename (G_TEST_DIST, ".", NULL);
  g_autofree char *rest = NULL;
  va_list args;

  va_start (args, first);
  rest = g_build_filename_valist (first, &args);
  va_end (args);
  return g_build_filename (tests, "..", rest, NULL);
}

static void
test_describe_iris (void)
{
  g_autofree char *iris = source_path ("data", "datasets", "iris.csv", NULL);
  const char *args[] = { "describe", iris, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *columns;

  g_assert_cmpint (cli_run (strata_exe, args, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (root, "rows"), ==, 150);
  columns = json_object_get_array_member (root, "columns");
  g_assert_cmpuint (json_array_get_length (columns), ==, 5);
  for (guint j = 0; j < 5; j++)
    {
      JsonObject *c = json_array_get_object_element (columns, j);
      g_assert_cmpuint (json_object_get_size (c), ==, 3);
      g_assert_cmpstr (json_object_get_string_member (c, "type"), ==, j < 4 ? "numeric" : "categorical");
      g_assert_cmpint (json_object_get_int_member (c, "missing"), ==, 0);
    }
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (columns, 0), "name"),
                   ==, "sepal_length");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (columns, 4), "name"),
                   ==, "species");
}

static void
test_describe_titanic_missing (void)
{
  g_autofree char *titanic = source_path ("data", "datasets", "titanic", "train.csv", NULL);
  const char *args[] = { "describe", titanic, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (cli_run (strata_exe, args, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "{\"name\":\"Age\",\"type\":\"numeric\",\"missing\":177}"));
  g_assert_nonnull (strstr (out, "{\"name\":\"Cabin\",\"type\":\"text\",\"missing\":687}"));
  g_assert_nonnull (strstr (out, "{\"name\":\"Embarked\",\"type\":\"categorical\",\"missing\":2}"));
}

static void
test_describe_errors (void)
{
  g_autofree char *ragged = source_path ("tests", "data", "bad", "ragged.csv", NULL);
  const char *missing_args[] = { "describe", "/nonexistent.csv", NULL };
  const char *ragged_args[] = { "describe", ragged, NULL };
  const char *usage_args[] = { "describe", NULL };
  const char *bad_option[] = { "describe", "--header", "maybe", ragged, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (cli_run (strata_exe, missing_args, &out, &err), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "/nonexistent.csv"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (cli_run (strata_exe, ragged_args, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "ragged.csv: line 3"));
  g_assert_true (g_str_has_suffix (err, "\n"));
  g_assert_cmpint (strchr (err, '\n') - err, ==, (int) strlen (err) - 1);  /* one line */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (cli_run (strata_exe, usage_args, &out, &err), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli_run (strata_exe, bad_option, &out, &err), ==, 2);
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

  g_test_add_func ("/Cli/describe/iris", test_describe_iris);
  g_test_add_func ("/Cli/describe/titanic-missing", test_describe_titanic_missing);
  g_test_add_func ("/Cli/describe/errors", test_describe_errors);
  return g_test_run ();
}
