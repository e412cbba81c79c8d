/* strata-csv-column.c — one column of a CSV file while it is being read
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * A builder starts as NUMERIC (unless an override says otherwise) and stores
 * only doubles: 8 bytes a row, the size of the final column. The first
 * non-missing field that is not a number demotes it to STRINGS, and the
 * earlier rows must then come back as the text that was in the file, not as
 * a reformatted double ("08123" must not become "8123"). Keeping every text
 * just in case would double the memory of every numeric column, so instead
 * each number remembers how its text relates to its value (see
 * StrataCsvNumberForm): most texts are the shortest round-trip form (a bit 0)
 * or "%.*f" with the column's usual number of decimals (a bit 1 in a lazily
 * allocated mask, 1 bit a row); the rare rest ("1e3", "+5", "007") are kept
 * verbatim in a side list. Demotion re-creates each earlier text from that.
 *
 * STRINGS columns intern each distinct value once (a hash table into a
 * GStringChunk) and store int32 codes, so repeated values cost 4 bytes a row.
 * At the end the column becomes CATEGORICAL when few values are distinct
 * (StrataCsvOptions.max_categorical_fraction) and TEXT otherwise; a TEXT
 * column's pointers point into the same chunk.
 *
 * Arrays grow by realloc to 1.5× from a capacity the reader estimates from
 * the file size. glibc serves large blocks with mmap and grows them with
 * mremap, which neither copies nor touches unused pages, and the final
 * shrinking realloc returns the over-estimate.
 */

#include "strata-csv-private.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

typedef enum {
  STATE_NUMERIC,
  STATE_STRINGS,
} BuilderState;

typedef struct {
  gsize       row;
  const char *text;  /* in exception_chunk */
} Exception;

struct _StrataCsvColumnBuilder {
  gboolean          forced;
  StrataColumnKind  forced_kind;
  BuilderState      state;
  gsize             n_rows;
  gsize             capacity;

  /* STATE_NUMERIC */
  double           *values;          /* [capacity], NAN when missing */
  guint64          *fixed_mask;      /* bit set: text is "%.*f" with fixed_digits */
  int               fixed_digits;    /* -1 until the first FIXED text */
  GArray           *exceptions;      /* of Exception, by increasing row */
  GStringChunk     *exception_chunk;

  /* STATE_STRINGS */
  gint32           *codes;           /* [capacity], -1 when missing */
  GHashTable       *dictionary;      /* string (in chunk) → code + 1 */
  GPtrArray        *distinct;        /* code → string (in chunk), borrowed */
  GStringChunk     *chunk;
  gsize             n_present;       /* non-missing rows */
};

static gsize
mask_words (gsize n)
{
  return (n + 63) / 64;
}

StrataCsvColumnBuilder *
strata_csv_column_builder_new (gboolean         forced,
                               StrataColumnKind kind,
                               gsize            capacity)
{
  StrataCsvColumnBuilder *b = g_new0 (StrataCsvColumnBuilder, 1);

  b->forced = forced;
  b->forced_kind = kind;
  b->capacity = MAX (capacity, 16);
  b->fixed_digits = -1;
  if (forced && kind != STRATA_COLUMN_NUMERIC)
    {
      b->state = STATE_STRINGS;
      b->codes = g_new (gint32, b->capacity);
      b->dictionary = g_hash_table_new (g_str_hash, g_str_equal);
      b->distinct = g_ptr_array_new ();
      b->chunk = g_string_chunk_new (4096);
    }
  else
    {
      b->state = STATE_NUMERIC;
      b->values = g_new (double, b->capacity);
    }
  return b;
}

