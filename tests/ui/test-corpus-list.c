/* test-corpus-list.c — the corpus sidebar, driven in-process under Xvfb
 * (the preferences window and the first-run dialog: test-preferences.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gtk/gtk.h>

#include "gloss.h"
#include "gloss-corpus-list-private.h"
#include "gloss-corpus-row.h"
#include "gloss-ui-test.h"

#define FRAME_TIMEOUT_MS 20000  /* generous: CI machines are busy */
#define TIMEOUT_MS 20000

static char *tmp_dir;

/* Helpers: files */

static GFile *
write_article (GFile      *folder,
               const char *name,
               const char *text)
{
  gloss_ui_test_write_file (folder, name, text, -1);

  return g_file_get_child (folder, name);
}

/* A sidecar made through libgloss, as the app would: @n_annotations
 * claims over the first words of the article. */
static void
write_sidecar (GFile      *article,
               const char *annotator_id,
               guint       n_annotations)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GlossSidecar) sidecar = NULL;
  GlossAnnotationSet *set;
  guint start = 0;

  document = gloss_document_new_from_file (article, NULL, &error);
  g_assert_no_error (error);

  sidecar = gloss_sidecar_new_for_document (document, annotator_id);
  set = gloss_sidecar_get_annotations (sidecar);

  for (guint i = 0; i < n_annotations; i++)
    {
      guint end = start;

      while (!gloss_document_is_word_end (document, end))
        end++;
      g_assert_nonnull (gloss_annotation_set_create (set, "claim", start, end, &error));
      g_assert_no_error (error);

      start = end;
      while (!gloss_document_is_word_start (document, start))
        start++;
    }

  g_assert_true (gloss_sidecar_save (sidecar, NULL, &error));
  g_assert_no_error (error);
}

static GFile *
make_folder (const char *name)
{
  return gloss_ui_test_make_folder (tmp_dir, name);
}

/* Helpers: main loop */

static gboolean
list_is_loaded (gpointer data)
{
  return !gloss_corpus_list_get_loading (GLOSS_CORPUS_LIST (data));
}

/* The small corpus */

typedef struct
{
  GFile *folder;
  GFile *harbour;   /* alice: 3 annotations, bilal too */
  GFile *river;     /* alice: 1 annotation */
  GFile *grain;     /* not alice's: bilal and chen */
} Corpus;

static Corpus corpus;

static void
make_small_corpus (void)
{
  corpus.folder = make_folder ("small");

  corpus.harbour = write_article (corpus.folder, "harbour-vote.txt",
                                  "Councillors approved the harbour bridge on Tuesday, "
                                  "after a debate that ran past midnight.\n");
  corpus.river = write_article (corpus.folder, "river-flood.md",
                                "# Flood\n\nThe river rose two metres overnight in Čakovec, "
                                "officials said 🌧.\n");
  corpus.grain = write_article (corpus.folder, "grain-talks.txt",
                                "Negotiators met in Istanbul to discuss grain exports.\n");

  write_sidecar (corpus.harbour, "alice", 3);
  write_sidecar (corpus.harbour, "bilal", 1);
  write_sidecar (corpus.river, "alice", 1);
  write_sidecar (corpus.grain, "bilal", 2);
  write_sidecar (corpus.grain, "chen", 1);
}

static GlossCorpusList *
load_small_corpus (const char *annotator_id)
{
  GlossCorpusList *list = GLOSS_CORPUS_LIST (g_object_ref_sink (gloss_corpus_list_new ()));

  gloss_corpus_list_load_folder (list, corpus.folder, annotator_id);
  g_assert_true (gloss_corpus_list_get_loading (list));
  gloss_ui_test_wait_until (list_is_loaded, list, TIMEOUT_MS);

  return list;
}

static void
assert_status (GlossCorpusList *list,
               GFile           *article,
               guint            n_annotations,
               gboolean         started,
               guint            n_others)
{
  guint n = 0, others = 0;
  gboolean is_started = FALSE;

  g_assert_true (gloss_corpus_list_get_article_status (list, article, &n, &is_started, &others));
  g_assert_cmpuint (n, ==, n_annotations);
  g_assert_cmpint (is_started, ==, started);
  g_assert_cmpuint (others, ==, n_others);
}

static void
test_load (void)
{
  g_autoptr(GlossCorpusList) list = load_small_corpus ("alice");
  guint n_articles = 0;

  g_object_get (list, "n-articles", &n_articles, NULL);
  g_assert_cmpuint (n_articles, ==, 3);

  assert_status (list, corpus.harbour, 3, TRUE, 1);
  assert_status (list, corpus.river, 1, TRUE, 0);
  assert_status (list, corpus.grain, 0, FALSE, 2);

  /* With no selection asked for, the first article (by path) is chosen. */
  g_assert_true (g_file_equal (gloss_corpus_list_get_selected_article (list), corpus.grain));
}

