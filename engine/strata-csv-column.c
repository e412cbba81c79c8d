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

/* Strings are interned in batches of PENDING_MAX (shorter than
 * PENDING_MAX_LEN bytes each, longer ones at once), kept meanwhile in a
 * buffer of PENDING_BYTES plus 16 bytes of padding. */
#define PENDING_MAX      1024
#define PENDING_MAX_LEN  4096
#define PENDING_BYTES    (64 * 1024)

static gsize
mask_words (gsize n)
{
  return (n + 63) / 64;
}

/* --- strings -------------------------------------------------------------- */

/* A fast hash of a short string, eight bytes at a time (the mixing
 * constants are SplitMix64's). */
static inline guint32
hash_bytes (const char *s,
            gsize       len)
{
  guint64 h = G_GUINT64_CONSTANT (0x9E3779B97F4A7C15) ^ ((guint64) len * G_GUINT64_CONSTANT (0xff51afd7ed558ccd));

  while (len >= 8)
    {
      guint64 k;
      memcpy (&k, s, 8);
      h = (h ^ k) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
      h ^= h >> 29;
      s += 8;
      len -= 8;
    }
  if (len > 0)
    {
      guint64 k = 0;
      memcpy (&k, s, len);
      h = (h ^ k) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
    }
  h ^= h >> 31;
  h *= G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  h ^= h >> 29;
  return (guint32) (h ^ (h >> 32));
}

static void
strings_init (StrataCsvColumnBuilder *b)
{
  b->codes = g_new (gint32, b->capacity);
  b->n_slots = 64;
  b->slots = g_new (StrataCsvSlot, b->n_slots);
  for (guint32 i = 0; i < b->n_slots; i++)
    b->slots[i].code = -1;
  b->distinct = g_ptr_array_new ();
  b->chunk = g_string_chunk_new (4096);
  b->pending = g_new (StrataCsvPending, PENDING_MAX);
  b->pending_bytes = g_malloc0 (PENDING_BYTES + 16);
}

static void
rehash (StrataCsvColumnBuilder *b)
{
  guint32 n = b->n_slots * 2, mask = n - 1;
  StrataCsvSlot *slots = g_new (StrataCsvSlot, n);

  for (guint32 i = 0; i < n; i++)
    slots[i].code = -1;
  for (guint32 i = 0; i < b->n_slots; i++)
    if (b->slots[i].code >= 0)
      {
        guint32 k = b->slots[i].hash & mask;
        while (slots[k].code >= 0)
          k = (k + 1) & mask;
        slots[k] = b->slots[i];
      }
  g_free (b->slots);
  b->slots = slots;
  b->n_slots = n;
}

/* The code of @s[0..len) (whose hash_bytes() is @h), adding it to the
 * dictionary when new. */
/* memcmp (a, b, len) == 0 for len ≤ 16, when 16 bytes can be read at both. */
static inline gboolean
equal_short (const char *a,
             const char *b,
             gsize       len)
{
  guint64 a0, a1, b0, b1, m0, m1;

  memcpy (&a0, a, 8);
  memcpy (&a1, a + 8, 8);
  memcpy (&b0, b, 8);
  memcpy (&b1, b + 8, 8);
  m0 = len >= 8 ? G_MAXUINT64 : (G_GUINT64_CONSTANT (1) << (len * 8)) - 1;
  m1 = len >= 16 ? G_MAXUINT64 : len <= 8 ? 0 : (G_GUINT64_CONSTANT (1) << ((len - 8) * 8)) - 1;
  return (((a0 ^ b0) & m0) | ((a1 ^ b1) & m1)) == 0;
}

/* @padded: 16 bytes can be read at @s even when @len is shorter. */
static gint32
intern_hashed (StrataCsvColumnBuilder *b,
               const char             *s,
               gsize                   len,
               guint32                 h,
               gboolean                padded)
{
  guint32 mask = b->n_slots - 1, i = h & mask;
  gint32 code;

  for (StrataCsvSlot *slot = &b->slots[i]; slot->code >= 0; slot = &b->slots[i = (i + 1) & mask])
    if (slot->hash == h && slot->len == len &&
        (len > STRATA_CSV_SLOT_INLINE ? memcmp (slot->text, s, len) == 0
         : padded ? equal_short (slot->bytes, s, len)
         : memcmp (slot->bytes, s, len) == 0))
      return slot->code;

  code = (gint32) b->distinct->len;
  g_ptr_array_add (b->distinct, g_string_chunk_insert_len (b->chunk, s, (gssize) len));
  b->slots[i].hash = h;
  b->slots[i].len = (guint32) len;
  b->slots[i].code = code;
  if (len <= STRATA_CSV_SLOT_INLINE)
    memcpy (b->slots[i].bytes, s, len);
  else
    b->slots[i].text = g_ptr_array_index (b->distinct, code);
  if ((guint64) b->distinct->len * 10 > (guint64) b->n_slots * 7)
    rehash (b);
  return code;
}

static gint32
intern (StrataCsvColumnBuilder *b,
        const char             *s,
        gsize                   len)
{
  return intern_hashed (b, s, len, hash_bytes (s, len), FALSE);
}

/* Interns the pending strings. A dictionary larger than the caches costs a
 * cache miss a lookup; hashing a batch first and prefetching each slot a few
 * lookups ahead overlaps those misses. */
static void
intern_pending (StrataCsvColumnBuilder *b)
{
  StrataCsvPending *p = b->pending;
  const char *bytes = b->pending_bytes;
  guint n = b->n_pending;
  const guint ahead = 8;

  for (guint k = 0; k < n; k++)
    p[k].hash = hash_bytes (bytes + p[k].offset, p[k].len);
  for (guint k = 0; k < n; k++)
    {
      if (k + ahead < n)
        __builtin_prefetch (&b->slots[p[k + ahead].hash & (b->n_slots - 1)]);
      b->codes[p[k].row] = intern_hashed (b, bytes + p[k].offset, p[k].len, p[k].hash, TRUE);
    }
  b->n_pending = 0;
  b->n_pending_bytes = 0;
}

