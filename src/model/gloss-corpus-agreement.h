/* gloss-corpus-agreement.h — agreement over a corpus: the figures
 * `gloss-cli agree` prints and the review window's agreement panel shows,
 * computed here once so the two cannot differ
 *
 * Built on the corpus walk (gloss-corpus-walk.h). An article counts only
 * when each chosen annotator has a sidecar for it that loads: a missing
 * one means "not annotated yet", which is not "marked nothing"
 * (docs/review.md); such an article is listed as skipped. Each article's
 * figures are computed alone and added into the corpus's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "gloss-agreement.h"
#include "gloss-corpus.h"
#include "gloss-corpus-walk.h"
#include "gloss-sidecar.h"

G_BEGIN_DECLS

typedef enum
{
  GLOSS_CORPUS_AGREEMENT_DEFAULT              = 0,
  /* Count adjudicated sidecars (a top-level "review" record) too: for
   * annotators named on purpose. Otherwise such a sidecar counts as
   * missing. */
  GLOSS_CORPUS_AGREEMENT_INCLUDE_ADJUDICATED  = 1 << 0,
} GlossCorpusAgreementFlags;

/* A problem met on the way (an article or label file the walk could not
 * use, or with @sidecar set, a sidecar that failed to load: @problem is
 * then its first error). The sidecar's article is left out. */
typedef void (*GlossCorpusAgreementProblemFunc) (GlossCorpusArticle *article,
                                                 GlossSidecar       *sidecar,
                                                 const GlossProblem *problem,
                                                 gpointer            user_data);

#define GLOSS_TYPE_CORPUS_AGREEMENT (gloss_corpus_agreement_get_type ())
G_DECLARE_FINAL_TYPE (GlossCorpusAgreement, gloss_corpus_agreement, GLOSS, CORPUS_AGREEMENT, GObject)

/* Every annotator with a sidecar in @corpus but those whose sidecars are
 * adjudicated (the first one of each id that loads tells): whom `agree`
 * compares when none are named. Blocking. */
GStrv                 gloss_corpus_agreement_dup_default_annotators (GlossCorpus                 *corpus,
                                                                     GCancellable                *cancellable);

/* @annotators: two or more ids, in the order the figures use. */
GlossCorpusAgreement *gloss_corpus_agreement_new         (GlossCorpus                     *corpus,
                                                          const char * const              *annotators,
                                                          GlossCorpusAgreementFlags        flags);
/* Called in the walking thread, in walk order. */
void                  gloss_corpus_agreement_set_problem_func (GlossCorpusAgreement          *self,
                                                               GlossCorpusAgreementProblemFunc func,
                                                               gpointer                       user_data,
                                                               GDestroyNotify                 destroy);

/* Like gloss_corpus_walk_run() and _run_async(): ::progress (done, total)
 * after each article, on the caller's context for the async one. Fails
 * only when cancelled. */
gboolean              gloss_corpus_agreement_run         (GlossCorpusAgreement  *self,
                                                          GCancellable          *cancellable,
                                                          GError               **error);
void                  gloss_corpus_agreement_run_async   (GlossCorpusAgreement  *self,
                                                          GCancellable          *cancellable,
                                                          GAsyncReadyCallback    callback,
                                                          gpointer               user_data);
gboolean              gloss_corpus_agreement_run_finish  (GlossCorpusAgreement  *self,
                                                          GAsyncResult          *result,
                                                          GError               **error);

/* After a run: */
const char * const   *gloss_corpus_agreement_get_annotators (GlossCorpusAgreement *self);
/* The corpus's figures: every counted article added together, so each
 * figure — overall, per kind (gloss_agreement_get_kind_*()) or per
 * label — is that of all the articles' counts put together, not a mean
 * of the articles' figures. */
const GlossAgreement *gloss_corpus_agreement_get_total   (GlossCorpusAgreement *self);
/* The articles counted, in corpus order, each with its own figures. */
guint                 gloss_corpus_agreement_get_n_articles (GlossCorpusAgreement *self);
GlossCorpusArticle   *gloss_corpus_agreement_get_article (GlossCorpusAgreement *self,
                                                          guint                 index);
const GlossAgreement *gloss_corpus_agreement_get_article_agreement (GlossCorpusAgreement *self,
                                                                    guint                 index);
/* Articles with a sidecar from some annotator but not from all: the
 * article, and the ids missing joined by ", ". */
guint                 gloss_corpus_agreement_get_n_skipped (GlossCorpusAgreement *self);
GlossCorpusArticle   *gloss_corpus_agreement_get_skipped  (GlossCorpusAgreement *self,
                                                           guint                 index,
                                                           const char          **missing);
/* GlossProblem, every problem the run met, in order (the sidecars'
 * first errors for those that failed). Transfer none. */
GPtrArray            *gloss_corpus_agreement_get_problems (GlossCorpusAgreement *self);

G_END_DECLS
