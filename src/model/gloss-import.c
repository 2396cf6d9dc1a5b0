/* gloss-import.c — what the importers share: the summary, and writing an
 * article with its sidecar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gloss-annotation-set.h"
#include "gloss-error.h"
#include "gloss-file-load.h"
#include "gloss-import.h"
#include "gloss-sidecar.h"

/* The sidecar's top-level key for a doccano example's comments. */
#define GLOSS_IMPORT_KEY_DOCCANO_COMMENTS "doccano-comments"

void
gloss_import_summary_init (GlossImportSummary *summary)
{
  memset (summary, 0, sizeof *summary);
  summary->problems = g_ptr_array_new_with_free_func (g_free);
}

void
gloss_import_summary_clear (GlossImportSummary *summary)
{
  g_clear_pointer (&summary->problems, g_ptr_array_unref);
}

static void
append_part (GString *out,
             char    *part)
{
  if (out->len > 0)
    g_string_append (out, ", ");
  g_string_append (out, part);
  g_free (part);
}

/* The format stays a literal at each call, for the compiler's checks. */
#define append_count(out, count, singular, plural) \
  append_part (out, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, singular, plural, count), count))

char *
gloss_import_summary_to_string (const GlossImportSummary *summary)
{
  GString *out = g_string_new (NULL);

  append_count (out, summary->articles, "%u article", "%u articles");
  append_count (out, summary->sidecars, "%u sidecar", "%u sidecars");
  append_count (out, summary->spans, "%u span", "%u spans");
  append_count (out, summary->relations, "%u relation", "%u relations");
  if (summary->notes > 0)
    append_count (out, summary->notes, "%u note", "%u notes");
  if (summary->attributes > 0)
    append_count (out, summary->attributes, "%u attribute kept", "%u attributes kept");
  if (summary->fragments > 0)
    append_count (out, summary->fragments,
                  "%u discontinuous span split into fragments",
                  "%u discontinuous spans split into fragments");
  if (summary->comments > 0)
    append_count (out, summary->comments, "%u doccano comment kept", "%u doccano comments kept");
  if (summary->skipped > 0)
    append_count (out, summary->skipped, "%u skipped (see the problems)",
                  "%u skipped (see the problems)");

  return g_string_free (out, FALSE);
}

static void
add_problem (GlossImportSummary *summary,
             const char         *source,
             const char         *message)
{
  g_ptr_array_add (summary->problems, g_strdup_printf ("%s: %s", source, message));
  summary->skipped++;
}

/* The local path of @file, or NULL with @error. */
static char *
dup_local_path (GFile   *file,
                GError **error)
{
  char *path = g_file_get_path (file);

  if (path == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("%s: only local folders can be imported into"), name);
    }
  return path;
}

/* The article file: written, or reused when identical. Only a file that
 * is not there is written: one that cannot be read (or is not a regular
 * file) is left alone, not replaced. One this import wrote and has not
 * put in place yet is read from its temporary file. */
static gboolean
write_text (GFile              *file,
            const char         *text,
            gsize               length,
            const char         *source,
            GlossImportSummary *summary,
            gboolean           *usable,
            GError            **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) current = NULL;
  g_autofree char *existing = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *message = NULL;
  const char *pending;
  gsize existing_length;

  *usable = TRUE;

  path = dup_local_path (file, error);
  if (path == NULL)
    return FALSE;
  pending = gloss_file_batch_lookup (summary->batch, path);
  current = pending != NULL ? g_file_new_for_path (pending) : g_object_ref (file);

  /* Longer than the new text (TOO_LARGE) means different text: there is
   * no need to read all of it. */
  if (gloss_file_load_contents (current, NULL, length, &existing, &existing_length,
                                NULL, &local_error))
    {
      if (existing_length == length && memcmp (existing, text, length) == 0)
        return TRUE;
    }
  else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return gloss_file_batch_add (summary->batch, path, text, length, error);
  else if (!g_error_matches (local_error, GLOSS_ERROR, GLOSS_ERROR_TOO_LARGE))
    /* Translators: the second %s says why, e.g. "not a regular file (a FIFO)…" */
    message = g_strdup_printf (_("“%s” already exists and cannot be used (%s); not replaced, its annotations not imported"),
                               path, local_error->message);

  if (message == NULL)
    message = g_strdup_printf (_("“%s” already exists with different text; not replaced, its annotations not imported"),
                               path);
  add_problem (summary, source, message);
  *usable = FALSE;
  return TRUE;
}

