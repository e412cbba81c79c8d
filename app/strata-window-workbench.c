/* strata-window-workbench.c — the workbench page: palette, canvas,
 * inspector, results, Run and Stop
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * The window shows one StrataWorkbench at a time. The canvas edits the
 * workbench's model; the palette adds nodes to it; the inspector and the
 * results area follow the canvas selection. While a run is going on a tick
 * callback on the canvas drains the executor's events once per frame (the
 * frame clock paces it, so a fast worker can never flood the main loop);
 * the run's completion drains the rest, so an unmapped window loses
 * nothing either.
 *
 * Results: a table output goes to the data grid and the column pane (the
 * first window's table view), a tree to the tree diagram beside its rules
 * as text (scikit-learn's export_text), rules to the rules view (table and
 * lift scatter), metrics that carry a confusion matrix to the confusion
 * view (its per-class scores recomputed from the matrix by the engine's
 * strata_metrics_classification); other metrics and kinds are written out
 * as text with the node's metrics. A node that reports training gets a
 * training page (strata-window-training.c: dashboard, run history, chart
 * options), fed from the drained TRAIN_STEP / TRAIN_EPOCH events; while it
 * has one, that page is its result. Before a run, the data.csv node made
 * by opening a CSV shows the table the import read.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "strata-window-private.h"

/* --- results ---------------------------------------------------------------------- */

static void
results_empty (StrataWindow *self,
               const char   *title,
               const char   *description)
{
  adw_status_page_set_title (self->results_empty, title);
  adw_status_page_set_description (self->results_empty, description);
  gtk_stack_set_visible_child_name (self->results_stack, "empty");
}

static void
show_table_result (StrataWindow *self,
                   StrataTable  *table)
{
  if (strata_data_grid_get_table (self->grid) != table)
    strata_data_grid_set_table (self->grid, table);
  if (strata_column_pane_get_table (self->pane) != table)
    strata_column_pane_set_table (self->pane, table);
  gtk_widget_set_visible (GTK_WIDGET (self->pane_button), TRUE);
  gtk_stack_set_visible_child_name (self->results_stack, "table");
}

static void
show_text_result (StrataWindow     *self,
                  StrataData       *data,
                  StrataNodeResult *result)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *summary = strata_data_describe (data);
  StrataMetrics *metrics = result != NULL ? result->metrics : NULL;

  g_string_append_printf (text, "%s\n", summary);
  if (g_strcmp0 (strata_data_get_kind (data), STRATA_DATA_METRICS) == 0)
    metrics = strata_data_get_payload (data, STRATA_DATA_METRICS);
  for (guint i = 0; metrics != NULL && i < strata_metrics_get_n (metrics); i++)
    g_string_append_printf (text, "\n%-24s %.6g", strata_metrics_get_name (metrics, i),
                            strata_metrics_get_value (metrics, i));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->results_text), text->str, -1);
  gtk_stack_set_visible_child_name (self->results_stack, "text");
}

static void
show_tree_result (StrataWindow *self,
                  StrataTree   *tree)
{
  g_autofree char *text = strata_tree_to_text (tree);

  if (strata_tree_view_get_tree (self->results_tree) != tree)
    strata_tree_view_set_tree (self->results_tree, tree);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->results_tree_text), text, -1);
  gtk_stack_set_visible_child_name (self->results_stack, "tree");
}

static void
show_rules_result (StrataWindow *self,
                   StrataRules  *rules)
{
  strata_rules_view_set_rules (self->results_rules, rules);
  gtk_stack_set_visible_child_name (self->results_stack, "rules");
}

/* --- metrics -------------------------------------------------------------------- */

/* The per-class scores of a confusion matrix: strata_metrics_classification
 * on the (true, predicted) pairs the counts stand for, so the view shows
 * exactly the engine's arithmetic. */
static StrataClassificationMetrics *
classification_from_confusion (guint        n_classes,
                               const gsize *counts)
{
  gsize n = 0, k = 0;
  g_autofree gint32 *y_true = NULL, *y_pred = NULL;

  for (guint i = 0; i < n_classes * n_classes; i++)
    n += counts[i];
  y_true = g_new (gint32, MAX (n, 1));
  y_pred = g_new (gint32, MAX (n, 1));
  for (guint t = 0; t < n_classes; t++)
    for (guint p = 0; p < n_classes; p++)
      for (gsize c = 0; c < counts[t * n_classes + p]; c++, k++)
        {
          y_true[k] = (gint32) t;
          y_pred[k] = (gint32) p;
        }
  return strata_metrics_classification (y_true, y_pred, NULL, n, n_classes, NULL);
}

