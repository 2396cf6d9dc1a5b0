/* gloss-sidecar.c — reading, checking and writing sidecar files (format v1)
 *
 * The loader never stops at the first problem: a person fixing a file by
 * hand wants the whole list, each with the JSON path of the value at fault.
 * A sidecar that failed to load is never written back, so a bug or a bad
 * merge can never turn a half-read file into lost work.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "gloss-error.h"
#include "gloss-json-writer.h"
#include "gloss-sidecar.h"

struct _GlossSidecar
{
  GObject             parent_instance;

  GFile              *file;
  GlossDocument      *document;
  GlossAnnotationSet *annotations;
  char               *annotator_id;
  char               *annotator_name;
  GlossSidecarState   state;
  gint64              version;

  /* Keys we do not know, kept so that saving loses nothing a newer Gloss
   * or another tool put there. */
  JsonObject         *extra;
  JsonObject         *document_extra;
  JsonObject         *annotator_extra;

  GPtrArray          *problems;
  GlossAnchorReport   anchor_report;
  gboolean            reanchored;
  guint64             saved_serial;
  char               *disk_sha256;
};

G_DEFINE_FINAL_TYPE (GlossSidecar, gloss_sidecar, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (GlossSidecarState, gloss_sidecar_state,
  G_DEFINE_ENUM_VALUE (GLOSS_SIDECAR_STATE_NEW, "new"),
  G_DEFINE_ENUM_VALUE (GLOSS_SIDECAR_STATE_LOADED, "loaded"),
  G_DEFINE_ENUM_VALUE (GLOSS_SIDECAR_STATE_NEWER, "newer"),
  G_DEFINE_ENUM_VALUE (GLOSS_SIDECAR_STATE_FAILED, "failed"))

enum {
  PROP_0,
  PROP_FILE,
  PROP_DOCUMENT,
  PROP_ANNOTATIONS,
  PROP_ANNOTATOR_ID,
  PROP_ANNOTATOR_NAME,
  PROP_STATE,
  PROP_READ_ONLY,
  PROP_DIRTY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const top_level_keys[] = {
  "format", "version", "document", "annotator", "annotations", "relations", NULL
};
static const char * const document_keys[] = { "file", "sha256", "length", NULL };
static const char * const annotator_keys[] = { "id", "name", NULL };
static const char * const annotation_keys[] = {
  "id", "label", "start", "end", "exact", "prefix", "suffix", "note",
  "created", "modified", "orphaned", NULL
};
static const char * const relation_keys[] = { "id", "type", "from", "to", NULL };

/* Names and ids
 * ------------------------------------------------------------------------ */

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
gloss_sidecar_build_name (const char *article_name,
                          const char *annotator_id)
{
  g_return_val_if_fail (article_name != NULL, NULL);
  g_return_val_if_fail (gloss_annotator_id_is_valid (annotator_id), NULL);

  return g_strconcat (article_name, ".", annotator_id, GLOSS_SIDECAR_SUFFIX, NULL);
}

gboolean
gloss_sidecar_parse_name (const char  *sidecar_name,
                          char       **article_name,
                          char       **annotator_id)
{
  g_autofree char *stem = NULL;
  const char *dot;

  if (sidecar_name == NULL || !g_str_has_suffix (sidecar_name, GLOSS_SIDECAR_SUFFIX))
    return FALSE;

  stem = g_strndup (sidecar_name, strlen (sidecar_name) - strlen (GLOSS_SIDECAR_SUFFIX));
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
is_known_key (const char * const *keys,
              const char         *key)
{
  return g_strv_contains (keys, key);
}

/* Copies of the members of @object that are not in @known, or NULL. */
static JsonObject *
collect_extra (JsonObject         *object,
               const char * const *known)
{
  g_autoptr(GList) members = json_object_get_members (object);
  JsonObject *extra = NULL;

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;

      if (is_known_key (known, key))
        continue;
      if (extra == NULL)
        extra = json_object_new ();
      json_object_set_member (extra, key,
                              json_node_copy (json_object_get_member (object, key)));
    }

  return extra;
}

/* Life cycle
 * ------------------------------------------------------------------------ */

static void
gloss_sidecar_finalize (GObject *object)
{
  GlossSidecar *self = (GlossSidecar *)object;

  g_clear_object (&self->file);
  g_clear_object (&self->document);
  g_clear_object (&self->annotations);
  g_clear_pointer (&self->annotator_id, g_free);
  g_clear_pointer (&self->annotator_name, g_free);
  g_clear_pointer (&self->extra, json_object_unref);
  g_clear_pointer (&self->document_extra, json_object_unref);
  g_clear_pointer (&self->annotator_extra, json_object_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->disk_sha256, g_free);

  G_OBJECT_CLASS (gloss_sidecar_parent_class)->finalize (object);
}

static void
gloss_sidecar_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  GlossSidecar *self = GLOSS_SIDECAR (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_ANNOTATIONS:
      g_value_set_object (value, self->annotations);
      break;
    case PROP_ANNOTATOR_ID:
      g_value_set_string (value, self->annotator_id);
      break;
    case PROP_ANNOTATOR_NAME:
      g_value_set_string (value, self->annotator_name);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, gloss_sidecar_is_read_only (self));
      break;
    case PROP_DIRTY:
      g_value_set_boolean (value, gloss_sidecar_is_dirty (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_sidecar_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  GlossSidecar *self = GLOSS_SIDECAR (object);

  switch (prop_id)
    {
    case PROP_FILE:
      self->file = g_value_dup_object (value);
      break;
    case PROP_DOCUMENT:
      self->document = g_value_dup_object (value);
      break;
    case PROP_ANNOTATOR_NAME:
      gloss_sidecar_set_annotator_name (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
on_annotations_changed (GlossSidecar *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
}

static void
gloss_sidecar_constructed (GObject *object)
{
  GlossSidecar *self = GLOSS_SIDECAR (object);
  g_autofree char *basename = NULL;

  G_OBJECT_CLASS (gloss_sidecar_parent_class)->constructed (object);

  g_assert (self->file != NULL);
  g_assert (self->document != NULL);

  basename = g_file_get_basename (self->file);
  if (!gloss_sidecar_parse_name (basename, NULL, &self->annotator_id))
    self->annotator_id = NULL;

  self->annotations = gloss_annotation_set_new (self->document);
  g_signal_connect_object (self->annotations, "notify::can-undo",
                           G_CALLBACK (on_annotations_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->annotations, "annotation-changed",
                           G_CALLBACK (on_annotations_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->annotations, "items-changed",
                           G_CALLBACK (on_annotations_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->annotations, "relations-changed",
                           G_CALLBACK (on_annotations_changed), self,
                           G_CONNECT_SWAPPED);
}

static void
gloss_sidecar_class_init (GlossSidecarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gloss_sidecar_finalize;
  object_class->get_property = gloss_sidecar_get_property;
  object_class->set_property = gloss_sidecar_set_property;
  object_class->constructed = gloss_sidecar_constructed;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, GLOSS_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ANNOTATIONS] =
    g_param_spec_object ("annotations", NULL, NULL, GLOSS_TYPE_ANNOTATION_SET,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ANNOTATOR_ID] =
    g_param_spec_string ("annotator-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ANNOTATOR_NAME] =
    g_param_spec_string ("annotator-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, GLOSS_TYPE_SIDECAR_STATE,
                       GLOSS_SIDECAR_STATE_NEW,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DIRTY] =
    g_param_spec_boolean ("dirty", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gloss_sidecar_init (GlossSidecar *self)
{
  self->state = GLOSS_SIDECAR_STATE_NEW;
  self->version = GLOSS_SIDECAR_VERSION;
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_problem_free);
}

GlossSidecar *
gloss_sidecar_new (GFile         *file,
                   GlossDocument *document)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (document), NULL);

  return g_object_new (GLOSS_TYPE_SIDECAR,
                       "file", file,
                       "document", document,
                       NULL);
}

GlossSidecar *
gloss_sidecar_new_for_document (GlossDocument *document,
                                const char    *annotator_id)
{
  g_autoptr(GFile) parent = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *name = NULL;
  GFile *article;

  g_return_val_if_fail (GLOSS_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (gloss_annotator_id_is_valid (annotator_id), NULL);

  article = gloss_document_get_file (document);
  g_return_val_if_fail (article != NULL, NULL);

  parent = g_file_get_parent (article);
  name = gloss_sidecar_build_name (gloss_document_get_name (document), annotator_id);
  file = g_file_get_child (parent, name);

  return gloss_sidecar_new (file, document);
}

/* Loading: collecting problems
 * ------------------------------------------------------------------------ */

typedef struct _LoadContext LoadContext;
static guint count_errors_so_far (LoadContext *ctx);

struct _LoadContext
{
  GlossSidecar  *self;
  GlossLabelSet *labels;
  char          *display_name;
  gboolean       hash_matches;
  guint          stated_length;   /* document.length, bounds old offsets */
  GHashTable    *annotation_ids;  /* id → GlossAnnotation (borrowed) */
  GHashTable    *relation_ids;
  GPtrArray     *annotations;     /* GlossAnnotation, parsed */
  GPtrArray     *relations;       /* GlossRelation, parsed */
  GlossError     error_code;      /* of the first error reported */
  GPtrArray     *scratch;         /* strings made by quote_value() */
};

static guint
count_errors_so_far (LoadContext *ctx)
{
  return gloss_sidecar_count_problems (ctx->self, GLOSS_SEVERITY_ERROR);
}

#define count_errors count_errors_so_far

static void
load_context_clear (LoadContext *ctx)
{
  g_clear_pointer (&ctx->display_name, g_free);
  g_clear_pointer (&ctx->annotation_ids, g_hash_table_unref);
  g_clear_pointer (&ctx->relation_ids, g_hash_table_unref);
  g_clear_pointer (&ctx->annotations, g_ptr_array_unref);
  g_clear_pointer (&ctx->relations, g_ptr_array_unref);
  g_clear_pointer (&ctx->scratch, g_ptr_array_unref);
}

static void
report_valist (LoadContext   *ctx,
               GlossSeverity  severity,
               GlossError     code,
               const char    *location,
               const char    *format,
               va_list        args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);

  if (severity == GLOSS_SEVERITY_ERROR && count_errors_so_far (ctx) == 0)
    ctx->error_code = code;

  g_ptr_array_add (ctx->self->problems,
                   gloss_problem_new (severity, ctx->display_name, location, message));
}

G_GNUC_PRINTF (4, 5)
static void
report (LoadContext   *ctx,
        GlossSeverity  severity,
        const char    *location,
        const char    *format,
        ...)
{
  va_list args;

  va_start (args, format);
  report_valist (ctx, severity, GLOSS_ERROR_INVALID, location, format, args);
  va_end (args);
}

/* An error with a more telling code than GLOSS_ERROR_INVALID. */
G_GNUC_PRINTF (4, 5)
static void
report_error (LoadContext *ctx,
              GlossError   code,
              const char  *location,
              const char  *format,
              ...)
{
  va_list args;

  va_start (args, format);
  report_valist (ctx, GLOSS_SEVERITY_ERROR, code, location, format, args);
  va_end (args);
}

/* A value from the file or the article, made safe to quote in a one-line
 * message: control characters escaped, at most 40 characters. The result
 * lives until the end of the load. */
#define QUOTE_MAX_CHARS 40

static const char *
quote_value (LoadContext *ctx,
             const char  *value)
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

  g_ptr_array_add (ctx->scratch, out->str);
  return g_string_free (out, FALSE);
}


/* Length of the JSON number at @p (at most @avail bytes), and whether it is
 * an integer too long to fit in 64 bits. json-glib 1.6 silently wraps such
 * integers, so "version": 1e20-as-digits would read as some other number. */
static gsize
scan_number (const char *p,
             gsize       avail,
             gboolean   *too_long)
{
  gsize i = 0, digits = 0;
  gboolean integral = TRUE;

  if (i < avail && p[i] == '-')
    i++;
  for (; i < avail && g_ascii_isdigit (p[i]); i++)
    digits++;
  for (; i < avail && (g_ascii_isdigit (p[i]) || p[i] == '.' || p[i] == 'e'
                       || p[i] == 'E' || p[i] == '+' || p[i] == '-'); i++)
    integral = FALSE;

  *too_long = integral && digits > 18;
  return MAX (i, 1);
}

/* A sidecar kept in git may come back from a merge with conflict markers;
 * say so plainly rather than "not valid JSON". */
static gboolean
report_conflict_markers (LoadContext *ctx,
                         const char  *data,
                         gsize        size)
{
  guint line = 1;

  for (gsize i = 0; i < size; i++)
    {
      gboolean line_start = i == 0 || data[i - 1] == '\n';

      if (line_start && size - i >= 8 && memcmp (data + i, "<<<<<<< ", 8) == 0)
        {
          g_autofree char *location = g_strdup_printf (_("line %u"), line);

          report_error (ctx, GLOSS_ERROR_PARSE, location,
                        _("not valid JSON: the file has merge-conflict markers (<<<<<<<); "
                          "resolve the conflict first"));
          return TRUE;
        }
      if (data[i] == '\n')
        line++;
    }

  return FALSE;
}

/* Checks that cost one pass over the bytes and protect the parser and
 * everything after it: size, UTF-8, nesting depth (json-glib recurses, so a
 * file of a million '[' would overflow the stack), NUL escapes (they would
 * cut strings short), integers too large for 64 bits, and anything after the
 * top-level value (json-glib 1.6 would quietly read a second object). */
static gboolean
check_raw_bytes (LoadContext *ctx,
                 const char  *data,
                 gsize        size)
{
  const char *end = NULL;
  gboolean in_string = FALSE;
  gboolean finished = FALSE;
  guint depth = 0;

  if (size > GLOSS_SIDECAR_MAX_BYTES)
    {
      report_error (ctx, GLOSS_ERROR_TOO_LARGE, NULL,
                    _("the file is %" G_GSIZE_FORMAT " bytes, more than the limit of %d MiB"),
                    size, GLOSS_SIDECAR_MAX_BYTES / (1024 * 1024));
      return FALSE;
    }

  if (!g_utf8_validate_len (data, size, &end))
    {
      report_error (ctx, GLOSS_ERROR_INVALID_UTF8, NULL,
                    _("invalid UTF-8 at byte %" G_GSIZE_FORMAT), (gsize) (end - data));
      return FALSE;
    }

  if (report_conflict_markers (ctx, data, size))
    return FALSE;

  for (gsize i = 0; i < size; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\' && i + 5 < size && memcmp (data + i + 1, "u0000", 5) == 0)
            {
              report_error (ctx, GLOSS_ERROR_PARSE, NULL,
                            _("a string holds a NUL character (\\u0000) at byte %" G_GSIZE_FORMAT),
                            i);
              return FALSE;
            }
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      if (c == ' ' || c == '\n' || c == '\r' || c == '\t')
        continue;

      if (finished)
        {
          report_error (ctx, GLOSS_ERROR_PARSE, NULL,
                        _("not valid JSON: unexpected content after the end of the JSON value at byte %" G_GSIZE_FORMAT),
                        i);
          return FALSE;
        }

      if (c == '"')
        in_string = TRUE;
      else if (c == '-' || g_ascii_isdigit (c))
        {
          gboolean too_long;
          gsize len = scan_number (data + i, size - i, &too_long);

          if (too_long)
            {
              report_error (ctx, GLOSS_ERROR_TOO_LARGE, NULL,
                            _("an integer too large for 64 bits at byte %" G_GSIZE_FORMAT), i);
              return FALSE;
            }
          i += len - 1;
        }
      else if (c == '{' || c == '[')
        {
          if (++depth > GLOSS_SIDECAR_MAX_DEPTH)
            {
              report_error (ctx, GLOSS_ERROR_TOO_LARGE, NULL,
                            _("nested deeper than %d levels at byte %" G_GSIZE_FORMAT),
                            GLOSS_SIDECAR_MAX_DEPTH, i);
              return FALSE;
            }
        }
      else if ((c == '}' || c == ']') && depth > 0)
        {
          if (--depth == 0)
            finished = TRUE;
        }
    }

  return TRUE;
}

/* A string (or key) must fit the limit, and must still be valid UTF-8 after
 * json-glib decoded its escapes: a lone surrogate such as \ud800 comes out
 * as bytes that are not UTF-8, which saving would then write back. */
static void
check_string_value (LoadContext *ctx,
                    const char  *value,
                    const char  *location,
                    gboolean     is_key)
{
  gsize len = strlen (value);

  if (len > GLOSS_SIDECAR_MAX_STRING)
    report_error (ctx, GLOSS_ERROR_TOO_LARGE, location,
                  is_key
                  ? _("a key of %" G_GSIZE_FORMAT " bytes is longer than the limit of %d KiB")
                  : _("a string of %" G_GSIZE_FORMAT " bytes is longer than the limit of %d KiB"),
                  len, GLOSS_SIDECAR_MAX_STRING / 1024);
  else if (!g_utf8_validate (value, len, NULL))
    report_error (ctx, GLOSS_ERROR_PARSE, location,
                  is_key
                  ? _("a key holds an invalid \\u escape (a lone UTF-16 surrogate)")
                  : _("a string holds an invalid \\u escape (a lone UTF-16 surrogate)"));
}

/* Refuse giant or broken strings anywhere in the tree, with their path. */
static void
check_string_sizes (LoadContext *ctx,
                    JsonNode    *node,
                    GString     *path)
{
  gsize path_len = path->len;

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *key;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &key, &member))
          {
            check_string_value (ctx, key, path->len > 0 ? path->str : NULL, TRUE);
            if (path->len > 0)
              g_string_append_c (path, '.');
            g_string_append (path, key);
            check_string_sizes (ctx, member, path);
            g_string_truncate (path, path_len);
          }
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        for (guint i = 0; i < n; i++)
          {
            g_string_append_printf (path, "[%u]", i);
            check_string_sizes (ctx, json_array_get_element (array, i), path);
            g_string_truncate (path, path_len);
          }
      }
      break;

    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        check_string_value (ctx, json_node_get_string (node),
                            path->len > 0 ? path->str : NULL, FALSE);
      break;

    case JSON_NODE_NULL:
    default:
      break;
    }
}

static const char *
describe_node_type (JsonNode *node)
{
  if (node == NULL)
    return _("missing");

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("an array");
    case JSON_NODE_NULL:
      return _("null");
    case JSON_NODE_VALUE:
    default:
      {
        GType type = json_node_get_value_type (node);

        if (type == G_TYPE_STRING)
          return _("a string");
        if (type == G_TYPE_BOOLEAN)
          return _("a boolean");
        if (type == G_TYPE_DOUBLE)
          return _("a fractional number");
        return _("a number");
      }
    }
}

/* Typed member access: each reports a located problem and returns FALSE
 * when the member is missing (and @required) or of the wrong type. */

static gboolean
get_string (LoadContext  *ctx,
            JsonObject   *object,
            const char   *parent_path,
            const char   *key,
            gboolean      required,
            const char  **out)
{
  JsonNode *node = json_object_get_member (object, key);
  g_autofree char *path = parent_path ? g_strdup_printf ("%s.%s", parent_path, key)
                                      : g_strdup (key);

  *out = NULL;

  if (node == NULL)
    {
      if (required)
        report (ctx, GLOSS_SEVERITY_ERROR, path, _("missing"));
      return !required;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      report (ctx, GLOSS_SEVERITY_ERROR, path, _("must be a string, not %s"),
              describe_node_type (node));
      return FALSE;
    }

  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
get_integer (LoadContext *ctx,
             JsonObject  *object,
             const char  *parent_path,
             const char  *key,
             gint64      *out)
{
  JsonNode *node = json_object_get_member (object, key);
  g_autofree char *path = parent_path ? g_strdup_printf ("%s.%s", parent_path, key)
                                      : g_strdup (key);

  *out = 0;

  if (node == NULL)
    {
      report (ctx, GLOSS_SEVERITY_ERROR, path, _("missing"));
      return FALSE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      report (ctx, GLOSS_SEVERITY_ERROR, path, _("must be an integer, not %s"),
              describe_node_type (node));
      return FALSE;
    }

  *out = json_node_get_int (node);
  return TRUE;
}

static JsonObject *
get_object (LoadContext *ctx,
            JsonObject  *object,
            const char  *key)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL)
    {
      report (ctx, GLOSS_SEVERITY_ERROR, key, _("missing"));
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      report (ctx, GLOSS_SEVERITY_ERROR, key, _("must be an object, not %s"),
              describe_node_type (node));
      return NULL;
    }

  return json_node_get_object (node);
}

static JsonArray *
get_array (LoadContext *ctx,
           JsonObject  *object,
           const char  *key,
           gboolean     required)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL)
    {
      if (required)
        report (ctx, GLOSS_SEVERITY_ERROR, key, _("missing"));
      return NULL;
    }

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      report (ctx, GLOSS_SEVERITY_ERROR, key, _("must be an array, not %s"),
              describe_node_type (node));
      return NULL;
    }

  return json_node_get_array (node);
}