void
strata_csv_column_builder_free (StrataCsvColumnBuilder *b)
{
  if (b == NULL)
    return;
  g_free (b->values);
  g_free (b->fixed_mask);
  if (b->exceptions != NULL)
    g_array_unref (b->exceptions);
  if (b->exception_chunk != NULL)
    g_string_chunk_free (b->exception_chunk);
  g_free (b->codes);
  if (b->dictionary != NULL)
    g_hash_table_unref (b->dictionary);
  if (b->distinct != NULL)
    g_ptr_array_unref (b->distinct);
  if (b->chunk != NULL)
    g_string_chunk_free (b->chunk);
  g_free (b);
}

gsize
strata_csv_column_builder_get_n_rows (StrataCsvColumnBuilder *b)
{
  return b->n_rows;
}

static void
grow (StrataCsvColumnBuilder *b)
{
  gsize old = b->capacity;

  b->capacity = old + old / 2 + 16;
  if (b->values != NULL)
    b->values = g_renew (double, b->values, b->capacity);
  if (b->codes != NULL)
    b->codes = g_renew (gint32, b->codes, b->capacity);
  if (b->fixed_mask != NULL)
    {
      b->fixed_mask = g_renew (guint64, b->fixed_mask, mask_words (b->capacity));
      memset (b->fixed_mask + mask_words (old), 0,
              (mask_words (b->capacity) - mask_words (old)) * sizeof (guint64));
    }
}

/* --- strings -------------------------------------------------------------- */

static gint32
intern (StrataCsvColumnBuilder *b,
        const char             *s)
{
  gpointer found = g_hash_table_lookup (b->dictionary, s);
  char *copy;

  if (found != NULL)
    return GPOINTER_TO_INT (found) - 1;

  copy = g_string_chunk_insert (b->chunk, s);
  g_ptr_array_add (b->distinct, copy);
  g_hash_table_insert (b->dictionary, copy, GINT_TO_POINTER ((gint) b->distinct->len));
  return (gint32) b->distinct->len - 1;
}

/* The text of earlier row @row of a NUMERIC builder, as it was in the file;
 * NULL when missing. @buf holds at least 512 bytes. @next_exception walks
 * the exception list in row order. */
static const char *
numeric_text (StrataCsvColumnBuilder *b,
              gsize                   row,
              guint                  *next_exception,
              char                   *buf,
              gsize                   size)
{
  double v = b->values[row];

  if (b->exceptions != NULL && *next_exception < b->exceptions->len)
    {
      Exception *x = &g_array_index (b->exceptions, Exception, *next_exception);
      if (x->row == row)
        {
          (*next_exception)++;
          return x->text;
        }
    }
  if (isnan (v))
    return NULL;
  if (b->fixed_mask != NULL && (b->fixed_mask[row / 64] >> (row % 64)) & 1)
    {
      snprintf (buf, size, "%.*f", b->fixed_digits, v);
      return buf;
    }
  strata_csv_format_double (v, buf, size);
  return buf;
}

/* NUMERIC → STRINGS: gives every earlier row back its original text. */
static void
demote (StrataCsvColumnBuilder *b)
{
  char buf[512];
  guint next_exception = 0;

  b->codes = g_new (gint32, b->capacity);
  b->dictionary = g_hash_table_new (g_str_hash, g_str_equal);
  b->distinct = g_ptr_array_new ();
  b->chunk = g_string_chunk_new (4096);
  b->n_present = 0;
  for (gsize row = 0; row < b->n_rows; row++)
    {
      const char *text = numeric_text (b, row, &next_exception, buf, sizeof buf);
      b->codes[row] = text != NULL ? intern (b, text) : -1;
      b->n_present += text != NULL;
    }

  g_clear_pointer (&b->values, g_free);
  g_clear_pointer (&b->fixed_mask, g_free);
  g_clear_pointer (&b->exceptions, g_array_unref);
  g_clear_pointer (&b->exception_chunk, g_string_chunk_free);
  b->state = STATE_STRINGS;
}

/* --- appending ------------------------------------------------------------ */

