/* gloss-import-uima-json.c — UIMA CAS JSON 0.4.0 (INCEpTION's) into sidecars
 *
 * A JSON CAS, or a folder of them: Gloss's uima-json export
 * (ARTICLE/ANNOTATOR.json), an INCEpTION project export unpacked (its
 * annotation/DOCUMENT/USER.json; with exportedproject.json at the top only
 * annotation/ is read), or any tree of CAS files. The file's folder names
 * the article and its name the annotator (--annotator overrides); a file
 * not in a document folder is ARTICLE.json for the --annotator given.
 *
 * The _InitialView's sofa string is the article's text. Its annotations
 * (types below uima.tcas.Annotation in %TYPES) with a string "label"
 * become spans — custom.Span as Gloss writes it, and the span layers of
 * INCEpTION with a label feature — with their "id", "note" and attributes
 * (attr_* features decoded, and the other features of a primitive value
 * under their own names); the ones with @Governor and @Dependent become
 * relations. begin and end are UTF-16 code units of the sofa string: a
 * bound inside a surrogate pair or a grapheme cluster is reported and the
 * span skipped. Everything else (tokens, sentences, annotations without a
 * label, other views) is reported, type by type with its %IDs, never
 * dropped without a word. docs/inception.md describes it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gloss-annotation.h"
#include "gloss-document.h"
#include "gloss-file-load.h"
#include "gloss-folder-walk-private.h"
#include "gloss-import.h"
#include "gloss-json-reader.h"
#include "gloss-problem.h"
#include "gloss-relation.h"
#include "gloss-sidecar.h"
#include "gloss-sidecar-reader.h"

#define UIMA_SOFA_TYPE        "uima.cas.Sofa"
#define UIMA_ANNOTATION_TYPE  "uima.tcas.Annotation"
#define UIMA_DOCUMENT_TYPE    "uima.tcas.DocumentAnnotation"
#define UIMA_INITIAL_VIEW     "_InitialView"
#define UIMA_ATTRIBUTE_PREFIX "attr_"
/* How many %IDs a line about what was not imported lists. */
#define MAX_IDS_SHOWN 10

/* One CAS file being read. */
typedef struct
{
  const char         *source;        /* as problems name it */
  GlossImportSummary *summary;
  JsonObject         *types;         /* %TYPES, or NULL */
  GHashTable         *structures;    /* %ID → JsonObject */
  GArray             *order;         /* gint64: the %IDs in file order */
  GHashTable         *members;       /* %IDs of the view's members, or NULL: all */
  GHashTable         *consumed;      /* %IDs read into something imported */
  GHashTable         *spans;         /* %ID → GlossAnnotation (borrowed from @out_spans) */
  GHashTable         *span_ids;      /* Gloss ids given */
  GHashTable         *relation_ids;
  GlossDocument      *document;
  gint64              sofa_id;
  GPtrArray          *out_spans;
  GPtrArray          *out_relations;
} CasFile;

static void add_problem (GlossImportSummary *summary,
                         gboolean            skipped,
                         const char         *format,
                         ...) G_GNUC_PRINTF (3, 4);

static void
add_problem (GlossImportSummary *summary,
             gboolean            skipped,
             const char         *format,
             ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (summary->problems, g_strdup_vprintf (format, args));
  va_end (args);

  if (skipped)
    summary->skipped++;
}

static void
report_file (GlossImportSummary *summary,
             const char         *source,
             const char         *message)
{
  add_problem (summary, TRUE, "%s: %s", source, message);
}

static gint64 *
id_key (gint64 id)
{
  return g_memdup2 (&id, sizeof id);
}

/* @name of @object when it is an object (or an array), else NULL: the
 * file is anyone's, and json-glib's getters insist. */
