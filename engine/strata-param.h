/* strata-param.h — typed parameter declarations and validated values
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A node type declares its parameters as a static array of StrataParamSpec
 * ending with an entry whose name is NULL:
 *
 *   static const char *const strategies[] =
 *     { "mean", "median", "most_frequent", "constant", NULL };
 *   static const StrataParamSpec impute_params[] = {
 *     { .name = "strategy", .type = STRATA_PARAM_CHOICE, .choices = strategies,
 *       .default_value = "mean", .help = "Statistic that replaces a missing value" },
 *     { .name = "test_size", .type = STRATA_PARAM_DOUBLE, .range = "(0, 1)",
 *       .default_value = "0.25", .unit = "fraction", .help = "…" },
 *     { NULL }
 *   };
 *
 * The canvas inspector, `strata nodes`, the `.strata` loader and `--set`
 * are all driven by these declarations. Values are json-glib JsonNodes, as
 * they appear in the workflow file:
 *
 *   type     JSON value                     default_value text
 *   INT      integer                        "5"
 *   DOUBLE   number                         "0.25"
 *   BOOL     true / false                   "true"
 *   STRING   string                         "abc"
 *   CHOICE   one of @choices (string)       "median"
 *   COLUMN   string (a column name)         "Age" (usually NULL: unset)
 *   COLUMNS  array of strings               JSON text: "[]" or "[\"a\"]"
 *   STRINGS  array of strings (not columns)  JSON text
 *   PATH     string (a file; stored relative to the workflow file)
 *   JSON     any JSON (e.g. a network's layer stack)   JSON text
 *
 * A NULL default_value means "unset" (JSON null); such a parameter must be
 * declared .nullable. Ranges are written in interval notation, "(0, 1)",
 * "[1, inf)", "[0, 1]", and apply to INT and DOUBLE.
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define STRATA_PARAM_ERROR (strata_param_error_quark ())

/**
 * StrataParamError:
 * @STRATA_PARAM_ERROR_UNKNOWN: no parameter of that name (message lists the
 *   known ones)
 * @STRATA_PARAM_ERROR_TYPE: the value has the wrong JSON type, or text does
 *   not parse as the parameter's type
 * @STRATA_PARAM_ERROR_RANGE: a number outside the declared range
 * @STRATA_PARAM_ERROR_CHOICE: a string that is not one of the choices
 *
 * Every message starts with "parameter “NAME”: ", callers prefix the node.
 */
typedef enum {
  STRATA_PARAM_ERROR_UNKNOWN,
  STRATA_PARAM_ERROR_TYPE,
  STRATA_PARAM_ERROR_RANGE,
  STRATA_PARAM_ERROR_CHOICE,
} StrataParamError;

GQuark strata_param_error_quark (void);

typedef enum {
  STRATA_PARAM_INT,
  STRATA_PARAM_DOUBLE,
  STRATA_PARAM_BOOL,
  STRATA_PARAM_STRING,
  STRATA_PARAM_CHOICE,
  STRATA_PARAM_COLUMN,
  STRATA_PARAM_COLUMNS,
  STRATA_PARAM_STRINGS,
  STRATA_PARAM_PATH,
  STRATA_PARAM_JSON,
} StrataParamType;

/* "int", "double", "bool", "string", "choice", "column", "columns",
 * "strings", "path", "json" (static strings). */
const char *strata_param_type_to_string (StrataParamType type);

/**
 * StrataParamSpec:
 * @name: identifier, scikit-learn / pandas / PyTorch name where one exists
 * @type: the value's type
 * @help: one line, no final period needed
 * @unit: (nullable): "fraction", "rows", "bins", "seconds", …
 * @default_value: (nullable): the default as text (see the table above);
 *   NULL = JSON null ("unset")
 * @range: (nullable): interval for INT and DOUBLE, e.g. "(0, 1]"
 * @choices: (nullable): NULL-terminated list for CHOICE
 * @nullable: JSON null is a valid value (an optional column, a seed that
 *   defaults to the workflow's)
 */
typedef struct {
  const char         *name;
  StrataParamType     type;
  const char         *help;
  const char         *unit;
  const char         *default_value;
  const char         *range;
  const char *const  *choices;
  gboolean            nullable;
} StrataParamSpec;

/* --- Specs ---------------------------------------------------------------- */

