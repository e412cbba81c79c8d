/* strata-nodes-network.c — the data.idx and model.network node types
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * Networks meet the workflow through tables. data.idx turns MNIST-style IDX
 * files into a table (one numeric column per pixel, "pixel0" …, plus
 * "label"), as Kaggle's MNIST CSV; clean.window turns a series into one
 * column per lag. model.network takes its feature columns in order, reshapes
 * each row to the network's per-sample input (input_shape: [784] by
 * default, [1, 28, 28] for a CNN, [12, 1] for an LSTM over 12 lags), and
 * trains with strata-train. The layer stack is the `layers` parameter
 * without its output layer: the node adds a dense layer sized from the
 * target (one unit per class for cross_entropy, one for mse, one plus a
 * sigmoid for binary_cross_entropy), so the last layer always fits the
 * data.
 *
 * Training events go to the node context unchanged in content: one
 * TRAIN_STEP per batch, one TRAIN_EPOCH per epoch with loss, val_loss,
 * accuracy, val_accuracy, learning_rate and samples_per_second. Outputs:
 * `network` (a StrataNetworkModel, strata-network-model.c: the network, its
 * features, target and classes; a fitted model for eval.predict and
 * eval.metrics, saved in Strata's model format, docs/nn.md) and `history`
 * (per-epoch and per-step tables, saved as ID.history.csv and
 * ID.history-steps.csv). n_jobs is the trainer's thread count (and with it
 * the summation order of the gradients), so fixing it fixes the run.
 */

#include "strata-node.h"

#include <math.h>
#include <string.h>

#include "strata-csv.h"
#include "strata-idx.h"
#include "strata-network-model-private.h"
#include "strata-train.h"

/* --- data.idx ----------------------------------------------------------------- */

static const StrataPortSpec idx_out[] = {
  { "table", STRATA_DATA_TABLE, "One row per image: pixel0 … pixelN (0–1) and label" },
  { NULL }
};

static const StrataParamSpec idx_params[] = {
  { .name = "path", .type = STRATA_PARAM_PATH, .nullable = TRUE,
    .help = "IDX images file (plain or .gz), e.g. train-images-idx3-ubyte.gz" },
  { .name = "labels", .type = STRATA_PARAM_PATH, .nullable = TRUE,
    .help = "IDX labels file (empty: the images file's name with images-idx3 → labels-idx1)" },
  { .name = "max_items", .type = STRATA_PARAM_INT, .range = "[0, 100000000]",
    .unit = "images", .default_value = "0", .help = "Read only the first images (0: all)" },
  { NULL }
};

/* "…/train-images-idx3-ubyte.gz" → "…/train-labels-idx1-ubyte.gz", or NULL. */
static char *
guess_labels_path (const char *images)
{
  g_autofree char *base = g_path_get_basename (images);
  g_autofree char *dir = g_path_get_dirname (images);
  char *at = strstr (base, "images-idx3");
  g_autofree char *name = NULL;

  if (at == NULL)
    return NULL;
  name = g_strdup_printf ("%.*slabels-idx1%s", (int) (at - base), base, at + strlen ("images-idx3"));
  return g_build_filename (dir, name, NULL);
}

