/* strata-rules-scatter.c — support vs confidence of association rules
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * The points are drawn in increasing lift, so the interesting rules (high
 * lift) lie on top where points crowd; the order is computed once per
 * rules object. The axes are fitted to the data with Heckbert's nice
 * ticks (strata-chart-ticks.h, shared with the loss chart) and a small
 * margin, so points never sit on the frame. Hit testing scans every
 * point: a few microseconds per thousand rules, on a click only.
 */

#include "config.h"

#include <math.h>

#include "strata-chart-ticks.h"
#include "strata-rules-scatter.h"
#include "strata-view-style.h"

struct _StrataRulesScatter
{
  GtkWidget    parent_instance;

  StrataRules *rules;          /* owned reference, or NULL */
  gsize        n_rules;
  guint       *order;          /* [n_rules] indices by increasing lift */
  gboolean    *dimmed;         /* [n_rules] */
  int          selected;
  double       x0, x1, y0, y1; /* data window */
  double       lift_min, lift_max;
};

G_DEFINE_FINAL_TYPE (StrataRulesScatter, strata_rules_scatter, GTK_TYPE_WIDGET)

enum {
  SIGNAL_RULE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Plot area margins, pixels. */
#define PAD_LEFT    56
#define PAD_RIGHT   84     /* room for the lift legend */
#define PAD_TOP     16
#define PAD_BOTTOM  44
#define HIT_RADIUS  8.0

static int
compare_lift (gconstpointer a,
              gconstpointer b,
              gpointer      data)
{
  StrataRules *rules = data;
  double la = strata_rules_get_measure (rules, *(const guint *) a, STRATA_RULE_LIFT);
  double lb = strata_rules_get_measure (rules, *(const guint *) b, STRATA_RULE_LIFT);

  return (la > lb) - (la < lb);
}

/* A window slightly larger than [lo, hi], never empty. */
static void
pad_range (double  lo,
           double  hi,
           double *out_lo,
           double *out_hi)
{
  double span = hi - lo;

  if (span <= 0)
    span = MAX (fabs (hi) * 0.1, 0.01);
  *out_lo = lo - span * 0.05;
  *out_hi = hi + span * 0.05;
}

void
strata_rules_scatter_set_rules (StrataRulesScatter *self,
                                StrataRules        *rules)
{
  double smin = INFINITY, smax = -INFINITY, cmin = INFINITY, cmax = -INFINITY;

  g_return_if_fail (STRATA_IS_RULES_SCATTER (self));

  if (rules != NULL)
    strata_rules_ref (rules);
  g_clear_pointer (&self->rules, strata_rules_unref);
  g_clear_pointer (&self->order, g_free);
  g_clear_pointer (&self->dimmed, g_free);
  self->rules = rules;
  self->n_rules = rules != NULL ? strata_rules_get_n_rules (rules) : 0;
  self->selected = -1;
  self->lift_min = INFINITY;
  self->lift_max = -INFINITY;

  self->order = g_new (guint, self->n_rules);
  self->dimmed = g_new0 (gboolean, self->n_rules);
  for (gsize i = 0; i < self->n_rules; i++)
    {
      double s = strata_rules_get_measure (rules, i, STRATA_RULE_SUPPORT);
      double c = strata_rules_get_measure (rules, i, STRATA_RULE_CONFIDENCE);
      double l = strata_rules_get_measure (rules, i, STRATA_RULE_LIFT);

      self->order[i] = i;
      smin = MIN (smin, s);
      smax = MAX (smax, s);
      cmin = MIN (cmin, c);
      cmax = MAX (cmax, c);
      self->lift_min = MIN (self->lift_min, l);
      self->lift_max = MAX (self->lift_max, l);
    }
  if (self->n_rules > 0)
    {
      g_qsort_with_data (self->order, self->n_rules, sizeof (guint), compare_lift, rules);
      pad_range (smin, smax, &self->x0, &self->x1);
      pad_range (cmin, cmax, &self->y0, &self->y1);
      self->x0 = MAX (self->x0, 0);
      self->y1 = MIN (self->y1, 1.0 + (self->y1 - self->y0) * 0.02);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
strata_rules_scatter_set_selected (StrataRulesScatter *self,
                                   int                 rule)
{
  g_return_if_fail (STRATA_IS_RULES_SCATTER (self));
  g_return_if_fail (rule >= -1 && rule < (gssize) self->n_rules);

  if (self->selected == rule)
    return;
  self->selected = rule;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

int
strata_rules_scatter_get_selected (StrataRulesScatter *self)
{
  g_return_val_if_fail (STRATA_IS_RULES_SCATTER (self), -1);
  return self->selected;
}

void
strata_rules_scatter_set_dimmed (StrataRulesScatter *self,
                                 gsize               rule,
                                 gboolean            dimmed)
{
  g_return_if_fail (STRATA_IS_RULES_SCATTER (self));
  g_return_if_fail (rule < self->n_rules);

  self->dimmed[rule] = !!dimmed;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
strata_rules_scatter_dim_all (StrataRulesScatter *self,
                              gboolean            dimmed)
{
  g_return_if_fail (STRATA_IS_RULES_SCATTER (self));

  for (gsize i = 0; i < self->n_rules; i++)
    self->dimmed[i] = !!dimmed;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Data → pixels in a plot of @width × @height. */
static void
to_pixels (StrataRulesScatter *self,
           double              support,
           double              confidence,
           int                 width,
           int                 height,
           graphene_point_t   *p)
{
  double pw = width - PAD_LEFT - PAD_RIGHT, ph = height - PAD_TOP - PAD_BOTTOM;

  p->x = PAD_LEFT + (support - self->x0) / (self->x1 - self->x0) * pw;
  p->y = PAD_TOP + ph - (confidence - self->y0) / (self->y1 - self->y0) * ph;
}

gboolean
strata_rules_scatter_get_point (StrataRulesScatter *self,
                                gsize               rule,
                                graphene_point_t   *point)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  g_return_val_if_fail (STRATA_IS_RULES_SCATTER (self), FALSE);

  if (rule >= self->n_rules || width <= PAD_LEFT + PAD_RIGHT || height <= PAD_TOP + PAD_BOTTOM)
    return FALSE;
  to_pixels (self, strata_rules_get_measure (self->rules, rule, STRATA_RULE_SUPPORT),
             strata_rules_get_measure (self->rules, rule, STRATA_RULE_CONFIDENCE),
             width, height, point);
  return TRUE;
}

int
strata_rules_scatter_rule_at (StrataRulesScatter *self,
                              double              x,
                              double              y)
{
  double best_d = HIT_RADIUS;
  int best = -1;

  g_return_val_if_fail (STRATA_IS_RULES_SCATTER (self), -1);

  /* Later in the drawing order is on top: it wins ties (<=). */
  for (gsize k = 0; k < self->n_rules; k++)
    {
      guint i = self->order[k];
      graphene_point_t p;
      double d;

      if (self->dimmed[i] || !strata_rules_scatter_get_point (self, i, &p))
        continue;
      d = hypot (p.x - x, p.y - y);
      if (d <= best_d)
        {
          best_d = d;
          best = i;
        }
    }
  return best;
}

/* Drawing ------------------------------------------------------------------------------- */

static void
draw_axes (StrataRulesScatter *self,
           cairo_t            *cr,
           PangoLayout        *layout,
           int                 width,
           int                 height,
           const GdkRGBA      *fg,
           const GdkRGBA      *grid)
{
  StrataChartTick ticks[STRATA_CHART_MAX_TICKS];
  double pw = width - PAD_LEFT - PAD_RIGHT, ph = height - PAD_TOP - PAD_BOTTOM;
  guint n;

  cairo_set_line_width (cr, 1);
  n = strata_chart_linear_ticks (self->x0, self->x1, MAX (2, pw / 80), ticks);
  for (guint t = 0; t < n; t++)
    {
      graphene_point_t p;

      to_pixels (self, ticks[t].value, self->y0, width, height, &p);
      gdk_cairo_set_source_rgba (cr, grid);
      cairo_move_to (cr, round (p.x) + 0.5, PAD_TOP);
      cairo_line_to (cr, round (p.x) + 0.5, PAD_TOP + ph);
      cairo_stroke (cr);
      if (!ticks[t].minor)
        {
          gdk_cairo_set_source_rgba (cr, fg);
          strata_view_draw_text (cr, layout, ticks[t].label, p.x, PAD_TOP + ph + 4, 0.5, 0);
        }
    }
  n = strata_chart_linear_ticks (self->y0, self->y1, MAX (2, ph / 50), ticks);
  for (guint t = 0; t < n; t++)
    {
      graphene_point_t p;

      to_pixels (self, self->x0, ticks[t].value, width, height, &p);
      gdk_cairo_set_source_rgba (cr, grid);
      cairo_move_to (cr, PAD_LEFT, round (p.y) + 0.5);
      cairo_line_to (cr, PAD_LEFT + pw, round (p.y) + 0.5);
      cairo_stroke (cr);
      if (!ticks[t].minor)
        {
          gdk_cairo_set_source_rgba (cr, fg);
          strata_view_draw_text (cr, layout, ticks[t].label, PAD_LEFT - 6, p.y, 1, 0.5);
        }
    }
  gdk_cairo_set_source_rgba (cr, fg);
  strata_view_draw_text (cr, layout, "support", PAD_LEFT + pw / 2, height - 4, 0.5, 1);
  cairo_save (cr);
  cairo_translate (cr, 4, PAD_TOP + ph / 2);
  cairo_rotate (cr, -G_PI / 2);
  strata_view_draw_text (cr, layout, "confidence", 0, 0, 0.5, 0);
  cairo_restore (cr);
}

static void
draw_legend (StrataRulesScatter *self,
             cairo_t            *cr,
             PangoLayout        *layout,
             int                 width,
             int                 height,
             const GdkRGBA      *fg)
{
  double x = width - PAD_RIGHT + 20, top = PAD_TOP + 18, h = MIN (160, height - PAD_TOP - PAD_BOTTOM - 18);
  cairo_pattern_t *gradient;
  char buf[32];

  if (h < 20)
    return;
  gradient = cairo_pattern_create_linear (0, top + h, 0, top);
  for (int s = 0; s <= 8; s++)
    {
      GdkRGBA c;

      strata_view_viridis (s / 8.0, &c);
      cairo_pattern_add_color_stop_rgb (gradient, s / 8.0, c.red, c.green, c.blue);
    }
  cairo_set_source (cr, gradient);
  cairo_rectangle (cr, x, top, 12, h);
  cairo_fill (cr);
  cairo_pattern_destroy (gradient);

  gdk_cairo_set_source_rgba (cr, fg);
  strata_view_draw_text (cr, layout, "lift", x, PAD_TOP, 0, 0);
  g_snprintf (buf, sizeof buf, "%.3g", self->lift_max);
  strata_view_draw_text (cr, layout, buf, x + 16, top, 0, 0);
  g_snprintf (buf, sizeof buf, "%.3g", self->lift_min);
  strata_view_draw_text (cr, layout, buf, x + 16, top + h, 0, 1);
}

static void
strata_rules_scatter_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  StrataRulesScatter *self = STRATA_RULES_SCATTER (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  double lift_span;
  GdkRGBA fg, grid, faded, outline, accent;
  PangoLayout *layout;
  cairo_t *cr;

  if (self->n_rules == 0 || width <= PAD_LEFT + PAD_RIGHT || height <= PAD_TOP + PAD_BOTTOM)
    return;

  strata_view_lookup_color (widget, "window_fg_color", "rgba(0,0,0,0.8)", &fg);
  strata_view_lookup_color (widget, "accent_color", "#1c71d8", &accent);
  grid = fg;
  grid.alpha *= 0.12;
  faded = fg;
  faded.alpha *= 0.12;
  outline = fg;
  outline.alpha *= 0.45;
  lift_span = self->lift_max - self->lift_min;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  layout = gtk_widget_create_pango_layout (widget, NULL);
  draw_axes (self, cr, layout, width, height, &fg, &grid);

  for (int pass = 0; pass < 2; pass++)
    for (gsize k = 0; k < self->n_rules; k++)
      {
        guint i = self->order[k];
        graphene_point_t p;
        GdkRGBA color;

        /* Dimmed points first, under the lit ones. */
        if (self->dimmed[i] != (pass == 0))
          continue;
        strata_rules_scatter_get_point (self, i, &p);
        if (self->dimmed[i])
          color = faded;
        else
          strata_view_viridis (lift_span > 0
                               ? (strata_rules_get_measure (self->rules, i, STRATA_RULE_LIFT)
                                  - self->lift_min) / lift_span
                               : 0.5, &color);
        cairo_arc (cr, p.x, p.y, 3.5, 0, 2 * G_PI);
        gdk_cairo_set_source_rgba (cr, &color);
        if (self->dimmed[i])
          cairo_fill (cr);
        else
          {
            /* An outline in the ink keeps viridis's dark end visible on
             * the dark style's page. */
            cairo_fill_preserve (cr);
            gdk_cairo_set_source_rgba (cr, &outline);
            cairo_set_line_width (cr, 0.8);
            cairo_stroke (cr);
          }
      }

  if (self->selected >= 0)
    {
      graphene_point_t p;

      strata_rules_scatter_get_point (self, self->selected, &p);
      cairo_set_line_width (cr, 2.5);
      gdk_cairo_set_source_rgba (cr, &accent);
      cairo_arc (cr, p.x, p.y, 8, 0, 2 * G_PI);
      cairo_stroke (cr);
    }

  draw_legend (self, cr, layout, width, height, &fg);
  g_object_unref (layout);
  cairo_destroy (cr);
}

static void
pressed (GtkGestureClick    *gesture,
         int                 n_press,
         double              x,
         double              y,
         StrataRulesScatter *self)
{
  int rule = strata_rules_scatter_rule_at (self, x, y);

  if (rule >= 0)
    {
      strata_rules_scatter_set_selected (self, rule);
      g_signal_emit (self, signals[SIGNAL_RULE_ACTIVATED], 0, rule);
    }
}

static void
strata_rules_scatter_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? PAD_LEFT + PAD_RIGHT + 80
                                                       : PAD_TOP + PAD_BOTTOM + 80;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 480 : 360;
}

static void
strata_rules_scatter_css_changed (GtkWidget         *widget,
                                  GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (strata_rules_scatter_parent_class)->css_changed (widget, change);
  gtk_widget_queue_draw (widget);
}

static void
strata_rules_scatter_finalize (GObject *object)
{
  StrataRulesScatter *self = STRATA_RULES_SCATTER (object);

  g_clear_pointer (&self->rules, strata_rules_unref);
  g_free (self->order);
  g_free (self->dimmed);
  G_OBJECT_CLASS (strata_rules_scatter_parent_class)->finalize (object);
}

static void
strata_rules_scatter_class_init (StrataRulesScatterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = strata_rules_scatter_finalize;
  widget_class->snapshot = strata_rules_scatter_snapshot;
  widget_class->measure = strata_rules_scatter_measure;
  widget_class->css_changed = strata_rules_scatter_css_changed;

  /**
   * StrataRulesScatter::rule-activated:
   * @rule: index of the rule clicked
   */
  signals[SIGNAL_RULE_ACTIVATED] =
    g_signal_new ("rule-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_set_css_name (widget_class, "rulesscatter");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
strata_rules_scatter_init (StrataRulesScatter *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  self->selected = -1;
  g_signal_connect (click, "pressed", G_CALLBACK (pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  "Rules: support against confidence, coloured by lift", -1);
}

GtkWidget *
strata_rules_scatter_new (void)
{
  return g_object_new (STRATA_TYPE_RULES_SCATTER, NULL);
}
