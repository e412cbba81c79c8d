/* strata-tree-prepare.c — turning a table into what the CART grower reads
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * The grower (strata-tree-fit.c, strata-tree-split.c) never touches the
 * table: it reads the training rows (those whose target is present), their
 * class index and weight or target value, and per feature an array of
 * (key, row) entries sorted once. This file builds those: classes are the
 * target's distinct values, sorted as scikit-learn's classes_ (strings by
 * bytes, numbers numerically); numeric features are sorted by an LSD radix
 * sort on the order-preserving bits of their doubles (stable, so equal
 * values keep row order) and replaced by the rank of their group of equal
 * values (a value within 1e-7 of the previous one joins its group, as
 * scikit-learn's FEATURE_THRESHOLD); categorical features by a counting
 * sort on their codes. Missing values get the largest rank and sit last.
 */

#include "strata-tree-fit-private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static gboolean
row_missing (const guint64 *mask,
             gsize          row)
{
  return mask != NULL && ((mask[row / 64] >> (row % 64)) & 1);
}

/* The class bits of training row @i's entries (see FitEntry). */
static inline guint32
entry_label (Fit   *fit,
             gsize  i)
{
  return fit->label_bits > 0 ? (guint32) fit->y_class[i] : 0;
}

/* Sorts numeric feature @f: LSD radix sort of the values' order-preserving
 * bit patterns (stable, so equal values keep row order), then group ranks. */
static void
sort_numeric (Fit           *fit,
              guint          f,
              const guint64 *mask)
{
  FitFeature *ff = &fit->features[f];
  gsize n = fit->n, m = 0, tail;
  guint64 *keys = g_new (guint64, n), *keys2 = g_new (guint64, n);
  guint32 *idx = g_new (guint32, n), *idx2 = g_new (guint32, n);
  gsize (*count)[256] = g_malloc0 (8 * sizeof *count);
  guint64 all_and = G_MAXUINT64, all_or = 0;
  guint varying[8], n_varying = 0;
  guint32 group = 0;
  double prev = 0.0;

  for (gsize i = 0; i < n; i++)
    {
      gsize row = fit->rows[i];
      double v = ff->values[row];
      guint64 u;

      if (row_missing (mask, row) || isnan (v))
        continue;
      memcpy (&u, &v, sizeof u);
      u = (u >> 63) ? ~u : (u | G_GUINT64_CONSTANT (0x8000000000000000));
      keys[m] = u;
      idx[m++] = (guint32) i;
    }
  /* the bytes in which keys differ, then their histograms in one pass */
  for (gsize i = 0; i < m; i++)
    {
      all_and &= keys[i];
      all_or |= keys[i];
    }
  for (guint b = 0; b < 8; b++)
    if (((all_and ^ all_or) >> (8 * b)) & 0xff)
      varying[n_varying++] = b;
  for (gsize i = 0; i < m; i++)
    for (guint j = 0; j < n_varying; j++)
      count[varying[j]][(keys[i] >> (8 * varying[j])) & 0xff]++;
  for (guint j = 0; j < n_varying; j++)
    {
      guint b = varying[j], shift = 8 * b;
      gsize sum = 0;

      for (guint v = 0; v < 256; v++)
        {
          gsize c = count[b][v];

          count[b][v] = sum;
          sum += c;
        }
      for (gsize i = 0; i < m; i++)
        {
          gsize to = count[b][(keys[i] >> shift) & 0xff]++;

          keys2[to] = keys[i];
          idx2[to] = idx[i];
        }
      { guint64 *t = keys; keys = keys2; keys2 = t; }
      { guint32 *t = idx; idx = idx2; idx2 = t; }
    }

  for (gsize p = 0; p < m; p++)
    {
      /* the value back from its sortable bits, without a random access */
      guint64 u = (keys[p] >> 63) ? keys[p] & ~G_GUINT64_CONSTANT (0x8000000000000000) : ~keys[p];
      double v;

      memcpy (&v, &u, sizeof v);
      if (p > 0 && v > prev + STRATA_TREE_FEATURE_THRESHOLD)
        group++;
      prev = v;
      ff->entries[p].key = (group << fit->label_bits) | entry_label (fit, idx[p]);
      ff->entries[p].row = idx[p];
    }
  tail = m;
  for (gsize i = 0; i < n; i++)
    {
      gsize row = fit->rows[i];

      if (row_missing (mask, row) || isnan (ff->values[row]))
        ff->entries[tail++] = (FitEntry) { (fit->missing_rank << fit->label_bits) | entry_label (fit, i),
                                           (guint32) i };
    }
  g_assert (tail == n);
  g_free (count);
  g_free (keys);
  g_free (keys2);
  g_free (idx);
  g_free (idx2);
}

