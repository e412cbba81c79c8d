/* strata-train.c — the mini-batch training loop
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * The loop owns nothing but an index permutation, two batch buffers, the
 * optimizer state and (with restore_best_weights) one copy of the weights;
 * everything else lives in the network. Cancellation and pause are checked
 * at the top of every batch, so either takes effect within one batch. Pause
 * waits on a condition variable that resume() and the GCancellable's
 * "cancelled" handler both signal, so a paused run can still be cancelled.
 * Timing for samples/s covers gathering the batch (each shard copies its own
 * rows), forward, loss, backward and the update.
 *
 * A batch costs two fork-joins on the thread team: the shards (gather,
 * forward, loss, backward), then the update, which sums the replicas'
 * gradients as it goes (no separate reduction pass, except with
 * clip_grad_norm, which needs the summed gradient first).
 */

#include "strata-train.h"

#include <cblas.h>
#include <math.h>
#include <string.h>

#include "strata-workers.h"

/* OpenBLAS's thread control, absent from other CBLAS implementations:
 * resolved at link time when present, NULL otherwise. */
#pragma weak openblas_set_num_threads
#pragma weak openblas_get_num_threads

/* One shard of a mini-batch and the replica that computes it. */
typedef struct {
  StrataNetwork *net;       /* replica 0 is the trained network itself */
  GRand         *rng;       /* dropout */
  StrataTensor  *grad;      /* ∂L/∂output of the shard */
  gsize          start, m;  /* rows of the gathered batch */
  double         loss;      /* mean over the shard */
  gssize         right;
} Shard;

typedef struct {
  Shard              *shards;
  const StrataTensor *x, *y;  /* all the training data */
  const gsize        *rows;   /* the batch's rows of x and y */
  StrataTensor       *xb, *yb;
  gsize               m;      /* rows in the whole batch */
  StrataLoss          loss;
} StepJob;

struct _StrataTrainer {
  StrataNetwork      *network;      /* owned ref */
  StrataTrainConfig   config;
  StrataTrainCallback callback;
  gpointer            user_data;
  GMutex              lock;         /* guards paused */
  GCond               cond;
  gboolean            paused;
  GArray             *history;      /* of StrataTrainEvent (EPOCH) */
  guint               best_epoch;
  gboolean            stopped_early;
};

G_DEFINE_QUARK (strata-train-error-quark, strata_train_error)

void
strata_train_config_init (StrataTrainConfig *config)
{
  memset (config, 0, sizeof *config);
  config->loss = STRATA_LOSS_CROSS_ENTROPY;
  strata_optimizer_config_init (&config->optimizer, STRATA_OPTIMIZER_SGD);
  config->schedule.kind = STRATA_SCHEDULE_CONSTANT;
  config->schedule.step_size = 10;
  config->schedule.gamma = 0.1;
  config->schedule.t_max = 10;
  config->epochs = 10;
  config->batch_size = 32;
  config->restore_best_weights = TRUE;
  config->shuffle = TRUE;
}

StrataTrainer *
strata_trainer_new (StrataNetwork           *network,
                    const StrataTrainConfig *config)
{
  StrataTrainer *self = g_new0 (StrataTrainer, 1);

  self->network = strata_network_ref (network);
  self->config = *config;
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->history = g_array_new (FALSE, FALSE, sizeof (StrataTrainEvent));
  return self;
}

void
strata_trainer_free (StrataTrainer *self)
{
  if (self == NULL)
    return;
  strata_network_unref (self->network);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_array_unref (self->history);
  g_free (self);
}

void
strata_trainer_set_callback (StrataTrainer       *self,
                             StrataTrainCallback  callback,
                             gpointer             user_data)
{
  self->callback = callback;
  self->user_data = user_data;
}

void
strata_trainer_pause (StrataTrainer *self)
{
  g_mutex_lock (&self->lock);
  self->paused = TRUE;
  g_mutex_unlock (&self->lock);
}

void
strata_trainer_resume (StrataTrainer *self)
{
  g_mutex_lock (&self->lock);
  self->paused = FALSE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
}

gboolean
strata_trainer_is_paused (StrataTrainer *self)
{
  gboolean paused;

  g_mutex_lock (&self->lock);
  paused = self->paused;
  g_mutex_unlock (&self->lock);
  return paused;
}

