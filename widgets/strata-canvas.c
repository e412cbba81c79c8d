/* strata-canvas.c — the pipeline canvas: model binding, layout, drawing
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * The canvas mirrors its model: one StrataCanvasNodeView child per node,
 * created and destroyed from the model's node-added / node-removed signals,
 * so an undo that brings a node back brings its card back too. Cards are
 * placed in size_allocate with a transform (translate to the node's position
 * in view pixels, then scale by the zoom); GTK keeps each card's render node
 * between frames, so moving or panning re-renders no card, and a status
 * change re-renders one card.
 *
 * View pixels = canvas units × zoom − scroll offset. The scroll offsets are
 * the values of two GtkAdjustments (GtkScrollable), whose range is the cards'
 * bounding box plus a margin and half a page, widened to include the
 * current view.
 *
 * Drawing is in strata-canvas-draw.c; pointer, keyboard, actions and
 * clipboard in strata-canvas-input.c.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "strata-canvas-private.h"

#define ZOOM_MIN    0.25
#define ZOOM_MAX    3.0
#define MARGIN      64.0   /* view pixels around the cards' bounding box */
#define FIT_MARGIN  24.0   /* the same when zooming to fit */
#define ZOOM_FIT_MIN 0.75  /* readable fit: the smallest zoom whose text stays legible */

enum {
  PROP_0,
  PROP_MODEL,
  PROP_ZOOM,
  N_PROPS,
  /* GtkScrollable */
  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

static GParamSpec *properties[N_PROPS];
guint strata_canvas_signals[CANVAS_N_SIGNALS];

G_DEFINE_FINAL_TYPE_WITH_CODE (StrataCanvas, strata_canvas, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, NULL))

/* Styling: libadwaita's named colours, so light and dark both work. */
static const char canvas_css[] =
  "strata-canvas-node { border-radius: 12px; }\n"
  "strata-canvas-node.running { box-shadow: 0 0 0 1px alpha(@accent_color, 0.7), 0 1px 3px 1px alpha(black, 0.09); }\n"
  "strata-canvas-node.failed { box-shadow: 0 0 0 1px alpha(@error_color, 0.8), 0 1px 3px 1px alpha(black, 0.09); }\n"
  "strata-canvas-node.selected { box-shadow: 0 0 0 2px @accent_color, 0 2px 8px 2px alpha(black, 0.13); }\n"
  "strata-canvas-node:focus-visible { outline: 2px solid alpha(@accent_color, 0.5); outline-offset: 3px; }\n"
  "strata-canvas-node .title { font-weight: bold; }\n"
  "strata-canvas-node .subtitle { font-size: smaller; opacity: 0.55; }\n"
  "strata-canvas-node .port-label { font-size: smaller; opacity: 0.75; }\n"
  "strata-canvas-node .status { font-size: smaller; }\n"
  "strata-canvas-node .badge-icon { color: white; }\n"
  "strata-canvas-node.idle .status, strata-canvas-node.idle .status-icon,\n"
  "strata-canvas-node.queued .status, strata-canvas-node.queued .status-icon { opacity: 0.6; }\n"
  "strata-canvas-node.stale .status-icon { color: @warning_color; }\n"
  "strata-canvas-node.running .status-icon { color: @accent_color; }\n"
  "strata-canvas-node.done .status-icon { color: @success_color; }\n"
  "strata-canvas-node.failed .status, strata-canvas-node.failed .status-icon { color: @error_color; }\n"
  "strata-canvas-node progressbar > trough, strata-canvas-node progressbar > trough > progress { min-width: 8px; }\n"
  "strata-canvas-port { color: @view_bg_color; }\n"
  "strata-canvas-port:focus-visible { outline: 2px solid @accent_color; outline-offset: 2px; border-radius: 99px; }\n";

static void
strata_canvas_ensure_css (StrataCanvas *self)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self));
  g_autoptr(GtkCssProvider) provider = NULL;

  if (g_object_get_data (G_OBJECT (display), "strata-canvas-css") != NULL)
    return;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, canvas_css, -1);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "strata-canvas-css",
                          g_steal_pointer (&provider), g_object_unref);
}

/* Colours */

