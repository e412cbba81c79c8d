/* strata-nodes-clean.c — the clean.* node types
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * Thin wrappers: each node reads its parameters, calls the matching
 * function of strata-clean.h and wraps the result. The four learned
 * transformations (impute, normalize, one_hot, discretize) share one shape,
 * run_fit_apply(): fit on the `table` input, apply to it and, when the
 * optional `test` input is connected, apply the same fitted object to it
 * (output `test`), so test statistics never reach training.
 *
 * Parameter names are pandas' / scikit-learn's (columns, subset, how,
 * strategy, fill_value, n_bins, test_size, shuffle, stratify, keep, …).
 */

#include "strata-clean.h"
#include "strata-node.h"

#include <string.h>

/* --- shared declarations --------------------------------------------------- */

static const StrataPortSpec one_in[] = {
  { "table", STRATA_DATA_TABLE, "The table to clean" },
  { NULL }
};
static const StrataPortSpec one_out[] = {
  { "table", STRATA_DATA_TABLE, "The cleaned table" },
  { NULL }
};
static const StrataPortSpec fit_in[] = {
  { "table", STRATA_DATA_TABLE, "Training part: the statistics are learned here" },
  { "test", STRATA_DATA_TABLE, "Test part: transformed with the training statistics", TRUE },
  { NULL }
};
static const StrataPortSpec fit_out[] = {
  { "table", STRATA_DATA_TABLE, "The transformed training part" },
  { "test", STRATA_DATA_TABLE, "The transformed test part (when connected)", TRUE },
  { NULL }
};

/* Names @param in a column error coming back from strata-clean. */
static void
blame (GError    **error,
       const char *param)
{
  if (error != NULL && *error != NULL &&
      ((*error)->domain == STRATA_CLEAN_ERROR || (*error)->domain == STRATA_TABLE_ERROR))
    g_prefix_error (error, "parameter “%s”: ", param);
}

/* --- clean.select ------------------------------------------------------------ */

static const StrataParamSpec select_params[] = {
  { .name = "columns", .type = STRATA_PARAM_COLUMNS, .default_value = "[]",
    .help = "Columns to keep, in this order (empty: all)" },
  { .name = "drop", .type = STRATA_PARAM_COLUMNS, .default_value = "[]",
    .help = "Columns to remove (pandas drop(columns=…))" },
  { NULL }
};

static gboolean
run_select (StrataNodeContext *ctx, StrataParams *params, StrataData **in,
            StrataData **out, GError **error)
{
  g_auto(GStrv) columns = strata_params_dup_strv (params, "columns");
  g_auto(GStrv) drop = strata_params_dup_strv (params, "drop");
  StrataTable *t = strata_clean_select (strata_data_get_table (in[0]),
                                        (const char *const *) columns,
                                        (const char *const *) drop, error);

  if (t == NULL)
    {
      blame (error, "columns");
      return FALSE;
    }
  strata_node_context_output_table (ctx, &out[0], t, TRUE);
  return TRUE;
}

/* --- clean.drop_missing ------------------------------------------------------ */

static const char *const axes[] = { "rows", "columns", NULL };
static const char *const hows[] = { "any", "all", NULL };

static const StrataParamSpec drop_missing_params[] = {
  { .name = "axis", .type = STRATA_PARAM_CHOICE, .choices = axes, .default_value = "rows",
    .help = "Drop rows with missing values, or columns with too many" },
  { .name = "how", .type = STRATA_PARAM_CHOICE, .choices = hows, .default_value = "any",
    .help = "rows: drop when any / all of the subset is missing" },
  { .name = "subset", .type = STRATA_PARAM_COLUMNS, .default_value = "[]",
    .help = "Columns to look at (empty: all)" },
  { .name = "threshold", .type = STRATA_PARAM_DOUBLE, .range = "[0, 1]", .unit = "fraction",
    .default_value = "0.5", .help = "columns: drop a column whose missing fraction is above this" },
  { NULL }
};

