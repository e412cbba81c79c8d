/* strata-csv.c — streaming CSV reader on libcsv
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * The input is read in blocks of 1 MiB and handed to libcsv, which calls
 * back once per field and once per row; the reader never holds more of the
 * file than one block. With CSV_REPALL_NL libcsv also reports the line ends
 * it would otherwise skip (blank lines, the LF of CRLF), so the callbacks
 * count physical lines exactly (row ends, plus line ends inside quoted
 * fields) and every message can name the line.
 *
 * Before parsing, the first block is sniffed: a UTF-8 BOM is dropped, the
 * line terminator (LF, CRLF or lone CR) and the delimiter are chosen
 * (strata-csv-dialect.c). The first SAMPLE_ROWS rows are kept as strings to
 * decide whether the first row is a header (detect_header) and to estimate
 * the row count from the file size; then they are replayed into one
 * StrataCsvColumnBuilder per column (strata-csv-column.c) and the rest of the
 * file streams straight into the builders.
 *
 * The field callback is the hot path: for a column that is still numeric it
 * parses the number inline (strata-csv-private.h) and stores the double,
 * nothing else. Other fields are checked for plain ASCII a word at a time;
 * those that are not valid UTF-8 are decoded as Windows-1252 with a warning.
 * Errors are recorded by the callbacks, which then ignore the rest of the
 * block (libcsv cannot be interrupted); the block loop stops after it.
 *
 * Inputs of at least strata_csv_pipeline_min_size bytes are read by two
 * threads: strata-csv-pipeline.c reads the blocks and runs libcsv on a
 * thread of its own, recording fields and row ends in batches, and
 * consume_batches() replays them into on_field()'s body (take_field()) and
 * on_row() on the calling thread, with progress, cancellation and the
 * end-of-input checks at the same points as read_blocks(). Runs of whole
 * lines that the first thread hands over raw go through a second libcsv
 * parser of the calling thread's, into on_field() and on_row() directly.
 */

#include "strata-csv-private.h"

#include <string.h>
#include <csv.h>

#define BLOCK_SIZE   (1024 * 1024)
#define SAMPLE_ROWS  100
#define MAX_WARNINGS_PER_KIND 5

G_DEFINE_QUARK (strata-csv-error-quark, strata_csv_error)

static const char *const default_missing_tokens[] = {
  "", "NA", "N/A", "NaN", "null", "?", NULL,
};

void
strata_csv_options_init (StrataCsvOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->delimiter = 0;
  options->header = STRATA_CSV_HEADER_AUTO;
  options->missing_tokens = NULL;
  options->overrides = NULL;
  options->n_overrides = 0;
  options->max_categorical_fraction = 0.5;
  options->all_text = FALSE;
}

/* --- fields --------------------------------------------------------------- */

/* Adds the @terminator characters in @s to *@line; TRUE when @s is plain
 * ASCII without NUL (the common case: no decoding needed). @readable bytes
 * can be read at @s (≥ @len), so whole words are read where possible: the
 * checks run eight bytes at a time with the usual bit tricks (a zero byte in
 * x shows as a set high bit in (x - 0x01…) & ~x & 0x80…). */
static inline gboolean
scan_field (const char *s,
            gsize       len,
            gsize       readable,
            char        terminator,
            guint64    *line)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  const guint64 highs = G_GUINT64_CONSTANT (0x8080808080808080);
  const guint64 fill = G_GUINT64_CONSTANT (0x2020202020202020);   /* spaces */
  const guint64 term = ones * (unsigned char) terminator;
  guint64 bad = 0, terms = 0;
  gsize i = 0;

  for (; i < len && i + 8 <= readable; i += 8)
    {
      guint64 x, t;

      memcpy (&x, s + i, 8);
      if (len - i < 8)
        {
          guint64 keep = (G_GUINT64_CONSTANT (1) << ((len - i) * 8)) - 1;
          x = (x & keep) | (fill & ~keep);
        }
      t = x ^ term;
      bad |= (x & highs) | ((x - ones) & ~x & highs);
      terms |= (t - ones) & ~t & highs;
    }
  for (; i < len; i++)
    {
      unsigned char c = (unsigned char) s[i];
      bad |= (c & 0x80) | (c == 0);
      terms |= c == (unsigned char) terminator;
    }
  if (G_UNLIKELY (terms != 0))
    for (gsize k = 0; k < len; k++)
      *line += s[k] == terminator;
  return bad == 0;
}

