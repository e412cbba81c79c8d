/* test-csv-pipeline.c — the two-thread CSV reader against the single-threaded one
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Large inputs are read by two threads (engine/strata-csv-pipeline.c),
 * small ones by one. Both paths must give the same result: the same table
 * (names, kinds, every double bit for bit, category order, missing cells),
 * the same warnings and the same error message with its line and column,
 * the same progress calls and the same cancellation. Each input here is
 * read once with the pipeline off and then with the pipeline forced on,
 * with the default batches and with tiny ones (so that batches end inside
 * blocks, rows and quoted fields), and the results are compared. The
 * single-threaded results are in turn checked against independent
 * references in test-csv.c.
 */

#include <string.h>

#include "strata-csv.h"
#include "strata-csv-private.h"

/* The whole outcome of one read, as text. */
static char *
describe_read (const char             *text,
               gsize                   len,
               const StrataCsvOptions *options)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (text, (gssize) len, NULL);
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataTable) t = NULL;
  GString *out = g_string_new (NULL);

  t = strata_csv_read_stream (stream, "test.csv", len, options, NULL, NULL, NULL,
                              &warnings, &error);
  if (t == NULL)
    {
      g_assert_nonnull (error);
      g_string_append_printf (out, "error %s %d: %s\n", g_quark_to_string (error->domain),
                              error->code, error->message);
      return g_string_free (out, FALSE);
    }
  for (guint i = 0; warnings != NULL && i < warnings->len; i++)
    g_string_append_printf (out, "warning: %s\n", (char *) g_ptr_array_index (warnings, i));
  g_string_append_printf (out, "%zu rows\n", strata_table_get_n_rows (t));
  for (guint j = 0; j < strata_table_get_n_columns (t); j++)
    {
      StrataColumn *c = strata_table_get_column (t, j);
      StrataColumnKind kind = strata_column_get_kind (c);

      g_string_append_printf (out, "column “%s” %s:", strata_column_get_name (c),
                              strata_column_kind_to_string (kind));
      if (kind == STRATA_COLUMN_CATEGORICAL)
        for (guint k = 0; k < strata_column_get_n_categories (c); k++)
          g_string_append_printf (out, " [%s]", strata_column_get_category (c, (gint32) k));
      for (gsize i = 0; i < strata_column_get_n_rows (c); i++)
        {
          if (strata_column_is_missing (c, i))
            g_string_append (out, " -");
          else if (kind == STRATA_COLUMN_NUMERIC)
            g_string_append_printf (out, " %a", strata_column_get_numeric (c)[i]);
          else if (kind == STRATA_COLUMN_CATEGORICAL)
            g_string_append_printf (out, " %d", strata_column_get_codes (c)[i]);
          else
            g_string_append_printf (out, " [%s]", strata_column_get_text (c, i));
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/* Reads @text single-threaded, then by the pipeline with default and with
 * tiny batches, each with every hand-over policy (lines handed over to the
 * caller's parser wherever possible, never, and as the timing goes); all
 * must agree. Returns the first. */
static char *
assert_paths_agree (const char             *text,
                    gsize                   len,
                    const StrataCsvOptions *options)
{
  static const gsize batch_bytes[] = { 128 * 1024, 16, 100, 4096 };
  static const StrataCsvHandOver policies[] = {
    STRATA_CSV_HAND_OVER_ALWAYS, STRATA_CSV_HAND_OVER_NEVER, STRATA_CSV_HAND_OVER_AUTO,
  };
  guint64 min_size = strata_csv_pipeline_min_size;
  gsize default_batch = strata_csv_pipeline_batch_bytes;
  StrataCsvHandOver default_policy = strata_csv_pipeline_hand_over;
  char *single;

  strata_csv_pipeline_min_size = G_MAXUINT64;
  single = describe_read (text, len, options);
  for (guint i = 0; i < G_N_ELEMENTS (batch_bytes); i++)
    for (guint k = 0; k < G_N_ELEMENTS (policies); k++)
      {
        g_autofree char *piped = NULL;

        if (len > 1024 * 1024 && batch_bytes[i] < 4096)
          continue;   /* two events a batch: slow, and the small inputs cover it */

        strata_csv_pipeline_min_size = 1;
        strata_csv_pipeline_batch_bytes = batch_bytes[i];
        strata_csv_pipeline_hand_over = policies[k];
        piped = describe_read (text, len, options);
        if (g_strcmp0 (piped, single) != 0)
          g_test_message ("batches of %zu bytes, hand-over policy %d", batch_bytes[i], policies[k]);
        g_assert_cmpstr (piped, ==, single);
      }
  strata_csv_pipeline_min_size = min_size;
  strata_csv_pipeline_batch_bytes = default_batch;
  strata_csv_pipeline_hand_over = default_policy;
  return single;
}

/* Bytes of @text that the pipeline hands over to the caller's parser
 * under @policy, with batches of 4 KiB (after a quote the first thread
 * parses up to an eighth of a batch before it looks again). */
static gsize
bytes_handed_over (const char        *text,
                   gsize              len,
                   StrataCsvHandOver  policy)
{
  guint64 min_size = strata_csv_pipeline_min_size;
  gsize default_batch = strata_csv_pipeline_batch_bytes;
  StrataCsvHandOver default_policy = strata_csv_pipeline_hand_over;
  gsize before = strata_csv_pipeline_bytes_handed_over;
  g_autofree char *result = NULL;

  strata_csv_pipeline_min_size = 1;
  strata_csv_pipeline_batch_bytes = 4096;
  strata_csv_pipeline_hand_over = policy;
  result = describe_read (text, len, NULL);
  strata_csv_pipeline_min_size = min_size;
  strata_csv_pipeline_batch_bytes = default_batch;
  strata_csv_pipeline_hand_over = default_policy;
  return strata_csv_pipeline_bytes_handed_over - before;
}

static void
test_committed_files (void)
{
  static const char *const files[] = {
    "data/bad/binary-garbage.bin", "data/bad/fuzz-bom-inside-field.csv",
    "data/bad/header-only.csv", "data/bad/invalid-utf8.csv",
    "data/bad/mixed-line-endings.csv", "data/bad/ragged.csv", "data/bad/short-row.csv",
    "data/bad/unterminated-quote.csv", "csv-spectrum/csvs/quotes_and_newlines.csv",
    "csv-spectrum/csvs/newlines_crlf.csv", "csv-spectrum/csvs/escaped_quotes.csv",
  };
  static const char *const datasets[] = {
    "iris.csv", "titanic/train.csv", "mushroom-uci/agaricus-lepiota.data",
    "daily-min-temperatures.csv",
  };
  StrataCsvOptions text_options;

  strata_csv_options_init (&text_options);
  text_options.all_text = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (files) + G_N_ELEMENTS (datasets); i++)
    {
      g_autofree char *path = i < G_N_ELEMENTS (files)
        ? g_test_build_filename (G_TEST_DIST, files[i], NULL)
        : g_build_filename (g_getenv ("STRATA_SOURCE_ROOT"), "data", "datasets",
                            datasets[i - G_N_ELEMENTS (files)], NULL);
      g_autofree char *text = NULL;
      g_autofree char *a = NULL, *b = NULL;
      gsize len;
      g_autoptr(GError) error = NULL;

      g_file_get_contents (path, &text, &len, &error);
      g_assert_no_error (error);
      a = assert_paths_agree (text, len, NULL);
      b = assert_paths_agree (text, len, &text_options);
      g_assert_cmpuint (strlen (a), >, 0);
    }
}

/* Warnings and errors at known lines, far into the input, after line ends
 * inside quoted fields, CRLF and blank lines. */
static void
test_messages_at_lines (void)
{
  g_autoptr(GString) text = g_string_new ("id,name,x\r\n");
  g_autofree char *ok = NULL, *ragged = NULL, *forced = NULL, *unterminated = NULL;
  StrataCsvOverride override = { "name", STRATA_COLUMN_NUMERIC };
  StrataCsvOptions options;
  gsize len;

  for (int i = 0; i < 3000; i++)
    {
      if (i % 700 == 5)
        g_string_append_printf (text, "%d,\"two\r\nlines\"\r\n", i);    /* short, 2 lines */
      else if (i % 900 == 7)
        g_string_append_printf (text, "%d,caf\xe9,%d.25\r\n\r\n", i, i); /* Latin-1, blank */
      else
        g_string_append_printf (text, "%d,n%d,%d.5\r\n", i, i % 37, i);
    }
  ok = assert_paths_agree (text->str, text->len, NULL);
  g_assert_nonnull (strstr (ok, "warning: test.csv: line 7: 2 fields instead of 3"));
  g_assert_nonnull (strstr (ok, "warning: test.csv: line 10: invalid UTF-8"));
  g_assert_nonnull (strstr (ok, "3000 rows"));
  /* The lines between the quoted fields went to the caller's parser. */
  g_assert_cmpuint (bytes_handed_over (text->str, text->len, STRATA_CSV_HAND_OVER_ALWAYS), >,
                    text->len * 9 / 10);
  g_assert_cmpuint (bytes_handed_over (text->str, text->len, STRATA_CSV_HAND_OVER_NEVER), ==, 0);

  strata_csv_options_init (&options);
  options.overrides = &override;
  options.n_overrides = 1;
  forced = assert_paths_agree (text->str, text->len, &options);
  g_assert_nonnull (strstr (forced, "line 2, column 2 (“name”): “n0” is not a number"));

  len = text->len;
  g_string_append (text, "1,2,3,4\r\n5,6,7\r\n");
  ragged = assert_paths_agree (text->str, text->len, NULL);
  g_assert_nonnull (strstr (ragged, "line 3011: more than 3 fields"));

  g_string_truncate (text, len);
  g_string_append (text, "1,\"open\r\n\r\nstill");
  unterminated = assert_paths_agree (text->str, text->len, NULL);
  g_assert_nonnull (strstr (unterminated, "line 3011, column 2: unterminated quoted field"));
}

/* Several blocks: late text, a 2 MB quoted field across blocks. */
static void
test_many_blocks (void)
{
  g_autoptr(GString) text = g_string_new ("a;b;c\n");
  g_autofree char *result = NULL;
  gsize quoted_at, handed;

  for (int i = 0; i < 150000; i++)
    g_string_append_printf (text, "%d;%d.%03d;%s\n", i, i % 1000, i % 7, i % 3 ? "x" : "NA");
  quoted_at = text->len;
  g_string_append (text, "late;\"");
  for (int i = 0; i < 200000; i++)
    g_string_append (text, "0123456;\"\"9\n");
  g_string_append (text, "\";z\n1;2;3\n");
  g_assert_cmpuint (text->len, >, 3 * 1024 * 1024);
  result = assert_paths_agree (text->str, text->len, NULL);
  g_assert_nonnull (strstr (result, "150002 rows"));
  /* Handed over: most lines before the 2.4 MB quoted field, not it. */
  handed = bytes_handed_over (text->str, text->len, STRATA_CSV_HAND_OVER_ALWAYS);
  g_assert_cmpuint (handed, >, quoted_at * 9 / 10);
  g_assert_cmpuint (handed, <=, quoted_at);
  g_assert_nonnull (strstr (result, "column “a” text"));
}

/* Delimiters that are also line ends, quotes or blanks: the lines handed
 * over end where a row ends only when the delimiter is not a line end. */
static void
test_odd_delimiters (void)
{
  static const char delimiters[] = { '\n', '\r', '"', ' ', '\t', 'a' };
  g_autoptr(GString) text = g_string_new (NULL);

  for (int i = 0; i < 400; i++)
    g_string_append_printf (text, i % 50 == 3 ? "%d,\"q\n%d\",a b\t%d%s" : "%d,x%d,a b\t%d%s",
                            i, i % 13, -i, i % 7 == 0 ? "\n\r\n" : i % 11 == 0 ? "\r" : "\r\n");
  for (guint i = 0; i < G_N_ELEMENTS (delimiters); i++)
    {
      StrataCsvOptions options;
      g_autofree char *result = NULL;

      strata_csv_options_init (&options);
      options.delimiter = delimiters[i];
      result = assert_paths_agree (text->str, text->len, &options);
      g_assert_cmpuint (strlen (result), >, 0);
    }
}

typedef struct {
  GString      *calls;
  GCancellable *cancel_at;
  guint         n;
} Progress;

static void
on_progress (guint64  done,
             guint64  total,
             gpointer user_data)
{
  Progress *p = user_data;

  g_string_append_printf (p->calls, " %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT, done, total);
  if (p->cancel_at != NULL && ++p->n == 2)
    g_cancellable_cancel (p->cancel_at);
}

/* Progress calls, and cancelling from the second: the same in both paths. */
static void
test_progress_and_cancel (void)
{
  g_autoptr(GString) text = g_string_new ("a,b\n");
  g_autofree char *expected = NULL;

  for (int i = 0; i < 400000; i++)
    g_string_append_printf (text, "%d,%d\n", i, -i);
  for (int cancel = 0; cancel < 2; cancel++)
    for (int piped = 0; piped < 2; piped++)
      {
        g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (text->str, (gssize) text->len, NULL);
        g_autoptr(GCancellable) cancellable = g_cancellable_new ();
        g_autoptr(GError) error = NULL;
        g_autoptr(StrataTable) t = NULL;
        g_autoptr(GString) calls = g_string_new (NULL);
        Progress p = { calls, cancel ? cancellable : NULL, 0 };
        guint64 min_size = strata_csv_pipeline_min_size;

        strata_csv_pipeline_min_size = piped ? 1 : G_MAXUINT64;
        t = strata_csv_read_stream (stream, "test.csv", text->len, NULL, on_progress, &p,
                                    cancellable, NULL, &error);
        strata_csv_pipeline_min_size = min_size;
        if (cancel)
          {
            g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
            g_assert_null (t);
            g_assert_cmpuint (p.n, ==, 2);
          }
        else
          {
            g_autofree char *end = g_strdup_printf (" %zu/%zu", text->len, text->len);

            g_assert_no_error (error);
            g_assert_cmpuint (strata_table_get_n_rows (t), ==, 400000);
            g_assert_true (g_str_has_suffix (calls->str, end));
            if (piped == 0)
              expected = g_strdup (calls->str);
            else
              g_assert_cmpstr (calls->str, ==, expected);
          }
      }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/CsvPipeline/committed-files", test_committed_files);
  g_test_add_func ("/CsvPipeline/messages-at-lines", test_messages_at_lines);
  g_test_add_func ("/CsvPipeline/many-blocks", test_many_blocks);
  g_test_add_func ("/CsvPipeline/odd-delimiters", test_odd_delimiters);
  g_test_add_func ("/CsvPipeline/progress-and-cancel", test_progress_and_cancel);

  return g_test_run ();
}
