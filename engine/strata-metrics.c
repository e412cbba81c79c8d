/* strata-metrics.c — evaluation metrics and k-fold cross-validation
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * Everything derives from one confusion matrix, so accuracy, per-class and
 * averaged scores can never disagree. ROC AUC is computed from average ranks
 * (the Mann–Whitney statistic), which equals the trapezoidal area under the
 * ROC curve that scikit-learn integrates, ties included, in O(n log n).
 * Cross-validation only deals rows into folds and calls back: what is
 * trained and measured belongs to the caller (trees, networks).
 */

#include "strata-metrics.h"
#include "strata-splitmix.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

G_DEFINE_QUARK (strata-metrics-error-quark, strata_metrics_error)

static double
safe_div (double a,
          double b)
{
  return b > 0.0 ? a / b : 0.0;
}

typedef struct {
  double score;
  gint32 label;
} Scored;

static int
compare_scored (const void *a,
                const void *b)
{
  double x = ((const Scored *) a)->score, y = ((const Scored *) b)->score;

  return (x > y) - (x < y);
}

/* Area under the ROC curve of @scores for label 1 against label 0. */
static double
roc_auc (const gint32 *y_true,
         const double *proba,
         gsize         n)
{
  Scored *s = g_new (Scored, n);
  double rank_sum = 0.0, n1 = 0.0, n0;

  for (gsize i = 0; i < n; i++)
    {
      s[i].score = proba[2 * i + 1];
      s[i].label = y_true[i];
    }
  qsort (s, n, sizeof (Scored), compare_scored);
  for (gsize i = 0; i < n;)
    {
      gsize j = i;
      double avg_rank;

      while (j < n && s[j].score == s[i].score)
        j++;
      avg_rank = (double) (i + 1 + j) / 2.0;        /* ranks i+1 … j */
      for (gsize t = i; t < j; t++)
        if (s[t].label == 1)
          {
            rank_sum += avg_rank;
            n1 += 1.0;
          }
      i = j;
    }
  g_free (s);
  n0 = (double) n - n1;
  if (n0 == 0.0 || n1 == 0.0)
    return NAN;
  return (rank_sum - n1 * (n1 + 1.0) / 2.0) / (n0 * n1);
}

StrataClassificationMetrics *
strata_metrics_classification (const gint32 *y_true,
                               const gint32 *y_pred,
                               const double *proba,
                               gsize         n,
                               guint         n_classes,
                               GError      **error)
{
  StrataClassificationMetrics *m;
  gsize *pred_count, correct = 0;

  g_return_val_if_fail (y_true != NULL && y_pred != NULL, NULL);
  g_return_val_if_fail (n_classes > 0, NULL);

  if (n == 0)
    {
      g_set_error_literal (error, STRATA_METRICS_ERROR, STRATA_METRICS_ERROR_INPUT,
                           "no rows to evaluate");
      return NULL;
    }
  for (gsize i = 0; i < n; i++)
    if (y_true[i] < 0 || (guint) y_true[i] >= n_classes ||
        y_pred[i] < 0 || (guint) y_pred[i] >= n_classes)
      {
        g_set_error (error, STRATA_METRICS_ERROR, STRATA_METRICS_ERROR_INPUT,
                     "row %" G_GSIZE_FORMAT ": class index out of range (%u classes)",
                     i + 1, n_classes);
        return NULL;
      }

  m = g_new0 (StrataClassificationMetrics, 1);
  m->n_classes = n_classes;
  m->n = n;
  m->precision = g_new0 (double, n_classes);
  m->recall = g_new0 (double, n_classes);
  m->f1 = g_new0 (double, n_classes);
  m->support = g_new0 (gsize, n_classes);
  m->confusion = g_new0 (gsize, (gsize) n_classes * n_classes);
  pred_count = g_new0 (gsize, n_classes);

  for (gsize i = 0; i < n; i++)
    {
      m->confusion[(gsize) y_true[i] * n_classes + y_pred[i]]++;
      m->support[y_true[i]]++;
      pred_count[y_pred[i]]++;
      correct += y_true[i] == y_pred[i];
    }
  m->accuracy = (double) correct / (double) n;
  for (guint k = 0; k < n_classes; k++)
    {
      double tp = (double) m->confusion[(gsize) k * n_classes + k];

      m->precision[k] = safe_div (tp, (double) pred_count[k]);
      m->recall[k] = safe_div (tp, (double) m->support[k]);
      m->f1[k] = safe_div (2.0 * m->precision[k] * m->recall[k],
                           m->precision[k] + m->recall[k]);
      m->weighted_f1 += m->f1[k] * (double) m->support[k];
    }
  /* summed first and divided once, as numpy's mean */
  {
    double p = 0.0, r = 0.0, f = 0.0;

    for (guint k = 0; k < n_classes; k++)
      {
        p += m->precision[k];
        r += m->recall[k];
        f += m->f1[k];
      }
    m->macro_precision = p / n_classes;
    m->macro_recall = r / n_classes;
    m->macro_f1 = f / n_classes;
  }
  m->weighted_f1 /= (double) n;
  g_free (pred_count);

  m->log_loss = NAN;
  m->roc_auc = NAN;
  if (proba != NULL)
    {
      const double eps = DBL_EPSILON;   /* scikit-learn 1.2: eps="auto" */
      double total = 0.0;

      for (gsize i = 0; i < n; i++)
        {
          double sum = 0.0, p;

          for (guint k = 0; k < n_classes; k++)
            sum += CLAMP (proba[i * n_classes + k], eps, 1.0 - eps);
          p = CLAMP (proba[i * n_classes + y_true[i]], eps, 1.0 - eps) / sum;
          total += -log (p);
        }
      m->log_loss = total / (double) n;
      if (n_classes == 2)
        m->roc_auc = roc_auc (y_true, proba, n);
    }
  return m;
}

