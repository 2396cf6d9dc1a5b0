/* fuzz-sidecar.c — libFuzzer target for the sidecar loader
 *
 * Every input is loaded as the sidecar of one fixed article (article.txt,
 * embedded at build time by embed-article.py), the way the app and
 * gloss-cli load a file from disk. Besides the sanitizers, these oracles
 * abort on failure (see docs/fuzzing.md):
 *
 *  - the JSON reader the loader uses (gloss-json-reader.h) keeps its
 *    contract — valid UTF-8 strings without NUL, finite doubles, unique
 *    member names, bounded depth, located errors — and what it accepts,
 *    json-glib reads as the same values;
 *  - the result of gloss_sidecar_load_bytes() agrees with the error, the
 *    state and the problem list, and a failed load leaves nothing loaded;
 *  - every problem reads as valid UTF-8;
 *  - the annotation set is consistent: sorted, index_of(), lookup(),
 *    relations pointing at annotations that exist, placed spans inside the
 *    article on grapheme boundaries with exact equal to the text there,
 *    and at_offset()/in_range() agreeing with a brute-force scan;
 *  - round trip: a sidecar that loads serialises to bytes that load again
 *    (unchanged article, so no re-anchoring), to the same annotations,
 *    and that serialise to exactly the same bytes (canonical output);
 *  - reload: loading into the same sidecar again (as on a change on disk)
 *    replaces its content: an empty sidecar leaves nothing, and its own
 *    output gives the same bytes back.
 *
 * A critical or warning logged by the library is fatal too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gloss.h"
#include "gloss-json-reader.h"

#include "fuzz-article.h"

/* The file name names the article and the annotator ("fuzz"), as on disk;
 * nothing is ever read from or written to it. */
#define FUZZ_ANNOTATOR_ID  "fuzz"
#define FUZZ_SIDECAR_PATH  "/nonexistent/" FUZZ_ARTICLE_NAME "." FUZZ_ANNOTATOR_ID GLOSS_SIDECAR_SUFFIX

/* Bounds the brute-force query checks, so large inputs stay fast. */
#define FUZZ_MAX_PROBES    48
/* How much of a sidecar to print when an oracle fails. */
#define FUZZ_MAX_DUMP      8192

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static GlossDocument *fuzz_document;
static GlossLabelSet *fuzz_labels;
static GFile *fuzz_file;
/* The canonical sidecar with no annotations, for the reload check. */
static GBytes *fuzz_empty_sidecar;
/* FUZZ_SIDECAR_VERBOSE=1: print each load's state and problems. */
static gboolean fuzz_verbose;
/* FUZZ_SIDECAR_SKIP=reload,round-trip,queries,json: leave out those oracles, to
 * keep fuzzing past a known, reported bug (docs/fuzzing.md). */
static gboolean fuzz_skip_reload;
static gboolean fuzz_skip_round_trip;
static gboolean fuzz_skip_queries;
static gboolean fuzz_skip_json;

/* Failing
 * ------------------------------------------------------------------------ */

static void
dump_bytes (const char *what,
            GBytes     *bytes)
{
  gsize size = 0;
  const char *data = bytes != NULL ? g_bytes_get_data (bytes, &size) : NULL;

  if (data == NULL)
    return;

  fprintf (stderr, "---- %s (%" G_GSIZE_FORMAT " bytes%s) ----\n%.*s\n---- end of %s ----\n",
           what, size, size > FUZZ_MAX_DUMP ? ", truncated" : "",
           (int) MIN (size, FUZZ_MAX_DUMP), data, what);
}

static void
dump_problems (const char   *what,
               GlossSidecar *sidecar)
{
  GPtrArray *problems = gloss_sidecar_get_problems (sidecar);

  fprintf (stderr, "---- problems of %s ----\n", what);
  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *text = gloss_problem_to_string (g_ptr_array_index (problems, i));

      fprintf (stderr, "%s\n", text);
    }
}

