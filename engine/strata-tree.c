/* strata-tree.c — the fitted tree: accessors, prediction and pruning
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * A fitted tree is immutable and shared by reference (atomic count), so the
 * worker that grew it can hand it to the window. Nodes live in flat arrays
 * numbered in preorder, as scikit-learn's tree_: one array of
 * StrataTreeNode, the node values [n_nodes × n_outputs] and, for categorical
 * splits, bitsets of the categories that go left. The tree keeps the names
 * of its features and the dictionaries of its categorical features, so that
 * prediction finds columns by name and matches categories by their text.
 *
 * Pruning follows scikit-learn's _cost_complexity_prune step for step
 * (same node order, same accumulation order), so the effective alphas agree
 * to the last bits: it repeatedly collapses the internal node with the
 * smallest (R(t) - R(T_t)) / (|leaves(T_t)| - 1) — the weakest link of
 * Breiman et al. (1984), ch. 3 — where R is the node's weighted impurity
 * over the root's weight.
 */

#include "strata-tree-private.h"

#include <math.h>
#include <string.h>

G_DEFINE_QUARK (strata-tree-error-quark, strata_tree_error)

static const char *const criterion_names[] = {
  "auto", "gini", "entropy", "squared_error",
};

const char *
strata_tree_criterion_to_string (StrataTreeCriterion criterion)
{
  g_return_val_if_fail ((guint) criterion < G_N_ELEMENTS (criterion_names), "auto");
  return criterion_names[criterion];
}

gboolean
strata_tree_criterion_from_string (const char          *s,
                                   StrataTreeCriterion *criterion)
{
  g_return_val_if_fail (criterion != NULL, FALSE);

  for (guint i = 0; s != NULL && i < G_N_ELEMENTS (criterion_names); i++)
    if (strcmp (s, criterion_names[i]) == 0)
      {
        *criterion = (StrataTreeCriterion) i;
        return TRUE;
      }
  return FALSE;
}

void
strata_tree_params_init (StrataTreeParams *params)
{
  g_return_if_fail (params != NULL);

  memset (params, 0, sizeof *params);
  params->criterion = STRATA_TREE_CRITERION_AUTO;
  params->min_samples_split = 2;
  params->min_samples_leaf = 1;
  params->max_features = STRATA_TREE_MAX_FEATURES_ALL;
}

StrataTree *
strata_tree_alloc (void)
{
  StrataTree *tree = g_new0 (StrataTree, 1);

  g_atomic_ref_count_init (&tree->ref_count);
  return tree;
}

StrataTree *
strata_tree_ref (StrataTree *tree)
{
  g_return_val_if_fail (tree != NULL, NULL);

  g_atomic_ref_count_inc (&tree->ref_count);
  return tree;
}

void
strata_tree_unref (StrataTree *tree)
{
  g_return_if_fail (tree != NULL);

  if (!g_atomic_ref_count_dec (&tree->ref_count))
    return;
  g_free (tree->target);
  g_strfreev (tree->classes);
  for (guint f = 0; tree->feature_categories != NULL && f < tree->n_features; f++)
    g_strfreev (tree->feature_categories[f]);
  g_free (tree->feature_categories);
  g_free (tree->feature_n_categories);
  g_strfreev (tree->feature_names);
  g_free (tree->nodes);
  g_free (tree->values);
  g_free (tree->cat_offset);
  g_free (tree->cat_words);
  g_free (tree->importances);
  g_free (tree);
}

/* --- Accessors ------------------------------------------------------------ */

gboolean
strata_tree_is_classifier (StrataTree *tree)
{
  g_return_val_if_fail (tree != NULL, FALSE);
  return tree->n_classes > 0;
}

StrataTreeCriterion
strata_tree_get_criterion (StrataTree *tree)
{
  g_return_val_if_fail (tree != NULL, STRATA_TREE_CRITERION_AUTO);
  return tree->criterion;
}

const char *
strata_tree_get_target (StrataTree *tree)
{
  g_return_val_if_fail (tree != NULL, NULL);
  return tree->target;
}

guint
strata_tree_get_n_classes (StrataTree *tree)
{
  g_return_val_if_fail (tree != NULL, 0);
  return tree->n_classes;
}

const char *
strata_tree_get_class (StrataTree *tree,
                       guint       index)
{
  g_return_val_if_fail (tree != NULL && index < tree->n_classes, NULL);
  return tree->classes[index];
}

