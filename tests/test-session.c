/* test-session.c — autosave, watching the sidecar, conflicts, reload, close
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "gloss.h"
#include "gloss-session.h"
#include "gloss-session-copies-private.h"
#include "gloss-session-registry-private.h"
#include "gloss-test-utils.h"

/* File monitors can be slow on some file systems: be generous, but only
 * the failure path ever waits this long. */
#define TIMEOUT_MS 5000
/* Spin the main context until @expr holds, failing after TIMEOUT_MS. */
#define wait_for(expr) gloss_test_wait_for_ms (expr, TIMEOUT_MS)
#define spin(ms) gloss_test_spin (ms)
/* For checking that something does NOT happen: longer than the session's
 * debounce (100 ms) plus the time a monitor event takes to arrive. */
#define QUIET_MS 500

static const char article_text[] =
  "Harbour talks stall — again\n"
  "\n"
  "“We are not leaving,” said Zoë Núñez, the union’s spokeswoman. "
  "Residents posted 🇺🇦 flags and 👨‍👩‍👧 pictures online, and the "
  "port authority said it would meet the union on Friday.\n";

typedef struct
{
  char         *dir;
  GFile        *article;
  GFile        *sidecar_file;
  char         *sidecar_path;
  GlossSession *session;

  GArray       *states;         /* GlossSaveState, as notified */
  guint         n_problems_changed;
  GFile        *conflict;       /* from ::conflict-kept */
  guint         n_conflicts;
  char         *disk_sha256;    /* the sidecar's, to count writes */
  guint         n_writes;
  GlossDocument *early_document; /* handed over before the session */
  gboolean      async_reload;   /* reload() uses gloss_session_reload_async() */
} Fixture;

/* Helpers
 * ------------------------------------------------------------------------ */

static void
write_bytes (const char *path,
             GBytes     *bytes)
{
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  g_file_set_contents (path, data, size, &error);
  g_assert_no_error (error);
}

static GBytes *
read_bytes (GFile *file)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = g_file_load_bytes (file, NULL, NULL, &error);

  g_assert_no_error (error);
  return bytes;
}

static gboolean
bytes_contain (GBytes     *bytes,
               const char *needle)
{
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  return strstr (text, needle) != NULL;
}

static gboolean
file_contains (GFile      *file,
               const char *needle)
{
  g_autoptr(GBytes) bytes = NULL;

  if (!g_file_query_exists (file, NULL))
    return FALSE;

  bytes = read_bytes (file);
  return bytes_contain (bytes, needle);
}

/* Annotates the first occurrence of @exact. */
static GlossAnnotation *
annotate (GlossAnnotationSet *set,
          const char         *label,
          const char         *exact)
{
  GlossDocument *document = gloss_annotation_set_get_document (set);
  const char *text = gloss_document_get_text (document);
  const char *found = strstr (text, exact);
  g_autoptr(GError) error = NULL;
  GlossAnnotation *annotation;
  guint start, end;

  g_assert_nonnull (found);
  start = gloss_document_byte_to_offset (document, found - text);
  end = gloss_document_byte_to_offset (document, found - text + strlen (exact));
  annotation = gloss_annotation_set_create (set, label, start, end, &error);
  g_assert_no_error (error);
  g_assert_nonnull (annotation);

  return annotation;
}

static GlossAnnotation *
edit (Fixture    *f,
      const char *label,
      const char *exact)
{
  return annotate (gloss_session_get_annotations (f->session), label, exact);
}

/* The edit a person would make on a session that must not write: the set
 * refuses it and stays as it was. */
static void
edit_refused (Fixture    *f,
              const char *label,
              const char *exact)
{
  GlossAnnotationSet *set = gloss_session_get_annotations (f->session);
  GlossDocument *document = gloss_annotation_set_get_document (set);
  const char *text = gloss_document_get_text (document);
  const char *found = strstr (text, exact);
  guint64 serial = gloss_annotation_set_get_change_serial (set);
  g_autoptr(GError) error = NULL;
  guint start, end;

  g_assert_nonnull (found);
  start = gloss_document_byte_to_offset (document, found - text);
  end = gloss_document_byte_to_offset (document, found - text + strlen (exact));
  g_assert_null (gloss_annotation_set_create (set, label, start, end, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_READ_ONLY);
  g_assert_cmpuint (gloss_annotation_set_get_change_serial (set), ==, serial);
}

/* A colleague's version of the sidecar (same article and annotator id, as
 * after a git pull), made without touching the disk. */
static GBytes *
other_version (Fixture    *f,
               const char *label,
               const char *exact)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GlossSidecar) sidecar = NULL;

  document = gloss_document_new_from_file (f->article, NULL, &error);
  g_assert_no_error (error);
  sidecar = gloss_sidecar_new_for_document (document, "alice");
  gloss_sidecar_set_annotator_name (sidecar, "Alice on another machine");
  annotate (gloss_sidecar_get_annotations (sidecar), label, exact);

  return gloss_sidecar_serialize (sidecar);
}

static guint
count_states (Fixture        *f,
              GlossSaveState  state)
{
  guint n = 0;

  for (guint i = 0; i < f->states->len; i++)
    if (g_array_index (f->states, GlossSaveState, i) == state)
      n++;

  return n;
}

/* The files a person sees: the session's lock file beside the sidecar
 * (".<sidecar>.lock") is hidden, and checked by the lock tests. */
static guint
count_files (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      n++;

  return n;
}

static GlossSaveState
state (Fixture *f)
{
  return gloss_session_get_save_state (f->session);
}

static gboolean
is_dirty (Fixture *f)
{
  return gloss_sidecar_is_dirty (gloss_session_get_sidecar (f->session));
}

/* The file on disk is what the session would write now. */
static void
assert_disk_is_ours (Fixture *f)
{
  g_autoptr(GBytes) disk = read_bytes (f->sidecar_file);
  g_autoptr(GBytes) ours = gloss_sidecar_serialize (gloss_session_get_sidecar (f->session));

  g_assert_true (g_bytes_equal (disk, ours));
}

/* Fixture
 * ------------------------------------------------------------------------ */

static void
on_save_state (GlossSession *session,
               GParamSpec   *pspec,
               Fixture      *f)
{
  GlossSaveState s = gloss_session_get_save_state (session);

  g_array_append_val (f->states, s);
}

static void
on_problems_changed (GlossSession *session,
                     Fixture      *f)
{
  f->n_problems_changed++;
}

static void
on_conflict_kept (GlossSession *session,
                  GFile        *other,
                  Fixture      *f)
{
  g_set_object (&f->conflict, other);
  f->n_conflicts++;
}

/* The sidecar notifies "dirty" when a write completes, and its disk hash
 * then changes (every write in these tests has new content). */
static void
on_sidecar_dirty (GlossSidecar *sidecar,
                  GParamSpec   *pspec,
                  Fixture      *f)
{
  const char *sha256 = gloss_sidecar_get_disk_sha256 (sidecar);

  if (g_strcmp0 (sha256, f->disk_sha256) == 0)
    return;

  g_free (f->disk_sha256);
  f->disk_sha256 = g_strdup (sha256);
  f->n_writes++;
}

static void
watch_session (Fixture *f)
{
  GlossSidecar *sidecar = gloss_session_get_sidecar (f->session);

  f->disk_sha256 = g_strdup (gloss_sidecar_get_disk_sha256 (sidecar));
  g_signal_connect (sidecar, "notify::dirty", G_CALLBACK (on_sidecar_dirty), f);
  g_signal_connect (f->session, "notify::save-state", G_CALLBACK (on_save_state), f);
  g_signal_connect (f->session, "problems-changed", G_CALLBACK (on_problems_changed), f);
  g_signal_connect (f->session, "conflict-kept", G_CALLBACK (on_conflict_kept), f);
}

static void
open_session (Fixture *f,
              guint    autosave_delay)
{
  g_autoptr(GError) error = NULL;

  f->session = gloss_session_new (f->article, "alice", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->session);
  gloss_session_set_autosave_delay (f->session, autosave_delay);
  watch_session (f);
}

/* Opens a session and saves one annotation with it. */
static void
open_saved_session (Fixture *f,
                    guint    autosave_delay)
{
  open_session (f, autosave_delay);
  edit (f, "quote", "“We are not leaving,”");
  gloss_session_save (f->session);
  wait_for (state (f) == GLOSS_SAVE_STATE_SAVED);
  g_assert_true (file_contains (f->sidecar_file, "We are not leaving"));
}

/* What a gloss_session_reload_async() came to. */
typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} Reloaded;

static void
on_reloaded (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Reloaded *reloaded = user_data;

  reloaded->ok = gloss_session_reload_finish (GLOSS_SESSION (object), result, &reloaded->error);
  g_assert_true (reloaded->ok == (reloaded->error == NULL));
  reloaded->done = TRUE;
}

static void
reload_async (Fixture  *f,
              Reloaded *reloaded)
{
  memset (reloaded, 0, sizeof *reloaded);
  gloss_session_reload_async (f->session, NULL, on_reloaded, reloaded);
  g_assert_false (reloaded->done);
}

/* The reload the test is about: gloss_session_reload(), or the same
 * through gloss_session_reload_async() (the tests under /session/async/),
 * which must come to the same. */
static gboolean
reload (Fixture  *f,
        GError  **error)
{
  Reloaded reloaded;

  if (!f->async_reload)
    return gloss_session_reload (f->session, error);

  reload_async (f, &reloaded);
  g_assert_true (gloss_session_is_reloading (f->session));
  wait_for (reloaded.done);
  g_assert_false (gloss_session_is_reloading (f->session));
  if (reloaded.error != NULL)
    g_propagate_error (error, reloaded.error);

  return reloaded.ok;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *article_path = NULL;

  f->dir = g_dir_make_tmp ("gloss-test-session-XXXXXX", &error);
  g_assert_no_error (error);

  article_path = g_build_filename (f->dir, "talks.txt", NULL);
  g_file_set_contents (article_path, article_text, -1, &error);
  g_assert_no_error (error);
  f->article = g_file_new_for_path (article_path);

  f->sidecar_path = g_build_filename (f->dir, "talks.txt.alice.gloss.json", NULL);
  f->sidecar_file = g_file_new_for_path (f->sidecar_path);
  f->states = g_array_new (FALSE, FALSE, sizeof (GlossSaveState));
  f->async_reload = data != NULL;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->session != NULL)
    {
      /* No writes or reads of the session may outlive the test. */
      g_object_add_weak_pointer (G_OBJECT (f->session), (gpointer *)&f->session);
      g_object_unref (f->session);
      wait_for (f->session == NULL);
    }

  g_clear_object (&f->early_document);
  gloss_test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
  g_clear_pointer (&f->sidecar_path, g_free);
  g_clear_object (&f->article);
  g_clear_object (&f->sidecar_file);
  g_clear_object (&f->conflict);
  g_clear_pointer (&f->disk_sha256, g_free);
  g_clear_pointer (&f->states, g_array_unref);
}

