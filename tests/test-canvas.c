/* test-canvas.c — the pipeline canvas widget, in a real window (Xvfb)
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every test opens the sample pipeline (canvas-fixtures.c) in a window and
 * drives the canvas three ways: through its C API; through its pointer
 * gestures, by emitting the GtkGestureDrag signals with widget coordinates
 * computed from the model (so a wrong port position or pick fails the
 * test); and through its key bindings, by looking the key up in the
 * widget's shortcut controllers and activating what it is bound to, exactly
 * as a key press would. Results are checked on the model, whose
 * serialisation before an edit must come back after undo.
 */

#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "canvas-fixtures.h"
#include "common/frame-buffers.h"
#include "strata-canvas-private.h"

typedef struct {
  GtkWidget         *window;
  StrataCanvas      *canvas;
  StrataCanvasModel *model;
  /* signal records */
  char              *refused_reason;
  char              *dropped_kind;
  double             dropped_x, dropped_y;
  char              *activated;
} Fixture;

static void
on_refused (StrataCanvas *c, const char *fn, const char *fp, const char *tn, const char *tp,
            const char *reason, Fixture *f)
{
  g_free (f->refused_reason);
  f->refused_reason = g_strdup (reason);
}

static void
on_dropped (StrataCanvas *c, const char *node, const char *port, const char *kind,
            double x, double y, Fixture *f)
{
  g_free (f->dropped_kind);
  f->dropped_kind = g_strdup (kind);
  f->dropped_x = x;
  f->dropped_y = y;
}

static void
on_activated (StrataCanvas *c, const char *id, Fixture *f)
{
  g_free (f->activated);
  f->activated = g_strdup (id);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  GtkWidget *canvas;

  f->model = canvas_fixture_sample ();
  canvas = strata_canvas_new (f->model);
  f->canvas = STRATA_CANVAS (canvas);
  canvas_fixture_colors (f->canvas);
  g_signal_connect (canvas, "link-refused", G_CALLBACK (on_refused), f);
  g_signal_connect (canvas, "link-dropped-on-canvas", G_CALLBACK (on_dropped), f);
  g_signal_connect (canvas, "node-activated", G_CALLBACK (on_activated), f);
  f->window = canvas_fixture_window (canvas, 1140, 470);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_object_add_weak_pointer (G_OBJECT (f->canvas), (gpointer *) &f->canvas);
  gtk_window_destroy (GTK_WINDOW (f->window));
  for (int i = 0; i < 100 && f->canvas != NULL; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (f->canvas);   /* no leaked reference to the widget */
  g_assert_finalize_object (f->model);
  g_free (f->refused_reason);
  g_free (f->dropped_kind);
  g_free (f->activated);
}

/* Helpers */

static char *
state (Fixture *f)
{
  return strata_canvas_model_serialize (f->model, NULL);
}

static guint
n_nodes (Fixture *f)
{
  return strata_canvas_model_get_nodes (f->model)->len;
}

static guint
n_links (Fixture *f)
{
  return strata_canvas_model_get_links (f->model)->len;
}

static StrataUndoStack *
stack (Fixture *f)
{
  return strata_canvas_model_get_undo_stack (f->model);
}

static void
port_point (Fixture *f, const char *node, const char *port, StrataCanvasPortDirection dir,
            double *x, double *y)
{
  double cx, cy;

  g_assert_true (strata_canvas_get_port_position (f->canvas, node, port, dir, &cx, &cy));
  strata_canvas_canvas_to_widget (f->canvas, cx, cy, x, y);
}

/* A point inside a card's header, in widget coordinates. */
static void
card_point (Fixture *f, const char *node, double *x, double *y)
{
  StrataCanvasNode *n = strata_canvas_model_get_node (f->model, node);

  strata_canvas_canvas_to_widget (f->canvas, strata_canvas_node_get_x (n) + 120,
                                  strata_canvas_node_get_y (n) + 20, x, y);
}

/* A left-button drag from (x0, y0) to (x1, y1), as the gesture reports it. */
static void
drag (Fixture *f, double x0, double y0, double x1, double y1)
{
  GtkGesture *g = canvas_fixture_drag_gesture (GTK_WIDGET (f->canvas), GDK_BUTTON_PRIMARY);

  g_signal_emit_by_name (g, "drag-begin", x0, y0);
  g_signal_emit_by_name (g, "drag-update", (x1 - x0) / 2, (y1 - y0) / 2);
  g_signal_emit_by_name (g, "drag-update", x1 - x0, y1 - y0);
  g_signal_emit_by_name (g, "drag-end", x1 - x0, y1 - y0);
  canvas_fixture_wait_draw (GTK_WIDGET (f->canvas));
}

/* Activates what @keyval + @mods is bound to on the canvas, as a key press
 * reaching the canvas would. Returns whether the binding handled it. */
static gboolean
press (Fixture *f, guint keyval, GdkModifierType mods)
{
  GtkWidget *widget = GTK_WIDGET (f->canvas);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (c))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (c)); j++)
        {
          g_autoptr(GtkShortcut) sc = g_list_model_get_item (G_LIST_MODEL (c), j);
          GtkShortcutTrigger *t = gtk_shortcut_get_trigger (sc);

          if (GTK_IS_KEYVAL_TRIGGER (t)
              && gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (t)) == keyval
              && gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (t)) == mods)
            {
              gboolean handled = gtk_shortcut_action_activate (gtk_shortcut_get_action (sc),
                                                               GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                                               widget, gtk_shortcut_get_arguments (sc));
              canvas_fixture_wait_draw (widget);
              return handled;
            }
        }
    }
  g_error ("no binding for %s", gtk_accelerator_name (keyval, mods));
  return FALSE;
}

static void
assert_label (gpointer accessible, const char *label)
{
  g_autofree char *value = gtk_test_accessible_check_property (GTK_ACCESSIBLE (accessible),
                                                               GTK_ACCESSIBLE_PROPERTY_LABEL, label);

  /* NULL when the accessible name is @label, else the actual value. */
  g_assert_cmpstr (value, ==, NULL);
}

static void
select_ids (Fixture *f, const char *a, const char *b)
{
  const char *ids[] = { a, b, NULL };

  strata_canvas_set_selection (f->canvas, ids);
}