/* --- life cycle ----------------------------------------------------------- */

StrataCsvColumnBuilder *
strata_csv_column_builder_new (gboolean         forced,
                               StrataColumnKind kind,
                               gboolean         strings,
                               gsize            capacity)
{
  StrataCsvColumnBuilder *b = g_new0 (StrataCsvColumnBuilder, 1);

  b->forced = forced;
  b->forced_kind = kind;
  b->capacity = MAX (capacity, 16);
  b->fixed_digits = -1;
  if ((forced && kind != STRATA_COLUMN_NUMERIC) || (!forced && strings))
    {
      b->state = STRATA_CSV_BUILDER_STRINGS;
      strings_init (b);
    }
  else
    {
      b->state = STRATA_CSV_BUILDER_NUMERIC;
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
  g_free (b->slots);
  g_free (b->pending);
  g_free (b->pending_bytes);
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

/* --- demotion ------------------------------------------------------------- */

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
      StrataCsvException *x = &g_array_index (b->exceptions, StrataCsvException, *next_exception);
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
  strata_format_double (v, buf, size);
  return buf;
}

/* NUMERIC → STRINGS: gives every earlier row back its original text. */
static void
demote (StrataCsvColumnBuilder *b)
{
  char buf[512];
  guint next_exception = 0;

  strings_init (b);
  b->n_present = 0;
  for (gsize row = 0; row < b->n_rows; row++)
    {
      const char *text = numeric_text (b, row, &next_exception, buf, sizeof buf);
      b->codes[row] = text != NULL ? intern (b, text, strlen (text)) : -1;
      b->n_present += text != NULL;
    }

  g_clear_pointer (&b->values, g_free);
  g_clear_pointer (&b->fixed_mask, g_free);
  g_clear_pointer (&b->exceptions, g_array_unref);
  g_clear_pointer (&b->exception_chunk, g_string_chunk_free);
  b->state = STRATA_CSV_BUILDER_STRINGS;
}

/* --- appending ------------------------------------------------------------ */

static void
add_exception (StrataCsvColumnBuilder *b,
               const char             *s)
{
  StrataCsvException x;

  if (b->exceptions == NULL)
    {
      b->exceptions = g_array_new (FALSE, FALSE, sizeof (StrataCsvException));
      b->exception_chunk = g_string_chunk_new (4096);
    }
  x.row = b->n_rows;
  x.text = g_string_chunk_insert (b->exception_chunk, s);
  g_array_append_val (b->exceptions, x);
}

void
strata_csv_column_builder_store_unusual (StrataCsvColumnBuilder *b,
                                         const char             *s,
                                         double                  v,
                                         StrataCsvNumberForm     form,
                                         guint8                  digits)
{
  if (b->n_rows == b->capacity)
    grow (b);
  if (form != STRATA_CSV_NUMBER_SHORTEST && !b->forced)
    {
      if (form == STRATA_CSV_NUMBER_FIXED && b->fixed_digits < 0)
        b->fixed_digits = digits;
      if (form == STRATA_CSV_NUMBER_FIXED && b->fixed_digits == digits)
        {
          if (b->fixed_mask == NULL)
            b->fixed_mask = g_new0 (guint64, mask_words (b->capacity));
          b->fixed_mask[b->n_rows / 64] |= G_GUINT64_CONSTANT (1) << (b->n_rows % 64);
        }
      else
        {
          add_exception (b, s);
        }
    }
  b->values[b->n_rows++] = v;
}

gboolean
strata_csv_column_builder_append (StrataCsvColumnBuilder *b,
                                  const char             *s,
                                  gsize                   len,
                                  gboolean                missing)
{
  if (G_UNLIKELY (b->n_rows == b->capacity))
    grow (b);

  if (b->state == STRATA_CSV_BUILDER_NUMERIC)
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
          if (form == STRATA_CSV_NUMBER_SHORTEST)
            b->values[b->n_rows++] = v;
          else
            strata_csv_column_builder_store_unusual (b, s, v, form, digits);
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
  else if (len <= PENDING_MAX_LEN)
    {
      StrataCsvPending *p;

      if (b->n_pending == PENDING_MAX || b->n_pending_bytes + len > PENDING_BYTES)
        intern_pending (b);
      p = &b->pending[b->n_pending++];
      p->row = b->n_rows;
      p->offset = (guint32) b->n_pending_bytes;
      p->len = (guint32) len;
      memcpy (b->pending_bytes + b->n_pending_bytes, s, len);
      b->n_pending_bytes += len;
      b->codes[b->n_rows++] = -1;   /* until intern_pending() */
      b->n_present++;
    }
  else
    {
      b->codes[b->n_rows++] = intern (b, s, len);
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

  if (b->state == STRATA_CSV_BUILDER_NUMERIC)
    {
      double *values = g_renew (double, b->values, MAX (n, 1));
      b->values = NULL;
      return strata_column_new_numeric (name, values, n);
    }

  intern_pending (b);
  n_distinct = b->distinct->len;
  if (b->forced)
    kind = b->forced_kind;
  else if (n_distinct <= 20 || n_distinct <= max_categorical_fraction * (double) b->n_present)
    kind = STRATA_COLUMN_CATEGORICAL;
  else
    kind = STRATA_COLUMN_TEXT;

  g_clear_pointer (&b->slots, g_free);
  g_clear_pointer (&b->pending, g_free);
  g_clear_pointer (&b->pending_bytes, g_free);
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
