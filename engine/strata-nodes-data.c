/* strata-nodes-data.c — the data.* node types that read tables
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * data.csv maps its parameters onto StrataCsvOptions (pandas' names: sep,
 * header, na_values, dtype) and forwards the reader's progress and
 * warnings to the node context. Its cache salt is the file's size and
 * modification time, so editing the file makes the next run read it again.
 *
 * data.example resolves a bundled dataset by name in data/datasets (the
 * installed copy, or the source tree's when running uninstalled, or
 * $STRATA_DATASETS_DIR). Tabular datasets are read here; the others
 * (baskets, FIMI, IDX) are handed to the node type that reads their format
 * (data.transactions, data.idx) through the registry, with only `path`
 * set, so this file needs no change when those readers arrive.
 */

#include "config.h"

#include <string.h>

#include "strata-csv.h"
#include "strata-node.h"

/* --- data.csv ---------------------------------------------------------------- */

static const StrataPortSpec table_out[] = {
  { "table", STRATA_DATA_TABLE, "The table read" },
  { NULL }
};

static const char *const header_modes[] = { "auto", "present", "absent", NULL };

static const StrataParamSpec csv_params[] = {
  { .name = "path", .type = STRATA_PARAM_PATH, .nullable = TRUE,
    .help = "CSV file (plain or .gz)" },
  { .name = "sep", .type = STRATA_PARAM_STRING, .default_value = "",
    .help = "Field separator, one character (empty: detect , ; TAB |)" },
  { .name = "header", .type = STRATA_PARAM_CHOICE, .choices = header_modes,
    .default_value = "auto", .help = "Whether the first row names the columns" },
  { .name = "na_values", .type = STRATA_PARAM_STRINGS, .default_value = "[]",
    .help = "Texts that mean missing (empty: \"\", NA, N/A, NaN, null, ?)" },
  { .name = "dtype", .type = STRATA_PARAM_JSON, .default_value = "{}",
    .help = "Forced column kinds, e.g. {\"Pclass\": \"categorical\"}" },
  { .name = "max_categorical_fraction", .type = STRATA_PARAM_DOUBLE, .range = "[0, 1]",
    .unit = "fraction", .default_value = "0.5",
    .help = "A text column with at most this share of distinct values is categorical" },
  { NULL }
};

typedef struct {
  StrataNodeContext *ctx;
} ReadProgress;

static void
on_csv_progress (guint64  done,
                 guint64  total,
                 gpointer user_data)
{
  StrataNodeContext *ctx = user_data;

  strata_node_context_progress (ctx, total > 0 ? (double) done / (double) total : -1.0, "reading");
}

/* Reads @path with @options, forwarding progress and warnings. */
static StrataTable *
read_csv (StrataNodeContext       *ctx,
          const char              *path,
          const StrataCsvOptions  *options,
          GError                 **error)
{
  g_autoptr(GPtrArray) warnings = NULL;
  StrataTable *t;

  t = strata_csv_read_file (path, options, on_csv_progress, ctx,
                            strata_node_context_get_cancellable (ctx), &warnings, error);
  for (guint i = 0; warnings != NULL && i < warnings->len && i < 20; i++)
    strata_node_context_warning (ctx, warnings->pdata[i]);
  if (warnings != NULL && warnings->len > 20)
    {
      g_autofree char *more = g_strdup_printf ("… and %u more warnings", warnings->len - 20);
      strata_node_context_warning (ctx, more);
    }
  return t;
}

