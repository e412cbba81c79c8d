/* strata-workflow-io.c — loading and saving .strata files
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * The loader is strict and total: every way a file can be wrong ends in a
 * GError that names the file and the node, parameter or link, never in a
 * crash. Input is checked for UTF-8 and for nesting depth before json-glib
 * sees it (its recursive-descent parser would otherwise recurse once per
 * '[' of a hostile file). Each node, each link and the top level keep the
 * JsonObject they were read from; saving starts from a copy of it, so
 * members this version does not know survive a load/save round trip.
 * PATH parameters are stored relative to the file's folder so that a
 * workflow and its data can move together.
 */

#include "strata-workflow-private.h"

#include <math.h>
#include <string.h>

#define MAX_DEPTH 64
/* Far beyond any canvas; bounds the quadratic checks on hostile files. */
#define MAX_NODES 2000
#define MAX_LINKS 8000

/* --- helpers -------------------------------------------------------------- */

static gboolean
check_depth (const char *data,
             gsize       length,
             GError    **error)
{
  guint depth = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > MAX_DEPTH)
            {
              g_set_error (error, STRATA_WORKFLOW_ERROR, STRATA_WORKFLOW_ERROR_PARSE,
                           "nested more than %d levels deep", MAX_DEPTH);
              return FALSE;
            }
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }
  return TRUE;
}

static gboolean
format_error (GError    **error,
              const char *format,
              ...) G_GNUC_PRINTF (2, 3);

static gboolean
format_error (GError    **error,
              const char *format,
              ...)
{
  va_list args;

  va_start (args, format);
  g_set_error_literal (error, STRATA_WORKFLOW_ERROR, STRATA_WORKFLOW_ERROR_FORMAT, "");
  if (error != NULL && *error != NULL)
    {
      g_free ((*error)->message);
      (*error)->message = g_strdup_vprintf (format, args);
    }
  va_end (args);
  return FALSE;
}

static gboolean
is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
is_number (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         (json_node_get_value_type (node) == G_TYPE_INT64 ||
          json_node_get_value_type (node) == G_TYPE_DOUBLE);
}

/* Splits "node:port" at the first ':'. */
static gboolean
split_endpoint (const char  *text,
                char       **node,
                char       **port)
{
  const char *colon = strchr (text, ':');

  if (colon == NULL || colon == text || colon[1] == '\0')
    return FALSE;
  *node = g_strndup (text, colon - text);
  *port = g_strdup (colon + 1);
  return TRUE;
}

/* --- loading -------------------------------------------------------------- */

static gboolean
load_node (StrataWorkflow *wf,
           JsonNode       *element,
           guint           index,
           const char     *base_dir,
           GError        **error)
{
  JsonObject *obj;
  JsonNode *id_node, *type_node, *params_node, *pos_node;
  const char *id, *type_id;
  const StrataNodeType *type;
  StrataWfNode *n;

  if (!JSON_NODE_HOLDS_OBJECT (element))
    return format_error (error, "nodes[%u] is not an object", index);
  obj = json_node_get_object (element);
  id_node = json_object_get_member (obj, "id");
  type_node = json_object_get_member (obj, "type");
  if (!is_string (id_node))
    return format_error (error, "nodes[%u] has no “id” string", index);
  id = json_node_get_string (id_node);
  if (!strata_wf_id_is_valid (id))
    return format_error (error, "nodes[%u]: id “%s” must be 1–128 letters, digits, “_” or “-”",
                         index, id);
  if (strata_wf_find_node (wf, id) != NULL)
    {
      g_set_error (error, STRATA_WORKFLOW_ERROR, STRATA_WORKFLOW_ERROR_DUPLICATE_ID,
                   "two nodes have the id “%s”", id);
      return FALSE;
    }
  if (!is_string (type_node))
    return format_error (error, "node “%s” has no “type” string", id);
  type_id = json_node_get_string (type_node);
  type = strata_registry_lookup (wf->registry, type_id);
  if (type == NULL)
    {
      g_set_error (error, STRATA_WORKFLOW_ERROR, STRATA_WORKFLOW_ERROR_UNKNOWN_TYPE,
                   "node “%s”: unknown node type “%s”", id, type_id);
      return FALSE;
    }

  n = strata_wf_append_node (wf, id, type, strata_params_new (type->params),
                             json_object_ref (obj));

  params_node = json_object_get_member (obj, "params");
  if (params_node != NULL && !JSON_NODE_HOLDS_NULL (params_node))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      if (!JSON_NODE_HOLDS_OBJECT (params_node))
        return format_error (error, "node “%s”: “params” is not an object", id);
      json_object_iter_init_ordered (&iter, json_node_get_object (params_node));
      while (json_object_iter_next_ordered (&iter, &name, &value))
        if (!strata_wf_set_param (n, name, value, base_dir, error))
          return FALSE;
    }

  pos_node = json_object_get_member (obj, "position");
  if (pos_node != NULL && !JSON_NODE_HOLDS_NULL (pos_node))
    {
      JsonArray *a;

      if (!JSON_NODE_HOLDS_ARRAY (pos_node) ||
          json_array_get_length (a = json_node_get_array (pos_node)) != 2 ||
          !is_number (json_array_get_element (a, 0)) ||
          !is_number (json_array_get_element (a, 1)))
        return format_error (error, "node “%s”: “position” must be [x, y]", id);
      n->x = json_array_get_double_element (a, 0);
      n->y = json_array_get_double_element (a, 1);
    }
  return TRUE;
}