static gboolean
is_valid_timestamp (const char *str)
{
  g_autoptr(GDateTime) parsed = g_date_time_new_from_iso8601 (str, NULL);

  return parsed != NULL;
}

/* Loading: the parts of the file
 * ------------------------------------------------------------------------ */

static void
check_header (LoadContext *ctx,
              JsonObject  *root)
{
  const char *format = NULL;
  gint64 version;

  if (get_string (ctx, root, NULL, "format", TRUE, &format)
      && g_strcmp0 (format, GLOSS_SIDECAR_FORMAT) != 0)
    report (ctx, GLOSS_SEVERITY_ERROR, "format",
            _("“%s” is not “gloss”: this is not a Gloss sidecar"), quote_value (ctx, format));

  if (!get_integer (ctx, root, NULL, "version", &version))
    return;

  ctx->self->version = version;
  if (version < 1)
    report (ctx, GLOSS_SEVERITY_ERROR, "version",
            _("%" G_GINT64_FORMAT " is not a valid format version"), version);
  else if (version > GLOSS_SIDECAR_VERSION)
    report (ctx, GLOSS_SEVERITY_WARNING, "version",
            _("format version %" G_GINT64_FORMAT " is newer than this Gloss understands (%d): opened read-only"),
            version, GLOSS_SIDECAR_VERSION);
}

