/* main.c — `strata`: the workbench window, or a headless subcommand
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `strata SUBCOMMAND …` dispatches to app/cli-*.c before anything touches
 * GTK, so subcommands run without a display and start in milliseconds.
 * Anything else (no argument, a file, GTK options) opens the workbench.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "strata-application.h"
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
  { NULL, NULL, NULL },
};

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
            g_set_prgname (prgname);
            argv[1] = prgname;
            return commands[i].func (argc - 1, argv + 1);
          }
    }

  return strata_application_run (argc, argv);
}