/* --- the reader ----------------------------------------------------------- */

typedef struct {
  guint64    line;
  GPtrArray *fields;  /* of char*, owned */
} SampleRow;

static void
sample_row_free (gpointer data)
{
  SampleRow *row = data;

  g_ptr_array_unref (row->fields);
  g_free (row);
}

typedef struct {
  const char              *name;          /* for messages */
  const StrataCsvOptions  *options;
  const char *const       *tokens;        /* missing tokens */
  guint32                  token_lengths; /* bit n: some token has length n (< 32) */
  gsize                   *token_lens;    /* strlen of each token */
  struct csv_parser       *parser;        /* its entry buffer holds the field */
  char                     delimiter;
  char                     terminator;    /* '\n' or '\r' */

  GError                  *error;         /* first error; the rest is ignored */
  GPtrArray               *warnings;
  guint                    n_bad_encoding;
  guint                    n_short_rows;
  GString                 *scratch;

  guint64                  line;          /* physical line being fed, 1-based */
  guint64                  row_line;      /* line where the current row starts */
  guint                    field;         /* fields seen in the current row */
  guint64                  total_size;

  /* Sampling: the first rows, kept as strings. */
  gboolean                 sampling;
  GPtrArray               *sample;        /* of SampleRow */

  /* After sampling. */
  guint                    n_columns;
  char                   **names;         /* [n_columns + 1] */
  StrataCsvColumnBuilder **builders;      /* [n_columns] */
  guint64                  n_rows;
} Reader;

static void G_GNUC_PRINTF (3, 4)
reader_fail (Reader     *r,
             gint        code,
             const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (r->error != NULL)
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  r->error = g_error_new (STRATA_CSV_ERROR, code, "%s: %s", r->name, message);
}

static void G_GNUC_PRINTF (2, 3)
reader_warn (Reader     *r,
             const char *format,
             ...)
{
  va_list args;

  if (r->warnings == NULL)
    r->warnings = g_ptr_array_new_with_free_func (g_free);
  va_start (args, format);
  g_ptr_array_add (r->warnings, g_strdup_vprintf (format, args));
  va_end (args);
}

static inline gboolean
is_missing (Reader     *r,
            const char *s,
            gsize       len)
{
  if (len >= 32 || !(r->token_lengths & (1u << len)))
    return FALSE;
  for (guint i = 0; r->tokens[i] != NULL; i++)
    if (r->token_lens[i] == len && memcmp (r->tokens[i], s, len) == 0)
      return TRUE;
  return FALSE;
}

static void
add_field (Reader     *r,
           const char *s,
           gsize       len)
{
  StrataCsvColumnBuilder *b;

  if (r->field >= r->n_columns)
    {
      reader_fail (r, STRATA_CSV_ERROR_RAGGED,
                   "line %" G_GUINT64_FORMAT ": more than %u fields (the first row has %u)",
                   r->row_line, r->n_columns, r->n_columns);
      return;
    }
  b = r->builders[r->field];
  if (!strata_csv_column_builder_append (b, s, len, is_missing (r, s, len)))
    reader_fail (r, STRATA_CSV_ERROR_TYPE,
                 "line %" G_GUINT64_FORMAT ", column %u (“%s”): “%s” is not a number",
                 r->row_line, r->field + 1, r->names[r->field], s);
  r->field++;
}

