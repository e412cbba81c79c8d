/* strata-param.c — typed parameter declarations and validated values
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * Values are kept as JsonNodes, exactly as they appear in a `.strata` file,
 * so that loading, saving and `--set` share one validator and a saved file
 * round-trips byte for byte in meaning. StrataParams holds one slot per
 * declared parameter (NULL slot = unset = default); defaults are parsed
 * from the spec's text on demand and cached in a parallel array.
 */

#include "strata-param.h"
#include "strata-table.h"

#include <errno.h>
#include <math.h>
#include <string.h>

G_DEFINE_QUARK (strata-param-error-quark, strata_param_error)

const char *
strata_param_type_to_string (StrataParamType type)
{
  switch (type)
    {
    case STRATA_PARAM_INT:     return "int";
    case STRATA_PARAM_DOUBLE:  return "double";
    case STRATA_PARAM_BOOL:    return "bool";
    case STRATA_PARAM_STRING:  return "string";
    case STRATA_PARAM_CHOICE:  return "choice";
    case STRATA_PARAM_COLUMN:  return "column";
    case STRATA_PARAM_COLUMNS: return "columns";
    case STRATA_PARAM_STRINGS: return "strings";
    case STRATA_PARAM_PATH:    return "path";
    case STRATA_PARAM_JSON:    return "json";
    default:                   g_return_val_if_reached ("unknown");
    }
}

guint
strata_param_specs_count (const StrataParamSpec *specs)
{
  guint n = 0;

  if (specs == NULL)
    return 0;
  while (specs[n].name != NULL)
    n++;
  return n;
}

const StrataParamSpec *
strata_param_specs_find (const StrataParamSpec *specs,
                         const char            *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; specs != NULL && specs[i].name != NULL; i++)
    if (strcmp (specs[i].name, name) == 0)
      return &specs[i];
  return NULL;
}

/* --- ranges --------------------------------------------------------------- */

typedef struct {
  double   lo, hi;
  gboolean lo_open, hi_open;
} Range;

static gboolean
parse_bound (const char *s,
             double     *out)
{
  g_autofree char *t = g_strstrip (g_strdup (s));
  char *end = NULL;

  if (g_ascii_strcasecmp (t, "inf") == 0 || g_ascii_strcasecmp (t, "+inf") == 0)
    *out = INFINITY;
  else if (g_ascii_strcasecmp (t, "-inf") == 0)
    *out = -INFINITY;
  else
    {
      *out = g_ascii_strtod (t, &end);
      if (end == t || *end != '\0')
        return FALSE;
    }
  return TRUE;
}

static gboolean
parse_range (const char *text,
             Range      *r)
{
  gsize len;
  g_auto(GStrv) parts = NULL;
  g_autofree char *inner = NULL;

  if (text == NULL)
    {
      r->lo = -INFINITY; r->hi = INFINITY;
      r->lo_open = r->hi_open = TRUE;
      return TRUE;
    }
  len = strlen (text);
  if (len < 5 || (text[0] != '(' && text[0] != '[') ||
      (text[len - 1] != ')' && text[len - 1] != ']'))
    return FALSE;
  inner = g_strndup (text + 1, len - 2);
  parts = g_strsplit (inner, ",", -1);
  if (g_strv_length (parts) != 2 ||
      !parse_bound (parts[0], &r->lo) || !parse_bound (parts[1], &r->hi))
    return FALSE;
  r->lo_open = text[0] == '(';
  r->hi_open = text[len - 1] == ')';
  return r->lo <= r->hi;
}

static gboolean
range_contains (const Range *r,
                double       v)
{
  if (isnan (v))
    return FALSE;
  if (r->lo_open ? !(v > r->lo) : !(v >= r->lo))
    return FALSE;
  if (r->hi_open ? !(v < r->hi) : !(v <= r->hi))
    return FALSE;
  return TRUE;
}

/* --- JSON text ------------------------------------------------------------- */

