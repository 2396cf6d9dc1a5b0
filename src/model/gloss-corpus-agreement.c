/* gloss-corpus-agreement.c — agreement figures over a corpus walk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gloss-adjudication.h"
#include "gloss-corpus-agreement.h"
#include "gloss-review.h"

typedef struct
{
  GlossCorpusArticle *article;
  GlossAgreement     *agreement;  /* or NULL: skipped */
  char               *missing;    /* ids, ", "-joined, when skipped */
} ArticleFigures;

struct _GlossCorpusAgreement
{
  GObject                          parent_instance;

  GlossCorpusWalk                 *walk;
  GStrv                            annotators;
  GlossCorpusAgreementFlags        flags;
  GlossCorpusAgreementProblemFunc  problem_func;
  gpointer                         problem_data;
  GDestroyNotify                   problem_destroy;

  GlossAgreement                  *total;
  GPtrArray                       *counted;   /* ArticleFigures */
  GPtrArray                       *skipped;   /* ArticleFigures */
  GPtrArray                       *problems;  /* GlossProblem */
};

enum {
  SIGNAL_PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (GlossCorpusAgreement, gloss_corpus_agreement, G_TYPE_OBJECT)

static void
article_figures_free (gpointer data)
{
  ArticleFigures *figures = data;

  g_clear_object (&figures->article);
  g_clear_pointer (&figures->agreement, gloss_agreement_free);
  g_free (figures->missing);
  g_free (figures);
}

static void
gloss_corpus_agreement_finalize (GObject *object)
{
  GlossCorpusAgreement *self = GLOSS_CORPUS_AGREEMENT (object);

  if (self->problem_destroy != NULL)
    self->problem_destroy (self->problem_data);
  g_clear_object (&self->walk);
  g_clear_pointer (&self->annotators, g_strfreev);
  g_clear_pointer (&self->total, gloss_agreement_free);
  g_clear_pointer (&self->counted, g_ptr_array_unref);
  g_clear_pointer (&self->skipped, g_ptr_array_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);

  G_OBJECT_CLASS (gloss_corpus_agreement_parent_class)->finalize (object);
}

static void
gloss_corpus_agreement_class_init (GlossCorpusAgreementClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gloss_corpus_agreement_finalize;

  /**
   * GlossCorpusAgreement::progress:
   * @done: articles dealt with
   * @total: articles in the corpus
   */
  signals[SIGNAL_PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static void
gloss_corpus_agreement_init (GlossCorpusAgreement *self)
{
}

/* The walk's callbacks, in the walking thread
 * ------------------------------------------------------------------------ */

static void
add_problem (GlossCorpusAgreement *self,
             GlossCorpusArticle   *article,
             GlossSidecar         *sidecar,
             const GlossProblem   *problem)
{
  g_ptr_array_add (self->problems, gloss_problem_copy (problem));
  if (self->problem_func != NULL)
    self->problem_func (article, sidecar, problem, self->problem_data);
}

static void
on_walk_problem (GlossCorpusArticle *article,
                 GFile              *file,
                 const GlossProblem *problem,
                 gpointer            user_data)
{
  add_problem (user_data, article, NULL, problem);
}

/* What to say of a sidecar that failed: its first error, else its load
 * error as a problem of the file. */
static GlossProblem *
first_error (GlossSidecar *sidecar,
             const GError *error)
{
  GPtrArray *problems = gloss_sidecar_get_problems (sidecar);
  g_autofree char *name = NULL;

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const GlossProblem *problem = g_ptr_array_index (problems, i);

      if (problem->severity == GLOSS_SEVERITY_ERROR)
        return gloss_problem_copy (problem);
    }

  name = g_file_get_parse_name (gloss_sidecar_get_file (sidecar));
  return gloss_problem_new (GLOSS_SEVERITY_ERROR, name, NULL, error != NULL ? error->message : "");
}

/* The sidecar of @id that counts, or NULL (missing, failed, or
 * adjudicated when those are left out). */
static GlossSidecar *
find_sidecar (GlossCorpusAgreement         *self,
              const GlossCorpusWalkArticle *item,
              const char                   *id)
{
  for (guint i = 0; i < item->sidecars->len; i++)
    {
      GlossSidecar *sidecar = g_ptr_array_index (item->sidecars, i);

      if (g_strcmp0 (gloss_sidecar_get_annotator_id (sidecar), id) != 0)
        continue;
      if (gloss_sidecar_get_state (sidecar) == GLOSS_SIDECAR_STATE_FAILED)
        return NULL;
      if (!(self->flags & GLOSS_CORPUS_AGREEMENT_INCLUDE_ADJUDICATED)
          && gloss_sidecar_is_adjudicated (sidecar))
        return NULL;
      return sidecar;
    }

  return NULL;
}

static gboolean
on_walk_article (const GlossCorpusWalkArticle *item,
                 gpointer                      user_data,
                 GError                      **error)
{
  GlossCorpusAgreement *self = user_data;
  guint n = g_strv_length (self->annotators);
  g_autofree GPtrArray **annotations = g_new0 (GPtrArray *, n);
  g_autofree GVariant **fields = g_new0 (GVariant *, n);
  g_autoptr(GString) missing = g_string_new (NULL);
  ArticleFigures *figures;

  /* Every sidecar that failed is said, chosen or not, as validate would. */
  for (guint i = 0; i < item->sidecars->len; i++)
    {
      GlossSidecar *sidecar = g_ptr_array_index (item->sidecars, i);

      if (gloss_sidecar_get_state (sidecar) == GLOSS_SIDECAR_STATE_FAILED)
        {
          g_autoptr(GlossProblem) problem = first_error (sidecar, g_ptr_array_index (item->errors, i));

          add_problem (self, item->article, sidecar, problem);
        }
    }

  for (guint a = 0; a < n; a++)
    {
      GlossSidecar *sidecar = find_sidecar (self, item, self->annotators[a]);

      if (sidecar == NULL)
        {
          if (missing->len > 0)
            g_string_append (missing, ", ");
          g_string_append (missing, self->annotators[a]);
          continue;
        }
      annotations[a] = gloss_review_collect_placed (gloss_sidecar_get_annotations (sidecar));
      fields[a] = gloss_sidecar_peek_document_labels (sidecar);
    }

  figures = g_new0 (ArticleFigures, 1);
  figures->article = g_object_ref (item->article);
  if (missing->len > 0)
    {
      figures->missing = g_string_free (g_steal_pointer (&missing), FALSE);
      g_ptr_array_add (self->skipped, figures);
    }
  else
    {
      figures->agreement = gloss_agreement_new ((const char * const *) self->annotators);
      gloss_agreement_add_article (figures->agreement, item->document, item->labels, annotations);
      gloss_agreement_add_document_labels (figures->agreement, fields);
      gloss_agreement_add (self->total, figures->agreement);
      g_ptr_array_add (self->counted, figures);
    }

  for (guint a = 0; a < n; a++)
    g_clear_pointer (&annotations[a], g_ptr_array_unref);

  return TRUE;
}

static void
on_walk_progress (GlossCorpusWalk *walk,
                  guint            done,
                  guint            total,
                  gpointer         user_data)
{
  g_signal_emit (user_data, signals[SIGNAL_PROGRESS], 0, done, total);
}

/* API
 * ------------------------------------------------------------------------ */

GlossCorpusAgreement *
gloss_corpus_agreement_new (GlossCorpus               *corpus,
                            const char * const        *annotators,
                            GlossCorpusAgreementFlags  flags)
{
  GlossCorpusAgreement *self;

  g_return_val_if_fail (GLOSS_IS_CORPUS (corpus), NULL);
  g_return_val_if_fail (annotators != NULL, NULL);

  self = g_object_new (GLOSS_TYPE_CORPUS_AGREEMENT, NULL);
  self->annotators = g_strdupv ((char **) annotators);
  self->flags = flags;
  self->total = gloss_agreement_new (annotators);
  self->counted = g_ptr_array_new_with_free_func (article_figures_free);
  self->skipped = g_ptr_array_new_with_free_func (article_figures_free);
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_problem_free);

  /* Every sidecar is loaded, not only the chosen ones': one that is
   * broken is said even when its annotator is not compared. */
  self->walk = gloss_corpus_walk_new (corpus, GLOSS_CORPUS_WALK_DEFAULT);
  gloss_corpus_walk_set_article_func (self->walk, on_walk_article, self, NULL);
  gloss_corpus_walk_set_problem_func (self->walk, on_walk_problem, self, NULL);
  g_signal_connect_object (self->walk, "progress", G_CALLBACK (on_walk_progress), self, 0);

  return self;
}

void
gloss_corpus_agreement_set_problem_func (GlossCorpusAgreement            *self,
                                         GlossCorpusAgreementProblemFunc  func,
                                         gpointer                         user_data,
                                         GDestroyNotify                   destroy)
{
  g_return_if_fail (GLOSS_IS_CORPUS_AGREEMENT (self));

  if (self->problem_destroy != NULL)
    self->problem_destroy (self->problem_data);
  self->problem_func = func;
  self->problem_data = user_data;
  self->problem_destroy = destroy;
}

gboolean
gloss_corpus_agreement_run (GlossCorpusAgreement  *self,
                            GCancellable          *cancellable,
                            GError               **error)
{
  g_return_val_if_fail (GLOSS_IS_CORPUS_AGREEMENT (self), FALSE);

  return gloss_corpus_walk_run (self->walk, cancellable, error);
}

static void
on_walked (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (gloss_corpus_walk_run_finish (GLOSS_CORPUS_WALK (source), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
gloss_corpus_agreement_run_async (GlossCorpusAgreement *self,
                                  GCancellable         *cancellable,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data)
{
  GTask *task;

  g_return_if_fail (GLOSS_IS_CORPUS_AGREEMENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gloss_corpus_agreement_run_async);
  gloss_corpus_walk_run_async (self->walk, cancellable, on_walked, task);
}

gboolean
gloss_corpus_agreement_run_finish (GlossCorpusAgreement  *self,
                                   GAsyncResult          *result,
                                   GError               **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

const char * const *
gloss_corpus_agreement_get_annotators (GlossCorpusAgreement *self)
{
  g_return_val_if_fail (GLOSS_IS_CORPUS_AGREEMENT (self), NULL);

  return (const char * const *) self->annotators;
}

const GlossAgreement *
gloss_corpus_agreement_get_total (GlossCorpusAgreement *self)
{
  g_return_val_if_fail (GLOSS_IS_CORPUS_AGREEMENT (self), NULL);

  return self->total;
}

guint
gloss_corpus_agreement_get_n_articles (GlossCorpusAgreement *self)
{
  g_return_val_if_fail (GLOSS_IS_CORPUS_AGREEMENT (self), 0);

  return self->counted->len;
}

GlossCorpusArticle *
gloss_corpus_agreement_get_article (GlossCorpusAgreement *self,
                                    guint                 index)
{
  g_return_val_if_fail (GLOSS_IS_CORPUS_AGREEMENT (self), NULL);
  g_return_val_if_fail (index < self->counted->len, NULL);

  return ((ArticleFigures *) g_ptr_array_index (self->counted, index))->article;
}

const GlossAgreement *
gloss_corpus_agreement_get_article_agreement (GlossCorpusAgreement *self,
                                              guint                 index)
{
  g_return_val_if_fail (GLOSS_IS_CORPUS_AGREEMENT (self), NULL);
  g_return_val_if_fail (index < self->counted->len, NULL);

  return ((ArticleFigures *) g_ptr_array_index (self->counted, index))->agreement;
}

guint
gloss_corpus_agreement_get_n_skipped (GlossCorpusAgreement *self)
{
  g_return_val_if_fail (GLOSS_IS_CORPUS_AGREEMENT (self), 0);

  return self->skipped->len;
}

GlossCorpusArticle *
gloss_corpus_agreement_get_skipped (GlossCorpusAgreement  *self,
                                    guint                  index,
                                    const char           **missing)
{
  ArticleFigures *figures;

  g_return_val_if_fail (GLOSS_IS_CORPUS_AGREEMENT (self), NULL);
  g_return_val_if_fail (index < self->skipped->len, NULL);

  figures = g_ptr_array_index (self->skipped, index);
  if (missing != NULL)
    *missing = figures->missing;
  return figures->article;
}

GPtrArray *
gloss_corpus_agreement_get_problems (GlossCorpusAgreement *self)
{
  g_return_val_if_fail (GLOSS_IS_CORPUS_AGREEMENT (self), NULL);

  return self->problems;
}

/* Whom `agree` compares by default
 * ------------------------------------------------------------------------ */

/* Whether the first sidecar of @id that loads is adjudicated. */
static gboolean
is_adjudicator (GlossCorpus  *corpus,
                const char   *id,
                GCancellable *cancellable)
{
  for (guint i = 0; i < gloss_corpus_get_n_articles (corpus); i++)
    {
      GlossCorpusArticle *article = gloss_corpus_get_article (corpus, i);
      GFile *file = gloss_corpus_article_find_sidecar (article, id);
      g_autoptr(GlossDocument) document = NULL;
      g_autoptr(GlossSidecar) sidecar = NULL;

      if (file == NULL || !gloss_corpus_article_exists (article))
        continue;
      document = gloss_document_new_from_file (gloss_corpus_article_get_file (article), cancellable, NULL);
      if (document == NULL)
        continue;
      sidecar = gloss_sidecar_new (file, document);
      if (!gloss_sidecar_load (sidecar, NULL, cancellable, NULL))
        continue;
      return gloss_sidecar_is_adjudicated (sidecar);
    }

  return FALSE;
}

GStrv
gloss_corpus_agreement_dup_default_annotators (GlossCorpus  *corpus,
                                               GCancellable *cancellable)
{
  g_auto(GStrv) all = NULL;
  g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();

  g_return_val_if_fail (GLOSS_IS_CORPUS (corpus), NULL);

  /* Adjudicated files are only known once loaded: the file names give
   * the ids, and an id whose sidecar is adjudicated is dropped. */
  all = gloss_corpus_dup_annotators (corpus);
  for (guint a = 0; all[a] != NULL; a++)
    if (!is_adjudicator (corpus, all[a], cancellable))
      g_strv_builder_add (kept, all[a]);

  return g_strv_builder_end (kept);
}
