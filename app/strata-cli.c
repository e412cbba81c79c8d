/* strata-cli.c — helpers shared by the headless subcommands
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include "strata-cli.h"

int
strata_cli_fail (const char *format,
                 ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  fprintf (stderr, "strata: %s\n", message);
  return STRATA_EXIT_FAILED;
}

int
strata_cli_usage (const char *command,
                  const char *format,
                  ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  fprintf (stderr, "strata %s: %s\nTry “strata %s --help”.\n", command, message, command);
  return STRATA_EXIT_USAGE;
}

gboolean
strata_cli_parse (const char         *command,
                  const char         *parameter_string,
                  const char         *summary,
                  const GOptionEntry *entries,
                  int                *argc,
                  char             ***argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameter_string);
  g_autoptr(GError) error = NULL;

  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      strata_cli_usage (command, "%s", error->message);
      return FALSE;
    }
  return TRUE;
}
