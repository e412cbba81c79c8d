/* bench-loss-chart.c — time to render one loss chart frame
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Renders N training-loss points in all (noisy, decaying; a current run of
 * 0.8 N and an earlier run of 0.2 N overlaid), each run with 10 epochs of
 * validation loss and accuracy, on a log axis, into an
 * offscreen 1000×600 cairo image surface, the way the widget's snapshot
 * does (strata_chart_render()), and prints the median of 101 frames for
 * N = 2,000, 10⁵, 10⁶ and 10⁷. The budget is 4 ms per frame at 10⁶ points.
 *
 * With --widget (needs a display: xvfb-run -a), it measures the widget's
 * own frame instead: a StrataLossChart of 800×480 in a window, fed N points;
 * per frame one point is appended (as in live training, which drops the
 * cached node), the widget is snapshotted (strata_chart_render() into GTK's
 * cairo node) and the node is rendered to a texture by the window's
 * GskRenderer. It prints the median of each part.
 *
 *   meson test -C build --benchmark --suite gui --verbose
 *   ./build/tests/bench-loss-chart [N …]
 *   xvfb-run -a ./build/tests/bench-loss-chart --widget [N]
 */

#include <math.h>
#include <stdlib.h>
#include <time.h>

#include "strata-chart-render.h"
#include "strata-loss-chart-private.h"

#define FRAMES 101
#define WIDTH 1000
#define HEIGHT 600

