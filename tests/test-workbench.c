/* test-workbench.c — the pipeline workbench, end to end, under Xvfb
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Real windows of the real application: every shipped example opens, runs
 * to the end through the window's Run action and shows its results; Stop
 * cancels a run; inspector edits are undoable and mark what is downstream
 * stale (and only that re-runs); a workflow saved and opened again is the
 * same document; a recovery file left by a dead process is offered back;
 * the palette lists the registry; closing with unsaved changes asks; a
 * link dropped on empty canvas offers the types that take it (a network's,
 * the evaluation types); recent
 * files and the window size persist in GSettings.
 *
 * Expected values come from the data, not from the code under test: the
 * Titanic training file has 891 rows and clean.split with test_size 0.2
 * keeps ceil(0.2 × 891) = 179 for the test part (scikit-learn's rule),
 * so 712 training rows reach one_hot.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "strata-apriori.h"
#include "strata-application.h"
#include "strata-transactions.h"
#include "strata-tree.h"
#include "strata-examples.h"
#include "strata-window-private.h"
#include "window-helpers.h"

#define WAIT_SECONDS 120

static StrataApplication *app;

/* --- helpers ------------------------------------------------------------------ */

static char *
example_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "..", "resources", "examples", name, NULL);
}

static StrataWindow *
open_path (const char *path)
{
  StrataWindow *window = test_new_window (app, 1200, 800);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  strata_window_open (window, file);
  test_wait_until_idle (window, WAIT_SECONDS);
  g_assert_null (strata_window_get_error (window));
  g_assert_nonnull (strata_window_get_workbench (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, STRATA_WINDOW_PAGE_WORKBENCH);
  return window;
}

static StrataCanvasStatus
status_of (StrataWindow *window,
           const char   *id)
{
  StrataCanvasModel *model = strata_workbench_get_model (strata_window_get_workbench (window));

  return strata_canvas_node_get_status (strata_canvas_model_get_node (model, id));
}

/* Runs through the window's action (F5's) and waits for the end. */
static void
run_window (StrataWindow *window)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL));
  g_assert_true (strata_workbench_is_running (strata_window_get_workbench (window)));
  test_wait_until_idle (window, WAIT_SECONDS);
}

static guint
grid_n_rows (StrataWindow *window)
{
  GtkColumnView *view = strata_data_grid_get_column_view (window->grid);

  return g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view)));
}

/* --- tests ---------------------------------------------------------------------- */

static void
test_examples (void)
{
  g_autoptr(GPtrArray) examples = strata_examples_list ();

  g_assert_cmpuint (examples->len, >=, 3);
  for (guint e = 0; e < examples->len; e++)
    {
      StrataExample *example = g_ptr_array_index (examples, e);
      StrataWindow *window;
      StrataWorkflow *workflow;
      guint n;
      const char *last = NULL;

      g_test_message ("example %s", example->path);
      g_assert_cmpstr (example->description, !=, "");
      window = open_path (example->path);
      workflow = strata_workbench_get_workflow (strata_window_get_workbench (window));
      n = strata_workflow_get_n_nodes (workflow);
      g_assert_cmpuint (n, >, 0);
      g_assert_cmpuint (strata_canvas_model_get_nodes (
                          strata_workbench_get_model (strata_window_get_workbench (window)))->len, ==, n);
      g_assert_false (strata_workbench_is_modified (strata_window_get_workbench (window)));

      run_window (window);
      for (guint i = 0; i < n; i++)
        {
          const char *id = strata_workflow_get_node_id (workflow, i);

          g_assert_cmpint (status_of (window, id), ==, STRATA_CANVAS_STATUS_DONE);
          last = id;
        }

      /* The last node's first output is shown: a table in the grid, any
       * other kind on its own results page. */
      strata_window_select_node (window, last);
      test_spin (50);
      {
        const StrataNodeType *type = strata_workflow_get_node_type (workflow, last);
        g_autoptr(StrataData) data = strata_workbench_dup_output (strata_window_get_workbench (window),
                                                                  last, type->outputs[0].name);
        const char *page = gtk_stack_get_visible_child_name (window->results_stack);

        g_assert_nonnull (data);
        if (g_strcmp0 (type->outputs[0].kind, STRATA_DATA_TABLE) == 0)
          {
            g_assert_cmpstr (page, ==, "table");
            g_assert_cmpuint (grid_n_rows (window), ==, strata_table_get_n_rows (strata_data_get_table (data)));
            if (g_str_has_suffix (example->path, "titanic-clean.strata"))
              g_assert_cmpuint (grid_n_rows (window), ==, 712);
          }
        else if (g_strcmp0 (type->outputs[1].name != NULL ? type->outputs[1].kind : NULL,
                            STRATA_DATA_RULES) == 0)
          g_assert_cmpstr (page, ==, "rules");  /* rules rather than itemsets as text */
        else
          g_assert_cmpstr (page, !=, "empty");
      }
      g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (window->grid)));
      test_close_window (window);
    }
}

