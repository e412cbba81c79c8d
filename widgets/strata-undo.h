/* strata-undo.h — an undo stack of command objects
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every edit of a document is a StrataUndoCommand: a small struct whose
 * first member is the StrataUndoCommand header, with a const table of
 * function pointers (apply, revert, free, and optionally merge), in the
 * manner of a command pattern (Gamma et al., "Design Patterns", 1994, and
 * Qt's QUndoStack). The stack applies a command when it is pushed, so the
 * edit and its undo record can never drift apart.
 *
 * Example:
 *
 *   typedef struct { StrataUndoCommand parent; int *target, old, new; } SetInt;
 *   static void set_apply (StrataUndoCommand *c) { SetInt *s = (SetInt *) c; *s->target = s->new; }
 *   static void set_revert (StrataUndoCommand *c) { SetInt *s = (SetInt *) c; *s->target = s->old; }
 *   static const StrataUndoCommandClass set_class = { "set-int", set_apply, set_revert, NULL, NULL };
 *
 *   SetInt *s = strata_undo_command_alloc (&set_class, sizeof *s, "Set value");
 *   s->target = &x; s->old = x; s->new = 3;
 *   strata_undo_stack_push (stack, &s->parent);     // x == 3
 *   strata_undo_stack_undo (stack);                 // x back to its old value
 *
 * Several pushes can be grouped into one undo step with begin_group /
 * end_group (a deletion removes links, then nodes: one Ctrl+Z restores
 * all of them). The stack is main-thread only.
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _StrataUndoCommand      StrataUndoCommand;
typedef struct _StrataUndoCommandClass StrataUndoCommandClass;

/**
 * StrataUndoCommandClass:
 * @name: a static identifier, for debugging and merging
 * @apply: performs (or re-performs) the edit
 * @revert: undoes what @apply did; called only after @apply
 * @free: releases the command's own fields (not the struct itself); may be NULL
 * @merge: optional; called with the command on top of the undo list and a
 *   newer command of the same class that has just been applied. Returns TRUE
 *   if @cmd absorbed @next (so that a run of arrow-key moves is one undo
 *   step); @next is then freed by the stack.
 */
struct _StrataUndoCommandClass {
  const char *name;
  void      (*apply)  (StrataUndoCommand       *cmd);
  void      (*revert) (StrataUndoCommand       *cmd);
  void      (*free)   (StrataUndoCommand       *cmd);
  gboolean  (*merge)  (StrataUndoCommand       *cmd,
                       const StrataUndoCommand *next);
};

/**
 * StrataUndoCommand:
 * @klass: the command's class (static, borrowed)
 * @label: a translated, user-visible description ("Move node"); owned
 *
 * Embed first in a command struct.
 */
struct _StrataUndoCommand {
  const StrataUndoCommandClass *klass;
  char                         *label;
};

/* Allocates a zeroed command of @size bytes (≥ sizeof (StrataUndoCommand))
 * with @klass and a copy of @label. Transfer full: give it to
 * strata_undo_stack_push() or free it with strata_undo_command_free(). */
gpointer strata_undo_command_alloc (const StrataUndoCommandClass *klass,
                                    gsize                         size,
                                    const char                   *label);
/* Calls klass->free, then frees the label and the struct. NULL is ignored. */
void     strata_undo_command_free  (StrataUndoCommand            *cmd);

#define STRATA_TYPE_UNDO_STACK (strata_undo_stack_get_type ())
G_DECLARE_FINAL_TYPE (StrataUndoStack, strata_undo_stack, STRATA, UNDO_STACK, GObject)

/* A new empty stack. Properties "can-undo" and "can-redo" (read-only,
 * notified on change); signal "changed" after every push, undo and redo. */
StrataUndoStack *strata_undo_stack_new        (void);

/* Applies @cmd (transfer full) and records it. Clears the redo list. Inside
 * a group the command joins the group. */
void         strata_undo_stack_push           (StrataUndoStack   *self,
                                               StrataUndoCommand *cmd);
/* Opens a group (groups nest; only the outermost counts). Every command
 * pushed until the matching end_group is undone and redone as one step
 * labelled @label. An empty group records nothing. */
void         strata_undo_stack_begin_group    (StrataUndoStack   *self,
                                               const char        *label);
void         strata_undo_stack_end_group      (StrataUndoStack   *self);

/* Reverts the last step / re-applies the last undone step. FALSE (and no
 * effect) when there is nothing to undo / redo or a group is open. */
gboolean     strata_undo_stack_undo           (StrataUndoStack   *self);
gboolean     strata_undo_stack_redo           (StrataUndoStack   *self);
gboolean     strata_undo_stack_can_undo       (StrataUndoStack   *self);
gboolean     strata_undo_stack_can_redo       (StrataUndoStack   *self);
/* Label of the step undo / redo would act on, or NULL (transfer none). */
const char  *strata_undo_stack_get_undo_label (StrataUndoStack   *self);
const char  *strata_undo_stack_get_redo_label (StrataUndoStack   *self);
/* Number of recorded steps on each side. */
guint        strata_undo_stack_get_n_undo     (StrataUndoStack   *self);
guint        strata_undo_stack_get_n_redo     (StrataUndoStack   *self);

/* Forgets every step (after loading a document). */
void         strata_undo_stack_clear          (StrataUndoStack   *self);
/* Remembers the current position as "saved"; is_clean is TRUE while undo
 * and redo bring the document back to exactly that position. */
void         strata_undo_stack_mark_clean     (StrataUndoStack   *self);
gboolean     strata_undo_stack_is_clean       (StrataUndoStack   *self);

G_END_DECLS
