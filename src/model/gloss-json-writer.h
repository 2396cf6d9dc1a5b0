/* gloss-json-writer.h — deterministic, pretty JSON text from a JsonNode
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Appends @node to @out: two-space indent, "key": value, members in the
 * object's insertion order, non-ASCII kept as UTF-8, control characters and
 * quotes escaped, integers without a fraction. Empty arrays/objects as [] and {}. */
void  gloss_json_write_node   (GString  *out,
                               JsonNode *node,
                               guint     indent);
/* Appends @text (@length bytes of valid UTF-8, or up to its NUL if
 * negative) as a JSON string, quoted and escaped as gloss_json_write_node()
 * does; @line_safe: U+0085, U+2028 and U+2029 escaped too, which JSON
 * allows raw but Python's str.splitlines() and some editors break lines
 * at (one JSON value per line, as JSON Lines wants). */
void  gloss_json_append_string (GString    *out,
                                const char *text,
                                gssize      length,
                                gboolean    line_safe);
/* The same for a NUL-terminated @text of any provenance (a file name):
 * made valid UTF-8 first, each bad byte as U+FFFD. */
void  gloss_json_append_any_string (GString    *out,
                                    const char *text,
                                    gboolean    line_safe);
/* Whole document plus a trailing newline. */
char *gloss_json_to_string    (JsonNode *node);

G_END_DECLS
