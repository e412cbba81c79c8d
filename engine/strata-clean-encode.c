/* strata-clean-encode.c — learned re-encodings: scaling, one-hot, bins
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * As in strata-clean-fit.c: fit() keeps per column only what transform()
 * needs. Scaling follows sklearn's MinMaxScaler / StandardScaler (a zero
 * range or a zero deviation gives scale 1, so the column becomes 0 / x −
 * mean rather than NaN); one-hot follows pandas.get_dummies (sorted values,
 * new columns appended after the remaining ones, missing → all zeros);
 * bins follow KBinsDiscretizer 1.2 (see the comment of strata-clean-fit.c
 * for the numpy details reproduced).
 */

#include "strata-clean-private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* --- scaler ---------------------------------------------------------------- */

typedef struct {
  char   *name;
  double  offset;   /* subtracted */
  double  scale;    /* then divided by */
} Scale;

struct _StrataScaler {
  GArray *scales;   /* of Scale */
};

static void
scale_clear (gpointer p)
{
  g_free (((Scale *) p)->name);
}

void
strata_scaler_free (StrataScaler *scaler)
{
  if (scaler == NULL)
    return;
  g_array_unref (scaler->scales);
  g_free (scaler);
}

StrataScaler *
strata_scaler_fit (StrataTable        *table,
                   const char *const  *columns,
                   StrataScaleMethod   method,
                   GCancellable       *cancellable,
                   GError            **error)
{
  g_autoptr(StrataScaler) sc = g_new0 (StrataScaler, 1);
  g_autoptr(GArray) cols = NULL;

  g_return_val_if_fail (table != NULL, NULL);

  sc->scales = g_array_new (FALSE, TRUE, sizeof (Scale));
  g_array_set_clear_func (sc->scales, scale_clear);
  cols = strata_clean_resolve (table, columns, strata_clean_is_numeric, "numeric", error);
  if (cols == NULL)
    return NULL;
  for (guint k = 0; k < cols->len; k++)
    {
      StrataColumn *c = strata_table_get_column (table, g_array_index (cols, guint, k));
      const double *x = strata_column_get_numeric (c);
      gsize n = strata_column_get_n_rows (c), m = 0;
      double lo = INFINITY, hi = -INFINITY, sum = 0.0, mean, ss = 0.0;
      Scale s = { 0 };

      for (gsize r = 0; r < n; r++)
        {
          if (strata_clean_cancelled (cancellable, r, error))
            return NULL;
          if (strata_column_is_missing (c, r))
            continue;
          lo = MIN (lo, x[r]);
          hi = MAX (hi, x[r]);
          sum += x[r];
          m++;
        }
      if (m == 0)
        {
          g_set_error (error, STRATA_CLEAN_ERROR, STRATA_CLEAN_ERROR_EMPTY,
                       "column “%s” has no values to learn from", strata_column_get_name (c));
          return NULL;
        }
      s.name = g_strdup (strata_column_get_name (c));
      if (method == STRATA_SCALE_MINMAX)
        {
          s.offset = lo;
          s.scale = hi - lo > 0 ? hi - lo : 1.0;
        }
      else
        {
          mean = sum / (double) m;
          for (gsize r = 0; r < n; r++)
            if (!strata_column_is_missing (c, r))
              ss += (x[r] - mean) * (x[r] - mean);
          s.offset = mean;
          s.scale = ss > 0 ? sqrt (ss / (double) m) : 1.0;
        }
      g_array_append_val (sc->scales, s);
    }
  return g_steal_pointer (&sc);
}

static StrataColumn *
scale_column (gpointer       self,
              guint          index,
              StrataColumn  *column,
              GCancellable  *cancellable,
              GError       **error)
{
  StrataScaler *scaler = self;
  Scale *s = &g_array_index (scaler->scales, Scale, index);
  gsize n = strata_column_get_n_rows (column);
  const double *x = strata_column_get_numeric (column);
  double *v = g_new (double, n + 1);

  for (gsize r = 0; r < n; r++)
    {
      if (strata_clean_cancelled (cancellable, r, error))
        {
          g_free (v);
          return NULL;
        }
      v[r] = (x[r] - s->offset) / s->scale;   /* NaN stays NaN */
    }
  return strata_column_new_numeric (s->name, v, n);
}

StrataTable *
strata_scaler_transform (StrataScaler  *scaler,
                         StrataTable   *table,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_return_val_if_fail (scaler != NULL && table != NULL, NULL);
  return strata_clean_map_learned (table, scaler->scales, TRUE, scale_column, scaler,
                                   cancellable, error);
}

