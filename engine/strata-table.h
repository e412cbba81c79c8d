/* strata-table.h — columnar, immutable, reference-counted tables
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A StrataTable is a list of named StrataColumns of equal length. Both are
 * immutable once built and reference-counted with atomic counts, so they may
 * be handed between the worker thread and the main thread freely. A cleaning
 * step builds a new table and shares the columns it did not touch.
 *
 * Column kinds and their storage:
 *
 *   NUMERIC      double[n_rows]; a missing value is NAN in the array and a set
 *                bit in the missing mask (the mask is authoritative).
 *   CATEGORICAL  gint32 codes[n_rows] into a dictionary of n_categories
 *                UTF-8 strings; code -1 is missing.
 *   TEXT         char *values[n_rows] (UTF-8); NULL is missing.
 *
 * Example:
 *
 *   double *v = g_new (double, 3);
 *   v[0] = 1.5; v[1] = NAN; v[2] = 3.0;
 *   g_autoptr(StrataColumn) c = strata_column_new_numeric ("x", v, 3);
 *   StrataColumn *cols[] = { c };
 *   g_autoptr(StrataTable) t = strata_table_new (cols, 1, &error);
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define STRATA_TABLE_ERROR (strata_table_error_quark ())

/**
 * StrataTableError:
 * @STRATA_TABLE_ERROR_SHAPE: columns of different lengths
 * @STRATA_TABLE_ERROR_DUPLICATE_NAME: two columns share a name
 * @STRATA_TABLE_ERROR_NO_COLUMN: a named column does not exist
 * @STRATA_TABLE_ERROR_KIND: a column has the wrong kind for the operation
 */
typedef enum {
  STRATA_TABLE_ERROR_SHAPE,
  STRATA_TABLE_ERROR_DUPLICATE_NAME,
  STRATA_TABLE_ERROR_NO_COLUMN,
  STRATA_TABLE_ERROR_KIND,
} StrataTableError;

GQuark strata_table_error_quark (void);

typedef enum {
  STRATA_COLUMN_NUMERIC,
  STRATA_COLUMN_CATEGORICAL,
  STRATA_COLUMN_TEXT,
} StrataColumnKind;

/* "numeric", "categorical", "text" (static strings). */
const char *strata_column_kind_to_string   (StrataColumnKind  kind);
/* Parses the strings above; FALSE if @s is none of them. */
gboolean    strata_column_kind_from_string (const char       *s,
                                            StrataColumnKind *kind);

typedef struct _StrataColumn StrataColumn;
typedef struct _StrataTable  StrataTable;

/* --- Columns: construction ------------------------------------------------ */

/* Takes ownership (transfer full) of @values, a g_malloc'd array of @n_rows
 * doubles; NAN marks a missing value. Never fails. */
StrataColumn *strata_column_new_numeric     (const char    *name,
                                             double        *values,
                                             gsize          n_rows);
/* Takes ownership of @codes (g_malloc'd gint32[@n_rows], -1 = missing) and of
 * @categories (a NULL-terminated g_strdup'd string vector of n_categories
 * UTF-8 strings, as from g_strdupv). Every code must be < n_categories. */
StrataColumn *strata_column_new_categorical (const char    *name,
                                             gint32        *codes,
                                             gsize          n_rows,
                                             char         **categories);
/* Takes ownership of @values (g_malloc'd char*[@n_rows], NULL = missing).
 * When @chunk is NULL each string is g_malloc'd and freed with the column;
 * otherwise the strings live in @chunk, which the column takes too. */
StrataColumn *strata_column_new_text        (const char    *name,
                                             char         **values,
                                             gsize          n_rows,
                                             GStringChunk  *chunk);
/* A new column holding rows @rows[0..n) of @column, in that order (rows may
 * repeat). Transfer full. */
StrataColumn *strata_column_select_rows     (StrataColumn  *column,
                                             const gsize   *rows,
                                             gsize          n);
/* The same data under another name (shares nothing mutable; cheap copy of
 * the arrays). Transfer full. */
StrataColumn *strata_column_rename          (StrataColumn  *column,
                                             const char    *name);

StrataColumn *strata_column_ref   (StrataColumn *column);
void          strata_column_unref (StrataColumn *column);

/* --- Columns: access (all borrow; valid while the column lives) ----------- */

const char       *strata_column_get_name      (StrataColumn *column);
StrataColumnKind  strata_column_get_kind      (StrataColumn *column);
gsize             strata_column_get_n_rows    (StrataColumn *column);
/* Number of missing rows. */
gsize             strata_column_get_n_missing (StrataColumn *column);
gboolean          strata_column_is_missing    (StrataColumn *column,
                                               gsize         row);
