/* bench-canvas.c — how long a frame of a 100-node, 150-link canvas takes
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   meson test -C build --benchmark canvas --verbose
 *   (or: xvfb-run -a build/tests/bench-canvas [frames])
 *
 * The grid fixture (100 cards, 150 links), zoomed to fit a 1600 × 1000
 * window so that every card and link is on screen. Reports the median and
 * 90th percentile, in milliseconds, of:
 *
 *   snapshot-full    every card and the links invalidated, then the canvas
 *                    laid out and snapshot (the render-node tree our code
 *                    builds, before any rasterising)
 *   snapshot-progress  one card's progress changed, then layout + snapshot
 *   offscreen-full   as snapshot-full, then rendered to a texture with the
 *                    window's renderer (gsk_renderer_render_texture, read back)
 *   frame-empty      one frame of the same window with an empty model: what
 *                    the renderer costs before any card (the baseline)
 *   frame-full       the same invalidation, one real frame of the window
 *   frame-progress   one running card's progress changes (the training case)
 *   frame-drag       10 selected cards dragged by the pointer
 *   frame-pan        the view scrolled by 8 pixels
 *
 * A "frame" is timed from the frame clock's before-paint to its after-paint
 * signal: update + layout + snapshot + render + present of the whole window.
 * 60 frames per second leaves 16.7 ms. Under Xvfb the GL renderer runs on
 * Mesa's software rasteriser (llvmpipe), so these are CPU-bound figures;
 * GSK_RENDERER=cairo gives the cairo renderer's.
 */

#include "config.h"

#include <adwaita.h>
#include <stdlib.h>

#include "canvas-fixtures.h"
#include "strata-canvas-private.h"

typedef struct {
  GtkWidget         *canvas;
  StrataCanvasModel *model;
  GtkGesture        *drag;
  gint64             t0, t1;   /* before-paint / after-paint of the last frame */
} Bench;

static void on_before_paint (GdkFrameClock *clock, Bench *b) { b->t0 = g_get_monotonic_time (); }
static void on_after_paint (GdkFrameClock *clock, Bench *b) { b->t1 = g_get_monotonic_time (); }

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* What changes before sample @i. */
typedef void   (*Step)  (Bench *b, int i);
/* How the sample is taken, in ms. */
typedef double (*Timer) (Bench *b);

static void
step_invalidate_all (Bench *b, int i)
{
  for (GtkWidget *c = gtk_widget_get_first_child (b->canvas); c; c = gtk_widget_get_next_sibling (c))
    gtk_widget_queue_draw (c);
  strata_canvas_invalidate_links (STRATA_CANVAS (b->canvas));
}

static void
step_progress (Bench *b, int i)
{
  strata_canvas_model_set_status (b->model, "n7", STRATA_CANVAS_STATUS_RUNNING, (i % 100) / 100.0, NULL);
}

static void
step_drag (Bench *b, int i)
{
  g_signal_emit_by_name (b->drag, "drag-update", (double) (i % 40), (double) (i % 25));
}

static void
step_pan (Bench *b, int i)
{
  GtkAdjustment *h = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (b->canvas));

  /* Right then back, so the value never sits clamped at a bound. */
  gtk_adjustment_set_value (h, gtk_adjustment_get_value (h) + (i % 2 ? -8 : 8));
}

static void
step_redraw (Bench *b, int i)
{
  gtk_widget_queue_draw (b->canvas);
}

static double
time_snapshot (Bench *b)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  gint64 t0 = g_get_monotonic_time ();
  GskRenderNode *node;
  double v;

  canvas_fixture_relayout (b->canvas);
  gtk_widget_snapshot_child (gtk_widget_get_parent (b->canvas), b->canvas, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  v = (g_get_monotonic_time () - t0) / 1000.0;
  g_clear_pointer (&node, gsk_render_node_unref);
  return v;
}

static double
time_offscreen (Bench *b)
{
  gint64 t0 = g_get_monotonic_time ();
  GdkTexture *texture = canvas_fixture_render (b->canvas);
  double v = (g_get_monotonic_time () - t0) / 1000.0;

  g_object_unref (texture);
  return v;
}

