/* gloss-corpus-article.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gloss-corpus-article.h"

struct _GlossCorpusArticle
{
  GObject    parent_instance;

  GFile     *file;
  char      *name;
  gboolean   exists;
  GPtrArray *annotators;  /* char*, sorted, parallel to sidecars */
  GPtrArray *sidecars;    /* GFile */
};

G_DEFINE_FINAL_TYPE (GlossCorpusArticle, gloss_corpus_article, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FILE,
  PROP_NAME,
  PROP_EXISTS,
  PROP_N_SIDECARS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
gloss_corpus_article_finalize (GObject *object)
{
  GlossCorpusArticle *self = (GlossCorpusArticle *)object;

  g_clear_object (&self->file);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->annotators, g_ptr_array_unref);
  g_clear_pointer (&self->sidecars, g_ptr_array_unref);

  G_OBJECT_CLASS (gloss_corpus_article_parent_class)->finalize (object);
}

static void
gloss_corpus_article_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  GlossCorpusArticle *self = GLOSS_CORPUS_ARTICLE (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_EXISTS:
      g_value_set_boolean (value, self->exists);
      break;
    case PROP_N_SIDECARS:
      g_value_set_uint (value, self->sidecars->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_corpus_article_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  GlossCorpusArticle *self = GLOSS_CORPUS_ARTICLE (object);

  switch (prop_id)
    {
    case PROP_FILE:
      self->file = g_value_dup_object (value);
      self->name = g_file_get_basename (self->file);
      break;
    case PROP_EXISTS:
      gloss_corpus_article_set_exists (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_corpus_article_class_init (GlossCorpusArticleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gloss_corpus_article_finalize;
  object_class->get_property = gloss_corpus_article_get_property;
  object_class->set_property = gloss_corpus_article_set_property;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_EXISTS] =
    g_param_spec_boolean ("exists", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_SIDECARS] =
    g_param_spec_uint ("n-sidecars", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gloss_corpus_article_init (GlossCorpusArticle *self)
{
  self->exists = TRUE;
  self->annotators = g_ptr_array_new_with_free_func (g_free);
  self->sidecars = g_ptr_array_new_with_free_func (g_object_unref);
}

GlossCorpusArticle *
gloss_corpus_article_new (GFile *file)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  return g_object_new (GLOSS_TYPE_CORPUS_ARTICLE, "file", file, NULL);
}

GFile *
gloss_corpus_article_get_file (GlossCorpusArticle *self)
{
  g_return_val_if_fail (GLOSS_IS_CORPUS_ARTICLE (self), NULL);
  return self->file;
}

const char *
gloss_corpus_article_get_name (GlossCorpusArticle *self)
{
  g_return_val_if_fail (GLOSS_IS_CORPUS_ARTICLE (self), NULL);
  return self->name;
}

gboolean
gloss_corpus_article_exists (GlossCorpusArticle *self)
{
  g_return_val_if_fail (GLOSS_IS_CORPUS_ARTICLE (self), FALSE);
  return self->exists;
}

void
gloss_corpus_article_set_exists (GlossCorpusArticle *self,
                                 gboolean            exists)
{
  g_return_if_fail (GLOSS_IS_CORPUS_ARTICLE (self));

  exists = !!exists;
  if (self->exists == exists)
    return;

  self->exists = exists;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXISTS]);
}

guint
gloss_corpus_article_get_n_sidecars (GlossCorpusArticle *self)
{
  g_return_val_if_fail (GLOSS_IS_CORPUS_ARTICLE (self), 0);
  return self->sidecars->len;
}

GFile *
gloss_corpus_article_get_sidecar (GlossCorpusArticle *self,
                                  guint               index)
{
  g_return_val_if_fail (GLOSS_IS_CORPUS_ARTICLE (self), NULL);
  g_return_val_if_fail (index < self->sidecars->len, NULL);
  return g_ptr_array_index (self->sidecars, index);
}

const char *
gloss_corpus_article_get_annotator (GlossCorpusArticle *self,
                                    guint               index)
{
  g_return_val_if_fail (GLOSS_IS_CORPUS_ARTICLE (self), NULL);
  g_return_val_if_fail (index < self->annotators->len, NULL);
  return g_ptr_array_index (self->annotators, index);
}

GFile *
gloss_corpus_article_find_sidecar (GlossCorpusArticle *self,
                                   const char         *annotator_id)
{
  g_return_val_if_fail (GLOSS_IS_CORPUS_ARTICLE (self), NULL);

  for (guint i = 0; i < self->annotators->len; i++)
    {
      if (g_strcmp0 (g_ptr_array_index (self->annotators, i), annotator_id) == 0)
        return g_ptr_array_index (self->sidecars, i);
    }

  return NULL;
}

/* Keeps annotators sorted, so every listing of a corpus is in the same
 * order whatever order the file system returned. Adding twice is a no-op. */
void
gloss_corpus_article_add_sidecar (GlossCorpusArticle *self,
                                  const char         *annotator_id,
                                  GFile              *sidecar)
{
  guint pos = 0;

  g_return_if_fail (GLOSS_IS_CORPUS_ARTICLE (self));
  g_return_if_fail (annotator_id != NULL);
  g_return_if_fail (G_IS_FILE (sidecar));

  while (pos < self->annotators->len)
    {
      int cmp = strcmp (g_ptr_array_index (self->annotators, pos), annotator_id);

      if (cmp == 0)
        return;
      if (cmp > 0)
        break;
      pos++;
    }

  g_ptr_array_insert (self->annotators, pos, g_strdup (annotator_id));
  g_ptr_array_insert (self->sidecars, pos, g_object_ref (sidecar));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SIDECARS]);
}
