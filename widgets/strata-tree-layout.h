/* strata-tree-layout.h — tidy drawing of a binary tree
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reingold & Tilford, "Tidier Drawings of Trees" (IEEE TSE 7(2), 1981), for
 * binary trees: each subtree is laid out on its own, then the right subtree
 * is pushed against the left one level by level along their contours until
 * every level is at least @separation apart, and the parent is centred over
 * its two children. The result has no overlaps, every level is a horizontal
 * line, a parent sits exactly midway between its children and a subtree is
 * drawn the same wherever it appears. (Walker's 1990 refinement spreads the
 * inner subtrees of an n-ary node; with at most two children it changes
 * nothing.) Cost O(n · depth): each node merges contours as deep as its
 * subtree.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * strata_tree_layout_compute:
 * @n_nodes: nodes, numbered in preorder (a parent before its children, as
 *   StrataTree numbers them); node 0 is the root
 * @left: [n_nodes] left child or -1
 * @right: [n_nodes] right child or -1
 * @collapsed: (nullable): [n_nodes] TRUE where a node's subtree is folded:
 *   its descendants are not placed
 * @separation: least horizontal distance between the centres of two nodes
 *   on one level (> 0), in the caller's unit
 * @x: (out caller-allocates): [n_nodes] horizontal centre of every placed
 *   node, the leftmost at 0; NAN for a node hidden under a collapsed one
 * @depth: (out caller-allocates) (optional): [n_nodes] level (root 0)
 *
 * Returns: the width of the drawing (max x), 0 for a single node.
 */
double strata_tree_layout_compute (guint           n_nodes,
                                   const int      *left,
                                   const int      *right,
                                   const gboolean *collapsed,
                                   double          separation,
                                   double         *x,
                                   guint          *depth);

G_END_DECLS
