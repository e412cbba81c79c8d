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
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "strata-data-grid.h"
#include "strata-table-model.h"

struct _StrataDataGrid {
  GtkWidget          parent_instance;

  /* Children (owned by the widget tree) */
  GtkScrolledWindow *scroller;
  GtkColumnView     *column_view;

  /* Owned */
  StrataTable       *table;        /* nullable */
};

G_DEFINE_FINAL_TYPE (StrataDataGrid, strata_data_grid, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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
make_column (const char   *title,
             StrataColumn *column)
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
  gtk_column_view_set_model (self->column_view, NULL);
  remove_columns (self);
  g_clear_pointer (&self->table, strata_table_unref);

  if (table != NULL)
    {
      self->table = strata_table_ref (table);

      /* TRANSLATORS: title of the row-number column of the data grid */
      numbers = make_column (C_("row number", "#"), NULL);
      gtk_column_view_append_column (self->column_view, numbers);
      for (guint i = 0; i < strata_table_get_n_columns (table); i++)
        {
          StrataColumn *column = strata_table_get_column (table, i);
          g_autoptr(GtkColumnViewColumn) view_column =
            make_column (strata_column_get_name (column), column);

          gtk_column_view_append_column (self->column_view, view_column);
        }

      selection = gtk_single_selection_new (G_LIST_MODEL (strata_table_model_new (table)));
      gtk_single_selection_set_autoselect (selection, FALSE);
      gtk_single_selection_set_can_unselect (selection, TRUE);
      gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);
      gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
      g_object_unref (selection);
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
  g_clear_pointer ((GtkWidget **) &self->scroller, gtk_widget_unparent);
  self->column_view = NULL;
  g_clear_pointer (&self->table, strata_table_unref);
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
  self->scroller = GTK_SCROLLED_WINDOW (gtk_scrolled_window_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->scroller), GTK_WIDGET (self));

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
}
