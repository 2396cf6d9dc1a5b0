/* gloss-annotation-history-private.h — the undo and redo stacks of an annotation set
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The history knows nothing of what a command is: the annotation set
 * records its commands here after applying them, and the history hands
 * them back to @apply, forwards (redo) or backwards (undo), a step at a
 * time. A step is one command or a group of them. */
typedef void (*GlossHistoryApplyFunc) (gpointer command,
                                       gboolean forward,
                                       gpointer user_data);

typedef struct _GlossAnnotationHistory GlossAnnotationHistory;

GlossAnnotationHistory *gloss_annotation_history_new         (GlossHistoryApplyFunc   apply,
                                                              GDestroyNotify          command_free,
                                                              gpointer                user_data);
void                    gloss_annotation_history_free        (GlossAnnotationHistory *self);

/* Record @command (taking it), already applied: one step of its own, or
 * part of the open group. Drops the redo steps. */
void                    gloss_annotation_history_record      (GlossAnnotationHistory *self,
                                                              gpointer                command);
/* Several commands as one step. Groups nest; the outermost one is the
 * step. An empty group is no step. */
void                    gloss_annotation_history_begin_group (GlossAnnotationHistory *self);
void                    gloss_annotation_history_end_group   (GlossAnnotationHistory *self);
gboolean                gloss_annotation_history_in_group    (GlossAnnotationHistory *self);

gboolean                gloss_annotation_history_can_undo    (GlossAnnotationHistory *self);
gboolean                gloss_annotation_history_can_redo    (GlossAnnotationHistory *self);
/* Apply the last step backwards (forwards) and move it to the other
 * stack; FALSE when there is none. Not while a group is open. */
gboolean                gloss_annotation_history_undo        (GlossAnnotationHistory *self);
gboolean                gloss_annotation_history_redo        (GlossAnnotationHistory *self);
/* Forget every step (a load is the new baseline). */
void                    gloss_annotation_history_clear       (GlossAnnotationHistory *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossAnnotationHistory, gloss_annotation_history_free)

G_END_DECLS
