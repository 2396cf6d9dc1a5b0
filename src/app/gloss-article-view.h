/* gloss-article-view.h — the article, read-only, with every annotation drawn on it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gloss.h"
#include "gloss-session.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_ARTICLE_VIEW (gloss_article_view_get_type ())
G_DECLARE_FINAL_TYPE (GlossArticleView, gloss_article_view, GLOSS, ARTICLE_VIEW, GtkTextView)

/* A read-only GtkTextView with a visible caret (keyboard selection works),
 * a limited line width and margins for reading.
 *
 * Highlights: claims and quotes as background tints of their label colour,
 * entities underlined in theirs, so an entity inside a quote inside a claim
 * stays distinguishable; unknown labels in grey. The selected annotation is
 * emphasised. Hovering shows every label under the pointer (tooltip).
 * Updated incrementally from the annotation set's signals.
 *
 * Properties:
 *   "session"             GlossSession (nullable)
 *   "selected-annotation" GlossAnnotation (nullable, read-write): setting it
 *                         selects the span's text and scrolls to it; clicking
 *                         a highlighted span sets it (the innermost one).
 *   "snap-to-words"       gboolean, default TRUE
 *   "font"                char*, a Pango font description ("Serif 13")
 *   "has-selection"       gboolean: some text is selected
 *   "line-width"          guint, default 72: the text column is at most about
 *                         this many average characters wide, centred
 *   "text-complete"       gboolean, read-only: the buffer holds the whole
 *                         article (see gloss_article_view_get_text_complete())
 *
 * Relations (gloss-article-view-relations.c), once enabled: drawn by
 * keyboard (begin_relation(), then a relation type's key on the target),
 * or by dragging from the selected span onto another; the selected span's
 * relations are drawn as arcs and listed by show_relations().
 *   "relation-source"     GlossAnnotation (nullable, read-only): the
 *                         source while a relation is drawn by keyboard
 *   ::relation-message (const char *message, gboolean undoable) — what
 *                         to tell the person: a relation made or deleted
 *                         (undoable), or why not.
 *
 * Label keys: for each label of the session's label set with a shortcut
 * key, pressing that key in the view activates the action
 * "win.annotate" with the label id as a string parameter (the window
 * creates the annotation, or changes the selected annotation's label).
 */

GtkWidget       *gloss_article_view_new                     (void);
void             gloss_article_view_set_session             (GlossArticleView *self,
                                                             GlossSession     *session);
GlossSession    *gloss_article_view_get_session             (GlossArticleView *self);

/* The selected text in code points, snapped outwards to grapheme cluster
 * boundaries always and to whole words when snap-to-words is on.
 * FALSE if nothing is selected. */
gboolean         gloss_article_view_get_selection_range     (GlossArticleView *self,
                                                             guint            *start,
                                                             guint            *end);
/* Select [start, end) (code points) and scroll to it. */
void             gloss_article_view_select_range            (GlossArticleView *self,
                                                             guint             start,
                                                             guint             end);

GlossAnnotation *gloss_article_view_get_selected_annotation (GlossArticleView *self);
void             gloss_article_view_set_selected_annotation (GlossArticleView *self,
                                                             GlossAnnotation  *annotation);

void             gloss_article_view_set_snap_to_words       (GlossArticleView *self,
                                                             gboolean          snap);
gboolean         gloss_article_view_get_snap_to_words       (GlossArticleView *self);
void             gloss_article_view_set_font                (GlossArticleView *self,
                                                             const char       *font);
const char      *gloss_article_view_get_font                (GlossArticleView *self);
void             gloss_article_view_set_line_width          (GlossArticleView *self,
                                                             guint             n_chars);
guint            gloss_article_view_get_line_width          (GlossArticleView *self);

/* Find in the article: highlights every match of @needle (case-insensitive;
 * NULL or "" clears) and returns how many there are. */
guint            gloss_article_view_set_search              (GlossArticleView *self,
                                                             const char       *needle);
/* Selects the next (or previous) match after the caret and scrolls to it,
 * wrapping around; FALSE if there is none. */
gboolean         gloss_article_view_search_next             (GlossArticleView *self,
                                                             gboolean          backward);

/* For tests and benchmarks: the labels of the highlight drawn at @offset,
 * as a NULL-terminated array (free with g_strfreev), e.g. {"claim", "person"}.
 * Also for tests: the buffer's tags "gloss-selected" (the selected
 * annotation) and "gloss-search-match", and the view's GtkShortcutController
 * named "gloss-label-keys". */
