/* strata-layer-editor.c — edit a network's layer stack
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * The editor owns the stack as a JsonArray of layer objects and shows one
 * list row per layer: its index and type, move up / move down / remove
 * buttons, and one editor per parameter the type declares in `fields[]`
 * (the engine's names and ranges, strata-layer-*.c). A structural edit
 * (add, remove, move, preset) changes the array and rebuilds the rows; a
 * parameter edit changes one member of one object in place and leaves the
 * rows alone, so the spin button being typed into keeps its focus. Both
 * check the stack again (the result shows above the list) and emit ::changed; the owner (the inspector)
 * writes the array to the workflow through the canvas's undo stack.
 *
 * The check is the engine's own: {"input": shape, "layers": stack} goes to
 * strata_network_new(), whose messages name the layer index, type and
 * parameter, the same index the rows show.
 *
 * Drag and drop: each row is a drag source carrying its index (a guint) and
 * a drop target; dropping row i on row j moves layer i to position j (in
 * an idle callback: the move rebuilds the rows, drop target included).
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "strata-layer-editor.h"
#include "strata-network.h"

struct _StrataLayerEditor {
  GtkWidget   parent_instance;

  GtkWidget  *box;         /* owned (child) */
  GtkWidget  *list;        /* borrowed: GtkListBox of the layers */
  GtkWidget  *status;      /* borrowed: output shape or the engine's error */
  JsonArray  *layers;      /* owned */
  gsize       dims[4];
  guint       n_dims;
  char       *error;       /* owned, or NULL */
  char       *last_key;    /* owned: the key of the last value edit */
  guint       last_index;  /* its layer */
};

G_DEFINE_FINAL_TYPE (StrataLayerEditor, strata_layer_editor, GTK_TYPE_WIDGET)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* --- what each type's parameters are -------------------------------------------- */

typedef enum { FIELD_INT, FIELD_DOUBLE, FIELD_BOOL } FieldKind;

typedef struct {
  const char *type;        /* layer type */
  const char *key;         /* parameter name (docs/nn.md) */
  FieldKind   kind;
  double      min, max, step, fallback;
  gboolean    required;    /* written when the layer is added */
} Field;

#define POOL_FIELDS(t) \
  { t, "kernel_size", FIELD_INT, 1, 1024, 1, 2, TRUE }, \
  { t, "stride", FIELD_INT, 1, 1024, 1, -1, FALSE }, /* -1: kernel_size */ \
  { t, "padding", FIELD_INT, 0, 512, 1, 0, FALSE }

static const Field fields[] = {
  { "dense", "out_features", FIELD_INT, 1, 1 << 24, 1, 64, TRUE },
  { "dense", "bias", FIELD_BOOL, 0, 1, 1, 1, FALSE },
  { "conv2d", "out_channels", FIELD_INT, 1, 1 << 16, 1, 8, TRUE },
  { "conv2d", "kernel_size", FIELD_INT, 1, 1024, 1, 3, TRUE },
  { "conv2d", "stride", FIELD_INT, 1, 1024, 1, 1, FALSE },
  { "conv2d", "padding", FIELD_INT, 0, 1024, 1, 0, FALSE },
  { "conv2d", "bias", FIELD_BOOL, 0, 1, 1, 1, FALSE },
  POOL_FIELDS ("maxpool2d"),
  POOL_FIELDS ("avgpool2d"),
  { "dropout", "p", FIELD_DOUBLE, 0, 0.99, 0.05, 0.5, FALSE },
  { "leaky_relu", "negative_slope", FIELD_DOUBLE, 0, 1, 0.01, 0.01, FALSE },
  { "lstm", "hidden_size", FIELD_INT, 1, 1 << 16, 1, 32, TRUE },
  { "lstm", "return_sequences", FIELD_BOOL, 0, 1, 1, 0, FALSE },
};

/* The add menu, in the order of docs/nn.md's layer reference. */
static const char *const menu_types[] = {
  "dense", "conv2d", "maxpool2d", "avgpool2d", "flatten", "dropout", "lstm",
  "relu", "leaky_relu", "tanh", "sigmoid", "softmax", NULL,
};

