/* gloss-suggestion.h — a span (and maybe its speaker) that a source of
 * suggestions proposes, until the person accepts or rejects it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Where suggestions come from: the ids written in the suggestions file and
 * taken by `gloss-cli suggest --sources`. */
#define GLOSS_SUGGESTION_SOURCE_SAME_TEXT "same-text"
#define GLOSS_SUGGESTION_SOURCE_QUOTES    "quotes"
#define GLOSS_SUGGESTION_SOURCE_IMPORT    "import"

#define GLOSS_TYPE_SUGGESTION (gloss_suggestion_get_type ())
G_DECLARE_FINAL_TYPE (GlossSuggestion, gloss_suggestion, GLOSS, SUGGESTION, GObject)

/* A suggestion of the span [@start, @end) (code points) with @label, from
 * @source. @label is NULL for a tie: the sources disagree on the label
 * (gloss_suggestion_set_tie() says which labels), and nothing is picked
 * for the person. @exact is the span's text. The setters below are for
 * the source that makes it, before anyone else sees it. */
GlossSuggestion *gloss_suggestion_new            (const char      *source,
                                                  const char      *label,
                                                  guint            start,
                                                  guint            end,
                                                  const char      *exact);

const char      *gloss_suggestion_get_source     (GlossSuggestion *self);
const char      *gloss_suggestion_get_label      (GlossSuggestion *self);
guint            gloss_suggestion_get_start      (GlossSuggestion *self);
guint            gloss_suggestion_get_end        (GlossSuggestion *self);
const char      *gloss_suggestion_get_exact      (GlossSuggestion *self);

/* How sure the source is, in [0, 1]; FALSE when it gives no score. */
gboolean         gloss_suggestion_get_score      (GlossSuggestion *self,
                                                  double          *score);
void             gloss_suggestion_set_score      (GlossSuggestion *self,
                                                  double           score);

/* Why it is suggested, for the person (e.g. the attribution it was found
 * by, or "marked Person in 3 articles"); may be NULL. */
const char      *gloss_suggestion_get_detail     (GlossSuggestion *self);
void             gloss_suggestion_set_detail     (GlossSuggestion *self,
                                                  const char      *detail);

/* The labels a tie is between (NULL-terminated, in label-set order), or
 * NULL when the suggestion has a label. */
const char * const *gloss_suggestion_get_tie     (GlossSuggestion *self);
void             gloss_suggestion_set_tie        (GlossSuggestion *self,
                                                  const char * const *labels);

/* A quote's speaker: the span [@start, @end) with @label (a person or an
 * organization), an annotation already there or one to add with it.
 * get: FALSE when the suggestion has no speaker. */
gboolean         gloss_suggestion_get_speaker    (GlossSuggestion *self,
                                                  guint           *start,
                                                  guint           *end,
                                                  const char     **label);
void             gloss_suggestion_set_speaker    (GlossSuggestion *self,
                                                  guint            start,
                                                  guint            end,
                                                  const char      *label);

/* The same span, label and speaker: what a rejection is remembered by,
 * and how a run of a source finds what it suggested before. Source,
 * score and detail are not compared. */
gboolean         gloss_suggestion_same_proposal  (GlossSuggestion *a,
                                                  GlossSuggestion *b);
/* Everything alike: the same proposal, source, text, score, detail and
 * tie; what a new run of a source leaves as it was. */
gboolean         gloss_suggestion_equal          (GlossSuggestion *a,
                                                  GlossSuggestion *b);
/* Document order: start, then end (longer first), then label. */
int              gloss_suggestion_compare        (GlossSuggestion *a,
                                                  GlossSuggestion *b);

G_END_DECLS
