/* strata-canvas-actions.c — widget actions, key bindings, clipboard
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * Every keyboard command is a widget action ("canvas.*") bound with
 * gtk_widget_class_add_binding_action(), so menus and tests can trigger it
 * with gtk_widget_activate_action(). Keys whose meaning depends on the state
 * (Tab, arrows, Enter, Escape) are gtk_widget_class_add_binding() callbacks
 * that return FALSE when they do not apply, so that, for instance, Escape
 * still reaches the window's Stop when no link is being drawn.
 *
 * Copy puts the selection's JSON (strata_canvas_model_serialize()) on the
 * widget's clipboard as text; paste reads text back, so a fragment can go
 * through a text editor or another Strata window.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "strata-canvas-private.h"

#define NUDGE        10.0   /* canvas units per arrow key press */
#define PAN_STEP     48.0   /* view pixels per arrow key press without selection */
#define PASTE_STEP   32.0   /* canvas units between repeated pastes */
#define ZOOM_STEP    1.2

void
strata_canvas_update_actions (StrataCanvas *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  StrataUndoStack *stack = self->model != NULL ? strata_canvas_model_get_undo_stack (self->model) : NULL;
  gboolean any = g_hash_table_size (self->selected) > 0;

  gtk_widget_action_set_enabled (widget, "canvas.undo", stack != NULL && strata_undo_stack_can_undo (stack));
  gtk_widget_action_set_enabled (widget, "canvas.redo", stack != NULL && strata_undo_stack_can_redo (stack));
  gtk_widget_action_set_enabled (widget, "canvas.duplicate", any);
  gtk_widget_action_set_enabled (widget, "canvas.copy", any);
  gtk_widget_action_set_enabled (widget, "canvas.cut", any);
}

/* Edits on the selection */

guint
strata_canvas_delete_selection (StrataCanvas *self)
{
  g_autofree const char **ids = NULL;
  g_auto(GStrv) copy = NULL;

  g_return_val_if_fail (STRATA_IS_CANVAS (self), 0);
  if (self->model == NULL)
    return 0;
  ids = strata_canvas_selected_ids (self);
  copy = g_strdupv ((char **) ids);   /* removal frees the borrowed ids */
  return strata_canvas_model_remove_nodes (self->model, (const char * const *) copy);
}

void
strata_canvas_duplicate_selection (StrataCanvas *self)
{
  g_autofree const char **ids = NULL;
  g_autoptr(GPtrArray) copies = NULL;

  g_return_if_fail (STRATA_IS_CANVAS (self));
  if (self->model == NULL || g_hash_table_size (self->selected) == 0)
    return;
  ids = strata_canvas_selected_ids (self);
  copies = strata_canvas_model_duplicate (self->model, ids, PASTE_STEP, PASTE_STEP);
  g_ptr_array_add (copies, NULL);
  strata_canvas_set_selection (self, (const char * const *) copies->pdata);
}

char *
strata_canvas_copy_selection (StrataCanvas *self)
{
  g_autofree const char **ids = NULL;
  char *text;

  g_return_val_if_fail (STRATA_IS_CANVAS (self), NULL);
  if (self->model == NULL || g_hash_table_size (self->selected) == 0)
    return NULL;
  ids = strata_canvas_selected_ids (self);
  text = strata_canvas_model_serialize (self->model, ids);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  g_clear_pointer (&self->last_paste, g_free);
  return text;
}