static const struct {
  const char *name;
  const char *title;
  const char *json;
} presets[] = {
  { STRATA_LAYER_PRESET_LENET5, N_("LeNet-5 (images 1×28×28)"),
    "[{\"type\": \"conv2d\", \"out_channels\": 6, \"kernel_size\": 5, \"padding\": 2}, {\"type\": \"relu\"},"
    " {\"type\": \"maxpool2d\", \"kernel_size\": 2},"
    " {\"type\": \"conv2d\", \"out_channels\": 16, \"kernel_size\": 5}, {\"type\": \"relu\"},"
    " {\"type\": \"maxpool2d\", \"kernel_size\": 2}, {\"type\": \"flatten\"},"
    " {\"type\": \"dense\", \"out_features\": 120}, {\"type\": \"relu\"},"
    " {\"type\": \"dense\", \"out_features\": 84}, {\"type\": \"relu\"}]" },
  { STRATA_LAYER_PRESET_MLP, N_("MLP (784-256-128-10)"),
    "[{\"type\": \"dense\", \"out_features\": 256}, {\"type\": \"relu\"},"
    " {\"type\": \"dense\", \"out_features\": 128}, {\"type\": \"relu\"}]" },
  { STRATA_LAYER_PRESET_LSTM, N_("LSTM (32 units → 1 output)"),
    "[{\"type\": \"lstm\", \"hidden_size\": 32}]" },
};

/* --- checking -------------------------------------------------------------------- */

static JsonObject *
layer_at (StrataLayerEditor *self,
          guint              index)
{
  JsonNode *node = index < json_array_get_length (self->layers)
                     ? json_array_get_element (self->layers, index) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static const char *
layer_type (JsonObject *layer)
{
  const char *type = layer != NULL ? json_object_get_string_member_with_default (layer, "type", NULL) : NULL;

  return type != NULL ? type : "?";
}

static void
check (StrataLayerEditor *self)
{
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(JsonNode) description = NULL;
  g_autoptr(GError) error = NULL;
  StrataNetwork *network;
  g_autofree char *text = NULL;

  g_clear_pointer (&self->error, g_free);
  gtk_widget_remove_css_class (self->status, "error");
  if (self->n_dims == 0 || json_array_get_length (self->layers) == 0)
    {
      gtk_label_set_text (GTK_LABEL (self->status),
                          json_array_get_length (self->layers) == 0
                            ? _("No hidden layers: the output layer alone")
                            : _("The input shape is not known yet: the shapes are checked when the node runs"));
      return;
    }

  b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "input");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->n_dims; i++)
    json_builder_add_int_value (b, (gint64) self->dims[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "layers");
  json_builder_add_value (b, json_node_init_array (json_node_alloc (), self->layers));
  json_builder_end_object (b);
  description = json_builder_get_root (b);

  network = strata_network_new (description, &error);
  if (network == NULL)
    {
      self->error = g_strdup (error->message);
      gtk_label_set_text (GTK_LABEL (self->status), self->error);
      gtk_widget_add_css_class (self->status, "error");
      return;
    }
  {
    g_autofree char *shape = strata_shape_to_string (strata_network_get_output_shape (network));

    text = g_strdup_printf (_("Output %s per sample, %" G_GSIZE_FORMAT " weights (before the output layer)"),
                            shape, strata_network_get_n_weights (network));
  }
  strata_network_unref (network);
  gtk_label_set_text (GTK_LABEL (self->status), text);
}

static void
changed (StrataLayerEditor *self,
         gboolean           coalesce)
{
  check (self);
  g_signal_emit (self, signals[CHANGED], 0, coalesce);
}

/* --- rows ------------------------------------------------------------------------ */

static void rebuild (StrataLayerEditor *self);

static guint
widget_index (gpointer widget)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), "strata-layer-index"));
}

static void
set_index (gpointer widget,
           guint    index)
{
  g_object_set_data (G_OBJECT (widget), "strata-layer-index", GUINT_TO_POINTER (index));
}

