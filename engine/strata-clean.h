/* strata-clean.h — table cleaning: the transformations behind clean.* nodes
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure functions from tables to new tables (the input is never changed;
 * untouched columns are shared by reference). They are usable without the
 * workflow graph. Each follows the pandas / scikit-learn operation named in
 * its comment, and tests/test-clean.c checks it against that library on the
 * bundled datasets (fixtures by tests/fixtures/clean/gen.py).
 *
 * Learned transformations (impute, normalize, one-hot, discretize) are
 * split into fit (learn statistics from one table, the training part) and
 * transform (apply them, unchanged, to any table with those columns), so
 * nothing leaks from a test part into training. The fitted objects are
 * immutable and single-owner (_free).
 *
 * Every function polls @cancellable every few thousand rows
 * (G_IO_ERROR_CANCELLED). Column problems are STRATA_CLEAN_ERROR_COLUMN
 * with the column named; bad argument values are STRATA_CLEAN_ERROR_VALUE.
 */

#pragma once

#include <gio/gio.h>

#include "strata-table.h"

G_BEGIN_DECLS

#define STRATA_CLEAN_ERROR (strata_clean_error_quark ())

/**
 * StrataCleanError:
 * @STRATA_CLEAN_ERROR_COLUMN: a named column does not exist or has the
 *   wrong kind for the operation (message names it)
 * @STRATA_CLEAN_ERROR_VALUE: an argument value does not fit the data (a
 *   non-numeric constant for a numeric column, a split leaving a part empty)
 * @STRATA_CLEAN_ERROR_EMPTY: nothing to learn from (a column with no values)
 */
typedef enum {
  STRATA_CLEAN_ERROR_COLUMN,
  STRATA_CLEAN_ERROR_VALUE,
  STRATA_CLEAN_ERROR_EMPTY,
} StrataCleanError;

GQuark strata_clean_error_quark (void);

/* --- Columns and rows ------------------------------------------------------ */

/* df[columns].drop(columns=drop): keeps @columns in that order (NULL or
 * empty = every column, in table order), then removes @drop. Unknown names
 * are errors. Transfer full. */
StrataTable *strata_clean_select       (StrataTable        *table,
                                        const char *const  *columns,
                                        const char *const  *drop,
                                        GError            **error);

typedef enum {
  STRATA_CLEAN_AXIS_ROWS,
  STRATA_CLEAN_AXIS_COLUMNS,
} StrataCleanAxis;

/* ROWS: df.dropna(how = all ? "all" : "any", subset) — drops rows where
 * any (or all) of @subset (NULL/empty = every column) is missing.
 * COLUMNS: drops each column of @subset (NULL/empty = all) whose fraction
 * of missing values is above @threshold (0–1). Transfer full. */
StrataTable *strata_clean_drop_missing (StrataTable        *table,
                                        StrataCleanAxis     axis,
                                        gboolean            all,
                                        const char *const  *subset,
                                        double              threshold,
                                        GCancellable       *cancellable,
                                        GError            **error);

typedef enum {
  STRATA_FILTER_EQ, STRATA_FILTER_NE,
  STRATA_FILTER_LT, STRATA_FILTER_LE,
  STRATA_FILTER_GT, STRATA_FILTER_GE,
  STRATA_FILTER_IS_MISSING, STRATA_FILTER_NOT_MISSING,
} StrataFilterOp;

/* "==", "!=", "<", "<=", ">", ">=", "is_missing", "not_missing". */
gboolean     strata_filter_op_from_string (const char     *s,
                                           StrataFilterOp *op);

/* df[df[column] OP value], with pandas' semantics for missing values: a
 * missing value compares false, except with != (true). @value is parsed as
 * a number for numeric columns (VALUE error otherwise) and compared as
 * UTF-8 text (byte order) for the others; it is ignored by the two missing
 * tests. Transfer full. */
StrataTable *strata_clean_filter       (StrataTable        *table,
                                        const char         *column,
                                        StrataFilterOp      op,
                                        const char         *value,
                                        GCancellable       *cancellable,
                                        GError            **error);

typedef enum {
  STRATA_DEDUPE_KEEP_FIRST,
  STRATA_DEDUPE_KEEP_LAST,
  STRATA_DEDUPE_KEEP_NONE,
} StrataDedupeKeep;

/* df.drop_duplicates(subset, keep): rows equal on @subset (NULL/empty =
 * every column; missing equals missing) keep only their first / last
 * occurrence / none. Row order is kept. Transfer full. */
StrataTable *strata_clean_dedupe       (StrataTable        *table,
                                        const char *const  *subset,
                                        StrataDedupeKeep    keep,
                                        GCancellable       *cancellable,
                                        GError            **error);

/* sklearn.model_selection.train_test_split (test_size, shuffle, stratify):
 * the test part has ceil(@test_size × n) rows, the train part the rest.
 * Without @shuffle the first rows train and the last rows test. With
 * @stratify (a column name, or NULL) each class keeps its share, per class
 * counts allocated exactly as scikit-learn's StratifiedShuffleSplit
 * (_approximate_mode; ties broken by the seeded generator). Shuffling uses
 * GLib's Mersenne Twister seeded with @seed, so a seed gives the same split
 * on every machine (not the same rows as numpy's generator). Rows appear
 * in shuffled order. @train and @test: transfer full. */
