/* gloss-text-boundaries.c — Pango's boundaries of a text, a paragraph at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A document answers grapheme, word and sentence questions with three flags
 * of Pango's log attributes. It used to run pango_get_log_attrs() over the
 * whole text at the first question (some 30 ms and 4 bytes per code point:
 * ~590 ms and 40 MB at 10 MB). Here Pango runs over the stretch of text
 * around the position asked about, and the answers are kept in a bitset of
 * the whole text (four bits a position: the three flags and "known"),
 * allocated a page of 4,096 positions at a time as stretches are computed.
 *
 * The answers are exactly those of one Pango pass over the whole text,
 * because a stretch starts and ends where Pango's state does not depend on
 * what lies outside it (Pango 1.50, pango/break.c):
 *
 *  - At a paragraph separator (LF, CR, CR LF, U+2029). After it, what
 *    Pango carries from one character to the next is the same whatever
 *    came before: the grapheme state is "control", the word and sentence
 *    states hold a newline (their older halves differ, but are only looked
 *    at after a letter, digit or full stop). So a stretch that starts with
 *    the separator answers from the position after it on, and one that
 *    ends with it up to the position before its last character. (Not at
 *    the position after it: Pango usually breaks there, GB4, WB3a, SB4,
 *    but after CR LF not before a combining mark or format character.)
 *
 *  - Inside a paragraph too long to run over at once (5–10 MB of machine-made
 *    text in one line), at a run of words "a bc d": a cased letter (Ll or
 *    Lu, line-break class AL), a space, one or more such letters, a space,
 *    such a letter. Each of Pango's three machines is then in one state,
 *    whatever came before: the grapheme machine after any letter; the word
 *    machine after "letter space" (its last two types); the sentence
 *    machine, which only moves at word boundaries, after the word "bc" (a
 *    Lower or Upper that leaves no full stop pending) and the space after it.
 *    So a stretch that starts at the "a" gives Pango's answers from the
 *    position before "d" on. It may end after "x y" (letter, space, letter):
 *    Pango only ever revises a position it has passed when a later
 *    character completes a rule (WB6, WB7b, SB8), always at its last word or
 *    sentence position, and after "x y" that is the "y", which no rule
 *    revises (it is a letter that starts a word).
 *
 *  - Script tailoring: of Pango's script-specific passes, only the Indic
 *    one changes one of these flags (cursor positions around ZWJ, ZWNJ and
 *    Sinhala al-lakuna), and it depends on script runs that can reach
 *    across paragraphs. A text with both such a script and such a
 *    character is done in one pass over the whole text, as before
 *    (@whole_text); Thai, Arabic and Latin tailoring touch other flags.
 *
 * English clitics (gloss-document.c says which) are cut off in each
 * stretch: the rule looks at most three positions ahead of an apostrophe
 * and one behind, all inside the stretch's valid part.
 *
 * tests/test-document.c compares every position of varied texts with one
 * Pango pass over the whole text, so a Pango whose rules reach further than
 * these cuts would be caught there.
 *
 * Threads: a document is read from worker threads. The bitset's words are
 * only ever OR'ed into, with atomics, the flags before the "known" bit, and
 * a page pointer is set once by compare-and-exchange; two threads that
 * miss the same stretch both compute it and write the same bits.
 */
#include "config.h"

#include <string.h>

#include "gloss-text-boundaries-private.h"

#define PAGE_SHIFT 12
#define PAGE_SIZE  (1u << PAGE_SHIFT)    /* positions */
#define PAGE_WORDS (PAGE_SIZE / 32)

#define KNOWN 3  /* the fourth bitset, after the three GlossTextBoundary */

/* A position's stretch reaches back at most this far for a paragraph
 * start before it settles for a run of words, and forward this far for a
 * paragraph end. Far enough that word walks from the position stay inside
 * the stretch, and that a scan of the text (a CoNLL export) runs Pango
 * over little more than the text; near enough that one question on a
 * 10 MB line costs well under a millisecond. */
#define LEFT_REACH     1024
#define RIGHT_MIN      1024
#define RIGHT_REACH    16384

typedef struct
{
  guint32 bits[4][PAGE_WORDS];
} Page;

struct _GlossTextBoundaries
{
  const char            *text;
  gsize                  n_bytes;
  guint                  length;
  gboolean               whole_text;
  GlossTextOffsetToByte  offset_to_byte;
  gpointer               data;

  guint                  n_pages;
  Page                 **pages;         /* each set once, atomically */

  gsize                  n_computed;    /* atomic */
  gsize                  n_fast;        /* atomic: of which without Pango */
  gint                   n_pages_used;  /* atomic */
};

GlossTextBoundaries *
gloss_text_boundaries_new (const char            *text,
                           gsize                  n_bytes,
                           guint                  length,
                           gboolean               whole_text,
                           GlossTextOffsetToByte  offset_to_byte,
                           gpointer               data)
{
  GlossTextBoundaries *self = g_new0 (GlossTextBoundaries, 1);

  self->text = text;
  self->n_bytes = n_bytes;
  self->length = length;
  self->whole_text = whole_text;
  self->offset_to_byte = offset_to_byte;
  self->data = data;
  /* Positions 0..length. */
  self->n_pages = (length >> PAGE_SHIFT) + 1;
  self->pages = g_new0 (Page *, self->n_pages);

  return self;
}

void
gloss_text_boundaries_free (GlossTextBoundaries *self)
{
  if (self == NULL)
    return;

  for (guint i = 0; i < self->n_pages; i++)
    g_free (self->pages[i]);
  g_free (self->pages);
  g_free (self);
}

gsize
gloss_text_boundaries_get_n_computed (GlossTextBoundaries *self)
{
  return (gsize)g_atomic_pointer_get (&self->n_computed);
}

gsize
gloss_text_boundaries_get_n_fast (GlossTextBoundaries *self)
{
  return (gsize)g_atomic_pointer_get (&self->n_fast);
}

