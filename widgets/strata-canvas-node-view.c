/* strata-canvas-node-view.c — a node's card and its port dots
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * A card is a real widget (CSS name "strata-canvas-node", libadwaita's
 * "card" style class) so that it gets the theme's background, radius and
 * shadow in both light and dark styles, keyboard focus, a tooltip and an
 * accessible name for free. Its children are ordinary widgets — an icon, a
 * title and a type label, one label and one dot per port, and a footer
 * with a status icon, a status text and a progress bar — placed at fixed
 * positions (strata-canvas-private.h) rather than by boxes, because the
 * canvas must know where each port's centre is to draw links to it without
 * asking GTK for every link on every frame.
 *
 * A status change touches only its card's labels and classes, so GTK
 * re-renders just that card; the canvas reuses every other card's render
 * node.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "strata-canvas-private.h"

struct _StrataCanvasNodeView {
  GtkWidget         parent_instance;

  StrataCanvas     *canvas;        /* borrowed: our parent */
  StrataCanvasNode *node;          /* borrowed: the canvas removes us first */

  /* children, owned through the widget tree */
  GtkWidget        *icon;
  GtkWidget        *title;
  GtkWidget        *subtitle;
  GtkWidget        *status_icon;
  GtkWidget        *status_label;
  GtkWidget        *progress;
  GPtrArray        *port_labels;   /* GtkWidget*, borrowed, parallel to node ports */
  GPtrArray        *port_views;    /* StrataCanvasPortView*, borrowed, parallel */

  /* What the footer shows now (see strata_canvas_node_view_sync_status) */
  char             *shown_text;    /* owned: status text, NULL before the first sync */
  char             *shown_message; /* owned */
  char             *shown_a11y;    /* owned: the accessible name */
  int               shown_bar;     /* progress bar fill, in pixels of its current width */
};

struct _StrataCanvasPortView {
  GtkWidget               parent_instance;

  StrataCanvasNodeView   *node_view;  /* borrowed: our parent */
  const StrataCanvasPort *port;       /* borrowed from the node */
  PortHighlight           highlight;
};

G_DEFINE_FINAL_TYPE (StrataCanvasNodeView, strata_canvas_node_view, GTK_TYPE_WIDGET)
G_DEFINE_FINAL_TYPE (StrataCanvasPortView, strata_canvas_port_view, GTK_TYPE_WIDGET)

#define PAD       12.0
#define BADGE     28.0

double
strata_canvas_node_height (const StrataCanvasNode *node)
{
  guint rows = MAX (strata_canvas_node_count_ports (node, STRATA_CANVAS_PORT_INPUT),
                    strata_canvas_node_count_ports (node, STRATA_CANVAS_PORT_OUTPUT));

  return STRATA_CANVAS_HEADER_HEIGHT + MAX (rows, 1) * STRATA_CANVAS_ROW_HEIGHT
         + STRATA_CANVAS_FOOTER_HEIGHT;
}

void
strata_canvas_port_offset (const StrataCanvasNode    *node,
                           StrataCanvasPortDirection  direction,
                           guint                      row,
                           double                    *x,
                           double                    *y)
{
  *x = direction == STRATA_CANVAS_PORT_INPUT ? 0.0 : STRATA_CANVAS_NODE_WIDTH;
  *y = STRATA_CANVAS_HEADER_HEIGHT + (row + 0.5) * STRATA_CANVAS_ROW_HEIGHT;
}

/* Port dots */

