/* strata-train.h — the mini-batch training loop
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A StrataTrainer fits a StrataNetwork to inputs x [N, input shape] and
 * targets y (strata-loss.h: [N] class indices for cross_entropy, [N, output]
 * otherwise) by mini-batch gradient descent:
 *
 *   for each epoch: learning rate from the schedule; shuffle the training
 *   rows (seeded); for each batch: forward, loss, backward, optional
 *   clipping by global norm, optimizer step, a STEP event; then evaluate the
 *   validation rows, an EPOCH event, early stopping.
 *
 * Validation uses x_val / y_val when given, else the last
 * validation_fraction of the rows (before shuffling, as Keras does). Early
 * stopping watches val_loss (train loss without validation) and stops after
 * @patience epochs without improvement; with restore_best_weights the
 * network ends with the weights of its best epoch.
 *
 * Threads: fit() runs on the caller's thread (the executor's worker) and
 * calls the callback there. pause(), resume() and the GCancellable may be
 * used from any other thread; both take effect before the next batch. A
 * cancelled fit returns G_IO_ERROR_CANCELLED and leaves the weights of the
 * last finished batch in the network (the model trained so far).
 *
 * Parallelism: with n_threads = T > 1 each mini-batch is cut into T
 * contiguous shards; T replicas of the network (sharing its weights, see
 * strata_network_new_replica) run forward and backward on their shard on a
 * StrataWorkers team (each gathering its own rows of the batch), and the
 * single optimizer step sums their gradients in replica order as it updates
 * (strata_optimizer_step_parallel) — data parallelism inside one batch, the
 * same arithmetic as one big batch up to summation order. While it runs, the
 * trainer sets OpenBLAS to one thread (openblas_set_num_threads, restored
 * afterwards) so that OpenBLAS's threads and the trainer's never compete
 * for the cores; with T = 1, OpenBLAS keeps its own setting.
 *
 * Determinism: shuffling draws from one Mersenne Twister seeded with
 * config->seed, and each replica's dropout generator is reseeded from it
 * every batch; together with strata_network_init_weights(seed), the same
 * n_threads and the same OpenBLAS thread count, two runs give identical
 * events bit for bit.
 */

#pragma once

#include <gio/gio.h>

#include "strata-loss.h"
#include "strata-network.h"
#include "strata-optim.h"

G_BEGIN_DECLS

#define STRATA_TRAIN_ERROR (strata_train_error_quark ())

/**
 * StrataTrainError:
 * @STRATA_TRAIN_ERROR_CONFIG: a setting is out of range (names it)
 * @STRATA_TRAIN_ERROR_DATA: inputs or targets do not fit the network or the
 *   loss (shape, count, a class index out of range; names the row)
 * @STRATA_TRAIN_ERROR_DIVERGED: the loss became NaN or infinite; the
 *   message names epoch and step and suggests a lower learning rate
 */
typedef enum {
  STRATA_TRAIN_ERROR_CONFIG,
  STRATA_TRAIN_ERROR_DATA,
  STRATA_TRAIN_ERROR_DIVERGED,
} StrataTrainError;

GQuark strata_train_error_quark (void);

typedef struct {
  StrataLoss            loss;
  StrataOptimizerConfig optimizer;
  StrataSchedule        schedule;
  guint    epochs;                /* ≥ 1 */
  gsize    batch_size;            /* ≥ 1 */
  double   validation_fraction;   /* [0, 1), used without x_val */
  guint    patience;              /* epochs without improvement; 0 = never stop */
  gboolean restore_best_weights;  /* keep the best epoch's weights */
  double   clip_grad_norm;        /* max global grad norm; 0 = no clipping */
  gboolean shuffle;               /* reshuffle every epoch (default TRUE) */
  guint32  seed;                  /* shuffling and dropout */
  guint    n_threads;             /* 0 = one per processor */
} StrataTrainConfig;

