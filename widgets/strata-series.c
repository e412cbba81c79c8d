/* strata-series.c — chart series: columns, smoothing and min/max decimation
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * A series is stored as parallel columns of doubles (three x columns, the raw
 * values and the smoothed values), grown geometrically. Next to each value
 * column lives a three-level block index: the minimum and maximum finite
 * value of every complete block of 16, 256 and 4096 points (each level built
 * from 16 blocks of the one below, about 1 byte per point in all). Appending
 * updates the index as blocks complete.
 *
 * Decimation for W pixel columns finds each column's index range by
 * galloping forward along the (non-decreasing) x column from the previous
 * column's end, then folds the range greedily with the coarsest block that
 * fits: at most 15 items per level on each side. A frame over N points costs
 * O(W·(log(N/W) + 6·16)) instead of O(N), and yields first, last, min and
 * max per column (the M4 aggregation).
 *
 * The smoothed column is computed lazily: strata_series_get_values() and
 * strata_series_decimate() extend it from where it stopped, so a live chart
 * pays O(new points) per frame; changing the weight recomputes it once.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "strata-series.h"

/* Block sizes of the index levels: 16, 256 and 4096 points. */
#define N_LEVELS 3
#define LEVEL_SHIFT(l) (4 * ((l) + 1))

typedef struct
{
  double *min[N_LEVELS];    /* [n_points >> shift] block minima (NaN: no finite value) */
  double *max[N_LEVELS];    /* [n_points >> shift] block maxima */
  gsize   n[N_LEVELS];      /* complete blocks summarised per level */
  gsize   alloc[N_LEVELS];
} BlockIndex;

/* Running state of TensorBoard's debiased EMA over the finite values. */
typedef struct
{
  double   weight;      /* s */
  double   last;        /* biased average, starts at 0 */
  double   weight_pow;  /* s^t */
  double   first;       /* first finite value seen */
  gsize    num_accum;   /* t: finite values folded in */
  gboolean constant;    /* every finite value so far == first */
} EmaState;

static void
ema_reset (EmaState *ema,
           double    weight)
{
  *ema = (EmaState) { .weight = weight, .weight_pow = 1.0, .first = NAN, .constant = TRUE };
}

/* Folds in one value and returns its smoothed value. */
static double
ema_step (EmaState *ema,
          double    v)
{
  if (!isfinite (v))
    return v;

  if (ema->num_accum == 0)
    ema->first = v;
  else if (v != ema->first)
    ema->constant = FALSE;

  ema->last = ema->last * ema->weight + (1.0 - ema->weight) * v;
  ema->num_accum++;
  ema->weight_pow *= ema->weight;

  /* TensorBoard leaves a constant series as it is; while the series is
   * constant so far the debiased average equals that constant anyway, up to
   * rounding. */
  if (ema->constant)
    return v;
  return ema->last / (1.0 - ema->weight_pow);
}

struct _StrataSeries
{
  gsize       n_points;
  gsize       alloc;
  double     *x[STRATA_CHART_N_X_AXES];  /* owned, [alloc] */
  double     *values;                    /* owned, [alloc] */
  double     *smoothed;                  /* owned, [alloc]; valid up to n_smoothed */
  BlockIndex  index[2];                  /* RAW, SMOOTHED */

  double      weight;                    /* smoothing weight */
  gsize       n_smoothed;                /* smoothed[0, n_smoothed) is valid */
  EmaState    ema;                       /* state after n_smoothed points */
};

StrataSeries *
strata_series_new (void)
{
  StrataSeries *self = g_new0 (StrataSeries, 1);

  self->weight = 0.6;
  strata_series_clear (self);
  return self;
}

static void
block_index_clear (BlockIndex *bi)
{
  for (guint l = 0; l < N_LEVELS; l++)
    {
      g_clear_pointer (&bi->min[l], g_free);
      g_clear_pointer (&bi->max[l], g_free);
      bi->n[l] = bi->alloc[l] = 0;
    }
}

