/* strata-layer-conv.c — 2-D convolution (im2col + sgemm)
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * Cross-correlation as PyTorch's nn.Conv2d (square kernel, same stride and
 * zero padding on both axes), computed with im2col (Chellapilla et al. 2006):
 *
 *   col [K, N·P]       K = C_in·k·k rows (c, ki, kj), one column per output
 *                      pixel p of every sample n, P = H'·W'; sample n's
 *                      block col_n is columns [n·P, (n+1)·P), leading
 *                      dimension N·P
 *   y_n [C_out, P]     = W [C_out, K] · col_n + bias  (one sgemm per sample,
 *                      written straight into the output [N, C_out, P])
 *
 * Backward reuses the col matrix kept from the training forward:
 *   dWᵀ [K, C_out] = Σ_n col_n · dy_nᵀ,  db = Σ dy,
 *   dcol_n = Wᵀ · dy_n,  dx = col2im(dcol)
 * and skips dcol/col2im entirely for the first layer (dx == NULL).
 *
 * Why one product per sample: LeNet's convolutions have 6 or 16 output
 * channels. One big [C_out, N·P] product made OpenBLAS pack the whole col
 * matrix (each packed value then serves only 6 or 16 outputs) and needed
 * the result rearranged from [C_out, N·P] to [N, C_out, P]. Per sample, the
 * shapes (6 × 576 × 25, 16 × 64 × 150) fall to OpenBLAS's small-matrix
 * kernels, which do not pack: measured single-threaded, the forward product
 * runs at 86 instead of 38 GFLOP/s for the first layer and 105 instead of
 * 63 for the second, and dWᵀ at 91 instead of 15 for the first; the
 * rearranging copies disappear. Parallelism comes from the trainer's
 * shards, not from inside these products. The second layer's dWᵀ (150 ×
 * 16 outputs per sample) exceeds the 1200 outputs OpenBLAS allows its small
 * TN kernel, so it is computed in blocks of at most 1200 / C_out rows of K
 * (two of 75 for LeNet); before, it was the one packed product left.
 */

#include "strata-layer-private.h"

#include <cblas.h>
#include <string.h>

typedef struct {
  StrataLayer  parent;
  gsize        c_in, h, w;          /* input */
  gsize        c_out, ho, wo;       /* output */
  gsize        k, stride, pad;
  gboolean     has_bias;
  StrataInit   init;
  StrataParam  weight;              /* [c_out, c_in, k, k] */
  StrataParam  bias;                /* [c_out] */
  float       *col;                 /* [K, batch·P] scratch */
  float       *ones;                /* [P] of 1.0, for the bias gradient */
  float       *dwt;                 /* [K, c_out]: dWᵀ before transposing */
} StrataConv2d;

static const char *const conv_params[] = {
  "out_channels", "kernel_size", "stride", "padding", "bias", "init", NULL,
};

static gboolean
conv_build (StrataLayer *layer,
            GError     **error)
{
  StrataConv2d *self = (StrataConv2d *) layer;

  if (!strata_layer_get_uint (layer, "out_channels", -1, 1, 1 << 16, &self->c_out, error) ||
      !strata_layer_get_uint (layer, "kernel_size", -1, 1, 1 << 10, &self->k, error) ||
      !strata_layer_get_uint (layer, "stride", 1, 1, 1 << 10, &self->stride, error) ||
      !strata_layer_get_uint (layer, "padding", 0, 0, 1 << 10, &self->pad, error) ||
      !strata_layer_get_bool (layer, "bias", TRUE, &self->has_bias, error) ||
      !strata_layer_get_init (layer, STRATA_INIT_HE_UNIFORM, &self->init, error) ||
      !strata_layer_window_geometry (layer, self->k, self->stride, self->pad,
                                     &self->ho, &self->wo, error))
    return FALSE;
  self->c_in = layer->in_shape.dim[0];
  self->h = layer->in_shape.dim[1];
  self->w = layer->in_shape.dim[2];
  if (!strata_layer_check_floats (layer, (double) self->c_out * self->c_in * self->k * self->k,
                                  "weight", error) ||
      !strata_layer_check_floats (layer, (double) self->c_in * self->k * self->k * self->ho * self->wo,
                                  "the im2col matrix of one sample", error))
    return FALSE;
  layer->out_shape = strata_shape_3d (self->c_out, self->ho, self->wo);
  strata_param_alloc (&self->weight, "weight", 4,
                      (gsize[]) { self->c_out, self->c_in, self->k, self->k });
  if (self->has_bias)
    strata_param_alloc (&self->bias, "bias", 1, (gsize[]) { self->c_out });
  self->dwt = strata_aligned_floats (self->weight.value->size);
  self->ones = strata_aligned_floats (self->ho * self->wo);
  for (gsize i = 0; i < self->ho * self->wo; i++)
    self->ones[i] = 1.0f;
  return TRUE;
}

