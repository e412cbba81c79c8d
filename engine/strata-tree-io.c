/* strata-tree-io.c — trees as text rules, Graphviz DOT, JSON and files
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * The JSON form is the model file's body: node fields as parallel arrays
 * (as scikit-learn's tree_), so a large tree stays compact and loads with
 * one pass per array. Numbers are written with 17 significant digits, so a
 * loaded tree predicts bit for bit what the saved one did. Loading trusts
 * nothing: every array length, child index (children come after their
 * parent in preorder, which also rules out cycles), feature index and
 * category index is checked, and a violation is STRATA_TREE_ERROR_FORMAT
 * naming the file.
 */

#include "strata-tree-private.h"
#include "strata-model-file.h"
#include "strata-param.h"

#include <math.h>
#include <string.h>

/* --- Text rules ------------------------------------------------------------ */

static void
append_categories (GString    *out,
                   StrataTree *tree,
                   guint       index,
                   gboolean    left)
{
  const StrataTreeNode *node = &tree->nodes[index];
  gboolean first = TRUE;

  g_string_append (out, "{");
  for (guint c = 0; c < tree->feature_n_categories[node->feature]; c++)
    if (strata_tree_node_category_left (tree, index, c) == left)
      {
        g_string_append_printf (out, "%s%s", first ? "" : ", ",
                                tree->feature_categories[node->feature][c]);
        first = FALSE;
      }
  g_string_append (out, "}");
}

static void
append_condition (GString    *out,
                  StrataTree *tree,
                  guint       index,
                  gboolean    left)
{
  const StrataTreeNode *node = &tree->nodes[index];

  g_string_append (out, tree->feature_names[node->feature]);
  if (node->categorical)
    {
      g_string_append (out, " in ");
      append_categories (out, tree, index, left);
    }
  else
    g_string_append_printf (out, left ? " <= %.2f" : " >  %.2f", node->threshold);
  if (node->missing_left == left)
    g_string_append (out, " or missing");
}

/* The predicted class at node @index (the first of the largest counts). */
static guint
argmax_class (StrataTree *tree,
              guint       index)
{
  const double *v = strata_tree_get_node_value (tree, index);
  guint best = 0;

  for (guint k = 1; k < tree->n_classes; k++)
    if (v[k] > v[best])
      best = k;
  return best;
}

static void
append_leaf (GString    *out,
             StrataTree *tree,
             guint       index)
{
  const double *v = strata_tree_get_node_value (tree, index);

  if (tree->n_classes > 0)
    g_string_append_printf (out, "class: %s", tree->classes[argmax_class (tree, index)]);
  else
    g_string_append_printf (out, "value: [%.2f]", v[0]);
}

char *
strata_tree_to_text (StrataTree *tree)
{
  GString *out = g_string_new (NULL);
  GArray *stack = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 root = 0;

  g_return_val_if_fail (tree != NULL, NULL);

  /* stack items: node index × 2 + side (0 = the left branch line), with
   * the depth in the high bits */
  if (tree->nodes[0].left < 0)
    {
      g_string_append (out, "|--- ");
      append_leaf (out, tree, 0);
      g_string_append_c (out, '\n');
    }
  else
    {
      gint64 r = (root << 1) | 1;

      g_array_append_val (stack, r);
      r = (root << 1);
      g_array_append_val (stack, r);
    }
  while (stack->len > 0)
    {
      gint64 item = g_array_index (stack, gint64, stack->len - 1);
      guint index = (guint) ((item >> 1) & 0xffffffff);
      guint depth = (guint) (item >> 33);
      gboolean left = (item & 1) == 0;
      gint child = left ? tree->nodes[index].left : tree->nodes[index].right;

      g_array_set_size (stack, stack->len - 1);
      for (guint d = 0; d < depth; d++)
        g_string_append (out, "|   ");
      g_string_append (out, "|--- ");
      append_condition (out, tree, index, left);
      g_string_append_c (out, '\n');
      if (tree->nodes[child].left < 0)
        {
          for (guint d = 0; d <= depth; d++)
            g_string_append (out, "|   ");
          g_string_append (out, "|--- ");
          append_leaf (out, tree, child);
          g_string_append_c (out, '\n');
        }
      else
        {
          gint64 next = ((gint64) (depth + 1) << 33) | ((gint64) child << 1) | 1;

          g_array_append_val (stack, next);
          next &= ~(gint64) 1;
          g_array_append_val (stack, next);
        }
    }
  g_array_unref (stack);
  return g_string_free (out, FALSE);
}