/* --- one-hot --------------------------------------------------------------- */

typedef struct {
  char     *name;
  gboolean  numeric;
  GPtrArray *values;    /* of char*, sorted as pandas sorts: the text forms */
  double    *numbers;   /* numeric: the values, sorted */
} Dummies;

struct _StrataOneHot {
  GArray   *columns;    /* of Dummies */
  gboolean  drop_first;
  char     *prefix_sep;
};

static void
dummies_clear (gpointer p)
{
  Dummies *d = p;

  g_free (d->name);
  g_ptr_array_unref (d->values);
  g_free (d->numbers);
}

void
strata_one_hot_free (StrataOneHot *encoder)
{
  if (encoder == NULL)
    return;
  g_array_unref (encoder->columns);
  g_free (encoder->prefix_sep);
  g_free (encoder);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

StrataOneHot *
strata_one_hot_fit (StrataTable        *table,
                    const char *const  *columns,
                    gboolean            drop_first,
                    const char         *prefix_sep,
                    GCancellable       *cancellable,
                    GError            **error)
{
  g_autoptr(StrataOneHot) oh = g_new0 (StrataOneHot, 1);
  g_autoptr(GArray) cols = NULL;
  gboolean named = columns != NULL && columns[0] != NULL;

  g_return_val_if_fail (table != NULL, NULL);

  oh->columns = g_array_new (FALSE, TRUE, sizeof (Dummies));
  g_array_set_clear_func (oh->columns, dummies_clear);
  oh->drop_first = drop_first;
  oh->prefix_sep = g_strdup (prefix_sep != NULL ? prefix_sep : "_");
  cols = strata_clean_resolve (table, columns, named ? NULL : strata_clean_is_categorical, NULL, error);
  if (cols == NULL)
    return NULL;

  for (guint k = 0; k < cols->len; k++)
    {
      StrataColumn *c = strata_table_get_column (table, g_array_index (cols, guint, k));
      Dummies d = { 0 };

      d.name = g_strdup (strata_column_get_name (c));
      d.values = g_ptr_array_new_with_free_func (g_free);
      if (strata_clean_is_numeric (c))
        {
          gsize m, u = 0;
          g_autofree double *v = strata_clean_sorted_values (c, &m, cancellable, error);

          if (v == NULL)
            {
              dummies_clear (&d);
              return NULL;
            }
          d.numeric = TRUE;
          d.numbers = g_new (double, m + 1);
          for (gsize i = 0; i < m; i++)
            if (i == 0 || v[i] != v[i - 1])
              {
                char buf[G_ASCII_DTOSTR_BUF_SIZE];
                d.numbers[u++] = v[i];
                /* pandas names float dummies "x_1.0"; integers as "x_1" */
                if (v[i] == floor (v[i]) && fabs (v[i]) < 1e15)
                  g_ptr_array_add (d.values, g_strdup_printf ("%.0f", v[i]));
                else
                  {
                    strata_format_double (v[i], buf, sizeof buf);
                    g_ptr_array_add (d.values, g_strdup (buf));
                  }
              }
        }
      else
        {
          g_autoptr(GHashTable) set = g_hash_table_new (g_str_hash, g_str_equal);
          gsize n = strata_column_get_n_rows (c);

          for (gsize r = 0; r < n; r++)
            {
              const char *s;

              if (strata_clean_cancelled (cancellable, r, error))
                {
                  dummies_clear (&d);
                  return NULL;
                }
              if (strata_column_is_missing (c, r))
                continue;
              s = strata_clean_is_categorical (c)
                ? strata_column_get_category (c, strata_column_get_codes (c)[r])
                : strata_column_get_text (c, r);
              if (g_hash_table_add (set, (gpointer) s))
                g_ptr_array_add (d.values, g_strdup (s));
            }
          g_ptr_array_sort (d.values, compare_strings);
        }
      g_array_append_val (oh->columns, d);
    }
  return g_steal_pointer (&oh);
}

/* Index of row @r's value among @d's values, or -1 (missing / unseen). */
static int
dummy_index (Dummies      *d,
             StrataColumn *c,
             gsize         r)
{
  if (strata_column_is_missing (c, r))
    return -1;
  if (d->numeric)
    {
      double x;
      gsize lo = 0, hi = d->values->len;

      if (!strata_clean_is_numeric (c))
        return -1;
      x = strata_column_get_numeric (c)[r];
      while (lo < hi)
        {
          gsize mid = (lo + hi) / 2;
          if (d->numbers[mid] < x)
            lo = mid + 1;
          else
            hi = mid;
        }
      return lo < d->values->len && d->numbers[lo] == x ? (int) lo : -1;
    }
  else
    {
      g_autofree char *s = strata_column_format_value (c, r);
      gsize lo = 0, hi = d->values->len;

      while (lo < hi)
        {
          gsize mid = (lo + hi) / 2;
          if (strcmp (d->values->pdata[mid], s) < 0)
            lo = mid + 1;
          else
            hi = mid;
        }
      return lo < d->values->len && strcmp (d->values->pdata[lo], s) == 0 ? (int) lo : -1;
    }
}

StrataTable *
strata_one_hot_transform (StrataOneHot  *encoder,
                          StrataTable   *table,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) strata_column_unref);
  guint n_cols;
  gsize n;
  g_autofree gboolean *encoded = NULL;

  g_return_val_if_fail (encoder != NULL && table != NULL, NULL);

  n_cols = strata_table_get_n_columns (table);
  n = strata_table_get_n_rows (table);
  encoded = g_new0 (gboolean, n_cols + 1);
  for (guint i = 0; i < encoder->columns->len; i++)
    {
      Dummies *d = &g_array_index (encoder->columns, Dummies, i);
      int idx = strata_table_find_column (table, d->name);

      if (idx < 0)
        {
          g_set_error (error, STRATA_CLEAN_ERROR, STRATA_CLEAN_ERROR_COLUMN,
                       "no column “%s” (it was learned from the training table)", d->name);
          return NULL;
        }
      encoded[idx] = TRUE;
    }
  for (guint i = 0; i < n_cols; i++)
    if (!encoded[i])
      g_ptr_array_add (out, strata_column_ref (strata_table_get_column (table, i)));

  for (guint i = 0; i < encoder->columns->len; i++)
    {
      Dummies *d = &g_array_index (encoder->columns, Dummies, i);
      StrataColumn *c = strata_table_lookup_column (table, d->name, NULL);
      guint first = encoder->drop_first ? 1 : 0;
      guint k = d->values->len;
      g_autofree double **v = g_new0 (double *, k + 1);

      for (guint j = first; j < k; j++)
        v[j] = g_new0 (double, n + 1);
      for (gsize r = 0; r < n; r++)
        {
          int j;

          if (strata_clean_cancelled (cancellable, r, error))
            {
              for (guint q = 0; q < k; q++)
                g_free (v[q]);
              return NULL;
            }
          j = dummy_index (d, c, r);
          if (j >= (int) first)
            v[j][r] = 1.0;
        }
      for (guint j = first; j < k; j++)
        {
          g_autofree char *name = g_strconcat (d->name, encoder->prefix_sep, d->values->pdata[j], NULL);
          g_ptr_array_add (out, strata_column_new_numeric (name, v[j], n));
        }
    }
  return strata_table_new ((StrataColumn **) out->pdata, out->len, error);
}

