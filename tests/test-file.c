/* test-file.c — replacing files: atomic, mode kept, write protection
 * respected, links followed, stale temporary files cleaned up; batches of
 * new files put in place after one flush
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "gloss-file.h"
#include "gloss-file-private.h"
#include "gloss-test-utils.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("gloss-test-file-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "talks.txt.alice.gloss.json", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gloss_test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
  g_clear_pointer (&f->path, g_free);
}

static void
put (const char *path,
     const char *contents)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static char *
get (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static guint
mode_of (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 07777;
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (d);
  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

/* A process id that no process has: a child that has exited and been
 * reaped. */
static int
dead_pid (void)
{
  pid_t child = fork ();

  if (child == 0)
    _exit (0);
  g_assert_cmpint (child, >, 0);
  g_assert_cmpint (waitpid (child, NULL, 0), ==, child);
  return child;
}

static void
test_replace_new_and_existing (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  g_assert_true (gloss_file_replace_contents (f->path, "one\n", 4, &error));
  g_assert_no_error (error);
  first = get (f->path);
  g_assert_cmpstr (first, ==, "one\n");

  g_assert_true (gloss_file_replace_contents (f->path, "two, longer\n", 12, &error));
  g_assert_no_error (error);
  second = get (f->path);
  g_assert_cmpstr (second, ==, "two, longer\n");

  /* Nothing left behind. */
  g_assert_cmpuint (count_entries (f->dir), ==, 1);
}

/* The identity of the file written, from before its rename: what a look
 * at the path afterwards is compared with, so that a file another program
 * put there in between (same size or not) is not taken for ours. */
