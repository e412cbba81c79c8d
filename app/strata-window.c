/* strata-window.c — the workbench window
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * The window is a composite template (resources/ui/strata-window.ui) whose
 * GtkStack holds four pages: welcome, loading, error and the workbench
 * (palette, canvas, inspector, results: strata-window-workbench.c). A
 * .strata file is read at once (it is small) into a StrataWorkbench.
 * Opening a CSV file starts a StrataImport on a worker thread and, once
 * read, becomes a workflow of one data.csv node whose results show the
 * table read (the grid and the column pane); the window keeps only the
 * import's GCancellable, which also serves as a generation token: the
 * completion callback holds a weak reference to the window and applies the
 * result only if the window still exists and that cancellable is still
 * the current one, so a superseded or cancelled import can never overwrite
 * a newer one. Progress arrives as the import's "fraction" property,
 * already coalesced to one notification per main-loop iteration.
 *
 * Failures never leave the window blank: without a table the error page
 * shows the reader's message (which names file and line); with a table
 * the table stays and a toast carries the message.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "strata-datasets.h"
#include "strata-examples.h"
#include "strata-window-private.h"

G_DEFINE_FINAL_TYPE (StrataWindow, strata_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
notify_busy (StrataWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  _strata_window_actions_update (self);
}

void
_strata_window_add_toast (StrataWindow *self,
                          const char   *title,
                          const char   *button_label,
                          const char   *action_name)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, 8);
  if (button_label != NULL)
    {
      adw_toast_set_button_label (toast, button_label);
      adw_toast_set_action_name (toast, action_name);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* --- showing a table -------------------------------------------------------- */

static void
show_table (StrataWindow *self,
            StrataTable  *table,
            const char   *title)
{
  gsize n_rows = strata_table_get_n_rows (table);
  guint n_columns = strata_table_get_n_columns (table);
  g_autofree char *count = g_strdup_printf ("%'" G_GSIZE_FORMAT, n_rows);
  g_autofree char *rows = g_strdup_printf (ngettext ("%s row", "%s rows", (gulong) n_rows), count);
  g_autofree char *columns = g_strdup_printf (ngettext ("%u column", "%u columns", n_columns),
                                              n_columns);
  /* TRANSLATORS: the window subtitle, e.g. "150 rows · 5 columns" */
  g_autofree char *subtitle = g_strdup_printf (C_("table size", "%s · %s"), rows, columns);

  strata_table_ref (table);
  g_clear_pointer (&self->table, strata_table_unref);
  self->table = table;

  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), title);

  strata_data_grid_set_table (self->grid, table);
  strata_column_pane_set_table (self->pane, table);
  gtk_widget_set_visible (GTK_WIDGET (self->pane_button), TRUE);
  if (self->workbench == NULL)
    strata_window_new_workflow (self);
  gtk_stack_set_visible_child_name (self->results_stack, "table");
  gtk_stack_set_visible_child_name (self->stack, STRATA_WINDOW_PAGE_WORKBENCH);
}

/* A workflow of one data.csv node reading @file, whose results are the
 * table just read until the workflow runs. */
static void
make_csv_workflow (StrataWindow *self,
                   GFile        *file)
{
  g_autoptr(StrataRegistry) registry = strata_registry_new_default ();
  g_autoptr(StrataWorkbench) workbench = strata_workbench_new (registry);
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(JsonNode) value = json_node_new (JSON_NODE_VALUE);
  const char *id;

  strata_window_set_workbench (self, workbench);
  id = strata_workbench_add_node (workbench, "data.csv", 40, 120, NULL);
  if (id == NULL || path == NULL)
    return;
  json_node_set_string (value, path);
  strata_workbench_set_param (workbench, id, "path", value, NULL);
  /* Opening a file is not an edit to undo. */
  strata_undo_stack_clear (strata_canvas_model_get_undo_stack (strata_workbench_get_model (workbench)));
  strata_undo_stack_mark_clean (strata_canvas_model_get_undo_stack (strata_workbench_get_model (workbench)));
  self->preview_node = g_strdup (id);
  strata_window_select_node (self, id);
}

