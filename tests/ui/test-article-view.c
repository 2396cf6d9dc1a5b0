/* test-article-view.c — the article view: highlights, selection, label keys, search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb (tests/ui/xvfb-test-wrapper.sh); skips with no display.
 * GTK_A11Y=test GSK_RENDERER=cairo GDK_BACKEND=x11 are expected, as set
 * by the wrapper.
 */
#include "config.h"

#include <string.h>

#include <gtk/gtk.h>

#include "gloss.h"
#include "gloss-article-view.h"
#include "gloss-article-view-private.h"
#include "gloss-session.h"
#include "gloss-window-private.h"
#include "gloss-ui-test.h"

#define TIMEOUT_MS 20000  /* generous: CI machines are busy */

/* A short article with a four-person ZWJ family emoji (seven code points,
 * one grapheme) and a flag (two code points) before the annotated text, so
 * that a byte or UTF-16 offset anywhere would put every highlight in the
 * wrong place; and curly quotes around the quote. */
static const char *article =
  "Talks resume 👨‍👩‍👧‍👦 in Geneva 🇺🇦\n"
  "\n"
  "The minister said “Ukraine will not back down” after meeting Olena "
  "Kovalenko on Tuesday.\n"
  "\n"
  "Officials expect a deal by March; critics doubt it. Geneva hosts the "
  "talks again  next week.\n";

typedef struct
{
  char             *dir;
  GlossSession     *session;
  GlossAnnotationSet *set;
  GtkWidget        *window;
  GlossArticleView *view;
  GSimpleActionGroup *actions;
  char             *annotated_label;
} Fixture;

/* ------------------------------------------------------------------ */
/* Helpers                                                              */
/* ------------------------------------------------------------------ */

/* Code-point offset of the @nth (0-based) occurrence of @needle, computed
 * without GlossDocument, so that the view's offsets are checked, not
 * trusted. */
static guint
cp_offset_nth (const char *text,
               const char *needle,
               guint       nth)
{
  const char *found = strstr (text, needle);

  for (guint i = 0; i < nth && found != NULL; i++)
    found = strstr (found + 1, needle);

  g_assert_nonnull (found);
  return (guint)g_utf8_pointer_to_offset (text, found);
}

static guint
cp_offset (const char *text,
           const char *needle)
{
  return cp_offset_nth (text, needle, 0);
}

static guint
cp_end (const char *text,
        const char *needle)
{
  return cp_offset (text, needle) + (guint)g_utf8_strlen (needle, -1);
}

static void
annotate_cb (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  Fixture *fixture = user_data;

  g_free (fixture->annotated_label);
  fixture->annotated_label = g_variant_dup_string (parameter, NULL);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  static const GActionEntry entries[] = {
    { .name = "annotate", .activate = annotate_cb, .parameter_type = "s" },
  };

  fixture->dir = gloss_ui_test_make_tmp_dir ("gloss-article-view-XXXXXX");

  fixture->session = gloss_ui_test_open_session (fixture->dir, "geneva.txt", article, "tester");
  fixture->set = gloss_session_get_annotations (fixture->session);

  fixture->view = GLOSS_ARTICLE_VIEW (gloss_article_view_new ());
  gloss_article_view_set_font (fixture->view, "Serif 13");
  gloss_article_view_set_session (fixture->view, fixture->session);

  /* The window's "win.annotate", which the label keys activate. */
  fixture->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (fixture->actions),
                                   entries, G_N_ELEMENTS (entries), fixture);

  fixture->window = gtk_window_new ();
  gtk_widget_insert_action_group (fixture->window, "win", G_ACTION_GROUP (fixture->actions));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 900, 600);
  {
    GtkWidget *scrolled = gtk_scrolled_window_new ();

    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (fixture->view));
    gtk_window_set_child (GTK_WINDOW (fixture->window), scrolled);
  }
  gloss_ui_test_present_and_wait (GTK_WINDOW (fixture->window), TIMEOUT_MS);
}

/* Lets @session finish writing its sidecar. */
static void
close_session (GlossSession *session)
{
  g_autoptr(GError) error = NULL;

  gloss_ui_test_close_session (session, TIMEOUT_MS, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  gloss_ui_test_spin_idle ();
  close_session (fixture->session);
  g_clear_object (&fixture->session);
  g_clear_object (&fixture->actions);
  g_clear_pointer (&fixture->annotated_label, g_free);
  gloss_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static GlossAnnotation *
create (Fixture    *fixture,
        const char *label,
        guint       start,
        guint       end)
{
  g_autoptr(GError) error = NULL;
  GlossAnnotation *annotation = gloss_annotation_set_create (fixture->set, label, start, end, &error);

  g_assert_no_error (error);
  g_assert_nonnull (annotation);

  return annotation;
}

static GlossAnnotation *
create_on (Fixture    *fixture,
           const char *label,
           const char *text)
{
  return create (fixture, label, cp_offset (article, text), cp_end (article, text));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

/* The labels at @offset, sorted and joined with spaces ("" for none). */
static char *
labels_at (GlossArticleView *view,
           guint             offset)
{
  g_auto(GStrv) labels = gloss_article_view_dup_labels_at (view, offset);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

  for (guint i = 0; labels[i] != NULL; i++)
    g_ptr_array_add (sorted, labels[i]);
  g_ptr_array_sort (sorted, compare_strings);
  g_ptr_array_add (sorted, NULL);

  return g_strjoinv (" ", (char **)sorted->pdata);
}

#define assert_labels_at(view, offset, expected) \
  G_STMT_START { \
    g_autofree char *_labels = labels_at ((view), (offset)); \
    g_assert_cmpstr (_labels, ==, (expected)); \
  } G_STMT_END

static gboolean
has_tag_at (GlossArticleView *view,
            const char       *tag_name,
            guint             offset)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), tag_name);
  GtkTextIter iter;

  g_assert_nonnull (tag);
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int)offset);

  return gtk_text_iter_has_tag (&iter, tag);
}

static void
buffer_selection (GlossArticleView *view,
                  guint            *start,
                  guint            *end)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start_iter, end_iter;

  gtk_text_buffer_get_selection_bounds (buffer, &start_iter, &end_iter);
  *start = (guint)gtk_text_iter_get_offset (&start_iter);
  *end = (guint)gtk_text_iter_get_offset (&end_iter);
}

/* ------------------------------------------------------------------ */
/* Tests                                                                */
/* ------------------------------------------------------------------ */

static void
test_text_and_layout (Fixture       *fixture,
                      gconstpointer  user_data)
{
  GtkTextView *text_view = GTK_TEXT_VIEW (fixture->view);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view);
  GtkTextIter start_iter, end_iter;
  g_autofree char *text = NULL;
  int left, right;

  gtk_text_buffer_get_bounds (buffer, &start_iter, &end_iter);
  text = gtk_text_buffer_get_text (buffer, &start_iter, &end_iter, TRUE);
  g_assert_cmpstr (text, ==, article);

  g_assert_false (gtk_text_view_get_editable (text_view));
  g_assert_true (gtk_text_view_get_cursor_visible (text_view));
  g_assert_cmpint (gtk_text_view_get_wrap_mode (text_view), ==, GTK_WRAP_WORD_CHAR);
  g_assert_cmpstr (gloss_article_view_get_font (fixture->view), ==, "Serif 13");

  /* 900 px is wider than 72 characters of 13 pt text: the column is
   * centred between equal margins wider than the minimum. */
  left = gtk_text_view_get_left_margin (text_view);
  right = gtk_text_view_get_right_margin (text_view);
  g_test_message ("margins at %d px: %d + %d", gtk_widget_get_width (GTK_WIDGET (text_view)), left, right);
  g_assert_cmpint (left, >, 24);
  g_assert_cmpint (left, ==, right);

  /* A narrower column means wider margins. */
  gloss_article_view_set_line_width (fixture->view, 40);
  gloss_ui_test_present_and_wait (GTK_WINDOW (fixture->window), TIMEOUT_MS);
  g_assert_cmpint (gtk_text_view_get_left_margin (text_view), >, left);

  /* A window narrower than the column keeps the minimum margin. */
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 200, 300);
  gloss_ui_test_present_and_wait (GTK_WINDOW (fixture->window), TIMEOUT_MS);
  g_assert_cmpint (gtk_text_view_get_left_margin (text_view), ==, 24);
}

static void
test_highlights (Fixture       *fixture,
                 gconstpointer  user_data)
{
  const char *claim = "The minister said “Ukraine will not back down” after meeting Olena Kovalenko on Tuesday.";
  const char *quote = "“Ukraine will not back down”";
  GlossArticleView *view = fixture->view;
  guint claim_start = cp_offset (article, claim);
  guint claim_end = cp_end (article, claim);

  create_on (fixture, "claim", claim);
  create_on (fixture, "quote", quote);
  create_on (fixture, "location", "Ukraine");
  create_on (fixture, "person", "Olena Kovalenko");

  /* The emoji before are 9 code points, but 33 UTF-8 bytes and 15 UTF-16
   * units: the claim starts at 35 only when counting code points. */
  g_assert_cmpuint (claim_start, ==, 35);
  assert_labels_at (view, claim_start - 1, "");
  assert_labels_at (view, claim_start, "claim");
  assert_labels_at (view, cp_offset (article, "said"), "claim");
  assert_labels_at (view, cp_offset (article, quote), "claim quote");
  /* Nested three deep: entity inside quote inside claim. */
  assert_labels_at (view, cp_offset (article, "Ukraine"), "claim location quote");
  assert_labels_at (view, cp_end (article, "Ukraine") - 1, "claim location quote");
  assert_labels_at (view, cp_end (article, "Ukraine"), "claim quote");
  assert_labels_at (view, cp_end (article, quote) - 1, "claim quote");
  assert_labels_at (view, cp_end (article, quote), "claim");
  assert_labels_at (view, cp_offset (article, "Olena"), "claim person");
  assert_labels_at (view, cp_end (article, "Kovalenko") - 1, "claim person");
  assert_labels_at (view, cp_end (article, "Kovalenko"), "claim");
  assert_labels_at (view, claim_end - 1, "claim");
  assert_labels_at (view, claim_end, "");
  assert_labels_at (view, 0, "");

  /* An unknown label is drawn (grey) and reported as it is. */
  create_on (fixture, "rumour", "critics doubt it");
  assert_labels_at (view, cp_offset (article, "doubt"), "rumour");

  /* The tooltip lists every span under the pointer, innermost last. */
  {
    g_autofree char *tooltip = gloss_article_view_dup_tooltip_text (view, cp_offset (article, "Ukraine"));
    g_auto(GStrv) lines = g_strsplit (tooltip, "\n", -1);

    g_assert_cmpuint (g_strv_length (lines), ==, 3);
    g_assert_true (g_str_has_prefix (lines[0], "Claim: “The minister said"));
    g_assert_true (strstr (lines[0], " … ") != NULL);  /* shortened */
    g_assert_true (g_str_has_suffix (lines[0], "on Tuesday.”"));
    g_assert_cmpstr (lines[1], ==, "Quote: “Ukraine will not back down”");
    g_assert_cmpstr (lines[2], ==, "Location: “Ukraine”");
    g_test_message ("tooltip:\n%s", tooltip);
  }
  {
    g_autofree char *tooltip = gloss_article_view_dup_tooltip_text (view, cp_offset (article, "doubt"));

    g_assert_cmpstr (tooltip, ==, "rumour (unknown label): “critics doubt it”");
    g_assert_null (gloss_article_view_dup_tooltip_text (view, 0));
  }

  /* The same, through the widget's query-tooltip at the pixel position of
   * a character: the pointer path finds the character. */
  {
    GtkTextView *text_view = GTK_TEXT_VIEW (view);
    GtkTextIter iter;
    GdkRectangle rect;
    int x, y;
    gboolean shown = FALSE;
    g_autoptr(GtkTooltip) tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);

    gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (text_view), &iter,
                                        (int)cp_offset (article, "Ukraine") + 2);
    gtk_text_view_get_iter_location (text_view, &iter, &rect);
    gtk_text_view_buffer_to_window_coords (text_view, GTK_TEXT_WINDOW_WIDGET,
                                           rect.x + rect.width / 2, rect.y + rect.height / 2, &x, &y);
    g_signal_emit_by_name (view, "query-tooltip", x, y, FALSE, tooltip, &shown);
    g_assert_true (shown);

    gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (text_view), &iter, 2);
    gtk_text_view_get_iter_location (text_view, &iter, &rect);
    gtk_text_view_buffer_to_window_coords (text_view, GTK_TEXT_WINDOW_WIDGET,
                                           rect.x + rect.width / 2, rect.y + rect.height / 2, &x, &y);
    g_signal_emit_by_name (view, "query-tooltip", x, y, FALSE, tooltip, &shown);
    g_assert_false (shown);
  }
}

