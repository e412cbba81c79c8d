/* strata-network.c — building and running a layer stack
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * Building walks the description once, threading the per-sample shape from
 * layer to layer; every later forward and backward trusts those shapes. The
 * network owns one output buffer and one gradient buffer per layer, each
 * with a capacity in samples that grows (never shrinks) to the largest batch
 * seen; smaller batches reuse them through strata_tensor_set_batch(). The
 * first layer never computes ∂L/∂x (nobody needs the gradient of the data),
 * which for a CNN saves the most expensive col2im.
 */

#include "strata-network.h"

#include <string.h>

struct _StrataNetwork {
  gatomicrefcount ref_count;
  JsonNode      *description;   /* owned copy */
  StrataShape    input_shape;
  GPtrArray     *layers;        /* of StrataLayer*, owned */
  GArray        *params;        /* of StrataParam, borrowed from layers */
  gsize          capacity;      /* samples the buffers hold */
  StrataTensor **outputs;       /* [n_layers] */
  StrataTensor **grads;         /* [n_layers] ∂L/∂output of each layer */
  const StrataTensor *input;    /* the last training forward's x (borrowed) */
  StrataNetwork *weights_owner; /* replicas: whose weights we share (ref) */
};

G_DEFINE_QUARK (strata-network-error-quark, strata_network_error)

static gboolean
parse_input_shape (JsonObject  *root,
                   StrataShape *shape,
                   GError     **error)
{
  JsonNode *node = json_object_get_member (root, "input");
  JsonArray *a;
  guint n;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    goto bad;
  a = json_node_get_array (node);
  n = json_array_get_length (a);
  if (n < 1 || n > 3)
    goto bad;
  shape->ndim = n;
  for (guint i = 0; i < 3; i++)
    shape->dim[i] = 1;
  for (guint i = 0; i < n; i++)
    {
      JsonNode *d = json_array_get_element (a, i);
      if (!JSON_NODE_HOLDS_VALUE (d) || json_node_get_value_type (d) != G_TYPE_INT64 ||
          json_node_get_int (d) < 1 || json_node_get_int (d) > (1 << 24))
        goto bad;
      shape->dim[i] = (gsize) json_node_get_int (d);
    }
  if (strata_shape_size (shape) > (1u << 28))
    goto bad;
  return TRUE;

bad:
  g_set_error (error, STRATA_NETWORK_ERROR, STRATA_NETWORK_ERROR_DESCRIPTION,
               "network: “input” must be the per-sample shape, an array of "
               "1 to 3 positive integers such as [1, 28, 28], at most 2^28 values in all");
  return FALSE;
}

StrataNetwork *
strata_network_new (JsonNode *description,
                    GError  **error)
{
  g_autoptr(StrataNetwork) self = NULL;
  JsonObject *root;
  JsonArray *layers;
  StrataShape shape;

  g_return_val_if_fail (description != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (description))
    {
      g_set_error (error, STRATA_NETWORK_ERROR, STRATA_NETWORK_ERROR_DESCRIPTION,
                   "network: the description must be a JSON object");
      return NULL;
    }
  root = json_node_get_object (description);
  if (!parse_input_shape (root, &shape, error))
    return NULL;
  if (!json_object_has_member (root, "layers") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "layers")) ||
      json_array_get_length (json_object_get_array_member (root, "layers")) == 0)
    {
      g_set_error (error, STRATA_NETWORK_ERROR, STRATA_NETWORK_ERROR_DESCRIPTION,
                   "network: “layers” must be a non-empty array of layer objects");
      return NULL;
    }
  layers = json_object_get_array_member (root, "layers");

  self = g_new0 (StrataNetwork, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->description = json_node_copy (description);
  self->input_shape = shape;
  self->layers = g_ptr_array_new_with_free_func ((GDestroyNotify) strata_layer_free);
  self->params = g_array_new (FALSE, FALSE, sizeof (StrataParam));

  for (guint i = 0; i < json_array_get_length (layers); i++)
    {
      JsonNode *node = json_array_get_element (layers, i);
      StrataParam p[STRATA_LAYER_MAX_PARAMS];
      StrataLayer *layer;
      guint n;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, STRATA_NETWORK_ERROR, STRATA_NETWORK_ERROR_DESCRIPTION,
                       "layer %u: must be a JSON object with a “type”", i);
          return NULL;
        }
      layer = strata_layer_new (json_node_get_object (node), i, &shape, error);
      if (layer == NULL)
        return NULL;
      g_ptr_array_add (self->layers, layer);
      shape = layer->out_shape;
      n = strata_layer_parameters (layer, p);
      g_array_append_vals (self->params, p, n);
    }
  self->outputs = g_new0 (StrataTensor *, self->layers->len);
  self->grads = g_new0 (StrataTensor *, self->layers->len);
  return g_steal_pointer (&self);
}