static gboolean
run_csv (StrataNodeContext *ctx, StrataParams *params, StrataData **in,
         StrataData **out, GError **error)
{
  const char *path = strata_params_get_string (params, "path");
  const char *sep = strata_params_get_string (params, "sep");
  const char *header = strata_params_get_string (params, "header");
  g_auto(GStrv) na_values = strata_params_dup_strv (params, "na_values");
  JsonNode *dtype = strata_params_get (params, "dtype");
  g_autoptr(GArray) overrides = g_array_new (FALSE, TRUE, sizeof (StrataCsvOverride));
  StrataCsvOptions options;
  StrataTable *t;

  if (path == NULL)
    return strata_node_param_error (error, "path", "choose a CSV file");
  strata_csv_options_init (&options);
  if (strlen (sep) > 1)
    return strata_node_param_error (error, "sep", "must be one character (or empty to detect)");
  options.delimiter = sep[0];
  options.header = strcmp (header, "present") == 0 ? STRATA_CSV_HEADER_PRESENT :
                   strcmp (header, "absent") == 0 ? STRATA_CSV_HEADER_ABSENT :
                   STRATA_CSV_HEADER_AUTO;
  if (na_values[0] != NULL)
    options.missing_tokens = (const char *const *) na_values;
  options.max_categorical_fraction = strata_params_get_double (params, "max_categorical_fraction");
  if (dtype != NULL && !JSON_NODE_HOLDS_NULL (dtype))
    {
      JsonObjectIter iter;
      const char *column;
      JsonNode *kind;

      if (!JSON_NODE_HOLDS_OBJECT (dtype))
        return strata_node_param_error (error, "dtype", "must be an object {\"column\": \"numeric|categorical|text\"}");
      json_object_iter_init_ordered (&iter, json_node_get_object (dtype));
      while (json_object_iter_next_ordered (&iter, &column, &kind))
        {
          StrataCsvOverride o = { column, STRATA_COLUMN_TEXT };

          if (!JSON_NODE_HOLDS_VALUE (kind) || json_node_get_value_type (kind) != G_TYPE_STRING ||
              !strata_column_kind_from_string (json_node_get_string (kind), &o.kind))
            {
              return strata_node_param_error (error, "dtype", "column “%s”: kind must be numeric, "
                                              "categorical or text", column);
            }
          g_array_append_val (overrides, o);
        }
      options.overrides = (const StrataCsvOverride *) (gpointer) overrides->data;
      options.n_overrides = overrides->len;
    }

  t = read_csv (ctx, path, &options, error);
  if (t == NULL)
    return FALSE;
  strata_node_context_output_table (ctx, &out[0], t, TRUE);
  return TRUE;
}

/* --- data.example --------------------------------------------------------------- */

static const char *const mushroom_names[] = {
  "class", "cap-shape", "cap-surface", "cap-color", "bruises", "odor",
  "gill-attachment", "gill-spacing", "gill-size", "gill-color", "stalk-shape",
  "stalk-root", "stalk-surface-above-ring", "stalk-surface-below-ring",
  "stalk-color-above-ring", "stalk-color-below-ring", "veil-type", "veil-color",
  "ring-number", "ring-type", "spore-print-color", "population", "habitat", NULL
};

typedef struct {
  const char        *name;
  const char        *file;       /* under data/datasets */
  const char        *reader;     /* NULL = CSV here; else a node type id */
  gboolean           no_header;
  const char *const *names;      /* column names when there is no header */
} Example;

static const Example examples[] = {
  { "airline-passengers", "airline-passengers.csv" },
  { "daily-min-temperatures", "daily-min-temperatures.csv" },
  { "groceries", "groceries.csv", "data.transactions" },
  { "iris", "iris.csv" },
  { "mnist", "mnist/train-images-idx3-ubyte.gz", "data.idx" },
  { "mushroom", "mushroom-uci/agaricus-lepiota.data", NULL, TRUE, mushroom_names },
  { "retail", "retail.dat", "data.transactions" },
  { "titanic", "titanic/train.csv" },
};

static const char *const example_names[] = {
  "airline-passengers", "daily-min-temperatures", "groceries", "iris", "mnist",
  "mushroom", "retail", "titanic", NULL
};

static const StrataPortSpec any_out[] = {
  { "table", STRATA_DATA_ANY, "The dataset: a table, or transactions / images for non-tabular ones" },
  { NULL }
};

static const StrataParamSpec example_params[] = {
  { .name = "name", .type = STRATA_PARAM_CHOICE, .choices = example_names,
    .default_value = "iris", .help = "Bundled dataset (see data/datasets/SOURCES.md)" },
  { NULL }
};

char *
strata_datasets_dir (void)
{
  const char *env = g_getenv ("STRATA_DATASETS_DIR");
  g_autofree char *installed = g_build_filename (STRATA_DATADIR, "datasets", NULL);

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  if (g_file_test (installed, G_FILE_TEST_IS_DIR))
    return g_steal_pointer (&installed);
  return g_build_filename (STRATA_SOURCE_DATADIR, "datasets", NULL);
}

