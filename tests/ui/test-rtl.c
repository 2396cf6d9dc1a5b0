/* test-rtl.c — the main window right to left, and in Spanish
 *
 * GTK 4.8 takes the text direction from the locale's translation of
 * "default:LTR", and no environment variable forces it; a Hebrew or Arabic
 * locale is not installed on every machine either. So the tests set the
 * default direction themselves, as an RTL locale would, before the window
 * is made: the window must mirror (and be no wider than left to right),
 * while the article keeps the direction of its own text — an English
 * article stays left-aligned, a Hebrew one is right-aligned, whatever the
 * locale.
 *
 * The last test shows the window in Spanish from the catalogue built in
 * this build folder (po/es/LC_MESSAGES/gloss.mo); it is skipped when that
 * is not built.
 *
 * With GLOSS_TEST_SCREENSHOTS set to a folder, each test saves the window
 * there (rtl-english.png, rtl-hebrew.png, es.png) to look at.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <libintl.h>

#include <adwaita.h>

#include "gloss-application.h"
#include "gloss-article-view.h"
#include "gloss-confusion-chart.h"
#include "gloss-export-dialog.h"
#include "gloss-import-dialog.h"
#include "gloss-label-bar.h"
#include "gloss-review-window-private.h"
#include "gloss-ui-test.h"

#define TIMEOUT_MS 20000  /* generous: CI machines are busy */
#define WAIT_FOR(condition) GLOSS_UI_TEST_WAIT_FOR (condition, TIMEOUT_MS)

/* A Hebrew paragraph: strong right-to-left characters from the first. */
#define HEBREW_ARTICLE \
  "מועצת העיר אישרה אמש את תקציב הגשר החדש בנמל.\n\n" \
  "ראש העיר אמרה: „נבנה אותו עד סוף השנה הבאה.“\n"

static GlossApplication *app;

typedef struct
{
  char  *dir;
  GFile *english;
  GFile *hebrew;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GFile) folder = NULL;

  f->dir = gloss_ui_test_make_tmp_dir ("gloss-test-rtl-XXXXXX");
  /* alice's own annotations, so the highlights and the annotation list
   * have something to show. */
  gloss_ui_test_copy_sample ("harbour-bridge-vote.txt", f->dir);
  gloss_ui_test_copy_sample ("harbour-bridge-vote.txt.alice.gloss.json", f->dir);
  gloss_ui_test_copy_sample ("harbour-bridge-vote.txt.bilal.gloss.json", f->dir);
  f->english = g_file_new_build_filename (f->dir, "harbour-bridge-vote.txt", NULL);

  folder = g_file_new_for_path (f->dir);
  gloss_ui_test_write_file (folder, "gesher.txt", HEBREW_ARTICLE, -1);
  f->hebrew = g_file_new_build_filename (f->dir, "gesher.txt", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_widget_set_default_direction (GTK_TEXT_DIR_LTR);
  gloss_test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
  g_clear_object (&f->english);
  g_clear_object (&f->hebrew);
}

/* A window on @article made with @direction as the default. */
static GlossWindow *
open_window (GFile       *article,
             GtkTextDirection direction)
{
  GlossWindow *window;

  gtk_widget_set_default_direction (direction);
  window = gloss_ui_test_open_window (app, article, TIMEOUT_MS);
  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (window)), ==, direction);
  return window;
}

static GlossArticleView *
article_view (GlossWindow *window)
{
  GtkWidget *view = gloss_ui_test_find_of_type (GTK_WIDGET (window), GLOSS_TYPE_ARTICLE_VIEW);

  g_assert_nonnull (view);
  return GLOSS_ARTICLE_VIEW (view);
}

static int
minimum_width (GtkWidget *widget)
{
  int minimum = 0, natural = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  return minimum;
}

/* Where the first character of the article is drawn, in the view's
 * coordinates, as a fraction of the view's width (0 left, 1 right). */
