/* test-done.c — marking an article as done in the main window
 *
 * Ctrl+D (win.toggle-done) sets the annotator's done mark: autosave writes
 * it into the sidecar, the corpus row shows it and the folder's progress
 * below the list counts it; marking again takes it back. A read-only
 * sidecar disables the action. The real window of the real application
 * under Xvfb, as in test-window.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "gloss-application.h"
#include "gloss-corpus-list-private.h"
#include "gloss-window-private.h"
#include "gloss-ui-test.h"

#define TIMEOUT_MS 20000  /* generous: CI machines are busy */
#define WAIT_FOR(condition) GLOSS_UI_TEST_WAIT_FOR (condition, TIMEOUT_MS)

static GlossApplication *app;

typedef struct
{
  char        *dir;
  GFile       *folder;
  GFile       *first;    /* shown first (by path) */
  GFile       *second;
  GFile       *sidecar;  /* the tester's, beside the first */
  GlossWindow *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = gloss_ui_test_make_tmp_dir ("gloss-test-done-XXXXXX");
  f->folder = g_file_new_for_path (f->dir);
  gloss_ui_test_write_file (f->folder, "a-first.txt", "The first article, to be finished today.\n", -1);
  gloss_ui_test_write_file (f->folder, "b-second.txt", "The second article, for tomorrow.\n", -1);
  f->first = g_file_get_child (f->folder, "a-first.txt");
  f->second = g_file_get_child (f->folder, "b-second.txt");
  f->sidecar = g_file_get_child (f->folder, "a-first.txt.tester.gloss.json");
  if (g_strcmp0 (data, "broken") == 0)
    gloss_ui_test_write_file (f->folder, "a-first.txt.tester.gloss.json", "{ \"format\": ", -1);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    gloss_ui_test_close_window (GTK_WINDOW (g_steal_pointer (&f->window)), TIMEOUT_MS);

  gloss_test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
  g_clear_object (&f->folder);
  g_clear_object (&f->first);
  g_clear_object (&f->second);
  g_clear_object (&f->sidecar);
}

static GlossCorpusList *
corpus_list (Fixture *f)
{
  return GLOSS_CORPUS_LIST (gloss_ui_test_find_of_type (GTK_WIDGET (f->window), GLOSS_TYPE_CORPUS_LIST));
}

static GlossSession *
session (Fixture *f)
{
  return gloss_window_get_session (f->window);
}

/* The folder, its first article shown and its list counted. */
static void
open_folder (Fixture *f)
{
  f->window = gloss_ui_test_open_window (app, f->folder, TIMEOUT_MS);
  WAIT_FOR (session (f) != NULL
            && g_file_equal (gloss_document_get_file (gloss_session_get_document (session (f))), f->first));
  WAIT_FOR (!gloss_corpus_list_get_loading (corpus_list (f)));
}

static GAction *
done_action (Fixture *f)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (f->window), "toggle-done");

  g_assert_nonnull (action);
  return action;
}

static gboolean
action_state (Fixture *f)
{
  g_autoptr(GVariant) state = g_action_get_state (done_action (f));

  return g_variant_get_boolean (state);
}

/* Ctrl+D, as the application maps it. Xvfb gives no way to type a key
 * in-process (tests/ui/test-e2e-keyboard.sh types real ones): the key's
 * action is looked up and activated as GTK does. */
static void
press_ctrl_d (Fixture *f)
{
  g_auto(GStrv) actions = gtk_application_get_actions_for_accel (GTK_APPLICATION (app), "<Control>d");

  g_assert_nonnull (actions);
  g_assert_cmpuint (g_strv_length (actions), ==, 1);
  g_assert_cmpstr (actions[0], ==, "win.toggle-done");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), actions[0], NULL));
}

static gboolean
saved (Fixture *f)
{
  return gloss_session_get_save_state (session (f)) == GLOSS_SAVE_STATE_SAVED;
}

static gboolean
sidecar_contains (Fixture    *f,
                  const char *needle)
{
  g_autofree char *text = gloss_ui_test_try_read_file (f->sidecar);

  return text != NULL && strstr (text, needle) != NULL;
}

static const char *
window_subtitle (Fixture *f)
{
  GtkWidget *title = gloss_ui_test_find_of_type (GTK_WIDGET (f->window), ADW_TYPE_WINDOW_TITLE);

  g_assert_nonnull (title);
  return adw_window_title_get_subtitle (ADW_WINDOW_TITLE (title));
}

static void
test_toggle (Fixture       *f,
             gconstpointer  data)
{
  GlossCorpusList *list;

  open_folder (f);
  list = corpus_list (f);
  g_assert_true (g_action_get_enabled (done_action (f)));
  g_assert_false (action_state (f));
  g_assert_false (gloss_corpus_list_get_article_done (list, f->first));
  g_assert_cmpstr (gloss_corpus_list_get_progress_text (list), ==, "0 of 2 articles done");
  g_assert_nonnull (gloss_ui_test_find_label (GTK_WIDGET (list), "0 of 2 articles done"));

  /* Marked: at once on screen, then on disk after the autosave. */
  press_ctrl_d (f);
  g_assert_true (gloss_session_get_done (session (f)));
  g_assert_true (action_state (f));
  g_assert_true (gloss_corpus_list_get_article_done (list, f->first));
  g_assert_cmpstr (gloss_corpus_list_get_progress_text (list), ==, "1 of 2 articles done");
  /* Said under the title too, for an article opened on its own. */
  g_assert_nonnull (strstr (window_subtitle (f), " — done — "));
  g_assert_true (gloss_session_has_unsaved_changes (session (f)));
  WAIT_FOR (saved (f) && sidecar_contains (f, "\"done\": true"));
  /* Not an annotation edit: nothing to undo. */
  g_assert_false (gloss_annotation_set_can_undo (gloss_session_get_annotations (session (f))));

  /* Taken back the same way. */
  press_ctrl_d (f);
  g_assert_false (gloss_session_get_done (session (f)));
  g_assert_false (action_state (f));
  g_assert_false (gloss_corpus_list_get_article_done (list, f->first));
  g_assert_cmpstr (gloss_corpus_list_get_progress_text (list), ==, "0 of 2 articles done");
  g_assert_null (strstr (window_subtitle (f), "done"));
  WAIT_FOR (saved (f) && !sidecar_contains (f, "\"done\""));
}

/* A sidecar that failed to load is never written: no marking it. */
static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  open_folder (f);
  g_assert_cmpint (gloss_session_get_save_state (session (f)), ==, GLOSS_SAVE_STATE_READ_ONLY);
  g_assert_false (g_action_get_enabled (done_action (f)));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.toggle-done", NULL);
  g_assert_false (gloss_session_get_done (session (f)));
  g_assert_false (action_state (f));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gloss_ui_test_init (&argc, &argv);

  if (!gloss_ui_test_init_gtk ())
    return g_test_run ();

  app = gloss_ui_test_application_new_held ();

#define ADD(path, func, kind) g_test_add (path, Fixture, kind, fixture_set_up, func, fixture_tear_down)
  ADD ("/done/toggle", test_toggle, NULL);
  ADD ("/done/read-only", test_read_only, "broken");

  status = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  return status;
}
