/* strata-loss-chart.c — live training curves
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * Data path. Worker threads push into a StrataChartFeed owned by the chart.
 * The feed's wake function runs on the worker and adds one idle source to
 * the default main context, carrying the feed and its weak reference to the
 * chart (the chart may be gone; no thread but the main one ever holds a
 * strong reference to it); the idle starts a tick callback. The tick drains the feed every frame, appends
 * the records to the runs' series and queues a redraw; the first tick that
 * finds the feed empty removes itself, and the feed goes back to sleep until
 * the next push. So the main loop sees one callback per idle→busy transition
 * and one tick per frame while data flows, whatever the push rate.
 *
 * Drawing. The chart (axes, grid, every series) is rendered by
 * strata_chart_render() into a cairo node that is cached as a GskRenderNode
 * until data, size, style or view change; the hover crosshair and the
 * rubber band are drawn over the cached node, so moving the pointer costs a
 * few hundred vertices, not a re-render of a million-point chart.
 *
 * View. Automatic (fit the visible runs) until the user zooms; a zoom
 * stores an explicit x/y window in data units which reset_view() drops.
 * Pointer input and the hover overlay are in strata-loss-chart-input.c.
 */

#include "config.h"

#include <math.h>

#include "strata-loss-chart-private.h"

G_DEFINE_FINAL_TYPE (StrataLossChart, strata_loss_chart, GTK_TYPE_WIDGET)

G_DEFINE_ENUM_TYPE (StrataChartXAxis, strata_chart_x_axis,
  G_DEFINE_ENUM_VALUE (STRATA_CHART_X_STEP, "step"),
  G_DEFINE_ENUM_VALUE (STRATA_CHART_X_EPOCH, "epoch"),
  G_DEFINE_ENUM_VALUE (STRATA_CHART_X_TIME, "time"))