G_GNUC_NORETURN G_GNUC_PRINTF (1, 2)
static void
fuzz_fail (const char *format,
           ...)
{
  va_list args;

  fputs ("fuzz-sidecar: oracle failed: ", stderr);
  va_start (args, format);
  vfprintf (stderr, format, args);
  va_end (args);
  fputc ('\n', stderr);
  fflush (stderr);
  abort ();
}

#define fuzz_check(expr) \
  G_STMT_START { \
    if (G_UNLIKELY (!(expr))) \
      fuzz_fail ("%s:%d: %s", __FILE__, __LINE__, #expr); \
  } G_STMT_END

/* Set-up, once
 * ------------------------------------------------------------------------ */

/* What the library logs as a warning or a critical (a failed precondition)
 * is a bug as well. abort() rather than GLib's fatal-log trap: libFuzzer
 * saves the input on SIGABRT but not on SIGTRAP. */
static GLogWriterOutput
fuzz_log_writer (GLogLevelFlags   log_level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  GLogWriterOutput result = g_log_writer_default (log_level, fields, n_fields, user_data);

  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    fuzz_fail ("a warning or critical was logged (above)");

  return result;
}

static void
fuzz_init (void)
{
  g_autoptr(GBytes) article = NULL;
  g_autoptr(GError) error = NULL;

  if (fuzz_document != NULL)
    return;

  g_log_set_writer_func (fuzz_log_writer, NULL, NULL);

  article = g_bytes_new_static (fuzz_article_data, sizeof fuzz_article_data);
  fuzz_document = gloss_document_new_from_bytes (article, FUZZ_ARTICLE_NAME, &error);
  if (fuzz_document == NULL)
    fuzz_fail ("the article does not load: %s", error->message);
  fuzz_check (g_strcmp0 (gloss_document_get_name (fuzz_document), FUZZ_ARTICLE_NAME) == 0);

  fuzz_labels = gloss_label_set_get_builtin ();
  fuzz_check (GLOSS_IS_LABEL_SET (fuzz_labels));

  fuzz_file = g_file_new_for_path (FUZZ_SIDECAR_PATH);
  {
    g_autoptr(GlossSidecar) empty = gloss_sidecar_new (fuzz_file, fuzz_document);

    fuzz_empty_sidecar = gloss_sidecar_serialize (empty);
    fuzz_check (fuzz_empty_sidecar != NULL);
  }
  fuzz_verbose = g_getenv ("FUZZ_SIDECAR_VERBOSE") != NULL;
  if (g_getenv ("FUZZ_SIDECAR_SKIP") != NULL)
    {
      g_auto(GStrv) skip = g_strsplit (g_getenv ("FUZZ_SIDECAR_SKIP"), ",", -1);

      fuzz_skip_reload = g_strv_contains ((const char * const *) skip, "reload");
      fuzz_skip_round_trip = g_strv_contains ((const char * const *) skip, "round-trip");
      fuzz_skip_queries = g_strv_contains ((const char * const *) skip, "queries");
      fuzz_skip_json = g_strv_contains ((const char * const *) skip, "json");
      fprintf (stderr, "fuzz-sidecar: skipping oracles:%s%s%s%s\n",
               fuzz_skip_reload ? " reload" : "",
               fuzz_skip_round_trip ? " round-trip" : "",
               fuzz_skip_queries ? " queries" : "",
               fuzz_skip_json ? " json" : "");
    }
}

/* Oracles: the JSON reader
 * ------------------------------------------------------------------------ */

/* @value, read by our reader, and @node, read by json-glib from the same
 * bytes, hold the same JSON. */
static gboolean
json_same (const GlossJsonValue *value,
           JsonNode             *node)
{
  switch (gloss_json_value_get_type (value))
    {
    case GLOSS_JSON_NULL:
      return JSON_NODE_HOLDS_NULL (node);

    case GLOSS_JSON_BOOLEAN:
      return JSON_NODE_HOLDS_VALUE (node)
             && json_node_get_value_type (node) == G_TYPE_BOOLEAN
             && !json_node_get_boolean (node) == !gloss_json_value_get_boolean (value);

    case GLOSS_JSON_INTEGER:
      return JSON_NODE_HOLDS_VALUE (node)
             && json_node_get_value_type (node) == G_TYPE_INT64
             && json_node_get_int (node) == gloss_json_value_get_int (value);

    case GLOSS_JSON_DOUBLE:
      return JSON_NODE_HOLDS_VALUE (node)
             && json_node_get_value_type (node) == G_TYPE_DOUBLE
             && json_node_get_double (node) == gloss_json_value_get_double (value);

    case GLOSS_JSON_STRING:
      return JSON_NODE_HOLDS_VALUE (node)
             && json_node_get_value_type (node) == G_TYPE_STRING
             && g_strcmp0 (json_node_get_string (node), gloss_json_value_get_string (value)) == 0;

    case GLOSS_JSON_ARRAY:
      {
        JsonArray *array;
        guint n = gloss_json_value_get_length (value);

        if (!JSON_NODE_HOLDS_ARRAY (node))
          return FALSE;
        array = json_node_get_array (node);
        if (json_array_get_length (array) != n)
          return FALSE;
        for (guint i = 0; i < n; i++)
          {
            if (!json_same (gloss_json_value_get_element (value, i),
                            json_array_get_element (array, i)))
              return FALSE;
          }
        return TRUE;
      }

    case GLOSS_JSON_OBJECT:
      {
        JsonObject *object;
        guint n = gloss_json_value_get_length (value);

        if (!JSON_NODE_HOLDS_OBJECT (node))
          return FALSE;
        object = json_node_get_object (node);
        if (json_object_get_size (object) != n)
          return FALSE;
        for (guint i = 0; i < n; i++)
          {
            JsonNode *member = json_object_get_member (object, gloss_json_value_get_member_name (value, i));

            if (member == NULL || !json_same (gloss_json_value_get_member_value (value, i), member))
              return FALSE;
          }
        return TRUE;
      }

    default:
      return FALSE;
    }
}

/* What gloss-json-reader.h promises of a parsed document. */
static void
check_json_value (const GlossJsonValue *value,
                  guint                 depth)
{
  fuzz_check (value != NULL);

  switch (gloss_json_value_get_type (value))
    {
    case GLOSS_JSON_NULL:
    case GLOSS_JSON_BOOLEAN:
    case GLOSS_JSON_INTEGER:
      break;

    case GLOSS_JSON_DOUBLE:
      fuzz_check (isfinite (gloss_json_value_get_double (value)));
      break;

    case GLOSS_JSON_STRING:
      {
        const char *str = gloss_json_value_get_string (value);
        gsize len = gloss_json_value_get_string_length (value);

        fuzz_check (str != NULL);
        fuzz_check (strlen (str) == len);
        fuzz_check (g_utf8_validate_len (str, len, NULL));
      }
      break;

    case GLOSS_JSON_ARRAY:
      fuzz_check (depth < GLOSS_SIDECAR_MAX_DEPTH);
      for (guint i = 0; i < gloss_json_value_get_length (value); i++)
        check_json_value (gloss_json_value_get_element (value, i), depth + 1);
      break;

    case GLOSS_JSON_OBJECT:
      fuzz_check (depth < GLOSS_SIDECAR_MAX_DEPTH);
      for (guint i = 0; i < gloss_json_value_get_length (value); i++)
        {
          const char *name = gloss_json_value_get_member_name (value, i);
          const GlossJsonValue *member = gloss_json_value_get_member_value (value, i);

          fuzz_check (name != NULL && g_utf8_validate (name, -1, NULL));
          /* Names are unique, so a lookup finds this very member. */
          fuzz_check (gloss_json_value_lookup (value, name) == member);
          check_json_value (member, depth + 1);
        }
      break;

    default:
      fuzz_fail ("the JSON reader gave a value of unknown type %d",
                 (int) gloss_json_value_get_type (value));
    }
}

/* The sidecar loader reads through gloss-json-reader: check its contract
 * on every input, and compare what it accepts with json-glib. */
static void
check_json_reader (const uint8_t *data,
                   size_t         size)
{
  g_autoptr(GlossJsonDoc) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) glib_error = NULL;
  g_autoptr(JsonNode) copy = NULL;
  const GlossJsonValue *root;
  guint line = 0, column = 0;
  gsize skip = 0;

  doc = gloss_json_doc_parse ((const char *) data, size, GLOSS_SIDECAR_MAX_DEPTH,
                              &line, &column, &error);
  if (doc == NULL)
    {
      fuzz_check (error != NULL && error->domain == GLOSS_ERROR);
      fuzz_check (error->code == GLOSS_ERROR_PARSE
                  || error->code == GLOSS_ERROR_INVALID_UTF8
                  || error->code == GLOSS_ERROR_TOO_LARGE);
      fuzz_check (error->message != NULL && g_utf8_validate (error->message, -1, NULL));
      fuzz_check (line >= 1 && column >= 1);
      return;
    }

  fuzz_check (error == NULL);
  root = gloss_json_doc_get_root (doc);
  check_json_value (root, 0);

  /* A deep copy holds the same JSON. */
  copy = gloss_json_value_to_node (root);
  fuzz_check (copy != NULL && json_same (root, copy));

  /* Strict RFC 8259 JSON is JSON to json-glib too, and reads the same
   * (json-glib does not skip a byte order mark: we do it for it). */
  if (size >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    skip = 3;
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, (const char *) data + skip, size - skip, &glib_error))
    fuzz_fail ("the JSON reader accepts what json-glib refuses: %s", glib_error->message);
  if (!json_same (root, json_parser_get_root (parser)))
    fuzz_fail ("the JSON reader and json-glib read different values");
}

