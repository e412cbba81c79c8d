/* strata-model.c — predictions and metrics for any fitted model
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * The one place where a model's output becomes a prediction table or a set
 * of metrics, whatever the model is: a tree and a network differ only in
 * their StrataModelClass (target, classes, predict). The target is matched
 * to the classes by text, the way a tree matches categories, so a numeric
 * label column (MNIST's 0–9) and a categorical one ("setosa") both work and
 * a test table's dictionary may differ from the training one. The
 * arithmetic belongs to strata-metrics.c.
 *
 * A regression can be measured against a baseline forecast held in a
 * column of the same table (a forecaster's usual yardstick: the seasonal
 * naive forecast), and in the series' units when clean.window normalised
 * each window: target, prediction and baseline are all mapped back by the
 * same strata_window_denormalize() before the same metrics code runs on
 * each, so the two figures can be compared directly.
 */

#include "strata-model.h"

#include <string.h>

G_DEFINE_QUARK (strata-model-error-quark, strata_model_error)

void
strata_prediction_clear (StrataPrediction *prediction)
{
  g_return_if_fail (prediction != NULL);

  g_free (prediction->labels);
  g_free (prediction->proba);
  g_free (prediction->values);
  memset (prediction, 0, sizeof *prediction);
}

gboolean
strata_model_from_data (StrataData  *data,
                        StrataModel *model)
{
  const StrataDataType *type;

  g_return_val_if_fail (data != NULL && model != NULL, FALSE);

  type = strata_data_get_type (data);
  if (type == NULL || type->model == NULL)
    return FALSE;
  model->klass = type->model;
  model->instance = strata_data_get_payload (data, type->kind);
  return model->instance != NULL;
}

const char *
strata_model_get_target (const StrataModel *model)
{
  g_return_val_if_fail (model != NULL && model->klass != NULL, NULL);
  return model->klass->get_target (model->instance);
}

guint
strata_model_get_n_classes (const StrataModel *model)
{
  g_return_val_if_fail (model != NULL && model->klass != NULL, 0);
  return model->klass->get_n_classes (model->instance);
}

const char *
strata_model_get_class (const StrataModel *model,
                        guint              index)
{
  g_return_val_if_fail (model != NULL && model->klass != NULL, NULL);
  g_return_val_if_fail (index < strata_model_get_n_classes (model), NULL);
  return model->klass->get_class (model->instance, index);
}

