/* strata-transactions-private.h — the transactions builder and file streaming
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not installed. Shared by the readers (strata-transactions.c) and the
 * builder they all feed (strata-transactions-builder.c). The interning
 * lookup and the item append are inline: they run once per item of a file.
 */

#pragma once

#include <gio/gio.h>
#include <string.h>

#include "strata-transactions.h"

G_BEGIN_DECLS

#define TRANSACTIONS_BLOCK_SIZE (64 * 1024)

struct _StrataTransactions {
  gint          ref_count;
  gsize         n_transactions;
  guint         n_items;
  gsize         total_items;
  guint32      *items;    /* [total_items] */
  gsize        *offsets;  /* [n_transactions + 1] */
  GStringChunk *chunk;    /* owns the name strings */
  char        **names;    /* [n_items], into chunk */
  GHashTable   *index;    /* name (borrowed) → GUINT_TO_POINTER (id + 1) */
};

/* A name as the interning table compares it: its length and its first and
 * last eight bytes (zero-padded when shorter), which are the whole name up
 * to 16 bytes; longer names are compared in full as well. */
typedef struct {
  guint64 head, tail;
  guint64 len_hash;  /* length << 32 | hash: one compare for both */
} NameKey;

#define NAME_KEY_HASH(k) ((guint32) (k).len_hash)

/* A slot of the interning table (open addressing, linear probing). */
typedef struct {
  NameKey     key;
  guint32     id;     /* item id + 1; 0 = empty */
} NameSlot;

/* Transactions being read (strata-transactions-builder.c). */
typedef struct {
  guint32      *items;    /* [n_items_used], room for items_size */
  gsize         n_items_used, items_size;
  gsize        *offsets;  /* [n_offsets], room for offsets_size */
  gsize         n_offsets, offsets_size;
  GStringChunk *chunk;
  GPtrArray    *names;    /* char*, into chunk */
  GHashTable   *index;
  NameSlot     *slots;    /* [mask + 1]: the interning table, NULL until used */
  gsize         mask;     /* table size - 1, a power of two minus one */
} Builder;

#define INTERN_INITIAL_SLOTS 512

/* Sets up @b empty. */
void                transactions_builder_init            (Builder     *b);
/* Frees what @b holds (after an error). */
void                transactions_builder_clear           (Builder     *b);
/* Appends a new name (which must not be interned yet); returns its id.
 * @len -1: NUL-terminated. */
guint32             transactions_builder_add_name        (Builder     *b,
                                                          const char  *name,
                                                          gssize       len);
/* Makes the interning table, with the names added so far. */
void                transactions_builder_make_slots      (Builder     *b);
/* builder_intern_len() of a NUL-terminated name. */
guint32             transactions_builder_intern          (Builder     *b,
                                                          const char  *name);
/* Sorts and deduplicates the items given since the last end; an empty
 * transaction is kept only when @keep_empty. */
void                transactions_builder_end_transaction (Builder     *b,
                                                          gboolean     keep_empty);
/* The transactions built (transfer full), @b emptied; NULL with @error
 * when there are too many. */
StrataTransactions *transactions_builder_finish          (Builder     *b,
                                                          GError     **error);

/* The key of @s[0 .. len), @readable ≥ len bytes being readable from @s.
 * This runs once per item of the file, and names of all lengths alternate
 * there, so the common case has no loop over the bytes: up to 8 bytes are
 * one (little-endian) load, masked, when 8 bytes can be read; 9 to 16 are
 * two overlapping loads. Only names at the very end of a buffer, on
 * big-endian machines, are gathered byte by byte. The hash is the high
 * half of the XOR of the two words and the length, each multiplied by an
 * odd constant. */
static inline NameKey
name_key (const char *s,
          gsize       len,
          gsize       readable)
{
  NameKey k = { 0, 0, 0 };

  if (len > 8)
    {
      memcpy (&k.head, s, 8);
      memcpy (&k.tail, s + len - 8, 8);
    }
  else if (G_BYTE_ORDER == G_LITTLE_ENDIAN && readable >= 8)
    {
      memcpy (&k.head, s, 8);
      k.head &= len == 8 ? ~(guint64) 0 : ((guint64) 1 << (8 * len)) - 1;
    }
  else
    for (gsize i = 0; i < len; i++)
      k.head |= (guint64) (guchar) s[i] << (8 * i);
  /* three independent products, not a chain of them: this sits on the
   * path from the bytes to the table slot of every item of the file */
  k.len_hash = (guint64) len << 32 |
               (guint32) ((k.head * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15) ^
                           k.tail * G_GUINT64_CONSTANT (0xC2B2AE3D27D4EB4F) ^
                           (guint64) len * G_GUINT64_CONSTANT (0x165667B19E3779F9)) >> 32);
  return k;
}

/* The id of the name @s[0 .. len) (no NUL inside), interning it if new;
 * @readable ≥ len bytes can be read from @s (see name_key()). Inlined in
 * the basket reader's loop. */
static inline guint32
builder_intern_len (Builder    *b,
                    const char *s,
                    gsize       len,
                    gsize       readable)
{
  NameKey k = name_key (s, len, readable);

  if (G_UNLIKELY (b->slots == NULL))
    transactions_builder_make_slots (b);
  for (gsize i = NAME_KEY_HASH (k) & b->mask; b->slots[i].id != 0; i = (i + 1) & b->mask)
    {
      const NameSlot *slot = &b->slots[i];
      if (slot->key.len_hash == k.len_hash && slot->key.head == k.head && slot->key.tail == k.tail &&
          (len <= 16 || memcmp (g_ptr_array_index (b->names, slot->id - 1), s, len) == 0))
        return slot->id - 1;
    }
  return transactions_builder_add_name (b, s, len);
}

static inline void
builder_add_item (Builder *b,
                  guint32  item)
{
  if (G_UNLIKELY (b->n_items_used == b->items_size))
    {
      b->items_size *= 2;
      b->items = g_renew (guint32, b->items, b->items_size);
    }
  b->items[b->n_items_used++] = item;
}

/* What transactions_stream_file() hands each block to. */
typedef gboolean (*BlockFunc) (const char *data,
                               gsize       len,
                               gpointer    user_data,
                               GError    **error);


/* Opens @path (decompressing ".gz") and feeds it to @func block by block,
 * polling @cancellable between blocks. FALSE with @error set on failure
 * (I/O, gzip, cancelled, or @func's). */
gboolean            transactions_stream_file             (const char    *path,
                                                          BlockFunc      func,
                                                          gpointer       user_data,
                                                          GCancellable  *cancellable,
                                                          GError       **error);

G_END_DECLS
