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
 *    (ranges of the sorted previous level, counted in a table per code, see
 *    generate()). They come out sorted, one prefix and its candidates' last
 *    codes at a time, and are counted one of two ways (docs/apriori.md has
 *    the measurements): with item bitsets (strata-apriori-vertical.c: the
 *    prefix's ANDed bitset, popcounts with each last item's), several
 *    times faster when the database is small and dense, as soon as they
 *    are generated (generate_and_count(): no tree, only the frequent ones
 *    kept); or into a prefix tree built in one pass as k flat arrays, one
 *    per depth (the children of node j at depth d are nodes
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

static int
compare_sets (const guint32 *a,
              const guint32 *b,
              guint          k)
{
  for (guint i = 0; i < k; i++)
    if (a[i] != b[i])
      return a[i] < b[i] ? -1 : 1;
  return 0;
}

gssize
apriori_level_lookup (const AprioriLevel *level,
                      const guint32      *set)
{
  gsize lo = 0, hi = level->n;

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;
      int c = compare_sets (level->sets + mid * level->k, set, level->k);
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

typedef struct {
  const StrataAprioriParams *params;
  StrataAprioriProgressFunc  progress;
  gpointer                   user_data;
  GCancellable              *cancellable;
  guint64                    min_count;
  guint64                    budget;      /* max_memory in bytes */
  guint                      max_length;  /* G_MAXUINT for none */
  AprioriDb                         db;
  GArray                    *levels;      /* AprioriLevel; [0] unused */
  gsize                      held;        /* bytes of the stored levels */
  AprioriCounting            counting;
  AprioriBitsets            *bitsets;     /* once a level used them: kept, and db freed */
} Miner;

/* Bytes of the database or the bitsets that replaced it. */
static gsize
working_bytes (const Miner *m)
{
  return apriori_db_bytes (&m->db) + apriori_bitsets_bytes (m->bitsets);
}

/* @n_candidates: the level's candidates, or those generated so far when
 * @partial. */
static gboolean
memory_error (Miner    *m,
              guint     k,
              guint64   n_candidates,
              gboolean  partial,
              GError  **error)
{
  g_set_error (error, STRATA_APRIORI_ERROR, STRATA_APRIORI_ERROR_MEMORY,
               "Level %u would need more than %" G_GUINT64_FORMAT " MiB (max_memory) for %s%"
               G_GUINT64_FORMAT " candidate itemsets: raise min_support (now %" G_GUINT64_FORMAT
               " transactions) or lower max_length",
               k, m->budget >> 20, partial ? "more than " : "", n_candidates, m->min_count);
  return FALSE;
}

static gboolean
cancelled (Miner   *m,
           GError **error)
{
  return g_cancellable_set_error_if_cancelled (m->cancellable, error);
}

static void
add_level (Miner        *m,
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
mine_pairs (Miner        *m,
            guint         n_codes,
            AprioriLevel *out,
            guint64      *n_candidates,
            GError      **error)
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
    return memory_error (m, 2, *n_candidates, FALSE, error);
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

          if (t % POLL_EVERY == 0 && cancelled (m, error))
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
          return memory_error (m, 2, *n_candidates, FALSE, error);
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

static gsize
tree_bytes (const AprioriTree *tree)
{
  gsize b = tree->n * sizeof (guint32);
  for (guint d = 0; d < tree->k; d++)
    b += (tree->items[d].len + tree->start[d].len) * sizeof (guint32);
  return b;
}

/* Adds candidate @c (k codes) given the previous one @prev (or NULL). */
static void
tree_add (AprioriTree   *tree,
          const guint32 *c,
          const guint32 *prev)
{
  guint k = tree->k, p = 0;

  if (prev != NULL)
    while (p < k && c[p] == prev[p])
      p++;
  g_assert (p < k);  /* candidates are distinct and sorted */
  for (guint d = p; d < k; d++)
    {
      if (d + 1 < k)
        apriori_vec_push (&tree->start[d], tree->items[d + 1].len);
      apriori_vec_push (&tree->items[d], c[d]);
    }
  tree->n++;
}

/* The range [*lo, *hi) of @level's sets whose first @len ≥ 1 codes are
 * @prefix. @by_first[c] … @by_first[c+1]-1 are the sets starting with code
 * c; binary searches within that. */
static void
level_prefix_range (const AprioriLevel *level,
                    const gsize        *by_first,
                    const guint32      *prefix,
                    guint               len,
                    gsize              *lo,
                    gsize              *hi)
{
  gsize a = by_first[prefix[0]], b = by_first[prefix[0] + 1], top = b;
  guint k = level->k;

  if (len == 1)
    {
      *lo = a;
      *hi = b;
      return;
    }
  while (a < b)  /* first set ≥ prefix */
    {
      gsize mid = a + (b - a) / 2;
      if (compare_sets (level->sets + mid * k + 1, prefix + 1, len - 1) < 0)
        a = mid + 1;
      else
        b = mid;
    }
  *lo = a;
  b = top;
  while (a < b)  /* first set > prefix */
    {
      gsize mid = a + (b - a) / 2;
      if (compare_sets (level->sets + mid * k + 1, prefix + 1, len - 1) <= 0)
        a = mid + 1;
      else
        b = mid;
    }
  *hi = a;
}

/* The first index r in [@lo, @hi) whose set has a code ≥ @code at
 * position @p (the codes at p ascending over that range), or @hi:
 * galloping from @lo, as the caller's cursor moves forward by small steps
 * more often than by large ones. */
static gsize
gallop_to (const AprioriLevel *level,
           guint               p,
           gsize               lo,
           gsize               hi,
           guint32             code)
{
  const guint32 *sets = level->sets + p;
  guint k = level->k;
  gsize step = 1, b;

  if (lo >= hi || sets[lo * k] >= code)
    return lo;
  while (lo + step < hi && sets[(lo + step) * k] < code)  /* sets[lo] < code */
    {
      lo += step;
      step *= 2;
    }
  /* sets[lo] < code ≤ sets[b] (or b = hi): a binary search whose step is
   * a conditional move, not a branch the CPU would guess wrong half the
   * time. */
  b = MIN (lo + step, hi);
  for (gsize n = b - lo; n > 1; n -= n / 2)
    lo = sets[(lo + n / 2) * k] < code ? lo + n / 2 : lo;
  return lo + 1;
}

/* Where generate() hands the candidates: once per x (the k-1 codes of a
 * frequent itemset of the previous level), with the last codes
 * @ext[0 .. n), n ≥ 1, ascending, of its candidates x ∪ {c}. FALSE with
 * @error set stops the generation. */
typedef gboolean (*CandidateSink) (Miner          *m,
                                   const guint32  *x,
                                   const guint32  *ext,
                                   gsize           n,
                                   gpointer        data,
                                   GError        **error);

/* Generates the candidates of level k from level k-1, in sorted order.
 *
 * Join: sets x < y of @prev sharing their first k-2 codes give x ∪ {last of
 * y}. Prune: the candidate's other (k-1)-subsets, the ones missing the code
 * at position drop < k-2, must be in @prev. For a fixed x and drop, they
 * are (x minus its code at drop) + the last code of y, so they all lie in
 * the one range of @prev that starts with x's block prefix without its
 * code at drop and continues with x's last code: one binary search per
 * block and drop, then a galloping cursor as x grows, find it, and the
 * last codes of its sets are counted in a table indexed by code (how
 * many drops' ranges hold the code, tagged with this x's stamp), so that
 * checking a candidate is one load. (Cursors walking each range as y grew did the same
 * work with a data-dependent branch per step, and two binary searches per
 * x and drop found the ranges: 2 M more instructions on groceries.) */
static gboolean
generate (Miner              *m,
          const AprioriLevel *prev,
          guint               n_codes,
          guint               k,
          CandidateSink       sink,
          gpointer            data,
          GError            **error)
{
  guint km = k - 1;  /* size of prev's sets */
  g_autofree guint32 *sub = g_new (guint32, km);
  g_autofree gsize *lo = g_new (gsize, km);   /* [drop]: ranges in prev, see below */
  g_autofree gsize *hi = g_new (gsize, km);
  g_autofree gsize *end = g_new (gsize, km);
  g_autofree guint64 *mark = g_new0 (guint64, MAX (n_codes, 1));  /* [code]: see below */
  g_autofree gsize *by_first = g_new0 (gsize, n_codes + 1);
  AprioriVec ext = { 0 };  /* the current x's candidates' last codes */
  guint32 stamp = 0;       /* identifies the current x in mark */
  guint64 examined = 0;
  gboolean ok = TRUE;

  for (gsize i = 0; i < prev->n; i++)
    by_first[prev->sets[i * km] + 1]++;
  for (guint c = 0; c < n_codes; c++)
    by_first[c + 1] += by_first[c];

  for (gsize i = 0; i < prev->n && ok;)
    {
      const guint32 *a = prev->sets + i * km;
      gsize j = i + 1;
      gboolean any = TRUE;

      /* The block [i, j) shares its first km-1 codes. */
      while (j < prev->n && compare_sets (prev->sets + j * km, a, km - 1) == 0)
        j++;
      /* For each drop, [lo, hi): the sets of prev that start with the
       * block's prefix without its code at drop (all of prev when that
       * leaves nothing); the x's subsets continue them with x's last code. */
      for (guint drop = 0; drop + 1 < km && any && j - i > 1; drop++)
        {
          guint w = 0;
          for (guint q = 0; q + 1 < km; q++)
            if (q != drop)
              sub[w++] = a[q];
          lo[drop] = 0;
          hi[drop] = prev->n;
          if (w > 0)
            level_prefix_range (prev, by_first, sub, w, &lo[drop], &hi[drop]);
          any = lo[drop] < hi[drop];
        }
      for (gsize x = i; x + 1 < j && any && ok; x++)
        {
          const guint32 *sx = prev->sets + x * km;
          gboolean found = TRUE;

          /* The subsets' range: [lo, e) continue with sx[km-1], which
           * grows with x, so lo only moves forward. */
          for (guint drop = 0; drop + 1 < km && found; drop++)
            {
              if (km == 2)  /* the pairs starting with sx[1] */
                {
                  lo[drop] = by_first[sx[1]];
                  end[drop] = by_first[sx[1] + 1];
                }
              else
                {
                  gsize e = lo[drop] = gallop_to (prev, km - 2, lo[drop], hi[drop], sx[km - 1]);
                  while (e < hi[drop] && prev->sets[e * km + km - 2] == sx[km - 1])
                    e++;
                  end[drop] = e;
                }
              found = lo[drop] < end[drop];
            }
          if (!found)
            continue;  /* some subset has no frequent extension at all */
          /* mark[c] = this x's stamp << 32 | the number of drops whose
           * range holds c (at most once each: a range's last codes are
           * distinct); c passes when all km-1 do. */
          if (++stamp == 0)  /* wrapped: old stamps could match again */
            {
              memset (mark, 0, MAX (n_codes, 1) * sizeof (guint64));
              stamp = 1;
            }
          for (guint drop = 0; drop + 1 < km; drop++)
            for (gsize r = lo[drop]; r < end[drop]; r++)
              {
                guint64 *mk = &mark[prev->sets[r * km + km - 1]];
                *mk = *mk >> 32 == stamp ? *mk + 1 : (guint64) stamp << 32 | 1;
              }
          ext.len = 0;
          for (gsize y = x + 1; y < j && ok; y++)
            {
              guint32 c = prev->sets[y * km + km - 1];
              gboolean keep;

              if (++examined % 65536 == 0 && cancelled (m, error))
                ok = FALSE;  /* pruning alone can take long in a big block */
              keep = mark[c] == ((guint64) stamp << 32 | (km - 1));
              if (keep)
                apriori_vec_push (&ext, c);
            }
          if (ok && ext.len > 0)
            ok = sink (m, sx, ext.data, ext.len, data, error);
        }
      i = j;
    }
  g_free (ext.data);
  return ok;
}

/* Building the candidate tree (for counting it by either way). */
typedef struct {
  AprioriTree *tree;
  guint32     *cand;   /* [k] */
  guint32     *last;   /* [k]: the previous x's first candidate */
  gboolean     have_last;
  gsize        polled;
} TreeSink;

static gboolean
tree_sink (Miner          *m,
           const guint32  *x,
           const guint32  *ext,
           gsize           n,
           gpointer        data,
           GError        **error)
{
  TreeSink *ts = data;
  AprioriTree *tree = ts->tree;
  guint k = tree->k;

  /* The first candidate of x opens its branch; the rest are leaves. */
  memcpy (ts->cand, x, (k - 1) * sizeof (guint32));
  ts->cand[k - 1] = ext[0];
  tree_add (tree, ts->cand, ts->have_last ? ts->last : NULL);
  memcpy (ts->last, ts->cand, k * sizeof (guint32));
  ts->have_last = TRUE;
  for (gsize i = 1; i < n; i++)
    apriori_vec_push (&tree->items[k - 1], ext[i]);
  tree->n += n - 1;
  if (tree->n - ts->polled >= 4096)
    {
      ts->polled = tree->n;
      if (cancelled (m, error))
        return FALSE;
      if (m->held + working_bytes (m) + tree_bytes (tree) > m->budget)
        return memory_error (m, k, tree->n, TRUE, error);
    }
  return TRUE;
}

/* Generates the candidates of level k from level k-1 into @tree. */
static gboolean
generate_candidates (Miner              *m,
                     const AprioriLevel *prev,
                     guint               n_codes,
                     guint               k,
                     AprioriTree        *tree,
                     GError            **error)
{
  g_autofree guint32 *cand = g_new (guint32, k);
  g_autofree guint32 *last = g_new (guint32, k);
  TreeSink ts = { tree, cand, last, FALSE, 0 };

  tree->k = k;
  tree->items = g_new0 (AprioriVec, k);
  tree->start = g_new0 (AprioriVec, k);
  if (!generate (m, prev, n_codes, k, tree_sink, &ts, error))
    return FALSE;
  for (guint d = 0; d + 1 < k; d++)  /* closing sentinels */
    {
      apriori_vec_push (&tree->start[d], tree->items[d + 1].len);
    }
  if (m->held + working_bytes (m) + tree_bytes (tree) + tree->n * sizeof (guint32) > m->budget)
    return memory_error (m, k, tree->n, FALSE, error);
  tree->counts = g_try_new0 (guint32, MAX (tree->n, 1));
  if (tree->counts == NULL)
    return memory_error (m, k, tree->n, FALSE, error);
  return TRUE;
}

/* Counting each candidate as it is generated, once a level has been
 * counted with bitsets: no tree, no counter per candidate; the frequent
 * ones go straight into the level, in the order the tree gave them. */
typedef struct {
  guint              k;
  AprioriPrefixBits *prefix;
  AprioriVec         counts;      /* scratch: the current x's candidates' counts */
  AprioriVec         sets, cnts;  /* the level being built */
  guint64            n_candidates;
  guint64            polled;
} CountSink;

static gboolean
count_sink (Miner          *m,
            const guint32  *x,
            const guint32  *ext,
            gsize           n,
            gpointer        data,
            GError        **error)
{
  CountSink *cs = data;
  guint km = cs->k - 1;

  if (n > cs->counts.size)
    {
      cs->counts.size = MAX (n, 2 * cs->counts.size);
      cs->counts.data = g_renew (guint32, cs->counts.data, cs->counts.size);
    }
  apriori_prefix_bits_count (cs->prefix, x, km, ext, n, cs->counts.data);
  for (gsize i = 0; i < n; i++)
    if (cs->counts.data[i] >= m->min_count)
      {
        for (guint q = 0; q < km; q++)
          apriori_vec_push (&cs->sets, x[q]);
        apriori_vec_push (&cs->sets, ext[i]);
        apriori_vec_push (&cs->cnts, cs->counts.data[i]);
      }
  cs->n_candidates += n;
  if (cs->n_candidates - cs->polled >= 4096)
    {
      cs->polled = cs->n_candidates;
      if (cancelled (m, error))
        return FALSE;
      if (m->held + working_bytes (m) + (cs->sets.len + cs->cnts.len) * sizeof (guint32) > m->budget)
        return memory_error (m, cs->k, cs->n_candidates, TRUE, error);
    }
  return TRUE;
}

/* Level k from level k-1 by generating and counting at once with the
 * bitsets a previous level built (m->bitsets). */
static gboolean
generate_and_count (Miner              *m,
                    const AprioriLevel *prev,
                    guint               n_codes,
                    guint               k,
                    AprioriLevel       *out,
                    guint64            *n_candidates,
                    GError            **error)
{
  CountSink cs = { k, apriori_prefix_bits_new (m->bitsets, k - 1), { 0 }, { 0 }, { 0 }, 0, 0 };
  gboolean ok = generate (m, prev, n_codes, k, count_sink, &cs, error);

  apriori_prefix_bits_free (cs.prefix);
  g_free (cs.counts.data);
  *n_candidates = cs.n_candidates;
  if (!ok)
    {
      g_free (cs.sets.data);
      g_free (cs.cnts.data);
      return FALSE;
    }
  out->k = k;
  out->n = cs.cnts.len;
  out->counts = apriori_vec_steal (&cs.cnts);
  out->sets = apriori_vec_steal (&cs.sets);
  return TRUE;
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
bitsets_fit (Miner  *m,
             guint   n_items,
             gsize   extra)
{
  guint64 n_bits = apriori_bitsets_n_bits (&m->db), bytes;

  if (n_bits > BITSETS_MAX_WEIGHT * (guint64) m->db.n)
    return FALSE;
  bytes = (guint64) n_items * ((n_bits + 63) / 64) * sizeof (guint64);
  return bytes <= BITSETS_MAX_BYTES && m->held + working_bytes (m) + extra + bytes <= m->budget;
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
 * and counted at once (generate_and_count()), without a candidate tree.
 * Forced by APRIORI_COUNT_BITSETS; under AUTO when bitsets_fit() for all
 * of @codes, an upper bound of the codes the candidates turn out to hold
 * (measured: retail 0.1%, level 4, 193 against 189; retail 0.02%, level 5,
 * 603 against 403). When the bound is too loose, the tree is generated and
 * count_level() decides with the exact codes. */
static gboolean
start_bitsets (Miner        *m,
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
 * reduced); the following ones are counted by generate_and_count(). */
static gboolean
count_level (Miner       *m,
             AprioriTree *tree,
             guint        n_codes,
             GError     **error)
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
    bitsets = m->counting == APRIORI_COUNT_BITSETS || bitsets_fit (m, n_items, tree_bytes (tree));
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
collect_frequent (Miner        *m,
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
reduce_database (Miner              *m,
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
mine_items (Miner              *m,
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
mine_levels (Miner              *m,
             StrataTransactions *tr,
             StrataItemsets     *sets,
             GError            **error)
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
  if (cancelled (m, error))
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

      if (cancelled (m, error))
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
          if (!generate_and_count (m, prev, n_codes, k, &level, &n_candidates, error))
            return FALSE;
        }
      else
        {
          if (!generate_candidates (m, prev, n_codes, k, &tree, error) ||
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
  return !cancelled (m, error);
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
  Miner m = { 0 };
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
