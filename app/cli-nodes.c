/* cli-nodes.c — `strata nodes [--json]`: every node type, its ports and
 * parameters
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reference users and the inspector read: generated from the
 * registry's declarations, so it is never out of date. --json prints
 *
 *   {"nodes": [{"id", "group", "title", "help",
 *               "inputs": [{"name", "kind", "optional", "help"}],
 *               "outputs": [...],
 *               "params": [{"name", "type", "default", "nullable",
 *                           "range"?, "choices"?, "unit"?, "help"}]}]}
 */

#include "config.h"

#include <stdio.h>

#include <json-glib/json-glib.h>

#include "strata-cli.h"
#include "strata-node.h"

static void
add_ports (JsonBuilder          *b,
           const char           *member,
           const StrataPortSpec *ports)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_array (b);
  for (guint i = 0; ports != NULL && ports[i].name != NULL; i++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, ports[i].name);
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, ports[i].kind);
      json_builder_set_member_name (b, "optional");
      json_builder_add_boolean_value (b, ports[i].optional);
      json_builder_set_member_name (b, "help");
      json_builder_add_string_value (b, ports[i].help != NULL ? ports[i].help : "");
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_params (JsonBuilder           *b,
            const StrataParamSpec *params)
{
  json_builder_set_member_name (b, "params");
  json_builder_begin_array (b);
  for (guint i = 0; params != NULL && params[i].name != NULL; i++)
    {
      const StrataParamSpec *p = &params[i];

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, p->name);
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, strata_param_type_to_string (p->type));
      json_builder_set_member_name (b, "default");
      json_builder_add_value (b, strata_param_spec_dup_default (p));
      json_builder_set_member_name (b, "nullable");
      json_builder_add_boolean_value (b, p->nullable);
      if (p->range != NULL)
        {
          json_builder_set_member_name (b, "range");
          json_builder_add_string_value (b, p->range);
        }
      if (p->choices != NULL)
        {
          json_builder_set_member_name (b, "choices");
          json_builder_begin_array (b);
          for (guint c = 0; p->choices[c] != NULL; c++)
            json_builder_add_string_value (b, p->choices[c]);
          json_builder_end_array (b);
        }
      if (p->unit != NULL)
        {
          json_builder_set_member_name (b, "unit");
          json_builder_add_string_value (b, p->unit);
        }
      json_builder_set_member_name (b, "help");
      json_builder_add_string_value (b, p->help);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
print_json (const StrataNodeType *const *types,
            guint                        n)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "nodes");
  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, types[i]->id);
      json_builder_set_member_name (b, "group");
      json_builder_add_string_value (b, types[i]->group);
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, types[i]->title);
      json_builder_set_member_name (b, "help");
      json_builder_add_string_value (b, types[i]->help);
      add_ports (b, "inputs", types[i]->inputs);
      add_ports (b, "outputs", types[i]->outputs);
      add_params (b, types[i]->params);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  text = strata_json_to_string (root, TRUE, NULL);
  printf ("%s\n", text);
}

static void
print_ports (const char           *label,
             const StrataPortSpec *ports)
{
  if (ports == NULL || ports[0].name == NULL)
    return;
  printf ("  %s:", label);
  for (guint i = 0; ports[i].name != NULL; i++)
    printf ("%s %s (%s%s)", i > 0 ? "," : "", ports[i].name, ports[i].kind,
            ports[i].optional ? ", optional" : "");
  printf ("\n");
}

static void
print_text (const StrataNodeType *const *types,
            guint                        n)
{
  for (guint i = 0; i < n; i++)
    {
      const StrataNodeType *t = types[i];

      printf ("%s — %s\n  %s\n", t->id, t->title, t->help);
      print_ports ("inputs", t->inputs);
      print_ports ("outputs", t->outputs);
      for (guint k = 0; t->params != NULL && t->params[k].name != NULL; k++)
        {
          const StrataParamSpec *p = &t->params[k];
          g_autoptr(JsonNode) def = strata_param_spec_dup_default (p);
          g_autofree char *def_text = JSON_NODE_HOLDS_VALUE (def) &&
                                      json_node_get_value_type (def) == G_TYPE_STRING &&
                                      *json_node_get_string (def) != '\0'
                                      ? g_strdup (json_node_get_string (def))
                                      : json_to_string (def, FALSE);
          g_autofree char *choices = p->choices != NULL ? g_strjoinv ("|", (char **) p->choices) : NULL;

          printf ("    %-24s %-8s default %s", p->name, strata_param_type_to_string (p->type),
                  JSON_NODE_HOLDS_NULL (def) ? "unset" : def_text);
          if (choices != NULL)
            printf (", one of %s", choices);
          if (p->range != NULL)
            printf (", in %s", p->range);
          if (p->unit != NULL)
            printf (" (%s)", p->unit);
          printf ("\n      %s\n", p->help);
        }
      printf ("\n");
    }
}

int
strata_cli_nodes (int    argc,
                  char **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print JSON", NULL },
    { NULL }
  };
  g_autoptr(StrataRegistry) registry = NULL;
  const StrataNodeType *const *types;
  guint n;

  if (!strata_cli_parse ("nodes", "", "List every node type with its ports and parameters.",
                         entries, &argc, &argv))
    return STRATA_EXIT_USAGE;
  if (argc > 1)
    return strata_cli_usage ("nodes", "unexpected argument “%s”", argv[1]);

  registry = strata_registry_new_default ();
  types = strata_registry_list (registry, &n);
  if (json)
    print_json (types, n);
  else
    print_text (types, n);
  return STRATA_EXIT_OK;
}
