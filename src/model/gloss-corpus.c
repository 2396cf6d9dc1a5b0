/* gloss-corpus.c — finding articles and their sidecars on disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gloss-corpus.h"
#include "gloss-error.h"
#include "gloss-sidecar.h"

struct _GlossCorpus
{
  GObject     parent_instance;

  GPtrArray  *articles;    /* GlossCorpusArticle, sorted by path */
  GHashTable *by_path;     /* path → GlossCorpusArticle (borrowed) */
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

/* Records one directory entry: an article, a sidecar, or nothing. */
static void
add_entry (GlossCorpus *self,
           GFile       *folder,
           const char  *name,
           GFileType    type)
{
  g_autofree char *article_name = NULL;
  g_autofree char *annotator = NULL;

  if (type != G_FILE_TYPE_REGULAR)
    return;

  if (gloss_sidecar_parse_name (name, &article_name, &annotator))
    {
      g_autoptr(GFile) article_file = g_file_get_child (folder, article_name);
      g_autoptr(GFile) sidecar_file = g_file_get_child (folder, name);
      GlossCorpusArticle *article = ensure_article (self, article_file);

      gloss_corpus_article_add_sidecar (article, annotator, sidecar_file);
      if (!g_file_query_exists (article_file, NULL))
        gloss_corpus_article_set_exists (article, FALSE);
    }
  else if (gloss_corpus_is_article_name (name))
    {
      g_autoptr(GFile) article_file = g_file_get_child (folder, name);

      gloss_corpus_article_set_exists (ensure_article (self, article_file), TRUE);
    }
}

/* Walks @folder; with @only_article set, records only that article's sidecars. */
static gboolean
scan_folder (GlossCorpus   *self,
             GFile         *folder,
             gboolean       recursive,
             const char    *only_article,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;

  enumerator = g_file_enumerate_children (folder,
                                          G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                          G_FILE_QUERY_INFO_NONE,
                                          cancellable, error);
  if (enumerator == NULL)
    return FALSE;

  for (;;)
    {
      GFileInfo *info = NULL;
      const char *name;
      GFileType type;

      if (!g_file_enumerator_iterate (enumerator, &info, NULL, cancellable, error))
        return FALSE;
      if (info == NULL)
        break;

      name = g_file_info_get_name (info);
      type = g_file_info_get_file_type (info);

      /* Hidden files and folders (.git, editor backups) are not corpus content. */
      if (name[0] == '.')
        continue;

      if (type == G_FILE_TYPE_DIRECTORY && recursive)
        {
          g_autoptr(GFile) child = g_file_get_child (folder, name);

          if (!scan_folder (self, child, TRUE, NULL, cancellable, error))
            return FALSE;
          continue;
        }

      if (only_article != NULL)
        {
          g_autofree char *article_name = NULL;

          if (!gloss_sidecar_parse_name (name, &article_name, NULL)
              || strcmp (article_name, only_article) != 0)
            continue;
        }

      add_entry (self, folder, name, type);
    }

  return TRUE;
}

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

  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    ok = scan_folder (self, path, TRUE, NULL, cancellable, error);
  else if (gloss_sidecar_parse_name (name, &article_name, NULL))
    add_entry (self, parent, name, G_FILE_TYPE_REGULAR);
  else if (gloss_corpus_is_article_name (name))
    {
      ensure_article (self, path);
      ok = scan_folder (self, parent, FALSE, name, cancellable, error);
    }
  else
    {
      g_autofree char *display = g_file_get_parse_name (path);

      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND,
                   _("%s: not an article (.txt, .md), a sidecar (*.gloss.json) or a folder"),
                   display);
      ok = FALSE;
    }

  resort (self, old_len);
  return ok;
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
