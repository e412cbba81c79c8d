/* strata-layer-lstm.c — long short-term memory layer with full BPTT
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * Hochreiter & Schmidhuber (1997) with the forget gate of Gers, Schmidhuber
 * & Cummins (2000), in PyTorch's formulation and weight layout (gates i, f,
 * g, o stacked in 4H rows). Everything is kept time-major inside the layer
 * so that one time step of the whole batch is a contiguous [N, ·] block:
 *
 *   xt    [T, N, F]    the input transposed from [N, T, F]
 *   gates [T, N, 4H]   first x·W_ihᵀ + b for all steps in ONE sgemm, then,
 *                      step by step, += h_{t−1}·W_hhᵀ (ONE sgemm per step
 *                      for all four gates) and the nonlinearities in place
 *   hs    [T+1, N, H]  hs[0] = 0, hs[t+1] = h_t;  cs likewise for c
 *
 * Backward is full backpropagation through time. The only sequential
 * product per step is dh_{t−1} = dgates_t · W_hh; the weight gradients are
 * one sgemm each over all T·N rows afterwards:
 *   dW_ih = dGᵀ · xt,   dW_hh = dGᵀ · hs[0..T),   db = Σ dG,   dxt = dG · W_ih
 */

#include "strata-layer-private.h"

#include <cblas.h>
#include <math.h>
#include <string.h>

typedef struct {
  StrataLayer parent;
  gsize       t, f, hid;
  gboolean    return_sequences;
  StrataInit  init;
  StrataParam weight_ih;   /* [4H, F] */
  StrataParam weight_hh;   /* [4H, H] */
  StrataParam bias;        /* [4H] */
  float      *xt;          /* [T, B, F] */
  float      *gates;       /* [T, B, 4H] activated gate values */
  float      *hs, *cs;     /* [T+1, B, H] */
  float      *tc;          /* [T, B, H] tanh(c_t) */
  float      *dgates;      /* [T, B, 4H] */
  float      *dh, *dc;     /* [B, H] running gradients */
} StrataLstm;

static const char *const lstm_params[] = { "hidden_size", "return_sequences", "init", NULL };

static gboolean
lstm_build (StrataLayer *layer,
            GError     **error)
{
  StrataLstm *self = (StrataLstm *) layer;
  gsize h4;

  if (layer->in_shape.ndim != 2)
    {
      g_autofree char *s = strata_shape_to_string (&layer->in_shape);
      strata_layer_set_error (layer, error, STRATA_LAYER_ERROR_SHAPE,
                              "needs a sequence input [steps, features] but gets %s", s);
      return FALSE;
    }
  if (!strata_layer_get_uint (layer, "hidden_size", -1, 1, 1 << 16, &self->hid, error) ||
      !strata_layer_get_bool (layer, "return_sequences", FALSE, &self->return_sequences, error) ||
      !strata_layer_get_init (layer, STRATA_INIT_GLOROT_UNIFORM, &self->init, error))
    return FALSE;
  self->t = layer->in_shape.dim[0];
  self->f = layer->in_shape.dim[1];
  h4 = 4 * self->hid;
  if (!strata_layer_check_floats (layer, (double) h4 * MAX (self->f, self->hid), "weight", error) ||
      !strata_layer_check_floats (layer, (double) self->t * h4, "the gates of one sample", error))
    return FALSE;
  layer->out_shape = self->return_sequences ? strata_shape_2d (self->t, self->hid)
                                            : strata_shape_1d (self->hid);
  strata_param_alloc (&self->weight_ih, "weight_ih", 2, (gsize[]) { h4, self->f });
  strata_param_alloc (&self->weight_hh, "weight_hh", 2, (gsize[]) { h4, self->hid });
  strata_param_alloc (&self->bias, "bias", 1, (gsize[]) { h4 });
  return TRUE;
}

static void
lstm_init_weights (StrataLayer *layer,
                   GRand       *rng)
{
  StrataLstm *self = (StrataLstm *) layer;
  gsize h = self->hid;

  strata_init_fill (self->weight_ih.value->data, self->weight_ih.value->size,
                    self->init, self->f, h, rng);
  strata_init_fill (self->weight_hh.value->data, self->weight_hh.value->size,
                    self->init, h, h, rng);
  strata_tensor_zero (self->bias.value);
  for (gsize j = h; j < 2 * h; j++)
    self->bias.value->data[j] = 1.0f;   /* forget gate open at the start */
}