static gboolean
load_link (StrataWorkflow *wf,
           JsonNode       *element,
           guint           index,
           GError        **error)
{
  JsonObject *obj;
  JsonNode *from, *to;
  g_autofree char *from_node = NULL, *from_port = NULL;
  g_autofree char *to_node = NULL, *to_port = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (element))
    return format_error (error, "links[%u] is not an object", index);
  obj = json_node_get_object (element);
  from = json_object_get_member (obj, "from");
  to = json_object_get_member (obj, "to");
  if (!is_string (from) || !split_endpoint (json_node_get_string (from), &from_node, &from_port))
    return format_error (error, "links[%u]: “from” must be “NODE:PORT”", index);
  if (!is_string (to) || !split_endpoint (json_node_get_string (to), &to_node, &to_port))
    return format_error (error, "links[%u]: “to” must be “NODE:PORT”", index);
  if (!strata_wf_check_link (wf, from_node, from_port, to_node, to_port, FALSE, error))
    {
      g_prefix_error (error, "links[%u]: ", index);
      return FALSE;
    }
  strata_wf_append_link (wf, from_node, from_port, to_node, to_port, json_object_ref (obj));
  return TRUE;
}

static gboolean
load_document (StrataWorkflow *wf,
               JsonNode       *root,
               const char     *base_dir,
               GError        **error)
{
  JsonObject *obj;
  JsonNode *format, *version, *seed, *nodes, *links;
  g_autoptr(GPtrArray) order = NULL;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return format_error (error, "not a Strata workflow (expected a JSON object)");
  obj = json_node_get_object (root);
  wf->extra = json_object_ref (obj);

  format = json_object_get_member (obj, "format");
  if (!is_string (format) || strcmp (json_node_get_string (format), STRATA_WORKFLOW_FORMAT) != 0)
    return format_error (error, "not a Strata workflow (“format” must be “%s”)", STRATA_WORKFLOW_FORMAT);
  version = json_object_get_member (obj, "version");
  if (version == NULL || !JSON_NODE_HOLDS_VALUE (version) ||
      json_node_get_value_type (version) != G_TYPE_INT64 || json_node_get_int (version) < 1)
    return format_error (error, "“version” must be a positive integer");
  if (json_node_get_int (version) > STRATA_WORKFLOW_VERSION)
    {
      g_set_error (error, STRATA_WORKFLOW_ERROR, STRATA_WORKFLOW_ERROR_VERSION,
                   "written by a newer Strata (workflow version %" G_GINT64_FORMAT
                   "; this one reads version %d)", json_node_get_int (version),
                   STRATA_WORKFLOW_VERSION);
      return FALSE;
    }
  seed = json_object_get_member (obj, "seed");
  if (seed != NULL && !JSON_NODE_HOLDS_NULL (seed))
    {
      if (!JSON_NODE_HOLDS_VALUE (seed) || json_node_get_value_type (seed) != G_TYPE_INT64 ||
          json_node_get_int (seed) < 0)
        return format_error (error, "“seed” must be a non-negative integer");
      wf->seed = (guint64) json_node_get_int (seed);
    }

  nodes = json_object_get_member (obj, "nodes");
  if (nodes == NULL || !JSON_NODE_HOLDS_ARRAY (nodes))
    return format_error (error, "“nodes” must be a list");
  if (json_array_get_length (json_node_get_array (nodes)) > MAX_NODES)
    return format_error (error, "more than %d nodes", MAX_NODES);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (nodes)); i++)
    if (!load_node (wf, json_array_get_element (json_node_get_array (nodes), i), i, base_dir, error))
      return FALSE;

  links = json_object_get_member (obj, "links");
  if (links != NULL && !JSON_NODE_HOLDS_NULL (links))
    {
      if (!JSON_NODE_HOLDS_ARRAY (links))
        return format_error (error, "“links” must be a list");
      if (json_array_get_length (json_node_get_array (links)) > MAX_LINKS)
        return format_error (error, "more than %d links", MAX_LINKS);
      for (guint i = 0; i < json_array_get_length (json_node_get_array (links)); i++)
        if (!load_link (wf, json_array_get_element (json_node_get_array (links), i), i, error))
          return FALSE;
    }

  order = strata_workflow_sort (wf, error);
  return order != NULL;
}