/* Tests
 * ------------------------------------------------------------------------ */

static void
test_new_article (Fixture       *f,
                  gconstpointer  data)
{
  GlossSidecar *sidecar;

  open_session (f, 50);
  sidecar = gloss_session_get_sidecar (f->session);

  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_SAVED);
  g_assert_cmpint (gloss_sidecar_get_state (sidecar), ==, GLOSS_SIDECAR_STATE_NEW);
  g_assert_null (gloss_session_get_save_error (f->session));
  g_assert_false (gloss_session_get_external_change (f->session));
  g_assert_cmpuint (gloss_session_get_autosave_delay (f->session), ==, 50);
  g_assert_cmpstr (gloss_document_get_name (gloss_session_get_document (f->session)), ==, "talks.txt");
  g_assert_nonnull (gloss_label_set_lookup (gloss_session_get_labels (f->session), "quote"));
  g_assert_true (gloss_session_get_annotations (f->session) == gloss_sidecar_get_annotations (sidecar));
  g_assert_cmpuint (gloss_sidecar_get_problems (sidecar)->len, ==, 0);

  /* Nothing to save: nothing written, even when asked. */
  gloss_session_save (f->session);
  spin (100);
  g_assert_false (g_file_query_exists (f->sidecar_file, NULL));
  g_assert_cmpuint (count_files (f->dir), ==, 1);
  g_assert_cmpuint (f->states->len, ==, 0);
}

static void
test_default_delay (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossSession) session = gloss_session_new (f->article, "alice", NULL, &error);
  g_autofree char *nick = g_enum_to_string (GLOSS_TYPE_SAVE_STATE, GLOSS_SAVE_STATE_READ_ONLY);
  guint delay = 0;
  GlossSaveState save_state = GLOSS_SAVE_STATE_ERROR;

  g_assert_no_error (error);
  g_assert_cmpuint (gloss_session_get_autosave_delay (session), ==,
                    GLOSS_SESSION_DEFAULT_AUTOSAVE_DELAY_MS);
  g_object_set (session, "autosave-delay", 120, NULL);
  g_object_get (session, "autosave-delay", &delay, "save-state", &save_state, NULL);
  g_assert_cmpuint (delay, ==, 120);
  g_assert_cmpint (save_state, ==, GLOSS_SAVE_STATE_SAVED);
  g_assert_cmpstr (nick, ==, "GLOSS_SAVE_STATE_READ_ONLY");
}

static void
test_autosave (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  open_session (f, 50);
  gloss_session_set_annotator_name (f->session, "Alice Example");

  edit (f, "quote", "“We are not leaving,”");
  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_PENDING);
  g_assert_false (g_file_query_exists (f->sidecar_file, NULL));

  wait_for (state (f) == GLOSS_SAVE_STATE_SAVED);
  g_assert_cmpuint (f->states->len, ==, 3);
  g_assert_cmpint (g_array_index (f->states, GlossSaveState, 0), ==, GLOSS_SAVE_STATE_PENDING);
  g_assert_cmpint (g_array_index (f->states, GlossSaveState, 1), ==, GLOSS_SAVE_STATE_SAVING);
  g_assert_cmpint (g_array_index (f->states, GlossSaveState, 2), ==, GLOSS_SAVE_STATE_SAVED);

  assert_disk_is_ours (f);
  g_assert_true (file_contains (f->sidecar_file, "“We are not leaving,”"));
  g_assert_true (file_contains (f->sidecar_file, "Alice Example"));
  g_assert_false (is_dirty (f));

  /* Undo is an edit like any other. */
  g_assert_true (gloss_annotation_set_undo (gloss_session_get_annotations (f->session), &error));
  g_assert_no_error (error);
  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_PENDING);
  wait_for (state (f) == GLOSS_SAVE_STATE_SAVED);
  g_assert_false (file_contains (f->sidecar_file, "We are not leaving"));
  assert_disk_is_ours (f);
  g_assert_cmpuint (f->n_writes, ==, 2);
}

static void
test_save_now (Fixture       *f,
               gconstpointer  data)
{
  open_session (f, 60 * 1000);

  edit (f, "person", "Zoë Núñez");
  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_PENDING);

  gloss_session_save (f->session);
  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_SAVING);
  wait_for (state (f) == GLOSS_SAVE_STATE_SAVED);
  g_assert_true (file_contains (f->sidecar_file, "Zoë Núñez"));
  assert_disk_is_ours (f);

  /* The autosave timer was cancelled: nothing more is written. */
  spin (100);
  g_assert_cmpuint (f->n_writes, ==, 1);
}

/* Edits every 350 ms with an autosave delay of 800 ms: each edit would
 * restart the delay, so without a maximum wait nothing would be written
 * until the person paused, and a crash would lose all of it. The edits
 * keep coming until a write has happened, and the loop gives up after
 * far more than the maximum wait. */
static void
test_steady_edits_written (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GlossAnnotationSet *set;
  GlossAnnotation *annotation;
  guint n_edits = 0;

  open_session (f, GLOSS_SESSION_DEFAULT_AUTOSAVE_DELAY_MS);
  set = gloss_session_get_annotations (f->session);
  annotation = edit (f, "quote", "“We are not leaving,”");

  while (f->n_writes == 0 && n_edits < 60)
    {
      spin (350);
      g_assert_true (gloss_annotation_set_change_note (set, annotation,
                                                       n_edits % 2 ? "checked" : "to check", &error));
      g_assert_no_error (error);
      n_edits++;
    }

  /* Written while the edits went on, not after they stopped. */
  g_assert_cmpuint (f->n_writes, >=, 1);
  g_assert_cmpuint (n_edits, <, 60);
  wait_for (state (f) == GLOSS_SAVE_STATE_SAVED);
  assert_disk_is_ours (f);
}

static void
test_quick_edits_one_write (Fixture       *f,
                            gconstpointer  data)
{
  GlossAnnotationSet *set;
  GlossAnnotation *quote, *person;
  g_autoptr(GError) error = NULL;

  open_session (f, 300);
  set = gloss_session_get_annotations (f->session);

  quote = edit (f, "quote", "“We are not leaving,”");
  person = edit (f, "person", "Zoë Núñez");
  edit (f, "organization", "port authority");
  gloss_annotation_set_change_note (set, quote, "said at the gate", &error);
  g_assert_no_error (error);
  gloss_annotation_set_add_relation (set, GLOSS_RELATION_SPEAKER,
                                     gloss_annotation_get_id (quote),
                                     gloss_annotation_get_id (person), &error);
  g_assert_no_error (error);
  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_PENDING);

  wait_for (state (f) == GLOSS_SAVE_STATE_SAVED);
  g_assert_cmpuint (f->n_writes, ==, 1);
  g_assert_cmpuint (count_states (f, GLOSS_SAVE_STATE_PENDING), ==, 1);
  g_assert_true (file_contains (f->sidecar_file, "said at the gate"));
  g_assert_true (file_contains (f->sidecar_file, "\"speaker\""));
  assert_disk_is_ours (f);
}

static void
test_edit_during_save (Fixture       *f,
                       gconstpointer  data)
{
  open_session (f, 20);

  edit (f, "quote", "“We are not leaving,”");
  wait_for (state (f) == GLOSS_SAVE_STATE_SAVING);
  /* The write is in flight (its result comes in a later iteration). */
  edit (f, "person", "Zoë Núñez");
  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_SAVING);

  wait_for (state (f) == GLOSS_SAVE_STATE_SAVED && !is_dirty (f));
  g_assert_cmpuint (f->n_writes, ==, 2);
  g_assert_true (file_contains (f->sidecar_file, "Zoë Núñez"));
  assert_disk_is_ours (f);
}

static void
test_own_save_ignored (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GBytes) same = NULL;

  open_saved_session (f, 20);
  edit (f, "person", "Zoë Núñez");
  wait_for (state (f) == GLOSS_SAVE_STATE_SAVED && !is_dirty (f));

  spin (QUIET_MS);
  g_assert_false (gloss_session_get_external_change (f->session));
  g_assert_cmpuint (f->n_conflicts, ==, 0);

  /* The same bytes written again by somebody (a git checkout of the same
   * version) are no change either. */
  same = read_bytes (f->sidecar_file);
  write_bytes (f->sidecar_path, same);
  spin (QUIET_MS);
  g_assert_false (gloss_session_get_external_change (f->session));
  g_assert_cmpuint (count_files (f->dir), ==, 2);
}

/* Our save is known by its hash, computed while it was written, and by how
 * the file looked after it: the monitor does not read it back. Somebody
 * writing into the file afterwards is still seen, even with the same size
 * and modification time. */
static void
test_own_save_written_into (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GBytes) disk = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *theirs = NULL;
  GlossSidecar *sidecar;
  struct stat before;
  struct timespec times[2];
  char *at;
  FILE *out;

  open_saved_session (f, 20);
  sidecar = gloss_session_get_sidecar (f->session);
  edit (f, "person", "Zoë Núñez");
  wait_for (state (f) == GLOSS_SAVE_STATE_SAVED && !is_dirty (f));
  spin (QUIET_MS);
  g_assert_false (gloss_session_get_external_change (f->session));

  disk = read_bytes (f->sidecar_file);
  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, disk);
  g_assert_cmpstr (gloss_sidecar_get_disk_sha256 (sidecar), ==, sha256);

  theirs = g_strndup (g_bytes_get_data (disk, NULL), g_bytes_get_size (disk));
  at = strstr (theirs, "not leaving");
  g_assert_nonnull (at);
  memcpy (at, "NOT", 3);
  g_assert_cmpint (g_stat (f->sidecar_path, &before), ==, 0);
  out = fopen (f->sidecar_path, "r+");
  g_assert_nonnull (out);
  g_assert_cmpuint (fwrite (theirs, 1, strlen (theirs), out), ==, strlen (theirs));
  g_assert_cmpint (fclose (out), ==, 0);
  times[0] = before.st_atim;
  times[1] = before.st_mtim;
  g_assert_cmpint (utimensat (AT_FDCWD, f->sidecar_path, times, 0), ==, 0);

  wait_for (gloss_session_get_external_change (f->session));
  g_assert_cmpuint (f->n_conflicts, ==, 0);
}

