/* gloss-tokens.c — an article's text cut into tokens and sentences
 *
 * The tokens of the CoNLL export, and the items over which agreement
 * between annotators is counted: docs/conll.md describes them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gloss-tokens.h"

/* Line breaks as UAX #14 and #29 count them. CR LF is one grapheme
 * cluster, so looking at a cluster's first character counts it once. */
static inline guint
line_breaks_of (gunichar c)
{
  switch (c)
    {
    case '\n':
    case '\r':
    case 0x0B:   /* vertical tab */
    case 0x0C:   /* form feed */
    case 0x85:   /* next line */
    case 0x2028: /* line separator */
      return 1;
    case 0x2029: /* paragraph separator: a paragraph break on its own */
      return 2;
    default:
      return 0;
    }
}

/* The character at @p. Most of a news article is ASCII: it is read and
 * classified here without a call into GLib, with the same answers. */
static inline gunichar
get_char (const char *p)
{
  return (guchar)*p < 0x80 ? (gunichar)(guchar)*p : g_utf8_get_char (p);
}

/* g_unichar_isalnum() */
static inline gboolean
is_alnum (gunichar c)
{
  return c < 0x80 ? g_ascii_isalnum ((char)c) : g_unichar_isalnum (c);
}

/* g_unichar_isspace(): in ASCII, space, tab, LF, CR and FF. */
static inline gboolean
is_space (gunichar c)
{
  if (c < 0x80)
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';

  return g_unichar_isspace (c);
}

/* Whether a cluster outside words is blank (never a token): it starts
 * with a space, or is a lone format or control character (a zero-width
 * space, say) that has nothing visible to tag. */
static inline gboolean
is_blank (gunichar c)
{
  GUnicodeType type;

  if (is_space (c))
    return TRUE;
  if (c < 0x80)
    return c < 0x20 || c == 0x7F;

  type = g_unichar_type (c);
  return type == G_UNICODE_FORMAT || type == G_UNICODE_CONTROL;
}

/* The end of the grapheme cluster that starts at @offset with @c, @next
 * following. Between two ASCII characters there is always a grapheme
 * boundary but inside CR LF (UAX #29, GB3 and GB999). */
static inline guint
cluster_end (GlossDocument *document,
             guint          offset,
             gunichar       c,
             gunichar       next)
{
  if (c < 0x80 && next < 0x80 && !(c == '\r' && next == '\n'))
    return offset + 1;

  return gloss_document_next_grapheme_boundary (document, offset + 1);
}

/* Whether a sentence starts somewhere from @from to @to (both included):
 * between the end of one token and the start of the next. */
static gboolean
has_sentence_boundary (GlossDocument *document,
                       guint          from,
                       guint          to)
{
  for (guint offset = from; offset <= to; offset++)
    if (gloss_document_is_sentence_boundary (document, offset))
      return TRUE;

  return FALSE;
}

/* Whether a word boundary lies at @offset, for an offset after the start
 * of a word and before the end of the text, where the character is @c
 * and the one before it @before. Exactly what the document says, asked in
 * whichever of two ways costs less for @c: the document answers
 * is_word_end() in constant time where there is no boundary, and
 * word_start_before() in constant time where there is one; the other
 * case walks the word. Inside a word the next character is usually a
 * letter, digit or mark, with no boundary before it; a space or
 * punctuation mark usually has one. */
static inline gboolean
is_word_boundary_in_word (GlossDocument *document,
                          guint          offset,
                          gunichar       before,
                          gunichar       c)
{
  /* UAX #29 never breaks between two letters or digits of ASCII (rules
   * WB5, WB8, WB9 and WB10), the bulk of most articles: no need to ask.
   * But for the n of an English n’t, which the document cuts off as a
   * clitic ("do|n’t"). */
  if (c < 0x80 && before < 0x80 && g_ascii_isalnum (c) && g_ascii_isalnum (before)
      && c != 'n' && c != 'N')
    return FALSE;

  if (is_alnum (c) || g_unichar_ismark (c))
    return gloss_document_is_word_end (document, offset);

  return gloss_document_word_start_before (document, offset) == offset;
}

/* Whether a word segment starts at @offset, where a token may start (the
 * end of the last token or of a blank), the character there being @c and
 * the next one @next (0 at the end). A letter or a digit starts a word:
 * it cannot be inside a segment begun before it, since that segment would
 * then hold a letter or a digit and be a word, which the last token would
 * have covered. Anything else is asked of the document, but where it
 * cannot start a word: a space; a character followed by a space or by
 * nothing; and, among ASCII characters, one other than the underscore
 * (which joins words: "_id") followed by one that is not a letter or a
 * digit, since none of them joins on to what comes after it then. */