static void
test_incremental (Fixture       *fixture,
                  gconstpointer  user_data)
{
  GlossArticleView *view = fixture->view;
  guint geneva = cp_offset_nth (article, "Geneva", 1);
  GlossAnnotation *annotation;
  GlossAnnotation *outer;
  g_autoptr(GError) error = NULL;

  outer = create_on (fixture, "claim", "Geneva hosts the talks again");
  assert_labels_at (view, geneva, "claim");

  /* Added: the tag appears. */
  annotation = create (fixture, "misc", geneva, geneva + 6);
  assert_labels_at (view, geneva, "claim misc");
  assert_labels_at (view, geneva + 5, "claim misc");
  assert_labels_at (view, geneva + 6, "claim");

  /* Label changed: the tag changes. */
  g_assert_true (gloss_annotation_set_change_label (fixture->set, annotation, "location", &error));
  g_assert_no_error (error);
  assert_labels_at (view, geneva, "claim location");

  /* Bounds changed: old span repainted, new one drawn. */
  {
    guint hosts = cp_offset (article, "hosts");

    g_assert_true (gloss_annotation_set_change_bounds (fixture->set, annotation, hosts, hosts + 5, &error));
    g_assert_no_error (error);
    assert_labels_at (view, geneva, "claim");
    assert_labels_at (view, hosts, "claim location");
    g_assert_true (gloss_annotation_set_undo (fixture->set, &error));
    g_assert_no_error (error);
    assert_labels_at (view, geneva, "claim location");
    assert_labels_at (view, hosts, "claim");
  }

  /* Removed: gone, the enclosing claim stays. */
  g_object_ref (annotation);
  g_assert_true (gloss_annotation_set_remove (fixture->set, annotation, &error));
  g_assert_no_error (error);
  assert_labels_at (view, geneva, "claim");

  /* Undo: back. */
  g_assert_true (gloss_annotation_set_undo (fixture->set, &error));
  g_assert_no_error (error);
  assert_labels_at (view, geneva, "claim location");
  g_assert_true (gloss_annotation_set_undo (fixture->set, &error));
  g_assert_no_error (error);
  assert_labels_at (view, geneva, "claim misc");

  /* Redo twice: relabelled, removed again. */
  g_assert_true (gloss_annotation_set_redo (fixture->set, &error));
  g_assert_no_error (error);
  assert_labels_at (view, geneva, "claim location");
  g_assert_true (gloss_annotation_set_redo (fixture->set, &error));
  g_assert_no_error (error);
  assert_labels_at (view, geneva, "claim");

  /* Removing the outer span leaves nothing. */
  g_assert_true (gloss_annotation_set_remove (fixture->set, outer, &error));
  g_assert_no_error (error);
  assert_labels_at (view, geneva, "");
  assert_labels_at (view, cp_offset (article, "talks again"), "");

  g_object_unref (annotation);
}

static void
test_selection_snapping (Fixture       *fixture,
                         gconstpointer  user_data)
{
  GlossArticleView *view = fixture->view;
  guint family = cp_offset (article, "👨");
  guint flag = cp_offset (article, "🇺🇦");
  guint start, end;

  g_assert_false (gloss_article_view_get_selection_range (view, &start, &end));

  /* Mid-word at both ends: whole words. */
  gloss_article_view_select_range (view, cp_offset (article, "minister") + 3, cp_offset (article, "said") + 2);
  g_assert_true (gloss_article_view_get_selection_range (view, &start, &end));
  g_assert_cmpuint (start, ==, cp_offset (article, "minister"));
  g_assert_cmpuint (end, ==, cp_end (article, "minister said"));

  /* Spaces around are left out. */
  gloss_article_view_select_range (view, cp_offset (article, " after meeting"), cp_end (article, "after meeting "));
  g_assert_true (gloss_article_view_get_selection_range (view, &start, &end));
  g_assert_cmpuint (start, ==, cp_offset (article, "after"));
  g_assert_cmpuint (end, ==, cp_end (article, "after meeting"));

  /* …trailing ones too, even several. */
  gloss_article_view_select_range (view, cp_offset (article, "again  next"), cp_offset (article, "next week"));
  g_assert_true (gloss_article_view_get_selection_range (view, &start, &end));
  g_assert_cmpuint (start, ==, cp_offset (article, "again"));
  g_assert_cmpuint (end, ==, cp_end (article, "again"));

  /* Only spaces: nothing. */
  gloss_article_view_select_range (view, cp_end (article, "again"), cp_end (article, "again") + 2);
  g_assert_false (gloss_article_view_get_selection_range (view, &start, &end));

  /* Inside the emoji sequences: widened to whole graphemes. */
  gloss_article_view_select_range (view, family + 3, cp_offset (article, "in Geneva") + 1);
  g_assert_true (gloss_article_view_get_selection_range (view, &start, &end));
  g_assert_cmpuint (start, ==, family);
  g_assert_cmpuint (end, ==, cp_end (article, "in"));

  gloss_article_view_select_range (view, flag + 1, flag + 1 + 0);
  g_assert_false (gloss_article_view_get_selection_range (view, &start, &end));
  gloss_article_view_select_range (view, cp_offset (article, "Geneva 🇺🇦"), flag + 1);
  g_assert_true (gloss_article_view_get_selection_range (view, &start, &end));
  g_assert_cmpuint (start, ==, cp_offset (article, "Geneva"));
  g_assert_cmpuint (end, ==, flag + 2);

  /* Without snapping to words: mid-word stays, graphemes still whole. */
  gloss_article_view_set_snap_to_words (view, FALSE);
  g_assert_false (gloss_article_view_get_snap_to_words (view));
  gloss_article_view_select_range (view, cp_offset (article, "minister") + 3, cp_offset (article, "said") + 2);
  g_assert_true (gloss_article_view_get_selection_range (view, &start, &end));
  g_assert_cmpuint (start, ==, cp_offset (article, "minister") + 3);
  g_assert_cmpuint (end, ==, cp_offset (article, "said") + 2);
  gloss_article_view_select_range (view, family + 1, family + 4);
  g_assert_true (gloss_article_view_get_selection_range (view, &start, &end));
  g_assert_cmpuint (start, ==, family);
  g_assert_cmpuint (end, ==, family + 7);
}

static void
test_label_keys (Fixture       *fixture,
                 gconstpointer  user_data)
{
  GlossLabelSet *labels = gloss_session_get_labels (fixture->session);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (fixture->view));
  GtkShortcutController *keys = NULL;
  guint n_keys = 0;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (g_strcmp0 (gtk_event_controller_get_name (controller), "gloss-label-keys") == 0)
        keys = GTK_SHORTCUT_CONTROLLER (controller);
    }
  g_assert_nonnull (keys);
  g_assert_cmpint (gtk_shortcut_controller_get_scope (keys), ==, GTK_SHORTCUT_SCOPE_LOCAL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (labels)); i++)
    {
      g_autoptr(GlossLabel) label = g_list_model_get_item (G_LIST_MODEL (labels), i);
      gunichar key = gloss_label_get_shortcut (label);
      gboolean found = FALSE;

      if (key == 0)
        continue;
      n_keys++;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (keys)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (keys), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);
          GVariant *arguments = gtk_shortcut_get_arguments (shortcut);

          if (!GTK_IS_KEYVAL_TRIGGER (trigger)
              || gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) != gdk_unicode_to_keyval (key))
            continue;

          g_assert_cmpint (gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)), ==, 0);
          g_assert_true (GTK_IS_NAMED_ACTION (action));
          g_assert_cmpstr (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), ==, "win.annotate");
          g_assert_nonnull (arguments);
          g_assert_cmpstr (g_variant_get_string (arguments, NULL), ==, gloss_label_get_id (label));
          found = TRUE;

          /* Activated from the view, it reaches the window's action. */
          g_clear_pointer (&fixture->annotated_label, g_free);
          g_assert_true (gtk_shortcut_action_activate (action, 0, GTK_WIDGET (fixture->view), arguments));
          g_assert_cmpstr (fixture->annotated_label, ==, gloss_label_get_id (label));
        }

      g_assert_true (found);
    }

  /* The built-in set: c, q, p, o, l, m. */
  g_assert_cmpuint (n_keys, ==, 6);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (keys)), ==, n_keys);
}

static void
on_notify_count (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_selected_annotation (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  const char *quote = "“Ukraine will not back down”";
  GlossArticleView *view = fixture->view;
  GlossAnnotation *claim = create_on (fixture, "claim", "The minister said “Ukraine will not back down”");
  GlossAnnotation *annotation = create_on (fixture, "quote", quote);
  guint quote_start = cp_offset (article, quote);
  guint quote_end = cp_end (article, quote);
  guint notified = 0;
  guint start, end;

  g_signal_connect (view, "notify::selected-annotation", G_CALLBACK (on_notify_count), &notified);

  gloss_article_view_set_selected_annotation (view, annotation);
  g_assert_true (gloss_article_view_get_selected_annotation (view) == annotation);
  g_assert_cmpuint (notified, ==, 1);

  /* Emphasised exactly over its span, and its text selected. */
  g_assert_false (has_tag_at (view, "gloss-selected", quote_start - 1));
  g_assert_true (has_tag_at (view, "gloss-selected", quote_start));
  g_assert_true (has_tag_at (view, "gloss-selected", quote_end - 1));
  g_assert_false (has_tag_at (view, "gloss-selected", quote_end));
  buffer_selection (view, &start, &end);
  g_assert_cmpuint (start, ==, quote_start);
  g_assert_cmpuint (end, ==, quote_end);
  g_assert_true (gtk_text_buffer_get_has_selection (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view))));
  {
    gboolean has_selection = FALSE;

    g_object_get (view, "has-selection", &has_selection, NULL);
    g_assert_true (has_selection);
  }

  /* Its label changes (a label key on the selected span): still selected. */
  g_assert_true (gloss_annotation_set_change_label (fixture->set, annotation, "claim", &error));
  g_assert_no_error (error);
  gloss_ui_test_spin_idle ();
  g_assert_true (gloss_article_view_get_selected_annotation (view) == annotation);
  g_assert_true (has_tag_at (view, "gloss-selected", quote_start));

  /* Selecting other text: no longer the one a label key acts on. */
  gloss_article_view_select_range (view, cp_offset (article, "Olena"), cp_end (article, "Olena"));
  g_assert_null (gloss_article_view_get_selected_annotation (view));
  g_assert_false (has_tag_at (view, "gloss-selected", quote_start));

  /* Removing the selected annotation clears the selection. */
  gloss_article_view_set_selected_annotation (view, claim);
  g_assert_true (has_tag_at (view, "gloss-selected", cp_offset (article, "minister")));
  g_assert_true (gloss_annotation_set_remove (fixture->set, claim, &error));
  g_assert_no_error (error);
  gloss_ui_test_spin_idle ();
  g_assert_null (gloss_article_view_get_selected_annotation (view));
  g_assert_false (has_tag_at (view, "gloss-selected", cp_offset (article, "minister")));

  gloss_article_view_set_selected_annotation (view, NULL);
  g_assert_null (gloss_article_view_get_selected_annotation (view));
}

