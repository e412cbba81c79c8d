/* strata-application.c — the workbench application
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "strata-application.h"

struct _StrataApplication {
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (StrataApplication, strata_application, ADW_TYPE_APPLICATION)

static GtkWindow *
strata_application_new_window (StrataApplication *self)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (self));
  GtkWidget *page = adw_status_page_new ();

  adw_status_page_set_title (ADW_STATUS_PAGE (page), _("Strata"));
  adw_status_page_set_description (ADW_STATUS_PAGE (page),
                                   _("Data mining and deep learning workbench"));
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), page);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  return GTK_WINDOW (window);
}

static void
strata_application_activate (GApplication *app)
{
  gtk_window_present (strata_application_new_window (STRATA_APPLICATION (app)));
}

static void
strata_application_open (GApplication  *app,
                         GFile        **files,
                         int            n_files,
                         const char    *hint)
{
  for (int i = 0; i < n_files; i++)
    gtk_window_present (strata_application_new_window (STRATA_APPLICATION (app)));
}

static void
strata_application_class_init (StrataApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

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
                       "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE,
                       NULL);
}

int
strata_application_run (int    argc,
                        char **argv)
{
  g_autoptr(StrataApplication) app = NULL;

  if (!gtk_init_check ())
    {
      fprintf (stderr, "strata: no display to open the workbench on; "
                       "to run a workflow without a window use “strata run WORKFLOW.strata”\n");
      return 1;
    }
  app = strata_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
