/* canvas-fixtures.h — sample pipelines and PNG rendering for the canvas's
 * test, screenshot tool and benchmark
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "strata-canvas.h"

G_BEGIN_DECLS

/* iris (data.csv) → split (clean.split) → tree (model.tree) → metrics
 * (eval.metrics), plus a second metrics fed by the split's test set; split
 * done, tree running at 40 %, one metrics failed, the other queued. */
StrataCanvasModel *canvas_fixture_sample      (void);
/* @n_nodes "table → table" nodes in a grid of 10 columns and @n_links links
 * between them (each node feeds nodes in the next column; extra links
 * beyond one per input go to second inputs). Deterministic. */
StrataCanvasModel *canvas_fixture_grid        (guint n_nodes,
                                               guint n_links);
/* The colours the app would give: table blue, model orange, metrics green;
 * groups data/clean/mine/model/evaluate. */
void               canvas_fixture_colors      (StrataCanvas *canvas);
/* A window of @width × @height holding @canvas, presented and drawn once. */
GtkWidget         *canvas_fixture_window      (GtkWidget *canvas,
                                               int        width,
                                               int        height);
/* Lays @widget out again at its current size and place, as the frame
 * clock's layout phase would (for snapshots taken outside a frame). */
void               canvas_fixture_relayout    (GtkWidget *widget);
/* Lays out and renders @widget as it is now (snapshot → the window's renderer) into a
 * texture (transfer full). */
GdkTexture        *canvas_fixture_render      (GtkWidget *widget);
/* The canvas's GtkGestureDrag for @button (transfer none). */
GtkGesture        *canvas_fixture_drag_gesture (GtkWidget *canvas,
                                                guint      button);
/* Iterates the main loop until @widget has been drawn again. */
void               canvas_fixture_wait_draw   (GtkWidget *widget);

G_END_DECLS
