/* strata-workers.c — fork-join thread team
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * One mutex and two condition variables. run() publishes the job and bumps
 * a generation counter; each helper waits for a generation it has not run
 * yet, runs its index and decrements the pending count; the last one wakes
 * the caller. Helpers sleep (no spinning) between jobs, so they never take
 * CPU from OpenBLAS or from the UI while the trainer does other work.
 */

#include "strata-workers.h"

struct _StrataWorkers {
  guint             n_threads;
  GThread         **threads;      /* [n_threads − 1] helpers */
  GMutex            lock;
  GCond             start;
  GCond             done;
  guint64           generation;   /* jobs published so far */
  guint             pending;      /* helpers still running the current job */
  gboolean          quit;
  StrataWorkerFunc  func;
  gpointer          data;
};

typedef struct {
  StrataWorkers *team;
  guint          index;
} Helper;

static gpointer
helper_main (gpointer user_data)
{
  Helper *h = user_data;
  StrataWorkers *w = h->team;
  guint64 seen = 0;

  g_mutex_lock (&w->lock);
  for (;;)
    {
      StrataWorkerFunc func;
      gpointer data;

      while (!w->quit && w->generation == seen)
        g_cond_wait (&w->start, &w->lock);
      if (w->quit)
        break;
      seen = w->generation;
      func = w->func;
      data = w->data;
      g_mutex_unlock (&w->lock);

      func (data, h->index);

      g_mutex_lock (&w->lock);
      if (--w->pending == 0)
        g_cond_signal (&w->done);
    }
  g_mutex_unlock (&w->lock);
  g_free (h);
  return NULL;
}

StrataWorkers *
strata_workers_new (guint n_threads)
{
  StrataWorkers *w = g_new0 (StrataWorkers, 1);

  w->n_threads = MAX (n_threads, 1);
  g_mutex_init (&w->lock);
  g_cond_init (&w->start);
  g_cond_init (&w->done);
  w->threads = g_new0 (GThread *, w->n_threads);
  for (guint i = 1; i < w->n_threads; i++)
    {
      Helper *h = g_new0 (Helper, 1);

      h->team = w;
      h->index = i;
      w->threads[i - 1] = g_thread_new ("strata-worker", helper_main, h);
    }
  return w;
}

void
strata_workers_free (StrataWorkers *w)
{
  if (w == NULL)
    return;
  g_mutex_lock (&w->lock);
  w->quit = TRUE;
  g_cond_broadcast (&w->start);
  g_mutex_unlock (&w->lock);
  for (guint i = 1; i < w->n_threads; i++)
    g_thread_join (w->threads[i - 1]);
  g_free (w->threads);
  g_mutex_clear (&w->lock);
  g_cond_clear (&w->start);
  g_cond_clear (&w->done);
  g_free (w);
}

guint
strata_workers_get_n_threads (StrataWorkers *w)
{
  return w->n_threads;
}

void
strata_workers_run (StrataWorkers    *w,
                    StrataWorkerFunc  func,
                    gpointer          data)
{
  if (w->n_threads == 1)
    {
      func (data, 0);
      return;
    }
  g_mutex_lock (&w->lock);
  w->func = func;
  w->data = data;
  w->pending = w->n_threads - 1;
  w->generation++;
  g_cond_broadcast (&w->start);
  g_mutex_unlock (&w->lock);

  func (data, 0);

  g_mutex_lock (&w->lock);
  while (w->pending > 0)
    g_cond_wait (&w->done, &w->lock);
  g_mutex_unlock (&w->lock);
}
