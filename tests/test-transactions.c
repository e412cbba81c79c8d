/* test-transactions.c — basket and FIMI readers, tables as transactions
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Expected transactions are written out by hand from each small input.
 */

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "strata-transactions.h"
#include "strata-util-private.h"

/* Writes @text to a new file in a temporary directory; returns its path. */
static char *
write_temp (const char *name,
            const char *text,
            gssize      len)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("strata-tr-XXXXXX", &error);
  char *path;

  g_assert_no_error (error);
  path = g_build_filename (dir, name, NULL);
  g_assert_true (g_file_set_contents (path, text, len, &error));
  g_assert_no_error (error);
  return path;
}

static void
remove_temp (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_remove (path);
  g_rmdir (dir);
}

/* Transaction @t as "name|name|…" in item id order. */
static char *
transaction_string (StrataTransactions *tr,
                    gsize               t)
{
  gsize n;
  const guint32 *items = strata_transactions_get_items (tr, t, &n);
  GString *s = g_string_new (NULL);

  for (gsize i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (s, '|');
      g_string_append (s, strata_transactions_get_item_name (tr, items[i]));
    }
  return g_string_free (s, FALSE);
}

static void
assert_transactions (StrataTransactions *tr,
                     const char *const  *expected)
{
  g_assert_cmpuint (strata_transactions_get_n_transactions (tr), ==, g_strv_length ((char **) expected));
  for (gsize t = 0; expected[t] != NULL; t++)
    {
      g_autofree char *got = transaction_string (tr, t);
      g_assert_cmpstr (got, ==, expected[t]);
    }
}

static void
test_basket (void)
{
  /* Quoted items hold the delimiter and quotes; blanks around unquoted items
   * go; a repeated item counts once; empty items and blank lines vanish. */
  const char *text =
    "milk, bread ,milk\r\n"
    "\n"
    "\"salt, coarse\",bread,,\"say \"\"cheese\"\"\"\n"
    "eggs\n"
    "bread,eggs,";
  const char *const expected[] = {
    "milk|bread", "bread|salt, coarse|say \"cheese\"", "eggs", "bread|eggs", NULL,
  };
  g_autofree char *path = write_temp ("b.csv", text, -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataTransactions) tr = strata_transactions_read_basket (path, ',', NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (strata_transactions_get_n_items (tr), ==, 5);
  g_assert_cmpuint (strata_transactions_get_total_items (tr), ==, 8);
  g_assert_cmpint (strata_transactions_lookup_item (tr, "salt, coarse"), ==, 2);
  g_assert_cmpint (strata_transactions_lookup_item (tr, "butter"), ==, -1);
  /* items are ids in first-appearance order, each list sorted by id */
  assert_transactions (tr, expected);
  remove_temp (path);
}

static void
test_basket_semicolon_gzip (void)
{
  const char *text = "a;b\nc;a\n";
  g_autoptr(GConverter) z = G_CONVERTER (g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 6));
  char gz[256];
  gsize read, written;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(StrataTransactions) tr = NULL;
  const char *const expected[] = { "a|b", "a|c", NULL };

  g_assert_cmpint (g_converter_convert (z, text, strlen (text), gz, sizeof gz,
                                        G_CONVERTER_INPUT_AT_END, &read, &written, &error),
                   ==, G_CONVERTER_FINISHED);
  path = write_temp ("b.txt.gz", gz, written);
  tr = strata_transactions_read_basket (path, ';', NULL, &error);
  g_assert_no_error (error);
  assert_transactions (tr, expected);
  remove_temp (path);
}

static void
test_basket_unterminated_quote (void)
{
  g_autofree char *path = write_temp ("q.csv", "a,b\nc,\"d\ne\n", -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataTransactions) tr = strata_transactions_read_basket (path, ',', NULL, &error);

  g_assert_null (tr);
  g_assert_error (error, STRATA_TRANSACTIONS_ERROR, STRATA_TRANSACTIONS_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, path));
  remove_temp (path);
}

static void
test_basket_stray_quote (void)
{
  g_autofree char *path = write_temp ("s.csv", "a,b\nc,d\"e\n", -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataTransactions) tr = strata_transactions_read_basket (path, ',', NULL, &error);
  g_autofree char *where = g_strdup_printf ("%s:2", path);

  g_assert_null (tr);
  g_assert_error (error, STRATA_TRANSACTIONS_ERROR, STRATA_TRANSACTIONS_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, where));
  remove_temp (path);
}