static void
reset_smoothing (StrataSeries *self)
{
  self->n_smoothed = 0;
  ema_reset (&self->ema, self->weight);
  for (guint l = 0; l < N_LEVELS; l++)
    self->index[STRATA_SERIES_SMOOTHED].n[l] = 0;
}

/**
 * strata_series_clear:
 * @self: a series
 *
 * Removes every point. The smoothing weight is kept.
 */
void
strata_series_clear (StrataSeries *self)
{
  g_return_if_fail (self != NULL);

  for (guint a = 0; a < STRATA_CHART_N_X_AXES; a++)
    g_clear_pointer (&self->x[a], g_free);
  g_clear_pointer (&self->values, g_free);
  g_clear_pointer (&self->smoothed, g_free);
  block_index_clear (&self->index[0]);
  block_index_clear (&self->index[1]);
  self->n_points = self->alloc = 0;
  reset_smoothing (self);
}

/**
 * strata_series_free:
 * @self: (transfer full) (nullable): a series
 */
void
strata_series_free (StrataSeries *self)
{
  if (self == NULL)
    return;
  strata_series_clear (self);
  g_free (self);
}

static void
grow (StrataSeries *self,
      gsize         needed)
{
  gsize alloc = MAX (self->alloc, 256);

  if (needed <= self->alloc)
    return;
  while (alloc < needed)
    alloc *= 2;
  for (guint a = 0; a < STRATA_CHART_N_X_AXES; a++)
    self->x[a] = g_renew (double, self->x[a], alloc);
  self->values = g_renew (double, self->values, alloc);
  self->smoothed = g_renew (double, self->smoothed, alloc);
  self->alloc = alloc;
}

/* Summarises every complete block of data[0, n_points) not yet indexed:
 * level 0 from the points, each coarser level from 16 blocks of the one
 * below. */
static void
block_index_update (BlockIndex   *bi,
                    const double *data,
                    gsize         n_points)
{
  for (guint l = 0; l < N_LEVELS; l++)
    {
      gsize n_blocks = n_points >> LEVEL_SHIFT (l);

      if (n_blocks > bi->alloc[l])
        {
          gsize alloc = MAX (bi->alloc[l], 64);

          while (alloc < n_blocks)
            alloc *= 2;
          bi->min[l] = g_renew (double, bi->min[l], alloc);
          bi->max[l] = g_renew (double, bi->max[l], alloc);
          bi->alloc[l] = alloc;
        }

      for (; bi->n[l] < n_blocks; bi->n[l]++)
        {
          gsize b = bi->n[l];
          double lo = NAN, hi = NAN;

          for (gsize k = 16 * b; k < 16 * (b + 1); k++)
            {
              /* Level 0 reads points, higher levels the level below. */
              double vlo = l == 0 ? data[k] : bi->min[l - 1][k];
              double vhi = l == 0 ? data[k] : bi->max[l - 1][k];

              if (!isfinite (vlo))
                continue;
              if (isnan (lo) || vlo < lo)
                lo = vlo;
              if (isnan (hi) || vhi > hi)
                hi = vhi;
            }
          bi->min[l][b] = lo;
          bi->max[l][b] = hi;
        }
    }
}

/**
 * strata_series_append:
 * @self: a series
 * @points: (array length=n_points): points in x order
 * @n_points: number of points
 *
 * Appends points. An x coordinate smaller than the previous point's is
 * clamped to it, so the x columns never decrease (binary searches rely on
 * it). NaN x coordinates are treated the same way.
 */
