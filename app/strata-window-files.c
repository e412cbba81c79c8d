/* strata-window-files.c — workflow files, recent files, window size,
 * autosave and crash recovery
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * Saving goes through the engine (strata_workflow_save: temporary file and
 * rename), then marks the canvas's undo stack clean; "modified" is simply
 * "not at the clean point", so undoing back to the saved state is not
 * modified either.
 *
 * Settings (org.strata.Strata): window-width, window-height,
 * window-maximized, recent-files. The schema is looked up in the default
 * schema path and, when Strata runs from its build tree, in the schema
 * compiled into build/data; without either there are no settings (nothing
 * fails).
 *
 * Autosave: every 30 s a modified workflow is written, with absolute paths,
 * to $XDG_CACHE_HOME/strata/recovery-PID-N.strata (one file per window);
 * the file is removed when the window closes normally or saves. A file
 * left by a process that no longer exists is what a crash leaves behind:
 * the next Strata offers it back (strata_window_offer_recovery).
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "strata-window-private.h"

#define AUTOSAVE_SECONDS 30
#define MAX_RECENT       10

/* --- settings ------------------------------------------------------------------- */

GSettings *
strata_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchemaSource) build_source = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL && g_file_test (STRATA_BUILD_SCHEMADIR "/gschemas.compiled", G_FILE_TEST_EXISTS))
    {
      build_source = g_settings_schema_source_new_from_directory (STRATA_BUILD_SCHEMADIR, source,
                                                                  FALSE, NULL);
      if (build_source != NULL)
        schema = g_settings_schema_source_lookup (build_source, APP_ID, FALSE);
    }
  return schema != NULL ? g_settings_new_full (schema, NULL, NULL) : NULL;
}

/* --- title ------------------------------------------------------------------------ */

void
_strata_window_update_title (StrataWindow *self)
{
  const char *path = self->workbench != NULL ? strata_workbench_get_path (self->workbench) : NULL;
  g_autofree char *name = path != NULL ? g_path_get_basename (path) : g_strdup (_("Unsaved Workflow"));
  g_autofree char *title = NULL;
  gboolean modified = self->workbench != NULL && strata_workbench_is_modified (self->workbench);

  if (self->workbench == NULL)
    return;
  /* TRANSLATORS: the window title of a workflow with unsaved changes */
  title = modified ? g_strdup_printf (_("• %s"), name) : g_strdup (name);
  adw_window_title_set_title (self->window_title, title);
  gtk_window_set_title (GTK_WINDOW (self), title);
  if (path != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (path);
      adw_window_title_set_subtitle (self->window_title, dir);
    }
  else
    adw_window_title_set_subtitle (self->window_title, NULL);
}

/* --- recent files ----------------------------------------------------------------- */

void
_strata_window_fill_recent (StrataWindow *self)
{
  g_autoptr(GSettings) settings = strata_settings_new ();
  g_auto(GStrv) recent = settings != NULL ? g_settings_get_strv (settings, "recent-files") : NULL;

  g_menu_remove_all (self->recent_menu);
  for (guint i = 0; recent != NULL && recent[i] != NULL; i++)
    {
      g_autofree char *name = g_path_get_basename (recent[i]);
      g_autoptr(GMenuItem) item = g_menu_item_new (name, NULL);

      g_menu_item_set_action_and_target (item, "win.open-recent", "s", recent[i]);
      g_menu_append_item (self->recent_menu, item);
    }
  if (recent == NULL || recent[0] == NULL)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_("No Recent Workflows"), "win.none");
      g_menu_append_item (self->recent_menu, item);
    }
}

void
_strata_window_add_recent (StrataWindow *self,
                           const char   *path)
{
  g_autoptr(GSettings) settings = strata_settings_new ();
  g_auto(GStrv) recent = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;
  guint n = 1;

  if (settings == NULL)
    return;
  recent = g_settings_get_strv (settings, "recent-files");
  g_strv_builder_add (builder, path);
  for (guint i = 0; recent[i] != NULL && n < MAX_RECENT; i++)
    if (g_strcmp0 (recent[i], path) != 0)
      {
        g_strv_builder_add (builder, recent[i]);
        n++;
      }
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (settings, "recent-files", (const char * const *) updated);
  _strata_window_fill_recent (self);
}

/* --- saving ----------------------------------------------------------------------- */

static void
remove_recovery (StrataWindow *self)
{
  if (self->recovery_path != NULL)
    g_unlink (self->recovery_path);
}

static gboolean
save_to (StrataWindow *self,
         const char   *path)
{
  g_autoptr(GError) error = NULL;

  if (!strata_workbench_save (self->workbench, path, &error))
    {
      _strata_window_add_toast (self, error->message, NULL, NULL);
      return FALSE;
    }
  remove_recovery (self);
  _strata_window_add_recent (self, path);
  _strata_window_update_title (self);
  _strata_window_actions_update (self);
  return TRUE;
}

