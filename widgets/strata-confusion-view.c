/* strata-confusion-view.c — confusion matrix heat map with per-class scores
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * The view copies the matrix, the per-class scores and the class names
 * when metrics are set, so the caller may free its metrics at once. It is
 * a vertical box: a toggle ("Row-normalised"), then the heat map (a
 * GtkDrawingArea drawn with cairo) beside a GtkGrid of labels with the
 * per-class scores (real labels, so they are selectable and read by screen
 * readers), then the summary label. The heat map's colour is the cell's
 * shown value over the largest shown value, blended from the view's
 * background to libadwaita's accent colour; the text on a cell is black or
 * white, whichever contrasts more. A vertical scale beside the matrix gives
 * the colour's meaning.
 */

#include "config.h"

#include <math.h>

#include "strata-confusion-view.h"
#include "strata-view-style.h"

struct _StrataConfusionView
{
  GtkWidget    parent_instance;

  /* Children (owned by the widget tree). */
  GtkWidget   *toggle;
  GtkWidget   *heat_map;       /* GtkDrawingArea */
  GtkWidget   *table;          /* GtkGrid */
  GtkWidget   *summary;        /* GtkLabel */

  /* Copied from the metrics. */
  guint        n_classes;
  gsize       *confusion;      /* [n_classes × n_classes], row = true */
  gsize       *support;        /* [n_classes] */
  char       **names;          /* [n_classes + 1], NULL-terminated */

  gboolean     normalize;
};

