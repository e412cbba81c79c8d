/* test-apriori.c — frequent itemsets, rules and their measures
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Checked against independent answers:
 *   - brute force: every subset of the items of small random databases is
 *     counted directly, and every rule enumerated from its definition
 *     (property test over seeds, varying min_support, min/max_length,
 *     min_confidence, max_consequent_length and the sort order);
 *   - hand-computed measures on a five-transaction database;
 *   - fixtures made once by tests/fixtures/apriori/gen.py, a plain Python
 *     Apriori, on groceries.csv, retail.dat and the mushroom table.
 */

#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "strata-apriori-private.h"

/* --- Helpers -------------------------------------------------------------- */

static StrataTransactions *
transactions_from_masks (const guint32 *masks,
                         gsize          n,
                         guint          n_items)
{
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autofree gsize *offsets = g_new (gsize, n + 1);

  offsets[0] = 0;
  for (gsize t = 0; t < n; t++)
    {
      for (guint i = 0; i < n_items; i++)
        if (masks[t] & (1u << i))
          g_array_append_vals (items, &i, 1);
      offsets[t + 1] = items->len;
    }
  return strata_transactions_new ((const guint32 *) items->data, offsets, n, NULL, n_items);
}

static guint32
mask_of (const guint32 *items,
         guint          n)
{
  guint32 m = 0;
  for (guint i = 0; i < n; i++)
    m |= 1u << items[i];
  return m;
}

static guint
popcount (guint32 m)
{
  return __builtin_popcount (m);
}

static guint64
count_mask (const guint32 *masks,
            gsize          n,
            guint32        s)
{
  guint64 c = 0;
  for (gsize t = 0; t < n; t++)
    c += (masks[t] & s) == s;
  return c;
}

/* --- Brute force ---------------------------------------------------------- */

/* One random database, mined with @counting. One in four databases has
 * 60 … 399 transactions, so that the bitsets span several 64-bit words and
 * merged transactions carry large weights. */
