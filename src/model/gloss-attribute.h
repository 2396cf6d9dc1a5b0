/* gloss-attribute.h — one attribute of a span, or one field of an article,
 * as a label set declares it: its type, its values and what a value may be
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "gloss-json-reader.h"
#include "gloss-json-writer.h"

G_BEGIN_DECLS

typedef enum
{
  GLOSS_ATTRIBUTE_CHOICE,   /* one of its values ("s"), or several ("as") if multiple */
  GLOSS_ATTRIBUTE_BOOLEAN,  /* "b" */
  GLOSS_ATTRIBUTE_TEXT,     /* "s", matching the pattern if there is one */
  GLOSS_ATTRIBUTE_NUMBER,   /* "d", finite, within min and max */
} GlossAttributeType;

GType gloss_attribute_type_get_type (void) G_GNUC_CONST;
#define GLOSS_TYPE_ATTRIBUTE_TYPE (gloss_attribute_type_get_type ())

/* "choice", "boolean", "text", "number": the words of gloss-labels.json */
const char *gloss_attribute_type_to_string   (GlossAttributeType  type);
gboolean    gloss_attribute_type_from_string (const char         *str,
                                              GlossAttributeType *type);

#define GLOSS_TYPE_ATTRIBUTE (gloss_attribute_get_type ())
G_DECLARE_FINAL_TYPE (GlossAttribute, gloss_attribute, GLOSS, ATTRIBUTE, GObject)

/* All properties are construct-only: a label set never changes once made.
 *
 * "applies-to" (GStrv) lists label ids and "kind:…" entries, as in the
 * file; a document field has none (NULL). "choices" is a GVariant of type
 * "a(ssu)": each value's id, name and key (0 for none). "minimum" and
 * "maximum" are -INFINITY and INFINITY when the file gives no bound;
 * "pattern" is NULL when it gives none. "default-value" is NULL when the
 * file gives no default. */
const char          *gloss_attribute_get_id            (GlossAttribute *self);
/* The name shown in the app; the id when the file gives none. */
const char          *gloss_attribute_get_name          (GlossAttribute *self);
GlossAttributeType   gloss_attribute_get_value_type    (GlossAttribute *self);
/* NULL-terminated, owned by @self; NULL for a document field. */
const char * const  *gloss_attribute_get_applies_to    (GlossAttribute *self);
gboolean             gloss_attribute_get_required      (GlossAttribute *self);
gboolean             gloss_attribute_get_multiple      (GlossAttribute *self);
/* A single printable character (lower case for letters), or 0. */
gunichar             gloss_attribute_get_shortcut      (GlossAttribute *self);
/* (transfer none) (nullable) */
GVariant            *gloss_attribute_get_default_value (GlossAttribute *self);
const char          *gloss_attribute_get_pattern       (GlossAttribute *self);
double               gloss_attribute_get_minimum       (GlossAttribute *self);
double               gloss_attribute_get_maximum       (GlossAttribute *self);

/* The values of a choice attribute, in file order (none for other types). */
guint                gloss_attribute_get_n_choices     (GlossAttribute *self);
const char          *gloss_attribute_get_choice_id     (GlossAttribute *self,
                                                        guint           index);
/* Its name, or its id when the file gives none. */
const char          *gloss_attribute_get_choice_name   (GlossAttribute *self,
                                                        guint           index);
gunichar             gloss_attribute_get_choice_key    (GlossAttribute *self,
                                                        guint           index);
/* The index of the value @id, or -1. */
int                  gloss_attribute_lookup_choice     (GlossAttribute *self,
                                                        const char     *id);
/* The index of the value picked by @key (either case), or -1. */
int                  gloss_attribute_lookup_choice_key (GlossAttribute *self,
                                                        gunichar        key);

/* The GVariant type a value of @self has: "b", "s", "d" or "as". */
const GVariantType  *gloss_attribute_get_variant_type  (GlossAttribute *self);

/* Whether @value may be stored for @self; if not, @error
 * (GLOSS_ERROR_INVALID) says why in a sentence naming the attribute and the
 * value. A NULL @value (or an empty list, where several values are
 * allowed) is "not set": allowed unless the attribute is
 * required. */
gboolean             gloss_attribute_check_value       (GlossAttribute *self,
                                                        GVariant       *value,
                                                        GError        **error);
/* Whether @value may replace @held, the value a span or an article holds
 * for @self: gloss_attribute_check_value(), except that of a list, the
 * values @held has already and the label set no longer lists stay, each
 * once (kept as the sidecar reader keeps them), so that adding or taking
 * away another value is not refused. */
gboolean             gloss_attribute_check_change      (GlossAttribute *self,
                                                        GVariant       *held,
                                                        GVariant       *value,
                                                        GError        **error);

/* A value as the strict JSON reader hands it over, whatever the attribute:
 * true/false → "b", a string → "s", a number → "d", an array of strings →
 * "as". Anything else (null, an object, an array holding something other
 * than strings) is GLOSS_ERROR_INVALID. The value is not checked against
 * an attribute (gloss_attribute_check_value() does that), so a sidecar can
 * keep a value its label set no longer allows. Returns a floating-free
 * (full) reference. */
GVariant            *gloss_attribute_value_from_json   (const GlossJsonValue *node,
                                                        GError              **error);
/* The warning for a number @node wrote as a whole number past 2^53 that
 * gloss_attribute_value_from_json() could only read as the nearest double
 * (gloss_json_value_is_rounded()), saying the number kept; NULL when the
 * number is exact, or @node is no number. A reader puts it where the
 * value is, so nothing changes unsaid. */
char                *gloss_attribute_describe_rounding (const GlossJsonValue *node);
/* The JSON for a value of one of those four types, for gloss-json-writer:
 * a number without a fraction (up to 2^53) is written as an integer, so
 * that "3" reads back and saves as "3". NULL for any other type, and for
 * a number that is not finite (JSON has no NaN). */
JsonNode            *gloss_attribute_value_to_json     (GVariant             *value);
/* Appends the text gloss_json_write_node() makes of
 * gloss_attribute_value_to_json() at @indent (the nesting of the member
 * it is the value of, in spaces), for a writer that prints straight into
 * a GString (gloss-sidecar-snapshot.c): byte for byte the tree writer's.
 * FALSE, and nothing appended, when @value cannot be written. */
gboolean             gloss_attribute_value_write       (GString              *out,
                                                        GVariant             *value,
                                                        guint                 indent);
/* Whether @value (nullable) is a value at all: FALSE for NULL and for an
 * empty list, which sidecars and gloss_attribute_check_value() read as
 * "not set". What "a required attribute is missing" asks. */
gboolean             gloss_attribute_value_is_set      (GVariant             *value);
/* A value as a person reads it in a message: true, false, “mixed”, 0.5,
 * “a”, “b”. */
char                *gloss_attribute_describe_value    (GVariant             *value);

G_END_DECLS
