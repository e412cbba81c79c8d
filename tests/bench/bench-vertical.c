/* bench-vertical.c — the road not taken: level-wise mining on tid-lists
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An experiment for docs/apriori.md, not part of Strata: the same level-wise
 * search as engine/strata-apriori.c, but support counted vertically — each
 * frequent itemset keeps the sorted list of transaction ids holding it, and
 * a candidate's list is the intersection of its two parents' lists (joined
 * from the same (k-1)-prefix, as Apriori-TID / level-wise Eclat do) — or,
 * with "bitsets", a bitset of N bits whose intersection is an AND and whose
 * support a popcount. It uses only the public transactions API.
 *
 * Usage: bench-vertical FILE.dat|FILE.csv MIN_SUPPORT [tidlists|bitsets]
 * Prints, for this and for strata_apriori_run() on the same transactions in
 * the same process, the number of frequent itemsets and the seconds spent
 * mining (reading excluded); and the peak bytes of tid-lists held.
 */

#include <math.h>
#include <float.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strata-apriori.h"

typedef struct {
  guint32 *tids;   /* tid-list mode: [n] ascending transaction ids */
  guint64 *bits;   /* bitset mode: [n_words] */
  guint32  n;      /* support count */
} TidList;

typedef struct {
  guint     k;
  gsize     n;
  guint32  *sets;   /* [n * k] item ids, ascending */
  TidList  *lists;  /* [n] */
} Level;

static gsize held_bytes, peak_bytes, n_words;
static gboolean use_bits;

static gsize
list_bytes (const TidList *l)
{
  return use_bits ? n_words * sizeof (guint64) : l->n * sizeof (guint32);
}

static void
level_free (Level *l)
{
  for (gsize i = 0; i < l->n; i++)
    {
      held_bytes -= list_bytes (&l->lists[i]);
      g_free (l->lists[i].tids);
      g_free (l->lists[i].bits);
    }
  g_free (l->lists);
  g_free (l->sets);
}

static guint32
intersect (const TidList *a,
           const TidList *b,
           guint32       *out)
{
  guint32 i = 0, j = 0, n = 0;

  while (i < a->n && j < b->n)
    {
      if (a->tids[i] < b->tids[j])
        i++;
      else if (a->tids[i] > b->tids[j])
        j++;
      else
        out[n++] = a->tids[i], i++, j++;
    }
  return n;
}

