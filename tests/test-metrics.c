/* test-metrics.c — evaluation metrics and folds
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Metrics are compared with scikit-learn 1.2's (tests/fixtures/tree/
 * metrics.json, made once by tests/fixtures/tree/gen.py) to 1e-9; folds are
 * checked for the properties that define them (a partition, balanced
 * classes and sizes, determined by the seed).
 */

#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "strata-metrics.h"

static JsonNode *fixture;

static gint32 *
int_array (JsonArray *a)
{
  gint32 *out = g_new (gint32, json_array_get_length (a));

  for (guint i = 0; i < json_array_get_length (a); i++)
    out[i] = json_array_get_int_element (a, i);
  return out;
}

static double *
double_array (JsonArray *a)
{
  double *out = g_new (double, json_array_get_length (a));

  for (guint i = 0; i < json_array_get_length (a); i++)
    out[i] = json_array_get_double_element (a, i);
  return out;
}

static void
assert_close_array (const double *mine,
                    JsonArray    *expected)
{
  for (guint i = 0; i < json_array_get_length (expected); i++)
    g_assert_cmpfloat_with_epsilon (mine[i], json_array_get_double_element (expected, i), 1e-9);
}

static void
test_classification (void)
{
  JsonArray *cases = json_object_get_array_member (json_node_get_object (fixture), "classification");

  for (guint c = 0; c < json_array_get_length (cases); c++)
    {
      JsonObject *o = json_array_get_object_element (cases, c);
      guint k = json_object_get_int_member (o, "n_classes");
      g_autofree gint32 *y_true = int_array (json_object_get_array_member (o, "y_true"));
      g_autofree gint32 *y_pred = int_array (json_object_get_array_member (o, "y_pred"));
      g_autofree double *proba = NULL;
      gsize n = json_array_get_length (json_object_get_array_member (o, "y_true"));
      g_autoptr(StrataClassificationMetrics) m = NULL;
      g_autoptr(GError) error = NULL;
      JsonArray *cm = json_object_get_array_member (o, "confusion_matrix");
      JsonArray *support = json_object_get_array_member (o, "support");

      if (json_object_has_member (o, "proba"))
        {
          JsonArray *rows = json_object_get_array_member (o, "proba");

          proba = g_new (double, n * k);
          for (gsize i = 0; i < n; i++)
            for (guint j = 0; j < k; j++)
              proba[i * k + j] = json_array_get_double_element (json_array_get_array_element (rows, i), j);
        }
      m = strata_metrics_classification (y_true, y_pred, proba, n, k, &error);
      g_assert_no_error (error);
      g_assert_cmpfloat_with_epsilon (m->accuracy, json_object_get_double_member (o, "accuracy"), 1e-9);
      assert_close_array (m->precision, json_object_get_array_member (o, "precision"));
      assert_close_array (m->recall, json_object_get_array_member (o, "recall"));
      assert_close_array (m->f1, json_object_get_array_member (o, "f1"));
      g_assert_cmpfloat_with_epsilon (m->macro_f1, json_object_get_double_member (o, "macro_f1"), 1e-9);
      g_assert_cmpfloat_with_epsilon (m->weighted_f1, json_object_get_double_member (o, "weighted_f1"), 1e-9);
      if (json_object_has_member (o, "macro_precision"))
        {
          g_assert_cmpfloat_with_epsilon (m->macro_precision,
                                          json_object_get_double_member (o, "macro_precision"), 1e-9);
          g_assert_cmpfloat_with_epsilon (m->macro_recall,
                                          json_object_get_double_member (o, "macro_recall"), 1e-9);
        }
      for (guint i = 0; i < k; i++)
        {
          g_assert_cmpuint (m->support[i], ==, json_array_get_int_element (support, i));
          for (guint j = 0; j < k; j++)
            g_assert_cmpuint (m->confusion[i * k + j], ==,
                              json_array_get_int_element (json_array_get_array_element (cm, i), j));
        }
      if (json_object_has_member (o, "log_loss"))
        g_assert_cmpfloat_with_epsilon (m->log_loss, json_object_get_double_member (o, "log_loss"), 1e-9);
      else
        g_assert_true (isnan (m->log_loss));
      if (json_object_has_member (o, "roc_auc"))
        g_assert_cmpfloat_with_epsilon (m->roc_auc, json_object_get_double_member (o, "roc_auc"), 1e-9);
      else
        g_assert_true (isnan (m->roc_auc));
    }
}

