/* strata-data-grid.h — a virtualized grid showing a StrataTable
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * StrataDataGrid shows a table in a GtkColumnView: a leading row-number
 * column ("#", 1-based), then one column per table column, titled with the
 * column's name. Numeric cells are right-aligned with tabular figures;
 * missing cells read "NA" and are dimmed. Rows are created lazily (see
 * strata-table-model.h), so a 1,000,000-row table scrolls as fast as a
 * 100-row one.
 */

#pragma once

#include <gtk/gtk.h>

#include "strata-table.h"

G_BEGIN_DECLS

#define STRATA_TYPE_DATA_GRID (strata_data_grid_get_type ())
G_DECLARE_FINAL_TYPE (StrataDataGrid, strata_data_grid, STRATA, DATA_GRID, GtkWidget)

GtkWidget     *strata_data_grid_new             (void);

/* Shows @table (nullable: an empty grid). The grid takes a reference. */
void           strata_data_grid_set_table       (StrataDataGrid *self,
                                                 StrataTable    *table);
/* Transfer none; NULL when empty. */
StrataTable   *strata_data_grid_get_table       (StrataDataGrid *self);

/* The column view inside: its model has one item per table row and its
 * columns are the row-number column followed by the table's columns.
 * Transfer none; for tests and for callers that add actions. */
GtkColumnView *strata_data_grid_get_column_view (StrataDataGrid *self);

G_END_DECLS