GArray *
strata_trainer_get_history (StrataTrainer *self)
{
  return self->history;
}

guint
strata_trainer_get_best_epoch (StrataTrainer *self)
{
  return self->best_epoch;
}

gboolean
strata_trainer_stopped_early (StrataTrainer *self)
{
  return self->stopped_early;
}

static void
on_cancelled (GCancellable  *cancellable,
              StrataTrainer *self)
{
  g_mutex_lock (&self->lock);
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
}

static void
wait_while_paused (StrataTrainer *self,
                   GCancellable  *cancellable)
{
  g_mutex_lock (&self->lock);
  while (self->paused && !g_cancellable_is_cancelled (cancellable))
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);
}

void
strata_train_evaluate (StrataNetwork      *network,
                       StrataLoss          loss,
                       const StrataTensor *x,
                       const StrataTensor *y,
                       gsize               batch,
                       double             *mean_loss,
                       double             *accuracy)
{
  gsize n = x->shape[0], xs = strata_tensor_sample_size (x), ys = strata_tensor_sample_size (y);
  StrataTensor xc = *x, yc = *y;
  double total = 0.0;
  gssize right = 0, units = 0;

  xc.owns_data = yc.owns_data = FALSE;
  for (gsize start = 0; start < n; start += batch)
    {
      gsize m = MIN (batch, n - start);
      const StrataTensor *out;
      gssize r;

      xc.data = x->data + start * xs;
      yc.data = y->data + start * ys;
      xc.capacity = yc.capacity = m;
      strata_tensor_set_batch (&xc, m);
      strata_tensor_set_batch (&yc, m);
      out = strata_network_forward (network, &xc, FALSE, NULL);
      total += strata_loss_compute (loss, out, &yc, NULL) * m;
      r = strata_loss_count_correct (loss, out, &yc);
      if (r >= 0)
        {
          right += r;
          units += loss == STRATA_LOSS_BINARY_CROSS_ENTROPY ? (gssize) yc.size : (gssize) m;
        }
    }
  *mean_loss = n > 0 ? total / n : NAN;
  *accuracy = units > 0 ? (double) right / units : NAN;
}

static gboolean
check_data (StrataTrainer      *self,
            const StrataTensor *x,
            const StrataTensor *y,
            const char         *what,
            GError            **error)
{
  StrataNetwork *net = self->network;
  gsize in = strata_shape_size (strata_network_get_input_shape (net));
  gsize out = strata_shape_size (strata_network_get_output_shape (net));
  gsize ts = strata_loss_target_size (self->config.loss, out);

  if (x->shape[0] == 0 || strata_tensor_sample_size (x) != in)
    {
      g_autofree char *s = strata_shape_to_string (strata_network_get_input_shape (net));
      g_set_error (error, STRATA_TRAIN_ERROR, STRATA_TRAIN_ERROR_DATA,
                   "%s inputs: %" G_GSIZE_FORMAT " rows of %" G_GSIZE_FORMAT
                   " values, but the network needs ≥ 1 row of %s", what,
                   x->shape[0], strata_tensor_sample_size (x), s);
      return FALSE;
    }
  if (y->shape[0] != x->shape[0] || strata_tensor_sample_size (y) != ts)
    {
      g_set_error (error, STRATA_TRAIN_ERROR, STRATA_TRAIN_ERROR_DATA,
                   "%s targets: %" G_GSIZE_FORMAT " rows of %" G_GSIZE_FORMAT
                   " values, but %s with %" G_GSIZE_FORMAT " inputs needs %"
                   G_GSIZE_FORMAT " rows of %" G_GSIZE_FORMAT, what, y->shape[0],
                   strata_tensor_sample_size (y), strata_loss_to_string (self->config.loss),
                   x->shape[0], x->shape[0], ts);
      return FALSE;
    }
  for (gsize i = 0; i < y->size; i++)
    {
      float v = y->data[i];
      gboolean ok = isfinite (v);

      if (self->config.loss == STRATA_LOSS_CROSS_ENTROPY)
        ok = ok && v >= 0.0f && v < (float) out && v == floorf (v);
      else if (self->config.loss == STRATA_LOSS_BINARY_CROSS_ENTROPY)
        ok = ok && v >= 0.0f && v <= 1.0f;
      if (!ok)
        {
          g_set_error (error, STRATA_TRAIN_ERROR, STRATA_TRAIN_ERROR_DATA,
                       "%s targets: row %" G_GSIZE_FORMAT " holds %g, which is "
                       "not a valid target for %s with %" G_GSIZE_FORMAT " outputs",
                       what, i / ts, (double) v, strata_loss_to_string (self->config.loss), out);
          return FALSE;
        }
    }
  return TRUE;
}

