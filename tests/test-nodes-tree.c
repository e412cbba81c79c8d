/* test-nodes-tree.c — the model.tree and eval.* node types
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs each node type through the registry, as the executor does, and
 * checks its outputs against the engine functions it wraps (which
 * test-tree.c and test-metrics.c check against scikit-learn): the same
 * tree, the same predictions, the same metrics, the same cross-validation
 * means. Also the errors a person can cause from the inspector.
 */

#include <math.h>
#include <string.h>

#include "strata-clean.h"
#include "strata-node.h"
#include "strata-tree.h"
#include "tree/tree-datasets.h"

static StrataRegistry *registry;

static StrataParams *
params_for (const StrataNodeType *type,
            const char           *json)
{
  g_autoptr(JsonNode) root = json_from_string (json, NULL);
  StrataParams *params = strata_params_new (type->params);
  JsonObject *o;
  GList *names;

  g_assert_nonnull (root);
  o = json_node_get_object (root);
  names = json_object_get_members (o);
  for (GList *l = names; l != NULL; l = l->next)
    {
      g_autoptr(GError) error = NULL;

      strata_params_set (params, l->data, json_object_get_member (o, l->data), &error);
      g_assert_no_error (error);
    }
  g_list_free (names);
  return params;
}

/* Runs node type @id on @inputs with @json parameters; the first output, or
 * NULL with @error. */
static StrataData *
run_node (const char  *id,
          const char  *json,
          StrataData **inputs,
          guint64      seed,
          GError     **error)
{
  const StrataNodeType *type = strata_registry_lookup (registry, id);
  g_autoptr(StrataParams) params = NULL;
  g_autoptr(StrataNodeContext) ctx = strata_node_context_new (id, seed, NULL, NULL);
  StrataData *outputs[4] = { NULL };

  g_assert_nonnull (type);
  params = params_for (type, json);
  if (!strata_node_type_run (type, ctx, params, inputs, outputs, error))
    return NULL;
  for (guint i = 1; i < G_N_ELEMENTS (outputs); i++)
    g_assert_null (outputs[i]);
  return outputs[0];
}

static double
metric (StrataData *data,
        const char *name)
{
  StrataMetrics *m = strata_data_get_payload (data, STRATA_DATA_METRICS);
  double v = NAN;

  g_assert_nonnull (m);
  g_assert_true (strata_metrics_lookup (m, name, &v));
  return v;
}

static void
test_tree_predict_metrics (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataTable) all = tree_dataset_load ("titanic", &error);
  g_autoptr(StrataTable) train = NULL, test = NULL;
  g_autoptr(StrataData) train_data = NULL, test_data = NULL, model = NULL;
  g_autoptr(StrataData) predictions = NULL, metrics = NULL;
  g_autoptr(StrataTree) reference = NULL;
  g_autofree char *json_node = NULL, *json_ref = NULL;
  g_autofree gint32 *expected = NULL;
  StrataMetricValues values;
  StrataTreeParams p;
  StrataTable *pred;
  StrataColumn *col;
  const gint32 *codes;

  g_assert_no_error (error);
  tree_dataset_split (all, &train, &test);
  train_data = strata_data_new_table (train);
  test_data = strata_data_new_table (test);

  model = run_node ("model.tree", "{\"target\": \"Survived\", \"criterion\": \"entropy\", "
                    "\"max_depth\": 5, \"min_samples_leaf\": 3}", (StrataData *[]) { train_data }, 7, &error);
  g_assert_no_error (error);
  strata_tree_params_init (&p);
  p.criterion = STRATA_TREE_CRITERION_ENTROPY;
  p.max_depth = 5;
  p.min_samples_leaf = 3;
  p.random_state = 7;
  reference = strata_tree_fit (train, "Survived", &p, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  json_node = strata_tree_to_json (strata_data_get_payload (model, STRATA_DATA_TREE));
  json_ref = strata_tree_to_json (reference);
  g_assert_cmpstr (json_node, ==, json_ref);

  predictions = run_node ("eval.predict", "{}", (StrataData *[]) { model, test_data }, 0, &error);
  g_assert_no_error (error);
  pred = strata_data_get_payload (predictions, STRATA_DATA_PREDICTIONS);
  g_assert_nonnull (pred);
  col = strata_table_lookup_column (pred, "prediction", &error);
  g_assert_no_error (error);
  g_assert_nonnull (strata_table_lookup_column (pred, "proba_1", NULL));
  expected = strata_tree_predict_class (reference, test, &error);
  codes = strata_column_get_codes (col);
  for (gsize i = 0; i < strata_table_get_n_rows (test); i++)
    g_assert_cmpint (codes[i], ==, expected[i]);

  metrics = run_node ("eval.metrics", "{}", (StrataData *[]) { model, test_data }, 0, &error);
  g_assert_no_error (error);
  g_assert_true (strata_tree_evaluate (reference, test, &values, NULL, &error));
  for (guint i = 0; i < values.n; i++)
    g_assert_cmpfloat (metric (metrics, values.names[i]), ==, values.values[i]);
}