static gboolean
run_drop_missing (StrataNodeContext *ctx, StrataParams *params, StrataData **in,
                  StrataData **out, GError **error)
{
  g_auto(GStrv) subset = strata_params_dup_strv (params, "subset");
  gboolean columns = strcmp (strata_params_get_string (params, "axis"), "columns") == 0;
  StrataTable *t;

  t = strata_clean_drop_missing (strata_data_get_table (in[0]),
                                 columns ? STRATA_CLEAN_AXIS_COLUMNS : STRATA_CLEAN_AXIS_ROWS,
                                 strcmp (strata_params_get_string (params, "how"), "all") == 0,
                                 (const char *const *) subset,
                                 strata_params_get_double (params, "threshold"),
                                 strata_node_context_get_cancellable (ctx), error);
  if (t == NULL)
    {
      blame (error, "subset");
      return FALSE;
    }
  strata_node_context_output_table (ctx, &out[0], t, TRUE);
  return TRUE;
}

/* --- fit / apply nodes --------------------------------------------------------- */

typedef gpointer     (*FitFunc)   (StrataNodeContext *ctx, StrataParams *params,
                                   StrataTable *table, GError **error);
typedef StrataTable *(*ApplyFunc) (gpointer fitted, StrataParams *params,
                                   StrataTable *table, GCancellable *cancellable,
                                   GError **error);

/* What a learned node type keeps in its .data. */
typedef struct {
  FitFunc        fit;
  ApplyFunc      apply;
  GDestroyNotify free_fitted;
} Learner;

/* The run function of every learned node type. */
static gboolean
run_fit_apply (StrataNodeContext *ctx,
               StrataParams      *params,
               StrataData       **in,
               StrataData       **out,
               GError           **error)
{
  const Learner *learner = strata_node_context_get_type (ctx)->data;
  GCancellable *cancellable = strata_node_context_get_cancellable (ctx);
  gpointer fitted;
  StrataTable *train, *test = NULL;

  fitted = learner->fit (ctx, params, strata_data_get_table (in[0]), error);
  if (fitted == NULL)
    {
      blame (error, "columns");
      return FALSE;
    }
  strata_node_context_progress (ctx, 0.5, "learned");
  train = learner->apply (fitted, params, strata_data_get_table (in[0]), cancellable, error);
  if (train != NULL && in[1] != NULL)
    {
      test = learner->apply (fitted, params, strata_data_get_table (in[1]), cancellable, error);
      if (test == NULL)
        {
          g_prefix_error (error, "input “test”: ");
          g_clear_pointer (&train, strata_table_unref);
        }
    }
  learner->free_fitted (fitted);
  if (train == NULL)
    return FALSE;
  strata_node_context_output_table (ctx, &out[0], train, TRUE);
  if (test != NULL)
    strata_node_context_output_table (ctx, &out[1], test, FALSE);
  return TRUE;
}

/* clean.impute */

static const char *const impute_strategies[] = { "mean", "median", "most_frequent", "constant", NULL };

static const StrataParamSpec impute_params[] = {
  { .name = "columns", .type = STRATA_PARAM_COLUMNS, .default_value = "[]",
    .help = "Columns to fill (empty: every column with missing values the strategy fits)" },
  { .name = "strategy", .type = STRATA_PARAM_CHOICE, .choices = impute_strategies,
    .default_value = "mean", .help = "Value that replaces a missing one (SimpleImputer)" },
  { .name = "fill_value", .type = STRATA_PARAM_STRING, .nullable = TRUE,
    .help = "The value for strategy “constant”" },
  { .name = "strategies", .type = STRATA_PARAM_JSON, .default_value = "{}",
    .help = "Per-column strategies overriding `strategy`, e.g. {\"Embarked\": \"most_frequent\"}" },
  { NULL }
};

/* clean.impute with `strategies`: the listed columns (or, when `columns`
 * is empty, only the columns named in `strategies`), each with its own
 * strategy or the default one. */
