/* strata-node.h — node types, the context a node runs in, and the registry
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A node type is a static, constant declaration: its ports (name + data
 * kind), its parameters (strata-param.h) and a run function. Node types are
 * grouped one file per group (engine/strata-nodes-clean.c, …) and each group
 * registers itself through one line in engine/strata-node-groups.h; see
 * docs/workflow.md, "Adding a node type".
 *
 *   static const StrataPortSpec in[]  = { { "table", STRATA_DATA_TABLE }, { NULL } };
 *   static const StrataPortSpec out[] = { { "table", STRATA_DATA_TABLE }, { NULL } };
 *   static const StrataNodeType dedupe = {
 *     .id = "clean.dedupe", .group = "clean", .title = "Drop duplicates",
 *     .help = "…", .inputs = in, .outputs = out, .params = dedupe_params,
 *     .run = run_dedupe,
 *   };
 *
 * A run function is called on the executor's worker thread. It reads its
 * inputs (borrowed; NULL for an unconnected optional input), its validated
 * parameters, and stores a new reference in each output slot it produces.
 * It polls strata_node_context_check_cancelled() every few thousand rows /
 * once per batch, level or tree node, reports progress and metrics through
 * the context and returns FALSE with a GError on failure (the executor
 * prefixes the node's id). It must not keep global state: everything random
 * comes from strata_node_context_get_seed().
 */

#pragma once

#include <gio/gio.h>

#include "strata-data.h"
#include "strata-event.h"
#include "strata-param.h"
#include "strata-train-control.h"

G_BEGIN_DECLS

#define STRATA_NODE_ERROR (strata_node_error_quark ())

/**
 * StrataNodeError:
 * @STRATA_NODE_ERROR_INPUT: an input is missing or has the wrong kind
 * @STRATA_NODE_ERROR_PARAM: a parameter is valid on its own but not for
 *   these inputs (a column that does not exist, a numeric operation on a
 *   text column, …); the message names the parameter
 * @STRATA_NODE_ERROR_UPSTREAM: not run because a node it depends on failed
 * @STRATA_NODE_ERROR_FAILED: any other failure
 */
typedef enum {
  STRATA_NODE_ERROR_INPUT,
  STRATA_NODE_ERROR_PARAM,
  STRATA_NODE_ERROR_UPSTREAM,
  STRATA_NODE_ERROR_FAILED,
} StrataNodeError;

GQuark strata_node_error_quark (void);

/**
 * strata_node_param_error:
 * @error: (out) (optional): set to STRATA_NODE_ERROR_PARAM with the message
 *   "parameter “PARAM”: MESSAGE"
 * @param: the parameter's name, as in the workflow file
 * @format: printf format of the message
 *
 * The one way node run functions report a bad parameter.
 *
 * Returns: FALSE, so that a run function can `return` it
 */
gboolean strata_node_param_error (GError    **error,
                                  const char *param,
                                  const char *format,
                                  ...) G_GNUC_PRINTF (3, 4);

/**
 * StrataPortSpec:
 * @name: port name ("table", "train", "test", …); a node's single table
 *   input and single table output are both "table" (DESIGN.md)
 * @kind: a STRATA_DATA_* kind name, or STRATA_DATA_ANY
 * @help: (nullable): one line
 * @optional: input: may stay unconnected (the run function gets NULL);
 *   output: may be left unproduced (e.g. only when an optional input is
 *   connected)
 */
typedef struct {
  const char *name;
  const char *kind;
  const char *help;
  gboolean    optional;
} StrataPortSpec;

typedef struct _StrataNodeContext StrataNodeContext;
typedef struct _StrataNodeType    StrataNodeType;
typedef struct _StrataRegistry    StrataRegistry;

/**
 * StrataNodeRunFunc:
 * @context: progress, cancellation, seed, metrics, training events
 * @params: (transfer none): validated values (defaults filled in); PATH
 *   values are absolute
 * @inputs: (array) (transfer none): one per input port, in declaration
 *   order; NULL for an unconnected optional input. The executor has checked
 *   that each has its port's kind (unless the port is STRATA_DATA_ANY).
 * @outputs: (array) (out): one slot per output port, all NULL on entry;
 *   store a new reference (transfer full) in each produced port
 * @error: any domain; STRATA_NODE_ERROR_PARAM for bad parameter values,
 *   G_IO_ERROR_CANCELLED when cancelled
 */
typedef gboolean (*StrataNodeRunFunc) (StrataNodeContext  *context,
                                       StrataParams       *params,
                                       StrataData        **inputs,
                                       StrataData        **outputs,
                                       GError            **error);

