/* gloss-import-label-studio.c — Label Studio tasks into articles and sidecars
 *
 * Reads a JSON list of tasks (or one task object) as Label Studio exports
 * them and as Gloss's label-studio export writes them (docs/label-studio.md):
 *
 *   {"id", "data": {"text": TEXT}, "meta": {"gloss_article": PATH},
 *    "annotations": [{"completed_by", "was_cancelled", "result": [RESULT…]}],
 *    "predictions": [{"model_version", "score", "result": [RESULT…]}]}
 *
 * Each task is an article, named by meta.gloss_article (a relative path),
 * else by its id, else by its place in the list. Each annotation goes to
 * the sidecar of its annotator: --annotator, or an id made from
 * completed_by (an object's "username", else its email's local part, else
 * "user-ID"; a number: "user-N"). A second annotation of one annotator on
 * one task goes to "ID-2" (and so on), said in a warning: nothing is lost.
 * "labels" results become spans (the region id kept), per-region
 * "textarea" results their notes, "relation" results relations. Anything
 * else — another result type, "choices", a region of another object, a
 * label list of more than one label, a cancelled annotation — is a problem
 * naming the task's index and the result's id, never dropped unsaid.
 * Predictions are imported only as suggestions
 * (gloss_import_label_studio_predictions(), for gloss-import-suggestions.c);
 * a plain import reports how many it left.
 *
 * A file that is not JSON, not UTF-8, or neither a list nor an object is
 * refused whole with its line and column: nothing is written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "gloss-annotation.h"
#include "gloss-corpus.h"
#include "gloss-document.h"
#include "gloss-error.h"
#include "gloss-file-load.h"
#include "gloss-import.h"
#include "gloss-import-label-studio.h"
#include "gloss-json-reader.h"
#include "gloss-relation.h"
#include "gloss-sidecar.h"

/* Larger files are refused. */
#define MAX_INPUT_BYTES ((gsize) 1024 * 1024 * 1024)

/* Texts quoted in a problem are cut after this many characters. */
#define MAX_EXCERPT_CHARS 60

/* A path component from meta.gloss_article is cut to this many bytes. */
#define MAX_NAME_BYTES 100

typedef struct
{
  GlossImportSummary *summary;
  const char         *location;     /* "FILE: task[N]", for problems */
  GlossDocument      *document;
  GlossOffsetUnit     unit;
  const char         *to_name;      /* the text object the regions are on, once known */
  GPtrArray          *annotations;  /* GlossAnnotation */
  GPtrArray          *relations;    /* GlossRelation */
  GHashTable         *spans;        /* region id → GlossAnnotation (borrowed) */
  /* Predictions: each span's score (id → double*), and the prefix that
   * makes its id unique in the whole import. */
  GHashTable         *scores;
  const char         *id_prefix;
} Task;

#define task_problem(task, ...) \
  gloss_import_add_problem ((task)->summary, (task)->location, g_strdup_printf (__VA_ARGS__))
#define task_warning(task, ...) \
  gloss_import_add_warning ((task)->summary, (task)->location, g_strdup_printf (__VA_ARGS__))

static gboolean
lookup_offset (const GlossJsonValue *object,
               const char           *name,
               guint                *offset)
{
  const GlossJsonValue *value = gloss_json_value_lookup_typed (object, name, GLOSS_JSON_INTEGER);
  gint64 number;

  if (value == NULL)
    return FALSE;
  number = gloss_json_value_get_int (value);
  if (number < 0 || number > G_MAXUINT)
    return FALSE;
  *offset = (guint) number;
  return TRUE;
}

/* A result's id as written, for problems: a string, a number, or "?". */
static char *
dup_result_name (const GlossJsonValue *result,
                 guint                 index)
{
  const GlossJsonValue *id = gloss_json_value_get_type (result) == GLOSS_JSON_OBJECT
                             ? gloss_json_value_lookup (result, "id") : NULL;

  if (id != NULL && gloss_json_value_get_type (id) == GLOSS_JSON_STRING)
    return g_strdup_printf ("result[%u] “%s”", index, gloss_json_value_get_string (id));
  if (id != NULL && gloss_json_value_get_type (id) == GLOSS_JSON_INTEGER)
    return g_strdup_printf ("result[%u] %" G_GINT64_FORMAT, index, gloss_json_value_get_int (id));
  return g_strdup_printf ("result[%u]", index);
}

/* Annotator ids */

/* @raw as an annotator id: lowercased, other characters as "-"; NULL
 * when nothing usable is left. */
