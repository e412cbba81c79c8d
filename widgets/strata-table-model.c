/* strata-table-model.c — a StrataTable's rows as a lazy GListModel
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * GtkListItemManager asks for items only for the rows it realizes (about a
 * screenful plus a margin) and releases them when they scroll away, so
 * get_item() builds a fresh two-word StrataTableRow every time and caches
 * nothing. The table is immutable, so the model never emits
 * items-changed; showing another table means a new model.
 */

#include "strata-table-model.h"

struct _StrataTableRow {
  GObject parent_instance;
  gsize   index;
};

G_DEFINE_FINAL_TYPE (StrataTableRow, strata_table_row, G_TYPE_OBJECT)

static void
strata_table_row_class_init (StrataTableRowClass *klass)
{
}

static void
strata_table_row_init (StrataTableRow *self)
{
}

gsize
strata_table_row_get_index (StrataTableRow *row)
{
  g_return_val_if_fail (STRATA_IS_TABLE_ROW (row), 0);
  return row->index;
}

struct _StrataTableModel {
  GObject      parent_instance;
  StrataTable *table;   /* owned, nullable */
};

static GType
strata_table_model_get_item_type (GListModel *model)
{
  return STRATA_TYPE_TABLE_ROW;
}

static guint
strata_table_model_get_n_items (GListModel *model)
{
  StrataTableModel *self = STRATA_TABLE_MODEL (model);

  if (self->table == NULL)
    return 0;
  /* GListModel counts in guint; tables that large cannot be shown. */
  return (guint) MIN (strata_table_get_n_rows (self->table), G_MAXUINT);
}

static gpointer
strata_table_model_get_item (GListModel *model,
                             guint       position)
{
  StrataTableRow *row;

  if (position >= strata_table_model_get_n_items (model))
    return NULL;
  row = g_object_new (STRATA_TYPE_TABLE_ROW, NULL);
  row->index = position;
  return row;
}

static void
strata_table_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = strata_table_model_get_item_type;
  iface->get_n_items = strata_table_model_get_n_items;
  iface->get_item = strata_table_model_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (StrataTableModel, strata_table_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      strata_table_model_list_model_init))

static void
strata_table_model_finalize (GObject *object)
{
  StrataTableModel *self = STRATA_TABLE_MODEL (object);

  g_clear_pointer (&self->table, strata_table_unref);
  G_OBJECT_CLASS (strata_table_model_parent_class)->finalize (object);
}

static void
strata_table_model_class_init (StrataTableModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = strata_table_model_finalize;
}

static void
strata_table_model_init (StrataTableModel *self)
{
}

StrataTableModel *
strata_table_model_new (StrataTable *table)
{
  StrataTableModel *self = g_object_new (STRATA_TYPE_TABLE_MODEL, NULL);

  if (table != NULL)
    self->table = strata_table_ref (table);
  return self;
}

StrataTable *
strata_table_model_get_table (StrataTableModel *self)
{
  g_return_val_if_fail (STRATA_IS_TABLE_MODEL (self), NULL);
  return self->table;
}