/* Activations and their gradients for one batch, in bytes (scratch such as
 * im2col comes on top; this is the bulk). */
static double
batch_bytes (StrataNetwork *net,
             gsize          batch)
{
  double floats = 0.0;

  for (guint i = 0; i < strata_network_get_n_layers (net); i++)
    floats += 2.0 * strata_shape_size (&strata_network_get_layer (net, i)->out_shape);
  return floats * batch * sizeof (float);
}

#define MAX_BATCH_BYTES (4.0 * 1024 * 1024 * 1024)

static gboolean
check_config (StrataNetwork           *net,
              const StrataTrainConfig *c,
              GError                 **error)
{
  const char *bad = NULL;

  if (c->batch_size >= 1 && batch_bytes (net, c->batch_size) > MAX_BATCH_BYTES)
    {
      g_set_error (error, STRATA_TRAIN_ERROR, STRATA_TRAIN_ERROR_CONFIG,
                   "batch_size %" G_GSIZE_FORMAT " needs %.1f GiB of activations "
                   "for this network (limit 4 GiB); use a smaller batch_size",
                   c->batch_size, batch_bytes (net, c->batch_size) / (1024.0 * 1024 * 1024));
      return FALSE;
    }

  if (c->epochs < 1)
    bad = "epochs must be ≥ 1";
  else if (c->batch_size < 1)
    bad = "batch_size must be ≥ 1";
  else if (!(c->validation_fraction >= 0.0 && c->validation_fraction < 1.0))
    bad = "validation_fraction must be in [0, 1)";
  else if (!(c->optimizer.learning_rate > 0.0) || !isfinite (c->optimizer.learning_rate))
    bad = "learning_rate must be > 0";
  else if (!(c->optimizer.momentum >= 0.0 && c->optimizer.momentum < 1.0))
    bad = "momentum must be in [0, 1)";
  else if (c->optimizer.nesterov && c->optimizer.momentum == 0.0)
    bad = "nesterov needs momentum > 0";
  else if (!(c->optimizer.weight_decay >= 0.0))
    bad = "weight_decay must be ≥ 0";
  else if (!(c->clip_grad_norm >= 0.0))
    bad = "clip_grad_norm must be ≥ 0";
  if (bad == NULL)
    return TRUE;
  g_set_error (error, STRATA_TRAIN_ERROR, STRATA_TRAIN_ERROR_CONFIG, "%s", bad);
  return FALSE;
}

/* A view of rows [start, start + n) of @t. */
static StrataTensor
rows_view (const StrataTensor *t,
           gsize               start,
           gsize               n)
{
  StrataTensor v = *t;

  v.owns_data = FALSE;
  v.data = t->data + start * strata_tensor_sample_size (t);
  v.capacity = n;
  strata_tensor_set_batch (&v, n);
  return v;
}

static void
shard_step (gpointer data,
            guint    index)
{
  StepJob *job = data;
  Shard *s = &job->shards[index];
  StrataTensor xv, yv;
  const StrataTensor *out;
  float scale;

  if (s->m == 0)
    return;
  /* Each shard gathers its own rows of the batch. */
  xv = rows_view (job->xb, s->start, s->m);
  yv = rows_view (job->yb, s->start, s->m);
  strata_tensor_gather (&xv, job->x, job->rows + s->start, s->m);
  strata_tensor_gather (&yv, job->y, job->rows + s->start, s->m);
  strata_tensor_set_batch (s->grad, s->m);
  out = strata_network_forward (s->net, &xv, TRUE, s->rng);
  s->loss = strata_loss_compute (job->loss, out, &yv, s->grad);
  s->right = strata_loss_count_correct (job->loss, out, &yv);
  /* The batch loss is the row-weighted mean of the shard means. */
  scale = (float) s->m / (float) job->m;
  if (scale != 1.0f)
    for (gsize i = 0; i < s->grad->size; i++)
      s->grad->data[i] *= scale;
  if (isfinite (s->loss))
    strata_network_backward (s->net, s->grad);
}

