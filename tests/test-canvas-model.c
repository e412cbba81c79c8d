/* test-canvas-model.c — the canvas model and its undo stack, no display
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The model's whole state (nodes in order, positions, ports, parameters,
 * links in order) is its serialisation, so "undo restores the state" is
 * checked by comparing serialisations taken before and after, independently
 * of how each command is written. A seeded random walk of edits then undoes
 * and redoes everything and compares every intermediate state.
 */

#include "config.h"

#include "strata-canvas-model.h"

/* Undo stack on its own */

typedef struct {
  StrataUndoCommand parent;
  int *target;
  int old_value, new_value;
} SetInt;

static void set_int_apply (StrataUndoCommand *c) { SetInt *s = (SetInt *) c; *s->target = s->new_value; }
static void set_int_revert (StrataUndoCommand *c) { SetInt *s = (SetInt *) c; *s->target = s->old_value; }

static gboolean
set_int_merge (StrataUndoCommand *c, const StrataUndoCommand *n)
{
  SetInt *s = (SetInt *) c;
  const SetInt *next = (const SetInt *) n;

  if (s->target != next->target)
    return FALSE;
  s->new_value = next->new_value;
  return TRUE;
}

static const StrataUndoCommandClass set_int_class = { "set-int", set_int_apply, set_int_revert, NULL, NULL };
static const StrataUndoCommandClass set_int_merging_class = { "set-int-merge", set_int_apply, set_int_revert, NULL, set_int_merge };

static void
push_set (StrataUndoStack *stack, const StrataUndoCommandClass *klass, int *target, int value, const char *label)
{
  SetInt *s = strata_undo_command_alloc (klass, sizeof *s, label);

  s->target = target;
  s->old_value = *target;
  s->new_value = value;
  strata_undo_stack_push (stack, &s->parent);
}

static void
test_undo_stack (void)
{
  g_autoptr(StrataUndoStack) stack = strata_undo_stack_new ();
  int x = 0, y = 0;

  g_assert_false (strata_undo_stack_can_undo (stack));
  g_assert_false (strata_undo_stack_undo (stack));
  g_assert_true (strata_undo_stack_is_clean (stack));

  push_set (stack, &set_int_class, &x, 1, "one");
  push_set (stack, &set_int_class, &x, 2, "two");
  g_assert_cmpint (x, ==, 2);
  g_assert_cmpstr (strata_undo_stack_get_undo_label (stack), ==, "two");
  g_assert_false (strata_undo_stack_is_clean (stack));
  strata_undo_stack_mark_clean (stack);

  g_assert_true (strata_undo_stack_undo (stack));
  g_assert_cmpint (x, ==, 1);
  g_assert_false (strata_undo_stack_is_clean (stack));
  g_assert_cmpstr (strata_undo_stack_get_redo_label (stack), ==, "two");
  g_assert_true (strata_undo_stack_redo (stack));
  g_assert_cmpint (x, ==, 2);
  g_assert_true (strata_undo_stack_is_clean (stack));

  /* A group is one step, reverted in reverse order. */
  strata_undo_stack_begin_group (stack, "both");
  push_set (stack, &set_int_class, &x, 5, "x");
  strata_undo_stack_begin_group (stack, "nested");
  push_set (stack, &set_int_class, &y, 7, "y");
  strata_undo_stack_end_group (stack);
  g_assert_false (strata_undo_stack_can_undo (stack));
  strata_undo_stack_end_group (stack);
  g_assert_cmpuint (strata_undo_stack_get_n_undo (stack), ==, 3);
  g_assert_cmpstr (strata_undo_stack_get_undo_label (stack), ==, "both");
  g_assert_true (strata_undo_stack_undo (stack));
  g_assert_cmpint (x, ==, 2);
  g_assert_cmpint (y, ==, 0);

  /* An empty group records nothing; a new push drops the redo list and
   * with it the saved position. */
  strata_undo_stack_begin_group (stack, "empty");
  strata_undo_stack_end_group (stack);
  g_assert_cmpuint (strata_undo_stack_get_n_redo (stack), ==, 1);
  strata_undo_stack_undo (stack);
  strata_undo_stack_mark_clean (stack);
  strata_undo_stack_redo (stack);
  push_set (stack, &set_int_class, &y, 3, "y3");
  g_assert_cmpuint (strata_undo_stack_get_n_redo (stack), ==, 0);

  /* Merging: three pushes, one step. */
  push_set (stack, &set_int_merging_class, &y, 4, "m");
  push_set (stack, &set_int_merging_class, &y, 5, "m");
  push_set (stack, &set_int_merging_class, &y, 6, "m");
  g_assert_cmpint (y, ==, 6);
  strata_undo_stack_undo (stack);
  g_assert_cmpint (y, ==, 3);

  strata_undo_stack_clear (stack);
  g_assert_false (strata_undo_stack_can_undo (stack));
  g_assert_false (strata_undo_stack_can_redo (stack));
}

