/* gloss-suggestion-file.h — one annotator's suggestions for one article,
 * kept beside the sidecar in "<article>.<annotator>.suggestions.json",
 * and what accepting or rejecting one does
 *
 * Suggestions never live in the sidecar: the sidecar stays the person's
 * own work, a run of the suggesters can be repeated or this file deleted
 * without touching an annotation, and a broken suggestions file can never
 * cost one. docs/suggestions.md describes the format and the lifecycle.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "gloss-annotation-set.h"
#include "gloss-document.h"
#include "gloss-file.h"
#include "gloss-suggestion.h"
#include "gloss-suggestion-filter.h"

G_BEGIN_DECLS

#define GLOSS_SUGGESTION_FILE_SUFFIX    ".suggestions.json"
#define GLOSS_SUGGESTION_FILE_FORMAT    "gloss-suggestions"
#define GLOSS_SUGGESTION_FILE_VERSION   1
/* Larger files are refused with GLOSS_ERROR_TOO_LARGE. */
#define GLOSS_SUGGESTION_FILE_MAX_BYTES (256 * 1024 * 1024)
/* The member an accepted suggestion leaves in its annotation's sidecar
 * entry: {"source": …, "score": …} (docs/sidecar.md). */
#define GLOSS_SUGGESTION_MEMBER         "suggestion"

#define GLOSS_TYPE_SUGGESTION_FILE (gloss_suggestion_file_get_type ())
G_DECLARE_FINAL_TYPE (GlossSuggestionFile, gloss_suggestion_file, GLOSS, SUGGESTION_FILE, GObject)

/* "<article name>.<annotator id>.suggestions.json" */
char                *gloss_suggestion_file_build_name       (const char    *article_name,
                                                             const char    *annotator_id);
/* Splits such a name; FALSE when it is not one. */
gboolean             gloss_suggestion_file_parse_name       (const char    *name,
                                                             char         **article_name,
                                                             char         **annotator_id);

/* The suggestions file of @annotator_id beside @document's file (not read
 * yet; empty). */
GlossSuggestionFile *gloss_suggestion_file_new_for_document (GlossDocument *document,
                                                             const char    *annotator_id);
/* A suggestions file at @file for @document; the annotator comes from the
 * file's name (NULL when it names none: loading then fails). */
GlossSuggestionFile *gloss_suggestion_file_new              (GFile         *file,
                                                             GlossDocument *document);

/* Reads and checks the file; a missing file is no error (no suggestions,
 * nothing rejected). Every problem is collected, located by JSON path or
 * line and column (gloss_suggestion_file_get_problems()); on any error
 * nothing of the file is used, @error says how many problems and the
 * first, and the file refuses to be saved over (it may hold rejections
 * the person made). A file written for another article, or for this one
 * before it changed (document.sha256 or .length), is such an error
 * (GLOSS_ERROR_INCONSISTENT): its offsets mean nothing here. */
gboolean             gloss_suggestion_file_load             (GlossSuggestionFile *self,
                                                             GCancellable        *cancellable,
                                                             GError             **error);
gboolean             gloss_suggestion_file_load_bytes       (GlossSuggestionFile *self,
                                                             GBytes              *bytes,
                                                             GError             **error);
/* GlossProblem items of the last load. */
GPtrArray           *gloss_suggestion_file_get_problems     (GlossSuggestionFile *self);
/* TRUE after a failed load: save refuses (GLOSS_ERROR_READ_ONLY). */
gboolean             gloss_suggestion_file_is_read_only     (GlossSuggestionFile *self);

/* Canonical text: members in a fixed order, suggestions and rejections in
 * document order, two-space indent, one trailing newline; the same
 * contents always give the same bytes. */
GBytes              *gloss_suggestion_file_serialize        (GlossSuggestionFile *self);
/* Atomic replace (temporary file + rename): the old file or the new one,
 * never half of one. */
gboolean             gloss_suggestion_file_save             (GlossSuggestionFile *self,
                                                             GError             **error);
/* The same, without holding up the calling thread: only a snapshot is
 * taken on it (references to the suggestions listed and rejected, which
 * do not change once listed, the ids and the header: about a millisecond
 * for 10,000); printing, hashing and the atomic write run in a worker
 * thread. Changes made meanwhile are not in this write: the file stays
 * dirty after it (finish), to be written again; dirty is cleared only
 * when nothing changed since the snapshot, and nothing is marked saved
 * when the file was loaded again meanwhile. One save at a time: start the
 * next once this one finished. A file that failed to load refuses at once
 * (GLOSS_ERROR_READ_ONLY, from finish). */