guint
strata_tree_get_n_features (StrataTree *tree)
{
  g_return_val_if_fail (tree != NULL, 0);
  return tree->n_features;
}

const char *
strata_tree_get_feature_name (StrataTree *tree,
                              guint       index)
{
  g_return_val_if_fail (tree != NULL && index < tree->n_features, NULL);
  return tree->feature_names[index];
}

guint
strata_tree_get_depth (StrataTree *tree)
{
  g_return_val_if_fail (tree != NULL, 0);
  return tree->depth;
}

guint
strata_tree_get_n_leaves (StrataTree *tree)
{
  g_return_val_if_fail (tree != NULL, 0);
  return tree->n_leaves;
}

guint
strata_tree_get_n_nodes (StrataTree *tree)
{
  g_return_val_if_fail (tree != NULL, 0);
  return tree->n_nodes;
}

const double *
strata_tree_get_feature_importances (StrataTree *tree)
{
  g_return_val_if_fail (tree != NULL, NULL);
  return tree->importances;
}

void
strata_tree_get_node (StrataTree     *tree,
                      guint           index,
                      StrataTreeNode *node)
{
  g_return_if_fail (tree != NULL && index < tree->n_nodes && node != NULL);
  *node = tree->nodes[index];
}

gboolean
strata_tree_node_category_left (StrataTree *tree,
                                guint       index,
                                guint       category)
{
  const StrataTreeNode *node;

  g_return_val_if_fail (tree != NULL && index < tree->n_nodes, FALSE);
  node = &tree->nodes[index];
  g_return_val_if_fail (node->categorical, FALSE);
  g_return_val_if_fail (category < tree->feature_n_categories[node->feature], FALSE);
  return (tree->cat_words[tree->cat_offset[index] + category / 64] >> (category % 64)) & 1;
}

const char *const *
strata_tree_get_feature_categories (StrataTree *tree,
                                    guint       feature)
{
  g_return_val_if_fail (tree != NULL && feature < tree->n_features, NULL);
  return (const char *const *) tree->feature_categories[feature];
}

const double *
strata_tree_get_node_value (StrataTree *tree,
                            guint       index)
{
  g_return_val_if_fail (tree != NULL && index < tree->n_nodes, NULL);
  return tree->values + (gsize) index * tree->n_outputs;
}

void
strata_tree_finish (StrataTree *tree)
{
  guint *depth = g_new0 (guint, MAX (tree->n_nodes, 1));
  double sum = 0.0;

  tree->depth = 0;
  tree->n_leaves = 0;
  g_free (tree->importances);
  tree->importances = g_new0 (double, MAX (tree->n_features, 1));
  /* preorder: a parent comes before its children */
  for (guint i = 0; i < tree->n_nodes; i++)
    {
      const StrataTreeNode *node = &tree->nodes[i];

      tree->depth = MAX (tree->depth, depth[i]);
      if (node->left < 0)
        {
          tree->n_leaves++;
          continue;
        }
      depth[node->left] = depth[node->right] = depth[i] + 1;
      tree->importances[node->feature] +=
        node->weighted_n_samples * node->impurity -
        tree->nodes[node->left].weighted_n_samples * tree->nodes[node->left].impurity -
        tree->nodes[node->right].weighted_n_samples * tree->nodes[node->right].impurity;
    }
  for (guint f = 0; f < tree->n_features && tree->n_nodes > 0; f++)
    {
      tree->importances[f] /= tree->nodes[0].weighted_n_samples;
      sum += tree->importances[f];
    }
  if (sum > 0.0)
    for (guint f = 0; f < tree->n_features; f++)
      tree->importances[f] /= sum;
  g_free (depth);
}

/* --- Pruning -------------------------------------------------------------- */

