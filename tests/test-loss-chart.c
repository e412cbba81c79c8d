/* test-loss-chart.c — the loss chart widget, its rendering and its exports
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs in a real window under Xvfb (suite gui). Independent checks: the
 * smoothed values against tests/fixtures/tensorboard-ema.csv (TensorBoard's
 * algorithm in Python); the rendered pixels of every plot column against the
 * min and max of the points that fall in it, found by scanning all points;
 * exported files re-read with GdkTexture (PNG) or by their headers.
 */

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "strata-chart-export.h"
#include "strata-loss-chart-private.h"

#define TIMEOUT_US (20 * G_USEC_PER_SEC)

typedef gboolean (*Condition) (gpointer data);

/* Spins the main loop until cond holds; fails the test after TIMEOUT_US. */
static void
wait_until (Condition cond,
            gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_US;

  while (!cond (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
has_rendered (gpointer data)
{
  double x0, x1;

  strata_loss_chart_get_view (data, &x0, &x1, NULL, NULL);
  return x1 > x0;
}

static GtkWidget *
show_chart (StrataLossChart *chart)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 640, 400);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (chart));
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

/* A noisy decaying loss: step, epoch (steps_per_epoch), 10 ms per step. */
static StrataChartPoint
synthetic_point (GRand *rand,
                 guint  step,
                 guint  steps_per_epoch)
{
  StrataChartPoint p;

  p.step = step;
  p.epoch = (double) step / steps_per_epoch;
  p.time = step * 0.01;
  p.value = (0.05 + 2.2 * exp (-step / 300.0)) * exp (g_rand_double_range (rand, -0.4, 0.4));
  return p;
}

/* Feed from a worker thread ------------------------------------------------ */

typedef struct
{
  StrataChartFeed *feed;
  guint            run;
  guint            n;
} Worker;

static gpointer
train_worker (gpointer data)
{
  Worker *w = data;
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);

  for (guint i = 0; i < w->n; i++)
    {
      StrataChartPoint p = synthetic_point (rand, i, w->n / 5);

      strata_chart_feed_push (w->feed, w->run, STRATA_CHART_TRAIN_LOSS, &p);
      if ((i + 1) % (w->n / 5) == 0)
        {
          p.value = 0.5;
          strata_chart_feed_push (w->feed, w->run, STRATA_CHART_VAL_LOSS, &p);
          p.value = 0.8;
          strata_chart_feed_push (w->feed, w->run, STRATA_CHART_VAL_ACCURACY, &p);
        }
      if (i % 1000 == 0)
        g_usleep (2000);   /* let some frames pass while training */
    }
  strata_chart_feed_unref (w->feed);
  return NULL;
}

typedef struct
{
  StrataLossChart *chart;
  guint            run;
  gsize            n;
} Expect;

static gboolean
all_arrived (gpointer data)
{
  Expect *e = data;

  return strata_loss_chart_get_n_points (e->chart, e->run, STRATA_CHART_TRAIN_LOSS) == e->n &&
         strata_loss_chart_get_n_points (e->chart, e->run, STRATA_CHART_VAL_ACCURACY) == 5;
}

static void
test_feed_from_thread (void)
{
  StrataLossChart *chart = g_object_ref_sink (STRATA_LOSS_CHART (strata_loss_chart_new ()));
  GtkWidget *window = show_chart (chart);
  Worker w = { NULL, 0, 20000 };
  Expect e = { chart, 0, 20000 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);
  GThread *thread;

  w.run = e.run = strata_loss_chart_add_run (chart, "threaded");
  w.feed = strata_chart_feed_ref (strata_loss_chart_get_feed (chart));
  thread = g_thread_new ("trainer", train_worker, &w);

  /* No flush: the points must arrive through the frame clock alone. */
  wait_until (all_arrived, &e);
  g_thread_join (thread);

  g_assert_cmpuint (strata_loss_chart_get_n_points (chart, e.run, STRATA_CHART_VAL_LOSS), ==, 5);
  for (guint i = 0; i < e.n; i++)
    {
      StrataChartPoint want = synthetic_point (rand, i, e.n / 5), got;

      g_assert_true (strata_loss_chart_get_point (chart, e.run, STRATA_CHART_TRAIN_LOSS, i, &got, NULL));
      g_assert_cmpfloat (got.step, ==, want.step);
      g_assert_cmpfloat (got.value, ==, want.value);
    }
  g_assert_cmpuint (strata_loss_chart_flush (chart), ==, 0);

  wait_until (has_rendered, chart);

  /* A trainer that outlives the chart keeps pushing harmlessly: the feed
   * stays alive through the trainer's reference, the wake-up finds no
   * chart. */
  {
    g_autoptr(StrataChartFeed) feed = strata_chart_feed_ref (strata_loss_chart_get_feed (chart));
    StrataChartPoint p = { 0, 0, 0, 1 };

    g_assert_null (strata_chart_feed_drain (feed));   /* asleep */
    gtk_window_destroy (GTK_WINDOW (window));
    g_assert_finalize_object (chart);
    strata_chart_feed_push (feed, e.run, STRATA_CHART_TRAIN_LOSS, &p);
    while (g_main_context_iteration (NULL, FALSE))
      ;
  }
}

