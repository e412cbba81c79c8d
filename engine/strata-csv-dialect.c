/* strata-csv-dialect.c — what kind of CSV a file is: delimiter, encoding
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * Two small pieces of the reader that look at text rather than at rows.
 * The delimiter is sniffed from the first lines of the first block, quote
 * aware, by the consistency of each candidate's count per line (as Python's
 * csv.Sniffer does, more simply). Fields that are not UTF-8 are re-encoded
 * from Windows-1252, the encoding that spreadsheets on Windows write and a
 * superset of Latin-1 for printable text; the table for 0x80–0x9F is the
 * WHATWG Encoding Standard's.
 */

#include "strata-csv-private.h"

#include <string.h>

#define SNIFF_LINES  50

/* --- encodings ------------------------------------------------------------ */

/* Windows-1252 0x80..0x9F (WHATWG encoding standard); the rest is Latin-1. */
static const gunichar cp1252_high[32] = {
  0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
  0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

static gboolean
is_utf8_except_nul (const char *s,
                    gsize       len)
{
  const char *end = s + len, *stop;

  while (s < end)
    {
      if (g_utf8_validate_len (s, (gsize) (end - s), &stop))
        return TRUE;
      if (*stop != '\0')
        return FALSE;
      s = stop + 1;
    }
  return TRUE;
}

/* Re-encodes @s into @out as UTF-8. Returns TRUE when @s was not UTF-8 and
 * was decoded as Windows-1252 (as opposed to only NULs replaced). */
gboolean
strata_csv_decode_field (const char *s,
                         gsize       len,
                         GString    *out)
{
  gboolean utf8 = is_utf8_except_nul (s, len);

  g_string_truncate (out, 0);
  for (gsize i = 0; i < len; i++)
    {
      unsigned char c = (unsigned char) s[i];
      if (c == 0)
        g_string_append_unichar (out, 0xFFFD);
      else if (utf8 || c < 0x80)
        g_string_append_c (out, (char) c);
      else if (c < 0xA0)
        g_string_append_unichar (out, cp1252_high[c - 0x80]);
      else
        g_string_append_unichar (out, c);
    }
  return !utf8;
}

/* --- sniffing ------------------------------------------------------------- */

static const char delimiter_candidates[] = { ',', ';', '\t', '|' };

/* Picks the candidate whose count per line (outside quotes) is the same on
 * most of the first SNIFF_LINES lines; ties go to the larger count, then to
 * the order above. A file where no candidate occurs is one column (','). */
char
strata_csv_sniff_delimiter (const char *buf,
                            gsize       len,
                            gboolean    complete)
{
  guint counts[SNIFF_LINES][G_N_ELEMENTS (delimiter_candidates)];
  guint n_lines = 0;
  guint current[G_N_ELEMENTS (delimiter_candidates)] = { 0 };
  gboolean in_quotes = FALSE, line_has_text = FALSE;
  char best = ',';
  double best_consistency = 0.0;
  guint best_mode = 0;

  for (gsize i = 0; i <= len && n_lines < SNIFF_LINES; i++)
    {
      char c = i < len ? buf[i] : '\n';

      if (i == len && !complete)
        break;    /* a cut-off last line says nothing reliable */
      if (c == '"')
        in_quotes = !in_quotes;
      if (in_quotes)
        {
          line_has_text = TRUE;
          continue;
        }
      if (c == '\n' || c == '\r')
        {
          if (line_has_text)
            memcpy (counts[n_lines++], current, sizeof current);
          memset (current, 0, sizeof current);
          line_has_text = FALSE;
          continue;
        }
      line_has_text = TRUE;
      for (guint k = 0; k < G_N_ELEMENTS (delimiter_candidates); k++)
        current[k] += c == delimiter_candidates[k];
    }

  for (guint k = 0; k < G_N_ELEMENTS (delimiter_candidates); k++)
    {
      guint mode = 0, mode_lines = 0;

      /* The mode of the counts (n_lines ≤ 50: quadratic is fine). */
      for (guint i = 0; i < n_lines; i++)
        {
          guint same = 0;
          for (guint j = 0; j < n_lines; j++)
            same += counts[j][k] == counts[i][k];
          if (counts[i][k] > 0 &&
              (same > mode_lines || (same == mode_lines && counts[i][k] > mode)))
            {
              mode = counts[i][k];
              mode_lines = same;
            }
        }
      if (mode > 0)
        {
          double consistency = (double) mode_lines / n_lines;
          if (consistency > best_consistency ||
              (consistency == best_consistency && mode > best_mode))
            {
              best = delimiter_candidates[k];
              best_consistency = consistency;
              best_mode = mode;
            }
        }
    }
  return best;
}