static void
run_finished (StrataWorkbench *workbench,
              const GError    *error,
              GError         **out)
{
  g_clear_error (out);
  *out = error != NULL ? g_error_copy (error) : g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "ok");
}

static void
test_stop (void)
{
  g_autofree char *dir = g_dir_make_tmp ("strata-test-workbench-XXXXXX", NULL);
  g_autofree char *csv = g_build_filename (dir, "big.csv", NULL);
  g_autofree char *flow = g_build_filename (dir, "big.strata", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GString) rows = g_string_new ("a,b,c\n");
  g_autoptr(GError) result = NULL;
  StrataWindow *window;
  StrataWorkbench *workbench;
  gint64 start;
  double seconds;

  /* Big enough that reading it takes a while. */
  for (guint i = 0; i < 400000; i++)
    g_string_append_printf (rows, "%u,%u.5,x%u\n", i, i % 977, i % 13);
  g_assert_true (g_file_set_contents (csv, rows->str, rows->len, NULL));
  text = g_strdup_printf ("{\"format\": \"strata-workflow\", \"version\": 1, \"nodes\": ["
                          "{\"id\": \"big\", \"type\": \"data.csv\", \"params\": {\"path\": \"big.csv\"}},"
                          "{\"id\": \"scaled\", \"type\": \"clean.normalize\"}],"
                          "\"links\": [{\"from\": \"big:table\", \"to\": \"scaled:table\"}]}");
  g_assert_true (g_file_set_contents (flow, text, -1, NULL));

  window = open_path (flow);
  workbench = strata_window_get_workbench (window);
  g_signal_connect (workbench, "run-finished", G_CALLBACK (run_finished), &result);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL));
  g_assert_true (strata_workbench_is_running (workbench));
  /* Stop is enabled while running; Escape is its accelerator, F5 Run's. */
  {
    g_auto(GStrv) stop = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.stop");
    g_auto(GStrv) run = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.run");

    g_assert_cmpstr (stop[0], ==, "Escape");
    g_assert_cmpstr (run[0], ==, "F5");
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.stop", NULL));
  start = g_get_monotonic_time ();
  test_wait_until_idle (window, WAIT_SECONDS);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  g_test_message ("stop → run finished in %.3f s", seconds);

  g_assert_error (result, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (status_of (window, "scaled"), !=, STRATA_CANVAS_STATUS_DONE);
  g_assert_false (strata_workbench_is_running (workbench));

  /* A second run goes to the end. */
  run_window (window);
  g_assert_nonnull (result);
  g_assert_cmpstr (result->message, ==, "ok");
  g_assert_cmpint (status_of (window, "scaled"), ==, STRATA_CANVAS_STATUS_DONE);
  g_signal_handlers_disconnect_by_func (workbench, run_finished, &result);
  test_close_window (window);

  g_assert_cmpint (g_unlink (csv), ==, 0);
  g_assert_cmpint (g_unlink (flow), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_inspector (void)
{
  g_autofree char *path = example_path ("titanic-clean.strata");
  StrataWindow *window = open_path (path);
  StrataWorkbench *workbench = strata_window_get_workbench (window);
  StrataWorkflow *workflow = strata_workbench_get_workflow (workbench);
  StrataUndoStack *undo = strata_canvas_model_get_undo_stack (strata_workbench_get_model (workbench));
  GtkWidget *editor;
  g_autoptr(StrataNodeResult) titanic = NULL;
  g_autoptr(StrataNodeResult) split = NULL;

  run_window (window);
  strata_window_select_node (window, "split");
  test_spin (20);
  g_assert_cmpstr (strata_inspector_get_node (window->inspector), ==, "split");

  /* test_size is a spin button with the declared range's bounds. */
  editor = strata_inspector_get_editor (window->inspector, "test_size");
  g_assert_true (GTK_IS_SPIN_BUTTON (editor));
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (GTK_SPIN_BUTTON (editor)), 0.2, 1e-9);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (editor), 0.3);
  g_assert_cmpfloat_with_epsilon (strata_params_get_double (strata_workflow_get_params (workflow, "split"),
                                                            "test_size"), 0.3, 1e-9);
  g_assert_null (strata_inspector_get_error (window->inspector, "test_size"));
  g_assert_true (strata_workbench_is_modified (workbench));

  /* The node and what it feeds are stale, what feeds it is not. */
  g_assert_cmpint (status_of (window, "titanic"), ==, STRATA_CANVAS_STATUS_DONE);
  g_assert_cmpint (status_of (window, "drop_cabin"), ==, STRATA_CANVAS_STATUS_DONE);
  g_assert_cmpint (status_of (window, "split"), ==, STRATA_CANVAS_STATUS_STALE);
  g_assert_cmpint (status_of (window, "impute_age"), ==, STRATA_CANVAS_STATUS_STALE);
  g_assert_cmpint (status_of (window, "one_hot"), ==, STRATA_CANVAS_STATUS_STALE);

  /* 0 is outside (0, 1): shown inline, not applied. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (editor), 0.0);
  g_assert_nonnull (strata_inspector_get_error (window->inspector, "test_size"));
  g_assert_true (gtk_widget_has_css_class (editor, "error"));
  g_assert_cmpfloat_with_epsilon (strata_params_get_double (strata_workflow_get_params (workflow, "split"),
                                                            "test_size"), 0.3, 1e-9);

  /* Undo puts the file's value back, in the workflow and the editor. */
  g_assert_true (strata_undo_stack_undo (undo));
  test_spin (20);
  g_assert_cmpfloat_with_epsilon (strata_params_get_double (strata_workflow_get_params (workflow, "split"),
                                                            "test_size"), 0.2, 1e-9);
  editor = strata_inspector_get_editor (window->inspector, "test_size");
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (GTK_SPIN_BUTTON (editor)), 0.2, 1e-9);
  g_assert_false (strata_workbench_is_modified (workbench));
  g_assert_true (strata_undo_stack_redo (undo));
  g_assert_cmpfloat_with_epsilon (strata_params_get_double (strata_workflow_get_params (workflow, "split"),
                                                            "test_size"), 0.3, 1e-9);

  /* A choice is a drop-down, a list an entry; a column a drop-down of the
   * input table's columns once it is known. */
  g_assert_true (GTK_IS_SWITCH (strata_inspector_get_editor (window->inspector, "shuffle")));
  g_assert_true (GTK_IS_DROP_DOWN (strata_inspector_get_editor (window->inspector, "stratify")));
  strata_window_select_node (window, "impute_age");
  g_assert_true (GTK_IS_DROP_DOWN (strata_inspector_get_editor (window->inspector, "strategy")));
  g_assert_true (GTK_IS_ENTRY (strata_inspector_get_editor (window->inspector, "columns")));

  /* Run again: only the stale nodes run, the others come from the cache. */
  run_window (window);
  titanic = strata_workbench_dup_result (workbench, "titanic");
  split = strata_workbench_dup_result (workbench, "split");
  g_assert_true (titanic->cached);
  g_assert_false (split->cached);
  g_assert_cmpint (status_of (window, "one_hot"), ==, STRATA_CANVAS_STATUS_DONE);
  /* ceil(0.3 × 891) = 268 test rows, 623 training rows. */
  strata_window_select_node (window, "one_hot");
  test_spin (20);
  g_assert_cmpuint (grid_n_rows (window), ==, 623);

  test_close_window (window);
}

