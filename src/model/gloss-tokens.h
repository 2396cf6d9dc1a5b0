/* gloss-tokens.h — an article's text cut into tokens and sentences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "gloss-document.h"

G_BEGIN_DECLS

typedef struct
{
  guint    start;         /* code points */
  guint    end;           /* exclusive */
  guint    byte_start;    /* into the document's text */
  guint    byte_length;
  gboolean new_sentence;  /* a sentence starts here (never on the first token) */
} GlossToken;

/* Cuts @document's text into tokens (GlossToken), replacing what @tokens
 * held: the document's words (UAX #29 word segments that hold a letter or
 * a digit, with English clitics cut off: "NATO", "’s"; see
 * gloss_document_is_word_start()), and, outside them, one token per
 * grapheme cluster that is not blank (punctuation,
 * symbols, emoji). Marks the tokens that start a sentence. */
void    gloss_tokens_fill                (GArray        *tokens,
                                          GlossDocument *document);
/* The same, in a new array. */
GArray *gloss_tokens_new                 (GlossDocument *document);

/* The first token that ends after @offset (tokens->len if none). */
guint   gloss_tokens_first_ending_after  (GArray        *tokens,
                                          guint          offset);
/* The first token that starts at or after @offset (tokens->len if none). */
guint   gloss_tokens_first_starting_from (GArray        *tokens,
                                          guint          offset);

/* A span's place in the token array, while the overlaps of one tag column
 * are settled: the longest span takes its tokens, and a span that shares
 * a token with one taken before it is lost (docs/conll.md). */
typedef struct
{
  guint span;           /* index in the caller's spans */
  guint first_token;
  guint end_token;      /* exclusive; first_token == end_token: no token */
  guint length;         /* code points */
  guint start;
} GlossTokenSpan;

/* The place of [start, end) (the span at index @span). */
GlossTokenSpan gloss_token_span_init    (GArray        *tokens,
                                         guint          span,
                                         guint          start,
                                         guint          end);
/* The order spans take their tokens in: longer first; of two as long, the
 * earlier; then by index, so the outcome never depends on the sort. */
int            gloss_token_span_compare (gconstpointer  a,
                                         gconstpointer  b);

G_END_DECLS
