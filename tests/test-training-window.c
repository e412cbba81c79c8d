/* test-training-window.c — live training and model views in the workbench
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Real windows under Xvfb, real runs of model.network on iris (a small
 * generated workflow) and of the iris-tree example. What is checked is
 * counted independently: the batches the dashboard and chart got are the
 * batches the configuration implies (epochs × ⌈rows / batch⌉); frames keep
 * coming while training (a tick callback counts them, and the chart grows
 * between frames before the run ends); pause holds the chart, Step adds
 * exactly one batch, Stop leaves a model; the confusion matrix equals the
 * counts of (target, prediction) pairs of eval.predict's table.
 *
 * No wall-clock thresholds are asserted (a shared machine); the frame gap
 * is measured by tests/probe-frames.c and reported in docs/window.md.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "strata-application.h"
#include "strata-window-private.h"
#include "window-helpers.h"

#define WAIT_SECONDS 120
#define IRIS_ROWS    150

static StrataApplication *app;

/* --- helpers ------------------------------------------------------------------ */

static void
set_param (StrataWorkbench *workbench,
           const char      *node,
           const char      *name,
           const char      *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) value = json_from_string (json, &error);

  g_assert_no_error (error);
  g_assert_true (strata_workbench_set_param (workbench, node, name, value, &error));
  g_assert_no_error (error);
}

/* iris → model.network "net" (a dense layer of 8, no validation rows),
 * @epochs of batches of 10: 15 batches per epoch. */
static StrataWindow *
network_window (guint epochs)
{
  StrataWindow *window = test_new_window (app, 1200, 800);
  g_autoptr(StrataRegistry) registry = strata_registry_new_default ();
  g_autoptr(StrataWorkbench) workbench = strata_workbench_new (registry);
  g_autofree char *n = g_strdup_printf ("%u", epochs);
  const char *id;

  strata_window_set_workbench (window, workbench);
  g_assert_cmpstr (strata_workbench_add_node (workbench, "data.example", 40, 40, NULL), ==, "example");
  set_param (workbench, "example", "name", "\"iris\"");
  id = strata_workbench_add_node (workbench, "model.network", 300, 40, NULL);
  g_assert_nonnull (id);
  g_assert_true (strata_canvas_model_link (strata_workbench_get_model (workbench), "example", "table",
                                           id, "table", NULL));
  set_param (workbench, id, "target", "\"species\"");
  set_param (workbench, id, "layers", "[{\"type\": \"dense\", \"out_features\": 8}, {\"type\": \"relu\"}]");
  set_param (workbench, id, "epochs", n);
  set_param (workbench, id, "batch_size", "10");
  set_param (workbench, id, "validation_fraction", "0");
  set_param (workbench, id, "learning_rate", "0.05");
  strata_window_select_node (window, id);
  return window;
}

static const char *
network_id (StrataWindow *window)
{
  return window->results_node;
}

static StrataTrainingDashboard *
dashboard_of (StrataWindow *window)
{
  StrataTrainingPage *page = _strata_window_training_page (window, network_id (window));

  g_assert_nonnull (page);
  return _strata_training_page_get_dashboard (page);
}

static StrataLossChart *
chart_of (StrataWindow *window)
{
  return strata_training_dashboard_get_chart (dashboard_of (window));
}

/* Points of the chart's newest run's training loss (0 before any). */
static gsize
newest_points (StrataWindow *window)
{
  StrataTrainingPage *page = _strata_window_training_page (window, network_id (window));
  StrataLossChart *chart;
  guint n;

  if (page == NULL)
    return 0;
  chart = chart_of (window);
  n = strata_loss_chart_get_n_runs (chart);
  return n == 0 ? 0 : strata_loss_chart_get_n_points (chart, strata_loss_chart_get_run_id (chart, n - 1),
                                                      STRATA_CHART_TRAIN_LOSS);
}

static GtkWidget *
training_page_widget (StrataWindow *window)
{
  return _strata_training_page_get_widget (_strata_window_training_page (window, network_id (window)));
}