static void
spin_changed (GtkSpinButton     *spin,
              StrataLayerEditor *self)
{
  const Field *field = g_object_get_data (G_OBJECT (spin), "strata-field");
  JsonNode *value = json_node_new (JSON_NODE_VALUE);

  if (field->kind == FIELD_INT)
    json_node_set_int (value, (gint64) llround (gtk_spin_button_get_value (spin)));
  else
    json_node_set_double (value, gtk_spin_button_get_value (spin));
  strata_layer_editor_set_value (self, widget_index (spin), field->key, value);
  json_node_unref (value);
}

static void
switch_changed (GtkSwitch         *sw,
                GParamSpec        *pspec,
                StrataLayerEditor *self)
{
  const Field *field = g_object_get_data (G_OBJECT (sw), "strata-field");
  JsonNode *value = json_node_new (JSON_NODE_VALUE);

  json_node_set_boolean (value, gtk_switch_get_active (sw));
  strata_layer_editor_set_value (self, widget_index (sw), field->key, value);
  json_node_unref (value);
}

/* Adds @field's label and editor as row @row of @grid. */
static void
field_editor (StrataLayerEditor *self,
              JsonObject        *layer,
              guint              index,
              const Field       *field,
              GtkGrid           *grid,
              int                row)
{
  JsonNode *member = json_object_get_member (layer, field->key);
  GtkWidget *label = gtk_label_new (field->key);
  GtkWidget *editor;

  gtk_widget_add_css_class (label, "caption");
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_grid_attach (grid, label, 0, row, 1, 1);
  if (field->kind == FIELD_BOOL)
    {
      gboolean on = member != NULL && JSON_NODE_HOLDS_VALUE (member)
                      ? json_node_get_boolean (member) : field->fallback != 0;

      editor = gtk_switch_new ();
      gtk_switch_set_active (GTK_SWITCH (editor), on);
      gtk_widget_set_valign (editor, GTK_ALIGN_CENTER);
      g_signal_connect (editor, "notify::active", G_CALLBACK (switch_changed), self);
    }
  else
    {
      double value = field->fallback;

      if (member != NULL && JSON_NODE_HOLDS_VALUE (member))
        value = json_node_get_double (member);
      else if (value < 0)  /* a pool's stride defaults to its kernel_size */
        value = (double) json_object_get_int_member_with_default (layer, "kernel_size", 2);
      editor = gtk_spin_button_new_with_range (field->min, field->max, field->step);
      gtk_editable_set_width_chars (GTK_EDITABLE (editor), 6);
      if (field->kind == FIELD_DOUBLE)
        gtk_spin_button_set_digits (GTK_SPIN_BUTTON (editor), 2);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (editor), value);
      g_signal_connect (editor, "value-changed", G_CALLBACK (spin_changed), self);
    }
  g_object_set_data (G_OBJECT (editor), "strata-field", (gpointer) field);
  g_object_set_data_full (G_OBJECT (editor), "strata-layer-key", g_strdup (field->key), g_free);
  set_index (editor, index);
  {
    g_autofree char *name = g_strdup_printf (_("Layer %u %s"), index, field->key);

    gtk_accessible_update_property (GTK_ACCESSIBLE (editor), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  }
  gtk_widget_set_halign (editor, GTK_ALIGN_START);
  gtk_grid_attach (grid, editor, 1, row, 1, 1);
}

static void
button_clicked (GtkButton         *button,
                StrataLayerEditor *self)
{
  const char *what = g_object_get_data (G_OBJECT (button), "strata-layer-action");
  guint index = widget_index (button);
  guint n = json_array_get_length (self->layers);

  if (g_str_equal (what, "remove"))
    strata_layer_editor_remove_layer (self, index);
  else if (g_str_equal (what, "up") && index > 0)
    strata_layer_editor_move_layer (self, index, index - 1);
  else if (g_str_equal (what, "down") && index + 1 < n)
    strata_layer_editor_move_layer (self, index, index + 1);
}

static GtkWidget *
row_button (StrataLayerEditor *self,
            guint              index,
            const char        *icon,
            const char        *action,
            const char        *tooltip,
            gboolean           sensitive)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_sensitive (button, sensitive);
  g_object_set_data (G_OBJECT (button), "strata-layer-action", (gpointer) action);
  set_index (button, index);
  g_signal_connect (button, "clicked", G_CALLBACK (button_clicked), self);
  return button;
}