static gboolean
write_article (GFile              *folder,
               const char         *name,
               const char         *text,
               gssize              length,
               const char         *annotator_id,
               GPtrArray          *annotations,
               GPtrArray          *relations,
               const char * const *comments,
               GVariant           *document_labels,
               const char         *source,
               GlossImportSummary *summary,
               GError            **error)
{
  g_autoptr(GFile) article = g_file_get_child (folder, name);
  g_autoptr(GFile) sidecar_file = NULL;
  g_autofree char *sidecar_name = NULL;
  g_autofree char *sidecar_path = NULL;
  g_autoptr(GBytes) article_bytes = NULL;
  g_autoptr(GBytes) sidecar_bytes = NULL;
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GlossSidecar) sidecar = NULL;
  g_autoptr(GPtrArray) placed = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) kept_relations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) relation_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) local_error = NULL;
  GlossAnnotationSet *set;
  gboolean usable;

  if (length < 0)
    length = strlen (text);

  if (!write_text (article, text, length, source, summary, &usable, error))
    return FALSE;
  if (!usable)
    return TRUE;

  /* The file holds exactly @text (written or found identical), which may
   * not be at its name yet: the document is made from the text. */
  article_bytes = g_bytes_new_static (text, length);
  document = gloss_document_new_from_bytes (article_bytes, name, &local_error);
  if (document == NULL)
    {
      add_problem (summary, source, local_error->message);
      return TRUE;
    }
  summary->articles++;

  sidecar_name = gloss_sidecar_build_name (name, annotator_id);
  sidecar_file = g_file_get_child (folder, sidecar_name);
  sidecar_path = dup_local_path (sidecar_file, error);
  if (sidecar_path == NULL)
    return FALSE;
  if (g_file_query_exists (sidecar_file, NULL)
      || gloss_file_batch_lookup (summary->batch, sidecar_path) != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” already exists; not overwritten"),
                                                  sidecar_path);
      add_problem (summary, source, message);
      return TRUE;
    }
  sidecar = gloss_sidecar_new (sidecar_file, document);

  set = gloss_sidecar_get_annotations (sidecar);
  for (guint i = 0; annotations != NULL && i < annotations->len; i++)
    {
      GlossAnnotation *annotation = g_ptr_array_index (annotations, i);
      guint start = gloss_annotation_get_start (annotation);
      guint end = gloss_annotation_get_end (annotation);

      if (start >= end || end > gloss_document_get_length (document)
          || !gloss_document_is_grapheme_boundary (document, start)
          || !gloss_document_is_grapheme_boundary (document, end)
          || strlen (gloss_annotation_get_id (annotation)) > GLOSS_SIDECAR_MAX_ID
          || g_hash_table_contains (ids, gloss_annotation_get_id (annotation)))
        {
          g_autofree char *message =
            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "span %s %u–%u does not fit the text (%u code point) or repeats an id; skipped",
                                          "span %s %u–%u does not fit the text (%u code points) or repeats an id; skipped",
                                          gloss_document_get_length (document)),
                             gloss_annotation_get_id (annotation), start, end,
                             gloss_document_get_length (document));
          add_problem (summary, source, message);
          continue;
        }

      gloss_annotation_set_fill_context (set, annotation);
      g_hash_table_add (ids, (gpointer) gloss_annotation_get_id (annotation));
      g_ptr_array_add (placed, g_object_ref (annotation));
      summary->spans++;
      if (gloss_annotation_get_note (annotation)[0] != '\0')
        summary->notes++;
    }

  for (guint i = 0; relations != NULL && i < relations->len; i++)
    {
      GlossRelation *relation = g_ptr_array_index (relations, i);

      /* What the sidecar reader would refuse is never written: a file the
       * import produced must load. */
      if (!g_hash_table_contains (ids, gloss_relation_get_from (relation))
          || !g_hash_table_contains (ids, gloss_relation_get_to (relation))
          || g_str_equal (gloss_relation_get_from (relation), gloss_relation_get_to (relation))
          || strlen (gloss_relation_get_id (relation)) > GLOSS_SIDECAR_MAX_ID
          || g_hash_table_contains (relation_ids, gloss_relation_get_id (relation)))
        {
          g_autofree char *message =
            g_strdup_printf (_("relation %s links a span that was not imported, links a span to itself or repeats an id; skipped"),
                             gloss_relation_get_id (relation));
          add_problem (summary, source, message);
          continue;
        }
      g_hash_table_add (relation_ids, (gpointer) gloss_relation_get_id (relation));
      g_ptr_array_add (kept_relations, g_object_ref (relation));
      summary->relations++;
    }

  gloss_annotation_set_load (set, placed, kept_relations);
  if (comments != NULL && comments[0] != NULL)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_new ();

      for (guint i = 0; comments[i] != NULL; i++)
        json_array_add_string_element (array, comments[i]);
      json_node_take_array (node, array);
      gloss_sidecar_set_extra_member (sidecar, GLOSS_IMPORT_KEY_DOCCANO_COMMENTS, node);
    }
  if (document_labels != NULL)
    {
      GVariantIter iter;
      const char *id;
      GVariant *value;

      g_variant_iter_init (&iter, document_labels);
      while (g_variant_iter_next (&iter, "{&sv}", &id, &value))
        {
          gloss_sidecar_set_document_label (sidecar, id, value);
          g_variant_unref (value);
        }
    }
  sidecar_bytes = gloss_sidecar_serialize (sidecar);
  if (!gloss_file_batch_add (summary->batch, sidecar_path,
                             g_bytes_get_data (sidecar_bytes, NULL),
                             g_bytes_get_size (sidecar_bytes), error))
    return FALSE;

  summary->sidecars++;
  summary->comments += comments != NULL ? g_strv_length ((char **) comments) : 0;
  return TRUE;
}

