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

#include "gloss-corpus-walk.h"
#include "gloss-error.h"
#include "gloss-export.h"
#include "gloss-export-output-private.h"
#include "gloss-format-writer.h"

/* The walk
 *
 * GlossCorpusWalk reads each article, finds its label set and loads the
 * chosen sidecars; what each article brings — problem lines, failures,
 * records to write, progress — is an event, applied in order. Most formats
 * apply them at once, in the walk's own calls. CoNLL needs Pango's word and
 * sentence boundaries (about 40 ms per MB, more than reading and writing
 * together): there the walk runs in a thread of its own (the producer),
 * computing them too, while the calling thread writes (the consumer), so
 * both cores work. The producer never touches the summary, and the events
 * cross in order: the output and the problems are the same either way.
 * ------------------------------------------------------------------------ */

/* How many articles the producer may read ahead of the writer. */
#define READ_AHEAD 16

typedef enum
{
  ENTRY_PROBLEM,  /* a problem line (or none) and failures to count */
  ENTRY_RECORD,   /* a sidecar to export */
} EntryKind;

typedef struct
{
  EntryKind     kind;
  char         *line;       /* ENTRY_PROBLEM: for summary->problems, or NULL */
  guint         n_failed;   /* ENTRY_PROBLEM */
  GlossSidecar *sidecar;    /* ENTRY_RECORD */
  char         *annotator;  /* ENTRY_RECORD */
} Entry;

typedef enum
{
  EVENT_ARTICLE,   /* entries, in the order they arose; then the progress, if any */
  EVENT_PROGRESS,  /* done / total alone */
  EVENT_END,       /* the walk is over: error, or NULL */
} EventKind;

typedef struct
{
  EventKind      kind;
  GArray        *entries;     /* Entry */
  GlossDocument *document;    /* with records */
  GlossLabelSet *labels;
  GFile         *file;
  char          *article_id;
  gboolean       progress;    /* EVENT_ARTICLE: done / total follow it */
  guint          done;
  guint          total;
  GError        *error;
} Event;

static void
entry_clear (gpointer data)
{
  Entry *entry = data;

  g_free (entry->line);
  g_clear_object (&entry->sidecar);
  g_free (entry->annotator);
}

static Event *
event_new (EventKind kind)
{
  Event *event = g_new0 (Event, 1);

  event->kind = kind;
  return event;
}

static void
event_free (Event *event)
{
  g_clear_pointer (&event->entries, g_array_unref);
  g_clear_object (&event->document);
  g_clear_object (&event->labels);
  g_clear_object (&event->file);
  g_free (event->article_id);
  g_clear_error (&event->error);
  g_free (event);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Event, event_free)

static GArray *
entries_new (void)
{
  GArray *entries = g_array_new (FALSE, TRUE, sizeof (Entry));

  g_array_set_clear_func (entries, entry_clear);
  return entries;
}

static void
add_problem_entry (GArray *entries,
                   char   *line,
                   guint   n_failed)
{
  Entry entry = { ENTRY_PROBLEM, line, n_failed, NULL, NULL };

  g_array_append_val (entries, entry);
}

typedef struct
{
  const GlossExportOptions *options;
  GFile                    *root;
  GlossFormatWriter        *writer;
  GlossExportSummary       *summary;
  GlossExportProgress       progress;
  gpointer                  progress_data;
  gboolean                  threaded;     /* a producer thread, or events applied at once */
  GlossCorpusWalk          *walk;
  GCancellable             *cancellable;  /* threaded: the producer's, cancelled with the
                                           * caller's or when the consumer gives up */
  GThread                  *thread;

  GMutex                    lock;
  GCond                     cond;
  GQueue                    events;       /* Event, producer → consumer */
  guint                     n_articles;   /* article events queued */
  gboolean                  stopped;      /* the consumer gave up */
  gboolean                  waiting;      /* either side waits on @cond */

  /* The walk's side only: problems met before the article is handed on
   * (a broken label file), or instead of it (an article that cannot be
   * read), and the article those were about. */
  GArray                   *pending;
  GlossCorpusArticle       *reported;
} Pipe;

