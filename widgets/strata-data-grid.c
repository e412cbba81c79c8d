/* strata-data-grid.c — a virtualized grid showing a StrataTable
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * One GtkSignalListItemFactory per column; each cell is a GtkInscription,
 * GTK's text widget made for list cells (it does not measure its text, so
 * binding a row costs one string format and no layout of the whole
 * column). The inscription's natural width in characters is fixed per
 * column from what the column can hold (its dictionary for categorical
 * columns), so column widths do not jump while scrolling through a million
 * rows. Cells are formatted with strata_column_format_value(), the same text
 * the CSV writer produces.
 *
 * Sorting and filtering never make a row object per row: the model maps
 * view positions through a permutation of row indices computed by
 * strata_table_order_rows() (strata-table-order.c) — synchronously for
 * small tables, on a worker thread (GTask, cancelled by the next request)
 * from SYNC_ROWS rows on; the old order stays shown meanwhile. A header
 * click goes through GtkColumnView's own sorter, so the header shows the
 * arrow; GTK 4.8 has no API for the sorter's primary column, so each
 * column's sorter is a probe that records its column when compared and
 * answers "larger": one comparison through the view's sorter tells the
 * primary column and, from the sign, the direction.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "strata-data-grid.h"
#include "strata-table-model.h"
#include "strata-table-order.h"

/* From this many rows on, sorting and filtering run on a worker thread. */
#define SYNC_ROWS 100000

struct _StrataDataGrid {
  GtkWidget          parent_instance;

  /* Children (owned by the widget tree) */
  GtkWidget         *box;
  GtkSearchEntry    *filter_entry;
  GtkScrolledWindow *scroller;
  GtkColumnView     *column_view;
  StrataTableModel  *model;        /* borrowed from the view's selection, or NULL */

  /* Owned */
  StrataTable       *table;        /* nullable */
  char              *filter;       /* nullable */
  int                sort_column;  /* -1: table order */
  gboolean           descending;
  GCancellable      *ordering;     /* the running worker's, or NULL */
  int                probed;       /* set by ProbeSorter */
};

G_DEFINE_FINAL_TYPE (StrataDataGrid, strata_data_grid, GTK_TYPE_WIDGET)

/* --- the header's sorter probe ----------------------------------------------- */

#define STRATA_TYPE_PROBE_SORTER (strata_probe_sorter_get_type ())
G_DECLARE_FINAL_TYPE (StrataProbeSorter, strata_probe_sorter, STRATA, PROBE_SORTER, GtkSorter)

struct _StrataProbeSorter {
  GtkSorter  parent_instance;
  int        column;
  int       *probed;   /* the grid's slot */
};

G_DEFINE_FINAL_TYPE (StrataProbeSorter, strata_probe_sorter, GTK_TYPE_SORTER)

static GtkOrdering
probe_compare (GtkSorter *sorter,
               gpointer   a,
               gpointer   b)
{
  StrataProbeSorter *self = STRATA_PROBE_SORTER (sorter);

  *self->probed = self->column;
  return GTK_ORDERING_LARGER;
}

static GtkSorterOrder
probe_get_order (GtkSorter *sorter)
{
  return GTK_SORTER_ORDER_PARTIAL;
}

static void
strata_probe_sorter_class_init (StrataProbeSorterClass *klass)
{
  GTK_SORTER_CLASS (klass)->compare = probe_compare;
  GTK_SORTER_CLASS (klass)->get_order = probe_get_order;
}

static void
strata_probe_sorter_init (StrataProbeSorter *self)
{
}

