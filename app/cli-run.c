/* cli-run.c — `strata run WORKFLOW.strata [--set ID.PARAM=VALUE]...
 *              [--out DIR] [--quiet]`
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs a workflow headless with the same executor as the window (a GTask
 * worker thread; this thread drains the event queue every 100 ms and draws
 * progress on stderr: a bar with an ETA on a terminal, one plain line per
 * node event otherwise, nothing with --quiet). Then writes, into --out
 * (default ./strata-out), every output that can be saved (ID.PORT.csv for
 * tables) and report.json:
 *
 *   {"workflow": "...", "seconds": S, "nodes": [{"id", "type", "status":
 *    "ok"|"failed"|"cancelled", "seconds", "metrics": {...}, "error"?}]}
 *
 * Exit status: 0 when every node ran, 1 on a failure (one line on stderr
 * naming the file / node / parameter; report.json is still written when the
 * workflow loaded), 2 on bad usage. Ctrl-C cancels the run (status 1).
 */

#include "config.h"

#include <glib-unix.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <json-glib/json-glib.h>

#include "strata-cli.h"
#include "strata-executor.h"

typedef struct {
  StrataExecutor  *executor;
  GCancellable    *cancellable;
  gboolean         done;
  GError          *error;        /* the run's outcome */
  gboolean         terminal;     /* draw a bar */
  gboolean         quiet;
  guint            n_nodes;
  guint            n_done;
  char            *current;      /* node running, for the bar */
  double           fraction;     /* its progress, or -1 */
  gint64           start;        /* µs */
  gboolean         bar_drawn;
} RunState;

static char *
one_line (const char *message)
{
  char *s = g_strdup (message);

  for (char *p = s; *p != '\0'; p++)
    if (*p == '\n' || *p == '\r')
      *p = ' ';
  return s;
}

static void
clear_bar (RunState *st)
{
  if (st->bar_drawn)
    {
      fprintf (stderr, "\r\033[K");
      st->bar_drawn = FALSE;
    }
}

static void
draw_bar (RunState *st)
{
  double overall, elapsed;
  char eta[32] = "";
  int width = 24, filled;
  GString *bar;

  if (!st->terminal || st->quiet || st->n_nodes == 0)
    return;
  overall = (st->n_done + (st->current != NULL && st->fraction > 0 ? st->fraction : 0.0)) / st->n_nodes;
  elapsed = (g_get_monotonic_time () - st->start) / 1e6;
  if (overall > 0.02 && overall < 1.0)
    {
      double left = elapsed * (1.0 - overall) / overall;
      g_snprintf (eta, sizeof eta, " ETA %d:%02d", (int) left / 60, (int) left % 60);
    }
  filled = (int) (overall * width + 0.5);
  bar = g_string_new (NULL);
  for (int i = 0; i < width; i++)
    g_string_append (bar, i < filled ? "█" : "░");
  fprintf (stderr, "\r\033[K%s %u/%u %s%s", bar->str, st->n_done, st->n_nodes,
           st->current != NULL ? st->current : "", eta);
  fflush (stderr);
  g_string_free (bar, TRUE);
  st->bar_drawn = TRUE;
}

static void
print_metrics (GString       *s,
               StrataMetrics *metrics)
{
  for (guint i = 0; metrics != NULL && i < strata_metrics_get_n (metrics); i++)
    g_string_append_printf (s, "%s%s=%.10g", i == 0 ? " (" : ", ",
                            strata_metrics_get_name (metrics, i),
                            strata_metrics_get_value (metrics, i));
  if (metrics != NULL && strata_metrics_get_n (metrics) > 0)
    g_string_append_c (s, ')');
}