/**
 * StrataNodeType:
 * @id: "group.name", e.g. "clean.impute" (what a .strata file stores)
 * @group: "data", "clean", "mine", "model" or "evaluate"
 * @title: short human name ("Impute missing values")
 * @help: one or two sentences for the inspector and `strata nodes`
 * @inputs, @outputs: NULL-name-terminated arrays (may be NULL for none)
 * @params: NULL-name-terminated array (may be NULL for none)
 * @run: the work
 * @cache_salt: (nullable): extra text for the cache key, computed on the
 *   main thread before a run (e.g. a data file's size and mtime, so an edited
 *   file is read again). Transfer full.
 * @random: the node uses strata_node_context_get_seed(); its seed becomes
 *   part of its cache key
 * @data: (nullable): constant data for a run function that serves several
 *   types (read it with strata_node_context_get_type()->data)
 */
struct _StrataNodeType {
  const char            *id;
  const char            *group;
  const char            *title;
  const char            *help;
  const StrataPortSpec  *inputs;
  const StrataPortSpec  *outputs;
  const StrataParamSpec *params;
  StrataNodeRunFunc      run;
  char                *(*cache_salt) (StrataParams *params);
  gboolean               random;
  gconstpointer          data;
};

guint                 strata_node_type_get_n_inputs  (const StrataNodeType *type);
guint                 strata_node_type_get_n_outputs (const StrataNodeType *type);
/* Index of the port called @name, or -1. */
int                   strata_node_type_find_input    (const StrataNodeType *type,
                                                      const char           *name);
int                   strata_node_type_find_output   (const StrataNodeType *type,
                                                      const char           *name);
/* Runs @type with @context (which then reports @type from
 * strata_node_context_get_type). The way to call a run function directly:
 * the executor, tests and delegating nodes all use it. */
gboolean              strata_node_type_run           (const StrataNodeType *type,
                                                      StrataNodeContext    *context,
                                                      StrataParams         *params,
                                                      StrataData          **inputs,
                                                      StrataData          **outputs,
                                                      GError              **error);
/* Whether data of kind @from may flow into a port of kind @to: the same
 * kind, either is STRATA_DATA_ANY, or @to is STRATA_DATA_MODEL and @from a
 * fitted model's kind (STRATA_DATA_TREE, STRATA_DATA_NETWORK). */
gboolean              strata_data_kind_compatible    (const char           *from,
                                                      const char           *to);

/* --- Context ---------------------------------------------------------------- */

/**
 * strata_node_context_new:
 * @node_id: the node's id, used in events
 * @seed: the node's seed
 * @cancellable: (nullable): borrowed for the context's life
 * @events: (nullable): where events go (a new reference is taken); NULL
 *   drops them
 *
 * The executor makes one per node run; tests and other modules may make
 * their own to call a run function directly. Single owner; free with
 * strata_node_context_free(). Use it from one thread at a time.
 */
StrataNodeContext *strata_node_context_new   (const char        *node_id,
                                              guint64            seed,
                                              GCancellable      *cancellable,
                                              StrataEventQueue  *events);
void               strata_node_context_free  (StrataNodeContext *context);

const char        *strata_node_context_get_node_id     (StrataNodeContext *context);
/* The type being run (set by strata_node_type_run), or NULL. */
const StrataNodeType *strata_node_context_get_type   (StrataNodeContext *context);
/* The registry of the workflow being run (for nodes that delegate to
 * another node type, like data.example), or NULL. Transfer none. */
StrataRegistry    *strata_node_context_get_registry    (StrataNodeContext *context);
/* Sets the registry (the executor does; a reference is taken). */
void               strata_node_context_set_registry    (StrataNodeContext *context,
                                                        StrataRegistry    *registry);
GCancellable      *strata_node_context_get_cancellable (StrataNodeContext *context);
/* The node's seed: its `seed` parameter when the node has one set, else
 * derived from the workflow seed and the node id (strata_node_derive_seed). */
guint64            strata_node_context_get_seed        (StrataNodeContext *context);
/* TRUE (and G_IO_ERROR_CANCELLED in @error) once the run is cancelled.
 * Cheap: call it every few thousand rows. */
gboolean           strata_node_context_check_cancelled (StrataNodeContext *context,
                                                        GError           **error);
/* Reports progress; @fraction in 0–1 (or -1 when unknown), @message
 * nullable. Rate-limited: at most one event per 20 ms reaches the queue
 * (the last call before the node ends is always sent by the executor's
 * FINISHED event anyway). */
void               strata_node_context_progress        (StrataNodeContext *context,
                                                        double             fraction,
                                                        const char        *message);
/* A non-fatal problem worth showing (e.g. "line 12 padded"). */
void               strata_node_context_warning         (StrataNodeContext *context,
                                                        const char        *message);
/* Records a metric for report.json (accuracy, rmse, n_rules, …). */
void               strata_node_context_set_metric      (StrataNodeContext *context,
                                                        const char        *name,
                                                        double             value);
/* The metrics recorded so far. Transfer none. */
StrataMetrics     *strata_node_context_get_metrics     (StrataNodeContext *context);
/* Training: one event per batch (never rate-limited: a chart draws them).
 * Then waits while the run's train control is paused (see above). */