static void
test_other_annotator (void)
{
  g_autoptr(GlossCorpusList) list = load_small_corpus ("chen");

  assert_status (list, corpus.harbour, 0, FALSE, 2);
  assert_status (list, corpus.river, 0, FALSE, 1);
  assert_status (list, corpus.grain, 1, TRUE, 1);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_selection (void)
{
  g_autoptr(GlossCorpusList) list = load_small_corpus ("alice");
  g_autoptr(GFile) from_property = NULL;
  GtkWidget *list_view;
  GtkSelectionModel *model;
  guint notified = 0;

  g_signal_connect (list, "notify::selected-article", G_CALLBACK (count_notify), &notified);

  /* Sorted by path: grain, harbour, river; next and previous wrap. */
  g_assert_true (g_file_equal (gloss_corpus_list_select_next (list, FALSE), corpus.harbour));
  g_assert_true (g_file_equal (gloss_corpus_list_select_next (list, FALSE), corpus.river));
  g_assert_true (g_file_equal (gloss_corpus_list_select_next (list, FALSE), corpus.grain));
  g_assert_true (g_file_equal (gloss_corpus_list_select_next (list, TRUE), corpus.river));
  g_assert_cmpuint (notified, ==, 4);

  /* Setting the property selects the row … */
  g_object_set (list, "selected-article", corpus.harbour, NULL);
  list_view = gloss_ui_test_find_of_type (GTK_WIDGET (list), GTK_TYPE_LIST_VIEW);
  g_assert_nonnull (list_view);
  model = gtk_list_view_get_model (GTK_LIST_VIEW (list_view));
  g_assert_true (gtk_selection_model_is_selected (model, 1));
  g_assert_cmpuint (notified, ==, 5);

  /* … setting the same file again does not notify … */
  {
    g_autoptr(GFile) same = g_file_dup (corpus.harbour);
    gloss_corpus_list_set_selected_article (list, same);
    g_assert_cmpuint (notified, ==, 5);
  }

  /* … and selecting a row sets the property. */
  gtk_selection_model_select_item (model, 2, TRUE);
  g_object_get (list, "selected-article", &from_property, NULL);
  g_assert_true (g_file_equal (from_property, corpus.river));
  g_assert_cmpuint (notified, ==, 6);

  /* A file that is not listed clears the selection. */
  {
    g_autoptr(GFile) stranger = g_file_get_child (corpus.folder, "nowhere.txt");
    gloss_corpus_list_set_selected_article (list, stranger);
    g_assert_null (gloss_corpus_list_get_selected_article (list));
    g_assert_false (gtk_selection_model_is_selected (model, 2));
  }

  /* With nothing selected, previous is the last article. */
  g_assert_true (g_file_equal (gloss_corpus_list_select_next (list, TRUE), corpus.river));
}

static void
test_selection_while_loading (void)
{
  g_autoptr(GlossCorpusList) list = GLOSS_CORPUS_LIST (g_object_ref_sink (gloss_corpus_list_new ()));
  g_autoptr(GlossCorpusList) early = GLOSS_CORPUS_LIST (g_object_ref_sink (gloss_corpus_list_new ()));

  gloss_corpus_list_load_folder (list, corpus.folder, "alice");
  gloss_corpus_list_set_selected_article (list, corpus.river);
  gloss_ui_test_wait_until (list_is_loaded, list, TIMEOUT_MS);

  g_assert_true (g_file_equal (gloss_corpus_list_get_selected_article (list), corpus.river));

  /* Chosen before any folder was given: kept for the first one. */
  gloss_corpus_list_set_selected_article (early, corpus.harbour);
  gloss_corpus_list_load_folder (early, corpus.folder, "alice");
  gloss_ui_test_wait_until (list_is_loaded, early, TIMEOUT_MS);
  g_assert_true (g_file_equal (gloss_corpus_list_get_selected_article (early), corpus.harbour));

  /* Scanning the same folder again keeps the user where they were. */
  gloss_corpus_list_load_folder (list, corpus.folder, "bilal");
  gloss_ui_test_wait_until (list_is_loaded, list, TIMEOUT_MS);
  g_assert_true (g_file_equal (gloss_corpus_list_get_selected_article (list), corpus.river));
  assert_status (list, corpus.grain, 2, TRUE, 1);
}

static void
test_refresh (void)
{
  g_autoptr(GlossCorpusList) list = load_small_corpus ("alice");

  gloss_corpus_list_refresh_article (list, corpus.grain, 4);
  assert_status (list, corpus.grain, 4, TRUE, 2);

  gloss_corpus_list_refresh_article (list, corpus.harbour, 0);
  assert_status (list, corpus.harbour, 0, TRUE, 1);
}

/* Marks @article done in @annotator_id's sidecar, as the app saves it. */
static void
mark_done (GFile      *article,
           const char *annotator_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossDocument) document = gloss_document_new_from_file (article, NULL, &error);
  g_autoptr(GlossSidecar) sidecar = NULL;

  g_assert_no_error (error);
  sidecar = gloss_sidecar_new_for_document (document, annotator_id);
  g_assert_true (gloss_sidecar_load (sidecar, NULL, NULL, &error));
  g_assert_no_error (error);
  gloss_sidecar_set_done (sidecar, TRUE);
  g_assert_true (gloss_sidecar_save (sidecar, NULL, &error));
  g_assert_no_error (error);
}

