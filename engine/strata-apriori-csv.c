/* strata-apriori-csv.c — itemsets and rules as CSV
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * The format is DESIGN.md's (`strata apriori`, and `ID.rules.csv` of
 * `strata run`): rules as antecedent,consequent,support,confidence,lift,
 * leverage,conviction, itemsets as itemset,count,support; items of a side
 * joined by " & ". A field is quoted as RFC 4180 requires (delimiter, quote,
 * CR or LF inside) and also when it has leading or trailing blanks, which
 * readers would strip. Numbers are the shortest of %.15g / %.16g / %.17g
 * that reads back to the same double, formatted with g_ascii_formatd so the
 * locale never turns '.' into ','; conviction is "inf" at confidence 1.
 * Rows are built in a buffer and handed to stdio 64 KiB at a time.
 *
 * Itemsets are written straight from the levels (no per-row accessor
 * calls) into a plain char buffer (no GString calls per field); each
 * item's name, its length and whether it could need quoting are worked out
 * once, so the common row is a few memcpy()s and the quoting code only
 * runs for the rare names that need it.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "strata-apriori-private.h"
#include "strata-util-private.h"

static void
append_field (GString    *out,
              const char *s)
{
  gsize len = strlen (s);
  gboolean quote = len > 0 && (s[0] == ' ' || s[0] == '\t' || s[len - 1] == ' ' || s[len - 1] == '\t');

  if (!quote && strpbrk (s, ",\"\r\n") == NULL)
    {
      g_string_append_len (out, s, len);
      return;
    }
  g_string_append_c (out, '"');
  for (; *s != '\0'; s++)
    {
      if (*s == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *s);
    }
  g_string_append_c (out, '"');
}

/* Formatting a double shortest-exact costs a printf and one or two strtod
 * round trips, and most of the numbers repeat (a support is count / N, a
 * confidence a ratio of two counts): a cache keyed by the bits of the
 * double saves most of that work. It grows with the distinct numbers seen
 * (open addressing, kept at most half full; the texts in one arena), so
 * writing groceries' 13,492 itemsets touches 268 entries, not a fixed
 * table; past CACHE_MAX_SLOTS new numbers are formatted without being
 * kept. */
#define CACHE_MIN_SLOTS 256
#define CACHE_MAX_SLOTS ((gsize) 1 << 16)

typedef struct {
  guint64 key;   /* the double's bits; all ones = empty (a NaN) */
  guint32 at;    /* its text: arena->str + at */
  guint32 len;
} CacheSlot;

typedef struct {
  CacheSlot *slots;
  gsize      mask, n;
  GString   *arena;
  char       scratch[G_ASCII_DTOSTR_BUF_SIZE];
} NumberCache;

static NumberCache *
number_cache_new (void)
{
  NumberCache *cache = g_new0 (NumberCache, 1);

  cache->mask = CACHE_MIN_SLOTS - 1;
  cache->slots = g_new (CacheSlot, CACHE_MIN_SLOTS);
  memset (cache->slots, 0xff, CACHE_MIN_SLOTS * sizeof (CacheSlot));
  cache->arena = g_string_new (NULL);
  return cache;
}

static void
number_cache_free (NumberCache *cache)
{
  g_free (cache->slots);
  g_string_free (cache->arena, TRUE);
  g_free (cache);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NumberCache, number_cache_free)

static inline gsize
cache_slot (guint64 key,
            gsize   mask)
{
  return (gsize) ((key * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15)) >> 40) & mask;
}

/* Doubles the table. */
static void
cache_grow (NumberCache *cache)
{
  g_autofree CacheSlot *old = cache->slots;
  gsize old_size = cache->mask + 1;

  cache->mask = 2 * old_size - 1;
  cache->slots = g_new (CacheSlot, cache->mask + 1);
  memset (cache->slots, 0xff, (cache->mask + 1) * sizeof (CacheSlot));
  for (gsize i = 0; i < old_size; i++)
    if (old[i].key != G_MAXUINT64)
      {
        gsize j = cache_slot (old[i].key, cache->mask);
        while (cache->slots[j].key != G_MAXUINT64)
          j = (j + 1) & cache->mask;
        cache->slots[j] = old[i];
      }
}

/* The text of @v (shortest exact; "inf", "-inf") and its length in *@len;
 * valid until the next call. */