GlossFileBatch *
gloss_import_begin_writes (GlossImportSummary *summary)
{
  g_return_val_if_fail (summary != NULL, NULL);

  if (summary->batch != NULL)
    return NULL;

  summary->batch = gloss_file_batch_new ();
  return summary->batch;
}

gboolean
gloss_import_end_writes (GlossImportSummary *summary,
                         GlossFileBatch     *began,
                         gboolean            ok,
                         GError            **error)
{
  g_autoptr(GlossFileBatch) batch = NULL;
  g_autoptr(GPtrArray) not_placed = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (summary != NULL, FALSE);

  if (began == NULL)
    return ok;

  g_return_val_if_fail (summary->batch == began, FALSE);
  batch = g_steal_pointer (&summary->batch);

  /* Also after a failure: what was imported before it stays. */
  not_placed = g_ptr_array_new_with_free_func (g_free);
  if (!gloss_file_batch_commit (batch, not_placed, &local_error) && ok)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      ok = FALSE;
    }

  for (guint i = 0; i < not_placed->len; i++)
    {
      add_problem (summary, g_ptr_array_index (not_placed, i),
                   _("appeared while the import was writing it; not overwritten"));
    }

  return ok;
}

gboolean
gloss_import_write_article (GFile              *folder,
                            const char         *name,
                            const char         *text,
                            gssize              length,
                            const char         *annotator_id,
                            GPtrArray          *annotations,
                            GPtrArray          *relations,
                            const char * const *comments,
                            const char         *source,
                            GlossImportSummary *summary,
                            GError            **error)
{
  return gloss_import_write_article_with_fields (folder, name, text, length, annotator_id,
                                                 annotations, relations, comments, NULL,
                                                 source, summary, error);
}

