/* test-session-suggestions.c — the session's suggestions file: loaded with
 * the sidecar, written when it changes, never written after a failed
 * load, read again when it changes on disk without losing a decision
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "gloss.h"
#include "gloss-session.h"
#include "gloss-test-utils.h"

#define TIMEOUT_MS 5000
#define wait_for(expr) gloss_test_wait_for_ms (expr, TIMEOUT_MS)
#define spin(ms) gloss_test_spin (ms)
/* Longer than the session's debounce (100 ms) plus an event's way. */
#define QUIET_MS 500

static const char article_text[] =
  "Harbour talks stall\n"
  "\n"
  "“We are not leaving,” said Zoë Núñez, the union’s spokeswoman. "
  "The port authority said it would meet Zoë Núñez on Friday, and "
  "the Harbour Board agreed.\n";

typedef struct
{
  char          *dir;
  GFile         *article;
  GFile         *sidecar_file;
  GFile         *suggestions_file;
  char          *suggestions_path;
  GlossSession  *session;
  GlossDocument *document;   /* the article, for making suggestions */
} Fixture;

/* Helpers
 * ------------------------------------------------------------------------ */

static GBytes *
read_bytes (GFile *file)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = g_file_load_bytes (file, NULL, NULL, &error);

  g_assert_no_error (error);
  return bytes;
}

static gboolean
file_contains (GFile      *file,
               const char *needle)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;

  if (!g_file_query_exists (file, NULL))
    return FALSE;

  bytes = read_bytes (file);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  return strstr (text, needle) != NULL;
}

/* The span of the @nth (from 0) occurrence of @exact. */
static void
find_span (GlossDocument *document,
           const char    *exact,
           guint          nth,
           guint         *start,
           guint         *end)
{
  const char *text = gloss_document_get_text (document);
  const char *found = strstr (text, exact);

  for (guint i = 0; i < nth && found != NULL; i++)
    found = strstr (found + 1, exact);
  g_assert_nonnull (found);

  *start = gloss_document_byte_to_offset (document, found - text);
  *end = gloss_document_byte_to_offset (document, found - text + strlen (exact));
}

static GlossSuggestion *
make_suggestion (GlossDocument *document,
                 const char    *source,
                 const char    *label,
                 const char    *exact,
                 guint          nth)
{
  guint start, end;

  find_span (document, exact, nth, &start, &end);
  return gloss_suggestion_new (source, label, start, end, exact);
}

/* What gloss-cli suggest does: the file on disk read, a run of @source
 * merged into it, written. @exacts: NULL-terminated texts, each suggested
 * as a person at its first occurrence, or "2:" + text for the second. */
static void
run_source (Fixture            *f,
            const char         *source,
            const char * const *exacts)
{
  g_autoptr(GlossSuggestionFile) file = gloss_suggestion_file_new_for_document (f->document, "alice");
  g_autoptr(GlossAnnotationSet) none = gloss_annotation_set_new (f->document);
  g_autoptr(GPtrArray) run = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_suggestion_file_load (file, NULL, &error));
  g_assert_no_error (error);

  for (guint i = 0; exacts[i] != NULL; i++)
    {
      const char *exact = exacts[i];
      guint nth = 0;

      if (g_str_has_prefix (exact, "2:"))
        {
          exact += 2;
          nth = 1;
        }
      g_ptr_array_add (run, make_suggestion (f->document, source, "person", exact, nth));
    }

  g_assert_true (gloss_suggestion_file_merge_run (file, source, run, none, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_suggestion_file_save (file, &error));
  g_assert_no_error (error);
}

/* The suggestions file as another program would read it now. */
static GlossSuggestionFile *
read_disk_suggestions (Fixture *f)
{
  GlossSuggestionFile *file = gloss_suggestion_file_new_for_document (f->document, "alice");
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_suggestion_file_load (file, NULL, &error));
  g_assert_no_error (error);
  return file;
}

static guint
count_listed (GlossSuggestionFile *file)
{
  return g_list_model_get_n_items (gloss_suggestion_file_get_suggestions (file));
}

static guint
count_disk_listed (Fixture *f)
{
  g_autoptr(GlossSuggestionFile) file = read_disk_suggestions (f);

  return count_listed (file);
}

/* The listed suggestion whose text is @exact, @nth occurrence. */
static GlossSuggestion *
find_listed (GlossSuggestionFile *file,
             const char          *exact,
             guint                nth)
{
  GListModel *list = gloss_suggestion_file_get_suggestions (file);
  GlossDocument *document = gloss_suggestion_file_get_document (file);
  guint start, end;

  find_span (document, exact, nth, &start, &end);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GlossSuggestion) item = g_list_model_get_item (list, i);

      if (gloss_suggestion_get_start (item) == start && gloss_suggestion_get_end (item) == end)
        return item;   /* the list holds it */
    }

  return NULL;
}

/* Whether the file rejected the proposal "person" at @exact. */
static gboolean
is_rejected (GlossSuggestionFile *file,
             const char          *exact,
             guint                nth)
{
  g_autoptr(GlossSuggestion) probe = make_suggestion (gloss_suggestion_file_get_document (file),
                                                      "import", "person", exact, nth);

  return gloss_suggestion_file_is_rejected (file, probe);
}

static gboolean
disk_rejected (Fixture    *f,
               const char *exact,
               guint       nth)
{
  g_autoptr(GlossSuggestionFile) file = read_disk_suggestions (f);

  return is_rejected (file, exact, nth);
}