/* The annotator's done marks: read with the counts, shown on the rows and
 * summed below the list; set from the window when the mark changes. */
static void
test_done (void)
{
  g_autoptr(GFile) folder = make_folder ("done");
  g_autoptr(GFile) first = write_article (folder, "first.txt", "One article, finished.\n");
  g_autoptr(GFile) second = write_article (folder, "second.txt", "Another, begun.\n");
  g_autoptr(GFile) third = write_article (folder, "third.txt", "Not yet looked at.\n");
  g_autoptr(GlossCorpusList) list = GLOSS_CORPUS_LIST (g_object_ref_sink (gloss_corpus_list_new ()));

  write_sidecar (first, "alice", 1);
  mark_done (first, "alice");
  write_sidecar (second, "alice", 1);
  write_sidecar (third, "bilal", 1);
  mark_done (third, "bilal");

  g_assert_null (gloss_corpus_list_get_progress_text (list));
  gloss_corpus_list_load_folder (list, folder, "alice");
  g_assert_null (gloss_corpus_list_get_progress_text (list));
  gloss_ui_test_wait_until (list_is_loaded, list, TIMEOUT_MS);

  g_assert_true (gloss_corpus_list_get_article_done (list, first));
  g_assert_false (gloss_corpus_list_get_article_done (list, second));
  /* bilal's mark is not alice's */
  g_assert_false (gloss_corpus_list_get_article_done (list, third));
  g_assert_cmpstr (gloss_corpus_list_get_progress_text (list), ==, "1 of 3 articles done");
  g_assert_nonnull (gloss_ui_test_find_label (GTK_WIDGET (list), "1 of 3 articles done"));

  gloss_corpus_list_set_article_done (list, second, TRUE);
  g_assert_true (gloss_corpus_list_get_article_done (list, second));
  g_assert_cmpstr (gloss_corpus_list_get_progress_text (list), ==, "2 of 3 articles done");

  /* Marking one not started yet makes it started. */
  gloss_corpus_list_set_article_done (list, third, TRUE);
  assert_status (list, third, 0, TRUE, 1);
  g_assert_cmpstr (gloss_corpus_list_get_progress_text (list), ==, "3 of 3 articles done");

  gloss_corpus_list_set_article_done (list, first, FALSE);
  g_assert_false (gloss_corpus_list_get_article_done (list, first));
  g_assert_cmpstr (gloss_corpus_list_get_progress_text (list), ==, "2 of 3 articles done");

  /* Another annotator, the same folder: bilal's marks. */
  gloss_corpus_list_load_folder (list, folder, "bilal");
  gloss_ui_test_wait_until (list_is_loaded, list, TIMEOUT_MS);
  g_assert_true (gloss_corpus_list_get_article_done (list, third));
  g_assert_cmpstr (gloss_corpus_list_get_progress_text (list), ==, "1 of 3 articles done");
}

static void
test_missing_folder (void)
{
  g_autoptr(GlossCorpusList) list = GLOSS_CORPUS_LIST (g_object_ref_sink (gloss_corpus_list_new ()));
  g_autoptr(GFile) missing = g_file_get_child (corpus.folder, "no-such-folder");

  gloss_corpus_list_load_folder (list, missing, "alice");
  gloss_ui_test_wait_until (list_is_loaded, list, TIMEOUT_MS);

  g_assert_cmpuint (gloss_corpus_list_get_n_articles (list), ==, 0);
  g_assert_null (gloss_corpus_list_get_selected_article (list));
  g_assert_null (gloss_corpus_list_select_next (list, FALSE));
  /* The error is shown where the list would be. */
  g_assert_nonnull (gloss_ui_test_find_label (GTK_WIDGET (list), "Could not read this folder"));
}

/* Only the test's own reference is left: no scan (a GTask with the list
 * as its source object) still holds it. */
static gboolean
holds_no_scan (gpointer data)
{
  return G_OBJECT (data)->ref_count == 1;
}

