/* strata-tree-private.h — the fitted tree's layout, shared by strata-tree*.c
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "strata-tree.h"

G_BEGIN_DECLS

/* scikit-learn's constants: np.finfo(double).eps for "pure" nodes and
 * impurity-decrease comparisons, 1e-7 for values that count as equal. */
#define STRATA_TREE_EPSILON            2.220446049250313e-16
#define STRATA_TREE_FEATURE_THRESHOLD  1e-7

struct _StrataTree {
  gatomicrefcount     ref_count;
  StrataTreeCriterion criterion;        /* never AUTO */
  char               *target;
  guint               n_classes;        /* 0 for regression */
  char              **classes;          /* NULL-terminated, sorted */
  guint               n_outputs;        /* n_classes, or 1 for regression */

  guint               n_features;
  char              **feature_names;    /* NULL-terminated */
  char             ***feature_categories; /* [n_features]; NULL for numeric */
  guint              *feature_n_categories; /* [n_features]; 0 for numeric */

  guint               n_nodes;
  StrataTreeNode     *nodes;            /* [n_nodes], preorder */
  double             *values;           /* [n_nodes × n_outputs] */
  gint32             *cat_offset;       /* [n_nodes] word offset into
                                           cat_words, -1 if not categorical */
  guint64            *cat_words;        /* left-category bitsets */
  gsize               n_cat_words;

  double             *importances;      /* [n_features] */
  guint               depth;
  guint               n_leaves;
};

/* A tree with no nodes; the caller fills everything. */
StrataTree *strata_tree_alloc (void);
/* Computes depth, n_leaves and importances from the nodes. */
void        strata_tree_finish (StrataTree *tree);

/* Minimal cost-complexity pruning exactly as scikit-learn's
 * _cost_complexity_prune: fills @leaves_in_subtree [n_nodes] with the
 * leaves of the subtree chosen for @ccp_alpha. When @alphas is not NULL it
 * receives the whole path (ccp_alpha ignored; run to the root). */
void        strata_tree_ccp_prune (StrataTree *tree,
                                   double      ccp_alpha,
                                   guint8     *leaves_in_subtree,
                                   GArray     *alphas,
                                   GArray     *impurities,
                                   GArray     *n_leaves);
/* A new tree keeping only the nodes above @leaves_in_subtree. */
StrataTree *strata_tree_prune_to (StrataTree   *tree,
                                  const guint8 *leaves_in_subtree);

G_END_DECLS
