/* strata-chart-feed.h — thread-safe hand-over of chart points
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A StrataChartFeed carries points from a training thread to the thread that
 * owns a chart. Any thread pushes; the owner drains once per frame. The feed
 * calls its wake function (on the pushing thread) only when the first point
 * lands in a feed the owner has found empty, so a trainer pushing a point
 * per batch causes one wake-up per idle period, never one per point.
 *
 *   worker:  strata_chart_feed_push (feed, run, STRATA_CHART_TRAIN_LOSS, &p);
 *   owner:   wake → start a frame-clock tick; each tick:
 *            g_autoptr(GArray) recs = strata_chart_feed_drain (feed);
 *            if (recs == NULL) → stop ticking (the next push wakes again)
 *
 * Plain GLib, no GTK; reference counts are atomic.
 */

#pragma once

#include <glib.h>

#include "strata-series.h"

G_BEGIN_DECLS

/**
 * StrataChartSeriesKind:
 * @STRATA_CHART_TRAIN_LOSS: training loss, one point per batch
 * @STRATA_CHART_VAL_LOSS: validation loss, one point per epoch
 * @STRATA_CHART_VAL_ACCURACY: validation accuracy (fraction 0–1), one point
 *   per epoch, drawn against the second (right) y axis
 *
 * The metrics a run shows. Names follow the report's metric keys: `loss`,
 * `val_loss`, `val_accuracy`.
 */
typedef enum
{
  STRATA_CHART_TRAIN_LOSS,
  STRATA_CHART_VAL_LOSS,
  STRATA_CHART_VAL_ACCURACY,
} StrataChartSeriesKind;

#define STRATA_CHART_N_KINDS 3

/**
 * StrataChartRecord:
 * @run: the run id given by the chart (strata_loss_chart_add_run())
 * @kind: which metric
 * @point: the sample
 *
 * One pushed point, as returned by strata_chart_feed_drain().
 */
typedef struct
{
  guint                 run;
  StrataChartSeriesKind kind;
  StrataChartPoint      point;
} StrataChartRecord;

typedef struct _StrataChartFeed StrataChartFeed;

/**
 * StrataChartFeedWakeFunc:
 * @feed: (transfer none): the feed; take a reference to use it later
 * @user_data: the data given to strata_chart_feed_new()
 *
 * Called from the pushing thread, without the feed's lock held, when points
 * arrive in a feed that the owner found empty at its last drain. It must be
 * thread-safe and cheap (schedule work on the owner's main context).
 */
typedef void (*StrataChartFeedWakeFunc) (StrataChartFeed *feed,
                                         gpointer         user_data);

StrataChartFeed *strata_chart_feed_new    (StrataChartFeedWakeFunc  wake,
                                           gpointer                 user_data,
                                           GDestroyNotify           destroy);
StrataChartFeed *strata_chart_feed_ref    (StrataChartFeed         *self);
void             strata_chart_feed_unref  (StrataChartFeed         *self);

void             strata_chart_feed_push   (StrataChartFeed         *self,
                                           guint                    run,
                                           StrataChartSeriesKind    kind,
                                           const StrataChartPoint  *point);
GArray          *strata_chart_feed_drain  (StrataChartFeed         *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataChartFeed, strata_chart_feed_unref)

G_END_DECLS
