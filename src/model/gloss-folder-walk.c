/* gloss-folder-walk.c — walking a folder tree on disk: each folder once, in
 * name order, links to folders after the real ones
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gloss-file-load.h"
#include "gloss-folder-walk-private.h"

struct _GlossFolderWalk
{
  GlossFolderWalkFlags  flags;
  GHashTable           *visited;  /* identity of every folder walked (a set) */
};

GlossFolderWalk *
gloss_folder_walk_new (GlossFolderWalkFlags flags)
{
  GlossFolderWalk *self = g_new0 (GlossFolderWalk, 1);

  self->flags = flags;
  self->visited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return self;
}

void
gloss_folder_walk_free (GlossFolderWalk *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->visited, g_hash_table_unref);
  g_free (self);
}

/* Listing a folder
 * ------------------------------------------------------------------------ */

/* What the entries of a folder are asked for: enough to tell files and
 * folders apart, following links, and which folder a link leads to. */
#define WALK_ATTRIBUTES                          \
  G_FILE_ATTRIBUTE_STANDARD_NAME ","             \
  G_FILE_ATTRIBUTE_STANDARD_TYPE ","             \
  G_FILE_ATTRIBUTE_STANDARD_IS_SYMLINK ","       \
  G_FILE_ATTRIBUTE_STANDARD_SYMLINK_TARGET ","   \
  GLOSS_FILE_IDENTITY_ATTRIBUTES

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (g_file_info_get_name (*(GFileInfo * const *) a),
                 g_file_info_get_name (*(GFileInfo * const *) b));
}

/* The visible entries of @folder (GFileInfo), sorted by name so that what a
 * walk finds, and the order of its problems, do not depend on the file
 * system. The whole listing is read before anything in it is visited: a
 * failure halfway leaves the folder out as a whole, and no folder stays
 * open while those below it are walked. */
static GPtrArray *
list_folder (GlossFolderWalk  *self,
             GFile            *folder,
             GCancellable     *cancellable,
             GError          **error)
{
  gboolean hidden_lists = (self->flags & GLOSS_FOLDER_WALK_HIDDEN_LISTS) != 0;
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GPtrArray) infos = g_ptr_array_new_with_free_func (g_object_unref);

  enumerator = g_file_enumerate_children (folder,
                                          hidden_lists
                                          ? WALK_ATTRIBUTES "," G_FILE_ATTRIBUTE_STANDARD_IS_HIDDEN
                                          : WALK_ATTRIBUTES,
                                          G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (enumerator == NULL)
    return NULL;

  for (;;)
    {
      GFileInfo *info = NULL;
      const char *name;

      if (!g_file_enumerator_iterate (enumerator, &info, NULL, cancellable, error))
        return NULL;
      if (info == NULL)
        break;

      /* Hidden files and folders (.git, editor backups) are nobody's content. */
      name = g_file_info_get_name (info);
      if (name[0] == '.' || (hidden_lists && g_file_info_get_is_hidden (info)))
        continue;

      g_ptr_array_add (infos, g_object_ref (info));
    }

  g_ptr_array_sort (infos, compare_names);
  return g_steal_pointer (&infos);
}

/* Walking
 * ------------------------------------------------------------------------ */

typedef struct
{
  GlossFolderWalk                *self;
  const GlossFolderWalkCallbacks *callbacks;
  gpointer                        user_data;
  gboolean                        recursive;
  GPtrArray                      *links;  /* PendingLink: links to folders, for later */
} Run;

/* A link to a folder, followed in the round after the one that met it
 * (the real folders being round zero). */
typedef struct
{
  GFile     *folder;    /* where the link is */
  GFile     *link;
  char      *name;
  char      *relative;
  GFileInfo *info;      /* of the folder it leads to */
} PendingLink;

static void
pending_link_free (PendingLink *pending)
{
  g_clear_object (&pending->folder);
  g_clear_object (&pending->link);
  g_clear_object (&pending->info);
  g_free (pending->name);
  g_free (pending->relative);
  g_free (pending);
}

static int
compare_pending_links (gconstpointer a,
                       gconstpointer b)
{
  const PendingLink *la = *(const PendingLink * const *) a;
  const PendingLink *lb = *(const PendingLink * const *) b;

  return strcmp (la->relative, lb->relative);
}

static gboolean walk_subfolder (Run                        *run,
                                const GlossFolderWalkEntry *entry,
                                GCancellable               *cancellable,
                                GError                    **error);

