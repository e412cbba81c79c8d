/* strata-csv-write.c — RFC 4180 writer
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * Rows are formatted into a 64 KiB buffer that is written out whenever it
 * fills. A field is quoted when RFC 4180 needs it (delimiter, quote, CR, LF)
 * and also when it has leading or trailing blanks (the reader trims them
 * from unquoted fields) or starts with a UTF-8 byte-order mark (which the
 * reader drops at the start of a file). A row whose every value is missing is written as
 * `""` in its first field, because the reader skips blank lines. Files are
 * written through g_file_replace(): the data goes to a temporary file that
 * is renamed over the destination only when the stream closes cleanly.
 */

#include "strata-csv-private.h"

#include <string.h>

#define FLUSH_SIZE (64 * 1024)

static gboolean
needs_quotes (const char *s,
              char        delimiter)
{
  gsize len = strlen (s);

  if (len == 0)
    return TRUE;
  /* A byte-order mark at the start of the file would be dropped on reading. */
  if (g_str_has_prefix (s, "\xEF\xBB\xBF"))
    return TRUE;
  if (s[0] == ' ' || s[0] == '\t' || s[len - 1] == ' ' || s[len - 1] == '\t')
    return TRUE;
  for (const char *p = s; *p != '\0'; p++)
    if (*p == delimiter || *p == '"' || *p == '\r' || *p == '\n')
      return TRUE;
  return FALSE;
}

static void
append_field (GString    *out,
              const char *s,
              char        delimiter)
{
  if (!needs_quotes (s, delimiter))
    {
      g_string_append (out, s);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = s; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* The value at @row as text (borrowed or in @buf), NULL when missing. */
static const char *
cell_text (StrataColumn *column,
           gsize         row,
           char         *buf,
           gsize         size)
{
  if (strata_column_is_missing (column, row))
    return NULL;
  switch (strata_column_get_kind (column))
    {
    case STRATA_COLUMN_NUMERIC:
      strata_format_double (strata_column_get_numeric (column)[row], buf, size);
      return buf;
    case STRATA_COLUMN_CATEGORICAL:
      return strata_column_get_category (column, strata_column_get_codes (column)[row]);
    case STRATA_COLUMN_TEXT:
      return strata_column_get_text (column, row);
    default:
      g_return_val_if_reached (NULL);
    }
}

static gboolean
flush (GOutputStream *stream,
       GString       *out,
       GCancellable  *cancellable,
       GError       **error)
{
  if (!g_output_stream_write_all (stream, out->str, out->len, NULL, cancellable, error))
    return FALSE;
  g_string_truncate (out, 0);
  return TRUE;
}

gboolean
strata_csv_write_stream (StrataTable   *table,
                         GOutputStream *stream,
                         char           delimiter,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GString) out = g_string_sized_new (FLUSH_SIZE + 4096);
  guint n_columns;
  gsize n_rows;
  char buf[64];

  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (delimiter != '"' && delimiter != '\n' && delimiter != '\r' &&
                        delimiter != '\0', FALSE);

  n_columns = strata_table_get_n_columns (table);
  n_rows = strata_table_get_n_rows (table);

  for (guint j = 0; j < n_columns; j++)
    {
      if (j > 0)
        g_string_append_c (out, delimiter);
      append_field (out, strata_column_get_name (strata_table_get_column (table, j)), delimiter);
    }
  g_string_append_c (out, '\n');

  for (gsize row = 0; row < n_rows; row++)
    {
      gboolean any = FALSE;

      for (guint j = 0; j < n_columns; j++)
        {
          const char *s = cell_text (strata_table_get_column (table, j), row, buf, sizeof buf);

          if (j > 0)
            g_string_append_c (out, delimiter);
          if (s != NULL)
            {
              append_field (out, s, delimiter);
              any = TRUE;
            }
        }
      if (!any && n_columns > 0)
        {
          /* Keep the row: a blank line would be skipped when read back. */
          g_string_truncate (out, out->len - (n_columns - 1));
          g_string_append (out, "\"\"");
          for (guint j = 1; j < n_columns; j++)
            g_string_append_c (out, delimiter);
        }
      g_string_append_c (out, '\n');
      if (out->len >= FLUSH_SIZE && !flush (stream, out, cancellable, error))
        return FALSE;
    }
  return flush (stream, out, cancellable, error);
}

gboolean
strata_csv_write_file (StrataTable  *table,
                       const char   *path,
                       char          delimiter,
                       GError      **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  file = g_file_new_for_path (path);
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                           NULL, &local_error);
  if (stream == NULL ||
      !strata_csv_write_stream (table, G_OUTPUT_STREAM (stream), delimiter, NULL, &local_error) ||
      !g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &local_error))
    {
      if (stream != NULL && !g_output_stream_is_closed (G_OUTPUT_STREAM (stream)))
        {
          /* A cancelled close drops the temporary file and leaves any
           * existing file as it was. */
          g_autoptr(GCancellable) abort_close = g_cancellable_new ();
          g_cancellable_cancel (abort_close);
          g_output_stream_close (G_OUTPUT_STREAM (stream), abort_close, NULL);
        }
      g_set_error (error, local_error->domain, local_error->code, "%s: %s", path,
                   local_error->message);
      return FALSE;
    }
  return TRUE;
}
