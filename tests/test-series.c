/* test-series.c — chart series: smoothing, decimation and the thread feed
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain GLib, no display. Smoothing is checked against a fixture produced
 * by tests/fixtures/tensorboard-ema.py (TensorBoard's algorithm, written
 * out in Python) and against the closed form of the debiased EMA, computed
 * here as a direct weighted sum; decimation against a brute-force scan of
 * every point; the feed against concurrent producers.
 */

#include <math.h>

#include "strata-chart-feed.h"
#include "strata-series.h"

/* Closed form of TensorBoard's smoothing, written independently of the
 * recursion in strata-series.c: with t finite values x_1…x_t so far,
 *
 *   smoothed_t = Σ_{i=1..t} (1 − s) s^{t−i} x_i  /  (1 − s^t)
 *
 * (non-finite values pass through and are not counted). O(n²). */
static void
reference_ema (const double *x,
               double       *out,
               gsize         n,
               double        s)
{
  g_autofree double *finite = g_new (double, n);
  gsize t = 0;

  for (gsize k = 0; k < n; k++)
    {
      double num = 0.0;

      if (!isfinite (x[k]))
        {
          out[k] = x[k];
          continue;
        }
      finite[t++] = x[k];
      for (gsize i = 0; i < t; i++)
        num += (1.0 - s) * pow (s, (double) (t - 1 - i)) * finite[i];
      out[k] = s == 0.0 ? finite[t - 1] : num / (1.0 - pow (s, (double) t));
    }
}

static void
assert_close (double expected,
              double actual,
              double rel)
{
  if (isnan (expected))
    {
      g_assert_true (isnan (actual));
      return;
    }
  if (isinf (expected))
    {
      g_assert_cmpfloat (expected, ==, actual);
      return;
    }
  g_assert_cmpfloat_with_epsilon (expected, actual, rel * MAX (1.0, fabs (expected)));
}

/* Folds one value into a brute-force bin (count, first, last, min, max). */
static void
fold (StrataChartBin *want,
      double          v)
{
  if (!isfinite (v))
    return;
  if (want->count == 0)
    want->first = want->min = want->max = v;
  want->min = MIN (want->min, v);
  want->max = MAX (want->max, v);
  want->last = v;
  want->count++;
}

static void
assert_bin (const StrataChartBin *want,
            const StrataChartBin *got)
{
  g_assert_cmpuint (got->count > 0, ==, want->count > 0);
  if (want->count == 0)
    return;
  g_assert_cmpfloat (got->min, ==, want->min);
  g_assert_cmpfloat (got->max, ==, want->max);
  g_assert_cmpfloat (got->first, ==, want->first);
  g_assert_cmpfloat (got->last, ==, want->last);
}

