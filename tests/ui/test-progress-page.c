/* test-progress-page.c — the running and result pages Export… and Import… share
 *
 * The page alone in a window: what it shows while work runs (heading,
 * detail, bar, Cancel) and once it has ended (heading, summary, location,
 * problems reached with Alt+P, Back and Close), which button is focused and
 * the window's default, and what its buttons do.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "gloss-progress-page.h"
#include "gloss-ui-test.h"

#define TIMEOUT_MS 20000  /* generous: CI machines are busy */

typedef struct
{
  GtkWindow         *window;
  GlossProgressPage *page;
  guint              stops;
  guint              backs;
  guint              page_notifies;
} Fixture;

static void
on_stop (GlossProgressPage *page,
         Fixture           *f)
{
  f->stops++;
}

static void
on_back (GlossProgressPage *page,
         Fixture           *f)
{
  f->backs++;
}

static void
on_page_notify (GlossProgressPage *page,
                GParamSpec        *pspec,
                Fixture           *f)
{
  f->page_notifies++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->window = GTK_WINDOW (gtk_window_new ());
  f->page = g_object_new (GLOSS_TYPE_PROGRESS_PAGE,
                          "title", "Exporting…",
                          "progress-label", "Export progress",
                          "back-tooltip", "Change the Choices and Export Again",
                          NULL);
  g_signal_connect (f->page, "stop", G_CALLBACK (on_stop), f);
  g_signal_connect (f->page, "back", G_CALLBACK (on_back), f);
  g_signal_connect (f->page, "notify::page", G_CALLBACK (on_page_notify), f);
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  gloss_ui_test_present_and_wait (f->window, TIMEOUT_MS);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gloss_ui_test_destroy_window (f->window, TIMEOUT_MS);
}

static gboolean
is_drawable_button (GtkWidget     *widget,
                    gconstpointer  text)
{
  return gloss_ui_test_is_button_with_label (widget, text) && gtk_widget_is_drawable (widget);
}

static gboolean
is_drawable_label (GtkWidget     *widget,
                   gconstpointer  text)
{
  return gloss_ui_test_is_label_with_text (widget, text) && gtk_widget_is_drawable (widget);
}

static GtkWidget *
find_button (Fixture    *f,
             const char *label)
{
  GtkWidget *button = gloss_ui_test_find_widget (GTK_WIDGET (f->page), is_drawable_button, label);

  g_assert_nonnull (button);
  return button;
}

static void
test_running (Fixture       *f,
              gconstpointer  data)
{
  GtkProgressBar *bar = GTK_PROGRESS_BAR (gloss_ui_test_find_of_type (GTK_WIDGET (f->page),
                                                                      GTK_TYPE_PROGRESS_BAR));
  g_autofree char *title = NULL;
  g_autofree char *detail = NULL;
  GtkWidget *cancel;

  g_object_get (f->page, "title", &title, NULL);
  g_assert_cmpstr (title, ==, "Exporting…");

  gloss_progress_page_start (f->page, "Writing “big.jsonl”", "Starting…");
  gloss_progress_page_focus (f->page);
  g_assert_cmpstr (gloss_progress_page_get_page (f->page), ==, "running");
  g_object_get (f->page, "detail", &detail, NULL);
  g_assert_cmpstr (detail, ==, "Writing “big.jsonl”");
  g_assert_nonnull (gloss_ui_test_find_widget (GTK_WIDGET (f->page), is_drawable_label, "Exporting…"));
  g_assert_nonnull (gloss_ui_test_find_widget (GTK_WIDGET (f->page), is_drawable_label, "Writing “big.jsonl”"));
  g_assert_cmpstr (gtk_progress_bar_get_text (bar), ==, "Starting…");
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (bar), ==, 0.0);

  /* Cancel is focused; Enter does nothing while work runs. */
  cancel = find_button (f, "_Cancel");
  g_assert_true (gtk_window_get_focus (f->window) == cancel);
  g_assert_null (gtk_window_get_default_widget (f->window));

  gloss_progress_page_set_progress (f->page, 0.25, "1 of 4 articles");
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (bar), ==, 0.25);
  g_assert_cmpstr (gtk_progress_bar_get_text (bar), ==, "1 of 4 articles");
  /* A fraction below zero leaves the bar where it is (for pulsing). */
  gloss_progress_page_set_progress (f->page, -1.0, "2 articles imported");
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (bar), ==, 0.25);
  g_assert_cmpstr (gtk_progress_bar_get_text (bar), ==, "2 articles imported");

  /* Cancel asks the owner to stop; stopping, it waits greyed out. */
  g_signal_emit_by_name (cancel, "clicked");
  g_assert_cmpuint (f->stops, ==, 1);
  gloss_progress_page_set_stopping (f->page, "Cancelling…");
  g_assert_false (gtk_widget_get_sensitive (cancel));
  g_assert_cmpstr (gtk_progress_bar_get_text (bar), ==, "Cancelling…");

  /* A new start makes it usable again. */
  gloss_progress_page_start (f->page, "Again", NULL);
  g_assert_true (gtk_widget_get_sensitive (cancel));
}

