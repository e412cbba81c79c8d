/* strata-metrics.h — evaluation metrics and k-fold cross-validation
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The definitions are scikit-learn's (sklearn.metrics, 1.2), so numbers can
 * be compared with it directly:
 *
 *  - precision / recall / F1 per class, 0 where undefined (zero_division=0);
 *    macro = unweighted mean over the classes, weighted = mean weighted by
 *    support (true rows per class);
 *  - confusion matrix: row = true class, column = predicted class;
 *  - log loss: mean of -ln p(true class), probabilities clipped to
 *    [ε, 1 - ε] (ε = DBL_EPSILON, scikit-learn 1.2's eps="auto") and each
 *    row renormalised to sum 1;
 *  - ROC AUC (two classes): the area under the ROC curve of the second
 *    class's probability, ties counted one half (Mann–Whitney U / n₀n₁);
 *  - MAE, MSE, RMSE = √MSE, R² = 1 - SS_res / SS_tot (1 when SS_tot = 0 and
 *    the predictions are perfect, 0 when SS_tot = 0 otherwise).
 *
 * Cross-validation assigns rows to k folds after a seeded shuffle; with
 * labels it is stratified: each class is dealt round-robin over the folds,
 * so every fold's class counts differ by at most one from any other's.
 * Summaries give the mean and the population standard deviation (ddof 0,
 * numpy's default) of each metric over the folds.
 */

#pragma once

#include <gio/gio.h>

#include "strata-table.h"

G_BEGIN_DECLS

#define STRATA_METRICS_ERROR (strata_metrics_error_quark ())

/**
 * StrataMetricsError:
 * @STRATA_METRICS_ERROR_INPUT: empty input, a label outside [0, n_classes)
 *   (the message names the row), or a non-finite value
 * @STRATA_METRICS_ERROR_FOLDS: k is not in [2, n_rows]
 */
typedef enum {
  STRATA_METRICS_ERROR_INPUT,
  STRATA_METRICS_ERROR_FOLDS,
} StrataMetricsError;

GQuark strata_metrics_error_quark (void);

/* --- Classification -------------------------------------------------------- */

typedef struct {
  guint   n_classes;
  gsize   n;                  /* rows */
  double  accuracy;           /* fraction 0–1 */
  double *precision;          /* [n_classes] */
  double *recall;             /* [n_classes] */
  double *f1;                 /* [n_classes] */
  gsize  *support;            /* [n_classes] true rows per class */
  double  macro_precision, macro_recall, macro_f1, weighted_f1;
  gsize  *confusion;          /* [n_classes × n_classes], row = true */
  double  log_loss;           /* NAN without probabilities */
  double  roc_auc;            /* NAN unless two classes, probabilities and
                                 both classes present */
} StrataClassificationMetrics;

/**
 * strata_metrics_classification:
 * @y_true: [n] true class indices
 * @y_pred: [n] predicted class indices
 * @proba: (nullable): [n × n_classes] row-major class probabilities
 * @error: STRATA_METRICS_ERROR_INPUT
 *
 * Returns: (transfer full): the metrics (free with
 *   strata_classification_metrics_free()), or NULL.
 */
StrataClassificationMetrics *strata_metrics_classification (const gint32 *y_true,
                                                            const gint32 *y_pred,
                                                            const double *proba,
                                                            gsize         n,
                                                            guint         n_classes,
                                                            GError      **error);
void strata_classification_metrics_free (StrataClassificationMetrics *metrics);

/* --- Regression ------------------------------------------------------------ */

typedef struct {
  gsize  n;
  double mae, mse, rmse, r2;
} StrataRegressionMetrics;

/* Fills @out; FALSE with STRATA_METRICS_ERROR_INPUT when n is 0 or a value
 * is not finite. */
gboolean strata_metrics_regression (const double            *y_true,
                                    const double            *y_pred,
                                    gsize                    n,
                                    StrataRegressionMetrics *out,
                                    GError                 **error);

/* --- Named scalar metrics -------------------------------------------------- */

#define STRATA_METRIC_VALUES_MAX 16

/* A short ordered list of (name, value) pairs, keyed by the field's names
 * (DESIGN.md): accuracy, macro_precision, macro_recall, macro_f1,
 * weighted_f1, log_loss, roc_auc; mae, mse, rmse, r2. */
typedef struct {
  guint       n;
  const char *names[STRATA_METRIC_VALUES_MAX];   /* static strings */
  double      values[STRATA_METRIC_VALUES_MAX];
} StrataMetricValues;

void strata_metric_values_add (StrataMetricValues *values,
                               const char         *static_name,
                               double              value);
/* The scalar metrics of @m (roc_auc and log_loss only when defined). */
void strata_metric_values_from_classification (StrataMetricValues                *values,
                                               const StrataClassificationMetrics *m);
void strata_metric_values_from_regression     (StrataMetricValues            *values,
                                               const StrataRegressionMetrics *m);

/* --- Cross-validation ------------------------------------------------------ */

/**
 * strata_kfold_assign:
 * @labels: (nullable): [n] class of each row for stratified folds, or NULL
 * @n: rows
 * @k: folds, 2 ≤ k ≤ n
 * @seed: shuffle seed
 * @error: STRATA_METRICS_ERROR_FOLDS
 *
 * Returns: (transfer full): [n] fold index (0 … k-1) of each row, or NULL.
 */
guint *strata_kfold_assign (const gint32 *labels,
                            gsize         n,
                            guint         k,
                            guint64       seed,
                            GError      **error);

/* Trains on @train and evaluates on @test (fold @fold), filling @out. */
typedef gboolean (*StrataFoldFunc) (StrataTable        *train,
                                    StrataTable        *test,
                                    guint               fold,
                                    StrataMetricValues *out,
                                    gpointer            user_data,
                                    GError            **error);

typedef struct {
  guint       k;
  guint       n_metrics;
  const char *names[STRATA_METRIC_VALUES_MAX];
  double     *per_fold;        /* [k × n_metrics], row = fold */
  double      mean[STRATA_METRIC_VALUES_MAX];
  double      std[STRATA_METRIC_VALUES_MAX];   /* population (ddof 0) */
} StrataCrossValidation;

/**
 * strata_cross_validate:
 * @table: all rows
 * @labels: (nullable): [n_rows] classes for stratified folds
 * @k: folds
 * @seed: shuffle seed
 * @func: trains and evaluates one fold; every fold must report the same
 *   metric names
 * @cancellable: (nullable): polled between folds
 * @error: STRATA_METRICS_ERROR, G_IO_ERROR_CANCELLED, or @func's error
 *
 * Returns: (transfer full): the per-fold values and their summary (free
 *   with strata_cross_validation_free()), or NULL.
 */
StrataCrossValidation *strata_cross_validate (StrataTable    *table,
                                              const gint32   *labels,
                                              guint           k,
                                              guint64         seed,
                                              StrataFoldFunc  func,
                                              gpointer        user_data,
                                              GCancellable   *cancellable,
                                              GError        **error);
void strata_cross_validation_free (StrataCrossValidation *cv);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataClassificationMetrics, strata_classification_metrics_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataCrossValidation, strata_cross_validation_free)

G_END_DECLS
