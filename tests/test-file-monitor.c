/* test-file-monitor.c — one watched file: changes reported after the
 * debounce, our own writes not, half-written versions only once whole
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "gloss-file.h"
#include "gloss-file-monitor.h"
#include "gloss-test-utils.h"

/* File monitors can be slow on some file systems: be generous, but only
 * the failure path ever waits this long. */
#define TIMEOUT_MS 5000
/* Spin the main context until @expr holds, failing after TIMEOUT_MS. */
#define wait_for(expr) gloss_test_wait_for_ms (expr, TIMEOUT_MS)
#define spin(ms) gloss_test_spin (ms)
/* For checking that something does NOT happen: well past the debounce
 * (20 ms here) plus the time a monitor event takes to arrive. */
#define QUIET_MS 400
#define DEBOUNCE_MS 20

typedef struct
{
  char             *dir;
  char             *path;
  GFile            *file;
  GlossFileMonitor *monitor;
  guint             n_changed;
  GBytes           *contents;    /* of the last ::changed */
  char             *sha256;
  gboolean          gone;        /* the last ::changed said: no file */
  guint             n_attributes;
} Fixture;

/* Helpers
 * ------------------------------------------------------------------------ */

static char *
sha256_of (const char *text)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

static void
write_text (const char *path,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

/* Rewrites the file in place (same inode), as a slow writer does. */
static void
write_in_place (const char *path,
                const char *text)
{
  FILE *out = fopen (path, "w");

  g_assert_nonnull (out);
  g_assert_cmpint (fputs (text, out), >=, 0);
  g_assert_cmpint (fclose (out), ==, 0);
}

static gboolean
is_complete (GBytes   *contents,
             gpointer  user_data)
{
  gsize size;
  const char *data = g_bytes_get_data (contents, &size);

  return size > 0 && data[size - 1] == '.';
}

static void
on_changed (GlossFileMonitor *monitor,
            GBytes           *contents,
            const char       *sha256,
            Fixture          *f)
{
  f->n_changed++;
  g_clear_pointer (&f->contents, g_bytes_unref);
  g_clear_pointer (&f->sha256, g_free);
  f->contents = contents != NULL ? g_bytes_ref (contents) : NULL;
  f->sha256 = g_strdup (sha256);
  f->gone = contents == NULL;
  g_assert_true ((contents == NULL) == (sha256 == NULL));
}

static void
on_attributes_changed (GlossFileMonitor *monitor,
                       Fixture          *f)
{
  f->n_attributes++;
}

static gboolean
last_contents_are (Fixture    *f,
                   const char *text)
{
  return f->contents != NULL
         && g_bytes_get_size (f->contents) == strlen (text)
         && memcmp (g_bytes_get_data (f->contents, NULL), text, strlen (text)) == 0;
}

/* A monitor on the file as it is now, which is what we know it to hold. */
static void
start_monitor (Fixture    *f,
               const char *known_text)
{
  g_autofree char *known = known_text != NULL ? sha256_of (known_text) : NULL;

  f->monitor = gloss_file_monitor_new (f->file, 1024 * 1024);
  gloss_file_monitor_set_debounce (f->monitor, DEBOUNCE_MS);
  gloss_file_monitor_set_known (f->monitor, known, NULL);
  g_signal_connect (f->monitor, "changed", G_CALLBACK (on_changed), f);
  g_signal_connect (f->monitor, "attributes-changed", G_CALLBACK (on_attributes_changed), f);
  gloss_file_monitor_start (f->monitor);
}

/* Fixture
 * ------------------------------------------------------------------------ */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("gloss-test-file-monitor-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "watched.txt", NULL);
  f->file = g_file_new_for_path (f->path);
  write_text (f->path, "first version.");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->monitor != NULL)
    {
      /* No check may outlive the test. */
      g_object_add_weak_pointer (G_OBJECT (f->monitor), (gpointer *)&f->monitor);
      g_object_unref (f->monitor);
      wait_for (f->monitor == NULL);
    }

  gloss_test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
  g_clear_pointer (&f->path, g_free);
  g_clear_object (&f->file);
  g_clear_pointer (&f->contents, g_bytes_unref);
  g_clear_pointer (&f->sha256, g_free);
}

/* Tests
 * ------------------------------------------------------------------------ */

