/* strata-layer-activation.c — elementwise activations and softmax
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * Shape-preserving layers without parameters. Backward is written in terms
 * of the saved output y where the derivative allows it (tanh′ = 1 − y²,
 * σ′ = y(1 − y), relu′ = [y > 0]) and of x otherwise (leaky_relu). Softmax
 * works on the last dimension of a flat [F] sample, max-shifted for
 * stability; its backward is dx = y ⊙ (dy − ⟨dy, y⟩).
 */

#include "strata-layer-private.h"

#include <math.h>

typedef struct {
  StrataLayer parent;
  float       negative_slope;   /* leaky_relu only */
} StrataActivation;

static const char *const no_params[] = { NULL };
static const char *const leaky_params[] = { "negative_slope", NULL };

static gboolean
same_shape_build (StrataLayer *layer,
                  GError     **error)
{
  layer->out_shape = layer->in_shape;
  return TRUE;
}

static gboolean
leaky_build (StrataLayer *layer,
             GError     **error)
{
  StrataActivation *self = (StrataActivation *) layer;
  double slope;

  if (!strata_layer_get_double (layer, "negative_slope", 0.01, 0.0, 1.0, &slope, error))
    return FALSE;
  self->negative_slope = (float) slope;
  return same_shape_build (layer, error);
}

static gboolean
softmax_build (StrataLayer *layer,
               GError     **error)
{
  if (layer->in_shape.ndim != 1)
    {
      g_autofree char *s = strata_shape_to_string (&layer->in_shape);
      strata_layer_set_error (layer, error, STRATA_LAYER_ERROR_SHAPE,
                              "needs a flat input [features] but gets %s", s);
      return FALSE;
    }
  return same_shape_build (layer, error);
}

/* The elementwise loops are written in blocks of 8 with a fixed inner trip
 * count: GCC's default (-O2) vectorizer turns those into branch-free SIMD,
 * while the plain loop stays scalar and mispredicts on random signs. */
#define BLOCK 8

static void
relu_kernel (const float *restrict a,
             float       *restrict b,
             gsize        n)
{
  gsize i = 0;

  for (; i + BLOCK <= n; i += BLOCK)
    for (gsize k = 0; k < BLOCK; k++)
      b[i + k] = a[i + k] > 0.0f ? a[i + k] : 0.0f;
  for (; i < n; i++)
    b[i] = a[i] > 0.0f ? a[i] : 0.0f;
}

/* d = g where y > 0, else 0. */
static void
relu_grad_kernel (const float *restrict y,
                  const float *restrict g,
                  float       *restrict d,
                  gsize        n)
{
  gsize i = 0;

  for (; i + BLOCK <= n; i += BLOCK)
    for (gsize k = 0; k < BLOCK; k++)
      {
        float gv = g[i + k];   /* an unconditional load keeps it branch-free */
        d[i + k] = y[i + k] > 0.0f ? gv : 0.0f;
      }
  for (; i < n; i++)
    d[i] = y[i] > 0.0f ? g[i] : 0.0f;
}

static void
relu_forward (StrataLayer *layer, const StrataTensor *x, StrataTensor *y,
              const StrataForwardContext *ctx)
{
  relu_kernel (x->data, y->data, x->size);
}

static void
relu_backward (StrataLayer *layer, const StrataTensor *x, const StrataTensor *y,
               const StrataTensor *dy, StrataTensor *dx)
{
  if (dx != NULL)
    relu_grad_kernel (y->data, dy->data, dx->data, x->size);
}

static void
leaky_forward (StrataLayer *layer, const StrataTensor *x, StrataTensor *y,
               const StrataForwardContext *ctx)
{
  float s = ((StrataActivation *) layer)->negative_slope;

  for (gsize i = 0; i < x->size; i++)
    y->data[i] = x->data[i] > 0.0f ? x->data[i] : s * x->data[i];
}

