/* strata-canvas-input.c — pointer gestures and links in progress
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * One GtkGestureDrag on the primary button does everything a left drag can
 * mean; what it means is decided on press by picking the widget under the
 * pointer: an output port starts a link, an input port that is fed picks its
 * link up (to move it elsewhere or drop it off), a card selects and moves,
 * empty canvas draws a rubber band (or pans while Space is held). A second
 * drag gesture on the middle button pans. Moves are shown live as an offset
 * added at layout time and recorded as one model edit on release, so a drag
 * is one undo step and the model never sees intermediate positions.
 *
 * A press on empty canvas that lands on a link (within a few pixels of its
 * curve) selects the link instead of starting a rubber band.
 *
 * Auto-scroll: while a move, rubber band or link drag is within
 * AUTOSCROLL_EDGE of an edge, a tick callback scrolls the view every frame
 * at a speed that grows toward the edge, and replays the drag at the same
 * pointer position, so the cards, the band or the link end follow the
 * content. A move may scroll past the cards (the scroll range grows with
 * them); a band or a link stays within the range. The pixels scrolled are
 * added to the gesture's offset, so the move is still one model edit.
 *
 * Actions, key bindings and the clipboard are in strata-canvas-actions.c.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "strata-canvas-private.h"

#define ZOOM_STEP    1.2
#define AUTOSCROLL_EDGE   32.0   /* view pixels from an edge where a drag scrolls */
#define AUTOSCROLL_SPEED 900.0   /* view pixels per second at (or past) the edge */

/* Helpers */

const char *
strata_canvas_view_id (StrataCanvasNodeView *view)
{
  return strata_canvas_node_get_id (strata_canvas_node_view_get_node (view));
}

void
strata_canvas_select_only (StrataCanvas *self,
                           const char   *id)
{
  const char *ids[] = { id, NULL };

  strata_canvas_set_selection (self, ids);
}

static void
strata_canvas_toggle_selected (StrataCanvas *self,
                               const char   *id)
{
  StrataCanvasNodeView *view = strata_canvas_get_view (self, id);

  if (g_hash_table_remove (self->selected, id))
    strata_canvas_node_view_set_selected (view, FALSE);
  else
    {
      g_hash_table_add (self->selected, g_strdup (id));
      strata_canvas_node_view_set_selected (view, TRUE);
    }
  strata_canvas_emit_selection_changed (self);
}

/* Link selection */

void
strata_canvas_clear_link_selection (StrataCanvas *self)
{
  if (self->link_node == NULL)
    return;
  g_clear_pointer (&self->link_node, g_free);
  g_clear_pointer (&self->link_port, g_free);
  strata_canvas_invalidate_links (self);
}

gboolean
strata_canvas_select_link (StrataCanvas *self,
                           const char   *to_node,
                           const char   *to_port)
{
  g_autofree char *node = NULL;
  g_autofree char *port = NULL;

  g_return_val_if_fail (STRATA_IS_CANVAS (self), FALSE);

  if (to_node == NULL)
    {
      if (self->link_node != NULL)
        {
          strata_canvas_clear_link_selection (self);
          strata_canvas_emit_selection_changed (self);
        }
      return TRUE;
    }
  g_return_val_if_fail (to_port != NULL, FALSE);
  if (self->model == NULL || strata_canvas_model_get_input_link (self->model, to_node, to_port) == NULL)
    return FALSE;
  node = g_strdup (to_node);   /* the caller's strings may be the old selection's */
  port = g_strdup (to_port);
  strata_canvas_set_selection (self, NULL);   /* clears the link selection too */
  self->link_node = g_steal_pointer (&node);
  self->link_port = g_steal_pointer (&port);
  strata_canvas_invalidate_links (self);
  strata_canvas_emit_selection_changed (self);
  return TRUE;
}

gboolean
strata_canvas_get_selected_link (StrataCanvas  *self,
                                 const char   **to_node,
                                 const char   **to_port)
{
  g_return_val_if_fail (STRATA_IS_CANVAS (self), FALSE);
  if (self->link_node == NULL)
    return FALSE;
  if (to_node != NULL)
    *to_node = self->link_node;
  if (to_port != NULL)
    *to_port = self->link_port;
  return TRUE;
}

