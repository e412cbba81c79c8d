/* strata-csv-pipeline.c — reading and tokenizing on a thread of their own
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * libcsv's tokenizing is about 60 % of a read, the rest (numbers, types,
 * dictionaries) is the reader's own work in strata-csv.c; the two can run
 * on two cores. The first thread (here) reads the blocks, prepares the
 * first one (BOM, line terminator, delimiter) and runs csv_parse() with
 * callbacks that only record: each field's bytes are appended, NUL-terminated,
 * to the current batch, and each field and row end becomes one 4-byte event.
 * The calling thread takes the batches in order and replays the events into
 * the very callbacks the single-threaded reader uses, so the table, the
 * warnings, the errors and their line numbers are the same by construction.
 *
 * The batches go round N_BATCHES in two queues, one of empty batches and
 * one of full ones: single-producer single-consumer rings whose counters are
 * atomics (a release store after a slot is written, an acquire load before
 * it is read), with a GMutex and GCond only to sleep on an empty ring. (Not
 * GAsyncQueue: its GLib-internal synchronisation is invisible to
 * ThreadSanitizer, which then reports every batch as a race.) A batch is sent when it holds
 * strata_csv_pipeline_batch_bytes of fields or as many events, at the end of
 * each block (with the progress position) and at the end of the input (with
 * the read error, the cancellation or the unterminated quote, if any). So at
 * most N_BATCHES × (batch bytes + events) plus one block are in flight,
 * whatever the file size; a field longer than a batch grows that batch.
 * When the caller meets an error it sets the stop flag; the thread finishes
 * its block, sends END and ends, and the caller drains the queue up to it.
 *
 * Handing lines over. Recording costs this thread almost as much as libcsv
 * does, so on a file of numbers this thread is the slower stage and the
 * caller waits. Then (AUTO: the caller is asleep on an empty queue) this
 * thread copies the longest run of whole lines without a quote character
 * that fits in a batch, starting where its parser is between rows, into
 * the batch as one LINES event, instead of parsing it; the caller runs the
 * run through a libcsv parser of its own straight into its callbacks, as
 * the single-threaded reader does. That costs this thread a memchr and a
 * memcpy, and the caller the whole read of those lines: the waiting side
 * takes work until both are busy. It is exact because libcsv's parser
 * between rows (ROW_NOT_BEGUN) is in the state of a new one, and without a
 * quote every CR or LF ends a row or is a blank line (unless the delimiter
 * is itself CR or LF: no hand-over then), so after the run both parsers
 * are between rows again: the callbacks, hence the table, warnings and
 * line numbers, are those of one parser reading everything. Where the
 * quote state is not known (inside a quoted field, a line with a quote)
 * nothing is handed over. Outside hand-overs this thread parses its block
 * in segments of 16 KiB ending at line ends, and between two segments
 * looks whether the caller waits.
 */

#include "strata-csv-private.h"

#include <string.h>
#include <csv.h>

#define N_BATCHES 4

/* libcsv's parser states (libcsv.c, not in csv.h). */
#define LIBCSV_ROW_NOT_BEGUN 0
#define LIBCSV_FIELD_BEGUN   2

guint64               strata_csv_pipeline_min_size = 4 * 1024 * 1024;
gsize                 strata_csv_pipeline_batch_bytes = 128 * 1024;
StrataCsvHandOver     strata_csv_pipeline_hand_over = STRATA_CSV_HAND_OVER_AUTO;
gsize                 strata_csv_pipeline_bytes_handed_over;

/* A queue of at most N_BATCHES batches, one thread pushing, one popping. */
typedef struct {
  StrataCsvBatch *slots[N_BATCHES];
  gint            pushed;  /* atomic: batches pushed so far */
  gint            popped;  /* atomic: batches popped so far (read by the pusher) */
  gint            waiting; /* atomic: the popping thread found the ring empty */
  GMutex          lock;
  GCond           cond;
} Ring;

