/* test-nodes-mine.c — data.transactions and mine.apriori through the registry
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The nodes are run as the executor runs them (registry, validated
 * parameters written as JSON, a node context); the expected counts are
 * those of tests/fixtures/apriori (made by gen.py, a plain Python Apriori):
 * groceries at min_support 0.01 → 333 itemsets, 125 rules at confidence 0.3.
 */

#include <glib/gstdio.h>
#include <string.h>

#include "strata-apriori.h"
#include "strata-node.h"

#define MAX_OUTPUTS 4

/* Runs node type @type_id with @params_json on @inputs; NULL on failure. */
static StrataData **
run_node (const char         *type_id,
          const char         *params_json,
          StrataData        **inputs,
          GCancellable       *cancellable,
          StrataMetrics     **metrics,
          GError            **error)
{
  g_autoptr(StrataRegistry) registry = strata_registry_new_default ();
  const StrataNodeType *type = strata_registry_lookup (registry, type_id);
  g_autoptr(StrataParams) params = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(StrataNodeContext) ctx = strata_node_context_new ("test", 1, cancellable, NULL);
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;
  StrataData **outputs;

  g_assert_nonnull (type);
  strata_node_context_set_registry (ctx, registry);
  params = strata_params_new (type->params);
  g_assert_true (json_parser_load_from_data (parser, params_json, -1, NULL));
  json_object_iter_init (&iter, json_node_get_object (json_parser_get_root (parser)));
  while (json_object_iter_next (&iter, &name, &value))
    {
      g_autoptr(GError) local = NULL;
      strata_params_set (params, name, value, &local);
      g_assert_no_error (local);
    }
  outputs = g_new0 (StrataData *, MAX_OUTPUTS);
  if (!type->run (ctx, params, inputs, outputs, error))
    {
      g_free (outputs);
      return NULL;
    }
  if (metrics != NULL)
    *metrics = strata_metrics_copy (strata_node_context_get_metrics (ctx));
  return outputs;
}

static void
free_outputs (StrataData **outputs)
{
  for (guint i = 0; outputs != NULL && i < MAX_OUTPUTS; i++)
    g_clear_pointer (&outputs[i], strata_data_unref);
  g_free (outputs);
}

static StrataData *
read_groceries (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("STRATA_SOURCE_ROOT"), "data", "datasets",
                                            "groceries.csv", NULL);
  g_autofree char *params = g_strdup_printf ("{\"path\": \"%s\"}", path);
  g_autoptr(GError) error = NULL;
  StrataData **out = run_node ("data.transactions", params, NULL, NULL, NULL, &error);
  StrataData *tr;

  g_assert_no_error (error);
  g_assert_cmpstr (strata_data_get_kind (out[0]), ==, STRATA_DATA_TRANSACTIONS);
  tr = strata_data_ref (out[0]);
  free_outputs (out);
  return tr;
}

static void
test_groceries (void)
{
  g_autoptr(StrataData) tr = read_groceries ();
  g_autoptr(StrataMetrics) metrics = NULL;
  g_autoptr(GError) error = NULL;
  StrataData *in[] = { tr };
  StrataData **out = run_node ("mine.apriori",
                               "{\"min_support\": 0.01, \"min_confidence\": 0.3, \"sort_by\": \"lift\"}",
                               in, NULL, &metrics, &error);
  StrataItemsets *sets;
  StrataRules *rules;
  double v;

  g_assert_no_error (error);
  g_assert_cmpuint (strata_transactions_get_n_transactions (
                      strata_data_get_payload (tr, STRATA_DATA_TRANSACTIONS)), ==, 9835);
  sets = strata_data_get_payload (out[0], STRATA_DATA_ITEMSETS);
  rules = strata_data_get_payload (out[1], STRATA_DATA_RULES);
  g_assert_nonnull (sets);
  g_assert_nonnull (rules);
  g_assert_cmpuint (strata_itemsets_get_n_itemsets (sets), ==, 333);
  g_assert_cmpuint (strata_rules_get_n_rules (rules), ==, 125);
  for (gsize r = 1; r < strata_rules_get_n_rules (rules); r++)
    g_assert_cmpfloat (strata_rules_get_measure (rules, r - 1, STRATA_RULE_LIFT), >=,
                       strata_rules_get_measure (rules, r, STRATA_RULE_LIFT));
  g_assert_true (strata_metrics_lookup (metrics, "n_itemsets", &v));
  g_assert_cmpfloat (v, ==, 333);
  g_assert_true (strata_metrics_lookup (metrics, "n_rules", &v));
  g_assert_cmpfloat (v, ==, 125);
  free_outputs (out);
}