enum {
  PROP_0,
  PROP_SMOOTHING,
  PROP_LOG_SCALE,
  PROP_X_AXIS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
strata_loss_chart_new (void)
{
  return g_object_new (STRATA_TYPE_LOSS_CHART, NULL);
}

static void
invalidate (StrataLossChart *self)
{
  g_clear_pointer (&self->cache, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static StrataChartRun *
find_run (StrataLossChart *self,
          guint            id)
{
  for (guint i = 0; i < self->runs->len; i++)
    {
      StrataChartRun *run = g_ptr_array_index (self->runs, i);

      if (run->id == id)
        return run;
    }
  return NULL;
}

/* Feed → frame clock ----------------------------------------------------- */

/* Appends drained records, batching runs of the same (run, kind). */
static guint
apply_records (StrataLossChart *self,
               GArray          *recs)
{
  g_autoptr(GArray) batch = g_array_new (FALSE, FALSE, sizeof (StrataChartPoint));
  guint n = 0;

  for (guint i = 0; i < recs->len; )
    {
      const StrataChartRecord *first = &g_array_index (recs, StrataChartRecord, i);
      StrataChartRun *run = find_run (self, first->run);
      guint j = i;

      g_array_set_size (batch, 0);
      for (; j < recs->len; j++)
        {
          const StrataChartRecord *r = &g_array_index (recs, StrataChartRecord, j);

          if (r->run != first->run || r->kind != first->kind)
            break;
          g_array_append_val (batch, r->point);
        }
      /* Points for a run removed meanwhile are dropped. */
      if (run != NULL)
        {
          strata_series_append (run->series[first->kind],
                                (const StrataChartPoint *) (gpointer) batch->data, batch->len);
          n += batch->len;
        }
      i = j;
    }
  return n;
}

/**
 * strata_loss_chart_flush:
 * @self: a chart
 *
 * Appends every point waiting in the feed now instead of at the next frame.
 *
 * Returns: the number of points appended.
 */
guint
strata_loss_chart_flush (StrataLossChart *self)
{
  g_autoptr(GArray) recs = NULL;
  guint n;

  g_return_val_if_fail (STRATA_IS_LOSS_CHART (self), 0);

  recs = strata_chart_feed_drain (self->feed);
  if (recs == NULL)
    return 0;
  n = apply_records (self, recs);
  invalidate (self);
  return n;
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  StrataLossChart *self = STRATA_LOSS_CHART (widget);
  g_autoptr(GArray) recs = strata_chart_feed_drain (self->feed);

  if (recs == NULL)
    {
      self->tick_id = 0;
      return G_SOURCE_REMOVE;
    }
  apply_records (self, recs);
  invalidate (self);
  return G_SOURCE_CONTINUE;
}

/* A pending wake-up: the feed (a reference) and its weak reference to the
 * chart (owned by the feed), so that no thread but the main one ever holds a
 * strong reference to the chart. */
typedef struct
{
  StrataChartFeed *feed;
  GWeakRef        *chart;
} WakeUp;

static void
wake_up_free (gpointer data)
{
  WakeUp *w = data;

  strata_chart_feed_unref (w->feed);
  g_free (w);
}

/* Main thread: the feed woke up. */
static gboolean
start_ticking_cb (gpointer data)
{
  WakeUp *w = data;
  g_autoptr(StrataLossChart) self = g_weak_ref_get (w->chart);

  if (self != NULL && self->tick_id == 0 && !self->disposed)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
  return G_SOURCE_REMOVE;
}

/* Any thread: points arrived in a sleeping feed. An idle source on the
 * default context always runs in the thread iterating it (the main thread);
 * g_main_context_invoke() would run it right here in the worker whenever the
 * worker manages to acquire the context. */
static void
feed_wake (StrataChartFeed *feed,
           gpointer         data)
{
  WakeUp *w = g_new (WakeUp, 1);

  w->feed = strata_chart_feed_ref (feed);
  w->chart = data;
  g_idle_add_full (G_PRIORITY_DEFAULT, start_ticking_cb, w, wake_up_free);
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

/* Runs --------------------------------------------------------------------- */

/**
 * strata_loss_chart_add_run:
 * @self: a chart
 * @name: label in the legend and the CSV export
 *
 * Starts a new run; earlier runs stay and are drawn under it, each in its
 * own palette colour.
 *
 * Returns: the run's id (never 0), for appending and pushing points.
 */
guint
strata_loss_chart_add_run (StrataLossChart *self,
                           const char      *name)
{
  StrataChartRun *run;

  g_return_val_if_fail (STRATA_IS_LOSS_CHART (self), 0);
  g_return_val_if_fail (name != NULL, 0);

  /* Colours follow creation order, so a run keeps its colour when earlier
   * ones are removed. */
  run = strata_chart_run_new (self->next_run_id + 1, name, self->next_run_id);
  self->next_run_id++;
  strata_series_set_smoothing (run->series[STRATA_CHART_TRAIN_LOSS], self->smoothing);
  g_ptr_array_add (self->runs, run);
  invalidate (self);
  return run->id;
}

/**
 * strata_loss_chart_remove_run:
 * @self: a chart
 * @run: a run id
 *
 * Returns: FALSE if there is no such run.
 */
gboolean
strata_loss_chart_remove_run (StrataLossChart *self,
                              guint            run)
{
  StrataChartRun *r;

  g_return_val_if_fail (STRATA_IS_LOSS_CHART (self), FALSE);

  r = find_run (self, run);
  if (r == NULL)
    return FALSE;
  g_ptr_array_remove (self->runs, r);
  invalidate (self);
  return TRUE;
}

/**
 * strata_loss_chart_clear:
 * @self: a chart
 *
 * Forgets every run and resets the view. Run ids are not reused.
 */
void
strata_loss_chart_clear (StrataLossChart *self)
{
  g_return_if_fail (STRATA_IS_LOSS_CHART (self));

  g_ptr_array_set_size (self->runs, 0);
  self->view_set = FALSE;
  invalidate (self);
}

guint
strata_loss_chart_get_n_runs (StrataLossChart *self)
{
  g_return_val_if_fail (STRATA_IS_LOSS_CHART (self), 0);

  return self->runs->len;
}

/**
 * strata_loss_chart_get_run_id:
 * @self: a chart
 * @position: 0 for the oldest run, < strata_loss_chart_get_n_runs()
 *
 * Returns: the id of the run at @position, or 0 if out of range.
 */
guint
strata_loss_chart_get_run_id (StrataLossChart *self,
                              guint            position)
{
  g_return_val_if_fail (STRATA_IS_LOSS_CHART (self), 0);

  if (position >= self->runs->len)
    return 0;
  return ((StrataChartRun *) g_ptr_array_index (self->runs, position))->id;
}

/**
 * strata_loss_chart_get_run_name:
 * Returns: (transfer none) (nullable): the run's name, NULL if no such run
 */
const char *
strata_loss_chart_get_run_name (StrataLossChart *self,
                                guint            run)
{
  StrataChartRun *r;

  g_return_val_if_fail (STRATA_IS_LOSS_CHART (self), NULL);

  r = find_run (self, run);
  return r ? r->name : NULL;
}

/**
 * strata_loss_chart_get_run_color:
 * @color: (out caller-allocates): the run's colour, for a legend elsewhere
 * Returns: FALSE if there is no such run
 */
gboolean
strata_loss_chart_get_run_color (StrataLossChart *self,
                                 guint            run,
                                 GdkRGBA         *color)
{
  StrataChartRun *r;

  g_return_val_if_fail (STRATA_IS_LOSS_CHART (self), FALSE);
  g_return_val_if_fail (color != NULL, FALSE);

  r = find_run (self, run);
  if (r == NULL)
    return FALSE;
  strata_chart_palette_color (r->color_index, color);
  return TRUE;
}

gboolean
strata_loss_chart_get_run_visible (StrataLossChart *self,
                                   guint            run)
{
  StrataChartRun *r;

  g_return_val_if_fail (STRATA_IS_LOSS_CHART (self), FALSE);

  r = find_run (self, run);
  return r != NULL && r->visible;
}

/**
 * strata_loss_chart_set_run_visible:
 * @self: a chart
 * @run: a run id; unknown ids are ignored
 * @visible: whether to draw the run
 */
void
strata_loss_chart_set_run_visible (StrataLossChart *self,
                                   guint            run,
                                   gboolean         visible)
{
  StrataChartRun *r;

  g_return_if_fail (STRATA_IS_LOSS_CHART (self));

  r = find_run (self, run);
  if (r == NULL || r->visible == !!visible)
    return;
  r->visible = !!visible;
  invalidate (self);
}

/* Data ---------------------------------------------------------------------- */

/**
 * strata_loss_chart_append:
 * @self: a chart
 * @run: a run id; points for unknown runs are dropped
 * @kind: which metric
 * @points: (array length=n_points): points in x order
 * @n_points: number of points
 *
 * Appends points from the main thread and schedules one redraw.
 */
void
strata_loss_chart_append (StrataLossChart        *self,
                          guint                   run,
                          StrataChartSeriesKind   kind,
                          const StrataChartPoint *points,
                          gsize                   n_points)
{
  StrataChartRun *r;

  g_return_if_fail (STRATA_IS_LOSS_CHART (self));
  g_return_if_fail (kind < STRATA_CHART_N_KINDS);

  r = find_run (self, run);
  if (r == NULL)
    return;
  strata_series_append (r->series[kind], points, n_points);
  invalidate (self);
}

/**
 * strata_loss_chart_get_feed:
 * @self: a chart
 *
 * The thread-safe way in: push points from any thread; they appear at the
 * next frame. Take a reference (strata_chart_feed_ref()) to keep the feed in
 * a worker; pushing after the chart is gone is harmless.
 *
 * Returns: (transfer none): the chart's feed
 */
StrataChartFeed *
strata_loss_chart_get_feed (StrataLossChart *self)
{
  g_return_val_if_fail (STRATA_IS_LOSS_CHART (self), NULL);

  return self->feed;
}

gsize
strata_loss_chart_get_n_points (StrataLossChart       *self,
                                guint                  run,
                                StrataChartSeriesKind  kind)
{
  StrataChartRun *r;

  g_return_val_if_fail (STRATA_IS_LOSS_CHART (self), 0);
  g_return_val_if_fail (kind < STRATA_CHART_N_KINDS, 0);

  r = find_run (self, run);
  return r ? strata_series_get_n_points (r->series[kind]) : 0;
}

/**
 * strata_loss_chart_get_point:
 * @self: a chart
 * @run: a run id
 * @kind: which metric
 * @index: point index
 * @point: (out caller-allocates) (optional): the point
 * @smoothed: (out) (optional): its smoothed value at the current smoothing
 *
 * Returns: FALSE if the run or the point does not exist.
 */
gboolean
strata_loss_chart_get_point (StrataLossChart       *self,
                             guint                  run,
                             StrataChartSeriesKind  kind,
                             gsize                  index,
                             StrataChartPoint      *point,
                             double                *smoothed)
{
  StrataChartRun *r;

  g_return_val_if_fail (STRATA_IS_LOSS_CHART (self), FALSE);
  g_return_val_if_fail (kind < STRATA_CHART_N_KINDS, FALSE);

  r = find_run (self, run);
  if (r == NULL || index >= strata_series_get_n_points (r->series[kind]))
    return FALSE;
  if (point != NULL)
    strata_series_get_point (r->series[kind], index, point);
  if (smoothed != NULL)
    {
      /* Only training loss is smoothed on screen; other series use the same
       * weight here so the answer is never stale. */
      strata_series_set_smoothing (r->series[kind], self->smoothing);
      *smoothed = strata_series_get_values (r->series[kind], STRATA_SERIES_SMOOTHED)[index];
    }
  return TRUE;
}

/* Presentation ------------------------------------------------------------------ */

double
strata_loss_chart_get_smoothing (StrataLossChart *self)
{
  g_return_val_if_fail (STRATA_IS_LOSS_CHART (self), 0.0);

  return self->smoothing;
}

/**
 * strata_loss_chart_set_smoothing:
 * @self: a chart
 * @smoothing: weight of TensorBoard's debiased EMA, 0 (none) to 0.999;
 *   clamped to that range
 */
void
strata_loss_chart_set_smoothing (StrataLossChart *self,
                                 double           smoothing)
{
  g_return_if_fail (STRATA_IS_LOSS_CHART (self));

  smoothing = isnan (smoothing) ? 0.0 : CLAMP (smoothing, 0.0, 0.999);
  if (smoothing == self->smoothing)
    return;
  self->smoothing = smoothing;
  for (guint i = 0; i < self->runs->len; i++)
    {
      StrataChartRun *run = g_ptr_array_index (self->runs, i);

      strata_series_set_smoothing (run->series[STRATA_CHART_TRAIN_LOSS], smoothing);
    }
  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SMOOTHING]);
}

gboolean
strata_loss_chart_get_log_scale (StrataLossChart *self)
{
  g_return_val_if_fail (STRATA_IS_LOSS_CHART (self), FALSE);

  return self->log_scale;
}

/**
 * strata_loss_chart_set_log_scale:
 * @self: a chart
 * @log_scale: TRUE for a logarithmic loss axis. Resets a zoomed view.
 */
void
strata_loss_chart_set_log_scale (StrataLossChart *self,
                                 gboolean         log_scale)
{
  g_return_if_fail (STRATA_IS_LOSS_CHART (self));

  if (self->log_scale == !!log_scale)
    return;
  self->log_scale = !!log_scale;
  self->view_set = FALSE;
  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOG_SCALE]);
}

