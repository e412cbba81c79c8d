/* strata-clean-private.h — helpers shared by strata-clean*.c
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "strata-clean.h"

/* Poll the cancellable once per this many rows. */
#define STRATA_CLEAN_POLL_ROWS 4096

/* TRUE (with G_IO_ERROR_CANCELLED) when cancelled; checks only when @row is
 * a multiple of STRATA_CLEAN_POLL_ROWS, so it is cheap inside loops. */
static inline gboolean
strata_clean_cancelled (GCancellable *cancellable,
                        gsize         row,
                        GError      **error)
{
  return row % STRATA_CLEAN_POLL_ROWS == 0 &&
         g_cancellable_set_error_if_cancelled (cancellable, error);
}

/* Indices of @names in @table (NULL/empty = every column whose kind passes
 * @accept, which may be NULL for any). A named column that does not exist,
 * or whose kind fails @accept, is a STRATA_CLEAN_ERROR_COLUMN naming it and
 * @what ("a numeric column"). Returns a GArray of guint, or NULL. */
GArray      *strata_clean_resolve (StrataTable        *table,
                                   const char *const  *names,
                                   gboolean          (*accept) (StrataColumn *column),
                                   const char         *what,
                                   GError            **error);
/* A table like @table where column i is replaced by @replace[i] when that
 * is non-NULL (the references in @replace are taken). Transfer full. */
StrataTable *strata_clean_replace (StrataTable        *table,
                                   StrataColumn      **replace,
                                   GError            **error);
gboolean     strata_clean_is_numeric     (StrataColumn *column);
gboolean     strata_clean_is_categorical (StrataColumn *column);
/* Sorts @values[0..n) ascending (doubles, no NaN). */
void         strata_clean_sort_doubles   (double       *values,
                                          gsize         n);
/* Non-missing values of numeric column @c, sorted ascending, in a new
 * array of *@n_out doubles; NULL when cancelled. */
double      *strata_clean_sorted_values  (StrataColumn  *c,
                                          gsize         *n_out,
                                          GCancellable  *cancellable,
                                          GError       **error);
/* numpy.percentile (linear method, numpy 1.24's _lerp) of sorted
 * @v[0..n), n ≥ 1, at @q in 0–100. */
double       strata_clean_percentile     (const double  *v,
                                          gsize          n,
                                          double         q);

/* Builds the new version of learned column number @index from @column (the
 * table's column of the same name); returns a new reference, or NULL with
 * @error to stop. */
typedef StrataColumn *(*StrataCleanColumnFunc) (gpointer       self,
                                                guint          index,
                                                StrataColumn  *column,
                                                GCancellable  *cancellable,
                                                GError       **error);

/* The transform() of the fitted objects: @learned is a GArray of structs
 * whose FIRST member is the column name (char *). Each learned column is
 * looked up in @table (an error names it when absent, or when
 * @numeric_only and it is not numeric) and replaced by @build's result;
 * the other columns are shared. Transfer full. */
StrataTable *strata_clean_map_learned (StrataTable           *table,
                                       GArray                *learned,
                                       gboolean               numeric_only,
                                       StrataCleanColumnFunc  build,
                                       gpointer               self,
                                       GCancellable          *cancellable,
                                       GError               **error);
