/* gloss-sidecar-reader.c — reading and checking sidecar bytes (format v1)
 *
 * The reader never stops at the first problem: a person fixing a file by
 * hand wants the whole list, each with the JSON path of the value at fault
 * ("annotations[12].end"). Paths are only formatted when there is something
 * to report, so a clean 10,000-annotation file costs no string building.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE  /* memmem */
#endif
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "gloss-annotation.h"
#include "gloss-annotation-private.h"
#include "gloss-attribute.h"
#include "gloss-attribute-rules.h"
#include "gloss-document-private.h"
#include "gloss-json-reader.h"
#include "gloss-problem.h"
#include "gloss-relation.h"
#include "gloss-sidecar-reader.h"

/* Where a value sits: "section", "section.member", "section[index]" or
 * "section[index].member". Formatted only when reported. */
typedef struct
{
  const char *section;
  gint        index;    /* -1: none */
  const char *member;   /* NULL: none */
} Where;

#define AT(section)                  ((Where) { section, -1, NULL })
#define AT_MEMBER(section, member)   ((Where) { section, -1, member })
#define AT_ITEM(section, index)      ((Where) { section, (gint) (index), NULL })

static Where
with_member (Where       where,
             const char *member)
{
  where.member = member;
  return where;
}

static char *
format_where (Where where)
{
  GString *out = g_string_new (where.section);

  if (where.index >= 0)
    g_string_append_printf (out, "[%d]", where.index);
  if (where.member != NULL)
    {
      if (out->len > 0)
        g_string_append_c (out, '.');
      g_string_append (out, where.member);
    }

  return g_string_free (out, FALSE);
}

static const char * const top_level_keys[] = {
  "format", "version", "document", "annotator", "done", "document_labels", "annotations",
  "relations", NULL
};
static const char * const document_keys[] = { "file", "sha256", "length", NULL };
static const char * const annotator_keys[] = { "id", "name", NULL };
static const char * const annotation_keys[] = {
  "id", "label", "start", "end", "exact", "prefix", "suffix", "note",
  "created", "modified", "orphaned", "attributes", NULL
};
static const char * const relation_keys[] = { "id", "type", "from", "to", NULL };

/* Reporting
 * ------------------------------------------------------------------------ */

G_GNUC_PRINTF (5, 0)
static void
add_problem (GlossSidecarReader *reader,
             GlossSeverity       severity,
             GlossError          code,
             const char         *location,
             const char         *format,
             va_list             args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);

  if (severity == GLOSS_SEVERITY_ERROR && reader->n_errors++ == 0)
    reader->error_code = code;

  g_ptr_array_add (reader->problems,
                   gloss_problem_new (severity, reader->display_name, location, message));
}

G_GNUC_PRINTF (5, 6)
static void
report (GlossSidecarReader *reader,
        GlossSeverity       severity,
        GlossError          code,
        Where               where,
        const char         *format,
        ...)
{
  g_autofree char *location = format_where (where);
  va_list args;

  va_start (args, format);
  add_problem (reader, severity, code, location[0] != '\0' ? location : NULL, format, args);
  va_end (args);
}

#define error_at(reader, where, ...) \
  report (reader, GLOSS_SEVERITY_ERROR, GLOSS_ERROR_INVALID, where, __VA_ARGS__)

/* Reported at a place in the file rather than at a JSON path. */
G_GNUC_PRINTF (4, 5)
static void
report_at_text (GlossSidecarReader *reader,
                GlossError          code,
                const char         *location,
                const char         *format,
                ...)
{
  va_list args;

  va_start (args, format);
  add_problem (reader, GLOSS_SEVERITY_ERROR, code, location, format, args);
  va_end (args);
}

/* A number from the file, which may be anything a gint64 holds, printed
 * apart so that the translatable message holds a plain %s: xgettext cannot
 * see through G_GINT64_FORMAT and would cut the message short at "%". */
static char *
int64_text (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

/* A value from the file or the article, made safe to quote in a one-line
 * message: control characters escaped, at most 40 characters. */
#define QUOTE_MAX_CHARS 40

static char *
quote_value (const char *value)
{
  GString *out = g_string_new (NULL);
  guint n = 0;

  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (n == QUOTE_MAX_CHARS)
        {
          g_string_append (out, "…");
          break;
        }

      if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static const char *
describe_type (const GlossJsonValue *value)
{
  if (value == NULL)
    return _("missing");

  return gloss_json_value_describe_type (value);
}

/* Small checks
 * ------------------------------------------------------------------------ */

/* Here rather than in gloss-sidecar.c: it is a rule of the format, which
 * the reader checks and the rest of Gloss asks about. */
gboolean
gloss_annotator_id_is_valid (const char *id)
{
  if (id == NULL || id[0] == '\0' || strlen (id) > GLOSS_SIDECAR_MAX_ID)
    return FALSE;

  if (!g_ascii_islower (id[0]) && !g_ascii_isdigit (id[0]))
    return FALSE;

  for (const char *p = id + 1; *p != '\0'; p++)
    {
      if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '_' && *p != '-')
        return FALSE;
    }

  return TRUE;
}

char *
gloss_annotator_file_build_name (const char *article_name,
                                 const char *annotator_id,
                                 const char *suffix)
{
  g_return_val_if_fail (article_name != NULL, NULL);
  g_return_val_if_fail (gloss_annotator_id_is_valid (annotator_id), NULL);

  return g_strconcat (article_name, ".", annotator_id, suffix, NULL);
}

gboolean
gloss_annotator_file_parse_name (const char  *name,
                                 const char  *suffix,
                                 char       **article_name,
                                 char       **annotator_id)
{
  g_autofree char *stem = NULL;
  const char *dot;

  if (name == NULL || !g_str_has_suffix (name, suffix))
    return FALSE;

  stem = g_strndup (name, strlen (name) - strlen (suffix));
  dot = strrchr (stem, '.');
  if (dot == NULL || dot == stem || !gloss_annotator_id_is_valid (dot + 1))
    return FALSE;

  if (article_name != NULL)
    *article_name = g_strndup (stem, dot - stem);
  if (annotator_id != NULL)
    *annotator_id = g_strdup (dot + 1);

  return TRUE;
}

/* A file name with no folder part: what document.file may hold. */
static gboolean
is_bare_file_name (const char *name)
{
  return name[0] != '\0'
         && strchr (name, '/') == NULL
         && strchr (name, '\\') == NULL
         && strcmp (name, ".") != 0
         && strcmp (name, "..") != 0;
}

static gboolean
is_sha256_hex (const char *str)
{
  if (strlen (str) != 64)
    return FALSE;

  for (const char *p = str; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
        return FALSE;
    }

  return TRUE;
}

static gboolean
digits_in_range (const char *p,
                 guint       n,
                 guint       min,
                 guint       max)
{
  guint value = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (p[i]))
        return FALSE;
      value = value * 10 + (p[i] - '0');
    }

  return value >= min && value <= max;
}