static void
test_external_change_clean (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GBytes) theirs = NULL;
  g_autoptr(GBytes) disk = NULL;
  g_autoptr(GError) error = NULL;
  GlossAnnotationSet *set;
  GlossAnnotation *annotation;

  open_saved_session (f, 20);
  set = gloss_session_get_annotations (f->session);

  theirs = other_version (f, "organization", "port authority");
  write_bytes (f->sidecar_path, theirs);

  wait_for (gloss_session_get_external_change (f->session));
  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_SAVED);
  g_assert_cmpuint (f->n_conflicts, ==, 0);
  /* Still showing ours until the user reloads; theirs is untouched. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (set)), ==, 1);
  disk = read_bytes (f->sidecar_file);
  g_assert_true (g_bytes_equal (disk, theirs));

  g_assert_true (reload (f, &error));
  g_assert_no_error (error);
  g_assert_false (gloss_session_get_external_change (f->session));
  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_SAVED);
  g_assert_cmpuint (f->n_problems_changed, ==, 1);
  /* The same set, with their content. */
  g_assert_true (gloss_session_get_annotations (f->session) == set);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (set)), ==, 1);
  annotation = g_list_model_get_item (G_LIST_MODEL (set), 0);
  g_assert_cmpstr (gloss_annotation_get_exact (annotation), ==, "port authority");
  g_object_unref (annotation);
  g_assert_false (gloss_annotation_set_can_undo (set));

  /* Reloading is not an edit: nothing is written back. */
  spin (QUIET_MS);
  g_clear_pointer (&disk, g_bytes_unref);
  disk = read_bytes (f->sidecar_file);
  g_assert_true (g_bytes_equal (disk, theirs));
  g_assert_cmpuint (count_states (f, GLOSS_SAVE_STATE_SAVING), ==, 1);

  /* Editing on from there writes over their version, now ours. */
  edit (f, "person", "Zoë Núñez");
  wait_for (state (f) == GLOSS_SAVE_STATE_SAVED);
  assert_disk_is_ours (f);
  g_assert_true (file_contains (f->sidecar_file, "port authority"));
  g_assert_cmpuint (f->n_conflicts, ==, 0);
}

static void
test_conflict (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GBytes) theirs = NULL;
  g_autoptr(GBytes) kept = NULL;
  g_autoptr(GFile) parent = NULL;
  g_autofree char *name = NULL;

  open_saved_session (f, 60 * 1000);

  edit (f, "person", "Zoë Núñez");
  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_PENDING);

  theirs = other_version (f, "organization", "port authority");
  write_bytes (f->sidecar_path, theirs);

  wait_for (f->n_conflicts == 1);
  wait_for (state (f) == GLOSS_SAVE_STATE_SAVED);

  /* Theirs, byte for byte, beside ours under a name that is no sidecar's. */
  g_assert_nonnull (f->conflict);
  parent = g_file_get_parent (f->conflict);
  g_assert_cmpstr (g_file_peek_path (parent), ==, f->dir);
  name = g_file_get_basename (f->conflict);
  g_assert_true (g_str_has_prefix (name, "talks.txt.alice.conflict-"));
  g_assert_true (g_str_has_suffix (name, ".json"));
  g_assert_false (g_str_has_suffix (name, ".gloss.json"));
  g_assert_cmpuint (strlen (name), ==, strlen ("talks.txt.alice.conflict-YYYYMMDD-HHMMSS.json"));
  g_assert_false (gloss_sidecar_parse_name (name, NULL, NULL));
  kept = read_bytes (f->conflict);
  g_assert_true (g_bytes_equal (kept, theirs));

  /* Ours, with both our annotations, is the sidecar. */
  assert_disk_is_ours (f);
  g_assert_true (file_contains (f->sidecar_file, "We are not leaving"));
  g_assert_true (file_contains (f->sidecar_file, "Zoë Núñez"));
  g_assert_false (file_contains (f->sidecar_file, "port authority"));
  g_assert_false (gloss_session_get_external_change (f->session));
  g_assert_cmpuint (count_files (f->dir), ==, 3);

  /* Our save after it is no new conflict. */
  spin (QUIET_MS);
  g_assert_cmpuint (f->n_conflicts, ==, 1);
  g_assert_false (gloss_session_get_external_change (f->session));
}

static void
test_conflict_name_taken (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GBytes) theirs = NULL;
  g_autoptr(GBytes) decoy = g_bytes_new_static ("decoy\n", 6);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *name = NULL;

  open_saved_session (f, 60 * 1000);

  /* Names for the next few seconds are taken. */
  for (int s = 0; s < 5; s++)
    {
      g_autoptr(GDateTime) t = g_date_time_add_seconds (now, s);
      g_autofree char *stamp = g_date_time_format (t, "%Y%m%d-%H%M%S");
      g_autofree char *base = g_strdup_printf ("talks.txt.alice.conflict-%s.json", stamp);
      g_autofree char *path = g_build_filename (f->dir, base, NULL);

      write_bytes (path, decoy);
    }

  edit (f, "person", "Zoë Núñez");
  theirs = other_version (f, "organization", "port authority");
  write_bytes (f->sidecar_path, theirs);

  wait_for (f->n_conflicts == 1);
  name = g_file_get_basename (f->conflict);
  g_assert_true (g_str_has_suffix (name, "-2.json"));
  g_assert_true (file_contains (f->conflict, "port authority"));
  wait_for (state (f) == GLOSS_SAVE_STATE_SAVED);
  assert_disk_is_ours (f);
  /* article, sidecar, 5 decoys (untouched), the conflict copy */
  g_assert_cmpuint (count_files (f->dir), ==, 8);
}

/* external-change is TRUE and the user edits instead of reloading: both
 * sides changed, so theirs is kept before ours is written. */
static void
test_edit_after_external_change (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GBytes) theirs = NULL;
  g_autoptr(GBytes) kept = NULL;

  open_saved_session (f, 20);

  theirs = other_version (f, "organization", "port authority");
  write_bytes (f->sidecar_path, theirs);
  wait_for (gloss_session_get_external_change (f->session));

  edit (f, "person", "Zoë Núñez");
  wait_for (f->n_conflicts == 1);
  wait_for (state (f) == GLOSS_SAVE_STATE_SAVED);
  kept = read_bytes (f->conflict);
  g_assert_true (g_bytes_equal (kept, theirs));
  assert_disk_is_ours (f);
  g_assert_false (gloss_session_get_external_change (f->session));
}

static void
test_deleted_on_disk (Fixture       *f,
                      gconstpointer  data)
{
  GlossAnnotationSet *set;

  open_saved_session (f, 20);
  set = gloss_session_get_annotations (f->session);

  g_assert_cmpint (g_unlink (f->sidecar_path), ==, 0);
  wait_for (gloss_session_get_external_change (f->session));

  /* Ours stay on screen and are not written back on their own. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (set)), ==, 1);
  spin (QUIET_MS);
  g_assert_false (g_file_query_exists (f->sidecar_file, NULL));
  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_SAVED);

  /* The next edit writes them all back. */
  edit (f, "person", "Zoë Núñez");
  wait_for (state (f) == GLOSS_SAVE_STATE_SAVED && !is_dirty (f));
  assert_disk_is_ours (f);
  g_assert_true (file_contains (f->sidecar_file, "We are not leaving"));
  g_assert_false (gloss_session_get_external_change (f->session));
  g_assert_cmpuint (f->n_conflicts, ==, 0);
}

static void
test_deleted_then_reload (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GlossAnnotationSet *set;

  open_saved_session (f, 20);
  set = gloss_session_get_annotations (f->session);

  g_assert_cmpint (g_unlink (f->sidecar_path), ==, 0);
  wait_for (gloss_session_get_external_change (f->session));

  g_assert_true (reload (f, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (set)), ==, 0);
  g_assert_false (gloss_session_get_external_change (f->session));
  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_SAVED);

  spin (QUIET_MS);
  g_assert_false (g_file_query_exists (f->sidecar_file, NULL));
}

static void
test_corrupt_read_only (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GBytes) corrupt = g_bytes_new_static ("{ \"format\": \"gloss\", oops\n", 27);
  g_autoptr(GBytes) disk = NULL;
  g_autoptr(GBytes) fixed = NULL;
  g_autoptr(GError) error = NULL;
  GlossSidecar *sidecar;
  GlossAnnotationSet *set;

  write_bytes (f->sidecar_path, corrupt);
  open_session (f, 20);
  sidecar = gloss_session_get_sidecar (f->session);
  set = gloss_session_get_annotations (f->session);

  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_READ_ONLY);
  g_assert_cmpint (gloss_sidecar_get_state (sidecar), ==, GLOSS_SIDECAR_STATE_FAILED);
  g_assert_cmpuint (gloss_sidecar_count_problems (sidecar, GLOSS_SEVERITY_ERROR), >, 0);

  /* Edits are refused by the set, and nothing is written, not even when
   * asked, nor on close. */
  edit_refused (f, "quote", "“We are not leaving,”");
  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_READ_ONLY);
  gloss_session_save (f->session);
  spin (QUIET_MS);
  disk = read_bytes (f->sidecar_file);
  g_assert_true (g_bytes_equal (disk, corrupt));
  g_assert_cmpuint (f->states->len, ==, 0);
  g_assert_cmpuint (count_files (f->dir), ==, 2);

  /* Somebody fixes the file: offered for reload, which makes it writable. */
  fixed = other_version (f, "organization", "port authority");
  write_bytes (f->sidecar_path, fixed);
  wait_for (gloss_session_get_external_change (f->session));
  g_assert_true (reload (f, &error));
  g_assert_no_error (error);
  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_SAVED);
  g_assert_cmpuint (f->n_problems_changed, ==, 1);
  g_assert_cmpuint (gloss_sidecar_get_problems (sidecar)->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (set)), ==, 1);

  edit (f, "person", "Zoë Núñez");
  wait_for (state (f) == GLOSS_SAVE_STATE_SAVED && !is_dirty (f));
  assert_disk_is_ours (f);
  g_assert_true (file_contains (f->sidecar_file, "port authority"));
}