static int
cmp_double (const void *a,
            const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* CPU time of this thread, ms: what the frame costs, whatever else the
 * machine is doing. */
static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static StrataChartRun *
make_run (guint  id,
          gsize  n,
          guint  seed)
{
  StrataChartRun *run = strata_chart_run_new (id, id == 1 ? "earlier" : "current", id - 1);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  gsize per_epoch = MAX (n / 10, 1);
  StrataChartPoint pts[4096];

  for (gsize i = 0; i < n; i++)
    {
      StrataChartPoint *p = &pts[i % G_N_ELEMENTS (pts)];

      p->step = i;
      p->epoch = (double) i / per_epoch;
      p->time = i * 0.002;
      p->value = (0.05 + 2.2 * exp (-(double) i / (n / 8.0))) * exp (g_rand_double_range (rand, -0.4, 0.4));
      if ((i + 1) % G_N_ELEMENTS (pts) == 0 || i + 1 == n)
        strata_series_append (run->series[STRATA_CHART_TRAIN_LOSS], pts, i % G_N_ELEMENTS (pts) + 1);
    }
  for (gsize e = 1; e <= 10; e++)
    {
      StrataChartPoint p = { e * per_epoch - 1, e, (e * per_epoch - 1) * 0.002, 0 };

      p.value = 0.3 + 1.0 / e;
      strata_series_append (run->series[STRATA_CHART_VAL_LOSS], &p, 1);
      p.value = 0.95 - 0.5 / e;
      strata_series_append (run->series[STRATA_CHART_VAL_ACCURACY], &p, 1);
    }
  strata_series_set_smoothing (run->series[STRATA_CHART_TRAIN_LOSS], 0.6);
  return run;
}

static void
bench (gsize n)
{
  g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func ((GDestroyNotify) strata_chart_run_free);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  StrataChartScene scene = { .runs = runs, .log_y = TRUE };
  StrataChartLayout L;
  double ms[FRAMES], cpu[FRAMES];

  /* n points in all: an earlier run of n/5 overlaid under the current one. */
  g_ptr_array_add (runs, make_run (1, n / 5, 1));
  g_ptr_array_add (runs, make_run (2, n - n / 5, 2));
  gdk_rgba_parse (&scene.background, "white");
  gdk_rgba_parse (&scene.ink, "#1e1e1e");

  /* Warm-up: computes the smoothed columns once, as the first live frame
   * does; later frames only extend them. */
  {
    cairo_t *cr = cairo_create (surface);

    strata_chart_render (&scene, cr, WIDTH, HEIGHT, &L);
    cairo_destroy (cr);
  }

  for (guint f = 0; f < FRAMES; f++)
    {
      gint64 t0 = g_get_monotonic_time ();
      double c0 = thread_cpu_ms ();
      cairo_t *cr = cairo_create (surface);

      strata_chart_render (&scene, cr, WIDTH, HEIGHT, &L);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      cpu[f] = thread_cpu_ms () - c0;
      ms[f] = (g_get_monotonic_time () - t0) / 1000.0;
    }
  qsort (ms, FRAMES, sizeof ms[0], cmp_double);
  qsort (cpu, FRAMES, sizeof cpu[0], cmp_double);
  g_print ("loss chart %dx%d, %9" G_GSIZE_FORMAT " points (2 runs, log axis): "
           "median %.2f ms (CPU %.2f ms), min %.2f ms, max %.2f ms, %" G_GSIZE_FORMAT " primitives\n",
           WIDTH, HEIGHT, n, ms[FRAMES / 2], cpu[FRAMES / 2], ms[0], ms[FRAMES - 1], L.n_segments);
  cairo_surface_destroy (surface);
}

static gboolean
count_frame (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       data)
{
  return --(*(int *) data) > 0 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static void
bench_widget (gsize n)
{
  GtkWidget *window = gtk_window_new ();
  StrataLossChart *chart = STRATA_LOSS_CHART (strata_loss_chart_new ());
  GtkWidget *widget = GTK_WIDGET (chart);
  double snap_ms[FRAMES], gsk_ms[FRAMES];
  StrataChartRun *current;
  int frames = 5;
  guint run;

  gtk_window_set_default_size (GTK_WINDOW (window), 800, 480);
  gtk_window_set_child (GTK_WINDOW (window), widget);
  gtk_window_present (GTK_WINDOW (window));
  strata_loss_chart_set_log_scale (chart, TRUE);
  run = strata_loss_chart_add_run (chart, "current");
  /* Swap in a prepared run (same data as the cairo benchmark). */
  current = make_run (run, n, 2);
  current->color_index = 0;
  strata_chart_run_free (g_ptr_array_steal_index (chart->runs, 0));
  g_ptr_array_add (chart->runs, current);
  gtk_widget_add_tick_callback (widget, count_frame, &frames, NULL);
  while (frames > 0)
    g_main_context_iteration (NULL, TRUE);

  for (guint f = 0; f < FRAMES; f++)
    {
      StrataChartPoint p = { n + f, 10.0, (n + f) * 0.002, 0.1 };
      GtkSnapshot *snapshot = gtk_snapshot_new ();
      GskRenderNode *node;
      GdkTexture *texture;
      gint64 t0, t1;

      strata_loss_chart_append (chart, run, STRATA_CHART_TRAIN_LOSS, &p, 1);
      t0 = g_get_monotonic_time ();
      /* The widget's own snapshot, as GTK calls it in a frame. */
      GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
      node = gtk_snapshot_free_to_node (snapshot);
      g_assert (node != NULL);
      t1 = g_get_monotonic_time ();
      texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                             node, NULL);
      snap_ms[f] = (t1 - t0) / 1000.0;
      gsk_ms[f] = (g_get_monotonic_time () - t1) / 1000.0;
      g_object_unref (texture);
      gsk_render_node_unref (node);
    }
  qsort (snap_ms, FRAMES, sizeof snap_ms[0], cmp_double);
  qsort (gsk_ms, FRAMES, sizeof gsk_ms[0], cmp_double);
  g_print ("loss chart widget %dx%d, %9" G_GSIZE_FORMAT " points (%s): snapshot median %.2f ms, "
           "GSK render to texture median %.2f ms\n",
           gtk_widget_get_width (widget), gtk_widget_get_height (widget), n,
           G_OBJECT_TYPE_NAME (gtk_native_get_renderer (gtk_widget_get_native (widget))),
           snap_ms[FRAMES / 2], gsk_ms[FRAMES / 2]);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  if (argc > 1 && g_str_equal (argv[1], "--widget"))
    {
      gtk_init ();
      bench_widget (argc > 2 ? (gsize) g_ascii_strtoull (argv[2], NULL, 10) : 1000000);
      return 0;
    }
  if (argc > 1)
    {
      for (int i = 1; i < argc; i++)
        bench ((gsize) g_ascii_strtoull (argv[i], NULL, 10));
      return 0;
    }
  /* A few thousand points, one or two per pixel column, are what a live
   * run shows most of the time (LeNet-5 on MNIST: 2,814 batches). */
  bench (2000);
  bench (100000);
  bench (1000000);
  bench (10000000);
  return 0;
}