static char *
selection_string (Fixture *f)
{
  g_auto(GStrv) sel = strata_canvas_get_selection (f->canvas);

  return g_strjoinv (",", sel);
}

static void
assert_undo_redo (Fixture *f, const char *before, const char *after)
{
  g_autofree char *undone = NULL, *redone = NULL;

  g_assert_cmpstr (before, !=, after);
  g_assert_true (press (f, GDK_KEY_z, GDK_CONTROL_MASK));
  undone = state (f);
  g_assert_cmpstr (undone, ==, before);
  g_assert_true (press (f, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  redone = state (f);
  g_assert_cmpstr (redone, ==, after);
}

/* API */

static void
test_api_nodes (Fixture *f, gconstpointer data)
{
  StrataCanvasNodeView *split = STRATA_CANVAS_NODE_VIEW (strata_canvas_get_node_widget (f->canvas, "split"));
  StrataCanvasPortView *port = strata_canvas_node_view_get_port (split, "table", STRATA_CANVAS_PORT_INPUT);
  StrataCanvasNode *extra = strata_canvas_node_new (NULL, "clean.impute", "Impute", "clean", NULL);
  guint n = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (f->canvas)); c; c = gtk_widget_get_next_sibling (c))
    n++;
  g_assert_cmpuint (n, ==, 5);

  assert_label (split, "Split “split”, clean.split, Done");
  assert_label (port, "Input “table” of Split, kind table");
  gtk_test_accessible_assert_role (split, GTK_ACCESSIBLE_ROLE_GROUP);
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (split)));

  /* Cards follow the model, undo included. */
  strata_canvas_node_add_port (extra, "table", STRATA_CANVAS_PORT_INPUT, "table");
  g_assert_true (strata_canvas_model_add_node (f->model, extra, 40, 300, NULL));
  g_assert_nonnull (strata_canvas_get_node_widget (f->canvas, "impute"));
  strata_undo_stack_undo (stack (f));
  g_assert_null (strata_canvas_get_node_widget (f->canvas, "impute"));
}

static void
test_api_keyboard_link (Fixture *f, gconstpointer data)
{
  g_autofree char *before = NULL, *after = NULL;

  g_assert_true (strata_canvas_model_unlink (f->model, "split", "table"));
  before = state (f);
  g_assert_true (strata_canvas_begin_link (f->canvas, "iris", "table"));
  g_assert_true (strata_canvas_cycle_link_target (f->canvas, TRUE));   /* split:table */
  g_assert_true (strata_canvas_finish_link (f->canvas));
  g_assert_cmpstr (strata_canvas_model_get_input_link (f->model, "split", "table")->from_node, ==, "iris");
  after = state (f);
  assert_undo_redo (f, before, after);

  /* Unknown ports are refused up front. */
  g_assert_false (strata_canvas_begin_link (f->canvas, "iris", "nope"));
  g_assert_false (strata_canvas_begin_link (f->canvas, "split", "table"));  /* an input */
}

