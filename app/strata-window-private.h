/* strata-window-private.h — StrataWindow's fields, shared by its files
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * strata-window.c builds the window and opens files;
 * strata-window-actions.c holds its actions (win.*). Tests include this
 * header to look inside.
 */

#pragma once

#include "strata-column-pane.h"
#include "strata-data-grid.h"
#include "strata-import.h"
#include "strata-window.h"

G_BEGIN_DECLS

struct _StrataWindow {
  AdwApplicationWindow  parent_instance;

  /* Template widgets (owned by the template) */
  AdwWindowTitle       *window_title;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  GtkListBox           *datasets_list;
  AdwStatusPage        *loading_page;
  GtkProgressBar       *progress_bar;
  AdwStatusPage        *error_page;
  StrataDataGrid       *grid;
  StrataColumnPane     *pane;
  GtkToggleButton      *pane_button;

  /* Owned */
  StrataTable          *table;              /* shown table, or NULL */
  GFile                *file;               /* its file, or NULL */
  GPtrArray            *warnings;           /* its reader warnings (char*), or NULL */
  GError               *error;              /* last failed open, or NULL */
  StrataImport         *import;             /* open in progress, or NULL */
  GCancellable         *import_cancellable; /* its cancellable; also a generation token */
  GtkFileChooserNative *chooser;            /* the open dialog while shown */
  double                import_seconds;
  char                 *previous_page;      /* page to return to on cancel */
};

/* The page names of the stack. */
#define STRATA_WINDOW_PAGE_WELCOME "welcome"
#define STRATA_WINDOW_PAGE_LOADING "loading"
#define STRATA_WINDOW_PAGE_ERROR   "error"
#define STRATA_WINDOW_PAGE_TABLE   "table"

/* strata-window-actions.c */
void _strata_window_class_actions_init (StrataWindowClass *klass);
void _strata_window_actions_update     (StrataWindow      *self);

/* strata-window.c */
void _strata_window_cancel_open        (StrataWindow      *self);
void _strata_window_show_warnings      (StrataWindow      *self);
/* A toast of @title, with a button activating @action_name when
 * @button_label is not NULL. */
void _strata_window_add_toast          (StrataWindow      *self,
                                        const char        *title,
                                        const char        *button_label,
                                        const char        *action_name);

G_END_DECLS