void
strata_tree_ccp_prune (StrataTree *tree,
                       double      ccp_alpha,
                       guint8     *leaves_in_subtree,
                       GArray     *alphas,
                       GArray     *impurities,
                       GArray     *n_leaves_path)
{
  guint n = tree->n_nodes;
  const StrataTreeNode *nodes = tree->nodes;
  double total = nodes[0].weighted_n_samples;
  double *r_node = g_new (double, n), *r_branch = g_new0 (double, n);
  gint *parent = g_new (gint, n);
  gsize *n_leaves = g_new0 (gsize, n);
  guint8 *candidate = g_new0 (guint8, n), *in_subtree = g_new (guint8, n);
  GArray *stack = g_array_new (FALSE, FALSE, sizeof (gint));

  for (guint i = 0; i < n; i++)
    {
      r_node[i] = nodes[i].weighted_n_samples * nodes[i].impurity / total;
      in_subtree[i] = 1;
      leaves_in_subtree[i] = 0;
      parent[i] = -1;
    }
  for (guint i = 0; i < n; i++)
    if (nodes[i].left >= 0)
      parent[nodes[i].left] = parent[nodes[i].right] = (gint) i;
    else
      leaves_in_subtree[i] = 1;

  /* leaves, in index order, bubble their R up to every ancestor */
  for (guint leaf = 0; leaf < n; leaf++)
    {
      double r;

      if (!leaves_in_subtree[leaf])
        continue;
      r = r_branch[leaf] = r_node[leaf];
      for (gint i = leaf; i != 0; i = parent[i])
        {
          r_branch[parent[i]] += r;
          n_leaves[parent[i]]++;
        }
    }
  for (guint i = 0; i < n; i++)
    candidate[i] = !leaves_in_subtree[i];

#define SAVE(alpha) G_STMT_START {                                           \
    double a_ = (alpha), imp_ = r_branch[0];                                 \
    guint l_ = candidate[0] ? (guint) n_leaves[0] : 1;                       \
    if (alphas != NULL) {                                                    \
      g_array_append_val (alphas, a_);                                       \
      g_array_append_val (impurities, imp_);                                 \
      g_array_append_val (n_leaves_path, l_);                                \
    }                                                                        \
  } G_STMT_END

  SAVE (0.0);
  while (candidate[0])
    {
      double effective = G_MAXDOUBLE, r_diff;
      guint pruned = 0;
      gsize n_pruned;

      for (guint i = 0; i < n; i++)
        {
          double a;

          if (!candidate[i])
            continue;
          a = (r_node[i] - r_branch[i]) / (double) (n_leaves[i] - 1);
          if (a < effective)
            {
              effective = a;
              pruned = i;
            }
        }
      if (alphas == NULL && ccp_alpha < effective)
        break;

      /* the branch's descendants leave the subtree */
      g_array_set_size (stack, 0);
      g_array_append_val (stack, pruned);
      while (stack->len > 0)
        {
          gint i = g_array_index (stack, gint, stack->len - 1);

          g_array_set_size (stack, stack->len - 1);
          if (!in_subtree[i])
            continue;
          candidate[i] = leaves_in_subtree[i] = in_subtree[i] = 0;
          if (nodes[i].left >= 0)
            {
              g_array_append_val (stack, nodes[i].left);
              g_array_append_val (stack, nodes[i].right);
            }
        }
      leaves_in_subtree[pruned] = in_subtree[pruned] = 1;

      n_pruned = n_leaves[pruned] - 1;
      n_leaves[pruned] = 0;
      r_diff = r_node[pruned] - r_branch[pruned];
      r_branch[pruned] = r_node[pruned];
      for (gint i = parent[pruned]; i >= 0; i = parent[i])
        {
          n_leaves[i] -= n_pruned;
          r_branch[i] += r_diff;
        }
      SAVE (effective);
    }
#undef SAVE

  g_array_unref (stack);
  g_free (r_node);
  g_free (r_branch);
  g_free (parent);
  g_free (n_leaves);
  g_free (candidate);
  g_free (in_subtree);
}