/* Links */

void
strata_canvas_set_link_highlights (StrataCanvas *self,
                                   gboolean      on)
{
  const StrataCanvasPort *src = NULL;
  const char *src_node = NULL;

  if (on && self->link_source != NULL)
    {
      src = strata_canvas_port_view_get_port (self->link_source);
      src_node = strata_canvas_view_id (strata_canvas_port_view_get_node_view (self->link_source));
    }

  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self)); c; c = gtk_widget_get_next_sibling (c))
    {
      GPtrArray *ports = strata_canvas_node_view_get_ports (STRATA_CANVAS_NODE_VIEW (c));

      for (guint i = 0; i < ports->len; i++)
        {
          StrataCanvasPortView *pv = g_ptr_array_index (ports, i);
          const StrataCanvasPort *port = strata_canvas_port_view_get_port (pv);
          PortHighlight h = PORT_HIGHLIGHT_NONE;

          if (src != NULL && pv == self->link_source)
            h = PORT_HIGHLIGHT_SOURCE;
          else if (src != NULL && port->direction == STRATA_CANVAS_PORT_INPUT)
            {
              if (pv == self->link_target)
                h = PORT_HIGHLIGHT_TARGET;
              else if (strata_canvas_model_check_link (self->model, src_node, src->name,
                                                       strata_canvas_view_id (STRATA_CANVAS_NODE_VIEW (c)), port->name, NULL))
                h = PORT_HIGHLIGHT_COMPATIBLE;
              else
                h = PORT_HIGHLIGHT_INCOMPATIBLE;
            }
          strata_canvas_port_view_set_highlight (pv, h);
        }
    }
}

static void
strata_canvas_set_link_target (StrataCanvas         *self,
                               StrataCanvasPortView *target)
{
  if (self->link_target == target)
    return;
  self->link_target = target;
  strata_canvas_set_link_highlights (self, TRUE);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
strata_canvas_start_link (StrataCanvas         *self,
                          StrataCanvasPortView *source)
{
  const StrataCanvasPort *port = strata_canvas_port_view_get_port (source);
  StrataCanvasNodeView *view = strata_canvas_port_view_get_node_view (source);

  g_return_val_if_fail (port->direction == STRATA_CANVAS_PORT_OUTPUT, FALSE);

  self->link_source = source;
  self->link_target = NULL;
  strata_canvas_get_port_position (self, strata_canvas_view_id (view), port->name, STRATA_CANVAS_PORT_OUTPUT,
                                   &self->link_end_x, &self->link_end_y);
  self->link_end_x += 60;
  strata_canvas_set_link_highlights (self, TRUE);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

void
strata_canvas_cancel_link (StrataCanvas *self)
{
  g_return_if_fail (STRATA_IS_CANVAS (self));

  if (self->link_source == NULL)
    return;
  strata_canvas_set_link_highlights (self, FALSE);
  self->link_source = NULL;
  self->link_target = NULL;
  self->keyboard_link = FALSE;
  g_clear_pointer (&self->detach_node, g_free);
  g_clear_pointer (&self->detach_port, g_free);
  if (self->drag == DRAG_LINK)
    self->drag = DRAG_NONE;
  strata_canvas_invalidate_links (self);
}

gboolean
strata_canvas_begin_link (StrataCanvas *self,
                          const char   *node_id,
                          const char   *port)
{
  StrataCanvasNodeView *view;
  StrataCanvasPortView *source;

  g_return_val_if_fail (STRATA_IS_CANVAS (self), FALSE);
  g_return_val_if_fail (node_id != NULL && port != NULL, FALSE);

  view = strata_canvas_get_view (self, node_id);
  source = view != NULL ? strata_canvas_node_view_get_port (view, port, STRATA_CANVAS_PORT_OUTPUT) : NULL;
  if (source == NULL)
    return FALSE;
  strata_canvas_cancel_link (self);
  self->keyboard_link = TRUE;
  return strata_canvas_start_link (self, source);
}

/* Compatible input ports, in card order. */
static GPtrArray *
strata_canvas_link_targets (StrataCanvas *self)
{
  GPtrArray *targets = g_ptr_array_new ();

  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self)); c; c = gtk_widget_get_next_sibling (c))
    {
      GPtrArray *ports = strata_canvas_node_view_get_ports (STRATA_CANVAS_NODE_VIEW (c));

      for (guint i = 0; i < ports->len; i++)
        {
          StrataCanvasPortView *pv = g_ptr_array_index (ports, i);
          PortHighlight h = strata_canvas_port_view_get_highlight (pv);

          if (h == PORT_HIGHLIGHT_COMPATIBLE || h == PORT_HIGHLIGHT_TARGET)
            g_ptr_array_add (targets, pv);
        }
    }
  return targets;
}

