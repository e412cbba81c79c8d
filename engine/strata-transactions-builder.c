/* strata-transactions-builder.c — building transactions, streaming files
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * Every source feeds one Builder: items of the current transaction are
 * appended to a growing flat guint32 array; at the end of a line the tail
 * is sorted, deduplicated and an offset pushed. Item names live in a
 * GStringChunk, so a name is stored once however often it occurs; while
 * reading they are interned through a small open-addressing table keyed by
 * (length, first and last 8 bytes), so a field is looked up where it lies
 * in the buffer (the lookup is inline, in strata-transactions-private.h),
 * and the GHashTable that strata_transactions_lookup_item() uses later only
 * sees each new name once. Files are streamed in 64 KiB blocks (never held
 * whole; ".gz" is decompressed on the fly).
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "strata-transactions-private.h"
#include "strata-util-private.h"

void
transactions_builder_init (Builder *b)
{
  b->items_size = 4096;
  b->n_items_used = 0;
  b->items = g_new (guint32, b->items_size);
  b->offsets_size = 1024;
  b->offsets = g_new (gsize, b->offsets_size);
  b->offsets[0] = 0;
  b->n_offsets = 1;
  b->chunk = g_string_chunk_new (4096);
  b->names = g_ptr_array_new ();
  b->index = g_hash_table_new (g_str_hash, g_str_equal);
  b->slots = NULL;  /* made by the first builder_intern_len() */
}

void
transactions_builder_clear (Builder *b)
{
  g_clear_pointer (&b->items, g_free);
  g_clear_pointer (&b->offsets, g_free);
  g_clear_pointer (&b->names, g_ptr_array_unref);
  g_clear_pointer (&b->index, g_hash_table_unref);
  g_clear_pointer (&b->slots, g_free);
  if (b->chunk != NULL)
    g_string_chunk_free (b->chunk);
  b->chunk = NULL;
}

/* Puts @id (key @k) in the first free slot of the interning table. */
static void
builder_slot_insert (Builder    *b,
                     NameKey     k,
                     guint32     id)
{
  gsize i = NAME_KEY_HASH (k) & b->mask;

  while (b->slots[i].id != 0)
    i = (i + 1) & b->mask;
  b->slots[i] = (NameSlot) { k, id + 1 };
}

/* Appends a new name (which must not be interned yet); returns its id. */
guint32
transactions_builder_add_name (Builder    *b,
                               const char *name,
                               gssize      len)
{
  char *copy = g_string_chunk_insert_len (b->chunk, name, len);
  guint32 id = b->names->len;
  gsize copy_len = strlen (copy);

  g_ptr_array_add (b->names, copy);
  g_hash_table_insert (b->index, copy, GUINT_TO_POINTER (id + 1));
  if (b->slots == NULL)
    return id;  /* nothing interned by text yet (FIMI ids, given names) */
  if (2 * (gsize) b->names->len > b->mask + 1)  /* keep the table half empty */
    {
      g_autofree NameSlot *old = b->slots;
      gsize old_size = b->mask + 1;

      b->mask = 2 * old_size - 1;
      b->slots = g_new0 (NameSlot, b->mask + 1);
      for (gsize i = 0; i < old_size; i++)
        if (old[i].id != 0)
          builder_slot_insert (b, old[i].key, old[i].id - 1);
    }
  builder_slot_insert (b, name_key (copy, copy_len, copy_len), id);
  return id;
}

/* Makes the interning table, with the names added so far. */
void
transactions_builder_make_slots (Builder *b)
{
  b->mask = INTERN_INITIAL_SLOTS - 1;
  while (2 * (gsize) b->names->len > b->mask + 1)
    b->mask = 2 * b->mask + 1;
  b->slots = g_new0 (NameSlot, b->mask + 1);
  for (guint32 id = 0; id < b->names->len; id++)
    {
      const char *name = g_ptr_array_index (b->names, id);
      gsize n = strlen (name);
      builder_slot_insert (b, name_key (name, n, n), id);
    }
}

guint32
transactions_builder_intern (Builder    *b,
                             const char *name)
{
  gsize len = strlen (name);

  return builder_intern_len (b, name, len, len);
}

/* Sorts and deduplicates the items given since the last end; an empty
 * transaction is kept only when @keep_empty. */
