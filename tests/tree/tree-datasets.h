/* tree-datasets.h — the datasets the tree tests and benchmark share
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each dataset is prepared exactly as tests/fixtures/tree/gen.py prepares it
 * for scikit-learn (see there and docs/tree.md), from data/datasets/:
 *
 *   "iris"             4 numeric features, target species
 *   "iris-regression"  sepal_length, sepal_width, petal_length → petal_width
 *   "titanic"          cleaned Titanic, 7 numeric features, target Survived
 *   "mushroom"         22 features as ordinal codes ('?' a value), target "1"
 *   "mushroom-native"  the same features as categorical columns, '?' missing
 *
 * The test split is every fourth row (0-based row % 4 == 0).
 */

#pragma once

#include "strata-table.h"

G_BEGIN_DECLS

/* Transfer full; NULL with @error set when the file cannot be read. */
StrataTable *tree_dataset_load   (const char   *name,
                                  GError      **error);
/* The target column's name. */
const char  *tree_dataset_target (const char   *name);
/* Train rows (row % 4 != 0) and test rows (row % 4 == 0). Transfer full. */
void         tree_dataset_split  (StrataTable  *table,
                                  StrataTable **train,
                                  StrataTable **test);

G_END_DECLS