static void
test_reload_cancels (void)
{
  g_autoptr(GlossCorpusList) list = GLOSS_CORPUS_LIST (g_object_ref_sink (gloss_corpus_list_new ()));
  g_autoptr(GFile) missing = g_file_get_child (corpus.folder, "no-such-folder");
  guint loading_changes = 0;

  g_signal_connect (list, "notify::loading", G_CALLBACK (count_notify), &loading_changes);

  /* The second scan replaces the first, whichever thread ends first. */
  gloss_corpus_list_load_folder (list, missing, "alice");
  gloss_corpus_list_load_folder (list, corpus.folder, "alice");
  gloss_ui_test_wait_until (list_is_loaded, list, TIMEOUT_MS);

  g_assert_cmpuint (gloss_corpus_list_get_n_articles (list), ==, 3);
  g_assert_true (g_file_equal (gloss_corpus_list_get_folder (list), corpus.folder));
  g_assert_cmpuint (loading_changes, ==, 2);

  /* Let the cancelled scan report back: it must change nothing. Each
   * scan's task holds the list until it has reported, so once only our
   * reference is left, both have. */
  gloss_ui_test_wait_until (holds_no_scan, list, TIMEOUT_MS);
  g_assert_cmpuint (gloss_corpus_list_get_n_articles (list), ==, 3);
  g_assert_null (gloss_ui_test_find_label (GTK_WIDGET (list), "Could not read this folder"));
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static void
test_destroy_while_loading (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *list = gloss_corpus_list_new ();

  gtk_window_set_child (GTK_WINDOW (window), list);
  g_object_add_weak_pointer (G_OBJECT (list), (gpointer *) &list);

  gloss_corpus_list_load_folder (GLOSS_CORPUS_LIST (list), corpus.folder, "alice");
  gtk_window_destroy (GTK_WINDOW (window));

  /* The scan holds the widget until it reports; then it goes. */
  gloss_ui_test_wait_until (is_null, &list, TIMEOUT_MS);
}

static void
test_render_list (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *list = gloss_corpus_list_new ();

  gtk_window_set_title (GTK_WINDOW (window), "Corpus");
  gtk_window_set_default_size (GTK_WINDOW (window), 300, 240);
  gtk_window_set_child (GTK_WINDOW (window), list);

  gloss_corpus_list_load_folder (GLOSS_CORPUS_LIST (list), corpus.folder, "alice");
  gloss_ui_test_present_and_wait (GTK_WINDOW (window), FRAME_TIMEOUT_MS);
  gloss_ui_test_wait_until (list_is_loaded, list, TIMEOUT_MS);
  gloss_corpus_list_set_selected_article (GLOSS_CORPUS_LIST (list), corpus.harbour);
  gloss_ui_test_present_and_wait (GTK_WINDOW (window), FRAME_TIMEOUT_MS);

  /* Rows are bound: name and subtitle are on screen. */
  g_assert_nonnull (gloss_ui_test_find_label (list, "harbour-vote.txt"));
  g_assert_nonnull (gloss_ui_test_find_label (list, "2 other annotators"));

  gloss_ui_test_screenshot (list, "corpus-list.png", FRAME_TIMEOUT_MS);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* One row on its own: what each status shows, in words as well as icons
 * (tooltips, which are also what the accessible labels say). */
static void
test_row (void)
{
  g_autoptr(GFile) folder = g_file_new_for_path (tmp_dir);
  g_autoptr(GFile) file = g_file_new_build_filename (tmp_dir, "world", "nested.txt", NULL);
  g_autoptr(GlossCorpusArticle) article = gloss_corpus_article_new (file);
  g_autofree char *location = g_file_get_parse_name (file);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *row = g_object_ref_sink (gloss_corpus_row_new ());
  GtkWidget *image, *box, *title, *subtitle, *count;
  GlossArticleCount status = { GLOSS_ARTICLE_COUNT_NONE, 0, 0, FALSE };

  gtk_window_set_child (GTK_WINDOW (window), row);
  g_assert_cmpstr (gtk_widget_get_css_name (row), ==, "corpusrow");
  image = gtk_widget_get_first_child (row);
  box = gtk_widget_get_next_sibling (image);
  count = gtk_widget_get_last_child (row);
  title = gtk_widget_get_first_child (box);
  subtitle = gtk_widget_get_next_sibling (title);
  g_assert_true (GTK_IS_IMAGE (image));
  g_assert_true (GTK_IS_LABEL (title) && GTK_IS_LABEL (subtitle) && GTK_IS_LABEL (count));
  g_assert_cmpint (gtk_label_get_ellipsize (GTK_LABEL (title)), ==, PANGO_ELLIPSIZE_MIDDLE);

  gloss_corpus_article_set_exists (article, TRUE);

  /* Not started, alone, at the top of the folder. */
  gloss_corpus_row_update (GLOSS_CORPUS_ROW (row), article, &status, NULL);
  g_assert_true (g_file_equal (gloss_corpus_row_get_file (GLOSS_CORPUS_ROW (row)), file));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (title)), ==, "nested.txt");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (title), ==, location);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (image), ==, "Not started");
  g_assert_true (gtk_widget_has_css_class (image, "dim-label"));
  g_assert_false (gtk_widget_get_visible (subtitle));
  g_assert_false (gtk_widget_get_visible (count));
  /* The row is named for screen readers with what it shows. */
  gtk_test_accessible_assert_role (row, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_test_accessible_assert_property (row, GTK_ACCESSIBLE_PROPERTY_LABEL, "nested.txt, Not started");

  /* Started, counted, in a subfolder, with others. */
  status = (GlossArticleCount) { GLOSS_ARTICLE_COUNT_KNOWN, 3, 2, TRUE };
  gloss_corpus_row_update (GLOSS_CORPUS_ROW (row), article, &status, folder);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (image), ==, "Started");
  /* Not a check, which reads as "done" (all rows had one and the folder
   * said "0 of 3 articles done"); the icon comes with the app. */
  g_assert_cmpstr (gtk_image_get_icon_name (GTK_IMAGE (image)), ==, "gloss-article-started-symbolic");
  g_assert_true (g_resources_get_info (RESOURCE_PREFIX "/icons/scalable/actions/gloss-article-started-symbolic.svg",
                                       G_RESOURCE_LOOKUP_FLAGS_NONE, NULL, NULL, NULL));
  g_assert_false (gtk_widget_has_css_class (image, "dim-label"));
  g_assert_true (gtk_widget_get_visible (subtitle));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (subtitle)), ==, "world/ · 2 other annotators");
  g_assert_true (gtk_widget_get_visible (count));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (count)), ==, "3");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (count), ==, "3 annotations");
  gtk_test_accessible_assert_property (row, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "nested.txt, Started, 3 annotations, world/ · 2 other annotators");

  /* Marked done by the annotator: a green check, said as "Done". */
  status = (GlossArticleCount) { GLOSS_ARTICLE_COUNT_KNOWN, 3, 2, TRUE, TRUE };
  gloss_corpus_row_update (GLOSS_CORPUS_ROW (row), article, &status, folder);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (image), ==, "Done");
  g_assert_cmpstr (gtk_image_get_icon_name (GTK_IMAGE (image)), ==, "emblem-default-symbolic");
  g_assert_true (gtk_widget_has_css_class (image, "success"));
  gtk_test_accessible_assert_property (row, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "nested.txt, Done, 3 annotations, world/ · 2 other annotators");

  /* Too large to count while scanning. */
  status = (GlossArticleCount) { GLOSS_ARTICLE_COUNT_SKIPPED, 0, 1, TRUE };
  gloss_corpus_row_update (GLOSS_CORPUS_ROW (row), article, &status, folder);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (count)), ==, "…");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (count), ==, "Too large to count while scanning");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (subtitle)), ==, "world/ · 1 other annotator");

  g_assert_cmpstr (gtk_widget_get_tooltip_text (image), ==, "Started");
  g_assert_false (gtk_widget_has_css_class (image, "success"));

  /* Unreadable annotations: a warning, said in words, and no count. */
  status = (GlossArticleCount) { GLOSS_ARTICLE_COUNT_FAILED, 0, 0, TRUE };
  gloss_corpus_row_update (GLOSS_CORPUS_ROW (row), article, &status, folder);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (image), ==, "Started, but the annotations could not be read");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (subtitle)), ==, "world/ · Your annotations could not be read");
  g_assert_false (gtk_widget_get_visible (count));

  /* A missing article says so first. */
  gloss_corpus_article_set_exists (article, FALSE);
  gloss_corpus_row_update (GLOSS_CORPUS_ROW (row), article, &status, folder);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (subtitle)), ==, "world/ · Article file missing");
  gtk_test_accessible_assert_property (row, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "nested.txt, Started, but the annotations could not be read, world/ · Article file missing");

  gloss_corpus_row_clear (GLOSS_CORPUS_ROW (row));
  g_assert_null (gloss_corpus_row_get_file (GLOSS_CORPUS_ROW (row)));

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (row);
}

