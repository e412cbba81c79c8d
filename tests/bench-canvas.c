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
  gint64   t0;
  gint64   t1;
} Frame;

static void on_before_paint (GdkFrameClock *clock, Frame *f) { f->t0 = g_get_monotonic_time (); }
static void on_after_paint (GdkFrameClock *clock, Frame *f) { f->t1 = g_get_monotonic_time (); }

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
report (const char *name, GArray *ms)
{
  g_array_sort (ms, compare_doubles);
  g_print ("%-16s median %7.2f ms   p90 %7.2f ms   (%u samples)\n", name,
           g_array_index (ms, double, ms->len / 2),
           g_array_index (ms, double, (ms->len * 9) / 10), ms->len);
}

/* Waits for one frame and returns its update→after-paint time in ms. */
static double
one_frame (GtkWidget *canvas, Frame *frame)
{
  gint64 deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

  frame->t0 = frame->t1 = 0;
  while ((frame->t1 == 0 || frame->t0 == 0) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  return (frame->t1 - frame->t0) / 1000.0;
}

static double
snapshot_ms (GtkWidget *canvas)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  gint64 t0 = g_get_monotonic_time ();
  GskRenderNode *node;
  double v;

  canvas_fixture_relayout (canvas);
  gtk_widget_snapshot_child (gtk_widget_get_parent (canvas), canvas, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  v = (g_get_monotonic_time () - t0) / 1000.0;
  g_clear_pointer (&node, gsk_render_node_unref);
  return v;
}

static void
invalidate_all (StrataCanvas *canvas)
{
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (canvas)); c; c = gtk_widget_get_next_sibling (c))
    gtk_widget_queue_draw (c);
  strata_canvas_invalidate_links (canvas);
}

