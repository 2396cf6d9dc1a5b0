/* gloss-corpus-counts.h — how far one annotator is on each article of a
 * corpus: started or not, and how many annotations, read the way the
 * editor reads them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "gloss-corpus.h"
#include "gloss-label-set.h"

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
  /* The sidecar's fields of the article ("a{sv}", or NULL), and the label
   * set of the article's folder, which its sidecar is read with (NULL if
   * its label file is broken, or the article was not read: SKIPPED,
   * FAILED):
   * both owned by the count (the arrays made here clear them;
   * gloss_article_count_copy() and _clear() for a count kept elsewhere). */
  GVariant              *document_labels;
  GlossLabelSet         *labels;
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
 * the label set the corpus walk would use (gloss-corpus-labels.h), looked
 * up for every article (started or not): a
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

/* @dest (uninitialised) becomes a copy of @src, with its own references. */
void      gloss_article_count_copy              (GlossArticleCount       *dest,
                                                 const GlossArticleCount *src);
/* Drops the references @count holds (a GArray clear function). */
void      gloss_article_count_clear             (gpointer                 count);

/* Which articles the corpus sidebar shows. A filter is a string:
 *   NULL or ""       every article
 *   "done"           the annotator marked it done
 *   "not-done"       not marked done (not started included)
 *   "field:ID=VALUE" its field ID holds VALUE: a choice's value id (one
 *                    of several, for a multiple choice), or "true" or
 *                    "false" for a boolean; a field not set holds nothing
 * Ids never hold ":" or "=" (docs/labels.md), so the string is unambiguous.
 * An unknown form matches nothing. */
gboolean  gloss_article_count_matches           (const GlossArticleCount *count,
                                                 const char              *filter);
/* How many of @counts match @filter. */
guint     gloss_corpus_counts_count_matching    (GArray                  *counts,
                                                 const char              *filter);
/* The fields a filter can pick a value of — the choice and boolean
 * fields of the label sets @counts were read with, by id, the first met
 * of each id kept, in the order met (GlossAttribute, transfer full). */
GPtrArray *gloss_corpus_counts_dup_filter_fields (GArray                 *counts);

G_END_DECLS
