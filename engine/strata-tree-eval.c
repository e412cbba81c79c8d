/* strata-tree-eval.c — measuring a tree: metrics on a table, k-fold CV
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * Glue between the tree and strata-metrics: the table's target is encoded
 * with the tree's own classes (matched by text, as prediction matches
 * categories), rows with a missing target are left out, and the metrics
 * module does the arithmetic. Cross-validation stratifies on the target's
 * text, so folds are balanced before any tree exists.
 */

#include "strata-tree-private.h"

#include <math.h>
#include <string.h>

gboolean
strata_tree_evaluate (StrataTree                   *tree,
                      StrataTable                  *table,
                      StrataMetricValues           *values,
                      StrataClassificationMetrics **details,
                      GError                      **error)
{
  gsize n_rows, n = 0;
  g_autofree gsize *rows = NULL;
  g_autoptr(StrataTable) kept = NULL;
  StrataColumn *target;

  g_return_val_if_fail (tree != NULL && table != NULL && values != NULL, FALSE);

  if (details != NULL)
    *details = NULL;
  memset (values, 0, sizeof *values);
  target = strata_table_lookup_column (table, tree->target, NULL);
  if (target == NULL)
    {
      g_set_error (error, STRATA_TREE_ERROR, STRATA_TREE_ERROR_DATA,
                   "the table has no target column “%s”", tree->target);
      return FALSE;
    }
  if (tree->n_classes == 0 && strata_column_get_kind (target) != STRATA_COLUMN_NUMERIC)
    {
      g_set_error (error, STRATA_TREE_ERROR, STRATA_TREE_ERROR_DATA,
                   "target column “%s” is not numeric", tree->target);
      return FALSE;
    }
  n_rows = strata_table_get_n_rows (table);
  rows = g_new (gsize, MAX (n_rows, 1));
  for (gsize r = 0; r < n_rows; r++)
    if (!strata_column_is_missing (target, r))
      rows[n++] = r;
  kept = n == n_rows ? strata_table_ref (table) : strata_table_select_rows (table, rows, n);
  target = strata_table_lookup_column (kept, tree->target, NULL);

  if (tree->n_classes > 0)
    {
      g_autofree gint32 *y_true = NULL, *y_pred = NULL;
      g_autofree double *proba = NULL;
      StrataClassificationMetrics *m;

      if ((y_true = strata_tree_encode_target (tree, kept, error)) == NULL ||
          (y_pred = strata_tree_predict_class (tree, kept, error)) == NULL ||
          (proba = strata_tree_predict_proba (tree, kept, error)) == NULL)
        return FALSE;
      m = strata_metrics_classification (y_true, y_pred, proba, n, tree->n_classes, error);
      if (m == NULL)
        return FALSE;
      strata_metric_values_from_classification (values, m);
      if (details != NULL)
        *details = m;
      else
        strata_classification_metrics_free (m);
    }
  else
    {
      g_autofree double *y_pred = strata_tree_predict_value (tree, kept, error);
      StrataRegressionMetrics m;

      if (y_pred == NULL ||
          !strata_metrics_regression (strata_column_get_numeric (target), y_pred, n, &m, error))
        return FALSE;
      strata_metric_values_from_regression (values, &m);
    }
  return TRUE;
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
