/* strata-apriori.c — level-wise frequent itemset mining
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * Apriori (Agrawal & Srikant 1994) with the data layout of Borgelt's
 * implementation (FIMI 2003), in four steps:
 *
 * 1. Items are counted; frequent ones are recoded 0 … F-1 by ascending
 *    support. Each transaction is recoded, its infrequent items dropped, and
 *    sorted; the transactions are sorted and identical ones merged into one
 *    with a weight (AprioriDb, strata-apriori-db.c). Real baskets repeat a
 *    lot once rare items are gone, so this shrinks what every level scans.
 *
 * 2. Level 2: every pair of frequent items is a candidate and indexing beats
 *    any tree, so pairs are counted in a triangular array of F(F-1)/2
 *    counters — one block of rows at a time, so that memory stays bounded
 *    (see mine_pairs()).
 *
 * 3. Levels k ≥ 3: candidates are joined from frequent (k-1)-itemsets that
 *    share a (k-2)-prefix and pruned when a (k-1)-subset is infrequent
 *    (strata-apriori-gen.c). They come out sorted, one prefix and its
 *    candidates' last codes at a time, and are counted one of two ways
 *    (docs/apriori.md has the measurements): with item bitsets
 *    (strata-apriori-vertical.c: the prefix's ANDed bitset, popcounts with
 *    each last item's), several times faster when the database is small
 *    and dense, as soon as they are generated (no tree, only the frequent
 *    ones kept); or into a prefix tree built in one pass as k flat arrays,
 *    one per depth (the children of node j at depth d are nodes
 *    start[d][j] … start[d][j+1]-1 at depth d+1, holding sorted items),
 *    which each transaction then descends along its items
 *    (strata-apriori-tree.c). start_bitsets() decides before generating
 *    when it can, count_level() after generating the tree otherwise.
 *
 * 4. After each level, an item that lies in fewer than k frequent
 *    k-itemsets cannot lie in a frequent (k+1)-itemset; such items are
 *    dropped from the database, transactions shorter than k+1 are dropped,
 *    and identical transactions merged again.
 *
 * Memory guard: before a level's candidates are built, their bytes plus what
 * is already held are checked against max_memory; generation also checks
 * as it goes (the tree, or with bitsets the frequent itemsets found so
 * far), so a level that would blow up stops with an error naming it.
 * Cancellation is polled between levels, every 256 (merged) transactions
 * while counting and every few thousand candidates while generating.
 */

#include "config.h"

#include <math.h>
#include <float.h>
#include <string.h>
#include <unistd.h>

#include "strata-apriori-private.h"
#include "strata-util-private.h"

G_DEFINE_QUARK (strata-apriori-error-quark, strata_apriori_error)

#define POLL_EVERY 256

/* --- Parameters ----------------------------------------------------------- */

static const char *const measure_names[] = {
  "none", "support", "confidence", "lift", "leverage", "conviction", "coverage",
};

const char *
strata_rule_measure_to_string (StrataRuleMeasure measure)
{
  g_return_val_if_fail (measure <= STRATA_RULE_COVERAGE, NULL);
  return measure_names[measure];
}

gboolean
strata_rule_measure_from_string (const char        *s,
                                 StrataRuleMeasure *measure)
{
  guint i;

  if (!strata_name_lookup (measure_names, G_N_ELEMENTS (measure_names), s, &i))
    return FALSE;
  *measure = (StrataRuleMeasure) i;
  return TRUE;
}

void
strata_apriori_params_init (StrataAprioriParams *params)
{
  memset (params, 0, sizeof *params);
  params->min_support = 0.1;
  params->min_confidence = 0.8;
  params->min_length = 1;
  params->max_length = 0;
  params->max_consequent_length = 1;
  params->sort_by = STRATA_RULE_NONE;
  params->rules = TRUE;
}

