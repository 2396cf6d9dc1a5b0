/* gloss-corpus-row.h — one article in the corpus sidebar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gloss-corpus-article.h"
#include "gloss-corpus-counts.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_CORPUS_ROW (gloss_corpus_row_get_type ())
G_DECLARE_FINAL_TYPE (GlossCorpusRow, gloss_corpus_row, GLOSS, CORPUS_ROW, GtkWidget)

/* A status icon ("Done", "Started", "Not started", or a warning when the sidecar
 * cannot be read, each with its accessible label and tooltip), the file
 * name (the full path as tooltip), a subtitle (the subfolder below the
 * corpus folder, a missing article or unreadable annotations, the other
 * annotators) and the count ("…" when too large to count), whose
 * accessible label says what the number is. */
GtkWidget *gloss_corpus_row_new      (void);
/* Shows @article with the annotator's @count; @folder (nullable) is the
 * corpus folder, for the subfolder in the subtitle. */
void       gloss_corpus_row_update   (GlossCorpusRow             *self,
                                      GlossCorpusArticle         *article,
                                      const GlossArticleCount    *count,
                                      GFile                      *folder);
/* Forgets the article shown (the row is unbound). */
void       gloss_corpus_row_clear    (GlossCorpusRow             *self);
/* The article shown, or NULL. Transfer none. */
GFile     *gloss_corpus_row_get_file (GlossCorpusRow             *self);

G_END_DECLS