static char *
annotator_from_string (const char *raw)
{
  g_autofree char *lower = g_utf8_strdown (raw, -1);
  g_autoptr(GString) id = g_string_new (NULL);

  for (const char *p = lower; *p != '\0' && id->len < GLOSS_SIDECAR_MAX_ID; p++)
    {
      char c = *p;

      if (g_ascii_isalnum (c) || ((c == '-' || c == '_') && id->len > 0))
        g_string_append_c (id, c);
      else if (id->len > 0 && id->str[id->len - 1] != '-')
        g_string_append_c (id, '-');
    }
  while (id->len > 0 && id->str[id->len - 1] == '-')
    g_string_truncate (id, id->len - 1);

  if (!gloss_annotator_id_is_valid (id->str))
    return NULL;
  return g_string_free (g_steal_pointer (&id), FALSE);
}

static char *
annotator_from_email (const char *email)
{
  g_autofree char *local = g_strndup (email, strcspn (email, "@"));

  return annotator_from_string (local);
}

/* Label Studio's completed_by: a user id (a number), or the user as an
 * object ({"id", "email", "username", …}, its full export; Gloss writes
 * {"username"}). */
static char *
annotator_from_completed_by (const GlossJsonValue *value)
{
  char *id = NULL;

  if (value == NULL)
    return NULL;

  switch (gloss_json_value_get_type (value))
    {
    case GLOSS_JSON_INTEGER:
      return g_strdup_printf ("user-%" G_GINT64_FORMAT, gloss_json_value_get_int (value));
    case GLOSS_JSON_STRING:
      return annotator_from_email (gloss_json_value_get_string (value));
    case GLOSS_JSON_OBJECT:
      {
        const char *username = gloss_json_value_lookup_string (value, "username");
        const char *email = gloss_json_value_lookup_string (value, "email");
        const GlossJsonValue *number = gloss_json_value_lookup_typed (value, "id", GLOSS_JSON_INTEGER);

        if (username != NULL)
          id = annotator_from_string (username);
        if (id == NULL && email != NULL)
          id = annotator_from_email (email);
        if (id == NULL && number != NULL)
          id = g_strdup_printf ("user-%" G_GINT64_FORMAT, gloss_json_value_get_int (number));
        return id;
      }
    case GLOSS_JSON_NULL:
    case GLOSS_JSON_BOOLEAN:
    case GLOSS_JSON_DOUBLE:
    case GLOSS_JSON_ARRAY:
    default:
      return NULL;
    }
}

/* The name completed_by gives, as Label Studio has it (a username, or
 * an email's local part), or NULL (a number, nothing): to say when the
 * annotator id made of it differs. */
static char *
completed_by_name (const GlossJsonValue *value)
{
  const char *name = NULL;

  if (value == NULL)
    return NULL;
  if (gloss_json_value_get_type (value) == GLOSS_JSON_STRING)
    name = gloss_json_value_get_string (value);
  else if (gloss_json_value_get_type (value) == GLOSS_JSON_OBJECT)
    {
      g_autofree char *from_username = NULL;

      name = gloss_json_value_lookup_string (value, "username");
      if (name != NULL)
        from_username = annotator_from_string (name);
      if (from_username == NULL)
        name = gloss_json_value_lookup_string (value, "email");
    }
  if (name == NULL)
    return NULL;
  return g_strndup (name, strcspn (name, "@"));
}

/* Whether @task holds, beside its text, a list of objects with "start"
 * and "end" — the spans of a JSON-MIN export. */
static gboolean
has_flattened_spans (const GlossJsonValue *task)
{
  for (guint i = 0; i < gloss_json_value_get_length (task); i++)
    {
      const GlossJsonValue *member = gloss_json_value_get_member_value (task, i);
      const GlossJsonValue *first;

      if (gloss_json_value_get_type (member) != GLOSS_JSON_ARRAY
          || gloss_json_value_get_length (member) == 0)
        continue;
      first = gloss_json_value_get_element (member, 0);
      if (gloss_json_value_get_type (first) == GLOSS_JSON_OBJECT
          && gloss_json_value_lookup (first, "start") != NULL
          && gloss_json_value_lookup (first, "end") != NULL)
        return TRUE;
    }
  return FALSE;
}

/* @base with "-@k", cut so that the whole stays an annotator id. */
static char *
dup_numbered_annotator (const char *base,
                        guint       k)
{
  g_autofree char *suffix = g_strdup_printf ("-%u", k);
  gsize keep = MIN (strlen (base), GLOSS_SIDECAR_MAX_ID - strlen (suffix));

  while (keep > 1 && base[keep - 1] == '-')
    keep--;
  return g_strdup_printf ("%.*s%s", (int) keep, base, suffix);
}

/* Results */

static gboolean
on_text_object (Task                 *task,
                const GlossJsonValue *result,
                const char           *name)
{
  const char *to_name = gloss_json_value_lookup_string (result, "to_name");

  if (to_name == NULL)
    return TRUE;
  if (task->to_name == NULL)
    task->to_name = to_name;
  if (strcmp (to_name, task->to_name) == 0)
    return TRUE;

  task_problem (task, _("%s is on “%s”, not on the text “%s”; not imported"),
                name, to_name, task->to_name);
  return FALSE;
}