StrataTree *
strata_tree_prune_to (StrataTree   *tree,
                      const guint8 *leaves_in_subtree)
{
  StrataTree *out = strata_tree_alloc ();
  GArray *stack = g_array_new (FALSE, FALSE, sizeof (gint));
  GArray *map = g_array_new (FALSE, FALSE, sizeof (gint));   /* new → old */
  gint *new_id = g_new (gint, tree->n_nodes);
  GArray *words = g_array_new (FALSE, FALSE, sizeof (guint64));
  gint root = 0;

  out->criterion = tree->criterion;
  out->target = g_strdup (tree->target);
  out->n_classes = tree->n_classes;
  out->classes = g_strdupv (tree->classes);
  out->n_outputs = tree->n_outputs;
  out->n_features = tree->n_features;
  out->feature_names = g_strdupv (tree->feature_names);
  out->feature_categories = g_new0 (char **, tree->n_features);
  out->feature_n_categories = g_memdup2 (tree->feature_n_categories,
                                         tree->n_features * sizeof (guint));
  for (guint f = 0; f < tree->n_features; f++)
    out->feature_categories[f] = g_strdupv (tree->feature_categories[f]);

  g_array_append_val (stack, root);
  while (stack->len > 0)
    {
      gint i = g_array_index (stack, gint, stack->len - 1);

      g_array_set_size (stack, stack->len - 1);
      new_id[i] = map->len;
      g_array_append_val (map, i);
      if (!leaves_in_subtree[i] && tree->nodes[i].left >= 0)
        {
          g_array_append_val (stack, tree->nodes[i].right);
          g_array_append_val (stack, tree->nodes[i].left);
        }
    }
  out->n_nodes = map->len;
  out->nodes = g_new (StrataTreeNode, map->len);
  out->values = g_new (double, (gsize) map->len * tree->n_outputs);
  out->cat_offset = g_new (gint32, map->len);
  for (guint j = 0; j < map->len; j++)
    {
      gint i = g_array_index (map, gint, j);
      StrataTreeNode *node = &out->nodes[j];

      *node = tree->nodes[i];
      memcpy (out->values + (gsize) j * tree->n_outputs,
              tree->values + (gsize) i * tree->n_outputs, tree->n_outputs * sizeof (double));
      out->cat_offset[j] = -1;
      if (leaves_in_subtree[i] || node->left < 0)
        {
          node->left = node->right = node->feature = -1;
          node->categorical = FALSE;
          node->threshold = NAN;
          continue;
        }
      node->left = new_id[node->left];
      node->right = new_id[node->right];
      if (node->categorical)
        {
          out->cat_offset[j] = words->len;
          g_array_append_vals (words, tree->cat_words + tree->cat_offset[i],
                               (tree->feature_n_categories[node->feature] + 63) / 64);
        }
    }
  out->n_cat_words = words->len;
  out->cat_words = (guint64 *) g_array_free (words, FALSE);
  g_array_unref (stack);
  g_array_unref (map);
  g_free (new_id);
  strata_tree_finish (out);
  return out;
}

/* --- Prediction ----------------------------------------------------------- */

/* How one model feature reads one table column. */
typedef struct {
  StrataColumn  *column;
  const double  *values;      /* numeric */
  const guint64 *mask;
  const gint32  *codes;       /* categorical column */
  gint32        *remap;       /* table code → model code (-1 unseen) */
} FeatureReader;

static void
readers_free (FeatureReader *readers,
              guint          n)
{
  for (guint f = 0; readers != NULL && f < n; f++)
    g_free (readers[f].remap);
  g_free (readers);
}

static FeatureReader *
readers_new (StrataTree  *tree,
             StrataTable *table,
             GError     **error)
{
  FeatureReader *readers = g_new0 (FeatureReader, MAX (tree->n_features, 1));

  for (guint f = 0; f < tree->n_features; f++)
    {
      const char *name = tree->feature_names[f];
      int c = strata_table_find_column (table, name);
      StrataColumn *col;
      StrataColumnKind kind;
      gboolean want_numeric = tree->feature_categories[f] == NULL;

      if (c < 0)
        {
          g_set_error (error, STRATA_TREE_ERROR, STRATA_TREE_ERROR_DATA,
                       "the table has no column “%s”, a feature of the tree", name);
          readers_free (readers, tree->n_features);
          return NULL;
        }
      col = strata_table_get_column (table, c);
      kind = strata_column_get_kind (col);
      if (want_numeric ? kind != STRATA_COLUMN_NUMERIC : kind != STRATA_COLUMN_CATEGORICAL)
        {
          g_set_error (error, STRATA_TREE_ERROR, STRATA_TREE_ERROR_DATA,
                       "column “%s” is %s, but the tree was trained on a %s column",
                       name, strata_column_kind_to_string (kind),
                       want_numeric ? "numeric" : "categorical");
          readers_free (readers, tree->n_features);
          return NULL;
        }
      readers[f].column = col;
      readers[f].mask = strata_column_get_missing_mask (col);
      if (want_numeric)
        readers[f].values = strata_column_get_numeric (col);
      else
        {
          GHashTable *index = g_hash_table_new (g_str_hash, g_str_equal);
          guint n_cat = strata_column_get_n_categories (col);

          for (guint k = 0; tree->feature_categories[f][k] != NULL; k++)
            g_hash_table_insert (index, tree->feature_categories[f][k], GUINT_TO_POINTER (k + 1));
          readers[f].codes = strata_column_get_codes (col);
          readers[f].remap = g_new (gint32, MAX (n_cat, 1));
          for (guint k = 0; k < n_cat; k++)
            readers[f].remap[k] =
              (gint32) GPOINTER_TO_UINT (g_hash_table_lookup (index, strata_column_get_category (col, k))) - 1;
          g_hash_table_unref (index);
        }
    }
  return readers;
}

