/* strata-loss-chart.h — live training curves
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * StrataLossChart draws training runs: training loss per batch (raw, faint,
 * and smoothed with TensorBoard's debiased exponential moving average),
 * validation loss and validation accuracy per epoch (accuracy on a second,
 * right-hand axis) and a ring on each run's best epoch (lowest validation
 * loss). Earlier runs stay in the run history, each in its own colour, and
 * can be hidden. The pointer shows a crosshair with the values under it;
 * dragging a box or scrolling zooms; a double-click resets the view.
 *
 * It knows nothing of the application: runs are created on the main thread
 * and fed either directly (strata_loss_chart_append(), main thread) or from
 * any thread through the chart's StrataChartFeed. Points pushed into the
 * feed are picked up on the widget's frame clock, at most once per frame,
 * and only while new points keep arriving; a trainer pushing a point per
 * batch never causes one main-loop callback per point.
 *
 *   guint run = strata_loss_chart_add_run (chart, "lr = 0.01");
 *   StrataChartFeed *feed = strata_chart_feed_ref (strata_loss_chart_get_feed (chart));
 *   // in the worker, per batch:
 *   strata_chart_feed_push (feed, run, STRATA_CHART_TRAIN_LOSS,
 *                           &(StrataChartPoint) { step, epoch, seconds, loss });
 *
 * Exports (PNG, SVG, PDF, CSV) are in strata-chart-export.h. The drawing
 * itself is in strata-chart-render.h, the data side in strata-series.h.
 */

#pragma once

#include <gtk/gtk.h>

#include "strata-chart-feed.h"
#include "strata-series.h"

G_BEGIN_DECLS

#define STRATA_TYPE_CHART_X_AXIS (strata_chart_x_axis_get_type ())
GType strata_chart_x_axis_get_type (void);

#define STRATA_TYPE_LOSS_CHART (strata_loss_chart_get_type ())
G_DECLARE_FINAL_TYPE (StrataLossChart, strata_loss_chart, STRATA, LOSS_CHART, GtkWidget)

/* Default of the "smoothing" property, as in TensorBoard. */
#define STRATA_LOSS_CHART_DEFAULT_SMOOTHING 0.6

GtkWidget       *strata_loss_chart_new             (void);

/* Run history */
guint            strata_loss_chart_add_run         (StrataLossChart        *self,
                                                    const char             *name);
gboolean         strata_loss_chart_remove_run      (StrataLossChart        *self,
                                                    guint                   run);
void             strata_loss_chart_clear           (StrataLossChart        *self);
guint            strata_loss_chart_get_n_runs      (StrataLossChart        *self);
guint            strata_loss_chart_get_run_id      (StrataLossChart        *self,
                                                    guint                   position);
const char      *strata_loss_chart_get_run_name    (StrataLossChart        *self,
                                                    guint                   run);
gboolean         strata_loss_chart_get_run_color   (StrataLossChart        *self,
                                                    guint                   run,
                                                    GdkRGBA                *color);
gboolean         strata_loss_chart_get_run_visible (StrataLossChart        *self,
                                                    guint                   run);
void             strata_loss_chart_set_run_visible (StrataLossChart        *self,
                                                    guint                   run,
                                                    gboolean                visible);

/* Data */
void             strata_loss_chart_append          (StrataLossChart        *self,
                                                    guint                   run,
                                                    StrataChartSeriesKind   kind,
                                                    const StrataChartPoint *points,
                                                    gsize                   n_points);
StrataChartFeed *strata_loss_chart_get_feed        (StrataLossChart        *self);
guint            strata_loss_chart_flush           (StrataLossChart        *self);
gsize            strata_loss_chart_get_n_points    (StrataLossChart        *self,
                                                    guint                   run,
                                                    StrataChartSeriesKind   kind);
gboolean         strata_loss_chart_get_point       (StrataLossChart        *self,
                                                    guint                   run,
                                                    StrataChartSeriesKind   kind,
                                                    gsize                   index,
                                                    StrataChartPoint       *point,
                                                    double                 *smoothed);

/* Presentation */
double           strata_loss_chart_get_smoothing   (StrataLossChart        *self);
void             strata_loss_chart_set_smoothing   (StrataLossChart        *self,
                                                    double                  smoothing);
gboolean         strata_loss_chart_get_log_scale   (StrataLossChart        *self);
void             strata_loss_chart_set_log_scale   (StrataLossChart        *self,
                                                    gboolean                log_scale);
StrataChartXAxis strata_loss_chart_get_x_axis      (StrataLossChart        *self);
void             strata_loss_chart_set_x_axis      (StrataLossChart        *self,
                                                    StrataChartXAxis        x_axis);

/* View */
void             strata_loss_chart_zoom_to         (StrataLossChart        *self,
                                                    double                  x0,
                                                    double                  x1,
                                                    double                  y0,
                                                    double                  y1);
void             strata_loss_chart_reset_view      (StrataLossChart        *self);
gboolean         strata_loss_chart_get_view        (StrataLossChart        *self,
                                                    double                 *x0,
                                                    double                 *x1,
                                                    double                 *y0,
                                                    double                 *y1);

G_END_DECLS
