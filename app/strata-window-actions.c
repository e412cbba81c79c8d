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
 *   win.new-workflow    an empty workflow (here if nothing is open)
 *   win.open-recent s   open the workflow at path s
 *   win.save            save the workflow (Ctrl+S)
 *   win.save-as         save it under a new name (Ctrl+Shift+S)
 *   win.run             run the workflow (F5)
 *   win.stop            stop the run (Escape)
 *   win.export-results  write the shown result as CSV into a folder
 *   win.add-node s      add a node of type s (the palette's Enter)
 *   win.find-node       focus the palette's search (Ctrl+F)
 *   win.add-linked-node s  add a node of type s fed by the link just dropped
 *                       on empty canvas
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
  static const char *const workflows[] = { "strata", NULL };
  static const char *const both[] = { "strata", "csv", "tsv", "txt", "data", "csv.gz", NULL };

  if (self->chooser != NULL)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
      return;
    }

  self->chooser = gtk_file_chooser_native_new (_("Open a Workflow or a Table"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  add_filter (GTK_FILE_CHOOSER (self->chooser), _("Workflows and tables"), both);
  add_filter (GTK_FILE_CHOOSER (self->chooser), _("Strata workflows"), workflows);
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

static void
new_workflow_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  StrataWindow *self = STRATA_WINDOW (widget);
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  if (self->workbench != NULL && application != NULL)
    {
      StrataWindow *window = strata_window_new (STRATA_APPLICATION (application));

      strata_window_new_workflow (window);
      gtk_window_present (GTK_WINDOW (window));
      return;
    }
  strata_window_new_workflow (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  _strata_window_save (STRATA_WINDOW (widget), g_strcmp0 (action_name, "win.save-as") == 0);
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  _strata_window_run (STRATA_WINDOW (widget));
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  StrataWindow *self = STRATA_WINDOW (widget);

  if (self->workbench != NULL)
    strata_workbench_stop (self->workbench);
}

static void
export_results_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  _strata_window_export_results (STRATA_WINDOW (widget));
}

static void
add_linked_node_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  _strata_window_add_linked_node (STRATA_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
find_node_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  StrataWindow *self = STRATA_WINDOW (widget);

  gtk_widget_grab_focus (GTK_WIDGET (strata_palette_get_search (self->palette)));
}

static void
add_node_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  _strata_window_add_node (STRATA_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

void
_strata_window_actions_update (StrataWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean running = self->workbench != NULL && strata_workbench_is_running (self->workbench);
  gboolean has_result = FALSE;

  if (self->workbench != NULL && self->results_node != NULL)
    {
      g_autoptr(StrataNodeResult) result = strata_workbench_dup_result (self->workbench, self->results_node);
      has_result = result != NULL && result->status == STRATA_NODE_STATUS_OK;
    }
  gtk_widget_action_set_enabled (widget, "win.save", self->workbench != NULL);
  gtk_widget_action_set_enabled (widget, "win.save-as", self->workbench != NULL);
  gtk_widget_action_set_enabled (widget, "win.run", self->workbench != NULL && !running);
  gtk_widget_action_set_enabled (widget, "win.stop", running);
  gtk_widget_action_set_enabled (widget, "win.export-results", has_result);
  gtk_widget_action_set_enabled (widget, "win.find-node", self->workbench != NULL);
  /* Workflow buttons only when there is a workflow. */
  gtk_widget_set_visible (GTK_WIDGET (self->run_button), self->workbench != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->stop_button), self->workbench != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->save_button), self->workbench != NULL);

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
  gtk_widget_class_install_action (widget_class, "win.new-workflow", NULL, new_workflow_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_dataset_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "win.stop", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "win.export-results", NULL, export_results_action);
  gtk_widget_class_install_action (widget_class, "win.add-node", "s", add_node_action);
  gtk_widget_class_install_action (widget_class, "win.find-node", NULL, find_node_action);
  gtk_widget_class_install_action (widget_class, "win.add-linked-node", "s", add_linked_node_action);

  /* Accelerators are set by the application (strata-application.c). */
}
