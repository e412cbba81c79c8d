/* strata-canvas-model-json.c — canvas fragments as JSON text (clipboard)
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * Copy writes the selected nodes, with their ports and parameters, and the
 * links among them as a small JSON document shaped like the .strata workflow
 * file (DESIGN.md) plus what the canvas needs to draw a node without a
 * registry (title, group, icon, ports). Parameters are GVariants written with
 * json_gvariant_serialize(); on paste they come back through
 * json_gvariant_deserialize() without a signature, so integers become int64
 * ('x') and numbers doubles ('d') — the app's registry coerces them.
 *
 * Paste validates the whole fragment first (every node, port and link),
 * then adds it in one undo group, renaming ids that are taken. A bad
 * fragment adds nothing.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "strata-canvas-model.h"

static gboolean
id_in (const char * const *ids,
       const char         *id)
{
  return ids == NULL || g_strv_contains (ids, id);
}

static void
write_node (JsonBuilder            *b,
            const StrataCanvasNode *node)
{
  g_autofree const char **params = strata_canvas_node_list_params (node);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, strata_canvas_node_get_id (node));
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, strata_canvas_node_get_type_id (node));
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, strata_canvas_node_get_title (node));
  if (strata_canvas_node_get_group (node) != NULL)
    {
      json_builder_set_member_name (b, "group");
      json_builder_add_string_value (b, strata_canvas_node_get_group (node));
    }
  if (strata_canvas_node_get_icon_name (node) != NULL)
    {
      json_builder_set_member_name (b, "icon");
      json_builder_add_string_value (b, strata_canvas_node_get_icon_name (node));
    }
  json_builder_set_member_name (b, "position");
  json_builder_begin_array (b);
  json_builder_add_double_value (b, strata_canvas_node_get_x (node));
  json_builder_add_double_value (b, strata_canvas_node_get_y (node));
  json_builder_end_array (b);

  json_builder_set_member_name (b, "ports");
  json_builder_begin_array (b);
  for (guint i = 0; i < strata_canvas_node_get_n_ports (node); i++)
    {
      const StrataCanvasPort *port = strata_canvas_node_get_port (node, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, port->name);
      json_builder_set_member_name (b, "direction");
      json_builder_add_string_value (b, port->direction == STRATA_CANVAS_PORT_INPUT
                                        ? "input" : "output");
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, port->kind);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "params");
  json_builder_begin_object (b);
  for (guint i = 0; params[i] != NULL; i++)
    {
      json_builder_set_member_name (b, params[i]);
      json_builder_add_value (b, json_gvariant_serialize (strata_canvas_node_get_param (node, params[i])));
    }
  json_builder_end_object (b);
  json_builder_end_object (b);
}

char *
strata_canvas_model_serialize (StrataCanvasModel  *self,
                               const char * const *ids)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  GPtrArray *nodes, *links;

  g_return_val_if_fail (STRATA_IS_CANVAS_MODEL (self), NULL);

  nodes = strata_canvas_model_get_nodes (self);
  links = strata_canvas_model_get_links (self);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, "strata-canvas");
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, 1);
  json_builder_set_member_name (b, "nodes");
  json_builder_begin_array (b);
  for (guint i = 0; i < nodes->len; i++)
    {
      const StrataCanvasNode *node = g_ptr_array_index (nodes, i);

      if (id_in (ids, strata_canvas_node_get_id (node)))
        write_node (b, node);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "links");
  json_builder_begin_array (b);
  for (guint i = 0; i < links->len; i++)
    {
      const StrataCanvasLink *link = g_ptr_array_index (links, i);
      g_autofree char *from = NULL, *to = NULL;

      if (!id_in (ids, link->from_node) || !id_in (ids, link->to_node))
        continue;
      from = g_strconcat (link->from_node, ":", link->from_port, NULL);
      to = g_strconcat (link->to_node, ":", link->to_port, NULL);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "from");
      json_builder_add_string_value (b, from);
      json_builder_set_member_name (b, "to");
      json_builder_add_string_value (b, to);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  return json_generator_to_data (gen, NULL);
}

/* Parsing */

