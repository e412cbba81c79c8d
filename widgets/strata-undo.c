/* strata-undo.c — an undo stack of command objects
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * Two lists of steps: `undo` (oldest first, the top is the last element) and
 * `redo` (the next step to redo is the last element). A step is one command
 * or a group, which is itself a command whose children are replayed in order
 * and reverted in reverse order. Pushing applies the command at once, so the
 * code that edits and the code that records can never disagree.
 *
 * "Clean" tracking gives every recorded step a serial number; the saved
 * position is the serial of the step on top of the undo list (0 when the list
 * is empty). Pushing after an undo drops the redo list; if the saved position
 * was in it, the document can no longer return there and clean_serial becomes
 * G_MAXUINT64 (never clean until the next save).
 */

#include "config.h"

#include "strata-undo.h"

typedef struct {
  StrataUndoCommand *cmd;     /* owned */
  guint64            serial;
} Step;

typedef struct {
  StrataUndoCommand  parent;
  GPtrArray         *children; /* StrataUndoCommand*, owned */
} GroupCommand;

struct _StrataUndoStack {
  GObject       parent_instance;

  GArray       *undo;          /* Step */
  GArray       *redo;          /* Step */
  GroupCommand *group;         /* owned, open group or NULL */
  guint         group_depth;
  guint64       next_serial;
  guint64       clean_serial;
};

G_DEFINE_FINAL_TYPE (StrataUndoStack, strata_undo_stack, G_TYPE_OBJECT)

enum { PROP_0, PROP_CAN_UNDO, PROP_CAN_REDO, N_PROPS };
enum { CHANGED, N_SIGNALS };

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Commands */

gpointer
strata_undo_command_alloc (const StrataUndoCommandClass *klass,
                           gsize                         size,
                           const char                   *label)
{
  StrataUndoCommand *cmd;

  g_return_val_if_fail (klass != NULL, NULL);
  g_return_val_if_fail (klass->apply != NULL && klass->revert != NULL, NULL);
  g_return_val_if_fail (size >= sizeof (StrataUndoCommand), NULL);

  cmd = g_malloc0 (size);
  cmd->klass = klass;
  cmd->label = g_strdup (label);
  return cmd;
}

void
strata_undo_command_free (StrataUndoCommand *cmd)
{
  if (cmd == NULL)
    return;
  if (cmd->klass->free != NULL)
    cmd->klass->free (cmd);
  g_free (cmd->label);
  g_free (cmd);
}

static void
group_apply (StrataUndoCommand *cmd)
{
  GroupCommand *self = (GroupCommand *) cmd;

  for (guint i = 0; i < self->children->len; i++)
    {
      StrataUndoCommand *child = g_ptr_array_index (self->children, i);
      child->klass->apply (child);
    }
}

static void
group_revert (StrataUndoCommand *cmd)
{
  GroupCommand *self = (GroupCommand *) cmd;

  for (guint i = self->children->len; i > 0; i--)
    {
      StrataUndoCommand *child = g_ptr_array_index (self->children, i - 1);
      child->klass->revert (child);
    }
}

static void
group_free (StrataUndoCommand *cmd)
{
  GroupCommand *self = (GroupCommand *) cmd;

  g_ptr_array_unref (self->children);
}

static const StrataUndoCommandClass group_class = {
  "group", group_apply, group_revert, group_free, NULL,
};

/* Stack */

/* Frees the commands of every step in @steps and empties it. */
static void
steps_clear (GArray *steps)
{
  for (guint i = 0; i < steps->len; i++)
    strata_undo_command_free (g_array_index (steps, Step, i).cmd);
  g_array_set_size (steps, 0);
}

