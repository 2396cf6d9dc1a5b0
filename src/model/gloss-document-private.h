/* gloss-document-private.h — what tests and benchmarks see of a document's insides
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gloss-document.h"
#include "gloss-text-boundaries-private.h"

G_BEGIN_DECLS

/* The document's boundary cache, created on first use. */
GlossTextBoundaries *gloss_document_get_boundaries (GlossDocument *self);

/* A place in the text known both as a code point offset and as a byte
 * index, to walk on from: a sidecar's spans come in start order, and each
 * is checked from the one before instead of from a checkpoint. Start it
 * at { 0, 0 }. */
typedef struct
{
  guint offset;
  gsize byte;
} GlossDocumentCursor;

/* What gloss_document_is_grapheme_boundary() (at @start and @end) and
 * gloss_document_slice_equals() (of @exact, @exact_len bytes) say of a
 * span, in one walk; @start < @end <= the length. Moves @cursor to @start. */
void gloss_document_check_span (GlossDocument       *self,
                                GlossDocumentCursor *cursor,
                                guint                start,
                                guint                end,
                                const char          *exact,
                                gsize                exact_len,
                                gboolean            *start_is_boundary,
                                gboolean            *end_is_boundary,
                                gboolean            *matches);

G_END_DECLS
