/* test-nn-optim.c — the data-parallel optimizer step and its SIMD kernels
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The trainer hands the optimizer every replica's gradients and lets it sum
 * them inside the update (strata_optimizer_step_parallel); Adam's update
 * runs as an AVX2 kernel where the CPU has one. Neither may change a bit:
 *
 * - for every optimizer, 1–3 replicas and 1–3 threads, three parallel steps
 *   must leave exactly the weights of strata_optimizer_step() on gradients
 *   summed beforehand by the test, in replica order ((g₀ + g₁) + g₂);
 * - Adam and AdamW must give exactly the bits of the update rule written
 *   out below as plain scalar float code (strata-optim.h's formula, each
 *   operation rounded to float in the order shown there).
 *
 * Parameter sizes (2,500 and 13 floats) cross the kernels' blocks of 8 and
 * the 1,024-float chunks of the summation, and the slices of 2 and 3
 * threads. Agreement with PyTorch itself is test-nn-torch.c's job.
 */

#include <math.h>
#include <string.h>

#include "strata-optim.h"

static const gsize sizes[] = { 2500, 13 };
#define N_PARAMS G_N_ELEMENTS (sizes)
#define N_STEPS  3
#define MAX_REPLICAS 3

typedef struct {
  const char *name;
  StrataOptimizerKind kind;
  double momentum, weight_decay;
  gboolean nesterov;
} Case;

static const Case cases[] = {
  { "sgd", STRATA_OPTIMIZER_SGD, 0.0, 0.0, FALSE },
  { "sgd-momentum-decay", STRATA_OPTIMIZER_SGD, 0.9, 0.01, FALSE },
  { "sgd-nesterov", STRATA_OPTIMIZER_SGD, 0.8, 0.0, TRUE },
  { "adam", STRATA_OPTIMIZER_ADAM, 0.0, 0.0, FALSE },
  { "adam-decay", STRATA_OPTIMIZER_ADAM, 0.0, 0.05, FALSE },
  { "adamw", STRATA_OPTIMIZER_ADAMW, 0.0, 0.01, FALSE },
};

static void
fill (StrataTensor *t,
      GRand        *rng,
      double        scale)
{
  for (gsize i = 0; i < t->size; i++)
    t->data[i] = (float) (scale * g_rand_double_range (rng, -1.0, 1.0));
}

static StrataOptimizerConfig
config_for (const Case *c)
{
  StrataOptimizerConfig config;

  strata_optimizer_config_init (&config, c->kind);
  config.learning_rate = 0.01;
  config.momentum = c->momentum;
  config.nesterov = c->nesterov;
  config.weight_decay = c->weight_decay;
  return config;
}

static void
check_replicas (const Case *c,
                guint       n_replicas,
                guint       n_threads)
{
  StrataOptimizerConfig config = config_for (c);
  g_autoptr(StrataOptimizer) serial = strata_optimizer_new (&config);
  g_autoptr(StrataOptimizer) parallel = strata_optimizer_new (&config);
  g_autoptr(StrataWorkers) workers = strata_workers_new (n_threads);
  g_autoptr(GRand) rng = g_rand_new_with_seed (n_replicas * 10 + n_threads);
  StrataParam serial_params[N_PARAMS], lists[MAX_REPLICAS][N_PARAMS];
  const StrataParam *replicas[MAX_REPLICAS];

  for (guint p = 0; p < N_PARAMS; p++)
    {
      serial_params[p].name = "w";
      serial_params[p].value = strata_tensor_new_1d (sizes[p]);
      serial_params[p].grad = strata_tensor_new_1d (sizes[p]);
      fill (serial_params[p].value, rng, 1.0);
      for (guint r = 0; r < n_replicas; r++)
        {
          lists[r][p].name = "w";
          lists[r][p].value = r == 0 ? strata_tensor_dup (serial_params[p].value) : NULL;
          lists[r][p].grad = strata_tensor_new_1d (sizes[p]);
        }
    }
  for (guint r = 0; r < n_replicas; r++)
    replicas[r] = lists[r];

  for (guint step = 0; step < N_STEPS; step++)
    {
      for (guint p = 0; p < N_PARAMS; p++)
        {
          float *sum = serial_params[p].grad->data;

          for (guint r = 0; r < n_replicas; r++)
            fill (lists[r][p].grad, rng, 0.1);
          memcpy (sum, lists[0][p].grad->data, sizes[p] * sizeof (float));
          for (guint r = 1; r < n_replicas; r++)
            for (gsize i = 0; i < sizes[p]; i++)
              sum[i] += lists[r][p].grad->data[i];
        }
      strata_optimizer_step (serial, serial_params, N_PARAMS, config.learning_rate);
      strata_optimizer_step_parallel (parallel, replicas, n_replicas, N_PARAMS,
                                      config.learning_rate, workers);
      for (guint p = 0; p < N_PARAMS; p++)
        if (memcmp (serial_params[p].value->data, lists[0][p].value->data,
                    sizes[p] * sizeof (float)) != 0)
          g_error ("%s, %u replicas, %u threads, step %u: parameter %u differs "
                   "from the serial update", c->name, n_replicas, n_threads, step + 1, p);
    }

  for (guint p = 0; p < N_PARAMS; p++)
    {
      strata_tensor_free (serial_params[p].value);
      strata_tensor_free (serial_params[p].grad);
      for (guint r = 0; r < n_replicas; r++)
        {
          g_clear_pointer (&lists[r][p].value, strata_tensor_free);
          strata_tensor_free (lists[r][p].grad);
        }
    }
}

