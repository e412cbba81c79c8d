/* strata-apriori.h — frequent itemsets and association rules (Apriori)
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Algorithm: Apriori, R. Agrawal and R. Srikant, "Fast Algorithms for Mining
 * Association Rules", VLDB 1994: level-wise candidate generation (join of
 * frequent (k-1)-itemsets sharing a (k-2)-prefix, then pruning of every
 * candidate with an infrequent (k-1)-subset), support counting in one pass
 * over the transactions per level, and rule generation by ap-genrules
 * (consequents grown level-wise, since confidence can only fall as items move
 * from antecedent to consequent). The candidates of a level form a prefix
 * tree as in C. Borgelt's implementation ("Efficient Implementations of
 * Apriori and Eclat", FIMI 2003): items recoded by ascending frequency,
 * infrequent items removed, transactions sorted and identical ones merged;
 * level 2 is counted in a triangular array, one block of rows at a time so
 * that memory stays bounded. Levels k ≥ 3 are counted either by descending
 * the tree per transaction or, when the database is small and dense enough,
 * with item bitsets ANDed along the tree (vertical counting);
 * docs/apriori.md explains the choice and its measurements.
 *
 * Results (StrataItemsets, StrataRules) are immutable, reference-counted
 * with atomic counts, and hold a reference to the transactions they came
 * from (for the item names): safe to hand between threads.
 *
 * Measures of a rule X → Y over N transactions, with s(Z) the fraction of
 * transactions containing Z:
 *
 *   support    s(X ∪ Y)
 *   confidence s(X ∪ Y) / s(X)
 *   lift       confidence / s(Y)
 *   leverage   s(X ∪ Y) − s(X) s(Y)
 *   conviction (1 − s(Y)) / (1 − confidence); +∞ when confidence is 1
 *   coverage   s(X)  (the antecedent's support)
 *
 * Example:
 *
 *   StrataAprioriParams p;
 *   strata_apriori_params_init (&p);
 *   p.min_support = 0.01;
 *   p.min_confidence = 0.5;
 *   g_autoptr(StrataItemsets) sets = NULL;
 *   g_autoptr(StrataRules) rules = NULL;
 *   if (!strata_apriori_run (tr, &p, NULL, NULL, NULL, &sets, &rules, &error))
 *     …
 *   for (gsize i = 0; i < strata_rules_get_n_rules (rules); i++)
 *     …strata_rules_get_measure (rules, i, STRATA_RULE_LIFT)…
 */

#pragma once

#include <gio/gio.h>
#include <stdio.h>

#include "strata-transactions.h"

G_BEGIN_DECLS

#define STRATA_APRIORI_ERROR (strata_apriori_error_quark ())

/**
 * StrataAprioriError:
 * @STRATA_APRIORI_ERROR_PARAMETER: a parameter is out of range, or a filter
 *   names an item the transactions do not hold; the message names the
 *   parameter
 * @STRATA_APRIORI_ERROR_MEMORY: the candidates of a level (or the rules)
 *   would exceed max_memory; the message names the level and suggests a
 *   higher min_support (or min_confidence / max_rules)
 *
 * Cancellation is G_IO_ERROR_CANCELLED.
 */
typedef enum {
  STRATA_APRIORI_ERROR_PARAMETER,
  STRATA_APRIORI_ERROR_MEMORY,
} StrataAprioriError;

GQuark strata_apriori_error_quark (void);

/**
 * StrataRuleMeasure:
 * @STRATA_RULE_NONE: no measure (generation order when sorting)
 */
typedef enum {
  STRATA_RULE_NONE,
  STRATA_RULE_SUPPORT,
  STRATA_RULE_CONFIDENCE,
  STRATA_RULE_LIFT,
  STRATA_RULE_LEVERAGE,
  STRATA_RULE_CONVICTION,
  STRATA_RULE_COVERAGE,
} StrataRuleMeasure;

/* "none", "support", "confidence", "lift", "leverage", "conviction",
 * "coverage" (static strings). */
const char *strata_rule_measure_to_string   (StrataRuleMeasure  measure);
/* Parses the names above; FALSE if @s is none of them. */
gboolean    strata_rule_measure_from_string (const char        *s,
                                             StrataRuleMeasure *measure);

/**
 * StrataAprioriParams:
 *
 * Initialise with strata_apriori_params_init(); each field then holds the
 * default given beside it. Strings are borrowed for the call.
 */
typedef struct {
  /* Minimum support as a fraction of transactions in (0, 1] (default 0.1).
   * The count threshold is ceil(min_support · N), as Borgelt's apriori. */
  double              min_support;
  /* Minimum support as a count of transactions; when > 0 it replaces
   * min_support (default 0). */
  guint64             min_count;
  /* Minimum confidence of a rule in [0, 1] (default 0.8). */
  double              min_confidence;
  /* Itemsets (and rules, counting both sides) have at least min_length and
   * at most max_length items; max_length 0 = no limit (defaults 1 and 0). */
  guint               min_length;
  guint               max_length;
  /* At most this many rules are kept, after sorting (default 0 = all). */
  gsize               max_rules;
  /* Items in a rule's consequent: default 1 (as R's arules and Borgelt's
   * apriori); 0 = any number. The antecedent is never empty. */
  guint               max_consequent_length;
  /* Rules are sorted by this measure, largest first, ties in generation
   * order (default STRATA_RULE_NONE: generation order). */
  StrataRuleMeasure   sort_by;
  /* When non-NULL (NULL-terminated item names), a rule is kept only if its
   * antecedent (resp. consequent) holds at least one of these items. */
  const char *const  *antecedent_items;
  const char *const  *consequent_items;
  /* Generate rules at all (default TRUE); FALSE mines itemsets only. */
  gboolean            rules;
  /* Bytes the candidates of one level, the frequent itemsets and the rules
   * may take together; 0 (default) = a quarter of physical memory. */
  guint64             max_memory;
} StrataAprioriParams;

