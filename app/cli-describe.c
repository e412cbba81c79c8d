/* cli-describe.c — `strata describe FILE`: a CSV file's schema as JSON
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints {"rows": N, "columns": [{"name", "type", "missing"}, ...]} on
 * stdout (DESIGN.md), the reader's warnings on stderr.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "strata-cli.h"
#include "strata-csv.h"

static char *
describe_to_json (StrataTable *table)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "rows");
  json_builder_add_int_value (builder, (gint64) strata_table_get_n_rows (table));
  json_builder_set_member_name (builder, "columns");
  json_builder_begin_array (builder);
  for (guint j = 0; j < strata_table_get_n_columns (table); j++)
    {
      StrataColumn *c = strata_table_get_column (table, j);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, strata_column_get_name (c));
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, strata_column_kind_to_string (strata_column_get_kind (c)));
      json_builder_set_member_name (builder, "missing");
      json_builder_add_int_value (builder, (gint64) strata_column_get_n_missing (c));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

int
strata_cli_describe (int    argc,
                     char **argv)
{
  g_autofree char *delimiter = NULL;
  g_autofree char *header = NULL;
  const GOptionEntry entries[] = {
    { "delimiter", 'd', 0, G_OPTION_ARG_STRING, &delimiter,
      "Field separator (default: sniffed from , ; TAB |)", "CHAR" },
    { "header", 0, 0, G_OPTION_ARG_STRING, &header,
      "Whether the first row is a header: auto (default), yes, no", "auto|yes|no" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(StrataTable) table = NULL;
  g_autofree char *json = NULL;
  StrataCsvOptions options;

  if (!strata_cli_parse ("describe", "FILE", "Print a CSV file's rows and column kinds as JSON.",
                         entries, &argc, &argv))
    return STRATA_EXIT_USAGE;
  if (argc != 2)
    return strata_cli_usage ("describe", "expected exactly one FILE");

  strata_csv_options_init (&options);
  if (delimiter != NULL)
    {
      if (strcmp (delimiter, "\\t") == 0 || strcmp (delimiter, "tab") == 0)
        options.delimiter = '\t';
      else if (strlen (delimiter) == 1 && delimiter[0] != '"' && delimiter[0] != '\n' &&
               delimiter[0] != '\r')
        options.delimiter = delimiter[0];
      else
        return strata_cli_usage ("describe", "--delimiter must be one character, not “%s”", delimiter);
    }
  if (header == NULL || strcmp (header, "auto") == 0)
    options.header = STRATA_CSV_HEADER_AUTO;
  else if (strcmp (header, "yes") == 0)
    options.header = STRATA_CSV_HEADER_PRESENT;
  else if (strcmp (header, "no") == 0)
    options.header = STRATA_CSV_HEADER_ABSENT;
  else
    return strata_cli_usage ("describe", "--header must be auto, yes or no, not “%s”", header);

  table = strata_csv_read_file (argv[1], &options, NULL, NULL, NULL, &warnings, &error);
  if (warnings != NULL)
    for (guint i = 0; i < warnings->len; i++)
      fprintf (stderr, "strata: warning: %s\n", (const char *) g_ptr_array_index (warnings, i));
  if (table == NULL)
    return strata_cli_fail ("%s", error->message);

  json = describe_to_json (table);
  printf ("%s\n", json);
  return STRATA_EXIT_OK;
}
