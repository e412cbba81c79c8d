/* strata-network-model-private.h — a trained network as a workflow value
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by model.network (strata-nodes-network.c), which builds it, and
 * strata-network-model.c, which makes it a fitted model for eval.predict
 * and eval.metrics (strata-model.h). Not installed; engine only.
 */

#pragma once

#include "strata-data.h"
#include "strata-loss.h"
#include "strata-network.h"

G_BEGIN_DECLS

/**
 * StrataNetworkModel:
 * @network: the trained network (owned reference), input [N, input shape]
 * @features: (array zero-terminated=1): the feature columns in the order
 *   they fill one sample, row-major over the input shape
 * @all_numeric: @features were not chosen: they are every numeric column of
 *   the training table but the target, so a table to predict must have no
 *   other numeric column either (else its rows have another shape)
 * @target: the column the network predicts
 * @classes: (array zero-terminated=1) (nullable): class names in output
 *   order, as the target's values read as text; NULL for regression (mse)
 * @loss: cross_entropy (logits over the classes), binary_cross_entropy
 *   (one sigmoid unit: the probability of classes[1]) or mse (one value)
 *
 * Immutable once wrapped; freed with the StrataData.
 */
typedef struct {
  StrataNetwork *network;
  char         **features;
  gboolean       all_numeric;
  char          *target;
  char         **classes;
  StrataLoss     loss;
} StrataNetworkModel;

/* Wraps @model (transfer full) as a value of kind STRATA_DATA_NETWORK:
 * saved in Strata's model format, a fitted model for eval.*. */
StrataData   *strata_network_model_wrap     (StrataNetworkModel *model);

/**
 * strata_network_features_tensor:
 * @t: the table
 * @names: feature columns, in sample order
 * @first, @n: rows [first, first + n) of @t
 * @shape: one sample's shape; its size is the number of @names
 *
 * The rows as float32 samples [n, shape]. NULL + STRATA_MODEL_ERROR_INPUT
 * naming the column (absent or not numeric) or the column and row (a
 * missing value). Transfer full.
 */
StrataTensor *strata_network_features_tensor (StrataTable       *t,
                                              char *const       *names,
                                              gsize              first,
                                              gsize              n,
                                              const StrataShape *shape,
                                              GError           **error);

G_END_DECLS