gboolean
gloss_import_write_article_with_fields (GFile              *folder,
                                        const char         *name,
                                        const char         *text,
                                        gssize              length,
                                        const char         *annotator_id,
                                        GPtrArray          *annotations,
                                        GPtrArray          *relations,
                                        const char * const *comments,
                                        GVariant           *document_labels,
                                        const char         *source,
                                        GlossImportSummary *summary,
                                        GError            **error)
{
  /* Called on its own, it writes its two files in a batch of their own. */
  GlossFileBatch *began = gloss_import_begin_writes (summary);
  gboolean ok = write_article (folder, name, text, length, annotator_id, annotations,
                               relations, comments, document_labels, source, summary, error);

  ok = gloss_import_end_writes (summary, began, ok, error);

  if (summary->article_done != NULL)
    summary->article_done (summary->article_done_data);

  return ok;
}

/* Importing in a thread
 * ------------------------------------------------------------------------ */

/* One import, the GTask's data. */
typedef struct
{
  GlossFormat              format;
  GlossOffsetUnit          offsets;
  GFile                   *input;
  GFile                   *output;
  char                    *annotator_id;
  GlossImportSummary       summary;

  GTask                   *task;           /* not a reference: the task owns the job */
  GMainContext            *context;        /* the caller's, where progress goes */
  GlossImportProgressFunc  progress;
  gpointer                 progress_data;
  int                      articles;       /* atomic: the latest count */
  int                      queued;         /* atomic: an update waits on @context */
} ImportJob;

static void
import_job_free (gpointer data)
{
  ImportJob *job = data;

  g_clear_object (&job->input);
  g_clear_object (&job->output);
  g_clear_pointer (&job->annotator_id, g_free);
  gloss_import_summary_clear (&job->summary);
  g_clear_pointer (&job->context, g_main_context_unref);
  g_free (job);
}

/* On the caller's context; holds a reference to the task. */
static gboolean
deliver_progress (gpointer data)
{
  GTask *task = data;
  ImportJob *job = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  /* Cleared before the count is read: a count set after this is queued
   * again rather than lost. */
  g_atomic_int_set (&job->queued, 0);

  if (!g_task_get_completed (task) && !g_cancellable_is_cancelled (cancellable))
    job->progress ((guint) g_atomic_int_get (&job->articles), job->progress_data);

  return G_SOURCE_REMOVE;
}

/* In the worker, after each article: one update at a time is queued, and
 * it reads the latest count when it runs. Not g_main_context_invoke(),
 * which would run the callback right here in the worker whenever it can
 * acquire the caller's context. */
static void
on_article_done (gpointer data)
{
  ImportJob *job = data;
  g_autoptr(GSource) source = NULL;

  g_atomic_int_set (&job->articles, (int) job->summary.articles);
  if (!g_atomic_int_compare_and_exchange (&job->queued, 0, 1))
    return;

  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, deliver_progress, g_object_ref (job->task), g_object_unref);
  g_source_set_static_name (source, "[gloss] import progress");
  g_source_attach (source, job->context);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (job->format == GLOSS_FORMAT_LABEL_STUDIO)
    ok = gloss_import_label_studio (job->input, job->output, job->annotator_id, job->offsets,
                                    &job->summary, cancellable, &error);
  else if (job->format == GLOSS_FORMAT_BRAT)
    ok = gloss_import_brat (job->input, job->output, job->annotator_id, job->offsets,
                            &job->summary, cancellable, &error);
  else if (job->format == GLOSS_FORMAT_UIMA_JSON)
    ok = gloss_import_uima_json (job->input, job->output, job->annotator_id, job->offsets,
                                 &job->summary, cancellable, &error);
  else
    ok = gloss_import_jsonl (job->input, job->format, job->output, job->annotator_id,
                             job->offsets, &job->summary, cancellable, &error);

  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
