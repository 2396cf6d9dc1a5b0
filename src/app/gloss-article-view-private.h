/* gloss-article-view-private.h — what the article view and its painting share
 *
 * The view (gloss-article-view.c) is the text: selection, snapping, search,
 * clicks. Its painting (gloss-article-view-paint.c) draws the annotations
 * under the text: label colours and tints, underlines, review lanes, and the
 * caches of how each set of labels looks. The painting keeps its state in a
 * GlossArticleViewPaint the view owns, and reads the view only through the
 * accessors below. The view's public functions about what was painted
 * (dup_labels_at, get_n_painted_runs) are defined with the painting.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gloss-article-view.h"
#include "gloss-relation-chooser.h"
#include "gloss-relation-list.h"

G_BEGIN_DECLS

typedef struct _GlossArticleViewPaint GlossArticleViewPaint;
typedef struct _GlossArticleViewRelations GlossArticleViewRelations;

/* gloss-article-view.c: what painting reads from the view. */
GlossArticleViewPaint *gloss_article_view_get_paint           (GlossArticleView *self);
GlossAnnotationSet    *gloss_article_view_get_annotation_set  (GlossArticleView *self);
/* The review lanes' annotation sets, or NULL when there are none. */
GPtrArray             *gloss_article_view_get_lane_sets       (GlossArticleView *self);
/* The suggestions drawn (nullable), and in @longest the length of the
 * longest, in code points. */
GListModel            *gloss_article_view_get_suggestions     (GlossArticleView *self,
                                                               guint            *longest);
/* The first position in @model (suggestions in document order) of one that
 * may reach @offset: none longer than @longest starts before it. */
guint                  gloss_article_view_first_suggestion_reaching (GListModel *model,
                                                                     guint       offset,
                                                                     guint       longest);
/* Where the selected annotation is emphasised ("gloss-selected" applied),
 * in code points; FALSE when nowhere. */
gboolean               gloss_article_view_get_selected_span   (GlossArticleView *self,
                                                               guint            *start,
                                                               guint            *end);

/* Every conversion between a document offset (code points) and the
 * buffer, which may hold inserted piece breaks (GlossPieceMap): a span's
 * iters (the start after a break inserted there, the end before it), an
 * iter's document offset, and the document's length as shown. */
void                   gloss_article_view_get_span_iters      (GlossArticleView *self,
                                                               guint             start,
                                                               guint             end,
                                                               GtkTextIter      *start_iter,
                                                               GtkTextIter      *end_iter);
guint                  gloss_article_view_get_text_length     (GlossArticleView *self);

/* gloss-article-view.c: what drawing relations uses of the view. */
GlossArticleViewRelations *gloss_article_view_get_relations   (GlossArticleView *self);
/* The annotations at @offset, outermost first, innermost last (new array,
 * owns refs); none before the session is set. */
GPtrArray             *gloss_article_view_dup_annotations_at  (GlossArticleView *self,
                                                               guint             offset);
/* The character under a point in widget coordinates, if any. */
gboolean               gloss_article_view_offset_at_point     (GlossArticleView *self,
                                                               double            x,
                                                               double            y,
                                                               guint            *offset);
/* Acts as a click released at (@x, @y) in widget coordinates: selects the
 * innermost annotation there, once the text view has had the event. */
void                   gloss_article_view_click_at            (GlossArticleView *self,
                                                               double            x,
                                                               double            y);
/* Emits "relation-message". */
void                   gloss_article_view_emit_relation_message (GlossArticleView *self,
                                                                 const char       *message,
                                                                 gboolean          undoable);

/* gloss-article-view-relations.c: drawing relations (keyboard, mouse),
 * showing and deleting them. */
GlossArticleViewRelations *gloss_article_view_relations_new   (GlossArticleView *self);
void                   gloss_article_view_relations_dispose   (GlossArticleView *self);
void                   gloss_article_view_relations_free      (GlossArticleViewRelations *relations);
/* Pointer events, in widget coordinates, from the view's capture-phase
 * controller: TRUE when taken (a drag from the selected span). */
