/* strata-apriori-private.h — shared between the Apriori miner and its results
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not installed, not for widgets. Items inside the miner are "codes":
 * frequent items renumbered 0 … n_codes-1 by ascending support (ties by item
 * id), as in Borgelt's implementation; code_to_item maps them back.
 */

#pragma once

#include <string.h>

#include "strata-apriori.h"

G_BEGIN_DECLS

/* The frequent itemsets of one size k, sorted lexicographically by codes. */
typedef struct {
  guint     k;
  gsize     n;       /* number of itemsets */
  guint32  *sets;    /* [n * k]: codes (items once converted), each set ascending */
  guint32  *counts;  /* [n] */
} AprioriLevel;

struct _StrataItemsets {
  gint                ref_count;
  StrataTransactions *transactions;   /* owned reference */
  guint64             n_transactions;
  guint64             min_count;
  guint32            *code_to_item;   /* [n_codes] */
  guint               n_codes;
  AprioriLevel       *levels;         /* [n_levels + 1]; levels[k] holds size k */
  guint               n_levels;       /* largest size found */
  guint               first, last;    /* sizes exposed: min_length … min(max_length, n_levels) */
  gsize              *level_start;    /* [n_levels + 2]: exposed index of levels[k][0] */
  gboolean            converted;      /* sets hold item ids instead of codes */
};

typedef struct {
  gsize    offset;     /* into items: antecedent then consequent */
  guint16  n_x, n_y;   /* sizes of antecedent and consequent */
  guint32  count_xy, count_x, count_y;
} AprioriRule;

struct _StrataRules {
  gint                ref_count;
  StrataTransactions *transactions;   /* owned reference */
  guint64             n_transactions;
  gsize               n_rules;
  AprioriRule        *rules;          /* [n_rules] */
  guint32            *items;          /* item ids */
};

/* The recoded, merged database (strata-apriori-db.c). */
typedef struct {
  gsize    n;         /* transactions after merging */
  guint32 *items;     /* codes, flat; each transaction ascending */
  gsize   *offsets;   /* [n + 1] */
  guint32 *weights;   /* [n]: how many original transactions it stands for */
} AprioriDb;

void   apriori_db_clear  (AprioriDb          *db);
/* Bytes held by the arrays. */
gsize  apriori_db_bytes  (const AprioriDb    *db);
/* Recodes @tr through @item_code (-1 = dropped; codes < @n_codes), keeps
 * transactions with at least @min_len items, sorts and merges them into
 * @db. */
void   apriori_db_build  (AprioriDb          *db,
                          StrataTransactions *tr,
                          const gint32       *item_code,
                          guint               min_len,
                          guint               n_codes);
/* Drops transactions with fewer than @min_len codes having keep[code];
 * when that removes more than an eighth of the remaining item occurrences,
 * also drops those codes from the transactions, then sorts and merges
 * again; otherwise the transactions stay whole (no sort needed). */
void   apriori_db_reduce (AprioriDb          *db,
                          const guint8       *keep,
                          guint               min_len,
                          guint               n_codes);

/* A growable guint32 array: GArray costs a library call per append, and
 * appending is the inner loop of candidate generation. */
typedef struct {
  guint32  *data;
  gsize     len, size;
} AprioriVec;

static inline void
apriori_vec_push (AprioriVec *v,
                  guint32     x)
{
  if (G_UNLIKELY (v->len == v->size))
    {
      v->size = MAX (16, 2 * v->size);
      v->data = g_renew (guint32, v->data, v->size);
    }
  v->data[v->len++] = x;
}

/* Hands over @v's array (never NULL, even when empty) and empties @v. */
static inline guint32 *
apriori_vec_steal (AprioriVec *v)
{
  guint32 *data = v->data != NULL ? v->data : g_new (guint32, 1);

  memset (v, 0, sizeof *v);
  return data;
}

/* The candidate prefix tree of one level k ≥ 3 (strata-apriori.c): the
 * children of node j at depth d are nodes start_p[d][j] … start_p[d][j+1]-1
 * at depth d+1; leaves (depth k-1) are the candidates, in sorted order. */
