/* strata-clean-fit.c — learned cleaning: impute, scale, one-hot, bins
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * Each transformation is a small fitted object holding, per learned
 * column, only what transform() needs (a fill value, an offset and scale,
 * the sorted categories, the bin edges). Fitting reads the training table
 * once; transforming maps the same numbers over any table, which is how
 * the clean.* nodes apply train statistics to a test part without leakage.
 *
 * Algorithms follow scikit-learn 1.2 / pandas 1.5 / numpy 1.24 to the bit
 * where it matters: medians and percentiles by numpy's linear method
 * (including its _lerp, which computes b − (b − a)(1 − t) for t ≥ 0.5),
 * linspace as start + i·step with the last edge set to stop, bins by
 * searchsorted(side="right") over the inner edges. Order statistics use a
 * full sort of the column's values (O(n log n)), polled for cancellation
 * before and after.
 */

#include "strata-clean-private.h"

#include <math.h>
#include <string.h>

static gboolean
no_values (const char *name,
           GError    **error)
{
  g_set_error (error, STRATA_CLEAN_ERROR, STRATA_CLEAN_ERROR_EMPTY,
               "column “%s” has no values to learn from", name);
  return FALSE;
}

/* --- impute ---------------------------------------------------------------- */

typedef struct {
  char             *name;
  StrataColumnKind  kind;
  double            number;   /* NUMERIC */
  char             *text;     /* every kind: the fill as text */
} FillValue;

struct _StrataImputer {
  GArray *fills;              /* of FillValue */
};

gboolean
strata_impute_strategy_from_string (const char           *s,
                                    StrataImputeStrategy *strategy)
{
  static const char *const names[] = { "mean", "median", "most_frequent", "constant" };

  for (guint i = 0; s != NULL && i < G_N_ELEMENTS (names); i++)
    if (strcmp (s, names[i]) == 0)
      {
        *strategy = (StrataImputeStrategy) i;
        return TRUE;
      }
  return FALSE;
}

static void
fill_value_clear (gpointer p)
{
  FillValue *f = p;

  g_free (f->name);
  g_free (f->text);
}

void
strata_imputer_free (StrataImputer *imputer)
{
  if (imputer == NULL)
    return;
  g_array_unref (imputer->fills);
  g_free (imputer);
}

static char *
format_number (double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  strata_format_double (v, buf, sizeof buf);
  return g_strdup (buf);
}

/* The most frequent non-missing value as text (ties: smallest). */
static char *
most_frequent (StrataColumn  *c,
               GCancellable  *cancellable,
               GError       **error)
{
  gsize n = strata_column_get_n_rows (c);

  if (strata_clean_is_numeric (c))
    {
      gsize m, best_count = 0;
      double best = NAN;
      g_autofree double *v = strata_clean_sorted_values (c, &m, cancellable, error);

      if (v == NULL)
        return NULL;
      for (gsize i = 0; i < m;)
        {
          gsize j = i;
          while (j < m && v[j] == v[i])
            j++;
          if (j - i > best_count)   /* strictly more: the smallest tie wins */
            {
              best_count = j - i;
              best = v[i];
            }
          i = j;
        }
      return best_count > 0 ? format_number (best) : g_strdup ("");
    }
  else
    {
      g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
      GHashTableIter iter;
      gpointer key, value;
      const char *best = NULL;
      gsize best_count = 0;

      for (gsize r = 0; r < n; r++)
        {
          const char *s;

          if (strata_clean_cancelled (cancellable, r, error))
            return NULL;
          if (strata_column_is_missing (c, r))
            continue;
          s = strata_clean_is_categorical (c)
            ? strata_column_get_category (c, strata_column_get_codes (c)[r])
            : strata_column_get_text (c, r);
          g_hash_table_insert (counts, (gpointer) s,
                               GSIZE_TO_POINTER (GPOINTER_TO_SIZE (g_hash_table_lookup (counts, s)) + 1));
        }
      g_hash_table_iter_init (&iter, counts);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          gsize count = GPOINTER_TO_SIZE (value);
          if (count > best_count || (count == best_count && strcmp (key, best) < 0))
            {
              best = key;
              best_count = count;
            }
        }
      return g_strdup (best != NULL ? best : "");
    }
}

static gboolean
has_missing (StrataColumn *c)
{
  return strata_column_get_n_missing (c) > 0;
}

static gboolean
numeric_with_missing (StrataColumn *c)
{
  return strata_clean_is_numeric (c) && has_missing (c);
}

