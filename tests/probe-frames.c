/* probe-frames.c — the longest gap between frames while a workflow trains
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   xvfb-run -a build/tests/probe-frames FILE.strata NODE SECONDS
 *
 * Opens FILE in the workbench window, selects NODE (so its dashboard and
 * loss chart are what the window draws), runs the workflow, and from the
 * node's first training batch on records the frame clock's "after-paint"
 * timestamps for SECONDS (or to the end of the run), then stops the run.
 * Prints the number of frames, the batches the chart received, the
 * longest gap between two frames, the 99th percentile and how many gaps
 * exceeded 33 ms, and the main thread's own work per frame (from the
 * frame clock's "update" to its "after-paint"), as wall time and as the
 * thread's CPU time (the difference is time the scheduler gave to other
 * processes). It also prints how much of the window the frames
 * repainted (see common/frame-buffers.h). With
 * PROBE_FRAMES_LOG=1 in the environment it logs every frame to stderr: its
 * CPU time split into update + layout and paint, and the size of each
 * frame buffer it painted into. A measurement for docs/window.md, not a
 * test: the figure depends on the machine and its load.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "common/frame-buffers.h"
#include "strata-application.h"
#include "strata-window-private.h"
#include "window-helpers.h"

typedef struct {
  StrataWindow *window;
  const char   *node;
  GArray       *stamps;   /* gint64 µs of each after-paint while measuring */
  gboolean      measuring;
  gint64        frame_start;  /* µs at this frame's "update" */
  gint64        busy_max;     /* longest update → after-paint, µs */
  gint64        busy_total;
  gint64        cpu_start;    /* thread CPU µs at "update" */
  gint64        cpu_max, cpu_total;
  gint64        area_total, area_max;   /* px of frame buffers (common/frame-buffers.h) */
  gint64        worst_cpu, worst_area;
  gint64        cpu_layout, cpu_paint;   /* thread CPU µs at the ends of layout and paint */
  gboolean      log;          /* PROBE_FRAMES_LOG: a line per frame on stderr */
} Probe;

static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gsize
chart_points (Probe *p)
{
  StrataTrainingPage *page = _strata_window_training_page (p->window, p->node);
  StrataLossChart *chart;
  gsize n = 0;

  if (page == NULL)
    return 0;
  chart = strata_training_dashboard_get_chart (_strata_training_page_get_dashboard (page));
  for (guint r = 0; r < strata_loss_chart_get_n_runs (chart); r++)
    n += strata_loss_chart_get_n_points (chart, strata_loss_chart_get_run_id (chart, r),
                                         STRATA_CHART_TRAIN_LOSS);
  return n;
}

static void
update (GdkFrameClock *clock,
        Probe         *p)
{
  p->frame_start = g_get_monotonic_time ();
  p->cpu_start = thread_cpu_us ();
  if (p->measuring)
    frame_buffers_start ();
}

static void
layout_end (GdkFrameClock *clock,
            Probe         *p)
{
  p->cpu_layout = thread_cpu_us ();
}

static void
paint_end (GdkFrameClock *clock,
           Probe         *p)
{
  p->cpu_paint = thread_cpu_us ();
}

static void
after_paint (GdkFrameClock *clock,
             Probe         *p)
{
  gint64 now = g_get_monotonic_time ();

  if (!p->measuring)
    return;
  g_array_append_val (p->stamps, now);
  /* The main thread's own work in the frame: draining events, layout,
   * drawing. */
  if (p->frame_start > 0)
    {
      gint64 cpu = thread_cpu_us () - p->cpu_start;
      gint64 area = frame_buffers_stop ();

      p->busy_max = MAX (p->busy_max, now - p->frame_start);
      p->busy_total += now - p->frame_start;
      if (p->log)
        fprintf (stderr, "frame cpu %.1f ms: update+layout %.1f, paint %.1f; buffers %" G_GINT64_FORMAT " px; "
                 "gap %.1f ms, batches %" G_GSIZE_FORMAT "\n",
                 cpu / 1000.0, (p->cpu_layout - p->cpu_start) / 1000.0,
                 (p->cpu_paint - p->cpu_layout) / 1000.0, area,
                 p->stamps->len > 1 ? (now - g_array_index (p->stamps, gint64, p->stamps->len - 2)) / 1000.0 : 0.0,
                 chart_points (p));
      p->cpu_max = MAX (p->cpu_max, cpu);
      p->cpu_total += cpu;
      p->area_total += area;
      p->area_max = MAX (p->area_max, area);
      if (cpu > p->worst_cpu)
        {
          p->worst_cpu = cpu;
          p->worst_area = area;
        }
    }
}