static void
test_save_reopen (void)
{
  g_autofree char *path = example_path ("titanic-clean.strata");
  g_autofree char *dir = g_dir_make_tmp ("strata-test-workbench-XXXXXX", NULL);
  g_autofree char *saved = g_build_filename (dir, "copy.strata", NULL);
  g_autofree char *before = NULL, *after = NULL;
  StrataWindow *window = open_path (path), *again;
  StrataWorkbench *workbench = strata_window_get_workbench (window);
  g_autoptr(JsonNode) value = json_node_new (JSON_NODE_VALUE);
  g_autoptr(GError) error = NULL;

  json_node_set_string (value, "most_frequent");
  g_assert_true (strata_workbench_set_param (workbench, "impute_age", "strategy", value, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strata_workbench_add_node (workbench, "clean.dedupe", 1300, 120, &error));
  g_assert_true (strata_canvas_model_link (strata_workbench_get_model (workbench), "one_hot", "table",
                                           "dedupe", "table", &error));
  g_assert_true (strata_workbench_is_modified (workbench));
  g_assert_true (strata_workbench_save (workbench, saved, &error));
  g_assert_no_error (error);
  g_assert_false (strata_workbench_is_modified (workbench));
  before = strata_workbench_to_data (workbench);
  test_close_window (window);

  again = open_path (saved);
  after = strata_workbench_to_data (strata_window_get_workbench (again));
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpstr (strata_params_get_string (strata_workflow_get_params (
                     strata_workbench_get_workflow (strata_window_get_workbench (again)), "impute_age"),
                     "strategy"), ==, "most_frequent");
  test_close_window (again);
  g_assert_cmpint (g_unlink (saved), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_recovery (void)
{
  g_autofree char *dir = strata_window_dup_recovery_dir ();
  g_autofree char *orphan = g_build_filename (dir, "recovery-4194999-1.strata", NULL);
  g_autofree char *source = example_path ("iris-prepare.strata");
  g_autofree char *text = NULL;
  StrataWindow *window, *other;
  GtkWindow *dialog;

  /* Autosave writes the modified workflow; a clean close removes it. */
  window = open_path (source);
  g_assert_false (strata_window_autosave (window));
  g_assert_nonnull (strata_workbench_add_node (strata_window_get_workbench (window), "clean.dedupe",
                                               800, 120, NULL));
  g_assert_true (strata_window_autosave (window));
  g_assert_true (g_file_test (window->recovery_path, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_get_contents (window->recovery_path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "\"dedupe\""));
  {
    g_autofree char *recovery = g_strdup (window->recovery_path);

    test_close_window (window);
    g_assert_false (g_file_test (recovery, G_FILE_TEST_EXISTS));
  }

  /* A file left by a process that is gone (pid above Linux's pid_max)
   * is offered back, and recovering it shows that workflow, modified. */
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (orphan, text, -1, NULL));
  other = test_new_window (app, 1200, 800);
  g_assert_cmpuint (strata_window_offer_recovery (other), ==, 1);
  test_spin (50);
  dialog = test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "recover");
  test_spin (50);
  g_assert_nonnull (strata_window_get_workbench (other));
  g_assert_true (strata_workflow_has_node (strata_workbench_get_workflow (strata_window_get_workbench (other)),
                                           "dedupe"));
  g_assert_true (strata_workbench_is_modified (strata_window_get_workbench (other)));
  g_assert_false (g_file_test (orphan, G_FILE_TEST_EXISTS));
  test_close_window (other);
}

static void
test_palette (void)
{
  StrataWindow *window = test_new_window (app, 1200, 800);
  g_autoptr(StrataRegistry) registry = strata_registry_new_default ();
  guint n_types = 0;
  StrataCanvasModel *model;

  strata_registry_list (registry, &n_types);
  strata_window_new_workflow (window);
  test_spin (20);
  g_assert_cmpuint (strata_palette_count_visible (window->palette), ==, n_types);

  gtk_editable_set_text (strata_palette_get_search (window->palette), "clean.one_hot");
  test_spin (200);   /* the search entry's delay */
  g_assert_cmpuint (strata_palette_count_visible (window->palette), ==, 1);
  gtk_editable_set_text (strata_palette_get_search (window->palette), "");
  test_spin (200);

  /* Enter on a row adds the node; a second one is linked from the
   * selected first one. */
  model = strata_workbench_get_model (strata_window_get_workbench (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-node", "s", "data.example"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-node", "s", "clean.dedupe"));
  g_assert_cmpuint (strata_canvas_model_get_nodes (model)->len, ==, 2);
  g_assert_nonnull (strata_canvas_model_get_input_link (model, "dedupe", "table"));
  g_assert_cmpstr (strata_canvas_model_get_input_link (model, "dedupe", "table")->from_node, ==, "example");
  /* One undo step removes the node and its link. */
  g_assert_true (strata_undo_stack_undo (strata_canvas_model_get_undo_stack (model)));
  g_assert_cmpuint (strata_canvas_model_get_nodes (model)->len, ==, 1);
  g_assert_cmpuint (strata_workflow_get_n_links (strata_workbench_get_workflow (strata_window_get_workbench (window))), ==, 0);

  /* A palette row dropped on the canvas adds its node where it lands. */
  {
    GtkDropTarget *target = NULL;
    GListModel *controllers = gtk_widget_observe_controllers (GTK_WIDGET (window->canvas));
    GValue value = G_VALUE_INIT;
    gboolean dropped = FALSE;

    for (guint i = 0; target == NULL && i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);
        if (GTK_IS_DROP_TARGET (controller))
          target = GTK_DROP_TARGET (controller);
      }
    g_object_unref (controllers);
    g_assert_nonnull (target);
    g_value_init (&value, G_TYPE_STRING);
    g_value_set_string (&value, STRATA_PALETTE_DRAG_PREFIX "clean.filter");
    g_signal_emit_by_name (target, "drop", &value, 200.0, 150.0, &dropped);
    g_value_unset (&value);
    g_assert_true (dropped);
    g_assert_nonnull (strata_canvas_model_get_node (model, "filter"));
    g_assert_true (strata_workflow_has_node (strata_workbench_get_workflow (strata_window_get_workbench (window)),
                                             "filter"));
  }

  /* Closing with unsaved changes asks first. */
  g_assert_true (strata_workbench_is_modified (strata_window_get_workbench (window)));
  gtk_window_close (GTK_WINDOW (window));
  test_spin (50);
  {
    GtkWindow *dialog = test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

    g_assert_nonnull (dialog);
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
    g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "discard");
    test_spin (50);
    g_assert_null (window);
  }
}

