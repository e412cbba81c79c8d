/* test-csv.c — the CSV reader and writer
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Checked against independent references: the csv-spectrum conformance
 * suite (expected JSON), pandas (tests/fixtures/csv-datasets.json, made by
 * tests/fixtures/make-csv-fixtures.py), g_ascii_strtod() for every number
 * the fast parser converts, and the writer against the reader.
 */

#include <math.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <json-glib/json-glib.h>

#include "strata-csv.h"
#include "strata-csv-private.h"

/* --- helpers -------------------------------------------------------------- */

static StrataTable *
read_string (const char              *text,
             gssize                   len,
             const StrataCsvOptions  *options,
             GPtrArray              **warnings,
             GError                 **error)
{
  g_autoptr(GInputStream) stream = NULL;

  if (len < 0)
    len = (gssize) strlen (text);
  stream = g_memory_input_stream_new_from_data (g_memdup2 (text, (gsize) len), len, g_free);
  return strata_csv_read_stream (stream, "test.csv", (guint64) len, options,
                                 NULL, NULL, NULL, warnings, error);
}

static char *
cell (StrataTable *t,
      guint        column,
      gsize        row)
{
  return strata_column_format_value (strata_table_get_column (t, column), row);
}

static void
assert_cell (StrataTable *t,
             guint        column,
             gsize        row,
             const char  *expected)
{
  g_autofree char *s = cell (t, column, row);
  g_assert_cmpstr (s, ==, expected);
}

static StrataColumnKind
kind_of (StrataTable *t,
         const char  *name)
{
  StrataColumn *c = strata_table_lookup_column (t, name, NULL);
  g_assert_nonnull (c);
  return strata_column_get_kind (c);
}

static char *
dataset_path (const char *name)
{
  return g_build_filename (g_getenv ("STRATA_SOURCE_ROOT"), "data", "datasets", name, NULL);
}

static void round_trip (StrataTable *t);

/* --- csv-spectrum --------------------------------------------------------- */

static void
test_spectrum (gconstpointer data)
{
  const char *name = data;
  g_autofree char *csv_name = g_strconcat (name, ".csv", NULL);
  g_autofree char *json_name = g_strconcat (name, ".json", NULL);
  g_autofree char *csv_path = g_test_build_filename (G_TEST_DIST, "csv-spectrum", "csvs", csv_name, NULL);
  g_autofree char *json_path = g_test_build_filename (G_TEST_DIST, "csv-spectrum", "json", json_name, NULL);
  static const char *const no_tokens[] = { NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataTable) t = NULL;
  StrataCsvOptions options;
  JsonArray *rows;

  /* The expected JSON has every value as a string and "" for empty fields. */
  strata_csv_options_init (&options);
  options.header = STRATA_CSV_HEADER_PRESENT;
  options.missing_tokens = no_tokens;
  options.all_text = TRUE;
  t = strata_csv_read_file (csv_path, &options, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  json_parser_load_from_file (parser, json_path, &error);
  g_assert_no_error (error);
  rows = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (strata_table_get_n_rows (t), ==, json_array_get_length (rows));
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      g_autoptr(GList) members = json_object_get_members (row);
      guint j = 0;

      g_assert_cmpuint (strata_table_get_n_columns (t), ==, g_list_length (members));
      for (GList *m = members; m != NULL; m = m->next, j++)
        {
          StrataColumn *c = strata_table_get_column (t, j);
          g_assert_cmpstr (strata_column_get_name (c), ==, m->data);
          g_assert_cmpint (strata_column_get_kind (c), ==, STRATA_COLUMN_TEXT);
          g_assert_cmpstr (strata_column_get_text (c, i), ==,
                           json_object_get_string_member (row, m->data));
        }
    }
}

/* --- real datasets, against pandas --------------------------------------- */

static void
test_datasets_match_pandas (void)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "fixtures", "csv-datasets.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *datasets;

  json_parser_load_from_file (parser, fixture, &error);
  g_assert_no_error (error);
  datasets = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                           "datasets");
  g_assert_cmpuint (json_array_get_length (datasets), ==, 4);
  for (guint d = 0; d < json_array_get_length (datasets); d++)
    {
      JsonObject *ds = json_array_get_object_element (datasets, d);
      JsonArray *columns = json_object_get_array_member (ds, "columns");
      g_autofree char *path = dataset_path (json_object_get_string_member (ds, "path"));
      g_autoptr(StrataTable) t = strata_csv_read_file (path, NULL, NULL, NULL, NULL, NULL, &error);

      g_assert_no_error (error);
      g_test_message ("%s", path);
      g_assert_cmpuint (strata_table_get_n_rows (t), ==, json_object_get_int_member (ds, "rows"));
      g_assert_cmpuint (strata_table_get_n_columns (t), ==, json_array_get_length (columns));
      for (guint j = 0; j < json_array_get_length (columns); j++)
        {
          JsonObject *expected = json_array_get_object_element (columns, j);
          StrataColumn *c = strata_table_get_column (t, j);
          g_autoptr(StrataColumnStats) stats = strata_column_compute_stats (c);

          g_assert_cmpstr (strata_column_get_name (c), ==, json_object_get_string_member (expected, "name"));
          g_assert_cmpuint (strata_column_get_n_missing (c), ==, json_object_get_int_member (expected, "missing"));
          if (json_object_has_member (expected, "sum"))
            {
              g_assert_cmpint (strata_column_get_kind (c), ==, STRATA_COLUMN_NUMERIC);
              g_assert_cmpfloat_with_epsilon (stats->mean * (double) stats->count,
                                              json_object_get_double_member (expected, "sum"),
                                              1e-9 * MAX (1.0, fabs (json_object_get_double_member (expected, "sum"))));
            }
          else
            {
              g_assert_cmpint (strata_column_get_kind (c), !=, STRATA_COLUMN_NUMERIC);
              g_assert_cmpuint (stats->n_distinct, ==, json_object_get_int_member (expected, "distinct"));
            }
        }
    }
}

