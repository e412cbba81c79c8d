/* bench-csv.c — time Strata's CSV import of one file
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-csv [--single-thread | --hand-over=auto|always|never] FILE
 *
 * Reads FILE once with strata_csv_read_file() and prints one line of JSON:
 *   {"bytes": B, "seconds": S, "cpu_seconds": U, "mb_per_s": M, "rows": R,
 *    "columns": C, "table_bytes": T, "peak_rss_bytes": P, "base_rss_bytes": P0,
 *    "handed_over_bytes": H}
 * where S is wall-clock time, U the process's user + system CPU time for
 * the read (the fairer figure on a loaded machine), MB is 10^6 bytes, P is the process's peak resident set size
 * (getrusage) and P0 the resident size just before reading, so that
 * (P - P0) / T is the reader's peak memory relative to the table it built.
 * tests/bench/bench-csv.py runs it next to pandas.read_csv.
 * --single-thread turns the two-thread pipeline off (for comparison);
 * --hand-over sets the pipeline's policy for handing quote-free lines to
 * the calling thread's parser (default auto), and H counts those bytes.
 */

#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include <glib/gstdio.h>
#include <unistd.h>

#include "strata-csv.h"
#include "strata-csv-private.h"

/* Peak resident size of this process (VmHWM). Unlike getrusage's
 * ru_maxrss it starts afresh at exec, so a large parent does not leak in. */
static gsize
peak_rss (void)
{
  g_autofree char *status = NULL;
  const char *line;
  unsigned long kb = 0;

  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL) &&
      (line = strstr (status, "VmHWM:")) != NULL)
    sscanf (line + 6, "%lu", &kb);
  return (gsize) kb * 1024;
}

static gsize
current_rss (void)
{
  g_autofree char *statm = NULL;
  unsigned long size = 0, resident = 0;

  if (g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL))
    sscanf (statm, "%lu %lu", &size, &resident);
  return resident * (gsize) sysconf (_SC_PAGESIZE);
}

static double
cpu_seconds (const struct rusage *a,
             const struct rusage *b)
{
  return (double) (b->ru_utime.tv_sec - a->ru_utime.tv_sec + b->ru_stime.tv_sec - a->ru_stime.tv_sec) +
         (double) (b->ru_utime.tv_usec - a->ru_utime.tv_usec + b->ru_stime.tv_usec - a->ru_stime.tv_usec) / 1e6;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataTable) t = NULL;
  struct rusage usage, before;
  GStatBuf st;
  gint64 start, end;
  gsize base_rss;
  double seconds;

  for (; argc == 3 && g_str_has_prefix (argv[1], "--"); argv++, argc--)
    {
      if (strcmp (argv[1], "--single-thread") == 0)
        strata_csv_pipeline_min_size = G_MAXUINT64;
      else if (strcmp (argv[1], "--hand-over=always") == 0)
        strata_csv_pipeline_hand_over = STRATA_CSV_HAND_OVER_ALWAYS;
      else if (strcmp (argv[1], "--hand-over=never") == 0)
        strata_csv_pipeline_hand_over = STRATA_CSV_HAND_OVER_NEVER;
      else if (strcmp (argv[1], "--hand-over=auto") != 0)
        break;
    }
  if (argc != 2)
    {
      fprintf (stderr, "usage: %s [--single-thread | --hand-over=auto|always|never] FILE\n", argv[0]);
      return 2;
    }
  if (g_stat (argv[1], &st) != 0)
    {
      fprintf (stderr, "%s: cannot stat\n", argv[1]);
      return 1;
    }

  base_rss = current_rss ();
  getrusage (RUSAGE_SELF, &before);
  start = g_get_monotonic_time ();
  t = strata_csv_read_file (argv[1], NULL, NULL, NULL, NULL, NULL, &error);
  end = g_get_monotonic_time ();
  if (t == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  getrusage (RUSAGE_SELF, &usage);
  seconds = (double) (end - start) / 1e6;

  printf ("{\"bytes\": %" G_GINT64_FORMAT ", \"seconds\": %.4f, \"cpu_seconds\": %.4f, \"mb_per_s\": %.1f, "
          "\"rows\": %" G_GSIZE_FORMAT ", \"columns\": %u, \"table_bytes\": %" G_GSIZE_FORMAT ", "
          "\"peak_rss_bytes\": %" G_GSIZE_FORMAT ", \"base_rss_bytes\": %" G_GSIZE_FORMAT ", "
          "\"handed_over_bytes\": %" G_GSIZE_FORMAT "}\n",
          (gint64) st.st_size, seconds, cpu_seconds (&before, &usage),
          (double) st.st_size / 1e6 / seconds,
          strata_table_get_n_rows (t), strata_table_get_n_columns (t),
          strata_table_get_memory_size (t), peak_rss (), base_rss,
          strata_csv_pipeline_bytes_handed_over);
  return 0;
}
