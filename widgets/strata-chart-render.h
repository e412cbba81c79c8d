/* strata-chart-render.h — drawing a loss chart scene with cairo
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The part of the loss chart that turns runs into pixels, shared by the
 * widget's snapshot, the PNG/SVG/PDF export and the benchmark. It knows
 * cairo and Pango, not widgets: the caller fills a StrataChartScene with
 * borrowed runs, a view and a style, and gets back where the plot landed
 * (StrataChartLayout) to map pointer positions to data.
 *
 * Coordinates: device units (pixels at scale 1, points for PDF/SVG).
 */

#pragma once

#include <cairo.h>
#include <gdk/gdk.h>
#include <pango/pango.h>

#include "strata-chart-feed.h"
#include "strata-series.h"

G_BEGIN_DECLS

/**
 * StrataChartRun:
 * @id: the id given by the chart, unique per chart
 * @name: (owned): label in the legend and in the CSV export
 * @color_index: index into the palette (strata_chart_palette_color())
 * @visible: whether it is drawn
 * @series: (owned): one series per StrataChartSeriesKind
 *
 * One training run: its metrics over time.
 */
typedef struct
{
  guint         id;
  char         *name;
  guint         color_index;
  gboolean      visible;
  StrataSeries *series[STRATA_CHART_N_KINDS];
} StrataChartRun;

StrataChartRun *strata_chart_run_new  (guint           id,
                                       const char     *name,
                                       guint           color_index);
void            strata_chart_run_free (StrataChartRun *run);

/**
 * StrataChartScene:
 * @runs: (element-type StrataChartRun) (transfer none): runs, oldest first;
 *   later runs are drawn on top
 * @x_axis: which x coordinate is on the horizontal axis
 * @log_y: logarithmic loss axis (values ≤ 0 are drawn on the bottom edge)
 * @view_set: FALSE: fit the visible data; TRUE: show @view_x0 … @view_y1
 * @view_x0: left edge of the view, data units of @x_axis
 * @view_x1: right edge
 * @view_y0: bottom edge, loss units (also on a log axis)
 * @view_y1: top edge
 * @ink: colour of text, axes and grid
 * @background: page colour; alpha 0 leaves the target untouched
 * @font: (nullable) (transfer none): font for labels; NULL: "Sans 9"
 *
 * Everything one frame needs. The runs' series must already carry the
 * smoothing weight to draw with (strata_series_set_smoothing()).
 */
typedef struct
{
  GPtrArray                  *runs;
  StrataChartXAxis            x_axis;
  gboolean                    log_y;
  gboolean                    view_set;
  double                      view_x0;
  double                      view_x1;
  double                      view_y0;
  double                      view_y1;
  GdkRGBA                     ink;
  GdkRGBA                     background;
  const PangoFontDescription *font;
} StrataChartScene;

/**
 * StrataChartLayout:
 * @has_data: FALSE if no visible run had a point (only a placeholder drawn)
 * @plot: the plot rectangle, device units
 * @x0: data x at the left edge of @plot
 * @x1: data x at the right edge
 * @y0: loss at the bottom edge
 * @y1: loss at the top edge
 * @acc0: accuracy at the bottom edge (right axis)
 * @acc1: accuracy at the top edge
 * @log_y: whether the loss axis is logarithmic
 * @n_segments: primitives drawn for the series (polyline vertices or
 *   column boxes; a cost measure)
 * @n_legend: entries in @legend
 * @legend: the legend's run entries: run id and its box, device units
 *
 * Where the last frame put things.
 */
#define STRATA_CHART_MAX_LEGEND 16

typedef struct
{
  guint             run;
  cairo_rectangle_t box;
} StrataChartLegendEntry;

typedef struct
{
  gboolean               has_data;
  cairo_rectangle_t      plot;
  double                 x0, x1;
  double                 y0, y1;
  double                 acc0, acc1;
  gboolean               log_y;
  gsize                  n_segments;
  guint                  n_legend;
  StrataChartLegendEntry legend[STRATA_CHART_MAX_LEGEND];
} StrataChartLayout;

void     strata_chart_render             (const StrataChartScene  *scene,
                                          cairo_t                 *cr,
                                          double                   width,
                                          double                   height,
                                          StrataChartLayout       *layout);
void     strata_chart_palette_color      (guint                    index,
                                          GdkRGBA                 *color);
guint    strata_chart_palette_size       (void);

/* Mapping between data and device coordinates of a rendered layout. */
double   strata_chart_layout_x_to_device (const StrataChartLayout *layout,
                                          double                   x);
double   strata_chart_layout_y_to_device (const StrataChartLayout *layout,
                                          double                   y);
double   strata_chart_layout_device_to_x (const StrataChartLayout *layout,
                                          double                   px);
double   strata_chart_layout_device_to_y (const StrataChartLayout *layout,
                                          double                   py);

gboolean strata_chart_run_best_epoch     (StrataChartRun          *run,
                                          gsize                   *index);

G_END_DECLS
