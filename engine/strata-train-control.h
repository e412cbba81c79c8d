/* strata-train-control.h — the user's Pause / Resume / Step / Stop for a
 * training node
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A StrataTrainControl is shared between the thread that shows a run (the
 * window) and the executor's worker. The executor gives one to every node
 * context of a run (strata_executor_get_train_control); a training node
 * reports each batch with strata_node_context_train_step(), which waits
 * there while the control is paused. So:
 *
 *   pause    training waits after the batch it is in (before the next one)
 *   resume   carries on
 *   step     while paused: lets exactly one more batch run, then waits again
 *   stop     ends training after the current batch; the node keeps the
 *            model trained so far and finishes normally (unlike cancelling
 *            the run, which discards the node's outputs)
 *
 * Every function is thread-safe. A wait also ends when the run's
 * GCancellable is cancelled (checked every 20 ms), so a paused run can be
 * cancelled. Atomic reference count.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _StrataTrainControl StrataTrainControl;

/* Transfer full; running, not stopped. */
StrataTrainControl *strata_train_control_new        (void);
StrataTrainControl *strata_train_control_ref        (StrataTrainControl *control);
void                strata_train_control_unref      (StrataTrainControl *control);

void                strata_train_control_pause      (StrataTrainControl *control);
void                strata_train_control_resume     (StrataTrainControl *control);
/* One more batch while paused (no effect while running). */
void                strata_train_control_step       (StrataTrainControl *control);
/* Ask training to end after the current batch, keeping its model. Also
 * resumes, so a paused run stops at once. */
void                strata_train_control_stop       (StrataTrainControl *control);
/* Back to running, not stopped, no pending step (the start of a run). */
void                strata_train_control_reset      (StrataTrainControl *control);

gboolean            strata_train_control_is_paused  (StrataTrainControl *control);
gboolean            strata_train_control_is_stopped (StrataTrainControl *control);

/* Called by the training thread after each batch: returns at once while
 * running or stopped; while paused, waits until resume(), stop(), a
 * step() (which it consumes) or @cancellable (nullable) is cancelled. */
void                strata_train_control_wait       (StrataTrainControl *control,
                                                     GCancellable       *cancellable);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataTrainControl, strata_train_control_unref)

G_END_DECLS
