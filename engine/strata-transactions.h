/* strata-transactions.h — market-basket transactions with interned items
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A StrataTransactions is an immutable, reference-counted list of
 * transactions, each a set of items. Item names are interned to dense ids
 * 0 … n_items-1, numbered in order of first appearance. Storage is one flat
 * array of item ids and one array of offsets (CSR layout):
 *
 *   items   [total_items]       guint32; transaction t is
 *                               items[offsets[t] .. offsets[t+1]),
 *                               sorted ascending, no duplicates
 *   offsets [n_transactions+1]  gsize
 *
 * Sources:
 *
 *   basket  one transaction per line, items separated by a delimiter (',' by
 *           default), read with libcsv so that quoted items may hold the
 *           delimiter; blanks around unquoted items are dropped, empty items
 *           are skipped, a repeated item counts once. Example:
 *           data/datasets/groceries.csv.
 *   FIMI    the Frequent Itemset Mining Implementations format: one
 *           transaction per line, non-negative integer item ids separated by
 *           spaces (a trailing space is allowed). Example:
 *           data/datasets/retail.dat. The item's name is its decimal id.
 *   table   every row of a StrataTable is a transaction:
 *             categorical / text value v in column c → item "c=v";
 *             numeric column holding only 0 and 1   → item "c" where 1;
 *             other numeric columns are an error (discretize them first);
 *             missing values give no item.
 *
 * Example:
 *
 *   g_autoptr(GError) error = NULL;
 *   g_autoptr(StrataTransactions) tr =
 *     strata_transactions_read_basket ("groceries.csv", ',', NULL, &error);
 *   for (gsize t = 0; t < strata_transactions_get_n_transactions (tr); t++)
 *     {
 *       gsize n;
 *       const guint32 *items = strata_transactions_get_items (tr, t, &n);
 *       …strata_transactions_get_item_name (tr, items[0])…
 *     }
 */

#pragma once

#include <gio/gio.h>

#include "strata-table.h"

G_BEGIN_DECLS

#define STRATA_TRANSACTIONS_ERROR (strata_transactions_error_quark ())

/**
 * StrataTransactionsError:
 * @STRATA_TRANSACTIONS_ERROR_SYNTAX: malformed input (an unterminated quote,
 *   a FIMI token that is not an item id); the message names file, line and
 *   column
 * @STRATA_TRANSACTIONS_ERROR_KIND: a table column cannot become items (a
 *   numeric column that is not 0/1); the message names the column and says
 *   to discretize it first
 * @STRATA_TRANSACTIONS_ERROR_TOO_BIG: more than 2^32-1 transactions or items
 *
 * I/O failures are in the G_IO_ERROR domain with the file named;
 * cancellation is G_IO_ERROR_CANCELLED.
 */
typedef enum {
  STRATA_TRANSACTIONS_ERROR_SYNTAX,
  STRATA_TRANSACTIONS_ERROR_KIND,
  STRATA_TRANSACTIONS_ERROR_TOO_BIG,
} StrataTransactionsError;

GQuark strata_transactions_error_quark (void);

typedef struct _StrataTransactions StrataTransactions;

/* --- Reading -------------------------------------------------------------- */

/* Reads a basket file: one transaction per line, items separated by
 * @delimiter (e.g. ',' or ';'; not '"'). Blank lines are skipped (libcsv
 * reports no row for them). @cancellable is polled between blocks of input.
 * Returns: (transfer full): the transactions, or NULL with @error set
 * (STRATA_TRANSACTIONS_ERROR, G_IO_ERROR). */
StrataTransactions *strata_transactions_read_basket (const char    *path,
                                                     char           delimiter,
                                                     GCancellable  *cancellable,
                                                     GError       **error);

/**
 * StrataTransactionsFormat:
 * @STRATA_TRANSACTIONS_FORMAT_BASKET: one transaction per line, delimited items
 * @STRATA_TRANSACTIONS_FORMAT_FIMI: FIMI .dat, space-separated item ids
 * @STRATA_TRANSACTIONS_FORMAT_TABLE: a CSV table (header + rows), read with
 *   strata-csv and converted by strata_transactions_new_from_table()
 */
typedef enum {
  STRATA_TRANSACTIONS_FORMAT_BASKET,
  STRATA_TRANSACTIONS_FORMAT_FIMI,
  STRATA_TRANSACTIONS_FORMAT_TABLE,
} StrataTransactionsFormat;

