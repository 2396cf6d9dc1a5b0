/* gloss-corpus-walk.c — one walk over a corpus's articles and sidecars
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gloss-attribute-rules.h"
#include "gloss-corpus-labels.h"
#include "gloss-corpus-walk.h"
#include "gloss-sidecar.h"
#include "gloss-sidecar-check.h"

struct _GlossCorpusWalk
{
  GObject                     parent_instance;

  GlossCorpus                *corpus;
  GlossCorpusWalkFlags        flags;
  GStrv                       annotators;  /* or NULL: all */

  GlossCorpusWalkFunc         article_func;
  gpointer                    article_data;
  GDestroyNotify              article_destroy;
  GlossCorpusWalkProblemFunc  problem_func;
  gpointer                    problem_data;
  GDestroyNotify              problem_destroy;

  guint                       read_ahead;
  GlossCorpusWalkPrepareFunc  prepare;
  gpointer                    prepare_data;

  /* An async run: the caller's context, and the last figure the worker
   * posted, read by the one dispatch pending at a time. */
  GMainContext               *context;
  guint                       n_total;
  gint                        n_done;       /* atomic */
  gint                        dispatching;  /* atomic: a progress dispatch is pending */
};

enum {
  SIGNAL_PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (GlossCorpusWalk, gloss_corpus_walk, G_TYPE_OBJECT)

static void
clear_funcs (GlossCorpusWalk *self)
{
  if (self->article_destroy != NULL)
    self->article_destroy (self->article_data);
  if (self->problem_destroy != NULL)
    self->problem_destroy (self->problem_data);
  self->article_func = NULL;
  self->article_destroy = NULL;
  self->problem_func = NULL;
  self->problem_destroy = NULL;
}

static void
gloss_corpus_walk_finalize (GObject *object)
{
  GlossCorpusWalk *self = GLOSS_CORPUS_WALK (object);

  clear_funcs (self);
  g_clear_object (&self->corpus);
  g_clear_pointer (&self->annotators, g_strfreev);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (gloss_corpus_walk_parent_class)->finalize (object);
}

static void
gloss_corpus_walk_class_init (GlossCorpusWalkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gloss_corpus_walk_finalize;

  /**
   * GlossCorpusWalk::progress:
   * @done: articles dealt with, skipped ones included
   * @total: articles in the corpus
   */
  signals[SIGNAL_PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static void
gloss_corpus_walk_init (GlossCorpusWalk *self)
{
}

GlossCorpusWalk *
gloss_corpus_walk_new (GlossCorpus          *corpus,
                       GlossCorpusWalkFlags  flags)
{
  GlossCorpusWalk *self;

  g_return_val_if_fail (GLOSS_IS_CORPUS (corpus), NULL);

  self = g_object_new (GLOSS_TYPE_CORPUS_WALK, NULL);
  self->corpus = g_object_ref (corpus);
  self->flags = flags;
  return self;
}

void
gloss_corpus_walk_set_annotators (GlossCorpusWalk    *self,
                                  const char * const *annotators)
{
  g_return_if_fail (GLOSS_IS_CORPUS_WALK (self));

  g_strfreev (self->annotators);
  self->annotators = g_strdupv ((char **) annotators);
}

void
gloss_corpus_walk_set_article_func (GlossCorpusWalk     *self,
                                    GlossCorpusWalkFunc  func,
                                    gpointer             user_data,
                                    GDestroyNotify       destroy)
{
  g_return_if_fail (GLOSS_IS_CORPUS_WALK (self));

  if (self->article_destroy != NULL)
    self->article_destroy (self->article_data);
  self->article_func = func;
  self->article_data = user_data;
  self->article_destroy = destroy;
}

void
gloss_corpus_walk_set_problem_func (GlossCorpusWalk            *self,
                                    GlossCorpusWalkProblemFunc  func,
                                    gpointer                    user_data,
                                    GDestroyNotify              destroy)
{
  g_return_if_fail (GLOSS_IS_CORPUS_WALK (self));

  if (self->problem_destroy != NULL)
    self->problem_destroy (self->problem_data);
  self->problem_func = func;
  self->problem_data = user_data;
  self->problem_destroy = destroy;
}

GlossCorpus *
gloss_corpus_walk_get_corpus (GlossCorpusWalk *self)
{
  g_return_val_if_fail (GLOSS_IS_CORPUS_WALK (self), NULL);

  return self->corpus;
}

void
gloss_corpus_walk_set_read_ahead (GlossCorpusWalk            *self,
                                  guint                       n_articles,
                                  GlossCorpusWalkPrepareFunc  prepare,
                                  gpointer                    user_data)
{
  g_return_if_fail (GLOSS_IS_CORPUS_WALK (self));

  self->read_ahead = n_articles;
  self->prepare = prepare;
  self->prepare_data = user_data;
}

/* The walk
 * ------------------------------------------------------------------------ */

static gboolean
is_chosen (GlossCorpusWalk *self,
           const char      *annotator)
{
  return self->annotators == NULL
         || g_strv_contains ((const char * const *) self->annotators, annotator);
}

/* Whether @article is handed on at all: it has a chosen sidecar, or the
 * walk takes every article. */
static guint
count_chosen (GlossCorpusWalk    *self,
              GlossCorpusArticle *article)
{
  guint n_sidecars = gloss_corpus_article_get_n_sidecars (article);
  guint n_chosen = 0;

  for (guint j = 0; j < n_sidecars; j++)
    if (is_chosen (self, gloss_corpus_article_get_annotator (article, j)))
      n_chosen++;

  return n_chosen;
}

static gboolean
wants_article (GlossCorpusWalk    *self,
               GlossCorpusArticle *article)
{
  return (self->flags & GLOSS_CORPUS_WALK_UNANNOTATED) || count_chosen (self, article) > 0;
}

/* Reading ahead
 *
 * A second thread reads the next articles (and prepares them) while the
 * walk hands on the current one. The walk takes every article's slot,
 * skipped or not, so the thread moves on. */

typedef struct
{
  GlossCorpusWalk *walk;
  GThread         *thread;
  GMutex           mutex;
  GCond            cond;
  GPtrArray       *documents;  /* index → GlossDocument, or NULL: not (yet) there */
  guint            produced;   /* articles the thread has dealt with */
  guint            consumed;   /* articles the walk has taken */
  gboolean         stop;
} ReadAhead;

static gpointer
read_ahead_thread (gpointer data)
{
  ReadAhead *ahead = data;
  GlossCorpus *corpus = ahead->walk->corpus;
  guint n = gloss_corpus_get_n_articles (corpus);

  for (guint i = 0; i < n; i++)
    {
      GlossCorpusArticle *article = gloss_corpus_get_article (corpus, i);
      GlossDocument *document = NULL;

      g_mutex_lock (&ahead->mutex);
      while (!ahead->stop && i >= ahead->consumed + ahead->walk->read_ahead)
        g_cond_wait (&ahead->cond, &ahead->mutex);
      g_mutex_unlock (&ahead->mutex);
      if (ahead->stop)
        break;

      /* Errors are left for the walk, which reads the article itself. */
      if (wants_article (ahead->walk, article) && gloss_corpus_article_exists (article))
        document = gloss_document_new_from_file (gloss_corpus_article_get_file (article), NULL, NULL);
      if (document != NULL && ahead->walk->prepare != NULL)
        ahead->walk->prepare (document, ahead->walk->prepare_data);

      g_mutex_lock (&ahead->mutex);
      g_ptr_array_index (ahead->documents, i) = document;
      ahead->produced = i + 1;
      g_cond_broadcast (&ahead->cond);
      g_mutex_unlock (&ahead->mutex);
    }

  g_mutex_lock (&ahead->mutex);
  ahead->produced = n;
  g_cond_broadcast (&ahead->cond);
  g_mutex_unlock (&ahead->mutex);
  return NULL;
}

static ReadAhead *
read_ahead_start (GlossCorpusWalk *self)
{
  ReadAhead *ahead;
  guint n = gloss_corpus_get_n_articles (self->corpus);

  if (self->read_ahead == 0)
    return NULL;

  ahead = g_new0 (ReadAhead, 1);
  ahead->walk = self;
  ahead->documents = g_ptr_array_new_full (n, NULL);
  g_ptr_array_set_size (ahead->documents, n);
  g_mutex_init (&ahead->mutex);
  g_cond_init (&ahead->cond);
  ahead->thread = g_thread_new ("gloss-read-ahead", read_ahead_thread, ahead);
  return ahead;
}

/* The article @index as the thread read it (a new reference), or NULL. */
static GlossDocument *
read_ahead_take (ReadAhead *ahead,
                 guint      index)
{
  GlossDocument *document;

  if (ahead == NULL)
    return NULL;

  g_mutex_lock (&ahead->mutex);
  while (ahead->produced <= index)
    g_cond_wait (&ahead->cond, &ahead->mutex);
  document = g_ptr_array_index (ahead->documents, index);
  g_ptr_array_index (ahead->documents, index) = NULL;
  ahead->consumed = index + 1;
  g_cond_broadcast (&ahead->cond);
  g_mutex_unlock (&ahead->mutex);

  return document;
}

static void
read_ahead_stop (ReadAhead *ahead)
{
  if (ahead == NULL)
    return;

  g_mutex_lock (&ahead->mutex);
  ahead->stop = TRUE;
  g_cond_broadcast (&ahead->cond);
  g_mutex_unlock (&ahead->mutex);
  g_thread_join (ahead->thread);

  for (guint i = 0; i < ahead->documents->len; i++)
    g_clear_object ((GlossDocument **) &g_ptr_array_index (ahead->documents, i));
  g_ptr_array_unref (ahead->documents);
  g_mutex_clear (&ahead->mutex);
  g_cond_clear (&ahead->cond);
  g_free (ahead);
}

static void
report (GlossCorpusWalk    *self,
        GlossCorpusArticle *article,
        GFile              *file,
        const GlossProblem *problem)
{
  if (self->problem_func != NULL)
    self->problem_func (article, file, problem, self->problem_data);
}

/* An article that cannot be used makes each of its sidecars unusable:
 * said once per sidecar, at the sidecar, as validate lists sidecars. */
static void
report_article (GlossCorpusWalk    *self,
                GlossCorpusArticle *article,
                const char         *message)
{
  guint n = gloss_corpus_article_get_n_sidecars (article);
  gboolean any = FALSE;

  for (guint i = 0; i < n; i++)
    {
      GFile *file = gloss_corpus_article_get_sidecar (article, i);
      g_autofree char *name = NULL;
      g_autoptr(GlossProblem) problem = NULL;

      if (!is_chosen (self, gloss_corpus_article_get_annotator (article, i)))
        continue;

      name = g_file_get_parse_name (file);
      problem = gloss_problem_new (GLOSS_SEVERITY_ERROR, name, "document.file", message);
      report (self, article, file, problem);
      any = TRUE;
    }

  if (!any)
    {
      GFile *file = gloss_corpus_article_get_file (article);
      g_autofree char *name = g_file_get_parse_name (file);
      g_autoptr(GlossProblem) problem =
        gloss_problem_new (GLOSS_SEVERITY_ERROR, name, "document.file", message);

      report (self, article, file, problem);
    }
}

static void
clear_error (gpointer data)
{
  if (data != NULL)
    g_error_free (data);
}

/* FALSE only when cancelled or stopped by the article function. */
static gboolean
walk_article (GlossCorpusWalk    *self,
              GlossCorpusLabels  *labels,
              ReadAhead          *ahead,
              guint               index,
              GCancellable       *cancellable,
              GError            **error)
{
  GlossCorpusArticle *article = gloss_corpus_get_article (self->corpus, index);
  GFile *file = gloss_corpus_article_get_file (article);
  guint n_sidecars = gloss_corpus_article_get_n_sidecars (article);
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GPtrArray) sidecars = NULL;
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GlossProblem) label_problem = NULL;
  g_autoptr(GError) local_error = NULL;
  GlossCorpusWalkArticle item = { 0 };
  guint n_chosen = count_chosen (self, article);

  /* Taken for every article, skipped or not, so the read-ahead moves on. */
  document = read_ahead_take (ahead, index);

  if (n_chosen == 0 && !(self->flags & GLOSS_CORPUS_WALK_UNANNOTATED))
    return TRUE;

  if (!gloss_corpus_article_exists (article))
    {
      g_autofree char *message = g_strdup_printf (_("the article “%s” is missing"),
                                                  gloss_corpus_article_get_name (article));

      report_article (self, article, message);
      return TRUE;
    }

  if (document == NULL)
    document = gloss_document_new_from_file (file, cancellable, &local_error);
  if (document == NULL)
    {
      g_autofree char *message = NULL;

      /* Cancelled while reading ends the walk; it says nothing of the article. */
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      message = g_strdup_printf (_("the article cannot be used: %s"), local_error->message);
      report_article (self, article, message);
      return TRUE;
    }

  item.labels = gloss_corpus_labels_lookup (labels, file, &label_problem);
  if (label_problem != NULL)
    {
      g_autoptr(GFile) label_file = label_problem->file != NULL ? g_file_parse_name (label_problem->file)
                                                                : NULL;

      report (self, NULL, label_file, label_problem);
    }

  sidecars = g_ptr_array_new_full (n_chosen, g_object_unref);
  errors = g_ptr_array_new_full (n_chosen, clear_error);
  for (guint j = 0; j < n_sidecars; j++)
    {
      GlossSidecar *sidecar;

      if (!is_chosen (self, gloss_corpus_article_get_annotator (article, j)))
        continue;

      sidecar = gloss_sidecar_new (gloss_corpus_article_get_sidecar (article, j), document);
      g_clear_error (&local_error);
      /* A required attribute that is missing is no problem of the file
       * (the reader is silent) but validate says it: with such a label
       * set, every sidecar is loaded. */
      if ((self->flags & GLOSS_CORPUS_WALK_SKIP_CLEAN)
          && !gloss_label_set_has_required (item.labels)
          && gloss_sidecar_check_clean (gloss_corpus_article_get_sidecar (article, j),
                                        document, item.labels))
        {
          g_ptr_array_add (sidecars, sidecar);
          g_ptr_array_add (errors, NULL);
          continue;
        }
      /* Problems are collected on the sidecar; the error sums them up. */
      if (!gloss_sidecar_load (sidecar, item.labels, cancellable, &local_error)
          && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          g_object_unref (sidecar);
          return FALSE;
        }
      g_ptr_array_add (sidecars, sidecar);
      g_ptr_array_add (errors, g_steal_pointer (&local_error));
    }

  if (self->article_func == NULL)
    return TRUE;

  item.article = article;
  item.index = index;
  item.document = document;
  item.sidecars = sidecars;
  item.errors = errors;
  return self->article_func (&item, self->article_data, error);
}

typedef void (*ProgressFunc) (GlossCorpusWalk *self,
                              guint            done,
                              guint            total);

static gboolean
walk (GlossCorpusWalk  *self,
      ProgressFunc      progress,
      GCancellable     *cancellable,
      GError          **error)
{
  g_autoptr(GlossCorpusLabels) labels = gloss_corpus_labels_new ();
  guint n_articles = gloss_corpus_get_n_articles (self->corpus);
  ReadAhead *ahead = read_ahead_start (self);
  gboolean ok = TRUE;

  for (guint i = 0; i < n_articles && ok; i++)
    {
      ok = !g_cancellable_set_error_if_cancelled (cancellable, error)
           && walk_article (self, labels, ahead, i, cancellable, error);
      if (ok)
        progress (self, i + 1, n_articles);
    }

  read_ahead_stop (ahead);

  /* Also after the last article: a cancel from the last progress call
   * still counts (an export then leaves the old output in place). */
  return ok && !g_cancellable_set_error_if_cancelled (cancellable, error);
}

static void
emit_progress (GlossCorpusWalk *self,
               guint            done,
               guint            total)
{
  g_signal_emit (self, signals[SIGNAL_PROGRESS], 0, done, total);
}

gboolean
gloss_corpus_walk_run (GlossCorpusWalk  *self,
                       GCancellable     *cancellable,
                       GError          **error)
{
  g_return_val_if_fail (GLOSS_IS_CORPUS_WALK (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return walk (self, emit_progress, cancellable, error);
}

/* Async: progress crosses to the caller's context
 * ------------------------------------------------------------------------ */

/* In the caller's context: the latest figure, however many the worker
 * posted since the last dispatch. */
static gboolean
dispatch_progress (gpointer data)
{
  GlossCorpusWalk *self = data;

  g_atomic_int_set (&self->dispatching, FALSE);
  emit_progress (self, (guint) g_atomic_int_get (&self->n_done), self->n_total);
  return G_SOURCE_REMOVE;
}

/* Not g_main_context_invoke(): it would run the dispatch in the worker
 * whenever the caller's context is not being iterated at that moment.
 * The task's own return uses the same priority. */
static void
attach_progress (GlossCorpusWalk *self)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, dispatch_progress, g_object_ref (self), g_object_unref);
  g_source_set_static_name (source, "[gloss] corpus walk progress");
  g_source_attach (source, self->context);
}

/* In the worker: at most one dispatch waits in the caller's context, so a
 * fast walk does not flood it; it was attached before the task returns,
 * so the last figure arrives before the callback. */
static void
post_progress (GlossCorpusWalk *self,
               guint            done,
               guint            total)
{
  g_atomic_int_set (&self->n_done, (gint) done);
  if (!g_atomic_int_compare_and_exchange (&self->dispatching, FALSE, TRUE))
    return;

  attach_progress (self);
}

static void
run_thread (GTask        *task,
            gpointer      source,
            gpointer      task_data,
            GCancellable *cancellable)
{
  GlossCorpusWalk *self = source;
  GError *error = NULL;

  if (walk (self, post_progress, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
gloss_corpus_walk_run_async (GlossCorpusWalk     *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (GLOSS_IS_CORPUS_WALK (self));

  g_clear_pointer (&self->context, g_main_context_unref);
  self->context = g_main_context_ref_thread_default ();
  self->n_total = gloss_corpus_get_n_articles (self->corpus);
  g_atomic_int_set (&self->n_done, 0);
  g_atomic_int_set (&self->dispatching, FALSE);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gloss_corpus_walk_run_async);
  g_task_run_in_thread (task, run_thread);
}

gboolean
gloss_corpus_walk_run_finish (GlossCorpusWalk  *self,
                              GAsyncResult     *result,
                              GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