static guint32
and_count (const TidList *a,
           const TidList *b,
           guint64       *out)
{
  guint32 n = 0;

  for (gsize w = 0; w < n_words; w++)
    {
      out[w] = a->bits[w] & b->bits[w];
      n += __builtin_popcountll (out[w]);
    }
  return n;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataTransactions) tr = NULL;
  g_autoptr(GTimer) timer = NULL;
  guint n_items;
  gsize n, total = 0;
  guint64 min_count;
  g_autofree guint32 *scratch = NULL;
  g_autofree guint64 *scratch_bits = NULL;
  g_autoptr(GArray) lists_by_item = NULL;
  Level prev = { 1 };

  if (argc < 3 || argc > 4)
    {
      fprintf (stderr, "usage: %s FILE MIN_SUPPORT [tidlists|bitsets]\n", argv[0]);
      return 2;
    }
  use_bits = argc == 4 && strcmp (argv[3], "bitsets") == 0;
  tr = g_str_has_suffix (argv[1], ".dat") ? strata_transactions_read_fimi (argv[1], NULL, &error)
                                          : strata_transactions_read_basket (argv[1], ',', NULL, &error);
  if (tr == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  timer = g_timer_new ();
  n = strata_transactions_get_n_transactions (tr);
  n_items = strata_transactions_get_n_items (tr);
  min_count = MAX (1, (guint64) ceil (g_ascii_strtod (argv[2], NULL) * n * (1 - DBL_EPSILON)));
  scratch = g_new (guint32, n + 1);
  n_words = (n + 63) / 64;
  scratch_bits = g_new (guint64, n_words + 1);

  /* Level 1: the vertical layout. */
  {
    g_autofree guint32 *counts = g_new0 (guint32, n_items);
    g_autofree TidList *all = g_new0 (TidList, n_items);
    for (gsize t = 0; t < n; t++)
      {
        gsize len;
        const guint32 *items = strata_transactions_get_items (tr, t, &len);
        for (gsize i = 0; i < len; i++)
          counts[items[i]]++;
      }
    for (guint i = 0; i < n_items; i++)
      if (counts[i] >= min_count)
        all[i].tids = g_new (guint32, counts[i]);
    for (gsize t = 0; t < n; t++)
      {
        gsize len;
        const guint32 *items = strata_transactions_get_items (tr, t, &len);
        for (gsize i = 0; i < len; i++)
          if (all[items[i]].tids != NULL)
            all[items[i]].tids[all[items[i]].n++] = t;
      }
    prev.sets = g_new (guint32, n_items);
    prev.lists = g_new (TidList, n_items);
    for (guint i = 0; i < n_items; i++)
      if (all[i].tids != NULL)
        {
          if (use_bits)
            {
              all[i].bits = g_new0 (guint64, n_words);
              for (guint32 j = 0; j < all[i].n; j++)
                all[i].bits[all[i].tids[j] / 64] |= (guint64) 1 << (all[i].tids[j] % 64);
              g_clear_pointer (&all[i].tids, g_free);
            }
          prev.sets[prev.n] = i;
          prev.lists[prev.n++] = all[i];
          held_bytes += list_bytes (&all[i]);
        }
    peak_bytes = held_bytes;
    total += prev.n;
  }

  /* Levels k ≥ 2: join within (k-2)-prefix blocks, intersect. */
  while (prev.n > 1)
    {
      guint k = prev.k + 1;
      g_autoptr(GArray) sets = g_array_new (FALSE, FALSE, sizeof (guint32));
      g_autoptr(GArray) lists = g_array_new (FALSE, FALSE, sizeof (TidList));
      Level next = { k };

      for (gsize i = 0; i < prev.n;)
        {
          gsize j = i + 1;
          while (j < prev.n && memcmp (prev.sets + j * prev.k, prev.sets + i * prev.k,
                                       (prev.k - 1) * sizeof (guint32)) == 0)
            j++;
          for (gsize a = i; a < j; a++)
            for (gsize b = a + 1; b < j; b++)
              {
                guint32 c = use_bits ? and_count (&prev.lists[a], &prev.lists[b], scratch_bits)
                                     : intersect (&prev.lists[a], &prev.lists[b], scratch);
                TidList l = { .n = c };
                if (c < min_count)
                  continue;
                if (use_bits)
                  l.bits = g_memdup2 (scratch_bits, n_words * sizeof (guint64));
                else
                  l.tids = g_memdup2 (scratch, c * sizeof (guint32));
                g_array_append_vals (sets, prev.sets + a * prev.k, prev.k);
                g_array_append_vals (sets, &prev.sets[b * prev.k + prev.k - 1], 1);
                g_array_append_vals (lists, &l, 1);
                held_bytes += list_bytes (&l);
                peak_bytes = MAX (peak_bytes, held_bytes);
              }
          i = j;
        }
      next.n = lists->len;
      next.sets = (guint32 *) g_array_free (g_steal_pointer (&sets), FALSE);
      next.lists = (TidList *) g_array_free (g_steal_pointer (&lists), FALSE);
      level_free (&prev);
      prev = next;
      total += prev.n;
    }
  level_free (&prev);

  printf ("%s min_support %s: %s %" G_GSIZE_FORMAT " itemsets, %.3f s mining, peak lists %.1f MiB\n",
          argv[1], argv[2], use_bits ? "bitsets" : "tid-lists", total, g_timer_elapsed (timer, NULL),
          peak_bytes / 1048576.0);

  {
    g_autoptr(StrataItemsets) sets = NULL;
    StrataAprioriParams p;
    strata_apriori_params_init (&p);
    p.min_count = min_count;
    p.rules = FALSE;
    g_timer_start (timer);
    if (!strata_apriori_run (tr, &p, NULL, NULL, NULL, &sets, NULL, &error))
      {
        fprintf (stderr, "%s\n", error->message);
        return 1;
      }
    printf ("%s min_support %s: prefix tree %" G_GSIZE_FORMAT " itemsets, %.3f s mining\n",
            argv[1], argv[2], strata_itemsets_get_n_itemsets (sets), g_timer_elapsed (timer, NULL));
  }
  return 0;
}
