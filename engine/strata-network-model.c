/* strata-network-model.c — a trained network as a fitted model
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * model.network hands downstream a StrataNetworkModel: the network plus
 * what it takes to use it on a table (the feature columns in sample order,
 * the target, the classes). This file makes it a value of kind "network"
 * (saved in Strata's model format, docs/nn.md) and a fitted model for
 * strata-model.h, so eval.predict and eval.metrics treat it exactly as
 * they treat a tree.
 *
 * Prediction reads the feature columns by name into float32 samples of the
 * network's input shape ([784], [1, 28, 28], [12, 1], …) a chunk of rows at
 * a time, and runs a replica of the network (strata_network_new_replica:
 * the trained weights, shared read-only, with scratch memory of its own),
 * so that two evaluations of one model may run at once and a prediction
 * never disturbs the network it reads. Outputs become predictions as the
 * loss defines them: cross_entropy logits → softmax probabilities and their
 * argmax (lowest index on ties); the binary_cross_entropy sigmoid p → the
 * probabilities [1 - p, p] and class 1 when p ≥ 0.5 (the trainer's
 * accuracy rule); mse → the single output as the value.
 */

#include "strata-network-model-private.h"

#include <math.h>
#include <string.h>

#include "strata-model.h"

/* Rows per forward pass chunk; cancellation is polled between chunks. */
#define PREDICT_CHUNK 2048

/* --- the "network" data kind ------------------------------------------------- */

static void
model_free (gpointer data)
{
  StrataNetworkModel *m = data;

  strata_network_unref (m->network);
  g_strfreev (m->features);
  g_free (m->target);
  g_strfreev (m->classes);
  g_free (m);
}

static gboolean
model_save (gpointer payload, const char *dir, const char *node_id,
            const char *port, char **written, GError **error)
{
  StrataNetworkModel *m = payload;
  g_autofree char *name = g_strdup_printf ("%s.%s", node_id, port);
  g_autofree char *path = g_build_filename (dir, name, NULL);

  if (!strata_network_save (m->network, path, error))
    return FALSE;
  *written = g_steal_pointer (&name);
  return TRUE;
}

static char *
model_describe (gpointer payload)
{
  StrataNetworkModel *m = payload;

  return g_strdup_printf ("network: %u layers, %" G_GSIZE_FORMAT " weights",
                          strata_network_get_n_layers (m->network),
                          strata_network_get_n_weights (m->network));
}

/* --- reading a table into samples ------------------------------------------- */

StrataTensor *
strata_network_features_tensor (StrataTable       *t,
                                char *const       *names,
                                gsize              first,
                                gsize              n,
                                const StrataShape *shape,
                                GError           **error)
{
  gsize f = g_strv_length ((char **) names);
  g_autoptr(StrataTensor) x = NULL;

  g_return_val_if_fail (t != NULL && names != NULL && shape != NULL, NULL);
  g_return_val_if_fail (first + n <= strata_table_get_n_rows (t), NULL);
  g_return_val_if_fail (strata_shape_size (shape) == f, NULL);

  x = strata_tensor_new_batch (n, shape);
  for (gsize j = 0; j < f; j++)
    {
      int index = strata_table_find_column (t, names[j]);
      StrataColumn *c = index >= 0 ? strata_table_get_column (t, (guint) index) : NULL;
      const double *v;

      if (c == NULL || strata_column_get_kind (c) != STRATA_COLUMN_NUMERIC)
        {
          g_set_error (error, STRATA_MODEL_ERROR, STRATA_MODEL_ERROR_INPUT,
                       c == NULL ? "no column “%s”; the network needs every feature column "
                                   "of its training table"
                                 : "column “%s” is not numeric; the network needs numbers "
                                   "there, as in its training table",
                       names[j]);
          return NULL;
        }
      if (strata_column_get_n_missing (c) > 0)
        {
          gsize row = 0;

          while (!strata_column_is_missing (c, row))
            row++;
          g_set_error (error, STRATA_MODEL_ERROR, STRATA_MODEL_ERROR_INPUT,
                       "column “%s” is missing a value in row %" G_GSIZE_FORMAT
                       "; impute or drop missing values first", names[j], row + 1);
          return NULL;
        }
      v = strata_column_get_numeric (c) + first;
      for (gsize i = 0; i < n; i++)
        x->data[i * f + j] = (float) v[i];
    }
  return g_steal_pointer (&x);
}

/* A network fitted on "every numeric column but the target" takes rows of
 * exactly that many numbers: a table with more numeric columns holds rows
 * of another shape (28 × 28 pixels against 32 × 32) and is refused, naming
 * the shape. Columns eval.predict adds are not features. */
