/* strata-model-file.c — Strata's model file container
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * Models are small (a tree's arrays, a network's weights as JSON numbers),
 * so a file is read whole and checked in order: magic, version, length,
 * checksum, JSON. Each check has its own error code and message so that a
 * person can tell a wrong file from a damaged one.
 */

#include "strata-model-file.h"

#include <zlib.h>
#include "strata-param.h"

#include <string.h>

G_DEFINE_QUARK (strata-model-file-error-quark, strata_model_file_error)

static const guint8 magic[8] = { 0x89, 'S', 'T', 'R', 'A', 'T', 'A', '\n' };

#define HEADER_SIZE 20

guint32
strata_crc32 (const void *data,
              gsize       len)
{
  return (guint32) crc32_z (0L, data, len);
}

static void
put_le (guint8 *out,
        guint64 v,
        guint   bytes)
{
  for (guint i = 0; i < bytes; i++)
    out[i] = (guint8) (v >> (8 * i));
}

static guint64
get_le (const guint8 *in,
        guint         bytes)
{
  guint64 v = 0;

  for (guint i = 0; i < bytes; i++)
    v |= (guint64) in[i] << (8 * i);
  return v;
}

gboolean
strata_model_file_save (const char  *path,
                        const char  *kind,
                        JsonNode    *model,
                        GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *body = NULL;
  g_autofree guint8 *buf = NULL;
  gsize len, total;

  g_return_val_if_fail (path != NULL && kind != NULL && model != NULL, FALSE);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, kind);
  json_builder_set_member_name (builder, "model");
  json_builder_add_value (builder, json_node_copy (model));
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  /* not json_generator_to_data: json-glib 1.6 writes 1e20 as "1e+20.0" */
  body = strata_json_to_string (root, FALSE, &len);

  total = HEADER_SIZE + len + 4;
  buf = g_malloc (total);
  memcpy (buf, magic, 8);
  put_le (buf + 8, STRATA_MODEL_FILE_VERSION, 4);
  put_le (buf + 12, len, 8);
  memcpy (buf + HEADER_SIZE, body, len);
  put_le (buf + HEADER_SIZE + len, strata_crc32 (body, len), 4);
  return g_file_set_contents (path, (const char *) buf, total, error);
}

JsonNode *
strata_model_file_load (const char  *path,
                        const char  *kind,
                        GError     **error)
{
  g_autofree char *data = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local = NULL;
  const guint8 *p;
  gsize size;
  guint64 version, len;
  JsonObject *root;
  const char *found;

  g_return_val_if_fail (path != NULL && kind != NULL, NULL);

  if (!g_file_get_contents (path, &data, &size, error))
    return NULL;
  p = (const guint8 *) data;
  if (size < 8 || memcmp (p, magic, 8) != 0)
    {
      g_set_error (error, STRATA_MODEL_FILE_ERROR, STRATA_MODEL_FILE_ERROR_NOT_MODEL,
                   "%s: not a Strata model file", path);
      return NULL;
    }
  if (size < HEADER_SIZE)
    goto truncated;
  version = get_le (p + 8, 4);
  if (version != STRATA_MODEL_FILE_VERSION)
    {
      g_set_error (error, STRATA_MODEL_FILE_ERROR, STRATA_MODEL_FILE_ERROR_VERSION,
                   "%s: model format version %" G_GUINT64_FORMAT " is not supported (this "
                   "Strata reads version %d)", path, version, STRATA_MODEL_FILE_VERSION);
      return NULL;
    }
  len = get_le (p + 12, 8);
  if (len > size || size - HEADER_SIZE - 4 < len || size < HEADER_SIZE + 4)
    goto truncated;
  if (size != HEADER_SIZE + len + 4)
    {
      g_set_error (error, STRATA_MODEL_FILE_ERROR, STRATA_MODEL_FILE_ERROR_CORRUPT,
                   "%s: corrupt model file (%" G_GSIZE_FORMAT " unexpected bytes at the end)",
                   path, (gsize) (size - HEADER_SIZE - len - 4));
      return NULL;
    }
  if (get_le (p + HEADER_SIZE + len, 4) != strata_crc32 (p + HEADER_SIZE, len))
    {
      g_set_error (error, STRATA_MODEL_FILE_ERROR, STRATA_MODEL_FILE_ERROR_CORRUPT,
                   "%s: corrupt model file (checksum mismatch)", path);
      return NULL;
    }
  if (!json_parser_load_from_data (parser, data + HEADER_SIZE, len, &local) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, STRATA_MODEL_FILE_ERROR, STRATA_MODEL_FILE_ERROR_CORRUPT,
                   "%s: corrupt model file (%s)", path,
                   local != NULL ? local->message : "the body is not a JSON object");
      return NULL;
    }
  root = json_node_get_object (json_parser_get_root (parser));
  found = json_object_get_string_member_with_default (root, "kind", NULL);
  if (found == NULL || !json_object_has_member (root, "model"))
    {
      g_set_error (error, STRATA_MODEL_FILE_ERROR, STRATA_MODEL_FILE_ERROR_CORRUPT,
                   "%s: corrupt model file (no kind or model)", path);
      return NULL;
    }
  if (strcmp (found, kind) != 0)
    {
      g_set_error (error, STRATA_MODEL_FILE_ERROR, STRATA_MODEL_FILE_ERROR_KIND,
                   "%s: a “%s” model, not a “%s” model", path, found, kind);
      return NULL;
    }
  return json_node_copy (json_object_get_member (root, "model"));

truncated:
  g_set_error (error, STRATA_MODEL_FILE_ERROR, STRATA_MODEL_FILE_ERROR_CORRUPT,
               "%s: corrupt model file (truncated)", path);
  return NULL;
}
