/* strata-canvas-private.h — pieces shared by the canvas's source files
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not installed, not for the app: the card and port widgets, the card
 * geometry, and the StrataCanvas instance struct shared by strata-canvas.c
 * (model binding, layout, selection, zoom), strata-canvas-draw.c (grid,
 * links, overlays), strata-canvas-input.c (gestures, links in progress) and
 * strata-canvas-actions.c (actions, key bindings, clipboard).
 */

#pragma once

#include "strata-canvas.h"

G_BEGIN_DECLS

/* Card geometry in canvas units (pixels at zoom 1). A port's centre sits on
 * the card's left (input) or right (output) edge, in the middle of its row. */
#define STRATA_CANVAS_NODE_WIDTH    208.0
#define STRATA_CANVAS_HEADER_HEIGHT  46.0
#define STRATA_CANVAS_ROW_HEIGHT     26.0
#define STRATA_CANVAS_FOOTER_HEIGHT  34.0
#define STRATA_CANVAS_PORT_SIZE      14.0

/* Height of a card for @node. */
double strata_canvas_node_height (const StrataCanvasNode *node);
/* Centre of a port relative to its card's top-left corner. */
void   strata_canvas_port_offset (const StrataCanvasNode    *node,
                                  StrataCanvasPortDirection  direction,
                                  guint                      row,
                                  double                    *x,
                                  double                    *y);

/* The card of one node. */
#define STRATA_TYPE_CANVAS_NODE_VIEW (strata_canvas_node_view_get_type ())
G_DECLARE_FINAL_TYPE (StrataCanvasNodeView, strata_canvas_node_view, STRATA, CANVAS_NODE_VIEW, GtkWidget)

/* One port's dot (a child of a card). */
#define STRATA_TYPE_CANVAS_PORT_VIEW (strata_canvas_port_view_get_type ())
G_DECLARE_FINAL_TYPE (StrataCanvasPortView, strata_canvas_port_view, STRATA, CANVAS_PORT_VIEW, GtkWidget)

typedef enum {
  PORT_HIGHLIGHT_NONE,
  PORT_HIGHLIGHT_COMPATIBLE,    /* a link being dragged may end here */
  PORT_HIGHLIGHT_INCOMPATIBLE,  /* … may not */
  PORT_HIGHLIGHT_TARGET,        /* … would end here if dropped now */
  PORT_HIGHLIGHT_SOURCE,        /* the link being dragged starts here */
} PortHighlight;

/* @node is borrowed: the canvas destroys the view before the node goes. */
GtkWidget        *strata_canvas_node_view_new         (StrataCanvas         *canvas,
                                                       StrataCanvasNode     *node);
StrataCanvasNode *strata_canvas_node_view_get_node    (StrataCanvasNodeView *self);
/* Re-reads status, progress and message from the node. */
void              strata_canvas_node_view_sync_status (StrataCanvasNodeView *self);
void              strata_canvas_node_view_set_selected (StrataCanvasNodeView *self,
                                                        gboolean              selected);
/* The dot of a port, or NULL. */
StrataCanvasPortView *strata_canvas_node_view_get_port (StrataCanvasNodeView     *self,
                                                        const char               *name,
                                                        StrataCanvasPortDirection direction);
/* The port dots in the order of the node's ports (transfer none). */
GPtrArray        *strata_canvas_node_view_get_ports   (StrataCanvasNodeView *self);

const StrataCanvasPort *strata_canvas_port_view_get_port (StrataCanvasPortView *self);
StrataCanvasNodeView   *strata_canvas_port_view_get_node_view (StrataCanvasPortView *self);
void              strata_canvas_port_view_set_highlight (StrataCanvasPortView *self,
                                                         PortHighlight         highlight);
PortHighlight     strata_canvas_port_view_get_highlight (StrataCanvasPortView *self);
/* Kind colour of the port, from the canvas. */
void              strata_canvas_get_kind_color        (StrataCanvas         *self,
                                                       const char           *kind,
                                                       GdkRGBA              *color);
void              strata_canvas_get_group_color       (StrataCanvas         *self,
                                                       const char           *group,
                                                       GdkRGBA              *color);

typedef enum {
  DRAG_NONE,
  DRAG_MOVE,      /* moving the selection */
  DRAG_RUBBER,    /* rubber-band selection */
  DRAG_LINK,      /* a link from an output port */
  DRAG_PAN,       /* middle button or space + drag */
} DragMode;

struct _StrataCanvas {
  GtkWidget          parent_instance;

