/* test-model-views.c — tree diagram, confusion matrix, rules view, dashboard
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs in real windows under Xvfb (suite gui). Independent checks: the
 * layout against pairwise overlap tests on every level; the highlighted
 * path of a clicked leaf against the path found by walking the tree's
 * splits with the row's own values; the confusion cells against counts
 * made here from the label arrays; the sorted and filtered rules against
 * a qsort and a substring scan of the engine's rules; the ETA against
 * arithmetic on the timings given.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <adwaita.h>

#include "model-views-fixtures.h"
#include "strata-confusion-view.h"
#include "strata-rule-list.h"
#include "strata-rules-view.h"
#include "strata-training-dashboard.h"
#include "strata-tree-layout.h"
#include "strata-tree-view.h"

/* Helpers -------------------------------------------------------------------------------- */

static GtkEventController *
find_controller (GtkWidget *widget,
                 GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (c, type))
        return GTK_EVENT_CONTROLLER (c);
    }
  g_assert_not_reached ();
}

static void
click_tree (StrataTreeView *view,
            double          x,
            double          y)
{
  g_signal_emit_by_name (find_controller (GTK_WIDGET (view), GTK_TYPE_GESTURE_CLICK),
                         "released", 1, x, y);
}

static void
press_key (GtkWidget *widget,
           guint      keyval)
{
  gboolean handled = FALSE;

  g_signal_emit_by_name (find_controller (widget, GTK_TYPE_EVENT_CONTROLLER_KEY),
                         "key-pressed", keyval, 0, 0, &handled);
  g_assert_true (handled);
}

/* Whether two visible cards overlap (touching edges do not). */
static gboolean
cards_overlap (const graphene_rect_t *a,
               const graphene_rect_t *b)
{
  return a->origin.x < b->origin.x + b->size.width - 1e-6
      && b->origin.x < a->origin.x + a->size.width - 1e-6
      && a->origin.y < b->origin.y + b->size.height - 1e-6
      && b->origin.y < a->origin.y + a->size.height - 1e-6;
}

/* Every visible card against every other, and every parent centred over
 * its visible children one level below. */
static void
assert_tidy (StrataTreeView *view,
             StrataTree     *tree)
{
  guint n = strata_tree_get_n_nodes (tree);

  for (guint i = 0; i < n; i++)
    {
      graphene_rect_t a;
      StrataTreeNode node;

      if (!strata_tree_view_get_node_bounds (view, i, &a))
        continue;
      for (guint j = i + 1; j < n; j++)
        {
          graphene_rect_t b;

          if (strata_tree_view_get_node_bounds (view, j, &b))
            g_assert_false (cards_overlap (&a, &b));
        }
      strata_tree_get_node (tree, i, &node);
      if (node.left >= 0 && !strata_tree_view_get_collapsed (view, i))
        {
          graphene_rect_t l, r;

          g_assert_true (strata_tree_view_get_node_bounds (view, node.left, &l));
          g_assert_true (strata_tree_view_get_node_bounds (view, node.right, &r));
          g_assert_cmpfloat_with_epsilon (a.origin.x * 2, l.origin.x + r.origin.x, 1e-3);   /* floats */
          g_assert_cmpfloat (l.origin.y, >, a.origin.y + a.size.height);
          g_assert_cmpfloat (l.origin.x + l.size.width, <=, r.origin.x);
        }
    }
}

/* Layout on its own ------------------------------------------------------------------------ */

/* Appends a random binary subtree in preorder; returns its root. */
static int
random_subtree (GRand  *rand,
                GArray *left,
                GArray *right,
                guint   depth)
{
  int self = left->len, none = -1;

  g_array_append_val (left, none);
  g_array_append_val (right, none);
  if (depth < 12 && g_rand_double (rand) < 0.85 - depth * 0.05)
    {
      int l = random_subtree (rand, left, right, depth + 1);
      int r = random_subtree (rand, left, right, depth + 1);

      g_array_index (left, int, self) = l;
      g_array_index (right, int, self) = r;
    }
  return self;
}

static void
test_layout_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (int trial = 0; trial < 200; trial++)
    {
      g_autoptr(GArray) left = g_array_new (FALSE, FALSE, sizeof (int));
      g_autoptr(GArray) right = g_array_new (FALSE, FALSE, sizeof (int));
      g_autofree double *x = NULL;
      g_autofree guint *depth = NULL;
      g_autofree gboolean *collapsed = NULL;
      guint n;
      double width;

      random_subtree (rand, left, right, 0);
      n = left->len;
      x = g_new (double, n);
      depth = g_new (guint, n);
      collapsed = g_new0 (gboolean, n);
      if (trial % 2 == 1)
        for (guint i = 0; i < n; i++)
          collapsed[i] = g_rand_double (rand) < 0.1;
      width = strata_tree_layout_compute (n, (int *) left->data, (int *) right->data,
                                          collapsed, 1.0, x, depth);
      for (guint i = 0; i < n; i++)
        {
          int l = g_array_index (left, int, i), r = g_array_index (right, int, i);

          if (isnan (x[i]))
            {
              /* Hidden: so are its children. */
              if (l >= 0)
                g_assert_true (isnan (x[l]) && isnan (x[r]));
              continue;
            }
          g_assert_cmpfloat (x[i], >=, -1e-9);
          g_assert_cmpfloat (x[i], <=, width + 1e-9);
          if (l >= 0 && !collapsed[i])
            {
              g_assert_cmpfloat_with_epsilon (x[i], (x[l] + x[r]) / 2, 1e-9);
              g_assert_cmpuint (depth[l], ==, depth[i] + 1);
            }
          if (l >= 0 && collapsed[i])
            g_assert_true (isnan (x[l]) && isnan (x[r]));
          /* Brute force: any two placed nodes on one level are at least
           * one separation apart. */
          for (guint j = i + 1; j < n; j++)
            if (!isnan (x[j]) && depth[j] == depth[i])
              g_assert_cmpfloat (fabs (x[j] - x[i]), >=, 1.0 - 1e-9);
        }
    }
}

