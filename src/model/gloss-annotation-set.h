/* gloss-annotation-set.h — one annotator's annotations and relations on one article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "gloss-annotation.h"
#include "gloss-document.h"
#include "gloss-label-set.h"
#include "gloss-relation.h"

G_BEGIN_DECLS

/* prefix/suffix context stored with each annotation, in code points */
#define GLOSS_CONTEXT_LENGTH 32

#define GLOSS_TYPE_ANNOTATION_SET (gloss_annotation_set_get_type ())
G_DECLARE_FINAL_TYPE (GlossAnnotationSet, gloss_annotation_set, GLOSS, ANNOTATION_SET, GObject)

/* A GListModel of GlossAnnotation in document order (start, end, label, id),
 * placed annotations only; orphans are in gloss_annotation_set_get_orphans().
 *
 * Properties: "document", "n-annotations", "can-undo", "can-redo",
 *   "read-only".
 * Signals:
 *   ::annotation-changed (GlossAnnotation *ann) — label, note, attributes, bounds or status
 *      changed (bounds changes also emit items-changed, as the position moves);
 *   ::relations-changed () — a relation was added or removed.
 */
GlossAnnotationSet *gloss_annotation_set_new         (GlossDocument      *document);
GlossDocument      *gloss_annotation_set_get_document (GlossAnnotationSet *self);
/* Orphaned annotations (GListModel of GlossAnnotation), in their old order. */
GListModel         *gloss_annotation_set_get_orphans  (GlossAnnotationSet *self);
/* Relations (GListModel of GlossRelation), in (type, from, to, id) order. */
GListModel         *gloss_annotation_set_get_relations (GlossAnnotationSet *self);
guint               gloss_annotation_set_get_n_annotations (GlossAnnotationSet *self);

GlossAnnotation    *gloss_annotation_set_lookup        (GlossAnnotationSet *self,
                                                        const char         *id);
GlossRelation      *gloss_annotation_set_lookup_relation (GlossAnnotationSet *self,
                                                          const char         *id);
/* Relations whose from or to is @annotation_id (new array, owns refs). */
GPtrArray          *gloss_annotation_set_relations_of  (GlossAnnotationSet *self,
                                                        const char         *annotation_id);

/* Loading, not recorded for undo: replace the contents with these
 * annotations as they are (placed or, if their status is ORPHANED, to the
 * orphans) and relations, sorting once at the end. Clears the history. */
void                gloss_annotation_set_load          (GlossAnnotationSet *self,
                                                        GPtrArray          *annotations,
                                                        GPtrArray          *relations);
/* The same with the contents of @other, a set of the same document loaded
 * apart (in a worker thread: a reload), without rebuilding anything: an
 * annotation equal by value (gloss_annotation_equal()) to the one we have
 * at the same place stays the same object, one items-changed tells of the
 * range between the equal ones at the start and at the end (none when
 * nothing changed). @other's sorted array and span index are swapped in
 * when anything changed, with our objects put back where kept; the id
 * table is patched, or swapped and patched, whichever touches fewer
 * entries. One pass comparing annotations; the rest grows with what
 * changed. Relations are kept when all are equal, else replaced. @other
 * is left with what is not needed, only to be dropped. */
void                gloss_annotation_set_take_contents (GlossAnnotationSet *self,
                                                        GlossAnnotationSet *other);

/* Queries (new arrays holding references). Both stay sub-linear with
 * 100,000 annotations: a max-end segment tree over the start-sorted array. */
GPtrArray          *gloss_annotation_set_at_offset     (GlossAnnotationSet *self,
                                                        guint               offset);
GPtrArray          *gloss_annotation_set_in_range      (GlossAnnotationSet *self,
                                                        guint               start,
                                                        guint               end);
/* The annotations placed at exactly [@start, @end), in label order, and in
 * @n_found how many: borrowed, valid until the set next changes; no
 * allocation (a binary search), for lookups made thousands of times in a
 * row (merging a run of suggestions). NULL when there are none. */
GlossAnnotation * const *gloss_annotation_set_peek_span (GlossAnnotationSet *self,
                                                        guint               start,
                                                        guint               end,
                                                        guint              *n_found);
/* Position of @annotation in the list model, or G_MAXUINT. O(log n). */
guint               gloss_annotation_set_index_of      (GlossAnnotationSet *self,
                                                        GlossAnnotation    *annotation);
/* Binary search in @model, any GListModel of GlossAnnotation in document
 * order (the set, or a filter over it): the position of @annotation or
 * G_MAXUINT (GTK_INVALID_LIST_POSITION); @insertion_point (optional)
 * receives where it is or would be. O(log n) get_item calls. */
guint               gloss_annotation_model_find        (GListModel         *model,
                                                        GlossAnnotation    *annotation,
                                                        guint              *insertion_point);