gboolean
strata_canvas_cycle_link_target (StrataCanvas *self,
                                 gboolean      forward)
{
  g_autoptr(GPtrArray) targets = NULL;
  StrataCanvasPortView *next;
  const StrataCanvasPort *port;
  guint index;

  g_return_val_if_fail (STRATA_IS_CANVAS (self), FALSE);

  if (self->link_source == NULL)
    return FALSE;
  targets = strata_canvas_link_targets (self);
  if (targets->len == 0)
    return FALSE;
  if (self->link_target != NULL && g_ptr_array_find (targets, self->link_target, &index))
    index = forward ? (index + 1) % targets->len : (index + targets->len - 1) % targets->len;
  else
    index = forward ? 0 : targets->len - 1;
  next = g_ptr_array_index (targets, index);
  port = strata_canvas_port_view_get_port (next);
  strata_canvas_get_port_position (self, strata_canvas_view_id (strata_canvas_port_view_get_node_view (next)),
                                   port->name, STRATA_CANVAS_PORT_INPUT,
                                   &self->link_end_x, &self->link_end_y);
  strata_canvas_set_link_target (self, next);
  gtk_widget_grab_focus (GTK_WIDGET (next));
  return TRUE;
}

/* Ends link mode at the current target (or at link_end when there is none,
 * with @over_card TRUE if the end is over a card that offered no port). */
static gboolean
strata_canvas_complete_link (StrataCanvas *self,
                             gboolean      over_card)
{
  const StrataCanvasPort *src;
  g_autofree char *src_node = NULL;
  g_autofree char *detach_node = g_steal_pointer (&self->detach_node);
  g_autofree char *detach_port = g_steal_pointer (&self->detach_port);
  StrataUndoStack *stack = strata_canvas_model_get_undo_stack (self->model);
  gboolean linked = FALSE;

  if (self->link_source == NULL)
    return FALSE;
  src = strata_canvas_port_view_get_port (self->link_source);
  src_node = g_strdup (strata_canvas_view_id (strata_canvas_port_view_get_node_view (self->link_source)));

  if (self->link_target != NULL)
    {
      const StrataCanvasPort *dst = strata_canvas_port_view_get_port (self->link_target);
      g_autofree char *dst_node = g_strdup (strata_canvas_view_id (strata_canvas_port_view_get_node_view (self->link_target)));
      g_autofree char *dst_port = g_strdup (dst->name);
      g_autofree char *src_port = g_strdup (src->name);
      g_autoptr(GError) error = NULL;

      strata_canvas_cancel_link (self);
      if (detach_node != NULL && g_str_equal (detach_node, dst_node) && g_str_equal (detach_port, dst_port))
        return FALSE;   /* put back where it was */
      strata_undo_stack_begin_group (stack, _("Link"));
      if (detach_node != NULL)
        strata_canvas_model_unlink (self->model, detach_node, detach_port);
      linked = strata_canvas_model_link (self->model, src_node, src_port, dst_node, dst_port, &error);
      strata_undo_stack_end_group (stack);
      if (!linked)
        {
          /* The unlink of a picked-up link stands: the user let go of it. */
          g_signal_emit (self, strata_canvas_signals[CANVAS_SIGNAL_LINK_REFUSED], 0,
                         src_node, src_port, dst_node, dst_port, error->message);
        }
      return linked;
    }

  {
    g_autofree char *src_port = g_strdup (src->name);
    g_autofree char *kind = g_strdup (src->kind);
    double x = self->link_end_x, y = self->link_end_y;

    strata_canvas_cancel_link (self);
    if (detach_node != NULL)
      strata_canvas_model_unlink (self->model, detach_node, detach_port);
    else if (!over_card)
      g_signal_emit (self, strata_canvas_signals[CANVAS_SIGNAL_LINK_DROPPED], 0,
                     src_node, src_port, kind, x, y);
  }
  return FALSE;
}

