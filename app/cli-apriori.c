/* cli-apriori.c — `strata apriori`: frequent itemsets and rules as CSV
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN.md fixes the contract: rules (or itemsets with --itemsets) as CSV
 * on stdout — the format of strata_rules_write_csv() and
 * strata_itemsets_write_csv() — every rule exported; a one-line summary on
 * stderr.
 *
 * The input kind comes from --input, else from
 * strata_transactions_detect_format() (the rule is in docs/apriori.md).
 *
 * The command is a short process that allocates and frees level-sized
 * blocks: glibc's malloc would serve those of 128 KiB and more with fresh
 * mmap()s and give them back on free, so every level would fault its pages
 * in again (some 5 µs a page on a VM). Freed memory stays in the heap
 * instead (see keep_freed_memory()): groceries.csv at 0.1% takes 95 page
 * faults and about 1 ms less, retail.dat's peak RSS grows by 1 to 2 MB.
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdlib.h>
#include <string.h>

#include "strata-apriori.h"
#include "strata-cli.h"
#include "strata-transactions.h"

#define COMMAND "apriori"

/* --- Command -------------------------------------------------------------- */

static void
keep_freed_memory (void)
{
#ifdef __GLIBC__
  mallopt (M_MMAP_THRESHOLD, 64 << 20);
  mallopt (M_TRIM_THRESHOLD, 64 << 20);
#endif
}