/* Edits, each recorded for undo. They fill exact/prefix/suffix from the
 * document and stamp created/modified. Bounds must lie on grapheme
 * boundaries with start < end <= length, else GLOSS_ERROR_RANGE. An
 * annotation or relation that is not in the set is GLOSS_ERROR_NOT_FOUND;
 * a read-only set refuses every edit with GLOSS_ERROR_READ_ONLY. */
/* create: the new annotation carries the label set's default of each
 * attribute that applies to @label (docs/labels.md), in the same step. */
GlossAnnotation    *gloss_annotation_set_create        (GlossAnnotationSet *self,
                                                        const char         *label,
                                                        guint               start,
                                                        guint               end,
                                                        GError            **error);
/* Changing a label or note to what it is already is TRUE, and no edit. */
gboolean            gloss_annotation_set_change_label  (GlossAnnotationSet *self,
                                                        GlossAnnotation    *annotation,
                                                        const char         *label,
                                                        GError            **error);
gboolean            gloss_annotation_set_change_bounds (GlossAnnotationSet *self,
                                                        GlossAnnotation    *annotation,
                                                        guint               start,
                                                        guint               end,
                                                        GError            **error);
gboolean            gloss_annotation_set_change_note   (GlossAnnotationSet *self,
                                                        GlossAnnotation    *annotation,
                                                        const char         *note,
                                                        GError            **error);
/* Sets attribute @attribute_id of @annotation to @value (a floating
 * reference is sunk; NULL, or an empty list, unsets it), as one undo step.
 * The label set must declare the attribute and it must apply to the
 * annotation's label, else GLOSS_ERROR_INVALID saying which; a value is
 * checked with gloss_attribute_check_value(). Unsetting is allowed, a
 * required attribute's too (a span may lack it while work goes on), and
 * so is taking away a value kept though it no longer applies or is no
 * longer declared (a relabelled span's, a retired attribute's). The
 * other attributes stay as they are, undeclared ones included. Setting
 * the value it has is TRUE, and no edit. Emits ::annotation-changed. */
gboolean            gloss_annotation_set_change_attribute (GlossAnnotationSet *self,
                                                           GlossAnnotation    *annotation,
                                                           const char         *attribute_id,
                                                           GVariant           *value,
                                                           GError            **error);
/* Which end of a span. */
typedef enum
{
  GLOSS_BOUND_START,
  GLOSS_BOUND_END,
} GlossBound;

/* Moves one bound of a placed annotation by a word, @forward or back
 * (Alt+arrows in the app), through gloss_document_step_bound(): a clitic
 * is a word of its own, so the end of "NATO’s" steps back to "NATO".
 * Refused, saying which bound of which annotation, when the bound would
 * not move (at the start of the text, say) or would meet the other one
 * (GLOSS_ERROR_RANGE), and for an orphan, which has no bounds
 * (GLOSS_ERROR_INVALID). One undo step. */
gboolean            gloss_annotation_set_shift_bound   (GlossAnnotationSet *self,
                                                        GlossAnnotation    *annotation,
                                                        GlossBound          which,
                                                        gboolean            forward,
                                                        GError            **error);
/* Re-attach an orphan to new bounds (it becomes placed). */
gboolean            gloss_annotation_set_reattach      (GlossAnnotationSet *self,
                                                        GlossAnnotation    *orphan,
                                                        guint               start,
                                                        guint               end,
                                                        GError            **error);
/* Removes a placed or orphaned annotation and the relations touching it
 * (one undo step). */
gboolean            gloss_annotation_set_remove        (GlossAnnotationSet *self,
                                                        GlossAnnotation    *annotation,
                                                        GError            **error);
/* Fails (GLOSS_ERROR_INVALID, saying why) for a relation the label set's
 * rule does not allow, e.g. a "speaker" that is a place. */
GlossRelation      *gloss_annotation_set_add_relation  (GlossAnnotationSet *self,
                                                        const char         *type,
                                                        const char         *from_id,
                                                        const char         *to_id,
                                                        GError            **error);
gboolean            gloss_annotation_set_remove_relation (GlossAnnotationSet *self,
                                                          GlossRelation      *relation,
                                                          GError            **error);

/* Relation rules (see docs/labels.md). The set follows the rules of its
 * label set; the built-in one until another is given (sidecars give theirs
 * when they load). Relations already in the set are never checked: a
 * sidecar that breaks the rule loads with a warning, and keeps them. */
void                gloss_annotation_set_set_labels    (GlossAnnotationSet *self,
                                                        GlossLabelSet      *labels);
GlossLabelSet      *gloss_annotation_set_get_labels    (GlossAnnotationSet *self);
/* Whether a @type relation may go from @from to @to (NULL: to anything at
 * all, i.e. whether @from may start one), saying why not in @error. */