/* Reads @text as a basket file twice (in @dir): as it is, and after a first line
 * holding a quoted item, which makes the reader hand the whole file to
 * libcsv. Unless @text has quotes itself, the first read takes the fast
 * path (from the first quote on, libcsv): both must give the same
 * transactions. */
/* Writes @len bytes of @text to @path with stdio (g_file_set_contents()
 * syncs each file to disk: slow for hundreds of them). */
static void
write_file (const char *path,
            const char *text,
            gsize       len)
{
  FILE *f = fopen (path, "wb");

  g_assert_nonnull (f);
  g_assert_cmpuint (fwrite (text, 1, len, f), ==, len);
  g_assert_cmpint (fclose (f), ==, 0);
}

static void
assert_same_as_libcsv (const char *dir,
                       const char *text,
                       gsize       len)
{
  g_autofree char *path = g_build_filename (dir, "fast.csv", NULL);
  g_autofree char *path_csv = g_build_filename (dir, "csv.csv", NULL);
  g_autoptr(GString) forced = g_string_new ("\"q\"\n");
  g_autoptr(StrataTransactions) fast = NULL, csv = NULL;
  g_autoptr(GError) error = NULL;
  gsize n;

  write_file (path, text, len);
  g_string_append_len (forced, text, len);
  write_file (path_csv, forced->str, forced->len);

  fast = strata_transactions_read_basket (path, ',', NULL, &error);
  g_assert_no_error (error);
  csv = strata_transactions_read_basket (path_csv, ',', NULL, &error);
  g_assert_no_error (error);
  n = strata_transactions_get_n_transactions (fast);
  g_assert_cmpuint (strata_transactions_get_n_transactions (csv), ==, n + 1);
  g_assert_cmpuint (strata_transactions_get_n_items (csv), ==, strata_transactions_get_n_items (fast) + 1);
  for (gsize t = 0; t < n; t++)
    {
      /* "q" is item 0 of csv: the others keep their order of appearance */
      g_autofree char *a = transaction_string (fast, t);
      g_autofree char *b = transaction_string (csv, t + 1);
      g_assert_cmpstr (a, ==, b);
    }
  g_remove (path);
  g_remove (path_csv);
}

static void
test_basket_fast_path (void)
{
  static const char *const pieces[] = {
    "a", "b", "milk", "x y", " ", "\t", ",", ",", "\n", "\r", "\r\n", "",
  };
  g_autoptr(GString) big = g_string_new (NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("strata-tr-XXXXXX", &error);

  g_assert_no_error (error);

  /* Small random files: blanks, empty items, CR / LF / CRLF, no final line end. */
  for (guint seed = 0; seed < 300; seed++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      guint n = g_rand_int_range (rand, 0, 80);

      for (guint i = 0; i < n; i++)
        g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      assert_same_as_libcsv (dir, text->str, text->len);
    }

  /* Several 64 KiB blocks: lines cross block ends, one line is longer than
   * a block, and a quoted item after the first block hands the rest over
   * to libcsv in the middle of the file. */
  while (big->len < 300000)
    {
      guint n = big->len > 100000 && big->len < 101000 ? 20000 : g_rand_int_range (rand, 0, 12);

      for (guint i = 0; i < n; i++)
        g_string_append_printf (big, "%s%s%u", i > 0 ? "," : "", i % 3 == 0 ? " " : "",
                                g_rand_int_range (rand, 0, 500));
      g_string_append (big, g_rand_boolean (rand) ? "\n" : "\r\n");
      if (big->len > 200000 && big->len < 200100)
        g_string_append (big, "\"quoted, item\",7\n");
    }
  assert_same_as_libcsv (dir, big->str, big->len);
  g_rmdir (dir);
}

static void
test_fimi (void)
{
  /* Trailing spaces, tabs, CRLF, a blank line, no final newline. */
  const char *text = "10 20 30 \n\n20 10 10\r\n7\t30 \n30 20";
  const char *const expected[] = { "10|20|30", "10|20", "30|7", "20|30", NULL };
  g_autofree char *path = write_temp ("f.dat", text, -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataTransactions) tr = strata_transactions_read_fimi (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (strata_transactions_get_n_items (tr), ==, 4);
  assert_transactions (tr, expected);
  remove_temp (path);
}

static void
test_fimi_bad_token (void)
{
  g_autofree char *path = write_temp ("bad.dat", "1 2 3\n4 x5\n", -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataTransactions) tr = strata_transactions_read_fimi (path, NULL, &error);
  g_autofree char *where = g_strdup_printf ("%s:2:3", path);

  g_assert_null (tr);
  g_assert_error (error, STRATA_TRANSACTIONS_ERROR, STRATA_TRANSACTIONS_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, where));
  remove_temp (path);
}

static void
test_missing_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataTransactions) tr =
    strata_transactions_read_fimi ("/nonexistent/strata.dat", NULL, &error);

  g_assert_null (tr);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "/nonexistent/strata.dat"));
}

