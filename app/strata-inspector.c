/* strata-inspector.c — the parameters of the selected node
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * The editors are rebuilt from the declarations whenever the node changes
 * or its parameters change from elsewhere (undo, redo, paste). An edit made
 * here sets `applying` around strata_workbench_set_param(), so the
 * model's node-changed signal it causes does not rebuild the editor being
 * typed into. Each editor keeps its parameter spec as object data; a
 * value is made from the editor's state (a number, a boolean, a choice, or
 * text parsed by strata_param_parse_text()), validated by the workbench,
 * and either applied or reported inline under the editor.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "strata-inspector.h"

struct _StrataInspector {
  GtkWidget        parent_instance;

  GtkWidget       *scrolled;    /* owned (child) */
  GtkWidget       *box;         /* borrowed: the editors' column */
  GtkLabel        *status;      /* borrowed */
  StrataWorkbench *workbench;   /* owned, or NULL */
  char            *node_id;     /* owned, or NULL */
  GHashTable      *editors;     /* name → GtkWidget editor (borrowed) */
  GHashTable      *errors;      /* name → GtkLabel under the editor (borrowed) */
  gboolean         applying;    /* an edit of ours is being applied */
  GtkFileChooserNative *chooser; /* owned while a path is being chosen */
};

G_DEFINE_FINAL_TYPE (StrataInspector, strata_inspector, GTK_TYPE_WIDGET)

static void rebuild (StrataInspector *self);

/* --- applying a value ----------------------------------------------------------- */

static void
show_error (StrataInspector       *self,
            const StrataParamSpec *spec,
            GtkWidget             *editor,
            const GError          *error)
{
  GtkLabel *label = g_hash_table_lookup (self->errors, spec->name);

  if (error != NULL)
    {
      const char *message = error->message;
      /* The engine's messages start "parameter “NAME”: ", said by the row already. */
      const char *colon = g_str_has_prefix (message, "parameter ") ? strstr (message, ": ") : NULL;

      gtk_label_set_text (label, colon != NULL ? colon + 2 : message);
      gtk_widget_add_css_class (editor, "error");
    }
  else
    gtk_widget_remove_css_class (editor, "error");
  gtk_widget_set_visible (GTK_WIDGET (label), error != NULL);
}

/* Takes @value (transfer full; NULL = default). */
static void
apply (StrataInspector       *self,
       const StrataParamSpec *spec,
       GtkWidget             *editor,
       JsonNode              *value)
{
  g_autoptr(JsonNode) owned = value;
  g_autoptr(GError) error = NULL;

  if (self->workbench == NULL || self->node_id == NULL)
    return;
  self->applying = TRUE;
  strata_workbench_set_param (self->workbench, self->node_id, spec->name, value, &error);
  self->applying = FALSE;
  show_error (self, spec, editor, error);
}

static const StrataParamSpec *
editor_spec (gpointer editor)
{
  return g_object_get_data (G_OBJECT (editor), "strata-param-spec");
}

static void
spin_changed (GtkSpinButton   *spin,
              StrataInspector *self)
{
  const StrataParamSpec *spec = editor_spec (spin);
  JsonNode *value = json_node_new (JSON_NODE_VALUE);

  if (spec->type == STRATA_PARAM_INT)
    json_node_set_int (value, (gint64) llround (gtk_spin_button_get_value (spin)));
  else
    json_node_set_double (value, gtk_spin_button_get_value (spin));
  apply (self, spec, GTK_WIDGET (spin), value);
}

static void
switch_changed (GtkSwitch       *sw,
                GParamSpec      *pspec,
                StrataInspector *self)
{
  JsonNode *value = json_node_new (JSON_NODE_VALUE);

  json_node_set_boolean (value, gtk_switch_get_active (sw));
  apply (self, editor_spec (sw), GTK_WIDGET (sw), value);
}

static void
drop_down_changed (GtkDropDown     *drop_down,
                   GParamSpec      *pspec,
                   StrataInspector *self)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (drop_down);
  const StrataParamSpec *spec = editor_spec (drop_down);
  gboolean none = g_object_get_data (G_OBJECT (drop_down), "strata-has-none") != NULL &&
                  gtk_drop_down_get_selected (drop_down) == 0;
  JsonNode *value;

  if (item == NULL)
    return;
  value = json_node_new (none ? JSON_NODE_NULL : JSON_NODE_VALUE);
  if (!none)
    json_node_set_string (value, gtk_string_object_get_string (item));
  apply (self, spec, GTK_WIDGET (drop_down), value);
}

