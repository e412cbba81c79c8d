/* frame-buffers.h — how much of a window GTK's cairo renderer repaints
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8's cairo renderer paints each frame into a new image surface the
 * size of the box around the frame's damage (what changed since the last
 * frame, found by comparing render nodes; gdk_surface_create_similar_surface).
 * Linking frame-buffers.c into a test program wraps
 * cairo_image_surface_create, so the program can add up the area of the
 * large surfaces made while it counts (small ones are icons and glyph
 * caches). Main thread only.
 */

#pragma once

#include <glib.h>

/* Starts counting from zero. */
void   frame_buffers_start (void);

/* Stops counting; returns the pixels of the surfaces of at least 32 × 32
 * made since frame_buffers_start(). */
gint64 frame_buffers_stop  (void);

/* Whether each counted surface's size is printed to stderr. */
void   frame_buffers_set_log (gboolean log);