static double
first_character_x (GlossArticleView *view)
{
  GtkTextView *text_view = GTK_TEXT_VIEW (view);
  GtkTextIter start;
  GdkRectangle rect;
  int x = 0, y = 0;

  WAIT_FOR (gtk_widget_get_width (GTK_WIDGET (view)) > 0);
  gtk_text_buffer_get_start_iter (gtk_text_view_get_buffer (text_view), &start);
  gtk_text_view_get_iter_location (text_view, &start, &rect);
  gtk_text_view_buffer_to_window_coords (text_view, GTK_TEXT_WINDOW_WIDGET,
                                         rect.x, rect.y, &x, &y);
  return (double) x / gtk_widget_get_width (GTK_WIDGET (view));
}

/* The window mirrors, is no wider than left to right, and the English
 * article stays left-aligned. */
static void
test_english_article (Fixture       *f,
                      gconstpointer  data)
{
  GlossWindow *window;
  int ltr_width, rtl_width, ltr_bar, rtl_bar;
  double ltr_x, rtl_x;

  window = open_window (f->english, GTK_TEXT_DIR_LTR);
  ltr_width = minimum_width (GTK_WIDGET (window));
  ltr_bar = minimum_width (gloss_ui_test_find_of_type (GTK_WIDGET (window), GLOSS_TYPE_LABEL_BAR));
  ltr_x = first_character_x (article_view (window));
  gloss_ui_test_close_window (GTK_WINDOW (window), TIMEOUT_MS);

  window = open_window (f->english, GTK_TEXT_DIR_RTL);
  rtl_width = minimum_width (GTK_WIDGET (window));
  rtl_bar = minimum_width (gloss_ui_test_find_of_type (GTK_WIDGET (window), GLOSS_TYPE_LABEL_BAR));
  rtl_x = first_character_x (article_view (window));
  gloss_ui_test_screenshot (GTK_WIDGET (window), "rtl-english.png", TIMEOUT_MS);

  g_test_message ("minimum width %d LTR, %d RTL; label bar %d, %d; first character at %.2f, %.2f",
                  ltr_width, rtl_width, ltr_bar, rtl_bar, ltr_x, rtl_x);
  g_assert_cmpint (rtl_width, <=, ltr_width);
  g_assert_cmpint (rtl_bar, <=, ltr_bar);
  /* English text starts on the left in both directions. */
  g_assert_cmpfloat (ltr_x, <, 0.5);
  g_assert_cmpfloat (rtl_x, <, 0.5);

  gloss_ui_test_close_window (GTK_WINDOW (window), TIMEOUT_MS);
}

/* A Hebrew article starts on the right, in both directions. */
static void
test_hebrew_article (Fixture       *f,
                     gconstpointer  data)
{
  GlossWindow *window;
  double x;

  window = open_window (f->hebrew, GTK_TEXT_DIR_LTR);
  x = first_character_x (article_view (window));
  g_test_message ("Hebrew, LTR window: first character at %.2f", x);
  g_assert_cmpfloat (x, >, 0.5);
  gloss_ui_test_close_window (GTK_WINDOW (window), TIMEOUT_MS);

  window = open_window (f->hebrew, GTK_TEXT_DIR_RTL);
  x = first_character_x (article_view (window));
  g_test_message ("Hebrew, RTL window: first character at %.2f", x);
  g_assert_cmpfloat (x, >, 0.5);
  gloss_ui_test_screenshot (GTK_WIDGET (window), "rtl-hebrew.png", TIMEOUT_MS);
  gloss_ui_test_close_window (GTK_WINDOW (window), TIMEOUT_MS);
}