/* Learns the fill value of column @c into @fv (name and kind set). */
static gboolean
learn_fill (StrataColumn          *c,
            StrataImputeStrategy   strategy,
            const char            *fill_value,
            FillValue             *fv,
            GCancellable          *cancellable,
            GError               **error)
{
  if (strategy == STRATA_IMPUTE_CONSTANT)
    {
      if (fill_value == NULL)
        {
          g_set_error (error, STRATA_CLEAN_ERROR, STRATA_CLEAN_ERROR_VALUE,
                       "column “%s”: strategy “constant” needs a fill_value", fv->name);
          return FALSE;
        }
      if (fv->kind == STRATA_COLUMN_NUMERIC)
        {
          char *end = NULL;

          fv->number = g_ascii_strtod (fill_value, &end);
          if (end == fill_value || *end != '\0' || isnan (fv->number))
            {
              g_set_error (error, STRATA_CLEAN_ERROR, STRATA_CLEAN_ERROR_VALUE,
                           "column “%s” is numeric but fill_value “%s” is not a number",
                           fv->name, fill_value);
              return FALSE;
            }
        }
      fv->text = g_strdup (fill_value);
      return TRUE;
    }
  if ((strategy == STRATA_IMPUTE_MEAN || strategy == STRATA_IMPUTE_MEDIAN) &&
      fv->kind != STRATA_COLUMN_NUMERIC)
    {
      g_set_error (error, STRATA_CLEAN_ERROR, STRATA_CLEAN_ERROR_COLUMN,
                   "column “%s” is %s, not numeric (mean and median need numbers)", fv->name,
                   strata_column_kind_to_string (fv->kind));
      return FALSE;
    }
  if (strata_column_get_n_missing (c) == strata_column_get_n_rows (c))
    return no_values (fv->name, error);
  if (strategy == STRATA_IMPUTE_MOST_FREQUENT)
    {
      fv->text = most_frequent (c, cancellable, error);
      if (fv->text == NULL)
        return FALSE;
      if (fv->kind == STRATA_COLUMN_NUMERIC)
        fv->number = g_ascii_strtod (fv->text, NULL);
      return TRUE;
    }
  else
    {
      gsize m;
      g_autofree double *v = strata_clean_sorted_values (c, &m, cancellable, error);

      if (v == NULL)
        return FALSE;
      if (strategy == STRATA_IMPUTE_MEDIAN)
        fv->number = m % 2 == 1 ? v[m / 2] : (v[m / 2 - 1] + v[m / 2]) / 2.0;
      else
        {
          /* Mean in the column's own order (numpy sums pairwise; the two
           * differ in the last bits only). */
          const double *x = strata_column_get_numeric (c);
          double sum = 0.0;

          for (gsize r = 0; r < strata_column_get_n_rows (c); r++)
            if (!strata_column_is_missing (c, r))
              sum += x[r];
          fv->number = sum / (double) m;
        }
      fv->text = format_number (fv->number);
      return TRUE;
    }
}

static StrataImputer *
imputer_new (void)
{
  StrataImputer *imp = g_new0 (StrataImputer, 1);

  imp->fills = g_array_new (FALSE, TRUE, sizeof (FillValue));
  g_array_set_clear_func (imp->fills, fill_value_clear);
  return imp;
}

/* Appends column @c with its learned fill; FALSE with @error. */
static gboolean
imputer_add (StrataImputer         *imp,
             StrataColumn          *c,
             StrataImputeStrategy   strategy,
             const char            *fill_value,
             GCancellable          *cancellable,
             GError               **error)
{
  FillValue f = { 0 };

  f.name = g_strdup (strata_column_get_name (c));
  f.kind = strata_column_get_kind (c);
  g_array_append_val (imp->fills, f);
  return learn_fill (c, strategy, fill_value,
                     &g_array_index (imp->fills, FillValue, imp->fills->len - 1),
                     cancellable, error);
}

StrataImputer *
strata_imputer_fit (StrataTable           *table,
                    const char *const     *columns,
                    StrataImputeStrategy   strategy,
                    const char            *fill_value,
                    GCancellable          *cancellable,
                    GError               **error)
{
  g_autoptr(StrataImputer) imp = NULL;
  g_autoptr(GArray) cols = NULL;
  gboolean numeric_only = strategy == STRATA_IMPUTE_MEAN || strategy == STRATA_IMPUTE_MEDIAN;

  g_return_val_if_fail (table != NULL, NULL);

  if (columns != NULL && columns[0] != NULL)
    cols = strata_clean_resolve (table, columns, NULL, NULL, error);
  else
    cols = strata_clean_resolve (table, NULL, numeric_only ? numeric_with_missing : has_missing,
                                 NULL, error);
  if (cols == NULL)
    return NULL;
  imp = imputer_new ();
  for (guint k = 0; k < cols->len; k++)
    if (!imputer_add (imp, strata_table_get_column (table, g_array_index (cols, guint, k)),
                      strategy, fill_value, cancellable, error))
      return NULL;
  return g_steal_pointer (&imp);
}

StrataImputer *
strata_imputer_fit_each (StrataTable               *table,
                         const StrataImputeColumn  *columns,
                         guint                      n_columns,
                         GCancellable              *cancellable,
                         GError                   **error)
{
  g_autoptr(StrataImputer) imp = imputer_new ();

  g_return_val_if_fail (table != NULL && (columns != NULL || n_columns == 0), NULL);

  for (guint k = 0; k < n_columns; k++)
    {
      int idx = strata_table_find_column (table, columns[k].column);
      StrataColumn *c = idx >= 0 ? strata_table_get_column (table, idx) : NULL;

      if (c == NULL)
        {
          g_set_error (error, STRATA_CLEAN_ERROR, STRATA_CLEAN_ERROR_COLUMN,
                       "no column “%s”", columns[k].column);
          return NULL;
        }
      if (strata_imputer_get_fill (imp, columns[k].column) != NULL)
        {
          g_set_error (error, STRATA_CLEAN_ERROR, STRATA_CLEAN_ERROR_COLUMN,
                       "column “%s” is listed twice", columns[k].column);
          return NULL;
        }
      if (!imputer_add (imp, c, columns[k].strategy, columns[k].fill_value, cancellable, error))
        return NULL;
    }
  return g_steal_pointer (&imp);
}