/* "2026-11-26T10:00:00Z", the form Gloss writes, is recognised without
 * GDateTime (20,000 timestamps in a big file); other ISO 8601 forms with a
 * time zone are still accepted through it. */
static gboolean
is_valid_timestamp (const char *str)
{
  g_autoptr(GDateTime) parsed = NULL;

  if (strlen (str) == 20 && str[4] == '-' && str[7] == '-' && str[10] == 'T'
      && str[13] == ':' && str[16] == ':' && str[19] == 'Z'
      && digits_in_range (str, 4, 1, 9999)
      && digits_in_range (str + 5, 2, 1, 12)
      && digits_in_range (str + 8, 2, 1, 31)
      && digits_in_range (str + 11, 2, 0, 23)
      && digits_in_range (str + 14, 2, 0, 59)
      && digits_in_range (str + 17, 2, 0, 59))
    return TRUE;

  parsed = g_date_time_new_from_iso8601 (str, NULL);
  return parsed != NULL;
}

/* Copies of the members of @object that are not in @known, or NULL. */
static JsonObject *
collect_extra (const GlossJsonValue *object,
               const char * const   *known)
{
  guint n = gloss_json_value_get_length (object);
  guint n_known = g_strv_length ((char **) known);
  JsonObject *extra = NULL;

  for (guint i = 0; i < n; i++)
    {
      const char *name = gloss_json_value_get_member_name (object, i);

      /* Files Gloss wrote have the known members in order: one compare. */
      if ((i < n_known && strcmp (known[i], name) == 0) || g_strv_contains (known, name))
        continue;
      if (extra == NULL)
        extra = json_object_new ();
      json_object_set_member (extra, name,
                              gloss_json_value_to_node (gloss_json_value_get_member_value (object, i)));
    }

  return extra;
}

/* Typed member access: each reports a located problem and returns FALSE
 * when the member is missing (and required) or of the wrong type. */

static gboolean
get_string (GlossSidecarReader    *reader,
            const GlossJsonValue  *object,
            Where                  where,
            const char            *member,
            gboolean               required,
            const char           **out)
{
  const GlossJsonValue *value = gloss_json_value_lookup (object, member);

  *out = NULL;

  if (value == NULL)
    {
      if (required)
        error_at (reader, with_member (where, member), _("missing"));
      return !required;
    }

  if (gloss_json_value_get_type (value) != GLOSS_JSON_STRING)
    {
      error_at (reader, with_member (where, member), _("must be a string, not %s"),
                describe_type (value));
      return FALSE;
    }

  *out = gloss_json_value_get_string (value);
  return TRUE;
}

static gboolean
get_integer (GlossSidecarReader   *reader,
             const GlossJsonValue *object,
             Where                 where,
             const char           *member,
             gint64               *out)
{
  const GlossJsonValue *value = gloss_json_value_lookup (object, member);

  *out = 0;

  if (value == NULL)
    {
      error_at (reader, with_member (where, member), _("missing"));
      return FALSE;
    }

  if (gloss_json_value_get_type (value) != GLOSS_JSON_INTEGER)
    {
      error_at (reader, with_member (where, member), _("must be an integer, not %s"),
                describe_type (value));
      return FALSE;
    }

  *out = gloss_json_value_get_int (value);
  return TRUE;
}

static const GlossJsonValue *
get_container (GlossSidecarReader   *reader,
               const GlossJsonValue *root,
               const char           *member,
               GlossJsonType         type,
               gboolean              required)
{
  const GlossJsonValue *value = gloss_json_value_lookup (root, member);

  if (value == NULL)
    {
      if (required)
        error_at (reader, AT (member), _("missing"));
      return NULL;
    }

  if (gloss_json_value_get_type (value) != type)
    {
      error_at (reader, AT (member),
                type == GLOSS_JSON_OBJECT ? _("must be an object, not %s")
                                          : _("must be an array, not %s"),
                describe_type (value));
      return NULL;
    }

  return value;
}

/* Every string and every member name, anywhere in the file, must fit the
 * limit. @path holds the names and indexes above @value, for the message. */
typedef struct
{
  const char *name;   /* or NULL for an array index */
  guint       index;
} PathStep;

static char *
format_path (const PathStep *path,
             guint           depth)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    {
      if (path[i].name == NULL)
        g_string_append_printf (out, "[%u]", path[i].index);
      else
        {
          if (out->len > 0)
            g_string_append_c (out, '.');
          g_string_append (out, path[i].name);
        }
    }

  return g_string_free (out, FALSE);
}

static void
check_size (GlossSidecarReader *reader,
            gsize               length,
            gboolean            is_name,
            const PathStep     *path,
            guint               depth)
{
  g_autofree char *location = NULL;

  if (length <= GLOSS_SIDECAR_MAX_STRING)
    return;

  location = format_path (path, depth);
  /* Plain %lu rather than G_GSIZE_FORMAT inside the message: xgettext
   * cannot see through the macro and would cut the message short. */
  report_at_text (reader, GLOSS_ERROR_TOO_LARGE, location[0] ? location : NULL,
                  is_name
                  ? g_dngettext (GETTEXT_PACKAGE,
                                 "a member name of %lu byte is longer than the limit of %d KiB",
                                 "a member name of %lu bytes is longer than the limit of %d KiB",
                                 length)
                  : g_dngettext (GETTEXT_PACKAGE,
                                 "a string of %lu byte is longer than the limit of %d KiB",
                                 "a string of %lu bytes is longer than the limit of %d KiB",
                                 length),
                  (unsigned long) length, GLOSS_SIDECAR_MAX_STRING / 1024);
}