gsize
gloss_text_boundaries_get_memory (GlossTextBoundaries *self)
{
  return sizeof *self
         + self->n_pages * sizeof (Page *)
         + (gsize)g_atomic_int_get (&self->n_pages_used) * sizeof (Page);
}

/* Clitics */

static inline gboolean
is_boundary_or_end (const PangoLogAttr *attrs,
                    guint               length,
                    guint               offset)
{
  return offset >= length || attrs[offset].is_word_boundary;
}

/* How many letters of a clitic follow an apostrophe at @p: 1 for s, m, d;
 * 2 for ll, re, ve; 0 for anything else. They are ASCII, so bytes are
 * characters; @end bounds the reading. */
static guint
clitic_letters (const char *p,
                const char *end)
{
  static const char pairs[][2] = {
    { 'l', 'l' }, { 'L', 'L' }, { 'r', 'e' }, { 'R', 'E' }, { 'v', 'e' }, { 'V', 'E' },
  };

  if (p >= end)
    return 0;

  switch (p[0])
    {
    case 's': case 'S': case 'm': case 'M': case 'd': case 'D':
      return 1;
    default:
      break;
    }

  if (p + 1 >= end)
    return 0;

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    if (p[0] == pairs[i][0] && p[1] == pairs[i][1])
      return 2;

  return 0;
}

/* Whether no word boundary lies strictly between @from and @to. */
static gboolean
is_one_segment (const PangoLogAttr *attrs,
                guint               from,
                guint               to)
{
  for (guint o = from + 1; o < to; o++)
    if (attrs[o].is_word_boundary)
      return FALSE;

  return TRUE;
}

/* See gloss-document.c for the rule. The text is walked from its end, so
 * that the boundary after a clitic is in place before the one before it
 * is looked for (should|n’t|’ve). */
void
gloss_text_split_clitics (const char   *text,
                          gsize         n_bytes,
                          guint         length,
                          PangoLogAttr *attrs)
{
  const char *end = text + n_bytes;
  const char *p = end;
  guint offset = length;

  while (p > text)
    {
      gsize apostrophe_length;
      guint letters;

      /* A byte at a time: most are ASCII, and only a lead byte starts a
       * character (g_utf8_prev_char() is a call a character). */
      p--;
      if (((guchar)*p & 0xC0) == 0x80)
        continue;
      offset--;

      if (*p == '\'')
        apostrophe_length = 1;
      else if ((guchar)p[0] == 0xE2 && end - p >= 3
               && (guchar)p[1] == 0x80 && (guchar)p[2] == 0x99)  /* ’ U+2019 */
        apostrophe_length = 3;
      else
        continue;

      /* An apostrophe that starts a segment has nothing before it. */
      if (offset == 0 || attrs[offset].is_word_boundary)
        continue;

      letters = clitic_letters (p + apostrophe_length, end);
      if (letters > 0
          && is_boundary_or_end (attrs, length, offset + 1 + letters)
          && is_one_segment (attrs, offset, offset + 1 + letters))
        {
          attrs[offset].is_word_boundary = TRUE;
          continue;
        }

      /* n’t: the n is the last letter before the apostrophe, and at
       * least one more comes before it in the segment. */
      if (offset >= 2
          && p + apostrophe_length < end
          && ((p[-1] == 'n' && p[apostrophe_length] == 't')
              || (p[-1] == 'N' && p[apostrophe_length] == 'T'))
          && !attrs[offset - 1].is_word_boundary
          && is_boundary_or_end (attrs, length, offset + 2)
          && is_one_segment (attrs, offset, offset + 2))
        attrs[offset - 1].is_word_boundary = TRUE;
    }
}

PangoLogAttr *
gloss_text_log_attrs_new (const char *text,
                          gsize       n_bytes,
                          guint       length)
{
  /* Zeroed: pango_default_break() ORs a few flags of the first entry into
   * what it computes. */
  PangoLogAttr *attrs = g_new0 (PangoLogAttr, (gsize)length + 1);

  /* No language: boundaries must not depend on the locale of whoever
   * opens the file, or two annotators could snap the same selection
   * differently. Level -1: the base direction is unknown. */
  pango_get_log_attrs (text, (int)n_bytes, -1, NULL, attrs, (int)length + 1);
  gloss_text_split_clitics (text, n_bytes, length, attrs);

  return attrs;
}

/* Without Pango
 *
 * Most news text is Latin script, a few typographic characters and the
 * odd emoji, for
 * which Pango's default_break() (pango/break.c, 1.50) reduces to three
 * small state machines: no character of the set is a format character, a
 * joiner, a regional indicator, Hangul, kana or Hebrew, the only marks are
 * the combining diacritics (Extend, which the machines step over), and
 * Pango's only script tailoring for Latin needs a Catalan language (we
 * pass none). gloss_text_log_attrs_fast() runs those machines, copied
 * rule for rule and in Pango's order, over a stretch made only of such
 * characters; any other character sends the stretch to Pango. The
 * characters' classes come from the same GLib tables Pango reads, through
 * the same choices (classify_word(), classify_sentence()). Pango 1.50's
 * quirks are kept on purpose (SB8's look back over "Other" types; WB6 and
 * WB12 revising the previous word position): the answers must be Pango's,
 * and tests/test-text-boundaries.c compares every position of random
 * texts over these characters with it. */

typedef enum
{
  WB_Other,
  WB_NewlineCRLF,
  WB_ExtendFormat,
  WB_ALetter,
  WB_MidNumLet,
  WB_MidLetter,
  WB_MidNum,
  WB_Numeric,
  WB_ExtendNumLet,
  WB_WSegSpace,
} WordBreakType;

typedef enum
{
  SB_Other,
  SB_ExtendFormat,
  SB_ParaSep,
  SB_Sp,
  SB_Lower,
  SB_Upper,
  SB_OLetter,
  SB_Numeric,
  SB_ATerm,
  SB_SContinue,
  SB_STerm,
  SB_Close,
  SB_ATerm_Close_Sp,
  SB_STerm_Close_Sp,
} SentenceBreakType;

