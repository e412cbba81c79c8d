/* strata-train-control.c — Pause / Resume / Step / Stop shared between
 * threads
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * One mutex guards three values: paused, stopped and the number of steps
 * granted while paused. The waiting thread sleeps on a condition variable
 * with a 20 ms timeout, so a cancelled GCancellable ends the wait without
 * the control having to connect to it.
 */

#include "config.h"

#include "strata-train-control.h"

struct _StrataTrainControl {
  gint     ref_count;   /* atomic */
  GMutex   lock;
  GCond    cond;
  gboolean paused;
  gboolean stopped;
  guint    steps;       /* batches granted while paused */
};

StrataTrainControl *
strata_train_control_new (void)
{
  StrataTrainControl *self = g_new0 (StrataTrainControl, 1);

  self->ref_count = 1;
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  return self;
}

StrataTrainControl *
strata_train_control_ref (StrataTrainControl *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
strata_train_control_unref (StrataTrainControl *self)
{
  if (self == NULL || !g_atomic_int_dec_and_test (&self->ref_count))
    return;
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self);
}

/* Sets the state under the lock and wakes the waiter. */
static void
set (StrataTrainControl *self,
     gboolean            paused,
     gboolean            stopped,
     guint               steps)
{
  g_return_if_fail (self != NULL);
  g_mutex_lock (&self->lock);
  self->paused = paused;
  self->stopped = stopped;
  self->steps = steps;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
}

void
strata_train_control_pause (StrataTrainControl *self)
{
  g_return_if_fail (self != NULL);
  g_mutex_lock (&self->lock);
  self->paused = !self->stopped;
  self->steps = 0;
  g_mutex_unlock (&self->lock);
}

void
strata_train_control_resume (StrataTrainControl *self)
{
  g_return_if_fail (self != NULL);
  g_mutex_lock (&self->lock);
  self->paused = FALSE;
  self->steps = 0;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
}

void
strata_train_control_step (StrataTrainControl *self)
{
  g_return_if_fail (self != NULL);
  g_mutex_lock (&self->lock);
  if (self->paused)
    self->steps++;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
}

void
strata_train_control_stop (StrataTrainControl *self)
{
  set (self, FALSE, TRUE, 0);
}

void
strata_train_control_reset (StrataTrainControl *self)
{
  set (self, FALSE, FALSE, 0);
}

gboolean
strata_train_control_is_paused (StrataTrainControl *self)
{
  gboolean paused;

  g_return_val_if_fail (self != NULL, FALSE);
  g_mutex_lock (&self->lock);
  paused = self->paused;
  g_mutex_unlock (&self->lock);
  return paused;
}

gboolean
strata_train_control_is_stopped (StrataTrainControl *self)
{
  gboolean stopped;

  g_return_val_if_fail (self != NULL, FALSE);
  g_mutex_lock (&self->lock);
  stopped = self->stopped;
  g_mutex_unlock (&self->lock);
  return stopped;
}

void
strata_train_control_wait (StrataTrainControl *self,
                           GCancellable       *cancellable)
{
  g_return_if_fail (self != NULL);
  g_mutex_lock (&self->lock);
  while (self->paused && self->steps == 0 && !g_cancellable_is_cancelled (cancellable))
    g_cond_wait_until (&self->cond, &self->lock, g_get_monotonic_time () + 20 * G_TIME_SPAN_MILLISECOND);
  if (self->paused && self->steps > 0)
    self->steps--;
  g_mutex_unlock (&self->lock);
}