gboolean     strata_clean_split        (StrataTable        *table,
                                        double              test_size,
                                        gboolean            shuffle,
                                        const char         *stratify,
                                        guint64             seed,
                                        StrataTable       **train,
                                        StrataTable       **test,
                                        GCancellable       *cancellable,
                                        GError            **error);

/* --- Sliding windows (strata-clean-window.c) ------------------------------- */

/**
 * StrataWindowNormalize:
 * @STRATA_WINDOW_NORMALIZE_NONE: values as they are in the series
 * @STRATA_WINDOW_NORMALIZE_LOG_RATIO: each value v of a row (lags, target,
 *   naive_seasonal) as log(v / last), last being the row's last input value
 *   x[t−1]; the series must be positive
 *
 * Per-window normalisation for trending or multiplicative series: the
 * level cancels out, so a model learns the shape of the season.
 */
typedef enum {
  STRATA_WINDOW_NORMALIZE_NONE,
  STRATA_WINDOW_NORMALIZE_LOG_RATIO,
} StrataWindowNormalize;

/* "none" or "log_ratio"; FALSE for anything else. */
gboolean strata_window_normalize_from_string (const char            *s,
                                              StrataWindowNormalize *normalize);

/**
 * strata_clean_window:
 * @column: a numeric series column, in time order
 * @lookback: past values per row, ≥ 1
 * @horizon: steps ahead of the target, ≥ 1 (1 = the next value)
 * @normalize: per-window normalisation (StrataWindowNormalize)
 * @seasonal_period: season length m in steps (12 for monthly data), or 0
 *
 * Sliding windows over @column, for sequence models: one row per time
 * t = @lookback … n − @horizon (n − lookback − horizon + 1 rows), with
 * columns, in this order:
 *
 *   "t-LOOKBACK" … "t-1"  x[t−lookback] … x[t−1]
 *   "target"              x[t + horizon − 1]
 *   "last"                x[t−1] in the series' units (only when
 *                         @normalize is not NONE)
 *   "naive_seasonal"      the seasonal naive forecast of the target
 *                         (only when @seasonal_period > 0):
 *                         x[t + horizon − 1 − m(k+1)], k = ⌊(horizon−1)/m⌋,
 *                         the latest value whole seasons before the target
 *                         known at t−1 (Hyndman & Athanasopoulos, FPP3 §5.2)
 *
 * Under @normalize LOG_RATIO the lags, the target and naive_seasonal are
 * log(v / x[t−1]); strata_window_denormalize() maps them back. Missing
 * values stay missing (a missing last value makes its row's normalised
 * values missing).
 *
 * Errors (STRATA_CLEAN_ERROR): _COLUMN when @column is absent or not
 * numeric; _VALUE when fewer than lookback + horizon values, when the
 * seasonal lag reaches before the first window (lookback too short), or
 * under LOG_RATIO at the first value ≤ 0 (the message names the column and
 * the 1-based row). G_IO_ERROR_CANCELLED.
 *
 * Returns: (transfer full): the table, or NULL.
 */
StrataTable *strata_clean_window       (StrataTable          *table,
                                        const char           *column,
                                        guint                 lookback,
                                        guint                 horizon,
                                        StrataWindowNormalize normalize,
                                        guint                 seasonal_period,
                                        GCancellable         *cancellable,
                                        GError              **error);

/* The inverse of @normalize for @n values, in place: LOG_RATIO maps v to
 * last[i]·exp(v) (@last: the window's "last" column); NONE leaves
 * @values unchanged (@last may then be NULL). Turns a prediction made in
 * normalised units back into the series' units. */
void         strata_window_denormalize (StrataWindowNormalize normalize,
                                        const double         *last,
                                        double               *values,
                                        gsize                 n);

/* --- Imputation (sklearn.impute.SimpleImputer) ----------------------------- */

typedef enum {
  STRATA_IMPUTE_MEAN,
  STRATA_IMPUTE_MEDIAN,
  STRATA_IMPUTE_MOST_FREQUENT,
  STRATA_IMPUTE_CONSTANT,
} StrataImputeStrategy;

gboolean strata_impute_strategy_from_string (const char           *s,
                                             StrataImputeStrategy *strategy);

typedef struct _StrataImputer StrataImputer;

/* Learns one fill value per column of @columns (NULL/empty = every column
 * of @table with a missing value that the strategy applies to: numeric
 * only for mean/median). mean/median: numeric columns only; most_frequent:
 * ties go to the smallest value (as scikit-learn); constant: @fill_value,
 * parsed as a number for numeric columns. A column with no values is an
 * EMPTY error. Transfer full. */
StrataImputer *strata_imputer_fit       (StrataTable          *table,
                                         const char *const    *columns,
                                         StrataImputeStrategy  strategy,
                                         const char           *fill_value,
                                         GCancellable         *cancellable,
                                         GError              **error);