static void
check_string_sizes (GlossSidecarReader   *reader,
                    const GlossJsonValue *value,
                    PathStep             *path,
                    guint                 depth)
{
  GlossJsonType type = gloss_json_value_get_type (value);
  guint n;

  if (type == GLOSS_JSON_STRING)
    {
      check_size (reader, gloss_json_value_get_string_length (value), FALSE, path, depth);
      return;
    }

  if (type != GLOSS_JSON_OBJECT && type != GLOSS_JSON_ARRAY)
    return;

  /* The parser's depth limit keeps @depth within GLOSS_SIDECAR_MAX_DEPTH. */
  g_assert (depth < GLOSS_SIDECAR_MAX_DEPTH + 1);

  n = gloss_json_value_get_length (value);
  for (guint i = 0; i < n; i++)
    {
      if (type == GLOSS_JSON_OBJECT)
        {
          path[depth].name = gloss_json_value_get_member_name (value, i);
          check_size (reader, strlen (path[depth].name), TRUE, path, depth + 1);
          check_string_sizes (reader, gloss_json_value_get_member_value (value, i), path, depth + 1);
        }
      else
        {
          path[depth].name = NULL;
          path[depth].index = i;
          check_string_sizes (reader, gloss_json_value_get_element (value, i), path, depth + 1);
        }
    }
}

/* The parts of the file
 * ------------------------------------------------------------------------ */

typedef struct
{
  GlossSidecarReader *reader;
  guint               stated_length;    /* document.length: bounds old offsets */
  GHashTable         *annotation_ids;   /* id → its label, or NULL if broken */
  GHashTable         *relation_ids;
  GlossDocumentCursor cursor;          /* where the last span checked starts */
} Checks;

static void
check_header (Checks               *checks,
              const GlossJsonValue *root)
{
  GlossSidecarReader *reader = checks->reader;
  const char *format = NULL;
  g_autofree char *number = NULL;
  gint64 version;

  if (get_string (reader, root, AT (""), "format", TRUE, &format)
      && strcmp (format, GLOSS_SIDECAR_FORMAT) != 0)
    {
      g_autofree char *quoted = quote_value (format);
      error_at (reader, AT ("format"),
                _("“%s” is not “gloss”: this is not a Gloss sidecar"), quoted);
    }

  if (!get_integer (reader, root, AT (""), "version", &version))
    return;

  reader->version = version;
  number = int64_text (version);
  if (version < 1)
    error_at (reader, AT ("version"),
              /* Translators: %s is a number */
              _("%s is not a valid format version"), number);
  else if (version > GLOSS_SIDECAR_VERSION)
    report (reader, GLOSS_SEVERITY_WARNING, GLOSS_ERROR_READ_ONLY, AT ("version"),
            /* Translators: %s is the file's format version, %d ours */
            _("format version %s is newer than this Gloss understands (%d): opened read-only"),
            number, GLOSS_SIDECAR_VERSION);
}

static void
check_document_file (Checks     *checks,
                     const char *file)
{
  GlossSidecarReader *reader = checks->reader;
  const char *article = gloss_document_get_name (reader->document);
  g_autofree char *quoted = quote_value (file);

  if (!is_bare_file_name (file))
    error_at (reader, AT ("document.file"),
              _("“%s” is not a bare file name in the sidecar’s folder"), quoted);
  else if (strcmp (file, article) != 0)
    error_at (reader, AT ("document.file"),
              _("names “%s”, but this sidecar belongs to “%s”"), quoted, article);
}

static void
check_document_length (Checks *checks,
                       gint64  length)
{
  GlossSidecarReader *reader = checks->reader;
  guint actual = gloss_document_get_length (reader->document);

  if (length < 0 || length > G_MAXINT32)
    {
      g_autofree char *number = int64_text (length);

      /* Translators: %s is a number */
      error_at (reader, AT ("document.length"), _("%s is not a valid length"), number);
      return;
    }

  /* Same bytes, so the article's own length is the truth; a wrong stated
   * length (e.g. counted in UTF-16) is reported, not used. */
  checks->stated_length = reader->hash_matches ? actual : (guint) length;

  /* length is within 0..G_MAXINT32 here, so it prints as a guint. */
  if (reader->hash_matches && length != actual)
    report (reader, GLOSS_SEVERITY_ERROR, GLOSS_ERROR_INCONSISTENT, AT ("document.length"),
            g_dngettext (GETTEXT_PACKAGE,
                         "%u does not match the article (%u code point)",
                         "%u does not match the article (%u code points)",
                         actual),
            (guint) length, actual);
}

static void
check_document (Checks               *checks,
                const GlossJsonValue *root)
{
  GlossSidecarReader *reader = checks->reader;
  const GlossJsonValue *object;
  const char *file = NULL;
  const char *sha256 = NULL;
  gint64 length;

  object = get_container (reader, root, "document", GLOSS_JSON_OBJECT, TRUE);
  if (object == NULL)
    return;

  reader->document_extra = collect_extra (object, document_keys);

  if (get_string (reader, object, AT ("document"), "file", TRUE, &file))
    check_document_file (checks, file);

  if (get_string (reader, object, AT ("document"), "sha256", TRUE, &sha256))
    {
      if (!is_sha256_hex (sha256))
        {
          g_autofree char *quoted = quote_value (sha256);
          error_at (reader, AT ("document.sha256"),
                    _("“%s” is not 64 lowercase hexadecimal digits"), quoted);
        }
      else
        reader->hash_matches =
          strcmp (sha256, gloss_document_get_sha256 (reader->document)) == 0;
    }

  if (get_integer (reader, object, AT ("document"), "length", &length))
    check_document_length (checks, length);
}