static gboolean
check_shape (StrataNetworkModel *m,
             StrataTable        *table,
             GError            **error)
{
  gsize n_features = g_strv_length (m->features), n_numeric = 0;

  if (!m->all_numeric)
    return TRUE;
  for (guint c = 0; c < strata_table_get_n_columns (table); c++)
    {
      StrataColumn *col = strata_table_get_column (table, c);
      const char *name = strata_column_get_name (col);

      if (strata_column_get_kind (col) == STRATA_COLUMN_NUMERIC && strcmp (name, m->target) != 0 &&
          strcmp (name, "prediction") != 0 && !g_str_has_prefix (name, "proba_"))
        n_numeric++;
    }
  if (n_numeric > n_features)
    {
      g_autofree char *shape = strata_shape_to_string (strata_network_get_input_shape (m->network));

      g_set_error (error, STRATA_MODEL_ERROR, STRATA_MODEL_ERROR_INPUT,
                   "the network takes rows of shape %s (%" G_GSIZE_FORMAT " numeric columns "
                   "besides “%s”) but the table has %" G_GSIZE_FORMAT,
                   shape, n_features, m->target, n_numeric);
      return FALSE;
    }
  return TRUE;
}

/* --- the network as a fitted model (strata-model.h) -------------------------- */

static const char *
model_get_target (gpointer model)
{
  return ((StrataNetworkModel *) model)->target;
}

static guint
model_get_n_classes (gpointer model)
{
  StrataNetworkModel *m = model;

  return m->classes != NULL ? g_strv_length (m->classes) : 0;
}

static const char *
model_get_class (gpointer model,
                 guint    index)
{
  return ((StrataNetworkModel *) model)->classes[index];
}

/* Turns @y [n, outputs] for rows [first, first + n) into @out. */
static void
read_outputs (StrataNetworkModel *m,
              const StrataTensor *y,
              gsize               first,
              StrataPrediction   *out)
{
  gsize n = y->shape[0], k = strata_tensor_sample_size (y);

  for (gsize i = 0; i < n; i++)
    {
      const float *z = y->data + i * k;
      gsize row = first + i;

      if (m->loss == STRATA_LOSS_MSE)
        out->values[row] = z[0];
      else if (m->loss == STRATA_LOSS_BINARY_CROSS_ENTROPY)
        {
          out->proba[row * 2] = 1.0 - z[0];
          out->proba[row * 2 + 1] = z[0];
          out->labels[row] = z[0] >= 0.5f ? 1 : 0;
        }
      else
        {
          double *p = out->proba + row * k, top = z[0], sum = 0;
          gsize best = 0;

          for (gsize j = 1; j < k; j++)
            if (z[j] > z[best])
              best = j;
          top = z[best];
          for (gsize j = 0; j < k; j++)
            sum += (p[j] = exp ((double) z[j] - top));
          for (gsize j = 0; j < k; j++)
            p[j] /= sum;
          out->labels[row] = (gint32) best;
        }
    }
}

static gboolean
model_predict (gpointer          model,
               StrataTable      *table,
               GCancellable     *cancellable,
               StrataPrediction *out,
               GError          **error)
{
  StrataNetworkModel *m = model;
  const StrataShape *shape = strata_network_get_input_shape (m->network);
  gsize n = strata_table_get_n_rows (table);
  g_autoptr(StrataNetwork) replica = NULL;

  if (!check_shape (m, table, error))
    return FALSE;
  out->n_rows = n;
  out->n_classes = model_get_n_classes (m);
  if (out->n_classes > 0)
    {
      out->labels = g_new0 (gint32, MAX (n, 1));
      out->proba = g_new0 (double, MAX (n, 1) * out->n_classes);
    }
  else
    out->values = g_new0 (double, MAX (n, 1));

  replica = strata_network_new_replica (m->network);
  for (gsize first = 0; first < n; first += PREDICT_CHUNK)
    {
      gsize len = MIN (PREDICT_CHUNK, n - first);
      g_autoptr(StrataTensor) x = NULL, y = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      x = strata_network_features_tensor (table, m->features, first, len, shape, error);
      if (x == NULL)
        return FALSE;
      y = strata_network_predict (replica, x, 256);
      read_outputs (m, y, first, out);
    }
  return TRUE;
}

static const StrataModelClass network_model_class = {
  .name = "network",
  .get_target = model_get_target,
  .get_n_classes = model_get_n_classes,
  .get_class = model_get_class,
  .predict = model_predict,
};

static const StrataDataType network_type = {
  .kind = STRATA_DATA_NETWORK,
  .free = model_free,
  .save = model_save,
  .describe = model_describe,
  .model = &network_model_class,
};

StrataData *
strata_network_model_wrap (StrataNetworkModel *model)
{
  g_return_val_if_fail (model != NULL && model->network != NULL && model->features != NULL, NULL);
  g_return_val_if_fail ((model->classes == NULL) == (model->loss == STRATA_LOSS_MSE), NULL);
  g_return_val_if_fail (model->loss != STRATA_LOSS_BINARY_CROSS_ENTROPY ||
                        g_strv_length (model->classes) == 2, NULL);

  return strata_data_new (&network_type, model);
}