int
main (int argc, char **argv)
{
  int n = argc > 1 ? atoi (argv[1]) : 60;
  g_autoptr(StrataCanvasModel) model = NULL;
  GtkWidget *canvas, *window;
  GdkFrameClock *clock;
  Frame frame = { 0 };
  GtkGesture *drag = NULL;
  g_autoptr(GListModel) controllers = NULL;
  const char *ids[11];
  GArray *ms = g_array_new (FALSE, FALSE, sizeof (double));

  gtk_init ();
  adw_init ();

  model = canvas_fixture_grid (100, 150);
  g_assert (strata_canvas_model_get_links (model)->len == 150);
  for (int i = 0; i < 100; i += 7)
    {
      g_autofree char *id = g_strdup_printf ("n%d", i);

      strata_canvas_model_set_status (model, id, STRATA_CANVAS_STATUS_RUNNING, i / 100.0, NULL);
    }
  canvas = strata_canvas_new (model);
  window = canvas_fixture_window (canvas, 1600, 1000);
  strata_canvas_zoom_fit (STRATA_CANVAS (canvas));
  canvas_fixture_wait_draw (canvas);
  clock = gtk_widget_get_frame_clock (canvas);
  g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint), &frame);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &frame);
  g_print ("renderer %s, zoom %.2f, %u cards, %u links, %dx%d\n",
           G_OBJECT_TYPE_NAME (gtk_native_get_renderer (gtk_widget_get_native (canvas))),
           strata_canvas_get_zoom (STRATA_CANVAS (canvas)),
           strata_canvas_model_get_nodes (model)->len, strata_canvas_model_get_links (model)->len,
           gtk_widget_get_width (canvas), gtk_widget_get_height (canvas));

  for (int i = 0; i < n; i++)
    {
      double v;

      invalidate_all (STRATA_CANVAS (canvas));
      v = snapshot_ms (canvas);
      g_array_append_val (ms, v);
    }
  report ("snapshot-full", ms);

  g_array_set_size (ms, 0);
  for (int i = 0; i < n; i++)
    {
      double v;

      strata_canvas_model_set_status (model, "n7", STRATA_CANVAS_STATUS_RUNNING, (i % 100) / 100.0, NULL);
      v = snapshot_ms (canvas);
      g_array_append_val (ms, v);
    }
  report ("snapshot-progress", ms);

  g_array_set_size (ms, 0);
  for (int i = 0; i < n; i++)
    {
      gint64 t0;
      GdkTexture *texture;
      double v;

      invalidate_all (STRATA_CANVAS (canvas));
      t0 = g_get_monotonic_time ();
      texture = canvas_fixture_render (canvas);
      v = (g_get_monotonic_time () - t0) / 1000.0;
      g_object_unref (texture);
      g_array_append_val (ms, v);
    }
  report ("offscreen-full", ms);

  {
    g_autoptr(StrataCanvasModel) empty = strata_canvas_model_new ();

    strata_canvas_set_model (STRATA_CANVAS (canvas), empty);
    g_array_set_size (ms, 0);
    for (int i = 0; i < n; i++)
      {
        double v;

        gtk_widget_queue_draw (canvas);
        v = one_frame (canvas, &frame);
        g_array_append_val (ms, v);
      }
    report ("frame-empty", ms);
    strata_canvas_set_model (STRATA_CANVAS (canvas), model);
    strata_canvas_zoom_fit (STRATA_CANVAS (canvas));
    canvas_fixture_wait_draw (canvas);
  }

  g_array_set_size (ms, 0);
  for (int i = 0; i < n; i++)
    {
      double v;

      invalidate_all (STRATA_CANVAS (canvas));
      v = one_frame (canvas, &frame);
      g_array_append_val (ms, v);
    }
  report ("frame-full", ms);

  g_array_set_size (ms, 0);
  for (int i = 0; i < n; i++)
    {
      double v;

      strata_canvas_model_set_status (model, "n7", STRATA_CANVAS_STATUS_RUNNING, (i % 100) / 100.0, NULL);
      v = one_frame (canvas, &frame);
      g_array_append_val (ms, v);
    }
  report ("frame-progress", ms);

  for (int i = 0; i < 10; i++)
    ids[i] = strata_canvas_node_get_id (g_ptr_array_index (strata_canvas_model_get_nodes (model), 40 + i));
  ids[10] = NULL;
  strata_canvas_set_selection (STRATA_CANVAS (canvas), ids);
  controllers = gtk_widget_observe_controllers (canvas);
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && drag == NULL; i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_DRAG (c) && gtk_gesture_single_get_button (GTK_GESTURE_SINGLE (c)) == GDK_BUTTON_PRIMARY)
        drag = GTK_GESTURE (c);
    }
  {
    double cx, cy, x, y;
    StrataCanvasNode *node = strata_canvas_model_get_node (model, ids[0]);

    cx = strata_canvas_node_get_x (node) + 100;
    cy = strata_canvas_node_get_y (node) + 20;
    strata_canvas_canvas_to_widget (STRATA_CANVAS (canvas), cx, cy, &x, &y);
    g_signal_emit_by_name (drag, "drag-begin", x, y);
    g_array_set_size (ms, 0);
    for (int i = 0; i < n; i++)
      {
        double v;

        g_signal_emit_by_name (drag, "drag-update", (double) (i % 40), (double) (i % 25));
        v = one_frame (canvas, &frame);
        g_array_append_val (ms, v);
      }
    g_signal_emit_by_name (drag, "drag-end", 0.0, 0.0);
    report ("frame-drag", ms);
  }

  g_array_set_size (ms, 0);
  for (int i = 0; i < n; i++)
    {
      GtkAdjustment *h = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (canvas));
      double v;

      gtk_adjustment_set_value (h, gtk_adjustment_get_value (h) + (i % 2 ? 8 : -8));
      v = one_frame (canvas, &frame);
      g_array_append_val (ms, v);
    }
  report ("frame-pan", ms);

  g_signal_handlers_disconnect_by_data (clock, &frame);
  g_array_unref (ms);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
