/* test-clean.c — the clean.* nodes on the bundled datasets against pandas
 * and scikit-learn
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every case runs a node type through the registry, with its parameters
 * written as in a .strata file, on a real dataset, and compares the output
 * cell by cell with a CSV that tests/fixtures/clean/gen.py computed with
 * pandas 1.5 / scikit-learn 1.2 (numbers within 1e-9 relative, text
 * exactly, missing where pandas has NaN). Cases with a split row fit on the
 * rows before it and compare the `test` output, which checks that learned
 * statistics come from the training part only.
 */

#include <math.h>
#include <string.h>

#include "strata-clean.h"
#include "strata-csv.h"
#include "strata-node.h"

typedef struct {
  const char *fixture;    /* tests/fixtures/clean/FIXTURE.csv */
  const char *dataset;    /* under data/datasets */
  const char *type;       /* node type */
  const char *params;     /* JSON object */
  gsize       split;      /* > 0: fit on rows [0, split), compare "test" */
} CleanCase;

static const CleanCase cases[] = {
  { "select-titanic", "titanic/train.csv", "clean.select", "{\"columns\": [\"Name\", \"Age\", \"Survived\"]}" },
  { "select-drop-titanic", "titanic/train.csv", "clean.select", "{\"drop\": [\"Cabin\", \"Ticket\"]}" },
  { "drop-missing-rows-titanic", "titanic/train.csv", "clean.drop_missing", "{}" },
  { "drop-missing-subset-titanic", "titanic/train.csv", "clean.drop_missing", "{\"subset\": [\"Age\", \"Embarked\"]}" },
  { "drop-missing-all-titanic", "titanic/train.csv", "clean.drop_missing", "{\"how\": \"all\", \"subset\": [\"Age\", \"Cabin\"]}" },
  { "drop-missing-columns-titanic", "titanic/train.csv", "clean.drop_missing", "{\"axis\": \"columns\", \"threshold\": 0.5}" },
  { "impute-median-age", "titanic/train.csv", "clean.impute", "{\"columns\": [\"Age\"], \"strategy\": \"median\"}" },
  { "impute-mean-age", "titanic/train.csv", "clean.impute", "{\"columns\": [\"Age\"], \"strategy\": \"mean\"}" },
  { "impute-mean-age-test", "titanic/train.csv", "clean.impute", "{\"columns\": [\"Age\"]}", 600 },
  { "impute-most-frequent-embarked", "titanic/train.csv", "clean.impute", "{\"columns\": [\"Embarked\"], \"strategy\": \"most_frequent\"}" },
  { "impute-most-frequent-age", "titanic/train.csv", "clean.impute", "{\"columns\": [\"Age\"], \"strategy\": \"most_frequent\"}" },
  { "impute-constant-age", "titanic/train.csv", "clean.impute", "{\"columns\": [\"Age\"], \"strategy\": \"constant\", \"fill_value\": \"-1\"}" },
  { "impute-per-column-titanic", "titanic/train.csv", "clean.impute", "{\"columns\": [\"Age\"], \"strategy\": \"median\", \"strategies\": {\"Embarked\": \"most_frequent\"}}" },
  { "impute-most-frequent-mushroom", "mushroom-uci/agaricus-lepiota.data", "clean.impute", "{\"columns\": [\"12\"], \"strategy\": \"most_frequent\"}" },
  { "normalize-minmax-iris", "iris.csv", "clean.normalize", "{\"method\": \"minmax\"}" },
  { "normalize-zscore-iris", "iris.csv", "clean.normalize", "{\"method\": \"zscore\"}" },
  { "normalize-zscore-iris-test", "iris.csv", "clean.normalize", "{}", 100 },
  { "normalize-minmax-titanic", "titanic/train.csv", "clean.normalize", "{\"columns\": [\"Age\", \"Fare\"], \"method\": \"minmax\"}" },
  { "one-hot-titanic", "titanic/train.csv", "clean.one_hot", "{\"columns\": [\"Sex\", \"Embarked\", \"Pclass\"]}" },
  { "one-hot-drop-first-iris", "iris.csv", "clean.one_hot", "{\"drop_first\": true}" },
  { "discretize-width-iris", "iris.csv", "clean.discretize", "{\"n_bins\": 4}" },
  { "discretize-frequency-iris", "iris.csv", "clean.discretize", "{\"n_bins\": 5, \"strategy\": \"equal_frequency\"}" },
  { "discretize-frequency-temps", "daily-min-temperatures.csv", "clean.discretize", "{\"n_bins\": 10, \"strategy\": \"equal_frequency\"}" },
  { "discretize-width-temps-test", "daily-min-temperatures.csv", "clean.discretize", "{\"n_bins\": 6}", 3000 },
  { "discretize-frequency-airline", "airline-passengers.csv", "clean.discretize", "{\"n_bins\": 7, \"strategy\": \"equal_frequency\"}" },
  { "filter-gt-age", "titanic/train.csv", "clean.filter", "{\"column\": \"Age\", \"operator\": \">\", \"value\": \"30\"}" },
  { "filter-ne-age", "titanic/train.csv", "clean.filter", "{\"column\": \"Age\", \"operator\": \"!=\", \"value\": \"30\"}" },
  { "filter-eq-embarked", "titanic/train.csv", "clean.filter", "{\"column\": \"Embarked\", \"value\": \"S\"}" },
  { "filter-le-fare", "titanic/train.csv", "clean.filter", "{\"column\": \"Fare\", \"operator\": \"<=\", \"value\": \"7.25\"}" },
  { "filter-missing-cabin", "titanic/train.csv", "clean.filter", "{\"column\": \"Cabin\", \"operator\": \"is_missing\"}" },
  { "filter-lt-species", "iris.csv", "clean.filter", "{\"column\": \"species\", \"operator\": \"<\", \"value\": \"versicolor\"}" },
  { "dedupe-first-titanic", "titanic/train.csv", "clean.dedupe", "{\"subset\": [\"Pclass\", \"Sex\", \"Embarked\"]}" },
  { "dedupe-last-titanic", "titanic/train.csv", "clean.dedupe", "{\"subset\": [\"Pclass\", \"Sex\", \"Embarked\"], \"keep\": \"last\"}" },
  { "dedupe-none-titanic", "titanic/train.csv", "clean.dedupe", "{\"subset\": [\"SibSp\", \"Parch\", \"Pclass\"], \"keep\": \"none\"}" },
  { "dedupe-iris", "iris.csv", "clean.dedupe", "{}" },
  { "dedupe-mushroom", "mushroom-uci/agaricus-lepiota.data", "clean.dedupe", "{\"subset\": [\"2\", \"3\", \"4\", \"12\"]}" },
  { "window-airline", "airline-passengers.csv", "clean.window", "{\"column\": \"Passengers\", \"lookback\": 12}" },
  { "window-temps", "daily-min-temperatures.csv", "clean.window", "{\"column\": \"Temp\", \"lookback\": 7, \"horizon\": 3}" },
};

