/* test-suggester.c — the app's runs of the sources of suggestions: quotes
 * and same-text for a session's article in a worker, merged into its
 * suggestions file; follow mode after each mark; a read-only file never
 * touched; a cancelled run leaves the file as it was
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "gloss.h"
#include "gloss-test-utils.h"

/* Generous: a sanitizer build on a loaded machine. Never a timing
 * assertion, only how long to wait before calling it a failure. */
#define TIMEOUT_MS 30000
#define wait_for(expr) gloss_test_wait_for_ms (expr, TIMEOUT_MS)
/* Longer than the follow delay plus a run. */
#define QUIET_MS 800

static const char article_text[] =
  "Harbour talks stall\n"
  "\n"
  "“We are not leaving,” said Zoë Núñez, the union’s spokeswoman. "
  "The Harbour Board said it would meet Zoë Núñez on Friday, and "
  "the Harbour Board agreed.\n";

static const char other_text[] =
  "Port strike ends\n"
  "\n"
  "Zoë Núñez called the deal fair.\n";

typedef struct
{
  char           *dir;
  GFile          *article;
  char           *suggestions_path;
  GlossSession   *session;
  GlossSuggester *suggester;
  /* The last run's outcome. */
  gboolean        done;
  gboolean        ok;
  guint           n_added;
  GError         *error;
} Fixture;

/* Helpers
 * ------------------------------------------------------------------------ */

static GlossDocument *
document (Fixture *f)
{
  return gloss_session_get_document (f->session);
}

static GlossAnnotationSet *
annotations (Fixture *f)
{
  return gloss_session_get_annotations (f->session);
}

static GListModel *
listed (Fixture *f)
{
  return gloss_suggestion_file_get_suggestions (gloss_session_get_suggestions (f->session));
}

static void
find_span (GlossDocument *doc,
           const char    *exact,
           guint          nth,
           guint         *start,
           guint         *end)
{
  const char *text = gloss_document_get_text (doc);
  const char *found = strstr (text, exact);

  for (guint i = 0; i < nth && found != NULL; i++)
    found = strstr (found + 1, exact);
  g_assert_nonnull (found);

  *start = gloss_document_byte_to_offset (doc, found - text);
  *end = gloss_document_byte_to_offset (doc, found - text + strlen (exact));
}

/* The listed suggestion of @source at the @nth occurrence of @exact
 * (borrowed), or NULL. */
static GlossSuggestion *
find_listed (Fixture    *f,
             const char *source,
             const char *exact,
             guint       nth)
{
  GListModel *list = listed (f);
  guint start, end;

  find_span (document (f), exact, nth, &start, &end);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GlossSuggestion) item = g_list_model_get_item (list, i);

      if (gloss_suggestion_get_start (item) == start && gloss_suggestion_get_end (item) == end
          && strcmp (gloss_suggestion_get_source (item), source) == 0)
        return item;   /* the list holds it */
    }

  return NULL;
}

static guint
count_source (Fixture    *f,
              const char *source)
{
  GListModel *list = listed (f);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GlossSuggestion) item = g_list_model_get_item (list, i);

      if (strcmp (gloss_suggestion_get_source (item), source) == 0)
        n++;
    }

  return n;
}

static GlossAnnotation *
mark (Fixture    *f,
      const char *label,
      const char *exact,
      guint       nth)
{
  g_autoptr(GError) error = NULL;
  GlossAnnotation *annotation;
  guint start, end;

  find_span (document (f), exact, nth, &start, &end);
  annotation = gloss_annotation_set_create (annotations (f), label, start, end, &error);
  g_assert_no_error (error);
  g_assert_nonnull (annotation);
  return annotation;
}

static gboolean
file_contains (Fixture    *f,
               const char *needle)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents (f->suggestions_path, &text, NULL, NULL))
    return FALSE;
  return strstr (text, needle) != NULL;
}

static void
open_session (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->session = gloss_session_new (f->article, "alice", NULL, &error);
  g_assert_no_error (error);
  gloss_session_set_autosave_delay (f->session, 0);
  f->suggester = gloss_suggester_new (f->session);
  g_assert_true (gloss_suggester_get_session (f->suggester) == f->session);
}

static void
on_run_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Fixture *f = user_data;

  g_clear_error (&f->error);
  f->n_added = G_MAXUINT;
  f->ok = gloss_suggester_run_finish (GLOSS_SUGGESTER (source), result, &f->n_added, &f->error);
  f->done = TRUE;
}

