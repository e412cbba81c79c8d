/* strata-tensor.h — float32 tensors for the neural-network engine
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A StrataTensor is a dense float32 array in row-major order with up to four
 * dimensions. By convention images are [N, C, H, W] and sequences [N, T, F];
 * dimension 0 is always the batch. The data is 64-byte aligned (one cache
 * line, one AVX-512 register) so that cblas_sgemm and the vectorised loops
 * read it at full speed.
 *
 * A tensor is single-owner (strata_tensor_free). It has a *capacity* in
 * samples fixed at allocation; strata_tensor_set_batch() changes the batch
 * dimension within that capacity without reallocating, which is how a network
 * reuses its activation buffers for the last, smaller mini-batch.
 *
 * A StrataShape describes one sample (no batch dimension): [C, H, W] for an
 * image, [T, F] for a sequence, [F] for a feature vector. Networks check
 * shapes once when they are built; the kernels then run without checks.
 *
 * Example:
 *
 *   g_autoptr(StrataTensor) x = strata_tensor_new_4d (64, 1, 28, 28);
 *   x->data[0] = 0.5f;
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define STRATA_TENSOR_MAX_DIMS 4
#define STRATA_TENSOR_ALIGN    64

/* The shape of one sample: @ndim in 1..3, dims beyond ndim are 1. */
typedef struct {
  guint ndim;
  gsize dim[STRATA_TENSOR_MAX_DIMS - 1];
} StrataShape;

/* Number of floats in one sample of @shape. */
gsize    strata_shape_size      (const StrataShape *shape);
gboolean strata_shape_equal     (const StrataShape *a,
                                 const StrataShape *b);
/* "[1, 28, 28]"; transfer full. */
char    *strata_shape_to_string (const StrataShape *shape);
/* Convenience constructors (dims must be ≥ 1). */
StrataShape strata_shape_1d     (gsize d0);
StrataShape strata_shape_2d     (gsize d0,
                                 gsize d1);
StrataShape strata_shape_3d     (gsize d0,
                                 gsize d1,
                                 gsize d2);

typedef struct {
  float *data;                          /* [size] floats, 64-byte aligned */
  guint  ndim;                          /* 1..4, dimension 0 is the batch */
  gsize  shape[STRATA_TENSOR_MAX_DIMS]; /* dims beyond ndim are 1 */
  gsize  size;                          /* floats in use: product of shape */
  gsize  capacity;                      /* samples the allocation holds */
  gboolean owns_data;                   /* FALSE for views */
} StrataTensor;

/* --- Construction --------------------------------------------------------- */

/* A zero-filled tensor of @ndim dims (1..4) given in @shape. Transfer full. */
StrataTensor *strata_tensor_new        (guint        ndim,
                                        const gsize *shape);
/* A zero-filled tensor of @n samples of @sample. Transfer full. */
StrataTensor *strata_tensor_new_batch  (gsize              n,
                                        const StrataShape *sample);
StrataTensor *strata_tensor_new_1d     (gsize n);
StrataTensor *strata_tensor_new_2d     (gsize n,
                                        gsize d1);
StrataTensor *strata_tensor_new_3d     (gsize n,
                                        gsize d1,
                                        gsize d2);
StrataTensor *strata_tensor_new_4d     (gsize n,
                                        gsize d1,
                                        gsize d2,
                                        gsize d3);
/* A deep copy (capacity = current batch). Transfer full. */
StrataTensor *strata_tensor_dup        (const StrataTensor *t);
void          strata_tensor_free       (StrataTensor *t);

/* --- Shape ---------------------------------------------------------------- */

/* Floats per sample (product of dims 1..ndim-1). */
gsize       strata_tensor_sample_size  (const StrataTensor *t);
/* The per-sample shape (dims 1..ndim-1; [1] for a 1-D tensor). */
StrataShape strata_tensor_sample_shape (const StrataTensor *t);
/* Sets the batch dimension to @n ≤ capacity; updates size. */
void        strata_tensor_set_batch    (StrataTensor *t,
                                        gsize         n);

/* --- Data ----------------------------------------------------------------- */

void  strata_tensor_zero       (StrataTensor *t);
/* Copies @src into @dst; same size required. */
void  strata_tensor_copy       (StrataTensor       *dst,
                                const StrataTensor *src);
/* Copies samples @rows[0..n) of @src into samples 0..n of @dst and sets
 * dst's batch to @n (gathering a mini-batch). Sample sizes must agree. */
void  strata_tensor_gather     (StrataTensor       *dst,
                                const StrataTensor *src,
                                const gsize        *rows,
                                gsize               n);
/* Largest |a - b| over all elements; same size required. */
float strata_tensor_max_abs_diff (const StrataTensor *a,
                                  const StrataTensor *b);

/* dst[i] += src[i] for i < n; the arrays must not overlap. Inline and in
 * blocks of 8 so that short rows (col2im adds rows of 8 floats) cost no
 * call and the default -O2 vectorizer turns the blocks into SIMD. */
static inline void
strata_floats_add (float       *restrict dst,
                   const float *restrict src,
                   gsize                 n)
{
  gsize i = 0;

  for (; i + 8 <= n; i += 8)
    for (gsize k = 0; k < 8; k++)
      dst[i + k] += src[i + k];
  for (; i < n; i++)
    dst[i] += src[i];
}

/* Aligned allocation used for every float buffer of the engine: 64-byte
 * aligned, zero-filled. Free with strata_aligned_free(). */
float *strata_aligned_floats   (gsize n);
void   strata_aligned_free     (float *p);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataTensor, strata_tensor_free)

G_END_DECLS
