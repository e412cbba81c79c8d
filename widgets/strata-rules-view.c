/* strata-rules-view.c — association rules: a sortable table and a scatter
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * Models: StrataRuleList (lazy, one item per rule made on demand) →
 * GtkFilterListModel (a GtkCustomFilter on the casefolded search text) →
 * GtkSortListModel (the column view's sorter: numeric sorters on the
 * measures, string sorters on the sides, read through property
 * expressions) → GtkSingleSelection → GtkColumnView. Filtering comes before
 * sorting so that a narrow filter sorts few rows. Both list models are
 * non-incremental: a change is complete when the call returns, which keeps
 * the selection logic and the tests simple; Apriori's rule counts at sane
 * thresholds sort in milliseconds.
 *
 * Selection is held in one place, the GtkSingleSelection; the scatter's
 * ring follows its "selected-item", and a click on the scatter searches
 * the shown rows for the rule and selects that row. GTK 4.8 has no
 * gtk_column_view_scroll_to(), so scrolling uses the "list.scroll-to-item"
 * action of the column view's inner GtkListView.
 */

#include "config.h"

#include <math.h>

#include "strata-rule-list.h"
#include "strata-rules-view.h"
#include "strata-view-style.h"

struct _StrataRulesView
{
  GtkWidget            parent_instance;

  /* Children (owned by the widget tree). */
  GtkWidget           *paned;
  GtkWidget           *search;
  GtkWidget           *count;       /* "12 of 345 rules" */
  GtkWidget           *column_view;
  StrataRulesScatter  *scatter;

  /* Models (owned). */
  StrataRuleList      *list;
  GtkCustomFilter     *filter;
  GtkFilterListModel  *filtered;
  GtkSortListModel    *sorted;
  GtkSingleSelection  *selection;

  char                *needle;      /* casefolded filter text, owned */
  gboolean             placed;      /* the paned's divider was placed */
};

G_DEFINE_FINAL_TYPE (StrataRulesView, strata_rules_view, GTK_TYPE_WIDGET)

typedef struct
{
  const char        *id;
  const char        *title;
  StrataRuleMeasure  measure;       /* NONE for the two sides */
  int                digits;       /* decimals shown */
} Column;

static const Column columns[] = {
  { "antecedent", "Antecedent", STRATA_RULE_NONE, 0 },
  { "consequent", "Consequent", STRATA_RULE_NONE, 0 },
  { "support", "Support", STRATA_RULE_SUPPORT, 4 },
  { "confidence", "Confidence", STRATA_RULE_CONFIDENCE, 3 },
  { "lift", "Lift", STRATA_RULE_LIFT, 3 },
  { "leverage", "Leverage", STRATA_RULE_LEVERAGE, 4 },
  { "conviction", "Conviction", STRATA_RULE_CONVICTION, 3 },
};

/* Table cells ------------------------------------------------------------------------- */

/* The full text of an ellipsized side. Set here rather than at bind time:
 * gtk_widget_set_tooltip_text() asks the X server for the pointer, one
 * round trip per cell bound. */
static gboolean
query_side_tooltip (GtkWidget  *label,
                    int         x,
                    int         y,
                    gboolean    keyboard,
                    GtkTooltip *tooltip,
                    gpointer    data)
{
  const char *text = gtk_label_get_text (GTK_LABEL (label));

  if (text == NULL || text[0] == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  data)
{
  const Column *column = data;
  GtkWidget *label = gtk_label_new (NULL);

  if (column->measure != STRATA_RULE_NONE)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, "numeric");
    }
  else
    {
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 14);
      gtk_widget_set_has_tooltip (label, TRUE);
      g_signal_connect (label, "query-tooltip", G_CALLBACK (query_side_tooltip), NULL);
    }
  gtk_list_item_set_child (list_item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  data)
{
  const Column *column = data;
  StrataRuleItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);

  if (column->measure == STRATA_RULE_NONE)
    {
      const char *text = g_str_equal (column->id, "antecedent")
                       ? strata_rule_item_get_antecedent (item)
                       : strata_rule_item_get_consequent (item);

      gtk_label_set_text (GTK_LABEL (label), text);
    }
  else
    {
      double v = strata_rule_item_get_measure (item, column->measure);
      char buf[32];

      if (isinf (v))
        g_strlcpy (buf, v > 0 ? "∞" : "−∞", sizeof buf);
      else
        g_snprintf (buf, sizeof buf, "%.*f", column->digits, v);
      gtk_label_set_text (GTK_LABEL (label), buf);
    }
}

static GtkColumnViewColumn *
make_column (const Column *column)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkExpression *expression =
    gtk_property_expression_new (STRATA_TYPE_RULE_ITEM, NULL, column->id);
  GtkSorter *sorter;
  GtkColumnViewColumn *c;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), (gpointer) column);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), (gpointer) column);
  if (column->measure == STRATA_RULE_NONE)
    sorter = GTK_SORTER (gtk_string_sorter_new (expression));
  else
    sorter = GTK_SORTER (gtk_numeric_sorter_new (expression));
  c = gtk_column_view_column_new (column->title, factory);
  gtk_column_view_column_set_sorter (c, sorter);
  gtk_column_view_column_set_resizable (c, TRUE);
  gtk_column_view_column_set_expand (c, column->measure == STRATA_RULE_NONE);
  g_object_unref (sorter);
  return c;
}