static void
end_row (Reader *r)
{
  if (r->field < r->n_columns)
    {
      if (r->n_short_rows++ < MAX_WARNINGS_PER_KIND)
        reader_warn (r, "%s: line %" G_GUINT64_FORMAT ": %u fields instead of %u, "
                     "padded with missing values",
                     r->name, r->row_line, r->field, r->n_columns);
      while (r->field < r->n_columns)
        {
          strata_csv_column_builder_append (r->builders[r->field], "", 0, TRUE);
          r->field++;
        }
    }
  r->n_rows++;
  r->field = 0;
}

/* The first row is a header when none of its fields is missing or a number,
 * they are all different, and the columns below vote for it: a column that
 * is numeric below (+1), whose values all have one length that the first
 * field does not have (+1) or does have (-1), or that repeats the first
 * field (-1). A tie is a header. */
static gboolean
detect_header (Reader *r)
{
  SampleRow *first = g_ptr_array_index (r->sample, 0);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  int score = 0;

  for (guint j = 0; j < first->fields->len; j++)
    {
      const char *h = g_ptr_array_index (first->fields, j);
      double v;
      StrataCsvNumberForm form;
      guint8 digits;

      if (is_missing (r, h, strlen (h)) ||
          strata_csv_parse_number (h, strlen (h), &v, &form, &digits) ||
          !g_hash_table_add (seen, (gpointer) h))
        return FALSE;
    }

  for (guint j = 0; j < first->fields->len; j++)
    {
      const char *h = g_ptr_array_index (first->fields, j);
      gboolean any = FALSE, all_numeric = TRUE, same_length = TRUE, repeats = FALSE;
      gsize length = 0;

      for (guint i = 1; i < r->sample->len; i++)
        {
          SampleRow *row = g_ptr_array_index (r->sample, i);
          const char *s;
          gsize len;
          double v;
          StrataCsvNumberForm form;
          guint8 digits;

          if (j >= row->fields->len)
            continue;
          s = g_ptr_array_index (row->fields, j);
          len = strlen (s);
          if (is_missing (r, s, len))
            continue;
          if (!any)
            length = len;
          any = TRUE;
          all_numeric &= strata_csv_parse_number (s, len, &v, &form, &digits);
          same_length &= len == length;
          repeats |= strcmp (s, h) == 0;
        }
      if (!any)
        continue;
      if (all_numeric)
        score++;
      else if (repeats)
        score--;
      else if (same_length)
        score += strlen (h) != length ? 1 : -1;
    }
  return score >= 0;
}

/* Column names: the header's, with empty names replaced by the column
 * number and duplicates suffixed ".1", ".2" as pandas does. */
static void
make_names (Reader    *r,
            SampleRow *header)
{
  g_autoptr(GHashTable) used = g_hash_table_new (g_str_hash, g_str_equal);

  r->names = g_new0 (char *, r->n_columns + 1);
  for (guint j = 0; j < r->n_columns; j++)
    {
      const char *h = header != NULL ? g_ptr_array_index (header->fields, j) : "";
      char *name = *h != '\0' ? g_strdup (h) : g_strdup_printf ("%u", j + 1);

      for (guint k = 1; g_hash_table_contains (used, name); k++)
        {
          g_free (name);
          name = g_strdup_printf ("%s.%u", *h != '\0' ? h : "", k);
          if (*h == '\0')
            {
              g_free (name);
              name = g_strdup_printf ("%u.%u", j + 1, k);
            }
        }
      r->names[j] = name;
      g_hash_table_add (used, name);
    }
}

/* TRUE when column @j has a value below row @first that is neither missing
 * nor a number. */
