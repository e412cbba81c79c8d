/* strata-canvas-draw.c — the canvas's own drawing: grid, links, overlays
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * Cards draw themselves (they are child widgets); the canvas draws what
 * lies between and above them: a dot grid (one repeat node), the links,
 * the link being dragged and the rubber band.
 *
 * Links are curves drawn with cairo into one render node covering their
 * bounding box within the view, rebuilt only when a link, a position, the
 * selection, the scroll offset, the zoom or the size changed; otherwise the
 * cached node is reused, so a progress update of a running node costs one
 * card. While cards are dragged, the links touching them are drawn apart,
 * every frame, and the cached node keeps the others. Curves whose bounding
 * box misses the view are skipped. The link being dragged and the
 * rubber band are drawn on top, uncached. The selected link is drawn
 * wider over a halo in the accent colour; picking a link under the pointer
 * strokes each curve's path at the pick tolerance (cairo_in_stroke), so
 * what is hit is exactly what is drawn.
 *
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "strata-canvas-private.h"

#define GRID        24.0   /* canvas units between grid dots */
#define PICK_SLOP    6.0   /* view pixels either side of a link that hit it */

static const GdkRGBA accent = { 0.208f, 0.518f, 0.894f, 1 };

static void
link_curve (cairo_t *cr,
            double   x1,
            double   y1,
            double   x2,
            double   y2)
{
  double d = MAX (fabs (x2 - x1) / 2, 40.0);

  cairo_move_to (cr, x1, y1);
  cairo_curve_to (cr, x1 + d, y1, x2 - d, y2, x2, y2);
}

typedef struct {
  double  x1, y1, x2, y2;   /* view pixels */
  double  width;
  GdkRGBA color;
  gboolean selected;
} Curve;

/* The ends of @link in view pixels; FALSE if a port is missing. */
static gboolean
link_ends (StrataCanvas           *self,
           const StrataCanvasLink *link,
           Curve                  *c)
{
  double hvalue = gtk_adjustment_get_value (self->hadj);
  double vvalue = gtk_adjustment_get_value (self->vadj);
  double z = self->zoom;

  if (!strata_canvas_get_port_position (self, link->from_node, link->from_port,
                                        STRATA_CANVAS_PORT_OUTPUT, &c->x1, &c->y1)
      || !strata_canvas_get_port_position (self, link->to_node, link->to_port,
                                           STRATA_CANVAS_PORT_INPUT, &c->x2, &c->y2))
    return FALSE;
  c->x1 = c->x1 * z - hvalue; c->y1 = c->y1 * z - vvalue;
  c->x2 = c->x2 * z - hvalue; c->y2 = c->y2 * z - vvalue;
  return TRUE;
}

static gboolean
link_is_selected (StrataCanvas           *self,
                  const StrataCanvasLink *link)
{
  return self->link_node != NULL && g_str_equal (link->to_node, self->link_node)
         && g_str_equal (link->to_port, self->link_port);
}

gboolean
strata_canvas_pick_link (StrataCanvas  *self,
                         double         x,
                         double         y,
                         const char   **to_node,
                         const char   **to_port)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  GPtrArray *links;
  const StrataCanvasLink *hit = NULL;

  g_return_val_if_fail (STRATA_IS_CANVAS (self), FALSE);
  if (self->model == NULL)
    return FALSE;
  links = strata_canvas_model_get_links (self->model);
  surface = cairo_image_surface_create (CAIRO_FORMAT_A8, 1, 1);
  cr = cairo_create (surface);
  cairo_set_line_width (cr, 2 * PICK_SLOP);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (guint i = 0; i < links->len; i++)
    {
      const StrataCanvasLink *link = g_ptr_array_index (links, i);
      Curve c;

      if (!link_ends (self, link, &c))
        continue;
      cairo_new_path (cr);
      link_curve (cr, c.x1, c.y1, c.x2, c.y2);
      if (cairo_in_stroke (cr, x, y))
        hit = link;   /* later links are drawn on top */
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  if (hit == NULL)
    return FALSE;
  if (to_node != NULL)
    *to_node = hit->to_node;
  if (to_port != NULL)
    *to_port = hit->to_port;
  return TRUE;
}

/* Whether a link is redrawn every frame of a move drag (it touches a card
 * being moved) rather than kept in the cached drawing. */
static gboolean
link_is_moving (StrataCanvas           *self,
                const StrataCanvasLink *link)
{
  return self->drag == DRAG_MOVE
         && (g_hash_table_contains (self->selected, link->from_node)
             || g_hash_table_contains (self->selected, link->to_node));
}

/* Draws the links (@moving: only those touching moving cards; else all the
 * others) into a cairo node covering just their bounding box within the
 * view, or returns NULL when none is visible. */
