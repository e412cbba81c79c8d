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

/* Sorts by table column @column (-1: table order), as a click on its
 * header does; the header shows the arrow. Missing values come last. */
void           strata_data_grid_sort            (StrataDataGrid *self,
                                                 int             column,
                                                 gboolean        descending);
/* Shows only the rows where some cell contains @text (ASCII
 * case-insensitive; a cell's text as the CSV writer writes it), as typing
 * in the grid's filter entry does; NULL or "" shows every row. */
void           strata_data_grid_set_filter      (StrataDataGrid *self,
                                                 const char     *text);
/* TRUE while a worker thread sorts or filters a big table (from 100,000
 * rows on); the previous order stays shown until it ends. */
gboolean       strata_data_grid_is_busy         (StrataDataGrid *self);
/* Number of rows shown, and the table row at view position @position
 * (G_MAXSIZE when out of range). */
guint          strata_data_grid_get_n_shown     (StrataDataGrid *self);
gsize          strata_data_grid_get_row         (StrataDataGrid *self,
                                                 guint           position);

G_END_DECLS