static void
test_replace_reports_identity (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint64 dev = 0, ino = 0, first_ino;
  struct stat st;

  g_assert_true (gloss_file_replace_contents_full (f->path, "one\n", 4, &dev, &ino, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stat (f->path, &st), ==, 0);
  g_assert_cmpuint (dev, ==, (guint64) st.st_dev);
  g_assert_cmpuint (ino, ==, (guint64) st.st_ino);
  first_ino = ino;

  /* Each replace is a new file. */
  g_assert_true (gloss_file_replace_contents_full (f->path, "two\n", 4, &dev, &ino, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stat (f->path, &st), ==, 0);
  g_assert_cmpuint (ino, ==, (guint64) st.st_ino);
  g_assert_cmpuint (ino, !=, first_ino);
}

/* The file's permissions are the person's choice: kept on replace. */
static void
test_mode_kept (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  put (f->path, "old\n");
  g_assert_cmpint (g_chmod (f->path, 0640), ==, 0);
  g_assert_true (gloss_file_replace_contents (f->path, "new\n", 4, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mode_of (f->path), ==, 0640);

  g_assert_cmpint (g_chmod (f->path, 0606), ==, 0);
  g_assert_true (gloss_file_replace_contents (f->path, "newer\n", 6, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mode_of (f->path), ==, 0606);
}

/* chmod a-w: refused, file untouched (root too, who could write it). */
static void
test_write_protected (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  put (f->path, "keep me\n");
  g_assert_cmpint (g_chmod (f->path, 0444), ==, 0);
  g_assert_true (gloss_file_is_write_protected (f->path));

  g_assert_false (gloss_file_replace_contents (f->path, "new\n", 4, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_assert_nonnull (strstr (error->message, "talks.txt.alice.gloss.json"));
  contents = get (f->path);
  g_assert_cmpstr (contents, ==, "keep me\n");
  g_assert_cmpuint (mode_of (f->path), ==, 0444);
  g_assert_cmpuint (count_entries (f->dir), ==, 1);

  g_assert_false (gloss_file_is_write_protected (f->dir));
  {
    g_autofree char *missing = g_build_filename (f->dir, "missing", NULL);

    g_assert_false (gloss_file_is_write_protected (missing));
  }
}

/* A sidecar that is a link into another folder: the file it points to is
 * replaced, the link stays a link. */
static void
test_symlink_followed (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *target = g_build_filename (f->dir, "real.json", NULL);
  g_autofree char *contents = NULL;
  GStatBuf st;

  put (target, "old\n");
  g_assert_cmpint (symlink ("real.json", f->path), ==, 0);

  g_assert_true (gloss_file_replace_contents (f->path, "new\n", 4, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_lstat (f->path, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  contents = get (target);
  g_assert_cmpstr (contents, ==, "new\n");
}

/* Temporary files of ours left by a process killed while saving are
 * removed by the next save; one of a live writer, and anybody else's
 * files, are left alone. */
static void
test_stale_temporaries (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *stale_name = g_strdup_printf (".talks.txt.alice.gloss.json%s%d-0badf00d",
                                                 GLOSS_FILE_TEMP_INFIX, dead_pid ());
  g_autofree char *live_name = g_strdup_printf (".talks.txt.alice.gloss.json%s%d-00c0ffee",
                                                GLOSS_FILE_TEMP_INFIX, (int) getpid ());
  g_autofree char *stale = g_build_filename (f->dir, stale_name, NULL);
  g_autofree char *live = g_build_filename (f->dir, live_name, NULL);
  g_autofree char *other_article = g_build_filename (f->dir, ".other.txt.alice.gloss.json.gloss-tmp-1-x", NULL);
  g_autofree char *unrelated = g_build_filename (f->dir, "talks.txt.alice.gloss.json.ABC123", NULL);

  put (stale, "half a sidecar");
  put (live, "being written");
  put (other_article, "not this file's");
  put (unrelated, "somebody's");

  g_assert_true (gloss_file_replace_contents (f->path, "saved\n", 6, &error));
  g_assert_no_error (error);

  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (live, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other_article, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (unrelated, G_FILE_TEST_EXISTS));

  g_assert_cmpuint (gloss_file_remove_stale_temporaries (f->dir, "talks.txt.alice.gloss.json"), ==, 0);
}

/* A folder in the place of the file: refused, nothing replaced. */
static void
test_not_regular (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (f->path, 0700), ==, 0);
  g_assert_false (gloss_file_replace_contents (f->path, "x", 1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_assert_true (g_file_test (f->path, G_FILE_TEST_IS_DIR));
  g_assert_cmpuint (count_entries (f->dir), ==, 1);
}

/* The folder is gone: a clear error naming the file, nothing created. */
static void
test_folder_gone (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "gone", "a.json", NULL);

  g_assert_false (gloss_file_replace_contents (path, "x", 1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "a.json"));
}

/* Batches
 * ------------------------------------------------------------------------ */

/* Names in @dir that start with "." (temporary files of ours). */
static guint
count_hidden (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    n += name[0] == '.';
  return n;
}

/* Added files stay hidden temporaries until the commit, readable through
 * lookup; the commit puts them in place with two flushes in all (the
 * contents, then the names), not one per file. */
static void
test_batch_commit (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GlossFileBatch) batch = gloss_file_batch_new ();
  g_autoptr(GPtrArray) not_placed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *sub = g_build_filename (f->dir, "sub", NULL);
  g_autofree char *a = g_build_filename (f->dir, "a.txt", NULL);
  g_autofree char *b = g_build_filename (f->dir, "a.txt.alice.gloss.json", NULL);
  g_autofree char *c = g_build_filename (sub, "c.txt", NULL);
  g_autofree char *read_back = NULL;
  guint umask_bits;

  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);

  g_assert_true (gloss_file_batch_add (batch, a, "article\n", 8, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_file_batch_add (batch, b, "{}", 2, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_file_batch_add (batch, c, "", 0, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_file_batch_get_n_pending (batch), ==, 3);

  /* Nothing under the final names yet. */
  g_assert_false (g_file_test (a, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (b, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (c, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_hidden (f->dir), ==, 2);
  g_assert_cmpuint (count_hidden (sub), ==, 1);

  g_assert_nonnull (gloss_file_batch_lookup (batch, a));
  g_assert_null (gloss_file_batch_lookup (batch, f->path));
  read_back = get (gloss_file_batch_lookup (batch, a));
  g_assert_cmpstr (read_back, ==, "article\n");

  g_assert_true (gloss_file_batch_commit (batch, not_placed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (not_placed->len, ==, 0);
  g_assert_cmpuint (gloss_file_batch_get_n_pending (batch), ==, 0);
  g_assert_null (gloss_file_batch_lookup (batch, a));
#ifdef __linux__
  /* syncfs of the one file system, before and after the renames. */
  g_assert_cmpuint (gloss_file_batch_get_n_flushes (batch), ==, 2);
#endif

  g_clear_pointer (&read_back, g_free);
  read_back = get (a);
  g_assert_cmpstr (read_back, ==, "article\n");
  g_clear_pointer (&read_back, g_free);
  read_back = get (b);
  g_assert_cmpstr (read_back, ==, "{}");
  g_clear_pointer (&read_back, g_free);
  read_back = get (c);
  g_assert_cmpstr (read_back, ==, "");
  g_assert_cmpuint (count_hidden (f->dir), ==, 0);
  g_assert_cmpuint (count_hidden (sub), ==, 0);

  /* A new file's mode is what the umask allows, as for any new file. */
  umask_bits = umask (022);
  umask (umask_bits);
  g_assert_cmpuint (mode_of (a), ==, 0666 & ~umask_bits);

  /* The batch can be used again; an empty commit flushes nothing. */
  g_assert_true (gloss_file_batch_commit (batch, NULL, &error));
  g_assert_no_error (error);
#ifdef __linux__
  g_assert_cmpuint (gloss_file_batch_get_n_flushes (batch), ==, 2);
#endif
}

/* Where syncfs(2) is missing: each file, then each folder, flushed. */
static void
test_batch_fallback (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GlossFileBatch) batch = gloss_file_batch_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *sub = g_build_filename (f->dir, "sub", NULL);
  g_autofree char *a = g_build_filename (f->dir, "a.txt", NULL);
  g_autofree char *b = g_build_filename (f->dir, "b.txt", NULL);
  g_autofree char *c = g_build_filename (sub, "c.txt", NULL);
  g_autofree char *read_back = NULL;

  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  gloss_file_batch_set_use_syncfs (batch, FALSE);

  g_assert_true (gloss_file_batch_add (batch, a, "a", 1, &error));
  g_assert_true (gloss_file_batch_add (batch, b, "b", 1, &error));
  g_assert_true (gloss_file_batch_add (batch, c, "c", 1, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_file_batch_commit (batch, NULL, &error));
  g_assert_no_error (error);

  /* 3 files, then 2 folders. */
  g_assert_cmpuint (gloss_file_batch_get_n_flushes (batch), ==, 5);
  read_back = get (c);
  g_assert_cmpstr (read_back, ==, "c");
  g_assert_cmpuint (count_entries (f->dir), ==, 3);
}

/* A batch never replaces: a file that appeared at a pending path is kept
 * and reported, the others are put in place; a path added twice is
 * refused. */
static void
test_batch_never_replaces (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GlossFileBatch) batch = gloss_file_batch_new ();
  g_autoptr(GPtrArray) not_placed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *other = g_build_filename (f->dir, "other.txt", NULL);
  g_autofree char *read_back = NULL;

  g_assert_true (gloss_file_batch_add (batch, f->path, "ours", 4, &error));
  g_assert_no_error (error);
  g_assert_false (gloss_file_batch_add (batch, f->path, "again", 5, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (gloss_file_batch_add (batch, other, "other", 5, &error));
  g_assert_no_error (error);

  put (f->path, "somebody else's");

  g_assert_true (gloss_file_batch_commit (batch, not_placed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (not_placed->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (not_placed, 0), ==, f->path);

  read_back = get (f->path);
  g_assert_cmpstr (read_back, ==, "somebody else's");
  g_clear_pointer (&read_back, g_free);
  read_back = get (other);
  g_assert_cmpstr (read_back, ==, "other");
  g_assert_cmpuint (count_entries (f->dir), ==, 2);
}

/* A batch freed without a commit (a crash, as far as the names go)
 * leaves nothing: its temporary files go with it. */
static void
test_batch_free_uncommitted (Fixture       *f,
                             gconstpointer  data)
{
  GlossFileBatch *batch = gloss_file_batch_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_file_batch_add (batch, f->path, "never", 5, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_entries (f->dir), ==, 1);

  gloss_file_batch_free (batch);
  g_assert_cmpuint (count_entries (f->dir), ==, 0);
}

/* What a batch killed before its commit leaves (hidden temporary files of
 * a dead process) is removed by the next batch writing into the folder,
 * whatever name it was for; a live writer's and other files stay. */
static void
test_batch_stale_temporaries (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GlossFileBatch) batch = gloss_file_batch_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *stale_name = g_strdup_printf (".old.txt%s%d-0badf00d",
                                                 GLOSS_FILE_TEMP_INFIX, dead_pid ());
  g_autofree char *live_name = g_strdup_printf (".busy.txt%s%d-00c0ffee",
                                                GLOSS_FILE_TEMP_INFIX, (int) getpid ());
  g_autofree char *stale = g_build_filename (f->dir, stale_name, NULL);
  g_autofree char *live = g_build_filename (f->dir, live_name, NULL);
  g_autofree char *hidden = g_build_filename (f->dir, ".gloss-tmp-1-x", NULL);
  g_autofree char *article = g_build_filename (f->dir, "new.txt", NULL);

  put (stale, "half an article");
  put (live, "being written");
  put (hidden, "not one of ours: no name before the infix");

  g_assert_true (gloss_file_batch_add (batch, article, "new", 3, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (live, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (hidden, G_FILE_TEST_EXISTS));

  g_assert_true (gloss_file_batch_commit (batch, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (article, G_FILE_TEST_IS_REGULAR));
}

/* A folder that is not there: an error naming the file, nothing left. */
static void
test_batch_folder_gone (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GlossFileBatch) batch = gloss_file_batch_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "gone", "a.json", NULL);

  g_assert_false (gloss_file_batch_add (batch, path, "x", 1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "a.json"));
  g_assert_cmpuint (gloss_file_batch_get_n_pending (batch), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/file/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("replace", test_replace_new_and_existing);
  ADD ("replace-reports-identity", test_replace_reports_identity);
  ADD ("mode-kept", test_mode_kept);
  ADD ("write-protected", test_write_protected);
  ADD ("symlink-followed", test_symlink_followed);
  ADD ("stale-temporaries", test_stale_temporaries);
  ADD ("not-regular", test_not_regular);
  ADD ("folder-gone", test_folder_gone);
  ADD ("batch/commit", test_batch_commit);
  ADD ("batch/fallback", test_batch_fallback);
  ADD ("batch/never-replaces", test_batch_never_replaces);
  ADD ("batch/free-uncommitted", test_batch_free_uncommitted);
  ADD ("batch/stale-temporaries", test_batch_stale_temporaries);
  ADD ("batch/folder-gone", test_batch_folder_gone);

#undef ADD

  return g_test_run ();
}