static gboolean
sample_has_text (Reader *r,
                 guint   j,
                 guint   first)
{
  for (guint i = first; i < r->sample->len; i++)
    {
      SampleRow *row = g_ptr_array_index (r->sample, i);
      const char *s;
      double v;
      StrataCsvNumberForm form;
      guint8 digits;

      if (j >= row->fields->len)
        continue;
      s = g_ptr_array_index (row->fields, j);
      if (!is_missing (r, s, strlen (s)) &&
          !strata_csv_parse_number (s, strlen (s), &v, &form, &digits))
        return TRUE;
    }
  return FALSE;
}

/* Decides the header, creates the builders and replays the sample. */
static void
end_sampling (Reader *r)
{
  const StrataCsvOptions *o = r->options;
  SampleRow *first;
  gboolean header;
  gsize capacity = 1024;
  guint first_data;

  r->sampling = FALSE;
  if (r->sample->len == 0)
    {
      reader_fail (r, STRATA_CSV_ERROR_EMPTY, "the file holds no data");
      return;
    }

  first = g_ptr_array_index (r->sample, 0);
  r->n_columns = first->fields->len;
  switch (o->header)
    {
    case STRATA_CSV_HEADER_PRESENT: header = TRUE; break;
    case STRATA_CSV_HEADER_ABSENT:  header = FALSE; break;
    case STRATA_CSV_HEADER_AUTO:
    default:                        header = detect_header (r); break;
    }
  make_names (r, header ? first : NULL);
  first_data = header ? 1 : 0;

  /* Rows in the whole file, from the size of the sample's rows (fields and
   * separators; quotes are not counted, which errs towards more rows: the
   * untouched end of an array costs address space, not memory). */
  if (r->total_size > 0)
    {
      gsize sample_bytes = 0;

      for (guint i = 0; i < r->sample->len; i++)
        {
          SampleRow *row = g_ptr_array_index (r->sample, i);
          for (guint j = 0; j < row->fields->len; j++)
            sample_bytes += strlen (g_ptr_array_index (row->fields, j)) + 1;
        }
      capacity = (gsize) ((double) r->sample->len * (double) r->total_size /
                          (double) MAX (sample_bytes, 1) * 1.05) + 16;
      capacity = MIN (capacity, (gsize) r->total_size / 2 + 16);  /* ≥ 2 bytes a row */
    }

  r->builders = g_new0 (StrataCsvColumnBuilder *, MAX (r->n_columns, 1));
  for (guint j = 0; j < r->n_columns; j++)
    {
      gboolean forced = o->all_text;
      StrataColumnKind kind = STRATA_COLUMN_TEXT;

      for (guint k = 0; k < o->n_overrides; k++)
        if (g_strcmp0 (o->overrides[k].column, r->names[j]) == 0)
          {
            forced = TRUE;
            kind = o->overrides[k].kind;
          }
      r->builders[j] = strata_csv_column_builder_new (forced, kind,
                                                      sample_has_text (r, j, first_data),
                                                      capacity);
    }
  for (guint k = 0; k < o->n_overrides; k++)
    if (!g_strv_contains ((const char *const *) r->names, o->overrides[k].column))
      {
        reader_fail (r, STRATA_CSV_ERROR_OPTIONS, "no column named “%s”",
                     o->overrides[k].column);
        return;
      }

  for (guint i = first_data; i < r->sample->len && r->error == NULL; i++)
    {
      SampleRow *row = g_ptr_array_index (r->sample, i);

      r->row_line = row->line;
      for (guint j = 0; j < row->fields->len && r->error == NULL; j++)
        {
          const char *s = g_ptr_array_index (row->fields, j);
          add_field (r, s, strlen (s));
        }
      if (r->error == NULL)
        end_row (r);
    }
  g_ptr_array_set_size (r->sample, 0);
}

/* One field: @data[0..len), NUL-terminated, with @readable bytes readable
 * from @data (for scan_field's word reads). */
