/* strata-transactions.c — reading basket / FIMI files and converting tables
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * Every source feeds one Builder (strata-transactions-builder.c: a flat
 * array of item ids, names interned once). FIMI files skip the names'
 * table: an item id is parsed as an integer and mapped to its dense id
 * through a plain array.
 *
 * Files are streamed in 64 KiB blocks and the GCancellable is polled once
 * per block. Basket files are split on the delimiter and line ends
 * directly (one pass finding item ends eight bytes at a time) as long as
 * no double quote (or NUL byte) has appeared; from the first block holding
 * one, the rest of the file, starting with the incomplete line carried
 * over, goes through libcsv (strict mode, so a stray quote is an error
 * with its line). Both give the same items: libcsv on the unquoted lines
 * of groceries.csv is three times slower. FIMI files go through a small
 * state machine that knows the line and column of every byte. Telling the
 * formats apart is strata-transactions-detect.c.
 */

#include "config.h"

#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strata-csv.h"
#include "strata-transactions-private.h"
#include "strata-util-private.h"

G_DEFINE_QUARK (strata-transactions-error-quark, strata_transactions_error)

/* --- Basket files (libcsv) ------------------------------------------------ */

typedef struct {
  Builder            builder;
  struct csv_parser  parser;
  const char        *path;
  char               delimiter;
  gboolean           use_csv;     /* a quote was seen: libcsv from here on */
  GString           *carry;       /* the incomplete last line of the fast path */
  guint64            line;        /* 1-based line of the current block start */
  gboolean           row_failed;
  guint8             ends[256];   /* the bytes that end an item: delimiter, CR, LF */
} BasketState;

static void
basket_field (void   *s,
              size_t  len,
              void   *data)
{
  BasketState *st = data;

  if (s == NULL || len == 0)
    return;  /* an empty item: ",," or a trailing delimiter */
  builder_add_item (&st->builder, transactions_builder_intern (&st->builder, s));
}

static void
basket_row (int   c,
            void *data)
{
  BasketState *st = data;

  transactions_builder_end_transaction (&st->builder, FALSE);
}

static guint64
count_newlines (const char *s,
                gsize       len)
{
  guint64 n = 0;
  const char *end = s + len;

  while ((s = memchr (s, '\n', end - s)) != NULL)
    {
      n++;
      s++;
    }
  return n;
}

#define ONES  G_GUINT64_CONSTANT (0x0101010101010101)
#define HIGHS G_GUINT64_CONSTANT (0x8080808080808080)

/* The high bit of each byte of @x that is zero set, and possibly of bytes
 * above such a byte (never below the lowest zero byte). */
static inline guint64
zero_bytes (guint64 x)
{
  return (x - ONES) & ~x & HIGHS;
}

/* The first byte at or after @p that ends an item (the delimiter, CR or
 * LF), one must lie before @limit. Eight bytes at a time (SWAR: each byte
 * XORed with the three, a zero byte found by the classic borrow trick),
 * while eight can be read; then byte by byte. */
static inline const char *
find_item_end (const BasketState *st,
               const char        *p,
               const char        *limit)
{
  if (G_BYTE_ORDER == G_LITTLE_ENDIAN)
    {
      const guint64 d = ONES * (guchar) st->delimiter, lf = ONES * '\n', cr = ONES * '\r';

      for (; p + 8 <= limit; p += 8)
        {
          guint64 v, z;
          memcpy (&v, p, 8);
          z = zero_bytes (v ^ d) | zero_bytes (v ^ lf) | zero_bytes (v ^ cr);
          if (z != 0)
            return p + __builtin_ctzll (z) / 8;
        }
    }
  while (!st->ends[(guchar) *p])
    p++;
  return p;
}

/* The lines of [@p, @stop), where @stop[-1] is a line end, without
 * quotes, as libcsv would read them: items split on the delimiter, blanks
 * around them dropped, empty ones skipped; CR, LF and CRLF end a line (an
 * empty line gives no transaction). One pass over the bytes; the line end
 * at @stop[-1] stops every scan. @limit: the end of the readable buffer
 * (≥ @stop). Returns the number of LFs, to keep count of lines. */
static guint64
basket_fast_lines (BasketState *st,
                   const char  *p,
                   const char  *stop,
                   const char  *limit)
{
  guint64 lf = 0;

  while (p < stop)
    {
      const char *f = p, *e;

      p = find_item_end (st, p, limit);
      e = p;
      while (f < e && strata_is_blank (*f))
        f++;
      while (e > f && strata_is_blank (e[-1]))
        e--;
      if (e > f)
        builder_add_item (&st->builder, builder_intern_len (&st->builder, f, e - f, limit - f));
      if (*p != st->delimiter)
        {
          transactions_builder_end_transaction (&st->builder, FALSE);
          lf += *p == '\n';
        }
      p++;
    }
  return lf;
}

