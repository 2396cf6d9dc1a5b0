/* gloss-suggestion-private.h — what a suggestions file works out of a
 * suggestion, kept with it (internal)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gloss-suggestion.h"

G_BEGIN_DECLS

/* Its proposal key and its id before any salt, as the suggestions file
 * makes them: worked out once, in the thread that made the suggestion
 * and before anybody else holds it (gloss_suggestion_file_prepare_run()),
 * so that merging its run on the main thread does not. NULL until then,
 * and again after gloss_suggestion_set_speaker(), which changes both. */
const char *gloss_suggestion_peek_proposal_key (GlossSuggestion *self);
const char *gloss_suggestion_peek_base_id      (GlossSuggestion *self);
void        gloss_suggestion_take_keys         (GlossSuggestion *self,
                                                char            *proposal_key,
                                                char            *base_id);

G_END_DECLS