/* A folder met in a folder: a real one is walked now, a link to one later. */
static gboolean
visit_folder (Run                        *run,
              const GlossFolderWalkEntry *entry,
              GCancellable               *cancellable,
              GError                    **error)
{
  PendingLink *pending;

  if (!g_file_info_get_is_symlink (entry->info))
    return walk_subfolder (run, entry, cancellable, error);

  pending = g_new0 (PendingLink, 1);
  pending->folder = g_object_ref (entry->folder);
  pending->link = g_object_ref (entry->file);
  pending->name = g_strdup (entry->name);
  pending->relative = g_strdup (entry->relative);
  pending->info = g_object_ref (entry->info);
  g_ptr_array_add (run->links, pending);
  return TRUE;
}

/* A file the caller wants: handed over if it is a regular one; anything
 * else is said, and never opened (a FIFO would block the walk). */
static gboolean
visit_file (Run                        *run,
            const GlossFolderWalkEntry *entry,
            GCancellable               *cancellable,
            GError                    **error)
{
  g_autoptr(GError) local_error = NULL;

  if (g_file_info_get_file_type (entry->info) == G_FILE_TYPE_REGULAR)
    return run->callbacks->file (entry, run->user_data, cancellable, error);

  /* One that has become a regular file since it was listed is left for
   * the next walk, without a word. */
  if (!gloss_file_check_regular (entry->file, NULL, &local_error))
    run->callbacks->problem (GLOSS_FOLDER_WALK_NOT_REGULAR, entry, local_error, run->user_data);
  return TRUE;
}

/* The entries @folder listed, in order. */
static gboolean
walk_entries (Run           *run,
              GFile         *folder,
              const char    *relative,
              GPtrArray     *infos,
              GCancellable  *cancellable,
              GError       **error)
{
  /* One buffer for the entries' relative paths: a scan meets many files. */
  g_autoptr(GString) path = g_string_new (relative);
  gsize prefix_len;

  if (path->len > 0)
    g_string_append_c (path, '/');
  prefix_len = path->len;

  for (guint i = 0; i < infos->len; i++)
    {
      GFileInfo *info = g_ptr_array_index (infos, i);
      const char *name = g_file_info_get_name (info);
      gboolean is_folder = g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY;
      g_autoptr(GFile) file = NULL;
      GlossFolderWalkEntry entry;
      gboolean ok;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      if (is_folder ? !run->recursive : !run->callbacks->wants (name, run->user_data))
        continue;

      file = g_file_get_child (folder, name);
      g_string_truncate (path, prefix_len);
      g_string_append (path, name);
      entry = (GlossFolderWalkEntry) { folder, file, name, path->str, info };

      ok = is_folder ? visit_folder (run, &entry, cancellable, error)
                     : visit_file (run, &entry, cancellable, error);
      if (!ok)
        return FALSE;
    }

  return TRUE;
}

/* A folder below the top: walked once, however many ways lead there; one
 * that cannot be listed is said, and the walk goes on elsewhere. */
static gboolean
walk_subfolder (Run                        *run,
                const GlossFolderWalkEntry *entry,
                GCancellable               *cancellable,
                GError                    **error)
{
  g_autofree char *identity = gloss_file_info_dup_identity (entry->info);
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GError) local_error = NULL;

  /* Reached again without a link (a bind mount): walked already. A folder
   * whose file system has no identity to give is walked every time it is
   * met: only links could lead there twice, and those are not followed. */
  if (identity != NULL && !g_hash_table_add (run->self->visited, g_steal_pointer (&identity)))
    return TRUE;

  infos = list_folder (run->self, entry->file, cancellable, &local_error);
  if (infos == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      run->callbacks->problem (GLOSS_FOLDER_WALK_UNREADABLE, entry, local_error, run->user_data);
      return TRUE;
    }

  return walk_entries (run, entry->file, entry->relative, infos, cancellable, error);
}

/* Whether a link is not to be followed, and why: it loops back to a folder
 * it is in (".", ".."), its file system cannot tell where it leads, or it
 * leads to a folder already walked. */
static gboolean
link_not_followed (Run                    *run,
                   PendingLink            *pending,
                   const char             *identity,
                   GlossFolderWalkProblem *problem)
{
  if (gloss_file_link_is_loop (pending->link, pending->folder))
    *problem = GLOSS_FOLDER_WALK_LINK_LOOP;
  else if (identity == NULL)
    *problem = GLOSS_FOLDER_WALK_LINK_UNKNOWN;
  else if (g_hash_table_contains (run->self->visited, identity))
    *problem = GLOSS_FOLDER_WALK_LINK_SEEN;
  else
    return FALSE;

  return TRUE;
}