static void
entry_changed (GtkEditable     *entry,
               StrataInspector *self)
{
  const StrataParamSpec *spec = editor_spec (entry);
  const char *text = gtk_editable_get_text (entry);
  g_autoptr(GError) error = NULL;
  JsonNode *value;

  if (*text == '\0' && spec->nullable)
    value = json_node_new (JSON_NODE_NULL);
  else
    value = strata_param_parse_text (spec, text, &error);
  if (value == NULL)
    {
      show_error (self, spec, GTK_WIDGET (entry), error);
      return;
    }
  apply (self, spec, GTK_WIDGET (entry), value);
}

static void
chooser_response (GtkNativeDialog *dialog,
                  int              response,
                  GtkEditable     *entry)
{
  StrataInspector *self = g_object_get_data (G_OBJECT (dialog), "strata-inspector");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        gtk_editable_set_text (entry, path);
    }
  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->chooser);
}

static void
choose_path (GtkButton       *button,
             StrataInspector *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (button), "strata-entry");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Choose a File"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_object_set_data (G_OBJECT (self->chooser), "strata-inspector", self);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response), entry, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* --- editors --------------------------------------------------------------------- */

/* Parses "(0, 1]", "[1, inf)": the bounds (infinite as ±1e9). */
static void
parse_range (const char *range,
             double     *lo,
             double     *hi)
{
  g_auto(GStrv) parts = NULL;

  *lo = -1e9;
  *hi = 1e9;
  if (range == NULL || strlen (range) < 3)
    return;
  parts = g_strsplit (range + 1, ",", 2);
  if (g_strv_length (parts) != 2)
    return;
  g_strstrip (parts[0]);
  g_strstrip (parts[1]);
  parts[1][MAX (strlen (parts[1]), 1) - 1] = '\0';
  g_strstrip (parts[1]);
  if (!g_str_has_suffix (parts[0], "inf"))
    *lo = g_ascii_strtod (parts[0], NULL);
  if (!g_str_has_suffix (parts[1], "inf"))
    *hi = g_ascii_strtod (parts[1], NULL);
}

static GtkWidget *
make_spin (StrataInspector       *self,
           const StrataParamSpec *spec,
           JsonNode              *value)
{
  double lo, hi, step = spec->type == STRATA_PARAM_INT ? 1.0 : 0.05;
  GtkWidget *spin;

  parse_range (spec->range, &lo, &hi);
  if (spec->type == STRATA_PARAM_DOUBLE && hi - lo > 100)
    step = 1.0;
  spin = gtk_spin_button_new_with_range (lo, hi, step);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), spec->type == STRATA_PARAM_INT ? 0 : 3);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  if (JSON_NODE_HOLDS_VALUE (value))
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), json_node_get_double (value));
  g_signal_connect (spin, "value-changed", G_CALLBACK (spin_changed), self);
  return spin;
}

static GtkWidget *
make_drop_down (StrataInspector       *self,
                const StrataParamSpec *spec,
                JsonNode              *value,
                const char * const    *items,
                gboolean               with_none)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  const char *current = JSON_NODE_HOLDS_VALUE (value) ? json_node_get_string (value) : NULL;
  guint selected = 0;
  GtkWidget *drop_down;

  guint n = 0;
  gboolean found = current == NULL;

  if (with_none)
    gtk_string_list_append (list, _("(none)"));
  for (n = 0; items[n] != NULL; n++)
    {
      if (g_strcmp0 (items[n], current) == 0)
        {
          selected = n + (with_none ? 1 : 0);
          found = TRUE;
        }
      gtk_string_list_append (list, items[n]);
    }
  /* A value that is not among the items (a column the input lacks) stays
   * shown and selected rather than reading "(none)". */
  if (!found)
    {
      gtk_string_list_append (list, current);
      selected = n + (with_none ? 1 : 0);
    }
  drop_down = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (list)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), selected);
  if (with_none)
    g_object_set_data (G_OBJECT (drop_down), "strata-has-none", GINT_TO_POINTER (TRUE));
  g_signal_connect (drop_down, "notify::selected", G_CALLBACK (drop_down_changed), self);
  return drop_down;
}