/* Waits for one frame and returns its before-paint → after-paint time. */
static gboolean
on_timeout (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static double
time_frame (Bench *b)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (5, on_timeout, &timed_out);

  b->t0 = b->t1 = 0;
  while ((b->t1 == 0 || b->t0 == 0) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  g_assert (!timed_out);   /* the step must have caused a frame */
  return (b->t1 - b->t0) / 1000.0;
}

static void
run (Bench *b, const char *name, int n, Step step, Timer timer)
{
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));

  for (int i = 0; i < n; i++)
    {
      double v;

      step (b, i);
      v = timer (b);
      g_array_append_val (ms, v);
    }
  g_array_sort (ms, compare_doubles);
  g_print ("%-18s median %7.2f ms   p90 %7.2f ms   (%u samples)\n", name,
           g_array_index (ms, double, ms->len / 2),
           g_array_index (ms, double, (ms->len * 9) / 10), ms->len);
}

int
main (int argc, char **argv)
{
  int n = argc > 1 ? atoi (argv[1]) : 31;
  g_autoptr(StrataCanvasModel) model = NULL;
  g_autoptr(StrataCanvasModel) empty = NULL;
  GtkWidget *window;
  GdkFrameClock *clock;
  Bench b = { 0 };
  const char *ids[11];
  double x, y;

  gtk_init ();
  adw_init ();

  model = canvas_fixture_grid (100, 150);
  g_assert (strata_canvas_model_get_links (model)->len == 150);
  for (int i = 0; i < 100; i += 7)
    {
      g_autofree char *id = g_strdup_printf ("n%d", i);

      strata_canvas_model_set_status (model, id, STRATA_CANVAS_STATUS_RUNNING, i / 100.0, NULL);
    }
  b.model = model;
  b.canvas = strata_canvas_new (model);
  window = canvas_fixture_window (b.canvas, 1600, 1000);
  strata_canvas_zoom_fit (STRATA_CANVAS (b.canvas));
  canvas_fixture_wait_draw (b.canvas);
  clock = gtk_widget_get_frame_clock (b.canvas);
  g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint), &b);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &b);
  g_print ("renderer %s, zoom %.2f, %u cards, %u links, %dx%d\n",
           G_OBJECT_TYPE_NAME (gtk_native_get_renderer (gtk_widget_get_native (b.canvas))),
           strata_canvas_get_zoom (STRATA_CANVAS (b.canvas)),
           strata_canvas_model_get_nodes (model)->len, strata_canvas_model_get_links (model)->len,
           gtk_widget_get_width (b.canvas), gtk_widget_get_height (b.canvas));

  run (&b, "snapshot-full", n, step_invalidate_all, time_snapshot);
  run (&b, "snapshot-progress", n, step_progress, time_snapshot);
  run (&b, "offscreen-full", n, step_invalidate_all, time_offscreen);

  empty = strata_canvas_model_new ();
  strata_canvas_set_model (STRATA_CANVAS (b.canvas), empty);
  run (&b, "frame-empty", n, step_redraw, time_frame);
  strata_canvas_set_model (STRATA_CANVAS (b.canvas), model);
  strata_canvas_zoom_fit (STRATA_CANVAS (b.canvas));
  canvas_fixture_wait_draw (b.canvas);

  run (&b, "frame-full", n, step_invalidate_all, time_frame);
  run (&b, "frame-progress", n, step_progress, time_frame);

  for (int i = 0; i < 10; i++)
    ids[i] = strata_canvas_node_get_id (g_ptr_array_index (strata_canvas_model_get_nodes (model), 40 + i));
  ids[10] = NULL;
  strata_canvas_set_selection (STRATA_CANVAS (b.canvas), ids);
  b.drag = canvas_fixture_drag_gesture (b.canvas, GDK_BUTTON_PRIMARY);
  strata_canvas_canvas_to_widget (STRATA_CANVAS (b.canvas),
                                  strata_canvas_node_get_x (strata_canvas_model_get_node (model, ids[0])) + 100,
                                  strata_canvas_node_get_y (strata_canvas_model_get_node (model, ids[0])) + 20,
                                  &x, &y);
  g_signal_emit_by_name (b.drag, "drag-begin", x, y);
  run (&b, "frame-drag", n, step_drag, time_frame);
  g_signal_emit_by_name (b.drag, "drag-end", 0.0, 0.0);

  run (&b, "frame-pan", n, step_pan, time_frame);

  g_signal_handlers_disconnect_by_data (clock, &b);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