static void
test_iris (void)
{
  g_autofree char *path = dataset_path ("iris.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataTable) t = strata_csv_read_file (path, NULL, NULL, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (strata_table_get_n_rows (t), ==, 150);
  g_assert_cmpuint (strata_table_get_n_columns (t), ==, 5);
  for (guint j = 0; j < 4; j++)
    g_assert_cmpint (strata_column_get_kind (strata_table_get_column (t, j)), ==, STRATA_COLUMN_NUMERIC);
  g_assert_cmpint (kind_of (t, "species"), ==, STRATA_COLUMN_CATEGORICAL);
  g_assert_cmpuint (strata_column_get_n_categories (strata_table_get_column (t, 4)), ==, 3);
  assert_cell (t, 0, 0, "5.1");
  assert_cell (t, 4, 149, "virginica");
}

static void
test_titanic (void)
{
  g_autofree char *path = dataset_path ("titanic/train.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataTable) t = strata_csv_read_file (path, NULL, NULL, NULL, NULL, NULL, &error);
  StrataColumn *name;

  g_assert_no_error (error);
  g_assert_cmpuint (strata_table_get_n_rows (t), ==, 891);
  g_assert_cmpuint (strata_column_get_n_missing (strata_table_lookup_column (t, "Age", NULL)), ==, 177);
  g_assert_cmpuint (strata_column_get_n_missing (strata_table_lookup_column (t, "Cabin", NULL)), ==, 687);
  g_assert_cmpuint (strata_column_get_n_missing (strata_table_lookup_column (t, "Embarked", NULL)), ==, 2);
  g_assert_cmpint (kind_of (t, "Age"), ==, STRATA_COLUMN_NUMERIC);
  g_assert_cmpint (kind_of (t, "Sex"), ==, STRATA_COLUMN_CATEGORICAL);
  g_assert_cmpint (kind_of (t, "Name"), ==, STRATA_COLUMN_TEXT);
  name = strata_table_lookup_column (t, "Name", NULL);
  /* Line 3 and line 24: a comma and doubled quotes inside quotes; no CR. */
  g_assert_cmpstr (strata_column_get_text (name, 1), ==, "Cumings, Mrs. John Bradley (Florence Briggs Thayer)");
  g_assert_cmpstr (strata_column_get_text (name, 22), ==, "McGowan, Miss. Anna \"Annie\"");
  g_assert_null (strchr (strata_column_get_text (name, 890), '\r'));
  assert_cell (t, strata_table_find_column (t, "Embarked"), 890, "Q");
}

static void
test_mushroom (void)
{
  g_autofree char *path = dataset_path ("mushroom-uci/agaricus-lepiota.data");
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataTable) t = strata_csv_read_file (path, NULL, NULL, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  /* No header: 8124 rows, columns named "1".."23"; '?' is missing. */
  g_assert_cmpuint (strata_table_get_n_rows (t), ==, 8124);
  g_assert_cmpuint (strata_table_get_n_columns (t), ==, 23);
  g_assert_cmpstr (strata_column_get_name (strata_table_get_column (t, 0)), ==, "1");
  g_assert_cmpuint (strata_column_get_n_missing (strata_table_get_column (t, 11)), ==, 2480);
  assert_cell (t, 0, 0, "p");
  for (guint j = 0; j < 23; j++)
    g_assert_cmpint (strata_column_get_kind (strata_table_get_column (t, j)), ==, STRATA_COLUMN_CATEGORICAL);
}

static void
test_daily_temperatures (void)
{
  g_autofree char *path = dataset_path ("daily-min-temperatures.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataTable) t = strata_csv_read_file (path, NULL, NULL, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (strata_table_get_n_rows (t), ==, 3650);
  g_assert_cmpint (kind_of (t, "Temp"), ==, STRATA_COLUMN_NUMERIC);
  g_assert_cmpint (kind_of (t, "Date"), ==, STRATA_COLUMN_TEXT);
  assert_cell (t, 0, 0, "1981-01-01");
  assert_cell (t, 1, 0, "20.7");
}

/* --- main ----------------------------------------------------------------- */

/* --- the bad-input corpus ------------------------------------------------ */

static StrataTable *
read_bad (const char  *name,
          GPtrArray  **warnings,
          GError     **error)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "bad", name, NULL);
  return strata_csv_read_file (path, NULL, NULL, NULL, NULL, warnings, error);
}

static void
test_bad_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataTable) t = read_bad ("empty.csv", NULL, &error);

  g_assert_null (t);
  g_assert_error (error, STRATA_CSV_ERROR, STRATA_CSV_ERROR_EMPTY);
  g_assert_nonnull (strstr (error->message, "empty.csv"));
}

