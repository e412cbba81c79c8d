/* strata-csv.h — streaming CSV reader and RFC 4180 writer
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reader is built on libcsv and streams: it never holds the whole file
 * text, only the table it builds. It sniffs the delimiter (',' ';' TAB '|'),
 * detects a header row, accepts quoted fields with embedded delimiters,
 * doubled quotes and newlines, CRLF / LF / CR line ends and a UTF-8 BOM.
 * Blank lines are skipped; blanks around unquoted fields are trimmed.
 * Invalid UTF-8 is decoded as Windows-1252 with a warning. Missing-value
 * tokens are the empty field, "NA", "N/A", "NaN", "null" and "?" (exact,
 * case-sensitive) unless the options give others. Each column's kind is
 * inferred (numeric, then categorical when values repeat enough, else text)
 * unless overridden. docs/csv.md gives every rule in full.
 *
 * Delimiter: the candidate whose count outside quotes is the same on most of
 * the first 50 lines (ties: the larger count, then the order above).
 *
 * Header (STRATA_CSV_HEADER_AUTO): the first row is a header unless one of
 * its fields is missing or a number or two are equal; otherwise the first
 * 100 rows vote per column (numeric below: for; all values one length that
 * the name has not: for, that it has: against; the name repeated below:
 * against) and a tie is a header. Without a header columns are "1", "2", …;
 * an empty name becomes its column number and a repeated one gets ".1",
 * ".2", … as in pandas.
 *
 * Kinds: NUMERIC when every non-missing value is a decimal number
 * ([+-] digits [. digits] [e [+-] digits], or "inf"/"infinity"); a column
 * with no values at all is NUMERIC. Otherwise CATEGORICAL when it has at most
 * 20 distinct values or at most max_categorical_fraction of its non-missing
 * rows, else TEXT. Numbers are converted exactly (correctly rounded). A
 * column that turns out not to be numeric after many rows keeps the exact
 * text of its earlier values.
 *
 * Example:
 *
 *   g_autoptr(GError) error = NULL;
 *   g_autoptr(StrataTable) t =
 *     strata_csv_read_file ("iris.csv", NULL, NULL, NULL, NULL, NULL, &error);
 */

#pragma once

#include <gio/gio.h>

#include "strata-table.h"

G_BEGIN_DECLS

#define STRATA_CSV_ERROR (strata_csv_error_quark ())

/**
 * StrataCsvError:
 * @STRATA_CSV_ERROR_EMPTY: the file holds no data (no header, no rows)
 * @STRATA_CSV_ERROR_SYNTAX: malformed CSV, e.g. an unterminated quote; the
 *   message names file, line and column
 * @STRATA_CSV_ERROR_RAGGED: a row has more fields than the header; the
 *   message names file and line
 * @STRATA_CSV_ERROR_TYPE: a value does not fit a column kind forced by the
 *   options; the message names file, line and column
 * @STRATA_CSV_ERROR_OPTIONS: the options are inconsistent (e.g. an override
 *   names a column the file does not have)
 *
 * I/O failures are reported in the G_IO_ERROR domain (file named in the
 * message); cancellation is G_IO_ERROR_CANCELLED.
 */
typedef enum {
  STRATA_CSV_ERROR_EMPTY,
  STRATA_CSV_ERROR_SYNTAX,
  STRATA_CSV_ERROR_RAGGED,
  STRATA_CSV_ERROR_TYPE,
  STRATA_CSV_ERROR_OPTIONS,
} StrataCsvError;

GQuark strata_csv_error_quark (void);

typedef enum {
  STRATA_CSV_HEADER_AUTO,     /* guess from the first rows (default) */
  STRATA_CSV_HEADER_PRESENT,
  STRATA_CSV_HEADER_ABSENT,   /* columns are named "1", "2", … */
} StrataCsvHeader;

/* A forced kind for one column, named by header name. */
typedef struct {
  const char       *column;
  StrataColumnKind  kind;
} StrataCsvOverride;

