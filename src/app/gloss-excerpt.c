/* gloss-excerpt.c — annotated text quoted in titles, tooltips and rows
 *
 * Quotes are annotated with their quotation marks more often than not, so
 * wrapping every excerpt in marks doubled them ("Note on “ “We will…” ”").
 * The one place that decides whether an excerpt gets marks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gloss-annotation-row.h"
#include "gloss-excerpt.h"

gboolean
gloss_text_starts_quoted (const char *text)
{
  gunichar c;

  if (text == NULL || *text == '\0')
    return FALSE;

  c = g_utf8_get_char (text);
  switch (c)
    {
    case '"':
    case '\'':
    case 0x201A:  /* ‚ single low-9 (German, Czech) */
    case 0x201E:  /* „ double low-9 */
    case 0x300C:  /* 「 */
    case 0x300E:  /* 『 */
    case 0xFF02:  /* ＂ */
      return TRUE;

    default:
      /* “ ‘ « ‹ and the like */
      return g_unichar_type (c) == G_UNICODE_INITIAL_PUNCTUATION;
    }
}

char *
gloss_format_quoted_excerpt (const char *text,
                             guint       max_chars)
{
  g_autofree char *excerpt = gloss_format_excerpt (text, max_chars);

  if (gloss_text_starts_quoted (excerpt))
    return g_steal_pointer (&excerpt);

  /* Translators: annotated text quoted in a sentence or a tooltip; use
   * your language's quotation marks. */
  return g_strdup_printf (_("“%s”"), excerpt);
}