static gboolean
close_idle (gpointer user_data)
{
  g_autoptr(StrataWindow) self = user_data;

  gtk_window_close (GTK_WINDOW (self));
  return G_SOURCE_REMOVE;
}

/* Closes the window once the dialog that decided it is gone (a dialog
 * outliving its parent would unset a dead transient parent). */
static void
close_confirmed (StrataWindow *self)
{
  self->close_confirmed = TRUE;
  g_idle_add (close_idle, g_object_ref (self));
}

static void
save_response (GtkNativeDialog *dialog,
               int              response,
               StrataWindow    *self)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
  gboolean close_after = g_object_get_data (G_OBJECT (dialog), "strata-close-after") != NULL;

  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->save_chooser);
  if (response != GTK_RESPONSE_ACCEPT || path == NULL)
    return;
  if (!g_str_has_suffix (path, ".strata"))
    {
      char *with_suffix = g_strconcat (path, ".strata", NULL);
      g_free (path);
      path = with_suffix;
    }
  if (save_to (self, path) && close_after)
    close_confirmed (self);
}

static void
save_as (StrataWindow *self,
         gboolean      close_after)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->save_chooser != NULL)
    return;
  self->save_chooser = gtk_file_chooser_native_new (_("Save the Workflow"), GTK_WINDOW (self),
                                                    GTK_FILE_CHOOSER_ACTION_SAVE,
                                                    _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->save_chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Strata workflows"));
  gtk_file_filter_add_suffix (filter, "strata");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->save_chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->save_chooser), _("workflow.strata"));
  if (close_after)
    g_object_set_data (G_OBJECT (self->save_chooser), "strata-close-after", GINT_TO_POINTER (TRUE));
  g_signal_connect (self->save_chooser, "response", G_CALLBACK (save_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->save_chooser));
}

void
_strata_window_save (StrataWindow *self,
                     gboolean      choose)
{
  const char *path;

  if (self->workbench == NULL)
    return;
  path = strata_workbench_get_path (self->workbench);
  if (choose || path == NULL)
    save_as (self, FALSE);
  else
    save_to (self, path);
}

/* --- closing ------------------------------------------------------------------------ */

/* A question with three answers: "cancel" (@cancel_label, also Escape),
 * "discard" (destructive) and @accept_id (suggested, the default). */
static GtkWidget *
new_question (StrataWindow *self,
              const char   *heading,
              const char   *body,
              const char   *cancel_label,
              const char   *accept_id,
              const char   *accept_label)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  AdwMessageDialog *message = ADW_MESSAGE_DIALOG (dialog);

  adw_message_dialog_add_responses (message, "cancel", cancel_label, "discard", _("_Discard"),
                                    accept_id, accept_label, NULL);
  adw_message_dialog_set_response_appearance (message, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (message, accept_id, ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (message, accept_id);
  adw_message_dialog_set_close_response (message, "cancel");
  return dialog;
}

static void
unsaved_response (AdwMessageDialog *dialog,
                  const char       *response,
                  StrataWindow     *self)
{
  if (g_strcmp0 (response, "discard") == 0)
    close_confirmed (self);
  else if (g_strcmp0 (response, "save") == 0)
    {
      const char *path = strata_workbench_get_path (self->workbench);

      if (path == NULL)
        save_as (self, TRUE);
      else if (save_to (self, path))
        close_confirmed (self);
    }
}

static void
save_window_state (StrataWindow *self)
{
  g_autoptr(GSettings) settings = strata_settings_new ();
  int width, height;

  if (settings == NULL)
    return;
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
    }
}

