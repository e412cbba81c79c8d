/* strata-cli.h — the headless subcommands of `strata`
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each subcommand lives in its own app/cli-NAME.c and is listed once in the
 * table in main.c. Subcommands never start GTK: they must run without a
 * display and start in milliseconds.
 *
 * Exit status (DESIGN.md): 0 on success, 1 on a failed run with a one-line
 * error on stderr naming the file / node / parameter, 2 on bad usage.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define STRATA_EXIT_OK      0
#define STRATA_EXIT_FAILED  1
#define STRATA_EXIT_USAGE   2

/* @argv[0] is the subcommand's name; the function may modify argc/argv. */
typedef int (*StrataCommandFunc) (int argc, char **argv);

/* Prints "strata: MESSAGE" on stderr; returns STRATA_EXIT_FAILED. */
int strata_cli_fail  (const char *format, ...) G_GNUC_PRINTF (1, 2);
/* Prints "strata CMD: MESSAGE" and a hint to --help; returns STRATA_EXIT_USAGE. */
int strata_cli_usage (const char *command, const char *format, ...) G_GNUC_PRINTF (2, 3);

/* Parses @argc/@argv with @entries; on error prints it and returns FALSE. */
gboolean strata_cli_parse (const char         *command,
                           const char         *parameter_string,
                           const char         *summary,
                           const GOptionEntry *entries,
                           int                *argc,
                           char             ***argv);

/* Subcommands (app/cli-NAME.c), one line each, sorted. */
int strata_cli_apriori (int argc, char **argv);
int strata_cli_describe (int argc, char **argv);
int strata_cli_nodes    (int argc, char **argv);
int strata_cli_run      (int argc, char **argv);
int strata_cli_tree     (int argc, char **argv);

G_END_DECLS
