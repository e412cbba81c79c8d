/* strata-canvas-model.c — nodes, ports, links and the edits on them
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * Nodes live in a GPtrArray (insertion order, which is also the canvas's Tab
 * order) and a hash table by id whose keys are borrowed from the nodes.
 * Links live in a GPtrArray; an input port takes at most one link, so a link
 * is identified by its (to_node, to_port) pair. Graphs here are small (a few
 * hundred nodes), so lookups by scanning are fine and keep the code simple.
 *
 * Every public edit builds a command (a struct embedding StrataUndoCommand)
 * and pushes it on the model's undo stack, which applies it. Commands only
 * call the private raw_* functions below, which change the data and emit the
 * signals the canvas listens to. Compound edits (removing a node removes its
 * links first; a link onto a fed input first removes the old link) are
 * undo groups, so a single undo reverses them entirely.
 *
 * A removed node stays alive in its command (nodes are reference-counted)
 * together with its index, so undo puts it back exactly where it was.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "strata-canvas-model-private.h"


struct _StrataCanvasModel {
  GObject                parent_instance;

  GPtrArray             *nodes;   /* StrataCanvasNode*, owned refs */
  GHashTable            *by_id;   /* borrowed id → borrowed node */
  GPtrArray             *links;   /* StrataCanvasLink*, owned */
  StrataUndoStack       *undo;    /* owned */

  StrataCanvasCompatFunc compat_func;
  gpointer               compat_data;
  GDestroyNotify         compat_destroy;
};

G_DEFINE_FINAL_TYPE (StrataCanvasModel, strata_canvas_model, G_TYPE_OBJECT)
G_DEFINE_QUARK (strata-canvas-model-error-quark, strata_canvas_model_error)

