/* strata-tree-split.c — best split of a node and partition of its rows
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * Every feature keeps its training rows in one array of (key, row) entries,
 * sorted once by key (strata-tree-fit.c); a node owns the same segment
 * [start, start + n) of every feature's array. Scanning a numeric feature is
 * therefore one pass in value order, adding each row's class weight (or
 * target) to the left statistics and scoring a candidate wherever the key
 * changes. The score is scikit-learn's "proxy impurity improvement"
 * (-w_R·impurity_R - w_L·impurity_L for gini/entropy, sum_L²/w_L +
 * sum_R²/w_R for squared error) so that ties and rounding resolve the same
 * way; the first strictly better candidate wins.
 *
 * Missing rows sit at the end of each segment (their key is the largest).
 * Each candidate is scored twice when the node has missing rows — missing
 * sent left and missing sent right — and keeps the better direction; on an
 * exact tie, and when there are no missing rows, missing values go to the
 * heavier child (left when equal).
 *
 * Categorical features are scanned on per-category statistics: categories
 * are ordered by the rate of the second class (two classes), the mean target
 * (regression) or, with more classes, by each class's rate in turn, and every
 * prefix of an order is a candidate left set (Breiman et al. 1984, §9.4:
 * for two classes and regression the best prefix is the best subset).
 *
 * After a split, fit_assign_sides() marks each row left or right in one
 * byte array and fit_partition() moves every feature's segment into
 * [left rows | right rows] with a stable pass, so order is kept and no
 * feature is ever sorted again.
 */

#include "strata-tree-fit-private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

FitWorker *
fit_worker_new (Fit   *fit,
                gsize  buf_len)
{
  FitWorker *w = g_new0 (FitWorker, 1);
  guint m = MAX (fit->max_categories, 1);

  w->buf = g_new (FitEntry, MAX (buf_len, 1));
  w->buf_len = buf_len;
  w->left = g_new0 (double, fit->n_stats);
  w->miss = g_new0 (double, fit->n_stats);
  w->tmp = g_new0 (double, fit->n_stats);
  w->left_miss = g_new0 (double, fit->n_stats);
  w->cat_stats = g_new0 (double, (gsize) m * fit->n_stats);
  w->cat_weight = g_new0 (double, m);
  w->cat_count = g_new0 (gsize, m);
  w->order = g_new0 (guint, m);
  w->order_key = g_new0 (double, m);
  w->cat_bits = g_new0 (guint64, MAX (fit->max_words, 1));
  w->perm = g_new0 (guint, MAX (fit->n_features, 1));
  return w;
}

void
fit_worker_free (FitWorker *w)
{
  if (w == NULL)
    return;
  g_free (w->buf);
  g_free (w->left);
  g_free (w->miss);
  g_free (w->tmp);
  g_free (w->left_miss);
  g_free (w->cat_stats);
  g_free (w->cat_weight);
  g_free (w->cat_count);
  g_free (w->order);
  g_free (w->order_key);
  g_free (w->cat_bits);
  g_free (w->perm);
  g_free (w);
}

/* Adds training row @row to @stats / @weight. */
static inline void
stats_add (Fit    *fit,
           guint32 row,
           double *stats,
           double *weight)
{
  if (fit->classifier)
    {
      gint32 c = fit->y_class[row];
      double cw = fit->class_weight[c];

      stats[c] += cw;
      *weight += cw;
    }
  else
    {
      double y = fit->y_value[row];

      stats[0] += y;
      stats[1] += y * y;
      *weight += 1.0;
    }
}

/* Adds entry @e's row, taking the class from the key when it is there. */
static inline void
stats_add_entry (Fit            *fit,
                 const FitEntry *e,
                 double         *stats,
                 double         *weight)
{
  if (fit->classifier && fit->label_bits > 0)
    {
      guint c = e->key & 0xff;
      double cw = fit->class_weight[c];

      stats[c] += cw;
      *weight += cw;
    }
  else
    stats_add (fit, e->row, stats, weight);
}

void
fit_node_stats (Fit    *fit,
                gsize   start,
                gsize   n,
                double *stats,
                double *weight)
{
  const FitEntry *e = fit->features[0].entries + start;

  memset (stats, 0, fit->n_stats * sizeof (double));
  *weight = 0.0;
  for (gsize p = 0; p < n; p++)
    stats_add (fit, e[p].row, stats, weight);
}

static inline double
class_impurity (StrataTreeCriterion criterion,
                const double       *counts,
                guint               n_classes,
                double              weight)
{
  double acc = 0.0;

  if (weight <= 0.0)
    return 0.0;
  if (criterion == STRATA_TREE_CRITERION_ENTROPY)
    {
      /* in bits, as scikit-learn */
      for (guint k = 0; k < n_classes; k++)
        if (counts[k] > 0.0)
          {
            double p = counts[k] / weight;

            acc -= p * (log (p) / G_LN2);
          }
      return acc;
    }
  for (guint k = 0; k < n_classes; k++)
    acc += counts[k] * counts[k];
  return 1.0 - acc / (weight * weight);
}