static GdkContentProvider *
drag_prepare (GtkDragSource *source,
              double         x,
              double         y,
              gpointer       row)
{
  return gdk_content_provider_new_typed (G_TYPE_UINT, widget_index (row));
}

typedef struct {
  StrataLayerEditor *editor;   /* owned */
  guint              from, to;
} PendingMove;

static gboolean
apply_pending_move (gpointer data)
{
  PendingMove *move = data;

  if (move->editor->layers != NULL   /* NULL once disposed */
      && move->from < json_array_get_length (move->editor->layers)
      && move->to < json_array_get_length (move->editor->layers))
    strata_layer_editor_move_layer (move->editor, move->from, move->to);
  g_object_unref (move->editor);
  g_free (move);
  return G_SOURCE_REMOVE;
}

static gboolean
drop_on_row (GtkDropTarget     *target,
             const GValue      *value,
             double             x,
             double             y,
             StrataLayerEditor *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  guint from = g_value_get_uint (value), to = widget_index (row);

  if (from >= json_array_get_length (self->layers) || from == to)
    return FALSE;
  /* Not now: moving rebuilds the rows, and this row's drop target is still
   * finishing the drop. */
  {
    PendingMove *move = g_new (PendingMove, 1);

    move->editor = g_object_ref (self);
    move->from = from;
    move->to = to;
    g_idle_add_full (G_PRIORITY_HIGH_IDLE, apply_pending_move, move, NULL);
  }
  return TRUE;
}

static GtkWidget *
make_row (StrataLayerEditor *self,
          guint              index)
{
  JsonObject *layer = layer_at (self, index);
  const char *type = layer_type (layer);
  guint n = json_array_get_length (self->layers);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *grid = gtk_grid_new ();
  g_autofree char *title = g_strdup_printf ("%u  %s", index, type);
  GtkWidget *label = gtk_label_new (title);
  GtkDragSource *source = gtk_drag_source_new ();
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_UINT, GDK_ACTION_MOVE);
  guint n_fields = 0;

  set_index (row, index);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 3);
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (header), label);
  gtk_box_append (GTK_BOX (header), row_button (self, index, "go-up-symbolic", "up",
                                                _("Move Up"), index > 0));
  gtk_box_append (GTK_BOX (header), row_button (self, index, "go-down-symbolic", "down",
                                                _("Move Down"), index + 1 < n));
  gtk_box_append (GTK_BOX (header), row_button (self, index, "list-remove-symbolic", "remove",
                                                _("Remove Layer"), TRUE));
  gtk_box_append (GTK_BOX (box), header);

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 3);
  gtk_widget_set_margin_bottom (grid, 3);
  for (guint i = 0; layer != NULL && i < G_N_ELEMENTS (fields); i++)
    if (g_str_equal (fields[i].type, type))
      field_editor (self, layer, index, &fields[i], GTK_GRID (grid), (int) n_fields++);
  if (n_fields > 0)
    gtk_box_append (GTK_BOX (box), grid);
  else
    {
      g_object_ref_sink (grid);
      g_object_unref (grid);
    }
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (drag_prepare), row);
  gtk_widget_add_controller (header, GTK_EVENT_CONTROLLER (source));
  g_signal_connect (target, "drop", G_CALLBACK (drop_on_row), self);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (target));
  {
    g_autofree char *name = g_strdup_printf (_("Layer %u: %s"), index, type);

    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  }
  return row;
}

static void
rebuild (StrataLayerEditor *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->list), child);
  for (guint i = 0; i < json_array_get_length (self->layers); i++)
    gtk_list_box_append (GTK_LIST_BOX (self->list), make_row (self, i));
  gtk_widget_set_visible (self->list, json_array_get_length (self->layers) > 0);
  g_clear_pointer (&self->last_key, g_free);
}

/* --- public ---------------------------------------------------------------------- */

GtkWidget *
strata_layer_editor_new (void)
{
  return g_object_new (STRATA_TYPE_LAYER_EDITOR, NULL);
}

void
strata_layer_editor_set_layers (StrataLayerEditor *self,
                                JsonNode          *layers)
{
  g_return_if_fail (STRATA_IS_LAYER_EDITOR (self));

  g_clear_pointer (&self->layers, json_array_unref);
  if (layers != NULL && JSON_NODE_HOLDS_ARRAY (layers))
    {
      g_autoptr(JsonNode) copy = json_node_copy (layers);

      self->layers = json_array_ref (json_node_get_array (copy));
    }
  else
    self->layers = json_array_new ();
  rebuild (self);
  check (self);
}

