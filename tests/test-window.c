/* test-window.c — the workbench window, end to end, under Xvfb
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens real windows of the real application and looks at what they show:
 * the grid's model and columns, the cells it has drawn, the column pane's
 * rows and the statistics it computed on its worker thread. Expected
 * values come from the files themselves (iris: 150 rows, four numeric
 * columns and the species) or are worked out by hand below.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "strata-application.h"
#include "strata-window-private.h"
#include "window-helpers.h"

#define WAIT_SECONDS 60

static StrataApplication *app;

/* --- helpers ------------------------------------------------------------------ */

static const char *
visible_page (StrataWindow *window)
{
  return gtk_stack_get_visible_child_name (window->stack);
}

/* The first GtkInscription under @root whose text is @text, or NULL. */
static GtkWidget *
find_cell (GtkWidget  *root,
           const char *text)
{
  if (GTK_IS_INSCRIPTION (root) &&
      g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (root)), text) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_cell (child, text);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* TRUE when a GtkLabel under @root reads @text. */
static gboolean
has_label (GtkWidget  *root,
           const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;
  return FALSE;
}

/* The grid's column titles joined by ",". */
static char *
grid_titles (StrataWindow *window)
{
  GListModel *columns = gtk_column_view_get_columns (strata_data_grid_get_column_view (window->grid));
  g_autoptr(GString) titles = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      g_string_append_printf (titles, "%s%s", i > 0 ? "," : "",
                              gtk_column_view_column_get_title (column));
    }
  return g_string_free (g_steal_pointer (&titles), FALSE);
}

static guint
grid_n_rows (StrataWindow *window)
{
  GtkColumnView *view = strata_data_grid_get_column_view (window->grid);

  return g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view)));
}

/* The pane's rows as "title: subtitle" lines. */
static char *
pane_rows (StrataWindow *window)
{
  GtkListBox *list = strata_column_pane_get_list (window->pane);
  g_autoptr(GString) rows = g_string_new (NULL);
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    g_string_append_printf (rows, "%s: %s\n",
                            adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                            adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)));
  return g_string_free (g_steal_pointer (&rows), FALSE);
}

static GFile *
dataset (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "datasets", name, NULL);
  return g_file_new_for_path (path);
}