gboolean
strata_canvas_finish_link (StrataCanvas *self)
{
  g_return_val_if_fail (STRATA_IS_CANVAS (self), FALSE);
  return strata_canvas_complete_link (self, FALSE);
}

/* The input a link dropped at widget point (x, y) would go to: the port
 * under the pointer, else the card's first compatible input, else its first
 * input (which will be refused, with the reason). */
static StrataCanvasPortView *
strata_canvas_drop_target (StrataCanvas *self,
                           double        x,
                           double        y,
                           gboolean     *over_card)
{
  StrataCanvasNodeView *view = NULL;
  StrataCanvasPortView *port = strata_canvas_pick (self, x, y, &view);
  StrataCanvasPortView *first = NULL;
  GPtrArray *ports;

  *over_card = view != NULL;
  if (port != NULL && strata_canvas_port_view_get_port (port)->direction == STRATA_CANVAS_PORT_INPUT)
    return port;
  if (view == NULL || view == strata_canvas_port_view_get_node_view (self->link_source))
    return NULL;
  ports = strata_canvas_node_view_get_ports (view);
  for (guint i = 0; i < ports->len; i++)
    {
      StrataCanvasPortView *pv = g_ptr_array_index (ports, i);
      PortHighlight h = strata_canvas_port_view_get_highlight (pv);

      if (strata_canvas_port_view_get_port (pv)->direction != STRATA_CANVAS_PORT_INPUT)
        continue;
      if (h == PORT_HIGHLIGHT_COMPATIBLE || h == PORT_HIGHLIGHT_TARGET)
        return pv;
      if (first == NULL)
        first = pv;
    }
  return first;
}

/* Pointer */

static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               StrataCanvas   *self)
{
  GdkModifierType mods = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  gboolean extend = (mods & (GDK_CONTROL_MASK | GDK_SHIFT_MASK)) != 0;
  StrataCanvasNodeView *view = NULL;
  StrataCanvasPortView *port;

  if (self->model == NULL)
    return;
  self->drag_start_x = self->drag_x = x;
  self->drag_start_y = self->drag_y = y;
  self->scrolled_x = self->scrolled_y = 0;
  strata_canvas_stop_autoscroll (self);
  g_clear_pointer (&self->press_node, g_free);

  if (self->space_down)
    {
      self->drag = DRAG_PAN;
      self->pan_start_h = gtk_adjustment_get_value (self->hadj);
      self->pan_start_v = gtk_adjustment_get_value (self->vadj);
      return;
    }

  strata_canvas_cancel_link (self);
  port = strata_canvas_pick (self, x, y, &view);
  if (port != NULL)
    {
      const StrataCanvasPort *p = strata_canvas_port_view_get_port (port);

      if (p->direction == STRATA_CANVAS_PORT_OUTPUT)
        {
          self->drag = DRAG_LINK;
          strata_canvas_start_link (self, port);
          strata_canvas_widget_to_canvas (self, x, y, &self->link_end_x, &self->link_end_y);
          return;
        }
      else
        {
          const StrataCanvasLink *link = strata_canvas_model_get_input_link (self->model, strata_canvas_view_id (view), p->name);
          StrataCanvasNodeView *from = link != NULL ? strata_canvas_get_view (self, link->from_node) : NULL;

          if (from != NULL)
            {
              self->detach_node = g_strdup (link->to_node);
              self->detach_port = g_strdup (link->to_port);
              self->drag = DRAG_LINK;
              strata_canvas_start_link (self, strata_canvas_node_view_get_port (from, link->from_port,
                                                                                STRATA_CANVAS_PORT_OUTPUT));
              strata_canvas_widget_to_canvas (self, x, y, &self->link_end_x, &self->link_end_y);
              strata_canvas_invalidate_links (self);
              return;
            }
        }
    }

  if (view != NULL)
    {
      const char *id = strata_canvas_view_id (view);

      gtk_widget_grab_focus (GTK_WIDGET (view));
      if (extend)
        strata_canvas_toggle_selected (self, id);
      else if (!g_hash_table_contains (self->selected, id))
        strata_canvas_select_only (self, id);
      else
        self->press_node = g_strdup (id);   /* narrow to it on a click without move */
      self->drag = DRAG_MOVE;
      self->drag_dx = self->drag_dy = 0;
      strata_canvas_invalidate_links (self);   /* re-cache without the moving links */
      return;
    }

  gtk_widget_grab_focus (GTK_WIDGET (self));
  {
    const char *to_node, *to_port;

    if (!extend && strata_canvas_pick_link (self, x, y, &to_node, &to_port))
      {
        strata_canvas_select_link (self, to_node, to_port);
        self->drag = DRAG_NONE;
        return;
      }
  }
  g_clear_pointer (&self->rubber_base, g_hash_table_unref);
  if (!extend)
    strata_canvas_set_selection (self, NULL);
  self->rubber_base = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, self->selected);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_hash_table_add (self->rubber_base, g_strdup (key));
  }
  self->drag = DRAG_RUBBER;
  strata_canvas_widget_to_canvas (self, x, y, &self->rubber_x0, &self->rubber_y0);
  self->rubber_x1 = self->rubber_x0;
  self->rubber_y1 = self->rubber_y0;
}