JsonNode *
strata_layer_editor_dup_layers (StrataLayerEditor *self)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (STRATA_IS_LAYER_EDITOR (self), NULL);
  node = json_node_init_array (json_node_alloc (), self->layers);
  return json_node_copy (node);
}

void
strata_layer_editor_set_input_shape (StrataLayerEditor *self,
                                     const gsize       *dims,
                                     guint              n_dims)
{
  g_return_if_fail (STRATA_IS_LAYER_EDITOR (self));

  self->n_dims = MIN (n_dims, G_N_ELEMENTS (self->dims));
  for (guint i = 0; i < self->n_dims; i++)
    self->dims[i] = dims[i];
  check (self);
}

const char *
strata_layer_editor_get_error (StrataLayerEditor *self)
{
  g_return_val_if_fail (STRATA_IS_LAYER_EDITOR (self), NULL);
  return self->error;
}

guint
strata_layer_editor_get_n_layers (StrataLayerEditor *self)
{
  g_return_val_if_fail (STRATA_IS_LAYER_EDITOR (self), 0);
  return json_array_get_length (self->layers);
}

void
strata_layer_editor_add_layer (StrataLayerEditor *self,
                               const char        *type)
{
  JsonObject *layer;

  g_return_if_fail (STRATA_IS_LAYER_EDITOR (self));
  g_return_if_fail (type != NULL);

  layer = json_object_new ();
  json_object_set_string_member (layer, "type", type);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (fields[i].required && g_str_equal (fields[i].type, type))
      json_object_set_int_member (layer, fields[i].key, (gint64) fields[i].fallback);
  json_array_add_object_element (self->layers, layer);
  rebuild (self);
  changed (self, FALSE);
}

void
strata_layer_editor_remove_layer (StrataLayerEditor *self,
                                  guint              index)
{
  g_return_if_fail (STRATA_IS_LAYER_EDITOR (self));
  g_return_if_fail (index < json_array_get_length (self->layers));

  json_array_remove_element (self->layers, index);
  rebuild (self);
  changed (self, FALSE);
}

void
strata_layer_editor_move_layer (StrataLayerEditor *self,
                                guint              from,
                                guint              to)
{
  guint n;
  g_autoptr(JsonArray) moved = NULL;
  g_autoptr(JsonNode) node = NULL;

  g_return_if_fail (STRATA_IS_LAYER_EDITOR (self));
  n = json_array_get_length (self->layers);
  g_return_if_fail (from < n && to < n);
  if (from == to)
    return;

  /* JsonArray has no insert: copy it in the new order. */
  node = json_node_copy (json_array_get_element (self->layers, from));
  moved = json_array_sized_new (n);
  for (guint i = 0, k = 0; k < n; k++)
    {
      if (k == to)
        json_array_add_element (moved, json_node_copy (node));
      else
        {
          if (i == from)
            i++;
          json_array_add_element (moved, json_node_copy (json_array_get_element (self->layers, i++)));
        }
    }
  g_clear_pointer (&self->layers, json_array_unref);
  self->layers = g_steal_pointer (&moved);
  rebuild (self);
  changed (self, FALSE);
}

/* A copy of a number or boolean that shares nothing with @value
 * (json_node_copy() shares a value node's storage, which the caller may
 * change afterwards). */
static JsonNode *
fresh_value (JsonNode *value)
{
  JsonNode *copy;

  if (!JSON_NODE_HOLDS_VALUE (value))
    return json_node_copy (value);
  copy = json_node_new (JSON_NODE_VALUE);
  switch (json_node_get_value_type (value) == G_TYPE_INT64 ? 0
          : json_node_get_value_type (value) == G_TYPE_BOOLEAN ? 1
          : json_node_get_value_type (value) == G_TYPE_STRING ? 2 : 3)
    {
    case 0:
      json_node_set_int (copy, json_node_get_int (value));
      break;
    case 1:
      json_node_set_boolean (copy, json_node_get_boolean (value));
      break;
    case 2:
      json_node_set_string (copy, json_node_get_string (value));
      break;
    default:
      json_node_set_double (copy, json_node_get_double (value));
      break;
    }
  return copy;
}