void
strata_window_set_table (StrataWindow *self,
                         StrataTable  *table,
                         const char   *title)
{
  g_return_if_fail (STRATA_IS_WINDOW (self));
  g_return_if_fail (table != NULL);
  g_return_if_fail (title != NULL);

  _strata_window_cancel_open (self);
  g_clear_object (&self->file);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_clear_error (&self->error);
  show_table (self, table, title);
  notify_busy (self);
}

/* --- opening a file ----------------------------------------------------------- */

static void
show_error (StrataWindow *self,
            const GError *error)
{
  g_autofree char *markup = g_markup_escape_text (error->message, -1);

  g_clear_error (&self->error);
  self->error = g_error_copy (error);

  if (self->table != NULL || self->workbench != NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, STRATA_WINDOW_PAGE_WORKBENCH);
      _strata_window_add_toast (self, error->message, NULL, NULL);
      return;
    }
  adw_status_page_set_description (self->error_page, markup);
  adw_window_title_set_title (self->window_title, _("Strata"));
  adw_window_title_set_subtitle (self->window_title, NULL);
  gtk_stack_set_visible_child_name (self->stack, STRATA_WINDOW_PAGE_ERROR);
}

static void
import_progress (StrataImport *import,
                 GParamSpec   *pspec,
                 StrataWindow *self)
{
  gtk_progress_bar_set_fraction (self->progress_bar, strata_import_get_fraction (import));
}

static void
import_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  StrataImport *import = STRATA_IMPORT (object);
  GWeakRef *weak = user_data;
  g_autoptr(StrataWindow) self = g_weak_ref_get (weak);
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(StrataTable) table = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  g_weak_ref_clear (weak);
  g_free (weak);

  table = strata_import_run_finish (import, result, &warnings, &error);

  /* The window is gone, or this import was cancelled or superseded. */
  if (self == NULL || self->import_cancellable != g_task_get_cancellable (G_TASK (result)))
    return;

  g_signal_handlers_disconnect_by_func (import, import_progress, self);
  g_clear_object (&self->import_cancellable);
  g_clear_object (&self->import);
  name = g_file_get_basename (strata_import_get_file (import));

  if (table != NULL)
    {
      g_set_object (&self->file, strata_import_get_file (import));
      g_clear_pointer (&self->warnings, g_ptr_array_unref);
      g_clear_error (&self->error);
      self->warnings = g_steal_pointer (&warnings);
      self->import_seconds = strata_import_get_seconds (import);
      g_clear_pointer (&self->table, strata_table_unref);
      self->table = strata_table_ref (table);
      make_csv_workflow (self, strata_import_get_file (import));
      show_table (self, table, name);
      if (self->warnings != NULL && self->warnings->len > 0)
        {
          g_autofree char *title =
            g_strdup_printf (ngettext ("%u warning while reading %s",
                                       "%u warnings while reading %s", self->warnings->len),
                             self->warnings->len, name);
          _strata_window_add_toast (self, title, _("_Details"), "win.show-warnings");
        }
    }
  else
    show_error (self, error);

  notify_busy (self);
}

