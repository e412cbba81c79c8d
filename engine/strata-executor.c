/* strata-executor.c — runs a workflow on a worker thread, with a cache
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * Planning and running are separate. plan_new() runs on the owner's thread
 * and copies everything the worker needs out of the StrataWorkflow (which
 * the canvas keeps editing), so the worker touches no shared mutable state
 * except the cache and the results, both behind one mutex that is held only
 * to look up or store, never while a node runs.
 *
 * Cache: node id → (key, outputs, metrics). The key is a SHA-256 over the
 * node type, the canonical parameter text, the seed (random nodes), the
 * type's cache salt and the serial numbers of the input values. A cached
 * upstream node hands on the very same StrataData, so its serial numbers —
 * and therefore the keys below it — stay the same; a re-run upstream node
 * makes new values and every node below it misses. Failed nodes drop their
 * entry; nodes no longer in the workflow are dropped at the next plan.
 *
 * Seeds: a node's seed is its own `seed` parameter when it declares and
 * sets one, else strata_node_derive_seed (workflow seed, node id): the same
 * workflow gives the same numbers in the window and on the command line,
 * and adding a node does not change the others' seeds.
 */

#include "strata-executor.h"

#include <pthread.h>
#ifdef __linux__
#include <errno.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif
#include <string.h>

#include "strata-workflow-private.h"

/* GTask hands the finished run back to the owner's thread through GLib's
 * own (futex) locks, which ThreadSanitizer cannot see; these annotations
 * tell it about that hand-off. No-ops in normal builds. */
#if defined(__SANITIZE_THREAD__)
void __tsan_acquire (void *addr);
void __tsan_release (void *addr);
#define TSAN_ACQUIRE(p) __tsan_acquire (p)
#define TSAN_RELEASE(p) __tsan_release (p)
#else
#define TSAN_ACQUIRE(p) ((void) (p))
#define TSAN_RELEASE(p) ((void) (p))
#endif

typedef struct {
  char                 *id;
  const StrataNodeType *type;
  StrataParams         *params;      /* owned copy */
  guint64               seed;
  char                 *salt;        /* nullable */
  guint                 n_inputs;
  guint                 n_outputs;
  int                  *input_step;  /* [n_inputs]: plan index of the source, -1 */
  int                  *input_port;  /* [n_inputs]: output index at the source */
} PlanStep;

typedef struct {
  GPtrArray      *steps;             /* of PlanStep*, topological order */
  StrataRegistry *registry;          /* owned ref */
} Plan;

typedef struct {
  char          *key;
  StrataData   **outputs;            /* [n_outputs], entries nullable */
  guint          n_outputs;
  StrataMetrics *metrics;            /* nullable */
} CacheEntry;

struct _StrataExecutor {
  StrataEventQueue *events;          /* owned */
  pthread_mutex_t   lock;            /* guards cache, results, port_names
                                      * (POSIX, so ThreadSanitizer sees it) */
  GHashTable       *cache;           /* id → CacheEntry* */
  GHashTable       *results;         /* id → StrataNodeResult* */
  GHashTable       *port_names;      /* id → GStrv of output port names */
  gint              running;         /* atomic flag */
  StrataTrainControl *control;       /* owned; given to every node context */
  int               background_nice; /* 0 = GLib's pool at normal priority */
};

const char *
strata_node_status_to_string (StrataNodeStatus status)
{
  switch (status)
    {
    case STRATA_NODE_STATUS_NONE:      return "none";
    case STRATA_NODE_STATUS_QUEUED:    return "queued";
    case STRATA_NODE_STATUS_RUNNING:   return "running";
    case STRATA_NODE_STATUS_OK:        return "ok";
    case STRATA_NODE_STATUS_FAILED:    return "failed";
    case STRATA_NODE_STATUS_CANCELLED: return "cancelled";
    default:                           g_return_val_if_reached ("unknown");
    }
}

void
strata_node_result_free (StrataNodeResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->metrics, strata_metrics_unref);
  g_clear_error (&result->error);
  g_free (result);
}