gloss_import_async (GlossFormat              format,
                    GFile                   *input,
                    GFile                   *output_folder,
                    const char              *annotator_id,
                    GlossOffsetUnit          offsets,
                    GlossImportProgressFunc  progress,
                    gpointer                 progress_data,
                    GCancellable            *cancellable,
                    GAsyncReadyCallback      callback,
                    gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportJob *job;

  g_return_if_fail (G_IS_FILE (input));
  g_return_if_fail (G_IS_FILE (output_folder));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  job = g_new0 (ImportJob, 1);
  job->format = format;
  job->offsets = offsets;
  job->input = g_object_ref (input);
  job->output = g_object_ref (output_folder);
  job->annotator_id = g_strdup (annotator_id);
  gloss_import_summary_init (&job->summary);
  job->context = g_main_context_ref_thread_default ();
  job->progress = progress;
  job->progress_data = progress_data;
  if (progress != NULL)
    {
      job->summary.article_done = on_article_done;
      job->summary.article_done_data = job;
    }

  /* No source object: the caller's objects are never let go in the worker. */
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, gloss_import_async);
  g_task_set_name (task, "[gloss] import");
  job->task = task;
  g_task_set_task_data (task, job, import_job_free);
  g_task_run_in_thread (task, import_thread);
}

gboolean
gloss_import_finish (GAsyncResult        *result,
                     GlossImportSummary  *summary,
                     GError             **error)
{
  ImportJob *job;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gloss_import_async, FALSE);

  job = g_task_get_task_data (G_TASK (result));
  if (summary != NULL)
    {
      /* The summary moves to the caller, without the worker's hook. */
      *summary = job->summary;
      summary->article_done = NULL;
      summary->article_done_data = NULL;
      gloss_import_summary_init (&job->summary);
    }

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Offsets in other units
 * ------------------------------------------------------------------------ */

/* @text as one line a person can read: controls and line separators as
 * escapes, so that a CR LF or a tab shows in a one-line problem. */
static char *
dup_visible (const char *text)
{
  return gloss_import_dup_visible (text, G_MAXUINT);
}

char *
gloss_import_dup_visible (const char *text,
                          guint       max_chars)
{
  GString *out = g_string_new (NULL);
  guint n = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (n == max_chars)
        {
          g_string_append (out, "…");
          break;
        }

      if (c == '\r')
        g_string_append (out, "\\r");
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029)
        g_string_append_printf (out, "\\u%04X", c);
      else
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/* “😀” (U+1F600): the character of @document at code point @offset. */
static char *
dup_character (GlossDocument *document,
               guint          offset)
{
  g_autofree char *slice = gloss_document_dup_slice (document, offset, offset + 1);
  g_autofree char *visible = dup_visible (slice);

  /* Translators: a character and its code point, e.g. “😀” (U+1F600) */
  return g_strdup_printf (_("“%s” (U+%04X)"), visible, g_utf8_get_char (slice));
}

static char *
dup_length (GlossOffsetUnit unit,
            guint           length)
{
  switch (unit)
    {
    case GLOSS_OFFSETS_UTF16:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u UTF-16 code unit",
                                           "%u UTF-16 code units", length), length);
    case GLOSS_OFFSETS_BYTES:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u byte", "%u bytes", length),
                              length);
    case GLOSS_OFFSETS_CODE_POINTS:
    default:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u code point", "%u code points",
                                           length), length);
    }
}

