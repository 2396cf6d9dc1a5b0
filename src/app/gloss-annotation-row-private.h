/* gloss-annotation-row-private.h — what a sidebar row shows, for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gloss-annotation-row.h"

G_BEGIN_DECLS

/* What the row shows, for tests and assistive technologies. */
const char      *gloss_annotation_row_get_label_text  (GlossAnnotationRow *self);
const char      *gloss_annotation_row_get_excerpt     (GlossAnnotationRow *self);
/* Said when the label set lacks the annotation's label, or NULL. */
const char      *gloss_annotation_row_get_label_tooltip (GlossAnnotationRow *self);
/* The note (or speaker text) shown as the icon's tooltip, or NULL when
 * the icon is hidden. */
const char      *gloss_annotation_row_get_note_tooltip    (GlossAnnotationRow *self);
const char      *gloss_annotation_row_get_speaker_tooltip (GlossAnnotationRow *self);

/* The attribute values shown after the label's name ("False ·
 * Check-worthy: yes"), or NULL; the mark's tooltip of a span lacking a
 * required attribute ("Not set: Verdict"), or NULL when it has none. */
const char      *gloss_annotation_row_get_values          (GlossAnnotationRow *self);
const char      *gloss_annotation_row_get_missing_tooltip (GlossAnnotationRow *self);

/* How many rows exist right now (to check that list views recycle). */
guint            gloss_annotation_row_get_n_instances (void);

G_END_DECLS