/* --- bins ------------------------------------------------------------------ */

typedef struct {
  char   *name;
  double *edges;    /* [n_edges] */
  guint   n_edges;
} Bins;

struct _StrataBinner {
  GArray *columns;  /* of Bins */
};

static void
bins_clear (gpointer p)
{
  Bins *b = p;

  g_free (b->name);
  g_free (b->edges);
}

void
strata_binner_free (StrataBinner *binner)
{
  if (binner == NULL)
    return;
  g_array_unref (binner->columns);
  g_free (binner);
}

StrataBinner *
strata_binner_fit (StrataTable        *table,
                   const char *const  *columns,
                   guint               n_bins,
                   StrataBinStrategy   strategy,
                   GCancellable       *cancellable,
                   GError            **error)
{
  g_autoptr(StrataBinner) bn = g_new0 (StrataBinner, 1);
  g_autoptr(GArray) cols = NULL;

  g_return_val_if_fail (table != NULL, NULL);

  if (n_bins < 2)
    {
      g_set_error (error, STRATA_CLEAN_ERROR, STRATA_CLEAN_ERROR_VALUE,
                   "n_bins must be at least 2, not %u", n_bins);
      return NULL;
    }
  bn->columns = g_array_new (FALSE, TRUE, sizeof (Bins));
  g_array_set_clear_func (bn->columns, bins_clear);
  cols = strata_clean_resolve (table, columns, strata_clean_is_numeric, "numeric", error);
  if (cols == NULL)
    return NULL;

  for (guint k = 0; k < cols->len; k++)
    {
      StrataColumn *c = strata_table_get_column (table, g_array_index (cols, guint, k));
      gsize m;
      g_autofree double *v = strata_clean_sorted_values (c, &m, cancellable, error);
      Bins b = { 0 };

      if (v == NULL)
        return NULL;
      if (m == 0)
        {
          g_set_error (error, STRATA_CLEAN_ERROR, STRATA_CLEAN_ERROR_EMPTY,
                       "column “%s” has no values to learn from", strata_column_get_name (c));
          return NULL;
        }
      b.name = g_strdup (strata_column_get_name (c));
      b.edges = g_new (double, n_bins + 2);
      if (v[0] == v[m - 1])
        {
          b.edges[0] = -INFINITY;
          b.edges[1] = INFINITY;
          b.n_edges = 2;
        }
      else if (strategy == STRATA_BINS_EQUAL_WIDTH)
        {
          double step = (v[m - 1] - v[0]) / (double) n_bins;

          for (guint i = 0; i <= n_bins; i++)
            b.edges[i] = (double) i * step + v[0];
          b.edges[n_bins] = v[m - 1];
          b.n_edges = n_bins + 1;
        }
      else
        {
          double step = 100.0 / (double) n_bins;
          guint kept = 0;

          for (guint i = 0; i <= n_bins; i++)
            {
              double q = i == n_bins ? 100.0 : (double) i * step;
              double e = strata_clean_percentile (v, m, q);
              /* drop bins of width <= 1e-8, as KBinsDiscretizer */
              if (kept == 0 || e - b.edges[kept - 1] > 1e-8)
                b.edges[kept++] = e;
            }
          b.n_edges = kept;
        }
      g_array_append_val (bn->columns, b);
    }
  return g_steal_pointer (&bn);
}