/* The fixture: a header, then value,w0.0,w0.6,... per row. */
static void
test_ema_tensorboard_fixture (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "tensorboard-ema.csv", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) header = NULL;
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  GError *error = NULL;
  guint n_weights;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  header = g_strsplit (lines[0], ",", -1);
  n_weights = g_strv_length (header) - 1;
  g_assert_cmpuint (n_weights, ==, 5);
  for (guint w = 0; w < n_weights; w++)
    g_ptr_array_add (expected, g_array_new (FALSE, FALSE, sizeof (double)));

  for (guint l = 1; lines[l] && lines[l][0]; l++)
    {
      g_auto(GStrv) f = g_strsplit (lines[l], ",", -1);
      double v = g_ascii_strtod (f[0], NULL);

      g_assert_cmpuint (g_strv_length (f), ==, n_weights + 1);
      g_array_append_val (values, v);
      for (guint w = 0; w < n_weights; w++)
        {
          double e = g_ascii_strtod (f[w + 1], NULL);

          g_array_append_val (g_ptr_array_index (expected, w), e);
        }
    }
  g_assert_cmpuint (values->len, ==, 600);

  for (guint w = 0; w < n_weights; w++)
    {
      double weight = g_ascii_strtod (header[w + 1] + 1, NULL);
      GArray *e = g_ptr_array_index (expected, w);
      g_autofree double *out = g_new (double, values->len);
      g_autoptr(StrataSeries) s = strata_series_new ();
      const double *inc;

      /* The batch function. */
      strata_smooth_ema ((const double *) (gpointer) values->data, out, values->len, weight);
      for (guint i = 0; i < values->len; i++)
        assert_close (g_array_index (e, double, i), out[i], 1e-12);

      /* The chart's incremental path: appended in uneven chunks, read in
       * between, so the running state is resumed many times. */
      strata_series_set_smoothing (s, weight);
      for (guint i = 0, chunk = 1; i < values->len; i += chunk, chunk = chunk * 3 % 17 + 1)
        {
          guint n = MIN (chunk, values->len - i);

          for (guint k = 0; k < n; k++)
            {
              StrataChartPoint p = { i + k, (i + k) / 100.0, (i + k) * 0.1,
                                     g_array_index (values, double, i + k) };

              strata_series_append (s, &p, 1);
            }
          (void) strata_series_get_values (s, STRATA_SERIES_SMOOTHED);
        }
      inc = strata_series_get_values (s, STRATA_SERIES_SMOOTHED);
      for (guint i = 0; i < values->len; i++)
        assert_close (g_array_index (e, double, i), inc[i], 1e-12);
    }
}

