/* strata-layer-pool.c — max and average pooling over 2-D windows
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * As PyTorch's nn.MaxPool2d / nn.AvgPool2d: square windows, stride defaults
 * to the window size, padding ≤ kernel_size / 2. Max pooling treats padded
 * cells as −∞ and remembers, per output cell, the index of the winning input
 * cell (first one on ties), so backward is a scatter. Average pooling divides
 * by k·k, padded cells included (count_include_pad = True).
 */

#include "strata-layer-private.h"

#include <math.h>
#include <string.h>

typedef struct {
  StrataLayer parent;
  gsize       c, h, w, ho, wo;
  gsize       k, stride, pad;
  gint32     *argmax;       /* max only: [batch, c, ho, wo] index into h·w */
  float      *pair_max;     /* max 2×2 path: [2·wo] maxima of a pair of rows */
} StrataPool2d;

static const char *const pool_params[] = { "kernel_size", "stride", "padding", NULL };

static gboolean
pool_build (StrataLayer *layer,
            GError     **error)
{
  StrataPool2d *self = (StrataPool2d *) layer;

  if (!strata_layer_get_uint (layer, "kernel_size", -1, 1, 1 << 10, &self->k, error) ||
      !strata_layer_get_uint (layer, "stride", (gint64) self->k, 1, 1 << 10, &self->stride, error) ||
      !strata_layer_get_uint (layer, "padding", 0, 0, (gint64) self->k / 2, &self->pad, error) ||
      !strata_layer_window_geometry (layer, self->k, self->stride, self->pad,
                                     &self->ho, &self->wo, error))
    return FALSE;
  self->c = layer->in_shape.dim[0];
  self->h = layer->in_shape.dim[1];
  self->w = layer->in_shape.dim[2];
  layer->out_shape = strata_shape_3d (self->c, self->ho, self->wo);
  self->pair_max = strata_aligned_floats (2 * self->wo);
  return TRUE;
}

static gboolean
is_2x2 (const StrataPool2d *self)
{
  return self->k == 2 && self->stride == 2 && self->pad == 0;
}

static void
maxpool_resize (StrataLayer *layer,
                gsize        batch)
{
  StrataPool2d *self = (StrataPool2d *) layer;

  if (is_2x2 (self))
    return;   /* the fast path keeps no indices */
  g_free (self->argmax);
  self->argmax = g_new0 (gint32, batch * self->c * self->ho * self->wo);
}

/* The common 2×2, stride 2, no padding case. Forward takes the maximum of
 * the two rows first (contiguous, so it vectorizes), then of neighbouring
 * pairs, and stores no index: backward finds the winner again as the first
 * of the four inputs equal to the output, in row-major order — the same
 * "first maximum" the generic path records. */
static inline float
max2 (float a,
      float b)
{
  return b > a ? b : a;
}

static void
rows_max (const float *restrict r0,
          const float *restrict r1,
          float       *restrict m,
          gsize                 n)
{
  gsize i = 0;

  for (; i + 8 <= n; i += 8)
    for (gsize k = 0; k < 8; k++)
      m[i + k] = max2 (r0[i + k], r1[i + k]);
  for (; i < n; i++)
    m[i] = max2 (r0[i], r1[i]);
}

static void
maxpool_forward_2x2 (StrataPool2d       *self,
                     const float        *x,
                     float              *y,
                     gsize               planes)
{
  gsize w = self->w, HW = self->h * self->w, wo = self->wo, P = self->ho * self->wo;
  float *m = self->pair_max;

  for (gsize pl = 0; pl < planes; pl++)
    for (gsize oh = 0; oh < self->ho; oh++)
      {
        const float *r0 = x + pl * HW + 2 * oh * w;
        float *out = y + pl * P + oh * wo;

        rows_max (r0, r0 + w, m, 2 * wo);
        for (gsize ow = 0; ow < wo; ow++)
          out[ow] = max2 (m[2 * ow], m[2 * ow + 1]);
      }
}

static void
maxpool_backward_2x2 (const StrataPool2d *self,
                      const float        *x,
                      const float        *y,
                      const float        *dy,
                      float              *dx,
                      gsize               planes)
{
  gsize w = self->w, HW = self->h * self->w, wo = self->wo, P = self->ho * self->wo;

  /* Every input cell of an even-sized plane belongs to one window and is
   * written below; odd sizes leave a last row or column to clear. */
  if (self->h % 2 != 0 || self->w % 2 != 0)
    memset (dx, 0, planes * HW * sizeof (float));
  for (gsize pl = 0; pl < planes; pl++)
    for (gsize oh = 0; oh < self->ho; oh++)
      {
        const float *r0 = x + pl * HW + 2 * oh * w, *r1 = r0 + w;
        const float *out = y + pl * P + oh * wo, *g = dy + pl * P + oh * wo;
        float *d0 = dx + pl * HW + 2 * oh * w, *d1 = d0 + w;

        for (gsize ow = 0; ow < wo; ow++)
          {
            /* Bitwise, not short-circuit, so that no branch mispredicts. */
            float v = out[ow], gv = g[ow];
            int a = r0[2 * ow] == v;
            int b = (r0[2 * ow + 1] == v) & !a;
            int c = (r1[2 * ow] == v) & !(a | b);
            int e = (r1[2 * ow + 1] == v) & !(a | b | c);

            d0[2 * ow] = gv * (float) a;
            d0[2 * ow + 1] = gv * (float) b;
            d1[2 * ow] = gv * (float) c;
            d1[2 * ow + 1] = gv * (float) e;
          }
      }
}

