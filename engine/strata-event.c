/* strata-event.c — executor events and their thread-safe queue
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * A GQueue behind a POSIX mutex and condition variable. (Not GAsyncQueue:
 * GLib's futex-based GMutex is invisible to ThreadSanitizer, which then
 * reports every event handed over as a race; pthread primitives are
 * intercepted, so the executor's tests run clean under -Db_sanitize=thread.)
 * Coalescing happens on the reading side, inside drain(), so the worker
 * pays nothing for it: progress from a fast loop piles up between two
 * frames and the UI sees only the newest fraction of each node.
 */

#include "strata-event.h"

#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <time.h>

struct _StrataEventQueue {
  gatomicrefcount  ref_count;
  pthread_mutex_t  lock;
  pthread_cond_t   cond;        /* signalled on push; CLOCK_MONOTONIC */
  GQueue           events;      /* of StrataEvent*, owned; under @lock */
};

const char *
strata_event_type_to_string (StrataEventType type)
{
  switch (type)
    {
    case STRATA_EVENT_NODE_QUEUED:    return "queued";
    case STRATA_EVENT_NODE_STARTED:   return "started";
    case STRATA_EVENT_NODE_PROGRESS:  return "progress";
    case STRATA_EVENT_NODE_WARNING:   return "warning";
    case STRATA_EVENT_NODE_FINISHED:  return "finished";
    case STRATA_EVENT_NODE_FAILED:    return "failed";
    case STRATA_EVENT_NODE_CANCELLED: return "cancelled";
    case STRATA_EVENT_TRAIN_STEP:     return "train-step";
    case STRATA_EVENT_TRAIN_EPOCH:    return "train-epoch";
    case STRATA_EVENT_RUN_FINISHED:   return "run-finished";
    default:                          g_return_val_if_reached ("unknown");
    }
}

StrataEvent *
strata_event_new (StrataEventType  type,
                  const char      *node_id)
{
  StrataEvent *e = g_new0 (StrataEvent, 1);

  e->type = type;
  e->node_id = g_strdup (node_id);
  e->time = g_get_monotonic_time ();
  e->fraction = -1.0;
  return e;
}

void
strata_event_free (StrataEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->node_id);
  g_free (event->message);
  g_clear_pointer (&event->metrics, strata_metrics_unref);
  g_clear_error (&event->error);
  g_free (event);
}

StrataEventQueue *
strata_event_queue_new (void)
{
  StrataEventQueue *q = g_new0 (StrataEventQueue, 1);

  pthread_condattr_t attr;

  g_atomic_ref_count_init (&q->ref_count);
  pthread_mutex_init (&q->lock, NULL);
  pthread_condattr_init (&attr);
  pthread_condattr_setclock (&attr, CLOCK_MONOTONIC);
  pthread_cond_init (&q->cond, &attr);
  pthread_condattr_destroy (&attr);
  g_queue_init (&q->events);
  return q;
}

StrataEventQueue *
strata_event_queue_ref (StrataEventQueue *queue)
{
  g_return_val_if_fail (queue != NULL, NULL);
  g_atomic_ref_count_inc (&queue->ref_count);
  return queue;
}

void
strata_event_queue_unref (StrataEventQueue *queue)
{
  g_return_if_fail (queue != NULL);
  if (!g_atomic_ref_count_dec (&queue->ref_count))
    return;
  g_queue_clear_full (&queue->events, (GDestroyNotify) strata_event_free);
  pthread_cond_destroy (&queue->cond);
  pthread_mutex_destroy (&queue->lock);
  g_free (queue);
}

void
strata_event_queue_push (StrataEventQueue *queue,
                         StrataEvent      *event)
{
  g_return_if_fail (queue != NULL && event != NULL);
  pthread_mutex_lock (&queue->lock);
  g_queue_push_tail (&queue->events, event);
  pthread_cond_signal (&queue->cond);
  pthread_mutex_unlock (&queue->lock);
}

StrataEvent *
strata_event_queue_pop (StrataEventQueue *queue,
                        gint64            timeout_us)
{
  struct timespec deadline;
  StrataEvent *e;

  g_return_val_if_fail (queue != NULL, NULL);

  clock_gettime (CLOCK_MONOTONIC, &deadline);
  deadline.tv_sec += timeout_us / G_USEC_PER_SEC;
  deadline.tv_nsec += (timeout_us % G_USEC_PER_SEC) * 1000;
  if (deadline.tv_nsec >= 1000000000)
    {
      deadline.tv_sec++;
      deadline.tv_nsec -= 1000000000;
    }
  pthread_mutex_lock (&queue->lock);
  while (timeout_us > 0 && g_queue_is_empty (&queue->events))
    if (pthread_cond_timedwait (&queue->cond, &queue->lock, &deadline) == ETIMEDOUT)
      break;
  e = g_queue_pop_head (&queue->events);
  pthread_mutex_unlock (&queue->lock);
  return e;
}

static gboolean
coalescible (StrataEvent         *e,
             StrataEventCoalesce  flags)
{
  return (e->type == STRATA_EVENT_NODE_PROGRESS && (flags & STRATA_EVENT_COALESCE_PROGRESS)) ||
         (e->type == STRATA_EVENT_TRAIN_STEP && (flags & STRATA_EVENT_COALESCE_STEPS));
}

GPtrArray *
strata_event_queue_drain (StrataEventQueue    *queue,
                          guint                max_events,
                          StrataEventCoalesce  flags)
{
  GPtrArray *raw = g_ptr_array_new ();
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) strata_event_free);
  StrataEvent *e;

  g_return_val_if_fail (queue != NULL, out);

  pthread_mutex_lock (&queue->lock);
  while ((max_events == 0 || raw->len < max_events) &&
         (e = g_queue_pop_head (&queue->events)) != NULL)
    g_ptr_array_add (raw, e);
  pthread_mutex_unlock (&queue->lock);

  /* Keep an event unless a later one of the same type and node replaces it
   * (the later one stays where it is, so the order remains valid). */
  for (guint i = 0; i < raw->len; i++)
    {
      StrataEvent *ev = raw->pdata[i];
      gboolean superseded = FALSE;

      if (coalescible (ev, flags))
        for (guint j = i + 1; j < raw->len; j++)
          {
            StrataEvent *later = raw->pdata[j];
            if (g_strcmp0 (later->node_id, ev->node_id) != 0)
              continue;
            if (later->type == ev->type)
              {
                superseded = TRUE;
                break;
              }
            /* Another kind of event of this node: keep ours before it. */
            if (later->type != STRATA_EVENT_NODE_PROGRESS && later->type != STRATA_EVENT_TRAIN_STEP)
              break;
          }
      if (superseded)
        strata_event_free (ev);
      else
        g_ptr_array_add (out, ev);
    }
  g_ptr_array_free (raw, TRUE);
  return out;
}
