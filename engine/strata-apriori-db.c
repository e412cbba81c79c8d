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
#include "strata-util-private.h"


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

/* Compares two transactions lexicographically from position @d on (the
 * first @d items being equal). */
static inline int
compare_tx_from (const TxRef *x,
                 const TxRef *y,
                 guint32      d)
{
  guint32 n = MIN (x->len, y->len);

  for (guint32 i = d; i < n; i++)
    if (x->items[i] != y->items[i])
      return x->items[i] < y->items[i] ? -1 : 1;
  return (x->len > y->len) - (x->len < y->len);
}

/* Quicksort (median of three, insertion sort below 16) with the comparison
 * inlined: several times faster than qsort()'s callback here. */
static void
sort_tx (TxRef   *a,
         gsize    n,
         guint32  d)
{
  while (n > 16)
    {
      TxRef pivot, tmp;
      gsize i = 0, j = n - 1, mid = n / 2;

      /* median of three into a[mid] */
      if (compare_tx_from (&a[mid], &a[0], d) < 0)
        tmp = a[mid], a[mid] = a[0], a[0] = tmp;
      if (compare_tx_from (&a[j], &a[0], d) < 0)
        tmp = a[j], a[j] = a[0], a[0] = tmp;
      if (compare_tx_from (&a[j], &a[mid], d) < 0)
        tmp = a[j], a[j] = a[mid], a[mid] = tmp;
      pivot = a[mid];
      for (;;)  /* Hoare partition */
        {
          while (compare_tx_from (&a[i], &pivot, d) < 0)
            i++;
          while (compare_tx_from (&a[j], &pivot, d) > 0)
            j--;
          if (i >= j)
            break;
          tmp = a[i], a[i] = a[j], a[j] = tmp;
          i++;
          j--;
        }
      /* [0, j] ≤ pivot ≤ [j+1, n): recurse on the smaller part, loop on
       * the larger, so the stack stays logarithmic */
      if (j + 1 < n - j - 1)
        {
          sort_tx (a, j + 1, d);
          a += j + 1;
          n -= j + 1;
        }
      else
        {
          sort_tx (a + j + 1, n - j - 1, d);
          n = j + 1;
        }
    }
  for (gsize i = 1; i < n; i++)
    {
      TxRef v = a[i];
      gsize k = i;
      for (; k > 0 && compare_tx_from (&a[k - 1], &v, d) > 0; k--)
        a[k] = a[k - 1];
      a[k] = v;
    }
}

/* Sorts non-empty transactions: a counting sort on the first item (codes
 * < @n_codes), then each bucket from the second item on. */
static void
sort_refs (TxRef *refs,
           gsize  n,
           guint  n_codes)
{
  g_autofree gsize *end = g_new0 (gsize, n_codes + 1);
  g_autofree TxRef *tmp = g_new (TxRef, MAX (n, 1));
  gsize lo = 0;

  for (gsize i = 0; i < n; i++)
    end[refs[i].items[0] + 1]++;
  for (guint c = 0; c < n_codes; c++)
    end[c + 1] += end[c];
  for (gsize i = 0; i < n; i++)  /* end[c] moves from bucket c's start to its end */
    tmp[end[refs[i].items[0]]++] = refs[i];
  memcpy (refs, tmp, n * sizeof (TxRef));
  for (guint c = 0; c < n_codes; c++)
    {
      if (end[c] - lo > 1)
        sort_tx (refs + lo, end[c] - lo, 1);
      lo = end[c];
    }
}

/* Sorts @refs[0..n) (unless @sorted says they are) and writes them,
 * identical ones merged, into @db. */
static void
db_from_refs (AprioriDb *db,
              TxRef     *refs,
              gsize      n,
              guint      n_codes,
              gboolean   sorted)
{
  gsize total = 0, m = 0, w = 0;

  if (!sorted)
    sort_refs (refs, n, n_codes);
  for (gsize i = 0; i < n; i++)
    if (i == 0 || compare_tx_from (&refs[i - 1], &refs[i], 0) != 0)
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
      if (i > 0 && compare_tx_from (&refs[i - 1], &refs[i], 0) == 0)
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

void
apriori_db_build (AprioriDb          *db,
                  StrataTransactions *tr,
                  const gint32       *item_code,
                  guint               min_len,
                  guint               n_codes)
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
      strata_sort_guint32 (flat + start, w - start);
      refs[kept++] = (TxRef) { flat + start, w - start, 1 };
    }
  memset (db, 0, sizeof *db);
  db_from_refs (db, refs, kept, n_codes, FALSE);
}

void
apriori_db_reduce (AprioriDb    *db,
                   const guint8 *keep,
                   guint         min_len,
                   guint         n_codes)
{
  g_autofree TxRef *refs = NULL;
  g_autofree guint32 *useful = g_new (guint32, MAX (db->n, 1));
  gsize kept = 0, w = 0, kept_items = 0, kept_useful = 0;
  AprioriDb old = *db;

  /* How many items of each transaction can still matter. */
  for (gsize t = 0; t < old.n; t++)
    {
      guint32 u = 0;
      for (gsize i = old.offsets[t]; i < old.offsets[t + 1]; i++)
        u += keep[old.items[i]];
      useful[t] = u;
      if (u >= min_len)
        {
          kept_items += old.offsets[t + 1] - old.offsets[t];
          kept_useful += u;
        }
    }

  if (kept_items - kept_useful <= kept_items / 8)
    {
      /* Few items would go: keep the transactions whole (a useless item
       * matches no candidate, so counts are unchanged) and only drop the
       * short ones, which leaves the rest sorted and distinct: no sort,
       * and no copy either, the kept ones move down in place. */
      gsize start = 0;
      for (gsize t = 0; t < old.n; t++)
        {
          gsize next = db->offsets[t + 1], len = next - start;
          if (useful[t] >= min_len)
            {
              memmove (db->items + w, db->items + start, len * sizeof (guint32));
              db->weights[kept] = db->weights[t];
              db->offsets[kept++] = w;
              w += len;
            }
          start = next;
        }
      db->offsets[kept] = w;
      db->n = kept;
      return;
    }

  refs = g_new (TxRef, MAX (db->n, 1));

  for (gsize t = 0; t < old.n; t++)
    {
      gsize start = w;
      if (useful[t] < min_len)
        continue;
      for (gsize i = old.offsets[t]; i < old.offsets[t + 1]; i++)
        if (keep[old.items[i]])
          old.items[w++] = old.items[i];  /* in place: w ≤ i */
      refs[kept++] = (TxRef) { old.items + start, w - start, old.weights[t] };
    }
  memset (db, 0, sizeof *db);
  db_from_refs (db, refs, kept, n_codes, FALSE);
  apriori_db_clear (&old);
}
