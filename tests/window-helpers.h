/* window-helpers.h — running real windows in the GUI tests
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by tests/test-window.c and tests/test-workbench.c (both link
 * window-helpers.c).
 */

#pragma once

#include "strata-window.h"

G_BEGIN_DECLS

/* Runs the main loop for @ms milliseconds: layout, frames, idle handlers. */
void          test_spin            (guint              ms);
/* Runs the main loop until @window is no longer busy (file read,
 * statistics computed, run ended; fails after @seconds), then lets it draw. */
void          test_wait_until_idle (StrataWindow      *window,
                                    guint              seconds);
/* A presented window of @app, @width × @height. */
StrataWindow *test_new_window      (StrataApplication *app,
                                    int                width,
                                    int                height);
/* Destroys @window and checks that nothing kept it alive. */
void          test_close_window    (StrataWindow      *window);
/* The first visible toplevel of type @type, or NULL. Transfer none. */
GtkWindow    *test_find_toplevel   (GType              type);

G_END_DECLS
