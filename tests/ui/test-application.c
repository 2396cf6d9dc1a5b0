/* test-application.c — the application's own parts: libadwaita, its
 * actions and keys, the About window, the help and the shortcuts window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "gloss-application.h"
#include "gloss-window.h"
#include "gloss-ui-test.h"

#define TIMEOUT_MS 20000  /* generous: CI machines are busy */

static GlossApplication *app;
static char *tmp_dir;   /* this test's XDG data and config homes */

/* AdwApplication: libadwaita set up, and the desktop's style followed
 * rather than forced (AdwStyleManager reads it, the portal in Flatpak). */
static void
test_adwaita (void)
{
  AdwStyleManager *style = adw_style_manager_get_default ();

  g_assert_true (ADW_IS_APPLICATION (app));
  g_assert_true (adw_is_initialized ());
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_DEFAULT);
}

static void
assert_accel (const char *action,
              const char *accel)
{
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), action);

  g_assert_nonnull (accels);
  g_assert_true (g_strv_contains ((const char * const *) accels, accel));
}

static void
test_actions (void)
{
  static const char *actions[] = { "about", "help", "preferences", "quit" };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), actions[i]));

  assert_accel ("app.help", "F1");
  assert_accel ("app.preferences", "<Control>comma");
  assert_accel ("app.quit", "<Control>q");
}

static void
test_about (void)
{
  GtkWindow *about;
  g_autofree char *website = NULL;
  g_autofree char *issue_url = NULL;
  g_autofree char *version = NULL;
  g_autofree char *translators = NULL;
  g_auto(GStrv) developers = NULL;
  GtkLicense license;

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  about = gloss_ui_test_find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (about);
  gloss_ui_test_wait_for_frame (GTK_WIDGET (about), TIMEOUT_MS);
  gloss_ui_test_screenshot (GTK_WIDGET (about), "about.png", TIMEOUT_MS);

  g_object_get (about,
                "website", &website,
                "issue-url", &issue_url,
                "version", &version,
                "translator-credits", &translators,
                "developers", &developers,
                "license-type", &license,
                NULL);
  g_assert_cmpstr (website, ==, "https://glossapp.github.io");
  g_assert_cmpstr (issue_url, ==, "https://github.com/glossapp/gloss/issues");
  g_assert_cmpstr (version, ==, PACKAGE_VERSION);
  g_assert_cmpint (license, ==, GTK_LICENSE_GPL_3_0);
  g_assert_nonnull (developers);
  g_assert_cmpuint (g_strv_length (developers), >, 0);
  /* Untranslated (C locale), the credits are the msgid itself. */
  g_assert_cmpstr (translators, ==, "translator-credits");

  gloss_ui_test_destroy_window (about, TIMEOUT_MS);
}

/* A stand-in for Yelp: handles help: URIs by writing the URI it was
 * given to a file. In this test's own XDG homes, set before GLib reads
 * them, so that no help browser of the machine starts. */