static void
ring_push (Ring           *ring,
           StrataCsvBatch *batch)
{
  guint n = (guint) g_atomic_int_get (&ring->pushed);

  /* Never full: there are only N_BATCHES batches. */
  ring->slots[n % N_BATCHES] = batch;
  g_mutex_lock (&ring->lock);
  g_atomic_int_set (&ring->pushed, (gint) (n + 1));
  g_cond_signal (&ring->cond);
  g_mutex_unlock (&ring->lock);
}

static StrataCsvBatch *
ring_pop (Ring *ring)
{
  guint n = (guint) g_atomic_int_get (&ring->popped);

  if ((guint) g_atomic_int_get (&ring->pushed) == n)
    {
      g_atomic_int_set (&ring->waiting, 1);
      g_mutex_lock (&ring->lock);
      while ((guint) g_atomic_int_get (&ring->pushed) == n)
        g_cond_wait (&ring->cond, &ring->lock);
      g_mutex_unlock (&ring->lock);
      g_atomic_int_set (&ring->waiting, 0);
    }
  g_atomic_int_set (&ring->popped, (gint) (n + 1));
  return ring->slots[n % N_BATCHES];
}

struct _StrataCsvPipe {
  GInputStream      *stream;
  GSeekable         *progress_source;
  const char        *name;
  gsize              block_size;
  char               delimiter_option;
  GCancellable      *cancellable;
  struct csv_parser *parser;
  gsize              batch_bytes;
  guint              max_events;
  StrataCsvHandOver  hand_over;

  Ring               empty;
  Ring               full;
  StrataCsvBatch     batches[N_BATCHES];
  GThread           *thread;
  gint               stop;

  /* The thread's own. */
  StrataCsvBatch    *current;
  char               terminator;
  char               delimiter;
  gboolean           too_big;
  gsize              handed_over;  /* bytes, for strata_csv_pipeline_bytes_handed_over */
};

