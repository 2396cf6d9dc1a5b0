/* gloss-speaker-chooser.h — pick the entity who said a quote
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gloss.h"
#include "gloss-session.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_SPEAKER_CHOOSER (gloss_speaker_chooser_get_type ())
G_DECLARE_FINAL_TYPE (GlossSpeakerChooser, gloss_speaker_chooser, GLOSS, SPEAKER_CHOOSER, GtkPopover)

/* A popover with a search entry, the annotations the model allows as the
 * quote's speaker (gloss_annotation_set_check_relation(): a person or an
 * organization unless the label set says otherwise) in document order, and
 * a "No Speaker" button. The quote's current speaker is preselected, or
 * else the nearest candidate before the quote; once a name is typed, the
 * first match. Up/Down in the search entry move the selection, Enter or a
 * click chooses; Enter acts on the text typed so far even before the
 * filter has caught up, and with no match chooses nothing and says so.
 * The caller parents and points it before gloss_speaker_chooser_choose().
 *
 * Signals:
 *   ::speaker-chosen (GlossAnnotation *quote, GlossAnnotation *speaker) —
 *      @speaker is NULL for "No Speaker". The receiver replaces the quote's
 *      speaker relation (one undo step). */

GtkWidget       *gloss_speaker_chooser_new          (void);
void             gloss_speaker_chooser_choose       (GlossSpeakerChooser *self,
                                                     GlossSession        *session,
                                                     GlossAnnotation     *quote);

G_END_DECLS
