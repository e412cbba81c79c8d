/* strata-screenshot.h — `strata screenshot`: render the window to a PNG
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* `strata screenshot FILE OUT.png [--size WxH]` and
 * `strata screenshot --welcome OUT.png [--size WxH]`. Unlike the other
 * subcommands it starts GTK, so it needs a display (Xvfb will do). */
int strata_screenshot_main (int argc, char **argv);

G_END_DECLS