static JsonObject *
object_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
array_member (JsonObject *object,
              const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static const char *get_string (JsonObject *fs,
                               const char *name);

/* Types */

/* Whether @type is @ancestor or below it, by %TYPES' %SUPER_TYPE chain
 * (the built-in annotation types are known without it). */
static gboolean
type_is_a (CasFile    *cas,
           const char *type,
           const char *ancestor)
{
  /* a chain longer than this is a loop */
  for (guint depth = 0; type != NULL && depth < 64; depth++)
    {
      JsonObject *declared;

      if (strcmp (type, ancestor) == 0)
        return TRUE;
      if (strcmp (type, UIMA_DOCUMENT_TYPE) == 0)
        type = UIMA_ANNOTATION_TYPE;
      else if (strcmp (type, UIMA_ANNOTATION_TYPE) == 0)
        type = "uima.cas.AnnotationBase";
      else if ((declared = object_member (cas->types, type)) != NULL)
        type = get_string (declared, "%SUPER_TYPE");
      else
        return FALSE;
    }
  return FALSE;
}

/* Reading the structures */

static const char *
fs_type (JsonObject *fs)
{
  JsonNode *node = json_object_get_member (fs, "%TYPE");

  /* not json_object_get_string_member_with_default(): it is a critical
   * for a member that is there but no string */
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonObject *
lookup (CasFile *cas,
        gint64   id)
{
  return g_hash_table_lookup (cas->structures, &id);
}

static gboolean
get_int (JsonObject *fs,
         const char *name,
         gint64     *value)
{
  JsonNode *node = json_object_get_member (fs, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *value = json_node_get_int (node);
  return TRUE;
}

static const char *
get_string (JsonObject *fs,
            const char *name)
{
  JsonNode *node = json_object_get_member (fs, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static void
add_structure (CasFile    *cas,
               gint64      id,
               JsonObject *fs,
               guint       index)
{
  if (fs_type (fs) == NULL)
    {
      add_problem (cas->summary, TRUE, _("%s: %%ID %lld: no %%TYPE; not imported"),
                   cas->source, (long long) id);
      return;
    }
  if (g_hash_table_contains (cas->structures, &id))
    {
      add_problem (cas->summary, TRUE, _("%s: %%ID %lld is used twice; the second is not imported"),
                   cas->source, (long long) id);
      return;
    }
  g_hash_table_insert (cas->structures, id_key (id), fs);
  g_array_append_val (cas->order, id);
}

/* %FEATURE_STRUCTURES: a list of objects with %ID, or an object keyed by
 * the ids (both are JSON CAS 0.4.0; cassis reads both). */
static gboolean
read_structures (CasFile  *cas,
                 JsonNode *node)
{
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          JsonObject *fs = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
          gint64 id;

          if (fs == NULL || !get_int (fs, "%ID", &id))
            {
              add_problem (cas->summary, TRUE,
                           _("%s: entry %u of %%FEATURE_STRUCTURES is not an object with an integer %%ID; not imported"),
                           cas->source, i + 1);
              continue;
            }
          add_structure (cas, id, fs, i);
        }
      return TRUE;
    }

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *key;
      JsonNode *member;
      guint i = 0;

      json_object_iter_init_ordered (&iter, json_node_get_object (node));
      while (json_object_iter_next_ordered (&iter, &key, &member))
        {
          char *end = NULL;
          gint64 id = g_ascii_strtoll (key, &end, 10);

          i++;
          if (end == key || *end != '\0' || !JSON_NODE_HOLDS_OBJECT (member))
            {
              add_problem (cas->summary, TRUE,
                           _("%s: entry “%s” of %%FEATURE_STRUCTURES is not an object under an integer id; not imported"),
                           cas->source, key);
              continue;
            }
          add_structure (cas, id, json_node_get_object (member), i);
        }
      return TRUE;
    }

  return FALSE;
}

/* The _InitialView's sofa (from %VIEWS, or the Sofa whose sofaID is
 * _InitialView) and its members. */
static JsonObject *
find_sofa (CasFile    *cas,
           JsonObject *views)
{
  JsonObject *view = object_member (views, UIMA_INITIAL_VIEW);
  gint64 id;

  if (array_member (view, "%MEMBERS") != NULL)
    {
      JsonArray *members = array_member (view, "%MEMBERS");

      cas->members = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      for (guint i = 0; members != NULL && i < json_array_get_length (members); i++)
        {
          JsonNode *element = json_array_get_element (members, i);

          if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_INT64)
            g_hash_table_add (cas->members, id_key (json_node_get_int (element)));
        }
    }

  if (view != NULL && get_int (view, "%SOFA", &id))
    {
      JsonObject *fs = lookup (cas, id);

      if (fs != NULL && g_strcmp0 (fs_type (fs), UIMA_SOFA_TYPE) == 0)
        {
          cas->sofa_id = id;
          return fs;
        }
      return NULL;
    }

  for (guint i = 0; i < cas->order->len; i++)
    {
      gint64 candidate = g_array_index (cas->order, gint64, i);
      JsonObject *fs = lookup (cas, candidate);

      if (g_strcmp0 (fs_type (fs), UIMA_SOFA_TYPE) == 0
          && g_strcmp0 (get_string (fs, "sofaID"), UIMA_INITIAL_VIEW) == 0)
        {
          cas->sofa_id = candidate;
          return fs;
        }
    }
  return NULL;
}

/* Spans */

/* "attr_" + the id with _HH for each byte that is not a letter or a
 * digit, as the export names the features; NULL when @feature is not one. */
static char *
attribute_for_feature (const char *feature)
{
  g_autoptr(GString) id = g_string_new (NULL);

  if (!g_str_has_prefix (feature, UIMA_ATTRIBUTE_PREFIX))
    return NULL;

  for (const char *p = feature + strlen (UIMA_ATTRIBUTE_PREFIX); *p != '\0'; p++)
    {
      if (*p != '_')
        {
          g_string_append_c (id, *p);
          continue;
        }
      if (!g_ascii_isxdigit (p[1]) || !g_ascii_isxdigit (p[2]))
        return NULL;
      g_string_append_c (id, (char) (g_ascii_xdigit_value (p[1]) * 16 + g_ascii_xdigit_value (p[2])));
      p += 2;
    }

  if (id->len == 0 || !g_utf8_validate (id->str, id->len, NULL))
    return NULL;
  return g_string_free (g_steal_pointer (&id), FALSE);
}

/* The value of a primitive feature as an attribute value, or NULL. */
static GVariant *
attribute_value (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_BOOLEAN:
      return g_variant_new_boolean (json_node_get_boolean (node));
    case G_TYPE_INT64:
      return g_variant_new_double ((double) json_node_get_int (node));
    case G_TYPE_DOUBLE:
      return g_variant_new_double (json_node_get_double (node));
    case G_TYPE_STRING:
      return g_variant_new_string (json_node_get_string (node));
    default:
      return NULL;
    }
}