/* How many of @types have an input of kind @kind or of any kind. */
static guint
n_types_with_input (const StrataNodeType *const *types,
                    guint                        n_types,
                    const char                  *kind)
{
  guint n = 0;

  for (guint i = 0; i < n_types; i++)
    for (guint j = 0; types[i]->inputs != NULL && types[i]->inputs[j].name != NULL; j++)
      if (strcmp (types[i]->inputs[j].kind, kind) == 0 ||
          strcmp (types[i]->inputs[j].kind, STRATA_DATA_ANY) == 0)
        {
          n++;
          break;
        }
  return n;
}

static void
test_link_dropped (void)
{
  StrataWindow *window = test_new_window (app, 1200, 800);
  g_autoptr(StrataRegistry) registry = strata_registry_new_default ();
  const StrataNodeType *const *types;
  guint n_types = 0, n_expected = 0;
  StrataCanvasModel *model;
  GMenuModel *menu;
  g_autofree char *reason = NULL;

  types = strata_registry_list (registry, &n_types);
  /* every type with some input that takes a table (or anything) */
  n_expected = n_types_with_input (types, n_types, STRATA_DATA_TABLE);

  strata_window_new_workflow (window);
  model = strata_workbench_get_model (strata_window_get_workbench (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-node", "s", "data.example"));
  test_spin (20);

  /* A table link dropped on empty canvas offers every type with a table
   * input; choosing one adds it there, fed by the link, in one step. */
  g_signal_emit_by_name (window->canvas, "link-dropped-on-canvas", "example", "table", "table", 500.0, 200.0);
  test_spin (50);
  g_assert_true (gtk_widget_get_visible (window->link_popover));
  menu = gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (window->link_popover));
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, (int) n_expected);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-linked-node", "s", "clean.dedupe"));
  gtk_popover_popdown (GTK_POPOVER (window->link_popover));
  g_assert_nonnull (strata_canvas_model_get_input_link (model, "dedupe", "table"));
  g_assert_cmpfloat (strata_canvas_node_get_x (strata_canvas_model_get_node (model, "dedupe")), ==, 500.0);
  g_assert_true (strata_undo_stack_undo (strata_canvas_model_get_undo_stack (model)));
  g_assert_null (strata_canvas_model_get_node (model, "dedupe"));
  g_assert_cmpuint (strata_workflow_get_n_links (strata_workbench_get_workflow (strata_window_get_workbench (window))), ==, 0);

  /* A network link offers the types with a "model" input (which trees and
   * networks both feed) or an any-kind one; a table cannot feed a model
   * input, and the canvas says why. */
  n_expected = n_types_with_input (types, n_types, STRATA_DATA_MODEL);
  g_assert_cmpuint (n_expected, >=, 2);   /* eval.predict, eval.metrics, … */
  g_signal_emit_by_name (window->canvas, "link-dropped-on-canvas", "example", "network", "network", 500.0, 200.0);
  test_spin (50);
  menu = gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (window->link_popover));
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, (int) n_expected);
  gtk_popover_popdown (GTK_POPOVER (window->link_popover));
  g_assert_true (strata_canvas_model_kinds_compatible (model, STRATA_DATA_NETWORK, STRATA_DATA_MODEL, NULL));
  g_assert_true (strata_canvas_model_kinds_compatible (model, STRATA_DATA_TREE, STRATA_DATA_MODEL, NULL));
  g_assert_false (strata_canvas_model_kinds_compatible (model, STRATA_DATA_TABLE, STRATA_DATA_MODEL, &reason));
  g_assert_cmpstr (reason, ==, "A table output cannot feed a model input");

  window->close_confirmed = TRUE;
  test_close_window (window);
}