gboolean
strata_canvas_paste_text (StrataCanvas  *self,
                          const char    *text,
                          GError       **error)
{
  g_autoptr(GPtrArray) ids = NULL;
  double step;

  g_return_val_if_fail (STRATA_IS_CANVAS (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (self->model != NULL, FALSE);

  if (g_strcmp0 (self->last_paste, text) == 0)
    self->paste_count++;
  else
    {
      g_free (self->last_paste);
      self->last_paste = g_strdup (text);
      self->paste_count = 1;
    }
  step = PASTE_STEP * self->paste_count;
  if (!strata_canvas_model_paste (self->model, text, step, step, &ids, error))
    return FALSE;
  g_ptr_array_add (ids, NULL);
  strata_canvas_set_selection (self, (const char * const *) ids->pdata);
  return TRUE;
}

static void
on_clipboard_text (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(StrataCanvas) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);

  if (text == NULL || self->model == NULL)
    return;
  if (!strata_canvas_paste_text (self, text, &error))
    g_debug ("canvas: clipboard is not a canvas fragment: %s", error->message);
}

void
strata_canvas_paste (StrataCanvas *self)
{
  g_return_if_fail (STRATA_IS_CANVAS (self));
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (self)), NULL,
                                 on_clipboard_text, g_object_ref (self));
}

/* Actions */

static void
action_select_all (GtkWidget *widget, const char *name, GVariant *param)
{
  strata_canvas_select_all (STRATA_CANVAS (widget));
}

static void
action_delete (GtkWidget *widget, const char *name, GVariant *param)
{
  StrataCanvas *self = STRATA_CANVAS (widget);
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  /* On a focused, fed input port: remove that link. */
  if (focus != NULL && STRATA_IS_CANVAS_PORT_VIEW (focus) && self->model != NULL)
    {
      StrataCanvasPortView *pv = STRATA_CANVAS_PORT_VIEW (focus);
      const StrataCanvasPort *port = strata_canvas_port_view_get_port (pv);

      if (port->direction == STRATA_CANVAS_PORT_INPUT
          && strata_canvas_model_unlink (self->model, strata_canvas_view_id (strata_canvas_port_view_get_node_view (pv)), port->name))
        return;
    }
  if (self->link_node != NULL && self->model != NULL)
    {
      g_autofree char *node = g_strdup (self->link_node);   /* unlinking clears */
      g_autofree char *port = g_strdup (self->link_port);   /* the selection */

      strata_canvas_model_unlink (self->model, node, port);
      return;
    }
  strata_canvas_delete_selection (self);
}

static void
action_duplicate (GtkWidget *widget, const char *name, GVariant *param)
{
  strata_canvas_duplicate_selection (STRATA_CANVAS (widget));
}

static void
action_copy (GtkWidget *widget, const char *name, GVariant *param)
{
  g_free (strata_canvas_copy_selection (STRATA_CANVAS (widget)));
}

static void
action_cut (GtkWidget *widget, const char *name, GVariant *param)
{
  g_free (strata_canvas_copy_selection (STRATA_CANVAS (widget)));
  strata_canvas_delete_selection (STRATA_CANVAS (widget));
}

static void
action_paste (GtkWidget *widget, const char *name, GVariant *param)
{
  strata_canvas_paste (STRATA_CANVAS (widget));
}

static void
action_undo (GtkWidget *widget, const char *name, GVariant *param)
{
  StrataCanvas *self = STRATA_CANVAS (widget);

  if (self->model != NULL)
    {
      strata_canvas_cancel_link (self);
      strata_undo_stack_undo (strata_canvas_model_get_undo_stack (self->model));
    }
}

static void
action_redo (GtkWidget *widget, const char *name, GVariant *param)
{
  StrataCanvas *self = STRATA_CANVAS (widget);

  if (self->model != NULL)
    {
      strata_canvas_cancel_link (self);
      strata_undo_stack_redo (strata_canvas_model_get_undo_stack (self->model));
    }
}

