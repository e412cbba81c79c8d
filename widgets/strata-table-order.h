/* strata-table-order.h — the rows of a table sorted and filtered for a view
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "strata-table.h"

G_BEGIN_DECLS

/**
 * strata_table_order_rows:
 * @table: the table (borrowed; columns are immutable, so this may run on a
 *   worker thread while the table is shown)
 * @column: the column to sort by, or -1 to keep the table's order
 * @descending: sort from the largest value down
 * @filter: (nullable): keep only rows where some cell contains this text,
 *   ASCII case-insensitively; a cell's text is what the CSV writer writes
 *   (strata_column_format_value()); NULL or "" keeps every row
 * @n_rows: (out): the number of rows kept
 * @cancellable: (nullable): checked every 64 Ki rows
 *
 * The row indices of @table to show, in view order. Sorting is stable
 * (ties keep the table's order); numbers compare numerically, categories
 * and texts by their bytes (strcmp); missing values come last in both
 * directions (pandas' na_position="last").
 *
 * Returns: (transfer full): @n_rows indices (g_free()), or NULL when
 *   cancelled (also when @n_rows is 0: then a valid empty g_new0 array).
 */
guint32 *strata_table_order_rows (StrataTable  *table,
                                  int           column,
                                  gboolean      descending,
                                  const char   *filter,
                                  gsize        *n_rows,
                                  GCancellable *cancellable);

G_END_DECLS