static void
test_reload_fails (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GBytes) corrupt = g_bytes_new_static ("[]\n", 3);
  g_autoptr(GBytes) disk = NULL;
  g_autoptr(GError) error = NULL;

  open_saved_session (f, 20);
  write_bytes (f->sidecar_path, corrupt);
  wait_for (gloss_session_get_external_change (f->session));

  /* The session stays open, read-only, with the problems to show. */
  g_assert_false (reload (f, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_READ_ONLY);
  g_assert_cmpuint (f->n_problems_changed, ==, 1);
  g_assert_cmpuint (gloss_sidecar_count_problems (gloss_session_get_sidecar (f->session),
                                                  GLOSS_SEVERITY_ERROR), >, 0);

  edit_refused (f, "person", "Zoë Núñez");
  spin (QUIET_MS);
  disk = read_bytes (f->sidecar_file);
  g_assert_true (g_bytes_equal (disk, corrupt));
}

static void
test_newer_version_read_only (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GBytes) theirs = other_version (f, "organization", "port authority");
  g_autoptr(GBytes) newer = NULL;
  g_autoptr(GBytes) disk = NULL;
  g_autoptr(GString) text = NULL;

  text = g_string_new_len (g_bytes_get_data (theirs, NULL), g_bytes_get_size (theirs));
  g_assert_cmpuint (g_string_replace (text, "\"version\": 1,", "\"version\": 2,", 1), ==, 1);
  newer = g_string_free_to_bytes (g_steal_pointer (&text));
  write_bytes (f->sidecar_path, newer);

  open_session (f, 20);
  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_READ_ONLY);
  g_assert_cmpint (gloss_sidecar_get_state (gloss_session_get_sidecar (f->session)),
                   ==, GLOSS_SIDECAR_STATE_NEWER);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gloss_session_get_annotations (f->session))), ==, 1);

  edit_refused (f, "person", "Zoë Núñez");
  gloss_session_save (f->session);
  spin (QUIET_MS);
  disk = read_bytes (f->sidecar_file);
  g_assert_true (g_bytes_equal (disk, newer));
  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_READ_ONLY);
}

static void
on_closed (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GError **error = user_data;
  gboolean ok;

  ok = gloss_session_close_finish (GLOSS_SESSION (object), result, error);
  g_assert_true (ok == (*error == NULL));
  if (ok)
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "(no error: closed)");
}

/* Tests tell "not done" (NULL), "closed" and "failed" apart by the error. */
static GError *
close_session (Fixture *f)
{
  GError *error = NULL;

  gloss_session_close_async (f->session, NULL, on_closed, &error);
  wait_for (error != NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_FAILED)
      && g_str_equal (error->message, "(no error: closed)"))
    g_clear_error (&error);

  return error;
}

static void
test_write_error (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* Tests run as root, which ignores permissions: a folder where the
   * sidecar goes makes the atomic rename fail instead. */
  open_session (f, 20);
  g_assert_cmpint (g_mkdir (f->sidecar_path, 0755), ==, 0);

  edit (f, "quote", "“We are not leaving,”");
  wait_for (state (f) == GLOSS_SAVE_STATE_ERROR);
  g_assert_nonnull (gloss_session_get_save_error (f->session));
  g_test_message ("save error: %s", gloss_session_get_save_error (f->session));
  g_assert_true (is_dirty (f));

  /* Not retried on its own. */
  spin (QUIET_MS);
  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_ERROR);
  g_assert_cmpuint (count_states (f, GLOSS_SAVE_STATE_SAVING), ==, 1);

  /* Closing retries, and reports the failure. */
  error = close_session (f);
  g_assert_nonnull (error);
  g_assert_cmpuint (count_states (f, GLOSS_SAVE_STATE_SAVING), ==, 2);
  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_ERROR);

  /* Fixed: the next edit saves everything. No temporary files were left. */
  g_assert_cmpint (g_rmdir (f->sidecar_path), ==, 0);
  g_assert_cmpuint (count_files (f->dir), ==, 1);
  edit (f, "person", "Zoë Núñez");
  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_PENDING);
  wait_for (state (f) == GLOSS_SAVE_STATE_SAVED);
  g_assert_null (gloss_session_get_save_error (f->session));
  assert_disk_is_ours (f);
  g_assert_true (file_contains (f->sidecar_file, "We are not leaving"));
}

static void
test_write_error_explicit_retry (Fixture       *f,
                                 gconstpointer  data)
{
  open_session (f, 20);
  g_assert_cmpint (g_mkdir (f->sidecar_path, 0755), ==, 0);

  edit (f, "quote", "“We are not leaving,”");
  wait_for (state (f) == GLOSS_SAVE_STATE_ERROR);

  g_assert_cmpint (g_rmdir (f->sidecar_path), ==, 0);
  gloss_session_save (f->session);
  wait_for (state (f) == GLOSS_SAVE_STATE_SAVED);
  g_assert_null (gloss_session_get_save_error (f->session));
  assert_disk_is_ours (f);
}

static void
test_close_flushes (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  open_session (f, 60 * 1000);
  edit (f, "quote", "“We are not leaving,”");
  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_PENDING);

  error = close_session (f);
  g_assert_no_error (error);
  /* Written before the close completed. */
  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_SAVED);
  g_assert_false (is_dirty (f));
  assert_disk_is_ours (f);
}

static void
test_close_waits_for_write (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  open_session (f, 60 * 1000);
  edit (f, "quote", "“We are not leaving,”");
  gloss_session_save (f->session);
  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_SAVING);
  /* An edit while the write is in flight: close writes it too. */
  edit (f, "person", "Zoë Núñez");

  error = close_session (f);
  g_assert_no_error (error);
  g_assert_false (is_dirty (f));
  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_SAVED);
  g_assert_cmpuint (f->n_writes, ==, 2);
  assert_disk_is_ours (f);
  g_assert_true (file_contains (f->sidecar_file, "Zoë Núñez"));
}

static void
test_close_clean (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  open_session (f, 20);
  error = close_session (f);
  g_assert_no_error (error);
  g_assert_false (g_file_query_exists (f->sidecar_file, NULL));
}

/* A window that forgets gloss_session_close_async() still loses nothing. */
static void
test_dispose_saves (Fixture       *f,
                    gconstpointer  data)
{
  open_session (f, 60 * 1000);
  edit (f, "quote", "“We are not leaving,”");
  g_clear_object (&f->session);

  g_assert_true (file_contains (f->sidecar_file, "We are not leaving"));
}

static void
on_opened (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Fixture *f = user_data;
  g_autoptr(GError) error = NULL;

  f->session = gloss_session_new_finish (result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->session);
}

static void
on_open_failed (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GError **error = user_data;
  GlossSession *session;

  session = gloss_session_new_finish (result, error);
  g_assert_null (session);
  g_assert_nonnull (*error);
}

static void
test_new_async (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GBytes) theirs = NULL;
  g_autoptr(GFile) missing = NULL;
  g_autoptr(GError) error = NULL;

  gloss_session_new_async (f->article, "alice", NULL, on_opened, f);
  wait_for (f->session != NULL);
  watch_session (f);
  gloss_session_set_autosave_delay (f->session, 20);
  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_SAVED);

  /* Autosave and the file monitor run in this thread's main context. */
  edit (f, "quote", "“We are not leaving,”");
  wait_for (state (f) == GLOSS_SAVE_STATE_SAVED && !is_dirty (f));
  assert_disk_is_ours (f);
  theirs = other_version (f, "organization", "port authority");
  write_bytes (f->sidecar_path, theirs);
  wait_for (gloss_session_get_external_change (f->session));

  missing = g_file_new_build_filename (f->dir, "missing.txt", NULL);
  gloss_session_new_async (missing, "alice", NULL, on_open_failed, &error);
  wait_for (error != NULL);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

/* One process, one session per sidecar: opening the article again, by
 * another path to the same folder (a symbolic link) or asynchronously,
 * gives the same session, so no two editors of one file can exist. */
