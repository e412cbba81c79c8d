/* strata-nodes-mine.c — data.transactions and mine.apriori
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * Thin wrappers: the work is in strata-transactions.c and strata-apriori.c.
 * This file declares the three data kinds they produce (transactions,
 * itemsets, rules: immutable, ref-counted payloads), maps node parameters
 * onto StrataAprioriParams (names as the engine and mlxtend/arules use
 * them), forwards per-level progress and the cancellable, and records the
 * metrics n_itemsets and n_rules. `strata run` saves itemsets and rules as
 * ID.PORT.csv in the format of `strata apriori`.
 *
 * mine.apriori takes transactions or a table on its one input: a table is
 * converted by strata_transactions_new_from_table() (categorical value →
 * "column=value"; a numeric column that is not 0/1 is an error naming it).
 */

#include "config.h"

#include <string.h>

#include "strata-apriori.h"
#include "strata-node.h"

/* --- Data kinds ----------------------------------------------------------- */

static char *
describe_transactions (gpointer payload)
{
  StrataTransactions *tr = payload;

  return g_strdup_printf ("%" G_GSIZE_FORMAT " transactions, %u items",
                          strata_transactions_get_n_transactions (tr),
                          strata_transactions_get_n_items (tr));
}

static const StrataDataType transactions_type = {
  .kind = STRATA_DATA_TRANSACTIONS,
  .free = (GDestroyNotify) strata_transactions_unref,
  .describe = describe_transactions,
};

/* Saves itemsets or rules as DIR/ID.PORT.csv (DESIGN.md), atomically. */
static gboolean
save_csv (gpointer     payload,
          gboolean     rules,
          const char  *dir,
          const char  *node_id,
          const char  *port,
          char       **written,
          GError     **error)
{
  g_autofree char *name = g_strdup_printf ("%s.%s.csv", node_id, port);
  g_autofree char *path = g_build_filename (dir, name, NULL);

  if (!(rules ? strata_rules_save_csv (payload, path, error)
              : strata_itemsets_save_csv (payload, path, error)))
    return FALSE;
  *written = g_steal_pointer (&name);
  return TRUE;
}

static gboolean
save_itemsets (gpointer     payload,
               const char  *dir,
               const char  *node_id,
               const char  *port,
               char       **written,
               GError     **error)
{
  return save_csv (payload, FALSE, dir, node_id, port, written, error);
}

static char *
describe_itemsets (gpointer payload)
{
  return g_strdup_printf ("%" G_GSIZE_FORMAT " frequent itemsets",
                          strata_itemsets_get_n_itemsets (payload));
}

static const StrataDataType itemsets_type = {
  .kind = STRATA_DATA_ITEMSETS,
  .free = (GDestroyNotify) strata_itemsets_unref,
  .save = save_itemsets,
  .describe = describe_itemsets,
};

static gboolean
save_rules (gpointer     payload,
            const char  *dir,
            const char  *node_id,
            const char  *port,
            char       **written,
            GError     **error)
{
  return save_csv (payload, TRUE, dir, node_id, port, written, error);
}

static char *
describe_rules (gpointer payload)
{
  return g_strdup_printf ("%" G_GSIZE_FORMAT " rules", strata_rules_get_n_rules (payload));
}

static const StrataDataType rules_type = {
  .kind = STRATA_DATA_RULES,
  .free = (GDestroyNotify) strata_rules_unref,
  .save = save_rules,
  .describe = describe_rules,
};

/* --- data.transactions ---------------------------------------------------- */

static const char *const formats[] = { "auto", "basket", "fimi", "table", NULL };

static const StrataParamSpec transactions_params[] = {
  { .name = "path", .type = STRATA_PARAM_PATH, .nullable = TRUE,
    .help = "Basket file (one transaction per line), FIMI .dat file or CSV table (plain or .gz)" },
  { .name = "format", .type = STRATA_PARAM_CHOICE, .choices = formats, .default_value = "auto",
    .help = "auto: .dat is FIMI; a CSV whose lines all have as many fields is a table; else baskets" },
  { .name = "sep", .type = STRATA_PARAM_STRING, .default_value = ",",
    .help = "Item separator of a basket file, one character" },
  { NULL }
};

static const StrataPortSpec transactions_out[] = {
  { "transactions", STRATA_DATA_TRANSACTIONS, "One set of items per line (or row)" },
  { NULL }
};