/* Oracles: the sidecar
 * ------------------------------------------------------------------------ */

static void
check_problems (GlossSidecar *sidecar)
{
  GPtrArray *problems = gloss_sidecar_get_problems (sidecar);

  fuzz_check (problems != NULL);

  for (guint i = 0; i < problems->len; i++)
    {
      GlossProblem *problem = g_ptr_array_index (problems, i);
      g_autofree char *text = NULL;

      fuzz_check (problem != NULL);
      fuzz_check (problem->message != NULL && problem->message[0] != '\0');
      fuzz_check (g_utf8_validate (problem->message, -1, NULL));
      fuzz_check (problem->location == NULL || g_utf8_validate (problem->location, -1, NULL));
      fuzz_check (problem->severity == GLOSS_SEVERITY_INFO
                  || problem->severity == GLOSS_SEVERITY_WARNING
                  || problem->severity == GLOSS_SEVERITY_ERROR);

      text = gloss_problem_to_string (problem);
      fuzz_check (text != NULL && g_utf8_validate (text, -1, NULL));
    }
}

static void
check_load_result (GlossSidecar *sidecar,
                   gboolean      loaded,
                   const GError *error)
{
  GlossSidecarState state = gloss_sidecar_get_state (sidecar);
  guint n_errors = gloss_sidecar_count_problems (sidecar, GLOSS_SEVERITY_ERROR);
  GlossAnnotationSet *set = gloss_sidecar_get_annotations (sidecar);

  check_problems (sidecar);

  if (loaded)
    {
      fuzz_check (error == NULL);
      fuzz_check (state == GLOSS_SIDECAR_STATE_LOADED || state == GLOSS_SIDECAR_STATE_NEWER);
      fuzz_check (n_errors == 0);
      fuzz_check (g_strcmp0 (gloss_sidecar_get_annotator_id (sidecar), FUZZ_ANNOTATOR_ID) == 0);
      fuzz_check ((state == GLOSS_SIDECAR_STATE_NEWER)
                  == (gloss_sidecar_get_version (sidecar) > GLOSS_SIDECAR_VERSION));
      fuzz_check (gloss_sidecar_is_read_only (sidecar) == (state == GLOSS_SIDECAR_STATE_NEWER));
      if (!gloss_sidecar_was_reanchored (sidecar))
        fuzz_check (!gloss_sidecar_is_dirty (sidecar));
      else
        {
          /* Every annotation is counted once, under its new status. */
          const GlossAnchorReport *r = gloss_sidecar_get_anchor_report (sidecar);
          guint n_orphans = g_list_model_get_n_items (gloss_annotation_set_get_orphans (set));

          fuzz_check (r->kept + r->moved + r->repaired + r->orphaned
                      == gloss_annotation_set_get_n_annotations (set));
          fuzz_check (r->orphaned == n_orphans);
        }
    }
  else
    {
      fuzz_check (error != NULL);
      fuzz_check (error->domain == GLOSS_ERROR);
      fuzz_check (error->message != NULL && g_utf8_validate (error->message, -1, NULL));
      fuzz_check (state == GLOSS_SIDECAR_STATE_FAILED);
      fuzz_check (gloss_sidecar_is_read_only (sidecar));
      fuzz_check (n_errors > 0);
      /* A failed load applies nothing. */
      fuzz_check (gloss_annotation_set_get_n_annotations (set) == 0);
      fuzz_check (g_list_model_get_n_items (gloss_annotation_set_get_relations (set)) == 0);
    }
}

