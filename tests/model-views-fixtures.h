/* model-views-fixtures.h — the models behind test-model-views and its demo
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both the tests and the screenshot demo show the same models, built from
 * the bundled datasets with the engine's public API, in windows shown the
 * same way.
 */

#pragma once

#include <gtk/gtk.h>

#include "strata-apriori.h"
#include "strata-csv.h"
#include "strata-tree.h"

G_BEGIN_DECLS

/* data/datasets/iris.csv (transfer full; aborts the test on failure). */
StrataTable *fixture_read_iris        (void);
/* A tree fitted on all of @iris (target "species", max_depth 0 = grown
 * out, or @max_depth), seed 0. Transfer full. */
StrataTree  *fixture_fit_iris_tree    (StrataTable *iris,
                                       guint        max_depth);
/* Splits @iris into every third row (@test) and the others (@train). */
void         fixture_split_iris       (StrataTable  *iris,
                                       StrataTable **train,
                                       StrataTable **test);
/* The metrics of @tree on @table (transfer full). */
StrataClassificationMetrics *fixture_tree_metrics (StrataTree  *tree,
                                                   StrataTable *table);
/* data/datasets/groceries.csv mined at @min_support and @min_confidence,
 * rules sorted by lift (transfer full). */
StrataRules *fixture_groceries_rules  (double       min_support,
                                       double       min_confidence);

/* Spins the main loop until @widget's frame clock has ticked @n times
 * (allocation, the first snapshots). */
void         fixture_run_frames       (GtkWidget   *widget,
                                       int          n);
/* @child alone in a new window of @width × @height, presented, after a
 * few frames. Returns the window (destroy it with gtk_window_destroy()). */
GtkWidget   *fixture_show             (GtkWidget   *child,
                                       int          width,
                                       int          height);

G_END_DECLS