static void
check_annotator (Checks               *checks,
                 const GlossJsonValue *root)
{
  GlossSidecarReader *reader = checks->reader;
  const GlossJsonValue *object;
  const char *id = NULL;
  const char *name = NULL;

  object = get_container (reader, root, "annotator", GLOSS_JSON_OBJECT, TRUE);
  if (object == NULL)
    return;

  reader->annotator_extra = collect_extra (object, annotator_keys);

  if (get_string (reader, object, AT ("annotator"), "id", TRUE, &id))
    {
      g_autofree char *quoted = quote_value (id);

      if (!gloss_annotator_id_is_valid (id))
        error_at (reader, AT ("annotator.id"),
                  _("“%s” is not a valid annotator id (lowercase letters, digits, “-” and “_”)"),
                  quoted);
      else if (reader->expected_annotator != NULL && strcmp (id, reader->expected_annotator) != 0)
        error_at (reader, AT ("annotator.id"),
                  _("“%s” does not match the file name, which is for “%s”"),
                  quoted, reader->expected_annotator);
      else
        reader->annotator_id = g_strdup (id);
    }

  if (get_string (reader, object, AT ("annotator"), "name", FALSE, &name) && name != NULL)
    reader->annotator_name = g_strdup (name);
}

static gboolean
check_id (GlossSidecarReader *reader,
          Where               where,
          const char         *id,
          GHashTable         *seen)
{
  if (id[0] == '\0' || strlen (id) > GLOSS_SIDECAR_MAX_ID)
    {
      report (reader, GLOSS_SEVERITY_ERROR,
              id[0] == '\0' ? GLOSS_ERROR_INVALID : GLOSS_ERROR_TOO_LARGE, where,
              g_dngettext (GETTEXT_PACKAGE,
                           "must be 1 to %d character long",
                           "must be 1 to %d characters long",
                           GLOSS_SIDECAR_MAX_ID),
              GLOSS_SIDECAR_MAX_ID);
      return FALSE;
    }

  if (g_hash_table_contains (seen, id))
    {
      g_autofree char *quoted = quote_value (id);
      error_at (reader, where, _("“%s” is used twice"), quoted);
      return FALSE;
    }

  return TRUE;
}

/* Offsets of one annotation against the article they were made on. */
static gboolean
check_bounds (Checks   *checks,
              Where     where,
              gint64    start,
              gint64    end,
              gboolean  orphaned)
{
  GlossSidecarReader *reader = checks->reader;
  gboolean ok = TRUE;

  /* The offsets are printed apart (int64_text) so that the messages hold
   * a plain %s: xgettext cannot see through G_GINT64_FORMAT. */
  if (start < 0)
    {
      g_autofree char *number = int64_text (start);

      /* Translators: %s is a number */
      error_at (reader, with_member (where, "start"), _("%s is negative"), number);
      ok = FALSE;
    }
  if (end < 0)
    {
      g_autofree char *number = int64_text (end);

      /* Translators: %s is a number */
      error_at (reader, with_member (where, "end"), _("%s is negative"), number);
      ok = FALSE;
    }
  if (!ok)
    return FALSE;

  if (start > G_MAXINT32 || end > G_MAXINT32)
    {
      g_autofree char *from = int64_text (start);
      g_autofree char *to = int64_text (end);

      /* Translators: two character offsets, "offsets 3–4000000000 are too large" */
      error_at (reader, where, _("offsets %s–%s are too large"), from, to);
      return FALSE;
    }

  /* Within 0..G_MAXINT32 from here on: guints. An orphan's offsets are
   * where it last was, in an older article. */
  if (!orphaned && end > (gint64) checks->stated_length)
    {
      error_at (reader, with_member (where, "end"),
                g_dngettext (GETTEXT_PACKAGE,
                             "%u is past the end of the article (%u code point)",
                             "%u is past the end of the article (%u code points)",
                             checks->stated_length),
                (guint) end, checks->stated_length);
      return FALSE;
    }

  if (start > end)
    {
      error_at (reader, where, _("start %u is after end %u"), (guint) start, (guint) end);
      return FALSE;
    }

  if (start == end)
    {
      /* Translators: two character offsets, "the span 7–7 is empty" */
      error_at (reader, where, _("the span %u–%u is empty"), (guint) start, (guint) end);
      return FALSE;
    }

  return TRUE;
}

/* With the article unchanged, the stored text must be what is there, and a
 * span may not split a grapheme cluster. */
static void
check_against_article (Checks     *checks,
                       Where       where,
                       guint       start,
                       guint       end,
                       const char *exact)
{
  GlossSidecarReader *reader = checks->reader;
  GlossDocument *document = reader->document;
  gboolean start_ok, end_ok, matches;

  /* check_bounds() made sure of start < end <= the length. */
  gloss_document_check_span (document, &checks->cursor, start, end, exact, strlen (exact),
                             &start_ok, &end_ok, &matches);

  if (!start_ok)
    error_at (reader, with_member (where, "start"),
              _("%u is inside a grapheme cluster (a character and its combining marks, or an emoji sequence)"),
              start);
  if (!end_ok)
    error_at (reader, with_member (where, "end"),
              _("%u is inside a grapheme cluster (a character and its combining marks, or an emoji sequence)"),
              end);

  if (!matches)
    {
      g_autofree char *actual = gloss_document_dup_slice (document, start, end);
      g_autofree char *quoted = quote_value (actual);

      report (reader, GLOSS_SEVERITY_ERROR, GLOSS_ERROR_INCONSISTENT, with_member (where, "exact"),
              _("does not match the article at %u–%u, which reads “%s”"),
              start, end, quoted);
    }
}

static void
check_timestamp (GlossSidecarReader *reader,
                 Where               where,
                 const char         *value)
{
  g_autofree char *quoted = NULL;

  if (value == NULL || is_valid_timestamp (value))
    return;

  quoted = quote_value (value);
  error_at (reader, where,
            _("“%s” is not an ISO 8601 date and time with a time zone"), quoted);
}

