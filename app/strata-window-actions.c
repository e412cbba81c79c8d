/* strata-window-actions.c — the window's actions (win.*)
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   win.open            choose a file and open it here (Ctrl+O)
 *   win.open-dataset s  open the bundled dataset at path s
 *   win.cancel-open     stop the open in progress
 *   win.show-warnings   list the reader's warnings for the shown table
 *   win.toggle-pane     show or hide the column pane (F9)
 */

#include "config.h"

#include <glib/gi18n.h>

#include "strata-window-private.h"

static void
chooser_response (GtkNativeDialog *dialog,
                  int              response,
                  StrataWindow    *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        strata_window_open (self, file);
    }
  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->chooser);
}

/* A filter accepting names ending in one of @suffixes (any case), or
 * everything when @suffixes is NULL. */
static void
add_filter (GtkFileChooser     *chooser,
            const char         *name,
            const char *const  *suffixes)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  if (suffixes == NULL)
    gtk_file_filter_add_pattern (filter, "*");
  for (guint i = 0; suffixes != NULL && suffixes[i] != NULL; i++)
    gtk_file_filter_add_suffix (filter, suffixes[i]);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  StrataWindow *self = STRATA_WINDOW (widget);
  static const char *const delimited[] = { "csv", "tsv", "txt", "data", "csv.gz", NULL };

  if (self->chooser != NULL)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
      return;
    }

  self->chooser = gtk_file_chooser_native_new (_("Open a Table"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  add_filter (GTK_FILE_CHOOSER (self->chooser), _("Delimited text (CSV, TSV)"), delimited);
  add_filter (GTK_FILE_CHOOSER (self->chooser), _("All files"), NULL);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
open_dataset_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (parameter, NULL));

  strata_window_open (STRATA_WINDOW (widget), file);
}

static void
cancel_open_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  StrataWindow *self = STRATA_WINDOW (widget);
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  if (self->import == NULL)
    return;
  name = g_file_get_basename (strata_import_get_file (self->import));
  title = g_strdup_printf (_("Opening %s was cancelled"), name);
  _strata_window_cancel_open (self);
  _strata_window_add_toast (self, title, NULL, NULL);
}

static void
show_warnings_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  _strata_window_show_warnings (STRATA_WINDOW (widget));
}

static void
toggle_pane_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  StrataWindow *self = STRATA_WINDOW (widget);

  gtk_toggle_button_set_active (self->pane_button,
                                !gtk_toggle_button_get_active (self->pane_button));
}

void
_strata_window_actions_update (StrataWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "win.cancel-open", self->import != NULL);
  gtk_widget_action_set_enabled (widget, "win.show-warnings",
                                 self->warnings != NULL && self->warnings->len > 0);
  gtk_widget_action_set_enabled (widget, "win.toggle-pane", self->table != NULL);
}

void
_strata_window_class_actions_init (StrataWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-dataset", "s", open_dataset_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-open", NULL, cancel_open_action);
  gtk_widget_class_install_action (widget_class, "win.show-warnings", NULL, show_warnings_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-pane", NULL, toggle_pane_action);

  /* Accelerators are set by the application (strata-application.c). */
}
