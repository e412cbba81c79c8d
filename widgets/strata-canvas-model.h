/* strata-canvas-model.h — what the pipeline canvas shows: nodes, ports, links
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The canvas widget (strata-canvas.h) knows nothing of Strata's node
 * registry or executor. It draws and edits a StrataCanvasModel: a directed
 * acyclic graph of nodes, each with
 *
 *   id          unique in the model ("iris", "split", "split-2")
 *   type        an opaque type id, shown in the accessible name ("clean.split")
 *   title       shown on the card ("Split")
 *   group       palette group ("data", "clean", "mine", "model", "evaluate")
 *   icon name   a themed icon ("x-office-spreadsheet-symbolic")
 *   position    top-left corner in canvas units (1 unit = 1 pixel at zoom 1)
 *   status      idle / stale / queued / running (+ progress 0–1) / done /
 *               failed (+ message)
 *   ports       name, direction (input or output) and a data-kind string
 *               ("table", "rules", "model"); an input takes at most one link
 *   params      name → GVariant, opaque to the canvas; edited by the inspector
 *
 * and links from an output port to an input port. A link is allowed when the
 * kinds are compatible — by default equal strings, or what the function given
 * to strata_canvas_model_set_compatibility_func() says — and when it closes
 * no cycle.
 *
 * Every edit (add, remove, move, link, unlink, parameter change, paste) goes
 * through the model's StrataUndoStack, so each is undone with one
 * strata_undo_stack_undo(). Status changes come from the executor and are
 * not edits: they are not recorded.
 *
 * Example:
 *
 *   g_autoptr(StrataCanvasModel) model = strata_canvas_model_new ();
 *   StrataCanvasNode *n = strata_canvas_node_new ("iris", "data.csv", "iris.csv",
 *                                                 "data", "x-office-spreadsheet-symbolic");
 *   strata_canvas_node_add_port (n, "table", STRATA_CANVAS_PORT_OUTPUT, "table");
 *   strata_canvas_model_add_node (model, n, 40, 40, &error);   // takes n
 *   ...
 *   if (!strata_canvas_model_link (model, "iris", "table", "split", "table", &error))
 *     g_print ("%s\n", error->message);  // e.g. a kind mismatch, with both kinds
 *
 * The model is plain GObject + json-glib and needs no display; it lives on
 * the main thread.
 */

#pragma once

#include <glib-object.h>

#include "strata-undo.h"

G_BEGIN_DECLS

#define STRATA_CANVAS_MODEL_ERROR (strata_canvas_model_error_quark ())

/**
 * StrataCanvasModelError:
 * @STRATA_CANVAS_MODEL_ERROR_NO_NODE: a node id does not exist
 * @STRATA_CANVAS_MODEL_ERROR_NO_PORT: a node has no port of that name/direction
 * @STRATA_CANVAS_MODEL_ERROR_DUPLICATE_ID: a node id is already taken
 * @STRATA_CANVAS_MODEL_ERROR_INCOMPATIBLE: the port kinds do not match
 * @STRATA_CANVAS_MODEL_ERROR_CYCLE: the link would close a cycle (or a self-loop)
 * @STRATA_CANVAS_MODEL_ERROR_PARSE: pasted text is not a canvas fragment
 */
typedef enum {
  STRATA_CANVAS_MODEL_ERROR_NO_NODE,
  STRATA_CANVAS_MODEL_ERROR_NO_PORT,
  STRATA_CANVAS_MODEL_ERROR_DUPLICATE_ID,
  STRATA_CANVAS_MODEL_ERROR_INCOMPATIBLE,
  STRATA_CANVAS_MODEL_ERROR_CYCLE,
  STRATA_CANVAS_MODEL_ERROR_PARSE,
} StrataCanvasModelError;

GQuark strata_canvas_model_error_quark (void);

typedef enum {
  STRATA_CANVAS_STATUS_IDLE,
  STRATA_CANVAS_STATUS_STALE,
  STRATA_CANVAS_STATUS_QUEUED,
  STRATA_CANVAS_STATUS_RUNNING,
  STRATA_CANVAS_STATUS_DONE,
  STRATA_CANVAS_STATUS_FAILED,
} StrataCanvasStatus;

/* "idle", "stale", ... (static, untranslated) */
const char *strata_canvas_status_to_string (StrataCanvasStatus status);

typedef enum {
  STRATA_CANVAS_PORT_INPUT,
  STRATA_CANVAS_PORT_OUTPUT,
} StrataCanvasPortDirection;

/**
 * StrataCanvasPort:
 * @name: unique among the node's ports of the same direction
 * @direction: input (drawn on the left) or output (on the right)
 * @kind: the data kind ("table"); compared by the compatibility rule
 *
 * Read-only; owned by its node.
 */
typedef struct {
  char                      *name;
  StrataCanvasPortDirection  direction;
  char                      *kind;
} StrataCanvasPort;

/**
 * StrataCanvasLink:
 * From an output port to an input port. Read-only; owned by the model.
 */
typedef struct {
  char *from_node;
  char *from_port;
  char *to_node;
  char *to_port;
} StrataCanvasLink;