StrataChartXAxis
strata_loss_chart_get_x_axis (StrataLossChart *self)
{
  g_return_val_if_fail (STRATA_IS_LOSS_CHART (self), STRATA_CHART_X_STEP);

  return self->x_axis;
}

/**
 * strata_loss_chart_set_x_axis:
 * @self: a chart
 * @x_axis: step, epoch or wall time. Resets a zoomed view.
 */
void
strata_loss_chart_set_x_axis (StrataLossChart  *self,
                              StrataChartXAxis  x_axis)
{
  g_return_if_fail (STRATA_IS_LOSS_CHART (self));
  g_return_if_fail (x_axis < STRATA_CHART_N_X_AXES);

  if (self->x_axis == x_axis)
    return;
  self->x_axis = x_axis;
  self->view_set = FALSE;
  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_X_AXIS]);
}

/* View ------------------------------------------------------------------------ */

/**
 * strata_loss_chart_zoom_to:
 * @self: a chart
 * @x0: left edge, units of the current x axis
 * @x1: right edge, > @x0
 * @y0: bottom edge, loss units (> 0 on a log axis)
 * @y1: top edge, > @y0
 *
 * Shows a fixed window until strata_loss_chart_reset_view(). Invalid
 * windows are ignored.
 */
void
strata_loss_chart_zoom_to (StrataLossChart *self,
                           double           x0,
                           double           x1,
                           double           y0,
                           double           y1)
{
  g_return_if_fail (STRATA_IS_LOSS_CHART (self));

  if (!(x1 > x0) || !(y1 > y0) || !isfinite (x0 + x1 + y0 + y1))
    return;
  if (self->log_scale && !(y0 > 0))
    return;
  self->view_set = TRUE;
  self->view_x0 = x0;
  self->view_x1 = x1;
  self->view_y0 = y0;
  self->view_y1 = y1;
  invalidate (self);
}

