/* strata-apriori-vertical.c — counting a level's candidates with bitsets
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * The vertical way of counting Apriori candidates (the bit-matrix
 * representation Borgelt's Eclat offers; Zaki's Eclat keeps tid-lists):
 * each item gets a bitset over the transactions, one bit per original
 * transaction (a merged transaction of weight w gets w bits, so a popcount
 * is a support count), and the support of an itemset is the popcount of the
 * AND of its items' bitsets.
 *
 * The candidates come one prefix at a time, in sorted order, with the last
 * items of that prefix's candidates (AprioriPrefixBits, used by
 * strata-apriori.c as it generates them): the prefix's bitset is its own
 * prefix's ANDed with its last item's, the part shared with the previous
 * prefix being kept as a stack, so a candidate costs one AND + popcount
 * over its (k-1)-prefix, shared by all its siblings. A prefix of a frequent
 * itemset is rare next to all transactions, so the prefix bitsets are kept
 * sparse, as the list of their non-zero words and those words: a candidate
 * costs as many words as its prefix has, not the database's width. When
 * the first bitset level could only be chosen after its candidate tree was
 * built, apriori_count_bitsets() walks that tree depth first the same way.
 *
 * Which way a level is counted (this, or descending the tree per
 * transaction) is decided in strata-apriori.c; docs/apriori.md has the
 * measurements. Once a level has been counted this way the matrix is kept
 * for the levels after it: their candidates only hold items of this
 * level's, and the bit positions stay valid because the database is no
 * longer reduced.
 */

#include "config.h"

#include <string.h>

#include "strata-apriori-private.h"

/* Nodes (leaves included) between two polls of the GCancellable. */
#define POLL_NODES 4096

/* GCC and clang build the popcount loops twice, with and without the POPCNT
 * instruction, and pick one when the program loads (an ifunc): the default
 * x86-64 target has no POPCNT and calls a slow library routine instead. */
#if defined(__x86_64__) && defined(__GNUC__) && defined(__ELF__)
#define POPCOUNT_CLONES __attribute__ ((target_clones ("popcnt", "default")))
#else
#define POPCOUNT_CLONES
#endif

/* A sparse bitset: the @n non-zero words, @val[j] at word index @idx[j],
 * ascending. */
typedef struct {
  gsize     n;
  guint32  *idx;
  guint64  *val;
} Sparse;

/* @out = @a AND @item (a dense bitset), dropping zero words. */
static void
sparse_and (const Sparse  *a,
            const guint64 *item,
            Sparse        *out)
{
  gsize m = 0;

  for (gsize j = 0; j < a->n; j++)
    {
      guint64 v = a->val[j] & item[a->idx[j]];
      out->idx[m] = a->idx[j];
      out->val[m] = v;
      m += v != 0;
    }
  out->n = m;
}

/* counts[i] = popcount (@a AND bitset of leaf item i) for the @n leaves;
 * eight leaves at a time, so that each word of @a is loaded once for eight,
 * then four, two, one. */
