/* strata-training-dashboard.c — progress and controls of a training run
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * The dashboard holds no trainer and no thread: it is told what happened
 * (start, each batch, each epoch, finish) on the main thread and shows it;
 * its buttons emit signals. The one piece of logic is the speed estimate:
 * a ring of the last STRATA_TRAINING_WINDOW batches (finish time, rows,
 * batches done). Over the ring, steps per second = (done_newest −
 * done_oldest) / (t_newest − t_oldest), rows per second likewise with the
 * rows of every batch but the oldest (they were processed in that
 * interval), and ETA = batches left / steps per second. A short window
 * follows a speed change within a few dozen batches, which a mean since
 * the start would not; after a pause the ring is emptied, so the time
 * spent paused never counts as slowness.
 *
 * Batches go into the loss chart and the progress bars as they come (train
 * loss against step, fractional epoch and time); each epoch's validation
 * loss and accuracy too. The figures in words (batch, loss, accuracy,
 * learning rate, speed, time left) change at most LABEL_INTERVAL_US apart,
 * and always at an epoch's last batch, a pause, a step and the end: a
 * network can finish hundreds of batches a second, numbers changing at
 * every frame cannot be read, and each change costs the window a relayout
 * of the labels (measured by tests/probe-frames.c). A one-shot timeout
 * shows the last batch's figures when no batch follows. Each start() is a
 * new run in the chart, so consecutive runs overlay.
 */

#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "strata-training-dashboard.h"
#include "strata-view-style.h"

typedef struct
{
  double seconds;
  guint  samples;
  guint  done;       /* batches done when this one finished */
} Tick;

struct _StrataTrainingDashboard
{
  GtkWidget            parent_instance;

  /* Children (owned by the widget tree). */
  GtkWidget           *epoch_label, *epoch_bar;
  GtkWidget           *step_label, *step_bar;
  GtkWidget           *eta_label, *rate_label;
  GtkWidget           *loss_label, *accuracy_label, *lr_label;
  GtkWidget           *status_label;
  GtkWidget           *pause_button;
  StrataLossChart     *chart;

  StrataTrainingState  state;
  guint                run;             /* chart run of the current start() */
  guint                n_epochs, steps_per_epoch, batch_size;
  guint                done;

  Tick                 ring[STRATA_TRAINING_WINDOW];
  guint                ring_start, ring_len;

  /* The figures in words: the last batch's, and when they were shown. */
  StrataTrainingStep   last;
  gboolean             last_pending;    /* last is newer than the labels */
  gint64               labels_shown_us; /* monotonic µs */
  guint                labels_timeout;  /* one-shot source showing last, or 0 */
};

#define LABEL_INTERVAL_US (200 * 1000)

G_DEFINE_FINAL_TYPE (StrataTrainingDashboard, strata_training_dashboard, GTK_TYPE_WIDGET)