double
fit_stats_impurity (Fit          *fit,
                    const double *stats,
                    double        weight)
{
  if (fit->classifier)
    return class_impurity (fit->criterion, stats, fit->n_classes, weight);
  if (weight <= 0.0)
    return 0.0;
  return stats[1] / weight - (stats[0] / weight) * (stats[0] / weight);
}

/* scikit-learn's proxy improvement of the split (left, right = total -
 * left); larger is better. @right is scratch [n_stats]. */
static inline double
proxy (Fit          *fit,
       const double *left,
       double        wl,
       const double *total,
       double        w_total,
       double       *right)
{
  double wr = w_total - wl;

  if (fit->classifier)
    {
      guint k_max = fit->n_classes;

      for (guint k = 0; k < k_max; k++)
        right[k] = total[k] - left[k];
      return -wr * class_impurity (fit->criterion, right, k_max, wr)
             - wl * class_impurity (fit->criterion, left, k_max, wl);
    }
  else
    {
      double sr = total[0] - left[0];

      return left[0] * left[0] / wl + sr * sr / wr;
    }
}

/* Scores the candidate whose non-missing left part is @left / @wl / @nl,
 * with the node's missing rows (worker->miss, @w_miss, @n_miss) sent
 * either way. Returns the better proxy and its direction in @missing_left,
 * or -INFINITY when min_samples_leaf rules both out. */
static double
score_both_ways (Fit          *fit,
                 FitWorker    *w,
                 const double *left,
                 double        wl,
                 gsize         nl,
                 gsize         n_miss,
                 double        w_miss,
                 const double *total,
                 double        w_total,
                 gsize         n,
                 gboolean     *missing_left)
{
  gsize msl = fit->min_samples_leaf;
  double right_way = -INFINITY, left_way = -INFINITY;
  double w_right_nonmissing = w_total - w_miss - wl;

  if (nl >= msl && n - nl >= msl)
    right_way = proxy (fit, left, wl, total, w_total, w->tmp);
  if (n_miss > 0 && nl + n_miss >= msl && n - nl - n_miss >= msl)
    {
      for (guint k = 0; k < fit->n_stats; k++)
        w->left_miss[k] = left[k] + w->miss[k];
      left_way = proxy (fit, w->left_miss, wl + w_miss, total, w_total, w->tmp);
    }
  if (left_way > right_way)
    {
      *missing_left = TRUE;
      return left_way;
    }
  if (right_way > left_way)
    {
      *missing_left = FALSE;
      return right_way;
    }
  /* a tie, or no missing rows: missing values follow the heavier side */
  *missing_left = wl >= w_right_nonmissing;
  return right_way;
}

/* The hot loop, specialised by criterion at compile time (the wrappers
 * below pass a constant @mode). Without missing rows a candidate is scored
 * once, in line; with missing rows score_both_ways() scores both ways. */
enum { MODE_GINI, MODE_ENTROPY, MODE_SQUARED_ERROR };

static inline __attribute__ ((always_inline)) void
scan_numeric_mode (Fit          *fit,
                   FitWorker    *w,
                   guint         f,
                   gsize         start,
                   gsize         n,
                   const double *total,
                   double        w_total,
                   FitCandidate *best,
                   const int     mode)
{
  const FitEntry *e = fit->features[f].entries + start;
  const gint32 *y_class = fit->y_class;
  const double *y_value = fit->y_value, *cw = fit->class_weight;
  guint k_max = fit->n_classes;
  gsize msl = fit->min_samples_leaf;
  gsize n_nm = n, n_miss;
  double w_miss = 0.0, wl = 0.0;
  double *left = w->left, *right = w->tmp;
  const guint lb = fit->label_bits;

  while (n_nm > 0 && (e[n_nm - 1].key >> lb) == fit->missing_rank)
    n_nm--;
  if (n_nm < 2 || (e[0].key >> lb) == (e[n_nm - 1].key >> lb))
    return;                                     /* constant */
  n_miss = n - n_nm;
  memset (w->miss, 0, fit->n_stats * sizeof (double));
  for (gsize p = n_nm; p < n; p++)
    stats_add_entry (fit, &e[p], w->miss, &w_miss);
  memset (left, 0, fit->n_stats * sizeof (double));

  for (gsize p = 0; p + 1 < n_nm; p++)
    {
      gsize nl = p + 1;
      gboolean missing_left;
      double score;

      if (mode == MODE_SQUARED_ERROR)
        {
          double y = y_value[e[p].row];

          left[0] += y;
          left[1] += y * y;
          wl += 1.0;
        }
      else
        {
          gint32 c = lb ? (gint32) (e[p].key & 0xff) : y_class[e[p].row];

          left[c] += cw[c];
          wl += cw[c];
        }
      if ((e[p + 1].key >> lb) == (e[p].key >> lb) || nl + n_miss < msl)
        continue;
      if (n - nl < msl)
        break;
      if (n_miss == 0)
        {
          double wr = w_total - wl;

          missing_left = wl >= wr;
          if (mode == MODE_SQUARED_ERROR)
            {
              double sr = total[0] - left[0];

              score = left[0] * left[0] / wl + sr * sr / wr;
            }
          else if (mode == MODE_GINI)
            {
              double sql = 0.0, sqr = 0.0;

              for (guint k = 0; k < k_max; k++)
                {
                  double r = total[k] - left[k];

                  sql += left[k] * left[k];
                  sqr += r * r;
                }
              score = -wr * (1.0 - sqr / (wr * wr)) - wl * (1.0 - sql / (wl * wl));
            }
          else
            score = proxy (fit, left, wl, total, w_total, right);
        }
      else
        score = score_both_ways (fit, w, left, wl, nl, n_miss, w_miss,
                                 total, w_total, n, &missing_left);
      if (score > best->proxy)
        {
          best->proxy = score;
          best->feature = (int) f;
          best->pos = p;
          best->missing_left = missing_left;
        }
    }
}