static gboolean
run_idx (StrataNodeContext *ctx, StrataParams *params, StrataData **in,
         StrataData **out, GError **error)
{
  const char *path = strata_params_get_string (params, "path");
  const char *labels_param = strata_params_get_string (params, "labels");
  gsize max_items = (gsize) strata_params_get_int (params, "max_items");
  GCancellable *cancellable = strata_node_context_get_cancellable (ctx);
  g_autofree char *labels_path = NULL;
  g_autoptr(StrataTensor) x = NULL, y = NULL;
  g_autoptr(GPtrArray) cols = g_ptr_array_new_with_free_func ((GDestroyNotify) strata_column_unref);
  gsize n, size;
  StrataTable *t;

  if (path == NULL)
    {
      return strata_node_param_error (error, "path", "no images file given");
    }
  labels_path = labels_param != NULL && *labels_param != '\0' ? g_strdup (labels_param)
                                                              : guess_labels_path (path);
  strata_node_context_progress (ctx, -1, "reading images");
  x = strata_idx_read_images (path, max_items, cancellable, error);
  if (x == NULL)
    return FALSE;
  if (labels_path != NULL && g_file_test (labels_path, G_FILE_TEST_EXISTS))
    {
      y = strata_idx_read_labels (labels_path, max_items, cancellable, error);
      if (y == NULL)
        return FALSE;
      if (y->shape[0] != x->shape[0])
        {
          return strata_node_param_error (error, "labels", "%s holds %" G_GSIZE_FORMAT " labels for %"
                                          G_GSIZE_FORMAT " images", labels_path, y->shape[0], x->shape[0]);
        }
    }
  else if (labels_param != NULL && *labels_param != '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s: no such file", labels_param);
      return FALSE;
    }

  n = x->shape[0];
  size = strata_tensor_sample_size (x);
  for (gsize j = 0; j < size; j++)
    {
      double *v = g_new (double, n);
      g_autofree char *name = g_strdup_printf ("pixel%" G_GSIZE_FORMAT, j);

      for (gsize i = 0; i < n; i++)
        v[i] = x->data[i * size + j];
      g_ptr_array_add (cols, strata_column_new_numeric (name, v, n));
      if (j % 64 == 0 && strata_node_context_check_cancelled (ctx, error))
        return FALSE;
    }
  if (y != NULL)
    {
      double *v = g_new (double, n);
      for (gsize i = 0; i < n; i++)
        v[i] = y->data[i];
      g_ptr_array_add (cols, strata_column_new_numeric ("label", v, n));
    }
  t = strata_table_new ((StrataColumn **) cols->pdata, cols->len, error);
  if (t == NULL)
    return FALSE;
  strata_node_context_output_table (ctx, &out[0], t, TRUE);
  return TRUE;
}

/* Both files count: editing either reads the data again. */
static char *
idx_cache_salt (StrataParams *params)
{
  const char *path = strata_params_get_string (params, "path");
  const char *labels = strata_params_get_string (params, "labels");
  g_autofree char *guessed = path != NULL ? guess_labels_path (path) : NULL;
  g_autofree char *images_stamp = strata_node_file_stamp (path);
  g_autofree char *labels_stamp = strata_node_file_stamp (labels != NULL && *labels != '\0' ? labels : guessed);

  return g_strdup_printf ("images=%s labels=%s", images_stamp, labels_stamp);
}

/* --- The training history as a workflow value ------------------------------ */

typedef struct {
  StrataTable *epochs;   /* epoch, loss, accuracy, val_loss, val_accuracy, … */
  StrataTable *steps;    /* epoch, step, loss, learning_rate, samples_per_second */
} History;

static void
history_free (gpointer data)
{
  History *h = data;

  g_clear_pointer (&h->epochs, strata_table_unref);
  g_clear_pointer (&h->steps, strata_table_unref);
  g_free (h);
}

static gboolean
history_save (gpointer payload, const char *dir, const char *node_id,
              const char *port, char **written, GError **error)
{
  History *h = payload;
  g_autofree char *name = g_strdup_printf ("%s.history.csv", node_id);
  g_autofree char *steps_name = g_strdup_printf ("%s.history-steps.csv", node_id);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *steps_path = g_build_filename (dir, steps_name, NULL);

  if (!strata_csv_write_file (h->epochs, path, ',', error) ||
      !strata_csv_write_file (h->steps, steps_path, ',', error))
    return FALSE;
  *written = g_steal_pointer (&name);
  return TRUE;
}

static char *
history_describe (gpointer payload)
{
  History *h = payload;

  return g_strdup_printf ("history: %" G_GSIZE_FORMAT " epochs, %" G_GSIZE_FORMAT " steps",
                          strata_table_get_n_rows (h->epochs),
                          strata_table_get_n_rows (h->steps));
}

static const StrataDataType history_type = {
  .kind = STRATA_DATA_HISTORY, .free = history_free,
  .save = history_save, .describe = history_describe,
};

/* A table of numeric columns from @n_cols parallel GArrays of double. */
static StrataTable *
table_from_arrays (const char *const *names,
                   GArray           **arrays,
                   guint              n_cols)
{
  g_autoptr(GPtrArray) cols = g_ptr_array_new_with_free_func ((GDestroyNotify) strata_column_unref);

  for (guint c = 0; c < n_cols; c++)
    {
      gsize n = arrays[c]->len;
      g_ptr_array_add (cols, strata_column_new_numeric (names[c],
                                                        (double *) g_array_free (arrays[c], FALSE), n));
      arrays[c] = NULL;
    }
  return strata_table_new ((StrataColumn **) cols->pdata, n_cols, NULL);
}