/* Model fixtures */

static StrataCanvasNode *
make_node (const char *id, const char *type, const char *in_kind, const char *out_kind)
{
  StrataCanvasNode *n = strata_canvas_node_new (id, type, NULL, "clean", "edit-cut-symbolic");

  if (in_kind != NULL)
    strata_canvas_node_add_port (n, "table", STRATA_CANVAS_PORT_INPUT, in_kind);
  if (out_kind != NULL)
    strata_canvas_node_add_port (n, g_str_equal (out_kind, "model") ? "model" : "table",
                                 STRATA_CANVAS_PORT_OUTPUT, out_kind);
  return n;
}

/* iris (table) → split (table → train, test) → tree (table → model) */
static StrataCanvasModel *
make_pipeline (void)
{
  StrataCanvasModel *m = strata_canvas_model_new ();
  StrataCanvasNode *split = strata_canvas_node_new ("split", "clean.split", "Split", "clean", NULL);
  StrataCanvasNode *tree = strata_canvas_node_new ("tree", "model.tree", "Tree", "model", NULL);

  strata_canvas_node_add_port (split, "table", STRATA_CANVAS_PORT_INPUT, "table");
  strata_canvas_node_add_port (split, "train", STRATA_CANVAS_PORT_OUTPUT, "table");
  strata_canvas_node_add_port (split, "test", STRATA_CANVAS_PORT_OUTPUT, "table");
  strata_canvas_node_init_param (split, "test_size", g_variant_new_double (0.25));
  strata_canvas_node_add_port (tree, "table", STRATA_CANVAS_PORT_INPUT, "table");
  strata_canvas_node_add_port (tree, "model", STRATA_CANVAS_PORT_OUTPUT, "model");
  strata_canvas_node_init_param (tree, "criterion", g_variant_new_string ("gini"));
  strata_canvas_node_init_param (tree, "max_depth", g_variant_new_int64 (4));

  g_assert_true (strata_canvas_model_add_node (m, make_node ("iris", "data.csv", NULL, "table"), 0, 0, NULL));
  g_assert_true (strata_canvas_model_add_node (m, split, 250, 0, NULL));
  g_assert_true (strata_canvas_model_add_node (m, tree, 500, 0, NULL));
  g_assert_true (strata_canvas_model_link (m, "iris", "table", "split", "table", NULL));
  g_assert_true (strata_canvas_model_link (m, "split", "train", "tree", "table", NULL));
  strata_undo_stack_clear (strata_canvas_model_get_undo_stack (m));
  return m;
}

