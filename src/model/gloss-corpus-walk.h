/* gloss-corpus-walk.h — every article of a corpus, read, with its label
 * set and every sidecar loaded: the one walk the CLI commands, the review
 * window, the agreement helper (and, next, the export) share
 *
 * For each article of the corpus, in the corpus's order:
 *  - articles without a (chosen) sidecar are skipped, unless the walk was
 *    made with GLOSS_CORPUS_WALK_UNANNOTATED;
 *  - a missing article, or one that cannot be read, is an error problem
 *    located at "document.file", once per sidecar (each is unusable), and
 *    the article is not handed on;
 *  - the label set is the nearest one (gloss-corpus-labels.h). A broken
 *    label file is an error problem handed out once per label file (with
 *    a NULL article), and the article's sidecars are still loaded, without
 *    labels, and handed on with labels NULL;
 *  - every (chosen) sidecar is loaded; one that fails is handed on FAILED,
 *    its problems on it and the load's error beside it;
 *  - the article function gets the whole article at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "gloss-corpus.h"
#include "gloss-document.h"
#include "gloss-label-set.h"
#include "gloss-problem.h"

G_BEGIN_DECLS

typedef enum
{
  GLOSS_CORPUS_WALK_DEFAULT     = 0,
  /* Also hand on articles without a (chosen) sidecar, with no sidecars. */
  GLOSS_CORPUS_WALK_UNANNOTATED = 1 << 0,
  /* A sidecar that gloss_sidecar_check_clean() finds clean is handed on
   * without being loaded (state NEW, no annotations, no problems): for
   * `validate`, which only tells the problems. Others are loaded, and so
   * is every sidecar whose label set requires a value (validate tells
   * which are missing: gloss-attribute-rules.h). */
  GLOSS_CORPUS_WALK_SKIP_CLEAN  = 1 << 1,
} GlossCorpusWalkFlags;

/* One article as the article function sees it; valid during the call. */
typedef struct
{
  GlossCorpusArticle *article;
  guint               index;     /* its position in the corpus */
  GlossDocument      *document;
  GlossLabelSet      *labels;    /* NULL: the label file is broken (reported) */
  GPtrArray          *sidecars;  /* GlossSidecar, in annotator order, loaded:
                                  * LOADED, NEWER, NEW (gone since the scan)
                                  * or FAILED */
  GPtrArray          *errors;    /* GError or NULL, one per sidecar: the load's error */
} GlossCorpusWalkArticle;

/* Return FALSE with @error set to stop the walk (a writer that failed);
 * the walk then fails with that error. */
typedef gboolean (*GlossCorpusWalkFunc)        (const GlossCorpusWalkArticle *item,
                                                gpointer                      user_data,
                                                GError                      **error);
/* A problem that keeps an article (or, with @article NULL, a label file's
 * folders) from being handed on. @file is the unusable sidecar (or the
 * article when it has none), or the label file; the problem's own file is
 * its parse name. */
typedef void     (*GlossCorpusWalkProblemFunc) (GlossCorpusArticle           *article,
                                                GFile                        *file,
                                                const GlossProblem           *problem,
                                                gpointer                      user_data);

#define GLOSS_TYPE_CORPUS_WALK (gloss_corpus_walk_get_type ())
G_DECLARE_FINAL_TYPE (GlossCorpusWalk, gloss_corpus_walk, GLOSS, CORPUS_WALK, GObject)

GlossCorpusWalk *gloss_corpus_walk_new               (GlossCorpus                *corpus,
                                                      GlossCorpusWalkFlags        flags);
/* Only these annotators' sidecars are loaded (NULL, the default: all). */
void             gloss_corpus_walk_set_annotators    (GlossCorpusWalk            *self,
                                                      const char * const         *annotators);
void             gloss_corpus_walk_set_article_func  (GlossCorpusWalk            *self,
                                                      GlossCorpusWalkFunc         func,
                                                      gpointer                    user_data,
                                                      GDestroyNotify              destroy);
void             gloss_corpus_walk_set_problem_func  (GlossCorpusWalk            *self,
                                                      GlossCorpusWalkProblemFunc  func,
                                                      gpointer                    user_data,
                                                      GDestroyNotify              destroy);
GlossCorpus     *gloss_corpus_walk_get_corpus        (GlossCorpusWalk            *self);

/* Work done on a document before it is handed on, in a second thread. */
typedef void     (*GlossCorpusWalkPrepareFunc) (GlossDocument              *document,
                                                gpointer                    user_data);
/* Read up to @n_articles ahead in a second thread, calling @prepare (if
 * not NULL) on each document there: e.g. computing its sentence
 * boundaries, which costs more than loading (the CoNLL export), so both
 * cores work. 0, the default, reads each article when its turn comes.
 * Articles the read-ahead cannot read are read again, and reported, by
 * the walk itself. */
void             gloss_corpus_walk_set_read_ahead    (GlossCorpusWalk            *self,
                                                      guint                       n_articles,
                                                      GlossCorpusWalkPrepareFunc  prepare,
                                                      gpointer                    user_data);

/* Walks in the calling thread; ::progress is emitted after each article
 * (done, total), skipped ones included. FALSE when cancelled
 * (G_IO_ERROR_CANCELLED) or when the article function stopped it. */
gboolean         gloss_corpus_walk_run               (GlossCorpusWalk            *self,
                                                      GCancellable               *cancellable,
                                                      GError                    **error);
/* The same in a worker thread: the article and problem functions run in
 * that thread; ::progress is emitted in the thread-default main context of
 * the caller (as it was when this was called), the last one (total, total)
 * before @callback. One run at a time. */
void             gloss_corpus_walk_run_async         (GlossCorpusWalk            *self,
                                                      GCancellable               *cancellable,
                                                      GAsyncReadyCallback         callback,
                                                      gpointer                    user_data);
gboolean         gloss_corpus_walk_run_finish        (GlossCorpusWalk            *self,
                                                      GAsyncResult               *result,
                                                      GError                    **error);

G_END_DECLS