enum {
  PROP_0,
  PROP_TABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void cancel_ordering (StrataDataGrid *self);
static void refresh_order   (StrataDataGrid *self);

/* Natural widths of cells, in characters. */
#define NUMERIC_CHARS   12
#define TEXT_CHARS      24
#define MAX_CHARS       32

/* Numbers are shown as the CSV writer writes them ("5.1") unless that is
 * wider than the cell, as computed values often are
 * ("0.30000000000000004"); then with as many significant digits (10 at
 * most) as fit. */
static char *
format_numeric (StrataColumn *column,
                gsize         row)
{
  char *text = strata_column_format_value (column, row);

  for (int digits = 10; text != NULL && strlen (text) > NUMERIC_CHARS && digits >= 3; digits--)
    {
      g_free (text);
      text = g_strdup_printf ("%.*g", digits, strata_column_get_numeric (column)[row]);
    }
  return text;
}

/* The length of row @row of numeric @column as shown; 0 when missing. */
static guint
text_chars (StrataColumn *column,
            gsize         row)
{
  g_autofree char *text = format_numeric (column, row);

  return text != NULL ? (guint) strlen (text) : 0;
}

/* The width a numeric column needs: the widest of its minimum, its
 * maximum and about 2,000 rows spread over the column, at most
 * NUMERIC_CHARS. One pass over the doubles (a millisecond per million
 * rows). A wider value further on is shown ellipsized at its start, "…25",
 * until the column is widened. */
static guint
numeric_chars (StrataColumn *column)
{
  const double *values = strata_column_get_numeric (column);
  gsize n = strata_column_get_n_rows (column);
  gsize step = MAX (n / 2000, 1), lo = 0, hi = 0;
  guint chars = 2;   /* "NA" */

  for (gsize i = 1; i < n; i++)
    {
      if (values[i] < values[lo] || isnan (values[lo]))
        lo = i;
      if (values[i] > values[hi] || isnan (values[hi]))
        hi = i;
    }
  if (n == 0)
    return chars;
  chars = MAX (chars, text_chars (column, lo));
  chars = MAX (chars, text_chars (column, hi));
  for (gsize i = 0; i < n && chars < NUMERIC_CHARS; i += step)
    chars = MAX (chars, text_chars (column, i));
  return MIN (chars, NUMERIC_CHARS);
}

/* What a column's cells share, worked out once per column. */
typedef struct {
  StrataColumn *column;     /* owned; NULL for the row-number column */
  guint         chars;      /* natural width in characters */
  gboolean      is_number;  /* right-aligned, never narrower than chars */
} CellFormat;

static void
cell_format_free (CellFormat *format)
{
  g_clear_pointer (&format->column, strata_column_unref);
  g_free (format);
}

static CellFormat *
cell_format_new (StrataColumn *column)
{
  CellFormat *format = g_new0 (CellFormat, 1);

  if (column == NULL)
    {
      format->chars = 7;
      format->is_number = TRUE;
      return format;
    }

  format->column = strata_column_ref (column);
  switch (strata_column_get_kind (column))
    {
    case STRATA_COLUMN_NUMERIC:
      format->chars = numeric_chars (column);
      format->is_number = TRUE;
      break;
    case STRATA_COLUMN_CATEGORICAL:
      {
        const char *const *categories = strata_column_get_categories (column);

        format->chars = 4;
        for (guint i = 0; categories[i] != NULL && format->chars < MAX_CHARS; i++)
          format->chars = MAX (format->chars, (guint) g_utf8_strlen (categories[i], -1));
        format->chars = MIN (format->chars, MAX_CHARS);
      }
      break;
    case STRATA_COLUMN_TEXT:
    default:
      format->chars = TEXT_CHARS;
      break;
    }
  return format;
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  const CellFormat *format = user_data;
  GtkInscription *cell = GTK_INSCRIPTION (gtk_inscription_new (NULL));

  /* Numbers keep their full width (a clipped number reads as another
   * number); text may shrink to an ellipsis when the user narrows it. */
  if (format->is_number)
    {
      gtk_inscription_set_xalign (cell, 1.0);
      gtk_inscription_set_text_overflow (cell, GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_START);
      gtk_inscription_set_min_chars (cell, format->chars);
      gtk_widget_add_css_class (GTK_WIDGET (cell), "numeric");
    }
  else
    {
      gtk_inscription_set_text_overflow (cell, GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
      gtk_inscription_set_min_chars (cell, MIN (format->chars, 6));
    }
  if (format->column == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (cell), "row-number");
      gtk_widget_add_css_class (GTK_WIDGET (cell), "dim-label");
    }
  gtk_inscription_set_nat_chars (cell, format->chars);
  gtk_list_item_set_child (item, GTK_WIDGET (cell));
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  StrataColumn *column = ((const CellFormat *) user_data)->column;
  StrataTableRow *row = gtk_list_item_get_item (item);
  GtkWidget *cell = gtk_list_item_get_child (item);
  gsize index = strata_table_row_get_index (row);
  g_autofree char *text = NULL;

  if (column == NULL)
    {
      text = g_strdup_printf ("%" G_GSIZE_FORMAT, index + 1);
      gtk_inscription_set_text (GTK_INSCRIPTION (cell), text);
      return;
    }

  if (strata_column_get_kind (column) == STRATA_COLUMN_NUMERIC)
    text = format_numeric (column, index);
  else
    text = strata_column_format_value (column, index);
  if (text == NULL)
    {
      /* TRANSLATORS: shown in a table cell whose value is missing */
      gtk_inscription_set_text (GTK_INSCRIPTION (cell), _("NA"));
      gtk_widget_add_css_class (cell, "dim-label");
      gtk_widget_add_css_class (cell, "missing");
    }
  else
    {
      gtk_inscription_set_text (GTK_INSCRIPTION (cell), text);
      gtk_widget_remove_css_class (cell, "dim-label");
      gtk_widget_remove_css_class (cell, "missing");
    }
}

/* A column of the view for table column @column, or the row-number column
 * when @column is NULL. Transfer full. */
static GtkColumnViewColumn *
make_column (StrataDataGrid *self,
             const char     *title,
             StrataColumn   *column,
             int             index)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  CellFormat *format = cell_format_new (column);
  GtkColumnViewColumn *view_column;

