/* strata-layer-private.h — what layer implementations share
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The class tables of every layer family and the helpers their build
 * functions use to read parameters and fill weights. Engine-internal.
 */

#pragma once

#include "strata-layer.h"

G_BEGIN_DECLS

extern const StrataLayerClass strata_dense_class;
extern const StrataLayerClass strata_conv2d_class;
extern const StrataLayerClass strata_maxpool2d_class;
extern const StrataLayerClass strata_avgpool2d_class;
extern const StrataLayerClass strata_flatten_class;
extern const StrataLayerClass strata_dropout_class;
extern const StrataLayerClass strata_relu_class;
extern const StrataLayerClass strata_leaky_relu_class;
extern const StrataLayerClass strata_tanh_class;
extern const StrataLayerClass strata_sigmoid_class;
extern const StrataLayerClass strata_softmax_class;
extern const StrataLayerClass strata_lstm_class;

/* Parameter readers: take @name from self->config, or @def when absent.
 * FALSE + STRATA_LAYER_ERROR_PARAMETER naming layer and parameter when the
 * value has the wrong type or lies outside [min, max]. A negative @def for
 * strata_layer_get_uint means "required". */
gboolean strata_layer_get_uint   (StrataLayer *self,
                                  const char  *name,
                                  gint64       def,
                                  gint64       min,
                                  gint64       max,
                                  gsize       *out,
                                  GError     **error);
gboolean strata_layer_get_double (StrataLayer *self,
                                  const char  *name,
                                  double       def,
                                  double       min,
                                  double       max,
                                  double      *out,
                                  GError     **error);
gboolean strata_layer_get_bool   (StrataLayer *self,
                                  const char  *name,
                                  gboolean     def,
                                  gboolean    *out,
                                  GError     **error);

typedef enum {
  STRATA_INIT_HE_UNIFORM,
  STRATA_INIT_HE_NORMAL,
  STRATA_INIT_GLOROT_UNIFORM,
  STRATA_INIT_GLOROT_NORMAL,
} StrataInit;

gboolean strata_layer_get_init   (StrataLayer *self,
                                  StrataInit   def,
                                  StrataInit  *out,
                                  GError     **error);
/* Fills @n floats for a weight with the given fans. */
void     strata_init_fill        (float       *w,
                                  gsize        n,
                                  StrataInit   init,
                                  gsize        fan_in,
                                  gsize        fan_out,
                                  GRand       *rng);
/* An error naming the layer: "layer 3 (conv2d): ...". */
void     strata_layer_set_error  (StrataLayer *self,
                                  GError     **error,
                                  gint         code,
                                  const char  *format,
                                  ...) G_GNUC_PRINTF (4, 5);

/* For conv2d and pooling: checks that the input is an image [C, H, W] and
 * that a @k × @k window with @stride and @pad fits, and gives the output
 * size (H + 2·pad − k) / stride + 1 (likewise W). FALSE + SHAPE error. */
gboolean strata_layer_window_geometry (StrataLayer *self,
                                       gsize        k,
                                       gsize        stride,
                                       gsize        pad,
                                       gsize       *ho,
                                       gsize       *wo,
                                       GError     **error);

/* Upper bound on the floats of one parameter tensor and of one sample's
 * activation (2^28 floats = 1 GiB): descriptions asking for more are
 * refused at build time instead of failing an allocation later. */
#define STRATA_LAYER_MAX_FLOATS (1.0 * (1 << 28))

/* FALSE + SHAPE error naming the layer when @n_floats (a parameter about to
 * be allocated) exceeds STRATA_LAYER_MAX_FLOATS. */
gboolean strata_layer_check_floats (StrataLayer *self,
                                    double       n_floats,
                                    const char  *what,
                                    GError     **error);

/* Fills @out with @weight and, when @has_bias, @bias; returns the count. */
guint    strata_params_weight_bias (StrataParam       *out,
                                    const StrataParam *weight,
                                    const StrataParam *bias,
                                    gboolean           has_bias);

/* Allocates a [n0, n1, ...] parameter tensor and its grad. */
void     strata_param_alloc      (StrataParam *p,
                                  const char  *name,
                                  guint        ndim,
                                  const gsize *shape);
void     strata_param_clear      (StrataParam *p);

G_END_DECLS