static void
maxpool_forward (StrataLayer                *layer,
                 const StrataTensor         *x,
                 StrataTensor               *y,
                 const StrataForwardContext *ctx)
{
  StrataPool2d *self = (StrataPool2d *) layer;
  gsize planes = x->shape[0] * self->c, HW = self->h * self->w, P = self->ho * self->wo;

  if (is_2x2 (self))
    {
      maxpool_forward_2x2 (self, x->data, y->data, planes);
      return;
    }
  for (gsize pl = 0; pl < planes; pl++)
    {
      const float *in = x->data + pl * HW;
      float *out = y->data + pl * P;
      gint32 *arg = self->argmax + pl * P;

      for (gsize oh = 0; oh < self->ho; oh++)
        for (gsize ow = 0; ow < self->wo; ow++)
          {
            gssize h0 = (gssize) (oh * self->stride) - (gssize) self->pad;
            gssize w0 = (gssize) (ow * self->stride) - (gssize) self->pad;
            float best = -INFINITY;
            gint32 where = -1;

            for (gssize i = MAX (h0, 0); i < MIN (h0 + (gssize) self->k, (gssize) self->h); i++)
              for (gssize j = MAX (w0, 0); j < MIN (w0 + (gssize) self->k, (gssize) self->w); j++)
                {
                  float v = in[i * self->w + j];
                  if (v > best || where < 0)
                    {
                      best = v;
                      where = (gint32) (i * self->w + j);
                    }
                }
            out[oh * self->wo + ow] = best;
            arg[oh * self->wo + ow] = where;
          }
    }
}

static void
maxpool_backward (StrataLayer        *layer,
                  const StrataTensor *x,
                  const StrataTensor *y,
                  const StrataTensor *dy,
                  StrataTensor       *dx)
{
  StrataPool2d *self = (StrataPool2d *) layer;
  gsize planes = x->shape[0] * self->c, HW = self->h * self->w, P = self->ho * self->wo;

  if (dx == NULL)
    return;
  if (is_2x2 (self))
    {
      maxpool_backward_2x2 (self, x->data, y->data, dy->data, dx->data, planes);
      return;
    }
  strata_tensor_zero (dx);
  for (gsize pl = 0; pl < planes; pl++)
    {
      float *d = dx->data + pl * HW;
      const float *g = dy->data + pl * P;
      const gint32 *arg = self->argmax + pl * P;

      for (gsize p = 0; p < P; p++)
        d[arg[p]] += g[p];
    }
}

static void
avgpool_forward (StrataLayer                *layer,
                 const StrataTensor         *x,
                 StrataTensor               *y,
                 const StrataForwardContext *ctx)
{
  StrataPool2d *self = (StrataPool2d *) layer;
  gsize planes = x->shape[0] * self->c, HW = self->h * self->w, P = self->ho * self->wo;
  float scale = 1.0f / (float) (self->k * self->k);

  for (gsize pl = 0; pl < planes; pl++)
    {
      const float *in = x->data + pl * HW;
      float *out = y->data + pl * P;

      for (gsize oh = 0; oh < self->ho; oh++)
        for (gsize ow = 0; ow < self->wo; ow++)
          {
            gssize h0 = (gssize) (oh * self->stride) - (gssize) self->pad;
            gssize w0 = (gssize) (ow * self->stride) - (gssize) self->pad;
            float sum = 0.0f;

            for (gssize i = MAX (h0, 0); i < MIN (h0 + (gssize) self->k, (gssize) self->h); i++)
              for (gssize j = MAX (w0, 0); j < MIN (w0 + (gssize) self->k, (gssize) self->w); j++)
                sum += in[i * self->w + j];
            out[oh * self->wo + ow] = sum * scale;
          }
    }
}

static void
avgpool_backward (StrataLayer        *layer,
                  const StrataTensor *x,
                  const StrataTensor *y,
                  const StrataTensor *dy,
                  StrataTensor       *dx)
{
  StrataPool2d *self = (StrataPool2d *) layer;
  gsize planes = x->shape[0] * self->c, HW = self->h * self->w, P = self->ho * self->wo;
  float scale = 1.0f / (float) (self->k * self->k);

  if (dx == NULL)
    return;
  strata_tensor_zero (dx);
  for (gsize pl = 0; pl < planes; pl++)
    {
      float *d = dx->data + pl * HW;
      const float *g = dy->data + pl * P;

      for (gsize oh = 0; oh < self->ho; oh++)
        for (gsize ow = 0; ow < self->wo; ow++)
          {
            gssize h0 = (gssize) (oh * self->stride) - (gssize) self->pad;
            gssize w0 = (gssize) (ow * self->stride) - (gssize) self->pad;
            float v = g[oh * self->wo + ow] * scale;

            for (gssize i = MAX (h0, 0); i < MIN (h0 + (gssize) self->k, (gssize) self->h); i++)
              for (gssize j = MAX (w0, 0); j < MIN (w0 + (gssize) self->k, (gssize) self->w); j++)
                d[i * self->w + j] += v;
          }
    }
}

static void
pool_finalize (StrataLayer *layer)
{
  StrataPool2d *self = (StrataPool2d *) layer;

  g_free (self->argmax);
  strata_aligned_free (self->pair_max);
}

const StrataLayerClass strata_maxpool2d_class = {
  .type_name = "maxpool2d",
  .instance_size = sizeof (StrataPool2d),
  .param_names = pool_params,
  .build = pool_build,
  .resize = maxpool_resize,
  .forward = maxpool_forward,
  .backward = maxpool_backward,
  .finalize = pool_finalize,
};

const StrataLayerClass strata_avgpool2d_class = {
  .type_name = "avgpool2d",
  .instance_size = sizeof (StrataPool2d),
  .param_names = pool_params,
  .build = pool_build,
  .forward = avgpool_forward,
  .backward = avgpool_backward,
  .finalize = pool_finalize,
};