static void
start_run (StrataWindow *window)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL));
  g_assert_true (strata_workbench_is_running (strata_window_get_workbench (window)));
}

/* Spins until the newest run has at least @points points (fails after
 * WAIT_SECONDS). */
static void
wait_for_points (StrataWindow *window,
                 gsize         points)
{
  gint64 end = g_get_monotonic_time () + WAIT_SECONDS * G_TIME_SPAN_SECOND;

  while (newest_points (window) < points)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }
}

static gboolean
dashboard_action (StrataWindow *window,
                  const char   *action)
{
  return gtk_widget_activate_action (GTK_WIDGET (dashboard_of (window)), action, NULL);
}

typedef struct {
  StrataWindow *window;
  guint         frames;          /* ticks while the run was going */
  guint         growing;         /* ticks that saw more points than the last */
  gsize         last;
  gboolean      stepping;        /* ask for one batch whenever one arrived */
} Frames;

/* A tick callback: counts frames during the run and the frames in which
 * new batches had been applied to the chart. While stepping, each batch
 * that arrived is answered with Step, so training goes one batch per
 * drained frame whatever the speed of the machine. */
static gboolean
count_frame (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       data)
{
  Frames *f = data;
  gsize n;

  if (f->window->workbench == NULL || !strata_workbench_is_running (f->window->workbench))
    return G_SOURCE_CONTINUE;
  n = newest_points (f->window);
  f->frames++;
  if (n > f->last)
    {
      f->growing++;
      if (f->stepping)
        g_assert_true (dashboard_action (f->window, "dashboard.step"));
    }
  f->last = n;
  return G_SOURCE_CONTINUE;
}

/* --- tests ---------------------------------------------------------------------- */

/* A real run feeds the dashboard: every batch, every epoch; frames keep
 * coming while the worker trains, and batches are applied frame by frame
 * (30 batches are stepped one per frame, which needs the frames to keep
 * coming and each one to apply what arrived). */
static void
test_live (void)
{
  const guint epochs = 400, per_epoch = IRIS_ROWS / 10;
  StrataWindow *window = network_window (epochs);
  Frames frames = { window, 0, 0, 0, FALSE };
  gint64 end;
  guint tick;
  StrataTrainingDashboard *dashboard;
  StrataLossChart *chart;
  guint run;

  start_run (window);
  /* Hold the trainer after its first batch before the main loop runs:
   * 6,000 iris batches can otherwise all finish before the test reaches
   * Pause (seen on a quiet machine). Run resets the control synchronously,
   * so this pause cannot be lost. The dashboard's own Pause still goes
   * through its action below. */
  strata_train_control_pause (strata_workbench_get_train_control (strata_window_get_workbench (window)));
  wait_for_points (window, 1);
  g_assert_true (dashboard_action (window, "dashboard.pause"));
  test_spin (100);
  g_assert_true (strata_workbench_is_running (strata_window_get_workbench (window)));
  frames.last = newest_points (window);
  frames.stepping = TRUE;
  tick = gtk_widget_add_tick_callback (GTK_WIDGET (window), count_frame, &frames, NULL);
  g_assert_true (dashboard_action (window, "dashboard.step"));
  end = g_get_monotonic_time () + WAIT_SECONDS * G_TIME_SPAN_SECOND;
  while (frames.growing < 30)
    {
      g_assert_true (strata_workbench_is_running (strata_window_get_workbench (window)));
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }
  frames.stepping = FALSE;
  g_assert_cmpuint (newest_points (window), <, epochs * per_epoch);
  g_assert_true (strata_workbench_is_running (strata_window_get_workbench (window)));
  g_assert_true (dashboard_action (window, "dashboard.resume"));
  test_wait_until_idle (window, WAIT_SECONDS);
  gtk_widget_remove_tick_callback (GTK_WIDGET (window), tick);
  g_test_message ("%u frames during the run, %u with new batches", frames.frames, frames.growing);
  g_assert_cmpuint (frames.frames, >=, frames.growing);

  dashboard = dashboard_of (window);
  chart = chart_of (window);
  g_assert_cmpint (strata_training_dashboard_get_state (dashboard), ==, STRATA_TRAINING_FINISHED);
  g_assert_cmpuint (strata_training_dashboard_get_steps_total (dashboard), ==, epochs * per_epoch);
  g_assert_cmpuint (strata_training_dashboard_get_steps_done (dashboard), ==, epochs * per_epoch);
  g_assert_cmpuint (strata_loss_chart_get_n_runs (chart), ==, 1);
  run = strata_loss_chart_get_run_id (chart, 0);
  g_assert_cmpuint (strata_loss_chart_get_n_points (chart, run, STRATA_CHART_TRAIN_LOSS), ==, epochs * per_epoch);
  g_assert_cmpstr (strata_loss_chart_get_run_name (chart, run), ==, "Run 1 · lr 0.05");
  g_assert_true (gtk_stack_get_visible_child (window->results_stack) ==
                 training_page_widget (window));

  window->close_confirmed = TRUE;
  test_close_window (window);
}