static inline __attribute__ ((always_inline)) void
take_field (Reader     *r,
            const char *data,
            gsize       len,
            gsize       readable)
{
  const char *s = data != NULL ? data : "";

  if (r->error != NULL)
    return;
  if (len == 0)
    s = "";

  /* The hot path: a number in a column that is still numeric. A number is
   * ASCII on one line, so no decoding and no line counting. */
  if (G_LIKELY (!r->sampling && r->field < r->n_columns && !is_missing (r, s, len)) &&
      strata_csv_column_builder_append_number (r->builders[r->field], s, len))
    {
      if (r->field == 0)
        r->row_line = r->line;
      r->field++;
      return;
    }

  /* A field starts on the current line; line ends inside it (quoted) move
   * the count on. */
  if (r->field == 0)
    r->row_line = r->line;
  if (G_UNLIKELY (!scan_field (s, len, data != NULL ? readable : len + 1, r->terminator, &r->line)))
    {
      if (strata_csv_decode_field (s, len, r->scratch) && r->n_bad_encoding++ < MAX_WARNINGS_PER_KIND)
        reader_warn (r, "%s: line %" G_GUINT64_FORMAT ": invalid UTF-8, decoded as Windows-1252",
                     r->name, r->row_line);
      s = r->scratch->str;
      len = r->scratch->len;
    }

  if (r->sampling)
    {
      SampleRow *row;

      if (r->field == 0)
        {
          row = g_new0 (SampleRow, 1);
          row->line = r->row_line;
          row->fields = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (r->sample, row);
        }
      row = g_ptr_array_index (r->sample, r->sample->len - 1);
      g_ptr_array_add (row->fields, g_strndup (s, len));
      r->field++;
      return;
    }
  add_field (r, s, len);
}

/* libcsv: one field. @data is NUL-terminated (CSV_APPEND_NULL). */
static void
on_field (void   *data,
          size_t  len,
          void   *user_data)
{
  Reader *r = user_data;

  take_field (r, data, len, r->parser->entry_size);
}

/* libcsv: end of a row (@c is the character that ended it, or -1 at the end
 * of input). With CSV_REPALL_NL it is also called, without fields, for each
 * line end outside a row (blank lines, the LF of CRLF): those only count
 * lines. */
static void
on_row (int   c,
        void *user_data)
{
  Reader *r = user_data;
  gboolean blank = r->field == 0;

  if (c == r->terminator)
    r->line++;
  if (r->error != NULL || blank)
    return;
  if (r->sampling)
    {
      r->field = 0;
      if (r->sample->len >= SAMPLE_ROWS)
        end_sampling (r);
      return;
    }
  end_row (r);
}

static void
feed (Reader            *r,
      struct csv_parser *parser,
      const char        *buf,
      gsize              len)
{
  if (csv_parse (parser, buf, len, on_field, on_row, r) != len)
    reader_fail (r, STRATA_CSV_ERROR_SYNTAX, "line %" G_GUINT64_FORMAT ": %s",
                 r->line, csv_strerror (csv_error (parser)));
}

static void
reader_clear (Reader *r)
{
  g_clear_error (&r->error);
  g_clear_pointer (&r->warnings, g_ptr_array_unref);
  g_string_free (r->scratch, TRUE);
  g_ptr_array_unref (r->sample);
  if (r->builders != NULL)
    for (guint j = 0; j < r->n_columns; j++)
      strata_csv_column_builder_free (r->builders[j]);
  g_free (r->builders);
  g_strfreev (r->names);
  g_free (r->token_lens);
}

static StrataTable *
reader_finish (Reader  *r,
               GError **error)
{
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func ((GDestroyNotify) strata_column_unref);

  for (guint j = 0; j < r->n_columns; j++)
    {
      g_ptr_array_add (columns,
                       strata_csv_column_builder_finish (r->builders[j], r->names[j],
                                                         r->options->max_categorical_fraction));
      g_clear_pointer (&r->builders[j], strata_csv_column_builder_free);
    }
  return strata_table_new ((StrataColumn **) columns->pdata, columns->len, error);
}

