/* strata-workflow.c — the workflow graph: nodes, parameters, links, order
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * Workflows are small (tens of nodes), so nodes and links are plain arrays
 * searched linearly; clarity beats indexing here. Every edit is validated
 * before it changes anything, so a workflow is always in a state the file
 * format accepts: known types, valid parameters, links between existing
 * ports of compatible kinds, at most one link per input, no cycle. Required
 * inputs may be left unconnected while editing; strata_workflow_check_inputs
 * says so before a run. Topological order is Kahn's algorithm with
 * document order as the tie-break, so the order is deterministic.
 */

#include "strata-workflow-private.h"

#include <math.h>
#include <string.h>

G_DEFINE_QUARK (strata-workflow-error-quark, strata_workflow_error)

static void
wf_node_free (gpointer p)
{
  StrataWfNode *n = p;

  g_free (n->id);
  strata_params_free (n->params);
  g_clear_pointer (&n->extra, json_object_unref);
  g_free (n);
}

static void
wf_link_free (gpointer p)
{
  StrataWfLink *l = p;

  g_free (l->from_node);
  g_free (l->from_port);
  g_free (l->to_node);
  g_free (l->to_port);
  g_clear_pointer (&l->extra, json_object_unref);
  g_free (l);
}

StrataWorkflow *
strata_workflow_new (StrataRegistry *registry)
{
  StrataWorkflow *wf;

  g_return_val_if_fail (registry != NULL, NULL);

  wf = g_new0 (StrataWorkflow, 1);
  wf->registry = strata_registry_ref (registry);
  wf->nodes = g_ptr_array_new_with_free_func (wf_node_free);
  wf->links = g_ptr_array_new_with_free_func (wf_link_free);
  return wf;
}

void
strata_workflow_free (StrataWorkflow *workflow)
{
  if (workflow == NULL)
    return;
  g_ptr_array_unref (workflow->links);
  g_ptr_array_unref (workflow->nodes);
  g_clear_pointer (&workflow->extra, json_object_unref);
  strata_registry_unref (workflow->registry);
  g_free (workflow->path);
  g_free (workflow);
}

const char *
strata_workflow_get_path (StrataWorkflow *workflow)
{
  g_return_val_if_fail (workflow != NULL, NULL);
  return workflow->path;
}

StrataRegistry *
strata_workflow_get_registry (StrataWorkflow *workflow)
{
  g_return_val_if_fail (workflow != NULL, NULL);
  return workflow->registry;
}

guint64
strata_workflow_get_seed (StrataWorkflow *workflow)
{
  g_return_val_if_fail (workflow != NULL, 0);
  return workflow->seed;
}

void
strata_workflow_set_seed (StrataWorkflow *workflow,
                          guint64         seed)
{
  g_return_if_fail (workflow != NULL);
  workflow->seed = seed;
}

/* --- nodes ---------------------------------------------------------------- */

StrataWfNode *
strata_wf_find_node (StrataWorkflow *workflow,
                     const char     *id)
{
  if (id == NULL)
    return NULL;
  for (guint i = 0; i < workflow->nodes->len; i++)
    {
      StrataWfNode *n = workflow->nodes->pdata[i];
      if (strcmp (n->id, id) == 0)
        return n;
    }
  return NULL;
}

gboolean
strata_wf_id_is_valid (const char *id)
{
  if (id == NULL || *id == '\0' || strlen (id) > 128)
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-')
      return FALSE;
  return TRUE;
}

StrataWfNode *
strata_wf_append_node (StrataWorkflow       *workflow,
                       const char           *id,
                       const StrataNodeType *type,
                       StrataParams         *params,
                       JsonObject           *extra)
{
  StrataWfNode *n = g_new0 (StrataWfNode, 1);

  n->id = g_strdup (id);
  n->type = type;
  n->params = params;
  n->extra = extra;
  g_ptr_array_add (workflow->nodes, n);
  return n;
}

char *
strata_wf_absolute_path (const char *path,
                         const char *base_dir)
{
  return g_canonicalize_filename (path, base_dir);
}