gssize
strata_csv_read_block (GInputStream *stream,
                       char         *buf,
                       gsize         size,
                       const char   *name,
                       GCancellable *cancellable,
                       GError      **error)
{
  GError *read_error = NULL;
  gssize n = g_input_stream_read (stream, buf, size, cancellable, &read_error);

  if (n >= 0)
    return n;
  if (g_error_matches (read_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, read_error);
  else
    {
      g_set_error (error, read_error->domain, read_error->code, "%s: %s", name,
                   read_error->message);
      g_error_free (read_error);
    }
  return -1;
}

void
strata_csv_prepare_first_block (const char **data,
                                gsize       *len,
                                gboolean     complete,
                                char         delimiter_option,
                                char        *terminator,
                                char        *delimiter)
{
  const char *d = *data;
  gsize n = *len;

  if (n >= 3 && memcmp (d, "\xEF\xBB\xBF", 3) == 0)
    {
      d += 3;
      n -= 3;
    }
  for (gsize i = 0; i < n; i++)
    if (d[i] == '\n' || d[i] == '\r')
      {
        *terminator = d[i] == '\r' && (i + 1 >= n || d[i + 1] != '\n') ? '\r' : '\n';
        break;
      }
  *delimiter = delimiter_option != 0
               ? delimiter_option
               : strata_csv_sniff_delimiter (d, MIN (n, 64 * 1024), complete);
  *data = d;
  *len = n;
}

/* --- the first thread ----------------------------------------------------- */

/* Sends the current batch with @tail; unless it is the last, waits for an
 * empty one and returns it. */
static StrataCsvBatch *
send (StrataCsvPipe      *p,
      StrataCsvBatchTail  tail)
{
  StrataCsvBatch *b = p->current;

  b->tail = tail;
  b->terminator = p->terminator;
  b->delimiter = p->delimiter;
  ring_push (&p->full, b);
  if (tail == STRATA_CSV_BATCH_END)
    return p->current = NULL;
  b = p->current = ring_pop (&p->empty);
  b->n_bytes = 0;
  b->n_events = 0;
  b->done = 0;
  b->parse_error = 0;
  b->unterminated = FALSE;
  return b;
}

/* libcsv: one field (NUL-terminated, CSV_APPEND_NULL). */
static void
record_field (void   *data,
              size_t  len,
              void   *user_data)
{
  StrataCsvPipe *p = user_data;
  StrataCsvBatch *b = p->current;

  if (G_UNLIKELY (p->too_big || len > G_MAXUINT32 / 2))
    {
      p->too_big = TRUE;   /* offsets are 32-bit; libcsv cannot stop, so ignore the rest */
      return;
    }
  if (G_UNLIKELY (b->n_events == p->max_events ||
                  (b->n_bytes > 0 && b->n_bytes + len + 1 > p->batch_bytes)))
    b = send (p, STRATA_CSV_BATCH_FULL);
  if (G_UNLIKELY (b->n_bytes + len + 1 > b->capacity))
    {
      b->capacity = MAX (2 * b->capacity, b->n_bytes + len + 1);
      b->bytes = g_realloc (b->bytes, b->capacity + STRATA_CSV_BATCH_SLACK);
    }
  /* The batch was last read on the other core: ask for its lines ahead of
   * the stores (each would otherwise wait for the transfer). */
  __builtin_prefetch (b->bytes + b->n_bytes + 512, 1);
  __builtin_prefetch (b->events + b->n_events + 64, 1);
  if (len < 16 && p->parser->entry_size >= 16)
    memcpy (b->bytes + b->n_bytes, data, 16);  /* one fixed-size move; the slack holds it */
  else if (len > 0)
    memcpy (b->bytes + b->n_bytes, data, len);
  b->bytes[b->n_bytes + len] = '\0';
  b->events[b->n_events++] = (guint32) len;
  b->n_bytes += len + 1;
}

/* libcsv: a row end (or, with CSV_REPALL_NL, a line end outside a row). */
static void
record_row (int   c,
            void *user_data)
{
  StrataCsvPipe *p = user_data;
  StrataCsvBatch *b = p->current;

  if (G_UNLIKELY (p->too_big))
    return;
  if (G_UNLIKELY (b->n_events == p->max_events))
    b = send (p, STRATA_CSV_BATCH_FULL);
  b->events[b->n_events++] = STRATA_CSV_EVENT_ROW | (guint32) (c + 1);
}

/* Whether to hand lines over now: AUTO does when the caller is waiting
 * for a batch (this thread is the slower one) and has taken every batch
 * sent (so only once until it wakes up). */
static inline gboolean
caller_wants_lines (StrataCsvPipe *p)
{
  /* A delimiter that is a line end can end a field, not the row, at the
   * end of a run (libcsv tests for the delimiter first inside a field). */
  if (p->delimiter == '\n' || p->delimiter == '\r')
    return FALSE;
  switch (p->hand_over)
    {
    case STRATA_CSV_HAND_OVER_ALWAYS:
      return TRUE;
    case STRATA_CSV_HAND_OVER_NEVER:
      return FALSE;
    case STRATA_CSV_HAND_OVER_AUTO:
    default:
      return g_atomic_int_get (&p->full.waiting) &&
             g_atomic_int_get (&p->full.popped) == g_atomic_int_get (&p->full.pushed);
    }
}

/* Hands the caller the longest run of whole lines at the start of
 * @s[0..len) that holds no quote character and fits in a batch: appends
 * the bytes as one LINES event and sends the batch. The parser must be
 * between rows (ROW_NOT_BEGUN): then, with no quote, every CR or LF ends a
 * row (or is a blank line), and after the run a parser is between rows
 * again, so the caller's parser, also between rows, gives exactly the
 * callbacks this one would, and this one can go on after the run as if it
 * had parsed it. Returns the length handed over, 0 when there is no such
 * run. */
static gsize
hand_over (StrataCsvPipe *p,
           const char    *s,
           gsize          len)
{
  StrataCsvBatch *b = p->current;
  const char *quote, *last_end;
  gsize room, n;

  if (b->n_events == p->max_events || b->n_bytes >= p->batch_bytes / 2)
    b = send (p, STRATA_CSV_BATCH_FULL);
  room = MIN (MIN (len, p->batch_bytes - b->n_bytes), (gsize) 1 << 29);
  quote = memchr (s, p->parser->quote_char, room);
  last_end = memrchr (s, p->terminator, quote != NULL ? (gsize) (quote - s) : room);
  if (last_end == NULL)
    return 0;
  n = (gsize) (last_end + 1 - s);
  g_assert (b->n_bytes + n <= b->capacity);
  memcpy (b->bytes + b->n_bytes, s, n);
  b->n_bytes += n;
  b->events[b->n_events++] = STRATA_CSV_EVENT_LINES | (guint32) n;
  p->handed_over += n;
  send (p, STRATA_CSV_BATCH_FULL);
  return n;
}

/* Parses a block in segments of an eighth of a batch of text (16 KiB, so
 * that a caller waiting is noticed soon), cut after a line end. While the
 * caller wants lines, whole lines are handed over wherever the parser is
 * between rows; where none can be (a quote ahead, inside a quoted field, a
 * line longer than a batch) the parser goes on to the end of the line of
 * the last quote in the next segment, after which it is usually between
 * rows again, or when the segment has no quote, to the end of the line
 * after it. Returns FALSE on a libcsv error. */
static gboolean
parse_block (StrataCsvPipe *p,
             const char    *block,
             gsize          len)
{
  gsize segment = MAX (p->batch_bytes / 8, 8), pos = 0;

  while (pos < len)
    {
      gsize end = len, window = MIN (segment, len - pos), n;
      const char *line_end;

      if (caller_wants_lines (p))
        {
          const char *last_quote;
          gsize from;

          if (p->parser->pstate == LIBCSV_ROW_NOT_BEGUN &&
              (n = hand_over (p, block + pos, len - pos)) > 0)
            {
              pos += n;
              continue;
            }
          last_quote = memrchr (block + pos, p->parser->quote_char, window);
          from = last_quote != NULL ? (gsize) (last_quote - block) : pos + window;
          line_end = memchr (block + from, p->terminator, len - from);
          if (line_end != NULL)
            end = (gsize) (line_end + 1 - block);
        }
      else if (len - pos > segment)
        {
          line_end = memrchr (block + pos, p->terminator, segment);
          end = line_end != NULL ? (gsize) (line_end + 1 - block) : pos + segment;
        }
      if (csv_parse (p->parser, block + pos, end - pos, record_field, record_row, p) != end - pos ||
          p->too_big)
        return FALSE;
      pos = end;
    }
  return TRUE;
}

static gpointer
produce (gpointer data)
{
  StrataCsvPipe *p = data;
  g_autofree char *buf = g_malloc (p->block_size);
  gboolean first_block = TRUE, at_end = FALSE;
  guint64 bytes_read = 0;

  p->current = ring_pop (&p->empty);
  for (;;)
    {
      const char *block = buf;
      gsize len;
      gssize n;

      if (g_atomic_int_get (&p->stop) ||
          g_cancellable_set_error_if_cancelled (p->cancellable, &p->current->error))
        break;
      n = strata_csv_read_block (p->stream, buf, p->block_size, p->name, p->cancellable,
                                 &p->current->error);
      if (n <= 0)
        {
          at_end = n == 0;
          break;
        }
      bytes_read += (guint64) n;
      len = (gsize) n;
      if (first_block)
        {
          first_block = FALSE;
          strata_csv_prepare_first_block (&block, &len, (gsize) n < p->block_size,
                                          p->delimiter_option, &p->terminator, &p->delimiter);
          csv_set_delim (p->parser, (unsigned char) p->delimiter);
        }
      if (!parse_block (p, block, len))
        {
          p->current->parse_error = p->too_big ? CSV_ETOOBIG : csv_error (p->parser);
          break;
        }
      p->current->done = p->progress_source != NULL
                         ? (guint64) g_seekable_tell (p->progress_source) : bytes_read;
      send (p, STRATA_CSV_BATCH_BLOCK);
    }

  /* As strata-csv.c's single-threaded loop does at the end of the input. */
  if (at_end && !g_atomic_int_get (&p->stop))
    {
      if ((p->parser->quoted && p->parser->pstate == LIBCSV_FIELD_BEGUN) ||
          csv_fini (p->parser, record_field, record_row, p) != 0)
        p->current->unterminated = TRUE;
      if (p->too_big)
        p->current->parse_error = CSV_ETOOBIG;
    }
  send (p, STRATA_CSV_BATCH_END);
  g_atomic_pointer_add (&strata_csv_pipeline_bytes_handed_over, p->handed_over);
  return NULL;
}

/* --- the calling thread --------------------------------------------------- */

StrataCsvPipe *
strata_csv_pipe_new (GInputStream      *stream,
                     GSeekable         *progress_source,
                     const char        *name,
                     gsize              block_size,
                     char               delimiter_option,
                     GCancellable      *cancellable,
                     struct csv_parser *parser)
{
  StrataCsvPipe *p = g_new0 (StrataCsvPipe, 1);

  p->stream = stream;
  p->progress_source = progress_source;
  p->name = name;
  p->block_size = block_size;
  p->delimiter_option = delimiter_option;
  p->cancellable = cancellable;
  p->parser = parser;
  p->terminator = '\n';
  p->batch_bytes = MAX (strata_csv_pipeline_batch_bytes, 16);
  p->max_events = (guint) MIN (p->batch_bytes / sizeof (StrataCsvEvent), G_MAXUINT32 / 2);
  p->hand_over = strata_csv_pipeline_hand_over;
  g_mutex_init (&p->empty.lock);
  g_cond_init (&p->empty.cond);
  g_mutex_init (&p->full.lock);
  g_cond_init (&p->full.cond);
  for (guint i = 0; i < N_BATCHES; i++)
    {
      StrataCsvBatch *b = &p->batches[i];

      b->capacity = p->batch_bytes;
      b->bytes = g_malloc (b->capacity + STRATA_CSV_BATCH_SLACK);
      b->events = g_new (StrataCsvEvent, p->max_events);
      ring_push (&p->empty, b);
    }
  p->thread = g_thread_try_new ("strata-csv", produce, p, NULL);
  if (p->thread == NULL)
    {
      strata_csv_pipe_free (p);
      return NULL;
    }
  return p;
}

StrataCsvBatch *
strata_csv_pipe_next (StrataCsvPipe *pipe)
{
  return ring_pop (&pipe->full);
}

void
strata_csv_pipe_release (StrataCsvPipe  *pipe,
                         StrataCsvBatch *batch)
{
  g_assert (batch->error == NULL);
  ring_push (&pipe->empty, batch);
}

void
strata_csv_pipe_stop (StrataCsvPipe *pipe)
{
  g_atomic_int_set (&pipe->stop, 1);
}

void
strata_csv_pipe_free (StrataCsvPipe *pipe)
{
  if (pipe->thread != NULL)
    g_thread_join (pipe->thread);
  for (guint i = 0; i < N_BATCHES; i++)
    {
      g_free (pipe->batches[i].bytes);
      g_free (pipe->batches[i].events);
      g_clear_error (&pipe->batches[i].error);
    }
  g_mutex_clear (&pipe->empty.lock);
  g_cond_clear (&pipe->empty.cond);
  g_mutex_clear (&pipe->full.lock);
  g_cond_clear (&pipe->full.cond);
  g_free (pipe);
}
