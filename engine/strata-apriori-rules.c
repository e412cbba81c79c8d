/* strata-apriori-rules.c — association rules and the result objects
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * Rules come from the frequent itemsets by ap-genrules (Agrawal & Srikant
 * 1994, section 3): for an itemset Z, the confident one-item consequents H1
 * are found first; consequents of size q+1 are joined from confident ones of
 * size q sharing a (q-1)-prefix, and kept only when all their q-subsets were
 * confident, because conf(Z∖H → H) can only fall as H grows. Supports of
 * Z∖H and of H are found by binary search in the sorted levels (every
 * subset of a frequent itemset is frequent, so they are always there), which
 * is why rules are built before the itemsets are converted to item ids.
 *
 * A rule stores its three counts and its items (ids), never its measures:
 * each measure is two or three divisions away, so a rule costs 24 bytes plus
 * 4 per item. Sorting computes the key once per rule, sorts (key, index)
 * pairs — the index breaks ties, so the order is deterministic — and
 * permutes.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "strata-apriori-private.h"

/* --- Itemsets ------------------------------------------------------------- */

StrataItemsets *
strata_itemsets_ref (StrataItemsets *sets)
{
  g_return_val_if_fail (sets != NULL, NULL);
  g_atomic_int_inc (&sets->ref_count);
  return sets;
}

void
strata_itemsets_unref (StrataItemsets *sets)
{
  g_return_if_fail (sets != NULL);
  if (!g_atomic_int_dec_and_test (&sets->ref_count))
    return;
  for (guint k = 0; sets->levels != NULL && k <= sets->n_levels; k++)
    apriori_level_clear (&sets->levels[k]);
  g_free (sets->levels);
  g_free (sets->level_start);
  g_free (sets->code_to_item);
  strata_transactions_unref (sets->transactions);
  g_free (sets);
}

gsize
strata_itemsets_get_n_itemsets (StrataItemsets *sets)
{
  return sets->level_start[sets->n_levels + 1];
}

/* The level holding exposed itemset @i and its index there. */
static const AprioriLevel *
itemsets_locate (StrataItemsets *sets,
                 gsize           i,
                 gsize          *j)
{
  for (guint k = sets->first; k <= sets->last; k++)
    if (i < sets->level_start[k + 1])
      {
        *j = i - sets->level_start[k];
        return &sets->levels[k];
      }
  g_return_val_if_reached (NULL);
}

const guint32 *
strata_itemsets_get_items (StrataItemsets *sets,
                           gsize           i,
                           guint          *n)
{
  gsize j;
  const AprioriLevel *level = itemsets_locate (sets, i, &j);

  g_return_val_if_fail (level != NULL, NULL);
  g_assert (sets->converted);
  *n = level->k;
  return level->sets + j * level->k;
}

guint64
strata_itemsets_get_count (StrataItemsets *sets,
                           gsize           i)
{
  gsize j;
  const AprioriLevel *level = itemsets_locate (sets, i, &j);

  g_return_val_if_fail (level != NULL, 0);
  return level->counts[j];
}

double
strata_itemsets_get_support (StrataItemsets *sets,
                             gsize           i)
{
  return (double) strata_itemsets_get_count (sets, i) / (double) sets->n_transactions;
}

guint64
strata_itemsets_get_min_count (StrataItemsets *sets)
{
  return sets->min_count;
}

StrataTransactions *
strata_itemsets_get_transactions (StrataItemsets *sets)
{
  return sets->transactions;
}

void
apriori_itemsets_convert (StrataItemsets *sets)
{
  for (guint k = 1; k <= sets->n_levels; k++)
    {
      AprioriLevel *level = &sets->levels[k];
      for (gsize i = 0; i < level->n * k; i++)
        level->sets[i] = sets->code_to_item[level->sets[i]];
    }
  sets->converted = TRUE;
}

/* --- Rules: access -------------------------------------------------------- */

StrataRules *
strata_rules_ref (StrataRules *rules)
{
  g_return_val_if_fail (rules != NULL, NULL);
  g_atomic_int_inc (&rules->ref_count);
  return rules;
}

void
strata_rules_unref (StrataRules *rules)
{
  g_return_if_fail (rules != NULL);
  if (!g_atomic_int_dec_and_test (&rules->ref_count))
    return;
  g_free (rules->rules);
  g_free (rules->items);
  strata_transactions_unref (rules->transactions);
  g_free (rules);
}

gsize
strata_rules_get_n_rules (StrataRules *rules)
{
  return rules->n_rules;
}

const guint32 *
strata_rules_get_antecedent (StrataRules *rules,
                             gsize        i,
                             guint       *n)
{
  g_return_val_if_fail (i < rules->n_rules, NULL);
  *n = rules->rules[i].n_x;
  return rules->items + rules->rules[i].offset;
}

const guint32 *
strata_rules_get_consequent (StrataRules *rules,
                             gsize        i,
                             guint       *n)
{
  g_return_val_if_fail (i < rules->n_rules, NULL);
  *n = rules->rules[i].n_y;
  return rules->items + rules->rules[i].offset + rules->rules[i].n_x;
}

