/* strata-layer.c — the layer registry and what layers share
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * Each layer family lives in its own file and exports a const
 * StrataLayerClass. This file maps "type" strings to those tables, allocates
 * instances of class->instance_size (the StrataLayer part first), rejects
 * parameters a class does not declare, and holds the helpers that read
 * parameters and draw initial weights from the caller's seeded GRand, so
 * that the same seed always gives the same network.
 */

#include "strata-layer-private.h"

#include <math.h>
#include <string.h>

G_DEFINE_QUARK (strata-layer-error-quark, strata_layer_error)

static const StrataLayerClass *const layer_classes[] = {
  &strata_avgpool2d_class,
  &strata_conv2d_class,
  &strata_dense_class,
  &strata_dropout_class,
  &strata_flatten_class,
  &strata_leaky_relu_class,
  &strata_lstm_class,
  &strata_maxpool2d_class,
  &strata_relu_class,
  &strata_sigmoid_class,
  &strata_softmax_class,
  &strata_tanh_class,
};

static const char *const layer_type_names[] = {
  "avgpool2d", "conv2d", "dense", "dropout", "flatten", "leaky_relu",
  "lstm", "maxpool2d", "relu", "sigmoid", "softmax", "tanh", NULL,
};

G_STATIC_ASSERT (G_N_ELEMENTS (layer_classes) + 1 == G_N_ELEMENTS (layer_type_names));

const char *const *
strata_layer_list_types (void)
{
  return layer_type_names;
}

void
strata_layer_set_error (StrataLayer *self,
                        GError     **error,
                        gint         code,
                        const char  *format,
                        ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, STRATA_LAYER_ERROR, code, "layer %u (%s): %s",
               self->index, self->klass->type_name, msg);
}

static gboolean
check_known_params (StrataLayer *self,
                    GError     **error)
{
  g_autoptr(GList) members = json_object_get_members (self->config);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      gboolean known = g_str_equal (name, "type");

      for (guint i = 0; !known && self->klass->param_names[i] != NULL; i++)
        known = g_str_equal (name, self->klass->param_names[i]);
      if (!known)
        {
          strata_layer_set_error (self, error, STRATA_LAYER_ERROR_PARAMETER,
                                  "unknown parameter “%s”", name);
          return FALSE;
        }
    }
  return TRUE;
}

StrataLayer *
strata_layer_new (JsonObject        *config,
                  guint              index,
                  const StrataShape *in,
                  GError           **error)
{
  const StrataLayerClass *klass = NULL;
  const char *type;
  StrataLayer *self;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (in != NULL, NULL);

  type = json_object_get_string_member_with_default (config, "type", NULL);
  if (type == NULL)
    {
      g_set_error (error, STRATA_LAYER_ERROR, STRATA_LAYER_ERROR_TYPE,
                   "layer %u: missing string “type”", index);
      return NULL;
    }
  for (guint i = 0; i < G_N_ELEMENTS (layer_classes); i++)
    if (g_str_equal (layer_classes[i]->type_name, type))
      klass = layer_classes[i];
  if (klass == NULL)
    {
      g_autofree char *known = g_strjoinv (", ", (char **) layer_type_names);
      g_set_error (error, STRATA_LAYER_ERROR, STRATA_LAYER_ERROR_TYPE,
                   "layer %u: unknown type “%s” (known: %s)", index, type, known);
      return NULL;
    }

  self = g_malloc0 (klass->instance_size);
  self->klass = klass;
  self->index = index;
  self->config = json_object_ref (config);
  self->in_shape = *in;
  if (!check_known_params (self, error) || !klass->build (self, error) ||
      !strata_layer_check_floats (self, (double) strata_shape_size (&self->out_shape),
                                  "the output of one sample", error))
    {
      strata_layer_free (self);
      return NULL;
    }
  return self;
}

void
strata_layer_free (StrataLayer *layer)
{
  if (layer == NULL)
    return;
  if (layer->klass->finalize != NULL)
    layer->klass->finalize (layer);
  json_object_unref (layer->config);
  g_free (layer);
}

const char *
strata_layer_get_type_name (StrataLayer *layer)
{
  return layer->klass->type_name;
}

void
strata_layer_init_weights (StrataLayer *layer,
                           GRand       *rng)
{
  if (layer->klass->init_weights != NULL)
    layer->klass->init_weights (layer, rng);
}

