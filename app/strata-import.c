/* strata-import.c — reading a file into a table off the main thread
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * The reader calls its progress callback on the worker thread. The
 * callback stores the fraction in an atomic integer (parts per ten
 * thousand) and schedules a main-loop callback only when none is pending,
 * so a fast reader can never flood the main loop: the window sees the
 * latest fraction, once per iteration. The task's result carries the
 * table and the warnings together (ImportResult).
 */

#include "config.h"

#include <glib/gi18n.h>

#include "strata-csv.h"
#include "strata-import.h"

#define FRACTION_SCALE 10000

struct _StrataImport {
  GObject       parent_instance;

  GFile        *file;              /* owned */
  GMainContext *context;           /* owned: where notifications go */
  int           fraction;          /* atomic; parts per FRACTION_SCALE */
  int           notify_pending;    /* atomic; a notification is queued */
  double        seconds;           /* main thread only */
};

G_DEFINE_FINAL_TYPE (StrataImport, strata_import, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FRACTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct {
  StrataTable *table;
  GPtrArray   *warnings;
  double       seconds;
} ImportResult;

static void
import_result_free (ImportResult *result)
{
  g_clear_pointer (&result->table, strata_table_unref);
  g_clear_pointer (&result->warnings, g_ptr_array_unref);
  g_free (result);
}

/* --- progress, from the worker to the main loop ---------------------------- */

static gboolean
notify_fraction (gpointer user_data)
{
  StrataImport *self = user_data;

  g_atomic_int_set (&self->notify_pending, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
  return G_SOURCE_REMOVE;
}

static void
report_progress (guint64  bytes_done,
                 guint64  bytes_total,
                 gpointer user_data)
{
  StrataImport *self = user_data;
  int fraction = 0;

  if (bytes_total > 0)
    fraction = (int) (MIN (bytes_done, bytes_total) * FRACTION_SCALE / bytes_total);
  g_atomic_int_set (&self->fraction, fraction);
  /* An idle source, not g_main_context_invoke(): that would run
   * notify_fraction (and the window's handlers) right here in the worker
   * whenever the worker manages to acquire the context. */
  if (g_atomic_int_compare_and_exchange (&self->notify_pending, 0, 1))
    {
      GSource *source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, notify_fraction, g_object_ref (self), g_object_unref);
      g_source_attach (source, self->context);
      g_source_unref (source);
    }
}

/* --- the worker ------------------------------------------------------------ */

static StrataTable *
read_delimited (StrataImport  *self,
                GCancellable  *cancellable,
                GPtrArray    **warnings,
                GError       **error)
{
  const char *path = g_file_peek_path (self->file);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *name = NULL;

  if (path != NULL)
    return strata_csv_read_file (path, NULL, report_progress, self, cancellable,
                                 warnings, error);

  /* Not a local path (a remote location, a portal document): stream it. */
  name = g_file_get_parse_name (self->file);
  stream = g_file_read (self->file, cancellable, error);
  if (stream == NULL)
    return NULL;
  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                         cancellable, NULL);
  return strata_csv_read_stream (G_INPUT_STREAM (stream), name,
                                 info != NULL ? (guint64) g_file_info_get_size (info) : 0,
                                 NULL, report_progress, self, cancellable,
                                 warnings, error);
}

static void
strata_import_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  StrataImport *self = source_object;
  g_autofree char *basename = g_file_get_basename (self->file);
  g_autoptr(GTimer) timer = g_timer_new ();
  GError *error = NULL;
  ImportResult *result = g_new0 (ImportResult, 1);

  if (g_str_has_suffix (basename, ".strata"))
    g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                 _("%s: opening workflows in the window is not supported yet"),
                 basename);
  else
    result->table = read_delimited (self, cancellable, &result->warnings, &error);
  result->seconds = g_timer_elapsed (timer, NULL);

  if (result->table == NULL)
    {
      import_result_free (result);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, result, (GDestroyNotify) import_result_free);
}

void
strata_import_run_async (StrataImport        *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (STRATA_IS_IMPORT (self));
  g_return_if_fail (self->context == NULL);

  self->context = g_main_context_ref_thread_default ();
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, strata_import_run_async);
  g_task_run_in_thread (task, strata_import_thread);
}

StrataTable *
strata_import_run_finish (StrataImport  *self,
                          GAsyncResult  *result,
                          GPtrArray    **warnings,
                          GError       **error)
{
  ImportResult *import_result;
  StrataTable *table;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (warnings != NULL)
    *warnings = NULL;
  import_result = g_task_propagate_pointer (G_TASK (result), error);
  if (import_result == NULL)
    return NULL;

  self->seconds = import_result->seconds;
  table = g_steal_pointer (&import_result->table);
  if (warnings != NULL)
    *warnings = g_steal_pointer (&import_result->warnings);
  import_result_free (import_result);
  return table;
}

/* --- the object ------------------------------------------------------------ */

StrataImport *
strata_import_new (GFile *file)
{
  StrataImport *self;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (STRATA_TYPE_IMPORT, NULL);
  self->file = g_object_ref (file);
  return self;
}

GFile *
strata_import_get_file (StrataImport *self)
{
  g_return_val_if_fail (STRATA_IS_IMPORT (self), NULL);
  return self->file;
}

double
strata_import_get_fraction (StrataImport *self)
{
  g_return_val_if_fail (STRATA_IS_IMPORT (self), 0.0);
  return g_atomic_int_get (&self->fraction) / (double) FRACTION_SCALE;
}

double
strata_import_get_seconds (StrataImport *self)
{
  g_return_val_if_fail (STRATA_IS_IMPORT (self), 0.0);
  return self->seconds;
}

static void
strata_import_finalize (GObject *object)
{
  StrataImport *self = STRATA_IMPORT (object);

  g_clear_object (&self->file);
  g_clear_pointer (&self->context, g_main_context_unref);
  G_OBJECT_CLASS (strata_import_parent_class)->finalize (object);
}

static void
strata_import_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  StrataImport *self = STRATA_IMPORT (object);

  switch (prop_id)
    {
    case PROP_FRACTION:
      g_value_set_double (value, strata_import_get_fraction (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
strata_import_class_init (StrataImportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = strata_import_finalize;
  object_class->get_property = strata_import_get_property;

  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
strata_import_init (StrataImport *self)
{
}
