/* strata-tensor.c — float32 tensors
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * Deliberately small: a tensor is a struct with a data pointer and a shape,
 * not an object system. Kernels take raw pointers and sizes from it. Memory
 * comes from g_aligned_alloc0 with a 64-byte alignment; the batch dimension
 * can shrink and grow again within the allocated capacity.
 */

#include "strata-tensor.h"

#include <math.h>
#include <string.h>

float *
strata_aligned_floats (gsize n)
{
  return g_aligned_alloc0 (MAX (n, 1), sizeof (float), STRATA_TENSOR_ALIGN);
}

void
strata_aligned_free (float *p)
{
  g_aligned_free (p);
}

gsize
strata_shape_size (const StrataShape *shape)
{
  gsize n = 1;

  for (guint i = 0; i < shape->ndim; i++)
    n *= shape->dim[i];
  return n;
}

gboolean
strata_shape_equal (const StrataShape *a,
                    const StrataShape *b)
{
  if (a->ndim != b->ndim)
    return FALSE;
  for (guint i = 0; i < a->ndim; i++)
    if (a->dim[i] != b->dim[i])
      return FALSE;
  return TRUE;
}

char *
strata_shape_to_string (const StrataShape *shape)
{
  GString *s = g_string_new ("[");

  for (guint i = 0; i < shape->ndim; i++)
    g_string_append_printf (s, "%s%" G_GSIZE_FORMAT, i ? ", " : "", shape->dim[i]);
  g_string_append_c (s, ']');
  return g_string_free (s, FALSE);
}

StrataShape
strata_shape_1d (gsize d0)
{
  StrataShape s = { 1, { d0, 1, 1 } };
  return s;
}

StrataShape
strata_shape_2d (gsize d0,
                 gsize d1)
{
  StrataShape s = { 2, { d0, d1, 1 } };
  return s;
}

StrataShape
strata_shape_3d (gsize d0,
                 gsize d1,
                 gsize d2)
{
  StrataShape s = { 3, { d0, d1, d2 } };
  return s;
}

StrataTensor *
strata_tensor_new (guint        ndim,
                   const gsize *shape)
{
  StrataTensor *t;

  g_return_val_if_fail (ndim >= 1 && ndim <= STRATA_TENSOR_MAX_DIMS, NULL);

  t = g_new0 (StrataTensor, 1);
  t->ndim = ndim;
  t->size = 1;
  for (guint i = 0; i < STRATA_TENSOR_MAX_DIMS; i++)
    {
      t->shape[i] = i < ndim ? shape[i] : 1;
      t->size *= t->shape[i];
    }
  t->capacity = t->shape[0];
  t->data = strata_aligned_floats (t->size);
  t->owns_data = TRUE;
  return t;
}

StrataTensor *
strata_tensor_new_batch (gsize              n,
                         const StrataShape *sample)
{
  gsize shape[STRATA_TENSOR_MAX_DIMS] = { n, 1, 1, 1 };

  for (guint i = 0; i < sample->ndim; i++)
    shape[i + 1] = sample->dim[i];
  return strata_tensor_new (sample->ndim + 1, shape);
}

StrataTensor *
strata_tensor_new_1d (gsize n)
{
  gsize s[] = { n };
  return strata_tensor_new (1, s);
}

StrataTensor *
strata_tensor_new_2d (gsize n,
                      gsize d1)
{
  gsize s[] = { n, d1 };
  return strata_tensor_new (2, s);
}

StrataTensor *
strata_tensor_new_3d (gsize n,
                      gsize d1,
                      gsize d2)
{
  gsize s[] = { n, d1, d2 };
  return strata_tensor_new (3, s);
}

StrataTensor *
strata_tensor_new_4d (gsize n,
                      gsize d1,
                      gsize d2,
                      gsize d3)
{
  gsize s[] = { n, d1, d2, d3 };
  return strata_tensor_new (4, s);
}

StrataTensor *
strata_tensor_dup (const StrataTensor *t)
{
  StrataTensor *copy = strata_tensor_new (t->ndim, t->shape);

  memcpy (copy->data, t->data, t->size * sizeof (float));
  return copy;
}

void
strata_tensor_free (StrataTensor *t)
{
  if (t == NULL)
    return;
  if (t->owns_data)
    strata_aligned_free (t->data);
  g_free (t);
}

gsize
strata_tensor_sample_size (const StrataTensor *t)
{
  gsize n = 1;

  for (guint i = 1; i < t->ndim; i++)
    n *= t->shape[i];
  return n;
}

StrataShape
strata_tensor_sample_shape (const StrataTensor *t)
{
  StrataShape s = { 0, { 1, 1, 1 } };

  if (t->ndim == 1)
    return strata_shape_1d (1);
  s.ndim = t->ndim - 1;
  for (guint i = 1; i < t->ndim; i++)
    s.dim[i - 1] = t->shape[i];
  return s;
}

void
strata_tensor_set_batch (StrataTensor *t,
                         gsize         n)
{
  g_return_if_fail (n <= t->capacity);

  t->shape[0] = n;
  t->size = n * strata_tensor_sample_size (t);
}

void
strata_tensor_zero (StrataTensor *t)
{
  memset (t->data, 0, t->size * sizeof (float));
}

void
strata_tensor_copy (StrataTensor       *dst,
                    const StrataTensor *src)
{
  g_return_if_fail (dst->size == src->size);
  memcpy (dst->data, src->data, src->size * sizeof (float));
}

void
strata_tensor_gather (StrataTensor       *dst,
                      const StrataTensor *src,
                      const gsize        *rows,
                      gsize               n)
{
  gsize m = strata_tensor_sample_size (src);

  g_return_if_fail (strata_tensor_sample_size (dst) == m);
  strata_tensor_set_batch (dst, n);
  for (gsize i = 0; i < n; i++)
    memcpy (dst->data + i * m, src->data + rows[i] * m, m * sizeof (float));
}

float
strata_tensor_max_abs_diff (const StrataTensor *a,
                            const StrataTensor *b)
{
  float worst = 0.0f;

  g_return_val_if_fail (a->size == b->size, INFINITY);
  for (gsize i = 0; i < a->size; i++)
    {
      float d = fabsf (a->data[i] - b->data[i]);
      if (!(d <= worst))
        worst = isnan (d) ? INFINITY : d;
    }
  return worst;
}
