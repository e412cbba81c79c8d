/* strata-canvas.h — the pipeline canvas widget
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * StrataCanvas shows a StrataCanvasModel (strata-canvas-model.h) as cards
 * linked by curves and edits it with the pointer and the keyboard. It knows
 * nothing of the app: the app fills the model from its node registry, reads
 * edits back through the model's signals, and answers the canvas's signals
 * (a refused link → a toast; a link dropped on empty canvas → a menu of the
 * node types that accept that kind).
 *
 * Each card is a child widget (focusable, with an accessible name such as
 * "Split, clean.split, running 40 %"), and each port a child of its card
 * ("Input table, kind table"), so focus, hit-testing and accessibility come
 * from GTK. The links are drawn by the canvas itself.
 *
 * The canvas implements GtkScrollable: put it in a GtkScrolledWindow for
 * scrollbars. Coordinates in the model are canvas units; a unit is a pixel
 * at zoom 1.
 *
 * Keyboard (all shortcuts are widget actions, "canvas.*", usable from menus):
 *
 *   Tab / Shift+Tab        focus and select the next / previous card (no
 *                          wrap: past the ends, focus leaves the canvas)
 *   arrows                 move the selection 10 units (Shift: 1); pan if none
 *   Ctrl+A                 select all
 *   Delete, BackSpace      delete the selection (or the selected link, or the
 *                          link into a focused input)
 *   Ctrl+D                 duplicate the selection
 *   Ctrl+C / Ctrl+X / Ctrl+V  copy / cut / paste (JSON text on the clipboard)
 *   Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y  undo, redo
 *   Ctrl+plus / Ctrl+minus zoom in / out; Ctrl+0 fit everything; Ctrl+1 100 %
 *   L                      start a link from the focused port (or the focused
 *                          card's first output; L again: its next output)
 *   Tab / Shift+Tab        while linking: the next / previous compatible input
 *   Enter                  finish the link; otherwise activate the focused card
 *   Escape                 cancel a link or a drag
 *
 * Pointer: click selects (Ctrl/Shift+click toggles), drag moves the
 * selection, drag on empty canvas draws a rubber band, drag from an output
 * port to an input port (or onto a card) links, click on a link selects it,
 * middle-drag or Space+drag pans, Ctrl+scroll zooms about the pointer,
 * scroll pans, double-click activates a card. A move, rubber band or link
 * dragged within 32 pixels of an edge scrolls the view that way, faster the
 * closer it gets (up to 900 pixels per second), and the drag follows.
 */

#pragma once

#include <gtk/gtk.h>

#include "strata-canvas-model.h"

G_BEGIN_DECLS

#define STRATA_TYPE_CANVAS (strata_canvas_get_type ())
G_DECLARE_FINAL_TYPE (StrataCanvas, strata_canvas, STRATA, CANVAS, GtkWidget)

/* A canvas on @model (may be NULL; transfer none, the canvas takes a ref). */
GtkWidget         *strata_canvas_new             (StrataCanvasModel *model);
void               strata_canvas_set_model       (StrataCanvas      *self,
                                                  StrataCanvasModel *model);
StrataCanvasModel *strata_canvas_get_model       (StrataCanvas      *self);

/* Colours. Ports and links take their kind's colour and a card's icon badge
 * its group's. Without a setting, a colour is picked from the GNOME palette
 * by hashing the name, so equal kinds always look alike. */
void      strata_canvas_set_kind_color   (StrataCanvas      *self,
                                          const char        *kind,
                                          const GdkRGBA     *color);
void      strata_canvas_set_group_color  (StrataCanvas      *self,
                                          const char        *group,
                                          const GdkRGBA     *color);

/* Selection ("selection-changed" after each change) */

/* The selected ids in model order (transfer full; g_strfreev). */
char    **strata_canvas_get_selection    (StrataCanvas      *self);
/* Replaces the selection; unknown ids are ignored. */
void      strata_canvas_set_selection    (StrataCanvas      *self,
                                          const char * const *ids);
void      strata_canvas_select_all       (StrataCanvas      *self);

/* Edits on the selection, each one undo step through the model */

/* Returns the number of nodes deleted. */
guint     strata_canvas_delete_selection    (StrataCanvas   *self);
/* Copies sit 32 units down and right and become the selection. */
void      strata_canvas_duplicate_selection (StrataCanvas   *self);
/* The selection as JSON text (see strata_canvas_model_serialize()), also put
 * on the widget's clipboard. NULL if nothing is selected. Transfer full. */
