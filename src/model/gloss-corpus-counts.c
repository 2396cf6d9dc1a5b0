/* gloss-corpus-counts.c — how far one annotator is on each article of a
 * corpus
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gloss-corpus-counts.h"
#include "gloss-annotation-private.h"
#include "gloss-corpus-labels.h"
#include "gloss-sidecar.h"

static gboolean
file_is_larger_than (GFile        *file,
                     goffset       limit,
                     GCancellable *cancellable)
{
  g_autoptr(GFileInfo) info = NULL;

  if (limit <= 0)
    return FALSE;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, NULL);

  return info != NULL && g_file_info_get_size (info) > limit;
}

/* Not the corpus walk (gloss-corpus-walk.h): one annotator's sidecar per
 * article, files too large left unread, and a count for every article;
 * but the walk's label sets and its policy for a broken label file. */
static void
count_sidecar (GlossArticleCount  *count,
               GlossCorpusArticle *article,
               GFile              *sidecar_file,
               goffset             max_bytes,
               GlossCorpusLabels  *labels,
               GPtrArray          *problems,
               GCancellable       *cancellable)
{
  g_autoptr(GlossProblem) label_problem = NULL;
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GlossSidecar) sidecar = NULL;
  GFile *file = gloss_corpus_article_get_file (article);
  GlossAnnotationSet *annotations;
  GlossLabelSet *label_set;

  if (!gloss_corpus_article_exists (article))
    {
      count->state = GLOSS_ARTICLE_COUNT_FAILED;
      return;
    }

  if (file_is_larger_than (file, max_bytes, cancellable)
      || file_is_larger_than (sidecar_file, max_bytes, cancellable))
    {
      count->state = GLOSS_ARTICLE_COUNT_SKIPPED;
      return;
    }

  document = gloss_document_new_from_file (file, cancellable, NULL);
  if (document == NULL)
    {
      count->state = GLOSS_ARTICLE_COUNT_FAILED;
      return;
    }

  label_set = gloss_corpus_labels_lookup (labels, file, &label_problem);
  if (label_problem != NULL && problems != NULL)
    g_ptr_array_add (problems, g_steal_pointer (&label_problem));

  sidecar = gloss_sidecar_new (sidecar_file, document);
  if (!gloss_sidecar_load (sidecar, label_set, cancellable, NULL))
    {
      count->state = GLOSS_ARTICLE_COUNT_FAILED;
      return;
    }

  annotations = gloss_sidecar_get_annotations (sidecar);
  count->n_annotations =
    gloss_annotation_set_get_n_annotations (annotations)
    + g_list_model_get_n_items (gloss_annotation_set_get_orphans (annotations));
  count->done = gloss_sidecar_get_done (sidecar);
  if (gloss_sidecar_peek_document_labels (sidecar) != NULL)
    count->document_labels = g_variant_ref (gloss_sidecar_peek_document_labels (sidecar));
  if (label_set != NULL)
    count->labels = g_object_ref (label_set);
  count->state = GLOSS_ARTICLE_COUNT_KNOWN;
}

/* An article not started still has fields to set: its label set tells
 * the sidebar which values it can filter by (looked up once per folder). */
static void
look_up_labels (GlossArticleCount  *count,
                GlossCorpusArticle *article,
                GlossCorpusLabels  *labels,
                GPtrArray          *problems)
{
  g_autoptr(GlossProblem) label_problem = NULL;
  GlossLabelSet *label_set;

  label_set = gloss_corpus_labels_lookup (labels, gloss_corpus_article_get_file (article), &label_problem);
  if (label_problem != NULL && problems != NULL)
    g_ptr_array_add (problems, g_steal_pointer (&label_problem));
  if (label_set != NULL)
    count->labels = g_object_ref (label_set);
}

