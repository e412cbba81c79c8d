/* test-nodes-network.c — the data.idx and model.network node types
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The nodes are run directly through a node context (as the executor does)
 * and through the executor on the example workflows. Expected values are
 * independent of the code under test: a linearly separable table must be
 * learned, MNIST's published first labels must come out of data.idx, every
 * batch must produce exactly one TRAIN_STEP event, and the airline example
 * must beat the seasonal naive forecast, both RMSEs computed here from the
 * raw CSV.
 * eval.predict / eval.metrics on a trained network are checked against the
 * network's saved model file run forward here (softmax by hand) and
 * against accuracy, macro F1, the confusion matrix, RMSE and R² counted
 * here from its predictions; n_jobs against itself (bit for bit).
 */

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "common/airline-series.h"
#include "strata-executor.h"
#include "strata-model.h"
#include "strata-network.h"
#include "strata-node.h"
#include "strata-workflow.h"

static StrataColumn *
numeric (const char *name,
         GArray     *values)
{
  gsize n = values->len;
  return strata_column_new_numeric (name, (double *) g_array_free (values, FALSE), n);
}

/* n rows: x0, x1 uniform in [-1, 1], a constant text column, and the class
 * “above” / “below” of the line x1 = 0.5·x0. */
static StrataTable *
separable_table (gsize   n,
                 guint32 seed)
{
  g_autoptr(GRand) rng = g_rand_new_with_seed (seed);
  GArray *x0 = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *x1 = g_array_new (FALSE, FALSE, sizeof (double));
  gint32 *codes = g_new (gint32, n);
  char **names = g_new0 (char *, 3);
  StrataColumn *cols[3];
  StrataTable *t;

  names[0] = g_strdup ("above");
  names[1] = g_strdup ("below");
  for (gsize i = 0; i < n; i++)
    {
      double a = g_rand_double_range (rng, -1, 1), b = g_rand_double_range (rng, -1, 1);
      g_array_append_val (x0, a);
      g_array_append_val (x1, b);
      codes[i] = b > 0.5 * a ? 0 : 1;
    }
  cols[0] = numeric ("x0", x0);
  cols[1] = numeric ("x1", x1);
  cols[2] = strata_column_new_categorical ("side", codes, n, names);
  t = strata_table_new (cols, 3, NULL);
  for (guint i = 0; i < 3; i++)
    strata_column_unref (cols[i]);
  return t;
}

typedef struct {
  StrataRegistry       *registry;
  const StrataNodeType *type;
  StrataParams         *params;
} Node;

static void
node_init (Node       *node,
           const char *type_id)
{
  node->registry = strata_registry_new_default ();
  node->type = strata_registry_lookup (node->registry, type_id);
  g_assert_nonnull (node->type);
  node->params = strata_params_new (node->type->params);
}

static void
node_clear (Node *node)
{
  strata_params_free (node->params);
  strata_registry_unref (node->registry);
}

static void
set_json (Node       *node,
          const char *name,
          const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) value = json_from_string (json, &error);

  g_assert_no_error (error);
  g_assert_true (strata_params_set (node->params, name, value, &error));
  g_assert_no_error (error);
}

/* Runs @node on (train, validation); outputs land in out[0..1]. */
static gboolean
run (Node              *node,
     StrataTable       *train,
     StrataTable       *validation,
     StrataEventQueue  *events,
     StrataData       **out,
     StrataMetrics    **metrics,
     GError           **error)
{
  g_autoptr(StrataNodeContext) ctx = strata_node_context_new ("net", 5, NULL, events);
  g_autoptr(StrataData) a = strata_data_new_table (train);
  g_autoptr(StrataData) b = validation ? strata_data_new_table (validation) : NULL;
  StrataData *in[2] = { a, b };
  gboolean ok = node->type->run (ctx, node->params, in, out, error);

  if (metrics != NULL)
    *metrics = strata_metrics_ref (strata_node_context_get_metrics (ctx));
  return ok;
}

static void
test_classify_table (void)
{
  g_autoptr(StrataTable) train = separable_table (400, 1);
  g_autoptr(StrataTable) val = separable_table (200, 2);
  g_autoptr(StrataEventQueue) events = strata_event_queue_new ();
  g_autoptr(StrataMetrics) metrics = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) drained = NULL;
  StrataData *out[2] = { NULL, NULL };
  guint steps = 0, epochs = 0;
  double acc, n_epochs;
  Node node;

  node_init (&node, "model.network");
  set_json (&node, "target", "\"side\"");
  set_json (&node, "layers", "[{\"type\": \"dense\", \"out_features\": 16}, {\"type\": \"tanh\"}]");
  set_json (&node, "learning_rate", "0.02");
  set_json (&node, "epochs", "30");
  set_json (&node, "batch_size", "40");
  g_assert_true (run (&node, train, val, events, out, &metrics, &error));
  g_assert_no_error (error);

  g_assert_cmpstr (strata_data_get_kind (out[0]), ==, "network");
  g_assert_cmpstr (strata_data_get_kind (out[1]), ==, "history");
  g_assert_true (strata_metrics_lookup (metrics, "val_accuracy", &acc));
  g_assert_cmpfloat (acc, >=, 0.95);
  g_assert_true (strata_metrics_lookup (metrics, "epochs", &n_epochs));
  g_assert_cmpfloat (n_epochs, ==, 30);
  g_assert_true (strata_metrics_lookup (metrics, "samples_per_second", &acc));

  /* One TRAIN_STEP per batch (400 / 40 × 30), one TRAIN_EPOCH per epoch. */
  drained = strata_event_queue_drain (events, 0, 0);
  for (guint i = 0; i < drained->len; i++)
    {
      StrataEvent *ev = g_ptr_array_index (drained, i);

      if (ev->type == STRATA_EVENT_TRAIN_STEP)
        {
          g_assert_cmpuint (ev->step, ==, steps);
          g_assert_true (isfinite (ev->loss));
          steps++;
        }
      else if (ev->type == STRATA_EVENT_TRAIN_EPOCH)
        {
          double v;
          g_assert_cmpuint (ev->epoch, ==, epochs);
          g_assert_true (strata_metrics_lookup (ev->metrics, "val_loss", &v));
          epochs++;
        }
    }
  g_assert_cmpuint (steps, ==, 300);
  g_assert_cmpuint (epochs, ==, 30);

  strata_data_unref (out[0]);
  strata_data_unref (out[1]);
  node_clear (&node);
}

