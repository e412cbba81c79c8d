/* window-helpers.c — running real windows in the GUI tests
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "window-helpers.h"

static gboolean
on_flag (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

void
test_spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, on_flag, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

void
test_wait_until_idle (StrataWindow *window,
                      guint         seconds)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (seconds, on_flag, &timed_out);

  while (strata_window_get_busy (window) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
  test_spin (100);
}

StrataWindow *
test_new_window (StrataApplication *app,
                 int                width,
                 int                height)
{
  StrataWindow *window = strata_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  test_spin (50);
  return window;
}

void
test_close_window (StrataWindow *window)
{
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_destroy (GTK_WINDOW (window));
  test_spin (50);
  g_assert_null (window);
}

GtkWindow *
test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return toplevel;
    }
  return NULL;
}