POPCOUNT_CLONES static void
count_leaves (const Sparse  *a,
              const guint64 *bits,
              gsize          n_words,
              const guint32 *leaf_items,
              gsize          n,
              guint32       *counts)
{
  gsize i = 0;

  for (; i + 8 <= n; i += 8)
    {
      const guint64 *x[8];
      guint64 c[8] = { 0 };

      for (guint q = 0; q < 8; q++)
        x[q] = bits + (gsize) leaf_items[i + q] * n_words;
      for (gsize j = 0; j < a->n; j++)
        {
          guint32 w = a->idx[j];
          guint64 v = a->val[j];
          c[0] += (guint64) __builtin_popcountll (v & x[0][w]);
          c[1] += (guint64) __builtin_popcountll (v & x[1][w]);
          c[2] += (guint64) __builtin_popcountll (v & x[2][w]);
          c[3] += (guint64) __builtin_popcountll (v & x[3][w]);
          c[4] += (guint64) __builtin_popcountll (v & x[4][w]);
          c[5] += (guint64) __builtin_popcountll (v & x[5][w]);
          c[6] += (guint64) __builtin_popcountll (v & x[6][w]);
          c[7] += (guint64) __builtin_popcountll (v & x[7][w]);
        }
      for (guint q = 0; q < 8; q++)
        counts[i + q] = (guint32) c[q];
    }
  for (; i + 4 <= n; i += 4)
    {
      const guint64 *x0 = bits + (gsize) leaf_items[i] * n_words;
      const guint64 *x1 = bits + (gsize) leaf_items[i + 1] * n_words;
      const guint64 *x2 = bits + (gsize) leaf_items[i + 2] * n_words;
      const guint64 *x3 = bits + (gsize) leaf_items[i + 3] * n_words;
      guint64 c0 = 0, c1 = 0, c2 = 0, c3 = 0;

      for (gsize j = 0; j < a->n; j++)
        {
          guint32 w = a->idx[j];
          guint64 v = a->val[j];
          c0 += (guint64) __builtin_popcountll (v & x0[w]);
          c1 += (guint64) __builtin_popcountll (v & x1[w]);
          c2 += (guint64) __builtin_popcountll (v & x2[w]);
          c3 += (guint64) __builtin_popcountll (v & x3[w]);
        }
      counts[i] = (guint32) c0;
      counts[i + 1] = (guint32) c1;
      counts[i + 2] = (guint32) c2;
      counts[i + 3] = (guint32) c3;
    }
  if (i + 2 <= n)  /* most parents have few leaves: two at a time too */
    {
      const guint64 *x0 = bits + (gsize) leaf_items[i] * n_words;
      const guint64 *x1 = bits + (gsize) leaf_items[i + 1] * n_words;
      guint64 c0 = 0, c1 = 0;

      for (gsize j = 0; j < a->n; j++)
        {
          guint32 w = a->idx[j];
          guint64 v = a->val[j];
          c0 += (guint64) __builtin_popcountll (v & x0[w]);
          c1 += (guint64) __builtin_popcountll (v & x1[w]);
        }
      counts[i] = (guint32) c0;
      counts[i + 1] = (guint32) c1;
      i += 2;
    }
  for (; i < n; i++)
    {
      const guint64 *item = bits + (gsize) leaf_items[i] * n_words;
      guint64 c = 0;

      for (gsize j = 0; j < a->n; j++)
        c += (guint64) __builtin_popcountll (a->val[j] & item[a->idx[j]]);
      counts[i] = (guint32) c;
    }
}

guint64
apriori_bitsets_n_bits (const AprioriDb *db)
{
  guint64 bits = 0;

  for (gsize t = 0; t < db->n; t++)
    bits += db->weights[t];
  return bits;
}

/* Sets bits [@lo, @lo + @len) of @row. */
static void
set_bit_range (guint64 *row,
               gsize    lo,
               gsize    len)
{
  for (gsize b = lo; b < lo + len;)
    {
      gsize word = b / 64, off = b % 64, take = MIN (64 - off, lo + len - b);
      row[word] |= (take == 64 ? ~(guint64) 0 : (((guint64) 1 << take) - 1)) << off;
      b += take;
    }
}

typedef struct {
  const AprioriTree *tree;
  const guint64     *bits;       /* [n_rows * n_words] */
  gsize              n_words;
  Sparse            *stack;      /* [k]: the bitset of the node at each depth */
  GCancellable      *cancellable;
  gsize              visited;    /* nodes since the last poll */
} Walk;

/* Counts the leaves under nodes [@lo, @hi) at depth @d ≥ 1, whose parent's
 * bitset is stack[d-1]. */
static gboolean
walk (Walk    *w,
      guint    d,
      gsize    lo,
      gsize    hi,
      GError **error)
{
  const AprioriTree *tree = w->tree;

  if (d + 1 == tree->k)
    {
      count_leaves (&w->stack[d - 1], w->bits, w->n_words, tree->item_p[d] + lo, hi - lo,
                    tree->counts + lo);
      w->visited += hi - lo;
      return TRUE;
    }
  for (gsize j = lo; j < hi; j++)
    {
      if (++w->visited >= POLL_NODES)
        {
          w->visited = 0;
          if (g_cancellable_set_error_if_cancelled (w->cancellable, error))
            return FALSE;
        }
      sparse_and (&w->stack[d - 1], w->bits + (gsize) tree->item_p[d][j] * w->n_words,
                  &w->stack[d]);
      if (!walk (w, d + 1, tree->start_p[d][j], tree->start_p[d][j + 1], error))
        return FALSE;
    }
  return TRUE;
}

struct _AprioriBitsets {
  gsize     n_words;   /* 64-bit words per row */
  gsize     n_rows;
  gint32   *row_of;    /* [n_codes]: code → row, or -1 */
  guint     n_codes;
  guint64  *bits;      /* [n_rows * n_words] */
};

