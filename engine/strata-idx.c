/* strata-idx.c — IDX reader
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * One stream path for both kinds of file: a GBufferedInputStream lets us
 * peek at the first two bytes; gzip data is then wrapped in a
 * GConverterInputStream with a GZlibDecompressor. Only the bytes needed for
 * the requested items are read, in 64 KiB blocks, checking the cancellable
 * between blocks, and converted to float as they arrive.
 */

#include "strata-idx.h"

#include <string.h>

G_DEFINE_QUARK (strata-idx-error-quark, strata_idx_error)

#define IDX_TYPE_UBYTE 0x08
#define BLOCK (64 * 1024)

static GInputStream *
open_stream (const char   *path,
             GCancellable *cancellable,
             GError      **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) raw = NULL;
  g_autoptr(GInputStream) buffered = NULL;
  g_autoptr(GError) local = NULL;
  const guint8 *peek;
  gsize avail = 0;

  raw = g_file_read (file, cancellable, &local);
  if (raw == NULL)
    {
      g_set_error (error, local->domain, local->code, "%s: %s", path, local->message);
      return NULL;
    }
  buffered = g_buffered_input_stream_new (G_INPUT_STREAM (raw));
  if (g_buffered_input_stream_fill (G_BUFFERED_INPUT_STREAM (buffered), 2,
                                    cancellable, &local) < 0)
    {
      g_set_error (error, local->domain, local->code, "%s: %s", path, local->message);
      return NULL;
    }
  peek = g_buffered_input_stream_peek_buffer (G_BUFFERED_INPUT_STREAM (buffered), &avail);
  if (avail >= 2 && peek[0] == 0x1f && peek[1] == 0x8b)
    {
      g_autoptr(GZlibDecompressor) z = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
      return g_converter_input_stream_new (buffered, G_CONVERTER (z));
    }
  return g_steal_pointer (&buffered);
}

static gboolean
read_exact (GInputStream *in,
            const char   *path,
            void         *buf,
            gsize         len,
            GCancellable *cancellable,
            GError      **error)
{
  g_autoptr(GError) local = NULL;
  gsize got = 0;

  if (!g_input_stream_read_all (in, buf, len, &got, cancellable, &local))
    {
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local));
      else
        g_set_error (error, local->domain, local->code, "%s: %s", path, local->message);
      return FALSE;
    }
  if (got != len)
    {
      g_set_error (error, STRATA_IDX_ERROR, STRATA_IDX_ERROR_FORMAT,
                   "%s: file is truncated (expected %" G_GSIZE_FORMAT
                   " more bytes, got %" G_GSIZE_FORMAT ")", path, len, got);
      return FALSE;
    }
  return TRUE;
}

/* Reads the header and up to @max_items items; the result has the file's
 * dims with dim 0 clipped, as float scaled by @scale. */
static StrataTensor *
read_idx (const char   *path,
          guint         want_ndim,
          gsize         max_items,
          float         scale,
          GCancellable *cancellable,
          GError      **error)
{
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(StrataTensor) t = NULL;
  g_autofree guint8 *block = NULL;
  guint8 magic[4];
  guint32 dims[3];
  gsize shape[4], item = 1, total, done = 0;

  in = open_stream (path, cancellable, error);
  if (in == NULL || !read_exact (in, path, magic, 4, cancellable, error))
    return NULL;
  if (magic[0] != 0 || magic[1] != 0 || magic[3] < 1 || magic[3] > 4)
    {
      g_set_error (error, STRATA_IDX_ERROR, STRATA_IDX_ERROR_FORMAT,
                   "%s: not an IDX file (bad magic %02x %02x %02x %02x)",
                   path, magic[0], magic[1], magic[2], magic[3]);
      return NULL;
    }
  if (magic[2] != IDX_TYPE_UBYTE)
    {
      g_set_error (error, STRATA_IDX_ERROR, STRATA_IDX_ERROR_FORMAT,
                   "%s: IDX data type 0x%02x is not supported (only unsigned "
                   "bytes, 0x08)", path, magic[2]);
      return NULL;
    }
  if (magic[3] != want_ndim)
    {
      g_set_error (error, STRATA_IDX_ERROR, STRATA_IDX_ERROR_FORMAT,
                   "%s: expected %u dimensions (%s) but the file has %u", path,
                   want_ndim, want_ndim == 1 ? "labels" : "images", magic[3]);
      return NULL;
    }
  if (!read_exact (in, path, dims, 4 * want_ndim, cancellable, error))
    return NULL;
  for (guint i = 0; i < want_ndim; i++)
    {
      dims[i] = GUINT32_FROM_BE (dims[i]);
      if (dims[i] == 0 || (i > 0 && dims[i] > 65536))
        {
          g_set_error (error, STRATA_IDX_ERROR, STRATA_IDX_ERROR_FORMAT,
                       "%s: dimension %u has an unreasonable size %u", path, i, dims[i]);
          return NULL;
        }
      if (i > 0)
        item *= dims[i];
    }

  shape[0] = max_items > 0 ? MIN (dims[0], max_items) : dims[0];
  if ((double) shape[0] * item > (double) (1u << 31))
    {
      g_set_error (error, STRATA_IDX_ERROR, STRATA_IDX_ERROR_FORMAT,
                   "%s: %" G_GSIZE_FORMAT " items of %" G_GSIZE_FORMAT
                   " values are more than Strata reads at once (2^31 values)",
                   path, shape[0], item);
      return NULL;
    }
  if (want_ndim == 1)
    t = strata_tensor_new (1, shape);
  else
    {
      shape[1] = 1;
      shape[2] = dims[1];
      shape[3] = dims[2];
      t = strata_tensor_new (4, shape);
    }
  total = shape[0] * item;
  block = g_malloc (BLOCK);
  while (done < total)
    {
      gsize len = MIN (BLOCK, total - done);

      if (!read_exact (in, path, block, len, cancellable, error))
        return NULL;
      for (gsize i = 0; i < len; i++)
        t->data[done + i] = block[i] * scale;
      done += len;
    }
  return g_steal_pointer (&t);
}

StrataTensor *
strata_idx_read_images (const char   *path,
                        gsize         max_items,
                        GCancellable *cancellable,
                        GError      **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  return read_idx (path, 3, max_items, 1.0f / 255.0f, cancellable, error);
}

StrataTensor *
strata_idx_read_labels (const char   *path,
                        gsize         max_items,
                        GCancellable *cancellable,
                        GError      **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  return read_idx (path, 1, max_items, 1.0f, cancellable, error);
}
