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

/* A popover with a search entry, the entity annotations of the set (labels
 * of kind entity) in document order, and a "No Speaker" button. The quote's
 * current speaker is preselected, or else the nearest entity before the
 * quote. Up/Down in the search entry move the selection, Enter or a click
 * chooses. The caller parents and points it before
 * gloss_speaker_chooser_choose().
 *
 * Signals:
 *   ::speaker-chosen (GlossAnnotation *quote, GlossAnnotation *speaker) —
 *      @speaker is NULL for "No Speaker". The receiver replaces the quote's
 *      speaker relation (one undo step). */

GtkWidget       *gloss_speaker_chooser_new          (void);
void             gloss_speaker_chooser_choose       (GlossSpeakerChooser *self,
                                                     GlossSession        *session,
                                                     GlossAnnotation     *quote);
/* For tests: the candidates shown (GListModel of GlossAnnotation) and the
 * one that Enter would choose. */
GListModel      *gloss_speaker_chooser_get_model    (GlossSpeakerChooser *self);
GlossAnnotation *gloss_speaker_chooser_get_selected (GlossSpeakerChooser *self);
/* Chooses the selected candidate, as Enter does. */
void             gloss_speaker_chooser_activate     (GlossSpeakerChooser *self);

G_END_DECLS