static void
test_add (void)
{
  g_autoptr(StrataCanvasModel) m = make_pipeline ();
  g_autoptr(GError) error = NULL;
  StrataCanvasNode *n;

  g_assert_cmpuint (strata_canvas_model_get_nodes (m)->len, ==, 3);
  g_assert_false (strata_canvas_model_add_node (m, make_node ("iris", "data.csv", NULL, "table"), 0, 0, &error));
  g_assert_error (error, STRATA_CANVAS_MODEL_ERROR, STRATA_CANVAS_MODEL_ERROR_DUPLICATE_ID);
  g_assert_nonnull (strstr (error->message, "iris"));

  /* NULL ids are derived from the type and made unique. */
  g_assert_true (strata_canvas_model_add_node (m, make_node (NULL, "model.tree", "table", "model"), 1, 2, NULL));
  g_assert_true (strata_canvas_model_add_node (m, make_node (NULL, "model.tree", "table", "model"), 1, 2, NULL));
  n = g_ptr_array_index (strata_canvas_model_get_nodes (m), 4);
  g_assert_cmpstr (strata_canvas_node_get_id (n), ==, "tree-3");
  g_assert_cmpstr (strata_canvas_node_get_title (n), ==, "tree-3");
  g_assert_cmpfloat (strata_canvas_node_get_x (n), ==, 1);
  g_assert_cmpfloat (strata_canvas_node_get_y (n), ==, 2);
}

static void
test_link_rules (void)
{
  g_autoptr(StrataCanvasModel) m = make_pipeline ();
  g_autoptr(GError) error = NULL;
  guint undo_before = strata_undo_stack_get_n_undo (strata_canvas_model_get_undo_stack (m));

  /* model → table: refused, with both kinds in the reason. */
  g_assert_true (strata_canvas_model_add_node (m, make_node ("metrics", "eval.metrics", "table", NULL), 0, 300, NULL));
  g_assert_false (strata_canvas_model_link (m, "tree", "model", "metrics", "table", &error));
  g_assert_error (error, STRATA_CANVAS_MODEL_ERROR, STRATA_CANVAS_MODEL_ERROR_INCOMPATIBLE);
  g_assert_nonnull (strstr (error->message, "“model”"));
  g_assert_nonnull (strstr (error->message, "“table”"));
  g_clear_error (&error);

  /* Cycles and self-loops. */
  g_assert_true (strata_canvas_model_add_node (m, make_node ("norm", "clean.normalize", "table", "table"), 0, 300, NULL));
  g_assert_true (strata_canvas_model_link (m, "split", "test", "norm", "table", NULL));
  g_assert_false (strata_canvas_model_link (m, "norm", "table", "split", "table", &error));
  g_assert_error (error, STRATA_CANVAS_MODEL_ERROR, STRATA_CANVAS_MODEL_ERROR_CYCLE);
  g_clear_error (&error);
  g_assert_false (strata_canvas_model_link (m, "norm", "table", "norm", "table", &error));
  g_assert_error (error, STRATA_CANVAS_MODEL_ERROR, STRATA_CANVAS_MODEL_ERROR_CYCLE);
  g_clear_error (&error);

  /* Missing nodes and ports; wrong direction. */
  g_assert_false (strata_canvas_model_link (m, "nope", "table", "norm", "table", &error));
  g_assert_error (error, STRATA_CANVAS_MODEL_ERROR, STRATA_CANVAS_MODEL_ERROR_NO_NODE);
  g_clear_error (&error);
  g_assert_false (strata_canvas_model_link (m, "split", "table", "norm", "table", &error));
  g_assert_error (error, STRATA_CANVAS_MODEL_ERROR, STRATA_CANVAS_MODEL_ERROR_NO_PORT);
  g_clear_error (&error);

  /* Refusals record nothing: two adds and one link only. */
  g_assert_cmpuint (strata_canvas_model_get_links (m)->len, ==, 3);
  g_assert_cmpuint (strata_undo_stack_get_n_undo (strata_canvas_model_get_undo_stack (m)), ==, undo_before + 3);

  /* A link onto a fed input replaces the old one; undo brings it back. */
  g_assert_true (strata_canvas_model_link (m, "split", "test", "tree", "table", NULL));
  g_assert_cmpstr (strata_canvas_model_get_input_link (m, "tree", "table")->from_port, ==, "test");
  g_assert_cmpuint (strata_canvas_model_get_links (m)->len, ==, 3);
  strata_undo_stack_undo (strata_canvas_model_get_undo_stack (m));
  g_assert_cmpstr (strata_canvas_model_get_input_link (m, "tree", "table")->from_port, ==, "train");
}

