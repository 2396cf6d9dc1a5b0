/* test-folder-walk.c — the one folder walk under corpus scans and imports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gloss.h"
#include "gloss-folder-walk-private.h"
#include "gloss-test-utils.h"

/* What a walk met, one line each, in order: "file REL", or "PROBLEM REL"
 * with the error's message where there is one. */
typedef struct
{
  GString      *log;
  GString      *messages;            /* the walk's words for links not followed */
  GCancellable *cancel_after_first;  /* cancelled once a file is met */
  gboolean      fail_on_file;        /* the file callback fails */
} Seen;

static gboolean
wants_txt (const char *name,
           gpointer    user_data)
{
  return g_str_has_suffix (name, ".txt");
}

static gboolean
on_file (const GlossFolderWalkEntry  *entry,
         gpointer                     user_data,
         GCancellable                *cancellable,
         GError                     **error)
{
  Seen *seen = user_data;
  g_autoptr(GFile) expected = g_file_get_child (entry->folder, entry->name);

  /* The entry's parts agree with one another. */
  g_assert_true (g_file_equal (expected, entry->file));
  g_assert_true (g_str_has_suffix (entry->relative, entry->name));
  g_assert_cmpint (g_file_info_get_file_type (entry->info), ==, G_FILE_TYPE_REGULAR);

  g_string_append_printf (seen->log, "file %s\n", entry->relative);

  if (seen->cancel_after_first != NULL)
    g_cancellable_cancel (seen->cancel_after_first);
  if (seen->fail_on_file)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "the disk is full");
      return FALSE;
    }
  return TRUE;
}

static void
on_problem (GlossFolderWalkProblem      problem,
            const GlossFolderWalkEntry *entry,
            const GError               *error,
            gpointer                    user_data)
{
  static const char * const names[] = {
    [GLOSS_FOLDER_WALK_UNREADABLE] = "unreadable",
    [GLOSS_FOLDER_WALK_NOT_REGULAR] = "not-regular",
    [GLOSS_FOLDER_WALK_LINK_LOOP] = "loop",
    [GLOSS_FOLDER_WALK_LINK_UNKNOWN] = "unknown",
    [GLOSS_FOLDER_WALK_LINK_SEEN] = "seen",
  };
  Seen *seen = user_data;

  /* An error for what could not be read, none for links not followed. */
  g_assert_true ((error != NULL) == (problem == GLOSS_FOLDER_WALK_UNREADABLE
                                     || problem == GLOSS_FOLDER_WALK_NOT_REGULAR));

  g_string_append_printf (seen->log, "%s %s", names[problem], entry->relative);
  if (problem == GLOSS_FOLDER_WALK_UNREADABLE && error != NULL)
    g_string_append_printf (seen->log, " (%s)",
                            g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED)
                            ? "permission denied" : error->message);
  else if (error != NULL)
    g_string_append_printf (seen->log, " (%s)", error->message);
  else
    g_string_append_printf (seen->log, " → %s", g_file_info_get_symlink_target (entry->info));
  g_string_append_c (seen->log, '\n');

  if (seen->messages != NULL
      && (problem == GLOSS_FOLDER_WALK_LINK_LOOP || problem == GLOSS_FOLDER_WALK_LINK_UNKNOWN))
    {
      g_autofree char *message = gloss_folder_walk_dup_link_message (problem, entry);

      g_string_append_printf (seen->messages, "%s: %s\n", entry->relative, message);
    }
}

static const GlossFolderWalkCallbacks callbacks = { wants_txt, on_file, on_problem };

/* A new empty folder for one test. */
static char *
make_root (const char *name)
{
  g_autofree char *tmp = g_dir_make_tmp ("gloss-folder-walk-XXXXXX", NULL);
  char *root = g_build_filename (tmp, name, NULL);

  g_assert_cmpint (g_mkdir (root, 0700), ==, 0);
  return root;
}

/* An empty file at @relative under @root, with the folders on the way. */
static void
touch_in (const char *root,
          const char *relative)
{
  g_autofree char *path = g_build_filename (root, relative, NULL);
  g_autofree char *folder = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "", 0, NULL));
}