/**
 * StrataCsvOptions:
 *
 * Initialise with strata_csv_options_init(); every field then holds its
 * default and may be changed. Strings are borrowed for the call.
 */
typedef struct {
  char                     delimiter;       /* 0 = sniff (default) */
  StrataCsvHeader          header;          /* default AUTO */
  const char *const       *missing_tokens;  /* NULL-terminated; NULL = defaults */
  const StrataCsvOverride *overrides;       /* [n_overrides] */
  guint                    n_overrides;
  /* Non-numeric columns become categorical when they have at most this
   * fraction of distinct values among their non-missing rows (default 0.5)
   * or at most 20 distinct values; otherwise text. */
  double                   max_categorical_fraction;
  /* Read every column as TEXT, without inference (overrides still apply).
   * Default FALSE. */
  gboolean                 all_text;
} StrataCsvOptions;

void strata_csv_options_init (StrataCsvOptions *options);

/* Called at most a few hundred times per file, from the reading thread. */
typedef void (*StrataCsvProgressFunc) (guint64  bytes_done,
                                       guint64  bytes_total,
                                       gpointer user_data);

/**
 * strata_csv_read_file:
 * @path: file to read (plain, or gzip when it ends in ".gz")
 * @options: (nullable): reader options, NULL for defaults
 * @progress: (nullable): progress callback
 * @user_data: data for @progress
 * @cancellable: (nullable): polled between blocks of input
 * @warnings: (out) (optional) (transfer full): non-fatal problems (invalid
 *   UTF-8 decoded as Windows-1252, short rows padded with missing values),
 *   each a string naming file and line (the first 5 of each kind, then one
 *   line counting the rest); NULL is stored when there are none
 * @error: STRATA_CSV_ERROR, G_IO_ERROR
 *
 * Reads a whole file into a new table. A row with fewer fields than the
 * header is padded with missing values (a warning); a row with more fields is
 * a STRATA_CSV_ERROR_RAGGED error naming the line. Progress is reported in
 * bytes of the file (compressed bytes for ".gz"), once per 1 MiB block
 * but at most once per half percent (about 200 times). Memory: the table plus a few MB (one 1 MiB block, the dictionaries
 * of non-numeric columns, 100 sample rows).
 *
 * Returns: (transfer full): the table, or NULL with @error set.
 */
StrataTable *strata_csv_read_file   (const char               *path,
                                     const StrataCsvOptions   *options,
                                     StrataCsvProgressFunc     progress,
                                     gpointer                  user_data,
                                     GCancellable             *cancellable,
                                     GPtrArray               **warnings,
                                     GError                  **error);

/* As read_file, from a stream. @display_name names the source in messages;
 * @total_size is the stream's length in bytes for progress, or 0 if unknown. */
StrataTable *strata_csv_read_stream (GInputStream             *stream,
                                     const char               *display_name,
                                     guint64                   total_size,
                                     const StrataCsvOptions   *options,
                                     StrataCsvProgressFunc     progress,
                                     gpointer                  user_data,
                                     GCancellable             *cancellable,
                                     GPtrArray               **warnings,
                                     GError                  **error);

/**
 * strata_csv_write_file:
 * @table: the table
 * @path: destination; written atomically (a temporary file renamed into
 *   place), so an existing file is never left half-written
 * @delimiter: field separator, usually ','
 * @error: G_IO_ERROR
 *
 * Writes a header row and every row, quoting fields as RFC 4180 requires
 * (delimiter, quote, CR or LF inside, or leading/trailing space); missing
 * values are empty fields; numbers in their shortest exact form. Line ends
 * are LF. What the reader reads, the writer writes back to the same table.
 */
gboolean strata_csv_write_file   (StrataTable   *table,
                                  const char    *path,
                                  char           delimiter,
                                  GError       **error);
gboolean strata_csv_write_stream (StrataTable   *table,
                                  GOutputStream *stream,
                                  char           delimiter,
                                  GCancellable  *cancellable,
                                  GError       **error);

G_END_DECLS
