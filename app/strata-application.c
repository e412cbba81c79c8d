/* strata-application.c — the workbench application
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * StrataApplication owns the app.* actions and every keyboard accelerator
 * (so that the shortcuts window, resources/gtk/help-overlay.ui, shows
 * them). Each file given on the command line or dropped in bulk opens in a
 * window of its own, reusing a window still on its welcome page. The
 * instance is not unique: each `strata FILE` is its own process, which
 * keeps a crash in one from taking the others down.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "strata-application.h"
#include "strata-window.h"

struct _StrataApplication {
  AdwApplication parent_instance;
  gboolean       recovery_offered;  /* crash-recovery files looked at once */
};

G_DEFINE_FINAL_TYPE (StrataApplication, strata_application, ADW_TYPE_APPLICATION)

static StrataWindow *
new_window (StrataApplication *self)
{
  return strata_window_new (self);
}

/* The active window when it is still on its welcome page, else a new one. */
static StrataWindow *
window_for_file (StrataApplication *self)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (STRATA_IS_WINDOW (active) && strata_window_is_pristine (STRATA_WINDOW (active)))
    return STRATA_WINDOW (active);
  return new_window (self);
}

/* The first window a process presents offers back the workflows that a
 * crashed Strata left in its recovery files. */
static void
present (StrataApplication *self,
         StrataWindow      *window)
{
  gtk_window_present (GTK_WINDOW (window));
  if (!self->recovery_offered)
    {
      self->recovery_offered = TRUE;
      strata_window_offer_recovery (window);
    }
}

static void
strata_application_activate (GApplication *app)
{
  present (STRATA_APPLICATION (app), new_window (STRATA_APPLICATION (app)));
}

static void
strata_application_open (GApplication  *app,
                         GFile        **files,
                         int            n_files,
                         const char    *hint)
{
  for (int i = 0; i < n_files; i++)
    {
      StrataWindow *window = window_for_file (STRATA_APPLICATION (app));

      strata_window_open (window, files[i]);
      present (STRATA_APPLICATION (app), window);
    }
}

/* --- app.* actions ------------------------------------------------------------ */

static void
new_window_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  gtk_window_present (GTK_WINDOW (new_window (STRATA_APPLICATION (user_data))));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GApplication *app = G_APPLICATION (user_data);
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  /* Destroying the windows cancels their imports and statistics. */
  while (windows != NULL)
    {
      gtk_window_destroy (windows->data);
      windows = gtk_application_get_windows (GTK_APPLICATION (app));
    }
  g_application_quit (app);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  static const char *developers[] = { "The Strata developers", NULL };
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  /* The application's icon once it is installed; a generic one until then. */
  const char *icon = gtk_icon_theme_has_icon (theme, APP_ID) ? APP_ID : "x-office-spreadsheet";

  adw_show_about_window (parent,
                         "application-name", _("Strata"),
                         "application-icon", icon,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("The Strata developers"),
                         "developers", developers,
                         "comments", _("A workbench for data mining and deep learning: "
                                       "import a table, build a pipeline, train, and watch it learn."),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "copyright", "© 2026 The Strata developers",
                         NULL);
}

static const GActionEntry app_actions[] = {
  { .name = "new-window", .activate = new_window_action },
  { .name = "quit", .activate = quit_action },
  { .name = "about", .activate = about_action },
};

static const struct {
  const char *action;
  const char *accels[3];
} accels[] = {
  { "app.new-window", { "<Control>n", NULL } },
  { "app.quit", { "<Control>q", NULL } },
  { "win.find-node", { "<Control>f", NULL } },
  { "win.open", { "<Control>o", NULL } },
  { "win.run", { "F5", NULL } },
  { "win.save", { "<Control>s", NULL } },
  { "win.save-as", { "<Control><Shift>s", NULL } },
  { "win.show-help-overlay", { "<Control>question", "F1", NULL } },
  { "win.stop", { "Escape", NULL } },
  { "win.toggle-pane", { "F9", NULL } },
  { "window.close", { "<Control>w", NULL } },
};

static void
strata_application_startup (GApplication *app)
{
  G_APPLICATION_CLASS (strata_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action,
                                           accels[i].accels);
}

static void
strata_application_class_init (StrataApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->startup = strata_application_startup;
  app_class->activate = strata_application_activate;
  app_class->open = strata_application_open;
}

static void
strata_application_init (StrataApplication *self)
{
}

StrataApplication *
strata_application_new (void)
{
  return g_object_new (STRATA_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "resource-base-path", "/org/strata/Strata",
                       "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE,
                       NULL);
}

gboolean
strata_application_check_display (void)
{
  if (gtk_init_check ())
    return TRUE;
  fprintf (stderr, "%s\n", _("strata: no display to open the workbench on; "
                             "to run a workflow without a window use “strata run WORKFLOW.strata”"));
  return FALSE;
}

int
strata_application_run (int    argc,
                        char **argv)
{
  g_autoptr(StrataApplication) app = NULL;

  if (!strata_application_check_display ())
    return 1;
  app = strata_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
