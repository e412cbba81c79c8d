/* strata-column-pane.c — a side pane describing each column of a table
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * The rows (name, kind, missing count) are built at once from the table,
 * which knows these in O(1). The statistics need a sort per column — a
 * second or more for a 1,000,000-row, 20-column table — so they are
 * computed on a GTask thread, after GNOME Text Editor's document
 * statistics: the task holds the table (immutable, shareable) and a weak
 * reference to the pane, never the pane itself, so closing the window does
 * not wait for it; the GCancellable doubles as a generation token. Each
 * column's statistics are posted to the main loop as soon as they are
 * computed (a cheap column need not wait for a costly one) and shown only
 * when that token is still the pane's current one. The pane is busy until
 * the last column's arrive. Cancellation is checked between columns.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "strata-column-pane.h"

struct _StrataColumnPane {
  GtkWidget     parent_instance;

  /* Children (owned by the widget tree) */
  GtkWidget    *box;
  GtkSpinner   *spinner;
  GtkListBox   *list;

  /* Owned */
  StrataTable  *table;         /* nullable */
  GPtrArray    *rows;          /* AdwExpanderRow*, borrowed from the list */
  GCancellable *cancellable;   /* current statistics task, or NULL */
  guint         n_pending;     /* columns whose statistics are not shown yet */
};

G_DEFINE_FINAL_TYPE (StrataColumnPane, strata_column_pane, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

const char *
strata_column_pane_kind_label (StrataColumnKind kind)
{
  switch (kind)
    {
    case STRATA_COLUMN_NUMERIC:
      return _("Numeric");
    case STRATA_COLUMN_CATEGORICAL:
      return _("Categorical");
    case STRATA_COLUMN_TEXT:
      return _("Text");
    default:
      g_return_val_if_reached ("");
    }
}

/* --- the worker ----------------------------------------------------------- */

/* One statistics computation, shared (atomic reference count) by the task
 * and the per-column updates it posts to the main loop. */
typedef struct {
  GWeakRef      pane;          /* the pane; read on the main thread only */
  GCancellable *cancellable;   /* the generation token */
  StrataTable  *table;
  GMainContext *context;       /* the pane's main context */
} StatsJob;

static void
stats_job_clear (StatsJob *job)
{
  g_weak_ref_clear (&job->pane);
  g_clear_object (&job->cancellable);
  g_clear_pointer (&job->table, strata_table_unref);
  g_clear_pointer (&job->context, g_main_context_unref);
}

static void
stats_job_release (StatsJob *job)
{
  g_atomic_rc_box_release_full (job, (GDestroyNotify) stats_job_clear);
}

/* The statistics of one column, on their way to the main thread. */
typedef struct {
  StatsJob          *job;      /* a reference */
  guint              index;    /* column index */
  StrataColumnStats *stats;    /* owned */
} StatsUpdate;

static void
stats_update_free (StatsUpdate *update)
{
  stats_job_release (update->job);
  strata_column_stats_free (update->stats);
  g_free (update);
}

static gboolean apply_update (gpointer user_data);

static void
compute_stats_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  StatsJob *job = task_data;

  for (guint i = 0; i < strata_table_get_n_columns (job->table); i++)
    {
      StatsUpdate *update;
      GSource *source;

      if (g_task_return_error_if_cancelled (task))
        return;
      update = g_new0 (StatsUpdate, 1);
      update->job = g_atomic_rc_box_acquire (job);
      update->index = i;
      update->stats = strata_column_compute_stats (strata_table_get_column (job->table, i));
      /* An idle source, not g_main_context_invoke(), which would build
       * widgets right here whenever this thread can acquire the context. */
      source = g_idle_source_new ();
      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, apply_update, update, (GDestroyNotify) stats_update_free);
      g_source_attach (source, job->context);
      g_source_unref (source);
    }
  g_task_return_boolean (task, TRUE);
}

/* --- showing results ------------------------------------------------------ */

static char *
format_number (double value)
{
  if (isnan (value))
    return g_strdup ("—");
  return g_strdup_printf ("%.6g", value);
}