/* A plain line (not a terminal) or an update of the bar. */
static void
show_event (RunState    *st,
            StrataEvent *e)
{
  g_autoptr(GString) line = g_string_new (NULL);

  switch (e->type)
    {
    case STRATA_EVENT_NODE_STARTED:
      g_free (st->current);
      st->current = g_strdup (e->node_id);
      st->fraction = -1;
      g_string_append_printf (line, "%s: started", e->node_id);
      break;
    case STRATA_EVENT_NODE_PROGRESS:
      st->fraction = e->fraction;
      break;
    case STRATA_EVENT_NODE_FINISHED:
      st->n_done++;
      g_clear_pointer (&st->current, g_free);
      if (e->cached)
        g_string_append_printf (line, "%s: cached", e->node_id);
      else
        g_string_append_printf (line, "%s: finished in %.3f s", e->node_id, e->seconds);
      print_metrics (line, e->metrics);
      break;
    case STRATA_EVENT_NODE_FAILED:
    case STRATA_EVENT_NODE_CANCELLED:
      st->n_done++;
      g_clear_pointer (&st->current, g_free);
      {
        g_autofree char *msg = one_line (e->error != NULL ? e->error->message : "");
        g_string_append_printf (line, "%s: %s: %s", e->node_id,
                                e->type == STRATA_EVENT_NODE_FAILED ? "failed" : "cancelled", msg);
      }
      break;
    case STRATA_EVENT_NODE_WARNING:
      {
        g_autofree char *msg = one_line (e->message);
        g_string_append_printf (line, "%s: warning: %s", e->node_id, msg);
      }
      break;
    case STRATA_EVENT_TRAIN_EPOCH:
      g_string_append_printf (line, "%s: epoch %u", e->node_id, e->epoch + 1);
      print_metrics (line, e->metrics);
      break;
    case STRATA_EVENT_NODE_QUEUED:
    case STRATA_EVENT_TRAIN_STEP:
    case STRATA_EVENT_RUN_FINISHED:
    default:
      break;
    }
  if (st->quiet)
    return;
  if (st->terminal)
    {
      /* Warnings and failures stay on screen above the bar. */
      if (line->len > 0 && (e->type == STRATA_EVENT_NODE_WARNING ||
                            e->type == STRATA_EVENT_NODE_FAILED))
        {
          clear_bar (st);
          fprintf (stderr, "%s\n", line->str);
        }
    }
  else if (line->len > 0)
    fprintf (stderr, "%s\n", line->str);
}

static gboolean
drain (gpointer user_data)
{
  RunState *st = user_data;
  g_autoptr(GPtrArray) events =
    strata_event_queue_drain (strata_executor_get_events (st->executor), 0,
                              st->terminal ? STRATA_EVENT_COALESCE_PROGRESS : STRATA_EVENT_COALESCE_NONE);

  for (guint i = 0; i < events->len; i++)
    show_event (st, events->pdata[i]);
  draw_bar (st);
  return G_SOURCE_CONTINUE;
}

static void
on_run_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  RunState *st = user_data;

  strata_executor_run_finish (st->executor, result, &st->error);
  st->done = TRUE;
}

static gboolean
on_sigint (gpointer user_data)
{
  RunState *st = user_data;

  g_cancellable_cancel (st->cancellable);
  return G_SOURCE_CONTINUE;
}

