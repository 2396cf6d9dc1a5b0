/* gloss-export.c — the one corpus walker every export format goes through
 *
 * The walker loads each article once, then each chosen annotator's sidecar,
 * and hands every article × annotator record to the writer of the chosen
 * format (gloss-format-writer.c and its subclasses, gloss-format-*.c). It
 * owns what all formats share: which sidecars, which labels, the counts in
 * the summary and the problems. Where the output goes — a temporary file
 * or folder put in place only when the whole export succeeded, never over
 * a file the export did not write unless the person agreed — is
 * gloss-export-output.c's. The asynchronous export, for the dialog, runs
 * the same in a GTask thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gloss-error.h"
#include "gloss-export.h"
#include "gloss-export-output-private.h"
#include "gloss-format-writer.h"

/* The walk
 * ------------------------------------------------------------------------ */

typedef struct
{
  const GlossExportOptions *options;
  GlossFormatWriter        *writer;
  GlossExportSummary       *summary;
  GFile                    *root;
  GHashTable               *label_sets;  /* folder path → GlossLabelSet, NULL if broken */
  GHashTable               *annotators_seen;
  struct _Prefetch         *prefetch;    /* or NULL */
} Walk;

/* Prefetching articles for CoNLL
 *
 * CoNLL needs Unicode word and sentence boundaries, which Pango computes
 * (about 40 ms per MB) — more than loading and writing together. A second
 * thread reads the next articles and computes their boundaries while the
 * walk writes the current one, so both cores work. */

#define PREFETCH_AHEAD 16

typedef struct _Prefetch
{
  GlossCorpus   *corpus;
  GThread       *thread;
  GMutex         mutex;
  GCond          cond;
  GPtrArray     *documents;  /* index → GlossDocument, or NULL: not (yet) there */
  guint          produced;   /* articles the thread has dealt with */
  guint          consumed;   /* articles the walk has taken */
  gboolean       stop;
} Prefetch;

static gpointer
prefetch_thread (gpointer data)
{
  Prefetch *prefetch = data;
  guint n = gloss_corpus_get_n_articles (prefetch->corpus);

  for (guint i = 0; i < n; i++)
    {
      GlossCorpusArticle *article = gloss_corpus_get_article (prefetch->corpus, i);
      GlossDocument *document = NULL;

      g_mutex_lock (&prefetch->mutex);
      while (!prefetch->stop && i >= prefetch->consumed + PREFETCH_AHEAD)
        g_cond_wait (&prefetch->cond, &prefetch->mutex);
      g_mutex_unlock (&prefetch->mutex);
      if (prefetch->stop)
        break;

      /* Errors are left for the walk, which reads the article itself. */
      if (gloss_corpus_article_get_n_sidecars (article) > 0 && gloss_corpus_article_exists (article))
        document = gloss_document_new_from_file (gloss_corpus_article_get_file (article), NULL, NULL);
      if (document != NULL)
        gloss_document_is_sentence_boundary (document, 0);  /* computes the boundaries */

      g_mutex_lock (&prefetch->mutex);
      g_ptr_array_index (prefetch->documents, i) = document;
      prefetch->produced = i + 1;
      g_cond_broadcast (&prefetch->cond);
      g_mutex_unlock (&prefetch->mutex);
    }

  g_mutex_lock (&prefetch->mutex);
  prefetch->produced = n;
  g_cond_broadcast (&prefetch->cond);
  g_mutex_unlock (&prefetch->mutex);
  return NULL;
}

static Prefetch *
prefetch_start (GlossCorpus *corpus)
{
  Prefetch *prefetch = g_new0 (Prefetch, 1);
  guint n = gloss_corpus_get_n_articles (corpus);

  prefetch->corpus = g_object_ref (corpus);
  prefetch->documents = g_ptr_array_new_full (n, NULL);
  g_ptr_array_set_size (prefetch->documents, n);
  g_mutex_init (&prefetch->mutex);
  g_cond_init (&prefetch->cond);
  prefetch->thread = g_thread_new ("gloss-prefetch", prefetch_thread, prefetch);
  return prefetch;
}

/* The article @index as the thread read it (a new reference), or NULL. */
static GlossDocument *
prefetch_take (Prefetch *prefetch,
               guint     index)
{
  GlossDocument *document;

  g_mutex_lock (&prefetch->mutex);
  while (prefetch->produced <= index)
    g_cond_wait (&prefetch->cond, &prefetch->mutex);
  document = g_ptr_array_index (prefetch->documents, index);
  g_ptr_array_index (prefetch->documents, index) = NULL;
  prefetch->consumed = index + 1;
  g_cond_broadcast (&prefetch->cond);
  g_mutex_unlock (&prefetch->mutex);

  return document;
}

