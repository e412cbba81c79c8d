/* strata-window.h — the workbench window
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A StrataWindow shows one of four pages: a welcome page offering the
 * bundled datasets, an import in progress (progress bar and Cancel), an
 * error, or a table in a StrataDataGrid beside a StrataColumnPane. Files
 * are opened on a worker thread (StrataImport); the window stays
 * responsive throughout.
 */

#pragma once

#include <adwaita.h>

#include "strata-application.h"
#include "strata-table.h"

G_BEGIN_DECLS

#define STRATA_TYPE_WINDOW (strata_window_get_type ())
G_DECLARE_FINAL_TYPE (StrataWindow, strata_window, STRATA, WINDOW, AdwApplicationWindow)

StrataWindow *strata_window_new        (StrataApplication *application);

/* Starts opening @file, cancelling any open in progress. When it fails the
 * error is shown in the window (the error page, or a toast when a table is
 * already shown, which stays). */
void          strata_window_open       (StrataWindow      *self,
                                        GFile             *file);
/* Shows @table (built in code) under @title, as if it had been opened. */
void          strata_window_set_table  (StrataWindow      *self,
                                        StrataTable       *table,
                                        const char        *title);

/* The table shown, or NULL. Transfer none. */
StrataTable  *strata_window_get_table  (StrataWindow      *self);
/* TRUE while a file is being read or its statistics computed; notified as
 * "busy". Wait for FALSE before taking a screenshot. */
gboolean      strata_window_get_busy   (StrataWindow      *self);
/* The error of the last open that failed, or NULL after a success.
 * Transfer none. */
const GError *strata_window_get_error  (StrataWindow      *self);
/* Seconds the last successful import took, or 0. */
double        strata_window_get_import_seconds (StrataWindow *self);
/* TRUE when the window shows its welcome page and is not busy: a window
 * that a newly opened file may reuse. */
gboolean      strata_window_is_pristine (StrataWindow     *self);

/* --- workflows (strata-window-workbench.c, strata-window-files.c) --- */

typedef struct _StrataWorkbench StrataWorkbench;

/* Shows @workbench (a reference is taken) on the workbench page. */
void             strata_window_set_workbench   (StrataWindow    *self,
                                                StrataWorkbench *workbench);
/* The workflow shown, or NULL. Transfer none. */
StrataWorkbench *strata_window_get_workbench   (StrataWindow    *self);
/* Shows a new, empty workflow. */
void             strata_window_new_workflow    (StrataWindow    *self);
/* Selects @node_id on the canvas, in the inspector and the results. */
void             strata_window_select_node     (StrataWindow    *self,
                                                const char      *node_id);
/* Writes the recovery file now if the workflow is modified; TRUE if
 * written (the 30 s timer calls it). */
gboolean         strata_window_autosave        (StrataWindow    *self);
/* Offers back, one dialog each, the recovery files left by processes that
 * are gone. Returns how many were offered. */
guint            strata_window_offer_recovery  (StrataWindow    *self);
/* $XDG_CACHE_HOME/strata. Transfer full. */
char            *strata_window_dup_recovery_dir (void);
/* Strata's settings (org.strata.Strata), from the installed schema or the
 * one compiled in the build tree, or NULL when neither is there. */
GSettings       *strata_settings_new            (void);

G_END_DECLS