/* An optional true/false member ("orphaned", the top-level "done"):
 * missing is FALSE; anything but a boolean is a located error. */
static gboolean
get_flag (GlossSidecarReader   *reader,
          const GlossJsonValue *object,
          Where                 where,
          const char           *member)
{
  const GlossJsonValue *value = gloss_json_value_lookup (object, member);

  if (value == NULL)
    return FALSE;

  if (gloss_json_value_get_type (value) != GLOSS_JSON_BOOLEAN)
    {
      error_at (reader, with_member (where, member), _("must be true or false, not %s"),
                describe_type (value));
      return FALSE;
    }

  return gloss_json_value_get_boolean (value);
}

/* Attributes and document labels
 * ------------------------------------------------------------------------ */

typedef struct
{
  const char *id;
  GVariant   *value;
} AttributeEntry;

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (((const AttributeEntry *) a)->id, ((const AttributeEntry *) b)->id);
}

/* Judges @value of attribute @id on a span labelled @label (NULL for an
 * article field, @document_labels) by the label set, with the rule the
 * importers share (gloss_label_set_check_attribute_value()), so that a
 * value a brat or JSON Lines import keeps with a warning loads with the
 * same warning, and one it takes without a word loads without one.
 * Anything but an allowed value is a warning at @where: the value is kept. */
static void
check_attribute_value (GlossSidecarReader *reader,
                       Where               where,
                       const char         *id,
                       gboolean            document_labels,
                       const char         *label,
                       GVariant           *value)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *quoted = NULL;
  g_autofree char *quoted_label = NULL;

  switch (gloss_label_set_check_attribute_value (reader->labels, id, document_labels, label,
                                                 value, NULL, &error))
    {
    case GLOSS_ATTRIBUTE_VALUE_ALLOWED:
      break;
    case GLOSS_ATTRIBUTE_VALUE_UNDECLARED:
      quoted = quote_value (id);
      report (reader, GLOSS_SEVERITY_WARNING, GLOSS_ERROR_NOT_FOUND, where,
              document_labels
              ? _("“%s” is not an article field of the label set; kept")
              : _("“%s” is not an attribute of the label set; kept"),
              quoted);
      break;
    case GLOSS_ATTRIBUTE_VALUE_NOT_APPLICABLE:
      quoted = quote_value (id);
      quoted_label = quote_value (label);
      report (reader, GLOSS_SEVERITY_WARNING, GLOSS_ERROR_INVALID, where,
              /* Translators: the first %s is an attribute, the second a label */
              _("the attribute “%s” does not apply to the label “%s”; kept"),
              quoted, quoted_label);
      break;
    case GLOSS_ATTRIBUTE_VALUE_NOT_ALLOWED:
      report (reader, GLOSS_SEVERITY_WARNING, GLOSS_ERROR_INVALID, where,
              /* Translators: %s is a sentence saying why a value is not allowed */
              _("%s; kept"), error->message);
      break;
    }
}

/* The object @member of @object ("attributes" of an annotation, the
 * top-level "document_labels"): id → true/false, a string, a number or a
 * list of strings. A member of another JSON type is an error; a value the
 * label set does not declare or allow is a warning and kept (another tool
 * or label set made it). @label: the annotation's, for "applies_to"
 * (NULL for document labels, or when the label is missing). Returns the
 * values as a sorted "a{sv}" (NULL for none; an empty list is no value),
 * or NULL when the reader only checks. */
static GVariant *
read_attribute_map (GlossSidecarReader   *reader,
                    const GlossJsonValue *object,
                    Where                 where,
                    const char           *member,
                    gboolean              document_labels,
                    const char           *label)
{
  const GlossJsonValue *map = gloss_json_value_lookup (object, member);
  g_autoptr(GArray) entries = NULL;
  GVariantBuilder builder;
  guint n;

  if (map == NULL)
    return NULL;

  if (gloss_json_value_get_type (map) != GLOSS_JSON_OBJECT)
    {
      error_at (reader, with_member (where, member), _("must be an object, not %s"),
                describe_type (map));
      return NULL;
    }

  n = gloss_json_value_get_length (map);
  entries = g_array_sized_new (FALSE, FALSE, sizeof (AttributeEntry), n);
  for (guint i = 0; i < n; i++)
    {
      const char *id = gloss_json_value_get_member_name (map, i);
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_strconcat (member, ".", id, NULL);
      Where at = with_member (where, path);
      g_autoptr(GVariant) value = gloss_attribute_value_from_json (gloss_json_value_get_member_value (map, i),
                                                                   &error);
      g_autofree char *rounded = gloss_attribute_describe_rounding (gloss_json_value_get_member_value (map, i));

      if (value == NULL)
        {
          error_at (reader, at, "%s", error->message);
          continue;
        }
      if (rounded != NULL)
        report (reader, GLOSS_SEVERITY_WARNING, GLOSS_ERROR_INVALID, at, "%s", rounded);
      if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE)
          && !isfinite (g_variant_get_double (value)))
        {
          error_at (reader, at, _("the number is too large"));
          continue;
        }
      if (id[0] == '\0')
        {
          error_at (reader, at, _("an attribute id must not be empty"));
          continue;
        }

      if (reader->labels != NULL)
        check_attribute_value (reader, at, id, document_labels, label, value);

      if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY)
          && g_variant_n_children (value) == 0)
        continue;
      g_array_append_val (entries, ((AttributeEntry) { id, g_steal_pointer (&value) }));
    }

  if (reader->check_only || entries->len == 0)
    {
      for (guint i = 0; i < entries->len; i++)
        g_variant_unref (g_array_index (entries, AttributeEntry, i).value);
      return NULL;
    }

  /* Ids are unique (a duplicate member is an error of the JSON reader). */
  g_array_sort (entries, compare_entries);
  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  for (guint i = 0; i < entries->len; i++)
    {
      AttributeEntry *entry = &g_array_index (entries, AttributeEntry, i);

      g_variant_builder_add (&builder, "{sv}", entry->id, entry->value);
      g_variant_unref (entry->value);
    }

  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