static void
prefetch_stop (Prefetch *prefetch)
{
  if (prefetch == NULL)
    return;

  g_mutex_lock (&prefetch->mutex);
  prefetch->stop = TRUE;
  g_cond_broadcast (&prefetch->cond);
  g_mutex_unlock (&prefetch->mutex);
  g_thread_join (prefetch->thread);

  for (guint i = 0; i < prefetch->documents->len; i++)
    g_clear_object ((GlossDocument **) &g_ptr_array_index (prefetch->documents, i));
  g_ptr_array_unref (prefetch->documents);
  g_mutex_clear (&prefetch->mutex);
  g_cond_clear (&prefetch->cond);
  g_object_unref (prefetch->corpus);
  g_free (prefetch);
}

static void
add_problem (GlossExportSummary *summary,
             char               *line)
{
  g_ptr_array_add (summary->problems, line);
}

static void
add_file_problem (GlossExportSummary *summary,
                  GFile              *file,
                  const char         *message)
{
  g_autofree char *name = g_file_get_parse_name (file);

  add_problem (summary, g_strdup_printf ("%s: %s", name, message));
}

/* The nearest label set for @article's folder, looked up once per folder.
 * A broken label file is reported once, its lines one problem each. */
static GlossLabelSet *
walk_lookup_labels (Walk  *walk,
                    GFile *article)
{
  g_autoptr(GFile) folder = g_file_get_parent (article);
  g_autofree char *key = g_file_get_path (folder);
  g_autoptr(GError) error = NULL;
  GlossLabelSet *set;
  gpointer value;

  if (key == NULL)
    key = g_file_get_uri (folder);

  if (g_hash_table_lookup_extended (walk->label_sets, key, NULL, &value))
    return value;

  set = gloss_label_set_find_for_folder (folder, &error);
  if (set == NULL)
    {
      g_auto(GStrv) lines = g_strsplit (error->message, "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        if (lines[i][0] != '\0')
          add_problem (walk->summary, g_strdup (lines[i]));
    }

  g_hash_table_insert (walk->label_sets, g_steal_pointer (&key), set);
  return set;
}

static gboolean
annotator_is_chosen (const GlossExportOptions *options,
                     const char               *annotator)
{
  return options->annotators == NULL
         || g_strv_contains ((const char * const *) options->annotators, annotator);
}

static char *
article_id_for (GFile *root,
                GFile *article)
{
  char *relative = root != NULL ? g_file_get_relative_path (root, article) : NULL;

  /* Outside the root (a caller's choice): the whole path is still unique. */
  if (relative == NULL)
    relative = g_file_get_parse_name (article);

#ifdef G_OS_WIN32
  g_strdelimit (relative, "\\", '/');
#endif

  return relative;
}

/* The first error of a failed sidecar as one "FILE: LOCATION: message"
 * line, saying how many more there are (validate lists them all). */
static char *
describe_failed_sidecar (GlossSidecar *sidecar,
                         const GError *error)
{
  GPtrArray *problems = gloss_sidecar_get_problems (sidecar);
  const GlossProblem *first = NULL;
  guint n_errors = 0;
  g_autofree char *line = NULL;

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const GlossProblem *problem = g_ptr_array_index (problems, i);

      if (problem->severity != GLOSS_SEVERITY_ERROR)
        continue;
      if (first == NULL)
        first = problem;
      n_errors++;
    }

  if (first != NULL)
    line = gloss_problem_to_string (first);
  else
    {
      g_autofree char *name = g_file_get_parse_name (gloss_sidecar_get_file (sidecar));
      line = g_strdup_printf ("%s: %s", name,
                              error != NULL ? error->message : _("cannot be read"));
    }

  if (n_errors > 1)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%s (and %u more problem)",
                                         "%s (and %u more problems)",
                                         n_errors - 1),
                            line, n_errors - 1);

  return g_steal_pointer (&line);
}

static guint
count_orphans (GlossSidecar             *sidecar,
               const GlossExportOptions *options)
{
  GListModel *orphans = gloss_annotation_set_get_orphans (gloss_sidecar_get_annotations (sidecar));
  guint n = g_list_model_get_n_items (orphans);
  guint count = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossAnnotation) orphan = g_list_model_get_item (orphans, i);

      if (gloss_export_options_wants_label (options, gloss_annotation_get_label (orphan)))
        count++;
    }

  return count;
}