static void
test_cross_validate (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataTable) iris = tree_dataset_load ("iris", &error);
  g_autoptr(StrataData) data = strata_data_new_table (iris);
  g_autoptr(StrataData) metrics = NULL;
  g_autoptr(StrataCrossValidation) cv = NULL;
  StrataTreeParams p;

  metrics = run_node ("eval.cross_validate", "{\"target\": \"species\", \"n_splits\": 4, "
                      "\"max_depth\": 3}", (StrataData *[]) { data }, 11, &error);
  g_assert_no_error (error);
  strata_tree_params_init (&p);
  p.max_depth = 3;
  p.random_state = 11;
  cv = strata_tree_cross_validate (iris, "species", &p, 4, 11, NULL, &error);
  g_assert_no_error (error);
  for (guint m = 0; m < cv->n_metrics; m++)
    {
      g_autofree char *std = g_strdup_printf ("%s_std", cv->names[m]);

      g_assert_cmpfloat (metric (metrics, cv->names[m]), ==, cv->mean[m]);
      g_assert_cmpfloat (metric (metrics, std), ==, cv->std[m]);
    }
}

static void
test_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataTable) iris = tree_dataset_load ("iris", &error);
  g_autoptr(StrataData) data = strata_data_new_table (iris);
  StrataData *out;

  out = run_node ("model.tree", "{}", (StrataData *[]) { data }, 0, &error);
  g_assert_null (out);
  g_assert_error (error, STRATA_NODE_ERROR, STRATA_NODE_ERROR_PARAM);
  g_assert_nonnull (strstr (error->message, "target"));
  g_clear_error (&error);

  out = run_node ("model.tree", "{\"target\": \"colour\"}", (StrataData *[]) { data }, 0, &error);
  g_assert_null (out);
  g_assert_nonnull (strstr (error->message, "parameter “target”"));
  g_assert_nonnull (strstr (error->message, "colour"));
  g_clear_error (&error);

  out = run_node ("eval.cross_validate", "{\"target\": \"species\", \"criterion\": \"squared_error\"}",
                  (StrataData *[]) { data }, 0, &error);
  g_assert_null (out);
  g_assert_nonnull (strstr (error->message, "species"));
}

/* --- eval.metrics against a baseline, in the series' units ------------------------ */

/* 24 rows shaped like clean.window's log_ratio output: a feature x, the
 * target y and the baseline "naive" as log-ratios, and "last" in the
 * series' units. Row @missing_naive (or none, when ≥ 24) has no baseline. */
static StrataData *
forecast_data (gsize missing_naive)
{
  static const char *const names[] = { "x", "y", "naive", "last" };
  const gsize n = 24;
  StrataColumn *cols[4];
  g_autoptr(StrataTable) t = NULL;

  for (guint c = 0; c < 4; c++)
    {
      double *v = g_new (double, n);

      for (gsize i = 0; i < n; i++)
        v[i] = c == 0 ? (double) i
             : c == 1 ? 0.2 * sin (0.7 * i) + 0.01 * i
             : c == 2 ? (i == missing_naive ? NAN : 0.2 * sin (0.7 * i - 0.5))
             : 100.0 + 7.0 * i;
      cols[c] = strata_column_new_numeric (names[c], v, n);
    }
  t = strata_table_new (cols, 4, NULL);
  for (guint c = 0; c < 4; c++)
    strata_column_unref (cols[c]);
  return strata_data_new_table (t);
}

/* A regression tree measured with baseline "naive": rmse, baseline_mae,
 * baseline_rmse and relative_rmse are recomputed here from eval.predict's
 * predictions, first as they are, then in the series' units last·exp(v). */
