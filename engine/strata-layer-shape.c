/* strata-layer-shape.c — flatten and dropout
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * Flatten only relabels the shape (row-major data is already flat); it
 * copies so that every layer owns its output buffer. Dropout is inverted
 * dropout (Srivastava et al. 2014 as PyTorch implements it): in training a
 * cell is zeroed with probability p and survivors are scaled by 1/(1 − p),
 * so evaluation is the identity. The mask (0 or the scale) is drawn from the
 * network's seeded generator and kept for backward.
 */

#include "strata-layer-private.h"

#include <string.h>

typedef struct {
  StrataLayer parent;
  float       p;
  float      *mask;     /* dropout: [batch · features] */
  gboolean    active;   /* dropout: the last forward applied the mask */
} StrataShapeLayer;

static const char *const flatten_params[] = { NULL };
static const char *const dropout_params[] = { "p", NULL };

static gboolean
flatten_build (StrataLayer *layer,
               GError     **error)
{
  layer->out_shape = strata_shape_1d (strata_shape_size (&layer->in_shape));
  return TRUE;
}

static void
copy_forward (StrataLayer *layer, const StrataTensor *x, StrataTensor *y,
              const StrataForwardContext *ctx)
{
  memcpy (y->data, x->data, x->size * sizeof (float));
}

static void
copy_backward (StrataLayer *layer, const StrataTensor *x, const StrataTensor *y,
               const StrataTensor *dy, StrataTensor *dx)
{
  if (dx != NULL)
    memcpy (dx->data, dy->data, dy->size * sizeof (float));
}

static gboolean
dropout_build (StrataLayer *layer,
               GError     **error)
{
  StrataShapeLayer *self = (StrataShapeLayer *) layer;
  double p;

  if (!strata_layer_get_double (layer, "p", 0.5, 0.0, 0.99, &p, error))
    return FALSE;
  self->p = (float) p;
  layer->out_shape = layer->in_shape;
  return TRUE;
}

static void
dropout_resize (StrataLayer *layer,
                gsize        batch)
{
  StrataShapeLayer *self = (StrataShapeLayer *) layer;

  strata_aligned_free (self->mask);
  self->mask = strata_aligned_floats (batch * strata_shape_size (&layer->in_shape));
}

static void
dropout_forward (StrataLayer *layer, const StrataTensor *x, StrataTensor *y,
                 const StrataForwardContext *ctx)
{
  StrataShapeLayer *self = (StrataShapeLayer *) layer;
  float scale = 1.0f / (1.0f - self->p);

  self->active = ctx != NULL && ctx->training && ctx->rng != NULL && self->p > 0.0f;
  if (!self->active)
    {
      copy_forward (layer, x, y, ctx);
      return;
    }
  for (gsize i = 0; i < x->size; i++)
    {
      self->mask[i] = g_rand_double (ctx->rng) < self->p ? 0.0f : scale;
      y->data[i] = x->data[i] * self->mask[i];
    }
}

static void
dropout_backward (StrataLayer *layer, const StrataTensor *x, const StrataTensor *y,
                  const StrataTensor *dy, StrataTensor *dx)
{
  StrataShapeLayer *self = (StrataShapeLayer *) layer;

  if (dx == NULL)
    return;
  if (!self->active)
    {
      copy_backward (layer, x, y, dy, dx);
      return;
    }
  for (gsize i = 0; i < dy->size; i++)
    dx->data[i] = dy->data[i] * self->mask[i];
}

static void
dropout_finalize (StrataLayer *layer)
{
  strata_aligned_free (((StrataShapeLayer *) layer)->mask);
}

const StrataLayerClass strata_flatten_class = {
  .type_name = "flatten",
  .instance_size = sizeof (StrataShapeLayer),
  .param_names = flatten_params,
  .build = flatten_build,
  .forward = copy_forward,
  .backward = copy_backward,
};

const StrataLayerClass strata_dropout_class = {
  .type_name = "dropout",
  .instance_size = sizeof (StrataShapeLayer),
  .param_names = dropout_params,
  .build = dropout_build,
  .resize = dropout_resize,
  .forward = dropout_forward,
  .backward = dropout_backward,
  .finalize = dropout_finalize,
};
