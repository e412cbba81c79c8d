/* strata-tree.h — CART decision trees for classification and regression
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Classification and Regression Trees (Breiman, Friedman, Olshen & Stone,
 * "Classification and Regression Trees", 1984), grown depth first and greedy
 * like scikit-learn's DecisionTreeClassifier / DecisionTreeRegressor, whose
 * parameter names and conventions this module follows:
 *
 *  - criterion "gini" or "entropy" (bits) for classification,
 *    "squared_error" for regression; a node is split by the candidate with
 *    the largest impurity decrease, first feature and first threshold
 *    winning ties;
 *  - numeric features split at "x <= t", t the midpoint between two adjacent
 *    distinct sorted values (values closer than 1e-7 count as equal);
 *  - categorical features split natively into two sets of categories: for
 *    two classes or regression the categories are ordered by the rate of
 *    the second class / the target mean and the best prefix of that order is
 *    taken (optimal, Breiman et al. 1984, §9.4); for more classes the same
 *    scan is repeated with the categories ordered by each class's rate in
 *    turn (one ordering per class, "one-vs-rest") and the best is kept;
 *  - missing values: every split learns a default direction. The split is
 *    scored with the node's missing rows sent left and sent right, and
 *    missing values go to the better side; on a tie (in particular when the
 *    node saw no missing value) they go to the child with more training
 *    weight, left when equal. Categories a categorical split never saw go the
 *    same way as missing values. Rows whose target is missing are skipped.
 *  - min_impurity_decrease compares with scikit-learn's weighted decrease
 *    N_t / N * (impurity - N_tR / N_t * right_impurity - N_tL / N_t *
 *    left_impurity); feature importances are the normalized total weighted
 *    impurity decrease of each feature; ccp_alpha applies minimal
 *    cost-complexity pruning (Breiman et al. ch. 3) after growing.
 *
 * Fitting sorts every numeric feature once and then only partitions the
 * per-feature sorted index arrays as nodes split; large nodes scan their
 * features on several threads and smaller subtrees grow in parallel.
 *
 * Example:
 *
 *   StrataTreeParams params;
 *   strata_tree_params_init (&params);
 *   params.max_depth = 4;
 *   g_autoptr(StrataTree) tree =
 *     strata_tree_fit (table, "species", &params, NULL, NULL, NULL, &error);
 *   g_autofree gint32 *classes = strata_tree_predict_class (tree, test, &error);
 */

#pragma once

#include <gio/gio.h>

#include "strata-metrics.h"
#include "strata-model.h"
#include "strata-table.h"

G_BEGIN_DECLS

#define STRATA_TREE_ERROR (strata_tree_error_quark ())

/**
 * StrataTreeError:
 * @STRATA_TREE_ERROR_PARAMETER: a parameter is out of range; the message
 *   names it
 * @STRATA_TREE_ERROR_DATA: the table cannot be used (no usable rows, a
 *   feature column of the wrong kind or missing, a target of the wrong kind
 *   for the criterion); the message names the column
 * @STRATA_TREE_ERROR_FORMAT: a model file is corrupt, truncated or of an
 *   unknown version; the message names the file
 *
 * Cancellation is G_IO_ERROR_CANCELLED; I/O failures are G_IO_ERROR.
 */
typedef enum {
  STRATA_TREE_ERROR_PARAMETER,
  STRATA_TREE_ERROR_DATA,
  STRATA_TREE_ERROR_FORMAT,
} StrataTreeError;

GQuark strata_tree_error_quark (void);

typedef enum {
  STRATA_TREE_CRITERION_AUTO,           /* gini for a categorical or text
                                           target, squared_error for numeric */
  STRATA_TREE_CRITERION_GINI,
  STRATA_TREE_CRITERION_ENTROPY,
  STRATA_TREE_CRITERION_SQUARED_ERROR,
} StrataTreeCriterion;

/* "auto", "gini", "entropy", "squared_error" (static strings). */
const char *strata_tree_criterion_to_string   (StrataTreeCriterion  criterion);
gboolean    strata_tree_criterion_from_string (const char          *s,
                                               StrataTreeCriterion *criterion);

/* Special values of StrataTreeParams.max_features. */
#define STRATA_TREE_MAX_FEATURES_ALL   0.0
#define STRATA_TREE_MAX_FEATURES_SQRT  (-1.0)
#define STRATA_TREE_MAX_FEATURES_LOG2  (-2.0)

/**
 * StrataTreeParams:
 *
 * Initialise with strata_tree_params_init(); the defaults are
 * scikit-learn's. Strings are borrowed for the call.
 */