static void
strata_canvas_port_view_update_label (StrataCanvasPortView *self)
{
  g_autofree char *label = NULL;
  const char *title = strata_canvas_node_get_title (self->node_view->node);

  if (self->port->direction == STRATA_CANVAS_PORT_INPUT)
    label = g_strdup_printf (_("Input “%s” of %s, kind %s"), self->port->name, title, self->port->kind);
  else
    label = g_strdup_printf (_("Output “%s” of %s, kind %s"), self->port->name, title, self->port->kind);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
strata_canvas_port_view_measure (GtkWidget      *widget,
                                 GtkOrientation  orientation,
                                 int             for_size,
                                 int            *minimum,
                                 int            *natural,
                                 int            *minimum_baseline,
                                 int            *natural_baseline)
{
  *minimum = *natural = (int) STRATA_CANVAS_PORT_SIZE;
}

static void
append_disc (GtkSnapshot   *snapshot,
             double         cx,
             double         cy,
             double         radius,
             const GdkRGBA *color)
{
  GskRoundedRect disc;

  gsk_rounded_rect_init_from_rect (&disc, &GRAPHENE_RECT_INIT (cx - radius, cy - radius,
                                                               2 * radius, 2 * radius), radius);
  gtk_snapshot_push_rounded_clip (snapshot, &disc);
  gtk_snapshot_append_color (snapshot, color, &disc.bounds);
  gtk_snapshot_pop (snapshot);
}

static void
strata_canvas_port_view_snapshot (GtkWidget   *widget,
                                  GtkSnapshot *snapshot)
{
  StrataCanvasPortView *self = STRATA_CANVAS_PORT_VIEW (widget);
  double c = STRATA_CANVAS_PORT_SIZE / 2;
  GdkRGBA kind, halo, ring;

  strata_canvas_get_kind_color (self->node_view->canvas, self->port->kind, &kind);
  /* The ring takes the widget's CSS colour (the card's background colour,
   * see the canvas's style sheet), so the dot reads on light and dark. */
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &ring);

  switch (self->highlight)
    {
    case PORT_HIGHLIGHT_COMPATIBLE:
      halo = kind;
      halo.alpha = 0.35f;
      append_disc (snapshot, c, c, c + 4, &halo);
      break;
    case PORT_HIGHLIGHT_TARGET:
    case PORT_HIGHLIGHT_SOURCE:
      halo = kind;
      halo.alpha = 0.55f;
      append_disc (snapshot, c, c, c + 6, &halo);
      break;
    case PORT_HIGHLIGHT_INCOMPATIBLE:
      gtk_snapshot_push_opacity (snapshot, 0.3);
      break;
    case PORT_HIGHLIGHT_NONE:
    default:
      break;
    }

  append_disc (snapshot, c, c, c, &ring);
  append_disc (snapshot, c, c, c - 2.5, &kind);

  if (self->highlight == PORT_HIGHLIGHT_INCOMPATIBLE)
    gtk_snapshot_pop (snapshot);
}

static void
strata_canvas_port_view_class_init (StrataCanvasPortViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->measure = strata_canvas_port_view_measure;
  widget_class->snapshot = strata_canvas_port_view_snapshot;
  gtk_widget_class_set_css_name (widget_class, "strata-canvas-port");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_BUTTON);
}

static void
strata_canvas_port_view_init (StrataCanvasPortView *self)
{
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
}

const StrataCanvasPort *
strata_canvas_port_view_get_port (StrataCanvasPortView *self)
{
  return self->port;
}

StrataCanvasNodeView *
strata_canvas_port_view_get_node_view (StrataCanvasPortView *self)
{
  return self->node_view;
}