/* What the record holds once filtered; the writers count only what their
 * format loses, so the figures mean the same in every format. */
static void
count_record (GlossExportSummary      *summary,
              GlossFormatWriter       *writer,
              const GlossExportRecord *record)
{
  g_autoptr(GPtrArray) spans = gloss_format_writer_dup_spans (writer, record);
  g_autoptr(GPtrArray) relations = gloss_format_writer_dup_relations (writer, record, spans);

  summary->records++;
  summary->spans += spans->len;
  summary->relations += relations->len;

  for (guint i = 0; i < spans->len; i++)
    {
      const char *note = gloss_annotation_get_note (g_ptr_array_index (spans, i));

      if (note != NULL && note[0] != '\0')
        summary->notes++;
    }
}

/* Exports every chosen sidecar of @article; FALSE only when writing fails. */
static gboolean
walk_article (Walk                *walk,
              GlossCorpusArticle  *article,
              guint                index,
              GCancellable        *cancellable,
              GError             **error)
{
  GFile *file = gloss_corpus_article_get_file (article);
  guint n_sidecars = gloss_corpus_article_get_n_sidecars (article);
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *article_id = NULL;
  GlossLabelSet *labels;
  guint n_chosen = 0;
  gboolean exported = FALSE;

  /* Taken for every article, skipped or not, so the thread moves on. */
  if (walk->prefetch != NULL)
    document = prefetch_take (walk->prefetch, index);

  for (guint j = 0; j < n_sidecars; j++)
    {
      const char *annotator = gloss_corpus_article_get_annotator (article, j);

      if (annotator_is_chosen (walk->options, annotator))
        {
          g_hash_table_add (walk->annotators_seen, g_strdup (annotator));
          n_chosen++;
        }
    }

  /* An article nobody (chosen) annotated is simply not part of the dataset. */
  if (n_chosen == 0)
    return TRUE;

  if (!gloss_corpus_article_exists (article))
    {
      add_file_problem (walk->summary, file, _("the article is missing; its sidecars are not exported"));
      walk->summary->failed++;
      return TRUE;
    }

  if (document == NULL)
    document = gloss_document_new_from_file (file, cancellable, &local_error);
  if (document == NULL)
    {
      /* Cancelled while reading is the export's end, not a bad article. */
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      g_autofree char *message =
        g_strdup_printf (_("the article cannot be used: %s"), local_error->message);

      add_file_problem (walk->summary, file, message);
      walk->summary->failed++;
      return TRUE;
    }

  /* Without its label set a span's kind (entity, quote, claim) would be
   * guessed, and CoNLL or brat would put it in the wrong place: the
   * broken label file was reported, these sidecars are not exported. */
  labels = walk_lookup_labels (walk, file);
  if (labels == NULL)
    {
      walk->summary->failed += n_chosen;
      return TRUE;
    }

  article_id = article_id_for (walk->root, file);

  for (guint j = 0; j < n_sidecars; j++)
    {
      const char *annotator = gloss_corpus_article_get_annotator (article, j);
      g_autoptr(GlossSidecar) sidecar = NULL;
      GlossExportRecord record = { 0 };

      if (!annotator_is_chosen (walk->options, annotator))
        continue;

      sidecar = gloss_sidecar_new (gloss_corpus_article_get_sidecar (article, j), document);
      g_clear_error (&local_error);
      if (!gloss_sidecar_load (sidecar, labels, cancellable, &local_error))
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;

          add_problem (walk->summary, describe_failed_sidecar (sidecar, local_error));
          walk->summary->failed++;
          continue;
        }

      /* Gone between the scan and now (a git checkout, say). */
      if (gloss_sidecar_get_state (sidecar) == GLOSS_SIDECAR_STATE_NEW)
        {
          add_file_problem (walk->summary, gloss_sidecar_get_file (sidecar),
                            _("the sidecar no longer exists"));
          walk->summary->failed++;
          continue;
        }

      walk->summary->lost_orphans += count_orphans (sidecar, walk->options);

      record.document = document;
      record.sidecar = sidecar;
      record.labels = labels;
      record.annotator = annotator;
      record.article_id = article_id;
      record.article_file = file;

      count_record (walk->summary, walk->writer, &record);
      if (!gloss_format_writer_write_record (walk->writer, &record, walk->summary, error))
        return FALSE;
      exported = TRUE;
    }

  if (exported)
    walk->summary->articles++;

  return TRUE;
}