void
strata_classification_metrics_free (StrataClassificationMetrics *m)
{
  if (m == NULL)
    return;
  g_free (m->precision);
  g_free (m->recall);
  g_free (m->f1);
  g_free (m->support);
  g_free (m->confusion);
  g_free (m);
}

gboolean
strata_metrics_regression (const double            *y_true,
                           const double            *y_pred,
                           gsize                    n,
                           StrataRegressionMetrics *out,
                           GError                 **error)
{
  double mean = 0.0, ss_res = 0.0, ss_tot = 0.0, abs_sum = 0.0;

  g_return_val_if_fail (y_true != NULL && y_pred != NULL && out != NULL, FALSE);

  if (n == 0)
    {
      g_set_error_literal (error, STRATA_METRICS_ERROR, STRATA_METRICS_ERROR_INPUT,
                           "no rows to evaluate");
      return FALSE;
    }
  for (gsize i = 0; i < n; i++)
    {
      if (!isfinite (y_true[i]) || !isfinite (y_pred[i]))
        {
          g_set_error (error, STRATA_METRICS_ERROR, STRATA_METRICS_ERROR_INPUT,
                       "row %" G_GSIZE_FORMAT ": value is not a finite number", i + 1);
          return FALSE;
        }
      mean += y_true[i];
    }
  mean /= (double) n;
  for (gsize i = 0; i < n; i++)
    {
      double r = y_true[i] - y_pred[i], d = y_true[i] - mean;

      abs_sum += fabs (r);
      ss_res += r * r;
      ss_tot += d * d;
    }
  out->n = n;
  out->mae = abs_sum / (double) n;
  out->mse = ss_res / (double) n;
  out->rmse = sqrt (out->mse);
  if (ss_tot > 0.0)
    out->r2 = 1.0 - ss_res / ss_tot;
  else
    out->r2 = ss_res == 0.0 ? 1.0 : 0.0;
  return TRUE;
}

void
strata_metric_values_add (StrataMetricValues *values,
                          const char         *static_name,
                          double              value)
{
  g_return_if_fail (values != NULL && values->n < STRATA_METRIC_VALUES_MAX);

  values->names[values->n] = static_name;
  values->values[values->n++] = value;
}

void
strata_metric_values_from_classification (StrataMetricValues                *values,
                                          const StrataClassificationMetrics *m)
{
  strata_metric_values_add (values, "accuracy", m->accuracy);
  strata_metric_values_add (values, "macro_precision", m->macro_precision);
  strata_metric_values_add (values, "macro_recall", m->macro_recall);
  strata_metric_values_add (values, "macro_f1", m->macro_f1);
  strata_metric_values_add (values, "weighted_f1", m->weighted_f1);
  if (!isnan (m->log_loss))
    strata_metric_values_add (values, "log_loss", m->log_loss);
  if (m->n_classes == 2 && !isnan (m->roc_auc))
    strata_metric_values_add (values, "roc_auc", m->roc_auc);
}

void
strata_metric_values_from_regression (StrataMetricValues            *values,
                                      const StrataRegressionMetrics *m)
{
  strata_metric_values_add (values, "mae", m->mae);
  strata_metric_values_add (values, "mse", m->mse);
  strata_metric_values_add (values, "rmse", m->rmse);
  strata_metric_values_add (values, "r2", m->r2);
}

/* --- Cross-validation ------------------------------------------------------ */

typedef struct {
  gint32 label;
  guint  order;
} Dealt;