static void
test_api_status (Fixture *f, gconstpointer data)
{
  GtkWidget *tree = strata_canvas_get_node_widget (f->canvas, "tree");
  GtkWidget *rules = strata_canvas_get_node_widget (f->canvas, "rules");

  g_assert_true (gtk_widget_has_css_class (tree, "running"));
  assert_label (tree, "Decision tree “tree”, model.tree, Running · 40 %");
  g_assert_true (gtk_widget_has_css_class (rules, "failed"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (rules), ==, "min_support 0.9 leaves no frequent itemset");

  strata_canvas_model_set_status (f->model, "tree", STRATA_CANVAS_STATUS_DONE, 1, NULL);
  g_assert_false (gtk_widget_has_css_class (tree, "running"));
  g_assert_true (gtk_widget_has_css_class (tree, "done"));
  g_assert_null (gtk_widget_get_tooltip_text (tree));
  /* Status is not an edit. */
  g_assert_false (strata_undo_stack_can_undo (stack (f)));
}

/* Pointer */

static void
test_pointer_link (Fixture *f, gconstpointer data)
{
  g_autofree char *before = NULL, *after = NULL;
  double x0, y0, x1, y1;

  strata_canvas_model_unlink (f->model, "split", "table");
  strata_undo_stack_clear (stack (f));
  before = state (f);
  port_point (f, "iris", "table", STRATA_CANVAS_PORT_OUTPUT, &x0, &y0);
  port_point (f, "split", "table", STRATA_CANVAS_PORT_INPUT, &x1, &y1);
  drag (f, x0, y0, x1, y1);
  g_assert_nonnull (strata_canvas_model_get_input_link (f->model, "split", "table"));
  g_assert_null (f->refused_reason);
  after = state (f);
  g_assert_cmpuint (strata_undo_stack_get_n_undo (stack (f)), ==, 1);
  assert_undo_redo (f, before, after);

  /* Dropped on a card's body: its first compatible input (replacing). */
  port_point (f, "iris", "table", STRATA_CANVAS_PORT_OUTPUT, &x0, &y0);
  card_point (f, "rules", &x1, &y1);
  drag (f, x0, y0, x1, y1);
  g_assert_cmpstr (strata_canvas_model_get_input_link (f->model, "rules", "table")->from_node, ==, "iris");
}

static void
test_pointer_refuse (Fixture *f, gconstpointer data)
{
  g_autofree char *before = state (f);
  g_autofree char *after = NULL;
  GtkGesture *g = canvas_fixture_drag_gesture (GTK_WIDGET (f->canvas), GDK_BUTTON_PRIMARY);
  StrataCanvasNodeView *metrics = STRATA_CANVAS_NODE_VIEW (strata_canvas_get_node_widget (f->canvas, "metrics"));
  StrataCanvasNodeView *rules = STRATA_CANVAS_NODE_VIEW (strata_canvas_get_node_widget (f->canvas, "rules"));
  double x0, y0, x1, y1;

  port_point (f, "tree", "model", STRATA_CANVAS_PORT_OUTPUT, &x0, &y0);
  port_point (f, "rules", "table", STRATA_CANVAS_PORT_INPUT, &x1, &y1);

  /* While dragging, compatible inputs light up and the others dim. */
  g_signal_emit_by_name (g, "drag-begin", x0, y0);
  g_signal_emit_by_name (g, "drag-update", 5.0, 5.0);
  g_assert_cmpint (strata_canvas_port_view_get_highlight (strata_canvas_node_view_get_port (metrics, "model", STRATA_CANVAS_PORT_INPUT)),
                   ==, PORT_HIGHLIGHT_COMPATIBLE);
  g_assert_cmpint (strata_canvas_port_view_get_highlight (strata_canvas_node_view_get_port (metrics, "table", STRATA_CANVAS_PORT_INPUT)),
                   ==, PORT_HIGHLIGHT_INCOMPATIBLE);
  g_assert_cmpint (strata_canvas_port_view_get_highlight (strata_canvas_node_view_get_port (rules, "table", STRATA_CANVAS_PORT_INPUT)),
                   ==, PORT_HIGHLIGHT_INCOMPATIBLE);
  g_signal_emit_by_name (g, "drag-update", x1 - x0, y1 - y0);
  g_assert_cmpint (strata_canvas_port_view_get_highlight (strata_canvas_node_view_get_port (rules, "table", STRATA_CANVAS_PORT_INPUT)),
                   ==, PORT_HIGHLIGHT_TARGET);
  g_signal_emit_by_name (g, "drag-end", x1 - x0, y1 - y0);

  /* Refused with the reason, and nothing changed. */
  g_assert_nonnull (f->refused_reason);
  g_assert_nonnull (strstr (f->refused_reason, "“model”"));
  g_assert_nonnull (strstr (f->refused_reason, "“table”"));
  after = state (f);
  g_assert_cmpstr (after, ==, before);
  g_assert_false (strata_undo_stack_can_undo (stack (f)));
  g_assert_cmpint (strata_canvas_port_view_get_highlight (strata_canvas_node_view_get_port (rules, "table", STRATA_CANVAS_PORT_INPUT)),
                   ==, PORT_HIGHLIGHT_NONE);
}

static void
test_pointer_drop_on_empty (Fixture *f, gconstpointer data)
{
  g_autofree char *before = state (f);
  g_autofree char *after = NULL;
  double x0, y0, cx, cy;

  port_point (f, "tree", "model", STRATA_CANVAS_PORT_OUTPUT, &x0, &y0);
  drag (f, x0, y0, 1000, 400);
  g_assert_cmpstr (f->dropped_kind, ==, "model");
  strata_canvas_widget_to_canvas (f->canvas, 1000, 400, &cx, &cy);
  g_assert_cmpfloat_with_epsilon (f->dropped_x, cx, 1e-6);
  g_assert_cmpfloat_with_epsilon (f->dropped_y, cy, 1e-6);
  after = state (f);
  g_assert_cmpstr (after, ==, before);
}

static void
test_pointer_detach (Fixture *f, gconstpointer data)
{
  g_autofree char *before = state (f);
  g_autofree char *after = NULL;
  double x0, y0, x1, y1;

  /* Pick the link up at its input and drop it on empty canvas: unlinked. */
  port_point (f, "rules", "table", STRATA_CANVAS_PORT_INPUT, &x0, &y0);
  drag (f, x0, y0, 1000, 420);
  g_assert_null (strata_canvas_model_get_input_link (f->model, "rules", "table"));
  g_assert_null (f->dropped_kind);
  after = state (f);
  assert_undo_redo (f, before, after);
  g_assert_true (press (f, GDK_KEY_z, GDK_CONTROL_MASK));

  /* … or onto another input: moved, in one undo step. */
  port_point (f, "rules", "table", STRATA_CANVAS_PORT_INPUT, &x0, &y0);
  port_point (f, "metrics", "table", STRATA_CANVAS_PORT_INPUT, &x1, &y1);
  g_free (after);
  after = NULL;
  drag (f, x0, y0, x1, y1);
  g_assert_null (strata_canvas_model_get_input_link (f->model, "rules", "table"));
  g_assert_cmpstr (strata_canvas_model_get_input_link (f->model, "metrics", "table")->from_port, ==, "test");
  g_assert_true (press (f, GDK_KEY_z, GDK_CONTROL_MASK));
  after = state (f);
  g_assert_cmpstr (after, ==, before);
}

static void
test_pointer_move (Fixture *f, gconstpointer data)
{
  g_autofree char *before = state (f);
  g_autofree char *after = NULL;
  StrataCanvasNode *iris = strata_canvas_model_get_node (f->model, "iris");
  double x, y;

  strata_canvas_set_zoom (f->canvas, 1.2, 0, 0);
  canvas_fixture_wait_draw (GTK_WIDGET (f->canvas));
  card_point (f, "iris", &x, &y);
  drag (f, x, y, x + 60, y + 36);
  g_assert_cmpfloat_with_epsilon (strata_canvas_node_get_x (iris), 40 + 50, 1e-9);
  g_assert_cmpfloat_with_epsilon (strata_canvas_node_get_y (iris), 60 + 30, 1e-9);
  g_assert_cmpuint (strata_undo_stack_get_n_undo (stack (f)), ==, 1);

  /* The card is drawn where the model says. */
  {
    graphene_point_t p;

    g_assert_true (gtk_widget_compute_point (strata_canvas_get_node_widget (f->canvas, "iris"),
                                             GTK_WIDGET (f->canvas), &GRAPHENE_POINT_INIT (0, 0), &p));
    strata_canvas_canvas_to_widget (f->canvas, 90, 90, &x, &y);
    g_assert_cmpfloat_with_epsilon (p.x, x, 0.5);
    g_assert_cmpfloat_with_epsilon (p.y, y, 0.5);
  }
  after = state (f);
  assert_undo_redo (f, before, after);

  /* Escape during a move drag puts the cards back and records nothing. */
  {
    GtkGesture *g = canvas_fixture_drag_gesture (GTK_WIDGET (f->canvas), GDK_BUTTON_PRIMARY);
    guint steps = strata_undo_stack_get_n_undo (stack (f));
    g_autofree char *now = NULL;

    card_point (f, "split", &x, &y);
    g_signal_emit_by_name (g, "drag-begin", x, y);
    g_signal_emit_by_name (g, "drag-update", 80.0, 80.0);
    g_assert_true (press (f, GDK_KEY_Escape, 0));
    g_signal_emit_by_name (g, "drag-update", 90.0, 90.0);
    g_signal_emit_by_name (g, "drag-end", 90.0, 90.0);
    now = state (f);
    g_assert_cmpstr (now, ==, after);
    g_assert_cmpuint (strata_undo_stack_get_n_undo (stack (f)), ==, steps);
  }
}

static void
test_pointer_select (Fixture *f, gconstpointer data)
{
  g_autofree char *sel = NULL;
  double x0, y0, x1, y1;

  /* Rubber band over iris and split. */
  strata_canvas_canvas_to_widget (f->canvas, 20, 40, &x0, &y0);
  strata_canvas_canvas_to_widget (f->canvas, 400, 200, &x1, &y1);
  drag (f, x0, y0, x1, y1);
  sel = selection_string (f);
  g_assert_cmpstr (sel, ==, "iris,split");

  /* A click on a selected card narrows the selection to it. */
  card_point (f, "split", &x0, &y0);
  drag (f, x0, y0, x0, y0);
  g_free (sel);
  sel = selection_string (f);
  g_assert_cmpstr (sel, ==, "split");

  /* A click on empty canvas clears it; nothing was edited. */
  drag (f, 1100, 440, 1100, 440);
  g_free (sel);
  sel = selection_string (f);
  g_assert_cmpstr (sel, ==, "");
  g_assert_false (strata_undo_stack_can_undo (stack (f)));
}

/* The middle of the curve of the link into @node:@port (the Bézier curve
 * the canvas draws, at t = 1/2), in widget coordinates. */
static void
link_midpoint (Fixture *f, const char *node, const char *port, double *x, double *y)
{
  const StrataCanvasLink *link = strata_canvas_model_get_input_link (f->model, node, port);
  double x1, y1, x2, y2, d;

  g_assert_nonnull (link);
  port_point (f, link->from_node, link->from_port, STRATA_CANVAS_PORT_OUTPUT, &x1, &y1);
  port_point (f, node, port, STRATA_CANVAS_PORT_INPUT, &x2, &y2);
  d = MAX (fabs (x2 - x1) / 2, 40.0);
  *x = (x1 + 3 * (x1 + d) + 3 * (x2 - d) + x2) / 8;
  *y = (y1 + 3 * y1 + 3 * y2 + y2) / 8;
}

static void
test_pointer_select_link (Fixture *f, gconstpointer data)
{
  g_autofree char *before = state (f);
  g_autofree char *after = NULL;
  g_autofree char *sel = NULL;
  const char *node = NULL, *port = NULL;
  guint links = n_links (f);
  double x, y;

  /* A click on the curve selects the link, and no card. */
  link_midpoint (f, "rules", "table", &x, &y);
  g_assert_true (strata_canvas_pick_link (f->canvas, x, y + 4, &node, &port));
  g_assert_cmpstr (node, ==, "rules");
  g_assert_false (strata_canvas_pick_link (f->canvas, 1100, 440, NULL, NULL));
  select_ids (f, "iris", NULL);
  drag (f, x, y, x, y);
  g_assert_true (strata_canvas_get_selected_link (f->canvas, &node, &port));
  g_assert_cmpstr (node, ==, "rules");
  g_assert_cmpstr (port, ==, "table");
  sel = selection_string (f);
  g_assert_cmpstr (sel, ==, "");
  g_assert_false (strata_undo_stack_can_undo (stack (f)));

  /* Delete removes just that link, in one undo step. */
  g_assert_true (press (f, GDK_KEY_Delete, 0));
  g_assert_cmpuint (n_links (f), ==, links - 1);
  g_assert_cmpuint (n_nodes (f), ==, 5);
  g_assert_null (strata_canvas_model_get_input_link (f->model, "rules", "table"));
  g_assert_false (strata_canvas_get_selected_link (f->canvas, NULL, NULL));
  after = state (f);
  assert_undo_redo (f, before, after);
  g_assert_true (press (f, GDK_KEY_z, GDK_CONTROL_MASK));

  /* Selecting a card drops the link selection; so does unlinking. */
  g_assert_true (strata_canvas_select_link (f->canvas, "rules", "table"));
  card_point (f, "split", &x, &y);
  drag (f, x, y, x, y);
  g_assert_false (strata_canvas_get_selected_link (f->canvas, NULL, NULL));
  g_assert_true (strata_canvas_select_link (f->canvas, "rules", "table"));
  strata_canvas_model_unlink (f->model, "rules", "table");
  g_assert_false (strata_canvas_get_selected_link (f->canvas, NULL, NULL));
  g_assert_false (strata_canvas_select_link (f->canvas, "rules", "table"));   /* no such link now */
}

/* Runs the main loop for @ms milliseconds of frames. */
static void
run_frames (int ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE), g_usleep (1000);
}