static void
test_ema_closed_form (void)
{
  const double weights[] = { 0.0, 0.3, 0.6, 0.95, 0.999 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  gsize n = 400;
  g_autofree double *x = g_new (double, n);
  g_autofree double *ref = g_new (double, n);
  g_autofree double *out = g_new (double, n);

  for (gsize i = 0; i < n; i++)
    x[i] = g_rand_double_range (rand, -3.0, 5.0);
  x[10] = NAN;
  x[11] = -INFINITY;

  for (guint w = 0; w < G_N_ELEMENTS (weights); w++)
    {
      reference_ema (x, ref, n, weights[w]);
      strata_smooth_ema (x, out, n, weights[w]);
      for (gsize i = 0; i < n; i++)
        assert_close (ref[i], out[i], 1e-9);
    }
}

static void
test_ema_constant_and_weight_change (void)
{
  g_autoptr(StrataSeries) s = strata_series_new ();
  double x[50], ref[50];
  const double *sm;

  for (guint i = 0; i < 50; i++)
    {
      StrataChartPoint p = { i, i, i, 0.1 };

      strata_series_append (s, &p, 1);
    }
  sm = strata_series_get_values (s, STRATA_SERIES_SMOOTHED);
  for (guint i = 0; i < 50; i++)
    g_assert_cmpfloat (sm[i], ==, 0.1);   /* unchanged, not merely close */

  /* Changing the weight recomputes everything with the new weight. */
  strata_series_clear (s);
  for (guint i = 0; i < 50; i++)
    {
      StrataChartPoint p = { i, i, i, sin (i) + 2 };

      x[i] = p.value;
      strata_series_append (s, &p, 1);
    }
  (void) strata_series_get_values (s, STRATA_SERIES_SMOOTHED);
  strata_series_set_smoothing (s, 0.9);
  g_assert_cmpfloat (strata_series_get_smoothing (s), ==, 0.9);
  sm = strata_series_get_values (s, STRATA_SERIES_SMOOTHED);
  reference_ema (x, ref, 50, 0.9);
  for (guint i = 0; i < 50; i++)
    assert_close (ref[i], sm[i], 1e-12);

  /* Out-of-range weights clamp to [0, 0.999]. */
  strata_series_set_smoothing (s, 5.0);
  g_assert_cmpfloat (strata_series_get_smoothing (s), ==, 0.999);
  strata_series_set_smoothing (s, -1.0);
  g_assert_cmpfloat (strata_series_get_smoothing (s), ==, 0.0);
}

/* Random series with repeated x values, NaNs and spikes; random windows;
 * every bin compared with a scan of all points. */
static void
test_decimate_brute_force (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  for (guint trial = 0; trial < 40; trial++)
    {
      g_autoptr(StrataSeries) s = strata_series_new ();
      gsize n = g_rand_int_range (rand, 0, 20000);
      StrataSeriesColumn column = trial % 2 ? STRATA_SERIES_SMOOTHED : STRATA_SERIES_RAW;
      StrataChartXAxis axis = trial % 3;
      guint n_columns = g_rand_int_range (rand, 1, 900);
      g_autofree StrataChartBin *bins = g_new (StrataChartBin, n_columns);
      double x = 0, x0, x1, dx;
      const double *xs, *vs;
      gsize total = 0, expected_total = 0;

      for (gsize i = 0; i < n; i++)
        {
          StrataChartPoint p;

          x += g_rand_int_range (rand, 0, 4) * 0.25;   /* repeats and gaps */
          p.step = x;
          p.epoch = x / 50;
          p.time = x * 0.01;
          p.value = g_rand_double_range (rand, 0.001, 3.0);
          if (g_rand_int_range (rand, 0, 500) == 0)
            p.value = NAN;
          if (g_rand_int_range (rand, 0, 1000) == 0)
            p.value = 1000.0;
          strata_series_append (s, &p, 1);
        }

      xs = strata_series_get_x (s, axis);
      vs = strata_series_get_values (s, column);
      x0 = n ? xs[0] + g_rand_double_range (rand, -0.2, 0.5) * (xs[n - 1] - xs[0]) : 0.0;
      x1 = n ? x0 + g_rand_double_range (rand, 0.01, 1.2) * (xs[n - 1] - xs[0] + 1) : 1.0;
      strata_series_decimate (s, column, axis, x0, x1, n_columns, bins);
      dx = (x1 - x0) / n_columns;

      for (guint j = 0; j < n_columns; j++)
        {
          StrataChartBin want = { 0 };
          double lo = x0 + j * dx, hi = x0 + (j + 1) * dx;

          for (gsize i = 0; i < n; i++)
            {
              gboolean in = xs[i] >= lo && (j + 1 == n_columns ? xs[i] <= x1 : xs[i] < hi);

              if (in)
                fold (&want, vs[i]);
            }
          assert_bin (&want, &bins[j]);
          total += want.count;
        }

      /* Every finite point in [x0, x1] lands in some column. */
      for (gsize i = 0; i < n; i++)
        if (xs[i] >= x0 && xs[i] <= x1 && isfinite (vs[i]))
          expected_total++;
      g_assert_cmpuint (total, ==, expected_total);
    }
}

/* A column spanning far more than one block: the block index must agree
 * with a scan, including blocks that hold only NaN. */
static void
test_range_blocks (void)
{
  g_autoptr(StrataSeries) s = strata_series_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  gsize n = 3 * 4096 + 5 * 256 + 7 * 16 + 9;   /* every level, ragged ends */
  const double *vs;

  for (gsize i = 0; i < n; i++)
    {
      StrataChartPoint p = { i, i, i, g_rand_double (rand) };

      if (i / 16 == 5 || i / 256 == 9)   /* all-NaN blocks at two levels */
        p.value = NAN;
      strata_series_append (s, &p, 1);
    }
  vs = strata_series_get_values (s, STRATA_SERIES_RAW);

  for (guint trial = 0; trial < 2000; trial++)
    {
      gsize a = g_rand_int_range (rand, 0, n), b = g_rand_int_range (rand, 0, n + 1);
      StrataChartBin bin, want = { 0 };

      if (a > b)
        {
          gsize t = a;
          a = b;
          b = t;
        }
      for (gsize i = a; i < b; i++)
        fold (&want, vs[i]);
      strata_series_range_min_max (s, STRATA_SERIES_RAW, a, b, &bin);
      assert_bin (&want, &bin);
    }
}

static void
test_x_clamped_and_nearest (void)
{
  g_autoptr(StrataSeries) s = strata_series_new ();
  const StrataChartPoint pts[] = {
    { 0, 0.0, 1.0, 1 },
    { 10, 0.5, 0.5, 2 },   /* the clock went backwards */
    { 20, NAN, 3.0, 3 },
    { 5, 1.0, 4.0, 4 },    /* so did the step counter */
  };
  const double *step, *epoch, *time;
  gsize i;

  strata_series_append (s, pts, G_N_ELEMENTS (pts));
  step = strata_series_get_x (s, STRATA_CHART_X_STEP);
  epoch = strata_series_get_x (s, STRATA_CHART_X_EPOCH);
  time = strata_series_get_x (s, STRATA_CHART_X_TIME);
  g_assert_cmpfloat (time[1], ==, 1.0);
  g_assert_cmpfloat (epoch[2], ==, 0.5);
  g_assert_cmpfloat (step[3], ==, 20.0);
  for (guint k = 1; k < 4; k++)
    {
      g_assert_cmpfloat (step[k], >=, step[k - 1]);
      g_assert_cmpfloat (epoch[k], >=, epoch[k - 1]);
      g_assert_cmpfloat (time[k], >=, time[k - 1]);
    }

  g_assert_true (strata_series_find_nearest (s, STRATA_CHART_X_STEP, 4.9, &i));
  g_assert_cmpuint (i, ==, 0);
  g_assert_true (strata_series_find_nearest (s, STRATA_CHART_X_STEP, 5.1, &i));
  g_assert_cmpuint (i, ==, 1);
  g_assert_true (strata_series_find_nearest (s, STRATA_CHART_X_STEP, 1e9, &i));
  g_assert_cmpfloat (step[i], ==, 20.0);
  g_assert_true (strata_series_find_nearest (s, STRATA_CHART_X_STEP, -5, &i));
  g_assert_cmpuint (i, ==, 0);
  strata_series_clear (s);
  g_assert_false (strata_series_find_nearest (s, STRATA_CHART_X_STEP, 0, &i));
}

/* Feed ------------------------------------------------------------------- */

static void
count_wake (StrataChartFeed *feed,
            gpointer         data)
{
  g_atomic_int_inc ((int *) data);
}

static void
test_feed_wakes_once (void)
{
  int wakes = 0;
  g_autoptr(StrataChartFeed) feed = strata_chart_feed_new (count_wake, &wakes, NULL);
  StrataChartPoint p = { 0 };
  GArray *recs;

  for (guint i = 0; i < 1000; i++)
    strata_chart_feed_push (feed, 1, STRATA_CHART_TRAIN_LOSS, &p);
  g_assert_cmpint (wakes, ==, 1);

  recs = strata_chart_feed_drain (feed);
  g_assert_cmpuint (recs->len, ==, 1000);
  g_array_unref (recs);

  /* Drained but not yet found empty: the owner is still ticking. */
  strata_chart_feed_push (feed, 1, STRATA_CHART_TRAIN_LOSS, &p);
  g_assert_cmpint (wakes, ==, 1);
  recs = strata_chart_feed_drain (feed);
  g_assert_cmpuint (recs->len, ==, 1);
  g_array_unref (recs);

  /* Found empty: asleep; the next push wakes again. */
  g_assert_null (strata_chart_feed_drain (feed));
  strata_chart_feed_push (feed, 1, STRATA_CHART_TRAIN_LOSS, &p);
  g_assert_cmpint (wakes, ==, 2);
}

typedef struct
{
  StrataChartFeed *feed;
  guint            run;
  guint            n;
} Producer;

static gpointer
produce (gpointer data)
{
  Producer *pr = data;

  for (guint i = 0; i < pr->n; i++)
    {
      StrataChartPoint p = { i, i / 100.0, i * 0.001, (double) pr->run };

      strata_chart_feed_push (pr->feed, pr->run, STRATA_CHART_TRAIN_LOSS, &p);
    }
  return NULL;
}

static void
test_feed_threads (void)
{
  enum { N_THREADS = 4, N_POINTS = 50000 };
  int wakes = 0;
  g_autoptr(StrataChartFeed) feed = strata_chart_feed_new (count_wake, &wakes, NULL);
  Producer pr[N_THREADS];
  GThread *threads[N_THREADS];
  guint next[N_THREADS + 1] = { 0 };
  guint received = 0, empty_drains = 0;

  for (guint t = 0; t < N_THREADS; t++)
    {
      pr[t] = (Producer) { feed, t + 1, N_POINTS };
      threads[t] = g_thread_new ("producer", produce, &pr[t]);
    }

  while (received < N_THREADS * N_POINTS)
    {
      g_autoptr(GArray) recs = strata_chart_feed_drain (feed);

      if (recs == NULL)
        {
          empty_drains++;
          g_thread_yield ();
          continue;
        }
      for (guint i = 0; i < recs->len; i++)
        {
          const StrataChartRecord *r = &g_array_index (recs, StrataChartRecord, i);

          /* Each producer's points arrive complete and in order. */
          g_assert_cmpuint (r->run, >=, 1);
          g_assert_cmpuint (r->run, <=, N_THREADS);
          g_assert_cmpfloat (r->point.step, ==, next[r->run]);
          g_assert_cmpfloat (r->point.value, ==, r->run);
          next[r->run]++;
        }
      received += recs->len;
    }
  for (guint t = 0; t < N_THREADS; t++)
    g_thread_join (threads[t]);

  g_assert_null (strata_chart_feed_drain (feed));
  /* One wake per sleep, never one per point. */
  g_assert_cmpint (wakes, <=, empty_drains + 1);
}

static void
destroy_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
}