/* Placed annotations containing @offset (start <= offset < end) or, when
 * @start < @end, overlapping [start, end): a linear scan, in list order. */
static GPtrArray *
brute_force_query (GListModel *placed,
                   guint       start,
                   guint       end)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (placed);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossAnnotation) annotation = g_list_model_get_item (placed, i);
      guint a_start = gloss_annotation_get_start (annotation);
      guint a_end = gloss_annotation_get_end (annotation);
      gboolean hit;

      if (start == end)
        hit = a_start <= start && start < a_end;
      else
        hit = a_start < end && a_end > start;

      if (hit)
        g_ptr_array_add (result, g_steal_pointer (&annotation));
    }

  return result;
}

static void
check_same_annotations (const char *what,
                        guint       start,
                        guint       end,
                        GPtrArray  *got,
                        GPtrArray  *expected)
{
  gboolean same = got != NULL && got->len == expected->len;

  for (guint i = 0; same && i < got->len; i++)
    same = g_ptr_array_index (got, i) == g_ptr_array_index (expected, i);

  if (!same)
    fuzz_fail ("%s (%u, %u) gave %u annotations, a linear scan %u (or in another order)",
               what, start, end, got != NULL ? got->len : 0, expected->len);
}

static void
check_queries (GlossAnnotationSet *set,
               guint               length)
{
  GListModel *placed = G_LIST_MODEL (set);
  guint n_placed = g_list_model_get_n_items (placed);
  g_autoptr(GArray) probes = g_array_new (FALSE, FALSE, sizeof (guint) * 2);

  /* Points and ranges to ask about: the whole article, its ends, and the
   * bounds, insides and edges of the first annotations. */
  {
    guint whole[2] = { 0, length };
    guint first[2] = { 0, 0 };
    guint last[2] = { length, length };

    g_array_append_val (probes, whole);
    g_array_append_val (probes, first);
    g_array_append_val (probes, last);
  }

  for (guint i = 0; i < n_placed && probes->len < FUZZ_MAX_PROBES; i++)
    {
      g_autoptr(GlossAnnotation) annotation = g_list_model_get_item (placed, i);
      guint start = gloss_annotation_get_start (annotation);
      guint end = gloss_annotation_get_end (annotation);
      guint span[2] = { start, end };
      guint at_start[2] = { start, start };
      guint at_end[2] = { end, end };
      guint before_end[2] = { end - 1, end - 1 };
      guint inner[2] = { start + (end - start) / 2, end };

      g_array_append_val (probes, span);
      g_array_append_val (probes, at_start);
      g_array_append_val (probes, at_end);
      g_array_append_val (probes, before_end);
      g_array_append_val (probes, inner);
    }

  for (guint i = 0; i < probes->len; i++)
    {
      const guint *probe = &g_array_index (probes, guint, 2 * i);
      g_autoptr(GPtrArray) expected = brute_force_query (placed, probe[0], probe[1]);
      g_autoptr(GPtrArray) in_range = gloss_annotation_set_in_range (set, probe[0], probe[1]);

      check_same_annotations ("in_range", probe[0], probe[1], in_range, expected);

      if (probe[0] == probe[1])
        {
          g_autoptr(GPtrArray) at = gloss_annotation_set_at_offset (set, probe[0]);

          check_same_annotations ("at_offset", probe[0], probe[1], at, expected);
        }
    }
}