static gboolean
run_transactions (StrataNodeContext *ctx, StrataParams *params, StrataData **in,
                  StrataData **out, GError **error)
{
  const char *path = strata_params_get_string (params, "path");
  const char *format_name = strata_params_get_string (params, "format");
  const char *sep = strata_params_get_string (params, "sep");
  StrataTransactionsFormat format;
  StrataTransactions *tr;

  if (path == NULL)
    return strata_node_param_error (error, "path", "choose a basket, FIMI or CSV file");
  if (strlen (sep) != 1 || sep[0] == '"' || sep[0] == '\n')
    return strata_node_param_error (error, "sep", "must be one character other than a quote");
  if (strcmp (format_name, "auto") == 0)
    {
      if (!strata_transactions_detect_format (path, sep[0], &format, error))
        return FALSE;
    }
  else if (!strata_transactions_format_from_string (format_name, &format))
    g_assert_not_reached ();  /* the CHOICE was validated */

  strata_node_context_progress (ctx, -1.0, "reading");
  tr = strata_transactions_read_file (path, format, sep[0], strata_node_context_get_cancellable (ctx),
                                      error);
  if (tr == NULL)
    return FALSE;
  strata_node_context_set_metric (ctx, "n_transactions", strata_transactions_get_n_transactions (tr));
  strata_node_context_set_metric (ctx, "n_items", strata_transactions_get_n_items (tr));
  out[0] = strata_data_new (&transactions_type, tr);
  return TRUE;
}

/* --- mine.apriori --------------------------------------------------------- */

static const char *const measures[] = {
  "none", "support", "confidence", "lift", "leverage", "conviction", "coverage", NULL,
};

static const StrataParamSpec apriori_params[] = {
  { .name = "min_support", .type = STRATA_PARAM_DOUBLE, .range = "(0, 1]", .unit = "fraction",
    .default_value = "0.1", .help = "Smallest share of transactions an itemset must appear in" },
  { .name = "min_count", .type = STRATA_PARAM_INT, .range = "[1, inf)", .unit = "transactions",
    .nullable = TRUE, .help = "Smallest support as a count; when set it replaces min_support" },
  { .name = "min_confidence", .type = STRATA_PARAM_DOUBLE, .range = "[0, 1]", .unit = "fraction",
    .default_value = "0.8", .help = "Smallest confidence of a rule" },
  { .name = "min_length", .type = STRATA_PARAM_INT, .range = "[1, inf)", .unit = "items",
    .default_value = "1", .help = "Fewest items in an itemset (or a rule, both sides)" },
  { .name = "max_length", .type = STRATA_PARAM_INT, .range = "[1, inf)", .unit = "items",
    .nullable = TRUE, .help = "Most items in an itemset or rule (unset: no limit)" },
  { .name = "max_consequent_length", .type = STRATA_PARAM_INT, .range = "[0, inf)", .unit = "items",
    .default_value = "1", .help = "Most items in a rule's consequent (0: any)" },
  { .name = "max_rules", .type = STRATA_PARAM_INT, .range = "[0, inf)", .unit = "rules",
    .default_value = "0", .help = "Keep at most this many rules after sorting (0: all)" },
  { .name = "sort_by", .type = STRATA_PARAM_CHOICE, .choices = measures, .default_value = "none",
    .help = "Sort rules by this measure, largest first (none: by itemset)" },
  { .name = "antecedent_items", .type = STRATA_PARAM_STRINGS, .default_value = "[]",
    .help = "Keep only rules whose antecedent holds one of these items (empty: all)" },
  { .name = "consequent_items", .type = STRATA_PARAM_STRINGS, .default_value = "[]",
    .help = "Keep only rules whose consequent holds one of these items (empty: all)" },
  { .name = "max_memory", .type = STRATA_PARAM_INT, .range = "[1, inf)", .unit = "MiB",
    .nullable = TRUE, .help = "Stop when a level's candidates would need more (unset: a quarter of RAM)" },
  { NULL }
};

static const StrataPortSpec apriori_in[] = {
  { "transactions", STRATA_DATA_ANY,
    "Transactions, or a table (categorical values become column=value items)" },
  { NULL }
};

static const StrataPortSpec apriori_out[] = {
  { "itemsets", STRATA_DATA_ITEMSETS, "Frequent itemsets with their support" },
  { "rules", STRATA_DATA_RULES, "Association rules with their measures" },
  { NULL }
};