/* --- model.network: reading tables into tensors ------------------------------ */

/* The feature columns: @names, or every numeric column but @target. */
static GPtrArray *
feature_columns (StrataTable *t,
                 char       **names,
                 const char  *target,
                 GError     **error)
{
  GPtrArray *cols = g_ptr_array_new ();

  if (names != NULL && names[0] != NULL)
    for (guint i = 0; names[i] != NULL; i++)
      {
        StrataColumn *c = strata_table_lookup_column (t, names[i], error);

        if (c == NULL)
          {
            g_prefix_error (error, "parameter “features”: ");
            g_ptr_array_unref (cols);
            return NULL;
          }
        g_ptr_array_add (cols, c);
      }
  else
    for (guint i = 0; i < strata_table_get_n_columns (t); i++)
      {
        StrataColumn *c = strata_table_get_column (t, i);

        if (strata_column_get_kind (c) == STRATA_COLUMN_NUMERIC &&
            g_strcmp0 (strata_column_get_name (c), target) != 0)
          g_ptr_array_add (cols, c);
      }
  if (cols->len == 0)
    {
      strata_node_param_error (error, "features", "the table has no numeric feature column");
      g_ptr_array_unref (cols);
      return NULL;
    }
  for (guint j = 0; j < cols->len; j++)
    {
      StrataColumn *c = g_ptr_array_index (cols, j);

      if (strata_column_get_kind (c) != STRATA_COLUMN_NUMERIC)
        {
          strata_node_param_error (error, "features", "column “%s” is %s; a network needs numbers "
                                   "(encode it with clean.one_hot first)", strata_column_get_name (c),
                                   strata_column_kind_to_string (strata_column_get_kind (c)));
          g_ptr_array_unref (cols);
          return NULL;
        }
    }
  return cols;
}

/* All rows of input @port as samples of @shape; errors name the input. */
static StrataTensor *
read_rows (StrataTable       *t,
           char *const       *names,
           const StrataShape *shape,
           const char        *port,
           GError           **error)
{
  StrataTensor *x = strata_network_features_tensor (t, names, 0, strata_table_get_n_rows (t),
                                                    shape, error);

  if (x == NULL)
    g_prefix_error (error, "input “%s”: ", port);
  return x;
}

/* Targets of @t for @loss: class indices (cross_entropy; *classes is set
 * from the training table when NULL and used to map validation rows) or
 * values. NULL + error naming the row otherwise. */
static StrataTensor *
target_tensor (StrataTable *t,
               const char  *target,
               StrataLoss   loss,
               char      ***classes,
               const char  *what,
               GError     **error)
{
  StrataColumn *c = strata_table_lookup_column (t, target, error);
  gsize n = strata_table_get_n_rows (t);
  g_autoptr(StrataTensor) y = NULL;

  if (c == NULL)
    {
      g_prefix_error (error, "parameter “target”: ");
      return NULL;
    }
  if (strata_column_get_n_missing (c) > 0)
    {
      g_set_error (error, STRATA_NODE_ERROR, STRATA_NODE_ERROR_INPUT,
                   "%s: the target “%s” has missing values; drop those rows first", what, target);
      return NULL;
    }
  y = loss == STRATA_LOSS_CROSS_ENTROPY ? strata_tensor_new_1d (n) : strata_tensor_new_2d (n, 1);

  if (strata_column_get_kind (c) == STRATA_COLUMN_CATEGORICAL && loss != STRATA_LOSS_MSE)
    {
      const gint32 *codes = strata_column_get_codes (c);
      const char *const *names = strata_column_get_categories (c);

      if (*classes == NULL)
        *classes = g_strdupv ((char **) names);
      for (gsize i = 0; i < n; i++)
        {
          const char *name = names[codes[i]];
          gint k = -1;

          for (guint j = 0; (*classes)[j] != NULL && k < 0; j++)
            if (g_str_equal ((*classes)[j], name))
              k = (gint) j;
          if (k < 0)
            {
              g_set_error (error, STRATA_NODE_ERROR, STRATA_NODE_ERROR_INPUT,
                           "%s: row %" G_GSIZE_FORMAT " has the class “%s”, which the "
                           "training rows do not have", what, i + 1, name);
              return NULL;
            }
          y->data[i] = (float) k;
        }
      return g_steal_pointer (&y);
    }
  if (strata_column_get_kind (c) != STRATA_COLUMN_NUMERIC)
    {
      strata_node_param_error (error, "target", "column “%s” is %s; %s needs a numeric target", target,
                               strata_column_kind_to_string (strata_column_get_kind (c)),
                               strata_loss_to_string (loss));
      return NULL;
    }
  {
    const double *v = strata_column_get_numeric (c);
    double top = 0;

    for (gsize i = 0; i < n; i++)
      {
        if (loss == STRATA_LOSS_CROSS_ENTROPY && !(v[i] >= 0 && v[i] == floor (v[i]) && v[i] < 65536))
          {
            g_set_error (error, STRATA_NODE_ERROR, STRATA_NODE_ERROR_INPUT,
                         "%s: row %" G_GSIZE_FORMAT " of the target “%s” holds %g; "
                         "cross_entropy needs class numbers 0, 1, 2, … (or a categorical column)",
                         what, i + 1, target, v[i]);
            return NULL;
          }
        top = MAX (top, v[i]);
        y->data[i] = (float) v[i];
      }
    if (loss == STRATA_LOSS_CROSS_ENTROPY && *classes == NULL)
      {
        guint k = (guint) top + 1;

        *classes = g_new0 (char *, k + 1);
        for (guint j = 0; j < k; j++)
          (*classes)[j] = g_strdup_printf ("%u", j);
      }
  }
  return g_steal_pointer (&y);
}