static StrataNodeResult *
result_copy (const StrataNodeResult *r)
{
  StrataNodeResult *c = g_new0 (StrataNodeResult, 1);

  *c = *r;
  c->metrics = r->metrics != NULL ? strata_metrics_ref (r->metrics) : NULL;
  c->error = r->error != NULL ? g_error_copy (r->error) : NULL;
  return c;
}

static void
cache_entry_free (gpointer p)
{
  CacheEntry *e = p;

  for (guint i = 0; i < e->n_outputs; i++)
    g_clear_pointer (&e->outputs[i], strata_data_unref);
  g_free (e->outputs);
  g_clear_pointer (&e->metrics, strata_metrics_unref);
  g_free (e->key);
  g_free (e);
}

/* --- plan ----------------------------------------------------------------- */

static void
plan_step_free (gpointer p)
{
  PlanStep *s = p;

  g_free (s->id);
  strata_params_free (s->params);
  g_free (s->salt);
  g_free (s->input_step);
  g_free (s->input_port);
  g_free (s);
}

static void
plan_free (Plan *plan)
{
  if (plan == NULL)
    return;
  g_clear_pointer (&plan->steps, g_ptr_array_unref);
  g_clear_pointer (&plan->registry, strata_registry_unref);
  g_free (plan);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Plan, plan_free)

static int
plan_find (Plan       *plan,
           const char *id)
{
  for (guint i = 0; i < plan->steps->len; i++)
    if (strcmp (((PlanStep *) plan->steps->pdata[i])->id, id) == 0)
      return (int) i;
  return -1;
}

static Plan *
plan_new (StrataWorkflow  *workflow,
          GError         **error)
{
  g_autoptr(GPtrArray) order = NULL;
  g_autoptr(Plan) plan = g_new0 (Plan, 1);

  if (!strata_workflow_check_inputs (workflow, error))
    return NULL;
  order = strata_workflow_sort (workflow, error);
  if (order == NULL)
    return NULL;

  plan->steps = g_ptr_array_new_with_free_func (plan_step_free);
  plan->registry = strata_registry_ref (strata_workflow_get_registry (workflow));
  for (guint i = 0; i < order->len; i++)
    {
      StrataWfNode *n = strata_wf_find_node (workflow, order->pdata[i]);
      PlanStep *s = g_new0 (PlanStep, 1);
      const StrataParamSpec *seed_spec = strata_param_specs_find (n->type->params, "seed");

      s->id = g_strdup (n->id);
      s->type = n->type;
      s->params = strata_params_copy (n->params);
      if (seed_spec != NULL && seed_spec->type == STRATA_PARAM_INT &&
          !strata_params_is_null (s->params, "seed"))
        s->seed = (guint64) strata_params_get_int (s->params, "seed");
      else
        s->seed = strata_node_derive_seed (strata_workflow_get_seed (workflow), n->id);
      s->salt = n->type->cache_salt != NULL ? n->type->cache_salt (s->params) : NULL;
      s->n_inputs = strata_node_type_get_n_inputs (n->type);
      s->n_outputs = strata_node_type_get_n_outputs (n->type);
      s->input_step = g_new (int, s->n_inputs + 1);
      s->input_port = g_new (int, s->n_inputs + 1);
      for (guint p = 0; p < s->n_inputs; p++)
        {
          const char *from_node, *from_port;

          s->input_step[p] = -1;
          s->input_port[p] = -1;
          if (strata_workflow_get_source (workflow, n->id, n->type->inputs[p].name,
                                          &from_node, &from_port))
            {
              /* Sources come earlier in the order: already planned. */
              s->input_step[p] = plan_find (plan, from_node);
              s->input_port[p] = strata_node_type_find_output (
                  strata_workflow_get_node_type (workflow, from_node), from_port);
              g_assert (s->input_step[p] >= 0 && s->input_port[p] >= 0);
            }
        }
      g_ptr_array_add (plan->steps, s);
    }
  return g_steal_pointer (&plan);
}

/* --- executor ------------------------------------------------------------- */