static void
test_bad_header_only (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataTable) t = read_bad ("header-only.csv", NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (strata_table_get_n_rows (t), ==, 0);
  g_assert_cmpuint (strata_table_get_n_columns (t), ==, 3);
  g_assert_cmpstr (strata_column_get_name (strata_table_get_column (t, 2)), ==, "c");
}

static void
test_bad_unterminated_quote (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataTable) t = read_bad ("unterminated-quote.csv", NULL, &error);

  g_assert_null (t);
  g_assert_error (error, STRATA_CSV_ERROR, STRATA_CSV_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "unterminated-quote.csv"));
  g_assert_nonnull (strstr (error->message, "line 3, column 2"));
}

static void
test_bad_binary_garbage (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(StrataTable) t = read_bad ("binary-garbage.bin", &warnings, &error);

  /* Either a table (of valid UTF-8 text) or an error that names the file. */
  if (t == NULL)
    {
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, "binary-garbage.bin"));
      return;
    }
  for (guint j = 0; j < strata_table_get_n_columns (t); j++)
    for (gsize i = 0; i < strata_table_get_n_rows (t); i++)
      {
        g_autofree char *s = cell (t, j, i);
        g_assert_true (s == NULL || g_utf8_validate (s, -1, NULL));
      }
}

static void
test_bad_mixed_line_endings (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataTable) t = read_bad ("mixed-line-endings.csv", NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (strata_table_get_n_rows (t), ==, 4);
  for (gsize i = 0; i < 4; i++)
    {
      g_autofree char *a = g_strdup_printf ("%d", (int) (2 * i + 1));
      g_autofree char *b = g_strdup_printf ("%d", (int) (2 * i + 2));
      assert_cell (t, 0, i, a);
      assert_cell (t, 1, i, b);
    }
}

static void
test_bad_ragged (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataTable) t = read_bad ("ragged.csv", NULL, &error);

  g_assert_null (t);
  g_assert_error (error, STRATA_CSV_ERROR, STRATA_CSV_ERROR_RAGGED);
  g_assert_nonnull (strstr (error->message, "ragged.csv: line 3"));
}

static void
test_bad_short_row (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(StrataTable) t = read_bad ("short-row.csv", &warnings, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (strata_table_get_n_rows (t), ==, 3);
  g_assert_true (strata_column_is_missing (strata_table_get_column (t, 2), 1));
  g_assert_nonnull (warnings);
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (warnings, 0), "short-row.csv: line 3"));
}

static void
test_bad_invalid_utf8 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(StrataTable) t = read_bad ("invalid-utf8.csv", &warnings, &error);

  g_assert_no_error (error);
  assert_cell (t, 0, 0, "caf\xc3\xa9");                  /* é */
  assert_cell (t, 0, 1, "na\xc3\xafve \xe2\x82\xac");    /* ï, € (0x80) */
  g_assert_nonnull (warnings);
  g_assert_cmpuint (warnings->len, ==, 2);
  g_assert_nonnull (strstr (g_ptr_array_index (warnings, 0), "line 2"));
  g_assert_nonnull (strstr (g_ptr_array_index (warnings, 0), "Windows-1252"));
}

static void
test_bad_huge_field (void)
{
  gsize n = 10 * 1024 * 1024;
  GString *text = g_string_sized_new (n + 64);
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataTable) t = NULL;
  g_autofree char *value = NULL;

  /* A 10 MB quoted field with delimiters, quotes and newlines inside. */
  g_string_append (text, "id,blob\n1,\"");
  for (gsize i = 0; text->len < n; i++)
    g_string_append (text, i % 7 == 0 ? "x,\"\"y\n" : "abcdefgh");
  g_string_append (text, "\"\n2,z\n");
  t = read_string (text->str, (gssize) text->len, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strata_table_get_n_rows (t), ==, 2);
  value = cell (t, 1, 0);
  g_assert_cmpuint (strlen (value), >, 9 * 1024 * 1024);
  g_assert_true (g_str_has_prefix (value, "x,\"y\nabcdefgh"));
  g_string_free (text, TRUE);
}

/* Found by the fuzzer: a BOM inside the first field (after a blank) is
 * data, and the writer must quote it so that it is not read as a BOM. */
static void
test_bad_fuzz_bom_inside_field (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataTable) t = read_bad ("fuzz-bom-inside-field.csv", NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (strata_column_get_name (strata_table_get_column (t, 0)), ==, "\xEF\xBB\xBFx");
  round_trip (t);
}

/* --- dialects ------------------------------------------------------------- */

static void
test_sniff (void)
{
  static const struct { const char *text; char delimiter; } cases[] = {
    { "a,b,c\n1,2,3\n4,5,6\n", ',' },
    { "a;b;c\n1,5;2,5;3\n4;5;6\n", ';' },
    { "a\tb\tc\n1\t2\t3\n", '\t' },
    { "a|b|c\n1|2|3\n", '|' },
    { "name;note\n\"x, y, z\";1\n\"p, q\";2\n", ';' },
    { "single\n1\n2\n", ',' },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(StrataTable) t = read_string (cases[i].text, -1, NULL, NULL, &error);
      guint expected_columns = cases[i].text[0] == 's' ? 1 : (cases[i].text[0] == 'n' ? 2 : 3);

      g_test_message ("case %u", i);
      g_assert_no_error (error);
      g_assert_cmpuint (strata_table_get_n_columns (t), ==, expected_columns);
    }
}

