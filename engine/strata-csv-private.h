/* strata-csv-private.h — pieces of the CSV reader shared between its files
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not installed and not for use outside engine/strata-csv*.c and the tests.
 */

#pragma once

#include "strata-csv.h"

struct csv_parser;

G_BEGIN_DECLS

/* --- numbers (strata-csv-number.c) ---------------------------------------- */

/* How the text of a number relates to the double it parsed to, so that a
 * column that turns out not to be numeric can give back the original text
 * without keeping it. */
typedef enum {
  STRATA_CSV_NUMBER_SHORTEST, /* text == strata_column_format_value() of it */
  STRATA_CSV_NUMBER_FIXED,    /* text == "%.*f" of it with frac_digits */
  STRATA_CSV_NUMBER_OTHER,    /* anything else ("1e3", "+1", "007", ".5") */
} StrataCsvNumberForm;

/**
 * strata_csv_parse_number:
 * @s: the field, NUL-terminated at @s[@len]
 * @len: its length in bytes
 * @value: (out): the double nearest to the decimal (correctly rounded)
 * @form: (out): see StrataCsvNumberForm
 * @frac_digits: (out): digits after the decimal point (for FIXED)
 *
 * Accepts [spaces] [+-] digits [. digits] [(e|E) [+-] digits] [spaces] with at
 * least one digit in the mantissa, and [+-] "inf" or "infinity" (any case);
 * no hexadecimal, no "nan" (NaN is a missing value). Up to
 * 19 significant digits and a decimal exponent that keeps the result exact
 * are converted with one IEEE multiplication or division by an exact power of
 * ten (Clinger's fast path); everything else falls back to g_ascii_strtod().
 *
 * Returns: TRUE when @s is a number.
 */
gboolean strata_csv_parse_number      (const char          *s,
                                       gsize                len,
                                       double              *value,
                                       StrataCsvNumberForm *form,
                                       guint8              *frac_digits);
/* The same for any input, without the inline fast path. */
gboolean strata_csv_parse_number_slow (const char          *s,
                                       gsize                len,
                                       double              *value,
                                       StrataCsvNumberForm *form,
                                       guint8              *frac_digits);

extern const double  strata_csv_exact_pow10[23];   /* 1e0 … 1e22, exact */
extern const guint64 strata_csv_pow10_u64[20];     /* 10^0 … 10^19 */

/* Number of decimal digits of @w > 0. */
static inline int
strata_csv_decimal_digits (guint64 w)
{
  int t = ((64 - __builtin_clzll (w)) * 1233) >> 12;   /* ≈ log10 (2^bits) */
  return t + (t < 20 && w >= strata_csv_pow10_u64[t]);
}

/* The common case in one pass: [-] digits [. digits], at most 19 digits in
 * all, w ≤ 2^53 and at most 22 decimals, so that w / 10^k is one correctly
 * rounded IEEE division. Anything else goes to strata_csv_parse_number_slow(),
 * which gives the same answers, more slowly. */
static inline G_GNUC_UNUSED __attribute__ ((always_inline)) gboolean
strata_csv_parse_number_inline (const char          *s,
                                gsize                len,
                                double              *value,
                                StrataCsvNumberForm *form,
                                guint8              *frac_digits)
{
  const char *p = s, *end = s + len, *int_start;
  gboolean negative = FALSE;
  guint64 w = 0;
  int int_digits, frac = 0;
  double v;

  if (p < end && *p == '-')
    {
      negative = TRUE;
      p++;
    }
  int_start = p;
  while (p < end && (unsigned) (*p - '0') < 10)
    w = w * 10 + (unsigned) (*p++ - '0');
  int_digits = (int) (p - int_start);
  if (p < end && *p == '.')
    {
      const char *frac_start = ++p;
      while (p < end && (unsigned) (*p - '0') < 10)
        w = w * 10 + (unsigned) (*p++ - '0');
      frac = (int) (p - frac_start);
      if (frac == 0)
        goto slow;                          /* "5." */
    }
  if (p != end || int_digits == 0 || int_digits + frac > 19 || frac > 22 ||
      (int_digits > 1 && *int_start == '0') || w > (G_GUINT64_CONSTANT (1) << 53))
    goto slow;                              /* exponent, space, ".5", "007", long */

  v = (double) w / strata_csv_exact_pow10[frac];
  *value = negative ? -v : v;
  *frac_digits = (guint8) frac;
  if (w == 0)
    {
      *form = frac == 0 ? STRATA_CSV_NUMBER_SHORTEST : STRATA_CSV_NUMBER_FIXED;
    }
  else
    {
      int nd = strata_csv_decimal_digits (w);  /* significant digits written */
      if (nd > 15)
        *form = STRATA_CSV_NUMBER_OTHER;
      else if ((frac == 0 || end[-1] != '0') && nd - frac - 1 >= -4)
        *form = STRATA_CSV_NUMBER_SHORTEST;
      else
        *form = STRATA_CSV_NUMBER_FIXED;
    }
  return TRUE;

slow:
  return strata_csv_parse_number_slow (s, len, value, form, frac_digits);
}

