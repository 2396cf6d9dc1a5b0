/* gloss-session-registry.c — the sessions open in this process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include "gloss-session-registry-private.h"
#include "gloss-sidecar.h"

static GHashTable *open_sessions;

char *
gloss_session_registry_build_key (GFile      *article,
                                  const char *annotator_id)
{
  g_autoptr(GFile) folder = NULL;
  g_autofree char *folder_path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *sidecar_name = NULL;
  g_autofree char *real_folder = NULL;
  char *resolved;

  g_return_val_if_fail (G_IS_FILE (article), NULL);

  folder = g_file_get_parent (article);
  folder_path = folder != NULL ? g_file_get_path (folder) : NULL;
  if (folder_path == NULL)
    return g_file_get_uri (article);

  name = g_file_get_basename (article);
  sidecar_name = gloss_sidecar_build_name (name, annotator_id);
  real_folder = g_canonicalize_filename (folder_path, NULL);
  resolved = realpath (real_folder, NULL);
  if (resolved != NULL)
    {
      g_free (real_folder);
      real_folder = g_strdup (resolved);
      free (resolved);
    }

  return g_build_filename (real_folder, sidecar_name, NULL);
}

GlossSession *
gloss_session_registry_lookup (const char *key)
{
  if (open_sessions == NULL || key == NULL)
    return NULL;

  return g_hash_table_lookup (open_sessions, key);
}

void
gloss_session_registry_add (const char   *key,
                            GlossSession *session)
{
  g_return_if_fail (key != NULL);
  g_return_if_fail (G_IS_OBJECT (session));

  if (open_sessions == NULL)
    open_sessions = g_hash_table_new (g_str_hash, g_str_equal);

  /* replace, not insert: the key must be this session's own string (a
   * session it replaces, whose article changed, frees its key later). */
  g_hash_table_replace (open_sessions, (gpointer) key, session);
}

void
gloss_session_registry_remove (const char   *key,
                               GlossSession *session)
{
  if (open_sessions != NULL && key != NULL
      && g_hash_table_lookup (open_sessions, key) == session)
    g_hash_table_remove (open_sessions, key);
}

GPtrArray *
gloss_session_registry_dup_all (void)
{
  GPtrArray *sessions = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer value;

  if (open_sessions == NULL)
    return sessions;

  g_hash_table_iter_init (&iter, open_sessions);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (sessions, g_object_ref (value));

  return sessions;
}