/* Of Pango's grapheme-break types, those of the covered characters. */
typedef enum
{
  GB_Other,
  GB_ControlCRLF,
  GB_Extend,
} GraphemeBreakType;

typedef struct
{
  guint8 covered;
  guint8 grapheme;  /* GraphemeBreakType */
  guint8 word;      /* WordBreakType */
  guint8 sentence;  /* SentenceBreakType */
} FastClass;

/* Code points 0–0x36F (ASCII, Latin-1, Latin Extended-A and -B, IPA,
 * spacing modifiers, combining diacritical marks), then
 * U+1E00–U+1EFF (Latin Extended Additional: Vietnamese), then the
 * typographic ones below, in this order. */
#define FAST_LATIN_END      0x370
#define FAST_ADDITIONAL     FAST_LATIN_END
#define FAST_SYMBOLS        (FAST_ADDITIONAL + 0x100)   /* U+2600–U+27BF */
#define FAST_EMOJI          (FAST_SYMBOLS + 0x1C0)      /* U+1F300–U+1F9FF */
#define FAST_EXTRA          (FAST_EMOJI + 0x700)
static const gunichar fast_extra[] = {
  0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2026, 0x20AC,
};
static FastClass fast_classes[FAST_EXTRA + G_N_ELEMENTS (fast_extra)];

/* Pango's word-break type of @wc, for a character that is neither Hebrew
 * nor kana nor a regional indicator (pango/break.c). */
static WordBreakType
classify_word (gunichar wc)
{
  GUnicodeType type = g_unichar_type (wc);
  GUnicodeBreakType break_type = g_unichar_break_type (wc);

  switch ((int)break_type)
    {
    case G_UNICODE_BREAK_NUMERIC:
      if (wc != 0x066C)
        return WB_Numeric;
      break;
    case G_UNICODE_BREAK_INFIX_SEPARATOR:
      if (wc != 0x003A && wc != 0xFE13 && wc != 0x002E)
        return WB_MidNum;
      break;
    default:
      break;
    }

  switch ((int)type)
    {
    case G_UNICODE_CONTROL:
      if (wc != 0x000D && wc != 0x000A && wc != 0x000B && wc != 0x000C && wc != 0x0085)
        break;
      return WB_NewlineCRLF;
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
      return WB_NewlineCRLF;
    case G_UNICODE_FORMAT:
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
    case G_UNICODE_NON_SPACING_MARK:
      return WB_ExtendFormat;
    case G_UNICODE_CONNECT_PUNCTUATION:
      return WB_ExtendNumLet;
    case G_UNICODE_INITIAL_PUNCTUATION:
    case G_UNICODE_FINAL_PUNCTUATION:
      if (wc == 0x2018 || wc == 0x2019)
        return WB_MidNumLet;
      break;
    case G_UNICODE_OTHER_PUNCTUATION:
      if (wc == 0x0027 || wc == 0x002E || wc == 0x2024)
        return WB_MidNumLet;
      if (wc == 0x00B7 || wc == 0x003A)
        return WB_MidLetter;
      break;
    case G_UNICODE_OTHER_LETTER:
    case G_UNICODE_LETTER_NUMBER:
    case G_UNICODE_LOWERCASE_LETTER:
    case G_UNICODE_MODIFIER_LETTER:
    case G_UNICODE_TITLECASE_LETTER:
    case G_UNICODE_UPPERCASE_LETTER:
      if (break_type != G_UNICODE_BREAK_COMPLEX_CONTEXT)
        return WB_ALetter;
      break;
    default:
      break;
    }

  if (type == G_UNICODE_SPACE_SEPARATOR && break_type != G_UNICODE_BREAK_NON_BREAKING_GLUE)
    return WB_WSegSpace;

  return WB_Other;
}

/* Pango's sentence-break type of @wc (pango/break.c), for the characters
 * fast_classes covers: "!" and "?" are its only STerm among them. */
static SentenceBreakType
classify_sentence (gunichar wc)
{
  GUnicodeType type = g_unichar_type (wc);
  GUnicodeBreakType break_type = g_unichar_break_type (wc);
  SentenceBreakType sb = SB_Other;

  if (break_type == G_UNICODE_BREAK_NUMERIC)
    return SB_Numeric;

  switch ((int)type)
    {
    case G_UNICODE_CONTROL:
      if (wc == '\r' || wc == '\n' || wc == 0x0085)
        return SB_ParaSep;
      if (wc == 0x0009 || wc == 0x000B || wc == 0x000C)
        return SB_Sp;
      break;
    case G_UNICODE_SPACE_SEPARATOR:
      if (wc == 0x0020 || wc == 0x00A0 || wc == 0x1680 || (wc >= 0x2000 && wc <= 0x200A)
          || wc == 0x202F || wc == 0x205F || wc == 0x3000)
        return SB_Sp;
      break;
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
      return SB_ParaSep;
    case G_UNICODE_FORMAT:
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
    case G_UNICODE_NON_SPACING_MARK:
      return SB_ExtendFormat;
    case G_UNICODE_TITLECASE_LETTER:
      return SB_Upper;
    case G_UNICODE_DASH_PUNCTUATION:
      if (wc == 0x002D || wc == 0x2013 || wc == 0x2014)
        return SB_SContinue;
      break;
    case G_UNICODE_OTHER_PUNCTUATION:
      if (wc == 0x002E || wc == 0x2024)
        sb = SB_ATerm;
      if (wc == 0x002C || wc == 0x003A)
        sb = SB_SContinue;
      if (wc == 0x0021 || wc == 0x003F)
        sb = SB_STerm;
      break;
    default:
      break;
    }

  if (sb != SB_Other)
    return sb;

  if (type == G_UNICODE_LOWERCASE_LETTER)
    sb = SB_Lower;
  else if (type == G_UNICODE_UPPERCASE_LETTER)
    sb = SB_Upper;
  else if (type == G_UNICODE_TITLECASE_LETTER || type == G_UNICODE_MODIFIER_LETTER
           || type == G_UNICODE_OTHER_LETTER)
    sb = SB_OLetter;

  if (type == G_UNICODE_OPEN_PUNCTUATION || type == G_UNICODE_CLOSE_PUNCTUATION
      || break_type == G_UNICODE_BREAK_QUOTATION)
    sb = SB_Close;

  return sb;
}

