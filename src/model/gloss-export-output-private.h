/* gloss-export-output-private.h — internal to libgloss: where an export
 * writes (gloss-export-output.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gloss-corpus.h"
#include "gloss-export-types.h"

G_BEGIN_DECLS

typedef struct _GlossExportOutput GlossExportOutput;

/* Refuses, before any work, an output the export could never write: a
 * missing parent folder, the corpus itself, a folder for a file or a file
 * for a folder. An existing output is settled later, by the output. */
gboolean           gloss_export_output_check      (GlossCorpus               *corpus,
                                                   const GlossExportOptions  *options,
                                                   GFile                     *output,
                                                   GError                   **error);

/* The destination of one export to @output. @options and @summary (where
 * summary->existing is set) must outlive it; @confirm may be NULL: refuse
 * to write over anything without options->force. */
GlossExportOutput *gloss_export_output_new        (GFile                     *output,
                                                   const GlossExportOptions  *options,
                                                   GlossExportConfirm         confirm,
                                                   gpointer                   confirm_data,
                                                   GlossExportSummary        *summary);
/* Settles an existing single file (asks or refuses before the work), then
 * creates the temporary file or folder the writer writes. */
gboolean           gloss_export_output_open       (GlossExportOutput         *dest,
                                                   GCancellable              *cancellable,
                                                   GError                   **error);
/* After open: where a single-file writer writes, or NULL. */
GOutputStream     *gloss_export_output_get_stream (GlossExportOutput         *dest);
/* After open: the folder a folder writer (brat) fills, or NULL. */
GFile             *gloss_export_output_get_folder (GlossExportOutput         *dest);
/* After open: where the writer writes the file a format puts beside its
 * output (label-studio's config, hf's label list: gloss_export_options_get_companion()), a
 * hidden name beside it that the commit renames after the output; NULL
 * for the other formats. */
GFile             *gloss_export_output_get_companion (GlossExportOutput      *dest);
/* Puts the complete output in place: a rename for a new file or folder;
 * into an existing folder, each file over its namesake (settled first),
 * all undone if one fails. summary->existing then lists what was replaced. */
gboolean           gloss_export_output_commit     (GlossExportOutput         *dest,
                                                   GCancellable              *cancellable,
                                                   GError                   **error);
/* Removes what is left of the temporary output: all of it unless
 * committed, so that a failed or cancelled export leaves the old output as
 * it was. */
void               gloss_export_output_free       (GlossExportOutput         *dest);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossExportOutput, gloss_export_output_free)

G_END_DECLS