static gpointer
impute_fit_each (StrataNodeContext    *ctx,
                 StrataParams         *params,
                 StrataTable          *table,
                 JsonObject           *per,
                 StrataImputeStrategy  strategy,
                 GError              **error)
{
  g_auto(GStrv) columns = strata_params_dup_strv (params, "columns");
  const char *fill_value = strata_params_get_string (params, "fill_value");
  g_autoptr(GArray) list = g_array_new (FALSE, TRUE, sizeof (StrataImputeColumn));
  GList *names = json_object_get_members (per);
  gpointer fitted = NULL;

  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonNode *v = json_object_get_member (per, l->data);
      StrataImputeStrategy s;

      if (!JSON_NODE_HOLDS_VALUE (v) || json_node_get_value_type (v) != G_TYPE_STRING ||
          !strata_impute_strategy_from_string (json_node_get_string (v), &s))
        {
          strata_node_param_error (error, "strategies", "column “%s”: the strategy must be one of "
                                   "mean, median, most_frequent, constant", (const char *) l->data);
          goto out;
        }
      if (strata_table_find_column (table, l->data) < 0)
        {
          strata_node_param_error (error, "strategies", "no column “%s”", (const char *) l->data);
          goto out;
        }
    }
  for (guint i = 0; columns[i] != NULL; i++)
    {
      StrataImputeColumn c = { columns[i], strategy, fill_value };
      JsonNode *v = json_object_get_member (per, columns[i]);

      if (v != NULL)
        strata_impute_strategy_from_string (json_node_get_string (v), &c.strategy);
      g_array_append_val (list, c);
    }
  for (GList *l = names; l != NULL; l = l->next)
    if (!g_strv_contains ((const char *const *) columns, l->data))
      {
        StrataImputeColumn c = { l->data, strategy, fill_value };
        strata_impute_strategy_from_string (json_node_get_string (json_object_get_member (per, l->data)),
                                            &c.strategy);
        g_array_append_val (list, c);
      }
  fitted = strata_imputer_fit_each (table, (const StrataImputeColumn *) (gpointer) list->data,
                                    list->len, strata_node_context_get_cancellable (ctx), error);
out:
  g_list_free (names);
  return fitted;
}

static gpointer
impute_fit (StrataNodeContext *ctx, StrataParams *params, StrataTable *table, GError **error)
{
  g_auto(GStrv) columns = strata_params_dup_strv (params, "columns");
  JsonNode *per = strata_params_get (params, "strategies");
  StrataImputeStrategy strategy = STRATA_IMPUTE_MEAN;

  strata_impute_strategy_from_string (strata_params_get_string (params, "strategy"), &strategy);
  if (per != NULL && !JSON_NODE_HOLDS_NULL (per))
    {
      if (!JSON_NODE_HOLDS_OBJECT (per))
        {
          strata_node_param_error (error, "strategies", "must be an object {\"column\": \"strategy\"}");
          return NULL;
        }
      if (json_object_get_size (json_node_get_object (per)) > 0)
        return impute_fit_each (ctx, params, table, json_node_get_object (per), strategy, error);
    }
  return strata_imputer_fit (table, (const char *const *) columns, strategy,
                             strata_params_get_string (params, "fill_value"),
                             strata_node_context_get_cancellable (ctx), error);
}

static StrataTable *
impute_apply (gpointer fitted, StrataParams *params, StrataTable *table,
              GCancellable *cancellable, GError **error)
{
  return strata_imputer_transform (fitted, table, cancellable, error);
}

static const Learner impute_learner = {
  impute_fit, impute_apply, (GDestroyNotify) strata_imputer_free
};

/* clean.normalize */

static const char *const scale_methods[] = { "minmax", "zscore", NULL };