typedef struct {
  guint     k;
  gsize     n;            /* candidates = leaves */
  AprioriVec *items;      /* [k]: the item at each node, per depth */
  AprioriVec *start;      /* [k]: first child of each node (+ end);
                             start[k-1] is empty (leaves) */
  const guint32 **item_p; /* [k]: items[d]->data, while counting */
  const guint32 **start_p;/* [k]: start[d]->data (NULL at k-1) */
  guint32  *counts;       /* [n] */
  gint32   *root;         /* [n_codes]: code → depth-0 node, -1 if none */
} AprioriTree;

/* How a level's candidates are counted (strata-apriori.c, docs/apriori.md):
 * AUTO picks by the database's shape; the others force one way (tests). */
typedef enum {
  APRIORI_COUNT_AUTO,
  APRIORI_COUNT_TREE,     /* descend the prefix tree per transaction */
  APRIORI_COUNT_BITSETS,  /* AND + popcount of item bitsets (vertical) */
  APRIORI_COUNT_SWITCH,   /* the tree at level 3, bitsets from level 4 on */
} AprioriCounting;

/* strata_apriori_run() with the counting method forced (tests). */
gboolean        apriori_run_with      (StrataTransactions         *transactions,
                                       const StrataAprioriParams  *params,
                                       AprioriCounting             counting,
                                       StrataAprioriProgressFunc   progress,
                                       gpointer                    user_data,
                                       GCancellable               *cancellable,
                                       StrataItemsets            **itemsets_out,
                                       StrataRules               **rules_out,
                                       GError                    **error);

/* Counts every candidate of @tree (item_p/start_p set, counts zeroed) over
 * @db by descending the tree along each transaction (strata-apriori-tree.c);
 * @n_codes bounds the codes. Polls @cancellable every 256 transactions;
 * FALSE with @error set when cancelled, nothing else can fail. */
gboolean        apriori_count_tree    (const AprioriDb      *db,
                                       guint                 n_codes,
                                       AprioriTree          *tree,
                                       GCancellable         *cancellable,
                                       GError              **error);

/* Vertical counting (strata-apriori-vertical.c). The width of @db's item
 * bitsets: one bit per original transaction (the sum of the weights). */
guint64         apriori_bitsets_n_bits (const AprioriDb    *db);

/* Item bitsets over @db's transactions (one bit per original transaction)
 * for the codes c < @n_codes with @codes[c] set (those the candidates can
 * hold): they also serve the levels after, whose candidates only hold such
 * codes, as long as @db is not changed in between (the bits are positions
 * in it). */
typedef struct _AprioriBitsets AprioriBitsets;

AprioriBitsets *apriori_bitsets_new   (const AprioriDb      *db,
                                       guint                 n_codes,
                                       const guint8         *codes);
/* Bytes held by @bitsets (0 for NULL). */
gsize           apriori_bitsets_bytes (const AprioriBitsets *bitsets);
void            apriori_bitsets_free  (AprioriBitsets       *bitsets);
/* Counts every candidate of @tree (item_p/start_p set, counts zeroed): each
 * node's transactions are its parent's ANDed with its item's bitset, kept as
 * a list of non-zero words; a leaf's count is the popcount of that AND.
 * Polls @cancellable every few thousand nodes; FALSE with @error set when
 * cancelled, nothing else can fail. */
gboolean        apriori_count_bitsets (const AprioriBitsets *bitsets,
                                       AprioriTree          *tree,
                                       GCancellable         *cancellable,
                                       GError              **error);

/* The levels after the first one counted with bitsets need no candidate
 * tree (strata-apriori.c counts each prefix's candidates as they are
 * generated): an AprioriPrefixBits holds the ANDed bitsets of a prefix's
 * codes (up to @max_len of them) as sparse words, for @bitsets (borrowed,
 * which must outlive it). _count() gives, for each code c of
 * @codes[0 .. n), the number of transactions holding @prefix[0 .. len) and
 * c; consecutive prefixes should come sorted, as what they share is not
 * recomputed. Every code must have a row in @bitsets. */
typedef struct _AprioriPrefixBits AprioriPrefixBits;

