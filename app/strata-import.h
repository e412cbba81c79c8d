/* strata-import.h — reading a file into a table off the main thread
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A StrataImport reads one file on a GTask worker thread and reports its
 * progress as the "fraction" property, notified on the main thread at most
 * once per main-loop iteration however often the reader reports. Files are
 * read by their kind, chosen from the name: CSV and other delimited text
 * (anything not listed below) through strata_csv_read_file(); ".strata"
 * workflows are recognised but not opened yet (G_IO_ERROR_NOT_SUPPORTED).
 */

#pragma once

#include <gio/gio.h>

#include "strata-table.h"

G_BEGIN_DECLS

#define STRATA_TYPE_IMPORT (strata_import_get_type ())
G_DECLARE_FINAL_TYPE (StrataImport, strata_import, STRATA, IMPORT, GObject)

/* An import of @file (not started). Transfer full. */
StrataImport *strata_import_new          (GFile         *file);
/* Transfer none. */
GFile        *strata_import_get_file     (StrataImport  *self);
/* Fraction of the file read, 0–1. */
double        strata_import_get_fraction (StrataImport  *self);
/* Wall-clock seconds the last finished read took (reading and building
 * the table), or 0 before it finishes. */
double        strata_import_get_seconds  (StrataImport  *self);

/* Starts reading on a worker thread; @callback runs on the calling
 * thread's main context. Call once per import. */
void          strata_import_run_async    (StrataImport        *self,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
/**
 * strata_import_run_finish:
 * @warnings: (out) (optional) (transfer full): the reader's warnings, each
 *   a string naming file and line, or NULL when there are none
 * @error: the reader's error (STRATA_CSV_ERROR, G_IO_ERROR; the message
 *   names the file and line), G_IO_ERROR_CANCELLED when cancelled,
 *   G_IO_ERROR_NOT_SUPPORTED for kinds of files not opened yet
 *
 * Returns: (transfer full): the table, or NULL with @error set.
 */
StrataTable  *strata_import_run_finish   (StrataImport        *self,
                                          GAsyncResult        *result,
                                          GPtrArray          **warnings,
                                          GError             **error);

G_END_DECLS
