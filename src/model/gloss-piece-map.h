/* gloss-piece-map.h — very long paragraphs shown in pieces, offsets kept
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A text view lays out a paragraph as a whole: one paragraph of megabytes
 * (machine-made text, a scraped page, a JSON Lines dump) takes tens of
 * seconds to appear and as long again for each caret move across it. The
 * piece map says where to show such a paragraph in pieces: a line break is
 * inserted into the *displayed* text after a space about every
 * @piece_length code points of any paragraph longer than that. The article
 * itself, and every offset stored or exported, never change; the map turns
 * a document offset (code points) into the displayed text's and back.
 *
 * A break goes only where a grapheme cluster ends (after a plain space
 * that no mark or joiner follows, or between two characters that always
 * stand apart), so no displayed character is split from its marks; a
 * paragraph with no such place is left whole.
 *
 * A break "at" document offset @p is inserted just before the document's
 * character @p. Immutable once made; safe to share between threads. */
typedef struct _GlossPieceMap GlossPieceMap;

/* Pieces of about this many code points: laid out in about a millisecond,
 * and far longer than any paragraph a person writes. */
#define GLOSS_PIECE_MAP_DEFAULT_LENGTH 2000

#define GLOSS_TYPE_PIECE_MAP (gloss_piece_map_get_type ())
GType          gloss_piece_map_get_type          (void) G_GNUC_CONST;

/* The breaks for @text (UTF-8, @n_bytes long, or -1 if NUL-terminated);
 * @piece_length is at least 64 (smaller values are raised to it). */
GlossPieceMap *gloss_piece_map_new               (const char    *text,
                                                  gssize         n_bytes,
                                                  guint          piece_length);
GlossPieceMap *gloss_piece_map_ref               (GlossPieceMap *self);
void           gloss_piece_map_unref             (GlossPieceMap *self);

/* How many breaks are inserted (0: the displayed text is the document's),
 * and where, in document offsets, ascending. */
guint          gloss_piece_map_get_n_breaks      (GlossPieceMap *self);
const guint   *gloss_piece_map_get_breaks        (GlossPieceMap *self,
                                                  guint         *n_breaks);

/* The displayed offset of a position in the document. A position where a
 * break is inserted has two displayed places, before and after the break:
 * _to_display() gives the one after it (for a start, the caret),
 * _to_display_end() the one before it (for an end, so a span that ends
 * at a break does not take the break in). */
guint          gloss_piece_map_to_display        (GlossPieceMap *self,
                                                  guint          offset);
guint          gloss_piece_map_to_display_end    (GlossPieceMap *self,
                                                  guint          offset);
/* The document offset of a displayed position; an inserted break itself
 * stands for the document position it was inserted at. */
guint          gloss_piece_map_to_document       (GlossPieceMap *self,
                                                  guint          display_offset);
/* Whether the displayed character at @display_offset is an inserted break. */
gboolean       gloss_piece_map_is_break          (GlossPieceMap *self,
                                                  guint          display_offset);

/* @text with a "\n" inserted at each break: what a view shows. */
char          *gloss_piece_map_dup_display_text  (GlossPieceMap *self,
                                                  const char    *text,
                                                  gssize         n_bytes);

/* Where a view that takes a long text a chunk at a time (so that no
 * main-loop iteration inserts megabytes) ends the chunk that starts at
 * byte @from of @text (@n_bytes long): at most @max_bytes on, just after
 * the last line break ("\n", or a "\r" that no "\n" follows) in that
 * reach, so that each line arrives whole; in a line longer than that,
 * at a character boundary, never inside a "\r\n" (inserted apart, the
 * two would make two line breaks). Always at least one character past
 * @from unless @from is @n_bytes; @n_bytes when the rest fits. */
gsize          gloss_piece_map_chunk_end         (const char    *text,
                                                  gsize          n_bytes,
                                                  gsize          from,
                                                  gsize          max_bytes);

/* gloss_piece_map_new() and, when the map has breaks, the text as it is
 * displayed in *@display (else NULL): what a view shows. */
GlossPieceMap *gloss_piece_map_new_with_display  (const char          *text,
                                                  gssize               n_bytes,
                                                  guint                piece_length,
                                                  char               **display);

/* gloss_piece_map_new_with_display() in a worker thread (~10 ms a megabyte), for a view that must not wait:
 * @text_owner keeps @text alive until the callback. _finish gives the map
 * and the displayed text (NULL when there is no break); NULL with
 * G_IO_ERROR_CANCELLED once @cancellable is cancelled. The task has no
 * source object, so the caller's user_data must stay valid until the
 * callback or until it cancels. */
void           gloss_piece_map_new_async         (const char          *text,
                                                  gsize                n_bytes,
                                                  guint                piece_length,
                                                  GObject             *text_owner,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
GlossPieceMap *gloss_piece_map_new_finish        (GAsyncResult        *result,
                                                  char               **display,
                                                  GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossPieceMap, gloss_piece_map_unref)

G_END_DECLS
