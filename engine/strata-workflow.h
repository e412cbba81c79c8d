/* strata-workflow.h — the workflow document (.strata files)
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A StrataWorkflow is the editable graph the canvas shows and the executor
 * runs: nodes (id, type, parameters, position) and links from an output
 * port to an input port. It is single-owner and lives on one thread (the
 * main thread in the window); the executor takes a snapshot before it runs.
 *
 * File format (DESIGN.md, JSON, UTF-8):
 *
 *   { "format": "strata-workflow", "version": 1, "seed": 42,
 *     "nodes": [ { "id": "iris", "type": "data.csv",
 *                  "params": { "path": "../data/iris.csv" },
 *                  "position": [40, 80] }, … ],
 *     "links": [ { "from": "iris:table", "to": "split:table" }, … ] }
 *
 * - "seed" (optional, default 0) is the workflow seed: every random node
 *   that does not set its own `seed` derives one from it and its id.
 * - Node ids match [A-Za-z0-9_-]+ (they become file names, ID.PORT.csv,
 *   and `--set ID.PARAM=VALUE` keys); "position" is optional.
 * - "params" holds only the values that differ from a default when saved
 *   by Strata; any declared parameter may appear.
 * - PATH parameters are stored relative to the workflow file's folder and
 *   held absolute in memory.
 * - Unknown members (top level, in a node, in a link) are kept and written
 *   back on save. Unknown node types and parameters, bad values, duplicate
 *   ids, links to missing nodes or ports, kind mismatches, two links into
 *   one input and cycles are errors whose message names the file and the
 *   node / parameter / link.
 * - Saving is atomic (temporary file + rename).
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "strata-node.h"

G_BEGIN_DECLS

#define STRATA_WORKFLOW_ERROR (strata_workflow_error_quark ())

/**
 * StrataWorkflowError:
 * @STRATA_WORKFLOW_ERROR_PARSE: not JSON (message has line:column)
 * @STRATA_WORKFLOW_ERROR_FORMAT: JSON, but not a workflow: a missing or
 *   mistyped member, a bad node id, a link that is not "NODE:PORT"
 * @STRATA_WORKFLOW_ERROR_VERSION: written by a newer Strata
 * @STRATA_WORKFLOW_ERROR_DUPLICATE_ID: two nodes share an id
 * @STRATA_WORKFLOW_ERROR_UNKNOWN_TYPE: no such node type in the registry
 * @STRATA_WORKFLOW_ERROR_PARAM: unknown parameter or bad value (the
 *   message names node and parameter)
 * @STRATA_WORKFLOW_ERROR_UNKNOWN_NODE: a link or a --set names a node that
 *   does not exist
 * @STRATA_WORKFLOW_ERROR_UNKNOWN_PORT: a link names a port the node type
 *   does not have
 * @STRATA_WORKFLOW_ERROR_KIND: a link joins ports of different data kinds
 * @STRATA_WORKFLOW_ERROR_INPUT_TAKEN: two links into one input port
 * @STRATA_WORKFLOW_ERROR_CYCLE: the links form a cycle (message lists it)
 * @STRATA_WORKFLOW_ERROR_MISSING_INPUT: a required input is unconnected
 *   (checked before a run, not on load: a half-built canvas is saveable)
 *
 * I/O problems are G_IO_ERROR / G_FILE_ERROR with the file named.
 */
typedef enum {
  STRATA_WORKFLOW_ERROR_PARSE,
  STRATA_WORKFLOW_ERROR_FORMAT,
  STRATA_WORKFLOW_ERROR_VERSION,
  STRATA_WORKFLOW_ERROR_DUPLICATE_ID,
  STRATA_WORKFLOW_ERROR_UNKNOWN_TYPE,
  STRATA_WORKFLOW_ERROR_PARAM,
  STRATA_WORKFLOW_ERROR_UNKNOWN_NODE,
  STRATA_WORKFLOW_ERROR_UNKNOWN_PORT,
  STRATA_WORKFLOW_ERROR_KIND,
  STRATA_WORKFLOW_ERROR_INPUT_TAKEN,
  STRATA_WORKFLOW_ERROR_CYCLE,
  STRATA_WORKFLOW_ERROR_MISSING_INPUT,
} StrataWorkflowError;

GQuark strata_workflow_error_quark (void);

#define STRATA_WORKFLOW_FORMAT  "strata-workflow"
#define STRATA_WORKFLOW_VERSION 1

typedef struct _StrataWorkflow StrataWorkflow;

/* --- Files -------------------------------------------------------------- */

/* An empty workflow using @registry (a reference is taken). */
StrataWorkflow *strata_workflow_new            (StrataRegistry  *registry);
/* Reads and validates @path. Transfer full; NULL with @error. */
StrataWorkflow *strata_workflow_load           (StrataRegistry  *registry,
                                                const char      *path,
                                                GError         **error);
/* As load, from memory: relative paths resolve against @base_dir (NULL =
 * the current directory); @display_name names the source in messages. */
StrataWorkflow *strata_workflow_load_from_data (StrataRegistry  *registry,
                                                const char      *data,
                                                gsize            length,
                                                const char      *base_dir,
                                                const char      *display_name,
                                                GError         **error);