static void
check_document (LoadContext *ctx,
                JsonObject  *root)
{
  GlossDocument *document = ctx->self->document;
  JsonObject *object;
  const char *file = NULL;
  const char *sha256 = NULL;
  gint64 length;

  object = get_object (ctx, root, "document");
  if (object == NULL)
    return;

  ctx->self->document_extra = collect_extra (object, document_keys);

  if (get_string (ctx, object, "document", "file", TRUE, &file))
    {
      if (!is_bare_file_name (file))
        report (ctx, GLOSS_SEVERITY_ERROR, "document.file",
                _("“%s” is not a bare file name in the sidecar’s folder"), quote_value (ctx, file));
      else if (g_strcmp0 (file, gloss_document_get_name (document)) != 0)
        report (ctx, GLOSS_SEVERITY_ERROR, "document.file",
                _("names “%s”, but this sidecar belongs to “%s”"),
                quote_value (ctx, file), gloss_document_get_name (document));
    }

  if (get_string (ctx, object, "document", "sha256", TRUE, &sha256))
    {
      if (!is_sha256_hex (sha256))
        report (ctx, GLOSS_SEVERITY_ERROR, "document.sha256",
                _("“%s” is not 64 lowercase hexadecimal digits"), quote_value (ctx, sha256));
      else
        ctx->hash_matches = strcmp (sha256, gloss_document_get_sha256 (document)) == 0;
    }

  if (get_integer (ctx, object, "document", "length", &length))
    {
      if (length < 0 || length > G_MAXINT32)
        report (ctx, GLOSS_SEVERITY_ERROR, "document.length",
                _("%" G_GINT64_FORMAT " is not a valid length"), length);
      else
        {
          ctx->stated_length = (guint) length;
          /* Same bytes, so the article's own length is the truth; a wrong
           * stated length (e.g. counted in UTF-16) is reported, not used. */
          if (ctx->hash_matches)
            ctx->stated_length = gloss_document_get_length (document);
          if (ctx->hash_matches && length != gloss_document_get_length (document))
            report_error (ctx, GLOSS_ERROR_INCONSISTENT, "document.length",
                    _("%" G_GINT64_FORMAT " does not match the article (%u code points)"),
                    length, gloss_document_get_length (document));
        }
    }
  else
    {
      ctx->stated_length = gloss_document_get_length (document);
    }
}

