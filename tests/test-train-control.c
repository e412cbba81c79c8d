/* test-train-control.c — Pause / Step / Stop of a training node
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The control alone (a thread waiting in it), then the model.network node
 * run on a thread of its own with a control, as the executor runs it: the
 * events it pushes are counted by the test, so "paused" means no TRAIN_STEP
 * arrives, "step" means exactly one more, and "stop" means the node
 * returns OK with a network whose recorded history has as many batches as
 * the events the test saw — fewer than a full run's.
 */

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "strata-executor.h"
#include "strata-node.h"
#include "strata-train-control.h"

/* --- the control alone ------------------------------------------------------------ */

typedef struct {
  StrataTrainControl *control;
  GCancellable       *cancellable;
  gint                passed;    /* atomic: waits that returned */
  guint               n_waits;
} Waiter;

static gpointer
waiter_thread (gpointer data)
{
  Waiter *w = data;

  for (guint i = 0; i < w->n_waits; i++)
    {
      strata_train_control_wait (w->control, w->cancellable);
      g_atomic_int_inc (&w->passed);
    }
  return NULL;
}

/* Polls @w->passed until it is @expected or 10 s passed. */
static void
wait_for_passed (Waiter *w,
                 gint    expected)
{
  gint64 end = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

  while (g_atomic_int_get (&w->passed) < expected && g_get_monotonic_time () < end)
    g_usleep (1000);
  g_assert_cmpint (g_atomic_int_get (&w->passed), ==, expected);
}

static void
test_control (void)
{
  g_autoptr(StrataTrainControl) control = strata_train_control_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Waiter w = { control, cancellable, 0, 5 };
  GThread *thread;

  strata_train_control_pause (control);
  g_assert_true (strata_train_control_is_paused (control));
  thread = g_thread_new ("waiter", waiter_thread, &w);
  g_usleep (100 * 1000);
  g_assert_cmpint (g_atomic_int_get (&w.passed), ==, 0);     /* paused: held */

  strata_train_control_step (control);                       /* one through */
  wait_for_passed (&w, 1);
  g_usleep (100 * 1000);
  g_assert_cmpint (g_atomic_int_get (&w.passed), ==, 1);     /* and only one */

  strata_train_control_step (control);
  strata_train_control_step (control);                       /* two granted */
  wait_for_passed (&w, 3);
  g_assert_true (strata_train_control_is_paused (control));

  g_cancellable_cancel (cancellable);                        /* cancel frees it */
  wait_for_passed (&w, 5);
  g_thread_join (thread);

  /* Stop resumes and sticks; step does nothing while running. */
  strata_train_control_stop (control);
  g_assert_false (strata_train_control_is_paused (control));
  g_assert_true (strata_train_control_is_stopped (control));
  strata_train_control_pause (control);
  g_assert_false (strata_train_control_is_paused (control));
  strata_train_control_reset (control);
  g_assert_false (strata_train_control_is_stopped (control));
}

/* --- model.network with a control --------------------------------------------------- */

static StrataColumn *
numeric (const char *name,
         double     *values,
         gsize       n)
{
  return strata_column_new_numeric (name, values, n);
}

/* n rows of two uniform features and the class of x1 > 0.5·x0. */
static StrataTable *
separable_table (gsize n)
{
  g_autoptr(GRand) rng = g_rand_new_with_seed (3);
  double *x0 = g_new (double, n), *x1 = g_new (double, n);
  gint32 *codes = g_new (gint32, n);
  char **names = g_new0 (char *, 3);
  StrataColumn *cols[3];
  StrataTable *t;

  names[0] = g_strdup ("above");
  names[1] = g_strdup ("below");
  for (gsize i = 0; i < n; i++)
    {
      x0[i] = g_rand_double_range (rng, -1, 1);
      x1[i] = g_rand_double_range (rng, -1, 1);
      codes[i] = x1[i] > 0.5 * x0[i] ? 0 : 1;
    }
  cols[0] = numeric ("x0", x0, n);
  cols[1] = numeric ("x1", x1, n);
  cols[2] = strata_column_new_categorical ("side", codes, n, names);
  t = strata_table_new (cols, 3, NULL);
  for (guint i = 0; i < 3; i++)
    strata_column_unref (cols[i]);
  return t;
}

