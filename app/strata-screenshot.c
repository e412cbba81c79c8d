/* strata-screenshot.c — `strata screenshot`: render the window to a PNG
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * The command builds the same StrataWindow that `strata FILE` shows, opens
 * FILE in it, and spins the main loop until the window is no longer busy
 * (file read, statistics computed) and a few frames have been drawn
 * after that, so that the stack's cross-fade has ended. It then renders
 * the window through a GtkWidgetPaintable into a render node, turns the
 * node into a texture with the window's own GskRenderer and saves it with
 * gdk_texture_save_to_png(). What a file becomes in the window is the
 * window's business: a .strata file opens as a workflow, a table as a
 * one-node workflow showing the table. With --run the window's own Run
 * action runs the workflow and the command waits for its end (the canvas
 * then shows each node's status); --select shows one node's parameters
 * and results.
 *
 * Exit status: 0 when the file opened (and ran) and the PNG was written;
 * 1 when the file failed to open or the run failed (the PNG, showing the
 * error, is still written) or the PNG could not be written; 2 on bad
 * usage.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "strata-application.h"
#include "strata-cli.h"
#include "strata-screenshot.h"
#include "strata-window-private.h"
#include "strata-workbench.h"

#define DEFAULT_WIDTH   1100
#define DEFAULT_HEIGHT  720
#define TIMEOUT_SECONDS 600
#define SETTLE_MS       400   /* longer than the stack's transition */

typedef struct {
  gboolean timed_out;
  gboolean settled;
} Wait;

static gboolean
on_timeout (gpointer user_data)
{
  ((Wait *) user_data)->timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
on_settled (gpointer user_data)
{
  ((Wait *) user_data)->settled = TRUE;
  return G_SOURCE_REMOVE;
}

static void
on_run_finished (GError      **out,
                 const GError *error)
{
  if (error != NULL && *out == NULL)
    *out = g_error_copy (error);
}

static gboolean
parse_size (const char *text,
            int        *width,
            int        *height)
{
  char *end = NULL;
  gint64 w, h;

  w = g_ascii_strtoll (text, &end, 10);
  if (end == text || (*end != 'x' && *end != 'X'))
    return FALSE;
  text = end + 1;
  h = g_ascii_strtoll (text, &end, 10);
  if (end == text || *end != '\0' || w < 200 || h < 200 || w > 8192 || h > 8192)
    return FALSE;
  *width = (int) w;
  *height = (int) h;
  return TRUE;
}

static gboolean
save_png (GtkWidget   *window,
          const char  *path,
          GError     **error)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("the window drew nothing"));
      return FALSE;
    }
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("%s: could not write the PNG"), path);
      return FALSE;
    }
  return TRUE;
}