StrataExecutor *
strata_executor_new (void)
{
  StrataExecutor *ex = g_new0 (StrataExecutor, 1);

  ex->events = strata_event_queue_new ();
  ex->control = strata_train_control_new ();
  pthread_mutex_init (&ex->lock, NULL);
  ex->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, cache_entry_free);
  ex->results = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) strata_node_result_free);
  ex->port_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) g_strfreev);
  return ex;
}

void
strata_executor_free (StrataExecutor *executor)
{
  if (executor == NULL)
    return;
  g_return_if_fail (!g_atomic_int_get (&executor->running));
  g_hash_table_unref (executor->cache);
  g_hash_table_unref (executor->results);
  g_hash_table_unref (executor->port_names);
  pthread_mutex_destroy (&executor->lock);
  strata_event_queue_unref (executor->events);
  strata_train_control_unref (executor->control);
  g_free (executor);
}

StrataTrainControl *
strata_executor_get_train_control (StrataExecutor *executor)
{
  g_return_val_if_fail (executor != NULL, NULL);
  return executor->control;
}

StrataEventQueue *
strata_executor_get_events (StrataExecutor *executor)
{
  g_return_val_if_fail (executor != NULL, NULL);
  return executor->events;
}

gboolean
strata_executor_is_running (StrataExecutor *executor)
{
  g_return_val_if_fail (executor != NULL, FALSE);
  return g_atomic_int_get (&executor->running);
}

void
strata_executor_clear_cache (StrataExecutor *executor)
{
  g_return_if_fail (executor != NULL);
  pthread_mutex_lock (&executor->lock);
  g_hash_table_remove_all (executor->cache);
  pthread_mutex_unlock (&executor->lock);
}

StrataData *
strata_executor_dup_output (StrataExecutor *executor,
                            const char     *node_id,
                            const char     *port)
{
  StrataData *data = NULL;
  CacheEntry *e;
  GStrv names;

  g_return_val_if_fail (executor != NULL && node_id != NULL && port != NULL, NULL);

  pthread_mutex_lock (&executor->lock);
  e = g_hash_table_lookup (executor->cache, node_id);
  names = g_hash_table_lookup (executor->port_names, node_id);
  for (guint i = 0; e != NULL && names != NULL && i < e->n_outputs && names[i] != NULL; i++)
    if (strcmp (names[i], port) == 0 && e->outputs[i] != NULL)
      data = strata_data_ref (e->outputs[i]);
  pthread_mutex_unlock (&executor->lock);
  return data;
}

StrataNodeResult *
strata_executor_dup_result (StrataExecutor *executor,
                            const char     *node_id)
{
  StrataNodeResult *r, *copy = NULL;

  g_return_val_if_fail (executor != NULL && node_id != NULL, NULL);

  pthread_mutex_lock (&executor->lock);
  r = g_hash_table_lookup (executor->results, node_id);
  if (r != NULL)
    copy = result_copy (r);
  pthread_mutex_unlock (&executor->lock);
  return copy;
}

/* --- running -------------------------------------------------------------- */

static void
push (StrataExecutor *ex,
      StrataEvent    *e)
{
  strata_event_queue_push (ex->events, e);
}

/* Records the result and sends the matching final event. Takes @error. */
static void
finish_node (StrataExecutor   *ex,
             PlanStep         *s,
             StrataNodeStatus  status,
             double            seconds,
             gboolean          cached,
             StrataMetrics    *metrics,
             GError           *error)
{
  StrataNodeResult *r = g_new0 (StrataNodeResult, 1);
  StrataEvent *e;

  r->status = status;
  r->seconds = seconds;
  r->cached = cached;
  r->metrics = metrics != NULL ? strata_metrics_ref (metrics) : NULL;
  r->error = error;

  pthread_mutex_lock (&ex->lock);
  if (status != STRATA_NODE_STATUS_OK && status != STRATA_NODE_STATUS_CANCELLED)
    g_hash_table_remove (ex->cache, s->id);
  g_hash_table_replace (ex->results, g_strdup (s->id), r);
  pthread_mutex_unlock (&ex->lock);

  e = strata_event_new (status == STRATA_NODE_STATUS_OK ? STRATA_EVENT_NODE_FINISHED :
                        status == STRATA_NODE_STATUS_FAILED ? STRATA_EVENT_NODE_FAILED :
                        STRATA_EVENT_NODE_CANCELLED, s->id);
  e->seconds = seconds;
  e->cached = cached;
  e->metrics = metrics != NULL ? strata_metrics_ref (metrics) : NULL;
  e->error = error != NULL ? g_error_copy (error) : NULL;
  push (ex, e);
}

