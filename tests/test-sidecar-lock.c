/* test-sidecar-lock.c — the lock beside a sidecar: taken, handed over
 * within a process, released only by its holder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>

#include "gloss-error.h"
#include "gloss-sidecar-lock.h"
#include "gloss-test-utils.h"

typedef struct
{
  char  *dir;
  GFile *sidecar;
  char  *lock_path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("gloss-test-lock-XXXXXX", &error);
  g_assert_no_error (error);
  f->sidecar = g_file_new_build_filename (f->dir, "talks.txt.alice.gloss.json", NULL);
  f->lock_path = g_build_filename (f->dir, ".talks.txt.alice.gloss.json.lock", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gloss_test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
  g_clear_object (&f->sidecar);
  g_clear_pointer (&f->lock_path, g_free);
}

static void
test_acquire_and_release (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GlossSidecarLock) lock = gloss_sidecar_lock_new (f->sidecar);
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_sidecar_lock_acquire (lock, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (f->lock_path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (gloss_sidecar_lock_is_still_ours (lock));

  gloss_sidecar_lock_release (lock);
  g_assert_false (g_file_test (f->lock_path, G_FILE_TEST_EXISTS));
}

/* A session replaced within the process (its article changed on disk):
 * the newcomer takes the lock over, and the old one's release, later,
 * leaves the newcomer's lock in place. */
static void
test_release_after_handover (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GlossSidecarLock) old = gloss_sidecar_lock_new (f->sidecar);
  g_autoptr(GlossSidecarLock) newcomer = gloss_sidecar_lock_new (f->sidecar);

  g_assert_true (gloss_sidecar_lock_acquire (old, FALSE, NULL));
  g_assert_true (gloss_sidecar_lock_acquire (newcomer, FALSE, NULL));
  g_assert_false (gloss_sidecar_lock_is_still_ours (old));

  gloss_sidecar_lock_release (old);
  g_assert_true (g_file_test (f->lock_path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (gloss_sidecar_lock_is_still_ours (newcomer));
}

static gpointer
acquire_in_thread (gpointer data)
{
  GlossSidecarLock *lock = data;

  return GINT_TO_POINTER (gloss_sidecar_lock_acquire (lock, FALSE, NULL));
}

/* The same hand-over, with the newcomer opening in its thread while the
 * old session ends on the main thread (the window reopening a checked-out
 * article does exactly this). Whatever the interleaving, the newcomer's
 * lock must be on disk afterwards: a release that checked "still ours"
 * and then unlinked could remove the lock taken in between, and a second
 * Gloss would then open the sidecar for editing too. */
static void
test_release_races_handover (Fixture       *f,
                             gconstpointer  data)
{
  guint lost = 0;

  for (guint i = 0; i < 400; i++)
    {
      g_autoptr(GlossSidecarLock) old = gloss_sidecar_lock_new (f->sidecar);
      g_autoptr(GlossSidecarLock) newcomer = gloss_sidecar_lock_new (f->sidecar);
      GThread *thread;

      g_assert_true (gloss_sidecar_lock_acquire (old, FALSE, NULL));
      thread = g_thread_new ("newcomer", acquire_in_thread, newcomer);
      /* Starting a thread takes a while: vary the moment of the release
       * so that it falls at every point of the newcomer's acquisition. */
      g_usleep ((i % 40) * 5);
      gloss_sidecar_lock_release (old);
      g_assert_true (GPOINTER_TO_INT (g_thread_join (thread)));

      if (!g_file_test (f->lock_path, G_FILE_TEST_IS_REGULAR))
        lost++;
      else
        g_assert_true (gloss_sidecar_lock_is_still_ours (newcomer));

      gloss_sidecar_lock_release (newcomer);
      g_assert_false (g_file_test (f->lock_path, G_FILE_TEST_EXISTS));
    }

  g_assert_cmpuint (lost, ==, 0);
}

/* Somebody else's lock (another machine) is never removed by our
 * release, even when ours was taken over in between. */
static void
test_release_leaves_foreign_lock (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GlossSidecarLock) lock = gloss_sidecar_lock_new (f->sidecar);
  const char *theirs = "{\"pid\": 1, \"host\": \"newsroom-laptop\", \"user\": \"bob\", "
                       "\"token\": \"theirs\", \"since\": \"2026-12-01T09:00:00Z\"}";
  g_autofree char *contents = NULL;

  g_assert_true (gloss_sidecar_lock_acquire (lock, FALSE, NULL));
  g_assert_true (g_file_set_contents (f->lock_path, theirs, -1, NULL));

  gloss_sidecar_lock_release (lock);
  g_assert_true (g_file_get_contents (f->lock_path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, theirs);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/sidecar-lock/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("acquire-and-release", test_acquire_and_release);
  ADD ("release-after-handover", test_release_after_handover);
  ADD ("release-races-handover", test_release_races_handover);
  ADD ("release-leaves-foreign-lock", test_release_leaves_foreign_lock);

  return g_test_run ();
}