static gboolean
table_feeds_anything (const char *out_kind, const char *in_kind, char **reason, gpointer data)
{
  int *calls = data;

  (*calls)++;
  if (g_str_equal (out_kind, "table") || g_str_equal (out_kind, in_kind))
    return TRUE;
  *reason = g_strdup_printf ("custom: %s into %s", out_kind, in_kind);
  return FALSE;
}

static void
test_link_custom_rule (void)
{
  g_autoptr(StrataCanvasModel) m = make_pipeline ();
  g_autoptr(GError) error = NULL;
  int calls = 0;

  g_assert_true (strata_canvas_model_add_node (m, make_node ("pred", "eval.predict", "model", NULL), 0, 0, NULL));
  g_assert_false (strata_canvas_model_link (m, "split", "test", "pred", "table", &error));
  g_assert_error (error, STRATA_CANVAS_MODEL_ERROR, STRATA_CANVAS_MODEL_ERROR_INCOMPATIBLE);
  g_clear_error (&error);
  g_assert_false (strata_canvas_model_kinds_compatible (m, "table", "model", NULL));

  strata_canvas_model_set_compatibility_func (m, table_feeds_anything, &calls, NULL);
  g_assert_true (strata_canvas_model_kinds_compatible (m, "table", "model", NULL));
  g_assert_true (strata_canvas_model_link (m, "iris", "table", "pred", "table", NULL));
  g_assert_false (strata_canvas_model_link (m, "tree", "model", "split", "table", &error));
  g_assert_error (error, STRATA_CANVAS_MODEL_ERROR, STRATA_CANVAS_MODEL_ERROR_INCOMPATIBLE);
  g_assert_cmpstr (error->message, ==, "custom: model into table");
  g_assert_cmpint (calls, >=, 3);
}

static void
test_downstream (void)
{
  g_autoptr(StrataCanvasModel) m = make_pipeline ();
  g_autoptr(GPtrArray) down = strata_canvas_model_get_downstream (m, "split");
  g_autoptr(GPtrArray) none = strata_canvas_model_get_downstream (m, "nope");

  g_assert_cmpuint (down->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (down, 0), ==, "split");
  g_assert_cmpstr (g_ptr_array_index (down, 1), ==, "tree");
  g_assert_cmpuint (none->len, ==, 0);
}

/* Undo / redo of every kind of edit */

typedef void (*EditFunc) (StrataCanvasModel *m);

static void edit_add (StrataCanvasModel *m) { g_assert_true (strata_canvas_model_add_node (m, make_node (NULL, "clean.impute", "table", "table"), 9, 9, NULL)); }
static void edit_remove (StrataCanvasModel *m) { const char *ids[] = { "split", NULL }; g_assert_cmpuint (strata_canvas_model_remove_nodes (m, ids), ==, 1); }
static void edit_remove_two (StrataCanvasModel *m) { const char *ids[] = { "tree", "iris", NULL }; g_assert_cmpuint (strata_canvas_model_remove_nodes (m, ids), ==, 2); }
static void edit_move (StrataCanvasModel *m) { const char *ids[] = { "split", "tree", NULL }; strata_canvas_model_move_nodes (m, ids, 10, -5, FALSE); }
static void edit_link (StrataCanvasModel *m) { g_assert_true (strata_canvas_model_link (m, "iris", "table", "tree", "table", NULL)); }
static void edit_unlink (StrataCanvasModel *m) { g_assert_true (strata_canvas_model_unlink (m, "split", "table")); }
static void edit_param (StrataCanvasModel *m) { g_assert_true (strata_canvas_model_set_param (m, "tree", "max_depth", g_variant_new_int64 (7), NULL)); }
static void edit_param_remove (StrataCanvasModel *m) { g_assert_true (strata_canvas_model_set_param (m, "split", "test_size", NULL, NULL)); }
static void edit_duplicate (StrataCanvasModel *m) { const char *ids[] = { "split", "tree", NULL }; g_autoptr(GPtrArray) n = strata_canvas_model_duplicate (m, ids, 20, 20); g_assert_cmpuint (n->len, ==, 2); }