void
strata_canvas_port_view_set_highlight (StrataCanvasPortView *self,
                                       PortHighlight         highlight)
{
  if (self->highlight == highlight)
    return;
  self->highlight = highlight;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

PortHighlight
strata_canvas_port_view_get_highlight (StrataCanvasPortView *self)
{
  return self->highlight;
}

/* Cards */

static const char *
status_text (StrataCanvasStatus status)
{
  switch (status)
    {
    case STRATA_CANVAS_STATUS_IDLE:    return _("Not run");
    case STRATA_CANVAS_STATUS_STALE:   return _("Out of date");
    case STRATA_CANVAS_STATUS_QUEUED:  return _("Queued");
    case STRATA_CANVAS_STATUS_RUNNING: return _("Running");
    case STRATA_CANVAS_STATUS_DONE:    return _("Done");
    case STRATA_CANVAS_STATUS_FAILED:  return _("Failed");
    default:                           return "";
    }
}

static const char *
status_icon (StrataCanvasStatus status)
{
  switch (status)
    {
    case STRATA_CANVAS_STATUS_STALE:   return "view-refresh-symbolic";
    case STRATA_CANVAS_STATUS_QUEUED:  return "content-loading-symbolic";
    case STRATA_CANVAS_STATUS_RUNNING: return "media-playback-start-symbolic";
    case STRATA_CANVAS_STATUS_DONE:    return "object-select-symbolic";
    case STRATA_CANVAS_STATUS_FAILED:  return "dialog-error-symbolic";
    case STRATA_CANVAS_STATUS_IDLE:
    default:                           return "media-playback-stop-symbolic";
    }
}

/* The CSS class of each status; one at a time is set on the card. */
static const char * const status_classes[] = {
  "idle", "stale", "queued", "running", "done", "failed",
};

/* Called for every progress event of a running node, up to 50 times a second
 * while a network trains, so it touches the card's widgets only when what
 * they show changes: the status text, the message, the accessible name, or
 * the progress bar's fill by at least a pixel. Setting them anyway made the
 * workbench window repaint the card at every event (measured with
 * tests/probe-frames.c), and a frame's cost grows with the box around
 * everything it repaints, which then reached from the card to the loss
 * chart at the bottom of the window. */
void
strata_canvas_node_view_sync_status (StrataCanvasNodeView *self)
{
  StrataCanvasStatus status = strata_canvas_node_get_status (self->node);
  const char *message = strata_canvas_node_get_message (self->node);
  double progress = strata_canvas_node_get_progress (self->node);
  int bar_width = gtk_widget_get_width (self->progress);
  int bar = (int) (progress * MAX (bar_width, 100) + 0.5);
  g_autofree char *text = NULL;
  g_autofree char *a11y = NULL;

  if (status == STRATA_CANVAS_STATUS_RUNNING)
    text = g_strdup_printf (_("Running · %d %%"), (int) (progress * 100 + 0.5));
  else if (status == STRATA_CANVAS_STATUS_FAILED && message != NULL)
    text = g_strdup_printf (_("Failed: %s"), message);
  else
    text = g_strdup (status_text (status));

  /* TRANSLATORS: a card's accessible name: title, “node id”, node type,
   * status, e.g. "Split “split”, clean.split, Done" */
  a11y = g_strdup_printf (_("%s “%s”, %s, %s"), strata_canvas_node_get_title (self->node),
                          strata_canvas_node_get_id (self->node),
                          strata_canvas_node_get_type_id (self->node), text);
  if (g_strcmp0 (text, self->shown_text) == 0 && g_strcmp0 (message, self->shown_message) == 0
      && g_strcmp0 (a11y, self->shown_a11y) == 0)
    {
      /* Only the bar can have moved. */
      if (status == STRATA_CANVAS_STATUS_RUNNING && bar != self->shown_bar)
        {
          gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress), progress);
          self->shown_bar = bar;
        }
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (status_classes); i++)
    {
      if (i == status)
        gtk_widget_add_css_class (GTK_WIDGET (self), status_classes[i]);
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self), status_classes[i]);
    }
  gtk_label_set_text (GTK_LABEL (self->status_label), text);
  gtk_image_set_from_icon_name (GTK_IMAGE (self->status_icon), status_icon (status));
  gtk_widget_set_visible (self->progress, status == STRATA_CANVAS_STATUS_RUNNING);
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress), progress);
  self->shown_bar = bar;

  /* The failure message on hover, whole; the card shows its first line. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), message);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, a11y,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message != NULL ? message : "",
                                  -1);
  g_free (self->shown_text);
  self->shown_text = g_steal_pointer (&text);
  g_free (self->shown_message);
  self->shown_message = g_strdup (message);
  g_free (self->shown_a11y);
  self->shown_a11y = g_steal_pointer (&a11y);
}

void
strata_canvas_node_view_set_selected (StrataCanvasNodeView *self,
                                      gboolean              selected)
{
  if (selected)
    gtk_widget_add_css_class (GTK_WIDGET (self), "selected");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "selected");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_SELECTED, selected, -1);
}

static GtkWidget *
add_label (StrataCanvasNodeView *self,
           const char           *text,
           const char           *css_class,
           float                 xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_widget_set_parent (label, GTK_WIDGET (self));
  return label;
}

GtkWidget *
strata_canvas_node_view_new (StrataCanvas     *canvas,
                             StrataCanvasNode *node)
{
  StrataCanvasNodeView *self = g_object_new (STRATA_TYPE_CANVAS_NODE_VIEW, NULL);
  const char *icon = strata_canvas_node_get_icon_name (node);

  self->canvas = canvas;
  self->node = node;

  self->icon = gtk_image_new_from_icon_name (icon != NULL ? icon : "application-x-executable-symbolic");
  gtk_widget_add_css_class (self->icon, "badge-icon");
  gtk_widget_set_parent (self->icon, GTK_WIDGET (self));
  self->title = add_label (self, strata_canvas_node_get_title (node), "title", 0);
  /* The id tells two cards of one type apart ("train · data.idx",
   * "test · data.idx"). */
  {
    g_autofree char *subtitle = g_strdup_printf (C_("card subtitle: node id · node type", "%s · %s"),
                                                 strata_canvas_node_get_id (node),
                                                 strata_canvas_node_get_type_id (node));

    self->subtitle = add_label (self, subtitle, "subtitle", 0);
  }

  for (guint i = 0; i < strata_canvas_node_get_n_ports (node); i++)
    {
      const StrataCanvasPort *port = strata_canvas_node_get_port (node, i);
      StrataCanvasPortView *dot = g_object_new (STRATA_TYPE_CANVAS_PORT_VIEW, NULL);
      gboolean input = port->direction == STRATA_CANVAS_PORT_INPUT;

      dot->node_view = self;
      dot->port = port;
      g_ptr_array_add (self->port_labels, add_label (self, port->name, "port-label", input ? 0 : 1));
      gtk_widget_set_parent (GTK_WIDGET (dot), GTK_WIDGET (self));
      g_ptr_array_add (self->port_views, dot);
      strata_canvas_port_view_update_label (dot);
    }

  self->status_icon = gtk_image_new ();
  gtk_widget_add_css_class (self->status_icon, "status-icon");
  gtk_widget_set_parent (self->status_icon, GTK_WIDGET (self));
  self->status_label = add_label (self, "", "status", 0);
  self->progress = gtk_progress_bar_new ();
  gtk_widget_set_parent (self->progress, GTK_WIDGET (self));

  strata_canvas_node_view_sync_status (self);
  return GTK_WIDGET (self);
}