static void
check_against_brute_force (guint32         seed,
                           AprioriCounting counting)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint n_items = g_rand_int_range (rand, 1, 11);
  gsize n = seed % 4 == 0 ? g_rand_int_range (rand, 60, 400) : g_rand_int_range (rand, 0, 60);
  double density = g_rand_double_range (rand, 0.1, 0.7);
  g_autofree guint32 *masks = g_new0 (guint32, MAX (n, 1));
  g_autoptr(StrataTransactions) tr = NULL;
  g_autoptr(StrataItemsets) sets = NULL;
  g_autoptr(StrataRules) rules = NULL;
  g_autoptr(GHashTable) found = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) found_rules = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  StrataAprioriParams p;
  guint64 min_count, expected_rules = 0;
  gsize expected = 0;
  guint max_cons;

  for (gsize t = 0; t < n; t++)
    for (guint i = 0; i < n_items; i++)
      if (g_rand_double (rand) < density)
        masks[t] |= 1u << i;
  tr = transactions_from_masks (masks, n, n_items);

  strata_apriori_params_init (&p);
  if (g_rand_boolean (rand))
    p.min_count = g_rand_int_range (rand, 1, MAX (2, n / 3 + 1));
  else
    p.min_support = g_rand_double_range (rand, 0.02, 0.6);
  p.max_length = g_rand_int_range (rand, 0, 5);
  p.min_length = g_rand_int_range (rand, 1, 3);
  if (p.max_length != 0 && p.max_length < p.min_length)
    p.max_length = p.min_length;
  p.min_confidence = g_rand_double_range (rand, 0.0, 1.0);
  p.max_consequent_length = g_rand_int_range (rand, 0, 3);
  p.sort_by = g_rand_int_range (rand, STRATA_RULE_NONE, STRATA_RULE_COVERAGE + 1);  /* same set */
  max_cons = p.max_consequent_length == 0 ? G_MAXUINT : p.max_consequent_length;

  g_assert_true (apriori_run_with (tr, &p, counting, NULL, NULL, NULL, &sets, &rules, &error));
  g_assert_no_error (error);
  min_count = strata_itemsets_get_min_count (sets);
  if (p.min_count > 0)
    g_assert_cmpuint (min_count, ==, p.min_count);
  else
    g_assert_cmpuint (min_count, ==, MAX (1, (guint64) ceil (p.min_support * n - 1e-9)));

  for (gsize i = 0; i < strata_itemsets_get_n_itemsets (sets); i++)
    {
      guint k;
      const guint32 *items = strata_itemsets_get_items (sets, i, &k);
      guint32 m = mask_of (items, k);

      g_assert_cmpuint (popcount (m), ==, k);  /* no repeated item */
      g_assert_false (g_hash_table_contains (found, GUINT_TO_POINTER (m)));
      g_hash_table_add (found, GUINT_TO_POINTER (m));
      g_assert_cmpuint (strata_itemsets_get_count (sets, i), ==, count_mask (masks, n, m));
      g_assert_cmpfloat_with_epsilon (strata_itemsets_get_support (sets, i),
                                      (double) count_mask (masks, n, m) / n, 1e-15);
    }
  for (guint32 s = 1; s < (1u << n_items); s++)
    {
      guint k = popcount (s);
      guint64 c = count_mask (masks, n, s);
      gboolean frequent = c >= min_count && k >= p.min_length &&
                          (p.max_length == 0 || k <= p.max_length);

      g_assert_cmpint (frequent, ==, g_hash_table_contains (found, GUINT_TO_POINTER (s)));
      expected += frequent;
      if (!frequent || k < 2)
        continue;
      /* every rule X → Y with X ∪ Y = s, both non-empty */
      for (guint32 y = (s - 1) & s; y != 0; y = (y - 1) & s)
        {
          guint32 x = s & ~y;
          if (x == 0 || popcount (y) > max_cons)
            continue;
          if ((double) c / (double) count_mask (masks, n, x) >= p.min_confidence)
            expected_rules++;
        }
    }
  g_assert_cmpuint (strata_itemsets_get_n_itemsets (sets), ==, expected);

  for (gsize r = 0; r < strata_rules_get_n_rules (rules); r++)
    {
      guint nx, ny;
      const guint32 *x = strata_rules_get_antecedent (rules, r, &nx);
      const guint32 *y = strata_rules_get_consequent (rules, r, &ny);
      guint32 mx = mask_of (x, nx), my = mask_of (y, ny);
      gint64 *key = g_new (gint64, 1);
      guint64 cxy, cx, cy;

      g_assert_cmpuint (nx, >=, 1);
      g_assert_cmpuint (ny, >=, 1);
      g_assert_cmpuint (ny, <=, max_cons);
      g_assert_cmpuint (mx & my, ==, 0);
      strata_rules_get_counts (rules, r, &cxy, &cx, &cy);
      g_assert_cmpuint (cxy, ==, count_mask (masks, n, mx | my));
      g_assert_cmpuint (cx, ==, count_mask (masks, n, mx));
      g_assert_cmpuint (cy, ==, count_mask (masks, n, my));
      g_assert_cmpfloat (strata_rules_get_measure (rules, r, STRATA_RULE_CONFIDENCE), >=, p.min_confidence);
      if (r > 0 && p.sort_by != STRATA_RULE_NONE)
        g_assert_cmpfloat (strata_rules_get_measure (rules, r - 1, p.sort_by), >=,
                           strata_rules_get_measure (rules, r, p.sort_by));
      *key = ((gint64) mx << 32) | my;
      g_assert_false (g_hash_table_contains (found_rules, key));
      g_hash_table_add (found_rules, key);
    }
  g_assert_cmpuint (strata_rules_get_n_rules (rules), ==, expected_rules);
}

/* Every database through each way of counting levels ≥ 3: the prefix tree,
 * the bitsets, the tree then bitsets (built from the database reduced after
 * level 3), and the automatic choice. */
static void
test_brute_force (void)
{
  static const AprioriCounting countings[] = {
    APRIORI_COUNT_TREE, APRIORI_COUNT_BITSETS, APRIORI_COUNT_SWITCH, APRIORI_COUNT_AUTO,
  };

  for (guint32 seed = 1; seed <= 400; seed++)
    for (guint i = 0; i < G_N_ELEMENTS (countings); i++)
      {
        if (g_test_verbose ())
          g_test_message ("seed %u, counting %u", seed, countings[i]);
        check_against_brute_force (seed, countings[i]);
      }
}

/* --- Hand-computed measures ----------------------------------------------- */

/* T1 = {a,b,d}, T2 = {a,b,d}, T3 = {a,c}, T4 = {b,c}, T5 = {a,b,c}:
 * s(a) = s(b) = 0.8, s(c) = 0.6, s(d) = 0.4, s(ab) = 0.6, s(ad) = 0.4. */
static StrataTransactions *
hand_database (void)
{
  static const char *const names[] = { "a", "b", "c", "d" };
  static const guint32 items[] = { 0, 1, 3, 0, 1, 3, 0, 2, 1, 2, 0, 1, 2 };
  static const gsize offsets[] = { 0, 3, 6, 8, 10, 13 };

  return strata_transactions_new (items, offsets, 5, names, 4);
}