static void
test_search (Fixture       *fixture,
             gconstpointer  user_data)
{
  GlossArticleView *view = fixture->view;
  guint first = cp_offset_nth (article, "Geneva", 0);
  guint second = cp_offset_nth (article, "Geneva", 1);
  guint start, end;

  g_assert_cmpuint (gloss_article_view_set_search (view, "geneva"), ==, 2);
  g_assert_true (has_tag_at (view, "gloss-search-match", first));
  g_assert_true (has_tag_at (view, "gloss-search-match", second + 5));
  g_assert_false (has_tag_at (view, "gloss-search-match", second + 6));

  /* From the start: the first, the second, then wrapping to the first. */
  gloss_article_view_select_range (view, 0, 0);
  g_assert_true (gloss_article_view_search_next (view, FALSE));
  buffer_selection (view, &start, &end);
  g_assert_cmpuint (start, ==, first);
  g_assert_cmpuint (end, ==, first + 6);
  g_assert_true (gloss_article_view_search_next (view, FALSE));
  buffer_selection (view, &start, &end);
  g_assert_cmpuint (start, ==, second);
  g_assert_true (gloss_article_view_search_next (view, FALSE));
  buffer_selection (view, &start, &end);
  g_assert_cmpuint (start, ==, first);

  /* Backwards from the first wraps to the last. */
  g_assert_true (gloss_article_view_search_next (view, TRUE));
  buffer_selection (view, &start, &end);
  g_assert_cmpuint (start, ==, second);

  /* Case-insensitive, after the emoji, with curly quotes in the needle. */
  g_assert_cmpuint (gloss_article_view_set_search (view, "THE"), ==, 2);
  g_assert_cmpuint (gloss_article_view_set_search (view, "“ukraine"), ==, 1);
  g_assert_true (has_tag_at (view, "gloss-search-match", cp_offset (article, "“Ukraine")));
  g_assert_cmpuint (gloss_article_view_set_search (view, "👩"), ==, 1);

  /* No match, and clearing. */
  g_assert_cmpuint (gloss_article_view_set_search (view, "Zürich"), ==, 0);
  g_assert_false (gloss_article_view_search_next (view, FALSE));
  g_assert_cmpuint (gloss_article_view_set_search (view, "geneva"), ==, 2);
  g_assert_cmpuint (gloss_article_view_set_search (view, NULL), ==, 0);
  g_assert_false (has_tag_at (view, "gloss-search-match", first));
}

/* The ranges of text @tag_name is applied to, "start-end start-end …"
 * ("" for none). */
static char *
tag_ranges (GlossArticleView *view,
            const char       *tag_name)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), tag_name);
  g_autoptr(GString) ranges = g_string_new (NULL);
  GtkTextIter iter;

  g_assert_nonnull (tag);
  gtk_text_buffer_get_start_iter (buffer, &iter);
  for (;;)
    {
      int start;

      if (!gtk_text_iter_has_tag (&iter, tag)
          && !gtk_text_iter_forward_to_tag_toggle (&iter, tag))
        break;
      start = gtk_text_iter_get_offset (&iter);
      gtk_text_iter_forward_to_tag_toggle (&iter, tag);
      g_string_append_printf (ranges, "%s%d-%d", ranges->len > 0 ? " " : "",
                              start, gtk_text_iter_get_offset (&iter));
      if (gtk_text_iter_is_end (&iter))
        break;
    }

  return g_string_free (g_steal_pointer (&ranges), FALSE);
}

#define assert_tag_ranges(view, tag_name, expected) \
  G_STMT_START { \
    g_autofree char *_ranges = tag_ranges ((view), (tag_name)); \
    g_assert_cmpstr (_ranges, ==, (expected)); \
  } G_STMT_END

/* Every apply-tag and remove-tag of the buffer, "+name start-end" or
 * "-name start-end", joined with ", ". */
static void
on_tag_changed (GString     *changes,
                GtkTextTag  *tag,
                GtkTextIter *start,
                GtkTextIter *end,
                gboolean     applied)
{
  g_autofree char *name = NULL;

  g_object_get (tag, "name", &name, NULL);
  g_string_append_printf (changes, "%s%c%s %d-%d", changes->len > 0 ? ", " : "",
                          applied ? '+' : '-', name,
                          gtk_text_iter_get_offset (start), gtk_text_iter_get_offset (end));
}

static void
on_apply_tag (GtkTextBuffer *buffer,
              GtkTextTag    *tag,
              GtkTextIter   *start,
              GtkTextIter   *end,
              GString       *changes)
{
  on_tag_changed (changes, tag, start, end, TRUE);
}

static void
on_remove_tag (GtkTextBuffer *buffer,
               GtkTextTag    *tag,
               GtkTextIter   *start,
               GtkTextIter   *end,
               GString       *changes)
{
  on_tag_changed (changes, tag, start, end, FALSE);
}

static GString *
watch_tag_changes (GlossArticleView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GString *changes = g_string_new (NULL);

  g_signal_connect (buffer, "apply-tag", G_CALLBACK (on_apply_tag), changes);
  g_signal_connect (buffer, "remove-tag", G_CALLBACK (on_remove_tag), changes);

  return changes;
}

static void
unwatch_tag_changes (GlossArticleView *view,
                     GString          *changes)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));

  g_signal_handlers_disconnect_by_data (buffer, changes);
  g_string_free (changes, TRUE);
}

#define assert_changes(changes, expected) \
  G_STMT_START { \
    g_assert_cmpstr ((changes)->str, ==, (expected)); \
    g_string_truncate ((changes), 0); \
  } G_STMT_END

static void
assert_selected_color (GlossArticleView *view,
                       const char       *label)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "gloss-selected");
  g_autoptr(GdkRGBA) color = NULL;
  GdkRGBA expected;

  g_object_get (tag, "background-rgba", &color, NULL);
  gloss_article_view_paint_selected_color (view, label, &expected);
  g_assert_nonnull (color);
  g_assert_true (gdk_rgba_equal (color, &expected));
}

/* The selected annotation's tag is changed only where it was and where it
 * goes — GtkTextBuffer redraws, or lays out again, every line of the range
 * a tag is removed from, tagged or not — and it covers exactly the
 * selected span, in its label's colour. */
static void
test_selected_tag (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  GlossArticleView *view = fixture->view;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "gloss-selected");
  GlossAnnotation *quote = create_on (fixture, "quote", "“Ukraine will not back down”");
  GlossAnnotation *person = create_on (fixture, "person", "Olena Kovalenko");
  g_autofree char *quote_range = g_strdup_printf ("%u-%u", gloss_annotation_get_start (quote),
                                                  gloss_annotation_get_end (quote));
  g_autofree char *person_range = g_strdup_printf ("%u-%u", gloss_annotation_get_start (person),
                                                   gloss_annotation_get_end (person));
  g_autofree char *expected = NULL;
  GString *changes = watch_tag_changes (view);
  GdkRGBA person_color;
  gboolean overline_set = TRUE;

  assert_tag_ranges (view, "gloss-selected", "");

  gloss_article_view_set_selected_annotation (view, quote);
  assert_tag_ranges (view, "gloss-selected", quote_range);
  assert_selected_color (view, "quote");
  expected = g_strdup_printf ("+gloss-selected %s", quote_range);
  assert_changes (changes, expected);

  /* As Tab does: the tag leaves the quote only, and covers the person. */
  gloss_article_view_set_selected_annotation (view, person);
  assert_tag_ranges (view, "gloss-selected", person_range);
  assert_selected_color (view, "person");
  g_free (expected);
  expected = g_strdup_printf ("-gloss-selected %s, +gloss-selected %s", quote_range, person_range);
  assert_changes (changes, expected);

  /* Its colour follows the label; the span is not tagged again. */
  gloss_article_view_paint_selected_color (view, "person", &person_color);
  g_assert_true (gloss_annotation_set_change_label (fixture->set, person, "organization", &error));
  g_assert_no_error (error);
  gloss_ui_test_spin_idle ();
  g_assert_true (gloss_article_view_get_selected_annotation (view) == person);
  assert_selected_color (view, "organization");
  {
    g_autoptr(GdkRGBA) color = NULL;

    g_object_get (tag, "background-rgba", &color, NULL);
    g_assert_false (gdk_rgba_equal (color, &person_color));
  }
  assert_tag_ranges (view, "gloss-selected", person_range);
  assert_changes (changes, "");

  /* A background only: an overline (or a font, an underline) would make
   * GtkTextView lay its lines out again at each change; the painting draws
   * the overline. */
  g_object_get (tag, "overline-set", &overline_set, NULL);
  g_assert_false (overline_set);

  /* Deleted while selected: nothing left behind. */
  g_assert_true (gloss_annotation_set_remove (fixture->set, person, &error));
  g_assert_no_error (error);
  gloss_ui_test_spin_idle ();
  g_assert_null (gloss_article_view_get_selected_annotation (view));
  assert_tag_ranges (view, "gloss-selected", "");
  g_free (expected);
  expected = g_strdup_printf ("-gloss-selected %s", person_range);
  assert_changes (changes, expected);

  /* Nothing selected, nothing to do. */
  gloss_article_view_set_selected_annotation (view, NULL);
  assert_changes (changes, "");

  unwatch_tag_changes (view, changes);
}

/* Search matches are untagged where they were, not over the whole text. */
static void
test_search_tag (Fixture       *fixture,
                 gconstpointer  user_data)
{
  GlossArticleView *view = fixture->view;
  guint first = cp_offset_nth (article, "Geneva", 0);
  guint second = cp_offset_nth (article, "Geneva", 1);
  guint minister = cp_offset (article, "minister");
  g_autofree char *expected = NULL;
  GString *changes;

  g_assert_cmpuint (gloss_article_view_set_search (view, "geneva"), ==, 2);
  expected = g_strdup_printf ("%u-%u %u-%u", first, first + 6, second, second + 6);
  assert_tag_ranges (view, "gloss-search-match", expected);

  changes = watch_tag_changes (view);
  g_assert_cmpuint (gloss_article_view_set_search (view, "minister"), ==, 1);
  g_free (expected);
  expected = g_strdup_printf ("-gloss-search-match %u-%u, +gloss-search-match %u-%u",
                              first, second + 6, minister, minister + 8);
  assert_changes (changes, expected);

  g_assert_cmpuint (gloss_article_view_set_search (view, NULL), ==, 0);
  g_free (expected);
  expected = g_strdup_printf ("-gloss-search-match %u-%u", minister, minister + 8);
  assert_changes (changes, expected);
  assert_tag_ranges (view, "gloss-search-match", "");

  /* Nothing to clear: nothing is done. */
  g_assert_cmpuint (gloss_article_view_set_search (view, NULL), ==, 0);
  assert_changes (changes, "");

  unwatch_tag_changes (view, changes);
}

typedef struct
{
  guchar r, g, b;
} Pixel;

/* A pixel of the view's rendering, in widget coordinates. */
static Pixel
pixel_at (GdkTexture *texture,
          int         x,
          int         y)
{
  g_autoptr(GlossUiTestImage) image = gloss_ui_test_image_new (texture);
  Pixel pixel;

  gloss_ui_test_image_get_rgb (image, x, y, &pixel.r, &pixel.g, &pixel.b);
  return pixel;
}

/* The widget-coordinate box of the character at @offset. */
static GdkRectangle
char_box (GlossArticleView *view,
          guint             offset)
{
  GtkTextView *text_view = GTK_TEXT_VIEW (view);
  GtkTextIter iter;
  GdkRectangle rect;

  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (text_view), &iter, (int)offset);
  gtk_text_view_get_iter_location (text_view, &iter, &rect);
  gtk_text_view_buffer_to_window_coords (text_view, GTK_TEXT_WINDOW_WIDGET,
                                         rect.x, rect.y, &rect.x, &rect.y);
  return rect;
}

/* The middle of a space: no glyph, only what is drawn under the text. */
static Pixel
space_pixel (GdkTexture       *texture,
             GlossArticleView *view,
             guint             offset)
{
  GdkRectangle box = char_box (view, offset);

  g_assert_cmpuint (g_utf8_get_char (g_utf8_offset_to_pointer (article, offset)), ==, ' ');
  return pixel_at (texture, box.x + box.width / 2, box.y + box.height / 3);
}

static gboolean
same_pixel (Pixel a,
            Pixel b)
{
  return ABS (a.r - b.r) <= 2 && ABS (a.g - b.g) <= 2 && ABS (a.b - b.b) <= 2;
}

typedef struct
{
  GlossArticleView *view;
  guint             frames;
} FrameWait;

static gboolean
next_view_frame_seen (gpointer data)
{
  FrameWait *wait = data;
  guint now;

  gloss_article_view_get_n_painted_runs (wait->view, &now);
  return now > wait->frames;
}

/* An edit must queue a redraw of the view by itself. */
static void
wait_for_view_frame (GlossArticleView *view)
{
  FrameWait wait = { view, 0 };

  gloss_article_view_get_n_painted_runs (view, &wait.frames);
  g_assert_true (gloss_ui_test_spin_until (next_view_frame_seen, &wait, TIMEOUT_MS));
}