static const StrataParamSpec normalize_params[] = {
  { .name = "columns", .type = STRATA_PARAM_COLUMNS, .default_value = "[]",
    .help = "Numeric columns to scale (empty: all numeric)" },
  { .name = "method", .type = STRATA_PARAM_CHOICE, .choices = scale_methods,
    .default_value = "zscore", .help = "minmax: to 0–1 (MinMaxScaler); zscore: mean 0, std 1 (StandardScaler)" },
  { NULL }
};

static gpointer
normalize_fit (StrataNodeContext *ctx, StrataParams *params, StrataTable *table, GError **error)
{
  g_auto(GStrv) columns = strata_params_dup_strv (params, "columns");
  gboolean minmax = strcmp (strata_params_get_string (params, "method"), "minmax") == 0;

  return strata_scaler_fit (table, (const char *const *) columns,
                            minmax ? STRATA_SCALE_MINMAX : STRATA_SCALE_ZSCORE,
                            strata_node_context_get_cancellable (ctx), error);
}

static StrataTable *
normalize_apply (gpointer fitted, StrataParams *params, StrataTable *table,
                 GCancellable *cancellable, GError **error)
{
  return strata_scaler_transform (fitted, table, cancellable, error);
}

static const Learner normalize_learner = {
  normalize_fit, normalize_apply, (GDestroyNotify) strata_scaler_free
};

/* clean.one_hot */

static const StrataParamSpec one_hot_params[] = {
  { .name = "columns", .type = STRATA_PARAM_COLUMNS, .default_value = "[]",
    .help = "Columns to encode (empty: every categorical column)" },
  { .name = "drop_first", .type = STRATA_PARAM_BOOL, .default_value = "false",
    .help = "Leave out the first value's column (pandas get_dummies)" },
  { .name = "prefix_sep", .type = STRATA_PARAM_STRING, .default_value = "_",
    .help = "Between the column name and the value in new names" },
  { NULL }
};

static gpointer
one_hot_fit (StrataNodeContext *ctx, StrataParams *params, StrataTable *table, GError **error)
{
  g_auto(GStrv) columns = strata_params_dup_strv (params, "columns");

  return strata_one_hot_fit (table, (const char *const *) columns,
                             strata_params_get_bool (params, "drop_first"),
                             strata_params_get_string (params, "prefix_sep"),
                             strata_node_context_get_cancellable (ctx), error);
}

static StrataTable *
one_hot_apply (gpointer fitted, StrataParams *params, StrataTable *table,
               GCancellable *cancellable, GError **error)
{
  return strata_one_hot_transform (fitted, table, cancellable, error);
}

static const Learner one_hot_learner = {
  one_hot_fit, one_hot_apply, (GDestroyNotify) strata_one_hot_free
};

/* clean.discretize */

static const char *const bin_strategies[] = { "equal_width", "equal_frequency", NULL };
static const char *const bin_encodings[] = { "ordinal", "interval", NULL };

static const StrataParamSpec discretize_params[] = {
  { .name = "columns", .type = STRATA_PARAM_COLUMNS, .default_value = "[]",
    .help = "Numeric columns to bin (empty: all numeric)" },
  { .name = "n_bins", .type = STRATA_PARAM_INT, .range = "[2, 1000]", .unit = "bins",
    .default_value = "5", .help = "Number of bins (KBinsDiscretizer)" },
  { .name = "strategy", .type = STRATA_PARAM_CHOICE, .choices = bin_strategies,
    .default_value = "equal_width", .help = "equal_width (uniform) or equal_frequency (quantile) bins" },
  { .name = "encode", .type = STRATA_PARAM_CHOICE, .choices = bin_encodings,
    .default_value = "ordinal", .help = "ordinal: bin number 0…k−1; interval: a category “[a, b)”" },
  { NULL }
};