static void
read_labels (Task                 *task,
             const GlossJsonValue *result,
             const char           *name,
             guint                 index,
             double                prediction_score,
             gboolean              has_prediction_score)
{
  const GlossJsonValue *value = gloss_json_value_lookup_typed (result, "value", GLOSS_JSON_OBJECT);
  const GlossJsonValue *labels = gloss_json_value_lookup_typed (value, "labels", GLOSS_JSON_ARRAY);
  const GlossJsonValue *id_value = gloss_json_value_lookup (result, "id");
  const GlossJsonValue *score_value = gloss_json_value_lookup (result, "score");
  const char *text = gloss_json_value_lookup_string (value, "text");
  const char *unit = gloss_offset_unit_to_string (task->unit);
  g_autoptr(GlossAnnotation) annotation = NULL;
  g_autofree char *region = NULL;
  g_autofree char *id = NULL;
  g_autofree char *why = NULL;
  const char *label;
  guint start, end, cp_start, cp_end;

  if (!on_text_object (task, result, name))
    return;

  if (id_value != NULL && gloss_json_value_get_type (id_value) == GLOSS_JSON_STRING)
    region = g_strdup (gloss_json_value_get_string (id_value));
  else if (id_value != NULL && gloss_json_value_get_type (id_value) == GLOSS_JSON_INTEGER)
    region = g_strdup_printf ("%" G_GINT64_FORMAT, gloss_json_value_get_int (id_value));
  else
    region = g_strdup_printf ("r%u", index);

  if (labels == NULL || gloss_json_value_get_length (labels) == 0
      || gloss_json_value_get_type (gloss_json_value_get_element (labels, 0)) != GLOSS_JSON_STRING
      || gloss_json_value_get_string (gloss_json_value_get_element (labels, 0))[0] == '\0')
    {
      task_problem (task, _("%s has no label in value.labels; not imported"), name);
      return;
    }
  label = gloss_json_value_get_string (gloss_json_value_get_element (labels, 0));
  if (gloss_json_value_get_length (labels) > 1)
    task_problem (task,
                  g_dngettext (GETTEXT_PACKAGE,
                               "%s has %u label; a Gloss span has one: only “%s” is imported",
                               "%s has %u labels; a Gloss span has one: only “%s” is imported",
                               gloss_json_value_get_length (labels)),
                  name, gloss_json_value_get_length (labels), label);

  if (!lookup_offset (value, "start", &start) || !lookup_offset (value, "end", &end))
    {
      task_problem (task, _("%s has no whole-number value.start and value.end; not imported"), name);
      return;
    }

  if (!gloss_import_offset_to_code_points (task->document, start, task->unit, &cp_start, &why)
      || !gloss_import_offset_to_code_points (task->document, end, task->unit, &cp_end, &why)
      || (why = gloss_import_dup_span_problem (task->document, cp_start, cp_end)) != NULL)
    {
      /* Translators: "result[2] “a-1” at 5–9 in utf16: 5 splits … ; not imported" */
      task_problem (task, _("%s at %u–%u in %s: %s; not imported"), name, start, end, unit, why);
      return;
    }

  if (text != NULL && !gloss_document_slice_equals (task->document, cp_start, cp_end, text))
    {
      g_autofree char *slice = gloss_document_dup_slice (task->document, cp_start, cp_end);
      g_autofree char *there = gloss_import_dup_visible (slice, MAX_EXCERPT_CHARS);
      g_autofree char *given = gloss_import_dup_visible (text, MAX_EXCERPT_CHARS);

      task_problem (task, _("%s at %u–%u in %s: its text “%s” is not the article’s text there (“%s”); not imported"),
                    name, start, end, unit, given, there);
      return;
    }

  if (g_hash_table_contains (task->spans, region))
    {
      task_problem (task, _("%s repeats the region id “%s”; not imported"), name, region);
      return;
    }

  id = task->id_prefix != NULL ? g_strdup_printf ("%s%u", task->id_prefix, index) : g_strdup (region);
  if (strlen (id) > GLOSS_SIDECAR_MAX_ID)
    {
      task_problem (task,
                    g_dngettext (GETTEXT_PACKAGE,
                                 "%s: its id is longer than %d byte; not imported",
                                 "%s: its id is longer than %d bytes; not imported",
                                 GLOSS_SIDECAR_MAX_ID),
                    name, GLOSS_SIDECAR_MAX_ID);
      return;
    }

  annotation = gloss_annotation_new (id, label, cp_start, cp_end);
  g_ptr_array_add (task->annotations, g_object_ref (annotation));
  g_hash_table_insert (task->spans, g_strdup (region), annotation);

  if (task->scores != NULL)
    {
      double score = prediction_score;
      gboolean has_score = has_prediction_score;

      if (score_value != NULL && (gloss_json_value_get_type (score_value) == GLOSS_JSON_DOUBLE
                                  || gloss_json_value_get_type (score_value) == GLOSS_JSON_INTEGER))
        {
          score = gloss_json_value_get_double (score_value);
          has_score = TRUE;
        }
      if (has_score && (!isfinite (score) || score < 0 || score > 1))
        {
          task_warning (task, _("%s: its score is not a number from 0 to 1; imported without a score"), name);
          has_score = FALSE;
        }
      if (has_score)
        g_hash_table_insert (task->scores, g_strdup (id), g_memdup2 (&score, sizeof score));
    }
}