G_DEFINE_FINAL_TYPE (StrataConfusionView, strata_confusion_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_NORMALIZE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define CELL_SIZE   80
#define MAX_SIDE   320     /* the most the matrix asks for, in pixels */
#define LABEL_SPACE 96     /* left of the matrix: row names and axis title */
#define TOP_SPACE    8
#define BELOW_SPACE 56     /* under the matrix: column names and axis title */
#define SCALE_SPACE 64

double
strata_confusion_view_get_cell_value (StrataConfusionView *self,
                                      guint                true_class,
                                      guint                predicted_class)
{
  gsize count;

  g_return_val_if_fail (STRATA_IS_CONFUSION_VIEW (self), NAN);
  g_return_val_if_fail (true_class < self->n_classes && predicted_class < self->n_classes, NAN);

  count = self->confusion[true_class * self->n_classes + predicted_class];
  if (!self->normalize)
    return count;
  return self->support[true_class] > 0 ? (double) count / self->support[true_class] : NAN;
}

char *
strata_confusion_view_dup_cell_text (StrataConfusionView *self,
                                     guint                true_class,
                                     guint                predicted_class)
{
  double v = strata_confusion_view_get_cell_value (self, true_class, predicted_class);

  if (isnan (v))
    return g_strdup ("–");
  if (!self->normalize)
    return g_strdup_printf ("%.0f", v);
  return g_strdup_printf ("%.2f", v);
}

const char *
strata_confusion_view_get_table_text (StrataConfusionView   *self,
                                      guint                  class_index,
                                      StrataConfusionColumn  column)
{
  GtkWidget *label;

  g_return_val_if_fail (STRATA_IS_CONFUSION_VIEW (self), NULL);
  g_return_val_if_fail (class_index < self->n_classes, NULL);

  label = gtk_grid_get_child_at (GTK_GRID (self->table), column, class_index + 1);
  return label != NULL ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

const char *
strata_confusion_view_get_summary (StrataConfusionView *self)
{
  g_return_val_if_fail (STRATA_IS_CONFUSION_VIEW (self), NULL);
  return gtk_label_get_text (GTK_LABEL (self->summary));
}

/* Heat map ---------------------------------------------------------------------------- */

static double
largest_value (StrataConfusionView *self)
{
  double max = 0;

  for (guint r = 0; r < self->n_classes; r++)
    for (guint c = 0; c < self->n_classes; c++)
      {
        double v = strata_confusion_view_get_cell_value (self, r, c);

        if (!isnan (v))
          max = MAX (max, v);
      }
  return max;
}

static void
blend (const GdkRGBA *a,
       const GdkRGBA *b,
       double         t,
       GdkRGBA       *out)
{
  out->red = a->red + t * (b->red - a->red);
  out->green = a->green + t * (b->green - a->green);
  out->blue = a->blue + t * (b->blue - a->blue);
  out->alpha = 1;
}

static void
draw_heat_map (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        data)
{
  StrataConfusionView *self = data;
  GtkWidget *widget = GTK_WIDGET (area);
  guint n = self->n_classes;
  double cell, x0, y0, max;
  GdkRGBA fg, dim, base, accent;
  PangoLayout *layout;
  char buf[32];

  if (n == 0)
    return;
  strata_view_lookup_color (widget, "window_fg_color", "rgba(0,0,0,0.8)", &fg);
  strata_view_lookup_color (widget, "view_bg_color", "#ffffff", &base);
  strata_view_lookup_color (widget, "accent_bg_color", "#3584e4", &accent);
  dim = fg;
  dim.alpha *= 0.6;
  layout = gtk_widget_create_pango_layout (widget, NULL);

  cell = MIN ((width - LABEL_SPACE - SCALE_SPACE) / (double) n,
              (height - TOP_SPACE - BELOW_SPACE) / (double) n);
  cell = floor (MAX (cell, 8));
  x0 = LABEL_SPACE;
  y0 = TOP_SPACE;
  max = largest_value (self);

  for (guint r = 0; r < n; r++)
    for (guint c = 0; c < n; c++)
      {
        double v = strata_confusion_view_get_cell_value (self, r, c);
        g_autofree char *text = strata_confusion_view_dup_cell_text (self, r, c);
        GdkRGBA fill, ink;

        blend (&base, &accent, isnan (v) || max <= 0 ? 0 : v / max, &fill);
        gdk_cairo_set_source_rgba (cr, &fill);
        cairo_rectangle (cr, x0 + c * cell, y0 + r * cell, cell - 1, cell - 1);
        cairo_fill (cr);
        strata_view_contrast_ink (&fill, &ink);
        if (isnan (v) || max <= 0 || v / max < 0.05)
          ink = fg;
        gdk_cairo_set_source_rgba (cr, &ink);
        strata_view_draw_text (cr, layout, text, x0 + (c + 0.5) * cell, y0 + (r + 0.5) * cell,
                               0.5, 0.5);
      }

  /* Class names: true classes left of the rows, predicted above the
   * columns (turned when they do not fit), and the axis titles. */
  gdk_cairo_set_source_rgba (cr, &fg);
  pango_layout_set_width (layout, (LABEL_SPACE - 28) * PANGO_SCALE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
  for (guint r = 0; r < n; r++)
    strata_view_draw_text (cr, layout, self->names[r], x0 - 8, y0 + (r + 0.5) * cell, 1, 0.5);
  pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT);
  pango_layout_set_width (layout, (int) (cell - 4) * PANGO_SCALE);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  for (guint c = 0; c < n; c++)
    strata_view_draw_text (cr, layout, self->names[c], x0 + (c + 0.5) * cell,
                           y0 + n * cell + 6, 0.5, 0);
  pango_layout_set_width (layout, -1);
  pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT);
  gdk_cairo_set_source_rgba (cr, &dim);
  strata_view_draw_text (cr, layout, "Predicted class", x0 + n * cell / 2, y0 + n * cell + 30,
                         0.5, 0);
  cairo_save (cr);
  cairo_translate (cr, 14, y0 + n * cell / 2);
  cairo_rotate (cr, -G_PI / 2);
  strata_view_draw_text (cr, layout, "True class", 0, 0, 0.5, 0.5);
  cairo_restore (cr);

  /* Colour scale. */
  {
    double sx = x0 + n * cell + 16, sh = n * cell - 1;
    cairo_pattern_t *gradient = cairo_pattern_create_linear (0, y0 + sh, 0, y0);

    cairo_pattern_add_color_stop_rgb (gradient, 0, base.red, base.green, base.blue);
    cairo_pattern_add_color_stop_rgb (gradient, 1, accent.red, accent.green, accent.blue);
    cairo_set_source (cr, gradient);
    cairo_rectangle (cr, sx, y0, 12, sh);
    cairo_fill_preserve (cr);
    cairo_pattern_destroy (gradient);
    gdk_cairo_set_source_rgba (cr, &dim);
    cairo_set_line_width (cr, 1);
    cairo_stroke (cr);
    if (self->normalize)
      g_snprintf (buf, sizeof buf, "%.2f", max);
    else
      g_snprintf (buf, sizeof buf, "%.0f", max);
    strata_view_draw_text (cr, layout, buf, sx + 18, y0, 0, 0);
    strata_view_draw_text (cr, layout, "0", sx + 18, y0 + sh, 0, 1);
  }
  g_object_unref (layout);
}

/* Asks for CELL_SIZE per class up to MAX_SIDE in all, so that a ten-class
 * matrix (MNIST's) needs no more room than a four-class one; drawing scales
 * the cells to whatever space the view gets. */
static void
resize_heat_map (StrataConfusionView *self)
{
  int side = MIN ((int) self->n_classes * CELL_SIZE, MAX_SIDE);

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (self->heat_map),
                                      LABEL_SPACE + side + SCALE_SPACE);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->heat_map),
                                       TOP_SPACE + side + BELOW_SPACE);
}