/* The per-sample input shape: input_shape, or [features]. */
static gboolean
input_shape (JsonNode    *node,
             gsize        n_features,
             StrataShape *shape,
             GError     **error)
{
  JsonArray *a;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      *shape = strata_shape_1d (n_features);
      return TRUE;
    }
  a = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  if (a == NULL || json_array_get_length (a) < 1 || json_array_get_length (a) > 3)
    {
      strata_node_param_error (error, "input_shape", "must be null or an array of 1 to 3 sizes, e.g. [1, 28, 28]");
      return FALSE;
    }
  shape->ndim = json_array_get_length (a);
  for (guint i = 0; i < 3; i++)
    shape->dim[i] = 1;
  for (guint i = 0; i < shape->ndim; i++)
    {
      JsonNode *d = json_array_get_element (a, i);
      gint64 v = JSON_NODE_HOLDS_VALUE (d) && json_node_get_value_type (d) == G_TYPE_INT64
                   ? json_node_get_int (d) : 0;

      if (v < 1 || v > (1 << 24))
        {
          strata_node_param_error (error, "input_shape", "size %u must be a positive integer", i);
          return FALSE;
        }
      shape->dim[i] = (gsize) v;
    }
  if (strata_shape_size (shape) != n_features)
    {
      g_autofree char *s = strata_shape_to_string (shape);
      strata_node_param_error (error, "input_shape", "%s holds %" G_GSIZE_FORMAT " values per row but "
                               "there are %" G_GSIZE_FORMAT " feature columns", s,
                               strata_shape_size (shape), n_features);
      return FALSE;
    }
  return TRUE;
}

/* {"input": shape, "layers": layers + the output layer for @loss}. */
static JsonNode *
describe_network (const StrataShape *shape,
                  JsonNode          *layers,
                  StrataLoss         loss,
                  guint              n_outputs,
                  GError           **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  JsonArray *a;

  if (layers == NULL || !JSON_NODE_HOLDS_ARRAY (layers))
    {
      strata_node_param_error (error, "layers", "must be an array of layer objects, e.g. "
                               "[{\"type\": \"dense\", \"out_features\": 64}, {\"type\": \"relu\"}]");
      return NULL;
    }
  a = json_node_get_array (layers);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "input");
  json_builder_begin_array (b);
  for (guint i = 0; i < shape->ndim; i++)
    json_builder_add_int_value (b, (gint64) shape->dim[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "layers");
  json_builder_begin_array (b);
  for (guint i = 0; i < json_array_get_length (a); i++)
    json_builder_add_value (b, json_node_copy (json_array_get_element (a, i)));
  if (shape->ndim > 1 && json_array_get_length (a) > 0)
    {
      /* A CNN or an LSTM without return_sequences ends flat; a flatten
       * layer is harmless when it already is. */
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, "flatten");
      json_builder_end_object (b);
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "dense");
  json_builder_set_member_name (b, "out_features");
  json_builder_add_int_value (b, n_outputs);
  json_builder_end_object (b);
  if (loss == STRATA_LOSS_BINARY_CROSS_ENTROPY)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, "sigmoid");
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* --- model.network: training ------------------------------------------------ */