int
strata_screenshot_main (int    argc,
                        char **argv)
{
  g_autofree char *size = NULL;
  gboolean welcome = FALSE, run = FALSE;
  double during = 0;
  g_autofree char *select = NULL, *param = NULL;
  const GOptionEntry entries[] = {
    { "param", 0, 0, G_OPTION_ARG_STRING, &param, N_("With --select, scroll the inspector to this parameter"), N_("NAME") },
    { "run", 0, 0, G_OPTION_ARG_NONE, &run, N_("Run the workflow to the end first"), NULL },
    { "during", 0, 0, G_OPTION_ARG_DOUBLE, &during, N_("With --run: take the picture after this many seconds of the run, then stop it"), N_("SECONDS") },
    { "select", 0, 0, G_OPTION_ARG_STRING, &select, N_("Select this node (its parameters and results show)"), N_("ID") },
    { "size", 0, 0, G_OPTION_ARG_STRING, &size, N_("Window size in pixels (default 1100x720)"), N_("WxH") },
    { "welcome", 0, 0, G_OPTION_ARG_NONE, &welcome, N_("Show the welcome page instead of a file"), NULL },
    { NULL }
  };
  g_autoptr(StrataApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  const char *file_arg = NULL, *out;
  int width = DEFAULT_WIDTH, height = DEFAULT_HEIGHT;
  StrataWindow *window;
  Wait wait = { FALSE, FALSE };
  guint timeout_id;
  int status = STRATA_EXIT_OK;

  if (!strata_cli_parse ("screenshot", "FILE OUT.png",
                         _("Open FILE (a workflow or a table) in the workbench window and save the\n"
                           "window as a PNG. With --run, run the workflow to the end first.\n"
                           "With --welcome, save the welcome page instead (no FILE)."),
                         entries, &argc, &argv))
    return STRATA_EXIT_USAGE;
  if (argc != (welcome ? 2 : 3))
    return strata_cli_usage ("screenshot", welcome ? _("expected OUT.png") : _("expected FILE and OUT.png"));
  if (!welcome)
    file_arg = argv[1];
  out = argv[argc - 1];
  if (size != NULL && !parse_size (size, &width, &height))
    return strata_cli_usage ("screenshot", _("--size: “%s” is not WIDTHxHEIGHT (200–8192 each)"), size);

  /* Screenshots are mostly taken under Xvfb, where GL means llvmpipe:
   * software rasterising threads that redraw the whole window each frame
   * and slow the import down threefold. Cairo draws only what changed.
   * GSK_RENDERER set by the caller wins. */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  if (!strata_application_check_display ())
    return STRATA_EXIT_FAILED;

  /* Pictures, not movies: no cross-fades half done. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  app = strata_application_new ();
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    return strata_cli_fail ("%s", error->message);

  window = strata_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  if (file_arg != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (file_arg);
      strata_window_open (window, file);
    }

  timeout_id = g_timeout_add_seconds (TIMEOUT_SECONDS, on_timeout, &wait);
  while (strata_window_get_busy (window) && !wait.timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (wait.timed_out)
    {
      gtk_window_destroy (GTK_WINDOW (window));
      return strata_cli_fail (_("%s: still not open after %d seconds"), file_arg, TIMEOUT_SECONDS);
    }

  if (run && strata_window_get_workbench (window) != NULL && strata_window_get_error (window) == NULL)
    {
      StrataWorkbench *workbench = strata_window_get_workbench (window);
      g_autoptr(GError) run_error = NULL;

      gint64 shoot_at;

      g_signal_connect_swapped (workbench, "run-finished", G_CALLBACK (on_run_finished), &run_error);
      /* A picture during the run shows the selected node's live results. */
      if (during > 0 && select != NULL)
        strata_window_select_node (window, select);
      gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
      shoot_at = g_get_monotonic_time () + (gint64) (during * G_USEC_PER_SEC);
      while (strata_workbench_is_running (workbench) && !wait.timed_out &&
             (during <= 0 || g_get_monotonic_time () < shoot_at))
        g_main_context_iteration (NULL, TRUE);
      if (during > 0 && strata_workbench_is_running (workbench))
        {
          if (!save_png (GTK_WIDGET (window), out, &error))
            status = strata_cli_fail ("%s", error->message);
          g_clear_pointer (&select, g_free);
          out = NULL;
          strata_workbench_stop (workbench);
          while (strata_workbench_is_running (workbench))
            g_main_context_iteration (NULL, TRUE);
          g_clear_error (&run_error);
        }
      g_signal_handlers_disconnect_by_func (workbench, on_run_finished, &run_error);
      if (wait.timed_out)
        {
          gtk_window_destroy (GTK_WINDOW (window));
          return strata_cli_fail (_("%s: the run did not end within %d seconds"), file_arg, TIMEOUT_SECONDS);
        }
      if (run_error != NULL)
        status = strata_cli_fail ("%s", run_error->message);
    }
  if (select != NULL)
    {
      strata_window_select_node (window, select);
      /* The results' column statistics are computed on a worker. */
      while (strata_window_get_busy (window) && !wait.timed_out)
        g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (timeout_id);

  g_timeout_add (SETTLE_MS, on_settled, &wait);
  while (!wait.settled)
    g_main_context_iteration (NULL, TRUE);
  if (select != NULL && param != NULL)
    {
      /* Scrolling needs the inspector's allocation: after settling. */
      if (!strata_inspector_scroll_to_param (window->inspector, param))
        status = strata_cli_fail (_("%s: node “%s” has no parameter “%s”"), file_arg, select, param);
      wait.settled = FALSE;
      g_timeout_add (SETTLE_MS, on_settled, &wait);
      while (!wait.settled)
        g_main_context_iteration (NULL, TRUE);
    }

  if (strata_window_get_error (window) != NULL)
    status = strata_cli_fail ("%s", strata_window_get_error (window)->message);
  else if (strata_window_get_table (window) != NULL && !g_str_has_suffix (file_arg, ".strata"))
    {
      StrataTable *table = strata_window_get_table (window);
      g_autofree char *rows = g_strdup_printf ("%" G_GSIZE_FORMAT, strata_table_get_n_rows (table));

      fprintf (stderr, _("strata screenshot: opened %s in %.3f s: %s rows × %u columns\n"),
               file_arg, strata_window_get_import_seconds (window), rows,
               strata_table_get_n_columns (table));
    }

  if (out != NULL && !save_png (GTK_WIDGET (window), out, &error))
    status = strata_cli_fail ("%s", error->message);

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  return status;
}
