/* strata-tree-view-draw.c — drawing the tree diagram
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * Everything is drawn in world coordinates under one cairo transform
 * (the view's offset and zoom), edges first, then the cards, so a card
 * always covers the edges that meet it. Cards outside the widget are
 * skipped; below a zoom of 0.3 the text is skipped too (it would be
 * unreadable) and the cards keep only their class bar, so a large tree
 * seen whole still shows where the classes separate. The class legend is
 * drawn last, in widget coordinates, so it neither zooms nor pans.
 *
 * Colours: libadwaita's named colours (strata-view-style.h). Cards are
 * filled with view_bg_color before card_bg_color because Adwaita's dark
 * card colour is translucent. A leaf is tinted with its predicted class's
 * colour, more strongly the purer it is (as scikit-learn's plot_tree with
 * filled=True).
 */

#include "config.h"

#include <math.h>

#include "strata-tree-view-private.h"
#include "strata-view-style.h"

typedef struct
{
  GdkRGBA fg, dim, card, base, border, accent, accent_bg;
  PangoLayout *bold, *text, *small;
} Style;

static void
rounded_rect (cairo_t               *cr,
              const graphene_rect_t *r,
              double                 radius)
{
  double x = r->origin.x, y = r->origin.y, w = r->size.width, h = r->size.height;

  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + w - radius, y + h - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + h - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static PangoLayout *
make_layout (cairo_t              *cr,
             PangoFontDescription *base,
             int                   size_pt,
             PangoWeight           weight)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_copy (base);

  pango_font_description_set_size (desc, size_pt * PANGO_SCALE);
  pango_font_description_set_weight (desc, weight);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  return layout;
}

static void
draw_edges (StrataTreeView *self,
            cairo_t        *cr,
            const Style    *style,
            gboolean        with_text)
{
  for (guint i = 0; i < self->n_nodes; i++)
    {
      int children[2] = { self->left[i], self->right[i] };
      graphene_rect_t p;

      if (isnan (self->x[i]) || self->collapsed[i])
        continue;
      strata_tree_view_world_rect (self, i, &p);
      for (guint c = 0; c < 2; c++)
        {
          graphene_rect_t r;
          double x0, y0, x1, y1, ym;
          gboolean lit;

          if (children[c] < 0)
            continue;
          strata_tree_view_world_rect (self, children[c], &r);
          x0 = p.origin.x + p.size.width / 2;
          y0 = p.origin.y + p.size.height;
          x1 = r.origin.x + r.size.width / 2;
          y1 = r.origin.y;
          ym = (y0 + y1) / 2;
          lit = strata_tree_view_is_on_path (self, children[c]);
          cairo_move_to (cr, x0, y0);
          cairo_curve_to (cr, x0, ym, x1, ym, x1, y1);
          gdk_cairo_set_source_rgba (cr, lit ? &style->accent : &style->dim);
          cairo_set_line_width (cr, lit ? 3.0 : 1.25);
          cairo_stroke (cr);
          if (with_text)
            {
              gdk_cairo_set_source_rgba (cr, lit ? &style->accent : &style->dim);
              /* Beside the edge's vertical end, on the outer side: the
               * edge arrives there from the parent's side. */
              strata_view_draw_text (cr, style->small, c == 0 ? "yes" : "no",
                                     x1 + (c == 0 ? -5 : 5), y1 - 3,
                                     c == 0 ? 1.0 : 0.0, 1.0);
            }
        }
    }
}

static void
draw_class_bar (StrataTreeView        *self,
                cairo_t               *cr,
                guint                  node,
                const graphene_rect_t *r)
{
  const double *value = strata_tree_get_node_value (self->tree, node);
  guint n_classes = strata_tree_get_n_classes (self->tree);
  double total = 0, x = r->origin.x + 10, width = r->size.width - 20;
  double y = r->origin.y + r->size.height - 16;
  graphene_rect_t bar = GRAPHENE_RECT_INIT (x, y, width, 8);

  for (guint c = 0; c < n_classes; c++)
    total += value[c];
  if (total <= 0)
    return;
  cairo_save (cr);
  rounded_rect (cr, &bar, 3);
  cairo_clip (cr);
  for (guint c = 0; c < n_classes; c++)
    {
      GdkRGBA color;
      double w = width * value[c] / total;

      strata_view_class_color (c, &color);
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_rectangle (cr, x, y, w, 8);
      cairo_fill (cr);
      x += w;
    }
  cairo_restore (cr);
}

static void
draw_toggle (cairo_t               *cr,
             const Style           *style,
             const graphene_rect_t *r,
             gboolean               collapsed)
{
  double cx = r->origin.x + r->size.width / 2, cy = r->origin.y + r->size.height;
  double arm = TREE_TOGGLE_RADIUS * 0.5;

  cairo_arc (cr, cx, cy, TREE_TOGGLE_RADIUS, 0, 2 * G_PI);
  gdk_cairo_set_source_rgba (cr, collapsed ? &style->accent_bg : &style->base);
  cairo_fill_preserve (cr);
  gdk_cairo_set_source_rgba (cr, collapsed ? &style->accent_bg : &style->border);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  if (collapsed)
    {
      GdkRGBA ink;

      strata_view_contrast_ink (&style->accent_bg, &ink);
      gdk_cairo_set_source_rgba (cr, &ink);
    }
  else
    gdk_cairo_set_source_rgba (cr, &style->fg);
  cairo_set_line_width (cr, 1.5);
  cairo_move_to (cr, cx - arm, cy);
  cairo_line_to (cr, cx + arm, cy);
  if (collapsed)
    {
      cairo_move_to (cr, cx, cy - arm);
      cairo_line_to (cr, cx, cy + arm);
    }
  cairo_stroke (cr);
}