StrataWorkflow *
strata_workflow_load_from_data (StrataRegistry *registry,
                                const char     *data,
                                gsize           length,
                                const char     *base_dir,
                                const char     *display_name,
                                GError        **error)
{
  g_autoptr(StrataWorkflow) wf = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local = NULL;
  const char *name = display_name != NULL ? display_name : "workflow";

  g_return_val_if_fail (registry != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (!g_utf8_validate_len (data, length, NULL))
    {
      g_set_error (error, STRATA_WORKFLOW_ERROR, STRATA_WORKFLOW_ERROR_PARSE,
                   "%s: not UTF-8 text", name);
      return NULL;
    }
  if (!check_depth (data, length, &local))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local), "%s: ", name);
      return NULL;
    }
  parser = json_parser_new_immutable ();
  if (length == 0 || !json_parser_load_from_data (parser, data, (gssize) length, &local))
    {
      g_set_error (error, STRATA_WORKFLOW_ERROR, STRATA_WORKFLOW_ERROR_PARSE,
                   "%s: not valid JSON: %s", name,
                   local != NULL ? local->message : "the file is empty");
      return NULL;
    }

  wf = strata_workflow_new (registry);
  if (!load_document (wf, json_parser_get_root (parser), base_dir, &local))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local), "%s: ", name);
      return NULL;
    }
  return g_steal_pointer (&wf);
}

StrataWorkflow *
strata_workflow_load (StrataRegistry *registry,
                      const char     *path,
                      GError        **error)
{
  g_autofree char *data = NULL;
  g_autofree char *absolute = NULL;
  g_autofree char *dir = NULL;
  gsize length;
  StrataWorkflow *wf;

  g_return_val_if_fail (registry != NULL && path != NULL, NULL);

  if (!g_file_get_contents (path, &data, &length, error))
    return NULL;
  absolute = g_canonicalize_filename (path, NULL);
  dir = g_path_get_dirname (absolute);
  wf = strata_workflow_load_from_data (registry, data, length, dir, path, error);
  if (wf != NULL)
    wf->path = g_steal_pointer (&absolute);
  return wf;
}

/* --- saving --------------------------------------------------------------- */

/* @path relative to @base_dir, both made absolute first. */
static char *
relative_path (const char *path,
               const char *base_dir)
{
  g_autofree char *p = g_canonicalize_filename (path, NULL);
  g_autofree char *b = g_canonicalize_filename (base_dir, NULL);
  g_auto(GStrv) pp = g_strsplit (p, G_DIR_SEPARATOR_S, -1);
  g_auto(GStrv) bp = g_strsplit (b, G_DIR_SEPARATOR_S, -1);
  GString *out = g_string_new (NULL);
  guint common = 0;

  while (pp[common] != NULL && bp[common] != NULL && strcmp (pp[common], bp[common]) == 0)
    common++;
  for (guint i = common; bp[i] != NULL; i++)
    if (bp[i][0] != '\0')
      g_string_append (out, ".." G_DIR_SEPARATOR_S);
  for (guint i = common; pp[i] != NULL; i++)
    {
      g_string_append (out, pp[i]);
      if (pp[i + 1] != NULL)
        g_string_append_c (out, G_DIR_SEPARATOR);
    }
  if (out->len == 0)
    g_string_append_c (out, '.');
  return g_string_free (out, FALSE);
}

/* A new object with every member of @extra except @known, then nothing
 * else: the caller adds the known members. */
static JsonObject *
copy_unknown (JsonObject        *extra,
              const char *const *known)
{
  JsonObject *obj = json_object_new ();
  GList *members;

  if (extra == NULL)
    return obj;
  /* get_members() is in document order; the iterators of json-glib 1.6
   * walk its hash table, whose order changes from one load to the next */
  members = json_object_get_members (extra);
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (known, l->data))
      json_object_set_member (obj, l->data, json_node_copy (json_object_get_member (extra, l->data)));
  g_list_free (members);
  return obj;
}

/* Appends every member of @from to @to, in order. */
static void
append_members (JsonObject *to,
                JsonObject *from)
{
  GList *members = json_object_get_members (from);

  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (to, l->data, json_node_copy (json_object_get_member (from, l->data)));
  g_list_free (members);
}

