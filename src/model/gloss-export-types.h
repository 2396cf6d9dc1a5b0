/* gloss-export-types.h — what an export and its format writers share
 *
 * The formats and their units, the options, the summary of what was
 * exported and lost, the existing output an export would write over, and
 * the record (one article × annotator) handed to a format writer. Below
 * both gloss-export.h (the walk) and gloss-format-writer.h (the writers),
 * so that neither includes the other.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

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
  GLOSS_FORMAT_HF,       /* Hugging Face token classification, JSON Lines */
  GLOSS_FORMAT_LABEL_STUDIO,  /* Label Studio tasks, one JSON list (docs/label-studio.md) */
  GLOSS_FORMAT_UIMA_JSON, /* INCEpTION: UIMA CAS JSON 0.4.0, a folder of one file per record */
  GLOSS_FORMAT_WEBANNO_TSV, /* WebAnno TSV 3.3 for INCEpTION, a folder of files */
} GlossFormat;

/* "jsonl", "doccano", "conll", "brat", "w3c", "csv", "hf", "label-studio", "uima-json",
 * "webanno-tsv" */
const char *gloss_format_to_string     (GlossFormat  format);
gboolean    gloss_format_from_string   (const char  *name,
                                        GlossFormat *format);
/* TRUE for brat (a folder of X.txt + X.ann), uima-json (a folder of
 * ARTICLE/ANNOTATOR.json) and webanno-tsv (a folder of X.ANNOTATOR.tsv):
 * the output is a folder, not one file. */
gboolean    gloss_format_writes_folder (GlossFormat  format);
/* A file name extension for single-file formats: ".jsonl", ".json", ".conll", ".csv";
 * ".jsonl" for hf too, ".json" for label-studio. */
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

/* The unit a format's readers count, used when none is chosen (`--offsets`
 * left out, the dialogs' first choice): UTF-16 code units for doccano,
 * whose annotation view indexes JavaScript strings; code points for every
 * other format (brat's standard, Python's str, spaCy's Doc.char_span). */
GlossOffsetUnit gloss_format_get_default_offsets (GlossFormat      format);
/* Whether @format may count in @unit, for export and import alike: CoNLL
 * only in code points; brat in code points or, as an explicit choice for
 * the readers that count UTF-16 (INCEpTION, brat 1.3's viewer), in UTF-16;
 * the others in any unit. FALSE with a message (GLOSS_ERROR_INVALID) that
 * says which units the format takes. */
gboolean    gloss_format_check_offsets    (GlossFormat      format,
                                           GlossOffsetUnit  unit,
                                           GError         **error);

/* CoNLL: the layout of the file, for the reader it is meant for
 * (docs/conll.md). */
typedef enum
{
  GLOSS_CONLL_VARIANT_FULL,       /* "full": comments, offsets, all tag columns */
  GLOSS_CONLL_VARIANT_NLTK,       /* "nltk": for nltk's ConllCorpusReader */
  GLOSS_CONLL_VARIANT_SPACY_NER,  /* "spacy-ner": for `spacy convert --converter ner` */
} GlossConllVariant;

/* CoNLL: which tag columns the file holds. */
typedef enum
{
  GLOSS_CONLL_TAGS_DEFAULT,   /* all for "full", entity for the others */
  GLOSS_CONLL_TAGS_ALL,       /* "all": entity, quote and claim */
  GLOSS_CONLL_TAGS_ENTITY,    /* "entity" */
  GLOSS_CONLL_TAGS_QUOTE,     /* "quote" */
  GLOSS_CONLL_TAGS_CLAIM,     /* "claim" */
} GlossConllTags;

const char *gloss_conll_variant_to_string   (GlossConllVariant  variant);
gboolean    gloss_conll_variant_from_string (const char        *name,
                                             GlossConllVariant *variant);
const char *gloss_conll_tags_to_string      (GlossConllTags     tags);
gboolean    gloss_conll_tags_from_string    (const char        *name,
                                             GlossConllTags    *tags);
/* Whether @variant can hold @tags: "spacy-ner" has room for one tag column
 * only. FALSE with a message (GLOSS_ERROR_INVALID) otherwise. */
gboolean    gloss_conll_check_tags          (GlossConllVariant  variant,
                                             GlossConllTags     tags,
                                             GError           **error);