/* Number of specs before the NULL-named terminator. */
guint     strata_param_specs_count   (const StrataParamSpec *specs);
/* The spec called @name in a NULL-terminated array, or NULL. */
const StrataParamSpec *strata_param_specs_find (const StrataParamSpec *specs,
                                                const char            *name);
/* Checks a declaration (default parses and validates, range parses, choices
 * present): a programmer error; returns FALSE with a message in @error. */
gboolean  strata_param_spec_check    (const StrataParamSpec *spec,
                                      GError               **error);
/* The default value as a new node (transfer full). Never fails on a spec
 * that passed strata_param_spec_check(). */
JsonNode *strata_param_spec_dup_default (const StrataParamSpec *spec);
/* Checks @value against @spec: STRATA_PARAM_ERROR_TYPE/RANGE/CHOICE. */
gboolean  strata_param_validate      (const StrataParamSpec *spec,
                                      JsonNode              *value,
                                      GError               **error);
/* Parses command-line text (`--set ID.PARAM=TEXT`) into a value of the
 * spec's type and validates it. "null" gives null for nullable params;
 * COLUMNS and STRINGS accept a JSON array or "a,b,c"; JSON parses JSON. Transfer full;
 * NULL with STRATA_PARAM_ERROR_* on failure. */
JsonNode *strata_param_parse_text    (const StrataParamSpec *spec,
                                      const char            *text,
                                      GError               **error);
/* JSON text of @root (pretty: two-space indent), always valid JSON.
 * json-glib 1.6's generator writes 1e20 as "1e+20.0" and infinities and
 * NaN as "inf.0" / "nan.0"; this repairs the first and writes null for the
 * others. Use it wherever Strata writes JSON. Transfer full. */
char     *strata_json_to_string      (JsonNode              *root,
                                      gboolean               pretty,
                                      gsize                 *length);
/* Human text for a value ("0.25", "median", "Age, Fare"). Transfer full. */
char     *strata_param_value_to_text (JsonNode              *value);

/* --- Values of one node ---------------------------------------------------- */

/**
 * StrataParams:
 *
 * The values of one node's parameters, each validated against its spec;
 * unset parameters read as their default. Mutable while the workflow owns
 * it; the executor copies it (strata_params_copy) before handing it to the
 * worker, and the copy is never modified again. Accessors borrow. The
 * getters are programmer-checked: asking an INT getter for a DOUBLE
 * parameter, or for an undeclared name, is a g_critical.
 */
typedef struct _StrataParams StrataParams;

/* All defaults. @specs (static, NULL-terminated) must outlive the params. */
StrataParams *strata_params_new      (const StrataParamSpec *specs);
StrataParams *strata_params_copy     (StrataParams          *params);
void          strata_params_free     (StrataParams          *params);

const StrataParamSpec *strata_params_get_specs (StrataParams *params);

/* Validates and stores a copy of @value. Errors: STRATA_PARAM_ERROR_*. */
gboolean      strata_params_set      (StrataParams *params,
                                      const char   *name,
                                      JsonNode     *value,
                                      GError      **error);
/* Back to the default. */
void          strata_params_reset    (StrataParams *params,
                                      const char   *name);
/* TRUE when the value was set explicitly (saved in the file). */
gboolean      strata_params_is_set   (StrataParams *params,
                                      const char   *name);
/* The value or the default. Transfer none. */
JsonNode     *strata_params_get      (StrataParams *params,
                                      const char   *name);

gint64        strata_params_get_int    (StrataParams *params, const char *name);
double        strata_params_get_double (StrataParams *params, const char *name);
gboolean      strata_params_get_bool   (StrataParams *params, const char *name);
/* STRING, CHOICE, COLUMN, PATH: the string, NULL when null. Transfer none. */
const char   *strata_params_get_string (StrataParams *params, const char *name);
/* COLUMNS, STRINGS: a NULL-terminated vector (empty when unset). Transfer full. */
char        **strata_params_dup_strv   (StrataParams *params, const char *name);
/* TRUE when the value (or the default) is JSON null. */
gboolean      strata_params_is_null    (StrataParams *params, const char *name);

/* Canonical JSON text of every value in declaration order (defaults
 * included): equal text ⇔ equal parameters. Used for cache keys. */
char         *strata_params_to_key     (StrataParams *params);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataParams, strata_params_free)

G_END_DECLS