static void
test_feed_lifetime (void)
{
  gboolean destroyed = FALSE;
  StrataChartFeed *feed = strata_chart_feed_new (NULL, &destroyed, destroy_flag);
  StrataChartPoint p = { 1, 2, 3, 4 };

  strata_chart_feed_ref (feed);
  strata_chart_feed_push (feed, 9, STRATA_CHART_VAL_ACCURACY, &p);
  strata_chart_feed_unref (feed);
  g_assert_false (destroyed);
  {
    g_autoptr(GArray) recs = strata_chart_feed_drain (feed);

    g_assert_cmpuint (recs->len, ==, 1);
    g_assert_cmpuint (g_array_index (recs, StrataChartRecord, 0).run, ==, 9);
    g_assert_cmpint (g_array_index (recs, StrataChartRecord, 0).kind, ==, STRATA_CHART_VAL_ACCURACY);
    g_assert_cmpfloat (g_array_index (recs, StrataChartRecord, 0).point.time, ==, 3);
  }
  strata_chart_feed_unref (feed);
  g_assert_true (destroyed);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Series/ema/tensorboard-fixture", test_ema_tensorboard_fixture);
  g_test_add_func ("/Series/ema/closed-form", test_ema_closed_form);
  g_test_add_func ("/Series/ema/constant-and-weight-change", test_ema_constant_and_weight_change);
  g_test_add_func ("/Series/decimate/brute-force", test_decimate_brute_force);
  g_test_add_func ("/Series/decimate/blocks", test_range_blocks);
  g_test_add_func ("/Series/x-clamped-and-nearest", test_x_clamped_and_nearest);
  g_test_add_func ("/ChartFeed/wakes-once", test_feed_wakes_once);
  g_test_add_func ("/ChartFeed/threads", test_feed_threads);
  g_test_add_func ("/ChartFeed/lifetime", test_feed_lifetime);

  return g_test_run ();
}