enum {
  SIGNAL_STOP,
  SIGNAL_PAUSE,
  SIGNAL_RESUME,
  SIGNAL_STEP,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

char *
strata_training_format_duration (double seconds)
{
  guint64 s;

  if (isnan (seconds) || seconds < 0 || isinf (seconds))
    return g_strdup ("—");
  s = (guint64) llround (seconds);
  if (s < 60)
    return g_strdup_printf ("%u s", (guint) s);
  if (s < 3600)
    return g_strdup_printf ("%u:%02u", (guint) (s / 60), (guint) (s % 60));
  return g_strdup_printf ("%" G_GUINT64_FORMAT ":%02u:%02u", s / 3600,
                          (guint) (s / 60 % 60), (guint) (s % 60));
}

/* Speed ---------------------------------------------------------------------------------- */

static const Tick *
ring_at (StrataTrainingDashboard *self,
         guint                    k)
{
  return &self->ring[(self->ring_start + k) % STRATA_TRAINING_WINDOW];
}

static void
ring_push (StrataTrainingDashboard *self,
           const Tick              *tick)
{
  if (self->ring_len < STRATA_TRAINING_WINDOW)
    self->ring[(self->ring_start + self->ring_len++) % STRATA_TRAINING_WINDOW] = *tick;
  else
    {
      self->ring[self->ring_start] = *tick;
      self->ring_start = (self->ring_start + 1) % STRATA_TRAINING_WINDOW;
    }
}

/* Steps and rows per second over the ring; FALSE when unknown. */
static gboolean
speed (StrataTrainingDashboard *self,
       double                  *steps_per_second,
       double                  *rows_per_second)
{
  const Tick *oldest, *newest;
  double dt;
  guint64 rows = 0;

  if (self->ring_len < 2)
    return FALSE;
  oldest = ring_at (self, 0);
  newest = ring_at (self, self->ring_len - 1);
  dt = newest->seconds - oldest->seconds;
  if (!(dt > 0) || newest->done <= oldest->done)
    return FALSE;
  for (guint k = 1; k < self->ring_len; k++)
    rows += ring_at (self, k)->samples;
  *steps_per_second = (newest->done - oldest->done) / dt;
  *rows_per_second = rows / dt;
  return TRUE;
}

double
strata_training_dashboard_get_eta (StrataTrainingDashboard *self)
{
  double steps, rows;

  g_return_val_if_fail (STRATA_IS_TRAINING_DASHBOARD (self), NAN);

  if (self->state == STRATA_TRAINING_FINISHED)
    return 0;
  if (!speed (self, &steps, &rows))
    return NAN;
  return (strata_training_dashboard_get_steps_total (self) - self->done) / steps;
}

double
strata_training_dashboard_get_samples_per_second (StrataTrainingDashboard *self)
{
  double steps, rows;

  g_return_val_if_fail (STRATA_IS_TRAINING_DASHBOARD (self), NAN);
  return speed (self, &steps, &rows) ? rows : NAN;
}

guint
strata_training_dashboard_get_steps_done (StrataTrainingDashboard *self)
{
  g_return_val_if_fail (STRATA_IS_TRAINING_DASHBOARD (self), 0);
  return self->done;
}

guint
strata_training_dashboard_get_steps_total (StrataTrainingDashboard *self)
{
  g_return_val_if_fail (STRATA_IS_TRAINING_DASHBOARD (self), 0);
  return self->n_epochs * self->steps_per_epoch;
}

/* State ---------------------------------------------------------------------------------- */

/* @value with @digits significant digits (%g), "—" for NAN. */
static void
set_label (GtkWidget  *label,
           double      value,
           int         digits,
           const char *suffix)
{
  char buf[64];

  if (isnan (value))
    g_strlcpy (buf, "—", sizeof buf);
  else
    g_snprintf (buf, sizeof buf, "%.*g%s", digits, value, suffix);
  gtk_label_set_text (GTK_LABEL (label), buf);
}

static void
update_speed_labels (StrataTrainingDashboard *self)
{
  g_autofree char *eta = strata_training_format_duration (strata_training_dashboard_get_eta (self));

  gtk_label_set_text (GTK_LABEL (self->eta_label), eta);
  set_label (self->rate_label, round (strata_training_dashboard_get_samples_per_second (self)), 9, "");
}

static void
update_bars (StrataTrainingDashboard *self,
             guint                    step_in_epoch)
{
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->epoch_bar),
                                 (double) self->done / MAX (1, strata_training_dashboard_get_steps_total (self)));
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->step_bar),
                                 (double) step_in_epoch / self->steps_per_epoch);
}

static void
update_progress_labels (StrataTrainingDashboard *self,
                        guint                    epoch,
                        guint                    step_in_epoch)
{
  char buf[64];

  g_snprintf (buf, sizeof buf, "%u of %u", MIN (epoch + 1, self->n_epochs), self->n_epochs);
  gtk_label_set_text (GTK_LABEL (self->epoch_label), buf);
  g_snprintf (buf, sizeof buf, "%u of %u", step_in_epoch, self->steps_per_epoch);
  gtk_label_set_text (GTK_LABEL (self->step_label), buf);
}

/* Shows the last batch's figures in words, if not shown yet. */
static void
show_last_step (StrataTrainingDashboard *self)
{
  g_clear_handle_id (&self->labels_timeout, g_source_remove);
  if (!self->last_pending)
    return;
  self->last_pending = FALSE;
  self->labels_shown_us = g_get_monotonic_time ();
  update_progress_labels (self, self->last.epoch, self->last.step + 1);
  set_label (self->loss_label, self->last.loss, 4, "");
  set_label (self->accuracy_label, self->last.accuracy * 100, 3, " %");
  set_label (self->lr_label, self->last.learning_rate, 3, "");
  update_speed_labels (self);
}

