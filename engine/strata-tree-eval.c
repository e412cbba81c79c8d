/* strata-tree-eval.c — measuring a tree: metrics on a table, k-fold CV
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * The tree as a fitted model (strata-model.h): evaluation is
 * strata_model_evaluate, the same code path as for a network, which encodes
 * the table's target with the tree's own classes (matched by text, as
 * prediction matches categories) and leaves out rows with a missing target.
 * Cross-validation stratifies on the target's text, so folds are balanced
 * before any tree exists.
 */

#include "strata-tree-private.h"

#include <math.h>
#include <string.h>

/* --- the tree as a fitted model (strata-model.h) ---------------------------- */

static const char *
model_get_target (gpointer model)
{
  return ((StrataTree *) model)->target;
}

static guint
model_get_n_classes (gpointer model)
{
  return ((StrataTree *) model)->n_classes;
}

static const char *
model_get_class (gpointer model,
                 guint    index)
{
  return ((StrataTree *) model)->classes[index];
}

/* Reads only the immutable tree: safe from several threads at once. */
static gboolean
model_predict (gpointer          model,
               StrataTable      *table,
               GCancellable     *cancellable,
               StrataPrediction *out,
               GError          **error)
{
  StrataTree *tree = model;

  out->n_rows = strata_table_get_n_rows (table);
  out->n_classes = tree->n_classes;
  if (tree->n_classes == 0)
    return (out->values = strata_tree_predict_value (tree, table, error)) != NULL;
  return (out->labels = strata_tree_predict_class (tree, table, error)) != NULL &&
         (out->proba = strata_tree_predict_proba (tree, table, error)) != NULL;
}

const StrataModelClass strata_tree_model_class = {
  .name = "tree",
  .get_target = model_get_target,
  .get_n_classes = model_get_n_classes,
  .get_class = model_get_class,
  .predict = model_predict,
};

gboolean
strata_tree_evaluate (StrataTree                   *tree,
                      StrataTable                  *table,
                      StrataMetricValues           *values,
                      StrataClassificationMetrics **details,
                      GError                      **error)
{
  StrataModel model = { &strata_tree_model_class, tree };

  g_return_val_if_fail (tree != NULL && table != NULL && values != NULL, FALSE);
  return strata_model_evaluate (&model, table, NULL, values, details, error);
}

typedef struct {
  const char             *target;
  const StrataTreeParams *params;
  GCancellable           *cancellable;
} FoldData;

static gboolean
fit_and_score (StrataTable        *train,
               StrataTable        *test,
               guint               fold,
               StrataMetricValues *out,
               gpointer            user_data,
               GError            **error)
{
  FoldData *d = user_data;
  g_autoptr(StrataTree) tree = NULL;
  g_autoptr(GError) local = NULL;

  tree = strata_tree_fit (train, d->target, d->params, NULL, NULL, d->cancellable, error);
  if (tree == NULL)
    return FALSE;
  if (!strata_tree_evaluate (tree, test, out, NULL, &local))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local), "fold %u: ", fold + 1);
      return FALSE;
    }
  return TRUE;
}

StrataCrossValidation *
strata_tree_cross_validate (StrataTable            *table,
                            const char             *target,
                            const StrataTreeParams *params,
                            guint                   k,
                            guint64                 seed,
                            GCancellable           *cancellable,
                            GError                **error)
{
  FoldData d = { target, params, cancellable };
  g_autofree gint32 *labels = NULL;
  StrataColumn *col;
  gboolean classify;

  g_return_val_if_fail (table != NULL && target != NULL, NULL);

  col = strata_table_lookup_column (table, target, NULL);
  if (col == NULL)
    {
      g_set_error (error, STRATA_TREE_ERROR, STRATA_TREE_ERROR_DATA,
                   "target column “%s” does not exist", target);
      return NULL;
    }
  classify = params != NULL && params->criterion != STRATA_TREE_CRITERION_AUTO
               ? params->criterion != STRATA_TREE_CRITERION_SQUARED_ERROR
               : strata_column_get_kind (col) != STRATA_COLUMN_NUMERIC;
  if (classify)
    {
      /* stratify on the target's text; missing targets form a stratum */
      GHashTable *index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      gsize n = strata_table_get_n_rows (table);

      labels = g_new (gint32, MAX (n, 1));
      for (gsize r = 0; r < n; r++)
        {
          char *text = strata_column_format_value (col, r);
          gpointer found;

          if (text == NULL)
            {
              labels[r] = -1;
              continue;
            }
          if (!g_hash_table_lookup_extended (index, text, NULL, &found))
            {
              found = GUINT_TO_POINTER (g_hash_table_size (index));
              g_hash_table_insert (index, text, found);
            }
          else
            g_free (text);
          labels[r] = GPOINTER_TO_INT (found);
        }
      g_hash_table_unref (index);
    }
  return strata_cross_validate (table, labels, k, seed, fit_and_score, &d, cancellable, error);
}