static void
test_save_rules (void)
{
  g_autoptr(StrataData) tr = read_groceries ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("strata-mine-XXXXXX", &error);
  g_autofree char *written = NULL, *path = NULL, *text = NULL;
  StrataData *in[] = { tr };
  StrataData **out = run_node ("mine.apriori", "{\"min_support\": 0.01, \"min_confidence\": 0.3}",
                               in, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (strata_data_save (out[1], dir, "apriori", "rules", &written, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (written, ==, "apriori.rules.csv");
  path = g_build_filename (dir, written, NULL);
  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_true (g_str_has_prefix (text, "antecedent,consequent,support,confidence,lift,leverage,conviction\n"));
  g_remove (path);
  g_rmdir (dir);
  free_outputs (out);
}

static void
test_table_input (void)
{
  const char *const colours[] = { "red", "blue", NULL };
  const gint32 codes[] = { 0, 1, 0, 0 };
  const double ages[] = { 20, 30, 40, 50 };
  g_autoptr(StrataColumn) c1 = strata_column_new_categorical ("colour", g_memdup2 (codes, sizeof codes), 4,
                                                              g_strdupv ((char **) colours));
  g_autoptr(StrataColumn) c2 = strata_column_new_numeric ("age", g_memdup2 (ages, sizeof ages), 4);
  g_autoptr(StrataTable) good = strata_table_new (&c1, 1, NULL);
  g_autoptr(StrataTable) bad = strata_table_new ((StrataColumn *[]) { c1, c2 }, 2, NULL);
  g_autoptr(StrataData) good_data = strata_data_new_table (good);
  g_autoptr(StrataData) bad_data = strata_data_new_table (bad);
  g_autoptr(GError) error = NULL;
  StrataData *in[] = { good_data };
  StrataData **out = run_node ("mine.apriori", "{\"min_support\": 0.5}", in, NULL, NULL, &error);
  StrataItemsets *sets;
  guint n;

  /* colour=red in 3 of 4 rows: the one frequent itemset */
  g_assert_no_error (error);
  sets = strata_data_get_payload (out[0], STRATA_DATA_ITEMSETS);
  g_assert_cmpuint (strata_itemsets_get_n_itemsets (sets), ==, 1);
  g_assert_cmpstr (strata_transactions_get_item_name (strata_itemsets_get_transactions (sets),
                                                      strata_itemsets_get_items (sets, 0, &n)[0]),
                   ==, "colour=red");
  free_outputs (out);

  in[0] = bad_data;
  out = run_node ("mine.apriori", "{}", in, NULL, NULL, &error);
  g_assert_null (out);
  g_assert_error (error, STRATA_TRANSACTIONS_ERROR, STRATA_TRANSACTIONS_ERROR_KIND);
  g_assert_nonnull (strstr (error->message, "“age”"));
  g_assert_nonnull (strstr (error->message, "discretize"));
}

static void
test_cancel (void)
{
  g_autoptr(StrataData) tr = read_groceries ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  StrataData *in[] = { tr };
  StrataData **out;

  g_cancellable_cancel (cancellable);
  out = run_node ("mine.apriori", "{\"min_support\": 0.001}", in, cancellable, NULL, &error);
  g_assert_null (out);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_example_delegates (void)
{
  g_autoptr(GError) error = NULL;
  StrataData **out = run_node ("data.example", "{\"name\": \"retail\"}", NULL, NULL, NULL, &error);
  StrataTransactions *tr;

  g_assert_no_error (error);
  tr = strata_data_get_payload (out[0], STRATA_DATA_TRANSACTIONS);
  g_assert_nonnull (tr);
  g_assert_cmpuint (strata_transactions_get_n_transactions (tr), ==, 88162);
  free_outputs (out);
}

static void
test_bad_path (void)
{
  g_autoptr(GError) error = NULL;
  StrataData **out = run_node ("data.transactions", "{\"path\": \"/nonexistent/b.csv\", \"format\": \"basket\"}",
                               NULL, NULL, NULL, &error);

  g_assert_null (out);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "/nonexistent/b.csv"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Nodes/mine/apriori-groceries", test_groceries);
  g_test_add_func ("/Nodes/mine/save-rules", test_save_rules);
  g_test_add_func ("/Nodes/mine/table-input", test_table_input);
  g_test_add_func ("/Nodes/mine/cancel", test_cancel);
  g_test_add_func ("/Nodes/data/example-delegates", test_example_delegates);
  g_test_add_func ("/Nodes/data/transactions-bad-path", test_bad_path);
  return g_test_run ();
}