/* Metrics with a confusion matrix: the heat map and per-class table, every
 * metric as text beside it. FALSE when there is no matrix. */
static gboolean
show_confusion_result (StrataWindow     *self,
                       StrataData       *data,
                       StrataNodeResult *result)
{
  StrataMetrics *metrics = strata_data_get_payload (data, STRATA_DATA_METRICS);
  g_autoptr(StrataClassificationMetrics) scores = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  const char *const *labels = NULL;
  const gsize *counts = NULL;
  guint n_classes;
  int width = 0;

  if (metrics == NULL ||
      (n_classes = strata_metrics_get_confusion (metrics, &labels, &counts)) == 0 ||
      (scores = classification_from_confusion (n_classes, counts)) == NULL)
    return FALSE;
  strata_confusion_view_set_metrics (self->results_confusion, scores, labels);
  for (guint i = 0; i < strata_metrics_get_n (metrics); i++)
    width = MAX (width, (int) strlen (strata_metrics_get_name (metrics, i)));
  for (guint i = 0; i < strata_metrics_get_n (metrics); i++)
    g_string_append_printf (text, "%-*s  %.6g\n", width, strata_metrics_get_name (metrics, i),
                            strata_metrics_get_value (metrics, i));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->results_confusion_text), text->str, -1);
  gtk_stack_set_visible_child_name (self->results_stack, "confusion");
  return TRUE;
}

static void
node_event (StrataWorkbench *workbench,
            StrataEvent     *event,
            StrataWindow    *self)
{
  if (event->type != STRATA_EVENT_TRAIN_STEP && event->type != STRATA_EVENT_TRAIN_EPOCH)
    return;
  _strata_window_training_event (self, event);
  if (g_strcmp0 (event->node_id, self->results_node) == 0 &&
      gtk_stack_get_child_by_name (self->results_stack, "empty") ==
      gtk_stack_get_visible_child (self->results_stack))
    {
      g_autofree char *page = g_strconcat ("train:", event->node_id, NULL);
      gtk_stack_set_visible_child_name (self->results_stack, page);
    }
}

/* The output port the results area shows (the drop-down's choice). */
static const char *
results_port (StrataWindow *self)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (self->results_port);

  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

static void
refresh_results (StrataWindow *self)
{
  const char *id = self->results_node, *port = results_port (self);
  StrataCanvasNode *node = NULL;
  g_autoptr(StrataData) data = NULL;
  g_autoptr(StrataNodeResult) result = NULL;
  g_autofree char *title = NULL;

  if (self->workbench != NULL && id != NULL)
    node = strata_canvas_model_get_node (strata_workbench_get_model (self->workbench), id);
  if (node == NULL)
    {
      gtk_label_set_text (self->results_title, _("Results"));
      results_empty (self, _("No Node Selected"), _("Select a node to see what it made."));
      return;
    }
  /* TRANSLATORS: the results area's title, e.g. "Results of split" */
  title = g_strdup_printf (_("Results of %s"), id);
  gtk_label_set_text (self->results_title, title);

  if (port != NULL)
    data = strata_workbench_dup_output (self->workbench, id, port);
  result = strata_workbench_dup_result (self->workbench, id);
  if (_strata_window_training_page (self, id) != NULL &&
      (data == NULL || strata_data_get_table (data) == NULL))
    {
      g_autofree char *page = g_strconcat ("train:", id, NULL);
      gtk_stack_set_visible_child_name (self->results_stack, page);
    }
  else if (data != NULL && strata_data_get_table (data) != NULL)
    show_table_result (self, strata_data_get_table (data));
  else if (data != NULL && g_strcmp0 (strata_data_get_kind (data), STRATA_DATA_TREE) == 0)
    show_tree_result (self, strata_data_get_payload (data, STRATA_DATA_TREE));
  else if (data != NULL && g_strcmp0 (strata_data_get_kind (data), STRATA_DATA_RULES) == 0)
    show_rules_result (self, strata_data_get_payload (data, STRATA_DATA_RULES));
  else if (data != NULL && g_strcmp0 (strata_data_get_kind (data), STRATA_DATA_METRICS) == 0 &&
           show_confusion_result (self, data, result))
    ;
  else if (data != NULL)
    show_text_result (self, data, result);
  else if (g_strcmp0 (id, self->preview_node) == 0 && self->table != NULL)
    show_table_result (self, self->table);
  else if (strata_canvas_node_get_status (node) == STRATA_CANVAS_STATUS_FAILED)
    results_empty (self, _("The Node Failed"), strata_canvas_node_get_message (node));
  else if (port == NULL)
    results_empty (self, _("No Outputs"), _("This node has no outputs to show."));
  else
    results_empty (self, _("Not Run Yet"), _("Run the workflow (F5) to see this node’s results."));
  _strata_window_actions_update (self);
}