static void
check_annotation_set (GlossAnnotationSet *set)
{
  GListModel *placed = G_LIST_MODEL (set);
  GListModel *orphans = gloss_annotation_set_get_orphans (set);
  GListModel *relations = gloss_annotation_set_get_relations (set);
  guint n_placed = g_list_model_get_n_items (placed);
  guint n_orphans = g_list_model_get_n_items (orphans);
  guint n_relations = g_list_model_get_n_items (relations);
  guint length = gloss_document_get_length (fuzz_document);
  g_autoptr(GlossAnnotation) previous = NULL;
  g_autoptr(GlossRelation) previous_relation = NULL;

  fuzz_check (gloss_annotation_set_get_document (set) == fuzz_document);
  fuzz_check (gloss_annotation_set_get_n_annotations (set) == n_placed + n_orphans);

  for (guint i = 0; i < n_placed; i++)
    {
      g_autoptr(GlossAnnotation) annotation = g_list_model_get_item (placed, i);
      const char *id = gloss_annotation_get_id (annotation);
      guint start = gloss_annotation_get_start (annotation);
      guint end = gloss_annotation_get_end (annotation);

      fuzz_check (annotation != NULL);
      fuzz_check (id != NULL && id[0] != '\0');
      fuzz_check (!gloss_annotation_is_orphaned (annotation));
      fuzz_check (start < end && end <= length);
      fuzz_check (gloss_document_is_grapheme_boundary (fuzz_document, start));
      fuzz_check (gloss_document_is_grapheme_boundary (fuzz_document, end));
      fuzz_check (gloss_document_slice_equals (fuzz_document, start, end,
                                               gloss_annotation_get_exact (annotation)));
      fuzz_check (gloss_annotation_set_index_of (set, annotation) == i);
      fuzz_check (gloss_annotation_set_lookup (set, id) == annotation);
      if (previous != NULL)
        fuzz_check (gloss_annotation_compare (previous, annotation) < 0);

      g_set_object (&previous, annotation);
    }

  for (guint i = 0; i < n_orphans; i++)
    {
      g_autoptr(GlossAnnotation) orphan = g_list_model_get_item (orphans, i);
      const char *id = gloss_annotation_get_id (orphan);

      fuzz_check (orphan != NULL);
      fuzz_check (id != NULL && id[0] != '\0');
      fuzz_check (gloss_annotation_is_orphaned (orphan));
      fuzz_check (gloss_annotation_set_index_of (set, orphan) == G_MAXUINT);
      fuzz_check (gloss_annotation_set_lookup (set, id) == orphan);
    }

  for (guint i = 0; i < n_relations; i++)
    {
      g_autoptr(GlossRelation) relation = g_list_model_get_item (relations, i);
      const char *from = gloss_relation_get_from (relation);
      const char *to = gloss_relation_get_to (relation);
      g_autoptr(GPtrArray) of_from = NULL;
      g_autoptr(GPtrArray) of_to = NULL;

      fuzz_check (gloss_annotation_set_lookup_relation (set, gloss_relation_get_id (relation)) == relation);
      fuzz_check (gloss_annotation_set_lookup (set, from) != NULL);
      fuzz_check (gloss_annotation_set_lookup (set, to) != NULL);
      if (previous_relation != NULL)
        fuzz_check (gloss_relation_compare (previous_relation, relation) <= 0);

      of_from = gloss_annotation_set_relations_of (set, from);
      of_to = gloss_annotation_set_relations_of (set, to);
      fuzz_check (g_ptr_array_find (of_from, relation, NULL));
      fuzz_check (g_ptr_array_find (of_to, relation, NULL));

      g_set_object (&previous_relation, relation);
    }

  fuzz_check (gloss_annotation_set_lookup (set, "") == NULL);

  if (!fuzz_skip_queries)
    check_queries (set, length);
}

