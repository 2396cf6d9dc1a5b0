/* gloss-sidecar.h — one annotator's JSON file beside an article (format v1)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "gloss-anchor.h"
#include "gloss-annotation-set.h"
#include "gloss-document.h"
#include "gloss-label-set.h"
#include "gloss-problem.h"
/* The format's name, version and limits, and gloss_annotator_id_is_valid():
 * the rules the reader checks a file against. */
#include "gloss-sidecar-reader.h"

G_BEGIN_DECLS

#define GLOSS_SIDECAR_SUFFIX      ".gloss.json"

typedef enum
{
  GLOSS_SIDECAR_STATE_NEW,        /* no file on disk yet */
  GLOSS_SIDECAR_STATE_LOADED,     /* loaded cleanly (maybe with warnings) */
  GLOSS_SIDECAR_STATE_NEWER,      /* a newer format version: read-only */
  GLOSS_SIDECAR_STATE_FAILED,     /* failed to load: never written */
} GlossSidecarState;

GType gloss_sidecar_state_get_type (void) G_GNUC_CONST;
#define GLOSS_TYPE_SIDECAR_STATE (gloss_sidecar_state_get_type ())

#define GLOSS_TYPE_SIDECAR (gloss_sidecar_get_type ())
G_DECLARE_FINAL_TYPE (GlossSidecar, gloss_sidecar, GLOSS, SIDECAR, GObject)

/* "<article name>.<annotator id>.gloss.json" */
char         *gloss_sidecar_build_name        (const char    *article_name,
                                               const char    *annotator_id);
/* Split a sidecar file name; FALSE if it is not one. */
gboolean      gloss_sidecar_parse_name        (const char    *sidecar_name,
                                               char         **article_name,
                                               char         **annotator_id);

/* A sidecar for @annotator_id beside @document's file (not read yet). */
GlossSidecar *gloss_sidecar_new_for_document  (GlossDocument *document,
                                               const char    *annotator_id);
/* A sidecar at @file for @document. */
GlossSidecar *gloss_sidecar_new               (GFile         *file,
                                               GlossDocument *document);

/* Read and check the file. A missing file is not an error (state NEW).
 * Every problem found is collected (gloss_sidecar_get_problems()); on any
 * error the state becomes FAILED, @error says how many problems and the
 * first one, and the sidecar refuses to save. If the article's hash
 * changed, annotations are re-anchored (gloss_sidecar_get_anchor_report()). */
gboolean      gloss_sidecar_load              (GlossSidecar  *self,
                                               GlossLabelSet *labels,
                                               GCancellable  *cancellable,
                                               GError       **error);
/* Same, from bytes in memory (used by the fuzzer and tests). */
gboolean      gloss_sidecar_load_bytes        (GlossSidecar  *self,
                                               GBytes        *bytes,
                                               GlossLabelSet *labels,
                                               GError       **error);

/* Deterministic JSON: annotations sorted, stable key order, 2-space indent,
 * unknown keys kept, one trailing newline. */
GBytes       *gloss_sidecar_serialize         (GlossSidecar  *self);
/* Atomic replace (temporary file + rename). Refused (GLOSS_ERROR_READ_ONLY)
 * in states FAILED and NEWER. The async form takes what it writes when
 * called (a snapshot: a reference to each annotation's values, ~1 ms for
 * 10,000) and prints, hashes and writes it in a worker thread; edits made
 * meanwhile are not in it, and leave the sidecar dirty. */
gboolean      gloss_sidecar_save              (GlossSidecar  *self,
                                               GCancellable  *cancellable,
                                               GError       **error);
void          gloss_sidecar_save_async        (GlossSidecar        *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean      gloss_sidecar_save_finish       (GlossSidecar  *self,
                                               GAsyncResult  *result,
                                               GError       **error);

GFile              *gloss_sidecar_get_file          (GlossSidecar *self);
GlossDocument      *gloss_sidecar_get_document      (GlossSidecar *self);
GlossAnnotationSet *gloss_sidecar_get_annotations   (GlossSidecar *self);
GlossSidecarState   gloss_sidecar_get_state         (GlossSidecar *self);
gboolean            gloss_sidecar_is_read_only      (GlossSidecar *self);
const char         *gloss_sidecar_get_annotator_id  (GlossSidecar *self);
const char         *gloss_sidecar_get_annotator_name (GlossSidecar *self);
void                gloss_sidecar_set_annotator_name (GlossSidecar *self,
                                                      const char   *name);
gint64              gloss_sidecar_get_version       (GlossSidecar *self);
/* GlossProblem items found by the last load. */
GPtrArray          *gloss_sidecar_get_problems      (GlossSidecar *self);
guint               gloss_sidecar_count_problems    (GlossSidecar *self,
                                                     GlossSeverity severity);
const GlossAnchorReport *gloss_sidecar_get_anchor_report (GlossSidecar *self);
/* TRUE when the article's hash differed from the sidecar's (re-anchored). */
gboolean            gloss_sidecar_was_reanchored    (GlossSidecar *self);
/* The annotator's own mark that the article is finished ("done": true at
 * the top level; absent means not done). Metadata, not an annotation edit:
 * the set's undo history does not see it, but it makes the sidecar dirty
 * until saved. Property "done", notified. */
gboolean            gloss_sidecar_get_done          (GlossSidecar *self);
void                gloss_sidecar_set_done          (GlossSidecar *self,
                                                     gboolean      done);
/* The article's own labels ("document_labels", docs/sidecar.md): the
 * value of field @id (full reference) or NULL. Kept as read even when the
 * label set does not declare them. Like the done mark, metadata: no undo
 * step, but dirty until saved. set: NULL (or an empty list) removes; the
 * value must be "b", "s", a finite "d" or "as", and is not checked against
 * a label set. Property "document-labels" ("a{sv}" sorted by id, or NULL;
 * peek: transfer none), notified. */
GVariant           *gloss_sidecar_get_document_label   (GlossSidecar *self,
                                                        const char   *id);
GVariant           *gloss_sidecar_peek_document_labels (GlossSidecar *self);
void                gloss_sidecar_set_document_label   (GlossSidecar *self,
                                                        const char   *id,
                                                        GVariant     *value);
/* TRUE when there are edits (or a changed done mark or document label)
 * not yet saved. */
gboolean            gloss_sidecar_is_dirty          (GlossSidecar *self);
/* SHA-256 of the bytes last read from or written to disk (NULL if none):
 * lets a watcher tell our own writes from someone else's. Known at once
 * after a save (hashed in the saving thread); after a load, computed on
 * the first call. */
const char         *gloss_sidecar_get_disk_sha256   (GlossSidecar *self);

/* A top-level member other than the format's own (kept as read, written
 * after them), or NULL. set takes a copy; NULL removes it. */
JsonNode           *gloss_sidecar_get_extra_member  (GlossSidecar *self,
                                                     const char   *name);
void                gloss_sidecar_set_extra_member  (GlossSidecar *self,
                                                     const char   *name,
                                                     JsonNode     *value);

G_END_DECLS
