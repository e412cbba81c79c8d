/* canvas-screenshot.c — renders the sample pipeline to a PNG
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   xvfb-run -a build/tests/canvas-screenshot OUT.png [--dark] [--linking] [--link-selected]
 *
 * The sample is canvas_fixture_sample(), with the tree card selected so the
 * selection style shows. With --linking, a link from the tree's "model"
 * output is being drawn by keyboard to the metrics' "model" input, so the
 * compatible and incompatible inputs show their highlights. With
 * --link-selected, the link into the rules' input is selected instead.
 */

#include "config.h"

#include <adwaita.h>

#include "canvas-fixtures.h"

int
main (int argc, char **argv)
{
  g_autoptr(StrataCanvasModel) model = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkWidget *canvas, *window;
  const char *ids[] = { "tree", NULL };
  gboolean dark = FALSE, linking = FALSE, link_selected = FALSE;

  if (argc < 2)
    {
      g_printerr ("usage: %s OUT.png [--dark] [--linking] [--link-selected]\n", argv[0]);
      return 2;
    }

  for (int i = 2; i < argc; i++)
    {
      dark |= g_str_equal (argv[i], "--dark");
      linking |= g_str_equal (argv[i], "--linking");
      link_selected |= g_str_equal (argv[i], "--link-selected");
    }
  gtk_init ();
  adw_init ();
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);

  model = canvas_fixture_sample ();
  canvas = strata_canvas_new (model);
  canvas_fixture_colors (STRATA_CANVAS (canvas));
  window = canvas_fixture_window (canvas, 1160, 490);
  strata_canvas_zoom_fit (STRATA_CANVAS (canvas));   /* centred, at most 100 % */
  strata_canvas_set_selection (STRATA_CANVAS (canvas), ids);
  if (linking)
    {
      strata_canvas_begin_link (STRATA_CANVAS (canvas), "tree", "model");
      strata_canvas_cycle_link_target (STRATA_CANVAS (canvas), TRUE);
    }
  if (link_selected)
    strata_canvas_select_link (STRATA_CANVAS (canvas), "rules", "table");
  canvas_fixture_wait_draw (canvas);

  texture = canvas_fixture_render (canvas);
  if (!gdk_texture_save_to_png (texture, argv[1]))
    {
      g_printerr ("%s: cannot write %s\n", argv[0], argv[1]);
      return 1;
    }
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