static void
edit_paste (StrataCanvasModel *m)
{
  const char *ids[] = { "iris", "split", NULL };
  g_autofree char *text = strata_canvas_model_serialize (m, ids);

  g_assert_true (strata_canvas_model_paste (m, text, 0, 100, NULL, NULL));
}

static void
edit_keyboard_moves (StrataCanvasModel *m)
{
  const char *ids[] = { "iris", NULL };

  for (int i = 0; i < 5; i++)
    strata_canvas_model_move_nodes (m, ids, 8, 0, TRUE);
}

static void
edit_param_typing (StrataCanvasModel *m)
{
  for (int d = 1; d <= 12; d++)
    strata_canvas_model_set_param (m, "tree", "max_depth", g_variant_new_int64 (d), NULL);
}

static void
test_undo_edit (gconstpointer data)
{
  EditFunc edit = (EditFunc) data;
  g_autoptr(StrataCanvasModel) m = make_pipeline ();
  StrataUndoStack *stack = strata_canvas_model_get_undo_stack (m);
  g_autofree char *before = strata_canvas_model_serialize (m, NULL);
  g_autofree char *after = NULL, *undone = NULL, *redone = NULL;

  edit (m);
  after = strata_canvas_model_serialize (m, NULL);
  g_assert_cmpstr (before, !=, after);
  /* Each edit, however many commands inside, is one step. */
  g_assert_cmpuint (strata_undo_stack_get_n_undo (stack), ==, 1);

  g_assert_true (strata_undo_stack_undo (stack));
  undone = strata_canvas_model_serialize (m, NULL);
  g_assert_cmpstr (undone, ==, before);
  g_assert_true (strata_undo_stack_redo (stack));
  redone = strata_canvas_model_serialize (m, NULL);
  g_assert_cmpstr (redone, ==, after);
}

static void
test_undo_random_walk (void)
{
  g_autoptr(StrataCanvasModel) m = make_pipeline ();
  StrataUndoStack *stack = strata_canvas_model_get_undo_stack (m);
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  g_ptr_array_add (states, strata_canvas_model_serialize (m, NULL));
  for (int step = 0; step < 60; step++)
    {
      GPtrArray *nodes = strata_canvas_model_get_nodes (m);
      const char *a, *b;
      const char *ids[2] = { NULL, NULL };
      guint before = strata_undo_stack_get_n_undo (stack);

      if (nodes->len < 2)
        {
          edit_add (m);
          g_ptr_array_add (states, strata_canvas_model_serialize (m, NULL));
          continue;
        }
      a = strata_canvas_node_get_id (g_ptr_array_index (nodes, g_rand_int_range (rand, 0, nodes->len)));
      b = strata_canvas_node_get_id (g_ptr_array_index (nodes, g_rand_int_range (rand, 0, nodes->len)));
      ids[0] = a;
      switch (g_rand_int_range (rand, 0, 6))
        {
        case 0: edit_add (m); break;
        case 1: strata_canvas_model_remove_nodes (m, ids); break;
        case 2: strata_canvas_model_move_nodes (m, ids, g_rand_int_range (rand, -50, 50), 7, FALSE); break;
        case 3: strata_canvas_model_link (m, a, "table", b, "table", NULL); break;
        case 4: strata_canvas_model_unlink (m, a, "table"); break;
        default:
          strata_canvas_model_set_param (m, a, g_rand_boolean (rand) ? "p" : "q",
                                         g_variant_new_int64 (step), NULL);
          break;
        }
      /* Refused or empty edits record nothing. */
      if (strata_undo_stack_get_n_undo (stack) != before)
        g_ptr_array_add (states, strata_canvas_model_serialize (m, NULL));
    }
  g_assert_cmpuint (states->len, >, 30);
  g_assert_cmpuint (strata_undo_stack_get_n_undo (stack), ==, states->len - 1);

  for (guint i = states->len - 1; i > 0; i--)
    {
      g_autofree char *now = NULL;

      g_assert_true (strata_undo_stack_undo (stack));
      now = strata_canvas_model_serialize (m, NULL);
      g_assert_cmpstr (now, ==, g_ptr_array_index (states, i - 1));
    }
  g_assert_false (strata_undo_stack_undo (stack));
  for (guint i = 1; i < states->len; i++)
    {
      g_autofree char *now = NULL;

      g_assert_true (strata_undo_stack_redo (stack));
      now = strata_canvas_model_serialize (m, NULL);
      g_assert_cmpstr (now, ==, g_ptr_array_index (states, i));
    }
}