gboolean            gloss_annotation_set_check_relation (GlossAnnotationSet *self,
                                                         const char         *type,
                                                         GlossAnnotation    *from,
                                                         GlossAnnotation    *to,
                                                         GError            **error);
/* The placed annotations a @type relation from @from may go to, in
 * document order (new array, owns refs). */
GPtrArray          *gloss_annotation_set_relation_candidates (GlossAnnotationSet *self,
                                                              const char         *type,
                                                              GlossAnnotation    *from);

/* The speaker of @quote (through its first "speaker" relation), or NULL. */
GlossAnnotation    *gloss_annotation_set_get_speaker   (GlossAnnotationSet *self,
                                                        GlossAnnotation    *quote);
/* Makes @speaker (NULL: nobody) the one speaker of @quote, in one undo
 * step. Choosing the speaker it already has changes nothing: the relation
 * and its id stay, no edit is recorded, nothing needs saving. Fails for a
 * speaker the rule does not allow. */
gboolean            gloss_annotation_set_set_speaker   (GlossAnnotationSet *self,
                                                        GlossAnnotation    *quote,
                                                        GlossAnnotation    *speaker,
                                                        GError            **error);

/* Read-only (the session sets it when it will not write): every edit
 * above and below, undo and redo included, changes nothing and returns
 * FALSE/NULL with GLOSS_ERROR_READ_ONLY. can-undo and can-redo are FALSE
 * meanwhile (and notified when read-only changes); the history is kept
 * and comes back with writing. Loading is not an edit and still works. */
void                gloss_annotation_set_set_read_only (GlossAnnotationSet *self,
                                                        gboolean            read_only);
gboolean            gloss_annotation_set_get_read_only (GlossAnnotationSet *self);
/* FALSE with GLOSS_ERROR_READ_ONLY (saying so) when read-only. */
gboolean            gloss_annotation_set_check_writable (GlossAnnotationSet *self,
                                                         GError            **error);

/* Several edits as one undo step. Groups nest. */
void                gloss_annotation_set_begin_group   (GlossAnnotationSet *self);
void                gloss_annotation_set_end_group     (GlossAnnotationSet *self);

/* FALSE while read-only, whatever the history holds. */
gboolean            gloss_annotation_set_can_undo      (GlossAnnotationSet *self);
gboolean            gloss_annotation_set_can_redo      (GlossAnnotationSet *self);
/* Undo or redo one step: TRUE if one was replayed. Read-only: FALSE with
 * GLOSS_ERROR_READ_ONLY. Nothing to undo or redo: FALSE and no error
 * (not a failure; can_undo()/can_redo() say so beforehand). */
gboolean            gloss_annotation_set_undo          (GlossAnnotationSet *self,
                                                        GError            **error);
gboolean            gloss_annotation_set_redo          (GlossAnnotationSet *self,
                                                        GError            **error);
/* TRUE while undo() or redo() apply their step (from inside a signal the
 * step's changes emit): a change the person did not make by hand now,
 * as a follower of the set may need to know (an accepted suggestion
 * taken out by the undo of its accept comes back; taken out by a hand
 * edit, it is rejected: gloss-suggestion-file.c). */
gboolean            gloss_annotation_set_is_replaying  (GlossAnnotationSet *self);
/* TRUE while load() or take_contents() replace the contents (from inside
 * their signals): no edit either. */
gboolean            gloss_annotation_set_is_loading    (GlossAnnotationSet *self);
/* What the last undo or redo was about, to show it: the annotation it
 * brought back or changed (the first one, for a step of several), else
 * the one a relation it restored or removed starts from (a quote whose
 * speaker changed back); NULL when it only took annotations out (undoing
 * a create), and once another edit is made. Borrowed. */
GlossAnnotation    *gloss_annotation_set_get_last_replayed (GlossAnnotationSet *self);
/* Which annotation is to be selected once @annotation is deleted: the one
 * before it in the listing (placed annotations in document order, then
 * the orphans), else the one after it; NULL when it is the only one, or
 * not in the set. Deleting the last one thus selects the one before it
 * rather than wrapping to the top. Borrowed. */
GlossAnnotation    *gloss_annotation_set_neighbour_for_deletion (GlossAnnotationSet *self,
                                                                 GlossAnnotation    *annotation);
/* Counts every edit, undo and redo; the sidecar compares it to decide if dirty. */
guint64             gloss_annotation_set_get_change_serial (GlossAnnotationSet *self);

/* Fill exact/prefix/suffix of @annotation from the document at its bounds. */
void                gloss_annotation_set_fill_context  (GlossAnnotationSet *self,
                                                        GlossAnnotation    *annotation);

G_END_DECLS