static GtkWidget *
make_entry (StrataInspector       *self,
            const StrataParamSpec *spec,
            JsonNode              *value,
            GtkWidget            **row)
{
  GtkWidget *entry = gtk_entry_new ();
  g_autofree char *text = NULL;

  if (JSON_NODE_HOLDS_NULL (value))
    text = g_strdup ("");
  else if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
    text = g_strdup (json_node_get_string (value));
  else if (JSON_NODE_HOLDS_ARRAY (value) && spec->type != STRATA_PARAM_JSON)
    {
      JsonArray *array = json_node_get_array (value);
      g_autoptr(GString) joined = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (array); i++)
        g_string_append_printf (joined, "%s%s", i > 0 ? ", " : "",
                                json_array_get_string_element (array, i));
      text = g_string_free (g_steal_pointer (&joined), FALSE);
    }
  else
    text = strata_json_to_string (value, FALSE, NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  if (spec->nullable)
    gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Not set"));
  if (spec->type == STRATA_PARAM_COLUMNS || spec->type == STRATA_PARAM_STRINGS)
    gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Comma-separated, empty for none"));
  gtk_widget_set_hexpand (entry, TRUE);
  g_signal_connect (entry, "changed", G_CALLBACK (entry_changed), self);

  *row = entry;
  if (spec->type == STRATA_PARAM_PATH)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      GtkWidget *button = gtk_button_new_from_icon_name ("document-open-symbolic");

      gtk_widget_add_css_class (box, "linked");
      gtk_widget_set_tooltip_text (button, _("Choose a file"));
      g_object_set_data (G_OBJECT (button), "strata-entry", entry);
      g_signal_connect (button, "clicked", G_CALLBACK (choose_path), self);
      gtk_box_append (GTK_BOX (box), entry);
      gtk_box_append (GTK_BOX (box), button);
      *row = box;
    }
  return entry;
}

static void
add_param (StrataInspector       *self,
           const StrataParamSpec *spec,
           JsonNode              *value,
           StrataTable           *input)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *name = gtk_label_new (spec->name);
  GtkWidget *editor = NULL, *row = NULL, *help, *error;

  gtk_widget_add_css_class (name, "heading");
  gtk_label_set_xalign (GTK_LABEL (name), 0.0);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_box_append (GTK_BOX (header), name);
  if (spec->unit != NULL)
    {
      GtkWidget *unit = gtk_label_new (_(spec->unit));

      gtk_widget_add_css_class (unit, "dim-label");
      gtk_box_append (GTK_BOX (header), unit);
    }
  gtk_widget_set_margin_top (header, 12);
  gtk_box_append (GTK_BOX (self->box), header);

  switch (spec->type)
    {
    case STRATA_PARAM_INT:
    case STRATA_PARAM_DOUBLE:
      if (!spec->nullable)
        editor = make_spin (self, spec, value);
      break;
    case STRATA_PARAM_BOOL:
      editor = gtk_switch_new ();
      gtk_switch_set_active (GTK_SWITCH (editor), json_node_get_boolean (value));
      gtk_widget_set_halign (editor, GTK_ALIGN_START);
      g_signal_connect (editor, "notify::active", G_CALLBACK (switch_changed), self);
      break;
    case STRATA_PARAM_CHOICE:
      editor = make_drop_down (self, spec, value, spec->choices, FALSE);
      break;
    case STRATA_PARAM_COLUMN:
      if (input != NULL)
        {
          guint n = strata_table_get_n_columns (input);
          g_autofree const char **names = g_new0 (const char *, n + 1);

          for (guint i = 0; i < n; i++)
            names[i] = strata_column_get_name (strata_table_get_column (input, i));
          editor = make_drop_down (self, spec, value, names, spec->nullable);
        }
      break;
    case STRATA_PARAM_STRING:
    case STRATA_PARAM_COLUMNS:
    case STRATA_PARAM_STRINGS:
    case STRATA_PARAM_PATH:
    case STRATA_PARAM_JSON:
    default:
      break;
    }
  if (editor == NULL)
    editor = make_entry (self, spec, value, &row);
  if (row == NULL)
    row = editor;
  g_object_set_data (G_OBJECT (editor), "strata-param-spec", (gpointer) spec);
  gtk_accessible_update_property (GTK_ACCESSIBLE (editor), GTK_ACCESSIBLE_PROPERTY_LABEL, spec->name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, spec->help != NULL ? _(spec->help) : "",
                                  -1);
  gtk_box_append (GTK_BOX (self->box), row);
  g_hash_table_insert (self->editors, (gpointer) spec->name, editor);

  error = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (error), 0.0);
  gtk_label_set_wrap (GTK_LABEL (error), TRUE);
  gtk_widget_add_css_class (error, "error");
  gtk_widget_add_css_class (error, "caption");
  gtk_widget_set_visible (error, FALSE);
  gtk_box_append (GTK_BOX (self->box), error);
  g_hash_table_insert (self->errors, (gpointer) spec->name, error);

  if (spec->help != NULL)
    {
      help = gtk_label_new (_(spec->help));
      gtk_label_set_xalign (GTK_LABEL (help), 0.0);
      gtk_label_set_wrap (GTK_LABEL (help), TRUE);
      gtk_widget_add_css_class (help, "dim-label");
      gtk_widget_add_css_class (help, "caption");
      gtk_box_append (GTK_BOX (self->box), help);
    }
}

