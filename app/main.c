/* main.c — `strata`: a headless subcommand, or the workbench window
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `strata SUBCOMMAND …` dispatches to app/cli-*.c. This executable links
 * only the engine, so subcommands run without a display and start in
 * milliseconds. Anything else (no argument, a file, GTK options, and the
 * `screenshot` command) replaces this process by `strata-workbench`
 * (workbench-main.c), the GTK program.
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <unistd.h>
#include <stdio.h>
#include <string.h>

#include "strata-cli.h"

/* Subcommands: one line each, sorted. */
static const struct {
  const char        *name;
  StrataCommandFunc  func;
  const char        *summary;
} commands[] = {
  { "apriori", strata_cli_apriori, "frequent itemsets and association rules as CSV" },
  { "describe", strata_cli_describe, "print a CSV file's schema as JSON" },
  { "nodes", strata_cli_nodes, "list every node type with its ports and parameters" },
  { "run", strata_cli_run, "run a workflow without a window" },
  { "screenshot", NULL, "open a file in the window and save it as a PNG" },
  { "tree",     strata_cli_tree,     "fit a CART decision tree, print its metrics as JSON" },
  { NULL, NULL, NULL },
};

/* The window lives in a separate executable, so that the subcommands never
 * load GTK (its libraries alone cost more than Apriori on a small file).
 * Next to this executable in the build tree, in LIBEXECDIR once installed;
 * STRATA_WORKBENCH overrides both. Replaces this process: on success it does
 * not return. */
static int
exec_workbench (char **argv)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *sibling = NULL;
  const char *candidates[3] = { g_getenv ("STRATA_WORKBENCH"), NULL,
                                STRATA_LIBEXECDIR "/strata-workbench" };

  if (self != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (self);
      sibling = g_build_filename (dir, "strata-workbench", NULL);
      candidates[1] = sibling;
    }
  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    if (candidates[i] != NULL && g_file_test (candidates[i], G_FILE_TEST_IS_EXECUTABLE))
      {
        argv[0] = (char *) candidates[i];
        execv (candidates[i], argv);
        return strata_cli_fail ("cannot start the workbench (%s): %s",
                                candidates[i], g_strerror (errno));
      }
  return strata_cli_fail ("the workbench is not installed (looked for %s); "
                          "to run a workflow without a window use “strata run WORKFLOW.strata”",
                          STRATA_LIBEXECDIR "/strata-workbench");
}

static void
print_help (void)
{
  printf ("Usage:\n"
          "  strata [FILE.strata | FILE.csv]    open the workbench window\n"
          "  strata COMMAND [OPTION…]           run a command without a window\n"
          "\n"
          "Commands:\n");
  for (guint i = 0; commands[i].name != NULL; i++)
    printf ("  %-12s %s\n", commands[i].name, commands[i].summary);
  printf ("\n"
          "Options:\n"
          "  -h, --help       show this help\n"
          "  --version        show the version\n"
          "\n"
          "“strata COMMAND --help” describes each command.\n");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc >= 2)
    {
      if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 ||
          strcmp (argv[1], "help") == 0)
        {
          print_help ();
          return STRATA_EXIT_OK;
        }
      if (strcmp (argv[1], "--version") == 0)
        {
          printf ("strata %s\n", PACKAGE_VERSION);
          return STRATA_EXIT_OK;
        }
      for (guint i = 0; commands[i].name != NULL; i++)
        if (strcmp (argv[1], commands[i].name) == 0)
          {
            g_autofree char *prgname = g_strdup_printf ("strata %s", commands[i].name);

            if (commands[i].func == NULL)
              break;  /* a window command: the workbench runs it */
            g_set_prgname (prgname);
            argv[1] = prgname;
            return commands[i].func (argc - 1, argv + 1);
          }
    }

  return exec_workbench (argv);
}