static void
fast_class_set (guint    index,
                gunichar wc)
{
  GUnicodeType type = g_unichar_type (wc);
  GUnicodeScript script = g_unichar_get_script (wc);
  WordBreakType word = classify_word (wc);

  /* What the machines below assume of a character: a grapheme of its own
   * (but LF after CR), no Extend/Format for the word and sentence rules,
   * no script Pango gives a word type of its own. Checked here rather than
   * trusted from a list, should GLib's tables ever say otherwise. */
  /* Combining diacritical marks (Mn, Extend to all three rules) are the
   * only marks covered. */
  if (wc >= 0x0300 && wc <= 0x036F)
    {
      if (type != G_UNICODE_NON_SPACING_MARK || word != WB_ExtendFormat
          || classify_sentence (wc) != SB_ExtendFormat)
        return;
      fast_classes[index] = (FastClass) {
        .covered = TRUE,
        .grapheme = GB_Extend,
        .word = WB_ExtendFormat,
        .sentence = SB_ExtendFormat,
      };
      return;
    }

  if (word == WB_ExtendFormat
      || script == G_UNICODE_SCRIPT_HEBREW || script == G_UNICODE_SCRIPT_KATAKANA
      || script == G_UNICODE_SCRIPT_HIRAGANA)
    return;
  switch ((int)type)
    {
    case G_UNICODE_FORMAT:
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
    case G_UNICODE_NON_SPACING_MARK:
    case G_UNICODE_SURROGATE:
    case G_UNICODE_UNASSIGNED:
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
    case G_UNICODE_MODIFIER_LETTER:
      return;
    default:
      break;
    }

  fast_classes[index] = (FastClass) {
    .covered = TRUE,
    .grapheme = type == G_UNICODE_CONTROL ? GB_ControlCRLF : GB_Other,
    .word = word,
    .sentence = classify_sentence (wc),
  };
}

static void
fast_classes_init (void)
{
  static gsize done = 0;

  if (!g_once_init_enter (&done))
    return;

  /* Tab, LF, CR and printable ASCII: other controls (VT, FF, NUL, …) are
   * left to Pango, as are the C1 controls and the soft hyphen (a format
   * character, hence a grapheme of its own to Pango). */
  fast_class_set ('\t', '\t');
  fast_class_set ('\n', '\n');
  fast_class_set ('\r', '\r');
  for (gunichar c = 0x20; c < 0x7F; c++)
    fast_class_set (c, c);
  for (gunichar c = 0xA0; c < FAST_LATIN_END; c++)
    if (c != 0xAD)
      fast_class_set (c, c);
  for (gunichar c = 0x1E00; c <= 0x1EFF; c++)
    fast_class_set (FAST_ADDITIONAL + (c - 0x1E00), c);
  /* Symbols and emoji, but only "other symbols" (So): not the skin-tone
   * modifiers (Sk, Extend to Pango), the regional indicators or the
   * keycap and variation selectors (marks). A lone pictograph is a
   * grapheme of its own, a word segment of its own ("Other") and a
   * sentence "Other" (or Close, for the ornamental quotation marks);
   * Pango's Extended_Pictographic rules (GB11, WB3c) only act with a ZWJ,
   * which is not covered. */
  for (gunichar c = 0x2600; c <= 0x27BF; c++)
    if (g_unichar_type (c) == G_UNICODE_OTHER_SYMBOL)
      fast_class_set (FAST_SYMBOLS + (c - 0x2600), c);
  for (gunichar c = 0x1F300; c <= 0x1F9FF; c++)
    if (g_unichar_type (c) == G_UNICODE_OTHER_SYMBOL)
      fast_class_set (FAST_EMOJI + (c - 0x1F300), c);
  for (guint k = 0; k < G_N_ELEMENTS (fast_extra); k++)
    fast_class_set (FAST_EXTRA + k, fast_extra[k]);

  g_once_init_leave (&done, 1);
}

/* The class of the character at *@p, which it steps past; NULL if it is
 * not covered. */
static inline const FastClass *
fast_class_next (const guchar **p,
                 gunichar      *wc)
{
  const guchar *q = *p;
  guint index;

  if (q[0] < 0x80)
    {
      index = *wc = q[0];
      *p = q + 1;
    }
  else if (q[0] >= 0xC2 && q[0] <= 0xCD)  /* U+0080–U+037F */
    {
      index = *wc = ((gunichar)(q[0] & 0x1F) << 6) | (q[1] & 0x3F);
      if (index >= FAST_LATIN_END)
        return NULL;
      *p = q + 2;
    }
  else if (q[0] == 0xE1 && q[1] >= 0xB8 && q[1] <= 0xBB)  /* U+1E00–U+1EFF */
    {
      *wc = 0x1000 | ((gunichar)(q[1] & 0x3F) << 6) | (q[2] & 0x3F);
      index = FAST_ADDITIONAL + (*wc - 0x1E00);
      *p = q + 3;
    }
  else if (q[0] == 0xE2 && q[1] >= 0x98 && q[1] <= 0x9E)  /* U+2600–U+27BF */
    {
      *wc = 0x2000 | ((gunichar)(q[1] & 0x3F) << 6) | (q[2] & 0x3F);
      index = FAST_SYMBOLS + (*wc - 0x2600);
      *p = q + 3;
    }
  else if (q[0] == 0xF0 && q[1] == 0x9F && q[2] >= 0x8C && q[2] <= 0xA7)  /* U+1F300–U+1F9FF */
    {
      *wc = 0x1F000 | ((gunichar)(q[2] & 0x3F) << 6) | (q[3] & 0x3F);
      index = FAST_EMOJI + (*wc - 0x1F300);
      *p = q + 4;
    }
  else if (q[0] == 0xE2 && (q[1] == 0x80 || q[1] == 0x82))
    {
      *wc = 0x2000 | ((gunichar)(q[1] & 0x3F) << 6) | (q[2] & 0x3F);
      switch (*wc)
        {
        case 0x2013: index = FAST_EXTRA + 0; break;
        case 0x2014: index = FAST_EXTRA + 1; break;
        case 0x2018: index = FAST_EXTRA + 2; break;
        case 0x2019: index = FAST_EXTRA + 3; break;
        case 0x201C: index = FAST_EXTRA + 4; break;
        case 0x201D: index = FAST_EXTRA + 5; break;
        case 0x2026: index = FAST_EXTRA + 6; break;
        case 0x20AC: index = FAST_EXTRA + 7; break;
        default: return NULL;
        }
      *p = q + 3;
    }
  else
    return NULL;

  return fast_classes[index].covered ? &fast_classes[index] : NULL;
}