static gboolean
check_options (const GlossExportOptions  *options,
               GError                   **error)
{
  if (gloss_format_to_string (options->format) == NULL)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("unknown export format"));
      return FALSE;
    }

  return gloss_format_check_offsets (options->format, options->offsets, error);
}

/* Chosen annotators that have no sidecar anywhere: most likely a typo, and
 * an empty dataset should not pass for a successful one. */
static void
report_unseen_annotators (Walk *walk)
{
  if (walk->options->annotators == NULL)
    return;

  for (guint i = 0; walk->options->annotators[i] != NULL; i++)
    {
      const char *annotator = walk->options->annotators[i];

      if (!g_hash_table_contains (walk->annotators_seen, annotator))
        {
          add_problem (walk->summary,
                       g_strdup_printf (_("no sidecar of annotator “%s” was found"), annotator));
          walk->summary->failed++;
        }
    }
}

static void
unref_if_set (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

static gboolean
run_writer (Walk                 *walk,
            GlossCorpus          *corpus,
            GlossExportProgress   progress,
            gpointer              progress_data,
            GCancellable         *cancellable,
            GError              **error)
{
  guint n_articles = gloss_corpus_get_n_articles (corpus);

  if (!gloss_format_writer_begin (walk->writer, error))
    return FALSE;

  for (guint i = 0; i < n_articles; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      if (!walk_article (walk, gloss_corpus_get_article (corpus, i), i, cancellable, error))
        return FALSE;

      if (progress != NULL)
        progress (i + 1, n_articles, progress_data);
    }

  /* Also after the last article, so a cancel from the last progress call
   * still leaves the old output in place. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (!gloss_format_writer_end (walk->writer, walk->summary, error))
    return FALSE;

  report_unseen_annotators (walk);
  return TRUE;
}

gboolean
gloss_export_corpus (GlossCorpus               *corpus,
                     GFile                     *root,
                     const GlossExportOptions  *options,
                     GFile                     *output,
                     GlossExportProgress        progress,
                     gpointer                   progress_data,
                     GlossExportSummary        *summary,
                     GCancellable              *cancellable,
                     GError                   **error)
{
  return gloss_export_corpus_full (corpus, root, options, output, progress, progress_data,
                                   NULL, NULL, summary, cancellable, error);
}

gboolean
gloss_export_corpus_full (GlossCorpus               *corpus,
                          GFile                     *root,
                          const GlossExportOptions  *options,
                          GFile                     *output,
                          GlossExportProgress        progress,
                          gpointer                   progress_data,
                          GlossExportConfirm         confirm,
                          gpointer                   confirm_data,
                          GlossExportSummary        *summary,
                          GCancellable              *cancellable,
                          GError                   **error)
{
  g_autoptr(GHashTable) label_sets = NULL;
  g_autoptr(GHashTable) annotators_seen = NULL;
  g_autoptr(GlossExportOutput) dest = NULL;
  g_autoptr(GlossFormatWriter) writer = NULL;
  Walk walk = { 0 };
  gboolean ok;

  g_return_val_if_fail (GLOSS_IS_CORPUS (corpus), FALSE);
  g_return_val_if_fail (root == NULL || G_IS_FILE (root), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (output), FALSE);
  g_return_val_if_fail (summary != NULL && summary->problems != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_options (options, error)
      || !gloss_export_output_check (corpus, options, output, error))
    return FALSE;

  /* Freed on every path: a failed, refused or cancelled export leaves no
   * temporary output, and the old one as it was. */
  dest = gloss_export_output_new (output, options, confirm, confirm_data, summary);
  if (!gloss_export_output_open (dest, cancellable, error))
    return FALSE;

  writer = gloss_format_writer_new (options,
                                    gloss_export_output_get_stream (dest),
                                    gloss_export_output_get_folder (dest));
  if (writer == NULL)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED,
                   _("the %s format cannot be written yet"),
                   gloss_format_to_string (options->format));
      return FALSE;
    }

  label_sets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, unref_if_set);
  annotators_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  walk.options = options;
  walk.writer = writer;
  walk.summary = summary;
  walk.root = root;
  walk.label_sets = label_sets;
  walk.annotators_seen = annotators_seen;
  /* Only CoNLL needs word and sentence boundaries, Pango's costly part. */
  if (options->format == GLOSS_FORMAT_CONLL && gloss_corpus_get_n_articles (corpus) > 1)
    walk.prefetch = prefetch_start (corpus);

  ok = run_writer (&walk, corpus, progress, progress_data, cancellable, error);
  prefetch_stop (walk.prefetch);
  g_clear_object (&writer);

  return ok && gloss_export_output_commit (dest, cancellable, error);
}

