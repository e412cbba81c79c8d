/* test-cli-startup.c — what the `strata` executable loads when it starts
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every `strata` command pays for the libraries the dynamic loader maps
 * before main(): the command line must not load GTK (docs/apriori.md, the
 * issue's "the command line must not pay for GTK start-up"), nor OpenBLAS,
 * which app/cli-blas.c loads on the first matrix product only (it costs
 * ~2.4 ms and a spinning thread at start-up). Nor may OpenBLAS's directory
 * be a RUNPATH of `strata`: the loader would then search it first for
 * every library at every start.
 *
 * The loader itself is asked, as ldd does: with LD_TRACE_LOADED_OBJECTS=1
 * glibc's ld.so resolves every DT_NEEDED entry, transitively, prints the
 * list and exits before main(); LD_DEBUG=libs adds the directories it
 * searches. The same check run on `strata-workbench` must find GTK there,
 * so the test is known to see what it looks for.
 *
 * Arguments: the path of `strata`, then of `strata-workbench`.
 */

#include <glib.h>
#include <string.h>

static const char *strata_exe, *workbench_exe;

/* Libraries (or directories) `strata` must not name at start-up. */
static const char *const forbidden[] = {
  "libgtk", "libadwaita", "libgdk", "libcairo", "libpango", "libgraphene",
  "openblas", "libgfortran",
};

/* What the loader maps for @exe and where it looks, lower-cased; NULL
 * when this is not glibc's loader (the test is then skipped). */
static char *
loader_report (const char *exe)
{
  const char *argv[] = { exe, "--version", NULL };
  g_auto(GStrv) env = g_get_environ ();
  g_autofree char *out = NULL, *err = NULL, *both = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;

  env = g_environ_setenv (env, "LD_TRACE_LOADED_OBJECTS", "1", TRUE);
  env = g_environ_setenv (env, "LD_DEBUG", "libs", TRUE);
  env = g_environ_unsetenv (env, "LD_DEBUG_OUTPUT");
  env = g_environ_unsetenv (env, "LD_PRELOAD");
  g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  both = g_strconcat (out, "\n", err, NULL);
  if (strstr (both, "libglib-2.0.so") == NULL || strstr (both, "find library=") == NULL)
    return NULL;
  return g_ascii_strdown (both, -1);
}

/* The first forbidden name in @report, or NULL. */
static const char *
find_forbidden (const char *report)
{
  for (guint i = 0; i < G_N_ELEMENTS (forbidden); i++)
    if (strstr (report, forbidden[i]) != NULL)
      return forbidden[i];
  return NULL;
}

static void
test_libraries (void)
{
  g_autofree char *report = loader_report (strata_exe);
  const char *bad;

  if (report == NULL)
    {
      g_test_skip ("not glibc's dynamic loader: LD_TRACE_LOADED_OBJECTS / LD_DEBUG unsupported");
      return;
    }
  bad = find_forbidden (report);
  if (bad != NULL)
    g_test_message ("%s", report);
  g_assert_null (bad);
}

static void
test_sees_gtk (void)
{
  g_autofree char *report = loader_report (workbench_exe);

  if (report == NULL)
    {
      g_test_skip ("not glibc's dynamic loader: LD_TRACE_LOADED_OBJECTS / LD_DEBUG unsupported");
      return;
    }
  g_assert_cmpstr (find_forbidden (report), ==, "libgtk");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (argc < 3)
    g_error ("usage: %s STRATA STRATA-WORKBENCH", argv[0]);
  strata_exe = argv[1];
  workbench_exe = argv[2];

  g_test_add_func ("/Cli/startup/libraries", test_libraries);
  g_test_add_func ("/Cli/startup/sees-gtk", test_sees_gtk);
  return g_test_run ();
}