/* --- Graphviz -------------------------------------------------------------- */

static void
append_dot_escaped (GString    *out,
                    const char *s)
{
  for (; *s != '\0'; s++)
    {
      if (*s == '"' || *s == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *s);
    }
}

char *
strata_tree_to_dot (StrataTree *tree)
{
  GString *out = g_string_new ("digraph Tree {\n"
                               "node [shape=box, style=\"rounded\", fontname=\"sans\"] ;\n"
                               "edge [fontname=\"sans\"] ;\n");

  g_return_val_if_fail (tree != NULL, NULL);

  for (guint i = 0; i < tree->n_nodes; i++)
    {
      const StrataTreeNode *node = &tree->nodes[i];
      const double *v = strata_tree_get_node_value (tree, i);
      GString *label = g_string_new (NULL);

      if (node->left >= 0)
        {
          append_condition (label, tree, i, TRUE);
          g_string_append_c (label, '\n');
        }
      g_string_append_printf (label, "%s = %.3f\nsamples = %" G_GSIZE_FORMAT "\nvalue = ",
                              strata_tree_criterion_to_string (tree->criterion),
                              node->impurity, node->n_samples);
      if (tree->n_classes > 0)
        {
          g_string_append_c (label, '[');
          for (guint k = 0; k < tree->n_classes; k++)
            g_string_append_printf (label, "%s%g", k ? ", " : "", v[k]);
          g_string_append (label, "]\nclass = ");
          g_string_append (label, tree->classes[argmax_class (tree, i)]);
        }
      else
        g_string_append_printf (label, "%.3f", v[0]);

      g_string_append_printf (out, "%u [label=\"", i);
      append_dot_escaped (out, label->str);
      g_string_append (out, "\"] ;\n");
      g_string_free (label, TRUE);
      if (node->left >= 0)
        g_string_append_printf (out, "%u -> %d [label=\"yes\"] ;\n%u -> %d [label=\"no\"] ;\n",
                                i, node->left, i, node->right);
    }
  g_string_append (out, "}\n");
  /* DOT wants the two-character escape \n inside labels */
  {
    GString *fixed = g_string_new (NULL);
    gboolean in_label = FALSE;

    for (const char *p = out->str; *p != '\0'; p++)
      {
        if (*p == '"' && (p == out->str || p[-1] != '\\'))
          in_label = !in_label;
        if (*p == '\n' && in_label)
          g_string_append (fixed, "\\n");
        else
          g_string_append_c (fixed, *p);
      }
    g_string_free (out, TRUE);
    return g_string_free (fixed, FALSE);
  }
}

/* --- JSON ------------------------------------------------------------------ */