#define IS_ANY_TERM(t) \
  ((t) == SB_ATerm || (t) == SB_ATerm_Close_Sp || (t) == SB_STerm || (t) == SB_STerm_Close_Sp)
/* Pango's IS_OTHER_TERM: not in (OLetter | Upper | Lower | ParaSep | SATerm). */
#define IS_OTHER_TERM(t) \
  (!((t) == SB_OLetter || (t) == SB_Upper || (t) == SB_Lower || (t) == SB_ParaSep \
     || IS_ANY_TERM (t)))

gboolean
gloss_text_log_attrs_fast (const char   *text,
                           gsize         n_bytes,
                           guint         length,
                           PangoLogAttr *attrs)
{
  const guchar *p = (const guchar *)text;
  const guchar *end = p + n_bytes;
  gunichar prev_wc = 0;
  GraphemeBreakType prev_gb = GB_Other;
  WordBreakType prev_prev_wb = WB_Other, prev_wb = WB_Other;
  int prev_wb_i = -1;
  SentenceBreakType prev_prev_sb = SB_Other, prev_sb = SB_Other;
  int prev_sb_i = -1;
  int i;

  fast_classes_init ();

  for (i = 0; p < end; i++)
    {
      gunichar wc;
      const FastClass *cls = fast_class_next (&p, &wc);
      gboolean is_grapheme_boundary, is_word_boundary, is_sentence_boundary;

      if (cls == NULL || (guint)i >= length)
        return FALSE;

      /* The bulk of a text: an ASCII letter or digit after a letter or a
       * digit. A grapheme boundary, no word boundary (WB5, WB8–WB10, the
       * first rules that apply), so no sentence rule either. */
      if (wc < 0x80 && g_ascii_isalnum ((char)wc)
          && (prev_wb == WB_ALetter || prev_wb == WB_Numeric) && prev_wb_i + 1 == i)
        {
          attrs[i] = (PangoLogAttr) { .is_cursor_position = TRUE };
          prev_gb = GB_Other;
          prev_prev_wb = prev_wb;
          prev_wb = cls->word;
          prev_wb_i = i;
          prev_wc = wc;
          continue;
        }

      /* Graphemes: GB3, GB4/GB5, GB9, GB999. */
      if (wc == '\n' && prev_wc == '\r')
        is_grapheme_boundary = FALSE;
      else if (prev_gb == GB_ControlCRLF || cls->grapheme == GB_ControlCRLF)
        is_grapheme_boundary = TRUE;
      else
        is_grapheme_boundary = cls->grapheme != GB_Extend;
      prev_gb = cls->grapheme;

      /* Words: Pango's rules in its order, less those no covered
       * character can meet (WB3c, WB7a–c, WB13, WB15/16). A mark is
       * looked at only where it is a grapheme boundary (after a control
       * character), and leaves the state as it was (WB4). */
      is_word_boundary = FALSE;
      if (is_grapheme_boundary)
        {
          WordBreakType wb = cls->word;
          gboolean prev_letter_or_number = prev_wb == WB_ALetter || prev_wb == WB_Numeric;
          gboolean letter_or_number = wb == WB_ALetter || wb == WB_Numeric;

          if (prev_wb == WB_NewlineCRLF && prev_wb_i + 1 == i)
            is_word_boundary = TRUE;                          /* WB3a */
          else if (wb == WB_NewlineCRLF)
            is_word_boundary = TRUE;                          /* WB3b */
          else if (prev_wb == WB_WSegSpace && wb == WB_WSegSpace && prev_wb_i + 1 == i)
            is_word_boundary = FALSE;                         /* WB3d */
          else if (wb == WB_ExtendFormat)
            is_word_boundary = FALSE;                         /* WB4 */
          else if (prev_letter_or_number && letter_or_number)
            is_word_boundary = FALSE;                         /* WB5, WB8–10 */
          else if ((prev_letter_or_number || prev_wb == WB_ExtendNumLet) && wb == WB_ExtendNumLet)
            is_word_boundary = FALSE;                         /* WB13a */
          else if (prev_wb == WB_ExtendNumLet && letter_or_number)
            is_word_boundary = FALSE;                         /* WB13b */
          else if (prev_prev_wb == WB_ALetter && wb == WB_ALetter
                   && (prev_wb == WB_MidLetter || prev_wb == WB_MidNumLet || prev_wc == 0x0027))
            {
              attrs[prev_wb_i].is_word_boundary = FALSE;      /* WB6 */
              is_word_boundary = FALSE;                       /* WB7 */
            }
          else if (prev_prev_wb == WB_Numeric && wb == WB_Numeric
                   && (prev_wb == WB_MidNum || prev_wb == WB_MidNumLet || prev_wc == 0x0027))
            {
              is_word_boundary = FALSE;                       /* WB11 */
              attrs[prev_wb_i].is_word_boundary = FALSE;      /* WB12 */
            }
          else
            is_word_boundary = TRUE;                          /* WB999 */

          if (wb != WB_ExtendFormat)
            {
              prev_prev_wb = prev_wb;
              prev_wb = wb;
              prev_wb_i = i;
            }
        }

      /* Sentences, moving at word boundaries and CR, LF (SB3, SB5). */
      is_sentence_boundary = FALSE;
      if (is_word_boundary || wc == '\r' || wc == '\n')
        {
          SentenceBreakType sb = cls->sentence;

          if (wc == '\n' && prev_wc == '\r')
            is_sentence_boundary = FALSE;                     /* SB3 */
          else if (prev_sb == SB_ParaSep && prev_sb_i + 1 == i)
            is_sentence_boundary = TRUE;                      /* SB4 */
          else if (sb == SB_ExtendFormat)
            is_sentence_boundary = FALSE;                     /* SB5 */
          else if (prev_sb == SB_ATerm && sb == SB_Numeric)
            is_sentence_boundary = FALSE;                     /* SB6 */
          else if ((prev_prev_sb == SB_Upper || prev_prev_sb == SB_Lower)
                   && prev_sb == SB_ATerm && sb == SB_Upper)
            is_sentence_boundary = FALSE;                     /* SB7 */
          else if (prev_sb == SB_ATerm && sb == SB_Close)
            sb = SB_ATerm;
          else if (prev_sb == SB_STerm && sb == SB_Close)
            sb = SB_STerm;
          else if (prev_sb == SB_ATerm && sb == SB_Sp)
            sb = SB_ATerm_Close_Sp;
          else if (prev_sb == SB_STerm && sb == SB_Sp)
            sb = SB_STerm_Close_Sp;
          else if ((prev_sb == SB_ATerm || prev_sb == SB_ATerm_Close_Sp) && sb == SB_Lower)
            is_sentence_boundary = FALSE;                     /* SB8 */
          else if ((prev_prev_sb == SB_ATerm || prev_prev_sb == SB_ATerm_Close_Sp)
                   && IS_OTHER_TERM (prev_sb) && sb == SB_Lower)
            attrs[prev_sb_i].is_sentence_boundary = FALSE;    /* SB8, looking back */
          else if (IS_ANY_TERM (prev_sb)
                   && (sb == SB_SContinue || sb == SB_ATerm || sb == SB_STerm))
            is_sentence_boundary = FALSE;                     /* SB8a */
          else if ((prev_sb == SB_ATerm || prev_sb == SB_STerm)
                   && (sb == SB_Close || sb == SB_Sp || sb == SB_ParaSep))
            is_sentence_boundary = FALSE;                     /* SB9 */
          else if (IS_ANY_TERM (prev_sb) && (sb == SB_Sp || sb == SB_ParaSep))
            is_sentence_boundary = FALSE;                     /* SB10 */
          else if (IS_ANY_TERM (prev_sb) && sb != SB_ParaSep)
            is_sentence_boundary = TRUE;                      /* SB11 */
          else
            is_sentence_boundary = FALSE;                     /* SB998 */

          if (sb != SB_ExtendFormat
              && !((prev_prev_sb == SB_ATerm || prev_prev_sb == SB_ATerm_Close_Sp)
                   && IS_OTHER_TERM (prev_sb) && IS_OTHER_TERM (sb)))
            {
              prev_prev_sb = prev_sb;
              prev_sb = sb;
              prev_sb_i = i;
            }
        }
      if (i == 0)
        is_sentence_boundary = TRUE;                          /* SB1 */

      /* One store a position; only the rules above revise an earlier one. */
      attrs[i] = (PangoLogAttr) {
        .is_cursor_position = is_grapheme_boundary,
        .is_word_boundary = is_word_boundary,
        .is_sentence_boundary = is_sentence_boundary,
      };

      prev_wc = wc;
    }

  if ((guint)i != length)
    return FALSE;

  /* The end, where Pango reads a paragraph separator: a boundary of all
   * three kinds (GB2, WB2, SB2), which revises nothing before it. */
  attrs[i] = (PangoLogAttr) {
    .is_cursor_position = TRUE,
    .is_word_boundary = TRUE,
    .is_sentence_boundary = TRUE,
  };
  attrs[0].is_cursor_position = TRUE;                         /* GB1 */
  attrs[0].is_word_boundary = TRUE;                           /* WB1 */

  return TRUE;
}