/* Tree view ---------------------------------------------------------------------------------- */

typedef struct
{
  StrataTable    *iris;
  StrataTree     *tree;
  StrataTreeView *view;
  GtkWidget      *window;
} TreeFixture;

static void
tree_fixture_set_up (TreeFixture   *f,
                     gconstpointer  data)
{
  f->iris = fixture_read_iris ();
  f->tree = fixture_fit_iris_tree (f->iris, 0);
  f->view = STRATA_TREE_VIEW (strata_tree_view_new ());
  strata_tree_view_set_tree (f->view, f->tree);
  f->window = fixture_show (GTK_WIDGET (f->view), 1200, 800);
}

static void
tree_fixture_tear_down (TreeFixture   *f,
                        gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  strata_tree_unref (f->tree);
  strata_table_unref (f->iris);
}

static void
test_tree_layout (TreeFixture   *f,
                  gconstpointer  data)
{
  guint n = strata_tree_get_n_nodes (f->tree);
  graphene_rect_t root;

  g_assert_cmpuint (n, >, 7);
  for (guint i = 0; i < n; i++)
    g_assert_true (strata_tree_view_is_node_visible (f->view, i));
  assert_tidy (f->view, f->tree);

  /* Fitted: everything inside the widget, at most 1:1. */
  g_assert_cmpfloat (strata_tree_view_get_zoom (f->view), <=, 1.0);
  for (guint i = 0; i < n; i++)
    {
      graphene_rect_t r;

      g_assert_true (strata_tree_view_get_node_bounds (f->view, i, &r));
      g_assert_cmpfloat (r.origin.x, >=, 0);
      g_assert_cmpfloat (r.origin.x + r.size.width, <=, gtk_widget_get_width (GTK_WIDGET (f->view)));
    }

  /* Zooming keeps the point under the pointer in place. */
  strata_tree_view_get_node_bounds (f->view, 0, &root);
  strata_tree_view_zoom_at (f->view, 2.0, 100, 50);
  {
    graphene_rect_t after;

    strata_tree_view_get_node_bounds (f->view, 0, &after);
    g_assert_cmpfloat_with_epsilon (after.origin.x, (root.origin.x - 100) * 2 + 100, 1e-3);
    g_assert_cmpfloat_with_epsilon (after.origin.y, (root.origin.y - 50) * 2 + 50, 1e-3);
    g_assert_cmpfloat_with_epsilon (after.size.width, root.size.width * 2, 1e-3);
  }
  assert_tidy (f->view, f->tree);
}

/* Clicking the leaf that row @row reaches highlights exactly the nodes its
 * values lead through. */
static void
check_leaf_click (TreeFixture *f,
                  gsize        row,
                  int          leaf)
{
  guint n = strata_tree_get_n_nodes (f->tree);
  g_autofree gboolean *expected = g_new0 (gboolean, n);
  graphene_rect_t r;
  int node = 0;

  /* The path, by the splits (iris has numeric features, no missing). */
  for (;;)
    {
      StrataTreeNode s;
      StrataColumn *column;
      double value;

      expected[node] = TRUE;
      strata_tree_get_node (f->tree, node, &s);
      if (s.feature < 0)
        break;
      column = strata_table_lookup_column (f->iris,
                                           strata_tree_get_feature_name (f->tree, s.feature),
                                           NULL);
      value = strata_column_get_numeric (column)[row];
      node = value <= s.threshold ? s.left : s.right;
    }
  g_assert_cmpint (node, ==, leaf);

  strata_tree_view_fit (f->view);
  g_assert_true (strata_tree_view_get_node_bounds (f->view, leaf, &r));
  click_tree (f->view, r.origin.x + r.size.width / 2, r.origin.y + r.size.height / 3);
  g_assert_cmpint (strata_tree_view_get_selected (f->view), ==, leaf);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (strata_tree_view_is_on_path (f->view, i), ==, expected[i]);
}