static void
update_status (StrataInspector *self)
{
  StrataCanvasNode *node = NULL;
  const char *message;
  g_autofree char *text = NULL;

  if (self->workbench != NULL && self->node_id != NULL)
    node = strata_canvas_model_get_node (strata_workbench_get_model (self->workbench), self->node_id);
  if (node == NULL || self->status == NULL)
    return;
  message = strata_canvas_node_get_message (node);
  switch (strata_canvas_node_get_status (node))
    {
    case STRATA_CANVAS_STATUS_STALE:
      text = g_strdup (message != NULL ? message : _("Changed since the last run"));
      break;
    case STRATA_CANVAS_STATUS_QUEUED:
      text = g_strdup (_("Waiting to run"));
      break;
    case STRATA_CANVAS_STATUS_RUNNING:
      text = g_strdup_printf (_("Running, %.0f %% done"), 100.0 * strata_canvas_node_get_progress (node));
      break;
    case STRATA_CANVAS_STATUS_DONE:
      text = g_strdup (_("Done"));
      break;
    case STRATA_CANVAS_STATUS_FAILED:
      text = g_strdup_printf (_("Failed: %s"), message != NULL ? message : _("no message"));
      break;
    case STRATA_CANVAS_STATUS_IDLE:
    default:
      text = g_strdup (_("Not run yet"));
      break;
    }
  gtk_label_set_text (self->status, text);
  if (strata_canvas_node_get_status (node) == STRATA_CANVAS_STATUS_FAILED)
    gtk_widget_add_css_class (GTK_WIDGET (self->status), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status), "error");
}

static GtkWidget *
add_label (GtkWidget  *box,
           const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (GTK_BOX (box), label);
  return label;
}

static void
rebuild (StrataInspector *self)
{
  StrataWorkflow *workflow = self->workbench != NULL ? strata_workbench_get_workflow (self->workbench) : NULL;
  const StrataNodeType *type = NULL;
  StrataParams *params;
  const StrataParamSpec *specs;
  g_autoptr(StrataTable) input = NULL;
  g_autofree char *title = NULL;

  g_hash_table_remove_all (self->editors);
  g_hash_table_remove_all (self->errors);
  self->status = NULL;
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  gtk_widget_set_margin_start (self->box, 12);
  gtk_widget_set_margin_end (self->box, 12);
  gtk_widget_set_margin_top (self->box, 12);
  gtk_widget_set_margin_bottom (self->box, 12);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), self->box);

  if (workflow != NULL && self->node_id != NULL)
    type = strata_workflow_get_node_type (workflow, self->node_id);
  if (type == NULL)
    {
      GtkWidget *empty = adw_status_page_new ();

      adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "preferences-system-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Node Selected"));
      adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                       _("Select a node on the canvas to edit its parameters."));
      gtk_widget_add_css_class (empty, "compact");
      gtk_widget_set_vexpand (empty, TRUE);
      gtk_box_append (GTK_BOX (self->box), empty);
      return;
    }

  title = g_strdup_printf ("%s · %s", _(type->title), self->node_id);
  add_label (self->box, title, "title-4");
  add_label (self->box, type->id, "dim-label");
  if (type->help != NULL)
    add_label (self->box, _(type->help), NULL);
  self->status = GTK_LABEL (add_label (self->box, "", "caption"));
  update_status (self);

  params = strata_workflow_get_params (workflow, self->node_id);
  specs = strata_params_get_specs (params);
  input = strata_workbench_dup_input_table (self->workbench, self->node_id);
  for (guint i = 0; specs != NULL && specs[i].name != NULL; i++)
    add_param (self, &specs[i], strata_params_get (params, specs[i].name), input);
}