/* Gives the table's columns the names in @names. Transfer full. */
static StrataTable *
rename_columns (StrataTable        *table,
                const char *const  *names,
                GError            **error)
{
  guint n = strata_table_get_n_columns (table);
  g_autoptr(GPtrArray) cols = g_ptr_array_new_with_free_func ((GDestroyNotify) strata_column_unref);

  if (g_strv_length ((char **) names) != n)
    {
      g_set_error (error, STRATA_NODE_ERROR, STRATA_NODE_ERROR_FAILED,
                   "expected %u columns, the file has %u", g_strv_length ((char **) names), n);
      return NULL;
    }
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (cols, strata_column_rename (strata_table_get_column (table, i), names[i]));
  return strata_table_new ((StrataColumn **) cols->pdata, n, error);
}

static gboolean
run_delegate (StrataNodeContext  *ctx,
              const Example      *ex,
              const char         *path,
              StrataData        **out,
              GError            **error)
{
  StrataRegistry *registry = strata_node_context_get_registry (ctx);
  const StrataNodeType *reader = registry != NULL ? strata_registry_lookup (registry, ex->reader) : NULL;
  g_autoptr(StrataParams) params = NULL;
  g_autoptr(JsonNode) value = json_node_new (JSON_NODE_VALUE);
  g_autofree StrataData **outputs = NULL;
  gboolean ok;

  if (reader == NULL || strata_node_type_get_n_inputs (reader) != 0 ||
      strata_node_type_get_n_outputs (reader) < 1)
    {
      g_set_error (error, STRATA_NODE_ERROR, STRATA_NODE_ERROR_FAILED,
                   "dataset “%s” needs the node type %s, which this build does not have",
                   ex->name, ex->reader);
      return FALSE;
    }
  params = strata_params_new (reader->params);
  json_node_set_string (value, path);
  if (!strata_params_set (params, "path", value, error))
    return FALSE;
  outputs = g_new0 (StrataData *, strata_node_type_get_n_outputs (reader) + 1);
  ok = strata_node_type_run (reader, ctx, params, NULL, outputs, error);
  for (guint i = 0; i < strata_node_type_get_n_outputs (reader); i++)
    if (i == 0 && ok)
      out[0] = outputs[0];
    else
      g_clear_pointer (&outputs[i], strata_data_unref);
  return ok && out[0] != NULL;
}

static gboolean
run_example (StrataNodeContext *ctx, StrataParams *params, StrataData **in,
             StrataData **out, GError **error)
{
  const char *name = strata_params_get_string (params, "name");
  const Example *ex = NULL;
  g_autofree char *dir = strata_datasets_dir ();
  g_autofree char *path = NULL;
  StrataCsvOptions options;
  StrataTable *t;

  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    if (strcmp (examples[i].name, name) == 0)
      ex = &examples[i];
  g_assert (ex != NULL);   /* the CHOICE parameter was validated */
  path = g_build_filename (dir, ex->file, NULL);
  if (ex->reader != NULL)
    return run_delegate (ctx, ex, path, out, error);

  strata_csv_options_init (&options);
  if (ex->no_header)
    options.header = STRATA_CSV_HEADER_ABSENT;
  t = read_csv (ctx, path, &options, error);
  if (t != NULL && ex->names != NULL)
    {
      StrataTable *named = rename_columns (t, ex->names, error);
      strata_table_unref (t);
      t = named;
    }
  if (t == NULL)
    return FALSE;
  strata_node_context_output_table (ctx, &out[0], t, TRUE);
  return TRUE;
}

/* --- registration --------------------------------------------------------------- */

static const StrataNodeType data_types[] = {
  { .id = "data.csv", .group = "data", .title = "CSV file",
    .help = "Reads a CSV file into a table; column kinds are inferred unless dtype forces them.",
    .outputs = table_out, .params = csv_params, .run = run_csv, .cache_salt = strata_node_path_cache_salt },
  { .id = "data.example", .group = "data", .title = "Example dataset",
    .help = "One of the datasets bundled with Strata (iris, titanic, mushroom, groceries, retail, airline-passengers, daily-min-temperatures, mnist).",
    .outputs = any_out, .params = example_params, .run = run_example },
};

void
strata_nodes_data_register (StrataRegistry *registry)
{
  for (guint i = 0; i < G_N_ELEMENTS (data_types); i++)
    strata_registry_add (registry, &data_types[i]);
}