/* The output the results area opens on: the first one that has a view of
 * its own (mine.apriori's rules rather than its itemsets as text), else the
 * first. */
static guint
preferred_output (const StrataNodeType *type)
{
  static const char *const with_views[] = {
    STRATA_DATA_TABLE, STRATA_DATA_RULES, STRATA_DATA_TREE, STRATA_DATA_METRICS,
    STRATA_DATA_NETWORK,
  };

  for (guint i = 0; type->outputs != NULL && type->outputs[i].name != NULL; i++)
    for (guint k = 0; k < G_N_ELEMENTS (with_views); k++)
      if (g_strcmp0 (type->outputs[i].kind, with_views[k]) == 0)
        return i;
  return 0;
}

void
_strata_window_show_results (StrataWindow *self,
                             const char   *node_id)
{
  g_autoptr(GtkStringList) ports = gtk_string_list_new (NULL);
  const StrataNodeType *type = NULL;

  g_free (self->results_node);
  self->results_node = g_strdup (node_id);
  if (self->workbench != NULL && node_id != NULL)
    type = strata_workflow_get_node_type (strata_workbench_get_workflow (self->workbench), node_id);
  for (guint i = 0; type != NULL && type->outputs != NULL && type->outputs[i].name != NULL; i++)
    gtk_string_list_append (ports, type->outputs[i].name);

  g_signal_handlers_block_by_func (self->results_port, refresh_results, self);
  gtk_drop_down_set_model (self->results_port, G_LIST_MODEL (ports));
  gtk_drop_down_set_selected (self->results_port, type != NULL ? preferred_output (type) : 0);
  g_signal_handlers_unblock_by_func (self->results_port, refresh_results, self);
  gtk_widget_set_visible (GTK_WIDGET (self->results_port),
                          g_list_model_get_n_items (G_LIST_MODEL (ports)) > 1);
  refresh_results (self);
}

static void
export_response (GtkNativeDialog *dialog,
                 int              response,
                 StrataWindow    *self)
{
  g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_autofree char *dir = folder != NULL ? g_file_get_path (folder) : NULL;
  const char *port = results_port (self);

  if (response == GTK_RESPONSE_ACCEPT && dir != NULL && self->results_node != NULL && port != NULL)
    {
      g_autoptr(StrataData) data = strata_workbench_dup_output (self->workbench, self->results_node, port);
      g_autoptr(GError) error = NULL;
      g_autofree char *written = NULL;

      if (data != NULL && strata_data_save (data, dir, self->results_node, port, &written, &error))
        {
          g_autofree char *title = g_strdup_printf (_("Saved %s"), written);
          _strata_window_add_toast (self, title, NULL, NULL);
        }
      else if (error != NULL)
        _strata_window_add_toast (self, error->message, NULL, NULL);
    }
  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->save_chooser);
}

void
_strata_window_export_results (StrataWindow *self)
{
  if (self->save_chooser != NULL || self->results_node == NULL)
    return;
  self->save_chooser = gtk_file_chooser_native_new (_("Export Results to a Folder"), GTK_WINDOW (self),
                                                    GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                                    _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->save_chooser), TRUE);
  g_signal_connect (self->save_chooser, "response", G_CALLBACK (export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->save_chooser));
}

/* --- selection --------------------------------------------------------------------- */