/* Unusual rows: a sidecar that does not load, a sidecar whose article is
 * gone, an article in a subfolder. */
static void
test_odd_rows (void)
{
  g_autoptr(GFile) folder = make_folder ("odd");
  g_autoptr(GFile) world = make_folder ("odd/world");
  g_autoptr(GFile) broken = write_article (folder, "broken.txt", "A perfectly fine article.\n");
  g_autoptr(GFile) gone = write_article (folder, "gone.txt", "Soon deleted.\n");
  g_autoptr(GFile) nested = write_article (world, "nested.txt", "Filed under world news.\n");
  g_autoptr(GFile) broken_sidecar = g_file_get_child (folder, "broken.txt.alice.gloss.json");
  g_autoptr(GError) error = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *list = gloss_corpus_list_new ();
  guint n = 0;
  gboolean started = FALSE;

  g_file_replace_contents (broken_sidecar, "{ \"format\": ", 13, NULL, FALSE,
                           G_FILE_CREATE_NONE, NULL, NULL, &error);
  g_assert_no_error (error);
  write_sidecar (gone, "alice", 1);
  g_assert_true (g_file_delete (gone, NULL, &error));
  g_assert_no_error (error);
  write_sidecar (nested, "bilal", 1);

  /* Over the 5 MB counting cap: listed at once, counted when opened. */
  {
    g_autoptr(GString) text = g_string_sized_new (6 * 1024 * 1024 + 64);
    g_autoptr(GFile) huge = NULL;

    while (text->len < 6 * 1024 * 1024)
      g_string_append (text, "The long report continues. ");
    huge = write_article (folder, "huge.txt", text->str);
    write_sidecar (huge, "alice", 2);
  }

  gtk_window_set_default_size (GTK_WINDOW (window), 300, 220);
  gtk_window_set_child (GTK_WINDOW (window), list);
  gloss_corpus_list_load_folder (GLOSS_CORPUS_LIST (list), folder, "alice");
  gloss_ui_test_present_and_wait (GTK_WINDOW (window), FRAME_TIMEOUT_MS);
  gloss_ui_test_wait_until (list_is_loaded, list, TIMEOUT_MS);

  g_assert_cmpuint (gloss_corpus_list_get_n_articles (GLOSS_CORPUS_LIST (list)), ==, 4);
  gloss_ui_test_screenshot (list, "corpus-list-odd.png", FRAME_TIMEOUT_MS);

  /* Unknown counts, but still started. */
  g_assert_true (gloss_corpus_list_get_article_status (GLOSS_CORPUS_LIST (list), broken,
                                                       &n, &started, NULL));
  g_assert_cmpuint (n, ==, G_MAXUINT);
  g_assert_true (started);
  g_assert_true (gloss_corpus_list_get_article_status (GLOSS_CORPUS_LIST (list), gone,
                                                       &n, &started, NULL));
  g_assert_cmpuint (n, ==, G_MAXUINT);
  g_assert_true (started);

  {
    g_autoptr(GFile) huge = g_file_get_child (folder, "huge.txt");

    g_assert_true (gloss_corpus_list_get_article_status (GLOSS_CORPUS_LIST (list), huge,
                                                         &n, &started, NULL));
    g_assert_cmpuint (n, ==, G_MAXUINT);
    g_assert_true (started);
    g_assert_nonnull (gloss_ui_test_find_label (list, "…"));

    /* Once opened, the window knows the figure. */
    gloss_corpus_list_refresh_article (GLOSS_CORPUS_LIST (list), huge, 2);
    g_assert_true (gloss_corpus_list_get_article_status (GLOSS_CORPUS_LIST (list), huge,
                                                         &n, NULL, NULL));
    g_assert_cmpuint (n, ==, 2);
    g_assert_null (gloss_ui_test_find_label (list, "…"));
  }

  g_assert_nonnull (gloss_ui_test_find_label (list, "Article file missing"));
  g_assert_nonnull (gloss_ui_test_find_label (list, "Your annotations could not be read"));
  g_assert_nonnull (gloss_ui_test_find_label (list, "world/ · 1 other annotator"));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Links that loop and special files: each article is listed once, the scan
 * ends (two loops used to leave it on "Scanning…" for ever), and what was
 * left out is said below the list. */
static gboolean
is_label_containing (GtkWidget     *widget,
                     gconstpointer  text)
{
  return GTK_IS_LABEL (widget)
         && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

static void
test_loops_and_special_files (void)
{
  g_autoptr(GFile) folder = make_folder ("loops");
  g_autoptr(GFile) sub = make_folder ("loops/sub");
  g_autoptr(GFile) harbour = write_article (folder, "harbour.txt", "The harbour bridge vote.\n");
  g_autoptr(GFile) nested = write_article (sub, "nested.txt", "Filed under sub.\n");
  g_autofree char *path = g_file_get_path (folder);
  g_autofree char *loop = g_build_filename (path, "loop", NULL);
  g_autofree char *up = g_build_filename (path, "up", NULL);
  g_autofree char *fifo = g_build_filename (path, "pipe.txt", NULL);
  g_autofree char *fifo_sidecar = g_build_filename (path, "harbour.txt.bilal.gloss.json", NULL);
  g_autoptr(GlossCorpusList) list = GLOSS_CORPUS_LIST (g_object_ref_sink (gloss_corpus_list_new ()));
  GtkWidget *expander;
  GtkWidget *details;

  write_sidecar (harbour, "alice", 2);
  g_assert_cmpint (symlink (".", loop), ==, 0);
  g_assert_cmpint (symlink ("..", up), ==, 0);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (mkfifo (fifo_sidecar, 0600), ==, 0);

  gloss_corpus_list_load_folder (list, folder, "alice");
  /* A guard against a scan that never ends, not a measure of its speed. */
  gloss_ui_test_wait_until (list_is_loaded, list, 60000);

  g_assert_cmpuint (gloss_corpus_list_get_n_articles (list), ==, 2);
  assert_status (list, harbour, 2, TRUE, 0);
  g_assert_true (gloss_corpus_list_get_article_status (list, nested, NULL, NULL, NULL));

  expander = gloss_ui_test_find_of_type (GTK_WIDGET (list), GTK_TYPE_EXPANDER);
  g_assert_nonnull (expander);
  g_assert_true (gtk_widget_get_visible (expander));
  g_assert_nonnull (gloss_ui_test_find_label (GTK_WIDGET (list), "4 items skipped while scanning"));
  /* Unfolded, as a curious user would. */
  gtk_expander_set_expanded (GTK_EXPANDER (expander), TRUE);
  details = gloss_ui_test_find_widget (GTK_WIDGET (list), is_label_containing, "loop: a link to “.”");
  g_assert_nonnull (details);
  g_test_message ("%s", gtk_label_get_text (GTK_LABEL (details)));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (details)), "up: a link to “..”"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (details)), "pipe.txt: not a regular file (a FIFO)"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (details)), "harbour.txt.bilal.gloss.json: not a regular file"));

  /* A folder with nothing left out shows no such line. */
  gloss_corpus_list_load_folder (list, sub, "alice");
  gloss_ui_test_wait_until (list_is_loaded, list, 60000);
  g_assert_cmpuint (gloss_corpus_list_get_n_articles (list), ==, 1);
  g_assert_false (gtk_widget_get_visible (expander));
}