/* Rewrites one number token of json-glib's output into valid JSON. */
static void
append_number (GString    *out,
               const char *token,
               gsize       len)
{
  g_autofree char *t = g_strndup (token, len);

  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  double v;

  if (strstr (t, "inf") != NULL || strstr (t, "nan") != NULL)
    {
      g_string_append (out, "null");
      return;
    }
  if (strpbrk (t, ".eE") == NULL)
    {
      /* an integer: json-glib writes gint64 exactly */
      g_string_append_len (out, t, len);
      return;
    }
  /* A double: json-glib prints "%.17g" (0.1 → 0.10000000000000001) and
   * appends ".0" to exponents (1e+20.0). Print the shortest exact form,
   * keeping a ".0" so that it still reads back as a double. */
  v = g_ascii_strtod (t, NULL);
  strata_format_double (v, buf, sizeof buf);
  g_string_append (out, buf);
  if (strpbrk (buf, ".eE") == NULL)
    g_string_append (out, ".0");
}

char *
strata_json_to_string (JsonNode *root,
                       gboolean  pretty,
                       gsize    *length)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *raw = NULL;
  GString *out;
  gboolean in_string = FALSE;

  g_return_val_if_fail (root != NULL, NULL);

  json_generator_set_pretty (gen, pretty);
  json_generator_set_indent (gen, 2);
  json_generator_set_root (gen, root);
  raw = json_generator_to_data (gen, NULL);
  out = g_string_sized_new (strlen (raw) + 16);
  for (const char *p = raw; *p != '\0';)
    {
      if (in_string)
        {
          if (*p == '\\' && p[1] != '\0')
            {
              g_string_append_len (out, p, 2);
              p += 2;
              continue;
            }
          in_string = *p != '"';
          g_string_append_c (out, *p++);
        }
      else if (*p == '"')
        {
          in_string = TRUE;
          g_string_append_c (out, *p++);
        }
      else if (*p == '-' || g_ascii_isdigit (*p) || *p == 'i' || *p == 'n')
        {
          const char *start = p;

          /* "null" is the only bare word starting with n that is not nan */
          if (strncmp (p, "null", 4) == 0)
            {
              g_string_append (out, "null");
              p += 4;
              continue;
            }
          while (*p != '\0' && (g_ascii_isalnum (*p) || *p == '.' || *p == '+' || *p == '-'))
            p++;
          append_number (out, start, p - start);
        }
      else
        g_string_append_c (out, *p++);
    }
  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}

/* --- validation ----------------------------------------------------------- */

char *
strata_param_value_to_text (JsonNode *value)
{
  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return g_strdup ("null");
  if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (value));
  if (JSON_NODE_HOLDS_ARRAY (value))
    {
      JsonArray *a = json_node_get_array (value);
      GString *s = g_string_new (NULL);
      gboolean all_strings = TRUE;

      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          JsonNode *e = json_array_get_element (a, i);
          if (!JSON_NODE_HOLDS_VALUE (e) || json_node_get_value_type (e) != G_TYPE_STRING)
            all_strings = FALSE;
          else
            g_string_append_printf (s, "%s%s", i > 0 ? ", " : "", json_node_get_string (e));
        }
      if (all_strings)
        return g_string_free (s, FALSE);
      g_string_free (s, TRUE);
    }
  return json_to_string (value, FALSE);
}

static gboolean
holds_number (JsonNode *value)
{
  GType t;

  if (!JSON_NODE_HOLDS_VALUE (value))
    return FALSE;
  t = json_node_get_value_type (value);
  return t == G_TYPE_INT64 || t == G_TYPE_DOUBLE;
}

static gboolean
holds_string (JsonNode *value)
{
  return JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING;
}

static gboolean
type_error (const StrataParamSpec *spec,
            JsonNode              *value,
            const char            *expected,
            GError               **error)
{
  g_autofree char *text = value != NULL ? json_to_string (value, FALSE) : g_strdup ("nothing");

  g_set_error (error, STRATA_PARAM_ERROR, STRATA_PARAM_ERROR_TYPE,
               "parameter “%s”: expected %s, got %s", spec->name, expected, text);
  return FALSE;
}

