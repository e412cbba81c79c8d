/* strata-tree-view-private.h — shared by strata-tree-view*.c only
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "strata-tree-view.h"

G_BEGIN_DECLS

/* Geometry at zoom 1, in pixels ("world" units). */
#define TREE_NODE_WIDTH   176.0
#define TREE_NODE_HEIGHT   88.0
#define TREE_LEVEL_GAP     56.0
#define TREE_NODE_GAP      20.0
#define TREE_MARGIN        24.0
#define TREE_TOGGLE_RADIUS  9.0

struct _StrataTreeView
{
  GtkWidget   parent_instance;

  /* The model (owned) and arrays derived from it, [n_nodes] each (owned). */
  StrataTree *tree;
  guint       n_nodes;
  int        *left, *right, *parent;
  gboolean   *collapsed;
  double     *x;                 /* layout centre in slots, NAN if hidden */
  guint      *depth;
  double      layout_width;      /* slots */
  guint       layout_depth;      /* deepest visible level */

  int         selected;          /* node or -1 */

  /* View: widget = world · zoom + (ox, oy). */
  double      zoom, ox, oy;
  gboolean    fit_pending;

  /* Gesture state. */
  double      drag_ox, drag_oy;  /* pan offset when the drag began */
  double      pinch_zoom;        /* zoom when the pinch began */
  double      pointer_x, pointer_y;
};

/* World rectangle of a visible node's card. */
void strata_tree_view_world_rect (StrataTreeView  *self,
                                  guint            node,
                                  graphene_rect_t *rect);
/* World size of the whole drawing. */
void strata_tree_view_world_size (StrataTreeView  *self,
                                  double          *width,
                                  double          *height);
/* The split text of internal @node, e.g. "petal_length ≤ 2.45" (transfer
 * full). */
char *strata_tree_view_dup_split (StrataTreeView *self,
                                  guint           node);
/* Index of the class a node predicts (argmax, lowest on ties). */
guint strata_tree_view_node_class (StrataTreeView *self,
                                   guint           node);

/* strata-tree-view-draw.c: draws the diagram on @cr in widget coordinates. */
void strata_tree_view_draw (StrataTreeView *self,
                            cairo_t        *cr,
                            int             width,
                            int             height);

G_END_DECLS