/* Writes @path atomically, paths relative to its folder; remembers @path. */
gboolean        strata_workflow_save           (StrataWorkflow  *workflow,
                                                const char      *path,
                                                GError         **error);
/* The document as pretty JSON text, paths relative to @base_dir (NULL =
 * keep them absolute). Transfer full. */
char           *strata_workflow_to_data        (StrataWorkflow  *workflow,
                                                const char      *base_dir,
                                                gsize           *length);
void            strata_workflow_free           (StrataWorkflow  *workflow);

/* The file last loaded or saved, or NULL. */
const char     *strata_workflow_get_path       (StrataWorkflow  *workflow);
StrataRegistry *strata_workflow_get_registry   (StrataWorkflow  *workflow);
guint64         strata_workflow_get_seed       (StrataWorkflow  *workflow);
void            strata_workflow_set_seed       (StrataWorkflow  *workflow,
                                                guint64          seed);

/* --- Nodes -------------------------------------------------------------- */

guint                 strata_workflow_get_n_nodes   (StrataWorkflow *workflow);
/* Ids in document order. Transfer none. */
const char           *strata_workflow_get_node_id   (StrataWorkflow *workflow,
                                                     guint           index);
gboolean              strata_workflow_has_node      (StrataWorkflow *workflow,
                                                     const char     *id);
/* NULL when there is no such node. */
const StrataNodeType *strata_workflow_get_node_type (StrataWorkflow *workflow,
                                                     const char     *id);
/* The node's parameters (borrowed; change them with set_param). */
StrataParams         *strata_workflow_get_params    (StrataWorkflow *workflow,
                                                     const char     *id);
/* Adds a node of type @type_id. @id NULL picks a fresh one from the type
 * ("impute", "impute2", …). Returns the id (transfer none) or NULL with
 * UNKNOWN_TYPE, FORMAT (bad id) or DUPLICATE_ID. */
const char           *strata_workflow_add_node      (StrataWorkflow *workflow,
                                                     const char     *type_id,
                                                     const char     *id,
                                                     double          x,
                                                     double          y,
                                                     GError        **error);
/* Removes the node and its links; FALSE if there is no such node. */
gboolean              strata_workflow_remove_node   (StrataWorkflow *workflow,
                                                     const char     *id);
gboolean              strata_workflow_get_position  (StrataWorkflow *workflow,
                                                     const char     *id,
                                                     double         *x,
                                                     double         *y);
void                  strata_workflow_set_position  (StrataWorkflow *workflow,
                                                     const char     *id,
                                                     double          x,
                                                     double          y);
/* Validates and sets a parameter. A relative PATH is made absolute against
 * the current directory. Errors: UNKNOWN_NODE, PARAM. */
gboolean              strata_workflow_set_param     (StrataWorkflow *workflow,
                                                     const char     *id,
                                                     const char     *name,
                                                     JsonNode       *value,
                                                     GError        **error);
/* `--set ID.PARAM=TEXT`: @assignment is "ID.PARAM=TEXT"; the text is parsed
 * as the parameter's type (strata_param_parse_text). Errors: FORMAT (no '='
 * or no '.'), UNKNOWN_NODE, PARAM. */
gboolean              strata_workflow_apply_setting (StrataWorkflow *workflow,
                                                     const char     *assignment,
                                                     GError        **error);

/* --- Links -------------------------------------------------------------- */

guint    strata_workflow_get_n_links (StrataWorkflow  *workflow);
/* The @index-th link (document order); out strings borrowed. */
void     strata_workflow_get_link    (StrataWorkflow  *workflow,
                                      guint            index,
                                      const char     **from_node,
                                      const char     **from_port,
                                      const char     **to_node,
                                      const char     **to_port);
/* Links an output to an input. Errors: UNKNOWN_NODE, UNKNOWN_PORT, KIND,
 * INPUT_TAKEN, CYCLE (nothing changes on error). */
gboolean strata_workflow_connect     (StrataWorkflow  *workflow,
                                      const char      *from_node,
                                      const char      *from_port,
                                      const char      *to_node,
                                      const char      *to_port,
                                      GError         **error);
/* Removes the link into @to_node:@to_port; FALSE if there is none. */
gboolean strata_workflow_disconnect  (StrataWorkflow  *workflow,
                                      const char      *to_node,
                                      const char      *to_port);
/* What feeds @to_node:@to_port: TRUE and the source, or FALSE. */
gboolean strata_workflow_get_source  (StrataWorkflow  *workflow,
                                      const char      *to_node,
                                      const char      *to_port,
                                      const char     **from_node,
                                      const char     **from_port);

/* --- Graph -------------------------------------------------------------- */

/* Node ids in an order where every link goes forward (ties: document
 * order). A GPtrArray of borrowed strings (transfer container), or NULL
 * with STRATA_WORKFLOW_ERROR_CYCLE naming the nodes of one cycle. */
GPtrArray *strata_workflow_sort          (StrataWorkflow  *workflow,
                                          GError         **error);
/* Checks that every required input is connected: MISSING_INPUT naming
 * node and port. */
gboolean   strata_workflow_check_inputs  (StrataWorkflow  *workflow,
                                          GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataWorkflow, strata_workflow_free)

G_END_DECLS