static gboolean
labels_timeout_cb (gpointer data)
{
  StrataTrainingDashboard *self = data;

  self->labels_timeout = 0;
  show_last_step (self);
  return G_SOURCE_REMOVE;
}

static void
set_state (StrataTrainingDashboard *self,
           StrataTrainingState      state)
{
  static const char *const names[] = {
    "Not started", "Training", "Paused", "Stopped: the model trained so far is kept",
    "Finished", "Cancelled: the run was stopped, no model was kept",
    "Failed: see the node’s message",
  };
  gboolean running = state == STRATA_TRAINING_RUNNING;
  gboolean paused = state == STRATA_TRAINING_PAUSED;
  AdwButtonContent *pause =
    ADW_BUTTON_CONTENT (gtk_button_get_child (GTK_BUTTON (self->pause_button)));

  self->state = state;
  show_last_step (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dashboard.pause", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dashboard.resume", paused);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dashboard.step", paused);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dashboard.stop", running || paused);

  /* One button pauses or resumes. */
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->pause_button),
                                  paused ? "dashboard.resume" : "dashboard.pause");
  adw_button_content_set_icon_name (pause, paused ? "media-playback-start-symbolic"
                                                  : "media-playback-pause-symbolic");
  adw_button_content_set_label (pause, paused ? "Resume" : "Pause");
  gtk_label_set_text (GTK_LABEL (self->status_label), names[state]);
  update_speed_labels (self);
}

StrataTrainingState
strata_training_dashboard_get_state (StrataTrainingDashboard *self)
{
  g_return_val_if_fail (STRATA_IS_TRAINING_DASHBOARD (self), STRATA_TRAINING_IDLE);
  return self->state;
}

void
strata_training_dashboard_start (StrataTrainingDashboard *self,
                                 const char              *run_name,
                                 guint                    n_epochs,
                                 guint                    steps_per_epoch,
                                 guint                    batch_size)
{
  g_return_if_fail (STRATA_IS_TRAINING_DASHBOARD (self));
  g_return_if_fail (n_epochs >= 1 && steps_per_epoch >= 1);

  self->n_epochs = n_epochs;
  self->steps_per_epoch = steps_per_epoch;
  self->batch_size = batch_size;
  self->done = 0;
  self->ring_len = self->ring_start = 0;
  self->run = strata_loss_chart_add_run (self->chart, run_name != NULL ? run_name : "run");
  self->last_pending = FALSE;
  g_clear_handle_id (&self->labels_timeout, g_source_remove);
  update_bars (self, 0);
  update_progress_labels (self, 0, 0);
  gtk_label_set_text (GTK_LABEL (self->loss_label), "—");
  gtk_label_set_text (GTK_LABEL (self->accuracy_label), "—");
  gtk_label_set_text (GTK_LABEL (self->lr_label), "—");
  set_state (self, STRATA_TRAINING_RUNNING);
}

void
strata_training_dashboard_push_step (StrataTrainingDashboard  *self,
                                     const StrataTrainingStep *step)
{
  Tick tick;
  gint64 now;

  g_return_if_fail (STRATA_IS_TRAINING_DASHBOARD (self));
  g_return_if_fail (step != NULL);
  g_return_if_fail (self->state != STRATA_TRAINING_IDLE);

  self->done = MIN (step->epoch * self->steps_per_epoch + step->step + 1,
                    strata_training_dashboard_get_steps_total (self));
  tick = (Tick) { step->seconds, step->samples, self->done };
  ring_push (self, &tick);
  strata_loss_chart_append (self->chart, self->run, STRATA_CHART_TRAIN_LOSS,
                            &(StrataChartPoint) {
                              self->done - 1,
                              (double) self->done / self->steps_per_epoch,
                              step->seconds, step->loss }, 1);

  update_bars (self, step->step + 1);
  self->last = *step;
  self->last_pending = TRUE;
  now = g_get_monotonic_time ();
  if (now - self->labels_shown_us >= LABEL_INTERVAL_US || step->step + 1 >= self->steps_per_epoch)
    show_last_step (self);
  else if (self->labels_timeout == 0)
    self->labels_timeout = g_timeout_add ((guint) ((LABEL_INTERVAL_US - (now - self->labels_shown_us)) / 1000) + 1,
                                          labels_timeout_cb, self);
}