static void
zoom_about_center (StrataCanvas *self, double factor)
{
  strata_canvas_set_zoom (self, self->zoom * factor,
                          gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                          gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

static void
action_zoom_in (GtkWidget *widget, const char *name, GVariant *param)
{
  zoom_about_center (STRATA_CANVAS (widget), ZOOM_STEP);
}

static void
action_zoom_out (GtkWidget *widget, const char *name, GVariant *param)
{
  zoom_about_center (STRATA_CANVAS (widget), 1 / ZOOM_STEP);
}

static void
action_zoom_fit (GtkWidget *widget, const char *name, GVariant *param)
{
  strata_canvas_zoom_fit (STRATA_CANVAS (widget));
}

static void
action_zoom_reset (GtkWidget *widget, const char *name, GVariant *param)
{
  zoom_about_center (STRATA_CANVAS (widget), 1 / STRATA_CANVAS (widget)->zoom);
}

/* L: a link from the focused output port, or from the focused card's first
 * output; pressed again while linking, the source's next output. */
static void
action_start_link (GtkWidget *widget, const char *name, GVariant *param)
{
  StrataCanvas *self = STRATA_CANVAS (widget);
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));
  StrataCanvasNodeView *view = NULL;
  GPtrArray *ports;
  guint start = 0;

  if (focus != NULL && STRATA_IS_CANVAS_PORT_VIEW (focus)
      && strata_canvas_port_view_get_port (STRATA_CANVAS_PORT_VIEW (focus))->direction == STRATA_CANVAS_PORT_OUTPUT
      && self->link_source == NULL)
    {
      StrataCanvasPortView *pv = STRATA_CANVAS_PORT_VIEW (focus);

      strata_canvas_begin_link (self, strata_canvas_view_id (strata_canvas_port_view_get_node_view (pv)),
                                strata_canvas_port_view_get_port (pv)->name);
      return;
    }

  if (self->link_source != NULL)
    {
      view = strata_canvas_port_view_get_node_view (self->link_source);
      g_ptr_array_find (strata_canvas_node_view_get_ports (view), self->link_source, &start);
      start++;
    }
  else
    {
      for (GtkWidget *w = focus; w != NULL && view == NULL; w = gtk_widget_get_parent (w))
        if (STRATA_IS_CANVAS_NODE_VIEW (w))
          view = STRATA_CANVAS_NODE_VIEW (w);
    }
  if (view == NULL)
    return;

  ports = strata_canvas_node_view_get_ports (view);
  for (guint k = 0; k < ports->len; k++)
    {
      StrataCanvasPortView *pv = g_ptr_array_index (ports, (start + k) % ports->len);
      const StrataCanvasPort *port = strata_canvas_port_view_get_port (pv);

      if (port->direction == STRATA_CANVAS_PORT_OUTPUT)
        {
          strata_canvas_begin_link (self, strata_canvas_view_id (view), port->name);
          gtk_widget_grab_focus (GTK_WIDGET (pv));
          return;
        }
    }
}

static void
action_finish_link (GtkWidget *widget, const char *name, GVariant *param)
{
  strata_canvas_finish_link (STRATA_CANVAS (widget));
}

static void
action_move_selection (GtkWidget *widget, const char *name, GVariant *param)
{
  StrataCanvas *self = STRATA_CANVAS (widget);
  g_autofree const char **ids = NULL;
  double dx, dy;

  g_variant_get (param, "(dd)", &dx, &dy);
  if (self->model == NULL)
    return;
  if (g_hash_table_size (self->selected) == 0)
    {
      gtk_adjustment_set_value (self->hadj, gtk_adjustment_get_value (self->hadj) + dx / NUDGE * PAN_STEP);
      gtk_adjustment_set_value (self->vadj, gtk_adjustment_get_value (self->vadj) + dy / NUDGE * PAN_STEP);
      return;
    }
  ids = strata_canvas_selected_ids (self);
  strata_canvas_model_move_nodes (self->model, ids, dx, dy, TRUE);
}

/* The card holding the focus, or NULL. */
static GtkWidget *
focused_card (GtkWidget *canvas)
{
  for (GtkWidget *w = gtk_root_get_focus (gtk_widget_get_root (canvas)); w != NULL; w = gtk_widget_get_parent (w))
    if (STRATA_IS_CANVAS_NODE_VIEW (w))
      return w;
  return NULL;
}