static char *
cache_key (PlanStep    *s,
           StrataData **inputs)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *params = strata_params_to_key (s->params);
  char buf[64];

  g_checksum_update (sum, (const guchar *) s->type->id, -1);
  g_checksum_update (sum, (const guchar *) "\n", 1);
  g_checksum_update (sum, (const guchar *) params, -1);
  g_checksum_update (sum, (const guchar *) "\n", 1);
  if (s->type->random)
    {
      g_snprintf (buf, sizeof buf, "seed=%" G_GUINT64_FORMAT "\n", s->seed);
      g_checksum_update (sum, (const guchar *) buf, -1);
    }
  if (s->salt != NULL)
    g_checksum_update (sum, (const guchar *) s->salt, -1);
  g_checksum_update (sum, (const guchar *) "\n", 1);
  for (guint p = 0; p < s->n_inputs; p++)
    {
      g_snprintf (buf, sizeof buf, "in%u=%" G_GUINT64_FORMAT "\n", p,
                  inputs[p] != NULL ? strata_data_get_id (inputs[p]) : 0);
      g_checksum_update (sum, (const guchar *) buf, -1);
    }
  return g_strdup (g_checksum_get_string (sum));
}

/* Looks for a cached result under @key; on a hit fills @outputs (new refs)
 * and @metrics (new ref or NULL). */
static gboolean
cache_lookup (StrataExecutor  *ex,
              PlanStep        *s,
              const char      *key,
              StrataData     **outputs,
              StrataMetrics  **metrics)
{
  CacheEntry *e;
  gboolean hit = FALSE;

  pthread_mutex_lock (&ex->lock);
  e = g_hash_table_lookup (ex->cache, s->id);
  if (e != NULL && strcmp (e->key, key) == 0 && e->n_outputs == s->n_outputs)
    {
      for (guint i = 0; i < s->n_outputs; i++)
        outputs[i] = e->outputs[i] != NULL ? strata_data_ref (e->outputs[i]) : NULL;
      *metrics = e->metrics != NULL ? strata_metrics_ref (e->metrics) : NULL;
      hit = TRUE;
    }
  pthread_mutex_unlock (&ex->lock);
  return hit;
}

static void
cache_store (StrataExecutor *ex,
             PlanStep       *s,
             char           *key,
             StrataData    **outputs,
             StrataMetrics  *metrics)
{
  CacheEntry *e = g_new0 (CacheEntry, 1);
  GPtrArray *names = g_ptr_array_new ();

  e->key = key;
  e->n_outputs = s->n_outputs;
  e->outputs = g_new0 (StrataData *, s->n_outputs + 1);
  for (guint i = 0; i < s->n_outputs; i++)
    {
      e->outputs[i] = outputs[i] != NULL ? strata_data_ref (outputs[i]) : NULL;
      g_ptr_array_add (names, g_strdup (s->type->outputs[i].name));
    }
  g_ptr_array_add (names, NULL);
  e->metrics = metrics != NULL ? strata_metrics_ref (metrics) : NULL;

  pthread_mutex_lock (&ex->lock);
  g_hash_table_replace (ex->cache, g_strdup (s->id), e);
  g_hash_table_replace (ex->port_names, g_strdup (s->id), g_ptr_array_free (names, FALSE));
  pthread_mutex_unlock (&ex->lock);
}

/* Gathers the inputs of @s from the outputs of earlier steps. On a problem
 * returns the status the node ends with and sets @error. */