gboolean
gloss_import_offset_to_code_points (GlossDocument    *document,
                                    guint             offset,
                                    GlossOffsetUnit   unit,
                                    guint            *code_point,
                                    char            **why)
{
  guint bom, length, point, back;

  g_return_val_if_fail (GLOSS_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (code_point != NULL && why != NULL, FALSE);

  /* The consumer counted the BOM as a character (three bytes in UTF-8);
   * Gloss's text starts after it. */
  bom = !gloss_document_has_bom (document) ? 0 : unit == GLOSS_OFFSETS_BYTES ? 3 : 1;
  *why = NULL;
  switch (unit)
    {
    case GLOSS_OFFSETS_UTF16:
      length = gloss_document_get_utf16_length (document);
      break;
    case GLOSS_OFFSETS_BYTES:
      length = (guint) gloss_document_get_n_bytes (document);
      break;
    case GLOSS_OFFSETS_CODE_POINTS:
    default:
      length = gloss_document_get_length (document);
      break;
    }

  if (offset > length + bom)
    {
      g_autofree char *units = dup_length (unit, length + bom);
      /* Translators: %s is a length, e.g. "40 UTF-16 code units" */
      *why = g_strdup_printf (_("%u is past the end of the text (%s)"), offset, units);
      return FALSE;
    }

  if (offset < bom)
    {
      *why = g_strdup_printf (_("%u is on the byte order mark (U+FEFF) that starts the text, which is not part of the article"),
                              offset);
      return FALSE;
    }
  offset -= bom;

  switch (unit)
    {
    case GLOSS_OFFSETS_UTF16:
      point = gloss_document_utf16_to_offset (document, offset);
      back = gloss_document_offset_to_utf16 (document, point);
      if (back != offset)
        {
          g_autofree char *character = dup_character (document, point);
          *why = g_strdup_printf (_("%u splits the surrogate pair of %s"), offset + bom, character);
          return FALSE;
        }
      break;

    case GLOSS_OFFSETS_BYTES:
      point = gloss_document_byte_to_offset (document, offset);
      back = (guint) gloss_document_offset_to_byte (document, point);
      if (back != offset)
        {
          g_autofree char *character = dup_character (document, point);
          *why = g_strdup_printf (_("%u is inside the UTF-8 bytes of %s"), offset + bom, character);
          return FALSE;
        }
      break;

    case GLOSS_OFFSETS_CODE_POINTS:
    default:
      point = offset;
      break;
    }

  *code_point = point;
  return TRUE;
}

/* The grapheme cluster around @offset, which is not a boundary. */
static char *
dup_cluster (GlossDocument *document,
             guint          offset)
{
  guint start = gloss_document_prev_grapheme_boundary (document, offset);
  guint end = gloss_document_next_grapheme_boundary (document, offset);
  g_autofree char *slice = gloss_document_dup_slice (document, start, end);
  g_autofree char *visible = dup_visible (slice);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "“%s”, %u code point shown as one character",
                                       "“%s”, %u code points shown as one character",
                                       end - start),
                          visible, end - start);
}

char *
gloss_import_dup_span_problem (GlossDocument *document,
                               guint          start,
                               guint          end)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (document), NULL);

  if (start == end)
    return g_strdup (_("it is empty"));
  if (start > end)
    return g_strdup (_("it ends before it starts"));

  if (!gloss_document_is_grapheme_boundary (document, start))
    {
      g_autofree char *cluster = dup_cluster (document, start);
      /* Translators: %s is e.g. “👨‍👩‍👧”, 5 code points shown as one character */
      return g_strdup_printf (_("it starts inside %s"), cluster);
    }

  if (!gloss_document_is_grapheme_boundary (document, end))
    {
      g_autofree char *cluster = dup_cluster (document, end);
      return g_strdup_printf (_("it ends inside %s"), cluster);
    }

  return NULL;
}

void
gloss_import_add_problem (GlossImportSummary *summary,
                          const char         *location,
                          char               *message)
{
  g_ptr_array_add (summary->problems, g_strdup_printf ("%s: %s", location, message));
  summary->skipped++;
  g_free (message);
}

void
gloss_import_add_warning (GlossImportSummary *summary,
                          const char         *location,
                          char               *message)
{
  g_ptr_array_add (summary->problems, g_strdup_printf ("%s: %s", location, message));
  summary->warnings++;
  g_free (message);
}
