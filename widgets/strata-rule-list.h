/* strata-rule-list.h — association rules as a lazy GListModel
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * StrataRuleList exposes a StrataRules (strata-apriori.h) as a GListModel
 * of StrataRuleItem, in the rules' own order. Items are made when asked for
 * and hold only a reference to the rules and an index, so a list of a
 * million rules costs nothing until a view looks at it; GtkSortListModel,
 * GtkFilterListModel and GtkColumnView sort, filter and show them through
 * the item's properties:
 *
 *   index       guint   the rule's index in the StrataRules
 *   antecedent  string  items joined by " & ", rarest first (as the CSV)
 *   consequent  string
 *   support, confidence, lift, leverage, conviction  double (conviction
 *                       is +∞ at confidence 1)
 */

#pragma once

#include <gio/gio.h>

#include "strata-apriori.h"

G_BEGIN_DECLS

#define STRATA_TYPE_RULE_ITEM (strata_rule_item_get_type ())
G_DECLARE_FINAL_TYPE (StrataRuleItem, strata_rule_item, STRATA, RULE_ITEM, GObject)

#define STRATA_TYPE_RULE_LIST (strata_rule_list_get_type ())
G_DECLARE_FINAL_TYPE (StrataRuleList, strata_rule_list, STRATA, RULE_LIST, GObject)

/* Transfer full; @rules may be NULL for an empty list (a reference is
 * taken). */
StrataRuleList *strata_rule_list_new          (StrataRules    *rules);
StrataRules    *strata_rule_list_get_rules    (StrataRuleList *self);

guint           strata_rule_item_get_index      (StrataRuleItem *self);
/* Transfer none; the text is made on first use and kept. */
const char     *strata_rule_item_get_antecedent (StrataRuleItem *self);
const char     *strata_rule_item_get_consequent (StrataRuleItem *self);
double          strata_rule_item_get_measure    (StrataRuleItem    *self,
                                                 StrataRuleMeasure  measure);
/* Whether either side's text contains @needle_casefolded (already
 * g_utf8_casefold()ed); "" matches every rule. */
gboolean        strata_rule_item_matches        (StrataRuleItem *self,
                                                 const char     *needle_casefolded);

/* One side of rule @i as text, items joined by " & " (transfer full). */
char           *strata_rules_dup_side_text      (StrataRules *rules,
                                                 gsize        i,
                                                 gboolean     consequent);

G_END_DECLS