static StrataNodeStatus
gather_inputs (Plan              *plan,
               PlanStep          *s,
               StrataNodeStatus  *status,
               StrataData      ***outputs,
               StrataData       **inputs,
               GError           **error)
{
  for (guint p = 0; p < s->n_inputs; p++)
    {
      int from = s->input_step[p];
      PlanStep *src;
      StrataData *d;
      const char *want = s->type->inputs[p].kind;

      inputs[p] = NULL;
      if (from < 0)
        continue;
      src = plan->steps->pdata[from];
      if (status[from] == STRATA_NODE_STATUS_CANCELLED)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");
          return STRATA_NODE_STATUS_CANCELLED;
        }
      if (status[from] != STRATA_NODE_STATUS_OK)
        {
          g_set_error (error, STRATA_NODE_ERROR, STRATA_NODE_ERROR_UPSTREAM,
                       "node “%s” (%s): not run because node “%s” failed",
                       s->id, s->type->id, src->id);
          return STRATA_NODE_STATUS_FAILED;
        }
      d = outputs[from][s->input_port[p]];
      if (d == NULL)
        {
          if (s->type->inputs[p].optional)
            continue;
          g_set_error (error, STRATA_NODE_ERROR, STRATA_NODE_ERROR_INPUT,
                       "node “%s” (%s): input “%s” gets nothing: node “%s” produced no “%s”",
                       s->id, s->type->id, s->type->inputs[p].name, src->id,
                       src->type->outputs[s->input_port[p]].name);
          return STRATA_NODE_STATUS_FAILED;
        }
      if (!strata_data_kind_compatible (strata_data_get_kind (d), want))
        {
          g_set_error (error, STRATA_NODE_ERROR, STRATA_NODE_ERROR_INPUT,
                       "node “%s” (%s): input “%s” expects %s, node “%s” gave %s",
                       s->id, s->type->id, s->type->inputs[p].name, want, src->id,
                       strata_data_get_kind (d));
          return STRATA_NODE_STATUS_FAILED;
        }
      inputs[p] = d;
    }
  return STRATA_NODE_STATUS_OK;
}

/* Runs one step (or reuses its cache); returns its final status. */
static StrataNodeStatus
run_step (StrataExecutor  *ex,
          Plan            *plan,
          guint            index,
          StrataNodeStatus *status,
          StrataData     ***outputs,
          GCancellable    *cancellable)
{
  PlanStep *s = plan->steps->pdata[index];
  g_autofree StrataData **inputs = g_new0 (StrataData *, s->n_inputs + 1);
  g_autoptr(StrataMetrics) metrics = NULL;
  g_autoptr(StrataNodeContext) ctx = NULL;
  GError *error = NULL;
  StrataNodeStatus st;
  char *key;
  gint64 t0;
  double seconds;
  gboolean ok;

  outputs[index] = g_new0 (StrataData *, s->n_outputs + 1);

  if (g_cancellable_is_cancelled (cancellable))
    {
      finish_node (ex, s, STRATA_NODE_STATUS_CANCELLED, 0, FALSE, NULL,
                   g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled"));
      return STRATA_NODE_STATUS_CANCELLED;
    }
  st = gather_inputs (plan, s, status, outputs, inputs, &error);
  if (st != STRATA_NODE_STATUS_OK)
    {
      finish_node (ex, s, st, 0, FALSE, NULL, error);
      return st;
    }

  key = cache_key (s, inputs);
  if (cache_lookup (ex, s, key, outputs[index], &metrics))
    {
      g_free (key);
      finish_node (ex, s, STRATA_NODE_STATUS_OK, 0, TRUE, metrics, NULL);
      return STRATA_NODE_STATUS_OK;
    }

  push (ex, strata_event_new (STRATA_EVENT_NODE_STARTED, s->id));
  ctx = strata_node_context_new (s->id, s->seed, cancellable, ex->events);
  strata_node_context_set_registry (ctx, plan->registry);
  strata_node_context_set_train_control (ctx, ex->control);
  t0 = g_get_monotonic_time ();
  ok = strata_node_type_run (s->type, ctx, s->params, inputs, outputs[index], &error);
  seconds = (g_get_monotonic_time () - t0) / 1e6;
  for (guint i = 0; ok && i < s->n_outputs; i++)
    if (outputs[index][i] == NULL && !s->type->outputs[i].optional)
      {
        ok = FALSE;
        g_set_error (&error, STRATA_NODE_ERROR, STRATA_NODE_ERROR_FAILED,
                     "produced no “%s” output", s->type->outputs[i].name);
      }
  if (!ok)
    {
      g_free (key);
      for (guint i = 0; i < s->n_outputs; i++)
        g_clear_pointer (&outputs[index][i], strata_data_unref);
      if (error == NULL)
        g_set_error (&error, STRATA_NODE_ERROR, STRATA_NODE_ERROR_FAILED, "failed");
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          g_cancellable_is_cancelled (cancellable))
        {
          finish_node (ex, s, STRATA_NODE_STATUS_CANCELLED, seconds, FALSE, NULL, error);
          return STRATA_NODE_STATUS_CANCELLED;
        }
      g_prefix_error (&error, "node “%s” (%s): ", s->id, s->type->id);
      finish_node (ex, s, STRATA_NODE_STATUS_FAILED, seconds, FALSE, NULL, error);
      return STRATA_NODE_STATUS_FAILED;
    }
  metrics = strata_metrics_copy (strata_node_context_get_metrics (ctx));
  cache_store (ex, s, key, outputs[index], metrics);
  finish_node (ex, s, STRATA_NODE_STATUS_OK, seconds, FALSE, metrics, NULL);
  return STRATA_NODE_STATUS_OK;
}