/* A uima.cas.String[] (or StringArray) of strings as a list value. */
static GVariant *
list_value (CasFile *cas,
            gint64   id)
{
  JsonObject *fs = lookup (cas, id);
  const char *type = fs != NULL ? fs_type (fs) : NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  JsonArray *elements;

  if (type == NULL || (strcmp (type, "uima.cas.String[]") != 0 && strcmp (type, "uima.cas.StringArray") != 0))
    return NULL;

  elements = array_member (fs, "%ELEMENTS");
  for (guint i = 0; elements != NULL && i < json_array_get_length (elements); i++)
    {
      JsonNode *element = json_array_get_element (elements, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        return NULL;
      g_ptr_array_add (items, (gpointer) json_node_get_string (element));
    }

  g_hash_table_add (cas->consumed, id_key (id));
  return g_variant_new_strv ((const char * const *) items->pdata, items->len);
}

static gboolean
is_span_feature (const char *name)
{
  return strcmp (name, "begin") == 0 || strcmp (name, "end") == 0
         || strcmp (name, "@sofa") == 0 || strcmp (name, "label") == 0
         || strcmp (name, "id") == 0 || strcmp (name, "note") == 0;
}

/* The span's other features, as attributes. */
static void
read_attributes (CasFile         *cas,
                 gint64           fs_id,
                 JsonObject      *fs,
                 GlossAnnotation *span)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init_ordered (&iter, fs);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    {
      g_autofree char *attribute = NULL;
      GVariant *value = NULL;
      const char *feature = name;

      if (name[0] == '%' || is_span_feature (name))
        continue;
      if (JSON_NODE_HOLDS_NULL (node))
        continue;

      if (name[0] == '@')
        {
          feature = name + 1;
          if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
            value = list_value (cas, json_node_get_int (node));
        }
      else
        value = attribute_value (node);

      if (value == NULL)
        {
          add_problem (cas->summary, TRUE,
                       _("%s: %%ID %lld: feature “%s” is neither a primitive value nor a list of strings; not imported"),
                       cas->source, (long long) fs_id, feature);
          continue;
        }

      attribute = attribute_for_feature (feature);
      gloss_annotation_set_attribute (span, attribute != NULL ? attribute : feature, value);
      cas->summary->attributes++;
    }
}