/* The highlights as pixels: the claim's tint under a space inside it and
 * none under a space outside; the entity's line under its last row; and
 * both gone once the spans are removed. */
static void
test_drawn (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  GlossArticleView *view = fixture->view;
  guint inside = cp_offset (article, " said");
  guint outside = cp_offset (article, " expect");
  guint entity = cp_offset (article, "Olena");
  GlossAnnotation *claim;
  GlossAnnotation *person;
  Pixel plain, tinted, under_entity, below_plain;
  GdkRectangle box;

  claim = create_on (fixture, "claim", "The minister said");
  person = create_on (fixture, "person", "Olena Kovalenko");
  g_object_ref (claim);
  g_object_ref (person);
  wait_for_view_frame (view);
  g_assert_cmpuint (gloss_article_view_get_n_painted_runs (view, NULL), ==, 2);

  {
    g_autoptr(GdkTexture) texture = gloss_ui_test_render_texture (GTK_WIDGET (view));

    plain = space_pixel (texture, view, outside);
    tinted = space_pixel (texture, view, inside);
    box = char_box (view, entity);
    under_entity = pixel_at (texture, box.x + box.width / 2, box.y + box.height - 1);
    box = char_box (view, cp_offset (article, "Officials"));
    below_plain = pixel_at (texture, box.x + box.width / 2, box.y + box.height - 1);
  }
  g_test_message ("plain %u,%u,%u; claim %u,%u,%u; under the person %u,%u,%u",
                  plain.r, plain.g, plain.b, tinted.r, tinted.g, tinted.b,
                  under_entity.r, under_entity.g, under_entity.b);

  /* The claim colour is amber: more red than blue. */
  g_assert_false (same_pixel (plain, tinted));
  g_assert_cmpint (tinted.r - tinted.b, >, plain.r - plain.b);
  /* The person colour is purple: the line is less green than the paper. */
  g_assert_false (same_pixel (below_plain, under_entity));
  g_assert_cmpint (under_entity.g, <, below_plain.g);

  g_assert_true (gloss_annotation_set_remove (fixture->set, claim, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_annotation_set_remove (fixture->set, person, &error));
  g_assert_no_error (error);
  wait_for_view_frame (view);
  g_assert_cmpuint (gloss_article_view_get_n_painted_runs (view, NULL), ==, 0);
  {
    g_autoptr(GdkTexture) texture = gloss_ui_test_render_texture (GTK_WIDGET (view));

    g_assert_true (same_pixel (plain, space_pixel (texture, view, inside)));
    box = char_box (view, entity);
    g_assert_true (same_pixel (below_plain, pixel_at (texture, box.x + box.width / 2, box.y + box.height - 1)));
  }

  /* Undo brings the tint back, at once. */
  g_assert_true (gloss_annotation_set_undo (fixture->set, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_annotation_set_undo (fixture->set, &error));
  g_assert_no_error (error);
  wait_for_view_frame (view);
  {
    g_autoptr(GdkTexture) texture = gloss_ui_test_render_texture (GTK_WIDGET (view));

    g_assert_true (same_pixel (tinted, space_pixel (texture, view, inside)));
  }

  g_object_unref (claim);
  g_object_unref (person);
}

/* ------------------------------------------------------------------ */
/* Colours, as the theme has them                                       */
/* ------------------------------------------------------------------ */

static GlossColor
from_rgba (const GdkRGBA *rgba)
{
  return (GlossColor) { rgba->red, rgba->green, rgba->blue, rgba->alpha };
}

/* Spins until the view has read a scheme for which @dark and
 * @high_contrast hold (a theme change restyles at the next frame). */
static const GlossColorScheme *
wait_for_scheme (GlossArticleView *view,
                 gboolean          dark,
                 gboolean          high_contrast)
{
  const GlossColorScheme *scheme = gloss_article_view_get_color_scheme (view);

  GLOSS_UI_TEST_WAIT_FOR (gloss_color_scheme_is_dark (scheme) == dark
                          && scheme->high_contrast == high_contrast,
                          TIMEOUT_MS);
  return scheme;
}

/* What the person sees on this scheme: quotes not like the selection,
 * a claim in a quote yellowish, lines of 3:1 (4.5:1 in high contrast),
 * text readable on every fill and on search matches. */
static void
check_looks (Fixture    *fixture,
             const char *name)
{
  GlossArticleView *view = fixture->view;
  const GlossColorScheme *scheme = gloss_article_view_get_color_scheme (view);
  double wanted = scheme->high_contrast ? 4.5 : 3.0;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextTag *search = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "gloss-search-match");
  GlossColor claim_color, quote_color;
  GdkRGBA fill, line, *search_bg = NULL, *search_fg = NULL;
  GlossColor quote_shown, claim_shown, nested_shown, location_fill;
  int width;

  gloss_color_parse ("#e5a50a", &claim_color);
  gloss_color_parse ("#f66151", &quote_color);

  /* A claim in a quote (no location there); a quote alone; a claim alone;
   * a location in both. */
  g_assert_true (gloss_article_view_get_look_at (view, cp_offset (article, "will not"), &fill, &line, &width));
  nested_shown = gloss_color_over (from_rgba (&fill), scheme->background);
  g_assert_cmpint (width, ==, 0);
  g_assert_true (gloss_article_view_get_look_at (view, cp_offset (article, "March"), &fill, NULL, NULL));
  quote_shown = gloss_color_over (from_rgba (&fill), scheme->background);
  g_assert_true (gloss_article_view_get_look_at (view, cp_offset (article, "said"), &fill, NULL, NULL));
  claim_shown = gloss_color_over (from_rgba (&fill), scheme->background);
  g_assert_true (gloss_article_view_get_look_at (view, cp_offset (article, "Ukraine"), &fill, &line, &width));
  location_fill = gloss_color_over (from_rgba (&fill), scheme->background);

  g_test_message ("%s: background %.2f,%.2f,%.2f; quote ΔE %.1f from the selection; claim in quote hue %.0f° "
                  "(claim %.0f°); location line %.2f:1, %d px",
                  name, scheme->background.red, scheme->background.green, scheme->background.blue,
                  gloss_color_delta_e (quote_shown, scheme->selection),
                  gloss_color_hue (nested_shown, NULL), gloss_color_hue (claim_color, NULL),
                  gloss_color_contrast (from_rgba (&line), location_fill), width);

  g_assert_false (gloss_color_scheme_looks_selected (scheme, quote_shown));
  g_assert_false (gloss_color_scheme_looks_selected (scheme, claim_shown));
  g_assert_false (gloss_color_scheme_looks_selected (scheme, nested_shown));
  g_assert_cmpfloat (gloss_color_hue_distance (gloss_color_hue (nested_shown, NULL),
                                               gloss_color_hue (claim_color, NULL)), <=, 25);
  g_assert_cmpfloat (gloss_color_contrast (from_rgba (&line), location_fill), >=, wanted);
  g_assert_cmpint (width, ==, scheme->high_contrast ? 3 : 2);
  for (guint i = 0; i < 4; i++)
    {
      GlossColor shown = ((GlossColor[]) { quote_shown, claim_shown, nested_shown, location_fill })[i];

      g_assert_cmpfloat (gloss_color_contrast (scheme->text, shown), >=, GLOSS_COLOR_MIN_TEXT_CONTRAST);
    }

  g_object_get (search, "background-rgba", &search_bg, "foreground-rgba", &search_fg, NULL);
  g_test_message ("%s: search match text %.1f:1", name,
                  gloss_color_contrast (from_rgba (search_fg), from_rgba (search_bg)));
  g_assert_cmpfloat (gloss_color_contrast (from_rgba (search_fg), from_rgba (search_bg)), >=, 7.0);
  gdk_rgba_free (search_bg);
  gdk_rgba_free (search_fg);
}

static void
test_colors (Fixture       *fixture,
             gconstpointer  user_data)
{
  GtkSettings *settings = gtk_widget_get_settings (GTK_WIDGET (fixture->view));
  g_autofree char *theme = NULL;
  gboolean prefer_dark = FALSE;

  g_object_get (settings, "gtk-theme-name", &theme, "gtk-application-prefer-dark-theme", &prefer_dark, NULL);

  create_on (fixture, "claim", "The minister said “Ukraine will not back down” after meeting Olena Kovalenko on Tuesday.");
  create_on (fixture, "quote", "“Ukraine will not back down”");
  create_on (fixture, "quote", "a deal by March");
  create_on (fixture, "location", "Ukraine");
  gloss_article_view_set_search (fixture->view, "talks");
  wait_for_view_frame (fixture->view);

  wait_for_scheme (fixture->view, FALSE, FALSE);
  check_looks (fixture, "light");

  g_object_set (settings, "gtk-application-prefer-dark-theme", TRUE, NULL);
  wait_for_scheme (fixture->view, TRUE, FALSE);
  check_looks (fixture, "dark");

  /* GTK 4.8's own high-contrast theme (libadwaita's style manager says
   * so in the app). */
  g_object_set (settings, "gtk-application-prefer-dark-theme", FALSE, "gtk-theme-name", "HighContrast", NULL);
  wait_for_scheme (fixture->view, FALSE, TRUE);
  check_looks (fixture, "high contrast");

  g_object_set (settings, "gtk-theme-name", theme, "gtk-application-prefer-dark-theme", prefer_dark, NULL);
  wait_for_scheme (fixture->view, FALSE, FALSE);
}

/* ------------------------------------------------------------------ */
/* What a screen reader hears                                           */
/* ------------------------------------------------------------------ */

static void
place_caret (GlossArticleView *view,
             guint             offset)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int)offset);
  gtk_text_buffer_place_cursor (buffer, &iter);
}

static void
test_accessible (Fixture       *fixture,
                 gconstpointer  user_data)
{
  GlossArticleView *view = fixture->view;
  g_autoptr(GError) error = NULL;
  GlossAnnotation *quote, *person;
  GlossRelation *relation;
  const char *inside_claim = "; inside Claim: “The minister said “Ukraine will not back down” after meeting…”";

  gtk_test_accessible_assert_role (view, GTK_ACCESSIBLE_ROLE_TEXT_BOX);
  gtk_test_accessible_assert_property (view, GTK_ACCESSIBLE_PROPERTY_LABEL, "Article text");
  gtk_test_accessible_assert_property (view, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "geneva.txt, 0 annotations");

  create_on (fixture, "claim", "The minister said “Ukraine will not back down” after meeting Olena Kovalenko on Tuesday.");
  quote = create_on (fixture, "quote", "“Ukraine will not back down”");
  person = create_on (fixture, "person", "Olena Kovalenko");
  gtk_test_accessible_assert_property (view, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "geneva.txt, 3 annotations");

  /* The caret in a quote inside a claim: the quote first, then the claim. */
  place_caret (view, cp_offset (article, "will not"));
  {
    g_autofree char *expected = g_strconcat ("Quote: “Ukraine will not back down”", inside_claim, NULL);

    gtk_test_accessible_assert_property (view, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected);
  }

  /* Its speaker, once chosen, is said too, at once. */
  relation = gloss_annotation_set_add_relation (fixture->set, GLOSS_RELATION_SPEAKER,
                                                gloss_annotation_get_id (quote),
                                                gloss_annotation_get_id (person), &error);
  g_assert_no_error (error);
  {
    g_autofree char *expected = g_strconcat ("Quote: “Ukraine will not back down”, said by Olena Kovalenko",
                                             inside_claim, NULL);

    gtk_test_accessible_assert_property (view, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected);
  }
  g_assert_true (gloss_annotation_set_remove_relation (fixture->set, relation, &error));
  g_assert_no_error (error);

  place_caret (view, cp_offset (article, "Kovalenko"));
  {
    g_autofree char *expected = g_strconcat ("Person: “Olena Kovalenko”", inside_claim, NULL);

    gtk_test_accessible_assert_property (view, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected);
  }

  /* A label change is heard where the caret is. */
  g_assert_true (gloss_annotation_set_change_label (fixture->set, person, "organization", &error));
  g_assert_no_error (error);
  {
    g_autofree char *expected = g_strconcat ("Organization: “Olena Kovalenko”", inside_claim, NULL);

    gtk_test_accessible_assert_property (view, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected);
  }

  create_on (fixture, "rumour", "critics doubt it");
  place_caret (view, cp_offset (article, "doubt"));
  gtk_test_accessible_assert_property (view, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "rumour (unknown label): “critics doubt it”");

  /* Out of every annotation: the article again. */
  place_caret (view, cp_offset (article, "Officials"));
  gtk_test_accessible_assert_property (view, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "geneva.txt, 4 annotations");

  /* No article, no description. */
  gloss_article_view_set_session (view, NULL);
  gtk_test_accessible_assert_property (view, GTK_ACCESSIBLE_PROPERTY_LABEL, "Article text");
  gtk_test_accessible_assert_property (view, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, NULL);
}

