/* strata-rule-list.c — association rules as a lazy GListModel
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "strata-rule-list.h"

/* Item --------------------------------------------------------------------------------- */

struct _StrataRuleItem
{
  GObject      parent_instance;
  StrataRules *rules;          /* owned reference */
  guint        index;
  char        *antecedent;     /* owned, made on first use */
  char        *consequent;
  char        *folded;         /* both sides casefolded, on first match */
};

G_DEFINE_FINAL_TYPE (StrataRuleItem, strata_rule_item, G_TYPE_OBJECT)

enum {
  ITEM_PROP_0,
  ITEM_PROP_INDEX,
  ITEM_PROP_ANTECEDENT,
  ITEM_PROP_CONSEQUENT,
  ITEM_PROP_SUPPORT,
  ITEM_PROP_CONFIDENCE,
  ITEM_PROP_LIFT,
  ITEM_PROP_LEVERAGE,
  ITEM_PROP_CONVICTION,
  ITEM_N_PROPS
};

static GParamSpec *item_properties[ITEM_N_PROPS];

/* get_property maps the measure properties onto StrataRuleMeasure by offset. */
G_STATIC_ASSERT (STRATA_RULE_CONVICTION - STRATA_RULE_SUPPORT
                 == ITEM_PROP_CONVICTION - ITEM_PROP_SUPPORT);

char *
strata_rules_dup_side_text (StrataRules *rules,
                            gsize        i,
                            gboolean     consequent)
{
  StrataTransactions *tr = strata_rules_get_transactions (rules);
  GString *s = g_string_new (NULL);
  const guint32 *items;
  guint n;

  items = consequent ? strata_rules_get_consequent (rules, i, &n)
                     : strata_rules_get_antecedent (rules, i, &n);
  for (guint k = 0; k < n; k++)
    {
      if (k > 0)
        g_string_append (s, " & ");
      g_string_append (s, strata_transactions_get_item_name (tr, items[k]));
    }
  return g_string_free (s, FALSE);
}

guint
strata_rule_item_get_index (StrataRuleItem *self)
{
  g_return_val_if_fail (STRATA_IS_RULE_ITEM (self), 0);
  return self->index;
}

const char *
strata_rule_item_get_antecedent (StrataRuleItem *self)
{
  g_return_val_if_fail (STRATA_IS_RULE_ITEM (self), NULL);
  if (self->antecedent == NULL)
    self->antecedent = strata_rules_dup_side_text (self->rules, self->index, FALSE);
  return self->antecedent;
}

const char *
strata_rule_item_get_consequent (StrataRuleItem *self)
{
  g_return_val_if_fail (STRATA_IS_RULE_ITEM (self), NULL);
  if (self->consequent == NULL)
    self->consequent = strata_rules_dup_side_text (self->rules, self->index, TRUE);
  return self->consequent;
}

double
strata_rule_item_get_measure (StrataRuleItem    *self,
                              StrataRuleMeasure  measure)
{
  g_return_val_if_fail (STRATA_IS_RULE_ITEM (self), NAN);
  return strata_rules_get_measure (self->rules, self->index, measure);
}

gboolean
strata_rule_item_matches (StrataRuleItem *self,
                          const char     *needle_casefolded)
{
  g_return_val_if_fail (STRATA_IS_RULE_ITEM (self), FALSE);

  if (needle_casefolded == NULL || needle_casefolded[0] == '\0')
    return TRUE;
  if (self->folded == NULL)
    {
      /* A newline cannot occur in the needle of a one-line entry, so a
       * match never spans the two sides. */
      g_autofree char *both = g_strconcat (strata_rule_item_get_antecedent (self), "\n",
                                           strata_rule_item_get_consequent (self), NULL);

      self->folded = g_utf8_casefold (both, -1);
    }
  return strstr (self->folded, needle_casefolded) != NULL;
}