static void
test_settings (void)
{
  g_autoptr(GSettings) settings = strata_settings_new ();
  g_autofree char *path = example_path ("iris-prepare.strata");
  g_autofree char *canonical = g_canonicalize_filename (path, NULL);
  g_auto(GStrv) recent = NULL;
  StrataWindow *window;
  int width = 0, height = 0;

  g_assert_nonnull (settings);   /* the schema compiled into build/data */

  /* Opening a workflow puts it first in the recent files and the menu. */
  window = open_path (canonical);
  recent = g_settings_get_strv (settings, "recent-files");
  g_assert_cmpstr (recent[0], ==, canonical);
  g_assert_cmpint (g_menu_model_get_n_items (G_MENU_MODEL (window->recent_menu)), >=, 1);

  /* A closed window leaves its size for the next one. */
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 640);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_close (GTK_WINDOW (window));
  test_spin (50);
  g_assert_null (window);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 640);
  window = strata_window_new (app);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* --- model outputs: node types of the test's own, as the tree and apriori
 * branches declare theirs (a payload of kind "tree" / "rules") --------------- */

static const StrataDataType test_tree_type = {
  .kind = STRATA_DATA_TREE, .free = (GDestroyNotify) strata_tree_unref,
};
static const StrataDataType test_rules_type = {
  .kind = STRATA_DATA_RULES, .free = (GDestroyNotify) strata_rules_unref,
};

static gboolean
run_test_tree (StrataNodeContext *context, StrataParams *params, StrataData **in,
               StrataData **out, GError **error)
{
  StrataTree *tree = strata_tree_fit (strata_data_get_table (in[0]),
                                      strata_params_get_string (params, "target"), NULL, NULL, NULL,
                                      strata_node_context_get_cancellable (context), error);

  if (tree == NULL)
    return FALSE;
  out[0] = strata_data_new (&test_tree_type, tree);
  return TRUE;
}