static void
test_fingerprint (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *other_path = g_build_filename (f->dir, "other.txt", NULL);
  g_autoptr(GFile) missing = g_file_get_child (f->file, "nothing-here");
  GlossFileFingerprint a, b, none;

  gloss_file_fingerprint_take (f->file, &a);
  gloss_file_fingerprint_take (f->file, &b);
  g_assert_true (a.exists);
  g_assert_cmpint (a.size, ==, strlen ("first version."));
  g_assert_true (gloss_file_fingerprint_equal (&a, &b));

  /* Replaced by rename: another inode, whatever the size and time. */
  write_text (other_path, "first version.");
  g_assert_cmpint (g_rename (other_path, f->path), ==, 0);
  gloss_file_fingerprint_take (f->file, &b);
  g_assert_false (gloss_file_fingerprint_equal (&a, &b));

  gloss_file_fingerprint_take (missing, &none);
  g_assert_false (none.exists);
  g_assert_false (gloss_file_fingerprint_equal (&a, &none));
  gloss_file_fingerprint_take (missing, &b);
  g_assert_true (gloss_file_fingerprint_equal (&none, &b));
}

/* Another version is reported after the debounce, once, with its bytes. */
static void
test_change_detected (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *expected = sha256_of ("second version.");

  start_monitor (f, "first version.");
  spin (QUIET_MS);
  g_assert_cmpuint (f->n_changed, ==, 0);
  g_assert_false (gloss_file_monitor_get_changed (f->monitor));

  write_text (f->path, "second version.");
  wait_for (f->n_changed >= 1);
  g_assert_true (last_contents_are (f, "second version."));
  g_assert_cmpstr (f->sha256, ==, expected);
  g_assert_true (gloss_file_monitor_get_changed (f->monitor));

  /* The same version written again is no news; another one is. */
  write_text (f->path, "second version.");
  spin (QUIET_MS);
  g_assert_cmpuint (f->n_changed, ==, 1);
  write_text (f->path, "third version.");
  wait_for (f->n_changed == 2);
  g_assert_true (last_contents_are (f, "third version."));
}

/* The same bytes written again (a checkout of the same version), or a
 * change undone, are the known version: not reported, and "changed"
 * falls back. */
static void
test_same_bytes_not_reported (Fixture       *f,
                              gconstpointer  data)
{
  start_monitor (f, "first version.");

  write_text (f->path, "first version.");
  spin (QUIET_MS);
  g_assert_cmpuint (f->n_changed, ==, 0);

  write_text (f->path, "stashed away.");
  wait_for (gloss_file_monitor_get_changed (f->monitor));
  g_assert_cmpuint (f->n_changed, ==, 1);
  write_text (f->path, "first version.");
  wait_for (!gloss_file_monitor_get_changed (f->monitor));
  g_assert_cmpuint (f->n_changed, ==, 1);
}

/* Our own save: paused while it is written, then told what we wrote. The
 * events it causes are never reported. */
static void
test_own_write_while_paused (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *ours = sha256_of ("our version.");
  g_autoptr(GError) error = NULL;

  start_monitor (f, "first version.");

  gloss_file_monitor_pause (f->monitor);
  g_assert_true (gloss_file_replace_contents (f->path, "our version.", strlen ("our version."), &error));
  g_assert_no_error (error);
  /* The events arrive while the write is in flight. */
  spin (QUIET_MS);
  g_assert_cmpuint (f->n_changed, ==, 0);
  gloss_file_monitor_set_known (f->monitor, ours, NULL);
  gloss_file_monitor_resume (f->monitor);

  spin (QUIET_MS);
  g_assert_cmpuint (f->n_changed, ==, 0);
  g_assert_false (gloss_file_monitor_get_changed (f->monitor));
  g_assert_false (gloss_file_monitor_looks_changed (f->monitor));
}

/* Told what we wrote without pausing (the events come after the write):
 * not reported either. Somebody else's write during a pause is reported
 * on resume. */