enum { H_EPOCH, H_LOSS, H_ACCURACY, H_VAL_LOSS, H_VAL_ACCURACY, H_LR, H_SPS, H_SECONDS, N_H };
enum { S_EPOCH, S_STEP, S_LOSS, S_LR, S_SPS, N_S };

static const char *const epoch_columns[] = {
  "epoch", "loss", "accuracy", "val_loss", "val_accuracy", "learning_rate",
  "samples_per_second", "seconds",
};
static const char *const step_columns[] = {
  "epoch", "step", "loss", "learning_rate", "samples_per_second",
};

typedef struct {
  StrataNodeContext *ctx;
  GArray            *epochs[N_H];
  GArray            *steps[N_S];
  guint64            total_steps;
  gsize              batch_size;
  gsize              n_train;
  StrataTrainInfo    info;
  GCancellable      *stop;   /* the trainer's: the run's, or the user's Stop */
} Progress;

static void
push (GArray *a,
      double  v)
{
  g_array_append_val (a, v);
}

/* Forwards the trainer's events to the node context and records history. */
static void
on_train_event (const StrataTrainEvent *ev,
                gpointer                user_data)
{
  Progress *p = user_data;

  if (ev->kind == STRATA_TRAIN_EVENT_STEP)
    {
      guint64 samples = MIN ((guint64) (ev->epoch - 1) * p->n_train +
                             (guint64) ev->step * p->batch_size,
                             (guint64) ev->epoch * p->n_train);

      if (ev->learning_rate != p->info.learning_rate)
        {
          p->info.learning_rate = ev->learning_rate;
          strata_node_context_train_info (p->ctx, &p->info);
        }
      /* Waits here while the user has paused training. */
      strata_node_context_train_step (p->ctx, ev->epoch - 1, ev->global_step - 1,
                                      ev->loss, samples);
      if (strata_node_context_train_stop_requested (p->ctx))
        g_cancellable_cancel (p->stop);
      strata_node_context_progress (p->ctx, (double) ev->global_step / p->total_steps, NULL);
      push (p->steps[S_EPOCH], ev->epoch);
      push (p->steps[S_STEP], ev->step);
      push (p->steps[S_LOSS], ev->loss);
      push (p->steps[S_LR], ev->learning_rate);
      push (p->steps[S_SPS], ev->samples_per_second);
    }
  else
    {
      g_autoptr(StrataMetrics) m = strata_metrics_new ();

      strata_metrics_set (m, "loss", ev->train_loss);
      strata_metrics_set (m, "accuracy", ev->train_accuracy);
      strata_metrics_set (m, "val_loss", ev->val_loss);
      strata_metrics_set (m, "val_accuracy", ev->val_accuracy);
      strata_metrics_set (m, "learning_rate", ev->learning_rate);
      strata_metrics_set (m, "samples_per_second", ev->samples_per_second);
      strata_node_context_train_epoch (p->ctx, ev->epoch - 1, m);
      push (p->epochs[H_EPOCH], ev->epoch);
      push (p->epochs[H_LOSS], ev->train_loss);
      push (p->epochs[H_ACCURACY], ev->train_accuracy);
      push (p->epochs[H_VAL_LOSS], ev->val_loss);
      push (p->epochs[H_VAL_ACCURACY], ev->val_accuracy);
      push (p->epochs[H_LR], ev->learning_rate);
      push (p->epochs[H_SPS], ev->samples_per_second);
      push (p->epochs[H_SECONDS], ev->seconds);
    }
}

static const StrataPortSpec network_in[] = {
  { "table", STRATA_DATA_TABLE, "Training rows: the feature columns and the target" },
  { "validation", STRATA_DATA_TABLE, "Rows scored after every epoch (else validation_fraction)", TRUE },
  { NULL }
};

static const StrataPortSpec network_out[] = {
  { "network", STRATA_DATA_NETWORK, "The trained network" },
  { "history", STRATA_DATA_HISTORY, "Loss and accuracy per epoch and per batch" },
  { NULL }
};

static const char *const loss_names[] = { "cross_entropy", "mse", "binary_cross_entropy", NULL };
static const char *const optimizer_names[] = { "sgd", "adam", "adamw", NULL };