static void
test_replicas (void)
{
  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    for (guint n_replicas = 1; n_replicas <= MAX_REPLICAS; n_replicas++)
      for (guint n_threads = 1; n_threads <= 3; n_threads++)
        check_replicas (&cases[k], n_replicas, n_threads);
}

/* Adam / AdamW as strata-optim.h states it, one float operation at a time. */
static void
adam_reference (const StrataOptimizerConfig *c,
                float                       *w,
                const float                 *grad,
                float                       *m,
                float                       *v,
                gsize                        n,
                guint64                      t)
{
  gboolean decoupled = c->kind == STRATA_OPTIMIZER_ADAMW;
  float b1 = (float) c->beta1, b2 = (float) c->beta2;
  float c1 = 1.0f - b1, c2 = 1.0f - b2;
  float wd = decoupled ? 0.0f : (float) c->weight_decay;
  float shrink = decoupled ? (float) (1.0 - c->learning_rate * c->weight_decay) : 1.0f;
  float step = (float) (c->learning_rate / (1.0 - pow (c->beta1, (double) t)));
  float inv_sqrt_bc2 = (float) (1.0 / sqrt (1.0 - pow (c->beta2, (double) t)));
  float eps = (float) c->eps;

  for (gsize j = 0; j < n; j++)
    {
      float g = grad[j] + wd * w[j];

      w[j] *= shrink;
      m[j] = b1 * m[j] + c1 * g;
      v[j] = b2 * v[j] + c2 * g * g;
      w[j] -= step * m[j] / (sqrtf (v[j]) * inv_sqrt_bc2 + eps);
    }
}

static void
test_adam_kernel (void)
{
  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      const Case *c = &cases[k];
      StrataOptimizerConfig config = config_for (c);
      g_autoptr(StrataOptimizer) opt = NULL;
      g_autoptr(GRand) rng = g_rand_new_with_seed (k);
      g_autoptr(StrataTensor) w = strata_tensor_new_1d (sizes[0]);
      g_autoptr(StrataTensor) grad = strata_tensor_new_1d (sizes[0]);
      g_autofree float *want = g_new (float, sizes[0]);
      g_autofree float *m = g_new0 (float, sizes[0]);
      g_autofree float *v = g_new0 (float, sizes[0]);
      StrataParam p = { "w", w, grad };

      if (c->kind == STRATA_OPTIMIZER_SGD)
        continue;
      opt = strata_optimizer_new (&config);
      fill (w, rng, 1.0);
      memcpy (want, w->data, sizes[0] * sizeof (float));
      for (guint64 t = 1; t <= N_STEPS; t++)
        {
          fill (grad, rng, 0.1);
          strata_optimizer_step (opt, &p, 1, config.learning_rate);
          adam_reference (&config, want, grad->data, m, v, sizes[0], t);
          g_assert_cmpmem (w->data, sizes[0] * sizeof (float), want, sizes[0] * sizeof (float));
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/NnOptim/replicas-bit-identical", test_replicas);
  g_test_add_func ("/NnOptim/adam-kernel-matches-formula", test_adam_kernel);
  return g_test_run ();
}