void
transactions_builder_end_transaction (Builder  *b,
                                      gboolean  keep_empty)
{
  gsize start = b->offsets[b->n_offsets - 1];
  guint32 *t = b->items + start;
  gsize n = b->n_items_used - start, w = 0;

  if (n == 0 && !keep_empty)
    return;
  if (n > 1)
    {
      strata_sort_guint32 (t, n);
      for (gsize r = 0; r < n; r++)
        if (w == 0 || t[r] != t[w - 1])
          t[w++] = t[r];
      b->n_items_used = start + w;
    }
  if (G_UNLIKELY (b->n_offsets == b->offsets_size))
    {
      b->offsets_size *= 2;
      b->offsets = g_renew (gsize, b->offsets, b->offsets_size);
    }
  b->offsets[b->n_offsets++] = b->n_items_used;
}

StrataTransactions *
transactions_builder_finish (Builder  *b,
                             GError  **error)
{
  StrataTransactions *tr;

  if (b->n_offsets - 1 >= G_MAXUINT32 || b->names->len >= G_MAXUINT32)
    {
      g_set_error (error, STRATA_TRANSACTIONS_ERROR, STRATA_TRANSACTIONS_ERROR_TOO_BIG,
                   "Too many transactions or items (at most %u)", G_MAXUINT32 - 1);
      transactions_builder_clear (b);
      return NULL;
    }
  tr = g_new0 (StrataTransactions, 1);
  tr->ref_count = 1;
  tr->n_transactions = b->n_offsets - 1;
  tr->n_items = b->names->len;
  tr->total_items = b->n_items_used;
  /* Trim the growth slack: realloc to the exact sizes. */
  tr->items = g_renew (guint32, g_steal_pointer (&b->items), MAX (tr->total_items, 1));
  tr->offsets = g_renew (gsize, g_steal_pointer (&b->offsets), tr->n_transactions + 1);
  g_ptr_array_add (b->names, NULL);
  tr->names = (char **) g_ptr_array_steal (b->names, NULL);
  tr->chunk = g_steal_pointer (&b->chunk);
  tr->index = g_steal_pointer (&b->index);
  transactions_builder_clear (b);
  return tr;
}

/* --- Streaming files ------------------------------------------------------ */

/* Opens @path (decompressing ".gz") and feeds it to @func block by block.
 * Plain stdio rather than GFile: GIO's VFS would load its modules first,
 * which costs more than reading a basket file. */
gboolean
transactions_stream_file (const char    *path,
                          BlockFunc      func,
                          gpointer       user_data,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(GZlibDecompressor) z = NULL;
  g_autofree char *buffer = g_malloc (TRANSACTIONS_BLOCK_SIZE);
  g_autofree char *plain = NULL;
  FILE *f = fopen (path, "rb");
  gboolean ok = TRUE, eof = FALSE;

  if (f == NULL)
    return strata_set_io_error (error, errno, path);
  if (g_str_has_suffix (path, ".gz"))
    {
      z = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
      plain = g_malloc (TRANSACTIONS_BLOCK_SIZE);
    }

  while (ok && !eof)
    {
      gsize n = fread (buffer, 1, TRANSACTIONS_BLOCK_SIZE, f);

      eof = n < TRANSACTIONS_BLOCK_SIZE;
      if (eof && ferror (f))
        ok = strata_set_io_error (error, errno, path);
      else if (g_cancellable_set_error_if_cancelled (cancellable, error))
        ok = FALSE;
      else if (z == NULL)
        ok = n == 0 || func (buffer, n, user_data, error);
      else
        {
          /* Feed the compressed block until the converter has taken it all. */
          const char *in = buffer;
          gsize left = n;
          for (;;)
            {
              gsize read = 0, written = 0;
              g_autoptr(GError) local = NULL;
              GConverterResult r = g_converter_convert (G_CONVERTER (z), in, left, plain, TRANSACTIONS_BLOCK_SIZE,
                                                        eof ? G_CONVERTER_INPUT_AT_END : G_CONVERTER_NO_FLAGS,
                                                        &read, &written, &local);
              if (r == G_CONVERTER_ERROR)
                {
                  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: %s", path, local->message);
                  ok = FALSE;
                  break;
                }
              in += read;
              left -= read;
              if (written > 0 && !func (plain, written, user_data, error))
                {
                  ok = FALSE;
                  break;
                }
              if (r == G_CONVERTER_FINISHED || (left == 0 && written == 0 && !eof))
                break;
              if (left == 0 && written == 0 && eof)
                {
                  g_set_error (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT,
                               "%s: truncated gzip data", path);
                  ok = FALSE;
                  break;
                }
            }
        }
    }
  fclose (f);
  return ok;
}