/* Links to folders, once the real folders are all walked: each is followed
 * unless link_not_followed() says why not, which the caller is told.
 * Folders reached through links may hold links too: rounds go on until
 * none is left. */
static gboolean
follow_links (Run           *run,
              GCancellable  *cancellable,
              GError       **error)
{
  while (run->links->len > 0)
    {
      g_autoptr(GPtrArray) links = g_steal_pointer (&run->links);

      run->links = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_link_free);
      g_ptr_array_sort (links, compare_pending_links);

      for (guint i = 0; i < links->len; i++)
        {
          PendingLink *pending = g_ptr_array_index (links, i);
          g_autofree char *identity = gloss_file_info_dup_identity (pending->info);
          GlossFolderWalkEntry entry = { pending->folder, pending->link, pending->name,
                                         pending->relative, pending->info };
          GlossFolderWalkProblem problem;

          if (link_not_followed (run, pending, identity, &problem))
            run->callbacks->problem (problem, &entry, NULL, run->user_data);
          else if (!walk_subfolder (run, &entry, cancellable, error))
            return FALSE;
        }
    }

  return TRUE;
}

gboolean
gloss_folder_walk_tree (GlossFolderWalk                 *self,
                        GFile                           *top,
                        const GlossFolderWalkCallbacks  *callbacks,
                        gpointer                         user_data,
                        GCancellable                    *cancellable,
                        GError                         **error)
{
  g_autoptr(GPtrArray) links = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_link_free);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GPtrArray) infos = NULL;
  g_autofree char *identity = NULL;
  Run run = { self, callbacks, user_data, TRUE, NULL };
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (top), FALSE);
  g_return_val_if_fail (callbacks != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  info = g_file_query_info (top, GLOSS_FILE_IDENTITY_ATTRIBUTES, G_FILE_QUERY_INFO_NONE,
                            cancellable, error);
  if (info == NULL)
    return FALSE;

  /* Given again, or inside a folder given before: walked already. */
  identity = gloss_file_info_dup_identity (info);
  if (identity != NULL && !g_hash_table_add (self->visited, g_strdup (identity)))
    return TRUE;

  run.links = g_steal_pointer (&links);
  infos = list_folder (self, top, cancellable, error);
  ok = infos != NULL && walk_entries (&run, top, "", infos, cancellable, error);

  /* Not walked after all: it may be given again. */
  if (!ok && identity != NULL)
    g_hash_table_remove (self->visited, identity);

  ok = ok && follow_links (&run, cancellable, error);
  g_ptr_array_unref (run.links);

  return ok;
}

gboolean
gloss_folder_walk_files (GlossFolderWalk                 *self,
                         GFile                           *folder,
                         const GlossFolderWalkCallbacks  *callbacks,
                         gpointer                         user_data,
                         GCancellable                    *cancellable,
                         GError                         **error)
{
  g_autoptr(GPtrArray) infos = NULL;
  Run run = { self, callbacks, user_data, FALSE, NULL };

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (folder), FALSE);
  g_return_val_if_fail (callbacks != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  infos = list_folder (self, folder, cancellable, error);
  return infos != NULL && walk_entries (&run, folder, "", infos, cancellable, error);
}

char *
gloss_folder_walk_dup_link_message (GlossFolderWalkProblem      problem,
                                    const GlossFolderWalkEntry *entry)
{
  const char *target;

  g_return_val_if_fail (entry != NULL, NULL);

  target = g_file_info_get_symlink_target (entry->info);

  switch (problem)
    {
    case GLOSS_FOLDER_WALK_LINK_LOOP:
      return g_strdup_printf (_("a link to “%s”, a folder that contains the link (a loop); not followed"),
                              target);

    case GLOSS_FOLDER_WALK_LINK_UNKNOWN:
      return g_strdup_printf (_("a link to “%s”, on a file system that cannot tell whether it loops; not followed"),
                              target);

    case GLOSS_FOLDER_WALK_UNREADABLE:
    case GLOSS_FOLDER_WALK_NOT_REGULAR:
    case GLOSS_FOLDER_WALK_LINK_SEEN:
    default:
      g_return_val_if_reached (NULL);
    }
}
