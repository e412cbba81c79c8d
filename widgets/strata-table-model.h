/* strata-table-model.h — a StrataTable's rows as a lazy GListModel
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * StrataTableModel exposes the n_rows rows of a table as a GListModel of
 * StrataTableRow items for GtkColumnView. Items are made on demand by
 * g_list_model_get_item() and hold only their row index, so a
 * 1,000,000-row table costs no memory here: the view keeps items for the
 * rows it shows and drops them as it scrolls.
 */

#pragma once

#include <gio/gio.h>

#include "strata-table.h"

G_BEGIN_DECLS

#define STRATA_TYPE_TABLE_ROW (strata_table_row_get_type ())
G_DECLARE_FINAL_TYPE (StrataTableRow, strata_table_row, STRATA, TABLE_ROW, GObject)

/* The row's index in its table, 0-based. */
gsize strata_table_row_get_index (StrataTableRow *row);

#define STRATA_TYPE_TABLE_MODEL (strata_table_model_get_type ())
G_DECLARE_FINAL_TYPE (StrataTableModel, strata_table_model, STRATA, TABLE_MODEL, GObject)

/* A model of @table's rows; takes a reference to @table (nullable: an empty
 * model). Transfer full. */
StrataTableModel *strata_table_model_new       (StrataTable      *table);
/* Transfer none; NULL for an empty model. */
StrataTable      *strata_table_model_get_table (StrataTableModel *self);

G_END_DECLS