void
strata_layer_editor_set_value (StrataLayerEditor *self,
                               guint              index,
                               const char        *key,
                               JsonNode          *value)
{
  JsonObject *layer;
  gboolean coalesce;

  g_return_if_fail (STRATA_IS_LAYER_EDITOR (self));
  g_return_if_fail (key != NULL && value != NULL);
  layer = layer_at (self, index);
  g_return_if_fail (layer != NULL);

  json_object_set_member (layer, key, fresh_value (value));
  coalesce = self->last_key != NULL && g_str_equal (self->last_key, key) && self->last_index == index;
  g_free (self->last_key);
  self->last_key = g_strdup (key);
  self->last_index = index;
  changed (self, coalesce);
}

JsonNode *
strata_layer_editor_dup_preset (const char *name)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (presets); i++)
    if (g_str_equal (presets[i].name, name))
      return json_from_string (presets[i].json, NULL);
  return NULL;
}

gboolean
strata_layer_editor_apply_preset (StrataLayerEditor *self,
                                  const char        *name)
{
  g_autoptr(JsonNode) preset = strata_layer_editor_dup_preset (name);

  g_return_val_if_fail (STRATA_IS_LAYER_EDITOR (self), FALSE);
  if (preset == NULL)
    return FALSE;
  g_clear_pointer (&self->layers, json_array_unref);
  self->layers = json_array_ref (json_node_get_array (preset));
  rebuild (self);
  changed (self, FALSE);
  return TRUE;
}

/* --- GObject --------------------------------------------------------------------- */

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  strata_layer_editor_add_layer (STRATA_LAYER_EDITOR (widget), g_variant_get_string (parameter, NULL));
}

static void
preset_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  strata_layer_editor_apply_preset (STRATA_LAYER_EDITOR (widget), g_variant_get_string (parameter, NULL));
}

static GtkWidget *
menu_button (const char *label,
             const char *tooltip,
             GMenu      *menu)
{
  GtkWidget *button = gtk_menu_button_new ();

  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), label);
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_widget_set_tooltip_text (button, tooltip);
  return button;
}

static void
strata_layer_editor_dispose (GObject *object)
{
  StrataLayerEditor *self = STRATA_LAYER_EDITOR (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->layers, json_array_unref);
  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->last_key, g_free);
  G_OBJECT_CLASS (strata_layer_editor_parent_class)->dispose (object);
}

static void
strata_layer_editor_class_init (StrataLayerEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = strata_layer_editor_dispose;
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
  gtk_widget_class_install_action (widget_class, "layers.add", "s", add_action);
  gtk_widget_class_install_action (widget_class, "layers.preset", "s", preset_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
strata_layer_editor_init (StrataLayerEditor *self)
{
  g_autoptr(GMenu) add = g_menu_new ();
  g_autoptr(GMenu) preset = g_menu_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  for (guint i = 0; menu_types[i] != NULL; i++)
    {
      g_autofree char *action = g_strdup_printf ("layers.add::%s", menu_types[i]);

      g_menu_append (add, menu_types[i], action);
    }
  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    {
      g_autofree char *action = g_strdup_printf ("layers.preset::%s", presets[i].name);

      g_menu_append (preset, _(presets[i].title), action);
    }

  self->layers = json_array_new ();
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  gtk_box_append (GTK_BOX (buttons), menu_button (_("Add Layer"), _("Append a layer"), add));
  gtk_box_append (GTK_BOX (buttons), menu_button (_("Presets"), _("Replace the stack by a known architecture"),
                                                  preset));
  gtk_box_append (GTK_BOX (self->box), buttons);

  self->status = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->status), 0.0);
  gtk_label_set_wrap (GTK_LABEL (self->status), TRUE);
  gtk_widget_add_css_class (self->status, "caption");
  gtk_box_append (GTK_BOX (self->box), self->status);

  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->list, "boxed-list");
  gtk_box_append (GTK_BOX (self->box), self->list);
  rebuild (self);
  check (self);
}