/* The last CR or LF in [@p, @end), or NULL. */
static const char *
last_line_end (const char *p,
               const char *end)
{
  while (end > p)
    {
      end--;
      if (*end == '\n' || *end == '\r')
        return end;
    }
  return NULL;
}

/* The fast path: every complete line of the block, the first one completing
 * the carried one; the incomplete last line is carried to the next block. */
static void
basket_fast_block (BasketState *st,
                   const char  *data,
                   gsize        len)
{
  const char *p = data, *end = data + len, *last;

  if (st->carry->len > 0)
    {
      const char *eol = strata_find_eol (p, end);
      g_string_append_len (st->carry, p, eol - p);
      if (eol == end)
        return;
      g_string_append_c (st->carry, *eol);  /* the line end stops the scan */
      st->line += basket_fast_lines (st, st->carry->str, st->carry->str + st->carry->len,
                                     st->carry->str + st->carry->len);
      g_string_truncate (st->carry, 0);
      p = eol + 1;
    }
  last = last_line_end (p, end);
  if (last == NULL)
    {
      g_string_append_len (st->carry, p, end - p);
      return;
    }
  st->line += basket_fast_lines (st, p, last + 1, end);
  g_string_append_len (st->carry, last + 1, end - last - 1);
}

/* libcsv on @data; FALSE with @error at a syntax error. */
static gboolean
basket_csv (BasketState  *st,
            const char   *data,
            gsize         len,
            GError      **error)
{
  size_t done = csv_parse (&st->parser, data, len, basket_field, basket_row, st);

  if (done != len)
    {
      g_set_error (error, STRATA_TRANSACTIONS_ERROR, STRATA_TRANSACTIONS_ERROR_SYNTAX,
                   "%s:%" G_GUINT64_FORMAT ": %s (a quote inside an unquoted item?)",
                   st->path, st->line + count_newlines (data, done),
                   csv_strerror (csv_error (&st->parser)));
      return FALSE;
    }
  return TRUE;
}

static gboolean
basket_block (const char  *data,
              gsize        len,
              gpointer     user_data,
              GError     **error)
{
  BasketState *st = user_data;

  if (!st->use_csv && (memchr (data, '"', len) != NULL || memchr (data, '\0', len) != NULL))
    {
      /* The carried line has no line end: st->line is still its line. */
      st->use_csv = TRUE;
      if (!basket_csv (st, st->carry->str, st->carry->len, error))
        return FALSE;
      g_string_truncate (st->carry, 0);
    }
  if (st->use_csv)
    {
      if (!basket_csv (st, data, len, error))
        return FALSE;
      st->line += count_newlines (data, len);
    }
  else
    basket_fast_block (st, data, len);  /* counts its lines */
  return TRUE;
}

StrataTransactions *
strata_transactions_read_basket (const char    *path,
                                 char           delimiter,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  BasketState st = { .path = path, .delimiter = delimiter, .line = 1 };
  g_autoptr(GString) carry = g_string_new (NULL);
  gboolean ok;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (delimiter != '"' && delimiter != '\n' && delimiter != '\0', NULL);

  transactions_builder_init (&st.builder);
  st.carry = carry;
  st.ends[(guchar) delimiter] = st.ends['\n'] = st.ends['\r'] = 1;
  /* libcsv trims blanks unless they delimit: then it alone knows the rules. */
  st.use_csv = strata_is_blank (delimiter) || delimiter == '\r';
  if (csv_init (&st.parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL | CSV_EMPTY_IS_NULL) != 0)
    g_error ("csv_init failed: out of memory");
  csv_set_delim (&st.parser, (unsigned char) delimiter);

  ok = transactions_stream_file (path, basket_block, &st, cancellable, error);
  if (ok && !st.use_csv && carry->len > 0)  /* no line end at the end */
    {
      g_string_append_c (carry, '\n');
      basket_fast_lines (&st, carry->str, carry->str + carry->len, carry->str + carry->len);
    }
  if (ok && st.use_csv && csv_fini (&st.parser, basket_field, basket_row, &st) != 0)
    {
      g_set_error (error, STRATA_TRANSACTIONS_ERROR, STRATA_TRANSACTIONS_ERROR_SYNTAX,
                   "%s:%" G_GUINT64_FORMAT ": unterminated quoted item at end of file",
                   path, st.line);
      ok = FALSE;
    }
  csv_free (&st.parser);
  if (!ok)
    {
      transactions_builder_clear (&st.builder);
      return NULL;
    }
  return transactions_builder_finish (&st.builder, error);
}