static void
test_own_write_with_known (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *ours = sha256_of ("our version.");
  g_autoptr(GError) error = NULL;

  start_monitor (f, "first version.");

  g_assert_true (gloss_file_replace_contents (f->path, "our version.", strlen ("our version."), &error));
  g_assert_no_error (error);
  gloss_file_monitor_set_known (f->monitor, ours, NULL);
  spin (QUIET_MS);
  g_assert_cmpuint (f->n_changed, ==, 0);

  gloss_file_monitor_pause (f->monitor);
  write_text (f->path, "their version.");
  spin (QUIET_MS);
  g_assert_cmpuint (f->n_changed, ==, 0);
  gloss_file_monitor_resume (f->monitor);
  wait_for (f->n_changed == 1);
  g_assert_true (last_contents_are (f, "their version."));
}

/* Told what we wrote and how the file looked right after: a check that
 * finds it so does not read it back (here the hash we give is not the
 * file's, so a read would report it). A write into the file by somebody
 * else is read, even with the same size and modification time; a file
 * put in its place too. */
static void
test_known_written (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *theirs = sha256_of ("their version.");
  g_autoptr(GError) error = NULL;
  GlossFileFingerprint written;
  struct stat before;
  struct timespec times[2];

  start_monitor (f, "first version.");

  gloss_file_monitor_pause (f->monitor);
  g_assert_true (gloss_file_replace_contents (f->path, "our version.", strlen ("our version."), &error));
  g_assert_no_error (error);
  gloss_file_fingerprint_take (f->file, &written);
  gloss_file_monitor_set_known_written (f->monitor, "not the hash of our version", &written);
  gloss_file_monitor_resume (f->monitor);
  spin (QUIET_MS);
  gloss_file_monitor_check (f->monitor);
  spin (QUIET_MS);
  g_assert_cmpuint (f->n_changed, ==, 0);
  g_assert_false (gloss_file_monitor_get_changed (f->monitor));

  /* Written into, same size, the modification time put back. */
  g_assert_cmpint (g_stat (f->path, &before), ==, 0);
  write_in_place (f->path, "OUR VERSION.");
  times[0] = before.st_atim;
  times[1] = before.st_mtim;
  g_assert_cmpint (utimensat (AT_FDCWD, f->path, times, 0), ==, 0);
  g_assert_false (gloss_file_monitor_looks_changed (f->monitor));
  wait_for (f->n_changed == 1);
  g_assert_true (last_contents_are (f, "OUR VERSION."));

  /* Our write again, then another program's atomic replace. */
  gloss_file_monitor_pause (f->monitor);
  g_assert_true (gloss_file_replace_contents (f->path, "our version.", strlen ("our version."), &error));
  g_assert_no_error (error);
  gloss_file_fingerprint_take (f->file, &written);
  gloss_file_monitor_set_known_written (f->monitor, "not the hash of our version", &written);
  gloss_file_monitor_resume (f->monitor);
  spin (QUIET_MS);
  g_assert_cmpuint (f->n_changed, ==, 1);
  write_text (f->path, "their version.");
  wait_for (f->n_changed == 2);
  g_assert_cmpstr (f->sha256, ==, theirs);

  /* A known version set otherwise is read as before. */
  gloss_file_monitor_set_known (f->monitor, "not the hash of theirs", NULL);
  gloss_file_monitor_check (f->monitor);
  wait_for (f->n_changed == 3);
}

/* The known version's hash is asked for only when a check needs it. */
static const char *
lazy_hash (gpointer user_data)
{
  guint *n_calls = user_data;

  (*n_calls)++;
  return "0000";
}

static void
test_known_lazily (Fixture       *f,
                   gconstpointer  data)
{
  guint n_calls = 0;

  f->monitor = gloss_file_monitor_new (f->file, 1024);
  gloss_file_monitor_set_known_lazily (f->monitor, lazy_hash, &n_calls, NULL);
  g_assert_cmpuint (n_calls, ==, 0);
  g_assert_false (gloss_file_monitor_looks_changed (f->monitor));
  g_assert_cmpstr (gloss_file_monitor_get_known (f->monitor), ==, "0000");
  g_assert_cmpstr (gloss_file_monitor_get_known (f->monitor), ==, "0000");
  g_assert_cmpuint (n_calls, ==, 1);
}

/* A program writing the file in pieces: nothing is reported while the
 * version is not whole; the whole one is, at once when it is recognised
 * as complete. */