static void
test_pointer_autoscroll (Fixture *f, gconstpointer data)
{
  GtkWidget *canvas = GTK_WIDGET (f->canvas);
  GtkGesture *g = canvas_fixture_drag_gesture (canvas, GDK_BUTTON_PRIMARY);
  GtkAdjustment *h = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (canvas));
  GtkAdjustment *v = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (canvas));
  StrataCanvasNode *iris = strata_canvas_model_get_node (f->model, "iris");
  double width = gtk_widget_get_width (canvas), height = gtk_widget_get_height (canvas);
  double h0 = gtk_adjustment_get_value (h), v0, x0, y0, ox, wx, wy;

  /* A card held 4 pixels from the right edge: the view scrolls right and
   * the card stays under the pointer. */
  card_point (f, "iris", &x0, &y0);
  ox = width - 4 - x0;
  g_signal_emit_by_name (g, "drag-begin", x0, y0);
  g_signal_emit_by_name (g, "drag-update", ox, 0.0);
  run_frames (400);
  g_assert_cmpfloat (gtk_adjustment_get_value (h), >, h0 + 50);
  g_signal_emit_by_name (g, "drag-end", ox, 0.0);
  g_assert_cmpuint (strata_undo_stack_get_n_undo (stack (f)), ==, 1);
  strata_canvas_canvas_to_widget (f->canvas, strata_canvas_node_get_x (iris) + 120,
                                  strata_canvas_node_get_y (iris) + 20, &wx, &wy);
  g_assert_cmpfloat_with_epsilon (wx, width - 4, 0.5);
  g_assert_cmpfloat_with_epsilon (wy, y0, 0.5);
  /* … and the scrolling stopped with the drag. */
  h0 = gtk_adjustment_get_value (h);
  run_frames (100);
  g_assert_cmpfloat (gtk_adjustment_get_value (h), ==, h0);

  /* A rubber band held past the bottom edge scrolls down, but not past
   * the end of the scroll range. */
  v0 = gtk_adjustment_get_value (v);
  g_signal_emit_by_name (g, "drag-begin", 20.0, height - 60);
  g_signal_emit_by_name (g, "drag-update", 40.0, 80.0);
  run_frames (1500);
  g_assert_cmpfloat (gtk_adjustment_get_value (v), >, v0);
  g_assert_cmpfloat (gtk_adjustment_get_value (v), <=,
                     gtk_adjustment_get_upper (v) - gtk_adjustment_get_page_size (v) + 1e-9);
  g_signal_emit_by_name (g, "drag-end", 40.0, 80.0);
  g_assert_cmpuint (strata_undo_stack_get_n_undo (stack (f)), ==, 1);

  /* Away from the edges nothing scrolls. */
  h0 = gtk_adjustment_get_value (h);
  v0 = gtk_adjustment_get_value (v);
  g_signal_emit_by_name (g, "drag-begin", width / 2, height / 2);
  g_signal_emit_by_name (g, "drag-update", 10.0, 10.0);
  run_frames (150);
  g_signal_emit_by_name (g, "drag-end", 10.0, 10.0);
  g_assert_cmpfloat (gtk_adjustment_get_value (h), ==, h0);
  g_assert_cmpfloat (gtk_adjustment_get_value (v), ==, v0);
}

