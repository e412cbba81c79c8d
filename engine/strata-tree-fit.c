/* strata-tree-fit.c — growing a CART tree: data preparation and scheduling
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * Preparation turns the table into what the grower reads: the training rows
 * (target present), their class index (or target value) and class weight,
 * and for every feature an array of (key, row) entries sorted once — numeric
 * values by an LSD radix sort on their IEEE bits, then replaced by the rank
 * of their group of equal values (values within 1e-7 of the previous one
 * count as equal, as scikit-learn's FEATURE_THRESHOLD); categorical codes by
 * a counting sort. Missing values get the largest key and sit last.
 *
 * Growing is depth first (scikit-learn's DepthFirstTreeBuilder) and works on
 * two levels of parallelism with one GThreadPool:
 *   1. nodes with many rows are split by the calling thread, which hands the
 *      feature scans and then the per-feature partitions to the pool;
 *   2. every smaller node starts a subtree job that one pool thread grows
 *      on its own; these jobs run largest first.
 * A node's result depends only on its rows and its own random stream (split
 * from its parent's seed), so the tree is the same for any thread count.
 * Nodes are BuildNode structs linked by pointers while growing; at the end
 * they are numbered in preorder (left first, as scikit-learn) into the
 * StrataTree's flat arrays, and minimal cost-complexity pruning is applied
 * when ccp_alpha > 0 (strata-tree.c).
 *
 * Each node polls the GCancellable and reports progress (the fraction of
 * rows already in leaves).
 */

#include "strata-tree-fit-private.h"
#include "strata-splitmix.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Nodes with at least this many rows scan features on several threads. */
#define PARALLEL_MIN_ROWS 20000

typedef struct _BuildNode BuildNode;
struct _BuildNode {
  gsize      start, n;          /* segment of every feature's entries */
  guint      depth;
  guint64    seed;              /* this node's random stream */
  double    *stats;             /* [n_stats] class weights / (sum, sum sq) */
  double     weight;
  double     impurity;
  int        feature;           /* -1 for a leaf */
  double     threshold;
  gboolean   missing_left;
  guint64   *cat_left;          /* categorical split: [words], owned */
  BuildNode *left, *right;
};

typedef struct _Job Job;

typedef struct {
  Fit                   *fit;
  GThreadPool           *pool;         /* NULL with one thread */
  guint                  n_threads;
  GMutex                 lock;
  GCond                  cond;
  guint                  pending;
  GMutex                 progress_lock;
  gsize                  rows_done;
  StrataTreeProgressFunc progress;
  gpointer               user_data;
  GCancellable          *cancellable;
  gint                   cancelled;    /* atomic */
  FitWorker            **workers;      /* [n_threads] for large nodes */
} Sched;

struct _Job {
  void         (*run) (Job *job);
  Sched         *sched;
  FitWorker     *worker;
  gint          *next;                 /* shared atomic work counter */
  BuildNode     *node;
  const guint   *feats;
  guint          n_feats;
  FitCandidate  *cands;
};

static void split_node (Sched *s, FitWorker *w, BuildNode *node, gboolean parallel);

/* --- Jobs ----------------------------------------------------------------- */

static void
pool_func (gpointer data,
           gpointer user_data)
{
  Job *job = data;
  Sched *s = job->sched;

  job->run (job);
  g_mutex_lock (&s->lock);
  if (--s->pending == 0)
    g_cond_broadcast (&s->cond);
  g_mutex_unlock (&s->lock);
}

/* Runs @n jobs on the pool (inline without one) and waits for all. */
static void
run_jobs (Sched *s,
          Job  **jobs,
          guint  n)
{
  if (s->pool == NULL)
    {
      for (guint i = 0; i < n; i++)
        jobs[i]->run (jobs[i]);
      return;
    }
  g_mutex_lock (&s->lock);
  s->pending += n;
  g_mutex_unlock (&s->lock);
  for (guint i = 0; i < n; i++)
    g_thread_pool_push (s->pool, jobs[i], NULL);
  g_mutex_lock (&s->lock);
  while (s->pending > 0)
    g_cond_wait (&s->cond, &s->lock);
  g_mutex_unlock (&s->lock);
}