#undef IS_ANY_TERM
#undef IS_OTHER_TERM

/* Finding a stretch */

/* A cased letter of line-break class AL: to Pango a grapheme of its own,
 * a word letter (ALetter) and a sentence Lower or Upper. */
static inline gboolean
is_sync_letter (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalpha ((char)c);

  switch ((int)g_unichar_type (c))
    {
    case G_UNICODE_LOWERCASE_LETTER:
    case G_UNICODE_UPPERCASE_LETTER:
      return g_unichar_break_type (c) == G_UNICODE_BREAK_ALPHABETIC;
    default:
      return FALSE;
    }
}

static inline gunichar
char_at (const char *p)
{
  return (guchar)*p < 0x80 ? (gunichar)(guchar)*p : g_utf8_get_char (p);
}

/* The character before @p, which must be past the start of the text, and
 * where it starts. */
static inline gunichar
char_before (const char  *p,
             const char **start)
{
  *start = g_utf8_prev_char (p);
  return char_at (*start);
}

/* Whether the three characters ending at @p (excluded) are "x y": letter,
 * space, letter. */
static gboolean
ends_letter_space_letter (GlossTextBoundaries *self,
                          const char          *p)
{
  const char *q;

  if (p - self->text < 3)
    return FALSE;

  if (!is_sync_letter (char_before (p, &q)))
    return FALSE;
  if (char_before (q, &q) != ' ')
    return FALSE;
  if (q == self->text)
    return FALSE;
  return is_sync_letter (char_before (q, &q));
}