  /* The factory owns the format; its handlers borrow it. */
  g_object_set_data_full (G_OBJECT (factory), "strata-cell-format", format,
                          (GDestroyNotify) cell_format_free);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), format);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), format);

  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  /* Text columns share the width the view has to spare; numbers stay
   * near their titles. */
  gtk_column_view_column_set_expand (view_column, !format->is_number);
  if (column != NULL)
    {
      StrataProbeSorter *probe = g_object_new (STRATA_TYPE_PROBE_SORTER, NULL);

      probe->column = index;
      probe->probed = &self->probed;
      gtk_column_view_column_set_sorter (view_column, GTK_SORTER (probe));
      g_object_unref (probe);
    }
  return view_column;
}

static void
remove_columns (StrataDataGrid *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);
      gtk_column_view_remove_column (self->column_view, column);
    }
}

/* --- sorting and filtering ---------------------------------------------------- */

typedef struct {
  StrataTable *table;
  int          column;
  gboolean     descending;
  char        *filter;
} OrderJob;

typedef struct {
  guint32 *rows;
  gsize    n_rows;
} OrderResult;

static void
order_job_free (OrderJob *job)
{
  strata_table_unref (job->table);
  g_free (job->filter);
  g_free (job);
}

static void
order_result_free (OrderResult *result)
{
  g_free (result->rows);
  g_free (result);
}

static void
cancel_ordering (StrataDataGrid *self)
{
  if (self->ordering != NULL)
    g_cancellable_cancel (self->ordering);
  g_clear_object (&self->ordering);
}

static void
order_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  OrderJob *job = task_data;
  OrderResult *result = g_new0 (OrderResult, 1);

  result->rows = strata_table_order_rows (job->table, job->column, job->descending, job->filter,
                                          &result->n_rows, cancellable);
  if (result->rows == NULL)
    {
      order_result_free (result);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");
      return;
    }
  g_task_return_pointer (task, result, (GDestroyNotify) order_result_free);
}

static void
order_done (GObject      *source,
            GAsyncResult *res,
            gpointer      user_data)
{
  StrataDataGrid *self = STRATA_DATA_GRID (source);
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (res));
  OrderResult *result = g_task_propagate_pointer (G_TASK (res), NULL);

  if (result != NULL && !g_cancellable_is_cancelled (cancellable) && self->model != NULL)
    {
      strata_table_model_set_order (self->model, g_steal_pointer (&result->rows), result->n_rows);
      g_clear_object (&self->ordering);
    }
  if (result != NULL)
    order_result_free (result);
}

/* Shows the rows the filter keeps in the order of the sort column. */
static void
refresh_order (StrataDataGrid *self)
{
  gboolean filtering = self->filter != NULL && *self->filter != '\0';
  gsize n_rows = 0;

  cancel_ordering (self);
  if (self->model == NULL || self->table == NULL)
    return;
  if (self->sort_column < 0 && !filtering)
    strata_table_model_set_order (self->model, NULL, 0);
  else if (strata_table_get_n_rows (self->table) < SYNC_ROWS)
    {
      guint32 *rows = strata_table_order_rows (self->table, self->sort_column, self->descending,
                                               self->filter, &n_rows, NULL);

      strata_table_model_set_order (self->model, rows, n_rows);
    }
  else
    {
      OrderJob *job = g_new0 (OrderJob, 1);
      g_autoptr(GTask) task = NULL;

      job->table = strata_table_ref (self->table);
      job->column = self->sort_column;
      job->descending = self->descending;
      job->filter = g_strdup (self->filter);
      self->ordering = g_cancellable_new ();
      task = g_task_new (self, self->ordering, order_done, NULL);
      g_task_set_task_data (task, job, (GDestroyNotify) order_job_free);
      g_task_run_in_thread (task, order_thread);
    }
}

