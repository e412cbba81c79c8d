/* strata-idx.h — MNIST-style IDX files (plain or gzip-compressed)
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The IDX format (LeCun et al., http://yann.lecun.com/exdb/mnist/): a
 * 4-byte magic 0x00 0x00 TYPE NDIM, NDIM big-endian u32 dimensions, then the
 * data in row-major order. Strata reads unsigned-byte data (TYPE 0x08), as
 * MNIST and Fashion-MNIST ship. A file starting with the gzip magic 1f 8b is
 * decompressed on the fly with GIO's GZlibDecompressor, so the .gz files are
 * read as distributed.
 *
 * Example:
 *
 *   g_autoptr(StrataTensor) x = strata_idx_read_images (
 *       "data/datasets/mnist/train-images-idx3-ubyte.gz", 10000, NULL, &error);
 *   // x is [10000, 1, 28, 28], pixels in [0, 1]
 */

#pragma once

#include <gio/gio.h>

#include "strata-tensor.h"

G_BEGIN_DECLS

#define STRATA_IDX_ERROR (strata_idx_error_quark ())

/**
 * StrataIdxError:
 * @STRATA_IDX_ERROR_FORMAT: not an IDX file, an unsupported type or number of
 *   dimensions, or truncated; the message names the file
 *
 * I/O and gzip failures are G_IO_ERROR (file named); cancellation is
 * G_IO_ERROR_CANCELLED.
 */
typedef enum {
  STRATA_IDX_ERROR_FORMAT,
} StrataIdxError;

GQuark strata_idx_error_quark (void);

/* Images from a 3-D IDX file [N, H, W] as float32 [n, 1, H, W] with pixels
 * divided by 255 (range [0, 1]). @max_items > 0 reads only the first
 * @max_items images (n = min(N, max_items)). Transfer full. */
StrataTensor *strata_idx_read_images (const char   *path,
                                      gsize         max_items,
                                      GCancellable *cancellable,
                                      GError      **error);
/* Labels from a 1-D IDX file [N] as float32 [n] (values 0..255 as is).
 * @max_items as above. Transfer full. */
StrataTensor *strata_idx_read_labels (const char   *path,
                                      gsize         max_items,
                                      GCancellable *cancellable,
                                      GError      **error);

G_END_DECLS
