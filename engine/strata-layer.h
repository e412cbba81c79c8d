/* strata-layer.h — neural-network layers with forward and backward passes
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A layer is described by a JSON object: its "type" and its parameters
 * (PyTorch's names where PyTorch has one). Shapes are per sample (no batch):
 *
 *   type        parameters (default)                      input → output
 *   ----------  ----------------------------------------  ---------------------
 *   dense       out_features, bias (true),                [F] → [out_features]
 *               init ("he_uniform")
 *   conv2d      out_channels, kernel_size, stride (1),    [C, H, W] →
 *               padding (0), bias (true), init            [out_channels, H', W']
 *               H' = (H + 2·padding − kernel_size) / stride + 1
 *   maxpool2d   kernel_size, stride (= kernel_size),      [C, H, W] → [C, H', W']
 *               padding (0)
 *   avgpool2d   kernel_size, stride (= kernel_size),      as maxpool2d; padded
 *               padding (0)                               cells count as zeros
 *                                                         (count_include_pad)
 *   flatten     —                                         any → [product]
 *   dropout     p (0.5)                                   same (inverted dropout,
 *                                                         identity in eval)
 *   relu        —                                         same
 *   leaky_relu  negative_slope (0.01)                     same
 *   tanh        —                                         same
 *   sigmoid     —                                         same
 *   softmax     —                                         [F] → [F] (over F)
 *   lstm        hidden_size, return_sequences (false),    [T, F] → [T, H] or [H]
 *               init ("glorot_uniform")
 *
 * init is one of "he_uniform", "he_normal", "glorot_uniform",
 * "glorot_normal" (He et al. 2015; Glorot & Bengio 2010); biases start at
 * zero, except the LSTM forget-gate bias which starts at 1 (Jozefowicz et
 * al. 2015). Weights use PyTorch's layouts: dense weight [out, in], conv2d
 * weight [out_channels, in_channels, k, k], lstm weight_ih [4H, F] and
 * weight_hh [4H, H] with gates in the order i, f, g, o and a single bias
 * [4H] (PyTorch's bias_ih + bias_hh).
 *
 * The LSTM is Hochreiter & Schmidhuber (1997) with the forget gate of Gers et
 * al. (2000), as in PyTorch's nn.LSTM:
 *   i = σ(W_ii x + W_hi h + b_i)   f = σ(W_if x + W_hf h + b_f)
 *   g = tanh(W_ig x + W_hg h + b_g) o = σ(W_io x + W_ho h + b_o)
 *   c' = f ⊙ c + i ⊙ g             h' = o ⊙ tanh(c')
 * with h and c starting at zero. Stack LSTMs by listing several, all but the
 * last with return_sequences = true. Backward is full backpropagation through
 * time over the whole sequence.
 *
 * Layers are built by a StrataNetwork, which owns them, sizes their scratch
 * memory and calls forward and backward in order; this header is the
 * interface to one layer, used by the network and by the gradient tests.
 */

#pragma once

#include <json-glib/json-glib.h>

#include "strata-tensor.h"

G_BEGIN_DECLS

#define STRATA_LAYER_ERROR (strata_layer_error_quark ())

/**
 * StrataLayerError:
 * @STRATA_LAYER_ERROR_TYPE: unknown layer type
 * @STRATA_LAYER_ERROR_PARAMETER: a parameter is unknown, of the wrong type
 *   or out of range; the message names layer index, type and parameter
 * @STRATA_LAYER_ERROR_SHAPE: the layer does not accept its input shape
 */
typedef enum {
  STRATA_LAYER_ERROR_TYPE,
  STRATA_LAYER_ERROR_PARAMETER,
  STRATA_LAYER_ERROR_SHAPE,
} StrataLayerError;

GQuark strata_layer_error_quark (void);

typedef struct _StrataLayer      StrataLayer;
typedef struct _StrataLayerClass StrataLayerClass;

/* One trainable parameter: its value and the gradient of the loss with
 * respect to it, same shape. Both borrowed from the layer. */
typedef struct {
  const char   *name;   /* "weight", "bias", "weight_ih", ... */
  StrataTensor *value;
  StrataTensor *grad;
} StrataParam;

#define STRATA_LAYER_MAX_PARAMS 4