/* GNOME's palette (HIG), readable on light and dark cards. */
static const GdkRGBA palette[] = {
  { 0.208f, 0.518f, 0.894f, 1 },  /* blue   #3584e4 */
  { 0.180f, 0.761f, 0.494f, 1 },  /* green  #2ec27e */
  { 0.898f, 0.647f, 0.039f, 1 },  /* yellow #e5a50a */
  { 1.000f, 0.471f, 0.000f, 1 },  /* orange #ff7800 */
  { 0.569f, 0.255f, 0.675f, 1 },  /* purple #9141ac */
  { 0.129f, 0.565f, 0.643f, 1 },  /* teal   #2190a4 */
  { 0.878f, 0.106f, 0.141f, 1 },  /* red    #e01b24 */
  { 0.596f, 0.416f, 0.267f, 1 },  /* brown  #986a44 */
};

static void
lookup_color (GHashTable    *table,
              const char    *name,
              GdkRGBA       *color)
{
  const GdkRGBA *set = name != NULL ? g_hash_table_lookup (table, name) : NULL;

  if (set != NULL)
    *color = *set;
  else
    *color = palette[name != NULL ? g_str_hash (name) % G_N_ELEMENTS (palette) : 0];
}

void
strata_canvas_get_kind_color (StrataCanvas *self,
                              const char   *kind,
                              GdkRGBA      *color)
{
  lookup_color (self->kind_colors, kind, color);
}

void
strata_canvas_get_group_color (StrataCanvas *self,
                               const char   *group,
                               GdkRGBA      *color)
{
  lookup_color (self->group_colors, group, color);
}

/* Sets a colour in @table and redraws the cards (ports and badges read it). */
static void
strata_canvas_store_color (StrataCanvas  *self,
                           GHashTable    *table,
                           const char    *name,
                           const GdkRGBA *color)
{
  g_hash_table_replace (table, g_strdup (name), gdk_rgba_copy (color));
  strata_canvas_invalidate_links (self);
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self)); c; c = gtk_widget_get_next_sibling (c))
    {
      gtk_widget_queue_draw (c);
      for (GtkWidget *p = gtk_widget_get_first_child (c); p; p = gtk_widget_get_next_sibling (p))
        gtk_widget_queue_draw (p);
    }
}

void
strata_canvas_set_kind_color (StrataCanvas  *self,
                              const char    *kind,
                              const GdkRGBA *color)
{
  g_return_if_fail (STRATA_IS_CANVAS (self));
  g_return_if_fail (kind != NULL && color != NULL);
  strata_canvas_store_color (self, self->kind_colors, kind, color);
}

void
strata_canvas_set_group_color (StrataCanvas  *self,
                               const char    *group,
                               const GdkRGBA *color)
{
  g_return_if_fail (STRATA_IS_CANVAS (self));
  g_return_if_fail (group != NULL && color != NULL);
  strata_canvas_store_color (self, self->group_colors, group, color);
}

/* Coordinates */

void
strata_canvas_widget_to_canvas (StrataCanvas *self,
                                double        wx,
                                double        wy,
                                double       *cx,
                                double       *cy)
{
  *cx = (wx + gtk_adjustment_get_value (self->hadj)) / self->zoom;
  *cy = (wy + gtk_adjustment_get_value (self->vadj)) / self->zoom;
}

void
strata_canvas_canvas_to_widget (StrataCanvas *self,
                                double        cx,
                                double        cy,
                                double       *wx,
                                double       *wy)
{
  g_return_if_fail (STRATA_IS_CANVAS (self));
  *wx = cx * self->zoom - gtk_adjustment_get_value (self->hadj);
  *wy = cy * self->zoom - gtk_adjustment_get_value (self->vadj);
}

/* Where a node's card is drawn now, in canvas units: its position plus the
 * offset of a move drag in progress if it is selected. */
static void
node_origin (StrataCanvas     *self,
             StrataCanvasNode *node,
             double           *x,
             double           *y)
{
  *x = strata_canvas_node_get_x (node);
  *y = strata_canvas_node_get_y (node);
  if (self->drag == DRAG_MOVE && g_hash_table_contains (self->selected, strata_canvas_node_get_id (node)))
    {
      *x += self->drag_dx;
      *y += self->drag_dy;
    }
}