static void
draw_card_text (StrataTreeView        *self,
                cairo_t               *cr,
                const Style           *style,
                guint                  node,
                const StrataTreeNode  *n,
                const graphene_rect_t *r)
{
  const double *value = strata_tree_get_node_value (self->tree, node);
  gboolean classifier = strata_tree_is_classifier (self->tree);
  double x = r->origin.x + 10, y = r->origin.y + 8;
  g_autofree char *title = NULL;
  g_autofree char *samples = NULL;
  g_autofree char *impurity = NULL;
  g_autofree char *extra = NULL;

  if (n->feature >= 0)
    title = strata_tree_view_dup_split (self, node);
  else if (classifier)
    title = g_strdup_printf ("class = %s",
                             strata_tree_get_class (self->tree,
                                                    strata_tree_view_node_class (self, node)));
  else
    title = g_strdup_printf ("value = %.4g", value[0]);
  samples = g_strdup_printf ("samples = %" G_GSIZE_FORMAT, n->n_samples);
  impurity = g_strdup_printf ("%s = %.3f",
                              strata_tree_criterion_to_string (strata_tree_get_criterion (self->tree)),
                              n->impurity);
  if (!classifier && n->feature >= 0)
    extra = g_strdup_printf ("value = %.4g", value[0]);

  pango_layout_set_width (style->bold, (int) ((r->size.width - 20) * PANGO_SCALE));
  pango_layout_set_ellipsize (style->bold, PANGO_ELLIPSIZE_END);
  gdk_cairo_set_source_rgba (cr, &style->fg);
  strata_view_draw_text (cr, style->bold, title, x, y, 0, 0);
  gdk_cairo_set_source_rgba (cr, &style->dim);
  strata_view_draw_text (cr, style->text, samples, x, y + 20, 0, 0);
  strata_view_draw_text (cr, style->text, impurity, x, y + 37, 0, 0);
  if (extra != NULL)
    strata_view_draw_text (cr, style->text, extra, x, y + 54, 0, 0);
}

/* Nodes under @node (its subtree without it). */
static guint
count_descendants (StrataTreeView *self,
                   guint           node)
{
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (int));
  guint count = 0;
  int i = node;

  g_array_append_val (stack, i);
  while (stack->len > 0)
    {
      i = g_array_index (stack, int, stack->len - 1);
      g_array_set_size (stack, stack->len - 1);
      count++;
      if (self->left[i] >= 0)
        g_array_append_val (stack, self->left[i]);
      if (self->right[i] >= 0)
        g_array_append_val (stack, self->right[i]);
    }
  return count - 1;
}

static void
draw_cards (StrataTreeView        *self,
            cairo_t               *cr,
            const Style           *style,
            const graphene_rect_t *visible,
            gboolean               with_text)
{
  gboolean classifier = strata_tree_is_classifier (self->tree);

  for (guint i = 0; i < self->n_nodes; i++)
    {
      StrataTreeNode n;
      graphene_rect_t r, grown;
      gboolean internal = self->left[i] >= 0 || self->right[i] >= 0;
      gboolean lit = strata_tree_view_is_on_path (self, i);

      if (isnan (self->x[i]))
        continue;
      strata_tree_view_world_rect (self, i, &r);
      graphene_rect_inset_r (&r, -TREE_TOGGLE_RADIUS - 6, -TREE_TOGGLE_RADIUS - 6, &grown);
      if (!graphene_rect_intersection (&grown, visible, NULL))
        continue;
      strata_tree_get_node (self->tree, i, &n);

      if (self->collapsed[i])
        {
          /* A folded subtree: a second card peeks out behind. */
          graphene_rect_t behind;

          graphene_rect_offset_r (&r, 5, 5, &behind);
          rounded_rect (cr, &behind, 8);
          gdk_cairo_set_source_rgba (cr, &style->base);
          cairo_fill_preserve (cr);
          gdk_cairo_set_source_rgba (cr, &style->border);
          cairo_set_line_width (cr, 1);
          cairo_stroke (cr);
        }

      rounded_rect (cr, &r, 8);
      gdk_cairo_set_source_rgba (cr, &style->base);
      cairo_fill_preserve (cr);
      gdk_cairo_set_source_rgba (cr, &style->card);
      cairo_fill_preserve (cr);
      if (!internal && classifier)
        {
          const double *value = strata_tree_get_node_value (self->tree, i);
          guint best = strata_tree_view_node_class (self, i);
          double total = 0;
          GdkRGBA tint;

          for (guint c = 0; c < strata_tree_get_n_classes (self->tree); c++)
            total += value[c];
          strata_view_class_color (best, &tint);
          tint.alpha = total > 0 ? 0.06 + 0.22 * value[best] / total : 0.06;
          gdk_cairo_set_source_rgba (cr, &tint);
          cairo_fill_preserve (cr);
        }
      if ((int) i == self->selected)
        {
          gdk_cairo_set_source_rgba (cr, &style->accent_bg);
          cairo_set_line_width (cr, 3);
        }
      else if (lit)
        {
          gdk_cairo_set_source_rgba (cr, &style->accent);
          cairo_set_line_width (cr, 2);
        }
      else
        {
          gdk_cairo_set_source_rgba (cr, &style->border);
          cairo_set_line_width (cr, 1);
        }
      cairo_stroke (cr);

      if (with_text)
        draw_card_text (self, cr, style, i, &n, &r);
      if (classifier)
        draw_class_bar (self, cr, i, &r);
      if (internal)
        draw_toggle (cr, style, &r, self->collapsed[i]);
      if (self->collapsed[i] && with_text)
        {
          g_autofree char *folded = g_strdup_printf ("%u nodes folded",
                                                     count_descendants (self, i));

          gdk_cairo_set_source_rgba (cr, &style->dim);
          strata_view_draw_text (cr, style->small, folded,
                                 r.origin.x + r.size.width / 2 + TREE_TOGGLE_RADIUS + 4,
                                 r.origin.y + r.size.height + 3, 0, 0);
        }
    }
}

