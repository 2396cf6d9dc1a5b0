/* gloss-suggest-quotes-private.h — for tests: reading one rule file of
 * the quote suggester
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Reads @bytes as a rule file (suggest/LANG.json) named @path, as the
 * suggester reads the compiled-in ones, and keeps nothing: FALSE with
 * GLOSS_ERROR_INVALID saying where (path:line:column for JSON that does
 * not parse, the JSON path of a member of the wrong type). */
gboolean gloss_suggest_quotes_check_rules (GBytes      *bytes,
                                           const char  *path,
                                           GError     **error);

G_END_DECLS