static void
add_exception (StrataCsvColumnBuilder *b,
               const char             *s)
{
  Exception x;

  if (b->exceptions == NULL)
    {
      b->exceptions = g_array_new (FALSE, FALSE, sizeof (Exception));
      b->exception_chunk = g_string_chunk_new (4096);
    }
  x.row = b->n_rows;
  x.text = g_string_chunk_insert (b->exception_chunk, s);
  g_array_append_val (b->exceptions, x);
}

gboolean
strata_csv_column_builder_append (StrataCsvColumnBuilder *b,
                                  const char             *s,
                                  gsize                   len,
                                  gboolean                missing)
{
  if (G_UNLIKELY (b->n_rows == b->capacity))
    grow (b);

  if (b->state == STATE_NUMERIC)
    {
      double v;
      StrataCsvNumberForm form;
      guint8 digits;

      if (missing)
        {
          b->values[b->n_rows++] = NAN;
          return TRUE;
        }
      if (G_LIKELY (strata_csv_parse_number (s, len, &v, &form, &digits)))
        {
          if (b->forced)
            form = STRATA_CSV_NUMBER_SHORTEST;  /* never demoted: no need */
          if (form == STRATA_CSV_NUMBER_FIXED)
            {
              if (b->fixed_digits < 0)
                b->fixed_digits = digits;
              if (b->fixed_digits == digits)
                {
                  if (b->fixed_mask == NULL)
                    b->fixed_mask = g_new0 (guint64, mask_words (b->capacity));
                  b->fixed_mask[b->n_rows / 64] |= G_GUINT64_CONSTANT (1) << (b->n_rows % 64);
                }
              else
                {
                  form = STRATA_CSV_NUMBER_OTHER;
                }
            }
          if (G_UNLIKELY (form == STRATA_CSV_NUMBER_OTHER))
            add_exception (b, s);
          b->values[b->n_rows++] = v;
          return TRUE;
        }
      if (b->forced)
        return FALSE;
      demote (b);
    }

  if (missing)
    {
      b->codes[b->n_rows++] = -1;
    }
  else
    {
      b->codes[b->n_rows++] = intern (b, s);
      b->n_present++;
    }
  return TRUE;
}

/* --- finishing ------------------------------------------------------------ */

StrataColumn *
strata_csv_column_builder_finish (StrataCsvColumnBuilder *b,
                                  const char             *name,
                                  double                  max_categorical_fraction)
{
  gsize n = b->n_rows;
  StrataColumnKind kind;
  guint n_distinct;

  if (b->state == STATE_NUMERIC)
    {
      double *values = g_renew (double, b->values, MAX (n, 1));
      b->values = NULL;
      return strata_column_new_numeric (name, values, n);
    }

  n_distinct = b->distinct->len;
  if (b->forced)
    kind = b->forced_kind;
  else if (n_distinct <= 20 || n_distinct <= max_categorical_fraction * (double) b->n_present)
    kind = STRATA_COLUMN_CATEGORICAL;
  else
    kind = STRATA_COLUMN_TEXT;

  g_clear_pointer (&b->dictionary, g_hash_table_unref);
  if (kind == STRATA_COLUMN_CATEGORICAL)
    {
      char **categories = g_new (char *, n_distinct + 1);
      gint32 *codes = g_renew (gint32, b->codes, MAX (n, 1));

      b->codes = NULL;
      for (guint k = 0; k < n_distinct; k++)
        categories[k] = g_strdup (g_ptr_array_index (b->distinct, k));
      categories[n_distinct] = NULL;
      return strata_column_new_categorical (name, codes, n, categories);
    }
  else
    {
      char **values = g_new (char *, MAX (n, 1));
      GStringChunk *chunk = b->chunk;

      for (gsize row = 0; row < n; row++)
        values[row] = b->codes[row] >= 0 ? g_ptr_array_index (b->distinct, b->codes[row]) : NULL;
      g_clear_pointer (&b->codes, g_free);
      b->chunk = NULL;
      return strata_column_new_text (name, values, n, chunk);
    }
}
