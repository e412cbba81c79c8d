/* strata-layer-conv.c — 2-D convolution (im2col + sgemm)
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * Cross-correlation as PyTorch's nn.Conv2d (square kernel, same stride and
 * zero padding on both axes), computed as one matrix product over the whole
 * mini-batch (Chellapilla et al. 2006, "im2col"):
 *
 *   col [K, N·P]       K = C_in·k·k rows (c, ki, kj), one column per output
 *                      pixel p of every sample n, P = H'·W'
 *   Y   [C_out, N·P]   = W [C_out, K] · col          (one sgemm)
 *   y   [N, C_out, P]  = Y rearranged + bias
 *
 * Backward reuses the col matrix kept from the training forward:
 *   dW = dY · colᵀ,  db = Σ dY,  dcol = Wᵀ · dY,  dx = col2im(dcol)
 * and skips dcol/col2im entirely for the first layer (dx == NULL).
 *
 * One big product rather than one per sample: LeNet's convolutions have only
 * 6 or 16 output channels, so per-sample GEMMs are tiny and run at a fraction
 * of the kernel's speed, while N·P columns (36,864 for the first LeNet layer
 * at batch 64) give OpenBLAS enough work to use both cores. The rearranging
 * loops are memory-bound and cheap next to the products (see docs/nn.md for
 * the profile).
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
  float       *ybig;                /* [c_out, batch·P] scratch */
  float       *ones;                /* [batch·P] of 1.0, for the bias gradient */
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
  strata_aligned_free (self->ybig);
  strata_aligned_free (self->ones);
  self->col = strata_aligned_floats (self->c_in * self->k * self->k * cols);
  self->ybig = strata_aligned_floats (self->c_out * cols);
  self->ones = strata_aligned_floats (cols);
  for (gsize i = 0; i < cols; i++)
    self->ones[i] = 1.0f;
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
  cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans,
               (int) self->c_out, (int) NP, (int) K,
               1.0f, self->weight.value->data, (int) K, self->col, (int) NP,
               0.0f, self->ybig, (int) NP);
  for (gsize b = 0; b < n; b++)
    for (gsize co = 0; co < self->c_out; co++)
      {
        const float *src = self->ybig + co * NP + b * P;
        float *dst = y->data + (b * self->c_out + co) * P;
        float bias = self->has_bias ? self->bias.value->data[co] : 0.0f;

        for (gsize p = 0; p < P; p++)
          dst[p] = src[p] + bias;
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
  float *dybig = self->ybig;   /* the forward product is no longer needed */

  for (gsize b = 0; b < n; b++)
    for (gsize co = 0; co < self->c_out; co++)
      memcpy (dybig + co * NP + b * P, dy->data + (b * self->c_out + co) * P,
              P * sizeof (float));

  /* dWᵀ [K, C_out] = col · dYᵀ, then transposed: OpenBLAS handles this
   * orientation 1.5–2× faster than dW = dY · colᵀ for LeNet's shapes
   * (measured single-threaded: 23.5 vs 15.1 GFLOP/s for C_out 6, K 25;
   * 63 vs 32 for C_out 16, K 150). */
  cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasTrans,
               (int) K, (int) self->c_out, (int) NP,
               1.0f, self->col, (int) NP, dybig, (int) NP,
               0.0f, self->dwt, (int) self->c_out);
  for (gsize co = 0; co < self->c_out; co++)
    for (gsize kk = 0; kk < K; kk++)
      self->weight.grad->data[co * K + kk] = self->dwt[kk * self->c_out + co];
  if (self->has_bias)
    cblas_sgemv (CblasRowMajor, CblasNoTrans, (int) self->c_out, (int) NP,
                 1.0f, dybig, (int) NP, self->ones, 1, 0.0f, self->bias.grad->data, 1);
  if (dx == NULL)
    return;
  /* The col matrix is consumed: it now holds dcol. */
  cblas_sgemm (CblasRowMajor, CblasTrans, CblasNoTrans,
               (int) K, (int) NP, (int) self->c_out,
               1.0f, self->weight.value->data, (int) K, dybig, (int) NP,
               0.0f, self->col, (int) NP);
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
  strata_aligned_free (self->ybig);
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
