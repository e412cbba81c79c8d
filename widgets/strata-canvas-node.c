/* strata-canvas-node.c — one node of a canvas model: ports, parameters, status
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A node is built (ports, initial parameters) before it goes into a model;
 * afterwards only the model changes it, so that every change is undoable
 * and signalled. Nodes are reference-counted because a removed node lives
 * on in the undo command that removed it.
 */

#include "config.h"

#include <string.h>

#include "strata-canvas-model-private.h"

/* Nodes */

static void
port_free (gpointer data)
{
  StrataCanvasPort *port = data;

  g_free (port->name);
  g_free (port->kind);
  g_free (port);
}

StrataCanvasNode *
strata_canvas_node_new (const char *id,
                        const char *type,
                        const char *title,
                        const char *group,
                        const char *icon_name)
{
  StrataCanvasNode *node;

  g_return_val_if_fail (type != NULL, NULL);

  node = g_new0 (StrataCanvasNode, 1);
  g_ref_count_init (&node->ref_count);
  node->id = g_strdup (id);
  node->type = g_strdup (type);
  node->title = g_strdup (title);
  node->group = g_strdup (group);
  node->icon_name = g_strdup (icon_name);
  node->ports = g_ptr_array_new_with_free_func (port_free);
  node->params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) g_variant_unref);
  return node;
}

StrataCanvasNode *
strata_canvas_node_ref (StrataCanvasNode *node)
{
  g_return_val_if_fail (node != NULL, NULL);
  g_ref_count_inc (&node->ref_count);
  return node;
}

void
strata_canvas_node_unref (StrataCanvasNode *node)
{
  g_return_if_fail (node != NULL);

  if (!g_ref_count_dec (&node->ref_count))
    return;
  g_free (node->id);
  g_free (node->type);
  g_free (node->title);
  g_free (node->group);
  g_free (node->icon_name);
  g_free (node->message);
  g_ptr_array_unref (node->ports);
  g_hash_table_unref (node->params);
  g_free (node);
}

gboolean
strata_canvas_node_add_port (StrataCanvasNode          *node,
                             const char                *name,
                             StrataCanvasPortDirection  direction,
                             const char                *kind)
{
  StrataCanvasPort *port;

  g_return_val_if_fail (node != NULL, FALSE);
  g_return_val_if_fail (name != NULL && kind != NULL, FALSE);

  if (strata_canvas_node_find_port (node, name, direction, NULL) != NULL)
    return FALSE;
  port = g_new0 (StrataCanvasPort, 1);
  port->name = g_strdup (name);
  port->direction = direction;
  port->kind = g_strdup (kind);
  g_ptr_array_add (node->ports, port);
  return TRUE;
}

void
strata_canvas_node_init_param (StrataCanvasNode *node,
                               const char       *name,
                               GVariant         *value)
{
  g_return_if_fail (node != NULL && name != NULL && value != NULL);
  g_hash_table_replace (node->params, g_strdup (name), g_variant_ref_sink (value));
}

const char *strata_canvas_node_get_id (const StrataCanvasNode *node) { return node->id; }
const char *strata_canvas_node_get_type_id (const StrataCanvasNode *node) { return node->type; }
const char *strata_canvas_node_get_group (const StrataCanvasNode *node) { return node->group; }
const char *strata_canvas_node_get_icon_name (const StrataCanvasNode *node) { return node->icon_name; }
double strata_canvas_node_get_x (const StrataCanvasNode *node) { return node->x; }
double strata_canvas_node_get_y (const StrataCanvasNode *node) { return node->y; }
StrataCanvasStatus strata_canvas_node_get_status (const StrataCanvasNode *node) { return node->status; }
double strata_canvas_node_get_progress (const StrataCanvasNode *node) { return node->progress; }
const char *strata_canvas_node_get_message (const StrataCanvasNode *node) { return node->message; }
guint strata_canvas_node_get_n_ports (const StrataCanvasNode *node) { return node->ports->len; }

const char *
strata_canvas_node_get_title (const StrataCanvasNode *node)
{
  g_return_val_if_fail (node != NULL, NULL);
  return node->title != NULL ? node->title : node->id;
}

const StrataCanvasPort *
strata_canvas_node_get_port (const StrataCanvasNode *node,
                             guint                   index)
{
  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (index < node->ports->len, NULL);
  return g_ptr_array_index (node->ports, index);
}

const StrataCanvasPort *
strata_canvas_node_find_port (const StrataCanvasNode    *node,
                              const char                *name,
                              StrataCanvasPortDirection  direction,
                              guint                     *row)
{
  guint r = 0;

  g_return_val_if_fail (node != NULL && name != NULL, NULL);

  for (guint i = 0; i < node->ports->len; i++)
    {
      const StrataCanvasPort *port = g_ptr_array_index (node->ports, i);

      if (port->direction != direction)
        continue;
      if (g_str_equal (port->name, name))
        {
          if (row != NULL)
            *row = r;
          return port;
        }
      r++;
    }
  return NULL;
}

guint
strata_canvas_node_count_ports (const StrataCanvasNode    *node,
                                StrataCanvasPortDirection  direction)
{
  guint n = 0;

  g_return_val_if_fail (node != NULL, 0);
  for (guint i = 0; i < node->ports->len; i++)
    if (((const StrataCanvasPort *) g_ptr_array_index (node->ports, i))->direction == direction)
      n++;
  return n;
}

GVariant *
strata_canvas_node_get_param (const StrataCanvasNode *node,
                              const char             *name)
{
  g_return_val_if_fail (node != NULL && name != NULL, NULL);
  return g_hash_table_lookup (node->params, name);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

const char **
strata_canvas_node_list_params (const StrataCanvasNode *node)
{
  guint n = 0;
  const char **names;

  g_return_val_if_fail (node != NULL, NULL);
  names = (const char **) g_hash_table_get_keys_as_array (node->params, &n);
  qsort (names, n, sizeof (char *), compare_strings);
  return names;
}

