/* canvas-fixtures.c — sample pipelines and PNG rendering for canvas tests
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "canvas-fixtures.h"

static StrataCanvasNode *
node (const char *id, const char *type, const char *title, const char *group, const char *icon)
{
  return strata_canvas_node_new (id, type, title, group, icon);
}

static void
add (StrataCanvasModel *m, StrataCanvasNode *n, double x, double y)
{
  gboolean ok = strata_canvas_model_add_node (m, n, x, y, NULL);

  g_assert (ok);
}

StrataCanvasModel *
canvas_fixture_sample (void)
{
  StrataCanvasModel *m = strata_canvas_model_new ();
  StrataCanvasNode *n;

  n = node ("iris", "data.csv", "iris.csv", "data", "x-office-spreadsheet-symbolic");
  strata_canvas_node_add_port (n, "table", STRATA_CANVAS_PORT_OUTPUT, "table");
  strata_canvas_node_init_param (n, "path", g_variant_new_string ("data/datasets/iris.csv"));
  add (m, n, 40, 60);

  n = node ("split", "clean.split", "Split", "clean", "edit-cut-symbolic");
  strata_canvas_node_add_port (n, "table", STRATA_CANVAS_PORT_INPUT, "table");
  strata_canvas_node_add_port (n, "train", STRATA_CANVAS_PORT_OUTPUT, "table");
  strata_canvas_node_add_port (n, "test", STRATA_CANVAS_PORT_OUTPUT, "table");
  strata_canvas_node_init_param (n, "test_size", g_variant_new_double (0.25));
  add (m, n, 310, 60);

  n = node ("tree", "model.tree", "Decision tree", "model", "view-list-symbolic");
  strata_canvas_node_add_port (n, "table", STRATA_CANVAS_PORT_INPUT, "table");
  strata_canvas_node_add_port (n, "model", STRATA_CANVAS_PORT_OUTPUT, "model");
  strata_canvas_node_init_param (n, "max_depth", g_variant_new_int64 (4));
  add (m, n, 580, 20);

  n = node ("metrics", "eval.metrics", "Metrics", "evaluate", "emblem-ok-symbolic");
  strata_canvas_node_add_port (n, "model", STRATA_CANVAS_PORT_INPUT, "model");
  strata_canvas_node_add_port (n, "table", STRATA_CANVAS_PORT_INPUT, "table");
  strata_canvas_node_add_port (n, "metrics", STRATA_CANVAS_PORT_OUTPUT, "metrics");
  add (m, n, 850, 110);

  n = node ("rules", "mine.apriori", "Apriori", "mine", "system-search-symbolic");
  strata_canvas_node_add_port (n, "table", STRATA_CANVAS_PORT_INPUT, "table");
  strata_canvas_node_add_port (n, "rules", STRATA_CANVAS_PORT_OUTPUT, "rules");
  add (m, n, 580, 250);

  g_assert (strata_canvas_model_link (m, "iris", "table", "split", "table", NULL));
  g_assert (strata_canvas_model_link (m, "split", "train", "tree", "table", NULL));
  g_assert (strata_canvas_model_link (m, "tree", "model", "metrics", "model", NULL));
  g_assert (strata_canvas_model_link (m, "split", "test", "metrics", "table", NULL));
  g_assert (strata_canvas_model_link (m, "split", "test", "rules", "table", NULL));

  strata_canvas_model_set_status (m, "iris", STRATA_CANVAS_STATUS_DONE, 1, NULL);
  strata_canvas_model_set_status (m, "split", STRATA_CANVAS_STATUS_DONE, 1, NULL);
  strata_canvas_model_set_status (m, "tree", STRATA_CANVAS_STATUS_RUNNING, 0.4, NULL);
  strata_canvas_model_set_status (m, "metrics", STRATA_CANVAS_STATUS_QUEUED, 0, NULL);
  strata_canvas_model_set_status (m, "rules", STRATA_CANVAS_STATUS_FAILED, 0,
                                  "min_support 0.9 leaves no frequent itemset");
  strata_undo_stack_clear (strata_canvas_model_get_undo_stack (m));
  return m;
}

StrataCanvasModel *
canvas_fixture_grid (guint n_nodes,
                     guint n_links)
{
  StrataCanvasModel *m = strata_canvas_model_new ();
  guint rows = (n_nodes + 9) / 10, made = 0;

  for (guint i = 0; i < n_nodes; i++)
    {
      g_autofree char *id = g_strdup_printf ("n%u", i);
      StrataCanvasNode *n = node (id, "clean.normalize", NULL, "clean", "edit-cut-symbolic");

      strata_canvas_node_add_port (n, "table", STRATA_CANVAS_PORT_INPUT, "table");
      strata_canvas_node_add_port (n, "other", STRATA_CANVAS_PORT_INPUT, "table");
      strata_canvas_node_add_port (n, "table", STRATA_CANVAS_PORT_OUTPUT, "table");
      add (m, n, (i / rows) * 280.0, (i % rows) * 170.0);
    }
  /* Node i (column c, row r) feeds row r and row r+1 of column c+1. */
  for (guint pass = 0; pass < 2 && made < n_links; pass++)
    for (guint i = 0; i + rows < n_nodes && made < n_links; i++)
      {
        guint to = i + rows + pass;
        g_autofree char *a = g_strdup_printf ("n%u", i);
        g_autofree char *b = g_strdup_printf ("n%u", to);

        if (to >= n_nodes || (pass == 1 && to % rows == 0))
          continue;
        if (strata_canvas_model_link (m, a, "table", b, pass == 0 ? "table" : "other", NULL))
          made++;
      }
  strata_undo_stack_clear (strata_canvas_model_get_undo_stack (m));
  return m;
}