static GtkEventController *
find_controller (GtkWidget *widget, GType type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (c, type))
        return GTK_EVENT_CONTROLLER (c);   /* held by the widget */
    }
  g_assert_not_reached ();
}

static void
test_pointer_pan (Fixture *f, gconstpointer data)
{
  GtkWidget *canvas = GTK_WIDGET (f->canvas);
  GtkAdjustment *h = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (canvas));
  GtkAdjustment *v = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (canvas));
  GtkGesture *middle = canvas_fixture_drag_gesture (canvas, GDK_BUTTON_MIDDLE);
  GtkGesture *primary = canvas_fixture_drag_gesture (canvas, GDK_BUTTON_PRIMARY);
  double h0 = gtk_adjustment_get_value (h), v0 = gtk_adjustment_get_value (v);
  gboolean handled = FALSE;
  g_autofree char *sel = NULL;
  double x, y;

  /* Middle-drag: the content follows the pointer. */
  g_signal_emit_by_name (middle, "drag-begin", 500.0, 300.0);
  g_signal_emit_by_name (middle, "drag-update", -100.0, -50.0);
  g_signal_emit_by_name (middle, "drag-end", -100.0, -50.0);
  g_assert_cmpfloat (gtk_adjustment_get_value (h), ==, h0 + 100);
  g_assert_cmpfloat (gtk_adjustment_get_value (v), ==, v0 + 50);

  /* Space + left drag pans too, over a card, and selects nothing. */
  g_signal_emit_by_name (find_controller (canvas, GTK_TYPE_EVENT_CONTROLLER_KEY), "key-pressed",
                         GDK_KEY_space, 0, 0, &handled);
  g_assert_true (handled);
  card_point (f, "split", &x, &y);
  g_signal_emit_by_name (primary, "drag-begin", x, y);
  g_signal_emit_by_name (primary, "drag-update", 100.0, 50.0);
  g_signal_emit_by_name (primary, "drag-end", 100.0, 50.0);
  g_signal_emit_by_name (find_controller (canvas, GTK_TYPE_EVENT_CONTROLLER_KEY), "key-released",
                         GDK_KEY_space, 0, 0);
  g_assert_cmpfloat (gtk_adjustment_get_value (h), ==, h0);
  g_assert_cmpfloat (gtk_adjustment_get_value (v), ==, v0);
  sel = selection_string (f);
  g_assert_cmpstr (sel, ==, "");
  g_assert_false (strata_undo_stack_can_undo (stack (f)));

  /* The wheel pans (no Ctrl held: there is no current event). */
  g_signal_emit_by_name (find_controller (canvas, GTK_TYPE_EVENT_CONTROLLER_SCROLL), "scroll", 0.0, 1.0, &handled);
  g_assert_true (handled);
  g_assert_cmpfloat (gtk_adjustment_get_value (v), >, v0);
  g_assert_cmpfloat (strata_canvas_get_zoom (f->canvas), ==, 1.0);

  /* Double-click on a card activates it (once the cards are laid out
   * where the scroll put them). */
  canvas_fixture_wait_draw (canvas);
  card_point (f, "rules", &x, &y);
  g_signal_emit_by_name (find_controller (canvas, GTK_TYPE_GESTURE_CLICK), "pressed", 2, x, y);
  g_assert_cmpstr (f->activated, ==, "rules");
}

/* Keys */

static void
test_keys_select_delete (Fixture *f, gconstpointer data)
{
  g_autofree char *before = state (f);
  g_autofree char *after = NULL;
  g_auto(GStrv) sel = NULL;

  g_assert_true (press (f, GDK_KEY_a, GDK_CONTROL_MASK));
  sel = strata_canvas_get_selection (f->canvas);
  g_assert_cmpuint (g_strv_length (sel), ==, 5);
  g_assert_true (press (f, GDK_KEY_Delete, 0));
  g_assert_cmpuint (n_nodes (f), ==, 0);
  g_assert_cmpuint (n_links (f), ==, 0);
  after = state (f);
  assert_undo_redo (f, before, after);
  g_assert_true (press (f, GDK_KEY_z, GDK_CONTROL_MASK));
  g_assert_cmpuint (n_links (f), ==, 5);
  g_assert_nonnull (strata_canvas_get_node_widget (f->canvas, "split"));

  /* Delete on a focused, fed input removes that link only. */
  {
    StrataCanvasNodeView *rules = STRATA_CANVAS_NODE_VIEW (strata_canvas_get_node_widget (f->canvas, "rules"));

    gtk_widget_grab_focus (GTK_WIDGET (strata_canvas_node_view_get_port (rules, "table", STRATA_CANVAS_PORT_INPUT)));
    g_assert_true (press (f, GDK_KEY_Delete, 0));
    g_assert_cmpuint (n_nodes (f), ==, 5);
    g_assert_null (strata_canvas_model_get_input_link (f->model, "rules", "table"));
  }
}