StrataNetwork *
strata_network_new_from_string (const char *json,
                                GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_data (parser, json, -1, error))
    return NULL;
  return strata_network_new (json_parser_get_root (parser), error);
}

StrataNetwork *
strata_network_ref (StrataNetwork *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

static void
free_buffers (StrataNetwork *self)
{
  for (guint i = 0; i < self->layers->len; i++)
    {
      g_clear_pointer (&self->outputs[i], strata_tensor_free);
      g_clear_pointer (&self->grads[i], strata_tensor_free);
    }
}

void
strata_network_unref (StrataNetwork *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;
  if (self->outputs != NULL)
    free_buffers (self);
  g_free (self->outputs);
  g_free (self->grads);
  g_clear_pointer (&self->params, g_array_unref);
  g_clear_pointer (&self->layers, g_ptr_array_unref);
  json_node_unref (self->description);
  g_clear_pointer (&self->weights_owner, strata_network_unref);
  g_free (self);
}

StrataNetwork *
strata_network_new_replica (StrataNetwork *self)
{
  StrataNetwork *replica;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  replica = strata_network_new (self->description, &error);
  g_assert_no_error (error);   /* the description built once already */
  replica->weights_owner = strata_network_ref (self);
  for (guint i = 0; i < self->params->len; i++)
    {
      StrataTensor *mine = g_array_index (replica->params, StrataParam, i).value;
      StrataTensor *theirs = g_array_index (self->params, StrataParam, i).value;

      strata_aligned_free (mine->data);
      mine->data = theirs->data;
      mine->owns_data = FALSE;
    }
  return replica;
}

void
strata_network_init_weights (StrataNetwork *self,
                             guint32        seed)
{
  g_autoptr(GRand) rng = g_rand_new_with_seed (seed);

  for (guint i = 0; i < self->layers->len; i++)
    strata_layer_init_weights (g_ptr_array_index (self->layers, i), rng);
}

const StrataShape *
strata_network_get_input_shape (StrataNetwork *self)
{
  return &self->input_shape;
}

const StrataShape *
strata_network_get_output_shape (StrataNetwork *self)
{
  StrataLayer *last = g_ptr_array_index (self->layers, self->layers->len - 1);
  return &last->out_shape;
}

guint
strata_network_get_n_layers (StrataNetwork *self)
{
  return self->layers->len;
}

StrataLayer *
strata_network_get_layer (StrataNetwork *self,
                          guint          index)
{
  g_return_val_if_fail (index < self->layers->len, NULL);
  return g_ptr_array_index (self->layers, index);
}

const StrataParam *
strata_network_get_params (StrataNetwork *self,
                           guint         *n)
{
  *n = self->params->len;
  return (const StrataParam *) self->params->data;
}

gsize
strata_network_get_n_weights (StrataNetwork *self)
{
  gsize total = 0;

  for (guint i = 0; i < self->params->len; i++)
    total += g_array_index (self->params, StrataParam, i).value->size;
  return total;
}

double
strata_network_forward_macs (StrataNetwork *self)
{
  double total = 0.0;

  for (guint i = 0; i < self->layers->len; i++)
    total += strata_layer_forward_macs (g_ptr_array_index (self->layers, i));
  return total;
}

char *
strata_network_to_json (StrataNetwork *self)
{
  return json_to_string (self->description, FALSE);
}

void
strata_network_get_weights (StrataNetwork *self,
                            float         *out)
{
  for (guint i = 0; i < self->params->len; i++)
    {
      StrataTensor *v = g_array_index (self->params, StrataParam, i).value;
      memcpy (out, v->data, v->size * sizeof (float));
      out += v->size;
    }
}

void
strata_network_set_weights (StrataNetwork *self,
                            const float   *weights)
{
  for (guint i = 0; i < self->params->len; i++)
    {
      StrataTensor *v = g_array_index (self->params, StrataParam, i).value;
      memcpy (v->data, weights, v->size * sizeof (float));
      weights += v->size;
    }
}

static void
reserve (StrataNetwork *self,
         gsize          batch)
{
  if (batch <= self->capacity)
    return;
  free_buffers (self);
  for (guint i = 0; i < self->layers->len; i++)
    {
      StrataLayer *layer = g_ptr_array_index (self->layers, i);

      strata_layer_reserve (layer, batch);
      self->outputs[i] = strata_tensor_new_batch (batch, &layer->out_shape);
      self->grads[i] = strata_tensor_new_batch (batch, &layer->out_shape);
    }
  self->capacity = batch;
}

const StrataTensor *
strata_network_forward (StrataNetwork      *self,
                        const StrataTensor *x,
                        gboolean            training,
                        GRand              *rng)
{
  StrataForwardContext ctx = { training, rng };
  const StrataTensor *in = x;

  g_return_val_if_fail (x->shape[0] >= 1, NULL);
  g_return_val_if_fail (strata_tensor_sample_size (x) == strata_shape_size (&self->input_shape), NULL);

  reserve (self, x->shape[0]);
  for (guint i = 0; i < self->layers->len; i++)
    {
      strata_layer_forward (g_ptr_array_index (self->layers, i), in, self->outputs[i], &ctx);
      in = self->outputs[i];
    }
  self->input = training ? x : NULL;
  return in;
}

void
strata_network_backward (StrataNetwork      *self,
                         const StrataTensor *doutput)
{
  const StrataTensor *dy = doutput;

  g_return_if_fail (self->input != NULL);
  g_return_if_fail (doutput->size == self->outputs[self->layers->len - 1]->size);

  for (guint i = self->layers->len; i-- > 0;)
    {
      const StrataTensor *x = i > 0 ? self->outputs[i - 1] : self->input;
      StrataTensor *dx = i > 0 ? self->grads[i - 1] : NULL;

      strata_layer_backward (g_ptr_array_index (self->layers, i), x, self->outputs[i], dy, dx);
      dy = dx;
    }
}

StrataTensor *
strata_network_predict (StrataNetwork      *self,
                        const StrataTensor *x,
                        gsize               batch)
{
  gsize n = x->shape[0], in_size = strata_tensor_sample_size (x);
  const StrataShape *out_shape = strata_network_get_output_shape (self);
  gsize out_size = strata_shape_size (out_shape);
  StrataTensor *result = strata_tensor_new_batch (n, out_shape);
  StrataTensor chunk = *x;

  g_return_val_if_fail (batch >= 1, NULL);

  chunk.owns_data = FALSE;
  for (gsize start = 0; start < n; start += batch)
    {
      gsize m = MIN (batch, n - start);
      const StrataTensor *y;

      chunk.data = x->data + start * in_size;
      chunk.capacity = m;
      strata_tensor_set_batch (&chunk, m);
      y = strata_network_forward (self, &chunk, FALSE, NULL);
      memcpy (result->data + start * out_size, y->data, m * out_size * sizeof (float));
    }
  return result;
}
