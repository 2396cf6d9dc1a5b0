/* gloss-corpus-article.h — an article of a corpus and the sidecars beside it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define GLOSS_TYPE_CORPUS_ARTICLE (gloss_corpus_article_get_type ())
G_DECLARE_FINAL_TYPE (GlossCorpusArticle, gloss_corpus_article, GLOSS, CORPUS_ARTICLE, GObject)

GlossCorpusArticle *gloss_corpus_article_new            (GFile              *file);
/* The article file; it may not exist (a sidecar whose article is missing). */
GFile              *gloss_corpus_article_get_file       (GlossCorpusArticle *self);
const char         *gloss_corpus_article_get_name       (GlossCorpusArticle *self);
gboolean            gloss_corpus_article_exists         (GlossCorpusArticle *self);
void                gloss_corpus_article_set_exists     (GlossCorpusArticle *self,
                                                         gboolean            exists);
/* Sidecars found beside it, sorted by annotator id. */
guint               gloss_corpus_article_get_n_sidecars (GlossCorpusArticle *self);
GFile              *gloss_corpus_article_get_sidecar    (GlossCorpusArticle *self,
                                                         guint               index);
const char         *gloss_corpus_article_get_annotator  (GlossCorpusArticle *self,
                                                         guint               index);
/* Returns the sidecar file for @annotator_id, or NULL. */
GFile              *gloss_corpus_article_find_sidecar   (GlossCorpusArticle *self,
                                                         const char         *annotator_id);
void                gloss_corpus_article_add_sidecar    (GlossCorpusArticle *self,
                                                         const char         *annotator_id,
                                                         GFile              *sidecar);

G_END_DECLS