void
strata_training_dashboard_push_epoch (StrataTrainingDashboard *self,
                                      guint                    epoch,
                                      double                   seconds,
                                      double                   val_loss,
                                      double                   val_accuracy)
{
  StrataChartPoint p;

  g_return_if_fail (STRATA_IS_TRAINING_DASHBOARD (self));
  g_return_if_fail (self->state != STRATA_TRAINING_IDLE);

  /* At the epoch's last batch, on every x axis. */
  p = (StrataChartPoint) { (double) (epoch + 1) * self->steps_per_epoch - 1, epoch + 1, seconds, 0 };

  if (!isnan (val_loss))
    {
      p.value = val_loss;
      strata_loss_chart_append (self->chart, self->run, STRATA_CHART_VAL_LOSS, &p, 1);
    }
  if (!isnan (val_accuracy))
    {
      p.value = val_accuracy;
      strata_loss_chart_append (self->chart, self->run, STRATA_CHART_VAL_ACCURACY, &p, 1);
    }
}

void
strata_training_dashboard_finish (StrataTrainingDashboard *self)
{
  g_return_if_fail (STRATA_IS_TRAINING_DASHBOARD (self));
  set_state (self, STRATA_TRAINING_FINISHED);
}

void
strata_training_dashboard_end (StrataTrainingDashboard *self,
                               StrataTrainingState      state)
{
  g_return_if_fail (STRATA_IS_TRAINING_DASHBOARD (self));
  g_return_if_fail (state == STRATA_TRAINING_STOPPED || state == STRATA_TRAINING_FINISHED ||
                    state == STRATA_TRAINING_CANCELLED || state == STRATA_TRAINING_FAILED);
  set_state (self, state);
}

StrataLossChart *
strata_training_dashboard_get_chart (StrataTrainingDashboard *self)
{
  g_return_val_if_fail (STRATA_IS_TRAINING_DASHBOARD (self), NULL);
  return self->chart;
}

/* Actions ---------------------------------------------------------------------------------- */

static void
action_pause (GtkWidget  *widget,
              const char *name,
              GVariant   *parameter)
{
  StrataTrainingDashboard *self = STRATA_TRAINING_DASHBOARD (widget);

  set_state (self, STRATA_TRAINING_PAUSED);
  g_signal_emit (self, signals[SIGNAL_PAUSE], 0);
}

static void
action_resume (GtkWidget  *widget,
               const char *name,
               GVariant   *parameter)
{
  StrataTrainingDashboard *self = STRATA_TRAINING_DASHBOARD (widget);

  /* The pause must not count as slowness. */
  self->ring_len = self->ring_start = 0;
  set_state (self, STRATA_TRAINING_RUNNING);
  g_signal_emit (self, signals[SIGNAL_RESUME], 0);
}

static void
action_step (GtkWidget  *widget,
             const char *name,
             GVariant   *parameter)
{
  StrataTrainingDashboard *self = STRATA_TRAINING_DASHBOARD (widget);

  /* A single batch between pauses says nothing about the running speed. */
  self->ring_len = self->ring_start = 0;
  g_signal_emit (self, signals[SIGNAL_STEP], 0);
}

static void
action_stop (GtkWidget  *widget,
             const char *name,
             GVariant   *parameter)
{
  StrataTrainingDashboard *self = STRATA_TRAINING_DASHBOARD (widget);

  set_state (self, STRATA_TRAINING_STOPPED);
  g_signal_emit (self, signals[SIGNAL_STOP], 0);
}

/* Widget ---------------------------------------------------------------------------------- */