/* Calls @progress with the position @done, at most once per half percent
 * (always when the total is unknown). */
static void
report_progress (guint64                done,
                 guint64                total_size,
                 guint                 *last_half_percent,
                 StrataCsvProgressFunc  progress,
                 gpointer               user_data)
{
  guint half_percent = total_size > 0 ? (guint) (MIN (done, total_size) * 200 / total_size) : 0;

  if (progress == NULL)
    return;
  if (half_percent != *last_half_percent || total_size == 0)
    progress (done, total_size, user_data);
  *last_half_percent = half_percent;
}

void
strata_csv_parser_init (struct csv_parser *parser)
{
  int status = csv_init (parser, CSV_APPEND_NULL | CSV_REPALL_NL);

  g_assert (status == 0);   /* it fails only for a NULL parser */
  csv_set_blk_size (parser, 64 * 1024);
}

/* The single-threaded loop: read a block, parse it into the builders. */
static void
read_blocks (Reader                *r,
             struct csv_parser     *parser,
             GInputStream          *stream,
             GSeekable             *progress_source,
             gsize                  block_size,
             StrataCsvProgressFunc  progress,
             gpointer               user_data,
             GCancellable          *cancellable)
{
  g_autofree char *buf = g_malloc (block_size);
  gboolean first_block = TRUE;
  guint64 bytes_read = 0;
  guint last_half_percent = G_MAXUINT;

  for (;;)
    {
      const char *data = buf;
      gsize len;
      gssize n;

      if (g_cancellable_set_error_if_cancelled (cancellable, &r->error))
        return;
      n = strata_csv_read_block (stream, buf, block_size, r->name, cancellable, &r->error);
      if (n < 0)
        return;
      if (n == 0)
        break;
      bytes_read += (guint64) n;
      len = (gsize) n;
      if (first_block)
        {
          first_block = FALSE;
          /* libcsv's built-in blanks (space, TAB) never include the
           * delimiter, so TAB-separated files need no space function. */
          strata_csv_prepare_first_block (&data, &len, (gsize) n < block_size,
                                          r->options->delimiter, &r->terminator, &r->delimiter);
          csv_set_delim (parser, (unsigned char) r->delimiter);
        }

      feed (r, parser, data, len);
      if (r->error != NULL)
        return;
      report_progress (progress_source != NULL ? (guint64) g_seekable_tell (progress_source) : bytes_read,
                       r->total_size, &last_half_percent, progress, user_data);
    }

  /* CSV_STRICT_FINI only acts in strict mode, which would also refuse
   * stray quotes that pandas and spreadsheets accept; so look at the
   * state directly: inside a quoted field (libcsv's FIELD_BEGUN = 2).
   * strata-csv-pipeline.c does the same. */
  if ((parser->quoted && parser->pstate == 2) ||
      csv_fini (parser, on_field, on_row, r) != 0)
    reader_fail (r, STRATA_CSV_ERROR_SYNTAX,
                 "line %" G_GUINT64_FORMAT ", column %u: unterminated quoted field",
                 r->field == 0 ? r->line : r->row_line, r->field + 1);
}

/* The pipeline's second stage: replays the batches of the first thread
 * (strata-csv-pipeline.c) into the callbacks above, and does at each block
 * end and at the end of the input what read_blocks() does, in the same
 * order. */