guint
strata_workflow_get_n_nodes (StrataWorkflow *workflow)
{
  g_return_val_if_fail (workflow != NULL, 0);
  return workflow->nodes->len;
}

const char *
strata_workflow_get_node_id (StrataWorkflow *workflow,
                             guint           index)
{
  g_return_val_if_fail (workflow != NULL && index < workflow->nodes->len, NULL);
  return ((StrataWfNode *) workflow->nodes->pdata[index])->id;
}

gboolean
strata_workflow_has_node (StrataWorkflow *workflow,
                          const char     *id)
{
  g_return_val_if_fail (workflow != NULL, FALSE);
  return strata_wf_find_node (workflow, id) != NULL;
}

const StrataNodeType *
strata_workflow_get_node_type (StrataWorkflow *workflow,
                               const char     *id)
{
  StrataWfNode *n;

  g_return_val_if_fail (workflow != NULL, NULL);
  n = strata_wf_find_node (workflow, id);
  return n != NULL ? n->type : NULL;
}

StrataParams *
strata_workflow_get_params (StrataWorkflow *workflow,
                            const char     *id)
{
  StrataWfNode *n;

  g_return_val_if_fail (workflow != NULL, NULL);
  n = strata_wf_find_node (workflow, id);
  return n != NULL ? n->params : NULL;
}

const char *
strata_workflow_add_node (StrataWorkflow *workflow,
                          const char     *type_id,
                          const char     *id,
                          double          x,
                          double          y,
                          GError        **error)
{
  const StrataNodeType *type;
  g_autofree char *fresh = NULL;
  StrataWfNode *n;

  g_return_val_if_fail (workflow != NULL && type_id != NULL, NULL);

  type = strata_registry_lookup (workflow->registry, type_id);
  if (type == NULL)
    {
      g_set_error (error, STRATA_WORKFLOW_ERROR, STRATA_WORKFLOW_ERROR_UNKNOWN_TYPE,
                   "unknown node type “%s”", type_id);
      return NULL;
    }
  if (id == NULL)
    {
      const char *dot = strrchr (type_id, '.');
      const char *stem = dot != NULL ? dot + 1 : type_id;

      fresh = g_strdup (stem);
      for (guint k = 2; strata_wf_find_node (workflow, fresh) != NULL; k++)
        {
          g_free (fresh);
          fresh = g_strdup_printf ("%s%u", stem, k);
        }
      id = fresh;
    }
  if (!strata_wf_id_is_valid (id))
    {
      g_set_error (error, STRATA_WORKFLOW_ERROR, STRATA_WORKFLOW_ERROR_FORMAT,
                   "node id “%s” must be letters, digits, “_” or “-”", id);
      return NULL;
    }
  if (strata_wf_find_node (workflow, id) != NULL)
    {
      g_set_error (error, STRATA_WORKFLOW_ERROR, STRATA_WORKFLOW_ERROR_DUPLICATE_ID,
                   "there is already a node “%s”", id);
      return NULL;
    }
  n = strata_wf_append_node (workflow, id, type, strata_params_new (type->params), NULL);
  n->x = x;
  n->y = y;
  return n->id;
}

gboolean
strata_workflow_remove_node (StrataWorkflow *workflow,
                             const char     *id)
{
  StrataWfNode *n;

  g_return_val_if_fail (workflow != NULL, FALSE);

  n = strata_wf_find_node (workflow, id);
  if (n == NULL)
    return FALSE;
  for (guint i = workflow->links->len; i-- > 0;)
    {
      StrataWfLink *l = workflow->links->pdata[i];
      if (strcmp (l->from_node, n->id) == 0 || strcmp (l->to_node, n->id) == 0)
        g_ptr_array_remove_index (workflow->links, i);
    }
  g_ptr_array_remove (workflow->nodes, n);
  return TRUE;
}

gboolean
strata_workflow_get_position (StrataWorkflow *workflow,
                              const char     *id,
                              double         *x,
                              double         *y)
{
  StrataWfNode *n;

  g_return_val_if_fail (workflow != NULL, FALSE);
  n = strata_wf_find_node (workflow, id);
  if (n == NULL)
    return FALSE;
  if (x != NULL)
    *x = n->x;
  if (y != NULL)
    *y = n->y;
  return TRUE;
}