/* Cuts @m rows into contiguous shards, reseeds their dropout generators. */
static void
plan_shards (Shard *shards,
             guint  n,
             gsize  m,
             GRand *rng)
{
  gsize start = 0;

  for (guint t = 0; t < n; t++)
    {
      shards[t].start = start;
      shards[t].m = m / n + (t < m % n);
      shards[t].loss = 0.0;
      shards[t].right = 0;
      start += shards[t].m;
      g_rand_set_seed (shards[t].rng, g_rand_int (rng));
    }
}

typedef struct {
  Shard *shards;
  guint  n;
} ReduceJob;

/* Adds every other replica's grads into replica 0's, in replica order, for
 * the @index-th slice of every parameter (one slice per worker). */
static void
reduce_slice (gpointer data,
              guint    index)
{
  ReduceJob *job = data;
  const StrataParam *main_params, *other;
  guint n_params;

  main_params = strata_network_get_params (job->shards[0].net, &n_params);
  for (guint t = 1; t < job->n; t++)
    {
      if (job->shards[t].m == 0)
        continue;
      other = strata_network_get_params (job->shards[t].net, &n_params);
      for (guint p = 0; p < n_params; p++)
        {
          gsize size = main_params[p].grad->size;
          gsize lo = size * index / job->n, hi = size * (index + 1) / job->n;

          strata_floats_add (main_params[p].grad->data + lo, other[p].grad->data + lo, hi - lo);
        }
    }
}

static void
emit (StrataTrainer          *self,
      const StrataTrainEvent *event)
{
  if (self->callback != NULL)
    self->callback (event, self->user_data);
}

/* Per-fit state: the shards, their replicas and the thread team. */
typedef struct {
  StrataWorkers *workers;
  Shard         *shards;
  guint          n;
  const StrataParam **replica_params;  /* [n] each replica's parameter list */
  int            blas_threads;   /* OpenBLAS's setting to restore, 0 = none */
} Team;

/* The shards that got rows in this batch: a prefix (plan_shards gives the
 * remainder to the first ones), at least shard 0. */
static guint
team_active (const Team *team)
{
  guint k = 1;

  while (k < team->n && team->shards[k].m > 0)
    k++;
  return k;
}

static void
team_init (Team          *team,
           StrataNetwork *net,
           guint          n_threads,
           gsize          batch)
{
  const StrataShape *out = strata_network_get_output_shape (net);

  team->n = n_threads > 0 ? n_threads : (guint) g_get_num_processors ();
  team->n = (guint) MAX (1, MIN (team->n, batch));
  team->workers = strata_workers_new (team->n);
  team->shards = g_new0 (Shard, team->n);
  team->replica_params = g_new0 (const StrataParam *, team->n);
  for (guint t = 0; t < team->n; t++)
    {
      guint n_params;

      team->shards[t].net = t == 0 ? strata_network_ref (net) : strata_network_new_replica (net);
      team->replica_params[t] = strata_network_get_params (team->shards[t].net, &n_params);
      team->shards[t].rng = g_rand_new_with_seed (t);
      team->shards[t].grad = strata_tensor_new_batch (batch / team->n + 1, out);
    }
  team->blas_threads = 0;
  if (team->n > 1 && openblas_set_num_threads != NULL && openblas_get_num_threads != NULL)
    {
      team->blas_threads = openblas_get_num_threads ();
      openblas_set_num_threads (1);
    }
}

static void
team_clear (Team *team)
{
  if (team->blas_threads > 0)
    openblas_set_num_threads (team->blas_threads);
  g_clear_pointer (&team->workers, strata_workers_free);
  for (guint t = 0; t < team->n; t++)
    {
      strata_network_unref (team->shards[t].net);
      g_rand_free (team->shards[t].rng);
      strata_tensor_free (team->shards[t].grad);
    }
  g_clear_pointer (&team->shards, g_free);
  g_clear_pointer (&team->replica_params, g_free);
}