static char *
format_count (gsize value)
{
  return g_strdup_printf ("%'" G_GSIZE_FORMAT, value);
}

/* Adds a "name   value" line to @grid, the value right-aligned. */
static void
add_stat (GtkGrid    *grid,
          const char *name,
          char       *value)   /* transfer full */
{
  GtkWidget *name_label = gtk_label_new (name);
  GtkWidget *value_label = gtk_label_new (value);
  int row = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (grid)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    row++;
  row /= 2;

  gtk_label_set_xalign (GTK_LABEL (name_label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (name_label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name_label, TRUE);
  gtk_widget_add_css_class (name_label, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (value_label), 1.0);
  gtk_label_set_selectable (GTK_LABEL (value_label), TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (value_label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (value_label, "numeric");
  gtk_grid_attach (grid, name_label, 0, row, 1, 1);
  gtk_grid_attach (grid, value_label, 1, row, 1, 1);
  g_free (value);
}

static void
show_stats (AdwExpanderRow          *expander,
            StrataColumn            *column,
            const StrataColumnStats *stats)
{
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *row = gtk_list_box_row_new ();
  GtkGrid *g = GTK_GRID (grid);

  gtk_grid_set_row_spacing (g, 6);
  gtk_grid_set_column_spacing (g, 12);
  gtk_widget_set_margin_start (grid, 12);
  gtk_widget_set_margin_end (grid, 12);
  gtk_widget_set_margin_top (grid, 10);
  gtk_widget_set_margin_bottom (grid, 10);

  add_stat (g, _("Values"), format_count (stats->count));
  add_stat (g, _("Missing"), format_count (stats->missing));
  if (strata_column_get_kind (column) == STRATA_COLUMN_NUMERIC)
    {
      add_stat (g, _("Mean"), format_number (stats->mean));
      add_stat (g, _("Standard deviation"), format_number (stats->std));
      add_stat (g, _("Minimum"), format_number (stats->min));
      add_stat (g, _("Maximum"), format_number (stats->max));
    }
  add_stat (g, _("Distinct values"), format_count (stats->n_distinct));
  /* The most frequent values, unless every value is unique. */
  if (strata_column_get_kind (column) != STRATA_COLUMN_NUMERIC &&
      stats->n_top > 0 && stats->top[0].count > 1)
    for (guint i = 0; i < stats->n_top; i++)
      {
        /* TRANSLATORS: a most frequent value, quoted; its row count follows */
        g_autofree char *name = g_strdup_printf (_("“%s”"), stats->top[i].value);
        add_stat (g, name, format_count (stats->top[i].count));
      }

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), grid);
  adw_expander_row_add_row (expander, row);
}

static void
set_busy (StrataColumnPane *self,
          gboolean          busy)
{
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* Shows one column's statistics, unless the pane is gone or shows
 * another table by now. */
static gboolean
apply_update (gpointer user_data)
{
  StatsUpdate *update = user_data;
  g_autoptr(StrataColumnPane) self = g_weak_ref_get (&update->job->pane);

  if (self == NULL || self->cancellable != update->job->cancellable)
    return G_SOURCE_REMOVE;

  show_stats (g_ptr_array_index (self->rows, update->index),
              strata_table_get_column (self->table, update->index),
              update->stats);
  if (--self->n_pending == 0)
    {
      g_clear_object (&self->cancellable);
      set_busy (self, FALSE);
    }
  return G_SOURCE_REMOVE;
}

/* --- the rows ------------------------------------------------------------- */

static GtkWidget *
make_row (StrataColumn *column)
{
  GtkWidget *row = adw_expander_row_new ();
  g_autofree char *missing = format_count (strata_column_get_n_missing (column));
  /* TRANSLATORS: "Numeric · 3 missing": a column's kind and missing count */
  g_autofree char *subtitle = g_strdup_printf (_("%s · %s missing"),
                                               strata_column_pane_kind_label (strata_column_get_kind (column)),
                                               missing);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), strata_column_get_name (column));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  return row;
}

static void
clear_rows (StrataColumnPane *self)
{
  GtkWidget *child;

  g_ptr_array_set_size (self->rows, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
}

void
strata_column_pane_set_table (StrataColumnPane *self,
                              StrataTable      *table)
{
  g_autoptr(GTask) task = NULL;
  StatsJob *job;

  g_return_if_fail (STRATA_IS_COLUMN_PANE (self));

  if (table == self->table)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  clear_rows (self);
  g_clear_pointer (&self->table, strata_table_unref);

  if (table == NULL)
    {
      set_busy (self, FALSE);
      return;
    }

  self->table = strata_table_ref (table);
  for (guint i = 0; i < strata_table_get_n_columns (table); i++)
    {
      GtkWidget *row = make_row (strata_table_get_column (table, i));

      gtk_list_box_append (self->list, row);
      g_ptr_array_add (self->rows, row);
    }
  if (self->rows->len > 0)
    adw_expander_row_set_expanded (g_ptr_array_index (self->rows, 0), TRUE);

  self->n_pending = strata_table_get_n_columns (table);
  if (self->n_pending == 0)
    {
      set_busy (self, FALSE);
      return;
    }

  self->cancellable = g_cancellable_new ();
  job = g_atomic_rc_box_new0 (StatsJob);
  g_weak_ref_init (&job->pane, self);
  job->cancellable = g_object_ref (self->cancellable);
  job->table = strata_table_ref (table);
  job->context = g_main_context_ref_thread_default ();
  /* The task reports through the updates; its own callback has nothing
   * left to do. */
  task = g_task_new (NULL, self->cancellable, NULL, NULL);
  g_task_set_source_tag (task, strata_column_pane_set_table);
  g_task_set_task_data (task, job, (GDestroyNotify) stats_job_release);
  g_task_run_in_thread (task, compute_stats_thread);
  set_busy (self, TRUE);
}

StrataTable *
strata_column_pane_get_table (StrataColumnPane *self)
{
  g_return_val_if_fail (STRATA_IS_COLUMN_PANE (self), NULL);
  return self->table;
}

gboolean
strata_column_pane_get_busy (StrataColumnPane *self)
{
  g_return_val_if_fail (STRATA_IS_COLUMN_PANE (self), FALSE);
  return self->cancellable != NULL;
}

GtkListBox *
strata_column_pane_get_list (StrataColumnPane *self)
{
  g_return_val_if_fail (STRATA_IS_COLUMN_PANE (self), NULL);
  return self->list;
}

GtkWidget *
strata_column_pane_new (void)
{
  return g_object_new (STRATA_TYPE_COLUMN_PANE, NULL);
}

static void
strata_column_pane_dispose (GObject *object)
{
  StrataColumnPane *self = STRATA_COLUMN_PANE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->table, strata_table_unref);
  G_OBJECT_CLASS (strata_column_pane_parent_class)->dispose (object);
}

static void
strata_column_pane_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  StrataColumnPane *self = STRATA_COLUMN_PANE (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, strata_column_pane_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
strata_column_pane_class_init (StrataColumnPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = strata_column_pane_dispose;
  object_class->get_property = strata_column_pane_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "columnpane");
}

static void
strata_column_pane_init (StrataColumnPane *self)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (_("Columns"));
  GtkWidget *scroller = gtk_scrolled_window_new ();

  self->rows = g_ptr_array_new ();

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (title), 0.0);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_box_append (GTK_BOX (header), title);
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->spinner), _("Computing statistics…"));
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->spinner));
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_end (header, 12);
  gtk_widget_set_margin_top (header, 12);
  gtk_widget_set_margin_bottom (header, 6);
  gtk_box_append (GTK_BOX (self->box), header);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_widget_set_valign (GTK_WIDGET (self->list), GTK_ALIGN_START);
  gtk_widget_set_margin_start (GTK_WIDGET (self->list), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->list), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->list), 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Columns"),
                                  -1);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->list));
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (self->box), scroller);
}
