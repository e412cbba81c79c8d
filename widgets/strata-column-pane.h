/* strata-column-pane.h — a side pane describing each column of a table
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * StrataColumnPane lists a table's columns, one expandable row each: the
 * title is the column's name, the subtitle its kind and missing count
 * ("Numeric · 3 missing"), and the expanded row its statistics from
 * strata_column_compute_stats() (count, mean, standard deviation, min, max
 * and distinct values for numeric columns; distinct and most frequent
 * values for the others). Statistics are computed on a worker thread; the
 * "busy" property is TRUE until they are shown.
 */

#pragma once

#include <gtk/gtk.h>

#include "strata-table.h"

G_BEGIN_DECLS

#define STRATA_TYPE_COLUMN_PANE (strata_column_pane_get_type ())
G_DECLARE_FINAL_TYPE (StrataColumnPane, strata_column_pane, STRATA, COLUMN_PANE, GtkWidget)

GtkWidget   *strata_column_pane_new       (void);

/* Lists @table's columns (nullable: an empty pane) and starts computing
 * their statistics, cancelling any computation for a previous table. The
 * pane takes a reference. */
void         strata_column_pane_set_table (StrataColumnPane *self,
                                           StrataTable      *table);
StrataTable *strata_column_pane_get_table (StrataColumnPane *self);

/* TRUE while statistics are being computed. */
gboolean     strata_column_pane_get_busy  (StrataColumnPane *self);

/* The list of rows, one AdwExpanderRow per column, in table order.
 * Transfer none; for tests. */
GtkListBox  *strata_column_pane_get_list  (StrataColumnPane *self);

/* The translated name of @kind as the pane shows it ("Numeric", …).
 * Static string. */
const char  *strata_column_pane_kind_label (StrataColumnKind kind);

G_END_DECLS