static void
expect_error (const char *param,
              const char *json,
              const char *message_part)
{
  g_autoptr(StrataTable) train = separable_table (20, 3);
  g_autoptr(GError) error = NULL;
  StrataData *out[2] = { NULL, NULL };
  Node node;

  node_init (&node, "model.network");
  set_json (&node, "target", "\"side\"");
  set_json (&node, "epochs", "1");
  if (param != NULL)
    set_json (&node, param, json);
  g_assert_false (run (&node, train, NULL, NULL, out, NULL, &error));
  g_assert_nonnull (error);
  if (strstr (error->message, message_part) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, message_part);
  g_assert_null (out[0]);
  node_clear (&node);
}

static void
test_errors (void)
{
  expect_error ("layers", "[{\"type\": \"dense\", \"units\": 3}]",
                "parameter “layers”: layer 0 (dense): unknown parameter “units”");
  expect_error ("input_shape", "[3, 1]", "parameter “input_shape”: [3, 1] holds 3 values");
  expect_error ("features", "[\"x0\", \"side\"]", "column “side” is categorical");
  expect_error ("target", "\"nope\"", "parameter “target”");
  expect_error ("layers", "{\"type\": \"relu\"}", "parameter “layers”: must be an array");
}

static void
test_idx_table (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataNodeContext) ctx = strata_node_context_new ("mnist", 0, NULL, NULL);
  g_autofree char *path = g_build_filename (g_getenv ("STRATA_SOURCE_ROOT"), "data", "datasets",
                                            "mnist", "train-images-idx3-ubyte.gz", NULL);
  g_autoptr(JsonNode) value = json_node_new (JSON_NODE_VALUE);
  StrataData *out[1] = { NULL };
  static const double first[] = { 5, 0, 4, 1, 9 };
  StrataTable *t;
  StrataColumn *label;
  Node node;

  node_init (&node, "data.idx");
  json_node_set_string (value, path);
  g_assert_true (strata_params_set (node.params, "path", value, &error));
  set_json (&node, "max_items", "50");
  g_assert_true (node.type->run (ctx, node.params, NULL, out, &error));
  g_assert_no_error (error);
  t = strata_data_get_table (out[0]);
  g_assert_cmpuint (strata_table_get_n_rows (t), ==, 50);
  g_assert_cmpuint (strata_table_get_n_columns (t), ==, 785);
  g_assert_cmpstr (strata_column_get_name (strata_table_get_column (t, 0)), ==, "pixel0");
  label = strata_table_lookup_column (t, "label", &error);
  g_assert_no_error (error);
  g_assert_cmpmem (strata_column_get_numeric (label), sizeof first, first, sizeof first);
  strata_data_unref (out[0]);
  node_clear (&node);
}

static StrataWorkflow *
load_example (StrataRegistry *registry,
              const char     *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("STRATA_SOURCE_ROOT"), "resources",
                                            "examples", name, NULL);
  g_autoptr(GError) error = NULL;
  StrataWorkflow *wf = strata_workflow_load (registry, path, &error);

  g_assert_no_error (error);
  return wf;
}

/* The MNIST examples load (node types, parameters, links all valid); the
 * airline one runs end to end and must beat the seasonal naive forecast on
 * the last 24 months: its test RMSE in passengers, recomputed here from
 * the network's predictions and the raw CSV, below the RMSE of predicting
 * each month by the same month a year earlier, also computed here. The
 * metrics node's own figures must agree with both. */