static void
test_tree_click_leaf (TreeFixture   *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree gint32 *leaves = strata_tree_apply (f->tree, f->iris, &error);
  g_autofree char *description = NULL;
  StrataTreeNode node;
  char samples[64];
  gsize rows[] = { 0, 60, 77, 106, 119, 133, 149 };

  g_assert_no_error (error);
  for (guint k = 0; k < G_N_ELEMENTS (rows); k++)
    check_leaf_click (f, rows[k], leaves[rows[k]]);

  /* The accessible description tells the selected node's numbers. */
  description = strata_tree_view_dup_node_description (f->view, leaves[149]);
  strata_tree_get_node (f->tree, leaves[149], &node);
  g_snprintf (samples, sizeof samples, "%" G_GSIZE_FORMAT " samples", node.n_samples);
  g_assert_nonnull (strstr (description, samples));
  g_assert_nonnull (strstr (description, "Leaf predicting"));

  /* Clicking the background clears the selection and the path. */
  click_tree (f->view, 2, gtk_widget_get_height (GTK_WIDGET (f->view)) - 2);
  g_assert_cmpint (strata_tree_view_get_selected (f->view), ==, -1);
  g_assert_false (strata_tree_view_is_on_path (f->view, 0));
}

static gboolean
is_descendant (TreeFixture *f,
               guint        node,
               guint        ancestor)
{
  for (int p = strata_tree_view_get_parent (f->view, node); p >= 0;
       p = strata_tree_view_get_parent (f->view, p))
    if ((guint) p == ancestor)
      return TRUE;
  return FALSE;
}

static void
count_toggles (guint *toggles)
{
  (*toggles)++;
}

static void
test_tree_collapse (TreeFixture   *f,
                    gconstpointer  data)
{
  guint n = strata_tree_get_n_nodes (f->tree);
  StrataTreeNode root;
  graphene_point_t toggle;
  guint folded, toggles = 0;

  strata_tree_get_node (f->tree, 0, &root);
  /* The root's right child is iris's versicolor/virginica subtree. */
  folded = root.right;
  g_signal_connect_swapped (f->view, "node-toggled", G_CALLBACK (count_toggles), &toggles);
  g_assert_true (strata_tree_view_get_toggle_center (f->view, folded, &toggle));
  click_tree (f->view, toggle.x, toggle.y);
  g_assert_true (strata_tree_view_get_collapsed (f->view, folded));
  g_assert_cmpuint (toggles, ==, 1);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (strata_tree_view_is_node_visible (f->view, i), ==, !is_descendant (f, i, folded));
  g_assert_true (strata_tree_view_is_node_visible (f->view, folded));
  assert_tidy (f->view, f->tree);

  /* Selecting a hidden node unfolds its ancestors. */
  strata_tree_view_select (f->view, n - 1);
  g_assert_false (strata_tree_view_get_collapsed (f->view, folded));
  for (guint i = 0; i < n; i++)
    g_assert_true (strata_tree_view_is_node_visible (f->view, i));

  /* The keyboard folds too, and folding moves a selection inside up. */
  strata_tree_view_select (f->view, folded);
  press_key (GTK_WIDGET (f->view), GDK_KEY_space);
  g_assert_true (strata_tree_view_get_collapsed (f->view, folded));
  press_key (GTK_WIDGET (f->view), GDK_KEY_space);
  g_assert_false (strata_tree_view_get_collapsed (f->view, folded));
  strata_tree_view_select (f->view, n - 1);
  strata_tree_view_set_collapsed (f->view, folded, TRUE);
  g_assert_cmpint (strata_tree_view_get_selected (f->view), ==, folded);
}

static void
test_tree_keyboard (TreeFixture   *f,
                    gconstpointer  data)
{
  StrataTreeNode root, left;

  strata_tree_get_node (f->tree, 0, &root);
  strata_tree_get_node (f->tree, root.left, &left);
  press_key (GTK_WIDGET (f->view), GDK_KEY_Home);
  g_assert_cmpint (strata_tree_view_get_selected (f->view), ==, 0);
  press_key (GTK_WIDGET (f->view), GDK_KEY_Down);
  g_assert_cmpint (strata_tree_view_get_selected (f->view), ==, root.left);
  press_key (GTK_WIDGET (f->view), GDK_KEY_Right);
  g_assert_cmpint (strata_tree_view_get_selected (f->view), ==, root.right);
  press_key (GTK_WIDGET (f->view), GDK_KEY_Left);
  g_assert_cmpint (strata_tree_view_get_selected (f->view), ==, root.left);
  press_key (GTK_WIDGET (f->view), GDK_KEY_Up);
  g_assert_cmpint (strata_tree_view_get_selected (f->view), ==, 0);
  press_key (GTK_WIDGET (f->view), GDK_KEY_Escape);
  g_assert_cmpint (strata_tree_view_get_selected (f->view), ==, -1);
}

/* A regression tree on petal_width, with the categorical species among
 * its features: cards and descriptions give the mean and the category
 * sets, the layout is tidy. */