static GlossSuggestionFile *
suggestions (Fixture *f)
{
  return gloss_session_get_suggestions (f->session);
}

static GlossSaveState
state (Fixture *f)
{
  return gloss_session_get_save_state (f->session);
}

/* An explicit save, and its writes landed (the suggestions file is
 * written in a worker thread, as the sidecar is). */
static void
save_and_wait (Fixture *f)
{
  gloss_session_save (f->session);
  wait_for (state (f) != GLOSS_SAVE_STATE_SAVING);
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
}

/* Drops the session and waits until it is gone (it writes what is
 * unsaved as it goes). */
static void
close_session (Fixture *f)
{
  g_object_add_weak_pointer (G_OBJECT (f->session), (gpointer *) &f->session);
  g_object_unref (f->session);
  wait_for (f->session == NULL);
}

/* Two suggestions on disk before the session opens: Zoë Núñez twice. */
static void
write_two (Fixture *f)
{
  static const char * const exacts[] = { "Zoë Núñez", "2:Zoë Núñez", NULL };

  run_source (f, "same-text", exacts);
  g_assert_cmpuint (count_disk_listed (f), ==, 2);
}

static GlossAnnotation *
accept (Fixture         *f,
        GlossSuggestion *suggestion)
{
  g_autoptr(GError) error = NULL;
  GlossAnnotation *annotation;

  annotation = gloss_suggestion_file_accept (suggestions (f), suggestion, NULL,
                                             gloss_session_get_annotations (f->session), &error);
  g_assert_no_error (error);
  g_assert_nonnull (annotation);
  return annotation;
}

static void
reject (Fixture         *f,
        GlossSuggestion *suggestion)
{
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (suggestion);
  g_assert_true (gloss_session_reject_suggestion (f->session, suggestion, &error));
  g_assert_no_error (error);
}

/* Fixture
 * ------------------------------------------------------------------------ */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *article_path = NULL;
  g_autofree char *sidecar_path = NULL;

  f->dir = g_dir_make_tmp ("gloss-test-session-suggestions-XXXXXX", &error);
  g_assert_no_error (error);

  article_path = g_build_filename (f->dir, "talks.txt", NULL);
  g_file_set_contents (article_path, article_text, -1, &error);
  g_assert_no_error (error);
  f->article = g_file_new_for_path (article_path);

  sidecar_path = g_build_filename (f->dir, "talks.txt.alice.gloss.json", NULL);
  f->sidecar_file = g_file_new_for_path (sidecar_path);
  f->suggestions_path = g_build_filename (f->dir, "talks.txt.alice.suggestions.json", NULL);
  f->suggestions_file = g_file_new_for_path (f->suggestions_path);

  f->document = gloss_document_new_from_file (f->article, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->session != NULL)
    close_session (f);

  /* A test may have made the file read-only. */
  g_chmod (f->suggestions_path, 0644);
  gloss_test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
  g_clear_pointer (&f->suggestions_path, g_free);
  g_clear_object (&f->article);
  g_clear_object (&f->sidecar_file);
  g_clear_object (&f->suggestions_file);
  g_clear_object (&f->document);
}

/* Loading
 * ------------------------------------------------------------------------ */

static void
test_missing (Fixture       *f,
              gconstpointer  data)
{
  GlossSuggestionFile *property = NULL;
  char *message = (char *) "unset";

  open_session (f, 0);

  g_assert_nonnull (suggestions (f));
  g_assert_cmpuint (count_listed (suggestions (f)), ==, 0);
  g_assert_null (gloss_session_get_suggestions_error (f->session));
  g_assert_false (gloss_suggestion_file_is_read_only (suggestions (f)));
  g_assert_true (g_file_equal (gloss_suggestion_file_get_file (suggestions (f)), f->suggestions_file));
  g_assert_cmpstr (gloss_suggestion_file_get_annotator_id (suggestions (f)), ==, "alice");

  g_object_get (f->session, "suggestions", &property, "suggestions-error", &message, NULL);
  g_assert_true (property == suggestions (f));
  g_assert_null (message);
  g_object_unref (property);

  /* Nothing to write: no file is made. */
  gloss_session_save (f->session);
  spin (100);
  g_assert_false (g_file_query_exists (f->suggestions_file, NULL));
  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_SAVED);
}

static void
test_loaded (Fixture       *f,
             gconstpointer  data)
{
  write_two (f);
  open_session (f, 0);

  g_assert_cmpuint (count_listed (suggestions (f)), ==, 2);
  g_assert_null (gloss_session_get_suggestions_error (f->session));
  g_assert_nonnull (find_listed (suggestions (f), "Zoë Núñez", 1));
  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_SAVED);
}

typedef struct
{
  GlossSession  *session;
  GlossDocument *early;
} Opened;

static void
on_opened (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Opened *opened = user_data;
  g_autoptr(GError) error = NULL;

  opened->session = gloss_session_new_finish (result, &error);
  g_assert_no_error (error);
}

static void
on_document (GlossDocument      *document,
             GlossAnnotationSet *head,
             gpointer            user_data)
{
  Opened *opened = user_data;

  if (opened->early == NULL)
    opened->early = g_object_ref (document);
}

