/* gloss-annotation-history.c — the undo and redo stacks of an annotation set
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gloss-annotation-history-private.h"

/* Each step is a GPtrArray of commands, applied in order forwards and in
 * reverse order backwards, so a group undoes its last edit first. */
struct _GlossAnnotationHistory
{
  GlossHistoryApplyFunc  apply;
  GDestroyNotify         command_free;
  gpointer               user_data;

  GPtrArray             *undo_stack;  /* steps, most recent last */
  GPtrArray             *redo_stack;  /* steps, most recently undone last */
  GPtrArray             *open_group;  /* commands of the open group, or NULL */
  guint                  group_depth;
};

static GPtrArray *
step_new (GlossAnnotationHistory *self)
{
  return g_ptr_array_new_with_free_func (self->command_free);
}

GlossAnnotationHistory *
gloss_annotation_history_new (GlossHistoryApplyFunc apply,
                              GDestroyNotify        command_free,
                              gpointer              user_data)
{
  GlossAnnotationHistory *self;

  g_return_val_if_fail (apply != NULL, NULL);
  g_return_val_if_fail (command_free != NULL, NULL);

  self = g_new0 (GlossAnnotationHistory, 1);
  self->apply = apply;
  self->command_free = command_free;
  self->user_data = user_data;
  self->undo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify)g_ptr_array_unref);
  self->redo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify)g_ptr_array_unref);

  return self;
}

void
gloss_annotation_history_free (GlossAnnotationHistory *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->open_group, g_ptr_array_unref);
  g_clear_pointer (&self->undo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->redo_stack, g_ptr_array_unref);
  g_free (self);
}

/* A new edit makes the redo steps meaningless — they were built on a state
 * that no longer exists — so they go right away, even inside a group. */
void
gloss_annotation_history_record (GlossAnnotationHistory *self,
                                 gpointer                command)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (command != NULL);

  g_ptr_array_set_size (self->redo_stack, 0);

  if (self->open_group != NULL)
    g_ptr_array_add (self->open_group, command);
  else
    {
      GPtrArray *step = step_new (self);

      g_ptr_array_add (step, command);
      g_ptr_array_add (self->undo_stack, step);
    }
}

void
gloss_annotation_history_begin_group (GlossAnnotationHistory *self)
{
  g_return_if_fail (self != NULL);

  if (self->group_depth++ == 0)
    self->open_group = step_new (self);
}

void
gloss_annotation_history_end_group (GlossAnnotationHistory *self)
{
  g_autoptr(GPtrArray) group = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (self->group_depth > 0);

  if (--self->group_depth > 0)
    return;

  group = g_steal_pointer (&self->open_group);
  if (group->len > 0)
    g_ptr_array_add (self->undo_stack, g_steal_pointer (&group));
}

gboolean
gloss_annotation_history_in_group (GlossAnnotationHistory *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->group_depth > 0;
}

gboolean
gloss_annotation_history_can_undo (GlossAnnotationHistory *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->undo_stack->len > 0;
}

gboolean
gloss_annotation_history_can_redo (GlossAnnotationHistory *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->redo_stack->len > 0;
}

/* Move the last step of @from onto @to, applying it in @forward
 * direction on the way. */
static gboolean
replay (GlossAnnotationHistory *self,
        GPtrArray              *from,
        GPtrArray              *to,
        gboolean                forward)
{
  GPtrArray *step;

  if (from->len == 0)
    return FALSE;

  step = g_ptr_array_steal_index (from, from->len - 1);
  for (guint i = 0; i < step->len; i++)
    {
      guint j = forward ? i : step->len - 1 - i;

      self->apply (g_ptr_array_index (step, j), forward, self->user_data);
    }
  g_ptr_array_add (to, step);

  return TRUE;
}

gboolean
gloss_annotation_history_undo (GlossAnnotationHistory *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  /* Undoing half of an open group would leave the group's commands
   * applied to a state they were not recorded against. */
  g_return_val_if_fail (self->group_depth == 0, FALSE);

  return replay (self, self->undo_stack, self->redo_stack, FALSE);
}

gboolean
gloss_annotation_history_redo (GlossAnnotationHistory *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->group_depth == 0, FALSE);

  return replay (self, self->redo_stack, self->undo_stack, TRUE);
}

void
gloss_annotation_history_clear (GlossAnnotationHistory *self)
{
  g_return_if_fail (self != NULL);

  g_ptr_array_set_size (self->undo_stack, 0);
  g_ptr_array_set_size (self->redo_stack, 0);
}