static void
strata_undo_stack_notify (StrataUndoStack *self,
                          gboolean         could_undo,
                          gboolean         could_redo)
{
  if (could_undo != strata_undo_stack_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != strata_undo_stack_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
strata_undo_stack_drop_redo (StrataUndoStack *self)
{
  for (guint i = 0; i < self->redo->len; i++)
    if (g_array_index (self->redo, Step, i).serial == self->clean_serial)
      self->clean_serial = G_MAXUINT64;
  steps_clear (self->redo);
}

/* Records an applied command as a new step, or merges it into the top. */
static void
strata_undo_stack_record (StrataUndoStack   *self,
                          StrataUndoCommand *cmd)
{
  Step step;

  strata_undo_stack_drop_redo (self);

  if (self->undo->len > 0 && cmd->klass->merge != NULL)
    {
      Step *top = &g_array_index (self->undo, Step, self->undo->len - 1);

      if (top->cmd->klass == cmd->klass && top->cmd->klass->merge (top->cmd, cmd))
        {
          strata_undo_command_free (cmd);
          if (top->serial == self->clean_serial)
            self->clean_serial = G_MAXUINT64;
          top->serial = self->next_serial++;
          return;
        }
    }

  step.cmd = cmd;
  step.serial = self->next_serial++;
  g_array_append_val (self->undo, step);
}

void
strata_undo_stack_push (StrataUndoStack   *self,
                        StrataUndoCommand *cmd)
{
  gboolean could_undo, could_redo;

  g_return_if_fail (STRATA_IS_UNDO_STACK (self));
  g_return_if_fail (cmd != NULL);

  cmd->klass->apply (cmd);

  if (self->group != NULL)
    {
      g_ptr_array_add (self->group->children, cmd);
      return;
    }

  could_undo = strata_undo_stack_can_undo (self);
  could_redo = strata_undo_stack_can_redo (self);
  strata_undo_stack_record (self, cmd);
  strata_undo_stack_notify (self, could_undo, could_redo);
}

void
strata_undo_stack_begin_group (StrataUndoStack *self,
                               const char      *label)
{
  g_return_if_fail (STRATA_IS_UNDO_STACK (self));

  if (self->group_depth++ > 0)
    return;
  self->group = strata_undo_command_alloc (&group_class, sizeof (GroupCommand), label);
  self->group->children = g_ptr_array_new_with_free_func ((GDestroyNotify) strata_undo_command_free);
}

void
strata_undo_stack_end_group (StrataUndoStack *self)
{
  GroupCommand *group;
  gboolean could_undo, could_redo;

  g_return_if_fail (STRATA_IS_UNDO_STACK (self));
  g_return_if_fail (self->group_depth > 0);

  if (--self->group_depth > 0)
    return;

  group = g_steal_pointer (&self->group);
  if (group->children->len == 0)
    {
      strata_undo_command_free (&group->parent);
      return;
    }

  could_undo = strata_undo_stack_can_undo (self);
  could_redo = strata_undo_stack_can_redo (self);
  if (group->children->len == 1)
    {
      /* A group of one is that one command, under the group's label. */
      StrataUndoCommand *only = g_ptr_array_steal_index (group->children, 0);

      if (group->parent.label != NULL)
        {
          g_free (only->label);
          only->label = g_strdup (group->parent.label);
        }
      strata_undo_command_free (&group->parent);
      strata_undo_stack_record (self, only);
    }
  else
    {
      strata_undo_stack_record (self, &group->parent);
    }
  strata_undo_stack_notify (self, could_undo, could_redo);
}

gboolean
strata_undo_stack_undo (StrataUndoStack *self)
{
  gboolean could_undo, could_redo;
  Step step;

  g_return_val_if_fail (STRATA_IS_UNDO_STACK (self), FALSE);

  if (!strata_undo_stack_can_undo (self))
    return FALSE;

  could_undo = strata_undo_stack_can_undo (self);
  could_redo = strata_undo_stack_can_redo (self);
  step = g_array_index (self->undo, Step, self->undo->len - 1);
  g_array_remove_index (self->undo, self->undo->len - 1);
  step.cmd->klass->revert (step.cmd);
  g_array_append_val (self->redo, step);
  strata_undo_stack_notify (self, could_undo, could_redo);
  return TRUE;
}

gboolean
strata_undo_stack_redo (StrataUndoStack *self)
{
  gboolean could_undo, could_redo;
  Step step;

  g_return_val_if_fail (STRATA_IS_UNDO_STACK (self), FALSE);

  if (!strata_undo_stack_can_redo (self))
    return FALSE;

  could_undo = strata_undo_stack_can_undo (self);
  could_redo = strata_undo_stack_can_redo (self);
  step = g_array_index (self->redo, Step, self->redo->len - 1);
  g_array_remove_index (self->redo, self->redo->len - 1);
  step.cmd->klass->apply (step.cmd);
  g_array_append_val (self->undo, step);
  strata_undo_stack_notify (self, could_undo, could_redo);
  return TRUE;
}

gboolean
strata_undo_stack_can_undo (StrataUndoStack *self)
{
  g_return_val_if_fail (STRATA_IS_UNDO_STACK (self), FALSE);
  return self->group == NULL && self->undo->len > 0;
}

gboolean
strata_undo_stack_can_redo (StrataUndoStack *self)
{
  g_return_val_if_fail (STRATA_IS_UNDO_STACK (self), FALSE);
  return self->group == NULL && self->redo->len > 0;
}

const char *
strata_undo_stack_get_undo_label (StrataUndoStack *self)
{
  g_return_val_if_fail (STRATA_IS_UNDO_STACK (self), NULL);
  if (self->undo->len == 0)
    return NULL;
  return g_array_index (self->undo, Step, self->undo->len - 1).cmd->label;
}

const char *
strata_undo_stack_get_redo_label (StrataUndoStack *self)
{
  g_return_val_if_fail (STRATA_IS_UNDO_STACK (self), NULL);
  if (self->redo->len == 0)
    return NULL;
  return g_array_index (self->redo, Step, self->redo->len - 1).cmd->label;
}

guint
strata_undo_stack_get_n_undo (StrataUndoStack *self)
{
  g_return_val_if_fail (STRATA_IS_UNDO_STACK (self), 0);
  return self->undo->len;
}

guint
strata_undo_stack_get_n_redo (StrataUndoStack *self)
{
  g_return_val_if_fail (STRATA_IS_UNDO_STACK (self), 0);
  return self->redo->len;
}

void
strata_undo_stack_clear (StrataUndoStack *self)
{
  gboolean could_undo, could_redo;

  g_return_if_fail (STRATA_IS_UNDO_STACK (self));
  g_return_if_fail (self->group == NULL);

  could_undo = strata_undo_stack_can_undo (self);
  could_redo = strata_undo_stack_can_redo (self);
  steps_clear (self->undo);
  steps_clear (self->redo);
  self->clean_serial = 0;
  strata_undo_stack_notify (self, could_undo, could_redo);
}

void
strata_undo_stack_mark_clean (StrataUndoStack *self)
{
  g_return_if_fail (STRATA_IS_UNDO_STACK (self));

  if (self->undo->len == 0)
    self->clean_serial = 0;
  else
    self->clean_serial = g_array_index (self->undo, Step, self->undo->len - 1).serial;
}

gboolean
strata_undo_stack_is_clean (StrataUndoStack *self)
{
  guint64 top;

  g_return_val_if_fail (STRATA_IS_UNDO_STACK (self), FALSE);

  top = self->undo->len == 0 ? 0 : g_array_index (self->undo, Step, self->undo->len - 1).serial;
  return top == self->clean_serial;
}

static void
strata_undo_stack_finalize (GObject *object)
{
  StrataUndoStack *self = STRATA_UNDO_STACK (object);

  if (self->group != NULL)
    strata_undo_command_free (&self->group->parent);
  steps_clear (self->undo);
  steps_clear (self->redo);
  g_array_unref (self->undo);
  g_array_unref (self->redo);

  G_OBJECT_CLASS (strata_undo_stack_parent_class)->finalize (object);
}

static void
strata_undo_stack_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  StrataUndoStack *self = STRATA_UNDO_STACK (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, strata_undo_stack_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, strata_undo_stack_can_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
strata_undo_stack_class_init (StrataUndoStackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = strata_undo_stack_finalize;
  object_class->get_property = strata_undo_stack_get_property;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * StrataUndoStack::changed:
   *
   * After every recorded step, undo, redo and clear.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
strata_undo_stack_init (StrataUndoStack *self)
{
  self->undo = g_array_new (FALSE, FALSE, sizeof (Step));
  self->redo = g_array_new (FALSE, FALSE, sizeof (Step));
  /* Serial 0 means "the empty stack": the first step must not have it, or
   * a document with one edit would count as clean. */
  self->next_serial = 1;
}

StrataUndoStack *
strata_undo_stack_new (void)
{
  return g_object_new (STRATA_TYPE_UNDO_STACK, NULL);
}