static void
test_loaded_async (Fixture       *f,
                   gconstpointer  data)
{
  Opened opened = { NULL, NULL };

  write_two (f);

  gloss_session_new_async (f->article, "alice", NULL, on_opened, &opened);
  wait_for (opened.session != NULL);
  g_assert_cmpuint (count_listed (gloss_session_get_suggestions (opened.session)), ==, 2);
  g_clear_object (&opened.session);

  gloss_session_new_with_document_async (f->article, "alice", on_document, &opened, NULL,
                                         NULL, on_opened, &opened);
  wait_for (opened.session != NULL);
  g_assert_nonnull (opened.early);
  g_assert_cmpuint (count_listed (gloss_session_get_suggestions (opened.session)), ==, 2);
  g_assert_true (gloss_suggestion_file_get_document (gloss_session_get_suggestions (opened.session))
                 == gloss_session_get_document (opened.session));

  f->session = g_steal_pointer (&opened.session);
  g_clear_object (&opened.early);
}

/* A broken suggestions file: read-only with a located message, never
 * written, and the annotations as usable as ever. */
static void
test_broken (Fixture       *f,
             gconstpointer  data)
{
  static const char broken[] = "{\n  \"format\": \"gloss-suggestions\",\n  \"version\": 1,\n  oops\n}\n";
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossSuggestion) probe = NULL;
  g_autoptr(GPtrArray) failures = NULL;
  const char *message;

  g_assert_true (g_file_set_contents (f->suggestions_path, broken, -1, NULL));
  before = read_bytes (f->suggestions_file);
  open_session (f, 0);

  g_assert_nonnull (suggestions (f));
  g_assert_true (gloss_suggestion_file_is_read_only (suggestions (f)));
  g_assert_cmpuint (gloss_suggestion_file_get_problems (suggestions (f))->len, >, 0);
  message = gloss_session_get_suggestions_error (f->session);
  g_assert_nonnull (message);
  /* Located: the file and the line. */
  g_assert_nonnull (strstr (message, "talks.txt.alice.suggestions.json"));
  g_assert_nonnull (strstr (message, "line 4, column 3"));

  /* Nothing can be decided on it. */
  probe = make_suggestion (f->document, "same-text", "person", "Zoë Núñez", 0);
  g_assert_false (gloss_session_reject_suggestion (f->session, probe, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (gloss_session_unreject_suggestion (f->session, probe, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_READ_ONLY);
  g_clear_error (&error);

  /* The annotations are editable and saved. */
  g_assert_false (gloss_annotation_set_get_read_only (gloss_session_get_annotations (f->session)));
  {
    guint start, end;

    find_span (f->document, "Zoë Núñez", 0, &start, &end);
    g_assert_nonnull (gloss_annotation_set_create (gloss_session_get_annotations (f->session),
                                                   "person", start, end, &error));
    g_assert_no_error (error);
  }
  wait_for (state (f) == GLOSS_SAVE_STATE_SAVED);
  g_assert_true (file_contains (f->sidecar_file, "Zoë Núñez"));
  g_assert_null (gloss_session_get_save_error (f->session));

  /* Never written over: not by a save, a flush or closing. */
  gloss_session_save (f->session);
  failures = gloss_session_flush_all ();
  g_assert_cmpuint (failures->len, ==, 0);
  close_session (f);
  after = read_bytes (f->suggestions_file);
  g_assert_true (g_bytes_equal (before, after));
}

/* Saving
 * ------------------------------------------------------------------------ */

/* An accept edits the annotations and the suggestions: the autosave
 * writes both. */
static void
test_accept_autosave (Fixture       *f,
                      gconstpointer  data)
{
  GlossSuggestion *first;

  write_two (f);
  open_session (f, 0);
  first = find_listed (suggestions (f), "Zoë Núñez", 0);
  accept (f, first);
  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_PENDING);

  wait_for (state (f) == GLOSS_SAVE_STATE_SAVED);
  g_assert_true (file_contains (f->sidecar_file, "\"suggestion\""));
  g_assert_true (file_contains (f->sidecar_file, "same-text"));
  g_assert_cmpuint (count_disk_listed (f), ==, 1);
  g_assert_false (gloss_suggestion_file_is_dirty (suggestions (f)));
}

/* A rejection is written by the autosave and is there after reopening. */
static void
test_reject_survives (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  write_two (f);
  open_session (f, 0);
  reject (f, find_listed (suggestions (f), "Zoë Núñez", 1));
  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_PENDING);

  wait_for (state (f) == GLOSS_SAVE_STATE_SAVED);
  g_assert_true (disk_rejected (f, "Zoë Núñez", 1));
  g_assert_cmpuint (count_disk_listed (f), ==, 1);
  /* Only the suggestions changed: no sidecar was made for it. */
  g_assert_false (g_file_query_exists (f->sidecar_file, NULL));

  close_session (f);
  open_session (f, 0);
  g_assert_true (is_rejected (suggestions (f), "Zoë Núñez", 1));
  g_assert_cmpuint (count_listed (suggestions (f)), ==, 1);
  g_assert_null (find_listed (suggestions (f), "Zoë Núñez", 1));

  /* A rejection taken back is written too. */
  {
    g_autoptr(GlossSuggestion) again = make_suggestion (f->document, "same-text", "person",
                                                        "Zoë Núñez", 1);

    g_assert_true (gloss_session_unreject_suggestion (f->session, again, &error));
    g_assert_no_error (error);
  }
  wait_for (state (f) == GLOSS_SAVE_STATE_SAVED);
  g_assert_false (disk_rejected (f, "Zoë Núñez", 1));
  g_assert_cmpuint (count_disk_listed (f), ==, 2);
}