/* begin and end of @fs as code points, or FALSE (reported). */
static gboolean
read_bounds (CasFile    *cas,
             gint64      fs_id,
             JsonObject *fs,
             guint      *start,
             guint      *end)
{
  gint64 begin, finish;
  gint64 sofa;
  g_autofree char *why = NULL;
  g_autofree char *problem = NULL;

  if (!get_int (fs, "@sofa", &sofa) || sofa != cas->sofa_id)
    {
      add_problem (cas->summary, TRUE,
                   _("%s: %%ID %lld: span of another view (its @sofa is not the _InitialView’s); not imported"),
                   cas->source, (long long) fs_id);
      return FALSE;
    }

  if (!get_int (fs, "begin", &begin) || !get_int (fs, "end", &finish)
      || begin < 0 || finish < 0 || begin > G_MAXUINT || finish > G_MAXUINT)
    {
      add_problem (cas->summary, TRUE,
                   _("%s: %%ID %lld: span without an integer begin and end; skipped"),
                   cas->source, (long long) fs_id);
      return FALSE;
    }

  if (!gloss_import_offset_to_code_points (cas->document, (guint) begin, GLOSS_OFFSETS_UTF16, start, &why)
      || !gloss_import_offset_to_code_points (cas->document, (guint) finish, GLOSS_OFFSETS_UTF16, end, &why))
    {
      add_problem (cas->summary, TRUE,
                   _("%s: %%ID %lld: span %lld–%lld (UTF-16 code units): %s; skipped"),
                   cas->source, (long long) fs_id, (long long) begin, (long long) finish, why);
      return FALSE;
    }

  problem = gloss_import_dup_span_problem (cas->document, *start, *end);
  if (problem != NULL)
    {
      add_problem (cas->summary, TRUE,
                   _("%s: %%ID %lld: span %lld–%lld (UTF-16 code units): %s; skipped"),
                   cas->source, (long long) fs_id, (long long) begin, (long long) finish, problem);
      return FALSE;
    }
  return TRUE;
}

/* The structure's "id" when it can be a Gloss id not given yet, else
 * "uima-<%ID>" (made unique). */
static char *
choose_id (JsonObject *fs,
           gint64      fs_id,
           GHashTable *given)
{
  const char *id = get_string (fs, "id");
  char *chosen;

  if (id != NULL && id[0] != '\0' && strlen (id) <= GLOSS_SIDECAR_MAX_ID
      && !g_hash_table_contains (given, id))
    chosen = g_strdup (id);
  else
    {
      chosen = g_strdup_printf ("uima-%lld", (long long) fs_id);
      for (guint n = 2; g_hash_table_contains (given, chosen); n++)
        {
          g_free (chosen);
          chosen = g_strdup_printf ("uima-%lld-%u", (long long) fs_id, n);
        }
    }

  g_hash_table_add (given, chosen);
  return g_strdup (chosen);
}

static void
read_span (CasFile    *cas,
           gint64      fs_id,
           JsonObject *fs)
{
  const char *label = get_string (fs, "label");
  const char *note = get_string (fs, "note");
  g_autofree char *id = NULL;
  GlossAnnotation *span;
  guint start, end;

  g_hash_table_add (cas->consumed, id_key (fs_id));
  if (!read_bounds (cas, fs_id, fs, &start, &end))
    return;

  id = choose_id (fs, fs_id, cas->span_ids);
  span = gloss_annotation_new (id, label, start, end);
  if (note != NULL && note[0] != '\0')
    gloss_annotation_set_note (span, note);
  read_attributes (cas, fs_id, fs, span);

  g_ptr_array_add (cas->out_spans, span);
  g_hash_table_insert (cas->spans, id_key (fs_id), span);
}

static GlossAnnotation *
relation_end (CasFile    *cas,
              JsonObject *fs,
              const char *feature)
{
  gint64 id;

  if (!get_int (fs, feature, &id))
    return NULL;
  return g_hash_table_lookup (cas->spans, &id);
}