gboolean
strata_param_validate (const StrataParamSpec *spec,
                       JsonNode              *value,
                       GError               **error)
{
  Range range;

  g_return_val_if_fail (spec != NULL, FALSE);

  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    {
      if (spec->nullable)
        return TRUE;
      return type_error (spec, value, "a value (this parameter cannot be null)", error);
    }

  switch (spec->type)
    {
    case STRATA_PARAM_INT:
    case STRATA_PARAM_DOUBLE:
      {
        double v;
        g_autofree char *text = NULL;

        if (!holds_number (value))
          return type_error (spec, value, spec->type == STRATA_PARAM_INT ? "an integer" : "a number", error);
        v = json_node_get_double (value);
        if (spec->type == STRATA_PARAM_INT &&
            json_node_get_value_type (value) != G_TYPE_INT64 &&
            (v != floor (v) || fabs (v) > 9007199254740992.0))
          return type_error (spec, value, "an integer", error);
        if (!parse_range (spec->range, &range))
          g_return_val_if_reached (FALSE);
        if (!range_contains (&range, v))
          {
            char buf[G_ASCII_DTOSTR_BUF_SIZE];

            if (json_node_get_value_type (value) == G_TYPE_INT64)
              text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value));
            else
              {
                strata_format_double (v, buf, sizeof buf);
                text = g_strdup (buf);
              }
            g_set_error (error, STRATA_PARAM_ERROR, STRATA_PARAM_ERROR_RANGE,
                         "parameter “%s”: %s is outside %s", spec->name, text, spec->range);
            return FALSE;
          }
        return TRUE;
      }

    case STRATA_PARAM_BOOL:
      if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_BOOLEAN)
        return type_error (spec, value, "true or false", error);
      return TRUE;

    case STRATA_PARAM_STRING:
    case STRATA_PARAM_COLUMN:
    case STRATA_PARAM_PATH:
      if (!holds_string (value))
        return type_error (spec, value, "a string", error);
      if (spec->type != STRATA_PARAM_STRING && *json_node_get_string (value) == '\0')
        return type_error (spec, value, spec->type == STRATA_PARAM_PATH ? "a file name" : "a column name", error);
      return TRUE;

    case STRATA_PARAM_CHOICE:
      {
        const char *s;
        g_autofree char *list = NULL;

        if (!holds_string (value))
          return type_error (spec, value, "a string", error);
        s = json_node_get_string (value);
        for (guint i = 0; spec->choices != NULL && spec->choices[i] != NULL; i++)
          if (strcmp (s, spec->choices[i]) == 0)
            return TRUE;
        list = spec->choices != NULL ? g_strjoinv (", ", (char **) spec->choices) : g_strdup ("");
        g_set_error (error, STRATA_PARAM_ERROR, STRATA_PARAM_ERROR_CHOICE,
                     "parameter “%s”: “%s” is not one of %s", spec->name, s, list);
        return FALSE;
      }

    case STRATA_PARAM_COLUMNS:
    case STRATA_PARAM_STRINGS:
      {
        gboolean columns = spec->type == STRATA_PARAM_COLUMNS;
        const char *what = columns ? "a list of column names" : "a list of strings";
        JsonArray *a;

        if (!JSON_NODE_HOLDS_ARRAY (value))
          return type_error (spec, value, what, error);
        a = json_node_get_array (value);
        for (guint i = 0; i < json_array_get_length (a); i++)
          {
            JsonNode *e = json_array_get_element (a, i);
            if (!holds_string (e) || (columns && *json_node_get_string (e) == '\0'))
              return type_error (spec, value, what, error);
          }
        return TRUE;
      }

    case STRATA_PARAM_JSON:
      return TRUE;

    default:
      g_return_val_if_reached (FALSE);
    }
}

/* --- text ----------------------------------------------------------------- */

static JsonNode *
parse_json_text (const char *text,
                 GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();

  if (!json_parser_load_from_data (parser, text, -1, error))
    return NULL;
  if (json_parser_get_root (parser) == NULL)
    return json_node_new (JSON_NODE_NULL);
  return json_node_copy (json_parser_get_root (parser));
}