/* Not in the list: refused, nothing written. */
static void
test_reject_unknown (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossSuggestion) stranger = NULL;

  open_session (f, 0);
  stranger = make_suggestion (f->document, "same-text", "person", "Harbour Board", 0);
  g_assert_false (gloss_session_reject_suggestion (f->session, stranger, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND);
  spin (100);
  g_assert_false (g_file_query_exists (f->suggestions_file, NULL));
}

/* Undoing an accept lists the suggestion again, and that is written;
 * redoing takes it out again. */
static void
test_undo_accept (Fixture       *f,
                  gconstpointer  data)
{
  GlossAnnotationSet *set;
  g_autoptr(GError) error = NULL;

  write_two (f);
  open_session (f, 0);
  set = gloss_session_get_annotations (f->session);
  accept (f, find_listed (suggestions (f), "Zoë Núñez", 0));
  wait_for (state (f) == GLOSS_SAVE_STATE_SAVED);
  g_assert_cmpuint (count_disk_listed (f), ==, 1);

  g_assert_true (gloss_annotation_set_undo (set, &error));
  g_assert_no_error (error);
  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_PENDING);
  wait_for (state (f) == GLOSS_SAVE_STATE_SAVED);
  g_assert_cmpuint (count_disk_listed (f), ==, 2);
  g_assert_false (file_contains (f->sidecar_file, "\"suggestion\""));

  g_assert_true (gloss_annotation_set_redo (set, &error));
  g_assert_no_error (error);
  wait_for (state (f) == GLOSS_SAVE_STATE_SAVED);
  g_assert_cmpuint (count_disk_listed (f), ==, 1);
  g_assert_true (file_contains (f->sidecar_file, "\"suggestion\""));
}

/* The annotation an accept made, deleted by hand: the correction is a
 * rejection, written to the suggestions file with the sidecar's edit. */
static void
test_correct_accept (Fixture       *f,
                     gconstpointer  data)
{
  GlossAnnotationSet *set;
  GlossAnnotation *made;
  g_autoptr(GError) error = NULL;

  write_two (f);
  open_session (f, 0);
  set = gloss_session_get_annotations (f->session);
  made = accept (f, find_listed (suggestions (f), "Zoë Núñez", 0));
  wait_for (state (f) == GLOSS_SAVE_STATE_SAVED);

  g_assert_true (gloss_annotation_set_remove (set, made, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_suggestion_file_is_dirty (suggestions (f)));
  wait_for (state (f) == GLOSS_SAVE_STATE_SAVED);
  g_assert_true (disk_rejected (f, "Zoë Núñez", 0));
  g_assert_cmpuint (count_disk_listed (f), ==, 1);
  g_assert_false (file_contains (f->sidecar_file, "\"suggestion\""));
}

/* Only the suggestions changed: an explicit save and closing write them
 * at once, whatever the delay. */
static void
test_save_and_close (Fixture       *f,
                     gconstpointer  data)
{
  write_two (f);
  open_session (f, 60 * 1000);

  reject (f, find_listed (suggestions (f), "Zoë Núñez", 0));
  spin (100);
  g_assert_false (disk_rejected (f, "Zoë Núñez", 0));
  gloss_session_save (f->session);
  /* Written in a worker thread: saving until it has landed. */
  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_SAVING);
  wait_for (state (f) == GLOSS_SAVE_STATE_SAVED);
  g_assert_true (disk_rejected (f, "Zoë Núñez", 0));

  reject (f, find_listed (suggestions (f), "Zoë Núñez", 1));
  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_PENDING);
  close_session (f);
  g_assert_true (disk_rejected (f, "Zoë Núñez", 1));
}

static void
on_closed (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  gboolean *closed = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_session_close_finish (GLOSS_SESSION (object), result, &error));
  g_assert_no_error (error);
  *closed = TRUE;
}

static void
test_close_async (Fixture       *f,
                  gconstpointer  data)
{
  gboolean closed = FALSE;
  g_autoptr(GPtrArray) failures = NULL;

  write_two (f);
  open_session (f, 60 * 1000);
  reject (f, find_listed (suggestions (f), "Zoë Núñez", 0));
  gloss_session_close_async (f->session, NULL, on_closed, &closed);
  wait_for (closed);
  g_assert_true (disk_rejected (f, "Zoë Núñez", 0));

  /* And flushing at a signal. */
  reject (f, find_listed (suggestions (f), "Zoë Núñez", 1));
  failures = gloss_session_flush_all ();
  g_assert_cmpuint (failures->len, ==, 0);
  g_assert_true (disk_rejected (f, "Zoë Núñez", 1));
  g_assert_false (gloss_suggestion_file_is_dirty (suggestions (f)));
}

/* A change made while the suggestions file is being written (in a
 * worker thread) is not in that write: the file stays dirty and the
 * session pending, and the next save writes it. */
static void
test_changed_while_writing (Fixture       *f,
                            gconstpointer  data)
{
  write_two (f);
  open_session (f, 60 * 1000);

  reject (f, find_listed (suggestions (f), "Zoë Núñez", 0));
  gloss_session_save (f->session);
  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_SAVING);
  reject (f, find_listed (suggestions (f), "Zoë Núñez", 1));
  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_SAVING);
  wait_for (state (f) != GLOSS_SAVE_STATE_SAVING);

  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_PENDING);
  g_assert_true (gloss_suggestion_file_is_dirty (suggestions (f)));
  g_assert_true (disk_rejected (f, "Zoë Núñez", 0));
  g_assert_false (disk_rejected (f, "Zoë Núñez", 1));

  save_and_wait (f);
  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_SAVED);
  g_assert_false (gloss_suggestion_file_is_dirty (suggestions (f)));
  g_assert_true (disk_rejected (f, "Zoë Núñez", 1));
}