/* Pause holds training, Step runs one batch, Resume carries on, Stop ends
 * the node with the model trained so far. */
static void
test_pause_step_stop (void)
{
  const guint epochs = 2000;
  StrataWindow *window = network_window (epochs);
  StrataWorkbench *workbench = strata_window_get_workbench (window);
  g_autoptr(StrataNodeResult) result = NULL;
  g_autoptr(StrataData) network = NULL;
  gsize held, stepped;
  double stopped = 0;

  start_run (window);
  wait_for_points (window, 3);
  g_assert_true (dashboard_action (window, "dashboard.pause"));
  g_assert_cmpint (strata_training_dashboard_get_state (dashboard_of (window)), ==, STRATA_TRAINING_PAUSED);
  /* The batch under way when Pause came may still arrive; then nothing. */
  test_spin (300);
  held = newest_points (window);
  test_spin (400);
  g_assert_cmpuint (newest_points (window), ==, held);
  g_assert_true (strata_workbench_is_running (workbench));

  g_assert_true (dashboard_action (window, "dashboard.step"));
  wait_for_points (window, held + 1);
  test_spin (400);
  stepped = newest_points (window);
  g_assert_cmpuint (stepped, ==, held + 1);

  g_assert_true (dashboard_action (window, "dashboard.resume"));
  wait_for_points (window, stepped + 20);

  g_assert_true (dashboard_action (window, "dashboard.stop"));
  test_wait_until_idle (window, WAIT_SECONDS);
  /* The node finished (not cancelled) with a network and the mark. */
  result = strata_workbench_dup_result (workbench, network_id (window));
  g_assert_nonnull (result);
  g_assert_cmpint (result->status, ==, STRATA_NODE_STATUS_OK);
  g_assert_true (strata_metrics_lookup (result->metrics, "stopped", &stopped));
  g_assert_cmpfloat (stopped, ==, 1);
  network = strata_workbench_dup_output (workbench, network_id (window), "network");
  g_assert_nonnull (network);
  g_assert_nonnull (strata_data_get_payload (network, STRATA_DATA_NETWORK));
  g_assert_cmpint (strata_training_dashboard_get_state (dashboard_of (window)), ==, STRATA_TRAINING_STOPPED);
  g_assert_cmpuint (newest_points (window), <, epochs * (IRIS_ROWS / 10));

  window->close_confirmed = TRUE;
  test_close_window (window);
}

/* Two runs at two learning rates: both curves kept, in two colours, each
 * can be hidden from the Runs menu; and the chart exports. */