static gint32
leaf_of (StrataTree          *tree,
         const FeatureReader *readers,
         gsize                row)
{
  gint32 i = 0;

  while (tree->nodes[i].left >= 0)
    {
      const StrataTreeNode *node = &tree->nodes[i];
      const FeatureReader *r = &readers[node->feature];
      gboolean left;

      if (r->mask != NULL && ((r->mask[row / 64] >> (row % 64)) & 1))
        left = node->missing_left;
      else if (node->categorical)
        {
          gint32 code = r->codes[row] < 0 ? -1 : r->remap[r->codes[row]];

          left = code < 0 ? node->missing_left
                          : (tree->cat_words[tree->cat_offset[i] + code / 64] >> (code % 64)) & 1;
        }
      else if (isnan (r->values[row]))
        left = node->missing_left;
      else
        left = r->values[row] <= node->threshold;
      i = left ? node->left : node->right;
    }
  return i;
}

gint32 *
strata_tree_apply (StrataTree  *tree,
                   StrataTable *table,
                   GError     **error)
{
  FeatureReader *readers;
  gsize n;
  gint32 *out;

  g_return_val_if_fail (tree != NULL && table != NULL, NULL);

  readers = readers_new (tree, table, error);
  if (readers == NULL)
    return NULL;
  n = strata_table_get_n_rows (table);
  out = g_new (gint32, MAX (n, 1));
  for (gsize row = 0; row < n; row++)
    out[row] = leaf_of (tree, readers, row);
  readers_free (readers, tree->n_features);
  return out;
}

static guint
argmax (const double *v,
        guint         n)
{
  guint best = 0;

  for (guint k = 1; k < n; k++)
    if (v[k] > v[best])
      best = k;
  return best;
}

gint32 *
strata_tree_predict_class (StrataTree  *tree,
                           StrataTable *table,
                           GError     **error)
{
  gint32 *leaves;
  gsize n;

  g_return_val_if_fail (tree != NULL && tree->n_classes > 0, NULL);

  leaves = strata_tree_apply (tree, table, error);
  if (leaves == NULL)
    return NULL;
  n = strata_table_get_n_rows (table);
  for (gsize row = 0; row < n; row++)
    leaves[row] = argmax (tree->values + (gsize) leaves[row] * tree->n_outputs, tree->n_classes);
  return leaves;
}

double *
strata_tree_predict_proba (StrataTree  *tree,
                           StrataTable *table,
                           GError     **error)
{
  g_autofree gint32 *leaves = NULL;
  guint k_max;
  gsize n;
  double *out;

  g_return_val_if_fail (tree != NULL && tree->n_classes > 0, NULL);

  leaves = strata_tree_apply (tree, table, error);
  if (leaves == NULL)
    return NULL;
  k_max = tree->n_classes;
  n = strata_table_get_n_rows (table);
  out = g_new (double, MAX (n * k_max, 1));
  for (gsize row = 0; row < n; row++)
    {
      const double *v = tree->values + (gsize) leaves[row] * k_max;
      double sum = 0.0;

      for (guint k = 0; k < k_max; k++)
        sum += v[k];
      for (guint k = 0; k < k_max; k++)
        out[row * k_max + k] = sum > 0.0 ? v[k] / sum : 1.0 / k_max;
    }
  return out;
}

double *
strata_tree_predict_value (StrataTree  *tree,
                           StrataTable *table,
                           GError     **error)
{
  g_autofree gint32 *leaves = NULL;
  gsize n;
  double *out;

  g_return_val_if_fail (tree != NULL, NULL);

  leaves = strata_tree_apply (tree, table, error);
  if (leaves == NULL)
    return NULL;
  n = strata_table_get_n_rows (table);
  out = g_new (double, MAX (n, 1));
  for (gsize row = 0; row < n; row++)
    {
      const double *v = tree->values + (gsize) leaves[row] * tree->n_outputs;

      out[row] = tree->n_classes > 0 ? (double) argmax (v, tree->n_classes) : v[0];
    }
  return out;
}