static void
unreject_first (Fixture *f)
{
  /* The entry itself, borrowed: unreject() holds it while it goes. */
  GlossSuggestion *entry = g_ptr_array_index (gloss_suggestion_file_get_rejected (suggestions (f)), 0);

  g_assert_true (gloss_suggestion_file_unreject (suggestions (f), entry, NULL));
}

/* Closing, or flushing at a signal, while a write is in flight: it lands
 * first, then what changed meanwhile is written. */
static void
test_close_while_writing (Fixture       *f,
                          gconstpointer  data)
{
  gboolean closed = FALSE;
  g_autoptr(GPtrArray) failures = NULL;

  write_two (f);
  open_session (f, 60 * 1000);

  reject (f, find_listed (suggestions (f), "Zoë Núñez", 0));
  gloss_session_save (f->session);
  reject (f, find_listed (suggestions (f), "Zoë Núñez", 1));
  gloss_session_close_async (f->session, NULL, on_closed, &closed);
  wait_for (closed);
  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_SAVED);
  g_assert_true (disk_rejected (f, "Zoë Núñez", 0));
  g_assert_true (disk_rejected (f, "Zoë Núñez", 1));

  unreject_first (f);
  gloss_session_save (f->session);
  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_SAVING);
  unreject_first (f);
  failures = gloss_session_flush_all ();
  g_assert_cmpuint (failures->len, ==, 0);
  g_assert_false (gloss_suggestion_file_is_dirty (suggestions (f)));
  g_assert_false (disk_rejected (f, "Zoë Núñez", 0));
  g_assert_false (disk_rejected (f, "Zoë Núñez", 1));
  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_SAVED);
}

typedef struct
{
  gboolean  done;
  GError   *error;
} Closed;

static void
on_closed_with_error (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  Closed *closed = user_data;

  gloss_session_close_finish (GLOSS_SESSION (object), result, &closed->error);
  closed->done = TRUE;
}

/* A write that fails shows like the sidecar's, naming the file, and is
 * retried. */
static void
test_write_error (Fixture       *f,
                  gconstpointer  data)
{
  Closed closed = { FALSE, NULL };
  g_autoptr(GPtrArray) failures = NULL;

  write_two (f);
  g_assert_cmpint (g_chmod (f->suggestions_path, 0444), ==, 0);
  open_session (f, 0);

  reject (f, find_listed (suggestions (f), "Zoë Núñez", 0));
  wait_for (state (f) == GLOSS_SAVE_STATE_ERROR);
  g_assert_nonnull (gloss_session_get_save_error (f->session));
  g_assert_nonnull (strstr (gloss_session_get_save_error (f->session),
                            "talks.txt.alice.suggestions.json"));
  g_assert_false (disk_rejected (f, "Zoë Núñez", 0));

  failures = gloss_session_flush_all ();
  g_assert_cmpuint (failures->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (failures, 0), "suggestions.json"));

  /* Closing says so, rather than dropping the rejection. */
  gloss_session_close_async (f->session, NULL, on_closed_with_error, &closed);
  wait_for (closed.done);
  g_assert_nonnull (closed.error);
  g_assert_nonnull (strstr (closed.error->message, "suggestions.json"));
  g_clear_error (&closed.error);
  g_assert_true (gloss_suggestion_file_is_dirty (suggestions (f)));

  /* Fixed: the next save writes it. */
  g_assert_cmpint (g_chmod (f->suggestions_path, 0644), ==, 0);
  gloss_session_save (f->session);
  wait_for (state (f) == GLOSS_SAVE_STATE_SAVED);
  g_assert_null (gloss_session_get_save_error (f->session));
  g_assert_true (disk_rejected (f, "Zoë Núñez", 0));

  closed.done = FALSE;
  gloss_session_close_async (f->session, NULL, on_closed_with_error, &closed);
  wait_for (closed.done);
  g_assert_no_error (closed.error);
}

/* A read-only session writes no suggestions either. */
static void
test_read_only_session (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  write_two (f);
  /* A sidecar that fails to load makes the session read-only. */
  g_assert_true (g_file_set_contents (g_file_peek_path (f->sidecar_file), "{ not json", -1, NULL));
  before = read_bytes (f->suggestions_file);
  open_session (f, 0);

  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_READ_ONLY);
  g_assert_false (gloss_session_reject_suggestion (f->session,
                                                   find_listed (suggestions (f), "Zoë Núñez", 0),
                                                   &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_READ_ONLY);
  close_session (f);
  after = read_bytes (f->suggestions_file);
  g_assert_true (g_bytes_equal (before, after));
}

/* Made read-only (chmod a-w on the sidecar) with a rejection not written
 * yet: closing says so; writable again, it is written. */