static gssize
find_rule (StrataRules *rules,
           const char  *x,
           const char  *y)
{
  StrataTransactions *tr = strata_rules_get_transactions (rules);

  for (gsize r = 0; r < strata_rules_get_n_rules (rules); r++)
    {
      guint nx, ny;
      const guint32 *ax = strata_rules_get_antecedent (rules, r, &nx);
      const guint32 *ay = strata_rules_get_consequent (rules, r, &ny);
      if (nx == 1 && ny == 1 &&
          strcmp (strata_transactions_get_item_name (tr, ax[0]), x) == 0 &&
          strcmp (strata_transactions_get_item_name (tr, ay[0]), y) == 0)
        return r;
    }
  return -1;
}

static void
test_measures_by_hand (void)
{
  g_autoptr(StrataTransactions) tr = hand_database ();
  g_autoptr(StrataRules) rules = NULL;
  g_autoptr(GError) error = NULL;
  StrataAprioriParams p;
  gssize r;

  strata_apriori_params_init (&p);
  p.min_count = 2;
  p.min_confidence = 0.0;
  g_assert_true (strata_apriori_run (tr, &p, NULL, NULL, NULL, NULL, &rules, &error));
  g_assert_no_error (error);

  /* a → b: s = 0.6, conf = 0.6/0.8, lift = 0.75/0.8, lev = 0.6 − 0.64,
   * conviction = (1 − 0.8)/(1 − 0.75), coverage = 0.8 */
  r = find_rule (rules, "a", "b");
  g_assert_cmpint (r, >=, 0);
  g_assert_cmpfloat_with_epsilon (strata_rules_get_measure (rules, r, STRATA_RULE_SUPPORT), 0.6, 1e-12);
  g_assert_cmpfloat_with_epsilon (strata_rules_get_measure (rules, r, STRATA_RULE_CONFIDENCE), 0.75, 1e-12);
  g_assert_cmpfloat_with_epsilon (strata_rules_get_measure (rules, r, STRATA_RULE_LIFT), 0.9375, 1e-12);
  g_assert_cmpfloat_with_epsilon (strata_rules_get_measure (rules, r, STRATA_RULE_LEVERAGE), -0.04, 1e-12);
  g_assert_cmpfloat_with_epsilon (strata_rules_get_measure (rules, r, STRATA_RULE_CONVICTION), 0.8, 1e-12);
  g_assert_cmpfloat_with_epsilon (strata_rules_get_measure (rules, r, STRATA_RULE_COVERAGE), 0.8, 1e-12);

  /* d → a: every d-basket holds a: conf = 1, conviction = ∞,
   * lift = 1/0.8, leverage = 0.4 − 0.4·0.8 */
  r = find_rule (rules, "d", "a");
  g_assert_cmpint (r, >=, 0);
  g_assert_cmpfloat (strata_rules_get_measure (rules, r, STRATA_RULE_CONFIDENCE), ==, 1.0);
  g_assert_true (isinf (strata_rules_get_measure (rules, r, STRATA_RULE_CONVICTION)));
  g_assert_cmpfloat (strata_rules_get_measure (rules, r, STRATA_RULE_CONVICTION), >, 0);
  g_assert_cmpfloat_with_epsilon (strata_rules_get_measure (rules, r, STRATA_RULE_LIFT), 1.25, 1e-12);
  g_assert_cmpfloat_with_epsilon (strata_rules_get_measure (rules, r, STRATA_RULE_LEVERAGE), 0.08, 1e-12);
  g_assert_cmpfloat_with_epsilon (strata_rules_get_measure (rules, r, STRATA_RULE_COVERAGE), 0.4, 1e-12);

  /* c → a: s(ac) = 0.4, conf = 0.4/0.6, conviction = 0.2/(1/3) = 0.6 */
  r = find_rule (rules, "c", "a");
  g_assert_cmpint (r, >=, 0);
  g_assert_cmpfloat_with_epsilon (strata_rules_get_measure (rules, r, STRATA_RULE_CONFIDENCE), 2.0 / 3.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (strata_rules_get_measure (rules, r, STRATA_RULE_CONVICTION), 0.6, 1e-12);
  g_assert_cmpfloat_with_epsilon (strata_rules_get_measure (rules, r, STRATA_RULE_LIFT), (2.0 / 3.0) / 0.8, 1e-12);
}

/* Whether the antecedent (@side 0) or consequent (@side 1) of rule @r
 * holds @item. */
static gboolean
rule_side_holds (StrataRules *rules,
                 gsize        r,
                 guint        side,
                 guint32      item)
{
  guint n;
  const guint32 *items = side == 0 ? strata_rules_get_antecedent (rules, r, &n)
                                   : strata_rules_get_consequent (rules, r, &n);

  for (guint i = 0; i < n; i++)
    if (items[i] == item)
      return TRUE;
  return FALSE;
}

static void
test_sort_and_filters (void)
{
  g_autoptr(StrataTransactions) tr = hand_database ();
  g_autoptr(GError) error = NULL;
  static const char *const only_a[] = { "a", NULL };
  static const char *const unknown[] = { "zebra", NULL };
  StrataAprioriParams p;

  strata_apriori_params_init (&p);
  p.min_count = 1;
  p.min_confidence = 0.0;
  p.max_consequent_length = 0;

  for (StrataRuleMeasure m = STRATA_RULE_SUPPORT; m <= STRATA_RULE_COVERAGE; m++)
    {
      g_autoptr(StrataRules) rules = NULL;
      p.sort_by = m;
      g_assert_true (strata_apriori_run (tr, &p, NULL, NULL, NULL, NULL, &rules, &error));
      g_assert_cmpuint (strata_rules_get_n_rules (rules), >, 10);
      for (gsize r = 1; r < strata_rules_get_n_rules (rules); r++)
        g_assert_cmpfloat (strata_rules_get_measure (rules, r - 1, m), >=,
                           strata_rules_get_measure (rules, r, m));
    }

  {
    g_autoptr(StrataRules) all = NULL, top = NULL;
    p.sort_by = STRATA_RULE_LIFT;
    g_assert_true (strata_apriori_run (tr, &p, NULL, NULL, NULL, NULL, &all, &error));
    p.max_rules = 3;
    g_assert_true (strata_apriori_run (tr, &p, NULL, NULL, NULL, NULL, &top, &error));
    g_assert_cmpuint (strata_rules_get_n_rules (top), ==, 3);
    for (gsize r = 0; r < 3; r++)
      g_assert_cmpfloat (strata_rules_get_measure (top, r, STRATA_RULE_LIFT), ==,
                         strata_rules_get_measure (all, r, STRATA_RULE_LIFT));
    p.max_rules = 0;
  }

  /* Each filter keeps exactly the unfiltered rules with "a" on its side. */
  for (guint side = 0; side < 2; side++)
    {
      g_autoptr(StrataRules) all = NULL, some = NULL;
      gsize expected = 0;

      p.sort_by = STRATA_RULE_NONE;
      p.antecedent_items = p.consequent_items = NULL;
      g_assert_true (strata_apriori_run (tr, &p, NULL, NULL, NULL, NULL, &all, &error));
      if (side == 0)
        p.antecedent_items = only_a;
      else
        p.consequent_items = only_a;
      g_assert_true (strata_apriori_run (tr, &p, NULL, NULL, NULL, NULL, &some, &error));
      for (gsize r = 0; r < strata_rules_get_n_rules (all); r++)
        expected += rule_side_holds (all, r, side, 0);
      g_assert_cmpuint (expected, >, 0);
      g_assert_cmpuint (strata_rules_get_n_rules (some), ==, expected);
      for (gsize r = 0; r < strata_rules_get_n_rules (some); r++)
        g_assert_true (rule_side_holds (some, r, side, 0));
    }
  p.consequent_items = NULL;

  p.antecedent_items = unknown;
  {
    g_autoptr(StrataRules) rules = NULL;
    g_assert_false (strata_apriori_run (tr, &p, NULL, NULL, NULL, NULL, &rules, &error));
    g_assert_error (error, STRATA_APRIORI_ERROR, STRATA_APRIORI_ERROR_PARAMETER);
    g_assert_nonnull (strstr (error->message, "antecedent_items"));
    g_assert_nonnull (strstr (error->message, "zebra"));
    g_assert_null (rules);
  }
}

static void
test_bad_parameters (void)
{
  g_autoptr(StrataTransactions) tr = hand_database ();
  StrataAprioriParams p;
  struct { const char *name; double support, confidence; guint min_len, max_len; } cases[] = {
    { "min_support", 0.0, 0.5, 1, 0 },
    { "min_support", 1.5, 0.5, 1, 0 },
    { "min_confidence", 0.5, -0.1, 1, 0 },
    { "min_confidence", 0.5, 1.1, 1, 0 },
    { "max_length", 0.5, 0.5, 3, 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      strata_apriori_params_init (&p);
      p.min_support = cases[i].support;
      p.min_confidence = cases[i].confidence;
      p.min_length = cases[i].min_len;
      p.max_length = cases[i].max_len;
      g_assert_false (strata_apriori_run (tr, &p, NULL, NULL, NULL, NULL, NULL, &error));
      g_assert_error (error, STRATA_APRIORI_ERROR, STRATA_APRIORI_ERROR_PARAMETER);
      g_assert_nonnull (strstr (error->message, cases[i].name));
    }
}

static void
test_empty (void)
{
  static const gsize offsets[] = { 0 };
  g_autoptr(StrataTransactions) tr = strata_transactions_new (NULL, offsets, 0, NULL, 0);
  g_autoptr(StrataItemsets) sets = NULL;
  g_autoptr(StrataRules) rules = NULL;
  g_autoptr(GError) error = NULL;
  StrataAprioriParams p;

  strata_apriori_params_init (&p);
  g_assert_true (strata_apriori_run (tr, &p, NULL, NULL, NULL, &sets, &rules, &error));
  g_assert_cmpuint (strata_itemsets_get_n_itemsets (sets), ==, 0);
  g_assert_cmpuint (strata_rules_get_n_rules (rules), ==, 0);
}

/* --- Progress, cancel, memory guard --------------------------------------- */

/* A dense random database: 300 items, 150 transactions of ~40 items. */
static StrataTransactions *
dense_database (guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (guint32));
  gsize offsets[151];

  offsets[0] = 0;
  for (guint t = 0; t < 150; t++)
    {
      for (guint i = 0; i < 300; i++)
        if (g_rand_int_range (rand, 0, 300) < 40)
          g_array_append_vals (items, &i, 1);
      offsets[t + 1] = items->len;
    }
  return strata_transactions_new ((const guint32 *) items->data, offsets, 150, NULL, 300);
}

typedef struct {
  guint          calls;
  guint          last_level;
  guint64        frequent[16];
  guint          cancel_at;
  GCancellable  *cancellable;
} ProgressLog;

static void
on_progress (guint    level,
             guint64  n_candidates,
             guint64  n_frequent,
             gpointer user_data)
{
  ProgressLog *log = user_data;

  g_assert_cmpuint (level, ==, log->last_level + 1);
  g_assert_cmpuint (n_frequent, <=, n_candidates);
  log->last_level = level;
  if (level < G_N_ELEMENTS (log->frequent))
    log->frequent[level] = n_frequent;
  log->calls++;
  if (log->cancel_at == level)
    g_cancellable_cancel (log->cancellable);
}

static void
test_progress (void)
{
  g_autoptr(StrataTransactions) tr = dense_database (7);
  g_autoptr(StrataItemsets) sets = NULL;
  g_autoptr(GError) error = NULL;
  ProgressLog log = { 0 };
  guint64 per_level[16] = { 0 };
  StrataAprioriParams p;

  strata_apriori_params_init (&p);
  p.min_count = 3;
  p.rules = FALSE;
  g_assert_true (strata_apriori_run (tr, &p, on_progress, &log, NULL, &sets, NULL, &error));
  g_assert_cmpuint (log.calls, >=, 3);
  for (gsize i = 0; i < strata_itemsets_get_n_itemsets (sets); i++)
    {
      guint k;
      strata_itemsets_get_items (sets, i, &k);
      per_level[k]++;
    }
  for (guint k = 1; k <= log.last_level && k < 16; k++)
    g_assert_cmpuint (per_level[k], ==, log.frequent[k]);
}

static void
test_cancel (void)
{
  g_autoptr(StrataTransactions) tr = dense_database (7);
  StrataAprioriParams p;

  strata_apriori_params_init (&p);
  p.min_count = 3;

  /* Cancelled between levels (from the progress callback of level 2). */
  for (guint at = 1; at <= 2; at++)
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(StrataItemsets) sets = NULL;
      g_autoptr(GError) error = NULL;
      ProgressLog log = { .cancel_at = at, .cancellable = cancellable };

      g_assert_false (strata_apriori_run (tr, &p, on_progress, &log, cancellable, &sets, NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_null (sets);
      g_assert_cmpuint (log.last_level, ==, at);  /* no level after the cancel */
    }

  /* Cancelled before it starts: even level 2's counting stops. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(GError) error = NULL;
    g_cancellable_cancel (cancellable);
    g_assert_false (strata_apriori_run (tr, &p, NULL, NULL, cancellable, NULL, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  }
}

static void
test_memory_guard (void)
{
  g_autoptr(StrataTransactions) tr = dense_database (11);
  g_autoptr(StrataItemsets) sets = NULL;
  g_autoptr(GError) error = NULL;
  StrataAprioriParams p;

  /* Level 2: 300 items → 44,850 pair counters (175 KiB) > 64 KiB. */
  strata_apriori_params_init (&p);
  p.min_count = 1;
  p.max_memory = 64 << 10;
  g_assert_false (strata_apriori_run (tr, &p, NULL, NULL, NULL, &sets, NULL, &error));
  g_assert_error (error, STRATA_APRIORI_ERROR, STRATA_APRIORI_ERROR_MEMORY);
  g_assert_nonnull (strstr (error->message, "Level 2"));
  g_assert_nonnull (strstr (error->message, "min_support"));
  g_assert_null (sets);
  g_clear_error (&error);

  /* Level 3 at min_count 2, counted with the candidate tree: pairs fit in
   * 4 MiB, the tree of candidate triples does not. */
  p.min_count = 2;
  p.max_memory = 4 << 20;
  g_assert_false (apriori_run_with (tr, &p, APRIORI_COUNT_TREE, NULL, NULL, NULL, &sets, NULL, &error));
  g_assert_error (error, STRATA_APRIORI_ERROR, STRATA_APRIORI_ERROR_MEMORY);
  g_assert_nonnull (strstr (error->message, "Level 3"));
  g_clear_error (&error);

  /* Counted with bitsets (the automatic choice here), level 3 keeps only
   * its frequent triples, not a tree of every candidate: it fits, and
   * level 4 is the one that does not. */
  g_assert_false (strata_apriori_run (tr, &p, NULL, NULL, NULL, &sets, NULL, &error));
  g_assert_error (error, STRATA_APRIORI_ERROR, STRATA_APRIORI_ERROR_MEMORY);
  g_assert_nonnull (strstr (error->message, "Level 4"));
  g_clear_error (&error);

  /* With the default limit (a quarter of RAM) the same run succeeds. */
  p.max_memory = 0;
  p.max_length = 3;
  p.rules = FALSE;
  g_assert_true (strata_apriori_run (tr, &p, NULL, NULL, NULL, &sets, NULL, &error));
  g_assert_no_error (error);
}

/* --- CSV ------------------------------------------------------------------ */

/* Itemset fields are quoted exactly when a name holds a comma (or quote,
 * CR, LF) or the joined field starts or ends with a blank; a blank inside
 * (after "b ") needs no quotes. Supports 2/3 and 1/3 print as Python's
 * repr does. */
static void
test_itemsets_quoting (void)
{
  static const char *const names[] = { " a", "b ", "c,d", "e" };
  static const guint32 items[] = { 0, 1, 3, 0, 1, 3, 2, 3 };
  static const gsize offsets[] = { 0, 3, 6, 8 };
  static const char *const expected[] = {
    "\" a\",2,0.6666666666666666",
    "\"b \",2,0.6666666666666666",
    "\"c,d\",1,0.3333333333333333",
    "e,3,1",
    "\" a & b \",2,0.6666666666666666",
    "\" a & e\",2,0.6666666666666666",
    "b  & e,2,0.6666666666666666",
    "\"c,d & e\",1,0.3333333333333333",
    "\" a & b  & e\",2,0.6666666666666666",
  };
  g_autoptr(StrataTransactions) tr = strata_transactions_new (items, offsets, 3, names, 4);
  g_autoptr(StrataItemsets) sets = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  gsize size;
  FILE *f;
  StrataAprioriParams p;

  strata_apriori_params_init (&p);
  p.min_count = 1;
  p.rules = FALSE;
  g_assert_true (strata_apriori_run (tr, &p, NULL, NULL, NULL, &sets, NULL, &error));
  g_assert_cmpuint (strata_itemsets_get_n_itemsets (sets), ==, G_N_ELEMENTS (expected));
  f = open_memstream (&text, &size);
  g_assert_true (strata_itemsets_write_csv (sets, f, "memory", &error));
  g_assert_no_error (error);
  fclose (f);
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, G_N_ELEMENTS (expected) + 2);  /* header, "" */
  g_assert_cmpstr (lines[0], ==, "itemset,count,support");
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      if (!g_strv_contains ((const char *const *) lines, expected[i]))
        g_error ("missing line %s in:\n%s", expected[i], text);
    }
}