/* Serialisation */

static void
test_paste_roundtrip (void)
{
  g_autoptr(StrataCanvasModel) m = make_pipeline ();
  g_autoptr(StrataCanvasModel) other = strata_canvas_model_new ();
  g_autoptr(GPtrArray) ids = NULL;
  g_autofree char *all = strata_canvas_model_serialize (m, NULL);
  g_autofree char *copy = NULL;
  const char *pair[] = { "split", "tree", NULL };
  g_autofree char *two = strata_canvas_model_serialize (m, pair);
  GVariant *depth;

  /* Into an empty model: the same document. */
  g_assert_true (strata_canvas_model_paste (other, all, 0, 0, NULL, NULL));
  copy = strata_canvas_model_serialize (other, NULL);
  g_assert_cmpstr (copy, ==, all);
  depth = strata_canvas_node_get_param (strata_canvas_model_get_node (other, "tree"), "max_depth");
  g_assert_cmpint (g_variant_get_int64 (depth), ==, 4);

  /* Into the same model: renamed, the inner link follows, the outer one
   * (iris → split) is not part of the fragment. */
  g_assert_true (strata_canvas_model_paste (m, two, 30, 40, &ids, NULL));
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (ids, 0), ==, "split-2");
  g_assert_cmpstr (g_ptr_array_index (ids, 1), ==, "tree-2");
  g_assert_cmpfloat (strata_canvas_node_get_x (strata_canvas_model_get_node (m, "split-2")), ==, 280);
  g_assert_cmpfloat (strata_canvas_node_get_y (strata_canvas_model_get_node (m, "split-2")), ==, 40);
  g_assert_cmpstr (strata_canvas_model_get_input_link (m, "tree-2", "table")->from_node, ==, "split-2");
  g_assert_null (strata_canvas_model_get_input_link (m, "split-2", "table"));
  g_assert_cmpuint (strata_canvas_model_get_links (m)->len, ==, 3);
}

static void
test_paste_bad (void)
{
  static const struct { const char *text; const char *mentions; } cases[] = {
    { "{", "pasted text" },
    { "[1, 2]", "not a canvas fragment" },
    { "{\"format\": \"other\", \"nodes\": []}", "not a canvas fragment" },
    { "{\"format\": \"strata-canvas\", \"nodes\": [{\"type\": \"x\", \"position\": [0, 0]}]}", "node 1" },
    { "{\"format\": \"strata-canvas\", \"nodes\": [{\"id\": \"a\", \"type\": \"x\"}]}", "node “a”" },
    { "{\"format\": \"strata-canvas\", \"nodes\": [{\"id\": \"a\", \"type\": \"x\", \"position\": [0, 0],"
      " \"ports\": [{\"name\": \"t\", \"direction\": \"sideways\", \"kind\": \"table\"}]}]}", "port 1" },
    { "{\"format\": \"strata-canvas\", \"nodes\": [{\"id\": \"a\", \"type\": \"x\", \"position\": [0, 0]},"
      " {\"id\": \"a\", \"type\": \"x\", \"position\": [0, 0]}]}", "twice" },
    { "{\"format\": \"strata-canvas\", \"nodes\": [{\"id\": \"a\", \"type\": \"x\", \"position\": [0, 0]}],"
      " \"links\": [{\"from\": \"a:t\", \"to\": \"zz:t\"}]}", "link 1" },
  };
  g_autoptr(StrataCanvasModel) m = make_pipeline ();
  g_autofree char *before = strata_canvas_model_serialize (m, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *after = NULL;

      g_test_message ("case %u: %s", i, cases[i].text);
      g_assert_false (strata_canvas_model_paste (m, cases[i].text, 0, 0, NULL, &error));
      g_assert_error (error, STRATA_CANVAS_MODEL_ERROR, STRATA_CANVAS_MODEL_ERROR_PARSE);
      g_assert_nonnull (strstr (error->message, cases[i].mentions));
      after = strata_canvas_model_serialize (m, NULL);
      g_assert_cmpstr (after, ==, before);
    }
  g_assert_false (strata_undo_stack_can_undo (strata_canvas_model_get_undo_stack (m)));
}