/* Smoothing ------------------------------------------------------------------ */

static void
test_smoothing_fixture (void)
{
  StrataLossChart *chart = g_object_ref_sink (STRATA_LOSS_CHART (strata_loss_chart_new ()));
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "tensorboard-ema.csv", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) header = NULL;
  g_autoptr(GtkAdjustment) slider = gtk_adjustment_new (0.6, 0.0, 0.999, 0.001, 0.1, 0);
  GError *error = NULL;
  guint run = strata_loss_chart_add_run (chart, "fixture"), n = 0;

  g_assert_cmpfloat (strata_loss_chart_get_smoothing (chart), ==, STRATA_LOSS_CHART_DEFAULT_SMOOTHING);
  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  header = g_strsplit (lines[0], ",", -1);
  for (guint l = 1; lines[l] && lines[l][0]; l++, n++)
    {
      StrataChartPoint p = { n, n / 100.0, n, g_ascii_strtod (lines[l], NULL) };

      strata_loss_chart_append (chart, run, STRATA_CHART_TRAIN_LOSS, &p, 1);
    }

  /* The app binds a slider to the property. */
  g_object_bind_property (slider, "value", chart, "smoothing", G_BINDING_DEFAULT);
  for (guint w = 1; header[w]; w++)
    {
      double weight = g_ascii_strtod (header[w] + 1, NULL);

      gtk_adjustment_set_value (slider, weight);
      g_assert_cmpfloat (strata_loss_chart_get_smoothing (chart), ==, weight);
      for (guint l = 1; l <= n; l++)
        {
          g_auto(GStrv) f = g_strsplit (lines[l], ",", -1);
          double want = g_ascii_strtod (f[w], NULL), got;

          g_assert_true (strata_loss_chart_get_point (chart, run, STRATA_CHART_TRAIN_LOSS, l - 1, NULL, &got));
          if (!isfinite (want))
            g_assert_cmpint (isnan (want), ==, isnan (got));
          else
            g_assert_cmpfloat_with_epsilon (want, got, 1e-12 * MAX (1.0, fabs (want)));
        }
    }

  strata_loss_chart_set_smoothing (chart, 3.0);
  g_assert_cmpfloat (strata_loss_chart_get_smoothing (chart), ==, 0.999);
  g_assert_finalize_object (chart);
}

/* Rendered columns keep every column's min and max ---------------------------- */

/* Pixels of the run colour (blue 3, #3584e4) drawn at ≥ ~70 % coverage. */
static gboolean
is_series_pixel (const guint8 *px)
{
  /* ARGB32 little-endian: B G R A, on an opaque white page. */
  return (int) px[0] - (int) px[2] > 120;
}

