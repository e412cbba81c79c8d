/* strata-workers.h — a fixed team of threads for fork-join loops
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A StrataWorkers runs one function on n threads at once — the caller's
 * thread as index 0 and n − 1 helper threads started once — and returns
 * when all have finished. It is how the trainer runs the shards of a
 * mini-batch in parallel without starting threads per batch. Owned by one
 * thread; not re-entrant.
 *
 * Example:
 *
 *   g_autoptr(StrataWorkers) w = strata_workers_new (2);
 *   strata_workers_run (w, shard_step, shards);   // shard_step (shards, 0..1)
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _StrataWorkers StrataWorkers;

typedef void (*StrataWorkerFunc) (gpointer data,
                                  guint    index);

/* A team of @n_threads ≥ 1 (1 = everything on the caller). Transfer full. */
StrataWorkers *strata_workers_new         (guint             n_threads);
/* Stops and joins the helper threads. */
void           strata_workers_free        (StrataWorkers    *workers);
guint          strata_workers_get_n_threads (StrataWorkers  *workers);
/* Calls @func (@data, i) for i in 0..n_threads−1 concurrently (i = 0 on the
 * calling thread) and returns when every call has returned. */
void           strata_workers_run         (StrataWorkers    *workers,
                                           StrataWorkerFunc  func,
                                           gpointer          data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataWorkers, strata_workers_free)

G_END_DECLS
