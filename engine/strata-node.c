/* strata-node.c — node types, node contexts and the registry
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * Node types are static constant tables; the registry only indexes them
 * (a hash by id plus a sorted array for listing), so it can be shared by
 * every thread once built. A context is the node's only link to the rest
 * of the program while it runs: events go out through it, cancellation and
 * the seed come in through it. Progress events are rate-limited here so a
 * tight loop that reports every row cannot flood the queue.
 */

#include "strata-node.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

G_DEFINE_QUARK (strata-node-error-quark, strata_node_error)

gboolean
strata_node_param_error (GError    **error,
                         const char *param,
                         const char *format,
                         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, STRATA_NODE_ERROR, STRATA_NODE_ERROR_PARAM,
               "parameter “%s”: %s", param, message);
  return FALSE;
}

#define PROGRESS_INTERVAL_US (20 * 1000)

/* --- context fields (used by strata_node_type_run too) ---------------------- */

struct _StrataNodeContext {
  char             *node_id;
  guint64           seed;
  GCancellable     *cancellable;   /* borrowed, nullable */
  StrataEventQueue *events;        /* owned ref, nullable */
  StrataMetrics    *metrics;       /* owned */
  StrataRegistry   *registry;      /* owned ref, nullable */
  const StrataNodeType *type;      /* static, nullable */
  gint64            last_progress; /* µs, monotonic */
  StrataTrainInfo   train_info;    /* last strata_node_context_train_info */
  StrataTrainControl *control;     /* owned ref, nullable */
};

/* --- types ---------------------------------------------------------------- */

static guint
count_ports (const StrataPortSpec *ports)
{
  guint n = 0;

  while (ports != NULL && ports[n].name != NULL)
    n++;
  return n;
}

guint
strata_node_type_get_n_inputs (const StrataNodeType *type)
{
  g_return_val_if_fail (type != NULL, 0);
  return count_ports (type->inputs);
}

guint
strata_node_type_get_n_outputs (const StrataNodeType *type)
{
  g_return_val_if_fail (type != NULL, 0);
  return count_ports (type->outputs);
}

static int
find_port (const StrataPortSpec *ports,
           const char           *name)
{
  for (guint i = 0; ports != NULL && ports[i].name != NULL; i++)
    if (strcmp (ports[i].name, name) == 0)
      return (int) i;
  return -1;
}

int
strata_node_type_find_input (const StrataNodeType *type,
                             const char           *name)
{
  g_return_val_if_fail (type != NULL && name != NULL, -1);
  return find_port (type->inputs, name);
}

int
strata_node_type_find_output (const StrataNodeType *type,
                              const char           *name)
{
  g_return_val_if_fail (type != NULL && name != NULL, -1);
  return find_port (type->outputs, name);
}

gboolean
strata_node_type_run (const StrataNodeType *type,
                      StrataNodeContext    *context,
                      StrataParams         *params,
                      StrataData          **inputs,
                      StrataData          **outputs,
                      GError              **error)
{
  const StrataNodeType *outer;
  gboolean ok;

  g_return_val_if_fail (type != NULL && context != NULL && params != NULL, FALSE);
  g_return_val_if_fail (outputs != NULL, FALSE);

  outer = context->type;
  context->type = type;
  ok = type->run (context, params, inputs, outputs, error);
  context->type = outer;
  return ok;
}

/* Abstract port kinds and the concrete kinds that satisfy them: a "model"
 * input takes any fitted model. Each kind listed here declares a model
 * class on its StrataDataType (strata-model.h). */
static const struct {
  const char *kind;
  const char *satisfies;
} kind_parents[] = {
  { STRATA_DATA_NETWORK, STRATA_DATA_MODEL },
  { STRATA_DATA_TREE,    STRATA_DATA_MODEL },
};

gboolean
strata_data_kind_compatible (const char *from,
                             const char *to)
{
  g_return_val_if_fail (from != NULL && to != NULL, FALSE);
  if (strcmp (from, STRATA_DATA_ANY) == 0 || strcmp (to, STRATA_DATA_ANY) == 0 ||
      strcmp (from, to) == 0)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (kind_parents); i++)
    if (strcmp (from, kind_parents[i].kind) == 0 && strcmp (to, kind_parents[i].satisfies) == 0)
      return TRUE;
  return FALSE;
}

/* --- context -------------------------------------------------------------- */