/* Filter and selection --------------------------------------------------------------- */

static gboolean
filter_rule (gpointer item,
             gpointer data)
{
  StrataRulesView *self = data;

  return strata_rule_item_matches (item, self->needle);
}

static void
update_count (StrataRulesView *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  g_autofree char *text = g_strdup_printf ("%u of %u rules", shown, total);

  gtk_label_set_text (GTK_LABEL (self->count), text);
}

/* Dims in the scatter the rules the filter hides. */
static void
update_dimming (StrataRulesView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));

  if (self->needle == NULL || self->needle[0] == '\0')
    {
      strata_rules_scatter_dim_all (self->scatter, FALSE);
      return;
    }
  strata_rules_scatter_dim_all (self->scatter, TRUE);
  for (guint p = 0; p < n; p++)
    {
      g_autoptr(StrataRuleItem) item = g_list_model_get_item (G_LIST_MODEL (self->filtered), p);

      strata_rules_scatter_set_dimmed (self->scatter, strata_rule_item_get_index (item), FALSE);
    }
}

void
strata_rules_view_set_filter_text (StrataRulesView *self,
                                   const char      *text)
{
  g_return_if_fail (STRATA_IS_RULES_VIEW (self));

  if (text == NULL)
    text = "";
  if (!g_str_equal (gtk_editable_get_text (GTK_EDITABLE (self->search)), text))
    {
      /* The entry's "search-changed" comes back here after its delay;
       * apply now so the call is complete when it returns. */
      gtk_editable_set_text (GTK_EDITABLE (self->search), text);
    }
  g_free (self->needle);
  self->needle = g_utf8_casefold (text, -1);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
  update_dimming (self);
}

static void
search_changed (GtkSearchEntry  *entry,
                StrataRulesView *self)
{
  g_autofree char *folded = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (entry)), -1);

  if (self->needle == NULL || !g_str_equal (folded, self->needle))
    strata_rules_view_set_filter_text (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

int
strata_rules_view_get_selected_rule (StrataRulesView *self)
{
  StrataRuleItem *item;

  g_return_val_if_fail (STRATA_IS_RULES_VIEW (self), -1);

  item = gtk_single_selection_get_selected_item (self->selection);
  return item != NULL ? (int) strata_rule_item_get_index (item) : -1;
}

static void
selection_changed (GtkSingleSelection *selection,
                   GParamSpec         *pspec,
                   StrataRulesView    *self)
{
  strata_rules_scatter_set_selected (self->scatter, strata_rules_view_get_selected_rule (self));
}

static void
scroll_to_position (StrataRulesView *self,
                    guint            position)
{
  for (GtkWidget *child = gtk_widget_get_first_child (self->column_view);
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
}

gboolean
strata_rules_view_select_rule (StrataRulesView *self,
                               int              rule)
{
  GListModel *model;
  guint n;

  g_return_val_if_fail (STRATA_IS_RULES_VIEW (self), FALSE);

  model = G_LIST_MODEL (self->sorted);
  n = g_list_model_get_n_items (model);

  if (rule < 0)
    {
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      return TRUE;
    }
  for (guint p = 0; p < n; p++)
    {
      g_autoptr(StrataRuleItem) item = g_list_model_get_item (model, p);

      if ((int) strata_rule_item_get_index (item) == rule)
        {
          gtk_single_selection_set_selected (self->selection, p);
          scroll_to_position (self, p);
          return TRUE;
        }
    }
  return FALSE;
}

static void
rule_activated (StrataRulesScatter *scatter,
                int                 rule,
                StrataRulesView    *self)
{
  strata_rules_view_select_rule (self, rule);
}

/* Public ----------------------------------------------------------------------------- */

void
strata_rules_view_set_rules (StrataRulesView *self,
                             StrataRules     *rules)
{
  g_return_if_fail (STRATA_IS_RULES_VIEW (self));

  g_clear_object (&self->list);
  self->list = strata_rule_list_new (rules);
  strata_rules_scatter_set_rules (self->scatter, rules);
  gtk_filter_list_model_set_model (self->filtered, G_LIST_MODEL (self->list));
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  update_count (self);
  update_dimming (self);
}

gboolean
strata_rules_view_sort_by (StrataRulesView *self,
                           const char      *column,
                           GtkSortType      order)
{
  GListModel *cols;

  g_return_val_if_fail (STRATA_IS_RULES_VIEW (self), FALSE);

  cols = gtk_column_view_get_columns (GTK_COLUMN_VIEW (self->column_view));
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    if (g_str_equal (columns[c].id, column))
      {
        g_autoptr(GtkColumnViewColumn) col = g_list_model_get_item (cols, c);

        gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (self->column_view), col, order);
        return TRUE;
      }
  return FALSE;
}

GListModel *
strata_rules_view_get_model (StrataRulesView *self)
{
  g_return_val_if_fail (STRATA_IS_RULES_VIEW (self), NULL);
  return G_LIST_MODEL (self->sorted);
}

GtkColumnView *
strata_rules_view_get_column_view (StrataRulesView *self)
{
  g_return_val_if_fail (STRATA_IS_RULES_VIEW (self), NULL);
  return GTK_COLUMN_VIEW (self->column_view);
}

StrataRulesScatter *
strata_rules_view_get_scatter (StrataRulesView *self)
{
  g_return_val_if_fail (STRATA_IS_RULES_VIEW (self), NULL);
  return self->scatter;
}

/* Widget --------------------------------------------------------------------------- */

static void
strata_rules_view_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  gtk_widget_measure (STRATA_RULES_VIEW (widget)->paned, orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
strata_rules_view_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  StrataRulesView *self = STRATA_RULES_VIEW (widget);

  /* The table gets 60 % at first (GtkPaned would share by natural
   * widths, squeezing the seven columns); the user moves it after. */
  if (!self->placed && width > 0)
    {
      gtk_paned_set_position (GTK_PANED (self->paned), width * 3 / 5);
      self->placed = TRUE;
    }
  gtk_widget_allocate (self->paned, width, height, baseline, NULL);
}

static void
strata_rules_view_dispose (GObject *object)
{
  StrataRulesView *self = STRATA_RULES_VIEW (object);

  strata_view_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->list);
  G_OBJECT_CLASS (strata_rules_view_parent_class)->dispose (object);
}