static void
read_relation (CasFile    *cas,
               gint64      fs_id,
               JsonObject *fs)
{
  const char *label = get_string (fs, "label");
  GlossAnnotation *from = relation_end (cas, fs, "@Governor");
  GlossAnnotation *to = relation_end (cas, fs, "@Dependent");
  g_autofree char *id = NULL;

  g_hash_table_add (cas->consumed, id_key (fs_id));
  if (label == NULL || label[0] == '\0')
    {
      add_problem (cas->summary, TRUE,
                   _("%s: %%ID %lld: relation without a “label” string; not imported"),
                   cas->source, (long long) fs_id);
      return;
    }
  if (from == NULL || to == NULL)
    {
      add_problem (cas->summary, TRUE,
                   _("%s: %%ID %lld: relation whose @Governor or @Dependent is not an imported span; not imported"),
                   cas->source, (long long) fs_id);
      return;
    }

  id = choose_id (fs, fs_id, cas->relation_ids);
  g_ptr_array_add (cas->out_relations,
                   gloss_relation_new (id, label, gloss_annotation_get_id (from),
                                       gloss_annotation_get_id (to)));
}

static gboolean
is_member (CasFile *cas,
           gint64   id)
{
  return cas->members == NULL || g_hash_table_contains (cas->members, &id);
}

/* Spans first, so that relations find them whatever the order. */
static void
read_annotations (CasFile *cas)
{
  for (guint pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < cas->order->len; i++)
        {
          gint64 id = g_array_index (cas->order, gint64, i);
          JsonObject *fs = lookup (cas, id);
          const char *type = fs_type (fs);
          gboolean relation = json_object_has_member (fs, "@Governor")
                              && json_object_has_member (fs, "@Dependent");
          const char *label = get_string (fs, "label");

          if (!type_is_a (cas, type, UIMA_ANNOTATION_TYPE) || type_is_a (cas, type, UIMA_DOCUMENT_TYPE)
              || !is_member (cas, id))
            continue;

          if (pass == 0 && !relation && label != NULL && label[0] != '\0')
            read_span (cas, id, fs);
          else if (pass == 1 && relation)
            read_relation (cas, id, fs);
        }
    }
}

/* What was not imported, one line per type with its %IDs. The sofa, the
 * document's metadata and the arrays of imported spans were read. */
static void
report_rest (CasFile *cas)
{
  g_autoptr(GHashTable) by_type = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                         (GDestroyNotify) g_array_unref);
  g_autoptr(GPtrArray) types = g_ptr_array_new ();

  for (guint i = 0; i < cas->order->len; i++)
    {
      gint64 id = g_array_index (cas->order, gint64, i);
      JsonObject *fs = lookup (cas, id);
      const char *type = fs_type (fs);
      GArray *ids;

      if (id == cas->sofa_id || g_hash_table_contains (cas->consumed, &id)
          || (type_is_a (cas, type, UIMA_DOCUMENT_TYPE) && is_member (cas, id)))
        continue;

      ids = g_hash_table_lookup (by_type, type);
      if (ids == NULL)
        {
          ids = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_hash_table_insert (by_type, (gpointer) type, ids);
          g_ptr_array_add (types, (gpointer) type);
        }
      g_array_append_val (ids, id);
    }

  for (guint i = 0; i < types->len; i++)
    {
      const char *type = g_ptr_array_index (types, i);
      GArray *ids = g_hash_table_lookup (by_type, type);
      g_autoptr(GString) list = g_string_new (NULL);

      for (guint j = 0; j < ids->len && j < MAX_IDS_SHOWN; j++)
        g_string_append_printf (list, "%s%lld", j > 0 ? ", " : "",
                                (long long) g_array_index (ids, gint64, j));
      if (ids->len > MAX_IDS_SHOWN)
        g_string_append (list, ", …");

      add_problem (cas->summary, TRUE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s: %u feature structure of type %s not imported (not a labelled span or relation of the _InitialView): %%ID %s",
                                "%s: %u feature structures of type %s not imported (not labelled spans or relations of the _InitialView): %%ID %s",
                                ids->len),
                   cas->source, ids->len, type, list->str);
    }
}

/* One file */

/* Where invalid UTF-8 starts, as line and column (in bytes), for the
 * message. */