static inline gboolean
is_word_start (GlossDocument *document,
               guint          offset,
               gunichar       c,
               gunichar       next)
{
  if (is_alnum (c))
    return TRUE;
  if (is_space (c) || next == 0 || is_space (next))
    return FALSE;
  if (c < 0x80 && next < 0x80 && c != '_' && !is_alnum (next))
    return FALSE;

  return gloss_document_is_word_start (document, offset);
}

/* Cuts @document's text into tokens: the document's words (UAX #29 word
 * segments that hold a letter or a digit, English clitics cut off as words
 * of their own: "NATO", "’s"), and, outside them, one token per grapheme cluster
 * that is not blank (punctuation, symbols, emoji). Marks the tokens that
 * start a sentence: after a Pango sentence boundary, or after a blank line
 * (a paragraph break).
 *
 * One walk over the text, @p following @offset. Word segments are found by
 * asking the document at each offset of a word whether a boundary lies
 * there, so that the tokens are exactly its words (those the selection
 * snaps to), at a constant cost per character. */
void
gloss_tokens_fill (GArray        *tokens,
                   GlossDocument *document)
{
  const char *text = gloss_document_get_text (document);
  guint length = gloss_document_get_length (document);
  const char *p = text;
  guint offset = 0;
  guint line_breaks = 0;   /* in the gap since the last token */
  guint n_tokens = 0;

  while (offset < length)
    {
      const char *start_p = p;
      gunichar c = get_char (p);
      gunichar next;
      guint end = offset + 1;

      p = g_utf8_next_char (p);
      next = get_char (p);

      if (is_word_start (document, offset, c, next))
        {
          gunichar before = c;

          while (end < length && !is_word_boundary_in_word (document, end, before, next))
            {
              end++;
              p = g_utf8_next_char (p);
              before = next;
              next = get_char (p);
            }
        }
      else
        {
          /* One grapheme cluster: blank, or a token of its own. */
          guint last = cluster_end (document, offset, c, next);

          for (; end < last; end++)
            p = g_utf8_next_char (p);

          if (is_blank (c))
            {
              line_breaks += line_breaks_of (c);
              offset = end;
              continue;
            }
        }

      {
        GlossToken *token;

        /* Grown by doubling and trimmed at the end, rather than one
         * g_array_append_val() call per token. */
        if (n_tokens == tokens->len)
          g_array_set_size (tokens, MAX (256, 2 * n_tokens));

        token = &g_array_index (tokens, GlossToken, n_tokens);
        token->start = offset;
        token->end = end;
        token->byte_start = (guint)(start_p - text);
        token->byte_length = (guint)(p - start_p);
        token->new_sentence = n_tokens > 0
                              && (line_breaks >= 2
                                  || has_sentence_boundary (document, token[-1].end, offset));

        n_tokens++;
        line_breaks = 0;
        offset = end;
      }
    }

  g_array_set_size (tokens, n_tokens);
}

guint
gloss_tokens_first_ending_after (GArray *tokens,
                          guint   offset)
{
  guint lo = 0;
  guint hi = tokens->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (tokens, GlossToken, mid).end > offset)
        hi = mid;
      else
        lo = mid + 1;
    }

  return lo;
}

guint
gloss_tokens_first_starting_from (GArray *tokens,
                           guint   offset)
{
  guint lo = 0;
  guint hi = tokens->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (tokens, GlossToken, mid).start >= offset)
        hi = mid;
      else
        lo = mid + 1;
    }

  return lo;
}

GArray *
gloss_tokens_new (GlossDocument *document)
{
  GArray *tokens = g_array_new (FALSE, FALSE, sizeof (GlossToken));

  gloss_tokens_fill (tokens, document);
  return tokens;
}

GlossTokenSpan
gloss_token_span_init (GArray *tokens,
                       guint   span,
                       guint   start,
                       guint   end)
{
  GlossTokenSpan placement = {
    .span = span,
    .first_token = gloss_tokens_first_ending_after (tokens, start),
    .end_token = gloss_tokens_first_starting_from (tokens, end),
    .length = end - start,
    .start = start,
  };

  return placement;
}

int
gloss_token_span_compare (gconstpointer a,
                          gconstpointer b)
{
  const GlossTokenSpan *pa = a;
  const GlossTokenSpan *pb = b;

  if (pa->length != pb->length)
    return pa->length > pb->length ? -1 : 1;
  if (pa->start != pb->start)
    return pa->start < pb->start ? -1 : 1;
  return pa->span < pb->span ? -1 : (pa->span > pb->span ? 1 : 0);
}