static void
check_annotator (LoadContext *ctx,
                 JsonObject  *root)
{
  GlossSidecar *self = ctx->self;
  JsonObject *object;
  const char *id = NULL;
  const char *name = NULL;

  object = get_object (ctx, root, "annotator");
  if (object == NULL)
    return;

  self->annotator_extra = collect_extra (object, annotator_keys);

  if (get_string (ctx, object, "annotator", "id", TRUE, &id))
    {
      if (!gloss_annotator_id_is_valid (id))
        report (ctx, GLOSS_SEVERITY_ERROR, "annotator.id",
                _("“%s” is not a valid annotator id (lowercase letters, digits, “-” and “_”)"), quote_value (ctx, id));
      else if (self->annotator_id != NULL && strcmp (id, self->annotator_id) != 0)
        report (ctx, GLOSS_SEVERITY_ERROR, "annotator.id",
                _("“%s” does not match the file name, which is for “%s”"),
                quote_value (ctx, id), self->annotator_id);
      else if (self->annotator_id == NULL)
        self->annotator_id = g_strdup (id);
    }

  if (get_string (ctx, object, "annotator", "name", FALSE, &name) && name != NULL)
    {
      g_free (self->annotator_name);
      self->annotator_name = g_strdup (name);
    }
}

static gboolean
check_id (LoadContext *ctx,
          const char  *path,
          const char  *id,
          GHashTable  *seen)
{
  if (id[0] == '\0' || strlen (id) > GLOSS_SIDECAR_MAX_ID)
    {
      report_error (ctx, id[0] == '\0' ? GLOSS_ERROR_INVALID : GLOSS_ERROR_TOO_LARGE, path,
                    _("must be 1 to %d characters long"), GLOSS_SIDECAR_MAX_ID);
      return FALSE;
    }

  if (g_hash_table_contains (seen, id))
    {
      report (ctx, GLOSS_SEVERITY_ERROR, path, _("“%s” is used twice"), quote_value (ctx, id));
      return FALSE;
    }

  return TRUE;
}

/* Offsets of one annotation against the article they were made on. */
static gboolean
check_bounds (LoadContext *ctx,
              const char  *path,
              gint64       start,
              gint64       end,
              gboolean     orphaned)
{
  g_autofree char *start_path = g_strdup_printf ("%s.start", path);
  g_autofree char *end_path = g_strdup_printf ("%s.end", path);
  gboolean ok = TRUE;

  if (start < 0)
    {
      report (ctx, GLOSS_SEVERITY_ERROR, start_path,
              _("%" G_GINT64_FORMAT " is negative"), start);
      ok = FALSE;
    }
  if (end < 0)
    {
      report (ctx, GLOSS_SEVERITY_ERROR, end_path,
              _("%" G_GINT64_FORMAT " is negative"), end);
      ok = FALSE;
    }
  if (start > G_MAXINT32 || end > G_MAXINT32)
    {
      report (ctx, GLOSS_SEVERITY_ERROR, path,
              _("offsets %" G_GINT64_FORMAT "–%" G_GINT64_FORMAT " are too large"),
              start, end);
      return FALSE;
    }

  /* An orphan's offsets are where it last was, in an older article. */
  if (!orphaned && end > (gint64) ctx->stated_length)
    {
      report (ctx, GLOSS_SEVERITY_ERROR, end_path,
              _("%" G_GINT64_FORMAT " is past the end of the article (%u code points)"),
              end, ctx->stated_length);
      ok = FALSE;
    }
  if (ok && start > end)
    {
      report (ctx, GLOSS_SEVERITY_ERROR, path,
              _("start %" G_GINT64_FORMAT " is after end %" G_GINT64_FORMAT),
              start, end);
      ok = FALSE;
    }
  else if (ok && start == end)
    {
      report (ctx, GLOSS_SEVERITY_ERROR, path,
              _("the span %" G_GINT64_FORMAT "–%" G_GINT64_FORMAT " is empty"),
              start, end);
      ok = FALSE;
    }

  return ok;
}

/* With the article unchanged, the stored text must be what is there, and a
 * span may not split a grapheme cluster. */
