/* strata-nodes-tree.c — model.tree and eval.cross_validate
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * Thin wrappers over strata-tree.h and strata-metrics.h. model.tree fits a
 * StrataTree (data kind "tree", a fitted model for eval.predict and
 * eval.metrics through strata_tree_model_class, saved by `strata run` as
 * ID.PORT in the model format). eval.cross_validate fits and measures k
 * times on folds of one table and reports each metric's mean and
 * "<name>_std". Parameter names are scikit-learn's. The tree's own random
 * stream and the folds take the node's seed.
 */

#include "strata-node.h"
#include "strata-tree.h"

#include <math.h>
#include <string.h>

/* --- the "tree" data kind ------------------------------------------------- */

static gboolean
save_tree (gpointer     payload,
           const char  *dir,
           const char  *node_id,
           const char  *port,
           char       **written,
           GError     **error)
{
  g_autofree char *name = g_strdup_printf ("%s.%s", node_id, port);
  g_autofree char *path = g_build_filename (dir, name, NULL);

  if (!strata_tree_save (payload, path, error))
    return FALSE;
  *written = g_steal_pointer (&name);
  return TRUE;
}

static char *
describe_tree (gpointer payload)
{
  StrataTree *tree = payload;

  return g_strdup_printf ("%s tree, depth %u, %u leaves",
                          strata_tree_is_classifier (tree) ? "classification" : "regression",
                          strata_tree_get_depth (tree), strata_tree_get_n_leaves (tree));
}

static const StrataDataType tree_type = {
  .kind = STRATA_DATA_TREE,
  .free = (GDestroyNotify) strata_tree_unref,
  .save = save_tree,
  .describe = describe_tree,
  .model = &strata_tree_model_class,
};

/* --- tree parameters (model.tree, eval.cross_validate) --------------------- */

static const char *const criteria[] = { "auto", "gini", "entropy", "squared_error", NULL };
static const char *const max_features_choices[] = { "all", "sqrt", "log2", NULL };
static const char *const class_weights[] = { "none", "balanced", NULL };

#define TREE_PARAMS \
  { .name = "target", .type = STRATA_PARAM_COLUMN, .nullable = TRUE, \
    .help = "The column to predict" }, \
  { .name = "criterion", .type = STRATA_PARAM_CHOICE, .choices = criteria, \
    .default_value = "auto", \
    .help = "Split quality: gini or entropy (classification), squared_error (regression); auto follows the target's kind" }, \
  { .name = "max_depth", .type = STRATA_PARAM_INT, .range = "[1, 10000]", .nullable = TRUE, \
    .help = "Deepest level (unset: no limit)" }, \
  { .name = "min_samples_split", .type = STRATA_PARAM_INT, .range = "[2, inf)", \
    .default_value = "2", .unit = "rows", .help = "Fewest rows a node needs to be split" }, \
  { .name = "min_samples_leaf", .type = STRATA_PARAM_INT, .range = "[1, inf)", \
    .default_value = "1", .unit = "rows", .help = "Fewest rows in a leaf" }, \
  { .name = "min_impurity_decrease", .type = STRATA_PARAM_DOUBLE, .range = "[0, inf)", \
    .default_value = "0", .help = "Smallest weighted impurity decrease worth a split" }, \
  { .name = "max_features", .type = STRATA_PARAM_CHOICE, .choices = max_features_choices, \
    .default_value = "all", .help = "Features drawn at each node" }, \
  { .name = "ccp_alpha", .type = STRATA_PARAM_DOUBLE, .range = "[0, inf)", \
    .default_value = "0", .help = "Minimal cost-complexity pruning strength (0: none)" }, \
  { .name = "class_weight", .type = STRATA_PARAM_CHOICE, .choices = class_weights, \
    .default_value = "none", .help = "balanced: weigh classes inversely to their frequency" }, \
  { .name = "seed", .type = STRATA_PARAM_INT, .range = "[0, inf)", .nullable = TRUE, \
    .help = "Random seed (unset: derived from the workflow's)" }

/* Reads the TREE_PARAMS into @p; FALSE when target is unset. */
static gboolean
read_tree_params (StrataNodeContext *ctx,
                  StrataParams      *params,
                  StrataTreeParams  *p,
                  const char       **target,
                  GError           **error)
{
  const char *mf = strata_params_get_string (params, "max_features");

  strata_tree_params_init (p);
  if (strata_params_is_null (params, "target"))
    {
      return strata_node_param_error (error, "target", "choose the column to predict");
    }
  *target = strata_params_get_string (params, "target");
  strata_tree_criterion_from_string (strata_params_get_string (params, "criterion"), &p->criterion);
  p->max_depth = strata_params_is_null (params, "max_depth")
                   ? 0 : (guint) strata_params_get_int (params, "max_depth");
  p->min_samples_split = strata_params_get_int (params, "min_samples_split");
  p->min_samples_leaf = strata_params_get_int (params, "min_samples_leaf");
  p->min_impurity_decrease = strata_params_get_double (params, "min_impurity_decrease");
  p->max_features = strcmp (mf, "sqrt") == 0 ? STRATA_TREE_MAX_FEATURES_SQRT
                    : strcmp (mf, "log2") == 0 ? STRATA_TREE_MAX_FEATURES_LOG2
                    : STRATA_TREE_MAX_FEATURES_ALL;
  p->ccp_alpha = strata_params_get_double (params, "ccp_alpha");
  p->class_weight_balanced = strcmp (strata_params_get_string (params, "class_weight"), "balanced") == 0;
  p->random_state = strata_node_context_get_seed (ctx);
  return TRUE;
}

