/* gloss-export.h — turning a corpus into the dataset formats NLP tools read
 *
 * One corpus walker (gloss-export.c) loads each article × annotator once
 * and hands it to the writer of the chosen format, a subclass of
 * GlossFormatWriter (gloss-format-writer.h) per format (gloss-format-jsonl.c,
 * -doccano.c, -conll.c, -brat.c, -w3c.c, -csv.c); gloss-export-output.c
 * puts the output in place. The options, summary and record types are in
 * gloss-export-types.h, shared with the writers.
 * Every loss a format forces (an overlap CoNLL cannot hold, a relation a
 * format lacks, a note, an orphan) is counted in the summary, never silent.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "gloss-corpus.h"
#include "gloss-export-types.h"

G_BEGIN_DECLS

/* Exports @corpus (articles in corpus order; annotators sorted) to @output:
 * a file for single-file formats, a folder for brat. Blocking (for CoNLL
 * the walk reads ahead in a thread of its own); a UI calls
 * gloss_export_corpus_async().
 * Returns FALSE with @error on a failure to write,
 * a refusal, or when cancelled; unreadable sidecars are not a failure
 * (counted in summary->failed, listed in problems).
 *
 * Nothing the export did not write itself is ever removed or replaced
 * without consent (docs/export.md, "Writing the output"):
 *  - A new output is written as a hidden temporary file or folder beside it
 *    and renamed into place only when complete.
 *  - An existing file, or a folder that is not empty, is written over only
 *    with options->force or when @confirm answers TRUE; otherwise the export
 *    fails with G_IO_ERROR_EXISTS, a message naming what would have been
 *    replaced, and summary->existing saying the same. A single file is
 *    asked about before the work, a folder once the files are written (so
 *    that the answer is about the exact names). A declined question ends
 *    with G_IO_ERROR_CANCELLED.
 *  - Into an existing folder, the files are written in a hidden folder in
 *    it, then each moved over its namesake (rename: a reader sees the old
 *    file or the new one); every other file stays as it was. If one move
 *    fails, those done are undone. A read-only file or a folder in the way
 *    is refused, force or not.
 *  - A failed, refused or cancelled export leaves the old output as it was,
 *    and no temporary file.
 * summary->existing lists what was replaced. */
gboolean gloss_export_corpus (GlossCorpus               *corpus,
                              GFile                     *root,
                              const GlossExportOptions  *options,
                              GFile                     *output,
                              GlossExportProgress        progress,
                              gpointer                   progress_data,
                              GlossExportSummary        *summary,
                              GCancellable              *cancellable,
                              GError                   **error);

/* The same, asking @confirm (may be NULL: refuse) before writing over an
 * existing output when options->force is not set. */
gboolean gloss_export_corpus_full (GlossCorpus               *corpus,
                                   GFile                     *root,
                                   const GlossExportOptions  *options,
                                   GFile                     *output,
                                   GlossExportProgress        progress,
                                   gpointer                   progress_data,
                                   GlossExportConfirm         confirm,
                                   gpointer                   confirm_data,
                                   GlossExportSummary        *summary,
                                   GCancellable              *cancellable,
                                   GError                   **error);

/* An export started with gloss_export_corpus_async() waiting for a person's
 * answer to a question (GlossExportAsk). */
typedef struct _GlossExportReply GlossExportReply;

/* Asked on the caller's main context before an asynchronous export writes
 * over @existing (options->force not set). @reply is the callee's: answer
 * it exactly once with gloss_export_reply_answer(), now or later (from a
 * button, say); a cancel also ends the wait, and a late answer is then
 * ignored. */
typedef void (*GlossExportAsk) (const GlossExportExisting *existing,
                                GlossExportReply          *reply,
                                gpointer                   user_data);

/* TRUE: write over what was asked about; FALSE: leave it as it is. Frees
 * @reply. Any thread. */
void     gloss_export_reply_answer (GlossExportReply *reply,
                                    gboolean          replace);

/* gloss_export_corpus_full() in a worker thread, for a UI. @progress and
 * @ask (either may be NULL; no @ask refuses to write over anything) are
 * called on the thread-default main context of the caller, with
 * @hooks_data, which must stay valid until @callback has run; progress
 * comes in order (it may skip counts when the main loop is busy, never the
 * last), and all of it before @callback. @options and the other arguments
 * are copied or referenced: the caller may free them at once. Cancelling
 * @cancellable ends the export as the blocking call does: the old output
 * stays as it was, no temporary file is left. */
void     gloss_export_corpus_async  (GlossCorpus               *corpus,
                                     GFile                     *root,
                                     const GlossExportOptions  *options,
                                     GFile                     *output,
                                     GlossExportProgress        progress,
                                     GlossExportAsk             ask,
                                     gpointer                   hooks_data,
                                     GCancellable              *cancellable,
                                     GAsyncReadyCallback        callback,
                                     gpointer                   user_data);
/* The result: FALSE with @error as gloss_export_corpus_full() would give.
 * @summary (initialised with gloss_export_summary_init()) is replaced by
 * the export's, after a failure too (summary->existing on a refusal). */
gboolean gloss_export_corpus_finish (GAsyncResult              *result,
                                     GlossExportSummary        *summary,
                                     GError                   **error);

G_END_DECLS
