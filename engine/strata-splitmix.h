/* strata-splitmix.h — a tiny seeded random generator (SplitMix64)
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SplitMix64 (Steele, Lea & Flood, "Fast splittable pseudorandom number
 * generators", OOPSLA 2014): one 64-bit word of state, owned by the caller,
 * so results depend only on the seed and never on global state or threads.
 * Good enough for shuffles and feature draws; not for cryptography.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Advances @state and returns the next 64 random bits. */
static inline guint64
strata_splitmix_next (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

/* A uniform integer in [0, @bound), @bound > 0 (Lemire's multiply-shift;
 * the bias is below 2^-32 for bounds under 2^32). */
static inline guint64
strata_splitmix_below (guint64 *state,
                       guint64  bound)
{
  return (guint64) (((unsigned __int128) strata_splitmix_next (state) * bound) >> 64);
}

/* Fisher–Yates shuffle of @n guints. */
static inline void
strata_splitmix_shuffle (guint64 *state,
                         guint   *items,
                         gsize    n)
{
  for (gsize i = n; i > 1; i--)
    {
      gsize j = strata_splitmix_below (state, i);
      guint t = items[i - 1];

      items[i - 1] = items[j];
      items[j] = t;
    }
}

G_END_DECLS