static void
test_keys_duplicate (Fixture *f, gconstpointer data)
{
  g_autofree char *before = state (f);
  g_autofree char *after = NULL, *sel = NULL;
  StrataCanvasNode *copy;

  select_ids (f, "split", "tree");
  g_assert_true (press (f, GDK_KEY_d, GDK_CONTROL_MASK));
  g_assert_cmpuint (n_nodes (f), ==, 7);
  sel = selection_string (f);
  g_assert_cmpstr (sel, ==, "split-2,tree-2");
  copy = strata_canvas_model_get_node (f->model, "tree-2");
  g_assert_cmpfloat (strata_canvas_node_get_x (copy), ==, 580 + 32);
  /* The link between the copies came along; the one into split did not. */
  g_assert_cmpstr (strata_canvas_model_get_input_link (f->model, "tree-2", "table")->from_node, ==, "split-2");
  g_assert_null (strata_canvas_model_get_input_link (f->model, "split-2", "table"));
  after = state (f);
  assert_undo_redo (f, before, after);
}

static void
on_clipboard_read (GObject *source, GAsyncResult *result, gpointer data)
{
  char **out = data;

  *out = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  if (*out == NULL)
    *out = g_strdup ("");
}

static void
test_keys_copy_paste (Fixture *f, gconstpointer data)
{
  g_autofree char *before = NULL, *after = NULL, *clip = NULL, *expected = NULL;
  const char *ids[] = { "tree", "metrics", NULL };
  gint64 deadline;

  select_ids (f, "tree", "metrics");
  g_assert_true (press (f, GDK_KEY_c, GDK_CONTROL_MASK));
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (f->canvas)), NULL,
                                 on_clipboard_read, &clip);
  while (clip == NULL)
    g_main_context_iteration (NULL, TRUE);
  expected = strata_canvas_model_serialize (f->model, ids);
  g_assert_cmpstr (clip, ==, expected);

  before = state (f);
  g_assert_true (press (f, GDK_KEY_v, GDK_CONTROL_MASK));
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (n_nodes (f) < 7 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (n_nodes (f), ==, 7);
  g_assert_cmpstr (strata_canvas_model_get_input_link (f->model, "metrics-2", "model")->from_node, ==, "tree-2");
  after = state (f);
  assert_undo_redo (f, before, after);

  /* Text that is not a fragment is refused with a reason, nothing added. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (strata_canvas_paste_text (f->canvas, "hello", &error));
    g_assert_error (error, STRATA_CANVAS_MODEL_ERROR, STRATA_CANVAS_MODEL_ERROR_PARSE);
    g_assert_cmpuint (n_nodes (f), ==, 7);
  }

  /* Cut = copy + delete. */
  select_ids (f, "tree-2", "metrics-2");
  g_assert_true (press (f, GDK_KEY_x, GDK_CONTROL_MASK));
  g_assert_cmpuint (n_nodes (f), ==, 5);
}

static void
test_keys_nudge (Fixture *f, gconstpointer data)
{
  g_autofree char *before = state (f);
  g_autofree char *after = NULL;
  StrataCanvasNode *iris = strata_canvas_model_get_node (f->model, "iris");

  select_ids (f, "iris", NULL);
  for (int i = 0; i < 3; i++)
    g_assert_true (press (f, GDK_KEY_Right, 0));
  g_assert_true (press (f, GDK_KEY_Down, GDK_SHIFT_MASK));
  g_assert_cmpfloat (strata_canvas_node_get_x (iris), ==, 70);
  g_assert_cmpfloat (strata_canvas_node_get_y (iris), ==, 61);
  /* A run of arrow presses is one undo step. */
  g_assert_cmpuint (strata_undo_stack_get_n_undo (stack (f)), ==, 1);
  after = state (f);
  assert_undo_redo (f, before, after);
}

static void
test_keys_tab_link (Fixture *f, gconstpointer data)
{
  g_autofree char *before = state (f);
  g_autofree char *after = NULL, *sel = NULL;
  GtkWidget *split = strata_canvas_get_node_widget (f->canvas, "split");

  g_assert_true (press (f, GDK_KEY_Tab, 0));
  g_assert_true (press (f, GDK_KEY_Tab, 0));
  g_assert_true (gtk_widget_has_focus (split));
  sel = selection_string (f);
  g_assert_cmpstr (sel, ==, "split");

  /* L: from split's first output (train); Tab: compatible inputs in card
   * order (tree:table, metrics:table, rules:table); Enter links. */
  g_assert_true (press (f, GDK_KEY_l, 0));
  g_assert_true (press (f, GDK_KEY_Tab, 0));
  g_assert_true (press (f, GDK_KEY_Tab, 0));
  g_assert_true (press (f, GDK_KEY_Return, 0));
  g_assert_cmpstr (strata_canvas_model_get_input_link (f->model, "metrics", "table")->from_port, ==, "train");
  after = state (f);
  assert_undo_redo (f, before, after);

  /* L twice: the next output (test); Escape cancels; Escape again is not
   * ours (the window's Stop gets it). */
  gtk_widget_grab_focus (split);
  g_assert_true (press (f, GDK_KEY_l, 0));
  g_assert_true (press (f, GDK_KEY_l, 0));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (strata_canvas_node_view_get_port (STRATA_CANVAS_NODE_VIEW (split), "test",
                                                                                       STRATA_CANVAS_PORT_OUTPUT))));
  g_assert_true (press (f, GDK_KEY_Escape, 0));
  g_assert_false (press (f, GDK_KEY_Escape, 0));
  g_assert_true (gtk_widget_has_focus (split));

  /* Enter on a card activates it. */
  g_assert_true (press (f, GDK_KEY_Return, 0));
  g_assert_cmpstr (f->activated, ==, "split");

  /* Tab does not wrap: past the last card it lets focus leave the canvas,
   * and so does Shift+Tab before the first. */
  gtk_widget_grab_focus (strata_canvas_get_node_widget (f->canvas, "rules"));
  g_assert_false (press (f, GDK_KEY_Tab, 0));
  g_assert_true (press (f, GDK_KEY_Tab, GDK_SHIFT_MASK));
  g_assert_true (gtk_widget_has_focus (strata_canvas_get_node_widget (f->canvas, "metrics")));
  gtk_widget_grab_focus (strata_canvas_get_node_widget (f->canvas, "iris"));
  g_assert_false (press (f, GDK_KEY_Tab, GDK_SHIFT_MASK));
}

