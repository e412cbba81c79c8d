/* strata-palette.c — the node palette
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * One GtkListBox row per node type, in the registry's order (grouped
 * already); a header function puts the group's name above the first row
 * of each group, and a filter function hides the rows the search does not
 * match (title, id or help, case-insensitively). Each row carries its type
 * id as object data and a GtkDragSource whose content is the id behind a
 * prefix, so that the canvas's drop target can tell a palette drag from
 * other text.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "strata-palette.h"
#include "strata-workbench.h"

struct _StrataPalette {
  GtkWidget       parent_instance;

  GtkWidget      *box;        /* owned: search + scrolled list */
  GtkSearchEntry *search;     /* borrowed */
  GtkListBox     *list;       /* borrowed */
  StrataRegistry *registry;   /* owned */
  char           *needle;     /* owned, casefolded search text */
};

G_DEFINE_FINAL_TYPE (StrataPalette, strata_palette, GTK_TYPE_WIDGET)

enum { NODE_CHOSEN, N_SIGNALS };
static guint signals[N_SIGNALS];

static const StrataNodeType *
row_type (GtkListBoxRow *row)
{
  return g_object_get_data (G_OBJECT (row), "strata-node-type");
}

static gboolean
filter_row (GtkListBoxRow *row,
            gpointer       user_data)
{
  StrataPalette *self = user_data;
  const StrataNodeType *type = row_type (row);
  g_autofree char *joined = NULL, *haystack = NULL;

  if (self->needle == NULL || *self->needle == '\0' || type == NULL)
    return TRUE;
  joined = g_strjoin (" ", _(type->title), type->id, type->help != NULL ? _(type->help) : "", NULL);
  haystack = g_utf8_casefold (joined, -1);
  return strstr (haystack, self->needle) != NULL;
}

static void
header_row (GtkListBoxRow *row,
            GtkListBoxRow *before,
            gpointer       user_data)
{
  const StrataNodeType *type = row_type (row);
  GtkWidget *label;

  if (before != NULL && g_strcmp0 (row_type (before)->group, type->group) == 0)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  label = gtk_label_new (strata_workbench_group_title (type->group));
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 4);
  gtk_list_box_row_set_header (row, label);
}

static GdkContentProvider *
drag_prepare (GtkDragSource *source,
              double         x,
              double         y,
              GtkListBoxRow *row)
{
  g_autofree char *payload = g_strconcat (STRATA_PALETTE_DRAG_PREFIX, row_type (row)->id, NULL);

  return gdk_content_provider_new_typed (G_TYPE_STRING, payload);
}

static GtkWidget *
make_row (const StrataNodeType *type)
{
  GtkWidget *row = adw_action_row_new ();
  GtkDragSource *source = gtk_drag_source_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (strata_workbench_group_icon (type->group));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(type->title));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), type->id);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  if (type->help != NULL)
    gtk_widget_set_tooltip_text (row, _(type->help));
  g_object_set_data (G_OBJECT (row), "strata-node-type", (gpointer) type);

  gtk_drag_source_set_actions (source, GDK_ACTION_COPY);
  g_signal_connect (source, "prepare", G_CALLBACK (drag_prepare), row);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (source));
  return row;
}

static void
row_activated (GtkListBox    *list,
               GtkListBoxRow *row,
               StrataPalette *self)
{
  g_signal_emit (self, signals[NODE_CHOSEN], 0, row_type (row)->id);
}

static void
search_changed (GtkSearchEntry *entry,
                StrataPalette  *self)
{
  g_free (self->needle);
  self->needle = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (entry)), -1);
  gtk_list_box_invalidate_filter (self->list);
}

static GtkListBoxRow *
first_visible (StrataPalette *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && gtk_widget_get_child_visible (child) &&
        filter_row (GTK_LIST_BOX_ROW (child), self))
      return GTK_LIST_BOX_ROW (child);
  return NULL;
}

static void
search_activate (GtkSearchEntry *entry,
                 StrataPalette  *self)
{
  GtkListBoxRow *row = first_visible (self);

  if (row != NULL)
    g_signal_emit (self, signals[NODE_CHOSEN], 0, row_type (row)->id);
}

/* Down in the search entry moves into the list. */
static void
search_next_match (GtkSearchEntry *entry,
                   StrataPalette  *self)
{
  GtkListBoxRow *row = first_visible (self);

  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

guint
strata_palette_count_visible (StrataPalette *self)
{
  guint n = 0;

  g_return_val_if_fail (STRATA_IS_PALETTE (self), 0);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && filter_row (GTK_LIST_BOX_ROW (child), self))
      n++;
  return n;
}

void
strata_palette_set_registry (StrataPalette  *self,
                             StrataRegistry *registry)
{
  const StrataNodeType *const *types;
  guint n_types = 0;
  GtkWidget *child;

  g_return_if_fail (STRATA_IS_PALETTE (self));
  g_return_if_fail (registry != NULL);

  if (registry == self->registry)
    return;
  strata_registry_ref (registry);
  g_clear_pointer (&self->registry, strata_registry_unref);
  self->registry = registry;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  types = strata_registry_list (registry, &n_types);
  for (guint i = 0; i < n_types; i++)
    gtk_list_box_append (self->list, make_row (types[i]));
}

GtkListBox *
strata_palette_get_list (StrataPalette *self)
{
  g_return_val_if_fail (STRATA_IS_PALETTE (self), NULL);
  return self->list;
}

GtkEditable *
strata_palette_get_search (StrataPalette *self)
{
  g_return_val_if_fail (STRATA_IS_PALETTE (self), NULL);
  return GTK_EDITABLE (self->search);
}

GtkWidget *
strata_palette_new (void)
{
  return g_object_new (STRATA_TYPE_PALETTE, NULL);
}

static void
strata_palette_dispose (GObject *object)
{
  StrataPalette *self = STRATA_PALETTE (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->registry, strata_registry_unref);
  g_clear_pointer (&self->needle, g_free);
  G_OBJECT_CLASS (strata_palette_parent_class)->dispose (object);
}

static void
strata_palette_class_init (StrataPaletteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = strata_palette_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "strata-palette");

  signals[NODE_CHOSEN] = g_signal_new ("node-chosen", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
strata_palette_init (StrataPalette *self)
{
  GtkWidget *scrolled;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->search = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  g_object_set (self->search, "placeholder-text", _("Search nodes"), NULL);
  gtk_widget_set_margin_start (GTK_WIDGET (self->search), 6);
  gtk_widget_set_margin_end (GTK_WIDGET (self->search), 6);
  gtk_widget_set_margin_top (GTK_WIDGET (self->search), 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search node types"), -1);
  g_signal_connect (self->search, "search-changed", G_CALLBACK (search_changed), self);
  g_signal_connect (self->search, "activate", G_CALLBACK (search_activate), self);
  g_signal_connect (self->search, "next-match", G_CALLBACK (search_next_match), self);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->search));

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_SINGLE);
  gtk_list_box_set_activate_on_single_click (self->list, FALSE);
  gtk_list_box_set_filter_func (self->list, filter_row, self, NULL);
  gtk_list_box_set_header_func (self->list, header_row, NULL, NULL);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Node types"), -1);
  g_signal_connect (self->list, "row-activated", G_CALLBACK (row_activated), self);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list));
  gtk_box_append (GTK_BOX (self->box), scrolled);
}