static void
consume_batches (Reader                *r,
                 StrataCsvPipe         *pipe,
                 StrataCsvProgressFunc  progress,
                 gpointer               user_data,
                 GCancellable          *cancellable)
{
  guint last_half_percent = G_MAXUINT;
  StrataCsvBatchTail tail;
  /* For the lines handed over: between rows after each run, like a new one. */
  struct csv_parser lines_parser;
  gboolean have_lines_parser = FALSE;

  r->parser = &lines_parser;   /* the first thread's is not ours to read */
  do
    {
      StrataCsvBatch *b = strata_csv_pipe_next (pipe);

      tail = b->tail;
      if (r->error == NULL)
        {
          gsize offset = 0;

          r->terminator = b->terminator;
          for (guint i = 0; i < b->n_events && r->error == NULL; i++)
            {
              StrataCsvEvent e = b->events[i];

              if ((e & STRATA_CSV_EVENT_KIND) == STRATA_CSV_EVENT_LINES)
                {
                  gsize n = e & ~STRATA_CSV_EVENT_KIND;

                  if (!have_lines_parser)
                    {
                      strata_csv_parser_init (&lines_parser);
                      csv_set_delim (&lines_parser, (unsigned char) b->delimiter);
                      have_lines_parser = TRUE;
                    }
                  feed (r, &lines_parser, b->bytes + offset, n);
                  offset += n;
                }
              else if (e & STRATA_CSV_EVENT_ROW)
                on_row ((int) (e & ~STRATA_CSV_EVENT_ROW) - 1, r);
              else
                {
                  take_field (r, b->bytes + offset, e, b->capacity + STRATA_CSV_BATCH_SLACK - offset);
                  offset += (gsize) e + 1;
                }
            }
          if (r->error != NULL)
            ;
          else if (b->parse_error != 0)
            reader_fail (r, STRATA_CSV_ERROR_SYNTAX, "line %" G_GUINT64_FORMAT ": %s",
                         r->line, csv_strerror (b->parse_error));
          else if (b->error != NULL)
            r->error = g_steal_pointer (&b->error);
          else if (b->unterminated)
            reader_fail (r, STRATA_CSV_ERROR_SYNTAX,
                         "line %" G_GUINT64_FORMAT ", column %u: unterminated quoted field",
                         r->field == 0 ? r->line : r->row_line, r->field + 1);
          else if (tail == STRATA_CSV_BATCH_BLOCK)
            {
              report_progress (b->done, r->total_size, &last_half_percent, progress, user_data);
              g_cancellable_set_error_if_cancelled (cancellable, &r->error);
            }
          if (r->error != NULL)
            strata_csv_pipe_stop (pipe);
        }
      g_clear_error (&b->error);
      strata_csv_pipe_release (pipe, b);
    }
  while (tail != STRATA_CSV_BATCH_END);
  if (have_lines_parser)
    csv_free (&lines_parser);
  r->parser = NULL;
}

/* The reader proper. @progress_source, when not NULL, is a seekable stream
 * whose position is the progress (the compressed file under a .gz). Inputs
 * of known size of at least strata_csv_pipeline_min_size are read by two
 * threads. */