static gboolean
is_label_containing (GtkWidget     *widget,
                     gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

/* The review window on alice's and bilal's work, with its agreement
 * panel shown (F7), made with @direction as the default. */
static GlossReviewWindow *
open_review (Fixture          *f,
             GtkTextDirection  direction)
{
  GlossReviewWindow *window;
  GtkWidget *chart;

  gtk_widget_set_default_direction (direction);
  window = gloss_review_window_new (GTK_APPLICATION (app), f->english, "gold");
  gtk_window_present (GTK_WINDOW (window));
  WAIT_FOR (gloss_review_window_get_adjudication (window) != NULL);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-agreement", NULL));
  chart = gloss_ui_test_find_of_type (GTK_WIDGET (window), GLOSS_TYPE_CONFUSION_CHART);
  g_assert_nonnull (chart);
  WAIT_FOR (gtk_widget_get_mapped (chart) && gtk_widget_get_width (chart) > 0);
  /* The panel slides in: wait until it is all there. */
  WAIT_FOR (gtk_revealer_get_child_revealed (GTK_REVEALER (gtk_widget_get_ancestor (chart, GTK_TYPE_REVEALER))));
  /* The folder's figures are counted in a thread: measure with them. */
  WAIT_FOR (gloss_ui_test_find_widget (GTK_WIDGET (window), is_label_containing, "1 article\n") != NULL);
  gloss_ui_test_wait_for_frame (GTK_WIDGET (window), TIMEOUT_MS);
  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (window)), ==, direction);
  return window;
}

/* Closes @window, and waits for its gold session to write what it has. */
static void
close_review (GlossReviewWindow *window)
{
  g_autoptr(GlossSession) session = NULL;

  if (gloss_review_window_get_gold_session (window) != NULL)
    session = g_object_ref (gloss_review_window_get_gold_session (window));
  gloss_ui_test_close_window (GTK_WINDOW (window), TIMEOUT_MS);
  if (session != NULL)
    gloss_ui_test_close_session (session, TIMEOUT_MS, NULL);
}

/* The review window right to left, with its chart (screenshots). */
static void
test_review_window (Fixture       *f,
                    gconstpointer  data)
{
  GlossReviewWindow *window;
  int ltr_width, rtl_width;

  window = open_review (f, GTK_TEXT_DIR_LTR);
  ltr_width = minimum_width (GTK_WIDGET (window));
  gloss_ui_test_screenshot (GTK_WIDGET (window), "ltr-review.png", TIMEOUT_MS);
  close_review (window);

  window = open_review (f, GTK_TEXT_DIR_RTL);
  rtl_width = minimum_width (GTK_WIDGET (window));
  gloss_ui_test_screenshot (GTK_WIDGET (window), "rtl-review.png", TIMEOUT_MS);
  gloss_ui_test_screenshot (gloss_ui_test_find_of_type (GTK_WIDGET (window), GLOSS_TYPE_CONFUSION_CHART),
                            "rtl-chart.png", TIMEOUT_MS);
  /* Only reported: the agreement panel's width follows figures counted in
   * a thread, so the two windows are not always measured alike. */
  g_test_message ("review window minimum width %d LTR, %d RTL", ltr_width, rtl_width);
  close_review (window);
}

/* Export… and Import… right to left: no wider than left to right. */
static void
test_dialogs (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GFile) folder = g_file_new_for_path (f->dir);
  int widths[2][2];

  for (guint d = 0; d < 2; d++)
    {
      GtkTextDirection direction = d == 0 ? GTK_TEXT_DIR_LTR : GTK_TEXT_DIR_RTL;
      GlossExportDialog *export_dialog;
      GlossImportDialog *import_dialog;

      gtk_widget_set_default_direction (direction);
      export_dialog = GLOSS_EXPORT_DIALOG (gloss_export_dialog_new (NULL, folder, "alice"));
      gloss_ui_test_present_and_wait (GTK_WINDOW (export_dialog), TIMEOUT_MS);
      WAIT_FOR (!gloss_export_dialog_get_scanning (export_dialog));
      widths[d][0] = minimum_width (GTK_WIDGET (export_dialog));
      gloss_ui_test_screenshot (GTK_WIDGET (export_dialog),
                                d == 0 ? "ltr-export.png" : "rtl-export.png", TIMEOUT_MS);
      gloss_ui_test_destroy_window (GTK_WINDOW (export_dialog), TIMEOUT_MS);

      import_dialog = GLOSS_IMPORT_DIALOG (gloss_import_dialog_new (NULL, folder, "alice"));
      gloss_ui_test_present_and_wait (GTK_WINDOW (import_dialog), TIMEOUT_MS);
      widths[d][1] = minimum_width (GTK_WIDGET (import_dialog));
      gloss_ui_test_screenshot (GTK_WIDGET (import_dialog),
                                d == 0 ? "ltr-import.png" : "rtl-import.png", TIMEOUT_MS);
      gloss_ui_test_destroy_window (GTK_WINDOW (import_dialog), TIMEOUT_MS);
    }

  g_test_message ("Export… minimum width %d LTR, %d RTL; Import… %d, %d",
                  widths[0][0], widths[1][0], widths[0][1], widths[1][1]);
  g_assert_cmpint (widths[1][0], <=, widths[0][0]);
  g_assert_cmpint (widths[1][1], <=, widths[0][1]);
}