static void
strata_rule_item_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  StrataRuleItem *self = STRATA_RULE_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_INDEX:
      g_value_set_uint (value, self->index);
      break;
    case ITEM_PROP_ANTECEDENT:
      g_value_set_string (value, strata_rule_item_get_antecedent (self));
      break;
    case ITEM_PROP_CONSEQUENT:
      g_value_set_string (value, strata_rule_item_get_consequent (self));
      break;
    case ITEM_PROP_SUPPORT:
    case ITEM_PROP_CONFIDENCE:
    case ITEM_PROP_LIFT:
    case ITEM_PROP_LEVERAGE:
    case ITEM_PROP_CONVICTION:
      /* The property ids are in StrataRuleMeasure's order. */
      g_value_set_double (value, strata_rules_get_measure (self->rules, self->index,
                                                           STRATA_RULE_SUPPORT
                                                           + prop_id - ITEM_PROP_SUPPORT));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
strata_rule_item_finalize (GObject *object)
{
  StrataRuleItem *self = STRATA_RULE_ITEM (object);

  strata_rules_unref (self->rules);
  g_free (self->antecedent);
  g_free (self->consequent);
  g_free (self->folded);
  G_OBJECT_CLASS (strata_rule_item_parent_class)->finalize (object);
}

static void
strata_rule_item_class_init (StrataRuleItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  static const char *const measures[] = {
    "support", "confidence", "lift", "leverage", "conviction",
  };

  object_class->get_property = strata_rule_item_get_property;
  object_class->finalize = strata_rule_item_finalize;

  item_properties[ITEM_PROP_INDEX] =
    g_param_spec_uint ("index", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_ANTECEDENT] =
    g_param_spec_string ("antecedent", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_CONSEQUENT] =
    g_param_spec_string ("consequent", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  for (guint m = 0; m < G_N_ELEMENTS (measures); m++)
    item_properties[ITEM_PROP_SUPPORT + m] =
      g_param_spec_double (measures[m], NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, ITEM_N_PROPS, item_properties);
}

static void
strata_rule_item_init (StrataRuleItem *self)
{
}

/* List ------------------------------------------------------------------------------ */

struct _StrataRuleList
{
  GObject      parent_instance;
  StrataRules *rules;          /* owned reference, or NULL */
};

static void strata_rule_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (StrataRuleList, strata_rule_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      strata_rule_list_model_init))

static GType
strata_rule_list_get_item_type (GListModel *model)
{
  return STRATA_TYPE_RULE_ITEM;
}

static guint
strata_rule_list_get_n_items (GListModel *model)
{
  StrataRuleList *self = STRATA_RULE_LIST (model);

  return self->rules != NULL ? (guint) MIN (strata_rules_get_n_rules (self->rules), G_MAXUINT)
                             : 0;
}

static gpointer
strata_rule_list_get_item (GListModel *model,
                           guint       position)
{
  StrataRuleList *self = STRATA_RULE_LIST (model);
  StrataRuleItem *item;

  if (position >= strata_rule_list_get_n_items (model))
    return NULL;
  item = g_object_new (STRATA_TYPE_RULE_ITEM, NULL);
  item->rules = strata_rules_ref (self->rules);
  item->index = position;
  return item;
}

static void
strata_rule_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = strata_rule_list_get_item_type;
  iface->get_n_items = strata_rule_list_get_n_items;
  iface->get_item = strata_rule_list_get_item;
}

static void
strata_rule_list_finalize (GObject *object)
{
  StrataRuleList *self = STRATA_RULE_LIST (object);

  g_clear_pointer (&self->rules, strata_rules_unref);
  G_OBJECT_CLASS (strata_rule_list_parent_class)->finalize (object);
}

static void
strata_rule_list_class_init (StrataRuleListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = strata_rule_list_finalize;
}

static void
strata_rule_list_init (StrataRuleList *self)
{
}

StrataRuleList *
strata_rule_list_new (StrataRules *rules)
{
  StrataRuleList *self = g_object_new (STRATA_TYPE_RULE_LIST, NULL);

  self->rules = rules != NULL ? strata_rules_ref (rules) : NULL;
  return self;
}

StrataRules *
strata_rule_list_get_rules (StrataRuleList *self)
{
  g_return_val_if_fail (STRATA_IS_RULE_LIST (self), NULL);
  return self->rules;
}
