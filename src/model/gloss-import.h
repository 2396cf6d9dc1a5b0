/* gloss-import.h — bringing brat, JSONL and doccano work into Gloss
 *
 * Each import writes, into an output folder, the article text files and one
 * sidecar per article for the given annotator. An existing sidecar is never
 * overwritten (reported as a problem); an existing article file with the
 * same text is reused, with different text it is a problem too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "gloss-export.h"

G_BEGIN_DECLS

typedef struct
{
  guint      articles;       /* article files written or reused */
  guint      sidecars;       /* sidecars written */
  guint      spans;
  guint      relations;
  guint      notes;
  guint      attributes;     /* brat A/M lines, kept as an extra key of the annotation */
  guint      fragments;      /* brat discontinuous spans split into one span per fragment */
  guint      skipped;        /* lines or records not imported (see problems) */
  GPtrArray *problems;       /* char*: "FILE:LINE: what", one line each */
  guint      warnings;       /* of the problems, those that lost nothing (a link
                              * to a folder already imported, not followed) */
} GlossImportSummary;

void     gloss_import_summary_init       (GlossImportSummary *summary);
void     gloss_import_summary_clear      (GlossImportSummary *summary);
char    *gloss_import_summary_to_string  (const GlossImportSummary *summary);

/* brat standoff: @input is an .ann file (its .txt beside it) or a folder of
 * them (recursively). Article ids are kept as annotation ids where valid. */
gboolean gloss_import_brat   (GFile               *input,
                              GFile               *output_folder,
                              const char          *annotator_id,
                              GlossImportSummary  *summary,
                              GCancellable        *cancellable,
                              GError             **error);

/* JSONL as Gloss exports it, or doccano's {"text", "label": [[s, e, l]…]}
 * (@format GLOSS_FORMAT_JSONL or GLOSS_FORMAT_DOCCANO); one article per
 * line, named from "id" (or "line-N"). Offsets in code points. For jsonl,
 * @annotator_id may be NULL: each line's own "annotator" is used, so a
 * team's export comes back as each person's sidecars. */
gboolean gloss_import_jsonl  (GFile               *input,
                              GlossFormat          format,
                              GFile               *output_folder,
                              const char          *annotator_id,
                              GlossImportSummary  *summary,
                              GCancellable        *cancellable,
                              GError             **error);

G_END_DECLS

G_BEGIN_DECLS

/* Shared by the importers (gloss-import.c): writes @text as @name in
 * @folder (or reuses an identical existing file; a different one is a
 * problem), then a sidecar for @annotator_id with @annotations
 * (GlossAnnotation with id, label, start, end — code points — and
 * optionally note/extra; exact/prefix/suffix are filled here; a bound that
 * is out of range or cuts a grapheme is a problem and the span is skipped)
 * and @relations (GlossRelation). Never overwrites an existing sidecar.
 * Counts into @summary; returns FALSE only on an I/O error. */
gboolean gloss_import_write_article (GFile              *folder,
                                     const char         *name,
                                     const char         *text,
                                     gssize              length,
                                     const char         *annotator_id,
                                     GPtrArray          *annotations,
                                     GPtrArray          *relations,
                                     const char         *source,
                                     GlossImportSummary *summary,
                                     GError            **error);

G_END_DECLS