static void
on_opened_again (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GlossSession **session = user_data;
  g_autoptr(GError) error = NULL;

  *session = gloss_session_new_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_one_session_per_sidecar (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GlossSession) again = NULL;
  g_autoptr(GlossSession) linked = NULL;
  g_autoptr(GlossSession) other_annotator = NULL;
  g_autoptr(GlossSession) async_again = NULL;
  g_autoptr(GFile) link_article = NULL;
  g_autofree char *link_path = g_build_filename (f->dir, "link", NULL);
  g_autoptr(GError) error = NULL;

  open_session (f, 60 * 1000);
  edit (f, "quote", "“We are not leaving,”");

  again = gloss_session_new (f->article, "alice", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (again == f->session);

  g_assert_cmpint (symlink (".", link_path), ==, 0);
  link_article = g_file_new_build_filename (f->dir, "link", "talks.txt", NULL);
  linked = gloss_session_new (link_article, "alice", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (linked == f->session);

  gloss_session_new_async (link_article, "alice", NULL, on_opened_again, &async_again);
  wait_for (async_again != NULL);
  g_assert_true (async_again == f->session);

  /* Another annotator's sidecar is another session. */
  other_annotator = gloss_session_new (f->article, "bilal", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (other_annotator != f->session);

  /* The edit is in the one session all of them share. */
  g_assert_cmpuint (gloss_annotation_set_get_n_annotations (gloss_session_get_annotations (again)), ==, 1);
}

/* The registry's key is the sidecar's real path: a link to the folder or
 * "a/../a" names the same sidecar, another annotator another; the
 * registry hands out only what was registered, and each session once. */
static void
test_registry (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *link_path = g_build_filename (f->dir, "link", NULL);
  g_autofree char *sub_path = g_build_filename (f->dir, "sub", NULL);
  g_autoptr(GFile) linked = g_file_new_build_filename (f->dir, "link", "talks.txt", NULL);
  g_autoptr(GFile) round_about = g_file_new_build_filename (f->dir, "sub", "..", "talks.txt", NULL);
  g_autofree char *key = gloss_session_registry_build_key (f->article, "alice");
  g_autofree char *key_linked = NULL;
  g_autofree char *key_round_about = NULL;
  g_autofree char *key_bilal = gloss_session_registry_build_key (f->article, "bilal");
  g_autofree char *real_dir = realpath (f->dir, NULL);
  g_autofree char *expected = g_build_filename (real_dir, "talks.txt.alice.gloss.json", NULL);
  g_autoptr(GPtrArray) all = NULL;

  g_assert_cmpint (symlink (".", link_path), ==, 0);
  g_assert_cmpint (g_mkdir (sub_path, 0700), ==, 0);
  key_linked = gloss_session_registry_build_key (linked, "alice");
  key_round_about = gloss_session_registry_build_key (round_about, "alice");
  g_assert_cmpstr (key, ==, expected);
  g_assert_cmpstr (key_linked, ==, key);
  g_assert_cmpstr (key_round_about, ==, key);
  g_assert_cmpstr (key_bilal, !=, key);

  g_assert_null (gloss_session_registry_lookup (key));
  g_assert_null (gloss_session_registry_lookup (NULL));
  open_session (f, 60 * 1000);
  g_assert_true (gloss_session_registry_lookup (key) == f->session);
  g_assert_null (gloss_session_registry_lookup (key_bilal));
  all = gloss_session_registry_dup_all ();
  g_assert_cmpuint (all->len, ==, 1);
  g_assert_true (g_ptr_array_index (all, 0) == f->session);
  g_clear_pointer (&all, g_ptr_array_unref);

  /* Removing another (here: none) under the key leaves this one. */
  gloss_session_registry_remove (key, NULL);
  g_assert_true (gloss_session_registry_lookup (key) == f->session);

  /* Gone with the session. */
  g_clear_object (&f->session);
  g_assert_null (gloss_session_registry_lookup (key));
}

/* Conflict copies: named by the article, the annotator and the time, not
 * as a sidecar; a name taken is never replaced. Recovery copies go to the
 * user's data folder. */
static void
test_copies (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GDateTime) when = g_date_time_new_local (2026, 3, 14, 9, 5, 7);
  g_autoptr(GBytes) theirs = g_bytes_new_static ("{\"theirs\": 1}\n", 14);
  g_autoptr(GBytes) again = g_bytes_new_static ("{\"again\": 2}\n", 13);
  g_autoptr(GBytes) kept = NULL;
  g_autoptr(GFile) first = NULL;
  g_autoptr(GFile) second = NULL;
  g_autoptr(GFile) recovery = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *expected_folder = g_build_filename (g_get_user_data_dir (), "gloss", "recovered", NULL);
  struct stat st;

  first = gloss_session_copies_write_conflict (f->sidecar_file, "talks.txt", "alice",
                                               theirs, when, &error);
  g_assert_no_error (error);
  name = g_file_get_basename (first);
  g_assert_cmpstr (name, ==, "talks.txt.alice.conflict-20260314-090507.json");
  g_assert_false (gloss_sidecar_parse_name (name, NULL, NULL));
  g_clear_pointer (&name, g_free);

  second = gloss_session_copies_write_conflict (f->sidecar_file, "talks.txt", "alice",
                                                again, when, &error);
  g_assert_no_error (error);
  name = g_file_get_basename (second);
  g_assert_cmpstr (name, ==, "talks.txt.alice.conflict-20260314-090507-2.json");
  kept = read_bytes (first);
  g_assert_true (g_bytes_equal (kept, theirs));
  g_clear_pointer (&kept, g_bytes_unref);
  kept = read_bytes (second);
  g_assert_true (g_bytes_equal (kept, again));
  g_clear_pointer (&name, g_free);

  recovery = gloss_session_copies_build_recovery_file ("talks.txt", "alice", when, &error);
  g_assert_no_error (error);
  name = g_file_get_basename (recovery);
  g_assert_cmpstr (name, ==, "talks.txt.alice.20260314-090507.gloss.json");
  folder = g_file_get_parent (recovery);
  g_assert_cmpstr (g_file_peek_path (folder), ==, expected_folder);
  g_assert_cmpint (g_stat (expected_folder, &st), ==, 0);
  g_assert_true (S_ISDIR (st.st_mode));
  /* Only named: nothing written yet. */
  g_assert_false (g_file_query_exists (recovery, NULL));
}

/* A signal that ends the process writes every unsaved edit at once. */
static void
test_flush_all (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) failures = NULL;

  open_session (f, 60 * 1000);
  edit (f, "quote", "“We are not leaving,”");
  g_assert_false (g_file_query_exists (f->sidecar_file, NULL));

  failures = gloss_session_flush_all ();
  g_assert_cmpuint (failures->len, ==, 0);
  g_assert_true (file_contains (f->sidecar_file, "We are not leaving"));
  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_SAVED);
  assert_disk_is_ours (f);
}

/* ... and where the sidecar cannot be written (its folder is gone), keeps
 * them in a recovery copy and says where. */
static void
test_flush_all_recovery (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) failures = NULL;
  g_autofree char *recovered = g_build_filename (g_get_user_data_dir (), "gloss", "recovered", NULL);
  g_autoptr(GDir) dir = NULL;
  const char *name;
  g_autofree char *copy_path = NULL;
  g_autofree char *contents = NULL;

  open_session (f, 60 * 1000);
  edit (f, "person", "Zoë Núñez");
  gloss_test_remove_tree (f->dir);

  failures = gloss_session_flush_all ();
  g_assert_cmpuint (failures->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (failures, 0), recovered));

  dir = g_dir_open (recovered, 0, NULL);
  g_assert_nonnull (dir);
  name = g_dir_read_name (dir);
  g_assert_nonnull (name);
  g_assert_true (g_str_has_prefix (name, "talks.txt.alice."));
  copy_path = g_build_filename (recovered, name, NULL);
  g_assert_true (g_file_get_contents (copy_path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "Zoë Núñez"));

  /* The folder again, so the session can be torn down cleanly. */
  g_assert_cmpint (g_mkdir_with_parents (f->dir, 0700), ==, 0);
}

/* Issue 9: sidecars made read-only on purpose, other processes, slow
 * writers and articles changed under the session
 * ------------------------------------------------------------------------ */

static char *
lock_path (Fixture *f)
{
  return g_build_filename (f->dir, ".talks.txt.alice.gloss.json.lock", NULL);
}

static void
write_foreign_lock (Fixture    *f,
                    gint64      pid,
                    const char *host)
{
  g_autofree char *path = lock_path (f);
  g_autofree char *json =
    g_strdup_printf ("{\"pid\": %" G_GINT64_FORMAT ", \"host\": \"%s\", \"user\": \"bilal\", "
                     "\"token\": \"theirs\", \"since\": \"2026-12-01T09:30:00Z\"}\n",
                     pid, host);

  g_assert_true (g_file_set_contents (path, json, -1, NULL));
}

static guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 07777;
}

/* chmod a-w on a sidecar: opened read-only, saying why, never replaced;
 * writable again, it is saved and keeps the mode it was given. */
static void
test_write_protected (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GBytes) theirs = other_version (f, "organization", "port authority");
  g_autoptr(GBytes) disk = NULL;
  const char *reason;

  write_bytes (f->sidecar_path, theirs);
  g_assert_cmpint (g_chmod (f->sidecar_path, 0444), ==, 0);

  open_session (f, 20);
  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_READ_ONLY);
  reason = gloss_session_get_read_only_reason (f->session);
  g_assert_nonnull (reason);
  g_assert_nonnull (strstr (reason, "talks.txt.alice.gloss.json"));
  g_assert_nonnull (strstr (reason, "read-only"));
  g_assert_false (gloss_session_can_take_over (f->session));
  g_assert_cmpuint (gloss_annotation_set_get_n_annotations (gloss_session_get_annotations (f->session)), ==, 1);

  gloss_session_save (f->session);
  spin (QUIET_MS);
  disk = read_bytes (f->sidecar_file);
  g_assert_true (g_bytes_equal (disk, theirs));
  g_assert_cmpuint (file_mode (f->sidecar_path), ==, 0444);

  /* Made writable again (to the group too): the session follows, and
   * claims the sidecar like at opening (the lock). */
  g_assert_cmpint (g_chmod (f->sidecar_path, 0664), ==, 0);
  wait_for (gloss_session_get_read_only_reason (f->session) == NULL);
  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_SAVED);
  {
    g_autofree char *lock = lock_path (f);

    g_assert_true (g_file_test (lock, G_FILE_TEST_IS_REGULAR));
  }
  edit (f, "person", "Zoë Núñez");
  wait_for (state (f) == GLOSS_SAVE_STATE_SAVED);
  g_assert_true (file_contains (f->sidecar_file, "Zoë Núñez"));
  g_assert_cmpuint (file_mode (f->sidecar_path), ==, 0664);
}

/* Another Gloss (another user, on another machine) has the sidecar open:
 * read-only here, saying who and where, until the person takes it over. */
static void
test_edited_elsewhere (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GBytes) theirs = other_version (f, "organization", "port authority");
  g_autofree char *path = lock_path (f);
  g_autofree char *lock = NULL;
  g_autoptr(GError) error = NULL;
  const char *reason;

  write_bytes (f->sidecar_path, theirs);
  write_foreign_lock (f, 1, "newsroom-laptop");

  open_session (f, 20);
  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_READ_ONLY);
  reason = gloss_session_get_read_only_reason (f->session);
  g_assert_nonnull (reason);
  g_assert_nonnull (strstr (reason, "bilal on newsroom-laptop (process 1)"));
  g_assert_true (gloss_session_can_take_over (f->session));

  /* Their lock is theirs: untouched. */
  g_assert_true (g_file_get_contents (path, &lock, NULL, NULL));
  g_assert_nonnull (strstr (lock, "\"theirs\""));
  g_clear_pointer (&lock, g_free);

  g_assert_true (gloss_session_take_over (f->session, &error));
  g_assert_no_error (error);
  g_assert_null (gloss_session_get_read_only_reason (f->session));
  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_SAVED);
  g_assert_true (g_file_get_contents (path, &lock, NULL, NULL));
  g_assert_null (strstr (lock, "\"theirs\""));

  edit (f, "person", "Zoë Núñez");
  wait_for (state (f) == GLOSS_SAVE_STATE_SAVED);
  g_assert_true (file_contains (f->sidecar_file, "Zoë Núñez"));
  g_assert_true (file_contains (f->sidecar_file, "port authority"));

  /* Closed: the lock goes with it. */
  g_clear_object (&f->session);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* A lock left by a Gloss of this machine that no longer runs (kill -9)
 * does not stand in the way. */
static void
test_stale_lock (Fixture       *f,
                 gconstpointer  data)
{
  GPid child = fork ();

  if (child == 0)
    _exit (0);
  g_assert_cmpint (child, >, 0);
  g_assert_cmpint (waitpid (child, NULL, 0), ==, child);

  write_foreign_lock (f, child, g_get_host_name ());
  open_session (f, 20);
  g_assert_null (gloss_session_get_read_only_reason (f->session));
  edit (f, "person", "Zoë Núñez");
  wait_for (state (f) == GLOSS_SAVE_STATE_SAVED);
  g_assert_true (file_contains (f->sidecar_file, "Zoë Núñez"));
}

/* Somebody took the sidecar over while we had unsaved edits: theirs is
 * not overwritten, ours are kept beside it, and closing says so. */
