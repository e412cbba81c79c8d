/* airline-series.h — the airline passenger series, read apart from Strata
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tests that check a forecast against the raw data read the bundled CSV
 * here, line by line, rather than through the CSV reader or a workflow:
 * what they compare with is then independent of the code under test.
 * Header-only (static), so a test needs no extra source in meson.build.
 */

#pragma once

#include <glib.h>
#include <string.h>

/* The 144 monthly counts of data/datasets/airline-passengers.csv
 * ("Month","Passengers": a header, then the value after the last comma of
 * each line), found through $STRATA_SOURCE_ROOT. Transfer full: a GArray
 * of double. */
static inline GArray *
airline_series_read (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("STRATA_SOURCE_ROOT"), "data", "datasets",
                                            "airline-passengers.csv", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GArray *values = g_array_new (FALSE, FALSE, sizeof (double));

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      const char *comma = strrchr (lines[i], ',');
      double v;

      if (comma == NULL)
        continue;
      v = g_ascii_strtod (comma + 1, NULL);
      g_array_append_val (values, v);
    }
  return values;
}