static void
start_run (Fixture            *f,
           const char * const *sources,
           GCancellable       *cancellable)
{
  f->done = FALSE;
  gloss_suggester_run_async (f->suggester, sources, cancellable, on_run_done, f);
}

static void
run (Fixture            *f,
     const char * const *sources)
{
  start_run (f, sources, NULL);
  wait_for (f->done);
}

/* Fixture
 * ------------------------------------------------------------------------ */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *article_path = NULL;

  f->dir = g_dir_make_tmp ("gloss-test-suggester-XXXXXX", &error);
  g_assert_no_error (error);

  article_path = g_build_filename (f->dir, "talks.txt", NULL);
  g_file_set_contents (article_path, article_text, -1, &error);
  g_assert_no_error (error);
  f->article = g_file_new_for_path (article_path);
  f->suggestions_path = g_build_filename (f->dir, "talks.txt.alice.suggestions.json", NULL);
}

static void
close_session (GlossSession **session)
{
  g_object_add_weak_pointer (G_OBJECT (*session), (gpointer *) session);
  g_object_unref (*session);
  wait_for (*session == NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->suggester != NULL)
    {
      g_object_add_weak_pointer (G_OBJECT (f->suggester), (gpointer *) &f->suggester);
      g_object_unref (f->suggester);
      /* A run in flight holds it until it is done. */
      wait_for (f->suggester == NULL);
    }
  if (f->session != NULL)
    close_session (&f->session);

  gloss_test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
  g_clear_pointer (&f->suggestions_path, g_free);
  g_clear_object (&f->article);
  g_clear_error (&f->error);
}

/* Tests
 * ------------------------------------------------------------------------ */

/* Both sources: the quote and its speaker, and the other occurrence of a
 * marked text; merged into the session's file, which it writes. */
static void
test_run (Fixture       *f,
          gconstpointer  data)
{
  open_session (f);
  mark (f, "organization", "Harbour Board", 0);

  g_assert_false (gloss_suggester_is_running (f->suggester));
  start_run (f, NULL, NULL);
  g_assert_true (gloss_suggester_is_running (f->suggester));
  wait_for (f->done);
  g_assert_no_error (f->error);
  g_assert_true (f->ok);
  g_assert_false (gloss_suggester_is_running (f->suggester));

  g_assert_nonnull (find_listed (f, "quotes", "“We are not leaving,”", 0));
  g_assert_nonnull (find_listed (f, "same-text", "Harbour Board", 1));
  /* The marked one is not suggested again. */
  g_assert_null (find_listed (f, "same-text", "Harbour Board", 0));
  g_assert_cmpuint (f->n_added, ==, g_list_model_get_n_items (listed (f)));
  g_assert_cmpuint (f->n_added, >=, 2);

  /* The session writes the file. */
  wait_for (file_contains (f, "Harbour Board") && file_contains (f, "We are not leaving"));

  /* Again: nothing new, and the same runs are not merged again. */
  g_assert_cmpuint (gloss_suggester_get_n_merges_skipped (f->suggester), ==, 0);
  run (f, NULL);
  g_assert_true (f->ok);
  g_assert_cmpuint (f->n_added, ==, 0);
  g_assert_cmpuint (gloss_suggester_get_n_merges_skipped (f->suggester), ==, 2);

  /* The list changed since (a rejection): the same runs are merged
   * again, and the rejected one stays out. */
  {
    g_autoptr(GError) error = NULL;
    guint n = g_list_model_get_n_items (listed (f));

    g_assert_true (gloss_session_reject_suggestion (f->session,
                                                    find_listed (f, "same-text", "Harbour Board", 1),
                                                    &error));
    g_assert_no_error (error);
    run (f, NULL);
    g_assert_true (f->ok);
    g_assert_cmpuint (gloss_suggester_get_n_merges_skipped (f->suggester), ==, 2);
    g_assert_null (find_listed (f, "same-text", "Harbour Board", 1));
    g_assert_cmpuint (g_list_model_get_n_items (listed (f)), ==, n - 1);
  }
}

static void
test_one_source (Fixture       *f,
                 gconstpointer  data)
{
  static const char * const quotes[] = { "quotes", NULL };

  open_session (f);
  mark (f, "organization", "Harbour Board", 0);

  run (f, quotes);
  g_assert_true (f->ok);
  g_assert_cmpuint (count_source (f, "quotes"), >=, 1);
  g_assert_cmpuint (count_source (f, "same-text"), ==, 0);
}