static void
locate (const char *text,
        const char *at,
        guint      *line,
        guint      *column)
{
  const char *line_start = text;

  *line = 1;
  for (const char *p = text; p < at; p++)
    {
      if (*p == '\n')
        {
          (*line)++;
          line_start = p + 1;
        }
    }
  *column = (guint) (at - line_start) + 1;
}

static gboolean
import_cas (GFile              *file,
            const char         *source,
            GFile              *output_folder,
            const char         *article,
            const char         *annotator_id,
            GlossImportSummary *summary,
            GCancellable       *cancellable,
            GError            **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GlossJsonDoc) doc = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GFile) article_file = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autofree char *name = NULL;
  const char *invalid = NULL;
  guint error_line = 0, error_column = 0;
  JsonObject *object, *sofa;
  const char *text;
  gsize length;
  gboolean ok = TRUE;
  CasFile cas = { source, summary };

  if (!gloss_file_load_contents (file, NULL, GLOSS_SIDECAR_MAX_BYTES, &contents, &length,
                                 cancellable, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      report_file (summary, source, local_error->message);
      return TRUE;
    }

  if (!g_utf8_validate_len (contents, length, &invalid))
    {
      guint line, column;
      g_autofree char *message = NULL;

      locate (contents, invalid, &line, &column);
      message = g_strdup_printf (_("line %u, byte %u: not valid UTF-8; not imported"), line, column);
      report_file (summary, source, message);
      return TRUE;
    }

  /* Gloss's own reader: its depth limit keeps a file of nested brackets
   * from exhausting the stack, and it refuses a \u0000, which would cut
   * the sofa string short. The rest reads the tree as json-glib's. */
  doc = gloss_json_doc_parse (contents, length, GLOSS_SIDECAR_MAX_DEPTH,
                              &error_line, &error_column, &local_error);
  if (doc == NULL)
    {
      g_autofree char *message =
        /* Translators: line and column in the file, then what is wrong */
        g_strdup_printf (_("line %u, column %u: not valid JSON: %s; not imported"),
                         error_line, error_column, local_error->message);
      report_file (summary, source, message);
      return TRUE;
    }

  root = gloss_json_value_to_node (gloss_json_doc_get_root (doc));
  object = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  if (object == NULL || !json_object_has_member (object, "%FEATURE_STRUCTURES"))
    {
      report_file (summary, source, _("not a UIMA JSON CAS (no %FEATURE_STRUCTURES); not imported"));
      return TRUE;
    }

  cas.structures = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  cas.order = g_array_new (FALSE, FALSE, sizeof (gint64));
  cas.consumed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  cas.spans = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  cas.span_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  cas.relation_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  cas.out_spans = g_ptr_array_new_with_free_func (g_object_unref);
  cas.out_relations = g_ptr_array_new_with_free_func (g_object_unref);
  cas.types = object_member (object, "%TYPES");

  if (!read_structures (&cas, json_object_get_member (object, "%FEATURE_STRUCTURES")))
    {
      report_file (summary, source, _("%FEATURE_STRUCTURES is neither a list nor an object; not imported"));
      goto out;
    }

  sofa = find_sofa (&cas, object_member (object, "%VIEWS"));
  text = sofa != NULL ? get_string (sofa, "sofaString") : NULL;
  if (text == NULL)
    {
      report_file (summary, source, _("no sofa with text (a uima.cas.Sofa of the _InitialView with a sofaString); not imported"));
      goto out;
    }

  cas.document = gloss_document_new_from_text (text, -1, &local_error);
  if (cas.document == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("the sofa string: %s; not imported"),
                                                  local_error->message);
      report_file (summary, source, message);
      goto out;
    }

  read_annotations (&cas);
  report_rest (&cas);

  /* ARTICLE: its folders made in the output, its name the file's */
  article_file = g_file_resolve_relative_path (output_folder, article);
  folder = g_file_get_parent (article_file);
  name = g_file_get_basename (article_file);
  if (!g_file_make_directory_with_parents (folder, cancellable, &local_error)
      && !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      ok = FALSE;
      goto out;
    }

  ok = gloss_import_write_article (folder, name, text, -1, annotator_id, cas.out_spans,
                                   cas.out_relations, NULL, source, summary, error);