/* Table and summary ----------------------------------------------------------------- */

static GtkWidget *
table_label (const char *text,
             gboolean    numeric,
             gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0 : 0.0);
  gtk_label_set_selectable (GTK_LABEL (label), !heading);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  return label;
}

static void
fill_table (StrataConfusionView               *self,
            const StrataClassificationMetrics *m)
{
  static const char *const headings[] = { "Class", "Precision", "Recall", "F1", "Support" };
  GtkWidget *child;
  g_autofree char *summary = NULL;

  while ((child = gtk_widget_get_first_child (self->table)) != NULL)
    gtk_grid_remove (GTK_GRID (self->table), child);
  if (m == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->summary), "");
      return;
    }

  for (guint c = 0; c < G_N_ELEMENTS (headings); c++)
    gtk_grid_attach (GTK_GRID (self->table), table_label (headings[c], c > 0, TRUE), c, 0, 1, 1);
  for (guint k = 0; k < m->n_classes; k++)
    {
      double scores[3] = { m->precision[k], m->recall[k], m->f1[k] };
      char buf[32];

      gtk_grid_attach (GTK_GRID (self->table), table_label (self->names[k], FALSE, FALSE),
                       STRATA_CONFUSION_COLUMN_CLASS, k + 1, 1, 1);
      for (guint s = 0; s < 3; s++)
        {
          g_snprintf (buf, sizeof buf, "%.3f", scores[s]);
          gtk_grid_attach (GTK_GRID (self->table), table_label (buf, TRUE, FALSE),
                           STRATA_CONFUSION_COLUMN_PRECISION + s, k + 1, 1, 1);
        }
      g_snprintf (buf, sizeof buf, "%" G_GSIZE_FORMAT, m->support[k]);
      gtk_grid_attach (GTK_GRID (self->table), table_label (buf, TRUE, FALSE),
                       STRATA_CONFUSION_COLUMN_SUPPORT, k + 1, 1, 1);
    }
  summary = g_strdup_printf ("Accuracy %.3f   ·   Macro F1 %.3f   ·   %" G_GSIZE_FORMAT " samples",
                             m->accuracy, m->macro_f1, m->n);
  gtk_label_set_text (GTK_LABEL (self->summary), summary);
}

void
strata_confusion_view_set_metrics (StrataConfusionView               *self,
                                   const StrataClassificationMetrics *metrics,
                                   const char *const                 *class_names)
{
  g_return_if_fail (STRATA_IS_CONFUSION_VIEW (self));

  g_clear_pointer (&self->confusion, g_free);
  g_clear_pointer (&self->support, g_free);
  g_clear_pointer (&self->names, g_strfreev);
  self->n_classes = 0;

  if (metrics != NULL)
    {
      guint n = metrics->n_classes;

      self->n_classes = n;
      self->confusion = g_memdup2 (metrics->confusion, sizeof (gsize) * n * n);
      self->support = g_memdup2 (metrics->support, sizeof (gsize) * n);
      self->names = g_new0 (char *, n + 1);
      for (guint k = 0; k < n; k++)
        self->names[k] = class_names != NULL ? g_strdup (class_names[k])
                                             : g_strdup_printf ("%u", k);
    }
  fill_table (self, metrics);
  resize_heat_map (self);
  gtk_widget_queue_draw (self->heat_map);
}

