/* demo-model-views.c — screenshots of the model views
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writes the pictures of docs/model-views.md into OUTDIR:
 *
 *   tree-view.png        the tree grown on all of iris, a leaf selected
 *   tree-view-folded.png the same with a subtree folded
 *   tree-view-regression.png  a depth-3 regression tree of petal_width
 *   confusion-view.png   a depth-3 tree trained on two thirds of iris,
 *                        tested on the rest, row-normalised
 *   rules-view.png       groceries.csv at min_support 0.01 and
 *                        min_confidence 0.1, filtered by "whole milk", the
 *                        rule of highest lift selected
 *   dashboard.png        a synthetic run of 10 epochs, paused in epoch 7
 *
 *   xvfb-run -a ./build/tests/demo-model-views OUTDIR [--dark]
 *
 * --dark renders with libadwaita's dark style and adds "-dark" to the
 * names. Each widget is shown in a real window, then its GtkWidgetPaintable
 * is snapshotted over the window background and rendered with the window's
 * GskRenderer into a PNG.
 */

#include "config.h"

#include <math.h>

#include <adwaita.h>

#include "model-views-fixtures.h"
#include "strata-confusion-view.h"
#include "strata-rule-list.h"
#include "strata-rules-view.h"
#include "strata-training-dashboard.h"
#include "strata-tree-view.h"
#include "strata-view-style.h"

/* Renders @window's child over the window background into @path. */
static void
save (GtkWidget  *window,
      const char *dir,
      const char *name,
      gboolean    dark)
{
  GtkWidget *child = gtk_window_get_child (GTK_WINDOW (window));
  int w = gtk_widget_get_width (child), h = gtk_widget_get_height (child);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (child);
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = g_strdup_printf ("%s%s.png", name, dark ? "-dark" : "");
  g_autofree char *path = g_build_filename (dir, file, NULL);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;
  GdkRGBA background;

  fixture_run_frames (child, 3);
  strata_view_lookup_color (window, "window_bg_color", "#fafafa", &background);
  gtk_snapshot_append_color (snapshot, &background, &GRAPHENE_RECT_INIT (0, 0, w, h));
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  gsk_render_node_unref (node);
  if (!gdk_texture_save_to_png (texture, path))
    g_error ("cannot write %s", path);
  g_print ("%s\n", path);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* @child in a box with a margin (the picture is the box). */
static GtkWidget *
padded (GtkWidget *child)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_widget_set_margin_start (child, 18);
  gtk_widget_set_margin_end (child, 18);
  gtk_widget_set_margin_top (child, 18);
  gtk_widget_set_margin_bottom (child, 18);
  gtk_widget_set_vexpand (child, TRUE);
  gtk_box_append (GTK_BOX (box), child);
  return box;
}

static void
demo_tree (const char *dir,
           gboolean    dark)
{
  g_autoptr(StrataTable) iris = fixture_read_iris ();
  g_autoptr(StrataTree) tree = fixture_fit_iris_tree (iris, 0);
  g_autoptr(GError) error = NULL;
  g_autofree gint32 *leaves = strata_tree_apply (tree, iris, &error);
  StrataTreeView *view = STRATA_TREE_VIEW (strata_tree_view_new ());
  GtkWidget *window;

  g_assert_no_error (error);
  strata_tree_view_set_tree (view, tree);
  window = fixture_show (GTK_WIDGET (view), 1400, 760);
  /* Row 133 (a virginica) ends in a deep leaf: its path crosses the tree. */
  strata_tree_view_select (view, leaves[133]);
  save (window, dir, "tree-view", dark);

  /* The same tree with the root's "no" branch folded at its second level,
   * zoomed in by the keyboard. */
  view = STRATA_TREE_VIEW (strata_tree_view_new ());
  strata_tree_view_set_tree (view, tree);
  window = fixture_show (GTK_WIDGET (view), 900, 560);
  {
    StrataTreeNode root, right;

    strata_tree_get_node (tree, 0, &root);
    strata_tree_get_node (tree, root.right, &right);
    strata_tree_view_set_collapsed (view, right.left, TRUE);
    strata_tree_view_select (view, right.left);
  }
  strata_tree_view_fit (view);
  save (window, dir, "tree-view-folded", dark);
}

/* A regression tree (petal_width from the other columns, species
 * included: a categorical split). */