void
strata_series_append (StrataSeries           *self,
                      const StrataChartPoint *points,
                      gsize                   n_points)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (points != NULL || n_points == 0);

  grow (self, self->n_points + n_points);

  for (gsize k = 0; k < n_points; k++)
    {
      gsize i = self->n_points + k;
      double xs[STRATA_CHART_N_X_AXES] = { points[k].step, points[k].epoch, points[k].time };

      for (guint a = 0; a < STRATA_CHART_N_X_AXES; a++)
        {
          double x = xs[a];

          if (i > 0 && !(x >= self->x[a][i - 1]))
            x = self->x[a][i - 1];
          else if (i == 0 && !isfinite (x))
            x = 0.0;
          self->x[a][i] = x;
        }
      self->values[i] = points[k].value;
    }
  self->n_points += n_points;

  block_index_update (&self->index[STRATA_SERIES_RAW], self->values, self->n_points);
}

gsize
strata_series_get_n_points (const StrataSeries *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_points;
}

/**
 * strata_series_get_x:
 * @self: a series
 * @axis: which x coordinate
 *
 * Returns: (transfer none) (array): the non-decreasing x column, valid until
 *   the next append or clear; NULL when the series is empty.
 */
const double *
strata_series_get_x (const StrataSeries *self,
                     StrataChartXAxis    axis)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (axis < STRATA_CHART_N_X_AXES, NULL);

  return self->x[axis];
}

/* Extends the smoothed column to every point. */
static void
ensure_smoothed (StrataSeries *self)
{
  for (gsize i = self->n_smoothed; i < self->n_points; i++)
    self->smoothed[i] = ema_step (&self->ema, self->values[i]);
  self->n_smoothed = self->n_points;

  block_index_update (&self->index[STRATA_SERIES_SMOOTHED], self->smoothed, self->n_points);
}

/**
 * strata_series_get_values:
 * @self: a series
 * @column: raw or smoothed values
 *
 * Returns: (transfer none) (array): the value column, valid until the next
 *   append, clear or smoothing change; NULL when the series is empty.
 */
const double *
strata_series_get_values (StrataSeries       *self,
                          StrataSeriesColumn  column)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (column == STRATA_SERIES_SMOOTHED)
    {
      ensure_smoothed (self);
      return self->smoothed;
    }
  return self->values;
}

/**
 * strata_series_get_point:
 * @self: a series
 * @index: a point index, < strata_series_get_n_points()
 * @point: (out caller-allocates): the point as stored (x clamped)
 */
void
strata_series_get_point (const StrataSeries *self,
                         gsize               index,
                         StrataChartPoint   *point)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (index < self->n_points);
  g_return_if_fail (point != NULL);

  point->step = self->x[STRATA_CHART_X_STEP][index];
  point->epoch = self->x[STRATA_CHART_X_EPOCH][index];
  point->time = self->x[STRATA_CHART_X_TIME][index];
  point->value = self->values[index];
}

/**
 * strata_series_set_smoothing:
 * @self: a series
 * @weight: smoothing weight in [0, 0.999]; clamped to that range
 *
 * Sets the weight of the smoothed column; it is recomputed on next use.
 */
void
strata_series_set_smoothing (StrataSeries *self,
                             double        weight)
{
  g_return_if_fail (self != NULL);

  weight = isnan (weight) ? 0.0 : CLAMP (weight, 0.0, 0.999);
  if (weight == self->weight)
    return;
  self->weight = weight;
  reset_smoothing (self);
}

double
strata_series_get_smoothing (const StrataSeries *self)
{
  g_return_val_if_fail (self != NULL, 0.0);

  return self->weight;
}

/**
 * strata_smooth_ema:
 * @values: (array length=n_values): input values
 * @smoothed: (array length=n_values) (out caller-allocates): output, may be
 *   @values itself
 * @n_values: number of values
 * @weight: smoothing weight s in [0, 1)
 *
 * TensorBoard's debiased exponential moving average (tensorboard
 * `classicSmoothing`, webapp/widgets/line_chart_v2/data_transformer.ts; the
 * same code as vz_line_chart2/line-chart.ts `resmoothDataset`):
 *
 *   last_0 = 0,  last_t = s·last_{t-1} + (1 − s)·x_t,
 *   smoothed_t = last_t / (1 − s^t)
 *
 * where t counts finite values only. Non-finite values pass through
 * unchanged and do not advance t. TensorBoard returns a series whose values
 * are all equal unchanged; here every prefix that is constant so far is
 * returned unchanged, which differs from TensorBoard only by rounding
 * (the debiased average of a constant c is c).
 */
