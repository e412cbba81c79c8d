/* strata-chart-export.h — saving a loss chart as PNG, SVG, PDF or CSV
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Images are drawn by the same code as the screen (strata-chart-render.h)
 * into a cairo image, SVG or PDF surface of the requested size, on a light
 * page (white, dark ink) whatever the desktop style. Every file is written
 * atomically: the bytes are produced in memory, then
 * g_file_replace_contents() writes a temporary file and renames it, so a
 * failed export never leaves a half-written file.
 *
 * CSV layout (RFC 4180, header row, one row per point, runs oldest first):
 *
 *   run,series,step,epoch,wall_time,value
 *   lr=0.01,loss,0,0.0016,0.013,2.3031
 *   lr=0.01,val_loss,625,1,9.81,0.412
 *
 * `series` is `loss`, `val_loss` or `val_accuracy` (the report's metric
 * keys); `wall_time` is seconds since the run started. Numbers are written
 * with 15 significant digits when that reads back exactly, else 17, so every
 * value reads back bit for bit; NaN and infinities as `nan`, `inf`, `-inf`.
 */

#pragma once

#include <gio/gio.h>

#include "strata-loss-chart.h"

G_BEGIN_DECLS

#define STRATA_CHART_EXPORT_ERROR (strata_chart_export_error_quark ())
GQuark strata_chart_export_error_quark (void);

/**
 * StrataChartExportError:
 * @STRATA_CHART_EXPORT_ERROR_SIZE: width or height outside 1…16384
 * @STRATA_CHART_EXPORT_ERROR_FORMAT: no format known for the file name
 * @STRATA_CHART_EXPORT_ERROR_CAIRO: cairo failed to produce the image (the
 *   message names the file and cairo's status)
 *
 * Errors of the export functions; writing the file may also fail with a
 * G_IO_ERROR.
 */
typedef enum
{
  STRATA_CHART_EXPORT_ERROR_SIZE,
  STRATA_CHART_EXPORT_ERROR_FORMAT,
  STRATA_CHART_EXPORT_ERROR_CAIRO,
} StrataChartExportError;

/**
 * StrataChartFormat:
 * @STRATA_CHART_FORMAT_PNG: raster image, pixels
 * @STRATA_CHART_FORMAT_SVG: vector image, size in points (1/72 in)
 * @STRATA_CHART_FORMAT_PDF: one-page PDF, size in points
 * @STRATA_CHART_FORMAT_CSV: the data, not the picture
 */
typedef enum
{
  STRATA_CHART_FORMAT_PNG,
  STRATA_CHART_FORMAT_SVG,
  STRATA_CHART_FORMAT_PDF,
  STRATA_CHART_FORMAT_CSV,
} StrataChartFormat;

gboolean strata_chart_format_from_filename (const char         *filename,
                                            StrataChartFormat  *format);
gboolean strata_loss_chart_export          (StrataLossChart    *self,
                                            GFile              *file,
                                            StrataChartFormat   format,
                                            int                 width,
                                            int                 height,
                                            GError            **error);
GBytes  *strata_loss_chart_export_bytes    (StrataLossChart    *self,
                                            StrataChartFormat   format,
                                            int                 width,
                                            int                 height,
                                            GError            **error);

G_END_DECLS