/* --- FIMI files ----------------------------------------------------------- */

typedef struct {
  Builder     builder;
  const char *path;
  GArray     *dense;      /* guint32: FIMI id → dense id + 1 (0 = unseen) */
  guint64     line;       /* 1-based */
  guint64     column;     /* 1-based column of the next byte */
  guint64     value;      /* the number being read */
  guint64     start;      /* column where it began */
  gboolean    in_number;
} FimiState;

/* The dense id of FIMI id @value, named by its decimal digits when new. */
static G_GNUC_NO_INLINE guint32
fimi_new_id (FimiState *st,
             guint64    value)
{
  char digits[24];
  gsize n = sizeof digits;

  if (value >= st->dense->len)
    g_array_set_size (st->dense, MAX (value + 1, st->dense->len * 2));
  do
    digits[--n] = (char) ('0' + value % 10);
  while ((value /= 10) != 0);
  return transactions_builder_add_name (&st->builder, digits + n, sizeof digits - n);
}

static inline void
fimi_end_number (FimiState *st)
{
  guint32 *dense = (guint32 *) (gpointer) st->dense->data;

  if (st->value >= st->dense->len || dense[st->value] == 0)
    {
      guint32 id = fimi_new_id (st, st->value);
      g_array_index (st->dense, guint32, st->value) = id + 1;
      builder_add_item (&st->builder, id);
    }
  else
    builder_add_item (&st->builder, dense[st->value] - 1);
  st->in_number = FALSE;
}

/* One block of a FIMI file. Runs of digits are read in a tight loop, and
 * the column is worked out from the line's start only when a number begins
 * or an error is reported, not counted byte by byte: reading retail.dat
 * (4 MB) took 114 M instructions before, of 303 M for the whole run at
 * 0.5%. */
static gboolean
fimi_block (const char  *data,
            gsize        len,
            gpointer     user_data,
            GError     **error)
{
  FimiState *st = user_data;
  const guchar *p = (const guchar *) data, *end = p + len;
  const guchar *line_start = p;          /* its column is line_column */
  guint64 line_column = st->column;

  while (p < end)
    {
      if (*p >= '0' && *p <= '9')
        {
          guint64 v;

          if (!st->in_number)
            {
              st->in_number = TRUE;
              st->value = 0;
              st->start = line_column + (guint64) (p - line_start);
            }
          v = st->value;
          do
            {
              /* v < 2^32 before, so one more digit cannot overflow */
              v = v * 10 + (*p++ - '0');
              if (v >= G_MAXUINT32)
                {
                  g_set_error (error, STRATA_TRANSACTIONS_ERROR, STRATA_TRANSACTIONS_ERROR_SYNTAX,
                               "%s:%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT ": item id too large",
                               st->path, st->line, st->start);
                  return FALSE;
                }
            }
          while (p < end && (guint) (*p - '0') < 10);
          st->value = v;
          continue;  /* at the block's end the number may go on in the next */
        }
      if (st->in_number)
        fimi_end_number (st);
      if (*p == '\n')
        {
          transactions_builder_end_transaction (&st->builder, FALSE);
          st->line++;
          line_start = p + 1;
          line_column = 1;
        }
      else if (*p != ' ' && *p != '\t' && *p != '\r')
        {
          g_set_error (error, STRATA_TRANSACTIONS_ERROR, STRATA_TRANSACTIONS_ERROR_SYNTAX,
                       "%s:%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT
                       ": unexpected character '%c' (a FIMI file holds non-negative integer item ids separated by spaces)",
                       st->path, st->line, line_column + (guint64) (p - line_start),
                       g_ascii_isprint (*p) ? *p : '?');
          return FALSE;
        }
      p++;
    }
  st->column = line_column + (guint64) (end - line_start);
  return TRUE;
}

StrataTransactions *
strata_transactions_read_fimi (const char    *path,
                               GCancellable  *cancellable,
                               GError       **error)
{
  FimiState st = { .path = path, .line = 1, .column = 1 };
  gboolean ok;

  g_return_val_if_fail (path != NULL, NULL);

  transactions_builder_init (&st.builder);
  st.dense = g_array_sized_new (FALSE, TRUE, sizeof (guint32), 1024);
  ok = transactions_stream_file (path, fimi_block, &st, cancellable, error);
  if (ok && st.in_number)
    fimi_end_number (&st);
  g_array_unref (st.dense);
  if (!ok)
    {
      transactions_builder_clear (&st.builder);
      return NULL;
    }
  transactions_builder_end_transaction (&st.builder, FALSE);  /* no final newline */
  return transactions_builder_finish (&st.builder, error);
}

