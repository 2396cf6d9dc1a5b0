/* test-welcome-page.c — the page a window shows before any article
 *
 * The page in a window of a small application that records what it is
 * asked to open: its buttons (mnemonics, the window's actions they run,
 * the one suggested), the recent list (only this app's articles and
 * folders that still exist, from a private GtkRecentManager; Alt+R;
 * choosing one opens it through the application), and Try the Sample
 * (a writable copy of a read-only sample, opened through the application;
 * a second try keeps what was annotated; a missing sample says so).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sys/stat.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "gloss-ui-test.h"
#include "gloss-welcome-page-private.h"

#define TIMEOUT_MS 20000  /* generous: CI machines are busy */

typedef struct
{
  char             *tmp;
  GtkRecentManager *recent;
  GtkWindow        *window;
  GlossWelcomePage *page;
  GPtrArray        *opened;        /* GFile, as the application was asked */
  guint             opens;         /* win.open */
  guint             open_folders;  /* win.open-folder */
  GPtrArray        *page_opened;   /* GFile, from ::open-file */
  gboolean          try_done;
  GFile            *try_copy;
} Fixture;

static GtkApplication *app;
static Fixture *current;  /* the application's ::open goes to the running test */

static void
on_app_open (GApplication *application,
             GFile       **files,
             int           n_files,
             const char   *hint,
             gpointer      user_data)
{
  for (int i = 0; i < n_files; i++)
    g_ptr_array_add (current->opened, g_object_ref (files[i]));
}

static void
on_win_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  Fixture *f = user_data;

  if (g_str_equal (g_action_get_name (G_ACTION (action)), "open"))
    f->opens++;
  else
    f->open_folders++;
}

static void
on_page_open_file (GlossWelcomePage *page,
                   GFile            *file,
                   Fixture          *f)
{
  g_ptr_array_add (f->page_opened, g_object_ref (file));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  static const GActionEntry win_actions[] = {
    { "open", on_win_action },
    { "open-folder", on_win_action },
  };
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autofree char *recent_path = NULL;

  current = f;
  f->tmp = gloss_ui_test_make_tmp_dir ("gloss-welcome-XXXXXX");
  f->opened = g_ptr_array_new_with_free_func (g_object_unref);
  f->page_opened = g_ptr_array_new_with_free_func (g_object_unref);

  /* A private list, never the person's own recently-used.xbel. */
  recent_path = g_build_filename (f->tmp, "recently-used.xbel", NULL);
  f->recent = g_object_new (GTK_TYPE_RECENT_MANAGER, "filename", recent_path, NULL);

  f->window = GTK_WINDOW (gtk_application_window_new (app));
  gtk_window_set_default_size (f->window, 720, 760);
  g_action_map_add_action_entries (G_ACTION_MAP (group), win_actions,
                                   G_N_ELEMENTS (win_actions), f);
  gtk_widget_insert_action_group (GTK_WIDGET (f->window), "win", G_ACTION_GROUP (group));

  f->page = g_object_new (GLOSS_TYPE_WELCOME_PAGE, "recent-manager", f->recent, NULL);
  g_signal_connect (f->page, "open-file", G_CALLBACK (on_page_open_file), f);
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  gloss_ui_test_present_and_wait (f->window, TIMEOUT_MS);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GtkWindow *dialog;

  while ((dialog = gloss_ui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL)
    gloss_ui_test_destroy_window (dialog, TIMEOUT_MS);
  gloss_ui_test_destroy_window (f->window, TIMEOUT_MS);
  g_clear_object (&f->recent);
  g_clear_object (&f->try_copy);
  g_clear_pointer (&f->opened, g_ptr_array_unref);
  g_clear_pointer (&f->page_opened, g_ptr_array_unref);
  gloss_test_remove_tree (f->tmp);
  g_free (f->tmp);
  current = NULL;
}

static GtkWidget *
find_button (Fixture    *f,
             const char *label)
{
  GtkWidget *button = gloss_ui_test_find_widget (GTK_WIDGET (f->page),
                                                 gloss_ui_test_is_button_with_label, label);

  g_assert_nonnull (button);
  return button;
}

/* Three buttons, each reached with its own Alt+key and by Tab, running
 * the window's Open… actions; the page says what Gloss is for. */
static void
test_buttons (Fixture       *f,
              gconstpointer  data)
{
  static const struct { const char *label; const char *action; } buttons[] = {
    { "_Open a File…", "win.open" },
    { "Open a _Folder…", "win.open-folder" },
    { "_Try the Sample", "welcome.try-sample" },
  };
  GString *keys = g_string_new (NULL);

  g_assert_nonnull (gloss_ui_test_find_label (GTK_WIDGET (f->page), "Annotate News Articles"));

  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      GtkWidget *button = find_button (f, buttons[i].label);
      const char *underscore = strchr (buttons[i].label, '_');

      g_assert_true (gtk_button_get_use_underline (GTK_BUTTON (button)));
      g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, buttons[i].action);
      g_assert_true (gtk_widget_get_focusable (button));
      g_assert_true (gtk_widget_is_sensitive (button));
      g_assert_true (gtk_widget_is_drawable (button));

      /* No two share a mnemonic. */
      g_assert_nonnull (underscore);
      g_assert_null (strchr (keys->str, g_ascii_tolower (underscore[1])));
      g_string_append_c (keys, g_ascii_tolower (underscore[1]));
    }
  g_string_free (keys, TRUE);

  g_signal_emit_by_name (find_button (f, "_Open a File…"), "clicked");
  g_assert_cmpuint (f->opens, ==, 1);
  g_assert_cmpuint (f->open_folders, ==, 0);
  g_signal_emit_by_name (find_button (f, "Open a _Folder…"), "clicked");
  g_assert_cmpuint (f->open_folders, ==, 1);

  /* The first day: nothing recent, the sample is the suggested start. */
  g_assert_cmpuint (gloss_welcome_page_get_n_recent (f->page), ==, 0);
  g_assert_false (gtk_widget_is_drawable (GTK_WIDGET (gloss_welcome_page_get_recent_list (f->page))));
  g_assert_true (gtk_widget_has_css_class (find_button (f, "_Try the Sample"), "suggested-action"));
  g_assert_false (gtk_widget_has_css_class (find_button (f, "_Open a File…"), "suggested-action"));

  gloss_ui_test_screenshot (GTK_WIDGET (f->window), "welcome-page-first-day.png", TIMEOUT_MS);
}

