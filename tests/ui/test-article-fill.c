/* test-article-fill.c — the real window while a long article's text is
 * still going into the article view a chunk at a time (issue 13)
 *
 * What the person does meanwhile — annotating a selection, selecting all,
 * opening another article, closing the window — keeps the exact offsets
 * they meant and leaves nothing running behind a closed window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "gloss-application.h"
#include "gloss-article-view-private.h"
#include "gloss-window-private.h"
#include "gloss-ui-test.h"

#define TIMEOUT_MS 30000  /* generous: CI machines are busy, ASan slower */
#define WAIT_FOR(condition) GLOSS_UI_TEST_WAIT_FOR (condition, TIMEOUT_MS)

static GlossApplication *app;

/* @n_bytes of paragraphs of words, some multi-byte, CRLF line ends. */
static char *
make_text (gsize n_bytes)
{
  static const char * const words[] = {
    "harbour", "café", "Київ", "bridge", "vote", "naïve", "council", "ferry",
    "Ardmore", "the", "žluťoučký", "über", "quay", "東京", "street",
  };
  GString *text = g_string_sized_new (n_bytes + 64);
  guint32 state = 4242;
  guint n_words = 0;

  while (text->len < n_bytes)
    {
      state = state * 1103515245u + 12345u;
      g_string_append (text, words[(state >> 16) % G_N_ELEMENTS (words)]);
      n_words++;
      if (n_words % 97 == 0)
        g_string_append (text, ".\r\n\r\n");
      else
        g_string_append_c (text, ' ');
    }
  g_string_append (text, "The end.\r\n");
  return g_string_free (text, FALSE);
}

/* One paragraph, over a megabyte: its piece map is made in a thread. */
static char *
make_one_paragraph (gsize n_bytes)
{
  GString *text = g_string_sized_new (n_bytes + 64);

  while (text->len < n_bytes)
    g_string_append (text, "Київ café bridge vote naïve council ");
  g_string_append (text, "end.");
  return g_string_free (text, FALSE);
}

static GFile *
write_article (const char *dir,
               const char *name,
               const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static GlossAnnotationSet *
annotations (GlossWindow *window)
{
  return gloss_session_get_annotations (gloss_window_get_session (window));
}

/* A selection made in the part that is in, and one further on, each
 * annotated while the rest still comes: the spans are the text selected. */
static void
test_annotate_mid_fill (void)
{
  g_autofree char *dir = gloss_ui_test_make_tmp_dir ("gloss-article-fill-XXXXXX");
  g_autofree char *text = make_text (6 * 1024 * 1024);
  g_autoptr(GFile) article = write_article (dir, "long.txt", text);
  GlossWindow *window = gloss_ui_test_open_window (app, article, TIMEOUT_MS);
  GlossArticleView *view = gloss_window_get_article_view (window);
  GlossDocument *document = gloss_session_get_document (gloss_window_get_session (window));
  guint length = gloss_document_get_length (document);
  GlossAnnotation *annotation;
  guint start, end;

  if (gloss_article_view_get_text_complete (view))
    {
      g_test_skip ("the article was in before the test could act");
      gloss_ui_test_close_window (GTK_WINDOW (window), TIMEOUT_MS);
      return;
    }

  /* Near the start: in the buffer already. */
  gloss_article_view_select_range (view, 1000, 1040);
  g_assert_true (gloss_article_view_get_selection_range (view, &start, &end));
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.annotate",
                                                     g_variant_new_string ("location")));
  annotation = gloss_article_view_get_selected_annotation (view);
  g_assert_nonnull (annotation);
  g_assert_cmpuint (gloss_annotation_get_start (annotation), ==, start);
  g_assert_cmpuint (gloss_annotation_get_end (annotation), ==, end);

  /* Near the end: not in the buffer yet when selected. */
  gloss_article_view_select_range (view, length - 200, length - 150);
  g_assert_true (gloss_article_view_get_selection_range (view, &start, &end));
  g_assert_cmpuint (start, >=, length - 220);
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.annotate",
                                                     g_variant_new_string ("person")));
  annotation = gloss_article_view_get_selected_annotation (view);
  g_assert_nonnull (annotation);
  g_assert_cmpuint (gloss_annotation_get_start (annotation), ==, start);
  g_assert_cmpuint (gloss_annotation_get_end (annotation), ==, end);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (annotations (window))), ==, 2);

  WAIT_FOR (gloss_article_view_get_text_complete (view));
  g_assert_cmpuint (gloss_article_view_get_text_length (view), ==, length);
  gloss_ui_test_close_window (GTK_WINDOW (window), TIMEOUT_MS);
}