static void
on_level (guint    level,
          guint64  n_candidates,
          guint64  n_frequent,
          gpointer user_data)
{
  g_autofree char *message =
    g_strdup_printf ("level %u: %" G_GUINT64_FORMAT " candidates, %" G_GUINT64_FORMAT " frequent",
                     level, n_candidates, n_frequent);

  strata_node_context_progress (user_data, -1.0, message);
}

static gboolean
run_apriori (StrataNodeContext *ctx, StrataParams *params, StrataData **in,
             StrataData **out, GError **error)
{
  g_autoptr(StrataTransactions) tr = NULL;
  g_autoptr(StrataItemsets) sets = NULL;
  g_autoptr(StrataRules) rules = NULL;
  g_auto(GStrv) antecedent = strata_params_dup_strv (params, "antecedent_items");
  g_auto(GStrv) consequent = strata_params_dup_strv (params, "consequent_items");
  StrataTable *table = strata_data_get_table (in[0]);
  gpointer payload = strata_data_get_payload (in[0], STRATA_DATA_TRANSACTIONS);
  StrataAprioriParams p;

  if (payload != NULL)
    tr = strata_transactions_ref (payload);
  else if (table != NULL)
    {
      tr = strata_transactions_new_from_table (table, error);
      if (tr == NULL)
        return FALSE;
    }
  else
    {
      g_set_error (error, STRATA_NODE_ERROR, STRATA_NODE_ERROR_INPUT,
                   "input “transactions”: expected transactions or a table, got %s",
                   strata_data_get_kind (in[0]));
      return FALSE;
    }

  strata_apriori_params_init (&p);
  p.min_support = strata_params_get_double (params, "min_support");
  if (!strata_params_is_null (params, "min_count"))
    p.min_count = strata_params_get_int (params, "min_count");
  p.min_confidence = strata_params_get_double (params, "min_confidence");
  p.min_length = strata_params_get_int (params, "min_length");
  if (!strata_params_is_null (params, "max_length"))
    p.max_length = strata_params_get_int (params, "max_length");
  if (p.max_length != 0 && p.max_length < p.min_length)
    return strata_node_param_error (error, "max_length", "must be at least min_length");
  p.max_consequent_length = strata_params_get_int (params, "max_consequent_length");
  p.max_rules = strata_params_get_int (params, "max_rules");
  strata_rule_measure_from_string (strata_params_get_string (params, "sort_by"), &p.sort_by);
  p.antecedent_items = antecedent[0] != NULL ? (const char *const *) antecedent : NULL;
  p.consequent_items = consequent[0] != NULL ? (const char *const *) consequent : NULL;
  if (!strata_params_is_null (params, "max_memory"))
    p.max_memory = (guint64) strata_params_get_int (params, "max_memory") << 20;

  if (!strata_apriori_run (tr, &p, on_level, ctx, strata_node_context_get_cancellable (ctx),
                           &sets, &rules, error))
    return FALSE;

  strata_node_context_set_metric (ctx, "n_itemsets", strata_itemsets_get_n_itemsets (sets));
  strata_node_context_set_metric (ctx, "n_rules", strata_rules_get_n_rules (rules));
  out[0] = strata_data_new (&itemsets_type, g_steal_pointer (&sets));
  out[1] = strata_data_new (&rules_type, g_steal_pointer (&rules));
  return TRUE;
}

/* --- Registration --------------------------------------------------------- */

static const StrataNodeType mine_types[] = {
  { .id = "data.transactions", .group = "data", .title = "Transactions",
    .help = "Reads market baskets: a basket file, a FIMI .dat file, or a CSV table as column=value items.",
    .outputs = transactions_out, .params = transactions_params, .run = run_transactions,
    .cache_salt = strata_node_path_cache_salt },
  { .id = "mine.apriori", .group = "mine", .title = "Apriori",
    .help = "Frequent itemsets and association rules with support, confidence, lift, leverage and conviction (Agrawal & Srikant 1994).",
    .inputs = apriori_in, .outputs = apriori_out, .params = apriori_params, .run = run_apriori },
};

void
strata_nodes_mine_register (StrataRegistry *registry)
{
  for (guint i = 0; i < G_N_ELEMENTS (mine_types); i++)
    strata_registry_add (registry, &mine_types[i]);
}