static void
add_recent (Fixture    *f,
            const char *path,
            const char *app_name)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *exec = g_strconcat (app_name, " %u", NULL);
  GtkRecentData recent = {
    .mime_type = (char *) (g_file_test (path, G_FILE_TEST_IS_DIR) ? "inode/directory" : "text/plain"),
    .app_name = (char *) app_name,
    .app_exec = exec,
  };

  g_assert_true (gtk_recent_manager_add_full (f->recent, uri, &recent));
}

static const char *
row_title (Fixture *f,
           int      index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (gloss_welcome_page_get_recent_list (f->page), index);

  g_assert_nonnull (row);
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
}

/* Only what this app opened, only articles and folders, only what is
 * still there; choosing one opens it through the application. */
static void
test_recent (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GFile) folder = gloss_ui_test_make_folder (f->tmp, "R&D corpus");
  g_autofree char *article = g_build_filename (f->tmp, "vote.txt", NULL);
  g_autofree char *gone = g_build_filename (f->tmp, "gone.txt", NULL);
  g_autofree char *pdf = g_build_filename (f->tmp, "notes.pdf", NULL);
  g_autofree char *other = g_build_filename (f->tmp, "other.txt", NULL);
  const char *me = g_get_application_name ();
  GtkListBox *list = gloss_welcome_page_get_recent_list (f->page);
  GtkListBoxRow *row;
  GFile *opened;
  int min_width = 0;

  g_assert_true (g_file_set_contents (article, "The council voted.\n", -1, NULL));
  g_assert_true (g_file_set_contents (gone, "Soon gone.\n", -1, NULL));
  g_assert_true (g_file_set_contents (pdf, "%PDF", -1, NULL));
  g_assert_true (g_file_set_contents (other, "Another app's.\n", -1, NULL));

  add_recent (f, g_file_peek_path (folder), me);
  add_recent (f, article, me);
  add_recent (f, gone, me);
  add_recent (f, pdf, me);
  add_recent (f, other, "someone-else");
  g_assert_cmpint (g_unlink (gone), ==, 0);

  GLOSS_UI_TEST_WAIT_FOR (gloss_welcome_page_get_n_recent (f->page) == 2, TIMEOUT_MS);
  gloss_ui_test_present_and_wait (f->window, TIMEOUT_MS);

  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (list)));
  g_assert_true ((g_str_equal (row_title (f, 0), "vote.txt") && g_str_equal (row_title (f, 1), "R&D corpus"))
                 || (g_str_equal (row_title (f, 1), "vote.txt") && g_str_equal (row_title (f, 0), "R&D corpus")));
  /* A name with & is shown as it is, not taken for markup. */
  row = gtk_list_box_get_row_at_index (list, 0);
  g_assert_false (adw_preferences_row_get_use_markup (ADW_PREFERENCES_ROW (row)));
  g_assert_true (gtk_list_box_row_get_activatable (row));

  /* Work to come back to: Open a File… is the suggested button now. */
  g_assert_true (gtk_widget_has_css_class (find_button (f, "_Open a File…"), "suggested-action"));
  g_assert_false (gtk_widget_has_css_class (find_button (f, "_Try the Sample"), "suggested-action"));

  /* Alt+R: the "_Recent" heading leads to the first row. */
  g_assert_true (gtk_widget_mnemonic_activate (gloss_ui_test_find_labelled (GTK_WIDGET (f->page), "_Recent"),
                                               FALSE));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) == GTK_WIDGET (row));

  gloss_ui_test_screenshot (GTK_WIDGET (f->window), "welcome-page-recent.png", TIMEOUT_MS);

  /* A phone-sized window still holds the page: it never forces the
   * window wider. */
  gtk_widget_measure (GTK_WIDGET (f->page), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  g_assert_cmpint (min_width, <=, 360);
  gtk_window_set_default_size (f->window, 360, 640);
  gloss_ui_test_screenshot (GTK_WIDGET (f->window), "welcome-page-narrow.png", TIMEOUT_MS);

  /* Chosen: ::open-file, then the application opens it. */
  row = gtk_list_box_get_row_at_index (list, 0);
  g_signal_emit_by_name (list, "row-activated", row);
  g_assert_cmpuint (f->page_opened->len, ==, 1);
  g_assert_cmpuint (f->opened->len, ==, 1);
  opened = g_ptr_array_index (f->opened, 0);
  g_assert_true (g_file_equal (opened, g_ptr_array_index (f->page_opened, 0)));
  g_assert_true (g_str_equal (g_file_peek_path (opened), article)
                 || g_file_equal (opened, folder));
}

