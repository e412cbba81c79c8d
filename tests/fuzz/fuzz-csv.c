/* fuzz-csv.c — libFuzzer target for the CSV reader and writer
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built with -Dfuzzing=true and CC=clang (see docs/csv.md). For each input:
 *
 *   1. read it with the default options (sniffing, header detection,
 *      inference) and, when that gives a table, write the table and read it
 *      back: the cells and kinds must be identical (the writer's contract);
 *   2. read it again with every column as text and no missing tokens;
 *   3. give every prefix that parses as a number to the fast number parser
 *      and compare with g_ascii_strtod();
 *   4. read it by the two-thread pipeline (forced on, with batches of a
 *      size and a hand-over policy taken from the input: lines handed to
 *      the caller's parser wherever possible, never, or as timing goes)
 *      and compare the table, the warnings and the error with the
 *      single-threaded read.
 *
 * Any crash, sanitizer report, leak or abort is a bug.
 */

#include <string.h>

#include "strata-csv.h"
#include "strata-csv-private.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static StrataTable *
read_bytes_full (const void             *data,
                 gsize                   size,
                 const StrataCsvOptions *options,
                 GPtrArray             **warnings,
                 GError                **error)
{
  g_autoptr(GInputStream) stream =
    g_memory_input_stream_new_from_data (g_memdup2 (data, size), (gssize) size, g_free);
  StrataTable *t = strata_csv_read_stream (stream, "fuzz.csv", size, options, NULL, NULL,
                                           NULL, warnings, error);

  /* Exactly one of a table and an error, and errors name the source. */
  g_assert_true ((t == NULL) != (*error == NULL));
  if (*error != NULL && !g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_assert_nonnull (strstr ((*error)->message, "fuzz.csv"));
  return t;
}

static StrataTable *
read_bytes (const void             *data,
            gsize                   size,
            const StrataCsvOptions *options)
{
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;

  return read_bytes_full (data, size, options, &warnings, &error);
}

/* Same names, kinds and cells (as text). */
static void
assert_tables_equal (StrataTable *t,
                     StrataTable *back)
{
  g_assert_cmpuint (strata_table_get_n_rows (back), ==, strata_table_get_n_rows (t));
  g_assert_cmpuint (strata_table_get_n_columns (back), ==, strata_table_get_n_columns (t));
  for (guint j = 0; j < strata_table_get_n_columns (t); j++)
    {
      StrataColumn *a = strata_table_get_column (t, j), *b = strata_table_get_column (back, j);

      g_assert_cmpstr (strata_column_get_name (a), ==, strata_column_get_name (b));
      g_assert_cmpint (strata_column_get_kind (a), ==, strata_column_get_kind (b));
      for (gsize i = 0; i < strata_table_get_n_rows (t); i++)
        {
          g_autofree char *x = strata_column_format_value (a, i);
          g_autofree char *y = strata_column_format_value (b, i);
          g_assert_cmpstr (x, ==, y);
        }
    }
}

static void
check_round_trip (StrataTable *t)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataTable) back = NULL;
  StrataCsvOptions options;
  gsize n;

  if (strata_table_get_n_columns (t) == 0)
    return;
  strata_csv_write_stream (t, out, ',', NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (out, NULL, NULL);
  n = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out));

  strata_csv_options_init (&options);
  options.delimiter = ',';
  options.header = STRATA_CSV_HEADER_PRESENT;
  back = read_bytes (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)), n, &options);
  g_assert_nonnull (back);
  assert_tables_equal (t, back);
}

/* The pipeline gives what the single-threaded reader gives. */
static void
check_pipeline (const guint8 *data,
                size_t        size)
{
  g_autoptr(GPtrArray) warnings1 = NULL, warnings2 = NULL;
  g_autoptr(GError) error1 = NULL, error2 = NULL;
  g_autoptr(StrataTable) t1 = NULL, t2 = NULL;
  static const StrataCsvHandOver policies[] = {
    STRATA_CSV_HAND_OVER_ALWAYS, STRATA_CSV_HAND_OVER_NEVER, STRATA_CSV_HAND_OVER_AUTO,
  };
  guint64 min_size = strata_csv_pipeline_min_size;
  gsize batch_bytes = strata_csv_pipeline_batch_bytes;
  StrataCsvHandOver policy = strata_csv_pipeline_hand_over;

  if (size == 0)
    return;
  t1 = read_bytes_full (data, size, NULL, &warnings1, &error1);
  strata_csv_pipeline_min_size = 1;
  strata_csv_pipeline_batch_bytes = 16 + 8 * (data[size - 1] % 64);
  strata_csv_pipeline_hand_over = policies[(data[size - 1] / 64) % G_N_ELEMENTS (policies)];
  t2 = read_bytes_full (data, size, NULL, &warnings2, &error2);
  strata_csv_pipeline_min_size = min_size;
  strata_csv_pipeline_batch_bytes = batch_bytes;
  strata_csv_pipeline_hand_over = policy;

  if (error1 != NULL)
    {
      g_assert_nonnull (error2);
      g_assert_cmpstr (error1->message, ==, error2->message);
      return;
    }
  g_assert_no_error (error2);
  assert_tables_equal (t1, t2);
  g_assert_cmpuint (warnings1 != NULL ? warnings1->len : 0, ==, warnings2 != NULL ? warnings2->len : 0);
  for (guint i = 0; warnings1 != NULL && i < warnings1->len; i++)
    g_assert_cmpstr (g_ptr_array_index (warnings1, i), ==, g_ptr_array_index (warnings2, i));
}

static void
check_numbers (const guint8 *data,
               size_t        size)
{
  g_autofree char *s = g_strndup ((const char *) data, MIN (size, 64));
  gsize len = strlen (s);
  double v;
  StrataCsvNumberForm form;
  guint8 digits;

  if (strata_csv_parse_number (s, len, &v, &form, &digits))
    {
      double expected = g_ascii_strtod (s, NULL);
      g_assert_true (memcmp (&v, &expected, sizeof v) == 0);
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static const char *const no_tokens[] = { NULL };
  StrataCsvOptions options;
  StrataTable *t;

  t = read_bytes (data, size, NULL);
  if (t != NULL)
    {
      check_round_trip (t);
      strata_table_unref (t);
    }

  strata_csv_options_init (&options);
  options.all_text = TRUE;
  options.missing_tokens = no_tokens;
  t = read_bytes (data, size, &options);
  if (t != NULL)
    strata_table_unref (t);

  check_numbers (data, size);
  check_pipeline (data, size);
  return 0;
}