static void
check_against_article (LoadContext     *ctx,
                       const char      *path,
                       GlossAnnotation *annotation)
{
  GlossDocument *document = ctx->self->document;
  guint start = gloss_annotation_get_start (annotation);
  guint end = gloss_annotation_get_end (annotation);
  const char *exact = gloss_annotation_get_exact (annotation);

  if (!gloss_document_is_grapheme_boundary (document, start))
    {
      g_autofree char *p = g_strdup_printf ("%s.start", path);
      report (ctx, GLOSS_SEVERITY_ERROR, p,
              _("%u is inside a grapheme cluster (a character and its combining marks, or an emoji sequence)"),
              start);
    }
  if (!gloss_document_is_grapheme_boundary (document, end))
    {
      g_autofree char *p = g_strdup_printf ("%s.end", path);
      report (ctx, GLOSS_SEVERITY_ERROR, p,
              _("%u is inside a grapheme cluster (a character and its combining marks, or an emoji sequence)"),
              end);
    }

  if (!gloss_document_slice_equals (document, start, end, exact))
    {
      g_autofree char *p = g_strdup_printf ("%s.exact", path);
      g_autofree char *actual = gloss_document_dup_slice (document, start, end);

      report_error (ctx, GLOSS_ERROR_INCONSISTENT, p,
                    _("does not match the article at %u–%u, which reads “%s”"),
                    start, end, quote_value (ctx, actual));
    }
}

static GlossAnnotation *
parse_annotation (LoadContext *ctx,
                  JsonNode    *node,
                  guint        index)
{
  g_autofree char *path = g_strdup_printf ("annotations[%u]", index);
  g_autoptr(GlossAnnotation) annotation = NULL;
  g_autoptr(JsonObject) extra = NULL;
  const char *id = NULL, *label = NULL, *exact = NULL, *prefix = NULL;
  const char *suffix = NULL, *note = NULL, *created = NULL, *modified = NULL;
  JsonObject *object;
  JsonNode *orphaned_node;
  gboolean ok = TRUE;
  gboolean orphaned = FALSE;
  gint64 start = 0, end = 0;
  guint errors_before = count_errors (ctx);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      report (ctx, GLOSS_SEVERITY_ERROR, path, _("must be an object, not %s"),
              describe_node_type (node));
      return NULL;
    }
  object = json_node_get_object (node);

  if (get_string (ctx, object, path, "id", TRUE, &id))
    {
      g_autofree char *p = g_strdup_printf ("%s.id", path);
      ok &= check_id (ctx, p, id, ctx->annotation_ids);
    }

  if (get_string (ctx, object, path, "label", TRUE, &label) && label[0] == '\0')
    {
      g_autofree char *p = g_strdup_printf ("%s.label", path);
      report (ctx, GLOSS_SEVERITY_ERROR, p, _("must not be empty"));
    }

  ok &= get_integer (ctx, object, path, "start", &start);
  ok &= get_integer (ctx, object, path, "end", &end);
  get_string (ctx, object, path, "exact", TRUE, &exact);
  get_string (ctx, object, path, "prefix", FALSE, &prefix);
  get_string (ctx, object, path, "suffix", FALSE, &suffix);
  get_string (ctx, object, path, "note", FALSE, &note);

  if (get_string (ctx, object, path, "created", FALSE, &created)
      && created != NULL && !is_valid_timestamp (created))
    {
      g_autofree char *p = g_strdup_printf ("%s.created", path);
      report (ctx, GLOSS_SEVERITY_ERROR, p,
              _("“%s” is not an ISO 8601 date and time with a time zone"), quote_value (ctx, created));
    }
  if (get_string (ctx, object, path, "modified", FALSE, &modified)
      && modified != NULL && !is_valid_timestamp (modified))
    {
      g_autofree char *p = g_strdup_printf ("%s.modified", path);
      report (ctx, GLOSS_SEVERITY_ERROR, p,
              _("“%s” is not an ISO 8601 date and time with a time zone"), quote_value (ctx, modified));
    }

  orphaned_node = json_object_get_member (object, "orphaned");
  if (orphaned_node != NULL)
    {
      if (JSON_NODE_HOLDS_VALUE (orphaned_node)
          && json_node_get_value_type (orphaned_node) == G_TYPE_BOOLEAN)
        orphaned = json_node_get_boolean (orphaned_node);
      else
        {
          g_autofree char *p = g_strdup_printf ("%s.orphaned", path);
          report (ctx, GLOSS_SEVERITY_ERROR, p, _("must be true or false, not %s"),
                  describe_node_type (orphaned_node));
        }
    }

  if (ok)
    ok = check_bounds (ctx, path, start, end, orphaned);

  if (!ok || count_errors (ctx) > errors_before)
    return NULL;

  annotation = gloss_annotation_new (id, label, (guint) start, (guint) end);
  gloss_annotation_set_exact (annotation, exact);
  gloss_annotation_set_prefix (annotation, prefix ? prefix : "");
  gloss_annotation_set_suffix (annotation, suffix ? suffix : "");
  gloss_annotation_set_note (annotation, note ? note : "");
  gloss_annotation_set_created (annotation, created);
  gloss_annotation_set_modified (annotation, modified);
  if (orphaned)
    gloss_annotation_set_status (annotation, GLOSS_ANCHOR_ORPHANED);

  extra = collect_extra (object, annotation_keys);
  gloss_annotation_set_extra (annotation, extra);

  if (ctx->hash_matches && !orphaned)
    check_against_article (ctx, path, annotation);

  if (ctx->labels != NULL && gloss_label_set_lookup (ctx->labels, label) == NULL)
    {
      g_autofree char *p = g_strdup_printf ("%s.label", path);
      report (ctx, GLOSS_SEVERITY_WARNING, p,
              _("“%s” is not in the label set; kept as an unknown label"), quote_value (ctx, label));
    }

  return g_steal_pointer (&annotation);
}

static void
check_annotations (LoadContext *ctx,
                   JsonObject  *root)
{
  JsonArray *array = get_array (ctx, root, "annotations", TRUE);
  guint n;

  if (array == NULL)
    return;

  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      GlossAnnotation *annotation = parse_annotation (ctx, json_array_get_element (array, i), i);

      if (annotation == NULL)
        {
          /* Remember the id anyway, so relations to it are not reported twice. */
          JsonNode *node = json_array_get_element (array, i);
          JsonNode *id = JSON_NODE_HOLDS_OBJECT (node)
                         ? json_object_get_member (json_node_get_object (node), "id") : NULL;

          if (id != NULL && JSON_NODE_HOLDS_VALUE (id)
              && json_node_get_value_type (id) == G_TYPE_STRING
              && !g_hash_table_contains (ctx->annotation_ids, json_node_get_string (id)))
            g_hash_table_insert (ctx->annotation_ids,
                                 g_strdup (json_node_get_string (id)), NULL);
          continue;
        }

      g_hash_table_insert (ctx->annotation_ids,
                           g_strdup (gloss_annotation_get_id (annotation)), annotation);
      g_ptr_array_add (ctx->annotations, annotation);
    }
}

static void
check_relation_end (LoadContext *ctx,
                    const char  *path,
                    const char  *key,
                    const char  *target)
{
  g_autofree char *p = g_strdup_printf ("%s.%s", path, key);

  if (!g_hash_table_contains (ctx->annotation_ids, target))
    report (ctx, GLOSS_SEVERITY_ERROR, p, _("“%s” is not the id of an annotation"), quote_value (ctx, target));
}