void               strata_node_context_train_step      (StrataNodeContext *context,
                                                        guint              epoch,
                                                        guint64            step,
                                                        double             loss,
                                                        guint64            samples);
/**
 * StrataTrainInfo:
 * @n_epochs: epochs configured (≥ 1)
 * @steps_per_epoch: batches per epoch (≥ 1)
 * @batch_size: rows per batch
 * @learning_rate: the learning rate now (NAN when it has none)
 *
 * What a dashboard needs before the first batch. A training node calls
 * strata_node_context_train_info() before its first train_step() and again
 * when a value changes (the learning rate of a new epoch); every later
 * TRAIN_STEP and TRAIN_EPOCH event carries it.
 */
typedef struct {
  guint  n_epochs;
  guint  steps_per_epoch;
  guint  batch_size;
  double learning_rate;
} StrataTrainInfo;

void               strata_node_context_train_info      (StrataNodeContext     *context,
                                                        const StrataTrainInfo *info);
/* The user's Pause / Step / Stop (strata-train-control.h), set by the
 * executor; NULL when nobody controls the run. train_step() waits in it
 * while it is paused. @control: (nullable): a reference is taken. */
void               strata_node_context_set_train_control (StrataNodeContext  *context,
                                                          StrataTrainControl *control);
/* TRUE once the user asked training to stop and keep its model: the node
 * should end its training loop and finish with what it has. */
gboolean           strata_node_context_train_stop_requested (StrataNodeContext *context);
/* Training: one event per epoch with its metrics (loss, val_loss,
 * accuracy, val_accuracy, …; a copy is taken). */
void               strata_node_context_train_epoch     (StrataNodeContext *context,
                                                        guint              epoch,
                                                        StrataMetrics     *metrics);

/* Stores @table (transfer full) as a table value in *@slot and, when
 * @main_output, records its shape as the metrics "rows" and "columns". */
void               strata_node_context_output_table    (StrataNodeContext *context,
                                                        StrataData       **slot,
                                                        StrataTable       *table,
                                                        gboolean           main_output);

/* A metrics value holding @n (name, value) pairs, which are also recorded
 * as the node's metrics for report.json. Transfer full: store it in an
 * output slot. */
StrataData        *strata_node_context_output_metrics  (StrataNodeContext *context,
                                                        const char *const *names,
                                                        const double      *values,
                                                        guint              n);

/* SplitMix64 of the workflow seed mixed with a hash of @node_id: the seed a
 * random node gets when it does not set its own. */
guint64            strata_node_derive_seed             (guint64            workflow_seed,
                                                        const char        *node_id);

/* --- Registry ---------------------------------------------------------------- */

/**
 * StrataRegistry:
 *
 * The node types known to a workflow. Built once (usually with
 * strata_registry_new_default), then only read: immutable after
 * construction, atomic reference count, safe to share between threads.
 */
StrataRegistry       *strata_registry_new         (void);
/* Every built-in group (engine/strata-node-groups.h). Transfer full. */
StrataRegistry       *strata_registry_new_default (void);
StrataRegistry       *strata_registry_ref         (StrataRegistry       *registry);
void                  strata_registry_unref       (StrataRegistry       *registry);
/* Adds @type (static, borrowed). A bad declaration (bad default, duplicate
 * id or port, missing run) is a programmer error: g_critical, not added. */
void                  strata_registry_add         (StrataRegistry       *registry,
                                                   const StrataNodeType *type);
/* NULL if unknown. */
const StrataNodeType *strata_registry_lookup      (StrataRegistry       *registry,
                                                   const char           *id);
/* Every type, ordered by group (data, clean, mine, model, evaluate, others)
 * then id. The array is borrowed; *@n_types receives its length. */
const StrataNodeType *const *strata_registry_list (StrataRegistry       *registry,
                                                   guint                *n_types);

/* The folder of the bundled datasets: $STRATA_DATASETS_DIR when set, the
 * installed copy ($datadir/strata/datasets) when it exists, else the
 * source tree's data/datasets. Transfer full. */
char                 *strata_datasets_dir         (void);

/* A file's identity for cache keys: "size=BYTES mtime=SECONDS", or
 * "missing" when @path is NULL or cannot be stat'ed. Node types that read a
 * file put it in their cache_salt, so an edited file is read again.
 * Transfer full. */
char                 *strata_node_file_stamp      (const char   *path);
/* A ready cache_salt for node types whose "path" parameter names the one
 * file they read (data.csv, data.transactions). Transfer full. */
char                 *strata_node_path_cache_salt (StrataParams *params);

/* The registration function of each built-in group (one per
 * engine/strata-nodes-GROUP.c), declared from strata-node-groups.h. */
#define STRATA_NODE_GROUP(group) void strata_nodes_##group##_register (StrataRegistry *registry);
#include "strata-node-groups.h"
#undef STRATA_NODE_GROUP

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataNodeContext, strata_node_context_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataRegistry, strata_registry_unref)

G_END_DECLS
