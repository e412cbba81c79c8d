/* strata-chart-feed.c — thread-safe hand-over of chart points
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * A mutex-protected GArray of records and one flag, `awake`: TRUE from the
 * push that finds the owner asleep until the drain that finds the array
 * empty. Pushing appends under the lock and calls the wake function only on
 * the FALSE → TRUE transition, so wake-ups are bounded by the owner's drain
 * rate, not by the producer's push rate. Draining swaps the array out under
 * the lock, so the lock is held for O(1) on the owner's side and for one
 * append on the producer's side.
 */

#include "config.h"

#include "strata-chart-feed.h"

struct _StrataChartFeed
{
  gatomicrefcount          ref_count;
  GMutex                   lock;
  GArray                  *pending;    /* (owned) StrataChartRecord; under lock */
  gboolean                 awake;      /* under lock */
  StrataChartFeedWakeFunc  wake;
  gpointer                 user_data;
  GDestroyNotify           destroy;
};

/**
 * strata_chart_feed_new:
 * @wake: (nullable): called when points arrive in an empty, drained feed
 * @user_data: data for @wake
 * @destroy: (nullable): frees @user_data when the feed is finalised
 *
 * Returns: (transfer full): a new feed
 */
StrataChartFeed *
strata_chart_feed_new (StrataChartFeedWakeFunc wake,
                       gpointer                user_data,
                       GDestroyNotify          destroy)
{
  StrataChartFeed *self = g_new0 (StrataChartFeed, 1);

  g_atomic_ref_count_init (&self->ref_count);
  g_mutex_init (&self->lock);
  self->pending = g_array_new (FALSE, FALSE, sizeof (StrataChartRecord));
  self->wake = wake;
  self->user_data = user_data;
  self->destroy = destroy;
  return self;
}

StrataChartFeed *
strata_chart_feed_ref (StrataChartFeed *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
strata_chart_feed_unref (StrataChartFeed *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  if (self->destroy != NULL)
    self->destroy (self->user_data);
  g_array_unref (self->pending);
  g_mutex_clear (&self->lock);
  g_free (self);
}

/**
 * strata_chart_feed_push:
 * @self: a feed
 * @run: run id
 * @kind: which metric
 * @point: the sample (copied)
 *
 * Queues one point. Thread-safe; may call the wake function.
 */
void
strata_chart_feed_push (StrataChartFeed        *self,
                        guint                   run,
                        StrataChartSeriesKind   kind,
                        const StrataChartPoint *point)
{
  StrataChartRecord rec;
  gboolean wake;

  g_return_if_fail (self != NULL);
  g_return_if_fail (point != NULL);
  g_return_if_fail (kind < STRATA_CHART_N_KINDS);

  rec.run = run;
  rec.kind = kind;
  rec.point = *point;

  g_mutex_lock (&self->lock);
  g_array_append_val (self->pending, rec);
  wake = !self->awake;
  self->awake = TRUE;
  g_mutex_unlock (&self->lock);

  if (wake && self->wake != NULL)
    self->wake (self, self->user_data);
}

/**
 * strata_chart_feed_drain:
 * @self: a feed
 *
 * Takes every queued record, in push order (per pushing thread). When the
 * feed is empty it goes back to sleep: the next push calls the wake
 * function again.
 *
 * Returns: (transfer full) (nullable): a GArray of StrataChartRecord, or
 *   NULL if nothing was queued.
 */
GArray *
strata_chart_feed_drain (StrataChartFeed *self)
{
  GArray *taken = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  g_mutex_lock (&self->lock);
  if (self->pending->len == 0)
    {
      self->awake = FALSE;
    }
  else
    {
      taken = self->pending;
      self->pending = g_array_sized_new (FALSE, FALSE, sizeof (StrataChartRecord),
                                         MIN (taken->len, 4096));
    }
  g_mutex_unlock (&self->lock);

  return taken;
}