/**
 * strata_loss_chart_reset_view:
 * @self: a chart
 *
 * Goes back to fitting the visible runs (what a double-click does).
 */
void
strata_loss_chart_reset_view (StrataLossChart *self)
{
  g_return_if_fail (STRATA_IS_LOSS_CHART (self));

  if (!self->view_set)
    return;
  self->view_set = FALSE;
  invalidate (self);
}

/**
 * strata_loss_chart_get_view:
 * @x0: (out) (optional): left edge shown by the last frame
 * @x1: (out) (optional): right edge
 * @y0: (out) (optional): bottom edge (loss)
 * @y1: (out) (optional): top edge
 *
 * Returns: TRUE if the view was set by a zoom, FALSE if automatic.
 */
gboolean
strata_loss_chart_get_view (StrataLossChart *self,
                            double          *x0,
                            double          *x1,
                            double          *y0,
                            double          *y1)
{
  g_return_val_if_fail (STRATA_IS_LOSS_CHART (self), FALSE);

  if (x0) *x0 = self->view_set ? self->view_x0 : self->layout.x0;
  if (x1) *x1 = self->view_set ? self->view_x1 : self->layout.x1;
  if (y0) *y0 = self->view_set ? self->view_y0 : self->layout.y0;
  if (y1) *y1 = self->view_set ? self->view_y1 : self->layout.y1;
  return self->view_set;
}