static void
test_keys_zoom (Fixture *f, gconstpointer data)
{
  int width = gtk_widget_get_width (GTK_WIDGET (f->canvas));
  int height = gtk_widget_get_height (GTK_WIDGET (f->canvas));
  GPtrArray *nodes = strata_canvas_model_get_nodes (f->model);

  g_assert_true (press (f, GDK_KEY_plus, GDK_CONTROL_MASK));
  g_assert_cmpfloat_with_epsilon (strata_canvas_get_zoom (f->canvas), 1.2, 1e-9);
  g_assert_true (press (f, GDK_KEY_minus, GDK_CONTROL_MASK));
  g_assert_cmpfloat_with_epsilon (strata_canvas_get_zoom (f->canvas), 1.0, 1e-9);

  /* Spread the cards out, then Ctrl+0 fits them all in view. */
  strata_canvas_model_set_status (f->model, "tree", STRATA_CANVAS_STATUS_DONE, 1, NULL);
  {
    const char *ids[] = { "rules", NULL };

    strata_canvas_model_move_nodes (f->model, ids, 1500, 900, FALSE);
  }
  g_assert_true (press (f, GDK_KEY_0, GDK_CONTROL_MASK));
  canvas_fixture_wait_draw (GTK_WIDGET (f->canvas));
  g_assert_cmpfloat (strata_canvas_get_zoom (f->canvas), <, 1.0);
  for (guint i = 0; i < nodes->len; i++)
    {
      StrataCanvasNode *n = g_ptr_array_index (nodes, i);
      double x0, y0, x1, y1;

      strata_canvas_canvas_to_widget (f->canvas, strata_canvas_node_get_x (n), strata_canvas_node_get_y (n), &x0, &y0);
      strata_canvas_canvas_to_widget (f->canvas, strata_canvas_node_get_x (n) + STRATA_CANVAS_NODE_WIDTH,
                                      strata_canvas_node_get_y (n) + strata_canvas_node_height (n), &x1, &y1);
      g_assert_cmpfloat (x0, >=, 0);
      g_assert_cmpfloat (y0, >=, 0);
      g_assert_cmpfloat (x1, <=, width);
      g_assert_cmpfloat (y1, <=, height);
    }
}

/* Opening a document: never above 100 %, never below 0.75; too big a
 * workflow shows its top-left card. */
static void
test_fit_readable (Fixture *f, gconstpointer data)
{
  int width = gtk_widget_get_width (GTK_WIDGET (f->canvas));
  GPtrArray *nodes = strata_canvas_model_get_nodes (f->model);
  StrataCanvasNode *first = NULL;
  double x0, y0;

  strata_canvas_set_zoom (f->canvas, 2.0, 0, 0);
  strata_canvas_zoom_fit_readable (f->canvas);
  g_assert_cmpfloat (strata_canvas_get_zoom (f->canvas), ==, 1.0);
  {
    const char *ids[] = { "rules", NULL };

    strata_canvas_model_move_nodes (f->model, ids, 4000, 3000, FALSE);
  }
  strata_canvas_zoom_fit_readable (f->canvas);
  g_assert_cmpfloat (strata_canvas_get_zoom (f->canvas), ==, 0.75);
  strata_canvas_zoom_fit (f->canvas);
  g_assert_cmpfloat (strata_canvas_get_zoom (f->canvas), <, 0.75);
  strata_canvas_zoom_fit_readable (f->canvas);
  for (guint i = 0; i < nodes->len; i++)
    {
      StrataCanvasNode *n = g_ptr_array_index (nodes, i);

      if (first == NULL || strata_canvas_node_get_x (n) + strata_canvas_node_get_y (n)
                           < strata_canvas_node_get_x (first) + strata_canvas_node_get_y (first))
        first = n;
    }
  strata_canvas_canvas_to_widget (f->canvas, strata_canvas_node_get_x (first), strata_canvas_node_get_y (first),
                                  &x0, &y0);
  g_assert_cmpfloat (x0, >=, 0);
  g_assert_cmpfloat (y0, >=, 0);
  g_assert_cmpfloat (x0 + STRATA_CANVAS_NODE_WIDTH * 0.75, <=, width);
}

static void
test_undo_param (Fixture *f, gconstpointer data)
{
  g_autofree char *before = state (f);
  g_autofree char *after = NULL;

  /* What the inspector calls; undone from the canvas. */
  g_assert_true (strata_canvas_model_set_param (f->model, "tree", "max_depth", g_variant_new_int64 (9), NULL));
  after = state (f);
  assert_undo_redo (f, before, after);
}

/* In a GtkScrolledWindow the canvas takes its adjustments: scrolling
 * them moves the cards, and the range covers every card. */