static JsonNode *
number_node (double v)
{
  JsonNode *n = json_node_new (JSON_NODE_VALUE);

  if (v == floor (v) && fabs (v) < 9007199254740992.0)
    json_node_set_int (n, (gint64) v);
  else
    json_node_set_double (n, v);
  return n;
}

static JsonObject *
node_to_json (StrataWfNode *n,
              const char   *base_dir)
{
  static const char *const known[] = { "id", "type", "params", "position", NULL };
  g_autoptr(JsonObject) unknown = copy_unknown (n->extra, known);
  JsonObject *obj = json_object_new ();
  JsonObject *params = json_object_new ();
  JsonArray *pos = json_array_new ();
  JsonNode *value;

  json_object_set_string_member (obj, "id", n->id);
  json_object_set_string_member (obj, "type", n->type->id);
  for (const StrataParamSpec *spec = n->type->params; spec != NULL && spec->name != NULL; spec++)
    {
      if (!strata_params_is_set (n->params, spec->name))
        continue;
      value = strata_params_get (n->params, spec->name);
      if (spec->type == STRATA_PARAM_PATH && base_dir != NULL && is_string (value))
        {
          g_autofree char *relative = relative_path (json_node_get_string (value), base_dir);
          json_object_set_string_member (params, spec->name, relative);
        }
      else
        json_object_set_member (params, spec->name, json_node_copy (value));
    }
  json_object_set_object_member (obj, "params", params);
  json_array_add_element (pos, number_node (n->x));
  json_array_add_element (pos, number_node (n->y));
  json_object_set_array_member (obj, "position", pos);

  append_members (obj, unknown);
  return obj;
}

static JsonObject *
link_to_json (StrataWfLink *l)
{
  static const char *const known[] = { "from", "to", NULL };
  g_autoptr(JsonObject) unknown = copy_unknown (l->extra, known);
  JsonObject *obj = json_object_new ();
  g_autofree char *from = g_strdup_printf ("%s:%s", l->from_node, l->from_port);
  g_autofree char *to = g_strdup_printf ("%s:%s", l->to_node, l->to_port);

  json_object_set_string_member (obj, "from", from);
  json_object_set_string_member (obj, "to", to);
  append_members (obj, unknown);
  return obj;
}

char *
strata_workflow_to_data (StrataWorkflow *workflow,
                         const char     *base_dir,
                         gsize          *length)
{
  static const char *const known[] = { "format", "version", "seed", "nodes", "links", NULL };
  g_autoptr(JsonObject) unknown = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *obj;
  JsonArray *nodes, *links;

  g_return_val_if_fail (workflow != NULL, NULL);

  unknown = copy_unknown (workflow->extra, known);
  obj = json_object_new ();
  json_object_set_string_member (obj, "format", STRATA_WORKFLOW_FORMAT);
  json_object_set_int_member (obj, "version", STRATA_WORKFLOW_VERSION);
  json_object_set_int_member (obj, "seed", (gint64) MIN (workflow->seed, (guint64) G_MAXINT64));
  nodes = json_array_new ();
  for (guint i = 0; i < workflow->nodes->len; i++)
    json_array_add_object_element (nodes, node_to_json (workflow->nodes->pdata[i], base_dir));
  json_object_set_array_member (obj, "nodes", nodes);
  links = json_array_new ();
  for (guint i = 0; i < workflow->links->len; i++)
    json_array_add_object_element (links, link_to_json (workflow->links->pdata[i]));
  json_object_set_array_member (obj, "links", links);
  append_members (obj, unknown);

  root = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (root, obj);
  return strata_json_to_string (root, TRUE, length);
}

gboolean
strata_workflow_save (StrataWorkflow *workflow,
                      const char     *path,
                      GError        **error)
{
  g_autofree char *absolute = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *text = NULL;
  g_autofree char *with_newline = NULL;
  gsize length;

  g_return_val_if_fail (workflow != NULL && path != NULL, FALSE);

  absolute = g_canonicalize_filename (path, NULL);
  dir = g_path_get_dirname (absolute);
  text = strata_workflow_to_data (workflow, dir, &length);
  with_newline = g_strconcat (text, "\n", NULL);
  /* CONSISTENT: written to a temporary file in the same folder, then
   * renamed over @path, so readers see the old or the new file, whole. */
  if (!g_file_set_contents_full (absolute, with_newline, length + 1,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0666, error))
    return FALSE;
  g_free (workflow->path);
  workflow->path = g_steal_pointer (&absolute);
  return TRUE;
}