/* Whether the character at @p (code point @offset) is the "d" of a run
 * "a bc d" (see the top of the file); if so, where the "a" is. */
static gboolean
is_after_word_run (GlossTextBoundaries *self,
                   const char          *p,
                   guint                offset,
                   const char         **run_start,
                   guint               *run_offset)
{
  const char *q;
  guint letters = 0;

  if (p >= self->text + self->n_bytes || !is_sync_letter (char_at (p)))
    return FALSE;
  if (p == self->text || char_before (p, &q) != ' ')
    return FALSE;
  offset--;

  /* The word "bc": letters back to a space. */
  while (q > self->text)
    {
      const char *prev;
      gunichar c = char_before (q, &prev);

      if (!is_sync_letter (c))
        break;
      q = prev;
      offset--;
      letters++;
    }

  if (letters == 0 || q == self->text || char_before (q, &q) != ' ')
    return FALSE;
  offset--;

  if (q == self->text || !is_sync_letter (char_before (q, &q)))
    return FALSE;
  offset--;

  *run_start = q;
  *run_offset = offset;
  return TRUE;
}

typedef struct
{
  guint        start;       /* code points: the text Pango runs over */
  guint        end;
  const char  *start_p;
  const char  *end_p;
  guint        valid_from;  /* the positions it answers for, both included */
  guint        valid_to;
} Stretch;

/* Back from @offset (at @p) to the nearest paragraph start, or past
 * LEFT_REACH to the nearest run of words.
 *
 * A stretch that starts a paragraph starts with the separator before it,
 * and answers from the position after that separator on: Pango's answer
 * there is not always what it says at the start of a text. After CR LF,
 * where it only looked at the CR (the LF is no grapheme boundary), it
 * finds no word or sentence boundary before a combining mark or a format
 * character (WB3a checks that the newline came just before). */
static void
find_start (GlossTextBoundaries *self,
            guint                offset,
            const char          *p,
            Stretch             *stretch)
{
  guint walked = 0;

  for (;;)
    {
      const char *prev;
      gunichar c;

      if (p == self->text)
        break;

      c = char_before (p, &prev);
      /* A paragraph starts after LF, U+2029, or a CR not followed by LF. */
      if (c == '\n' || c == 0x2029 || (c == '\r' && *p != '\n'))
        {
          const char *cr;

          stretch->valid_from = offset;
          offset--;
          if (c == '\n' && prev > self->text && char_before (prev, &cr) == '\r')
            {
              prev = cr;
              offset--;
            }
          stretch->start = offset;
          stretch->start_p = prev;
          return;
        }

      if (walked >= LEFT_REACH
          && is_after_word_run (self, p, offset, &stretch->start_p, &stretch->start))
        {
          stretch->valid_from = offset;
          return;
        }

      p = prev;
      offset--;
      walked++;
    }

  stretch->start = offset;
  stretch->start_p = p;
  stretch->valid_from = offset;
}

/* On from @offset (at @p) to the end of a paragraph once past RIGHT_MIN,
 * or past RIGHT_REACH to the end of "x y". A stretch that ends a
 * paragraph answers up to the position before its separator's last
 * character (see find_start()). */
static void
find_end (GlossTextBoundaries *self,
          guint                offset,
          const char          *p,
          Stretch             *stretch)
{
  const char *end = self->text + self->n_bytes;
  guint walked = 0;

  while (p < end)
    {
      guchar b = (guchar)*p;
      gunichar c;
      const char *next;

      /* Only separators matter here: ASCII inline, U+2029 told apart from
       * the other non-ASCII characters by its bytes. */
      if (b < 0x80)
        {
          c = b;
          next = p + 1;
        }
      else
        {
          c = b == 0xE2 && end - p >= 3 && (guchar)p[1] == 0x80 && (guchar)p[2] == 0xA9 ? 0x2029 : 0x80;
          next = g_utf8_next_char (p);
        }

      if (walked >= RIGHT_REACH && ends_letter_space_letter (self, next))
        {
          /* Up to and including the last letter; valid up to the
           * position before it. */
          stretch->end = offset + 1;
          stretch->end_p = next;
          stretch->valid_to = offset;
          return;
        }

      p = next;
      offset++;
      walked++;

      if (c == '\r' && p < end && *p == '\n')
        continue;
      if ((c == '\n' || c == '\r' || c == 0x2029) && walked >= RIGHT_MIN)
        {
          stretch->end = offset;
          stretch->end_p = p;
          stretch->valid_to = offset - 1;
          return;
        }
    }

  stretch->end = offset;
  stretch->end_p = p;
  stretch->valid_to = offset;
}

/* Storing */

static Page *
ensure_page (GlossTextBoundaries *self,
             guint                index)
{
  Page *page = g_atomic_pointer_get (&self->pages[index]);

  if (page == NULL)
    {
      Page *fresh = g_new0 (Page, 1);

      if (g_atomic_pointer_compare_and_exchange (&self->pages[index], NULL, fresh))
        {
          g_atomic_int_inc (&self->n_pages_used);
          page = fresh;
        }
      else
        {
          g_free (fresh);
          page = g_atomic_pointer_get (&self->pages[index]);
        }
    }

  return page;
}

/* Stores the flags of positions @from..@to (included) from @attrs, whose
 * first entry is position @base. A 32-bit word at a time: the flags first,
 * then "known", so that a reader who sees a position known sees its flags. */
