/* strata-loss.c — cross-entropy, MSE and binary cross-entropy
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * Sums are accumulated in double so that the reported loss of a large batch
 * does not depend on summation order noise; gradients are written in float.
 * Softmax cross-entropy subtracts the row maximum before exponentiating, so
 * logits of any size give finite losses.
 */

#include "strata-loss.h"

#include <math.h>

static const char *const loss_names[] = {
  "cross_entropy", "mse", "binary_cross_entropy",
};

const char *
strata_loss_to_string (StrataLoss loss)
{
  g_return_val_if_fail (loss < G_N_ELEMENTS (loss_names), "unknown");
  return loss_names[loss];
}

gboolean
strata_loss_from_string (const char *s,
                         StrataLoss *loss)
{
  for (guint i = 0; s != NULL && i < G_N_ELEMENTS (loss_names); i++)
    if (g_str_equal (s, loss_names[i]))
      {
        *loss = (StrataLoss) i;
        return TRUE;
      }
  return FALSE;
}

gsize
strata_loss_target_size (StrataLoss loss,
                         gsize      output_size)
{
  return loss == STRATA_LOSS_CROSS_ENTROPY ? 1 : output_size;
}

static double
cross_entropy (const StrataTensor *output,
               const StrataTensor *target,
               StrataTensor       *grad)
{
  gsize n = output->shape[0], k = strata_tensor_sample_size (output);
  double total = 0.0;

  for (gsize r = 0; r < n; r++)
    {
      const float *z = output->data + r * k;
      gsize y = (gsize) target->data[r];
      double m = z[0], sum = 0.0, lse;

      g_assert (y < k);
      for (gsize j = 1; j < k; j++)
        m = MAX (m, z[j]);
      for (gsize j = 0; j < k; j++)
        sum += exp (z[j] - m);
      lse = m + log (sum);
      total += lse - z[y];
      if (grad != NULL)
        {
          float *g = grad->data + r * k;
          for (gsize j = 0; j < k; j++)
            g[j] = (float) ((exp (z[j] - lse) - (j == y ? 1.0 : 0.0)) / n);
        }
    }
  return total / n;
}

static double
mse (const StrataTensor *output,
     const StrataTensor *target,
     StrataTensor       *grad)
{
  double total = 0.0;

  for (gsize i = 0; i < output->size; i++)
    {
      double d = (double) output->data[i] - target->data[i];
      total += d * d;
      if (grad != NULL)
        grad->data[i] = (float) (2.0 * d / output->size);
    }
  return total / output->size;
}

static double
binary_cross_entropy (const StrataTensor *output,
                      const StrataTensor *target,
                      StrataTensor       *grad)
{
  double total = 0.0;

  for (gsize i = 0; i < output->size; i++)
    {
      double p = output->data[i], t = target->data[i];
      double lp = MAX (log (p), -100.0), lq = MAX (log1p (-p), -100.0);

      total -= t * lp + (1.0 - t) * lq;
      if (grad != NULL)
        {
          /* As PyTorch: (p − t) / max(p(1 − p), 1e-12). */
          double den = MAX (p * (1.0 - p), 1e-12);
          grad->data[i] = (float) ((p - t) / den / output->size);
        }
    }
  return total / output->size;
}

double
strata_loss_compute (StrataLoss          loss,
                     const StrataTensor *output,
                     const StrataTensor *target,
                     StrataTensor       *grad)
{
  g_return_val_if_fail (output->shape[0] == target->shape[0], NAN);
  g_return_val_if_fail (grad == NULL || grad->size == output->size, NAN);

  switch (loss)
    {
    case STRATA_LOSS_CROSS_ENTROPY:        return cross_entropy (output, target, grad);
    case STRATA_LOSS_MSE:                  return mse (output, target, grad);
    case STRATA_LOSS_BINARY_CROSS_ENTROPY: return binary_cross_entropy (output, target, grad);
    default:                               g_return_val_if_reached (NAN);
    }
}

gssize
strata_loss_count_correct (StrataLoss          loss,
                           const StrataTensor *output,
                           const StrataTensor *target)
{
  gsize n = output->shape[0], k = strata_tensor_sample_size (output);
  gssize right = 0;

  switch (loss)
    {
    case STRATA_LOSS_CROSS_ENTROPY:
      for (gsize r = 0; r < n; r++)
        {
          const float *z = output->data + r * k;
          gsize best = 0;

          for (gsize j = 1; j < k; j++)
            if (z[j] > z[best])
              best = j;
          right += best == (gsize) target->data[r];
        }
      return right;
    case STRATA_LOSS_BINARY_CROSS_ENTROPY:
      for (gsize i = 0; i < output->size; i++)
        right += (output->data[i] >= 0.5f) == (target->data[i] >= 0.5f);
      return right;
    case STRATA_LOSS_MSE:
    default:
      return -1;
    }
}