gboolean               gloss_article_view_relations_event     (GlossArticleView *self,
                                                               GdkEvent         *event,
                                                               double            x,
                                                               double            y);
/* The arcs of the selected span's relations, and the one being drawn;
 * over the text, in buffer coordinates. */
void                   gloss_article_view_relations_paint     (GlossArticleView *self,
                                                               GtkSnapshot      *snapshot);
/* Whether a change of the selected annotation changes the arcs drawn:
 * relations are drawn here and the set has some. */
gboolean               gloss_article_view_relations_has_arcs  (GlossArticleView *self);
/* From size_allocate: the popovers follow the view. */
void                   gloss_article_view_relations_allocate  (GlossArticleView *self);
/* After the annotations changed: drawing by keyboard ends if its source
 * is gone. */
void                   gloss_article_view_relations_check     (GlossArticleView *self);

/* For tests: a key pressed while drawing a relation by keyboard, as the
 * view's key controller passes it (TRUE if taken); the popovers, once
 * made; the banner while it is shown (else NULL); what the view last
 * said through "relation-message". */
gboolean               gloss_article_view_relation_key        (GlossArticleView *self,
                                                               guint             keyval,
                                                               GdkModifierType   modifiers);
GlossRelationChooser  *gloss_article_view_get_relation_chooser (GlossArticleView *self);
GlossRelationList     *gloss_article_view_get_relation_list   (GlossArticleView *self);
GtkWidget             *gloss_article_view_get_relation_banner (GlossArticleView *self);
const char            *gloss_article_view_get_relation_message (GlossArticleView *self);

/* gloss-article-view-paint.c */
GlossArticleViewPaint *gloss_article_view_paint_new           (void);
void                   gloss_article_view_paint_free          (GlossArticleViewPaint *paint);
/* The label set whose colours and kinds are drawn (nullable: every label
 * is then unknown, in grey); forgets every look made for the one before. */
void                   gloss_article_view_paint_set_label_set (GlossArticleViewPaint *paint,
                                                               GlossLabelSet         *labels);

/* Draws the annotations (and review lanes) of the visible lines; the view's
 * snapshot_layer calls it for GTK_TEXT_VIEW_LAYER_BELOW_TEXT. */
void                   gloss_article_view_paint_below_text    (GlossArticleView *self,
                                                               GtkSnapshot      *snapshot);
/* Draws what goes over the text: the selected annotation's overline; for
 * GTK_TEXT_VIEW_LAYER_ABOVE_TEXT. */
void                   gloss_article_view_paint_above_text    (GlossArticleView *self,
                                                               GtkSnapshot      *snapshot);

/* The colours painting draws with: the theme's, read by the view. TRUE if
 * they changed (every look is then made again). */
gboolean               gloss_article_view_paint_set_scheme    (GlossArticleViewPaint  *paint,
                                                               const GlossColorScheme *scheme);
const GlossColorScheme *gloss_article_view_paint_get_scheme   (GlossArticleViewPaint  *paint);

/* The background of the "gloss-selected" tag over an annotation labelled
 * @label_id: its label's colour, more opaque than its tint. */
void                   gloss_article_view_paint_selected_color (GlossArticleView *self,
                                                                const char       *label_id,
                                                                GdkRGBA          *color);

/* The pixels above each line (and between wrapped lines) that @n_lanes
 * review lanes need, @n_lanes > 0. */
int                    gloss_article_view_paint_lane_room     (guint n_lanes);

/* For tests (defined with the painting): how the text at @offset is
 * painted — the fill under it (translucent), its line's colour and width
 * (0 without a line). FALSE where no annotation is. */
gboolean               gloss_article_view_get_look_at         (GlossArticleView *self,
                                                               guint             offset,
                                                               GdkRGBA          *fill,
                                                               GdkRGBA          *line,
                                                               int              *line_width);
/* For tests: the colours the view read from its theme. */
const GlossColorScheme *gloss_article_view_get_color_scheme   (GlossArticleView *self);

G_END_DECLS