static void
test_taken_over (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  const char *reason;

  open_saved_session (f, 60 * 1000);
  before = read_bytes (f->sidecar_file);
  edit (f, "person", "Zoë Núñez");
  write_foreign_lock (f, 1, "newsroom-laptop");

  gloss_session_save (f->session);
  wait_for (state (f) == GLOSS_SAVE_STATE_READ_ONLY);
  reason = gloss_session_get_read_only_reason (f->session);
  g_assert_nonnull (reason);
  g_assert_nonnull (strstr (reason, "bilal on newsroom-laptop"));
  g_assert_nonnull (strstr (reason, "talks.txt.alice.conflict-"));

  after = read_bytes (f->sidecar_file);
  g_assert_true (g_bytes_equal (after, before));
  g_assert_cmpuint (count_files (f->dir), ==, 3);

  error = close_session (f);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY);
  g_assert_true (gloss_session_has_unsaved_changes (f->session));

  /* The person chooses Discard (their edits are in the conflict copy). */
  g_assert_true (reload (f, NULL));
  g_assert_false (gloss_session_has_unsaved_changes (f->session));
}

/* The session's read-only reasons are the annotation set's read-only
 * state: no edit is made that the session would not write. Take Over and
 * a writable file let edits in again; so does a reload that makes a failed
 * sidecar usable (see failed-sidecar-set-read-only). */
static gboolean
set_is_read_only (Fixture *f)
{
  return gloss_annotation_set_get_read_only (gloss_session_get_annotations (f->session));
}

static void
test_read_only_set (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GBytes) theirs = other_version (f, "organization", "port authority");
  g_autoptr(GError) error = NULL;
  GlossAnnotationSet *set;
  guint start, end;

  write_bytes (f->sidecar_path, theirs);
  write_foreign_lock (f, 1, "newsroom-laptop");

  /* Edited elsewhere: refused, and nothing changes. */
  open_session (f, 20);
  set = gloss_session_get_annotations (f->session);
  g_assert_nonnull (gloss_session_get_read_only_reason (f->session));
  g_assert_true (set_is_read_only (f));
  start = gloss_document_byte_to_offset (gloss_session_get_document (f->session),
                                         strstr (article_text, "Zoë") - article_text);
  end = start + 9;
  g_assert_null (gloss_annotation_set_create (set, "person", start, end, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_cmpuint (gloss_annotation_set_get_n_annotations (set), ==, 1);
  g_assert_false (gloss_session_has_unsaved_changes (f->session));

  /* Taken over: editable again. */
  g_assert_true (gloss_session_take_over (f->session, &error));
  g_assert_no_error (error);
  g_assert_false (set_is_read_only (f));
  edit (f, "person", "Zoë Núñez");
  wait_for (state (f) == GLOSS_SAVE_STATE_SAVED);

  /* Write-protected while open, and writable again. */
  g_assert_cmpint (g_chmod (f->sidecar_path, 0444), ==, 0);
  wait_for (gloss_session_get_read_only_reason (f->session) != NULL);
  g_assert_true (set_is_read_only (f));
  g_assert_cmpint (g_chmod (f->sidecar_path, 0644), ==, 0);
  wait_for (gloss_session_get_read_only_reason (f->session) == NULL);
  g_assert_false (set_is_read_only (f));

  /* Taken over by the other Gloss: read-only again; a reload (Discard)
   * still loads what is on disk into it. */
  edit (f, "location", "port authority");
  write_foreign_lock (f, 1, "newsroom-laptop");
  gloss_session_save (f->session);
  wait_for (state (f) == GLOSS_SAVE_STATE_READ_ONLY);
  g_assert_true (set_is_read_only (f));
  g_assert_true (reload (f, NULL));
  g_assert_true (set_is_read_only (f));
  g_assert_cmpuint (gloss_annotation_set_get_n_annotations (set), ==, 2);
}

/* A sidecar that failed to load: read-only as a session, not as a set. */
static void
test_failed_sidecar_set_read_only (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GBytes) corrupt = g_bytes_new_static ("{ \"format\": \"gloss\", oops\n", 27);
  g_autoptr(GBytes) fixed = NULL;
  g_autoptr(GError) error = NULL;

  write_bytes (f->sidecar_path, corrupt);
  open_session (f, 20);
  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_READ_ONLY);
  g_assert_null (gloss_session_get_read_only_reason (f->session));
  g_assert_true (set_is_read_only (f));

  /* Fixed on disk and reloaded: the set takes edits again. */
  fixed = other_version (f, "organization", "port authority");
  write_bytes (f->sidecar_path, fixed);
  wait_for (gloss_session_get_external_change (f->session));
  g_assert_true (reload (f, &error));
  g_assert_no_error (error);
  g_assert_false (set_is_read_only (f));
  edit (f, "person", "Zoë Núñez");
}

/* Another program rewrites the sidecar in place, slowly, while we have
 * unsaved edits: nothing is kept or written over it while it is half a
 * file; once it is whole, it is kept as it is and ours is saved. */
static void
test_slow_writer (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GBytes) theirs = NULL;
  g_autoptr(GBytes) half = NULL;
  g_autoptr(GBytes) kept = NULL;
  g_autoptr(GBytes) disk = NULL;

  open_saved_session (f, 50);
  theirs = other_version (f, "organization", "port authority");
  half = g_bytes_new_from_bytes (theirs, 0, g_bytes_get_size (theirs) / 2);

  edit (f, "person", "Zoë Núñez");
  write_bytes (f->sidecar_path, half);

  /* Well past the autosave delay and the check's debounce. */
  spin (QUIET_MS);
  g_assert_cmpuint (f->n_conflicts, ==, 0);
  disk = read_bytes (f->sidecar_file);
  g_assert_true (g_bytes_equal (disk, half));
  g_assert_cmpint (state (f), !=, GLOSS_SAVE_STATE_SAVED);

  write_bytes (f->sidecar_path, theirs);
  wait_for (f->n_conflicts == 1);
  kept = read_bytes (f->conflict);
  g_assert_true (g_bytes_equal (kept, theirs));
  wait_for (state (f) == GLOSS_SAVE_STATE_SAVED);
  g_assert_true (file_contains (f->sidecar_file, "Zoë Núñez"));
}

/* A whole file that is not JSON is still somebody's: kept once it has
 * stayed the same for a while. */
static void
test_other_version_not_json (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GBytes) notes = g_bytes_new_static ("my notes, not JSON\n", 19);
  g_autoptr(GBytes) kept = NULL;

  open_saved_session (f, 50);
  edit (f, "person", "Zoë Núñez");
  write_bytes (f->sidecar_path, notes);

  wait_for (f->n_conflicts == 1);
  kept = read_bytes (f->conflict);
  g_assert_true (g_bytes_equal (kept, notes));
  wait_for (state (f) == GLOSS_SAVE_STATE_SAVED);
  g_assert_true (file_contains (f->sidecar_file, "Zoë Núñez"));
}

/* Made read-only while edits waited, then the process is told to quit:
 * the edits go to a recovery copy, and the sidecar is left alone. */
static void
test_flush_all_read_only (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) failures = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  open_saved_session (f, 60 * 1000);
  before = read_bytes (f->sidecar_file);
  edit (f, "person", "Zoë Núñez");
  g_assert_cmpint (g_chmod (f->sidecar_path, 0444), ==, 0);
  wait_for (gloss_session_get_read_only_reason (f->session) != NULL);

  failures = gloss_session_flush_all ();
  g_assert_cmpuint (failures->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (failures, 0), "recovered"));
  after = read_bytes (f->sidecar_file);
  g_assert_true (g_bytes_equal (after, before));
  /* Kept, and said where: not kept a second time as the session goes. */
  g_assert_false (gloss_session_has_unsaved_changes (f->session));

  g_assert_cmpint (g_chmod (f->sidecar_path, 0644), ==, 0);
}

/* Reload while the article is gone (mid-checkout): refused, as the text
 * the sidecar on disk belongs to cannot be known. */