char           **gloss_article_view_dup_labels_at           (GlossArticleView *self,
                                                             guint             offset);
/* The text of @document, before its session is ready (see
 * gloss_session_new_with_document_async()): the same document in the
 * session is then not laid out again. With @head (nullable), the
 * highlights of the annotations read ahead of the rest, read-only, until
 * the session's own replace them. Ignored once a session is set. */
void             gloss_article_view_show_text               (GlossArticleView   *self,
                                                             GlossDocument      *document,
                                                             GlossAnnotationSet *head);

/* The buffer may show a very long paragraph in pieces (a line break
 * inserted every ~2,000 code points, see GlossPieceMap): its offsets are
 * then not the document's. These turn a document offset into a buffer
 * iter (at a start: after an inserted break) and an iter into a document
 * offset; use them wherever the buffer is read or tagged from outside. */
void             gloss_article_view_get_iter_at_offset      (GlossArticleView *self,
                                                             GtkTextIter      *iter,
                                                             guint             offset);
guint            gloss_article_view_get_iter_offset         (GlossArticleView *self,
                                                             const GtkTextIter *iter);
/* A long article goes into the buffer a chunk at a time, from an idle,
 * a few milliseconds in each main-loop iteration (its start at once, so
 * a short article is whole at once): until it is all in ("text-complete"
 * notifies), the highlights, the selected annotation's tag and the search
 * matches are drawn on the part that is in; Ctrl+End, Select All,
 * select_range(), set_selected_annotation() and search_next() put the rest
 * in first when they need it, and get_iter_at_offset() always (so that an
 * iter it gave stays valid when it is asked for another); code that reads
 * the buffer directly sees only that part.
 * gloss_article_view_complete_text() puts it all in now. */
gboolean         gloss_article_view_get_text_complete       (GlossArticleView *self);
void             gloss_article_view_complete_text           (GlossArticleView *self);
/* The caret's document offset. */
guint            gloss_article_view_get_caret_offset        (GlossArticleView *self);
/* For tests: how many line breaks the buffer shows that the document does
 * not have. */
guint            gloss_article_view_get_n_piece_breaks      (GlossArticleView *self);

/* Review: each set's annotations drawn as thin bars in their label's
 * colour above the text, one lane per set (NULL or empty: none). */
void             gloss_article_view_set_lanes               (GlossArticleView *self,
                                                             GPtrArray        *sets);

/* Suggestions (GlossSuggestion in document order, as a
 * GlossSuggestionFile lists them; nullable): drawn outlined, not filled,
 * in their label's colour (grey for a tie), so that they never read as
 * annotations. The view follows the model's changes. */
void             gloss_article_view_set_suggestions         (GlossArticleView *self,
                                                             GListModel       *suggestions);
/* The document offsets [@start, @end) of the display lines wholly on
 * screen. */
void             gloss_article_view_get_visible_range       (GlossArticleView *self,
                                                             guint            *start,
                                                             guint            *end);
/* For tests and benchmarks: how many suggestion outlines the last frame
 * drew. */
guint            gloss_article_view_get_n_painted_suggestions (GlossArticleView *self);

/* For tests and benchmarks: how many highlight runs the last frame drew,
 * and in @n_frames how many frames the view has drawn. */
guint            gloss_article_view_get_n_painted_runs      (GlossArticleView *self,
                                                             guint            *n_frames);

/* The text of the tooltip shown over @offset: one line per annotation
 * there, "Label: “excerpt”", innermost last; NULL if there is none. */
char            *gloss_article_view_dup_tooltip_text        (GlossArticleView *self,
                                                             guint             offset);

/* Drawing relations: off until enabled (the main window; not review). */
void             gloss_article_view_set_relations_enabled   (GlossArticleView *self,
                                                             gboolean          enabled);
/* The selected span becomes the source of a relation drawn by keyboard: a
 * banner says what to do; while it stands, printable keys are relation
 * types' keys (not labels'), Enter offers the types that fit, Escape
 * ends. Fails saying why: nothing selected, read-only, no type may start
 * there. */
gboolean         gloss_article_view_begin_relation          (GlossArticleView  *self,
                                                             GError           **error);
void             gloss_article_view_end_relation            (GlossArticleView  *self);
GlossAnnotation *gloss_article_view_get_relation_source     (GlossArticleView  *self);
/* A popover listing the selected span's relations, each deletable (Delete
 * or its button; one undo step each). Fails when nothing is selected. */
gboolean         gloss_article_view_show_relations          (GlossArticleView  *self,
                                                             GError           **error);

G_END_DECLS