static void
on_try_done (GFile    *copy,
             gpointer  user_data)
{
  Fixture *f = user_data;

  f->try_done = TRUE;
  g_set_object (&f->try_copy, copy);
}

static void
assert_writable_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_true ((st.st_mode & S_IWUSR) != 0);
}

/* A read-only sample (as installed) gives a writable copy, which the
 * application is asked to open. Root writes anything, so the copy's mode
 * bits are what is checked. */
static void
test_try_sample_copy (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *samples = g_build_filename (f->tmp, "installed", NULL);
  g_autofree char *destination = g_build_filename (f->tmp, "data", "gloss", "sample", NULL);
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint copied = 0;

  g_assert_cmpint (g_mkdir (samples, 0755), ==, 0);
  g_assert_cmpuint (gloss_ui_test_copy_samples (samples), >, 0);
  dir = g_dir_open (samples, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (samples, name, NULL);

      g_assert_cmpint (g_chmod (path, 0444), ==, 0);
    }
  g_clear_pointer (&dir, g_dir_close);
  g_assert_cmpint (g_chmod (samples, 0555), ==, 0);

  gloss_welcome_page_try_sample_full (f->window, samples, destination, on_try_done, f);
  GLOSS_UI_TEST_WAIT_FOR (f->try_done, TIMEOUT_MS);
  g_assert_cmpint (g_chmod (samples, 0755), ==, 0);

  g_assert_nonnull (f->try_copy);
  g_assert_cmpstr (g_file_peek_path (f->try_copy), ==, destination);
  g_assert_cmpuint (f->opened->len, ==, 1);
  g_assert_true (g_file_equal (g_ptr_array_index (f->opened, 0), f->try_copy));

  assert_writable_mode (destination);
  dir = g_dir_open (destination, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (destination, name, NULL);

      assert_writable_mode (path);
      g_assert_false (g_str_equal (name, "make-sidecars.py"));
      copied++;
    }
  g_assert_cmpuint (copied, >=, 3);
}

