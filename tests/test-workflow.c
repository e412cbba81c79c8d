/* test-workflow.c — the .strata document: round trip, unknown members,
 * relative paths, atomic save, editing, and every class of invalid file
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <string.h>

#include "strata-workflow.h"

static StrataRegistry *registry;

static char *
example_path (void)
{
  return g_build_filename (g_getenv ("STRATA_SOURCE_ROOT"), "resources", "examples",
                           "titanic-clean.strata", NULL);
}

static StrataWorkflow *
parse (const char  *text,
       GError     **error)
{
  return strata_workflow_load_from_data (registry, text, strlen (text), "/data", "t.strata", error);
}

/* The document's meaning as a string: nodes, params (set ones), links. */
static char *
summary (StrataWorkflow *wf)
{
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "seed=%" G_GUINT64_FORMAT "\n", strata_workflow_get_seed (wf));
  for (guint i = 0; i < strata_workflow_get_n_nodes (wf); i++)
    {
      const char *id = strata_workflow_get_node_id (wf, i);
      StrataParams *p = strata_workflow_get_params (wf, id);
      g_autofree char *key = strata_params_to_key (p);
      double x, y;

      strata_workflow_get_position (wf, id, &x, &y);
      g_string_append_printf (s, "%s %s %s @%g,%g\n", id, strata_workflow_get_node_type (wf, id)->id, key, x, y);
    }
  for (guint i = 0; i < strata_workflow_get_n_links (wf); i++)
    {
      const char *a, *b, *c, *d;
      strata_workflow_get_link (wf, i, &a, &b, &c, &d);
      g_string_append_printf (s, "%s:%s -> %s:%s\n", a, b, c, d);
    }
  return g_string_free (s, FALSE);
}

static void
test_round_trip (void)
{
  g_autofree char *path = example_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkflow) wf = strata_workflow_load (registry, path, &error);
  g_autofree char *dir = g_dir_make_tmp ("strata-wf-XXXXXX", &error);
  g_autofree char *sub = g_build_filename (dir, "deeper", NULL);
  g_autofree char *copy = g_build_filename (sub, "copy.strata", NULL);
  g_autoptr(StrataWorkflow) again = NULL;
  g_autofree char *a = NULL, *b = NULL, *text = NULL;
  g_autofree char *csv = g_build_filename (g_getenv ("STRATA_SOURCE_ROOT"), "data", "datasets",
                                           "titanic", "train.csv", NULL);
  g_autofree char *csv_real = g_canonicalize_filename (csv, NULL);

  g_assert_no_error (error);
  g_assert_cmpuint (strata_workflow_get_n_nodes (wf), ==, 5);
  g_assert_cmpuint (strata_workflow_get_n_links (wf), ==, 6);
  g_assert_cmpuint (strata_workflow_get_seed (wf), ==, 42);
  /* the relative path was resolved against the file's folder */
  g_assert_cmpstr (strata_params_get_string (strata_workflow_get_params (wf, "titanic"), "path"), ==, csv_real);

  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  g_assert_true (strata_workflow_save (wf, copy, &error));
  g_assert_no_error (error);
  g_file_get_contents (copy, &text, NULL, &error);
  /* stored relative to the new location */
  g_assert_null (strstr (text, "\"path\" : \"/"));
  g_assert_nonnull (strstr (text, "\"path\" : \"../"));
  again = strata_workflow_load (registry, copy, &error);
  g_assert_no_error (error);
  a = summary (wf);
  b = summary (again);
  g_assert_cmpstr (a, ==, b);
  /* defaults are not written: only what the file set */
  g_assert_null (strstr (text, "\"shuffle\""));

  g_unlink (copy);
  g_rmdir (sub);
  g_rmdir (dir);
}

