/* frame-buffers.c — how much of a window GTK's cairo renderer repaints
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * See frame-buffers.h. The wrapper finds the real function with
 * dlsym (RTLD_NEXT): the program's own definition comes first in the
 * lookup order, so GDK's call lands here.
 */

#include "config.h"

#include <cairo.h>
#include <dlfcn.h>
#include <stdio.h>

#include "frame-buffers.h"

static gboolean counting, logging;
static gint64   area;

void
frame_buffers_start (void)
{
  area = 0;
  counting = TRUE;
}

gint64
frame_buffers_stop (void)
{
  counting = FALSE;
  return area;
}

void
frame_buffers_set_log (gboolean log)
{
  logging = log;
}

cairo_surface_t *
cairo_image_surface_create (cairo_format_t format,
                            int            width,
                            int            height)
{
  static cairo_surface_t *(*real) (cairo_format_t, int, int);

  if (real == NULL)
    real = (cairo_surface_t *(*) (cairo_format_t, int, int)) dlsym (RTLD_NEXT, "cairo_image_surface_create");
  if (counting && (gint64) width * height >= 32 * 32)
    {
      area += (gint64) width * height;
      if (logging)
        fprintf (stderr, "surface %d×%d\n", width, height);
    }
  return real (format, width, height);
}