static guint64
physical_memory (void)
{
  long pages = sysconf (_SC_PHYS_PAGES), page_size = sysconf (_SC_PAGESIZE);

  if (pages <= 0 || page_size <= 0)
    return (guint64) 4 << 30;
  return (guint64) pages * (guint64) page_size;
}

static gboolean
check_params (const StrataAprioriParams *p,
              GError                   **error)
{
  const char *bad = NULL;

  if (p->min_count == 0 && !(p->min_support > 0.0 && p->min_support <= 1.0))
    bad = "min_support must be in (0, 1] (or give min_count)";
  else if (!(p->min_confidence >= 0.0 && p->min_confidence <= 1.0))
    bad = "min_confidence must be in [0, 1]";
  else if (p->max_length != 0 && p->max_length < p->min_length)
    bad = "max_length must be 0 (no limit) or at least min_length";
  else if (p->sort_by > STRATA_RULE_COVERAGE)
    bad = "sort_by is not a rule measure";
  if (bad == NULL)
    return TRUE;
  g_set_error (error, STRATA_APRIORI_ERROR, STRATA_APRIORI_ERROR_PARAMETER,
               "Parameter %s", bad);
  return FALSE;
}

/* --- Levels --------------------------------------------------------------- */

gssize
apriori_level_lookup (const AprioriLevel *level,
                      const guint32      *set)
{
  gsize lo = 0, hi = level->n;

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;
      int c = apriori_compare_sets (level->sets + mid * level->k, set, level->k);
      if (c == 0)
        return mid;
      if (c < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return -1;
}

void
apriori_level_clear (AprioriLevel *level)
{
  g_clear_pointer (&level->sets, g_free);
  g_clear_pointer (&level->counts, g_free);
  level->n = 0;
}

static gsize
level_bytes (const AprioriLevel *level)
{
  return level->n * (level->k + 1) * sizeof (guint32);
}

/* --- The mining context --------------------------------------------------- */

gsize
apriori_miner_working_bytes (const AprioriMiner *m)
{
  return apriori_db_bytes (&m->db) + apriori_bitsets_bytes (m->bitsets);
}

gboolean
apriori_miner_memory_error (AprioriMiner  *m,
                            guint          k,
                            guint64        n_candidates,
                            gboolean       partial,
                            GError       **error)
{
  g_set_error (error, STRATA_APRIORI_ERROR, STRATA_APRIORI_ERROR_MEMORY,
               "Level %u would need more than %" G_GUINT64_FORMAT " MiB (max_memory) for %s%"
               G_GUINT64_FORMAT " candidate itemsets: raise min_support (now %" G_GUINT64_FORMAT
               " transactions) or lower max_length",
               k, m->budget >> 20, partial ? "more than " : "", n_candidates, m->min_count);
  return FALSE;
}

gboolean
apriori_miner_cancelled (AprioriMiner  *m,
                         GError       **error)
{
  return g_cancellable_set_error_if_cancelled (m->cancellable, error);
}

static void
add_level (AprioriMiner *m,
           AprioriLevel *level,
           guint64       n_candidates)
{
  if (m->progress != NULL)
    m->progress (level->k, n_candidates, level->n, m->user_data);
  m->held += level_bytes (level);
  g_array_append_vals (m->levels, level, 1);
}

/* Level 2: every pair of codes is a candidate. They are counted in a
 * triangular array, one block of rows at a time: rows a0 … a1-1 hold the
 * pairs (a, b), a0 ≤ a < a1, b > a. The number of increments is the same as
 * with the whole triangle at once (each transaction only visits its items in
 * [a0, a1), found through a per-transaction cursor that only moves forward),
 * but the counters stay within PAIR_BLOCK_CELLS, so memory does not grow as
 * F² and the block stays in cache. */
#define PAIR_BLOCK_CELLS ((gsize) 1 << 18)

static gboolean
mine_pairs (AprioriMiner  *m,
            guint          n_codes,
            AprioriLevel  *out,
            guint64       *n_candidates,
            GError       **error)
{
  const AprioriDb *db = &m->db;
  g_autofree guint32 *counts = NULL;
  g_autofree gsize *row = g_new (gsize, MAX (n_codes, 1));
  g_autofree guint32 *cursor = g_new0 (guint32, MAX (db->n, 1));
  AprioriVec sets = { 0 }, cnts = { 0 };
  gsize all_cells = (gsize) n_codes * (n_codes - 1) / 2;  /* the whole triangle */
  gsize block_cells = MAX (MIN (PAIR_BLOCK_CELLS, all_cells), n_codes);

  *n_candidates = (guint64) n_codes * (n_codes - 1) / 2;
  if (m->held + apriori_db_bytes (db) + (block_cells + db->n + n_codes) * sizeof (guint32) > m->budget)
    return apriori_miner_memory_error (m, 2, *n_candidates, FALSE, error);
  counts = g_new (guint32, block_cells);

  for (guint a0 = 0, a1; a0 + 1 < n_codes; a0 = a1)
    {
      gsize cells = 0;

      /* Rows a0 … a1-1; pair (a, b) is at counts[row[a] + b]. */
      for (a1 = a0; a1 + 1 < n_codes && (a1 == a0 || cells + (n_codes - a1 - 1) <= block_cells); a1++)
        {
          row[a1] = cells - (a1 + 1);
          cells += n_codes - a1 - 1;
        }
      memset (counts, 0, cells * sizeof (guint32));

      for (gsize t = 0; t < db->n; t++)
        {
          const guint32 *items = db->items + db->offsets[t];
          gsize len = db->offsets[t + 1] - db->offsets[t];
          guint32 w = db->weights[t];
          gsize i = cursor[t];

          if (t % POLL_EVERY == 0 && apriori_miner_cancelled (m, error))
            {
              g_free (sets.data);
              g_free (cnts.data);
              return FALSE;
            }
          for (; i + 1 < len && items[i] < a1; i++)
            {
              guint32 *r = counts + row[items[i]];
              for (gsize j = i + 1; j < len; j++)
                r[items[j]] += w;
            }
          cursor[t] = i;
        }

      for (guint a = a0; a < a1; a++)
        for (guint b = a + 1; b < n_codes; b++)
          {
            guint32 c = counts[row[a] + b];
            if (c >= m->min_count)
              {
                apriori_vec_push (&sets, a);
                apriori_vec_push (&sets, b);
                apriori_vec_push (&cnts, c);
              }
          }
      if (m->held + apriori_db_bytes (db) + (block_cells + db->n) * sizeof (guint32) +
          (sets.len + cnts.len) * sizeof (guint32) > m->budget)
        {
          g_free (sets.data);
          g_free (cnts.data);
          return apriori_miner_memory_error (m, 2, *n_candidates, FALSE, error);
        }
    }

  out->k = 2;
  out->n = cnts.len;
  out->counts = apriori_vec_steal (&cnts);
  out->sets = apriori_vec_steal (&sets);
  return TRUE;
}

static void
tree_clear (AprioriTree *tree)
{
  for (guint d = 0; tree->items != NULL && d < tree->k; d++)
    {
      g_free (tree->items[d].data);
      g_free (tree->start[d].data);
    }
  g_free (tree->items);
  g_free (tree->start);
  g_free (tree->item_p);
  g_free (tree->start_p);
  g_free (tree->counts);
  g_free (tree->root);
  memset (tree, 0, sizeof *tree);
}

/* Points item_p / start_p at the arrays, for counting. */
static void
tree_prepare (AprioriTree *tree)
{
  guint k = tree->k;

  tree->item_p = g_new0 (const guint32 *, k);
  tree->start_p = g_new0 (const guint32 *, k);
  for (guint d = 0; d < k; d++)
    {
      tree->item_p[d] = tree->items[d].data;
      tree->start_p[d] = d + 1 < k ? tree->start[d].data : NULL;
    }
}

/* Bitsets win by far when the database is small and dense enough that
 * candidates' prefixes hold a good share of the transactions (groceries,
 * mushroom: 4 to 50 times faster than the tree); the tree wins when the
 * bitset matrix gets wide, and when merging has left few distinct
 * transactions standing for many bits. Measured per level in
 * docs/apriori.md. The matrix also stays small next to what the run holds
 * (at most 2 MiB), so that peak memory does not move. */
#define BITSETS_MAX_BYTES  ((guint64) 2 << 20)
#define BITSETS_MAX_WEIGHT 32

/* Whether bitsets for @n_items codes are worth it (the database's shape,
 * (a) above) and fit (b), @extra more bytes being held besides them. */
static gboolean
bitsets_fit (AprioriMiner *m,
             guint         n_items,
             gsize         extra)
{
  guint64 n_bits = apriori_bitsets_n_bits (&m->db), bytes;

  if (n_bits > BITSETS_MAX_WEIGHT * (guint64) m->db.n)
    return FALSE;
  bytes = (guint64) n_items * ((n_bits + 63) / 64) * sizeof (guint64);
  return bytes <= BITSETS_MAX_BYTES && m->held + apriori_miner_working_bytes (m) + extra + bytes <= m->budget;
}

/* Sets @codes[c] for the codes @tree holds; returns how many. */
static guint
tree_codes (const AprioriTree *tree,
            guint8            *codes)
{
  guint n_items = 0;

  for (guint d = 0; d < tree->k; d++)
    for (gsize j = 0; j < tree->items[d].len; j++)
      {
        guint32 c = tree->items[d].data[j];
        n_items += !codes[c];
        codes[c] = 1;
      }
  return n_items;
}

/* Before level k's candidates are generated (@codes: the codes they can
 * hold, those reduce_database() kept): builds the bitsets and frees the
 * database when the bitsets will count the level, which is then generated
 * and counted at once (apriori_generate_and_count()), without a tree.
 * Forced by APRIORI_COUNT_BITSETS; under AUTO when bitsets_fit() for all
 * of @codes, an upper bound of the codes the candidates turn out to hold
 * (measured: retail 0.1%, level 4, 193 against 189; retail 0.02%, level 5,
 * 603 against 403). When the bound is too loose, the tree is generated and
 * count_level() decides with the exact codes. */
static gboolean
start_bitsets (AprioriMiner *m,
               guint         n_codes,
               const guint8 *codes)
{
  guint n_items = 0;

  if (m->counting == APRIORI_COUNT_TREE || m->counting == APRIORI_COUNT_SWITCH)
    return FALSE;
  for (guint c = 0; c < n_codes; c++)
    n_items += codes[c];
  if (m->counting == APRIORI_COUNT_AUTO && !bitsets_fit (m, n_items, 0))
    return FALSE;
  m->bitsets = apriori_bitsets_new (&m->db, n_codes, codes);
  apriori_db_clear (&m->db);
  return TRUE;
}

/* Counts @tree's candidates one way or the other. The first level that
 * uses bitsets builds them and frees the database (it is no longer
 * reduced); the following ones are counted by
 * apriori_generate_and_count(). */
static gboolean
count_level (AprioriMiner  *m,
             AprioriTree   *tree,
             guint          n_codes,
             GError       **error)
{
  g_autofree guint8 *codes = g_new0 (guint8, MAX (n_codes, 1));
  guint n_items = tree_codes (tree, codes);
  gboolean bitsets;

  g_assert (m->bitsets == NULL);
  if (m->counting == APRIORI_COUNT_TREE)
    bitsets = FALSE;
  else if (m->counting == APRIORI_COUNT_SWITCH)
    bitsets = tree->k > 3;
  else
    bitsets = m->counting == APRIORI_COUNT_BITSETS || bitsets_fit (m, n_items, apriori_tree_bytes (tree));
  tree_prepare (tree);
  if (!bitsets)
    return apriori_count_tree (&m->db, n_codes, tree, m->cancellable, error);
  m->bitsets = apriori_bitsets_new (&m->db, n_codes, codes);
  apriori_db_clear (&m->db);
  return apriori_count_bitsets (m->bitsets, tree, m->cancellable, error);
}

/* Appends the frequent leaves under nodes [@lo, @hi) at depth @d, in order,
 * @path[0 .. d) holding their ancestors' items. */
static void
collect_rec (const AprioriTree *tree,
             guint64            min_count,
             guint              d,
             gsize              lo,
             gsize              hi,
             guint32           *path,
             AprioriVec        *sets,
             AprioriVec        *cnts)
{
  const guint32 *items = tree->items[d].data;

  for (gsize j = lo; j < hi; j++)
    {
      path[d] = items[j];
      if (d + 1 < tree->k)
        collect_rec (tree, min_count, d + 1, tree->start[d].data[j], tree->start[d].data[j + 1],
                     path, sets, cnts);
      else if (tree->counts[j] >= min_count)
        {
          for (guint q = 0; q < tree->k; q++)
            apriori_vec_push (sets, path[q]);
          apriori_vec_push (cnts, tree->counts[j]);
        }
    }
}

/* Collects the frequent leaves of @tree, in order, into @out. */
static void
collect_frequent (AprioriMiner *m,
                  AprioriTree  *tree,
                  AprioriLevel *out)
{
  AprioriVec sets = { 0 }, cnts = { 0 };
  g_autofree guint32 *path = g_new (guint32, tree->k);

  collect_rec (tree, m->min_count, 0, 0, tree->items[0].len, path, &sets, &cnts);
  out->k = tree->k;
  out->n = cnts.len;
  out->counts = apriori_vec_steal (&cnts);
  out->sets = apriori_vec_steal (&sets);
}

/* Keeps items lying in at least k frequent k-itemsets (the only ones a
 * (k+1)-candidate can hold: @keep[c] says which); drops shorter
 * transactions. */
static void
reduce_database (AprioriMiner       *m,
                 const AprioriLevel *level,
                 guint               n_codes,
                 guint8             *keep)
{
  g_autofree guint32 *occ = g_new0 (guint32, MAX (n_codes, 1));

  for (gsize i = 0; i < level->n * level->k; i++)
    occ[level->sets[i]]++;
  for (guint c = 0; c < n_codes; c++)
    keep[c] = occ[c] >= level->k;
  apriori_db_reduce (&m->db, keep, level->k + 1, n_codes);
}

/* --- Driver --------------------------------------------------------------- */

typedef struct {
  guint32 count;
  guint32 item;
} ItemCount;

static int
compare_item_count (const void *a,
                    const void *b)
{
  const ItemCount *x = a, *y = b;

  if (x->count != y->count)
    return x->count < y->count ? -1 : 1;
  return (x->item > y->item) - (x->item < y->item);
}

/* Level 1: counts items, recodes the frequent ones by ascending support. */
static void
mine_items (AprioriMiner       *m,
            StrataTransactions *tr,
            StrataItemsets     *sets,
            gint32             *item_code)
{
  guint n_items = strata_transactions_get_n_items (tr);
  gsize n = strata_transactions_get_n_transactions (tr);
  g_autofree guint32 *counts = g_new0 (guint32, MAX (n_items, 1));
  g_autofree ItemCount *freq = g_new (ItemCount, MAX (n_items, 1));
  AprioriLevel level = { .k = 1 };
  guint f = 0;

  for (gsize t = 0; t < n; t++)
    {
      gsize len;
      const guint32 *items = strata_transactions_get_items (tr, t, &len);
      for (gsize i = 0; i < len; i++)
        counts[items[i]]++;
    }
  for (guint i = 0; i < n_items; i++)
    {
      item_code[i] = -1;
      if (counts[i] >= m->min_count)
        freq[f++] = (ItemCount) { counts[i], i };
    }
  qsort (freq, f, sizeof (ItemCount), compare_item_count);

  sets->n_codes = f;
  sets->code_to_item = g_new (guint32, MAX (f, 1));
  level.n = f;
  level.sets = g_new (guint32, MAX (f, 1));
  level.counts = g_new (guint32, MAX (f, 1));
  for (guint c = 0; c < f; c++)
    {
      sets->code_to_item[c] = freq[c].item;
      item_code[freq[c].item] = c;
      level.sets[c] = c;
      level.counts[c] = freq[c].count;
    }
  add_level (m, &level, n_items);
}

static gboolean
mine_levels (AprioriMiner        *m,
             StrataTransactions  *tr,
             StrataItemsets      *sets,
             GError             **error)
{
  g_autofree gint32 *item_code = g_new (gint32, MAX (strata_transactions_get_n_items (tr), 1));
  g_autofree guint8 *keep = NULL;  /* [n_codes]: see reduce_database() */
  guint n_codes;
  AprioriLevel level = { 0 };
  guint64 n_candidates;

  mine_items (m, tr, sets, item_code);
  n_codes = sets->n_codes;
  if (m->max_length < 2 || n_codes < 2)
    return TRUE;
  if (apriori_miner_cancelled (m, error))
    return FALSE;

  keep = g_new (guint8, n_codes);
  apriori_db_build (&m->db, tr, item_code, 2, n_codes);
  if (!mine_pairs (m, n_codes, &level, &n_candidates, error))
    return FALSE;
  add_level (m, &level, n_candidates);

  for (guint k = 3; k <= m->max_length; k++)
    {
      const AprioriLevel *prev = &g_array_index (m->levels, AprioriLevel, k - 1);
      AprioriTree tree = { 0 };

      if (apriori_miner_cancelled (m, error))
        return FALSE;
      if (prev->n < k)
        break;
      if (m->bitsets == NULL)
        {
          reduce_database (m, prev, n_codes, keep);
          start_bitsets (m, n_codes, keep);
        }
      if (m->bitsets != NULL)
        {
          if (!apriori_generate_and_count (m, prev, n_codes, k, &level, &n_candidates, error))
            return FALSE;
        }
      else
        {
          if (!apriori_generate_tree (m, prev, n_codes, k, &tree, error) ||
              !count_level (m, &tree, n_codes, error))
            {
              tree_clear (&tree);
              return FALSE;
            }
          collect_frequent (m, &tree, &level);
          n_candidates = tree.n;
          tree_clear (&tree);
        }
      if (level.n == 0)
        {
          if (m->progress != NULL)
            m->progress (k, n_candidates, 0, m->user_data);
          apriori_level_clear (&level);
          break;
        }
      add_level (m, &level, n_candidates);
    }
  return !apriori_miner_cancelled (m, error);
}

/* Resolves the item names of a filter into a per-code flag array. */
static gboolean
resolve_filter (StrataTransactions *tr,
                StrataItemsets     *sets,
                const char *const  *names,
                const char         *parameter,
                guint8            **flags,
                GError            **error)
{
  guint n_items = strata_transactions_get_n_items (tr);
  g_autofree guint8 *by_item = NULL;

  *flags = NULL;
  if (names == NULL)
    return TRUE;
  by_item = g_new0 (guint8, MAX (n_items, 1));
  for (guint i = 0; names[i] != NULL; i++)
    {
      gint64 id = strata_transactions_lookup_item (tr, names[i]);
      if (id < 0)
        {
          g_set_error (error, STRATA_APRIORI_ERROR, STRATA_APRIORI_ERROR_PARAMETER,
                       "Parameter %s: no item is called “%s”", parameter, names[i]);
          return FALSE;
        }
      by_item[id] = 1;
    }
  *flags = g_new0 (guint8, MAX (sets->n_codes, 1));
  for (guint c = 0; c < sets->n_codes; c++)
    (*flags)[c] = by_item[sets->code_to_item[c]];
  return TRUE;
}

gboolean
strata_apriori_run (StrataTransactions         *transactions,
                    const StrataAprioriParams  *params,
                    StrataAprioriProgressFunc   progress,
                    gpointer                    user_data,
                    GCancellable               *cancellable,
                    StrataItemsets            **itemsets_out,
                    StrataRules               **rules_out,
                    GError                    **error)
{
  return apriori_run_with (transactions, params, APRIORI_COUNT_AUTO, progress, user_data,
                           cancellable, itemsets_out, rules_out, error);
}

gboolean
apriori_run_with (StrataTransactions         *transactions,
                  const StrataAprioriParams  *params,
                  AprioriCounting             counting,
                  StrataAprioriProgressFunc   progress,
                  gpointer                    user_data,
                  GCancellable               *cancellable,
                  StrataItemsets            **itemsets_out,
                  StrataRules               **rules_out,
                  GError                    **error)
{
  g_autoptr(StrataItemsets) sets = NULL;
  g_autoptr(StrataRules) rules = NULL;
  g_autofree guint8 *ante_filter = NULL, *cons_filter = NULL;
  guint64 n = strata_transactions_get_n_transactions (transactions);
  AprioriMiner m = { 0 };
  gboolean ok;

  g_return_val_if_fail (transactions != NULL, FALSE);
  g_return_val_if_fail (params != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_params (params, error))
    return FALSE;

  m.params = params;
  m.progress = progress;
  m.user_data = user_data;
  m.cancellable = cancellable;
  m.counting = counting;
  m.budget = params->max_memory > 0 ? params->max_memory : physical_memory () / 4;
  m.max_length = params->max_length > 0 ? params->max_length : G_MAXUINT;
  if (params->min_count > 0)
    m.min_count = params->min_count;
  else  /* as Borgelt's apriori: ceil, forgiving the last bit of rounding */
    m.min_count = (guint64) ceil (params->min_support * (double) n * (1.0 - DBL_EPSILON));
  m.min_count = MAX (m.min_count, 1);
  m.levels = g_array_new (FALSE, TRUE, sizeof (AprioriLevel));
  g_array_set_size (m.levels, 1);

  sets = g_new0 (StrataItemsets, 1);
  sets->ref_count = 1;
  sets->transactions = strata_transactions_ref (transactions);
  sets->n_transactions = n;
  sets->min_count = m.min_count;

  ok = mine_levels (&m, transactions, sets, error);
  apriori_db_clear (&m.db);
  apriori_bitsets_free (m.bitsets);
  sets->n_levels = m.levels->len - 1;
  sets->levels = (AprioriLevel *) g_array_free (m.levels, FALSE);
  if (!ok)
    return FALSE;

  sets->first = MAX (params->min_length, 1);
  sets->last = MIN (m.max_length, sets->n_levels);
  sets->level_start = g_new0 (gsize, sets->n_levels + 2);
  for (guint k = 1; k <= sets->n_levels + 1; k++)
    sets->level_start[k] = sets->level_start[k - 1] +
      ((k - 1 >= sets->first && k - 1 <= sets->last) ? sets->levels[k - 1].n : 0);

  if (rules_out != NULL)
    {
      if (!resolve_filter (transactions, sets, params->antecedent_items, "antecedent_items",
                           &ante_filter, error) ||
          !resolve_filter (transactions, sets, params->consequent_items, "consequent_items",
                           &cons_filter, error))
        return FALSE;
      rules = apriori_generate_rules (sets, params, ante_filter, cons_filter,
                                      m.budget > m.held ? m.budget - m.held : 0,
                                      cancellable, error);
      if (rules == NULL)
        return FALSE;
    }
  apriori_itemsets_convert (sets);

  if (itemsets_out != NULL)
    *itemsets_out = g_steal_pointer (&sets);
  if (rules_out != NULL)
    *rules_out = g_steal_pointer (&rules);
  return TRUE;
}
