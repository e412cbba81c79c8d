/* strata-node-groups.h — the built-in node groups, one line each
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An X-macro list: each line names a group whose file
 * engine/strata-nodes-GROUP.c defines
 *
 *   void strata_nodes_GROUP_register (StrataRegistry *registry);
 *
 * strata-node.c expands the list into prototypes and calls, so adding a
 * group of node types is one line here (sorted) plus the file in
 * engine/meson.build. No include guard: included on purpose more than once.
 */

STRATA_NODE_GROUP (clean)
STRATA_NODE_GROUP (data)
STRATA_NODE_GROUP (eval)
STRATA_NODE_GROUP (mine)
STRATA_NODE_GROUP (tree)
STRATA_NODE_GROUP (network)