/* Prefixes a tree error about a column with the parameter that chose it. */
static void
blame_target (GError **error)
{
  if (error != NULL && *error != NULL && (*error)->domain == STRATA_TREE_ERROR &&
      (*error)->code == STRATA_TREE_ERROR_DATA)
    g_prefix_error (error, "parameter “target”: ");
}

/* --- model.tree -------------------------------------------------------------- */

static const StrataPortSpec tree_in[] = {
  { "table", STRATA_DATA_TABLE, "Training rows, with the target column" },
  { NULL }
};
static const StrataPortSpec tree_out[] = {
  { "model", STRATA_DATA_TREE, "The fitted tree" },
  { NULL }
};
static const StrataParamSpec tree_params[] = { TREE_PARAMS, { NULL } };

static void
tree_progress (double   fraction,
               gpointer user_data)
{
  strata_node_context_progress (user_data, fraction, NULL);
}

static gboolean
run_tree (StrataNodeContext *ctx,
          StrataParams      *params,
          StrataData       **in,
          StrataData       **out,
          GError           **error)
{
  StrataTreeParams p;
  const char *target;
  StrataTree *tree;

  if (!read_tree_params (ctx, params, &p, &target, error))
    return FALSE;
  /* the tree reports from its fitting threads but never two at a time,
   * while this thread waits: the context is used by one thread at a time */
  tree = strata_tree_fit (strata_data_get_table (in[0]), target, &p, tree_progress, ctx,
                          strata_node_context_get_cancellable (ctx), error);
  if (tree == NULL)
    {
      blame_target (error);
      return FALSE;
    }
  strata_node_context_set_metric (ctx, "depth", strata_tree_get_depth (tree));
  strata_node_context_set_metric (ctx, "n_leaves", strata_tree_get_n_leaves (tree));
  out[0] = strata_data_new (&tree_type, tree);
  return TRUE;
}

/* --- eval.cross_validate ----------------------------------------------------- */

static const StrataPortSpec cv_in[] = {
  { "table", STRATA_DATA_TABLE, "All rows, with the target column" },
  { NULL }
};
static const StrataPortSpec cv_out[] = {
  { "metrics", STRATA_DATA_METRICS, "Each metric's mean over the folds and its “_std”" },
  { NULL }
};
static const StrataParamSpec cv_params[] = {
  { .name = "n_splits", .type = STRATA_PARAM_INT, .range = "[2, 1000]", .default_value = "5",
    .unit = "folds", .help = "Number of folds (stratified by class for classification)" },
  TREE_PARAMS,
  { NULL }
};

static gboolean
run_cross_validate (StrataNodeContext *ctx,
                    StrataParams      *params,
                    StrataData       **in,
                    StrataData       **out,
                    GError           **error)
{
  g_autoptr(StrataCrossValidation) cv = NULL;
  StrataTreeParams p;
  const char *target;
  const char *names[2 * STRATA_METRIC_VALUES_MAX];
  double values[2 * STRATA_METRIC_VALUES_MAX];
  g_autoptr(GPtrArray) std_names = g_ptr_array_new_with_free_func (g_free);

  if (!read_tree_params (ctx, params, &p, &target, error))
    return FALSE;
  cv = strata_tree_cross_validate (strata_data_get_table (in[0]), target, &p,
                                   strata_params_get_int (params, "n_splits"),
                                   strata_node_context_get_seed (ctx),
                                   strata_node_context_get_cancellable (ctx), error);
  if (cv == NULL)
    {
      blame_target (error);
      return FALSE;
    }
  for (guint m = 0; m < cv->n_metrics; m++)
    {
      char *std_name = g_strdup_printf ("%s_std", cv->names[m]);

      g_ptr_array_add (std_names, std_name);
      names[2 * m] = cv->names[m];
      values[2 * m] = cv->mean[m];
      names[2 * m + 1] = std_name;
      values[2 * m + 1] = cv->std[m];
    }
  out[0] = strata_node_context_output_metrics (ctx, names, values, 2 * cv->n_metrics);
  return TRUE;
}

/* --- registration ------------------------------------------------------------ */

static const StrataNodeType tree_types[] = {
  { .id = "model.tree", .group = "model", .title = "Decision tree",
    .help = "CART classification or regression tree (Breiman et al. 1984), as scikit-learn's DecisionTreeClassifier/Regressor, with native categorical splits and missing values.",
    .inputs = tree_in, .outputs = tree_out, .params = tree_params, .run = run_tree,
    .random = TRUE },
  { .id = "eval.cross_validate", .group = "evaluate", .title = "Cross-validate",
    .help = "k-fold cross-validation of a decision tree: the mean and standard deviation of each metric over the folds.",
    .inputs = cv_in, .outputs = cv_out, .params = cv_params, .run = run_cross_validate,
    .random = TRUE },
};

void
strata_nodes_tree_register (StrataRegistry *registry)
{
  for (guint i = 0; i < G_N_ELEMENTS (tree_types); i++)
    strata_registry_add (registry, &tree_types[i]);
}