/* Asynchronous export
 * ------------------------------------------------------------------------ */

struct _GlossExportReply
{
  GMutex   lock;
  GCond    cond;
  gboolean answered;
  gboolean replace;
};

static void
reply_clear (gpointer data)
{
  GlossExportReply *reply = data;

  g_mutex_clear (&reply->lock);
  g_cond_clear (&reply->cond);
}

static GlossExportReply *
reply_new (void)
{
  GlossExportReply *reply = g_atomic_rc_box_new0 (GlossExportReply);

  g_mutex_init (&reply->lock);
  g_cond_init (&reply->cond);
  return reply;
}

static void
reply_release (GlossExportReply *reply)
{
  g_atomic_rc_box_release_full (reply, reply_clear);
}

/* The first answer counts: a source destroyed unasked answers FALSE. */
static void
reply_set (GlossExportReply *reply,
           gboolean          replace)
{
  g_mutex_lock (&reply->lock);
  if (!reply->answered)
    {
      reply->answered = TRUE;
      reply->replace = replace;
    }
  g_cond_broadcast (&reply->cond);
  g_mutex_unlock (&reply->lock);
}

void
gloss_export_reply_answer (GlossExportReply *reply,
                           gboolean          replace)
{
  g_return_if_fail (reply != NULL);

  reply_set (reply, replace);
  reply_release (reply);
}

/* One asynchronous export: what the worker needs, copied, and the progress
 * waiting to be delivered on the caller's context. */
typedef struct
{
  GlossCorpus         *corpus;
  GFile               *root;
  GFile               *output;
  GlossExportOptions   options;
  GlossExportSummary   summary;
  GMainContext        *context;
  GlossExportProgress  progress;
  GlossExportAsk       ask;
  gpointer             hooks_data;

  /* Only the latest count waits on the main loop: a busy loop sees fewer
   * calls, never an older count after a newer one. */
  GMutex               lock;
  guint                done;
  guint                total;
  gboolean             progress_queued;
} AsyncExport;

static void
async_export_free (gpointer data)
{
  AsyncExport *job = data;

  g_clear_object (&job->corpus);
  g_clear_object (&job->root);
  g_clear_object (&job->output);
  g_clear_pointer (&job->options.annotators, g_strfreev);
  g_clear_pointer (&job->options.labels, g_strfreev);
  gloss_export_summary_clear (&job->summary);
  g_clear_pointer (&job->context, g_main_context_unref);
  g_mutex_clear (&job->lock);
  g_free (job);
}

/* Sources on the caller's context hold the task, so that @job outlives
 * them; they are attached before the task returns, so they run first. */
static void
invoke_on_caller (GTask          *task,
                  GSourceFunc     function,
                  gpointer        data,
                  GDestroyNotify  notify)
{
  AsyncExport *job = g_task_get_task_data (task);
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_priority (source, g_task_get_priority (task));
  g_source_set_callback (source, function, data, notify);
  g_source_set_static_name (source, "[gloss] export progress");
  g_source_attach (source, job->context);
}

static gboolean
deliver_progress (gpointer data)
{
  AsyncExport *job = g_task_get_task_data (data);
  guint done, total;

  g_mutex_lock (&job->lock);
  done = job->done;
  total = job->total;
  job->progress_queued = FALSE;
  g_mutex_unlock (&job->lock);

  job->progress (done, total, job->hooks_data);
  return G_SOURCE_REMOVE;
}

/* The worker's GlossExportProgress. */
static void
queue_progress (guint    done,
                guint    total,
                gpointer data)
{
  GTask *task = data;
  AsyncExport *job = g_task_get_task_data (task);
  gboolean queue;

  g_mutex_lock (&job->lock);
  job->done = done;
  job->total = total;
  queue = !job->progress_queued;
  job->progress_queued = TRUE;
  g_mutex_unlock (&job->lock);

  if (queue)
    invoke_on_caller (task, deliver_progress, g_object_ref (task), g_object_unref);
}