static void
lstm_free_scratch (StrataLstm *self)
{
  g_clear_pointer (&self->xt, strata_aligned_free);
  g_clear_pointer (&self->gates, strata_aligned_free);
  g_clear_pointer (&self->hs, strata_aligned_free);
  g_clear_pointer (&self->cs, strata_aligned_free);
  g_clear_pointer (&self->tc, strata_aligned_free);
  g_clear_pointer (&self->dgates, strata_aligned_free);
  g_clear_pointer (&self->dh, strata_aligned_free);
  g_clear_pointer (&self->dc, strata_aligned_free);
}

static void
lstm_resize (StrataLayer *layer,
             gsize        batch)
{
  StrataLstm *self = (StrataLstm *) layer;
  gsize T = self->t, H = self->hid;

  lstm_free_scratch (self);
  self->xt = strata_aligned_floats (T * batch * self->f);
  self->gates = strata_aligned_floats (T * batch * 4 * H);
  self->hs = strata_aligned_floats ((T + 1) * batch * H);
  self->cs = strata_aligned_floats ((T + 1) * batch * H);
  self->tc = strata_aligned_floats (T * batch * H);
  self->dgates = strata_aligned_floats (T * batch * 4 * H);
  self->dh = strata_aligned_floats (batch * H);
  self->dc = strata_aligned_floats (batch * H);
}

static inline float
sigmoidf (float v)
{
  return 1.0f / (1.0f + expf (-v));
}

/* tanh through one expf: (1 − e^{−2|v|}) / (1 + e^{−2|v|}) with the sign of
 * v. glibc's tanhf goes through expm1f and took 40 % of an LSTM epoch in
 * the profile. This form is much cheaper and as accurate in absolute terms:
 * at most 9e-8 from tanh over [−20, 20] in steps of 1e-4, glibc's tanhf
 * 1e-7 (relative accuracy is lower only where |v| ≲ 1e-4). */
static inline float
fast_tanhf (float v)
{
  float t = expf (-2.0f * fabsf (v)), r = (1.0f - t) / (1.0f + t);

  return v < 0.0f ? -r : r;
}

static void
lstm_forward (StrataLayer                *layer,
              const StrataTensor         *x,
              StrataTensor               *y,
              const StrataForwardContext *ctx)
{
  StrataLstm *self = (StrataLstm *) layer;
  gsize n = x->shape[0], T = self->t, F = self->f, H = self->hid, H4 = 4 * H;

  for (gsize b = 0; b < n; b++)
    for (gsize t = 0; t < T; t++)
      memcpy (self->xt + (t * n + b) * F, x->data + (b * T + t) * F, F * sizeof (float));
  for (gsize r = 0; r < T * n; r++)
    memcpy (self->gates + r * H4, self->bias.value->data, H4 * sizeof (float));
  cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasTrans, (int) (T * n), (int) H4, (int) F,
               1.0f, self->xt, (int) F, self->weight_ih.value->data, (int) F,
               1.0f, self->gates, (int) H4);
  memset (self->hs, 0, n * H * sizeof (float));
  memset (self->cs, 0, n * H * sizeof (float));

  for (gsize t = 0; t < T; t++)
    {
      float *g = self->gates + t * n * H4;
      const float *hprev = self->hs + t * n * H, *cprev = self->cs + t * n * H;
      float *hnext = self->hs + (t + 1) * n * H, *cnext = self->cs + (t + 1) * n * H;
      float *tc = self->tc + t * n * H;

      if (t > 0)
        cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasTrans, (int) n, (int) H4, (int) H,
                     1.0f, hprev, (int) H, self->weight_hh.value->data, (int) H,
                     1.0f, g, (int) H4);
      for (gsize b = 0; b < n; b++)
        {
          float *gi = g + b * H4, *gf = gi + H, *gg = gi + 2 * H, *go = gi + 3 * H;

          for (gsize j = 0; j < H; j++)
            {
              float c;

              gi[j] = sigmoidf (gi[j]);
              gf[j] = sigmoidf (gf[j]);
              gg[j] = fast_tanhf (gg[j]);
              go[j] = sigmoidf (go[j]);
              c = gf[j] * cprev[b * H + j] + gi[j] * gg[j];
              cnext[b * H + j] = c;
              tc[b * H + j] = fast_tanhf (c);
              hnext[b * H + j] = go[j] * tc[b * H + j];
            }
        }
    }

  if (self->return_sequences)
    for (gsize b = 0; b < n; b++)
      for (gsize t = 0; t < T; t++)
        memcpy (y->data + (b * T + t) * H, self->hs + ((t + 1) * n + b) * H, H * sizeof (float));
  else
    memcpy (y->data, self->hs + T * n * H, n * H * sizeof (float));
}

