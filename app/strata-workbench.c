/* strata-workbench.c — one open workflow: document, canvas model, executor
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * The canvas model is where edits happen (it owns the undo stack), the
 * workflow is what is run and saved. The workbench listens to the model's
 * signals and repeats each change on the workflow: node-added / -removed,
 * node-changed (position, parameters), link-added / -removed. Undo and redo
 * emit the same signals, so they need no special case. The canvas keeps a
 * parameter as the JSON text of its value; on a parameter change every
 * declared parameter of the node is copied over (set, or reset when the
 * canvas has none), which is cheap and cannot drift.
 *
 * An edit of parameters or links marks the node and everything downstream
 * "stale" on the canvas. Which nodes actually run again is the executor's
 * business: its cache key covers parameters, seeds and input identities.
 *
 * Runs: strata_executor_run_async() on the executor's worker thread. Events
 * wait in the executor's queue until the window drains them, once per frame
 * (a tick callback) — never more often, however fast the worker pushes. The
 * completion callback drains what is left, then emits ::run-finished. The
 * callback holds a reference, so the executor outlives its run.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "strata-workbench.h"

#define NODE_SPACING_X 260.0  /* cards are 208 units wide */
#define NODE_ORIGIN_X   40.0
#define NODE_ORIGIN_Y  120.0

struct _StrataWorkbench {
  GObject             parent_instance;

  StrataRegistry     *registry;     /* owned */
  StrataWorkflow     *workflow;     /* owned */
  StrataCanvasModel  *model;        /* owned */
  StrataExecutor     *executor;     /* owned */
  GCancellable       *cancellable;  /* owned, the run in progress, or NULL */
  gboolean            loading;      /* filling the model from the workflow */
  gboolean            recovered;    /* contents not from a file on disk */
};

G_DEFINE_FINAL_TYPE (StrataWorkbench, strata_workbench, G_TYPE_OBJECT)

enum { PROP_0, PROP_RUNNING, N_PROPS };
enum { RUN_FINISHED, NODE_EVENT, N_SIGNALS };

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* --- groups ------------------------------------------------------------------ */

static const struct {
  const char *group;
  const char *icon;
  const char *title;
} groups[] = {
  { "data", "x-office-spreadsheet-symbolic", N_("Data") },
  { "clean", "edit-clear-all-symbolic", N_("Clean") },
  { "mine", "system-search-symbolic", N_("Mine") },
  { "model", "view-app-grid-symbolic", N_("Model") },
  { "evaluate", "emblem-ok-symbolic", N_("Evaluate") },
};

const char *
strata_workbench_group_icon (const char *group)
{
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    if (g_strcmp0 (group, groups[i].group) == 0)
      return groups[i].icon;
  return "application-x-executable-symbolic";
}

const char *
strata_workbench_group_title (const char *group)
{
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    if (g_strcmp0 (group, groups[i].group) == 0)
      return _(groups[i].title);
  return group;
}

/* --- values ------------------------------------------------------------------ */

static GVariant *
variant_from_json (JsonNode *value)
{
  g_autofree char *text = strata_json_to_string (value, FALSE, NULL);

  return g_variant_new_string (text);
}