typedef struct
{
  const char *id, *label, *exact, *prefix, *suffix, *note, *created, *modified;
  gint64      start, end;
  gboolean    orphaned;
  GVariant   *attributes;
} AnnotationFields;

static void
annotation_fields_clear (AnnotationFields *f)
{
  g_clear_pointer (&f->attributes, g_variant_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AnnotationFields, annotation_fields_clear)

static GlossAnnotation *
build_annotation (const AnnotationFields *f,
                  const GlossJsonValue   *object)
{
  GlossAnnotation *annotation =
    gloss_annotation_new_full (f->id, f->label, (guint) f->start, (guint) f->end,
                               f->exact, f->prefix, f->suffix, f->note,
                               f->created, f->modified);
  g_autoptr(JsonObject) extra = collect_extra (object, annotation_keys);

  if (f->orphaned)
    gloss_annotation_set_status (annotation, GLOSS_ANCHOR_ORPHANED);
  if (extra != NULL)
    gloss_annotation_set_extra (annotation, extra);
  if (f->attributes != NULL)
    gloss_annotation_take_attributes (annotation, g_variant_ref (f->attributes));

  return annotation;
}

/* Checks the annotation at @index; when it is valid, builds it into
 * reader->annotations (unless the reader only checks) and returns TRUE
 * with its id and label. */
static gboolean
parse_annotation (Checks               *checks,
                  const GlossJsonValue *object,
                  guint                 index,
                  const char          **id,
                  const char          **label)
{
  GlossSidecarReader *reader = checks->reader;
  Where where = AT_ITEM ("annotations", index);
  g_auto(AnnotationFields) f = { 0 };
  guint errors_before = reader->n_errors;
  gboolean ok = TRUE;

  if (gloss_json_value_get_type (object) != GLOSS_JSON_OBJECT)
    {
      error_at (reader, where, _("must be an object, not %s"), describe_type (object));
      return FALSE;
    }

  if (get_string (reader, object, where, "id", TRUE, &f.id))
    ok &= check_id (reader, with_member (where, "id"), f.id, checks->annotation_ids);

  if (get_string (reader, object, where, "label", TRUE, &f.label) && f.label[0] == '\0')
    error_at (reader, with_member (where, "label"), _("must not be empty"));

  ok &= get_integer (reader, object, where, "start", &f.start);
  ok &= get_integer (reader, object, where, "end", &f.end);
  get_string (reader, object, where, "exact", TRUE, &f.exact);
  get_string (reader, object, where, "prefix", FALSE, &f.prefix);
  get_string (reader, object, where, "suffix", FALSE, &f.suffix);
  get_string (reader, object, where, "note", FALSE, &f.note);
  if (get_string (reader, object, where, "created", FALSE, &f.created))
    check_timestamp (reader, with_member (where, "created"), f.created);
  if (get_string (reader, object, where, "modified", FALSE, &f.modified))
    check_timestamp (reader, with_member (where, "modified"), f.modified);
  f.orphaned = get_flag (reader, object, where, "orphaned");
  f.attributes = read_attribute_map (reader, object, where, "attributes", FALSE,
                                     f.label != NULL && f.label[0] != '\0' ? f.label : NULL);

  if (ok)
    ok = check_bounds (checks, where, f.start, f.end, f.orphaned);

  if (!ok || reader->n_errors > errors_before)
    return FALSE;

  if (reader->hash_matches && !f.orphaned)
    {
      check_against_article (checks, where, (guint) f.start, (guint) f.end, f.exact);
      if (reader->n_errors > errors_before)
        return FALSE;
    }

  if (reader->labels != NULL && gloss_label_set_lookup (reader->labels, f.label) == NULL)
    {
      g_autofree char *quoted = quote_value (f.label);
      report (reader, GLOSS_SEVERITY_WARNING, GLOSS_ERROR_NOT_FOUND, with_member (where, "label"),
              _("“%s” is not in the label set; kept as an unknown label"), quoted);
    }

  if (!reader->check_only)
    g_ptr_array_add (reader->annotations, build_annotation (&f, object));

  *id = f.id;
  *label = f.label;
  return TRUE;
}

static void
check_annotations (Checks               *checks,
                   const GlossJsonValue *root)
{
  GlossSidecarReader *reader = checks->reader;
  const GlossJsonValue *array;
  guint n;

  array = get_container (reader, root, "annotations", GLOSS_JSON_ARRAY, TRUE);
  if (array == NULL)
    return;

  n = gloss_json_value_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      const GlossJsonValue *element = gloss_json_value_get_element (array, i);
      const char *valid_id = NULL, *label = NULL;
      const GlossJsonValue *id;

      if (parse_annotation (checks, element, i, &valid_id, &label))
        {
          g_hash_table_insert (checks->annotation_ids, (gpointer) valid_id, (gpointer) label);
          continue;
        }

      /* Remember a broken annotation's id too, so relations to it are not
       * reported a second time. */
      id = gloss_json_value_get_type (element) == GLOSS_JSON_OBJECT
           ? gloss_json_value_lookup (element, "id") : NULL;
      if (id != NULL && gloss_json_value_get_type (id) == GLOSS_JSON_STRING
          && !g_hash_table_contains (checks->annotation_ids, gloss_json_value_get_string (id)))
        g_hash_table_insert (checks->annotation_ids,
                             (gpointer) gloss_json_value_get_string (id), NULL);
    }
}

static void
check_relation_end (Checks     *checks,
                    Where       where,
                    const char *target)
{
  g_autofree char *quoted = NULL;

  if (g_hash_table_contains (checks->annotation_ids, target))
    return;

  quoted = quote_value (target);
  error_at (checks->reader, where, _("“%s” is not the id of an annotation"), quoted);
}

/* A relation the label set's rule does not allow (a "speaker" that is a
 * place) may come from an older Gloss, another tool or a changed label
 * set: it is kept as the file has it, and pointed out. */
