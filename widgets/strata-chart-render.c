/* strata-chart-render.c — drawing a loss chart scene with cairo
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * One pass per frame, in this order: fit the view (x from the visible
 * runs' first and last points, y from block min/max look-ups over the
 * visible index range), measure tick labels to size the margins, draw grid
 * and labels, then the runs oldest first so the newest is on top: first
 * every run's training loss (faint raw, then smoothed), then every run's
 * validation loss (circles), validation accuracy (dashed, diamonds, right
 * axis) and a ring on the best epoch (lowest validation loss), so that no
 * dense band hides an epoch marker. A legend sits above the plot.
 *
 * A dense series is drawn from strata_series_decimate() bins: first → max
 * → min → last of each pixel column (M4, Jugel et al. 2014), filled as one
 * span per column, so 10⁷ points cost at most one box per column and every
 * column keeps its extremes. Sparser series are stroked point by point at
 * their exact positions. Where one switches to the other is set per series:
 * a stroke's cost grows with the vertical distance its segments travel
 * (cairo scan-converts every sub-row each edge crosses), so a noisy raw
 * loss of 1,000 points in 1,000 columns cost more to stroke (12 ms) than
 * 10⁷ points cost to fill (3 ms). The faint raw loss is therefore filled
 * from a quarter of a point per column on. The smoothed loss, the line
 * people read, is filled from two points per column (spans are snapped to
 * whole pixels, which a thick line below that density shows as steps) and
 * below that stroked in pieces (see draw_series); the validation series
 * (one point per epoch) are filled from two as well. The log axis maps
 * after decimation: log is monotonic, so a column's min and max stay its
 * min and max.
 *
 * Tick positions and labels come from strata-chart-ticks.c.
 */

#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "strata-chart-render.h"
#include "strata-chart-ticks.h"

#define TICK_GAP_X 80.0   /* minimum pixels between x tick labels */
#define TICK_GAP_Y 36.0   /* minimum pixels between y ticks */
#define PAD 6.0

/* Adwaita palette (GNOME HIG) mid tones: legible on white and on #242424. */
static const char * const palette[] = {
  "#3584e4", /* blue 3 */
  "#e66100", /* orange 4 */
  "#2ec27e", /* green 4 */
  "#c061cb", /* purple 2 */
  "#e01b24", /* red 3 */
  "#b5835a", /* brown 2 */
  "#e5a50a", /* yellow 5 */
};

guint
strata_chart_palette_size (void)
{
  return G_N_ELEMENTS (palette);
}

/**
 * strata_chart_palette_color:
 * @index: any index; wraps around the palette
 * @color: (out caller-allocates): the colour of runs with this index
 */
void
strata_chart_palette_color (guint    index,
                            GdkRGBA *color)
{
  gdk_rgba_parse (color, palette[index % G_N_ELEMENTS (palette)]);
}

StrataChartRun *
strata_chart_run_new (guint       id,
                      const char *name,
                      guint       color_index)
{
  StrataChartRun *run = g_new0 (StrataChartRun, 1);

  run->id = id;
  run->name = g_strdup (name);
  run->color_index = color_index;
  run->visible = TRUE;
  for (guint k = 0; k < STRATA_CHART_N_KINDS; k++)
    run->series[k] = strata_series_new ();
  return run;
}

void
strata_chart_run_free (StrataChartRun *run)
{
  if (run == NULL)
    return;
  for (guint k = 0; k < STRATA_CHART_N_KINDS; k++)
    strata_series_free (run->series[k]);
  g_free (run->name);
  g_free (run);
}

/**
 * strata_chart_run_best_epoch:
 * @run: a run
 * @index: (out): index of the validation point with the lowest finite loss
 *   (the earliest on ties)
 *
 * Returns: FALSE if the run has no finite validation loss.
 */
gboolean
strata_chart_run_best_epoch (StrataChartRun *run,
                             gsize          *index)
{
  StrataSeries *s = run->series[STRATA_CHART_VAL_LOSS];
  const double *v = strata_series_get_values (s, STRATA_SERIES_RAW);
  gsize n = strata_series_get_n_points (s);
  gboolean found = FALSE;

  for (gsize i = 0; i < n; i++)
    if (isfinite (v[i]) && (!found || v[i] < v[*index]))
      {
        *index = i;
        found = TRUE;
      }
  return found;
}

/* Mapping ---------------------------------------------------------------- */

static double
y_transform (const StrataChartLayout *L,
             double                   y)
{
  return L->log_y ? log10 (y) : y;
}

double
strata_chart_layout_x_to_device (const StrataChartLayout *L,
                                 double                   x)
{
  return L->plot.x + (x - L->x0) / (L->x1 - L->x0) * L->plot.width;
}