static void
set_up_help_handler (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_home = g_build_filename (tmp_dir, "data", NULL);
  g_autofree char *config_home = g_build_filename (tmp_dir, "config", NULL);
  g_autofree char *applications = g_build_filename (data_home, "applications", NULL);
  g_autofree char *script = g_build_filename (tmp_dir, "help-browser.sh", NULL);
  g_autofree char *script_text = NULL;
  g_autofree char *desktop = NULL;
  g_autofree char *desktop_path = g_build_filename (applications, "gloss-test-help.desktop", NULL);
  g_autofree char *mimeapps_path = g_build_filename (config_home, "mimeapps.list", NULL);

  g_assert_cmpint (g_mkdir_with_parents (applications, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (config_home, 0700), ==, 0);

  script_text = g_strdup_printf ("#!/bin/sh\nprintf '%%s' \"$1\" > '%s/help-uri.tmp' && mv '%s/help-uri.tmp' '%s/help-uri'\n",
                                 tmp_dir, tmp_dir, tmp_dir);
  g_file_set_contents (script, script_text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (script, 0700), ==, 0);

  desktop = g_strdup_printf ("[Desktop Entry]\nType=Application\nName=Help catcher\n"
                             "Exec=%s %%u\nMimeType=x-scheme-handler/help;\nNoDisplay=true\n",
                             script);
  g_file_set_contents (desktop_path, desktop, -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (mimeapps_path,
                       "[Default Applications]\nx-scheme-handler/help=gloss-test-help.desktop\n",
                       -1, &error);
  g_assert_no_error (error);

  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config_home, TRUE);
}

static gboolean
help_was_shown (gpointer data)
{
  g_autofree char *path = g_build_filename (tmp_dir, "help-uri", NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* F1 (app.help) asks the system's help browser for the guide, "help:gloss". */
static void
test_help (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "help-uri", NULL);
  g_autofree char *uri = NULL;
  g_autoptr(GError) error = NULL;

  g_action_group_activate_action (G_ACTION_GROUP (app), "help", NULL);
  gloss_ui_test_wait_until (help_was_shown, NULL, TIMEOUT_MS);

  g_file_get_contents (path, &uri, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (uri, ==, "help:gloss");
  /* It worked: no "could not be opened" dialog. */
  g_assert_null (gloss_ui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}

static gboolean
is_shortcut_for (GtkWidget     *widget,
                 gconstpointer  action)
{
  g_autofree char *name = NULL;

  if (!GTK_IS_SHORTCUTS_SHORTCUT (widget))
    return FALSE;

  g_object_get (widget, "action-name", &name, NULL);
  return g_strcmp0 (name, action) == 0;
}

static gboolean
is_visible_page_switcher (GtkWidget     *widget,
                          gconstpointer  data)
{
  return GTK_IS_STACK_SWITCHER (widget) && gtk_widget_get_visible (widget);
}

/* The shortcuts window (Ctrl+?) opens without a GTK warning (fatal
 * here) and lists the help. */
static void
test_shortcuts_window (void)
{
  GtkWidget *window = gtk_application_window_new (GTK_APPLICATION (app));
  GtkWindow *overlay;

  gloss_ui_test_present_and_wait (GTK_WINDOW (window), TIMEOUT_MS);
  g_assert_true (gtk_widget_activate_action (window, "win.show-help-overlay", NULL));

  overlay = gloss_ui_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (overlay);
  gloss_ui_test_wait_for_frame (GTK_WIDGET (overlay), TIMEOUT_MS);
  gloss_ui_test_spin (200);
  gloss_ui_test_screenshot (GTK_WIDGET (overlay), "shortcuts.png", TIMEOUT_MS);

  /* Each section is one page: no page switcher (whose labels warn). */
  g_assert_null (gloss_ui_test_find_widget (GTK_WIDGET (overlay), is_visible_page_switcher, NULL));
  g_assert_nonnull (gloss_ui_test_find_widget (GTK_WIDGET (overlay), is_shortcut_for, "app.help"));
  g_assert_nonnull (gloss_ui_test_find_widget (GTK_WIDGET (overlay), is_shortcut_for, "app.preferences"));

  gtk_window_close (overlay);
  gloss_ui_test_destroy_window (GTK_WINDOW (window), TIMEOUT_MS);
}

/* Launched from the app grid (activated with no file): a window on its
 * welcome page, not the installed sample, which is read-only for a normal
 * user and inside Flatpak (the first annotation failed there). */
static void
test_activate_opens_no_article (void)
{
  GList *windows;
  GlossWindow *window = NULL;

  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
  g_application_activate (G_APPLICATION (app));

  for (windows = gtk_application_get_windows (GTK_APPLICATION (app)); windows != NULL; windows = windows->next)
    if (GLOSS_IS_WINDOW (windows->data))
      window = windows->data;

  g_assert_nonnull (window);
  gloss_ui_test_spin (200);
  g_assert_null (gloss_window_get_session (window));

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
    gloss_ui_test_destroy_window (GTK_WINDOW (windows->data), TIMEOUT_MS);
}

/* The app's icon (About, welcome page, window lists) comes with the app's
 * resources, so it shows before it is installed too: these tests run the
 * build tree's app with no icon of ours in any theme folder. */
static void
test_icon (void)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  g_autoptr(GtkIconPaintable) icon = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;

  g_assert_true (gtk_icon_theme_has_icon (theme, APP_ID));
  g_assert_true (gtk_icon_theme_has_icon (theme, APP_ID "-symbolic"));

  icon = gtk_icon_theme_lookup_icon (theme, APP_ID, NULL, 128, 1, GTK_TEXT_DIR_NONE, 0);
  file = gtk_icon_paintable_get_file (icon);
  g_assert_nonnull (file);
  uri = g_file_get_uri (file);
  g_assert_true (g_str_has_suffix (uri, APP_ID ".svg"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gloss_ui_test_init (&argc, &argv);
  tmp_dir = gloss_ui_test_make_tmp_dir ("gloss-test-application-XXXXXX");
  set_up_help_handler ();
  if (!gloss_ui_test_init_gtk ())
    return 0;

  app = gloss_ui_test_application_new_held ();

  g_test_add_func ("/application/adwaita", test_adwaita);
  g_test_add_func ("/application/actions", test_actions);
  g_test_add_func ("/application/about", test_about);
  g_test_add_func ("/application/help", test_help);
  g_test_add_func ("/application/shortcuts-window", test_shortcuts_window);
  g_test_add_func ("/application/icon", test_icon);
  g_test_add_func ("/application/activate-opens-no-article", test_activate_opens_no_article);

  status = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  gloss_test_remove_tree (tmp_dir);
  g_free (tmp_dir);

  return status;
}