AprioriBitsets *
apriori_bitsets_new (const AprioriDb   *db,
                     guint              n_codes,
                     const guint8      *codes)
{
  AprioriBitsets *b = g_new0 (AprioriBitsets, 1);
  gsize pos = 0;

  b->n_words = (apriori_bitsets_n_bits (db) + 63) / 64;
  b->n_codes = n_codes;
  b->row_of = g_new (gint32, MAX (n_codes, 1));
  for (guint c = 0; c < n_codes; c++)
    b->row_of[c] = codes[c] ? (gint32) b->n_rows++ : -1;
  b->bits = g_new0 (guint64, MAX (b->n_rows * b->n_words, 1));
  for (gsize t = 0; t < db->n; t++)
    {
      guint32 weight = db->weights[t];

      for (gsize i = db->offsets[t]; i < db->offsets[t + 1]; i++)
        {
          gint32 r = b->row_of[db->items[i]];
          if (r < 0)
            continue;
          if (weight == 1)  /* most transactions are distinct */
            b->bits[(gsize) r * b->n_words + pos / 64] |= (guint64) 1 << (pos % 64);
          else
            set_bit_range (b->bits + (gsize) r * b->n_words, pos, weight);
        }
      pos += weight;
    }
  return b;
}

gsize
apriori_bitsets_bytes (const AprioriBitsets *b)
{
  return b == NULL ? 0 : (b->n_rows * b->n_words * sizeof (guint64) +
                          b->n_codes * sizeof (gint32));
}

void
apriori_bitsets_free (AprioriBitsets *b)
{
  if (b == NULL)
    return;
  g_free (b->row_of);
  g_free (b->bits);
  g_free (b);
}

gboolean
apriori_count_bitsets (const AprioriBitsets  *b,
                       AprioriTree           *tree,
                       GCancellable          *cancellable,
                       GError               **error)
{
  guint k = tree->k;
  gsize n_words = b->n_words, n_nodes = 0;
  g_autofree guint32 *rows = NULL;                 /* the tree's items as rows */
  g_autofree const guint32 **row_p = g_new (const guint32 *, k);
  g_autofree guint32 *idx = g_new (guint32, MAX (k * n_words, 1));
  g_autofree guint64 *val = g_new (guint64, MAX (k * n_words, 1));
  g_autofree Sparse *stack = g_new0 (Sparse, k);
  AprioriTree by_row = *tree;
  Walk w = { &by_row, b->bits, n_words, stack, cancellable, 0 };

  g_assert (k >= 3);
  /* The tree's items renumbered to rows of the bitset matrix. */
  for (guint d = 0; d < k; d++)
    n_nodes += tree->items[d].len;
  rows = g_new (guint32, MAX (n_nodes, 1));
  n_nodes = 0;
  for (guint d = 0; d < k; d++)
    {
      row_p[d] = rows + n_nodes;
      for (gsize j = 0; j < tree->items[d].len; j++)
        {
          gint32 r = b->row_of[tree->item_p[d][j]];
          g_assert (r >= 0);  /* later levels only hold items of earlier ones */
          rows[n_nodes++] = r;
        }
    }
  by_row.item_p = row_p;
  for (guint d = 0; d < k; d++)
    {
      stack[d].idx = idx + d * n_words;
      stack[d].val = val + d * n_words;
    }

  for (gsize j = 0; j < tree->items[0].len; j++)
    {
      const guint64 *row = b->bits + (gsize) row_p[0][j] * n_words;

      /* The root's bitset, sparse. */
      stack[0].n = 0;
      for (gsize x = 0; x < n_words; x++)
        if (row[x] != 0)
          {
            stack[0].idx[stack[0].n] = x;
            stack[0].val[stack[0].n++] = row[x];
          }
      if (!walk (&w, 1, tree->start_p[0][j], tree->start_p[0][j + 1], error))
        return FALSE;
    }
  return TRUE;
}

/* --- Levels after the first: no tree ------------------------------------ */

struct _AprioriPrefixBits {
  const AprioriBitsets *b;
  guint     max_len;
  guint     len;       /* codes[0 .. len) have their bitsets in stack */
  guint32  *codes;     /* [max_len] */
  Sparse   *stack;     /* [max_len]: stack[d] = AND of the bitsets of codes[0 .. d] */
  guint32  *idx;       /* [max_len * n_words]: the stack's storage */
  guint64  *val;
  guint32  *rows;      /* [rows_size]: scratch, leaf codes as rows */
  gsize     rows_size;
};