/* Focus (and select) the next / previous card in model order. */
static void
action_focus_node (GtkWidget *widget, const char *name, GVariant *param)
{
  StrataCanvas *self = STRATA_CANVAS (widget);
  gboolean forward = g_variant_get_boolean (param);
  GtkWidget *current = focused_card (widget), *next;

  if (current == NULL)
    next = forward ? gtk_widget_get_first_child (widget) : gtk_widget_get_last_child (widget);
  else
    next = forward ? gtk_widget_get_next_sibling (current) : gtk_widget_get_prev_sibling (current);
  if (next == NULL)
    next = forward ? gtk_widget_get_first_child (widget) : gtk_widget_get_last_child (widget);
  if (next == NULL)
    return;
  gtk_widget_grab_focus (next);
  strata_canvas_select_only (self, strata_canvas_view_id (STRATA_CANVAS_NODE_VIEW (next)));
}

/* State-dependent keys */

/* Tab moves among cards but does not wrap: past the last card (or before
 * the first with Shift+Tab) it is not handled, so focus can leave the
 * canvas for the rest of the window — no keyboard trap. */
static gboolean
key_tab (GtkWidget *widget, GVariant *args, gpointer data)
{
  StrataCanvas *self = STRATA_CANVAS (widget);
  gboolean forward = g_variant_get_boolean (args);
  GtkWidget *card;

  if (self->link_source != NULL)
    return strata_canvas_cycle_link_target (self, forward);
  if (gtk_widget_get_first_child (widget) == NULL)
    return FALSE;
  card = focused_card (widget);
  if (card != NULL && (forward ? gtk_widget_get_next_sibling (card) : gtk_widget_get_prev_sibling (card)) == NULL)
    return FALSE;
  gtk_widget_activate_action (widget, "canvas.focus-node", "b", forward);
  return TRUE;
}

static gboolean
key_enter (GtkWidget *widget, GVariant *args, gpointer data)
{
  StrataCanvas *self = STRATA_CANVAS (widget);
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  if (self->link_source != NULL)
    {
      strata_canvas_finish_link (self);
      return TRUE;
    }
  if (focus != NULL && STRATA_IS_CANVAS_NODE_VIEW (focus))
    {
      g_signal_emit (self, strata_canvas_signals[CANVAS_SIGNAL_NODE_ACTIVATED], 0,
                     strata_canvas_view_id (STRATA_CANVAS_NODE_VIEW (focus)));
      return TRUE;
    }
  return FALSE;
}

static gboolean
key_escape (GtkWidget *widget, GVariant *args, gpointer data)
{
  StrataCanvas *self = STRATA_CANVAS (widget);

  if (self->link_source != NULL)
    {
      GtkWidget *source = GTK_WIDGET (strata_canvas_port_view_get_node_view (self->link_source));

      strata_canvas_cancel_link (self);
      gtk_widget_grab_focus (source);
      return TRUE;
    }
  if (self->drag == DRAG_MOVE)
    {
      /* The cards go back; the rest of the gesture is ignored. */
      self->drag = DRAG_NONE;
      self->drag_dx = self->drag_dy = 0;
      strata_canvas_invalidate_links (self);
      gtk_widget_queue_allocate (widget);
      return TRUE;
    }
  return FALSE;
}