/* A broken label file: the articles below it are still counted (without
 * labels), and the file is said below the list, once, as the corpus walk
 * says it; scan problems come first. */
static void
test_broken_labels (void)
{
  g_autoptr(GFile) folder = make_folder ("labels");
  g_autoptr(GFile) sub = make_folder ("labels/sub");
  g_autoptr(GFile) first = write_article (sub, "first.txt", "Filed under sub.\n");
  g_autoptr(GFile) second = write_article (sub, "second.txt", "Also under sub.\n");
  g_autofree char *path = g_file_get_path (folder);
  g_autofree char *fifo = g_build_filename (path, "pipe.txt", NULL);
  g_autoptr(GlossCorpusList) list = GLOSS_CORPUS_LIST (g_object_ref_sink (gloss_corpus_list_new ()));
  GtkWidget *expander;
  GtkWidget *details;
  const char *text;

  write_sidecar (first, "alice", 2);
  write_sidecar (second, "alice", 1);
  gloss_ui_test_write_file (sub, "gloss-labels.json", "{ \"format\": \"gloss-labels\", \"labels\": [ {", -1);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);

  gloss_corpus_list_load_folder (list, folder, "alice");
  gloss_ui_test_wait_until (list_is_loaded, list, TIMEOUT_MS);

  g_assert_cmpuint (gloss_corpus_list_get_n_articles (list), ==, 2);
  assert_status (list, first, 2, TRUE, 0);
  assert_status (list, second, 1, TRUE, 0);

  expander = gloss_ui_test_find_of_type (GTK_WIDGET (list), GTK_TYPE_EXPANDER);
  g_assert_true (gtk_widget_get_visible (expander));
  g_assert_nonnull (gloss_ui_test_find_label (GTK_WIDGET (list), "2 items skipped while scanning"));
  gtk_expander_set_expanded (GTK_EXPANDER (expander), TRUE);
  details = gloss_ui_test_find_widget (GTK_WIDGET (list), is_label_containing, "sub/gloss-labels.json: ");
  g_assert_nonnull (details);
  text = gtk_label_get_text (GTK_LABEL (details));
  g_test_message ("%s", text);
  g_assert_true (g_str_has_prefix (text, "pipe.txt: not a regular file (a FIFO)"));
  g_assert_nonnull (strstr (text, "\nsub/gloss-labels.json: "));
  g_assert_null (strstr (strstr (text, "gloss-labels.json") + 1, "gloss-labels.json"));
}