static const char *
number_text (NumberCache *cache,
             double       v,
             gsize       *len)
{
  guint64 bits;
  gsize i;

  if (isinf (v))
    {
      *len = v > 0 ? 3 : 4;
      return v > 0 ? "inf" : "-inf";
    }
  memcpy (&bits, &v, sizeof bits);
  for (i = cache_slot (bits, cache->mask); cache->slots[i].key != G_MAXUINT64; i = (i + 1) & cache->mask)
    if (cache->slots[i].key == bits)
      {
        *len = cache->slots[i].len;
        return cache->arena->str + cache->slots[i].at;
      }
  if (bits == G_MAXUINT64 || 2 * (cache->n + 1) > CACHE_MAX_SLOTS)
    {
      *len = strata_format_double (v, cache->scratch, sizeof cache->scratch);
      return cache->scratch;
    }
  if (2 * (cache->n + 1) > cache->mask + 1)
    {
      cache_grow (cache);
      for (i = cache_slot (bits, cache->mask); cache->slots[i].key != G_MAXUINT64; i = (i + 1) & cache->mask)
        ;
    }
  *len = strata_format_double (v, cache->scratch, sizeof cache->scratch);
  cache->slots[i] = (CacheSlot) { bits, (guint32) cache->arena->len, (guint32) *len };
  cache->n++;
  g_string_append_len (cache->arena, cache->scratch, *len);
  return cache->scratch;
}

static void
append_number (GString     *out,
               NumberCache *cache,
               double       v)
{
  gsize len;
  const char *text = number_text (cache, v, &len);

  g_string_append_len (out, text, len);
}

static void
append_items (GString            *out,
              GString            *scratch,
              StrataTransactions *tr,
              const guint32      *items,
              guint               n)
{
  g_string_truncate (scratch, 0);
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (scratch, " & ");
      g_string_append (scratch, strata_transactions_get_item_name (tr, items[i]));
    }
  append_field (out, scratch->str);
}

static gboolean
flush (GString      *out,
       FILE         *stream,
       gboolean      force,
       const char   *name,
       GError      **error)
{
  if (!force && out->len < (1 << 16))
    return TRUE;
  if (fwrite (out->str, 1, out->len, stream) != out->len || (force && fflush (stream) != 0))
    return strata_set_io_error (error, errno, name);
  g_string_truncate (out, 0);
  return TRUE;
}

/* Each item's name as the itemset writer needs it. */
typedef struct {
  const char *name;
  guint32     len;
  guint8      special;  /* holds , " CR or LF: the field must be quoted */
  guint8      blank_start, blank_end;
} ItemText;

static ItemText *
item_texts_new (StrataTransactions *tr)
{
  guint n = strata_transactions_get_n_items (tr);
  ItemText *texts = g_new (ItemText, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      const char *s = strata_transactions_get_item_name (tr, i);
      gsize len = strlen (s);

      texts[i] = (ItemText) {
        s, (guint32) len, strpbrk (s, ",\"\r\n") != NULL,
        len > 0 && (s[0] == ' ' || s[0] == '\t'),
        len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'),
      };
    }
  return texts;
}

/* Writes @v in decimal at @p; returns the end. */
static char *
format_count (char    *p,
              guint64  v)
{
  char tmp[24];
  gsize n = 0;

  do
    tmp[n++] = (char) ('0' + v % 10);
  while ((v /= 10) != 0);
  while (n > 0)
    *p++ = tmp[--n];
  return p;
}

/* The itemsets writer's output buffer, handed to stdio when it holds
 * OUT_FLUSH bytes; a row needs at most OUT_ROW more unless its items are
 * long, and then room is made for them. */
#define OUT_FLUSH ((gsize) 1 << 16)
#define OUT_ROW   ((gsize) 4096)

typedef struct {
  char  *data;
  gsize  len, size;
} OutBuffer;

/* Makes room for @extra more bytes. */
static inline char *
out_reserve (OutBuffer *out,
             gsize      extra)
{
  if (G_UNLIKELY (out->len + extra > out->size))
    {
      out->size = MAX (2 * out->size, out->len + extra);
      out->data = g_realloc (out->data, out->size);
    }
  return out->data + out->len;
}

static gboolean
out_flush (OutBuffer   *out,
           FILE        *stream,
           gboolean     force,
           const char  *name,
           GError     **error)
{
  if (!force && out->len < OUT_FLUSH)
    return TRUE;
  if (fwrite (out->data, 1, out->len, stream) != out->len || (force && fflush (stream) != 0))
    return strata_set_io_error (error, errno, name);
  out->len = 0;
  return TRUE;
}