/* Signals */

typedef struct { int added, removed, changed, links_added, links_removed; } Counts;

static void on_added (StrataCanvasModel *m, const char *id, Counts *c) { c->added++; }
static void on_removed (StrataCanvasModel *m, const char *id, Counts *c) { c->removed++; g_assert_null (strata_canvas_model_get_node (m, id)); }
static void on_changed (StrataCanvasModel *m, const char *id, guint what, Counts *c) { c->changed++; }
static void on_link_added (StrataCanvasModel *m, gpointer link, Counts *c) { c->links_added++; }
static void on_link_removed (StrataCanvasModel *m, gpointer link, Counts *c) { c->links_removed++; }

static void
test_signals (void)
{
  g_autoptr(StrataCanvasModel) m = make_pipeline ();
  Counts c = { 0 };
  const char *ids[] = { "split", NULL };

  g_signal_connect (m, "node-added", G_CALLBACK (on_added), &c);
  g_signal_connect (m, "node-removed", G_CALLBACK (on_removed), &c);
  g_signal_connect (m, "node-changed", G_CALLBACK (on_changed), &c);
  g_signal_connect (m, "link-added", G_CALLBACK (on_link_added), &c);
  g_signal_connect (m, "link-removed", G_CALLBACK (on_link_removed), &c);

  strata_canvas_model_remove_nodes (m, ids);
  g_assert_cmpint (c.removed, ==, 1);
  g_assert_cmpint (c.links_removed, ==, 2);
  strata_undo_stack_undo (strata_canvas_model_get_undo_stack (m));
  g_assert_cmpint (c.added, ==, 1);
  g_assert_cmpint (c.links_added, ==, 2);

  strata_canvas_model_set_status (m, "tree", STRATA_CANVAS_STATUS_RUNNING, 1.5, NULL);
  g_assert_cmpint (c.changed, ==, 1);
  g_assert_cmpfloat (strata_canvas_node_get_progress (strata_canvas_model_get_node (m, "tree")), ==, 1.0);
  /* Status is not an edit. */
  g_assert_cmpuint (strata_undo_stack_get_n_redo (strata_canvas_model_get_undo_stack (m)), ==, 1);
}

int
main (int argc, char **argv)
{
  static const struct { const char *name; EditFunc func; } edits[] = {
    { "add", edit_add },
    { "remove", edit_remove },
    { "remove-two", edit_remove_two },
    { "move", edit_move },
    { "move-keyboard", edit_keyboard_moves },
    { "link", edit_link },
    { "unlink", edit_unlink },
    { "param", edit_param },
    { "param-typing", edit_param_typing },
    { "param-remove", edit_param_remove },
    { "paste", edit_paste },
    { "duplicate", edit_duplicate },
  };

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/UndoStack/basic", test_undo_stack);
  g_test_add_func ("/CanvasModel/add", test_add);
  g_test_add_func ("/CanvasModel/link/rules", test_link_rules);
  g_test_add_func ("/CanvasModel/link/custom-rule", test_link_custom_rule);
  g_test_add_func ("/CanvasModel/downstream", test_downstream);
  g_test_add_func ("/CanvasModel/signals", test_signals);
  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_autofree char *path = g_strdup_printf ("/CanvasModel/undo/%s", edits[i].name);
      g_test_add_data_func (path, (gconstpointer) edits[i].func, test_undo_edit);
    }
  g_test_add_func ("/CanvasModel/undo/random-walk", test_undo_random_walk);
  g_test_add_func ("/CanvasModel/paste/roundtrip", test_paste_roundtrip);
  g_test_add_func ("/CanvasModel/paste/bad", test_paste_bad);

  return g_test_run ();
}