gboolean
strata_model_predict (const StrataModel *model,
                      StrataTable       *table,
                      GCancellable      *cancellable,
                      StrataPrediction  *out,
                      GError           **error)
{
  guint k;

  g_return_val_if_fail (model != NULL && model->klass != NULL && table != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (!model->klass->predict (model->instance, table, cancellable, out, error))
    {
      strata_prediction_clear (out);
      return FALSE;
    }
  k = strata_model_get_n_classes (model);
  g_assert (out->n_rows == strata_table_get_n_rows (table));
  g_assert (out->n_classes == k);
  g_assert (k > 0 ? out->labels != NULL : out->values != NULL);
  return TRUE;
}

StrataTable *
strata_model_predict_table (const StrataModel *model,
                            StrataTable       *table,
                            GCancellable      *cancellable,
                            GError           **error)
{
  g_autoptr(GPtrArray) cols = g_ptr_array_new_with_free_func ((GDestroyNotify) strata_column_unref);
  StrataPrediction p;
  gsize n;

  if (!strata_model_predict (model, table, cancellable, &p, error))
    return NULL;
  n = p.n_rows;
  for (guint c = 0; c < strata_table_get_n_columns (table); c++)
    {
      StrataColumn *col = strata_table_get_column (table, c);

      /* a previous prediction is replaced, not duplicated */
      if (strcmp (strata_column_get_name (col), "prediction") != 0 &&
          !g_str_has_prefix (strata_column_get_name (col), "proba_"))
        g_ptr_array_add (cols, strata_column_ref (col));
    }
  if (p.n_classes > 0)
    {
      char **names = g_new0 (char *, p.n_classes + 1);

      for (guint j = 0; j < p.n_classes; j++)
        names[j] = g_strdup (strata_model_get_class (model, j));
      g_ptr_array_add (cols, strata_column_new_categorical ("prediction",
                                                            g_steal_pointer (&p.labels), n, names));
      for (guint j = 0; p.proba != NULL && j < p.n_classes; j++)
        {
          g_autofree char *name = g_strdup_printf ("proba_%s", strata_model_get_class (model, j));
          double *v = g_new (double, MAX (n, 1));

          for (gsize i = 0; i < n; i++)
            v[i] = p.proba[i * p.n_classes + j];
          g_ptr_array_add (cols, strata_column_new_numeric (name, v, n));
        }
    }
  else
    g_ptr_array_add (cols, strata_column_new_numeric ("prediction", g_steal_pointer (&p.values), n));
  strata_prediction_clear (&p);
  return strata_table_new ((StrataColumn **) cols->pdata, cols->len, error);
}

/* Class index of each row's target value (-1 where missing), matched by
 * text; a value that is not one of the model's classes is an error naming
 * the row. */
static gint32 *
encode_target (const StrataModel *model,
               StrataColumn      *col,
               GError           **error)
{
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  guint k = strata_model_get_n_classes (model);
  gsize n = strata_column_get_n_rows (col);
  g_autofree gint32 *out = g_new (gint32, MAX (n, 1));

  for (guint j = 0; j < k; j++)
    g_hash_table_insert (index, (gpointer) strata_model_get_class (model, j), GUINT_TO_POINTER (j + 1));
  for (gsize row = 0; row < n; row++)
    {
      g_autofree char *text = strata_column_format_value (col, row);
      guint j;

      if (text == NULL)
        {
          out[row] = -1;
          continue;
        }
      j = GPOINTER_TO_UINT (g_hash_table_lookup (index, text));
      if (j == 0)
        {
          g_set_error (error, STRATA_MODEL_ERROR, STRATA_MODEL_ERROR_TARGET,
                       "column “%s”, row %" G_GSIZE_FORMAT ": class “%s” was not seen in training",
                       strata_column_get_name (col), row + 1, text);
          return NULL;
        }
      out[row] = (gint32) j - 1;
    }
  return g_steal_pointer (&out);
}

/* A numeric column @name of @table that has a value on every row where
 * @target has one; NULL + STRATA_MODEL_ERROR_INPUT naming the column and
 * row otherwise. @what says what it is for, in the message. */
static StrataColumn *
comparison_column (StrataTable  *table,
                   StrataColumn *target,
                   const char   *name,
                   const char   *what,
                   GError      **error)
{
  StrataColumn *c = strata_table_lookup_column (table, name, NULL);
  gsize n = strata_table_get_n_rows (table);

  if (c == NULL || strata_column_get_kind (c) != STRATA_COLUMN_NUMERIC)
    {
      g_set_error (error, STRATA_MODEL_ERROR, STRATA_MODEL_ERROR_INPUT,
                   c == NULL ? "no column “%s” (%s)" : "column “%s” (%s) is not numeric",
                   name, what);
      return NULL;
    }
  for (gsize r = 0; r < n; r++)
    if (!strata_column_is_missing (target, r) && strata_column_is_missing (c, r))
      {
        g_set_error (error, STRATA_MODEL_ERROR, STRATA_MODEL_ERROR_INPUT,
                     "column “%s” (%s), row %" G_GSIZE_FORMAT ": missing where the target is not",
                     name, what, r + 1);
        return NULL;
      }
  return c;
}

/* Regression metrics of @p against @target, both over the rows of @kept,
 * with @options' denormalisation and baseline. @p's values are
 * denormalised in place. */
static gboolean
evaluate_regression (StrataTable                 *kept,
                     StrataColumn                *target,
                     StrataPrediction            *p,
                     const StrataEvaluateOptions *options,
                     StrataMetricValues          *values,
                     GError                     **error)
{
  gsize n = strata_table_get_n_rows (kept);
  g_autofree double *y = g_memdup2 (strata_column_get_numeric (target), MAX (n, 1) * sizeof (double));
  g_autofree double *base = NULL;
  const double *last = NULL;
  StrataRegressionMetrics m, b;

  if (options->baseline != NULL)
    base = g_memdup2 (strata_column_get_numeric (strata_table_lookup_column (kept, options->baseline, NULL)),
                      MAX (n, 1) * sizeof (double));
  if (options->denormalize != STRATA_WINDOW_NORMALIZE_NONE)
    {
      last = strata_column_get_numeric (strata_table_lookup_column (kept, "last", NULL));
      strata_window_denormalize (options->denormalize, last, y, n);
      strata_window_denormalize (options->denormalize, last, p->values, n);
      if (base != NULL)
        strata_window_denormalize (options->denormalize, last, base, n);
    }
  if (!strata_metrics_regression (y, p->values, n, &m, error))
    return FALSE;
  strata_metric_values_from_regression (values, &m);
  if (base == NULL)
    return TRUE;
  if (!strata_metrics_regression (y, base, n, &b, error))
    {
      g_prefix_error (error, "baseline “%s”: ", options->baseline);
      return FALSE;
    }
  strata_metric_values_add (values, "baseline_mae", b.mae);
  strata_metric_values_add (values, "baseline_rmse", b.rmse);
  strata_metric_values_add (values, "relative_rmse", m.rmse / b.rmse);
  return TRUE;
}

gboolean
strata_model_evaluate (const StrataModel            *model,
                       StrataTable                  *table,
                       GCancellable                 *cancellable,
                       StrataMetricValues           *values,
                       StrataClassificationMetrics **details,
                       GError                      **error)
{
  return strata_model_evaluate_with (model, table, NULL, cancellable, values, details, error);
}

gboolean
strata_model_evaluate_with (const StrataModel            *model,
                            StrataTable                  *table,
                            const StrataEvaluateOptions  *options,
                            GCancellable                 *cancellable,
                            StrataMetricValues           *values,
                            StrataClassificationMetrics **details,
                            GError                      **error)
{
  static const StrataEvaluateOptions plain = { NULL, STRATA_WINDOW_NORMALIZE_NONE };
  const char *target_name;
  g_autofree gsize *rows = NULL;
  g_autofree gint32 *y_true = NULL;
  g_autoptr(StrataTable) kept = NULL;
  StrataPrediction p = { 0 };
  StrataColumn *target;
  gsize n_rows, n = 0;
  guint k;
  gboolean ok;

  g_return_val_if_fail (model != NULL && model->klass != NULL && table != NULL, FALSE);
  g_return_val_if_fail (values != NULL, FALSE);

  if (options == NULL)
    options = &plain;
  if (details != NULL)
    *details = NULL;
  memset (values, 0, sizeof *values);
  target_name = strata_model_get_target (model);
  k = strata_model_get_n_classes (model);
  target = strata_table_lookup_column (table, target_name, NULL);
  if (target == NULL)
    {
      g_set_error (error, STRATA_MODEL_ERROR, STRATA_MODEL_ERROR_TARGET,
                   "the table has no target column “%s”", target_name);
      return FALSE;
    }
  if (k > 0 && (options->baseline != NULL || options->denormalize != STRATA_WINDOW_NORMALIZE_NONE))
    {
      g_set_error (error, STRATA_MODEL_ERROR, STRATA_MODEL_ERROR_TARGET,
                   "the %s predicts the classes of “%s”; a baseline and denormalisation "
                   "are for regression", model->klass->name, target_name);
      return FALSE;
    }
  if (k == 0 && strata_column_get_kind (target) != STRATA_COLUMN_NUMERIC)
    {
      g_set_error (error, STRATA_MODEL_ERROR, STRATA_MODEL_ERROR_TARGET,
                   "target column “%s” is %s; a regression %s needs numbers", target_name,
                   strata_column_kind_to_string (strata_column_get_kind (target)),
                   model->klass->name);
      return FALSE;
    }
  if (options->baseline != NULL &&
      comparison_column (table, target, options->baseline, "the baseline", error) == NULL)
    return FALSE;
  if (options->denormalize != STRATA_WINDOW_NORMALIZE_NONE &&
      comparison_column (table, target, "last", "the window's last value, to denormalise", error) == NULL)
    return FALSE;

  /* Classes are encoded on the whole table, so that an error names the
   * row as the person sees it; then rows without a target are left out. */
  n_rows = strata_table_get_n_rows (table);
  if (k > 0 && (y_true = encode_target (model, target, error)) == NULL)
    return FALSE;
  rows = g_new (gsize, MAX (n_rows, 1));
  for (gsize r = 0; r < n_rows; r++)
    if (!strata_column_is_missing (target, r))
      {
        if (y_true != NULL)
          y_true[n] = y_true[r];
        rows[n++] = r;
      }
  kept = n == n_rows ? strata_table_ref (table) : strata_table_select_rows (table, rows, n);
  target = strata_table_lookup_column (kept, target_name, NULL);

  if (k > 0)
    {
      StrataClassificationMetrics *m;

      if (!strata_model_predict (model, kept, cancellable, &p, error))
        return FALSE;
      m = strata_metrics_classification (y_true, p.labels, p.proba, n, k, error);
      strata_prediction_clear (&p);
      if (m == NULL)
        return FALSE;
      strata_metric_values_from_classification (values, m);
      if (details != NULL)
        *details = m;
      else
        strata_classification_metrics_free (m);
      return TRUE;
    }

  if (!strata_model_predict (model, kept, cancellable, &p, error))
    return FALSE;
  ok = evaluate_regression (kept, target, &p, options, values, error);
  strata_prediction_clear (&p);
  return ok;
}
