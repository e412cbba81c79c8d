/* strata-rules-scatter.h — support vs confidence of association rules
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * StrataRulesScatter plots every rule of a StrataRules as a point at
 * (support, confidence), coloured by lift on the viridis scale
 * (strata-view-style.h) between the smallest and the largest lift, with a
 * legend of the scale. Rules can be dimmed (the rules view dims those its
 * filter hides; they cannot be clicked), and one rule can be selected (a
 * ring). Clicking a point emits "rule-activated" with the rule's index; it
 * is StrataRulesView (strata-rules-view.h) that keeps the table and the
 * scatter in step.
 */

#pragma once

#include <gtk/gtk.h>

#include "strata-apriori.h"

G_BEGIN_DECLS

#define STRATA_TYPE_RULES_SCATTER (strata_rules_scatter_get_type ())
G_DECLARE_FINAL_TYPE (StrataRulesScatter, strata_rules_scatter, STRATA, RULES_SCATTER, GtkWidget)

GtkWidget *strata_rules_scatter_new          (void);
/* (transfer none: a reference is taken) NULL clears. Clears the selection
 * and the dimming. */
void       strata_rules_scatter_set_rules    (StrataRulesScatter *self,
                                              StrataRules        *rules);

/* Selected rule index or -1. Does not emit "rule-activated". */
void       strata_rules_scatter_set_selected (StrataRulesScatter *self,
                                              int                 rule);
int        strata_rules_scatter_get_selected (StrataRulesScatter *self);

/* Dims rule @rule (not drawn in colour, not hit) or lights it again. */
void       strata_rules_scatter_set_dimmed   (StrataRulesScatter *self,
                                              gsize               rule,
                                              gboolean            dimmed);
void       strata_rules_scatter_dim_all      (StrataRulesScatter *self,
                                              gboolean            dimmed);

/* Where rule @rule is drawn, in widget coordinates (FALSE before the first
 * allocation or without rules). */
gboolean   strata_rules_scatter_get_point    (StrataRulesScatter *self,
                                              gsize               rule,
                                              graphene_point_t   *point);
/* The undimmed rule drawn nearest (@x, @y) within 8 pixels, or -1; on a
 * tie the one drawn on top (the higher lift). */
int        strata_rules_scatter_rule_at      (StrataRulesScatter *self,
                                              double              x,
                                              double              y);

G_END_DECLS