double
strata_chart_layout_y_to_device (const StrataChartLayout *L,
                                 double                   y)
{
  double t0 = y_transform (L, L->y0), t1 = y_transform (L, L->y1);
  double py;

  if (L->log_y && !(y > 0))
    return L->plot.y + L->plot.height;
  py = L->plot.y + L->plot.height - (y_transform (L, y) - t0) / (t1 - t0) * L->plot.height;
  /* Keep far-off points inside cairo's fixed-point range. */
  return CLAMP (py, L->plot.y - 1e5, L->plot.y + 1e5);
}

double
strata_chart_layout_device_to_x (const StrataChartLayout *L,
                                 double                   px)
{
  return L->x0 + (px - L->plot.x) / L->plot.width * (L->x1 - L->x0);
}

double
strata_chart_layout_device_to_y (const StrataChartLayout *L,
                                 double                   py)
{
  double t0 = y_transform (L, L->y0), t1 = y_transform (L, L->y1);
  double t = t0 + (L->plot.y + L->plot.height - py) / L->plot.height * (t1 - t0);

  return L->log_y ? pow (10.0, t) : t;
}

static double
acc_to_device (const StrataChartLayout *L,
               double                   a)
{
  double py = L->plot.y + L->plot.height - (a - L->acc0) / (L->acc1 - L->acc0) * L->plot.height;

  return CLAMP (py, L->plot.y - 1e5, L->plot.y + 1e5);
}

/* Fitting the view -------------------------------------------------------- */

typedef struct
{
  double lo, hi;
  gboolean set;
} Range;

static void
range_add (Range  *r,
           double  lo,
           double  hi)
{
  if (!r->set)
    {
      r->lo = lo;
      r->hi = hi;
      r->set = TRUE;
    }
  else
    {
      r->lo = MIN (r->lo, lo);
      r->hi = MAX (r->hi, hi);
    }
}

/* Index range of the points with x in [x0, x1]. */
static void
visible_span (StrataSeries     *s,
              StrataChartXAxis  axis,
              double            x0,
              double            x1,
              gsize            *begin,
              gsize            *end)
{
  *begin = strata_series_lower_bound (s, axis, x0);
  *end = strata_series_lower_bound (s, axis, nextafter (x1, INFINITY));
}

/* Adds the values of one column within [x0, x1] to a range; on a log axis
 * only positive values count (a column whose minimum is ≤ 0 contributes its
 * maximum only). */
static void
add_values (Range              *r,
            StrataSeries       *s,
            StrataSeriesColumn  column,
            StrataChartXAxis    axis,
            double              x0,
            double              x1,
            gboolean            log_y)
{
  StrataChartBin bin;
  gsize b, e;

  visible_span (s, axis, x0, x1, &b, &e);
  strata_series_range_min_max (s, column, b, e, &bin);
  if (bin.count == 0)
    return;
  if (!log_y)
    range_add (r, bin.min, bin.max);
  else if (bin.min > 0)
    range_add (r, bin.min, bin.max);
  else if (bin.max > 0)
    range_add (r, bin.max, bin.max);
}

static void
fit_view (const StrataChartScene *scene,
          StrataChartLayout      *L)
{
  Range rx = { 0 }, ry = { 0 }, ra = { 0 };

  for (guint r = 0; r < scene->runs->len; r++)
    {
      StrataChartRun *run = g_ptr_array_index (scene->runs, r);

      if (!run->visible)
        continue;
      for (guint k = 0; k < STRATA_CHART_N_KINDS; k++)
        {
          StrataSeries *s = run->series[k];
          gsize n = strata_series_get_n_points (s);
          const double *xs = strata_series_get_x (s, scene->x_axis);

          if (n > 0)
            range_add (&rx, xs[0], xs[n - 1]);
        }
    }

  L->has_data = rx.set;
  if (scene->view_set)
    {
      L->x0 = scene->view_x0;
      L->x1 = scene->view_x1;
    }
  else if (rx.set)
    {
      L->x0 = rx.lo;
      L->x1 = rx.hi > rx.lo ? rx.hi : rx.lo + 1.0;
    }
  else
    {
      L->x0 = 0.0;
      L->x1 = 1.0;
    }

  for (guint r = 0; r < scene->runs->len; r++)
    {
      StrataChartRun *run = g_ptr_array_index (scene->runs, r);

      if (!run->visible)
        continue;
      add_values (&ry, run->series[STRATA_CHART_TRAIN_LOSS], STRATA_SERIES_RAW,
                  scene->x_axis, L->x0, L->x1, scene->log_y);
      add_values (&ry, run->series[STRATA_CHART_TRAIN_LOSS], STRATA_SERIES_SMOOTHED,
                  scene->x_axis, L->x0, L->x1, scene->log_y);
      add_values (&ry, run->series[STRATA_CHART_VAL_LOSS], STRATA_SERIES_RAW,
                  scene->x_axis, L->x0, L->x1, scene->log_y);
      add_values (&ra, run->series[STRATA_CHART_VAL_ACCURACY], STRATA_SERIES_RAW,
                  scene->x_axis, -INFINITY, INFINITY, FALSE);
    }

  L->log_y = scene->log_y;
  if (scene->view_set && (!scene->log_y || (scene->view_y0 > 0 && scene->view_y1 > 0)))
    {
      L->y0 = scene->view_y0;
      L->y1 = scene->view_y1;
    }
  else if (!ry.set)
    {
      L->y0 = scene->log_y ? 0.1 : 0.0;
      L->y1 = scene->log_y ? 10.0 : 1.0;
    }
  else if (scene->log_y)
    {
      double t0 = log10 (ry.lo), t1 = log10 (ry.hi), pad;

      if (t1 - t0 < 1e-9)
        t0 -= 0.5, t1 += 0.5;
      pad = 0.05 * (t1 - t0);
      L->y0 = pow (10.0, t0 - pad);
      L->y1 = pow (10.0, t1 + pad);
    }
  else
    {
      double lo = ry.lo, hi = ry.hi, pad;

      if (hi - lo < 1e-12 * MAX (1.0, fabs (hi)))
        lo -= 0.5, hi += 0.5;
      pad = 0.05 * (hi - lo);
      L->y0 = lo - pad;
      L->y1 = hi + pad;
    }

  L->acc0 = ra.set ? MIN (0.0, ra.lo) : 0.0;
  L->acc1 = ra.set ? MAX (1.0, ra.hi) : 1.0;
}