static JsonNode *
tree_to_json_node (StrataTree *tree)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  static const char *const arrays[] = {
    "left", "right", "feature", "threshold", "missing_left", "impurity",
    "n_samples", "weighted_n_samples",
  };

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "criterion");
  json_builder_add_string_value (b, strata_tree_criterion_to_string (tree->criterion));
  json_builder_set_member_name (b, "target");
  json_builder_add_string_value (b, tree->target);
  json_builder_set_member_name (b, "classes");
  if (tree->n_classes > 0)
    {
      json_builder_begin_array (b);
      for (guint k = 0; k < tree->n_classes; k++)
        json_builder_add_string_value (b, tree->classes[k]);
      json_builder_end_array (b);
    }
  else
    json_builder_add_null_value (b);

  json_builder_set_member_name (b, "features");
  json_builder_begin_array (b);
  for (guint f = 0; f < tree->n_features; f++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, tree->feature_names[f]);
      json_builder_set_member_name (b, "categories");
      if (tree->feature_categories[f] != NULL)
        {
          json_builder_begin_array (b);
          for (guint c = 0; tree->feature_categories[f][c] != NULL; c++)
            json_builder_add_string_value (b, tree->feature_categories[f][c]);
          json_builder_end_array (b);
        }
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "importance");
      json_builder_add_double_value (b, tree->importances[f]);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "depth");
  json_builder_add_int_value (b, tree->depth);
  json_builder_set_member_name (b, "n_leaves");
  json_builder_add_int_value (b, tree->n_leaves);

  json_builder_set_member_name (b, "nodes");
  json_builder_begin_object (b);
  for (guint a = 0; a < G_N_ELEMENTS (arrays); a++)
    {
      json_builder_set_member_name (b, arrays[a]);
      json_builder_begin_array (b);
      for (guint i = 0; i < tree->n_nodes; i++)
        {
          const StrataTreeNode *n = &tree->nodes[i];

          switch (a)
            {
            case 0: json_builder_add_int_value (b, n->left); break;
            case 1: json_builder_add_int_value (b, n->right); break;
            case 2: json_builder_add_int_value (b, n->feature); break;
            case 3:
              if (n->left >= 0 && !n->categorical)
                json_builder_add_double_value (b, n->threshold);
              else
                json_builder_add_null_value (b);
              break;
            case 4: json_builder_add_boolean_value (b, n->missing_left); break;
            case 5: json_builder_add_double_value (b, n->impurity); break;
            case 6: json_builder_add_int_value (b, (gint64) n->n_samples); break;
            case 7: json_builder_add_double_value (b, n->weighted_n_samples); break;
            default: g_assert_not_reached ();
            }
        }
      json_builder_end_array (b);
    }
  /* left categories of categorical splits, null elsewhere */
  json_builder_set_member_name (b, "categories_left");
  json_builder_begin_array (b);
  for (guint i = 0; i < tree->n_nodes; i++)
    {
      const StrataTreeNode *n = &tree->nodes[i];

      if (n->left < 0 || !n->categorical)
        {
          json_builder_add_null_value (b);
          continue;
        }
      json_builder_begin_array (b);
      for (guint c = 0; c < tree->feature_n_categories[n->feature]; c++)
        if (strata_tree_node_category_left (tree, i, c))
          json_builder_add_int_value (b, c);
      json_builder_end_array (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "value");
  json_builder_begin_array (b);
  for (guint i = 0; i < tree->n_nodes; i++)
    {
      const double *v = strata_tree_get_node_value (tree, i);

      json_builder_begin_array (b);
      for (guint k = 0; k < tree->n_outputs; k++)
        json_builder_add_double_value (b, v[k]);
      json_builder_end_array (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

char *
strata_tree_to_json (StrataTree *tree)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (tree != NULL, NULL);

  root = tree_to_json_node (tree);
  return strata_json_to_string (root, FALSE, NULL);
}

gboolean
strata_tree_save (StrataTree  *tree,
                  const char  *path,
                  GError     **error)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (tree != NULL && path != NULL, FALSE);

  root = tree_to_json_node (tree);
  return strata_model_file_save (path, "tree", root, error);
}

/* --- Loading --------------------------------------------------------------- */

/* The array member @name of @o with exactly @n elements (when @n ≥ 0). */
static JsonArray *
get_array (JsonObject *o,
           const char *name,
           gint64      n)
{
  JsonNode *node = json_object_get_member (o, name);
  JsonArray *a;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  a = json_node_get_array (node);
  if (n >= 0 && json_array_get_length (a) != (guint) n)
    return NULL;
  return a;
}

static gboolean
is_number (JsonNode *node)
{
  GType t;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  t = json_node_get_value_type (node);
  return t == G_TYPE_INT64 || t == G_TYPE_DOUBLE;
}

/* Fills @tree from @model; returns a description of the first problem. */
static const char *
tree_from_json (StrataTree *tree,
                JsonObject *model,
                GArray     *words)
{
  JsonArray *classes, *features, *a[8], *cats_left, *values;
  JsonObject *nodes;
  static const char *const names[] = {
    "left", "right", "feature", "threshold", "missing_left", "impurity",
    "n_samples", "weighted_n_samples",
  };
  guint n;

  if (!strata_tree_criterion_from_string (json_object_get_string_member_with_default (model, "criterion", ""),
                                          &tree->criterion) ||
      tree->criterion == STRATA_TREE_CRITERION_AUTO)
    return "unknown criterion";
  if (json_object_get_string_member_with_default (model, "target", NULL) == NULL)
    return "no target";
  tree->target = g_strdup (json_object_get_string_member_with_default (model, "target", ""));
  classes = get_array (model, "classes", -1);
  if ((classes == NULL) != (tree->criterion == STRATA_TREE_CRITERION_SQUARED_ERROR))
    return "classes do not match the criterion";
  tree->n_classes = classes ? json_array_get_length (classes) : 0;
  if (classes != NULL && tree->n_classes == 0)
    return "no classes";
  tree->classes = g_new0 (char *, tree->n_classes + 1);
  for (guint k = 0; k < tree->n_classes; k++)
    {
      const char *s = json_node_get_string (json_array_get_element (classes, k));

      if (s == NULL)
        return "a class is not a string";
      tree->classes[k] = g_strdup (s);
    }
  tree->n_outputs = MAX (tree->n_classes, 1);

  features = get_array (model, "features", -1);
  if (features == NULL || json_array_get_length (features) == 0)
    return "no features";
  tree->n_features = json_array_get_length (features);
  tree->feature_names = g_new0 (char *, tree->n_features + 1);
  tree->feature_categories = g_new0 (char **, tree->n_features);
  tree->feature_n_categories = g_new0 (guint, tree->n_features);
  for (guint f = 0; f < tree->n_features; f++)
    {
      JsonNode *fn = json_array_get_element (features, f);
      JsonObject *fo = JSON_NODE_HOLDS_OBJECT (fn) ? json_node_get_object (fn) : NULL;
      JsonArray *cats;

      if (fo == NULL || json_object_get_string_member_with_default (fo, "name", NULL) == NULL)
        return "a feature has no name";
      tree->feature_names[f] = g_strdup (json_object_get_string_member (fo, "name"));
      cats = get_array (fo, "categories", -1);
      if (cats != NULL)
        {
          guint m = json_array_get_length (cats);

          tree->feature_categories[f] = g_new0 (char *, m + 1);
          tree->feature_n_categories[f] = m;
          for (guint c = 0; c < m; c++)
            {
              const char *s = json_node_get_string (json_array_get_element (cats, c));

              if (s == NULL)
                return "a category is not a string";
              tree->feature_categories[f][c] = g_strdup (s);
            }
        }
    }

  if (json_object_get_member (model, "nodes") == NULL ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (model, "nodes")))
    return "no nodes";
  nodes = json_object_get_object_member (model, "nodes");
  a[0] = get_array (nodes, "left", -1);
  if (a[0] == NULL || json_array_get_length (a[0]) == 0)
    return "no nodes";
  n = json_array_get_length (a[0]);
  for (guint i = 1; i < G_N_ELEMENTS (names); i++)
    if ((a[i] = get_array (nodes, names[i], n)) == NULL)
      return "node arrays of different lengths";
  cats_left = get_array (nodes, "categories_left", n);
  values = get_array (nodes, "value", n);
  if (cats_left == NULL || values == NULL)
    return "node arrays of different lengths";

  tree->n_nodes = n;
  tree->nodes = g_new0 (StrataTreeNode, n);
  tree->values = g_new0 (double, (gsize) n * tree->n_outputs);
  tree->cat_offset = g_new (gint32, n);
  for (guint i = 0; i < n; i++)
    {
      StrataTreeNode *node = &tree->nodes[i];
      JsonArray *v;

      for (guint k = 0; k < G_N_ELEMENTS (names); k++)
        {
          JsonNode *e = json_array_get_element (a[k], i);

          if (k == 3 ? !(is_number (e) || JSON_NODE_HOLDS_NULL (e))
                     : k == 4 ? !JSON_NODE_HOLDS_VALUE (e) : !is_number (e))
            return "a node field has the wrong type";
        }
      node->left = json_array_get_int_element (a[0], i);
      node->right = json_array_get_int_element (a[1], i);
      node->feature = json_array_get_int_element (a[2], i);
      node->missing_left = json_array_get_boolean_element (a[4], i);
      node->impurity = json_array_get_double_element (a[5], i);
      node->n_samples = json_array_get_int_element (a[6], i);
      node->weighted_n_samples = json_array_get_double_element (a[7], i);
      tree->cat_offset[i] = -1;
      node->threshold = NAN;
      if ((node->left < 0) != (node->right < 0))
        return "a node has one child";
      if (node->left >= 0)
        {
          JsonNode *cl = json_array_get_element (cats_left, i);

          if (node->left <= (gint) i || node->right <= (gint) i ||
              node->left >= (gint) n || node->right >= (gint) n)
            return "a child index is out of range";
          if (node->feature < 0 || node->feature >= (gint) tree->n_features)
            return "a feature index is out of range";
          node->categorical = tree->feature_categories[node->feature] != NULL;
          if (node->categorical)
            {
              guint m = tree->feature_n_categories[node->feature];
              guint base = words->len;

              if (!JSON_NODE_HOLDS_ARRAY (cl))
                return "a categorical split has no category list";
              g_array_set_size (words, base + (m + 63) / 64);
              for (guint j = 0; j < json_array_get_length (json_node_get_array (cl)); j++)
                {
                  JsonNode *e = json_array_get_element (json_node_get_array (cl), j);
                  gint64 c = is_number (e) ? json_node_get_int (e) : -1;

                  if (c < 0 || c >= m)
                    return "a category index is out of range";
                  g_array_index (words, guint64, base + c / 64) |= G_GUINT64_CONSTANT (1) << (c % 64);
                }
              tree->cat_offset[i] = base;
            }
          else
            {
              if (!is_number (json_array_get_element (a[3], i)))
                return "a numeric split has no threshold";
              node->threshold = json_array_get_double_element (a[3], i);
            }
        }
      else
        node->feature = -1;
      v = JSON_NODE_HOLDS_ARRAY (json_array_get_element (values, i))
            ? json_array_get_array_element (values, i) : NULL;
      if (v == NULL || json_array_get_length (v) != tree->n_outputs)
        return "a node value has the wrong length";
      for (guint k = 0; k < tree->n_outputs; k++)
        {
          if (!is_number (json_array_get_element (v, k)))
            return "a node value is not a number";
          tree->values[(gsize) i * tree->n_outputs + k] = json_array_get_double_element (v, k);
        }
    }
  /* every node but the root must have exactly one parent */
  {
    guint8 *seen = g_new0 (guint8, n);
    const char *problem = NULL;

    for (guint i = 0; i < n && problem == NULL; i++)
      if (tree->nodes[i].left >= 0)
        {
          if (seen[tree->nodes[i].left]++ || seen[tree->nodes[i].right]++ ||
              tree->nodes[i].left == tree->nodes[i].right)
            problem = "a node has two parents";
        }
    for (guint i = 1; i < n && problem == NULL; i++)
      if (!seen[i])
        problem = "a node is unreachable";
    g_free (seen);
    if (problem != NULL)
      return problem;
  }
  tree->n_cat_words = words->len;
  tree->cat_words = words->len ? g_memdup2 (words->data, words->len * sizeof (guint64)) : NULL;
  strata_tree_finish (tree);
  return NULL;
}

StrataTree *
strata_tree_load (const char  *path,
                  GError     **error)
{
  g_autoptr(JsonNode) model = NULL;
  g_autoptr(StrataTree) tree = NULL;
  g_autoptr(GArray) words = g_array_new (FALSE, TRUE, sizeof (guint64));
  const char *problem;

  g_return_val_if_fail (path != NULL, NULL);

  model = strata_model_file_load (path, "tree", error);
  if (model == NULL)
    return NULL;
  tree = strata_tree_alloc ();
  problem = JSON_NODE_HOLDS_OBJECT (model)
              ? tree_from_json (tree, json_node_get_object (model), words)
              : "the model is not a JSON object";
  if (problem != NULL)
    {
      g_set_error (error, STRATA_TREE_ERROR, STRATA_TREE_ERROR_FORMAT,
                   "%s: not a valid tree model (%s)", path, problem);
      return NULL;
    }
  return g_steal_pointer (&tree);
}