gboolean
strata_confusion_view_get_normalize (StrataConfusionView *self)
{
  g_return_val_if_fail (STRATA_IS_CONFUSION_VIEW (self), FALSE);
  return self->normalize;
}

void
strata_confusion_view_set_normalize (StrataConfusionView *self,
                                     gboolean             normalize)
{
  g_return_if_fail (STRATA_IS_CONFUSION_VIEW (self));

  normalize = !!normalize;
  if (self->normalize == normalize)
    return;
  self->normalize = normalize;
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->toggle), normalize);
  gtk_widget_queue_draw (self->heat_map);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NORMALIZE]);
}

static void
toggle_toggled (GtkToggleButton     *button,
                StrataConfusionView *self)
{
  strata_confusion_view_set_normalize (self, gtk_toggle_button_get_active (button));
}

/* Widget ------------------------------------------------------------------------------ */

static void
strata_confusion_view_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  StrataConfusionView *self = STRATA_CONFUSION_VIEW (object);

  switch (prop_id)
    {
    case PROP_NORMALIZE:
      g_value_set_boolean (value, self->normalize);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
strata_confusion_view_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  StrataConfusionView *self = STRATA_CONFUSION_VIEW (object);

  switch (prop_id)
    {
    case PROP_NORMALIZE:
      strata_confusion_view_set_normalize (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
strata_confusion_view_dispose (GObject *object)
{
  strata_view_unparent_children (GTK_WIDGET (object));
  G_OBJECT_CLASS (strata_confusion_view_parent_class)->dispose (object);
}

static void
strata_confusion_view_finalize (GObject *object)
{
  StrataConfusionView *self = STRATA_CONFUSION_VIEW (object);

  g_free (self->confusion);
  g_free (self->support);
  g_strfreev (self->names);
  G_OBJECT_CLASS (strata_confusion_view_parent_class)->finalize (object);
}

static void
strata_confusion_view_class_init (StrataConfusionViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = strata_confusion_view_get_property;
  object_class->set_property = strata_confusion_view_set_property;
  object_class->dispose = strata_confusion_view_dispose;
  object_class->finalize = strata_confusion_view_finalize;

  properties[PROP_NORMALIZE] =
    g_param_spec_boolean ("normalize", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "confusionview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
strata_confusion_view_init (StrataConfusionView *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  GtkWidget *row;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 12);

  self->toggle = gtk_toggle_button_new_with_label ("Row-normalised");
  gtk_widget_set_halign (self->toggle, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (self->toggle,
                               "Divide each row by its class's support: the diagonal is then each class's recall");
  g_signal_connect (self->toggle, "toggled", G_CALLBACK (toggle_toggled), self);
  gtk_widget_set_parent (self->toggle, GTK_WIDGET (self));

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 24);
  self->heat_map = gtk_drawing_area_new ();
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->heat_map), draw_heat_map, self, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->heat_map),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, "Confusion matrix", -1);
  gtk_box_append (GTK_BOX (row), self->heat_map);
  self->table = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (self->table), 16);
  gtk_grid_set_row_spacing (GTK_GRID (self->table), 6);
  gtk_widget_set_valign (self->table, GTK_ALIGN_START);
  gtk_widget_set_margin_top (self->table, TOP_SPACE);
  gtk_box_append (GTK_BOX (row), self->table);
  gtk_widget_set_parent (row, GTK_WIDGET (self));

  self->summary = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->summary), 0);
  gtk_label_set_selectable (GTK_LABEL (self->summary), TRUE);
  gtk_widget_add_css_class (self->summary, "heading");
  gtk_widget_set_parent (self->summary, GTK_WIDGET (self));
}

GtkWidget *
strata_confusion_view_new (void)
{
  return g_object_new (STRATA_TYPE_CONFUSION_VIEW, NULL);
}