static void
test_unknown_source (Fixture       *f,
                     gconstpointer  data)
{
  static const char * const import[] = { "import", NULL };

  open_session (f);
  run (f, import);
  g_assert_false (f->ok);
  g_assert_error (f->error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND);
  g_assert_cmpuint (g_list_model_get_n_items (listed (f)), ==, 0);
}

/* Marking "Harbour Board" lists its other occurrence; a rejected one
 * does not come back on the next run; undoing a mark takes its
 * suggestions out. */
static void
test_follow (Fixture       *f,
             gconstpointer  data)
{
  GlossSuggestion *other;
  guint runs;
  g_autoptr(GError) error = NULL;

  open_session (f);
  g_assert_false (gloss_suggester_get_follow (f->suggester));
  gloss_suggester_set_follow (f->suggester, TRUE);
  g_assert_true (gloss_suggester_get_follow (f->suggester));

  mark (f, "organization", "Harbour Board", 0);
  wait_for (find_listed (f, "same-text", "Harbour Board", 1) != NULL);
  wait_for (file_contains (f, "Harbour Board"));
  /* Follow runs same-text only. */
  g_assert_cmpuint (count_source (f, "quotes"), ==, 0);

  /* Rejected: the next run (after another mark) leaves it out. */
  other = find_listed (f, "same-text", "Harbour Board", 1);
  g_assert_true (gloss_session_reject_suggestion (f->session, other, &error));
  g_assert_no_error (error);
  runs = gloss_suggester_get_n_follow_runs (f->suggester);
  mark (f, "person", "Zoë Núñez", 0);
  wait_for (find_listed (f, "same-text", "Zoë Núñez", 1) != NULL);
  wait_for (gloss_suggester_get_n_follow_runs (f->suggester) > runs);
  g_assert_null (find_listed (f, "same-text", "Harbour Board", 1));

  /* The mark undone: its suggestion goes with it. */
  g_assert_true (gloss_annotation_set_undo (annotations (f), &error));
  g_assert_no_error (error);
  wait_for (find_listed (f, "same-text", "Zoë Núñez", 1) == NULL);
  g_assert_null (find_listed (f, "same-text", "Harbour Board", 1));

  /* Off: a mark lists nothing. */
  gloss_suggester_set_follow (f->suggester, FALSE);
  runs = gloss_suggester_get_n_follow_runs (f->suggester);
  mark (f, "person", "Zoë Núñez", 0);
  gloss_test_spin (QUIET_MS);
  g_assert_cmpuint (gloss_suggester_get_n_follow_runs (f->suggester), ==, runs);
  g_assert_null (find_listed (f, "same-text", "Zoë Núñez", 1));
}

/* A run that suggests nothing makes no file (follow mode would leave one
 * beside every article marked); one that takes suggestions back writes. */
static void
test_nothing (Fixture       *f,
              gconstpointer  data)
{
  static const char * const same_text[] = { "same-text", NULL };
  g_autoptr(GError) error = NULL;

  open_session (f);
  mark (f, "location", "Friday", 0);
  run (f, same_text);
  g_assert_true (f->ok);
  g_assert_cmpuint (f->n_added, ==, 0);
  gloss_test_spin (QUIET_MS);
  g_assert_false (g_file_test (f->suggestions_path, G_FILE_TEST_EXISTS));

  mark (f, "organization", "Harbour Board", 0);
  run (f, same_text);
  g_assert_cmpuint (f->n_added, ==, 1);
  wait_for (file_contains (f, "Harbour Board"));

  g_assert_true (gloss_annotation_set_undo (annotations (f), &error));
  run (f, same_text);
  g_assert_cmpuint (g_list_model_get_n_items (listed (f)), ==, 0);
  wait_for (!file_contains (f, "Harbour Board"));
}

/* A mark made while the worker runs: the run is made again on the new
 * snapshot, so its suggestion is in what is merged. */
static void
test_stale (Fixture       *f,
            gconstpointer  data)
{
  static const char * const same_text[] = { "same-text", NULL };

  open_session (f);
  start_run (f, same_text, NULL);
  /* The merge is this thread's: the worker cannot have been merged yet. */
  mark (f, "organization", "Harbour Board", 0);
  wait_for (f->done);
  g_assert_no_error (f->error);
  g_assert_nonnull (find_listed (f, "same-text", "Harbour Board", 1));
  g_assert_cmpuint (f->n_added, ==, 1);
}

