/* gloss-sidecar-reader.h — turning sidecar bytes into annotations, relations
 * and located problems, and the rules of the format it checks them against
 *
 * The format's constants, limits and id rule are public (gloss-sidecar.h
 * includes this header for them); GlossSidecarReader is internal to
 * libgloss.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "gloss-document.h"
#include "gloss-error.h"
#include "gloss-json-reader.h"
#include "gloss-label-set.h"

G_BEGIN_DECLS

#define GLOSS_SIDECAR_FORMAT      "gloss"
#define GLOSS_SIDECAR_VERSION     1
/* Limits: larger input is refused with a located GLOSS_ERROR_TOO_LARGE. */
#define GLOSS_SIDECAR_MAX_BYTES   (256 * 1024 * 1024)
#define GLOSS_SIDECAR_MAX_STRING  (1024 * 1024)
#define GLOSS_SIDECAR_MAX_DEPTH   64
#define GLOSS_SIDECAR_MAX_ID      128

/* Annotator ids are [a-z0-9][a-z0-9_-]* (and at most GLOSS_SIDECAR_MAX_ID). */
gboolean gloss_annotator_id_is_valid (const char *id);
/* "<article name>.<annotator id><suffix>", the name of a file one annotator
 * keeps beside an article (a sidecar, its suggestions); parse: split such a
 * name, FALSE if @name is not one. */
char      *gloss_annotator_file_build_name (const char  *article_name,
                                            const char  *annotator_id,
                                            const char  *suffix);
gboolean   gloss_annotator_file_parse_name (const char  *name,
                                            const char  *suffix,
                                            char       **article_name,
                                            char       **annotator_id);

typedef struct
{
  /* What the reader is given */
  GlossDocument *document;
  GlossLabelSet *labels;              /* may be NULL: labels not checked */
  const char    *display_name;        /* the file, as problems name it */
  const char    *expected_annotator;  /* from the file name, or NULL */
  GPtrArray     *problems;            /* GlossProblem, appended to */
  /* Every rule checked and every problem found, but no annotation or
   * relation built (annotations and relations stay empty): to tell
   * whether a file is clean at a third less cost (gloss-sidecar-check.h). */
  gboolean       check_only;

  /* What it finds */
  gint64         version;
  char          *annotator_id;
  char          *annotator_name;
  JsonObject    *extra;               /* unknown members, in file order */
  JsonObject    *document_extra;
  JsonObject    *annotator_extra;
  gboolean       done;                /* the annotator marked the article done */
  GVariant      *document_labels;     /* "a{sv}" sorted by id, or NULL */
  gboolean       hash_matches;
  GPtrArray     *annotations;         /* GlossAnnotation */
  GPtrArray     *relations;           /* GlossRelation */
  GlossError     error_code;          /* of the first error */
  guint          n_errors;
} GlossSidecarReader;

void     gloss_sidecar_reader_init  (GlossSidecarReader *reader,
                                     GlossDocument      *document,
                                     GlossLabelSet      *labels,
                                     const char         *display_name,
                                     const char         *expected_annotator,
                                     GPtrArray          *problems);
/* TRUE when no error was found (warnings may have been). */
gboolean gloss_sidecar_reader_read  (GlossSidecarReader *reader,
                                     const char         *data,
                                     gsize               size);
/* The JSON of sidecar bytes, parsed with the reader's limits, or NULL if
 * it is not valid (then gloss_sidecar_reader_read() says why). Needs no
 * reader: a thread can parse while the article is still being read. */
GlossJsonDoc *gloss_sidecar_reader_parse       (const char         *data,
                                                gsize               size);
/* gloss_sidecar_reader_read() of @data, @size with its JSON @doc from
 * gloss_sidecar_reader_parse() (taken; NULL: parsed here). */
gboolean      gloss_sidecar_reader_read_parsed (GlossSidecarReader *reader,
                                                const char         *data,
                                                gsize               size,
                                                GlossJsonDoc       *doc);
void     gloss_sidecar_reader_clear (GlossSidecarReader *reader);

G_END_DECLS