void
strata_window_open (StrataWindow *self,
                    GFile        *file)
{
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  GWeakRef *weak;

  g_return_if_fail (STRATA_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  _strata_window_cancel_open (self);

  name = g_file_get_basename (file);
  if (g_str_has_suffix (name, ".strata"))
    {
      g_autoptr(StrataRegistry) registry = strata_registry_new_default ();
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;
      g_autoptr(StrataWorkbench) workbench = NULL;

      if (path == NULL)
        g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("%s: not a local file"), name);
      else
        workbench = strata_workbench_new_from_file (registry, path, &error);
      if (workbench == NULL)
        {
          show_error (self, error);
          notify_busy (self);
          return;
        }
      g_clear_error (&self->error);
      g_clear_object (&self->file);
      g_clear_pointer (&self->table, strata_table_unref);
      strata_window_set_workbench (self, workbench);
      _strata_window_add_recent (self, path);
      strata_canvas_zoom_fit (self->canvas);
      notify_busy (self);
      return;
    }
  title = g_strdup_printf (_("Opening %s…"), name);
  adw_status_page_set_title (self->loading_page, title);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);

  g_free (self->previous_page);
  self->previous_page = g_strdup (gtk_stack_get_visible_child_name (self->stack));
  gtk_stack_set_visible_child_name (self->stack, STRATA_WINDOW_PAGE_LOADING);

  self->import_cancellable = g_cancellable_new ();
  self->import = strata_import_new (file);
  g_signal_connect (self->import, "notify::fraction", G_CALLBACK (import_progress), self);
  weak = g_new0 (GWeakRef, 1);
  g_weak_ref_init (weak, self);
  strata_import_run_async (self->import, self->import_cancellable, import_done, weak);
  notify_busy (self);
}

void
_strata_window_cancel_open (StrataWindow *self)
{
  if (self->import_cancellable == NULL)
    return;

  /* The completion callback will see a stale token and do nothing, so put
   * the window back as it was here. */
  g_cancellable_cancel (self->import_cancellable);
  g_clear_object (&self->import_cancellable);
  g_signal_handlers_disconnect_by_func (self->import, import_progress, self);
  g_clear_object (&self->import);
  gtk_stack_set_visible_child_name (self->stack, self->previous_page);
  notify_busy (self);
}

/* --- warnings ------------------------------------------------------------------ */

#define MAX_WARNINGS_SHOWN 50

void
_strata_window_show_warnings (StrataWindow *self)
{
  g_autoptr(GString) body = g_string_new (NULL);
  GtkWidget *dialog;

  if (self->warnings == NULL || self->warnings->len == 0)
    return;

  for (guint i = 0; i < MIN (self->warnings->len, MAX_WARNINGS_SHOWN); i++)
    {
      if (i > 0)
        g_string_append_c (body, '\n');
      g_string_append (body, g_ptr_array_index (self->warnings, i));
    }
  if (self->warnings->len > MAX_WARNINGS_SHOWN)
    {
      guint more = self->warnings->len - MAX_WARNINGS_SHOWN;

      g_string_append_c (body, '\n');
      g_string_append_printf (body, ngettext ("…and %u more", "…and %u more", more), more);
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Warnings While Reading"), body->str);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* --- the welcome page ------------------------------------------------------------ */

static void
fill_datasets (StrataWindow *self)
{
  g_autofree char *dir = strata_datasets_dup_dir ();
  const StrataDataset *datasets;
  guint n_datasets, n_shown = 0;

  datasets = strata_datasets_get_all (&n_datasets);
  for (guint i = 0; dir != NULL && i < n_datasets; i++)
    {
      g_autofree char *path = g_build_filename (dir, datasets[i].path, NULL);
      GtkWidget *row;

      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(datasets[i].title));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(datasets[i].description));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-dataset");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", path);
      gtk_list_box_append (self->datasets_list, row);
      n_shown++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->datasets_list), n_shown > 0);
}

static void
fill_examples (StrataWindow *self)
{
  g_autoptr(GPtrArray) examples = strata_examples_list ();

  for (guint i = 0; i < examples->len; i++)
    {
      StrataExample *example = g_ptr_array_index (examples, i);
      GtkWidget *row = adw_action_row_new ();
      g_autoptr(GMenuItem) item = g_menu_item_new (example->title, NULL);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), example->title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), example->description);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("media-playlist-consecutive-symbolic"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-dataset");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", example->path);
      gtk_list_box_append (self->examples_list, row);

      g_menu_item_set_action_and_target (item, "win.open-dataset", "s", example->path);
      g_menu_append_item (self->examples_menu, item);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->examples_list), examples->len > 0);
}