static void
store (GlossTextBoundaries *self,
       const PangoLogAttr  *attrs,
       guint                base,
       guint                from,
       guint                to)
{
  guint o = from;

  while (o <= to)
    {
      Page *page = ensure_page (self, o >> PAGE_SHIFT);
      guint word = (o & (PAGE_SIZE - 1)) >> 5;
      guint word_end = MIN (to, (o | 31u));
      guint32 masks[4] = { 0, 0, 0, 0 };

      for (; o <= word_end; o++)
        {
          const PangoLogAttr *a = &attrs[o - base];
          guint32 bit = 1u << (o & 31);

          if (a->is_cursor_position)
            masks[GLOSS_TEXT_BOUNDARY_GRAPHEME] |= bit;
          if (a->is_word_boundary)
            masks[GLOSS_TEXT_BOUNDARY_WORD] |= bit;
          if (a->is_sentence_boundary)
            masks[GLOSS_TEXT_BOUNDARY_SENTENCE] |= bit;
          masks[KNOWN] |= bit;
        }

      for (guint k = 0; k < 4; k++)
        if (masks[k] != 0)
          g_atomic_int_or (&page->bits[k][word], masks[k]);
    }
}

/* Flags of the @n positions of @start_p..@end_p (code point @start on),
 * stored for @valid_from..@valid_to: without Pango if every character is
 * covered, else with it. @attrs has room for @n + 1 entries. */
static void
compute_piece (GlossTextBoundaries *self,
               PangoLogAttr        *attrs,
               const char          *start_p,
               const char          *end_p,
               guint                start,
               guint                n,
               guint                valid_from,
               guint                valid_to,
               gboolean             try_fast)
{
  gsize n_bytes = (gsize)(end_p - start_p);

  if (try_fast && gloss_text_log_attrs_fast (start_p, n_bytes, n, attrs))
    {
      g_atomic_pointer_add (&self->n_fast, (gssize)n + 1);
    }
  else
    {
      /* Zeroed: see gloss_text_log_attrs_new(). */
      memset (attrs, 0, ((gsize)n + 1) * sizeof *attrs);
      pango_get_log_attrs (start_p, (int)n_bytes, -1, NULL, attrs, (int)n + 1);
    }
  gloss_text_split_clitics (start_p, n_bytes, n, attrs);
  store (self, attrs, start, valid_from, valid_to);
  g_atomic_pointer_add (&self->n_computed, (gssize)n + 1);
}

/* A stretch is computed a paragraph at a time, so that one paragraph
 * with a character gloss_text_log_attrs_fast() does not cover (an emoji,
 * a combining accent) sends only itself to Pango. Cutting a stretch at
 * its paragraph separators gives the same answers as cutting the text
 * there (see the top of the file): each piece starts with the separator
 * before it and answers from the position after it, and ends with the
 * separator after it, answering up to the position before its last
 * character. */
static void
compute_stretch (GlossTextBoundaries *self,
                 const Stretch       *stretch)
{
  g_autofree PangoLogAttr *attrs = NULL;
  const guchar *p = (const guchar *)stretch->start_p;
  const guchar *end = (const guchar *)stretch->end_p;
  const guchar *piece_p = p;
  guint piece = stretch->start;
  guint valid_from = stretch->valid_from;
  guint offset = stretch->start;

  attrs = g_new (PangoLogAttr, (gsize)(stretch->end - stretch->start) + 1);

  /* The Indic tailoring of a whole text can reach across paragraphs. */
  if (self->whole_text)
    {
      compute_piece (self, attrs, stretch->start_p, stretch->end_p, stretch->start,
                     stretch->end - stretch->start, stretch->valid_from, stretch->valid_to,
                     FALSE);
      return;
    }

  while (p < end)
    {
      const guchar *sep = p;
      guint sep_offset = offset;
      guint sep_end;

      if (*p == '\n' || *p == '\r')
        {
          p++;
          offset++;
          if (*sep == '\r' && p < end && *p == '\n')
            {
              p++;
              offset++;
            }
        }
      else if (p[0] == 0xE2 && end - p >= 3 && p[1] == 0x80 && p[2] == 0xA9)  /* U+2029 */
        {
          p += 3;
          offset++;
        }
      else
        {
          if ((*p & 0xC0) != 0x80)
            offset++;
          p++;
          continue;
        }

      /* The separator ends at @offset; a piece that would answer for no
       * position (a stretch's leading separator) is left out. */
      sep_end = offset;
      if (p >= end || sep_end - 1 < valid_from)
        continue;

      compute_piece (self, attrs, (const char *)piece_p, (const char *)p, piece,
                     sep_end - piece, valid_from, MIN (sep_end - 1, stretch->valid_to), TRUE);
      piece_p = sep;
      piece = sep_offset;
      valid_from = sep_end;
    }

  g_assert (offset == stretch->end);
  compute_piece (self, attrs, (const char *)piece_p, stretch->end_p, piece,
                 stretch->end - piece, valid_from, stretch->valid_to, TRUE);
}

static void
compute_around (GlossTextBoundaries *self,
                guint                offset)
{
  Stretch stretch;

  if (self->whole_text)
    {
      stretch = (Stretch) {
        .start = 0, .end = self->length,
        .start_p = self->text, .end_p = self->text + self->n_bytes,
        .valid_from = 0, .valid_to = self->length,
      };
    }
  else
    {
      const char *p = self->text + self->offset_to_byte (self->data, offset);

      find_start (self, offset, p, &stretch);
      find_end (self, offset, p, &stretch);
    }

  g_assert (stretch.valid_from <= offset && offset <= stretch.valid_to);

  compute_stretch (self, &stretch);
}

gboolean
gloss_text_boundaries_get (GlossTextBoundaries *self,
                           guint                offset,
                           GlossTextBoundary    which)
{
  guint word = (offset & (PAGE_SIZE - 1)) >> 5;
  guint32 bit = 1u << (offset & 31);

  g_assert (offset <= self->length);

  for (guint tries = 0; ; tries++)
    {
      Page *page = g_atomic_pointer_get (&self->pages[offset >> PAGE_SHIFT]);

      if (page != NULL && ((guint32)g_atomic_int_get (&page->bits[KNOWN][word]) & bit) != 0)
        return ((guint32)g_atomic_int_get (&page->bits[which][word]) & bit) != 0;

      g_assert (tries == 0);
      compute_around (self, offset);
    }
}
