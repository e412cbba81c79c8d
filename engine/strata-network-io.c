/* strata-network-io.c — model files: save, load, CRC-32
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * The format is documented in strata-network.h. A model is small next to
 * memory, so a file is built in one buffer and written with
 * g_file_set_contents (temporary file + rename: a crash never leaves half a
 * model), and read back whole. Loading checks, in order, the length, the
 * magic, the version, the CRC over everything before it, the description
 * (which builds and shape-checks the network) and finally that the weight
 * count matches the network; every refusal names the file.
 */

#include "strata-network.h"
#include "strata-model-file.h"

#include <string.h>

#define MAGIC         "STRATANN"
#define MAGIC_LEN     8
#define VERSION       1u
#define HEADER_LEN    (MAGIC_LEN + 4 + 4)

static void
put_u32 (GByteArray *b,
         guint32     v)
{
  guint32 le = GUINT32_TO_LE (v);
  g_byte_array_append (b, (const guint8 *) &le, 4);
}

static guint32
get_u32 (const guint8 *p)
{
  guint32 v;
  memcpy (&v, p, 4);
  return GUINT32_FROM_LE (v);
}

gboolean
strata_network_save (StrataNetwork *self,
                     const char    *path,
                     GError       **error)
{
  g_autoptr(GByteArray) b = g_byte_array_new ();
  g_autofree char *json = strata_network_to_json (self);
  gsize n = strata_network_get_n_weights (self), json_len = strlen (json);
  g_autofree float *w = g_new (float, MAX (n, 1));
  guint64 n_le = GUINT64_TO_LE ((guint64) n);
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  g_byte_array_append (b, (const guint8 *) MAGIC, MAGIC_LEN);
  put_u32 (b, VERSION);
  put_u32 (b, (guint32) json_len);
  g_byte_array_append (b, (const guint8 *) json, json_len);
  g_byte_array_append (b, (const guint8 *) &n_le, 8);
  strata_network_get_weights (self, w);
  for (gsize i = 0; i < n; i++)
    {
      guint32 bits;
      memcpy (&bits, &w[i], 4);
      put_u32 (b, bits);
    }
  put_u32 (b, strata_crc32 (b->data, b->len));

  if (!g_file_set_contents (path, (const char *) b->data, b->len, &local))
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_file_error (local->code),
                   "%s: cannot write the model: %s", path, local->message);
      return FALSE;
    }
  return TRUE;
}

static StrataNetwork *
format_error (GError    **error,
              const char *path,
              const char *what)
{
  g_set_error (error, STRATA_NETWORK_ERROR, STRATA_NETWORK_ERROR_FORMAT,
               "%s: %s", path, what);
  return NULL;
}

StrataNetwork *
strata_network_load (const char *path,
                     GError    **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local = NULL;
  g_autoptr(StrataNetwork) net = NULL;
  g_autofree float *w = NULL;
  g_autofree char *json = NULL;
  const guint8 *p;
  gsize len;
  guint32 json_len;
  guint64 n;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &len, &local))
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_file_error (local->code),
                   "%s: cannot read the model: %s", path, local->message);
      return NULL;
    }
  p = (const guint8 *) contents;
  if (len < MAGIC_LEN || memcmp (p, MAGIC, MAGIC_LEN) != 0)
    return format_error (error, path, "not a Strata model file (bad magic)");
  if (len < HEADER_LEN + 8 + 4)
    return format_error (error, path, "model file is truncated");
  if (get_u32 (p + MAGIC_LEN) != VERSION)
    {
      g_autofree char *msg = g_strdup_printf ("unsupported model format version %u "
                                              "(this Strata reads version %u)",
                                              get_u32 (p + MAGIC_LEN), VERSION);
      return format_error (error, path, msg);
    }
  if (get_u32 (p + len - 4) != strata_crc32 (p, len - 4))
    return format_error (error, path, "model file is damaged (CRC-32 mismatch)");
  json_len = get_u32 (p + MAGIC_LEN + 4);
  if ((guint64) json_len + HEADER_LEN + 8 + 4 > len)
    return format_error (error, path, "model file is truncated");
  memcpy (&n, p + HEADER_LEN + json_len, 8);
  n = GUINT64_FROM_LE (n);
  if (n > (len - HEADER_LEN - json_len - 12) / 4 ||
      HEADER_LEN + json_len + 8 + 4 * n + 4 != len)
    return format_error (error, path, "model file has the wrong length for its weights");

  json = g_strndup ((const char *) p + HEADER_LEN, json_len);
  net = strata_network_new_from_string (json, &local);
  if (net == NULL)
    {
      g_autofree char *msg = g_strdup_printf ("invalid network description: %s", local->message);
      return format_error (error, path, msg);
    }
  if (strata_network_get_n_weights (net) != n)
    return format_error (error, path, "weight count does not match the layers");

  w = g_new (float, MAX (n, 1));
  for (guint64 i = 0; i < n; i++)
    {
      guint32 bits = get_u32 (p + HEADER_LEN + json_len + 8 + 4 * i);
      memcpy (&w[i], &bits, 4);
    }
  strata_network_set_weights (net, w);
  return g_steal_pointer (&net);
}
