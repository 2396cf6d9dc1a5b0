/* gloss-suggest-corpus.h — the sources of suggestions run over a corpus on
 * a pool of worker threads, each article's results handed back in order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "gloss-annotation-set.h"
#include "gloss-document.h"
#include "gloss-suggest-same-text.h"

G_BEGIN_DECLS

/* One article to suggest for: its document, the annotations the
 * suggestions are made against (of that document) and its key in the
 * same-text index (NULL: the index does not hold it). Borrowed for the
 * run; the run neither changes nor keeps them. */
typedef struct
{
  GlossDocument      *document;
  GlossAnnotationSet *annotations;
  const char         *key;
} GlossSuggestCorpusJob;

/* Called on the thread that called gloss_suggest_corpus_run(), once per
 * job, in the order of the jobs: for each of the run's @n_sources sources,
 * @suggestions[i] is a new array of GlossSuggestion (the callee may steal
 * it, setting the slot to NULL) or NULL with @errors[i] saying why. The
 * arrays the callee leaves are freed after it returns. */
typedef void (*GlossSuggestCorpusFunc) (guint                       job_index,
                                        const GlossSuggestCorpusJob *job,
                                        guint                       n_sources,
                                        GPtrArray                 **suggestions,
                                        const GError * const       *errors,
                                        gpointer                    user_data);

/* Runs @sources (source ids: GLOSS_SUGGESTION_SOURCE_SAME_TEXT, which needs
 * @index, and GLOSS_SUGGESTION_SOURCE_QUOTES) for each of @jobs
 * (GlossSuggestCorpusJob *) on up to @n_workers threads (0: one per
 * processor; 1: no thread is started), and hands each job's results to
 * @func as soon as it and every job before it are done, so that the
 * caller can write files, in order, while the rest are computed.
 *
 * @index must be complete: nothing may add to it during the run (the
 * sources may read it from several threads at once, not while it
 * changes). A job whose annotations are not of its document fails on its
 * own (GLOSS_ERROR_INCONSISTENT for each source); the others go on.
 *
 * Returns FALSE with G_IO_ERROR_CANCELLED when @cancellable is cancelled
 * before the last job was handed back: no job is handed back after that,
 * and none is still running when this returns. FALSE with
 * GLOSS_ERROR_NOT_FOUND, before any work, for a source it does not know
 * or same-text without an index. */
gboolean gloss_suggest_corpus_run (GPtrArray              *jobs,
                                   const char * const     *sources,
                                   GlossSameTextIndex     *index,
                                   guint                   n_workers,
                                   GCancellable           *cancellable,
                                   GlossSuggestCorpusFunc  func,
                                   gpointer                user_data,
                                   GError                **error);

G_END_DECLS
