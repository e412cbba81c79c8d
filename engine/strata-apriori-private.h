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