static const StrataParamSpec network_params[] = {
  { .name = "target", .type = STRATA_PARAM_COLUMN, .nullable = TRUE,
    .help = "Column to predict: classes (cross_entropy) or a number (mse)" },
  { .name = "features", .type = STRATA_PARAM_COLUMNS, .default_value = "[]",
    .help = "Input columns in order (empty: every numeric column but the target)" },
  { .name = "input_shape", .type = STRATA_PARAM_JSON, .nullable = TRUE,
    .help = "Shape of one row for the first layer, e.g. [1, 28, 28] or [12, 1] (null: [features])" },
  { .name = "layers", .type = STRATA_PARAM_JSON,
    .default_value = "[{\"type\": \"dense\", \"out_features\": 64}, {\"type\": \"relu\"}]",
    .help = "Layer stack without the output layer, which is added to fit the target (docs/nn.md)" },
  { .name = "loss", .type = STRATA_PARAM_CHOICE, .choices = loss_names,
    .default_value = "cross_entropy", .help = "Training loss" },
  { .name = "optimizer", .type = STRATA_PARAM_CHOICE, .choices = optimizer_names,
    .default_value = "adam", .help = "sgd (momentum), adam or adamw" },
  { .name = "learning_rate", .type = STRATA_PARAM_DOUBLE, .range = "(0, 10]",
    .default_value = "0.001", .help = "Step size" },
  { .name = "momentum", .type = STRATA_PARAM_DOUBLE, .range = "[0, 1)",
    .default_value = "0", .help = "SGD momentum" },
  { .name = "weight_decay", .type = STRATA_PARAM_DOUBLE, .range = "[0, 1]",
    .default_value = "0", .help = "L2 penalty (decoupled for adamw)" },
  { .name = "batch_size", .type = STRATA_PARAM_INT, .range = "[1, 100000]",
    .unit = "rows", .default_value = "32", .help = "Rows per gradient step" },
  { .name = "epochs", .type = STRATA_PARAM_INT, .range = "[1, 100000]",
    .default_value = "10", .help = "Passes over the training rows" },
  { .name = "validation_fraction", .type = STRATA_PARAM_DOUBLE, .range = "[0, 1)",
    .unit = "fraction", .default_value = "0",
    .help = "Last rows held out for validation when no validation input is connected" },
  { .name = "patience", .type = STRATA_PARAM_INT, .range = "[0, 100000]",
    .unit = "epochs", .default_value = "0",
    .help = "Stop after this many epochs without a better validation loss (0: never)" },
  { .name = "seed", .type = STRATA_PARAM_INT, .nullable = TRUE, .range = "[0, 4294967295]",
    .help = "Initial weights, shuffling and dropout (null: from the workflow seed)" },
  { .name = "n_jobs", .type = STRATA_PARAM_INT, .range = "[0, 256]", .unit = "threads",
    .default_value = "0",
    .help = "Training threads (0: one per processor); fix it to get the same run bit for bit on another machine" },
  { NULL }
};

static void
forward_cancel (GCancellable *run,
                GCancellable *stop)
{
  g_cancellable_cancel (stop);
}

/* Fits with a cancellable of the node's own, cancelled by the run's or by
 * the user's Stop. A Stop is not a failure: the network keeps the weights
 * of its last batch (strata_trainer_fit's promise) and the node finishes
 * with them. */
static gboolean
fit_or_stop (StrataTrainer      *trainer,
             Progress           *p,
             const StrataTensor *x,
             const StrataTensor *y,
             const StrataTensor *xv,
             const StrataTensor *yv,
             GError            **error)
{
  GCancellable *run = strata_node_context_get_cancellable (p->ctx);
  g_autoptr(GCancellable) stop = g_cancellable_new ();
  g_autoptr(GError) local = NULL;
  gulong handler = 0;
  gboolean ok;

  p->stop = stop;
  if (run != NULL)
    handler = g_cancellable_connect (run, G_CALLBACK (forward_cancel), stop, NULL);
  ok = strata_trainer_fit (trainer, x, y, xv, yv, stop, &local);
  if (run != NULL)
    g_cancellable_disconnect (run, handler);
  p->stop = NULL;
  if (!ok && g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      !g_cancellable_is_cancelled (run) && strata_node_context_train_stop_requested (p->ctx))
    return TRUE;
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local));
  return ok;
}

