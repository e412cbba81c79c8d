/* strata-application.h — the workbench application
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define STRATA_TYPE_APPLICATION (strata_application_get_type ())
G_DECLARE_FINAL_TYPE (StrataApplication, strata_application, STRATA, APPLICATION, AdwApplication)

StrataApplication *strata_application_new (void);

/* Initialises GTK. Without a display prints one line suggesting
 * `strata run` on stderr and returns FALSE instead of letting GTK abort. */
gboolean strata_application_check_display (void);

/* Runs the workbench. Without a display prints one line suggesting
 * `strata run` and returns 1 instead of letting GTK abort. */
int strata_application_run (int argc, char **argv);

G_END_DECLS
