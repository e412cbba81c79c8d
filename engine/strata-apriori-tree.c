/* strata-apriori-tree.c — counting a level's candidates by descending their tree
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * The horizontal way of counting Apriori candidates, as in Borgelt's
 * apriori (FIMI 2003): each (merged) transaction descends the candidate
 * prefix tree along its sorted items. At every node the node's sorted
 * children are intersected with the rest of the transaction, galloping
 * (exponential + binary search) over runs on either side, so a wide node or
 * a long basket costs a logarithm, not a scan; the root is a direct code →
 * node table. A leaf reached adds the transaction's weight to its count.
 *
 * The other way, with item bitsets, is strata-apriori-vertical.c; which one
 * counts a level is decided in strata-apriori.c.
 */

#include "config.h"

#include <string.h>

#include "strata-apriori-private.h"

/* Merged transactions between two polls of the GCancellable. */
#define POLL_EVERY 256

/* The first index in [lo, hi) whose value is ≥ v, knowing a[lo] < v:
 * exponential then binary search, so skipping many children of a wide node
 * (or many items of a long transaction) costs a logarithm, not a scan. */
static inline gsize
gallop (const guint32 *a,
        gsize          lo,
        gsize          hi,
        guint32        v)
{
  gsize step = 1, below = lo, top;

  while (lo + step < hi && a[lo + step] < v)
    {
      below = lo + step;
      step <<= 1;
    }
  top = MIN (lo + step, hi);
  lo = below + 1;
  while (lo < top)
    {
      gsize mid = lo + (top - lo) / 2;
      if (a[mid] < v)
        lo = mid + 1;
      else
        top = mid;
    }
  return lo;
}

/* Counts the candidates under nodes [lo, hi) at depth d that transaction
 * t[0 .. n) supports: a merge of the sorted children with the sorted
 * transaction, galloping over runs on either side. */
static void
count_rec (AprioriTree   *tree,
           guint          d,
           gsize          lo,
           gsize          hi,
           const guint32 *t,
           gsize          n,
           guint32        w)
{
  const guint32 *items = tree->item_p[d];
  gsize i = 0, limit = n - (tree->k - 1 - d);  /* room for the deeper items */

  while (lo < hi && i < limit)
    {
      if (items[lo] < t[i])
        lo = gallop (items, lo, hi, t[i]);
      else if (items[lo] > t[i])
        i = gallop (t, i, limit, items[lo]);
      else
        {
          if (d + 1 == tree->k)
            tree->counts[lo] += w;
          else
            count_rec (tree, d + 1, tree->start_p[d][lo], tree->start_p[d][lo + 1],
                       t + i + 1, n - i - 1, w);
          lo++;
          i++;
        }
    }
}

gboolean
apriori_count_tree (const AprioriDb  *db,
                    guint             n_codes,
                    AprioriTree      *tree,
                    GCancellable     *cancellable,
                    GError          **error)
{
  const guint32 *start0 = tree->start_p[0], *items0 = tree->item_p[0];
  guint k = tree->k;

  tree->root = g_new (gint32, MAX (n_codes, 1));
  memset (tree->root, 0xff, MAX (n_codes, 1) * sizeof (gint32));
  for (guint j = 0; j < tree->items[0].len; j++)
    tree->root[items0[j]] = j;

  for (gsize t = 0; t < db->n; t++)
    {
      const guint32 *items = db->items + db->offsets[t];
      const guint32 *end = db->items + db->offsets[t + 1];

      if (t % POLL_EVERY == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if ((gsize) (end - items) < k)
        continue;
      for (const guint32 *p = items; p + k <= end; p++)
        {
          gint32 node = tree->root[*p];
          if (node >= 0)
            count_rec (tree, 1, start0[node], start0[node + 1], p + 1, end - p - 1, db->weights[t]);
        }
    }
  return TRUE;
}