static JsonNode *
text_to_node (const StrataParamSpec *spec,
              const char            *text,
              GError               **error)
{
  JsonNode *node;

  if (spec->nullable && strcmp (text, "null") == 0)
    return json_node_new (JSON_NODE_NULL);

  switch (spec->type)
    {
    case STRATA_PARAM_INT:
      {
        gint64 v;
        if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &v, NULL))
          break;
        node = json_node_new (JSON_NODE_VALUE);
        json_node_set_int (node, v);
        return node;
      }
    case STRATA_PARAM_DOUBLE:
      {
        char *end = NULL;
        double v;

        errno = 0;
        v = g_ascii_strtod (text, &end);
        if (end == text || *end != '\0' || errno != 0 || !isfinite (v))
          break;
        node = json_node_new (JSON_NODE_VALUE);
        json_node_set_double (node, v);
        return node;
      }
    case STRATA_PARAM_BOOL:
      node = json_node_new (JSON_NODE_VALUE);
      if (g_ascii_strcasecmp (text, "true") == 0 || strcmp (text, "1") == 0 ||
          g_ascii_strcasecmp (text, "yes") == 0)
        json_node_set_boolean (node, TRUE);
      else if (g_ascii_strcasecmp (text, "false") == 0 || strcmp (text, "0") == 0 ||
               g_ascii_strcasecmp (text, "no") == 0)
        json_node_set_boolean (node, FALSE);
      else
        {
          json_node_unref (node);
          break;
        }
      return node;
    case STRATA_PARAM_COLUMNS:
    case STRATA_PARAM_STRINGS:
      if (text[0] == '[')
        return parse_json_text (text, error);
      else
        {
          g_auto(GStrv) parts = g_strsplit (text, ",", -1);
          JsonArray *a = json_array_new ();

          for (guint i = 0; parts[i] != NULL; i++)
            {
              g_strstrip (parts[i]);
              if (parts[i][0] != '\0')
                json_array_add_string_element (a, parts[i]);
            }
          node = json_node_new (JSON_NODE_ARRAY);
          json_node_take_array (node, a);
          return node;
        }
    case STRATA_PARAM_JSON:
      return parse_json_text (text, error);
    case STRATA_PARAM_STRING:
    case STRATA_PARAM_CHOICE:
    case STRATA_PARAM_COLUMN:
    case STRATA_PARAM_PATH:
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (node, text);
      return node;
    default:
      g_return_val_if_reached (NULL);
    }

  g_set_error (error, STRATA_PARAM_ERROR, STRATA_PARAM_ERROR_TYPE,
               "parameter “%s”: “%s” is not %s", spec->name, text,
               spec->type == STRATA_PARAM_INT ? "an integer" :
               spec->type == STRATA_PARAM_DOUBLE ? "a number" : "true or false");
  return NULL;
}

JsonNode *
strata_param_parse_text (const StrataParamSpec *spec,
                         const char            *text,
                         GError               **error)
{
  g_autoptr(GError) local = NULL;
  JsonNode *node;

  g_return_val_if_fail (spec != NULL && text != NULL, NULL);

  node = text_to_node (spec, text, &local);
  if (node == NULL)
    {
      if (local->domain == STRATA_PARAM_ERROR)
        g_propagate_error (error, g_steal_pointer (&local));
      else
        g_set_error (error, STRATA_PARAM_ERROR, STRATA_PARAM_ERROR_TYPE,
                     "parameter “%s”: “%s” is not valid JSON: %s",
                     spec->name, text, local->message);
      return NULL;
    }
  if (!strata_param_validate (spec, node, error))
    {
      json_node_unref (node);
      return NULL;
    }
  return node;
}

JsonNode *
strata_param_spec_dup_default (const StrataParamSpec *spec)
{
  g_return_val_if_fail (spec != NULL, NULL);

  if (spec->default_value == NULL)
    return json_node_new (JSON_NODE_NULL);
  if (spec->type == STRATA_PARAM_COLUMNS || spec->type == STRATA_PARAM_STRINGS ||
      spec->type == STRATA_PARAM_JSON)
    return parse_json_text (spec->default_value, NULL);
  return text_to_node (spec, spec->default_value, NULL);
}

