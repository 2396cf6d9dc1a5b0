/* gloss-span-index.h — overlap queries over spans kept in start order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* An index answering "which spans cover this offset / share a code point
 * with this range" over a sequence of half-open spans [start, end) that the
 * caller keeps in an order sorted by start (ties in any order the caller
 * likes, e.g. gloss_annotation_compare()). The index holds no items, only
 * the spans: a query reports positions in that sequence, so the caller maps
 * them to its own objects, and results come in sequence order.
 *
 * Edits (insert, remove) are O(n) moves of two arrays; the query structure
 * is rebuilt lazily, in O(n), on the first query after an edit. A query
 * then costs O((k + 1) log n) for k results. */
typedef struct _GlossSpanIndex GlossSpanIndex;

/* Called once per overlapping span, in sequence order. */
typedef void (*GlossSpanIndexFunc) (guint    position,
                                    gpointer user_data);

#define GLOSS_TYPE_SPAN_INDEX (gloss_span_index_get_type ())
GType            gloss_span_index_get_type            (void) G_GNUC_CONST;

GlossSpanIndex  *gloss_span_index_new                 (void);
GlossSpanIndex  *gloss_span_index_ref                 (GlossSpanIndex     *self);
void             gloss_span_index_unref               (GlossSpanIndex     *self);

guint            gloss_span_index_get_n_spans         (GlossSpanIndex     *self);
void             gloss_span_index_get_span            (GlossSpanIndex     *self,
                                                       guint               position,
                                                       guint              *start,
                                                       guint              *end);

void             gloss_span_index_clear               (GlossSpanIndex     *self);
void             gloss_span_index_build               (GlossSpanIndex     *self,
                                                       const guint        *starts,
                                                       const guint        *ends,
                                                       guint               n_spans);
void             gloss_span_index_append              (GlossSpanIndex     *self,
                                                       guint               start,
                                                       guint               end);
void             gloss_span_index_insert              (GlossSpanIndex     *self,
                                                       guint               position,
                                                       guint               start,
                                                       guint               end);
void             gloss_span_index_remove              (GlossSpanIndex     *self,
                                                       guint               position);

void             gloss_span_index_foreach_overlapping (GlossSpanIndex     *self,
                                                       guint               first,
                                                       guint               last,
                                                       GlossSpanIndexFunc  func,
                                                       gpointer            user_data);
GArray          *gloss_span_index_query_at            (GlossSpanIndex     *self,
                                                       guint               offset);
GArray          *gloss_span_index_query_range         (GlossSpanIndex     *self,
                                                       guint               start,
                                                       guint               end);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossSpanIndex, gloss_span_index_unref)

G_END_DECLS