/* A file in a fresh temporary folder holding @contents. */
static GFile *
temp_file (const char *name,
           const char *contents)
{
  g_autofree char *dir = g_dir_make_tmp ("strata-test-window-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_nonnull (dir);
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return g_file_new_for_path (path);
}

static void
remove_temp_file (GFile *file)
{
  g_autoptr(GFile) dir = g_file_get_parent (file);

  g_assert_true (g_file_delete (file, NULL, NULL));
  g_assert_true (g_file_delete (dir, NULL, NULL));
}

/* --- tests --------------------------------------------------------------------- */

static void
test_welcome (void)
{
  StrataWindow *window = test_new_window (app, 1000, 700);
  int n_rows = 0;

  g_assert_cmpstr (visible_page (window), ==, STRATA_WINDOW_PAGE_WELCOME);
  g_assert_true (strata_window_is_pristine (window));
  /* The source tree holds all five bundled datasets the page offers. */
  while (gtk_list_box_get_row_at_index (window->datasets_list, n_rows) != NULL)
    n_rows++;
  g_assert_cmpint (n_rows, ==, 5);
  test_close_window (window);
}

/* A table built in code: the grid and pane against values worked out by
 * hand. x = 1.5, 2.5, NA, 6.5: mean 3.5, sample std sqrt(14/2) = 2.64575. */
static void
test_table_in_code (void)
{
  StrataWindow *window = test_new_window (app, 1000, 700);
  double *x = g_new (double, 4);
  gint32 *codes = g_new (gint32, 4);
  char **text = g_new (char *, 4);
  char **categories = g_strsplit ("red,blue", ",", -1);
  g_autoptr(StrataColumn) cx = NULL, cc = NULL, ct = NULL;
  g_autoptr(StrataTable) table = NULL;
  g_autofree char *titles = NULL;
  g_autofree char *rows = NULL;
  GtkWidget *cell;

  x[0] = 1.5; x[1] = 2.5; x[2] = NAN; x[3] = 6.5;
  codes[0] = 0; codes[1] = 1; codes[2] = 1; codes[3] = -1;
  text[0] = g_strdup ("alpha"); text[1] = g_strdup ("beta"); text[2] = NULL; text[3] = NULL;
  cx = strata_column_new_numeric ("x", x, 4);
  cc = strata_column_new_categorical ("colour", codes, 4, categories);
  ct = strata_column_new_text ("note", text, 4, NULL);
  table = strata_table_new ((StrataColumn *[]) { cx, cc, ct }, 3, NULL);
  g_assert_nonnull (table);

  strata_window_set_table (window, table, "in-code");
  test_wait_until_idle (window, WAIT_SECONDS);

  g_assert_cmpstr (visible_page (window), ==, STRATA_WINDOW_PAGE_WORKBENCH);
  g_assert_true (strata_window_get_table (window) == table);
  g_assert_cmpuint (grid_n_rows (window), ==, 4);
  titles = grid_titles (window);
  g_assert_cmpstr (titles, ==, "#,x,colour,note");
  rows = pane_rows (window);
  g_assert_cmpstr (rows, ==,
                   "x: Numeric · 1 missing\n"
                   "colour: Categorical · 1 missing\n"
                   "note: Text · 2 missing\n");

  /* Drawn cells: numbers right-aligned, missing ones dimmed. */
  cell = find_cell (GTK_WIDGET (window->grid), "6.5");
  g_assert_nonnull (cell);
  g_assert_cmpfloat (gtk_inscription_get_xalign (GTK_INSCRIPTION (cell)), ==, 1.0);
  cell = find_cell (GTK_WIDGET (window->grid), "alpha");
  g_assert_nonnull (cell);
  g_assert_cmpfloat (gtk_inscription_get_xalign (GTK_INSCRIPTION (cell)), ==, 0.0);
  cell = find_cell (GTK_WIDGET (window->grid), "NA");
  g_assert_nonnull (cell);
  g_assert_true (gtk_widget_has_css_class (cell, "dim-label"));
  g_assert_null (find_cell (GTK_WIDGET (window->grid), "5"));   /* 4 rows only */

  /* Statistics from the worker thread (the first column is expanded). */
  g_assert_false (strata_column_pane_get_busy (window->pane));
  g_assert_true (has_label (GTK_WIDGET (window->pane), "3.5"));
  g_assert_true (has_label (GTK_WIDGET (window->pane), "2.64575"));

  test_close_window (window);
}

static void
test_iris (void)
{
  StrataWindow *window = test_new_window (app, 1000, 700);
  g_autoptr(GFile) file = dataset ("iris.csv");
  g_autofree char *titles = NULL;
  g_autofree char *rows = NULL;

  strata_window_open (window, file);
  g_assert_true (strata_window_get_busy (window));
  g_assert_cmpstr (visible_page (window), ==, STRATA_WINDOW_PAGE_LOADING);
  test_wait_until_idle (window, WAIT_SECONDS);

  g_assert_no_error ((GError *) strata_window_get_error (window));
  g_assert_cmpstr (visible_page (window), ==, STRATA_WINDOW_PAGE_WORKBENCH);
  g_assert_cmpstr (adw_window_title_get_title (window->window_title), ==, "iris.csv");
  g_assert_cmpstr (adw_window_title_get_subtitle (window->window_title), ==, "150 rows · 5 columns");
  g_assert_cmpuint (grid_n_rows (window), ==, 150);
  titles = grid_titles (window);
  g_assert_cmpstr (titles, ==, "#,sepal_length,sepal_width,petal_length,petal_width,species");
  rows = pane_rows (window);
  g_assert_cmpstr (rows, ==,
                   "sepal_length: Numeric · 0 missing\n"
                   "sepal_width: Numeric · 0 missing\n"
                   "petal_length: Numeric · 0 missing\n"
                   "petal_width: Numeric · 0 missing\n"
                   "species: Categorical · 0 missing\n");
  /* The first row of the file, drawn. */
  g_assert_nonnull (find_cell (GTK_WIDGET (window->grid), "5.1"));
  g_assert_nonnull (find_cell (GTK_WIDGET (window->grid), "setosa"));
  /* sepal_length's mean, 5.8433 (R: mean(iris$Sepal.Length)). */
  g_assert_true (has_label (GTK_WIDGET (window->pane), "5.84333"));

  test_close_window (window);
}

/* File ▸ Open: the chooser (GTK's own dialog, without a portal) opens the
 * chosen file in this window. */
static void
test_open_dialog (void)
{
  StrataWindow *window = test_new_window (app, 1000, 700);
  g_autoptr(GFile) iris = dataset ("iris.csv");
  GtkWindow *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open", NULL));
  test_spin (100);
  dialog = test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_file_chooser_set_file (GTK_FILE_CHOOSER (dialog), iris, NULL));
  /* The dialog ignores Open until it has loaded the folder and selected
   * the file; press it until it takes. */
  for (int tries = 0; window->chooser != NULL; tries++)
    {
      g_assert_cmpint (tries, <, WAIT_SECONDS * 10);
      gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
      test_spin (100);
    }
  test_wait_until_idle (window, WAIT_SECONDS);
  g_assert_cmpstr (visible_page (window), ==, STRATA_WINDOW_PAGE_WORKBENCH);
  g_assert_cmpuint (grid_n_rows (window), ==, 150);
  test_close_window (window);
}