static void
test_tree_regression (void)
{
  g_autoptr(StrataTable) iris = fixture_read_iris ();
  g_autoptr(StrataTree) tree = NULL;
  g_autoptr(GError) error = NULL;
  StrataTreeView *view = STRATA_TREE_VIEW (strata_tree_view_new ());
  StrataTreeParams params;
  GtkWidget *window;
  guint n_categorical = 0;

  strata_tree_params_init (&params);
  params.max_depth = 3;
  params.n_threads = 1;
  tree = strata_tree_fit (iris, "petal_width", &params, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (strata_tree_is_classifier (tree));
  strata_tree_view_set_tree (view, tree);
  window = fixture_show (GTK_WIDGET (view), 1200, 700);
  assert_tidy (view, tree);
  for (guint i = 0; i < strata_tree_get_n_nodes (tree); i++)
    {
      g_autofree char *description = strata_tree_view_dup_node_description (view, i);
      StrataTreeNode node;

      strata_tree_get_node (tree, i, &node);
      if (node.feature < 0)
        {
          g_autofree char *expected =
            g_strdup_printf ("Leaf predicting %.4g.", strata_tree_get_node_value (tree, i)[0]);

          g_assert_nonnull (strstr (description, expected));
        }
      else if (node.categorical)
        {
          g_assert_nonnull (strstr (description, "species ∈ {"));
          n_categorical++;
        }
    }
  /* petal_width is best split by species first. */
  g_assert_cmpuint (n_categorical, >, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Confusion matrix ---------------------------------------------------------------------------- */

static void
test_confusion (void)
{
  /* 3 classes; class 2 is never true, so its normalised row is empty. */
  static const gint32 y_true[] = { 0, 0, 0, 0, 1, 1, 1, 0, 1, 1, 0, 0 };
  static const gint32 y_pred[] = { 0, 0, 1, 2, 1, 1, 0, 0, 2, 1, 0, 1 };
  static const char *const names[] = { "cat", "dog", "fox", NULL };
  gsize n = G_N_ELEMENTS (y_true);
  gsize counts[3][3] = { { 0 } }, support[3] = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataClassificationMetrics) m =
    strata_metrics_classification (y_true, y_pred, NULL, n, 3, &error);
  StrataConfusionView *view = STRATA_CONFUSION_VIEW (strata_confusion_view_new ());
  GtkWidget *window;
  g_autofree char *accuracy = NULL;

  g_assert_no_error (error);
  for (gsize i = 0; i < n; i++)
    {
      counts[y_true[i]][y_pred[i]]++;
      support[y_true[i]]++;
    }

  strata_confusion_view_set_metrics (view, m, names);
  window = fixture_show (GTK_WIDGET (view), 800, 500);
  for (guint r = 0; r < 3; r++)
    for (guint c = 0; c < 3; c++)
      {
        g_autofree char *text = strata_confusion_view_dup_cell_text (view, r, c);
        g_autofree char *expected = g_strdup_printf ("%" G_GSIZE_FORMAT, counts[r][c]);

        g_assert_cmpfloat (strata_confusion_view_get_cell_value (view, r, c), ==, counts[r][c]);
        g_assert_cmpstr (text, ==, expected);
      }

  /* The toggle button switches to row-normalised values. */
  g_object_set (view, "normalize", TRUE, NULL);
  g_assert_true (strata_confusion_view_get_normalize (view));
  for (guint r = 0; r < 3; r++)
    for (guint c = 0; c < 3; c++)
      {
        double v = strata_confusion_view_get_cell_value (view, r, c);

        if (support[r] == 0)
          g_assert_true (isnan (v));
        else
          g_assert_cmpfloat_with_epsilon (v, (double) counts[r][c] / support[r], 1e-12);
      }
  {
    g_autofree char *text = strata_confusion_view_dup_cell_text (view, 0, 0);
    g_autofree char *empty = strata_confusion_view_dup_cell_text (view, 2, 2);

    g_assert_cmpstr (text, ==, "0.57");       /* 4 of 7 cats */
    g_assert_cmpstr (empty, ==, "–");
  }
  fixture_run_frames (GTK_WIDGET (view), 2);

  /* The table: recall of dog is 3 of 5 = 0.600, support 5; precision of
   * cat is 4 of 5 predicted = 0.800. */
  g_assert_cmpstr (strata_confusion_view_get_table_text (view, 1, STRATA_CONFUSION_COLUMN_RECALL), ==, "0.600");
  g_assert_cmpstr (strata_confusion_view_get_table_text (view, 1, STRATA_CONFUSION_COLUMN_SUPPORT), ==, "5");
  g_assert_cmpstr (strata_confusion_view_get_table_text (view, 0, STRATA_CONFUSION_COLUMN_PRECISION), ==, "0.800");
  g_assert_cmpstr (strata_confusion_view_get_table_text (view, 2, STRATA_CONFUSION_COLUMN_CLASS), ==, "fox");
  accuracy = g_strdup_printf ("Accuracy %.3f", 7.0 / 12);
  g_assert_nonnull (strstr (strata_confusion_view_get_summary (view), accuracy));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Rules view ------------------------------------------------------------------------------ */

typedef struct
{
  StrataRules     *rules;
  StrataRulesView *view;
  GtkWidget       *window;
} RulesFixture;

static void
rules_fixture_set_up (RulesFixture  *f,
                      gconstpointer  data)
{
  f->rules = fixture_groceries_rules (0.01, 0.1);
  f->view = STRATA_RULES_VIEW (strata_rules_view_new ());
  strata_rules_view_set_rules (f->view, f->rules);
  f->window = fixture_show (GTK_WIDGET (f->view), 1200, 700);
}

static void
rules_fixture_tear_down (RulesFixture  *f,
                         gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  strata_rules_unref (f->rules);
}

static StrataRules *sort_rules;
static StrataRuleMeasure sort_measure;

static int
compare_measure_desc (gconstpointer a,
                      gconstpointer b)
{
  double x = strata_rules_get_measure (sort_rules, *(const guint *) a, sort_measure);
  double y = strata_rules_get_measure (sort_rules, *(const guint *) b, sort_measure);

  return (x < y) - (x > y);
}

static void
test_rules_sort (RulesFixture  *f,
                 gconstpointer  data)
{
  static const struct { const char *column; StrataRuleMeasure measure; } cases[] = {
    { "lift", STRATA_RULE_LIFT },
    { "confidence", STRATA_RULE_CONFIDENCE },
    { "support", STRATA_RULE_SUPPORT },
    { "leverage", STRATA_RULE_LEVERAGE },
    { "conviction", STRATA_RULE_CONVICTION },
  };
  gsize n = strata_rules_get_n_rules (f->rules);
  GListModel *model = strata_rules_view_get_model (f->view);
  g_autofree guint *expected = g_new (guint, n);

  g_assert_cmpuint (n, >, 50);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      for (int order = 0; order < 2; order++)
        {
          g_assert_true (strata_rules_view_sort_by (f->view, cases[k].column,
                                                    order == 0 ? GTK_SORT_DESCENDING
                                                               : GTK_SORT_ASCENDING));
          for (gsize i = 0; i < n; i++)
            expected[i] = i;
          sort_rules = f->rules;
          sort_measure = cases[k].measure;
          qsort (expected, n, sizeof (guint), compare_measure_desc);
          /* Ties may come in any order: compare the measures, not ids. */
          for (gsize p = 0; p < n; p++)
            {
              g_autoptr(StrataRuleItem) item = g_list_model_get_item (model, p);
              gsize q = order == 0 ? p : n - 1 - p;

              g_assert_cmpfloat (strata_rule_item_get_measure (item, cases[k].measure), ==,
                                 strata_rules_get_measure (f->rules, expected[q], cases[k].measure));
            }
        }
    }
  g_assert_false (strata_rules_view_sort_by (f->view, "no-such-column", GTK_SORT_ASCENDING));
}

/* Whether rule @i names an item containing @needle, from the engine's
 * item ids and names. */
static gboolean
rule_mentions (StrataRules *rules,
               gsize        i,
               const char  *needle)
{
  StrataTransactions *tr = strata_rules_get_transactions (rules);
  const guint32 *sides[2];
  guint lengths[2];

  sides[0] = strata_rules_get_antecedent (rules, i, &lengths[0]);
  sides[1] = strata_rules_get_consequent (rules, i, &lengths[1]);
  for (guint s = 0; s < 2; s++)
    for (guint k = 0; k < lengths[s]; k++)
      {
        g_autofree char *folded = g_utf8_casefold (strata_transactions_get_item_name (tr, sides[s][k]), -1);

        if (strstr (folded, needle) != NULL)
          return TRUE;
      }
  return FALSE;
}

static void
test_rules_filter (RulesFixture  *f,
                   gconstpointer  data)
{
  static const char *const needles[] = { "whole milk", "YOGURT", "vegetables", "zzz", "" };
  gsize n = strata_rules_get_n_rules (f->rules);
  GListModel *model = strata_rules_view_get_model (f->view);

  strata_rules_view_sort_by (f->view, "lift", GTK_SORT_DESCENDING);
  for (guint k = 0; k < G_N_ELEMENTS (needles); k++)
    {
      g_autofree char *needle = g_utf8_casefold (needles[k], -1);
      g_autofree gboolean *shown = g_new0 (gboolean, n);
      guint expected = 0;

      strata_rules_view_set_filter_text (f->view, needles[k]);
      for (gsize i = 0; i < n; i++)
        expected += rule_mentions (f->rules, i, needle);
      g_assert_cmpuint (g_list_model_get_n_items (model), ==, expected);
      for (guint p = 0; p < expected; p++)
        {
          g_autoptr(StrataRuleItem) item = g_list_model_get_item (model, p);
          guint i = strata_rule_item_get_index (item);

          g_assert_true (rule_mentions (f->rules, i, needle));
          g_assert_false (shown[i]);
          shown[i] = TRUE;
          if (p > 0)
            {
              g_autoptr(StrataRuleItem) prev = g_list_model_get_item (model, p - 1);

              g_assert_cmpfloat (strata_rule_item_get_measure (prev, STRATA_RULE_LIFT), >=,
                                 strata_rule_item_get_measure (item, STRATA_RULE_LIFT));
            }
        }
      /* The scatter hides from clicks what the filter hides. */
      if (expected < n)
        for (gsize i = 0; i < n; i++)
          if (!shown[i])
            {
              graphene_point_t p;
              int hit;

              g_assert_true (strata_rules_scatter_get_point (strata_rules_view_get_scatter (f->view), i, &p));
              hit = strata_rules_scatter_rule_at (strata_rules_view_get_scatter (f->view), p.x, p.y);
              g_assert_true (hit < 0 || shown[hit]);
              break;
            }
    }
}

static void
test_rules_select (RulesFixture  *f,
                   gconstpointer  data)
{
  StrataRulesScatter *scatter = strata_rules_view_get_scatter (f->view);
  GtkEventController *click = find_controller (GTK_WIDGET (scatter), GTK_TYPE_GESTURE_CLICK);
  GtkSelectionModel *selection = gtk_column_view_get_model (strata_rules_view_get_column_view (f->view));
  GListModel *model = strata_rules_view_get_model (f->view);
  gsize n = strata_rules_get_n_rules (f->rules);
  gsize picks[] = { 0, n / 3, n / 2, n - 1 };

  strata_rules_view_sort_by (f->view, "confidence", GTK_SORT_ASCENDING);
  for (guint k = 0; k < G_N_ELEMENTS (picks); k++)
    {
      graphene_point_t p, q;
      int rule;
      guint position;

      double cx, cy, nearest = INFINITY;

      g_assert_true (strata_rules_scatter_get_point (scatter, picks[k], &p));
      /* A click a little off the point hits the point nearest to the
       * click (found here by scanning them all): this one, or a closer
       * neighbour. */
      cx = p.x + 2;
      cy = p.y - 2;
      for (gsize i = 0; i < n; i++)
        {
          g_assert_true (strata_rules_scatter_get_point (scatter, i, &q));
          nearest = MIN (nearest, hypot (q.x - cx, q.y - cy));
        }
      g_signal_emit_by_name (click, "pressed", 1, cx, cy);
      rule = strata_rules_view_get_selected_rule (f->view);
      g_assert_cmpint (rule, >=, 0);
      g_assert_true (strata_rules_scatter_get_point (scatter, rule, &q));
      g_assert_cmpfloat_with_epsilon (hypot (q.x - cx, q.y - cy), nearest, 1e-9);
      g_assert_cmpfloat (nearest, <=, hypot (2, 2) + 1e-9);
      g_assert_cmpint (strata_rules_scatter_get_selected (scatter), ==, rule);
      /* The selected row is that rule. */
      position = gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (selection));
      {
        g_autoptr(StrataRuleItem) item = g_list_model_get_item (model, position);

        g_assert_cmpuint (strata_rule_item_get_index (item), ==, rule);
      }
    }

  /* And the other way: a row selected in the table rings its point. */
  gtk_selection_model_select_item (selection, 5, TRUE);
  {
    g_autoptr(StrataRuleItem) item = g_list_model_get_item (model, 5);

    g_assert_cmpint (strata_rules_scatter_get_selected (scatter), ==,
                     strata_rule_item_get_index (item));
  }
  fixture_run_frames (GTK_WIDGET (f->view), 2);

  /* Far from every point: nothing is hit, the selection stays. */
  g_assert_cmpint (strata_rules_scatter_rule_at (scatter, -100, -100), ==, -1);
}

/* Dashboard ----------------------------------------------------------------------------------- */

typedef struct
{
  guint stop, pause, resume, step;
} Emitted;

static void
count_signal (StrataTrainingDashboard *dash,
              guint                   *counter)
{
  (*counter)++;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *action)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child)
          && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), action) == 0)
        return child;
      if ((found = find_button (child, action)) != NULL)
        return found;
    }
  return NULL;
}