static gboolean
run_network (StrataNodeContext *ctx, StrataParams *params, StrataData **in,
             StrataData **out, GError **error)
{
  StrataTable *train = strata_data_get_table (in[0]);
  StrataTable *val = in[1] != NULL ? strata_data_get_table (in[1]) : NULL;
  const char *target = strata_params_get_string (params, "target");
  g_auto(GStrv) feature_names = strata_params_dup_strv (params, "features");
  g_autoptr(GPtrArray) features = NULL;
  g_autoptr(StrataTensor) x = NULL, y = NULL, xv = NULL, yv = NULL;
  g_autoptr(JsonNode) description = NULL;
  g_autoptr(StrataNetwork) net = NULL;
  g_autoptr(StrataTrainer) trainer = NULL;
  g_autoptr(GError) local = NULL;
  g_auto(GStrv) classes = NULL;
  g_auto(GStrv) names = NULL;
  StrataNetworkModel *model;
  History *history;
  Progress progress = { ctx };
  StrataTrainConfig c;
  StrataShape shape;
  GArray *epochs;
  guint32 seed = (guint32) strata_node_context_get_seed (ctx);
  guint n_outputs;
  double sps = 0;

  strata_train_config_init (&c);
  if (!strata_loss_from_string (strata_params_get_string (params, "loss"), &c.loss))
    g_assert_not_reached ();   /* a validated CHOICE */
  if (target == NULL)
    {
      strata_node_param_error (error, "target", "choose the column to predict");
      return FALSE;
    }
  features = feature_columns (train, feature_names, target, error);
  if (features == NULL ||
      !input_shape (strata_params_get (params, "input_shape"), features->len, &shape, error))
    return FALSE;
  names = g_new0 (char *, features->len + 1);
  for (guint j = 0; j < features->len; j++)
    names[j] = g_strdup (strata_column_get_name (g_ptr_array_index (features, j)));
  x = read_rows (train, names, &shape, "table", error);
  y = x != NULL ? target_tensor (train, target, c.loss, &classes, "input “table”", error) : NULL;
  if (y == NULL)
    return FALSE;
  if (val != NULL)
    {
      xv = read_rows (val, names, &shape, "validation", error);
      yv = xv != NULL ? target_tensor (val, target, c.loss, &classes, "input “validation”", error) : NULL;
      if (yv == NULL)
        return FALSE;
    }
  if (c.loss == STRATA_LOSS_BINARY_CROSS_ENTROPY && classes == NULL)
    classes = g_strdupv ((char **) (const char *const[]) { "0", "1", NULL });
  n_outputs = c.loss == STRATA_LOSS_CROSS_ENTROPY ? g_strv_length (classes) : 1;
  if (c.loss == STRATA_LOSS_CROSS_ENTROPY && n_outputs < 2)
    {
      strata_node_param_error (error, "target", "“%s” has only one class in the training rows", target);
      return FALSE;
    }
  if (c.loss == STRATA_LOSS_BINARY_CROSS_ENTROPY && g_strv_length (classes) != 2)
    {
      strata_node_param_error (error, "target", "binary_cross_entropy needs two classes; “%s” has %u "
                               "(use cross_entropy)", target, g_strv_length (classes));
      return FALSE;
    }

  description = describe_network (&shape, strata_params_get (params, "layers"), c.loss,
                                  n_outputs, error);
  if (description == NULL)
    return FALSE;
  net = strata_network_new (description, &local);
  if (net == NULL)
    {
      strata_node_param_error (error, "layers", "%s", local->message);
      return FALSE;
    }
  strata_network_init_weights (net, seed);

  if (!strata_optimizer_kind_from_string (strata_params_get_string (params, "optimizer"),
                                          &c.optimizer.kind))
    g_assert_not_reached ();
  strata_optimizer_config_init (&c.optimizer, c.optimizer.kind);
  c.optimizer.learning_rate = strata_params_get_double (params, "learning_rate");
  c.optimizer.momentum = strata_params_get_double (params, "momentum");
  c.optimizer.weight_decay = strata_params_get_double (params, "weight_decay");
  c.batch_size = (gsize) strata_params_get_int (params, "batch_size");
  c.epochs = (guint) strata_params_get_int (params, "epochs");
  c.validation_fraction = val != NULL ? 0.0 : strata_params_get_double (params, "validation_fraction");
  c.patience = (guint) strata_params_get_int (params, "patience");
  /* Going back to the best epoch belongs to early stopping (as Keras's
   * restore_best_weights): without patience the network is the last epoch's,
   * so a validation input that is really the test set selects nothing. */
  c.restore_best_weights = c.patience > 0;
  c.seed = seed;
  c.n_threads = (guint) strata_params_get_int (params, "n_jobs");

  for (guint i = 0; i < N_H; i++)
    progress.epochs[i] = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < N_S; i++)
    progress.steps[i] = g_array_new (FALSE, FALSE, sizeof (double));
  progress.batch_size = c.batch_size;
  progress.n_train = x->shape[0] - (gsize) floor (c.validation_fraction * x->shape[0]);
  progress.total_steps = (guint64) c.epochs * ((progress.n_train + c.batch_size - 1) / c.batch_size);

  progress.info = (StrataTrainInfo) {
    .n_epochs = c.epochs,
    .steps_per_epoch = (guint) ((progress.n_train + c.batch_size - 1) / c.batch_size),
    .batch_size = (guint) c.batch_size,
    .learning_rate = c.optimizer.learning_rate,
  };
  strata_node_context_train_info (ctx, &progress.info);

  trainer = strata_trainer_new (net, &c);
  strata_trainer_set_callback (trainer, on_train_event, &progress);
  if (!fit_or_stop (trainer, &progress, x, y, xv, yv, error))
    {
      for (guint i = 0; i < N_H; i++)
        g_array_unref (progress.epochs[i]);
      for (guint i = 0; i < N_S; i++)
        g_array_unref (progress.steps[i]);
      return FALSE;
    }

  epochs = strata_trainer_get_history (trainer);
  for (guint e = 0; e < epochs->len; e++)
    sps += g_array_index (epochs, StrataTrainEvent, e).samples_per_second / epochs->len;
  if (strata_node_context_train_stop_requested (ctx))
    strata_node_context_set_metric (ctx, "stopped", 1);
  if (epochs->len > 0)
    {
      const StrataTrainEvent *last = &g_array_index (epochs, StrataTrainEvent, epochs->len - 1);
      const StrataTrainEvent *kept = c.restore_best_weights
        ? &g_array_index (epochs, StrataTrainEvent, strata_trainer_get_best_epoch (trainer) - 1)
        : last;

      strata_node_context_set_metric (ctx, "epochs", epochs->len);
      strata_node_context_set_metric (ctx, "loss", last->train_loss);
      /* Validation metrics of the weights the network ends with. */
      if (isfinite (kept->val_loss))
        strata_node_context_set_metric (ctx, "val_loss", kept->val_loss);
      if (isfinite (kept->val_accuracy))
        strata_node_context_set_metric (ctx, "val_accuracy", kept->val_accuracy);
      strata_node_context_set_metric (ctx, "samples_per_second", sps);
    }

  model = g_new0 (StrataNetworkModel, 1);
  model->network = g_steal_pointer (&net);
  model->features = g_steal_pointer (&names);
  model->all_numeric = feature_names == NULL || feature_names[0] == NULL;
  model->target = g_strdup (target);
  model->classes = c.loss != STRATA_LOSS_MSE ? g_steal_pointer (&classes) : NULL;
  model->loss = c.loss;
  out[0] = strata_network_model_wrap (model);

  history = g_new0 (History, 1);
  history->epochs = table_from_arrays (epoch_columns, progress.epochs, N_H);
  history->steps = table_from_arrays (step_columns, progress.steps, N_S);
  out[1] = strata_data_new (&history_type, history);
  return TRUE;
}

/* --- registration ----------------------------------------------------------------- */

static const StrataNodeType network_types[] = {
  { .id = "data.idx", .group = "data", .title = "IDX images (MNIST)",
    .help = "Reads MNIST-style IDX image and label files (plain or .gz) into a table of pixels (0–1) and labels.",
    .outputs = idx_out, .params = idx_params, .run = run_idx, .cache_salt = idx_cache_salt },
  { .id = "model.network", .group = "model", .title = "Neural network",
    .help = "Trains a layer stack (dense, conv2d, pooling, LSTM, …) on a table; see docs/nn.md.",
    .inputs = network_in, .outputs = network_out, .params = network_params,
    .run = run_network, .random = TRUE },
};

void
strata_nodes_network_register (StrataRegistry *registry)
{
  for (guint i = 0; i < G_N_ELEMENTS (network_types); i++)
    strata_registry_add (registry, &network_types[i]);
}
