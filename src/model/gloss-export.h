/* gloss-export.h — turning a corpus into the dataset formats NLP tools read
 *
 * One corpus walker (gloss-export.c) loads each article × annotator once
 * and hands it to the writer of the chosen format, one module per format
 * (gloss-format-jsonl.c, -doccano.c, -conll.c, -brat.c, -w3c.c, -csv.c).
 * Every loss a format forces (an overlap CoNLL cannot hold, a relation a
 * format lacks, a note, an orphan) is counted in the summary, never silent.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "gloss-corpus.h"
#include "gloss-document.h"
#include "gloss-label-set.h"
#include "gloss-sidecar.h"

G_BEGIN_DECLS

typedef enum
{
  GLOSS_FORMAT_JSONL,
  GLOSS_FORMAT_DOCCANO,
  GLOSS_FORMAT_CONLL,
  GLOSS_FORMAT_BRAT,
  GLOSS_FORMAT_W3C,
  GLOSS_FORMAT_CSV,
} GlossFormat;

/* "jsonl", "doccano", "conll", "brat", "w3c", "csv" */
const char *gloss_format_to_string     (GlossFormat  format);
gboolean    gloss_format_from_string   (const char  *name,
                                        GlossFormat *format);
/* TRUE for brat: the output is a folder of X.txt + X.ann, not one file. */
gboolean    gloss_format_writes_folder (GlossFormat  format);
/* A file name extension for single-file formats: ".jsonl", ".json", ".conll", ".csv". */
const char *gloss_format_get_extension (GlossFormat  format);

typedef enum
{
  GLOSS_OFFSETS_CODE_POINTS,
  GLOSS_OFFSETS_UTF16,
  GLOSS_OFFSETS_BYTES,       /* UTF-8 bytes of the text, BOM excluded */
} GlossOffsetUnit;

const char *gloss_offset_unit_to_string   (GlossOffsetUnit  unit);    /* "codepoints", "utf16", "bytes" */
gboolean    gloss_offset_unit_from_string (const char      *name,
                                           GlossOffsetUnit *unit);
/* Converts a code-point offset of @document into @unit. */
guint       gloss_offset_convert          (GlossDocument   *document,
                                           guint            offset,
                                           GlossOffsetUnit  unit);

typedef struct
{
  GlossFormat      format;
  GlossOffsetUnit  offsets;      /* jsonl, doccano, w3c, csv; others refuse non-code-points */
  char           **annotators;   /* NULL-terminated, or NULL for all */
  char           **labels;       /* NULL-terminated, or NULL for all */
} GlossExportOptions;

/* Counts of what was exported and of what a format could not hold. */
typedef struct
{
  guint  articles;           /* articles with at least one exported record */
  guint  records;            /* article × annotator records */
  guint  spans;
  guint  relations;
  guint  notes;
  guint  lost_overlaps;      /* spans a format could not place (e.g. CoNLL overlap in one column) */
  guint  lost_relations;     /* relations a format has no place for */
  guint  lost_notes;         /* notes a format has no place for */
  guint  lost_orphans;       /* orphaned annotations (no position): never exported as spans */
  guint  cut_tokens;         /* CoNLL: spans that start or end inside a token */
  guint  failed;             /* sidecars or articles that could not be read (see problems) */
  GPtrArray *problems;       /* char*: one line each, "FILE: what" */
} GlossExportSummary;

void  gloss_export_summary_init    (GlossExportSummary *summary);
void  gloss_export_summary_clear   (GlossExportSummary *summary);
/* One human line per non-zero figure, e.g. "3 articles, 6 records, 215 spans". */
char *gloss_export_summary_to_string (const GlossExportSummary *summary);

/* One article × annotator, loaded, handed to a format writer. */
typedef struct
{
  GlossDocument *document;
  GlossSidecar  *sidecar;      /* loaded cleanly */
  GlossLabelSet *labels;       /* the article folder's label set */
  const char    *annotator;
  const char    *article_id;   /* the article's path relative to the walk's root, '/' separated */
  GFile         *article_file;
} GlossExportRecord;

/* Progress: called after each article, from the thread that runs the export. */
typedef void (*GlossExportProgress) (guint    done,
                                     guint    total,
                                     gpointer user_data);

/* Exports @corpus (articles in corpus order; annotators sorted) to @output:
 * a file for single-file formats, a folder for brat. Written to a temporary
 * file or folder beside @output and renamed into place only when complete,
 * so a failed or cancelled export never leaves half a dataset where the old
 * one was. Blocking: run it in a thread (GTask) from a UI. Returns FALSE with
 * @error on a failure to write or when cancelled; unreadable sidecars are
 * not a failure (counted in summary->failed, listed in problems). */
gboolean gloss_export_corpus (GlossCorpus               *corpus,
                              GFile                     *root,
                              const GlossExportOptions  *options,
                              GFile                     *output,
                              GlossExportProgress        progress,
                              gpointer                   progress_data,
                              GlossExportSummary        *summary,
                              GCancellable              *cancellable,
                              GError                   **error);

/* @node as one line of compact JSON (no trailing newline) for JSON Lines:
 * UTF-8 kept, and besides the control characters also U+0085, U+2028 and
 * U+2029 escaped, so that no line splitter sees two lines. */
char    *gloss_export_json_line (JsonNode *node);

G_END_DECLS