static void
check_relation_rule (Checks           *checks,
                     Where             where,
                     const char       *type,
                     GlossRelationEnd  end,
                     const char       *target)
{
  GlossSidecarReader *reader = checks->reader;
  const char *label = g_hash_table_lookup (checks->annotation_ids, target);
  g_autofree char *quoted = NULL;
  g_autofree char *label_name = NULL;
  g_autofree char *allowed = NULL;

  if (label == NULL)
    return;

  /* A label the set does not know is reported as such already; the rule
   * cannot tell more about it. */
  if (gloss_label_set_lookup (reader->labels, label) == NULL
      || gloss_label_set_relation_accepts (reader->labels, type, end, label))
    return;

  quoted = quote_value (target);
  label_name = gloss_label_set_describe_label (reader->labels, label);
  allowed = gloss_label_set_describe_relation_end (reader->labels, type, end);

  if (end == GLOSS_RELATION_FROM)
    /* Translators: “a-1” is labelled Person, but a “speaker” relation goes
     * from any quote; kept */
    report (reader, GLOSS_SEVERITY_WARNING, GLOSS_ERROR_INVALID, with_member (where, "from"),
            _("“%s” is labelled %s, but a “%s” relation goes from %s; kept"),
            quoted, label_name, type, allowed);
  else
    report (reader, GLOSS_SEVERITY_WARNING, GLOSS_ERROR_INVALID, with_member (where, "to"),
            _("“%s” is labelled %s, but a “%s” relation goes to %s; kept"),
            quoted, label_name, type, allowed);
}

static void
parse_relation (Checks               *checks,
                const GlossJsonValue *object,
                guint                 index)
{
  GlossSidecarReader *reader = checks->reader;
  Where where = AT_ITEM ("relations", index);
  const char *id = NULL, *type = NULL, *from = NULL, *to = NULL;
  guint errors_before = reader->n_errors;
  g_autoptr(JsonObject) extra = NULL;
  GlossRelation *relation;

  if (gloss_json_value_get_type (object) != GLOSS_JSON_OBJECT)
    {
      error_at (reader, where, _("must be an object, not %s"), describe_type (object));
      return;
    }

  /* remembered even if this relation is broken, so that a later duplicate
   * of its id is still reported */
  if (get_string (reader, object, where, "id", TRUE, &id)
      && check_id (reader, with_member (where, "id"), id, checks->relation_ids))
    g_hash_table_add (checks->relation_ids, (gpointer) id);

  get_string (reader, object, where, "type", TRUE, &type);
  if (get_string (reader, object, where, "from", TRUE, &from))
    check_relation_end (checks, with_member (where, "from"), from);
  if (get_string (reader, object, where, "to", TRUE, &to))
    check_relation_end (checks, with_member (where, "to"), to);

  if (from != NULL && to != NULL && strcmp (from, to) == 0)
    {
      g_autofree char *quoted = quote_value (from);
      error_at (reader, where, _("links annotation “%s” to itself"), quoted);
    }

  if (reader->n_errors > errors_before)
    return;

  if (reader->labels != NULL && !gloss_label_set_has_relation_type (reader->labels, type))
    {
      g_autofree char *quoted = quote_value (type);
      report (reader, GLOSS_SEVERITY_WARNING, GLOSS_ERROR_NOT_FOUND, with_member (where, "type"),
              _("“%s” is not a relation type of the label set; kept"), quoted);
    }

  if (reader->labels != NULL)
    {
      check_relation_rule (checks, where, type, GLOSS_RELATION_FROM, from);
      check_relation_rule (checks, where, type, GLOSS_RELATION_TO, to);
    }

  if (reader->check_only)
    return;

  relation = gloss_relation_new (id, type, from, to);
  extra = collect_extra (object, relation_keys);
  gloss_relation_set_extra (relation, extra);
  g_ptr_array_add (reader->relations, relation);
}

static void
check_relations (Checks               *checks,
                 const GlossJsonValue *root)
{
  const GlossJsonValue *array;
  guint n;

  array = get_container (checks->reader, root, "relations", GLOSS_JSON_ARRAY, FALSE);
  if (array == NULL)
    return;

  n = gloss_json_value_get_length (array);
  for (guint i = 0; i < n; i++)
    parse_relation (checks, gloss_json_value_get_element (array, i), i);
}

/* The raw bytes
 * ------------------------------------------------------------------------ */

/* A sidecar kept in git may come back from a merge with conflict markers;
 * say so plainly rather than "not valid JSON". */
static gboolean
report_conflict_markers (GlossSidecarReader *reader,
                         const char         *data,
                         gsize               size)
{
  const char *p = data;
  const char *end = data + size;

  /* memmem, not a byte loop: this runs over every sidecar loaded. */
  while ((p = memmem (p, end - p, "<<<<<<< ", 8)) != NULL)
    {
      if (p == data || p[-1] == '\n')
        {
          g_autofree char *location = NULL;
          guint line = 1;

          for (const char *q = data; q < p; q++)
            line += *q == '\n';
          location = g_strdup_printf (_("line %u"), line);
          report_at_text (reader, GLOSS_ERROR_PARSE, location,
                          _("not valid JSON: the file has merge-conflict markers (<<<<<<<); "
                            "resolve the conflict first"));
          return TRUE;
        }
      p++;
    }

  return FALSE;
}

static gboolean
check_file_size (GlossSidecarReader *reader,
                 gsize               size)
{
  if (size <= GLOSS_SIDECAR_MAX_BYTES)
    return TRUE;

  /* Plain %lu rather than G_GSIZE_FORMAT: xgettext cannot see through it. */
  report_at_text (reader, GLOSS_ERROR_TOO_LARGE, NULL,
                  g_dngettext (GETTEXT_PACKAGE,
                               "the file is %lu byte, more than the limit of %d MiB",
                               "the file is %lu bytes, more than the limit of %d MiB",
                               size),
                  (unsigned long) size, GLOSS_SIDECAR_MAX_BYTES / (1024 * 1024));
  return FALSE;
}