/* What changed in a node, for the ::node-changed signal. */
typedef enum {
  STRATA_CANVAS_NODE_CHANGED_POSITION = 1 << 0,
  STRATA_CANVAS_NODE_CHANGED_STATUS   = 1 << 1,
  STRATA_CANVAS_NODE_CHANGED_PARAMS   = 1 << 2,
} StrataCanvasNodeChange;

/* Nodes: reference-counted (not thread-safe: main thread only). */

typedef struct _StrataCanvasNode StrataCanvasNode;

/* A new node outside any model. @id may be NULL (the model then derives a
 * unique id from @type's last dot-separated word); @title NULL shows the id.
 * Ports and parameters are added before the node is put into a model; once
 * in a model, change it only through the model. Transfer full. */
StrataCanvasNode *strata_canvas_node_new        (const char        *id,
                                                 const char        *type,
                                                 const char        *title,
                                                 const char        *group,
                                                 const char        *icon_name);
StrataCanvasNode *strata_canvas_node_ref        (StrataCanvasNode  *node);
void              strata_canvas_node_unref      (StrataCanvasNode  *node);
/* Appends a port. FALSE (nothing added) if the node already has a port of
 * that name and direction. */
gboolean          strata_canvas_node_add_port   (StrataCanvasNode  *node,
                                                 const char        *name,
                                                 StrataCanvasPortDirection direction,
                                                 const char        *kind);
/* Sets an initial parameter; a floating @value is sunk. */
void              strata_canvas_node_init_param (StrataCanvasNode  *node,
                                                 const char        *name,
                                                 GVariant          *value);

const char       *strata_canvas_node_get_id        (const StrataCanvasNode *node);
const char       *strata_canvas_node_get_type_id   (const StrataCanvasNode *node);
/* The title, or the id when no title was given. */
const char       *strata_canvas_node_get_title     (const StrataCanvasNode *node);
const char       *strata_canvas_node_get_group     (const StrataCanvasNode *node);
const char       *strata_canvas_node_get_icon_name (const StrataCanvasNode *node);
double            strata_canvas_node_get_x         (const StrataCanvasNode *node);
double            strata_canvas_node_get_y         (const StrataCanvasNode *node);
StrataCanvasStatus strata_canvas_node_get_status   (const StrataCanvasNode *node);
/* Fraction done, 0–1, meaningful while running. */
double            strata_canvas_node_get_progress  (const StrataCanvasNode *node);
/* The failure (or status) message, or NULL. */
const char       *strata_canvas_node_get_message   (const StrataCanvasNode *node);
guint             strata_canvas_node_get_n_ports   (const StrataCanvasNode *node);
/* Ports in the order they were added (transfer none). */
const StrataCanvasPort *strata_canvas_node_get_port  (const StrataCanvasNode *node,
                                                      guint                   index);
/* The port with @name and @direction, or NULL; *@row (if not NULL) gets its
 * index among the ports of that direction (its row on the card). */
const StrataCanvasPort *strata_canvas_node_find_port (const StrataCanvasNode *node,
                                                      const char             *name,
                                                      StrataCanvasPortDirection direction,
                                                      guint                  *row);
/* Number of input / output ports. */
guint             strata_canvas_node_count_ports   (const StrataCanvasNode *node,
                                                    StrataCanvasPortDirection direction);
/* A parameter's value, or NULL (transfer none). */
GVariant         *strata_canvas_node_get_param     (const StrataCanvasNode *node,
                                                    const char             *name);
/* Parameter names, sorted (transfer container: free with g_free). */
const char      **strata_canvas_node_list_params   (const StrataCanvasNode *node);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataCanvasNode, strata_canvas_node_unref)

/* The model */

#define STRATA_TYPE_CANVAS_MODEL (strata_canvas_model_get_type ())
G_DECLARE_FINAL_TYPE (StrataCanvasModel, strata_canvas_model, STRATA, CANVAS_MODEL, GObject)

/**
 * StrataCanvasCompatFunc:
 * @out_kind: the kind of the output port the link starts from
 * @in_kind: the kind of the input port it ends on
 * @reason: (out): on refusal, a translated sentence saying why (g_malloc'd),
 *   or leave NULL for the generic "cannot feed" message
 * @user_data: closure
 *
 * Returns TRUE if an @out_kind output may feed an @in_kind input.
 */
typedef gboolean (*StrataCanvasCompatFunc) (const char  *out_kind,
                                            const char  *in_kind,
                                            char       **reason,
                                            gpointer     user_data);

StrataCanvasModel *strata_canvas_model_new     (void);
/* The stack every edit goes through (transfer none). */
StrataUndoStack   *strata_canvas_model_get_undo_stack (StrataCanvasModel *self);
/* Replaces the kind rule; NULL restores "equal strings". */
void               strata_canvas_model_set_compatibility_func (StrataCanvasModel     *self,
                                                               StrataCanvasCompatFunc func,
                                                               gpointer               user_data,
                                                               GDestroyNotify         destroy);
/* Just the kind rule (no cycle or port checks). */
gboolean           strata_canvas_model_kinds_compatible (StrataCanvasModel *self,
                                                         const char        *out_kind,
                                                         const char        *in_kind,
                                                         char             **reason);