/* A caption over a value; returns the value label. */
static GtkWidget *
add_tile (GtkGrid    *grid,
          const char *caption,
          int         column,
          int         row,
          GtkWidget **bar)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (caption);
  GtkWidget *value = gtk_label_new ("—");

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "caption");
  gtk_widget_add_css_class (title, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (value), 0);
  gtk_widget_add_css_class (value, "title-3");
  gtk_widget_add_css_class (value, "numeric");
  gtk_label_set_width_chars (GTK_LABEL (value), 9);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), value);
  if (bar != NULL)
    {
      *bar = gtk_progress_bar_new ();
      gtk_widget_set_margin_top (*bar, 4);
      gtk_box_append (GTK_BOX (box), *bar);
    }
  gtk_widget_set_hexpand (box, TRUE);
  gtk_grid_attach (grid, box, column, row, 1, 1);
  return value;
}

static GtkWidget *
make_button (const char *icon,
             const char *label,
             const char *action)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), icon);
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), label);
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  return button;
}

static void
strata_training_dashboard_dispose (GObject *object)
{
  StrataTrainingDashboard *self = STRATA_TRAINING_DASHBOARD (object);

  g_clear_handle_id (&self->labels_timeout, g_source_remove);
  strata_view_unparent_children (GTK_WIDGET (object));
  G_OBJECT_CLASS (strata_training_dashboard_parent_class)->dispose (object);
}

static void
strata_training_dashboard_class_init (StrataTrainingDashboardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = strata_training_dashboard_dispose;

  signals[SIGNAL_STOP] = g_signal_new ("stop", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_PAUSE] = g_signal_new ("pause", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_RESUME] = g_signal_new ("resume", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_STEP] = g_signal_new ("step", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "dashboard.pause", NULL, action_pause);
  gtk_widget_class_install_action (widget_class, "dashboard.resume", NULL, action_resume);
  gtk_widget_class_install_action (widget_class, "dashboard.step", NULL, action_step);
  gtk_widget_class_install_action (widget_class, "dashboard.stop", NULL, action_stop);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "trainingdashboard");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
strata_training_dashboard_init (StrataTrainingDashboard *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *step, *stop;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 12);

  gtk_grid_set_column_spacing (GTK_GRID (grid), 24);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 12);
  self->epoch_label = add_tile (GTK_GRID (grid), "Epoch", 0, 0, &self->epoch_bar);
  self->step_label = add_tile (GTK_GRID (grid), "Batch in epoch", 1, 0, &self->step_bar);
  self->eta_label = add_tile (GTK_GRID (grid), "Time left", 2, 0, NULL);
  self->rate_label = add_tile (GTK_GRID (grid), "Samples per second", 3, 0, NULL);
  self->loss_label = add_tile (GTK_GRID (grid), "Loss", 0, 1, NULL);
  self->accuracy_label = add_tile (GTK_GRID (grid), "Accuracy", 1, 1, NULL);
  self->lr_label = add_tile (GTK_GRID (grid), "Learning rate", 2, 1, NULL);
  gtk_widget_set_parent (grid, GTK_WIDGET (self));

  self->pause_button = make_button ("media-playback-pause-symbolic", "Pause", "dashboard.pause");
  gtk_widget_add_css_class (self->pause_button, "suggested-action");
  gtk_box_append (GTK_BOX (buttons), self->pause_button);
  step = make_button ("media-skip-forward-symbolic", "Step", "dashboard.step");
  gtk_widget_set_tooltip_text (step, "Run one batch, then pause again");
  gtk_box_append (GTK_BOX (buttons), step);
  stop = make_button ("media-playback-stop-symbolic", "Stop", "dashboard.stop");
  gtk_widget_set_tooltip_text (stop, "Stop training and keep the model trained so far");
  gtk_widget_add_css_class (stop, "destructive-action");
  gtk_box_append (GTK_BOX (buttons), stop);
  self->status_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->status_label, "dim-label");
  gtk_widget_set_margin_start (self->status_label, 12);
  gtk_box_append (GTK_BOX (buttons), self->status_label);
  gtk_widget_set_parent (buttons, GTK_WIDGET (self));

  self->chart = STRATA_LOSS_CHART (strata_loss_chart_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->chart), TRUE);
  gtk_widget_set_parent (GTK_WIDGET (self->chart), GTK_WIDGET (self));

  set_state (self, STRATA_TRAINING_IDLE);
}

GtkWidget *
strata_training_dashboard_new (void)
{
  return g_object_new (STRATA_TYPE_TRAINING_DASHBOARD, NULL);
}