/* A per-region note: the texts of a "textarea" result, one a line. */
static void
read_textarea (Task                 *task,
               const GlossJsonValue *result,
               const char           *name)
{
  const GlossJsonValue *value = gloss_json_value_lookup_typed (result, "value", GLOSS_JSON_OBJECT);
  const GlossJsonValue *texts = gloss_json_value_lookup_typed (value, "text", GLOSS_JSON_ARRAY);
  const char *region = gloss_json_value_lookup_string (result, "id");
  GlossAnnotation *span = region != NULL ? g_hash_table_lookup (task->spans, region) : NULL;
  g_autoptr(GString) note = g_string_new (NULL);

  if (span == NULL)
    {
      task_problem (task, _("%s is a text area of no imported region; not imported"), name);
      return;
    }
  if (texts == NULL)
    {
      task_problem (task, _("%s has no value.text list; not imported"), name);
      return;
    }

  for (guint i = 0; i < gloss_json_value_get_length (texts); i++)
    {
      const GlossJsonValue *text = gloss_json_value_get_element (texts, i);

      if (gloss_json_value_get_type (text) != GLOSS_JSON_STRING)
        continue;
      if (note->len > 0)
        g_string_append_c (note, '\n');
      g_string_append (note, gloss_json_value_get_string (text));
    }

  if (gloss_annotation_get_note (span) != NULL && gloss_annotation_get_note (span)[0] != '\0')
    {
      task_problem (task, _("%s is a second note of region “%s”; not imported"), name, region);
      return;
    }
  if (note->len > GLOSS_SIDECAR_MAX_STRING)
    {
      task_problem (task, _("%s: a note longer than %d KiB; not imported"), name, GLOSS_SIDECAR_MAX_STRING / 1024);
      return;
    }
  gloss_annotation_set_note (span, note->str);
}

static void
read_relation (Task                 *task,
               const GlossJsonValue *result,
               const char           *name,
               guint                 index)
{
  const char *from_region = gloss_json_value_lookup_string (result, "from_id");
  const char *to_region = gloss_json_value_lookup_string (result, "to_id");
  const char *direction = gloss_json_value_lookup_string (result, "direction");
  const GlossJsonValue *labels = gloss_json_value_lookup_typed (result, "labels", GLOSS_JSON_ARRAY);
  GlossAnnotation *from = from_region != NULL ? g_hash_table_lookup (task->spans, from_region) : NULL;
  GlossAnnotation *to = to_region != NULL ? g_hash_table_lookup (task->spans, to_region) : NULL;
  g_autofree char *id = NULL;
  const char *type;

  if (from == NULL || to == NULL)
    {
      task_problem (task, _("%s links regions that were not imported; not imported"), name);
      return;
    }
  if (labels == NULL || gloss_json_value_get_length (labels) == 0
      || gloss_json_value_get_type (gloss_json_value_get_element (labels, 0)) != GLOSS_JSON_STRING
      || gloss_json_value_get_string (gloss_json_value_get_element (labels, 0))[0] == '\0')
    {
      task_problem (task, _("%s has no label; a Gloss relation needs a type: not imported"), name);
      return;
    }
  type = gloss_json_value_get_string (gloss_json_value_get_element (labels, 0));
  if (gloss_json_value_get_length (labels) > 1)
    task_problem (task,
                  g_dngettext (GETTEXT_PACKAGE,
                               "%s has %u label; a Gloss relation has one: only “%s” is imported",
                               "%s has %u labels; a Gloss relation has one: only “%s” is imported",
                               gloss_json_value_get_length (labels)),
                  name, gloss_json_value_get_length (labels), type);
  if (from == to)
    {
      task_problem (task, _("%s links a region to itself; not imported"), name);
      return;
    }

  /* "left" points from to_id to from_id. */
  if (g_strcmp0 (direction, "left") == 0)
    {
      GlossAnnotation *swap = from;

      from = to;
      to = swap;
    }
  else if (g_strcmp0 (direction, "bi") == 0)
    task_warning (task, _("%s goes both ways; imported from “%s” to “%s”"),
                  name, from_region, to_region);

  id = g_strdup_printf ("r-%u", index);
  g_ptr_array_add (task->relations, gloss_relation_new (id, type,
                                                        gloss_annotation_get_id (from),
                                                        gloss_annotation_get_id (to)));
}

