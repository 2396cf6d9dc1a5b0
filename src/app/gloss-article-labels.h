/* gloss-article-labels.h — the panel where the fields of the whole article
 * (a label set's "document_labels") are set
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gloss.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_ARTICLE_LABELS (gloss_article_labels_get_type ())
G_DECLARE_FINAL_TYPE (GlossArticleLabels, gloss_article_labels, GLOSS, ARTICLE_LABELS, GtkPopover)

/* A popover (the header's "Article Labels" button, Ctrl+L) with one editor
 * per field the session's label set declares, in file order: a choice's
 * values as toggle buttons (check buttons when several may be chosen;
 * pressing the chosen one again unsets it), a boolean as a check button
 * (shown mixed while not set), a text as an entry checked against its
 * pattern as it is typed and set with Enter or on leaving it, a number as
 * a spin button within its bounds with a Clear button. A number is shown
 * whole and set only when stepped or typed (opening, focusing or leaving
 * it changes nothing); text that reads as no number puts the value back,
 * an emptied one unsets it. Values a choice holds that the label set does
 * not list are shown below its values, "(not in the label set)", kept
 * when other values are picked, and removed only when pressed. Required
 * fields say so. A field's key (letters either case) moves to it, from
 * every editor but the text entry (in a number field, any key that is no
 * part of a number); after it, a value's key picks that value. Every
 * change goes through
 * gloss_session_set_document_label(): a refusal is shown under the field.
 * While the session is read-only the values are shown and every editor is
 * insensitive. Escape closes it, keeping a number typed.
 *
 * Properties:
 *   "session"    GlossSession (nullable, read-write)
 *   "has-fields" gboolean, read-only: the label set declares any field */

GtkWidget    *gloss_article_labels_new         (void);
GlossSession *gloss_article_labels_get_session (GlossArticleLabels *self);
void          gloss_article_labels_set_session (GlossArticleLabels *self,
                                                GlossSession       *session);
gboolean      gloss_article_labels_get_has_fields (GlossArticleLabels *self);

G_END_DECLS