/* The canvas's value of a parameter as JSON, or NULL (default or not text). */
static JsonNode *
json_from_variant (GVariant *value)
{
  if (value == NULL || !g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return NULL;
  return json_from_string (g_variant_get_string (value, NULL), NULL);
}

/* --- the canvas node of a workflow node ------------------------------------------ */

static StrataCanvasNode *
canvas_node_new (const StrataNodeType *type,
                 const char           *id)
{
  StrataCanvasNode *node = strata_canvas_node_new (id, type->id, _(type->title), type->group,
                                                   strata_workbench_group_icon (type->group));

  for (guint i = 0; type->inputs != NULL && type->inputs[i].name != NULL; i++)
    strata_canvas_node_add_port (node, type->inputs[i].name, STRATA_CANVAS_PORT_INPUT,
                                 type->inputs[i].kind);
  for (guint i = 0; type->outputs != NULL && type->outputs[i].name != NULL; i++)
    strata_canvas_node_add_port (node, type->outputs[i].name, STRATA_CANVAS_PORT_OUTPUT,
                                 type->outputs[i].kind);
  return node;
}

static gboolean
kinds_compatible (const char  *out_kind,
                  const char  *in_kind,
                  char       **reason,
                  gpointer     user_data)
{
  if (strata_data_kind_compatible (out_kind, in_kind))
    return TRUE;
  /* TRANSLATORS: data kinds, e.g. "A rules output cannot feed a table input" */
  *reason = g_strdup_printf (_("A %s output cannot feed a %s input"), out_kind, in_kind);
  return FALSE;
}

/* --- keeping the workflow in step -------------------------------------------- */

static void
mark_stale (StrataWorkbench *self,
            const char      *id)
{
  g_autoptr(GPtrArray) ids = strata_canvas_model_get_downstream (self->model, id);

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    strata_canvas_model_set_status (self->model, g_ptr_array_index (ids, i),
                                    STRATA_CANVAS_STATUS_STALE, 0.0, NULL);
}

static void
copy_params (StrataWorkbench  *self,
             StrataCanvasNode *node)
{
  const char *id = strata_canvas_node_get_id (node);
  StrataParams *params = strata_workflow_get_params (self->workflow, id);
  const StrataParamSpec *specs = params != NULL ? strata_params_get_specs (params) : NULL;

  for (guint i = 0; specs != NULL && specs[i].name != NULL; i++)
    {
      g_autoptr(JsonNode) value = json_from_variant (strata_canvas_node_get_param (node, specs[i].name));
      g_autoptr(GError) error = NULL;

      if (value == NULL)
        strata_params_reset (params, specs[i].name);
      else if (!strata_workflow_set_param (self->workflow, id, specs[i].name, value, &error))
        {
          /* Only a pasted fragment can carry a bad value: keep the default. */
          g_debug ("%s", error->message);
          strata_params_reset (params, specs[i].name);
        }
    }
}

static void
on_node_added (StrataCanvasModel *model,
               const char        *id,
               StrataWorkbench   *self)
{
  StrataCanvasNode *node = strata_canvas_model_get_node (model, id);
  g_autoptr(GError) error = NULL;

  if (self->loading || strata_workflow_has_node (self->workflow, id))
    return;
  if (strata_workflow_add_node (self->workflow, strata_canvas_node_get_type_id (node), id,
                                strata_canvas_node_get_x (node), strata_canvas_node_get_y (node),
                                &error) == NULL)
    {
      g_warning ("%s", error->message);
      return;
    }
  copy_params (self, node);
}

static void
on_node_removed (StrataCanvasModel *model,
                 const char        *id,
                 StrataWorkbench   *self)
{
  strata_workflow_remove_node (self->workflow, id);
}

static void
on_node_changed (StrataCanvasModel      *model,
                 const char             *id,
                 StrataCanvasNodeChange  change,
                 StrataWorkbench        *self)
{
  StrataCanvasNode *node = strata_canvas_model_get_node (model, id);

  if (self->loading || node == NULL || !strata_workflow_has_node (self->workflow, id))
    return;
  if (change & STRATA_CANVAS_NODE_CHANGED_POSITION)
    strata_workflow_set_position (self->workflow, id, strata_canvas_node_get_x (node),
                                  strata_canvas_node_get_y (node));
  if (change & STRATA_CANVAS_NODE_CHANGED_PARAMS)
    {
      copy_params (self, node);
      mark_stale (self, id);
    }
}

static void
on_link_added (StrataCanvasModel      *model,
               const StrataCanvasLink *link,
               StrataWorkbench        *self)
{
  g_autoptr(GError) error = NULL;

  if (self->loading)
    return;
  /* A replaced link may be announced after its replacement. */
  strata_workflow_disconnect (self->workflow, link->to_node, link->to_port);
  if (!strata_workflow_connect (self->workflow, link->from_node, link->from_port,
                                link->to_node, link->to_port, &error))
    g_warning ("%s", error->message);
  mark_stale (self, link->to_node);
}

static void
on_link_removed (StrataCanvasModel      *model,
                 const StrataCanvasLink *link,
                 StrataWorkbench        *self)
{
  const char *from_node = NULL, *from_port = NULL;

  if (self->loading)
    return;
  if (strata_workflow_get_source (self->workflow, link->to_node, link->to_port,
                                  &from_node, &from_port) &&
      g_strcmp0 (from_node, link->from_node) == 0 && g_strcmp0 (from_port, link->from_port) == 0)
    strata_workflow_disconnect (self->workflow, link->to_node, link->to_port);
  if (strata_canvas_model_get_node (model, link->to_node) != NULL)
    mark_stale (self, link->to_node);
}

/* --- construction -------------------------------------------------------------- */

/* Fills the (empty) model from the workflow, laying out nodes without a
 * position by their depth in the graph. */
static void
fill_model (StrataWorkbench *self)
{
  guint n = strata_workflow_get_n_nodes (self->workflow);
  g_autoptr(GPtrArray) order = strata_workflow_sort (self->workflow, NULL);
  g_autoptr(GHashTable) depth = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) rows = g_hash_table_new (g_direct_hash, g_direct_equal);

  /* Depth of each node: one more than its deepest source. */
  for (guint i = 0; order != NULL && i < order->len; i++)
    {
      const char *id = g_ptr_array_index (order, i);
      guint d = 0;

      for (guint l = 0; l < strata_workflow_get_n_links (self->workflow); l++)
        {
          const char *from, *from_port, *to, *to_port;

          strata_workflow_get_link (self->workflow, l, &from, &from_port, &to, &to_port);
          if (g_strcmp0 (to, id) == 0)
            d = MAX (d, GPOINTER_TO_UINT (g_hash_table_lookup (depth, from)));
        }
      g_hash_table_insert (depth, (gpointer) id, GUINT_TO_POINTER (d + 1));
    }

  self->loading = TRUE;
  for (guint i = 0; i < n; i++)
    {
      const char *id = strata_workflow_get_node_id (self->workflow, i);
      const StrataNodeType *type = strata_workflow_get_node_type (self->workflow, id);
      StrataParams *params = strata_workflow_get_params (self->workflow, id);
      const StrataParamSpec *specs = strata_params_get_specs (params);
      StrataCanvasNode *node = canvas_node_new (type, id);
      double x, y;
      g_autoptr(GError) error = NULL;

      for (guint p = 0; specs != NULL && specs[p].name != NULL; p++)
        if (strata_params_is_set (params, specs[p].name))
          strata_canvas_node_init_param (node, specs[p].name,
                                         variant_from_json (strata_params_get (params, specs[p].name)));
      if (!strata_workflow_get_position (self->workflow, id, &x, &y))
        {
          guint d = GPOINTER_TO_UINT (g_hash_table_lookup (depth, id));
          guint row = GPOINTER_TO_UINT (g_hash_table_lookup (rows, GUINT_TO_POINTER (d)));

          x = NODE_ORIGIN_X + NODE_SPACING_X * (d > 0 ? d - 1 : 0);
          y = NODE_ORIGIN_Y + 140.0 * row;
          g_hash_table_insert (rows, GUINT_TO_POINTER (d), GUINT_TO_POINTER (row + 1));
          strata_workflow_set_position (self->workflow, id, x, y);
        }
      if (!strata_canvas_model_add_node (self->model, node, x, y, &error))
        g_warning ("%s", error->message);
    }
  for (guint l = 0; l < strata_workflow_get_n_links (self->workflow); l++)
    {
      const char *from, *from_port, *to, *to_port;
      g_autoptr(GError) error = NULL;

      strata_workflow_get_link (self->workflow, l, &from, &from_port, &to, &to_port);
      if (!strata_canvas_model_link (self->model, from, from_port, to, to_port, &error))
        g_warning ("%s", error->message);
    }
  self->loading = FALSE;
  strata_undo_stack_clear (strata_canvas_model_get_undo_stack (self->model));
}

