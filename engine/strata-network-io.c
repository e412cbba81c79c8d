/* strata-network-io.c — saving and loading networks
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * Networks use Strata's model container (strata-model-file.h: magic,
 * version, a JSON body, CRC-32; written atomically) with kind "network". The
 * body's model is the description the network was built from plus the
 * weights as float32 little-endian bytes in base64 — exact, compact (4/3 of
 * the raw size instead of ~12 characters per float as JSON numbers) and
 * independent of the host's byte order. Loading lets the container refuse
 * foreign, truncated or damaged files, then rebuilds (and so shape-checks)
 * the network and checks that the weight count matches; every refusal
 * names the file.
 */

#include "strata-network.h"

#include <string.h>

#include "strata-model-file.h"

#define KIND "network"

gboolean
strata_network_save (StrataNetwork *self,
                     const char    *path,
                     GError       **error)
{
  gsize n = strata_network_get_n_weights (self);
  g_autofree float *w = g_new (float, MAX (n, 1));
  g_autofree guint32 *le = g_new (guint32, MAX (n, 1));
  g_autofree char *b64 = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) model = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *description = strata_network_to_json (self);

  g_return_val_if_fail (path != NULL, FALSE);

  strata_network_get_weights (self, w);
  for (gsize i = 0; i < n; i++)
    {
      guint32 bits;
      memcpy (&bits, &w[i], 4);
      le[i] = GUINT32_TO_LE (bits);
    }
  b64 = g_base64_encode ((const guchar *) le, n * 4);
  if (!json_parser_load_from_data (parser, description, -1, error))
    return FALSE;
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "description");
  json_builder_add_value (b, json_node_copy (json_parser_get_root (parser)));
  json_builder_set_member_name (b, "n_weights");
  json_builder_add_int_value (b, (gint64) n);
  json_builder_set_member_name (b, "weights_f32le_base64");
  json_builder_add_string_value (b, b64);
  json_builder_end_object (b);
  model = json_builder_get_root (b);
  return strata_model_file_save (path, KIND, model, error);
}

static StrataNetwork *
format_error (GError    **error,
              const char *path,
              const char *what)
{
  g_set_error (error, STRATA_NETWORK_ERROR, STRATA_NETWORK_ERROR_FORMAT, "%s: %s", path, what);
  return NULL;
}

StrataNetwork *
strata_network_load (const char *path,
                     GError    **error)
{
  g_autoptr(JsonNode) model = NULL;
  g_autoptr(StrataNetwork) net = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree guchar *bytes = NULL;
  g_autofree float *w = NULL;
  JsonObject *o;
  const char *b64;
  gsize len = 0;
  gint64 n;

  g_return_val_if_fail (path != NULL, NULL);

  model = strata_model_file_load (path, KIND, error);
  if (model == NULL)
    return NULL;
  o = JSON_NODE_HOLDS_OBJECT (model) ? json_node_get_object (model) : NULL;
  if (o == NULL || !json_object_has_member (o, "description") ||
      !json_object_has_member (o, "n_weights") ||
      json_object_get_string_member_with_default (o, "weights_f32le_base64", NULL) == NULL)
    return format_error (error, path, "not a network model (description, n_weights or weights missing)");

  net = strata_network_new (json_object_get_member (o, "description"), &local);
  if (net == NULL)
    {
      g_autofree char *msg = g_strdup_printf ("invalid network description: %s", local->message);
      return format_error (error, path, msg);
    }
  n = json_object_get_int_member (o, "n_weights");
  b64 = json_object_get_string_member (o, "weights_f32le_base64");
  bytes = g_base64_decode (b64, &len);
  if (n < 0 || (gsize) n != strata_network_get_n_weights (net) || len != (gsize) n * 4)
    return format_error (error, path, "weight count does not match the layers");

  w = g_new (float, MAX (n, 1));
  for (gint64 i = 0; i < n; i++)
    {
      guint32 bits;
      memcpy (&bits, bytes + 4 * i, 4);
      bits = GUINT32_FROM_LE (bits);
      memcpy (&w[i], &bits, 4);
    }
  strata_network_set_weights (net, w);
  return g_steal_pointer (&net);
}