static void
leaky_backward (StrataLayer *layer, const StrataTensor *x, const StrataTensor *y,
                const StrataTensor *dy, StrataTensor *dx)
{
  float s = ((StrataActivation *) layer)->negative_slope;

  if (dx != NULL)
    for (gsize i = 0; i < x->size; i++)
      dx->data[i] = x->data[i] > 0.0f ? dy->data[i] : s * dy->data[i];
}

static void
tanh_forward (StrataLayer *layer, const StrataTensor *x, StrataTensor *y,
              const StrataForwardContext *ctx)
{
  for (gsize i = 0; i < x->size; i++)
    y->data[i] = tanhf (x->data[i]);
}

static void
tanh_backward (StrataLayer *layer, const StrataTensor *x, const StrataTensor *y,
               const StrataTensor *dy, StrataTensor *dx)
{
  if (dx != NULL)
    for (gsize i = 0; i < x->size; i++)
      dx->data[i] = dy->data[i] * (1.0f - y->data[i] * y->data[i]);
}

static void
sigmoid_forward (StrataLayer *layer, const StrataTensor *x, StrataTensor *y,
                 const StrataForwardContext *ctx)
{
  for (gsize i = 0; i < x->size; i++)
    y->data[i] = 1.0f / (1.0f + expf (-x->data[i]));
}

static void
sigmoid_backward (StrataLayer *layer, const StrataTensor *x, const StrataTensor *y,
                  const StrataTensor *dy, StrataTensor *dx)
{
  if (dx != NULL)
    for (gsize i = 0; i < x->size; i++)
      dx->data[i] = dy->data[i] * y->data[i] * (1.0f - y->data[i]);
}

static void
softmax_forward (StrataLayer *layer, const StrataTensor *x, StrataTensor *y,
                 const StrataForwardContext *ctx)
{
  gsize n = x->shape[0], f = layer->in_shape.dim[0];

  for (gsize r = 0; r < n; r++)
    {
      const float *a = x->data + r * f;
      float *b = y->data + r * f;
      float m = a[0], sum = 0.0f;

      for (gsize j = 1; j < f; j++)
        m = MAX (m, a[j]);
      for (gsize j = 0; j < f; j++)
        sum += (b[j] = expf (a[j] - m));
      for (gsize j = 0; j < f; j++)
        b[j] /= sum;
    }
}

static void
softmax_backward (StrataLayer *layer, const StrataTensor *x, const StrataTensor *y,
                  const StrataTensor *dy, StrataTensor *dx)
{
  gsize n = x->shape[0], f = layer->in_shape.dim[0];

  if (dx == NULL)
    return;
  for (gsize r = 0; r < n; r++)
    {
      const float *p = y->data + r * f, *g = dy->data + r * f;
      float *d = dx->data + r * f;
      float dot = 0.0f;

      for (gsize j = 0; j < f; j++)
        dot += g[j] * p[j];
      for (gsize j = 0; j < f; j++)
        d[j] = p[j] * (g[j] - dot);
    }
}

#define ACTIVATION_CLASS(id, name, params, build_fn)      \
  const StrataLayerClass strata_##id##_class = {          \
    .type_name = name,                                    \
    .instance_size = sizeof (StrataActivation),           \
    .param_names = params,                                \
    .build = build_fn,                                    \
    .forward = id##_forward,                              \
    .backward = id##_backward,                            \
  };

#define leaky_relu_forward leaky_forward
#define leaky_relu_backward leaky_backward

ACTIVATION_CLASS (relu, "relu", no_params, same_shape_build)
ACTIVATION_CLASS (leaky_relu, "leaky_relu", leaky_params, leaky_build)
ACTIVATION_CLASS (tanh, "tanh", no_params, same_shape_build)
ACTIVATION_CLASS (sigmoid, "sigmoid", no_params, same_shape_build)
ACTIVATION_CLASS (softmax, "softmax", no_params, softmax_build)