/* Text ------------------------------------------------------------------------ */

static void
text_size (PangoLayout *layout,
           const char  *text,
           double      *w,
           double      *h)
{
  PangoRectangle ink, logical;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_extents (layout, &ink, &logical);
  *w = logical.width;
  *h = logical.height;
}

/* Draws text with its anchor at (x, y): ax, ay in {0, 0.5, 1} select the
 * left/centre/right and top/middle/bottom of the text. */
static void
draw_text (cairo_t     *cr,
           PangoLayout *layout,
           const char  *text,
           double       x,
           double       y,
           double       ax,
           double       ay)
{
  double w, h;

  text_size (layout, text, &w, &h);
  cairo_move_to (cr, round (x - ax * w), round (y - ay * h));
  pango_cairo_show_layout (cr, layout);
}

static void
set_source (cairo_t       *cr,
            const GdkRGBA *c,
            double         alpha)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha * alpha);
}

/* Series ------------------------------------------------------------------------ */

typedef double (*ToDevice) (const StrataChartLayout *L, double v);

/* Fills, per pixel column, the span the M4 polyline (first → max → min →
 * last at the column's centre, joined to its neighbours) would cover there:
 * the column's min and max and the two joins, where the segments to the
 * neighbouring columns cross its edges. The spans are pixel-aligned and
 * traced as one outline, so cairo fills a simple rectilinear polygon
 * instead of running its antialiasing scan converter over thousands of
 * overlapping segments (measured: 40–50 ms → about 2 ms per frame at 10⁶
 * points). half_width thickens them like a stroke's pen. */
static gsize
fill_dense_columns (cairo_t                 *cr,
                    const StrataChartLayout *L,
                    const StrataChartBin    *bins,
                    guint                    n_columns,
                    ToDevice                 to_y,
                    double                   half_width)
{
  gsize n_boxes = 0;
  double col_w = L->plot.width / n_columns;
  int prev = -1;
  g_autofree double *tops = g_new (double, 2 * (gsize) n_columns);
  double *bottoms = tops + n_columns;

  /* Spans are snapped outwards to whole pixels, so an extreme is never
   * lost and cairo needs no antialiasing. */
#define BOX(k, y_a, y_b) G_STMT_START {                                        \
    tops[k] = floor (MIN ((y_a), (y_b)) - half_width);                         \
    bottoms[k] = ceil (MAX ((y_a), (y_b)) + half_width);                       \
    n_boxes++;                                                                  \
  } G_STMT_END

  for (guint k = 0; k < n_columns; k++)
    tops[k] = NAN;

  for (guint j = 0; j < n_columns; j++)
    {
      /* Device y grows downwards: the max is the top. */
      double top, bottom, first, last;
      guint next;

      if (bins[j].count == 0)
        continue;
      top = to_y (L, bins[j].max);
      bottom = to_y (L, bins[j].min);
      first = to_y (L, bins[j].first);

      if (prev >= 0)
        {
          double prev_last = to_y (L, bins[prev].last);

          /* The segment from the previous column's last point crosses the
           * left edge of this column half-way (in device space). */
          if (prev + 1 == (int) j)
            {
              top = MIN (top, 0.5 * (prev_last + first));
              bottom = MAX (bottom, 0.5 * (prev_last + first));
            }
          else
            {
              /* Empty columns between: the segment bridging them. */
              double span = j - prev;

              top = MIN (top, first + (prev_last - first) * 0.5 / span);
              bottom = MAX (bottom, first + (prev_last - first) * 0.5 / span);
              for (guint k = prev + 1; k < j; k++)
                {
                  double t0 = (k - (prev + 0.5)) / span, t1 = (k + 1 - (prev + 0.5)) / span;

                  BOX (k, prev_last + t0 * (first - prev_last), prev_last + t1 * (first - prev_last));
                }
            }
        }

      for (next = j + 1; next < n_columns && bins[next].count == 0; next++)
        ;
      if (next < n_columns)
        {
          double next_first = to_y (L, bins[next].first);
          double join;

          last = to_y (L, bins[j].last);
          join = last + (next_first - last) * 0.5 / (next - j);

          top = MIN (top, join);
          bottom = MAX (bottom, join);
        }

      BOX (j, top, bottom);
      prev = j;
    }