out:
  g_clear_pointer (&cas.structures, g_hash_table_unref);
  g_clear_pointer (&cas.order, g_array_unref);
  g_clear_pointer (&cas.members, g_hash_table_unref);
  g_clear_pointer (&cas.consumed, g_hash_table_unref);
  g_clear_pointer (&cas.spans, g_hash_table_unref);
  g_clear_pointer (&cas.span_ids, g_hash_table_unref);
  g_clear_pointer (&cas.relation_ids, g_hash_table_unref);
  g_clear_pointer (&cas.out_spans, g_ptr_array_unref);
  g_clear_pointer (&cas.out_relations, g_ptr_array_unref);
  g_clear_object (&cas.document);
  return ok;
}

/* The article and annotator of @relative (a path under the input, or the
 * file's own name with its folder's when given alone): in a document
 * folder, the folder is the article and the name the annotator. */
static gboolean
name_file (const char          *relative,
           const char          *source,
           gboolean             in_document_folder,
           const char          *annotator_id,
           char               **article,
           char               **annotator,
           GlossImportSummary  *summary)
{
  g_autofree char *base = g_path_get_basename (relative);
  g_autofree char *stem = g_strndup (base, strlen (base) - strlen (".json"));

  if (in_document_folder)
    {
      *article = g_path_get_dirname (relative);
      *annotator = g_strdup (annotator_id != NULL ? annotator_id : stem);
    }
  else
    {
      *article = g_strconcat (stem, ".txt", NULL);
      *annotator = g_strdup (annotator_id);
    }

  if (*annotator == NULL || !gloss_annotator_id_is_valid (*annotator))
    {
      g_autofree char *message = *annotator == NULL
        ? g_strdup (_("not in a document folder, so its name is the article’s: give the annotator with --annotator; not imported"))
        : g_strdup_printf (_("“%s” is not an annotator id (lowercase letters, digits, - and _); give one with --annotator; not imported"),
                           *annotator);
      report_file (summary, source, message);
      g_clear_pointer (article, g_free);
      g_clear_pointer (annotator, g_free);
      return FALSE;
    }
  return TRUE;
}

/* Walking a folder */

typedef struct
{
  GFile              *output;
  const char         *annotator_id;
  GlossImportSummary *summary;
  const char         *strip;   /* "annotation/" for an INCEpTION project, else NULL */
} Walk;

static gboolean
walk_wants (const char *name,
            gpointer    user_data)
{
  return g_str_has_suffix (name, ".json") && strcmp (name, ".json") != 0;
}

static gboolean
walk_file (const GlossFolderWalkEntry  *entry,
           gpointer                     user_data,
           GCancellable                *cancellable,
           GError                     **error)
{
  Walk *walk = user_data;
  g_autofree char *article = NULL;
  g_autofree char *annotator = NULL;
  g_autofree char *source = walk->strip != NULL ? g_strconcat (walk->strip, entry->relative, NULL)
                                                : g_strdup (entry->relative);

  if (!name_file (entry->relative, source, strchr (entry->relative, '/') != NULL, walk->annotator_id,
                  &article, &annotator, walk->summary))
    return TRUE;

  return import_cas (entry->file, source, walk->output, article, annotator, walk->summary,
                     cancellable, error);
}

static void
walk_problem (GlossFolderWalkProblem      problem,
              const GlossFolderWalkEntry *entry,
              const GError               *error,
              gpointer                    user_data)
{
  Walk *walk = user_data;
  g_autofree char *message = NULL;

  switch (problem)
    {
    case GLOSS_FOLDER_WALK_UNREADABLE:
      message = g_strdup_printf (_("the folder cannot be read; nothing in it was imported: %s"),
                                 error->message);
      report_file (walk->summary, entry->relative, message);
      return;

    case GLOSS_FOLDER_WALK_NOT_REGULAR:
      report_file (walk->summary, entry->relative, error->message);
      return;

    default:
      message = gloss_folder_walk_dup_link_message (problem, entry);
      add_problem (walk->summary, FALSE, "%s: %s: %s", entry->relative,
                   gloss_severity_to_string (GLOSS_SEVERITY_WARNING), message);
      walk->summary->warnings++;
      return;
    }
}

static const GlossFolderWalkCallbacks walk_callbacks = {
  walk_wants,
  walk_file,
  walk_problem,
};