StrataCanvasNode *
strata_canvas_node_view_get_node (StrataCanvasNodeView *self)
{
  return self->node;
}

StrataCanvasPortView *
strata_canvas_node_view_get_port (StrataCanvasNodeView      *self,
                                  const char                *name,
                                  StrataCanvasPortDirection  direction)
{
  for (guint i = 0; i < self->port_views->len; i++)
    {
      StrataCanvasPortView *dot = g_ptr_array_index (self->port_views, i);

      if (dot->port->direction == direction && g_str_equal (dot->port->name, name))
        return dot;
    }
  return NULL;
}

GPtrArray *
strata_canvas_node_view_get_ports (StrataCanvasNodeView *self)
{
  return self->port_views;
}

static void
strata_canvas_node_view_measure (GtkWidget      *widget,
                                 GtkOrientation  orientation,
                                 int             for_size,
                                 int            *minimum,
                                 int            *natural,
                                 int            *minimum_baseline,
                                 int            *natural_baseline)
{
  StrataCanvasNodeView *self = STRATA_CANVAS_NODE_VIEW (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = (int) STRATA_CANVAS_NODE_WIDTH;
  else
    *minimum = *natural = (int) strata_canvas_node_height (self->node);
}

/* Allocates @child at (x, y) with width @w and its natural height centred
 * on @cy when @cy >= 0. */
static void
place (GtkWidget *child,
       double     x,
       double     cy,
       double     w)
{
  int min_h, nat_h, min_w;

  if (!gtk_widget_get_visible (child))
    return;
  gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, NULL, NULL, NULL);
  gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, MAX ((int) w, min_w), &min_h, &nat_h, NULL, NULL);
  gtk_widget_allocate (child, MAX ((int) w, min_w), nat_h, -1,
                       gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT ((float) x, (float) (cy - nat_h / 2.0))));
}