gboolean
strata_itemsets_write_csv (StrataItemsets  *sets,
                           FILE            *stream,
                           const char      *name,
                           GError         **error)
{
  static const char header[] = "itemset,count,support\n";
  StrataTransactions *tr = strata_itemsets_get_transactions (sets);
  g_autofree ItemText *texts = item_texts_new (tr);
  g_autoptr(GString) scratch = g_string_new (NULL);
  g_autoptr(GString) field = g_string_new (NULL);
  g_autoptr(NumberCache) cache = number_cache_new ();
  OutBuffer out = { g_malloc (OUT_FLUSH + OUT_ROW), 0, OUT_FLUSH + OUT_ROW };
  gboolean ok = TRUE;

  g_assert (sets->converted);
  memcpy (out.data, header, sizeof header - 1);
  out.len = sizeof header - 1;
  for (guint k = sets->first; k <= sets->last && ok; k++)
    {
      const AprioriLevel *level = &sets->levels[k];

      for (gsize i = 0; i < level->n && ok; i++)
        {
          const guint32 *items = level->sets + i * k;
          gboolean plain = !texts[items[0]].blank_start && !texts[items[k - 1]].blank_end;
          gsize row = 48, len;  /* ,count, and the support: at most 1 + 20 + 1 + 24 + 1 */
          const char *support;
          char *p;

          for (guint j = 0; j < k; j++)
            {
              plain = plain && !texts[items[j]].special;
              row += texts[items[j]].len + 3;
            }
          if (plain)
            {
              /* the items written in place */
              p = out_reserve (&out, row);
              for (guint j = 0; j < k; j++)
                {
                  if (j > 0)
                    {
                      memcpy (p, " & ", 3);
                      p += 3;
                    }
                  memcpy (p, texts[items[j]].name, texts[items[j]].len);
                  p += texts[items[j]].len;
                }
            }
          else
            {
              g_string_truncate (field, 0);
              append_items (field, scratch, tr, items, k);
              p = out_reserve (&out, field->len + 48);
              memcpy (p, field->str, field->len);
              p += field->len;
            }
          *p++ = ',';
          p = format_count (p, level->counts[i]);
          *p++ = ',';
          support = number_text (cache, (double) level->counts[i] / (double) sets->n_transactions, &len);
          memcpy (p, support, len);
          p += len;
          *p++ = '\n';
          out.len = p - out.data;
          ok = out_flush (&out, stream, FALSE, name, error);
        }
    }
  ok = ok && out_flush (&out, stream, TRUE, name, error);
  g_free (out.data);
  return ok;
}

gboolean
strata_rules_write_csv (StrataRules  *rules,
                        FILE         *stream,
                        const char   *name,
                        GError      **error)
{
  static const StrataRuleMeasure columns[] = {
    STRATA_RULE_SUPPORT, STRATA_RULE_CONFIDENCE, STRATA_RULE_LIFT,
    STRATA_RULE_LEVERAGE, STRATA_RULE_CONVICTION,
  };
  StrataTransactions *tr = strata_rules_get_transactions (rules);
  g_autoptr(GString) out =
    g_string_new ("antecedent,consequent,support,confidence,lift,leverage,conviction\n");
  g_autoptr(GString) scratch = g_string_new (NULL);
  g_autoptr(NumberCache) cache = number_cache_new ();

  for (gsize i = 0; i < strata_rules_get_n_rules (rules); i++)
    {
      guint n;
      const guint32 *items = strata_rules_get_antecedent (rules, i, &n);

      append_items (out, scratch, tr, items, n);
      g_string_append_c (out, ',');
      items = strata_rules_get_consequent (rules, i, &n);
      append_items (out, scratch, tr, items, n);
      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        {
          g_string_append_c (out, ',');
          append_number (out, cache, strata_rules_get_measure (rules, i, columns[c]));
        }
      g_string_append_c (out, '\n');
      if (!flush (out, stream, FALSE, name, error))
        return FALSE;
    }
  return flush (out, stream, TRUE, name, error);
}

typedef gboolean (*WriteFunc) (gpointer     object,
                               FILE        *stream,
                               const char  *name,
                               GError     **error);

static gboolean
write_itemsets (gpointer     object,
                FILE        *stream,
                const char  *name,
                GError     **error)
{
  return strata_itemsets_write_csv (object, stream, name, error);
}

static gboolean
write_rules (gpointer     object,
             FILE        *stream,
             const char  *name,
             GError     **error)
{
  return strata_rules_write_csv (object, stream, name, error);
}

/* Writes through a temporary file in the same folder, renamed into place. */
static gboolean
save_atomically (const char  *path,
                 WriteFunc    write,
                 gpointer     object,
                 GError     **error)
{
  g_autofree char *tmp = g_strconcat (path, ".XXXXXX", NULL);
  int fd = g_mkstemp (tmp);
  FILE *stream;
  gboolean ok;

  if (fd < 0 || (stream = fdopen (fd, "w")) == NULL)
    {
      int saved = errno;
      if (fd >= 0)
        {
          close (fd);
          g_remove (tmp);
        }
      return strata_set_io_error (error, saved, path);
    }
  ok = write (object, stream, path, error);
  if (fclose (stream) != 0 && ok)
    ok = strata_set_io_error (error, errno, path);
  if (ok && g_rename (tmp, path) != 0)
    ok = strata_set_io_error (error, errno, path);
  if (!ok)
    g_remove (tmp);
  return ok;
}

gboolean
strata_itemsets_save_csv (StrataItemsets  *sets,
                          const char      *path,
                          GError         **error)
{
  return save_atomically (path, write_itemsets, sets, error);
}

gboolean
strata_rules_save_csv (StrataRules  *rules,
                       const char   *path,
                       GError      **error)
{
  return save_atomically (path, write_rules, rules, error);
}
