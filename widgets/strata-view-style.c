/* strata-view-style.c — colours, text and helpers shared by the model views
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "strata-view-style.h"

void
strata_view_lookup_color (GtkWidget  *widget,
                          const char *name,
                          const char *fallback,
                          GdkRGBA    *color)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkStyleContext *context = gtk_widget_get_style_context (widget);

  if (!gtk_style_context_lookup_color (context, name, color))
    {
      if (!gdk_rgba_parse (color, fallback))
        *color = (GdkRGBA) { 0.5, 0.5, 0.5, 1 };
    }
  G_GNUC_END_IGNORE_DEPRECATIONS
}

/* GNOME HIG palette, shade 3 (readable on both light and dark cards). */
static const guint32 class_palette[] = {
  0x3584e4, 0x33d17a, 0xf6d32d, 0xff7800, 0xe01b24, 0x9141ac, 0x986a44,
  0x62a0ea, 0x8ff0a4, 0xdc8add,
};

void
strata_view_class_color (guint    index,
                         GdkRGBA *color)
{
  guint32 c = class_palette[index % G_N_ELEMENTS (class_palette)];

  color->red = ((c >> 16) & 0xff) / 255.0;
  color->green = ((c >> 8) & 0xff) / 255.0;
  color->blue = (c & 0xff) / 255.0;
  color->alpha = 1;
}

/* matplotlib's viridis sampled at t = 0, 1/8, …, 1. */
static const double viridis[9][3] = {
  { 0.267, 0.005, 0.329 }, { 0.283, 0.141, 0.458 }, { 0.254, 0.265, 0.530 },
  { 0.207, 0.372, 0.553 }, { 0.164, 0.471, 0.558 }, { 0.128, 0.567, 0.551 },
  { 0.135, 0.659, 0.518 }, { 0.478, 0.821, 0.318 }, { 0.993, 0.906, 0.144 },
};

void
strata_view_viridis (double   t,
                     GdkRGBA *color)
{
  double f;
  int i;

  if (isnan (t))
    {
      *color = (GdkRGBA) { 0.6, 0.6, 0.6, 1 };
      return;
    }
  t = CLAMP (t, 0.0, 1.0) * 8;
  i = MIN ((int) t, 7);
  f = t - i;
  color->red = viridis[i][0] + f * (viridis[i + 1][0] - viridis[i][0]);
  color->green = viridis[i][1] + f * (viridis[i + 1][1] - viridis[i][1]);
  color->blue = viridis[i][2] + f * (viridis[i + 1][2] - viridis[i][2]);
  color->alpha = 1;
}

static double
channel_luminance (double c)
{
  return c <= 0.03928 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

void
strata_view_contrast_ink (const GdkRGBA *background,
                          GdkRGBA       *ink)
{
  double l = 0.2126 * channel_luminance (background->red)
           + 0.7152 * channel_luminance (background->green)
           + 0.0722 * channel_luminance (background->blue);

  /* Contrast with black (l + 0.05) / 0.05 against white 1.05 / (l + 0.05):
   * equal at l ≈ 0.179. */
  if (l > 0.179)
    *ink = (GdkRGBA) { 0, 0, 0, 0.87 };
  else
    *ink = (GdkRGBA) { 1, 1, 1, 1 };
}

double
strata_view_draw_text (cairo_t     *cr,
                       PangoLayout *layout,
                       const char  *text,
                       double       x,
                       double       y,
                       double       xalign,
                       double       yalign)
{
  PangoRectangle ink, logical;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_extents (layout, &ink, &logical);
  cairo_move_to (cr, x - logical.x - xalign * logical.width,
                 y - logical.y - yalign * logical.height);
  pango_cairo_show_layout (cr, layout);
  /* Leave no current point: a following arc would join it with a line. */
  cairo_new_path (cr);
  return logical.width;
}

double
strata_view_text_width (PangoLayout *layout,
                        const char  *text)
{
  PangoRectangle logical;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_extents (layout, NULL, &logical);
  return logical.width;
}

void
strata_view_unparent_children (GtkWidget *widget)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    gtk_widget_unparent (child);
}
