/* strata-optim.h — optimizers, learning-rate schedules, gradient clipping
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The update rules follow PyTorch 1.13's torch.optim exactly (the parity
 * test compares one step of each against it):
 *
 *   sgd    g ← ∇ + weight_decay·θ; with momentum μ: b ← μ·b + g (b = g on
 *          the first step), g ← g + μ·b when nesterov else g ← b;
 *          θ ← θ − lr·g.  (Sutskever et al. 2013 for Nesterov's form.)
 *   adam   Kingma & Ba (2015): g ← ∇ + weight_decay·θ; m ← β1·m + (1−β1)·g;
 *          v ← β2·v + (1−β2)·g²; θ ← θ − lr·m̂ / (√v̂ + eps) with the bias
 *          corrections m̂ = m/(1−β1ᵗ), v̂ = v/(1−β2ᵗ).
 *   adamw  Loshchilov & Hutter (2019): decoupled decay θ ← θ·(1 − lr·wd),
 *          then Adam without the decay term in g.
 *
 * Schedules give the learning rate of an epoch (0-based) from the base rate,
 * as PyTorch's StepLR and CosineAnnealingLR stepped once per epoch.
 */

#pragma once

#include "strata-layer.h"
#include "strata-workers.h"

G_BEGIN_DECLS

typedef enum {
  STRATA_OPTIMIZER_SGD,
  STRATA_OPTIMIZER_ADAM,
  STRATA_OPTIMIZER_ADAMW,
} StrataOptimizerKind;

typedef struct {
  StrataOptimizerKind kind;
  double   learning_rate;   /* > 0 */
  double   momentum;        /* sgd, 0 ≤ μ < 1 */
  gboolean nesterov;        /* sgd, needs momentum > 0 */
  double   weight_decay;    /* ≥ 0; L2 for sgd/adam, decoupled for adamw */
  double   beta1, beta2;    /* adam/adamw, in [0, 1) */
  double   eps;             /* adam/adamw, > 0 */
} StrataOptimizerConfig;

/* PyTorch's defaults for @kind: lr 0.01 (sgd) or 0.001 (adam/adamw),
 * momentum 0, betas (0.9, 0.999), eps 1e-8, weight_decay 0 (0.01 adamw). */
void        strata_optimizer_config_init (StrataOptimizerConfig *config,
                                          StrataOptimizerKind    kind);
/* "sgd", "adam", "adamw" (static) and back; FALSE when unknown. */
const char *strata_optimizer_kind_to_string   (StrataOptimizerKind  kind);
gboolean    strata_optimizer_kind_from_string (const char          *s,
                                               StrataOptimizerKind *kind);

typedef struct _StrataOptimizer StrataOptimizer;

/* An optimizer for a fixed list of parameters (the same list, in the same
 * order, must be passed to every step). Transfer full. */
StrataOptimizer *strata_optimizer_new  (const StrataOptimizerConfig *config);
void             strata_optimizer_free (StrataOptimizer *optimizer);
/* One update of @params[0..n) from their grads at learning rate @lr
 * (overrides config->learning_rate, for schedules). */
void             strata_optimizer_step (StrataOptimizer   *optimizer,
                                        const StrataParam *params,
                                        guint              n,
                                        double             lr);

/* The update of data-parallel training: @replicas[0..n_replicas) are the
 * parameter lists of the replicas of one network (the same @n parameters in
 * the same order, sharing their values), and the gradient of parameter i is
 * the sum of the replicas' grads, added in replica order ((g₀ + g₁) + g₂ …,
 * bit-identical to summing them in a separate pass first) inside the
 * update. Every parameter is cut into one contiguous slice per thread of
 * @workers; the update is elementwise, so the result does not depend on
 * the number of threads. No grad is modified. */
void             strata_optimizer_step_parallel (StrataOptimizer          *optimizer,
                                                 const StrataParam *const *replicas,
                                                 guint                     n_replicas,
                                                 guint                     n,
                                                 double                    lr,
                                                 StrataWorkers            *workers);

typedef enum {
  STRATA_SCHEDULE_CONSTANT,
  STRATA_SCHEDULE_STEP,     /* lr·gamma^⌊epoch / step_size⌋ */
  STRATA_SCHEDULE_COSINE,   /* η_min + (lr − η_min)(1 + cos(π·epoch/t_max))/2 */
} StrataScheduleKind;

typedef struct {
  StrataScheduleKind kind;
  guint  step_size;   /* step: epochs per decay, ≥ 1 */
  double gamma;       /* step: factor, default 0.1 */
  guint  t_max;       /* cosine: period in epochs, ≥ 1 */
  double eta_min;     /* cosine: floor, default 0 */
} StrataSchedule;

/* The learning rate for @epoch (0-based) given the base rate. */
double strata_schedule_get_lr (const StrataSchedule *schedule,
                               double                base_lr,
                               guint                 epoch);

/* Scales all grads so that their joint L2 norm is at most @max_norm, as
 * torch.nn.utils.clip_grad_norm_ (factor max_norm / (norm + 1e-6) when
 * norm > max_norm). Returns the norm before clipping. */
double strata_clip_grad_norm (const StrataParam *params,
                              guint              n,
                              double             max_norm);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataOptimizer, strata_optimizer_free)

G_END_DECLS