const char *
strata_imputer_get_fill (StrataImputer *imputer,
                         const char    *column)
{
  g_return_val_if_fail (imputer != NULL && column != NULL, NULL);
  for (guint i = 0; i < imputer->fills->len; i++)
    {
      FillValue *f = &g_array_index (imputer->fills, FillValue, i);
      if (strcmp (f->name, column) == 0)
        return f->text;
    }
  return NULL;
}

static StrataColumn *
fill_column (StrataColumn  *c,
             FillValue     *f,
             GCancellable  *cancellable,
             GError       **error)
{
  gsize n = strata_column_get_n_rows (c);
  const char *name = strata_column_get_name (c);

  switch (strata_column_get_kind (c))
    {
    case STRATA_COLUMN_NUMERIC:
      {
        double *v = g_new (double, n + 1);
        double fill = f->kind == STRATA_COLUMN_NUMERIC ? f->number : g_ascii_strtod (f->text, NULL);

        memcpy (v, strata_column_get_numeric (c), n * sizeof (double));
        for (gsize r = 0; r < n; r++)
          {
            if (strata_clean_cancelled (cancellable, r, error))
              {
                g_free (v);
                return NULL;
              }
            if (strata_column_is_missing (c, r))
              v[r] = fill;
          }
        return strata_column_new_numeric (name, v, n);
      }
    case STRATA_COLUMN_CATEGORICAL:
      {
        const char *const *cats = strata_column_get_categories (c);
        guint n_cats = strata_column_get_n_categories (c);
        gint32 *codes = g_new (gint32, n + 1);
        gint32 fill_code = -1;
        char **dict;

        memcpy (codes, strata_column_get_codes (c), n * sizeof (gint32));
        for (guint i = 0; i < n_cats; i++)
          if (strcmp (cats[i], f->text) == 0)
            fill_code = (gint32) i;
        dict = g_new0 (char *, n_cats + 2);
        for (guint i = 0; i < n_cats; i++)
          dict[i] = g_strdup (cats[i]);
        if (fill_code < 0)
          {
            fill_code = (gint32) n_cats;
            dict[n_cats] = g_strdup (f->text);
          }
        for (gsize r = 0; r < n; r++)
          {
            if (strata_clean_cancelled (cancellable, r, error))
              {
                g_free (codes);
                g_strfreev (dict);
                return NULL;
              }
            if (codes[r] < 0)
              codes[r] = fill_code;
          }
        return strata_column_new_categorical (name, codes, n, dict);
      }
    case STRATA_COLUMN_TEXT:
    default:
      {
        char **values = g_new (char *, n + 1);
        GStringChunk *chunk = g_string_chunk_new (4096);

        for (gsize r = 0; r < n; r++)
          {
            const char *s = strata_column_get_text (c, r);
            values[r] = g_string_chunk_insert_const (chunk, s != NULL ? s : f->text);
          }
        return strata_column_new_text (name, values, n, chunk);
      }
    }
}

static StrataColumn *
impute_column (gpointer       self,
               guint          index,
               StrataColumn  *column,
               GCancellable  *cancellable,
               GError       **error)
{
  StrataImputer *imputer = self;
  FillValue *f = &g_array_index (imputer->fills, FillValue, index);

  if (strata_column_get_n_missing (column) == 0)
    return strata_column_ref (column);
  return fill_column (column, f, cancellable, error);
}

StrataTable *
strata_imputer_transform (StrataImputer  *imputer,
                          StrataTable    *table,
                          GCancellable   *cancellable,
                          GError        **error)
{
  g_return_val_if_fail (imputer != NULL && table != NULL, NULL);

  /* A column learned as numeric must stay numeric; the others may change
   * kind (a categorical test column read as text still fills). */
  for (guint i = 0; i < imputer->fills->len; i++)
    {
      FillValue *f = &g_array_index (imputer->fills, FillValue, i);
      int idx = strata_table_find_column (table, f->name);

      if (idx >= 0 && f->kind == STRATA_COLUMN_NUMERIC &&
          !strata_clean_is_numeric (strata_table_get_column (table, idx)))
        {
          g_set_error (error, STRATA_CLEAN_ERROR, STRATA_CLEAN_ERROR_COLUMN,
                       "column “%s” was numeric when learned, it is %s here", f->name,
                       strata_column_kind_to_string (strata_column_get_kind (strata_table_get_column (table, idx))));
          return NULL;
        }
    }
  return strata_clean_map_learned (table, imputer->fills, FALSE, impute_column, imputer,
                                   cancellable, error);
}