#undef BOX

  /* Neighbouring spans always overlap (both hold the join between them), so
   * each run of non-empty columns is one x-monotone rectilinear polygon:
   * the top edge left to right, the bottom edge back. One outline fills
   * much faster than the union of a thousand boxes. */
  for (guint j = 0; j < n_columns; )
    {
      guint end = j;

      if (isnan (tops[j]))
        {
          j++;
          continue;
        }
      while (end < n_columns && !isnan (tops[end]))
        end++;
      cairo_move_to (cr, L->plot.x + j * col_w, tops[j]);
      for (guint k = j; k < end; k++)
        {
          cairo_line_to (cr, L->plot.x + k * col_w, tops[k]);
          cairo_line_to (cr, L->plot.x + (k + 1) * col_w, tops[k]);
        }
      for (guint k = end; k > j; k--)
        {
          cairo_line_to (cr, L->plot.x + k * col_w, bottoms[k - 1]);
          cairo_line_to (cr, L->plot.x + (k - 1) * col_w, bottoms[k - 1]);
        }
      cairo_close_path (cr);
      j = end;
    }
  return n_boxes;
}

/* Draws one column of a series within the view with the current source:
 * from decimated bins, one filled span per pixel column, when there are more
 * than dense_from points per column, else point by point (a stroked
 * polyline at exact positions). When the source is opaque, the polyline
 * is stroked in pieces of STROKE_CHUNK segments with round caps, which
 * cover the same shape as one path with round joins (edge pixels where
 * pieces overlap are painted twice, a little darker): cairo's scan
 * converter slows down with the number of edges crossing each row, and one
 * path of a noisy curve crosses the same rows again and again (1,600
 * vertices: 12 ms in one path, 3.7 ms in pieces of 8). Returns the number
 * of primitives drawn (polyline vertices or column boxes). bins is scratch
 * space for n_columns bins. */
#define STROKE_CHUNK 8

static gsize
draw_series (cairo_t                 *cr,
             const StrataChartLayout *L,
             StrataSeries            *s,
             StrataSeriesColumn       column,
             StrataChartXAxis         axis,
             ToDevice                 to_y,
             double                   line_width,
             double                   dense_from,
             gboolean                 opaque,
             StrataChartBin          *bins,
             guint                    n_columns)
{
  gsize n = strata_series_get_n_points (s), b, e, n_drawn = 0;
  const double *xs = strata_series_get_x (s, axis);
  const double *vs;
  gboolean started = FALSE;
  cairo_line_cap_t cap = cairo_get_line_cap (cr);

  if (n == 0)
    return 0;

  vs = strata_series_get_values (s, column);
  visible_span (s, axis, L->x0, L->x1, &b, &e);
  cairo_set_line_width (cr, line_width);

  if ((double) (e - b) > dense_from * n_columns)
    {
      double col_w = L->plot.width / n_columns;

      strata_series_decimate (s, column, axis, L->x0, L->x1, n_columns, bins);
      n_drawn = fill_dense_columns (cr, L, bins, n_columns, to_y, line_width / 2);
      cairo_fill (cr);

      /* Joins to the points just outside the view. */
      for (guint j = 0; j < n_columns && b > 0; j++)
        if (bins[j].count > 0)
          {
            gsize i = b - 1;

            if (isfinite (vs[i]))
              {
                cairo_move_to (cr, strata_chart_layout_x_to_device (L, xs[i]), to_y (L, vs[i]));
                cairo_line_to (cr, L->plot.x + (j + 0.5) * col_w, to_y (L, bins[j].first));
              }
            break;
          }
      for (guint j = n_columns; j > 0 && e < n; j--)
        if (bins[j - 1].count > 0)
          {
            if (isfinite (vs[e]))
              {
                cairo_move_to (cr, L->plot.x + (j - 0.5) * col_w, to_y (L, bins[j - 1].last));
                cairo_line_to (cr, strata_chart_layout_x_to_device (L, xs[e]), to_y (L, vs[e]));
              }
            break;
          }
      cairo_stroke (cr);
      return n_drawn;
    }

#define VERTEX(i) G_STMT_START {                                                  \
    double vx_ = strata_chart_layout_x_to_device (L, xs[i]), vy_ = to_y (L, vs[i]);  \
    if (started) cairo_line_to (cr, vx_, vy_);                                      \
    else cairo_move_to (cr, vx_, vy_);                                              \
    started = TRUE;                                                                 \
    n_drawn++;                                                                      \
    if (opaque && n_drawn % STROKE_CHUNK == 0)                                     \
      {                                                                             \
        cairo_stroke (cr);                                                          \
        cairo_move_to (cr, vx_, vy_);                                               \
      }                                                                             \
  } G_STMT_END

  if (opaque)
    cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  /* The point before the view, so the line enters from the edge. */
  for (gsize i = b; i > 0; i--)
    if (isfinite (vs[i - 1]))
      {
        VERTEX (i - 1);
        break;
      }
  for (gsize i = b; i < e; i++)
    if (isfinite (vs[i]))
      VERTEX (i);
  /* The point after the view. */
  for (gsize i = e; i < n; i++)
    if (isfinite (vs[i]))
      {
        VERTEX (i);
        break;
      }