static void
lstm_backward (StrataLayer        *layer,
               const StrataTensor *x,
               const StrataTensor *y,
               const StrataTensor *dy,
               StrataTensor       *dx)
{
  StrataLstm *self = (StrataLstm *) layer;
  gsize n = x->shape[0], T = self->t, F = self->f, H = self->hid, H4 = 4 * H;
  float *dh = self->dh, *dc = self->dc;

  memset (dh, 0, n * H * sizeof (float));
  memset (dc, 0, n * H * sizeof (float));
  for (gsize t = T; t-- > 0;)
    {
      const float *g = self->gates + t * n * H4;
      const float *cprev = self->cs + t * n * H, *tc = self->tc + t * n * H;
      float *dg = self->dgates + t * n * H4;

      /* dh holds ∂L/∂h_t through h_{t+1}; add the direct output gradient. */
      if (self->return_sequences)
        for (gsize b = 0; b < n; b++)
          for (gsize j = 0; j < H; j++)
            dh[b * H + j] += dy->data[(b * T + t) * H + j];
      else if (t == T - 1)
        for (gsize k = 0; k < n * H; k++)
          dh[k] += dy->data[k];

      for (gsize b = 0; b < n; b++)
        {
          const float *gi = g + b * H4, *gf = gi + H, *gg = gi + 2 * H, *go = gi + 3 * H;
          float *di = dg + b * H4, *df = di + H, *dgg = di + 2 * H, *dout = di + 3 * H;

          for (gsize j = 0; j < H; j++)
            {
              gsize k = b * H + j;
              float tcv = tc[k];
              float dcv = dc[k] + dh[k] * go[j] * (1.0f - tcv * tcv);

              dout[j] = dh[k] * tcv * go[j] * (1.0f - go[j]);
              di[j] = dcv * gg[j] * gi[j] * (1.0f - gi[j]);
              df[j] = dcv * cprev[k] * gf[j] * (1.0f - gf[j]);
              dgg[j] = dcv * gi[j] * (1.0f - gg[j] * gg[j]);
              dc[k] = dcv * gf[j];
            }
        }
      if (t > 0)
        cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, (int) n, (int) H, (int) H4,
                     1.0f, dg, (int) H4, self->weight_hh.value->data, (int) H,
                     0.0f, dh, (int) H);
    }

  cblas_sgemm (CblasRowMajor, CblasTrans, CblasNoTrans, (int) H4, (int) F, (int) (T * n),
               1.0f, self->dgates, (int) H4, self->xt, (int) F,
               0.0f, self->weight_ih.grad->data, (int) F);
  cblas_sgemm (CblasRowMajor, CblasTrans, CblasNoTrans, (int) H4, (int) H, (int) (T * n),
               1.0f, self->dgates, (int) H4, self->hs, (int) H,
               0.0f, self->weight_hh.grad->data, (int) H);
  memset (self->bias.grad->data, 0, H4 * sizeof (float));
  for (gsize r = 0; r < T * n; r++)
    {
      const float *row = self->dgates + r * H4;
      for (gsize j = 0; j < H4; j++)
        self->bias.grad->data[j] += row[j];
    }
  if (dx == NULL)
    return;
  /* dxt reuses xt, which backward no longer needs. */
  cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, (int) (T * n), (int) F, (int) H4,
               1.0f, self->dgates, (int) H4, self->weight_ih.value->data, (int) F,
               0.0f, self->xt, (int) F);
  for (gsize b = 0; b < n; b++)
    for (gsize t = 0; t < T; t++)
      memcpy (dx->data + (b * T + t) * F, self->xt + (t * n + b) * F, F * sizeof (float));
}

static guint
lstm_parameters (StrataLayer *layer,
                 StrataParam *out)
{
  StrataLstm *self = (StrataLstm *) layer;

  out[0] = self->weight_ih;
  out[1] = self->weight_hh;
  out[2] = self->bias;
  return 3;
}

static double
lstm_forward_macs (StrataLayer *layer)
{
  StrataLstm *self = (StrataLstm *) layer;
  return (double) self->t * 4 * self->hid * (self->f + self->hid);
}

static void
lstm_finalize (StrataLayer *layer)
{
  StrataLstm *self = (StrataLstm *) layer;

  strata_param_clear (&self->weight_ih);
  strata_param_clear (&self->weight_hh);
  strata_param_clear (&self->bias);
  lstm_free_scratch (self);
}

const StrataLayerClass strata_lstm_class = {
  .type_name = "lstm",
  .instance_size = sizeof (StrataLstm),
  .param_names = lstm_params,
  .build = lstm_build,
  .init_weights = lstm_init_weights,
  .resize = lstm_resize,
  .forward = lstm_forward,
  .backward = lstm_backward,
  .parameters = lstm_parameters,
  .forward_macs = lstm_forward_macs,
  .finalize = lstm_finalize,
};