/* The results of one annotation or prediction (@what: "annotations[0]"):
 * first the regions, then what refers to them. */
static void
read_results (Task                 *task,
              const GlossJsonValue *results,
              const char           *what,
              double                prediction_score,
              gboolean              has_prediction_score)
{
  guint n = gloss_json_value_get_length (results);

  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n; i++)
      {
        const GlossJsonValue *result = gloss_json_value_get_element (results, i);
        const char *type = gloss_json_value_lookup_string (result, "type");
        g_autofree char *result_name = dup_result_name (result, i);
        g_autofree char *name = g_strdup_printf ("%s.%s", what, result_name);
        gboolean region = g_strcmp0 (type, "labels") == 0;

        if (pass == 0 && region)
          read_labels (task, result, name, i, prediction_score, has_prediction_score);
        else if (pass == 1 && g_strcmp0 (type, "textarea") == 0 && task->scores == NULL)
          read_textarea (task, result, name);
        else if (pass == 1 && g_strcmp0 (type, "relation") == 0 && task->scores == NULL)
          read_relation (task, result, name, i);
        else if (pass == 1 && !region)
          {
            if (type == NULL)
              task_problem (task, _("%s has no “type”; not imported"), name);
            else if (task->scores != NULL && (strcmp (type, "textarea") == 0 || strcmp (type, "relation") == 0))
              task_problem (task, _("%s: a suggestion is a span; this “%s” result is not imported"), name, type);
            else
              task_problem (task, _("%s: Gloss has no place for a “%s” result; not imported"), name, type);
          }
      }
}

/* Tasks */

/* A safe relative path from meta.gloss_article: each part made safe as
 * the jsonl importer makes names (no hidden parts, no ".."), the last one
 * an article name. NULL when nothing usable is left. */
static char *
article_path_from (const char *raw)
{
  g_auto(GStrv) parts = g_strsplit (raw, "/", -1);
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autoptr(GString) part = g_string_new (NULL);

      /* "", "." and "..": no step up, nor a hidden part. */
      if (strspn (parts[i], ".") == strlen (parts[i]))
        continue;

      for (const char *p = parts[i]; *p != '\0' && part->len < MAX_NAME_BYTES; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char_validated (p, -1);

          if (c == (gunichar) -1 || c == (gunichar) -2)
            break;
          if (g_unichar_isalnum (c) || g_unichar_ismark (c)
              || (c < 0x80 && strchr ("-_+@,()", (int) c) != NULL)
              || (c == '.' && part->len > 0))
            g_string_append_unichar (part, c);
          else
            g_string_append_c (part, '_');
        }
      if (part->len == 0 || strspn (part->str, "_") == part->len)
        continue;
      g_ptr_array_add (kept, g_string_free (g_steal_pointer (&part), FALSE));
    }

  if (kept->len == 0)
    return NULL;
  if (!gloss_corpus_is_article_name (g_ptr_array_index (kept, kept->len - 1)))
    {
      char *last = g_ptr_array_index (kept, kept->len - 1);

      kept->pdata[kept->len - 1] = g_strconcat (last, ".txt", NULL);
      g_free (last);
    }
  g_ptr_array_add (kept, NULL);
  joined = g_strjoinv ("/", (char **) kept->pdata);
  return g_steal_pointer (&joined);
}

static char *
article_path_for (const GlossJsonValue *task,
                  guint                 index)
{
  const char *article = gloss_json_value_lookup_string (gloss_json_value_lookup_typed (task, "meta", GLOSS_JSON_OBJECT), "gloss_article");
  const GlossJsonValue *id = gloss_json_value_lookup_typed (task, "id", GLOSS_JSON_INTEGER);
  char *path = article != NULL ? article_path_from (article) : NULL;

  if (path != NULL)
    return path;
  if (id != NULL)
    return g_strdup_printf ("task-%" G_GINT64_FORMAT ".txt", gloss_json_value_get_int (id));
  return g_strdup_printf ("task-%u.txt", index + 1);
}

/* The text: data.text, else the one string of data (a config that names
 * another key). */
