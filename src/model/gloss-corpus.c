/* gloss-corpus.c — finding articles and their sidecars on disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gloss-corpus.h"
#include "gloss-error.h"
#include "gloss-file-load.h"
#include "gloss-folder-walk-private.h"
#include "gloss-sidecar.h"
#include "gloss-suggestion-file.h"

struct _GlossCorpus
{
  GObject          parent_instance;

  GPtrArray       *articles;  /* GlossCorpusArticle, sorted by path */
  GHashTable      *by_path;   /* path → GlossCorpusArticle (borrowed) */
  GlossFolderWalk *walk;      /* the folders scanned, each once */
  GPtrArray       *problems;  /* GlossProblem: what the scans left out, and why */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GlossCorpus, gloss_corpus, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
gloss_corpus_get_item_type (GListModel *model)
{
  return GLOSS_TYPE_CORPUS_ARTICLE;
}

static guint
gloss_corpus_get_n_items (GListModel *model)
{
  return GLOSS_CORPUS (model)->articles->len;
}

static gpointer
gloss_corpus_get_item (GListModel *model,
                       guint       position)
{
  GlossCorpus *self = GLOSS_CORPUS (model);

  if (position >= self->articles->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->articles, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = gloss_corpus_get_item_type;
  iface->get_n_items = gloss_corpus_get_n_items;
  iface->get_item = gloss_corpus_get_item;
}

static void
gloss_corpus_finalize (GObject *object)
{
  GlossCorpus *self = (GlossCorpus *)object;

  g_clear_pointer (&self->by_path, g_hash_table_unref);
  g_clear_pointer (&self->articles, g_ptr_array_unref);
  g_clear_pointer (&self->walk, gloss_folder_walk_free);
  g_clear_pointer (&self->problems, g_ptr_array_unref);

  G_OBJECT_CLASS (gloss_corpus_parent_class)->finalize (object);
}

static void
gloss_corpus_class_init (GlossCorpusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gloss_corpus_finalize;
}

static void
gloss_corpus_init (GlossCorpus *self)
{
  self->articles = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_path = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->walk = gloss_folder_walk_new (GLOSS_FOLDER_WALK_DEFAULT);
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_problem_free);
}

GlossCorpus *
gloss_corpus_new (void)
{
  return g_object_new (GLOSS_TYPE_CORPUS, NULL);
}

gboolean
gloss_corpus_is_article_name (const char *name)
{
  if (name == NULL || name[0] == '.')
    return FALSE;

  return g_str_has_suffix (name, ".txt") || g_str_has_suffix (name, ".md");
}

static GlossCorpusArticle *
ensure_article (GlossCorpus *self,
                GFile       *file)
{
  g_autofree char *path = g_file_get_path (file);
  GlossCorpusArticle *article;

  if (path == NULL)
    path = g_file_get_uri (file);

  article = g_hash_table_lookup (self->by_path, path);
  if (article == NULL)
    {
      article = gloss_corpus_article_new (file);
      g_ptr_array_add (self->articles, article);
      g_hash_table_insert (self->by_path, g_steal_pointer (&path), article);
    }

  return article;
}

/* Sorting by path component-wise keeps a folder's articles together and
 * gives the same order on every machine. */
static int
compare_articles (gconstpointer a,
                  gconstpointer b)
{
  GFile *fa = gloss_corpus_article_get_file (*(GlossCorpusArticle **) a);
  GFile *fb = gloss_corpus_article_get_file (*(GlossCorpusArticle **) b);
  g_autofree char *pa = g_file_get_path (fa);
  g_autofree char *pb = g_file_get_path (fb);

  return g_strcmp0 (pa, pb);
}

/* Problems
 * ------------------------------------------------------------------------ */

static void
add_problem (GlossCorpus   *self,
             GlossSeverity  severity,
             GFile         *file,
             const char    *message)
{
  g_autofree char *name = g_file_get_parse_name (file);

  g_ptr_array_add (self->problems, gloss_problem_new (severity, name, NULL, message));
}