#define strata_csv_parse_number(s, len, value, form, frac_digits) \
  strata_csv_parse_number_inline (s, len, value, form, frac_digits)



/* --- dialect (strata-csv-dialect.c) --------------------------------------- */

/* The delimiter of the text @buf[0..len), the start of a file: the one of
 * ',' ';' TAB '|' whose count outside quotes is the same on most of the first
 * 50 lines; ties go to the larger count, then to that order; ',' when none
 * occurs. @complete: @buf is the whole file (else its last line is ignored). */
char     strata_csv_sniff_delimiter (const char *buf,
                                     gsize       len,
                                     gboolean    complete);
/* Writes @s[0..len) into @out as UTF-8: kept when it is UTF-8, else decoded
 * as Windows-1252; NUL bytes become U+FFFD either way. Returns TRUE when it
 * was not UTF-8 (worth a warning). */
gboolean strata_csv_decode_field    (const char *s,
                                     gsize       len,
                                     GString    *out);


/* --- the block reader and the two-thread pipeline (strata-csv-pipeline.c) -- */

/* Reads up to @size bytes of @stream into @buf. Returns the count, 0 at the
 * end, or -1 with @error set: G_IO_ERROR_CANCELLED as is, any other error
 * with @name in front of its message. */
gssize strata_csv_read_block (GInputStream *stream,
                              char         *buf,
                              gsize         size,
                              const char   *name,
                              GCancellable *cancellable,
                              GError      **error);

/* The first block: drops a UTF-8 BOM (moving *@data, *@len), finds the line
 * terminator ('\n' for LF and CRLF, '\r' for a lone CR) and the delimiter
 * (@delimiter_option, or sniffed when 0; @complete: the block is the whole
 * input). */
void   strata_csv_prepare_first_block (const char **data,
                                       gsize       *len,
                                       gboolean     complete,
                                       char         delimiter_option,
                                       char        *terminator,
                                       char        *delimiter);

/* One event of a batch, four bytes, because every byte of a batch crosses
 * from one core's cache to the other's:
 * - a field (a libcsv callback as recorded by the first thread): its length
 *   (< 2^31); its bytes follow the previous item's in the batch, then a NUL;
 * - a row end: EVENT_ROW | (c + 1), c being the character that ended the
 *   row or -1 (the other libcsv callback);
 * - handed-over lines: EVENT_LINES | n, n < 2^30: the next n bytes of the
 *   batch are raw input, whole lines without a quote that start where the
 *   first thread's parser was between rows; the caller runs them through a
 *   libcsv parser of its own (see strata-csv-pipeline.c). */
#define STRATA_CSV_EVENT_ROW   0x80000000u
#define STRATA_CSV_EVENT_LINES 0xC0000000u
#define STRATA_CSV_EVENT_KIND  0xC0000000u
typedef guint32 StrataCsvEvent;

typedef enum {
  STRATA_CSV_BATCH_FULL,   /* more events of the same block follow */
  STRATA_CSV_BATCH_BLOCK,  /* the last events of a block; @done is the progress */
  STRATA_CSV_BATCH_END,    /* the last batch of the input */
} StrataCsvBatchTail;

#define STRATA_CSV_BATCH_SLACK 16