static const GlossJsonValue *
find_text (const GlossJsonValue *data)
{
  const GlossJsonValue *text = gloss_json_value_lookup_typed (data, "text", GLOSS_JSON_STRING);
  const GlossJsonValue *only = NULL;

  /* A "text" that is not a string is no text, not a reason to take
   * another member. */
  if (text != NULL || data == NULL || gloss_json_value_get_type (data) != GLOSS_JSON_OBJECT
      || gloss_json_value_lookup (data, "text") != NULL)
    return text;

  for (guint i = 0; i < gloss_json_value_get_length (data); i++)
    {
      const GlossJsonValue *member = gloss_json_value_get_member_value (data, i);

      if (gloss_json_value_get_type (member) != GLOSS_JSON_STRING)
        continue;
      if (only != NULL)
        return NULL;
      only = member;
    }
  return only;
}

/* Writes @task's spans and relations as @annotator's sidecar of the
 * article @path in @output_folder; FALSE only on an I/O error. */
static gboolean
write_task (GFile              *output_folder,
            const char         *path,
            const GlossJsonValue *text,
            const char         *annotator,
            Task               *task,
            GError            **error)
{
  g_autoptr(GFile) article = g_file_resolve_relative_path (output_folder, path);
  g_autoptr(GFile) folder = g_file_get_parent (article);
  g_autofree char *name = g_file_get_basename (article);
  g_autoptr(GError) local_error = NULL;

  if (!g_file_make_directory_with_parents (folder, NULL, &local_error)
      && !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      /* A name this task alone cannot have (too long, a file where its
       * folder would be) skips this task; the others go on. */
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_FILENAME_TOO_LONG)
          || g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY)
          || g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME))
        {
          task_problem (task, _("its article cannot be written there: %s; task skipped"),
                        local_error->message);
          return TRUE;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return gloss_import_write_article (folder, name, gloss_json_value_get_string (text),
                                     gloss_json_value_get_string_length (text), annotator,
                                     task->annotations, task->relations, NULL,
                                     task->location, task->summary, error);
}

static void
task_reset (Task *task)
{
  g_ptr_array_set_size (task->annotations, 0);
  g_ptr_array_set_size (task->relations, 0);
  g_hash_table_remove_all (task->spans);
  task->to_name = NULL;
}