static G_GNUC_PRINTF (3, 4) gboolean
fail (GError    **error,
      const char *where,
      const char *format,
      ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, STRATA_CANVAS_MODEL_ERROR, STRATA_CANVAS_MODEL_ERROR_PARSE,
               "%s: %s", where, what);
  return FALSE;
}

static const char *
member_string (JsonObject *obj,
               const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* Builds a node from its JSON object; NULL with @error naming @index. */
static StrataCanvasNode *
read_node (JsonNode  *json,
           guint      index,
           double    *x,
           double    *y,
           GError   **error)
{
  g_autofree char *where = g_strdup_printf (_("node %u"), index + 1);
  g_autoptr(StrataCanvasNode) node = NULL;
  JsonObject *obj;
  JsonArray *pos, *ports;
  JsonObject *params;
  const char *id, *type;

  if (!JSON_NODE_HOLDS_OBJECT (json))
    return fail (error, where, _("not an object")), NULL;
  obj = json_node_get_object (json);
  id = member_string (obj, "id");
  type = member_string (obj, "type");
  if (id == NULL || *id == '\0' || strchr (id, ':') != NULL)
    return fail (error, where, _("missing or invalid “id”")), NULL;
  g_free (where);
  where = g_strdup_printf (_("node “%s”"), id);
  if (type == NULL)
    return fail (error, where, _("missing “type”")), NULL;

  node = strata_canvas_node_new (id, type, member_string (obj, "title"),
                                 member_string (obj, "group"), member_string (obj, "icon"));

  pos = json_object_has_member (obj, "position") && JSON_NODE_HOLDS_ARRAY (json_object_get_member (obj, "position"))
        ? json_object_get_array_member (obj, "position") : NULL;
  if (pos == NULL || json_array_get_length (pos) != 2)
    return fail (error, where, _("“position” must be [x, y]")), NULL;
  *x = json_array_get_double_element (pos, 0);
  *y = json_array_get_double_element (pos, 1);

  ports = json_object_has_member (obj, "ports") && JSON_NODE_HOLDS_ARRAY (json_object_get_member (obj, "ports"))
          ? json_object_get_array_member (obj, "ports") : NULL;
  for (guint i = 0; ports != NULL && i < json_array_get_length (ports); i++)
    {
      JsonNode *p = json_array_get_element (ports, i);
      JsonObject *po = JSON_NODE_HOLDS_OBJECT (p) ? json_node_get_object (p) : NULL;
      const char *name = po ? member_string (po, "name") : NULL;
      const char *dir = po ? member_string (po, "direction") : NULL;
      const char *kind = po ? member_string (po, "kind") : NULL;

      if (name == NULL || kind == NULL || dir == NULL
          || (!g_str_equal (dir, "input") && !g_str_equal (dir, "output")))
        return fail (error, where, _("port %u needs “name”, “direction” (input or output) and “kind”"),
                     i + 1), NULL;
      if (!strata_canvas_node_add_port (node, name, g_str_equal (dir, "input")
                                        ? STRATA_CANVAS_PORT_INPUT : STRATA_CANVAS_PORT_OUTPUT, kind))
        return fail (error, where, _("port “%s” appears twice"), name), NULL;
    }

  params = json_object_has_member (obj, "params") && JSON_NODE_HOLDS_OBJECT (json_object_get_member (obj, "params"))
           ? json_object_get_object_member (obj, "params") : NULL;
  if (params != NULL)
    {
      g_autoptr(GList) names = json_object_get_members (params);

      for (GList *l = names; l != NULL; l = l->next)
        {
          g_autoptr(GError) local = NULL;
          GVariant *v = json_gvariant_deserialize (json_object_get_member (params, l->data), NULL, &local);

          if (v == NULL)
            return fail (error, where, _("parameter “%s”: %s"), (char *) l->data, local->message), NULL;
          strata_canvas_node_init_param (node, l->data, v);
        }
    }
  return g_steal_pointer (&node);
}

/* Splits "node:port" at its last colon. */
static gboolean
split_endpoint (const char  *s,
                char       **node,
                char       **port)
{
  const char *colon = s != NULL ? strrchr (s, ':') : NULL;

  if (colon == NULL || colon == s || colon[1] == '\0')
    return FALSE;
  *node = g_strndup (s, colon - s);
  *port = g_strdup (colon + 1);
  return TRUE;
}

gboolean
strata_canvas_model_paste (StrataCanvasModel  *self,
                           const char         *text,
                           double              dx,
                           double              dy,
                           GPtrArray         **new_ids,
                           GError            **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local = NULL;
  g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) strata_canvas_node_unref);
  g_autoptr(GArray) xy = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GHashTable) renamed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) reserved = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObject *root;
  JsonArray *jnodes, *jlinks = NULL;
  const char *format;

  g_return_val_if_fail (STRATA_IS_CANVAS_MODEL (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (!json_parser_load_from_data (parser, text, -1, &local))
    return fail (error, _("pasted text"), "%s", local->message);
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return fail (error, _("pasted text"), _("not a canvas fragment"));
  root = json_node_get_object (json_parser_get_root (parser));
  format = member_string (root, "format");
  if (format == NULL || (!g_str_equal (format, "strata-canvas") && !g_str_equal (format, "strata-workflow"))
      || !json_object_has_member (root, "nodes")
      || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "nodes")))
    return fail (error, _("pasted text"), _("not a canvas fragment"));
  jnodes = json_object_get_array_member (root, "nodes");
  if (json_object_has_member (root, "links"))
    {
      if (!JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "links")))
        return fail (error, _("pasted text"), _("“links” must be an array"));
      jlinks = json_object_get_array_member (root, "links");
    }

  /* Validate and rename every node before touching the model. */
  for (guint i = 0; i < json_array_get_length (jnodes); i++)
    {
      double x = 0, y = 0;
      StrataCanvasNode *node = read_node (json_array_get_element (jnodes, i), i, &x, &y, error);
      const char *old_id;
      g_autofree char *new_id = NULL;

      if (node == NULL)
        return FALSE;
      old_id = strata_canvas_node_get_id (node);
      if (g_hash_table_contains (renamed, old_id))
        {
          g_autofree char *where = g_strdup_printf (_("node “%s”"), old_id);

          strata_canvas_node_unref (node);
          return fail (error, where, _("id appears twice"));
        }
      /* A fresh id not taken in the model nor by an earlier pasted node. */
      new_id = g_strdup (old_id);
      for (guint n = 2; strata_canvas_model_get_node (self, new_id) != NULL
                        || g_hash_table_contains (reserved, new_id); n++)
        {
          const char *dash = strrchr (old_id, '-');
          gsize stem = (dash != NULL && dash[1] != '\0'
                        && strspn (dash + 1, "0123456789") == strlen (dash + 1))
                       ? (gsize) (dash - old_id) : strlen (old_id);

          g_free (new_id);
          new_id = g_strdup_printf ("%.*s-%u", (int) stem, old_id, n);
        }
      g_hash_table_insert (renamed, g_strdup (old_id), g_strdup (new_id));
      g_ptr_array_add (ids, g_strdup (new_id));
      g_hash_table_add (reserved, g_ptr_array_index (ids, ids->len - 1));
      g_ptr_array_add (nodes, node);
      x += dx;
      y += dy;
      g_array_append_val (xy, x);
      g_array_append_val (xy, y);
    }

  for (guint i = 0; jlinks != NULL && i < json_array_get_length (jlinks); i++)
    {
      JsonNode *l = json_array_get_element (jlinks, i);
      JsonObject *lo = JSON_NODE_HOLDS_OBJECT (l) ? json_node_get_object (l) : NULL;
      g_autofree char *fn = NULL, *fp = NULL, *tn = NULL, *tp = NULL;
      g_autofree char *where = g_strdup_printf (_("link %u"), i + 1);

      if (lo == NULL || !split_endpoint (member_string (lo, "from"), &fn, &fp)
          || !split_endpoint (member_string (lo, "to"), &tn, &tp))
        return fail (error, where, _("needs “from” and “to” as “node:port”"));
      if (!g_hash_table_contains (renamed, fn) || !g_hash_table_contains (renamed, tn))
        return fail (error, where, _("refers to a node that is not in the fragment"));
    }

  strata_undo_stack_begin_group (strata_canvas_model_get_undo_stack (self), _("Paste"));
  for (guint i = 0; i < nodes->len; i++)
    {
      StrataCanvasNode *src = g_ptr_array_index (nodes, i);
      const char *title = strata_canvas_node_get_title (src);
      StrataCanvasNode *copy;
      g_autofree const char **params = strata_canvas_node_list_params (src);
      gboolean ok;

      /* A title that merely repeats the old id follows the rename. */
      if (g_str_equal (title, strata_canvas_node_get_id (src)))
        title = NULL;
      copy = strata_canvas_node_new (g_ptr_array_index (ids, i), strata_canvas_node_get_type_id (src),
                                     title, strata_canvas_node_get_group (src),
                                     strata_canvas_node_get_icon_name (src));
      for (guint p = 0; p < strata_canvas_node_get_n_ports (src); p++)
        {
          const StrataCanvasPort *port = strata_canvas_node_get_port (src, p);
          strata_canvas_node_add_port (copy, port->name, port->direction, port->kind);
        }
      for (guint p = 0; params[p] != NULL; p++)
        strata_canvas_node_init_param (copy, params[p], strata_canvas_node_get_param (src, params[p]));
      ok = strata_canvas_model_add_node (self, copy, g_array_index (xy, double, 2 * i),
                                         g_array_index (xy, double, 2 * i + 1), NULL);
      g_assert (ok);
    }
  for (guint i = 0; jlinks != NULL && i < json_array_get_length (jlinks); i++)
    {
      JsonObject *lo = json_array_get_object_element (jlinks, i);
      g_autofree char *fn = NULL, *fp = NULL, *tn = NULL, *tp = NULL;
      g_autoptr(GError) link_error = NULL;

      split_endpoint (member_string (lo, "from"), &fn, &fp);
      split_endpoint (member_string (lo, "to"), &tn, &tp);
      /* A link the model refuses (a port missing in the fragment) is
       * dropped; the nodes are still worth pasting. */
      if (!strata_canvas_model_link (self, g_hash_table_lookup (renamed, fn), fp,
                                     g_hash_table_lookup (renamed, tn), tp, &link_error))
        g_debug ("paste: link %u dropped: %s", i + 1, link_error->message);
    }
  strata_undo_stack_end_group (strata_canvas_model_get_undo_stack (self));

  if (new_ids != NULL)
    *new_ids = g_steal_pointer (&ids);
  return TRUE;
}

GPtrArray *
strata_canvas_model_duplicate (StrataCanvasModel  *self,
                               const char * const *ids,
                               double              dx,
                               double              dy)
{
  g_autofree char *text = NULL;
  GPtrArray *new_ids = NULL;
  gboolean ok;

  g_return_val_if_fail (STRATA_IS_CANVAS_MODEL (self), NULL);
  g_return_val_if_fail (ids != NULL, NULL);

  text = strata_canvas_model_serialize (self, ids);
  ok = strata_canvas_model_paste (self, text, dx, dy, &new_ids, NULL);
  g_assert (ok);
  return new_ids;
}