static void
check_columns (gboolean log_y)
{
  const int W = 700, H = 420;
  g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func ((GDestroyNotify) strata_chart_run_free);
  StrataChartRun *run = strata_chart_run_new (1, "dense", 0);
  g_autoptr(GRand) rand = g_rand_new_with_seed (log_y ? 11 : 12);
  StrataChartScene scene = { .runs = runs, .log_y = log_y };
  StrataChartLayout L;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  cairo_t *cr = cairo_create (surface);
  gsize n = 300000, n_checked = 0;
  StrataSeries *s = run->series[STRATA_CHART_TRAIN_LOSS];
  const double *xs, *vs;
  int stride, cols;
  g_autofree double *cmin = NULL, *cmax = NULL;
  const guint8 *data;

  g_ptr_array_add (runs, run);
  /* Smoothing 0: the smoothed line is the raw line, drawn opaque. */
  strata_series_set_smoothing (s, 0.0);
  for (gsize i = 0; i < n; i++)
    {
      StrataChartPoint p = { i, i / 1000.0, i * 0.01, 0 };
      double u = g_rand_double (rand);

      /* Decades of range with rare spikes and dips, so that extremes are
       * single points hidden among thousands. */
      p.value = (0.01 + 3.0 * exp (-(double) i / 40000.0)) * exp (g_rand_double_range (rand, -0.3, 0.3));
      if (u < 0.0005)
        p.value *= 20.0;
      else if (u < 0.001)
        p.value /= 20.0;
      strata_series_append (s, &p, 1);
    }

  gdk_rgba_parse (&scene.background, "white");
  gdk_rgba_parse (&scene.ink, "black");
  strata_chart_render (&scene, cr, W, H, &L);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  g_assert_true (L.has_data);
  g_assert_cmpfloat (L.plot.x, ==, floor (L.plot.x));
  /* Decimated: a few vertices per column, not 300 000. */
  g_assert_cmpuint (L.n_segments, <=, 2 * (4 * (gsize) ceil (L.plot.width) + 2));

  /* Brute force: min and max of the points in each pixel column. */
  cols = (int) ceil (L.plot.width);
  cmin = g_new (double, cols);
  cmax = g_new (double, cols);
  for (int j = 0; j < cols; j++)
    cmin[j] = INFINITY, cmax[j] = -INFINITY;
  xs = strata_series_get_x (s, STRATA_CHART_X_STEP);
  vs = strata_series_get_values (s, STRATA_SERIES_RAW);
  for (gsize i = 0; i < n; i++)
    {
      int j = (int) floor ((xs[i] - L.x0) / (L.x1 - L.x0) * cols);

      j = CLAMP (j, 0, cols - 1);
      cmin[j] = MIN (cmin[j], vs[i]);
      cmax[j] = MAX (cmax[j], vs[i]);
    }

  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int j = 1; j < cols - 1; j++)
    {
      int px = (int) L.plot.x + j;
      double want_top = strata_chart_layout_y_to_device (&L, cmax[j]);
      double want_bottom = strata_chart_layout_y_to_device (&L, cmin[j]);
      /* The polyline inside column j reaches at most to its neighbours'
       * values (the joins), so the drawn extent is bounded by them. */
      double outer_top = strata_chart_layout_y_to_device (&L, MAX (cmax[j], MAX (cmax[j - 1], cmax[j + 1])));
      double outer_bottom = strata_chart_layout_y_to_device (&L, MIN (cmin[j], MIN (cmin[j - 1], cmin[j + 1])));
      int top = -1, bottom = -1;

      for (int y = (int) L.plot.y; y < (int) (L.plot.y + L.plot.height); y++)
        if (is_series_pixel (data + y * stride + px * 4))
          {
            if (top < 0)
              top = y;
            bottom = y;
          }
      g_assert_cmpint (top, >=, 0);
      /* Every extreme is drawn (±1.5 px for the 2 px line's ends)… */
      g_assert_cmpfloat (top, <=, want_top + 1.5);
      g_assert_cmpfloat (bottom + 1, >=, want_bottom - 1.5);
      /* …and nothing beyond what the line itself reaches. */
      g_assert_cmpfloat (top, >=, outer_top - 2.0);
      g_assert_cmpfloat (bottom + 1, <=, outer_bottom + 2.0);
      /* The column is solid between its min and max. */
      for (int y = (int) ceil (want_top + 1.5); y < (int) floor (want_bottom - 1.5); y++)
        g_assert_true (is_series_pixel (data + y * stride + px * 4));
      n_checked++;
    }
  g_assert_cmpuint (n_checked, >, 500);
  cairo_surface_destroy (surface);
}

static void
test_render_columns_linear (void)
{
  check_columns (FALSE);
}

