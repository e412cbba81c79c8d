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

#include "strata-canvas.h"
#include "strata-chart-export.h"
#include "strata-column-pane.h"
#include "strata-confusion-view.h"
#include "strata-data-grid.h"
#include "strata-import.h"
#include "strata-inspector.h"
#include "strata-loss-chart.h"
#include "strata-palette.h"
#include "strata-rules-view.h"
#include "strata-training-dashboard.h"
#include "strata-tree-view.h"
#include "strata-window.h"
#include "strata-workbench.h"

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
  GtkListBox           *examples_list;
  GtkWidget            *run_button;
  GtkWidget            *stop_button;
  GtkWidget            *save_button;
  GMenu                *recent_menu;
  GMenu                *examples_menu;
  StrataPalette        *palette;
  StrataCanvas         *canvas;
  GtkPaned             *canvas_paned;
  StrataInspector      *inspector;
  GtkLabel             *results_title;
  GtkDropDown          *results_port;
  GtkStack             *results_stack;
  AdwStatusPage        *results_empty;
  GtkTextView          *results_text;
  StrataTreeView       *results_tree;       /* made in code: the "tree" page */
  GtkTextView          *results_tree_text;  /* the tree's rules as text */
  StrataRulesView      *results_rules;      /* the "rules" page */
  StrataConfusionView  *results_confusion;  /* the "confusion" page */
  GtkTextView          *results_confusion_text; /* every metric, beside it */
  GHashTable           *training;           /* node id → StrataTrainingPage* (a stack page "train:ID") */

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

  StrataWorkbench      *workbench;          /* the open workflow, or NULL */
  char                 *preview_node;       /* data.csv node whose table is the import's */
  char                 *results_node;       /* node shown in the results area, or NULL */
  guint                 tick_id;            /* frame callback draining events, or 0 */
  guint                 autosave_id;        /* 30 s timer, or 0 */
  char                 *recovery_path;      /* this window's autosave file */
  GtkFileChooserNative *save_chooser;       /* Save As / Export while shown */
  gboolean              close_confirmed;    /* the unsaved-changes dialog said close */
  GtkWidget            *link_popover;       /* node types for a dropped link, or NULL */
  char                 *link_from_node;     /* that link's source */
  char                 *link_from_port;
  double                link_x, link_y;     /* where it was dropped, canvas units */
};

/* The page names of the stack. */
#define STRATA_WINDOW_PAGE_WELCOME "welcome"
#define STRATA_WINDOW_PAGE_LOADING "loading"
#define STRATA_WINDOW_PAGE_ERROR   "error"
#define STRATA_WINDOW_PAGE_WORKBENCH "workbench"

/* strata-window-actions.c */
void _strata_window_class_actions_init (StrataWindowClass *klass);
void _strata_window_actions_update     (StrataWindow      *self);

/* strata-window-workbench.c: canvas, palette, inspector, results, runs */
void _strata_window_workbench_init     (StrataWindow      *self);
void _strata_window_workbench_dispose  (StrataWindow      *self);
/* Shows the results of @node_id (NULL: none) in the results area. */
void _strata_window_show_results       (StrataWindow      *self,
                                        const char        *node_id);
void _strata_window_run                (StrataWindow      *self);
/* Adds a node of @type_id at a free place (linked from the selected node
 * when it can be) and selects it. */
void _strata_window_add_node           (StrataWindow      *self,
                                        const char        *type_id);
void _strata_window_export_results     (StrataWindow      *self);
/* Adds a node of @type_id where the last link was dropped on empty
 * canvas, fed by that link (the link popover's choice). */
void _strata_window_add_linked_node    (StrataWindow      *self,
                                        const char        *type_id);

/* strata-window-files.c: .strata files, recent files, autosave, recovery */
typedef struct _StrataTrainingPage StrataTrainingPage;

void _strata_window_training_init         (StrataWindow *self);
void _strata_window_training_dispose      (StrataWindow *self);
void _strata_window_training_clear        (StrataWindow *self);
void _strata_window_training_event        (StrataWindow *self,
                                           StrataEvent  *event);
void _strata_window_training_run_started  (StrataWindow *self);
void _strata_window_training_run_finished (StrataWindow *self);
/* The training page of @node_id, or NULL when it never trained. */
StrataTrainingPage      *_strata_window_training_page (StrataWindow *self,
                                                       const char   *node_id);
StrataTrainingDashboard *_strata_training_page_get_dashboard (StrataTrainingPage *page);
GtkWidget               *_strata_training_page_get_widget    (StrataTrainingPage *page);
/* The Runs menu's list: a row per run, newest first (tests). */
GtkWidget               *_strata_training_page_get_runs_list (StrataTrainingPage *page);
/* Writes the page's chart (or its data, as CSV) to @file. */
gboolean                 _strata_training_page_export (StrataTrainingPage *page,
                                                       GFile              *file,
                                                       StrataChartFormat   format,
                                                       GError            **error);

void _strata_window_files_init         (StrataWindow      *self);
void _strata_window_files_dispose      (StrataWindow      *self);
void _strata_window_save               (StrataWindow      *self,
                                        gboolean           choose);
void _strata_window_update_title       (StrataWindow      *self);
void _strata_window_fill_recent        (StrataWindow      *self);
void _strata_window_add_recent         (StrataWindow      *self,
                                        const char        *path);

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