static void
test_read_only_later (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *sidecar_path = g_file_get_path (f->sidecar_file);
  Closed closed = { FALSE, NULL };
  guint start, end;
  g_autoptr(GError) error = NULL;

  write_two (f);
  open_session (f, 0);
  find_span (f->document, "Harbour Board", 0, &start, &end);
  g_assert_nonnull (gloss_annotation_set_create (gloss_session_get_annotations (f->session),
                                                 "organization", start, end, &error));
  g_assert_no_error (error);
  wait_for (state (f) == GLOSS_SAVE_STATE_SAVED);
  gloss_session_set_autosave_delay (f->session, 60 * 1000);

  reject (f, find_listed (suggestions (f), "Zoë Núñez", 0));
  g_assert_cmpint (g_chmod (sidecar_path, 0444), ==, 0);
  wait_for (gloss_session_get_read_only_reason (f->session) != NULL);
  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_READ_ONLY);

  gloss_session_close_async (f->session, NULL, on_closed_with_error, &closed);
  wait_for (closed.done);
  g_assert_error (closed.error, G_IO_ERROR, G_IO_ERROR_READ_ONLY);
  g_clear_error (&closed.error);
  g_assert_false (disk_rejected (f, "Zoë Núñez", 0));

  /* The autosave takes it up again by itself. */
  gloss_session_set_autosave_delay (f->session, 0);
  g_assert_cmpint (g_chmod (sidecar_path, 0644), ==, 0);
  wait_for (gloss_session_get_read_only_reason (f->session) == NULL);
  wait_for (state (f) == GLOSS_SAVE_STATE_SAVED);
  g_assert_true (disk_rejected (f, "Zoë Núñez", 0));
}

/* Changes on disk
 * ------------------------------------------------------------------------ */

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *n_changes)
{
  (*n_changes)++;
}

/* Our own write is not taken for somebody else's. */
static void
test_own_write_quiet (Fixture       *f,
                      gconstpointer  data)
{
  guint n_changes = 0;

  write_two (f);
  open_session (f, 0);
  g_signal_connect (gloss_suggestion_file_get_suggestions (suggestions (f)), "items-changed",
                    G_CALLBACK (on_items_changed), &n_changes);

  reject (f, find_listed (suggestions (f), "Zoë Núñez", 0));
  g_assert_cmpuint (n_changes, ==, 1);
  wait_for (state (f) == GLOSS_SAVE_STATE_SAVED);
  spin (QUIET_MS);
  g_assert_cmpuint (n_changes, ==, 1);
  g_assert_true (is_rejected (suggestions (f), "Zoë Núñez", 0));
  g_assert_false (gloss_suggestion_file_is_dirty (suggestions (f)));

  g_signal_handlers_disconnect_by_data (gloss_suggestion_file_get_suggestions (suggestions (f)),
                                        &n_changes);
}

static void
count_notify (guint *n)
{
  (*n)++;
}

/* gloss-cli suggest while the article is open, nothing of ours unsaved:
 * its run is read into the same object. */
static void
test_external_change (Fixture       *f,
                      gconstpointer  data)
{
  static const char * const board[] = { "Harbour Board", NULL };
  GlossSuggestionFile *file;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  guint n_notified = 0;

  write_two (f);
  open_session (f, 0);
  file = suggestions (f);

  run_source (f, "import", board);
  wait_for (count_listed (suggestions (f)) == 3);
  g_assert_true (suggestions (f) == file);
  g_assert_nonnull (find_listed (file, "Harbour Board", 0));
  g_assert_false (gloss_suggestion_file_is_dirty (file));

  /* Read, not written back. */
  before = read_bytes (f->suggestions_file);
  spin (QUIET_MS);
  after = read_bytes (f->suggestions_file);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_SAVED);

  /* Broken on disk: read-only with its message; fixed: usable again. */
  g_signal_connect_swapped (f->session, "notify::suggestions-error",
                            G_CALLBACK (count_notify), &n_notified);
  g_assert_true (g_file_set_contents (f->suggestions_path, "{ \"format\": 1 }\n", -1, NULL));
  wait_for (gloss_session_get_suggestions_error (f->session) != NULL);
  g_assert_cmpuint (n_notified, ==, 1);
  g_assert_true (gloss_suggestion_file_is_read_only (file));
  g_assert_cmpuint (count_listed (file), ==, 0);
  g_assert_false (g_unlink (f->suggestions_path) != 0);
  wait_for (gloss_session_get_suggestions_error (f->session) == NULL);
  g_assert_cmpuint (n_notified, ==, 2);
  g_assert_false (gloss_suggestion_file_is_read_only (file));
  run_source (f, "import", board);
  wait_for (count_listed (file) == 1);
  g_signal_handlers_disconnect_by_data (f->session, &n_notified);
}

/* gloss-cli suggest while a rejection of ours is not written yet: theirs
 * is taken, and our rejection kept and written with it. */
static void
test_external_change_unsaved (Fixture       *f,
                              gconstpointer  data)
{
  static const char * const board[] = { "Harbour Board", NULL };
  static const char * const again[] = { "Zoë Núñez", "2:Zoë Núñez", "port authority", NULL };
  GlossSuggestionFile *file;

  write_two (f);
  open_session (f, 60 * 1000);
  file = suggestions (f);

  reject (f, find_listed (file, "Zoë Núñez", 0));
  g_assert_true (gloss_suggestion_file_is_dirty (file));

  /* Another source, and the same source run again suggesting what we
   * rejected (the file it read did not say so yet). */
  run_source (f, "import", board);
  run_source (f, "same-text", again);
  wait_for (find_listed (file, "port authority", 0) != NULL);
  g_assert_nonnull (find_listed (file, "Harbour Board", 0));
  g_assert_nonnull (find_listed (file, "Zoë Núñez", 1));
  g_assert_null (find_listed (file, "Zoë Núñez", 0));
  g_assert_true (is_rejected (file, "Zoë Núñez", 0));
  g_assert_cmpuint (count_listed (file), ==, 3);

  /* Written with theirs. */
  save_and_wait (f);
  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_SAVED);
  g_assert_true (disk_rejected (f, "Zoë Núñez", 0));
  g_assert_cmpuint (count_disk_listed (f), ==, 3);
}