static void
demo_regression (const char *dir,
                 gboolean    dark)
{
  g_autoptr(StrataTable) iris = fixture_read_iris ();
  g_autoptr(StrataTree) tree = NULL;
  g_autoptr(GError) error = NULL;
  StrataTreeView *view = STRATA_TREE_VIEW (strata_tree_view_new ());
  StrataTreeParams params;

  strata_tree_params_init (&params);
  params.max_depth = 3;
  params.n_threads = 1;
  tree = strata_tree_fit (iris, "petal_width", &params, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  strata_tree_view_set_tree (view, tree);
  save (fixture_show (GTK_WIDGET (view), 1300, 560), dir, "tree-view-regression", dark);
}

static void
demo_confusion (const char *dir,
                gboolean    dark)
{
  g_autoptr(StrataTable) iris = fixture_read_iris ();
  g_autoptr(StrataTable) train = NULL;
  g_autoptr(StrataTable) test = NULL;
  g_autoptr(StrataTree) tree = NULL;
  g_autoptr(StrataClassificationMetrics) m = NULL;
  StrataConfusionView *view = STRATA_CONFUSION_VIEW (strata_confusion_view_new ());
  const char *names[4] = { NULL };

  fixture_split_iris (iris, &train, &test);
  tree = fixture_fit_iris_tree (train, 2);
  m = fixture_tree_metrics (tree, test);
  for (guint c = 0; c < 3; c++)
    names[c] = strata_tree_get_class (tree, c);
  strata_confusion_view_set_metrics (view, m, names);
  strata_confusion_view_set_normalize (view, TRUE);
  save (fixture_show (padded (GTK_WIDGET (view)), 860, 380), dir, "confusion-view", dark);
}

static void
demo_rules (const char *dir,
            gboolean    dark)
{
  g_autoptr(StrataRules) rules = fixture_groceries_rules (0.01, 0.1);
  StrataRulesView *view = STRATA_RULES_VIEW (strata_rules_view_new ());
  GtkWidget *window;
  GListModel *model;

  strata_rules_view_set_rules (view, rules);
  strata_rules_view_sort_by (view, "lift", GTK_SORT_DESCENDING);
  strata_rules_view_set_filter_text (view, "whole milk");
  window = fixture_show (GTK_WIDGET (view), 1400, 640);
  model = strata_rules_view_get_model (view);
  if (g_list_model_get_n_items (model) > 0)
    {
      g_autoptr(StrataRuleItem) top = g_list_model_get_item (model, 0);

      strata_rules_view_select_rule (view, strata_rule_item_get_index (top));
    }
  /* Not the search entry: its text would show selected. */
  gtk_widget_grab_focus (GTK_WIDGET (strata_rules_view_get_column_view (view)));
  save (window, dir, "rules-view", dark);
}

static void
demo_dashboard (const char *dir,
                gboolean    dark)
{
  StrataTrainingDashboard *dash = STRATA_TRAINING_DASHBOARD (strata_training_dashboard_new ());
  GtkWidget *window = fixture_show (padded (GTK_WIDGET (dash)), 1000, 660);
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  const guint epochs = 10, steps = 120;
  double t = 0;

  strata_training_dashboard_start (dash, "lr = 0.01", epochs, steps, 64);
  for (guint e = 0; e < 7; e++)
    {
      for (guint s = 0; s < steps && !(e == 6 && s == 45); s++)
        {
          double x = (e * steps + s) / (double) steps;
          StrataTrainingStep step = {
            e, s, t += 0.021 + 0.004 * g_rand_double (rand), 64,
            (0.25 + 2.0 * exp (-x * 1.1)) * (1 + 0.25 * (g_rand_double (rand) - 0.5)),
            0.98 - 0.6 * exp (-x * 1.3) + 0.04 * (g_rand_double (rand) - 0.5),
            0.01 * pow (0.8, e),
          };

          strata_training_dashboard_push_step (dash, &step);
        }
      if (e < 6)
        strata_training_dashboard_push_epoch (dash, e, t, 0.32 + 1.9 * exp (-(e + 1.0)),
                                              0.97 - 0.5 * exp (-(e + 1.0) * 1.2));
    }
  gtk_widget_activate_action (GTK_WIDGET (dash), "dashboard.pause", NULL);
  save (window, dir, "dashboard", dark);
}

int
main (int   argc,
      char *argv[])
{
  gboolean dark = argc > 2 && g_str_equal (argv[2], "--dark");

  if (argc < 2)
    {
      g_printerr ("usage: demo-model-views OUTDIR [--dark]\n");
      return 2;
    }
  gtk_init ();
  adw_init ();
  if (dark)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                        ADW_COLOR_SCHEME_FORCE_DARK);
  else
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                        ADW_COLOR_SCHEME_FORCE_LIGHT);
  demo_tree (argv[1], dark);
  demo_regression (argv[1], dark);
  demo_confusion (argv[1], dark);
  demo_rules (argv[1], dark);
  demo_dashboard (argv[1], dark);
  return 0;
}