static void
click (GtkWidget  *dash,
       const char *action)
{
  GtkWidget *button = find_button (dash, action);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static gboolean
button_sensitive (GtkWidget  *dash,
                  const char *action)
{
  GtkWidget *button = find_button (dash, action);

  return button != NULL && gtk_widget_is_sensitive (button);
}

static void
test_dashboard_signals (void)
{
  StrataTrainingDashboard *dash = STRATA_TRAINING_DASHBOARD (strata_training_dashboard_new ());
  GtkWidget *widget = GTK_WIDGET (dash), *window;
  Emitted e = { 0 };

  g_signal_connect (dash, "stop", G_CALLBACK (count_signal), &e.stop);
  g_signal_connect (dash, "pause", G_CALLBACK (count_signal), &e.pause);
  g_signal_connect (dash, "resume", G_CALLBACK (count_signal), &e.resume);
  g_signal_connect (dash, "step", G_CALLBACK (count_signal), &e.step);
  window = fixture_show (widget, 900, 600);

  g_assert_cmpint (strata_training_dashboard_get_state (dash), ==, STRATA_TRAINING_IDLE);
  g_assert_false (button_sensitive (widget, "dashboard.stop"));
  g_assert_false (button_sensitive (widget, "dashboard.pause"));

  strata_training_dashboard_start (dash, "run", 2, 5, 16);
  g_assert_cmpint (strata_training_dashboard_get_state (dash), ==, STRATA_TRAINING_RUNNING);
  g_assert_false (button_sensitive (widget, "dashboard.step"));
  click (widget, "dashboard.pause");
  g_assert_cmpuint (e.pause, ==, 1);
  g_assert_cmpint (strata_training_dashboard_get_state (dash), ==, STRATA_TRAINING_PAUSED);

  /* Paused: the same button resumes; Step runs one batch at a time. */
  g_assert_null (find_button (widget, "dashboard.pause"));
  click (widget, "dashboard.step");
  click (widget, "dashboard.step");
  g_assert_cmpuint (e.step, ==, 2);
  g_assert_cmpint (strata_training_dashboard_get_state (dash), ==, STRATA_TRAINING_PAUSED);
  click (widget, "dashboard.resume");
  g_assert_cmpuint (e.resume, ==, 1);
  g_assert_cmpint (strata_training_dashboard_get_state (dash), ==, STRATA_TRAINING_RUNNING);

  click (widget, "dashboard.stop");
  g_assert_cmpuint (e.stop, ==, 1);
  g_assert_cmpint (strata_training_dashboard_get_state (dash), ==, STRATA_TRAINING_STOPPED);
  g_assert_false (button_sensitive (widget, "dashboard.stop"));
  g_assert_false (button_sensitive (widget, "dashboard.pause"));
  g_assert_false (button_sensitive (widget, "dashboard.step"));
  g_assert_cmpuint (e.pause, ==, 1);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
push (StrataTrainingDashboard *dash,
      guint                    done,
      guint                    steps_per_epoch,
      double                   seconds)
{
  StrataTrainingStep s = {
    (done - 1) / steps_per_epoch, (done - 1) % steps_per_epoch, seconds, 32,
    1.0 / done, 0.5, 0.01,
  };

  strata_training_dashboard_push_step (dash, &s);
}

static void
test_dashboard_eta (void)
{
  StrataTrainingDashboard *dash = STRATA_TRAINING_DASHBOARD (strata_training_dashboard_new ());
  GtkWidget *window = fixture_show (GTK_WIDGET (dash), 900, 600);
  StrataLossChart *chart;
  double t = 0;
  guint done = 0, run;

  /* 3 epochs of 20 batches of 32 rows. */
  strata_training_dashboard_start (dash, "eta", 3, 20, 32);
  g_assert_true (isnan (strata_training_dashboard_get_eta (dash)));
  push (dash, ++done, 20, t += 0.5);
  g_assert_true (isnan (strata_training_dashboard_get_eta (dash)));

  /* Ten batches half a second apart: 2 batches/s, 64 rows/s, 50 left. */
  while (done < 10)
    push (dash, ++done, 20, t += 0.5);
  g_assert_cmpfloat_with_epsilon (strata_training_dashboard_get_samples_per_second (dash), 64, 1e-9);
  g_assert_cmpfloat_with_epsilon (strata_training_dashboard_get_eta (dash), 50 / 2.0, 1e-9);

  /* Then a quarter of a second each: once the window holds only fast
   * batches, 4 batches/s and 128 rows/s. */
  while (done < 10 + STRATA_TRAINING_WINDOW)
    push (dash, ++done, 20, t += 0.25);
  g_assert_cmpuint (strata_training_dashboard_get_steps_done (dash), ==, 42);
  g_assert_cmpfloat_with_epsilon (strata_training_dashboard_get_samples_per_second (dash), 128, 1e-9);
  g_assert_cmpfloat_with_epsilon (strata_training_dashboard_get_eta (dash), 18 / 4.0, 1e-9);

  /* A pause of a minute does not count: the window restarts. */
  gtk_widget_activate_action (GTK_WIDGET (dash), "dashboard.pause", NULL);
  gtk_widget_activate_action (GTK_WIDGET (dash), "dashboard.resume", NULL);
  t += 60;
  push (dash, ++done, 20, t += 0.25);
  g_assert_true (isnan (strata_training_dashboard_get_eta (dash)));
  push (dash, ++done, 20, t += 0.25);
  g_assert_cmpfloat_with_epsilon (strata_training_dashboard_get_eta (dash), 16 / 4.0, 1e-9);

  /* The loss went into the chart, one point per batch. */
  chart = strata_training_dashboard_get_chart (dash);
  g_assert_cmpuint (strata_loss_chart_get_n_runs (chart), ==, 1);
  run = strata_loss_chart_get_run_id (chart, 0);
  g_assert_cmpuint (strata_loss_chart_get_n_points (chart, run, STRATA_CHART_TRAIN_LOSS), ==, done);
  strata_training_dashboard_push_epoch (dash, 0, 5, 0.7, 0.8);
  g_assert_cmpuint (strata_loss_chart_get_n_points (chart, run, STRATA_CHART_VAL_ACCURACY), ==, 1);
  fixture_run_frames (GTK_WIDGET (dash), 2);
  strata_training_dashboard_finish (dash);
  g_assert_cmpfloat (strata_training_dashboard_get_eta (dash), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_format_duration (void)
{
  static const struct { double seconds; const char *text; } cases[] = {
    { 0, "0 s" }, { 44.6, "45 s" }, { 125, "2:05" }, { 3723, "1:02:03" },
    { 360000, "100:00:00" }, { NAN, "—" }, { -1, "—" },
  };

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autofree char *text = strata_training_format_duration (cases[k].seconds);

      g_assert_cmpstr (text, ==, cases[k].text);
    }
}

/* Every label's text under @widget, in tree order, each between '|'. */
static void
collect_labels (GtkWidget *widget,
                GString   *out)
{
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "%s|", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_labels (c, out);
}

static gboolean
shows (GtkWidget  *widget,
       const char *text)
{
  g_autoptr(GString) labels = g_string_new ("|");
  g_autofree char *needle = g_strdup_printf ("|%s|", text);

  collect_labels (widget, labels);
  return strstr (labels->str, needle) != NULL;
}

/* The figures in words follow the batches at most five times a second, but
 * the last batch's always show: after a short wait, at an epoch's end, and
 * at a pause. The progress bars follow every batch. */
static void
test_dashboard_figures (void)
{
  StrataTrainingDashboard *dash = STRATA_TRAINING_DASHBOARD (strata_training_dashboard_new ());
  GtkWidget *window = fixture_show (GTK_WIDGET (dash), 900, 600);
  gint64 deadline;
  guint done = 0;
  double t = 0;

  strata_training_dashboard_start (dash, "figures", 2, 100, 32);
  push (dash, ++done, 100, t += 0.01);
  g_assert_true (shows (GTK_WIDGET (dash), "1 of 100"));
  g_assert_true (shows (GTK_WIDGET (dash), "1"));          /* loss 1 / 1 */
  while (done < 10)
    push (dash, ++done, 100, t += 0.01);
  /* Pushed within microseconds: the labels still show the first batch. */
  g_assert_true (shows (GTK_WIDGET (dash), "1 of 100"));
  g_assert_false (shows (GTK_WIDGET (dash), "10 of 100"));
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (!shows (GTK_WIDGET (dash), "10 of 100") && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (shows (GTK_WIDGET (dash), "10 of 100"));
  g_assert_true (shows (GTK_WIDGET (dash), "0.1"));        /* loss 1 / 10 */

  /* The epoch's last batch shows at once. */
  while (done < 100)
    push (dash, ++done, 100, t += 0.01);
  g_assert_true (shows (GTK_WIDGET (dash), "100 of 100"));
  g_assert_true (shows (GTK_WIDGET (dash), "0.01"));       /* loss 1 / 100 */

  /* So does the batch before a pause. */
  push (dash, ++done, 100, t += 0.01);
  push (dash, ++done, 100, t += 0.01);
  gtk_widget_activate_action (GTK_WIDGET (dash), "dashboard.pause", NULL);
  g_assert_true (shows (GTK_WIDGET (dash), "2 of 2"));
  g_assert_true (shows (GTK_WIDGET (dash), "2 of 100"));
  g_assert_true (shows (GTK_WIDGET (dash), "0.009804"));   /* loss 1 / 102 */
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ModelViews/layout/random", test_layout_random);
  g_test_add ("/ModelViews/tree/layout", TreeFixture, NULL,
              tree_fixture_set_up, test_tree_layout, tree_fixture_tear_down);
  g_test_add ("/ModelViews/tree/click-leaf", TreeFixture, NULL,
              tree_fixture_set_up, test_tree_click_leaf, tree_fixture_tear_down);
  g_test_add ("/ModelViews/tree/collapse", TreeFixture, NULL,
              tree_fixture_set_up, test_tree_collapse, tree_fixture_tear_down);
  g_test_add ("/ModelViews/tree/keyboard", TreeFixture, NULL,
              tree_fixture_set_up, test_tree_keyboard, tree_fixture_tear_down);
  g_test_add_func ("/ModelViews/tree/regression", test_tree_regression);
  g_test_add_func ("/ModelViews/confusion", test_confusion);
  g_test_add ("/ModelViews/rules/sort", RulesFixture, NULL,
              rules_fixture_set_up, test_rules_sort, rules_fixture_tear_down);
  g_test_add ("/ModelViews/rules/filter", RulesFixture, NULL,
              rules_fixture_set_up, test_rules_filter, rules_fixture_tear_down);
  g_test_add ("/ModelViews/rules/select", RulesFixture, NULL,
              rules_fixture_set_up, test_rules_select, rules_fixture_tear_down);
  g_test_add_func ("/ModelViews/dashboard/signals", test_dashboard_signals);
  g_test_add_func ("/ModelViews/dashboard/eta", test_dashboard_eta);
  g_test_add_func ("/ModelViews/dashboard/figures", test_dashboard_figures);
  g_test_add_func ("/ModelViews/dashboard/format-duration", test_format_duration);

  return g_test_run ();
}