static gpointer
discretize_fit (StrataNodeContext *ctx, StrataParams *params, StrataTable *table, GError **error)
{
  g_auto(GStrv) columns = strata_params_dup_strv (params, "columns");
  gboolean width = strcmp (strata_params_get_string (params, "strategy"), "equal_width") == 0;

  return strata_binner_fit (table, (const char *const *) columns,
                            (guint) strata_params_get_int (params, "n_bins"),
                            width ? STRATA_BINS_EQUAL_WIDTH : STRATA_BINS_EQUAL_FREQUENCY,
                            strata_node_context_get_cancellable (ctx), error);
}

static StrataTable *
discretize_apply (gpointer fitted, StrataParams *params, StrataTable *table,
                  GCancellable *cancellable, GError **error)
{
  gboolean labels = strcmp (strata_params_get_string (params, "encode"), "interval") == 0;

  return strata_binner_transform (fitted, table, labels, cancellable, error);
}

static const Learner discretize_learner = {
  discretize_fit, discretize_apply, (GDestroyNotify) strata_binner_free
};

/* --- clean.filter --------------------------------------------------------------- */

static const char *const filter_ops[] = { "==", "!=", "<", "<=", ">", ">=", "is_missing", "not_missing", NULL };

static const StrataParamSpec filter_params[] = {
  { .name = "column", .type = STRATA_PARAM_COLUMN, .nullable = TRUE,
    .help = "Column to test" },
  { .name = "operator", .type = STRATA_PARAM_CHOICE, .choices = filter_ops,
    .default_value = "==", .help = "Comparison; keeps the rows where it holds" },
  { .name = "value", .type = STRATA_PARAM_STRING, .nullable = TRUE,
    .help = "Number for numeric columns, text otherwise" },
  { NULL }
};

static gboolean
run_filter (StrataNodeContext *ctx, StrataParams *params, StrataData **in,
            StrataData **out, GError **error)
{
  const char *column = strata_params_get_string (params, "column");
  StrataFilterOp op = STRATA_FILTER_EQ;
  StrataTable *t;

  if (column == NULL)
    {
      return strata_node_param_error (error, "column", "choose the column to filter on");
    }
  strata_filter_op_from_string (strata_params_get_string (params, "operator"), &op);
  t = strata_clean_filter (strata_data_get_table (in[0]), column, op,
                           strata_params_get_string (params, "value"),
                           strata_node_context_get_cancellable (ctx), error);
  if (t == NULL)
    {
      blame (error, "column");
      return FALSE;
    }
  strata_node_context_output_table (ctx, &out[0], t, TRUE);
  return TRUE;
}

/* --- clean.dedupe ---------------------------------------------------------------- */

static const char *const keeps[] = { "first", "last", "none", NULL };

static const StrataParamSpec dedupe_params[] = {
  { .name = "subset", .type = STRATA_PARAM_COLUMNS, .default_value = "[]",
    .help = "Columns that define a duplicate (empty: all)" },
  { .name = "keep", .type = STRATA_PARAM_CHOICE, .choices = keeps, .default_value = "first",
    .help = "Which copy stays: first, last, or none of them" },
  { NULL }
};

static gboolean
run_dedupe (StrataNodeContext *ctx, StrataParams *params, StrataData **in,
            StrataData **out, GError **error)
{
  g_auto(GStrv) subset = strata_params_dup_strv (params, "subset");
  const char *keep = strata_params_get_string (params, "keep");
  StrataTable *t;

  t = strata_clean_dedupe (strata_data_get_table (in[0]), (const char *const *) subset,
                           strcmp (keep, "last") == 0 ? STRATA_DEDUPE_KEEP_LAST :
                           strcmp (keep, "none") == 0 ? STRATA_DEDUPE_KEEP_NONE :
                           STRATA_DEDUPE_KEEP_FIRST,
                           strata_node_context_get_cancellable (ctx), error);
  if (t == NULL)
    {
      blame (error, "subset");
      return FALSE;
    }
  strata_node_context_output_table (ctx, &out[0], t, TRUE);
  return TRUE;
}

/* --- clean.split ------------------------------------------------------------------ */