/* The same annotations (by id, with the same bounds, label and text) and
 * relations in both sets. */
static void
check_same_content (GlossAnnotationSet *a,
                    GlossAnnotationSet *b)
{
  GListModel *placed = G_LIST_MODEL (a);
  guint n_placed = g_list_model_get_n_items (placed);

  fuzz_check (gloss_annotation_set_get_n_annotations (a) == gloss_annotation_set_get_n_annotations (b));
  fuzz_check (n_placed == g_list_model_get_n_items (G_LIST_MODEL (b)));
  fuzz_check (g_list_model_get_n_items (gloss_annotation_set_get_orphans (a))
              == g_list_model_get_n_items (gloss_annotation_set_get_orphans (b)));
  fuzz_check (g_list_model_get_n_items (gloss_annotation_set_get_relations (a))
              == g_list_model_get_n_items (gloss_annotation_set_get_relations (b)));

  for (guint i = 0; i < n_placed; i++)
    {
      g_autoptr(GlossAnnotation) x = g_list_model_get_item (placed, i);
      GlossAnnotation *y = gloss_annotation_set_lookup (b, gloss_annotation_get_id (x));

      fuzz_check (y != NULL);
      fuzz_check (gloss_annotation_get_start (x) == gloss_annotation_get_start (y));
      fuzz_check (gloss_annotation_get_end (x) == gloss_annotation_get_end (y));
      fuzz_check (g_strcmp0 (gloss_annotation_get_label (x), gloss_annotation_get_label (y)) == 0);
      fuzz_check (g_strcmp0 (gloss_annotation_get_exact (x), gloss_annotation_get_exact (y)) == 0);
      fuzz_check (g_strcmp0 (gloss_annotation_get_note (x), gloss_annotation_get_note (y)) == 0);
      fuzz_check (!gloss_annotation_is_orphaned (y));
    }
}

