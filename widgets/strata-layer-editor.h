/* strata-layer-editor.h — edit a network's layer stack
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define STRATA_TYPE_LAYER_EDITOR (strata_layer_editor_get_type ())
G_DECLARE_FINAL_TYPE (StrataLayerEditor, strata_layer_editor, STRATA, LAYER_EDITOR, GtkWidget)

/**
 * StrataLayerEditor:
 *
 * A list of layers in the JSON of docs/nn.md (`[{"type": "conv2d",
 * "out_channels": 6, "kernel_size": 5}, {"type": "relu"}, …]`): add a layer
 * from a menu of the engine's layer types, remove one, move it up or down
 * (buttons, or drag a row onto another), edit its parameters (spin buttons
 * and switches under the engine's parameter names), or replace the whole
 * stack by a preset. Members the editor has no editor for (`init`, or
 * anything unknown) are kept as they are.
 *
 * The stack is checked with the engine (strata_network_new() on the input
 * shape set by strata_layer_editor_set_input_shape()), and the engine's
 * message, which names the layer index, is shown under the list; a valid
 * stack shows its output shape and weight count instead.
 *
 * Every user edit emits ::changed; the editor never writes anywhere itself.
 *
 * Signals:
 * - `changed (gboolean coalesce)`: the stack was edited by the user.
 *   @coalesce is TRUE when the edit continues the previous one (the same
 *   spin button of the same layer), so an undo stack may merge the two.
 */

/* Preset names for strata_layer_editor_dup_preset(). */
#define STRATA_LAYER_PRESET_LENET5 "lenet5"
#define STRATA_LAYER_PRESET_MLP    "mlp"
#define STRATA_LAYER_PRESET_LSTM   "lstm"

GtkWidget *strata_layer_editor_new           (void);

/* Replaces the stack (a JSON array, borrowed; NULL or not an array = empty)
 * without emitting ::changed. */
void       strata_layer_editor_set_layers    (StrataLayerEditor *self,
                                              JsonNode          *layers);
/* The stack as a JSON array. Transfer full. */
JsonNode  *strata_layer_editor_dup_layers    (StrataLayerEditor *self);

/* The per-sample input shape the stack is checked on (@n_dims sizes of
 * @dims, copied), or @n_dims = 0: unknown, no shape check. */
void       strata_layer_editor_set_input_shape (StrataLayerEditor *self,
                                                const gsize       *dims,
                                                guint              n_dims);

/* The engine's message for the current stack, or NULL when it builds (or
 * no input shape is known). Borrowed. */
const char *strata_layer_editor_get_error    (StrataLayerEditor *self);

/* User actions, as the buttons and menus do them (each emits ::changed
 * with coalesce FALSE). @type is one of strata_layer_list_types(). */
void       strata_layer_editor_add_layer     (StrataLayerEditor *self,
                                              const char        *type);
void       strata_layer_editor_remove_layer  (StrataLayerEditor *self,
                                              guint              index);
/* Moves layer @from to position @to (both < the number of layers). */
void       strata_layer_editor_move_layer    (StrataLayerEditor *self,
                                              guint              from,
                                              guint              to);
/* Sets integer, double or boolean @key of layer @index as its editor does
 * (emits ::changed, coalesced with an edit of the same key and layer). */
void       strata_layer_editor_set_value     (StrataLayerEditor *self,
                                              guint              index,
                                              const char        *key,
                                              JsonNode          *value);
gboolean   strata_layer_editor_apply_preset  (StrataLayerEditor *self,
                                              const char        *name);

/* A preset stack (without the output layer, which model.network appends):
 * "lenet5" (LeCun et al. 1998 with ReLU and max pooling, padding 2 on the
 * first convolution, for [1, 28, 28]), "mlp" (dense 256 → relu → dense 128 →
 * relu, for 784 inputs and 10 classes: 784-256-128-10), "lstm" (lstm 32; the
 * node adds dense 1 for mse). NULL for an unknown name. Transfer full. */
JsonNode  *strata_layer_editor_dup_preset    (const char *name);

/* Number of rows shown (for tests). */
guint      strata_layer_editor_get_n_layers  (StrataLayerEditor *self);

G_END_DECLS