static void
strata_canvas_node_view_size_allocate (GtkWidget *widget,
                                       int        width,
                                       int        height,
                                       int        baseline)
{
  StrataCanvasNodeView *self = STRATA_CANVAS_NODE_VIEW (widget);
  double text_x = PAD + BADGE + 10;
  double text_w = width - text_x - PAD;
  double footer_cy = height - STRATA_CANVAS_FOOTER_HEIGHT / 2;
  gboolean running = gtk_widget_get_visible (self->progress);
  double half = (width - 2 * PAD) / 2;

  place (self->icon, PAD + (BADGE - 16) / 2, PAD + BADGE / 2, 16);
  place (self->title, text_x, PAD + 7, text_w);
  place (self->subtitle, text_x, PAD + 23, text_w);

  for (guint i = 0, rows[2] = { 0, 0 }; i < self->port_views->len; i++)
    {
      StrataCanvasPortView *dot = g_ptr_array_index (self->port_views, i);
      gboolean input = dot->port->direction == STRATA_CANVAS_PORT_INPUT;
      double px, py;

      strata_canvas_port_offset (self->node, dot->port->direction, rows[input ? 0 : 1]++, &px, &py);
      gtk_widget_allocate (GTK_WIDGET (dot), (int) STRATA_CANVAS_PORT_SIZE, (int) STRATA_CANVAS_PORT_SIZE, -1,
                           gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT ((float) (px - STRATA_CANVAS_PORT_SIZE / 2),
                                                                                (float) (py - STRATA_CANVAS_PORT_SIZE / 2))));
      place (g_ptr_array_index (self->port_labels, i), input ? PAD : width / 2.0, py, half);
    }

  place (self->status_icon, PAD, footer_cy, 16);
  if (running)
    {
      /* The text at its natural width, the bar in what is left. */
      int status_w;

      gtk_widget_measure (self->status_label, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &status_w, NULL, NULL);
      status_w = MIN (status_w, (int) half);
      place (self->status_label, PAD + 22, footer_cy, status_w);
      place (self->progress, PAD + 22 + status_w + 10, footer_cy, width - 2 * PAD - 32 - status_w);
    }
  else
    place (self->status_label, PAD + 22, footer_cy, width - 2 * PAD - 22);
}

static void
strata_canvas_node_view_snapshot (GtkWidget   *widget,
                                  GtkSnapshot *snapshot)
{
  StrataCanvasNodeView *self = STRATA_CANVAS_NODE_VIEW (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  GskRoundedRect badge;
  GdkRGBA group, line;

  /* Icon badge in the group's colour. */
  strata_canvas_get_group_color (self->canvas, strata_canvas_node_get_group (self->node), &group);
  gsk_rounded_rect_init_from_rect (&badge, &GRAPHENE_RECT_INIT (PAD, PAD, BADGE, BADGE), 8);
  gtk_snapshot_push_rounded_clip (snapshot, &badge);
  gtk_snapshot_append_color (snapshot, &group, &badge.bounds);
  gtk_snapshot_pop (snapshot);

  /* Hairlines above the ports and above the footer, in the text colour. */
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &line);
  line.alpha = 0.12f;
  gtk_snapshot_append_color (snapshot, &line,
                             &GRAPHENE_RECT_INIT (0, STRATA_CANVAS_HEADER_HEIGHT - 1, width, 1));
  gtk_snapshot_append_color (snapshot, &line,
                             &GRAPHENE_RECT_INIT (0, height - STRATA_CANVAS_FOOTER_HEIGHT, width, 1));

  GTK_WIDGET_CLASS (strata_canvas_node_view_parent_class)->snapshot (widget, snapshot);
}

static void
strata_canvas_node_view_dispose (GObject *object)
{
  StrataCanvasNodeView *self = STRATA_CANVAS_NODE_VIEW (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_ptr_array_set_size (self->port_views, 0);
  g_ptr_array_set_size (self->port_labels, 0);

  G_OBJECT_CLASS (strata_canvas_node_view_parent_class)->dispose (object);
}

static void
strata_canvas_node_view_finalize (GObject *object)
{
  StrataCanvasNodeView *self = STRATA_CANVAS_NODE_VIEW (object);

  g_ptr_array_unref (self->port_views);
  g_ptr_array_unref (self->port_labels);
  g_free (self->shown_text);
  g_free (self->shown_message);
  g_free (self->shown_a11y);

  G_OBJECT_CLASS (strata_canvas_node_view_parent_class)->finalize (object);
}

static void
strata_canvas_node_view_class_init (StrataCanvasNodeViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = strata_canvas_node_view_dispose;
  object_class->finalize = strata_canvas_node_view_finalize;
  widget_class->measure = strata_canvas_node_view_measure;
  widget_class->size_allocate = strata_canvas_node_view_size_allocate;
  widget_class->snapshot = strata_canvas_node_view_snapshot;
  gtk_widget_class_set_css_name (widget_class, "strata-canvas-node");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
strata_canvas_node_view_init (StrataCanvasNodeView *self)
{
  self->port_labels = g_ptr_array_new ();
  self->port_views = g_ptr_array_new ();
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "card");
}