static void
test_save_csv (void)
{
  g_autoptr(StrataTransactions) tr = hand_database ();
  g_autoptr(StrataItemsets) sets = NULL;
  g_autoptr(StrataRules) rules = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("strata-apriori-XXXXXX", &error);
  g_autofree char *rules_path = g_build_filename (dir, "n.rules.csv", NULL);
  g_autofree char *sets_path = g_build_filename (dir, "n.itemsets.csv", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GDir) listing = NULL;
  StrataAprioriParams p;
  guint n_files = 0;

  strata_apriori_params_init (&p);
  p.min_count = 2;
  p.min_confidence = 1.0;
  g_assert_true (strata_apriori_run (tr, &p, NULL, NULL, NULL, &sets, &rules, &error));
  g_assert_true (strata_rules_save_csv (rules, rules_path, &error));
  g_assert_true (strata_itemsets_save_csv (sets, sets_path, &error));
  g_assert_no_error (error);

  /* confidence 1 at count 2: d → a, d → b, a & d → b, b & d → a, d → a & b
   * is excluded (one-item consequents); hand-listed in the same order as
   * generated: itemsets {d,a}, {d,b}, {d,a,b} (codes by ascending support) */
  g_assert_true (g_file_get_contents (rules_path, &text, NULL, &error));
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 6);  /* header, 4 rules, "" */
  g_assert_cmpstr (lines[0], ==, "antecedent,consequent,support,confidence,lift,leverage,conviction");
  /* leverage 0.4 − 0.4·0.8 is 0.07999999999999996 in doubles (Python's
   * repr agrees): printed shortest-exact, not rounded */
  g_assert_cmpstr (lines[1], ==, "d,a,0.4,1,1.25,0.07999999999999996,inf");
  g_assert_cmpstr (lines[5], ==, "");
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&lines, g_strfreev);

  g_assert_true (g_file_get_contents (sets_path, &text, NULL, &error));
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "itemset,count,support");
  g_assert_cmpstr (lines[1], ==, "d,2,0.4");
  g_assert_cmpuint (g_strv_length (lines), ==, 2 + strata_itemsets_get_n_itemsets (sets));

  /* nothing but the two files: the temporary ones were renamed */
  listing = g_dir_open (dir, 0, &error);
  while (g_dir_read_name (listing) != NULL)
    n_files++;
  g_assert_cmpuint (n_files, ==, 2);
  g_remove (rules_path);
  g_remove (sets_path);
  g_rmdir (dir);

  /* an unwritable place is an error naming it */
  g_assert_false (strata_rules_save_csv (rules, "/nonexistent/dir/r.csv", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "/nonexistent/dir/r.csv"));
}

