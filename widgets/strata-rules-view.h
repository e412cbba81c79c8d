/* strata-rules-view.h — association rules: a sortable table and a scatter
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * StrataRulesView shows a StrataRules (strata-apriori.h) two ways side by
 * side: a GtkColumnView with antecedent, consequent, support, confidence,
 * lift, leverage and conviction (click a header to sort; a search entry
 * keeps the rules whose antecedent or consequent contains the text, case
 * ignored), and a support-vs-confidence scatter coloured by lift
 * (strata-rules-scatter.h), where the rules the filter hides are dimmed.
 * Selecting a row rings its point; clicking a point selects its row and
 * scrolls to it.
 *
 * The table reads the rules through a lazy GListModel
 * (strata-rule-list.h) under a GtkFilterListModel and a GtkSortListModel
 * driven by the column view's sorter.
 */

#pragma once

#include <gtk/gtk.h>

#include "strata-apriori.h"
#include "strata-rules-scatter.h"

G_BEGIN_DECLS

#define STRATA_TYPE_RULES_VIEW (strata_rules_view_get_type ())
G_DECLARE_FINAL_TYPE (StrataRulesView, strata_rules_view, STRATA, RULES_VIEW, GtkWidget)

GtkWidget          *strata_rules_view_new             (void);

/* (transfer none: a reference is taken); NULL clears. Keeps the filter
 * text and the sort column. */
void                strata_rules_view_set_rules       (StrataRulesView   *self,
                                                       StrataRules       *rules);

/* The filter (also what the search entry shows); NULL or "" shows all. */
void                strata_rules_view_set_filter_text (StrataRulesView   *self,
                                                       const char        *text);
/* Sorts by the column with id @column ("antecedent", "consequent",
 * "support", "confidence", "lift", "leverage", "conviction"), as clicking
 * its header does. FALSE for an unknown id. */
gboolean            strata_rules_view_sort_by         (StrataRulesView   *self,
                                                       const char        *column,
                                                       GtkSortType        order);

/* The rows as shown: filtered and sorted, items are StrataRuleItem
 * (strata-rule-list.h). Transfer none. */
GListModel         *strata_rules_view_get_model       (StrataRulesView   *self);

/* The selected rule's index in the StrataRules, or -1. */
int                 strata_rules_view_get_selected_rule (StrataRulesView *self);
/* Selects rule @rule (-1 clears); FALSE if the filter hides it. */
gboolean            strata_rules_view_select_rule     (StrataRulesView   *self,
                                                       int                rule);

/* Children, for tests and for the window's own controls (transfer none). */
GtkColumnView      *strata_rules_view_get_column_view (StrataRulesView   *self);
StrataRulesScatter *strata_rules_view_get_scatter     (StrataRulesView   *self);

G_END_DECLS
