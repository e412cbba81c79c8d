/* strata-tree-fit.c — growing a CART tree: scheduling nodes on threads, assembling the model
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * strata-tree-prepare.c turns the table into training rows, classes and,
 * per feature, (key, row) entries sorted once; strata-tree-split.c scans and
 * partitions them. This file schedules the work and assembles the model.
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
#include <pthread.h>
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
  pthread_mutex_t        lock;          /* POSIX, so ThreadSanitizer sees it */
  pthread_cond_t         cond;
  guint                  pending;
  pthread_mutex_t        progress_lock;
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
  Sched *s = user_data;

  /* jobs are pushed while s->lock is held: taking it here orders the
   * pusher's writes before ours in a way ThreadSanitizer can see (GLib's
   * own queue locks are invisible to it) */
  pthread_mutex_lock (&s->lock);
  pthread_mutex_unlock (&s->lock);
  job->run (job);
  pthread_mutex_lock (&s->lock);
  if (--s->pending == 0)
    pthread_cond_broadcast (&s->cond);
  pthread_mutex_unlock (&s->lock);
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
  pthread_mutex_lock (&s->lock);
  s->pending += n;
  for (guint i = 0; i < n; i++)
    g_thread_pool_push (s->pool, jobs[i], NULL);
  while (s->pending > 0)
    pthread_cond_wait (&s->cond, &s->lock);
  pthread_mutex_unlock (&s->lock);
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
  pthread_mutex_lock (&s->progress_lock);
  s->rows_done += node->n;
  if (s->progress != NULL)
    s->progress ((double) s->rows_done / (double) s->fit->n, s->user_data);
  pthread_mutex_unlock (&s->progress_lock);
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
                      ? NAN : fit_candidate_threshold (fit, &best, node->start, node->n);
  nl = fit_assign_sides (fit, best.feature,
                         fit_rank (fit, fit->features[best.feature].entries[node->start + best.pos].key),
                         best.missing_left,
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

/* --- Presorting, assembling --------------------------------------------- */

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

      fit_sort_feature (fit, f, col);
    }
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
  if (!fit_prepare (&fit, tree, table, target, params, &columns, error))
    {
      fit_clear (&fit);
      return NULL;
    }

  s.fit = &fit;
  s.n_threads = params->n_threads == 0 ? g_get_num_processors () : params->n_threads;
  s.n_threads = CLAMP (s.n_threads, 1, 64);
  if (fit.n < PARALLEL_MIN_ROWS)
    s.n_threads = 1;            /* starting threads costs more than it saves */
  s.progress = progress;
  s.user_data = user_data;
  s.cancellable = cancellable;
  pthread_mutex_init (&s.lock, NULL);
  pthread_cond_init (&s.cond, NULL);
  pthread_mutex_init (&s.progress_lock, NULL);
  if (s.n_threads > 1)
    s.pool = g_thread_pool_new (pool_func, &s, s.n_threads, FALSE, NULL);

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
  pthread_mutex_destroy (&s.lock);
  pthread_cond_destroy (&s.cond);
  pthread_mutex_destroy (&s.progress_lock);

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
