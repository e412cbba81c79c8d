/* strata-tree-view.c — a decision tree drawn as a diagram
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * The view copies the tree's shape (children, parents) into arrays when
 * the tree is set and lays out only the visible part, again after every
 * fold or unfold (strata-tree-layout.c: O(n · depth), microseconds for the
 * trees people read). Positions are kept in "world" pixels at zoom 1; the
 * view is a scale and an offset, so panning and zooming never re-lay out.
 * Drawing (strata-tree-view-draw.c) is one cairo node per frame that skips
 * the cards outside the widget.
 *
 * Input is a set of controllers: a click gesture (select, fold), a drag
 * gesture (pan), a zoom gesture (pinch), a scroll controller (pan, or zoom
 * with Ctrl), a motion controller (the point Ctrl+scroll zooms around) and
 * a key controller (navigation). A click that moved further than the drag
 * threshold is a pan, not a click: GtkGestureClick cancels itself then.
 */

#include "config.h"

#include <math.h>

#include "strata-tree-layout.h"
#include "strata-tree-view-private.h"

G_DEFINE_FINAL_TYPE (StrataTreeView, strata_tree_view, GTK_TYPE_WIDGET)

enum {
  SIGNAL_NODE_SELECTED,
  SIGNAL_NODE_TOGGLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define MIN_ZOOM 0.05
#define MAX_ZOOM 4.0

/* Model ------------------------------------------------------------------------- */

static void
free_arrays (StrataTreeView *self)
{
  g_clear_pointer (&self->left, g_free);
  g_clear_pointer (&self->right, g_free);
  g_clear_pointer (&self->parent, g_free);
  g_clear_pointer (&self->collapsed, g_free);
  g_clear_pointer (&self->x, g_free);
  g_clear_pointer (&self->depth, g_free);
  self->n_nodes = 0;
}

static void
relayout (StrataTreeView *self)
{
  self->layout_depth = 0;
  if (self->n_nodes == 0)
    return;
  self->layout_width = strata_tree_layout_compute (self->n_nodes, self->left, self->right,
                                                   self->collapsed, 1.0, self->x,
                                                   self->depth);
  for (guint i = 0; i < self->n_nodes; i++)
    if (!isnan (self->x[i]))
      self->layout_depth = MAX (self->layout_depth, self->depth[i]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
strata_tree_view_world_rect (StrataTreeView  *self,
                             guint            node,
                             graphene_rect_t *rect)
{
  double cx = TREE_MARGIN + TREE_NODE_WIDTH / 2
            + self->x[node] * (TREE_NODE_WIDTH + TREE_NODE_GAP);
  double top = TREE_MARGIN + self->depth[node] * (TREE_NODE_HEIGHT + TREE_LEVEL_GAP);

  graphene_rect_init (rect, cx - TREE_NODE_WIDTH / 2, top, TREE_NODE_WIDTH, TREE_NODE_HEIGHT);
}

void
strata_tree_view_world_size (StrataTreeView *self,
                             double         *width,
                             double         *height)
{
  *width = 2 * TREE_MARGIN + TREE_NODE_WIDTH
         + self->layout_width * (TREE_NODE_WIDTH + TREE_NODE_GAP);
  *height = 2 * TREE_MARGIN + (self->layout_depth + 1) * TREE_NODE_HEIGHT
          + self->layout_depth * TREE_LEVEL_GAP + TREE_TOGGLE_RADIUS;
}

guint
strata_tree_view_node_class (StrataTreeView *self,
                             guint           node)
{
  const double *value = strata_tree_get_node_value (self->tree, node);
  guint n = strata_tree_get_n_classes (self->tree), best = 0;

  for (guint c = 1; c < n; c++)
    if (value[c] > value[best])
      best = c;
  return best;
}

char *
strata_tree_view_dup_split (StrataTreeView *self,
                            guint           node)
{
  StrataTreeNode n;
  const char *name;
  const char *const *categories;
  GString *s;
  guint shown = 0;

  strata_tree_get_node (self->tree, node, &n);
  g_return_val_if_fail (n.feature >= 0, NULL);
  name = strata_tree_get_feature_name (self->tree, n.feature);
  if (!n.categorical)
    return g_strdup_printf ("%s ≤ %.4g", name, n.threshold);

  s = g_string_new (name);
  g_string_append (s, " ∈ {");
  categories = strata_tree_get_feature_categories (self->tree, n.feature);
  for (guint c = 0; categories != NULL && categories[c] != NULL; c++)
    if (strata_tree_node_category_left (self->tree, node, c))
      g_string_append_printf (s, "%s%s", shown++ > 0 ? ", " : "", categories[c]);
  g_string_append (s, "}");
  return g_string_free (s, FALSE);
}

char *
strata_tree_view_dup_node_description (StrataTreeView *self,
                                       guint           node)
{
  StrataTreeNode n;
  GString *s;
  const double *value;

  g_return_val_if_fail (STRATA_IS_TREE_VIEW (self), NULL);
  g_return_val_if_fail (node < self->n_nodes, NULL);

  strata_tree_get_node (self->tree, node, &n);
  value = strata_tree_get_node_value (self->tree, node);
  s = g_string_new (NULL);
  g_string_append_printf (s, "Node %u, depth %u. ", node, self->depth[node]);
  if (n.feature >= 0)
    {
      g_autofree char *split = strata_tree_view_dup_split (self, node);

      g_string_append_printf (s, "Split %s%s. ", split,
                              self->collapsed[node] ? " (folded)" : "");
    }
  else if (strata_tree_is_classifier (self->tree))
    g_string_append_printf (s, "Leaf predicting %s. ",
                            strata_tree_get_class (self->tree,
                                                   strata_tree_view_node_class (self, node)));
  else
    g_string_append_printf (s, "Leaf predicting %.4g. ", value[0]);
  g_string_append_printf (s, "%" G_GSIZE_FORMAT " samples, %s %.3f",
                          n.n_samples,
                          strata_tree_criterion_to_string (strata_tree_get_criterion (self->tree)),
                          n.impurity);
  if (strata_tree_is_classifier (self->tree))
    {
      g_string_append (s, ", classes");
      for (guint c = 0; c < strata_tree_get_n_classes (self->tree); c++)
        g_string_append_printf (s, "%s %s %g", c > 0 ? "," : "",
                                strata_tree_get_class (self->tree, c), value[c]);
    }
  else if (n.feature >= 0)
    g_string_append_printf (s, ", mean %.4g", value[0]);
  g_string_append (s, ".");
  return g_string_free (s, FALSE);
}

static void
update_accessible (StrataTreeView *self)
{
  g_autofree char *text = NULL;

  if (self->selected >= 0)
    text = strata_tree_view_dup_node_description (self, self->selected);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text != NULL ? text : "No node selected",
                                  -1);
}

void
strata_tree_view_set_tree (StrataTreeView *self,
                           StrataTree     *tree)
{
  g_return_if_fail (STRATA_IS_TREE_VIEW (self));

  if (tree != NULL)
    strata_tree_ref (tree);
  g_clear_pointer (&self->tree, strata_tree_unref);
  free_arrays (self);
  self->tree = tree;
  self->selected = -1;
  self->fit_pending = TRUE;

  if (tree != NULL)
    {
      guint n = strata_tree_get_n_nodes (tree);

      self->n_nodes = n;
      self->left = g_new (int, n);
      self->right = g_new (int, n);
      self->parent = g_new (int, n);
      self->collapsed = g_new0 (gboolean, n);
      self->x = g_new (double, n);
      self->depth = g_new0 (guint, n);
      for (guint i = 0; i < n; i++)
        self->parent[i] = -1;
      for (guint i = 0; i < n; i++)
        {
          StrataTreeNode node;

          strata_tree_get_node (tree, i, &node);
          self->left[i] = node.left;
          self->right[i] = node.right;
          if (node.left >= 0)
            self->parent[node.left] = i;
          if (node.right >= 0)
            self->parent[node.right] = i;
        }
      relayout (self);
    }
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

StrataTree *
strata_tree_view_get_tree (StrataTreeView *self)
{
  g_return_val_if_fail (STRATA_IS_TREE_VIEW (self), NULL);
  return self->tree;
}

/* Selection and folding ------------------------------------------------------------- */

int
strata_tree_view_get_selected (StrataTreeView *self)
{
  g_return_val_if_fail (STRATA_IS_TREE_VIEW (self), -1);
  return self->selected;
}

int
strata_tree_view_get_parent (StrataTreeView *self,
                             guint           node)
{
  g_return_val_if_fail (STRATA_IS_TREE_VIEW (self), -1);
  g_return_val_if_fail (node < self->n_nodes, -1);
  return self->parent[node];
}

gboolean
strata_tree_view_is_node_visible (StrataTreeView *self,
                                  guint           node)
{
  g_return_val_if_fail (STRATA_IS_TREE_VIEW (self), FALSE);
  g_return_val_if_fail (node < self->n_nodes, FALSE);
  return !isnan (self->x[node]);
}

gboolean
strata_tree_view_is_on_path (StrataTreeView *self,
                             guint           node)
{
  g_return_val_if_fail (STRATA_IS_TREE_VIEW (self), FALSE);

  for (int i = self->selected; i >= 0; i = self->parent[i])
    if ((guint) i == node)
      return TRUE;
  return FALSE;
}

/* Moves the view the least needed to show @node's card whole. */
static void
scroll_to_node (StrataTreeView *self,
                guint           node)
{
  int w = gtk_widget_get_width (GTK_WIDGET (self));
  int h = gtk_widget_get_height (GTK_WIDGET (self));
  graphene_rect_t r;

  if (self->fit_pending || w <= 0 || h <= 0
      || !strata_tree_view_get_node_bounds (self, node, &r))
    return;
  if (r.origin.x < 0)
    self->ox -= r.origin.x - 8;
  else if (r.origin.x + r.size.width > w)
    self->ox -= r.origin.x + r.size.width - w + 8;
  if (r.origin.y < 0)
    self->oy -= r.origin.y - 8;
  else if (r.origin.y + r.size.height > h)
    self->oy -= r.origin.y + r.size.height - h + 8;
}

void
strata_tree_view_select (StrataTreeView *self,
                         int             node)
{
  gboolean unfolded = FALSE;

  g_return_if_fail (STRATA_IS_TREE_VIEW (self));
  g_return_if_fail (node >= -1 && node < (int) self->n_nodes);

  if (node == self->selected)
    return;
  if (node >= 0)
    for (int p = self->parent[node]; p >= 0; p = self->parent[p])
      if (self->collapsed[p])
        {
          self->collapsed[p] = FALSE;
          unfolded = TRUE;
        }
  if (unfolded)
    relayout (self);
  self->selected = node;
  if (node >= 0)
    scroll_to_node (self, node);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[SIGNAL_NODE_SELECTED], 0, node);
}

gboolean
strata_tree_view_get_collapsed (StrataTreeView *self,
                                guint           node)
{
  g_return_val_if_fail (STRATA_IS_TREE_VIEW (self), FALSE);
  g_return_val_if_fail (node < self->n_nodes, FALSE);
  return self->collapsed[node];
}

void
strata_tree_view_set_collapsed (StrataTreeView *self,
                                guint           node,
                                gboolean        collapsed)
{
  g_return_if_fail (STRATA_IS_TREE_VIEW (self));
  g_return_if_fail (node < self->n_nodes);

  collapsed = !!collapsed;
  if (self->left[node] < 0 && self->right[node] < 0)
    return;
  if (self->collapsed[node] == collapsed)
    return;
  self->collapsed[node] = collapsed;
  relayout (self);
  /* A selection inside the folded subtree moves up to the folded node. */
  if (collapsed && self->selected >= 0 && isnan (self->x[self->selected]))
    strata_tree_view_select (self, node);
  update_accessible (self);
  g_signal_emit (self, signals[SIGNAL_NODE_TOGGLED], 0, (int) node, collapsed);
}

/* Geometry ---------------------------------------------------------------------------- */

gboolean
strata_tree_view_get_node_bounds (StrataTreeView  *self,
                                  guint            node,
                                  graphene_rect_t *bounds)
{
  graphene_rect_t r;

  g_return_val_if_fail (STRATA_IS_TREE_VIEW (self), FALSE);
  g_return_val_if_fail (node < self->n_nodes, FALSE);

  if (isnan (self->x[node]))
    return FALSE;
  strata_tree_view_world_rect (self, node, &r);
  graphene_rect_init (bounds, r.origin.x * self->zoom + self->ox,
                      r.origin.y * self->zoom + self->oy,
                      r.size.width * self->zoom, r.size.height * self->zoom);
  return TRUE;
}

gboolean
strata_tree_view_get_toggle_center (StrataTreeView   *self,
                                    guint             node,
                                    graphene_point_t *center)
{
  graphene_rect_t r;

  g_return_val_if_fail (STRATA_IS_TREE_VIEW (self), FALSE);
  g_return_val_if_fail (node < self->n_nodes, FALSE);

  if (self->left[node] < 0 && self->right[node] < 0)
    return FALSE;
  if (!strata_tree_view_get_node_bounds (self, node, &r))
    return FALSE;
  graphene_point_init (center, r.origin.x + r.size.width / 2, r.origin.y + r.size.height);
  return TRUE;
}

int
strata_tree_view_node_at (StrataTreeView *self,
                          double          x,
                          double          y)
{
  g_return_val_if_fail (STRATA_IS_TREE_VIEW (self), -1);

  for (guint i = 0; i < self->n_nodes; i++)
    {
      graphene_rect_t r;

      if (strata_tree_view_get_node_bounds (self, i, &r)
          && graphene_rect_contains_point (&r, &GRAPHENE_POINT_INIT (x, y)))
        return i;
    }
  return -1;
}

/* The internal node whose fold toggle is under (@x, @y), or -1. */
static int
toggle_at (StrataTreeView *self,
           double          x,
           double          y)
{
  double radius = MAX (TREE_TOGGLE_RADIUS * self->zoom, 6.0);

  for (guint i = 0; i < self->n_nodes; i++)
    {
      graphene_point_t c;

      if (strata_tree_view_get_toggle_center (self, i, &c)
          && hypot (c.x - x, c.y - y) <= radius)
        return i;
    }
  return -1;
}

/* View ------------------------------------------------------------------------------- */

double
strata_tree_view_get_zoom (StrataTreeView *self)
{
  g_return_val_if_fail (STRATA_IS_TREE_VIEW (self), 1);
  return self->zoom;
}

static void
set_zoom_at (StrataTreeView *self,
             double          zoom,
             double          x,
             double          y)
{
  zoom = CLAMP (zoom, MIN_ZOOM, MAX_ZOOM);
  /* Keep the world point under (x, y) there. */
  self->ox = x - (x - self->ox) * zoom / self->zoom;
  self->oy = y - (y - self->oy) * zoom / self->zoom;
  self->zoom = zoom;
  self->fit_pending = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
strata_tree_view_zoom_at (StrataTreeView *self,
                          double          factor,
                          double          x,
                          double          y)
{
  g_return_if_fail (STRATA_IS_TREE_VIEW (self));
  g_return_if_fail (factor > 0);
  set_zoom_at (self, self->zoom * factor, x, y);
}

void
strata_tree_view_pan (StrataTreeView *self,
                      double          dx,
                      double          dy)
{
  g_return_if_fail (STRATA_IS_TREE_VIEW (self));
  self->ox += dx;
  self->oy += dy;
  self->fit_pending = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Fits the drawing without queueing a redraw (also called while drawing). */
static void
fit_view (StrataTreeView *self)
{
  int w = gtk_widget_get_width (GTK_WIDGET (self));
  int h = gtk_widget_get_height (GTK_WIDGET (self));
  double ww, wh;

  if (w <= 0 || h <= 0 || self->tree == NULL)
    {
      self->fit_pending = TRUE;
      return;
    }
  strata_tree_view_world_size (self, &ww, &wh);
  self->zoom = CLAMP (MIN (w / ww, h / wh), MIN_ZOOM, 1.0);
  self->ox = (w - ww * self->zoom) / 2;
  self->oy = MAX (0, (h - wh * self->zoom) / 2);
  self->fit_pending = FALSE;
}

void
strata_tree_view_fit (StrataTreeView *self)
{
  g_return_if_fail (STRATA_IS_TREE_VIEW (self));
  fit_view (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Input -------------------------------------------------------------------------------- */

static void
click_released (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                StrataTreeView  *self)
{
  int node;

  if (self->tree == NULL)
    return;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  node = toggle_at (self, x, y);
  if (node >= 0)
    {
      strata_tree_view_set_collapsed (self, node, !self->collapsed[node]);
      return;
    }
  node = strata_tree_view_node_at (self, x, y);
  if (node >= 0 && n_press == 2 && (self->left[node] >= 0))
    strata_tree_view_set_collapsed (self, node, !self->collapsed[node]);
  else
    strata_tree_view_select (self, node);
}

static void
drag_begin (GtkGestureDrag *gesture,
            double          x,
            double          y,
            StrataTreeView *self)
{
  self->drag_ox = self->ox;
  self->drag_oy = self->oy;
}

static void
drag_update (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             StrataTreeView *self)
{
  self->ox = self->drag_ox + dx;
  self->oy = self->drag_oy + dy;
  self->fit_pending = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
pinch_begin (GtkGesture       *gesture,
             GdkEventSequence *sequence,
             StrataTreeView   *self)
{
  self->pinch_zoom = self->zoom;
}

static void
pinch_scale_changed (GtkGestureZoom *gesture,
                     double          scale,
                     StrataTreeView *self)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    {
      x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }
  set_zoom_at (self, self->pinch_zoom * scale, x, y);
}

static void
pointer_motion (GtkEventControllerMotion *motion,
                double                    x,
                double                    y,
                StrataTreeView           *self)
{
  self->pointer_x = x;
  self->pointer_y = y;
}

static gboolean
scrolled (GtkEventControllerScroll *scroll,
          double                    dx,
          double                    dy,
          StrataTreeView           *self)
{
  GdkModifierType state =
    gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (scroll));

  if (state & GDK_CONTROL_MASK)
    set_zoom_at (self, self->zoom * pow (1.1, -dy), self->pointer_x, self->pointer_y);
  else if (state & GDK_SHIFT_MASK)
    strata_tree_view_pan (self, -dy * 40, 0);
  else
    strata_tree_view_pan (self, -dx * 40, -dy * 40);
  return TRUE;
}

/* The visible node on @node's level nearest to its left (@step -1) or
 * right (+1), or -1. */
static int
level_neighbour (StrataTreeView *self,
                 guint           node,
                 int             step)
{
  int best = -1;

  for (guint i = 0; i < self->n_nodes; i++)
    {
      double d;

      if (isnan (self->x[i]) || self->depth[i] != self->depth[node] || i == node)
        continue;
      d = (self->x[i] - self->x[node]) * step;
      if (d > 0 && (best < 0 || d < (self->x[best] - self->x[node]) * step))
        best = i;
    }
  return best;
}

static gboolean
key_pressed (GtkEventControllerKey *keys,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state,
             StrataTreeView        *self)
{
  int w = gtk_widget_get_width (GTK_WIDGET (self));
  int h = gtk_widget_get_height (GTK_WIDGET (self));
  int sel = self->selected, next = -2;

  if (self->tree == NULL)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_plus:
    case GDK_KEY_equal:
    case GDK_KEY_KP_Add:
      strata_tree_view_zoom_at (self, 1.25, w / 2.0, h / 2.0);
      return TRUE;
    case GDK_KEY_minus:
    case GDK_KEY_KP_Subtract:
      strata_tree_view_zoom_at (self, 0.8, w / 2.0, h / 2.0);
      return TRUE;
    case GDK_KEY_0:
    case GDK_KEY_KP_0:
      strata_tree_view_fit (self);
      return TRUE;
    case GDK_KEY_Home:
      next = 0;
      break;
    case GDK_KEY_Up:
      next = sel < 0 ? 0 : MAX (self->parent[sel], 0);
      break;
    case GDK_KEY_Down:
      if (sel < 0)
        next = 0;
      else if (self->left[sel] >= 0 && !self->collapsed[sel])
        next = self->left[sel];
      break;
    case GDK_KEY_Left:
    case GDK_KEY_Right:
      if (sel < 0)
        next = 0;
      else
        next = level_neighbour (self, sel, keyval == GDK_KEY_Left ? -1 : 1);
      break;
    case GDK_KEY_space:
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
      if (sel >= 0)
        strata_tree_view_set_collapsed (self, sel, !self->collapsed[sel]);
      return TRUE;
    case GDK_KEY_Escape:
      next = -1;
      break;
    default:
      return FALSE;
    }
  if (next >= -1)
    strata_tree_view_select (self, next);
  return TRUE;
}

/* The description of the node under the pointer: the full text of a
 * split the card shortens. */
static gboolean
query_tooltip (GtkWidget  *widget,
               int         x,
               int         y,
               gboolean    keyboard,
               GtkTooltip *tooltip,
               gpointer    data)
{
  StrataTreeView *self = STRATA_TREE_VIEW (widget);
  g_autofree char *text = NULL;
  int node;

  if (keyboard)
    node = self->selected;
  else
    node = strata_tree_view_node_at (self, x, y);
  if (node < 0)
    return FALSE;
  text = strata_tree_view_dup_node_description (self, node);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* Widget ------------------------------------------------------------------------------ */

static void
strata_tree_view_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  StrataTreeView *self = STRATA_TREE_VIEW (widget);
  int w = gtk_widget_get_width (widget);
  int h = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (w <= 0 || h <= 0)
    return;
  if (self->fit_pending)
    fit_view (self);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  strata_tree_view_draw (self, cr, w, h);
  cairo_destroy (cr);
}

static void
strata_tree_view_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  StrataTreeView *self = STRATA_TREE_VIEW (widget);

  if (self->fit_pending)
    fit_view (self);
}

static void
strata_tree_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  *minimum = 120;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 720 : 480;
}

static void
strata_tree_view_css_changed (GtkWidget         *widget,
                              GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (strata_tree_view_parent_class)->css_changed (widget, change);
  gtk_widget_queue_draw (widget);
}

static void
strata_tree_view_finalize (GObject *object)
{
  StrataTreeView *self = STRATA_TREE_VIEW (object);

  g_clear_pointer (&self->tree, strata_tree_unref);
  free_arrays (self);
  G_OBJECT_CLASS (strata_tree_view_parent_class)->finalize (object);
}

static void
strata_tree_view_class_init (StrataTreeViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = strata_tree_view_finalize;
  widget_class->snapshot = strata_tree_view_snapshot;
  widget_class->size_allocate = strata_tree_view_size_allocate;
  widget_class->measure = strata_tree_view_measure;
  widget_class->css_changed = strata_tree_view_css_changed;

  /**
   * StrataTreeView::node-selected:
   * @node: the selected node, or -1
   */
  signals[SIGNAL_NODE_SELECTED] =
    g_signal_new ("node-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  /**
   * StrataTreeView::node-toggled:
   * @node: the node folded or unfolded
   * @collapsed: whether it is now folded
   */
  signals[SIGNAL_NODE_TOGGLED] =
    g_signal_new ("node-toggled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_BOOLEAN);

  gtk_widget_class_set_css_name (widget_class, "treediagram");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
strata_tree_view_init (StrataTreeView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *pinch = gtk_gesture_zoom_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *scroll =
    gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->selected = -1;
  self->zoom = 1;
  self->fit_pending = TRUE;

  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_overflow (widget, GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_has_tooltip (widget, TRUE);
  g_signal_connect (widget, "query-tooltip", G_CALLBACK (query_tooltip), NULL);

  g_signal_connect (click, "released", G_CALLBACK (click_released), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (drag));
  g_signal_connect (pinch, "begin", G_CALLBACK (pinch_begin), self);
  g_signal_connect (pinch, "scale-changed", G_CALLBACK (pinch_scale_changed), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (pinch));
  g_signal_connect (motion, "motion", G_CALLBACK (pointer_motion), self);
  gtk_widget_add_controller (widget, motion);
  g_signal_connect (scroll, "scroll", G_CALLBACK (scrolled), self);
  gtk_widget_add_controller (widget, scroll);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed), self);
  gtk_widget_add_controller (widget, keys);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, "Decision tree diagram",
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "No node selected",
                                  -1);
}

GtkWidget *
strata_tree_view_new (void)
{
  return g_object_new (STRATA_TYPE_TREE_VIEW, NULL);
}
