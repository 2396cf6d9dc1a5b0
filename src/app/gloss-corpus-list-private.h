/* gloss-corpus-list-private.h — what a row of the sidebar shows, for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gloss-corpus-list.h"

G_BEGIN_DECLS

/* Test and accessibility helpers: what the row of @article shows.
 * Returns FALSE if @article is not listed. @n_annotations is G_MAXUINT
 * when the count is unknown (sidecar too large or unreadable). */
gboolean   gloss_corpus_list_get_article_status   (GlossCorpusList *self,
                                                   GFile           *article,
                                                   guint           *n_annotations,
                                                   gboolean        *started,
                                                   guint           *n_other_annotators);

/* Whether the row of @article shows the annotator's done mark. */
gboolean   gloss_corpus_list_get_article_done     (GlossCorpusList *self,
                                                   GFile           *article);
/* "3 of 5 articles done", or NULL while no list is shown. */
const char *gloss_corpus_list_get_progress_text   (GlossCorpusList *self);

/* Shows only the articles @filter matches (gloss_article_count_matches();
 * NULL or "": all), as the filter menu does. */
void        gloss_corpus_list_set_filter          (GlossCorpusList *self,
                                                   const char      *filter);
/* The rows shown, and the article of row @position (transfer none). */
guint       gloss_corpus_list_get_n_shown         (GlossCorpusList *self);
GFile      *gloss_corpus_list_get_shown_article   (GlossCorpusList *self,
                                                   guint            position);
/* The filter button's label ("All Articles", "Topic: Politics") and its
 * menu (items "Done (3)"…). */
const char *gloss_corpus_list_get_filter_label    (GlossCorpusList *self);
GMenuModel *gloss_corpus_list_get_filter_menu     (GlossCorpusList *self);

G_END_DECLS