static gboolean
run_test_rules (StrataNodeContext *context, StrataParams *params, StrataData **in,
                StrataData **out, GError **error)
{
  g_autoptr(StrataTransactions) transactions = strata_transactions_new_from_table (strata_data_get_table (in[0]), error);
  StrataAprioriParams apriori;
  StrataRules *rules = NULL;

  if (transactions == NULL)
    return FALSE;
  strata_apriori_params_init (&apriori);
  apriori.min_support = 0.6;
  if (!strata_apriori_run (transactions, &apriori, NULL, NULL, NULL, NULL, &rules, error))
    return FALSE;
  out[0] = strata_data_new (&test_rules_type, rules);
  return TRUE;
}

/* Reports 3 epochs of 5 batches with losses 1/(step+1), validation loss
 * 0.5/(epoch+1) and accuracy 0.5+0.1·epoch, as a trainer would. */
#define TRAIN_EPOCHS 3
#define TRAIN_STEPS  5

static gboolean
run_test_train (StrataNodeContext *context, StrataParams *params, StrataData **in,
                StrataData **out, GError **error)
{
  g_autoptr(StrataMetrics) last = strata_metrics_new ();

  strata_node_context_train_info (context, &(StrataTrainInfo) { TRAIN_EPOCHS, TRAIN_STEPS, 10, 0.1 });
  for (guint epoch = 0; epoch < TRAIN_EPOCHS; epoch++)
    {
      g_autoptr(StrataMetrics) metrics = strata_metrics_new ();

      for (guint b = 0; b < TRAIN_STEPS; b++)
        {
          guint64 step = epoch * TRAIN_STEPS + b;

          if (strata_node_context_check_cancelled (context, error))
            return FALSE;
          strata_node_context_train_step (context, epoch, step, 1.0 / (step + 1.0), (step + 1) * 10);
        }
      strata_metrics_set (metrics, "val_loss", 0.5 / (epoch + 1.0));
      strata_metrics_set (metrics, "val_accuracy", 0.5 + 0.1 * epoch);
      strata_node_context_train_epoch (context, epoch, metrics);
      strata_metrics_set (last, "val_loss", 0.5 / (epoch + 1.0));
    }
  out[0] = strata_data_new_metrics (last);
  return TRUE;
}

static const StrataPortSpec table_in[] = { { "table", STRATA_DATA_TABLE }, { NULL } };
static const StrataPortSpec tree_out[] = { { "model", STRATA_DATA_TREE }, { NULL } };
static const StrataPortSpec rules_out[] = { { "rules", STRATA_DATA_RULES }, { NULL } };
static const StrataParamSpec tree_params[] = {
  { .name = "target", .type = STRATA_PARAM_COLUMN, .nullable = TRUE, .help = "Target column" },
  { NULL }
};
static const StrataNodeType test_tree = {
  .id = "model.test_tree", .group = "model", .title = "Test tree", .help = "A CART tree",
  .inputs = table_in, .outputs = tree_out, .params = tree_params, .run = run_test_tree,
};
static const StrataPortSpec metrics_out[] = { { "metrics", STRATA_DATA_METRICS }, { NULL } };
static const StrataNodeType test_train = {
  .id = "model.test_train", .group = "model", .title = "Test training", .help = "Reports training",
  .inputs = table_in, .outputs = metrics_out, .run = run_test_train,
};
static const StrataNodeType test_rules = {
  .id = "mine.test_rules", .group = "mine", .title = "Test rules", .help = "Apriori rules",
  .inputs = table_in, .outputs = rules_out, .run = run_test_rules,
};