static void
test_render_columns_log (void)
{
  check_columns (TRUE);
}

/* Runs, view and input ------------------------------------------------------------ */

static void
fill_run (StrataLossChart *chart,
          guint            run,
          guint            seed,
          guint            n_steps)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint per_epoch = n_steps / 3;

  for (guint i = 0; i < n_steps; i++)
    {
      StrataChartPoint p = synthetic_point (rand, i, per_epoch);

      strata_loss_chart_append (chart, run, STRATA_CHART_TRAIN_LOSS, &p, 1);
      if ((i + 1) % per_epoch == 0)
        {
          p.value = 0.3 + 0.4 / (i + 1) * per_epoch;
          strata_loss_chart_append (chart, run, STRATA_CHART_VAL_LOSS, &p, 1);
          p.value = 0.9 - 0.2 / (i + 1) * per_epoch;
          strata_loss_chart_append (chart, run, STRATA_CHART_VAL_ACCURACY, &p, 1);
        }
    }
}

static void
test_runs (void)
{
  StrataLossChart *chart = g_object_ref_sink (STRATA_LOSS_CHART (strata_loss_chart_new ()));
  guint a = strata_loss_chart_add_run (chart, "lr=0.1");
  guint b = strata_loss_chart_add_run (chart, "lr=0.01");
  guint c = strata_loss_chart_add_run (chart, "lr=0.001");
  GdkRGBA ca, cb, cc;
  StrataChartPoint p = { 0, 0, 0, 1 };

  g_assert_cmpuint (a, !=, 0);
  g_assert_cmpuint (strata_loss_chart_get_n_runs (chart), ==, 3);
  g_assert_cmpuint (strata_loss_chart_get_run_id (chart, 1), ==, b);
  g_assert_cmpuint (strata_loss_chart_get_run_id (chart, 3), ==, 0);
  g_assert_cmpstr (strata_loss_chart_get_run_name (chart, c), ==, "lr=0.001");
  g_assert_true (strata_loss_chart_get_run_color (chart, a, &ca));
  g_assert_true (strata_loss_chart_get_run_color (chart, b, &cb));
  g_assert_true (strata_loss_chart_get_run_color (chart, c, &cc));
  g_assert_false (gdk_rgba_equal (&ca, &cb));
  g_assert_false (gdk_rgba_equal (&cb, &cc));

  g_assert_true (strata_loss_chart_get_run_visible (chart, b));
  strata_loss_chart_set_run_visible (chart, b, FALSE);
  g_assert_false (strata_loss_chart_get_run_visible (chart, b));

  /* Removing a run keeps the others' ids and colours. */
  g_assert_true (strata_loss_chart_remove_run (chart, a));
  g_assert_false (strata_loss_chart_remove_run (chart, a));
  g_assert_true (strata_loss_chart_get_run_color (chart, c, &ca));
  g_assert_true (gdk_rgba_equal (&ca, &cc));
  g_assert_null (strata_loss_chart_get_run_name (chart, a));

  /* Points for a removed run are dropped, from either path. */
  strata_loss_chart_append (chart, a, STRATA_CHART_TRAIN_LOSS, &p, 1);
  strata_chart_feed_push (strata_loss_chart_get_feed (chart), a, STRATA_CHART_TRAIN_LOSS, &p);
  g_assert_cmpuint (strata_loss_chart_flush (chart), ==, 0);
  g_assert_cmpuint (strata_loss_chart_get_n_points (chart, a, STRATA_CHART_TRAIN_LOSS), ==, 0);

  strata_loss_chart_clear (chart);
  g_assert_cmpuint (strata_loss_chart_get_n_runs (chart), ==, 0);
  g_assert_cmpuint (strata_loss_chart_add_run (chart, "again"), >, c);
  g_assert_finalize_object (chart);
}

static GtkEventController *
find_controller (GtkWidget *widget,
                 GType      type)
{
  g_autoptr(GListModel) list = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (list, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (c, type))
        return c;   /* the widget keeps its reference */
    }
  g_assert_not_reached ();
}

typedef struct
{
  StrataLossChart *chart;
  double           x0, x1;
} ViewChange;

