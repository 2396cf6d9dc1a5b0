/* test-sample.c — "Try the Sample": a writable copy of the sample corpus
 *
 * What is copied (articles, label files, sidecars; not the script that made
 * them), that a read-only sample gives a writable copy, that a second try
 * opens the copy the person annotated instead of replacing it, that a copy
 * is all or nothing, and the errors for a missing sample or something in
 * the copy's way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "gloss.h"
#include "gloss-file.h"
#include "gloss-test-utils.h"

typedef struct
{
  char *tmp;          /* removed after each test */
  char *samples;      /* the sample this test copies */
  char *destination;  /* TMP/data/gloss/sample */
} Fixture;

static const char *
source_samples (void)
{
  const char *dir = g_getenv ("GLOSS_SAMPLES_DIR");

  g_assert_nonnull (dir);
  return dir;
}

static void
write_file (const char *folder,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static char *
read_file (const char *folder,
           const char *name)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static GPtrArray *
list_names (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));

  return names;
}

static gboolean
names_contain (GPtrArray  *names,
               const char *name)
{
  return g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->tmp = g_dir_make_tmp ("gloss-sample-XXXXXX", &error);
  g_assert_no_error (error);
  f->samples = g_build_filename (f->tmp, "installed", NULL);
  f->destination = g_build_filename (f->tmp, "data", "gloss", GLOSS_SAMPLE_FOLDER_NAME, NULL);
  g_assert_cmpint (g_mkdir (f->samples, 0755), ==, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  /* Made read-only by a test: writable again, so it can be removed. */
  g_chmod (f->samples, 0755);
  gloss_test_remove_tree (f->tmp);
  g_free (f->tmp);
  g_free (f->samples);
  g_free (f->destination);
}

/* A small sample: two articles, a label file, sidecars, and what must
 * not be copied (the script, a hidden file, a subfolder, a stray file). */
static void
fill_samples (Fixture *f)
{
  g_autofree char *sub = g_build_filename (f->samples, "drafts", NULL);

  write_file (f->samples, "a.txt", "Alpha said so.\n");
  write_file (f->samples, "b.md", "# Beta\n");
  write_file (f->samples, "a.txt.alice.gloss.json", "{\"alice\": true}\n");
  write_file (f->samples, "b.md.bilal.gloss.json", "{\"bilal\": true}\n");
  write_file (f->samples, GLOSS_LABEL_SET_FILE_NAME, "{\"labels\": []}\n");
  write_file (f->samples, "make-sidecars.py", "print('hi')\n");
  write_file (f->samples, ".hidden.txt", "hidden\n");
  write_file (f->samples, "README", "not an article\n");
  g_assert_cmpint (g_mkdir (sub, 0755), ==, 0);
  write_file (sub, "c.txt", "Gamma\n");
}

static GFile *
copy_sample (Fixture  *f,
             gboolean *created)
{
  g_autoptr(GError) error = NULL;
  GFile *copy;

  copy = gloss_sample_copy (f->samples, f->destination, created, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (copy);
  g_assert_cmpstr (g_file_peek_path (copy), ==, f->destination);
  return copy;
}

/* Articles, label files and sidecars, byte for byte; nothing else. */
static void
test_copies_what_gloss_reads (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GFile) copy = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autofree char *article = NULL;
  g_autofree char *sidecar = NULL;
  gboolean created = FALSE;

  fill_samples (f);
  copy = copy_sample (f, &created);
  g_assert_true (created);

  names = list_names (f->destination);
  g_assert_cmpuint (names->len, ==, 5);
  g_assert_true (names_contain (names, "a.txt"));
  g_assert_true (names_contain (names, "b.md"));
  g_assert_true (names_contain (names, "a.txt.alice.gloss.json"));
  g_assert_true (names_contain (names, "b.md.bilal.gloss.json"));
  g_assert_true (names_contain (names, GLOSS_LABEL_SET_FILE_NAME));

  article = read_file (f->destination, "a.txt");
  g_assert_cmpstr (article, ==, "Alpha said so.\n");
  sidecar = read_file (f->destination, "b.md.bilal.gloss.json");
  g_assert_cmpstr (sidecar, ==, "{\"bilal\": true}\n");
}

/* The real sample as installed: its three articles, six sidecars and
 * label set, and not make-sidecars.py. */
static void
test_copies_the_real_sample (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) copy = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GlossCorpus) corpus = gloss_corpus_new ();

  copy = gloss_sample_copy (source_samples (), f->destination, NULL, NULL, &error);
  g_assert_no_error (error);

  names = list_names (f->destination);
  g_assert_cmpuint (names->len, ==, 10);
  g_assert_true (names_contain (names, "harbour-bridge-vote.txt"));
  g_assert_true (names_contain (names, GLOSS_LABEL_SET_FILE_NAME));
  g_assert_true (names_contain (names, "kyiv-grain-talks.txt.bilal.gloss.json"));
  g_assert_false (names_contain (names, "make-sidecars.py"));

  /* Gloss reads the copy as the corpus it is. */
  g_assert_true (gloss_corpus_add_path (corpus, copy, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (corpus)), ==, 3);
}

