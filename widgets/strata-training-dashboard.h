/* strata-training-dashboard.h — progress and controls of a training run
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * StrataTrainingDashboard shows a network's training as it happens: epoch
 * and step progress, the estimated time left, samples per second, the
 * current loss, accuracy and learning rate, and the loss chart
 * (strata-loss-chart.h) fed with the same values. Its buttons do nothing
 * to a trainer themselves; they emit signals the application connects to
 * it:
 *
 *   "pause"   pause after the current batch (state becomes PAUSED)
 *   "resume"  carry on (state RUNNING)
 *   "step"    run one batch and pause again (only while PAUSED), for
 *             teaching: watch the loss move batch by batch
 *   "stop"    stop for good, keeping the model trained so far (state
 *             STOPPED)
 *
 * The buttons are bound to the widget's actions "dashboard.pause",
 * "dashboard.resume", "dashboard.step" and "dashboard.stop", which are
 * enabled only where they make sense.
 *
 * The trainer (through the application, on the main thread) reports:
 *
 *   strata_training_dashboard_start (dash, "lr = 0.01", 10, 469, 128);
 *   per batch:  strata_training_dashboard_push_step (dash, &step);
 *   per epoch:  strata_training_dashboard_push_epoch (dash, epoch, t, vl, va);
 *   at the end: strata_training_dashboard_finish (dash);
 *
 * ETA and throughput come from the last STRATA_TRAINING_WINDOW steps' own
 * timestamps (a sliding window, so they follow a change of speed), and
 * the window restarts after a pause so the pause does not count.
 */

#pragma once

#include <gtk/gtk.h>

#include "strata-loss-chart.h"

G_BEGIN_DECLS

/* Steps in the sliding window behind the ETA and samples per second. */
#define STRATA_TRAINING_WINDOW 32

typedef enum {
  STRATA_TRAINING_IDLE,        /* nothing started */
  STRATA_TRAINING_RUNNING,
  STRATA_TRAINING_PAUSED,
  STRATA_TRAINING_STOPPED,     /* stopped by the user, model kept */
  STRATA_TRAINING_FINISHED,    /* every epoch done */
  STRATA_TRAINING_CANCELLED,   /* the whole run was cancelled: no model */
  STRATA_TRAINING_FAILED,      /* training failed (e.g. diverged) */
} StrataTrainingState;

/**
 * StrataTrainingStep:
 * @epoch: 0-based epoch of the batch
 * @step: 0-based index of the batch within its epoch
 * @seconds: wall-clock seconds since the run started, when the batch
 *   finished
 * @samples: rows in the batch
 * @loss: training loss of the batch
 * @accuracy: training accuracy of the batch (fraction 0–1), NAN if unknown
 * @learning_rate: the optimizer's learning rate for the batch
 */
typedef struct {
  guint  epoch;
  guint  step;
  double seconds;
  guint  samples;
  double loss;
  double accuracy;
  double learning_rate;
} StrataTrainingStep;

#define STRATA_TYPE_TRAINING_DASHBOARD (strata_training_dashboard_get_type ())
G_DECLARE_FINAL_TYPE (StrataTrainingDashboard, strata_training_dashboard, STRATA,
                      TRAINING_DASHBOARD, GtkWidget)

GtkWidget          *strata_training_dashboard_new        (void);

/* Starts a new run (a new run in the chart; earlier runs stay there):
 * @n_epochs ≥ 1, @steps_per_epoch ≥ 1 batches, state RUNNING. */
void                strata_training_dashboard_start      (StrataTrainingDashboard  *self,
                                                          const char               *run_name,
                                                          guint                     n_epochs,
                                                          guint                     steps_per_epoch,
                                                          guint                     batch_size);
void                strata_training_dashboard_push_step  (StrataTrainingDashboard  *self,
                                                          const StrataTrainingStep *step);
/* Validation results of 0-based @epoch, finished at @seconds; NAN for
 * what was not measured. */
void                strata_training_dashboard_push_epoch (StrataTrainingDashboard  *self,
                                                          guint                     epoch,
                                                          double                    seconds,
                                                          double                    val_loss,
                                                          double                    val_accuracy);
/* The run ended by itself (state FINISHED). */
void                strata_training_dashboard_finish     (StrataTrainingDashboard  *self);
/* The run ended as @state says (STOPPED, FINISHED, CANCELLED or FAILED),
 * whatever the buttons last said: the application knows how the node
 * ended. */
void                strata_training_dashboard_end        (StrataTrainingDashboard  *self,
                                                          StrataTrainingState       state);

StrataTrainingState strata_training_dashboard_get_state  (StrataTrainingDashboard  *self);
/* Seconds left at the current speed; NAN until two steps of the window
 * are known. */
double              strata_training_dashboard_get_eta    (StrataTrainingDashboard  *self);
/* Rows per second over the window; NAN until two steps are known. */
double              strata_training_dashboard_get_samples_per_second (StrataTrainingDashboard *self);
/* Batches done of the run's total. */
guint               strata_training_dashboard_get_steps_done  (StrataTrainingDashboard *self);
guint               strata_training_dashboard_get_steps_total (StrataTrainingDashboard *self);
/* The chart (transfer none). */
StrataLossChart    *strata_training_dashboard_get_chart  (StrataTrainingDashboard  *self);

/* "45 s", "2:05", "1:02:03"; "—" for NAN or negative (transfer full). */
char               *strata_training_format_duration      (double seconds);

G_END_DECLS
