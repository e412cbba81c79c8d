/* strata-chart-ticks.c — tick positions and labels for the loss chart
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * A linear axis takes the step 1, 2 or 5 × 10^k nearest above range /
 * max_ticks and labels its multiples with just enough decimals for the step.
 * A log axis spanning a decade or more puts a line on every m × 10^k
 * (m = 1…9), labelling the decades, and 2 and 5 too when a decade has room
 * for three labels; under a decade it falls back to linear ticks. A time
 * axis (seconds) steps through 1, 2, 5, 10, 15, 30 s, 1, 2, 5, 10, 15, 30 min,
 * 1, 2, 3, 6, 12, 24 h and labels m:ss or h:mm:ss.
 */

#include "config.h"

#include <math.h>

#include "strata-chart-ticks.h"

static double
nice_step (double range,
           double max_ticks)
{
  double raw = range / MAX (max_ticks, 1.0);
  double mag = pow (10.0, floor (log10 (raw)));
  double f = raw / mag;

  return (f <= 1.0 ? 1.0 : f <= 2.0 ? 2.0 : f <= 5.0 ? 5.0 : 10.0) * mag;
}

static void
format_number (char   *buf,
               gsize   size,
               double  v,
               double  step)
{
  int decimals = step >= 1.0 ? 0 : (int) ceil (-log10 (step) - 1e-9);

  if (fabs (v) < step * 1e-6)
    v = 0.0;
  if (v != 0.0 && (fabs (v) >= 1e6 || fabs (v) < 1e-4))
    g_snprintf (buf, size, "%.0e", v);
  else
    g_snprintf (buf, size, "%.*f", CLAMP (decimals, 0, 8), v);
}

static void
format_duration (char   *buf,
                 gsize   size,
                 double  seconds,
                 double  step)
{
  double s = fabs (seconds);
  long whole = (long) floor (s + 1e-9);
  const char *sign = seconds < 0 ? "−" : "";

  if (step < 1.0)
    g_snprintf (buf, size, "%s%ld:%04.1f", sign, whole / 60, fmod (s, 60.0));
  else if (whole >= 3600)
    g_snprintf (buf, size, "%s%ld:%02ld:%02ld", sign, whole / 3600, (whole / 60) % 60, whole % 60);
  else
    g_snprintf (buf, size, "%s%ld:%02ld", sign, whole / 60, whole % 60);
}

typedef void (*FormatFunc) (char *buf, gsize size, double v, double step);

/* Labelled ticks at the multiples of step within [lo, hi]. */
static guint
multiples (double           lo,
           double           hi,
           double           step,
           FormatFunc       format,
           StrataChartTick *ticks)
{
  guint n = 0;

  for (double v = ceil (lo / step) * step; v <= hi + step * 1e-9 && n < STRATA_CHART_MAX_TICKS; v += step)
    {
      ticks[n].value = v;
      ticks[n].minor = FALSE;
      format (ticks[n].label, sizeof ticks[n].label, v, step);
      n++;
    }
  return n;
}

guint
strata_chart_linear_ticks (double           lo,
                           double           hi,
                           double           max_ticks,
                           StrataChartTick *ticks)
{
  return multiples (lo, hi, nice_step (hi - lo, max_ticks), format_number, ticks);
}

/* Decades on a log axis, with 2 and 5 labelled too when a decade is tall
 * enough to hold three labels, and the other mantissas as minor lines. */
guint
strata_chart_log_ticks (double           lo,
                        double           hi,
                        double           max_ticks,
                        StrataChartTick *ticks)
{
  double d0 = floor (log10 (lo)), d1 = ceil (log10 (hi));
  double decades = log10 (hi) - log10 (lo);
  gboolean label_125 = max_ticks / decades >= 3.0;
  guint n = 0;

  if (decades < 1.0)
    return strata_chart_linear_ticks (lo, hi, max_ticks, ticks);

  for (double d = d0; d <= d1 && n < STRATA_CHART_MAX_TICKS - 9; d++)
    for (int m = 1; m <= 9; m++)
      {
        double v = m * pow (10.0, d);
        gboolean major = m == 1 || (label_125 && (m == 2 || m == 5));

        if (v < lo || v > hi)
          continue;
        ticks[n].value = v;
        ticks[n].minor = !major;
        ticks[n].label[0] = '\0';
        if (major)
          format_number (ticks[n].label, sizeof ticks[n].label, v, v);
        n++;
      }
  return n;
}

guint
strata_chart_time_ticks (double           lo,
                         double           hi,
                         double           max_ticks,
                         StrataChartTick *ticks)
{
  static const double steps[] = { 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600,
                                  7200, 10800, 21600, 43200, 86400 };
  double raw = (hi - lo) / MAX (max_ticks, 1.0);
  double step = 0;

  if (raw < 1.0)
    step = nice_step (hi - lo, max_ticks);
  for (guint i = 0; step == 0 && i < G_N_ELEMENTS (steps); i++)
    if (steps[i] >= raw)
      step = steps[i];
  if (step == 0)
    step = nice_step (hi - lo, max_ticks);

  return multiples (lo, hi, step, format_duration, ticks);
}

/**
 * strata_chart_format_x:
 * @axis: which x coordinate
 * @x: a value on it
 *
 * Returns: (transfer full): "step 1200", "epoch 2.45" or "time 1:05".
 */
char *
strata_chart_format_x (StrataChartXAxis axis,
                       double           x)
{
  char buf[32];

  switch (axis)
    {
    case STRATA_CHART_X_EPOCH:
      return g_strdup_printf ("epoch %.2f", x);
    case STRATA_CHART_X_TIME:
      format_duration (buf, sizeof buf, x, 0.1);
      return g_strdup_printf ("time %s", buf);
    case STRATA_CHART_X_STEP:
    default:
      return g_strdup_printf ("step %.0f", x);
    }
}

