/* gloss-corpus.h — the articles and sidecars found in files and folders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "gloss-corpus-article.h"
#include "gloss-problem.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_CORPUS (gloss_corpus_get_type ())
G_DECLARE_FINAL_TYPE (GlossCorpus, gloss_corpus, GLOSS, CORPUS, GObject)

typedef enum
{
  GLOSS_CORPUS_SCAN_DEFAULT  = 0,
  /* Fail, as gloss_corpus_check_complete() does, when a part of the corpus
   * could not be read: for an export, which must not silently lack
   * articles. */
  GLOSS_CORPUS_SCAN_COMPLETE = 1 << 0,
} GlossCorpusScanFlags;

/* A GListModel of GlossCorpusArticle sorted by path. */
GlossCorpus *gloss_corpus_new              (void);
/* TRUE for the file names Gloss treats as articles (*.txt, *.md). */
gboolean     gloss_corpus_is_article_name  (const char    *name);
/* Add a folder (recursively; hidden entries skipped), an article file (with
 * the sidecars beside it) or a sidecar file (with its article). Blocking:
 * call from a worker thread for big folders.
 *
 * Each folder is scanned once, however many ways lead to it: a link to a
 * folder is followed after the real folders, and not at all when it loops
 * back (a link to "." or "..") or leads to a folder already scanned. What
 * cannot be used is left out and recorded (gloss_corpus_get_problems()):
 * those links, files named like articles or sidecars that are not regular
 * files (a FIFO, a device), folders below @path that cannot be read; the
 * scan goes on with the rest. Fails only when @path itself cannot be read,
 * is not an article, a sidecar or a folder, or is not a regular file. */
gboolean     gloss_corpus_add_path         (GlossCorpus   *self,
                                            GFile         *path,
                                            GCancellable  *cancellable,
                                            GError       **error);
/* A new corpus of @path (gloss_corpus_add_path()) scanned in a worker
 * thread, so a big folder never blocks the caller; @callback is called on
 * the caller's thread-default main context. Cancelling @cancellable makes
 * the scan stop early and finish with G_IO_ERROR_CANCELLED. */
void         gloss_corpus_scan_async       (GFile                *path,
                                            GlossCorpusScanFlags  flags,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
/* The corpus (transfer full), or NULL with the error add_path() (or, with
 * GLOSS_CORPUS_SCAN_COMPLETE, check_complete()) gave. @is_folder
 * (optional) says whether @path was a folder when it was scanned (an
 * export's article ids are relative to it then, and otherwise to the
 * article's own folder). */
GlossCorpus *gloss_corpus_scan_finish      (GAsyncResult         *result,
                                            gboolean             *is_folder,
                                            GError              **error);
/* GlossProblem (gloss-problem.h), with the path in ->file. Transfer none. */
GPtrArray   *gloss_corpus_get_problems     (GlossCorpus   *self);
/* FALSE, with GLOSS_ERROR_FAILED naming the first and counting the rest,
 * when a part of the corpus could not be read (an error among the
 * problems): a dataset exported from it would silently lack articles. */
gboolean     gloss_corpus_check_complete   (GlossCorpus   *self,
                                            GError       **error);
/* Every annotator with a sidecar somewhere in the corpus, sorted, each
 * once; from the file names, so nothing is loaded. */
GStrv        gloss_corpus_dup_annotators   (GlossCorpus   *self);
guint        gloss_corpus_get_n_articles   (GlossCorpus   *self);
GlossCorpusArticle *gloss_corpus_get_article (GlossCorpus *self,
                                              guint        index);

G_END_DECLS
