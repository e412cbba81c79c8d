/* strata-network.h — a stack of layers built from a JSON description
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A network is built once from a description such as LeNet-5:
 *
 *   { "input": [1, 28, 28],
 *     "layers": [
 *       { "type": "conv2d", "out_channels": 6, "kernel_size": 5 },
 *       { "type": "relu" }, { "type": "maxpool2d", "kernel_size": 2 },
 *       { "type": "conv2d", "out_channels": 16, "kernel_size": 5 },
 *       { "type": "relu" }, { "type": "maxpool2d", "kernel_size": 2 },
 *       { "type": "flatten" },
 *       { "type": "dense", "out_features": 120 }, { "type": "relu" },
 *       { "type": "dense", "out_features": 84 },  { "type": "relu" },
 *       { "type": "dense", "out_features": 10 } ] }
 *
 * "input" is the per-sample shape ([F], [T, F] or [C, H, W]); the layer
 * types and parameters are listed in strata-layer.h. Every shape is checked
 * at build time; an error names the layer index, type and parameter.
 *
 * The network owns its activation and gradient buffers (its scratch memory),
 * sized for the largest batch seen so far, so forward and backward allocate
 * nothing in steady state. Weights start from strata_network_init_weights()
 * with a seed: the same seed (and the same OpenBLAS thread count, which
 * fixes the summation order inside sgemm) gives the same weights and the
 * same training run bit for bit.
 *
 * A network is mutable while it trains and owned by one thread at a time;
 * the reference count is atomic so a trained network can be handed to the
 * main thread and shared read-only.
 *
 * Model files use Strata's model container (strata-model-file.h: magic,
 * version, JSON body, CRC-32) with kind "network"; the model object is
 *
 *   { "description": { "input": [...], "layers": [...] },   as above
 *     "n_weights": W,
 *     "weights_f32le_base64": "..." }   W float32 IEEE 754 little-endian
 *                                       values, base64: parameters in layer
 *                                       order, each in its layer's layout
 *                                       (strata-layer.h)
 */

#pragma once

#include <gio/gio.h>

#include "strata-layer.h"

G_BEGIN_DECLS

#define STRATA_NETWORK_ERROR (strata_network_error_quark ())

/**
 * StrataNetworkError:
 * @STRATA_NETWORK_ERROR_DESCRIPTION: the JSON description is malformed
 *   (layer problems are reported in STRATA_LAYER_ERROR)
 * @STRATA_NETWORK_ERROR_FORMAT: a valid model container whose network does
 *   not build or whose weights do not fit; the message names the file
 *   (foreign, truncated or damaged files are STRATA_MODEL_FILE_ERROR)
 */
typedef enum {
  STRATA_NETWORK_ERROR_DESCRIPTION,
  STRATA_NETWORK_ERROR_FORMAT,
} StrataNetworkError;

GQuark strata_network_error_quark (void);

typedef struct _StrataNetwork StrataNetwork;

/* --- Building ------------------------------------------------------------- */

/* Builds from a parsed description (borrowed). Weights are zero until
 * strata_network_init_weights(). NULL + error when invalid. Transfer full. */
StrataNetwork *strata_network_new             (JsonNode      *description,
                                               GError       **error);
/* Same from JSON text. */
StrataNetwork *strata_network_new_from_string (const char    *json,
                                               GError       **error);
StrataNetwork *strata_network_ref             (StrataNetwork *network);
void           strata_network_unref           (StrataNetwork *network);

/* A network of the same description whose parameters share @network's
 * weight storage (not copied: an optimizer step on @network is seen by the
 * replica at once) but which has its own gradients and scratch memory. The
 * trainer runs one replica per thread on shards of a mini-batch. Holds a
 * reference on @network. Transfer full. */
StrataNetwork *strata_network_new_replica     (StrataNetwork *network);

/* He / Glorot initialisation (per layer, strata-layer.h) from a Mersenne
 * Twister seeded with @seed; layers are filled in order. */
void           strata_network_init_weights    (StrataNetwork *network,
                                               guint32        seed);

/* --- Introspection (all borrow) ------------------------------------------- */

const StrataShape *strata_network_get_input_shape  (StrataNetwork *network);
const StrataShape *strata_network_get_output_shape (StrataNetwork *network);
guint              strata_network_get_n_layers     (StrataNetwork *network);
StrataLayer       *strata_network_get_layer        (StrataNetwork *network,
                                                    guint          index);
/* All trainable parameters in layer order; *n receives the count. */
const StrataParam *strata_network_get_params       (StrataNetwork *network,
                                                    guint         *n);
/* Total number of trainable floats. */
gsize              strata_network_get_n_weights    (StrataNetwork *network);
/* Multiply-adds of one forward pass for one sample. */
double             strata_network_forward_macs     (StrataNetwork *network);
/* The description as compact JSON. Transfer full. */
char              *strata_network_to_json          (StrataNetwork *network);

/* --- Weights as one flat vector (layer order, as in the file) ------------ */

void strata_network_get_weights (StrataNetwork *network,
                                 float         *out);
void strata_network_set_weights (StrataNetwork *network,
                                 const float   *weights);

/* --- Running -------------------------------------------------------------- */

/* Forward pass of @x [N, input] (N ≥ 1, any N; buffers grow as needed).
 * Returns the output [N, output] (borrowed; valid until the next forward).
 * With @training, dropout draws masks from @rng and the layer caches are
 * kept for strata_network_backward(). */
const StrataTensor *strata_network_forward  (StrataNetwork      *network,
                                             const StrataTensor *x,
                                             gboolean            training,
                                             GRand              *rng);
/* Backward pass after a training forward: @doutput is ∂L/∂output [N, output].
 * Writes every parameter's grad (see strata_network_get_params). */
void                strata_network_backward (StrataNetwork      *network,
                                             const StrataTensor *doutput);
/* Outputs for @x in evaluation mode, computed in chunks of up to @batch
 * samples. Transfer full [N, output]. */
StrataTensor       *strata_network_predict  (StrataNetwork      *network,
                                             const StrataTensor *x,
                                             gsize               batch);

/* --- Files ---------------------------------------------------------------- */

/* Writes the model file described above, atomically (temporary + rename).
 * FALSE + G_FILE_ERROR on failure. */
gboolean       strata_network_save (StrataNetwork *network,
                                    const char    *path,
                                    GError       **error);
/* Reads a model file. NULL + STRATA_MODEL_FILE_ERROR (not a model, newer
 * version, truncated, checksum, another kind), STRATA_NETWORK_ERROR_FORMAT
 * or G_FILE_ERROR, naming the file. Transfer full. */
StrataNetwork *strata_network_load (const char    *path,
                                    GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataNetwork, strata_network_unref)

G_END_DECLS
