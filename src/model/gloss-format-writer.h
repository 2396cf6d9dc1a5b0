/* gloss-format-writer.h — internal to libgloss: the base of the format
 * writers, one subclass per format (gloss-format-*.c)
 *
 * The export (gloss-export.c) makes a writer for the chosen format with
 * the options and where to write, then calls begin, write_record for each
 * article × annotator, and end. Single-file formats write to the stream
 * (a temporary file the export renames into place); brat writes files
 * into the folder (a temporary folder, likewise). The helpers below are
 * what every format needs: the record's spans once filtered, the relations
 * between them, a label's kind, and writing all of a string.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gloss-export-types.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_FORMAT_WRITER (gloss_format_writer_get_type ())

G_DECLARE_DERIVABLE_TYPE (GlossFormatWriter, gloss_format_writer, GLOSS, FORMAT_WRITER, GObject)

struct _GlossFormatWriterClass
{
  GObjectClass parent_class;

  /* Each may be left NULL: nothing to do. */
  gboolean (*begin)        (GlossFormatWriter         *self,
                            GError                   **error);
  gboolean (*write_record) (GlossFormatWriter         *self,
                            const GlossExportRecord   *record,
                            GlossExportSummary        *summary,
                            GError                   **error);
  gboolean (*end)          (GlossFormatWriter         *self,
                            GlossExportSummary        *summary,
                            GError                   **error);

  /* Set by a format that writes spans' attribute values (or the article's
   * fields, document_labels): it then counts in the summary only those it
   * cannot hold (lost_attributes, lost_fields). Left FALSE, the export
   * counts every value as lost, so none is dropped without a word. */
  gboolean handles_attributes;
  gboolean handles_document_labels;
};

/* The writer of options->format. @options (kept, not copied) must outlive
 * it; @stream is for single-file formats, @folder for brat (either may be
 * NULL; begin refuses what the format cannot write to). */
GlossFormatWriter        *gloss_format_writer_new           (const GlossExportOptions  *options,
                                                             GOutputStream             *stream,
                                                             GFile                     *folder);

const GlossExportOptions *gloss_format_writer_get_options   (GlossFormatWriter         *self);
GOutputStream            *gloss_format_writer_get_stream    (GlossFormatWriter         *self);
GFile                    *gloss_format_writer_get_folder    (GlossFormatWriter         *self);

gboolean                  gloss_format_writer_begin         (GlossFormatWriter         *self,
                                                             GError                   **error);
gboolean                  gloss_format_writer_write_record  (GlossFormatWriter         *self,
                                                             const GlossExportRecord   *record,
                                                             GlossExportSummary        *summary,
                                                             GError                   **error);
gboolean                  gloss_format_writer_end           (GlossFormatWriter         *self,
                                                             GlossExportSummary        *summary,
                                                             GError                   **error);

/* Helpers for the formats */

/* The record's placed annotations that pass the options' label filter, in
 * document order (new array, refs). Orphans are counted in
 * summary->lost_orphans by the export, never here. */
GPtrArray                *gloss_format_writer_dup_spans     (GlossFormatWriter         *self,
                                                             const GlossExportRecord   *record);
/* Relations whose both ends are among @spans (new array, refs). */
GPtrArray                *gloss_format_writer_dup_relations (GlossFormatWriter         *self,
                                                             const GlossExportRecord   *record,
                                                             GPtrArray                 *spans);
/* The kind of @label in the record's label set (GLOSS_LABEL_KIND_ENTITY
 * for unknown labels, which then land in the entity column / T lines). */
GlossLabelKind            gloss_format_writer_label_kind    (GlossFormatWriter         *self,
                                                             const GlossExportRecord   *record,
                                                             const char                *label);
/* Whether the format writes attributes / the article's fields itself
 * (see the class members). */
gboolean                  gloss_format_writer_handles_attributes      (GlossFormatWriter *self);
gboolean                  gloss_format_writer_handles_document_labels (GlossFormatWriter *self);
/* For the formats that write a folder (brat, uima-json, webanno-tsv): a
 * new plain file with @contents. The folder is a temporary one that the
 * export renames into place whole, so no file needs an atomic replace
 * (nor its fsync, which made a 1,000-article export take seconds). */
gboolean                  gloss_format_writer_create_file   (GFile                     *file,
                                                             const char                *contents,
                                                             gsize                      length,
                                                             GError                   **error);
/* An article id as one file name, for the formats that write one folder:
 * the corpus's folders folded in and the last extension dropped
 * ("news/2024/a.txt" → "news__2024__a"). */