static void
on_sorter_changed (GtkSorter       *sorter,
                   GtkSorterChange  change,
                   StrataDataGrid  *self)
{
  int column = -1;
  gboolean descending = FALSE;

  if (self->model != NULL && gtk_sorter_get_order (sorter) != GTK_SORTER_ORDER_NONE)
    {
      /* Two distinct items: gtk_sorter_compare() short-cuts an item with itself. */
      g_autoptr(GObject) a = g_object_new (STRATA_TYPE_TABLE_ROW, NULL);
      g_autoptr(GObject) b = g_object_new (STRATA_TYPE_TABLE_ROW, NULL);

      self->probed = -1;
      descending = gtk_sorter_compare (sorter, a, b) == GTK_ORDERING_SMALLER;
      column = self->probed;
    }
  if (column == self->sort_column && descending == self->descending)
    return;
  self->sort_column = column;
  self->descending = descending;
  refresh_order (self);
}

static void
on_filter_changed (GtkSearchEntry *entry,
                   StrataDataGrid *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  if (g_strcmp0 (text, self->filter != NULL ? self->filter : "") == 0)
    return;
  g_free (self->filter);
  self->filter = g_strdup (text);
  refresh_order (self);
}

void
strata_data_grid_sort (StrataDataGrid *self,
                       int             column,
                       gboolean        descending)
{
  GListModel *columns;
  g_autoptr(GtkColumnViewColumn) view_column = NULL;

  g_return_if_fail (STRATA_IS_DATA_GRID (self));
  columns = gtk_column_view_get_columns (self->column_view);
  if (column >= 0 && (guint) column + 1 < g_list_model_get_n_items (columns))
    view_column = g_list_model_get_item (columns, (guint) column + 1);   /* after "#" */
  gtk_column_view_sort_by_column (self->column_view, view_column,
                                  descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
}

void
strata_data_grid_set_filter (StrataDataGrid *self,
                             const char     *text)
{
  g_return_if_fail (STRATA_IS_DATA_GRID (self));
  gtk_editable_set_text (GTK_EDITABLE (self->filter_entry), text != NULL ? text : "");
  on_filter_changed (self->filter_entry, self);
}

gboolean
strata_data_grid_is_busy (StrataDataGrid *self)
{
  g_return_val_if_fail (STRATA_IS_DATA_GRID (self), FALSE);
  return self->ordering != NULL;
}

guint
strata_data_grid_get_n_shown (StrataDataGrid *self)
{
  g_return_val_if_fail (STRATA_IS_DATA_GRID (self), 0);
  return self->model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;
}

gsize
strata_data_grid_get_row (StrataDataGrid *self,
                          guint           position)
{
  g_autoptr(StrataTableRow) row = NULL;

  g_return_val_if_fail (STRATA_IS_DATA_GRID (self), G_MAXSIZE);
  row = self->model != NULL ? g_list_model_get_item (G_LIST_MODEL (self->model), position) : NULL;
  return row != NULL ? strata_table_row_get_index (row) : G_MAXSIZE;
}

void
strata_data_grid_set_table (StrataDataGrid *self,
                            StrataTable    *table)
{
  g_autoptr(GtkColumnViewColumn) numbers = NULL;
  GtkSingleSelection *selection;

  g_return_if_fail (STRATA_IS_DATA_GRID (self));

  if (table == self->table)
    return;

  /* Detach the model first, so no cell is bound to a column being dropped. */
  cancel_ordering (self);
  self->model = NULL;
  self->sort_column = -1;
  gtk_column_view_sort_by_column (self->column_view, NULL, GTK_SORT_ASCENDING);
  gtk_column_view_set_model (self->column_view, NULL);
  remove_columns (self);
  g_clear_pointer (&self->table, strata_table_unref);

  if (table != NULL)
    {
      self->table = strata_table_ref (table);

      /* TRANSLATORS: title of the row-number column of the data grid */
      numbers = make_column (self, C_("row number", "#"), NULL, -1);
      gtk_column_view_append_column (self->column_view, numbers);
      for (guint i = 0; i < strata_table_get_n_columns (table); i++)
        {
          StrataColumn *column = strata_table_get_column (table, i);
          g_autoptr(GtkColumnViewColumn) view_column =
            make_column (self, strata_column_get_name (column), column, (int) i);

          gtk_column_view_append_column (self->column_view, view_column);
        }

      self->model = strata_table_model_new (table);
      selection = gtk_single_selection_new (G_LIST_MODEL (self->model));
      gtk_single_selection_set_autoselect (selection, FALSE);
      gtk_single_selection_set_can_unselect (selection, TRUE);
      gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);
      gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
      g_object_unref (selection);
      refresh_order (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TABLE]);
}