static void
test_cancelled (void)
{
  g_autofree char *path = write_temp ("c.dat", "1 2\n", -1);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataTransactions) tr = NULL;

  g_cancellable_cancel (cancellable);
  tr = strata_transactions_read_fimi (path, cancellable, &error);
  g_assert_null (tr);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  remove_temp (path);
}

static StrataColumn *
categorical (const char        *name,
             const gint32      *codes,
             gsize              n,
             const char *const *categories)
{
  return strata_column_new_categorical (name, g_memdup2 (codes, n * sizeof (gint32)), n,
                                        g_strdupv ((char **) categories));
}

static void
test_table (void)
{
  const char *const colours[] = { "red", "blue", NULL };
  const gint32 codes[] = { 0, 1, -1, 0 };
  const double flags[] = { 1, 0, 1, NAN };
  char **texts = g_new0 (char *, 4);
  g_autoptr(StrataColumn) c1 = categorical ("colour", codes, 4, colours);
  g_autoptr(StrataColumn) c2 = strata_column_new_numeric ("organic", g_memdup2 (flags, sizeof flags), 4);
  g_autoptr(StrataColumn) c3 = NULL;
  g_autoptr(StrataTable) table = NULL;
  g_autoptr(StrataTransactions) tr = NULL;
  g_autoptr(GError) error = NULL;
  const char *const expected[] = {
    "colour=red|organic|shop=north", "colour=blue", "organic", "colour=red|shop=north", NULL,
  };

  texts[0] = g_strdup ("north");
  texts[3] = g_strdup ("north");
  c3 = strata_column_new_text ("shop", texts, 4, NULL);
  table = strata_table_new ((StrataColumn *[]) { c1, c2, c3 }, 3, &error);
  g_assert_no_error (error);

  tr = strata_transactions_new_from_table (table, &error);
  g_assert_no_error (error);
  /* a row with nothing true is still a transaction: supports count rows */
  assert_transactions (tr, expected);
}

static void
test_table_numeric_error (void)
{
  const double ages[] = { 21, 35, 0 };
  g_autoptr(StrataColumn) c = strata_column_new_numeric ("age", g_memdup2 (ages, sizeof ages), 3);
  g_autoptr(StrataTable) table = strata_table_new (&c, 1, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataTransactions) tr = strata_transactions_new_from_table (table, &error);

  g_assert_null (tr);
  g_assert_error (error, STRATA_TRANSACTIONS_ERROR, STRATA_TRANSACTIONS_ERROR_KIND);
  g_assert_nonnull (strstr (error->message, "“age”"));
  g_assert_nonnull (strstr (error->message, "discretize"));
}