static void
test_render (Fixture       *fixture,
             gconstpointer  user_data)
{
  const char *path = g_getenv ("GLOSS_ARTICLE_VIEW_PNG");
  GlossAnnotation *selected;

  create_on (fixture, "claim", "The minister said “Ukraine will not back down” after meeting Olena Kovalenko on Tuesday.");
  create_on (fixture, "quote", "“Ukraine will not back down”");
  create_on (fixture, "location", "Ukraine");
  create_on (fixture, "person", "Olena Kovalenko");
  create_on (fixture, "organization", "Officials");
  create_on (fixture, "claim", "critics doubt it");
  create_on (fixture, "rumour", "deal by March");
  selected = create_on (fixture, "location", "Geneva hosts");
  create (fixture, "location", cp_offset (article, "Geneva"), cp_end (article, "Geneva"));
  create (fixture, "misc", cp_offset (article, "👨"), cp_end (article, "👦"));
  gloss_article_view_set_search (fixture->view, "talks");
  gloss_article_view_set_selected_annotation (fixture->view, selected);
  /* Caret elsewhere, so the emphasis shows rather than the text selection. */
  gloss_article_view_select_range (fixture->view, 0, 0);

  gloss_ui_test_present_and_wait (GTK_WINDOW (fixture->window), TIMEOUT_MS);
  gloss_ui_test_render_to_png (GTK_WIDGET (fixture->view), path != NULL ? path : "/tmp/article-view.png");
}

/* ------------------------------------------------------------------ */
/* A long article                                                       */
/* ------------------------------------------------------------------ */

static const char * const words[] = {
  "the", "minister", "said", "talks", "would", "resume", "in", "Geneva",
  "after", "officials", "from", "both", "sides", "met", "on", "Tuesday",
  "Zoë", "Ångström", "José", "Núñez", "council", "bridge", "reopen", "March",
};

/* About @n_bytes of sentences and paragraphs, with curly quotes and an
 * emoji now and then. */
static char *
make_long_text (gsize n_bytes)
{
  GString *text = g_string_sized_new (n_bytes + 256);
  guint32 state = 12345;

  while (text->len < n_bytes)
    {
      guint n_words = 8 + (state % 12);

      for (guint i = 0; i < n_words; i++)
        {
          state = state * 1103515245 + 12345;
          if (i > 0)
            g_string_append_c (text, ' ');
          if (i == 2 && state % 7 == 0)
            g_string_append (text, "“");
          g_string_append (text, words[(state >> 8) % G_N_ELEMENTS (words)]);
          if (i == n_words - 2 && state % 7 == 0)
            g_string_append (text, "” 🇺🇦");
        }
      g_string_append (text, (state >> 4) % 5 == 0 ? ".\n\n" : ". ");
    }

  return g_string_free (text, FALSE);
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c);
}

static void
test_long_article (void)
{
  const char * const labels[] = { "claim", "quote", "person", "organization", "location", "misc" };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = gloss_ui_test_make_tmp_dir ("gloss-article-view-XXXXXX");
  g_autofree char *text = make_long_text (1000 * 1000);
  g_autofree gunichar *chars = g_utf8_to_ucs4_fast (text, -1, NULL);
  guint length = (guint)g_utf8_strlen (text, -1);
  g_autoptr(GlossSession) session = gloss_ui_test_open_session (dir, "long.txt", text, "tester");
  GlossAnnotationSet *set = gloss_session_get_annotations (session);
  GlossDocument *document = gloss_session_get_document (session);
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) no_relations = g_ptr_array_new ();
  GtkWidget *window, *scrolled;
  GlossArticleView *view;
  GlossAnnotation *sample = NULL;
  gint64 begin;
  guint offset = 0;
  double ms;

  /* 10,000 spans of whole words: every fourth a sentence-long claim or
   * quote, the rest entities, so that many are nested. */
  for (guint i = 0; i < 10000; i++)
    {
      const char *label = labels[i % G_N_ELEMENTS (labels)];
      guint n_words = i % 6 < 2 ? 9 : 1 + i % 2;
      guint start, end;
      g_autofree char *id = g_strdup_printf ("a-%08x", i);
      GlossAnnotation *annotation;

      offset = (offset + 17 + i % 23) % length;
      start = offset;
      while (start < length && !is_word_char (chars[start]))
        start++;
      while (start > 0 && is_word_char (chars[start - 1]))
        start--;
      end = start;
      for (guint w = 0; w < n_words && end < length; w++)
        {
          while (end < length && !is_word_char (chars[end]))
            end++;
          while (end < length && is_word_char (chars[end]))
            end++;
        }
      if (start >= end)
        continue;

      annotation = gloss_annotation_new (id, label, start, end);
      g_ptr_array_add (annotations, annotation);
      if (sample == NULL && i > 5000 && g_str_equal (label, "person"))
        sample = annotation;
      /* Spread the spans over the whole article. */
      if (i % 100 == 99)
        offset += length / 110;
    }
  g_assert_nonnull (sample);

  g_test_message ("long article: %zu bytes, %u characters, %u annotations",
                  strlen (text), length, annotations->len);
  g_assert_cmpuint (gloss_document_get_length (document), ==, length);

  view = GLOSS_ARTICLE_VIEW (gloss_article_view_new ());
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 600);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (view));
  gtk_window_set_child (GTK_WINDOW (window), scrolled);

  begin = g_get_monotonic_time ();
  gloss_article_view_set_session (view, session);
  ms = (g_get_monotonic_time () - begin) / 1000.0;
  g_test_message ("set_session, 1 MB text, no annotations: %.1f ms", ms);

  begin = g_get_monotonic_time ();
  gloss_ui_test_present_and_wait (GTK_WINDOW (window), TIMEOUT_MS);
  ms = (g_get_monotonic_time () - begin) / 1000.0;
  g_test_message ("first frame of the 1 MB article: %.1f ms", ms);
  /* The rest of the text goes in a chunk at a time. */
  GLOSS_UI_TEST_WAIT_FOR (gloss_article_view_get_text_complete (view), TIMEOUT_MS);

  /* Loading the set repaints everything. */
  begin = g_get_monotonic_time ();
  gloss_annotation_set_load (set, annotations, no_relations);
  ms = (g_get_monotonic_time () - begin) / 1000.0;
  g_test_message ("highlights for %u annotations: %.1f ms", annotations->len, ms);

  {
    g_auto(GStrv) found = gloss_article_view_dup_labels_at (view, gloss_annotation_get_start (sample));

    g_assert_true (g_strv_contains ((const char * const *)found, "person"));
  }

  begin = g_get_monotonic_time ();
  gloss_ui_test_present_and_wait (GTK_WINDOW (window), TIMEOUT_MS);
  ms = (g_get_monotonic_time () - begin) / 1000.0;
  g_test_message ("next frame after the highlights: %.1f ms", ms);

  /* Relabelling one span repaints only around it. */
  begin = g_get_monotonic_time ();
  g_assert_true (gloss_annotation_set_change_label (set, sample, "organization", &error));
  g_assert_no_error (error);
  ms = (g_get_monotonic_time () - begin) / 1000.0;
  g_test_message ("label change, repaint: %.2f ms", ms);
  {
    g_auto(GStrv) found = gloss_article_view_dup_labels_at (view, gloss_annotation_get_start (sample));

    g_assert_true (g_strv_contains ((const char * const *)found, "organization"));
  }

  begin = g_get_monotonic_time ();
  {
    GlossAnnotation *created = gloss_annotation_set_create (set, "quote",
                                                            gloss_annotation_get_start (sample),
                                                            gloss_annotation_get_end (sample),
                                                            &error);
    g_assert_no_error (error);
    g_assert_nonnull (created);
  }
  ms = (g_get_monotonic_time () - begin) / 1000.0;
  g_test_message ("new annotation, repaint: %.2f ms", ms);

  begin = g_get_monotonic_time ();
  gloss_article_view_set_selected_annotation (view, sample);
  ms = (g_get_monotonic_time () - begin) / 1000.0;
  g_test_message ("select an annotation far down: %.2f ms", ms);

  begin = g_get_monotonic_time ();
  {
    guint n = gloss_article_view_set_search (view, "geneva");
    guint expected = 0;
    gint64 deadline;

    ms = (g_get_monotonic_time () - begin) / 1000.0;
    g_test_message ("search, %u matches (capped at 10,000): %.1f ms", n, ms);
    g_assert_cmpuint (n, >, 0);

    /* As many as there are, each of them tagged: those on screen at once,
     * the others a chunk at a time. */
    for (guint i = 0; i + 6 <= length && expected < 10000; i++)
      {
        guint k = 0;

        while (k < 6 && g_unichar_tolower (chars[i + k]) == (gunichar)"geneva"[k])
          k++;
        if (k == 6)
          {
            expected++;
            i += 5;
          }
      }
    g_assert_cmpuint (n, ==, expected);
    g_assert_cmpuint (n, >, 1000);
    deadline = g_get_monotonic_time () + TIMEOUT_MS * G_GINT64_CONSTANT (1000);
    for (;;)
      {
        g_autofree char *ranges = tag_ranges (view, "gloss-search-match");
        guint n_ranges = ranges[0] != '\0' ? 1 : 0;

        for (const char *c = ranges; *c != '\0'; c++)
          n_ranges += *c == ' ';
        if (n_ranges == n)
          break;
        g_assert_cmpint (g_get_monotonic_time (), <, deadline);
        g_main_context_iteration (NULL, TRUE);
      }
  }
  begin = g_get_monotonic_time ();
  {
    guint n = gloss_article_view_set_search (view, "Ångström");

    ms = (g_get_monotonic_time () - begin) / 1000.0;
    g_test_message ("search, %u matches: %.1f ms", n, ms);
  }

  gloss_ui_test_present_and_wait (GTK_WINDOW (window), TIMEOUT_MS);

  gtk_window_destroy (GTK_WINDOW (window));
  gloss_ui_test_spin_idle ();
  close_session (session);
  gloss_test_remove_tree (dir);
}

/* ------------------------------------------------------------------ */
/* Long lines: a paragraph shown in pieces                              */
/* ------------------------------------------------------------------ */

/* One paragraph of about @n_chars code points (words of ASCII, Cyrillic,
 * accents and an emoji now and then), starting and ending with a word. */
static char *
make_one_paragraph (guint n_chars)
{
  static const char * const para_words[] = {
    "harbour", "café", "Київ", "bridge", "vote", "naïve", "council", "🇺🇦", "ferry", "Ardmore",
  };
  GString *text = g_string_new ("Start");
  guint32 state = 777;

  while ((guint)g_utf8_strlen (text->str, (gssize)text->len) < n_chars)
    {
      state = state * 1103515245 + 12345;
      g_string_append_c (text, ' ');
      g_string_append (text, para_words[(state >> 8) % G_N_ELEMENTS (para_words)]);
    }
  g_string_append (text, " end.");

  return g_string_free (text, FALSE);
}

typedef struct
{
  char    *text;
  gboolean done;
} ClipboardRead;

static void
on_clipboard_read (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ClipboardRead *read = user_data;
  g_autoptr(GError) error = NULL;

  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);
  g_assert_no_error (error);
  read->done = TRUE;
}

/* What Ctrl+C puts on the clipboard. */
static char *
copy_selection (GlossArticleView *view)
{
  ClipboardRead read = { NULL, FALSE };

  g_signal_emit_by_name (view, "copy-clipboard");
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (view)), NULL,
                                 on_clipboard_read, &read);
  GLOSS_UI_TEST_WAIT_FOR (read.done, TIMEOUT_MS);

  return read.text;
}

/* The document's text of [start, end). */
static char *
dup_slice (const char *text,
           guint       start,
           guint       end)
{
  const char *from = g_utf8_offset_to_pointer (text, start);
  const char *to = g_utf8_offset_to_pointer (text, end);

  return g_strndup (from, (gsize)(to - from));
}

