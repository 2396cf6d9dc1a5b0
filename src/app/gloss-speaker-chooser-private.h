/* gloss-speaker-chooser-private.h — what the speaker chooser shows, for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gloss-speaker-chooser.h"

G_BEGIN_DECLS

/* The candidates shown (GListModel of GlossAnnotation) and the one that
 * Enter would choose. */
GListModel      *gloss_speaker_chooser_get_model    (GlossSpeakerChooser *self);
GlossAnnotation *gloss_speaker_chooser_get_selected (GlossSpeakerChooser *self);
/* Chooses the selected candidate (after filtering by the entry's text),
 * as Enter does. */
void             gloss_speaker_chooser_activate     (GlossSpeakerChooser *self);

G_END_DECLS