static void
conv_init_weights (StrataLayer *layer,
                   GRand       *rng)
{
  StrataConv2d *self = (StrataConv2d *) layer;
  gsize kk = self->k * self->k;

  strata_init_fill (self->weight.value->data, self->weight.value->size, self->init,
                    self->c_in * kk, self->c_out * kk, rng);
  if (self->has_bias)
    strata_tensor_zero (self->bias.value);
}

static void
conv_resize (StrataLayer *layer,
             gsize        batch)
{
  StrataConv2d *self = (StrataConv2d *) layer;
  gsize cols = batch * self->ho * self->wo;

  strata_aligned_free (self->col);
  self->col = strata_aligned_floats (self->c_in * self->k * self->k * cols);
}

/* Copies a short row (LeNet: 24 or 8 floats) with fixed-size moves that
 * the compiler inlines; a plain loop becomes a memcpy call per row, whose
 * overhead dominated im2col in the profile. */
static inline void
copy_row (float       *restrict dst,
          const float *restrict src,
          gsize        n)
{
  gsize i = 0;

  for (; i + 8 <= n; i += 8)
    memcpy (dst + i, src + i, 8 * sizeof (float));
  for (; i < n; i++)
    memcpy (dst + i, src + i, sizeof (float));
}

/* v[i] += c, in blocks the -O2 vectorizer handles. */
static void
add_scalar (float *restrict v,
            float           c,
            gsize           n)
{
  gsize i = 0;

  for (; i + 8 <= n; i += 8)
    for (gsize k = 0; k < 8; k++)
      v[i + k] += c;
  for (; i < n; i++)
    v[i] += c;
}

/* col[(c·k + ki)·k + kj][n·P + oh·W' + ow] = x[n, c, oh·s − pad + ki, ow·s − pad + kj] */
static void
im2col (const StrataConv2d *self,
        const float        *restrict x,
        gsize               n,
        float              *restrict col)
{
  gsize P = self->ho * self->wo, NP = n * P, k = self->k, s = self->stride;

  for (gsize c = 0; c < self->c_in; c++)
    for (gsize ki = 0; ki < k; ki++)
      for (gsize kj = 0; kj < k; kj++)
        {
          float *row = col + ((c * k + ki) * k + kj) * NP;

          for (gsize b = 0; b < n; b++)
            {
              const float *img = x + (b * self->c_in + c) * self->h * self->w;
              float *out = row + b * P;

              for (gsize oh = 0; oh < self->ho; oh++)
                {
                  gssize ih = (gssize) (oh * s + ki) - (gssize) self->pad;
                  float *o = out + oh * self->wo;

                  if (ih < 0 || ih >= (gssize) self->h)
                    {
                      memset (o, 0, self->wo * sizeof (float));
                      continue;
                    }
                  if (s == 1 && self->pad == 0)
                    {
                      copy_row (o, img + ih * self->w + kj, self->wo);
                      continue;
                    }
                  for (gsize ow = 0; ow < self->wo; ow++)
                    {
                      gssize iw = (gssize) (ow * s + kj) - (gssize) self->pad;
                      o[ow] = (iw >= 0 && iw < (gssize) self->w) ? img[ih * self->w + iw] : 0.0f;
                    }
                }
            }
        }
}

/* The adjoint of im2col: dx += scattered dcol. dx must be zeroed first. */
static void
col2im (const StrataConv2d *self,
        const float        *col,
        gsize               n,
        float              *dx)
{
  gsize P = self->ho * self->wo, NP = n * P, k = self->k, s = self->stride;

  for (gsize c = 0; c < self->c_in; c++)
    for (gsize ki = 0; ki < k; ki++)
      for (gsize kj = 0; kj < k; kj++)
        {
          const float *row = col + ((c * k + ki) * k + kj) * NP;

          for (gsize b = 0; b < n; b++)
            {
              float *img = dx + (b * self->c_in + c) * self->h * self->w;
              const float *in = row + b * P;

              for (gsize oh = 0; oh < self->ho; oh++)
                {
                  gssize ih = (gssize) (oh * s + ki) - (gssize) self->pad;
                  const float *o = in + oh * self->wo;

                  if (ih < 0 || ih >= (gssize) self->h)
                    continue;
                  if (s == 1 && self->pad == 0)
                    {
                      strata_floats_add (img + ih * self->w + kj, o, self->wo);
                      continue;
                    }
                  for (gsize ow = 0; ow < self->wo; ow++)
                    {
                      gssize iw = (gssize) (ow * s + kj) - (gssize) self->pad;
                      if (iw >= 0 && iw < (gssize) self->w)
                        img[ih * self->w + iw] += o[ow];
                    }
                }
            }
        }
}