/* The big corpus: the scan must leave the main loop free. */

typedef struct
{
  gint64           last;
  gint64           max_gap;
  guint            ticks;
  GlossCorpusList *list;
  guint            ran_while_loading;
} Ticker;

static gboolean
tick (gpointer data)
{
  Ticker *ticker = data;
  gint64 now = g_get_monotonic_time ();

  ticker->max_gap = MAX (ticker->max_gap, now - ticker->last);
  ticker->last = now;
  ticker->ticks++;

  return G_SOURCE_CONTINUE;
}

/* The main loop dispatched something while the scan was still going. */
static gboolean
note_loop_ran (gpointer data)
{
  Ticker *ticker = data;

  if (gloss_corpus_list_get_loading (ticker->list))
    ticker->ran_while_loading++;

  return G_SOURCE_REMOVE;
}

static void
test_large_folder (void)
{
  g_autoptr(GFile) folder = make_folder ("large");
  g_autoptr(GlossCorpusList) list = NULL;
  Ticker ticker = { 0 };
  gint64 start, returned, finished;
  guint tick_id;

  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *name = g_strdup_printf ("article-%04u.txt", i);
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(GFile) article = NULL;

      /* About 3 kB, a short news story. */
      g_string_append_printf (text, "Article %u.\n\n", i);
      for (guint p = 0; p < 20; p++)
        g_string_append_printf (text, "The minister said the port would reopen within "
                                "%u days, and that talks would resume on Monday.\n",
                                (i + p) % 30);
      article = write_article (folder, name, text->str);

      /* Every other article is alice's, so counting is part of the cost. */
      if (i % 2 == 0)
        write_sidecar (article, "alice", 12);
    }

  list = GLOSS_CORPUS_LIST (g_object_ref_sink (gloss_corpus_list_new ()));

  ticker.last = g_get_monotonic_time ();
  tick_id = g_timeout_add (1, tick, &ticker);

  start = g_get_monotonic_time ();
  gloss_corpus_list_load_folder (list, folder, "alice");
  returned = g_get_monotonic_time ();
  ticker.last = returned;
  ticker.max_gap = 0;
  ticker.list = list;

  /* The scan runs in a thread: the call returns before it is done, and
   * the main loop keeps running meanwhile. A high-priority idle runs
   * before the scan's result (default priority) can be taken in, however
   * fast or slow the machine: no timing involved. How long things take is
   * printed below, for people, not asserted. */
  g_assert_true (gloss_corpus_list_get_loading (list));
  g_idle_add_full (G_PRIORITY_HIGH, note_loop_ran, &ticker, NULL);
  gloss_ui_test_wait_until (list_is_loaded, list, 4 * TIMEOUT_MS);
  finished = g_get_monotonic_time ();
  g_source_remove (tick_id);

  printf ("# 1000 articles: load_folder() returned in %.2f ms, scan took %.1f ms; "
          "main loop ran %u timer ticks meanwhile, longest gap %.1f ms\n",
          (returned - start) / 1000.0, (finished - start) / 1000.0,
          ticker.ticks, ticker.max_gap / 1000.0);

  g_assert_cmpuint (gloss_corpus_list_get_n_articles (list), ==, 1000);
  {
    g_autoptr(GFile) first = g_file_get_child (folder, "article-0000.txt");
    g_autoptr(GFile) second = g_file_get_child (folder, "article-0001.txt");

    assert_status (list, first, 12, TRUE, 0);
    assert_status (list, second, 0, FALSE, 0);
  }

  g_assert_cmpuint (ticker.ran_while_loading, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gloss_ui_test_init (&argc, &argv);
  if (!gloss_ui_test_init_gtk ())
    return 0;

  tmp_dir = gloss_ui_test_make_tmp_dir ("gloss-corpus-list-XXXXXX");
  make_small_corpus ();

  g_test_add_func ("/corpus-list/load", test_load);
  g_test_add_func ("/corpus-list/other-annotator", test_other_annotator);
  g_test_add_func ("/corpus-list/selection", test_selection);
  g_test_add_func ("/corpus-list/selection-while-loading", test_selection_while_loading);
  g_test_add_func ("/corpus-list/refresh", test_refresh);
  g_test_add_func ("/corpus-list/done", test_done);
  g_test_add_func ("/corpus-list/missing-folder", test_missing_folder);
  g_test_add_func ("/corpus-list/reload-cancels", test_reload_cancels);
  g_test_add_func ("/corpus-list/destroy-while-loading", test_destroy_while_loading);
  g_test_add_func ("/corpus-list/render", test_render_list);
  g_test_add_func ("/corpus-list/row", test_row);
  g_test_add_func ("/corpus-list/odd-rows", test_odd_rows);
  g_test_add_func ("/corpus-list/loops-and-special-files", test_loops_and_special_files);
  g_test_add_func ("/corpus-list/broken-labels", test_broken_labels);
  g_test_add_func ("/corpus-list/large-folder", test_large_folder);

  status = g_test_run ();

  g_clear_object (&corpus.folder);
  g_clear_object (&corpus.harbour);
  g_clear_object (&corpus.river);
  g_clear_object (&corpus.grain);
  gloss_test_remove_tree (tmp_dir);
  g_free (tmp_dir);

  return status;
}