static gboolean write_article (Event                    *event,
                               const GlossExportOptions *options,
                               GlossFormatWriter        *writer,
                               GlossExportSummary       *summary,
                               GError                  **error);

/* In the consumer (or at once): what @event says; FALSE only when writing
 * fails. */
static gboolean
apply_event (Pipe    *pipe,
             Event   *event,
             GError **error)
{
  if (event->kind == EVENT_ARTICLE
      && !write_article (event, pipe->options, pipe->writer, pipe->summary, error))
    return FALSE;

  if ((event->kind == EVENT_PROGRESS || event->progress) && pipe->progress != NULL)
    pipe->progress (event->done, event->total, pipe->progress_data);

  return TRUE;
}

/* Applies @event at once, or queues it for the consumer, waiting while it
 * is far enough behind. FALSE only when writing at once fails. */
static gboolean
pipe_push (Pipe    *pipe,
           Event   *event,
           GError **error)
{
  if (!pipe->threaded)
    {
      gboolean ok = apply_event (pipe, event, error);

      event_free (event);
      return ok;
    }

  g_mutex_lock (&pipe->lock);
  while (event->kind == EVENT_ARTICLE && pipe->n_articles >= READ_AHEAD && !pipe->stopped)
    {
      pipe->waiting = TRUE;
      g_cond_wait (&pipe->cond, &pipe->lock);
    }

  if (pipe->stopped)
    event_free (event);
  else
    {
      if (event->kind == EVENT_ARTICLE)
        pipe->n_articles++;
      g_queue_push_tail (&pipe->events, event);
      /* Waking only a side that waits: a futex call per article would
       * cost more than the handing over. */
      if (pipe->waiting)
        {
          pipe->waiting = FALSE;
          g_cond_broadcast (&pipe->cond);
        }
    }
  g_mutex_unlock (&pipe->lock);
  return TRUE;
}

static Event *
pipe_pop (Pipe *pipe)
{
  Event *event;

  g_mutex_lock (&pipe->lock);
  while (g_queue_is_empty (&pipe->events))
    {
      pipe->waiting = TRUE;
      g_cond_wait (&pipe->cond, &pipe->lock);
    }
  event = g_queue_pop_head (&pipe->events);
  if (event->kind == EVENT_ARTICLE)
    pipe->n_articles--;
  if (pipe->waiting)
    {
      pipe->waiting = FALSE;
      g_cond_broadcast (&pipe->cond);
    }
  g_mutex_unlock (&pipe->lock);

  return event;
}

static void
flush_pending (Pipe *pipe)
{
  Event *event;

  if (pipe->pending->len == 0)
    return;

  event = event_new (EVENT_ARTICLE);
  event->entries = g_steal_pointer (&pipe->pending);
  pipe->pending = entries_new ();
  /* Problem lines only: nothing to write, nothing to fail. */
  pipe_push (pipe, event, NULL);
}

static char *
file_problem (GFile      *file,
              const char *message)
{
  g_autofree char *name = g_file_get_parse_name (file);

  return g_strdup_printf ("%s: %s", name, message);
}

/* The walk's problems, as the export words them: an article that cannot
 * be used once (the walk says it once per sidecar), a broken label file
 * one problem a line, and in both cases the sidecars counted as failed —
 * those of a broken label file when their article comes (on_article()). */