/* --- Tables --------------------------------------------------------------- */

/* TRUE when every non-missing value of the numeric @column is 0 or 1. */
static gboolean
column_is_boolean (StrataColumn *column)
{
  const double *v = strata_column_get_numeric (column);
  gsize n = strata_column_get_n_rows (column);

  for (gsize r = 0; r < n; r++)
    if (!strata_column_is_missing (column, r) && v[r] != 0.0 && v[r] != 1.0)
      return FALSE;
  return TRUE;
}

StrataTransactions *
strata_transactions_new_from_table (StrataTable  *table,
                                    GError      **error)
{
  guint n_columns = strata_table_get_n_columns (table);
  gsize n_rows = strata_table_get_n_rows (table);
  g_autofree guint32 **code_items = g_new0 (guint32 *, n_columns);  /* categorical: code → id+1 */
  g_autofree guint32 *bool_item = g_new0 (guint32, n_columns);     /* numeric 0/1: id+1 */
  Builder b;
  GString *name = g_string_new (NULL);

  g_return_val_if_fail (table != NULL, NULL);

  for (guint c = 0; c < n_columns; c++)
    {
      StrataColumn *col = strata_table_get_column (table, c);
      if (strata_column_get_kind (col) == STRATA_COLUMN_NUMERIC && !column_is_boolean (col))
        {
          g_set_error (error, STRATA_TRANSACTIONS_ERROR, STRATA_TRANSACTIONS_ERROR_KIND,
                       "Column “%s” is numeric with values other than 0 and 1: "
                       "discretize it first (clean.discretize) or drop it",
                       strata_column_get_name (col));
          g_string_free (name, TRUE);
          return NULL;
        }
    }

  transactions_builder_init (&b);
  for (guint c = 0; c < n_columns; c++)
    {
      StrataColumn *col = strata_table_get_column (table, c);
      if (strata_column_get_kind (col) == STRATA_COLUMN_CATEGORICAL)
        code_items[c] = g_new0 (guint32, strata_column_get_n_categories (col));
    }

  for (gsize r = 0; r < n_rows; r++)
    {
      for (guint c = 0; c < n_columns; c++)
        {
          StrataColumn *col = strata_table_get_column (table, c);
          const char *colname = strata_column_get_name (col);

          if (strata_column_is_missing (col, r))
            continue;
          switch (strata_column_get_kind (col))
            {
            case STRATA_COLUMN_NUMERIC:
              if (strata_column_get_numeric (col)[r] == 1.0)
                {
                  if (bool_item[c] == 0)
                    bool_item[c] = transactions_builder_intern (&b, colname) + 1;
                  builder_add_item (&b, bool_item[c] - 1);
                }
              break;
            case STRATA_COLUMN_CATEGORICAL:
              {
                gint32 code = strata_column_get_codes (col)[r];
                if (code_items[c][code] == 0)
                  {
                    g_string_printf (name, "%s=%s", colname, strata_column_get_category (col, code));
                    code_items[c][code] = transactions_builder_intern (&b, name->str) + 1;
                  }
                builder_add_item (&b, code_items[c][code] - 1);
              }
              break;
            case STRATA_COLUMN_TEXT:
              g_string_printf (name, "%s=%s", colname, strata_column_get_text (col, r));
              builder_add_item (&b, transactions_builder_intern (&b, name->str));
              break;
            default:
              g_assert_not_reached ();
            }
        }
      transactions_builder_end_transaction (&b, TRUE);  /* a row is a transaction, even empty */
    }

  for (guint c = 0; c < n_columns; c++)
    g_free (code_items[c]);
  g_string_free (name, TRUE);
  return transactions_builder_finish (&b, error);
}

/* A CSV table (strata-csv sniffs delimiter and header), then converted. */
static StrataTransactions *
read_table (const char    *path,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(StrataTable) table =
    strata_csv_read_file (path, NULL, NULL, NULL, cancellable, NULL, error);
  g_autoptr(GError) local = NULL;
  StrataTransactions *tr;

  if (table == NULL)
    return NULL;
  tr = strata_transactions_new_from_table (table, &local);
  if (tr == NULL)
    g_set_error (error, local->domain, local->code, "%s: %s", path, local->message);
  return tr;
}

/* --- Formats -------------------------------------------------------------- */

static const char *const format_names[] = { "basket", "fimi", "table" };

const char *
strata_transactions_format_to_string (StrataTransactionsFormat format)
{
  g_return_val_if_fail (format <= STRATA_TRANSACTIONS_FORMAT_TABLE, NULL);
  return format_names[format];
}