static gboolean
view_changed (gpointer data)
{
  ViewChange *v = data;
  double x0, x1;

  strata_loss_chart_get_view (v->chart, &x0, &x1, NULL, NULL);
  return x0 != v->x0 || x1 != v->x1;
}

/* The last frame found no visible point (every run hidden). */
static gboolean
has_no_data (gpointer data)
{
  StrataLossChart *chart = data;

  return chart->cache != NULL && !chart->layout.has_data;
}

static void
test_view_and_input (void)
{
  StrataLossChart *chart = g_object_ref_sink (STRATA_LOSS_CHART (strata_loss_chart_new ()));
  GtkWidget *window = show_chart (chart);
  GtkWidget *widget = GTK_WIDGET (chart);
  guint run = strata_loss_chart_add_run (chart, "run");
  double x0, x1, y0, y1, zx0, zx1;
  gboolean stop = FALSE;
  ViewChange vc = { chart, 0, 0 };
  int w, h;

  fill_run (chart, run, 5, 3000);
  strata_loss_chart_set_log_scale (chart, TRUE);
  wait_until (has_rendered, chart);
  wait_until (view_changed, &vc);

  /* Automatic view: exactly the data's x range. */
  g_assert_false (strata_loss_chart_get_view (chart, &x0, &x1, &y0, &y1));
  g_assert_cmpfloat (x0, ==, 0.0);
  g_assert_cmpfloat (x1, ==, 2999.0);
  g_assert_cmpfloat (y0, >, 0.0);

  /* Hover inside the plot draws the crosshair (exercised, must not warn). */
  w = gtk_widget_get_width (widget);
  h = gtk_widget_get_height (widget);
  g_signal_emit_by_name (find_controller (widget, GTK_TYPE_EVENT_CONTROLLER_MOTION), "motion",
                         w / 2.0, h / 2.0);
  g_main_context_iteration (NULL, FALSE);

  /* Scrolling up zooms in about the pointer. */
  g_signal_emit_by_name (find_controller (widget, GTK_TYPE_EVENT_CONTROLLER_SCROLL), "scroll",
                         0.0, -1.0, &stop);
  g_assert_true (strata_loss_chart_get_view (chart, &zx0, &zx1, NULL, NULL));
  g_assert_cmpfloat (zx1 - zx0, <, (x1 - x0) / 1.1);
  g_assert_cmpfloat (zx0, >, x0);
  g_assert_cmpfloat (zx1, <, x1);

  /* A double-click resets. */
  g_signal_emit_by_name (find_controller (widget, GTK_TYPE_GESTURE_CLICK), "pressed", 2, w / 2.0, h / 2.0);
  g_assert_false (strata_loss_chart_get_view (chart, NULL, NULL, NULL, NULL));

  /* Dragging a box zooms to it. */
  vc.x0 = vc.x1 = 0;
  wait_until (view_changed, &vc);
  {
    GtkEventController *drag = find_controller (widget, GTK_TYPE_GESTURE_DRAG);

    g_signal_emit_by_name (drag, "drag-begin", w * 0.3, h * 0.3);
    g_signal_emit_by_name (drag, "drag-update", w * 0.2, h * 0.2);
    g_signal_emit_by_name (drag, "drag-end", w * 0.2, h * 0.2);
  }
  g_assert_true (strata_loss_chart_get_view (chart, &zx0, &zx1, &y0, &y1));
  g_assert_cmpfloat (zx0, >, x0);
  g_assert_cmpfloat (zx1, <, x1);
  g_assert_cmpfloat (y0, <, y1);

  /* A click on the run's legend entry hides it, another shows it again
   * (hidden runs stay in the legend). */
  g_assert_cmpuint (chart->layout.n_legend, ==, 1);
  g_assert_cmpuint (chart->layout.legend[0].run, ==, run);
  {
    const cairo_rectangle_t *b = &chart->layout.legend[0].box;
    GtkEventController *click = find_controller (widget, GTK_TYPE_GESTURE_CLICK);

    g_signal_emit_by_name (click, "pressed", 1, b->x + b->width / 2, b->y + b->height / 2);
    g_assert_false (strata_loss_chart_get_run_visible (chart, run));
    wait_until (has_no_data, chart);
    g_assert_cmpuint (chart->layout.n_legend, ==, 1);
    g_signal_emit_by_name (click, "pressed", 1, b->x + b->width / 2, b->y + b->height / 2);
    g_assert_true (strata_loss_chart_get_run_visible (chart, run));
  }

  /* zoom_to ignores nonsense; reset_view goes back to automatic. */
  strata_loss_chart_zoom_to (chart, 5, 1, 0.1, 1);
  strata_loss_chart_zoom_to (chart, 1, 5, -1, 1);   /* y0 ≤ 0 on a log axis */
  g_assert_true (strata_loss_chart_get_view (chart, &x0, &x1, NULL, NULL));
  g_assert_cmpfloat (x0, ==, zx0);
  strata_loss_chart_reset_view (chart);
  g_assert_false (strata_loss_chart_get_view (chart, NULL, NULL, NULL, NULL));

  /* The x axis property is an enum the app can bind. */
  g_object_set (chart, "x-axis", STRATA_CHART_X_TIME, NULL);
  g_assert_cmpint (strata_loss_chart_get_x_axis (chart), ==, STRATA_CHART_X_TIME);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (chart);
}