static void
test_unknown_members_kept (void)
{
  const char *text =
    "{\"format\": \"strata-workflow\", \"version\": 1, \"comment\": \"by hand\","
    " \"canvas\": {\"zoom\": 1.5},"
    " \"nodes\": [{\"id\": \"a\", \"type\": \"data.example\", \"color\": \"red\"},"
    "            {\"id\": \"b\", \"type\": \"clean.dedupe\", \"note\": [1, 2]}],"
    " \"links\": [{\"from\": \"a:table\", \"to\": \"b:table\", \"label\": \"raw\"}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkflow) wf = parse (text, &error);
  g_autofree char *out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *node_a, *node_b, *link;

  g_assert_no_error (error);
  out = strata_workflow_to_data (wf, NULL, NULL);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "comment"), ==, "by hand");
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (root, "canvas"), "zoom"), ==, 1.5);
  node_a = json_array_get_object_element (json_object_get_array_member (root, "nodes"), 0);
  node_b = json_array_get_object_element (json_object_get_array_member (root, "nodes"), 1);
  link = json_array_get_object_element (json_object_get_array_member (root, "links"), 0);
  g_assert_cmpstr (json_object_get_string_member (node_a, "color"), ==, "red");
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (node_b, "note")), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (link, "label"), ==, "raw");
  g_assert_cmpstr (json_object_get_string_member (link, "from"), ==, "a:table");
}

/* json-glib 1.6 writes 1e20 as "1e+20.0" and infinity as "inf.0"; what
 * Strata saves must load again (found by the fuzzer). Doubles are written in
 * their shortest exact form: 0.1, not 0.10000000000000001. */
static void
test_numbers_stay_json (void)
{
  const char *text =
    "{\"format\": \"strata-workflow\", \"version\": 1, \"big\": [1e400, -1e400, 1e20, -2.5e300],"
    " \"small\": [0.1, 0.3],"
    " \"nodes\": [{\"id\": \"a\", \"type\": \"clean.dedupe\", \"position\": [1e20, -3e19]}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkflow) wf = parse (text, &error);
  g_autoptr(StrataWorkflow) again = NULL;
  g_autofree char *out = NULL;
  gsize len;
  double x, y;

  g_assert_no_error (error);
  out = strata_workflow_to_data (wf, NULL, &len);
  g_assert_null (strstr (out, ".0"));
  g_assert_null (strstr (out, "inf"));
  again = strata_workflow_load_from_data (registry, out, len, "/data", "t.strata", &error);
  g_assert_no_error (error);
  g_assert_true (strata_workflow_get_position (again, "a", &x, &y));
  g_assert_cmpfloat (x, ==, 1e20);
  g_assert_cmpfloat (y, ==, -3e19);
  g_assert_nonnull (strstr (out, "null"));
  g_assert_nonnull (strstr (out, "e+300"));
  g_assert_nonnull (strstr (out, "0.1"));
  g_assert_null (strstr (out, "0.29999999999999999"));
  g_assert_null (strstr (out, "0.10000000000000001"));
}

typedef struct {
  const char *name;
  const char *text;
  int         code;
  const char *message;   /* the whole message, after "t.strata: " */
} BadFile;

#define HEAD "{\"format\": \"strata-workflow\", \"version\": 1, "
#define SRC "{\"id\": \"src\", \"type\": \"data.example\"}"

