/* gloss-corpus-labels.c — label sets looked up once per folder during a walk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gloss-corpus-labels.h"

struct _GlossCorpusLabels
{
  GHashTable *by_folder;  /* folder path → GlossLabelSet, or NULL if broken */
  GHashTable *reported;   /* label file path (or message) of each problem handed out */
};

/* The cache holds NULL for a folder whose label file is broken. */
static void
unref_if_set (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

GlossCorpusLabels *
gloss_corpus_labels_new (void)
{
  GlossCorpusLabels *self = g_new0 (GlossCorpusLabels, 1);

  self->by_folder = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, unref_if_set);
  self->reported = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return self;
}

void
gloss_corpus_labels_free (GlossCorpusLabels *self)
{
  if (self == NULL)
    return;

  g_hash_table_unref (self->by_folder);
  g_hash_table_unref (self->reported);
  g_free (self);
}

/* Which gloss-labels.json gloss_label_set_find_for_folder() met: only
 * asked once a lookup failed, to name the file in the problem. NULL when
 * the lookup failed before finding one (a folder that cannot be read). */
static GFile *
find_label_file (GFile *folder)
{
  GFile *dir = g_object_ref (folder);

  while (dir != NULL)
    {
      g_autoptr(GFile) candidate = g_file_get_child (dir, GLOSS_LABEL_SET_FILE_NAME);
      GFile *parent;

      if (g_file_query_file_type (candidate, G_FILE_QUERY_INFO_NONE, NULL) != G_FILE_TYPE_UNKNOWN)
        {
          g_object_unref (dir);
          return g_steal_pointer (&candidate);
        }

      parent = g_file_get_parent (dir);
      g_object_unref (dir);
      dir = parent;
    }

  return NULL;
}

/* The reader leads its message with the file's name; the problem carries
 * the name as its file and the rest as its message, so that
 * gloss_problem_to_string() gives back the reader's message unchanged. */
static GlossProblem *
problem_for (GFile        *label_file,
             const GError *error)
{
  g_autofree char *name = label_file != NULL ? g_file_get_parse_name (label_file) : NULL;
  const char *message = error->message;
  gsize length = name != NULL ? strlen (name) : 0;

  if (name != NULL && strncmp (message, name, length) == 0 && strncmp (message + length, ": ", 2) == 0)
    return gloss_problem_new (GLOSS_SEVERITY_ERROR, name, NULL, message + length + 2);

  return gloss_problem_new (GLOSS_SEVERITY_ERROR, NULL, NULL, message);
}

GlossLabelSet *
gloss_corpus_labels_lookup (GlossCorpusLabels  *self,
                            GFile              *article,
                            GlossProblem      **problem)
{
  g_autoptr(GFile) folder = g_file_get_parent (article);
  g_autofree char *key = g_file_get_path (folder);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) label_file = NULL;
  g_autofree char *reported_key = NULL;
  GlossLabelSet *set;
  gpointer value;

  if (problem != NULL)
    *problem = NULL;

  if (key == NULL)
    key = g_file_get_uri (folder);

  if (g_hash_table_lookup_extended (self->by_folder, key, NULL, &value))
    return value;

  set = gloss_label_set_find_for_folder (folder, &error);
  g_hash_table_insert (self->by_folder, g_steal_pointer (&key), set);
  if (set != NULL)
    return set;

  /* Folders below the same broken file each fail; it is said once. */
  label_file = find_label_file (folder);
  reported_key = label_file != NULL ? g_file_get_parse_name (label_file) : g_strdup (error->message);
  if (!g_hash_table_add (self->reported, g_steal_pointer (&reported_key)))
    return NULL;

  if (problem != NULL)
    *problem = problem_for (label_file, error);
  return NULL;
}
