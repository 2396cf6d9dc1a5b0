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
/* Whole document plus a trailing newline. */
char *gloss_json_to_string    (JsonNode *node);

G_END_DECLS
