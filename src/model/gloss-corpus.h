/* gloss-corpus.h — the articles and sidecars found in files and folders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "gloss-corpus-article.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_CORPUS (gloss_corpus_get_type ())
G_DECLARE_FINAL_TYPE (GlossCorpus, gloss_corpus, GLOSS, CORPUS, GObject)

/* A GListModel of GlossCorpusArticle sorted by path. */
GlossCorpus *gloss_corpus_new              (void);
/* TRUE for the file names Gloss treats as articles (*.txt, *.md). */
gboolean     gloss_corpus_is_article_name  (const char    *name);
/* Add a folder (recursively; hidden entries skipped), an article file (with
 * the sidecars beside it) or a sidecar file (with its article). Blocking:
 * call from a worker thread for big folders. */
gboolean     gloss_corpus_add_path         (GlossCorpus   *self,
                                            GFile         *path,
                                            GCancellable  *cancellable,
                                            GError       **error);
guint        gloss_corpus_get_n_articles   (GlossCorpus   *self);
GlossCorpusArticle *gloss_corpus_get_article (GlossCorpus *self,
                                              guint        index);

G_END_DECLS