void                 gloss_suggestion_file_save_async       (GlossSuggestionFile *self,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
gboolean             gloss_suggestion_file_save_finish      (GlossSuggestionFile *self,
                                                             GAsyncResult        *result,
                                                             GError             **error);
/* Changed since loaded or saved; the read-only property "dirty" notifies
 * each change (a session schedules a save on it). */
gboolean             gloss_suggestion_file_is_dirty         (GlossSuggestionFile *self);
/* What gloss_suggestion_file_write() did. */
typedef enum
{
  GLOSS_SUGGESTION_FILE_UNCHANGED,  /* nothing to write */
  GLOSS_SUGGESTION_FILE_SAVED,      /* replaced where it was */
  GLOSS_SUGGESTION_FILE_BATCHED,    /* a new file, waiting in the batch */
} GlossSuggestionFileWrite;

/* Writes what changed, and nothing when the file is as it was: a file not
 * there yet goes into @batch (made with the others, one flush, by
 * gloss_file_batch_commit()), one already there is replaced at once
 * (gloss_suggestion_file_save()). */
gboolean             gloss_suggestion_file_write            (GlossSuggestionFile      *self,
                                                             GlossFileBatch           *batch,
                                                             GlossSuggestionFileWrite *done,
                                                             GError                  **error);

GFile               *gloss_suggestion_file_get_file         (GlossSuggestionFile *self);
GlossDocument       *gloss_suggestion_file_get_document     (GlossSuggestionFile *self);
const char          *gloss_suggestion_file_get_annotator_id (GlossSuggestionFile *self);

/* The suggestions standing (a GListModel of GlossSuggestion in document
 * order: gloss_suggestion_compare(), then the speaker), one per proposal. */
GListModel          *gloss_suggestion_file_get_suggestions  (GlossSuggestionFile *self);
/* The suggestion's id in this file: "s-" and 8 hexadecimal digits of a
 * SHA-256 of its source, label, offsets and speaker (another hash of the
 * same, salted, for the rare second suggestion whose hash is taken), or
 * NULL when it is not in the list. */
const char          *gloss_suggestion_file_get_id           (GlossSuggestionFile *self,
                                                             GlossSuggestion     *suggestion);
GlossSuggestion     *gloss_suggestion_file_lookup           (GlossSuggestionFile *self,
                                                             const char          *id);
/* Rejections remembered (GlossSuggestion of source "rejected", in
 * document order; borrowed). */
GPtrArray           *gloss_suggestion_file_get_rejected     (GlossSuggestionFile *self);
/* Whether the person rejected @suggestion's proposal before. */
gboolean             gloss_suggestion_file_is_rejected      (GlossSuggestionFile *self,
                                                             GlossSuggestion     *suggestion);

/* A run of @source: its suggestions now are @suggestions (GlossSuggestion,
 * each of @source, spans on the article as it is). Kept are those not
 * rejected before and not annotated already in @annotations (an
 * annotation with the same span and label — for a tie, one of its labels —
 * and for a quote with a speaker, its speaker relation to the speaker's
 * span and label too); of one proposal, the one with the higher score
 * (no score counts below any), across sources. @source's suggestions of
 * the last run that are not made again go. A suggestion that is not of
 * @source, or whose span or speaker is not on the article (past its end,
 * empty, inside a grapheme, @exact not its text), refuses the whole run,
 * saying which (GLOSS_ERROR_INVALID or GLOSS_ERROR_RANGE): nothing
 * changes. @n_added (optional): how many suggestions are new. */
gboolean             gloss_suggestion_file_merge_run        (GlossSuggestionFile *self,
                                                             const char          *source,
                                                             GPtrArray           *suggestions,
                                                             GlossAnnotationSet  *annotations,
                                                             guint               *n_added,
                                                             GError             **error);
/* gloss_suggestion_file_merge_run() for a part of the article only: the
 * suggestions of @suggestions that start in [@from, @to), against what is
 * listed starting there; the rest of the list stays. Merging a run part
 * by part, the parts covering the article, ends as merging it whole
 * does: so that a run of 10,000 can be merged over several frames. */
gboolean             gloss_suggestion_file_merge_run_range  (GlossSuggestionFile *self,
                                                             const char          *source,
                                                             GPtrArray           *suggestions,
                                                             guint                from,
                                                             guint                to,
                                                             GlossAnnotationSet  *annotations,
                                                             guint               *n_added,
                                                             GError             **error);
/* In any thread, on suggestions nobody else holds yet (a run just made;
 * those of it prepared with an earlier run are passed over): works out
 * what merging them needs of each (its proposal, its id), so that
 * gloss_suggestion_file_merge_run() on the main thread does not. */
void                 gloss_suggestion_file_prepare_run      (GPtrArray           *suggestions);
/* Takes out the suggestions @annotations has annotated meanwhile (by hand,
 * or another Gloss): what a merge would not keep. Returns how many. */
guint                gloss_suggestion_file_drop_annotated   (GlossSuggestionFile *self,
                                                             GlossAnnotationSet  *annotations);

/* The person rejects @suggestion (one in the list): it leaves the list and
 * its proposal is remembered, so that no later run suggests it again.
 * NOT_FOUND when it is not in the list. */
gboolean             gloss_suggestion_file_reject           (GlossSuggestionFile *self,
                                                             GlossSuggestion     *suggestion,
                                                             GError             **error);
/* Undoes a rejection: the proposal is forgotten and @suggestion is listed
 * again. NOT_FOUND when its proposal is not rejected. */
gboolean             gloss_suggestion_file_unreject         (GlossSuggestionFile *self,
                                                             GlossSuggestion     *suggestion,
                                                             GError             **error);

/* The person accepts @suggestion (one in the list) with @label (NULL: the
 * suggestion's own; a tie has none, so a tie needs one: GLOSS_ERROR_INVALID
 * without). In one undo step of @annotations: the span (an annotation with
 * the same span and label already there is used, not doubled), for a quote
 * with a speaker the speaker's span (the annotation already there with
 * that span and label, else a new one) and the speaker relation
 * (gloss_annotation_set_set_speaker(): it becomes the quote's one
 * speaker). Each new annotation records {"source", "score"} in its
 * sidecar member "suggestion". Everything is checked before the first
 * edit: a refusal (read-only, a relation the label set does not allow)
 * changes nothing. The suggestion leaves the list; undoing the step in
 * @annotations brings it back, and redoing takes it out again. A hand
 * edit that takes the accept out of effect (deletes an annotation it
 * made, changes the quote's speaker or sets it to none: anything but
 * undo and redo, gloss_annotation_set_is_replaying()) is a correction:
 * the proposal is rejected, as by gloss_suggestion_file_reject() (the
 * file dirty, no later run suggests it), and the accept is no longer
 * followed. A load of @annotations (a reload) is no edit: what it took
 * out is listed again. Returns the span's annotation (borrowed, owned by
 * @annotations). */
GlossAnnotation     *gloss_suggestion_file_accept           (GlossSuggestionFile *self,
                                                             GlossSuggestion     *suggestion,
                                                             const char          *label,
                                                             GlossAnnotationSet  *annotations,
                                                             GError             **error);
/* Accepts each of @suggestions (GlossSuggestion) with its own label, all
 * in ONE undo step of @annotations (undoing it lists every one again,
 * redoing takes them out again): "Accept All Shown", "Accept All in
 * View". Skipped, and counted in @n_skipped, are a tie (no label), one no
 * longer listed, one whose accept is refused (e.g. a speaker relation the
 * label set does not allow), and one whose span an earlier one of this
 * call took with another label or another speaker (one span, one
 * annotation); the others are accepted all the same. FALSE with an error
 * only when none can be: @annotations read-only, or of another article
 * (nothing changes). An empty array: TRUE, 0 and 0. @n_accepted and
 * @n_skipped are optional. */
gboolean             gloss_suggestion_file_accept_all       (GlossSuggestionFile *self,
                                                             GPtrArray           *suggestions,
                                                             GlossAnnotationSet  *annotations,
                                                             guint               *n_accepted,
                                                             guint               *n_skipped,
                                                             GError             **error);

/* The listed suggestion with exactly the span [@start, @end), the first in
 * list order, or NULL (borrowed). O(log n). */
GlossSuggestion     *gloss_suggestion_file_find_at          (GlossSuggestionFile *self,
                                                             guint                start,
                                                             guint                end);
/* The list position of the next listed suggestion starting after @offset
 * (@forward), or of the previous one starting before it; of several
 * starting at one offset, the first in list order (the longest), either
 * way, so that stepping forward and back lands on the same one. @wrap:
 * past the last, the first, and before the first, the last. G_MAXUINT
 * when there is none. O(log n). */
guint                gloss_suggestion_file_find_next        (GlossSuggestionFile *self,
                                                             guint                offset,
                                                             gboolean             forward,
                                                             gboolean             wrap);
/* As find_next(), among those @filter (NULL: all) lets through: F8 steps
 * through what the list shows. A binary search, then a walk over those
 * the filter hides (all 10,000 hidden: about a millisecond). */
guint                gloss_suggestion_file_find_next_shown  (GlossSuggestionFile   *self,
                                                             guint                  offset,
                                                             gboolean               forward,
                                                             gboolean               wrap,
                                                             GlossSuggestionFilter *filter);

G_END_DECLS
