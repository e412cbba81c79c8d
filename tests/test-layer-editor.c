/* test-layer-editor.c — the layer-stack editor and its inspector hook
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The presets are built with the engine (plus the output layer that
 * model.network appends) and their weight counts compared with counts
 * computed here from the layer formulas (nn.Linear: in·out + out;
 * nn.Conv2d: out·in·k² + out; nn.LSTM: 4H(F + H) + 4H with one bias).
 * The widget's edits (also a row dropped on another, through its drop
 * target) are compared with the JSON they must produce and
 * that JSON is built by the engine; in the window, an edit reaches the
 * workflow, marks the node stale, and one Ctrl+Z (undo) takes it back.
 */

#include "config.h"

#include <adwaita.h>

#include "strata-application.h"
#include "strata-layer-editor.h"
#include "strata-network.h"
#include "strata-window-private.h"
#include "window-helpers.h"

#define WAIT_SECONDS 60

static StrataApplication *app;

/* --- independent counts -------------------------------------------------------- */

static gsize
dense_weights (gsize in,
               gsize out)
{
  return in * out + out;
}

static gsize
conv_weights (gsize in,
              gsize out,
              gsize k)
{
  return out * in * k * k + out;
}

/* Builds @layers on @input (n dims) plus flatten (when not flat) and a
 * dense output layer of @n_out, as model.network does. */
static StrataNetwork *
build_with_output (JsonNode    *layers,
                   const gsize *input,
                   guint        n,
                   guint        n_out,
                   GError     **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) description = NULL;
  JsonArray *a = json_node_get_array (layers);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "input");
  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++)
    json_builder_add_int_value (b, (gint64) input[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "layers");
  json_builder_begin_array (b);
  for (guint i = 0; i < json_array_get_length (a); i++)
    json_builder_add_value (b, json_node_copy (json_array_get_element (a, i)));
  if (n > 1)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, "flatten");
      json_builder_end_object (b);
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "dense");
  json_builder_set_member_name (b, "out_features");
  json_builder_add_int_value (b, n_out);
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_end_object (b);
  description = json_builder_get_root (b);
  return strata_network_new (description, error);
}

static void
test_presets (void)
{
  g_autoptr(GError) error = NULL;
  StrataNetwork *net;
  g_autoptr(JsonNode) lenet = strata_layer_editor_dup_preset (STRATA_LAYER_PRESET_LENET5);
  g_autoptr(JsonNode) mlp = strata_layer_editor_dup_preset (STRATA_LAYER_PRESET_MLP);
  g_autoptr(JsonNode) lstm = strata_layer_editor_dup_preset (STRATA_LAYER_PRESET_LSTM);
  gsize expected, side;

  g_assert_null (strata_layer_editor_dup_preset ("no-such-preset"));

  /* LeNet-5: 28 + 2·2 − 5 + 1 = 28, pool 14, 14 − 5 + 1 = 10, pool 5. */
  side = 28 + 2 * 2 - 5 + 1;
  side /= 2;
  side = side - 5 + 1;
  side /= 2;
  g_assert_cmpuint (side, ==, 5);
  expected = conv_weights (1, 6, 5) + conv_weights (6, 16, 5) + dense_weights (16 * side * side, 120)
             + dense_weights (120, 84) + dense_weights (84, 10);
  g_assert_cmpuint (expected, ==, 61706);  /* LeCun et al. 1998's count, as usually quoted */
  net = build_with_output (lenet, (gsize[]) { 1, 28, 28 }, 3, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strata_network_get_n_weights (net), ==, expected);
  g_assert_cmpuint (strata_network_get_n_layers (net), ==, 13);
  strata_network_unref (net);

  /* MLP 784-256-128-10. */
  expected = dense_weights (784, 256) + dense_weights (256, 128) + dense_weights (128, 10);
  net = build_with_output (mlp, (gsize[]) { 784 }, 1, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strata_network_get_n_weights (net), ==, expected);
  g_assert_cmpuint (strata_shape_size (strata_network_get_output_shape (net)), ==, 10);
  strata_network_unref (net);

  /* LSTM 32 → dense 1, on 12 months of one value. */
  expected = 4 * 32 * (1 + 32) + 4 * 32 + dense_weights (32, 1);
  net = build_with_output (lstm, (gsize[]) { 12, 1 }, 2, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strata_network_get_n_weights (net), ==, expected);
  strata_network_unref (net);
}