static void
describe_scene (StrataLossChart  *self,
                StrataChartScene *scene)
{
  *scene = (StrataChartScene) {
    .runs = self->runs,
    .x_axis = self->x_axis,
    .log_y = self->log_scale,
    .view_set = self->view_set,
    .view_x0 = self->view_x0,
    .view_x1 = self->view_x1,
    .view_y0 = self->view_y0,
    .view_y1 = self->view_y1,
  };
}

void
strata_loss_chart_fill_scene (StrataLossChart  *self,
                              StrataChartScene *scene)
{
  strata_loss_chart_flush (self);
  describe_scene (self, scene);
}

/* Drawing ------------------------------------------------------------------------ */

void
strata_loss_chart_get_ink (StrataLossChart *self,
                           GdkRGBA         *ink)
{
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), ink);
}

static void
strata_loss_chart_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  StrataLossChart *self = STRATA_LOSS_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkRGBA ink;

  if (width <= 0 || height <= 0)
    return;

  strata_loss_chart_get_ink (self, &ink);

  if (self->cache == NULL)
    {
      GtkSnapshot *sub = gtk_snapshot_new ();
      StrataChartScene scene;
      cairo_t *cr = gtk_snapshot_append_cairo (sub, &GRAPHENE_RECT_INIT (0, 0, width, height));

      describe_scene (self, &scene);
      scene.ink = ink;
      scene.font = pango_context_get_font_description (gtk_widget_get_pango_context (widget));
      strata_chart_render (&scene, cr, width, height, &self->layout);
      cairo_destroy (cr);
      self->cache = gtk_snapshot_free_to_node (sub);
    }
  if (self->cache != NULL)
    gtk_snapshot_append_node (snapshot, self->cache);

  strata_loss_chart_snapshot_overlay (self, snapshot, &ink);
}

