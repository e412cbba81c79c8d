/* demo-loss-chart.c — the loss chart on synthetic training curves
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writes the picture in docs/screenshots/loss-chart.png: two runs of three
 * epochs (noisy decaying loss, validation loss and accuracy per epoch), the
 * earlier one overlaid, on a log axis, through the widget's PNG export (or
 * SVG, PDF, CSV after the file name's extension).
 *
 *   xvfb-run -a ./build/tests/demo-loss-chart OUT.png [--dark] [--linear]
 *       [--x-axis step|epoch|time] [--size WxH] [--steps-per-epoch N]
 *       [--hide-earlier] [--hover]
 *
 * --dark renders the same scene on Adwaita's dark page instead (the export
 * itself always uses a light page), to check the palette on both. --hover
 * shows the chart in a window, puts the pointer at the middle of the plot
 * and saves what the widget draws, crosshair and label included.
 */

#include <math.h>

#include "strata-chart-export.h"
#include "strata-loss-chart-private.h"

static gboolean
quit_after_frames (GtkWidget     *widget,
                   GdkFrameClock *clock,
                   gpointer       data)
{
  int *frames = data;

  return --(*frames) > 0 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static void
iterate_frames (GtkWidget *widget,
                int        n)
{
  gtk_widget_add_tick_callback (widget, quit_after_frames, &n, NULL);
  while (n > 0)
    g_main_context_iteration (NULL, TRUE);
}

/* Shows the chart in a window, hovers it and saves the widget's pixels. */
static gboolean
save_hovered (StrataLossChart *chart,
              int              w,
              int              h,
              const char      *path)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *widget = GTK_WIDGET (chart);
  g_autoptr(GListModel) controllers = NULL;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  GskRenderNode *node;

  gtk_window_set_default_size (GTK_WINDOW (window), w, h);
  gtk_window_set_child (GTK_WINDOW (window), widget);
  gtk_window_present (GTK_WINDOW (window));
  iterate_frames (widget, 5);

  controllers = gtk_widget_observe_controllers (widget);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_MOTION (c))
        g_signal_emit_by_name (c, "motion", gtk_widget_get_width (widget) * 0.55,
                               gtk_widget_get_height (widget) * 0.45);
    }
  iterate_frames (widget, 2);

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 1, 1, 1, 1 },
                             &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                  gtk_widget_get_height (widget)));
  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget),
                          gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, NULL);
  gsk_render_node_unref (node);
  gtk_window_destroy (GTK_WINDOW (window));
  return gdk_texture_save_to_png (texture, path);
}

static void
fill_run (StrataLossChart *chart,
          guint            run,
          guint            seed,
          guint            per_epoch,
          double           rate,
          double           floor_loss)
{
  const guint epochs = 3;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  double t = 0;

  for (guint i = 0; i < per_epoch * epochs; i++)
    {
      StrataChartPoint p;

      t += g_rand_double_range (rand, 0.010, 0.014);
      p.step = i;
      p.epoch = (double) (i + 1) / per_epoch;
      p.time = t;
      p.value = (floor_loss + 2.2 * exp (-rate * i)) * exp (g_rand_double_range (rand, -0.35, 0.35));
      p.time = t * 400.0 / per_epoch;
      strata_loss_chart_append (chart, run, STRATA_CHART_TRAIN_LOSS, &p, 1);
      if ((i + 1) % per_epoch == 0)
        {
          double e = (double) (i + 1) / per_epoch;

          /* Validation loss bottoms out and rises again for the fast run. */
          p.value = floor_loss * 1.3 + 2.0 * exp (-rate * i) + (rate > 0.004 ? 0.03 * e * e : 0);
          strata_loss_chart_append (chart, run, STRATA_CHART_VAL_LOSS, &p, 1);
          p.value = 1.0 - 0.9 * p.value / (p.value + 0.6);
          strata_loss_chart_append (chart, run, STRATA_CHART_VAL_ACCURACY, &p, 1);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  gboolean dark = FALSE, linear = FALSE, hover = FALSE, hide = FALSE;
  int per_epoch = 400;
  const char *x_axis = "step", *size = "900x520";
  GOptionEntry entries[] = {
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, "Dark page", NULL },
    { "hide-earlier", 0, 0, G_OPTION_ARG_NONE, &hide, "Hide the earlier run", NULL },
    { "hover", 0, 0, G_OPTION_ARG_NONE, &hover, "Screenshot of the widget, hovered", NULL },
    { "linear", 0, 0, G_OPTION_ARG_NONE, &linear, "Linear loss axis", NULL },
    { "x-axis", 0, 0, G_OPTION_ARG_STRING, &x_axis, "step, epoch or time", "AXIS" },
    { "size", 0, 0, G_OPTION_ARG_STRING, &size, "Image size", "WxH" },
    { "steps-per-epoch", 0, 0, G_OPTION_ARG_INT, &per_epoch, "Batches per epoch (400)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new ("OUT.png");
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  StrataLossChart *chart;
  guint a, b;
  int w = 0, h = 0;

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || argc != 2 ||
      sscanf (size, "%dx%d", &w, &h) != 2)
    {
      g_printerr ("usage: demo-loss-chart OUT.png [--dark] [--linear] [--x-axis AXIS] [--size WxH]\n");
      return 2;
    }
  gtk_init ();

  chart = g_object_ref_sink (STRATA_LOSS_CHART (strata_loss_chart_new ()));
  a = strata_loss_chart_add_run (chart, "lr = 0.1");
  b = strata_loss_chart_add_run (chart, "lr = 0.01");
  per_epoch = CLAMP (per_epoch, 1, 10000000);
  fill_run (chart, a, 1, per_epoch, 0.006 * 400 / per_epoch, 0.03);
  fill_run (chart, b, 2, per_epoch, 0.0025 * 400 / per_epoch, 0.06);
  strata_loss_chart_set_log_scale (chart, !linear);
  strata_loss_chart_set_run_visible (chart, a, !hide);
  strata_loss_chart_set_x_axis (chart, g_str_equal (x_axis, "epoch") ? STRATA_CHART_X_EPOCH :
                                       g_str_equal (x_axis, "time") ? STRATA_CHART_X_TIME :
                                       STRATA_CHART_X_STEP);

  file = g_file_new_for_commandline_arg (argv[1]);
  if (hover)
    {
      g_autofree char *path = g_file_get_path (file);

      if (!save_hovered (chart, w, h, path))
        return 1;
    }
  else if (!dark)
    {
      StrataChartFormat format = STRATA_CHART_FORMAT_PNG;

      strata_chart_format_from_filename (argv[1], &format);
      if (!strata_loss_chart_export (chart, file, format, w, h, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
    }
  else
    {
      StrataChartScene scene;
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
      cairo_t *cr = cairo_create (surface);
      g_autofree char *path = g_file_get_path (file);

      strata_loss_chart_fill_scene (chart, &scene);
      gdk_rgba_parse (&scene.background, "#242424");
      gdk_rgba_parse (&scene.ink, "#ffffff");
      strata_chart_render (&scene, cr, w, h, NULL);
      cairo_destroy (cr);
      cairo_surface_write_to_png (surface, path);
      cairo_surface_destroy (surface);
    }
  g_object_unref (chart);
  return 0;
}
