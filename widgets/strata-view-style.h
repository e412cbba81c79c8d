/* strata-view-style.h — colours, text and helpers shared by the model views
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tree diagram, the confusion matrix and the rules scatter draw with
 * cairo; they take their colours from libadwaita's named colours
 * (accent_color, card_bg_color, borders, …: defined by the Adwaita
 * stylesheet for the light and the dark style alike), so they follow the
 * style manager without code of their own. Data colours come from fixed
 * palettes: GNOME's palette for classes, viridis for continuous values
 * (van der Walt & Smith, matplotlib 2015; perceptually uniform, readable in
 * grey and by the colour blind).
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Looks up libadwaita's named colour @name ("accent_color", "card_bg_color",
 * "window_fg_color", …) for @widget's style; @fallback (a "#rrggbb" or any
 * gdk_rgba_parse() string) when the stylesheet has no such colour. */
void strata_view_lookup_color (GtkWidget  *widget,
                               const char *name,
                               const char *fallback,
                               GdkRGBA    *color);

/* Colour of class @index from GNOME's palette (blue, green, yellow, orange,
 * red, purple, brown, cycling), opaque. */
void strata_view_class_color  (guint    index,
                               GdkRGBA *color);

/* Viridis at @t in [0, 1] (clamped; NaN gives grey), opaque. */
void strata_view_viridis      (double   t,
                               GdkRGBA *color);

/* Black or white, whichever reads better on @background (WCAG relative
 * luminance). */
void strata_view_contrast_ink (const GdkRGBA *background,
                               GdkRGBA       *ink);

/* Draws @text with @layout's font at (@x, @y), where (@xalign, @yalign) in
 * [0, 1] is the point of the text's logical box put there (0, 0 = top left,
 * 0.5, 0.5 = centred). Returns the text's logical width in user units. */
double strata_view_draw_text  (cairo_t     *cr,
                               PangoLayout *layout,
                               const char  *text,
                               double       x,
                               double       y,
                               double       xalign,
                               double       yalign);

/* Logical width of @text in @layout's font. */
double strata_view_text_width (PangoLayout *layout,
                               const char  *text);

/* Unparents every child of @widget (for a composite widget's dispose). */
void strata_view_unparent_children (GtkWidget *widget);

G_END_DECLS