static void
test_model_views (void)
{
  g_autoptr(StrataRegistry) registry = strata_registry_new ();
  g_autoptr(StrataWorkbench) workbench = NULL;
  g_autoptr(JsonNode) name = json_node_new (JSON_NODE_VALUE);
  g_autoptr(JsonNode) target = json_node_new (JSON_NODE_VALUE);
  g_autoptr(StrataData) tree = NULL, rules = NULL;
  g_autofree char *expected = NULL, *shown = NULL;
  StrataWindow *window = test_new_window (app, 1200, 800);
  StrataCanvasModel *model;
  GtkTextIter start, end;

  strata_nodes_data_register (registry);
  strata_nodes_clean_register (registry);
  strata_registry_add (registry, &test_tree);
  strata_registry_add (registry, &test_rules);
  strata_registry_add (registry, &test_train);
  workbench = strata_workbench_new (registry);
  strata_window_set_workbench (window, workbench);
  model = strata_workbench_get_model (workbench);

  /* The palette follows the registry: the test's types are listed. */
  {
    guint n_types = 0;
    strata_registry_list (registry, &n_types);
    g_assert_cmpuint (strata_palette_count_visible (window->palette), ==, n_types);
  }

  json_node_set_string (name, "iris");
  json_node_set_string (target, "species");
  g_assert_nonnull (strata_workbench_add_node (workbench, "data.example", 40, 40, NULL));
  g_assert_true (strata_workbench_set_param (workbench, "example", "name", name, NULL));
  g_assert_nonnull (strata_workbench_add_node (workbench, "model.test_tree", 300, 40, NULL));
  g_assert_true (strata_workbench_set_param (workbench, "test_tree", "target", target, NULL));
  g_assert_true (strata_canvas_model_link (model, "example", "table", "test_tree", "table", NULL));
  json_node_set_string (name, "mushroom");
  g_assert_nonnull (strata_workbench_add_node (workbench, "data.example", 40, 240, NULL));
  g_assert_true (strata_workbench_set_param (workbench, "example2", "name", name, NULL));
  g_assert_nonnull (strata_workbench_add_node (workbench, "mine.test_rules", 300, 240, NULL));
  g_assert_true (strata_canvas_model_link (model, "example2", "table", "test_rules", "table", NULL));
  g_assert_nonnull (strata_workbench_add_node (workbench, "model.test_train", 560, 40, NULL));
  g_assert_true (strata_canvas_model_link (model, "example", "table", "test_train", "table", NULL));

  run_window (window);
  g_assert_cmpint (status_of (window, "test_tree"), ==, STRATA_CANVAS_STATUS_DONE);
  g_assert_cmpint (status_of (window, "test_rules"), ==, STRATA_CANVAS_STATUS_DONE);

  /* A tree: the diagram and its rules as text. */
  strata_window_select_node (window, "test_tree");
  test_spin (50);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->results_stack), ==, "tree");
  tree = strata_workbench_dup_output (workbench, "test_tree", "model");
  g_assert_true (strata_tree_view_get_tree (window->results_tree) ==
                 strata_data_get_payload (tree, STRATA_DATA_TREE));
  expected = strata_tree_to_text (strata_data_get_payload (tree, STRATA_DATA_TREE));
  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (window->results_tree_text), &start, &end);
  shown = gtk_text_iter_get_text (&start, &end);
  g_assert_cmpstr (shown, ==, expected);
  g_assert_nonnull (strstr (shown, "class: setosa"));

  /* Rules: the rules view lists every rule. */
  strata_window_select_node (window, "test_rules");
  test_spin (50);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->results_stack), ==, "rules");
  rules = strata_workbench_dup_output (workbench, "test_rules", "rules");
  g_assert_cmpuint (strata_rules_get_n_rules (strata_data_get_payload (rules, STRATA_DATA_RULES)), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (strata_rules_view_get_model (window->results_rules)), ==,
                    strata_rules_get_n_rules (strata_data_get_payload (rules, STRATA_DATA_RULES)));

  /* Training: every step and epoch reached the node's loss chart, which
   * is its result. */
  strata_window_select_node (window, "test_train");
  test_spin (50);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->results_stack), ==, "train:test_train");
  {
    StrataTrainingPage *page = _strata_window_training_page (window, "test_train");
    StrataLossChart *chart = strata_training_dashboard_get_chart (_strata_training_page_get_dashboard (page));
    StrataChartPoint point;
    guint run;

    g_assert_cmpuint (strata_loss_chart_get_n_runs (chart), ==, 1);
    run = strata_loss_chart_get_run_id (chart, 0);
    g_assert_cmpuint (strata_loss_chart_get_n_points (chart, run, STRATA_CHART_TRAIN_LOSS), ==,
                      TRAIN_EPOCHS * TRAIN_STEPS);
    g_assert_cmpuint (strata_loss_chart_get_n_points (chart, run, STRATA_CHART_VAL_LOSS), ==, TRAIN_EPOCHS);
    g_assert_cmpuint (strata_loss_chart_get_n_points (chart, run, STRATA_CHART_VAL_ACCURACY), ==, TRAIN_EPOCHS);
    g_assert_true (strata_loss_chart_get_point (chart, run, STRATA_CHART_TRAIN_LOSS, 4, &point, NULL));
    g_assert_cmpfloat_with_epsilon (point.value, 1.0 / 5.0, 1e-12);
    g_assert_true (strata_loss_chart_get_point (chart, run, STRATA_CHART_VAL_LOSS, 2, &point, NULL));
    g_assert_cmpfloat_with_epsilon (point.value, 0.5 / 3.0, 1e-12);
    g_assert_cmpfloat_with_epsilon (point.epoch, 3.0, 1e-12);
    g_assert_true (gtk_stack_get_visible_child (window->results_stack) == _strata_training_page_get_widget (page));
    g_assert_cmpint (strata_training_dashboard_get_state (_strata_training_page_get_dashboard (page)), ==,
                     STRATA_TRAINING_FINISHED);
  }

  window->close_confirmed = TRUE;
  test_close_window (window);
}

static void
count_event (StrataWorkbench *workbench,
             StrataEvent     *event,
             GHashTable      *seen)
{
  if (g_strcmp0 (event->node_id, "filter") == 0)
    g_hash_table_add (seen, GINT_TO_POINTER (event->type + 1));
}

/* A node that fails: its card and the inspector say why, its results too,
 * what is downstream is not run, and the others are. */
