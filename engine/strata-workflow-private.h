/* strata-workflow-private.h — the workflow's fields, shared by the graph
 * code (strata-workflow.c) and the file code (strata-workflow-io.c)
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "strata-workflow.h"

typedef struct {
  char                 *id;
  const StrataNodeType *type;     /* borrowed from the registry */
  StrataParams         *params;   /* owned; PATH values absolute */
  double                x, y;
  JsonObject           *extra;    /* owned: the object as read, for unknown members */
} StrataWfNode;

typedef struct {
  char       *from_node;
  char       *from_port;
  char       *to_node;
  char       *to_port;
  JsonObject *extra;              /* owned, nullable */
} StrataWfLink;

struct _StrataWorkflow {
  StrataRegistry *registry;       /* owned ref */
  GPtrArray      *nodes;          /* of StrataWfNode*, document order */
  GPtrArray      *links;          /* of StrataWfLink*, document order */
  guint64         seed;
  JsonObject     *extra;          /* owned, nullable: top level as read */
  char           *path;           /* last loaded / saved, nullable */
};

StrataWfNode *strata_wf_find_node   (StrataWorkflow *workflow,
                                     const char     *id);
gboolean      strata_wf_id_is_valid (const char     *id);
/* Adds a node without checks beyond the id; takes @params and @extra. */
StrataWfNode *strata_wf_append_node (StrataWorkflow       *workflow,
                                     const char           *id,
                                     const StrataNodeType *type,
                                     StrataParams         *params,
                                     JsonObject           *extra);
/* Makes @path absolute against @base_dir (NULL = current directory). */
char         *strata_wf_absolute_path (const char *path,
                                       const char *base_dir);
/* Validates and sets a parameter; a relative PATH resolves against
 * @base_dir (NULL = current directory). Error: PARAM naming node. */
gboolean      strata_wf_set_param   (StrataWfNode   *node,
                                     const char     *name,
                                     JsonNode       *value,
                                     const char     *base_dir,
                                     GError        **error);
/* Checks a link (nodes, ports, kinds, free input); with @check_cycle also
 * that it closes no cycle (the loader checks the whole graph once instead,
 * to name the cycle). */
gboolean      strata_wf_check_link  (StrataWorkflow *workflow,
                                     const char     *from_node,
                                     const char     *from_port,
                                     const char     *to_node,
                                     const char     *to_port,
                                     gboolean        check_cycle,
                                     GError        **error);
/* Appends a link without checks; takes @extra. */
void          strata_wf_append_link (StrataWorkflow *workflow,
                                     const char     *from_node,
                                     const char     *from_port,
                                     const char     *to_node,
                                     const char     *to_port,
                                     JsonObject     *extra);