static gboolean
import_tree (GFile               *input,
             GFile               *output_folder,
             const char          *annotator_id,
             GlossImportSummary  *summary,
             GCancellable        *cancellable,
             GError             **error)
{
  g_autoptr(GlossFolderWalk) folder_walk = gloss_folder_walk_new (GLOSS_FOLDER_WALK_HIDDEN_LISTS);
  g_autoptr(GFile) project = g_file_get_child (input, "exportedproject.json");
  g_autoptr(GFile) annotation = g_file_get_child (input, "annotation");
  Walk walk = { output_folder, annotator_id, summary, NULL };

  /* An INCEpTION project export unpacked: the annotators' CASes are in
   * annotation/; source/ holds the documents as uploaded. */
  if (g_file_query_exists (project, cancellable)
      && g_file_query_file_type (annotation, G_FILE_QUERY_INFO_NONE, cancellable) == G_FILE_TYPE_DIRECTORY)
    {
      walk.strip = "annotation/";
      return gloss_folder_walk_tree (folder_walk, annotation, &walk_callbacks, &walk,
                                     cancellable, error);
    }

  return gloss_folder_walk_tree (folder_walk, input, &walk_callbacks, &walk, cancellable, error);
}

static gboolean
import_uima_json (GFile               *input,
                  GFile               *output_folder,
                  const char          *annotator_id,
                  GlossOffsetUnit      offsets,
                  GlossImportSummary  *summary,
                  GCancellable        *cancellable,
                  GError             **error)
{
  g_autofree char *base = NULL;
  g_autofree char *folder_name = NULL;
  g_autofree char *relative = NULL;
  g_autofree char *article = NULL;
  g_autofree char *annotator = NULL;
  g_autoptr(GFile) parent = NULL;
  g_autoptr(GError) local_error = NULL;
  GFileType type;

  g_return_val_if_fail (G_IS_FILE (input), FALSE);
  g_return_val_if_fail (G_IS_FILE (output_folder), FALSE);
  g_return_val_if_fail (annotator_id == NULL || gloss_annotator_id_is_valid (annotator_id), FALSE);

  if (!gloss_format_check_offsets (GLOSS_FORMAT_UIMA_JSON, offsets, error))
    return FALSE;

  type = g_file_query_file_type (input, G_FILE_QUERY_INFO_NONE, cancellable);
  if (type == G_FILE_TYPE_UNKNOWN)
    {
      g_autofree char *name = g_file_get_parse_name (input);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("“%s” does not exist"), name);
      return FALSE;
    }

  if (!g_file_make_directory_with_parents (output_folder, cancellable, &local_error)
      && !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (type == G_FILE_TYPE_DIRECTORY)
    return import_tree (input, output_folder, annotator_id, summary, cancellable, error);

  base = g_file_get_basename (input);
  if (!g_str_has_suffix (base, ".json"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a UIMA JSON CAS file (.json) or a folder of them"), base);
      return FALSE;
    }

  /* Given alone, a file in a folder named like a document ("a.txt/") is
   * that document's, as in INCEpTION's annotation/ folder. */
  parent = g_file_get_parent (input);
  folder_name = parent != NULL ? g_file_get_basename (parent) : NULL;
  if (folder_name != NULL && strchr (folder_name + 1, '.') != NULL)
    relative = g_build_path ("/", folder_name, base, NULL);
  else
    relative = g_strdup (base);

  if (!name_file (relative, relative, strchr (relative, '/') != NULL, annotator_id, &article,
                  &annotator, summary))
    return TRUE;

  return import_cas (input, relative, output_folder, article, annotator, summary, cancellable, error);
}

gboolean
gloss_import_uima_json (GFile               *input,
                        GFile               *output_folder,
                        const char          *annotator_id,
                        GlossOffsetUnit      offsets,
                        GlossImportSummary  *summary,
                        GCancellable        *cancellable,
                        GError             **error)
{
  GlossFileBatch *began;
  gboolean ok;

  g_return_val_if_fail (summary != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Every file is put in place at the end, after one flush to disk. */
  began = gloss_import_begin_writes (summary);
  ok = import_uima_json (input, output_folder, annotator_id, offsets, summary, cancellable, error);
  return gloss_import_end_writes (summary, began, ok, error);
}