static void
test_reload_article_gone (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *article_path = g_file_get_path (f->article);
  g_autoptr(GBytes) theirs = NULL;
  g_autoptr(GError) error = NULL;

  open_saved_session (f, 20);
  theirs = other_version (f, "organization", "port authority");
  g_assert_cmpint (g_unlink (article_path), ==, 0);
  write_bytes (f->sidecar_path, theirs);

  g_assert_false (reload (f, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INCONSISTENT);
  /* Still what it was: the quote, nothing of theirs. */
  g_assert_cmpuint (gloss_annotation_set_get_n_annotations (gloss_session_get_annotations (f->session)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (gloss_annotation_set_get_orphans (gloss_session_get_annotations (f->session))), ==, 0);

  /* Back: reloading works again. */
  g_assert_true (g_file_set_contents (article_path, article_text, -1, NULL));
  g_clear_error (&error);
  g_assert_true (reload (f, &error));
  g_assert_no_error (error);
}

/* git checkout: the article and the sidecar change under the session. It
 * is never reloaded against the old text, nor handed out again; a new
 * session places the sidecar on the new text. */
static void
test_article_changed (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *article_path = g_file_get_path (f->article);
  g_autofree char *new_text = g_strconcat ("Update, Friday: ", article_text, NULL);
  g_autoptr(GlossSession) reopened = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  GlossAnnotationSet *set;
  GlossAnnotation *quote;

  open_saved_session (f, 20);
  before = read_bytes (f->sidecar_file);

  g_assert_true (g_file_set_contents (article_path, new_text, -1, NULL));
  wait_for (gloss_session_get_article_changed (f->session));

  g_assert_false (reload (f, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INCONSISTENT);
  g_clear_error (&error);
  after = read_bytes (f->sidecar_file);
  g_assert_true (g_bytes_equal (after, before));

  reopened = gloss_session_new (f->article, "alice", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (reopened != f->session);
  set = gloss_session_get_annotations (reopened);
  g_assert_cmpuint (gloss_annotation_set_get_n_annotations (set), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (gloss_annotation_set_get_orphans (set)), ==, 0);
  quote = g_list_model_get_item (G_LIST_MODEL (set), 0);
  g_assert_cmpuint (gloss_annotation_get_start (quote), ==, 29 + 16);
  g_object_unref (quote);

  /* The new session is the editor, though the old one (on its way out)
   * still holds the lock of this process: it takes it over ... */
  g_assert_null (gloss_session_get_read_only_reason (reopened));
  /* ... and the old one, closed after it, leaves it in place. */
  g_clear_object (&f->session);
  {
    g_autofree char *path = lock_path (f);

    g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  }
  annotate (set, "person", "Zoë Núñez");
  gloss_session_save (reopened);
  wait_for (gloss_session_get_save_state (reopened) == GLOSS_SAVE_STATE_SAVED);
  g_assert_true (file_contains (f->sidecar_file, "Zoë Núñez"));
}

/* The article is handed over before the session: the same document, and
 * not at all once the opening was cancelled. */
static void
on_document_read (GlossDocument      *document,
                  GlossAnnotationSet *head,
                  gpointer            user_data)
{
  Fixture *f = user_data;

  /* Before the session is ready; a short sidecar has no head read ahead
   * (test-sidecar-head.c has a long one). */
  g_assert_null (f->session);
  g_assert_null (head);
  g_assert_null (f->early_document);
  f->early_document = g_object_ref (document);
}

static void
on_cancelled_open (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossSession) session = gloss_session_new_finish (result, &error);

  g_assert_null (session);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  *done = TRUE;
}

static void
test_document_first (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  gboolean done = FALSE;

  gloss_session_new_with_document_async (f->article, "alice", on_document_read, f, NULL,
                                         NULL, on_opened, f);
  wait_for (f->session != NULL);
  g_assert_nonnull (f->early_document);
  g_assert_true (f->early_document == gloss_session_get_document (f->session));

  /* Cancelled at once: neither the document nor a session. */
  g_clear_object (&f->early_document);
  gloss_session_new_with_document_async (f->article, "alice", on_document_read, f, NULL,
                                         cancellable, on_cancelled_open, &done);
  g_cancellable_cancel (cancellable);
  wait_for (done);
  g_assert_null (f->early_document);
}

static void
test_open_errors (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossSession) session = NULL;
  g_autoptr(GFile) missing = g_file_new_build_filename (f->dir, "missing.txt", NULL);
  g_autoptr(GBytes) bad_utf8 = g_bytes_new_static ("caf\xe9\n", 5);
  g_autoptr(GBytes) bad_labels = g_bytes_new_static ("{ \"labels\": 7 }\n", 16);
  g_autofree char *bad_path = g_build_filename (f->dir, "bad.txt", NULL);
  g_autofree char *labels_path = g_build_filename (f->dir, GLOSS_LABEL_SET_FILE_NAME, NULL);
  g_autoptr(GFile) bad = g_file_new_for_path (bad_path);

  session = gloss_session_new (missing, "alice", NULL, &error);
  g_assert_null (session);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  write_bytes (bad_path, bad_utf8);
  session = gloss_session_new (bad, "alice", NULL, &error);
  g_assert_null (session);
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID_UTF8);
  g_clear_error (&error);

  session = gloss_session_new (f->article, "Alice Example", NULL, &error);
  g_assert_null (session);
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_clear_error (&error);

  /* A broken label set is an error, not silently the built-in one. */
  write_bytes (labels_path, bad_labels);
  session = gloss_session_new (f->article, "alice", NULL, &error);
  g_assert_null (session);
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* A sidecar that cannot even be read opens read-only. */
  g_assert_cmpint (g_unlink (labels_path), ==, 0);
  g_assert_cmpint (g_mkdir (f->sidecar_path, 0755), ==, 0);
  session = gloss_session_new (f->article, "alice", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gloss_session_get_save_state (session), ==, GLOSS_SAVE_STATE_READ_ONLY);
  g_assert_cmpuint (gloss_sidecar_get_problems (gloss_session_get_sidecar (session))->len, >, 0);
}

static void
test_cancelled_open (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossSession) session = NULL;

  g_cancellable_cancel (cancellable);
  session = gloss_session_new (f->article, "alice", cancellable, &error);
  g_assert_null (session);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

/* The done mark is metadata: no undo step, but an unsaved change that
 * autosave writes; unset, it leaves the file; refused while read-only. */
static void
test_done (Fixture       *f,
           gconstpointer  data)
{
  GlossAnnotationSet *set;
  guint64 serial;
  guint notified = 0;

  open_saved_session (f, 30);
  set = gloss_session_get_annotations (f->session);
  g_signal_connect (f->session, "notify::done", G_CALLBACK (count_notify), &notified);
  g_assert_false (gloss_session_get_done (f->session));
  g_assert_false (file_contains (f->sidecar_file, "\"done\""));
  serial = gloss_annotation_set_get_change_serial (set);

  g_assert_true (gloss_session_set_done (f->session, TRUE));
  g_assert_true (gloss_session_get_done (f->session));
  g_assert_cmpuint (notified, ==, 1);
  g_assert_true (gloss_session_has_unsaved_changes (f->session));
  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_PENDING);
  /* not an annotation edit: the set (and its undo history) did not see it */
  g_assert_cmpuint (gloss_annotation_set_get_change_serial (set), ==, serial);
  wait_for (state (f) == GLOSS_SAVE_STATE_SAVED);
  g_assert_true (file_contains (f->sidecar_file, "\"done\": true"));
  g_assert_false (gloss_session_has_unsaved_changes (f->session));
  assert_disk_is_ours (f);

  /* setting it again changes nothing */
  g_assert_true (gloss_session_set_done (f->session, TRUE));
  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_SAVED);
  g_assert_cmpuint (notified, ==, 1);

  g_assert_true (gloss_session_set_done (f->session, FALSE));
  g_assert_cmpuint (notified, ==, 2);
  wait_for (state (f) == GLOSS_SAVE_STATE_SAVED);
  g_assert_false (file_contains (f->sidecar_file, "\"done\""));
  assert_disk_is_ours (f);
}

static void
test_done_read_only (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GBytes) corrupt = g_bytes_new_static ("{ \"format\": \"gloss\", oops\n", 27);

  write_bytes (f->sidecar_path, corrupt);
  open_session (f, 20);
  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_READ_ONLY);
  g_assert_false (gloss_session_set_done (f->session, TRUE));
  g_assert_false (gloss_session_get_done (f->session));
  g_assert_false (gloss_session_has_unsaved_changes (f->session));
}

/* Reloading in a worker thread
 * ------------------------------------------------------------------------ */

/* The version on disk, placed on the text anew: what the asynchronous
 * reload leaves in the sidecar is what a plain load of the file makes. */
static void
test_async_reload_same_as_load (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GBytes) theirs = NULL;
  g_autoptr(GBytes) stale = NULL;
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GlossSidecar) loaded = NULL;
  g_autoptr(GBytes) ours_text = NULL;
  g_autoptr(GBytes) loaded_text = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GlossSidecar *sidecar;
  const GlossAnchorReport *ours, *expected;
  char *sha;

  open_saved_session (f, 20);
  sidecar = gloss_session_get_sidecar (f->session);

  /* Saved for another text (its hash changed): re-anchored on reading. */
  theirs = other_version (f, "organization", "port authority");
  text = g_strndup (g_bytes_get_data (theirs, NULL), g_bytes_get_size (theirs));
  sha = strstr (text, "\"sha256\": \"");
  g_assert_nonnull (sha);
  sha += strlen ("\"sha256\": \"");
  memset (sha, '0', 64);
  stale = g_bytes_new (text, strlen (text));
  write_bytes (f->sidecar_path, stale);
  wait_for (gloss_session_get_external_change (f->session));

  g_assert_true (reload (f, &error));
  g_assert_no_error (error);

  document = gloss_document_new_from_file (f->article, NULL, &error);
  g_assert_no_error (error);
  loaded = gloss_sidecar_new_for_document (document, "alice");
  g_assert_true (gloss_sidecar_load (loaded, gloss_session_get_labels (f->session), NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (gloss_sidecar_get_state (sidecar), ==, gloss_sidecar_get_state (loaded));
  g_assert_true (gloss_sidecar_was_reanchored (sidecar));
  g_assert_true (gloss_sidecar_was_reanchored (loaded));
  ours = gloss_sidecar_get_anchor_report (sidecar);
  expected = gloss_sidecar_get_anchor_report (loaded);
  g_assert_cmpmem (ours, sizeof *ours, expected, sizeof *expected);
  g_assert_cmpuint (gloss_sidecar_get_problems (sidecar)->len, ==,
                    gloss_sidecar_get_problems (loaded)->len);
  g_assert_cmpuint (gloss_sidecar_get_problems (sidecar)->len, ==, 1);
  g_assert_cmpstr (gloss_sidecar_get_annotator_name (sidecar), ==, "Alice on another machine");
  g_assert_cmpstr (gloss_sidecar_get_disk_sha256 (sidecar), ==, gloss_sidecar_get_disk_sha256 (loaded));
  ours_text = gloss_sidecar_serialize (sidecar);
  loaded_text = gloss_sidecar_serialize (loaded);
  g_assert_true (g_bytes_equal (ours_text, loaded_text));
  g_assert_false (gloss_sidecar_is_dirty (sidecar));
  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_SAVED);
  g_assert_cmpuint (f->n_problems_changed, ==, 1);

  /* What was read is what the monitor knows: nothing reported, nothing
   * written. */
  spin (QUIET_MS);
  g_assert_false (gloss_session_get_external_change (f->session));
  g_assert_cmpuint (count_states (f, GLOSS_SAVE_STATE_SAVING), ==, 1);
}

/* An edit made while the reload reads wins: the reload is given up, and
 * the version on disk is kept beside ours, as for an edit made instead
 * of reloading. */
static void
test_async_reload_edit_wins (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GBytes) theirs = NULL;
  g_autoptr(GBytes) kept = NULL;
  Reloaded reloaded;

  open_saved_session (f, 20);
  theirs = other_version (f, "organization", "port authority");
  write_bytes (f->sidecar_path, theirs);
  wait_for (gloss_session_get_external_change (f->session));

  reload_async (f, &reloaded);
  edit (f, "person", "Zoë Núñez");
  wait_for (reloaded.done);
  g_assert_false (reloaded.ok);
  g_assert_error (reloaded.error, GLOSS_ERROR, GLOSS_ERROR_INCONSISTENT);
  g_clear_error (&reloaded.error);
  g_assert_cmpuint (gloss_annotation_set_get_n_annotations (gloss_session_get_annotations (f->session)), ==, 2);

  wait_for (f->n_conflicts == 1);
  wait_for (state (f) == GLOSS_SAVE_STATE_SAVED && !is_dirty (f));
  kept = read_bytes (f->conflict);
  g_assert_true (g_bytes_equal (kept, theirs));
  assert_disk_is_ours (f);
  g_assert_true (file_contains (f->sidecar_file, "Zoë Núñez"));
  g_assert_false (gloss_session_get_external_change (f->session));
}