static void
scan_job (Job *job)
{
  Fit *fit = job->sched->fit;
  BuildNode *node = job->node;
  gint i;

  while ((i = g_atomic_int_add (job->next, 1)) < (gint) job->n_feats)
    fit_scan_feature (fit, job->worker, job->feats[i], node->start, node->n,
                      node->stats, node->weight, &job->cands[i]);
}

static void
partition_job (Job *job)
{
  Fit *fit = job->sched->fit;
  gint f;

  while ((f = g_atomic_int_add (job->next, 1)) < (gint) fit->n_features)
    fit_partition (fit, job->worker, f, job->node->start, job->node->n);
}

/* Runs @run over the node's features on every pool thread. */
static void
run_on_features (Sched        *s,
                 void        (*run) (Job *),
                 BuildNode    *node,
                 const guint  *feats,
                 guint         n_feats,
                 FitCandidate *cands)
{
  Job *jobs = g_newa (Job, s->n_threads);
  Job **ptrs = g_newa (Job *, s->n_threads);
  gint next = 0;

  for (guint t = 0; t < s->n_threads; t++)
    {
      jobs[t] = (Job) { run, s, s->workers[t], &next, node, feats, n_feats, cands };
      ptrs[t] = &jobs[t];
    }
  run_jobs (s, ptrs, s->n_threads);
}

/* --- Nodes ---------------------------------------------------------------- */

static BuildNode *
build_node_new (Fit          *fit,
                gsize         start,
                gsize         n,
                guint         depth,
                guint64       seed,
                const double *stats,
                double        weight,
                double        impurity)
{
  BuildNode *node = g_new0 (BuildNode, 1);

  node->start = start;
  node->n = n;
  node->depth = depth;
  node->seed = seed;
  node->stats = g_memdup2 (stats, fit->n_stats * sizeof (double));
  node->weight = weight;
  node->impurity = impurity;
  node->feature = -1;
  return node;
}

static void
build_node_free (BuildNode *root)
{
  GPtrArray *stack = g_ptr_array_new ();

  g_ptr_array_add (stack, root);
  while (stack->len > 0)
    {
      BuildNode *node = g_ptr_array_steal_index_fast (stack, stack->len - 1);

      if (node->left != NULL)
        g_ptr_array_add (stack, node->left);
      if (node->right != NULL)
        g_ptr_array_add (stack, node->right);
      g_free (node->stats);
      g_free (node->cat_left);
      g_free (node);
    }
  g_ptr_array_unref (stack);
}

static void
report_node (Sched     *s,
             BuildNode *node)
{
  if (node->feature >= 0)
    return;                     /* rows are counted when they reach a leaf */
  g_mutex_lock (&s->progress_lock);
  s->rows_done += node->n;
  if (s->progress != NULL)
    s->progress ((double) s->rows_done / (double) s->fit->n, s->user_data);
  g_mutex_unlock (&s->progress_lock);
}

static gboolean
is_cancelled (Sched *s)
{
  if (g_atomic_int_get (&s->cancelled))
    return TRUE;
  if (g_cancellable_is_cancelled (s->cancellable))
    {
      g_atomic_int_set (&s->cancelled, 1);
      return TRUE;
    }
  return FALSE;
}

/* Chooses the split of @node among its features, scanning them in parallel
 * when @parallel. Returns the winning candidate (feature -1 for none);
 * cat_left is g_malloc'd. */
static FitCandidate
choose_split (Sched     *s,
              FitWorker *w,
              BuildNode *node,
              gboolean   parallel)
{
  Fit *fit = s->fit;
  guint d = fit->n_features, m = MIN (fit->max_features, d);
  guint *feats = w->perm;
  guint first = parallel ? m : 0;
  FitCandidate best = { -INFINITY, -1, 0, FALSE, g_new0 (guint64, MAX (fit->max_words, 1)) };

  for (guint f = 0; f < d; f++)
    feats[f] = f;
  if (m < d)
    {
      guint64 rng = node->seed;

      strata_splitmix_shuffle (&rng, feats, d);
    }

  if (parallel)
    {
      /* the first m features at once, reduced in drawing order */
      FitCandidate *cands = g_new (FitCandidate, m);
      guint64 *bits = g_new0 (guint64, (gsize) m * MAX (fit->max_words, 1));

      for (guint i = 0; i < m; i++)
        cands[i] = (FitCandidate) { -INFINITY, -1, 0, FALSE, bits + (gsize) i * MAX (fit->max_words, 1) };
      run_on_features (s, scan_job, node, feats, m, cands);
      for (guint i = 0; i < m; i++)
        if (cands[i].proxy > best.proxy)
          {
            guint64 *keep = best.cat_left;

            best = cands[i];
            best.cat_left = keep;
            memcpy (keep, cands[i].cat_left, MAX (fit->max_words, 1) * sizeof (guint64));
          }
      g_free (bits);
      g_free (cands);
    }
  /* sequentially: everything, or past max_features while nothing splits */
  for (guint i = first; i < d; i++)
    {
      if (i >= m && best.feature >= 0)
        break;
      fit_scan_feature (fit, w, feats[i], node->start, node->n, node->stats,
                        node->weight, &best);
    }
  return best;
}

