/* strata-chart-ticks.h — tick positions and labels for the loss chart
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Internal to the loss chart (strata-chart-render.c). Positions follow
 * Heckbert's "nice numbers" (Graphics Gems, 1990): steps of 1, 2 or 5 ×
 * 10^k; decades (with 2 and 5 when there is room) on a log axis spanning more
 * than one decade; 1-2-5-10-15-30 s, minutes and hours on a time axis.
 */

#pragma once

#include <glib.h>

#include "strata-series.h"

G_BEGIN_DECLS

#define STRATA_CHART_MAX_TICKS 64

/**
 * StrataChartTick:
 * @value: position, data units
 * @label: text, empty for a minor tick
 * @minor: a grid line without a label
 */
typedef struct
{
  double   value;
  char     label[32];
  gboolean minor;
} StrataChartTick;

/* Each fills at most STRATA_CHART_MAX_TICKS ticks within [lo, hi], aiming
 * at max_ticks labelled ones, and returns how many it filled. */
guint  strata_chart_linear_ticks (double           lo,
                                  double           hi,
                                  double           max_ticks,
                                  StrataChartTick *ticks);
guint  strata_chart_log_ticks    (double           lo,
                                  double           hi,
                                  double           max_ticks,
                                  StrataChartTick *ticks);
guint  strata_chart_time_ticks   (double           lo,
                                  double           hi,
                                  double           max_ticks,
                                  StrataChartTick *ticks);
char  *strata_chart_format_x     (StrataChartXAxis axis,
                                  double           x);

G_END_DECLS