/* Dropping files: the first opens here, the others in windows of their
 * own. The drop is delivered to the window's GtkDropTarget as GTK would. */
static void
test_drop (void)
{
  StrataWindow *window = test_new_window (app, 1000, 700);
  GFile *files[2] = { dataset ("iris.csv"), dataset ("airline-passengers.csv") };
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  GtkDropTarget *target = NULL;
  GValue value = G_VALUE_INIT;
  gboolean accepted = FALSE;
  StrataWindow *other = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);
      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_array (files, 2));
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_value_unset (&value);
  g_assert_true (accepted);

  test_wait_until_idle (window, WAIT_SECONDS);
  g_assert_cmpstr (adw_window_title_get_title (window->window_title), ==, "iris.csv");
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (l->data != window)
      other = l->data;
  g_assert_nonnull (other);
  test_wait_until_idle (other, WAIT_SECONDS);
  g_assert_cmpstr (adw_window_title_get_title (other->window_title), ==, "airline-passengers.csv");
  g_assert_cmpuint (strata_table_get_n_rows (strata_window_get_table (other)), ==, 144);

  test_close_window (other);
  test_close_window (window);
  g_object_unref (files[0]);
  g_object_unref (files[1]);
}

/* A ragged row is an error the window shows; it must not crash, and a
 * table already shown stays. */
static void
test_bad_file (void)
{
  StrataWindow *window = test_new_window (app, 1000, 700);
  g_autoptr(GFile) bad = temp_file ("ragged.csv", "a,b\n1,2\n3,4,5\n");
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/strata/nothing.csv");
  g_autoptr(GFile) iris = dataset ("iris.csv");
  const GError *error;

  strata_window_open (window, bad);
  test_wait_until_idle (window, WAIT_SECONDS);
  error = strata_window_get_error (window);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "ragged.csv"));
  g_assert_cmpstr (visible_page (window), ==, STRATA_WINDOW_PAGE_ERROR);
  g_assert_null (strata_window_get_table (window));
  g_assert_true (has_label (GTK_WIDGET (window->error_page), error->message));

  strata_window_open (window, missing);
  test_wait_until_idle (window, WAIT_SECONDS);
  g_assert_error ((GError *) strata_window_get_error (window), G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpstr (visible_page (window), ==, STRATA_WINDOW_PAGE_ERROR);

  /* With a table shown, a failure leaves it in place. */
  strata_window_open (window, iris);
  test_wait_until_idle (window, WAIT_SECONDS);
  g_assert_null (strata_window_get_error (window));
  g_assert_nonnull (strata_window_get_table (window));
  strata_window_open (window, bad);
  test_wait_until_idle (window, WAIT_SECONDS);
  g_assert_nonnull (strata_window_get_error (window));
  g_assert_cmpstr (visible_page (window), ==, STRATA_WINDOW_PAGE_WORKBENCH);
  g_assert_cmpuint (grid_n_rows (window), ==, 150);

  test_close_window (window);
  remove_temp_file (bad);
}

/* Reader warnings reach the window: a toast, and win.show-warnings lists
 * them in a dialog. */
static void
test_warnings (void)
{
  StrataWindow *window = test_new_window (app, 1000, 700);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "bad", "invalid-utf8.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWindow *dialog;

  strata_window_open (window, file);
  test_wait_until_idle (window, WAIT_SECONDS);
  g_assert_null (strata_window_get_error (window));
  g_assert_nonnull (window->warnings);
  g_assert_cmpuint (window->warnings->len, ==, 2);
  g_assert_nonnull (strstr (g_ptr_array_index (window->warnings, 0), "line 2"));
  /* "café" decoded as Windows-1252, drawn. */
  g_assert_nonnull (find_cell (GTK_WIDGET (window->grid), "café"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-warnings", NULL));
  test_spin (50);
  dialog = test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "invalid-utf8.csv: line 3"));
  gtk_window_destroy (dialog);
  test_close_window (window);
}

/* A million rows built in code: the grid makes widgets only for the rows
 * on screen, and scrolling to the end draws the last row. */