static void
strata_rules_view_finalize (GObject *object)
{
  StrataRulesView *self = STRATA_RULES_VIEW (object);

  g_free (self->needle);
  G_OBJECT_CLASS (strata_rules_view_parent_class)->finalize (object);
}

static void
strata_rules_view_class_init (StrataRulesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = strata_rules_view_dispose;
  object_class->finalize = strata_rules_view_finalize;
  widget_class->measure = strata_rules_view_measure;
  widget_class->size_allocate = strata_rules_view_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "rulesview");
}

static void
strata_rules_view_init (StrataRulesView *self)
{
  GtkWidget *paned, *left, *bar, *scrolled;

  self->needle = g_strdup ("");
  self->list = strata_rule_list_new (NULL);
  self->filter = gtk_custom_filter_new (filter_rule, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->list)),
                                              g_object_ref (GTK_FILTER (self->filter)));
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered)), NULL);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect (self->selection, "notify::selected-item", G_CALLBACK (selection_changed), self);

  paned = self->paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  gtk_widget_set_parent (paned, GTK_WIDGET (self));

  left = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_start (bar, 6);
  gtk_widget_set_margin_end (bar, 6);
  gtk_widget_set_margin_top (bar, 6);
  self->search = gtk_search_entry_new ();
  gtk_widget_set_hexpand (self->search, TRUE);
  g_object_set (self->search, "placeholder-text", "Filter by item", NULL);
  g_signal_connect (self->search, "search-changed", G_CALLBACK (search_changed), self);
  gtk_box_append (GTK_BOX (bar), self->search);
  self->count = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->count, "dim-label");
  gtk_widget_add_css_class (self->count, "numeric");
  gtk_box_append (GTK_BOX (bar), self->count);
  gtk_box_append (GTK_BOX (left), bar);

  self->column_view = gtk_column_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection)));
  gtk_column_view_set_show_column_separators (GTK_COLUMN_VIEW (self->column_view), TRUE);
  gtk_widget_add_css_class (self->column_view, "data-table");
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    {
      GtkColumnViewColumn *col = make_column (&columns[c]);

      gtk_column_view_append_column (GTK_COLUMN_VIEW (self->column_view), col);
      g_object_unref (col);
    }
  gtk_sort_list_model_set_sorter (self->sorted,
                                  gtk_column_view_get_sorter (GTK_COLUMN_VIEW (self->column_view)));
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->column_view);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (left), scrolled);
  gtk_paned_set_start_child (GTK_PANED (paned), left);
  gtk_paned_set_resize_start_child (GTK_PANED (paned), TRUE);
  gtk_paned_set_shrink_start_child (GTK_PANED (paned), FALSE);

  self->scatter = STRATA_RULES_SCATTER (strata_rules_scatter_new ());
  gtk_widget_set_margin_start (GTK_WIDGET (self->scatter), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->scatter), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self->scatter), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->scatter), 12);
  g_signal_connect (self->scatter, "rule-activated", G_CALLBACK (rule_activated), self);
  gtk_paned_set_end_child (GTK_PANED (paned), GTK_WIDGET (self->scatter));
  gtk_paned_set_resize_end_child (GTK_PANED (paned), TRUE);
  gtk_paned_set_shrink_end_child (GTK_PANED (paned), FALSE);
  update_count (self);
}

GtkWidget *
strata_rules_view_new (void)
{
  return g_object_new (STRATA_TYPE_RULES_VIEW, NULL);
}