const double *
strata_binner_get_edges (StrataBinner *binner,
                         const char   *column,
                         guint        *n_edges)
{
  g_return_val_if_fail (binner != NULL && column != NULL, NULL);
  for (guint i = 0; i < binner->columns->len; i++)
    {
      Bins *b = &g_array_index (binner->columns, Bins, i);
      if (strcmp (b->name, column) == 0)
        {
          if (n_edges != NULL)
            *n_edges = b->n_edges;
          return b->edges;
        }
    }
  return NULL;
}

/* searchsorted(edges[1:-1], x, side="right") */
static gint32
bin_of (const Bins *b,
        double      x)
{
  guint lo = 1, hi = b->n_edges - 1;   /* search inner edges [1, n_edges-1) */

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (b->edges[mid] <= x)
        lo = mid + 1;
      else
        hi = mid;
    }
  return (gint32) (lo - 1);
}

static char **
interval_labels (const Bins *b)
{
  guint k = b->n_edges - 1;
  char **labels = g_new0 (char *, k + 1);

  for (guint i = 0; i < k; i++)
    labels[i] = g_strdup_printf ("[%.4g, %.4g)", b->edges[i], b->edges[i + 1]);
  return labels;
}

typedef struct {
  StrataBinner *binner;
  gboolean      labels;
} BinJob;

static StrataColumn *
bin_column (gpointer       self,
            guint          index,
            StrataColumn  *column,
            GCancellable  *cancellable,
            GError       **error)
{
  BinJob *job = self;
  Bins *b = &g_array_index (job->binner->columns, Bins, index);
  gsize n = strata_column_get_n_rows (column);
  const double *x = strata_column_get_numeric (column);
  gint32 *codes = g_new (gint32, n + 1);
  double *v;

  for (gsize r = 0; r < n; r++)
    {
      if (strata_clean_cancelled (cancellable, r, error))
        {
          g_free (codes);
          return NULL;
        }
      codes[r] = strata_column_is_missing (column, r) ? -1 : bin_of (b, x[r]);
    }
  if (job->labels)
    return strata_column_new_categorical (b->name, codes, n, interval_labels (b));
  v = g_new (double, n + 1);
  for (gsize r = 0; r < n; r++)
    v[r] = codes[r] < 0 ? NAN : (double) codes[r];
  g_free (codes);
  return strata_column_new_numeric (b->name, v, n);
}

StrataTable *
strata_binner_transform (StrataBinner  *binner,
                         StrataTable   *table,
                         gboolean       labels,
                         GCancellable  *cancellable,
                         GError       **error)
{
  BinJob job = { binner, labels };

  g_return_val_if_fail (binner != NULL && table != NULL, NULL);
  return strata_clean_map_learned (table, binner->columns, TRUE, bin_column, &job,
                                   cancellable, error);
}
