/* strata-tree-fit-private.h — state shared by the CART grower's files
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * strata-tree-fit.c prepares the data (target, classes, presorted feature
 * entries), schedules nodes on threads and assembles the model;
 * strata-tree-split.c finds a node's best split and partitions the entries.
 */

#pragma once

#include "strata-tree-private.h"

G_BEGIN_DECLS

/* One training row of one feature in the presorted arrays. The key is
 * (rank << label_bits) | label: the rank is the value group's rank
 * (numeric) or the category code, Fit.missing_rank when missing (those
 * entries sit last). For classification with at most 256 classes and
 * fewer than 2^24 rows, label_bits is 8 and the row's class travels in the
 * key, so scanning never looks it up by row (a cache miss per entry on
 * large tables); otherwise label_bits is 0. */
typedef struct {
  guint32 key;
  guint32 row;    /* training row index (0 … n-1) */
} FitEntry;

typedef struct {
  gboolean      categorical;
  guint         n_categories;  /* categorical only */
  const double *values;        /* numeric: the column, by table row */
  FitEntry     *entries;       /* [n]: each node owns a segment, sorted */
} FitFeature;

/* Per-thread scratch. */
typedef struct {
  FitEntry *buf;               /* partition buffer */
  gsize     buf_len;
  double   *left, *miss, *tmp, *left_miss; /* [n_stats] */
  double   *cat_stats;         /* [max_categories × n_stats] */
  double   *cat_weight;        /* [max_categories] */
  gsize    *cat_count;         /* [max_categories] */
  guint    *order;             /* [max_categories] */
  double   *order_key;         /* [max_categories] */
  guint64  *cat_bits;          /* [max_words] */
  guint    *perm;              /* [n_features] */
} FitWorker;

/* The best split of one feature (or of a node). */
typedef struct {
  double   proxy;              /* -INFINITY when there is none */
  int      feature;
  gsize    pos;                /* numeric: offset of the last non-missing
                                  left entry in the node's segment */
  gboolean missing_left;
  guint64 *cat_left;           /* categorical: [words] categories left
                                  (owned by the candidate's caller) */
} FitCandidate;

typedef struct {
  StrataTreeParams    params;
  StrataTreeCriterion criterion;
  gboolean            classifier;
  guint               n_classes;
  guint               n_stats;       /* n_classes, or 2 (sum, sum sq) */
  gsize               n;             /* training rows */
  gsize              *rows;          /* [n] table row of each */
  gint32             *y_class;       /* [n] classification */
  double             *y_value;       /* [n] regression */
  double             *class_weight;  /* [n_classes] */
  guint               n_features;
  FitFeature         *features;
  guint               max_categories;
  guint               max_words;
  guint               max_features;  /* features drawn per node */
  guint               min_samples_split;
  guint               min_samples_leaf;
  guint               max_depth;     /* G_MAXUINT when unlimited */
  double              w_root;
  guint8             *side;          /* [n] 1 when the row goes left */
  guint               label_bits;    /* 8 or 0, see FitEntry */
  guint32             missing_rank;  /* G_MAXUINT32 >> label_bits */
} Fit;

static inline guint32
fit_rank (const Fit *fit,
          guint32    key)
{
  return key >> fit->label_bits;
}

/* strata-tree-prepare.c: checks @params, reads the target and chooses the
 * features (@columns: [n_features] table column indices, transfer full).
 * On failure fit_clear() still frees what was made. */
gboolean   fit_prepare      (Fit                    *fit,
                             StrataTree             *tree,
                             StrataTable            *table,
                             const char             *target,
                             const StrataTreeParams *params,
                             guint                 **columns,
                             GError                **error);
/* Fills feature @f's sorted entries from @column. */
void       fit_sort_feature (Fit                    *fit,
                             guint                   f,
                             StrataColumn           *column);
void       fit_clear        (Fit                    *fit);

FitWorker *fit_worker_new  (Fit       *fit,
                            gsize      buf_len);
void       fit_worker_free (FitWorker *worker);

/* Node statistics from the rows of a segment of feature 0: @stats
 * [n_stats] and the total weight. */
void   fit_node_stats    (Fit          *fit,
                          gsize         start,
                          gsize         n,
                          double       *stats,
                          double       *weight);
double fit_stats_impurity (Fit          *fit,
                           const double *stats,
                           double        weight);

/* Best split of feature @f over the segment [start, start + n) whose totals
 * are @total / @w_total. Fills @best (cat_left must hold max_words words)
 * when it beats best->proxy. */
void   fit_scan_feature  (Fit          *fit,
                          FitWorker    *worker,
                          guint         f,
                          gsize         start,
                          gsize         n,
                          const double *total,
                          double        w_total,
                          FitCandidate *best);

/* Threshold of a numeric candidate, as scikit-learn: the midpoint between
 * the largest left value and the smallest right value. */
double fit_candidate_threshold (Fit                *fit,
                                const FitCandidate *best,
                                gsize               start,
                                gsize               n);

/* Writes fit->side for the segment's rows according to the split (numeric:
 * rank <= @split_rank goes left) and sums the children's statistics.
 * Returns the number of rows going left. */
gsize  fit_assign_sides  (Fit          *fit,
                          int           feature,
                          guint32       split_rank,
                          gboolean      missing_left,
                          const guint64 *cat_left,
                          gsize         start,
                          gsize         n,
                          double       *left_stats,
                          double       *left_weight,
                          double       *right_stats,
                          double       *right_weight);

/* Stable partition of feature @f's segment by fit->side. */
void   fit_partition     (Fit          *fit,
                          FitWorker    *worker,
                          guint         f,
                          gsize         start,
                          gsize         n);

G_END_DECLS