gboolean
strata_param_spec_check (const StrataParamSpec *spec,
                         GError               **error)
{
  g_autoptr(JsonNode) def = NULL;
  Range r;

  g_return_val_if_fail (spec != NULL, FALSE);

  if (spec->name == NULL || spec->help == NULL)
    {
      g_set_error (error, STRATA_PARAM_ERROR, STRATA_PARAM_ERROR_TYPE,
                   "parameter “%s”: a name and a help line are required",
                   spec->name != NULL ? spec->name : "(null)");
      return FALSE;
    }
  if (!parse_range (spec->range, &r))
    {
      g_set_error (error, STRATA_PARAM_ERROR, STRATA_PARAM_ERROR_RANGE,
                   "parameter “%s”: range “%s” is not an interval", spec->name, spec->range);
      return FALSE;
    }
  if (spec->type == STRATA_PARAM_CHOICE && (spec->choices == NULL || spec->choices[0] == NULL))
    {
      g_set_error (error, STRATA_PARAM_ERROR, STRATA_PARAM_ERROR_CHOICE,
                   "parameter “%s”: a choice needs choices", spec->name);
      return FALSE;
    }
  def = strata_param_spec_dup_default (spec);
  if (def == NULL)
    {
      g_set_error (error, STRATA_PARAM_ERROR, STRATA_PARAM_ERROR_TYPE,
                   "parameter “%s”: default “%s” does not parse", spec->name, spec->default_value);
      return FALSE;
    }
  return strata_param_validate (spec, def, error);
}

/* --- StrataParams ---------------------------------------------------------- */

struct _StrataParams {
  const StrataParamSpec *specs;
  guint                  n;
  JsonNode             **values;     /* [n], NULL = unset */
  JsonNode             **defaults;   /* [n], parsed lazily */
};

StrataParams *
strata_params_new (const StrataParamSpec *specs)
{
  StrataParams *p = g_new0 (StrataParams, 1);

  p->specs = specs;
  p->n = strata_param_specs_count (specs);
  p->values = g_new0 (JsonNode *, p->n + 1);
  p->defaults = g_new0 (JsonNode *, p->n + 1);
  for (guint i = 0; i < p->n; i++)
    p->defaults[i] = strata_param_spec_dup_default (&specs[i]);
  return p;
}

StrataParams *
strata_params_copy (StrataParams *params)
{
  StrataParams *p;

  g_return_val_if_fail (params != NULL, NULL);

  p = strata_params_new (params->specs);
  for (guint i = 0; i < p->n; i++)
    if (params->values[i] != NULL)
      p->values[i] = json_node_copy (params->values[i]);
  return p;
}

void
strata_params_free (StrataParams *params)
{
  if (params == NULL)
    return;
  for (guint i = 0; i < params->n; i++)
    {
      g_clear_pointer (&params->values[i], json_node_unref);
      g_clear_pointer (&params->defaults[i], json_node_unref);
    }
  g_free (params->values);
  g_free (params->defaults);
  g_free (params);
}

const StrataParamSpec *
strata_params_get_specs (StrataParams *params)
{
  g_return_val_if_fail (params != NULL, NULL);
  return params->specs;
}

static int
params_index (StrataParams *params,
              const char   *name)
{
  for (guint i = 0; i < params->n; i++)
    if (strcmp (params->specs[i].name, name) == 0)
      return (int) i;
  return -1;
}

gboolean
strata_params_set (StrataParams *params,
                   const char   *name,
                   JsonNode     *value,
                   GError      **error)
{
  int i;

  g_return_val_if_fail (params != NULL && name != NULL && value != NULL, FALSE);

  i = params_index (params, name);
  if (i < 0)
    {
      GString *known = g_string_new (NULL);

      for (guint k = 0; k < params->n; k++)
        g_string_append_printf (known, "%s%s", k > 0 ? ", " : "", params->specs[k].name);
      g_set_error (error, STRATA_PARAM_ERROR, STRATA_PARAM_ERROR_UNKNOWN,
                   "unknown parameter “%s” (known: %s)", name,
                   known->len > 0 ? known->str : "none");
      g_string_free (known, TRUE);
      return FALSE;
    }
  if (!strata_param_validate (&params->specs[i], value, error))
    return FALSE;
  g_clear_pointer (&params->values[i], json_node_unref);
  params->values[i] = json_node_copy (value);
  return TRUE;
}

void
strata_params_reset (StrataParams *params,
                     const char   *name)
{
  int i;

  g_return_if_fail (params != NULL && name != NULL);
  i = params_index (params, name);
  g_return_if_fail (i >= 0);
  g_clear_pointer (&params->values[i], json_node_unref);
}

