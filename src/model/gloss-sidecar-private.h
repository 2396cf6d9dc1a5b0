/* gloss-sidecar-private.h — the sidecar's internals for tests and benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gloss-file-monitor.h"
#include "gloss-sidecar.h"

G_BEGIN_DECLS

/* The sidecar as the first writer made it: a whole JsonNode tree, then its
 * text (gloss_json_to_string). Kept as the reference the streaming writer
 * (gloss-sidecar-snapshot) is held to byte for byte by the tests, and
 * timed against it by bench-save. */
GBytes *gloss_sidecar_serialize_tree (GlossSidecar *self);

/* How the file looked (stat) right after the last save wrote it, taken in
 * the saving thread as soon as it was renamed into place; NULL if nothing
 * was written since the sidecar was last read. With the hash of what was
 * written (gloss_sidecar_get_disk_sha256()), it lets the session's file
 * monitor know our own write without reading it back. */
const GlossFileFingerprint *gloss_sidecar_get_written_fingerprint (GlossSidecar *self);

/* Makes @self what gloss_sidecar_load() would have made it, from @loaded:
 * a sidecar of the same file and document, made and loaded apart (in a
 * worker thread: a reload that does not stall the main loop). Its
 * annotations are handed over with one items-changed, its problems,
 * anchor report, unknown members, done mark and bytes on disk taken;
 * @loaded is spent. A @loaded that failed leaves the annotations as
 * they were, as a failed load does. */
void gloss_sidecar_take_loaded (GlossSidecar *self,
                                GlossSidecar *loaded);

/* A sidecar file read, and its JSON parsed, in a thread of its own started
 * at once, before the article it belongs to is read (which the checks need):
 * opening a session reads both files at the same time. */
typedef struct _GlossSidecarPreread GlossSidecarPreread;

GlossSidecarPreread *gloss_sidecar_preread_start    (GFile                *file,
                                                     GCancellable         *cancellable);
GFile               *gloss_sidecar_preread_get_file (GlossSidecarPreread  *preread);
/* Waits for the thread if it still runs. */
void                 gloss_sidecar_preread_free     (GlossSidecarPreread  *preread);
/* gloss_sidecar_load() from what @preread read (of @self's file), waiting
 * for it: the same state, annotations and problems. @seen (nullable) gets
 * how the file looked just before it was read. */
gboolean             gloss_sidecar_load_preread     (GlossSidecar         *self,
                                                     GlossSidecarPreread  *preread,
                                                     GlossLabelSet        *labels,
                                                     GlossFileFingerprint *seen,
                                                     GError              **error);

/* The first 2 MiB of the sidecar (all of a shorter one), read by @preread
 * before the whole file, waiting for them only; NULL if the file could not
 * be opened (new ref). What the whole load then reads may differ, if the
 * file changed in between: it is for a first look only. */
GBytes              *gloss_sidecar_preread_wait_head (GlossSidecarPreread *preread);

/* The head of a sidecar (gloss-sidecar-head.c): where, in @data (the
 * file or its beginning), the annotations that start before @limit (code
 * points) end, in a file whose root lists "annotations" after the other
 * members it needs and in document order, as Gloss writes it. @head_size
 * gets the bytes up to the last of them; @covered the offset before which
 * every annotation is in the head (G_MAXUINT: all of them are). Data that
 * ends inside an annotation ends the head there. FALSE when the file is
 * not laid out so (nothing is then known). */
gboolean             gloss_sidecar_find_head        (const char           *data,
                                                     gsize                 size,
                                                     guint                 limit,
                                                     gsize                *head_size,
                                                     guint                *covered);
/* The annotations of @bytes that start before @limit, checked by the
 * sidecar reader against @document, @labels and the annotator of the file
 * name (@expected_annotator, nullable), as a read-only set (with no
 * relations); NULL unless the head is well formed and clean and the
 * article has not changed since the file was written. Only the head is
 * read: a file broken further on still gives it (the whole load then
 * fails, and its set replaces the head). @covered (nullable): as above. */
GlossAnnotationSet  *gloss_sidecar_read_head        (GBytes               *bytes,
                                                     const char           *expected_annotator,
                                                     GlossDocument        *document,
                                                     GlossLabelSet        *labels,
                                                     guint                 limit,
                                                     guint                *covered);

/* The hash of the bytes last read (gloss_sidecar_get_disk_sha256()),
 * computed in a worker thread and kept when it comes back to the caller's
 * main context, unless the sidecar read or wrote the file meanwhile: the
 * first change on disk is then told apart without hashing the file on the
 * main thread (37 MB: ~75 ms). Opening leaves the hash to this. */
void                 gloss_sidecar_hash_disk_bytes_async (GlossSidecar *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossSidecarPreread, gloss_sidecar_preread_free)

G_END_DECLS