/* The same when the autosave comes before the monitor has reported their
 * version: it is read first, never written over. */
static void
test_external_change_unreported (Fixture       *f,
                                 gconstpointer  data)
{
  static const char * const board[] = { "Harbour Board", NULL };

  write_two (f);
  open_session (f, 60 * 1000);

  reject (f, find_listed (suggestions (f), "Zoë Núñez", 0));
  run_source (f, "import", board);
  /* No main-loop turn between: the monitor has not looked yet. */
  save_and_wait (f);
  g_assert_true (disk_rejected (f, "Zoë Núñez", 0));
  g_assert_cmpuint (count_disk_listed (f), ==, 2);
  {
    g_autoptr(GlossSuggestionFile) disk = read_disk_suggestions (f);

    g_assert_nonnull (find_listed (disk, "Harbour Board", 0));
  }
}

/* A rejection made elsewhere (another Gloss, a git pull) while ours is
 * unsaved: both kept. */
static void
test_rejection_elsewhere (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GlossSuggestionFile *file;

  write_two (f);
  open_session (f, 60 * 1000);
  file = suggestions (f);
  reject (f, find_listed (file, "Zoë Núñez", 0));

  {
    g_autoptr(GlossSuggestionFile) other = read_disk_suggestions (f);

    g_assert_true (gloss_suggestion_file_reject (other, find_listed (other, "Zoë Núñez", 1), &error));
    g_assert_no_error (error);
    g_assert_true (gloss_suggestion_file_save (other, &error));
    g_assert_no_error (error);
  }

  wait_for (is_rejected (file, "Zoë Núñez", 1));
  g_assert_true (is_rejected (file, "Zoë Núñez", 0));
  g_assert_cmpuint (count_listed (file), ==, 0);
  save_and_wait (f);
  g_assert_true (disk_rejected (f, "Zoë Núñez", 0));
  g_assert_true (disk_rejected (f, "Zoë Núñez", 1));
}

/* A rejection made elsewhere of a suggestion we do not list (their run,
 * then their rejection): remembered here too. */
