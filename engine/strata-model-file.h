/* strata-model-file.h — Strata's model file container
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every trained model (tree, network) is saved in one container:
 *
 *   offset  size  content
 *   0       8     magic: 0x89 'S' 'T' 'R' 'A' 'T' 'A' '\n'
 *   8       4     format version, little-endian uint32 (currently 1)
 *   12      8     body length B in bytes, little-endian uint64
 *   20      B     body: UTF-8 JSON {"kind": KIND, "model": {...}}
 *   20+B    4     CRC-32 (IEEE 802.3, as zlib's crc32) of the body,
 *                 little-endian uint32
 *
 * Nothing may follow. The magic's high byte catches 7-bit transfers and the
 * newline catches line-ending conversions, as PNG's; the checksum catches
 * any other damage. Files are written atomically (temporary file, rename).
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define STRATA_MODEL_FILE_VERSION 1

#define STRATA_MODEL_FILE_ERROR (strata_model_file_error_quark ())

/**
 * StrataModelFileError:
 * @STRATA_MODEL_FILE_ERROR_NOT_MODEL: the file does not start with the magic
 * @STRATA_MODEL_FILE_ERROR_VERSION: written by a newer format version
 * @STRATA_MODEL_FILE_ERROR_CORRUPT: truncated, trailing bytes, checksum
 *   mismatch or a body that is not the expected JSON
 * @STRATA_MODEL_FILE_ERROR_KIND: a valid model of another kind
 *
 * Every message names the file. I/O failures are G_IO_ERROR / G_FILE_ERROR.
 */
typedef enum {
  STRATA_MODEL_FILE_ERROR_NOT_MODEL,
  STRATA_MODEL_FILE_ERROR_VERSION,
  STRATA_MODEL_FILE_ERROR_CORRUPT,
  STRATA_MODEL_FILE_ERROR_KIND,
} StrataModelFileError;

GQuark strata_model_file_error_quark (void);

/* CRC-32 (IEEE 802.3: reflected polynomial 0xEDB88320, initial and final
 * XOR 0xFFFFFFFF) of @len bytes, computed by zlib's crc32_z().
 * crc32("123456789") = 0xCBF43926. Every Strata file format uses it. */
guint32   strata_crc32 (const void *data,
                        gsize       len);

/**
 * strata_model_file_save:
 * @path: destination (written atomically)
 * @kind: the model kind, e.g. "tree"
 * @model: (transfer none): the model's JSON object
 * @error: G_FILE_ERROR
 */
gboolean  strata_model_file_save (const char  *path,
                                  const char  *kind,
                                  JsonNode    *model,
                                  GError     **error);

/**
 * strata_model_file_load:
 * @path: the file
 * @kind: the kind expected; another kind is STRATA_MODEL_FILE_ERROR_KIND
 * @error: G_FILE_ERROR or STRATA_MODEL_FILE_ERROR, naming @path
 *
 * Returns: (transfer full): the "model" JSON node, or NULL.
 */
JsonNode *strata_model_file_load (const char  *path,
                                  const char  *kind,
                                  GError     **error);

G_END_DECLS
