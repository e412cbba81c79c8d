/* strata-tree-view.h — a decision tree drawn as a diagram
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * StrataTreeView draws a fitted StrataTree (strata-tree.h) top-down in a
 * Reingold–Tilford layout (strata-tree-layout.h). Each node is a card with
 * its split ("petal_length ≤ 2.45", categorical "colour ∈ {red, blue}"),
 * samples, impurity under the tree's criterion and, for a classifier, a bar
 * of its class distribution (a regression node shows its mean value); a
 * leaf names its prediction. The left edge of a split is the "yes" branch.
 *
 * Input: drag to pan, scroll to pan, Ctrl+scroll or pinch to zoom, click a
 * node to select it (the path from the root to it is highlighted), click
 * the round toggle under a node to collapse or expand its subtree. Keys:
 * arrows move the selection (Up parent, Down left child, Left/Right the
 * neighbour on the same level), Space or Enter folds/unfolds, + and −
 * zoom, 0 fits the tree to the view, Home selects the root. The widget's
 * accessible description is the selected node's description
 * (strata_tree_view_dup_node_description()).
 *
 * Colours are libadwaita's (light and dark styles); classes use GNOME's
 * palette (strata-view-style.h).
 */

#pragma once

#include <gtk/gtk.h>

#include "strata-tree.h"

G_BEGIN_DECLS

#define STRATA_TYPE_TREE_VIEW (strata_tree_view_get_type ())
G_DECLARE_FINAL_TYPE (StrataTreeView, strata_tree_view, STRATA, TREE_VIEW, GtkWidget)

GtkWidget  *strata_tree_view_new             (void);

/* The tree shown (transfer none: the view takes its own reference), or
 * NULL for none. Resets selection, folding and the view (fitted at the next
 * allocation). */
void        strata_tree_view_set_tree        (StrataTreeView  *self,
                                              StrataTree      *tree);
StrataTree *strata_tree_view_get_tree        (StrataTreeView  *self);

/* Selection: a node index (preorder, 0 = root) or -1. Selecting a node
 * hidden under a folded ancestor unfolds its ancestors. Emits
 * "node-selected" (int node) when it changes. */
int         strata_tree_view_get_selected    (StrataTreeView  *self);
void        strata_tree_view_select          (StrataTreeView  *self,
                                              int              node);
/* Whether @node lies on the highlighted path from the root to the selected
 * node (the selected node included). */
gboolean    strata_tree_view_is_on_path      (StrataTreeView  *self,
                                              guint            node);
/* Parent of @node, -1 for the root. */
int         strata_tree_view_get_parent      (StrataTreeView  *self,
                                              guint            node);

/* Folding. Folding a leaf does nothing. Emits "node-toggled". */
void        strata_tree_view_set_collapsed   (StrataTreeView  *self,
                                              guint            node,
                                              gboolean         collapsed);
gboolean    strata_tree_view_get_collapsed   (StrataTreeView  *self,
                                              guint            node);
/* Whether @node is drawn (no folded ancestor). */
gboolean    strata_tree_view_is_node_visible (StrataTreeView  *self,
                                              guint            node);

/* Geometry, in widget coordinates at the current zoom and pan. FALSE for a
 * hidden node. */
gboolean    strata_tree_view_get_node_bounds (StrataTreeView  *self,
                                              guint            node,
                                              graphene_rect_t *bounds);
/* Centre of @node's fold toggle (internal, visible nodes only). */
gboolean    strata_tree_view_get_toggle_center (StrataTreeView *self,
                                                guint           node,
                                                graphene_point_t *center);
/* The visible node whose card contains (@x, @y), or -1. */
int         strata_tree_view_node_at         (StrataTreeView  *self,
                                              double           x,
                                              double           y);

/* View: zoom is the scale (1 = natural size, 0.05–4). */
double      strata_tree_view_get_zoom        (StrataTreeView  *self);
/* Multiplies the zoom by @factor keeping the point (@x, @y) in place. */
void        strata_tree_view_zoom_at         (StrataTreeView  *self,
                                              double           factor,
                                              double           x,
                                              double           y);
void        strata_tree_view_pan             (StrataTreeView  *self,
                                              double           dx,
                                              double           dy);
/* Fits the whole (unfolded part of the) tree in the widget, at most 1:1. */
void        strata_tree_view_fit             (StrataTreeView  *self);

/* One sentence describing @node: its split or prediction, samples,
 * impurity and class counts or value (transfer full). */
char       *strata_tree_view_dup_node_description (StrataTreeView *self,
                                                   guint           node);

G_END_DECLS