static void
assert_writable_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_true ((st.st_mode & S_IWUSR) != 0);
  g_assert_true ((st.st_mode & S_IRUSR) != 0);
}

/* Installed files are read-only (root's, 0444 in some packages): the copy
 * is the person's, with the usual mode. Root can write anything, so the
 * mode bits are what is checked, not access(). */
static void
test_read_only_sample_gives_writable_copy (Fixture       *f,
                                           gconstpointer  data)
{
  g_autoptr(GFile) copy = NULL;
  g_autoptr(GPtrArray) names = NULL;

  fill_samples (f);
  names = list_names (f->samples);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (f->samples, g_ptr_array_index (names, i), NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_assert_cmpint (g_chmod (path, 0444), ==, 0);
    }
  g_assert_cmpint (g_chmod (f->samples, 0555), ==, 0);

  copy = copy_sample (f, NULL);

  assert_writable_mode (f->destination);
  g_clear_pointer (&names, g_ptr_array_unref);
  names = list_names (f->destination);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (f->destination, g_ptr_array_index (names, i), NULL);

      assert_writable_mode (path);
      g_assert_false (gloss_file_is_write_protected (path));
    }
}

/* A second try goes back to the person's copy: nothing in it is replaced,
 * nothing removed, the sample's files are not copied over it again. */
static void
test_second_copy_keeps_annotations (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GFile) first = NULL;
  g_autoptr(GFile) second = NULL;
  g_autofree char *mine = NULL;
  g_autofree char *alice = NULL;
  g_autofree char *path = NULL;
  gboolean created = TRUE;

  fill_samples (f);
  first = copy_sample (f, &created);
  g_assert_true (created);

  write_file (f->destination, "a.txt.me.gloss.json", "{\"mine\": 1}\n");
  write_file (f->destination, "a.txt.alice.gloss.json", "{\"alice\": \"edited\"}\n");
  path = g_build_filename (f->destination, "b.md", NULL);
  g_assert_cmpint (g_unlink (path), ==, 0);

  second = copy_sample (f, &created);
  g_assert_false (created);
  g_assert_true (g_file_equal (first, second));

  mine = read_file (f->destination, "a.txt.me.gloss.json");
  g_assert_cmpstr (mine, ==, "{\"mine\": 1}\n");
  alice = read_file (f->destination, "a.txt.alice.gloss.json");
  g_assert_cmpstr (alice, ==, "{\"alice\": \"edited\"}\n");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
assert_nothing_left (Fixture *f)
{
  g_autofree char *parent = g_path_get_dirname (f->destination);
  g_autoptr(GPtrArray) names = NULL;

  g_assert_false (g_file_test (f->destination, G_FILE_TEST_EXISTS));
  if (!g_file_test (parent, G_FILE_TEST_EXISTS))
    return;

  /* No temporary folder of ours either. */
  names = list_names (parent);
  g_assert_cmpuint (names->len, ==, 0);
}

/* A sample that is not installed: an error naming the folder, and no copy. */
static void
test_missing_samples_folder (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (f->tmp, "not-installed", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) copy = NULL;

  copy = gloss_sample_copy (missing, f->destination, NULL, NULL, &error);
  g_assert_null (copy);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, missing));
  g_assert_nonnull (strstr (error->message, "not installed"));
  assert_nothing_left (f);
}

/* A folder without articles is no sample. */
static void
test_samples_folder_without_articles (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) copy = NULL;

  write_file (f->samples, "make-sidecars.py", "print('hi')\n");

  copy = gloss_sample_copy (f->samples, f->destination, NULL, NULL, &error);
  g_assert_null (copy);
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, f->samples));
  assert_nothing_left (f);
}

/* A copy is all or nothing: when a file cannot be read (here a FIFO named
 * like an article), no half copy is left to be opened next time. */
