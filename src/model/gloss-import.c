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

/* The article file: written, or reused when identical. Only a file that
 * is not there is written: one that cannot be read (or is not a regular
 * file) is left alone, not replaced. */
static gboolean
write_text (GFile              *file,
            const char         *text,
            gsize               length,
            const char         *source,
            GlossImportSummary *summary,
            gboolean           *usable,
            GError            **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *existing = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *message = NULL;
  gsize existing_length;

  *usable = TRUE;

  /* Longer than the new text (TOO_LARGE) means different text: there is
   * no need to read all of it. */
  if (gloss_file_load_contents (file, NULL, length, &existing, &existing_length,
                                NULL, &local_error))
    {
      if (existing_length == length && memcmp (existing, text, length) == 0)
        return TRUE;
    }
  else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return g_file_set_contents_full (path, text, length, G_FILE_SET_CONTENTS_CONSISTENT, 0666, error);
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

gboolean
gloss_import_write_article (GFile              *folder,
                            const char         *name,
                            const char         *text,
                            gssize              length,
                            const char         *annotator_id,
                            GPtrArray          *annotations,
                            GPtrArray          *relations,
                            const char         *source,
                            GlossImportSummary *summary,
                            GError            **error)
{
  g_autoptr(GFile) article = g_file_get_child (folder, name);
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

  document = gloss_document_new_from_file (article, NULL, &local_error);
  if (document == NULL)
    {
      add_problem (summary, source, local_error->message);
      return TRUE;
    }
  summary->articles++;

  sidecar = gloss_sidecar_new_for_document (document, annotator_id);
  if (g_file_query_exists (gloss_sidecar_get_file (sidecar), NULL))
    {
      g_autofree char *path = g_file_get_path (gloss_sidecar_get_file (sidecar));
      g_autofree char *message = g_strdup_printf (_("“%s” already exists; not overwritten"), path);
      add_problem (summary, source, message);
      return TRUE;
    }

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
            g_strdup_printf (_("span %s %u–%u does not fit the text (%u code points) or repeats an id; skipped"),
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
  if (!gloss_sidecar_save (sidecar, NULL, error))
    return FALSE;

  summary->sidecars++;
  return TRUE;
}