static void
test_eval_baseline (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataData) data = forecast_data (G_MAXSIZE);
  g_autoptr(StrataData) model = NULL, predictions = NULL;
  StrataTable *t = strata_data_get_table (data);
  const double *y = strata_column_get_numeric (strata_table_lookup_column (t, "y", NULL));
  const double *naive = strata_column_get_numeric (strata_table_lookup_column (t, "naive", NULL));
  const double *last = strata_column_get_numeric (strata_table_lookup_column (t, "last", NULL));
  const double *p;
  gsize n = strata_table_get_n_rows (t);

  model = run_node ("model.tree", "{\"target\": \"y\", \"criterion\": \"squared_error\", "
                    "\"max_depth\": 2}", (StrataData *[]) { data }, 0, &error);
  g_assert_no_error (error);
  predictions = run_node ("eval.predict", "{}", (StrataData *[]) { model, data }, 0, &error);
  g_assert_no_error (error);
  p = strata_column_get_numeric (strata_table_lookup_column (
        strata_data_get_payload (predictions, STRATA_DATA_PREDICTIONS), "prediction", NULL));

  for (guint units = 0; units < 2; units++)
    {
      g_autoptr(StrataData) metrics = NULL;
      double se = 0, se_base = 0, ae_base = 0;

      for (gsize i = 0; i < n; i++)
        {
          double scale = units == 1 ? last[i] : 1;
          double truth = units == 1 ? scale * exp (y[i]) : y[i];
          double guess = units == 1 ? scale * exp (p[i]) : p[i];
          double base = units == 1 ? scale * exp (naive[i]) : naive[i];

          se += (guess - truth) * (guess - truth);
          se_base += (base - truth) * (base - truth);
          ae_base += fabs (base - truth);
        }
      metrics = run_node ("eval.metrics", units == 1
                            ? "{\"baseline\": \"naive\", \"denormalize\": \"log_ratio\"}"
                            : "{\"baseline\": \"naive\"}",
                          (StrataData *[]) { model, data }, 0, &error);
      g_assert_no_error (error);
      g_assert_cmpfloat_with_epsilon (metric (metrics, "rmse"), sqrt (se / n), 1e-9);
      g_assert_cmpfloat_with_epsilon (metric (metrics, "baseline_rmse"), sqrt (se_base / n), 1e-9);
      g_assert_cmpfloat_with_epsilon (metric (metrics, "baseline_mae"), ae_base / n, 1e-9);
      g_assert_cmpfloat_with_epsilon (metric (metrics, "relative_rmse"), sqrt (se / se_base), 1e-9);
    }
}

/* Baseline and denormalisation errors name the column, the row, or the
 * parameter. */
static void
test_eval_baseline_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataTable) iris = tree_dataset_load ("iris", &error);
  g_autoptr(StrataData) iris_data = strata_data_new_table (iris);
  g_autoptr(StrataData) data = forecast_data (G_MAXSIZE), gap = forecast_data (3);
  g_autoptr(StrataData) model = NULL, classifier = NULL, no_last = NULL;
  const char *const keep[] = { "x", "y", "naive", NULL };
  g_autoptr(StrataTable) t = NULL;

  g_assert_no_error (error);
  model = run_node ("model.tree", "{\"target\": \"y\", \"criterion\": \"squared_error\"}",
                    (StrataData *[]) { data }, 0, &error);
  g_assert_no_error (error);
  classifier = run_node ("model.tree", "{\"target\": \"species\"}", (StrataData *[]) { iris_data }, 0, &error);
  g_assert_no_error (error);
  t = strata_clean_select (strata_data_get_table (data), keep, NULL, &error);
  g_assert_no_error (error);
  no_last = strata_data_new_table (t);

  {
    const struct { StrataData *model, *table; const char *params, *needle; } bad[] = {
      { model, data, "{\"baseline\": \"nope\"}", "no column “nope” (the baseline)" },
      { model, no_last, "{\"denormalize\": \"log_ratio\"}", "no column “last”" },
      { model, gap, "{\"baseline\": \"naive\"}",
        "column “naive” (the baseline), row 4: missing where the target is not" },
      { classifier, iris_data, "{\"denormalize\": \"log_ratio\"}",
        "parameter “denormalize”: the model is a classifier" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        StrataData *out = run_node ("eval.metrics", bad[i].params,
                                    (StrataData *[]) { bad[i].model, bad[i].table }, 0, &error);

        g_assert_null (out);
        g_assert_nonnull (error);
        if (strstr (error->message, bad[i].needle) == NULL)
          g_error ("%s: “%s” lacks “%s”", bad[i].params, error->message, bad[i].needle);
        g_clear_error (&error);
      }
  }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  registry = strata_registry_new_default ();
  g_test_add_func ("/NodesTree/tree-predict-metrics", test_tree_predict_metrics);
  g_test_add_func ("/NodesTree/cross-validate", test_cross_validate);
  g_test_add_func ("/NodesTree/errors", test_errors);
  g_test_add_func ("/NodesTree/eval-baseline", test_eval_baseline);
  g_test_add_func ("/NodesTree/eval-baseline-errors", test_eval_baseline_errors);
  status = g_test_run ();
  strata_registry_unref (registry);
  return status;
}