static void
add_folder_problem (GlossCorpus  *self,
                    GFile        *folder,
                    const GError *error)
{
  g_autofree char *message = NULL;

  /* GIO's message names the path again; the problem names it already. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    message = g_strdup (_("the folder cannot be read (permission denied); its articles were left out"));
  else
    message = g_strdup_printf (_("the folder cannot be read; its articles were left out: %s"),
                               error->message);

  add_problem (self, GLOSS_SEVERITY_ERROR, folder, message);
}

static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const GlossProblem *pa = *(const GlossProblem * const *) a;
  const GlossProblem *pb = *(const GlossProblem * const *) b;

  return g_strcmp0 (pa->file, pb->file);
}

/* Scanning
 * ------------------------------------------------------------------------ */

typedef struct
{
  GlossCorpus *self;
  const char  *only_article;  /* a single article's sidecars, not recursive */
} Scan;

/* Articles and sidecars (of the one article, when one was named). */
static gboolean
scan_wants (const char *name,
            gpointer    user_data)
{
  Scan *scan = user_data;
  g_autofree char *article_name = NULL;

  if (scan->only_article == NULL)
    return gloss_sidecar_parse_name (name, NULL, NULL) || gloss_corpus_is_article_name (name);

  return gloss_sidecar_parse_name (name, &article_name, NULL)
         && strcmp (article_name, scan->only_article) == 0;
}

/* Records one regular file named like an article or a sidecar: @file,
 * @name in @folder. */
static void
add_entry (GlossCorpus *self,
           GFile       *folder,
           GFile       *file,
           const char  *name)
{
  g_autofree char *article_name = NULL;
  g_autofree char *annotator = NULL;

  if (gloss_sidecar_parse_name (name, &article_name, &annotator))
    {
      g_autoptr(GFile) article_file = g_file_get_child (folder, article_name);
      GlossCorpusArticle *article = ensure_article (self, article_file);

      gloss_corpus_article_add_sidecar (article, annotator, file);
      if (!g_file_query_exists (article_file, NULL))
        gloss_corpus_article_set_exists (article, FALSE);
    }
  else
    gloss_corpus_article_set_exists (ensure_article (self, file), TRUE);
}

static gboolean
scan_file (const GlossFolderWalkEntry  *entry,
           gpointer                     user_data,
           GCancellable                *cancellable,
           GError                     **error)
{
  Scan *scan = user_data;

  add_entry (scan->self, entry->folder, entry->file, entry->name);
  return TRUE;
}

/* What the scan left out, worded for the corpus: links not followed and
 * special files are warnings, folders that cannot be read errors. */
static void
scan_problem (GlossFolderWalkProblem      problem,
              const GlossFolderWalkEntry *entry,
              const GError               *error,
              gpointer                    user_data)
{
  Scan *scan = user_data;
  const char *target = g_file_info_get_symlink_target (entry->info);
  g_autofree char *message = NULL;

  switch (problem)
    {
    case GLOSS_FOLDER_WALK_UNREADABLE:
      add_folder_problem (scan->self, entry->file, error);
      return;

    case GLOSS_FOLDER_WALK_NOT_REGULAR:
      /* a link to nothing; or a FIFO, a device, a socket */
      if (g_file_info_get_file_type (entry->info) == G_FILE_TYPE_SYMBOLIC_LINK)
        message = g_strdup_printf (_("a link to “%s”, which does not exist; left out"), target);
      else
        message = g_strdup (error->message);
      break;

    case GLOSS_FOLDER_WALK_LINK_SEEN:
      message = g_strdup_printf (_("a link to “%s”, a folder already scanned; not followed"),
                                 target);
      break;

    case GLOSS_FOLDER_WALK_LINK_LOOP:
    case GLOSS_FOLDER_WALK_LINK_UNKNOWN:
    default:
      message = gloss_folder_walk_dup_link_message (problem, entry);
      break;
    }

  add_problem (scan->self, GLOSS_SEVERITY_WARNING, entry->file, message);
}

static const GlossFolderWalkCallbacks scan_callbacks = {
  scan_wants,
  scan_file,
  scan_problem,
};

static void
resort (GlossCorpus *self,
        guint        old_len)
{
  g_ptr_array_sort (self->articles, compare_articles);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, self->articles->len);
}