static void
split_node (Sched     *s,
            FitWorker *w,
            BuildNode *node,
            gboolean   parallel)
{
  Fit *fit = s->fit;
  FitCandidate best;
  double *ls, *rs, wl, wr, il, ir, improvement;
  gsize nl;

  if (is_cancelled (s) ||
      node->n < fit->min_samples_split ||
      node->n < 2 * (gsize) fit->min_samples_leaf ||
      node->depth >= fit->max_depth ||
      node->impurity <= STRATA_TREE_EPSILON)
    goto leaf;

  best = choose_split (s, w, node, parallel);
  if (best.feature < 0)
    {
      g_free (best.cat_left);
      goto leaf;
    }

  ls = g_newa (double, fit->n_stats);
  rs = g_newa (double, fit->n_stats);
  node->threshold = fit->features[best.feature].categorical
                      ? NAN : fit_candidate_threshold (fit, &best, node->start);
  nl = fit_assign_sides (fit, best.feature, node->threshold, best.missing_left,
                         best.cat_left, node->start, node->n, ls, &wl, rs, &wr);
  il = fit_stats_impurity (fit, ls, wl);
  ir = fit_stats_impurity (fit, rs, wr);
  improvement = (node->weight / fit->w_root) *
                (node->impurity - wr / node->weight * ir - wl / node->weight * il);
  if (nl == 0 || nl == node->n ||
      improvement + STRATA_TREE_EPSILON < fit->params.min_impurity_decrease)
    {
      g_free (best.cat_left);
      goto leaf;
    }

  node->feature = best.feature;
  node->missing_left = best.missing_left;
  if (fit->features[best.feature].categorical)
    node->cat_left = g_steal_pointer (&best.cat_left);
  else
    g_clear_pointer (&best.cat_left, g_free);

  if (parallel)
    run_on_features (s, partition_job, node, NULL, 0, NULL);
  else
    for (guint f = 0; f < fit->n_features; f++)
      fit_partition (fit, w, f, node->start, node->n);

  {
    guint64 seed = node->seed;

    node->left = build_node_new (fit, node->start, nl, node->depth + 1,
                                 strata_splitmix_next (&seed), ls, wl, il);
    node->right = build_node_new (fit, node->start + nl, node->n - nl, node->depth + 1,
                                  strata_splitmix_next (&seed), rs, wr, ir);
  }
  report_node (s, node);
  return;

leaf:
  node->feature = -1;
  report_node (s, node);
}

/* Grows the subtree under job->node on one thread. */
static void
subtree_job (Job *job)
{
  Sched *s = job->sched;
  FitWorker *w = fit_worker_new (s->fit, job->node->n);
  GPtrArray *stack = g_ptr_array_new ();

  g_ptr_array_add (stack, job->node);
  while (stack->len > 0)
    {
      BuildNode *node = g_ptr_array_steal_index_fast (stack, stack->len - 1);

      split_node (s, w, node, FALSE);
      if (node->feature >= 0)
        {
          g_ptr_array_add (stack, node->right);
          g_ptr_array_add (stack, node->left);
        }
    }
  g_ptr_array_unref (stack);
  fit_worker_free (w);
}

static int
compare_jobs_by_size (gconstpointer a,
                      gconstpointer b)
{
  const Job *ja = *(Job *const *) a, *jb = *(Job *const *) b;

  return (ja->node->n < jb->node->n) - (ja->node->n > jb->node->n);
}

