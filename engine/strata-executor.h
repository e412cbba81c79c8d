/* strata-executor.h — runs a workflow on a worker thread, with a cache
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The executor turns a StrataWorkflow into a plan (a snapshot: node types,
 * copies of the parameters, the links as indices) on the calling thread,
 * then runs the plan in topological order on one worker thread (GTask) or,
 * for the command line and tests, on the calling thread. Between runs it
 * keeps each node's outputs, keyed by a SHA-256 of the node type, its
 * parameters, its seed (random nodes), its cache salt (e.g. a data file's
 * mtime) and the identities of its input values; the next run reuses every
 * node whose key is unchanged, so after an edit only stale nodes run again.
 *
 * Progress goes out as StrataEvents on the executor's queue (see
 * strata-event.h for the order guaranteed); the window drains it once per
 * frame, `strata run` pops it. A failed node fails only the nodes
 * downstream of it (STRATA_NODE_ERROR_UPSTREAM); the others run and keep
 * their results. Cancelling the GCancellable stops the running node at its
 * next poll and marks every node not yet finished as cancelled.
 *
 *   g_autoptr(StrataExecutor) ex = strata_executor_new ();
 *   strata_executor_run_async (ex, workflow, cancellable, done_cb, self);
 *   … each frame: events = strata_event_queue_drain (
 *         strata_executor_get_events (ex), 0, STRATA_EVENT_COALESCE_PROGRESS);
 *   … done_cb: strata_executor_run_finish (ex, result, &error);
 *       table = strata_executor_dup_output (ex, "split", "train");
 *
 * One run at a time per executor; the executor is used from one thread
 * (the owner), except strata_executor_dup_output / dup_result and the event
 * queue, which any thread may call.
 */

#pragma once

#include <gio/gio.h>

#include "strata-event.h"
#include "strata-workflow.h"

G_BEGIN_DECLS

typedef enum {
  STRATA_NODE_STATUS_NONE,       /* not part of the last run */
  STRATA_NODE_STATUS_QUEUED,
  STRATA_NODE_STATUS_RUNNING,
  STRATA_NODE_STATUS_OK,
  STRATA_NODE_STATUS_FAILED,
  STRATA_NODE_STATUS_CANCELLED,
} StrataNodeStatus;

/* "none", "queued", "running", "ok", "failed", "cancelled" (report.json). */
const char *strata_node_status_to_string (StrataNodeStatus status);

/**
 * StrataNodeResult:
 *
 * What the last run did with one node (a copy; free with
 * strata_node_result_free).
 */
typedef struct {
  StrataNodeStatus  status;
  double            seconds;   /* run time of the node, 0 when cached */
  gboolean          cached;    /* OK from the cache, without running */
  StrataMetrics    *metrics;   /* nullable */
  GError           *error;     /* FAILED / CANCELLED, else NULL */
} StrataNodeResult;

void strata_node_result_free (StrataNodeResult *result);

typedef struct _StrataExecutor StrataExecutor;

StrataExecutor   *strata_executor_new        (void);
/* Must not be running (cancel it and wait for the callback first). */
void              strata_executor_free       (StrataExecutor  *executor);
/* The queue every run pushes to (borrowed; take a ref to keep it). */
StrataEventQueue *strata_executor_get_events (StrataExecutor  *executor);
gboolean          strata_executor_is_running (StrataExecutor  *executor);

/**
 * strata_executor_run:
 * @workflow: read only during this call's planning step
 * @cancellable: (nullable)
 * @error: STRATA_WORKFLOW_ERROR (cycle, unconnected input) before anything
 *   runs; G_IO_ERROR_BUSY when a run is in progress; otherwise the first
 *   node failure, prefixed with the node ("node “x” (clean.impute): …"),
 *   or G_IO_ERROR_CANCELLED
 *
 * Runs on the calling thread until every node is done. Events are pushed
 * as they happen, so another thread may drain them meanwhile.
 *
 * Returns: TRUE when every node finished OK.
 */
gboolean  strata_executor_run        (StrataExecutor      *executor,
                                      StrataWorkflow      *workflow,
                                      GCancellable        *cancellable,
                                      GError             **error);
/* The same on a worker thread (GTask); @callback runs in the caller's
 * thread-default main context. Planning errors arrive through finish().
 * With a background niceness set (below), the run gets a thread of its own
 * at that priority instead of one from GLib's pool. */
void      strata_executor_run_async  (StrataExecutor      *executor,
                                      StrataWorkflow      *workflow,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
gboolean  strata_executor_run_finish (StrataExecutor      *executor,
                                      GAsyncResult        *result,
                                      GError             **error);

/**
 * strata_executor_set_background_nice:
 * @nice_increment: 0 (the default: the owner's priority) to 19
 *
 * For an interactive owner: runs started by strata_executor_run_async()
 * afterwards execute on a thread whose scheduling niceness is @nice_increment
 * higher than normal, and the threads a node starts from it (the trainer's
 * workers) inherit it. The window sets 10, so that whenever its main thread
 * or the display server wakes up to draw a frame, the scheduler gives them
 * the processor ahead of training (Linux CFS weights: 1024 against 110) —
 * a frame is never late because two trainer threads hold both cores. The
 * computed numbers are the same at any priority, so the window and
 * `strata run` still agree bit for bit. Linux only; a no-op elsewhere and
 * on failure (the run proceeds at normal priority).
 */
void              strata_executor_set_background_nice (StrataExecutor *executor,
                                                       int             nice_increment);

/* The value the last run left on @node_id:@port (transfer full), or NULL.
 * Any thread. */
StrataData       *strata_executor_dup_output (StrataExecutor *executor,
                                              const char     *node_id,
                                              const char     *port);
/* What the last run did with @node_id (transfer full), or NULL when the
 * node was not in it. Any thread. */
StrataNodeResult *strata_executor_dup_result (StrataExecutor *executor,
                                              const char     *node_id);
/* Pause / Step / Stop of the training nodes of a run
 * (strata-train-control.h); reset to running at the start of each run.
 * Borrowed; thread-safe. */
StrataTrainControl *strata_executor_get_train_control (StrataExecutor *executor);
/* Forgets every cached output (the next run runs everything). */
void              strata_executor_clear_cache (StrataExecutor *executor);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataExecutor, strata_executor_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataNodeResult, strata_node_result_free)

G_END_DECLS