static void
test_written_in_pieces (Fixture       *f,
                        gconstpointer  data)
{
  start_monitor (f, "first version.");
  gloss_file_monitor_set_settle_time (f->monitor, 60 * 1000, 60 * 1000);
  gloss_file_monitor_set_whole_func (f->monitor, is_complete, NULL);

  write_in_place (f->path, "a new ver");
  spin (QUIET_MS);
  write_in_place (f->path, "a new version, sti");
  spin (QUIET_MS);
  g_assert_cmpuint (f->n_changed, ==, 0);
  g_assert_false (gloss_file_monitor_get_changed (f->monitor));

  write_in_place (f->path, "a new version, still going, done.");
  wait_for (f->n_changed == 1);
  g_assert_true (last_contents_are (f, "a new version, still going, done."));
}

/* A version not recognised as complete is whole once it has stayed the
 * same for settle-time; a writer that never stops is reported after
 * max-settle-time with what it has written so far. */
static void
test_settles (Fixture       *f,
              gconstpointer  data)
{
  start_monitor (f, "first version.");
  gloss_file_monitor_set_settle_time (f->monitor, 300, 60 * 1000);
  gloss_file_monitor_set_whole_func (f->monitor, is_complete, NULL);

  write_in_place (f->path, "notes, no full stop");
  wait_for (f->n_changed == 1);
  g_assert_true (last_contents_are (f, "notes, no full stop"));
}

static void
test_max_settle_wait (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *sha_a = sha256_of ("part a");
  g_autofree char *sha_b = sha256_of ("part a, part b");
  g_autoptr(GBytes) a = g_bytes_new_static ("part a", 6);
  g_autoptr(GBytes) b = g_bytes_new_static ("part a, part b", 14);

  f->monitor = gloss_file_monitor_new (f->file, 1024);
  gloss_file_monitor_set_settle_time (f->monitor, 60 * 1000, 1000);

  /* Judged by the owner's own reads (a save looking before it writes). */
  g_assert_false (gloss_file_monitor_is_whole (f->monitor, a, sha_a));
  g_assert_false (gloss_file_monitor_is_whole (f->monitor, b, sha_b));
  spin (1100);
  /* Still changing, but waited for long enough. */
  g_assert_true (gloss_file_monitor_is_whole (f->monitor, a, sha_a));
  /* And the wait starts afresh for the next one. */
  g_assert_false (gloss_file_monitor_is_whole (f->monitor, b, sha_b));
}

/* Deleted: reported as "no file". Back with the known bytes: changed
 * falls back. */
static void
test_deleted (Fixture       *f,
              gconstpointer  data)
{
  start_monitor (f, "first version.");
  gloss_file_monitor_set_settle_time (f->monitor, 60 * 1000, 60 * 1000);

  g_assert_cmpint (g_unlink (f->path), ==, 0);
  wait_for (f->n_changed == 1);
  g_assert_true (f->gone);
  g_assert_null (f->contents);
  g_assert_true (gloss_file_monitor_get_changed (f->monitor));
  g_assert_true (gloss_file_monitor_looks_changed (f->monitor));

  write_text (f->path, "first version.");
  wait_for (!gloss_file_monitor_get_changed (f->monitor));
  g_assert_cmpuint (f->n_changed, ==, 1);
}

/* "No file" as the known version: its creation is a change. */
static void
test_created (Fixture       *f,
              gconstpointer  data)
{
  g_assert_cmpint (g_unlink (f->path), ==, 0);
  start_monitor (f, NULL);

  write_text (f->path, "new file.");
  wait_for (f->n_changed == 1);
  g_assert_true (last_contents_are (f, "new file."));
}

/* Replaced by rename (an editor's or git's atomic write). */
static void
test_replaced_by_rename (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *other_path = g_build_filename (f->dir, ".watched.txt.new", NULL);

  start_monitor (f, "first version.");

  write_text (other_path, "renamed over it.");
  g_assert_cmpint (g_rename (other_path, f->path), ==, 0);
  wait_for (f->n_changed == 1);
  g_assert_true (last_contents_are (f, "renamed over it."));

  /* Renamed away: gone. */
  g_assert_cmpint (g_rename (f->path, other_path), ==, 0);
  wait_for (f->n_changed == 2);
  g_assert_true (f->gone);
}

/* Changed between the owner's read and the start of the watch: looked at
 * at once, though no event will come. */