/* What forward needs besides the input. */
typedef struct {
  gboolean  training;   /* dropout active, caches kept for backward */
  GRand    *rng;        /* dropout masks; borrowed, may be NULL when !training */
} StrataForwardContext;

/**
 * StrataLayerClass:
 *
 * The const class table every layer type provides. Instances are
 * @instance_size bytes and start with a StrataLayer.
 *
 * @build: reads parameters from self->config, checks self->in_shape, sets
 *   self->out_shape and allocates parameters. FALSE + error when invalid.
 * @init_weights: fills parameters from @rng (may be NULL for layers without).
 * @resize: (re)allocates per-batch scratch for up to @batch samples.
 * @forward: y = f(x); x is [N, in_shape], y is [N, out_shape], preallocated.
 * @backward: given x, y from the last training forward and dy = ∂L/∂y,
 *   *writes* (not accumulates) every parameter's grad and, when dx is not
 *   NULL, dx = ∂L/∂x.
 * @parameters: fills @out (≤ STRATA_LAYER_MAX_PARAMS) and returns the count.
 * @forward_macs: multiply-adds of one forward pass per sample (NULL = 0).
 * @finalize: frees what build/resize allocated (not the instance itself).
 */
struct _StrataLayerClass {
  const char  *type_name;
  gsize        instance_size;
  const char *const *param_names;   /* NULL-terminated, excluding "type" */
  gboolean (*build)        (StrataLayer *self, GError **error);
  void     (*init_weights) (StrataLayer *self, GRand *rng);
  void     (*resize)       (StrataLayer *self, gsize batch);
  void     (*forward)      (StrataLayer *self, const StrataTensor *x,
                            StrataTensor *y, const StrataForwardContext *ctx);
  void     (*backward)     (StrataLayer *self, const StrataTensor *x,
                            const StrataTensor *y, const StrataTensor *dy,
                            StrataTensor *dx);
  guint    (*parameters)   (StrataLayer *self, StrataParam *out);
  double   (*forward_macs) (StrataLayer *self);
  void     (*finalize)     (StrataLayer *self);
};

/* The part every layer instance starts with. */
struct _StrataLayer {
  const StrataLayerClass *klass;
  guint        index;        /* position in the network, for messages */
  JsonObject  *config;       /* the layer's JSON description (owned ref) */
  StrataShape  in_shape;     /* per sample */
  StrataShape  out_shape;    /* per sample */
  gsize        batch;        /* scratch capacity in samples (0 = none yet) */
};

/* Builds a layer from @config (a JSON object with "type") for per-sample
 * input shape @in. @index names the layer in error messages. NULL + error
 * (STRATA_LAYER_ERROR) when the type, a parameter or the shape is invalid.
 * Weights are zero until strata_layer_init_weights(). Transfer full. */
StrataLayer *strata_layer_new          (JsonObject        *config,
                                        guint              index,
                                        const StrataShape *in,
                                        GError           **error);
void         strata_layer_free         (StrataLayer *layer);

/* The "type" string, e.g. "conv2d" (static). */
const char  *strata_layer_get_type_name (StrataLayer *layer);
/* NULL-terminated list of the known layer types (static). */
const char *const *strata_layer_list_types (void);

void         strata_layer_init_weights (StrataLayer *layer,
                                        GRand       *rng);
/* Ensures scratch memory for batches of up to @batch samples. */
void         strata_layer_reserve      (StrataLayer *layer,
                                        gsize        batch);
/* See StrataLayerClass. The batch of @x must be ≤ the reserved capacity. */
void         strata_layer_forward      (StrataLayer                *layer,
                                        const StrataTensor         *x,
                                        StrataTensor               *y,
                                        const StrataForwardContext *ctx);
void         strata_layer_backward     (StrataLayer        *layer,
                                        const StrataTensor *x,
                                        const StrataTensor *y,
                                        const StrataTensor *dy,
                                        StrataTensor       *dx);
/* Fills @out[STRATA_LAYER_MAX_PARAMS]; returns how many. */
guint        strata_layer_parameters   (StrataLayer *layer,
                                        StrataParam *out);
/* Multiply-adds of one forward pass for one sample (for GFLOP/s figures). */
double       strata_layer_forward_macs (StrataLayer *layer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataLayer, strata_layer_free)

G_END_DECLS