enum {
  NODE_ADDED,
  NODE_REMOVED,
  NODE_CHANGED,
  LINK_ADDED,
  LINK_REMOVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

const char *
strata_canvas_status_to_string (StrataCanvasStatus status)
{
  switch (status)
    {
    case STRATA_CANVAS_STATUS_IDLE:    return "idle";
    case STRATA_CANVAS_STATUS_STALE:   return "stale";
    case STRATA_CANVAS_STATUS_QUEUED:  return "queued";
    case STRATA_CANVAS_STATUS_RUNNING: return "running";
    case STRATA_CANVAS_STATUS_DONE:    return "done";
    case STRATA_CANVAS_STATUS_FAILED:  return "failed";
    default:                           return "unknown";
    }
}

/* Links */

static StrataCanvasLink *
link_new (const char *from_node,
          const char *from_port,
          const char *to_node,
          const char *to_port)
{
  StrataCanvasLink *link = g_new0 (StrataCanvasLink, 1);

  link->from_node = g_strdup (from_node);
  link->from_port = g_strdup (from_port);
  link->to_node = g_strdup (to_node);
  link->to_port = g_strdup (to_port);
  return link;
}

static void
link_free (gpointer data)
{
  StrataCanvasLink *link = data;

  g_free (link->from_node);
  g_free (link->from_port);
  g_free (link->to_node);
  g_free (link->to_port);
  g_free (link);
}

static gboolean
link_equal (const StrataCanvasLink *a,
            const StrataCanvasLink *b)
{
  return g_str_equal (a->from_node, b->from_node) && g_str_equal (a->from_port, b->from_port)
      && g_str_equal (a->to_node, b->to_node) && g_str_equal (a->to_port, b->to_port);
}

/* Raw changes: no undo record, but signals. Only commands call these. */

static void
raw_insert_node (StrataCanvasModel *self,
                 StrataCanvasNode  *node,
                 guint              index)
{
  g_assert (g_hash_table_lookup (self->by_id, node->id) == NULL);

  g_ptr_array_insert (self->nodes, MIN (index, self->nodes->len), strata_canvas_node_ref (node));
  g_hash_table_insert (self->by_id, node->id, node);
  g_signal_emit (self, signals[NODE_ADDED], 0, node->id);
}

static void
raw_remove_node (StrataCanvasModel *self,
                 StrataCanvasNode  *node)
{
  g_autoptr(StrataCanvasNode) hold = strata_canvas_node_ref (node);

  g_hash_table_remove (self->by_id, node->id);
  g_ptr_array_remove (self->nodes, node);
  g_signal_emit (self, signals[NODE_REMOVED], 0, node->id);
}

static void
raw_insert_link (StrataCanvasModel      *self,
                 const StrataCanvasLink *proto,
                 guint                   index)
{
  StrataCanvasLink *link = link_new (proto->from_node, proto->from_port,
                                     proto->to_node, proto->to_port);

  g_ptr_array_insert (self->links, MIN (index, self->links->len), link);
  g_signal_emit (self, signals[LINK_ADDED], 0, link);
}

/* Returns the index the link had. */
static guint
raw_remove_link (StrataCanvasModel      *self,
                 const StrataCanvasLink *proto)
{
  for (guint i = 0; i < self->links->len; i++)
    {
      StrataCanvasLink *link = g_ptr_array_index (self->links, i);

      if (link_equal (link, proto))
        {
          link = g_ptr_array_steal_index (self->links, i);
          g_signal_emit (self, signals[LINK_REMOVED], 0, link);
          link_free (link);
          return i;
        }
    }
  g_assert_not_reached ();
}

static void
raw_move_node (StrataCanvasModel *self,
               const char        *id,
               double             dx,
               double             dy)
{
  StrataCanvasNode *node = g_hash_table_lookup (self->by_id, id);

  g_assert (node != NULL);
  node->x += dx;
  node->y += dy;
  g_signal_emit (self, signals[NODE_CHANGED], 0, id, (guint) STRATA_CANVAS_NODE_CHANGED_POSITION);
}

static void
raw_set_param (StrataCanvasModel *self,
               const char        *id,
               const char        *name,
               GVariant          *value)
{
  StrataCanvasNode *node = g_hash_table_lookup (self->by_id, id);

  g_assert (node != NULL);
  if (value != NULL)
    g_hash_table_replace (node->params, g_strdup (name), g_variant_ref (value));
  else
    g_hash_table_remove (node->params, name);
  g_signal_emit (self, signals[NODE_CHANGED], 0, id, (guint) STRATA_CANVAS_NODE_CHANGED_PARAMS);
}

/* Commands */

typedef struct {
  StrataUndoCommand  parent;
  StrataCanvasModel *model;   /* borrowed: the model owns the stack */
  StrataCanvasNode  *node;    /* owned ref */
  guint              index;
  gboolean           add;     /* TRUE: add node; FALSE: remove it */
} NodeCommand;

static void
node_command_insert (NodeCommand *cmd)
{
  raw_insert_node (cmd->model, cmd->node, cmd->index);
}

static void
node_command_remove (NodeCommand *cmd)
{
  guint index;

  if (g_ptr_array_find (cmd->model->nodes, cmd->node, &index))
    cmd->index = index;
  raw_remove_node (cmd->model, cmd->node);
}

static void
node_command_apply (StrataUndoCommand *c)
{
  NodeCommand *cmd = (NodeCommand *) c;

  if (cmd->add)
    node_command_insert (cmd);
  else
    node_command_remove (cmd);
}

static void
node_command_revert (StrataUndoCommand *c)
{
  NodeCommand *cmd = (NodeCommand *) c;

  if (cmd->add)
    node_command_remove (cmd);
  else
    node_command_insert (cmd);
}

static void
node_command_free (StrataUndoCommand *c)
{
  strata_canvas_node_unref (((NodeCommand *) c)->node);
}

static const StrataUndoCommandClass node_command_class = {
  "node", node_command_apply, node_command_revert, node_command_free, NULL,
};

typedef struct {
  StrataUndoCommand  parent;
  StrataCanvasModel *model;
  StrataCanvasLink  *link;    /* owned copy */
  guint              index;   /* position in the link list, kept for undo */
  gboolean           add;
} LinkCommand;

static void
link_command_apply (StrataUndoCommand *c)
{
  LinkCommand *cmd = (LinkCommand *) c;

  if (cmd->add)
    raw_insert_link (cmd->model, cmd->link, cmd->index);
  else
    cmd->index = raw_remove_link (cmd->model, cmd->link);
}

static void
link_command_revert (StrataUndoCommand *c)
{
  LinkCommand *cmd = (LinkCommand *) c;

  if (cmd->add)
    cmd->index = raw_remove_link (cmd->model, cmd->link);
  else
    raw_insert_link (cmd->model, cmd->link, cmd->index);
}

static void
link_command_free (StrataUndoCommand *c)
{
  link_free (((LinkCommand *) c)->link);
}

static const StrataUndoCommandClass link_command_class = {
  "link", link_command_apply, link_command_revert, link_command_free, NULL,
};

typedef struct {
  StrataUndoCommand  parent;
  StrataCanvasModel *model;
  GStrv              ids;
  double             dx, dy;
  gboolean           coalesce;
} MoveCommand;

static void
move_command_shift (MoveCommand *cmd,
                    double       sign)
{
  for (guint i = 0; cmd->ids[i] != NULL; i++)
    raw_move_node (cmd->model, cmd->ids[i], sign * cmd->dx, sign * cmd->dy);
}

static void
move_command_apply (StrataUndoCommand *c)
{
  move_command_shift ((MoveCommand *) c, 1.0);
}

static void
move_command_revert (StrataUndoCommand *c)
{
  move_command_shift ((MoveCommand *) c, -1.0);
}

static void
move_command_free (StrataUndoCommand *c)
{
  g_strfreev (((MoveCommand *) c)->ids);
}

static gboolean
move_command_merge (StrataUndoCommand       *c,
                    const StrataUndoCommand *n)
{
  MoveCommand *cmd = (MoveCommand *) c;
  const MoveCommand *next = (const MoveCommand *) n;

  if (!cmd->coalesce || !next->coalesce
      || !g_strv_equal ((const char * const *) cmd->ids, (const char * const *) next->ids))
    return FALSE;
  cmd->dx += next->dx;
  cmd->dy += next->dy;
  return TRUE;
}

static const StrataUndoCommandClass move_command_class = {
  "move", move_command_apply, move_command_revert, move_command_free, move_command_merge,
};

typedef struct {
  StrataUndoCommand  parent;
  StrataCanvasModel *model;
  char              *id;
  char              *name;
  GVariant          *old_value;   /* owned or NULL */
  GVariant          *new_value;   /* owned or NULL */
} ParamCommand;

static void
param_command_apply (StrataUndoCommand *c)
{
  ParamCommand *cmd = (ParamCommand *) c;

  raw_set_param (cmd->model, cmd->id, cmd->name, cmd->new_value);
}

static void
param_command_revert (StrataUndoCommand *c)
{
  ParamCommand *cmd = (ParamCommand *) c;

  raw_set_param (cmd->model, cmd->id, cmd->name, cmd->old_value);
}

static void
param_command_free (StrataUndoCommand *c)
{
  ParamCommand *cmd = (ParamCommand *) c;

  g_free (cmd->id);
  g_free (cmd->name);
  g_clear_pointer (&cmd->old_value, g_variant_unref);
  g_clear_pointer (&cmd->new_value, g_variant_unref);
}

static gboolean
param_command_merge (StrataUndoCommand       *c,
                     const StrataUndoCommand *n)
{
  ParamCommand *cmd = (ParamCommand *) c;
  const ParamCommand *next = (const ParamCommand *) n;

  if (!g_str_equal (cmd->id, next->id) || !g_str_equal (cmd->name, next->name))
    return FALSE;
  g_clear_pointer (&cmd->new_value, g_variant_unref);
  if (next->new_value != NULL)
    cmd->new_value = g_variant_ref (next->new_value);
  return TRUE;
}

static const StrataUndoCommandClass param_command_class = {
  "param", param_command_apply, param_command_revert, param_command_free, param_command_merge,
};

/* Model */

StrataCanvasModel *
strata_canvas_model_new (void)
{
  return g_object_new (STRATA_TYPE_CANVAS_MODEL, NULL);
}

StrataUndoStack *
strata_canvas_model_get_undo_stack (StrataCanvasModel *self)
{
  g_return_val_if_fail (STRATA_IS_CANVAS_MODEL (self), NULL);
  return self->undo;
}

void
strata_canvas_model_set_compatibility_func (StrataCanvasModel     *self,
                                            StrataCanvasCompatFunc func,
                                            gpointer               user_data,
                                            GDestroyNotify         destroy)
{
  g_return_if_fail (STRATA_IS_CANVAS_MODEL (self));

  if (self->compat_destroy != NULL)
    self->compat_destroy (self->compat_data);
  self->compat_func = func;
  self->compat_data = user_data;
  self->compat_destroy = destroy;
}

gboolean
strata_canvas_model_kinds_compatible (StrataCanvasModel  *self,
                                      const char         *out_kind,
                                      const char         *in_kind,
                                      char              **reason)
{
  g_return_val_if_fail (STRATA_IS_CANVAS_MODEL (self), FALSE);
  g_return_val_if_fail (out_kind != NULL && in_kind != NULL, FALSE);

  if (self->compat_func != NULL)
    return self->compat_func (out_kind, in_kind, reason, self->compat_data);
  return g_str_equal (out_kind, in_kind);
}

GPtrArray *
strata_canvas_model_get_nodes (StrataCanvasModel *self)
{
  g_return_val_if_fail (STRATA_IS_CANVAS_MODEL (self), NULL);
  return self->nodes;
}

StrataCanvasNode *
strata_canvas_model_get_node (StrataCanvasModel *self,
                              const char        *id)
{
  g_return_val_if_fail (STRATA_IS_CANVAS_MODEL (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  return g_hash_table_lookup (self->by_id, id);
}

GPtrArray *
strata_canvas_model_get_links (StrataCanvasModel *self)
{
  g_return_val_if_fail (STRATA_IS_CANVAS_MODEL (self), NULL);
  return self->links;
}

const StrataCanvasLink *
strata_canvas_model_get_input_link (StrataCanvasModel *self,
                                    const char        *node_id,
                                    const char        *port)
{
  g_return_val_if_fail (STRATA_IS_CANVAS_MODEL (self), NULL);
  g_return_val_if_fail (node_id != NULL && port != NULL, NULL);

  for (guint i = 0; i < self->links->len; i++)
    {
      const StrataCanvasLink *link = g_ptr_array_index (self->links, i);

      if (g_str_equal (link->to_node, node_id) && g_str_equal (link->to_port, port))
        return link;
    }
  return NULL;
}

GPtrArray *
strata_canvas_model_get_downstream (StrataCanvasModel *self,
                                    const char        *id)
{
  GPtrArray *order;
  g_autoptr(GHashTable) seen = NULL;
  StrataCanvasNode *start;

  g_return_val_if_fail (STRATA_IS_CANVAS_MODEL (self), NULL);

  order = g_ptr_array_new ();
  start = g_hash_table_lookup (self->by_id, id);
  if (start == NULL)
    return order;

  seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_ptr_array_add (order, start->id);
  g_hash_table_add (seen, start->id);
  for (guint head = 0; head < order->len; head++)
    {
      const char *from = g_ptr_array_index (order, head);

      for (guint i = 0; i < self->links->len; i++)
        {
          const StrataCanvasLink *link = g_ptr_array_index (self->links, i);
          StrataCanvasNode *to;

          if (!g_str_equal (link->from_node, from) || g_hash_table_contains (seen, link->to_node))
            continue;
          to = g_hash_table_lookup (self->by_id, link->to_node);
          g_ptr_array_add (order, to->id);
          g_hash_table_add (seen, to->id);
        }
    }
  return order;
}

static gboolean
strata_canvas_model_reaches (StrataCanvasModel *self,
                             const char        *from,
                             const char        *to)
{
  g_autoptr(GPtrArray) down = strata_canvas_model_get_downstream (self, from);

  for (guint i = 0; i < down->len; i++)
    if (g_str_equal (g_ptr_array_index (down, i), to))
      return TRUE;
  return FALSE;
}

static const StrataCanvasPort *
lookup_port (StrataCanvasModel          *self,
             const char                 *node_id,
             const char                 *port_name,
             StrataCanvasPortDirection   direction,
             GError                    **error)
{
  StrataCanvasNode *node = g_hash_table_lookup (self->by_id, node_id);
  const StrataCanvasPort *port;

  if (node == NULL)
    {
      g_set_error (error, STRATA_CANVAS_MODEL_ERROR, STRATA_CANVAS_MODEL_ERROR_NO_NODE,
                   _("There is no node “%s”"), node_id);
      return NULL;
    }
  port = strata_canvas_node_find_port (node, port_name, direction, NULL);
  if (port == NULL)
    g_set_error (error, STRATA_CANVAS_MODEL_ERROR, STRATA_CANVAS_MODEL_ERROR_NO_PORT,
                 direction == STRATA_CANVAS_PORT_INPUT
                 ? _("Node “%s” has no input “%s”") : _("Node “%s” has no output “%s”"),
                 node_id, port_name);
  return port;
}

gboolean
strata_canvas_model_check_link (StrataCanvasModel  *self,
                                const char         *from_node,
                                const char         *from_port,
                                const char         *to_node,
                                const char         *to_port,
                                GError            **error)
{
  const StrataCanvasPort *out, *in;
  g_autofree char *reason = NULL;

  g_return_val_if_fail (STRATA_IS_CANVAS_MODEL (self), FALSE);
  g_return_val_if_fail (from_node && from_port && to_node && to_port, FALSE);

  out = lookup_port (self, from_node, from_port, STRATA_CANVAS_PORT_OUTPUT, error);
  if (out == NULL)
    return FALSE;
  in = lookup_port (self, to_node, to_port, STRATA_CANVAS_PORT_INPUT, error);
  if (in == NULL)
    return FALSE;

  if (!strata_canvas_model_kinds_compatible (self, out->kind, in->kind, &reason))
    {
      if (reason != NULL)
        g_set_error_literal (error, STRATA_CANVAS_MODEL_ERROR,
                             STRATA_CANVAS_MODEL_ERROR_INCOMPATIBLE, reason);
      else
        g_set_error (error, STRATA_CANVAS_MODEL_ERROR, STRATA_CANVAS_MODEL_ERROR_INCOMPATIBLE,
                     _("Cannot link %s:%s to %s:%s: a “%s” output cannot feed a “%s” input"),
                     from_node, from_port, to_node, to_port, out->kind, in->kind);
      return FALSE;
    }

  if (g_str_equal (from_node, to_node) || strata_canvas_model_reaches (self, to_node, from_node))
    {
      g_set_error (error, STRATA_CANVAS_MODEL_ERROR, STRATA_CANVAS_MODEL_ERROR_CYCLE,
                   _("Cannot link %s:%s to %s:%s: it would make a cycle"),
                   from_node, from_port, to_node, to_port);
      return FALSE;
    }
  return TRUE;
}

/* A free id: @base itself, else @base (without a "-N" suffix) + "-2", "-3"… */
static char *
strata_canvas_model_unique_id (StrataCanvasModel *self,
                               const char        *base)
{
  g_autofree char *stem = NULL;
  const char *dash;

  if (!g_hash_table_contains (self->by_id, base))
    return g_strdup (base);

  dash = strrchr (base, '-');
  if (dash != NULL && dash[1] != '\0' && strspn (dash + 1, "0123456789") == strlen (dash + 1))
    stem = g_strndup (base, dash - base);
  else
    stem = g_strdup (base);

  for (guint n = 2; ; n++)
    {
      char *id = g_strdup_printf ("%s-%u", stem, n);

      if (!g_hash_table_contains (self->by_id, id))
        return id;
      g_free (id);
    }
}

gboolean
strata_canvas_model_add_node (StrataCanvasModel  *self,
                              StrataCanvasNode   *node,
                              double              x,
                              double              y,
                              GError            **error)
{
  g_autoptr(StrataCanvasNode) owned = node;
  NodeCommand *cmd;

  g_return_val_if_fail (STRATA_IS_CANVAS_MODEL (self), FALSE);
  g_return_val_if_fail (node != NULL, FALSE);

  if (node->id == NULL)
    {
      const char *dot = strrchr (node->type, '.');

      node->id = strata_canvas_model_unique_id (self, dot != NULL ? dot + 1 : node->type);
    }
  else if (g_hash_table_contains (self->by_id, node->id))
    {
      g_set_error (error, STRATA_CANVAS_MODEL_ERROR, STRATA_CANVAS_MODEL_ERROR_DUPLICATE_ID,
                   _("A node “%s” already exists"), node->id);
      return FALSE;
    }

  node->x = x;
  node->y = y;
  cmd = strata_undo_command_alloc (&node_command_class, sizeof *cmd, _("Add node"));
  cmd->model = self;
  cmd->node = g_steal_pointer (&owned);
  cmd->index = self->nodes->len;
  cmd->add = TRUE;
  strata_undo_stack_push (self->undo, &cmd->parent);
  return TRUE;
}

static void
strata_canvas_model_push_link (StrataCanvasModel      *self,
                               const StrataCanvasLink *link,
                               gboolean                add)
{
  LinkCommand *cmd = strata_undo_command_alloc (&link_command_class, sizeof *cmd,
                                                add ? _("Link") : _("Unlink"));

  cmd->model = self;
  cmd->link = link_new (link->from_node, link->from_port, link->to_node, link->to_port);
  cmd->index = self->links->len;
  cmd->add = add;
  strata_undo_stack_push (self->undo, &cmd->parent);
}

guint
strata_canvas_model_remove_nodes (StrataCanvasModel  *self,
                                  const char * const *ids)
{
  guint removed = 0;

  g_return_val_if_fail (STRATA_IS_CANVAS_MODEL (self), 0);
  g_return_val_if_fail (ids != NULL, 0);

  strata_undo_stack_begin_group (self->undo, g_strv_length ((char **) ids) == 1
                                 ? _("Delete node") : _("Delete nodes"));
  for (guint i = 0; ids[i] != NULL; i++)
    {
      StrataCanvasNode *node = g_hash_table_lookup (self->by_id, ids[i]);
      NodeCommand *cmd;

      if (node == NULL)
        continue;

      /* Links first (from the end, so that undo restores their order). */
      for (guint j = self->links->len; j > 0; j--)
        {
          const StrataCanvasLink *link = g_ptr_array_index (self->links, j - 1);

          if (g_str_equal (link->from_node, node->id) || g_str_equal (link->to_node, node->id))
            strata_canvas_model_push_link (self, link, FALSE);
        }

      cmd = strata_undo_command_alloc (&node_command_class, sizeof *cmd, _("Delete node"));
      cmd->model = self;
      cmd->node = strata_canvas_node_ref (node);
      cmd->add = FALSE;
      strata_undo_stack_push (self->undo, &cmd->parent);
      removed++;
    }
  strata_undo_stack_end_group (self->undo);
  return removed;
}

void
strata_canvas_model_move_nodes (StrataCanvasModel  *self,
                                const char * const *ids,
                                double              dx,
                                double              dy,
                                gboolean            coalesce)
{
  g_autoptr(GPtrArray) known = NULL;
  MoveCommand *cmd;

  g_return_if_fail (STRATA_IS_CANVAS_MODEL (self));
  g_return_if_fail (ids != NULL);

  known = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; ids[i] != NULL; i++)
    if (g_hash_table_contains (self->by_id, ids[i]))
      g_ptr_array_add (known, g_strdup (ids[i]));
  if (known->len == 0 || (dx == 0 && dy == 0))
    return;
  g_ptr_array_add (known, NULL);

  cmd = strata_undo_command_alloc (&move_command_class, sizeof *cmd,
                                   known->len == 2 ? _("Move node") : _("Move nodes"));
  cmd->model = self;
  cmd->ids = (GStrv) g_ptr_array_steal (known, NULL);
  cmd->dx = dx;
  cmd->dy = dy;
  cmd->coalesce = coalesce;
  strata_undo_stack_push (self->undo, &cmd->parent);
}

gboolean
strata_canvas_model_link (StrataCanvasModel  *self,
                          const char         *from_node,
                          const char         *from_port,
                          const char         *to_node,
                          const char         *to_port,
                          GError            **error)
{
  const StrataCanvasLink *old;
  StrataCanvasLink proto = { (char *) from_node, (char *) from_port,
                             (char *) to_node, (char *) to_port };

  if (!strata_canvas_model_check_link (self, from_node, from_port, to_node, to_port, error))
    return FALSE;

  old = strata_canvas_model_get_input_link (self, to_node, to_port);
  if (old != NULL && link_equal (old, &proto))
    return TRUE;

  strata_undo_stack_begin_group (self->undo, _("Link"));
  if (old != NULL)
    strata_canvas_model_push_link (self, old, FALSE);
  strata_canvas_model_push_link (self, &proto, TRUE);
  strata_undo_stack_end_group (self->undo);
  return TRUE;
}

gboolean
strata_canvas_model_unlink (StrataCanvasModel *self,
                            const char        *to_node,
                            const char        *to_port)
{
  const StrataCanvasLink *old;

  g_return_val_if_fail (STRATA_IS_CANVAS_MODEL (self), FALSE);

  old = strata_canvas_model_get_input_link (self, to_node, to_port);
  if (old == NULL)
    return FALSE;
  strata_canvas_model_push_link (self, old, FALSE);
  return TRUE;
}

gboolean
strata_canvas_model_set_param (StrataCanvasModel  *self,
                               const char         *node_id,
                               const char         *name,
                               GVariant           *value,
                               GError            **error)
{
  StrataCanvasNode *node;
  GVariant *old;
  ParamCommand *cmd;
  g_autoptr(GVariant) sunk = value != NULL ? g_variant_ref_sink (value) : NULL;

  g_return_val_if_fail (STRATA_IS_CANVAS_MODEL (self), FALSE);
  g_return_val_if_fail (node_id != NULL && name != NULL, FALSE);

  node = g_hash_table_lookup (self->by_id, node_id);
  if (node == NULL)
    {
      g_set_error (error, STRATA_CANVAS_MODEL_ERROR, STRATA_CANVAS_MODEL_ERROR_NO_NODE,
                   _("There is no node “%s”"), node_id);
      return FALSE;
    }

  old = g_hash_table_lookup (node->params, name);
  if ((old == NULL && sunk == NULL) || (old != NULL && sunk != NULL && g_variant_equal (old, sunk)))
    return TRUE;

  cmd = strata_undo_command_alloc (&param_command_class, sizeof *cmd, _("Change parameter"));
  cmd->model = self;
  cmd->id = g_strdup (node_id);
  cmd->name = g_strdup (name);
  cmd->old_value = old != NULL ? g_variant_ref (old) : NULL;
  cmd->new_value = g_steal_pointer (&sunk);
  strata_undo_stack_push (self->undo, &cmd->parent);
  return TRUE;
}

void
strata_canvas_model_set_status (StrataCanvasModel  *self,
                                const char         *node_id,
                                StrataCanvasStatus  status,
                                double              progress,
                                const char         *message)
{
  StrataCanvasNode *node;

  g_return_if_fail (STRATA_IS_CANVAS_MODEL (self));
  g_return_if_fail (node_id != NULL);

  node = g_hash_table_lookup (self->by_id, node_id);
  if (node == NULL)
    return;
  node->status = status;
  node->progress = CLAMP (progress, 0.0, 1.0);
  if (g_strcmp0 (node->message, message) != 0)
    {
      g_free (node->message);
      node->message = g_strdup (message);
    }
  g_signal_emit (self, signals[NODE_CHANGED], 0, node_id, (guint) STRATA_CANVAS_NODE_CHANGED_STATUS);
}

static void
strata_canvas_model_finalize (GObject *object)
{
  StrataCanvasModel *self = STRATA_CANVAS_MODEL (object);

  /* The stack's commands borrow the model: clear them first. */
  g_clear_object (&self->undo);
  g_ptr_array_unref (self->links);
  g_hash_table_unref (self->by_id);
  g_ptr_array_unref (self->nodes);
  if (self->compat_destroy != NULL)
    self->compat_destroy (self->compat_data);

  G_OBJECT_CLASS (strata_canvas_model_parent_class)->finalize (object);
}

static void
strata_canvas_model_class_init (StrataCanvasModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = strata_canvas_model_finalize;

  /**
   * StrataCanvasModel::node-added:
   * @id: the node's id (borrowed)
   */
  signals[NODE_ADDED] = g_signal_new ("node-added", G_TYPE_FROM_CLASS (klass),
                                      G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                      G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * StrataCanvasModel::node-removed:
   * @id: the node's id; the node is no longer in the model
   */
  signals[NODE_REMOVED] = g_signal_new ("node-removed", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * StrataCanvasModel::node-changed:
   * @id: the node's id
   * @what: StrataCanvasNodeChange flags
   */
  signals[NODE_CHANGED] = g_signal_new ("node-changed", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_UINT);
  /**
   * StrataCanvasModel::link-added:
   * @link: (type gpointer): the const StrataCanvasLink*, valid during emission
   */
  signals[LINK_ADDED] = g_signal_new ("link-added", G_TYPE_FROM_CLASS (klass),
                                      G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                      G_TYPE_NONE, 1, G_TYPE_POINTER);
  /**
   * StrataCanvasModel::link-removed:
   * @link: (type gpointer): the const StrataCanvasLink*, valid during emission
   */
  signals[LINK_REMOVED] = g_signal_new ("link-removed", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
strata_canvas_model_init (StrataCanvasModel *self)
{
  self->nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) strata_canvas_node_unref);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->links = g_ptr_array_new_with_free_func (link_free);
  self->undo = strata_undo_stack_new ();
}