static void
selection_changed (StrataCanvas *canvas,
                   StrataWindow *self)
{
  g_auto(GStrv) ids = strata_canvas_get_selection (canvas);
  const char *id = ids != NULL && ids[0] != NULL ? ids[0] : NULL;

  if (g_strcmp0 (id, strata_inspector_get_node (self->inspector)) != 0)
    strata_inspector_set_node (self->inspector, self->workbench, id);
  if (id != NULL && g_strcmp0 (id, self->results_node) != 0)
    _strata_window_show_results (self, id);
  _strata_window_actions_update (self);
}

static void
node_activated (StrataCanvas *canvas,
                const char   *id,
                StrataWindow *self)
{
  strata_inspector_set_node (self->inspector, self->workbench, id);
  _strata_window_show_results (self, id);
  gtk_widget_child_focus (GTK_WIDGET (self->inspector), GTK_DIR_TAB_FORWARD);
}

static void
link_refused (StrataCanvas *canvas,
              const char   *from_node,
              const char   *from_port,
              const char   *to_node,
              const char   *to_port,
              const char   *reason,
              StrataWindow *self)
{
  _strata_window_add_toast (self, reason, NULL, NULL);
}

/* --- adding nodes -------------------------------------------------------------------- */

/* Links @from's first output into @to's first input that accepts it. */
static void
link_first (StrataWindow *self,
            const char   *from,
            const char   *to)
{
  StrataCanvasModel *model = strata_workbench_get_model (self->workbench);
  StrataCanvasNode *a = strata_canvas_model_get_node (model, from);
  StrataCanvasNode *b = strata_canvas_model_get_node (model, to);

  for (guint i = 0; a != NULL && b != NULL && i < strata_canvas_node_get_n_ports (a); i++)
    {
      const StrataCanvasPort *out = strata_canvas_node_get_port (a, i);

      if (out->direction != STRATA_CANVAS_PORT_OUTPUT)
        continue;
      for (guint j = 0; j < strata_canvas_node_get_n_ports (b); j++)
        {
          const StrataCanvasPort *in = strata_canvas_node_get_port (b, j);

          if (in->direction == STRATA_CANVAS_PORT_INPUT &&
              strata_canvas_model_link (model, from, out->name, to, in->name, NULL))
            return;
        }
      return;
    }
}

static void
add_node_at (StrataWindow *self,
             const char   *type_id,
             double        x,
             double        y,
             gboolean      link_selected)
{
  StrataUndoStack *undo;
  g_auto(GStrv) selected = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  const char *ids[2] = { NULL, NULL };

  if (self->workbench == NULL)
    strata_window_new_workflow (self);
  undo = strata_canvas_model_get_undo_stack (strata_workbench_get_model (self->workbench));
  selected = strata_canvas_get_selection (self->canvas);

  strata_undo_stack_begin_group (undo, _("Add Node"));
  id = g_strdup (strata_workbench_add_node (self->workbench, type_id, x, y, &error));
  if (id != NULL && link_selected && selected != NULL && g_strv_length (selected) == 1)
    link_first (self, selected[0], id);
  strata_undo_stack_end_group (undo);

  if (id == NULL)
    {
      _strata_window_add_toast (self, error->message, NULL, NULL);
      return;
    }
  ids[0] = id;
  strata_canvas_set_selection (self->canvas, ids);
  gtk_widget_grab_focus (strata_canvas_get_node_widget (self->canvas, id));
}

void
_strata_window_add_node (StrataWindow *self,
                         const char   *type_id)
{
  double x = 40, y = 120;
  g_auto(GStrv) selected = NULL;

  if (self->workbench != NULL)
    {
      StrataCanvasModel *model = strata_workbench_get_model (self->workbench);
      StrataCanvasNode *node;

      selected = strata_canvas_get_selection (self->canvas);
      node = selected != NULL && selected[0] != NULL ? strata_canvas_model_get_node (model, selected[0]) : NULL;
      if (node != NULL)
        {
          x = strata_canvas_node_get_x (node) + 260;
          y = strata_canvas_node_get_y (node);
        }
      else
        strata_workbench_free_position (self->workbench, &x, &y);
    }
  add_node_at (self, type_id, x, y, TRUE);
}

static void
node_chosen (StrataPalette *palette,
             const char    *type_id,
             StrataWindow  *self)
{
  _strata_window_add_node (self, type_id);
}