#define ROWS    200
#define BATCH   20
#define EPOCHS  4
#define STEPS   (ROWS / BATCH)           /* no validation rows */

typedef struct {
  StrataRegistry     *registry;
  StrataParams       *params;
  StrataEventQueue   *events;
  StrataTrainControl *control;
  GCancellable       *cancellable;
  StrataTable        *table;
  StrataData         *out[2];
  StrataMetrics      *metrics;
  GError             *error;
  gboolean            ok;
} Run;

static gpointer
run_thread (gpointer data)
{
  Run *r = data;
  const StrataNodeType *type = strata_registry_lookup (r->registry, "model.network");
  g_autoptr(StrataNodeContext) ctx = strata_node_context_new ("net", 7, r->cancellable, r->events);
  g_autoptr(StrataData) in = strata_data_new_table (r->table);
  StrataData *inputs[2] = { in, NULL };

  strata_node_context_set_train_control (ctx, r->control);
  r->ok = type->run (ctx, r->params, inputs, r->out, &r->error);
  r->metrics = strata_metrics_ref (strata_node_context_get_metrics (ctx));
  return NULL;
}

static void
set_json (StrataParams *params,
          const char   *name,
          const char   *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) value = json_from_string (json, &error);

  g_assert_no_error (error);
  g_assert_true (strata_params_set (params, name, value, &error));
  g_assert_no_error (error);
}

static void
run_init (Run *r)
{
  const StrataNodeType *type;

  memset (r, 0, sizeof *r);
  r->registry = strata_registry_new_default ();
  type = strata_registry_lookup (r->registry, "model.network");
  r->params = strata_params_new (type->params);
  set_json (r->params, "target", "\"side\"");
  set_json (r->params, "layers", "[{\"type\": \"dense\", \"out_features\": 8}, {\"type\": \"tanh\"}]");
  set_json (r->params, "learning_rate", "0.05");
  set_json (r->params, "epochs", G_STRINGIFY (EPOCHS));
  set_json (r->params, "batch_size", G_STRINGIFY (BATCH));
  set_json (r->params, "validation_fraction", "0");
  r->events = strata_event_queue_new ();
  r->control = strata_train_control_new ();
  r->cancellable = g_cancellable_new ();
  r->table = separable_table (ROWS);
}

static void
run_clear (Run *r)
{
  for (guint i = 0; i < 2; i++)
    g_clear_pointer (&r->out[i], strata_data_unref);
  g_clear_pointer (&r->metrics, strata_metrics_unref);
  g_clear_error (&r->error);
  strata_params_free (r->params);
  strata_registry_unref (r->registry);
  strata_event_queue_unref (r->events);
  strata_train_control_unref (r->control);
  g_object_unref (r->cancellable);
  strata_table_unref (r->table);
}

/* The next TRAIN_STEP within @timeout_us (other events skipped), or NULL. */
static StrataEvent *
next_step (Run   *r,
           gint64 timeout_us)
{
  gint64 end = g_get_monotonic_time () + timeout_us;

  for (;;)
    {
      gint64 left = end - g_get_monotonic_time ();
      StrataEvent *e = left > 0 ? strata_event_queue_pop (r->events, left) : NULL;

      if (e == NULL || e->type == STRATA_EVENT_TRAIN_STEP)
        return e;
      strata_event_free (e);
    }
}

/* Rows in the node's history table of steps. */
static gsize
history_steps (Run *r)
{
  g_autofree char *text = NULL;
  gsize epochs = 0, steps = 0;

  g_assert_nonnull (r->out[1]);
  text = strata_data_describe (r->out[1]);
  g_assert_cmpint (sscanf (text, "history: %" G_GSIZE_FORMAT " epochs, %" G_GSIZE_FORMAT " steps",
                           &epochs, &steps), ==, 2);
  return steps;
}