static void
test_history_and_export (void)
{
  const guint epochs = 5, per_epoch = IRIS_ROWS / 10;
  StrataWindow *window = network_window (epochs);
  StrataWorkbench *workbench = strata_window_get_workbench (window);
  StrataTrainingPage *page;
  StrataLossChart *chart;
  GdkRGBA a, b;
  guint run0, run1, n_checks = 0;
  g_autofree char *dir = g_dir_make_tmp ("strata-chart-XXXXXX", NULL);
  GtkWidget *row;

  start_run (window);
  test_wait_until_idle (window, WAIT_SECONDS);
  set_param (workbench, network_id (window), "learning_rate", "0.2");
  start_run (window);
  test_wait_until_idle (window, WAIT_SECONDS);

  page = _strata_window_training_page (window, network_id (window));
  chart = chart_of (window);
  g_assert_cmpuint (strata_loss_chart_get_n_runs (chart), ==, 2);
  run0 = strata_loss_chart_get_run_id (chart, 0);
  run1 = strata_loss_chart_get_run_id (chart, 1);
  g_assert_cmpstr (strata_loss_chart_get_run_name (chart, run0), ==, "Run 1 · lr 0.05");
  g_assert_cmpstr (strata_loss_chart_get_run_name (chart, run1), ==, "Run 2 · lr 0.2");
  for (guint r = 0; r < 2; r++)
    g_assert_cmpuint (strata_loss_chart_get_n_points (chart, strata_loss_chart_get_run_id (chart, r),
                                                      STRATA_CHART_TRAIN_LOSS), ==, epochs * per_epoch);
  g_assert_true (strata_loss_chart_get_run_color (chart, run0, &a));
  g_assert_true (strata_loss_chart_get_run_color (chart, run1, &b));
  g_assert_false (gdk_rgba_equal (&a, &b));

  /* The Runs menu: a check box per run, newest first; unticking hides. */
  for (row = gtk_widget_get_first_child (_strata_training_page_get_runs_list (page)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *box = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
      GtkWidget *check = gtk_widget_get_last_child (box);
      guint run = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "run"));

      g_assert_cmpuint (run, ==, n_checks == 0 ? run1 : run0);
      g_assert_true (strata_loss_chart_get_run_visible (chart, run));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), FALSE);
      g_assert_false (strata_loss_chart_get_run_visible (chart, run));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      n_checks++;
    }
  g_assert_cmpuint (n_checks, ==, 2);

  /* Exports: each file is what its name says. */
  {
    static const char *const names[] = { "c.png", "c.svg", "c.pdf", "c.csv" };
    static const StrataChartFormat formats[] = {
      STRATA_CHART_FORMAT_PNG, STRATA_CHART_FORMAT_SVG, STRATA_CHART_FORMAT_PDF, STRATA_CHART_FORMAT_CSV,
    };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *path = g_build_filename (dir, names[i], NULL);
        g_autoptr(GFile) file = g_file_new_for_path (path);
        g_autoptr(GError) error = NULL;
        g_autofree char *contents = NULL;
        gsize length = 0;

        g_assert_true (_strata_training_page_export (page, file, formats[i], &error));
        g_assert_no_error (error);
        g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
        if (formats[i] == STRATA_CHART_FORMAT_PNG)
          {
            g_autoptr(GdkTexture) texture = gdk_texture_new_from_filename (path, &error);

            g_assert_no_error (error);
            g_assert_cmpint (gdk_texture_get_width (texture), >=, 640);
            g_assert_cmpint (gdk_texture_get_height (texture), >=, 400);
          }
        else if (formats[i] == STRATA_CHART_FORMAT_SVG)
          g_assert_nonnull (strstr (contents, "<svg"));
        else if (formats[i] == STRATA_CHART_FORMAT_PDF)
          {
            g_assert_true (g_str_has_prefix (contents, "%PDF-"));
            g_assert_cmpuint (length, >, 64);
            g_assert_nonnull (g_strstr_len (contents + length - 32, 32, "%%EOF"));
          }
        else
          {
            g_auto(GStrv) lines = g_strsplit (contents, "\r\n", -1);   /* RFC 4180 */
            guint n_loss = 0;

            g_assert_cmpstr (lines[0], ==, "run,series,step,epoch,wall_time,value");
            for (guint l = 1; lines[l] != NULL; l++)
              if (strstr (lines[l], ",loss,") != NULL)
                n_loss++;
            g_assert_cmpuint (n_loss, ==, 2 * epochs * per_epoch);
          }
        g_unlink (path);
      }
  }
  g_rmdir (dir);

  window->close_confirmed = TRUE;
  test_close_window (window);
}

