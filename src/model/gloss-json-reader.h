/* gloss-json-reader.h — a fast, strict, read-only JSON parser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "gloss-error.h"

G_BEGIN_DECLS

/* A parsed document: every value, string and member name lives in the
 * document's arena, so freeing it is a handful of g_free() calls. */
typedef struct _GlossJsonDoc GlossJsonDoc;

/* Opaque; pointers to values stay valid until their document is freed. */
typedef struct _GlossJsonValue GlossJsonValue;

typedef enum
{
  GLOSS_JSON_NULL,
  GLOSS_JSON_BOOLEAN,
  GLOSS_JSON_INTEGER,
  GLOSS_JSON_DOUBLE,
  GLOSS_JSON_STRING,
  GLOSS_JSON_ARRAY,
  GLOSS_JSON_OBJECT,
} GlossJsonType;

/* Parses the @size bytes at @data (no NUL terminator needed) as one JSON
 * text under RFC 8259, strictly: no comments, single quotes, trailing commas,
 * leading zeros, NaN or Infinity, and nothing but whitespace after the value.
 * A leading UTF-8 byte order mark is skipped, as RFC 8259 allows.
 *
 * The input is checked for valid UTF-8 as it is read (only inside strings,
 * where it can occur; anywhere else a non-ASCII byte is a syntax error), so
 * every string handed out is valid UTF-8 without NUL characters.
 *
 * Integer literals (no '.', 'e' or 'E') that fit a gint64 are integers;
 * other numbers, larger whole numbers too, become finite doubles (the
 * nearest; see gloss_json_value_is_rounded()). Member names must be
 * unique within an object.
 * Arrays and objects may nest at most @max_depth deep (so 0 allows only a
 * scalar); parsing uses no recursion, whatever the input.
 *
 * On error returns %NULL and sets @error: %GLOSS_ERROR_TOO_LARGE for the
 * depth and number limits, %GLOSS_ERROR_INVALID_UTF8 for bytes that are
 * not UTF-8, %GLOSS_ERROR_PARSE for anything else. The message does not
 * include the position: @error_line and @error_column receive it, both
 * 1-based, lines ending at LF (so CRLF counts once), the column counted in
 * characters (a tab is one). */
GlossJsonDoc         *gloss_json_doc_parse               (const char           *data,
                                                          gsize                 size,
                                                          guint                 max_depth,
                                                          guint                *error_line,
                                                          guint                *error_column,
                                                          GError              **error);
void                  gloss_json_doc_free                (GlossJsonDoc         *doc);
const GlossJsonValue *gloss_json_doc_get_root            (GlossJsonDoc         *doc);
/* Bytes of the longest string or member name in @doc (decoded, without
 * the NUL), so that a limit on them needs no walk when nothing is near it. */
gsize                 gloss_json_doc_get_longest_string  (GlossJsonDoc         *doc);

GlossJsonType         gloss_json_value_get_type          (const GlossJsonValue *value);
/* What @value is, translated, for "expected a string, not a number". */
const char           *gloss_json_value_describe_type     (const GlossJsonValue *value);
gboolean              gloss_json_value_get_boolean       (const GlossJsonValue *value);
gint64                gloss_json_value_get_int           (const GlossJsonValue *value);
/* Also accepts an INTEGER, converted. */
double                gloss_json_value_get_double        (const GlossJsonValue *value);
/* Whether @value is a number written as a whole number (no '.', 'e' or
 * 'E') that gloss_json_value_get_double() cannot give exactly: past 2^53 a
 * double holds only some whole numbers, and 9007199254740993 reads as
 * 9007199254740992. A reader that keeps numbers as doubles warns with it. */
gboolean              gloss_json_value_is_rounded        (const GlossJsonValue *value);
/* NUL-terminated, valid UTF-8, owned by the document. */
const char           *gloss_json_value_get_string        (const GlossJsonValue *value);
/* In bytes, without the terminating NUL. */
gsize                 gloss_json_value_get_string_length (const GlossJsonValue *value);

/* Elements of an array, members of an object. */
guint                 gloss_json_value_get_length        (const GlossJsonValue *value);
const GlossJsonValue *gloss_json_value_get_element       (const GlossJsonValue *array,
                                                          guint                 index);
/* Members are kept in file order. */
const char           *gloss_json_value_get_member_name   (const GlossJsonValue *object,
                                                          guint                 index);
const GlossJsonValue *gloss_json_value_get_member_value  (const GlossJsonValue *object,
                                                          guint                 index);
/* %NULL if @object has no member @name. */
const GlossJsonValue *gloss_json_value_lookup            (const GlossJsonValue *object,
                                                          const char           *name);

/* A deep copy as a json-glib tree, e.g. to keep unknown members on save:
 * integers as G_TYPE_INT64, doubles as G_TYPE_DOUBLE, members in order. */
JsonNode             *gloss_json_value_to_node           (const GlossJsonValue *value);

/* @object's member @name when it is of @type; %NULL when @object is no
 * object (or %NULL), has no such member, or it is of another type. */
const GlossJsonValue *gloss_json_value_lookup_typed      (const GlossJsonValue *object,
                                                          const char           *name,
                                                          GlossJsonType         type);
/* The same for a string member, as its text. */
const char           *gloss_json_value_lookup_string     (const GlossJsonValue *object,
                                                          const char           *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossJsonDoc, gloss_json_doc_free)

G_END_DECLS