static gboolean
canvas_drop (GtkDropTarget *target,
             const GValue  *value,
             double         x,
             double         y,
             StrataWindow  *self)
{
  const char *text = g_value_get_string (value);
  double ox, oy, zoom = strata_canvas_get_zoom (self->canvas);

  if (text == NULL || !g_str_has_prefix (text, STRATA_PALETTE_DRAG_PREFIX))
    return FALSE;
  strata_canvas_canvas_to_widget (self->canvas, 0, 0, &ox, &oy);
  add_node_at (self, text + strlen (STRATA_PALETTE_DRAG_PREFIX),
               (x - ox) / zoom - 80, (y - oy) / zoom - 30, FALSE);
  return TRUE;
}

/* A link dropped on empty canvas: a menu of the node types with an input
 * that accepts its kind, at the drop point. */
static void
link_dropped (StrataCanvas *canvas,
              const char   *from_node,
              const char   *from_port,
              const char   *kind,
              double        x,
              double        y,
              StrataWindow *self)
{
  const StrataNodeType *const *types;
  g_autoptr(GMenu) menu = g_menu_new ();
  guint n_types = 0, n_items = 0;
  double wx, wy;
  graphene_point_t point;

  if (self->workbench == NULL)
    return;
  types = strata_registry_list (strata_workbench_get_registry (self->workbench), &n_types);
  for (guint i = 0; i < n_types; i++)
    for (guint j = 0; types[i]->inputs != NULL && types[i]->inputs[j].name != NULL; j++)
      if (strata_data_kind_compatible (kind, types[i]->inputs[j].kind))
        {
          g_autoptr(GMenuItem) item = g_menu_item_new (_(types[i]->title), NULL);

          g_menu_item_set_action_and_target (item, "win.add-linked-node", "s", types[i]->id);
          g_menu_append_item (menu, item);
          n_items++;
          break;
        }
  if (n_items == 0)
    {
      /* TRANSLATORS: a data kind, e.g. "No node type takes a rules input" */
      g_autofree char *title = g_strdup_printf (_("No node type takes a %s input"), kind);
      _strata_window_add_toast (self, title, NULL, NULL);
      return;
    }

  g_free (self->link_from_node);
  g_free (self->link_from_port);
  self->link_from_node = g_strdup (from_node);
  self->link_from_port = g_strdup (from_port);
  self->link_x = x;
  self->link_y = y;

  strata_canvas_canvas_to_widget (canvas, x, y, &wx, &wy);
  if (!gtk_widget_compute_point (GTK_WIDGET (canvas), GTK_WIDGET (self->canvas_paned),
                                 &GRAPHENE_POINT_INIT ((float) wx, (float) wy), &point))
    point = GRAPHENE_POINT_INIT (0, 0);
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->link_popover), G_MENU_MODEL (menu));
  gtk_popover_set_pointing_to (GTK_POPOVER (self->link_popover),
                               &(GdkRectangle) { (int) point.x, (int) point.y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->link_popover));
}

void
_strata_window_add_linked_node (StrataWindow *self,
                                const char   *type_id)
{
  StrataUndoStack *undo;
  StrataCanvasNode *node;
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;
  const char *ids[2] = { NULL, NULL };

  if (self->workbench == NULL || self->link_from_node == NULL)
    return;
  undo = strata_canvas_model_get_undo_stack (strata_workbench_get_model (self->workbench));
  strata_undo_stack_begin_group (undo, _("Add Linked Node"));
  id = g_strdup (strata_workbench_add_node (self->workbench, type_id, self->link_x,
                                            self->link_y - 30, &error));
  node = id != NULL ? strata_canvas_model_get_node (strata_workbench_get_model (self->workbench), id) : NULL;
  for (guint i = 0; node != NULL && i < strata_canvas_node_get_n_ports (node); i++)
    {
      const StrataCanvasPort *port = strata_canvas_node_get_port (node, i);

      if (port->direction == STRATA_CANVAS_PORT_INPUT &&
          strata_canvas_model_link (strata_workbench_get_model (self->workbench), self->link_from_node,
                                    self->link_from_port, id, port->name, NULL))
        break;
    }
  strata_undo_stack_end_group (undo);
  if (id == NULL)
    {
      _strata_window_add_toast (self, error->message, NULL, NULL);
      return;
    }
  ids[0] = id;
  strata_canvas_set_selection (self->canvas, ids);
}

