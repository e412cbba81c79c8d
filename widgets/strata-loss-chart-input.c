/* strata-loss-chart-input.c — pointer input and hover overlay of the loss chart
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * Everything here is drawn over the cached chart node, so moving the
 * pointer costs the crosshair, a dot per run and one label, never a
 * re-render of the series. The label docks in the plot's top corner away
 * from the pointer. Scrolling zooms about the pointer by 1.2 per wheel step
 * (in log space on a log axis); dragging a box zooms to it (a flat box zooms
 * x only, a thin one y only); a double-click resets the view; a click on a
 * run's legend entry hides or shows that run.
 */

#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "strata-chart-ticks.h"
#include "strata-loss-chart-private.h"

#define ZOOM_STEP 1.2
#define DRAG_THRESHOLD 4.0

static void
append_hover_text (GString    *s,
                   const char *name,
                   double      value)
{
  if (isfinite (value))
    g_string_append_printf (s, "  %s %.4g", name, value);
}

/* The crosshair, a dot on each series under it and a label with the values. */
static void
snapshot_hover (StrataLossChart *self,
                GtkSnapshot     *snapshot,
                const GdkRGBA   *ink)
{
  const StrataChartLayout *L = &self->layout;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  double x = strata_chart_layout_device_to_x (L, self->pointer_x);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *head = strata_chart_format_x (self->x_axis, x);
  g_autoptr(PangoLayout) pl = NULL;
  PangoRectangle ext;
  cairo_t *cr;
  double lx, ly, bw, bh;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width,
                                                                 gtk_widget_get_height (GTK_WIDGET (self))));
  cairo_set_line_width (cr, 1.0);
  cairo_set_source_rgba (cr, ink->red, ink->green, ink->blue, 0.45);
  cairo_move_to (cr, round (self->pointer_x) + 0.5, L->plot.y);
  cairo_line_to (cr, round (self->pointer_x) + 0.5, L->plot.y + L->plot.height);
  cairo_move_to (cr, L->plot.x, round (self->pointer_y) + 0.5);
  cairo_line_to (cr, L->plot.x + L->plot.width, round (self->pointer_y) + 0.5);
  cairo_stroke (cr);

  g_string_append (text, head);
  for (guint r = 0; r < self->runs->len; r++)
    {
      StrataChartRun *run = g_ptr_array_index (self->runs, r);
      double v[STRATA_CHART_N_KINDS] = { NAN, NAN, NAN }, smooth = NAN;
      GdkRGBA color;

      if (!run->visible)
        continue;
      strata_chart_palette_color (run->color_index, &color);
      for (guint k = 0; k < STRATA_CHART_N_KINDS; k++)
        {
          gsize i;

          if (!strata_series_find_nearest (run->series[k], self->x_axis, x, &i))
            continue;
          v[k] = strata_series_get_values (run->series[k], STRATA_SERIES_RAW)[i];
          if (k == STRATA_CHART_TRAIN_LOSS)
            {
              smooth = strata_series_get_values (run->series[k], STRATA_SERIES_SMOOTHED)[i];
              if (isfinite (smooth))
                {
                  double py = strata_chart_layout_y_to_device (L, smooth);

                  /* A halo of the page colour sets the dot off its line. */
                  cairo_set_source_rgba (cr, 1 - ink->red, 1 - ink->green, 1 - ink->blue, 1.0);
                  cairo_arc (cr, self->pointer_x, py, 5.5, 0, 2 * G_PI);
                  cairo_fill (cr);
                  gdk_cairo_set_source_rgba (cr, &color);
                  cairo_arc (cr, self->pointer_x, py, 3.5, 0, 2 * G_PI);
                  cairo_fill (cr);
                }
            }
        }
      g_string_append_printf (text, "\n%s:", run->name);
      append_hover_text (text, "loss", smooth);
      append_hover_text (text, "raw", v[STRATA_CHART_TRAIN_LOSS]);
      append_hover_text (text, "val_loss", v[STRATA_CHART_VAL_LOSS]);
      append_hover_text (text, "val_accuracy", v[STRATA_CHART_VAL_ACCURACY]);
    }

  /* Label: in the plot's top corner away from the pointer, so it never
   * hides the curves under the crosshair. */
  pl = gtk_widget_create_pango_layout (GTK_WIDGET (self), text->str);
  pango_layout_get_pixel_extents (pl, NULL, &ext);
  bw = ext.width + 12;
  bh = ext.height + 8;
  ly = L->plot.y + 8;
  if (self->pointer_x > L->plot.x + L->plot.width / 2)
    lx = L->plot.x + 8;
  else
    lx = L->plot.x + L->plot.width - 8 - bw;
  lx = MAX (lx, 0);
  /* The label's page is the ink's opposite, so it reads in both styles. */
  cairo_set_source_rgba (cr, 1 - ink->red, 1 - ink->green, 1 - ink->blue, 0.92);
  cairo_rectangle (cr, lx, ly, bw, bh);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, ink->red, ink->green, ink->blue, 0.3);
  cairo_stroke (cr);
  gdk_cairo_set_source_rgba (cr, ink);
  cairo_move_to (cr, lx + 6, ly + 4);
  pango_cairo_show_layout (cr, pl);
  cairo_destroy (cr);
}