/* A suggestions file that failed to load: refused, never written. */
static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  static const char broken[] = "{ \"format\": \"gloss-suggestions\", oops\n";
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_file_set_contents (f->suggestions_path, broken, -1, &error);
  g_assert_no_error (error);

  open_session (f);
  g_assert_nonnull (gloss_session_get_suggestions_error (f->session));
  g_assert_false (gloss_suggester_check_writable (f->suggester, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_READ_ONLY);

  mark (f, "organization", "Harbour Board", 0);
  run (f, NULL);
  g_assert_false (f->ok);
  g_assert_error (f->error, GLOSS_ERROR, GLOSS_ERROR_READ_ONLY);
  g_assert_false (gloss_suggester_is_running (f->suggester));

  /* Follow mode does not run at all. */
  gloss_suggester_set_follow (f->suggester, TRUE);
  mark (f, "person", "Zoë Núñez", 0);
  gloss_test_spin (QUIET_MS);
  g_assert_cmpuint (gloss_suggester_get_n_follow_runs (f->suggester), ==, 0);

  g_assert_cmpuint (g_list_model_get_n_items (listed (f)), ==, 0);
  g_assert_true (g_file_get_contents (f->suggestions_path, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, broken);
}

/* Cancelled before its merge: the file is as it was. */
static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  open_session (f);
  mark (f, "organization", "Harbour Board", 0);

  start_run (f, NULL, cancellable);
  g_cancellable_cancel (cancellable);
  wait_for (f->done);
  g_assert_false (f->ok);
  g_assert_error (f->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (gloss_suggester_is_running (f->suggester));

  gloss_test_spin (QUIET_MS);
  g_assert_cmpuint (g_list_model_get_n_items (listed (f)), ==, 0);
  g_assert_false (g_file_test (f->suggestions_path, G_FILE_TEST_EXISTS));

  /* Cancelled once the first source (quotes) is merged: it stays, the
   * second (same-text, merged a main-loop step later) is not. */
  {
    g_autoptr(GCancellable) later = g_cancellable_new ();

    start_run (f, NULL, later);
    wait_for (count_source (f, "quotes") > 0 || f->done);
    g_assert_false (f->done);
    g_cancellable_cancel (later);
    wait_for (f->done);
    g_assert_error (f->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_cmpuint (count_source (f, "same-text"), ==, 0);
    g_assert_cmpuint (count_source (f, "quotes"), >, 0);
  }
}

/* Same-text counts what the folder's other sidecars marked, as
 * `gloss-cli suggest` does. */
static void
test_corpus (Fixture       *f,
             gconstpointer  data)
{
  static const char * const same_text[] = { "same-text", NULL };
  g_autofree char *other_path = g_build_filename (f->dir, "strike.txt", NULL);
  g_autoptr(GFile) other = g_file_new_for_path (other_path);
  g_autoptr(GFile) folder = g_file_new_for_path (f->dir);
  g_autoptr(GlossSession) session = NULL;
  g_autoptr(GError) error = NULL;
  guint start, end;

  g_file_set_contents (other_path, other_text, -1, &error);
  g_assert_no_error (error);
  session = gloss_session_new (other, "bob", NULL, &error);
  g_assert_no_error (error);
  find_span (gloss_session_get_document (session), "Zoë Núñez", 0, &start, &end);
  g_assert_nonnull (gloss_annotation_set_create (gloss_session_get_annotations (session),
                                                 "person", start, end, &error));
  g_assert_no_error (error);
  close_session (&session);

  open_session (f);
  /* Without the folder: nothing marked here, nothing suggested. */
  run (f, same_text);
  g_assert_true (f->ok);
  g_assert_cmpuint (g_list_model_get_n_items (listed (f)), ==, 0);

  gloss_suggester_set_corpus_folder (f->suggester, folder);
  /* A run cancelled while the folder is read: the next one has it all. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();

    start_run (f, same_text, cancellable);
    g_cancellable_cancel (cancellable);
    wait_for (f->done);
    g_assert_error (f->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  }
  run (f, same_text);
  g_assert_no_error (f->error);
  g_assert_nonnull (find_listed (f, "same-text", "Zoë Núñez", 0));
  g_assert_nonnull (find_listed (f, "same-text", "Zoë Núñez", 1));
  g_assert_cmpuint (f->n_added, ==, 2);

  /* The index is kept: a mark here counts with it. */
  mark (f, "organization", "Harbour Board", 0);
  run (f, same_text);
  g_assert_nonnull (find_listed (f, "same-text", "Zoë Núñez", 1));
  g_assert_nonnull (find_listed (f, "same-text", "Harbour Board", 1));
}

/* The article opened through a link to its folder: its own sidecar, met
 * again by the folder's walk, is the session's (its marks on disk do not
 * vote beside those in memory). */
static void
test_corpus_link (Fixture       *f,
                  gconstpointer  data)
{
  static const char * const same_text[] = { "same-text", NULL };
  g_autofree char *link = g_build_filename (f->dir, "link", NULL);
  g_autofree char *linked_article = g_build_filename (link, "talks.txt", NULL);
  g_autofree char *sidecar_path = g_build_filename (f->dir, "talks.txt.alice.gloss.json", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (f->dir);
  g_autoptr(GError) error = NULL;
  GlossAnnotation *annotation;
  GlossSuggestion *other;

  g_assert_cmpint (symlink (".", link), ==, 0);
  g_clear_object (&f->article);
  f->article = g_file_new_for_path (linked_article);

  open_session (f);
  annotation = mark (f, "person", "Zoë Núñez", 0);
  wait_for (gloss_session_get_save_state (f->session) == GLOSS_SAVE_STATE_SAVED
            && g_file_test (sidecar_path, G_FILE_TEST_EXISTS));

  /* Relabelled, not written yet: the index is read from disk meanwhile. */
  gloss_session_set_autosave_delay (f->session, 100000);
  g_assert_true (gloss_annotation_set_change_label (annotations (f), annotation, "organization", &error));
  g_assert_no_error (error);

  gloss_suggester_set_corpus_folder (f->suggester, folder);
  run (f, same_text);
  g_assert_no_error (f->error);
  other = find_listed (f, "same-text", "Zoë Núñez", 1);
  g_assert_nonnull (other);
  g_assert_cmpstr (gloss_suggestion_get_label (other), ==, "organization");
}

static void
count_changes (GListModel *model,
               guint       position,
               guint       removed,
               guint       added,
               guint      *max_added)
{
  max_added[0] = MAX (max_added[0], added);
  max_added[1]++;
}

/* A run longer than GLOSS_SUGGESTER_MERGE_PART is merged in parts, one
 * per main-loop step, none putting in more than about a part; the list
 * ends as one merge would leave it, and the same run again is known. */
static void
test_parts (Fixture       *f,
            gconstpointer  data)
{
  static const char * const same_text[] = { "same-text", NULL };
  const guint n = GLOSS_SUGGESTER_MERGE_PART * 2 + 300;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  guint changes[2] = { 0, 0 };  /* the most put in at once, how many changes */
  gulong handler;

  for (guint i = 0; i < n; i++)
    g_string_append (text, "Lykos rose. ");
  g_file_set_contents (g_file_peek_path (f->article), text->str, -1, &error);
  g_assert_no_error (error);

  open_session (f);
  mark (f, "location", "Lykos", 0);
  handler = g_signal_connect (listed (f), "items-changed", G_CALLBACK (count_changes), changes);
  run (f, same_text);
  g_signal_handler_disconnect (listed (f), handler);

  g_assert_true (f->ok);
  g_assert_cmpuint (f->n_added, ==, n - 1);
  g_assert_cmpuint (g_list_model_get_n_items (listed (f)), ==, n - 1);
  g_assert_cmpuint (changes[1], >=, 3);
  g_assert_cmpuint (changes[0], <=, GLOSS_SUGGESTER_MERGE_PART);

  run (f, same_text);
  g_assert_true (f->ok);
  g_assert_cmpuint (f->n_added, ==, 0);
  g_assert_cmpuint (gloss_suggester_get_n_merges_skipped (f->suggester), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/suggester/run", test_run);
  ADD ("/suggester/one-source", test_one_source);
  ADD ("/suggester/parts", test_parts);
  ADD ("/suggester/unknown-source", test_unknown_source);
  ADD ("/suggester/follow", test_follow);
  ADD ("/suggester/stale", test_stale);
  ADD ("/suggester/nothing", test_nothing);
  ADD ("/suggester/read-only", test_read_only);
  ADD ("/suggester/cancel", test_cancel);
  ADD ("/suggester/corpus", test_corpus);
  ADD ("/suggester/corpus-link", test_corpus_link);

  return g_test_run ();
}