/* --- runs ---------------------------------------------------------------------------- */

static gboolean
drain_tick (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       user_data)
{
  StrataWindow *self = user_data;

  if (self->workbench != NULL)
    strata_workbench_drain_events (self->workbench);
  return G_SOURCE_CONTINUE;
}

static void
stop_ticking (StrataWindow *self)
{
  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->canvas), self->tick_id);
  self->tick_id = 0;
}

static void
run_finished (StrataWorkbench *workbench,
              const GError    *error,
              StrataWindow    *self)
{
  stop_ticking (self);
  _strata_window_training_run_finished (self);
  if (error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _strata_window_add_toast (self, _("The run was stopped"), NULL, NULL);
  else if (error != NULL)
    _strata_window_add_toast (self, error->message, NULL, NULL);
  strata_inspector_set_node (self->inspector, self->workbench,
                             strata_inspector_get_node (self->inspector));
  refresh_results (self);
  g_object_notify (G_OBJECT (self), "busy");
  _strata_window_actions_update (self);
}

void
_strata_window_run (StrataWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->workbench == NULL)
    return;
  if (!strata_workbench_run (self->workbench, &error))
    {
      _strata_window_add_toast (self, error->message, NULL, NULL);
      return;
    }
  _strata_window_training_run_started (self);
  if (self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->canvas), drain_tick, self, NULL);
  g_object_notify (G_OBJECT (self), "busy");
  _strata_window_actions_update (self);
}

/* --- the workbench ------------------------------------------------------------------ */

static void
undo_changed (StrataWindow *self)
{
  _strata_window_update_title (self);
  _strata_window_actions_update (self);
}

void
strata_window_set_workbench (StrataWindow    *self,
                             StrataWorkbench *workbench)
{
  g_return_if_fail (STRATA_IS_WINDOW (self));
  g_return_if_fail (STRATA_IS_WORKBENCH (workbench));

  if (self->workbench == workbench)
    return;
  if (self->workbench != NULL)
    {
      strata_workbench_stop (self->workbench);
      stop_ticking (self);
      g_signal_handlers_disconnect_by_data (self->workbench, self);
      g_signal_handlers_disconnect_by_data (
        strata_canvas_model_get_undo_stack (strata_workbench_get_model (self->workbench)), self);
    }
  g_set_object (&self->workbench, workbench);
  g_clear_pointer (&self->preview_node, g_free);
  _strata_window_training_clear (self);
  g_signal_connect (workbench, "run-finished", G_CALLBACK (run_finished), self);
  g_signal_connect (workbench, "node-event", G_CALLBACK (node_event), self);
  g_signal_connect_swapped (strata_canvas_model_get_undo_stack (strata_workbench_get_model (workbench)),
                            "changed", G_CALLBACK (undo_changed), self);

  strata_palette_set_registry (self->palette, strata_workbench_get_registry (workbench));
  strata_canvas_set_model (self->canvas, strata_workbench_get_model (workbench));
  strata_inspector_set_node (self->inspector, workbench, NULL);
  _strata_window_show_results (self, NULL);
  gtk_stack_set_visible_child_name (self->stack, STRATA_WINDOW_PAGE_WORKBENCH);
  _strata_window_update_title (self);
  _strata_window_actions_update (self);
}

StrataWorkbench *
strata_window_get_workbench (StrataWindow *self)
{
  g_return_val_if_fail (STRATA_IS_WINDOW (self), NULL);
  return self->workbench;
}

void
strata_window_new_workflow (StrataWindow *self)
{
  g_autoptr(StrataRegistry) registry = strata_registry_new_default ();
  g_autoptr(StrataWorkbench) workbench = strata_workbench_new (registry);

  g_return_if_fail (STRATA_IS_WINDOW (self));
  strata_window_set_workbench (self, workbench);
}

void
strata_window_select_node (StrataWindow *self,
                           const char   *node_id)
{
  const char *ids[2] = { node_id, NULL };

  g_return_if_fail (STRATA_IS_WINDOW (self));
  strata_canvas_set_selection (self->canvas, ids);
  strata_inspector_set_node (self->inspector, self->workbench, node_id);
  _strata_window_show_results (self, node_id);
}

