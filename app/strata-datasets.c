/* strata-datasets.c — the datasets bundled with Strata
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "strata-datasets.h"

/* Facts from data/datasets/SOURCES.md. */
static const StrataDataset datasets[] = {
  { "iris.csv", N_("Iris"),
    N_("150 iris flowers: four measurements of sepals and petals, and the species (Fisher, 1936).") },
  { "titanic/train.csv", N_("Titanic"),
    N_("891 passengers of the Titanic: class, age, fare, cabin, and whether they survived.") },
  { "mushroom-uci/agaricus-lepiota.data", N_("Mushroom"),
    N_("8,124 gilled mushrooms described by 22 categorical features, each edible or poisonous.") },
  { "daily-min-temperatures.csv", N_("Daily Minimum Temperatures"),
    N_("Ten years of daily minimum temperatures in Melbourne, 1981–1990.") },
  { "airline-passengers.csv", N_("Airline Passengers"),
    N_("Monthly international airline passengers, 1949–1960 (Box & Jenkins).") },
};

const StrataDataset *
strata_datasets_get_all (guint *n_datasets)
{
  g_return_val_if_fail (n_datasets != NULL, NULL);
  *n_datasets = G_N_ELEMENTS (datasets);
  return datasets;
}

char *
strata_datasets_dup_dir (void)
{
  static const char *const candidates[] = {
    STRATA_DATADIR "/datasets",
    STRATA_SOURCE_DATADIR "/datasets",
  };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    if (g_file_test (candidates[i], G_FILE_TEST_IS_DIR))
      return g_strdup (candidates[i]);
  return NULL;
}