static void
test_examples (void)
{
  g_autoptr(StrataRegistry) registry = strata_registry_new_default ();
  g_autoptr(StrataWorkflow) lenet = load_example (registry, "mnist-lenet.strata");
  g_autoptr(StrataWorkflow) mlp = load_example (registry, "mnist-mlp.strata");
  g_autoptr(StrataWorkflow) airline = load_example (registry, "airline-lstm.strata");
  g_autoptr(StrataExecutor) ex = strata_executor_new ();
  g_autoptr(StrataNodeResult) result = NULL;
  g_autoptr(StrataData) test = NULL, network = NULL;
  g_autoptr(StrataTable) predicted = NULL;
  g_autoptr(GArray) series = airline_series_read ();
  g_autoptr(GError) error = NULL;
  const double *s = (const double *) series->data, *p;
  double se_model = 0, se_naive = 0, rmse_model, rmse_naive, v;
  gsize n = series->len, n_test = 24;
  StrataModel model;

  g_assert_cmpuint (n, ==, 144);
  g_assert_true (strata_executor_run (ex, airline, NULL, &error));
  g_assert_no_error (error);
  test = strata_executor_dup_output (ex, "split", "test");
  network = strata_executor_dup_output (ex, "lstm", "network");
  g_assert_cmpuint (strata_table_get_n_rows (strata_data_get_table (test)), ==, n_test);
  g_assert_true (strata_model_from_data (network, &model));
  predicted = strata_model_predict_table (&model, strata_data_get_table (test), NULL, &error);
  g_assert_no_error (error);
  p = strata_column_get_numeric (strata_table_lookup_column (predicted, "prediction", NULL));
  /* Test row i forecasts month m = n − 24 + i from the 12 before it; the
   * prediction is log(ŷ / s[m − 1]). */
  for (gsize i = 0; i < n_test; i++)
    {
      gsize m = n - n_test + i;
      double forecast = s[m - 1] * exp (p[i]);

      se_model += (forecast - s[m]) * (forecast - s[m]);
      se_naive += (s[m - 12] - s[m]) * (s[m - 12] - s[m]);
    }
  rmse_model = sqrt (se_model / n_test);
  rmse_naive = sqrt (se_naive / n_test);
  g_test_message ("airline example: test RMSE %.2f passengers, seasonal naive %.2f",
                  rmse_model, rmse_naive);
  g_assert_cmpfloat (rmse_model, <, rmse_naive);

  result = strata_executor_dup_result (ex, "metrics");
  g_assert_true (strata_metrics_lookup (result->metrics, "rmse", &v));
  g_assert_cmpfloat_with_epsilon (v, rmse_model, 1e-9 * rmse_model);
  g_assert_true (strata_metrics_lookup (result->metrics, "baseline_rmse", &v));
  g_assert_cmpfloat_with_epsilon (v, rmse_naive, 1e-9 * rmse_naive);
  g_assert_true (strata_metrics_lookup (result->metrics, "relative_rmse", &v));
  g_assert_cmpfloat (v, <, 1);

  /* The MNIST examples measure their network on the 10,000 test images and
   * train on all 60,000; the test images feed `validation` only as a
   * monitor: with patience 0 nothing is selected on them. */
  for (guint e = 0; e < 2; e++)
    {
      StrataWorkflow *wf = e == 0 ? lenet : mlp;
      const char *net = e == 0 ? "lenet" : "mlp";
      const char *node, *port;

      g_assert_true (strata_workflow_get_source (wf, "metrics", "model", &node, &port));
      g_assert_cmpstr (node, ==, net);
      g_assert_true (strata_workflow_get_source (wf, "metrics", "table", &node, &port));
      g_assert_cmpstr (node, ==, "test");
      g_assert_true (strata_workflow_get_source (wf, net, "validation", &node, &port));
      g_assert_cmpstr (node, ==, "test");
      g_assert_cmpint (strata_params_get_int (strata_workflow_get_params (wf, net), "patience"), ==, 0);
    }
}

/* --- eval.predict and eval.metrics on trained networks ----------------------- */

/* Runs node type @id on @inputs with @json parameters; its first output. */
static StrataData *
run_eval (const char  *id,
          StrataData  *model,
          StrataTable *table,
          GError     **error)
{
  Node node;
  g_autoptr(StrataNodeContext) ctx = strata_node_context_new (id, 0, NULL, NULL);
  g_autoptr(StrataData) t = strata_data_new_table (table);
  StrataData *in[2] = { model, t };
  StrataData *out[1] = { NULL };

  node_init (&node, id);
  if (!strata_node_type_run (node.type, ctx, node.params, in, out, error))
    g_assert_null (out[0]);
  node_clear (&node);
  return out[0];
}

/* Trains model.network on @train with @json settings (an object); the
 * network output. */
static StrataData *
train_network (StrataTable *train,
               const char  *json)
{
  g_autoptr(JsonNode) root = json_from_string (json, NULL);
  g_autoptr(GError) error = NULL;
  StrataData *out[2] = { NULL, NULL };
  JsonObject *o;
  GList *names;
  Node node;

  g_assert_nonnull (root);
  node_init (&node, "model.network");
  o = json_node_get_object (root);
  names = json_object_get_members (o);
  for (GList *l = names; l != NULL; l = l->next)
    {
      g_autofree char *value = json_to_string (json_object_get_member (o, l->data), FALSE);
      set_json (&node, l->data, value);
    }
  g_list_free (names);
  g_assert_true (run (&node, train, NULL, NULL, out, NULL, &error));
  g_assert_no_error (error);
  strata_data_unref (out[1]);
  node_clear (&node);
  return out[0];
}

/* The network's outputs for @table's @features, computed apart from
 * strata-model: the model file written by `strata run`, read back and run
 * forward on a tensor built here. Transfer full [n, outputs]. */