/* Another article opened while one still goes in: the view ends with the
 * new one's text only. */
static void
test_switch_mid_fill (void)
{
  g_autofree char *dir = gloss_ui_test_make_tmp_dir ("gloss-article-fill-XXXXXX");
  g_autofree char *first = make_text (4 * 1024 * 1024);
  g_autofree char *second = make_text (300 * 1024);
  g_autoptr(GFile) first_file = write_article (dir, "first.txt", first);
  g_autoptr(GFile) second_file = write_article (dir, "second.txt", second);
  GlossWindow *window = gloss_ui_test_open_window (app, first_file, TIMEOUT_MS);
  GlossArticleView *view = gloss_window_get_article_view (window);
  GlossSession *first_session = gloss_window_get_session (window);
  GtkTextBuffer *before = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextBuffer *buffer;
  GtkTextIter start_iter, end_iter;
  g_autofree char *shown = NULL;
  g_autofree char *expected = NULL;

  g_object_add_weak_pointer (G_OBJECT (before), (gpointer *) &before);
  gloss_window_open (window, second_file);
  WAIT_FOR (gloss_window_get_session (window) != first_session
            && gloss_window_get_session (window) != NULL);
  WAIT_FOR (gloss_article_view_get_text_complete (view));
  gloss_ui_test_spin (100);

  /* A long text's buffer is put aside, emptied in idle time and dropped. */
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  if (before != buffer)
    WAIT_FOR (before == NULL);
  else
    g_object_remove_weak_pointer (G_OBJECT (before), (gpointer *) &before);

  gtk_text_buffer_get_bounds (buffer, &start_iter, &end_iter);
  shown = gtk_text_buffer_get_text (buffer, &start_iter, &end_iter, TRUE);
  /* GtkTextBuffer keeps CR LF as it is. */
  expected = g_strdup (second);
  g_assert_cmpuint (strlen (shown), ==, strlen (expected));
  g_assert_true (strcmp (shown, expected) == 0);

  gloss_ui_test_close_window (GTK_WINDOW (window), TIMEOUT_MS);
}

/* Closing the window while the text goes in, or while a thread makes a
 * long paragraph's piece map: nothing outlives it (under ASan, a fill or
 * a thread's callback reaching a freed view would abort). */
static void
test_close_mid_fill (void)
{
  g_autofree char *dir = gloss_ui_test_make_tmp_dir ("gloss-article-fill-XXXXXX");
  g_autofree char *text = make_text (4 * 1024 * 1024);
  g_autofree char *paragraph = make_one_paragraph (3 * 1024 * 1024);
  g_autoptr(GFile) article = write_article (dir, "long.txt", text);
  g_autoptr(GFile) one_paragraph = write_article (dir, "paragraph.txt", paragraph);
  GlossWindow *window;

  window = gloss_ui_test_open_window (app, article, TIMEOUT_MS);
  gloss_ui_test_close_window (GTK_WINDOW (window), TIMEOUT_MS);
  gloss_ui_test_spin (200);

  window = gloss_ui_test_open_window (app, one_paragraph, TIMEOUT_MS);
  gloss_ui_test_close_window (GTK_WINDOW (window), TIMEOUT_MS);
  gloss_ui_test_spin (500);

  /* A window opening it and another article at once. */
  window = gloss_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  gloss_window_open (window, one_paragraph);
  WAIT_FOR (gloss_window_get_session (window) != NULL);
  gloss_window_open (window, article);
  gloss_ui_test_spin (50);
  gloss_ui_test_close_window (GTK_WINDOW (window), TIMEOUT_MS);
  gloss_ui_test_spin (500);
}

/* A long sidecar beside @article, written through the model: a claim on
 * the first word of each paragraph. Returns how many. */
