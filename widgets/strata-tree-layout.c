/* strata-tree-layout.c — Reingold–Tilford layout of a binary tree
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * Nodes come in preorder, so every child has a larger index than its
 * parent: walking the indices downwards visits children before parents
 * (post-order without recursion, so a degenerate, very deep tree cannot
 * overflow the stack), and walking upwards visits parents first.
 *
 * Upward pass: every placed node gets the contour of its subtree, two
 * arrays indexed by relative depth holding the leftmost and rightmost
 * centre on that level, relative to the node. For two children the shift
 * between their roots is the smallest s ≥ separation with
 * right.left[d] + s − left.right[d] ≥ separation on every shared level d;
 * the children go to −s/2 and +s/2 and the parent's contour is the union.
 * A child's contour is freed once merged. Downward pass: absolute x =
 * parent's x + the child's offset. Finally everything is shifted so that
 * the leftmost centre is 0.
 */

#include "config.h"

#include <math.h>

#include "strata-tree-layout.h"

typedef struct
{
  guint   height;         /* levels below the node, 0 for a leaf */
  double *lo, *hi;        /* [height + 1] contour relative to the node */
} Contour;

static void
contour_init_leaf (Contour *c)
{
  c->height = 0;
  c->lo = g_new0 (double, 1);
  c->hi = g_new0 (double, 1);
}

static void
contour_clear (Contour *c)
{
  g_clear_pointer (&c->lo, g_free);
  g_clear_pointer (&c->hi, g_free);
}

/* The parent's contour from its children's, each moved by its offset. */
static void
contour_merge (Contour       *parent,
               const Contour *a,
               double         offset_a,
               const Contour *b,
               double         offset_b)
{
  guint h = MAX (a->height, b != NULL ? b->height : 0) + 1;

  parent->height = h;
  parent->lo = g_new (double, h + 1);
  parent->hi = g_new (double, h + 1);
  parent->lo[0] = parent->hi[0] = 0;
  for (guint d = 1; d <= h; d++)
    {
      double lo = INFINITY, hi = -INFINITY;

      if (d - 1 <= a->height)
        {
          lo = MIN (lo, a->lo[d - 1] + offset_a);
          hi = MAX (hi, a->hi[d - 1] + offset_a);
        }
      if (b != NULL && d - 1 <= b->height)
        {
          lo = MIN (lo, b->lo[d - 1] + offset_b);
          hi = MAX (hi, b->hi[d - 1] + offset_b);
        }
      parent->lo[d] = lo;
      parent->hi[d] = hi;
    }
}

double
strata_tree_layout_compute (guint           n_nodes,
                            const int      *left,
                            const int      *right,
                            const gboolean *collapsed,
                            double          separation,
                            double         *x,
                            guint          *depth)
{
  g_autofree Contour *contours = NULL;
  g_autofree double *offset = NULL;
  double min_x = INFINITY, max_x = -INFINITY;

  g_return_val_if_fail (n_nodes > 0 && left != NULL && right != NULL && x != NULL, 0);
  g_return_val_if_fail (separation > 0, 0);

  contours = g_new0 (Contour, n_nodes);
  offset = g_new0 (double, n_nodes);

  for (guint i = n_nodes; i-- > 0;)
    {
      int l = left[i], r = right[i];
      gboolean folded = collapsed != NULL && collapsed[i];

      g_assert (l < 0 || (guint) l > i);
      g_assert (r < 0 || (guint) r > i);
      if (folded || (l < 0 && r < 0))
        {
          /* Descendants of a folded node may hold contours: drop them. */
          contour_init_leaf (&contours[i]);
          continue;
        }
      if (l >= 0 && r >= 0)
        {
          const Contour *a = &contours[l], *b = &contours[r];
          guint shared = MIN (a->height, b->height);
          double s = separation;

          for (guint d = 0; d <= shared; d++)
            s = MAX (s, a->hi[d] - b->lo[d] + separation);
          offset[l] = -s / 2;
          offset[r] = s / 2;
          contour_merge (&contours[i], a, offset[l], b, offset[r]);
        }
      else
        {
          int only = l >= 0 ? l : r;

          offset[only] = 0;
          contour_merge (&contours[i], &contours[only], 0, NULL, 0);
        }
      if (l >= 0)
        contour_clear (&contours[l]);
      if (r >= 0)
        contour_clear (&contours[r]);
    }

  for (guint i = 0; i < n_nodes; i++)
    {
      contour_clear (&contours[i]);
      x[i] = NAN;
    }
  x[0] = 0;
  if (depth != NULL)
    depth[0] = 0;
  for (guint i = 0; i < n_nodes; i++)
    {
      int children[2] = { left[i], right[i] };

      if (isnan (x[i]) || (collapsed != NULL && collapsed[i]))
        continue;
      for (guint c = 0; c < 2; c++)
        if (children[c] >= 0)
          {
            x[children[c]] = x[i] + offset[children[c]];
            if (depth != NULL)
              depth[children[c]] = depth[i] + 1;
          }
    }

  for (guint i = 0; i < n_nodes; i++)
    if (!isnan (x[i]))
      {
        min_x = MIN (min_x, x[i]);
        max_x = MAX (max_x, x[i]);
      }
  for (guint i = 0; i < n_nodes; i++)
    if (!isnan (x[i]))
      x[i] -= min_x;
  return max_x - min_x;
}