typedef struct {
  StrataTreeCriterion criterion;        /* default AUTO */
  guint    max_depth;                   /* 0 = unlimited (default) */
  guint    min_samples_split;           /* ≥ 2, default 2 */
  guint    min_samples_leaf;            /* ≥ 1, default 1 */
  double   min_impurity_decrease;       /* ≥ 0, default 0 */
  /* Features examined per node: ALL (default), SQRT, LOG2, a count ≥ 1 or a
   * fraction in (0, 1). With fewer than all, the features are drawn at
   * random per node; more are drawn when all drawn ones are constant. */
  double   max_features;
  double   ccp_alpha;                   /* ≥ 0, default 0 (no pruning) */
  gboolean class_weight_balanced;       /* weights n / (n_classes · n_c) */
  guint64  random_state;                /* seed of the tree's own generator */
  /* Feature columns by name; NULL (default) = every column except the
   * target and text columns. */
  const char *const *features;
  guint    n_threads;                   /* 0 = one per processor (default) */
} StrataTreeParams;

void strata_tree_params_init (StrataTreeParams *params);

/* Called after each node is finished with the fraction (0–1) of training
 * rows that have reached a leaf. Called from the fitting threads, never two
 * at a time. */
typedef void (*StrataTreeProgressFunc) (double   fraction,
                                        gpointer user_data);

typedef struct _StrataTree StrataTree;

/* --- Fitting -------------------------------------------------------------- */

/**
 * strata_tree_fit:
 * @table: training data
 * @target: name of the target column; categorical, text or numeric (a
 *   numeric target under gini/entropy has its distinct values as classes)
 * @params: (nullable): parameters, NULL for defaults
 * @progress: (nullable): per-node progress
 * @user_data: data for @progress
 * @cancellable: (nullable): polled once per node
 * @error: STRATA_TREE_ERROR, G_IO_ERROR_CANCELLED
 *
 * Grows a tree on the rows of @table whose target is present. Classes are
 * the target's distinct values, sorted (strings by byte order, numbers
 * numerically), as scikit-learn's classes_.
 *
 * Returns: (transfer full): the tree, or NULL with @error set.
 */
StrataTree *strata_tree_fit (StrataTable            *table,
                             const char             *target,
                             const StrataTreeParams *params,
                             StrataTreeProgressFunc  progress,
                             gpointer                user_data,
                             GCancellable           *cancellable,
                             GError                **error);

/**
 * strata_tree_cost_complexity_pruning_path:
 * @alphas: (out) (transfer full): [*n_steps] effective alphas, increasing,
 *   the first 0
 * @impurities: (out) (transfer full): [*n_steps] total weighted leaf
 *   impurity of the subtree for each alpha
 * @n_leaves: (out) (optional) (transfer full): [*n_steps] leaves of each
 *   subtree
 *
 * Grows the unpruned tree (params->ccp_alpha ignored) and returns its
 * minimal cost-complexity pruning path, weakest link first, exactly as
 * scikit-learn's cost_complexity_pruning_path (one step per pruned branch).
 * Fitting with ccp_alpha = alphas[i] gives the subtree with n_leaves[i]
 * leaves. Errors as strata_tree_fit().
 */
gboolean strata_tree_cost_complexity_pruning_path (StrataTable            *table,
                                                   const char             *target,
                                                   const StrataTreeParams *params,
                                                   double                **alphas,
                                                   double                **impurities,
                                                   guint                 **n_leaves,
                                                   guint                  *n_steps,
                                                   GCancellable           *cancellable,
                                                   GError                **error);

StrataTree *strata_tree_ref   (StrataTree *tree);
void        strata_tree_unref (StrataTree *tree);

/* --- The model (all borrow; valid while the tree lives) ------------------- */

gboolean      strata_tree_is_classifier     (StrataTree *tree);
StrataTreeCriterion strata_tree_get_criterion (StrataTree *tree);
const char   *strata_tree_get_target        (StrataTree *tree);
/* Classes as text, sorted; 0 for regression. */
guint         strata_tree_get_n_classes     (StrataTree *tree);
const char   *strata_tree_get_class         (StrataTree *tree,
                                             guint       index);
guint         strata_tree_get_n_features    (StrataTree *tree);
const char   *strata_tree_get_feature_name  (StrataTree *tree,
                                             guint       index);
/* Root depth is 0, so a single leaf has depth 0 (as scikit-learn). */
guint         strata_tree_get_depth         (StrataTree *tree);
guint         strata_tree_get_n_leaves      (StrataTree *tree);
guint         strata_tree_get_n_nodes       (StrataTree *tree);
/* [n_features], summing to 1 (all 0 for a single leaf). */
const double *strata_tree_get_feature_importances (StrataTree *tree);

/**
 * StrataTreeNode:
 *
 * One node, as scikit-learn's tree_ arrays. Nodes are numbered in preorder
 * (left child first); node 0 is the root.
 */
typedef struct {
  int     left, right;          /* children, -1 for a leaf */
  int     feature;              /* feature index, -1 for a leaf */
  gboolean categorical;         /* categorical split (see left_categories) */
  double  threshold;            /* numeric split: x <= threshold goes left */
  gboolean missing_left;        /* missing (and unseen categories) go left */
  double  impurity;             /* node impurity under the criterion */
  gsize   n_samples;            /* training rows reaching the node */
  double  weighted_n_samples;   /* their total weight */
} StrataTreeNode;

void          strata_tree_get_node          (StrataTree     *tree,
                                             guint           index,
                                             StrataTreeNode *node);
