/* gloss-corpus-counts.h — how far one annotator is on each article of a
 * corpus: started or not, and how many annotations, read the way the
 * editor reads them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "gloss-corpus.h"

G_BEGIN_DECLS

typedef enum
{
  GLOSS_ARTICLE_COUNT_NONE,     /* the annotator has no sidecar for the article */
  GLOSS_ARTICLE_COUNT_KNOWN,
  GLOSS_ARTICLE_COUNT_SKIPPED,  /* the article or the sidecar is over the size
                                 * limit, and was not read */
  GLOSS_ARTICLE_COUNT_FAILED,   /* the sidecar or its article could not be read */
} GlossArticleCountState;

typedef struct
{
  GlossArticleCountState state;
  guint                  n_annotations;  /* placed and orphaned, when KNOWN */
  guint                  n_others;       /* other annotators with a sidecar */
  gboolean               started;        /* the annotator's sidecar exists */
  gboolean               done;           /* the sidecar's "done" mark, when KNOWN */
} GlossArticleCount;

/* How far the annotator is on the whole folder. */
typedef struct
{
  guint n_done;       /* articles whose sidecar is marked done */
  guint n_started;    /* articles with a sidecar of the annotator */
  guint n_articles;   /* all articles */
} GlossCorpusProgress;

/* One GlossArticleCount per article of @corpus, in its order. An
 * annotator's sidecar is loaded as the editor will load it (re-anchoring
 * included), so the figure matches what opening the article shows; with
 * the label set the corpus walk would use (gloss-corpus-labels.h): a
 * broken label file is appended to @problems (GlossProblem, nullable) once,
 * and the sidecars below it are counted without labels. Articles or
 * sidecars larger than @max_bytes (0: no limit) are not read: SKIPPED.
 * @annotator_id NULL counts nothing (every article NONE, with its other
 * annotators). FALSE only when cancelled. Blocking. */
GArray   *gloss_corpus_count_annotations        (GlossCorpus          *corpus,
                                                 const char           *annotator_id,
                                                 goffset               max_bytes,
                                                 GPtrArray            *problems,
                                                 GCancellable         *cancellable,
                                                 GError              **error);
/* The same in a worker thread; @corpus must not change until @callback,
 * which is called on the caller's thread-default main context. */
void      gloss_corpus_count_annotations_async  (GlossCorpus          *corpus,
                                                 const char           *annotator_id,
                                                 goffset               max_bytes,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
/* The counts (transfer full), and in @problems (optional, transfer full)
 * the broken label files; NULL (and G_IO_ERROR_CANCELLED) when cancelled. */
GArray   *gloss_corpus_count_annotations_finish (GAsyncResult         *result,
                                                 GPtrArray           **problems,
                                                 GError              **error);

/* Sums @counts (GlossArticleCount, as made above) into @progress. */
void      gloss_corpus_progress_from_counts     (GArray               *counts,
                                                 GlossCorpusProgress  *progress);

G_END_DECLS