static StrataTable *
read_stream (GInputStream            *stream,
             GSeekable               *progress_source,
             const char              *display_name,
             guint64                  total_size,
             const StrataCsvOptions  *options,
             StrataCsvProgressFunc    progress,
             gpointer                 user_data,
             GCancellable            *cancellable,
             GPtrArray              **warnings,
             GError                 **error)
{
  StrataCsvOptions defaults;
  struct csv_parser parser;
  /* One block, or less for a small input of known size. */
  gsize block_size = total_size > 0 && total_size < BLOCK_SIZE ? (gsize) total_size + 1 : BLOCK_SIZE;
  Reader r = { 0 };
  StrataCsvPipe *pipe = NULL;
  StrataTable *table = NULL;

  if (options == NULL)
    {
      strata_csv_options_init (&defaults);
      options = &defaults;
    }
  if (warnings != NULL)
    *warnings = NULL;

  r.name = display_name;
  r.parser = &parser;
  r.options = options;
  r.tokens = options->missing_tokens != NULL ? options->missing_tokens : default_missing_tokens;
  r.token_lens = g_new (gsize, g_strv_length ((char **) r.tokens) + 1);
  for (guint i = 0; r.tokens[i] != NULL; i++)
    {
      r.token_lens[i] = strlen (r.tokens[i]);
      if (r.token_lens[i] < 32)
        r.token_lengths |= 1u << r.token_lens[i];
    }
  r.terminator = '\n';
  r.scratch = g_string_new (NULL);
  r.line = 1;
  r.total_size = total_size;
  r.sampling = TRUE;
  r.sample = g_ptr_array_new_with_free_func (sample_row_free);

  strata_csv_parser_init (&parser);

  /* The pipeline only pays with a second processor: on one it is the same
   * work plus the hand-over (tests force it with a min_size of 1). */
  if (total_size > 0 && total_size >= strata_csv_pipeline_min_size &&
      (strata_csv_pipeline_min_size <= 1 || g_get_num_processors () > 1))
    pipe = strata_csv_pipe_new (stream, progress_source, display_name, block_size,
                                options->delimiter, cancellable, &parser);
  if (pipe != NULL)
    {
      consume_batches (&r, pipe, progress, user_data, cancellable);
      strata_csv_pipe_free (pipe);
    }
  else
    read_blocks (&r, &parser, stream, progress_source, block_size, progress, user_data,
                 cancellable);
  csv_free (&parser);
  if (r.error == NULL && r.sampling)
    end_sampling (&r);

  if (r.error == NULL)
    {
      if (r.n_bad_encoding > MAX_WARNINGS_PER_KIND)
        reader_warn (&r, "%s: %u more fields with invalid UTF-8", display_name,
                     r.n_bad_encoding - MAX_WARNINGS_PER_KIND);
      if (r.n_short_rows > MAX_WARNINGS_PER_KIND)
        reader_warn (&r, "%s: %u more short rows padded with missing values", display_name,
                     r.n_short_rows - MAX_WARNINGS_PER_KIND);
      table = reader_finish (&r, &r.error);
    }

  if (table == NULL)
    g_propagate_error (error, g_steal_pointer (&r.error));
  else if (warnings != NULL)
    *warnings = g_steal_pointer (&r.warnings);
  reader_clear (&r);
  return table;
}

StrataTable *
strata_csv_read_stream (GInputStream           *stream,
                        const char             *display_name,
                        guint64                 total_size,
                        const StrataCsvOptions *options,
                        StrataCsvProgressFunc   progress,
                        gpointer                user_data,
                        GCancellable           *cancellable,
                        GPtrArray             **warnings,
                        GError                **error)
{
  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return read_stream (stream, NULL, display_name != NULL ? display_name : "(stream)",
                      total_size, options, progress, user_data, cancellable, warnings, error);
}

StrataTable *
strata_csv_read_file (const char             *path,
                      const StrataCsvOptions *options,
                      StrataCsvProgressFunc   progress,
                      gpointer                user_data,
                      GCancellable           *cancellable,
                      GPtrArray             **warnings,
                      GError                **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) file_stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  guint64 size = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (warnings != NULL)
    *warnings = NULL;
  file = g_file_new_for_path (path);
  file_stream = g_file_read (file, cancellable, &local_error);
  if (file_stream == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code, "%s: %s", path,
                   local_error->message);
      return NULL;
    }
  info = g_file_input_stream_query_info (file_stream, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                         cancellable, NULL);
  if (info != NULL)
    size = (guint64) g_file_info_get_size (info);

  if (g_str_has_suffix (path, ".gz"))
    {
      g_autoptr(GZlibDecompressor) gunzip = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
      stream = g_converter_input_stream_new (G_INPUT_STREAM (file_stream), G_CONVERTER (gunzip));
      return read_stream (stream, G_SEEKABLE (file_stream), path, size, options,
                          progress, user_data, cancellable, warnings, error);
    }
  return read_stream (G_INPUT_STREAM (file_stream), NULL, path, size, options,
                      progress, user_data, cancellable, warnings, error);
}