static void
test_result (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new ();
  g_autofree char *listed = NULL;
  g_autofree char *none = NULL;
  g_autofree char *back_tooltip = NULL;
  GtkWidget *view;
  GtkWidget *close;
  GtkWidget *back;
  guint notifies;

  gloss_progress_page_start (f->page, "Writing", NULL);
  notifies = f->page_notifies;

  /* Without problems: no problems list. */
  gloss_progress_page_show_result (f->page, "Export Complete", "3 articles, 6 records",
                                   "Written to /tmp/out.jsonl", NULL);
  gloss_progress_page_focus (f->page);
  g_assert_cmpstr (gloss_progress_page_get_page (f->page), ==, "result");
  g_assert_cmpuint (f->page_notifies, >, notifies);
  g_assert_nonnull (gloss_ui_test_find_widget (GTK_WIDGET (f->page), is_drawable_label, "Export Complete"));
  g_assert_nonnull (gloss_ui_test_find_widget (GTK_WIDGET (f->page), is_drawable_label, "3 articles, 6 records"));
  g_assert_nonnull (gloss_ui_test_find_widget (GTK_WIDGET (f->page), is_drawable_label, "Written to /tmp/out.jsonl"));
  g_assert_null (gloss_ui_test_find_widget (GTK_WIDGET (f->page), is_drawable_label, "_Problems"));
  none = gloss_progress_page_dup_problems (f->page);
  g_assert_cmpstr (none, ==, "");

  /* Close is focused and the default: Enter closes. */
  close = find_button (f, "_Close");
  g_assert_true (gtk_window_get_focus (f->window) == close);
  g_assert_true (gtk_window_get_default_widget (f->window) == close);

  /* With problems: one a line, in a view reached with Alt+P; no location. */
  g_ptr_array_add (problems, (gpointer) "a.ann:1: first");
  g_ptr_array_add (problems, (gpointer) "b.ann:2: second");
  gloss_progress_page_show_result (f->page, "Imported with Problems", "2 articles", NULL, problems);
  listed = gloss_progress_page_dup_problems (f->page);
  g_assert_cmpstr (listed, ==, "a.ann:1: first\nb.ann:2: second");
  view = gloss_ui_test_find_labelled (GTK_WIDGET (f->page), "_Problems");
  g_assert_true (GTK_IS_TEXT_VIEW (view));
  g_assert_true (gtk_widget_is_drawable (view));
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (view)));
  g_assert_true (gtk_text_view_get_cursor_visible (GTK_TEXT_VIEW (view)));
  g_assert_null (gloss_ui_test_find_widget (GTK_WIDGET (f->page), is_drawable_label,
                                            "Written to /tmp/out.jsonl"));

  /* Back goes back to the owner's choices. */
  back = find_button (f, "_Back");
  g_object_get (f->page, "back-tooltip", &back_tooltip, NULL);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (back), ==, back_tooltip);
  g_assert_cmpstr (back_tooltip, ==, "Change the Choices and Export Again");
  g_signal_emit_by_name (back, "clicked");
  g_assert_cmpuint (f->backs, ==, 1);
}

/* Close is the window's own "window.close". */
static gboolean
on_close_request (GtkWindow *window,
                  gboolean  *asked)
{
  *asked = TRUE;
  return TRUE;   /* kept, for the fixture to destroy */
}

static void
test_close (Fixture       *f,
            gconstpointer  data)
{
  gboolean asked = FALSE;

  g_signal_connect (f->window, "close-request", G_CALLBACK (on_close_request), &asked);
  gloss_progress_page_show_result (f->page, "Export Failed", "No space left", NULL, NULL);
  g_signal_emit_by_name (find_button (f, "_Close"), "clicked");
  g_assert_true (asked);
}

int
main (int   argc,
      char *argv[])
{
  gloss_ui_test_init (&argc, &argv);
  if (!gloss_ui_test_init_gtk ())
    return 0;

  g_test_add ("/progress-page/running", Fixture, NULL, fixture_set_up, test_running, fixture_tear_down);
  g_test_add ("/progress-page/result", Fixture, NULL, fixture_set_up, test_result, fixture_tear_down);
  g_test_add ("/progress-page/close", Fixture, NULL, fixture_set_up, test_close, fixture_tear_down);

  return g_test_run ();
}
