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
 * held: UAX #29 word segments that hold a letter or a digit, and, outside
 * them, one token per grapheme cluster that is not blank (punctuation,
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

G_END_DECLS