/* Bytes that are not UTF-8, and merge-conflict markers, are said as such
 * rather than as the parser's "not valid JSON". Both always make the
 * parse fail (the parser checks UTF-8 in strings and takes no other
 * non-ASCII byte; a marker starts a line, where no string can be), so
 * they are only looked for once it has: a clean file is not read twice
 * more (a 3.7 MB sidecar, ~3 ms). */
static gboolean
report_raw_bytes (GlossSidecarReader *reader,
                  const char         *data,
                       gsize               size)
{
  const char *end = NULL;

  if (!g_utf8_validate_len (data, size, &end))
    {
      report_at_text (reader, GLOSS_ERROR_INVALID_UTF8, NULL,
                      _("invalid UTF-8 at byte %lu"), (unsigned long) (end - data));
      return TRUE;
    }

  return report_conflict_markers (reader, data, size);
}

static gboolean
is_blank (const char *data,
          gsize       size)
{
  for (gsize i = 0; i < size; i++)
    {
      if (!g_ascii_isspace (data[i]))
        return FALSE;
    }

  return TRUE;
}

static GlossJsonDoc *
parse_json (GlossSidecarReader *reader,
            const char         *data,
                 gsize               size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *location = NULL;
  guint line = 0, column = 0;
  GlossJsonDoc *doc;

  if (is_blank (data, size))
    {
      report_at_text (reader, GLOSS_ERROR_PARSE, NULL, _("the file is empty"));
      return NULL;
    }

  doc = gloss_json_doc_parse (data, size, GLOSS_SIDECAR_MAX_DEPTH, &line, &column, &error);
  if (doc != NULL)
    return doc;

  if (report_raw_bytes (reader, data, size))
    return NULL;

  if (line > 0)
    location = g_strdup_printf (_("line %u, column %u"), line, column);
  report_at_text (reader, error->code == GLOSS_ERROR_TOO_LARGE ? GLOSS_ERROR_TOO_LARGE
                                                              : GLOSS_ERROR_PARSE,
                  location, _("not valid JSON: %s"), error->message);
  return NULL;
}

/* Public
 * ------------------------------------------------------------------------ */

void
gloss_sidecar_reader_init (GlossSidecarReader *reader,
                           GlossDocument      *document,
                           GlossLabelSet      *labels,
                           const char         *display_name,
                           const char         *expected_annotator,
                           GPtrArray          *problems)
{
  memset (reader, 0, sizeof *reader);
  reader->document = document;
  reader->labels = labels;
  reader->display_name = display_name;
  reader->expected_annotator = expected_annotator;
  reader->problems = problems;
  reader->version = GLOSS_SIDECAR_VERSION;
  reader->error_code = GLOSS_ERROR_INVALID;
  reader->annotations = g_ptr_array_new_with_free_func (g_object_unref);
  reader->relations = g_ptr_array_new_with_free_func (g_object_unref);
}

void
gloss_sidecar_reader_clear (GlossSidecarReader *reader)
{
  g_clear_pointer (&reader->annotator_id, g_free);
  g_clear_pointer (&reader->annotator_name, g_free);
  g_clear_pointer (&reader->extra, json_object_unref);
  g_clear_pointer (&reader->document_extra, json_object_unref);
  g_clear_pointer (&reader->annotator_extra, json_object_unref);
  g_clear_pointer (&reader->document_labels, g_variant_unref);
  g_clear_pointer (&reader->annotations, g_ptr_array_unref);
  g_clear_pointer (&reader->relations, g_ptr_array_unref);
}

GlossJsonDoc *
gloss_sidecar_reader_parse (const char *data,
                            gsize       size)
{
  guint line = 0, column = 0;

  /* What gloss_sidecar_reader_read() refuses before parsing. */
  if (data == NULL || size > GLOSS_SIDECAR_MAX_BYTES || is_blank (data, size))
    return NULL;

  return gloss_json_doc_parse (data, size, GLOSS_SIDECAR_MAX_DEPTH, &line, &column, NULL);
}

gboolean
gloss_sidecar_reader_read (GlossSidecarReader *reader,
                           const char         *data,
                           gsize               size)
{
  return gloss_sidecar_reader_read_parsed (reader, data, size, NULL);
}

gboolean
gloss_sidecar_reader_read_parsed (GlossSidecarReader *reader,
                                  const char         *data,
                                  gsize               size,
                                  GlossJsonDoc       *parsed)
{
  g_autoptr(GlossJsonDoc) doc = parsed;
  const GlossJsonValue *root;
  PathStep path[GLOSS_SIDECAR_MAX_DEPTH + 1];
  Checks checks = { reader };

  if (data == NULL)
    data = "";  /* empty GBytes may hold NULL */

  if (!check_file_size (reader, size))
    return FALSE;

  if (doc == NULL)
    doc = parse_json (reader, data, size);
  if (doc == NULL)
    return FALSE;

  root = gloss_json_doc_get_root (doc);
  if (gloss_json_value_get_type (root) != GLOSS_JSON_OBJECT)
    {
      error_at (reader, AT (""), _("the top level must be an object, not %s"),
                describe_type (root));
      return FALSE;
    }

  /* Walked, to say where, only when something is over the limit. */
  if (gloss_json_doc_get_longest_string (doc) > GLOSS_SIDECAR_MAX_STRING)
    {
      check_string_sizes (reader, root, path, 0);
      if (reader->n_errors > 0)
        return FALSE;
    }

  checks.stated_length = gloss_document_get_length (reader->document);
  checks.annotation_ids = g_hash_table_new (g_str_hash, g_str_equal);
  checks.relation_ids = g_hash_table_new (g_str_hash, g_str_equal);

  check_header (&checks, root);
  check_document (&checks, root);
  check_annotator (&checks, root);
  check_annotations (&checks, root);
  check_relations (&checks, root);
  reader->done = get_flag (reader, root, AT (""), "done");
  reader->document_labels = read_attribute_map (reader, root, AT (""), "document_labels",
                                                TRUE, NULL);
  reader->extra = collect_extra (root, top_level_keys);

  g_hash_table_unref (checks.annotation_ids);
  g_hash_table_unref (checks.relation_ids);

  return reader->n_errors == 0;
}