static void
on_walk_problem (GlossCorpusArticle *article,
                 GFile              *file,
                 const GlossProblem *problem,
                 gpointer            user_data)
{
  Pipe *pipe = user_data;

  if (article == NULL)
    {
      g_autofree char *text = gloss_problem_to_string (problem);
      g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        if (lines[i][0] != '\0')
          add_problem_entry (pipe->pending, g_strdup (lines[i]), 0);
      return;
    }

  if (article == pipe->reported)
    return;
  pipe->reported = article;

  if (!gloss_corpus_article_exists (article))
    add_problem_entry (pipe->pending,
                       file_problem (gloss_corpus_article_get_file (article),
                                     _("the article is missing; its sidecars are not exported")),
                       1);
  else
    add_problem_entry (pipe->pending,
                       file_problem (gloss_corpus_article_get_file (article), problem->message),
                       1);
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

/* In the producer: what @item brings to the export, in order. */
static gboolean
on_article (const GlossCorpusWalkArticle  *item,
            gpointer                       user_data,
            GError                       **error)
{
  Pipe *pipe = user_data;
  GlossCorpusArticle *article = item->article;
  guint n_sidecars = gloss_corpus_article_get_n_sidecars (article);
  Event *event = event_new (EVENT_ARTICLE);
  guint k = 0;

  event->entries = g_steal_pointer (&pipe->pending);
  pipe->pending = entries_new ();

  /* Without its label set a span's kind (entity, quote, claim) would be
   * guessed, and CoNLL or brat would put it in the wrong place: the
   * broken label file was reported, these sidecars are not exported. */
  if (item->labels == NULL)
    {
      add_problem_entry (event->entries, NULL, item->sidecars->len);
      return pipe_push (pipe, event, error);
    }

  event->document = g_object_ref (item->document);
  event->labels = g_object_ref (item->labels);
  event->file = g_object_ref (gloss_corpus_article_get_file (article));
  event->article_id = article_id_for (pipe->root, event->file);

  /* The sidecars come in the article's annotator order, the chosen ones. */
  for (guint j = 0; j < n_sidecars; j++)
    {
      const char *annotator = gloss_corpus_article_get_annotator (article, j);
      GlossSidecar *sidecar;
      const GError *load_error;
      Entry entry = { ENTRY_RECORD, NULL, 0, NULL, NULL };

      if (!annotator_is_chosen (pipe->options, annotator))
        continue;

      sidecar = g_ptr_array_index (item->sidecars, k);
      load_error = g_ptr_array_index (item->errors, k);
      k++;

      if (load_error != NULL)
        add_problem_entry (event->entries, describe_failed_sidecar (sidecar, load_error), 1);
      /* Gone between the scan and now (a git checkout, say). */
      else if (gloss_sidecar_get_state (sidecar) == GLOSS_SIDECAR_STATE_NEW)
        add_problem_entry (event->entries,
                           file_problem (gloss_sidecar_get_file (sidecar),
                                         _("the sidecar no longer exists")),
                           1);
      else
        {
          entry.sidecar = g_object_ref (sidecar);
          entry.annotator = g_strdup (annotator);
          g_array_append_val (event->entries, entry);
        }
    }

  return pipe_push (pipe, event, error);
}

static void
on_walk_progress (GlossCorpusWalk *walk,
                  guint            done,
                  guint            total,
                  gpointer         user_data)
{
  Pipe *pipe = user_data;
  Event *event;
  gboolean merged;

  /* Problems of an article that was not handed on come before its count. */
  flush_pending (pipe);

  /* Most often the count follows the article just queued: it rides on it. */
  g_mutex_lock (&pipe->lock);
  event = g_queue_peek_tail (&pipe->events);
  merged = event != NULL && event->kind == EVENT_ARTICLE && !event->progress;
  if (merged)
    {
      event->progress = TRUE;
      event->done = done;
      event->total = total;
    }
  g_mutex_unlock (&pipe->lock);
  if (merged)
    return;

  event = event_new (EVENT_PROGRESS);
  event->done = done;
  event->total = total;
  pipe_push (pipe, event, NULL);
}

static gpointer
producer_thread (gpointer data)
{
  Pipe *pipe = data;
  Event *end = event_new (EVENT_END);

  gloss_corpus_walk_run (pipe->walk, pipe->cancellable, &end->error);
  flush_pending (pipe);
  pipe_push (pipe, end, NULL);
  return NULL;
}

static void
cancel_producer (GCancellable *cancellable,
                 GCancellable *producer)
{
  g_cancellable_cancel (producer);
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
  GVariant *fields;

  summary->records++;
  summary->spans += spans->len;
  summary->relations += relations->len;

  for (guint i = 0; i < spans->len; i++)
    {
      GlossAnnotation *span = g_ptr_array_index (spans, i);
      const char *note = gloss_annotation_get_note (span);
      GVariant *attributes = gloss_annotation_peek_attributes (span);

      if (note != NULL && note[0] != '\0')
        summary->notes++;
      /* A format that does not write attributes loses every value, said
       * here, never dropped without a word; one that does counts only
       * what it cannot hold. */
      if (attributes != NULL && !gloss_format_writer_handles_attributes (writer))
        summary->lost_attributes += g_variant_n_children (attributes);
    }

  fields = gloss_sidecar_peek_document_labels (record->sidecar);
  if (fields != NULL && !gloss_format_writer_handles_document_labels (writer))
    summary->lost_fields += g_variant_n_children (fields);
}

/* In the consumer: applies an article's entries; FALSE only when writing
 * fails. */
static gboolean
write_article (Event                    *event,
               const GlossExportOptions *options,
               GlossFormatWriter        *writer,
               GlossExportSummary       *summary,
               GError                  **error)
{
  gboolean exported = FALSE;

  for (guint i = 0; i < event->entries->len; i++)
    {
      Entry *entry = &g_array_index (event->entries, Entry, i);
      GlossExportRecord record = { 0 };

      if (entry->kind == ENTRY_PROBLEM)
        {
          if (entry->line != NULL)
            g_ptr_array_add (summary->problems, g_steal_pointer (&entry->line));
          summary->failed += entry->n_failed;
          continue;
        }

      summary->lost_orphans += count_orphans (entry->sidecar, options);

      record.document = event->document;
      record.sidecar = entry->sidecar;
      record.labels = event->labels;
      record.annotator = entry->annotator;
      record.article_id = event->article_id;
      record.article_file = event->file;

      count_record (summary, writer, &record);
      if (!gloss_format_writer_write_record (writer, &record, summary, error))
        return FALSE;
      exported = TRUE;
    }

  if (exported)
    summary->articles++;

  return TRUE;
}

/* In the consumer: everything until the walk's end, a failure to write or
 * a cancel. */
static gboolean
consume (Pipe          *pipe,
         GCancellable  *cancellable,
         GError       **error)
{
  while (TRUE)
    {
      g_autoptr(Event) event = pipe_pop (pipe);

      if (event->kind == EVENT_END)
        {
          if (event->error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&event->error));
              return FALSE;
            }
          return TRUE;
        }

      if (!apply_event (pipe, event, error))
        return FALSE;

      /* As often as the walk itself looks. */
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
    }
}