/* Bit i of word i/64 is set when row i is missing; NULL when nothing is
 * missing. Any kind. [ceil(n_rows / 64)] */
const guint64    *strata_column_get_missing_mask (StrataColumn *column);

/* NUMERIC only: [n_rows] doubles, NAN where missing. */
const double     *strata_column_get_numeric   (StrataColumn *column);
/* CATEGORICAL only: [n_rows] codes, -1 where missing. */
const gint32     *strata_column_get_codes     (StrataColumn *column);
guint             strata_column_get_n_categories (StrataColumn *column);
/* NULL-terminated; borrowed. */
const char *const *strata_column_get_categories  (StrataColumn *column);
const char       *strata_column_get_category  (StrataColumn *column,
                                               gint32        code);
/* TEXT only: the string at @row, NULL when missing. */
const char       *strata_column_get_text      (StrataColumn *column,
                                               gsize         row);

/* The value at @row as text, as a CSV writer or a grid shows it: numbers in
 * the shortest form that reads back to the same double ("%.17g" trimmed),
 * NULL when missing. Transfer full. */
char             *strata_column_format_value  (StrataColumn *column,
                                               gsize         row);

/* Writes into @buf (at least G_ASCII_DTOSTR_BUF_SIZE bytes) the shortest of
 * "%.15g", "%.16g", "%.17g" (C locale) that reads back to exactly @v, as the
 * CSV writer, the grid and every JSON file Strata writes show numbers.
 * Returns the length written. */
gsize             strata_format_double        (double        v,
                                               char         *buf,
                                               gsize         size);

/* --- Columns: statistics -------------------------------------------------- */

#define STRATA_STATS_N_TOP 5

typedef struct {
  char  *value;  /* the value as text (owned) */
  gsize  count;  /* rows holding it */
} StrataValueCount;

/**
 * StrataColumnStats:
 *
 * Summary of one column. For numeric columns min/max/mean/std are over the
 * non-missing values (std is the sample standard deviation, ddof = 1, as
 * pandas' describe()); for other kinds they are NAN. n_distinct counts
 * distinct non-missing values. top holds the most frequent values, most
 * frequent first, ties broken by first appearance.
 */
typedef struct {
  gsize            count;     /* non-missing rows */
  gsize            missing;   /* missing rows */
  double           min, max, mean, std;
  gsize            n_distinct;
  guint            n_top;
  StrataValueCount top[STRATA_STATS_N_TOP];
} StrataColumnStats;

/* Computes the statistics in O(n log n). Transfer full: free with
 * strata_column_stats_free(). */
StrataColumnStats *strata_column_compute_stats (StrataColumn      *column);
void               strata_column_stats_free    (StrataColumnStats *stats);

/* --- Tables --------------------------------------------------------------- */

/* A table of @n_columns columns (each gets a new reference; the caller keeps
 * its own). Fails with STRATA_TABLE_ERROR_SHAPE when the lengths differ and
 * STRATA_TABLE_ERROR_DUPLICATE_NAME when two names are equal. A table with no
 * columns has 0 rows. */
StrataTable  *strata_table_new          (StrataColumn **columns,
                                         guint          n_columns,
                                         GError       **error);
StrataTable  *strata_table_ref          (StrataTable   *table);
void          strata_table_unref        (StrataTable   *table);

gsize         strata_table_get_n_rows    (StrataTable  *table);
guint         strata_table_get_n_columns (StrataTable  *table);
/* Transfer none. */
StrataColumn *strata_table_get_column    (StrataTable  *table,
                                          guint         index);
/* Index of the column called @name, or -1. */
int           strata_table_find_column   (StrataTable  *table,
                                          const char   *name);
/* Like find_column, but a missing name is a STRATA_TABLE_ERROR_NO_COLUMN
 * error that names it. Transfer none. */
StrataColumn *strata_table_lookup_column (StrataTable  *table,
                                          const char   *name,
                                          GError      **error);
/* A new table with rows @rows[0..n) of every column. Transfer full. */
StrataTable  *strata_table_select_rows   (StrataTable  *table,
                                          const gsize  *rows,
                                          gsize         n);

/* Approximate bytes held by the table's arrays (values, codes, masks,
 * strings); shared columns are counted once per table. */
gsize         strata_table_get_memory_size (StrataTable *table);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataColumn, strata_column_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataTable, strata_table_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataColumnStats, strata_column_stats_free)

G_END_DECLS