/* The word before the space before @offset starts, and the word at @offset
 * ends (the text's words are separated by single spaces). */
static void
words_around (const gunichar *chars,
              guint           length,
              guint           offset,
              guint          *start,
              guint          *end)
{
  guint s = offset - 1, e = offset;

  g_assert_true (chars[s] == ' ');
  while (s > 0 && chars[s - 1] != ' ')
    s--;
  while (e < length && chars[e] != ' ')
    e++;
  *start = s;
  *end = e;
}

static void
test_long_lines (void)
{
  g_autofree char *dir = gloss_ui_test_make_tmp_dir ("gloss-article-view-XXXXXX");
  g_autofree char *text = make_one_paragraph (50000);
  g_autofree gunichar *chars = g_utf8_to_ucs4_fast (text, -1, NULL);
  guint length = (guint)g_utf8_strlen (text, -1);
  g_autoptr(GlossPieceMap) pieces = gloss_piece_map_new (text, -1, GLOSS_PIECE_MAP_DEFAULT_LENGTH);
  g_autoptr(GlossSession) session = gloss_ui_test_open_session (dir, "one.txt", text, "tester");
  GlossAnnotationSet *set = gloss_session_get_annotations (session);
  GtkTextBuffer *buffer;
  GtkWidget *window, *scrolled;
  GlossArticleView *view;
  GtkTextIter start_iter, end_iter;
  const guint *breaks;
  guint n_breaks, b, ws, we, start, end, n_matches;
  gboolean found = FALSE;
  g_autofree char *needle = NULL;
  g_autofree char *copied = NULL;
  g_autofree char *copied_all = NULL;

  breaks = gloss_piece_map_get_breaks (pieces, &n_breaks);
  g_assert_cmpuint (n_breaks, >=, 20);
  b = breaks[3];
  words_around (chars, length, b, &ws, &we);

  view = GLOSS_ARTICLE_VIEW (gloss_article_view_new ());
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 600);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (view));
  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  gloss_article_view_set_session (view, session);
  gloss_ui_test_present_and_wait (GTK_WINDOW (window), TIMEOUT_MS);

  /* The buffer shows the paragraph in pieces: a line break at each. */
  g_assert_cmpuint (gloss_article_view_get_n_piece_breaks (view), ==, n_breaks);
  g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), ==, (int)(length + n_breaks));
  gtk_text_buffer_get_iter_at_offset (buffer, &start_iter, (int)gloss_piece_map_to_display_end (pieces, b));
  g_assert_cmpuint (gtk_text_iter_get_char (&start_iter), ==, '\n');

  /* Either side of the break, an iter is at the document's offset. */
  gloss_article_view_get_iter_at_offset (view, &start_iter, b);
  g_assert_cmpuint (gtk_text_iter_get_char (&start_iter), ==, chars[b]);
  g_assert_cmpuint (gloss_article_view_get_iter_offset (view, &start_iter), ==, b);
  gtk_text_iter_backward_char (&start_iter);
  g_assert_cmpuint (gloss_article_view_get_iter_offset (view, &start_iter), ==, b);
  gtk_text_iter_backward_char (&start_iter);
  g_assert_cmpuint (gloss_article_view_get_iter_offset (view, &start_iter), ==, b - 1);

  /* Highlights across and beside the break, at document offsets. */
  {
    g_autoptr(GError) error = NULL;

    /* The set keeps them (transfer none). */
    g_assert_nonnull (gloss_annotation_set_create (set, "claim", ws, we, &error));
    g_assert_no_error (error);
    g_assert_nonnull (gloss_annotation_set_create (set, "person", ws, b - 1, &error));
    g_assert_no_error (error);
    g_assert_nonnull (gloss_annotation_set_create (set, "location", b, we, &error));
    g_assert_no_error (error);
  }
  gloss_ui_test_spin_idle ();
  assert_labels_at (view, ws - 1, "");
  assert_labels_at (view, ws, "claim person");
  assert_labels_at (view, b - 2, "claim person");
  assert_labels_at (view, b - 1, "claim");
  assert_labels_at (view, b, "claim location");
  assert_labels_at (view, we - 1, "claim location");
  assert_labels_at (view, we, "");

  /* A selection round-trips, whether or not it takes the break in. */
  gloss_article_view_select_range (view, ws, we);
  g_assert_true (gloss_article_view_get_selection_range (view, &start, &end));
  g_assert_cmpuint (start, ==, ws);
  g_assert_cmpuint (end, ==, we);
  gloss_article_view_select_range (view, b, we);
  g_assert_true (gloss_article_view_get_selection_range (view, &start, &end));
  g_assert_cmpuint (start, ==, b);
  g_assert_cmpuint (end, ==, we);

  /* Ending on the inserted break, before or after it, is ending at the
   * document position it was inserted at. */
  gloss_article_view_set_snap_to_words (view, FALSE);
  gtk_text_buffer_get_iter_at_offset (buffer, &start_iter, (int)gloss_piece_map_to_display (pieces, ws));
  gtk_text_buffer_get_iter_at_offset (buffer, &end_iter, (int)gloss_piece_map_to_display_end (pieces, b));
  gtk_text_buffer_select_range (buffer, &start_iter, &end_iter);
  g_assert_true (gloss_article_view_get_selection_range (view, &start, &end));
  g_assert_cmpuint (start, ==, ws);
  g_assert_cmpuint (end, ==, b - 1);  /* the space before the break dropped */
  gtk_text_iter_forward_char (&end_iter);
  gtk_text_buffer_select_range (buffer, &start_iter, &end_iter);
  g_assert_true (gloss_article_view_get_selection_range (view, &start, &end));
  g_assert_cmpuint (start, ==, ws);
  g_assert_cmpuint (end, ==, b - 1);

  /* The whole text is the document's length; copied, the document's text. */
  gtk_text_buffer_get_bounds (buffer, &start_iter, &end_iter);
  gtk_text_buffer_select_range (buffer, &start_iter, &end_iter);
  g_assert_true (gloss_article_view_get_selection_range (view, &start, &end));
  g_assert_cmpuint (start, ==, 0);
  g_assert_cmpuint (end, ==, length);
  copied_all = copy_selection (view);
  g_assert_cmpstr (copied_all, ==, text);

  gloss_article_view_select_range (view, ws, we);
  copied = copy_selection (view);
  needle = dup_slice (text, ws, we);
  g_assert_cmpstr (copied, ==, needle);
  g_assert_null (strchr (copied, '\n'));

  /* Find matches the document's text, across the break too. */
  n_matches = gloss_article_view_set_search (view, needle);
  g_assert_cmpuint (n_matches, >=, 1);
  gloss_article_view_select_range (view, 0, 0);
  for (guint i = 0; i < n_matches && !found; i++)
    {
      g_assert_true (gloss_article_view_search_next (view, FALSE));
      g_assert_true (gloss_article_view_get_selection_range (view, &start, &end));
      found = start == ws && end == we;
    }
  g_assert_true (found);
  gtk_text_buffer_get_selection_bounds (buffer, &start_iter, &end_iter);
  g_assert_true (has_tag_at (view, "gloss-search-match", (guint)gtk_text_iter_get_offset (&start_iter)));
  gloss_article_view_set_search (view, NULL);

  /* The piece a break ends is spaced as a wrapped line. */
  {
    GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "gloss-piece");
    int below;

    g_assert_nonnull (tag);
    gtk_text_buffer_get_iter_at_offset (buffer, &start_iter, (int)gloss_piece_map_to_display_end (pieces, b));
    gtk_text_iter_set_line_offset (&start_iter, 0);
    g_assert_true (gtk_text_iter_has_tag (&start_iter, tag));
    g_object_get (tag, "pixels-below-lines", &below, NULL);
    g_assert_cmpint (below, ==, gtk_text_view_get_pixels_inside_wrap (GTK_TEXT_VIEW (view)));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  gloss_ui_test_spin_idle ();
  close_session (session);
  gloss_test_remove_tree (dir);
}

/* A label key on the word just after an inserted break, in the window:
 * the annotation is at the document's offsets, its text the document's. */
static void
test_long_lines_window (void)
{
  g_autofree char *dir = gloss_ui_test_make_tmp_dir ("gloss-article-view-XXXXXX");
  g_autofree char *text = make_one_paragraph (20000);
  g_autofree char *path = g_build_filename (dir, "one.txt", NULL);
  g_autofree gunichar *chars = g_utf8_to_ucs4_fast (text, -1, NULL);
  guint length = (guint)g_utf8_strlen (text, -1);
  g_autoptr(GlossPieceMap) pieces = gloss_piece_map_new (text, -1, GLOSS_PIECE_MAP_DEFAULT_LENGTH);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossApplication) app = NULL;
  g_autofree char *expected = NULL;
  GlossWindow *window;
  GlossArticleView *view;
  GtkTextBuffer *buffer;
  GtkTextIter start_iter, end_iter;
  GlossAnnotation *annotation;
  const guint *breaks;
  guint n_breaks, b, ws, we;

  breaks = gloss_piece_map_get_breaks (pieces, &n_breaks);
  g_assert_cmpuint (n_breaks, >=, 2);
  b = breaks[1];
  words_around (chars, length, b, &ws, &we);
  expected = dup_slice (text, b, we);

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (path);

  app = gloss_ui_test_application_new_held ();
  window = gloss_ui_test_open_window (app, file, TIMEOUT_MS);
  view = gloss_window_get_article_view (window);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  g_assert_cmpuint (gloss_article_view_get_n_piece_breaks (view), ==, n_breaks);

  /* The person selects the word on the buffer's line after the break. */
  gtk_text_buffer_get_iter_at_offset (buffer, &start_iter, (int)gloss_piece_map_to_display (pieces, b));
  g_assert_true (gtk_text_iter_starts_line (&start_iter));
  end_iter = start_iter;
  gtk_text_iter_forward_word_end (&end_iter);
  gtk_text_buffer_select_range (buffer, &start_iter, &end_iter);
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (view), "win.annotate",
                                                     g_variant_new_string ("person")));

  annotation = gloss_article_view_get_selected_annotation (view);
  g_assert_nonnull (annotation);
  g_assert_cmpuint (gloss_annotation_get_start (annotation), ==, b);
  g_assert_cmpuint (gloss_annotation_get_end (annotation), ==, we);
  g_assert_cmpstr (gloss_annotation_get_exact (annotation), ==, expected);
  assert_labels_at (view, b, "person");
  assert_labels_at (view, b - 1, "");

  gloss_ui_test_close_window (GTK_WINDOW (window), TIMEOUT_MS);
  g_application_release (G_APPLICATION (app));
  gloss_test_remove_tree (dir);
}

/* has_tag_at() at a document offset (the buffer may hold piece breaks). */
static gboolean
has_tag_at_document (GlossArticleView *view,
                     const char       *tag_name,
                     guint             offset)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), tag_name);
  GtkTextIter iter;

  g_assert_nonnull (tag);
  gloss_article_view_get_iter_at_offset (view, &iter, offset);
  return gtk_text_iter_has_tag (&iter, tag);
}

static void
on_notify_set_flag (GObject    *object,
                    GParamSpec *pspec,
                    gboolean   *flag)
{
  *flag = TRUE;
}

/* A long article goes into the buffer a chunk at a time: meanwhile the
 * buffer holds a beginning of it, highlights are drawn only there, and
 * whatever needs a place further on (selecting it, Ctrl+End, an iter)
 * puts the rest in first; a search tags the matches as their text comes. */