void
strata_rules_get_counts (StrataRules *rules,
                         gsize        i,
                         guint64     *count_xy,
                         guint64     *count_x,
                         guint64     *count_y)
{
  g_return_if_fail (i < rules->n_rules);
  *count_xy = rules->rules[i].count_xy;
  *count_x = rules->rules[i].count_x;
  *count_y = rules->rules[i].count_y;
}

static double
rule_measure (const AprioriRule *r,
              double             n,
              StrataRuleMeasure  measure)
{
  double sxy = r->count_xy / n, sx = r->count_x / n, sy = r->count_y / n;
  double conf = (double) r->count_xy / (double) r->count_x;

  switch (measure)
    {
    case STRATA_RULE_SUPPORT:    return sxy;
    case STRATA_RULE_CONFIDENCE: return conf;
    case STRATA_RULE_LIFT:       return conf / sy;
    case STRATA_RULE_LEVERAGE:   return sxy - sx * sy;
    case STRATA_RULE_CONVICTION:
      return r->count_xy == r->count_x ? INFINITY : (1.0 - sy) / (1.0 - conf);
    case STRATA_RULE_COVERAGE:   return sx;
    case STRATA_RULE_NONE:
    default:
      return NAN;
    }
}

double
strata_rules_get_measure (StrataRules       *rules,
                          gsize              i,
                          StrataRuleMeasure  measure)
{
  g_return_val_if_fail (i < rules->n_rules, NAN);
  return rule_measure (&rules->rules[i], (double) rules->n_transactions, measure);
}

StrataTransactions *
strata_rules_get_transactions (StrataRules *rules)
{
  return rules->transactions;
}

/* --- Rules: generation ---------------------------------------------------- */

typedef struct {
  StrataItemsets            *sets;
  const StrataAprioriParams *params;
  const guint8              *ante_filter;
  const guint8              *cons_filter;
  GArray                    *rules;   /* AprioriRule */
  GArray                    *items;   /* guint32 item ids */
  gsize                      stop_at; /* 0 = never */
  guint64                    budget;
  gboolean                   over_budget;
} RuleGen;

static gboolean
any_flagged (const guint8  *filter,
             const guint32 *codes,
             guint          n)
{
  if (filter == NULL)
    return TRUE;
  for (guint i = 0; i < n; i++)
    if (filter[codes[i]])
      return TRUE;
  return FALSE;
}

static void
emit_rule (RuleGen       *g,
           const guint32 *x,
           guint          nx,
           const guint32 *y,
           guint          ny,
           guint32        cxy,
           guint32        cx,
           guint32        cy)
{
  AprioriRule r = { g->items->len, nx, ny, cxy, cx, cy };

  if (!any_flagged (g->ante_filter, x, nx) || !any_flagged (g->cons_filter, y, ny))
    return;
  for (guint i = 0; i < nx; i++)
    g_array_append_vals (g->items, &g->sets->code_to_item[x[i]], 1);
  for (guint i = 0; i < ny; i++)
    g_array_append_vals (g->items, &g->sets->code_to_item[y[i]], 1);
  g_array_append_vals (g->rules, &r, 1);
  if ((guint64) g->rules->len * sizeof (AprioriRule) + (guint64) g->items->len * sizeof (guint32) > g->budget)
    g->over_budget = TRUE;
}

/* x = z ∖ h, both ascending. */
static void
set_difference (const guint32 *z,
                guint          m,
                const guint32 *h,
                guint          q,
                guint32       *x)
{
  guint j = 0, w = 0;

  for (guint i = 0; i < m; i++)
    {
      if (j < q && h[j] == z[i])
        j++;
      else
        x[w++] = z[i];
    }
}