static gboolean
import_task (const GlossJsonValue *value,
             guint                 index,
             const char           *file_name,
             GFile                *output_folder,
             const char           *annotator_id,
             GlossOffsetUnit       unit,
             GHashTable           *scores,
             guint                *n_predictions,
             GlossImportSummary   *summary,
             GError              **error)
{
  g_autofree char *location = g_strdup_printf ("%s: task[%u]", file_name, index);
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) relations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) spans = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = NULL;
  const GlossJsonValue *data, *text, *list, *predictions;
  Task task = { summary, location, NULL, unit, NULL, annotations, relations, spans, NULL, NULL };

  if (gloss_json_value_get_type (value) != GLOSS_JSON_OBJECT)
    {
      task_problem (&task, _("not an object; task skipped"));
      return TRUE;
    }

  /* Label Studio's JSON-MIN and CSV exports flatten a task: its spans
   * are a list of {start, end, labels} beside the text, with no result
   * and no annotator. Read as a task, they would be lost unsaid. */
  if (gloss_json_value_lookup (value, "data") == NULL
      && gloss_json_value_lookup (value, "annotations") == NULL
      && gloss_json_value_lookup (value, "completions") == NULL
      && has_flattened_spans (value))
    {
      task_problem (&task, _("a task of Label Studio’s JSON-MIN export, whose spans have no annotator nor region; export the project as JSON instead; task skipped"));
      return TRUE;
    }

  /* Label Studio takes a task without "data" as its data. */
  data = gloss_json_value_lookup (value, "data") != NULL ? gloss_json_value_lookup_typed (value, "data", GLOSS_JSON_OBJECT) : value;
  text = find_text (data);
  if (text == NULL)
    {
      task_problem (&task, _("no text: data has no “text” string (nor exactly one string of another name); task skipped"));
      return TRUE;
    }

  document = gloss_document_new_from_text (gloss_json_value_get_string (text),
                                           gloss_json_value_get_string_length (text), &local_error);
  if (document == NULL)
    {
      task_problem (&task, _("the text cannot be used: %s; task skipped"), local_error->message);
      return TRUE;
    }
  task.document = document;
  path = article_path_for (value, index);

  predictions = gloss_json_value_lookup_typed (value, "predictions", GLOSS_JSON_ARRAY);
  list = gloss_json_value_lookup_typed (value, "annotations", GLOSS_JSON_ARRAY);
  /* Label Studio before 1.0 named them "completions", in the same shape. */
  if (list == NULL)
    list = gloss_json_value_lookup_typed (value, "completions", GLOSS_JSON_ARRAY);

  if (scores != NULL)
    {
      /* Predictions as one annotator's spans, their scores kept. */
      guint n = predictions != NULL ? gloss_json_value_get_length (predictions) : 0;
      guint n_annotations = list != NULL ? gloss_json_value_get_length (list) : 0;

      if (n_annotations > 0)
        task_warning (&task, g_dngettext (GETTEXT_PACKAGE,
                                          "%u annotation not imported: importing predictions as suggestions",
                                          "%u annotations not imported: importing predictions as suggestions",
                                          n_annotations),
                      n_annotations);
      for (guint j = 0; j < n; j++)
        {
          const GlossJsonValue *prediction = gloss_json_value_get_element (predictions, j);
          const GlossJsonValue *results = gloss_json_value_lookup_typed (prediction, "result", GLOSS_JSON_ARRAY);
          const GlossJsonValue *score = gloss_json_value_get_type (prediction) == GLOSS_JSON_OBJECT
                                        ? gloss_json_value_lookup (prediction, "score") : NULL;
          g_autofree char *what = g_strdup_printf ("predictions[%u]", j);
          g_autofree char *prefix = g_strdup_printf ("t%u-p%u-", index, j);
          gboolean has_score = score != NULL && (gloss_json_value_get_type (score) == GLOSS_JSON_DOUBLE
                                                 || gloss_json_value_get_type (score) == GLOSS_JSON_INTEGER);

          if (results == NULL)
            {
              task_problem (&task, _("%s has no “result” list; not imported"), what);
              continue;
            }
          task.scores = scores;
          task.id_prefix = prefix;
          /* Each prediction's regions are its own. */
          g_hash_table_remove_all (task.spans);
          task.to_name = NULL;
          read_results (&task, results, what, has_score ? gloss_json_value_get_double (score) : 0,
                        has_score);
          task.id_prefix = NULL;
        }
      if (annotations->len == 0)
        return TRUE;
      return write_task (output_folder, path, text, annotator_id, &task, error);
    }

  if (predictions != NULL)
    *n_predictions += gloss_json_value_get_length (predictions);

  if (list == NULL || gloss_json_value_get_length (list) == 0)
    {
      /* The article alone: nobody annotated it yet. */
      if (annotator_id == NULL)
        {
          task_problem (&task, _("no annotation, and no annotator to give its article to; task skipped"));
          return TRUE;
        }
      return write_task (output_folder, path, text, annotator_id, &task, error);
    }

  for (guint j = 0; j < gloss_json_value_get_length (list); j++)
    {
      const GlossJsonValue *annotation = gloss_json_value_get_element (list, j);
      const GlossJsonValue *results = gloss_json_value_lookup_typed (annotation, "result", GLOSS_JSON_ARRAY);
      const GlossJsonValue *cancelled = gloss_json_value_lookup_typed (annotation, "was_cancelled", GLOSS_JSON_BOOLEAN);
      g_autofree char *what = g_strdup_printf ("annotations[%u]", j);
      g_autofree char *annotator = NULL;
      g_autofree char *base = NULL;
      const GlossJsonValue *completed_by;

      if (cancelled != NULL && gloss_json_value_get_boolean (cancelled))
        {
          task_problem (&task, _("%s was cancelled (skipped) in Label Studio; not imported"), what);
          continue;
        }
      if (results == NULL)
        {
          task_problem (&task, _("%s has no “result” list; not imported"), what);
          continue;
        }

      completed_by = gloss_json_value_get_type (annotation) == GLOSS_JSON_OBJECT
                     ? gloss_json_value_lookup (annotation, "completed_by") : NULL;
      base = annotator_id != NULL
             ? g_strdup (annotator_id)
             : annotator_from_completed_by (completed_by);
      if (base != NULL && annotator_id == NULL)
        {
          g_autofree char *name = completed_by_name (completed_by);

          /* Two people whose names differ only where an id cannot hold
           * them would be one annotator: said, every time. */
          if (name != NULL && strcmp (name, base) != 0)
            task_warning (&task, _("%s: “%s” of completed_by is no annotator id; imported as annotator “%s”"),
                          what, name, base);
        }
      if (base == NULL)
        {
          task_problem (&task, _("%s: no annotator in “completed_by”; give one with --annotator; not imported"), what);
          continue;
        }

      /* One sidecar per annotator and article: a second annotation of the
       * same person goes beside it, under a name of its own. */
      annotator = g_strdup (base);
      for (guint k = 2; g_hash_table_contains (used, annotator); k++)
        {
          g_free (annotator);
          annotator = dup_numbered_annotator (base, k);
        }
      if (strcmp (annotator, base) != 0)
        task_warning (&task, _("%s is a second annotation of “%s” on this task; imported as annotator “%s”"),
                      what, base, annotator);
      g_hash_table_add (used, g_strdup (annotator));

      task_reset (&task);
      read_results (&task, results, what, 0, FALSE);
      if (!write_task (output_folder, path, text, annotator, &task, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
import_file (GFile               *input,
             GFile               *output_folder,
             const char          *annotator_id,
             GlossOffsetUnit      offsets,
             GHashTable          *scores,
             GlossImportSummary  *summary,
             GCancellable        *cancellable,
             GError             **error)
{
  g_autofree char *file_name = g_file_get_parse_name (input);
  g_autofree char *contents = NULL;
  g_autoptr(GlossJsonDoc) doc = NULL;
  g_autoptr(GError) parse_error = NULL;
  const GlossJsonValue *root;
  guint error_line = 0, error_column = 0;
  guint n_predictions = 0;
  gsize length = 0;

  if (!gloss_format_check_offsets (GLOSS_FORMAT_LABEL_STUDIO, offsets, error))
    return FALSE;

  if (annotator_id != NULL && !gloss_annotator_id_is_valid (annotator_id))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   _("“%s” is not a valid annotator id (lowercase letters, digits, “-” and “_”)"),
                   annotator_id);
      return FALSE;
    }

  if (!gloss_file_load_contents (input, file_name, MAX_INPUT_BYTES, &contents, &length, cancellable, error))
    return FALSE;

  doc = gloss_json_doc_parse (contents, length, GLOSS_SIDECAR_MAX_DEPTH,
                              &error_line, &error_column, &parse_error);
  if (doc == NULL)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_PARSE,
                   /* Translators: FILE:LINE:COLUMN: what; nothing imported */
                   _("%s:%u:%u: %s; nothing imported"),
                   file_name, error_line, error_column, parse_error->message);
      return FALSE;
    }

  root = gloss_json_doc_get_root (doc);
  if (gloss_json_value_get_type (root) != GLOSS_JSON_ARRAY
      && gloss_json_value_get_type (root) != GLOSS_JSON_OBJECT)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_PARSE,
                   _("%s: not a list of Label Studio tasks nor a task (%s); nothing imported"),
                   file_name, gloss_json_value_describe_type (root));
      return FALSE;
    }

  if (g_file_make_directory_with_parents (output_folder, cancellable, &parse_error) == FALSE
      && !g_error_matches (parse_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&parse_error));
      return FALSE;
    }

  if (gloss_json_value_get_type (root) == GLOSS_JSON_OBJECT)
    {
      if (!import_task (root, 0, file_name, output_folder, annotator_id, offsets, scores,
                        &n_predictions, summary, error))
        return FALSE;
    }
  else
    for (guint i = 0; i < gloss_json_value_get_length (root); i++)
      {
        if (g_cancellable_set_error_if_cancelled (cancellable, error))
          return FALSE;
        if (!import_task (gloss_json_value_get_element (root, i), i, file_name, output_folder,
                          annotator_id, offsets, scores, &n_predictions, summary, error))
          return FALSE;
      }

  if (n_predictions > 0)
    {
      g_ptr_array_add (summary->problems,
                       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "%s: %u prediction not imported; use --as-suggestions",
                                                     "%s: %u predictions not imported; use --as-suggestions",
                                                     n_predictions),
                                        file_name, n_predictions));
      summary->skipped += n_predictions;
    }

  return TRUE;
}