gboolean
strata_transactions_format_from_string (const char               *s,
                                        StrataTransactionsFormat *format)
{
  guint i;

  if (!strata_name_lookup (format_names, G_N_ELEMENTS (format_names), s, &i))
    return FALSE;
  *format = (StrataTransactionsFormat) i;
  return TRUE;
}

StrataTransactions *
strata_transactions_read_file (const char                *path,
                               StrataTransactionsFormat   format,
                               char                       delimiter,
                               GCancellable              *cancellable,
                               GError                   **error)
{
  switch (format)
    {
    case STRATA_TRANSACTIONS_FORMAT_BASKET:
      return strata_transactions_read_basket (path, delimiter, cancellable, error);
    case STRATA_TRANSACTIONS_FORMAT_FIMI:
      return strata_transactions_read_fimi (path, cancellable, error);
    case STRATA_TRANSACTIONS_FORMAT_TABLE:
      return read_table (path, cancellable, error);
    default:
      g_return_val_if_reached (NULL);
    }
}

/* --- From memory ---------------------------------------------------------- */

StrataTransactions *
strata_transactions_new (const guint32     *items,
                         const gsize       *offsets,
                         gsize              n_transactions,
                         const char *const *names,
                         guint              n_items)
{
  Builder b;

  g_return_val_if_fail (offsets != NULL, NULL);

  transactions_builder_init (&b);
  for (guint i = 0; i < n_items; i++)
    {
      char buf[16];
      const char *name = names != NULL ? names[i] : buf;
      if (names == NULL)
        g_snprintf (buf, sizeof buf, "%u", i);
      if (g_hash_table_contains (b.index, name))
        {
          g_critical ("strata_transactions_new: duplicate item name “%s”", name);
          transactions_builder_clear (&b);
          return NULL;
        }
      transactions_builder_add_name (&b, name, -1);
    }
  for (gsize t = 0; t < n_transactions; t++)
    {
      for (gsize k = offsets[t]; k < offsets[t + 1]; k++)
        {
          g_return_val_if_fail (items[k] < n_items, (transactions_builder_clear (&b), NULL));
          builder_add_item (&b, items[k]);
        }
      transactions_builder_end_transaction (&b, TRUE);
    }
  return transactions_builder_finish (&b, NULL);
}

/* --- Reference counting and access ---------------------------------------- */

StrataTransactions *
strata_transactions_ref (StrataTransactions *tr)
{
  g_return_val_if_fail (tr != NULL, NULL);
  g_atomic_int_inc (&tr->ref_count);
  return tr;
}

void
strata_transactions_unref (StrataTransactions *tr)
{
  g_return_if_fail (tr != NULL);
  if (!g_atomic_int_dec_and_test (&tr->ref_count))
    return;
  g_free (tr->items);
  g_free (tr->offsets);
  g_free (tr->names);
  g_hash_table_unref (tr->index);
  g_string_chunk_free (tr->chunk);
  g_free (tr);
}

gsize
strata_transactions_get_n_transactions (StrataTransactions *tr)
{
  return tr->n_transactions;
}

guint
strata_transactions_get_n_items (StrataTransactions *tr)
{
  return tr->n_items;
}

gsize
strata_transactions_get_total_items (StrataTransactions *tr)
{
  return tr->total_items;
}

const guint32 *
strata_transactions_get_items (StrataTransactions *tr,
                               gsize               t,
                               gsize              *n_items)
{
  g_return_val_if_fail (t < tr->n_transactions, NULL);
  *n_items = tr->offsets[t + 1] - tr->offsets[t];
  return tr->items + tr->offsets[t];
}

const char *
strata_transactions_get_item_name (StrataTransactions *tr,
                                   guint32             item)
{
  g_return_val_if_fail (item < tr->n_items, NULL);
  return tr->names[item];
}

gint64
strata_transactions_lookup_item (StrataTransactions *tr,
                                 const char         *name)
{
  gpointer found = g_hash_table_lookup (tr->index, name);
  return found != NULL ? (gint64) GPOINTER_TO_UINT (found) - 1 : -1;
}

gsize
strata_transactions_get_memory_size (StrataTransactions *tr)
{
  gsize size = tr->total_items * sizeof (guint32) + (tr->n_transactions + 1) * sizeof (gsize);

  size += (tr->n_items + 1) * sizeof (char *);
  for (guint i = 0; i < tr->n_items; i++)
    size += strlen (tr->names[i]) + 1 + 3 * sizeof (gpointer);  /* string + hash slot */
  return size;
}
