/* strata-csv-private.h — pieces of the CSV reader shared between its files
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not installed and not for use outside engine/strata-csv*.c and the tests.
 */

#pragma once

#include "strata-csv.h"

G_BEGIN_DECLS

/* --- numbers (strata-csv-number.c) ---------------------------------------- */

/* How the text of a number relates to the double it parsed to, so that a
 * column that turns out not to be numeric can give back the original text
 * without keeping it. */
typedef enum {
  STRATA_CSV_NUMBER_SHORTEST, /* text == strata_column_format_value() of it */
  STRATA_CSV_NUMBER_FIXED,    /* text == "%.*f" of it with frac_digits */
  STRATA_CSV_NUMBER_OTHER,    /* anything else ("1e3", "+1", "007", ".5") */
} StrataCsvNumberForm;

/**
 * strata_csv_parse_number:
 * @s: the field, NUL-terminated at @s[@len]
 * @len: its length in bytes
 * @value: (out): the double nearest to the decimal (correctly rounded)
 * @form: (out): see StrataCsvNumberForm
 * @frac_digits: (out): digits after the decimal point (for FIXED)
 *
 * Accepts [spaces] [+-] digits [. digits] [(e|E) [+-] digits] [spaces] with at
 * least one digit in the mantissa; no hexadecimal, no "inf", no "nan". Up to
 * 19 significant digits and a decimal exponent that keeps the result exact
 * are converted with one IEEE multiplication or division by an exact power of
 * ten (Clinger's fast path); everything else falls back to g_ascii_strtod().
 *
 * Returns: TRUE when @s is a number.
 */
gboolean strata_csv_parse_number (const char          *s,
                                  gsize                len,
                                  double              *value,
                                  StrataCsvNumberForm *form,
                                  guint8              *frac_digits);

/* Writes the shortest "%.{15,16,17}g" form of @v that reads back to @v into
 * @buf (as strata_column_format_value() does); returns its length. */
gsize    strata_csv_format_double (double  v,
                                   char   *buf,
                                   gsize   size);

/* --- column builders (strata-csv-column.c) -------------------------------- */

typedef struct _StrataCsvColumnBuilder StrataCsvColumnBuilder;

/* @forced: TRUE when @kind is forced by an override (then it is kept even if
 * inference would say otherwise, and a non-number in a forced NUMERIC column
 * is an error). */
StrataCsvColumnBuilder *strata_csv_column_builder_new  (gboolean          forced,
                                                        StrataColumnKind  kind,
                                                        gsize             capacity);
void                    strata_csv_column_builder_free (StrataCsvColumnBuilder *b);

/* Appends one row: the field @s[0..len) (NUL at @s[len]), valid UTF-8, or a
 * missing value when @missing. Returns FALSE only when the column is forced
 * NUMERIC and @s is not a number. */
gboolean strata_csv_column_builder_append  (StrataCsvColumnBuilder *b,
                                            const char             *s,
                                            gsize                   len,
                                            gboolean                missing);
gsize    strata_csv_column_builder_get_n_rows (StrataCsvColumnBuilder *b);

/* Turns the builder into a column (the builder is emptied, free it after).
 * @max_categorical_fraction as in StrataCsvOptions. Transfer full. */
StrataColumn *strata_csv_column_builder_finish (StrataCsvColumnBuilder *b,
                                                const char             *name,
                                                double                  max_categorical_fraction);

G_END_DECLS