GArray *
gloss_corpus_count_annotations (GlossCorpus   *corpus,
                                const char    *annotator_id,
                                goffset        max_bytes,
                                GPtrArray     *problems,
                                GCancellable  *cancellable,
                                GError       **error)
{
  g_autoptr(GlossCorpusLabels) labels = NULL;
  g_autoptr(GArray) counts = NULL;
  guint n_articles;

  g_return_val_if_fail (GLOSS_IS_CORPUS (corpus), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  labels = gloss_corpus_labels_new ();
  n_articles = gloss_corpus_get_n_articles (corpus);
  counts = g_array_sized_new (FALSE, TRUE, sizeof (GlossArticleCount), n_articles);
  g_array_set_clear_func (counts, gloss_article_count_clear);
  g_array_set_size (counts, n_articles);

  for (guint i = 0; i < n_articles; i++)
    {
      GlossCorpusArticle *article = gloss_corpus_get_article (corpus, i);
      GlossArticleCount *count = &g_array_index (counts, GlossArticleCount, i);
      GFile *sidecar_file = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      count->state = GLOSS_ARTICLE_COUNT_NONE;
      count->n_others = gloss_corpus_article_get_n_sidecars (article);

      if (annotator_id != NULL)
        sidecar_file = gloss_corpus_article_find_sidecar (article, annotator_id);
      if (sidecar_file == NULL)
        {
          look_up_labels (count, article, labels, problems);
          continue;
        }

      count->started = TRUE;
      count->n_others--;
      count_sidecar (count, article, sidecar_file, max_bytes, labels, problems, cancellable);
    }

  return g_steal_pointer (&counts);
}

void
gloss_corpus_progress_from_counts (GArray              *counts,
                                   GlossCorpusProgress *progress)
{
  g_return_if_fail (counts != NULL);
  g_return_if_fail (progress != NULL);

  memset (progress, 0, sizeof *progress);
  progress->n_articles = counts->len;

  for (guint i = 0; i < counts->len; i++)
    {
      const GlossArticleCount *count = &g_array_index (counts, GlossArticleCount, i);

      if (count->started)
        progress->n_started++;
      if (count->state == GLOSS_ARTICLE_COUNT_KNOWN && count->done)
        progress->n_done++;
    }
}

void
gloss_article_count_copy (GlossArticleCount       *dest,
                          const GlossArticleCount *src)
{
  g_return_if_fail (dest != NULL);
  g_return_if_fail (src != NULL);

  *dest = *src;
  if (dest->document_labels != NULL)
    g_variant_ref (dest->document_labels);
  if (dest->labels != NULL)
    g_object_ref (dest->labels);
}

void
gloss_article_count_clear (gpointer data)
{
  GlossArticleCount *count = data;

  g_clear_pointer (&count->document_labels, g_variant_unref);
  g_clear_object (&count->labels);
}

/* Whether @value (a stored field value) holds @wanted, as a filter reads
 * it: a choice's value id, one of a list's, or "true"/"false". */
static gboolean
value_holds (GVariant   *value,
             const char *wanted)
{
  if (value == NULL)
    return FALSE;

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return g_str_equal (g_variant_get_string (value, NULL), wanted);

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY))
    {
      g_autofree const char **values = g_variant_get_strv (value, NULL);

      return g_strv_contains (values, wanted);
    }

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    return g_str_equal (wanted, g_variant_get_boolean (value) ? "true" : "false");

  return FALSE;
}

gboolean
gloss_article_count_matches (const GlossArticleCount *count,
                             const char              *filter)
{
  const char *field, *equals;
  g_autofree char *id = NULL;
  g_autoptr(GVariant) value = NULL;

  g_return_val_if_fail (count != NULL, FALSE);

  if (filter == NULL || filter[0] == '\0')
    return TRUE;
  /* As the sidebar shows it: the mark counts once the sidecar is there. */
  if (g_str_equal (filter, "done"))
    return count->started && count->done;
  if (g_str_equal (filter, "not-done"))
    return !(count->started && count->done);

  if (!g_str_has_prefix (filter, "field:"))
    return FALSE;
  field = filter + strlen ("field:");
  equals = strchr (field, '=');
  if (equals == NULL || equals == field)
    return FALSE;

  id = g_strndup (field, equals - field);
  value = gloss_attribute_map_lookup (count->document_labels, id);

  return value_holds (value, equals + 1);
}

