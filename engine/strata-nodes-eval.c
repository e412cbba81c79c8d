/* strata-nodes-eval.c — eval.predict and eval.metrics, for any fitted model
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * Both node types take their model on a STRATA_DATA_MODEL port, which a
 * tree (model.tree) and a trained network (model.network) both satisfy, and
 * go through strata-model.h: there is one prediction path and one metrics
 * path, whatever the model. eval.predict appends a "prediction" column
 * (and, for classification, one "proba_CLASS" column per class) to its
 * table (kind "predictions", saved as ID.PORT.csv). eval.metrics measures
 * the model on a table that holds the target; classification metrics carry
 * the confusion matrix with the model's class names, for the confusion
 * view. For forecasts, eval.metrics can also measure a baseline column
 * (clean.window's naive_seasonal) and undo clean.window's per-window
 * normalisation first (strata_model_evaluate_with), so that the model and
 * the baseline are compared on the same rows in the series' units.
 * eval.cross_validate fits trees itself and lives with model.tree.
 */

#include "strata-node.h"

#include "strata-model.h"

/* --- the "predictions" data kind ---------------------------------------------- */

/* Predictions are a table: saved as one, ID.PORT.csv. */
static gboolean
save_predictions (gpointer     payload,
                  const char  *dir,
                  const char  *node_id,
                  const char  *port,
                  char       **written,
                  GError     **error)
{
  g_autoptr(StrataData) as_table = strata_data_new_table (payload);

  return strata_data_save (as_table, dir, node_id, port, written, error);
}

static char *
describe_predictions (gpointer payload)
{
  return g_strdup_printf ("predictions for %" G_GSIZE_FORMAT " rows",
                          strata_table_get_n_rows (payload));
}

static const StrataDataType predictions_type = {
  .kind = STRATA_DATA_PREDICTIONS,
  .free = (GDestroyNotify) strata_table_unref,
  .save = save_predictions,
  .describe = describe_predictions,
};

/* The model on input 0; the executor has checked the kind, a node run by
 * hand may not have. */
static gboolean
input_model (StrataData  *data,
             StrataModel *model,
             GError     **error)
{
  if (strata_model_from_data (data, model))
    return TRUE;
  g_set_error (error, STRATA_NODE_ERROR, STRATA_NODE_ERROR_INPUT,
               "input “model”: expects a fitted model (a tree or a network), got %s",
               strata_data_get_kind (data));
  return FALSE;
}

/* Errors about the rows name the input they came in on. */
static gboolean
blame_table (GError **error)
{
  if (error != NULL && *error != NULL && !g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_prefix_error (error, "input “table”: ");
  return FALSE;
}

/* --- eval.predict ------------------------------------------------------------- */

static const StrataPortSpec predict_in[] = {
  { "model", STRATA_DATA_MODEL, "A fitted tree or network" },
  { "table", STRATA_DATA_TABLE, "Rows to predict (the target column is not needed)" },
  { NULL }
};
static const StrataPortSpec predict_out[] = {
  { "predictions", STRATA_DATA_PREDICTIONS,
    "The table with a “prediction” column (and “proba_CLASS” columns for classes)" },
  { NULL }
};

static gboolean
run_predict (StrataNodeContext *ctx,
             StrataParams      *params,
             StrataData       **in,
             StrataData       **out,
             GError           **error)
{
  StrataTable *table = strata_data_get_table (in[1]);
  StrataTable *result;
  StrataModel model;

  if (!input_model (in[0], &model, error))
    return FALSE;
  result = strata_model_predict_table (&model, table, strata_node_context_get_cancellable (ctx), error);
  if (result == NULL)
    return blame_table (error);
  strata_node_context_set_metric (ctx, "rows", (double) strata_table_get_n_rows (result));
  out[0] = strata_data_new (&predictions_type, result);
  return TRUE;
}

/* --- eval.metrics ------------------------------------------------------------- */

static const StrataPortSpec metrics_in[] = {
  { "model", STRATA_DATA_MODEL, "A fitted tree or network" },
  { "table", STRATA_DATA_TABLE, "Rows with the target column, e.g. the test part of a split" },
  { NULL }
};
static const StrataPortSpec metrics_out[] = {
  { "metrics", STRATA_DATA_METRICS, "accuracy, macro_f1, … or mae, rmse, r2" },
  { NULL }
};

static const char *const denormalizations[] = { "none", "log_ratio", NULL };

static const StrataParamSpec metrics_params[] = {
  { .name = "baseline", .type = STRATA_PARAM_COLUMN, .nullable = TRUE,
    .help = "Regression: a column holding a reference forecast (e.g. “naive_seasonal”), measured alongside" },
  { .name = "denormalize", .type = STRATA_PARAM_CHOICE, .choices = denormalizations,
    .default_value = "none",
    .help = "log_ratio: measure in the series' units, undoing clean.window's normalize with its “last” column" },
  { NULL }
};

static gboolean
run_metrics (StrataNodeContext *ctx,
             StrataParams      *params,
             StrataData       **in,
             StrataData       **out,
             GError           **error)
{
  g_autoptr(StrataClassificationMetrics) details = NULL;
  StrataEvaluateOptions options = { strata_params_get_string (params, "baseline"),
                                     STRATA_WINDOW_NORMALIZE_NONE };
  StrataMetricValues values;
  StrataModel model;

  if (!input_model (in[0], &model, error))
    return FALSE;
  /* The choice was checked against denormalizations on load. */
  strata_window_normalize_from_string (strata_params_get_string (params, "denormalize"),
                                       &options.denormalize);
  if (strata_model_get_n_classes (&model) > 0 &&
      (options.baseline != NULL || options.denormalize != STRATA_WINDOW_NORMALIZE_NONE))
    {
      return strata_node_param_error (error, options.baseline != NULL ? "baseline" : "denormalize",
                                      "the model is a classifier; a baseline and "
                                      "denormalisation are for regression");
    }
  if (!strata_model_evaluate_with (&model, strata_data_get_table (in[1]), &options,
                                   strata_node_context_get_cancellable (ctx), &values, &details, error))
    return blame_table (error);
  out[0] = strata_node_context_output_metrics (ctx, values.names, values.values, values.n);
  /* The confusion matrix and the class names, for the confusion view. */
  if (details != NULL)
    {
      g_autofree const char **labels = g_new0 (const char *, details->n_classes + 1);

      for (guint c = 0; c < details->n_classes; c++)
        labels[c] = strata_model_get_class (&model, c);
      strata_metrics_set_confusion (strata_data_get_payload (out[0], STRATA_DATA_METRICS),
                                    details->n_classes, labels, details->confusion);
    }
  return TRUE;
}

/* --- registration ------------------------------------------------------------- */

static const StrataNodeType eval_types[] = {
  { .id = "eval.predict", .group = "evaluate", .title = "Predict",
    .help = "Applies a fitted tree or network to a table: a prediction column, and class probabilities for classification.",
    .inputs = predict_in, .outputs = predict_out, .run = run_predict },
  { .id = "eval.metrics", .group = "evaluate", .title = "Metrics",
    .help = "Measures a fitted tree or network on a table holding the target: accuracy, precision, recall, F1, log loss, ROC AUC and the confusion matrix; or MAE, RMSE, R², optionally against a baseline forecast and in the series' units.",
    .inputs = metrics_in, .outputs = metrics_out, .params = metrics_params, .run = run_metrics },
};

void
strata_nodes_eval_register (StrataRegistry *registry)
{
  for (guint i = 0; i < G_N_ELEMENTS (eval_types); i++)
    strata_registry_add (registry, &eval_types[i]);
}