static StrataWorkbench *
workbench_new_for (StrataWorkflow *workflow)
{
  StrataWorkbench *self = g_object_new (STRATA_TYPE_WORKBENCH, NULL);

  self->workflow = workflow;
  self->registry = strata_registry_ref (strata_workflow_get_registry (workflow));
  fill_model (self);
  return self;
}

StrataWorkbench *
strata_workbench_new (StrataRegistry *registry)
{
  g_return_val_if_fail (registry != NULL, NULL);
  return workbench_new_for (strata_workflow_new (registry));
}

StrataWorkbench *
strata_workbench_new_from_file (StrataRegistry  *registry,
                                const char      *path,
                                GError         **error)
{
  StrataWorkflow *workflow;

  g_return_val_if_fail (registry != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  workflow = strata_workflow_load (registry, path, error);
  return workflow != NULL ? workbench_new_for (workflow) : NULL;
}

StrataWorkbench *
strata_workbench_new_from_data (StrataRegistry  *registry,
                                const char      *data,
                                const char      *base_dir,
                                const char      *display_name,
                                GError         **error)
{
  StrataWorkflow *workflow;
  StrataWorkbench *self;

  g_return_val_if_fail (registry != NULL, NULL);
  g_return_val_if_fail (data != NULL, NULL);

  workflow = strata_workflow_load_from_data (registry, data, strlen (data), base_dir,
                                             display_name, error);
  if (workflow == NULL)
    return NULL;
  self = workbench_new_for (workflow);
  /* Not what is on disk: the document counts as modified. */
  self->recovered = TRUE;
  return self;
}

/* --- accessors ------------------------------------------------------------------ */

StrataCanvasModel *
strata_workbench_get_model (StrataWorkbench *self)
{
  g_return_val_if_fail (STRATA_IS_WORKBENCH (self), NULL);
  return self->model;
}

StrataWorkflow *
strata_workbench_get_workflow (StrataWorkbench *self)
{
  g_return_val_if_fail (STRATA_IS_WORKBENCH (self), NULL);
  return self->workflow;
}

StrataRegistry *
strata_workbench_get_registry (StrataWorkbench *self)
{
  g_return_val_if_fail (STRATA_IS_WORKBENCH (self), NULL);
  return self->registry;
}

const char *
strata_workbench_get_path (StrataWorkbench *self)
{
  g_return_val_if_fail (STRATA_IS_WORKBENCH (self), NULL);
  return strata_workflow_get_path (self->workflow);
}

gboolean
strata_workbench_is_modified (StrataWorkbench *self)
{
  g_return_val_if_fail (STRATA_IS_WORKBENCH (self), FALSE);
  if (self->recovered)
    return TRUE;
  return !strata_undo_stack_is_clean (strata_canvas_model_get_undo_stack (self->model));
}

gboolean
strata_workbench_save (StrataWorkbench  *self,
                       const char       *path,
                       GError          **error)
{
  g_return_val_if_fail (STRATA_IS_WORKBENCH (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!strata_workflow_save (self->workflow, path, error))
    return FALSE;
  self->recovered = FALSE;
  strata_undo_stack_mark_clean (strata_canvas_model_get_undo_stack (self->model));
  return TRUE;
}

char *
strata_workbench_to_data (StrataWorkbench *self)
{
  g_return_val_if_fail (STRATA_IS_WORKBENCH (self), NULL);
  return strata_workflow_to_data (self->workflow, NULL, NULL);
}

/* --- edits ---------------------------------------------------------------------- */

void
strata_workbench_free_position (StrataWorkbench *self,
                                double          *x,
                                double          *y)
{
  GPtrArray *nodes = strata_canvas_model_get_nodes (self->model);
  double right = NODE_ORIGIN_X - NODE_SPACING_X, top = NODE_ORIGIN_Y;

  for (guint i = 0; i < nodes->len; i++)
    {
      StrataCanvasNode *node = g_ptr_array_index (nodes, i);

      if (strata_canvas_node_get_x (node) > right)
        {
          right = strata_canvas_node_get_x (node);
          top = strata_canvas_node_get_y (node);
        }
    }
  *x = right + NODE_SPACING_X;
  *y = top;
}

const char *
strata_workbench_add_node (StrataWorkbench  *self,
                           const char       *type_id,
                           double            x,
                           double            y,
                           GError          **error)
{
  const StrataNodeType *type;
  g_autofree char *id = NULL;
  StrataCanvasNode *node;

  g_return_val_if_fail (STRATA_IS_WORKBENCH (self), NULL);
  g_return_val_if_fail (type_id != NULL, NULL);

  type = strata_registry_lookup (self->registry, type_id);
  if (type == NULL)
    {
      g_set_error (error, STRATA_WORKFLOW_ERROR, STRATA_WORKFLOW_ERROR_UNKNOWN_TYPE,
                   _("unknown node type “%s”"), type_id);
      return NULL;
    }
  /* Ids the engine accepts: the type's last word, then word2, word3… */
  {
    const char *dot = strrchr (type_id, '.');
    const char *base = dot != NULL ? dot + 1 : type_id;

    id = g_strdup (base);
    for (guint i = 2; strata_workflow_has_node (self->workflow, id) ||
                      strata_canvas_model_get_node (self->model, id) != NULL; i++)
      {
        g_free (id);
        id = g_strdup_printf ("%s%u", base, i);
      }
  }
  node = canvas_node_new (type, id);
  if (!strata_canvas_model_add_node (self->model, node, x, y, error))
    return NULL;
  if (!strata_workflow_has_node (self->workflow, id))
    {
      /* The document refused what the canvas took: take it back. */
      const char *ids[] = { id, NULL };

      strata_canvas_model_remove_nodes (self->model, ids);
      g_set_error (error, STRATA_WORKFLOW_ERROR, STRATA_WORKFLOW_ERROR_FORMAT,
                   _("could not add a node “%s”"), id);
      return NULL;
    }
  return strata_canvas_node_get_id (strata_canvas_model_get_node (self->model, id));
}

gboolean
strata_workbench_set_param (StrataWorkbench  *self,
                            const char       *node_id,
                            const char       *name,
                            JsonNode         *value,
                            GError          **error)
{
  StrataParams *params;
  const StrataParamSpec *spec;
  g_autoptr(JsonNode) fallback = NULL;
  g_autofree char *text = NULL, *default_text = NULL;

  g_return_val_if_fail (STRATA_IS_WORKBENCH (self), FALSE);

  params = strata_workflow_get_params (self->workflow, node_id);
  if (params == NULL)
    {
      g_set_error (error, STRATA_WORKFLOW_ERROR, STRATA_WORKFLOW_ERROR_UNKNOWN_NODE,
                   _("there is no node “%s”"), node_id);
      return FALSE;
    }
  spec = strata_param_specs_find (strata_params_get_specs (params), name);
  if (spec == NULL)
    {
      g_set_error (error, STRATA_PARAM_ERROR, STRATA_PARAM_ERROR_UNKNOWN,
                   _("parameter “%s”: no such parameter"), name);
      return FALSE;
    }
  if (value != NULL && !strata_param_validate (spec, value, error))
    return FALSE;

  /* A value equal to the default is stored as "unset", as the file does. */
  fallback = strata_param_spec_dup_default (spec);
  default_text = strata_json_to_string (fallback, FALSE, NULL);
  if (value != NULL)
    text = strata_json_to_string (value, FALSE, NULL);
  return strata_canvas_model_set_param (self->model, node_id, name,
                                        text != NULL && g_strcmp0 (text, default_text) != 0
                                          ? g_variant_new_string (text) : NULL,
                                        error);
}

/* --- runs ----------------------------------------------------------------------- */

static void
set_status_from_event (StrataWorkbench *self,
                       StrataEvent     *event)
{
  StrataCanvasNode *node;

  if (event->node_id == NULL)
    return;
  node = strata_canvas_model_get_node (self->model, event->node_id);
  if (node == NULL)
    return;

  switch (event->type)
    {
    case STRATA_EVENT_NODE_QUEUED:
      strata_canvas_model_set_status (self->model, event->node_id,
                                      STRATA_CANVAS_STATUS_QUEUED, 0.0, NULL);
      break;
    case STRATA_EVENT_NODE_STARTED:
      strata_canvas_model_set_status (self->model, event->node_id,
                                      STRATA_CANVAS_STATUS_RUNNING, 0.0, NULL);
      break;
    case STRATA_EVENT_NODE_PROGRESS:
      strata_canvas_model_set_status (self->model, event->node_id, STRATA_CANVAS_STATUS_RUNNING,
                                      event->fraction >= 0 ? event->fraction
                                                           : strata_canvas_node_get_progress (node),
                                      event->message);
      break;
    case STRATA_EVENT_NODE_FINISHED:
      strata_canvas_model_set_status (self->model, event->node_id,
                                      STRATA_CANVAS_STATUS_DONE, 1.0, NULL);
      break;
    case STRATA_EVENT_NODE_FAILED:
      {
        const char *message = event->error != NULL ? event->error->message : NULL;
        const StrataNodeType *type = strata_workflow_get_node_type (self->workflow, event->node_id);
        g_autofree char *prefix = type != NULL ? g_strdup_printf ("node “%s” (%s): ", event->node_id, type->id)
                                               : NULL;

        /* The card is the node: the executor's "node “x” (type): " is said. */
        if (message != NULL && prefix != NULL && g_str_has_prefix (message, prefix))
          message += strlen (prefix);
        strata_canvas_model_set_status (self->model, event->node_id, STRATA_CANVAS_STATUS_FAILED,
                                        0.0, message);
      }
      break;
    case STRATA_EVENT_NODE_CANCELLED:
      strata_canvas_model_set_status (self->model, event->node_id, STRATA_CANVAS_STATUS_STALE,
                                      0.0, _("Cancelled"));
      break;
    case STRATA_EVENT_NODE_WARNING:
    case STRATA_EVENT_TRAIN_STEP:
    case STRATA_EVENT_TRAIN_EPOCH:
    case STRATA_EVENT_RUN_FINISHED:
    default:
      break;
    }
}

guint
strata_workbench_drain_events (StrataWorkbench *self)
{
  g_autoptr(GPtrArray) events = NULL;

  g_return_val_if_fail (STRATA_IS_WORKBENCH (self), 0);

  events = strata_event_queue_drain (strata_executor_get_events (self->executor), 0,
                                     STRATA_EVENT_COALESCE_PROGRESS);
  for (guint i = 0; i < events->len; i++)
    {
      StrataEvent *event = g_ptr_array_index (events, i);

      set_status_from_event (self, event);
      g_signal_emit (self, signals[NODE_EVENT], 0, event);
    }
  return events->len;
}

static void
run_done (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(StrataWorkbench) self = user_data;
  g_autoptr(GError) error = NULL;

  strata_executor_run_finish (self->executor, result, &error);
  g_clear_object (&self->cancellable);
  strata_workbench_drain_events (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  g_signal_emit (self, signals[RUN_FINISHED], 0, error);
}

gboolean
strata_workbench_run (StrataWorkbench  *self,
                      GError          **error)
{
  g_autoptr(GPtrArray) order = NULL;

  g_return_val_if_fail (STRATA_IS_WORKBENCH (self), FALSE);

  if (self->cancellable != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY, _("The workflow is already running"));
      return FALSE;
    }
  if (strata_workflow_get_n_nodes (self->workflow) == 0)
    {
      g_set_error (error, STRATA_WORKFLOW_ERROR, STRATA_WORKFLOW_ERROR_MISSING_INPUT,
                   _("There is nothing to run: add a node from the palette first"));
      return FALSE;
    }
  order = strata_workflow_sort (self->workflow, error);
  if (order == NULL || !strata_workflow_check_inputs (self->workflow, error))
    return FALSE;

  self->cancellable = g_cancellable_new ();
  strata_executor_run_async (self->executor, self->workflow, self->cancellable, run_done,
                             g_object_ref (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  return TRUE;
}

void
strata_workbench_stop (StrataWorkbench *self)
{
  g_return_if_fail (STRATA_IS_WORKBENCH (self));
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

StrataTrainControl *
strata_workbench_get_train_control (StrataWorkbench *self)
{
  g_return_val_if_fail (STRATA_IS_WORKBENCH (self), NULL);
  return strata_executor_get_train_control (self->executor);
}

gboolean
strata_workbench_is_running (StrataWorkbench *self)
{
  g_return_val_if_fail (STRATA_IS_WORKBENCH (self), FALSE);
  return self->cancellable != NULL;
}

StrataData *
strata_workbench_dup_output (StrataWorkbench *self,
                             const char      *node_id,
                             const char      *port)
{
  g_return_val_if_fail (STRATA_IS_WORKBENCH (self), NULL);
  return strata_executor_dup_output (self->executor, node_id, port);
}

StrataNodeResult *
strata_workbench_dup_result (StrataWorkbench *self,
                             const char      *node_id)
{
  g_return_val_if_fail (STRATA_IS_WORKBENCH (self), NULL);
  return strata_executor_dup_result (self->executor, node_id);
}

StrataTable *
strata_workbench_dup_input_table (StrataWorkbench *self,
                                  const char      *node_id)
{
  const StrataNodeType *type;
  const char *from_node, *from_port;
  g_autoptr(StrataData) data = NULL;

  g_return_val_if_fail (STRATA_IS_WORKBENCH (self), NULL);

  type = strata_workflow_get_node_type (self->workflow, node_id);
  for (guint i = 0; type != NULL && type->inputs != NULL && type->inputs[i].name != NULL; i++)
    {
      if (g_strcmp0 (type->inputs[i].kind, STRATA_DATA_TABLE) != 0)
        continue;
      if (!strata_workflow_get_source (self->workflow, node_id, type->inputs[i].name,
                                       &from_node, &from_port))
        return NULL;
      data = strata_executor_dup_output (self->executor, from_node, from_port);
      if (data == NULL || strata_data_get_table (data) == NULL)
        return NULL;
      return strata_table_ref (strata_data_get_table (data));
    }
  return NULL;
}

/* --- the object ------------------------------------------------------------------ */

static void
strata_workbench_dispose (GObject *object)
{
  StrataWorkbench *self = STRATA_WORKBENCH (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  G_OBJECT_CLASS (strata_workbench_parent_class)->dispose (object);
}

static void
strata_workbench_finalize (GObject *object)
{
  StrataWorkbench *self = STRATA_WORKBENCH (object);

  /* A run holds a reference: none is in progress here. */
  g_clear_pointer (&self->executor, strata_executor_free);
  g_clear_pointer (&self->workflow, strata_workflow_free);
  g_clear_pointer (&self->registry, strata_registry_unref);
  G_OBJECT_CLASS (strata_workbench_parent_class)->finalize (object);
}

static void
strata_workbench_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, strata_workbench_is_running (STRATA_WORKBENCH (object)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
strata_workbench_class_init (StrataWorkbenchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = strata_workbench_dispose;
  object_class->finalize = strata_workbench_finalize;
  object_class->get_property = strata_workbench_get_property;

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[RUN_FINISHED] = g_signal_new ("run-finished", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1, G_TYPE_POINTER);
  signals[NODE_EVENT] = g_signal_new ("node-event", G_TYPE_FROM_CLASS (klass),
                                      G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                      G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
strata_workbench_init (StrataWorkbench *self)
{
  self->model = strata_canvas_model_new ();
  self->executor = strata_executor_new ();
  /* Frames first: training yields the processor to the main thread and
   * the display server (same numbers, see the executor's docs). */
  strata_executor_set_background_nice (self->executor, 10);
  strata_canvas_model_set_compatibility_func (self->model, kinds_compatible, NULL, NULL);
  g_signal_connect (self->model, "node-added", G_CALLBACK (on_node_added), self);
  g_signal_connect (self->model, "node-removed", G_CALLBACK (on_node_removed), self);
  g_signal_connect (self->model, "node-changed", G_CALLBACK (on_node_changed), self);
  g_signal_connect (self->model, "link-added", G_CALLBACK (on_link_added), self);
  g_signal_connect (self->model, "link-removed", G_CALLBACK (on_link_removed), self);
}
