/* test-nn-torch.c — forward and backward parity with PyTorch 1.13
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fixtures in tests/fixtures/nn/ were written once by
 * tests/fixtures/nn/gen.py with Debian's python3-torch: for each layer its
 * PyTorch weights, an input, the output, an upstream gradient and the
 * autograd gradients of input and weights; for each loss its value and
 * gradient; for each optimizer two steps from fixed gradients. Strata loads
 * the same weights and must agree to float32 rounding (1e-5 relative).
 */

#include <math.h>

#include "strata-layer.h"
#include "strata-loss.h"
#include "strata-optim.h"

#define TOL 2e-5

static JsonObject *
load_fixture (JsonParser *parser,
              const char *name)
{
  g_autofree char *file = g_strconcat (name, ".json", NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "nn", file, NULL);
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static StrataTensor *
tensor_from (JsonObject *fixture,
             const char *member)
{
  JsonObject *o = json_object_get_object_member (fixture, member);
  JsonArray *shape, *data;
  gsize dims[4];
  guint ndim;
  StrataTensor *t;

  g_assert_nonnull (o);
  shape = json_object_get_array_member (o, "shape");
  data = json_object_get_array_member (o, "data");
  ndim = json_array_get_length (shape);
  g_assert_cmpuint (ndim, >=, 1);
  g_assert_cmpuint (ndim, <=, 4);
  for (guint i = 0; i < ndim; i++)
    dims[i] = (gsize) json_array_get_int_element (shape, i);
  t = strata_tensor_new (ndim, dims);
  g_assert_cmpuint (t->size, ==, json_array_get_length (data));
  for (guint i = 0; i < t->size; i++)
    t->data[i] = (float) json_array_get_double_element (data, i);
  return t;
}

static void
assert_tensor_close (const StrataTensor *got,
                     const StrataTensor *want,
                     const char         *what)
{
  g_assert_cmpuint (got->size, ==, want->size);
  for (gsize i = 0; i < got->size; i++)
    {
      double tol = TOL * (1.0 + fabs (want->data[i]));
      if (!(fabs (got->data[i] - want->data[i]) <= tol))
        g_error ("%s[%" G_GSIZE_FORMAT "]: Strata %.8g, PyTorch %.8g",
                 what, i, got->data[i], want->data[i]);
    }
}

static void
check_layer_fixture (gconstpointer data)
{
  const char *name = data;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *fx = load_fixture (parser, name);
  g_autoptr(StrataTensor) x = tensor_from (fx, "x");
  g_autoptr(StrataTensor) y_want = tensor_from (fx, "y");
  g_autoptr(StrataTensor) dy = tensor_from (fx, "dy");
  g_autoptr(StrataTensor) dx_want = tensor_from (fx, "dx");
  g_autoptr(StrataTensor) y = NULL, dx = NULL;
  g_autoptr(StrataLayer) layer = NULL;
  g_autoptr(GError) error = NULL;
  StrataParam params[STRATA_LAYER_MAX_PARAMS];
  StrataShape in = strata_tensor_sample_shape (x);
  StrataForwardContext ctx = { TRUE, NULL };
  guint n;

  layer = strata_layer_new (json_object_get_object_member (fx, "config"), 0, &in, &error);
  g_assert_no_error (error);
  strata_layer_reserve (layer, x->shape[0]);
  n = strata_layer_parameters (layer, params);
  for (guint p = 0; p < n; p++)
    {
      g_autoptr(StrataTensor) w = tensor_from (fx, params[p].name);
      strata_tensor_copy (params[p].value, w);
    }

  y = strata_tensor_new_batch (x->shape[0], &layer->out_shape);
  dx = strata_tensor_new_batch (x->shape[0], &in);
  strata_layer_forward (layer, x, y, &ctx);
  assert_tensor_close (y, y_want, "y");
  strata_layer_backward (layer, x, y, dy, dx);
  assert_tensor_close (dx, dx_want, "dx");
  for (guint p = 0; p < n; p++)
    {
      g_autofree char *gname = g_strconcat ("d", params[p].name, NULL);
      g_autoptr(StrataTensor) g = tensor_from (fx, gname);
      assert_tensor_close (params[p].grad, g, gname);
    }
}

static void
check_loss_fixture (gconstpointer data)
{
  const char *name = data;
  g_autofree char *file = g_strconcat ("loss-", name, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *fx = load_fixture (parser, file);
  g_autoptr(StrataTensor) out = tensor_from (fx, "output");
  g_autoptr(StrataTensor) target = tensor_from (fx, "target");
  g_autoptr(StrataTensor) grad_want = tensor_from (fx, "grad");
  g_autoptr(StrataTensor) grad = strata_tensor_dup (out);
  double want = json_object_get_double_member (fx, "loss");
  StrataLoss loss;
  double got;

  g_assert_true (strata_loss_from_string (name, &loss));
  got = strata_loss_compute (loss, out, target, grad);
  g_assert_cmpfloat_with_epsilon (got, want, 1e-6 * (1 + fabs (want)));
  assert_tensor_close (grad, grad_want, "grad");
}

static void
check_optim_fixture (gconstpointer data)
{
  const char *name = data;
  g_autofree char *file = g_strconcat ("optim-", name, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *fx = load_fixture (parser, file);
  JsonObject *s = json_object_get_object_member (fx, "settings");
  g_autoptr(StrataTensor) w = tensor_from (fx, "w0");
  g_autoptr(StrataTensor) g1 = tensor_from (fx, "g1");
  g_autoptr(StrataTensor) g2 = tensor_from (fx, "g2");
  g_autoptr(StrataTensor) w1 = tensor_from (fx, "w1");
  g_autoptr(StrataTensor) w2 = tensor_from (fx, "w2");
  g_autoptr(StrataTensor) grad = strata_tensor_dup (g1);
  g_autoptr(StrataOptimizer) opt = NULL;
  StrataOptimizerConfig c;
  StrataParam p = { "w", w, grad };
  StrataOptimizerKind kind = g_str_has_prefix (name, "sgd") ? STRATA_OPTIMIZER_SGD
                           : g_str_equal (name, "adamw") ? STRATA_OPTIMIZER_ADAMW
                           : STRATA_OPTIMIZER_ADAM;

  strata_optimizer_config_init (&c, kind);
  c.learning_rate = json_object_get_double_member (s, "lr");
  c.momentum = json_object_get_double_member_with_default (s, "momentum", 0.0);
  c.nesterov = json_object_get_boolean_member_with_default (s, "nesterov", FALSE);
  c.weight_decay = json_object_get_double_member_with_default (s, "weight_decay", 0.0);
  if (json_object_has_member (s, "betas"))
    {
      JsonArray *b = json_object_get_array_member (s, "betas");
      c.beta1 = json_array_get_double_element (b, 0);
      c.beta2 = json_array_get_double_element (b, 1);
      c.eps = json_object_get_double_member (s, "eps");
    }
  opt = strata_optimizer_new (&c);
  strata_optimizer_step (opt, &p, 1, c.learning_rate);
  assert_tensor_close (w, w1, "step 1");
  strata_tensor_copy (grad, g2);
  strata_optimizer_step (opt, &p, 1, c.learning_rate);
  assert_tensor_close (w, w2, "step 2");
}

static void
test_schedules (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *fx = load_fixture (parser, "schedules");
  JsonObject *st = json_object_get_object_member (fx, "step");
  JsonObject *co = json_object_get_object_member (fx, "cosine");
  JsonArray *step_lrs = json_object_get_array_member (st, "lrs");
  JsonArray *cos_lrs = json_object_get_array_member (co, "lrs");
  StrataSchedule step = { STRATA_SCHEDULE_STEP, 3, 0.5, 0, 0.0 };
  StrataSchedule cosine = { STRATA_SCHEDULE_COSINE, 0, 0.0, 5, 0.001 };

  g_assert_cmpuint (json_array_get_length (step_lrs), ==, 8);
  for (guint e = 0; e < 8; e++)
    {
      g_assert_cmpfloat_with_epsilon (strata_schedule_get_lr (&step, 0.1, e),
                                      json_array_get_double_element (step_lrs, e), 1e-12);
      g_assert_cmpfloat_with_epsilon (strata_schedule_get_lr (&cosine, 0.1, e),
                                      json_array_get_double_element (cos_lrs, e), 1e-12);
    }
}

static void
test_clip_grad_norm (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *fx = json_object_get_object_member (load_fixture (parser, "schedules"), "clip");
  g_autoptr(StrataTensor) a = tensor_from (fx, "a");
  g_autoptr(StrataTensor) b = tensor_from (fx, "b");
  g_autoptr(StrataTensor) a_want = tensor_from (fx, "a_clipped");
  g_autoptr(StrataTensor) b_want = tensor_from (fx, "b_clipped");
  g_autoptr(StrataTensor) wa = strata_tensor_dup (a), wb = strata_tensor_dup (b);
  StrataParam params[] = { { "a", wa, a }, { "b", wb, b } };
  double norm = strata_clip_grad_norm (params, 2, json_object_get_double_member (fx, "max_norm"));

  g_assert_cmpfloat_with_epsilon (norm, json_object_get_double_member (fx, "norm"), 1e-5);
  assert_tensor_close (a, a_want, "a");
  assert_tensor_close (b, b_want, "b");
}

int
main (int   argc,
      char *argv[])
{
  static const char *const layers[] = {
    "conv2d", "maxpool2d", "maxpool2d-pad", "dense", "lstm-seq", "lstm-last",
  };
  static const char *const losses[] = { "cross_entropy", "mse", "binary_cross_entropy" };
  static const char *const optims[] = { "sgd-momentum", "sgd-nesterov", "adam", "adamw" };

  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (layers); i++)
    {
      g_autofree char *path = g_strconcat ("/NnTorch/layer/", layers[i], NULL);
      g_test_add_data_func (path, layers[i], check_layer_fixture);
    }
  for (guint i = 0; i < G_N_ELEMENTS (losses); i++)
    {
      g_autofree char *path = g_strconcat ("/NnTorch/loss/", losses[i], NULL);
      g_test_add_data_func (path, losses[i], check_loss_fixture);
    }
  for (guint i = 0; i < G_N_ELEMENTS (optims); i++)
    {
      g_autofree char *path = g_strconcat ("/NnTorch/optim/", optims[i], NULL);
      g_test_add_data_func (path, optims[i], check_optim_fixture);
    }
  g_test_add_func ("/NnTorch/schedules", test_schedules);
  g_test_add_func ("/NnTorch/clip-grad-norm", test_clip_grad_norm);
  return g_test_run ();
}
