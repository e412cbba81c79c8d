/* strata-palette.h — the node palette: every registered node type, by group
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A search entry over a list of the registry's node types, grouped under
 * headers (data, clean, mine, model, evaluate, then any other group), each
 * with its group's icon and its help as tooltip. The list is made from
 * strata_registry_list(), never from a fixed list, so node types from
 * other branches appear as they are registered.
 *
 * A row can be dragged (a G_TYPE_STRING "strata-node:TYPE_ID") onto the
 * canvas, or activated (Enter, double-click; Enter in the search entry takes
 * the first match): ::node-chosen (type_id) then asks the window to add it.
 */

#pragma once

#include <gtk/gtk.h>

#include "strata-node.h"

G_BEGIN_DECLS

/* The prefix of the drag payload. */
#define STRATA_PALETTE_DRAG_PREFIX "strata-node:"

#define STRATA_TYPE_PALETTE (strata_palette_get_type ())
G_DECLARE_FINAL_TYPE (StrataPalette, strata_palette, STRATA, PALETTE, GtkWidget)

GtkWidget   *strata_palette_new          (void);
/* Lists the types of @registry (a reference is taken). */
void         strata_palette_set_registry (StrataPalette  *self,
                                          StrataRegistry *registry);
GtkListBox  *strata_palette_get_list     (StrataPalette  *self);
GtkEditable *strata_palette_get_search   (StrataPalette  *self);
/* Number of rows the search leaves visible. */
guint        strata_palette_count_visible (StrataPalette *self);

G_END_DECLS
