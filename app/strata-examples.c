/* strata-examples.c — the example workflows shipped with Strata
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "strata-examples.h"

/* What each example teaches, in the order the welcome page lists them. */
static const struct {
  const char *file;
  const char *title;
  const char *description;
} known[] = {
  { "mnist-lenet.strata", N_("Handwritten Digits (LeNet-5)"),
    N_("Train a convolutional network on MNIST and watch its loss fall as it learns.") },
  { "mnist-mlp.strata", N_("Handwritten Digits (MLP)"),
    N_("A plain three-layer network with Adam: compare its curve and accuracy with LeNet-5's.") },
  { "airline-lstm.strata", N_("Forecasting Airline Passengers (LSTM)"),
    N_("A recurrent network learns the seasonal pattern of twelve years of monthly passengers, scored against simply repeating last year’s figures.") },
  { "iris-tree.strata", N_("A Decision Tree for Iris"),
    N_("Split the flowers, grow a CART tree and read its rules and its confusion matrix.") },
  { "groceries-apriori.strata", N_("Association Rules in Groceries"),
    N_("Mine a month of shopping baskets for rules like “yogurt & whole milk → curd”, with support, confidence and lift.") },
  { "titanic-clean.strata", N_("Cleaning the Titanic"),
    N_("Drop a column, split train and test, impute missing ages and one-hot encode: cleaning without leaking the test set.") },
  { "iris-prepare.strata", N_("Preparing Iris"),
    N_("Standardize four measurements and split the flowers by species: the usual preparation before a model.") },
  { "airline-window.strata", N_("Airline Passengers as Sequences"),
    N_("Scale a monthly series and cut it into 12-month windows, the input a sequence model learns from.") },
};

void
strata_example_free (StrataExample *example)
{
  if (example == NULL)
    return;
  g_free (example->path);
  g_free (example->title);
  g_free (example->description);
  g_free (example);
}

char *
strata_examples_dup_dir (void)
{
  static const char *const candidates[] = {
    STRATA_DATADIR "/examples",
    STRATA_SOURCE_DATADIR "/../resources/examples",
  };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    if (g_file_test (candidates[i], G_FILE_TEST_IS_DIR))
      return g_canonicalize_filename (candidates[i], NULL);
  return NULL;
}

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  const StrataExample *x = *(StrataExample * const *) a;
  const StrataExample *y = *(StrataExample * const *) b;

  return g_strcmp0 (x->path, y->path);
}

GPtrArray *
strata_examples_list (void)
{
  g_autofree char *dir = strata_examples_dup_dir ();
  GPtrArray *examples = g_ptr_array_new_with_free_func ((GDestroyNotify) strata_example_free);
  g_autoptr(GPtrArray) others = g_ptr_array_new_with_free_func ((GDestroyNotify) strata_example_free);
  g_autoptr(GDir) listing = dir != NULL ? g_dir_open (dir, 0, NULL) : NULL;
  const char *name;

  for (guint i = 0; dir != NULL && i < G_N_ELEMENTS (known); i++)
    {
      g_autofree char *path = g_build_filename (dir, known[i].file, NULL);
      StrataExample *example;

      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;
      example = g_new0 (StrataExample, 1);
      example->path = g_steal_pointer (&path);
      example->title = g_strdup (_(known[i].title));
      example->description = g_strdup (_(known[i].description));
      g_ptr_array_add (examples, example);
    }
  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      gboolean is_known = FALSE;
      StrataExample *example;

      if (!g_str_has_suffix (name, ".strata"))
        continue;
      for (guint i = 0; i < G_N_ELEMENTS (known); i++)
        is_known |= g_strcmp0 (name, known[i].file) == 0;
      if (is_known)
        continue;
      example = g_new0 (StrataExample, 1);
      example->path = g_build_filename (dir, name, NULL);
      example->title = g_strndup (name, strlen (name) - strlen (".strata"));
      example->description = g_strdup (_("An example workflow."));
      g_ptr_array_add (others, example);
    }
  g_ptr_array_sort (others, compare_names);
  for (guint i = 0; i < others->len; i++)
    g_ptr_array_add (examples, g_ptr_array_steal_index (others, i--));
  return examples;
}