gboolean
strata_canvas_get_port_position (StrataCanvas              *self,
                                 const char                *node_id,
                                 const char                *port,
                                 StrataCanvasPortDirection  direction,
                                 double                    *cx,
                                 double                    *cy)
{
  StrataCanvasNode *node;
  guint row;
  double ox, oy, px, py;

  g_return_val_if_fail (STRATA_IS_CANVAS (self), FALSE);

  if (self->model == NULL || (node = strata_canvas_model_get_node (self->model, node_id)) == NULL
      || strata_canvas_node_find_port (node, port, direction, &row) == NULL)
    return FALSE;
  node_origin (self, node, &ox, &oy);
  strata_canvas_port_offset (node, direction, row, &px, &py);
  *cx = ox + px;
  *cy = oy + py;
  return TRUE;
}

StrataCanvasNodeView *
strata_canvas_get_view (StrataCanvas *self,
                        const char   *id)
{
  return g_hash_table_lookup (self->views, id);
}

GtkWidget *
strata_canvas_get_node_widget (StrataCanvas *self,
                               const char   *node_id)
{
  g_return_val_if_fail (STRATA_IS_CANVAS (self), NULL);
  g_return_val_if_fail (node_id != NULL, NULL);
  return g_hash_table_lookup (self->views, node_id);
}

StrataCanvasPortView *
strata_canvas_pick (StrataCanvas          *self,
                    double                 wx,
                    double                 wy,
                    StrataCanvasNodeView **node_view)
{
  GtkWidget *hit = gtk_widget_pick (GTK_WIDGET (self), wx, wy, GTK_PICK_DEFAULT);
  StrataCanvasPortView *port = NULL;

  if (node_view != NULL)
    *node_view = NULL;
  for (; hit != NULL && hit != GTK_WIDGET (self); hit = gtk_widget_get_parent (hit))
    {
      if (STRATA_IS_CANVAS_PORT_VIEW (hit))
        port = STRATA_CANVAS_PORT_VIEW (hit);
      else if (STRATA_IS_CANVAS_NODE_VIEW (hit) && node_view != NULL)
        *node_view = STRATA_CANVAS_NODE_VIEW (hit);
    }
  return port;
}

/* Selection */

void
strata_canvas_emit_selection_changed (StrataCanvas *self)
{
  strata_canvas_invalidate_links (self);
  strata_canvas_update_actions (self);
  g_signal_emit (self, strata_canvas_signals[CANVAS_SIGNAL_SELECTION_CHANGED], 0);
}

const char **
strata_canvas_selected_ids (StrataCanvas *self)
{
  GPtrArray *ids = g_ptr_array_new ();

  if (self->model != NULL)
    {
      GPtrArray *nodes = strata_canvas_model_get_nodes (self->model);

      for (guint i = 0; i < nodes->len; i++)
        {
          const char *id = strata_canvas_node_get_id (g_ptr_array_index (nodes, i));

          if (g_hash_table_contains (self->selected, id))
            g_ptr_array_add (ids, (gpointer) id);
        }
    }
  g_ptr_array_add (ids, NULL);
  return (const char **) g_ptr_array_free (ids, FALSE);
}

char **
strata_canvas_get_selection (StrataCanvas *self)
{
  g_autofree const char **ids = NULL;

  g_return_val_if_fail (STRATA_IS_CANVAS (self), NULL);
  ids = strata_canvas_selected_ids (self);
  return g_strdupv ((char **) ids);
}

void
strata_canvas_set_selection (StrataCanvas       *self,
                             const char * const *ids)
{
  GHashTableIter iter;
  gpointer key;

  g_return_if_fail (STRATA_IS_CANVAS (self));

  strata_canvas_clear_link_selection (self);
  g_hash_table_iter_init (&iter, self->selected);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      StrataCanvasNodeView *view = g_hash_table_lookup (self->views, key);

      if (view != NULL)
        strata_canvas_node_view_set_selected (view, FALSE);
    }
  g_hash_table_remove_all (self->selected);

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      StrataCanvasNodeView *view = g_hash_table_lookup (self->views, ids[i]);

      if (view == NULL)
        continue;
      g_hash_table_add (self->selected, g_strdup (ids[i]));
      strata_canvas_node_view_set_selected (view, TRUE);
    }
  strata_canvas_emit_selection_changed (self);
}

void
strata_canvas_select_all (StrataCanvas *self)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  g_return_if_fail (STRATA_IS_CANVAS (self));
  if (self->model == NULL)
    return;
  for (guint i = 0; i < strata_canvas_model_get_nodes (self->model)->len; i++)
    g_ptr_array_add (ids, (gpointer) strata_canvas_node_get_id (g_ptr_array_index (strata_canvas_model_get_nodes (self->model), i)));
  g_ptr_array_add (ids, NULL);
  strata_canvas_set_selection (self, (const char * const *) ids->pdata);
}