StrataNodeContext *
strata_node_context_new (const char       *node_id,
                         guint64           seed,
                         GCancellable     *cancellable,
                         StrataEventQueue *events)
{
  StrataNodeContext *c = g_new0 (StrataNodeContext, 1);

  c->node_id = g_strdup (node_id != NULL ? node_id : "");
  c->seed = seed;
  c->cancellable = cancellable;
  c->events = events != NULL ? strata_event_queue_ref (events) : NULL;
  c->metrics = strata_metrics_new ();
  c->train_info.learning_rate = NAN;
  return c;
}

void
strata_node_context_free (StrataNodeContext *context)
{
  if (context == NULL)
    return;
  g_free (context->node_id);
  g_clear_pointer (&context->events, strata_event_queue_unref);
  strata_metrics_unref (context->metrics);
  g_clear_pointer (&context->registry, strata_registry_unref);
  g_clear_pointer (&context->control, strata_train_control_unref);
  g_free (context);
}

const char *
strata_node_context_get_node_id (StrataNodeContext *context)
{
  g_return_val_if_fail (context != NULL, NULL);
  return context->node_id;
}

const StrataNodeType *
strata_node_context_get_type (StrataNodeContext *context)
{
  g_return_val_if_fail (context != NULL, NULL);
  return context->type;
}

StrataRegistry *
strata_node_context_get_registry (StrataNodeContext *context)
{
  g_return_val_if_fail (context != NULL, NULL);
  return context->registry;
}

void
strata_node_context_set_registry (StrataNodeContext *context,
                                  StrataRegistry    *registry)
{
  g_return_if_fail (context != NULL);
  if (registry != NULL)
    strata_registry_ref (registry);
  g_clear_pointer (&context->registry, strata_registry_unref);
  context->registry = registry;
}

GCancellable *
strata_node_context_get_cancellable (StrataNodeContext *context)
{
  g_return_val_if_fail (context != NULL, NULL);
  return context->cancellable;
}

guint64
strata_node_context_get_seed (StrataNodeContext *context)
{
  g_return_val_if_fail (context != NULL, 0);
  return context->seed;
}

gboolean
strata_node_context_check_cancelled (StrataNodeContext *context,
                                     GError           **error)
{
  g_return_val_if_fail (context != NULL, FALSE);
  return g_cancellable_set_error_if_cancelled (context->cancellable, error);
}

static void
emit (StrataNodeContext *context,
      StrataEvent       *event)
{
  if (context->events != NULL)
    strata_event_queue_push (context->events, event);
  else
    strata_event_free (event);
}

void
strata_node_context_progress (StrataNodeContext *context,
                              double             fraction,
                              const char        *message)
{
  StrataEvent *e;
  gint64 now;

  g_return_if_fail (context != NULL);

  now = g_get_monotonic_time ();
  if (context->last_progress != 0 && now - context->last_progress < PROGRESS_INTERVAL_US)
    return;
  context->last_progress = now;
  e = strata_event_new (STRATA_EVENT_NODE_PROGRESS, context->node_id);
  e->fraction = fraction < 0 ? -1.0 : CLAMP (fraction, 0.0, 1.0);
  e->message = g_strdup (message);
  emit (context, e);
}

void
strata_node_context_warning (StrataNodeContext *context,
                             const char        *message)
{
  StrataEvent *e;

  g_return_if_fail (context != NULL && message != NULL);
  e = strata_event_new (STRATA_EVENT_NODE_WARNING, context->node_id);
  e->message = g_strdup (message);
  emit (context, e);
}

void
strata_node_context_set_metric (StrataNodeContext *context,
                                const char        *name,
                                double             value)
{
  g_return_if_fail (context != NULL && name != NULL);
  strata_metrics_set (context->metrics, name, value);
}

StrataMetrics *
strata_node_context_get_metrics (StrataNodeContext *context)
{
  g_return_val_if_fail (context != NULL, NULL);
  return context->metrics;
}

static void
set_train_info (StrataNodeContext *context,
                StrataEvent       *e)
{
  e->n_epochs = context->train_info.n_epochs;
  e->steps_per_epoch = context->train_info.steps_per_epoch;
  e->batch_size = context->train_info.batch_size;
  e->learning_rate = context->train_info.learning_rate;
}

void
strata_node_context_train_info (StrataNodeContext     *context,
                                const StrataTrainInfo *info)
{
  g_return_if_fail (context != NULL && info != NULL);
  context->train_info = *info;
}

