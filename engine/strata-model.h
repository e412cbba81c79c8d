/* strata-model.h — what evaluation asks of any fitted model
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A decision tree and a trained network are different objects, but
 * eval.predict and eval.metrics use them the same way: the column the model
 * predicts, its classes (none for regression) and a prediction for the rows
 * of a table. A module whose kind is a fitted model describes that with a
 * constant StrataModelClass and hangs it on its StrataDataType (@model);
 * such kinds satisfy a STRATA_DATA_MODEL port (strata_data_kind_compatible).
 *
 *   static const StrataModelClass tree_model = {
 *     .name = "tree", .get_target = …, .get_n_classes = …,
 *     .get_class = …, .predict = predict_tree,
 *   };
 *   static const StrataDataType tree_type = {
 *     .kind = STRATA_DATA_TREE, …, .model = &tree_model,
 *   };
 *
 *   StrataModel model;
 *   if (strata_model_from_data (data, &model))
 *     strata_model_evaluate (&model, test, NULL, &values, &details, &error);
 *
 * Everything below the class is shared: the prediction table (a
 * "prediction" column, plus one "proba_CLASS" column per class), and the
 * metrics, computed once, by strata-metrics.h: the table's target is
 * matched to the model's classes by its text (strata_column_format_value,
 * so a numeric label 7 is the class "7"), rows whose target is missing are
 * left out, classification gives accuracy, macro/weighted scores, log loss,
 * ROC AUC (two classes) and the confusion matrix, regression MAE, MSE, RMSE
 * and R².
 */

#pragma once

#include <gio/gio.h>

#include "strata-clean.h"
#include "strata-data.h"
#include "strata-metrics.h"

G_BEGIN_DECLS

#define STRATA_MODEL_ERROR (strata_model_error_quark ())

/**
 * StrataModelError:
 * @STRATA_MODEL_ERROR_TARGET: the table has no target column, a numeric
 *   target is needed and it is not, or a row's class is not one the model
 *   knows (the message names the column and the row)
 * @STRATA_MODEL_ERROR_INPUT: the rows do not fit the model: a feature
 *   column is missing, of the wrong kind, has a missing value, or the rows
 *   do not have the model's input shape (the message names the column or
 *   the shape). A class's predict() may also use its own domain.
 */
typedef enum {
  STRATA_MODEL_ERROR_TARGET,
  STRATA_MODEL_ERROR_INPUT,
} StrataModelError;

GQuark strata_model_error_quark (void);

/**
 * StrataPrediction:
 * @n_rows: rows predicted
 * @n_classes: the model's classes; 0 for regression
 * @labels: classification: [n_rows] predicted class index (0 … n_classes-1)
 * @proba: classification: [n_rows × n_classes] row-major class
 *   probabilities (each row sums to 1); NULL when the model has none
 * @values: regression: [n_rows] predicted values
 *
 * Owns its arrays (g_malloc'd); release them with strata_prediction_clear().
 */
typedef struct {
  gsize   n_rows;
  guint   n_classes;
  gint32 *labels;
  double *proba;
  double *values;
} StrataPrediction;

/* Frees the arrays and zeroes @prediction (safe to call twice). */
void strata_prediction_clear (StrataPrediction *prediction);

/**
 * StrataModelClass:
 * @name: what the model is, for messages ("tree", "network")
 * @get_target: the column it was fitted to predict (borrowed)
 * @get_n_classes: its classes; 0 for a regression model
 * @get_class: class @index's name, as the target's values read as text
 *   (borrowed)
 * @predict: fills @out (zeroed on entry) for every row of @table: @labels
 *   and @proba (or NULL) with n_classes set for classification, @values for
 *   regression. Must be safe to call from several threads at once on one
 *   model. Polls @cancellable (nullable) every few thousand rows. FALSE +
 *   @error (STRATA_MODEL_ERROR_INPUT or the model's own domain, naming the
 *   column or shape) when the rows do not fit.
 *
 * A constant table, declared once by the module that owns the model kind.
 */
struct _StrataModelClass {
  const char  *name;
  const char *(*get_target)    (gpointer model);
  guint       (*get_n_classes) (gpointer model);
  const char *(*get_class)     (gpointer model,
                                guint    index);
  gboolean    (*predict)       (gpointer          model,
                                StrataTable      *table,
                                GCancellable     *cancellable,
                                StrataPrediction *out,
                                GError          **error);
};