static void
test_network_pause_step (void)
{
  g_autoptr(StrataEvent) first = NULL, second = NULL, none = NULL;
  Run r;
  GThread *thread;
  guint n = 2;

  run_init (&r);
  strata_train_control_pause (r.control);
  thread = g_thread_new ("net", run_thread, &r);

  /* Paused before it started: the first batch runs, then it waits. */
  first = next_step (&r, 30 * G_TIME_SPAN_SECOND);
  g_assert_nonnull (first);
  g_assert_cmpuint (first->step, ==, 0);
  g_assert_cmpuint (first->n_epochs, ==, EPOCHS);
  g_assert_cmpuint (first->steps_per_epoch, ==, STEPS);
  g_assert_cmpuint (first->batch_size, ==, BATCH);
  g_assert_cmpfloat_with_epsilon (first->learning_rate, 0.05, 1e-12);
  none = next_step (&r, 300 * 1000);
  g_assert_null (none);

  /* Step: exactly one more batch. */
  strata_train_control_step (r.control);
  second = next_step (&r, 30 * G_TIME_SPAN_SECOND);
  g_assert_nonnull (second);
  g_assert_cmpuint (second->step, ==, 1);
  g_assert_null (next_step (&r, 300 * 1000));

  /* Resume: the rest of the run. */
  strata_train_control_resume (r.control);
  for (StrataEvent *e; (e = next_step (&r, 30 * G_TIME_SPAN_SECOND)) != NULL; )
    {
      gboolean last = e->step == EPOCHS * STEPS - 1;

      g_assert_cmpuint (e->step, ==, n);
      n++;
      strata_event_free (e);
      if (last)
        break;
    }
  g_thread_join (thread);
  g_assert_no_error (r.error);
  g_assert_true (r.ok);
  g_assert_cmpuint (n, ==, EPOCHS * STEPS);
  g_assert_cmpuint (history_steps (&r), ==, EPOCHS * STEPS);
  run_clear (&r);
}

static void
test_network_stop_keeps_model (void)
{
  Run r;
  GThread *thread;
  guint seen = 0;
  double stopped = 0, epochs = -1;

  run_init (&r);
  strata_train_control_pause (r.control);
  thread = g_thread_new ("net", run_thread, &r);

  /* Let 13 batches run one by one (into the second epoch), then Stop. */
  for (; seen < 13; seen++)
    {
      g_autoptr(StrataEvent) e = next_step (&r, 30 * G_TIME_SPAN_SECOND);

      g_assert_nonnull (e);
      g_assert_cmpuint (e->step, ==, seen);
      if (seen < 12)
        strata_train_control_step (r.control);
    }
  strata_train_control_stop (r.control);
  g_thread_join (thread);

  /* OK, with a network, the batches trained so far and the mark. */
  g_assert_no_error (r.error);
  g_assert_true (r.ok);
  g_assert_nonnull (r.out[0]);
  g_assert_nonnull (strata_data_get_payload (r.out[0], STRATA_DATA_NETWORK));
  g_assert_cmpuint (history_steps (&r), ==, seen);
  g_assert_true (strata_metrics_lookup (r.metrics, "stopped", &stopped));
  g_assert_cmpfloat (stopped, ==, 1);
  g_assert_true (strata_metrics_lookup (r.metrics, "epochs", &epochs));
  g_assert_cmpfloat (epochs, ==, 1);            /* one whole epoch of 10 batches */
  g_assert_null (next_step (&r, 0));
  run_clear (&r);
}

static void
test_network_cancel_paused (void)
{
  Run r;
  GThread *thread;
  g_autoptr(StrataEvent) first = NULL;

  run_init (&r);
  strata_train_control_pause (r.control);
  thread = g_thread_new ("net", run_thread, &r);
  first = next_step (&r, 30 * G_TIME_SPAN_SECOND);
  g_assert_nonnull (first);
  /* Cancelling the run (not Stop) ends a paused node with no model. */
  g_cancellable_cancel (r.cancellable);
  g_thread_join (thread);
  g_assert_false (r.ok);
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (r.out[0]);
  run_clear (&r);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/TrainControl/control", test_control);
  g_test_add_func ("/TrainControl/network/pause-step", test_network_pause_step);
  g_test_add_func ("/TrainControl/network/stop-keeps-model", test_network_stop_keeps_model);
  g_test_add_func ("/TrainControl/network/cancel-paused", test_network_cancel_paused);
  return g_test_run ();
}