static void
test_rejection_elsewhere_unlisted (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GlossSuggestionFile *file;

  write_two (f);
  open_session (f, 60 * 1000);
  file = suggestions (f);
  reject (f, find_listed (file, "Zoë Núñez", 0));

  {
    g_autoptr(GlossSuggestionFile) other = read_disk_suggestions (f);
    g_autoptr(GlossAnnotationSet) none = gloss_annotation_set_new (f->document);
    g_autoptr(GPtrArray) run = g_ptr_array_new_with_free_func (g_object_unref);

    /* One write: their run and their rejection of it. */
    g_ptr_array_add (run, make_suggestion (f->document, "import", "person", "Harbour Board", 0));
    g_assert_true (gloss_suggestion_file_merge_run (other, "import", run, none, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (gloss_suggestion_file_reject (other, find_listed (other, "Harbour Board", 0), &error));
    g_assert_no_error (error);
    g_assert_true (gloss_suggestion_file_save (other, &error));
    g_assert_no_error (error);
  }

  wait_for (is_rejected (file, "Harbour Board", 0));
  g_assert_null (find_listed (file, "Harbour Board", 0));
  g_assert_true (is_rejected (file, "Zoë Núñez", 0));
  g_assert_cmpuint (count_listed (file), ==, 1);
  save_and_wait (f);
  g_assert_true (disk_rejected (f, "Harbour Board", 0));
  g_assert_true (disk_rejected (f, "Zoë Núñez", 0));
  g_assert_cmpuint (count_disk_listed (f), ==, 1);
}

/* The same for a tie rejected elsewhere: a tie's proposal has no label. */
static void
test_tie_rejected_elsewhere (Fixture       *f,
                             gconstpointer  data)
{
  static const char * const tie[] = { "person", "organization", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossSuggestion) board = NULL;
  GlossSuggestionFile *file;

  write_two (f);
  open_session (f, 60 * 1000);
  file = suggestions (f);
  reject (f, find_listed (file, "Zoë Núñez", 0));

  board = make_suggestion (f->document, "same-text", NULL, "Harbour Board", 0);
  gloss_suggestion_set_tie (board, tie);
  {
    g_autoptr(GlossSuggestionFile) other = read_disk_suggestions (f);
    g_autoptr(GlossAnnotationSet) none = gloss_annotation_set_new (f->document);
    g_autoptr(GPtrArray) run = g_ptr_array_new ();

    g_ptr_array_add (run, board);
    g_ptr_array_add (run, find_listed (other, "Zoë Núñez", 0));
    g_ptr_array_add (run, find_listed (other, "Zoë Núñez", 1));
    g_assert_true (gloss_suggestion_file_merge_run (other, "same-text", run, none, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (gloss_suggestion_file_reject (other, board, &error));
    g_assert_no_error (error);
    g_assert_true (gloss_suggestion_file_save (other, &error));
    g_assert_no_error (error);
  }

  wait_for (gloss_suggestion_file_is_rejected (file, board));
  g_assert_true (is_rejected (file, "Zoë Núñez", 0));
  g_assert_cmpuint (count_listed (file), ==, 1);
  save_and_wait (f);
  {
    g_autoptr(GlossSuggestionFile) disk = read_disk_suggestions (f);

    g_assert_true (gloss_suggestion_file_is_rejected (disk, board));
    g_assert_true (is_rejected (disk, "Zoë Núñez", 0));
    g_assert_cmpuint (gloss_suggestion_file_get_rejected (disk)->len, ==, 2);
  }
}

/* Deleted on disk while ours is unsaved: our rejection is written back,
 * alone. */
static void
test_deleted_unsaved (Fixture       *f,
                      gconstpointer  data)
{
  GlossSuggestionFile *file;

  write_two (f);
  open_session (f, 60 * 1000);
  file = suggestions (f);
  reject (f, find_listed (file, "Zoë Núñez", 0));

  g_assert_cmpint (g_unlink (f->suggestions_path), ==, 0);
  wait_for (count_listed (file) == 0);
  g_assert_true (is_rejected (file, "Zoë Núñez", 0));
  save_and_wait (f);
  g_assert_true (disk_rejected (f, "Zoë Núñez", 0));
  g_assert_cmpuint (count_disk_listed (f), ==, 0);
}

/* Unreadable on disk while ours is unsaved: not written over, ours kept
 * in memory, and written once theirs is readable again. */
static void
test_broken_unsaved (Fixture       *f,
                     gconstpointer  data)
{
  static const char * const board[] = { "Harbour Board", NULL };
  static const char garbage[] = "{ \"half\": \n";
  g_autoptr(GBytes) after = NULL;
  GlossSuggestionFile *file;

  write_two (f);
  open_session (f, 0);
  gloss_session_set_autosave_delay (f->session, 60 * 1000);
  file = suggestions (f);
  reject (f, find_listed (file, "Zoë Núñez", 0));

  g_assert_true (g_file_set_contents (f->suggestions_path, garbage, -1, NULL));
  /* Not JSON: reported once it has settled (a second). */
  wait_for (gloss_session_get_save_error (f->session) != NULL);
  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_ERROR);
  save_and_wait (f);
  after = read_bytes (f->suggestions_file);
  g_assert_cmpmem (g_bytes_get_data (after, NULL), g_bytes_get_size (after), garbage, strlen (garbage));
  g_assert_true (is_rejected (file, "Zoë Núñez", 0));

  g_assert_cmpint (g_unlink (f->suggestions_path), ==, 0);
  run_source (f, "import", board);
  wait_for (find_listed (file, "Harbour Board", 0) != NULL);
  save_and_wait (f);
  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_SAVED);
  g_assert_true (disk_rejected (f, "Zoë Núñez", 0));
}

static void
on_reloaded (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_session_reload_finish (GLOSS_SESSION (object), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

/* Reloading the sidecar (somebody else's version) keeps the suggestions
 * file, and what it follows. */
static void
test_sidecar_reload_keeps (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GlossSuggestionFile *file;

  write_two (f);
  open_session (f, 0);
  file = suggestions (f);
  accept (f, find_listed (file, "Zoë Núñez", 0));
  wait_for (state (f) == GLOSS_SAVE_STATE_SAVED);

  g_assert_true (gloss_session_reload (f->session, &error));
  g_assert_no_error (error);
  g_assert_true (suggestions (f) == file);
  g_assert_cmpuint (count_listed (file), ==, 1);
  g_assert_null (gloss_session_get_suggestions_error (f->session));
  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_SAVED);

  /* The same in a worker thread. */
  {
    gboolean reloaded = FALSE;

    gloss_session_reload_async (f->session, NULL, on_reloaded, &reloaded);
    wait_for (reloaded);
  }
  g_assert_true (suggestions (f) == file);
  g_assert_cmpuint (count_listed (file), ==, 1);
  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_SAVED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/session-suggestions/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("load/missing", test_missing);
  ADD ("load/there", test_loaded);
  ADD ("load/async", test_loaded_async);
  ADD ("load/broken", test_broken);
  ADD ("save/accept", test_accept_autosave);
  ADD ("save/reject-survives", test_reject_survives);
  ADD ("save/reject-unknown", test_reject_unknown);
  ADD ("save/undo-accept", test_undo_accept);
  ADD ("save/correct-accept", test_correct_accept);
  ADD ("save/save-and-close", test_save_and_close);
  ADD ("save/close-async", test_close_async);
  ADD ("save/changed-while-writing", test_changed_while_writing);
  ADD ("save/close-while-writing", test_close_while_writing);
  ADD ("save/write-error", test_write_error);
  ADD ("save/read-only-session", test_read_only_session);
  ADD ("save/read-only-later", test_read_only_later);
  ADD ("disk/own-write", test_own_write_quiet);
  ADD ("disk/external", test_external_change);
  ADD ("disk/external-unsaved", test_external_change_unsaved);
  ADD ("disk/external-unreported", test_external_change_unreported);
  ADD ("disk/rejection-elsewhere", test_rejection_elsewhere);
  ADD ("disk/rejection-elsewhere-unlisted", test_rejection_elsewhere_unlisted);
  ADD ("disk/tie-rejected-elsewhere", test_tie_rejected_elsewhere);
  ADD ("disk/deleted-unsaved", test_deleted_unsaved);
  ADD ("disk/broken-unsaved", test_broken_unsaved);
  ADD ("disk/sidecar-reload", test_sidecar_reload_keeps);

  return g_test_run ();
}