static const StrataPortSpec split_out[] = {
  { "train", STRATA_DATA_TABLE, "The training part" },
  { "test", STRATA_DATA_TABLE, "The test part" },
  { NULL }
};

static const StrataParamSpec split_params[] = {
  { .name = "test_size", .type = STRATA_PARAM_DOUBLE, .range = "(0, 1)", .unit = "fraction",
    .default_value = "0.25", .help = "Share of rows in the test part (rounded up)" },
  { .name = "shuffle", .type = STRATA_PARAM_BOOL, .default_value = "true",
    .help = "Shuffle before splitting (else the last rows are the test part)" },
  { .name = "stratify", .type = STRATA_PARAM_COLUMN, .nullable = TRUE,
    .help = "Keep this column's class shares equal in both parts" },
  { .name = "seed", .type = STRATA_PARAM_INT, .range = "[0, inf)", .nullable = TRUE,
    .help = "Random seed (unset: derived from the workflow seed)" },
  { NULL }
};

static gboolean
run_split (StrataNodeContext *ctx, StrataParams *params, StrataData **in,
           StrataData **out, GError **error)
{
  StrataTable *train, *test;

  if (!strata_clean_split (strata_data_get_table (in[0]),
                           strata_params_get_double (params, "test_size"),
                           strata_params_get_bool (params, "shuffle"),
                           strata_params_get_string (params, "stratify"),
                           strata_node_context_get_seed (ctx), &train, &test,
                           strata_node_context_get_cancellable (ctx), error))
    {
      blame (error, "stratify");
      return FALSE;
    }
  strata_node_context_set_metric (ctx, "train_rows", (double) strata_table_get_n_rows (train));
  strata_node_context_set_metric (ctx, "test_rows", (double) strata_table_get_n_rows (test));
  strata_node_context_output_table (ctx, &out[0], train, FALSE);
  strata_node_context_output_table (ctx, &out[1], test, FALSE);
  return TRUE;
}

/* --- clean.window ------------------------------------------------------------------ */

static const char *const window_normalizations[] = { "none", "log_ratio", NULL };

static const StrataParamSpec window_params[] = {
  { .name = "column", .type = STRATA_PARAM_COLUMN, .nullable = TRUE,
    .help = "Numeric series column, in time order" },
  { .name = "lookback", .type = STRATA_PARAM_INT, .range = "[1, 10000]", .unit = "steps",
    .default_value = "12", .help = "Past values in each sequence (columns t-LOOKBACK … t-1)" },
  { .name = "horizon", .type = STRATA_PARAM_INT, .range = "[1, 10000]", .unit = "steps",
    .default_value = "1", .help = "How far ahead the target is (1 = the next value)" },
  { .name = "normalize", .type = STRATA_PARAM_CHOICE, .choices = window_normalizations,
    .default_value = "none",
    .help = "log_ratio: each value as log(value / the window's last value), plus a “last” column" },
  { .name = "seasonal_period", .type = STRATA_PARAM_INT, .range = "[0, 10000]", .unit = "steps",
    .default_value = "0",
    .help = "Season length (12 for months): adds “naive_seasonal”, the value one season before the target (0: no)" },
  { NULL }
};

static gboolean
run_window (StrataNodeContext *ctx, StrataParams *params, StrataData **in,
            StrataData **out, GError **error)
{
  const char *column = strata_params_get_string (params, "column");
  StrataWindowNormalize normalize = STRATA_WINDOW_NORMALIZE_NONE;
  StrataTable *t;

  if (column == NULL)
    {
      return strata_node_param_error (error, "column", "choose the series column");
    }
  /* The choice was checked against window_normalizations on load. */
  strata_window_normalize_from_string (strata_params_get_string (params, "normalize"), &normalize);
  t = strata_clean_window (strata_data_get_table (in[0]), column,
                           (guint) strata_params_get_int (params, "lookback"),
                           (guint) strata_params_get_int (params, "horizon"),
                           normalize,
                           (guint) strata_params_get_int (params, "seasonal_period"),
                           strata_node_context_get_cancellable (ctx), error);
  if (t == NULL)
    {
      /* Value errors name lookback, horizon, seasonal_period or the row. */
      if (error != NULL && *error != NULL &&
          !g_error_matches (*error, STRATA_CLEAN_ERROR, STRATA_CLEAN_ERROR_VALUE))
        blame (error, "column");
      return FALSE;
    }
  strata_node_context_output_table (ctx, &out[0], t, TRUE);
  return TRUE;
}