char                     *gloss_format_writer_fold_article_id (const char              *article_id);
/* Writes all of @str (@length bytes, or up to its NUL if negative) to the
 * writer's stream. */
gboolean                  gloss_format_writer_write         (GlossFormatWriter         *self,
                                                             const char                *str,
                                                             gssize                     length,
                                                             GError                   **error);

/* The formats */

#define GLOSS_TYPE_JSONL_WRITER (gloss_jsonl_writer_get_type ())
G_DECLARE_FINAL_TYPE (GlossJsonlWriter, gloss_jsonl_writer, GLOSS, JSONL_WRITER, GlossFormatWriter)

#define GLOSS_TYPE_DOCCANO_WRITER (gloss_doccano_writer_get_type ())
G_DECLARE_FINAL_TYPE (GlossDoccanoWriter, gloss_doccano_writer, GLOSS, DOCCANO_WRITER, GlossFormatWriter)

#define GLOSS_TYPE_CONLL_WRITER (gloss_conll_writer_get_type ())
G_DECLARE_FINAL_TYPE (GlossConllWriter, gloss_conll_writer, GLOSS, CONLL_WRITER, GlossFormatWriter)

#define GLOSS_TYPE_BRAT_WRITER (gloss_brat_writer_get_type ())
G_DECLARE_FINAL_TYPE (GlossBratWriter, gloss_brat_writer, GLOSS, BRAT_WRITER, GlossFormatWriter)

#define GLOSS_TYPE_W3C_WRITER (gloss_w3c_writer_get_type ())
G_DECLARE_FINAL_TYPE (GlossW3cWriter, gloss_w3c_writer, GLOSS, W3C_WRITER, GlossFormatWriter)

#define GLOSS_TYPE_CSV_WRITER (gloss_csv_writer_get_type ())
G_DECLARE_FINAL_TYPE (GlossCsvWriter, gloss_csv_writer, GLOSS, CSV_WRITER, GlossFormatWriter)

#define GLOSS_TYPE_HF_WRITER (gloss_hf_writer_get_type ())
G_DECLARE_FINAL_TYPE (GlossHfWriter, gloss_hf_writer, GLOSS, HF_WRITER, GlossFormatWriter)

#define GLOSS_TYPE_LABEL_STUDIO_WRITER (gloss_label_studio_writer_get_type ())
G_DECLARE_FINAL_TYPE (GlossLabelStudioWriter, gloss_label_studio_writer, GLOSS, LABEL_STUDIO_WRITER, GlossFormatWriter)
#define GLOSS_TYPE_UIMA_JSON_WRITER (gloss_uima_json_writer_get_type ())
G_DECLARE_FINAL_TYPE (GlossUimaJsonWriter, gloss_uima_json_writer, GLOSS, UIMA_JSON_WRITER, GlossFormatWriter)
#define GLOSS_TYPE_WEBANNO_TSV_WRITER (gloss_webanno_tsv_writer_get_type ())
G_DECLARE_FINAL_TYPE (GlossWebannoTsvWriter, gloss_webanno_tsv_writer, GLOSS, WEBANNO_TSV_WRITER, GlossFormatWriter)

/* CoNLL's tokens and tags, for the formats that write the same tokens
 * and sentences another way (hf). gloss_conll_writer_tag_record() does
 * all the CoNLL writer does with a record but write it: it cuts the
 * tokens, tags the columns of its options (one column, for these
 * callers), and counts and reports the losses in @summary. */
void     gloss_conll_writer_tag_record       (GlossConllWriter        *self,
                                              const GlossExportRecord *record,
                                              GlossExportSummary      *summary);
/* GlossToken, as cut by the last gloss_conll_writer_tag_record(). */
GArray  *gloss_conll_writer_get_tokens       (GlossConllWriter        *self);
/* Whether a sentence starts at token @index, as the CoNLL file of the
 * same options has it (a blank line before it). */
gboolean gloss_conll_writer_starts_sentence  (GlossConllWriter        *self,
                                              guint                    index);
/* The tag of token @index in the first column written: "O", or 'B' / 'I'
 * in *@prefix and the label (cleaned as CoNLL writes it, not NUL-
 * terminated, @length bytes) in *@label; returns FALSE for "O". */
gboolean gloss_conll_writer_get_tag          (GlossConllWriter        *self,
                                              guint                    index,
                                              char                    *prefix,
                                              const char             **label,
                                              gsize                   *length);

G_END_DECLS