/* ap-genrules for itemset @z of size @m and count @cz. */
static void
rules_for_itemset (RuleGen       *g,
                   const guint32 *z,
                   guint          m,
                   guint32        cz)
{
  const AprioriLevel *levels = g->sets->levels;
  guint max_q = g->params->max_consequent_length == 0 ? m - 1 :
                MIN (g->params->max_consequent_length, m - 1);
  g_autoptr(GArray) heads = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) good = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint32 x[64], *xp = m <= G_N_ELEMENTS (x) ? x : g_new (guint32, m);

  g_array_append_vals (heads, z, m);  /* the one-item consequents */
  for (guint q = 1; q <= max_q && heads->len > 0; q++)
    {
      gsize n_heads = heads->len / q;
      AprioriLevel confident = { .k = q };

      g_array_set_size (good, 0);
      for (gsize i = 0; i < n_heads; i++)
        {
          const guint32 *h = &g_array_index (heads, guint32, i * q);
          gssize ix, iy;
          double conf;

          set_difference (z, m, h, q, xp);
          ix = apriori_level_lookup (&levels[m - q], xp);
          g_assert (ix >= 0);
          conf = (double) cz / (double) levels[m - q].counts[ix];
          if (!(conf >= g->params->min_confidence))
            continue;
          iy = apriori_level_lookup (&levels[q], h);
          g_assert (iy >= 0);
          emit_rule (g, xp, m - q, h, q, cz, levels[m - q].counts[ix], levels[q].counts[iy]);
          g_array_append_vals (good, h, q);
        }
      if (q == max_q || (g->stop_at > 0 && g->rules->len >= g->stop_at) || g->over_budget)
        break;

      /* Join confident consequents sharing a (q-1)-prefix; prune. */
      g_array_set_size (heads, 0);
      confident.n = good->len / q;
      confident.sets = (guint32 *) good->data;
      for (gsize a = 0; a < confident.n; a++)
        for (gsize b = a + 1; b < confident.n; b++)
          {
            const guint32 *ha = confident.sets + a * q, *hb = confident.sets + b * q;
            guint32 cand[64], sub[64];
            gboolean ok = TRUE;

            if (q > 1 && memcmp (ha, hb, (q - 1) * sizeof (guint32)) != 0)
              break;  /* sorted: no later b shares the prefix */
            if (q + 1 > G_N_ELEMENTS (cand))
              break;  /* consequents beyond 63 items: not grown further */
            memcpy (cand, ha, q * sizeof (guint32));
            cand[q] = hb[q - 1];
            for (guint drop = 0; drop + 1 < q && ok; drop++)
              {
                guint w = 0;
                for (guint r = 0; r <= q; r++)
                  if (r != drop)
                    sub[w++] = cand[r];
                ok = apriori_level_lookup (&confident, sub) >= 0;
              }
            if (ok)
              g_array_append_vals (heads, cand, q + 1);
          }
    }
  if (xp != x)
    g_free (xp);
}

typedef struct {
  double key;
  gsize  index;
} SortKey;

static int
compare_keys (const void *a,
              const void *b)
{
  const SortKey *x = a, *y = b;

  if (x->key != y->key)
    return x->key > y->key ? -1 : 1;  /* largest first */
  return (x->index > y->index) - (x->index < y->index);
}

static void
sort_rules (StrataRules       *rules,
            StrataRuleMeasure  measure)
{
  g_autofree SortKey *keys = NULL;
  g_autofree AprioriRule *sorted = NULL;

  if (rules->n_rules < 2)
    return;
  keys = g_new (SortKey, rules->n_rules);
  sorted = g_new (AprioriRule, rules->n_rules);

  for (gsize i = 0; i < rules->n_rules; i++)
    keys[i] = (SortKey) { rule_measure (&rules->rules[i], (double) rules->n_transactions, measure), i };
  qsort (keys, rules->n_rules, sizeof (SortKey), compare_keys);
  for (gsize i = 0; i < rules->n_rules; i++)
    sorted[i] = rules->rules[keys[i].index];
  memcpy (rules->rules, sorted, rules->n_rules * sizeof (AprioriRule));
}

StrataRules *
apriori_generate_rules (StrataItemsets            *sets,
                        const StrataAprioriParams *params,
                        const guint8              *ante_filter,
                        const guint8              *cons_filter,
                        guint64                    budget,
                        GCancellable              *cancellable,
                        GError                   **error)
{
  RuleGen g = { sets, params, ante_filter, cons_filter };
  StrataRules *rules;
  gsize polled = 0;

  g.rules = g_array_new (FALSE, FALSE, sizeof (AprioriRule));
  g.items = g_array_new (FALSE, FALSE, sizeof (guint32));
  g.budget = budget;
  if (params->max_rules > 0 && params->sort_by == STRATA_RULE_NONE)
    g.stop_at = params->max_rules;

  for (guint m = MAX (sets->first, 2); params->rules && m <= sets->last; m++)
    {
      const AprioriLevel *level = &sets->levels[m];
      for (gsize i = 0; i < level->n; i++)
        {
          if (++polled % 1024 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
            goto fail;
          rules_for_itemset (&g, level->sets + i * m, m, level->counts[i]);
          if (g.over_budget)
            {
              g_set_error (error, STRATA_APRIORI_ERROR, STRATA_APRIORI_ERROR_MEMORY,
                           "Rules from itemsets of %u items would need more than %" G_GUINT64_FORMAT
                           " MiB (max_memory): raise min_confidence or min_support, or set max_rules",
                           m, budget >> 20);
              goto fail;
            }
          if (g.stop_at > 0 && g.rules->len >= g.stop_at)
            goto done;
        }
    }
done:
  rules = g_new0 (StrataRules, 1);
  rules->ref_count = 1;
  rules->transactions = strata_transactions_ref (sets->transactions);
  rules->n_transactions = sets->n_transactions;
  rules->n_rules = g.rules->len;
  rules->rules = (AprioriRule *) g_array_free (g.rules, FALSE);
  rules->items = (guint32 *) g_array_free (g.items, FALSE);
  if (params->sort_by != STRATA_RULE_NONE)
    sort_rules (rules, params->sort_by);
  if (params->max_rules > 0 && rules->n_rules > params->max_rules)
    rules->n_rules = params->max_rules;
  return rules;

fail:
  g_array_unref (g.rules);
  g_array_unref (g.items);
  return NULL;
}