void
strata_loss_chart_snapshot_overlay (StrataLossChart *self,
                                    GtkSnapshot     *snapshot,
                                    const GdkRGBA   *ink)
{
  if (self->dragging && (fabs (self->drag_dx) > DRAG_THRESHOLD || fabs (self->drag_dy) > DRAG_THRESHOLD))
    {
      GdkRGBA fill = *ink, border = *ink;
      graphene_rect_t box = GRAPHENE_RECT_INIT (MIN (self->drag_x0, self->drag_x0 + self->drag_dx),
                                                MIN (self->drag_y0, self->drag_y0 + self->drag_dy),
                                                fabs (self->drag_dx), fabs (self->drag_dy));
      GskRoundedRect outline;

      fill.alpha = 0.08;
      border.alpha = 0.5;
      gtk_snapshot_append_color (snapshot, &fill, &box);
      gsk_rounded_rect_init_from_rect (&outline, &box, 0);
      gtk_snapshot_append_border (snapshot, &outline, (float[4]) { 1, 1, 1, 1 },
                                  (GdkRGBA[4]) { border, border, border, border });
    }
  else if (self->hovering && self->layout.has_data &&
           self->pointer_x >= self->layout.plot.x &&
           self->pointer_x <= self->layout.plot.x + self->layout.plot.width &&
           self->pointer_y >= self->layout.plot.y &&
           self->pointer_y <= self->layout.plot.y + self->layout.plot.height)
    {
      snapshot_hover (self, snapshot, ink);
    }
}

/* Input ---------------------------------------------------------------------------- */

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           StrataLossChart          *self)
{
  self->hovering = TRUE;
  self->pointer_x = x;
  self->pointer_y = y;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
leave_cb (GtkEventControllerMotion *controller,
          StrataLossChart          *self)
{
  self->hovering = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_begin_cb (GtkGestureDrag  *gesture,
               double           x,
               double           y,
               StrataLossChart *self)
{
  self->dragging = self->layout.has_data;
  self->drag_x0 = x;
  self->drag_y0 = y;
  self->drag_dx = self->drag_dy = 0;
}

static void
drag_update_cb (GtkGestureDrag  *gesture,
                double           dx,
                double           dy,
                StrataLossChart *self)
{
  self->drag_dx = dx;
  self->drag_dy = dy;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_end_cb (GtkGestureDrag  *gesture,
             double           dx,
             double           dy,
             StrataLossChart *self)
{
  const StrataChartLayout *L = &self->layout;
  double ax, bx, ay, by;

  if (!self->dragging)
    return;
  self->dragging = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (fabs (dx) <= DRAG_THRESHOLD && fabs (dy) <= DRAG_THRESHOLD)
    return;

  ax = strata_chart_layout_device_to_x (L, self->drag_x0);
  bx = strata_chart_layout_device_to_x (L, self->drag_x0 + dx);
  ay = strata_chart_layout_device_to_y (L, self->drag_y0);
  by = strata_chart_layout_device_to_y (L, self->drag_y0 + dy);
  /* A flat box zooms along x only, a thin one along y only. */
  if (fabs (dx) <= DRAG_THRESHOLD)
    ax = L->x0, bx = L->x1;
  if (fabs (dy) <= DRAG_THRESHOLD)
    ay = L->y0, by = L->y1;
  strata_loss_chart_zoom_to (self, MIN (ax, bx), MAX (ax, bx), MIN (ay, by), MAX (ay, by));
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           StrataLossChart          *self)
{
  const StrataChartLayout *L = &self->layout;
  double f = pow (ZOOM_STEP, dy);
  double cx, cy, y0, y1;

  if (!L->has_data || dy == 0)
    return FALSE;

  cx = strata_chart_layout_device_to_x (L, self->pointer_x);
  if (L->log_y)
    {
      cy = log10 (strata_chart_layout_device_to_y (L, self->pointer_y));
      y0 = pow (10.0, cy - (cy - log10 (L->y0)) * f);
      y1 = pow (10.0, cy + (log10 (L->y1) - cy) * f);
    }
  else
    {
      cy = strata_chart_layout_device_to_y (L, self->pointer_y);
      y0 = cy - (cy - L->y0) * f;
      y1 = cy + (L->y1 - cy) * f;
    }
  strata_loss_chart_zoom_to (self, cx - (cx - L->x0) * f, cx + (L->x1 - cx) * f, y0, y1);
  return TRUE;
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            StrataLossChart *self)
{
  const StrataChartLayout *L = &self->layout;

  if (n_press == 2)
    {
      strata_loss_chart_reset_view (self);
      return;
    }

  /* A click on a legend entry shows or hides that run. */
  for (guint i = 0; i < L->n_legend; i++)
    {
      const cairo_rectangle_t *b = &L->legend[i].box;

      if (x >= b->x && x < b->x + b->width && y >= b->y && y < b->y + b->height)
        {
          guint run = L->legend[i].run;

          strata_loss_chart_set_run_visible (self, run, !strata_loss_chart_get_run_visible (self, run));
          return;
        }
    }
}

void
strata_loss_chart_init_input (StrataLossChart *self)
{
  GtkEventController *motion, *scroll;
  GtkGesture *drag, *click;

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "enter", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  drag = gtk_gesture_drag_new ();
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  click = gtk_gesture_click_new ();
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}
