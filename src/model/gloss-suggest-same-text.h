/* gloss-suggest-same-text.h — "same text elsewhere": a text the corpus
 * marked, suggested wherever the same words stand unmarked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "gloss-annotation-set.h"

G_BEGIN_DECLS

/* An index of what a corpus marked: for each exact text (the code points
 * of a placed span, as the article stores them) the labels it was given,
 * with how many articles gave it each label and how many spans. A text
 * with no letter or digit in it (a dash, a lone quotation mark) is left
 * out: it would match everywhere and mean nothing.
 *
 * An article is what is added under one key (its path, say): adding
 * under the same key again replaces what that key brought, so the app can
 * keep the index up to date as the person marks. Add one annotator's sets:
 * each key votes once per label (see gloss_suggest_same_text()).
 *
 * Not thread-safe while it changes; once the last set is added,
 * gloss_suggest_same_text() may run in several threads at once on it. */
#define GLOSS_TYPE_SAME_TEXT_INDEX (gloss_same_text_index_get_type ())
G_DECLARE_FINAL_TYPE (GlossSameTextIndex, gloss_same_text_index, GLOSS, SAME_TEXT_INDEX, GObject)

GlossSameTextIndex *gloss_same_text_index_new          (void);

/* Adds the placed annotations of @set (orphans have no text here) as the
 * article @article_key, replacing what was added under that key before.
 * The set is read now and not kept. */
void                gloss_same_text_index_add          (GlossSameTextIndex *self,
                                                        const char         *article_key,
                                                        GlossAnnotationSet *set);
/* Takes out what @article_key brought; FALSE if nothing was added under it. */
gboolean            gloss_same_text_index_remove       (GlossSameTextIndex *self,
                                                        const char         *article_key);

guint               gloss_same_text_index_get_n_articles (GlossSameTextIndex *self);
/* How many distinct texts are marked. */
guint               gloss_same_text_index_get_n_texts  (GlossSameTextIndex *self);
/* The labels @text was given, in byte order (NULL-terminated, empty when
 * the text was never marked). */
char              **gloss_same_text_index_dup_labels   (GlossSameTextIndex *self,
                                                        const char         *text);
/* How many articles marked @text as @label (0 when none); @n_spans
 * (optional) receives how many spans they marked so. */
guint               gloss_same_text_index_count        (GlossSameTextIndex *self,
                                                        const char         *text,
                                                        const char         *label,
                                                        guint              *n_spans);

/* The suggestions (source GLOSS_SUGGESTION_SOURCE_SAME_TEXT) for the
 * article of @set: each occurrence in it of a text that @index or @set
 * itself marked, as a new array of GlossSuggestion in document order
 * (gloss_suggestion_compare()).
 *
 * The votes: every article that marked the text votes once for each label
 * it gave it. @set is the article as it is now: its own annotations count
 * as the article @article_key, in place of what the index holds under that
 * key (NULL: the index does not hold this article), so marks made since
 * the index was built count at once and none counts twice.
 *
 * An occurrence is the same code points (same case, no normalization) as
 * whole words by the article's own word boundaries
 * (gloss_document_word_start_before() and _word_end_after() leave both
 * ends where they are, which is how English clitics are cut off too: the
 * "Núñez" of "Núñez’s" is one, that of "Núñezes" is not), on grapheme
 * boundaries (not before a combining mark or a joiner).
 *
 * The label: the one with the most votes, and the score its share of the
 * votes (1.0 when the corpus agrees). When two or more labels have the
 * most votes, nothing is picked: the suggestion has no label, its tie
 * lists them (in the order of the set's label set, then other labels in
 * byte order) and its score is the share of each. The detail lists every
 * label with its votes, most first, as label ids and counts so that it
 * reads the same in every language: "person 3×, organization 1×".
 *
 * What is not suggested:
 *  - an occurrence already annotated with exactly that span, whatever the
 *    label (the person has decided there);
 *  - one overlapping in any way an annotation with the suggested label (or
 *    one of the tie's): it is marked already, or would nest in a span of
 *    its own label;
 *  - one that crosses an annotation (overlaps it without either holding
 *    the other): such a span is a wrong cut. Nesting in, or around, an
 *    annotation of another label is fine (a name inside a quote);
 *  - one inside a longer occurrence suggested with the same label or tie
 *    ("York" within "New York", both places): the longer one says it.
 * Rejections are not remembered here: the suggestions file does that. */
GPtrArray          *gloss_suggest_same_text            (GlossAnnotationSet *set,
                                                        GlossSameTextIndex *index,
                                                        const char         *article_key);

G_END_DECLS