typedef struct
{
  GTask               *task;
  GlossExportExisting *existing;
  GlossExportReply    *reply;  /* NULL once handed to the ask callback */
} Question;

static void
question_free (gpointer data)
{
  Question *question = data;

  /* Never asked (the context went away): the worker must not wait on. */
  if (question->reply != NULL)
    gloss_export_reply_answer (question->reply, FALSE);
  gloss_export_existing_free (question->existing);
  g_object_unref (question->task);
  g_free (question);
}

static gboolean
deliver_question (gpointer data)
{
  Question *question = data;
  AsyncExport *job = g_task_get_task_data (question->task);

  job->ask (question->existing, g_steal_pointer (&question->reply), job->hooks_data);
  return G_SOURCE_REMOVE;
}

static void
wake_reply (GCancellable     *cancellable,
            GlossExportReply *reply)
{
  g_mutex_lock (&reply->lock);
  g_cond_broadcast (&reply->cond);
  g_mutex_unlock (&reply->lock);
}

/* The worker's GlossExportConfirm: asks on the caller's context and waits
 * for the answer or a cancel. */
static gboolean
ask_and_wait (const GlossExportExisting *existing,
              GCancellable              *cancellable,
              gpointer                   data)
{
  GTask *task = data;
  GlossExportReply *reply = reply_new ();
  Question *question = g_new0 (Question, 1);
  gulong handler = 0;
  gboolean replace;

  question->task = g_object_ref (task);
  question->existing = gloss_export_existing_copy (existing);
  question->reply = g_atomic_rc_box_acquire (reply);
  invoke_on_caller (task, deliver_question, question, question_free);

  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (wake_reply), reply, NULL);

  g_mutex_lock (&reply->lock);
  while (!reply->answered && !g_cancellable_is_cancelled (cancellable))
    g_cond_wait (&reply->cond, &reply->lock);
  replace = reply->answered && reply->replace;
  g_mutex_unlock (&reply->lock);

  g_cancellable_disconnect (cancellable, handler);
  reply_release (reply);

  return replace;
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  AsyncExport *job = task_data;
  GError *error = NULL;

  if (gloss_export_corpus_full (job->corpus, job->root, &job->options, job->output,
                                job->progress != NULL ? queue_progress : NULL, task,
                                job->ask != NULL ? ask_and_wait : NULL, task,
                                &job->summary, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
gloss_export_corpus_async (GlossCorpus               *corpus,
                           GFile                     *root,
                           const GlossExportOptions  *options,
                           GFile                     *output,
                           GlossExportProgress        progress,
                           GlossExportAsk             ask,
                           gpointer                   hooks_data,
                           GCancellable              *cancellable,
                           GAsyncReadyCallback        callback,
                           gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;
  AsyncExport *job;

  g_return_if_fail (GLOSS_IS_CORPUS (corpus));
  g_return_if_fail (root == NULL || G_IS_FILE (root));
  g_return_if_fail (options != NULL);
  g_return_if_fail (G_IS_FILE (output));

  job = g_new0 (AsyncExport, 1);
  job->corpus = g_object_ref (corpus);
  job->root = root != NULL ? g_object_ref (root) : NULL;
  job->output = g_object_ref (output);
  job->options = *options;
  job->options.annotators = g_strdupv (options->annotators);
  job->options.labels = g_strdupv (options->labels);
  gloss_export_summary_init (&job->summary);
  job->context = g_main_context_ref_thread_default ();
  job->progress = progress;
  job->ask = ask;
  job->hooks_data = hooks_data;
  g_mutex_init (&job->lock);

  task = g_task_new (corpus, cancellable, callback, user_data);
  g_task_set_source_tag (task, gloss_export_corpus_async);
  g_task_set_name (task, "[gloss] export");
  g_task_set_task_data (task, job, async_export_free);
  /* The blocking export checks the cancellable itself, and must: only it
   * knows when the temporary output is gone. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, export_thread);
}

gboolean
gloss_export_corpus_finish (GAsyncResult        *result,
                            GlossExportSummary  *summary,
                            GError             **error)
{
  AsyncExport *job;

  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gloss_export_corpus_async, FALSE);

  job = g_task_get_task_data (G_TASK (result));
  if (summary != NULL)
    {
      gloss_export_summary_clear (summary);
      *summary = job->summary;
      gloss_export_summary_init (&job->summary);
    }

  return g_task_propagate_boolean (G_TASK (result), error);
}