static guint
write_long_sidecar (GFile *article)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossDocument) document = gloss_document_new_from_file (article, NULL, &error);
  g_autoptr(GlossSidecar) sidecar = NULL;
  GlossAnnotationSet *set;
  const char *text;
  const char *counted;
  guint offset = 0;
  guint n = 0;

  g_assert_no_error (error);
  sidecar = gloss_sidecar_new_for_document (document, "tester");
  g_assert_true (gloss_sidecar_load (sidecar, NULL, NULL, &error));
  set = gloss_sidecar_get_annotations (sidecar);
  text = gloss_document_get_text (document);
  counted = text;

  /* make_text()'s paragraphs start after a blank line. */
  for (const char *p = text; p != NULL; p = strstr (p, "\r\n\r\n"))
    {
      const char *space;
      guint end;

      if (p != text)
        p += 4;
      offset += (guint) g_utf8_strlen (counted, p - counted);
      counted = p;
      space = strchr (p, ' ');
      if (space == NULL || strstr (p, "\r\n") < space)
        continue;
      end = offset + (guint) g_utf8_strlen (p, space - p);
      g_assert_nonnull (gloss_annotation_set_create (set, "claim", offset, end, &error));
      g_assert_no_error (error);
      n++;
    }
  g_assert_true (gloss_sidecar_save (sidecar, NULL, &error));
  g_assert_no_error (error);
  return n;
}

static gboolean
set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* A long sidecar's first annotations are drawn before the whole file is
 * read: the first screen shows its highlights while the session still
 * loads, they can be neither pointed at nor edited meanwhile, and the
 * session's own set takes over. */
static void
test_head_first (void)
{
  g_autofree char *dir = gloss_ui_test_make_tmp_dir ("gloss-article-fill-XXXXXX");
  g_autofree char *text = make_text (4 * 1024 * 1024);
  g_autoptr(GFile) article = write_article (dir, "long.txt", text);
  guint n = write_long_sidecar (article);
  GlossWindow *window = gloss_window_new (app);
  GlossArticleView *view = gloss_window_get_article_view (window);
  g_autoptr(GlossAnnotationSet) head = NULL;
  g_autoptr(GlossAnnotation) first = NULL;
  GlossAnnotationSet *set;
  g_autofree char *tooltip = NULL;
  gboolean timed_out = FALSE;
  guint deadline;
  guint n_head;

  g_assert_cmpuint (n, >, 5000);
  gtk_window_present (GTK_WINDOW (window));
  gloss_window_open (window, article);

  /* The head comes at a higher priority than the session: one iteration
   * at a time, it is seen on its own. */
  deadline = g_timeout_add (TIMEOUT_MS, set_flag, &timed_out);
  while (gloss_window_get_session (window) == NULL && head == NULL && !timed_out)
    {
      g_main_context_iteration (NULL, TRUE);
      if (gloss_window_get_session (window) == NULL && gloss_article_view_get_annotation_set (view) != NULL)
        head = g_object_ref (gloss_article_view_get_annotation_set (view));
    }
  g_assert_false (timed_out);
  g_assert_nonnull (head);
  g_assert_true (gloss_annotation_set_get_read_only (head));
  n_head = g_list_model_get_n_items (G_LIST_MODEL (head));
  g_assert_cmpuint (n_head, >, 10);
  g_assert_cmpuint (n_head, <, n);

  /* Drawn at once; nothing to point at or edit yet. */
  first = g_list_model_get_item (G_LIST_MODEL (head), 0);
  {
    g_auto(GStrv) labels = gloss_article_view_dup_labels_at (view, gloss_annotation_get_start (first));

    g_assert_true (g_strv_contains ((const char * const *) labels, "claim"));
  }
  tooltip = gloss_article_view_dup_tooltip_text (view, gloss_annotation_get_start (first));
  g_assert_null (tooltip);
  /* A label key pressed meanwhile makes nothing, in the head or after. */
  gloss_article_view_select_range (view, 1000, 1040);
  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.annotate",
                                      g_variant_new_string ("person"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (head)), ==, n_head);

  WAIT_FOR (gloss_window_get_session (window) != NULL);
  if (!timed_out)
    g_source_remove (deadline);
  set = gloss_session_get_annotations (gloss_window_get_session (window));
  g_assert_true (gloss_article_view_get_annotation_set (view) == set);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (set)), ==, n);
  g_assert_false (gloss_annotation_set_get_read_only (set));

  gloss_ui_test_close_window (GTK_WINDOW (window), TIMEOUT_MS);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gloss_ui_test_init (&argc, &argv);
  gloss_ui_test_tolerate_focus_out_warning ();

  if (!gloss_ui_test_init_gtk ())
    return 0;

  app = gloss_ui_test_application_new_held ();

  g_test_add_func ("/article-fill/annotate-mid-fill", test_annotate_mid_fill);
  g_test_add_func ("/article-fill/switch-mid-fill", test_switch_mid_fill);
  g_test_add_func ("/article-fill/close-mid-fill", test_close_mid_fill);
  g_test_add_func ("/article-fill/head-first", test_head_first);

  status = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  return status;
}