/* --- Fixtures from gen.py ------------------------------------------------- */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* Names of @items sorted and joined by @sep. */
static char *
sorted_names (StrataTransactions *tr,
              const guint32      *items,
              guint               n,
              const char         *sep)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (names, (gpointer) strata_transactions_get_item_name (tr, items[i]));
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (sep, (char **) names->pdata);
}

static char **
read_fixture (const char  *name,
              const char  *suffix,
              char       **header)
{
  g_autofree char *file = g_strconcat (name, suffix, NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "apriori", file, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  char **lines, *nl;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  nl = strchr (text, '\n');
  g_assert_nonnull (nl);
  *header = g_strndup (text, nl - text);
  g_strchomp (nl + 1);
  lines = g_strsplit (nl + 1, "\n", -1);
  if (lines[0] != NULL && lines[0][0] == '\0')
    {
      g_strfreev (lines);
      lines = g_new0 (char *, 1);
    }
  return lines;
}

static void
assert_close (double      got,
              const char *want)
{
  double w = g_ascii_strtod (want, NULL);

  if (isinf (w))
    g_assert_true (isinf (got) && got > 0);
  else
    g_assert_cmpfloat_with_epsilon (got, w, 1e-12 * MAX (1.0, fabs (w)));
}

typedef struct {
  const char *name;        /* fixture prefix */
  const char *data;        /* file in data/datasets */
  StrataTransactionsFormat format;
  double      support;
  double      confidence;
  guint       max_consequent;
} FixtureCase;

static void
test_fixture (gconstpointer data)
{
  const FixtureCase *fc = data;
  g_autofree char *path = g_build_filename (g_getenv ("STRATA_SOURCE_ROOT"), "data", "datasets", fc->data, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataTransactions) tr = NULL;
  g_autoptr(StrataItemsets) sets = NULL;
  g_autoptr(StrataRules) rules = NULL;
  g_autofree char *header = NULL, *rules_header = NULL, *want_header = NULL;
  g_auto(GStrv) want = read_fixture (fc->name, ".itemsets", &header);
  g_auto(GStrv) want_rules = read_fixture (fc->name, ".rules", &rules_header);
  g_autoptr(GPtrArray) got = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) got_rules = g_ptr_array_new_with_free_func (g_free);
  StrataAprioriParams p;

  tr = strata_transactions_read_file (path, fc->format, ',', NULL, &error);
  g_assert_no_error (error);

  strata_apriori_params_init (&p);
  p.min_support = fc->support;
  p.min_confidence = fc->confidence;
  p.max_consequent_length = fc->max_consequent;
  g_assert_true (strata_apriori_run (tr, &p, NULL, NULL, NULL, &sets, &rules, &error));
  g_assert_no_error (error);

  want_header = g_strdup_printf ("# transactions %" G_GSIZE_FORMAT " min_count %" G_GUINT64_FORMAT
                                 " itemsets %" G_GSIZE_FORMAT,
                                 strata_transactions_get_n_transactions (tr),
                                 strata_itemsets_get_min_count (sets),
                                 strata_itemsets_get_n_itemsets (sets));
  g_assert_cmpstr (header, ==, want_header);

  for (gsize i = 0; i < strata_itemsets_get_n_itemsets (sets); i++)
    {
      guint k;
      const guint32 *items = strata_itemsets_get_items (sets, i, &k);
      g_autofree char *names = sorted_names (tr, items, k, "\t");
      g_ptr_array_add (got, g_strdup_printf ("%" G_GUINT64_FORMAT "\t%s",
                                             strata_itemsets_get_count (sets, i), names));
    }
  g_ptr_array_sort (got, compare_strings);
  g_assert_cmpuint (got->len, ==, g_strv_length (want));
  for (guint i = 0; i < got->len; i++)
    g_assert_cmpstr (g_ptr_array_index (got, i), ==, want[i]);

  /* Rules: sides and counts exactly, measures to 1e-12. */
  g_assert_cmpuint (strata_rules_get_n_rules (rules), ==, g_strv_length (want_rules));
  for (gsize r = 0; r < strata_rules_get_n_rules (rules); r++)
    {
      guint nx, ny;
      const guint32 *x = strata_rules_get_antecedent (rules, r, &nx);
      const guint32 *y = strata_rules_get_consequent (rules, r, &ny);
      g_autofree char *sx = sorted_names (tr, x, nx, " & ");
      g_autofree char *sy = sorted_names (tr, y, ny, " & ");
      guint64 cxy, cx, cy;

      strata_rules_get_counts (rules, r, &cxy, &cx, &cy);
      /* the index keeps the generation order through the sort */
      g_ptr_array_add (got_rules, g_strdup_printf ("%s\t%s\t%" G_GUINT64_FORMAT "\t%" G_GUINT64_FORMAT
                                                   "\t%" G_GUINT64_FORMAT "\t%" G_GSIZE_FORMAT,
                                                   sx, sy, cxy, cx, cy, r));
    }
  g_ptr_array_sort (got_rules, compare_strings);
  qsort (want_rules, g_strv_length (want_rules), sizeof (char *), compare_strings);
  for (guint i = 0; i < got_rules->len; i++)
    {
      g_auto(GStrv) g = g_strsplit (g_ptr_array_index (got_rules, i), "\t", -1);
      g_auto(GStrv) w = g_strsplit (want_rules[i], "\t", -1);
      gsize r = g_ascii_strtoull (g[5], NULL, 10);
      static const StrataRuleMeasure measures[] = {
        STRATA_RULE_SUPPORT, STRATA_RULE_CONFIDENCE, STRATA_RULE_LIFT,
        STRATA_RULE_LEVERAGE, STRATA_RULE_CONVICTION,
      };

      g_assert_cmpuint (g_strv_length (w), ==, 10);
      for (guint c = 0; c < 5; c++)
        g_assert_cmpstr (g[c], ==, w[c]);
      for (guint c = 0; c < G_N_ELEMENTS (measures); c++)
        assert_close (strata_rules_get_measure (rules, r, measures[c]), w[5 + c]);
    }
}