/**
 * StrataModel:
 * @klass: how to use @instance (static)
 * @instance: the model (borrowed: valid while its owner lives)
 *
 * A borrowed view of any fitted model; a plain value, cheap to copy.
 */
typedef struct {
  const StrataModelClass *klass;
  gpointer                instance;
} StrataModel;

/* Fills @model when @data's kind is a fitted model (its type has a model
 * class); FALSE otherwise. @model borrows @data's payload. */
gboolean     strata_model_from_data     (StrataData        *data,
                                         StrataModel       *model);

const char  *strata_model_get_target    (const StrataModel *model);
guint        strata_model_get_n_classes (const StrataModel *model);
const char  *strata_model_get_class     (const StrataModel *model,
                                         guint              index);

/* The class's predict(), with its promise checked: FALSE + @error when the
 * rows do not fit (see StrataModelClass) or G_IO_ERROR_CANCELLED. */
gboolean     strata_model_predict       (const StrataModel *model,
                                         StrataTable       *table,
                                         GCancellable      *cancellable,
                                         StrataPrediction  *out,
                                         GError           **error);

/**
 * strata_model_predict_table:
 * @table: rows to predict; the target is not needed
 *
 * @table's columns (an earlier "prediction" and "proba_*" columns are
 * dropped, not duplicated) followed by "prediction" — categorical over the
 * model's classes, or numeric for regression — and, when the model gives
 * probabilities, one numeric "proba_CLASS" column per class.
 *
 * Returns: (transfer full): the table, or NULL + error as
 *   strata_model_predict().
 */
StrataTable *strata_model_predict_table (const StrataModel *model,
                                         StrataTable       *table,
                                         GCancellable      *cancellable,
                                         GError           **error);

/**
 * strata_model_evaluate:
 * @table: rows with the target column; rows whose target is missing are
 *   left out
 * @values: (out caller-allocates): the scalar metrics (strata-metrics.h):
 *   accuracy, macro/weighted scores, log_loss, roc_auc (two classes); or
 *   mae, mse, rmse, r2
 * @details: (out) (optional) (transfer full): classification only, the
 *   full metrics (per class, confusion matrix in the model's class order);
 *   NULL for regression
 * @error: STRATA_MODEL_ERROR_TARGET, the predict errors,
 *   STRATA_METRICS_ERROR (no row left), G_IO_ERROR_CANCELLED
 */
gboolean     strata_model_evaluate      (const StrataModel            *model,
                                         StrataTable                  *table,
                                         GCancellable                 *cancellable,
                                         StrataMetricValues           *values,
                                         StrataClassificationMetrics **details,
                                         GError                      **error);

/**
 * StrataEvaluateOptions:
 * @baseline: (nullable): a numeric column of the table holding a reference
 *   forecast of the target, in the target's units, e.g. clean.window's
 *   "naive_seasonal". It is measured on the same rows and in the same units
 *   as the model: baseline_mae, baseline_rmse, and relative_rmse =
 *   rmse / baseline_rmse (below 1: the model beats the baseline).
 * @denormalize: how clean.window normalised the target
 *   (StrataWindowNormalize): LOG_RATIO maps the target, the prediction and
 *   the baseline back to the series' units with strata_window_denormalize()
 *   and the table's "last" column before anything is measured, so rmse is
 *   in passengers rather than in log-ratios; NONE measures values as they
 *   are.
 *
 * Regression only. A zeroed struct is strata_model_evaluate()'s behaviour.
 */
typedef struct {
  const char            *baseline;
  StrataWindowNormalize  denormalize;
} StrataEvaluateOptions;

/**
 * strata_model_evaluate_with:
 * @options: (nullable): what to compare with and in which units
 *
 * strata_model_evaluate() with @options. Besides its errors:
 * STRATA_MODEL_ERROR_TARGET when @options asks for a baseline or
 * denormalisation of a classifier; STRATA_MODEL_ERROR_INPUT when the
 * baseline or "last" column is absent, not numeric, or missing on a row
 * whose target is there (the message names the column and the row).
 */
gboolean     strata_model_evaluate_with (const StrataModel            *model,
                                         StrataTable                  *table,
                                         const StrataEvaluateOptions  *options,
                                         GCancellable                 *cancellable,
                                         StrataMetricValues           *values,
                                         StrataClassificationMetrics **details,
                                         GError                      **error);

G_END_DECLS