/* Grows the whole tree from @root. */
static void
grow (Sched     *s,
      BuildNode *root)
{
  Fit *fit = s->fit;
  gsize big = MAX (PARALLEL_MIN_ROWS, fit->n / (8 * (gsize) s->n_threads));
  GPtrArray *stack = g_ptr_array_new ();
  GPtrArray *subtrees = g_ptr_array_new_with_free_func (g_free);

  if (s->n_threads > 1 && root->n >= big)
    g_ptr_array_add (stack, root);
  else
    {
      Job *job = g_new0 (Job, 1);

      *job = (Job) { subtree_job, s, NULL, NULL, root, NULL, 0, NULL };
      g_ptr_array_add (subtrees, job);
    }

  while (stack->len > 0)
    {
      BuildNode *node = g_ptr_array_steal_index_fast (stack, stack->len - 1);

      split_node (s, s->workers[0], node, TRUE);
      if (node->feature < 0)
        continue;
      for (int side = 1; side >= 0; side--)
        {
          BuildNode *child = side ? node->right : node->left;

          if (child->n >= big)
            g_ptr_array_add (stack, child);
          else
            {
              Job *job = g_new0 (Job, 1);

              *job = (Job) { subtree_job, s, NULL, NULL, child, NULL, 0, NULL };
              g_ptr_array_add (subtrees, job);
            }
        }
    }

  g_ptr_array_sort (subtrees, compare_jobs_by_size);
  run_jobs (s, (Job **) subtrees->pdata, subtrees->len);
  g_ptr_array_unref (subtrees);
  g_ptr_array_unref (stack);
}

/* --- Preparation ---------------------------------------------------------- */

static gboolean
row_missing (const guint64 *mask,
             gsize          row)
{
  return mask != NULL && ((mask[row / 64] >> (row % 64)) & 1);
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
  gsize count[256];
  guint32 group = 0;

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
  for (guint shift = 0; shift < 64; shift += 8)
    {
      gsize sum = 0;

      memset (count, 0, sizeof count);
      for (gsize i = 0; i < m; i++)
        count[(keys[i] >> shift) & 0xff]++;
      if (m == 0 || count[(keys[0] >> shift) & 0xff] == m)
        continue;                               /* all share this byte */
      for (guint b = 0; b < 256; b++)
        {
          gsize c = count[b];

          count[b] = sum;
          sum += c;
        }
      for (gsize i = 0; i < m; i++)
        {
          gsize to = count[(keys[i] >> shift) & 0xff]++;

          keys2[to] = keys[i];
          idx2[to] = idx[i];
        }
      { guint64 *t = keys; keys = keys2; keys2 = t; }
      { guint32 *t = idx; idx = idx2; idx2 = t; }
    }

  for (gsize p = 0; p < m; p++)
    {
      if (p > 0 &&
          ff->values[fit->rows[idx[p]]] >
          ff->values[fit->rows[idx[p - 1]]] + STRATA_TREE_FEATURE_THRESHOLD)
        group++;
      ff->entries[p].key = group;
      ff->entries[p].row = idx[p];
    }
  tail = m;
  for (gsize i = 0; i < n; i++)
    {
      gsize row = fit->rows[i];

      if (row_missing (mask, row) || isnan (ff->values[row]))
        ff->entries[tail++] = (FitEntry) { FIT_MISSING_KEY, (guint32) i };
    }
  g_assert (tail == n);
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

      ff->entries[start[b]++] = (FitEntry) { c < 0 ? FIT_MISSING_KEY : (guint32) c, (guint32) i };
    }
  g_free (start);
}

typedef struct {
  Job         job;
  StrataTable *table;
  const guint *columns;
} SortJob;