static void
test_changed_before_start (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *known = sha256_of ("first version.");
  GlossFileFingerprint seen;

  gloss_file_fingerprint_take (f->file, &seen);
  f->monitor = gloss_file_monitor_new (f->file, 1024);
  gloss_file_monitor_set_known (f->monitor, known, &seen);
  g_signal_connect (f->monitor, "changed", G_CALLBACK (on_changed), f);

  write_text (f->path, "changed meanwhile.");
  g_assert_true (gloss_file_monitor_looks_changed (f->monitor));
  gloss_file_monitor_start (f->monitor);
  wait_for (f->n_changed == 1);
  g_assert_true (last_contents_are (f, "changed meanwhile."));
}

/* Larger than max-bytes, or not a regular file: not reported (a save
 * would say what is wrong). */
static void
test_unreadable_not_reported (Fixture       *f,
                              gconstpointer  data)
{
  f->monitor = gloss_file_monitor_new (f->file, 8);
  gloss_file_monitor_set_debounce (f->monitor, DEBOUNCE_MS);
  g_signal_connect (f->monitor, "changed", G_CALLBACK (on_changed), f);
  gloss_file_monitor_start (f->monitor);

  write_text (f->path, "far more than eight bytes.");
  spin (QUIET_MS);
  gloss_file_monitor_check (f->monitor);
  spin (QUIET_MS);
  g_assert_cmpuint (f->n_changed, ==, 0);
}

static void
test_attributes (Fixture       *f,
                 gconstpointer  data)
{
  start_monitor (f, "first version.");

  g_assert_cmpint (g_chmod (f->path, 0444), ==, 0);
  wait_for (f->n_attributes > 0);
  g_assert_cmpuint (f->n_changed, ==, 0);
}

/* Cancelled (or dropped) with a check due and one in flight: nothing is
 * reported afterwards, and the object goes (see the tear-down). */
static void
test_cancel_with_pending (Fixture       *f,
                          gconstpointer  data)
{
  start_monitor (f, "first version.");
  gloss_file_monitor_set_debounce (f->monitor, 60 * 1000);

  write_text (f->path, "second version.");
  spin (QUIET_MS);                                /* the events came: one due */
  g_assert_cmpuint (f->n_changed, ==, 0);
  gloss_file_monitor_check (f->monitor);         /* one in flight */
  gloss_file_monitor_cancel (f->monitor);
  spin (QUIET_MS);
  g_assert_cmpuint (f->n_changed, ==, 0);
}

static void
test_dispose_with_pending (Fixture       *f,
                           gconstpointer  data)
{
  GlossFileMonitor *monitor;

  start_monitor (f, "first version.");
  gloss_file_monitor_set_debounce (f->monitor, 60 * 1000);
  monitor = f->monitor;
  g_object_add_weak_pointer (G_OBJECT (monitor), (gpointer *)&monitor);

  write_text (f->path, "second version.");
  spin (QUIET_MS);
  g_assert_cmpuint (f->n_changed, ==, 0);
  gloss_file_monitor_check (f->monitor);
  g_clear_object (&f->monitor);
  /* Not kept alive by the check in flight. */
  g_assert_null (monitor);
  spin (QUIET_MS);
  g_assert_cmpuint (f->n_changed, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/file-monitor/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("fingerprint", test_fingerprint);
  ADD ("change-detected", test_change_detected);
  ADD ("same-bytes-not-reported", test_same_bytes_not_reported);
  ADD ("own-write-while-paused", test_own_write_while_paused);
  ADD ("own-write-with-known", test_own_write_with_known);
  ADD ("known-lazily", test_known_lazily);
  ADD ("known-written", test_known_written);
  ADD ("written-in-pieces", test_written_in_pieces);
  ADD ("settles", test_settles);
  ADD ("max-settle-wait", test_max_settle_wait);
  ADD ("deleted", test_deleted);
  ADD ("created", test_created);
  ADD ("replaced-by-rename", test_replaced_by_rename);
  ADD ("changed-before-start", test_changed_before_start);
  ADD ("unreadable-not-reported", test_unreadable_not_reported);
  ADD ("attributes", test_attributes);
  ADD ("cancel-with-pending", test_cancel_with_pending);
  ADD ("dispose-with-pending", test_dispose_with_pending);

#undef ADD

  return g_test_run ();
}