/* The button, as a person uses it: the installed sample (the source
 * tree's here) copied to $XDG_DATA_HOME/gloss/sample and opened; a second
 * try opens the same copy with what was annotated in it. */
static void
test_try_sample_button (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *destination = g_build_filename (g_get_user_data_dir (), "gloss", "sample", NULL);
  g_autofree char *mine = g_build_filename (destination, "harbour-bridge-vote.txt.tester.gloss.json", NULL);
  g_autofree char *contents = NULL;

  /* The wrapper's private data folder: never the person's own. */
  g_assert_nonnull (g_getenv ("XDG_DATA_HOME"));

  g_signal_emit_by_name (find_button (f, "_Try the Sample"), "clicked");
  g_assert_false (gtk_widget_is_sensitive (find_button (f, "_Try the Sample")));
  GLOSS_UI_TEST_WAIT_FOR (f->opened->len == 1, TIMEOUT_MS);
  g_assert_cmpstr (g_file_peek_path (g_ptr_array_index (f->opened, 0)), ==, destination);
  assert_writable_mode (destination);

  g_assert_true (g_file_set_contents (mine, "{\"mine\": true}\n", -1, NULL));

  g_signal_emit_by_name (find_button (f, "_Try the Sample"), "clicked");
  GLOSS_UI_TEST_WAIT_FOR (f->opened->len == 2, TIMEOUT_MS);
  g_assert_cmpstr (g_file_peek_path (g_ptr_array_index (f->opened, 1)), ==, destination);
  /* Greyed out only while a copy is made. */
  g_assert_true (gtk_widget_is_sensitive (find_button (f, "_Try the Sample")));
  g_assert_true (g_file_get_contents (mine, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "{\"mine\": true}\n");

  gloss_test_remove_tree (destination);
}

/* No sample installed: a dialog says where it was looked for, and
 * nothing is opened. */
static void
test_try_sample_missing (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *samples = g_build_filename (f->tmp, "not-installed", NULL);
  g_autofree char *destination = g_build_filename (f->tmp, "data", "gloss", "sample", NULL);
  GtkWindow *dialog;
  const char *body;

  gloss_welcome_page_try_sample_full (f->window, samples, destination, on_try_done, f);
  GLOSS_UI_TEST_WAIT_FOR (f->try_done, TIMEOUT_MS);

  g_assert_null (f->try_copy);
  g_assert_cmpuint (f->opened->len, ==, 0);
  g_assert_false (g_file_test (destination, G_FILE_TEST_EXISTS));

  dialog = gloss_ui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (dialog) == f->window);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "The Sample Could Not Be Opened");
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_assert_nonnull (strstr (body, samples));
}

typedef struct
{
  gboolean  done;
  GFile    *copy;
} TryState;

static void
on_try_state_done (GFile    *copy,
                   gpointer  user_data)
{
  TryState *state = user_data;

  state->done = TRUE;
  g_set_object (&state->copy, copy);
}

static gboolean
session_is_saved (GlossSession *session)
{
  return gloss_session_get_save_state (session) == GLOSS_SAVE_STATE_SAVED;
}

/* The real application as it runs (it opens files), but without a bus,
 * as annotator "tester". */