typedef struct
{
  GlossFormat      format;
  GlossOffsetUnit  offsets;      /* see gloss_format_check_offsets(); callers start from
                                  * gloss_format_get_default_offsets() */
  char           **annotators;   /* NULL-terminated, or NULL for all */
  char           **labels;       /* NULL-terminated, or NULL for all */
  /* Write over an existing output without asking (`gloss-cli export
   * --force`): replace an existing file, or, in a folder that is not empty,
   * the files of the names this export writes — never anything else. */
  gboolean         force;
  /* doccano: the shape of a project with relation labeling on (`entities`
   * with ids, `relations` with from_id/to_id/type) instead of the classic
   * `label` list, which has no place for relations. */
  gboolean         doccano_relations;
  /* CoNLL only: the layout and the tag columns (both 0 by default: the
   * full file, every column). */
  GlossConllVariant conll_variant;
  GlossConllTags    conll_tags;
  /* CoNLL only: one more IOB2 column per choice attribute (`gloss-cli
   * export --conll-attributes`); off, the columns are as before and every
   * attribute value is counted as lost. */
  gboolean          conll_attributes;
  /* hf: the tag column is conll_tags (entity by default; quote or claim,
   * never all), and the sentences and tokens are CoNLL's (docs/hf.md).
   * With hf_tag_ids, ner_tags are integer ids, and the label list
   * ("O", then B-/I- per label) is written to hf_dataset_info, a
   * dataset_info-style file from which `datasets` builds its ClassLabel
   * (see gloss_hf_dataset_info_file()); the export refuses the option
   * without that file. */
  gboolean          hf_tag_ids;
  GFile            *hf_dataset_info;
  /* label-studio: the labelling config is written to label_studio_config
   * (see gloss_label_studio_config_file(); NULL: none written), and it is
   * settled with the output — asked about, or refused without force, as
   * the output itself. With label_studio_predictions the annotators'
   * pending suggestions go into each task's "predictions"; without, they
   * are left out, as by every other format. */
  GFile            *label_studio_config;
  gboolean          label_studio_predictions;
} GlossExportOptions;

/* Where the labelling config of a label-studio export is written: beside
 * @output, its name with ".json" (if it ends so) replaced by
 * ".label_config.xml" ("tasks.json" → "tasks.label_config.xml"). */
GFile      *gloss_label_studio_config_file (GFile *output);

/* Where the label list of an hf export with integer tags is written:
 * beside @output, its name with ".jsonl" (if it ends so) replaced by
 * ".dataset_info.json" ("train.jsonl" → "train.dataset_info.json"). */
GFile      *gloss_hf_dataset_info_file (GFile *output);

/* An output that already exists, as the export found it just before
 * writing: what it would replace (or did replace) and what it leaves as
 * it is. Names are relative to the output folder (a folder's with a
 * trailing "/"); for a single-file output, @replaced holds its own name. */
typedef struct
{
  GFile     *output;
  gboolean   folder;     /* the output is a folder (brat) */
  GPtrArray *replaced;   /* char*: sorted */
  GPtrArray *kept;       /* char*: sorted; always empty for a single file */
  /* A single file only: a file the export writes beside the output (a
   * label-studio labelling config) is among @replaced, which may then not
   * hold the output's own name. */
  gboolean   companion;
} GlossExportExisting;

GlossExportExisting *gloss_export_existing_copy (const GlossExportExisting *existing);
void                 gloss_export_existing_free (GlossExportExisting       *existing);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossExportExisting, gloss_export_existing_free)

/* Asked before an export writes over an existing file or into a folder
 * that is not empty (and options->force is not set), from the thread that
 * runs the export; TRUE to go on. It may block until a person answers, and
 * should give up (FALSE) when @cancellable is cancelled. */
typedef gboolean (*GlossExportConfirm) (const GlossExportExisting *existing,
                                        GCancellable              *cancellable,
                                        gpointer                   user_data);

/* "a.txt, b.txt, c.txt and 4 more": at most @max_shown of @names. */
char *gloss_export_join_names (GPtrArray *names,
                               guint      max_shown);

/* Counts of what was exported and of what a format could not hold. */
typedef struct
{
  guint  articles;           /* articles with at least one exported record */
  guint  records;            /* article × annotator records */
  guint  spans;
  guint  relations;
  guint  notes;
  guint  predictions;        /* label-studio with predictions: suggestions exported */
  guint  lost_overlaps;      /* spans a format could not place (e.g. CoNLL overlap in one column) */
  guint  lost_relations;     /* relations a format has no place for */
  guint  lost_notes;         /* notes a format has no place for */
  guint  lost_attributes;    /* attribute values of spans a format has no place for */
  guint  lost_fields;        /* the article's fields (document_labels) a format has no place for */
  guint  lost_orphans;       /* orphaned annotations (no position): never exported as spans */
  guint  cut_tokens;         /* CoNLL: spans that start or end inside a token */
  guint  trimmed_spans;      /* WebAnno TSV: spans whose spaces at an end, between
                              * tokens, were left out */
  guint  failed;             /* sidecars or articles that could not be read (see problems) */
  GPtrArray *problems;       /* char*: one line each, "FILE: what" */
  /* The output as it existed: what was replaced (after a success) or would
   * have been (when the export refused it); NULL when there was no output
   * yet, or an empty folder. */
  GlossExportExisting *existing;
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


/* The file a format writes beside its output, which the export settles
 * with it: label-studio's labelling config, hf's label list with integer
 * tags; NULL for the other formats. The setter points that option at
 * @file (where the export has the writer write it first). */
GFile   *gloss_export_options_get_companion (const GlossExportOptions *options);
void     gloss_export_options_set_companion (GlossExportOptions       *options,
                                             GFile                    *file);

/* Whether @options keep spans of @label (no filter, or listed). */
gboolean gloss_export_options_wants_label (const GlossExportOptions *options,
                                           const char               *label);

/* @node as one line of compact JSON (no trailing newline) for JSON Lines:
 * UTF-8 kept, and besides the control characters also U+0085, U+2028 and
 * U+2029 escaped, so that no line splitter sees two lines. */
char    *gloss_export_json_line (JsonNode *node);

G_END_DECLS