gboolean
gloss_corpus_add_path (GlossCorpus   *self,
                       GFile         *path,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFile) parent = NULL;
  g_autofree char *name = NULL;
  g_autofree char *article_name = NULL;
  g_autofree char *suggested_article = NULL;
  g_autofree char *display = NULL;
  gboolean is_sidecar;
  guint old_len;
  gboolean ok = TRUE;

  g_return_val_if_fail (GLOSS_IS_CORPUS (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (path), FALSE);

  info = g_file_query_info (path, G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return FALSE;

  old_len = self->articles->len;
  name = g_file_get_basename (path);
  parent = g_file_get_parent (path);
  display = g_file_get_parse_name (path);
  is_sidecar = gloss_sidecar_parse_name (name, &article_name, NULL);

  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      Scan scan = { self, NULL };

      ok = gloss_folder_walk_tree (self->walk, path, &scan_callbacks, &scan,
                                   cancellable, error);
    }
  /* A suggestions file named (a shell glob of the folder lists them beside the
   * sidecars) stands for its article, as a sidecar does. */
  else if (!is_sidecar && gloss_suggestion_file_parse_name (name, &suggested_article, NULL))
    {
      g_autoptr(GFile) article_file = g_file_get_child (parent, suggested_article);
      Scan scan = { self, suggested_article };

      ensure_article (self, article_file);
      ok = gloss_folder_walk_files (self->walk, parent, &scan_callbacks, &scan,
                                    cancellable, error);
    }
  else if (!is_sidecar && !gloss_corpus_is_article_name (name))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND,
                   _("%s: not an article (.txt, .md), a sidecar (*.gloss.json) or a folder"),
                   display);
      ok = FALSE;
    }
  /* Named on purpose, a FIFO or a device is an error, not a note. */
  else if (!gloss_file_check_regular (path, display, error))
    ok = FALSE;
  else if (is_sidecar)
    add_entry (self, parent, path, name);
  else
    {
      Scan scan = { self, name };

      ensure_article (self, path);
      ok = gloss_folder_walk_files (self->walk, parent, &scan_callbacks, &scan,
                                    cancellable, error);
    }

  g_ptr_array_sort (self->problems, compare_problems);
  resort (self, old_len);
  return ok;
}

/* The scan, in a worker thread
 * ------------------------------------------------------------------------ */

typedef struct
{
  GFile                *path;
  GlossCorpusScanFlags  flags;
} ScanRequest;

typedef struct
{
  GlossCorpus *corpus;
  gboolean     is_folder;
} ScanResult;

static void
scan_request_free (gpointer data)
{
  ScanRequest *request = data;

  g_clear_object (&request->path);
  g_free (request);
}

static void
scan_result_free (gpointer data)
{
  ScanResult *result = data;

  g_clear_object (&result->corpus);
  g_free (result);
}

/* The corpus is the thread's own until it is returned: nobody can be
 * connected to its items-changed while it fills. */
static void
scan_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ScanRequest *request = task_data;
  g_autoptr(GlossCorpus) corpus = gloss_corpus_new ();
  ScanResult *result;
  GError *error = NULL;
  gboolean is_folder;

  is_folder = g_file_query_file_type (request->path, G_FILE_QUERY_INFO_NONE,
                                      cancellable) == G_FILE_TYPE_DIRECTORY;

  if (!gloss_corpus_add_path (corpus, request->path, cancellable, &error)
      || ((request->flags & GLOSS_CORPUS_SCAN_COMPLETE) != 0
          && !gloss_corpus_check_complete (corpus, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  result = g_new0 (ScanResult, 1);
  result->corpus = g_steal_pointer (&corpus);
  result->is_folder = is_folder;
  g_task_return_pointer (task, result, scan_result_free);
}

void
gloss_corpus_scan_async (GFile                *path,
                         GlossCorpusScanFlags  flags,
                         GCancellable         *cancellable,
                         GAsyncReadyCallback   callback,
                         gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  ScanRequest *request;

  g_return_if_fail (G_IS_FILE (path));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  request = g_new0 (ScanRequest, 1);
  request->path = g_object_ref (path);
  request->flags = flags;

  /* No source object: the worker may drop the task last, and the caller's
   * objects (a widget) are only ever in @user_data, which it owns. */
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, gloss_corpus_scan_async);
  g_task_set_name (task, "gloss_corpus_scan_async");
  g_task_set_task_data (task, request, scan_request_free);
  g_task_run_in_thread (task, scan_thread);
}

GlossCorpus *
gloss_corpus_scan_finish (GAsyncResult  *result,
                          gboolean      *is_folder,
                          GError       **error)
{
  ScanResult *scan;
  GlossCorpus *corpus;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gloss_corpus_scan_async, NULL);

  if (is_folder != NULL)
    *is_folder = FALSE;

  scan = g_task_propagate_pointer (G_TASK (result), error);
  if (scan == NULL)
    return NULL;

  corpus = g_steal_pointer (&scan->corpus);
  if (is_folder != NULL)
    *is_folder = scan->is_folder;
  scan_result_free (scan);

  return corpus;
}