/* Export ------------------------------------------------------------------------- */

static char *
read_file (const char *path,
           gsize      *len)
{
  char *text = NULL;
  GError *error = NULL;

  g_assert_true (g_file_get_contents (path, &text, len, &error));
  g_assert_no_error (error);
  return text;
}

static void
test_export (void)
{
  StrataLossChart *chart = g_object_ref_sink (STRATA_LOSS_CHART (strata_loss_chart_new ()));
  g_autofree char *dir = g_dir_make_tmp ("strata-chart-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "chart.png", NULL);
  g_autofree char *svg = g_build_filename (dir, "chart.svg", NULL);
  g_autofree char *pdf = g_build_filename (dir, "chart.PDF", NULL);
  g_autofree char *csv = g_build_filename (dir, "chart.csv", NULL);
  const char *paths[] = { png, svg, pdf, csv };
  guint a = strata_loss_chart_add_run (chart, "lr=0.1, momentum \"0.9\"");
  guint b = strata_loss_chart_add_run (chart, "lr=0.01");
  GError *error = NULL;
  gsize len, n_points = 0;

  fill_run (chart, a, 1, 900);
  fill_run (chart, b, 2, 600);
  strata_loss_chart_set_log_scale (chart, TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (paths[i]);
      StrataChartFormat format;

      g_assert_true (strata_chart_format_from_filename (paths[i], &format));
      g_assert_cmpint (format, ==, i);
      g_assert_true (strata_loss_chart_export (chart, file, format, 800, 500, &error));
      g_assert_no_error (error);
    }

  /* PNG: decodes, right size, the first run's colour is in it. */
  {
    g_autoptr(GFile) file = g_file_new_for_path (png);
    g_autoptr(GdkTexture) texture = gdk_texture_new_from_file (file, &error);
    g_autofree guint8 *pixels = NULL;
    gsize blue = 0;

    g_assert_no_error (error);
    g_assert_cmpint (gdk_texture_get_width (texture), ==, 800);
    g_assert_cmpint (gdk_texture_get_height (texture), ==, 500);
    pixels = g_malloc (800 * 500 * 4);
    gdk_texture_download (texture, pixels, 800 * 4);
    /* gdk_texture_download() writes cairo's ARGB32: B G R A in memory. */
    for (gsize i = 0; i < 800 * 500; i++)
      if (pixels[4 * i + 0] == 0xe4 && pixels[4 * i + 1] == 0x84 && pixels[4 * i + 2] == 0x35)
        blue++;
    g_assert_cmpuint (blue, >, 200);
    g_assert_cmpuint (pixels[3], ==, 255);   /* opaque page */
  }

  /* SVG: an XML document of the requested size in points. */
  {
    g_autofree char *text = read_file (svg, &len);

    g_assert_true (g_str_has_prefix (text, "<?xml"));
    g_assert_nonnull (strstr (text, "<svg"));
    g_assert_nonnull (strstr (text, "width=\"800pt\""));
    g_assert_nonnull (strstr (text, "height=\"500pt\""));
    g_assert_nonnull (strstr (text, "</svg>"));
  }

  /* PDF: header, one 800×500 pt page, trailer. */
  {
    g_autofree char *text = read_file (pdf, &len);

    g_assert_true (g_str_has_prefix (text, "%PDF-1."));
    /* Binary streams may hold NUL bytes: search with memmem. */
    g_assert_nonnull (memmem (text, len, "/MediaBox [ 0 0 800 500 ]", 25));
    g_assert_nonnull (memmem (text + len - 32, 32, "%%EOF", 5));
  }

  /* CSV: every point once, exact values, names quoted. */
  {
    g_autofree char *text = read_file (csv, &len);
    g_auto(GStrv) lines = g_strsplit (text, "\r\n", -1);
    StrataChartPoint p;

    g_assert_cmpstr (lines[0], ==, "run,series,step,epoch,wall_time,value");
    g_assert_true (g_str_has_prefix (lines[1], "\"lr=0.1, momentum \"\"0.9\"\"\",loss,0,0,0,"));
    /* Every number of the first run's loss reads back bit for bit. */
    for (gsize i = 0; i < strata_loss_chart_get_n_points (chart, a, STRATA_CHART_TRAIN_LOSS); i++)
      {
        g_auto(GStrv) f = g_strsplit (strrchr (lines[i + 1], '"') + 2, ",", -1);

        g_assert_true (strata_loss_chart_get_point (chart, a, STRATA_CHART_TRAIN_LOSS, i, &p, NULL));
        g_assert_cmpstr (f[0], ==, "loss");
        g_assert_cmpfloat (g_ascii_strtod (f[1], NULL), ==, p.step);
        g_assert_cmpfloat (g_ascii_strtod (f[2], NULL), ==, p.epoch);
        g_assert_cmpfloat (g_ascii_strtod (f[3], NULL), ==, p.time);
        g_assert_cmpfloat (g_ascii_strtod (f[4], NULL), ==, p.value);
      }
    for (guint r = 0; r < 2; r++)
      for (guint k = 0; k < STRATA_CHART_N_KINDS; k++)
        n_points += strata_loss_chart_get_n_points (chart, r ? b : a, k);
    g_assert_cmpuint (g_strv_length (lines), ==, n_points + 2);   /* header, trailing "" */
    g_assert_cmpstr (lines[n_points + 1], ==, "");
    g_assert_true (g_str_has_prefix (lines[n_points], "lr=0.01,val_accuracy,599,"));
  }

  /* Errors name the file and leave an existing file untouched. */
  {
    g_autoptr(GFile) file = g_file_new_for_path (png);
    g_autofree char *missing = g_build_filename (dir, "no-such-dir", "x.svg", NULL);
    g_autoptr(GFile) bad = g_file_new_for_path (missing);
    g_autofree char *before = read_file (png, &len);
    g_autofree char *after = NULL;
    gsize len_after;
    StrataChartFormat format;

    g_assert_false (strata_loss_chart_export (chart, file, STRATA_CHART_FORMAT_PNG, 0, 10, &error));
    g_assert_error (error, STRATA_CHART_EXPORT_ERROR, STRATA_CHART_EXPORT_ERROR_SIZE);
    g_assert_nonnull (strstr (error->message, "chart.png"));
    g_clear_error (&error);
    after = read_file (png, &len_after);
    g_assert_cmpmem (before, len, after, len_after);

    g_assert_false (strata_loss_chart_export (chart, bad, STRATA_CHART_FORMAT_SVG, 10, 10, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (error->message, "no-such-dir"));
    g_clear_error (&error);

    g_assert_false (strata_chart_format_from_filename ("chart.jpeg", &format));
  }

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    g_assert_cmpint (g_remove (paths[i]), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  g_assert_finalize_object (chart);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/LossChart/feed/from-thread", test_feed_from_thread);
  g_test_add_func ("/LossChart/smoothing/fixture", test_smoothing_fixture);
  g_test_add_func ("/LossChart/render/columns-linear", test_render_columns_linear);
  g_test_add_func ("/LossChart/render/columns-log", test_render_columns_log);
  g_test_add_func ("/LossChart/runs", test_runs);
  g_test_add_func ("/LossChart/view-and-input", test_view_and_input);
  g_test_add_func ("/LossChart/export", test_export);

  return g_test_run ();
}
