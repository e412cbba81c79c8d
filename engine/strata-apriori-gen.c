/* strata-apriori-gen.c — Apriori's candidates, generated level by level
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * Level k's candidates are the sets x ∪ {last code of y} for sets x < y of
 * level k-1 sharing their first k-2 codes (the join), kept when their other
 * (k-1)-subsets are all frequent (the prune; Agrawal & Srikant 1994).
 * generate() walks the sorted previous level once, block by block of sets
 * sharing a prefix, and hands each x with the last codes of its candidates
 * to a sink. Two sinks: one builds the candidate prefix tree the
 * transactions are counted against (apriori_generate_tree()); the other
 * counts each x's candidates at once with the item bitsets, keeping only
 * the frequent ones (apriori_generate_and_count()), which needs no tree and
 * no counter per candidate. strata-apriori.c decides which; docs/apriori.md
 * has the measurements.
 */

#include "config.h"

#include <string.h>

#include "strata-apriori-private.h"

gsize
apriori_tree_bytes (const AprioriTree *tree)
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
      if (apriori_compare_sets (level->sets + mid * k + 1, prefix + 1, len - 1) < 0)
        a = mid + 1;
      else
        b = mid;
    }
  *lo = a;
  b = top;
  while (a < b)  /* first set > prefix */
    {
      gsize mid = a + (b - a) / 2;
      if (apriori_compare_sets (level->sets + mid * k + 1, prefix + 1, len - 1) <= 0)
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
typedef gboolean (*CandidateSink) (AprioriMiner   *m,
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
generate (AprioriMiner        *m,
          const AprioriLevel  *prev,
          guint                n_codes,
          guint                k,
          CandidateSink        sink,
          gpointer             data,
          GError             **error)
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
      while (j < prev->n && apriori_compare_sets (prev->sets + j * km, a, km - 1) == 0)
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

              if (++examined % 65536 == 0 && apriori_miner_cancelled (m, error))
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
tree_sink (AprioriMiner   *m,
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
      if (apriori_miner_cancelled (m, error))
        return FALSE;
      if (m->held + apriori_miner_working_bytes (m) + apriori_tree_bytes (tree) > m->budget)
        return apriori_miner_memory_error (m, k, tree->n, TRUE, error);
    }
  return TRUE;
}

/* Generates the candidates of level k from level k-1 into @tree. */
gboolean
apriori_generate_tree (AprioriMiner        *m,
                       const AprioriLevel  *prev,
                       guint                n_codes,
                       guint                k,
                       AprioriTree         *tree,
                       GError             **error)
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
  if (m->held + apriori_miner_working_bytes (m) + apriori_tree_bytes (tree) + tree->n * sizeof (guint32) > m->budget)
    return apriori_miner_memory_error (m, k, tree->n, FALSE, error);
  tree->counts = g_try_new0 (guint32, MAX (tree->n, 1));
  if (tree->counts == NULL)
    return apriori_miner_memory_error (m, k, tree->n, FALSE, error);
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
count_sink (AprioriMiner   *m,
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
      if (apriori_miner_cancelled (m, error))
        return FALSE;
      if (m->held + apriori_miner_working_bytes (m) + (cs->sets.len + cs->cnts.len) * sizeof (guint32) > m->budget)
        return apriori_miner_memory_error (m, cs->k, cs->n_candidates, TRUE, error);
    }
  return TRUE;
}

/* Level k from level k-1 by generating and counting at once with the
 * bitsets a previous level built (m->bitsets). */
gboolean
apriori_generate_and_count (AprioriMiner        *m,
                            const AprioriLevel  *prev,
                            guint                n_codes,
                            guint                k,
                            AprioriLevel        *out,
                            guint64             *n_candidates,
                            GError             **error)
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