static void
sort_job (Job *job)
{
  SortJob *sj = (SortJob *) job;
  Fit *fit = job->sched->fit;
  gint f;

  while ((f = g_atomic_int_add (job->next, 1)) < (gint) fit->n_features)
    {
      StrataColumn *col = strata_table_get_column (sj->table, sj->columns[f]);

      if (fit->features[f].categorical)
        sort_categorical (fit, f, strata_column_get_codes (col));
      else
        sort_numeric (fit, f, strata_column_get_missing_mask (col));
    }
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

static void
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

/* Numbers the grown nodes in preorder into @tree. */
static void
flatten (Fit        *fit,
         StrataTree *tree,
         BuildNode  *root)
{
  GPtrArray *order = g_ptr_array_new ();
  GPtrArray *stack = g_ptr_array_new ();
  GHashTable *ids = g_hash_table_new (NULL, NULL);
  GArray *words = g_array_new (FALSE, TRUE, sizeof (guint64));

  g_ptr_array_add (stack, root);
  while (stack->len > 0)
    {
      BuildNode *node = g_ptr_array_steal_index_fast (stack, stack->len - 1);

      g_hash_table_insert (ids, node, GUINT_TO_POINTER (order->len));
      g_ptr_array_add (order, node);
      if (node->feature >= 0)
        {
          g_ptr_array_add (stack, node->right);
          g_ptr_array_add (stack, node->left);
        }
    }

  tree->n_nodes = order->len;
  tree->nodes = g_new0 (StrataTreeNode, order->len);
  tree->values = g_new0 (double, (gsize) order->len * tree->n_outputs);
  tree->cat_offset = g_new (gint32, order->len);
  for (guint i = 0; i < order->len; i++)
    {
      BuildNode *b = order->pdata[i];
      StrataTreeNode *node = &tree->nodes[i];
      node->left = node->right = node->feature = -1;
      node->threshold = NAN;
      node->impurity = b->impurity;
      node->n_samples = b->n;
      node->weighted_n_samples = b->weight;
      tree->cat_offset[i] = -1;
      if (b->feature >= 0)
        {
          node->left = GPOINTER_TO_INT (g_hash_table_lookup (ids, b->left));
          node->right = GPOINTER_TO_INT (g_hash_table_lookup (ids, b->right));
          node->feature = b->feature;
          node->missing_left = b->missing_left;
          node->categorical = fit->features[b->feature].categorical;
          node->threshold = b->threshold;
          if (node->categorical)
            {
              tree->cat_offset[i] = words->len;
              g_array_append_vals (words, b->cat_left,
                                   (fit->features[b->feature].n_categories + 63) / 64);
            }
        }
      if (fit->classifier)
        memcpy (tree->values + (gsize) i * tree->n_outputs, b->stats,
                fit->n_classes * sizeof (double));
      else
        tree->values[i] = b->stats[0] / b->weight;
    }
  tree->n_cat_words = words->len;
  tree->cat_words = (guint64 *) g_array_free (words, FALSE);
  g_hash_table_unref (ids);
  g_ptr_array_unref (stack);
  g_ptr_array_unref (order);
}

/* Fits the unpruned tree. */
static StrataTree *
fit_full (StrataTable            *table,
          const char             *target,
          const StrataTreeParams *params,
          StrataTreeProgressFunc  progress,
          gpointer                user_data,
          GCancellable           *cancellable,
          GError                **error)
{
  g_autoptr(StrataTree) tree = strata_tree_alloc ();
  Fit fit = { 0 };
  Sched s = { 0 };
  g_autofree guint *columns = NULL;
  BuildNode *root;
  double *stats, weight;

  if (params == NULL)
    {
      strata_tree_params_init (&fit.params);
      params = &fit.params;
    }
  fit.params = *params;
  if (!check_params (params, error))
    return NULL;
  fit.criterion = params->criterion;
  if (!prepare_target (&fit, tree, table, target, error) ||
      !prepare_features (&fit, tree, table, target, &columns, error))
    {
      fit_clear (&fit);
      return NULL;
    }
  fit.max_features = resolve_max_features (params->max_features, fit.n_features);
  fit.min_samples_leaf = params->min_samples_leaf;
  fit.min_samples_split = MAX (params->min_samples_split, 2 * params->min_samples_leaf);
  fit.max_depth = params->max_depth == 0 ? G_MAXUINT : params->max_depth;
  fit.side = g_new0 (guint8, fit.n);

  s.fit = &fit;
  s.n_threads = params->n_threads == 0 ? g_get_num_processors () : params->n_threads;
  s.n_threads = CLAMP (s.n_threads, 1, 64);
  s.progress = progress;
  s.user_data = user_data;
  s.cancellable = cancellable;
  g_mutex_init (&s.lock);
  g_cond_init (&s.cond);
  g_mutex_init (&s.progress_lock);
  if (s.n_threads > 1)
    s.pool = g_thread_pool_new (pool_func, NULL, s.n_threads, FALSE, NULL);

  /* presort every feature, in parallel */
  {
    FitEntry *all = g_new (FitEntry, (gsize) fit.n * fit.n_features);
    SortJob *jobs = g_new0 (SortJob, s.n_threads);
    Job **ptrs = g_new (Job *, s.n_threads);
    gint next = 0;

    for (guint f = 0; f < fit.n_features; f++)
      fit.features[f].entries = all + (gsize) f * fit.n;
    for (guint t = 0; t < s.n_threads; t++)
      {
        jobs[t].job = (Job) { sort_job, &s, NULL, &next, NULL, NULL, 0, NULL };
        jobs[t].table = table;
        jobs[t].columns = columns;
        ptrs[t] = &jobs[t].job;
      }
    run_jobs (&s, ptrs, s.n_threads);
    g_free (ptrs);
    g_free (jobs);
  }

  s.workers = g_new0 (FitWorker *, s.n_threads);
  for (guint t = 0; t < s.n_threads; t++)
    s.workers[t] = fit_worker_new (&fit, fit.n);

  stats = g_newa (double, fit.n_stats);
  fit_node_stats (&fit, 0, fit.n, stats, &weight);
  fit.w_root = weight;
  root = build_node_new (&fit, 0, fit.n, 0, params->random_state, stats, weight,
                         fit_stats_impurity (&fit, stats, weight));
  grow (&s, root);

  if (s.pool != NULL)
    g_thread_pool_free (s.pool, FALSE, TRUE);
  for (guint t = 0; t < s.n_threads; t++)
    fit_worker_free (s.workers[t]);
  g_free (s.workers);
  g_mutex_clear (&s.lock);
  g_cond_clear (&s.cond);
  g_mutex_clear (&s.progress_lock);

  if (s.cancelled)
    {
      build_node_free (root);
      fit_clear (&fit);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "fitting the tree was cancelled");
      return NULL;
    }
  flatten (&fit, tree, root);
  build_node_free (root);
  fit_clear (&fit);
  strata_tree_finish (tree);
  return g_steal_pointer (&tree);
}

