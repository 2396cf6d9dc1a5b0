/* gloss-format.h — internal to libgloss: the interface of a format writer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gloss-export.h"
#include "gloss-label-set.h"

G_BEGIN_DECLS

typedef struct _GlossFormatWriter GlossFormatWriter;

/* The walker fills options/out/folder, then calls begin, write_record for
 * each article × annotator, end, and free. Single-file formats write to
 * @out (a temporary file the walker renames into place); brat writes files
 * into @folder (a temporary folder, likewise). */
struct _GlossFormatWriter
{
  gboolean (*begin)        (GlossFormatWriter         *self,
                            GError                   **error);
  gboolean (*write_record) (GlossFormatWriter         *self,
                            const GlossExportRecord   *record,
                            GlossExportSummary        *summary,
                            GError                   **error);
  gboolean (*end)          (GlossFormatWriter         *self,
                            GlossExportSummary        *summary,
                            GError                   **error);
  void     (*free)         (GlossFormatWriter         *self);

  const GlossExportOptions *options;
  GOutputStream            *out;
  GFile                    *folder;
};

GlossFormatWriter *gloss_format_jsonl_new   (void);
GlossFormatWriter *gloss_format_doccano_new (void);
GlossFormatWriter *gloss_format_conll_new   (void);
GlossFormatWriter *gloss_format_brat_new    (void);
GlossFormatWriter *gloss_format_w3c_new     (void);
GlossFormatWriter *gloss_format_csv_new     (void);

/* Helpers for writers (gloss-export.c) */

/* The record's placed annotations that pass the label filter, in document
 * order (new array, refs). Orphans are counted in summary->lost_orphans by
 * the walker, never here. */
GPtrArray  *gloss_export_record_spans     (const GlossExportRecord  *record,
                                           const GlossExportOptions *options);
/* Relations whose both ends are among @spans (new array, refs). */
GPtrArray  *gloss_export_record_relations (const GlossExportRecord  *record,
                                           GPtrArray                *spans);
/* Writes all of @str to @out. */
gboolean    gloss_export_write            (GOutputStream            *out,
                                           const char               *str,
                                           gssize                    length,
                                           GError                  **error);
/* The kind of @label in the record's label set (GLOSS_LABEL_KIND_ENTITY for
 * unknown labels, which then land in the entity column / T lines). */
GlossLabelKind gloss_export_label_kind    (const GlossExportRecord  *record,
                                           const char               *label);

G_END_DECLS