/**
 * gloss_corpus_get_problems:
 *
 * What the scans left out, and why, sorted by path: links to folders not
 * followed (a loop, or a folder already scanned) and files named like
 * articles or sidecars that are not regular files are warnings; folders
 * that could not be read are errors. Every other article is listed.
 *
 * Returns: (transfer none) (element-type GlossProblem): the problems
 */
GPtrArray *
gloss_corpus_get_problems (GlossCorpus *self)
{
  g_return_val_if_fail (GLOSS_IS_CORPUS (self), NULL);
  return self->problems;
}

gboolean
gloss_corpus_check_complete (GlossCorpus  *self,
                             GError      **error)
{
  const GlossProblem *first = NULL;
  guint n_errors = 0;

  g_return_val_if_fail (GLOSS_IS_CORPUS (self), FALSE);

  for (guint i = 0; i < self->problems->len; i++)
    {
      const GlossProblem *problem = g_ptr_array_index (self->problems, i);

      if (problem->severity != GLOSS_SEVERITY_ERROR)
        continue;
      if (first == NULL)
        first = problem;
      n_errors++;
    }

  if (first == NULL)
    return TRUE;

  {
    g_autofree char *where = gloss_problem_to_string (first);

    if (n_errors == 1)
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED,
                   _("Part of the corpus could not be read, so nothing is exported from it: %s"),
                   where);
    else
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED,
                   g_dngettext (GETTEXT_PACKAGE, "Part of the corpus could not be read, so nothing is exported from it: "
                             "%s (and %u more place)",
                             "Part of the corpus could not be read, so nothing is exported from it: "
                             "%s (and %u more places)", n_errors - 1),
                   where, n_errors - 1);
  }

  return FALSE;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

GStrv
gloss_corpus_dup_annotators (GlossCorpus *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (GLOSS_IS_CORPUS (self), NULL);

  for (guint i = 0; i < self->articles->len; i++)
    {
      GlossCorpusArticle *article = g_ptr_array_index (self->articles, i);
      guint n_sidecars = gloss_corpus_article_get_n_sidecars (article);

      for (guint j = 0; j < n_sidecars; j++)
        {
          const char *id = gloss_corpus_article_get_annotator (article, j);

          if (g_hash_table_add (seen, (gpointer) id))
            g_ptr_array_add (ids, (gpointer) id);
        }
    }

  g_ptr_array_sort (ids, compare_ids);
  for (guint i = 0; i < ids->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (ids, i));

  return g_strv_builder_end (builder);
}

guint
gloss_corpus_get_n_articles (GlossCorpus *self)
{
  g_return_val_if_fail (GLOSS_IS_CORPUS (self), 0);
  return self->articles->len;
}

GlossCorpusArticle *
gloss_corpus_get_article (GlossCorpus *self,
                          guint        index)
{
  g_return_val_if_fail (GLOSS_IS_CORPUS (self), NULL);
  g_return_val_if_fail (index < self->articles->len, NULL);
  return g_ptr_array_index (self->articles, index);
}