static void
parse_relation (LoadContext *ctx,
                JsonNode    *node,
                guint        index)
{
  g_autofree char *path = g_strdup_printf ("relations[%u]", index);
  const char *id = NULL, *type = NULL, *from = NULL, *to = NULL;
  guint errors_before = count_errors (ctx);
  GlossRelation *relation;
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      report (ctx, GLOSS_SEVERITY_ERROR, path, _("must be an object, not %s"),
              describe_node_type (node));
      return;
    }
  object = json_node_get_object (node);

  if (get_string (ctx, object, path, "id", TRUE, &id))
    {
      g_autofree char *p = g_strdup_printf ("%s.id", path);
      /* remembered even if this relation is broken, so a later duplicate
       * of its id is still reported */
      if (check_id (ctx, p, id, ctx->relation_ids))
        g_hash_table_add (ctx->relation_ids, g_strdup (id));
    }
  get_string (ctx, object, path, "type", TRUE, &type);
  if (get_string (ctx, object, path, "from", TRUE, &from))
    check_relation_end (ctx, path, "from", from);
  if (get_string (ctx, object, path, "to", TRUE, &to))
    check_relation_end (ctx, path, "to", to);

  if (from != NULL && to != NULL && strcmp (from, to) == 0)
    report (ctx, GLOSS_SEVERITY_ERROR, path, _("links annotation “%s” to itself"), quote_value (ctx, from));

  if (count_errors (ctx) > errors_before)
    return;

  if (ctx->labels != NULL && !gloss_label_set_has_relation_type (ctx->labels, type))
    {
      g_autofree char *p = g_strdup_printf ("%s.type", path);
      report (ctx, GLOSS_SEVERITY_WARNING, p,
              _("“%s” is not a relation type of the label set; kept"), quote_value (ctx, type));
    }

  relation = gloss_relation_new (id, type, from, to);
  {
    g_autoptr(JsonObject) extra = collect_extra (object, relation_keys);
    gloss_relation_set_extra (relation, extra);
  }
  g_ptr_array_add (ctx->relations, relation);
}

static void
check_relations (LoadContext *ctx,
                 JsonObject  *root)
{
  JsonArray *array = get_array (ctx, root, "relations", FALSE);
  guint n;

  if (array == NULL)
    return;

  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    parse_relation (ctx, json_array_get_element (array, i), i);
}

static void
set_state (GlossSidecar      *self,
           GlossSidecarState  state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
}

static void
reset_for_load (GlossSidecar *self)
{
  g_ptr_array_set_size (self->problems, 0);
  g_clear_pointer (&self->extra, json_object_unref);
  g_clear_pointer (&self->document_extra, json_object_unref);
  g_clear_pointer (&self->annotator_extra, json_object_unref);
  memset (&self->anchor_report, 0, sizeof self->anchor_report);
  self->reanchored = FALSE;
  self->version = GLOSS_SIDECAR_VERSION;
}

static void
fail_with_summary (GlossSidecar  *self,
                   GlossError     code,
                   GError       **error)
{
  GlossProblem *first = NULL;
  g_autofree char *first_text = NULL;
  guint n_errors = gloss_sidecar_count_problems (self, GLOSS_SEVERITY_ERROR);

  for (guint i = 0; i < self->problems->len && first == NULL; i++)
    {
      GlossProblem *problem = g_ptr_array_index (self->problems, i);
      if (problem->severity == GLOSS_SEVERITY_ERROR)
        first = problem;
    }

  g_assert (first != NULL);
  first_text = gloss_problem_to_string (first);

  if (n_errors == 1)
    g_set_error_literal (error, GLOSS_ERROR, code, first_text);
  else
    g_set_error (error, GLOSS_ERROR, code,
                 g_dngettext (GETTEXT_PACKAGE, "%s (and %u more problem)",
                              "%s (and %u more problems)", n_errors - 1),
                 first_text, n_errors - 1);

  set_state (self, GLOSS_SIDECAR_STATE_FAILED);
}

static void
apply_loaded (GlossSidecar *self,
              LoadContext  *ctx)
{
  if (!ctx->hash_matches)
    {
      GlossAnchorReport *r = &self->anchor_report;

      gloss_anchor_annotations (self->document, ctx->annotations, r);
      self->reanchored = TRUE;
      report (ctx, GLOSS_SEVERITY_INFO, "document.sha256",
              _("the article changed since this sidecar was saved; re-anchored: %u kept, %u moved, %u repaired, %u orphaned"),
              r->kept, r->moved, r->repaired, r->orphaned);
    }

  gloss_annotation_set_load (self->annotations, ctx->annotations, ctx->relations);
  self->saved_serial = gloss_annotation_set_get_change_serial (self->annotations);

  set_state (self, self->version > GLOSS_SIDECAR_VERSION
                   ? GLOSS_SIDECAR_STATE_NEWER
                   : GLOSS_SIDECAR_STATE_LOADED);
}

/* json-glib says "<data>:3:17: Parse error: unexpected character"; we say
 * "line 3, column 17: not valid JSON: unexpected character". */
static void
report_parse_error (LoadContext  *ctx,
                    const GError *error)
{
  const char *message = error != NULL ? error->message : _("unknown error");
  g_autofree char *location = NULL;
  g_autofree char *valid = NULL;
  unsigned line, column;
  int consumed = 0;

  if (sscanf (message, "<data>:%u:%u: %n", &line, &column, &consumed) == 2 && consumed > 0)
    {
      location = g_strdup_printf (_("line %u, column %u"), line, column);
      message += consumed;
      if (g_str_has_prefix (message, "Parse error: "))
        message += strlen ("Parse error: ");
    }

  /* json-glib may quote a single byte of a multi-byte character */
  valid = g_utf8_make_valid (message, -1);
  report_error (ctx, GLOSS_ERROR_PARSE, location, _("not valid JSON: %s"), valid);
}

gboolean
gloss_sidecar_load_bytes (GlossSidecar   *self,
                          GBytes         *bytes,
                          GlossLabelSet  *labels,
                          GError        **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(GString) path = NULL;
  LoadContext ctx = { 0 };
  const char *data;
  JsonNode *root;
  gsize size;
  gboolean ok = FALSE;

  g_return_val_if_fail (GLOSS_IS_SIDECAR (self), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (labels == NULL || GLOSS_IS_LABEL_SET (labels), FALSE);

  reset_for_load (self);

  ctx.self = self;
  ctx.labels = labels;
  ctx.display_name = g_file_get_parse_name (self->file);
  ctx.stated_length = gloss_document_get_length (self->document);
  ctx.annotation_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ctx.relation_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ctx.annotations = g_ptr_array_new_with_free_func (g_object_unref);
  ctx.relations = g_ptr_array_new_with_free_func (g_object_unref);
  ctx.scratch = g_ptr_array_new_with_free_func (g_free);
  ctx.error_code = GLOSS_ERROR_INVALID;

  data = g_bytes_get_data (bytes, &size);
  if (data == NULL)
    data = "";  /* empty GBytes may hold NULL, which json-glib refuses */
  g_free (self->disk_sha256);
  self->disk_sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);

  if (!check_raw_bytes (&ctx, data, size))
    goto out;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, size, &parse_error))
    {
      report_parse_error (&ctx, parse_error);
      goto out;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      if (root == NULL)
        report_error (&ctx, GLOSS_ERROR_PARSE, NULL, _("the file is empty"));
      else
        report (&ctx, GLOSS_SEVERITY_ERROR, NULL, _("the top level must be an object, not %s"),
                describe_node_type (root));
      goto out;
    }

  path = g_string_new (NULL);
  check_string_sizes (&ctx, root, path);
  if (count_errors (&ctx) > 0)
    goto out;

  check_header (&ctx, json_node_get_object (root));
  check_document (&ctx, json_node_get_object (root));
  check_annotator (&ctx, json_node_get_object (root));
  check_annotations (&ctx, json_node_get_object (root));
  check_relations (&ctx, json_node_get_object (root));
  self->extra = collect_extra (json_node_get_object (root), top_level_keys);

  if (count_errors (&ctx) == 0)
    {
      apply_loaded (self, &ctx);
      ok = TRUE;
    }