/* One column and how to fill it, for strata_imputer_fit_each(). */
typedef struct {
  const char           *column;
  StrataImputeStrategy  strategy;
  const char           *fill_value;   /* CONSTANT only */
} StrataImputeColumn;

/* As fit, with a strategy per column (columns[0..n_columns)). A column
 * named twice is a COLUMN error. Transfer full. */
StrataImputer *strata_imputer_fit_each  (StrataTable               *table,
                                         const StrataImputeColumn  *columns,
                                         guint                      n_columns,
                                         GCancellable              *cancellable,
                                         GError                   **error);
/* Replaces the missing values of the learned columns in @table (any table
 * with those columns; a categorical column gains the fill value as a new
 * category if needed). Transfer full. */
StrataTable   *strata_imputer_transform (StrataImputer        *imputer,
                                         StrataTable          *table,
                                         GCancellable         *cancellable,
                                         GError              **error);
/* The learned value for @column as text, NULL if not learned. Transfer none. */
const char    *strata_imputer_get_fill  (StrataImputer        *imputer,
                                         const char           *column);
void           strata_imputer_free      (StrataImputer        *imputer);

/* --- Scaling (MinMaxScaler, StandardScaler) ---------------------------------- */

typedef enum {
  STRATA_SCALE_MINMAX,   /* (x − min) / (max − min); 0 when max = min */
  STRATA_SCALE_ZSCORE,   /* (x − mean) / std, population std (ddof = 0); x − mean when std = 0 */
} StrataScaleMethod;

typedef struct _StrataScaler StrataScaler;

/* Learns per-column statistics over non-missing values of @columns (NULL/
 * empty = every numeric column). Non-numeric named columns are errors.
 * Transfer full. */
StrataScaler *strata_scaler_fit       (StrataTable        *table,
                                       const char *const  *columns,
                                       StrataScaleMethod   method,
                                       GCancellable       *cancellable,
                                       GError            **error);
/* Missing values stay missing. Transfer full. */
StrataTable  *strata_scaler_transform (StrataScaler       *scaler,
                                       StrataTable        *table,
                                       GCancellable       *cancellable,
                                       GError            **error);
void          strata_scaler_free      (StrataScaler       *scaler);

/* --- One-hot encoding (pandas.get_dummies) --------------------------------- */

typedef struct _StrataOneHot StrataOneHot;

/* Learns the sorted distinct values of each of @columns (NULL/empty =
 * every categorical column; numeric columns allowed, ordered numerically).
 * Transfer full. */
StrataOneHot *strata_one_hot_fit       (StrataTable        *table,
                                        const char *const  *columns,
                                        gboolean            drop_first,
                                        const char         *prefix_sep,
                                        GCancellable       *cancellable,
                                        GError            **error);
/* Removes each learned column and appends, after the other columns,
 * numeric 0/1 columns "COLUMN{prefix_sep}VALUE" for each learned value
 * (without the first with drop_first), like get_dummies. A missing value or
 * a value not seen when fitting gives all zeros. Transfer full. */
StrataTable  *strata_one_hot_transform (StrataOneHot       *encoder,
                                        StrataTable        *table,
                                        GCancellable       *cancellable,
                                        GError            **error);
void          strata_one_hot_free      (StrataOneHot       *encoder);

/* --- Discretisation (sklearn.preprocessing.KBinsDiscretizer) ---------------- */

typedef enum {
  STRATA_BINS_EQUAL_WIDTH,      /* strategy="uniform": linspace(min, max) */
  STRATA_BINS_EQUAL_FREQUENCY,  /* strategy="quantile": numpy percentiles */
} StrataBinStrategy;

typedef struct _StrataBinner StrataBinner;

/* Learns bin edges for each numeric column of @columns (NULL/empty = every
 * numeric column), exactly as KBinsDiscretizer 1.2: equal-frequency bins
 * narrower than 1e-8 are merged away; a constant column gets one bin.
 * Transfer full. */
StrataBinner *strata_binner_fit       (StrataTable        *table,
                                       const char *const  *columns,
                                       guint               n_bins,
                                       StrataBinStrategy   strategy,
                                       GCancellable       *cancellable,
                                       GError            **error);
/* Replaces each learned column by its bin: @labels FALSE → a numeric
 * column of bin indices 0 … k−1 (encode="ordinal", searchsorted over the
 * inner edges, side="right"); TRUE → a categorical column whose categories
 * are the intervals "[a, b)" in order (the code is the bin index). Missing
 * stays missing. Transfer full. */
StrataTable  *strata_binner_transform (StrataBinner       *binner,
                                       StrataTable        *table,
                                       gboolean            labels,
                                       GCancellable       *cancellable,
                                       GError            **error);
/* The learned edges of @column ([n_edges], borrowed), or NULL. */
const double *strata_binner_get_edges (StrataBinner       *binner,
                                       const char         *column,
                                       guint              *n_edges);
void          strata_binner_free      (StrataBinner       *binner);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataImputer, strata_imputer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataScaler, strata_scaler_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataOneHot, strata_one_hot_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataBinner, strata_binner_free)

G_END_DECLS