static StrataWindow *
iris_tree_window (void)
{
  StrataWindow *window = test_new_window (app, 1200, 800);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "resources", "examples",
                                                 "iris-tree.strata", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  strata_window_open (window, file);
  test_wait_until_idle (window, WAIT_SECONDS);
  g_assert_nonnull (strata_window_get_workbench (window));
  start_run (window);
  test_wait_until_idle (window, WAIT_SECONDS);
  return window;
}

/* eval.metrics of the iris-tree example in the confusion view: its cells
 * are the counts of (species, prediction) pairs of eval.predict's table
 * (the same tree on the same test rows). */
static void
test_confusion_iris (void)
{
  StrataWindow *window = iris_tree_window ();
  StrataWorkbench *workbench = strata_window_get_workbench (window);
  g_autoptr(StrataData) predictions = strata_workbench_dup_output (workbench, "predict", "predictions");
  g_autoptr(StrataData) tree = strata_workbench_dup_output (workbench, "tree", "model");
  StrataTable *table;
  StrataColumn *truth, *predicted;
  StrataTree *model;
  guint k;
  gsize counts[3][3] = { { 0 } }, n;

  g_assert_nonnull (predictions);
  table = strata_data_get_payload (predictions, STRATA_DATA_PREDICTIONS);
  model = strata_data_get_payload (tree, STRATA_DATA_TREE);
  k = strata_tree_get_n_classes (model);
  g_assert_cmpuint (k, ==, 3);
  truth = strata_table_lookup_column (table, "species", NULL);
  predicted = strata_table_lookup_column (table, "prediction", NULL);
  n = strata_table_get_n_rows (table);
  for (gsize r = 0; r < n; r++)
    {
      g_autofree char *t = strata_column_format_value (truth, r);
      g_autofree char *p = strata_column_format_value (predicted, r);
      guint ti = k, pi = k;

      for (guint c = 0; c < k; c++)
        {
          if (g_strcmp0 (t, strata_tree_get_class (model, c)) == 0)
            ti = c;
          if (g_strcmp0 (p, strata_tree_get_class (model, c)) == 0)
            pi = c;
        }
      g_assert_cmpuint (ti, <, k);
      g_assert_cmpuint (pi, <, k);
      counts[ti][pi]++;
    }

  strata_window_select_node (window, "metrics");
  test_spin (50);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->results_stack), ==, "confusion");
  strata_confusion_view_set_normalize (window->results_confusion, FALSE);
  for (guint t = 0; t < k; t++)
    for (guint p = 0; p < k; p++)
      g_assert_cmpfloat (strata_confusion_view_get_cell_value (window->results_confusion, t, p), ==,
                         (double) counts[t][p]);
  /* The row labels are the tree's classes. */
  for (guint c = 0; c < k; c++)
    g_assert_cmpstr (strata_confusion_view_get_table_text (window->results_confusion, c, 0), ==,
                     strata_tree_get_class (model, c));

  /* The tree node shows the diagram of the same tree. */
  strata_window_select_node (window, "tree");
  test_spin (50);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->results_stack), ==, "tree");
  g_assert_true (strata_tree_view_get_tree (window->results_tree) == model);

  window->close_confirmed = TRUE;
  test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *cache = g_dir_make_tmp ("strata-test-cache-XXXXXX", NULL);

  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return 77;
    }
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  app = strata_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  g_test_add_func ("/TrainingWindow/live", test_live);
  g_test_add_func ("/TrainingWindow/pause-step-stop", test_pause_step_stop);
  g_test_add_func ("/TrainingWindow/history-export", test_history_and_export);
  g_test_add_func ("/TrainingWindow/confusion-iris", test_confusion_iris);
  return g_test_run ();
}