static void
strata_loss_chart_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  invalidate (STRATA_LOSS_CHART (widget));
}

static void
strata_loss_chart_css_changed (GtkWidget         *widget,
                               GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (strata_loss_chart_parent_class)->css_changed (widget, change);
  invalidate (STRATA_LOSS_CHART (widget));
}

static void
strata_loss_chart_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 240 : 160;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 640 : 360;
}

/* GObject ------------------------------------------------------------------------ */

static void
strata_loss_chart_dispose (GObject *object)
{
  StrataLossChart *self = STRATA_LOSS_CHART (object);

  self->disposed = TRUE;
  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  g_clear_pointer (&self->cache, gsk_render_node_unref);

  G_OBJECT_CLASS (strata_loss_chart_parent_class)->dispose (object);
}

static void
strata_loss_chart_finalize (GObject *object)
{
  StrataLossChart *self = STRATA_LOSS_CHART (object);

  g_clear_pointer (&self->feed, strata_chart_feed_unref);
  g_clear_pointer (&self->runs, g_ptr_array_unref);

  G_OBJECT_CLASS (strata_loss_chart_parent_class)->finalize (object);
}

static void
strata_loss_chart_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  StrataLossChart *self = STRATA_LOSS_CHART (object);

  switch (prop_id)
    {
    case PROP_SMOOTHING:
      g_value_set_double (value, self->smoothing);
      break;
    case PROP_LOG_SCALE:
      g_value_set_boolean (value, self->log_scale);
      break;
    case PROP_X_AXIS:
      g_value_set_enum (value, self->x_axis);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
strata_loss_chart_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  StrataLossChart *self = STRATA_LOSS_CHART (object);

  switch (prop_id)
    {
    case PROP_SMOOTHING:
      strata_loss_chart_set_smoothing (self, g_value_get_double (value));
      break;
    case PROP_LOG_SCALE:
      strata_loss_chart_set_log_scale (self, g_value_get_boolean (value));
      break;
    case PROP_X_AXIS:
      strata_loss_chart_set_x_axis (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
strata_loss_chart_class_init (StrataLossChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = strata_loss_chart_dispose;
  object_class->finalize = strata_loss_chart_finalize;
  object_class->get_property = strata_loss_chart_get_property;
  object_class->set_property = strata_loss_chart_set_property;

  widget_class->snapshot = strata_loss_chart_snapshot;
  widget_class->size_allocate = strata_loss_chart_size_allocate;
  widget_class->css_changed = strata_loss_chart_css_changed;
  widget_class->measure = strata_loss_chart_measure;

  /**
   * StrataLossChart:smoothing:
   *
   * Weight of the debiased exponential moving average drawn over the raw
   * training loss (TensorBoard's smoothing slider): 0 draws the raw values,
   * 0.999 almost a flat line.
   */
  properties[PROP_SMOOTHING] =
    g_param_spec_double ("smoothing", NULL, NULL,
                         0.0, 0.999, STRATA_LOSS_CHART_DEFAULT_SMOOTHING,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * StrataLossChart:log-scale:
   *
   * Whether the loss axis is logarithmic.
   */
  properties[PROP_LOG_SCALE] =
    g_param_spec_boolean ("log-scale", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * StrataLossChart:x-axis:
   *
   * What the horizontal axis shows: steps, epochs or wall time.
   */
  properties[PROP_X_AXIS] =
    g_param_spec_enum ("x-axis", NULL, NULL, STRATA_TYPE_CHART_X_AXIS, STRATA_CHART_X_STEP,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "losschart");
}

static void
strata_loss_chart_init (StrataLossChart *self)
{
  GWeakRef *wr = g_new0 (GWeakRef, 1);

  self->runs = g_ptr_array_new_with_free_func ((GDestroyNotify) strata_chart_run_free);
  self->smoothing = STRATA_LOSS_CHART_DEFAULT_SMOOTHING;
  g_weak_ref_init (wr, self);
  self->feed = strata_chart_feed_new (feed_wake, wr, weak_ref_free);

  strata_loss_chart_init_input (self);
}