static gboolean
run_plan (StrataExecutor  *ex,
          Plan            *plan,
          GCancellable    *cancellable,
          GError         **error)
{
  guint n = plan->steps->len;
  g_autofree StrataNodeStatus *status = g_new0 (StrataNodeStatus, n + 1);
  g_autofree StrataData ***outputs = g_new0 (StrataData **, n + 1);
  g_autoptr(GHashTable) keep = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer id;
  GError *first = NULL;
  StrataEvent *done;
  gint64 t0 = g_get_monotonic_time ();

  /* Forget nodes that left the workflow; mark the others queued. */
  for (guint i = 0; i < n; i++)
    g_hash_table_add (keep, ((PlanStep *) plan->steps->pdata[i])->id);
  pthread_mutex_lock (&ex->lock);
  g_hash_table_iter_init (&iter, ex->cache);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    if (!g_hash_table_contains (keep, id))
      g_hash_table_iter_remove (&iter);
  g_hash_table_iter_init (&iter, ex->port_names);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    if (!g_hash_table_contains (keep, id))
      g_hash_table_iter_remove (&iter);
  g_hash_table_remove_all (ex->results);
  for (guint i = 0; i < n; i++)
    {
      StrataNodeResult *r = g_new0 (StrataNodeResult, 1);
      r->status = STRATA_NODE_STATUS_QUEUED;
      g_hash_table_replace (ex->results, g_strdup (((PlanStep *) plan->steps->pdata[i])->id), r);
    }
  pthread_mutex_unlock (&ex->lock);
  for (guint i = 0; i < n; i++)
    push (ex, strata_event_new (STRATA_EVENT_NODE_QUEUED, ((PlanStep *) plan->steps->pdata[i])->id));

  for (guint i = 0; i < n; i++)
    {
      status[i] = run_step (ex, plan, i, status, outputs, cancellable);
      if (status[i] != STRATA_NODE_STATUS_OK && first == NULL)
        {
          g_autoptr(StrataNodeResult) r = strata_executor_dup_result (ex, ((PlanStep *) plan->steps->pdata[i])->id);
          first = g_error_copy (r->error);
        }
    }

  for (guint i = 0; i < n; i++)
    {
      PlanStep *s = plan->steps->pdata[i];
      for (guint k = 0; outputs[i] != NULL && k < s->n_outputs; k++)
        g_clear_pointer (&outputs[i][k], strata_data_unref);
      g_free (outputs[i]);
    }

  done = strata_event_new (STRATA_EVENT_RUN_FINISHED, NULL);
  done->seconds = (g_get_monotonic_time () - t0) / 1e6;
  done->error = first != NULL ? g_error_copy (first) : NULL;
  push (ex, done);

  if (first != NULL)
    {
      g_propagate_error (error, first);
      return FALSE;
    }
  return TRUE;
}