gboolean
gloss_import_label_studio (GFile               *input,
                           GFile               *output_folder,
                           const char          *annotator_id,
                           GlossOffsetUnit      offsets,
                           GlossImportSummary  *summary,
                           GCancellable        *cancellable,
                           GError             **error)
{
  GlossFileBatch *began;
  gboolean ok;

  g_return_val_if_fail (G_IS_FILE (input), FALSE);
  g_return_val_if_fail (G_IS_FILE (output_folder), FALSE);
  g_return_val_if_fail (summary != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  began = gloss_import_begin_writes (summary);
  ok = import_file (input, output_folder, annotator_id, offsets, NULL, summary, cancellable, error);
  return gloss_import_end_writes (summary, began, ok, error);
}

gboolean
gloss_import_label_studio_predictions (GFile               *input,
                                       GFile               *output_folder,
                                       const char          *annotator_id,
                                       GlossOffsetUnit      offsets,
                                       GHashTable          *scores,
                                       GlossImportSummary  *summary,
                                       GCancellable        *cancellable,
                                       GError             **error)
{
  GlossFileBatch *began;
  gboolean ok;

  g_return_val_if_fail (annotator_id != NULL, FALSE);
  g_return_val_if_fail (scores != NULL, FALSE);
  g_return_val_if_fail (summary != NULL, FALSE);

  began = gloss_import_begin_writes (summary);
  ok = import_file (input, output_folder, annotator_id, offsets, scores, summary, cancellable, error);
  return gloss_import_end_writes (summary, began, ok, error);
}