/* --- the widget alone ---------------------------------------------------------- */

typedef struct {
  guint    n_changed;
  gboolean last_coalesce;
} Changes;

static void
on_changed (StrataLayerEditor *editor,
            gboolean           coalesce,
            Changes           *changes)
{
  changes->n_changed++;
  changes->last_coalesce = coalesce;
}

static char *
layers_text (StrataLayerEditor *editor)
{
  g_autoptr(JsonNode) layers = strata_layer_editor_dup_layers (editor);

  return json_to_string (layers, FALSE);
}

static void
assert_layers (StrataLayerEditor *editor,
               const char        *expected_json)
{
  g_autoptr(JsonNode) expected = json_from_string (expected_json, NULL);
  g_autofree char *want = json_to_string (expected, FALSE);
  g_autofree char *got = layers_text (editor);

  g_assert_cmpstr (got, ==, want);
  g_assert_cmpuint (strata_layer_editor_get_n_layers (editor), ==,
                    json_array_get_length (json_node_get_array (expected)));
}

/* The first descendant of @widget of @type, depth first. */
static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = G_TYPE_CHECK_INSTANCE_TYPE (c, type) ? c : find_descendant (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Drops the row of layer @from on the row of layer @to, through the row's
 * GtkDropTarget as a drag would. */
static void
drop_row (GtkWidget *editor,
          guint      from,
          guint      to)
{
  GtkWidget *list = find_descendant (editor, GTK_TYPE_LIST_BOX);
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), (int) to);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (row));
  GtkDropTarget *target = NULL;
  GValue value = G_VALUE_INIT;
  gboolean accepted = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (c))
        target = GTK_DROP_TARGET (c);
    }
  g_assert_nonnull (target);
  g_value_init (&value, G_TYPE_UINT);
  g_value_set_uint (&value, from);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_assert_true (accepted);
  /* The move happens once the drop has finished. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_edit (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *widget = strata_layer_editor_new ();
  StrataLayerEditor *editor = STRATA_LAYER_EDITOR (widget);
  g_autoptr(JsonNode) start = json_from_string ("[{\"type\": \"dense\", \"out_features\": 64}, {\"type\": \"relu\"}]", NULL);
  g_autoptr(JsonNode) value = json_node_new (JSON_NODE_VALUE);
  Changes changes = { 0 };
  g_autoptr(JsonNode) made = NULL;
  g_autoptr(GError) error = NULL;
  StrataNetwork *net;

  gtk_window_set_child (GTK_WINDOW (window), widget);
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (editor, "changed", G_CALLBACK (on_changed), &changes);
  strata_layer_editor_set_layers (editor, start);
  strata_layer_editor_set_input_shape (editor, (gsize[]) { 4 }, 1);
  g_assert_cmpuint (changes.n_changed, ==, 0);
  g_assert_null (strata_layer_editor_get_error (editor));

  /* Add from the menu's action: a layer with its required parameters. */
  gtk_widget_activate_action (widget, "layers.add", "s", "dropout");
  gtk_widget_activate_action (widget, "layers.add", "s", "dense");
  assert_layers (editor, "[{\"type\": \"dense\", \"out_features\": 64}, {\"type\": \"relu\"},"
                         " {\"type\": \"dropout\"}, {\"type\": \"dense\", \"out_features\": 64}]");
  g_assert_cmpuint (changes.n_changed, ==, 2);
  g_assert_false (changes.last_coalesce);

  /* Edit parameters: two edits of one spin button coalesce, another key does not. */
  json_node_set_int (value, 32);
  strata_layer_editor_set_value (editor, 3, "out_features", value);
  g_assert_false (changes.last_coalesce);
  json_node_set_int (value, 16);
  strata_layer_editor_set_value (editor, 3, "out_features", value);
  g_assert_true (changes.last_coalesce);
  json_node_set_double (value, 0.25);
  strata_layer_editor_set_value (editor, 2, "p", value);
  g_assert_false (changes.last_coalesce);

  /* Move the dropout up to the top, then remove the relu. */
  strata_layer_editor_move_layer (editor, 2, 0);
  assert_layers (editor, "[{\"type\": \"dropout\", \"p\": 0.25}, {\"type\": \"dense\", \"out_features\": 64},"
                         " {\"type\": \"relu\"}, {\"type\": \"dense\", \"out_features\": 16}]");
  strata_layer_editor_move_layer (editor, 0, 3);
  assert_layers (editor, "[{\"type\": \"dense\", \"out_features\": 64}, {\"type\": \"relu\"},"
                         " {\"type\": \"dense\", \"out_features\": 16}, {\"type\": \"dropout\", \"p\": 0.25}]");
  /* Drag the dropout (row 3) onto row 1, and back. */
  drop_row (widget, 3, 1);
  assert_layers (editor, "[{\"type\": \"dense\", \"out_features\": 64}, {\"type\": \"dropout\", \"p\": 0.25},"
                         " {\"type\": \"relu\"}, {\"type\": \"dense\", \"out_features\": 16}]");
  drop_row (widget, 1, 3);
  strata_layer_editor_remove_layer (editor, 1);
  assert_layers (editor, "[{\"type\": \"dense\", \"out_features\": 64},"
                         " {\"type\": \"dense\", \"out_features\": 16}, {\"type\": \"dropout\", \"p\": 0.25}]");
  g_assert_null (strata_layer_editor_get_error (editor));

  /* What the editor made is what the engine builds: 4·64+64 + 64·16+16. */
  made = strata_layer_editor_dup_layers (editor);
  net = build_with_output (made, (gsize[]) { 4 }, 1, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strata_network_get_n_weights (net), ==,
                    dense_weights (4, 64) + dense_weights (64, 16) + dense_weights (16, 3));
  strata_network_unref (net);

  /* A conv2d on a flat input is refused by the engine, naming layer 3. */
  strata_layer_editor_add_layer (editor, "conv2d");
  g_assert_nonnull (strata_layer_editor_get_error (editor));
  g_assert_true (g_str_has_prefix (strata_layer_editor_get_error (editor), "layer 3 (conv2d)"));
  strata_layer_editor_remove_layer (editor, 3);
  g_assert_null (strata_layer_editor_get_error (editor));

  /* A preset replaces the stack. */
  g_assert_true (strata_layer_editor_apply_preset (editor, STRATA_LAYER_PRESET_MLP));
  assert_layers (editor, "[{\"type\": \"dense\", \"out_features\": 256}, {\"type\": \"relu\"},"
                         " {\"type\": \"dense\", \"out_features\": 128}, {\"type\": \"relu\"}]");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* --- in the inspector ---------------------------------------------------------- */