void
strata_smooth_ema (const double *values,
                   double       *smoothed,
                   gsize         n_values,
                   double        weight)
{
  EmaState ema;

  g_return_if_fail (values != NULL || n_values == 0);
  g_return_if_fail (smoothed != NULL || n_values == 0);

  ema_reset (&ema, isnan (weight) ? 0.0 : CLAMP (weight, 0.0, 0.999));
  for (gsize i = 0; i < n_values; i++)
    smoothed[i] = ema_step (&ema, values[i]);
}

/* First index ≥ start whose x is ≥ x, by galloping from start: O(log k)
 * for an answer k points further, touching memory near start only. Column
 * edges increase, so decimation walks the x column once. */
static gsize
lower_bound_from (const StrataSeries *self,
                  StrataChartXAxis    axis,
                  double              x,
                  gsize               start)
{
  const double *xs = self->x[axis];
  gsize n = self->n_points, lo = start, hi, step = 1;

  if (start >= n || xs[start] >= x)
    return MIN (start, n);
  /* Invariant: xs[lo] < x. */
  while (lo + step < n && xs[lo + step] < x)
    {
      lo += step;
      step *= 2;
    }
  hi = MIN (lo + step, n);
  lo++;
  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (xs[mid] < x)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/**
 * strata_series_lower_bound:
 * @self: a series
 * @axis: which x coordinate
 * @x: a position on that axis
 *
 * Returns: the index of the first point whose x is ≥ @x (n_points if none).
 */
gsize
strata_series_lower_bound (const StrataSeries *self,
                           StrataChartXAxis    axis,
                           double              x)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (axis < STRATA_CHART_N_X_AXES, 0);

  return lower_bound_from (self, axis, x, 0);
}

/**
 * strata_series_find_nearest:
 * @self: a series
 * @axis: which x coordinate
 * @x: a position on that axis
 * @index: (out): the index of the point whose x is closest to @x (ties go
 *   to the earlier point)
 *
 * Returns: FALSE if the series is empty.
 */
gboolean
strata_series_find_nearest (const StrataSeries *self,
                            StrataChartXAxis    axis,
                            double              x,
                            gsize              *index)
{
  gsize i;
  const double *xs;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (index != NULL, FALSE);

  if (self->n_points == 0)
    return FALSE;

  xs = self->x[axis];
  i = strata_series_lower_bound (self, axis, x);
  if (i == self->n_points)
    i--;
  else if (i > 0 && x - xs[i - 1] <= xs[i] - x)
    i--;
  *index = i;
  return TRUE;
}

/**
 * strata_series_range_min_max:
 * @self: a series
 * @column: raw or smoothed values
 * @begin: first index
 * @end: one past the last index, ≤ n_points
 * @bin: (out caller-allocates): count, first, last, min and max of the
 *   finite values in [@begin, @end)
 *
 * Uses the block index for whole blocks inside the range.
 */
