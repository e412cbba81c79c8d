/* strata-event.c — executor events and their thread-safe queue
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * A thin layer over GAsyncQueue (which does the locking and the timed
 * wait). Coalescing happens on the reading side, inside drain(), so the
 * worker pays nothing for it: progress from a fast loop piles up between
 * two frames and the UI sees only the newest fraction of each node.
 */

#include "strata-event.h"

#include <string.h>

struct _StrataEventQueue {
  gatomicrefcount  ref_count;
  GAsyncQueue     *queue;       /* of StrataEvent*, owned */
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

  g_atomic_ref_count_init (&q->ref_count);
  q->queue = g_async_queue_new_full ((GDestroyNotify) strata_event_free);
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
  StrataEvent *e;

  g_return_if_fail (queue != NULL);
  if (!g_atomic_ref_count_dec (&queue->ref_count))
    return;
  while ((e = g_async_queue_try_pop (queue->queue)) != NULL)
    strata_event_free (e);
  g_async_queue_unref (queue->queue);
  g_free (queue);
}

void
strata_event_queue_push (StrataEventQueue *queue,
                         StrataEvent      *event)
{
  g_return_if_fail (queue != NULL && event != NULL);
  g_async_queue_push (queue->queue, event);
}

StrataEvent *
strata_event_queue_pop (StrataEventQueue *queue,
                        gint64            timeout_us)
{
  g_return_val_if_fail (queue != NULL, NULL);
  if (timeout_us <= 0)
    return g_async_queue_try_pop (queue->queue);
  return g_async_queue_timeout_pop (queue->queue, (guint64) timeout_us);
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

  while ((max_events == 0 || raw->len < max_events) &&
         (e = g_async_queue_try_pop (queue->queue)) != NULL)
    g_ptr_array_add (raw, e);

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
