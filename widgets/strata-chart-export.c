/* strata-chart-export.c — saving a loss chart as PNG, SVG, PDF or CSV
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * Each format renders into a GByteArray: cairo's *_for_stream surfaces
 * append to it through one write callback, CSV is built in a GString. The
 * bytes then go to disk in one g_file_replace_contents() call (temporary
 * file + rename), which is what makes the export atomic.
 */

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <math.h>
#include <string.h>

#include "strata-chart-export.h"
#include "strata-table.h"
#include "strata-loss-chart-private.h"

#define MAX_SIDE 16384

G_DEFINE_QUARK (strata-chart-export-error-quark, strata_chart_export_error)

static const char * const series_names[STRATA_CHART_N_KINDS] = {
  [STRATA_CHART_TRAIN_LOSS] = "loss",
  [STRATA_CHART_VAL_LOSS] = "val_loss",
  [STRATA_CHART_VAL_ACCURACY] = "val_accuracy",
};

/**
 * strata_chart_format_from_filename:
 * @filename: a file name or path
 * @format: (out): the format its extension names (.png, .svg, .pdf, .csv,
 *   any case)
 *
 * Returns: FALSE if the extension is none of those.
 */
gboolean
strata_chart_format_from_filename (const char        *filename,
                                   StrataChartFormat *format)
{
  static const char * const ext[] = { ".png", ".svg", ".pdf", ".csv" };
  gsize len;

  g_return_val_if_fail (filename != NULL, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);

  len = strlen (filename);
  for (guint i = 0; i < G_N_ELEMENTS (ext); i++)
    if (len >= 4 && g_ascii_strcasecmp (filename + len - 4, ext[i]) == 0)
      {
        *format = (StrataChartFormat) i;
        return TRUE;
      }
  return FALSE;
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
csv_field (GString    *s,
           const char *text)
{
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (s, text);
      return;
    }
  g_string_append_c (s, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (s, '"');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '"');
}

static void
csv_number (GString *s,
            double   v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_c (s, ',');
  if (isnan (v))
    g_string_append (s, "nan");
  else if (isinf (v))
    g_string_append (s, v > 0 ? "inf" : "-inf");
  else
    {
      strata_format_double (v, buf, sizeof buf);
      g_string_append (s, buf);
    }
}

static GBytes *
export_csv (const StrataChartScene *scene)
{
  GString *s = g_string_new ("run,series,step,epoch,wall_time,value\r\n");

  for (guint r = 0; r < scene->runs->len; r++)
    {
      StrataChartRun *run = g_ptr_array_index (scene->runs, r);

      for (guint k = 0; k < STRATA_CHART_N_KINDS; k++)
        {
          StrataSeries *series = run->series[k];
          gsize n = strata_series_get_n_points (series);

          for (gsize i = 0; i < n; i++)
            {
              StrataChartPoint p;

              strata_series_get_point (series, i, &p);
              csv_field (s, run->name);
              g_string_append_c (s, ',');
              g_string_append (s, series_names[k]);
              csv_number (s, p.step);
              csv_number (s, p.epoch);
              csv_number (s, p.time);
              csv_number (s, p.value);
              g_string_append (s, "\r\n");
            }
        }
    }
  return g_string_free_to_bytes (s);
}

/**
 * strata_loss_chart_export_bytes:
 * @self: a chart
 * @format: image or CSV
 * @width: width in pixels (PNG) or points (SVG, PDF), 1…16384; ignored for CSV
 * @height: height, likewise
 * @error: STRATA_CHART_EXPORT_ERROR_SIZE or _CAIRO
 *
 * Renders the chart as it is now (pending feed points included, the current
 * view and smoothing) into memory.
 *
 * Returns: (transfer full) (nullable): the file's bytes, NULL on error.
 */
GBytes *
strata_loss_chart_export_bytes (StrataLossChart    *self,
                                StrataChartFormat   format,
                                int                 width,
                                int                 height,
                                GError            **error)
{
  StrataChartScene scene;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  GByteArray *out;

  g_return_val_if_fail (STRATA_IS_LOSS_CHART (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  strata_loss_chart_fill_scene (self, &scene);
  if (format == STRATA_CHART_FORMAT_CSV)
    return export_csv (&scene);

  if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE)
    {
      g_set_error (error, STRATA_CHART_EXPORT_ERROR, STRATA_CHART_EXPORT_ERROR_SIZE,
                   "Chart size %d×%d is outside 1…%d", width, height, MAX_SIDE);
      return NULL;
    }

  /* A light page, whatever the desktop style. */
  gdk_rgba_parse (&scene.background, "#ffffff");
  gdk_rgba_parse (&scene.ink, "#1e1e1e");

  out = g_byte_array_new ();
  switch (format)
    {
    case STRATA_CHART_FORMAT_SVG:
      surface = cairo_svg_surface_create_for_stream (append_bytes, out, width, height);
      break;
    case STRATA_CHART_FORMAT_PDF:
      surface = cairo_pdf_surface_create_for_stream (append_bytes, out, width, height);
      break;
    case STRATA_CHART_FORMAT_PNG:
    case STRATA_CHART_FORMAT_CSV:
    default:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      break;
    }

  cr = cairo_create (surface);
  strata_chart_render (&scene, cr, width, height, NULL);
  cairo_show_page (cr);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS && format == STRATA_CHART_FORMAT_PNG)
    status = cairo_surface_write_to_png_stream (surface, append_bytes, out);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, STRATA_CHART_EXPORT_ERROR, STRATA_CHART_EXPORT_ERROR_CAIRO,
                   "Could not draw the chart: %s", cairo_status_to_string (status));
      g_byte_array_unref (out);
      return NULL;
    }
  return g_byte_array_free_to_bytes (out);
}

/**
 * strata_loss_chart_export:
 * @self: a chart
 * @file: where to write; replaced atomically
 * @format: PNG, SVG, PDF or CSV (see strata_chart_format_from_filename())
 * @width: image width in pixels (PNG) or points (SVG, PDF); ignored for CSV
 * @height: image height
 * @error: STRATA_CHART_EXPORT_ERROR or G_IO_ERROR; the message names the file
 *
 * Returns: TRUE if the file was written; on FALSE an existing file is left
 *   as it was.
 */
gboolean
strata_loss_chart_export (StrataLossChart    *self,
                          GFile              *file,
                          StrataChartFormat   format,
                          int                 width,
                          int                 height,
                          GError            **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *name = NULL;
  gsize size;
  const void *data;

  g_return_val_if_fail (STRATA_IS_LOSS_CHART (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  name = g_file_get_parse_name (file);
  bytes = strata_loss_chart_export_bytes (self, format, width, height, &local);
  if (bytes != NULL)
    {
      data = g_bytes_get_data (bytes, &size);
      if (g_file_replace_contents (file, data, size, NULL, FALSE, G_FILE_CREATE_NONE,
                                   NULL, NULL, &local))
        return TRUE;
    }
  g_propagate_prefixed_error (error, g_steal_pointer (&local), "%s: ", name);
  return FALSE;
}