AprioriPrefixBits *apriori_prefix_bits_new   (const AprioriBitsets *bitsets,
                                              guint                 max_len);
void               apriori_prefix_bits_free  (AprioriPrefixBits    *prefix);
void               apriori_prefix_bits_count (AprioriPrefixBits    *prefix,
                                              const guint32        *prefix_codes,
                                              guint                 len,
                                              const guint32        *codes,
                                              gsize                 n,
                                              guint32              *counts);

/* The state of one run of the miner (strata-apriori.c), which candidate
 * generation (strata-apriori-gen.c) shares. */
typedef struct {
  const StrataAprioriParams *params;
  StrataAprioriProgressFunc  progress;
  gpointer                   user_data;
  GCancellable              *cancellable;
  guint64                    min_count;
  guint64                    budget;      /* max_memory in bytes */
  guint                      max_length;  /* G_MAXUINT for none */
  AprioriDb                  db;
  GArray                    *levels;      /* AprioriLevel; [0] unused */
  gsize                      held;        /* bytes of the stored levels */
  AprioriCounting            counting;
  AprioriBitsets            *bitsets;     /* once a level used them: kept, and db freed */
} AprioriMiner;

/* Bytes of the database or the bitsets that replaced it. */
gsize           apriori_miner_working_bytes (const AprioriMiner  *m);
/* Sets STRATA_APRIORI_ERROR_MEMORY for level @k (@n_candidates: the
 * level's candidates, or those generated so far when @partial); returns
 * FALSE. */
gboolean        apriori_miner_memory_error  (AprioriMiner        *m,
                                             guint                k,
                                             guint64              n_candidates,
                                             gboolean             partial,
                                             GError             **error);
/* FALSE, or TRUE with G_IO_ERROR_CANCELLED set, as the run's GCancellable says. */
gboolean        apriori_miner_cancelled     (AprioriMiner        *m,
                                             GError             **error);

/* Candidate generation (strata-apriori-gen.c): level @k's candidates from
 * level k-1 (@prev), joined and pruned, either built into @tree (its counts
 * zeroed, for either way of counting) or counted at once with m->bitsets,
 * the frequent ones going into @out (*@n_candidates: how many were
 * counted). FALSE with @error set when cancelled or past max_memory. */
gboolean        apriori_generate_tree       (AprioriMiner        *m,
                                             const AprioriLevel  *prev,
                                             guint                n_codes,
                                             guint                k,
                                             AprioriTree         *tree,
                                             GError             **error);
gboolean        apriori_generate_and_count  (AprioriMiner        *m,
                                             const AprioriLevel  *prev,
                                             guint                n_codes,
                                             guint                k,
                                             AprioriLevel        *out,
                                             guint64             *n_candidates,
                                             GError             **error);
/* Bytes held by @tree's arrays. */
gsize           apriori_tree_bytes          (const AprioriTree   *tree);

/* Lexicographic comparison of two sets of @k codes. */
static inline int
apriori_compare_sets (const guint32 *a,
                      const guint32 *b,
                      guint          k)
{
  for (guint i = 0; i < k; i++)
    if (a[i] != b[i])
      return a[i] < b[i] ? -1 : 1;
  return 0;
}

/* Index of @set (k codes) in @level, or -1. */
gssize          apriori_level_lookup   (const AprioriLevel *level,
                                        const guint32      *set);
void            apriori_level_clear    (AprioriLevel       *level);

/* Builds rules from @itemsets (still in codes). Sets @error
 * (STRATA_APRIORI_ERROR_MEMORY, G_IO_ERROR_CANCELLED) on failure.
 * @budget is the bytes the rules may take. */
StrataRules    *apriori_generate_rules (StrataItemsets            *itemsets,
                                        const StrataAprioriParams *params,
                                        const guint8              *antecedent_filter,
                                        const guint8              *consequent_filter,
                                        guint64                    budget,
                                        GCancellable              *cancellable,
                                        GError                   **error);

/* Replaces codes by item ids in every level; lookups are impossible after. */
void            apriori_itemsets_convert (StrataItemsets *itemsets);

G_END_DECLS
