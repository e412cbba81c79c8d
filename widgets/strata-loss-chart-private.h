/* strata-loss-chart-private.h — the chart's insides, for its own files
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "strata-chart-render.h"
#include "strata-loss-chart.h"

G_BEGIN_DECLS

struct _StrataLossChart
{
  GtkWidget          parent_instance;

  /* Owned */
  GPtrArray         *runs;          /* StrataChartRun, oldest first */
  StrataChartFeed   *feed;
  GskRenderNode     *cache;         /* the chart without overlays, or NULL */
  guint              next_run_id;
  guint              tick_id;
  gboolean           disposed;      /* no new tick callbacks after dispose */

  /* Presentation */
  double             smoothing;
  StrataChartXAxis   x_axis;
  gboolean           log_scale;

  /* View: explicit window (after a zoom) or automatic */
  gboolean           view_set;
  double             view_x0, view_x1, view_y0, view_y1;
  StrataChartLayout  layout;        /* where the last render put things */

  /* Pointer */
  gboolean           hovering;
  double             pointer_x, pointer_y;
  gboolean           dragging;
  double             drag_x0, drag_y0, drag_dx, drag_dy;
};

/* Fills @scene with the chart's runs (borrowed, valid until the chart
 * changes), axis, scale and view; ink and background are left for the
 * caller. Drains the feed first so the scene has every pushed point. */
void strata_loss_chart_fill_scene       (StrataLossChart  *self,
                                         StrataChartScene *scene);
void strata_loss_chart_get_ink          (StrataLossChart  *self,
                                         GdkRGBA          *ink);

/* strata-loss-chart-input.c: gestures, and what is drawn over the cached
 * chart (crosshair and values, rubber band). */
void strata_loss_chart_init_input       (StrataLossChart  *self);
void strata_loss_chart_snapshot_overlay (StrataLossChart  *self,
                                         GtkSnapshot      *snapshot,
                                         const GdkRGBA    *ink);

G_END_DECLS