static StrataTensor *
outputs_from_file (StrataData         *model,
                   StrataTable        *table,
                   const char *const  *features)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("strata-eval-XXXXXX", &error);
  g_autofree char *written = NULL, *path = NULL;
  g_autoptr(StrataNetwork) net = NULL;
  g_autoptr(StrataTensor) x = NULL;
  gsize n = strata_table_get_n_rows (table), f = g_strv_length ((char **) features);
  StrataTensor *y;

  g_assert_no_error (error);
  g_assert_true (strata_data_save (model, dir, "net", "network", &written, &error));
  g_assert_no_error (error);
  path = g_build_filename (dir, written, NULL);
  net = strata_network_load (path, &error);
  g_assert_no_error (error);
  g_unlink (path);
  g_rmdir (dir);
  x = strata_tensor_new_2d (n, f);
  for (gsize j = 0; j < f; j++)
    {
      const double *v = strata_column_get_numeric (strata_table_lookup_column (table, features[j], NULL));

      for (gsize i = 0; i < n; i++)
        x->data[i * f + j] = (float) v[i];
    }
  y = strata_network_predict (net, x, 7);
  return y;
}

/* eval.predict's columns and eval.metrics' numbers, checked against the
 * network run by hand (softmax of its logits) and against accuracy, macro
 * F1 and the confusion matrix counted here from the predictions. */
static void
test_eval_classify (void)
{
  static const char *const features[] = { "x0", "x1", NULL };
  g_autoptr(StrataTable) train = separable_table (400, 1);
  g_autoptr(StrataTable) test = separable_table (300, 4);
  g_autoptr(StrataData) model = NULL, predictions = NULL, metrics = NULL;
  g_autoptr(StrataTensor) logits = NULL;
  g_autoptr(GError) error = NULL;
  StrataMetrics *m;
  StrataTable *pred;
  const gint32 *truth, *guess;
  const char *const *labels;
  const gsize *counts;
  gsize confusion[2][2] = { { 0 } }, right = 0, n = strata_table_get_n_rows (test);
  double f1 = 0, v;

  model = train_network (train, "{\"target\": \"side\", \"epochs\": 20, \"batch_size\": 40, "
                         "\"learning_rate\": 0.02, \"layers\": [{\"type\": \"dense\", "
                         "\"out_features\": 8}, {\"type\": \"tanh\"}]}");
  predictions = run_eval ("eval.predict", model, test, &error);
  g_assert_no_error (error);
  pred = strata_data_get_payload (predictions, STRATA_DATA_PREDICTIONS);
  g_assert_nonnull (pred);
  g_assert_cmpuint (strata_table_get_n_columns (pred), ==, 3 + 3);
  g_assert_cmpstr (strata_column_get_category (strata_table_lookup_column (pred, "prediction", NULL), 1),
                   ==, "below");

  /* The probabilities are the softmax of the network's own outputs. */
  logits = outputs_from_file (model, test, features);
  guess = strata_column_get_codes (strata_table_lookup_column (pred, "prediction", NULL));
  for (gsize i = 0; i < n; i++)
    {
      double z0 = logits->data[2 * i], z1 = logits->data[2 * i + 1];
      double p1 = 1.0 / (1.0 + exp (z0 - z1));

      g_assert_cmpfloat_with_epsilon (strata_column_get_numeric (
                                        strata_table_lookup_column (pred, "proba_below", NULL))[i], p1, 1e-6);
      g_assert_cmpfloat_with_epsilon (strata_column_get_numeric (
                                        strata_table_lookup_column (pred, "proba_above", NULL))[i], 1 - p1, 1e-6);
      if (fabs (z0 - z1) > 1e-4)
        g_assert_cmpint (guess[i], ==, z1 > z0 ? 1 : 0);
    }

  /* The metrics, counted from the predictions. */
  metrics = run_eval ("eval.metrics", model, test, &error);
  g_assert_no_error (error);
  m = strata_data_get_payload (metrics, STRATA_DATA_METRICS);
  truth = strata_column_get_codes (strata_table_lookup_column (test, "side", NULL));
  for (gsize i = 0; i < n; i++)
    {
      confusion[truth[i]][guess[i]]++;
      right += truth[i] == guess[i];
    }
  for (guint c = 0; c < 2; c++)
    {
      double tp = confusion[c][c], fp = confusion[1 - c][c], fn = confusion[c][1 - c];
      f1 += (tp > 0 ? 2 * tp / (2 * tp + fp + fn) : 0) / 2;
    }
  g_assert_true (strata_metrics_lookup (m, "accuracy", &v));
  g_assert_cmpfloat_with_epsilon (v, (double) right / n, 1e-12);
  g_assert_cmpfloat (v, >=, 0.9);
  g_assert_true (strata_metrics_lookup (m, "macro_f1", &v));
  g_assert_cmpfloat_with_epsilon (v, f1, 1e-12);
  g_assert_cmpuint (strata_metrics_get_confusion (m, &labels, &counts), ==, 2);
  g_assert_cmpstr (labels[0], ==, "above");
  g_assert_cmpstr (labels[1], ==, "below");
  g_assert_cmpmem (counts, 4 * sizeof (gsize), confusion, sizeof confusion);
}