static void
test_failed_copy_leaves_nothing (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *fifo = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) copy = NULL;

  fill_samples (f);
  fifo = g_build_filename (f->samples, "z-pipe.txt", NULL);
  g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);

  copy = gloss_sample_copy (f->samples, f->destination, NULL, NULL, &error);
  g_assert_null (copy);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_assert_nonnull (strstr (error->message, "z-pipe.txt"));
  assert_nothing_left (f);

  /* Once the sample is whole again, the copy is made. */
  g_assert_cmpint (g_unlink (fifo), ==, 0);
  g_clear_error (&error);
  copy = gloss_sample_copy (f->samples, f->destination, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (copy);
}

/* A file where the copy's folder should be is not replaced. */
static void
test_file_in_the_way (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *parent = g_path_get_dirname (f->destination);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) copy = NULL;

  fill_samples (f);
  g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
  write_file (parent, GLOSS_SAMPLE_FOLDER_NAME, "someone's file\n");

  copy = gloss_sample_copy (f->samples, f->destination, NULL, NULL, &error);
  g_assert_null (copy);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
  g_assert_nonnull (strstr (error->message, f->destination));

  contents = read_file (parent, GLOSS_SAMPLE_FOLDER_NAME);
  g_assert_cmpstr (contents, ==, "someone's file\n");
}

/* The temporary folder of a copy that was killed is cleared away; someone
 * else's folder that looks a little like it is not. */
static void
test_stale_temporary_removed (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *parent = g_path_get_dirname (f->destination);
  g_autofree char *stale = NULL;
  g_autofree char *other = NULL;
  g_autoptr(GFile) copy = NULL;

  fill_samples (f);
  /* No process has this id (above the kernel's pid limit). */
  stale = g_build_filename (parent, ".sample" GLOSS_FILE_TEMP_INFIX "2147483646-0badcafe", NULL);
  other = g_build_filename (parent, ".sample-notes", NULL);
  g_assert_cmpint (g_mkdir_with_parents (stale, 0755), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (other, 0755), ==, 0);
  write_file (stale, "a.txt", "half");

  copy = copy_sample (f, NULL);

  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other, G_FILE_TEST_IS_DIR));
}

static void
on_copied (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) copy = NULL;
  gboolean created = FALSE;

  fill_samples (f);
  gloss_sample_copy_async (f->samples, f->destination, NULL, on_copied, &result);
  gloss_test_wait_for_ms (result != NULL, 60000);

  copy = gloss_sample_copy_finish (result, &created, &error);
  g_assert_no_error (error);
  g_assert_true (created);
  g_assert_true (g_file_test (g_file_peek_path (copy), G_FILE_TEST_IS_DIR));

  g_clear_object (&result);
  g_clear_object (&copy);
  gloss_sample_copy_async (f->samples, f->destination, NULL, on_copied, &result);
  gloss_test_wait_for_ms (result != NULL, 60000);
  copy = gloss_sample_copy_finish (result, &created, &error);
  g_assert_no_error (error);
  g_assert_false (created);
}

/* Where the sample and the copy are. */
static void
test_locations (void)
{
  g_autofree char *installed = gloss_sample_dup_installed_folder ();
  g_autofree char *destination = gloss_sample_dup_default_destination ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "gloss", "sample", NULL);

  /* Installed, or the source tree's when run from the build tree. */
  g_assert_true (g_file_test (installed, G_FILE_TEST_IS_DIR));
  g_assert_cmpstr (destination, ==, expected);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/sample/copies-what-gloss-reads", test_copies_what_gloss_reads);
  ADD ("/sample/copies-the-real-sample", test_copies_the_real_sample);
  ADD ("/sample/read-only-sample-gives-writable-copy", test_read_only_sample_gives_writable_copy);
  ADD ("/sample/second-copy-keeps-annotations", test_second_copy_keeps_annotations);
  ADD ("/sample/missing-samples-folder", test_missing_samples_folder);
  ADD ("/sample/samples-folder-without-articles", test_samples_folder_without_articles);
  ADD ("/sample/failed-copy-leaves-nothing", test_failed_copy_leaves_nothing);
  ADD ("/sample/file-in-the-way", test_file_in_the_way);
  ADD ("/sample/stale-temporary-removed", test_stale_temporary_removed);
  ADD ("/sample/async", test_async);
  g_test_add_func ("/sample/locations", test_locations);

#undef ADD

  return g_test_run ();
}
