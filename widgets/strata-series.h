/* strata-series.h — chart series: columns, smoothing and min/max decimation
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The data side of the loss chart, in plain C over GLib (no GTK), so that it
 * is tested without a display and under AddressSanitizer.
 *
 * A StrataSeries is one metric of one training run: training loss per batch,
 * or validation loss / accuracy per epoch. Every point carries three x
 * coordinates (optimizer step, fractional epoch, wall-clock seconds) so the
 * chart can switch its x axis without asking the trainer again.
 *
 * Drawing N points into W pixel columns goes through
 * strata_series_decimate(): for every column it returns the first, last,
 * minimum and maximum value (the M4 aggregation of Jugel et al., "M4: A
 * Visualization-Oriented Time Series Data Aggregation", PVLDB 7(10), 2014),
 * which draws the same pixels as the full polyline with at most 4·W
 * vertices. Minima and maxima of whole blocks of 16, 256 and 4096 points are
 * kept up to date on append, so a column spanning many points costs a few
 * block look-ups instead of a scan.
 *
 * Example:
 *
 *   g_autoptr(StrataSeries) s = strata_series_new ();
 *   StrataChartPoint p = { .step = 0, .epoch = 0.0, .time = 0.1, .value = 2.3 };
 *   StrataChartBin bins[800];
 *
 *   strata_series_append (s, &p, 1);
 *   strata_series_decimate (s, STRATA_SERIES_RAW, STRATA_CHART_X_STEP,
 *                           0, 1000, 800, bins);
 *
 * A StrataSeries is single-owner and not thread-safe: the worker hands
 * points over through a StrataChartFeed (strata-chart-feed.h) and the main
 * thread appends them here.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * StrataChartXAxis:
 * @STRATA_CHART_X_STEP: optimizer steps (batches) since the run started
 * @STRATA_CHART_X_EPOCH: fractional epochs (2.5 = half-way through the third)
 * @STRATA_CHART_X_TIME: wall-clock seconds since the run started
 *
 * Which x coordinate of a point the chart uses.
 */
typedef enum
{
  STRATA_CHART_X_STEP,
  STRATA_CHART_X_EPOCH,
  STRATA_CHART_X_TIME,
} StrataChartXAxis;

#define STRATA_CHART_N_X_AXES 3

/**
 * StrataChartPoint:
 * @step: optimizer steps completed (0-based batch index)
 * @epoch: epochs completed, fractional
 * @time: wall-clock seconds since the run started
 * @value: the metric; loss (any real) or accuracy (fraction 0–1). NaN and
 *   infinities are kept but never drawn, as in TensorBoard.
 *
 * One sample of a metric. Within a series the three x coordinates must not
 * decrease; a point whose x is smaller than its predecessor's is clamped to
 * the predecessor's (a trainer's clock cannot run backwards).
 */
typedef struct
{
  double step;
  double epoch;
  double time;
  double value;
} StrataChartPoint;

/**
 * StrataSeriesColumn:
 * @STRATA_SERIES_RAW: the values as appended
 * @STRATA_SERIES_SMOOTHED: the debiased exponential moving average of the
 *   values (strata_smooth_ema()) at the weight of the last
 *   strata_series_set_smoothing() call
 */
typedef enum
{
  STRATA_SERIES_RAW,
  STRATA_SERIES_SMOOTHED,
} StrataSeriesColumn;

/**
 * StrataChartBin:
 * @count: 0 if the column holds no finite value (the other fields are then
 *   undefined); otherwise at least 1 and at most the number of points in it
 * @first: the first finite value in the column, in x order
 * @last: the last finite value in the column
 * @min: the smallest finite value
 * @max: the largest finite value
 *
 * One pixel column of a decimated series.
 */
typedef struct
{
  gsize  count;
  double first;
  double last;
  double min;
  double max;
} StrataChartBin;

typedef struct _StrataSeries StrataSeries;

StrataSeries  *strata_series_new              (void);
void           strata_series_free             (StrataSeries           *self);
void           strata_series_clear            (StrataSeries           *self);

/* Appending and reading */
void           strata_series_append           (StrataSeries           *self,
                                               const StrataChartPoint *points,
                                               gsize                   n_points);
gsize          strata_series_get_n_points     (const StrataSeries     *self);
const double  *strata_series_get_x            (const StrataSeries     *self,
                                               StrataChartXAxis        axis);
const double  *strata_series_get_values       (StrataSeries           *self,
                                               StrataSeriesColumn      column);
void           strata_series_get_point        (const StrataSeries     *self,
                                               gsize                   index,
                                               StrataChartPoint       *point);

/* Smoothing */
void           strata_series_set_smoothing    (StrataSeries           *self,
                                               double                  weight);
double         strata_series_get_smoothing    (const StrataSeries     *self);
void           strata_smooth_ema              (const double           *values,
                                               double                 *smoothed,
                                               gsize                   n_values,
                                               double                  weight);

/* Queries for drawing */
gsize          strata_series_lower_bound      (const StrataSeries     *self,
                                               StrataChartXAxis        axis,
                                               double                  x);
gboolean       strata_series_find_nearest     (const StrataSeries     *self,
                                               StrataChartXAxis        axis,
                                               double                  x,
                                               gsize                  *index);
void           strata_series_range_min_max    (StrataSeries           *self,
                                               StrataSeriesColumn      column,
                                               gsize                   begin,
                                               gsize                   end,
                                               StrataChartBin         *bin);
void           strata_series_decimate         (StrataSeries           *self,
                                               StrataSeriesColumn      column,
                                               StrataChartXAxis        axis,
                                               double                  x0,
                                               double                  x1,
                                               guint                   n_columns,
                                               StrataChartBin         *bins);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataSeries, strata_series_free)

G_END_DECLS