static void
node_changed (StrataCanvasModel      *model,
              const char             *id,
              StrataCanvasNodeChange  change,
              StrataInspector        *self)
{
  if (g_strcmp0 (id, self->node_id) != 0)
    return;
  if ((change & STRATA_CANVAS_NODE_CHANGED_PARAMS) && !self->applying)
    rebuild (self);
  if (change & STRATA_CANVAS_NODE_CHANGED_STATUS)
    update_status (self);
}

static void
node_removed (StrataCanvasModel *model,
              const char        *id,
              StrataInspector   *self)
{
  if (g_strcmp0 (id, self->node_id) == 0)
    strata_inspector_set_node (self, self->workbench, NULL);
}

/* --- public ------------------------------------------------------------------------ */

void
strata_inspector_set_node (StrataInspector *self,
                           StrataWorkbench *workbench,
                           const char      *node_id)
{
  g_return_if_fail (STRATA_IS_INSPECTOR (self));

  if (self->workbench != workbench)
    {
      if (self->workbench != NULL)
        g_signal_handlers_disconnect_by_data (strata_workbench_get_model (self->workbench), self);
      g_set_object (&self->workbench, workbench);
      if (workbench != NULL)
        {
          StrataCanvasModel *model = strata_workbench_get_model (workbench);

          g_signal_connect (model, "node-changed", G_CALLBACK (node_changed), self);
          g_signal_connect (model, "node-removed", G_CALLBACK (node_removed), self);
        }
    }
  if (node_id != self->node_id)
    {
      g_autofree char *old = self->node_id;

      self->node_id = g_strdup (node_id);
    }
  rebuild (self);
}

const char *
strata_inspector_get_node (StrataInspector *self)
{
  g_return_val_if_fail (STRATA_IS_INSPECTOR (self), NULL);
  return self->node_id;
}

GtkWidget *
strata_inspector_get_editor (StrataInspector *self,
                             const char      *name)
{
  g_return_val_if_fail (STRATA_IS_INSPECTOR (self), NULL);
  return g_hash_table_lookup (self->editors, name);
}

const char *
strata_inspector_get_error (StrataInspector *self,
                            const char      *name)
{
  GtkWidget *label;

  g_return_val_if_fail (STRATA_IS_INSPECTOR (self), NULL);
  label = g_hash_table_lookup (self->errors, name);
  if (label == NULL || !gtk_widget_get_visible (label))
    return NULL;
  return gtk_label_get_text (GTK_LABEL (label));
}

const char *
strata_inspector_get_status (StrataInspector *self)
{
  g_return_val_if_fail (STRATA_IS_INSPECTOR (self), NULL);
  return self->status != NULL ? gtk_label_get_text (self->status) : NULL;
}

GtkWidget *
strata_inspector_new (void)
{
  return g_object_new (STRATA_TYPE_INSPECTOR, NULL);
}

static void
strata_inspector_dispose (GObject *object)
{
  StrataInspector *self = STRATA_INSPECTOR (object);

  if (self->workbench != NULL)
    g_signal_handlers_disconnect_by_data (strata_workbench_get_model (self->workbench), self);
  g_clear_object (&self->workbench);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_pointer (&self->scrolled, gtk_widget_unparent);
  g_clear_pointer (&self->node_id, g_free);
  g_clear_pointer (&self->editors, g_hash_table_unref);
  g_clear_pointer (&self->errors, g_hash_table_unref);
  G_OBJECT_CLASS (strata_inspector_parent_class)->dispose (object);
}

static void
strata_inspector_class_init (StrataInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = strata_inspector_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "strata-inspector");
}

static void
strata_inspector_init (StrataInspector *self)
{
  self->editors = g_hash_table_new (g_str_hash, g_str_equal);
  self->errors = g_hash_table_new (g_str_hash, g_str_equal);
  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_parent (self->scrolled, GTK_WIDGET (self));
  rebuild (self);
}