out:
  if (!ok)
    fail_with_summary (self, ctx.error_code, error);
  load_context_clear (&ctx);
  return ok;
}

gboolean
gloss_sidecar_load (GlossSidecar   *self,
                    GlossLabelSet  *labels,
                    GCancellable   *cancellable,
                    GError        **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GFileInfo) info = NULL;

  g_return_val_if_fail (GLOSS_IS_SIDECAR (self), FALSE);

  /* Refuse a huge file before reading it all into memory. */
  info = g_file_query_info (self->file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      reset_for_load (self);
      set_state (self, GLOSS_SIDECAR_STATE_NEW);
      return TRUE;
    }

  if (info != NULL && g_file_info_get_size (info) > GLOSS_SIDECAR_MAX_BYTES)
    {
      g_autofree char *name = g_file_get_parse_name (self->file);

      reset_for_load (self);
      g_ptr_array_add (self->problems,
                       gloss_problem_new (GLOSS_SEVERITY_ERROR, name, NULL,
                                          _("the file is larger than the limit of 256 MiB")));
      fail_with_summary (self, GLOSS_ERROR_TOO_LARGE, error);
      return FALSE;
    }

  g_clear_error (&local_error);
  bytes = g_file_load_bytes (self->file, cancellable, NULL, &local_error);
  if (bytes == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (self->file);

      reset_for_load (self);
      g_ptr_array_add (self->problems,
                       gloss_problem_new (GLOSS_SEVERITY_ERROR, name, NULL, local_error->message));
      fail_with_summary (self, GLOSS_ERROR_FAILED, error);
      return FALSE;
    }

  return gloss_sidecar_load_bytes (self, bytes, labels, error);
}

/* Saving
 * ------------------------------------------------------------------------ */

/* In their original order: json_object_get_members() keeps insertion order,
 * while JsonObjectIter in json-glib 1.6 walks the hash table. */
static void
add_extra_members (JsonObject *object,
                   JsonObject *extra)
{
  g_autoptr(GList) members = NULL;

  if (extra == NULL)
    return;

  members = json_object_get_members (extra);
  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (object, l->data,
                            json_node_copy (json_object_get_member (extra, l->data)));
}

static JsonNode *
annotation_to_node (GlossAnnotation *annotation)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (object, "id", gloss_annotation_get_id (annotation));
  json_object_set_string_member (object, "label", gloss_annotation_get_label (annotation));
  json_object_set_int_member (object, "start", gloss_annotation_get_start (annotation));
  json_object_set_int_member (object, "end", gloss_annotation_get_end (annotation));
  json_object_set_string_member (object, "exact", gloss_annotation_get_exact (annotation));
  json_object_set_string_member (object, "prefix", gloss_annotation_get_prefix (annotation));
  json_object_set_string_member (object, "suffix", gloss_annotation_get_suffix (annotation));
  json_object_set_string_member (object, "note", gloss_annotation_get_note (annotation));
  if (gloss_annotation_get_created (annotation) != NULL)
    json_object_set_string_member (object, "created", gloss_annotation_get_created (annotation));
  if (gloss_annotation_get_modified (annotation) != NULL)
    json_object_set_string_member (object, "modified", gloss_annotation_get_modified (annotation));
  if (gloss_annotation_is_orphaned (annotation))
    json_object_set_boolean_member (object, "orphaned", TRUE);
  add_extra_members (object, gloss_annotation_get_extra (annotation));

  json_node_take_object (node, object);
  return node;
}

static JsonNode *
relation_to_node (GlossRelation *relation)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (object, "id", gloss_relation_get_id (relation));
  json_object_set_string_member (object, "type", gloss_relation_get_rel_type (relation));
  json_object_set_string_member (object, "from", gloss_relation_get_from (relation));
  json_object_set_string_member (object, "to", gloss_relation_get_to (relation));
  add_extra_members (object, gloss_relation_get_extra (relation));

  json_node_take_object (node, object);
  return node;
}

static int
compare_annotations (gconstpointer a,
                     gconstpointer b)
{
  return gloss_annotation_compare (*(GlossAnnotation **) a, *(GlossAnnotation **) b);
}

/* Placed and orphaned annotations together, in sidecar order. */
static GPtrArray *
collect_all_annotations (GlossSidecar *self)
{
  GListModel *placed = G_LIST_MODEL (self->annotations);
  GListModel *orphans = gloss_annotation_set_get_orphans (self->annotations);
  guint n_placed = g_list_model_get_n_items (placed);
  guint n_orphans = g_list_model_get_n_items (orphans);
  GPtrArray *all = g_ptr_array_new_full (n_placed + n_orphans, g_object_unref);

  for (guint i = 0; i < n_placed; i++)
    g_ptr_array_add (all, g_list_model_get_item (placed, i));
  for (guint i = 0; i < n_orphans; i++)
    g_ptr_array_add (all, g_list_model_get_item (orphans, i));

  if (n_orphans > 0)
    g_ptr_array_sort (all, compare_annotations);

  return all;
}

static JsonNode *
build_tree (GlossSidecar *self)
{
  g_autoptr(GPtrArray) annotations = collect_all_annotations (self);
  GListModel *relations = gloss_annotation_set_get_relations (self->annotations);
  JsonObject *root = json_object_new ();
  JsonObject *document = json_object_new ();
  JsonObject *annotator = json_object_new ();
  JsonArray *annotation_array = json_array_sized_new (annotations->len);
  JsonArray *relation_array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  guint n_relations = g_list_model_get_n_items (relations);

  json_object_set_string_member (root, "format", GLOSS_SIDECAR_FORMAT);
  json_object_set_int_member (root, "version", GLOSS_SIDECAR_VERSION);

  json_object_set_string_member (document, "file", gloss_document_get_name (self->document));
  json_object_set_string_member (document, "sha256", gloss_document_get_sha256 (self->document));
  json_object_set_int_member (document, "length", gloss_document_get_length (self->document));
  add_extra_members (document, self->document_extra);
  json_object_set_object_member (root, "document", document);

  json_object_set_string_member (annotator, "id", self->annotator_id);
  json_object_set_string_member (annotator, "name", self->annotator_name ? self->annotator_name : "");
  add_extra_members (annotator, self->annotator_extra);
  json_object_set_object_member (root, "annotator", annotator);

  for (guint i = 0; i < annotations->len; i++)
    json_array_add_element (annotation_array, annotation_to_node (g_ptr_array_index (annotations, i)));
  json_object_set_array_member (root, "annotations", annotation_array);

  for (guint i = 0; i < n_relations; i++)
    {
      g_autoptr(GlossRelation) relation = g_list_model_get_item (relations, i);
      json_array_add_element (relation_array, relation_to_node (relation));
    }
  json_object_set_array_member (root, "relations", relation_array);

  add_extra_members (root, self->extra);

  json_node_take_object (node, root);
  return node;
}