/* "basket", "fimi", "table" (static strings). */
const char *strata_transactions_format_to_string   (StrataTransactionsFormat  format);
/* Parses the names above; FALSE if @s is none of them. */
gboolean    strata_transactions_format_from_string (const char               *s,
                                                    StrataTransactionsFormat *format);

/**
 * strata_transactions_detect_format:
 * @path: the file
 * @delimiter: the basket / table delimiter to assume (usually ',')
 * @format: (out): the guess
 * @error: G_IO_ERROR when the file cannot be read
 *
 * The rule: a name ending in ".dat" (or ".dat.gz") is FIMI. Otherwise the
 * first 64 KiB are parsed as CSV: when there are at least two complete lines
 * and every one has the same number of fields, at least two, the file is a
 * TABLE (a header and rows, as iris.csv); else it is a BASKET (lines of
 * different lengths, as groceries.csv). A basket file whose transactions all
 * have the same length needs the format given explicitly.
 */
gboolean    strata_transactions_detect_format (const char                *path,
                                               char                       delimiter,
                                               StrataTransactionsFormat  *format,
                                               GError                   **error);

/* Reads @path in @format (see above); @delimiter is used by BASKET only
 * (TABLE sniffs its own). Returns: (transfer full) or NULL with @error set
 * (STRATA_TRANSACTIONS_ERROR, STRATA_CSV_ERROR, G_IO_ERROR). */
StrataTransactions *strata_transactions_read_file (const char                *path,
                                                   StrataTransactionsFormat   format,
                                                   char                       delimiter,
                                                   GCancellable              *cancellable,
                                                   GError                   **error);

/* Reads a FIMI .dat file (space-separated integer item ids; tabs also
 * separate). Blank lines are skipped. Returns: (transfer full) or NULL with
 * @error set (STRATA_TRANSACTIONS_ERROR_SYNTAX naming file, line and column;
 * G_IO_ERROR). */
StrataTransactions *strata_transactions_read_fimi   (const char    *path,
                                                     GCancellable  *cancellable,
                                                     GError       **error);

/* Converts a table row by row, as described at the top of this file.
 * Returns: (transfer full) or NULL with STRATA_TRANSACTIONS_ERROR_KIND
 * naming the offending column. */
StrataTransactions *strata_transactions_new_from_table (StrataTable   *table,
                                                        GError       **error);

/* Builds transactions from memory, mostly for tests: @items holds
 * @n_transactions lists, transaction t being items[offsets[t] ..
 * offsets[t+1]) (@offsets has n_transactions+1 entries), each id
 * < @n_items; duplicates are removed and each list sorted. @names holds
 * @n_items distinct names (copied), or is NULL for the names "0", "1", …
 * Returns: (transfer full); NULL only on a programmer error (an id out of
 * range, a repeated name), with a critical warning. */
StrataTransactions *strata_transactions_new (const guint32     *items,
                                             const gsize       *offsets,
                                             gsize              n_transactions,
                                             const char *const *names,
                                             guint              n_items);

StrataTransactions *strata_transactions_ref   (StrataTransactions *transactions);
void                strata_transactions_unref (StrataTransactions *transactions);

/* --- Access (all borrow; valid while the transactions live) --------------- */

gsize          strata_transactions_get_n_transactions (StrataTransactions *transactions);
/* Number of distinct items. */
guint          strata_transactions_get_n_items        (StrataTransactions *transactions);
/* Sum of all transaction lengths. */
gsize          strata_transactions_get_total_items    (StrataTransactions *transactions);
/* Transaction @t: its item ids, sorted ascending; *@n_items is its length. */
const guint32 *strata_transactions_get_items          (StrataTransactions *transactions,
                                                       gsize               t,
                                                       gsize              *n_items);
/* The name of item @item (< n_items). */
const char    *strata_transactions_get_item_name      (StrataTransactions *transactions,
                                                       guint32             item);
/* The id of the item called @name, or -1. O(1) (a hash index built with the
 * object; thread-safe). */
gint64         strata_transactions_lookup_item        (StrataTransactions *transactions,
                                                       const char         *name);
/* Approximate bytes held (items, offsets, names). */
gsize          strata_transactions_get_memory_size    (StrataTransactions *transactions);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataTransactions, strata_transactions_unref)

G_END_DECLS
