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
 * must end with a validation MSE below that of predicting the scaled mean.
 */

#include <math.h>
#include <string.h>

#include "strata-executor.h"
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
 * airline one runs end to end. Its validation rows are the last 24 months,
 * scaled with the training months' min and max; the LSTM must beat the
 * constant prediction of their mean (MSE = their variance). */
static void
test_examples (void)
{
  g_autoptr(StrataRegistry) registry = strata_registry_new_default ();
  g_autoptr(StrataWorkflow) lenet = load_example (registry, "mnist-lenet.strata");
  g_autoptr(StrataWorkflow) mlp = load_example (registry, "mnist-mlp.strata");
  g_autoptr(StrataWorkflow) airline = load_example (registry, "airline-lstm.strata");
  g_autoptr(StrataExecutor) ex = strata_executor_new ();
  g_autoptr(StrataNodeResult) result = NULL;
  g_autoptr(StrataData) test = NULL;
  g_autoptr(GError) error = NULL;
  const double *v;
  double val_loss, mean = 0, var = 0;
  gsize n;

  g_assert_true (strata_executor_run (ex, airline, NULL, &error));
  g_assert_no_error (error);
  result = strata_executor_dup_result (ex, "lstm");
  g_assert_true (strata_metrics_lookup (result->metrics, "val_loss", &val_loss));
  test = strata_executor_dup_output (ex, "scale", "test");
  v = strata_column_get_numeric (strata_table_lookup_column (strata_data_get_table (test),
                                                             "target", NULL));
  n = strata_table_get_n_rows (strata_data_get_table (test));
  g_assert_cmpuint (n, ==, 24);
  for (gsize i = 0; i < n; i++)
    mean += v[i] / n;
  for (gsize i = 0; i < n; i++)
    var += (v[i] - mean) * (v[i] - mean) / n;
  g_test_message ("airline example: validation MSE %.5f, variance %.5f", val_loss, var);
  g_assert_cmpfloat (val_loss, <, var);
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
  return g_test_run ();
}