static void
test_chunked_fill (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = gloss_ui_test_make_tmp_dir ("gloss-article-view-XXXXXX");
  g_autofree char *text = make_long_text (600 * 1000);
  guint length = (guint)g_utf8_strlen (text, -1);
  /* Some of its paragraphs are shown in pieces. */
  g_autoptr(GlossPieceMap) pieces = gloss_piece_map_new (text, -1, GLOSS_PIECE_MAP_DEFAULT_LENGTH);
  g_autofree char *shown = gloss_piece_map_dup_display_text (pieces, text, -1);
  guint shown_length = (guint)g_utf8_strlen (shown, -1);
  g_autoptr(GlossSession) session = gloss_ui_test_open_session (dir, "long.txt", text, "tester");
  GlossAnnotationSet *set = gloss_session_get_annotations (session);
  GtkWidget *window, *scrolled;
  GlossArticleView *view;
  GtkTextBuffer *buffer;
  GtkTextIter start_iter, end_iter;
  GlossAnnotation *early, *late;
  guint n_chars, caret, start, end, n_matches;
  gboolean notified = FALSE;
  g_autofree char *copied = NULL;
  g_autofree char *expected = NULL;

  early = gloss_annotation_set_create (set, "person", 10, 20, &error);
  g_assert_no_error (error);
  late = gloss_annotation_set_create (set, "location", length - 30, length - 20, &error);
  g_assert_no_error (error);

  view = GLOSS_ARTICLE_VIEW (gloss_article_view_new ());
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 600);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (view));
  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  g_assert_true (gloss_article_view_get_text_complete (view));

  gloss_article_view_set_session (view, session);
  g_signal_connect (view, "notify::text-complete", G_CALLBACK (on_notify_set_flag), &notified);

  /* A beginning of the article is in, with its highlights; the end not. */
  g_assert_false (gloss_article_view_get_text_complete (view));
  n_chars = (guint)gtk_text_buffer_get_char_count (buffer);
  g_assert_cmpuint (n_chars, >, 0);
  g_assert_cmpuint (n_chars, <, shown_length);
  {
    g_autofree char *in = NULL;
    g_autofree char *prefix = dup_slice (shown, 0, n_chars);

    gtk_text_buffer_get_bounds (buffer, &start_iter, &end_iter);
    in = gtk_text_buffer_get_text (buffer, &start_iter, &end_iter, TRUE);
    g_assert_cmpuint (strlen (in), ==, strlen (prefix));
    g_assert_true (strcmp (in, prefix) == 0);
  }
  assert_labels_at (view, 12, "person");
  assert_labels_at (view, length - 25, "");

  /* A search finds every match; those in the text so far are tagged. */
  n_matches = gloss_article_view_set_search (view, "the");
  g_assert_cmpuint (n_matches, >, 100);

  /* Copying a selection in the part that is in. */
  gloss_article_view_select_range (view, 100, 140);
  g_assert_false (gloss_article_view_get_text_complete (view));
  copied = copy_selection (view);
  expected = dup_slice (text, 100, 140);
  g_assert_cmpstr (copied, ==, expected);

  /* A caret at the end of the text so far stays there as more comes. */
  gtk_text_buffer_get_end_iter (buffer, &end_iter);
  gtk_text_buffer_place_cursor (buffer, &end_iter);
  caret = gloss_article_view_get_caret_offset (view);

  gloss_ui_test_present_and_wait (GTK_WINDOW (window), TIMEOUT_MS);
  GLOSS_UI_TEST_WAIT_FOR (gloss_article_view_get_text_complete (view), TIMEOUT_MS);
  g_assert_true (notified);
  g_assert_cmpuint (gloss_article_view_get_caret_offset (view), ==, caret);

  /* All of it now: the text, every highlight, every match tagged. */
  g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), ==, (int)shown_length);
  {
    g_autofree char *in = NULL;

    gtk_text_buffer_get_bounds (buffer, &start_iter, &end_iter);
    in = gtk_text_buffer_get_text (buffer, &start_iter, &end_iter, TRUE);
    g_assert_true (strcmp (in, shown) == 0);
  }
  assert_labels_at (view, length - 25, "location");
  GLOSS_UI_TEST_WAIT_FOR (has_tag_at_document (view, "gloss-search-match",
                                               (guint)(g_utf8_pointer_to_offset (text, g_strrstr (text, "the")))),
                          TIMEOUT_MS);

  /* Selecting the last annotation at once, on a fresh fill: the rest of
   * the text is put in first, and its span selected and tagged. */
  gloss_article_view_set_session (view, NULL);
  /* A long text is not deleted in place: the view has a new, empty
   * buffer with the same tags (the old one is emptied in idle time). */
  g_assert_true (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)) != buffer);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), ==, 0);
  gloss_article_view_set_session (view, session);
  g_assert_false (gloss_article_view_get_text_complete (view));
  gloss_article_view_set_selected_annotation (view, late);
  g_assert_true (gloss_article_view_get_text_complete (view));
  g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &start_iter, &end_iter));
  start = gloss_article_view_get_iter_offset (view, &start_iter);
  end = gloss_article_view_get_iter_offset (view, &end_iter);
  g_assert_cmpuint (start, ==, gloss_annotation_get_start (late));
  g_assert_cmpuint (end, ==, gloss_annotation_get_end (late));
  g_assert_true (has_tag_at_document (view, "gloss-selected", length - 25));

  /* The selected annotation's tag waits for its text. */
  gloss_article_view_set_session (view, NULL);
  gloss_article_view_set_session (view, session);
  g_assert_false (gloss_article_view_get_text_complete (view));
  gloss_article_view_select_range (view, 10, 20);
  gloss_article_view_set_selected_annotation (view, early);
  g_assert_true (has_tag_at_document (view, "gloss-selected", 12));

  /* Ctrl+End: to the article's end, not the end of the text so far (on a
   * fresh fill: an iter asked for from outside, as has_tag_at_document()
   * does, puts all the text in). */
  gloss_article_view_set_session (view, NULL);
  gloss_article_view_set_session (view, session);
  g_assert_false (gloss_article_view_get_text_complete (view));
  g_signal_emit_by_name (view, "move-cursor", GTK_MOVEMENT_BUFFER_ENDS, 1, FALSE);
  g_assert_true (gloss_article_view_get_text_complete (view));
  g_assert_cmpuint (gloss_article_view_get_caret_offset (view), ==, length);

  /* An iter far on: the text is there. */
  gloss_article_view_set_session (view, NULL);
  gloss_article_view_set_session (view, session);
  gloss_article_view_get_iter_at_offset (view, &start_iter, length - 1);
  g_assert_true (gloss_article_view_get_text_complete (view));
  g_assert_cmpuint (gloss_article_view_get_iter_offset (view, &start_iter), ==, length - 1);

  gloss_ui_test_destroy_window (GTK_WINDOW (window), TIMEOUT_MS);
}

/* A new article while the last one still goes in: the buffer ends up with
 * exactly the new one's text. */
static void
test_refill (void)
{
  g_autofree char *dir = gloss_ui_test_make_tmp_dir ("gloss-article-view-XXXXXX");
  g_autofree char *first = make_long_text (400 * 1000);
  g_autofree char *second = g_strconcat ("Updated. ", first, NULL);
  g_autofree char *one_paragraph = make_one_paragraph (150000);
  g_autoptr(GlossSession) session1 = gloss_ui_test_open_session (dir, "first.txt", first, "tester");
  g_autoptr(GlossSession) session2 = gloss_ui_test_open_session (dir, "second.txt", second, "tester");
  g_autoptr(GlossSession) session3 = gloss_ui_test_open_session (dir, "third.txt", one_paragraph, "tester");
  g_autoptr(GlossPieceMap) pieces = gloss_piece_map_new (one_paragraph, -1, GLOSS_PIECE_MAP_DEFAULT_LENGTH);
  GlossArticleView *view = GLOSS_ARTICLE_VIEW (gloss_article_view_new ());
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextTag *piece_tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "gloss-piece");
  GtkTextIter start_iter, end_iter;
  g_autofree char *in = NULL;
  g_autofree char *shown = NULL;
  const guint *breaks;
  guint n_breaks;

  g_object_ref_sink (view);
  gloss_article_view_set_session (view, session1);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));  /* a long text's buffer is replaced */
  g_assert_false (gloss_article_view_get_text_complete (view));
  g_main_context_iteration (NULL, FALSE);
  gloss_article_view_set_session (view, session2);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GLOSS_UI_TEST_WAIT_FOR (gloss_article_view_get_text_complete (view), TIMEOUT_MS);
  gtk_text_buffer_get_bounds (buffer, &start_iter, &end_iter);
  in = gtk_text_buffer_get_text (buffer, &start_iter, &end_iter, TRUE);
  {
    g_autoptr(GlossPieceMap) second_pieces = gloss_piece_map_new (second, -1, GLOSS_PIECE_MAP_DEFAULT_LENGTH);
    g_autofree char *second_shown = gloss_piece_map_dup_display_text (second_pieces, second, -1);

    g_assert_true (strcmp (in, second_shown) == 0);
  }

  /* One long paragraph, in pieces, a chunk at a time: every piece tagged. */
  gloss_article_view_set_session (view, session3);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  g_assert_false (gloss_article_view_get_text_complete (view));
  GLOSS_UI_TEST_WAIT_FOR (gloss_article_view_get_text_complete (view), TIMEOUT_MS);
  breaks = gloss_piece_map_get_breaks (pieces, &n_breaks);
  g_assert_cmpuint (gloss_article_view_get_n_piece_breaks (view), ==, n_breaks);
  g_clear_pointer (&in, g_free);
  gtk_text_buffer_get_bounds (buffer, &start_iter, &end_iter);
  in = gtk_text_buffer_get_text (buffer, &start_iter, &end_iter, TRUE);
  shown = gloss_piece_map_dup_display_text (pieces, one_paragraph, -1);
  g_assert_cmpstr (in, ==, shown);
  for (guint i = 0; i < n_breaks; i++)
    {
      gtk_text_buffer_get_iter_at_offset (buffer, &start_iter,
                                          (int)gloss_piece_map_to_display_end (pieces, breaks[i]));
      gtk_text_iter_set_line_offset (&start_iter, 0);
      g_assert_true (gtk_text_iter_has_tag (&start_iter, piece_tag));
    }

  /* Longer: its piece map is made in a thread, the text waits for it. */
  {
    g_autofree char *unit = make_one_paragraph (50000);
    g_autofree char *longer = NULL;
    guint longer_length;
    g_autoptr(GlossSession) session4 = NULL;
    g_autoptr(GlossPieceMap) longer_pieces = NULL;
    g_autofree char *longer_shown = NULL;

    {
      GString *joined = g_string_new (NULL);

      /* (make_one_paragraph() counts its characters at every word.) */
      for (guint i = 0; i < 24; i++)
        g_string_append_printf (joined, "%s%s", i > 0 ? " " : "", unit);
      longer = g_string_free (joined, FALSE);
    }
    longer_length = (guint)g_utf8_strlen (longer, -1);
    g_assert_cmpuint (strlen (longer), >, 1024 * 1024);
    session4 = gloss_ui_test_open_session (dir, "fourth.txt", longer, "tester");
    longer_pieces = gloss_piece_map_new (longer, -1, GLOSS_PIECE_MAP_DEFAULT_LENGTH);
    longer_shown = gloss_piece_map_dup_display_text (longer_pieces, longer, -1);
    gloss_article_view_set_session (view, session4);
    buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
    g_assert_false (gloss_article_view_get_text_complete (view));
    GLOSS_UI_TEST_WAIT_FOR (gloss_article_view_get_text_complete (view), TIMEOUT_MS);
    g_assert_cmpuint (gloss_article_view_get_n_piece_breaks (view), ==,
                      gloss_piece_map_get_n_breaks (longer_pieces));
    g_clear_pointer (&in, g_free);
    gtk_text_buffer_get_bounds (buffer, &start_iter, &end_iter);
    in = gtk_text_buffer_get_text (buffer, &start_iter, &end_iter, TRUE);
    g_assert_true (strcmp (in, longer_shown) == 0);

    /* Asked for a place in it before the thread is done: made at once. */
    gloss_article_view_set_session (view, session3);
    buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
    gloss_article_view_set_session (view, session4);
    gloss_article_view_get_iter_at_offset (view, &start_iter, longer_length - 1);
    g_assert_true (gloss_article_view_get_text_complete (view));
    g_assert_cmpuint (gloss_article_view_get_iter_offset (view, &start_iter), ==, longer_length - 1);

    /* And replaced while the thread is at it. */
    gloss_article_view_set_session (view, session3);
    buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
    gloss_article_view_set_session (view, session4);
    gloss_article_view_set_session (view, session2);
    buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
    GLOSS_UI_TEST_WAIT_FOR (gloss_article_view_get_text_complete (view), TIMEOUT_MS);
    g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), >=, (int)g_utf8_strlen (second, -1));
    gloss_ui_test_spin (50);
    g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), >=, (int)g_utf8_strlen (second, -1));
    g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), <, (int)longer_length);
  }

  gloss_article_view_set_session (view, NULL);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  g_assert_true (gloss_article_view_get_text_complete (view));
  g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), ==, 0);
  g_object_unref (view);
}

