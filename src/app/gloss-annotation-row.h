/* gloss-annotation-row.h — one row of the annotation sidebar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gloss.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_ANNOTATION_ROW (gloss_annotation_row_get_type ())
G_DECLARE_FINAL_TYPE (GlossAnnotationRow, gloss_annotation_row, GLOSS, ANNOTATION_ROW, GtkWidget)

/* A widget for a list item (built in code: lists make 200 at once): a
 * colour chip (the label's colour; grey with "?" for a label not in the
 * label set), the label's display name, a one-line excerpt of the span,
 * and icons when the annotation has a note (tooltip: the note) or a
 * speaker relation (tooltip: the speaker's text). Its accessible label is
 * gloss_describe_annotation()'s "<Label>: “<excerpt>”, said by <speaker>";
 * its description, the note.
 *
 * Bound to one annotation at a time: it follows the annotation's label,
 * note and text, and the set's relations, until unbound. */

GtkWidget       *gloss_annotation_row_new             (void);
void             gloss_annotation_row_bind            (GlossAnnotationRow *self,
                                                       GlossAnnotation    *annotation,
                                                       GlossAnnotationSet *set,
                                                       GlossLabelSet      *labels);
void             gloss_annotation_row_unbind          (GlossAnnotationRow *self);
GlossAnnotation *gloss_annotation_row_get_annotation  (GlossAnnotationRow *self);
/* The label set changed (the row re-reads name and colour). */
void             gloss_annotation_row_set_labels      (GlossAnnotationRow *self,
                                                       GlossLabelSet      *labels);

/* @text on one line (newlines and tabs as spaces), cut to @max_chars
 * characters with "…" appended when longer. */
char            *gloss_format_excerpt                 (const char *text,
                                                       guint       max_chars);

/* An annotation as a screen reader says it: its label's name (the id and
 * "unknown label" when @labels lacks it), its text shortened, and a
 * quote's speaker from @set: "Quote: “We will vote”, said by Olena
 * Kovalenko". Text that starts with its own quotation mark is not quoted
 * again. */
char            *gloss_describe_annotation            (GlossAnnotation    *annotation,
                                                       GlossAnnotationSet *set,
                                                       GlossLabelSet      *labels);

G_END_DECLS