/* A read-only monospace text view in a scrolled window of @width. */
static GtkWidget *
side_text (const char   *label,
           GtkTextView **view)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *text = gtk_text_view_new ();

  gtk_text_view_set_editable (GTK_TEXT_VIEW (text), FALSE);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (text), TRUE);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (text), 12);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (text), 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), text);
  gtk_widget_set_size_request (scrolled, 240, -1);
  *view = GTK_TEXT_VIEW (text);
  return scrolled;
}

/* Metrics with a confusion matrix: the heat map, every metric beside it. */
static void
add_confusion_page (StrataWindow *self)
{
  GtkWidget *paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  GtkWidget *confusion = strata_confusion_view_new ();

  gtk_widget_set_hexpand (confusion, TRUE);
  gtk_paned_set_start_child (GTK_PANED (paned), confusion);
  gtk_paned_set_end_child (GTK_PANED (paned), side_text (_("Every metric"), &self->results_confusion_text));
  gtk_paned_set_resize_end_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_shrink_end_child (GTK_PANED (paned), FALSE);
  gtk_stack_add_named (self->results_stack, paned, "confusion");
  self->results_confusion = STRATA_CONFUSION_VIEW (confusion);
}

/* The pages of the model views, made here rather than in the template. */
static void
add_view_pages (StrataWindow *self)
{
  GtkWidget *paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  GtkWidget *scrolled = side_text (_("The tree as rules"), &self->results_tree_text);
  GtkWidget *tree = strata_tree_view_new ();
  GtkWidget *rules = strata_rules_view_new ();

  gtk_widget_set_size_request (scrolled, 280, -1);
  gtk_widget_set_hexpand (tree, TRUE);
  gtk_paned_set_start_child (GTK_PANED (paned), tree);
  gtk_paned_set_end_child (GTK_PANED (paned), scrolled);
  gtk_paned_set_resize_end_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_shrink_end_child (GTK_PANED (paned), FALSE);
  gtk_stack_add_named (self->results_stack, paned, "tree");
  gtk_stack_add_named (self->results_stack, rules, "rules");
  add_confusion_page (self);
  self->results_tree = STRATA_TREE_VIEW (tree);
  self->results_rules = STRATA_RULES_VIEW (rules);
}

void
_strata_window_workbench_init (StrataWindow *self)
{
  GtkDropTarget *target;

  _strata_window_training_init (self);
  add_view_pages (self);
  g_signal_connect (self->canvas, "selection-changed", G_CALLBACK (selection_changed), self);
  g_signal_connect (self->canvas, "node-activated", G_CALLBACK (node_activated), self);
  g_signal_connect (self->canvas, "link-refused", G_CALLBACK (link_refused), self);
  g_signal_connect (self->canvas, "link-dropped-on-canvas", G_CALLBACK (link_dropped), self);
  self->link_popover = gtk_popover_menu_new_from_model (NULL);
  gtk_widget_set_parent (self->link_popover, GTK_WIDGET (self->canvas_paned));
  g_signal_connect (self->palette, "node-chosen", G_CALLBACK (node_chosen), self);
  g_signal_connect_swapped (self->results_port, "notify::selected", G_CALLBACK (refresh_results), self);

  target = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_COPY);
  g_signal_connect (target, "drop", G_CALLBACK (canvas_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self->canvas), GTK_EVENT_CONTROLLER (target));
}

void
_strata_window_workbench_dispose (StrataWindow *self)
{
  if (self->workbench != NULL)
    {
      strata_workbench_stop (self->workbench);
      g_signal_handlers_disconnect_by_data (self->workbench, self);
      g_signal_handlers_disconnect_by_data (
        strata_canvas_model_get_undo_stack (strata_workbench_get_model (self->workbench)), self);
    }
  if (self->canvas != NULL)
    stop_ticking (self);
  g_clear_object (&self->workbench);
  g_clear_pointer (&self->preview_node, g_free);
  g_clear_pointer (&self->results_node, g_free);
  g_clear_pointer (&self->link_popover, gtk_widget_unparent);
  _strata_window_training_dispose (self);
  g_clear_pointer (&self->link_from_node, g_free);
  g_clear_pointer (&self->link_from_port, g_free);
}
