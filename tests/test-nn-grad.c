/* test-nn-grad.c — finite-difference checks of every backward pass
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For a layer y = f(x; θ) we take the scalar L = Σ y ⊙ R with a fixed
 * random R, so ∂L/∂y = R. Backward gives ∂L/∂x and ∂L/∂θ; each is compared
 * with the central difference (L(v + ε) − L(v − ε)) / 2ε for a sample of
 * coordinates of x and of every parameter. L is accumulated in double so
 * that the float32 forward pass is the only source of rounding; ε = 5e-3
 * keeps that rounding (~1e-7 · |L| / ε) well under the tolerance. Inputs of
 * the piecewise-linear layers (relu, max pooling) are kept ≥ 2ε away from
 * their kinks and ties. Losses are checked the same way against their own
 * gradients. Dropout uses the same seeded mask for every evaluation.
 */

#include <math.h>

#include "strata-layer.h"
#include "strata-loss.h"
#include "strata-network.h"

#define EPS  5e-3
#define ATOL 2e-3
#define RTOL 2e-2
#define N    3
#define MAX_COORDS 48

typedef struct {
  StrataLayer  *layer;
  StrataTensor *x, *y, *r, *dx;
  guint32       dropout_seed;
} Case;

static double
objective (Case *c)
{
  g_autoptr(GRand) rng = g_rand_new_with_seed (c->dropout_seed);
  StrataForwardContext ctx = { TRUE, rng };
  double sum = 0.0;

  strata_layer_forward (c->layer, c->x, c->y, &ctx);
  for (gsize i = 0; i < c->y->size; i++)
    sum += (double) c->y->data[i] * c->r->data[i];
  return sum;
}

static void
assert_close (double      analytic,
              double      numeric,
              const char *what,
              gsize       index)
{
  double tol = ATOL + RTOL * MAX (fabs (analytic), fabs (numeric));

  if (!(fabs (analytic - numeric) <= tol))
    g_error ("%s[%" G_GSIZE_FORMAT "]: backward gives %.6g, finite differences %.6g",
             what, index, analytic, numeric);
}

/* Compares @grad with central differences of objective() in @values. */
static void
check_tensor (Case        *c,
              float       *values,
              const float *grad,
              gsize        size,
              const char  *what,
              GRand       *pick)
{
  gsize n = MIN (size, MAX_COORDS);

  for (gsize k = 0; k < n; k++)
    {
      gsize j = size <= MAX_COORDS ? k : (gsize) g_rand_int_range (pick, 0, (gint32) size);
      float saved = values[j];
      double plus, minus;

      values[j] = saved + EPS;
      plus = objective (c);
      values[j] = saved - EPS;
      minus = objective (c);
      values[j] = saved;
      assert_close (grad[j], (plus - minus) / (2 * EPS), what, j);
    }
}

/* Inputs in [-1, 1]; with @spaced, a shuffled grid of distinct values at
 * least 4ε apart, none near 0. */
static void
fill_input (StrataTensor *x,
            gboolean      spaced,
            GRand        *rng)
{
  for (gsize i = 0; i < x->size; i++)
    x->data[i] = (float) g_rand_double_range (rng, -1.0, 1.0);
  if (!spaced)
    return;
  for (gsize i = 0; i < x->size; i++)
    {
      double v = -1.0 + 2.0 * (i + 0.5) / x->size;
      x->data[i] = (float) (v + (v >= 0 ? 0.05 : -0.05));
    }
  for (gsize i = x->size; i > 1; i--)
    {
      gsize j = (gsize) g_rand_int_range (rng, 0, (gint32) i);
      float t = x->data[i - 1];
      x->data[i - 1] = x->data[j];
      x->data[j] = t;
    }
}

static void
check_layer (const char        *json,
             const StrataShape *in,
             gboolean           spaced)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rng = g_rand_new_with_seed (42);
  StrataParam params[STRATA_LAYER_MAX_PARAMS];
  Case c = { 0 };
  guint n_params;

  g_assert_nonnull (node);
  c.layer = strata_layer_new (json_node_get_object (node), 0, in, &error);
  g_assert_no_error (error);
  strata_layer_init_weights (c.layer, rng);
  strata_layer_reserve (c.layer, N);
  c.x = strata_tensor_new_batch (N, in);
  c.dx = strata_tensor_new_batch (N, in);
  c.y = strata_tensor_new_batch (N, &c.layer->out_shape);
  c.r = strata_tensor_new_batch (N, &c.layer->out_shape);
  c.dropout_seed = 7;
  fill_input (c.x, spaced, rng);
  for (gsize i = 0; i < c.r->size; i++)
    c.r->data[i] = (float) g_rand_double_range (rng, -1.0, 1.0);

  /* Biases start at zero; give them values so that their effect shows. */
  n_params = strata_layer_parameters (c.layer, params);
  for (guint p = 0; p < n_params; p++)
    if (g_str_has_prefix (params[p].name, "bias"))
      for (gsize i = 0; i < params[p].value->size; i++)
        params[p].value->data[i] = (float) g_rand_double_range (rng, -0.5, 0.5);

  objective (&c);
  strata_layer_backward (c.layer, c.x, c.y, c.r, c.dx);
  /* Parameter grads are overwritten by later backward passes only; copy. */
  {
    g_autoptr(StrataTensor) dx = strata_tensor_dup (c.dx);
    StrataTensor *grads[STRATA_LAYER_MAX_PARAMS];

    for (guint p = 0; p < n_params; p++)
      grads[p] = strata_tensor_dup (params[p].grad);
    check_tensor (&c, c.x->data, dx->data, c.x->size, "dx", rng);
    for (guint p = 0; p < n_params; p++)
      {
        check_tensor (&c, params[p].value->data, grads[p]->data,
                      params[p].value->size, params[p].name, rng);
        strata_tensor_free (grads[p]);
      }
  }

  strata_tensor_free (c.x);
  strata_tensor_free (c.dx);
  strata_tensor_free (c.y);
  strata_tensor_free (c.r);
  strata_layer_free (c.layer);
}