static const BadFile bad_files[] = {
  { "empty", "", STRATA_WORKFLOW_ERROR_PARSE, "not valid JSON: the file is empty" },
  { "not-json", "{\"format\": ", STRATA_WORKFLOW_ERROR_PARSE, NULL },
  { "not-utf8", "{\"format\": \"\xff\"}", STRATA_WORKFLOW_ERROR_PARSE, "not UTF-8 text" },
  { "too-deep", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    STRATA_WORKFLOW_ERROR_PARSE, "nested more than 64 levels deep" },
  { "array", "[]", STRATA_WORKFLOW_ERROR_FORMAT, "not a Strata workflow (expected a JSON object)" },
  { "format", "{\"format\": \"knime\", \"version\": 1, \"nodes\": []}", STRATA_WORKFLOW_ERROR_FORMAT,
    "not a Strata workflow (“format” must be “strata-workflow”)" },
  { "no-version", "{\"format\": \"strata-workflow\", \"nodes\": []}", STRATA_WORKFLOW_ERROR_FORMAT,
    "“version” must be a positive integer" },
  { "newer", "{\"format\": \"strata-workflow\", \"version\": 2, \"nodes\": []}", STRATA_WORKFLOW_ERROR_VERSION,
    "written by a newer Strata (workflow version 2; this one reads version 1)" },
  { "seed", HEAD "\"seed\": -1, \"nodes\": []}", STRATA_WORKFLOW_ERROR_FORMAT, "“seed” must be a non-negative integer" },
  { "no-nodes", HEAD "\"links\": []}", STRATA_WORKFLOW_ERROR_FORMAT, "“nodes” must be a list" },
  { "node-not-object", HEAD "\"nodes\": [3]}", STRATA_WORKFLOW_ERROR_FORMAT, "nodes[0] is not an object" },
  { "no-id", HEAD "\"nodes\": [{\"type\": \"data.csv\"}]}", STRATA_WORKFLOW_ERROR_FORMAT, "nodes[0] has no “id” string" },
  { "bad-id", HEAD "\"nodes\": [{\"id\": \"a/b\", \"type\": \"data.csv\"}]}", STRATA_WORKFLOW_ERROR_FORMAT,
    "nodes[0]: id “a/b” must be 1–128 letters, digits, “_” or “-”" },
  { "duplicate", HEAD "\"nodes\": [" SRC ", " SRC "]}", STRATA_WORKFLOW_ERROR_DUPLICATE_ID, "two nodes have the id “src”" },
  { "no-type", HEAD "\"nodes\": [{\"id\": \"a\"}]}", STRATA_WORKFLOW_ERROR_FORMAT, "node “a” has no “type” string" },
  { "unknown-type", HEAD "\"nodes\": [{\"id\": \"a\", \"type\": \"clean.frobnicate\"}]}", STRATA_WORKFLOW_ERROR_UNKNOWN_TYPE,
    "node “a”: unknown node type “clean.frobnicate”" },
  { "params-not-object", HEAD "\"nodes\": [{\"id\": \"a\", \"type\": \"clean.split\", \"params\": []}]}",
    STRATA_WORKFLOW_ERROR_FORMAT, "node “a”: “params” is not an object" },
  { "unknown-param", HEAD "\"nodes\": [{\"id\": \"a\", \"type\": \"clean.split\", \"params\": {\"test_sise\": 0.2}}]}",
    STRATA_WORKFLOW_ERROR_PARAM, "node “a” (clean.split): unknown parameter “test_sise” (known: test_size, shuffle, stratify, seed)" },
  { "wrong-type", HEAD "\"nodes\": [{\"id\": \"a\", \"type\": \"clean.split\", \"params\": {\"test_size\": \"big\"}}]}",
    STRATA_WORKFLOW_ERROR_PARAM, "node “a” (clean.split): parameter “test_size”: expected a number, got \"big\"" },
  { "out-of-range", HEAD "\"nodes\": [{\"id\": \"a\", \"type\": \"clean.split\", \"params\": {\"test_size\": 1.5}}]}",
    STRATA_WORKFLOW_ERROR_PARAM, "node “a” (clean.split): parameter “test_size”: 1.5 is outside (0, 1)" },
  { "not-integer", HEAD "\"nodes\": [{\"id\": \"a\", \"type\": \"clean.discretize\", \"params\": {\"n_bins\": 2.5}}]}",
    STRATA_WORKFLOW_ERROR_PARAM, "node “a” (clean.discretize): parameter “n_bins”: expected an integer, got 2.5" },
  { "bad-choice", HEAD "\"nodes\": [{\"id\": \"a\", \"type\": \"clean.impute\", \"params\": {\"strategy\": \"avg\"}}]}",
    STRATA_WORKFLOW_ERROR_PARAM, "node “a” (clean.impute): parameter “strategy”: “avg” is not one of mean, median, most_frequent, constant" },
  { "bad-columns", HEAD "\"nodes\": [{\"id\": \"a\", \"type\": \"clean.select\", \"params\": {\"columns\": \"Age\"}}]}",
    STRATA_WORKFLOW_ERROR_PARAM, "node “a” (clean.select): parameter “columns”: expected a list of column names, got \"Age\"" },
  { "null-value", HEAD "\"nodes\": [{\"id\": \"a\", \"type\": \"clean.split\", \"params\": {\"shuffle\": null}}]}",
    STRATA_WORKFLOW_ERROR_PARAM, "node “a” (clean.split): parameter “shuffle”: expected a value (this parameter cannot be null), got null" },
  { "position", HEAD "\"nodes\": [{\"id\": \"a\", \"type\": \"data.csv\", \"position\": [1]}]}",
    STRATA_WORKFLOW_ERROR_FORMAT, "node “a”: “position” must be [x, y]" },
  { "links-not-list", HEAD "\"nodes\": [], \"links\": {}}", STRATA_WORKFLOW_ERROR_FORMAT, "“links” must be a list" },
  { "link-syntax", HEAD "\"nodes\": [" SRC "], \"links\": [{\"from\": \"src\", \"to\": \"x:table\"}]}",
    STRATA_WORKFLOW_ERROR_FORMAT, "links[0]: “from” must be “NODE:PORT”" },
  { "dangling", HEAD "\"nodes\": [" SRC "], \"links\": [{\"from\": \"src:table\", \"to\": \"ghost:table\"}]}",
    STRATA_WORKFLOW_ERROR_UNKNOWN_NODE, "links[0]: there is no node “ghost”" },
  { "bad-port", HEAD "\"nodes\": [" SRC ", {\"id\": \"s\", \"type\": \"clean.split\"}],"
    " \"links\": [{\"from\": \"src:table\", \"to\": \"s:data\"}]}",
    STRATA_WORKFLOW_ERROR_UNKNOWN_PORT, "links[0]: node “s” (clean.split) has no input port “data”" },
  { "bad-out-port", HEAD "\"nodes\": [{\"id\": \"s\", \"type\": \"clean.split\"}, {\"id\": \"d\", \"type\": \"clean.dedupe\"}],"
    " \"links\": [{\"from\": \"s:table\", \"to\": \"d:table\"}]}",
    STRATA_WORKFLOW_ERROR_UNKNOWN_PORT, "links[0]: node “s” (clean.split) has no output port “table”" },
  { "taken", HEAD "\"nodes\": [" SRC ", {\"id\": \"d\", \"type\": \"clean.dedupe\"}],"
    " \"links\": [{\"from\": \"src:table\", \"to\": \"d:table\"}, {\"from\": \"src:table\", \"to\": \"d:table\"}]}",
    STRATA_WORKFLOW_ERROR_INPUT_TAKEN, "links[1]: input d:table is already connected" },
  { "self-loop", HEAD "\"nodes\": [{\"id\": \"d\", \"type\": \"clean.dedupe\"}],"
    " \"links\": [{\"from\": \"d:table\", \"to\": \"d:table\"}]}",
    STRATA_WORKFLOW_ERROR_CYCLE, "the links form a cycle: “d” → “d”" },
  { "cycle", HEAD "\"nodes\": [{\"id\": \"x\", \"type\": \"clean.dedupe\"}, {\"id\": \"y\", \"type\": \"clean.select\"}],"
    " \"links\": [{\"from\": \"x:table\", \"to\": \"y:table\"}, {\"from\": \"y:table\", \"to\": \"x:table\"}]}",
    STRATA_WORKFLOW_ERROR_CYCLE, "the links form a cycle: “x” → “y” → “x”" },
};

