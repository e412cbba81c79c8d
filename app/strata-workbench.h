/* strata-workbench.h — one open workflow: document, canvas model, executor
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A StrataWorkbench ties together what the window shows and what the engine
 * runs for one workflow:
 *
 *   StrataCanvasModel  what the canvas draws and edits; every edit (nodes,
 *                      links, parameters) goes through its undo stack
 *   StrataWorkflow     the .strata document the executor runs and the file
 *                      is saved from, kept in step with the model through
 *                      the model's signals
 *   StrataExecutor     runs the workflow on a worker thread and caches each
 *                      node's outputs, so a second Run only runs what an edit
 *                      made stale
 *
 * Canvas parameters hold the JSON text of a value as a string GVariant (the
 * canvas treats them as opaque); a parameter absent from the canvas node is
 * at its default. The workbench never touches a widget: the window calls
 * strata_workbench_drain_events() once per frame while a run is going on.
 *
 * Signals:
 *   ::run-finished (GError *error: NULL when every node ran)
 *   ::node-event (StrataEvent *event): each drained event, after the canvas
 *       status was updated (for results and training charts)
 * Properties: "running" (boolean, read only).
 */

#pragma once

#include <glib-object.h>

#include "strata-canvas-model.h"
#include "strata-executor.h"
#include "strata-workflow.h"

G_BEGIN_DECLS

#define STRATA_TYPE_WORKBENCH (strata_workbench_get_type ())
G_DECLARE_FINAL_TYPE (StrataWorkbench, strata_workbench, STRATA, WORKBENCH, GObject)

/* An empty workflow over @registry (a reference is taken). */
StrataWorkbench   *strata_workbench_new           (StrataRegistry   *registry);
/* Reads @path (a .strata file); NULL with STRATA_WORKFLOW_ERROR / G_FILE_ERROR
 * naming the file, node or parameter. The undo stack starts clean. */
StrataWorkbench   *strata_workbench_new_from_file (StrataRegistry   *registry,
                                                   const char       *path,
                                                   GError          **error);
/* As new_from_file, from text (a recovery file); relative paths resolve
 * against @base_dir. The result counts as modified and has no path. */
StrataWorkbench   *strata_workbench_new_from_data (StrataRegistry   *registry,
                                                   const char       *data,
                                                   const char       *base_dir,
                                                   const char       *display_name,
                                                   GError          **error);

StrataCanvasModel *strata_workbench_get_model     (StrataWorkbench  *self);
StrataWorkflow    *strata_workbench_get_workflow  (StrataWorkbench  *self);
StrataRegistry    *strata_workbench_get_registry  (StrataWorkbench  *self);
/* The file last loaded or saved, or NULL. */
const char        *strata_workbench_get_path      (StrataWorkbench  *self);
/* TRUE when there are edits since the last load or save. */
gboolean           strata_workbench_is_modified   (StrataWorkbench  *self);

/* Writes @path atomically (the engine's saver) and marks the undo stack
 * clean. */
gboolean           strata_workbench_save          (StrataWorkbench  *self,
                                                   const char       *path,
                                                   GError          **error);
/* The document as JSON text with absolute paths (autosave). Transfer full. */
char              *strata_workbench_to_data       (StrataWorkbench  *self);

/* Adds a node of @type_id with its top-left corner at (@x, @y) canvas units,
 * as one undo step. Returns its id (transfer none) or NULL with an error. */
const char        *strata_workbench_add_node      (StrataWorkbench  *self,
                                                   const char       *type_id,
                                                   double            x,
                                                   double            y,
                                                   GError          **error);
/* A place right of every node, for a node added without a position. */
void               strata_workbench_free_position (StrataWorkbench  *self,
                                                   double           *x,
                                                   double           *y);
/* Validates @value (NULL: back to the default) and sets it through the
 * canvas model: one undo step, consecutive edits of one parameter merge.
 * STRATA_PARAM_ERROR or STRATA_WORKFLOW_ERROR_UNKNOWN_NODE on failure. */
gboolean           strata_workbench_set_param     (StrataWorkbench  *self,
                                                   const char       *node_id,
                                                   const char       *name,
                                                   JsonNode         *value,
                                                   GError          **error);

/* Runs the workflow on a worker thread; ::run-finished follows. FALSE with
 * an error (a run in progress, an unconnected input, a cycle) when nothing
 * started. */
gboolean           strata_workbench_run           (StrataWorkbench  *self,
                                                   GError          **error);
/* Cancels the run in progress (if any); ::run-finished follows. */
void               strata_workbench_stop          (StrataWorkbench  *self);
gboolean           strata_workbench_is_running    (StrataWorkbench  *self);
/* Pause / Step / Stop of the running training nodes (the executor's,
 * strata-train-control.h). Transfer none. */
StrataTrainControl *strata_workbench_get_train_control (StrataWorkbench *self);
/* Applies the executor's waiting events to the canvas statuses (progress
 * coalesced) and emits ::node-event for each. Returns how many there were. */
guint              strata_workbench_drain_events  (StrataWorkbench  *self);

/* The value the last run left on @node_id:@port, or NULL. Transfer full. */
StrataData        *strata_workbench_dup_output    (StrataWorkbench  *self,
                                                   const char       *node_id,
                                                   const char       *port);
/* The table feeding @node_id's first table input, when the last run made
 * it, or NULL (the inspector's column pickers). Transfer full. */
StrataTable       *strata_workbench_dup_input_table (StrataWorkbench *self,
                                                     const char      *node_id);
/* What the last run did with @node_id, or NULL. Transfer full. */
StrataNodeResult  *strata_workbench_dup_result    (StrataWorkbench  *self,
                                                   const char       *node_id);

/* The themed icon of a node group ("data", "clean", …). Static string. */
const char        *strata_workbench_group_icon    (const char       *group);
/* The translated name of a node group. Static string. */
const char        *strata_workbench_group_title   (const char       *group);

G_END_DECLS