void
strata_series_range_min_max (StrataSeries       *self,
                             StrataSeriesColumn  column,
                             gsize               begin,
                             gsize               end,
                             StrataChartBin     *bin)
{
  const double *data;
  const BlockIndex *bi;
  gsize i, count = 0;
  double lo, hi;

  g_return_if_fail (self != NULL);
  g_return_if_fail (bin != NULL);
  g_return_if_fail (begin <= end && end <= self->n_points);

  memset (bin, 0, sizeof *bin);
  data = strata_series_get_values (self, column);
  bi = &self->index[column == STRATA_SERIES_SMOOTHED];

  /* Greedy cover of [begin, end): at each position the coarsest indexed
   * block that starts there and fits, else the points up to the next
   * 16-point boundary. At most 15 steps per level on each side. */
  lo = INFINITY;
  hi = -INFINITY;
  for (i = begin; i < end; )
    {
      int l = -1;

      if ((i & 15) == 0 && i + 16 <= end)
        {
          l = 0;
          while (l + 1 < N_LEVELS &&
                 (i & (((gsize) 1 << LEVEL_SHIFT (l + 1)) - 1)) == 0 &&
                 i + ((gsize) 1 << LEVEL_SHIFT (l + 1)) <= end)
            l++;
          while (l >= 0 && (i >> LEVEL_SHIFT (l)) >= bi->n[l])
            l--;
        }

      if (l < 0)
        {
          gsize stop = MIN (end, (i | 15) + 1);

          for (; i < stop; i++)
            {
              double v = data[i];

              if (!isfinite (v))
                continue;
              lo = MIN (lo, v);
              hi = MAX (hi, v);
              count++;
            }
        }
      else
        {
          gsize b = i >> LEVEL_SHIFT (l);

          i += (gsize) 1 << LEVEL_SHIFT (l);
          if (isnan (bi->min[l][b]))
            continue;
          lo = MIN (lo, bi->min[l][b]);
          hi = MAX (hi, bi->max[l][b]);
          count += (gsize) 1 << LEVEL_SHIFT (l);
        }
    }
  bin->count = count;
  bin->min = lo;
  bin->max = hi;

  /* first/last need the actual first and last finite values in order. */
  if (bin->count > 0)
    {
      for (gsize k = begin; k < end; k++)
        if (isfinite (data[k]))
          {
            bin->first = data[k];
            break;
          }
      for (gsize k = end; k > begin; k--)
        if (isfinite (data[k - 1]))
          {
            bin->last = data[k - 1];
            break;
          }
    }
}

/**
 * strata_series_decimate:
 * @self: a series
 * @column: raw or smoothed values
 * @axis: which x coordinate
 * @x0: left edge of column 0
 * @x1: right edge of the last column, > @x0
 * @n_columns: number of pixel columns
 * @bins: (out caller-allocates) (array length=n_columns): one bin per
 *   column; column j holds the points with x in [x0 + j·dx, x0 + (j+1)·dx),
 *   dx = (x1 − x0) / n_columns (the last column also takes x == x1)
 *
 * Reduces the points in [@x0, @x1] to first/last/min/max per column. Every
 * point lands in exactly one column, so the min and max of each column are
 * exact.
 */
void
strata_series_decimate (StrataSeries       *self,
                        StrataSeriesColumn  column,
                        StrataChartXAxis    axis,
                        double              x0,
                        double              x1,
                        guint               n_columns,
                        StrataChartBin     *bins)
{
  double dx;
  gsize begin;

  g_return_if_fail (self != NULL);
  g_return_if_fail (bins != NULL || n_columns == 0);
  g_return_if_fail (axis < STRATA_CHART_N_X_AXES);

  if (n_columns == 0)
    return;

  if (!(x1 > x0))
    {
      memset (bins, 0, n_columns * sizeof *bins);
      return;
    }

  if (column == STRATA_SERIES_SMOOTHED)
    ensure_smoothed (self);

  dx = (x1 - x0) / n_columns;
  begin = strata_series_lower_bound (self, axis, x0);
  for (guint j = 0; j < n_columns; j++)
    {
      gsize end;

      if (j + 1 == n_columns)
        end = lower_bound_from (self, axis, nextafter (x1, INFINITY), begin);
      else
        end = lower_bound_from (self, axis, x0 + (j + 1) * dx, begin);
      strata_series_range_min_max (self, column, begin, end, &bins[j]);
      begin = end;
    }
}