/* --- dropping files ---------------------------------------------------------------- */

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         StrataWindow  *self)
{
  GSList *files = gdk_file_list_get_files (g_value_get_boxed (value));
  GApplication *application = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  guint n = g_slist_length (files), i = 0;
  g_autofree GFile **rest = NULL;

  if (files == NULL)
    return FALSE;

  /* The first file here, any others in windows of their own. */
  strata_window_open (self, files->data);
  rest = g_new0 (GFile *, n);
  for (GSList *l = files->next; l != NULL; l = l->next)
    rest[i++] = l->data;
  if (i > 0 && application != NULL)
    g_application_open (application, rest, (int) i, "");
  g_slist_free (files);
  return TRUE;
}

/* --- the object ------------------------------------------------------------------ */

StrataTable *
strata_window_get_table (StrataWindow *self)
{
  g_return_val_if_fail (STRATA_IS_WINDOW (self), NULL);
  return self->table;
}

gboolean
strata_window_get_busy (StrataWindow *self)
{
  g_return_val_if_fail (STRATA_IS_WINDOW (self), FALSE);
  return self->import_cancellable != NULL || strata_column_pane_get_busy (self->pane) ||
         (self->workbench != NULL && strata_workbench_is_running (self->workbench));
}

const GError *
strata_window_get_error (StrataWindow *self)
{
  g_return_val_if_fail (STRATA_IS_WINDOW (self), NULL);
  return self->error;
}

double
strata_window_get_import_seconds (StrataWindow *self)
{
  g_return_val_if_fail (STRATA_IS_WINDOW (self), 0.0);
  return self->import_seconds;
}

gboolean
strata_window_is_pristine (StrataWindow *self)
{
  g_return_val_if_fail (STRATA_IS_WINDOW (self), FALSE);
  return !strata_window_get_busy (self) &&
         g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), STRATA_WINDOW_PAGE_WELCOME) == 0;
}

StrataWindow *
strata_window_new (StrataApplication *application)
{
  return g_object_new (STRATA_TYPE_WINDOW, "application", application, NULL);
}

static void
strata_window_dispose (GObject *object)
{
  StrataWindow *self = STRATA_WINDOW (object);

  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
  g_clear_object (&self->import_cancellable);
  if (self->import != NULL)
    g_signal_handlers_disconnect_by_func (self->import, import_progress, self);
  g_clear_object (&self->import);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  _strata_window_workbench_dispose (self);
  _strata_window_files_dispose (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), STRATA_TYPE_WINDOW);

  g_clear_pointer (&self->table, strata_table_unref);
  g_clear_object (&self->file);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_clear_error (&self->error);
  g_clear_pointer (&self->previous_page, g_free);
  G_OBJECT_CLASS (strata_window_parent_class)->dispose (object);
}

static void
strata_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  StrataWindow *self = STRATA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, strata_window_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
strata_window_class_init (StrataWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = strata_window_dispose;
  object_class->get_property = strata_window_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (STRATA_TYPE_DATA_GRID);
  g_type_ensure (STRATA_TYPE_COLUMN_PANE);
  g_type_ensure (STRATA_TYPE_CANVAS);
  g_type_ensure (STRATA_TYPE_INSPECTOR);
  g_type_ensure (STRATA_TYPE_PALETTE);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/strata/Strata/ui/strata-window.ui");
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, datasets_list);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, grid);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, pane);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, pane_button);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, examples_list);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, run_button);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, stop_button);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, save_button);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, recent_menu);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, examples_menu);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, palette);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, canvas);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, canvas_paned);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, inspector);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, results_title);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, results_port);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, results_stack);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, results_empty);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, results_text);

  _strata_window_class_actions_init (klass);
}

static void
strata_window_init (StrataWindow *self)
{
  GtkDropTarget *target;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->previous_page = g_strdup (STRATA_WINDOW_PAGE_WELCOME);
  g_signal_connect_object (self->pane, "notify::busy", G_CALLBACK (notify_busy), self,
                           G_CONNECT_SWAPPED);
  fill_datasets (self);
  fill_examples (self);
  _strata_window_workbench_init (self);
  _strata_window_files_init (self);

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (target, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));

  _strata_window_actions_update (self);
}