#undef VERTEX

  cairo_stroke (cr);
  cairo_set_line_cap (cr, cap);
  return n_drawn;
}

static void
draw_marker (cairo_t *cr,
             double   x,
             double   y,
             gboolean diamond,
             double   r)
{
  if (diamond)
    {
      r *= 1.25;
      cairo_move_to (cr, x, y - r);
      cairo_line_to (cr, x + r, y);
      cairo_line_to (cr, x, y + r);
      cairo_line_to (cr, x - r, y);
      cairo_close_path (cr);
    }
  else
    {
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
    }
}

static void
draw_markers (cairo_t                 *cr,
              const StrataChartLayout *L,
              StrataSeries            *s,
              StrataChartXAxis         axis,
              ToDevice                 to_y,
              gboolean                 diamond,
              const GdkRGBA           *halo,
              guint                    n_columns)
{
  const double *xs = strata_series_get_x (s, axis);
  const double *vs = strata_series_get_values (s, STRATA_SERIES_RAW);
  gsize b, e;

  visible_span (s, axis, L->x0, L->x1, &b, &e);
  if (e - b > n_columns / 4)   /* too dense for markers to mean anything */
    return;
  for (gsize i = b; i < e; i++)
    if (isfinite (vs[i]))
      draw_marker (cr, strata_chart_layout_x_to_device (L, xs[i]), to_y (L, vs[i]), diamond, 3.5);
  /* A halo of the page colour keeps markers visible on a band of their own
   * run's colour. */
  cairo_save (cr);
  cairo_set_source_rgba (cr, halo->red, halo->green, halo->blue, halo->alpha);
  cairo_set_line_width (cr, 2.0);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_stroke_preserve (cr);
  cairo_restore (cr);
  cairo_fill (cr);
}

/* The page colour: the background, or the ink's opposite when the page is
 * left transparent (the widget on the window's own background). */
static void
page_color (const StrataChartScene *scene,
            GdkRGBA                *page)
{
  if (scene->background.alpha > 0)
    *page = scene->background;
  else
    *page = (GdkRGBA) { 1 - scene->ink.red, 1 - scene->ink.green, 1 - scene->ink.blue, 1 };
}

/* Training loss of one run: raw (faint) and smoothed. */
static void
draw_run_training (cairo_t                *cr,
                   const StrataChartScene *scene,
                   StrataChartLayout      *L,
                   StrataChartRun         *run,
                   StrataChartBin         *bins,
                   guint                   n_columns)
{
  StrataSeries *train = run->series[STRATA_CHART_TRAIN_LOSS];
  GdkRGBA color;

  strata_chart_palette_color (run->color_index, &color);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  set_source (cr, &color, 0.28);
  L->n_segments += draw_series (cr, L, train, STRATA_SERIES_RAW, scene->x_axis,
                                strata_chart_layout_y_to_device, 1.0, 0.25, FALSE, bins, n_columns);
  set_source (cr, &color, 1.0);
  L->n_segments += draw_series (cr, L, train, STRATA_SERIES_SMOOTHED, scene->x_axis,
                                strata_chart_layout_y_to_device, 2.0, 2.0, TRUE, bins, n_columns);
}

/* Validation of one run, drawn after every run's training curves so that no
 * band hides it: loss (line and circles), accuracy (dashed, diamonds, right
 * axis), and a ring on the best epoch with, for the newest run, a dotted
 * guide down to the x axis. */
