/* test-dataset-paths.c — `$datasets/…` paths in workflow files
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The shipped examples name their data as `$datasets/FILE`, resolved in
 * the bundled datasets' folder (strata_datasets_dir(): $STRATA_DATASETS_DIR,
 * the installed copy, or the source tree's). Checked here: the prefix
 * resolves to an existing file, follows STRATA_DATASETS_DIR (as an
 * installed tree would be found), is written back on save while any other
 * file stays relative to the workflow's folder, and every example's paths
 * resolve to files that exist.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "strata-node.h"
#include "strata-workflow.h"

static const char document[] =
  "{ \"format\": \"strata-workflow\", \"version\": 1, \"nodes\": ["
  " { \"id\": \"iris\", \"type\": \"data.csv\", \"params\": { \"path\": \"$datasets/iris.csv\" } },"
  " { \"id\": \"mine\", \"type\": \"data.csv\", \"params\": { \"path\": \"mine/table.csv\" } } ],"
  " \"links\": [] }";

static void
test_resolve (void)
{
  g_autoptr(StrataRegistry) registry = strata_registry_new_default ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("strata-datasets-XXXXXX", &error);
  g_autofree char *sub = g_build_filename (dir, "deeper", NULL);
  g_autofree char *copy = g_build_filename (sub, "copy.strata", NULL);
  g_autofree char *datasets = strata_datasets_dir ();
  g_autofree char *iris = g_build_filename (datasets, "iris.csv", NULL);
  g_autofree char *iris_real = g_canonicalize_filename (iris, NULL);
  g_autofree char *mine = g_build_filename (dir, "mine", "table.csv", NULL);
  g_autofree char *text = NULL;
  StrataWorkflow *wf;

  g_assert_no_error (error);
  wf = strata_workflow_load_from_data (registry, document, strlen (document), dir, "test", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (strata_params_get_string (strata_workflow_get_params (wf, "iris"), "path"), ==, iris_real);
  g_assert_true (g_file_test (iris_real, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (strata_params_get_string (strata_workflow_get_params (wf, "mine"), "path"), ==, mine);

  /* Saved elsewhere: the dataset keeps its prefix, the other file is relative. */
  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  g_assert_true (strata_workflow_save (wf, copy, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (copy, &text, NULL, &error));
  g_assert_nonnull (strstr (text, "\"path\" : \"$datasets/iris.csv\""));
  g_assert_nonnull (strstr (text, "\"path\" : \"../mine/table.csv\""));
  strata_workflow_free (wf);

  /* Another datasets folder (as an installed tree): the prefix follows it. */
  g_setenv ("STRATA_DATASETS_DIR", dir, TRUE);
  wf = strata_workflow_load_from_data (registry, document, strlen (document), dir, "test", &error);
  g_assert_no_error (error);
  {
    g_autofree char *moved = g_build_filename (dir, "iris.csv", NULL);

    g_assert_cmpstr (strata_params_get_string (strata_workflow_get_params (wf, "iris"), "path"), ==, moved);
  }
  strata_workflow_free (wf);
  g_unsetenv ("STRATA_DATASETS_DIR");

  g_unlink (copy);
  g_rmdir (sub);
  g_rmdir (dir);
}

/* Every example's PATH parameters name files that exist. */
static void
test_examples (void)
{
  g_autoptr(StrataRegistry) registry = strata_registry_new_default ();
  g_autofree char *folder = g_build_filename (g_getenv ("STRATA_SOURCE_ROOT"), "resources", "examples", NULL);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  guint n_paths = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;
      StrataWorkflow *wf;

      if (!g_str_has_suffix (name, ".strata"))
        continue;
      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      g_assert_null (strstr (text, "\"../"));   /* nothing relative to the source tree */
      wf = strata_workflow_load (registry, path, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < strata_workflow_get_n_nodes (wf); i++)
        {
          const char *id = strata_workflow_get_node_id (wf, i);
          StrataParams *params = strata_workflow_get_params (wf, id);
          const StrataParamSpec *specs = strata_params_get_specs (params);

          for (guint j = 0; specs != NULL && specs[j].name != NULL; j++)
            if (specs[j].type == STRATA_PARAM_PATH && strata_params_is_set (params, specs[j].name))
              {
                const char *file = strata_params_get_string (params, specs[j].name);

                g_test_message ("%s: %s.%s = %s", name, id, specs[j].name, file);
                g_assert_true (g_file_test (file, G_FILE_TEST_IS_REGULAR));
                n_paths++;
              }
        }
      strata_workflow_free (wf);
    }
  g_assert_cmpuint (n_paths, >=, 7);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_unsetenv ("STRATA_DATASETS_DIR");
  g_test_add_func ("/DatasetPaths/resolve", test_resolve);
  g_test_add_func ("/DatasetPaths/examples", test_examples);
  return g_test_run ();
}