static void
test_dense (void)
{
  StrataShape in = strata_shape_1d (5);
  check_layer ("{\"type\": \"dense\", \"out_features\": 4}", &in, FALSE);
  check_layer ("{\"type\": \"dense\", \"out_features\": 2, \"bias\": false}", &in, FALSE);
  /* Wider than the 16-column blocks the products are cut into, with
   * remainders: 41 outputs (dW, forward) and 37 inputs (dX). */
  in = strata_shape_1d (37);
  check_layer ("{\"type\": \"dense\", \"out_features\": 41}", &in, FALSE);
}

static void
test_conv2d (void)
{
  StrataShape in = strata_shape_3d (2, 6, 7);
  check_layer ("{\"type\": \"conv2d\", \"out_channels\": 3, \"kernel_size\": 3, "
               "\"stride\": 2, \"padding\": 1}", &in, FALSE);
  check_layer ("{\"type\": \"conv2d\", \"out_channels\": 2, \"kernel_size\": 2}", &in, FALSE);
  check_layer ("{\"type\": \"conv2d\", \"out_channels\": 4, \"kernel_size\": 3, "
               "\"padding\": 2, \"init\": \"glorot_normal\"}", &in, FALSE);
  /* 150 output channels: dWᵀ goes in blocks of 1200 / 150 = 8 of its 18
   * rows (8, 8, 2). */
  check_layer ("{\"type\": \"conv2d\", \"out_channels\": 150, \"kernel_size\": 3}", &in, FALSE);
}

static void
test_maxpool2d (void)
{
  StrataShape in = strata_shape_3d (2, 6, 6);
  check_layer ("{\"type\": \"maxpool2d\", \"kernel_size\": 2}", &in, TRUE);
  check_layer ("{\"type\": \"maxpool2d\", \"kernel_size\": 3, \"stride\": 2, \"padding\": 1}",
               &in, TRUE);
}

static void
test_avgpool2d (void)
{
  StrataShape in = strata_shape_3d (2, 5, 5);
  check_layer ("{\"type\": \"avgpool2d\", \"kernel_size\": 2}", &in, FALSE);
  check_layer ("{\"type\": \"avgpool2d\", \"kernel_size\": 3, \"stride\": 2, \"padding\": 1}",
               &in, FALSE);
}

static void
test_shape_layers (void)
{
  StrataShape img = strata_shape_3d (2, 3, 2), flat = strata_shape_1d (7);
  check_layer ("{\"type\": \"flatten\"}", &img, FALSE);
  check_layer ("{\"type\": \"dropout\", \"p\": 0.3}", &flat, FALSE);
}

static void
test_activations (void)
{
  StrataShape flat = strata_shape_1d (6), seq = strata_shape_2d (3, 2);
  check_layer ("{\"type\": \"relu\"}", &flat, TRUE);
  check_layer ("{\"type\": \"leaky_relu\", \"negative_slope\": 0.1}", &seq, TRUE);
  check_layer ("{\"type\": \"tanh\"}", &flat, FALSE);
  check_layer ("{\"type\": \"sigmoid\"}", &seq, FALSE);
  check_layer ("{\"type\": \"softmax\"}", &flat, FALSE);
}

static void
test_lstm (void)
{
  StrataShape in = strata_shape_2d (5, 3);
  check_layer ("{\"type\": \"lstm\", \"hidden_size\": 4}", &in, FALSE);
  check_layer ("{\"type\": \"lstm\", \"hidden_size\": 3, \"return_sequences\": true}", &in, FALSE);
}

/* Whole-network composition: stacked LSTMs then dense, through
 * strata_network_backward (the first layer computes no dx). */