int
main (int   argc,
      char *argv[])
{
  static const FixtureCase fixtures[] = {
    { "groceries-0.01", "groceries.csv", STRATA_TRANSACTIONS_FORMAT_BASKET, 0.01, 0.3, 1 },
    { "groceries-0.005-any", "groceries.csv", STRATA_TRANSACTIONS_FORMAT_BASKET, 0.005, 0.4, 0 },
    { "retail-0.01", "retail.dat", STRATA_TRANSACTIONS_FORMAT_FIMI, 0.01, 0.5, 1 },
    /* a CSV table without header: items "column=value", "?" missing */
    { "mushroom-0.45", "mushroom-uci/agaricus-lepiota.data", STRATA_TRANSACTIONS_FORMAT_TABLE, 0.45, 0.98, 1 },
  };

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Apriori/brute-force", test_brute_force);
  g_test_add_func ("/Apriori/measures/by-hand", test_measures_by_hand);
  g_test_add_func ("/Apriori/rules/sort-and-filters", test_sort_and_filters);
  g_test_add_func ("/Apriori/parameters/invalid", test_bad_parameters);
  g_test_add_func ("/Apriori/empty", test_empty);
  g_test_add_func ("/Apriori/progress", test_progress);
  g_test_add_func ("/Apriori/cancel", test_cancel);
  g_test_add_func ("/Apriori/memory-guard", test_memory_guard);
  g_test_add_func ("/Apriori/csv/save", test_save_csv);
  g_test_add_func ("/Apriori/csv/itemsets-quoting", test_itemsets_quoting);
  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autofree char *name = g_strconcat ("/Apriori/fixture/", fixtures[i].name, NULL);
      g_test_add_data_func (name, &fixtures[i], test_fixture);
    }
  return g_test_run ();
}