static void
strata_canvas_update_rubber (StrataCanvas *self)
{
  double x0 = MIN (self->rubber_x0, self->rubber_x1), x1 = MAX (self->rubber_x0, self->rubber_x1);
  double y0 = MIN (self->rubber_y0, self->rubber_y1), y1 = MAX (self->rubber_y0, self->rubber_y1);
  GPtrArray *nodes = strata_canvas_model_get_nodes (self->model);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  for (guint i = 0; i < nodes->len; i++)
    {
      StrataCanvasNode *node = g_ptr_array_index (nodes, i);
      double nx = strata_canvas_node_get_x (node), ny = strata_canvas_node_get_y (node);
      const char *id = strata_canvas_node_get_id (node);

      if (g_hash_table_contains (self->rubber_base, id)
          || (nx < x1 && nx + STRATA_CANVAS_NODE_WIDTH > x0
              && ny < y1 && ny + strata_canvas_node_height (node) > y0))
        g_ptr_array_add (ids, (gpointer) id);
    }
  if (ids->len != g_hash_table_size (self->selected))
    {
      g_ptr_array_add (ids, NULL);
      strata_canvas_set_selection (self, (const char * const *) ids->pdata);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Applies the drag at the pointer position (drag_x, drag_y) and the
 * scroll so far. */
static void
strata_canvas_drag_to (StrataCanvas *self)
{
  double x = self->drag_x, y = self->drag_y;
  double ox = x - self->drag_start_x, oy = y - self->drag_start_y;

  switch (self->drag)
    {
    case DRAG_MOVE:
      /* The cached links stay: the moving ones are drawn per frame. */
      self->drag_dx = (ox + self->scrolled_x) / self->zoom;
      self->drag_dy = (oy + self->scrolled_y) / self->zoom;
      gtk_widget_queue_allocate (GTK_WIDGET (self));
      gtk_widget_queue_draw (GTK_WIDGET (self));
      break;
    case DRAG_RUBBER:
      strata_canvas_widget_to_canvas (self, x, y, &self->rubber_x1, &self->rubber_y1);
      strata_canvas_update_rubber (self);
      break;
    case DRAG_LINK:
      {
        gboolean over_card;

        strata_canvas_widget_to_canvas (self, x, y, &self->link_end_x, &self->link_end_y);
        strata_canvas_set_link_target (self, strata_canvas_drop_target (self, x, y, &over_card));
        gtk_widget_queue_draw (GTK_WIDGET (self));
      }
      break;
    case DRAG_PAN:
      gtk_adjustment_set_value (self->hadj, self->pan_start_h - ox);
      gtk_adjustment_set_value (self->vadj, self->pan_start_v - oy);
      break;
    case DRAG_NONE:
    default:
      break;
    }
}

/* Scroll speed along one axis, view pixels per second (< 0: toward 0). */
static double
edge_speed (double pos,
            double size)
{
  if (size < 4 * AUTOSCROLL_EDGE)
    return 0;   /* too small a view to have edges */
  if (pos < AUTOSCROLL_EDGE)
    return -AUTOSCROLL_SPEED * MIN (1.0, (AUTOSCROLL_EDGE - pos) / AUTOSCROLL_EDGE);
  if (pos > size - AUTOSCROLL_EDGE)
    return AUTOSCROLL_SPEED * MIN (1.0, (pos - (size - AUTOSCROLL_EDGE)) / AUTOSCROLL_EDGE);
  return 0;
}

/* Whether the drag in progress scrolls the view now (a move, band or link
 * with the pointer near an edge), and at what velocity. */
static gboolean
autoscroll_velocity (StrataCanvas *self,
                     double       *vx,
                     double       *vy)
{
  *vx = edge_speed (self->drag_x, gtk_widget_get_width (GTK_WIDGET (self)));
  *vy = edge_speed (self->drag_y, gtk_widget_get_height (GTK_WIDGET (self)));
  return (*vx != 0 || *vy != 0)
         && (self->drag == DRAG_MOVE || self->drag == DRAG_RUBBER || self->drag == DRAG_LINK);
}

/* Clamps a scroll target to the adjustment's current range. */
static double
within_range (GtkAdjustment *adj,
              double         value)
{
  double lower = gtk_adjustment_get_lower (adj);
  double upper = gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj);

  return CLAMP (value, lower, MAX (lower, upper));
}

static gboolean
autoscroll_tick (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       user_data)
{
  StrataCanvas *self = STRATA_CANVAS (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double dt = self->autoscroll_time > 0 ? (now - self->autoscroll_time) / (double) G_USEC_PER_SEC : 1.0 / 60;
  double h0 = gtk_adjustment_get_value (self->hadj);
  double v0 = gtk_adjustment_get_value (self->vadj);
  double vx, vy, h, v;

  if (!autoscroll_velocity (self, &vx, &vy))
    {
      self->autoscroll_id = 0;
      self->autoscroll_time = 0;
      return G_SOURCE_REMOVE;
    }
  self->autoscroll_time = now;
  dt = CLAMP (dt, 0, 0.1);   /* a stalled frame does not jump the view */
  h = h0 + vx * dt;
  v = v0 + vy * dt;
  if (self->drag != DRAG_MOVE)
    {
      h = within_range (self->hadj, h);
      v = within_range (self->vadj, v);
    }
  strata_canvas_scroll_to (self, h, v);
  self->scrolled_x += gtk_adjustment_get_value (self->hadj) - h0;
  self->scrolled_y += gtk_adjustment_get_value (self->vadj) - v0;
  strata_canvas_drag_to (self);
  return G_SOURCE_CONTINUE;
}

void
strata_canvas_stop_autoscroll (StrataCanvas *self)
{
  if (self->autoscroll_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->autoscroll_id);
  self->autoscroll_id = 0;
  self->autoscroll_time = 0;
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          ox,
                double          oy,
                StrataCanvas   *self)
{
  double vx, vy;

  self->drag_x = self->drag_start_x + ox;
  self->drag_y = self->drag_start_y + oy;
  strata_canvas_drag_to (self);
  if (self->autoscroll_id == 0 && autoscroll_velocity (self, &vx, &vy))
    self->autoscroll_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), autoscroll_tick, NULL, NULL);
}

