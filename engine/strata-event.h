/* strata-event.h — what the executor reports, and the queue that carries it
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The worker thread pushes StrataEvents into a StrataEventQueue; the main
 * thread drains it at most once per frame (strata_event_queue_drain with
 * coalescing), the command line pops with a timeout. The engine never calls
 * GTK and never waits for the reader: pushing never blocks.
 *
 * Order guarantees, per run: every node gets QUEUED (in topological order)
 * before any node STARTs; a node's events are STARTED, PROGRESS*, (WARNING,
 * TRAIN_STEP, TRAIN_EPOCH)*, then exactly one of FINISHED / FAILED /
 * CANCELLED (a node that never started gets only the last); RUN_FINISHED is
 * the very last event of a run.
 */

#pragma once

#include <glib.h>

#include "strata-data.h"

G_BEGIN_DECLS

typedef enum {
  STRATA_EVENT_NODE_QUEUED,
  STRATA_EVENT_NODE_STARTED,
  STRATA_EVENT_NODE_PROGRESS,
  STRATA_EVENT_NODE_WARNING,
  STRATA_EVENT_NODE_FINISHED,
  STRATA_EVENT_NODE_FAILED,
  STRATA_EVENT_NODE_CANCELLED,
  STRATA_EVENT_TRAIN_STEP,
  STRATA_EVENT_TRAIN_EPOCH,
  STRATA_EVENT_RUN_FINISHED,
} StrataEventType;

/* "queued", "started", "progress", "warning", "finished", "failed",
 * "cancelled", "train-step", "train-epoch", "run-finished". */
const char *strata_event_type_to_string (StrataEventType type);

/**
 * StrataEvent:
 *
 * One report from the worker. Fields not listed for a type are zero/NULL.
 * Everything is owned by the event (free with strata_event_free).
 */
typedef struct {
  StrataEventType  type;
  char            *node_id;   /* every NODE_ and TRAIN_ event; NULL for RUN_FINISHED */
  gint64           time;      /* g_get_monotonic_time() at emission, µs */
  double           fraction;  /* PROGRESS: 0–1, or -1 when unknown */
  char            *message;   /* PROGRESS (nullable), WARNING */
  double           seconds;   /* FINISHED: node run time; RUN_FINISHED: whole run */
  gboolean         cached;    /* FINISHED: outputs reused from the cache */
  StrataMetrics   *metrics;   /* FINISHED (nullable), TRAIN_EPOCH: loss, val_loss, … */
  GError          *error;     /* FAILED; RUN_FINISHED: NULL when every node ran */
  guint            epoch;     /* TRAIN_STEP, TRAIN_EPOCH: 0-based epoch */
  guint64          step;      /* TRAIN_STEP: 0-based batch index over the run */
  double           loss;      /* TRAIN_STEP: the batch's training loss */
  guint64          samples;   /* TRAIN_STEP: samples seen so far in this run */
  /* TRAIN_STEP, TRAIN_EPOCH: the node's last strata_node_context_train_info
   * (zero / NAN learning rate when it gave none). */
  guint            n_epochs;
  guint            steps_per_epoch;
  guint            batch_size;
  double           learning_rate;
} StrataEvent;

/* A zeroed event of @type for @node_id (copied; may be NULL), time set. */
StrataEvent *strata_event_new  (StrataEventType  type,
                                const char      *node_id);
void         strata_event_free (StrataEvent     *event);

/* --- Queue ------------------------------------------------------------------ */

typedef struct _StrataEventQueue StrataEventQueue;

typedef enum {
  STRATA_EVENT_COALESCE_NONE     = 0,
  /* Keep only the latest PROGRESS of each node among the drained events. */
  STRATA_EVENT_COALESCE_PROGRESS = 1 << 0,
  /* Keep only the latest TRAIN_STEP of each node (a chart that can afford
   * every point leaves this off). */
  STRATA_EVENT_COALESCE_STEPS    = 1 << 1,
} StrataEventCoalesce;

/* Thread-safe; atomic reference count. */
StrataEventQueue *strata_event_queue_new   (void);
StrataEventQueue *strata_event_queue_ref   (StrataEventQueue *queue);
void              strata_event_queue_unref (StrataEventQueue *queue);
/* Takes @event (transfer full). Never blocks. Any thread. */
void              strata_event_queue_push  (StrataEventQueue *queue,
                                            StrataEvent      *event);
/* Waits at most @timeout_us (0 = do not wait) for one event. Transfer full;
 * NULL on timeout. */
StrataEvent      *strata_event_queue_pop   (StrataEventQueue *queue,
                                            gint64            timeout_us);
/* Takes up to @max_events (0 = all) events that are waiting, without
 * blocking, and coalesces them as @flags says; order is kept (a coalesced
 * event takes the place of the last one it replaces). Returns a GPtrArray
 * of StrataEvent* that frees them (transfer full), possibly empty. */
GPtrArray        *strata_event_queue_drain (StrataEventQueue   *queue,
                                            guint               max_events,
                                            StrataEventCoalesce flags);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataEvent, strata_event_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataEventQueue, strata_event_queue_unref)

G_END_DECLS