  /* owned */
  StrataCanvasModel *model;
  GHashTable        *views;        /* node id (borrowed from node) → StrataCanvasNodeView (a child) */
  GHashTable        *selected;     /* node id (owned copy) set */
  GHashTable        *kind_colors;  /* kind → GdkRGBA* */
  GHashTable        *group_colors; /* group → GdkRGBA* */
  GtkAdjustment     *hadj, *vadj;
  GskRenderNode     *links_node;   /* cached drawing of the links, view coordinates */
  GskRenderNode     *grid_node;    /* cached dot grid; see strata_canvas_snapshot_grid */
  float              grid_key[8];  /* what grid_node was built from */
  char              *last_paste;   /* text pasted last, for stepping repeated pastes */
  guint              paste_count;

  guint              hscroll_policy : 1;
  guint              vscroll_policy : 1;
  guint              space_down : 1;
  guint              keyboard_link : 1;  /* the link in progress is driven by keys */
  double             fit_pending;        /* > 0: zoom to fit (at least this zoom) on the first allocation */

  double             zoom;           /* view pixels per canvas unit */
  double             pointer_x, pointer_y; /* last pointer position, widget coordinates */
  gboolean           pointer_inside;

  /* Drag state */
  DragMode           drag;
  double             drag_start_x, drag_start_y;   /* widget coordinates */
  double             drag_dx, drag_dy;             /* canvas units, for DRAG_MOVE */
  double             pan_start_h, pan_start_v;
  double             rubber_x0, rubber_y0, rubber_x1, rubber_y1; /* canvas units */
  GHashTable        *rubber_base;                  /* selection before the band, or NULL */
  StrataCanvasPortView *link_source;               /* borrowed; output port */
  StrataCanvasPortView *link_target;               /* borrowed; input port under the end */
  double             link_end_x, link_end_y;       /* canvas units */
  char              *detach_node;                  /* input whose link is being dragged off, */
  char              *detach_port;                  /* or NULL (owned) */
  char              *press_node;                   /* card pressed without moving (owned) */
  double             drag_x, drag_y;               /* pointer now, widget coordinates */
  double             scrolled_x, scrolled_y;       /* view pixels auto-scrolled in this drag */
  guint              autoscroll_id;                /* tick callback near an edge, or 0 */
  gint64             autoscroll_time;              /* frame time of its last step, µs */

  /* The selected link, by its input end (owned), or NULL; selecting cards
   * clears it. */
  char              *link_node;
  char              *link_port;
};

/* strata-canvas.c */
void     strata_canvas_invalidate_links      (StrataCanvas *self);
void     strata_canvas_widget_to_canvas      (StrataCanvas *self, double wx, double wy,
                                              double *cx, double *cy);
StrataCanvasNodeView *strata_canvas_get_view (StrataCanvas *self, const char *id);
/* Port under a widget-coordinate point (NULL if none); *@node_view gets the
 * card under it, if any. */
StrataCanvasPortView *strata_canvas_pick     (StrataCanvas          *self,
                                              double                 wx,
                                              double                 wy,
                                              StrataCanvasNodeView **node_view);
void     strata_canvas_emit_selection_changed (StrataCanvas *self);
/* Ids of the selection in model order, NULL-terminated (transfer container). */
const char **strata_canvas_selected_ids      (StrataCanvas *self);
void     strata_canvas_set_link_highlights   (StrataCanvas *self, gboolean on);
/* Scrolls the view to (@hvalue, @vvalue), widening the scroll range to
 * include it. */
void     strata_canvas_scroll_to             (StrataCanvas *self, double hvalue, double vvalue);
/* Drops the link selection (no signal). */
void     strata_canvas_clear_link_selection  (StrataCanvas *self);

/* strata-canvas-draw.c: the snapshot vfunc */
void     strata_canvas_snapshot_widget       (GtkWidget *widget, GtkSnapshot *snapshot);

/* strata-canvas-input.c */
void     strata_canvas_init_input            (StrataCanvas *self);
const char *strata_canvas_view_id            (StrataCanvasNodeView *view);
void     strata_canvas_select_only           (StrataCanvas *self, const char *id);
void     strata_canvas_stop_autoscroll       (StrataCanvas *self);

/* strata-canvas-actions.c */
void     strata_canvas_install_input         (StrataCanvasClass *klass);
void     strata_canvas_update_actions        (StrataCanvas *self);

/* Signals, emitted from both files. */
enum {
  CANVAS_SIGNAL_LINK_REFUSED,
  CANVAS_SIGNAL_LINK_DROPPED,
  CANVAS_SIGNAL_NODE_ACTIVATED,
  CANVAS_SIGNAL_SELECTION_CHANGED,
  CANVAS_N_SIGNALS
};
extern guint strata_canvas_signals[CANVAS_N_SIGNALS];

G_END_DECLS