static void
on_drag_end (GtkGestureDrag *gesture,
             double          ox,
             double          oy,
             StrataCanvas   *self)
{
  DragMode mode = self->drag;

  strata_canvas_stop_autoscroll (self);
  self->drag = DRAG_NONE;
  switch (mode)
    {
    case DRAG_MOVE:
      {
        /* The gesture's offset is in view pixels; the content moved by the
         * auto-scroll as well. */
        double mx = ox + self->scrolled_x, my = oy + self->scrolled_y;
        double dx = mx / self->zoom, dy = my / self->zoom;

        self->drag_dx = self->drag_dy = 0;
        if (fabs (mx) >= 1 || fabs (my) >= 1)
          {
            g_autofree const char **ids = strata_canvas_selected_ids (self);

            strata_canvas_model_move_nodes (self->model, ids, dx, dy, FALSE);
          }
        else if (self->press_node != NULL)
          strata_canvas_select_only (self, self->press_node);
        gtk_widget_queue_allocate (GTK_WIDGET (self));
        strata_canvas_invalidate_links (self);
      }
      break;
    case DRAG_RUBBER:
      g_clear_pointer (&self->rubber_base, g_hash_table_unref);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      break;
    case DRAG_LINK:
      {
        gboolean over_card = FALSE;

        strata_canvas_set_link_target (self, strata_canvas_drop_target (self, self->drag_start_x + ox,
                                                                        self->drag_start_y + oy, &over_card));
        strata_canvas_complete_link (self, over_card);
      }
      break;
    case DRAG_PAN:
    case DRAG_NONE:
    default:
      break;
    }
  g_clear_pointer (&self->press_node, g_free);
}