guint
gloss_corpus_counts_count_matching (GArray     *counts,
                                    const char *filter)
{
  guint n = 0;

  g_return_val_if_fail (counts != NULL, 0);

  for (guint i = 0; i < counts->len; i++)
    if (gloss_article_count_matches (&g_array_index (counts, GlossArticleCount, i), filter))
      n++;

  return n;
}

GPtrArray *
gloss_corpus_counts_dup_filter_fields (GArray *counts)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_object_unref);
  GlossLabelSet *last = NULL;

  g_return_val_if_fail (counts != NULL, fields);

  for (guint i = 0; i < counts->len; i++)
    {
      GlossLabelSet *labels = g_array_index (counts, GlossArticleCount, i).labels;
      GPtrArray *declared;

      /* Most articles share one set: look at each run of it once. */
      if (labels == NULL || labels == last)
        continue;
      last = labels;

      declared = gloss_label_set_get_document_fields (labels);
      for (guint j = 0; j < declared->len; j++)
        {
          GlossAttribute *field = g_ptr_array_index (declared, j);
          GlossAttributeType type = gloss_attribute_get_value_type (field);
          const char *id = gloss_attribute_get_id (field);

          if (type != GLOSS_ATTRIBUTE_CHOICE && type != GLOSS_ATTRIBUTE_BOOLEAN)
            continue;
          if (!g_hash_table_add (seen, (gpointer) id))
            continue;
          g_ptr_array_add (fields, g_object_ref (field));
        }
    }

  return fields;
}

typedef struct
{
  GlossCorpus *corpus;
  char        *annotator_id;
  goffset      max_bytes;
  GPtrArray   *problems;
} CountJob;

static void
count_job_free (gpointer data)
{
  CountJob *job = data;

  g_clear_object (&job->corpus);
  g_free (job->annotator_id);
  g_clear_pointer (&job->problems, g_ptr_array_unref);
  g_free (job);
}

static void
count_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CountJob *job = task_data;
  GError *error = NULL;
  GArray *counts;

  counts = gloss_corpus_count_annotations (job->corpus, job->annotator_id, job->max_bytes,
                                           job->problems, cancellable, &error);
  if (counts == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, counts, (GDestroyNotify) g_array_unref);
}

void
gloss_corpus_count_annotations_async (GlossCorpus         *corpus,
                                      const char          *annotator_id,
                                      goffset              max_bytes,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CountJob *job;

  g_return_if_fail (GLOSS_IS_CORPUS (corpus));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  job = g_new0 (CountJob, 1);
  job->corpus = g_object_ref (corpus);
  job->annotator_id = g_strdup (annotator_id);
  job->max_bytes = max_bytes;
  job->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_problem_free);

  /* No source object: the worker may drop the task last, and the caller's
   * objects are only ever in @user_data. */
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, gloss_corpus_count_annotations_async);
  g_task_set_name (task, "gloss_corpus_count_annotations_async");
  g_task_set_task_data (task, job, count_job_free);
  g_task_run_in_thread (task, count_thread);
}

GArray *
gloss_corpus_count_annotations_finish (GAsyncResult  *result,
                                       GPtrArray    **problems,
                                       GError       **error)
{
  CountJob *job;
  GArray *counts;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gloss_corpus_count_annotations_async, NULL);

  if (problems != NULL)
    *problems = NULL;

  counts = g_task_propagate_pointer (G_TASK (result), error);
  if (counts == NULL)
    return NULL;

  /* The thread is over: its problems are ours to take. */
  job = g_task_get_task_data (G_TASK (result));
  if (problems != NULL)
    *problems = g_steal_pointer (&job->problems);

  return counts;
}