/* n rows of x0, x1 in [-1, 1] and y = 0.5·x0 - 0.3·x1 + 0.1. */
static StrataTable *
linear_table (gsize   n,
              guint32 seed)
{
  g_autoptr(GRand) rng = g_rand_new_with_seed (seed);
  GArray *a[3];
  StrataColumn *cols[3];
  static const char *const names[] = { "x0", "x1", "y" };
  StrataTable *t;

  for (guint c = 0; c < 3; c++)
    a[c] = g_array_new (FALSE, FALSE, sizeof (double));
  for (gsize i = 0; i < n; i++)
    {
      double x0 = g_rand_double_range (rng, -1, 1), x1 = g_rand_double_range (rng, -1, 1);
      double y = 0.5 * x0 - 0.3 * x1 + 0.1;

      g_array_append_val (a[0], x0);
      g_array_append_val (a[1], x1);
      g_array_append_val (a[2], y);
    }
  for (guint c = 0; c < 3; c++)
    cols[c] = numeric (names[c], a[c]);
  t = strata_table_new (cols, 3, NULL);
  for (guint c = 0; c < 3; c++)
    strata_column_unref (cols[c]);
  return t;
}

/* A regression network: the prediction column is its output, rmse and r2
 * are computed here from that column and the target. */
static void
test_eval_regress (void)
{
  static const char *const features[] = { "x0", "x1", NULL };
  g_autoptr(StrataTable) train = linear_table (300, 5);
  g_autoptr(StrataTable) test = linear_table (100, 6);
  g_autoptr(StrataData) model = NULL, predictions = NULL, metrics = NULL;
  g_autoptr(StrataTensor) out = NULL;
  g_autoptr(GError) error = NULL;
  const double *y, *p;
  double sse = 0, sst = 0, mean = 0, v;
  gsize n = strata_table_get_n_rows (test);

  model = train_network (train, "{\"target\": \"y\", \"loss\": \"mse\", \"epochs\": 30, "
                         "\"batch_size\": 20, \"learning_rate\": 0.01}");
  predictions = run_eval ("eval.predict", model, test, &error);
  g_assert_no_error (error);
  p = strata_column_get_numeric (strata_table_lookup_column (
        strata_data_get_payload (predictions, STRATA_DATA_PREDICTIONS), "prediction", NULL));
  g_assert_nonnull (p);
  out = outputs_from_file (model, test, features);
  y = strata_column_get_numeric (strata_table_lookup_column (test, "y", NULL));
  for (gsize i = 0; i < n; i++)
    {
      g_assert_cmpfloat_with_epsilon (p[i], out->data[i], 1e-6);
      mean += y[i] / n;
    }
  for (gsize i = 0; i < n; i++)
    {
      sse += (y[i] - p[i]) * (y[i] - p[i]);
      sst += (y[i] - mean) * (y[i] - mean);
    }
  metrics = run_eval ("eval.metrics", model, test, &error);
  g_assert_no_error (error);
  g_assert_true (strata_metrics_lookup (strata_data_get_payload (metrics, STRATA_DATA_METRICS), "rmse", &v));
  g_assert_cmpfloat_with_epsilon (v, sqrt (sse / n), 1e-12);
  g_assert_cmpfloat (v, <, 0.1);
  g_assert_true (strata_metrics_lookup (strata_data_get_payload (metrics, STRATA_DATA_METRICS), "r2", &v));
  g_assert_cmpfloat_with_epsilon (v, 1 - sse / sst, 1e-12);
  g_assert_cmpuint (strata_metrics_get_confusion (strata_data_get_payload (metrics, STRATA_DATA_METRICS),
                                                  NULL, NULL), ==, 0);
}

/* A binary_cross_entropy network is a two-class classifier: proba of the
 * second class is its sigmoid output, and the class is 1 when it is ≥ 0.5. */
static void
test_eval_binary (void)
{
  static const char *const features[] = { "x0", "x1", NULL };
  g_autoptr(StrataTable) train = separable_table (400, 1);
  g_autoptr(StrataTable) test = separable_table (200, 7);
  g_autoptr(StrataData) model = NULL, predictions = NULL, metrics = NULL;
  g_autoptr(StrataTensor) p = NULL;
  g_autoptr(GError) error = NULL;
  StrataTable *pred;
  const gint32 *truth, *guess;
  const double *proba;
  gsize right = 0, n = strata_table_get_n_rows (test);
  double v;

  model = train_network (train, "{\"target\": \"side\", \"loss\": \"binary_cross_entropy\", "
                         "\"epochs\": 20, \"batch_size\": 40, \"learning_rate\": 0.02}");
  predictions = run_eval ("eval.predict", model, test, &error);
  g_assert_no_error (error);
  pred = strata_data_get_payload (predictions, STRATA_DATA_PREDICTIONS);
  p = outputs_from_file (model, test, features);
  guess = strata_column_get_codes (strata_table_lookup_column (pred, "prediction", NULL));
  proba = strata_column_get_numeric (strata_table_lookup_column (pred, "proba_below", NULL));
  truth = strata_column_get_codes (strata_table_lookup_column (test, "side", NULL));
  for (gsize i = 0; i < n; i++)
    {
      g_assert_cmpfloat_with_epsilon (proba[i], p->data[i], 1e-6);
      g_assert_cmpint (guess[i], ==, p->data[i] >= 0.5f ? 1 : 0);
      right += guess[i] == truth[i];
    }
  metrics = run_eval ("eval.metrics", model, test, &error);
  g_assert_no_error (error);
  g_assert_true (strata_metrics_lookup (strata_data_get_payload (metrics, STRATA_DATA_METRICS),
                                        "accuracy", &v));
  g_assert_cmpfloat_with_epsilon (v, (double) right / n, 1e-12);
  g_assert_cmpfloat (v, >=, 0.9);
  g_assert_true (strata_metrics_lookup (strata_data_get_payload (metrics, STRATA_DATA_METRICS),
                                        "roc_auc", &v));
}

