/* strata-clean-window.c — clean.window: a series turned into supervised rows
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * Output row i is time t = lookback + i of the series x[0..n): the lags
 * x[t−lookback] … x[t−1], the target x[t+horizon−1], and on request the
 * seasonal naive forecast of that target. Each output column is filled in
 * one pass; missing values (NAN) stay missing through the arithmetic.
 *
 * Per-window normalisation (STRATA_WINDOW_NORMALIZE_LOG_RATIO) writes every
 * value v of row i as log(v / x[t−1]), relative to the row's last input
 * value. It is the log transform Box & Jenkins apply to this kind of series
 * (Time Series Analysis, 1970, ch. 9, the airline series) taken relative
 * to the window, so that the level of a trending series cancels out: the
 * network sees the seasonal shape, which repeats, not the level, which in
 * the test years lies above anything seen in training. The last value is
 * kept in a "last" column in the series' units, so that a prediction p goes
 * back with x[t−1]·exp(p) (strata_window_denormalize()). Every value is
 * checked to be positive before anything is built, so the error names the
 * first bad row rather than a NAN appearing downstream.
 *
 * The seasonal naive forecast follows Hyndman & Athanasopoulos (Forecasting:
 * Principles and Practice, 3rd ed., §5.2): ŷ(T+h | T) = y(T + h − m(k+1))
 * with k = ⌊(h − 1) / m⌋, the most recent value one or more whole seasons
 * before the target that is known when the window ends.
 */

#include "strata-clean-private.h"

#include <math.h>
#include <string.h>

gboolean
strata_window_normalize_from_string (const char            *s,
                                     StrataWindowNormalize *normalize)
{
  static const char *const names[] = { "none", "log_ratio" };

  for (guint i = 0; s != NULL && i < G_N_ELEMENTS (names); i++)
    if (strcmp (s, names[i]) == 0)
      {
        *normalize = (StrataWindowNormalize) i;
        return TRUE;
      }
  return FALSE;
}

void
strata_window_denormalize (StrataWindowNormalize  normalize,
                           const double          *last,
                           double                *values,
                           gsize                  n)
{
  g_return_if_fail (n == 0 || values != NULL);

  if (normalize == STRATA_WINDOW_NORMALIZE_NONE)
    return;
  g_return_if_fail (last != NULL);
  for (gsize i = 0; i < n; i++)
    values[i] = last[i] * exp (values[i]);
}

/* One output column: element i is x[offset + i], relative to the row's
 * last value x[lookback − 1 + i] under @normalize. */
static StrataColumn *
window_column (const char            *name,
               const double          *x,
               gsize                  offset,
               gsize                  rows,
               guint                  lookback,
               StrataWindowNormalize  normalize,
               GCancellable          *cancellable,
               GError               **error)
{
  double *v = g_new (double, MAX (rows, 1));

  for (gsize i = 0; i < rows; i++)
    {
      if (strata_clean_cancelled (cancellable, i, error))
        {
          g_free (v);
          return NULL;
        }
      v[i] = x[offset + i];
      if (normalize == STRATA_WINDOW_NORMALIZE_LOG_RATIO)
        v[i] = log (v[i] / x[lookback - 1 + i]);
    }
  return strata_column_new_numeric (name, v, rows);
}

/* FALSE + STRATA_CLEAN_ERROR_VALUE naming the first value of @c that is
 * zero or negative. */
static gboolean
check_positive (StrataColumn *c,
                GCancellable *cancellable,
                GError      **error)
{
  const double *x = strata_column_get_numeric (c);
  gsize n = strata_column_get_n_rows (c);

  for (gsize r = 0; r < n; r++)
    {
      if (strata_clean_cancelled (cancellable, r, error))
        return FALSE;
      if (!isnan (x[r]) && x[r] <= 0)
        {
          g_set_error (error, STRATA_CLEAN_ERROR, STRATA_CLEAN_ERROR_VALUE,
                       "column “%s”, row %" G_GSIZE_FORMAT ": %g is not positive; "
                       "normalize “log_ratio” takes the logarithm of each value over the "
                       "window's last one", strata_column_get_name (c), r + 1, x[r]);
          return FALSE;
        }
    }
  return TRUE;
}