gboolean
strata_params_is_set (StrataParams *params,
                      const char   *name)
{
  int i;

  g_return_val_if_fail (params != NULL && name != NULL, FALSE);
  i = params_index (params, name);
  g_return_val_if_fail (i >= 0, FALSE);
  return params->values[i] != NULL;
}

JsonNode *
strata_params_get (StrataParams *params,
                   const char   *name)
{
  int i;

  g_return_val_if_fail (params != NULL && name != NULL, NULL);
  i = params_index (params, name);
  if (i < 0)
    {
      g_critical ("%s: no parameter “%s” is declared", G_STRFUNC, name);
      return NULL;
    }
  return params->values[i] != NULL ? params->values[i] : params->defaults[i];
}

static JsonNode *
get_typed (StrataParams    *params,
           const char      *name,
           StrataParamType  type1,
           StrataParamType  type2)
{
  int i = params_index (params, name);

  if (i < 0 || (params->specs[i].type != type1 && params->specs[i].type != type2))
    {
      g_critical ("parameter “%s” is not declared as %s", name, strata_param_type_to_string (type1));
      return NULL;
    }
  return params->values[i] != NULL ? params->values[i] : params->defaults[i];
}

gint64
strata_params_get_int (StrataParams *params,
                       const char   *name)
{
  JsonNode *v = get_typed (params, name, STRATA_PARAM_INT, STRATA_PARAM_INT);

  if (v == NULL || JSON_NODE_HOLDS_NULL (v))
    return 0;
  if (json_node_get_value_type (v) == G_TYPE_DOUBLE)
    return (gint64) json_node_get_double (v);
  return json_node_get_int (v);
}

double
strata_params_get_double (StrataParams *params,
                          const char   *name)
{
  JsonNode *v = get_typed (params, name, STRATA_PARAM_DOUBLE, STRATA_PARAM_INT);

  if (v == NULL || JSON_NODE_HOLDS_NULL (v))
    return NAN;
  return json_node_get_double (v);
}

gboolean
strata_params_get_bool (StrataParams *params,
                        const char   *name)
{
  JsonNode *v = get_typed (params, name, STRATA_PARAM_BOOL, STRATA_PARAM_BOOL);

  if (v == NULL || JSON_NODE_HOLDS_NULL (v))
    return FALSE;
  return json_node_get_boolean (v);
}

const char *
strata_params_get_string (StrataParams *params,
                          const char   *name)
{
  JsonNode *v;
  int i = params_index (params, name);

  if (i < 0 || params->specs[i].type == STRATA_PARAM_INT ||
      params->specs[i].type == STRATA_PARAM_DOUBLE || params->specs[i].type == STRATA_PARAM_BOOL ||
      params->specs[i].type == STRATA_PARAM_COLUMNS || params->specs[i].type == STRATA_PARAM_STRINGS ||
      params->specs[i].type == STRATA_PARAM_JSON)
    {
      g_critical ("parameter “%s” is not declared as a string", name);
      return NULL;
    }
  v = params->values[i] != NULL ? params->values[i] : params->defaults[i];
  if (v == NULL || !holds_string (v))
    return NULL;
  return json_node_get_string (v);
}

char **
strata_params_dup_strv (StrataParams *params,
                        const char   *name)
{
  JsonNode *v = get_typed (params, name, STRATA_PARAM_COLUMNS, STRATA_PARAM_STRINGS);
  GPtrArray *out = g_ptr_array_new ();

  if (v != NULL && JSON_NODE_HOLDS_ARRAY (v))
    {
      JsonArray *a = json_node_get_array (v);
      for (guint i = 0; i < json_array_get_length (a); i++)
        g_ptr_array_add (out, g_strdup (json_array_get_string_element (a, i)));
    }
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

gboolean
strata_params_is_null (StrataParams *params,
                       const char   *name)
{
  JsonNode *v = strata_params_get (params, name);

  return v == NULL || JSON_NODE_HOLDS_NULL (v);
}

char *
strata_params_to_key (StrataParams *params)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (params != NULL, NULL);

  json_builder_begin_object (b);
  for (guint i = 0; i < params->n; i++)
    {
      JsonNode *v = params->values[i] != NULL ? params->values[i] : params->defaults[i];
      json_builder_set_member_name (b, params->specs[i].name);
      json_builder_add_value (b, json_node_copy (v));
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}
