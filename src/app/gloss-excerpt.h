/* gloss-excerpt.h — annotated text quoted in titles, tooltips and rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @text as gloss_format_excerpt() gives it (one line, at most @max_chars
 * characters and "…"), between quotation marks (translatable: “%s” in
 * English) — unless it starts with a quotation mark of its own, as a
 * quote annotated with its marks does: then it is shown as it is, never
 * as “ “…” ”. */
char     *gloss_format_quoted_excerpt (const char *text,
                                       guint       max_chars);
/* Whether @text starts with an opening quotation mark (“ " ' ‘ „ ‚ « ‹ 「 『
 * and the other initial or opening quotation punctuation). */
gboolean  gloss_text_starts_quoted    (const char *text);

G_END_DECLS