static GskRenderNode *
strata_canvas_build_links (StrataCanvas *self,
                           double        width,
                           double        height,
                           gboolean      moving)
{
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GArray) curves = g_array_new (FALSE, FALSE, sizeof (Curve));
  GPtrArray *links = strata_canvas_model_get_links (self->model);
  double z = self->zoom;
  double bx0 = width, by0 = height, bx1 = 0, by1 = 0;
  cairo_t *cr;

  for (guint i = 0; i < links->len; i++)
    {
      const StrataCanvasLink *link = g_ptr_array_index (links, i);
      const StrataCanvasPort *port;
      gboolean hot;
      Curve c;
      double d, pad;

      if (link_is_moving (self, link) != moving)
        continue;
      if (self->detach_node != NULL && g_str_equal (link->to_node, self->detach_node)
          && g_str_equal (link->to_port, self->detach_port))
        continue;
      if (!link_ends (self, link, &c))
        continue;
      c.selected = link_is_selected (self, link);
      hot = c.selected || g_hash_table_contains (self->selected, link->from_node)
            || g_hash_table_contains (self->selected, link->to_node);
      c.width = (hot ? 3.5 : 2.25) * MAX (z, 0.5);

      /* A Bézier curve lies in the hull of its control points. */
      d = MAX (fabs (c.x2 - c.x1) / 2, 40.0);
      pad = c.width + (c.selected ? 4 : 0);
      if (MAX (c.x1 + d, c.x2) + pad < 0 || MIN (c.x1, c.x2 - d) - pad > width
          || MAX (c.y1, c.y2) + pad < 0 || MIN (c.y1, c.y2) - pad > height)
        continue;
      bx0 = MIN (bx0, MIN (c.x1, c.x2 - d) - pad);
      bx1 = MAX (bx1, MAX (c.x1 + d, c.x2) + pad);
      by0 = MIN (by0, MIN (c.y1, c.y2) - pad);
      by1 = MAX (by1, MAX (c.y1, c.y2) + pad);

      port = strata_canvas_node_find_port (strata_canvas_model_get_node (self->model, link->from_node),
                                           link->from_port, STRATA_CANVAS_PORT_OUTPUT, NULL);
      strata_canvas_get_kind_color (self, port->kind, &c.color);
      g_array_append_val (curves, c);
    }

  bx0 = floor (MAX (bx0, 0));
  by0 = floor (MAX (by0, 0));
  bx1 = ceil (MIN (bx1, width));
  by1 = ceil (MIN (by1, height));
  if (curves->len == 0 || bx1 <= bx0 || by1 <= by0)
    return NULL;

  snapshot = gtk_snapshot_new ();
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT ((float) bx0, (float) by0,
                                                                 (float) (bx1 - bx0), (float) (by1 - by0)));
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (guint i = 0; i < curves->len; i++)
    {
      const Curve *c = &g_array_index (curves, Curve, i);

      if (c->selected)
        {
          GdkRGBA halo = accent;

          halo.alpha = 0.4f;
          gdk_cairo_set_source_rgba (cr, &halo);
          cairo_set_line_width (cr, c->width + 8);
          link_curve (cr, c->x1, c->y1, c->x2, c->y2);
          cairo_stroke (cr);
        }
      gdk_cairo_set_source_rgba (cr, &c->color);
      cairo_set_line_width (cr, c->width);
      link_curve (cr, c->x1, c->y1, c->x2, c->y2);
      cairo_stroke (cr);
    }
  cairo_destroy (cr);
  return gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
}

/* The grid is one repeat node, kept while the size, zoom, scroll offset
 * and colour stay the same. Reusing the node is what keeps a card's
 * progress update from repainting the whole canvas: GTK compares a frame's
 * render nodes with the previous frame's, and a new repeat node counts as
 * changed over all its bounds. */
static void
strata_canvas_snapshot_grid (StrataCanvas *self,
                             GtkSnapshot  *snapshot,
                             double        width,
                             double        height)
{
  double step = GRID * self->zoom;
  double ox, oy;
  GdkRGBA dot;
  float key[8];

  if (step < 8)
    return;
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &dot);
  dot.alpha = 0.16f;
  ox = -fmod (gtk_adjustment_get_value (self->hadj), step);
  oy = -fmod (gtk_adjustment_get_value (self->vadj), step);
  if (ox > 0) ox -= step;
  if (oy > 0) oy -= step;
  key[0] = (float) width;
  key[1] = (float) height;
  key[2] = (float) step;
  key[3] = (float) ox;
  key[4] = (float) oy;
  key[5] = dot.red;
  key[6] = dot.green;
  key[7] = dot.blue;
  if (self->grid_node == NULL || memcmp (key, self->grid_key, sizeof key) != 0)
    {
      GtkSnapshot *grid = gtk_snapshot_new ();

      gtk_snapshot_push_repeat (grid, &GRAPHENE_RECT_INIT (0, 0, (float) width, (float) height),
                                &GRAPHENE_RECT_INIT ((float) ox, (float) oy, (float) step, (float) step));
      gtk_snapshot_append_color (grid, &dot, &GRAPHENE_RECT_INIT ((float) ox, (float) oy, 1.5f, 1.5f));
      gtk_snapshot_pop (grid);
      g_clear_pointer (&self->grid_node, gsk_render_node_unref);
      self->grid_node = gtk_snapshot_free_to_node (grid);
      memcpy (self->grid_key, key, sizeof key);
    }
  if (self->grid_node != NULL)
    gtk_snapshot_append_node (snapshot, self->grid_node);
}

