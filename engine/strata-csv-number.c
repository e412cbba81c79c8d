/* strata-csv-number.c — fast, exact decimal → double for the CSV reader
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * Number parsing is most of the cost of reading a numeric CSV, and strtod()
 * is slow because it must handle every case (locales, hexadecimal, arbitrary
 * length). Almost every number in a data file has at most 19 significant
 * digits and a small exponent. For those the decimal is w × 10^e with w an
 * exact 64-bit integer. Clinger's fast path ("How to read floating point
 * numbers accurately", PLDI 1990) computes it exactly with one IEEE
 * operation when w and 10^|e| are both exactly representable: with doubles
 * that needs w ≤ 2^53 and |e| ≤ 22.
 *
 * On x86 the x87 extended format has a 64-bit significand, so every w up to
 * 2^64 and every 10^|e| up to 10^27 (5^27 < 2^64) are exact in long double.
 * One multiplication or division rounds the exact result once, to 64 bits;
 * converting that to double rounds again, which gives the wrong answer only
 * when the 64-bit result lies exactly halfway between two doubles (a midpoint
 * strictly between the exact value and its 64-bit rounding would be closer
 * to the exact value, which is impossible). That case is detected from the
 * low 11 bits of the 64-bit significand and sent to g_ascii_strtod(), as are
 * numbers with more than 19 significant digits or a larger exponent.
 *
 * The common case (at most 19 digits, no exponent, result exact in doubles)
 * is inline in strata-csv-private.h so that the field callback runs it
 * without a call; this file holds the rest.
 *
 * The parser also classifies the text (StrataCsvNumberForm) so that a column
 * that turns non-numeric late can give its earlier values back exactly.
 */

#include "strata-csv-private.h"

#include <float.h>
#include <math.h>
#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
# if LDBL_MANT_DIG == 64
#  define HAVE_X87_LONG_DOUBLE 1
# endif
#endif
#ifndef HAVE_X87_LONG_DOUBLE
# define HAVE_X87_LONG_DOUBLE 0
#endif

const double strata_csv_exact_pow10[23] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
  1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

#if HAVE_X87_LONG_DOUBLE
static const long double exact_pow10l[] = {
  1e0L, 1e1L, 1e2L, 1e3L, 1e4L, 1e5L, 1e6L, 1e7L, 1e8L, 1e9L, 1e10L,
  1e11L, 1e12L, 1e13L, 1e14L, 1e15L, 1e16L, 1e17L, 1e18L, 1e19L, 1e20L,
  1e21L, 1e22L, 1e23L, 1e24L, 1e25L, 1e26L, 1e27L,
};

/* TRUE when @r (a normal x87 value) is exactly halfway between two doubles:
 * its 64-bit significand ends in binary 100 0000 0000. */
static inline gboolean
is_double_midpoint (long double r)
{
  guint64 significand;

  memcpy (&significand, &r, sizeof significand);  /* low 8 bytes on x86 */
  return (significand & 0x7ff) == 0x400;
}
#endif

static inline gboolean
is_space (char c)
{
  return c == ' ' || c == '\t';
}

/* Exact conversion of ±@w × 10^@e, or FALSE when it cannot be done here. */
static inline gboolean
fast_path (guint64  w,
           int      e,
           gboolean negative,
           double  *value)
{
  double v;

  if (w == 0)
    {
      v = 0.0;
    }
  else if (w <= (G_GUINT64_CONSTANT (1) << 53) && e >= -22 && e <= 22)
    {
      v = e < 0 ? (double) w / strata_csv_exact_pow10[-e] : (double) w * strata_csv_exact_pow10[e];
    }
#if HAVE_X87_LONG_DOUBLE
  else if (e >= -27 && e <= 27)
    {
      long double r = e < 0 ? (long double) w / exact_pow10l[-e]
                            : (long double) w * exact_pow10l[e];
      if (is_double_midpoint (r))
        return FALSE;
      v = (double) r;
    }
#endif
  else
    {
      return FALSE;
    }

  *value = negative ? -v : v;
  return TRUE;
}

