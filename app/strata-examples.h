/* strata-examples.h — the example workflows shipped with Strata
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Example workflows are the .strata files of resources/examples, installed
 * to $prefix/share/strata/examples and found in the source tree when Strata
 * runs from its build directory. Each known example has a title and a
 * sentence on what it teaches; an unknown file is listed by its name.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char *path;         /* absolute */
  char *title;        /* translated */
  char *description;  /* translated, one sentence */
} StrataExample;

void        strata_example_free          (StrataExample *example);
/* The folder of the examples, or NULL. Transfer full. */
char       *strata_examples_dup_dir      (void);
/* Every *.strata file of that folder, known ones first, in a fixed order.
 * A GPtrArray of StrataExample (transfer full), possibly empty. */
GPtrArray  *strata_examples_list         (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataExample, strata_example_free)

G_END_DECLS