static void
test_scrollable (void)
{
  g_autoptr(StrataCanvasModel) model = canvas_fixture_sample ();
  GtkWidget *canvas = strata_canvas_new (model);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *window;
  GtkAdjustment *h;
  const char *ids[] = { "rules", NULL };
  double x0, y0, x1, y1;

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), canvas);
  window = canvas_fixture_window (scrolled, 600, 400);
  strata_canvas_model_move_nodes (model, ids, 2000, 0, FALSE);
  canvas_fixture_wait_draw (canvas);

  h = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scrolled));
  g_assert_true (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (canvas)) == h);
  g_assert_cmpfloat (gtk_adjustment_get_upper (h), >=, (580 + 2000 + STRATA_CANVAS_NODE_WIDTH));
  g_assert_cmpfloat (gtk_adjustment_get_page_size (h), ==, gtk_widget_get_width (canvas));

  strata_canvas_canvas_to_widget (STRATA_CANVAS (canvas), 40, 60, &x0, &y0);
  gtk_adjustment_set_value (h, gtk_adjustment_get_value (h) + 100);
  canvas_fixture_wait_draw (canvas);
  strata_canvas_canvas_to_widget (STRATA_CANVAS (canvas), 40, 60, &x1, &y1);
  g_assert_cmpfloat_with_epsilon (x1, x0 - 100, 1e-9);
  g_assert_cmpfloat_with_epsilon (y1, y0, 1e-9);
  {
    graphene_point_t p;

    g_assert_true (gtk_widget_compute_point (strata_canvas_get_node_widget (STRATA_CANVAS (canvas), "iris"),
                                             canvas, &GRAPHENE_POINT_INIT (0, 0), &p));
    g_assert_cmpfloat_with_epsilon (p.x, x1, 0.5);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Rendering: the drawn port dot has its kind's colour where the model puts it. */
static void
test_render (Fixture *f, gconstpointer data)
{
  g_autoptr(GdkTexture) texture = canvas_fixture_render (GTK_WIDGET (f->canvas));
  int width = gdk_texture_get_width (texture), height = gdk_texture_get_height (texture);
  g_autofree guchar *pixels = g_malloc (4 * width * height);
  double x, y;
  const guchar *px;

  g_assert_cmpint (width, ==, gtk_widget_get_width (GTK_WIDGET (f->canvas)));
  gdk_texture_download (texture, pixels, 4 * width);
  port_point (f, "iris", "table", STRATA_CANVAS_PORT_OUTPUT, &x, &y);
  px = pixels + 4 * ((int) y * width + (int) x);   /* B, G, R, A (CAIRO_FORMAT_ARGB32) */
  /* table is #3584e4 */
  g_assert_cmpint (abs (px[2] - 0x35), <, 24);
  g_assert_cmpint (abs (px[1] - 0x84), <, 24);
  g_assert_cmpint (abs (px[0] - 0xe4), <, 24);
}

/* Repainting: see common/frame-buffers.h. */

static void
on_after_paint (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

/* Runs one frame without queueing a redraw of anything, and returns the
 * area it repainted. */
static gint64
frame_repaint (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  gboolean painted = FALSE;
  gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &painted);

  frame_buffers_start ();
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
  while (!painted && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, id);
  g_assert_true (painted);
  return frame_buffers_stop ();
}

/* A running node's progress arrives with every training batch, hundreds of
 * times a second. A change too small to see repaints nothing; a new
 * percentage repaints its card and nothing else of the canvas (not the
 * grid, not the links). */
static void
test_repaint_progress (Fixture *f, gconstpointer data)
{
  GtkWidget *tree = strata_canvas_get_node_widget (f->canvas, "tree");
  gint64 card, canvas, area;

  if (!GSK_IS_CAIRO_RENDERER (gtk_native_get_renderer (gtk_widget_get_native (tree))))
    {
      g_test_skip ("needs GTK's cairo renderer (GSK_RENDERER=cairo)");
      return;
    }
  card = (gint64) (gtk_widget_get_width (tree) + 48) * (gtk_widget_get_height (tree) + 48);
  canvas = (gint64) gtk_widget_get_width (GTK_WIDGET (f->canvas)) * gtk_widget_get_height (GTK_WIDGET (f->canvas));
  g_assert_cmpint (4 * card, <, canvas);
  for (int i = 0; i < 3; i++)
    frame_repaint (GTK_WIDGET (f->canvas));
  g_assert_cmpint (frame_repaint (GTK_WIDGET (f->canvas)), ==, 0);   /* settled */

  strata_canvas_model_set_status (f->model, "tree", STRATA_CANVAS_STATUS_RUNNING, 0.4004, NULL);
  g_assert_cmpint (frame_repaint (GTK_WIDGET (f->canvas)), ==, 0);

  strata_canvas_model_set_status (f->model, "tree", STRATA_CANVAS_STATUS_RUNNING, 0.55, NULL);
  assert_label (tree, "Decision tree “tree”, model.tree, Running · 55 %");
  area = frame_repaint (GTK_WIDGET (f->canvas));
  g_assert_cmpint (area, >, 0);
  g_assert_cmpint (area, <=, card);
}

/* The canvas's render node is one clip node, whatever it holds: GTK folds
 * a container of one child into its parent and compares frames node by
 * node, so a canvas drawn as a container lost a level whenever a sibling
 * (the scrolled window's fading overlay scrollbar) went away, and the
 * whole canvas was repainted. */
static void
test_render_one_node (Fixture *f, gconstpointer data)
{
  GtkWidget *widget = GTK_WIDGET (f->canvas);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;

  gtk_widget_snapshot_child (gtk_widget_get_parent (widget), widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  while (gsk_render_node_get_node_type (node) == GSK_TRANSFORM_NODE)   /* its place in the parent */
    {
      GskRenderNode *child = gsk_render_node_ref (gsk_transform_node_get_child (node));

      gsk_render_node_unref (node);
      node = child;
    }
  g_assert_cmpint (gsk_render_node_get_node_type (node), ==, GSK_CLIP_NODE);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/Canvas/api/nodes", test_api_nodes);
  ADD ("/Canvas/api/keyboard-link", test_api_keyboard_link);
  ADD ("/Canvas/api/status", test_api_status);
  ADD ("/Canvas/pointer/link", test_pointer_link);
  ADD ("/Canvas/pointer/refuse", test_pointer_refuse);
  ADD ("/Canvas/pointer/drop-on-empty", test_pointer_drop_on_empty);
  ADD ("/Canvas/pointer/detach", test_pointer_detach);
  ADD ("/Canvas/pointer/move", test_pointer_move);
  ADD ("/Canvas/pointer/select", test_pointer_select);
  ADD ("/Canvas/pointer/pan", test_pointer_pan);
  ADD ("/Canvas/pointer/select-link", test_pointer_select_link);
  ADD ("/Canvas/pointer/autoscroll", test_pointer_autoscroll);
  ADD ("/Canvas/keys/select-delete", test_keys_select_delete);
  ADD ("/Canvas/keys/duplicate", test_keys_duplicate);
  ADD ("/Canvas/keys/copy-paste", test_keys_copy_paste);
  ADD ("/Canvas/keys/nudge", test_keys_nudge);
  ADD ("/Canvas/keys/tab-link", test_keys_tab_link);
  ADD ("/Canvas/keys/zoom", test_keys_zoom);
  ADD ("/Canvas/fit-readable", test_fit_readable);
  ADD ("/Canvas/undo/param", test_undo_param);
  ADD ("/Canvas/render", test_render);
  ADD ("/Canvas/render/one-node", test_render_one_node);
  ADD ("/Canvas/repaint/progress", test_repaint_progress);
  g_test_add_func ("/Canvas/scrollable", test_scrollable);
#undef ADD

  return g_test_run ();
}