/* Writes every savable output of every node into @dir. */
static gboolean
write_outputs (StrataWorkflow *wf,
               StrataExecutor *ex,
               const char     *dir,
               GError        **error)
{
  for (guint i = 0; i < strata_workflow_get_n_nodes (wf); i++)
    {
      const char *id = strata_workflow_get_node_id (wf, i);
      const StrataNodeType *type = strata_workflow_get_node_type (wf, id);

      for (guint p = 0; p < strata_node_type_get_n_outputs (type); p++)
        {
          g_autoptr(StrataData) data = strata_executor_dup_output (ex, id, type->outputs[p].name);
          g_autofree char *written = NULL;

          if (data == NULL || strata_data_get_type (data)->save == NULL)
            continue;
          if (!strata_data_save (data, dir, id, type->outputs[p].name, &written, error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
write_report (StrataWorkflow *wf,
              StrataExecutor *ex,
              const char     *workflow_path,
              double          seconds,
              const char     *dir,
              GError        **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  g_autofree char *path = g_build_filename (dir, "report.json", NULL);
  gsize length;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "workflow");
  json_builder_add_string_value (b, workflow_path);
  json_builder_set_member_name (b, "seconds");
  json_builder_add_double_value (b, seconds);
  json_builder_set_member_name (b, "nodes");
  json_builder_begin_array (b);
  for (guint i = 0; i < strata_workflow_get_n_nodes (wf); i++)
    {
      const char *id = strata_workflow_get_node_id (wf, i);
      g_autoptr(StrataNodeResult) r = strata_executor_dup_result (ex, id);
      StrataNodeStatus status = r != NULL ? r->status : STRATA_NODE_STATUS_CANCELLED;

      if (status != STRATA_NODE_STATUS_OK && status != STRATA_NODE_STATUS_FAILED)
        status = STRATA_NODE_STATUS_CANCELLED;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, id);
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, strata_workflow_get_node_type (wf, id)->id);
      json_builder_set_member_name (b, "status");
      json_builder_add_string_value (b, strata_node_status_to_string (status));
      json_builder_set_member_name (b, "seconds");
      json_builder_add_double_value (b, r != NULL ? r->seconds : 0.0);
      json_builder_set_member_name (b, "metrics");
      json_builder_begin_object (b);
      for (guint m = 0; r != NULL && r->metrics != NULL && m < strata_metrics_get_n (r->metrics); m++)
        {
          double v = strata_metrics_get_value (r->metrics, m);

          json_builder_set_member_name (b, strata_metrics_get_name (r->metrics, m));
          if (v == floor (v) && fabs (v) < 9007199254740992.0)
            json_builder_add_int_value (b, (gint64) v);
          else
            json_builder_add_double_value (b, v);
        }
      json_builder_end_object (b);
      if (r != NULL && r->error != NULL)
        {
          json_builder_set_member_name (b, "error");
          json_builder_add_string_value (b, r->error->message);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  text = strata_json_to_string (root, TRUE, &length);
  return g_file_set_contents_full (path, text, length, G_FILE_SET_CONTENTS_CONSISTENT, 0666, error);
}

int
strata_cli_run (int    argc,
                char **argv)
{
  g_auto(GStrv) settings = NULL;
  g_autofree char *out_dir = NULL;
  gboolean quiet = FALSE;
  const GOptionEntry entries[] = {
    { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &settings,
      "Set a parameter before running (repeatable)", "ID.PARAM=VALUE" },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out_dir,
      "Folder for outputs and report.json (default ./strata-out)", "DIR" },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, "Print nothing but errors", NULL },
    { NULL }
  };
  g_autoptr(StrataRegistry) registry = NULL;
  g_autoptr(StrataWorkflow) wf = NULL;
  g_autoptr(StrataExecutor) ex = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GError) error = NULL;
  RunState st = { 0 };
  const char *path;
  guint drain_id, sigint_id;
  double seconds;

  if (!strata_cli_parse ("run", "WORKFLOW.strata", "Run a workflow without a window.",
                         entries, &argc, &argv))
    return STRATA_EXIT_USAGE;
  if (argc != 2)
    return strata_cli_usage ("run", argc < 2 ? "a workflow file is needed" :
                             "only one workflow file, please");
  path = argv[1];
  for (guint i = 0; settings != NULL && settings[i] != NULL; i++)
    {
      const char *eq = strchr (settings[i], '=');
      const char *dot = eq != NULL ? memchr (settings[i], '.', eq - settings[i]) : NULL;
      if (dot == NULL)
        return strata_cli_usage ("run", "--set %s: expected ID.PARAM=VALUE", settings[i]);
    }
  if (out_dir == NULL)
    out_dir = g_strdup ("strata-out");

  registry = strata_registry_new_default ();
  wf = strata_workflow_load (registry, path, &error);
  if (wf == NULL)
    {
      g_autofree char *msg = one_line (error->message);
      return strata_cli_fail ("%s", msg);
    }
  for (guint i = 0; settings != NULL && settings[i] != NULL; i++)
    if (!strata_workflow_apply_setting (wf, settings[i], &error))
      {
        g_autofree char *msg = one_line (error->message);
        return strata_cli_fail ("--set %s: %s", settings[i], msg);
      }
  if (g_mkdir_with_parents (out_dir, 0777) != 0)
    return strata_cli_fail ("cannot create the output folder “%s”: %s", out_dir, g_strerror (errno));

  ex = strata_executor_new ();
  cancellable = g_cancellable_new ();
  st.executor = ex;
  st.cancellable = cancellable;
  st.quiet = quiet;
  st.terminal = isatty (STDERR_FILENO) && g_getenv ("TERM") != NULL &&
                g_strcmp0 (g_getenv ("TERM"), "dumb") != 0;
  st.n_nodes = strata_workflow_get_n_nodes (wf);
  st.fraction = -1;
  st.start = g_get_monotonic_time ();

  drain_id = g_timeout_add (100, drain, &st);
  sigint_id = g_unix_signal_add (SIGINT, on_sigint, &st);
  strata_executor_run_async (ex, wf, cancellable, on_run_done, &st);
  while (!st.done)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (drain_id);
  g_source_remove (sigint_id);
  drain (&st);
  clear_bar (&st);
  seconds = (g_get_monotonic_time () - st.start) / 1e6;
  g_free (st.current);

  if (st.error != NULL && st.error->domain == STRATA_WORKFLOW_ERROR)
    {
      /* Nothing ran: the workflow could not be planned (e.g. an unconnected input). */
      g_autofree char *msg = one_line (st.error->message);
      g_autofree char *where = g_strdup_printf ("%s: %s", path, msg);
      g_clear_error (&st.error);
      return strata_cli_fail ("%s", where);
    }

  {
    g_autoptr(GError) io_error = NULL;

    if (!write_outputs (wf, ex, out_dir, &io_error) ||
        !write_report (wf, ex, path, seconds, out_dir, &io_error))
      {
        g_autofree char *msg = one_line (io_error->message);
        g_clear_error (&st.error);
        return strata_cli_fail ("%s", msg);
      }
  }
  if (st.error != NULL)
    {
      g_autofree char *msg = one_line (st.error->message);
      g_clear_error (&st.error);
      return strata_cli_fail ("%s", msg);
    }
  if (!quiet)
    fprintf (stderr, "%u nodes ran in %.2f s; outputs in %s\n", st.n_nodes, seconds, out_dir);
  return STRATA_EXIT_OK;
}