void strata_apriori_params_init (StrataAprioriParams *params);

/* Called once per level after counting: level k (itemset size), the number
 * of candidates counted and how many were frequent. Level 1 counts items. */
typedef void (*StrataAprioriProgressFunc) (guint    level,
                                           guint64  n_candidates,
                                           guint64  n_frequent,
                                           gpointer user_data);

typedef struct _StrataItemsets StrataItemsets;
typedef struct _StrataRules    StrataRules;

/**
 * strata_apriori_run:
 * @transactions: the database
 * @params: parameters (see StrataAprioriParams)
 * @progress: (nullable): called once per level, from the calling thread
 * @user_data: data for @progress
 * @cancellable: (nullable): polled between levels and every few hundred
 *   transactions within a level
 * @itemsets: (out) (transfer full) (optional): the frequent itemsets
 * @rules: (out) (transfer full) (optional): the rules (empty when
 *   params->rules is FALSE)
 * @error: STRATA_APRIORI_ERROR, G_IO_ERROR_CANCELLED
 *
 * Mines frequent itemsets, then rules. Nothing is stored in @itemsets or
 * @rules on failure.
 *
 * Returns: TRUE on success.
 */
gboolean strata_apriori_run (StrataTransactions          *transactions,
                             const StrataAprioriParams   *params,
                             StrataAprioriProgressFunc    progress,
                             gpointer                     user_data,
                             GCancellable                *cancellable,
                             StrataItemsets             **itemsets,
                             StrataRules                **rules,
                             GError                     **error);

/* --- Itemsets: immutable, ref-counted; accessors borrow ------------------- */

StrataItemsets     *strata_itemsets_ref   (StrataItemsets *itemsets);
void                strata_itemsets_unref (StrataItemsets *itemsets);

/* Frequent itemsets with min_length ≤ size ≤ max_length, by size, then in
 * the order of the items' codes. */
gsize               strata_itemsets_get_n_itemsets     (StrataItemsets *itemsets);
/* Item ids (of the transactions) of itemset @i, rarest item first; *@n is
 * its size. Valid while @itemsets lives. */
const guint32      *strata_itemsets_get_items          (StrataItemsets *itemsets,
                                                        gsize           i,
                                                        guint          *n);
/* Number of transactions holding itemset @i, and that as a fraction. */
guint64             strata_itemsets_get_count          (StrataItemsets *itemsets,
                                                        gsize           i);
double              strata_itemsets_get_support        (StrataItemsets *itemsets,
                                                        gsize           i);
/* The count threshold used (ceil(min_support · N) or min_count). */
guint64             strata_itemsets_get_min_count      (StrataItemsets *itemsets);
/* The database mined (names of the items). Transfer none. */
StrataTransactions *strata_itemsets_get_transactions   (StrataItemsets *itemsets);

/* --- Rules: immutable, ref-counted; accessors borrow ---------------------- */

StrataRules        *strata_rules_ref   (StrataRules *rules);
void                strata_rules_unref (StrataRules *rules);

gsize               strata_rules_get_n_rules     (StrataRules *rules);
/* Item ids of the antecedent / consequent of rule @i, rarest first. */
const guint32      *strata_rules_get_antecedent  (StrataRules *rules,
                                                  gsize        i,
                                                  guint       *n);
const guint32      *strata_rules_get_consequent  (StrataRules *rules,
                                                  gsize        i,
                                                  guint       *n);
/* Transactions holding X ∪ Y, X and Y respectively. */
void                strata_rules_get_counts      (StrataRules *rules,
                                                  gsize        i,
                                                  guint64     *count_xy,
                                                  guint64     *count_x,
                                                  guint64     *count_y);
/* The measure of rule @i (see the top of this file); conviction is
 * INFINITY when confidence is 1. STRATA_RULE_NONE gives NAN. */
double              strata_rules_get_measure     (StrataRules       *rules,
                                                  gsize              i,
                                                  StrataRuleMeasure  measure);
/* Transfer none. */
StrataTransactions *strata_rules_get_transactions (StrataRules *rules);

/* --- CSV output ----------------------------------------------------------- */

/* DESIGN.md's format (what `strata apriori` prints and `strata run` saves):
 * itemsets as "itemset,count,support", rules as "antecedent,consequent,
 * support,confidence,lift,leverage,conviction"; items of a side joined by
 * " & ", rarest first; RFC 4180 quoting; numbers in their shortest exact
 * form with '.' whatever the locale; conviction "inf" at confidence 1.
 * @name names @stream in error messages. FALSE with G_IO_ERROR on a write
 * error. */
gboolean strata_itemsets_write_csv (StrataItemsets  *itemsets,
                                    FILE            *stream,
                                    const char      *name,
                                    GError         **error);
gboolean strata_rules_write_csv    (StrataRules     *rules,
                                    FILE            *stream,
                                    const char      *name,
                                    GError         **error);
/* The same into @path, atomically (a temporary file in the same folder,
 * renamed into place). FALSE with G_IO_ERROR naming @path. */
gboolean strata_itemsets_save_csv  (StrataItemsets  *itemsets,
                                    const char      *path,
                                    GError         **error);
gboolean strata_rules_save_csv     (StrataRules     *rules,
                                    const char      *path,
                                    GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataItemsets, strata_itemsets_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataRules, strata_rules_unref)

G_END_DECLS