static void
draw_run_validation (cairo_t                *cr,
                     const StrataChartScene *scene,
                     StrataChartLayout      *L,
                     StrataChartRun         *run,
                     gboolean                newest,
                     StrataChartBin         *bins,
                     guint                   n_columns)
{
  StrataSeries *val = run->series[STRATA_CHART_VAL_LOSS];
  StrataSeries *acc = run->series[STRATA_CHART_VAL_ACCURACY];
  const double dash[] = { 5.0, 3.0 };
  GdkRGBA color, page;
  gsize best;

  strata_chart_palette_color (run->color_index, &color);
  page_color (scene, &page);
  set_source (cr, &color, 1.0);

  L->n_segments += draw_series (cr, L, val, STRATA_SERIES_RAW, scene->x_axis,
                                strata_chart_layout_y_to_device, 1.25, 2.0, FALSE, bins, n_columns);
  draw_markers (cr, L, val, scene->x_axis, strata_chart_layout_y_to_device, FALSE, &page, n_columns);

  cairo_set_dash (cr, dash, 2, 0);
  L->n_segments += draw_series (cr, L, acc, STRATA_SERIES_RAW, scene->x_axis,
                                acc_to_device, 1.25, 2.0, FALSE, bins, n_columns);
  cairo_set_dash (cr, NULL, 0, 0);
  draw_markers (cr, L, acc, scene->x_axis, acc_to_device, TRUE, &page, n_columns);

  if (strata_chart_run_best_epoch (run, &best))
    {
      double px, py;
      const double dots[] = { 1.0, 3.0 };

      px = strata_chart_layout_x_to_device (L, strata_series_get_x (val, scene->x_axis)[best]);
      py = strata_chart_layout_y_to_device (L, strata_series_get_values (val, STRATA_SERIES_RAW)[best]);
      draw_marker (cr, px, py, FALSE, 7.0);
      cairo_set_source_rgba (cr, page.red, page.green, page.blue, page.alpha);
      cairo_set_line_width (cr, 4.0);
      cairo_stroke_preserve (cr);
      set_source (cr, &color, 1.0);
      cairo_set_line_width (cr, 2.0);
      cairo_stroke (cr);
      if (newest)
        {
          cairo_set_line_width (cr, 1.0);
          cairo_set_dash (cr, dots, 2, 0);
          cairo_move_to (cr, px, py + 8.0);
          cairo_line_to (cr, px, L->plot.y + L->plot.height);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }
    }
}

/* Frame ------------------------------------------------------------------------- */

static gboolean
any_accuracy (const StrataChartScene *scene)
{
  for (guint r = 0; r < scene->runs->len; r++)
    {
      StrataChartRun *run = g_ptr_array_index (scene->runs, r);

      if (run->visible && strata_series_get_n_points (run->series[STRATA_CHART_VAL_ACCURACY]) > 0)
        return TRUE;
    }
  return FALSE;
}

static void
draw_legend (cairo_t                *cr,
             PangoLayout            *layout,
             const StrataChartScene *scene,
             StrataChartLayout      *L,
             double                  y)
{
  static const char * const key[] = { "smoothed loss", "raw", "val_loss", "val_accuracy", "best" };
  double x = L->plot.x, w, h, key_w = 0;

  /* Style key, right-aligned, in ink: sample glyph then label. */
  for (guint i = 0; i < G_N_ELEMENTS (key); i++)
    {
      text_size (layout, key[i], &w, &h);
      key_w += 22 + w + 10;
    }

  /* Run names first: they matter more than the key, which is dropped when
   * both do not fit. Hidden runs stay listed, dimmed with a hollow swatch,
   * and every entry's box is recorded so a click can toggle it. */
  L->n_legend = 0;
  for (guint r = 0; r < scene->runs->len && L->n_legend < STRATA_CHART_MAX_LEGEND; r++)
    {
      StrataChartRun *run = g_ptr_array_index (scene->runs, r);
      const char *name = run->name ? run->name : "";
      GdkRGBA color;

      text_size (layout, name, &w, &h);
      if (x + 16 + w > L->plot.x + L->plot.width)
        break;
      strata_chart_palette_color (run->color_index, &color);
      set_source (cr, &color, 1.0);
      if (run->visible)
        {
          cairo_rectangle (cr, x, y + h / 2 - 1.5, 12, 3);
          cairo_fill (cr);
        }
      else
        {
          cairo_set_line_width (cr, 1.0);
          cairo_rectangle (cr, x + 0.5, y + h / 2 - 2.5, 11, 5);
          cairo_stroke (cr);
        }
      set_source (cr, &scene->ink, run->visible ? 0.9 : 0.4);
      draw_text (cr, layout, name, x + 16, y, 0, 0);
      L->legend[L->n_legend].run = run->id;
      L->legend[L->n_legend].box = (cairo_rectangle_t) { x - 2, y - 2, 16 + w + 4, h + 4 };
      L->n_legend++;
      x += 16 + w + 14;
    }

  if (x > L->plot.x + L->plot.width - key_w)
    return;
  x = L->plot.x + L->plot.width - key_w + 10;
  for (guint i = 0; i < G_N_ELEMENTS (key); i++)
    {
      double cy;
      const double dash[] = { 4.0, 2.0 };

      text_size (layout, key[i], &w, &h);
      cy = y + h / 2;
      set_source (cr, &scene->ink, i == 1 ? 0.45 : 0.8);
      cairo_set_line_width (cr, i == 0 ? 2.0 : i == 1 ? 1.5 : 1.0);
      if (i == 3)
        cairo_set_dash (cr, dash, 2, 0);
      if (i < 4)
        {
          cairo_move_to (cr, x, cy);
          cairo_line_to (cr, x + 18, cy);
          cairo_stroke (cr);
        }
      cairo_set_dash (cr, NULL, 0, 0);
      if (i == 2 || i == 3)
        {
          draw_marker (cr, x + 9, cy, i == 3, 3.0);
          cairo_fill (cr);
        }
      if (i == 4)
        {
          cairo_set_line_width (cr, 1.5);
          draw_marker (cr, x + 9, cy, FALSE, 5.0);
          cairo_stroke (cr);
        }
      set_source (cr, &scene->ink, 0.8);
      draw_text (cr, layout, key[i], x + 22, y, 0, 0);
      x += 22 + w + 10;
    }
}