/* Two iters asked for in turn mid-fill (the review window tags a unit so):
 * asking for the second must not change the buffer under the first. */
static void
test_fill_iters_stay_valid (void)
{
  g_autofree char *dir = gloss_ui_test_make_tmp_dir ("gloss-article-view-XXXXXX");
  g_autofree char *text = make_long_text (600 * 1000);
  guint length = (guint)g_utf8_strlen (text, -1);
  g_autoptr(GlossSession) session = gloss_ui_test_open_session (dir, "long.txt", text, "tester");
  GlossArticleView *view = GLOSS_ARTICLE_VIEW (gloss_article_view_new ());
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextTag *tag;
  GtkTextIter start_iter, end_iter;

  g_object_ref_sink (view);
  tag = gtk_text_buffer_create_tag (buffer, "test-unit", NULL);
  gloss_article_view_set_session (view, session);
  g_assert_false (gloss_article_view_get_text_complete (view));

  gloss_article_view_get_iter_at_offset (view, &start_iter, 10);
  gloss_article_view_get_iter_at_offset (view, &end_iter, length - 10);
  /* A stale iter here is a critical (fatal under the test). */
  gtk_text_buffer_apply_tag (buffer, tag, &start_iter, &end_iter);
  g_assert_cmpuint (gloss_article_view_get_iter_offset (view, &start_iter), ==, 10);
  g_assert_cmpuint (gloss_article_view_get_iter_offset (view, &end_iter), ==, length - 10);

  gloss_article_view_set_session (view, NULL);
  g_object_unref (view);
}

/* Ctrl+A mid-fill selects the whole article, not the part that is in:
 * what is copied, or annotated, is all of it. */
static void
test_fill_select_all (void)
{
  g_autofree char *dir = gloss_ui_test_make_tmp_dir ("gloss-article-view-XXXXXX");
  g_autofree char *text = make_long_text (600 * 1000);
  guint length = (guint)g_utf8_strlen (text, -1);
  g_autoptr(GlossSession) session = gloss_ui_test_open_session (dir, "long.txt", text, "tester");
  GlossArticleView *view = GLOSS_ARTICLE_VIEW (gloss_article_view_new ());
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start_iter, end_iter;

  g_object_ref_sink (view);
  gloss_article_view_set_session (view, session);
  g_assert_false (gloss_article_view_get_text_complete (view));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "selection.select-all", NULL));
  g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &start_iter, &end_iter));
  g_assert_cmpuint (gloss_article_view_get_iter_offset (view, &start_iter), ==, 0);
  g_assert_cmpuint (gloss_article_view_get_iter_offset (view, &end_iter), ==, length);

  /* Ctrl+A itself: GtkTextView's "select-all" keybinding signal. */
  gloss_article_view_set_session (view, NULL);
  gloss_article_view_set_session (view, session);
  g_assert_false (gloss_article_view_get_text_complete (view));
  g_signal_emit_by_name (view, "select-all", TRUE);
  g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &start_iter, &end_iter));
  g_assert_cmpuint (gloss_article_view_get_iter_offset (view, &start_iter), ==, 0);
  g_assert_cmpuint (gloss_article_view_get_iter_offset (view, &end_iter), ==, length);

  gloss_article_view_set_session (view, NULL);
  g_object_unref (view);
}

/* A long one-paragraph article, whose piece map a thread makes: the caret
 * is at the article's start once the text is in, not where the first
 * chunk pushed it (Tab, the screen reader and the review list go from it). */
static void
test_fill_caret_after_thread (void)
{
  g_autofree char *dir = gloss_ui_test_make_tmp_dir ("gloss-article-view-XXXXXX");
  g_autofree char *unit = make_one_paragraph (50000);
  g_autofree char *longer = NULL;
  g_autoptr(GlossSession) session = NULL;
  GlossArticleView *view = GLOSS_ARTICLE_VIEW (gloss_article_view_new ());
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start_iter, end_iter;

  {
    GString *joined = g_string_new (NULL);

    for (guint i = 0; i < 24; i++)
      g_string_append_printf (joined, "%s%s", i > 0 ? " " : "", unit);
    longer = g_string_free (joined, FALSE);
  }
  g_assert_cmpuint (strlen (longer), >, 1024 * 1024);
  session = gloss_ui_test_open_session (dir, "long.txt", longer, "tester");

  g_object_ref_sink (view);
  gloss_article_view_set_session (view, session);
  g_assert_false (gloss_article_view_get_text_complete (view));
  GLOSS_UI_TEST_WAIT_FOR (gloss_article_view_get_text_complete (view), TIMEOUT_MS);
  g_assert_cmpuint (gloss_article_view_get_caret_offset (view), ==, 0);
  g_assert_false (gtk_text_buffer_get_selection_bounds (buffer, &start_iter, &end_iter));

  gloss_article_view_set_session (view, NULL);
  g_object_unref (view);
}

/* Shows @text in a fresh view and checks the buffer ends up with exactly
 * what the view shows of it (its piece map's display text, if any). */
static void
assert_fills_exactly (const char *dir,
                      const char *name,
                      const char *text)
{
  g_autoptr(GlossSession) session = gloss_ui_test_open_session (dir, name, text, "tester");
  g_autoptr(GlossPieceMap) pieces = gloss_piece_map_new (text, -1, GLOSS_PIECE_MAP_DEFAULT_LENGTH);
  g_autofree char *shown = gloss_piece_map_dup_display_text (pieces, text, -1);
  GlossArticleView *view = GLOSS_ARTICLE_VIEW (gloss_article_view_new ());
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start_iter, end_iter;
  g_autofree char *in = NULL;

  g_object_ref_sink (view);
  gloss_article_view_set_session (view, session);
  GLOSS_UI_TEST_WAIT_FOR (gloss_article_view_get_text_complete (view), TIMEOUT_MS);
  gtk_text_buffer_get_bounds (buffer, &start_iter, &end_iter);
  in = gtk_text_buffer_get_text (buffer, &start_iter, &end_iter, TRUE);
  g_assert_cmpuint (strlen (in), ==, strlen (shown));
  g_assert_true (strcmp (in, shown) == 0);
  g_assert_cmpuint (gloss_article_view_get_caret_offset (view), ==, 0);

  gloss_article_view_set_session (view, NULL);
  g_object_unref (view);
}

/* Sizes and bytes at a chunk's end: empty, exactly one chunk, a CR LF and
 * multi-byte characters across where a chunk would end. */
static void
test_fill_chunk_edges (void)
{
  g_autofree char *dir = gloss_ui_test_make_tmp_dir ("gloss-article-view-XXXXXX");
  const gsize chunk = 64 * 1024;
  GString *text;

  assert_fills_exactly (dir, "empty.txt", "");

  /* Exactly one chunk, lines of 64 bytes. */
  text = g_string_new (NULL);
  while (text->len < chunk)
    g_string_append (text, "A line of exactly sixty-four bytes, its line break included....\n");
  g_assert_cmpuint (text->len, ==, chunk);
  assert_fills_exactly (dir, "one-chunk.txt", text->str);

  /* A CR LF across the chunk's end, with more after it. */
  g_string_truncate (text, 0);
  while (text->len < chunk - 1 - 62)
    g_string_append (text, "A line of sixty-three bytes, its CR LF break included...ok.\r\n");
  while (text->len < chunk - 1)
    g_string_append_c (text, 'x');
  g_string_append (text, "\r\nafter the break\r\n");
  g_assert_true (text->str[chunk - 1] == '\r' && text->str[chunk] == '\n');
  for (guint i = 0; i < 3000; i++)
    g_string_append (text, "Київ café naïve 東京 🇺🇦 bridge\r\n");
  assert_fills_exactly (dir, "crlf.txt", text->str);

  /* One line of multi-byte characters, longer than a chunk (a few
   * paragraphs, each shorter than a piece). */
  g_string_truncate (text, 0);
  for (guint p = 0; p < 3; p++)
    {
      for (guint i = 0; i < 40; i++)
        g_string_append (text, "Київ 東京 ");
      g_string_append_c (text, '\n');
    }
  {
    GString *line = g_string_new (NULL);

    while (line->len < 3 * chunk)
      g_string_append (line, "žluťoučký Київ 東京 🇺🇦 ");
    g_string_append (text, line->str);
    g_string_free (line, TRUE);
  }
  assert_fills_exactly (dir, "one-line.txt", text->str);

  g_string_free (text, TRUE);
}

static void
on_notify_record_complete (GlossArticleView *view,
                           GParamSpec       *pspec,
                           GString          *values)
{
  g_string_append_c (values, gloss_article_view_get_text_complete (view) ? 'T' : 'F');
}

/* "text-complete" is notified as it changes: FALSE when a long article
 * starts going in (with or without a piece map thread), TRUE once in. */
static void
test_fill_complete_notify (void)
{
  g_autofree char *dir = gloss_ui_test_make_tmp_dir ("gloss-article-view-XXXXXX");
  g_autofree char *text = make_long_text (600 * 1000);
  g_autofree char *unit = make_one_paragraph (50000);
  g_autofree char *longer = NULL;
  g_autoptr(GlossSession) session = gloss_ui_test_open_session (dir, "long.txt", text, "tester");
  g_autoptr(GlossSession) paragraph_session = NULL;
  GlossArticleView *view = GLOSS_ARTICLE_VIEW (gloss_article_view_new ());
  g_autoptr(GString) values = g_string_new (NULL);

  {
    GString *joined = g_string_new (NULL);

    for (guint i = 0; i < 24; i++)
      g_string_append_printf (joined, "%s%s", i > 0 ? " " : "", unit);
    longer = g_string_free (joined, FALSE);
  }
  paragraph_session = gloss_ui_test_open_session (dir, "paragraph.txt", longer, "tester");

  g_object_ref_sink (view);
  g_signal_connect (view, "notify::text-complete", G_CALLBACK (on_notify_record_complete), values);

  gloss_article_view_set_session (view, session);
  g_assert_false (gloss_article_view_get_text_complete (view));
  GLOSS_UI_TEST_WAIT_FOR (gloss_article_view_get_text_complete (view), TIMEOUT_MS);
  g_assert_cmpstr (values->str, ==, "FT");

  g_string_truncate (values, 0);
  gloss_article_view_set_session (view, paragraph_session);
  g_assert_false (gloss_article_view_get_text_complete (view));
  GLOSS_UI_TEST_WAIT_FOR (gloss_article_view_get_text_complete (view), TIMEOUT_MS);
  g_assert_cmpstr (values->str, ==, "FT");

  gloss_article_view_set_session (view, NULL);
  g_object_unref (view);
}

int
main (int   argc,
      char *argv[])
{
  gloss_ui_test_init (&argc, &argv);
  if (!gloss_ui_test_init_gtk ())
    return 0;

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/article-view/text-and-layout", test_text_and_layout);
  ADD ("/article-view/highlights", test_highlights);
  ADD ("/article-view/drawn", test_drawn);
  ADD ("/article-view/incremental", test_incremental);
  ADD ("/article-view/selection-snapping", test_selection_snapping);
  ADD ("/article-view/label-keys", test_label_keys);
  ADD ("/article-view/selected-annotation", test_selected_annotation);
  ADD ("/article-view/search", test_search);
  ADD ("/article-view/selected-tag", test_selected_tag);
  ADD ("/article-view/search-tag", test_search_tag);
  ADD ("/article-view/render", test_render);
  ADD ("/article-view/colors", test_colors);
  ADD ("/article-view/accessible", test_accessible);
  g_test_add_func ("/article-view/long-article", test_long_article);
  g_test_add_func ("/article-view/chunked-fill", test_chunked_fill);
  g_test_add_func ("/article-view/refill", test_refill);
  g_test_add_func ("/article-view/fill-iters-stay-valid", test_fill_iters_stay_valid);
  g_test_add_func ("/article-view/fill-select-all", test_fill_select_all);
  g_test_add_func ("/article-view/fill-caret-after-thread", test_fill_caret_after_thread);
  g_test_add_func ("/article-view/fill-chunk-edges", test_fill_chunk_edges);
  g_test_add_func ("/article-view/fill-complete-notify", test_fill_complete_notify);
  g_test_add_func ("/article-view/long-lines", test_long_lines);
  g_test_add_func ("/article-view/long-lines-window", test_long_lines_window);

#undef ADD

  return g_test_run ();
}
