/* cli-helpers.h — running the `strata` executable from a test
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Runs @exe with @args (NULL-terminated, without argv[0]) and waits.
 * Stdout and stderr go to @out and @err (each nullable; transfer full).
 * Returns the exit status, or -1 when the process died by a signal. A
 * failure to start the process fails the test. */
int  cli_run         (const char        *exe,
                      const char *const *args,
                      char             **out,
                      char             **err);

/* Removes the files in @dir (one level) and @dir itself. */
void cli_remove_tree (const char        *dir);

G_END_DECLS