/* The walk in a producer thread, the writing in this one. */
static gboolean
run_threaded (Pipe          *pipe,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GCancellable) producer_cancellable = g_cancellable_new ();
  gulong handler = 0;
  gboolean ok;

  pipe->cancellable = producer_cancellable;
  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (cancel_producer),
                                     producer_cancellable, NULL);

  pipe->thread = g_thread_new ("gloss-export-walk", producer_thread, pipe);
  ok = consume (pipe, cancellable, error);

  /* Stop the producer if the consumer gave up, and let it out of a wait. */
  g_cancellable_cancel (producer_cancellable);
  g_mutex_lock (&pipe->lock);
  pipe->stopped = TRUE;
  g_cond_broadcast (&pipe->cond);
  g_mutex_unlock (&pipe->lock);
  g_thread_join (pipe->thread);

  g_cancellable_disconnect (cancellable, handler);
  pipe->cancellable = NULL;
  return ok;
}

/* Walks @corpus and writes each record to @writer. */
static gboolean
walk_and_write (GlossCorpus               *corpus,
                GFile                     *root,
                const GlossExportOptions  *options,
                GlossFormatWriter         *writer,
                GlossExportSummary        *summary,
                GlossExportProgress        progress,
                gpointer                   progress_data,
                GCancellable              *cancellable,
                GError                   **error)
{
  Pipe pipe = { 0 };
  gboolean ok;

  pipe.options = options;
  pipe.root = root;
  pipe.writer = writer;
  pipe.summary = summary;
  pipe.progress = progress;
  pipe.progress_data = progress_data;
  pipe.threaded = options->format == GLOSS_FORMAT_CONLL && gloss_corpus_get_n_articles (corpus) > 1;
  pipe.pending = entries_new ();
  g_mutex_init (&pipe.lock);
  g_cond_init (&pipe.cond);
  g_queue_init (&pipe.events);

  pipe.walk = gloss_corpus_walk_new (corpus, GLOSS_CORPUS_WALK_DEFAULT);
  gloss_corpus_walk_set_annotators (pipe.walk, (const char * const *) options->annotators);
  gloss_corpus_walk_set_article_func (pipe.walk, on_article, &pipe, NULL);
  gloss_corpus_walk_set_problem_func (pipe.walk, on_walk_problem, &pipe, NULL);
  g_signal_connect (pipe.walk, "progress", G_CALLBACK (on_walk_progress), &pipe);

  if (pipe.threaded)
    ok = run_threaded (&pipe, cancellable, error);
  else
    {
      ok = gloss_corpus_walk_run (pipe.walk, cancellable, error);
      flush_pending (&pipe);
    }

  g_queue_clear_full (&pipe.events, (GDestroyNotify) event_free);
  g_array_unref (pipe.pending);
  g_object_unref (pipe.walk);
  g_mutex_clear (&pipe.lock);
  g_cond_clear (&pipe.cond);

  return ok;
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
 * an empty dataset should not pass for a successful one. Read from the
 * corpus's scan, whatever became of the sidecars. */
static void
report_unseen_annotators (GlossCorpus              *corpus,
                          const GlossExportOptions *options,
                          GlossExportSummary       *summary)
{
  g_autoptr(GHashTable) seen = NULL;
  guint n_articles;

  if (options->annotators == NULL)
    return;

  seen = g_hash_table_new (g_str_hash, g_str_equal);
  n_articles = gloss_corpus_get_n_articles (corpus);
  for (guint i = 0; i < n_articles; i++)
    {
      GlossCorpusArticle *article = gloss_corpus_get_article (corpus, i);

      for (guint j = 0; j < gloss_corpus_article_get_n_sidecars (article); j++)
        g_hash_table_add (seen, (gpointer) gloss_corpus_article_get_annotator (article, j));
    }

  for (guint i = 0; options->annotators[i] != NULL; i++)
    {
      const char *annotator = options->annotators[i];

      if (!g_hash_table_contains (seen, annotator))
        {
          g_ptr_array_add (summary->problems,
                           g_strdup_printf (_("no sidecar of annotator “%s” was found"), annotator));
          summary->failed++;
        }
    }
}

static gboolean
run_writer (GlossCorpus               *corpus,
            GFile                     *root,
            const GlossExportOptions  *options,
            GlossFormatWriter         *writer,
            GlossExportSummary        *summary,
            GlossExportProgress        progress,
            gpointer                   progress_data,
            GCancellable              *cancellable,
            GError                   **error)
{
  if (!gloss_format_writer_begin (writer, error))
    return FALSE;

  /* The first check before any thread starts: cancelled before it began
   * is nothing read and nothing written. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error)
      || !walk_and_write (corpus, root, options, writer, summary, progress, progress_data,
                          cancellable, error))
    return FALSE;

  /* Also after the last article, so a cancel from the last progress call
   * still leaves the old output in place. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (!gloss_format_writer_end (writer, summary, error))
    return FALSE;

  report_unseen_annotators (corpus, options, summary);
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
  g_autoptr(GlossExportOutput) dest = NULL;
  g_autoptr(GlossFormatWriter) writer = NULL;
  GlossExportOptions writer_options;
  GFile *companion;
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

  /* The file beside the output goes to a temporary name first, like the
   * output: a refused or failed export leaves the old one too. */
  writer_options = *options;
  companion = gloss_export_output_get_companion (dest);
  if (companion != NULL)
    gloss_export_options_set_companion (&writer_options, companion);

  writer = gloss_format_writer_new (&writer_options,
                                    gloss_export_output_get_stream (dest),
                                    gloss_export_output_get_folder (dest));
  if (writer == NULL)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED,
                   _("the %s format cannot be written yet"),
                   gloss_format_to_string (options->format));
      return FALSE;
    }

  ok = run_writer (corpus, root, options, writer, summary, progress, progress_data,
                   cancellable, error);
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
  g_clear_object (&job->options.label_studio_config);
  g_clear_object (&job->options.hf_dataset_info);
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
  job->options.label_studio_config = options->label_studio_config != NULL
                                     ? g_object_ref (options->label_studio_config) : NULL;
  job->options.hf_dataset_info = options->hf_dataset_info != NULL
                                 ? g_object_ref (options->hf_dataset_info) : NULL;
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
