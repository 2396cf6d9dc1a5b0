/* gloss-suggest-quotes.h — quotation spans and their speakers suggested
 * from the marks and attributions of news text (source "quotes")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "gloss-annotation-set.h"
#include "gloss-document.h"

G_BEGIN_DECLS

/* The suggestions of the quote source for @document: a new array of
 * GlossSuggestion (source GLOSS_SUGGESTION_SOURCE_QUOTES, label "quote"),
 * in document order, the quote spans marks included, each with its
 * speaker where an attribution names one ("…,” X said", "said X",
 * "X said: “…”", "according to X", a pronoun → the last person named
 * before, a statement or spokesperson → the organisation): the person or
 * organization annotation of @annotations covering the mention, else a
 * new span of the name ("person", or "organization" for a name the rules
 * know as one).
 *
 * A quote already annotated in @annotations (same span, label "quote")
 * is suggested again only for its speaker, and only when it has none; a
 * span overlapping any other quote annotation is not suggested.
 * @annotations may be NULL or empty. Deterministic: the same text and
 * annotations give the same suggestions. The verbs and patterns are data
 * (src/model/suggest/LANG.json, compiled in; docs/suggestions.md).
 *
 * Fails (GLOSS_ERROR_INVALID, saying where) only if those compiled-in
 * rules cannot be read, which a test guards against. */
GPtrArray *gloss_suggest_quotes (GlossDocument      *document,
                                 GlossAnnotationSet *annotations,
                                 GError            **error);

G_END_DECLS
