/* fuzz-workflow.c — libFuzzer target for the .strata loader
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built with -Dfuzzing=true and CC=clang (see docs/workflow.md). For each
 * input:
 *
 *   1. load it; exactly one of a workflow and an error, and the error names
 *      the source ("fuzz.strata: …");
 *   2. if it loaded: save it to text, load that, save again — the two texts
 *      must be equal (saving is a fixed point, unknown members included);
 *   3. sort it and check its inputs (must not crash), and remove each node
 *      in turn (links must go with it).
 *
 * Any crash, sanitizer report, leak or abort is a bug.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strata-workflow.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static StrataRegistry *registry;

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkflow) wf = NULL;
  g_autoptr(StrataWorkflow) again = NULL;
  g_autofree char *text1 = NULL, *text2 = NULL;
  g_autoptr(GPtrArray) order = NULL;
  gsize len1, len2;

  if (registry == NULL)
    registry = strata_registry_new_default ();

  wf = strata_workflow_load_from_data (registry, (const char *) data, size, "/fuzz", "fuzz.strata", &error);
  g_assert_true ((wf == NULL) != (error == NULL));
  if (wf == NULL)
    {
      g_assert_true (g_str_has_prefix (error->message, "fuzz.strata: "));
      return 0;
    }

  text1 = strata_workflow_to_data (wf, "/fuzz", &len1);
  again = strata_workflow_load_from_data (registry, text1, len1, "/fuzz", "saved.strata", &error);
  if (again == NULL)
    {
      /* abort(), not g_error(): libFuzzer catches SIGABRT, not SIGTRAP */
      fprintf (stderr, "a saved workflow does not load: %s\n%s\n", error->message, text1);
      abort ();
    }
  text2 = strata_workflow_to_data (again, "/fuzz", &len2);
  g_assert_cmpstr (text1, ==, text2);

  order = strata_workflow_sort (wf, &error);
  g_assert_nonnull (order);
  g_assert_cmpuint (order->len, ==, strata_workflow_get_n_nodes (wf));
  strata_workflow_check_inputs (wf, NULL);
  while (strata_workflow_get_n_nodes (wf) > 0)
    {
      g_autofree char *id = g_strdup (strata_workflow_get_node_id (wf, 0));
      g_assert_true (strata_workflow_remove_node (wf, id));
      for (guint i = 0; i < strata_workflow_get_n_links (wf); i++)
        {
          const char *from, *to;
          strata_workflow_get_link (wf, i, &from, NULL, &to, NULL);
          g_assert_cmpstr (from, !=, id);
          g_assert_cmpstr (to, !=, id);
        }
    }
  return 0;
}