static GlossApplication *
new_gloss_application (void)
{
  GlossApplication *gloss_app = gloss_application_new ();
  g_autoptr(GError) error = NULL;

  g_application_set_flags (G_APPLICATION (gloss_app),
                           G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_assert_true (g_application_register (G_APPLICATION (gloss_app), NULL, &error));
  g_assert_no_error (error);
  g_settings_set_string (gloss_application_get_settings (gloss_app), "annotator-id", "tester");
  g_application_hold (G_APPLICATION (gloss_app));

  return gloss_app;
}

/* The first day, end to end with the real application and window: the
 * read-only sample is copied, the copy's folder opens in the window with
 * nothing open, and the first annotation is saved (it failed with
 * "Permission denied" when the installed sample itself was opened). */
static void
test_try_sample_then_annotate (void)
{
  g_autofree char *tmp = gloss_ui_test_make_tmp_dir ("gloss-welcome-XXXXXX");
  g_autofree char *samples = g_build_filename (tmp, "installed", NULL);
  g_autofree char *destination = g_build_filename (tmp, "data", "gloss", "sample", NULL);
  g_autofree char *sidecar_name = NULL;
  g_autofree char *sidecar = NULL;
  g_autoptr(GFile) article_folder = NULL;
  g_autoptr(GError) error = NULL;
  GlossApplication *gloss_app = new_gloss_application ();
  GlossWindow *window = gloss_window_new (gloss_app);
  TryState state = { 0 };
  GlossSession *session;
  GlossAnnotationSet *set;
  GFile *article;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_assert_cmpint (g_mkdir (samples, 0755), ==, 0);
  g_assert_cmpuint (gloss_ui_test_copy_samples (samples), >, 0);
  dir = g_dir_open (samples, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (samples, name, NULL);

      g_assert_cmpint (g_chmod (path, 0444), ==, 0);
    }
  g_assert_cmpint (g_chmod (samples, 0555), ==, 0);

  gloss_ui_test_present_and_wait (GTK_WINDOW (window), TIMEOUT_MS);
  gloss_welcome_page_try_sample_full (GTK_WINDOW (window), samples, destination,
                                      on_try_state_done, &state);
  GLOSS_UI_TEST_WAIT_FOR (state.done, TIMEOUT_MS);
  g_assert_nonnull (state.copy);

  GLOSS_UI_TEST_WAIT_FOR (gloss_window_get_session (window) != NULL, TIMEOUT_MS);
  session = gloss_window_get_session (window);
  article = gloss_document_get_file (gloss_session_get_document (session));
  article_folder = g_file_get_parent (article);
  g_assert_true (g_file_equal (article_folder, state.copy));

  set = gloss_session_get_annotations (session);
  g_assert_false (gloss_annotation_set_get_read_only (set));
  g_assert_nonnull (gloss_annotation_set_create (set, "claim", 0, 3, &error));
  g_assert_no_error (error);
  gloss_session_save (session);
  GLOSS_UI_TEST_WAIT_FOR (session_is_saved (session), TIMEOUT_MS);

  sidecar_name = gloss_sidecar_build_name (g_file_peek_path (article) + strlen (destination) + 1, "tester");
  sidecar = g_build_filename (destination, sidecar_name, NULL);
  g_assert_true (g_file_test (sidecar, G_FILE_TEST_IS_REGULAR));

  gloss_ui_test_close_window (GTK_WINDOW (window), TIMEOUT_MS);
  g_clear_object (&state.copy);
  g_assert_cmpint (g_chmod (samples, 0755), ==, 0);
  gloss_test_remove_tree (tmp);
  g_application_release (G_APPLICATION (gloss_app));
  g_object_unref (gloss_app);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *icons = NULL;
  int status;

  gloss_ui_test_init (&argc, &argv);
  if (!gloss_ui_test_init_gtk ())
    return 0;
  adw_init ();
  /* Screenshots show the buttons' final colours, not a transition. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  /* The app's icon, from the source tree (not installed here). */
  if (g_getenv ("GLOSS_SAMPLES_DIR") != NULL)
    {
      g_autofree char *data = g_path_get_dirname (g_getenv ("GLOSS_SAMPLES_DIR"));

      icons = g_build_filename (data, "icons", NULL);
      gtk_icon_theme_add_search_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()), icons);
    }

  app = gtk_application_new ("io.github.glossapp.Gloss.WelcomePageTest",
                             G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_signal_connect (app, "open", G_CALLBACK (on_app_open), NULL);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/welcome-page/buttons", test_buttons);
  ADD ("/welcome-page/recent", test_recent);
  ADD ("/welcome-page/try-sample-copy", test_try_sample_copy);
  ADD ("/welcome-page/try-sample-button", test_try_sample_button);
  ADD ("/welcome-page/try-sample-missing", test_try_sample_missing);
  g_test_add_func ("/welcome-page/try-sample-then-annotate", test_try_sample_then_annotate);

#undef ADD

  status = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  return status;
}