/* Events of (part of) a block, in libcsv's order. */
typedef struct {
  char               *bytes;        /* fields, each NUL-terminated */
  gsize               n_bytes;
  gsize               capacity;     /* of @bytes; BATCH_SLACK more can be read */
  StrataCsvEvent     *events;
  guint               n_events;
  char                terminator;   /* of the file, set before the first batch */
  char                delimiter;    /* likewise (for the caller's own parser) */
  StrataCsvBatchTail  tail;
  guint64             done;         /* BLOCK: bytes read (or compressed position) */
  int                 parse_error;  /* a libcsv error code after the events, or 0 */
  gboolean            unterminated; /* END: the input ends inside a quoted field */
  GError             *error;        /* END: read error or cancellation, or NULL */
} StrataCsvBatch;

typedef struct _StrataCsvPipe StrataCsvPipe;

/* Starts the first thread: it reads @stream in blocks of @block_size,
 * prepares the first block, and runs @parser (csv_init()ed, owned by the
 * caller, not to be touched until strata_csv_pipe_free()) over them,
 * recording the fields and row ends in batches. Returns NULL when no thread
 * can be started (read single-threaded then). */
StrataCsvPipe  *strata_csv_pipe_new     (GInputStream      *stream,
                                         GSeekable         *progress_source,
                                         const char        *name,
                                         gsize              block_size,
                                         char               delimiter_option,
                                         GCancellable      *cancellable,
                                         struct csv_parser *parser);
/* The next batch, in order; blocks until there is one. After a batch whose
 * tail is END there is none. */
StrataCsvBatch *strata_csv_pipe_next    (StrataCsvPipe  *pipe);
/* Gives a batch back (its error must have been taken or cleared). */
void            strata_csv_pipe_release (StrataCsvPipe  *pipe,
                                         StrataCsvBatch *batch);
/* Asks the first thread to stop after its current block (then it sends END). */
void            strata_csv_pipe_stop    (StrataCsvPipe  *pipe);
/* Waits for the thread and frees the pipe; call after receiving END. */
void            strata_csv_pipe_free    (StrataCsvPipe  *pipe);

/* When the first thread hands quote-free lines over raw instead of
 * parsing them (see strata-csv-pipeline.c). */
typedef enum {
  STRATA_CSV_HAND_OVER_AUTO,    /* while the caller waits for a batch */
  STRATA_CSV_HAND_OVER_ALWAYS,  /* wherever it can (for the tests) */
  STRATA_CSV_HAND_OVER_NEVER,   /* never: every field is recorded */
} StrataCsvHandOver;

/* Tuning, for the tests: inputs of known size at least this large are read
 * by the pipeline (default 4 MiB), a batch holds about this many bytes of
 * fields (default 128 KiB), and the hand-over policy (default AUTO). */
extern guint64           strata_csv_pipeline_min_size;
extern gsize             strata_csv_pipeline_batch_bytes;
extern StrataCsvHandOver strata_csv_pipeline_hand_over;
/* Bytes of input handed over so far by all pipelines (atomic; for the
 * tests and the benchmark). */
extern gsize             strata_csv_pipeline_bytes_handed_over;

/* Sets up @parser as every reader's libcsv parser is (NUL-terminated
 * fields, every line end reported); csv_free() it after. */
void strata_csv_parser_init (struct csv_parser *parser);

/* --- column builders (strata-csv-column.c) -------------------------------- */

typedef struct _StrataCsvColumnBuilder StrataCsvColumnBuilder;

/* Defined here only so that the per-field fast path can be inline; the
 * fields belong to strata-csv-column.c. */
typedef enum {
  STRATA_CSV_BUILDER_NUMERIC,
  STRATA_CSV_BUILDER_STRINGS,
} StrataCsvBuilderState;

/* One dictionary slot: 32 bytes, so that a lookup of a short string touches
 * one cache line. */
#define STRATA_CSV_SLOT_INLINE 16
typedef struct {
  guint32     hash;
  guint32     len;
  gint32      code;  /* -1 when the slot is empty */
  guint32     padding;
  union {
    char        bytes[STRATA_CSV_SLOT_INLINE];  /* the text when len ≤ 16 */
    const char *text;                           /* else, in chunk */
  };
} StrataCsvSlot;