/* data.idx's table of MNIST images, 1,000 to train and 300 to test: the
 * test table feeds eval.metrics as the training one feeds model.network.
 * Given the same 300 images as its validation input, the trainer counts
 * its own val_accuracy and val_loss (strata_train_evaluate): eval.metrics'
 * accuracy and log loss must agree. */
static void
test_eval_mnist (void)
{
  g_autoptr(StrataRegistry) registry = strata_registry_new_default ();
  g_autoptr(StrataWorkflow) wf = strata_workflow_new (registry);
  g_autoptr(StrataExecutor) ex = strata_executor_new ();
  g_autoptr(StrataNodeResult) net = NULL, metrics = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (g_getenv ("STRATA_SOURCE_ROOT"), "data", "datasets",
                                           "mnist", NULL);
  g_autofree char *train = g_build_filename (dir, "train-images-idx3-ubyte.gz", NULL);
  g_autofree char *test = g_build_filename (dir, "t10k-images-idx3-ubyte.gz", NULL);
  g_autoptr(JsonNode) path = json_node_new (JSON_NODE_VALUE);
  double val_accuracy, val_loss, accuracy, log_loss, confusion_total = 0;
  const gsize *counts;

  g_assert_nonnull (strata_workflow_add_node (wf, "data.idx", "train", 0, 0, &error));
  json_node_set_string (path, train);
  g_assert_true (strata_workflow_set_param (wf, "train", "path", path, &error));
  g_assert_true (strata_workflow_apply_setting (wf, "train.max_items=1000", &error));
  g_assert_nonnull (strata_workflow_add_node (wf, "data.idx", "test", 0, 0, &error));
  json_node_set_string (path, test);
  g_assert_true (strata_workflow_set_param (wf, "test", "path", path, &error));
  g_assert_true (strata_workflow_apply_setting (wf, "test.max_items=300", &error));
  g_assert_nonnull (strata_workflow_add_node (wf, "model.network", "net", 0, 0, &error));
  g_assert_true (strata_workflow_apply_setting (wf, "net.target=label", &error));
  g_assert_true (strata_workflow_apply_setting (wf, "net.epochs=2", &error));
  g_assert_true (strata_workflow_apply_setting (wf, "net.learning_rate=0.003", &error));
  g_assert_true (strata_workflow_apply_setting (wf, "net.n_jobs=2", &error));
  g_assert_true (strata_workflow_apply_setting (wf, "net.input_shape=[1, 28, 28]", &error));
  g_assert_true (strata_workflow_apply_setting (
                   wf, "net.layers=[{\"type\": \"conv2d\", \"out_channels\": 4, \"kernel_size\": 5}, "
                   "{\"type\": \"relu\"}, {\"type\": \"maxpool2d\", \"kernel_size\": 2}]", &error));
  g_assert_nonnull (strata_workflow_add_node (wf, "eval.metrics", "metrics", 0, 0, &error));
  g_assert_true (strata_workflow_connect (wf, "train", "table", "net", "table", &error));
  g_assert_true (strata_workflow_connect (wf, "test", "table", "net", "validation", &error));
  g_assert_true (strata_workflow_connect (wf, "net", "network", "metrics", "model", &error));
  g_assert_true (strata_workflow_connect (wf, "test", "table", "metrics", "table", &error));
  g_assert_no_error (error);
  g_assert_true (strata_executor_run (ex, wf, NULL, &error));
  g_assert_no_error (error);

  net = strata_executor_dup_result (ex, "net");
  metrics = strata_executor_dup_result (ex, "metrics");
  g_assert_true (strata_metrics_lookup (net->metrics, "val_accuracy", &val_accuracy));
  g_assert_true (strata_metrics_lookup (net->metrics, "val_loss", &val_loss));
  g_assert_true (strata_metrics_lookup (metrics->metrics, "accuracy", &accuracy));
  g_assert_true (strata_metrics_lookup (metrics->metrics, "log_loss", &log_loss));
  g_test_message ("MNIST 1,000 / 300: accuracy %.4f (val %.4f), log loss %.5f (val %.5f)",
                  accuracy, val_accuracy, log_loss, val_loss);
  g_assert_cmpfloat (accuracy, >=, 0.8);
  g_assert_cmpfloat_with_epsilon (accuracy, val_accuracy, 1e-12);
  g_assert_cmpfloat_with_epsilon (log_loss, val_loss, 1e-5);
  {
    g_autoptr(StrataData) out = strata_executor_dup_output (ex, "metrics", "metrics");
    const char *const *labels;

    g_assert_cmpuint (strata_metrics_get_confusion (strata_data_get_payload (out, STRATA_DATA_METRICS),
                                                    &labels, &counts), ==, 10);
    g_assert_cmpstr (labels[7], ==, "7");
    for (guint i = 0; i < 100; i++)
      confusion_total += counts[i];
    g_assert_cmpfloat (confusion_total, ==, 300);
  }
}