static gboolean
close_request (GtkWindow    *window,
               StrataWindow *self)
{
  GtkWidget *dialog;
  g_autofree char *body = NULL;
  const char *path;

  if (self->close_confirmed || self->workbench == NULL ||
      !strata_workbench_is_modified (self->workbench))
    {
      save_window_state (self);
      remove_recovery (self);
      return FALSE;
    }
  path = strata_workbench_get_path (self->workbench);
  body = path != NULL
    ? g_strdup_printf (_("The changes to %s will be lost if you close without saving."), path)
    : g_strdup (_("This workflow has never been saved: it will be lost if you close without saving."));
  dialog = new_question (self, _("Save Changes?"), body, _("_Cancel"), "save", _("_Save"));
  g_signal_connect (dialog, "response", G_CALLBACK (unsaved_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* --- autosave and recovery --------------------------------------------------------------- */

char *
strata_window_dup_recovery_dir (void)
{
  return g_build_filename (g_get_user_cache_dir (), "strata", NULL);
}

gboolean
strata_window_autosave (StrataWindow *self)
{
  g_autofree char *data = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (STRATA_IS_WINDOW (self), FALSE);
  if (self->workbench == NULL || !strata_workbench_is_modified (self->workbench))
    return FALSE;
  dir = g_path_get_dirname (self->recovery_path);
  g_mkdir_with_parents (dir, 0700);
  data = strata_workbench_to_data (self->workbench);
  if (!g_file_set_contents_full (self->recovery_path, data, -1, G_FILE_SET_CONTENTS_CONSISTENT,
                                 0600, &error))
    {
      g_debug ("autosave: %s", error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
autosave_tick (gpointer user_data)
{
  strata_window_autosave (user_data);
  return G_SOURCE_CONTINUE;
}

/* PID of a recovery file name "recovery-PID-N.strata", or 0. */
static guint64
recovery_pid (const char *name)
{
  if (!g_str_has_prefix (name, "recovery-") || !g_str_has_suffix (name, ".strata"))
    return 0;
  return g_ascii_strtoull (name + strlen ("recovery-"), NULL, 10);
}

static gboolean
process_exists (guint64 pid)
{
  g_autofree char *proc = g_strdup_printf ("/proc/%" G_GUINT64_FORMAT, pid);

  return g_file_test (proc, G_FILE_TEST_IS_DIR);
}

typedef struct {
  StrataWindow *window;
  char         *path;
} Recovery;

static void
recovery_free (gpointer data)
{
  Recovery *recovery = data;

  g_free (recovery->path);
  g_free (recovery);
}

static void
recovery_response (AdwMessageDialog *dialog,
                   const char       *response,
                   Recovery         *recovery)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "recover") == 0 &&
      g_file_get_contents (recovery->path, &data, NULL, &error))
    {
      g_autoptr(StrataRegistry) registry = strata_registry_new_default ();
      g_autofree char *name = g_path_get_basename (recovery->path);
      g_autoptr(StrataWorkbench) workbench =
        strata_workbench_new_from_data (registry, data, NULL, name, &error);

      if (workbench != NULL)
        strata_window_set_workbench (recovery->window, workbench);
    }
  if (error != NULL)
    _strata_window_add_toast (recovery->window, error->message, NULL, NULL);
  if (g_strcmp0 (response, "cancel") != 0)
    g_unlink (recovery->path);
}

guint
strata_window_offer_recovery (StrataWindow *self)
{
  g_autofree char *dir = strata_window_dup_recovery_dir ();
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_return_val_if_fail (STRATA_IS_WINDOW (self), 0);
  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      guint64 pid = recovery_pid (name);
      g_autofree char *path = NULL;
      g_autoptr(GDateTime) when = NULL;
      g_autofree char *stamp = NULL, *body = NULL;
      GStatBuf st;
      Recovery *recovery;
      GtkWidget *dialog;

      if (pid == 0 || pid == (guint64) getpid () || process_exists (pid))
        continue;
      path = g_build_filename (dir, name, NULL);
      if (g_stat (path, &st) != 0)
        continue;
      when = g_date_time_new_from_unix_local (st.st_mtime);
      stamp = g_date_time_format (when, "%c");
      body = g_strdup_printf (_("Strata did not close normally. A workflow with unsaved changes "
                                "was kept from %s."), stamp);
      dialog = new_question (self, _("Recover Unsaved Workflow?"), body, _("_Later"),
                             "recover", _("_Recover"));
      recovery = g_new0 (Recovery, 1);
      recovery->window = self;
      recovery->path = g_steal_pointer (&path);
      g_signal_connect_data (dialog, "response", G_CALLBACK (recovery_response), recovery,
                             (GClosureNotify) (void (*) (void)) recovery_free, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      n++;
    }
  return n;
}

/* --- setup ------------------------------------------------------------------------------ */

void
_strata_window_files_init (StrataWindow *self)
{
  static guint serial;
  g_autoptr(GSettings) settings = strata_settings_new ();
  g_autofree char *dir = strata_window_dup_recovery_dir ();
  g_autofree char *name = g_strdup_printf ("recovery-%d-%u.strata", (int) getpid (), ++serial);

  self->recovery_path = g_build_filename (dir, name, NULL);
  if (settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self), g_settings_get_int (settings, "window-width"),
                                   g_settings_get_int (settings, "window-height"));
      if (g_settings_get_boolean (settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }
  g_signal_connect (self, "close-request", G_CALLBACK (close_request), self);
  self->autosave_id = g_timeout_add_seconds (AUTOSAVE_SECONDS, autosave_tick, self);
  _strata_window_fill_recent (self);
}

void
_strata_window_files_dispose (StrataWindow *self)
{
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  if (self->save_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->save_chooser));
  g_clear_object (&self->save_chooser);
  remove_recovery (self);
  g_clear_pointer (&self->recovery_path, g_free);
}