/* The general parser: any length, spaces, signs, exponents, "inf". */
gboolean
strata_csv_parse_number_slow (const char          *s,
                      gsize                len,
                      double              *value,
                      StrataCsvNumberForm *form,
                      guint8              *frac_digits)
{
  const char *p = s, *end = s + len;
  gboolean negative = FALSE, other = FALSE, truncated = FALSE;
  guint64 w = 0;
  int n_kept = 0;        /* significant digits in w (at most 19) */
  int e = 0;             /* decimal exponent of w */
  int int_digits = 0, frac = 0;
  int first_nonzero = G_MININT;  /* decimal position of the leading digit */
  int last_nonzero = G_MAXINT;   /* position of the last nonzero digit */
  int position;          /* position of the digit being read: 10^position */
  int leading_int_zero = 0;

  while (p < end && is_space (*p))
    {
      p++;
      other = TRUE;
    }
  if (p < end && (*p == '-' || *p == '+'))
    {
      negative = *p == '-';
      other |= *p == '+';
      p++;
    }

  /* "inf" and "infinity" in any case, as strtod and pandas read them; the
   * writer writes "inf" and "-inf". */
  if (p < end && (*p == 'i' || *p == 'I'))
    {
      gsize rest = (gsize) (end - p);
      gsize word = rest >= 8 && g_ascii_strncasecmp (p, "infinity", 8) == 0 ? 8
                 : rest >= 3 && g_ascii_strncasecmp (p, "inf", 3) == 0 ? 3 : 0;
      const char *q = p + word;

      if (word == 0)
        return FALSE;
      while (q < end && is_space (*q))
        {
          q++;
          other = TRUE;
        }
      if (q != end)
        return FALSE;
      *value = negative ? -INFINITY : INFINITY;
      *frac_digits = 0;
      *form = !other && word == 3 && memcmp (p, "inf", 3) == 0 ? STRATA_CSV_NUMBER_SHORTEST
                                                               : STRATA_CSV_NUMBER_OTHER;
      return TRUE;
    }

  /* Integer part. Positions are counted later; remember where it starts. */
  {
    const char *int_start = p;
    while (p < end && g_ascii_isdigit (*p))
      p++;
    int_digits = (int) (p - int_start);
    position = int_digits - 1;
    for (const char *q = int_start; q < p; q++, position--)
      {
        unsigned d = (unsigned) (*q - '0');
        if (w == 0 && d == 0)
          {
            leading_int_zero++;
            continue;
          }
        if (first_nonzero == G_MININT)
          first_nonzero = position;
        if (d != 0)
          last_nonzero = position;
        if (n_kept < 19)
          {
            w = w * 10 + d;
            n_kept++;
          }
        else
          {
            e++;
            truncated |= d != 0;
          }
      }
  }

  if (p < end && *p == '.')
    {
      p++;
      position = -1;
      while (p < end && g_ascii_isdigit (*p))
        {
          unsigned d = (unsigned) (*p - '0');
          frac++;
          if (w == 0 && d == 0)
            {
              e--;
            }
          else
            {
              if (first_nonzero == G_MININT)
                first_nonzero = position;
              if (d != 0)
                last_nonzero = position;
              if (n_kept < 19)
                {
                  w = w * 10 + d;
                  n_kept++;
                  e--;
                }
              else
                {
                  truncated |= d != 0;
                }
            }
          p++;
          position--;
        }
      if (frac == 0)
        other = TRUE;   /* "5." */
    }

  if (int_digits + frac == 0)
    return FALSE;
  if (int_digits == 0 || (int_digits > 1 && leading_int_zero > 0))
    other = TRUE;       /* ".5", "007" */

  if (p < end && (*p == 'e' || *p == 'E'))
    {
      int exponent = 0, exp_sign = 1;
      const char *exp_start;

      p++;
      if (p < end && (*p == '-' || *p == '+'))
        {
          exp_sign = *p == '-' ? -1 : 1;
          p++;
        }
      exp_start = p;
      while (p < end && g_ascii_isdigit (*p))
        {
          if (exponent < 100000)
            exponent = exponent * 10 + (*p - '0');
          p++;
        }
      if (p == exp_start)
        return FALSE;
      e += exp_sign * exponent;
      other = TRUE;
    }

  while (p < end && is_space (*p))
    {
      p++;
      other = TRUE;
    }
  if (p != end)
    return FALSE;

  if (truncated || !fast_path (w, e, negative, value))
    *value = g_ascii_strtod (s, NULL);

  /* Classify the text. */
  *frac_digits = 0;
  if (other || frac > 255)
    {
      *form = STRATA_CSV_NUMBER_OTHER;
    }
  else
    {
      /* Significant digits as written (for FIXED, trailing zeros count). */
      int written = first_nonzero == G_MININT ? 1 : first_nonzero + frac + 1;
      int needed = first_nonzero == G_MININT ? 1 : first_nonzero - last_nonzero + 1;
      gboolean trailing_zero = frac > 0 && s[len - 1] == '0';

      *frac_digits = (guint8) frac;
      if (first_nonzero == G_MININT)
        /* A zero: "0" and "-0" are shortest, "0.00" is fixed. */
        *form = frac == 0 ? STRATA_CSV_NUMBER_SHORTEST : STRATA_CSV_NUMBER_FIXED;
      else if (!trailing_zero && needed <= 15 && first_nonzero >= -4 && first_nonzero <= 14)
        *form = STRATA_CSV_NUMBER_SHORTEST;
      else if (written <= 15)
        *form = STRATA_CSV_NUMBER_FIXED;
      else
        *form = STRATA_CSV_NUMBER_OTHER;
    }
  return TRUE;
}

const guint64 strata_csv_pow10_u64[20] = {
  G_GUINT64_CONSTANT (1), G_GUINT64_CONSTANT (10), G_GUINT64_CONSTANT (100),
  G_GUINT64_CONSTANT (1000), G_GUINT64_CONSTANT (10000), G_GUINT64_CONSTANT (100000),
  G_GUINT64_CONSTANT (1000000), G_GUINT64_CONSTANT (10000000),
  G_GUINT64_CONSTANT (100000000), G_GUINT64_CONSTANT (1000000000),
  G_GUINT64_CONSTANT (10000000000), G_GUINT64_CONSTANT (100000000000),
  G_GUINT64_CONSTANT (1000000000000), G_GUINT64_CONSTANT (10000000000000),
  G_GUINT64_CONSTANT (100000000000000), G_GUINT64_CONSTANT (1000000000000000),
  G_GUINT64_CONSTANT (10000000000000000), G_GUINT64_CONSTANT (100000000000000000),
  G_GUINT64_CONSTANT (1000000000000000000), G_GUINT64_CONSTANT (10000000000000000000),
};

gboolean
(strata_csv_parse_number) (const char          *s,
                           gsize                len,
                           double              *value,
                           StrataCsvNumberForm *form,
                           guint8              *frac_digits)
{
  return strata_csv_parse_number (s, len, value, form, frac_digits);
}