/* @t without column @drop, plus @extra (nullable). */
static StrataTable *
reshape_table (StrataTable  *t,
               const char   *drop,
               StrataColumn *extra)
{
  g_autoptr(GPtrArray) cols = g_ptr_array_new ();

  for (guint c = 0; c < strata_table_get_n_columns (t); c++)
    if (g_strcmp0 (strata_column_get_name (strata_table_get_column (t, c)), drop) != 0)
      g_ptr_array_add (cols, strata_table_get_column (t, c));
  if (extra != NULL)
    g_ptr_array_add (cols, extra);
  return strata_table_new ((StrataColumn **) cols->pdata, cols->len, NULL);
}

static void
expect_eval_error (const char  *id,
                   StrataData  *model,
                   StrataTable *table,
                   const char  *message_part)
{
  g_autoptr(GError) error = NULL;
  StrataData *out = run_eval (id, model, table, &error);

  g_assert_null (out);
  g_assert_nonnull (error);
  if (strstr (error->message, message_part) == NULL)
    g_error ("%s: “%s” does not mention “%s”", id, error->message, message_part);
}

/* Rows the network cannot take are refused with the column or the shape;
 * through the executor the message also names the node. */
static void
test_eval_errors (void)
{
  g_autoptr(StrataTable) train = separable_table (40, 1);
  g_autoptr(StrataTable) test = separable_table (10, 2);
  g_autoptr(StrataData) model = NULL, not_a_model = strata_data_new_table (test);
  g_autoptr(StrataTable) no_target = reshape_table (test, "side", NULL);
  g_autoptr(StrataTable) no_x1 = reshape_table (test, "x1", NULL);
  g_autoptr(StrataColumn) text = strata_column_new_text ("x1", g_new0 (char *, 10), 10, NULL);
  g_autoptr(StrataTable) text_x1 = reshape_table (test, "x1", text);
  g_autoptr(StrataColumn) extra = strata_column_new_numeric ("x2", g_new0 (double, 10), 10);
  g_autoptr(StrataTable) wider = reshape_table (test, NULL, extra);
  g_autoptr(StrataRegistry) registry = strata_registry_new_default ();
  g_autoptr(StrataWorkflow) wf = strata_workflow_new (registry);
  g_autoptr(StrataExecutor) ex = strata_executor_new ();
  g_autoptr(StrataNodeResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *iris = g_build_filename (g_getenv ("STRATA_SOURCE_ROOT"), "data", "datasets",
                                            "iris.csv", NULL);
  g_autoptr(JsonNode) path = json_node_new (JSON_NODE_VALUE);

  g_autoptr(StrataColumn) unseen = NULL;
  g_autoptr(StrataTable) unseen_class = NULL;
  gint32 *codes = g_new0 (gint32, 10);
  char **names = g_new0 (char *, 4);

  /* row 1 has no target (left out), row 3 a class training never saw */
  names[0] = g_strdup ("above");
  names[1] = g_strdup ("below");
  names[2] = g_strdup ("left");
  codes[0] = -1;
  codes[2] = 2;
  unseen = strata_column_new_categorical ("side", codes, 10, names);
  unseen_class = reshape_table (test, "side", unseen);

  model = train_network (train, "{\"target\": \"side\", \"epochs\": 1}");
  expect_eval_error ("eval.metrics", model, unseen_class,
                     "input “table”: column “side”, row 3: class “left” was not seen in training");
  expect_eval_error ("eval.metrics", model, no_target, "input “table”: the table has no target column “side”");
  expect_eval_error ("eval.predict", model, no_x1, "input “table”: no column “x1”");
  expect_eval_error ("eval.metrics", model, text_x1, "column “x1” is not numeric");
  expect_eval_error ("eval.predict", model, wider, "rows of shape [2]");
  expect_eval_error ("eval.metrics", not_a_model, test, "input “model”: expects a fitted model");

  /* iris → network; iris without petal_width → eval.metrics. */
  json_node_set_string (path, iris);
  g_assert_nonnull (strata_workflow_add_node (wf, "data.csv", "iris", 0, 0, &error));
  g_assert_true (strata_workflow_set_param (wf, "iris", "path", path, &error));
  g_assert_nonnull (strata_workflow_add_node (wf, "model.network", "net", 0, 0, &error));
  g_assert_true (strata_workflow_apply_setting (wf, "net.target=species", &error));
  g_assert_true (strata_workflow_apply_setting (wf, "net.epochs=1", &error));
  g_assert_nonnull (strata_workflow_add_node (wf, "clean.select", "select", 0, 0, &error));
  g_assert_true (strata_workflow_apply_setting (wf, "select.drop=[\"petal_width\"]", &error));
  g_assert_nonnull (strata_workflow_add_node (wf, "eval.metrics", "metrics", 0, 0, &error));
  g_assert_true (strata_workflow_connect (wf, "iris", "table", "net", "table", &error));
  g_assert_true (strata_workflow_connect (wf, "iris", "table", "select", "table", &error));
  g_assert_true (strata_workflow_connect (wf, "net", "network", "metrics", "model", &error));
  g_assert_true (strata_workflow_connect (wf, "select", "table", "metrics", "table", &error));
  g_assert_no_error (error);
  g_assert_false (strata_executor_run (ex, wf, NULL, &error));
  g_clear_error (&error);
  result = strata_executor_dup_result (ex, "metrics");
  g_assert_cmpint (result->status, ==, STRATA_NODE_STATUS_FAILED);
  g_test_message ("%s", result->error->message);
  g_assert_nonnull (strstr (result->error->message, "node “metrics” (eval.metrics): input “table”"));
  g_assert_nonnull (strstr (result->error->message, "“petal_width”"));
}

/* A "model" port takes a tree or a network, never a table: in the kind
 * rule, when linking, and with the reason the canvas shows. */
static void
test_model_ports (void)
{
  g_autoptr(StrataRegistry) registry = strata_registry_new_default ();
  g_autoptr(StrataWorkflow) wf = strata_workflow_new (registry);
  g_autoptr(GError) error = NULL;
  static const char *const nodes[][2] = {
    { "data.csv", "csv" }, { "model.network", "net" }, { "model.tree", "tree" },
    { "eval.predict", "predict" }, { "eval.metrics", "metrics" },
  };

  g_assert_true (strata_data_kind_compatible (STRATA_DATA_NETWORK, STRATA_DATA_MODEL));
  g_assert_true (strata_data_kind_compatible (STRATA_DATA_TREE, STRATA_DATA_MODEL));
  g_assert_false (strata_data_kind_compatible (STRATA_DATA_TABLE, STRATA_DATA_MODEL));
  g_assert_false (strata_data_kind_compatible (STRATA_DATA_MODEL, STRATA_DATA_NETWORK));
  g_assert_false (strata_data_kind_compatible (STRATA_DATA_NETWORK, STRATA_DATA_TREE));

  for (guint i = 0; i < G_N_ELEMENTS (nodes); i++)
    g_assert_nonnull (strata_workflow_add_node (wf, nodes[i][0], nodes[i][1], 0, 0, &error));
  g_assert_true (strata_workflow_connect (wf, "net", "network", "predict", "model", &error));
  g_assert_true (strata_workflow_connect (wf, "tree", "model", "metrics", "model", &error));
  g_assert_no_error (error);
  g_assert_true (strata_workflow_disconnect (wf, "metrics", "model"));
  g_assert_false (strata_workflow_connect (wf, "csv", "table", "metrics", "model", &error));
  g_assert_error (error, STRATA_WORKFLOW_ERROR, STRATA_WORKFLOW_ERROR_KIND);
  g_assert_nonnull (strstr (error->message, "joins a table output to a model input"));
  g_clear_error (&error);
  g_assert_false (strata_workflow_connect (wf, "net", "history", "metrics", "model", &error));
  g_assert_error (error, STRATA_WORKFLOW_ERROR, STRATA_WORKFLOW_ERROR_KIND);
}

/* The saved weights after training with n_jobs = @n_jobs. */
static GBytes *
weights_with_jobs (StrataTable *train,
                   guint        n_jobs)
{
  g_autofree char *json = g_strdup_printf ("{\"target\": \"side\", \"epochs\": 5, \"batch_size\": 40, "
                                           "\"seed\": 3, \"n_jobs\": %u}", n_jobs);
  g_autoptr(StrataData) model = train_network (train, json);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("strata-jobs-XXXXXX", &error);
  g_autofree char *written = NULL, *path = NULL, *contents = NULL;
  gsize length;

  g_assert_true (strata_data_save (model, dir, "net", "network", &written, &error));
  path = g_build_filename (dir, written, NULL);
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  g_unlink (path);
  g_rmdir (dir);
  return g_bytes_new (contents, length);
}

/* The same n_jobs gives the same weights bit for bit. One and two threads
 * sum each batch's gradient in a different order (two shards), so their
 * weights differ in the last bits: n_jobs does reach the trainer. */
static void
test_n_jobs (void)
{
  g_autoptr(StrataTable) train = separable_table (400, 1);
  g_autoptr(GBytes) one_a = weights_with_jobs (train, 1);
  g_autoptr(GBytes) one_b = weights_with_jobs (train, 1);
  g_autoptr(GBytes) two_a = weights_with_jobs (train, 2);
  g_autoptr(GBytes) two_b = weights_with_jobs (train, 2);

  g_assert_true (g_bytes_equal (one_a, one_b));
  g_assert_true (g_bytes_equal (two_a, two_b));
  g_assert_false (g_bytes_equal (one_a, two_a));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/NodesNetwork/classify-table", test_classify_table);
  g_test_add_func ("/NodesNetwork/errors", test_errors);
  g_test_add_func ("/NodesNetwork/idx-table", test_idx_table);
  g_test_add_func ("/NodesNetwork/examples", test_examples);
  g_test_add_func ("/NodesNetwork/eval-classify", test_eval_classify);
  g_test_add_func ("/NodesNetwork/eval-regress", test_eval_regress);
  g_test_add_func ("/NodesNetwork/eval-binary", test_eval_binary);
  g_test_add_func ("/NodesNetwork/eval-mnist", test_eval_mnist);
  g_test_add_func ("/NodesNetwork/eval-errors", test_eval_errors);
  g_test_add_func ("/NodesNetwork/model-ports", test_model_ports);
  g_test_add_func ("/NodesNetwork/n-jobs", test_n_jobs);
  return g_test_run ();
}