/* Categorical split only: whether category @category (an index into the
 * training column's dictionary, see strata_tree_get_feature_categories())
 * goes left. */
gboolean      strata_tree_node_category_left (StrataTree *tree,
                                              guint       index,
                                              guint       category);
/* Dictionary of a categorical feature at training (NULL-terminated), NULL
 * for a numeric feature. */
const char *const *strata_tree_get_feature_categories (StrataTree *tree,
                                                       guint       feature);
/* Classification: [n_classes] weighted class counts at the node;
 * regression: [1] the mean target. */
const double *strata_tree_get_node_value    (StrataTree *tree,
                                             guint       index);

/* --- Prediction ----------------------------------------------------------- */

/* Feature columns are found in @table by name; categorical values are
 * matched by their text, so the table's dictionary may differ from the
 * training one. Errors: STRATA_TREE_ERROR_DATA naming a missing column or
 * one of the wrong kind. */

/* Classification: [n_rows] class indices (argmax of the leaf's weighted
 * class counts, lowest index on ties). Transfer full. */
gint32 *strata_tree_predict_class (StrataTree  *tree,
                                   StrataTable *table,
                                   GError     **error);
/* Classification: [n_rows × n_classes] row-major leaf class fractions.
 * Transfer full. */
double *strata_tree_predict_proba (StrataTree  *tree,
                                   StrataTable *table,
                                   GError     **error);
/* Regression: [n_rows] leaf means; classification: the predicted class
 * index as a double. Transfer full. */
double *strata_tree_predict_value (StrataTree  *tree,
                                   StrataTable *table,
                                   GError     **error);
/* [n_rows] index of the leaf each row reaches. Transfer full. */
gint32 *strata_tree_apply         (StrataTree  *tree,
                                   StrataTable *table,
                                   GError     **error);

/* --- Evaluation (strata-tree-eval.c) --------------------------------------- */

/* A tree as a fitted model (strata-model.h): its target, its classes and
 * predict_class / predict_proba (classification) or predict_value
 * (regression). The instance is a StrataTree *. */
extern const StrataModelClass strata_tree_model_class;

/**
 * strata_tree_evaluate:
 * @table: rows with the target column; rows whose target is missing are
 *   skipped
 * @values: (out caller-allocates): the scalar metrics (strata-metrics.h):
 *   classification accuracy, macro/weighted scores, log_loss, roc_auc (two
 *   classes); regression mae, mse, rmse, r2
 * @details: (out) (optional) (transfer full): classification only, the
 *   full metrics (per class, confusion matrix); NULL for regression
 * @error: STRATA_MODEL_ERROR_TARGET (no target column, a class unseen in
 *   training), STRATA_TREE_ERROR_DATA (missing feature columns),
 *   STRATA_METRICS_ERROR (no rows)
 *
 * strata_model_evaluate() with strata_tree_model_class.
 */
gboolean strata_tree_evaluate (StrataTree                   *tree,
                               StrataTable                  *table,
                               StrataMetricValues           *values,
                               StrataClassificationMetrics **details,
                               GError                      **error);

/**
 * strata_tree_cross_validate:
 * @k: folds (2 ≤ k ≤ rows); stratified by class for classification
 * @seed: fold shuffle seed
 *
 * Fits a tree with @params on k-1 folds and evaluates it on the remaining
 * one, k times. A fold whose test rows hold a class absent from its
 * training rows fails with STRATA_TREE_ERROR_DATA. Transfer full.
 */
StrataCrossValidation *strata_tree_cross_validate (StrataTable            *table,
                                                   const char             *target,
                                                   const StrataTreeParams *params,
                                                   guint                   k,
                                                   guint64                 seed,
                                                   GCancellable           *cancellable,
                                                   GError                **error);

/* --- Export and files (strata-tree-io.c) ---------------------------------- */

/* Readable nested rules, one node per line, as scikit-learn's export_text:
 * "|--- petal_length <= 2.45". Transfer full. */
char     *strata_tree_to_text  (StrataTree *tree);
/* A Graphviz DOT digraph. Transfer full. */
char     *strata_tree_to_dot   (StrataTree *tree);
/* The whole model as JSON (the body of the model file). Transfer full. */
char     *strata_tree_to_json  (StrataTree *tree);

/**
 * strata_tree_save:
 * @error: G_IO_ERROR
 *
 * Writes @tree in Strata's model format (strata-model-file.h, kind
 * "tree"), atomically.
 */
gboolean    strata_tree_save (StrataTree  *tree,
                              const char  *path,
                              GError     **error);
/* Reads a tree written by strata_tree_save(). Errors: G_IO_ERROR,
 * STRATA_MODEL_FILE_ERROR (bad magic, version, checksum), or
 * STRATA_TREE_ERROR_FORMAT (a well-formed file whose JSON is not a tree);
 * each message names @path. Transfer full. */
StrataTree *strata_tree_load (const char  *path,
                              GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataTree, strata_tree_unref)

G_END_DECLS