static void
test_failure (void)
{
  g_autofree char *path = example_path ("iris-prepare.strata");
  StrataWindow *window = open_path (path);
  StrataWorkbench *workbench = strata_window_get_workbench (window);
  StrataCanvasModel *model = strata_workbench_get_model (workbench);
  g_autoptr(JsonNode) column = json_node_new (JSON_NODE_VALUE);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_direct_hash, g_direct_equal);
  const char *message;
  GtkWidget *card;

  g_assert_nonnull (strata_workbench_add_node (workbench, "clean.filter", 300, 300, NULL));
  g_assert_true (strata_canvas_model_link (model, "iris", "table", "filter", "table", NULL));
  json_node_set_string (column, "no_such_column");
  g_assert_true (strata_workbench_set_param (workbench, "filter", "column", column, NULL));
  g_assert_nonnull (strata_workbench_add_node (workbench, "clean.dedupe", 560, 300, NULL));
  g_assert_true (strata_canvas_model_link (model, "filter", "table", "dedupe", "table", NULL));
  g_signal_connect (workbench, "node-event", G_CALLBACK (count_event), seen);

  run_window (window);
  g_assert_cmpint (status_of (window, "split"), ==, STRATA_CANVAS_STATUS_DONE);
  g_assert_cmpint (status_of (window, "filter"), ==, STRATA_CANVAS_STATUS_FAILED);
  g_assert_cmpint (status_of (window, "dedupe"), ==, STRATA_CANVAS_STATUS_FAILED);
  message = strata_canvas_node_get_message (strata_canvas_model_get_node (model, "filter"));
  g_assert_nonnull (strstr (message, "no_such_column"));
  card = strata_canvas_get_node_widget (window->canvas, "filter");
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (card), "no_such_column"));

  strata_window_select_node (window, "filter");
  test_spin (20);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->results_stack), ==, "empty");
  g_assert_nonnull (strstr (adw_status_page_get_description (window->results_empty), "no_such_column"));
  g_assert_nonnull (strstr (strata_inspector_get_status (window->inspector), "no_such_column"));

  /* The card went through queued and running before failing. */
  g_assert_true (g_hash_table_contains (seen, GINT_TO_POINTER (STRATA_EVENT_NODE_QUEUED + 1)));
  g_assert_true (g_hash_table_contains (seen, GINT_TO_POINTER (STRATA_EVENT_NODE_STARTED + 1)));
  g_assert_true (g_hash_table_contains (seen, GINT_TO_POINTER (STRATA_EVENT_NODE_FAILED + 1)));

  g_signal_handlers_disconnect_by_func (workbench, count_event, seen);
  window->close_confirmed = TRUE;
  test_close_window (window);
}

static void
test_csv (void)
{
  g_autofree char *relative = g_test_build_filename (G_TEST_DIST, "..", "data", "datasets", "iris.csv", NULL);
  g_autofree char *iris = g_canonicalize_filename (relative, NULL);
  StrataWindow *window = open_path (iris);
  StrataWorkflow *workflow = strata_workbench_get_workflow (strata_window_get_workbench (window));

  g_assert_cmpuint (strata_workflow_get_n_nodes (workflow), ==, 1);
  g_assert_cmpstr (strata_workflow_get_node_type (workflow, "csv")->id, ==, "data.csv");
  g_assert_cmpstr (strata_params_get_string (strata_workflow_get_params (workflow, "csv"), "path"), ==, iris);
  g_assert_cmpuint (grid_n_rows (window), ==, 150);
  run_window (window);
  g_assert_cmpint (status_of (window, "csv"), ==, STRATA_CANVAS_STATUS_DONE);
  g_assert_cmpuint (grid_n_rows (window), ==, 150);
  test_close_window (window);
}

static void
test_no_display (void)
{
  g_test_skip ("no display: run under xvfb-run");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *cache = g_dir_make_tmp ("strata-test-cache-XXXXXX", NULL);
  int status;

  /* Recovery files go to a private cache folder. */
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_add_func ("/Workbench/no-display", test_no_display);
      return g_test_run ();
    }
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  app = strata_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  g_test_add_func ("/Workbench/examples", test_examples);
  g_test_add_func ("/Workbench/stop", test_stop);
  g_test_add_func ("/Workbench/inspector", test_inspector);
  g_test_add_func ("/Workbench/save-reopen", test_save_reopen);
  g_test_add_func ("/Workbench/recovery", test_recovery);
  g_test_add_func ("/Workbench/palette", test_palette);
  g_test_add_func ("/Workbench/csv", test_csv);
  g_test_add_func ("/Workbench/link-dropped", test_link_dropped);
  g_test_add_func ("/Workbench/settings", test_settings);
  g_test_add_func ("/Workbench/model-views", test_model_views);
  g_test_add_func ("/Workbench/failure", test_failure);
  status = g_test_run ();

  g_clear_object (&app);
  {
    g_autofree char *strata_cache = g_build_filename (cache, "strata", NULL);
    g_rmdir (strata_cache);
    g_rmdir (cache);
  }
  return status;
}