void
canvas_fixture_colors (StrataCanvas *canvas)
{
  static const struct { const char *name; const char *color; } kinds[] = {
    { "table", "#3584e4" }, { "model", "#e66100" }, { "metrics", "#2ec27e" }, { "rules", "#9141ac" },
  }, groups[] = {
    { "data", "#3584e4" }, { "clean", "#2190a4" }, { "mine", "#9141ac" },
    { "model", "#e66100" }, { "evaluate", "#26a269" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      GdkRGBA c;

      gdk_rgba_parse (&c, kinds[i].color);
      strata_canvas_set_kind_color (canvas, kinds[i].name, &c);
    }
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    {
      GdkRGBA c;

      gdk_rgba_parse (&c, groups[i].color);
      strata_canvas_set_group_color (canvas, groups[i].name, &c);
    }
}

GtkGesture *
canvas_fixture_drag_gesture (GtkWidget *canvas,
                             guint      button)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (canvas);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

      /* The widget holds the controller: borrowing it past unref is safe. */
      if (GTK_IS_GESTURE_DRAG (c) && gtk_gesture_single_get_button (GTK_GESTURE_SINGLE (c)) == button)
        return GTK_GESTURE (c);
    }
  g_assert_not_reached ();
}

static void
on_frame (GdkFrameClock *clock,
          gboolean      *drawn)
{
  *drawn = TRUE;
}

void
canvas_fixture_wait_draw (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gboolean drawn = FALSE;
  gulong id;
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  if (clock == NULL)
    return;
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_frame), &drawn);
  gtk_widget_queue_draw (widget);
  while (!drawn && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, id);
}

GtkWidget *
canvas_fixture_window (GtkWidget *canvas,
                       int        width,
                       int        height)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_set_child (GTK_WINDOW (window), canvas);
  gtk_window_present (GTK_WINDOW (window));
  for (int i = 0; i < 200 && gtk_widget_get_width (canvas) < width / 2; i++)
    g_main_context_iteration (NULL, TRUE);
  canvas_fixture_wait_draw (canvas);
  return window;
}

void
canvas_fixture_relayout (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);
  graphene_matrix_t m;

  g_assert (gtk_widget_compute_transform (widget, parent, &m));
  gtk_widget_allocate (widget, gtk_widget_get_width (widget), gtk_widget_get_height (widget), -1,
                       gsk_transform_matrix (NULL, &m));
}

GdkTexture *
canvas_fixture_render (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  g_autoptr(GskRenderNode) root = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  graphene_point_t origin;

  /* Through the parent, as a frame would: re-snapshots what was queued for
   * drawing and reuses the render nodes of the rest. (A GtkWidgetPaintable
   * would only hand back the image of the last frame.) */
  canvas_fixture_relayout (widget);
  g_assert (gtk_widget_compute_point (widget, parent, &GRAPHENE_POINT_INIT (0, 0), &origin));
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-origin.x, -origin.y));
  gtk_widget_snapshot_child (parent, widget, snapshot);
  root = gtk_snapshot_free_to_node (snapshot);
  g_assert (root != NULL);
  return gsk_renderer_render_texture (renderer, root, &GRAPHENE_RECT_INIT (0, 0, width, height));
}