static void
test_network_stack (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataNetwork) net = strata_network_new_from_string (
      "{\"input\": [4, 2], \"layers\": ["
      "{\"type\": \"lstm\", \"hidden_size\": 3, \"return_sequences\": true},"
      "{\"type\": \"lstm\", \"hidden_size\": 3},"
      "{\"type\": \"dense\", \"out_features\": 2}, {\"type\": \"tanh\"}]}", &error);
  g_autoptr(GRand) rng = g_rand_new_with_seed (3);
  g_autoptr(StrataTensor) x = strata_tensor_new_3d (N, 4, 2);
  g_autoptr(StrataTensor) r = strata_tensor_new_2d (N, 2);
  const StrataParam *params;
  guint n_params;

  g_assert_no_error (error);
  strata_network_init_weights (net, 5);
  fill_input (x, FALSE, rng);
  for (gsize i = 0; i < r->size; i++)
    r->data[i] = (float) g_rand_double_range (rng, -1.0, 1.0);
  strata_network_forward (net, x, TRUE, NULL);
  strata_network_backward (net, r);
  params = strata_network_get_params (net, &n_params);
  g_assert_cmpuint (n_params, ==, 8);
  for (guint p = 0; p < n_params; p++)
    {
      g_autoptr(StrataTensor) grad = strata_tensor_dup (params[p].grad);
      for (gsize j = 0; j < MIN (grad->size, 12); j++)
        {
          float saved = params[p].value->data[j];
          double lp = 0, lm = 0;
          const StrataTensor *y;

          params[p].value->data[j] = saved + EPS;
          y = strata_network_forward (net, x, TRUE, NULL);
          for (gsize i = 0; i < y->size; i++)
            lp += (double) y->data[i] * r->data[i];
          params[p].value->data[j] = saved - EPS;
          y = strata_network_forward (net, x, TRUE, NULL);
          for (gsize i = 0; i < y->size; i++)
            lm += (double) y->data[i] * r->data[i];
          params[p].value->data[j] = saved;
          assert_close (grad->data[j], (lp - lm) / (2 * EPS), params[p].name, j);
        }
    }
}

static void
check_loss (StrataLoss    loss,
            StrataTensor *out,
            StrataTensor *target)
{
  g_autoptr(StrataTensor) grad = strata_tensor_dup (out);

  strata_loss_compute (loss, out, target, grad);
  for (gsize j = 0; j < out->size; j++)
    {
      float saved = out->data[j];
      double plus, minus;

      out->data[j] = saved + EPS;
      plus = strata_loss_compute (loss, out, target, NULL);
      out->data[j] = saved - EPS;
      minus = strata_loss_compute (loss, out, target, NULL);
      out->data[j] = saved;
      assert_close (grad->data[j], (plus - minus) / (2 * EPS),
                    strata_loss_to_string (loss), j);
    }
}

static void
test_losses (void)
{
  g_autoptr(GRand) rng = g_rand_new_with_seed (11);
  g_autoptr(StrataTensor) logits = strata_tensor_new_2d (4, 5);
  g_autoptr(StrataTensor) labels = strata_tensor_new_1d (4);
  g_autoptr(StrataTensor) pred = strata_tensor_new_2d (4, 3);
  g_autoptr(StrataTensor) target = strata_tensor_new_2d (4, 3);
  g_autoptr(StrataTensor) prob = strata_tensor_new_2d (4, 3);
  g_autoptr(StrataTensor) huge = strata_tensor_new_2d (1, 2);
  g_autoptr(StrataTensor) huge_label = strata_tensor_new_1d (1);

  for (gsize i = 0; i < logits->size; i++)
    logits->data[i] = (float) g_rand_double_range (rng, -3, 3);
  for (gsize i = 0; i < labels->size; i++)
    labels->data[i] = (float) g_rand_int_range (rng, 0, 5);
  for (gsize i = 0; i < pred->size; i++)
    {
      pred->data[i] = (float) g_rand_double_range (rng, -2, 2);
      target->data[i] = (float) g_rand_double_range (rng, 0, 1);
      prob->data[i] = (float) g_rand_double_range (rng, 0.1, 0.9);
    }
  check_loss (STRATA_LOSS_CROSS_ENTROPY, logits, labels);
  check_loss (STRATA_LOSS_MSE, pred, target);
  check_loss (STRATA_LOSS_BINARY_CROSS_ENTROPY, prob, target);

  /* Numerically stable: logits of 1e4 give the exact loss, not ∞ or NaN. */
  huge->data[0] = 10000.0f;
  huge->data[1] = 9990.0f;
  huge_label->data[0] = 1.0f;
  g_assert_cmpfloat_with_epsilon (strata_loss_compute (STRATA_LOSS_CROSS_ENTROPY, huge,
                                                       huge_label, NULL),
                                  10.0 + log1p (exp (-10.0)), 1e-9);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/NnGrad/dense", test_dense);
  g_test_add_func ("/NnGrad/conv2d", test_conv2d);
  g_test_add_func ("/NnGrad/maxpool2d", test_maxpool2d);
  g_test_add_func ("/NnGrad/avgpool2d", test_avgpool2d);
  g_test_add_func ("/NnGrad/flatten-dropout", test_shape_layers);
  g_test_add_func ("/NnGrad/activations", test_activations);
  g_test_add_func ("/NnGrad/lstm", test_lstm);
  g_test_add_func ("/NnGrad/network-stack", test_network_stack);
  g_test_add_func ("/NnGrad/losses", test_losses);
  return g_test_run ();
}
