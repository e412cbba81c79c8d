/* strata-data.h — the values that flow on workflow links, and node metrics
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A StrataData is an immutable, reference-counted (atomic) tagged value: a
 * table, a set of transactions, itemsets, rules, a trained model, … Tables
 * are built in; every other kind is an opaque payload described by a
 * StrataDataType that the module owning the kind declares once, statically:
 *
 *   static const StrataDataType rules_type = {
 *     .kind = STRATA_DATA_RULES,
 *     .free = (GDestroyNotify) strata_rules_unref,
 *     .save = save_rules_csv,          // optional: `strata run` output
 *     .describe = describe_rules,      // optional: one line for the UI
 *   };
 *   StrataData *d = strata_data_new (&rules_type, rules);   // takes rules
 *
 * Every StrataData gets a process-unique identity (a 64-bit serial number).
 * The executor keys its cache on the identities of a node's inputs, so a
 * payload must never change after it is wrapped.
 *
 * StrataMetrics is the small ordered name → double map that nodes report
 * (accuracy, rmse, n_rules, …; DESIGN.md names the keys) and that
 * report.json prints. It is immutable once handed over and ref-counted.
 */

#pragma once

#include <glib.h>

#include "strata-table.h"

G_BEGIN_DECLS

/* Well-known kind names (port declarations use these strings). A module may
 * add its own kind: any lowercase identifier. */
#define STRATA_DATA_TABLE         "table"
#define STRATA_DATA_TRANSACTIONS  "transactions"
#define STRATA_DATA_ITEMSETS      "itemsets"
#define STRATA_DATA_RULES         "rules"
#define STRATA_DATA_TREE          "tree"
#define STRATA_DATA_NETWORK       "network"
#define STRATA_DATA_PREDICTIONS   "predictions"
#define STRATA_DATA_METRICS       "metrics"
#define STRATA_DATA_HISTORY       "history"
/* Only for port declarations: any fitted model, a tree or a network (the
 * kinds whose StrataDataType has a model class, strata-model.h). */
#define STRATA_DATA_MODEL         "model"
/* Only for port declarations: accepts or produces any kind (checked when the
 * node runs, not when the link is made). */
#define STRATA_DATA_ANY           "any"

typedef struct _StrataData    StrataData;
typedef struct _StrataMetrics StrataMetrics;
typedef struct _StrataModelClass StrataModelClass;   /* strata-model.h */

/**
 * StrataDataType:
 * @kind: kind name, e.g. STRATA_DATA_RULES (static string)
 * @free: frees the payload (called once, on the last unref; may be NULL)
 * @save: (nullable): writes the payload into @dir for `strata run`, under a
 *   name built from @node_id and @port (DESIGN.md: "ID.PORT.csv" for tables
 *   and rules, "ID.PORT" for models, "ID.history.csv" for histories). Stores
 *   the base name written in @written (transfer full). Returns FALSE with
 *   @error (G_IO_ERROR or the module's domain) on failure.
 * @describe: (nullable): a one-line summary ("12 rules", "150 × 5 table"),
 *   transfer full
 * @model: (nullable): for a fitted model, how to predict with it
 *   (strata-model.h); the kind must then also be listed as satisfying
 *   STRATA_DATA_MODEL in strata_data_kind_compatible()
 *
 * Declared once, statically, by the module that owns the kind.
 */
typedef struct {
  const char *kind;
  GDestroyNotify free;
  gboolean (*save) (gpointer     payload,
                    const char  *dir,
                    const char  *node_id,
                    const char  *port,
                    char       **written,
                    GError     **error);
  char *(*describe) (gpointer payload);
  const StrataModelClass *model;
} StrataDataType;

/* --- Data ----------------------------------------------------------------- */

/* Wraps @payload (transfer full: @type->free releases it with the data).
 * @type must outlive the data (make it static). Never fails. */
StrataData   *strata_data_new        (const StrataDataType *type,
                                      gpointer              payload);
/* A table value; takes a new reference on @table (transfer none). */
StrataData   *strata_data_new_table  (StrataTable          *table);
/* A metrics value (kind STRATA_DATA_METRICS); takes a new reference. */
StrataData   *strata_data_new_metrics (StrataMetrics       *metrics);

StrataData   *strata_data_ref        (StrataData           *data);
void          strata_data_unref      (StrataData           *data);

/* Static string, e.g. "table". */
const char   *strata_data_get_kind   (StrataData           *data);
const StrataDataType *strata_data_get_type (StrataData     *data);
/* Process-unique, never 0. */
guint64       strata_data_get_id     (StrataData           *data);
/* The payload if the data has kind @kind, else NULL. Transfer none. */
gpointer      strata_data_get_payload (StrataData          *data,
                                       const char          *kind);
/* Shorthand for get_payload (data, STRATA_DATA_TABLE). Transfer none. */
StrataTable  *strata_data_get_table  (StrataData           *data);
/* A one-line summary (type->describe, or the kind name). Transfer full. */
char         *strata_data_describe   (StrataData           *data);
/* Calls type->save; FALSE with G_IO_ERROR_NOT_SUPPORTED when the kind has
 * no save function. */
gboolean      strata_data_save       (StrataData           *data,
                                      const char           *dir,
                                      const char           *node_id,
                                      const char           *port,
                                      char                **written,
                                      GError              **error);

/* --- Metrics -------------------------------------------------------------- */

/* An empty, mutable map. Once handed to another thread treat it as frozen. */
StrataMetrics *strata_metrics_new     (void);
StrataMetrics *strata_metrics_ref     (StrataMetrics *metrics);
void           strata_metrics_unref   (StrataMetrics *metrics);
/* Sets @name (copied) to @value, replacing an earlier value in place. */
void           strata_metrics_set     (StrataMetrics *metrics,
                                       const char    *name,
                                       double         value);
guint          strata_metrics_get_n   (StrataMetrics *metrics);
/* The @index-th entry in insertion order. Transfer none. */
const char    *strata_metrics_get_name  (StrataMetrics *metrics,
                                         guint          index);
double         strata_metrics_get_value (StrataMetrics *metrics,
                                         guint          index);
/* TRUE and the value in @value if @name is present. */
gboolean       strata_metrics_lookup  (StrataMetrics *metrics,
                                       const char    *name,
                                       double        *value);
/* A deep copy (mutable), confusion matrix included. Transfer full. */
StrataMetrics *strata_metrics_copy    (StrataMetrics *metrics);
/* Classification metrics may carry their confusion matrix so a view can
 * draw it: @n_classes ≥ 1 class @labels and [n_classes × n_classes]
 * @counts, row = true class, column = predicted (scikit-learn's
 * convention). Both copied; replaces an earlier matrix. */
void           strata_metrics_set_confusion (StrataMetrics      *metrics,
                                             guint               n_classes,
                                             const char *const  *labels,
                                             const gsize        *counts);
/* The number of classes of the attached matrix (0 when there is none);
 * @labels and @counts (nullable) receive borrowed arrays. */
guint          strata_metrics_get_confusion (StrataMetrics       *metrics,
                                             const char *const  **labels,
                                             const gsize        **counts);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataData, strata_data_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataMetrics, strata_metrics_unref)

G_END_DECLS