gboolean
strata_trainer_fit (StrataTrainer      *self,
                    const StrataTensor *x,
                    const StrataTensor *y,
                    const StrataTensor *x_val,
                    const StrataTensor *y_val,
                    GCancellable       *cancellable,
                    GError            **error)
{
  const StrataTrainConfig *c = &self->config;
  StrataNetwork *net = self->network;
  g_autoptr(GRand) rng = NULL;
  g_autoptr(StrataOptimizer) opt = NULL;
  g_autoptr(StrataTensor) xb = NULL, yb = NULL;
  g_autofree gsize *order = NULL;
  g_autofree float *best = NULL;
  StrataTensor xv_view, yv_view;
  const StrataTensor *xv = x_val, *yv = y_val;
  gsize n_train, n_steps, bs;
  const StrataParam *params;
  guint n_params, wait = 0;
  double best_loss = INFINITY;
  guint64 global_step = 0;
  gint64 t0 = g_get_monotonic_time ();
  gulong handler = 0;
  gboolean ok = TRUE, diverged = FALSE;
  Team team = { 0 };

  g_return_val_if_fail (self != NULL && x != NULL && y != NULL, FALSE);
  g_return_val_if_fail ((x_val == NULL) == (y_val == NULL), FALSE);

  g_array_set_size (self->history, 0);
  self->best_epoch = 0;
  self->stopped_early = FALSE;
  if (!check_config (net, c, error) || !check_data (self, x, y, "training", error))
    return FALSE;
  n_train = x->shape[0];
  if (xv == NULL && c->validation_fraction > 0.0)
    {
      gsize n_val = (gsize) floor (c->validation_fraction * x->shape[0]);

      if (n_val == 0 || n_val >= x->shape[0])
        {
          g_set_error (error, STRATA_TRAIN_ERROR, STRATA_TRAIN_ERROR_CONFIG,
                       "validation_fraction %g of %" G_GSIZE_FORMAT " rows leaves "
                       "no validation or no training rows", c->validation_fraction,
                       x->shape[0]);
          return FALSE;
        }
      n_train -= n_val;
      xv_view = rows_view (x, n_train, n_val);
      yv_view = rows_view (y, n_train, n_val);
      xv = &xv_view;
      yv = &yv_view;
    }
  else if (xv != NULL && !check_data (self, xv, yv, "validation", error))
    return FALSE;

  rng = g_rand_new_with_seed (c->seed);
  opt = strata_optimizer_new (&c->optimizer);
  params = strata_network_get_params (net, &n_params);
  order = g_new (gsize, n_train);
  for (gsize i = 0; i < n_train; i++)
    order[i] = i;
  bs = MIN (c->batch_size, n_train);
  {
    StrataShape xs = strata_tensor_sample_shape (x), ys = strata_tensor_sample_shape (y);
    xb = strata_tensor_new_batch (bs, &xs);
    yb = y->ndim == 1 ? strata_tensor_new_1d (bs) : strata_tensor_new_batch (bs, &ys);
  }
  if (c->restore_best_weights)
    best = g_new (float, MAX (strata_network_get_n_weights (net), 1));
  n_steps = (n_train + c->batch_size - 1) / c->batch_size;
  team_init (&team, net, c->n_threads, bs);
  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled), self, NULL);

  for (guint epoch = 1; ok && epoch <= c->epochs; epoch++)
    {
      double lr = strata_schedule_get_lr (&c->schedule, c->optimizer.learning_rate, epoch - 1);
      double loss_sum = 0.0, compute_s = 0.0;
      gssize right = 0, units = 0;
      StrataTrainEvent ev = { 0 };
      double monitored;

      if (c->shuffle)
        for (gsize i = n_train; i > 1; i--)
          {
            gsize j = (gsize) g_rand_int_range (rng, 0, (gint32) i);
            gsize tmp = order[i - 1];
            order[i - 1] = order[j];
            order[j] = tmp;
          }

      for (gsize step = 0; step < n_steps; step++)
        {
          gsize start = step * c->batch_size, m = MIN (c->batch_size, n_train - start);
          StepJob job = { team.shards, x, y, order + start, xb, yb, m, c->loss };
          double loss = 0.0;
          gssize r = 0;
          gint64 ts;

          wait_while_paused (self, cancellable);
          if (g_cancellable_is_cancelled (cancellable))
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           "training cancelled at epoch %u, step %" G_GSIZE_FORMAT
                           "; the network keeps the weights trained so far",
                           epoch, step + 1);
              ok = FALSE;
              break;
            }

          strata_tensor_set_batch (xb, m);
          strata_tensor_set_batch (yb, m);
          ts = g_get_monotonic_time ();
          plan_shards (team.shards, team.n, m, rng);
          strata_workers_run (team.workers, shard_step, &job);
          for (guint t = 0; t < team.n; t++)
            {
              loss += team.shards[t].loss * team.shards[t].m / m;
              r += team.shards[t].right;
            }
          if (!isfinite (loss))
            {
              g_set_error (error, STRATA_TRAIN_ERROR, STRATA_TRAIN_ERROR_DIVERGED,
                           "training diverged at epoch %u, step %" G_GSIZE_FORMAT
                           ": the loss is %s; try a lower learning_rate (now %g)",
                           epoch, step + 1, isnan (loss) ? "NaN" : "infinite", lr);
              ok = FALSE;
              diverged = TRUE;
              break;
            }
          if (c->clip_grad_norm > 0.0)
            {
              /* The norm needs the summed gradient first. */
              if (team.n > 1)
                {
                  ReduceJob reduce = { team.shards, team.n };
                  strata_workers_run (team.workers, reduce_slice, &reduce);
                }
              strata_clip_grad_norm (params, n_params, c->clip_grad_norm);
              strata_optimizer_step_parallel (opt, &params, 1, n_params, lr, team.workers);
            }
          else
            strata_optimizer_step_parallel (opt, team.replica_params, team_active (&team),
                                            n_params, lr, team.workers);
          compute_s += (g_get_monotonic_time () - ts) / 1e6;

          loss_sum += loss * m;
          if (r >= 0)
            {
              right += r;
              units += c->loss == STRATA_LOSS_BINARY_CROSS_ENTROPY ? (gssize) yb->size : (gssize) m;
            }
          global_step++;

          ev = (StrataTrainEvent) {
            .kind = STRATA_TRAIN_EVENT_STEP, .epoch = epoch, .n_epochs = c->epochs,
            .step = (guint) (step + 1), .n_steps = (guint) n_steps,
            .global_step = global_step, .learning_rate = lr, .loss = loss,
            .samples_per_second = compute_s > 0 ? (start + m) / compute_s : NAN,
            .train_loss = NAN, .train_accuracy = NAN, .val_loss = NAN,
            .val_accuracy = NAN, .seconds = (g_get_monotonic_time () - t0) / 1e6,
          };
          emit (self, &ev);
        }
      if (!ok)
        break;

      ev.kind = STRATA_TRAIN_EVENT_EPOCH;
      ev.train_loss = ev.loss = loss_sum / n_train;
      ev.train_accuracy = units > 0 ? (double) right / units : NAN;
      ev.samples_per_second = compute_s > 0 ? n_train / compute_s : NAN;
      if (xv != NULL)
        strata_train_evaluate (net, c->loss, xv, yv, c->batch_size,
                               &ev.val_loss, &ev.val_accuracy);
      ev.seconds = (g_get_monotonic_time () - t0) / 1e6;
      g_array_append_val (self->history, ev);
      emit (self, &ev);

      monitored = xv != NULL ? ev.val_loss : ev.train_loss;
      if (monitored < best_loss)
        {
          best_loss = monitored;
          self->best_epoch = epoch;
          wait = 0;
          if (best != NULL)
            strata_network_get_weights (net, best);
        }
      else if (c->patience > 0 && ++wait >= c->patience)
        {
          self->stopped_early = TRUE;
          break;
        }
    }

  if (handler != 0)
    g_cancellable_disconnect (cancellable, handler);
  team_clear (&team);
  /* After a normal end or early stop, go back to the best epoch; after a
   * divergence too (the current weights produce NaN). A cancelled run keeps
   * the weights it had. */
  if (best != NULL && self->best_epoch > 0 && (ok || diverged))
    strata_network_set_weights (net, best);
  return ok;
}