static void
scan_numeric (Fit          *fit,
              FitWorker    *w,
              guint         f,
              gsize         start,
              gsize         n,
              const double *total,
              double        w_total,
              FitCandidate *best)
{
  switch (fit->criterion)
    {
    case STRATA_TREE_CRITERION_GINI:
      scan_numeric_mode (fit, w, f, start, n, total, w_total, best, MODE_GINI);
      break;
    case STRATA_TREE_CRITERION_ENTROPY:
      scan_numeric_mode (fit, w, f, start, n, total, w_total, best, MODE_ENTROPY);
      break;
    case STRATA_TREE_CRITERION_SQUARED_ERROR:
    case STRATA_TREE_CRITERION_AUTO:
    default:
      scan_numeric_mode (fit, w, f, start, n, total, w_total, best, MODE_SQUARED_ERROR);
      break;
    }
}

static int
compare_order (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const double *key = user_data;
  guint ia = *(const guint *) a, ib = *(const guint *) b;

  if (key[ia] < key[ib])
    return -1;
  if (key[ia] > key[ib])
    return 1;
  return (ia > ib) - (ia < ib);
}

static void
scan_categorical (Fit          *fit,
                  FitWorker    *w,
                  guint         f,
                  gsize         start,
                  gsize         n,
                  const double *total,
                  double        w_total,
                  FitCandidate *best)
{
  const FitFeature *ff = &fit->features[f];
  const FitEntry *e = ff->entries + start;
  guint n_cat = ff->n_categories, n_stats = fit->n_stats;
  guint words = (n_cat + 63) / 64;
  guint n_present = 0, n_orders;
  gsize n_miss = 0;
  double w_miss = 0.0;

  memset (w->cat_stats, 0, (gsize) n_cat * n_stats * sizeof (double));
  memset (w->cat_weight, 0, n_cat * sizeof (double));
  memset (w->cat_count, 0, n_cat * sizeof (gsize));
  memset (w->miss, 0, n_stats * sizeof (double));
  for (gsize p = 0; p < n; p++)
    {
      guint32 key = fit_rank (fit, e[p].key);

      if (key == fit->missing_rank)
        {
          stats_add_entry (fit, &e[p], w->miss, &w_miss);
          n_miss++;
        }
      else
        {
          stats_add_entry (fit, &e[p], w->cat_stats + (gsize) key * n_stats, &w->cat_weight[key]);
          w->cat_count[key]++;
        }
    }
  for (guint c = 0; c < n_cat; c++)
    if (w->cat_count[c] > 0)
      n_present++;
  if (n_present < 2)
    return;

  n_orders = (fit->classifier && fit->n_classes > 2) ? fit->n_classes : 1;
  for (guint o = 0; o < n_orders; o++)
    {
      /* the statistic that orders the categories: the class-o rate (the
       * second class's for two classes) or the mean target */
      guint stat = fit->classifier ? (fit->n_classes == 2 ? 1 : o) : 0;
      guint m = 0;
      gsize nl = 0;
      double wl = 0.0;

      for (guint c = 0; c < n_cat; c++)
        if (w->cat_count[c] > 0)
          {
            w->order[m++] = c;
            w->order_key[c] = w->cat_stats[(gsize) c * n_stats + stat] / w->cat_weight[c];
          }
      g_qsort_with_data (w->order, m, sizeof (guint), compare_order, w->order_key);

      memset (w->left, 0, n_stats * sizeof (double));
      for (guint i = 0; i + 1 < m; i++)
        {
          guint c = w->order[i];
          gboolean missing_left;
          double score;

          for (guint k = 0; k < n_stats; k++)
            w->left[k] += w->cat_stats[(gsize) c * n_stats + k];
          wl += w->cat_weight[c];
          nl += w->cat_count[c];
          score = score_both_ways (fit, w, w->left, wl, nl, n_miss, w_miss,
                                   total, w_total, n, &missing_left);
          if (score > best->proxy)
            {
              best->proxy = score;
              best->feature = (int) f;
              best->missing_left = missing_left;
              memset (best->cat_left, 0, words * sizeof (guint64));
              for (guint j = 0; j <= i; j++)
                best->cat_left[w->order[j] / 64] |= G_GUINT64_CONSTANT (1) << (w->order[j] % 64);
              /* categories this node never saw go with the missing values */
              if (missing_left)
                for (guint c2 = 0; c2 < n_cat; c2++)
                  if (w->cat_count[c2] == 0)
                    best->cat_left[c2 / 64] |= G_GUINT64_CONSTANT (1) << (c2 % 64);
            }
        }
    }
}