static void
check_serialized (GBytes *bytes)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);

  fuzz_check (data != NULL && size >= 3);
  fuzz_check (g_utf8_validate_len (data, size, NULL));
  fuzz_check (memchr (data, '\0', size) == NULL);
  /* One object, one trailing newline. */
  fuzz_check (data[0] == '{' && data[size - 2] == '}' && data[size - 1] == '\n');
}

/* Returns the first serialisation. */
static GBytes *
check_round_trip (GlossSidecar *first)
{
  g_autoptr(GBytes) out1 = NULL;
  g_autoptr(GBytes) out2 = NULL;
  g_autoptr(GlossSidecar) second = NULL;
  g_autoptr(GError) error = NULL;
  gboolean loaded;

  out1 = gloss_sidecar_serialize (first);
  fuzz_check (out1 != NULL);
  check_serialized (out1);

  second = gloss_sidecar_new (fuzz_file, fuzz_document);
  loaded = gloss_sidecar_load_bytes (second, out1, fuzz_labels, &error);
  if (!loaded)
    {
      dump_bytes ("serialised sidecar", out1);
      dump_problems ("the second load", second);
      fuzz_fail ("round trip: the serialised sidecar does not load again: %s",
                 error != NULL ? error->message : "(no error set)");
    }
  check_load_result (second, loaded, error);

  /* What we write names the article as it is now: nothing to re-anchor. */
  fuzz_check (gloss_sidecar_get_state (second) == GLOSS_SIDECAR_STATE_LOADED);
  fuzz_check (!gloss_sidecar_was_reanchored (second));
  fuzz_check (g_strcmp0 (gloss_sidecar_get_annotator_name (first),
                         gloss_sidecar_get_annotator_name (second)) == 0
              || (gloss_sidecar_get_annotator_name (first) == NULL
                  && g_strcmp0 (gloss_sidecar_get_annotator_name (second), "") == 0));

  check_annotation_set (gloss_sidecar_get_annotations (second));
  check_same_content (gloss_sidecar_get_annotations (first),
                      gloss_sidecar_get_annotations (second));

  out2 = gloss_sidecar_serialize (second);
  fuzz_check (out2 != NULL);
  if (!g_bytes_equal (out1, out2))
    {
      gsize n1, n2, at = 0;
      const char *d1 = g_bytes_get_data (out1, &n1);
      const char *d2 = g_bytes_get_data (out2, &n2);

      while (at < n1 && at < n2 && d1[at] == d2[at])
        at++;

      dump_bytes ("first serialisation", out1);
      dump_bytes ("second serialisation", out2);
      fuzz_fail ("round trip: serialising again gives different bytes (first difference at byte %"
                 G_GSIZE_FORMAT ")", at);
    }

  return g_steal_pointer (&out1);
}

