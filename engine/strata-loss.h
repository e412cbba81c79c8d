/* strata-loss.h — training losses and their gradients
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every loss is the mean over the batch, as PyTorch's default
 * reduction = "mean", and returns the gradient of that mean with respect to
 * the network output.
 *
 *   cross_entropy        output [N, K] logits (no softmax layer before it),
 *                        target [N] class indices 0..K−1 stored as floats.
 *                        L = mean_n (logsumexp(z_n) − z_n[y_n]), computed
 *                        with the max shift; ∂L/∂z = (softmax(z) − onehot)/N.
 *                        As torch.nn.CrossEntropyLoss.
 *   mse                  output and target of the same shape;
 *                        L = mean over all elements of (p − t)²,
 *                        as torch.nn.MSELoss.
 *   binary_cross_entropy output probabilities in [0, 1] (after a sigmoid
 *                        layer), target of the same shape in [0, 1];
 *                        L = −mean (t log p + (1 − t) log(1 − p)) with each
 *                        log clamped at −100, as torch.nn.BCELoss.
 */

#pragma once

#include "strata-tensor.h"

G_BEGIN_DECLS

typedef enum {
  STRATA_LOSS_CROSS_ENTROPY,
  STRATA_LOSS_MSE,
  STRATA_LOSS_BINARY_CROSS_ENTROPY,
} StrataLoss;

/* "cross_entropy", "mse", "binary_cross_entropy" (static). */
const char *strata_loss_to_string   (StrataLoss  loss);
/* FALSE when @s names no loss. */
gboolean    strata_loss_from_string (const char *s,
                                     StrataLoss *loss);

/* Floats per sample the target must have for an output of @output_size
 * floats per sample (1 for cross_entropy, @output_size otherwise). */
gsize       strata_loss_target_size (StrataLoss loss,
                                     gsize      output_size);

/* The mean loss of @output against @target; when @grad is not NULL it
 * receives ∂L/∂output (same shape as output). Class indices outside 0..K−1
 * are a programmer error (the trainer checks labels first). Computed in
 * double and returned as double; NAN or ∞ propagate. */
double      strata_loss_compute     (StrataLoss          loss,
                                     const StrataTensor *output,
                                     const StrataTensor *target,
                                     StrataTensor       *grad);

/* Number of samples whose prediction is right: argmax = class for
 * cross_entropy, (p ≥ 0.5) = (t ≥ 0.5) per element for binary_cross_entropy
 * (counted per element); −1 for mse (accuracy is undefined). */
gssize      strata_loss_count_correct (StrataLoss          loss,
                                       const StrataTensor *output,
                                       const StrataTensor *target);

G_END_DECLS
