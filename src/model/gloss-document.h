/* gloss-document.h — an article: its text, hash, length and offset index
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Articles larger than this are refused with GLOSS_ERROR_TOO_LARGE. */
#define GLOSS_DOCUMENT_MAX_BYTES (64 * 1024 * 1024)

#define GLOSS_TYPE_DOCUMENT (gloss_document_get_type ())
G_DECLARE_FINAL_TYPE (GlossDocument, gloss_document, GLOSS, DOCUMENT, GObject)

/* Loading. Invalid UTF-8 (and NUL bytes) is refused with GLOSS_ERROR_INVALID_UTF8,
 * the message naming the byte offset (in the file) of the first bad sequence. */
GlossDocument *gloss_document_new_from_file   (GFile         *file,
                                               GCancellable  *cancellable,
                                               GError       **error);
GlossDocument *gloss_document_new_from_bytes  (GBytes        *bytes,
                                               const char    *name,
                                               GError       **error);
GlossDocument *gloss_document_new_from_text   (const char    *text,
                                               gssize         length,
                                               GError       **error);

GFile      *gloss_document_get_file           (GlossDocument *self);
const char *gloss_document_get_name           (GlossDocument *self);
/* The text, without a leading BOM, NUL-terminated. */
const char *gloss_document_get_text           (GlossDocument *self);
gsize       gloss_document_get_n_bytes        (GlossDocument *self);
/* Length in Unicode code points. */
guint       gloss_document_get_length         (GlossDocument *self);
/* Lowercase hex SHA-256 of the file's bytes, BOM included. */
const char *gloss_document_get_sha256         (GlossDocument *self);
gboolean    gloss_document_has_bom            (GlossDocument *self);

/* Offset conversion, all O(1) or O(log n). Code-point offsets range over
 * 0..length inclusive. Byte offsets count UTF-8 bytes of the text (BOM excluded).
 * Converting a byte or UTF-16 offset that falls inside a character rounds
 * down to that character's start. Out-of-range input is clamped. */
gsize       gloss_document_offset_to_byte     (GlossDocument *self,
                                               guint          offset);
guint       gloss_document_byte_to_offset     (GlossDocument *self,
                                               gsize          byte);
guint       gloss_document_offset_to_utf16    (GlossDocument *self,
                                               guint          offset);
guint       gloss_document_utf16_to_offset    (GlossDocument *self,
                                               guint          utf16);
guint       gloss_document_get_utf16_length   (GlossDocument *self);

/* A newly allocated copy of text[start:end) in code points (clamped). */
char       *gloss_document_dup_slice          (GlossDocument *self,
                                               guint          start,
                                               guint          end);
/* TRUE if text[start:end) is exactly @str (which is NUL-terminated). */
gboolean    gloss_document_slice_equals       (GlossDocument *self,
                                               guint          start,
                                               guint          end,
                                               const char    *str);

/* Unicode segmentation: Pango's log attributes, computed a paragraph at a
 * time as questions come and kept in a bitset (gloss-text-boundaries.c);
 * the answers are those of one pass over the whole text.
 *
 * Words are UAX #29 word segments: the text is cut at every word boundary
 * (Pango's is_word_boundary), and a segment between two consecutive
 * boundaries is a word if it contains a letter or a digit
 * (g_unichar_isalnum()); spaces and punctuation make up the other
 * segments. So "O’Brien", "3.5" and "U.S" (without the final full stop)
 * are one word each, while "well-known" is two, split at the hyphen.
 * English clitics at the end of a segment are cut off as words of their
 * own, as NLTK's and spaCy's tokenizers cut them (straight or curly
 * apostrophe): "NATO|’s", "do|n't", "they|’re", "should|n’t|’ve"
 * (gloss-document.c says exactly which).
 * The word functions cost O(length of the segment at @offset), not O(n).
 *
 * is_word_start: @offset is a boundary and the segment that starts there is
 * a word. is_word_end: @offset is a boundary and the segment that ends there
 * is a word. Both are FALSE past the end of the text. */
gboolean    gloss_document_is_grapheme_boundary (GlossDocument *self,
                                                 guint          offset);
gboolean    gloss_document_is_word_start      (GlossDocument *self,
                                               guint          offset);
gboolean    gloss_document_is_word_end        (GlossDocument *self,
                                               guint          offset);
gboolean    gloss_document_is_sentence_boundary (GlossDocument *self,
                                                 guint          offset);
/* The nearest grapheme boundary at or after / at or before @offset. */
guint       gloss_document_next_grapheme_boundary (GlossDocument *self,
                                                   guint          offset);
guint       gloss_document_prev_grapheme_boundary (GlossDocument *self,
                                                   guint          offset);
/* For snapping a selection to whole words. If @offset is strictly inside a
 * word (after its start and before its end), word_start_before() returns
 * the word's start and word_end_after() its end; otherwise — at a word
 * boundary, or inside a segment that is not a word, such as a run of
 * spaces — @offset is returned as it is, so that the space or punctuation
 * the user chose to include or leave out stays so. @offset is clamped to
 * the length first. */
guint       gloss_document_word_start_before  (GlossDocument *self,
                                               guint          offset);
guint       gloss_document_word_end_after     (GlossDocument *self,
                                               guint          offset);
/* Moving one bound of a span by a word (Alt+arrows in the app): from
 * @offset, one step @forward or back to the next word start (@to_start)
 * or word end, kept within [@low, @high] (@high clamped to the length).
 * Where no word start or end lies before the limit, the limit. A clitic is
 * a word of its own, so the end of "NATO’s" steps back to "NATO". */
guint       gloss_document_step_bound         (GlossDocument *self,
                                               guint          offset,
                                               gboolean       forward,
                                               gboolean       to_start,
                                               guint          low,
                                               guint          high);

G_END_DECLS