AprioriPrefixBits *
apriori_prefix_bits_new (const AprioriBitsets *b,
                         guint                 max_len)
{
  AprioriPrefixBits *p = g_new0 (AprioriPrefixBits, 1);
  gsize n_words = MAX (b->n_words, 1);

  p->b = b;
  p->max_len = max_len;
  p->codes = g_new (guint32, max_len);
  p->stack = g_new0 (Sparse, max_len);
  p->idx = g_new (guint32, max_len * n_words);
  p->val = g_new (guint64, max_len * n_words);
  for (guint d = 0; d < max_len; d++)
    {
      p->stack[d].idx = p->idx + d * n_words;
      p->stack[d].val = p->val + d * n_words;
    }
  return p;
}

void
apriori_prefix_bits_free (AprioriPrefixBits *p)
{
  if (p == NULL)
    return;
  g_free (p->codes);
  g_free (p->stack);
  g_free (p->idx);
  g_free (p->val);
  g_free (p->rows);
  g_free (p);
}

/* The bitset row of @code (which the matrix must hold). */
static inline const guint64 *
bitset_row (const AprioriBitsets *b,
            guint32               code)
{
  gint32 r = b->row_of[code];

  g_assert (r >= 0);  /* later levels only hold items of earlier ones */
  return b->bits + (gsize) r * b->n_words;
}

/* Makes stack[0 .. len) the bitsets of @codes[0 .. len), recomputing only
 * past the codes shared with the previous prefix. */
static void
prefix_set (AprioriPrefixBits *p,
            const guint32     *codes,
            guint              len)
{
  const AprioriBitsets *b = p->b;
  guint d = 0;

  g_assert (len <= p->max_len);
  while (d < len && d < p->len && p->codes[d] == codes[d])
    d++;
  for (; d < len; d++)
    {
      p->codes[d] = codes[d];
      if (d == 0)
        {
          const guint64 *row = bitset_row (b, codes[0]);
          Sparse *s = &p->stack[0];

          s->n = 0;
          for (gsize x = 0; x < b->n_words; x++)
            if (row[x] != 0)
              {
                s->idx[s->n] = x;
                s->val[s->n++] = row[x];
              }
        }
      else
        sparse_and (&p->stack[d - 1], bitset_row (b, codes[d]), &p->stack[d]);
    }
  p->len = len;
}

/* popcount (@a AND @x AND @y): a leaf counted from its grandparent. */
POPCOUNT_CLONES static guint32
count_three (const Sparse  *a,
             const guint64 *x,
             const guint64 *y)
{
  guint64 c = 0;

  for (gsize j = 0; j < a->n; j++)
    c += (guint64) __builtin_popcountll (a->val[j] & x[a->idx[j]] & y[a->idx[j]]);
  return (guint32) c;
}

/* A prefix with at most this many candidates is not intersected itself:
 * each candidate is counted from the prefix's parent, ANDing three rows,
 * which costs one pass per candidate instead of one for the prefix and
 * then one per candidate over fewer words. */
#define FEW_LEAVES 2

void
apriori_prefix_bits_count (AprioriPrefixBits *p,
                           const guint32     *prefix,
                           guint              len,
                           const guint32     *codes,
                           gsize              n,
                           guint32           *counts)
{
  const AprioriBitsets *b = p->b;

  g_assert (len >= 1);
  if (len >= 2 && n <= FEW_LEAVES)
    {
      const guint64 *last = bitset_row (b, prefix[len - 1]);

      prefix_set (p, prefix, len - 1);
      for (gsize i = 0; i < n; i++)
        counts[i] = count_three (&p->stack[len - 2], last, bitset_row (b, codes[i]));
      return;
    }
  prefix_set (p, prefix, len);
  if (n > p->rows_size)
    {
      p->rows_size = MAX (n, 2 * p->rows_size);
      p->rows = g_renew (guint32, p->rows, p->rows_size);
    }
  for (gsize i = 0; i < n; i++)
    {
      g_assert (b->row_of[codes[i]] >= 0);
      p->rows[i] = b->row_of[codes[i]];
    }
  count_leaves (&p->stack[len - 1], b->bits, b->n_words, p->rows, n, counts);
}
