/* strata-optim.c — SGD, Adam, AdamW, schedules and clipping
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * The optimizer keeps one or two state buffers per parameter (momentum, or
 * Adam's first and second moments), allocated on the first step from the
 * parameter list it is given, and a step counter for Adam's bias
 * corrections. Updates are single passes over each parameter in float with
 * the scalar factors computed in double once per step.
 */

#include "strata-optim.h"

#include <math.h>

struct _StrataOptimizer {
  StrataOptimizerConfig config;
  guint64  t;          /* steps taken */
  guint    n_params;
  float  **m;          /* momentum buffer (sgd) or first moment, per param */
  float  **v;          /* second moment (adam/adamw) */
};

static const char *const kind_names[] = { "sgd", "adam", "adamw" };

const char *
strata_optimizer_kind_to_string (StrataOptimizerKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (kind_names), "unknown");
  return kind_names[kind];
}

gboolean
strata_optimizer_kind_from_string (const char          *s,
                                   StrataOptimizerKind *kind)
{
  for (guint i = 0; s != NULL && i < G_N_ELEMENTS (kind_names); i++)
    if (g_str_equal (s, kind_names[i]))
      {
        *kind = (StrataOptimizerKind) i;
        return TRUE;
      }
  return FALSE;
}

void
strata_optimizer_config_init (StrataOptimizerConfig *config,
                              StrataOptimizerKind    kind)
{
  config->kind = kind;
  config->learning_rate = kind == STRATA_OPTIMIZER_SGD ? 0.01 : 0.001;
  config->momentum = 0.0;
  config->nesterov = FALSE;
  config->weight_decay = kind == STRATA_OPTIMIZER_ADAMW ? 0.01 : 0.0;
  config->beta1 = 0.9;
  config->beta2 = 0.999;
  config->eps = 1e-8;
}

StrataOptimizer *
strata_optimizer_new (const StrataOptimizerConfig *config)
{
  StrataOptimizer *self = g_new0 (StrataOptimizer, 1);

  self->config = *config;
  return self;
}

void
strata_optimizer_free (StrataOptimizer *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < self->n_params; i++)
    {
      strata_aligned_free (self->m[i]);
      if (self->v != NULL)
        strata_aligned_free (self->v[i]);
    }
  g_free (self->m);
  g_free (self->v);
  g_free (self);
}

static void
ensure_state (StrataOptimizer   *self,
              const StrataParam *params,
              guint              n)
{
  gboolean adam = self->config.kind != STRATA_OPTIMIZER_SGD;

  if (self->m != NULL)
    {
      g_return_if_fail (n == self->n_params);
      return;
    }
  self->n_params = n;
  self->m = g_new0 (float *, n);
  if (adam)
    self->v = g_new0 (float *, n);
  for (guint i = 0; i < n; i++)
    {
      self->m[i] = strata_aligned_floats (params[i].value->size);
      if (adam)
        self->v[i] = strata_aligned_floats (params[i].value->size);
    }
}

/* Plain loops per case (no branch inside) so that they vectorize. */
static void
sgd_update (const StrataOptimizerConfig *c,
            float                       *restrict w,
            const float                 *restrict grad,
            float                       *restrict buf,
            gsize                        size,
            gboolean                     first,
            float                        lr)
{
  float wd = (float) c->weight_decay, mu = (float) c->momentum;

  if (mu == 0.0f)
    {
      for (gsize j = 0; j < size; j++)
        w[j] -= lr * (grad[j] + wd * w[j]);
      return;
    }
  if (first)
    for (gsize j = 0; j < size; j++)
      buf[j] = grad[j] + wd * w[j];
  else
    for (gsize j = 0; j < size; j++)
      buf[j] = mu * buf[j] + (grad[j] + wd * w[j]);
  if (c->nesterov)
    for (gsize j = 0; j < size; j++)
      w[j] -= lr * (grad[j] + wd * w[j] + mu * buf[j]);
  else
    for (gsize j = 0; j < size; j++)
      w[j] -= lr * buf[j];
}