static void
test_million_rows (void)
{
  const gsize n = 1000000;
  StrataWindow *window = test_new_window (app, 1000, 700);
  double *x = g_new (double, n);
  g_autoptr(StrataColumn) column = NULL;
  g_autoptr(StrataTable) table = NULL;
  GtkScrolledWindow *scroller;
  GtkAdjustment *adjustment;
  guint n_cells;

  for (gsize i = 0; i < n; i++)
    x[i] = i * 0.5;
  column = strata_column_new_numeric ("half", x, n);
  table = strata_table_new (&column, 1, NULL);
  strata_window_set_table (window, table, "million");
  test_wait_until_idle (window, WAIT_SECONDS);
  g_assert_cmpuint (grid_n_rows (window), ==, n);

  /* Two cells (row number, value) per drawn row: a screenful, not a million. */
  n_cells = 0;
  for (GtkWidget *w = GTK_WIDGET (window->grid); w != NULL; )
    {
      if (GTK_IS_INSCRIPTION (w))
        n_cells++;
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != NULL && w != GTK_WIDGET (window->grid) && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          w = (w == NULL || w == GTK_WIDGET (window->grid)) ? NULL : gtk_widget_get_next_sibling (w);
        }
    }
  g_assert_cmpuint (n_cells, >, 2 * 10);
  g_assert_cmpuint (n_cells, <, 2 * 500);

  scroller = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (
      GTK_WIDGET (strata_data_grid_get_column_view (window->grid)), GTK_TYPE_SCROLLED_WINDOW));
  adjustment = gtk_scrolled_window_get_vadjustment (scroller);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  test_spin (300);
  g_assert_nonnull (find_cell (GTK_WIDGET (window->grid), "1000000"));
  g_assert_nonnull (find_cell (GTK_WIDGET (window->grid), "499999.5"));
  g_assert_null (find_cell (GTK_WIDGET (window->grid), "0.5"));

  /* F9's action hides the pane and shows it again. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->pane)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-pane", NULL));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window->pane)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-pane", NULL));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->pane)));

  test_close_window (window);
}

/* Cancel puts the window back as it was and leaves nothing running. */
static void
test_cancel (void)
{
  StrataWindow *window = test_new_window (app, 1000, 700);
  g_autoptr(GFile) iris = dataset ("iris.csv");

  strata_window_open (window, iris);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-open", NULL));
  g_assert_false (strata_window_get_busy (window));
  g_assert_cmpstr (visible_page (window), ==, STRATA_WINDOW_PAGE_WELCOME);
  test_spin (300);   /* the worker finishes; its result must be dropped */
  g_assert_null (strata_window_get_table (window));
  g_assert_cmpstr (visible_page (window), ==, STRATA_WINDOW_PAGE_WELCOME);
  test_close_window (window);
}

/* The application's accelerators, and the windows its actions open. */
static void
test_actions (void)
{
  static const struct {
    const char *action;
    const char *accel;
  } expected[] = {
    { "win.open", "<Control>o" },
    { "window.close", "<Control>w" },
    { "app.quit", "<Control>q" },
    { "app.new-window", "<Control>n" },
    { "win.show-help-overlay", "F1" },
    { "win.show-help-overlay", "<Control>question" },
    { "win.toggle-pane", "F9" },
  };
  StrataWindow *window = test_new_window (app, 1000, 700);
  GtkWindow *other;
  guint n_windows;

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                      expected[i].action);
      g_assert_true (g_strv_contains ((const char *const *) accels, expected[i].accel));
    }

  n_windows = g_list_length (gtk_application_get_windows (GTK_APPLICATION (app)));
  g_action_group_activate_action (G_ACTION_GROUP (app), "new-window", NULL);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, n_windows + 1);
  other = gtk_application_get_windows (GTK_APPLICATION (app))->data;
  g_assert_true (STRATA_IS_WINDOW (other));
  g_assert_true (other != GTK_WINDOW (window));
  test_close_window (STRATA_WINDOW (other));

  gtk_window_present (GTK_WINDOW (window));
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  test_spin (50);
  other = test_find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (other);
  gtk_window_destroy (other);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  test_spin (50);
  other = test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (other);
  gtk_window_close (other);   /* the overlay is kept by its window, hidden */

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
  int status;

  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_add_func ("/Window/no-display", test_no_display);
      return g_test_run ();
    }
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  app = strata_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  g_test_add_func ("/Window/welcome", test_welcome);
  g_test_add_func ("/Window/actions", test_actions);
  g_test_add_func ("/Window/table-in-code", test_table_in_code);
  g_test_add_func ("/Window/iris", test_iris);
  g_test_add_func ("/Window/open-dialog", test_open_dialog);
  g_test_add_func ("/Window/drop", test_drop);
  g_test_add_func ("/Window/bad-file", test_bad_file);
  g_test_add_func ("/Window/warnings", test_warnings);
  g_test_add_func ("/Window/million-rows", test_million_rows);
  g_test_add_func ("/Window/cancel", test_cancel);
  status = g_test_run ();

  g_clear_object (&app);
  return status;
}