StrataTable *
strata_clean_window (StrataTable           *table,
                     const char            *column,
                     guint                  lookback,
                     guint                  horizon,
                     StrataWindowNormalize  normalize,
                     guint                  seasonal_period,
                     GCancellable          *cancellable,
                     GError               **error)
{
  StrataColumn *c, *col;
  const double *x;
  gsize n, rows, lag = 0;
  g_autoptr(GPtrArray) cols = g_ptr_array_new_with_free_func ((GDestroyNotify) strata_column_unref);

  g_return_val_if_fail (table != NULL && column != NULL, NULL);

  c = strata_table_lookup_column (table, column, error);
  if (c == NULL)
    return NULL;
  if (!strata_clean_is_numeric (c))
    {
      g_set_error (error, STRATA_CLEAN_ERROR, STRATA_CLEAN_ERROR_COLUMN,
                   "column “%s” is %s, not numeric", column,
                   strata_column_kind_to_string (strata_column_get_kind (c)));
      return NULL;
    }
  if (lookback < 1 || horizon < 1)
    {
      g_set_error (error, STRATA_CLEAN_ERROR, STRATA_CLEAN_ERROR_VALUE,
                   "lookback and horizon must be at least 1");
      return NULL;
    }
  if (seasonal_period > 0)
    {
      /* m(k+1) with k = ⌊(h − 1)/m⌋; the first row's forecast is then
       * x[lookback + horizon − 1 − lag], which must exist. */
      lag = (gsize) seasonal_period * ((horizon - 1) / seasonal_period + 1);
      if (lag > (gsize) lookback + horizon - 1)
        {
          g_set_error (error, STRATA_CLEAN_ERROR, STRATA_CLEAN_ERROR_VALUE,
                       "seasonal_period %u with horizon %u looks %" G_GSIZE_FORMAT " steps back "
                       "from the target, before the first window; lookback must be at least %"
                       G_GSIZE_FORMAT, seasonal_period, horizon, lag, lag - horizon + 1);
          return NULL;
        }
    }
  n = strata_column_get_n_rows (c);
  if (n < (gsize) lookback + horizon)
    {
      g_set_error (error, STRATA_CLEAN_ERROR, STRATA_CLEAN_ERROR_VALUE,
                   "column “%s” has %" G_GSIZE_FORMAT " values, fewer than lookback + horizon = %u",
                   column, n, lookback + horizon);
      return NULL;
    }
  if (normalize == STRATA_WINDOW_NORMALIZE_LOG_RATIO && !check_positive (c, cancellable, error))
    return NULL;

  rows = n - lookback - horizon + 1;
  x = strata_column_get_numeric (c);
  for (guint back = lookback; back >= 1; back--)
    {
      g_autofree char *name = g_strdup_printf ("t-%u", back);

      if ((col = window_column (name, x, lookback - back, rows, lookback, normalize,
                                cancellable, error)) == NULL)
        return NULL;
      g_ptr_array_add (cols, col);
    }
  if ((col = window_column ("target", x, (gsize) lookback + horizon - 1, rows, lookback,
                            normalize, cancellable, error)) == NULL)
    return NULL;
  g_ptr_array_add (cols, col);
  if (normalize != STRATA_WINDOW_NORMALIZE_NONE)
    {
      if ((col = window_column ("last", x, lookback - 1, rows, lookback,
                                STRATA_WINDOW_NORMALIZE_NONE, cancellable, error)) == NULL)
        return NULL;
      g_ptr_array_add (cols, col);
    }
  if (seasonal_period > 0)
    {
      if ((col = window_column ("naive_seasonal", x, (gsize) lookback + horizon - 1 - lag,
                                rows, lookback, normalize, cancellable, error)) == NULL)
        return NULL;
      g_ptr_array_add (cols, col);
    }
  return strata_table_new ((StrataColumn **) cols->pdata, cols->len, error);
}