/* --- registration ------------------------------------------------------------------- */

static const StrataNodeType clean_types[] = {
  { .id = "clean.select", .group = "clean", .title = "Select columns",
    .help = "Keeps the named columns, in order, and removes the dropped ones.",
    .inputs = one_in, .outputs = one_out, .params = select_params, .run = run_select },
  { .id = "clean.drop_missing", .group = "clean", .title = "Drop missing",
    .help = "Drops rows with missing values (pandas dropna), or columns whose missing fraction is above a threshold.",
    .inputs = one_in, .outputs = one_out, .params = drop_missing_params, .run = run_drop_missing },
  { .id = "clean.impute", .group = "clean", .title = "Impute",
    .help = "Fills missing values with a statistic learned on the training part (scikit-learn SimpleImputer), applied unchanged to the test part.",
    .inputs = fit_in, .outputs = fit_out, .params = impute_params, .run = run_fit_apply,
    .data = &impute_learner },
  { .id = "clean.normalize", .group = "clean", .title = "Normalize",
    .help = "Scales numeric columns to 0–1 or to mean 0 / std 1, with statistics learned on the training part only.",
    .inputs = fit_in, .outputs = fit_out, .params = normalize_params, .run = run_fit_apply,
    .data = &normalize_learner },
  { .id = "clean.one_hot", .group = "clean", .title = "One-hot encode",
    .help = "Replaces each column by one 0/1 column per value seen in the training part (pandas get_dummies).",
    .inputs = fit_in, .outputs = fit_out, .params = one_hot_params, .run = run_fit_apply,
    .data = &one_hot_learner },
  { .id = "clean.discretize", .group = "clean", .title = "Discretize",
    .help = "Bins numeric columns into equal-width or equal-frequency intervals learned on the training part (KBinsDiscretizer).",
    .inputs = fit_in, .outputs = fit_out, .params = discretize_params, .run = run_fit_apply,
    .data = &discretize_learner },
  { .id = "clean.filter", .group = "clean", .title = "Filter rows",
    .help = "Keeps the rows where COLUMN OPERATOR VALUE holds; a missing value only passes != and is_missing.",
    .inputs = one_in, .outputs = one_out, .params = filter_params, .run = run_filter },
  { .id = "clean.dedupe", .group = "clean", .title = "Drop duplicates",
    .help = "Removes repeated rows (pandas drop_duplicates), keeping the row order.",
    .inputs = one_in, .outputs = one_out, .params = dedupe_params, .run = run_dedupe },
  { .id = "clean.split", .group = "clean", .title = "Train/test split",
    .help = "Splits rows into a training and a test part, optionally shuffled and stratified (train_test_split).",
    .inputs = one_in, .outputs = split_out, .params = split_params, .run = run_split,
    .random = TRUE },
  { .id = "clean.window", .group = "clean", .title = "Sliding window",
    .help = "Turns a series column into rows of LOOKBACK past values and the value HORIZON steps ahead, for sequence models; optionally normalised per window and with the seasonal naive forecast beside the target.",
    .inputs = one_in, .outputs = one_out, .params = window_params, .run = run_window },
};

void
strata_nodes_clean_register (StrataRegistry *registry)
{
  for (guint i = 0; i < G_N_ELEMENTS (clean_types); i++)
    strata_registry_add (registry, &clean_types[i]);
}