/**
 * strata_chart_render:
 * @scene: what to draw
 * @cr: the target; its current transformation maps device units
 * @width: width of the area, device units
 * @height: height of the area
 * @layout: (out caller-allocates) (optional): where the plot landed
 *
 * Draws the scene into (0, 0, @width, @height) of @cr. Leaves @cr's state
 * as it found it.
 */
void
strata_chart_render (const StrataChartScene *scene,
                     cairo_t                *cr,
                     double                  width,
                     double                  height,
                     StrataChartLayout      *layout)
{
  StrataChartLayout L = { 0 };
  g_autoptr(PangoLayout) pl = NULL;
  PangoFontDescription *fallback = NULL;
  StrataChartTick xt[STRATA_CHART_MAX_TICKS], yt[STRATA_CHART_MAX_TICKS], at[STRATA_CHART_MAX_TICKS];
  guint n_xt, n_yt, n_at = 0;
  double w, h, line_h, left = 0, right = 0;
  gboolean has_acc = any_accuracy (scene);
  const char *x_title;
  guint n_columns;
  g_autofree StrataChartBin *bins = NULL;
  StrataChartRun *newest = NULL;

  g_return_if_fail (scene != NULL && scene->runs != NULL);
  g_return_if_fail (cr != NULL);

  cairo_save (cr);

  if (scene->background.alpha > 0)
    {
      set_source (cr, &scene->background, 1.0);
      cairo_rectangle (cr, 0, 0, width, height);
      cairo_fill (cr);
    }

  pl = pango_cairo_create_layout (cr);
  if (scene->font == NULL)
    fallback = pango_font_description_from_string ("Sans 9");
  pango_layout_set_font_description (pl, scene->font ? scene->font : fallback);
  g_clear_pointer (&fallback, pango_font_description_free);
  text_size (pl, "0.9", &w, &line_h);

  fit_view (scene, &L);

  /* Margins from the widest tick labels; the y ticks depend only on the
   * height, so they are known before the width is. */
  L.plot.y = PAD + line_h + PAD;
  L.plot.height = MAX (height - L.plot.y - (PAD + line_h + 2 + line_h + PAD), 1.0);
  n_yt = (L.log_y ? strata_chart_log_ticks : strata_chart_linear_ticks) (L.y0, L.y1, L.plot.height / TICK_GAP_Y, yt);
  for (guint i = 0; i < n_yt; i++)
    if (yt[i].label[0])
      {
        text_size (pl, yt[i].label, &w, &h);
        left = MAX (left, w);
      }
  if (has_acc)
    {
      n_at = strata_chart_linear_ticks (L.acc0, L.acc1, L.plot.height / TICK_GAP_Y, at);
      for (guint i = 0; i < n_at; i++)
        {
          text_size (pl, at[i].label, &w, &h);
          right = MAX (right, w);
        }
    }
  L.plot.x = PAD + line_h + 4 + left + 6;
  L.plot.width = MAX (width - L.plot.x - (has_acc ? right + 6 + 4 + line_h + PAD : 2 * PAD), 1.0);

  switch (scene->x_axis)
    {
    case STRATA_CHART_X_TIME:
      n_xt = strata_chart_time_ticks (L.x0, L.x1, L.plot.width / TICK_GAP_X, xt);
      x_title = "wall time (m:ss)";
      break;
    case STRATA_CHART_X_EPOCH:
      n_xt = strata_chart_linear_ticks (L.x0, L.x1, L.plot.width / TICK_GAP_X, xt);
      x_title = "epoch";
      break;
    case STRATA_CHART_X_STEP:
    default:
      n_xt = strata_chart_linear_ticks (L.x0, L.x1, L.plot.width / TICK_GAP_X, xt);
      x_title = "step";
      break;
    }

  /* Grid and tick labels. */
  cairo_set_line_width (cr, 1.0);
  for (guint i = 0; i < n_yt; i++)
    {
      double py = round (strata_chart_layout_y_to_device (&L, yt[i].value)) + 0.5;

      set_source (cr, &scene->ink, yt[i].minor ? 0.05 : 0.12);
      cairo_move_to (cr, L.plot.x, py);
      cairo_line_to (cr, L.plot.x + L.plot.width, py);
      cairo_stroke (cr);
      if (yt[i].label[0])
        {
          set_source (cr, &scene->ink, 0.75);
          draw_text (cr, pl, yt[i].label, L.plot.x - 6, py, 1.0, 0.5);
        }
    }
  for (guint i = 0; i < n_at; i++)
    {
      set_source (cr, &scene->ink, 0.75);
      draw_text (cr, pl, at[i].label, L.plot.x + L.plot.width + 6,
                 acc_to_device (&L, at[i].value), 0.0, 0.5);
    }
  for (guint i = 0; i < n_xt; i++)
    {
      double px = round (strata_chart_layout_x_to_device (&L, xt[i].value)) + 0.5;

      set_source (cr, &scene->ink, 0.12);
      cairo_move_to (cr, px, L.plot.y);
      cairo_line_to (cr, px, L.plot.y + L.plot.height);
      cairo_stroke (cr);
      set_source (cr, &scene->ink, 0.75);
      draw_text (cr, pl, xt[i].label, px, L.plot.y + L.plot.height + 4, 0.5, 0.0);
    }
  set_source (cr, &scene->ink, 0.35);
  cairo_rectangle (cr, L.plot.x + 0.5, L.plot.y + 0.5, L.plot.width - 1, L.plot.height - 1);
  cairo_stroke (cr);

  /* Axis titles. */
  set_source (cr, &scene->ink, 0.9);
  draw_text (cr, pl, x_title, L.plot.x + L.plot.width / 2, height - PAD, 0.5, 1.0);
  cairo_save (cr);
  cairo_translate (cr, PAD, L.plot.y + L.plot.height / 2);
  cairo_rotate (cr, -G_PI / 2);
  draw_text (cr, pl, L.log_y ? "loss (log)" : "loss", 0, 0, 0.5, 0.0);
  cairo_restore (cr);
  if (has_acc)
    {
      cairo_save (cr);
      cairo_translate (cr, width - PAD, L.plot.y + L.plot.height / 2);
      cairo_rotate (cr, G_PI / 2);
      draw_text (cr, pl, "val_accuracy", 0, 0, 0.5, 0.0);
      cairo_restore (cr);
    }

  if (scene->runs->len > 0)
    draw_legend (cr, pl, scene, &L, PAD);

  if (!L.has_data)
    {
      set_source (cr, &scene->ink, 0.5);
      draw_text (cr, pl, scene->runs->len > 0 ? "No points to show" : "No training data yet",
                 L.plot.x + L.plot.width / 2, L.plot.y + L.plot.height / 2, 0.5, 0.5);
    }
  else
    {

      /* Series, clipped to the plot plus room for markers on its edges. */
      n_columns = (guint) MAX (ceil (L.plot.width), 1.0);
      bins = g_new (StrataChartBin, n_columns);
      for (guint r = 0; r < scene->runs->len; r++)
        {
          StrataChartRun *run = g_ptr_array_index (scene->runs, r);

          if (run->visible)
            newest = run;
        }
      cairo_save (cr);
      cairo_rectangle (cr, L.plot.x - PAD, L.plot.y - PAD, L.plot.width + 2 * PAD, L.plot.height + 2 * PAD);
      cairo_clip (cr);
      for (guint r = 0; r < scene->runs->len; r++)
        {
          StrataChartRun *run = g_ptr_array_index (scene->runs, r);

          if (run->visible)
            draw_run_training (cr, scene, &L, run, bins, n_columns);
        }
      for (guint r = 0; r < scene->runs->len; r++)
        {
          StrataChartRun *run = g_ptr_array_index (scene->runs, r);

          if (run->visible)
            draw_run_validation (cr, scene, &L, run, run == newest, bins, n_columns);
        }
      cairo_restore (cr);
    }

  cairo_restore (cr);

  if (layout != NULL)
    *layout = L;
}