static void
conv_forward (StrataLayer                *layer,
              const StrataTensor         *x,
              StrataTensor               *y,
              const StrataForwardContext *ctx)
{
  StrataConv2d *self = (StrataConv2d *) layer;
  gsize n = x->shape[0], P = self->ho * self->wo, NP = n * P;
  gsize K = self->c_in * self->k * self->k;

  im2col (self, x->data, n, self->col);
  for (gsize b = 0; b < n; b++)
    {
      float *yb = y->data + b * self->c_out * P;

      cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans,
                   (int) self->c_out, (int) P, (int) K,
                   1.0f, self->weight.value->data, (int) K, self->col + b * P, (int) NP,
                   0.0f, yb, (int) P);
      if (self->has_bias)
        for (gsize co = 0; co < self->c_out; co++)
          add_scalar (yb + co * P, self->bias.value->data[co], P);
    }
}

static void
conv_backward (StrataLayer        *layer,
               const StrataTensor *x,
               const StrataTensor *y,
               const StrataTensor *dy,
               StrataTensor       *dx)
{
  StrataConv2d *self = (StrataConv2d *) layer;
  gsize n = x->shape[0], P = self->ho * self->wo, NP = n * P;
  gsize K = self->c_in * self->k * self->k;

  /* Rows of K per dWᵀ product: OpenBLAS's small TN kernel takes at most
   * 1200 outputs; a block narrower than 8 rows would not pay. */
  gsize kb = 1200 / self->c_out >= 8 ? MIN (K, 1200 / self->c_out) : K;

  for (gsize b = 0; b < n; b++)
    {
      const float *dyb = dy->data + b * self->c_out * P;

      for (gsize k0 = 0; k0 < K; k0 += kb)
        cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasTrans,
                     (int) MIN (kb, K - k0), (int) self->c_out, (int) P,
                     1.0f, self->col + k0 * NP + b * P, (int) NP, dyb, (int) P,
                     b == 0 ? 0.0f : 1.0f, self->dwt + k0 * self->c_out, (int) self->c_out);
      if (self->has_bias)
        cblas_sgemv (CblasRowMajor, CblasNoTrans, (int) self->c_out, (int) P,
                     1.0f, dyb, (int) P, self->ones, 1,
                     b == 0 ? 0.0f : 1.0f, self->bias.grad->data, 1);
    }
  for (gsize co = 0; co < self->c_out; co++)
    for (gsize kk = 0; kk < K; kk++)
      self->weight.grad->data[co * K + kk] = self->dwt[kk * self->c_out + co];
  if (dx == NULL)
    return;
  /* The col matrix is consumed: it now holds dcol. */
  for (gsize b = 0; b < n; b++)
    cblas_sgemm (CblasRowMajor, CblasTrans, CblasNoTrans,
                 (int) K, (int) P, (int) self->c_out,
                 1.0f, self->weight.value->data, (int) K,
                 dy->data + b * self->c_out * P, (int) P,
                 0.0f, self->col + b * P, (int) NP);
  strata_tensor_zero (dx);
  col2im (self, self->col, n, dx->data);
}

static guint
conv_parameters (StrataLayer *layer,
                 StrataParam *out)
{
  StrataConv2d *self = (StrataConv2d *) layer;

  return strata_params_weight_bias (out, &self->weight, &self->bias, self->has_bias);
}

static double
conv_forward_macs (StrataLayer *layer)
{
  StrataConv2d *self = (StrataConv2d *) layer;
  return (double) self->c_out * self->ho * self->wo * self->c_in * self->k * self->k;
}

static void
conv_finalize (StrataLayer *layer)
{
  StrataConv2d *self = (StrataConv2d *) layer;

  strata_param_clear (&self->weight);
  strata_param_clear (&self->bias);
  strata_aligned_free (self->col);
  strata_aligned_free (self->ones);
  strata_aligned_free (self->dwt);
}

const StrataLayerClass strata_conv2d_class = {
  .type_name = "conv2d",
  .instance_size = sizeof (StrataConv2d),
  .param_names = conv_params,
  .build = conv_build,
  .init_weights = conv_init_weights,
  .resize = conv_resize,
  .forward = conv_forward,
  .backward = conv_backward,
  .parameters = conv_parameters,
  .forward_macs = conv_forward_macs,
  .finalize = conv_finalize,
};