void
strata_layer_reserve (StrataLayer *layer,
                      gsize        batch)
{
  if (batch <= layer->batch)
    return;
  if (layer->klass->resize != NULL)
    layer->klass->resize (layer, batch);
  layer->batch = batch;
}

void
strata_layer_forward (StrataLayer                *layer,
                      const StrataTensor         *x,
                      StrataTensor               *y,
                      const StrataForwardContext *ctx)
{
  g_assert (x->shape[0] <= layer->batch);
  g_assert (strata_tensor_sample_size (x) == strata_shape_size (&layer->in_shape));
  strata_tensor_set_batch (y, x->shape[0]);
  layer->klass->forward (layer, x, y, ctx);
}

void
strata_layer_backward (StrataLayer        *layer,
                       const StrataTensor *x,
                       const StrataTensor *y,
                       const StrataTensor *dy,
                       StrataTensor       *dx)
{
  if (dx != NULL)
    strata_tensor_set_batch (dx, x->shape[0]);
  layer->klass->backward (layer, x, y, dy, dx);
}

guint
strata_layer_parameters (StrataLayer *layer,
                         StrataParam *out)
{
  if (layer->klass->parameters == NULL)
    return 0;
  return layer->klass->parameters (layer, out);
}

double
strata_layer_forward_macs (StrataLayer *layer)
{
  return layer->klass->forward_macs ? layer->klass->forward_macs (layer) : 0.0;
}

/* --- Parameter readers ---------------------------------------------------- */

gboolean
strata_layer_get_uint (StrataLayer *self,
                       const char  *name,
                       gint64       def,
                       gint64       min,
                       gint64       max,
                       gsize       *out,
                       GError     **error)
{
  JsonNode *node = json_object_get_member (self->config, name);
  gint64 v;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (def < 0)
        {
          strata_layer_set_error (self, error, STRATA_LAYER_ERROR_PARAMETER,
                                  "parameter “%s” is required", name);
          return FALSE;
        }
      *out = (gsize) def;
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) ||
      (json_node_get_value_type (node) != G_TYPE_INT64 &&
       !(json_node_get_value_type (node) == G_TYPE_DOUBLE &&
         json_node_get_double (node) == floor (json_node_get_double (node)))))
    {
      strata_layer_set_error (self, error, STRATA_LAYER_ERROR_PARAMETER,
                              "parameter “%s” must be an integer", name);
      return FALSE;
    }
  v = json_node_get_value_type (node) == G_TYPE_INT64
        ? json_node_get_int (node) : (gint64) json_node_get_double (node);
  if (v < min || v > max)
    {
      strata_layer_set_error (self, error, STRATA_LAYER_ERROR_PARAMETER,
                              "parameter “%s” = %" G_GINT64_FORMAT
                              " is outside [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "]",
                              name, v, min, max);
      return FALSE;
    }
  *out = (gsize) v;
  return TRUE;
}

gboolean
strata_layer_get_double (StrataLayer *self,
                         const char  *name,
                         double       def,
                         double       min,
                         double       max,
                         double      *out,
                         GError     **error)
{
  JsonNode *node = json_object_get_member (self->config, name);
  GType t;
  double v;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      *out = def;
      return TRUE;
    }
  t = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
  if (t != G_TYPE_INT64 && t != G_TYPE_DOUBLE)
    {
      strata_layer_set_error (self, error, STRATA_LAYER_ERROR_PARAMETER,
                              "parameter “%s” must be a number", name);
      return FALSE;
    }
  v = json_node_get_double (node);
  if (!(v >= min && v <= max))
    {
      strata_layer_set_error (self, error, STRATA_LAYER_ERROR_PARAMETER,
                              "parameter “%s” = %g is outside [%g, %g]",
                              name, v, min, max);
      return FALSE;
    }
  *out = v;
  return TRUE;
}

gboolean
strata_layer_get_bool (StrataLayer *self,
                       const char  *name,
                       gboolean     def,
                       gboolean    *out,
                       GError     **error)
{
  JsonNode *node = json_object_get_member (self->config, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      *out = def;
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      strata_layer_set_error (self, error, STRATA_LAYER_ERROR_PARAMETER,
                              "parameter “%s” must be true or false", name);
      return FALSE;
    }
  *out = json_node_get_boolean (node);
  return TRUE;
}

static const char *const init_names[] = {
  "he_uniform", "he_normal", "glorot_uniform", "glorot_normal",
};

