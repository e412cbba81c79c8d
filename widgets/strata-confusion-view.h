/* strata-confusion-view.h — confusion matrix heat map with per-class scores
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * StrataConfusionView shows a StrataClassificationMetrics (strata-metrics.h):
 * the confusion matrix as a heat map (row = true class, column = predicted
 * class, as scikit-learn), either as counts or row-normalised (each row
 * divided by its support, so the diagonal reads as per-class recall), a
 * toggle between the two, a table beside it with each class's precision,
 * recall, F1 and support, and accuracy and macro F1 under it.
 *
 *   strata_confusion_view_set_metrics (view, metrics, class_names);
 *   strata_confusion_view_set_normalize (view, TRUE);
 */

#pragma once

#include <gtk/gtk.h>

#include "strata-metrics.h"

G_BEGIN_DECLS

#define STRATA_TYPE_CONFUSION_VIEW (strata_confusion_view_get_type ())
G_DECLARE_FINAL_TYPE (StrataConfusionView, strata_confusion_view, STRATA, CONFUSION_VIEW, GtkWidget)

/* Columns of the per-class table. */
typedef enum {
  STRATA_CONFUSION_COLUMN_CLASS,
  STRATA_CONFUSION_COLUMN_PRECISION,
  STRATA_CONFUSION_COLUMN_RECALL,
  STRATA_CONFUSION_COLUMN_F1,
  STRATA_CONFUSION_COLUMN_SUPPORT,
} StrataConfusionColumn;

GtkWidget *strata_confusion_view_new           (void);

/* Copies what it shows from @metrics (NULL clears the view); @class_names
 * holds metrics->n_classes names (copied), or is NULL for "0", "1", … */
void       strata_confusion_view_set_metrics   (StrataConfusionView               *self,
                                                const StrataClassificationMetrics *metrics,
                                                const char *const                 *class_names);

/* The "normalize" property: row-normalised cells (default FALSE). */
gboolean   strata_confusion_view_get_normalize (StrataConfusionView *self);
void       strata_confusion_view_set_normalize (StrataConfusionView *self,
                                                gboolean             normalize);

/* What cell (@true_class, @predicted_class) shows: the count, or the count
 * over the row's support (NAN for a class without support). */
double     strata_confusion_view_get_cell_value (StrataConfusionView *self,
                                                 guint                true_class,
                                                 guint                predicted_class);
/* The cell's text as drawn ("12", "0.92", "–"). Transfer full. */
char      *strata_confusion_view_dup_cell_text  (StrataConfusionView *self,
                                                 guint                true_class,
                                                 guint                predicted_class);
/* Text of the per-class table at @class_index, @column (transfer none). */
const char *strata_confusion_view_get_table_text (StrataConfusionView   *self,
                                                  guint                  class_index,
                                                  StrataConfusionColumn  column);
/* The summary line under the matrix (transfer none). */
const char *strata_confusion_view_get_summary   (StrataConfusionView *self);

G_END_DECLS