static gboolean
begin (StrataExecutor *ex,
       GError        **error)
{
  if (!g_atomic_int_compare_and_exchange (&ex->running, FALSE, TRUE))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY, "the workflow is already running");
      return FALSE;
    }
  strata_train_control_reset (ex->control);
  return TRUE;
}

gboolean
strata_executor_run (StrataExecutor  *executor,
                     StrataWorkflow  *workflow,
                     GCancellable    *cancellable,
                     GError         **error)
{
  g_autoptr(Plan) plan = NULL;
  gboolean ok;

  g_return_val_if_fail (executor != NULL && workflow != NULL, FALSE);

  if (!begin (executor, error))
    return FALSE;
  plan = plan_new (workflow, error);
  if (plan == NULL)
    {
      g_atomic_int_set (&executor->running, FALSE);
      return FALSE;
    }
  ok = run_plan (executor, plan, cancellable, error);
  g_atomic_int_set (&executor->running, FALSE);
  return ok;
}

typedef struct {
  StrataExecutor *executor;          /* borrowed: outlives the run */
  Plan           *plan;              /* owned */
} RunData;

static void
run_data_free (gpointer p)
{
  RunData *d = p;

  TSAN_ACQUIRE (d);
  plan_free (d->plan);
  g_free (d);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RunData *d = task_data;
  StrataExecutor *ex;
  GError *error = NULL;
  gboolean ok;

  TSAN_ACQUIRE (d);
  ex = d->executor;
  ok = run_plan (ex, d->plan, cancellable, &error);
  TSAN_RELEASE (d);   /* d is not touched after this */
  g_atomic_int_set (&ex->running, FALSE);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* A run of its own at lower priority. Linux keeps a niceness per thread
 * (setpriority on a thread id) and pthread_create copies it, so the
 * trainer's workers started from here inherit it. Raising niceness needs
 * no privilege; lowering it back would, hence a thread of our own rather
 * than one of GLib's pool, which other GTasks share. */
static gpointer
background_thread (gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  RunData *d = g_task_get_task_data (task);

#ifdef __linux__
  if (setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid),
                   d->executor->background_nice) != 0)
    g_debug ("strata-executor: setpriority: %s", g_strerror (errno));
#endif
  run_thread (task, NULL, d, g_task_get_cancellable (task));
  return NULL;
}

void
strata_executor_set_background_nice (StrataExecutor *executor,
                                     int             nice_increment)
{
  g_return_if_fail (executor != NULL);
  executor->background_nice = CLAMP (nice_increment, 0, 19);
}

void
strata_executor_run_async (StrataExecutor      *executor,
                           StrataWorkflow      *workflow,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  RunData *d;
  Plan *plan;

  g_return_if_fail (executor != NULL && workflow != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, strata_executor_run_async);
  g_task_set_return_on_cancel (task, FALSE);
  /* Cancellation is reported per node; the task itself completes normally. */
  g_task_set_check_cancellable (task, FALSE);
  if (!begin (executor, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  plan = plan_new (workflow, &error);
  if (plan == NULL)
    {
      g_atomic_int_set (&executor->running, FALSE);
      g_task_return_error (task, error);
      return;
    }
  d = g_new0 (RunData, 1);
  d->executor = executor;
  d->plan = plan;
  g_task_set_task_data (task, d, run_data_free);
  TSAN_RELEASE (d);
  if (executor->background_nice > 0)
    {
      GThread *thread = g_thread_try_new ("strata-run", background_thread,
                                          g_object_ref (task), NULL);

      if (thread != NULL)
        {
          g_thread_unref (thread);
          return;
        }
      g_object_unref (task);   /* the thread's reference */
    }
  g_task_run_in_thread (task, run_thread);
}

gboolean
strata_executor_run_finish (StrataExecutor  *executor,
                            GAsyncResult    *result,
                            GError         **error)
{
  g_return_val_if_fail (executor != NULL, FALSE);
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