void
strata_canvas_install_input (StrataCanvasClass *klass)
{
  GtkWidgetClass *wc = GTK_WIDGET_CLASS (klass);
  static const struct { guint key; double dx, dy; } arrows[] = {
    { GDK_KEY_Left, -1, 0 }, { GDK_KEY_Right, 1, 0 }, { GDK_KEY_Up, 0, -1 }, { GDK_KEY_Down, 0, 1 },
    { GDK_KEY_KP_Left, -1, 0 }, { GDK_KEY_KP_Right, 1, 0 }, { GDK_KEY_KP_Up, 0, -1 }, { GDK_KEY_KP_Down, 0, 1 },
  };

  gtk_widget_class_install_action (wc, "canvas.select-all", NULL, action_select_all);
  gtk_widget_class_install_action (wc, "canvas.delete", NULL, action_delete);
  gtk_widget_class_install_action (wc, "canvas.duplicate", NULL, action_duplicate);
  gtk_widget_class_install_action (wc, "canvas.copy", NULL, action_copy);
  gtk_widget_class_install_action (wc, "canvas.cut", NULL, action_cut);
  gtk_widget_class_install_action (wc, "canvas.paste", NULL, action_paste);
  gtk_widget_class_install_action (wc, "canvas.undo", NULL, action_undo);
  gtk_widget_class_install_action (wc, "canvas.redo", NULL, action_redo);
  gtk_widget_class_install_action (wc, "canvas.zoom-in", NULL, action_zoom_in);
  gtk_widget_class_install_action (wc, "canvas.zoom-out", NULL, action_zoom_out);
  gtk_widget_class_install_action (wc, "canvas.zoom-fit", NULL, action_zoom_fit);
  gtk_widget_class_install_action (wc, "canvas.zoom-reset", NULL, action_zoom_reset);
  gtk_widget_class_install_action (wc, "canvas.start-link", NULL, action_start_link);
  gtk_widget_class_install_action (wc, "canvas.finish-link", NULL, action_finish_link);
  gtk_widget_class_install_action (wc, "canvas.move-selection", "(dd)", action_move_selection);
  gtk_widget_class_install_action (wc, "canvas.focus-node", "b", action_focus_node);

  gtk_widget_class_add_binding_action (wc, GDK_KEY_a, GDK_CONTROL_MASK, "canvas.select-all", NULL);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_Delete, 0, "canvas.delete", NULL);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_KP_Delete, 0, "canvas.delete", NULL);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_BackSpace, 0, "canvas.delete", NULL);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_d, GDK_CONTROL_MASK, "canvas.duplicate", NULL);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_c, GDK_CONTROL_MASK, "canvas.copy", NULL);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_x, GDK_CONTROL_MASK, "canvas.cut", NULL);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_v, GDK_CONTROL_MASK, "canvas.paste", NULL);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_z, GDK_CONTROL_MASK, "canvas.undo", NULL);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "canvas.redo", NULL);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "canvas.redo", NULL);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_y, GDK_CONTROL_MASK, "canvas.redo", NULL);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_plus, GDK_CONTROL_MASK, "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_equal, GDK_CONTROL_MASK, "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_minus, GDK_CONTROL_MASK, "canvas.zoom-out", NULL);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "canvas.zoom-out", NULL);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_0, GDK_CONTROL_MASK, "canvas.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_KP_0, GDK_CONTROL_MASK, "canvas.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_1, GDK_CONTROL_MASK, "canvas.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_l, 0, "canvas.start-link", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (arrows); i++)
    {
      gtk_widget_class_add_binding_action (wc, arrows[i].key, 0, "canvas.move-selection", "(dd)",
                                           arrows[i].dx * NUDGE, arrows[i].dy * NUDGE);
      gtk_widget_class_add_binding_action (wc, arrows[i].key, GDK_SHIFT_MASK, "canvas.move-selection", "(dd)",
                                           arrows[i].dx, arrows[i].dy);
    }

  gtk_widget_class_add_binding (wc, GDK_KEY_Tab, 0, key_tab, "b", TRUE);
  gtk_widget_class_add_binding (wc, GDK_KEY_KP_Tab, 0, key_tab, "b", TRUE);
  gtk_widget_class_add_binding (wc, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK, key_tab, "b", FALSE);
  gtk_widget_class_add_binding (wc, GDK_KEY_Tab, GDK_SHIFT_MASK, key_tab, "b", FALSE);
  gtk_widget_class_add_binding (wc, GDK_KEY_Return, 0, key_enter, NULL);
  gtk_widget_class_add_binding (wc, GDK_KEY_KP_Enter, 0, key_enter, NULL);
  gtk_widget_class_add_binding (wc, GDK_KEY_Escape, 0, key_escape, NULL);
}