/* Counting sort of categorical feature @f by code, missing last. */
static void
sort_categorical (Fit          *fit,
                  guint         f,
                  const gint32 *codes)
{
  FitFeature *ff = &fit->features[f];
  gsize *start = g_new0 (gsize, ff->n_categories + 2);

  for (gsize i = 0; i < fit->n; i++)
    {
      gint32 c = codes[fit->rows[i]];

      start[(c < 0 ? ff->n_categories : (guint) c) + 1]++;
    }
  for (guint c = 1; c <= ff->n_categories + 1; c++)
    start[c] += start[c - 1];
  for (gsize i = 0; i < fit->n; i++)
    {
      gint32 c = codes[fit->rows[i]];
      guint b = c < 0 ? ff->n_categories : (guint) c;

      guint32 rank = c < 0 ? fit->missing_rank : (guint32) c;

      ff->entries[start[b]++] = (FitEntry) { (rank << fit->label_bits) | entry_label (fit, i),
                                             (guint32) i };
    }
  g_free (start);
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static int
compare_class_names (const void *a,
                     const void *b,
                     void       *names)
{
  const char *const *n = names;

  return strcmp (n[*(const guint *) a], n[*(const guint *) b]);
}

/* Reads the target: training rows, classes and y. */
static gboolean
prepare_target (Fit         *fit,
                StrataTree  *tree,
                StrataTable *table,
                const char  *target,
                GError     **error)
{
  int ci = strata_table_find_column (table, target);
  StrataColumn *col;
  StrataColumnKind kind;
  gsize n_rows = strata_table_get_n_rows (table);

  if (ci < 0)
    {
      g_set_error (error, STRATA_TREE_ERROR, STRATA_TREE_ERROR_DATA,
                   "target column “%s” does not exist", target);
      return FALSE;
    }
  col = strata_table_get_column (table, ci);
  kind = strata_column_get_kind (col);
  if (fit->criterion == STRATA_TREE_CRITERION_AUTO)
    fit->criterion = kind == STRATA_COLUMN_NUMERIC ? STRATA_TREE_CRITERION_SQUARED_ERROR
                                                   : STRATA_TREE_CRITERION_GINI;
  if (fit->criterion == STRATA_TREE_CRITERION_SQUARED_ERROR && kind != STRATA_COLUMN_NUMERIC)
    {
      g_set_error (error, STRATA_TREE_ERROR, STRATA_TREE_ERROR_DATA,
                   "criterion squared_error needs a numeric target, but column “%s” is %s",
                   target, strata_column_kind_to_string (kind));
      return FALSE;
    }
  fit->classifier = fit->criterion != STRATA_TREE_CRITERION_SQUARED_ERROR;
  tree->criterion = fit->criterion;
  tree->target = g_strdup (target);

  fit->rows = g_new (gsize, MAX (n_rows, 1));
  fit->n = 0;
  for (gsize r = 0; r < n_rows; r++)
    if (!strata_column_is_missing (col, r))
      fit->rows[fit->n++] = r;
  if (fit->n == 0)
    {
      g_set_error (error, STRATA_TREE_ERROR, STRATA_TREE_ERROR_DATA,
                   "target column “%s” has no values", target);
      return FALSE;
    }
  if (fit->n >= G_MAXUINT32)
    {
      g_set_error (error, STRATA_TREE_ERROR, STRATA_TREE_ERROR_DATA,
                   "too many rows (%" G_GSIZE_FORMAT ") for a tree", fit->n);
      return FALSE;
    }

  if (!fit->classifier)
    {
      const double *v = strata_column_get_numeric (col);

      fit->y_value = g_new (double, fit->n);
      for (gsize i = 0; i < fit->n; i++)
        fit->y_value[i] = v[fit->rows[i]];
      fit->n_stats = 2;
      tree->n_outputs = 1;
      return TRUE;
    }

  fit->y_class = g_new (gint32, fit->n);
  if (kind == STRATA_COLUMN_NUMERIC)
    {
      const double *v = strata_column_get_numeric (col);
      double *distinct = g_new (double, fit->n);
      gsize k = 0;

      for (gsize i = 0; i < fit->n; i++)
        distinct[i] = v[fit->rows[i]];
      qsort (distinct, fit->n, sizeof (double), compare_doubles);
      for (gsize i = 0; i < fit->n; i++)
        if (k == 0 || distinct[i] != distinct[k - 1])
          distinct[k++] = distinct[i];
      fit->n_classes = k;
      tree->classes = g_new0 (char *, k + 1);
      for (gsize i = 0; i < fit->n; i++)
        {
          const double *hit = bsearch (&v[fit->rows[i]], distinct, k, sizeof (double),
                                       compare_doubles);
          gsize c = hit - distinct;

          fit->y_class[i] = (gint32) c;
          if (tree->classes[c] == NULL)
            tree->classes[c] = strata_column_format_value (col, fit->rows[i]);
        }
      g_free (distinct);
    }
  else
    {
      /* categorical or text: distinct strings, sorted by bytes */
      GHashTable *index = g_hash_table_new (g_str_hash, g_str_equal);
      GPtrArray *names = g_ptr_array_new ();
      guint *order, *rank;
      gint32 *raw = g_new (gint32, fit->n);

      for (gsize i = 0; i < fit->n; i++)
        {
          const char *s = kind == STRATA_COLUMN_TEXT
                            ? strata_column_get_text (col, fit->rows[i])
                            : strata_column_get_category (col, strata_column_get_codes (col)[fit->rows[i]]);
          gpointer found;

          if (!g_hash_table_lookup_extended (index, s, NULL, &found))
            {
              found = GUINT_TO_POINTER (names->len);
              g_hash_table_insert (index, (gpointer) s, found);
              g_ptr_array_add (names, (gpointer) s);
            }
          raw[i] = GPOINTER_TO_INT (found);
        }
      fit->n_classes = names->len;
      order = g_new (guint, names->len);
      rank = g_new (guint, names->len);
      for (guint c = 0; c < names->len; c++)
        order[c] = c;
      g_qsort_with_data (order, names->len, sizeof (guint),
                         (GCompareDataFunc) compare_class_names, names->pdata);
      tree->classes = g_new0 (char *, names->len + 1);
      for (guint c = 0; c < names->len; c++)
        {
          rank[order[c]] = c;
          tree->classes[c] = g_strdup (names->pdata[order[c]]);
        }
      for (gsize i = 0; i < fit->n; i++)
        fit->y_class[i] = rank[raw[i]];
      g_free (raw);
      g_free (order);
      g_free (rank);
      g_ptr_array_unref (names);
      g_hash_table_unref (index);
    }

  fit->n_stats = fit->n_classes;
  tree->n_classes = fit->n_classes;
  tree->n_outputs = fit->n_classes;
  fit->class_weight = g_new (double, fit->n_classes);
  if (fit->params.class_weight_balanced)
    {
      gsize *count = g_new0 (gsize, fit->n_classes);

      for (gsize i = 0; i < fit->n; i++)
        count[fit->y_class[i]]++;
      for (guint c = 0; c < fit->n_classes; c++)
        fit->class_weight[c] = (double) fit->n / ((double) fit->n_classes * (double) count[c]);
      g_free (count);
    }
  else
    for (guint c = 0; c < fit->n_classes; c++)
      fit->class_weight[c] = 1.0;
  return TRUE;
}

/* Chooses the feature columns; fills @columns [n_features] (table indices). */
static gboolean
prepare_features (Fit         *fit,
                  StrataTree  *tree,
                  StrataTable *table,
                  const char  *target,
                  guint      **columns,
                  GError     **error)
{
  GArray *cols = g_array_new (FALSE, FALSE, sizeof (guint));

  if (fit->params.features != NULL)
    {
      for (guint i = 0; fit->params.features[i] != NULL; i++)
        {
          const char *name = fit->params.features[i];
          int c = strata_table_find_column (table, name);

          if (c < 0 || strcmp (name, target) == 0)
            {
              g_set_error (error, STRATA_TREE_ERROR, STRATA_TREE_ERROR_DATA,
                           c < 0 ? "feature column “%s” does not exist"
                                 : "feature column “%s” is the target", name);
              g_array_unref (cols);
              return FALSE;
            }
          if (strata_column_get_kind (strata_table_get_column (table, c)) == STRATA_COLUMN_TEXT)
            {
              g_set_error (error, STRATA_TREE_ERROR, STRATA_TREE_ERROR_DATA,
                           "feature column “%s” is text; trees use numeric and categorical columns",
                           name);
              g_array_unref (cols);
              return FALSE;
            }
          g_array_append_val (cols, c);
        }
    }
  else
    for (guint c = 0; c < strata_table_get_n_columns (table); c++)
      {
        StrataColumn *col = strata_table_get_column (table, c);

        if (strcmp (strata_column_get_name (col), target) != 0 &&
            strata_column_get_kind (col) != STRATA_COLUMN_TEXT)
          g_array_append_val (cols, c);
      }
  if (cols->len == 0)
    {
      g_set_error (error, STRATA_TREE_ERROR, STRATA_TREE_ERROR_DATA,
                   "no numeric or categorical feature column besides the target “%s”", target);
      g_array_unref (cols);
      return FALSE;
    }

  fit->n_features = cols->len;
  fit->features = g_new0 (FitFeature, cols->len);
  tree->n_features = cols->len;
  tree->feature_names = g_new0 (char *, cols->len + 1);
  tree->feature_categories = g_new0 (char **, cols->len);
  tree->feature_n_categories = g_new0 (guint, cols->len);
  for (guint f = 0; f < cols->len; f++)
    {
      StrataColumn *col = strata_table_get_column (table, g_array_index (cols, guint, f));
      FitFeature *ff = &fit->features[f];

      tree->feature_names[f] = g_strdup (strata_column_get_name (col));
      if (strata_column_get_kind (col) == STRATA_COLUMN_CATEGORICAL)
        {
          ff->categorical = TRUE;
          ff->n_categories = strata_column_get_n_categories (col);
          fit->max_categories = MAX (fit->max_categories, ff->n_categories);
          tree->feature_categories[f] = g_strdupv ((char **) strata_column_get_categories (col));
          tree->feature_n_categories[f] = ff->n_categories;
        }
      else
        ff->values = strata_column_get_numeric (col);
    }
  fit->max_words = (fit->max_categories + 63) / 64;
  *columns = (guint *) g_array_free (cols, FALSE);
  return TRUE;
}

static gboolean
check_params (const StrataTreeParams *p,
              GError                **error)
{
  const char *bad = NULL;

  if (p->min_samples_split < 2)
    bad = "min_samples_split must be at least 2";
  else if (p->min_samples_leaf < 1)
    bad = "min_samples_leaf must be at least 1";
  else if (!(p->min_impurity_decrease >= 0.0) || isinf (p->min_impurity_decrease))
    bad = "min_impurity_decrease must be a finite number ≥ 0";
  else if (!(p->ccp_alpha >= 0.0) || isinf (p->ccp_alpha))
    bad = "ccp_alpha must be a finite number ≥ 0";
  else if (isnan (p->max_features) ||
           (p->max_features < 0 && p->max_features != STRATA_TREE_MAX_FEATURES_SQRT &&
            p->max_features != STRATA_TREE_MAX_FEATURES_LOG2) ||
           (p->max_features > 1 && p->max_features != floor (p->max_features)))
    bad = "max_features must be sqrt, log2, a count ≥ 1 or a fraction in (0, 1]";
  if (bad != NULL)
    {
      g_set_error_literal (error, STRATA_TREE_ERROR, STRATA_TREE_ERROR_PARAMETER, bad);
      return FALSE;
    }
  return TRUE;
}

static guint
resolve_max_features (double max_features,
                      guint  d)
{
  double m;

  if (max_features == STRATA_TREE_MAX_FEATURES_ALL)
    return d;
  if (max_features == STRATA_TREE_MAX_FEATURES_SQRT)
    m = floor (sqrt ((double) d));
  else if (max_features == STRATA_TREE_MAX_FEATURES_LOG2)
    m = floor (log2 ((double) d));
  else if (max_features < 1.0)
    m = floor (max_features * d);
  else
    m = max_features;
  return (guint) CLAMP (m, 1.0, (double) d);
}

void
fit_clear (Fit *fit)
{
  if (fit->features != NULL && fit->n_features > 0)
    g_free (fit->features[0].entries);
  g_free (fit->features);
  g_free (fit->rows);
  g_free (fit->y_class);
  g_free (fit->y_value);
  g_free (fit->class_weight);
  g_free (fit->side);
}

void
fit_sort_feature (Fit          *fit,
                  guint         f,
                  StrataColumn *column)
{
  if (fit->features[f].categorical)
    sort_categorical (fit, f, strata_column_get_codes (column));
  else
    sort_numeric (fit, f, strata_column_get_missing_mask (column));
}

gboolean
fit_prepare (Fit                    *fit,
             StrataTree             *tree,
             StrataTable            *table,
             const char             *target,
             const StrataTreeParams *params,
             guint                 **columns,
             GError                **error)
{
  fit->params = *params;
  if (!check_params (params, error))
    return FALSE;
  fit->criterion = params->criterion;
  if (!prepare_target (fit, tree, table, target, error) ||
      !prepare_features (fit, tree, table, target, columns, error))
    return FALSE;
  fit->max_features = resolve_max_features (params->max_features, fit->n_features);
  fit->min_samples_leaf = params->min_samples_leaf;
  fit->min_samples_split = MAX (params->min_samples_split, 2 * params->min_samples_leaf);
  fit->max_depth = params->max_depth == 0 ? G_MAXUINT : params->max_depth;
  fit->side = g_new0 (guint8, fit->n);
  fit->label_bits = 0;
  if (fit->classifier && fit->n_classes <= 256 && fit->n < (1u << 24) &&
      fit->max_categories < (1u << 24) - 1)
    fit->label_bits = 8;
  fit->missing_rank = G_MAXUINT32 >> fit->label_bits;
  return TRUE;
}