static int
compare_gaps (gconstpointer a,
              gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(StrataApplication) app = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GArray) gaps = g_array_new (FALSE, FALSE, sizeof (gint64));
  Probe p = { NULL, NULL, g_array_new (FALSE, FALSE, sizeof (gint64)), FALSE };
  StrataWorkbench *workbench;
  GdkFrameClock *clock;
  gint64 end;
  double seconds;
  guint over = 0;

  if (argc != 4 || !gtk_init_check ())
    {
      fprintf (stderr, "usage (with a display): probe-frames FILE.strata NODE SECONDS\n");
      return 2;
    }
  adw_init ();
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  p.node = argv[2];
  seconds = g_ascii_strtod (argv[3], NULL);
  app = strata_application_new ();
  g_application_register (G_APPLICATION (app), NULL, NULL);
  p.window = test_new_window (app, 1280, 860);
  file = g_file_new_for_commandline_arg (argv[1]);
  strata_window_open (p.window, file);
  test_wait_until_idle (p.window, 120);
  workbench = strata_window_get_workbench (p.window);
  if (workbench == NULL)
    {
      fprintf (stderr, "probe-frames: could not open %s\n", argv[1]);
      return 1;
    }
  strata_window_select_node (p.window, p.node);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (p.window));
  g_signal_connect (clock, "update", G_CALLBACK (update), &p);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint), &p);
  g_signal_connect (clock, "layout", G_CALLBACK (layout_end), &p);
  g_signal_connect (clock, "paint", G_CALLBACK (paint_end), &p);
  p.log = getenv ("PROBE_FRAMES_LOG") != NULL;
  frame_buffers_set_log (p.log);

  gtk_widget_activate_action (GTK_WIDGET (p.window), "win.run", NULL);
  while (strata_workbench_is_running (workbench) && chart_points (&p) == 0)
    g_main_context_iteration (NULL, TRUE);
  p.measuring = TRUE;
  end = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);
  while (strata_workbench_is_running (workbench) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  p.measuring = FALSE;
  strata_workbench_stop (workbench);
  while (strata_workbench_is_running (workbench))
    g_main_context_iteration (NULL, TRUE);

  for (guint i = 1; i < p.stamps->len; i++)
    {
      gint64 gap = g_array_index (p.stamps, gint64, i) - g_array_index (p.stamps, gint64, i - 1);

      g_array_append_val (gaps, gap);
      over += gap > 33000;
    }
  g_array_sort (gaps, compare_gaps);
  printf ("frames %u, batches charted %" G_GSIZE_FORMAT ", ", p.stamps->len, chart_points (&p));
  if (gaps->len > 0)
    printf ("longest gap %.1f ms, 99th percentile %.1f ms, median %.1f ms, gaps over 33 ms: %u\n",
            g_array_index (gaps, gint64, gaps->len - 1) / 1000.0,
            g_array_index (gaps, gint64, (gaps->len - 1) * 99 / 100) / 1000.0,
            g_array_index (gaps, gint64, (gaps->len - 1) / 2) / 1000.0, over);
  else
    printf ("no frames\n");
  if (p.stamps->len > 0)
    printf ("main-thread work per frame (update → after-paint): wall longest %.1f ms, mean %.1f ms; "
            "CPU longest %.1f ms, mean %.1f ms\n",
            p.busy_max / 1000.0, p.busy_total / 1000.0 / p.stamps->len,
            p.cpu_max / 1000.0, p.cpu_total / 1000.0 / p.stamps->len);
  if (p.stamps->len > 0)
    printf ("frame buffers: mean %.0f px, largest %" G_GINT64_FORMAT " px, "
            "in the frame with the most CPU %" G_GINT64_FORMAT " px (window %d×%d = %d px)\n",
            (double) p.area_total / p.stamps->len, p.area_max, p.worst_area,
            gtk_widget_get_width (GTK_WIDGET (p.window)), gtk_widget_get_height (GTK_WIDGET (p.window)),
            gtk_widget_get_width (GTK_WIDGET (p.window)) * gtk_widget_get_height (GTK_WIDGET (p.window)));
  g_signal_handlers_disconnect_by_func (clock, after_paint, &p);
  g_signal_handlers_disconnect_by_func (clock, update, &p);
  g_array_unref (p.stamps);
  p.window->close_confirmed = TRUE;
  gtk_window_destroy (GTK_WINDOW (p.window));
  return 0;
}