void
strata_workflow_set_position (StrataWorkflow *workflow,
                              const char     *id,
                              double          x,
                              double          y)
{
  StrataWfNode *n;

  g_return_if_fail (workflow != NULL);
  n = strata_wf_find_node (workflow, id);
  g_return_if_fail (n != NULL);
  g_return_if_fail (isfinite (x) && isfinite (y));
  n->x = x;
  n->y = y;
}

static gboolean
set_param (StrataWfNode *n,
           const char   *name,
           JsonNode     *value,
           const char   *base_dir,
           GError      **error)
{
  const StrataParamSpec *spec = strata_param_specs_find (n->type->params, name);
  g_autoptr(JsonNode) absolute = NULL;
  g_autoptr(GError) local = NULL;

  if (spec != NULL && spec->type == STRATA_PARAM_PATH &&
      JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING &&
      *json_node_get_string (value) != '\0')
    {
      g_autofree char *path = strata_wf_absolute_path (json_node_get_string (value), base_dir);

      absolute = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (absolute, path);
      value = absolute;
    }
  if (!strata_params_set (n->params, name, value, &local))
    {
      g_set_error (error, STRATA_WORKFLOW_ERROR, STRATA_WORKFLOW_ERROR_PARAM,
                   "node “%s” (%s): %s", n->id, n->type->id, local->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
strata_wf_set_param (StrataWfNode *n,
                     const char   *name,
                     JsonNode     *value,
                     const char   *base_dir,
                     GError      **error)
{
  return set_param (n, name, value, base_dir, error);
}

static gboolean
unknown_node (const char *id,
              GError    **error)
{
  g_set_error (error, STRATA_WORKFLOW_ERROR, STRATA_WORKFLOW_ERROR_UNKNOWN_NODE,
               "there is no node “%s”", id);
  return FALSE;
}

gboolean
strata_workflow_set_param (StrataWorkflow *workflow,
                           const char     *id,
                           const char     *name,
                           JsonNode       *value,
                           GError        **error)
{
  StrataWfNode *n;

  g_return_val_if_fail (workflow != NULL && id != NULL && name != NULL && value != NULL, FALSE);

  n = strata_wf_find_node (workflow, id);
  if (n == NULL)
    return unknown_node (id, error);
  return set_param (n, name, value, NULL, error);
}

gboolean
strata_workflow_apply_setting (StrataWorkflow *workflow,
                               const char     *assignment,
                               GError        **error)
{
  const char *eq, *dot;
  g_autofree char *key = NULL;
  g_autofree char *id = NULL;
  const char *name;
  const StrataParamSpec *spec;
  StrataWfNode *n;
  g_autoptr(JsonNode) value = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (workflow != NULL && assignment != NULL, FALSE);

  eq = strchr (assignment, '=');
  key = eq != NULL ? g_strndup (assignment, eq - assignment) : NULL;
  dot = key != NULL ? strrchr (key, '.') : NULL;
  if (dot == NULL || dot == key || dot[1] == '\0')
    {
      g_set_error (error, STRATA_WORKFLOW_ERROR, STRATA_WORKFLOW_ERROR_FORMAT,
                   "“%s” is not ID.PARAM=VALUE", assignment);
      return FALSE;
    }
  id = g_strndup (key, dot - key);
  name = dot + 1;
  n = strata_wf_find_node (workflow, id);
  if (n == NULL)
    return unknown_node (id, error);
  spec = strata_param_specs_find (n->type->params, name);
  if (spec == NULL)
    {
      /* Let strata_params_set word the error (it lists the known names). */
      value = json_node_new (JSON_NODE_NULL);
      return set_param (n, name, value, NULL, error);
    }
  value = strata_param_parse_text (spec, eq + 1, &local);
  if (value == NULL)
    {
      g_set_error (error, STRATA_WORKFLOW_ERROR, STRATA_WORKFLOW_ERROR_PARAM,
                   "node “%s” (%s): %s", n->id, n->type->id, local->message);
      return FALSE;
    }
  return set_param (n, name, value, NULL, error);
}

/* --- links ---------------------------------------------------------------- */

guint
strata_workflow_get_n_links (StrataWorkflow *workflow)
{
  g_return_val_if_fail (workflow != NULL, 0);
  return workflow->links->len;
}

void
strata_workflow_get_link (StrataWorkflow  *workflow,
                          guint            index,
                          const char     **from_node,
                          const char     **from_port,
                          const char     **to_node,
                          const char     **to_port)
{
  StrataWfLink *l;

  g_return_if_fail (workflow != NULL && index < workflow->links->len);
  l = workflow->links->pdata[index];
  if (from_node != NULL) *from_node = l->from_node;
  if (from_port != NULL) *from_port = l->from_port;
  if (to_node != NULL)   *to_node = l->to_node;
  if (to_port != NULL)   *to_port = l->to_port;
}

static StrataWfLink *
find_link_into (StrataWorkflow *workflow,
                const char     *to_node,
                const char     *to_port)
{
  for (guint i = 0; i < workflow->links->len; i++)
    {
      StrataWfLink *l = workflow->links->pdata[i];
      if (strcmp (l->to_node, to_node) == 0 && strcmp (l->to_port, to_port) == 0)
        return l;
    }
  return NULL;
}

/* TRUE if @to can be reached from @from by following links forward
 * (breadth-first, each node visited once). */
static gboolean
reaches (StrataWorkflow *workflow,
         const char     *from,
         const char     *to)
{
  g_autoptr(GPtrArray) queue = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_ptr_array_add (queue, (gpointer) from);
  g_hash_table_add (seen, (gpointer) from);
  for (guint q = 0; q < queue->len; q++)
    {
      const char *cur = queue->pdata[q];

      if (strcmp (cur, to) == 0)
        return TRUE;
      for (guint i = 0; i < workflow->links->len; i++)
        {
          StrataWfLink *l = workflow->links->pdata[i];
          if (strcmp (l->from_node, cur) == 0 && !g_hash_table_contains (seen, l->to_node))
            {
              g_hash_table_add (seen, l->to_node);
              g_ptr_array_add (queue, l->to_node);
            }
        }
    }
  return FALSE;
}

gboolean
strata_wf_check_link (StrataWorkflow *workflow,
                      const char     *from_node,
                      const char     *from_port,
                      const char     *to_node,
                      const char     *to_port,
                      gboolean        check_cycle,
                      GError        **error)
{
  StrataWfNode *from = strata_wf_find_node (workflow, from_node);
  StrataWfNode *to = strata_wf_find_node (workflow, to_node);
  int out, in;

  if (from == NULL)
    return unknown_node (from_node, error);
  if (to == NULL)
    return unknown_node (to_node, error);
  out = strata_node_type_find_output (from->type, from_port);
  if (out < 0)
    {
      g_set_error (error, STRATA_WORKFLOW_ERROR, STRATA_WORKFLOW_ERROR_UNKNOWN_PORT,
                   "node “%s” (%s) has no output port “%s”", from_node, from->type->id, from_port);
      return FALSE;
    }
  in = strata_node_type_find_input (to->type, to_port);
  if (in < 0)
    {
      g_set_error (error, STRATA_WORKFLOW_ERROR, STRATA_WORKFLOW_ERROR_UNKNOWN_PORT,
                   "node “%s” (%s) has no input port “%s”", to_node, to->type->id, to_port);
      return FALSE;
    }
  if (!strata_data_kind_compatible (from->type->outputs[out].kind, to->type->inputs[in].kind))
    {
      g_set_error (error, STRATA_WORKFLOW_ERROR, STRATA_WORKFLOW_ERROR_KIND,
                   "link %s:%s → %s:%s joins a %s output to a %s input",
                   from_node, from_port, to_node, to_port,
                   from->type->outputs[out].kind, to->type->inputs[in].kind);
      return FALSE;
    }
  if (find_link_into (workflow, to_node, to_port) != NULL)
    {
      g_set_error (error, STRATA_WORKFLOW_ERROR, STRATA_WORKFLOW_ERROR_INPUT_TAKEN,
                   "input %s:%s is already connected", to_node, to_port);
      return FALSE;
    }
  if (check_cycle && reaches (workflow, to_node, from_node))
    {
      g_set_error (error, STRATA_WORKFLOW_ERROR, STRATA_WORKFLOW_ERROR_CYCLE,
                   "link %s:%s → %s:%s would make a cycle", from_node, from_port, to_node, to_port);
      return FALSE;
    }
  return TRUE;
}

void
strata_wf_append_link (StrataWorkflow *workflow,
                       const char     *from_node,
                       const char     *from_port,
                       const char     *to_node,
                       const char     *to_port,
                       JsonObject     *extra)
{
  StrataWfLink *l = g_new0 (StrataWfLink, 1);

  l->from_node = g_strdup (from_node);
  l->from_port = g_strdup (from_port);
  l->to_node = g_strdup (to_node);
  l->to_port = g_strdup (to_port);
  l->extra = extra;
  g_ptr_array_add (workflow->links, l);
}

gboolean
strata_workflow_connect (StrataWorkflow  *workflow,
                         const char      *from_node,
                         const char      *from_port,
                         const char      *to_node,
                         const char      *to_port,
                         GError         **error)
{
  g_return_val_if_fail (workflow != NULL, FALSE);
  g_return_val_if_fail (from_node != NULL && from_port != NULL, FALSE);
  g_return_val_if_fail (to_node != NULL && to_port != NULL, FALSE);

  if (!strata_wf_check_link (workflow, from_node, from_port, to_node, to_port, TRUE, error))
    return FALSE;
  strata_wf_append_link (workflow, from_node, from_port, to_node, to_port, NULL);
  return TRUE;
}

gboolean
strata_workflow_disconnect (StrataWorkflow *workflow,
                            const char     *to_node,
                            const char     *to_port)
{
  StrataWfLink *l;

  g_return_val_if_fail (workflow != NULL && to_node != NULL && to_port != NULL, FALSE);
  l = find_link_into (workflow, to_node, to_port);
  if (l == NULL)
    return FALSE;
  g_ptr_array_remove (workflow->links, l);
  return TRUE;
}

gboolean
strata_workflow_get_source (StrataWorkflow  *workflow,
                            const char      *to_node,
                            const char      *to_port,
                            const char     **from_node,
                            const char     **from_port)
{
  StrataWfLink *l;

  g_return_val_if_fail (workflow != NULL && to_node != NULL && to_port != NULL, FALSE);
  l = find_link_into (workflow, to_node, to_port);
  if (l == NULL)
    return FALSE;
  if (from_node != NULL)
    *from_node = l->from_node;
  if (from_port != NULL)
    *from_port = l->from_port;
  return TRUE;
}

/* --- order ---------------------------------------------------------------- */

/* Names one cycle among the nodes left over by Kahn's algorithm: walk
 * backwards along links into unfinished nodes until a node repeats. */
static char *
describe_cycle (StrataWorkflow *workflow,
                const gboolean *done,
                const int      *from,
                const int      *to)
{
  guint n = workflow->nodes->len;
  g_autofree int *seen_at = g_new (int, n);
  GPtrArray *path = g_ptr_array_new ();
  GString *s = g_string_new (NULL);
  int cur = -1;

  for (guint i = 0; i < n; i++)
    {
      seen_at[i] = -1;
      if (!done[i] && cur < 0)
        cur = (int) i;
    }
  while (cur >= 0 && seen_at[cur] < 0)
    {
      int next = -1;

      seen_at[cur] = (int) path->len;
      g_ptr_array_add (path, GINT_TO_POINTER (cur));
      for (guint i = 0; i < workflow->links->len && next < 0; i++)
        if (to[i] == cur && from[i] >= 0 && !done[from[i]])
          next = from[i];
      cur = next;
    }
  if (cur >= 0)
    {
      /* path[seen_at[cur]..] is the cycle walked backwards: reverse it and
       * start at the node that comes first in the document. */
      guint len = path->len - (guint) seen_at[cur], first = 0;
      g_autofree int *cycle = g_new (int, len + 1);

      for (guint i = 0; i < len; i++)
        {
          cycle[i] = GPOINTER_TO_INT (path->pdata[path->len - 1 - i]);
          if (cycle[i] < cycle[first])
            first = i;
        }
      for (guint i = 0; i <= len; i++)
        g_string_append_printf (s, "%s“%s”", i > 0 ? " → " : "",
                                ((StrataWfNode *) workflow->nodes->pdata[cycle[(first + i) % len]])->id);
    }
  g_ptr_array_free (path, TRUE);
  return g_string_free (s, FALSE);
}

GPtrArray *
strata_workflow_sort (StrataWorkflow  *workflow,
                      GError         **error)
{
  guint n, n_links;
  g_autofree guint *indegree = NULL;
  g_autofree gboolean *done = NULL;
  g_autofree int *from = NULL, *to = NULL;
  g_autoptr(GHashTable) index = NULL;
  GPtrArray *order;
  guint first_free = 0;

  g_return_val_if_fail (workflow != NULL, NULL);

  /* Endpoints as indices once (hash), so this is O(n² + links) at worst
   * even for a hostile file of thousands of nodes. */
  n = workflow->nodes->len;
  n_links = workflow->links->len;
  index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < n; i++)
    g_hash_table_insert (index, ((StrataWfNode *) workflow->nodes->pdata[i])->id, GUINT_TO_POINTER (i + 1));
  from = g_new (int, n_links + 1);
  to = g_new (int, n_links + 1);
  indegree = g_new0 (guint, n + 1);
  done = g_new0 (gboolean, n + 1);
  for (guint i = 0; i < n_links; i++)
    {
      StrataWfLink *l = workflow->links->pdata[i];
      from[i] = (int) GPOINTER_TO_UINT (g_hash_table_lookup (index, l->from_node)) - 1;
      to[i] = (int) GPOINTER_TO_UINT (g_hash_table_lookup (index, l->to_node)) - 1;
      if (from[i] >= 0 && to[i] >= 0)
        indegree[to[i]]++;
    }

  order = g_ptr_array_new ();
  while (order->len < n)
    {
      int pick = -1;

      while (first_free < n && done[first_free])
        first_free++;
      for (guint i = first_free; i < n && pick < 0; i++)
        if (!done[i] && indegree[i] == 0)
          pick = (int) i;
      if (pick < 0)
        {
          g_autofree char *cycle = describe_cycle (workflow, done, from, to);

          g_set_error (error, STRATA_WORKFLOW_ERROR, STRATA_WORKFLOW_ERROR_CYCLE,
                       "the links form a cycle: %s", cycle);
          g_ptr_array_free (order, TRUE);
          return NULL;
        }
      done[pick] = TRUE;
      g_ptr_array_add (order, ((StrataWfNode *) workflow->nodes->pdata[pick])->id);
      for (guint i = 0; i < n_links; i++)
        if (from[i] == pick && to[i] >= 0)
          indegree[to[i]]--;
    }
  return order;
}

gboolean
strata_workflow_check_inputs (StrataWorkflow  *workflow,
                              GError         **error)
{
  g_return_val_if_fail (workflow != NULL, FALSE);

  for (guint i = 0; i < workflow->nodes->len; i++)
    {
      StrataWfNode *n = workflow->nodes->pdata[i];

      for (guint p = 0; n->type->inputs != NULL && n->type->inputs[p].name != NULL; p++)
        if (!n->type->inputs[p].optional &&
            find_link_into (workflow, n->id, n->type->inputs[p].name) == NULL)
          {
            g_set_error (error, STRATA_WORKFLOW_ERROR, STRATA_WORKFLOW_ERROR_MISSING_INPUT,
                         "node “%s” (%s): input “%s” is not connected",
                         n->id, n->type->id, n->type->inputs[p].name);
            return FALSE;
          }
    }
  return TRUE;
}