char     *strata_canvas_copy_selection      (StrataCanvas   *self);
/* Adds the nodes of @text (offset so that repeated pastes do not stack)
 * and selects them. FALSE with a STRATA_CANVAS_MODEL_ERROR_PARSE error if
 * @text is not a canvas fragment. */
gboolean  strata_canvas_paste_text          (StrataCanvas   *self,
                                             const char     *text,
                                             GError        **error);
/* Reads the clipboard asynchronously and pastes it. Text that is not a
 * canvas fragment is ignored (a g_debug() message says why). */
void      strata_canvas_paste               (StrataCanvas   *self);

/* View */

/* View pixels per canvas unit, clamped to 0.25–3. */
double    strata_canvas_get_zoom         (StrataCanvas      *self);
/* Zooms keeping the canvas point under widget point (@ax, @ay) fixed. */
void      strata_canvas_set_zoom         (StrataCanvas      *self,
                                          double             zoom,
                                          double             ax,
                                          double             ay);
/* Zooms (at most to 1) and scrolls so every card is visible, centred
 * (Ctrl+0). */
void      strata_canvas_zoom_fit         (StrataCanvas      *self);
/* As zoom_fit, but never below 0.75, where card text stays readable: a
 * workflow too big for that shows its top-left part (where the data comes
 * in) and the rest is scrolled to. For showing a document just opened. */
void      strata_canvas_zoom_fit_readable (StrataCanvas     *self);
/* Converts a canvas point to widget coordinates. */
void      strata_canvas_canvas_to_widget (StrataCanvas      *self,
                                          double             cx,
                                          double             cy,
                                          double            *wx,
                                          double            *wy);
/* Centre of a port in canvas units; FALSE if there is no such port. */
gboolean  strata_canvas_get_port_position (StrataCanvas     *self,
                                           const char       *node_id,
                                           const char       *port,
                                           StrataCanvasPortDirection direction,
                                           double           *cx,
                                           double           *cy);
/* The card widget of a node, or NULL (transfer none). For focus and tests. */
GtkWidget *strata_canvas_get_node_widget (StrataCanvas      *self,
                                          const char        *node_id);

/* Link selection */

/* Selects the link into input @to_node:@to_port (highlighted; Delete removes
 * it), clearing the card selection; emits ::selection-changed. NULL clears
 * the link selection. FALSE (and nothing changes) if no link feeds that
 * input. */
gboolean  strata_canvas_select_link      (StrataCanvas      *self,
                                          const char        *to_node,
                                          const char        *to_port);
/* The selected link's input end (borrowed, valid until the selection
 * changes), or FALSE when no link is selected. */
gboolean  strata_canvas_get_selected_link (StrataCanvas     *self,
                                           const char      **to_node,
                                           const char      **to_port);
/* The link whose curve passes within 6 pixels of widget point (@x, @y),
 * the topmost if several: its input end (borrowed from the model), or
 * FALSE. */
gboolean  strata_canvas_pick_link        (StrataCanvas      *self,
                                          double             x,
                                          double             y,
                                          const char       **to_node,
                                          const char       **to_port);

/* Links from the keyboard (also bound to L, Tab, Enter, Escape) */

/* Starts a link from an output port: compatible inputs light up. */
gboolean  strata_canvas_begin_link       (StrataCanvas      *self,
                                          const char        *node_id,
                                          const char        *port);
/* Moves the link's end to the next (@forward) or previous compatible input
 * port, in card order. FALSE if there is none. */
gboolean  strata_canvas_cycle_link_target (StrataCanvas     *self,
                                           gboolean          forward);
/* Links to the current target (or emits ::link-refused, or, without a
 * target, ::link-dropped-on-canvas) and ends link mode. */
gboolean  strata_canvas_finish_link      (StrataCanvas      *self);
void      strata_canvas_cancel_link      (StrataCanvas      *self);

/*
 * Signals:
 *
 * ::link-refused (from_node, from_port, to_node, to_port: string,
 *                 reason: string)
 *     A link was dropped on a port that may not take it; @reason is a
 *     translated sentence for a toast.
 * ::link-dropped-on-canvas (from_node, from_port, kind: string,
 *                           x, y: double canvas units)
 *     A link from an output was dropped where there is no port: offer the
 *     node types with an input of @kind and add the chosen one at (x, y).
 * ::node-activated (node_id: string)
 *     Double-click or Enter on a card: show it in the inspector.
 * ::selection-changed ()
 */

G_END_DECLS