static void
test_detect_format (void)
{
  struct { const char *file; StrataTransactionsFormat format; } cases[] = {
    { "groceries.csv", STRATA_TRANSACTIONS_FORMAT_BASKET },
    { "retail.dat", STRATA_TRANSACTIONS_FORMAT_FIMI },
    { "iris.csv", STRATA_TRANSACTIONS_FORMAT_TABLE },
    { "titanic/train.csv", STRATA_TRANSACTIONS_FORMAT_TABLE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename (g_getenv ("STRATA_SOURCE_ROOT"), "data", "datasets",
                                                cases[i].file, NULL);
      g_autoptr(GError) error = NULL;
      StrataTransactionsFormat format;

      g_assert_true (strata_transactions_detect_format (path, ',', &format, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (strata_transactions_format_to_string (format), ==,
                       strata_transactions_format_to_string (cases[i].format));
    }
}

/* Sniffing a sample without quotes counts fields and rows directly; with a
 * quote, libcsv does. Random table-like and basket-like files (blank lines,
 * CR / LF / CRLF, blanks around fields, no final line end) are sniffed as
 * they are and with their first field in quotes, which changes no field
 * count: both must give the same kind. */
static void
test_detect_format_fast (void)
{
  static const char *const tokens[] = { "a", "bb", "", " c", "d ", "\te" };
  static const char *const ends[] = { "\n", "\r\n", "\r" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("strata-tr-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "sniff.csv", NULL);
  g_autofree char *path_q = g_build_filename (dir, "sniff-q.csv", NULL);
  guint tables = 0, compared = 0;

  g_assert_no_error (error);
  for (guint seed = 0; seed < 400; seed++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(GString) quoted = g_string_new ("\"");
      guint n_lines = g_rand_int_range (rand, 0, 8), width = g_rand_int_range (rand, 1, 4);
      gboolean same = g_rand_double (rand) < 0.7;
      StrataTransactionsFormat plain_format, csv_format;
      gsize first;

      for (guint l = 0; l < n_lines; l++)
        {
          guint n = same ? width : (guint) g_rand_int_range (rand, 1, 4);

          if (g_rand_double (rand) < 0.15)
            n = 0;  /* a blank line, maybe with blanks */
          if (n == 0 && g_rand_boolean (rand))
            g_string_append (text, g_rand_boolean (rand) ? "  " : " \t");
          for (guint f = 0; f < n; f++)
            g_string_append_printf (text, "%s%s", f > 0 ? "," : "",
                                    tokens[g_rand_int_range (rand, 0, G_N_ELEMENTS (tokens))]);
          if (l + 1 < n_lines || g_rand_boolean (rand))
            g_string_append (text, ends[g_rand_int_range (rand, 0, G_N_ELEMENTS (ends))]);
        }
      write_file (path, text->str, text->len);
      g_assert_true (strata_transactions_detect_format (path, ',', &plain_format, &error));
      g_assert_no_error (error);
      tables += plain_format == STRATA_TRANSACTIONS_FORMAT_TABLE;

      /* The first field in quotes, when the file starts with a letter. */
      if (!g_ascii_isalpha (text->str[0]))
        continue;
      first = strcspn (text->str, ",\r\n");
      g_string_append_len (quoted, text->str, first);
      g_string_append_c (quoted, '"');
      g_string_append (quoted, text->str + first);
      write_file (path_q, quoted->str, quoted->len);
      g_assert_true (strata_transactions_detect_format (path_q, ',', &csv_format, &error));
      g_assert_no_error (error);
      g_assert_cmpint (plain_format, ==, csv_format);
      compared++;
    }
  /* both kinds, and enough comparisons */
  g_assert_cmpuint (tables, >, 40);
  g_assert_cmpuint (tables, <, 360);
  g_assert_cmpuint (compared, >, 150);
  g_remove (path);
  g_remove (path_q);
  g_rmdir (dir);
}

static void
test_real_files (void)
{
  g_autofree char *groceries = g_build_filename (g_getenv ("STRATA_SOURCE_ROOT"), "data", "datasets",
                                                 "groceries.csv", NULL);
  g_autofree char *retail = g_build_filename (g_getenv ("STRATA_SOURCE_ROOT"), "data", "datasets",
                                              "retail.dat", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataTransactions) g = strata_transactions_read_basket (groceries, ',', NULL, &error);
  g_autoptr(StrataTransactions) r = strata_transactions_read_fimi (retail, NULL, &error);

  g_assert_no_error (error);
  /* The published sizes: Groceries (arules) 9835 × 169; retail (FIMI
   * repository) 88162 transactions, 16470 items, 908576 item occurrences. */
  g_assert_cmpuint (strata_transactions_get_n_transactions (g), ==, 9835);
  g_assert_cmpuint (strata_transactions_get_n_items (g), ==, 169);
  g_assert_cmpuint (strata_transactions_get_n_transactions (r), ==, 88162);
  g_assert_cmpuint (strata_transactions_get_n_items (r), ==, 16470);
  g_assert_cmpuint (strata_transactions_get_total_items (r), ==, 908576);
  g_assert_cmpint (strata_transactions_lookup_item (g, "cream cheese"), >=, 0);
  /* flat storage: 4 bytes per occurrence + 8 per transaction, plus names */
  g_assert_cmpuint (strata_transactions_get_memory_size (r), >=, 908576 * 4 + 88162 * 8);
  g_assert_cmpuint (strata_transactions_get_memory_size (r), <, 908576 * 4 + 88162 * 8 + (2 << 20));

  /* Every list sorted and without duplicates (with the total above, none
   * lost), the long ones too, which another sort than the short ones' puts
   * in order. */
  {
    gsize long_ones = 0;

    for (gsize t = 0; t < 88162; t++)
      {
        gsize n;
        const guint32 *items = strata_transactions_get_items (r, t, &n);
        for (gsize i = 1; i < n; i++)
          g_assert_cmpuint (items[i - 1], <, items[i]);
        long_ones += n > 16;
      }
    g_assert_cmpuint (long_ones, >, 1000);
  }
}

static int
compare_ids (const void *a,
             const void *b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;
  return (x > y) - (x < y);
}

/* strata_sort_guint32 (sorting networks up to 5 items, insertion sort up
 * to 16, an inlined quicksort beyond) against qsort(): every list of up to
 * 7 values of 0 … n (so with duplicates), then random lists of up to 300. */
static void
test_sort_ids (void)
{
  g_autoptr(GRand) rng = g_rand_new_with_seed (5);

  for (gsize n = 0; n <= 7; n++)
    {
      gsize total = 1;
      for (gsize i = 0; i < n; i++)
        total *= n + 1;
      for (gsize c = 0; c < total; c++)
        {
          guint32 a[8], b[8];
          gsize x = c;
          for (gsize i = 0; i < n; i++, x /= n + 1)
            a[i] = b[i] = x % (n + 1);
          strata_sort_guint32 (a, n);
          qsort (b, n, sizeof (guint32), compare_ids);
          g_assert_cmpmem (a, n * sizeof (guint32), b, n * sizeof (guint32));
        }
    }
  for (guint t = 0; t < 5000; t++)
    {
      gsize n = g_rand_int_range (rng, 0, 300);
      g_autofree guint32 *a = g_new (guint32, MAX (n, 1));
      g_autofree guint32 *b = g_new (guint32, MAX (n, 1));
      for (gsize i = 0; i < n; i++)
        a[i] = b[i] = g_rand_int_range (rng, 0, t % 2 ? 50 : 100000);
      strata_sort_guint32 (a, n);
      qsort (b, n, sizeof (guint32), compare_ids);
      g_assert_cmpmem (a, n * sizeof (guint32), b, n * sizeof (guint32));
    }
}

/* Random bytes (biased towards the characters the formats care about)
 * must give transactions or an error, never a crash, for every reader. */
static void
test_garbage (void)
{
  static const char alphabet[] = "0123456789 ,;\"\n\r\tab\xc3\xa9\x00\xff";

  for (guint32 seed = 1; seed <= 100; seed++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      gsize len = g_rand_int_range (rand, 0, 2000);
      g_autofree char *bytes = g_malloc (len + 1);
      g_autofree char *path = NULL;

      for (gsize i = 0; i < len; i++)
        bytes[i] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
      path = write_temp (seed % 2 ? "g.dat" : "g.csv", bytes, len);
      for (StrataTransactionsFormat f = STRATA_TRANSACTIONS_FORMAT_BASKET;
           f <= STRATA_TRANSACTIONS_FORMAT_TABLE; f++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(StrataTransactions) tr = strata_transactions_read_file (path, f, ',', NULL, &error);
          StrataTransactionsFormat detected;

          g_assert_true ((tr == NULL) == (error != NULL));
          if (error != NULL)
            g_assert_nonnull (strstr (error->message, path));
          for (gsize t = 0; tr != NULL && t < strata_transactions_get_n_transactions (tr); t++)
            {
              gsize n;
              const guint32 *items = strata_transactions_get_items (tr, t, &n);
              for (gsize i = 0; i < n; i++)
                {
                  g_assert_cmpuint (items[i], <, strata_transactions_get_n_items (tr));
                  if (i > 0)
                    g_assert_cmpuint (items[i - 1], <, items[i]);
                }
            }
          g_assert_true (strata_transactions_detect_format (path, ',', &detected, NULL));
        }
      remove_temp (path);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Transactions/basket/quoting", test_basket);
  g_test_add_func ("/Transactions/basket/fast-path", test_basket_fast_path);
  g_test_add_func ("/Transactions/sort-ids", test_sort_ids);
  g_test_add_func ("/Transactions/basket/semicolon-gzip", test_basket_semicolon_gzip);
  g_test_add_func ("/Transactions/basket/unterminated-quote", test_basket_unterminated_quote);
  g_test_add_func ("/Transactions/basket/stray-quote", test_basket_stray_quote);
  g_test_add_func ("/Transactions/fimi/format", test_fimi);
  g_test_add_func ("/Transactions/fimi/bad-token", test_fimi_bad_token);
  g_test_add_func ("/Transactions/missing-file", test_missing_file);
  g_test_add_func ("/Transactions/cancelled", test_cancelled);
  g_test_add_func ("/Transactions/table/items", test_table);
  g_test_add_func ("/Transactions/table/numeric-error", test_table_numeric_error);
  g_test_add_func ("/Transactions/detect-format", test_detect_format);
  g_test_add_func ("/Transactions/detect-format/fast", test_detect_format_fast);
  g_test_add_func ("/Transactions/real-files", test_real_files);
  g_test_add_func ("/Transactions/garbage", test_garbage);
  return g_test_run ();
}