gboolean
strata_layer_get_init (StrataLayer *self,
                       StrataInit   def,
                       StrataInit  *out,
                       GError     **error)
{
  JsonNode *node = json_object_get_member (self->config, "init");
  const char *s;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      *out = def;
      return TRUE;
    }
  s = JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
        ? json_node_get_string (node) : NULL;
  for (guint i = 0; s != NULL && i < G_N_ELEMENTS (init_names); i++)
    if (g_str_equal (s, init_names[i]))
      {
        *out = (StrataInit) i;
        return TRUE;
      }
  strata_layer_set_error (self, error, STRATA_LAYER_ERROR_PARAMETER,
                          "parameter “init” must be one of he_uniform, "
                          "he_normal, glorot_uniform, glorot_normal");
  return FALSE;
}

/* Standard normal by Box–Muller from the seeded generator. */
static double
gaussian (GRand *rng)
{
  double u1 = g_rand_double (rng), u2 = g_rand_double (rng);

  if (u1 < 1e-300)
    u1 = 1e-300;
  return sqrt (-2.0 * log (u1)) * cos (2.0 * G_PI * u2);
}

void
strata_init_fill (float      *w,
                  gsize       n,
                  StrataInit  init,
                  gsize       fan_in,
                  gsize       fan_out,
                  GRand      *rng)
{
  gboolean he = init == STRATA_INIT_HE_UNIFORM || init == STRATA_INIT_HE_NORMAL;
  gboolean uniform = init == STRATA_INIT_HE_UNIFORM || init == STRATA_INIT_GLOROT_UNIFORM;
  /* Variance 2 / fan_in (He) or 2 / (fan_in + fan_out) (Glorot). */
  double var = he ? 2.0 / MAX (fan_in, 1) : 2.0 / MAX (fan_in + fan_out, 1);
  double limit = sqrt (3.0 * var), std = sqrt (var);

  for (gsize i = 0; i < n; i++)
    w[i] = uniform ? (float) g_rand_double_range (rng, -limit, limit)
                   : (float) (std * gaussian (rng));
}

gboolean
strata_layer_window_geometry (StrataLayer *self,
                              gsize        k,
                              gsize        stride,
                              gsize        pad,
                              gsize       *ho,
                              gsize       *wo,
                              GError     **error)
{
  const StrataShape *in = &self->in_shape;
  g_autofree char *s = strata_shape_to_string (in);

  if (in->ndim != 3)
    {
      strata_layer_set_error (self, error, STRATA_LAYER_ERROR_SHAPE,
                              "needs an image input [channels, height, width] "
                              "but gets %s", s);
      return FALSE;
    }
  if (in->dim[1] + 2 * pad < k || in->dim[2] + 2 * pad < k)
    {
      strata_layer_set_error (self, error, STRATA_LAYER_ERROR_SHAPE,
                              "kernel_size %" G_GSIZE_FORMAT " is larger than "
                              "the padded input %s", k, s);
      return FALSE;
    }
  *ho = (in->dim[1] + 2 * pad - k) / stride + 1;
  *wo = (in->dim[2] + 2 * pad - k) / stride + 1;
  return TRUE;
}

gboolean
strata_layer_check_floats (StrataLayer *self,
                           double       n_floats,
                           const char  *what,
                           GError     **error)
{
  if (n_floats <= STRATA_LAYER_MAX_FLOATS)
    return TRUE;
  strata_layer_set_error (self, error, STRATA_LAYER_ERROR_SHAPE,
                          "%s would hold %.3g floats, more than the limit of %.3g",
                          what, n_floats, STRATA_LAYER_MAX_FLOATS);
  return FALSE;
}

guint
strata_params_weight_bias (StrataParam       *out,
                           const StrataParam *weight,
                           const StrataParam *bias,
                           gboolean           has_bias)
{
  out[0] = *weight;
  if (!has_bias)
    return 1;
  out[1] = *bias;
  return 2;
}

void
strata_param_alloc (StrataParam *p,
                    const char  *name,
                    guint        ndim,
                    const gsize *shape)
{
  p->name = name;
  p->value = strata_tensor_new (ndim, shape);
  p->grad = strata_tensor_new (ndim, shape);
}

void
strata_param_clear (StrataParam *p)
{
  g_clear_pointer (&p->value, strata_tensor_free);
  g_clear_pointer (&p->grad, strata_tensor_free);
}