/* Queries (all transfer none) */

/* Nodes in insertion order; the array belongs to the model. */
GPtrArray         *strata_canvas_model_get_nodes       (StrataCanvasModel *self);
StrataCanvasNode  *strata_canvas_model_get_node        (StrataCanvasModel *self,
                                                        const char        *id);
/* StrataCanvasLink* in insertion order; the array belongs to the model. */
GPtrArray         *strata_canvas_model_get_links       (StrataCanvasModel *self);
/* The link feeding that input port, or NULL. */
const StrataCanvasLink *strata_canvas_model_get_input_link (StrataCanvasModel *self,
                                                            const char        *node_id,
                                                            const char        *port);
/* @id and every node reachable from it along links, in breadth-first
 * order (transfer container, borrowed strings). For "mark downstream stale". */
GPtrArray         *strata_canvas_model_get_downstream  (StrataCanvasModel *self,
                                                        const char        *id);
/* Could this link be added? On FALSE @error says why (NO_NODE, NO_PORT,
 * INCOMPATIBLE or CYCLE), naming the nodes, ports and kinds. A link onto an
 * input that is already fed is allowed: it replaces the old link. */
gboolean           strata_canvas_model_check_link      (StrataCanvasModel *self,
                                                        const char        *from_node,
                                                        const char        *from_port,
                                                        const char        *to_node,
                                                        const char        *to_port,
                                                        GError           **error);

/* Edits: each is one undo step. On FALSE nothing changed. */

/* Puts @node (transfer full, also on failure) at (@x, @y). A NULL id gets a
 * fresh one; a taken id is DUPLICATE_ID. */
gboolean strata_canvas_model_add_node    (StrataCanvasModel  *self,
                                          StrataCanvasNode   *node,
                                          double              x,
                                          double              y,
                                          GError            **error);
/* Removes the nodes (unknown ids are skipped) and every link touching them.
 * Returns the number of nodes removed. */
guint    strata_canvas_model_remove_nodes (StrataCanvasModel  *self,
                                           const char * const *ids);
/* Moves the nodes by (@dx, @dy). With @coalesce, a move of the same nodes
 * right after another coalescing move joins its undo step (arrow keys). */
void     strata_canvas_model_move_nodes   (StrataCanvasModel  *self,
                                           const char * const *ids,
                                           double              dx,
                                           double              dy,
                                           gboolean            coalesce);
/* Adds a link after strata_canvas_model_check_link(); replaces the link
 * that fed the input before, in the same undo step. */
gboolean strata_canvas_model_link         (StrataCanvasModel  *self,
                                           const char         *from_node,
                                           const char         *from_port,
                                           const char         *to_node,
                                           const char         *to_port,
                                           GError            **error);
/* Removes the link feeding that input. FALSE if there was none. */
gboolean strata_canvas_model_unlink       (StrataCanvasModel  *self,
                                           const char         *to_node,
                                           const char         *to_port);
/* Sets (a floating @value is sunk) or, with NULL, removes a parameter.
 * Successive changes of the same parameter coalesce into one undo step
 * (a spin button being typed into). NO_NODE if @node_id does not exist. */
gboolean strata_canvas_model_set_param    (StrataCanvasModel  *self,
                                           const char         *node_id,
                                           const char         *name,
                                           GVariant           *value,
                                           GError            **error);

/* Status from the executor: not an edit, not recorded. @message may be
 * NULL; @progress is clamped to 0–1. */
void     strata_canvas_model_set_status   (StrataCanvasModel  *self,
                                           const char         *node_id,
                                           StrataCanvasStatus  status,
                                           double              progress,
                                           const char         *message);

/* Serialisation (strata-canvas-model-json.c), for the clipboard */

/* The nodes @ids (NULL: all) and the links among them, as JSON text:
 *   {"format": "strata-canvas", "version": 1,
 *    "nodes": [{"id", "type", "title", "group", "icon", "position": [x, y],
 *               "ports": [{"name", "direction": "input"|"output", "kind"}],
 *               "params": {...}}],
 *    "links": [{"from": "iris:table", "to": "split:table"}]}
 * Transfer full. */
char    *strata_canvas_model_serialize    (StrataCanvasModel  *self,
                                           const char * const *ids);
/* Adds the nodes and links of @text (as made by serialize) moved by
 * (@dx, @dy), as one undo step. Ids already taken are renamed ("split" →
 * "split-2") and links follow. *@new_ids (if not NULL) gets the new ids
 * (transfer full). PARSE error naming the line/column or the node at
 * fault; nothing is added then. */
gboolean strata_canvas_model_paste        (StrataCanvasModel  *self,
                                           const char         *text,
                                           double              dx,
                                           double              dy,
                                           GPtrArray         **new_ids,
                                           GError            **error);
/* serialize + paste in one undo step. Returns the new ids (transfer full). */
GPtrArray *strata_canvas_model_duplicate  (StrataCanvasModel  *self,
                                           const char * const *ids,
                                           double              dx,
                                           double              dy);

G_END_DECLS
