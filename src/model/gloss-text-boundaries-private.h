/* gloss-text-boundaries-private.h — Pango's boundaries of a text, a paragraph at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pango.h>

G_BEGIN_DECLS

/* The three flags of PangoLogAttr that a document answers questions with. */
typedef enum
{
  GLOSS_TEXT_BOUNDARY_GRAPHEME,   /* is_cursor_position */
  GLOSS_TEXT_BOUNDARY_WORD,       /* is_word_boundary, English clitics cut off */
  GLOSS_TEXT_BOUNDARY_SENTENCE,   /* is_sentence_boundary */
} GlossTextBoundary;

typedef struct _GlossTextBoundaries GlossTextBoundaries;

/* How the cache finds the byte offset of a code-point offset (the
 * document's index). */
typedef gsize (*GlossTextOffsetToByte) (gpointer data,
                                        guint    offset);

/* What gloss_text_classify() notes of a text, character by character. */
typedef enum
{
  GLOSS_TEXT_HAS_INDIC  = 1 << 0,  /* a letter of a script Pango tailors cursor positions for */
  GLOSS_TEXT_HAS_JOINER = 1 << 1,  /* ZWJ, ZWNJ or Sinhala al-lakuna, on which that tailoring acts */
} GlossTextFlags;

/* @text (@n_bytes bytes, @length code points) must outlive the cache.
 * With @whole_text, every question is answered from one Pango pass over
 * the whole text, as documents did before: see gloss-text-boundaries.c
 * for when that is needed. */
GlossTextBoundaries *gloss_text_boundaries_new   (const char            *text,
                                                  gsize                  n_bytes,
                                                  guint                  length,
                                                  gboolean               whole_text,
                                                  GlossTextOffsetToByte  offset_to_byte,
                                                  gpointer               data);
void                 gloss_text_boundaries_free  (GlossTextBoundaries   *self);

/* Pango's flag @which at @offset (0..length), as pango_get_log_attrs()
 * over the whole text gives it (and English clitics cut off, for words).
 * Safe to call from any thread. */
gboolean             gloss_text_boundaries_get   (GlossTextBoundaries   *self,
                                                  guint                  offset,
                                                  GlossTextBoundary      which);

/* For tests and benchmarks: how many positions were computed so far (a
 * position computed twice counts twice), how many of those without Pango
 * (gloss_text_log_attrs_fast()), and the bytes the cache holds. */
gsize                gloss_text_boundaries_get_n_computed (GlossTextBoundaries *self);
gsize                gloss_text_boundaries_get_n_fast     (GlossTextBoundaries *self);
gsize                gloss_text_boundaries_get_memory     (GlossTextBoundaries *self);

/* Pango's log attributes for the whole of @text, clitics cut off: what a
 * document computed before the cache, and the reference it is tested
 * against. length + 1 entries; free with g_free(). */
PangoLogAttr        *gloss_text_log_attrs_new    (const char            *text,
                                                  gsize                  n_bytes,
                                                  guint                  length);

/* The three flags of gloss_text_log_attrs_new() (before clitics are cut
 * off; the others are left FALSE) computed without Pango, for a text made
 * only of the characters whose rules gloss-text-boundaries.c implements:
 * tab, LF, CR, printable ASCII, U+00A0–U+036F and U+1E00–U+1EFF (Latin-1,
 * Latin Extended, IPA, combining diacritical marks: the letters of European
 * languages and Vietnamese, precomposed or not) but the soft hyphen and
 * modifier letters, – — ‘ ’ “ ” … €, and the
 * symbols (So) of U+2600–U+27BF and U+1F300–U+1F9FF (emoji, without
 * skin tones, variation selectors or ZWJ). Returns FALSE, @attrs undefined, for any other text.
 * @text must be valid UTF-8; @attrs has @length + 1 entries. */
gboolean             gloss_text_log_attrs_fast   (const char            *text,
                                                  gsize                  n_bytes,
                                                  guint                  length,
                                                  PangoLogAttr          *attrs);

/* Adds a word boundary before each English clitic of @text (@length code
 * points, @attrs from Pango, length + 1 entries). */
void                 gloss_text_split_clitics    (const char            *text,
                                                  gsize                  n_bytes,
                                                  guint                  length,
                                                  PangoLogAttr          *attrs);

/* GlossTextFlags of the character at @p, for a lead byte of 0xE0 or more
 * (three- and four-byte sequences: the only ones that can be flagged), so
 * that a document notes them in the pass that builds its index. */
static inline guint
gloss_text_classify (const guchar *p)
{
  gunichar c;

  switch (p[0])
    {
    case 0xE0:  /* U+0900–U+0DFF: Devanagari to Sinhala */
      if (p[1] < 0xA4 || p[1] > 0xB7)
        return 0;
      break;
    case 0xE2:  /* U+200C ZWNJ, U+200D ZWJ */
      return p[1] == 0x80 && (p[2] == 0x8C || p[2] == 0x8D) ? GLOSS_TEXT_HAS_JOINER : 0;
    case 0xEA:  /* U+A8E0–U+A8FF: Devanagari Extended */
      if (p[1] != 0xA3 || p[2] < 0xA0)
        return 0;
      break;
    case 0xF0:  /* U+11000–U+11FFF: Sinhala archaic numbers, Tamil supplement, … */
      if (p[1] != 0x91)
        return 0;
      break;
    default:
      return 0;
    }

  c = g_utf8_get_char ((const char *)p);
  if (c == 0x0DCA)
    return GLOSS_TEXT_HAS_INDIC | GLOSS_TEXT_HAS_JOINER;

  switch (g_unichar_get_script (c))
    {
    case G_UNICODE_SCRIPT_DEVANAGARI:
    case G_UNICODE_SCRIPT_BENGALI:
    case G_UNICODE_SCRIPT_GURMUKHI:
    case G_UNICODE_SCRIPT_GUJARATI:
    case G_UNICODE_SCRIPT_ORIYA:
    case G_UNICODE_SCRIPT_TAMIL:
    case G_UNICODE_SCRIPT_TELUGU:
    case G_UNICODE_SCRIPT_KANNADA:
    case G_UNICODE_SCRIPT_MALAYALAM:
    case G_UNICODE_SCRIPT_SINHALA:
      return GLOSS_TEXT_HAS_INDIC;
    default:
      return 0;
    }
}

G_END_DECLS
