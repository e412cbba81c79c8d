/* strata-apriori-db.c — the recoded, merged transaction database
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * What every Apriori level scans, laid out as in Borgelt's implementation:
 * frequent items only, recoded to codes by ascending support, each
 * transaction sorted, the transactions sorted lexicographically and
 * identical ones merged into one with a weight. Sorting puts transactions
 * that share prefixes next to each other, so counting walks the same tree
 * paths in a row; merging means real baskets are counted once per distinct
 * basket, not once per shopper. apriori_db_reduce() repeats this after a level has
 * shown which items can still matter.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "strata-apriori-private.h"


void
apriori_db_clear (AprioriDb *db)
{
  g_clear_pointer (&db->items, g_free);
  g_clear_pointer (&db->offsets, g_free);
  g_clear_pointer (&db->weights, g_free);
  db->n = 0;
}

gsize
apriori_db_bytes (const AprioriDb *db)
{
  return db->offsets == NULL ? 0 :
    db->offsets[db->n] * sizeof (guint32) + db->n * (sizeof (gsize) + sizeof (guint32));
}

typedef struct {
  const guint32 *items;
  guint32        len;
  guint32        weight;
} TxRef;

static int
compare_tx (const void *a,
            const void *b)
{
  const TxRef *x = a, *y = b;
  guint32 n = MIN (x->len, y->len);

  for (guint32 i = 0; i < n; i++)
    if (x->items[i] != y->items[i])
      return x->items[i] < y->items[i] ? -1 : 1;
  return (x->len > y->len) - (x->len < y->len);
}

/* Sorts @refs[0..n) (unless @sorted says they are) and writes them,
 * identical ones merged, into @db. */
static void
db_from_refs (AprioriDb *db,
              TxRef    *refs,
              gsize     n,
              gboolean  sorted)
{
  gsize total = 0, m = 0, w = 0;

  if (!sorted)
    qsort (refs, n, sizeof (TxRef), compare_tx);
  for (gsize i = 0; i < n; i++)
    if (i == 0 || compare_tx (&refs[i - 1], &refs[i]) != 0)
      {
        m++;
        total += refs[i].len;
      }
  db->items = g_new (guint32, MAX (total, 1));
  db->offsets = g_new (gsize, m + 1);
  db->weights = g_new (guint32, MAX (m, 1));
  db->offsets[0] = 0;
  for (gsize i = 0; i < n; i++)
    {
      if (i > 0 && compare_tx (&refs[i - 1], &refs[i]) == 0)
        {
          db->weights[db->n - 1] += refs[i].weight;
          continue;
        }
      memcpy (db->items + w, refs[i].items, refs[i].len * sizeof (guint32));
      w += refs[i].len;
      db->weights[db->n] = refs[i].weight;
      db->offsets[++db->n] = w;
    }
}

static int
compare_guint32 (const void *a,
                 const void *b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;
  return (x > y) - (x < y);
}

static void
sort_codes (guint32 *t,
            gsize    n)
{
  if (n > 16)
    {
      qsort (t, n, sizeof (guint32), compare_guint32);
      return;
    }
  for (gsize i = 1; i < n; i++)  /* insertion sort: baskets are short */
    {
      guint32 v = t[i];
      gsize j = i;
      for (; j > 0 && t[j - 1] > v; j--)
        t[j] = t[j - 1];
      t[j] = v;
    }
}

/* Recodes @tr through @item_code (-1 = dropped), keeps transactions with at
 * least @min_len items, sorts and merges them. */
void
apriori_db_build (AprioriDb          *db,
                  StrataTransactions *tr,
                  const gint32       *item_code,
                  guint               min_len)
{
  gsize n = strata_transactions_get_n_transactions (tr), kept = 0, w = 0;
  g_autofree guint32 *flat = g_new (guint32, MAX (strata_transactions_get_total_items (tr), 1));
  g_autofree TxRef *refs = g_new (TxRef, MAX (n, 1));

  for (gsize t = 0; t < n; t++)
    {
      gsize len, start = w;
      const guint32 *items = strata_transactions_get_items (tr, t, &len);
      for (gsize i = 0; i < len; i++)
        if (item_code[items[i]] >= 0)
          flat[w++] = item_code[items[i]];
      if (w - start < min_len)
        {
          w = start;
          continue;
        }
      sort_codes (flat + start, w - start);
      refs[kept++] = (TxRef) { flat + start, w - start, 1 };
    }
  memset (db, 0, sizeof *db);
  db_from_refs (db, refs, kept, FALSE);
}

/* Drops codes with !keep[code] and transactions then shorter than @min_len;
 * merges again. */
void
apriori_db_reduce (AprioriDb    *db,
                   const guint8 *keep,
                   guint         min_len)
{
  g_autofree TxRef *refs = g_new (TxRef, MAX (db->n, 1));
  gsize kept = 0, w = 0;
  gboolean shortened = FALSE;  /* a kept transaction lost an item */
  AprioriDb old = *db;

  for (gsize t = 0; t < old.n; t++)
    {
      gsize start = w;
      for (gsize i = old.offsets[t]; i < old.offsets[t + 1]; i++)
        if (keep[old.items[i]])
          old.items[w++] = old.items[i];  /* in place: w ≤ i */
      if (w - start < min_len)
        w = start;
      else
        {
          shortened |= w - start < old.offsets[t + 1] - old.offsets[t];
          refs[kept++] = (TxRef) { old.items + start, w - start, old.weights[t] };
        }
    }
  /* Dropping whole transactions keeps the rest sorted and distinct; only
   * dropping items from kept ones calls for a new sort. */
  memset (db, 0, sizeof *db);
  db_from_refs (db, refs, kept, !shortened);
  apriori_db_clear (&old);
}