/* Class swatches in the top left corner, in widget coordinates. */
static void
draw_legend (StrataTreeView *self,
             cairo_t        *cr,
             const Style    *style)
{
  guint n = strata_tree_get_n_classes (self->tree);
  double width = 0, x = 12, y = 12, row = 20;
  graphene_rect_t box;

  if (n == 0)
    return;
  for (guint c = 0; c < n; c++)
    width = MAX (width, strata_view_text_width (style->text, strata_tree_get_class (self->tree, c)));
  box = GRAPHENE_RECT_INIT (x, y, width + 40, n * row + 12);
  rounded_rect (cr, &box, 6);
  gdk_cairo_set_source_rgba (cr, &style->base);
  cairo_fill_preserve (cr);
  gdk_cairo_set_source_rgba (cr, &style->card);
  cairo_fill_preserve (cr);
  gdk_cairo_set_source_rgba (cr, &style->border);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  for (guint c = 0; c < n; c++)
    {
      GdkRGBA color;
      double cy = y + 6 + row * c + row / 2;

      strata_view_class_color (c, &color);
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_rectangle (cr, x + 10, cy - 5, 12, 10);
      cairo_fill (cr);
      gdk_cairo_set_source_rgba (cr, &style->fg);
      strata_view_draw_text (cr, style->text, strata_tree_get_class (self->tree, c),
                             x + 30, cy, 0, 0.5);
    }
}

void
strata_tree_view_draw (StrataTreeView *self,
                       cairo_t        *cr,
                       int             width,
                       int             height)
{
  GtkWidget *widget = GTK_WIDGET (self);
  PangoFontDescription *font;
  gboolean with_text = self->zoom >= 0.3;
  graphene_rect_t visible;
  Style style;

  if (self->tree == NULL)
    return;

  strata_view_lookup_color (widget, "window_fg_color", "rgba(0,0,0,0.8)", &style.fg);
  style.dim = style.fg;
  style.dim.alpha *= 0.6;
  strata_view_lookup_color (widget, "view_bg_color", "#ffffff", &style.base);
  strata_view_lookup_color (widget, "card_bg_color", "#ffffff", &style.card);
  strata_view_lookup_color (widget, "accent_color", "#1c71d8", &style.accent);
  strata_view_lookup_color (widget, "accent_bg_color", "#3584e4", &style.accent_bg);
  style.border = style.fg;
  style.border.alpha *= 0.25;

  font = pango_font_description_copy (pango_context_get_font_description (gtk_widget_get_pango_context (widget)));
  style.bold = make_layout (cr, font, 10, PANGO_WEIGHT_BOLD);
  style.text = make_layout (cr, font, 9, PANGO_WEIGHT_NORMAL);
  style.small = make_layout (cr, font, 8, PANGO_WEIGHT_NORMAL);

  graphene_rect_init (&visible, -self->ox / self->zoom, -self->oy / self->zoom,
                      width / self->zoom, height / self->zoom);
  cairo_save (cr);
  cairo_translate (cr, self->ox, self->oy);
  cairo_scale (cr, self->zoom, self->zoom);
  pango_cairo_update_layout (cr, style.bold);
  pango_cairo_update_layout (cr, style.text);
  pango_cairo_update_layout (cr, style.small);
  draw_edges (self, cr, &style, with_text);
  draw_cards (self, cr, &style, &visible, with_text);
  cairo_restore (cr);

  pango_cairo_update_layout (cr, style.text);
  draw_legend (self, cr, &style);

  g_object_unref (style.bold);
  g_object_unref (style.text);
  g_object_unref (style.small);
  pango_font_description_free (font);
}
