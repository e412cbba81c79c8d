/* strata-layer-dense.c — fully connected layer
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * y = x Wᵀ + b with W [out, in] as PyTorch's nn.Linear. The whole batch goes
 * through cblas_sgemm each way (in column blocks, below):
 *   forward   Y[N, out]  = X[N, in] · Wᵀ
 *   backward  dW[out, in] = dYᵀ · X,  db = Σ_n dY,  dX[N, in] = dY · W
 * dX is skipped when the caller passes no buffer for it (the first layer:
 * nobody needs the gradient of the data).
 *
 * Each product is cut into column blocks of at most 10^6 multiply-adds.
 * OpenBLAS (0.3.16 and later, on AVX-512) runs such small products with
 * kernels that read the operands in place instead of packing them, and a
 * mini-batch shard is small: for the MLP's 784 → 256 layer and 32 rows,
 * timed single-threaded on the project machine, the forward product went
 * from 163 to 115 µs and dW from 141–280 to 116 µs (~110 GFLOP/s, against
 * ~80 for one big product, which packs the whole weight on every call).
 * With another BLAS the blocks are merely a few more calls.
 */

#include "strata-layer-private.h"

#include <cblas.h>
#include <string.h>

typedef struct {
  StrataLayer  parent;
  gsize        in, out;
  gboolean     has_bias;
  StrataInit   init;
  StrataParam  weight;
  StrataParam  bias;
} StrataDense;

/* OpenBLAS's small-matrix limits (sgemm_small_kernel_permit for
 * SkylakeX/Cooperlake): m·n·k ≤ 10^6, and for its TN kernel also m·n ≤
 * 1200 (column-major sizes). */
#define SMALL_MACS 1000000.0
#define SMALL_TN_OUTPUTS 1200

/* The block width (16 or 8 columns of @n) for products costing @macs_per_col
 * multiply-adds and @outputs_per_col outputs per column, or @n when no such
 * block is small or @n needs no cutting. 16 and 8 columns timed alike; 32
 * was slower for 64 rows (the single-thread batch). */
static int
small_block (int    n,
             double macs_per_col,
             double outputs_per_col)
{
  for (int b = 16; b >= 8; b /= 2)
    if (b * macs_per_col <= SMALL_MACS && b * outputs_per_col <= SMALL_TN_OUTPUTS)
      return b < n ? b : n;
  return n;
}

static const char *const dense_params[] = { "out_features", "bias", "init", NULL };

static gboolean
dense_build (StrataLayer *layer,
             GError     **error)
{
  StrataDense *self = (StrataDense *) layer;

  if (layer->in_shape.ndim != 1)
    {
      g_autofree char *s = strata_shape_to_string (&layer->in_shape);
      strata_layer_set_error (layer, error, STRATA_LAYER_ERROR_SHAPE,
                              "needs a flat input [features] but gets %s; "
                              "add a flatten layer before it", s);
      return FALSE;
    }
  if (!strata_layer_get_uint (layer, "out_features", -1, 1, 1 << 24, &self->out, error) ||
      !strata_layer_get_bool (layer, "bias", TRUE, &self->has_bias, error) ||
      !strata_layer_get_init (layer, STRATA_INIT_HE_UNIFORM, &self->init, error))
    return FALSE;
  self->in = layer->in_shape.dim[0];
  if (!strata_layer_check_floats (layer, (double) self->in * self->out, "weight", error))
    return FALSE;
  layer->out_shape = strata_shape_1d (self->out);
  strata_param_alloc (&self->weight, "weight", 2, (gsize[]) { self->out, self->in });
  if (self->has_bias)
    strata_param_alloc (&self->bias, "bias", 1, (gsize[]) { self->out });
  return TRUE;
}

static void
dense_init_weights (StrataLayer *layer,
                    GRand       *rng)
{
  StrataDense *self = (StrataDense *) layer;

  strata_init_fill (self->weight.value->data, self->weight.value->size,
                    self->init, self->in, self->out, rng);
  if (self->has_bias)
    strata_tensor_zero (self->bias.value);
}

static void
dense_forward (StrataLayer                *layer,
               const StrataTensor         *x,
               StrataTensor               *y,
               const StrataForwardContext *ctx)
{
  StrataDense *self = (StrataDense *) layer;
  int n = (int) x->shape[0], in = (int) self->in, out = (int) self->out, b;
  float beta = 0.0f;

  if (self->has_bias)
    {
      for (int i = 0; i < n; i++)
        memcpy (y->data + (gsize) i * out, self->bias.value->data, out * sizeof (float));
      beta = 1.0f;
    }
  /* Y[:, o:o+b] = X · W[o:o+b, :]ᵀ, OpenBLAS's TN case. */
  b = small_block (out, (double) n * in, n);
  for (int o = 0; o < out; o += b)
    cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasTrans, n, MIN (b, out - o), in,
                 1.0f, x->data, in, self->weight.value->data + (gsize) o * in, in,
                 beta, y->data + o, out);
}

static void
dense_backward (StrataLayer        *layer,
                const StrataTensor *x,
                const StrataTensor *y,
                const StrataTensor *dy,
                StrataTensor       *dx)
{
  StrataDense *self = (StrataDense *) layer;
  int n = (int) x->shape[0], in = (int) self->in, out = (int) self->out, b;
  float *dw = self->weight.grad->data;
  const float *w = self->weight.value->data;

  /* dW[o:o+b, :] = dY[:, o:o+b]ᵀ · X, OpenBLAS's NT case. */
  b = small_block (out, (double) n * in, 0.0);
  for (int o = 0; o < out; o += b)
    cblas_sgemm (CblasRowMajor, CblasTrans, CblasNoTrans, MIN (b, out - o), in, n,
                 1.0f, dy->data + o, out, x->data, in,
                 0.0f, dw + (gsize) o * in, in);
  if (self->has_bias)
    {
      float *db = self->bias.grad->data;

      memset (db, 0, out * sizeof (float));
      for (int i = 0; i < n; i++)
        {
          const float *row = dy->data + (gsize) i * out;
          for (int j = 0; j < out; j++)
            db[j] += row[j];
        }
    }
  if (dx == NULL)
    return;
  /* dX[:, j:j+b] = dY · W[:, j:j+b], OpenBLAS's NN case. */
  b = small_block (in, (double) n * out, 0.0);
  for (int j = 0; j < in; j += b)
    cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, n, MIN (b, in - j), out,
                 1.0f, dy->data, out, w + j, in,
                 0.0f, dx->data + j, in);
}

static guint
dense_parameters (StrataLayer *layer,
                  StrataParam *out)
{
  StrataDense *self = (StrataDense *) layer;

  return strata_params_weight_bias (out, &self->weight, &self->bias, self->has_bias);
}

static double
dense_forward_macs (StrataLayer *layer)
{
  StrataDense *self = (StrataDense *) layer;
  return (double) self->in * self->out;
}

static void
dense_finalize (StrataLayer *layer)
{
  StrataDense *self = (StrataDense *) layer;

  strata_param_clear (&self->weight);
  strata_param_clear (&self->bias);
}

const StrataLayerClass strata_dense_class = {
  .type_name = "dense",
  .instance_size = sizeof (StrataDense),
  .param_names = dense_params,
  .build = dense_build,
  .init_weights = dense_init_weights,
  .forward = dense_forward,
  .backward = dense_backward,
  .parameters = dense_parameters,
  .forward_macs = dense_forward_macs,
  .finalize = dense_finalize,
};