GBytes *
gloss_sidecar_serialize (GlossSidecar *self)
{
  g_autoptr(JsonNode) tree = NULL;
  char *text;

  g_return_val_if_fail (GLOSS_IS_SIDECAR (self), NULL);
  g_return_val_if_fail (self->annotator_id != NULL, NULL);

  tree = build_tree (self);
  text = gloss_json_to_string (tree);

  return g_bytes_new_take (text, strlen (text));
}

static gboolean
check_writable (GlossSidecar  *self,
                GError       **error)
{
  g_autofree char *name = g_file_get_parse_name (self->file);
  g_autofree char *path = g_file_get_path (self->file);

  if (self->state == GLOSS_SIDECAR_STATE_FAILED)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_READ_ONLY,
                   _("%s: not saved, because the file failed to load and would be overwritten"),
                   name);
      return FALSE;
    }

  if (self->state == GLOSS_SIDECAR_STATE_NEWER)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_READ_ONLY,
                   _("%s: not saved, because it uses a newer format version (%" G_GINT64_FORMAT ")"),
                   name, self->version);
      return FALSE;
    }

  if (self->annotator_id == NULL)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   _("%s: not saved, because the file name does not name an annotator"),
                   name);
      return FALSE;
    }

  if (path == NULL)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED,
                   _("%s: only local files can be saved"), name);
      return FALSE;
    }

  return TRUE;
}

/* Write to a temporary file in the same folder, flush it to disk, then
 * rename over the old one: a crash leaves either the old or the new file,
 * never a truncated one. */
static gboolean
write_atomically (GFile   *file,
                  GBytes  *bytes,
                  GError **error)
{
  g_autofree char *path = g_file_get_path (file);
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  return g_file_set_contents_full (path, data, size,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                   0666, error);
}

static void
mark_saved (GlossSidecar *self,
            GBytes       *bytes,
            guint64       serial)
{
  g_free (self->disk_sha256);
  self->disk_sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  self->saved_serial = serial;
  set_state (self, GLOSS_SIDECAR_STATE_LOADED);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
}

gboolean
gloss_sidecar_save (GlossSidecar  *self,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  guint64 serial;

  g_return_val_if_fail (GLOSS_IS_SIDECAR (self), FALSE);

  if (!check_writable (self, error))
    return FALSE;

  serial = gloss_annotation_set_get_change_serial (self->annotations);
  bytes = gloss_sidecar_serialize (self);
  if (!write_atomically (self->file, bytes, error))
    return FALSE;

  mark_saved (self, bytes, serial);
  return TRUE;
}

typedef struct
{
  GFile   *file;
  GBytes  *bytes;
  guint64  serial;
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  g_clear_object (&job->file);
  g_clear_pointer (&job->bytes, g_bytes_unref);
  g_free (job);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveJob *job = task_data;
  GError *error = NULL;

  if (write_atomically (job->file, job->bytes, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Serialises now, on the calling thread (fast, and the model is not
 * thread-safe), and writes in a worker thread. */
void
gloss_sidecar_save_async (GlossSidecar        *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  SaveJob *job;

  g_return_if_fail (GLOSS_IS_SIDECAR (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gloss_sidecar_save_async);

  if (!check_writable (self, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  job = g_new0 (SaveJob, 1);
  job->file = g_object_ref (self->file);
  job->serial = gloss_annotation_set_get_change_serial (self->annotations);
  job->bytes = gloss_sidecar_serialize (self);
  g_task_set_task_data (task, job, (GDestroyNotify) save_job_free);
  g_task_run_in_thread (task, save_thread);
}

gboolean
gloss_sidecar_save_finish (GlossSidecar  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  SaveJob *job;

  g_return_val_if_fail (GLOSS_IS_SIDECAR (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  job = g_task_get_task_data (G_TASK (result));
  mark_saved (self, job->bytes, job->serial);
  return TRUE;
}

/* Accessors
 * ------------------------------------------------------------------------ */

GFile *
gloss_sidecar_get_file (GlossSidecar *self)
{
  g_return_val_if_fail (GLOSS_IS_SIDECAR (self), NULL);
  return self->file;
}

GlossDocument *
gloss_sidecar_get_document (GlossSidecar *self)
{
  g_return_val_if_fail (GLOSS_IS_SIDECAR (self), NULL);
  return self->document;
}

GlossAnnotationSet *
gloss_sidecar_get_annotations (GlossSidecar *self)
{
  g_return_val_if_fail (GLOSS_IS_SIDECAR (self), NULL);
  return self->annotations;
}

GlossSidecarState
gloss_sidecar_get_state (GlossSidecar *self)
{
  g_return_val_if_fail (GLOSS_IS_SIDECAR (self), GLOSS_SIDECAR_STATE_FAILED);
  return self->state;
}

gboolean
gloss_sidecar_is_read_only (GlossSidecar *self)
{
  g_return_val_if_fail (GLOSS_IS_SIDECAR (self), TRUE);
  return self->state == GLOSS_SIDECAR_STATE_FAILED
         || self->state == GLOSS_SIDECAR_STATE_NEWER;
}

const char *
gloss_sidecar_get_annotator_id (GlossSidecar *self)
{
  g_return_val_if_fail (GLOSS_IS_SIDECAR (self), NULL);
  return self->annotator_id;
}

const char *
gloss_sidecar_get_annotator_name (GlossSidecar *self)
{
  g_return_val_if_fail (GLOSS_IS_SIDECAR (self), NULL);
  return self->annotator_name;
}

void
gloss_sidecar_set_annotator_name (GlossSidecar *self,
                                  const char   *name)
{
  g_return_if_fail (GLOSS_IS_SIDECAR (self));

  if (g_strcmp0 (self->annotator_name, name) == 0)
    return;

  g_free (self->annotator_name);
  self->annotator_name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANNOTATOR_NAME]);
}

gint64
gloss_sidecar_get_version (GlossSidecar *self)
{
  g_return_val_if_fail (GLOSS_IS_SIDECAR (self), 0);
  return self->version;
}

GPtrArray *
gloss_sidecar_get_problems (GlossSidecar *self)
{
  g_return_val_if_fail (GLOSS_IS_SIDECAR (self), NULL);
  return self->problems;
}

guint
gloss_sidecar_count_problems (GlossSidecar  *self,
                              GlossSeverity  severity)
{
  guint count = 0;

  g_return_val_if_fail (GLOSS_IS_SIDECAR (self), 0);

  for (guint i = 0; i < self->problems->len; i++)
    {
      GlossProblem *problem = g_ptr_array_index (self->problems, i);
      if (problem->severity == severity)
        count++;
    }

  return count;
}

const GlossAnchorReport *
gloss_sidecar_get_anchor_report (GlossSidecar *self)
{
  g_return_val_if_fail (GLOSS_IS_SIDECAR (self), NULL);
  return &self->anchor_report;
}

gboolean
gloss_sidecar_was_reanchored (GlossSidecar *self)
{
  g_return_val_if_fail (GLOSS_IS_SIDECAR (self), FALSE);
  return self->reanchored;
}

gboolean
gloss_sidecar_is_dirty (GlossSidecar *self)
{
  g_return_val_if_fail (GLOSS_IS_SIDECAR (self), FALSE);
  return gloss_annotation_set_get_change_serial (self->annotations) != self->saved_serial;
}

const char *
gloss_sidecar_get_disk_sha256 (GlossSidecar *self)
{
  g_return_val_if_fail (GLOSS_IS_SIDECAR (self), NULL);
  return self->disk_sha256;
}