/* Model binding */

void
strata_canvas_invalidate_links (StrataCanvas *self)
{
  g_clear_pointer (&self->links_node, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_node_added (StrataCanvas *self,
               const char   *id)
{
  StrataCanvasNode *node = strata_canvas_model_get_node (self->model, id);
  GtkWidget *view = strata_canvas_node_view_new (self, node);
  GtkWidget *before = NULL;
  GPtrArray *nodes = strata_canvas_model_get_nodes (self->model);
  guint index;

  /* Keep children in model order: it is the drawing and Tab order. */
  if (g_ptr_array_find (nodes, node, &index))
    for (guint i = index + 1; i < nodes->len && before == NULL; i++)
      before = g_hash_table_lookup (self->views, strata_canvas_node_get_id (g_ptr_array_index (nodes, i)));
  gtk_widget_insert_before (view, GTK_WIDGET (self), before);
  g_hash_table_insert (self->views, (gpointer) strata_canvas_node_get_id (node), view);
  strata_canvas_invalidate_links (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
on_node_removed (StrataCanvas *self,
                 const char   *id)
{
  GtkWidget *view = g_hash_table_lookup (self->views, id);
  gboolean was_selected = g_hash_table_remove (self->selected, id);

  if (view != NULL && (self->link_source != NULL || self->link_target != NULL))
    strata_canvas_cancel_link (self);
  if (view != NULL)
    {
      g_hash_table_remove (self->views, id);
      gtk_widget_unparent (view);
    }
  strata_canvas_invalidate_links (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  if (was_selected)
    strata_canvas_emit_selection_changed (self);
}

static void
on_node_changed (StrataCanvas *self,
                 const char   *id,
                 guint         what)
{
  StrataCanvasNodeView *view = g_hash_table_lookup (self->views, id);

  if (view == NULL)
    return;
  if (what & STRATA_CANVAS_NODE_CHANGED_STATUS)
    strata_canvas_node_view_sync_status (view);
  if (what & STRATA_CANVAS_NODE_CHANGED_POSITION)
    {
      strata_canvas_invalidate_links (self);
      gtk_widget_queue_allocate (GTK_WIDGET (self));
    }
}

static void
on_links_changed (StrataCanvas *self,
                  gpointer      link)
{
  /* A selected link that is gone (unlinked, its card deleted) is no longer
   * selected. */
  if (self->link_node != NULL
      && strata_canvas_model_get_input_link (self->model, self->link_node, self->link_port) == NULL)
    {
      strata_canvas_clear_link_selection (self);
      strata_canvas_emit_selection_changed (self);
    }
  strata_canvas_invalidate_links (self);
}

static void
on_undo_changed (StrataCanvas *self)
{
  strata_canvas_update_actions (self);
}

static void
strata_canvas_unbind (StrataCanvas *self)
{
  GtkWidget *child;

  if (self->model == NULL)
    return;
  strata_canvas_cancel_link (self);
  strata_canvas_clear_link_selection (self);
  self->drag = DRAG_NONE;
  g_signal_handlers_disconnect_by_data (self->model, self);
  g_signal_handlers_disconnect_by_data (strata_canvas_model_get_undo_stack (self->model), self);
  g_hash_table_remove_all (self->views);
  g_hash_table_remove_all (self->selected);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->model);
}

void
strata_canvas_set_model (StrataCanvas      *self,
                         StrataCanvasModel *model)
{
  g_return_if_fail (STRATA_IS_CANVAS (self));
  g_return_if_fail (model == NULL || STRATA_IS_CANVAS_MODEL (model));

  if (self->model == model)
    return;
  strata_canvas_unbind (self);
  if (model != NULL)
    {
      GPtrArray *nodes;

      self->model = g_object_ref (model);
      g_signal_connect_swapped (model, "node-added", G_CALLBACK (on_node_added), self);
      g_signal_connect_swapped (model, "node-removed", G_CALLBACK (on_node_removed), self);
      g_signal_connect_swapped (model, "node-changed", G_CALLBACK (on_node_changed), self);
      g_signal_connect_swapped (model, "link-added", G_CALLBACK (on_links_changed), self);
      g_signal_connect_swapped (model, "link-removed", G_CALLBACK (on_links_changed), self);
      g_signal_connect_swapped (strata_canvas_model_get_undo_stack (model), "changed",
                                G_CALLBACK (on_undo_changed), self);
      nodes = strata_canvas_model_get_nodes (model);
      for (guint i = 0; i < nodes->len; i++)
        on_node_added (self, strata_canvas_node_get_id (g_ptr_array_index (nodes, i)));
    }
  strata_canvas_invalidate_links (self);
  strata_canvas_update_actions (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
  g_signal_emit (self, strata_canvas_signals[CANVAS_SIGNAL_SELECTION_CHANGED], 0);
}

StrataCanvasModel *
strata_canvas_get_model (StrataCanvas *self)
{
  g_return_val_if_fail (STRATA_IS_CANVAS (self), NULL);
  return self->model;
}

/* Scrolling and zoom */

/* The cards' bounding box in canvas units; FALSE if there are none. */
static gboolean
strata_canvas_bounds (StrataCanvas    *self,
                      graphene_rect_t *bounds)
{
  GPtrArray *nodes = self->model != NULL ? strata_canvas_model_get_nodes (self->model) : NULL;
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

  if (nodes == NULL || nodes->len == 0)
    return FALSE;
  for (guint i = 0; i < nodes->len; i++)
    {
      StrataCanvasNode *node = g_ptr_array_index (nodes, i);
      double x, y;

      node_origin (self, node, &x, &y);
      x0 = MIN (x0, x);
      y0 = MIN (y0, y);
      x1 = MAX (x1, x + STRATA_CANVAS_NODE_WIDTH);
      y1 = MAX (y1, y + strata_canvas_node_height (node));
    }
  graphene_rect_init (bounds, x0, y0, x1 - x0, y1 - y0);
  return TRUE;
}

/* Sets the range of @adj to [lo − slack, hi + slack] ∪ the view at @value,
 * with half a page of slack beyond the margin so that the view can always
 * be panned, even when every card fits in it. */
static void
configure_adjustment (GtkAdjustment *adj,
                      double         value,
                      double         lo,
                      double         hi,
                      double         page)
{
  double lower = MIN (lo - MARGIN - page / 2, value);
  double upper = MAX (hi + MARGIN + page / 2, value + page);

  gtk_adjustment_configure (adj, value, lower, upper, page * 0.1, page * 0.9, page);
}

static void
strata_canvas_configure_adjustments (StrataCanvas *self,
                                     double        hvalue,
                                     double        vvalue)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  graphene_rect_t b;

  if (!strata_canvas_bounds (self, &b))
    graphene_rect_init (&b, 0, 0, 0, 0);
  g_signal_handlers_block_matched (self->hadj, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  g_signal_handlers_block_matched (self->vadj, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  configure_adjustment (self->hadj, hvalue, b.origin.x * self->zoom,
                        (b.origin.x + b.size.width) * self->zoom, width);
  configure_adjustment (self->vadj, vvalue, b.origin.y * self->zoom,
                        (b.origin.y + b.size.height) * self->zoom, height);
  g_signal_handlers_unblock_matched (self->hadj, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  g_signal_handlers_unblock_matched (self->vadj, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
}

void
strata_canvas_scroll_to (StrataCanvas *self,
                         double        hvalue,
                         double        vvalue)
{
  strata_canvas_configure_adjustments (self, hvalue, vvalue);
  strata_canvas_invalidate_links (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

double
strata_canvas_get_zoom (StrataCanvas *self)
{
  g_return_val_if_fail (STRATA_IS_CANVAS (self), 1.0);
  return self->zoom;
}

void
strata_canvas_set_zoom (StrataCanvas *self,
                        double        zoom,
                        double        ax,
                        double        ay)
{
  double cx, cy;

  g_return_if_fail (STRATA_IS_CANVAS (self));

  zoom = CLAMP (zoom, ZOOM_MIN, ZOOM_MAX);
  if (zoom == self->zoom)
    return;
  strata_canvas_widget_to_canvas (self, ax, ay, &cx, &cy);
  self->zoom = zoom;
  strata_canvas_scroll_to (self, cx * zoom - ax, cy * zoom - ay);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

static void
zoom_fit_between (StrataCanvas *self,
                  double        min_zoom)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  graphene_rect_t b;
  double zoom;

  g_return_if_fail (STRATA_IS_CANVAS (self));

  if (!strata_canvas_bounds (self, &b))
    return;
  if (width <= 0 || height <= 0)
    {
      /* Not allocated yet: fit on the first allocation. */
      self->fit_pending = min_zoom;
      return;
    }
  /* Never above 100 % (a small workflow stays at its natural size), never
   * below @min_zoom: a workflow too big for that shows its start (top
   * left, where the data comes in) and the rest is scrolled to. */
  zoom = MIN (1.0, MIN ((width - 2 * FIT_MARGIN) / b.size.width, (height - 2 * FIT_MARGIN) / b.size.height));
  zoom = CLAMP (zoom, MAX (min_zoom, ZOOM_MIN), ZOOM_MAX);
  if (zoom != self->zoom)
    {
      self->zoom = zoom;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
    }
  strata_canvas_scroll_to (self,
                           b.size.width * zoom <= width - 2 * FIT_MARGIN
                             ? (b.origin.x + b.size.width / 2) * zoom - width / 2
                             : b.origin.x * zoom - FIT_MARGIN,
                           b.size.height * zoom <= height - 2 * FIT_MARGIN
                             ? (b.origin.y + b.size.height / 2) * zoom - height / 2
                             : b.origin.y * zoom - FIT_MARGIN);
}

void
strata_canvas_zoom_fit (StrataCanvas *self)
{
  g_return_if_fail (STRATA_IS_CANVAS (self));
  zoom_fit_between (self, ZOOM_MIN);
}

void
strata_canvas_zoom_fit_readable (StrataCanvas *self)
{
  g_return_if_fail (STRATA_IS_CANVAS (self));
  zoom_fit_between (self, ZOOM_FIT_MIN);
}

static void
on_adjustment_changed (StrataCanvas *self)
{
  strata_canvas_invalidate_links (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
strata_canvas_set_adjustment (StrataCanvas   *self,
                              GtkAdjustment **slot,
                              GtkAdjustment  *adj)
{
  if (adj == NULL)
    adj = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  if (*slot == adj)
    return;
  if (*slot != NULL)
    {
      g_signal_handlers_disconnect_by_data (*slot, self);
      g_object_unref (*slot);
    }
  *slot = g_object_ref_sink (adj);
  g_signal_connect_swapped (adj, "value-changed", G_CALLBACK (on_adjustment_changed), self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/* Layout */

static void
strata_canvas_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  *minimum = 0;
  *natural = 400;
}

static void
strata_canvas_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  StrataCanvas *self = STRATA_CANVAS (widget);
  GHashTableIter iter;
  gpointer value;
  double hvalue = gtk_adjustment_get_value (self->hadj);
  double vvalue = gtk_adjustment_get_value (self->vadj);

  if (self->fit_pending)
    {
      double min_zoom = self->fit_pending;

      self->fit_pending = 0;
      zoom_fit_between (self, min_zoom);
      hvalue = gtk_adjustment_get_value (self->hadj);
      vvalue = gtk_adjustment_get_value (self->vadj);
    }
  strata_canvas_configure_adjustments (self, hvalue, vvalue);
  hvalue = gtk_adjustment_get_value (self->hadj);
  vvalue = gtk_adjustment_get_value (self->vadj);

  g_hash_table_iter_init (&iter, self->views);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      StrataCanvasNodeView *view = value;
      StrataCanvasNode *node = strata_canvas_node_view_get_node (view);
      GskTransform *t;
      double x, y;

      node_origin (self, node, &x, &y);
      t = gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT ((float) (x * self->zoom - hvalue),
                                                               (float) (y * self->zoom - vvalue)));
      t = gsk_transform_scale (t, (float) self->zoom, (float) self->zoom);
      gtk_widget_allocate (GTK_WIDGET (view), (int) STRATA_CANVAS_NODE_WIDTH,
                           (int) strata_canvas_node_height (node), -1, t);
    }
}

static void
strata_canvas_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (strata_canvas_parent_class)->root (widget);
  strata_canvas_ensure_css (STRATA_CANVAS (widget));
}

/* GObject */

static void
strata_canvas_dispose (GObject *object)
{
  StrataCanvas *self = STRATA_CANVAS (object);

  strata_canvas_stop_autoscroll (self);
  strata_canvas_unbind (self);
  g_clear_pointer (&self->links_node, gsk_render_node_unref);
  g_clear_pointer (&self->grid_node, gsk_render_node_unref);
  if (self->hadj != NULL)
    g_signal_handlers_disconnect_by_data (self->hadj, self);
  if (self->vadj != NULL)
    g_signal_handlers_disconnect_by_data (self->vadj, self);
  g_clear_object (&self->hadj);
  g_clear_object (&self->vadj);

  G_OBJECT_CLASS (strata_canvas_parent_class)->dispose (object);
}

static void
strata_canvas_finalize (GObject *object)
{
  StrataCanvas *self = STRATA_CANVAS (object);

  g_hash_table_unref (self->views);
  g_hash_table_unref (self->selected);
  g_hash_table_unref (self->kind_colors);
  g_hash_table_unref (self->group_colors);
  g_clear_pointer (&self->rubber_base, g_hash_table_unref);
  g_free (self->last_paste);
  g_free (self->detach_node);
  g_free (self->detach_port);
  g_free (self->press_node);
  g_free (self->link_node);
  g_free (self->link_port);

  G_OBJECT_CLASS (strata_canvas_parent_class)->finalize (object);
}

static void
strata_canvas_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  StrataCanvas *self = STRATA_CANVAS (object);

  switch (prop_id)
    {
    case PROP_MODEL:          g_value_set_object (value, self->model); break;
    case PROP_ZOOM:           g_value_set_double (value, self->zoom); break;
    case PROP_HADJUSTMENT:    g_value_set_object (value, self->hadj); break;
    case PROP_VADJUSTMENT:    g_value_set_object (value, self->vadj); break;
    case PROP_HSCROLL_POLICY: g_value_set_enum (value, self->hscroll_policy); break;
    case PROP_VSCROLL_POLICY: g_value_set_enum (value, self->vscroll_policy); break;
    default:                  G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
strata_canvas_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  StrataCanvas *self = STRATA_CANVAS (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      strata_canvas_set_model (self, g_value_get_object (value));
      break;
    case PROP_ZOOM:
      strata_canvas_set_zoom (self, g_value_get_double (value), 0, 0);
      break;
    case PROP_HADJUSTMENT:
      strata_canvas_set_adjustment (self, &self->hadj, g_value_get_object (value));
      break;
    case PROP_VADJUSTMENT:
      strata_canvas_set_adjustment (self, &self->vadj, g_value_get_object (value));
      break;
    case PROP_HSCROLL_POLICY:
      self->hscroll_policy = g_value_get_enum (value);
      break;
    case PROP_VSCROLL_POLICY:
      self->vscroll_policy = g_value_get_enum (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
strata_canvas_class_init (StrataCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = strata_canvas_dispose;
  object_class->finalize = strata_canvas_finalize;
  object_class->get_property = strata_canvas_get_property;
  object_class->set_property = strata_canvas_set_property;
  widget_class->measure = strata_canvas_measure;
  widget_class->size_allocate = strata_canvas_size_allocate;
  widget_class->snapshot = strata_canvas_snapshot_widget;
  widget_class->root = strata_canvas_root;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, STRATA_TYPE_CANVAS_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, ZOOM_MIN, ZOOM_MAX, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  strata_canvas_signals[CANVAS_SIGNAL_LINK_REFUSED] =
    g_signal_new ("link-refused", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 5,
                  G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);
  strata_canvas_signals[CANVAS_SIGNAL_LINK_DROPPED] =
    g_signal_new ("link-dropped-on-canvas", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 5,
                  G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_DOUBLE, G_TYPE_DOUBLE);
  strata_canvas_signals[CANVAS_SIGNAL_NODE_ACTIVATED] =
    g_signal_new ("node-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  strata_canvas_signals[CANVAS_SIGNAL_SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "strata-canvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  strata_canvas_install_input (klass);
}

static void
strata_canvas_init (StrataCanvas *self)
{
  self->views = g_hash_table_new (g_str_hash, g_str_equal);
  self->selected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->kind_colors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) gdk_rgba_free);
  self->group_colors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) gdk_rgba_free);
  self->zoom = 1.0;
  strata_canvas_set_adjustment (self, &self->hadj, NULL);
  strata_canvas_set_adjustment (self, &self->vadj, NULL);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Pipeline canvas"), -1);
  strata_canvas_init_input (self);
}

GtkWidget *
strata_canvas_new (StrataCanvasModel *model)
{
  return g_object_new (STRATA_TYPE_CANVAS, "model", model, NULL);
}