static char *
dataset_path (const char *name)
{
  return g_build_filename (g_getenv ("STRATA_SOURCE_ROOT"), "data", "datasets", name, NULL);
}

static StrataTable *
read_dataset (const char *name)
{
  g_autofree char *path = dataset_path (name);
  g_autoptr(GError) error = NULL;
  StrataCsvOptions options;
  StrataTable *t;

  strata_csv_options_init (&options);
  if (g_str_has_suffix (name, ".data"))
    options.header = STRATA_CSV_HEADER_ABSENT;
  t = strata_csv_read_file (path, &options, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return t;
}

static StrataTable *
read_fixture (const char *name)
{
  g_autofree char *file = g_strconcat (name, ".csv", NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "clean", file, NULL);
  g_autoptr(GError) error = NULL;
  StrataCsvOptions options;
  StrataTable *t;

  strata_csv_options_init (&options);
  options.header = STRATA_CSV_HEADER_PRESENT;
  options.all_text = TRUE;
  t = strata_csv_read_file (path, &options, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return t;
}

/* Cell-by-cell comparison with a fixture read as text. */
static void
assert_table_matches (StrataTable *actual,
                      StrataTable *expected,
                      const char  *what)
{
  if (strata_table_get_n_columns (actual) != strata_table_get_n_columns (expected) ||
      strata_table_get_n_rows (actual) != strata_table_get_n_rows (expected))
    g_error ("%s: shape %" G_GSIZE_FORMAT "×%u, pandas %" G_GSIZE_FORMAT "×%u", what,
             strata_table_get_n_rows (actual), strata_table_get_n_columns (actual),
             strata_table_get_n_rows (expected), strata_table_get_n_columns (expected));
  for (guint j = 0; j < strata_table_get_n_columns (actual); j++)
    {
      StrataColumn *a = strata_table_get_column (actual, j);
      StrataColumn *e = strata_table_get_column (expected, j);

      if (strcmp (strata_column_get_name (a), strata_column_get_name (e)) != 0)
        g_error ("%s: column %u is “%s”, pandas has “%s”", what, j,
                 strata_column_get_name (a), strata_column_get_name (e));
      for (gsize r = 0; r < strata_table_get_n_rows (actual); r++)
        {
          const char *want = strata_column_get_text (e, r);
          g_autofree char *got = strata_column_format_value (a, r);

          if (want == NULL || got == NULL)
            {
              if (want != got)
                g_error ("%s: row %" G_GSIZE_FORMAT " column “%s”: got %s, pandas %s", what, r,
                         strata_column_get_name (a), got ? got : "missing", want ? want : "missing");
              continue;
            }
          if (strata_column_get_kind (a) == STRATA_COLUMN_NUMERIC)
            {
              double x = strata_column_get_numeric (a)[r];
              double y = g_ascii_strtod (want, NULL);
              if (!(fabs (x - y) <= 1e-9 * MAX (1.0, fabs (y))))
                g_error ("%s: row %" G_GSIZE_FORMAT " column “%s”: got %.17g, pandas %s", what, r,
                         strata_column_get_name (a), x, want);
            }
          else if (strcmp (got, want) != 0)
            g_error ("%s: row %" G_GSIZE_FORMAT " column “%s”: got “%s”, pandas “%s”", what, r,
                     strata_column_get_name (a), got, want);
        }
    }
}

#define MAX_OUTPUTS 8

/* Runs node type @type_id on @inputs with @params_json; returns outputs. */
static StrataData **
run_node (const char  *type_id,
          const char  *params_json,
          StrataData **inputs,
          guint64      seed,
          GError     **error)
{
  g_autoptr(StrataRegistry) registry = strata_registry_new_default ();
  const StrataNodeType *type = strata_registry_lookup (registry, type_id);
  g_autoptr(StrataParams) params = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(StrataNodeContext) ctx = strata_node_context_new ("test", seed, NULL, NULL);
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;
  StrataData **outputs;

  g_assert_nonnull (type);
  params = strata_params_new (type->params);
  g_assert_true (json_parser_load_from_data (parser, params_json, -1, NULL));
  json_object_iter_init (&iter, json_node_get_object (json_parser_get_root (parser)));
  while (json_object_iter_next (&iter, &name, &value))
    {
      g_autoptr(GError) local = NULL;
      strata_params_set (params, name, value, &local);
      g_assert_no_error (local);
    }
  g_assert_cmpuint (strata_node_type_get_n_outputs (type), <, MAX_OUTPUTS);
  outputs = g_new0 (StrataData *, MAX_OUTPUTS);
  if (!strata_node_type_run (type, ctx, params, inputs, outputs, error))
    {
      g_free (outputs);
      return NULL;
    }
  return outputs;
}

static void
free_outputs (StrataData **outputs)
{
  for (guint i = 0; i < MAX_OUTPUTS; i++)
    g_clear_pointer (&outputs[i], strata_data_unref);
  g_free (outputs);
}

static void
rows_range (gsize from, gsize to, gsize *rows)
{
  for (gsize i = from; i < to; i++)
    rows[i - from] = i;
}

static void
test_case (gconstpointer data)
{
  const CleanCase *c = data;
  g_autoptr(StrataTable) table = read_dataset (c->dataset);
  g_autoptr(StrataTable) expected = read_fixture (c->fixture);
  g_autoptr(GError) error = NULL;
  StrataData *inputs[3] = { NULL, NULL, NULL };
  StrataData **outputs;
  gsize n = strata_table_get_n_rows (table);

  if (c->split > 0)
    {
      g_autofree gsize *head = g_new (gsize, c->split);
      g_autofree gsize *tail = g_new (gsize, n - c->split);
      g_autoptr(StrataTable) train = NULL;
      g_autoptr(StrataTable) test = NULL;

      rows_range (0, c->split, head);
      rows_range (c->split, n, tail);
      train = strata_table_select_rows (table, head, c->split);
      test = strata_table_select_rows (table, tail, n - c->split);
      inputs[0] = strata_data_new_table (train);
      inputs[1] = strata_data_new_table (test);
    }
  else
    inputs[0] = strata_data_new_table (table);

  outputs = run_node (c->type, c->params, inputs, 0, &error);
  g_assert_no_error (error);
  assert_table_matches (strata_data_get_table (outputs[c->split > 0 ? 1 : 0]), expected, c->fixture);
  free_outputs (outputs);
  g_clear_pointer (&inputs[0], strata_data_unref);
  g_clear_pointer (&inputs[1], strata_data_unref);
}

/* --- split --------------------------------------------------------------------- */

static JsonObject *
split_counts (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "clean", "split-counts.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* Counts of each value of @column in @table, as text → count. */
static GHashTable *
value_counts (StrataTable *table,
              const char  *column)
{
  GHashTable *h = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  StrataColumn *c = strata_table_lookup_column (table, column, NULL);

  for (gsize r = 0; r < strata_table_get_n_rows (table); r++)
    {
      char *v = strata_column_format_value (c, r);
      g_hash_table_replace (h, v, GSIZE_TO_POINTER (GPOINTER_TO_SIZE (g_hash_table_lookup (h, v)) + 1));
    }
  return h;
}

static void
assert_counts (StrataTable *table,
               const char  *column,
               JsonObject  *want)
{
  g_autoptr(GHashTable) got = value_counts (table, column);
  GList *members = json_object_get_members (want);

  g_assert_cmpuint (g_hash_table_size (got), ==, g_list_length (members));
  for (GList *l = members; l != NULL; l = l->next)
    g_assert_cmpuint (GPOINTER_TO_SIZE (g_hash_table_lookup (got, l->data)), ==,
                      (gsize) json_object_get_int_member (want, l->data));
  g_list_free (members);
}

static void
test_split_stratified (void)
{
  g_autoptr(JsonObject) counts = split_counts ();
  g_autoptr(StrataTable) titanic = read_dataset ("titanic/train.csv");
  g_autoptr(StrataTable) iris = read_dataset ("iris.csv");
  g_autoptr(StrataData) in_t = strata_data_new_table (titanic);
  g_autoptr(StrataData) in_i = strata_data_new_table (iris);
  const char *sizes[] = { "0.2", "0.25", "0.3" };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *params = g_strdup_printf ("{\"test_size\": %s, \"stratify\": \"Survived\"}", sizes[i]);
      StrataData *inputs[] = { in_t };
      JsonObject *want = json_object_get_object_member (counts, sizes[i]);
      g_autoptr(GError) error = NULL;
      StrataData **out = run_node ("clean.split", params, inputs, 7, &error);

      g_assert_no_error (error);
      assert_counts (strata_data_get_table (out[0]), "Survived", json_object_get_object_member (want, "train"));
      assert_counts (strata_data_get_table (out[1]), "Survived", json_object_get_object_member (want, "test"));
      free_outputs (out);
    }
  {
    StrataData *inputs[] = { in_i };
    JsonObject *want = json_object_get_object_member (counts, "iris-0.3");
    g_autoptr(GError) error = NULL;
    StrataData **out = run_node ("clean.split", "{\"test_size\": 0.3, \"stratify\": \"species\"}", inputs, 1, &error);

    g_assert_no_error (error);
    assert_counts (strata_data_get_table (out[0]), "species", json_object_get_object_member (want, "train"));
    assert_counts (strata_data_get_table (out[1]), "species", json_object_get_object_member (want, "test"));
    free_outputs (out);
  }
}

/* The parts are disjoint, cover every row, have sklearn's sizes, depend on
 * the seed only, and without shuffle keep the file order. */
static void
test_split_partition (void)
{
  g_autoptr(JsonObject) counts = split_counts ();
  JsonObject *plain = json_object_get_object_member (counts, "titanic-plain-0.2");
  g_autoptr(StrataTable) titanic = read_dataset ("titanic/train.csv");
  g_autoptr(StrataData) in = strata_data_new_table (titanic);
  StrataData *inputs[] = { in };
  StrataData **a = run_node ("clean.split", "{\"test_size\": 0.2}", inputs, 11, NULL);
  StrataData **b = run_node ("clean.split", "{\"test_size\": 0.2}", inputs, 11, NULL);
  StrataData **c = run_node ("clean.split", "{\"test_size\": 0.2}", inputs, 12, NULL);
  StrataData **d = run_node ("clean.split", "{\"test_size\": 0.2, \"shuffle\": false}", inputs, 11, NULL);
  StrataTable *train = strata_data_get_table (a[0]), *test = strata_data_get_table (a[1]);
  g_autofree gboolean *seen = g_new0 (gboolean, 892);
  StrataColumn *id;
  gboolean same_b = TRUE, same_c = TRUE;

  g_assert_cmpuint (strata_table_get_n_rows (train), ==, (gsize) json_object_get_int_member (plain, "train"));
  g_assert_cmpuint (strata_table_get_n_rows (test), ==, (gsize) json_object_get_int_member (plain, "test"));
  id = strata_table_lookup_column (train, "PassengerId", NULL);
  for (gsize r = 0; r < strata_table_get_n_rows (train); r++)
    seen[(int) strata_column_get_numeric (id)[r]] = TRUE;
  id = strata_table_lookup_column (test, "PassengerId", NULL);
  for (gsize r = 0; r < strata_table_get_n_rows (test); r++)
    {
      int pid = (int) strata_column_get_numeric (id)[r];
      g_assert_false (seen[pid]);
      seen[pid] = TRUE;
    }
  for (int pid = 1; pid <= 891; pid++)
    g_assert_true (seen[pid]);

  for (gsize r = 0; r < strata_table_get_n_rows (test); r++)
    {
      double x = strata_column_get_numeric (strata_table_lookup_column (strata_data_get_table (a[1]), "PassengerId", NULL))[r];
      same_b &= x == strata_column_get_numeric (strata_table_lookup_column (strata_data_get_table (b[1]), "PassengerId", NULL))[r];
      same_c &= x == strata_column_get_numeric (strata_table_lookup_column (strata_data_get_table (c[1]), "PassengerId", NULL))[r];
    }
  g_assert_true (same_b);
  g_assert_false (same_c);

  id = strata_table_lookup_column (strata_data_get_table (d[1]), "PassengerId", NULL);
  for (gsize r = 0; r < strata_table_get_n_rows (strata_data_get_table (d[1])); r++)
    g_assert_cmpfloat (strata_column_get_numeric (id)[r], ==, 713.0 + r);
  free_outputs (a);
  free_outputs (b);
  free_outputs (c);
  free_outputs (d);
}

/* --- errors ---------------------------------------------------------------------- */

static void
test_errors_name_parameter (void)
{
  g_autoptr(StrataTable) titanic = read_dataset ("titanic/train.csv");
  g_autoptr(StrataData) in = strata_data_new_table (titanic);
  StrataData *inputs[] = { in, NULL };
  struct { const char *type, *params, *needle; } bad[] = {
    { "clean.impute", "{\"columns\": [\"Agee\"]}", "parameter “columns”: no column “Agee”" },
    { "clean.impute", "{\"columns\": [\"Sex\"], \"strategy\": \"median\"}", "column “Sex” is categorical" },
    { "clean.impute", "{\"columns\": [\"Age\"], \"strategy\": \"constant\", \"fill_value\": \"old\"}", "fill_value “old” is not a number" },
    { "clean.filter", "{\"column\": \"Age\", \"operator\": \">\", \"value\": \"thirty\"}", "“thirty” is not a number" },
    { "clean.filter", "{\"value\": \"1\"}", "parameter “column”" },
    { "clean.window", "{\"column\": \"Name\"}", "column “Name” is text, not numeric" },
    { "clean.split", "{\"stratify\": \"Name\"}", "a class has only one row" },
    { "clean.normalize", "{\"columns\": [\"Embarked\"]}", "column “Embarked” is categorical, not numeric" },
    { "clean.select", "{\"drop\": [\"cabin\"]}", "no column “cabin”" },
    { "clean.impute", "{\"strategies\": {\"Embarkd\": \"mean\"}}", "parameter “strategies”: no column “Embarkd”" },
    { "clean.impute", "{\"strategies\": {\"Embarked\": \"avg\"}}", "parameter “strategies”: column “Embarked”: the strategy must be one of" },
    { "clean.impute", "{\"strategies\": {\"Embarked\": \"median\"}}", "column “Embarked” is categorical, not numeric" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      StrataData **out = run_node (bad[i].type, bad[i].params, inputs, 0, &error);

      g_assert_null (out);
      g_assert_nonnull (error);
      if (strstr (error->message, bad[i].needle) == NULL)
        g_error ("%s %s: “%s” lacks “%s”", bad[i].type, bad[i].params, error->message, bad[i].needle);
    }
}

/* Learned statistics come from the training part: the imputer's fill is
 * the median of the first 600 rows, not of all rows. */
static void
test_impute_no_leakage (void)
{
  g_autoptr(StrataTable) titanic = read_dataset ("titanic/train.csv");
  g_autofree gsize *head = g_new (gsize, 600);
  g_autoptr(StrataTable) train = NULL;
  g_autoptr(StrataImputer) all = NULL, part = NULL;
  const char *cols[] = { "Age", NULL };

  rows_range (0, 600, head);
  train = strata_table_select_rows (titanic, head, 600);
  all = strata_imputer_fit (titanic, cols, STRATA_IMPUTE_MEAN, NULL, NULL, NULL);
  part = strata_imputer_fit (train, cols, STRATA_IMPUTE_MEAN, NULL, NULL, NULL);
  /* pandas: titanic.Age.mean() and titanic.Age[:600].mean() */
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (strata_imputer_get_fill (all, "Age"), NULL), 29.69911764705882, 1e-9);
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (strata_imputer_get_fill (part, "Age"), NULL), 29.782700421940927, 1e-9);
}

static void
test_cancel (void)
{
  g_autoptr(StrataTable) titanic = read_dataset ("titanic/train.csv");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataTable) t = NULL;

  g_cancellable_cancel (cancellable);
  t = strata_clean_dedupe (titanic, NULL, STRATA_DEDUPE_KEEP_FIRST, cancellable, &error);
  g_assert_null (t);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Dummy columns of a numeric column are named by the value's shortest exact
 * form, as pandas does: x_0.1, not x_0.10000000000000001; integers as x_2. */
static void
test_one_hot_numeric_names (void)
{
  double *v = g_new (double, 3);
  g_autoptr(StrataColumn) x = NULL;
  g_autoptr(StrataTable) t = NULL, out = NULL;
  g_autoptr(GError) error = NULL;
  const char *const columns[] = { "x", NULL };
  StrataOneHot *enc;

  v[0] = 0.1; v[1] = 2.0; v[2] = 0.1;
  x = strata_column_new_numeric ("x", v, 3);
  t = strata_table_new (&x, 1, &error);
  g_assert_no_error (error);
  enc = strata_one_hot_fit (t, columns, FALSE, "_", NULL, &error);
  g_assert_no_error (error);
  out = strata_one_hot_transform (enc, t, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (strata_table_find_column (out, "x_0.1"), >=, 0);
  g_assert_cmpint (strata_table_find_column (out, "x_2"), >=, 0);
  strata_one_hot_free (enc);
}

/* --- clean.window: per-window normalisation and the seasonal naive column ---------- */

/* A one-column table "Passengers" holding @v[0..n) (NAN = missing). */
static StrataData *
series_data (const double *v,
             gsize         n)
{
  g_autoptr(StrataColumn) c = strata_column_new_numeric ("Passengers", g_memdup2 (v, n * sizeof *v), n);
  g_autoptr(StrataTable) t = strata_table_new (&c, 1, NULL);

  return strata_data_new_table (t);
}

/* Column @name of the node's output table, which must have @n_rows rows. */
static const double *
window_values (StrataData **out,
               const char  *name,
               gsize        n_rows)
{
  StrataTable *t = strata_data_get_table (out[0]);
  g_autoptr(GError) error = NULL;
  StrataColumn *c = strata_table_lookup_column (t, name, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (strata_table_get_n_rows (t), ==, n_rows);
  return strata_column_get_numeric (c);
}

/* Hand-computed windows. x = 100, 50, 200, 400, 100 with lookback 2,
 * horizon 2, seasonal_period 3 gives the rows t = 2, 3: the lags x[t−2],
 * x[t−1], the target x[t+1], and the seasonal naive lag 3·(⌊1/3⌋ + 1) = 3,
 * i.e. x[t−2]. With log_ratio every value is divided by the row's x[t−1]
 * (50, then 200) before the log: powers of two, so the expected values are
 * multiples of ln 2. */
static void
test_window_log_ratio (void)
{
  static const double x[] = { 100, 50, 200, 400, 100 };
  static const struct { const char *name; double row[2]; } expect[] = {
    { "t-2",            { 1, -2 } },     /* 100/50, 50/200 */
    { "t-1",            { 0, 0 } },
    { "target",         { 3, -1 } },     /* 400/50, 100/200 */
    { "naive_seasonal", { 1, -2 } },     /* 100/50, 50/200 */
  };
  g_autoptr(StrataData) in = series_data (x, G_N_ELEMENTS (x));
  StrataData *inputs[] = { in, NULL };
  g_autoptr(GError) error = NULL;
  StrataData **plain, **out;
  double back[2];

  out = run_node ("clean.window", "{\"column\": \"Passengers\", \"lookback\": 2, \"horizon\": 2, "
                  "\"normalize\": \"log_ratio\", \"seasonal_period\": 3}", inputs, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strata_table_get_n_columns (strata_data_get_table (out[0])), ==, 5);
  for (guint c = 0; c < G_N_ELEMENTS (expect); c++)
    for (guint r = 0; r < 2; r++)
      g_assert_cmpfloat_with_epsilon (window_values (out, expect[c].name, 2)[r],
                                      expect[c].row[r] * G_LN2, 1e-12);
  g_assert_cmpfloat (window_values (out, "last", 2)[0], ==, 50);
  g_assert_cmpfloat (window_values (out, "last", 2)[1], ==, 200);

  /* Denormalising the target with "last" gives back x[3] and x[4]. */
  memcpy (back, window_values (out, "target", 2), sizeof back);
  strata_window_denormalize (STRATA_WINDOW_NORMALIZE_LOG_RATIO, window_values (out, "last", 2), back, 2);
  g_assert_cmpfloat_with_epsilon (back[0], 400, 1e-9);
  g_assert_cmpfloat_with_epsilon (back[1], 100, 1e-9);

  /* Without normalisation: the raw values, no "last" column. */
  plain = run_node ("clean.window", "{\"column\": \"Passengers\", \"lookback\": 2, \"horizon\": 2, "
                    "\"seasonal_period\": 3}", inputs, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strata_table_get_n_columns (strata_data_get_table (plain[0])), ==, 4);
  g_assert_cmpint (strata_table_find_column (strata_data_get_table (plain[0]), "last"), <, 0);
  g_assert_cmpfloat (window_values (plain, "naive_seasonal", 2)[0], ==, 100);
  g_assert_cmpfloat (window_values (plain, "naive_seasonal", 2)[1], ==, 50);
  g_assert_cmpfloat (window_values (plain, "target", 2)[0], ==, 400);
  free_outputs (plain);
  free_outputs (out);
}

/* Monthly: lookback 12, horizon 1, seasonal_period 12 makes naive_seasonal
 * the value 12 months before the target, i.e. column t-12 (11 steps before
 * the last value); horizon 12 makes it the last value itself; horizon 13
 * reaches back 24 months (Hyndman's k = 1), column t-12 again. On
 * x_i = 1.5^i every log-ratio is a whole multiple of ln 1.5. */
static void
test_window_monthly (void)
{
  static const struct { guint horizon; double naive_steps; } horizons[] = { { 1, -11 }, { 12, 0 }, { 13, -11 } };
  double x[40];
  g_autoptr(StrataData) in = NULL;
  StrataData *inputs[] = { NULL, NULL };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (x); i++)
    x[i] = pow (1.5, i);
  in = series_data (x, G_N_ELEMENTS (x));
  inputs[0] = in;
  for (guint c = 0; c < G_N_ELEMENTS (horizons); c++)
    {
      guint horizon = horizons[c].horizon;
      g_autofree char *json = g_strdup_printf ("{\"column\": \"Passengers\", \"lookback\": 12, "
                                               "\"horizon\": %u, \"normalize\": \"log_ratio\", "
                                               "\"seasonal_period\": 12}", horizon);
      StrataData **out = run_node ("clean.window", json, inputs, 0, &error);
      gsize rows = G_N_ELEMENTS (x) - 12 - horizon + 1;

      g_assert_no_error (error);
      for (gsize r = 0; r < rows; r++)
        {
          g_assert_cmpfloat_with_epsilon (window_values (out, "t-12", rows)[r], -11 * log (1.5), 1e-9);
          g_assert_cmpfloat_with_epsilon (window_values (out, "naive_seasonal", rows)[r],
                                          horizons[c].naive_steps * log (1.5), 1e-9);
          g_assert_cmpfloat_with_epsilon (window_values (out, "target", rows)[r], horizon * log (1.5), 1e-9);
          g_assert_cmpfloat_with_epsilon (window_values (out, "last", rows)[r], x[11 + r], 1e-9 * x[11 + r]);
        }
      free_outputs (out);
    }
}

/* A missing value makes missing exactly the cells that use it, including a
 * whole row when it is the row's last value; it is not an error. */
static void
test_window_missing (void)
{
  const double x[] = { 1, NAN, 4, 8 };
  g_autoptr(StrataData) in = series_data (x, G_N_ELEMENTS (x));
  StrataData *inputs[] = { in, NULL };
  g_autoptr(GError) error = NULL;
  StrataData **out = run_node ("clean.window", "{\"column\": \"Passengers\", \"lookback\": 1, "
                               "\"normalize\": \"log_ratio\"}", inputs, 0, &error);
  StrataTable *t;

  g_assert_no_error (error);
  t = strata_data_get_table (out[0]);
  /* Rows t = 1, 2, 3: last = x0, x1 (missing), x2; target = x1, x2, x3. */
  g_assert_cmpfloat (window_values (out, "t-1", 3)[0], ==, 0);
  g_assert_true (strata_column_is_missing (strata_table_lookup_column (t, "target", NULL), 0));
  g_assert_true (strata_column_is_missing (strata_table_lookup_column (t, "t-1", NULL), 1));
  g_assert_true (strata_column_is_missing (strata_table_lookup_column (t, "target", NULL), 1));
  g_assert_true (strata_column_is_missing (strata_table_lookup_column (t, "last", NULL), 1));
  g_assert_false (strata_column_is_missing (strata_table_lookup_column (t, "target", NULL), 2));
  g_assert_cmpfloat_with_epsilon (window_values (out, "target", 3)[2], G_LN2, 1e-12);
  free_outputs (out);
}

/* log_ratio refuses zero and negative values naming column and 1-based
 * row; a seasonal lag reaching before the first window is refused too. */
static void
test_window_errors (void)
{
  static const struct { double x[4]; const char *params, *needle; } bad[] = {
    { { 3, 1, 0, 2 }, "\"normalize\": \"log_ratio\"",
      "column “Passengers”, row 3: 0 is not positive; normalize “log_ratio”" },
    { { 3, -1.5, 1, 2 }, "\"normalize\": \"log_ratio\"",
      "column “Passengers”, row 2: -1.5 is not positive" },
    { { 3, 2, 1, 2 }, "\"seasonal_period\": 3",
      "seasonal_period 3 with horizon 1 looks 3 steps back from the target, before the "
      "first window; lookback must be at least 3" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(StrataData) in = series_data (bad[i].x, 4);
      StrataData *inputs[] = { in, NULL };
      g_autoptr(GError) error = NULL;
      g_autofree char *json = g_strdup_printf ("{\"column\": \"Passengers\", \"lookback\": 2, %s}",
                                               bad[i].params);

      g_assert_null (run_node ("clean.window", json, inputs, 0, &error));
      g_assert_error (error, STRATA_CLEAN_ERROR, STRATA_CLEAN_ERROR_VALUE);
      if (strstr (error->message, bad[i].needle) == NULL)
        g_error ("%s: “%s” lacks “%s”", json, error->message, bad[i].needle);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/Clean/pandas/%s", cases[i].fixture);
      g_test_add_data_func (path, &cases[i], test_case);
    }
  g_test_add_func ("/Clean/split/stratified-counts", test_split_stratified);
  g_test_add_func ("/Clean/split/partition-and-seed", test_split_partition);
  g_test_add_func ("/Clean/errors/name-parameter", test_errors_name_parameter);
  g_test_add_func ("/Clean/impute/no-leakage", test_impute_no_leakage);
  g_test_add_func ("/Clean/cancel", test_cancel);
  g_test_add_func ("/Clean/one-hot/numeric-names", test_one_hot_numeric_names);
  g_test_add_func ("/Clean/window/log-ratio", test_window_log_ratio);
  g_test_add_func ("/Clean/window/monthly", test_window_monthly);
  g_test_add_func ("/Clean/window/missing", test_window_missing);
  g_test_add_func ("/Clean/window/errors", test_window_errors);
  return g_test_run ();
}