static void
test_invalid (gconstpointer data)
{
  const BadFile *bad = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkflow) wf = parse (bad->text, &error);

  g_assert_null (wf);
  g_assert_error (error, STRATA_WORKFLOW_ERROR, bad->code);
  g_assert_true (g_str_has_prefix (error->message, "t.strata: "));
  if (bad->message != NULL)
    g_assert_cmpstr (error->message + strlen ("t.strata: "), ==, bad->message);
}

static void
test_missing_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkflow) wf = strata_workflow_load (registry, "/nonexistent/w.strata", &error);

  g_assert_null (wf);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, "/nonexistent/w.strata"));
}

/* Saving replaces the file whole and leaves no temporary file behind; a
 * save that cannot happen leaves the old file untouched. */
static void
test_atomic_save (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("strata-save-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "w.strata", NULL);
  g_autofree char *bad_path = g_build_filename (dir, "missing-folder", "w.strata", NULL);
  g_autoptr(StrataWorkflow) wf = strata_workflow_new (registry);
  g_autoptr(GDir) d = NULL;
  g_autofree char *text = NULL;
  guint n_files = 0;

  g_assert_true (g_file_set_contents (path, "old contents", -1, NULL));
  g_assert_nonnull (strata_workflow_add_node (wf, "clean.dedupe", NULL, 1, 2, &error));
  g_assert_true (strata_workflow_save (wf, path, &error));
  g_file_get_contents (path, &text, NULL, NULL);
  g_assert_true (g_str_has_prefix (text, "{"));
  g_assert_nonnull (strstr (text, "\"id\" : \"dedupe\""));
  g_assert_false (strata_workflow_save (wf, bad_path, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  d = g_dir_open (dir, 0, NULL);
  while (g_dir_read_name (d) != NULL)
    n_files++;
  g_assert_cmpuint (n_files, ==, 1);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_editing (void)
{
  g_autoptr(StrataWorkflow) wf = strata_workflow_new (registry);
  g_autoptr(GError) error = NULL;
  const char *a, *b, *c;
  const char *from, *port;

  a = strata_workflow_add_node (wf, "data.example", NULL, 0, 0, &error);
  b = strata_workflow_add_node (wf, "clean.dedupe", NULL, 0, 0, &error);
  c = strata_workflow_add_node (wf, "clean.dedupe", NULL, 0, 0, &error);
  g_assert_cmpstr (a, ==, "example");
  g_assert_cmpstr (b, ==, "dedupe");
  g_assert_cmpstr (c, ==, "dedupe2");
  g_assert_null (strata_workflow_add_node (wf, "clean.nope", NULL, 0, 0, &error));
  g_assert_error (error, STRATA_WORKFLOW_ERROR, STRATA_WORKFLOW_ERROR_UNKNOWN_TYPE);
  g_clear_error (&error);
  g_assert_null (strata_workflow_add_node (wf, "clean.dedupe", "dedupe", 0, 0, &error));
  g_assert_error (error, STRATA_WORKFLOW_ERROR, STRATA_WORKFLOW_ERROR_DUPLICATE_ID);
  g_clear_error (&error);

  g_assert_true (strata_workflow_connect (wf, "example", "table", "dedupe", "table", &error));
  g_assert_true (strata_workflow_connect (wf, "dedupe", "table", "dedupe2", "table", &error));
  g_assert_false (strata_workflow_connect (wf, "example", "table", "dedupe2", "table", &error));
  g_assert_error (error, STRATA_WORKFLOW_ERROR, STRATA_WORKFLOW_ERROR_INPUT_TAKEN);
  g_clear_error (&error);
  g_assert_true (strata_workflow_get_source (wf, "dedupe2", "table", &from, &port));
  g_assert_cmpstr (from, ==, "dedupe");
  g_assert_true (strata_workflow_check_inputs (wf, &error));

  /* --set: validated like the file */
  g_assert_true (strata_workflow_apply_setting (wf, "dedupe.keep=last", &error));
  g_assert_cmpstr (strata_params_get_string (strata_workflow_get_params (wf, "dedupe"), "keep"), ==, "last");
  g_assert_true (strata_workflow_apply_setting (wf, "dedupe.subset=Age, Fare", &error));
  g_assert_false (strata_workflow_apply_setting (wf, "dedupe.keep=middle", &error));
  g_assert_error (error, STRATA_WORKFLOW_ERROR, STRATA_WORKFLOW_ERROR_PARAM);
  g_assert_cmpstr (error->message, ==, "node “dedupe” (clean.dedupe): parameter “keep”: “middle” is not one of first, last, none");
  g_clear_error (&error);
  g_assert_false (strata_workflow_apply_setting (wf, "ghost.keep=last", &error));
  g_assert_error (error, STRATA_WORKFLOW_ERROR, STRATA_WORKFLOW_ERROR_UNKNOWN_NODE);
  g_clear_error (&error);
  g_assert_false (strata_workflow_apply_setting (wf, "dedupe.kept=last", &error));
  g_assert_error (error, STRATA_WORKFLOW_ERROR, STRATA_WORKFLOW_ERROR_PARAM);
  g_assert_nonnull (strstr (error->message, "unknown parameter “kept”"));
  g_clear_error (&error);
  g_assert_false (strata_workflow_apply_setting (wf, "keep=last", &error));
  g_assert_error (error, STRATA_WORKFLOW_ERROR, STRATA_WORKFLOW_ERROR_FORMAT);
  g_clear_error (&error);

  g_assert_true (strata_workflow_remove_node (wf, "dedupe"));
  g_assert_cmpuint (strata_workflow_get_n_links (wf), ==, 0);
  g_assert_false (strata_workflow_check_inputs (wf, &error));
  g_assert_error (error, STRATA_WORKFLOW_ERROR, STRATA_WORKFLOW_ERROR_MISSING_INPUT);
}

/* Every file of the fuzzing corpus (including what the fuzzer found):
 * loading never crashes, and saving what loaded is a fixed point (unknown
 * members keep their order). */
static void
test_fuzz_corpus (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "fuzz", "corpus-workflow", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n_loaded = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *data = NULL;
      gsize len;
      g_autoptr(StrataWorkflow) wf = NULL;
      g_autoptr(StrataWorkflow) again = NULL;
      g_autofree char *t1 = NULL, *t2 = NULL;
      gsize l1, l2;

      g_assert_true (g_file_get_contents (path, &data, &len, NULL));
      wf = strata_workflow_load_from_data (registry, data, len, "/corpus", name, NULL);
      if (wf == NULL)
        continue;
      n_loaded++;
      t1 = strata_workflow_to_data (wf, "/corpus", &l1);
      again = strata_workflow_load_from_data (registry, t1, l1, "/corpus", name, NULL);
      g_assert_nonnull (again);
      t2 = strata_workflow_to_data (again, "/corpus", &l2);
      g_assert_cmpstr (t1, ==, t2);
    }
  g_assert_cmpuint (n_loaded, >=, 3);
}

int
main (int argc, char *argv[])
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  registry = strata_registry_new_default ();
  g_test_add_func ("/Workflow/round-trip", test_round_trip);
  g_test_add_func ("/Workflow/unknown-members-kept", test_unknown_members_kept);
  g_test_add_func ("/Workflow/missing-file", test_missing_file);
  g_test_add_func ("/Workflow/atomic-save", test_atomic_save);
  g_test_add_func ("/Workflow/editing", test_editing);
  g_test_add_func ("/Workflow/fuzz-corpus", test_fuzz_corpus);
  g_test_add_func ("/Workflow/numbers-stay-json", test_numbers_stay_json);
  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      g_autofree char *path = g_strdup_printf ("/Workflow/invalid/%s", bad_files[i].name);
      g_test_add_data_func (path, &bad_files[i], test_invalid);
    }
  rc = g_test_run ();
  strata_registry_unref (registry);
  return rc;
}