static void
link_at (const char *root,
         const char *relative,
         const char *target)
{
  g_autofree char *path = g_build_filename (root, relative, NULL);

  g_assert_cmpint (symlink (target, path), ==, 0);
}

static void
remove_root (const char *root)
{
  g_autofree char *tmp = g_path_get_dirname (root);

  gloss_test_remove_tree (tmp);
}

/* Walks @root with a new GlossFolderWalk; the log of what it met. */
static char *
walk (const char    *root,
      gboolean       expect_ok,
      GError       **error)
{
  g_autoptr(GlossFolderWalk) folder_walk = gloss_folder_walk_new (GLOSS_FOLDER_WALK_DEFAULT);
  g_autoptr(GFile) top = g_file_new_for_path (root);
  Seen seen = { g_string_new (NULL), NULL, NULL, FALSE };
  gboolean ok;

  ok = gloss_folder_walk_tree (folder_walk, top, &callbacks, &seen, NULL, error);
  g_assert_true (ok == expect_ok);
  return g_string_free (seen.log, FALSE);
}

/* Name order, depth first: a folder's subfolders are walked where their
 * names fall among its files, whatever order the file system lists.
 * Hidden names are skipped, and files the caller does not want are never
 * handed over. */
static void
test_order (void)
{
  g_autofree char *root = make_root ("order");
  g_autofree char *log = NULL;
  g_autoptr(GError) error = NULL;

  touch_in (root, "z.txt");
  touch_in (root, "m/b.txt");
  touch_in (root, "m/a.txt");
  touch_in (root, "m/n/c.txt");
  touch_in (root, "a.txt");
  touch_in (root, "b.csv");
  touch_in (root, ".hidden.txt");
  touch_in (root, ".git/d.txt");
  touch_in (root, "n.txt");

  log = walk (root, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (log, ==,
                   "file a.txt\n"
                   "file m/a.txt\n"
                   "file m/b.txt\n"
                   "file m/n/c.txt\n"
                   "file n.txt\n"
                   "file z.txt\n");

  remove_root (root);
}

/* A folder reached through two links is walked once, under the first link
 * in order; a link to a folder walked as a real folder is not followed,
 * even when its name comes first: real folders go before links. */
static void
test_each_folder_once (void)
{
  g_autofree char *root = make_root ("once");
  g_autofree char *outside = make_root ("outside");
  g_autofree char *log = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;

  touch_in (root, "real/a.txt");
  touch_in (outside, "o.txt");
  touch_in (outside, "deep/p.txt");
  link_at (root, "alias", "real");
  link_at (root, "l1", outside);
  link_at (root, "real/l2", outside);

  log = walk (root, TRUE, &error);
  g_assert_no_error (error);
  expected = g_strdup_printf ("file real/a.txt\n"
                              "seen alias → real\n"
                              "file l1/deep/p.txt\n"
                              "file l1/o.txt\n"
                              "seen real/l2 → %s\n", outside);
  g_assert_cmpstr (log, ==, expected);

  remove_root (root);
  remove_root (outside);
}

/* Links in folders reached through links are followed in a later round;
 * one leading where a round went already is not. */
static void
test_link_rounds (void)
{
  g_autofree char *root = make_root ("rounds");
  g_autofree char *outside = make_root ("outside");
  g_autofree char *further = make_root ("further");
  g_autofree char *log = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;

  touch_in (root, "a.txt");
  touch_in (outside, "o.txt");
  touch_in (further, "f.txt");
  link_at (root, "out", outside);
  link_at (outside, "more", further);
  link_at (root, "zfurther", further);

  log = walk (root, TRUE, &error);
  g_assert_no_error (error);
  /* Round one: out, zfurther (in order); round two: out/more, seen. */
  expected = g_strdup_printf ("file a.txt\n"
                              "file out/o.txt\n"
                              "file zfurther/f.txt\n"
                              "seen out/more → %s\n", further);
  g_assert_cmpstr (log, ==, expected);

  remove_root (root);
  remove_root (outside);
  remove_root (further);
}

/* Links back to a folder they are in are never followed: "." and "..",
 * from the top and from below. */
static void
test_loops (void)
{
  g_autofree char *root = make_root ("loops");
  g_autofree char *log = NULL;
  g_autoptr(GError) error = NULL;

  touch_in (root, "a.txt");
  touch_in (root, "sub/deeper/b.txt");
  link_at (root, "loop", ".");
  link_at (root, "up", "..");
  link_at (root, "sub/back", "..");
  link_at (root, "sub/deeper/top", "../..");

  {
    g_autoptr(GlossFolderWalk) folder_walk = gloss_folder_walk_new (GLOSS_FOLDER_WALK_DEFAULT);
    g_autoptr(GFile) top = g_file_new_for_path (root);
    Seen seen = { g_string_new (NULL), g_string_new (NULL), NULL, FALSE };

    g_assert_true (gloss_folder_walk_tree (folder_walk, top, &callbacks, &seen, NULL, &error));
    g_assert_no_error (error);
    log = g_string_free (seen.log, FALSE);
    g_assert_cmpstr (log, ==,
                     "file a.txt\n"
                     "file sub/deeper/b.txt\n"
                     "loop loop → .\n"
                     "loop sub/back → ..\n"
                     "loop sub/deeper/top → ../..\n"
                     "loop up → ..\n");
    /* As the CLI prints them (tests/cli/test-cli.py). */
    g_assert_cmpstr (seen.messages->str, ==,
                     "loop: a link to “.”, a folder that contains the link (a loop); not followed\n"
                     "sub/back: a link to “..”, a folder that contains the link (a loop); not followed\n"
                     "sub/deeper/top: a link to “../..”, a folder that contains the link (a loop); not followed\n"
                     "up: a link to “..”, a folder that contains the link (a loop); not followed\n");
    g_string_free (seen.messages, TRUE);
  }

  remove_root (root);
}

/* Wanted names that are not regular files are said, never opened (a FIFO
 * would block the walk); unwanted ones are not even looked at. */
static void
test_special_files (void)
{
  g_autofree char *root = make_root ("special");
  g_autofree char *fifo = g_build_filename (root, "pipe.txt", NULL);
  g_autofree char *other_fifo = g_build_filename (root, "pipe.csv", NULL);
  g_autofree char *log = NULL;
  g_autoptr(GError) error = NULL;

  touch_in (root, "a.txt");
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (mkfifo (other_fifo, 0600), ==, 0);
  link_at (root, "zero.txt", "/dev/zero");
  link_at (root, "gone.txt", "nowhere.txt");

  log = walk (root, TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (log, "file a.txt\n"
                                        "not-regular gone.txt ("));
  g_assert_nonnull (strstr (log, "\nnot-regular pipe.txt (not a regular file (a FIFO); only regular files are read)\n"
                                 "not-regular zero.txt (not a regular file (a device); only regular files are read)\n"));
  g_assert_null (strstr (log, "pipe.csv"));

  remove_root (root);
}

/* A folder below the top that cannot be listed is said, and the walk goes
 * on around it; the top that cannot be listed fails the walk. */
static void
test_unreadable_folder (void)
{
  g_autofree char *root = make_root ("locked");
  g_autofree char *locked = g_build_filename (root, "sub", "deeper", NULL);
  g_autofree char *log = NULL;
  g_autofree char *top_log = NULL;
  g_autoptr(GError) error = NULL;
  gboolean dropped = FALSE;

  touch_in (root, "0-first/e.txt");
  touch_in (root, "sub/b.txt");
  touch_in (root, "sub/deeper/d.txt");
  touch_in (root, "sub/zz/f.txt");

  g_assert_cmpint (g_chmod (locked, 0), ==, 0);
  if (geteuid () == 0)
    dropped = gloss_test_drop_read_capabilities ();
  if (gloss_test_can_list (locked))
    {
      if (dropped)
        gloss_test_restore_capabilities ();
      g_chmod (locked, 0700);
      remove_root (root);
      g_test_skip ("a folder with mode 000 can still be read here (root without capset)");
      return;
    }

  log = walk (root, TRUE, &error);
  g_assert_no_error (error);

  g_chmod (locked, 0700);
  g_assert_cmpint (g_chmod (root, 0), ==, 0);
  top_log = walk (root, FALSE, &error);
  g_chmod (root, 0700);

  if (dropped)
    gloss_test_restore_capabilities ();

  g_assert_cmpstr (log, ==,
                   "file 0-first/e.txt\n"
                   "file sub/b.txt\n"
                   "unreadable sub/deeper (permission denied)\n"
                   "file sub/zz/f.txt\n");

  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_assert_cmpstr (top_log, ==, "");

  remove_root (root);
}

/* Cancelled between two files: nothing more is handed over, and the walk
 * ends with G_IO_ERROR_CANCELLED; cancelled before, nothing at all. */
static void
test_cancel (void)
{
  g_autofree char *root = make_root ("cancel");
  g_autoptr(GlossFolderWalk) folder_walk = gloss_folder_walk_new (GLOSS_FOLDER_WALK_DEFAULT);
  g_autoptr(GlossFolderWalk) second_walk = gloss_folder_walk_new (GLOSS_FOLDER_WALK_DEFAULT);
  g_autoptr(GFile) top = g_file_new_for_path (root);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  Seen seen = { g_string_new (NULL), NULL, cancellable, FALSE };

  touch_in (root, "a.txt");
  touch_in (root, "b.txt");
  touch_in (root, "sub/c.txt");

  g_assert_false (gloss_folder_walk_tree (folder_walk, top, &callbacks, &seen, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpstr (seen.log->str, ==, "file a.txt\n");
  g_clear_error (&error);

  /* Not walked after all: given again, it is walked. */
  g_string_truncate (seen.log, 0);
  seen.cancel_after_first = NULL;
  g_assert_true (gloss_folder_walk_tree (folder_walk, top, &callbacks, &seen, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (seen.log->str, ==, "file a.txt\nfile b.txt\nfile sub/c.txt\n");

  /* Already cancelled: nothing. */
  g_string_truncate (seen.log, 0);
  g_assert_false (gloss_folder_walk_tree (second_walk, top, &callbacks, &seen, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpstr (seen.log->str, ==, "");

  g_string_free (seen.log, TRUE);
  remove_root (root);
}

/* The caller's failure ends the walk with the caller's error. */
static void
test_file_fails (void)
{
  g_autofree char *root = make_root ("fails");
  g_autoptr(GlossFolderWalk) folder_walk = gloss_folder_walk_new (GLOSS_FOLDER_WALK_DEFAULT);
  g_autoptr(GFile) top = g_file_new_for_path (root);
  g_autoptr(GError) error = NULL;
  Seen seen = { g_string_new (NULL), NULL, NULL, TRUE };

  touch_in (root, "sub/a.txt");
  touch_in (root, "sub/b.txt");
  touch_in (root, "z.txt");

  g_assert_false (gloss_folder_walk_tree (folder_walk, top, &callbacks, &seen, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_cmpstr (seen.log->str, ==, "file sub/a.txt\n");

  g_string_free (seen.log, TRUE);
  remove_root (root);
}

/* One GlossFolderWalk remembers the folders it walked: the same folder, or
 * one inside it, given again is not walked again. */
static void
test_walked_before (void)
{
  g_autofree char *root = make_root ("again");
  g_autofree char *sub_path = g_build_filename (root, "sub", NULL);
  g_autoptr(GlossFolderWalk) folder_walk = gloss_folder_walk_new (GLOSS_FOLDER_WALK_DEFAULT);
  g_autoptr(GFile) top = g_file_new_for_path (root);
  g_autoptr(GFile) sub = g_file_new_for_path (sub_path);
  g_autoptr(GError) error = NULL;
  Seen seen = { g_string_new (NULL), NULL, NULL, FALSE };

  touch_in (root, "a.txt");
  touch_in (root, "sub/b.txt");

  g_assert_true (gloss_folder_walk_tree (folder_walk, top, &callbacks, &seen, NULL, &error));
  g_assert_cmpstr (seen.log->str, ==, "file a.txt\nfile sub/b.txt\n");

  g_string_truncate (seen.log, 0);
  g_assert_true (gloss_folder_walk_tree (folder_walk, top, &callbacks, &seen, NULL, &error));
  g_assert_true (gloss_folder_walk_tree (folder_walk, sub, &callbacks, &seen, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (seen.log->str, ==, "");

  g_string_free (seen.log, TRUE);
  remove_root (root);
}

/* The files of one folder: no subfolder, no link to one, and the folders
 * walked are neither asked nor changed. */
static void
test_files_only (void)
{
  g_autofree char *root = make_root ("files");
  g_autoptr(GlossFolderWalk) folder_walk = gloss_folder_walk_new (GLOSS_FOLDER_WALK_DEFAULT);
  g_autoptr(GFile) top = g_file_new_for_path (root);
  g_autoptr(GError) error = NULL;
  Seen seen = { g_string_new (NULL), NULL, NULL, FALSE };

  touch_in (root, "b.txt");
  touch_in (root, "a.txt");
  touch_in (root, "sub/c.txt");
  link_at (root, "loop", ".");

  g_assert_true (gloss_folder_walk_files (folder_walk, top, &callbacks, &seen, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (seen.log->str, ==, "file a.txt\nfile b.txt\n");

  /* The folder's files were listed, the folder not walked. */
  g_string_truncate (seen.log, 0);
  g_assert_true (gloss_folder_walk_tree (folder_walk, top, &callbacks, &seen, NULL, &error));
  g_assert_cmpstr (seen.log->str, ==, "file a.txt\nfile b.txt\nfile sub/c.txt\nloop loop → .\n");

  g_string_free (seen.log, TRUE);
  remove_root (root);
}

/* Names a ".hidden" file lists are skipped only when asked (brat's import
 * asks; a corpus scan does not). */
static void
test_hidden_lists (void)
{
  g_autofree char *root = make_root ("hidden");
  g_autofree char *hidden = g_build_filename (root, ".hidden", NULL);
  g_autoptr(GFile) top = g_file_new_for_path (root);
  g_autoptr(GError) error = NULL;
  Seen seen = { g_string_new (NULL), NULL, NULL, FALSE };

  touch_in (root, "a.txt");
  touch_in (root, "secret.txt");
  touch_in (root, "attic/b.txt");
  g_assert_true (g_file_set_contents (hidden, "secret.txt\nattic\n", -1, NULL));

  {
    g_autoptr(GlossFolderWalk) folder_walk = gloss_folder_walk_new (GLOSS_FOLDER_WALK_HIDDEN_LISTS);

    g_assert_true (gloss_folder_walk_tree (folder_walk, top, &callbacks, &seen, NULL, &error));
    g_assert_cmpstr (seen.log->str, ==, "file a.txt\n");
  }
  {
    g_autoptr(GlossFolderWalk) folder_walk = gloss_folder_walk_new (GLOSS_FOLDER_WALK_DEFAULT);

    g_string_truncate (seen.log, 0);
    g_assert_true (gloss_folder_walk_tree (folder_walk, top, &callbacks, &seen, NULL, &error));
    g_assert_cmpstr (seen.log->str, ==, "file a.txt\nfile attic/b.txt\nfile secret.txt\n");
  }
  g_assert_no_error (error);

  g_string_free (seen.log, TRUE);
  remove_root (root);
}

/* The brat import on the walk, in its own words (test-brat.c covers what
 * it makes of each file): problems in the order of the walk, links last. */
static void
test_brat_import (void)
{
  g_autofree char *root = make_root ("brat");
  g_autofree char *input = g_build_filename (root, "input", NULL);
  g_autofree char *output = g_build_filename (root, "output", NULL);
  g_autofree char *fifo = g_build_filename (input, "pipe.ann", NULL);
  g_autofree char *locked = g_build_filename (input, "sub", "locked", NULL);
  g_autofree char *hidden = g_build_filename (input, ".hidden", NULL);
  g_autoptr(GFile) in = g_file_new_for_path (input);
  g_autoptr(GFile) out = g_file_new_for_path (output);
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GlossImportSummary) summary = { 0, };
  const char * const pairs[] = { "a", "m/b", "secret/s", "sub/locked/c", "sub/d" };
  gboolean dropped = FALSE;
  gboolean locked_out;
  gboolean ok;

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      g_autofree char *txt = g_strconcat (input, "/", pairs[i], ".txt", NULL);
      g_autofree char *ann = g_strconcat (input, "/", pairs[i], ".ann", NULL);
      g_autofree char *folder = g_path_get_dirname (txt);

      g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
      g_assert_true (g_file_set_contents (txt, "Hello world.\n", -1, NULL));
      g_assert_true (g_file_set_contents (ann, "T1\tPerson 0 5\tHello\n", -1, NULL));
    }
  touch_in (input, "m/orphan.ann");
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  link_at (input, "zero.ann", "/dev/zero");
  link_at (input, "loop", ".");
  link_at (input, "alias", "m");
  g_assert_true (g_file_set_contents (hidden, "secret\n", -1, NULL));

  g_assert_cmpint (g_chmod (locked, 0), ==, 0);
  if (geteuid () == 0)
    dropped = gloss_test_drop_read_capabilities ();
  locked_out = !gloss_test_can_list (locked);

  gloss_import_summary_init (&summary);
  ok = gloss_import_brat (in, out, "bob", GLOSS_OFFSETS_CODE_POINTS, &summary, NULL, &error);

  if (dropped)
    gloss_test_restore_capabilities ();
  g_chmod (locked, 0700);

  g_assert_no_error (error);
  g_assert_true (ok);
  for (guint i = 0; i < summary.problems->len; i++)
    g_string_append_printf (problems, "%s\n", (char *) g_ptr_array_index (summary.problems, i));

  g_assert_cmpstr (problems->str, ==,
                   locked_out
                   ? "m/orphan.ann: no orphan.txt beside it; skipped\n"
                     "pipe.ann: not a regular file (a FIFO); only regular files are read\n"
                     "sub/locked: the folder cannot be read (permission denied); nothing in it was imported\n"
                     "zero.ann: not a regular file (a device); only regular files are read\n"
                     "alias: warning: a link to “m”, a folder already imported; not followed\n"
                     "loop: warning: a link to “.”, a folder that contains the link (a loop); not followed\n"
                   : "m/orphan.ann: no orphan.txt beside it; skipped\n"
                     "pipe.ann: not a regular file (a FIFO); only regular files are read\n"
                     "zero.ann: not a regular file (a device); only regular files are read\n"
                     "alias: warning: a link to “m”, a folder already imported; not followed\n"
                     "loop: warning: a link to “.”, a folder that contains the link (a loop); not followed\n");
  g_assert_cmpuint (summary.warnings, ==, 2);

  /* The output mirrors the input's folders, only where something was
   * imported; the folder .hidden lists is left out. */
  {
    const char * const made[] = { "a.txt.bob.gloss.json", "m/b.txt.bob.gloss.json", "sub/d.txt.bob.gloss.json" };

    for (guint i = 0; i < G_N_ELEMENTS (made); i++)
      {
        g_autofree char *path = g_build_filename (output, made[i], NULL);
        g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
      }
  }
  {
    g_autofree char *secret = g_build_filename (output, "secret", NULL);
    g_autofree char *locked_output = g_build_filename (output, "sub", "locked", NULL);

    g_assert_false (g_file_test (secret, G_FILE_TEST_EXISTS));
    g_assert_true (g_file_test (locked_output, G_FILE_TEST_EXISTS) == !locked_out);
  }

  remove_root (root);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/folder-walk/order", test_order);
  g_test_add_func ("/folder-walk/each-folder-once", test_each_folder_once);
  g_test_add_func ("/folder-walk/link-rounds", test_link_rounds);
  g_test_add_func ("/folder-walk/loops", test_loops);
  g_test_add_func ("/folder-walk/special-files", test_special_files);
  g_test_add_func ("/folder-walk/unreadable-folder", test_unreadable_folder);
  g_test_add_func ("/folder-walk/cancel", test_cancel);
  g_test_add_func ("/folder-walk/file-fails", test_file_fails);
  g_test_add_func ("/folder-walk/walked-before", test_walked_before);
  g_test_add_func ("/folder-walk/files-only", test_files_only);
  g_test_add_func ("/folder-walk/hidden-lists", test_hidden_lists);
  g_test_add_func ("/folder-walk/brat-import", test_brat_import);

  return g_test_run ();
}