void
fit_scan_feature (Fit          *fit,
                  FitWorker    *worker,
                  guint         f,
                  gsize         start,
                  gsize         n,
                  const double *total,
                  double        w_total,
                  FitCandidate *best)
{
  if (fit->features[f].categorical)
    scan_categorical (fit, worker, f, start, n, total, w_total, best);
  else
    scan_numeric (fit, worker, f, start, n, total, w_total, best);
}

double
fit_candidate_threshold (Fit                *fit,
                         const FitCandidate *best,
                         gsize               start,
                         gsize               n)
{
  const FitFeature *ff = &fit->features[best->feature];
  const FitEntry *e = ff->entries + start;
  guint32 left_rank = fit_rank (fit, e[best->pos].key);
  guint32 right_rank = fit_rank (fit, e[best->pos + 1].key);
  double a = -INFINITY, b = INFINITY, t;

  /* a group's values may differ by less than FEATURE_THRESHOLD, and the
   * class bits order a group's entries: take its extreme values */
  for (gsize p = best->pos + 1; p-- > 0 && fit_rank (fit, e[p].key) == left_rank;)
    a = MAX (a, ff->values[fit->rows[e[p].row]]);
  for (gsize p = best->pos + 1; p < n && fit_rank (fit, e[p].key) == right_rank; p++)
    b = MIN (b, ff->values[fit->rows[e[p].row]]);
  t = a / 2.0 + b / 2.0;
  /* scikit-learn's guard against a midpoint that rounds onto b */
  if (t == b || isinf (t))
    t = a;
  return t;
}

gsize
fit_assign_sides (Fit           *fit,
                  int            feature,
                  guint32        split_rank,
                  gboolean       missing_left,
                  const guint64 *cat_left,
                  gsize          start,
                  gsize          n,
                  double        *left_stats,
                  double        *left_weight,
                  double        *right_stats,
                  double        *right_weight)
{
  const FitFeature *ff = &fit->features[feature];
  const FitEntry *e = ff->entries + start;
  gsize nl = 0;

  memset (left_stats, 0, fit->n_stats * sizeof (double));
  memset (right_stats, 0, fit->n_stats * sizeof (double));
  *left_weight = *right_weight = 0.0;
  for (gsize p = 0; p < n; p++)
    {
      guint32 key = fit_rank (fit, e[p].key), row = e[p].row;
      gboolean left;

      if (key == fit->missing_rank)
        left = missing_left;
      else if (ff->categorical)
        left = (cat_left[key / 64] >> (key % 64)) & 1;
      else
        left = key <= split_rank;       /* the same as value <= threshold */
      fit->side[row] = left;
      if (left)
        {
          stats_add_entry (fit, &e[p], left_stats, left_weight);
          nl++;
        }
      else
        stats_add_entry (fit, &e[p], right_stats, right_weight);
    }
  return nl;
}

void
fit_partition (Fit       *fit,
               FitWorker *worker,
               guint      f,
               gsize      start,
               gsize      n)
{
  FitEntry *e = fit->features[f].entries + start;
  FitEntry *buf = worker->buf;
  const guint8 *side = fit->side;
  gsize nl = 0, nr = 0;

  g_assert (n <= worker->buf_len);
  for (gsize p = 0; p < n; p++)
    {
      FitEntry x = e[p];

      if (side[x.row])
        e[nl++] = x;
      else
        buf[nr++] = x;
    }
  memcpy (e + nl, buf, nr * sizeof (FitEntry));
}