void
strata_node_context_set_train_control (StrataNodeContext  *context,
                                       StrataTrainControl *control)
{
  g_return_if_fail (context != NULL);
  if (control != NULL)
    strata_train_control_ref (control);
  g_clear_pointer (&context->control, strata_train_control_unref);
  context->control = control;
}

gboolean
strata_node_context_train_stop_requested (StrataNodeContext *context)
{
  g_return_val_if_fail (context != NULL, FALSE);
  return context->control != NULL && strata_train_control_is_stopped (context->control);
}

void
strata_node_context_train_step (StrataNodeContext *context,
                                guint              epoch,
                                guint64            step,
                                double             loss,
                                guint64            samples)
{
  StrataEvent *e;

  g_return_if_fail (context != NULL);
  e = strata_event_new (STRATA_EVENT_TRAIN_STEP, context->node_id);
  e->epoch = epoch;
  e->step = step;
  e->loss = loss;
  e->samples = samples;
  set_train_info (context, e);
  emit (context, e);
  if (context->control != NULL)
    strata_train_control_wait (context->control, context->cancellable);
}

void
strata_node_context_train_epoch (StrataNodeContext *context,
                                 guint              epoch,
                                 StrataMetrics     *metrics)
{
  StrataEvent *e;

  g_return_if_fail (context != NULL && metrics != NULL);
  e = strata_event_new (STRATA_EVENT_TRAIN_EPOCH, context->node_id);
  e->epoch = epoch;
  e->metrics = strata_metrics_copy (metrics);
  set_train_info (context, e);
  emit (context, e);
}

void
strata_node_context_output_table (StrataNodeContext *context,
                                  StrataData       **slot,
                                  StrataTable       *table,
                                  gboolean           main_output)
{
  g_return_if_fail (context != NULL && slot != NULL && table != NULL);

  if (main_output)
    {
      strata_metrics_set (context->metrics, "rows", (double) strata_table_get_n_rows (table));
      strata_metrics_set (context->metrics, "columns", (double) strata_table_get_n_columns (table));
    }
  *slot = strata_data_new_table (table);
  strata_table_unref (table);
}

StrataData *
strata_node_context_output_metrics (StrataNodeContext *context,
                                    const char *const *names,
                                    const double      *values,
                                    guint              n)
{
  g_autoptr(StrataMetrics) m = strata_metrics_new ();

  g_return_val_if_fail (context != NULL && (n == 0 || (names != NULL && values != NULL)), NULL);

  for (guint i = 0; i < n; i++)
    {
      strata_metrics_set (m, names[i], values[i]);
      strata_metrics_set (context->metrics, names[i], values[i]);
    }
  return strata_data_new_metrics (m);
}

