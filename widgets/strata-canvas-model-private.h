/* strata-canvas-model-private.h — the node struct, shared by the model's files
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only strata-canvas-node.c and strata-canvas-model*.c include this; the
 * rest of the world sees StrataCanvasNode as opaque.
 */

#pragma once

#include "strata-canvas-model.h"

G_BEGIN_DECLS

struct _StrataCanvasNode {
  grefcount           ref_count;
  char               *id;
  char               *type;
  char               *title;      /* NULL: show the id */
  char               *group;
  char               *icon_name;
  double              x, y;
  StrataCanvasStatus  status;
  double              progress;
  char               *message;
  GPtrArray          *ports;      /* StrataCanvasPort*, owned */
  GHashTable         *params;     /* char* → GVariant*, owned */
};

G_END_DECLS
