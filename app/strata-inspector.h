/* strata-inspector.h — the parameters of the selected node
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Editors generated from the node type's declared parameters
 * (strata-param.h): spin buttons with the declared range and unit for
 * numbers, drop-downs for choices, switches for booleans, entries for text,
 * lists and JSON, an entry with a file chooser for paths, and a drop-down of
 * the input table's columns for a column when the last run made that table.
 * The one-line help sits under each editor; a value the parameter refuses
 * is shown inline (the editor gets the "error" style and the message
 * appears under it) and is not applied. Valid edits go through
 * strata_workbench_set_param(), so they are undoable on the canvas's stack
 * and mark the node and everything downstream stale.
 *
 * The inspector follows the workbench's canvas model: an undone or redone
 * parameter change rebuilds the editors, a status change updates the
 * status line (a failure's message is shown in full).
 */

#pragma once

#include <gtk/gtk.h>

#include "strata-workbench.h"

G_BEGIN_DECLS

#define STRATA_TYPE_INSPECTOR (strata_inspector_get_type ())
G_DECLARE_FINAL_TYPE (StrataInspector, strata_inspector, STRATA, INSPECTOR, GtkWidget)

GtkWidget  *strata_inspector_new      (void);
/* Shows @node_id of @workbench (both may be NULL: the empty state). */
void        strata_inspector_set_node (StrataInspector *self,
                                       StrataWorkbench *workbench,
                                       const char      *node_id);
const char *strata_inspector_get_node (StrataInspector *self);
/* The editor of parameter @name, or NULL (for tests and focus). */
GtkWidget  *strata_inspector_get_editor (StrataInspector *self,
                                         const char      *name);
/* The inline error shown under parameter @name, or NULL when valid. */
const char *strata_inspector_get_error  (StrataInspector *self,
                                         const char      *name);

/* The status line (e.g. "Failed: …" with the whole message), or NULL. */
const char *strata_inspector_get_status (StrataInspector *self);

G_END_DECLS