StrataTable *
strata_data_grid_get_table (StrataDataGrid *self)
{
  g_return_val_if_fail (STRATA_IS_DATA_GRID (self), NULL);
  return self->table;
}

GtkColumnView *
strata_data_grid_get_column_view (StrataDataGrid *self)
{
  g_return_val_if_fail (STRATA_IS_DATA_GRID (self), NULL);
  return self->column_view;
}

GtkWidget *
strata_data_grid_new (void)
{
  return g_object_new (STRATA_TYPE_DATA_GRID, NULL);
}

static void
strata_data_grid_dispose (GObject *object)
{
  StrataDataGrid *self = STRATA_DATA_GRID (object);

  if (self->column_view != NULL)
    {
      gtk_column_view_set_model (self->column_view, NULL);
      remove_columns (self);
    }
  cancel_ordering (self);
  self->model = NULL;
  g_clear_pointer (&self->box, gtk_widget_unparent);
  self->scroller = NULL;
  self->column_view = NULL;
  g_clear_pointer (&self->table, strata_table_unref);
  g_clear_pointer (&self->filter, g_free);
  G_OBJECT_CLASS (strata_data_grid_parent_class)->dispose (object);
}

static void
strata_data_grid_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  StrataDataGrid *self = STRATA_DATA_GRID (object);

  switch (prop_id)
    {
    case PROP_TABLE:
      g_value_set_pointer (value, self->table);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
strata_data_grid_class_init (StrataDataGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = strata_data_grid_dispose;
  object_class->get_property = strata_data_grid_get_property;

  /* The StrataTable shown (a plain pointer: tables are not GObjects). */
  properties[PROP_TABLE] =
    g_param_spec_pointer ("table", NULL, NULL,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "datagrid");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
strata_data_grid_init (StrataDataGrid *self)
{
  self->sort_column = -1;
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  self->filter_entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  g_object_set (self->filter_entry, "placeholder-text", _("Filter rows"), NULL);
  gtk_widget_set_margin_start (GTK_WIDGET (self->filter_entry), 6);
  gtk_widget_set_margin_end (GTK_WIDGET (self->filter_entry), 6);
  gtk_widget_set_margin_top (GTK_WIDGET (self->filter_entry), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->filter_entry), 6);
  gtk_widget_set_halign (GTK_WIDGET (self->filter_entry), GTK_ALIGN_START);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->filter_entry), 28);
  g_signal_connect (self->filter_entry, "search-changed", G_CALLBACK (on_filter_changed), self);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->filter_entry));
  self->scroller = GTK_SCROLLED_WINDOW (gtk_scrolled_window_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->scroller), TRUE);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->scroller));

  self->column_view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  gtk_column_view_set_show_column_separators (self->column_view, TRUE);
  gtk_column_view_set_show_row_separators (self->column_view, TRUE);
  gtk_column_view_set_reorderable (self->column_view, FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->column_view), "data-table");
  /* Columns get their natural width; wide tables scroll sideways. */
  gtk_scrollable_set_hscroll_policy (GTK_SCROLLABLE (self->column_view), GTK_SCROLL_NATURAL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->column_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Table rows"),
                                  -1);
  gtk_scrolled_window_set_child (self->scroller, GTK_WIDGET (self->column_view));
  g_signal_connect (gtk_column_view_get_sorter (self->column_view), "changed",
                    G_CALLBACK (on_sorter_changed), self);
}