static guint64
splitmix64 (guint64 x)
{
  x += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
  x = (x ^ (x >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  x = (x ^ (x >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return x ^ (x >> 31);
}

guint64
strata_node_derive_seed (guint64     workflow_seed,
                         const char *node_id)
{
  /* FNV-1a of the id: stable across runs, platforms and GLib versions
   * (g_str_hash is not promised to be). */
  guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325);

  for (const guchar *p = (const guchar *) node_id; p != NULL && *p != '\0'; p++)
    {
      h ^= *p;
      h *= G_GUINT64_CONSTANT (0x100000001b3);
    }
  return splitmix64 (workflow_seed ^ splitmix64 (h));
}

/* --- registry ------------------------------------------------------------- */

struct _StrataRegistry {
  gatomicrefcount  ref_count;
  GHashTable      *by_id;     /* id → const StrataNodeType* */
  GPtrArray       *sorted;    /* of const StrataNodeType*, NULL-terminated */
};

StrataRegistry *
strata_registry_new (void)
{
  StrataRegistry *r = g_new0 (StrataRegistry, 1);

  g_atomic_ref_count_init (&r->ref_count);
  r->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  r->sorted = g_ptr_array_new ();
  g_ptr_array_add (r->sorted, NULL);
  return r;
}

StrataRegistry *
strata_registry_new_default (void)
{
  StrataRegistry *registry = strata_registry_new ();

#define STRATA_NODE_GROUP(group) strata_nodes_##group##_register (registry);
#include "strata-node-groups.h"
#undef STRATA_NODE_GROUP

  return registry;
}

StrataRegistry *
strata_registry_ref (StrataRegistry *registry)
{
  g_return_val_if_fail (registry != NULL, NULL);
  g_atomic_ref_count_inc (&registry->ref_count);
  return registry;
}

void
strata_registry_unref (StrataRegistry *registry)
{
  g_return_if_fail (registry != NULL);
  if (!g_atomic_ref_count_dec (&registry->ref_count))
    return;
  g_hash_table_unref (registry->by_id);
  g_ptr_array_unref (registry->sorted);
  g_free (registry);
}

static int
group_rank (const char *group)
{
  static const char *const order[] = { "data", "clean", "mine", "model", "evaluate" };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (g_strcmp0 (group, order[i]) == 0)
      return (int) i;
  return G_N_ELEMENTS (order);
}

static int
compare_types (gconstpointer a,
               gconstpointer b)
{
  const StrataNodeType *ta = *(const StrataNodeType *const *) a;
  const StrataNodeType *tb = *(const StrataNodeType *const *) b;
  int ra = group_rank (ta->group), rb = group_rank (tb->group);

  if (ra != rb)
    return ra < rb ? -1 : 1;
  return strcmp (ta->id, tb->id);
}

static gboolean
check_ports (const StrataNodeType *type,
             const StrataPortSpec *ports)
{
  for (guint i = 0; ports != NULL && ports[i].name != NULL; i++)
    {
      if (ports[i].kind == NULL)
        {
          g_critical ("node type “%s”: port “%s” has no kind", type->id, ports[i].name);
          return FALSE;
        }
      for (guint j = 0; j < i; j++)
        if (strcmp (ports[i].name, ports[j].name) == 0)
          {
            g_critical ("node type “%s”: two ports called “%s”", type->id, ports[i].name);
            return FALSE;
          }
    }
  return TRUE;
}

void
strata_registry_add (StrataRegistry       *registry,
                     const StrataNodeType *type)
{
  g_return_if_fail (registry != NULL && type != NULL);

  if (type->id == NULL || type->group == NULL || type->title == NULL ||
      type->help == NULL || type->run == NULL)
    {
      g_critical ("node type “%s”: id, group, title, help and run are required",
                  type->id != NULL ? type->id : "(null)");
      return;
    }
  if (g_hash_table_contains (registry->by_id, type->id))
    {
      g_critical ("node type “%s” is registered twice", type->id);
      return;
    }
  if (!check_ports (type, type->inputs) || !check_ports (type, type->outputs))
    return;
  for (guint i = 0; type->params != NULL && type->params[i].name != NULL; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!strata_param_spec_check (&type->params[i], &error))
        {
          g_critical ("node type “%s”: %s", type->id, error->message);
          return;
        }
      for (guint j = 0; j < i; j++)
        if (strcmp (type->params[i].name, type->params[j].name) == 0)
          {
            g_critical ("node type “%s”: two parameters called “%s”", type->id, type->params[i].name);
            return;
          }
    }

  g_hash_table_insert (registry->by_id, (gpointer) type->id, (gpointer) type);
  g_ptr_array_remove_index (registry->sorted, registry->sorted->len - 1);
  g_ptr_array_add (registry->sorted, (gpointer) type);
  g_ptr_array_sort (registry->sorted, compare_types);
  g_ptr_array_add (registry->sorted, NULL);
}

const StrataNodeType *
strata_registry_lookup (StrataRegistry *registry,
                        const char     *id)
{
  g_return_val_if_fail (registry != NULL, NULL);
  if (id == NULL)
    return NULL;
  return g_hash_table_lookup (registry->by_id, id);
}

const StrataNodeType *const *
strata_registry_list (StrataRegistry *registry,
                      guint          *n_types)
{
  g_return_val_if_fail (registry != NULL, NULL);
  if (n_types != NULL)
    *n_types = registry->sorted->len - 1;
  return (const StrataNodeType *const *) registry->sorted->pdata;
}

char *
strata_node_file_stamp (const char *path)
{
  GStatBuf st;

  if (path == NULL || g_stat (path, &st) != 0)
    return g_strdup ("missing");
  return g_strdup_printf ("size=%" G_GINT64_FORMAT " mtime=%" G_GINT64_FORMAT,
                          (gint64) st.st_size, (gint64) st.st_mtime);
}

char *
strata_node_path_cache_salt (StrataParams *params)
{
  g_return_val_if_fail (params != NULL, NULL);

  return strata_node_file_stamp (strata_params_get_string (params, "path"));
}