static void
reload_or_fail (GlossSidecar *sidecar,
                GBytes       *bytes,
                const char   *what)
{
  g_autoptr(GError) error = NULL;
  gboolean loaded = gloss_sidecar_load_bytes (sidecar, bytes, fuzz_labels, &error);

  if (!loaded)
    {
      dump_bytes (what, bytes);
      dump_problems (what, sidecar);
      fuzz_fail ("reload: %s does not load into the same sidecar: %s", what,
                 error != NULL ? error->message : "(no error set)");
    }
  check_load_result (sidecar, loaded, error);
  fuzz_check (!gloss_sidecar_was_reanchored (sidecar));
  check_annotation_set (gloss_sidecar_get_annotations (sidecar));
}

/* Loading again into the same sidecar (what the app does when the file
 * changes on disk) replaces what it held: first with an empty sidecar,
 * then with @saved, which must serialise to itself again. */
static void
check_reload (GlossSidecar *sidecar,
              GBytes       *saved)
{
  GlossAnnotationSet *set = gloss_sidecar_get_annotations (sidecar);
  g_autoptr(GBytes) again = NULL;

  reload_or_fail (sidecar, fuzz_empty_sidecar, "the empty sidecar");
  fuzz_check (gloss_annotation_set_get_n_annotations (set) == 0);
  fuzz_check (g_list_model_get_n_items (gloss_annotation_set_get_relations (set)) == 0);

  reload_or_fail (sidecar, saved, "the serialised sidecar");
  again = gloss_sidecar_serialize (sidecar);
  if (!g_bytes_equal (saved, again))
    {
      dump_bytes ("serialised sidecar", saved);
      dump_bytes ("serialisation after reloading it", again);
      fuzz_fail ("reload: the same sidecar, reloaded from its own output, serialises differently");
    }
}

/* Entry point
 * ------------------------------------------------------------------------ */

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) input = NULL;
  g_autoptr(GlossSidecar) sidecar = NULL;
  g_autoptr(GError) error = NULL;
  gboolean loaded;

  fuzz_init ();

  if (!fuzz_skip_json)
    check_json_reader (data, size);

  /* Not copied: the sanitizers see a read past the input's end. The
   * pointer is passed as it comes: fuzz-main gives NULL for an empty file. */
  input = g_bytes_new_static (data, size);
  sidecar = gloss_sidecar_new (fuzz_file, fuzz_document);
  fuzz_check (gloss_sidecar_get_state (sidecar) == GLOSS_SIDECAR_STATE_NEW);

  loaded = gloss_sidecar_load_bytes (sidecar, input, fuzz_labels, &error);
  if (fuzz_verbose)
    {
      fprintf (stderr, "load: %s, %u placed, %u orphaned%s\n",
               loaded ? "ok" : "failed",
               g_list_model_get_n_items (G_LIST_MODEL (gloss_sidecar_get_annotations (sidecar))),
               g_list_model_get_n_items (gloss_annotation_set_get_orphans (gloss_sidecar_get_annotations (sidecar))),
               gloss_sidecar_was_reanchored (sidecar) ? ", re-anchored" : "");
      dump_problems ("the load", sidecar);
    }
  check_load_result (sidecar, loaded, error);

  if (loaded)
    {
      g_autoptr(GBytes) saved = NULL;

      check_annotation_set (gloss_sidecar_get_annotations (sidecar));
      if (!fuzz_skip_round_trip)
        saved = check_round_trip (sidecar);
      if (saved != NULL && !fuzz_skip_reload)
        check_reload (sidecar, saved);
    }

  return 0;
}