static void
on_pan_begin (GtkGestureDrag *gesture,
              double          x,
              double          y,
              StrataCanvas   *self)
{
  self->drag = DRAG_PAN;
  self->pan_start_h = gtk_adjustment_get_value (self->hadj);
  self->pan_start_v = gtk_adjustment_get_value (self->vadj);
}

static void
on_click_pressed (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  StrataCanvas    *self)
{
  StrataCanvasNodeView *view = NULL;

  if (n_press != 2)
    return;
  strata_canvas_pick (self, x, y, &view);
  if (view != NULL)
    g_signal_emit (self, strata_canvas_signals[CANVAS_SIGNAL_NODE_ACTIVATED], 0, strata_canvas_view_id (view));
}

static gboolean
on_scroll (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           StrataCanvas             *self)
{
  GdkModifierType mods = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  double step = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL ? 48.0 : 1.0;

  if (mods & GDK_CONTROL_MASK)
    {
      double x = self->pointer_inside ? self->pointer_x : gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      double y = self->pointer_inside ? self->pointer_y : gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;

      strata_canvas_set_zoom (self, self->zoom * pow (ZOOM_STEP, -dy * (step > 1 ? 1 : 0.05)), x, y);
      return TRUE;
    }
  if (mods & GDK_SHIFT_MASK && dx == 0)
    {
      dx = dy;
      dy = 0;
    }
  gtk_adjustment_set_value (self->hadj, gtk_adjustment_get_value (self->hadj) + dx * step);
  gtk_adjustment_set_value (self->vadj, gtk_adjustment_get_value (self->vadj) + dy * step);
  return TRUE;
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           StrataCanvas             *self)
{
  self->pointer_x = x;
  self->pointer_y = y;
  self->pointer_inside = TRUE;
}

static void
on_leave (GtkEventControllerMotion *controller,
          StrataCanvas             *self)
{
  self->pointer_inside = FALSE;
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                StrataCanvas          *self)
{
  if (keyval == GDK_KEY_space)
    {
      self->space_down = TRUE;
      return TRUE;
    }
  return FALSE;
}

static void
on_key_released (GtkEventControllerKey *controller,
                 guint                  keyval,
                 guint                  keycode,
                 GdkModifierType        state,
                 StrataCanvas          *self)
{
  if (keyval == GDK_KEY_space)
    self->space_down = FALSE;
}

void
strata_canvas_init_input (StrataCanvas *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *pan = gtk_gesture_drag_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *key = gtk_event_controller_key_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (pan), GDK_BUTTON_MIDDLE);
  g_signal_connect (pan, "drag-begin", G_CALLBACK (on_pan_begin), self);
  g_signal_connect (pan, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (pan, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (pan));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_click_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  g_signal_connect (key, "key-pressed", G_CALLBACK (on_key_pressed), self);
  g_signal_connect (key, "key-released", G_CALLBACK (on_key_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);
}