int
strata_cli_apriori (int    argc,
                    char **argv)
{
  g_autofree char *input = NULL, *sort = NULL, *delimiter = NULL;
  g_auto(GStrv) antecedent = NULL, consequent = NULL;
  double min_support = 0.1, min_confidence = 0.8;
  int max_length = 0, min_length = 1, max_consequent = 1, max_memory_mb = 0;
  gboolean itemsets_only = FALSE;
  const GOptionEntry entries[] = {
    { "input", 0, 0, G_OPTION_ARG_STRING, &input,
      "Input kind: basket, fimi or table (default: from the file name)", "KIND" },
    { "min-support", 0, 0, G_OPTION_ARG_DOUBLE, &min_support,
      "Minimum support: a fraction in (0, 1], or a count of transactions when > 1 (default 0.1)", "F" },
    { "min-confidence", 0, 0, G_OPTION_ARG_DOUBLE, &min_confidence,
      "Minimum confidence of a rule (default 0.8)", "F" },
    { "min-length", 0, 0, G_OPTION_ARG_INT, &min_length,
      "Minimum number of items in an itemset or rule (default 1)", "K" },
    { "max-length", 0, 0, G_OPTION_ARG_INT, &max_length,
      "Maximum number of items in an itemset or rule (default 0: no limit)", "K" },
    { "max-consequent", 0, 0, G_OPTION_ARG_INT, &max_consequent,
      "Maximum items in a rule's consequent (default 1; 0: any)", "K" },
    { "itemsets", 0, 0, G_OPTION_ARG_NONE, &itemsets_only,
      "Print the frequent itemsets (itemset,count,support) instead of rules", NULL },
    { "antecedent", 0, 0, G_OPTION_ARG_STRING_ARRAY, &antecedent,
      "Keep only rules whose antecedent holds this item (repeatable: any of them)", "ITEM" },
    { "consequent", 0, 0, G_OPTION_ARG_STRING_ARRAY, &consequent,
      "Keep only rules whose consequent holds this item (repeatable: any of them)", "ITEM" },
    { "sort", 0, 0, G_OPTION_ARG_STRING, &sort,
      "Sort rules by support, confidence, lift, leverage, conviction or coverage, largest first", "MEASURE" },
    { "delimiter", 0, 0, G_OPTION_ARG_STRING, &delimiter,
      "Item separator of a basket file (default ',')", "C" },
    { "max-memory", 0, 0, G_OPTION_ARG_INT, &max_memory_mb,
      "Stop when a level's candidates would need more (default: a quarter of RAM)", "MIB" },
    { NULL },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataTransactions) tr = NULL;
  g_autoptr(StrataItemsets) sets = NULL;
  g_autoptr(StrataRules) rules = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  StrataAprioriParams params;
  StrataTransactionsFormat kind;
  const char *path;

  if (!strata_cli_parse (COMMAND, "FILE", "Mine frequent itemsets and association rules (Apriori).",
                         entries, &argc, &argv))
    return STRATA_EXIT_USAGE;
  if (argc != 2)
    return strata_cli_usage (COMMAND, "expected one FILE, got %d", argc - 1);
  path = argv[1];

  strata_apriori_params_init (&params);
  if (min_support > 1.0)
    {
      if (min_support != floor (min_support))
        return strata_cli_usage (COMMAND, "--min-support %g: a count must be a whole number", min_support);
      params.min_count = (guint64) min_support;
    }
  else if (min_support > 0.0)
    params.min_support = min_support;
  else
    return strata_cli_usage (COMMAND, "--min-support must be positive");
  if (min_confidence < 0.0 || min_confidence > 1.0)
    return strata_cli_usage (COMMAND, "--min-confidence must be in [0, 1]");
  if (min_length < 1 || max_length < 0 || max_consequent < 0 || max_memory_mb < 0)
    return strata_cli_usage (COMMAND, "--min-length must be ≥ 1; --max-length, --max-consequent and --max-memory ≥ 0");
  if (max_length > 0 && max_length < min_length)
    return strata_cli_usage (COMMAND, "--max-length must be 0 or at least --min-length");
  if (sort != NULL && (!strata_rule_measure_from_string (sort, &params.sort_by) ||
                       params.sort_by == STRATA_RULE_NONE))
    return strata_cli_usage (COMMAND, "--sort: unknown measure “%s”", sort);
  if (delimiter != NULL && (strlen (delimiter) != 1 || delimiter[0] == '"' || delimiter[0] == '\n'))
    {
      if (g_strcmp0 (delimiter, "\\t") == 0 || g_strcmp0 (delimiter, "tab") == 0)
        delimiter[0] = '\t', delimiter[1] = '\0';
      else
        return strata_cli_usage (COMMAND, "--delimiter must be one character (or \"tab\")");
    }
  params.min_confidence = min_confidence;
  params.min_length = min_length;
  params.max_length = max_length;
  params.max_consequent_length = max_consequent;
  params.max_memory = (guint64) max_memory_mb << 20;
  params.antecedent_items = (const char *const *) antecedent;
  params.consequent_items = (const char *const *) consequent;
  params.rules = !itemsets_only;

  if (input != NULL)
    {
      if (!strata_transactions_format_from_string (input, &kind))
        return strata_cli_usage (COMMAND, "--input must be basket, fimi or table, not “%s”", input);
    }
  else if (!strata_transactions_detect_format (path, delimiter != NULL ? delimiter[0] : ',', &kind, &error))
    return strata_cli_fail ("%s", error->message);

  keep_freed_memory ();
  tr = strata_transactions_read_file (path, kind, delimiter != NULL ? delimiter[0] : ',', NULL, &error);
  if (tr == NULL)
    return strata_cli_fail ("%s", error->message);

  if (!strata_apriori_run (tr, &params, NULL, NULL, NULL, &sets, itemsets_only ? NULL : &rules, &error))
    return strata_cli_fail ("%s: %s", path, error->message);

  if (!(itemsets_only ? strata_itemsets_write_csv (sets, stdout, "standard output", &error)
                      : strata_rules_write_csv (rules, stdout, "standard output", &error)))
    return strata_cli_fail ("%s", error->message);

  fprintf (stderr, "strata apriori: %s (%s): %" G_GSIZE_FORMAT " transactions, %u items; "
           "min support %" G_GUINT64_FORMAT " transactions; %" G_GSIZE_FORMAT " itemsets, %"
           G_GSIZE_FORMAT " rules; %.3f s\n",
           path, strata_transactions_format_to_string (kind),
           strata_transactions_get_n_transactions (tr), strata_transactions_get_n_items (tr),
           strata_itemsets_get_min_count (sets), strata_itemsets_get_n_itemsets (sets),
           rules != NULL ? strata_rules_get_n_rules (rules) : (gsize) 0,
           g_timer_elapsed (timer, NULL));
  return STRATA_EXIT_OK;
}