static void
test_regression (void)
{
  JsonArray *cases = json_object_get_array_member (json_node_get_object (fixture), "regression");

  for (guint c = 0; c < json_array_get_length (cases); c++)
    {
      JsonObject *o = json_array_get_object_element (cases, c);
      JsonArray *yt = json_object_get_array_member (o, "y_true");
      g_autofree double *y_true = double_array (yt);
      g_autofree double *y_pred = double_array (json_object_get_array_member (o, "y_pred"));
      StrataRegressionMetrics m;
      g_autoptr(GError) error = NULL;

      g_assert_true (strata_metrics_regression (y_true, y_pred, json_array_get_length (yt), &m, &error));
      g_assert_no_error (error);
      g_assert_cmpfloat_with_epsilon (m.mae, json_object_get_double_member (o, "mae"), 1e-9);
      g_assert_cmpfloat_with_epsilon (m.rmse, json_object_get_double_member (o, "rmse"), 1e-9);
      g_assert_cmpfloat_with_epsilon (m.r2, json_object_get_double_member (o, "r2"), 1e-9);
    }
}

static void
test_bad_input (void)
{
  const gint32 y[] = { 0, 1, 2 };
  const double v[] = { 1.0, NAN };
  StrataRegressionMetrics m;
  g_autoptr(GError) error = NULL;

  g_assert_null (strata_metrics_classification (y, y, NULL, 3, 2, &error));
  g_assert_error (error, STRATA_METRICS_ERROR, STRATA_METRICS_ERROR_INPUT);
  g_assert_nonnull (strstr (error->message, "row 3"));
  g_clear_error (&error);
  g_assert_null (strata_metrics_classification (y, y, NULL, 0, 2, &error));
  g_assert_error (error, STRATA_METRICS_ERROR, STRATA_METRICS_ERROR_INPUT);
  g_clear_error (&error);
  g_assert_false (strata_metrics_regression (v, v, 2, &m, &error));
  g_assert_error (error, STRATA_METRICS_ERROR, STRATA_METRICS_ERROR_INPUT);
  g_assert_nonnull (strstr (error->message, "row 2"));
}

static void
test_folds (void)
{
  const gsize n = 103;
  const guint k = 5;
  gint32 labels[103];

  for (gsize i = 0; i < n; i++)
    labels[i] = (gint32) ((i * 7) % 10 < 2 ? 0 : (i % 3 == 0 ? 1 : 2));

  for (int stratified = 0; stratified < 2; stratified++)
    {
      g_autofree guint *a = strata_kfold_assign (stratified ? labels : NULL, n, k, 9, NULL);
      g_autofree guint *b = strata_kfold_assign (stratified ? labels : NULL, n, k, 9, NULL);
      g_autofree guint *c = strata_kfold_assign (stratified ? labels : NULL, n, k, 10, NULL);
      gsize size[5] = { 0 }, per_class[3][5] = { { 0 } };
      gboolean differs = FALSE;

      g_assert_cmpmem (a, n * sizeof (guint), b, n * sizeof (guint));
      for (gsize i = 0; i < n; i++)
        {
          g_assert_cmpuint (a[i], <, k);
          size[a[i]]++;
          per_class[labels[i]][a[i]]++;
          differs |= a[i] != c[i];
        }
      g_assert_true (differs);
      for (guint f = 1; f < k; f++)
        g_assert_cmpint (labs ((long) size[f] - (long) size[0]), <=, 1);
      if (stratified)
        for (guint cl = 0; cl < 3; cl++)
          for (guint f = 0; f < k; f++)
            g_assert_cmpint (labs ((long) per_class[cl][f] - (long) per_class[cl][0]), <=, 1);
    }
  {
    g_autoptr(GError) error = NULL;

    g_assert_null (strata_kfold_assign (NULL, 3, 4, 0, &error));
    g_assert_error (error, STRATA_METRICS_ERROR, STRATA_METRICS_ERROR_FOLDS);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *path = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_test_init (&argc, &argv, NULL);
  path = g_test_build_filename (G_TEST_DIST, "fixtures", "tree", "metrics.json", NULL);
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  fixture = json_parser_get_root (parser);

  g_test_add_func ("/Metrics/classification/sklearn", test_classification);
  g_test_add_func ("/Metrics/regression/sklearn", test_regression);
  g_test_add_func ("/Metrics/bad-input", test_bad_input);
  g_test_add_func ("/Metrics/folds", test_folds);
  return g_test_run ();
}