static void
test_dialect_details (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(StrataTable) bom = read_string ("\xEF\xBB\xBFx,y\n1,2\n", -1, NULL, NULL, &error);
  g_autoptr(StrataTable) cr = NULL;
  g_autoptr(StrataTable) tabs = NULL;
  g_autoptr(StrataTable) blank = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (strata_column_get_name (strata_table_get_column (bom, 0)), ==, "x");

  cr = read_string ("x,y\r1,2\r3,\"a\rb\"\r", -1, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strata_table_get_n_rows (cr), ==, 2);
  assert_cell (cr, 1, 1, "a\rb");

  /* Empty fields between tabs stay empty (missing), spaces are trimmed. */
  tabs = read_string ("a\tb\tc\n1\t\t 3 \n4\t5\t6\n", -1, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (strata_column_is_missing (strata_table_get_column (tabs, 1), 0));
  assert_cell (tabs, 2, 0, "3");

  /* Blank lines are skipped; line numbers still count them. */
  blank = read_string ("a,b\n\n1,2\n\n3,x,9\n", -1, NULL, &warnings, &error);
  g_assert_null (blank);
  g_assert_error (error, STRATA_CSV_ERROR, STRATA_CSV_ERROR_RAGGED);
  g_assert_nonnull (strstr (error->message, "line 5"));
  g_clear_error (&error);

  /* Line ends inside quoted fields count too (long fields are read a word
   * at a time). */
  {
    static const char *const texts[] = {
      "a,b\n\"x\ny\",1\n3,4,5\n",
      "a,b\r\n\"a long field,\r\nwith CRLF inside and more than 16 bytes\",1\r\n3,4,5\r\n",
      "a,b\r\"x\ry\",1\r3,4,5\r",
    };
    for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
      {
        StrataTable *ragged = read_string (texts[i], -1, NULL, NULL, &error);
        g_assert_null (ragged);
        g_assert_error (error, STRATA_CSV_ERROR, STRATA_CSV_ERROR_RAGGED);
        g_assert_nonnull (strstr (error->message, "test.csv: line 4:"));
        g_clear_error (&error);
      }
  }
}

static void
test_header_detection (void)
{
  static const struct { const char *text; gboolean header; } cases[] = {
    { "a,b\n1,2\n", TRUE },                 /* numeric below a text row */
    { "1,2\n3,4\n", FALSE },                /* numbers are never names */
    { "p,x\np,y\ne,x\n", FALSE },           /* repeated and same-length values */
    { "name,city\nAnn,Paris\nBob,Oslo\n", TRUE },  /* a tie is a header */
    { "a,a\nx,y\n", FALSE },                /* duplicate names */
    { "a,,c\n1,2,3\n", FALSE },             /* an empty name */
    { "only,a,header\n", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(StrataTable) t = read_string (cases[i].text, -1, NULL, NULL, &error);
      const char *first = strata_column_get_name (strata_table_get_column (t, 0));

      g_test_message ("case %u: %s", i, cases[i].text);
      g_assert_no_error (error);
      g_assert_cmpint (strcmp (first, "1") != 0, ==, cases[i].header);
    }
}

static void
test_missing_tokens (void)
{
  static const char *const tokens[] = { "-", "missing", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataTable) t = read_string ("a,b,c,d,e,f,g\n1,NA,N/A,NaN,null,?,\n2,3,4,5,6,7,8\n",
                                          -1, NULL, NULL, &error);
  g_autoptr(StrataTable) custom = NULL;
  StrataCsvOptions options;

  g_assert_no_error (error);
  for (guint j = 1; j < 7; j++)
    {
      g_assert_cmpint (strata_column_get_kind (strata_table_get_column (t, j)), ==, STRATA_COLUMN_NUMERIC);
      g_assert_true (strata_column_is_missing (strata_table_get_column (t, j), 0));
    }

  strata_csv_options_init (&options);
  options.missing_tokens = tokens;
  custom = read_string ("a,b\n-,NA\nmissing,x\n3,y\n", -1, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strata_column_get_n_missing (strata_table_get_column (custom, 0)), ==, 2);
  g_assert_cmpint (strata_column_get_kind (strata_table_get_column (custom, 0)), ==, STRATA_COLUMN_NUMERIC);
  assert_cell (custom, 1, 0, "NA");
}

/* --- inference and overrides ---------------------------------------------- */

static void
test_late_text_keeps_original (void)
{
  static const char *const numbers[] = {
    "08123", "1.50", "1e3", "+5", "2", "-0", "0.000", "-0.25", ".5", "5.",
    "123456789012345678901", "0.1", "1.25", "100", " 7", "1.500", "3.14159265358979",
  };
  g_autoptr(GString) text = g_string_new ("v,w\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataTable) t = NULL;
  gsize n_numbers = 3000;
  StrataColumn *v;

  /* Thousands of numbers of every form, then one word on the last row. */
  for (gsize i = 0; i < n_numbers; i++)
    g_string_append_printf (text, "%s,%s\n", numbers[i % G_N_ELEMENTS (numbers)],
                            i % 3 == 0 ? "" : "x");
  g_string_append (text, "word,x\n");
  t = read_string (text->str, -1, NULL, NULL, &error);
  g_assert_no_error (error);
  v = strata_table_get_column (t, 0);
  g_assert_cmpint (strata_column_get_kind (v), ==, STRATA_COLUMN_CATEGORICAL);
  for (gsize i = 0; i < n_numbers; i++)
    {
      g_autofree char *expected = g_strstrip (g_strdup (numbers[i % G_N_ELEMENTS (numbers)]));
      assert_cell (t, 0, i, expected);
    }
  assert_cell (t, 0, n_numbers, "word");
}

static void
test_overrides (void)
{
  StrataCsvOverride zip_text[] = { { "zip", STRATA_COLUMN_TEXT } };
  StrataCsvOverride name_numeric[] = { { "name", STRATA_COLUMN_NUMERIC } };
  StrataCsvOverride nope[] = { { "nope", STRATA_COLUMN_TEXT } };
  const char *text = "name,zip\nAnn,08123\nBob,75001\nCid,x1\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataTable) t = NULL;
  StrataTable *bad;
  StrataCsvOptions options;

  strata_csv_options_init (&options);
  options.overrides = zip_text;
  options.n_overrides = 1;
  t = read_string ("name,zip\nAnn,08123\nBob,75001\n", -1, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kind_of (t, "zip"), ==, STRATA_COLUMN_TEXT);
  assert_cell (t, 1, 0, "08123");

  options.overrides = name_numeric;
  bad = read_string (text, -1, &options, NULL, &error);
  g_assert_null (bad);
  g_assert_error (error, STRATA_CSV_ERROR, STRATA_CSV_ERROR_TYPE);
  g_assert_nonnull (strstr (error->message, "test.csv: line 2, column 1 (“name”)"));
  g_clear_error (&error);

  options.overrides = nope;
  bad = read_string (text, -1, &options, NULL, &error);
  g_assert_null (bad);
  g_assert_error (error, STRATA_CSV_ERROR, STRATA_CSV_ERROR_OPTIONS);
  g_assert_nonnull (strstr (error->message, "nope"));
}

static void
test_categorical_rule (void)
{
  g_autoptr(GString) text = g_string_new ("few,many,half\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataTable) t = NULL;

  /* 100 rows: 5 distinct; 100 distinct; 50 distinct (= 0.5 × 100). */
  for (int i = 0; i < 100; i++)
    g_string_append_printf (text, "k%d,u%d,h%d\n", i % 5, i, i / 2);
  t = read_string (text->str, -1, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kind_of (t, "few"), ==, STRATA_COLUMN_CATEGORICAL);
  g_assert_cmpint (kind_of (t, "many"), ==, STRATA_COLUMN_TEXT);
  g_assert_cmpint (kind_of (t, "half"), ==, STRATA_COLUMN_CATEGORICAL);
}

/* --- numbers, against g_ascii_strtod -------------------------------------- */

static void
check_number (const char *s)
{
  double v, expected = g_ascii_strtod (s, NULL);
  StrataCsvNumberForm form;
  guint8 digits;
  char buf[512];

  if (!strata_csv_parse_number (s, strlen (s), &v, &form, &digits))
    g_error ("“%s” not parsed", s);
  if (memcmp (&v, &expected, sizeof v) != 0)
    g_error ("“%s”: %.17g, strtod says %.17g", s, v, expected);
  if (form == STRATA_CSV_NUMBER_SHORTEST)
    {
      strata_format_double (v, buf, sizeof buf);
      g_assert_cmpstr (buf, ==, s);
    }
  else if (form == STRATA_CSV_NUMBER_FIXED)
    {
      g_snprintf (buf, sizeof buf, "%.*f", digits, v);
      g_assert_cmpstr (buf, ==, s);
    }
}

/* strata_format_double's fast path for whole numbers prints what the
 * general path ("%.15g" … "%.17g", read back) prints. */
static void
test_format_whole_numbers (void)
{
  g_autoptr(GRand) rng = g_rand_new_with_seed (7);
  static const double edges[] = { 0, -0.0, 1, -1, 9, 10, 99, 100, 999999999999999, -999999999999999,
                                  1e15, -1e15, 1e16, 4503599627370496, 9007199254740992, 1e300, 0.5, -2.5 };

  for (guint i = 0; i < G_N_ELEMENTS (edges) + 200000; i++)
    {
      double v;
      char fast[G_ASCII_DTOSTR_BUF_SIZE], slow[G_ASCII_DTOSTR_BUF_SIZE];

      if (i < G_N_ELEMENTS (edges))
        v = edges[i];
      else
        {
          /* integers of every length up to 16 digits, both signs */
          double scale = pow (10, g_rand_int_range (rng, 0, 17));
          v = floor (g_rand_double (rng) * scale) * (g_rand_boolean (rng) ? 1 : -1);
        }
      g_assert_cmpuint (strata_format_double (v, fast, sizeof fast), ==, strlen (fast));
      for (guint p = 15; p <= 17; p++)
        {
          char format[8];

          g_snprintf (format, sizeof format, "%%.%ug", p);
          g_ascii_formatd (slow, sizeof slow, format, v);
          if (p == 17 || g_ascii_strtod (slow, NULL) == v)
            break;
        }
      if (strcmp (fast, slow) != 0)
        g_error ("%.17g: “%s”, the general path gives “%s”", v, fast, slow);
    }
}

/* The shortest of "%.15g" … "%.17g" that reads back, by printf alone (the
 * reference strata_format_double() must agree with). */
static void
reference_format (double  v,
                  char   *buf)
{
  for (guint p = 15; p <= 17; p++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%ug", p);
      g_ascii_formatd (buf, G_ASCII_DTOSTR_BUF_SIZE, format, v);
      if (p == 17 || g_ascii_strtod (buf, NULL) == v)
        break;
    }
}

/* strata_format_double rounds the 15- and 16-digit forms from the 17
 * digits printf gives (printf itself at a tie): the same text as printf
 * for every form, on doubles of every kind — random bit patterns (every
 * exponent, subnormals), ratios of counts as supports and confidences
 * are, numbers of few digits, neighbours of powers of ten (where rounding
 * carries into a new digit), and edges. */
static void
test_format_shortest (void)
{
  g_autoptr(GRand) rng = g_rand_new_with_seed (11);
  static const double edges[] = {
    0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3, 0.5, 1e-5, 1e-4, 9.9999999999999995e-05, 0.001,
    1e15 + 0.5, 1e16, 1e17, 1e21, 1e22, 1e23, 9.999999999999999e22, 123456789012345.67,
    5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, -1.7976931348623157e308,
    0.0010167768174885613, 0.99999999999999989, 9.5, 0.95, 0.095, 99999999999999.99,
  };
  guint ties = 0;

  for (guint i = 0; i < G_N_ELEMENTS (edges) + 400000; i++)
    {
      double v;
      char fast[G_ASCII_DTOSTR_BUF_SIZE], slow[G_ASCII_DTOSTR_BUF_SIZE], e17[64];
      guint kind = i % 4;

      if (i < G_N_ELEMENTS (edges))
        v = edges[i];
      else if (kind == 0)  /* any finite double */
        {
          guint64 bits = (guint64) g_rand_int (rng) << 32 | g_rand_int (rng);
          memcpy (&v, &bits, sizeof v);
          if (!isfinite (v))
            continue;
        }
      else if (kind == 1)  /* count / N */
        v = (double) g_rand_int_range (rng, 1, 100000) / (double) g_rand_int_range (rng, 1, 100000);
      else if (kind == 2)  /* few digits, any decade */
        v = (double) g_rand_int_range (rng, -9999, 10000) * pow (10, g_rand_int_range (rng, -30, 30));
      else  /* next to a power of ten */
        v = nextafter (pow (10, g_rand_int_range (rng, -20, 25)),
                       g_rand_boolean (rng) ? INFINITY : 0) * (g_rand_boolean (rng) ? 1 : -1);
      g_assert_cmpuint (strata_format_double (v, fast, sizeof fast), ==, strlen (fast));
      reference_format (v, slow);
      if (strcmp (fast, slow) != 0)
        g_error ("%.17g: “%s”, printf gives “%s”", v, fast, slow);
      g_snprintf (e17, sizeof e17, "%.16e", v);
      ties += strstr (e17, "50e") != NULL;
    }
  g_assert_cmpuint (ties, >, 100);  /* the printf fallback was exercised */
}

static void
test_number_exact (void)
{
  static const char *const fixed[] = {
    "0", "-0", "1", "0.1", "0.3", "1e22", "1e23", "9007199254740993", "18446744073709551615",
    "18446744073709551616", "1.7976931348623157e308", "4.9e-324", "2.2250738585072014e-308",
    "0.000001", "0.00001", "123456789012345", "1234567890123456", "1.0", "007", "+3.5",
    "1e-27", "9999999999999999999e27", "0.1e-400", "1e400", "5e-324", "123.456e-5",
    "inf", "-inf", "Infinity", "+INF",
  };
  static const char *const not_numbers[] = {
    "", "-", ".", "e5", "1e", "1e+", "0x10", "in", "infinit", "nan", "-nan", "infx", "1,5", "1.2.3", "12a", "- 1",
  };
  GRand *rand = g_rand_new_with_seed (20261121);

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    check_number (fixed[i]);
  for (guint i = 0; i < G_N_ELEMENTS (not_numbers); i++)
    {
      double v;
      StrataCsvNumberForm form;
      guint8 digits;
      g_assert_false (strata_csv_parse_number (not_numbers[i], strlen (not_numbers[i]), &v, &form, &digits));
    }

  /* Random decimals of 1 to 21 digits, point anywhere, exponents ±40. */
  for (guint i = 0; i < 300000; i++)
    {
      char s[64];
      int n_digits = g_rand_int_range (rand, 1, 22);
      int point = g_rand_int_range (rand, -1, n_digits + 1);
      int len = 0;

      if (g_rand_boolean (rand))
        s[len++] = '-';
      for (int d = 0; d < n_digits; d++)
        {
          if (d == point && d > 0)
            s[len++] = '.';
          s[len++] = (char) ('0' + g_rand_int_range (rand, d == 0 && n_digits > 1 ? 1 : 0, 10));
        }
      if (g_rand_int_range (rand, 0, 4) == 0)
        len += g_snprintf (s + len, sizeof s - (gsize) len, "e%d", g_rand_int_range (rand, -40, 41));
      s[len] = '\0';
      check_number (s);
    }
  g_rand_free (rand);
}

/* --- progress, cancellation, gzip ----------------------------------------- */

typedef struct {
  guint64       last;
  guint         calls;
  GCancellable *cancel_after_first;
} Progress;

static void
on_progress (guint64  done,
             guint64  total,
             gpointer user_data)
{
  Progress *p = user_data;

  g_assert_cmpuint (done, >=, p->last);
  g_assert_cmpuint (done, <=, total);
  p->last = done;
  p->calls++;
  if (p->cancel_after_first != NULL)
    g_cancellable_cancel (p->cancel_after_first);
}

static char *
write_big_numeric_file (GError **error)
{
  g_autoptr(GString) text = g_string_new ("a,b,c\n");
  char *path = NULL;
  int fd = g_file_open_tmp ("strata-csv-XXXXXX.csv", &path, error);

  if (fd < 0)
    return NULL;
  close (fd);
  for (int i = 0; i < 300000; i++)
    g_string_append_printf (text, "%d,%d.5,%d\n", i, i % 100, -i);
  if (!g_file_set_contents (path, text->str, (gssize) text->len, error))
    g_clear_pointer (&path, g_free);
  return path;
}

static void
test_progress_and_cancel (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_big_numeric_file (&error);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(StrataTable) t = NULL;
  Progress p = { 0 };
  StrataTable *cancelled;
  struct stat st;

  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  t = strata_csv_read_file (path, NULL, on_progress, &p, cancellable, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strata_table_get_n_rows (t), ==, 300000);
  g_assert_cmpuint (p.calls, >=, 2);
  g_assert_cmpuint (p.last, ==, (guint64) st.st_size);

  p = (Progress) { .cancel_after_first = cancellable };
  cancelled = strata_csv_read_file (path, NULL, on_progress, &p, cancellable, NULL, &error);
  g_assert_null (cancelled);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (p.calls, ==, 1);
  g_unlink (path);
}

static void
test_gzip (void)
{
  g_autofree char *iris = dataset_path ("iris.csv");
  g_autofree char *gz = g_build_filename (g_get_tmp_dir (), "strata-test-iris.csv.gz", NULL);
  g_autoptr(GZlibCompressor) gzip = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 6);
  g_autoptr(GFile) out_file = g_file_new_for_path (gz);
  g_autoptr(GFileOutputStream) raw = NULL;
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataTable) plain = NULL;
  g_autoptr(StrataTable) t = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  g_file_get_contents (iris, &contents, &len, &error);
  g_assert_no_error (error);
  raw = g_file_replace (out_file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  out = g_converter_output_stream_new (G_OUTPUT_STREAM (raw), G_CONVERTER (gzip));
  g_output_stream_write_all (out, contents, len, NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (out, NULL, &error);
  g_assert_no_error (error);

  plain = strata_csv_read_file (iris, NULL, NULL, NULL, NULL, NULL, &error);
  t = strata_csv_read_file (gz, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strata_table_get_n_rows (t), ==, 150);
  for (guint j = 0; j < 5; j++)
    for (gsize i = 0; i < 150; i++)
      {
        g_autofree char *a = cell (plain, j, i);
        g_autofree char *b = cell (t, j, i);
        g_assert_cmpstr (a, ==, b);
      }
  g_unlink (gz);
}

static void
test_io_error_names_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataTable) t = strata_csv_read_file ("/nonexistent/strata.csv", NULL, NULL, NULL,
                                                   NULL, NULL, &error);

  g_assert_null (t);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "/nonexistent/strata.csv"));
}