static int
compare_dealt (const void *a,
               const void *b)
{
  const Dealt *x = a, *y = b;

  if (x->label != y->label)
    return (x->label > y->label) - (x->label < y->label);
  return (x->order > y->order) - (x->order < y->order);
}

guint *
strata_kfold_assign (const gint32 *labels,
                     gsize         n,
                     guint         k,
                     guint64       seed,
                     GError      **error)
{
  guint *perm, *fold;
  Dealt *dealt;

  if (k < 2 || k > n || n > G_MAXUINT)
    {
      g_set_error (error, STRATA_METRICS_ERROR, STRATA_METRICS_ERROR_FOLDS,
                   "folds must be between 2 and the number of rows (%" G_GSIZE_FORMAT "), not %u",
                   n, k);
      return NULL;
    }
  perm = g_new (guint, n);
  for (gsize i = 0; i < n; i++)
    perm[i] = (guint) i;
  strata_splitmix_shuffle (&seed, perm, n);

  /* rows grouped by class, shuffled within it, then dealt round-robin so
   * that classes and fold sizes both stay balanced */
  dealt = g_new (Dealt, n);
  for (gsize i = 0; i < n; i++)
    {
      dealt[i].label = labels != NULL ? labels[perm[i]] : 0;
      dealt[i].order = (guint) i;
    }
  qsort (dealt, n, sizeof (Dealt), compare_dealt);
  fold = g_new (guint, n);
  for (gsize i = 0; i < n; i++)
    fold[perm[dealt[i].order]] = (guint) (i % k);
  g_free (dealt);
  g_free (perm);
  return fold;
}

StrataCrossValidation *
strata_cross_validate (StrataTable    *table,
                       const gint32   *labels,
                       guint           k,
                       guint64         seed,
                       StrataFoldFunc  func,
                       gpointer        user_data,
                       GCancellable   *cancellable,
                       GError        **error)
{
  gsize n = strata_table_get_n_rows (table);
  g_autofree guint *fold = NULL;
  g_autofree gsize *train_rows = NULL, *test_rows = NULL;
  StrataCrossValidation *cv;

  g_return_val_if_fail (table != NULL && func != NULL, NULL);

  fold = strata_kfold_assign (labels, n, k, seed, error);
  if (fold == NULL)
    return NULL;
  cv = g_new0 (StrataCrossValidation, 1);
  cv->k = k;
  train_rows = g_new (gsize, n);
  test_rows = g_new (gsize, n);
  for (guint f = 0; f < k; f++)
    {
      g_autoptr(StrataTable) train = NULL;
      g_autoptr(StrataTable) test = NULL;
      StrataMetricValues values = { 0 };
      gsize n_train = 0, n_test = 0;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          strata_cross_validation_free (cv);
          return NULL;
        }
      for (gsize i = 0; i < n; i++)
        {
          if (fold[i] == f)
            test_rows[n_test++] = i;
          else
            train_rows[n_train++] = i;
        }
      train = strata_table_select_rows (table, train_rows, n_train);
      test = strata_table_select_rows (table, test_rows, n_test);
      if (!func (train, test, f, &values, user_data, error))
        {
          strata_cross_validation_free (cv);
          return NULL;
        }
      if (f == 0)
        {
          cv->n_metrics = values.n;
          memcpy (cv->names, values.names, sizeof values.names);
          cv->per_fold = g_new0 (double, (gsize) k * MAX (values.n, 1));
        }
      for (guint m = 0; m < cv->n_metrics; m++)
        {
          /* match by name: a fold may lack roc_auc when a class is absent */
          double v = NAN;

          for (guint j = 0; j < values.n; j++)
            if (strcmp (values.names[j], cv->names[m]) == 0)
              v = values.values[j];
          cv->per_fold[(gsize) f * cv->n_metrics + m] = v;
        }
    }
  for (guint m = 0; m < cv->n_metrics; m++)
    {
      double sum = 0.0, sq = 0.0;
      guint count = 0;

      for (guint f = 0; f < k; f++)
        {
          double v = cv->per_fold[(gsize) f * cv->n_metrics + m];

          if (isnan (v))
            continue;
          sum += v;
          count++;
        }
      cv->mean[m] = count > 0 ? sum / count : NAN;
      for (guint f = 0; f < k; f++)
        {
          double v = cv->per_fold[(gsize) f * cv->n_metrics + m];

          if (!isnan (v))
            sq += (v - cv->mean[m]) * (v - cv->mean[m]);
        }
      cv->std[m] = count > 0 ? sqrt (sq / count) : NAN;
    }
  return cv;
}

void
strata_cross_validation_free (StrataCrossValidation *cv)
{
  if (cv == NULL)
    return;
  g_free (cv->per_fold);
  g_free (cv);
}