static void
adam_update (const StrataOptimizerConfig *c,
             float                       *restrict w,
             const float                 *restrict grad,
             float                       *restrict m,
             float                       *restrict v,
             gsize                        size,
             guint64                      t,
             double                       lr)
{
  gboolean decoupled = c->kind == STRATA_OPTIMIZER_ADAMW;
  float b1 = (float) c->beta1, b2 = (float) c->beta2;
  float wd = decoupled ? 0.0f : (float) c->weight_decay;
  float shrink = decoupled ? (float) (1.0 - lr * c->weight_decay) : 1.0f;
  double bc1 = 1.0 - pow (c->beta1, (double) t), bc2 = 1.0 - pow (c->beta2, (double) t);
  float step = (float) (lr / bc1), inv_sqrt_bc2 = (float) (1.0 / sqrt (bc2));
  float eps = (float) c->eps;

  for (gsize j = 0; j < size; j++)
    {
      float g = grad[j] + wd * w[j];

      w[j] *= shrink;
      m[j] = b1 * m[j] + (1.0f - b1) * g;
      v[j] = b2 * v[j] + (1.0f - b2) * g * g;
      w[j] -= step * m[j] / (sqrtf (v[j]) * inv_sqrt_bc2 + eps);
    }
}

/* Updates elements [size·slice / n_slices, size·(slice + 1) / n_slices) of
 * every parameter; self->t is already the number of this step. */
static void
update_slice (StrataOptimizer   *self,
              const StrataParam *params,
              guint              n,
              double             lr,
              guint              slice,
              guint              n_slices)
{
  for (guint i = 0; i < n; i++)
    {
      StrataTensor *w = params[i].value, *g = params[i].grad;
      gsize lo = w->size * slice / n_slices, hi = w->size * (slice + 1) / n_slices;

      if (hi == lo)
        continue;
      if (self->config.kind == STRATA_OPTIMIZER_SGD)
        sgd_update (&self->config, w->data + lo, g->data + lo, self->m[i] + lo,
                    hi - lo, self->t == 1, (float) lr);
      else
        adam_update (&self->config, w->data + lo, g->data + lo, self->m[i] + lo,
                     self->v[i] + lo, hi - lo, self->t, lr);
    }
}

void
strata_optimizer_step (StrataOptimizer   *self,
                       const StrataParam *params,
                       guint              n,
                       double             lr)
{
  g_return_if_fail (self != NULL);

  ensure_state (self, params, n);
  self->t++;
  update_slice (self, params, n, lr, 0, 1);
}

typedef struct {
  StrataOptimizer   *self;
  const StrataParam *params;
  guint              n;
  double             lr;
  guint              n_slices;
} SliceJob;

static void
run_slice (gpointer data,
           guint    index)
{
  SliceJob *job = data;

  update_slice (job->self, job->params, job->n, job->lr, index, job->n_slices);
}

void
strata_optimizer_step_parallel (StrataOptimizer   *self,
                                const StrataParam *params,
                                guint              n,
                                double             lr,
                                StrataWorkers     *workers)
{
  SliceJob job = { self, params, n, lr, strata_workers_get_n_threads (workers) };

  g_return_if_fail (self != NULL);

  ensure_state (self, params, n);
  self->t++;
  strata_workers_run (workers, run_slice, &job);
}

double
strata_schedule_get_lr (const StrataSchedule *schedule,
                        double                base_lr,
                        guint                 epoch)
{
  switch (schedule->kind)
    {
    case STRATA_SCHEDULE_STEP:
      return base_lr * pow (schedule->gamma, (double) (epoch / MAX (schedule->step_size, 1)));
    case STRATA_SCHEDULE_COSINE:
      {
        /* Past t_max the cosine rises again, as PyTorch's closed form. */
        guint t_max = MAX (schedule->t_max, 1);
        return schedule->eta_min + (base_lr - schedule->eta_min) *
               (1.0 + cos (G_PI * (double) epoch / t_max)) / 2.0;
      }
    case STRATA_SCHEDULE_CONSTANT:
    default:
      return base_lr;
    }
}

double
strata_clip_grad_norm (const StrataParam *params,
                       guint              n,
                       double             max_norm)
{
  double sq = 0.0, norm, factor;

  for (guint i = 0; i < n; i++)
    for (gsize j = 0; j < params[i].grad->size; j++)
      sq += (double) params[i].grad->data[j] * params[i].grad->data[j];
  norm = sqrt (sq);
  if (!(norm > max_norm))
    return norm;
  factor = max_norm / (norm + 1e-6);
  for (guint i = 0; i < n; i++)
    for (gsize j = 0; j < params[i].grad->size; j++)
      params[i].grad->data[j] *= (float) factor;
  return norm;
}