/* --- writer --------------------------------------------------------------- */

static void
assert_tables_equal (StrataTable *a,
                     StrataTable *b)
{
  g_assert_cmpuint (strata_table_get_n_rows (a), ==, strata_table_get_n_rows (b));
  g_assert_cmpuint (strata_table_get_n_columns (a), ==, strata_table_get_n_columns (b));
  for (guint j = 0; j < strata_table_get_n_columns (a); j++)
    {
      StrataColumn *ca = strata_table_get_column (a, j), *cb = strata_table_get_column (b, j);

      g_assert_cmpstr (strata_column_get_name (ca), ==, strata_column_get_name (cb));
      g_assert_cmpint (strata_column_get_kind (ca), ==, strata_column_get_kind (cb));
      for (gsize i = 0; i < strata_table_get_n_rows (a); i++)
        {
          g_autofree char *x = cell (a, j, i);
          g_autofree char *y = cell (b, j, i);
          g_assert_cmpstr (x, ==, y);
        }
    }
}

static void
round_trip (StrataTable *t)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "strata-test-round-trip.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataTable) back = NULL;
  StrataCsvOptions options;

  strata_csv_write_file (t, path, ',', &error);
  g_assert_no_error (error);
  strata_csv_options_init (&options);
  options.header = STRATA_CSV_HEADER_PRESENT;
  back = strata_csv_read_file (path, &options, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_tables_equal (t, back);
  g_unlink (path);
}