/* Reloaded until what is shown is the newest version on disk. */
static void
reload_until_settled (Fixture *f)
{
  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(GError) error = NULL;

      /* The monitor may not have said so yet. */
      spin (QUIET_MS);
      if (!gloss_session_get_external_change (f->session))
        return;
      g_assert_true (reload (f, &error));
      g_assert_no_error (error);
    }

  g_assert_not_reached ();
}

/* Somebody writes again while a reload reads: the second version is
 * what the session ends up with, nothing of ours is written. */
static void
test_async_reload_newest_wins (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GBytes) disk = NULL;
  GlossAnnotationSet *set;
  GlossAnnotation *annotation;
  Reloaded reloaded, superseded;

  open_saved_session (f, 20);
  set = gloss_session_get_annotations (f->session);
  first = other_version (f, "organization", "port authority");
  second = other_version (f, "person", "Zoë Núñez");

  write_bytes (f->sidecar_path, first);
  wait_for (gloss_session_get_external_change (f->session));
  reload_async (f, &reloaded);
  write_bytes (f->sidecar_path, second);
  wait_for (reloaded.done);
  g_assert_no_error (reloaded.error);
  reload_until_settled (f);

  g_assert_cmpuint (gloss_annotation_set_get_n_annotations (set), ==, 1);
  annotation = g_list_model_get_item (G_LIST_MODEL (set), 0);
  g_assert_cmpstr (gloss_annotation_get_exact (annotation), ==, "Zoë Núñez");
  g_object_unref (annotation);
  disk = read_bytes (f->sidecar_file);
  g_assert_true (g_bytes_equal (disk, second));
  g_assert_cmpuint (f->n_conflicts, ==, 0);
  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_SAVED);

  /* Asked twice: the first is dropped, the second reads. */
  write_bytes (f->sidecar_path, first);
  wait_for (gloss_session_get_external_change (f->session));
  reload_async (f, &superseded);
  reload_async (f, &reloaded);
  wait_for (superseded.done && reloaded.done);
  g_assert_error (superseded.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&superseded.error);
  g_assert_no_error (reloaded.error);
  annotation = g_list_model_get_item (G_LIST_MODEL (set), 0);
  g_assert_cmpstr (gloss_annotation_get_exact (annotation), ==, "port authority");
  g_object_unref (annotation);
  g_assert_false (gloss_session_get_external_change (f->session));
}

/* Closed while a reload reads: it is cancelled, nothing is taken or
 * written, and the session goes cleanly. */
static void
on_closed_flag (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  gboolean *closed = user_data;

  g_assert_true (gloss_session_close_finish (GLOSS_SESSION (object), result, NULL));
  *closed = TRUE;
}

static void
test_async_reload_closed (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GBytes) theirs = NULL;
  g_autoptr(GBytes) disk = NULL;
  Reloaded reloaded;
  gboolean closed = FALSE;

  open_saved_session (f, 20);
  theirs = other_version (f, "organization", "port authority");
  write_bytes (f->sidecar_path, theirs);
  wait_for (gloss_session_get_external_change (f->session));

  reload_async (f, &reloaded);
  gloss_session_close_async (f->session, NULL, on_closed_flag, &closed);
  g_assert_false (gloss_session_is_reloading (f->session));
  wait_for (reloaded.done && closed);
  g_assert_error (reloaded.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&reloaded.error);

  /* Ours still shown; theirs on disk untouched. */
  g_assert_true (file_contains (f->sidecar_file, "port authority"));
  g_assert_cmpuint (gloss_annotation_set_get_n_annotations (gloss_session_get_annotations (f->session)), ==, 1);
  g_assert_cmpuint (f->n_problems_changed, ==, 0);

  /* Dropped: the tear-down waits for it to be finalized. */
  spin (QUIET_MS);
  disk = read_bytes (f->sidecar_file);
  g_assert_true (g_bytes_equal (disk, theirs));
  g_assert_cmpuint (count_files (f->dir), ==, 2);
}

static void
count_items_changed (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     guint      *n)
{
  (*n)++;
}

/* The hand-over a reload uses: the other set's contents, every index with
 * them, one items-changed; ours left in the other set. */
static void
test_set_take_contents (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GlossAnnotationSet) shown = NULL;
  g_autoptr(GlossAnnotationSet) loaded = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) speakers = NULL;
  g_autoptr(GError) error = NULL;
  GlossAnnotation *old, *quote, *person;
  guint n_changed = 0;

  document = gloss_document_new_from_file (f->article, NULL, &error);
  g_assert_no_error (error);
  shown = gloss_annotation_set_new (document);
  loaded = gloss_annotation_set_new (document);

  old = annotate (shown, "organization", "port authority");
  g_assert_true (gloss_annotation_set_can_undo (shown));
  quote = annotate (loaded, "quote", "“We are not leaving,”");
  person = annotate (loaded, "person", "Zoë Núñez");
  g_assert_nonnull (gloss_annotation_set_add_relation (loaded, GLOSS_RELATION_SPEAKER,
                                                       gloss_annotation_get_id (quote),
                                                       gloss_annotation_get_id (person), &error));
  g_assert_no_error (error);

  g_signal_connect (shown, "items-changed", G_CALLBACK (count_items_changed), &n_changed);
  gloss_annotation_set_take_contents (shown, loaded);

  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_cmpuint (gloss_annotation_set_get_n_annotations (shown), ==, 2);
  g_assert_true (gloss_annotation_set_lookup (shown, gloss_annotation_get_id (quote)) == quote);
  g_assert_null (gloss_annotation_set_lookup (shown, gloss_annotation_get_id (old)));
  found = gloss_annotation_set_at_offset (shown, gloss_annotation_get_start (person));
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_true (g_ptr_array_index (found, 0) == person);
  speakers = gloss_annotation_set_relations_of (shown, gloss_annotation_get_id (quote));
  g_assert_cmpuint (speakers->len, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (gloss_annotation_set_get_relations (shown)), ==, 1);
  g_assert_false (gloss_annotation_set_can_undo (shown));

  /* Ours went to the other set. */
  g_assert_cmpuint (gloss_annotation_set_get_n_annotations (loaded), ==, 1);
  g_assert_true (gloss_annotation_set_lookup (loaded, gloss_annotation_get_id (old)) == old);
  g_assert_cmpuint (g_list_model_get_n_items (gloss_annotation_set_get_relations (loaded)), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = g_dir_make_tmp ("gloss-test-session-data-XXXXXX", NULL);
  int status;

  /* Recovery copies go to $XDG_DATA_HOME/gloss/recovered: a private one,
   * set before GLib reads it (G_TEST_OPTION_ISOLATE_DIRS leaks in 2.74). */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/session/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("new-article", test_new_article);
  ADD ("default-delay", test_default_delay);
  ADD ("autosave", test_autosave);
  ADD ("save-now", test_save_now);
  ADD ("done", test_done);
  ADD ("done-read-only", test_done_read_only);
  ADD ("quick-edits-one-write", test_quick_edits_one_write);
  ADD ("steady-edits-written", test_steady_edits_written);
  ADD ("edit-during-save", test_edit_during_save);
  ADD ("own-save-ignored", test_own_save_ignored);
  ADD ("own-save-written-into", test_own_save_written_into);
  ADD ("external-change-clean", test_external_change_clean);
  ADD ("conflict", test_conflict);
  ADD ("conflict-name-taken", test_conflict_name_taken);
  ADD ("edit-after-external-change", test_edit_after_external_change);
  ADD ("deleted-on-disk", test_deleted_on_disk);
  ADD ("deleted-then-reload", test_deleted_then_reload);
  ADD ("corrupt-read-only", test_corrupt_read_only);
  ADD ("reload-fails", test_reload_fails);
  ADD ("newer-version-read-only", test_newer_version_read_only);
  ADD ("write-error", test_write_error);
  ADD ("write-error-explicit-retry", test_write_error_explicit_retry);
  ADD ("close-flushes", test_close_flushes);
  ADD ("close-waits-for-write", test_close_waits_for_write);
  ADD ("close-clean", test_close_clean);
  ADD ("dispose-saves", test_dispose_saves);
  ADD ("new-async", test_new_async);
  ADD ("document-first", test_document_first);
  ADD ("open-errors", test_open_errors);
  ADD ("cancelled-open", test_cancelled_open);
  ADD ("one-session-per-sidecar", test_one_session_per_sidecar);
  ADD ("registry", test_registry);
  ADD ("copies", test_copies);
  ADD ("flush-all", test_flush_all);
  ADD ("flush-all-recovery", test_flush_all_recovery);
  ADD ("write-protected", test_write_protected);
  ADD ("edited-elsewhere", test_edited_elsewhere);
  ADD ("stale-lock", test_stale_lock);
  ADD ("taken-over", test_taken_over);
  ADD ("read-only-set", test_read_only_set);
  ADD ("failed-sidecar-set-read-only", test_failed_sidecar_set_read_only);
  ADD ("slow-writer", test_slow_writer);
  ADD ("other-version-not-json", test_other_version_not_json);
  ADD ("article-changed", test_article_changed);
  ADD ("flush-all-read-only", test_flush_all_read_only);
  ADD ("reload-article-gone", test_reload_article_gone);

  /* The same through gloss_session_reload_async(). */
#define ADD_ASYNC(path, func) \
  g_test_add ("/session/async/" path, Fixture, GINT_TO_POINTER (TRUE), fixture_set_up, func, fixture_tear_down)

  ADD_ASYNC ("external-change-clean", test_external_change_clean);
  ADD_ASYNC ("deleted-then-reload", test_deleted_then_reload);
  ADD_ASYNC ("corrupt-read-only", test_corrupt_read_only);
  ADD_ASYNC ("reload-fails", test_reload_fails);
  ADD_ASYNC ("taken-over", test_taken_over);
  ADD_ASYNC ("read-only-set", test_read_only_set);
  ADD_ASYNC ("failed-sidecar-set-read-only", test_failed_sidecar_set_read_only);
  ADD_ASYNC ("article-changed", test_article_changed);
  ADD_ASYNC ("reload-article-gone", test_reload_article_gone);
  ADD_ASYNC ("same-as-load", test_async_reload_same_as_load);
  ADD_ASYNC ("edit-wins", test_async_reload_edit_wins);
  ADD_ASYNC ("newest-wins", test_async_reload_newest_wins);
  ADD_ASYNC ("closed", test_async_reload_closed);
  ADD ("reload-same-as-load", test_async_reload_same_as_load);
  ADD ("set-take-contents", test_set_take_contents);

#undef ADD_ASYNC
#undef ADD

  status = g_test_run ();
  gloss_test_remove_tree (data_home);
  return status;
}
