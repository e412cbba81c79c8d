/* strata-datasets.h — the datasets bundled with Strata
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The welcome page offers these. They live in STRATA_DATADIR "/datasets"
 * once installed and in STRATA_SOURCE_DATADIR "/datasets" in a build tree.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  const char *path;         /* relative to the datasets folder */
  const char *title;        /* untranslated (N_), translate with _() */
  const char *description;  /* one sentence, untranslated (N_) */
} StrataDataset;

/* The datasets the welcome page offers, in the order shown; @n_datasets
 * receives their number. Static. */
const StrataDataset *strata_datasets_get_all (guint *n_datasets);

/* The folder holding the bundled datasets: the installed one when it
 * exists, else the source tree's, else NULL. Transfer full. */
char                *strata_datasets_dup_dir (void);

G_END_DECLS