static void
test_write_round_trip_datasets (void)
{
  static const char *const names[] = {
    "iris.csv", "titanic/train.csv", "mushroom-uci/agaricus-lepiota.data", "daily-min-temperatures.csv",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = dataset_path (names[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(StrataTable) t = strata_csv_read_file (path, NULL, NULL, NULL, NULL, NULL, &error);

      g_assert_no_error (error);
      round_trip (t);
    }
}

static void
test_write_quoting (void)
{
  const char *text =
    "plain,\"with, comma\",\"with \"\"quotes\"\"\",\"multi\nline\",\"  padded  \",n\n"
    "a,\"b,c\",\"d\"\"e\",\"f\r\ng\",\" h \",1.5\n"
    ",,,,,\n"
    "x,\"y\",z,w,v,-2\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataTable) t = read_string (text, -1, NULL, NULL, &error);
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "strata-test-quoting.csv", NULL);
  g_autofree char *written = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (strata_table_get_n_rows (t), ==, 3);
  assert_cell (t, 3, 0, "f\r\ng");
  assert_cell (t, 4, 0, " h ");
  round_trip (t);

  strata_csv_write_file (t, path, ',', &error);
  g_assert_no_error (error);
  g_file_get_contents (path, &written, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (written, ==,
                   "plain,\"with, comma\",\"with \"\"quotes\"\"\",\"multi\nline\",\"  padded  \",n\n"
                   "a,\"b,c\",\"d\"\"e\",\"f\r\ng\",\" h \",1.5\n"
                   "\"\",,,,,\n"
                   "x,y,z,w,v,-2\n");
  g_unlink (path);
}

static void
test_write_error_names_file (void)
{
  g_autofree char *path = dataset_path ("iris.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataTable) t = strata_csv_read_file (path, NULL, NULL, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_false (strata_csv_write_file (t, "/nonexistent/dir/out.csv", ',', &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "/nonexistent/dir/out.csv"));
}

int
main (int   argc,
      char *argv[])
{
  static const char *const spectrum[] = {
    "comma_in_quotes", "empty", "empty_crlf", "escaped_quotes", "json", "newlines",
    "newlines_crlf", "quotes_and_newlines", "simple", "simple_crlf", "utf8",
  };

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (spectrum); i++)
    {
      g_autofree char *path = g_strconcat ("/Csv/spectrum/", spectrum[i], NULL);
      g_test_add_data_func (path, spectrum[i], test_spectrum);
    }
  g_test_add_func ("/Csv/datasets/pandas", test_datasets_match_pandas);
  g_test_add_func ("/Csv/datasets/iris", test_iris);
  g_test_add_func ("/Csv/datasets/titanic", test_titanic);
  g_test_add_func ("/Csv/datasets/mushroom", test_mushroom);
  g_test_add_func ("/Csv/datasets/daily-min-temperatures", test_daily_temperatures);
  g_test_add_func ("/Csv/bad/empty", test_bad_empty);
  g_test_add_func ("/Csv/bad/header-only", test_bad_header_only);
  g_test_add_func ("/Csv/bad/unterminated-quote", test_bad_unterminated_quote);
  g_test_add_func ("/Csv/bad/binary-garbage", test_bad_binary_garbage);
  g_test_add_func ("/Csv/bad/mixed-line-endings", test_bad_mixed_line_endings);
  g_test_add_func ("/Csv/bad/ragged", test_bad_ragged);
  g_test_add_func ("/Csv/bad/short-row", test_bad_short_row);
  g_test_add_func ("/Csv/bad/invalid-utf8", test_bad_invalid_utf8);
  g_test_add_func ("/Csv/bad/huge-field", test_bad_huge_field);
  g_test_add_func ("/Csv/bad/fuzz-bom-inside-field", test_bad_fuzz_bom_inside_field);
  g_test_add_func ("/Csv/dialect/sniff", test_sniff);
  g_test_add_func ("/Csv/dialect/details", test_dialect_details);
  g_test_add_func ("/Csv/dialect/header", test_header_detection);
  g_test_add_func ("/Csv/dialect/missing-tokens", test_missing_tokens);
  g_test_add_func ("/Csv/infer/late-text-keeps-original", test_late_text_keeps_original);
  g_test_add_func ("/Csv/infer/overrides", test_overrides);
  g_test_add_func ("/Csv/infer/categorical-rule", test_categorical_rule);
  g_test_add_func ("/Csv/number/exact", test_number_exact);
  g_test_add_func ("/Csv/format/whole-numbers", test_format_whole_numbers);
  g_test_add_func ("/Csv/format/shortest", test_format_shortest);
  g_test_add_func ("/Csv/read/progress-and-cancel", test_progress_and_cancel);
  g_test_add_func ("/Csv/read/gzip", test_gzip);
  g_test_add_func ("/Csv/read/io-error", test_io_error_names_file);
  g_test_add_func ("/Csv/write/round-trip-datasets", test_write_round_trip_datasets);
  g_test_add_func ("/Csv/write/quoting", test_write_quoting);
  g_test_add_func ("/Csv/write/error", test_write_error_names_file);

  return g_test_run ();
}