static void
strata_canvas_snapshot_overlays (StrataCanvas *self,
                                 GtkSnapshot  *snapshot,
                                 double        width,
                                 double        height)
{
  if (self->link_source != NULL)
    {
      const StrataCanvasPort *port = strata_canvas_port_view_get_port (self->link_source);
      StrataCanvasNode *node = strata_canvas_node_view_get_node (strata_canvas_port_view_get_node_view (self->link_source));
      double x1, y1, x2 = self->link_end_x, y2 = self->link_end_y;
      GdkRGBA color;
      cairo_t *cr;

      strata_canvas_get_port_position (self, strata_canvas_node_get_id (node), port->name,
                                       STRATA_CANVAS_PORT_OUTPUT, &x1, &y1);
      if (self->link_target != NULL)
        {
          const StrataCanvasPort *in = strata_canvas_port_view_get_port (self->link_target);
          StrataCanvasNode *to = strata_canvas_node_view_get_node (strata_canvas_port_view_get_node_view (self->link_target));

          strata_canvas_get_port_position (self, strata_canvas_node_get_id (to), in->name,
                                           STRATA_CANVAS_PORT_INPUT, &x2, &y2);
        }
      strata_canvas_canvas_to_widget (self, x1, y1, &x1, &y1);
      strata_canvas_canvas_to_widget (self, x2, y2, &x2, &y2);
      strata_canvas_get_kind_color (self, port->kind, &color);
      cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, (float) width, (float) height));
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_set_line_width (cr, 3 * MAX (self->zoom, 0.5));
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      if (self->link_target == NULL)
        cairo_set_dash (cr, (double[]) { 6, 6 }, 2, 0);
      link_curve (cr, x1, y1, x2, y2);
      cairo_stroke (cr);
      cairo_destroy (cr);
    }

  if (self->drag == DRAG_RUBBER)
    {
      double x0, y0, x1, y1;
      graphene_rect_t r;
      GskRoundedRect band;
      GdkRGBA fill = accent, edge = accent;
      float w[4] = { 1, 1, 1, 1 };
      GdkRGBA edges[4];

      strata_canvas_canvas_to_widget (self, MIN (self->rubber_x0, self->rubber_x1),
                                      MIN (self->rubber_y0, self->rubber_y1), &x0, &y0);
      strata_canvas_canvas_to_widget (self, MAX (self->rubber_x0, self->rubber_x1),
                                      MAX (self->rubber_y0, self->rubber_y1), &x1, &y1);
      graphene_rect_init (&r, (float) x0, (float) y0, (float) (x1 - x0), (float) (y1 - y0));
      fill.alpha = 0.15f;
      edge.alpha = 0.8f;
      for (int i = 0; i < 4; i++)
        edges[i] = edge;
      gtk_snapshot_append_color (snapshot, &fill, &r);
      gsk_rounded_rect_init_from_rect (&band, &r, 0);
      gtk_snapshot_append_border (snapshot, &band, w, edges);
    }
}

void
strata_canvas_snapshot_widget (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  StrataCanvas *self = STRATA_CANVAS (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  GdkRGBA page;

  /* The page colour is drawn here rather than as the widget's CSS
   * background, one pixel wider than the clip on every side, so that the
   * canvas's render node is always the same single clip node. GTK elides a
   * clip whose content fits and folds a container of one child into its
   * parent, and compares frames node by node: when the scrolled window's
   * overlay scrollbars faded out, the canvas's node lost a level and GTK
   * repainted the whole canvas (13 ms at the next frame, measured with
   * tests/probe-frames.c). A single non-container node is matched across
   * that change. */
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), "view_bg_color", &page))
    page = (GdkRGBA) { 1, 1, 1, 1 };
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, (float) width, (float) height));
  gtk_snapshot_append_color (snapshot, &page, &GRAPHENE_RECT_INIT (-1, -1, (float) width + 2, (float) height + 2));
  strata_canvas_snapshot_grid (self, snapshot, width, height);

  if (self->model != NULL)
    {
      if (self->links_node == NULL)
        self->links_node = strata_canvas_build_links (self, width, height, FALSE);
      if (self->links_node != NULL)
        gtk_snapshot_append_node (snapshot, self->links_node);
      if (self->drag == DRAG_MOVE)
        {
          /* Only the links of the cards being dragged are redrawn per frame. */
          g_autoptr(GskRenderNode) moving = strata_canvas_build_links (self, width, height, TRUE);

          if (moving != NULL)
            gtk_snapshot_append_node (snapshot, moving);
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_snapshot_child (widget, child, snapshot);

  strata_canvas_snapshot_overlays (self, snapshot, width, height);
  gtk_snapshot_pop (snapshot);
}