StrataTree *
strata_tree_fit (StrataTable            *table,
                 const char             *target,
                 const StrataTreeParams *params,
                 StrataTreeProgressFunc  progress,
                 gpointer                user_data,
                 GCancellable           *cancellable,
                 GError                **error)
{
  g_autoptr(StrataTree) tree = NULL;
  g_autofree guint8 *leaves = NULL;

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (target != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  tree = fit_full (table, target, params, progress, user_data, cancellable, error);
  if (tree == NULL || params == NULL || params->ccp_alpha <= 0.0)
    return g_steal_pointer (&tree);
  leaves = g_new0 (guint8, tree->n_nodes);
  strata_tree_ccp_prune (tree, params->ccp_alpha, leaves, NULL, NULL, NULL);
  return strata_tree_prune_to (tree, leaves);   /* @tree is dropped */
}

gboolean
strata_tree_cost_complexity_pruning_path (StrataTable            *table,
                                          const char             *target,
                                          const StrataTreeParams *params,
                                          double                **alphas,
                                          double                **impurities,
                                          guint                 **n_leaves,
                                          guint                  *n_steps,
                                          GCancellable           *cancellable,
                                          GError                **error)
{
  g_autoptr(StrataTree) tree = NULL;
  g_autofree guint8 *leaves = NULL;
  GArray *a, *imp, *nl;

  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (target != NULL, FALSE);
  g_return_val_if_fail (alphas != NULL && impurities != NULL && n_steps != NULL, FALSE);

  tree = fit_full (table, target, params, NULL, NULL, cancellable, error);
  if (tree == NULL)
    return FALSE;
  a = g_array_new (FALSE, FALSE, sizeof (double));
  imp = g_array_new (FALSE, FALSE, sizeof (double));
  nl = g_array_new (FALSE, FALSE, sizeof (guint));
  leaves = g_new0 (guint8, tree->n_nodes);
  strata_tree_ccp_prune (tree, INFINITY, leaves, a, imp, nl);
  *n_steps = a->len;
  *alphas = (double *) g_array_free (a, FALSE);
  *impurities = (double *) g_array_free (imp, FALSE);
  if (n_leaves != NULL)
    *n_leaves = (guint *) g_array_free (nl, FALSE);
  else
    g_array_unref (nl);
  return TRUE;
}