static guint
workflow_n_layers (StrataWorkflow *workflow)
{
  JsonNode *layers = strata_params_get (strata_workflow_get_params (workflow, "lenet"), "layers");

  return json_array_get_length (json_node_get_array (layers));
}

static void
test_inspector (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "resources", "examples",
                                                 "mnist-lenet.strata", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  StrataWindow *window = test_new_window (app, 1280, 800);
  StrataWorkbench *workbench;
  StrataWorkflow *workflow;
  StrataUndoStack *undo;
  GtkWidget *widget;
  g_autoptr(JsonNode) value = json_node_new (JSON_NODE_VALUE);
  guint n_undo;

  strata_window_open (window, file);
  test_wait_until_idle (window, WAIT_SECONDS);
  workbench = strata_window_get_workbench (window);
  g_assert_nonnull (workbench);
  workflow = strata_workbench_get_workflow (workbench);
  undo = strata_canvas_model_get_undo_stack (strata_workbench_get_model (workbench));
  strata_window_select_node (window, "lenet");
  test_spin (20);

  widget = strata_inspector_get_editor (window->inspector, "layers");
  g_assert_true (STRATA_IS_LAYER_EDITOR (widget));
  g_assert_cmpuint (strata_layer_editor_get_n_layers (STRATA_LAYER_EDITOR (widget)), ==, 11);
  g_assert_null (strata_layer_editor_get_error (STRATA_LAYER_EDITOR (widget)));
  g_assert_cmpuint (workflow_n_layers (workflow), ==, 11);
  n_undo = strata_undo_stack_get_n_undo (undo);

  /* Remove the flatten: the engine's message names the dense layer after it. */
  strata_layer_editor_remove_layer (STRATA_LAYER_EDITOR (widget), 6);
  g_assert_cmpuint (workflow_n_layers (workflow), ==, 10);
  g_assert_nonnull (strata_layer_editor_get_error (STRATA_LAYER_EDITOR (widget)));
  g_assert_true (g_str_has_prefix (strata_layer_editor_get_error (STRATA_LAYER_EDITOR (widget)),
                                   "layer 6 (dense)"));
  g_assert_cmpint (strata_canvas_node_get_status (strata_canvas_model_get_node (strata_workbench_get_model (workbench),
                                                                                "lenet")),
                   ==, STRATA_CANVAS_STATUS_STALE);
  g_assert_true (strata_workbench_is_modified (workbench));

  /* Two spin edits of one parameter are one step; a structural edit is its own. */
  json_node_set_int (value, 100);
  strata_layer_editor_set_value (STRATA_LAYER_EDITOR (widget), 6, "out_features", value);
  json_node_set_int (value, 110);
  strata_layer_editor_set_value (STRATA_LAYER_EDITOR (widget), 6, "out_features", value);
  strata_layer_editor_add_layer (STRATA_LAYER_EDITOR (widget), "dropout");
  g_assert_cmpuint (strata_undo_stack_get_n_undo (undo), ==, n_undo + 3);
  g_assert_cmpuint (workflow_n_layers (workflow), ==, 11);

  /* Undo (Ctrl+Z's action) takes each back, and the editor follows. */
  g_assert_true (strata_undo_stack_undo (undo));
  g_assert_cmpuint (workflow_n_layers (workflow), ==, 10);
  g_assert_true (strata_undo_stack_undo (undo));
  test_spin (20);
  widget = strata_inspector_get_editor (window->inspector, "layers");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (json_node_get_array (
                     strata_params_get (strata_workflow_get_params (workflow, "lenet"), "layers")), 6),
                     "out_features"), ==, 120);
  g_assert_true (strata_undo_stack_undo (undo));
  test_spin (20);
  widget = strata_inspector_get_editor (window->inspector, "layers");
  g_assert_true (STRATA_IS_LAYER_EDITOR (widget));
  g_assert_cmpuint (strata_layer_editor_get_n_layers (STRATA_LAYER_EDITOR (widget)), ==, 11);
  g_assert_null (strata_layer_editor_get_error (STRATA_LAYER_EDITOR (widget)));
  g_assert_cmpuint (workflow_n_layers (workflow), ==, 11);
  g_assert_false (strata_workbench_is_modified (workbench));

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
  g_test_add_func ("/LayerEditor/presets", test_presets);
  if (g_getenv ("STRATA_TEST_HEADLESS") != NULL || !gtk_init_check ())
    {
      g_test_add_func ("/LayerEditor/no-display", test_no_display);
      return g_test_run ();
    }
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  app = strata_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  g_test_add_func ("/LayerEditor/edit", test_edit);
  g_test_add_func ("/LayerEditor/inspector", test_inspector);
  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