/* Defaults: cross_entropy, SGD lr 0.01, constant schedule, 10 epochs,
 * batch 32, no validation, patience 0, restore_best_weights TRUE, no
 * clipping, shuffle, seed 0, one thread per processor. */
void strata_train_config_init (StrataTrainConfig *config);

typedef enum {
  STRATA_TRAIN_EVENT_STEP,    /* after each optimizer step */
  STRATA_TRAIN_EVENT_EPOCH,   /* after each epoch's validation */
} StrataTrainEventKind;

/**
 * StrataTrainEvent:
 *
 * A plain value (no pointers): an executor may copy it into its queue and
 * hand it to another thread unchanged. Fields that do not apply are NAN.
 */
typedef struct {
  StrataTrainEventKind kind;
  guint  epoch;               /* 1-based */
  guint  n_epochs;            /* configured epochs */
  guint  step;                /* STEP: 1-based batch in the epoch; EPOCH: n_steps */
  guint  n_steps;             /* batches per epoch */
  guint64 global_step;        /* optimizer steps since fit() began */
  double learning_rate;       /* of this epoch */
  double loss;                /* STEP: this batch's loss; EPOCH: = train_loss */
  double samples_per_second;  /* training samples per second of compute so
                                 far in this epoch: gathering the batch's rows
                                 (done inside the shards), forward, loss,
                                 backward and the update */
  double train_loss;          /* EPOCH: sample-weighted mean batch loss */
  double train_accuracy;      /* EPOCH: over the epoch's batches (NAN for mse) */
  double val_loss;            /* EPOCH: NAN without validation */
  double val_accuracy;        /* EPOCH: fraction 0–1; NAN for mse / no validation */
  double seconds;             /* wall time since fit() began */
} StrataTrainEvent;

/* Called on fit()'s thread; must not call back into the trainer except
 * pause()/resume(). */
typedef void (*StrataTrainCallback) (const StrataTrainEvent *event,
                                     gpointer                user_data);

typedef struct _StrataTrainer StrataTrainer;

/* Takes a reference on @network. Transfer full. */
StrataTrainer *strata_trainer_new          (StrataNetwork           *network,
                                            const StrataTrainConfig *config);
void           strata_trainer_free         (StrataTrainer *trainer);
void           strata_trainer_set_callback (StrataTrainer       *trainer,
                                            StrataTrainCallback  callback,
                                            gpointer             user_data);

/* Trains. @x_val and @y_val may both be NULL. FALSE + error
 * (STRATA_TRAIN_ERROR, or G_IO_ERROR_CANCELLED) on failure; the network
 * keeps the weights described above. */
gboolean       strata_trainer_fit          (StrataTrainer      *trainer,
                                            const StrataTensor *x,
                                            const StrataTensor *y,
                                            const StrataTensor *x_val,
                                            const StrataTensor *y_val,
                                            GCancellable       *cancellable,
                                            GError            **error);

/* Thread-safe: training waits before its next batch until resume(). */
void           strata_trainer_pause        (StrataTrainer *trainer);
void           strata_trainer_resume       (StrataTrainer *trainer);
gboolean       strata_trainer_is_paused    (StrataTrainer *trainer);

/* The EPOCH events of the last fit(), in order (borrowed GArray of
 * StrataTrainEvent). */
GArray        *strata_trainer_get_history  (StrataTrainer *trainer);
/* 1-based epoch with the best monitored loss (0 before any epoch). */
guint          strata_trainer_get_best_epoch (StrataTrainer *trainer);
/* TRUE when the last fit() ended by early stopping. */
gboolean       strata_trainer_stopped_early  (StrataTrainer *trainer);

/* Evaluates @network on (x, y) in batches: mean loss and accuracy
 * (NAN when undefined). */
void           strata_train_evaluate       (StrataNetwork      *network,
                                            StrataLoss          loss,
                                            const StrataTensor *x,
                                            const StrataTensor *y,
                                            gsize               batch,
                                            double             *mean_loss,
                                            double             *accuracy);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataTrainer, strata_trainer_free)

G_END_DECLS