/* The window in Spanish, from this build's catalogue. Last: it leaves
 * LANGUAGE set. */
static void
test_spanish (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *locale_dir = g_test_build_filename (G_TEST_BUILT, "..", "..", "po", NULL);
  g_autofree char *mo = g_build_filename (locale_dir, "es", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (f->dir);
  GlossExportDialog *export_dialog;
  GlossWindow *window;

  if (!g_file_test (mo, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("the Spanish catalogue is not built");
      return;
    }

  g_setenv ("LANGUAGE", "es", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, locale_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  /* Also tells gettext that the language changed. */
  textdomain (GETTEXT_PACKAGE);
  g_assert_cmpstr (dgettext (GETTEXT_PACKAGE, "Mark the selection as:"), ==, "Marcar la selección como:");

  window = open_window (f->english, GTK_TEXT_DIR_LTR);
  gloss_ui_test_screenshot (GTK_WIDGET (window), "es.png", TIMEOUT_MS);
  gloss_ui_test_close_window (GTK_WINDOW (window), TIMEOUT_MS);

  /* The first thing a Spanish speaker sees: the window with no article. */
  window = gloss_window_new (app);
  gloss_ui_test_present_and_wait (GTK_WINDOW (window), TIMEOUT_MS);
  gloss_ui_test_screenshot (GTK_WIDGET (window), "es-welcome.png", TIMEOUT_MS);
  gloss_ui_test_close_window (GTK_WINDOW (window), TIMEOUT_MS);

  export_dialog = GLOSS_EXPORT_DIALOG (gloss_export_dialog_new (NULL, folder, "alice"));
  gloss_ui_test_present_and_wait (GTK_WINDOW (export_dialog), TIMEOUT_MS);
  WAIT_FOR (!gloss_export_dialog_get_scanning (export_dialog));
  gloss_ui_test_screenshot (GTK_WIDGET (export_dialog), "es-export.png", TIMEOUT_MS);
  gloss_ui_test_destroy_window (GTK_WINDOW (export_dialog), TIMEOUT_MS);
}

int
main (int   argc,
      char *argv[])
{
  GSettings *settings;
  int status;

  gloss_ui_test_init (&argc, &argv);
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

  if (!gloss_ui_test_init_gtk ())
    return 0;

  app = gloss_ui_test_application_new ("alice");
  settings = gloss_application_get_settings (app);
  g_settings_set_string (settings, "annotator-name", "Alice");
  g_settings_set_boolean (settings, "show-annotation-sidebar", TRUE);
  g_application_hold (G_APPLICATION (app));

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/rtl/english-article", test_english_article);
  ADD ("/rtl/hebrew-article", test_hebrew_article);
  ADD ("/rtl/review-window", test_review_window);
  ADD ("/rtl/dialogs", test_dialogs);
  ADD ("/rtl/spanish", test_spanish);

  status = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  return status;
}
