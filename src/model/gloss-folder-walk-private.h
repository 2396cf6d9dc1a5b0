/* gloss-folder-walk-private.h — walking a folder tree on disk: each folder
 * once, in name order, links to folders after the real ones
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The one folder walk under a corpus scan and a brat import. It decides
 * where to go; the caller decides what a file is and how a problem is worded:
 *
 * - Entries are visited in name order (strcmp), depth first: a folder's
 *   subfolders are walked where their names fall among its files. Names
 *   starting with a dot are skipped.
 * - Each folder is walked once, by identity (gloss_file_info_dup_identity):
 *   a folder reached a second way (a bind mount) is not walked again. The
 *   folders seen are kept by the GlossFolderWalk, across walks.
 * - Links to folders are followed only once every real folder is walked, so
 *   that a folder reached both ways is walked under its own path; in rounds
 *   (folders reached through links may hold links), each round in order of
 *   the links' paths. A link is not followed, and the caller told, when it
 *   loops back to a folder it is in, when its file system has no identity
 *   to tell, or when it leads to a folder already walked.
 * - A file whose name the caller wants but which is not a regular file (a
 *   FIFO, a device, a socket, a link to nothing) is never opened: the caller
 *   is told, with the error gloss_file_check_regular() gives.
 * - A folder below the top that cannot be listed is told to the caller and
 *   the walk goes on; the top folder that cannot be listed fails the walk,
 *   as does cancelling, or the caller's @file failing. */

typedef enum
{
  GLOSS_FOLDER_WALK_DEFAULT      = 0,
  /* Skip what GIO calls hidden too: the names a folder's ".hidden" file
   * lists (brat's import has always done so). */
  GLOSS_FOLDER_WALK_HIDDEN_LISTS = 1 << 0,
} GlossFolderWalkFlags;

/* What the walk did not go into or read. */
typedef enum
{
  GLOSS_FOLDER_WALK_UNREADABLE,    /* a folder below the top cannot be listed */
  GLOSS_FOLDER_WALK_NOT_REGULAR,   /* a wanted name that is not a regular file */
  GLOSS_FOLDER_WALK_LINK_LOOP,     /* a link to a folder that contains the link */
  GLOSS_FOLDER_WALK_LINK_UNKNOWN,  /* a link whose file system cannot tell where it leads */
  GLOSS_FOLDER_WALK_LINK_SEEN,     /* a link to a folder already walked */
} GlossFolderWalkProblem;

/* One entry of a folder, as the walk reached it; valid during the call it
 * is passed to (ref or copy what is kept). */
typedef struct
{
  GFile      *folder;    /* the folder it is in */
  GFile      *file;
  const char *name;
  const char *relative;  /* its path from the top, "/"-separated: "a/b.ann" */
  GFileInfo  *info;      /* type, is-symlink, symlink target and identity,
                          * links followed */
} GlossFolderWalkEntry;

typedef struct
{
  /* Whether a file of this name is one the caller reads. */
  gboolean (*wants)   (const char                 *name,
                       gpointer                    user_data);
  /* A wanted regular file. FALSE, with @error, stops the walk. */
  gboolean (*file)    (const GlossFolderWalkEntry *entry,
                       gpointer                    user_data,
                       GCancellable               *cancellable,
                       GError                    **error);
  /* What was left out, and where: @entry is the folder, file or link.
   * @error says why for UNREADABLE and NOT_REGULAR, NULL otherwise. */
  void     (*problem) (GlossFolderWalkProblem      problem,
                       const GlossFolderWalkEntry *entry,
                       const GError               *error,
                       gpointer                    user_data);
} GlossFolderWalkCallbacks;

typedef struct _GlossFolderWalk GlossFolderWalk;

GlossFolderWalk *gloss_folder_walk_new   (GlossFolderWalkFlags             flags);
void             gloss_folder_walk_free  (GlossFolderWalk                 *self);

/* @top and everything below it. Nothing is done for a folder walked
 * before (by this GlossFolderWalk). */
gboolean         gloss_folder_walk_tree  (GlossFolderWalk                 *self,
                                          GFile                           *top,
                                          const GlossFolderWalkCallbacks  *callbacks,
                                          gpointer                         user_data,
                                          GCancellable                    *cancellable,
                                          GError                         **error);
/* The files of @folder alone: no subfolder, no link to one, and the
 * folders seen are neither asked nor changed. */
gboolean         gloss_folder_walk_files (GlossFolderWalk                 *self,
                                          GFile                           *folder,
                                          const GlossFolderWalkCallbacks  *callbacks,
                                          gpointer                         user_data,
                                          GCancellable                    *cancellable,
                                          GError                         **error);

/* How a link not followed for a reason of the walk's own is said, alike
 * for every caller: LINK_LOOP ("a link to “.”, a folder that contains the
 * link (a loop); not followed") and LINK_UNKNOWN. LINK_SEEN says what the
 * caller did with the folder, so the caller words it. */
char            *gloss_folder_walk_dup_link_message (GlossFolderWalkProblem      problem,
                                                     const GlossFolderWalkEntry *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossFolderWalk, gloss_folder_walk_free)

G_END_DECLS