/* A string waiting to be interned (see intern_pending()). */
typedef struct {
  gsize   row;
  guint32 offset;  /* in pending_bytes */
  guint32 len;
  guint32 hash;
} StrataCsvPending;

typedef struct {
  gsize       row;
  const char *text;  /* in exception_chunk */
} StrataCsvException;

struct _StrataCsvColumnBuilder {
  gboolean          forced;
  StrataColumnKind  forced_kind;
  StrataCsvBuilderState state;
  gsize             n_rows;
  gsize             capacity;

  /* STATE_NUMERIC */
  double           *values;          /* [capacity], NAN when missing */
  guint64          *fixed_mask;      /* bit set: text is "%.*f" with fixed_digits */
  int               fixed_digits;    /* -1 until the first FIXED text */
  GArray           *exceptions;      /* of StrataCsvException, by increasing row */
  GStringChunk     *exception_chunk;

  /* STATE_STRINGS */
  gint32           *codes;           /* [capacity], -1 when missing */
  StrataCsvSlot    *slots;           /* open-addressing table of the codes */
  guint32           n_slots;         /* a power of two, > 2 × distinct->len */
  GPtrArray        *distinct;        /* code → string (in chunk), borrowed */
  GStringChunk     *chunk;
  gsize             n_present;       /* non-missing rows */
  StrataCsvPending *pending;         /* [PENDING_MAX] strings not yet interned */
  guint             n_pending;
  char             *pending_bytes;   /* their texts [PENDING_BYTES + 16] */
  gsize             n_pending_bytes;
};

/* Stores @v (parsed from @s) when the array is full or @form is not
 * SHORTEST: grows the arrays, marks FIXED texts, keeps the others. */
void strata_csv_column_builder_store_unusual (StrataCsvColumnBuilder *b,
                                              const char             *s,
                                              double                  v,
                                              StrataCsvNumberForm     form,
                                              guint8                  digits);

/* @forced: TRUE when @kind is forced by an override (then it is kept even if
 * inference would say otherwise, and a non-number in a forced NUMERIC column
 * is an error). @strings: start as strings (when not forced), because the
 * caller already saw a value that is not a number: the same result as
 * demoting at the first row, without allocating and freeing the doubles.
 * @capacity: expected rows. */
StrataCsvColumnBuilder *strata_csv_column_builder_new  (gboolean          forced,
                                                        StrataColumnKind  kind,
                                                        gboolean          strings,
                                                        gsize             capacity);
void                    strata_csv_column_builder_free (StrataCsvColumnBuilder *b);

/* Appends one row: the field @s[0..len) (NUL at @s[len]), valid UTF-8, or a
 * missing value when @missing. Returns FALSE only when the column is forced
 * NUMERIC and @s is not a number. */
gboolean strata_csv_column_builder_append  (StrataCsvColumnBuilder *b,
                                            const char             *s,
                                            gsize                   len,
                                            gboolean                missing);
/* The fast path for a non-missing field: when the builder is still NUMERIC
 * and @s is a number, stores it and returns TRUE; otherwise does nothing and
 * returns FALSE (then call _append()). */
static inline __attribute__ ((always_inline)) gboolean
strata_csv_column_builder_append_number (StrataCsvColumnBuilder *b,
                                         const char             *s,
                                         gsize                   len)
{
  double v;
  StrataCsvNumberForm form;
  guint8 digits;

  if (b->state != STRATA_CSV_BUILDER_NUMERIC ||
      !strata_csv_parse_number (s, len, &v, &form, &digits))
    return FALSE;
  if (G_UNLIKELY (b->n_rows == b->capacity || form != STRATA_CSV_NUMBER_SHORTEST))
    strata_csv_column_builder_store_unusual (b, s, v, form, digits);
  else
    b->values[b->n_rows++] = v;
  return TRUE;
}

gsize    strata_csv_column_builder_get_n_rows (StrataCsvColumnBuilder *b);

/* Turns the builder into a column (the builder is emptied, free it after).
 * @max_categorical_fraction as in StrataCsvOptions. Transfer full. */
StrataColumn *strata_csv_column_builder_finish (StrataCsvColumnBuilder *b,
                                                const char             *name,
                                                double                  max_categorical_fraction);

G_END_DECLS
