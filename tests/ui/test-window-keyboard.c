/* test-window-keyboard.c — the main window with the keyboard alone
 *
 * Where the keyboard focus goes after a popover closes, which annotation
 * is selected (and where the article stays) after a delete and an undo,
 * the zoom keys, and excerpts quoted once in titles and tooltips. The
 * real window of the real application under Xvfb, as in test-window.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "gloss-application.h"
#include "gloss-excerpt.h"
#include "gloss-note-popover-private.h"
#include "gloss-speaker-chooser-private.h"
#include "gloss-window-private.h"
#include "gloss-ui-test.h"

#define TIMEOUT_MS 20000  /* generous: CI machines are busy */
#define WAIT_FOR(condition) GLOSS_UI_TEST_WAIT_FOR (condition, TIMEOUT_MS)

static GlossApplication *app;

typedef struct
{
  char        *dir;
  GFile       *article;
  GlossWindow *window;
} Fixture;

/* An article long enough to scroll: the words the tests annotate are
 * near its start (Ardmore) and near its end (Bellhaven, Corran). */
static void
write_long_article (Fixture *f)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "long-article.txt", NULL);

  for (guint i = 0; i < 200; i++)
    {
      if (i == 2)
        g_string_append (text, "The ferry from Ardmore was late again on Monday.\n\n");
      else if (i == 194)
        g_string_append (text, "Residents of Bellhaven asked the council for a vote.\n\n");
      else if (i == 197)
        g_string_append (text, "The mayor of Corran said the bridge would open in spring.\n\n");
      else
        g_string_append_printf (text, "Paragraph %u of a long report on the harbour bridge.\n\n", i + 1);
    }

  g_file_set_contents (path, text->str, text->len, &error);
  g_assert_no_error (error);
  f->article = g_file_new_for_path (path);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = gloss_ui_test_make_tmp_dir ("gloss-test-window-keyboard-XXXXXX");

  if (g_strcmp0 (data, "long") == 0)
    write_long_article (f);
  else
    {
      gloss_ui_test_copy_sample ("harbour-bridge-vote.txt", f->dir);
      f->article = g_file_new_build_filename (f->dir, "harbour-bridge-vote.txt", NULL);
    }

  f->window = gloss_ui_test_open_window (app, f->article, TIMEOUT_MS);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    gloss_ui_test_close_window (GTK_WINDOW (g_steal_pointer (&f->window)), TIMEOUT_MS);

  gloss_test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
  g_clear_object (&f->article);
}

static GlossArticleView *
view (Fixture *f)
{
  return gloss_window_get_article_view (f->window);
}

static GlossAnnotationSet *
annotations (Fixture *f)
{
  return gloss_session_get_annotations (gloss_window_get_session (f->window));
}

static guint
offset_of (Fixture    *f,
           const char *needle)
{
  GlossDocument *document = gloss_session_get_document (gloss_window_get_session (f->window));
  const char *text = gloss_document_get_text (document);
  const char *at = strstr (text, needle);

  g_assert_nonnull (at);
  return gloss_document_byte_to_offset (document, at - text);
}

static void
activate (Fixture    *f,
          const char *action,
          GVariant   *parameter)
{
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (f->window), action, parameter));
}

/* Selects @needle and presses a label, as test-window.c does. */
static GlossAnnotation *
annotate (Fixture    *f,
          const char *needle,
          const char *label)
{
  guint start = offset_of (f, needle);

  gloss_article_view_select_range (view (f), start, start + g_utf8_strlen (needle, -1));
  activate (f, "win.annotate", g_variant_new_string (label));

  return gloss_article_view_get_selected_annotation (view (f));
}

static gboolean
article_has_focus (Fixture *f)
{
  return gtk_root_get_focus (GTK_ROOT (f->window)) == GTK_WIDGET (view (f));
}

static void
focus_article (Fixture *f)
{
  gtk_widget_grab_focus (GTK_WIDGET (view (f)));
  g_assert_true (article_has_focus (f));
}

/* ------------------------------------------------------------------ */
/* Focus after a popover                                                */
/* ------------------------------------------------------------------ */

static GlossNotePopover *
open_note (Fixture *f)
{
  GlossNotePopover *popover;

  activate (f, "win.edit-note", NULL);
  popover = GLOSS_NOTE_POPOVER (gloss_ui_test_find_of_type (GTK_WIDGET (f->window), GLOSS_TYPE_NOTE_POPOVER));
  g_assert_nonnull (popover);
  WAIT_FOR (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_false (article_has_focus (f));
  return popover;
}

static GlossSpeakerChooser *
open_speaker_chooser (Fixture *f)
{
  GlossSpeakerChooser *chooser;

  activate (f, "win.choose-speaker", NULL);
  chooser = GLOSS_SPEAKER_CHOOSER (gloss_ui_test_find_of_type (GTK_WIDGET (f->window),
                                                               GLOSS_TYPE_SPEAKER_CHOOSER));
  g_assert_nonnull (chooser);
  WAIT_FOR (gtk_widget_get_visible (GTK_WIDGET (chooser)));
  g_assert_false (article_has_focus (f));
  return chooser;
}

/* However the note editor closes, the keyboard is back in the article,
 * where Tab steps through the annotations; not on a header button. */
static void
test_focus_after_note (Fixture       *f,
                       gconstpointer  data)
{
  GlossAnnotation *first = annotate (f, "Port Ellery", "location");
  GlossAnnotation *second = annotate (f, "Quay Street", "location");
  GlossNotePopover *popover;

  focus_article (f);

  /* Escape, or a click away: the popover pops down. */
  popover = open_note (f);
  gtk_popover_popdown (GTK_POPOVER (popover));
  WAIT_FOR (!gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_true (article_has_focus (f));

  /* Save (or Ctrl+Enter, the same action). */
  popover = open_note (f);
  gtk_text_buffer_set_text (gloss_note_popover_get_buffer (popover), "a note", -1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (popover), "note.save", NULL));
  WAIT_FOR (!gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_cmpstr (gloss_annotation_get_note (second), ==, "a note");
  g_assert_true (article_has_focus (f));

  /* Cancel. */
  popover = open_note (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (popover), "note.cancel", NULL));
  WAIT_FOR (!gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_true (article_has_focus (f));

  /* And Tab, the article's, steps on. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view (f)), "win.previous-annotation", NULL));
  g_assert_true (gloss_article_view_get_selected_annotation (view (f)) == first);
}

static void
test_focus_after_speaker (Fixture       *f,
                          gconstpointer  data)
{
  GlossAnnotation *person = annotate (f, "Zoë Castellane", "person");
  GlossAnnotation *quote = annotate (f, "“People on the Saltings want this bridge, and so do I,”", "quote");
  GlossSpeakerChooser *chooser;

  focus_article (f);

  /* Choosing (Enter in its entry). */
  chooser = open_speaker_chooser (f);
  g_assert_true (gloss_speaker_chooser_get_selected (chooser) == person);
  gloss_speaker_chooser_activate (chooser);
  WAIT_FOR (!gtk_widget_get_visible (GTK_WIDGET (chooser)));
  g_assert_true (gloss_annotation_set_get_speaker (annotations (f), quote) == person);
  g_assert_true (article_has_focus (f));

  /* Escape, or a click away. */
  chooser = open_speaker_chooser (f);
  gtk_popover_popdown (GTK_POPOVER (chooser));
  WAIT_FOR (!gtk_widget_get_visible (GTK_WIDGET (chooser)));
  g_assert_true (article_has_focus (f));
}

/* ------------------------------------------------------------------ */
/* Delete and undo                                                      */
/* ------------------------------------------------------------------ */

static double
scroll_position (Fixture *f)
{
  return gtk_adjustment_get_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view (f))));
}

/* Lets the view lay out and scroll where it is going to: a long article
 * is laid out a piece at a time, and a scroll to a mark far down goes on
 * over several frames. Settled once the position holds for five frames. */
static void
settle (Fixture *f)
{
  double last = -1.0;
  guint still = 0;

  while (still < 5)
    {
      double position;

      gloss_ui_test_wait_for_frame (GTK_WIDGET (view (f)), TIMEOUT_MS);
      gloss_ui_test_spin_idle ();
      position = scroll_position (f);
      still = G_APPROX_VALUE (position, last, 0.5) ? still + 1 : 0;
      last = position;
    }
}

/* Selects @annotation and scrolls to it, once the article is laid out
 * (a scroll made before that may fall short as lines above get their
 * real heights). */
static void
show (Fixture         *f,
      GlossAnnotation *annotation)
{
  settle (f);
  gloss_article_view_set_selected_annotation (view (f), NULL);
  gloss_article_view_set_selected_annotation (view (f), annotation);
  settle (f);
}

/* Deleting the last annotation selects the one before it, which is on
 * screen: the article stays where it is. It used to wrap to the first
 * annotation and jump to the top of the article, where a second Delete
 * removed what the person was not looking at. */
static void
test_delete_last_stays (Fixture       *f,
                        gconstpointer  data)
{
  GlossAnnotation *first = annotate (f, "Ardmore", "location");
  GlossAnnotation *middle = annotate (f, "Bellhaven", "location");
  GlossAnnotation *last = annotate (f, "Corran", "location");
  double position;

  g_assert_nonnull (first);
  show (f, last);
  position = scroll_position (f);
  g_assert_cmpfloat (position, >, 0.0);
  g_assert_true (gloss_article_view_get_selected_annotation (view (f)) == last);

  activate (f, "win.delete-annotation", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (annotations (f))), ==, 2);
  g_assert_true (gloss_article_view_get_selected_annotation (view (f)) == middle);
  settle (f);
  g_test_message ("scrolled from %.0f to %.0f", position, scroll_position (f));
  g_assert_cmpfloat (G_APPROX_VALUE (scroll_position (f), position, 1.0), ==, TRUE);

  /* Deleting the first one selects the next, the only one left. */
  gloss_article_view_set_selected_annotation (view (f), first);
  activate (f, "win.delete-annotation", NULL);
  g_assert_true (gloss_article_view_get_selected_annotation (view (f)) == middle);
  /* And the only one: nothing is left to select. */
  activate (f, "win.delete-annotation", NULL);
  g_assert_null (gloss_article_view_get_selected_annotation (view (f)));
}

/* Undoing a delete selects what came back and scrolls to it, wherever
 * the person had gone meanwhile. */
static void
test_undo_reveals (Fixture       *f,
                   gconstpointer  data)
{
  GlossAnnotation *first = annotate (f, "Ardmore", "location");
  GlossAnnotation *last = annotate (f, "Corran", "location");
  double bottom;

  show (f, last);
  bottom = scroll_position (f);
  g_assert_cmpfloat (bottom, >, 0.0);

  activate (f, "win.delete-annotation", NULL);
  g_assert_true (gloss_article_view_get_selected_annotation (view (f)) == first);
  settle (f);
  g_assert_cmpfloat (scroll_position (f), <, bottom / 2);

  activate (f, "win.undo", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (annotations (f))), ==, 2);
  g_assert_true (gloss_article_view_get_selected_annotation (view (f)) == last);
  settle (f);
  WAIT_FOR (scroll_position (f) > bottom / 2);
}

static gboolean
is_visible_undo_button (GtkWidget     *widget,
                        gconstpointer  data)
{
  return gloss_ui_test_is_button_with_label (widget, "_Undo") && gtk_widget_get_visible (widget);
}

/* An entity who spoke five quotes: deleting it takes the five speaker
 * links with it, in one undo step, and the window says so (a toast with
 * Undo, where the window has a toast overlay). Undo brings all six back
 * and selects the entity. */
static void
test_delete_with_relations (Fixture       *f,
                            gconstpointer  data)
{
  static const char * const quotes[] = {
    "called the decision", "She added", "Tonight we stopped arguing",
    "Councillor Ramón Núñez", "who leads the",
  };
  GlossAnnotationSet *set = annotations (f);
  GListModel *relations = gloss_annotation_set_get_relations (set);
  GlossAnnotation *person = annotate (f, "Zoë Castellane", "person");
  const char *toast = "Deleted “Zoë Castellane” and its 5 relations";
  gboolean has_overlay;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (quotes); i++)
    {
      guint start = offset_of (f, quotes[i]);
      GlossAnnotation *quote = gloss_annotation_set_create (set, "quote", start,
                                                            start + g_utf8_strlen (quotes[i], -1), &error);

      g_assert_no_error (error);
      g_assert_true (gloss_annotation_set_set_speaker (set, quote, person, &error));
    }
  g_assert_cmpuint (g_list_model_get_n_items (relations), ==, 5);

  gloss_article_view_set_selected_annotation (view (f), person);
  activate (f, "win.delete-annotation", NULL);
  g_assert_null (gloss_annotation_set_lookup (set, gloss_annotation_get_id (person)));
  g_assert_cmpuint (g_list_model_get_n_items (relations), ==, 0);

  has_overlay = gtk_widget_get_ancestor (GTK_WIDGET (view (f)), ADW_TYPE_TOAST_OVERLAY) != NULL;
  if (has_overlay)
    WAIT_FOR (gloss_ui_test_find_label (GTK_WIDGET (f->window), toast) != NULL);
  else
    g_test_message ("no toast overlay in the window: the deletion is not announced");

  activate (f, "win.undo", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (relations), ==, 5);
  g_assert_true (gloss_annotation_set_lookup (set, gloss_annotation_get_id (person)) == person);
  g_assert_true (gloss_article_view_get_selected_annotation (view (f)) == person);
  /* Undone (at once: libadwaita 1.2 must not be asked to dismiss a toast
   * still sliding in), the toast says so and offers no second undo. */
  if (has_overlay)
    {
      WAIT_FOR (gloss_ui_test_find_label (GTK_WIDGET (f->window), "Undone") != NULL);
      g_assert_null (gloss_ui_test_find_label (GTK_WIDGET (f->window), toast));
      WAIT_FOR (gloss_ui_test_find_widget (GTK_WIDGET (f->window), is_visible_undo_button, NULL) == NULL);
    }

  /* Deleted again, then another edit: the toast's Undo would undo that
   * edit, not the delete, so it goes. */
  activate (f, "win.delete-annotation", NULL);
  if (has_overlay)
    {
      WAIT_FOR (gloss_ui_test_find_label (GTK_WIDGET (f->window), toast) != NULL);
      WAIT_FOR (gloss_ui_test_find_widget (GTK_WIDGET (f->window), is_visible_undo_button, NULL) != NULL);
    }
  annotate (f, "Port Ellery", "location");
  if (has_overlay)
    WAIT_FOR (gloss_ui_test_find_widget (GTK_WIDGET (f->window), is_visible_undo_button, NULL) == NULL);
}

/* ------------------------------------------------------------------ */
/* Zoom                                                                 */
/* ------------------------------------------------------------------ */

static int
font_points (Fixture *f)
{
  g_autoptr(PangoFontDescription) description =
    pango_font_description_from_string (gloss_article_view_get_font (view (f)));

  return pango_font_description_get_size (description) / PANGO_SCALE;
}

/* The action a key with @mods triggers in the window's own shortcuts, or
 * NULL. */
static char *
dup_action_for_key (Fixture         *f,
                    guint            keyval,
                    GdkModifierType  mods)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->window));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger)
              && gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval
              && gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == mods
              && GTK_IS_NAMED_ACTION (action))
            return g_strdup (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)));
        }
    }

  return NULL;
}

static void
test_zoom (Fixture       *f,
           gconstpointer  data)
{
  GSettings *settings = gloss_application_get_settings (app);
  g_autofree char *zoom_in = dup_action_for_key (f, GDK_KEY_plus, GDK_CONTROL_MASK);
  g_autofree char *zoom_in_equal = dup_action_for_key (f, GDK_KEY_equal, GDK_CONTROL_MASK);
  g_autofree char *zoom_out = dup_action_for_key (f, GDK_KEY_minus, GDK_CONTROL_MASK);
  g_autofree char *zoom_reset = dup_action_for_key (f, GDK_KEY_0, GDK_CONTROL_MASK);
  g_autofree char *saved = NULL;
  g_autoptr(GVariant) user_font = NULL;
  int points = font_points (f);

  g_assert_cmpstr (zoom_in, ==, "win.zoom-in");
  g_assert_cmpstr (zoom_in_equal, ==, "win.zoom-in");
  g_assert_cmpstr (zoom_out, ==, "win.zoom-out");
  g_assert_cmpstr (zoom_reset, ==, "win.zoom-reset");
  g_assert_cmpint (points, ==, 13);

  activate (f, "win.zoom-in", NULL);
  activate (f, "win.zoom-in", NULL);
  g_assert_cmpint (font_points (f), ==, points + 2);
  /* Kept for the next start, the family unchanged. */
  saved = g_settings_get_string (settings, "font");
  g_assert_cmpstr (saved, ==, "Serif 15");

  activate (f, "win.zoom-out", NULL);
  g_assert_cmpint (font_points (f), ==, points + 1);

  /* Back at the default size, the setting is the default again. */
  activate (f, "win.zoom-reset", NULL);
  g_assert_cmpint (font_points (f), ==, 13);
  user_font = g_settings_get_user_value (settings, "font");
  g_assert_null (user_font);

  for (guint i = 0; i < 20; i++)
    activate (f, "win.zoom-out", NULL);
  g_assert_cmpint (font_points (f), >=, 6);
  activate (f, "win.zoom-reset", NULL);
  g_settings_reset (settings, "font");
}

/* ------------------------------------------------------------------ */
/* Find                                                                 */
/* ------------------------------------------------------------------ */

/* The search bar says which match is selected: "2 of 5". */
static void
test_find_counts (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *entry = gloss_ui_test_find_of_type (GTK_WIDGET (f->window), GTK_TYPE_SEARCH_ENTRY);
  GtkLabel *label = f->window->match_label;

  if (g_object_class_find_property (G_OBJECT_GET_CLASS (view (f)), "current-match") == NULL)
    {
      g_test_skip ("the article view does not say which match is selected yet");
      return;
    }

  activate (f, "win.find", NULL);
  g_assert_nonnull (entry);
  /* "Ellery" is in the article five times. */
  gtk_editable_set_text (GTK_EDITABLE (f->window->search_entry), "ellery");
  g_signal_emit_by_name (f->window->search_entry, "search-changed");
  g_assert_cmpstr (gtk_label_get_text (label), ==, "1 of 5");

  activate (f, "win.find-next", NULL);
  g_assert_cmpstr (gtk_label_get_text (label), ==, "2 of 5");
  activate (f, "win.find-previous", NULL);
  activate (f, "win.find-previous", NULL);
  g_assert_cmpstr (gtk_label_get_text (label), ==, "5 of 5");
}

/* ------------------------------------------------------------------ */
/* Quoted excerpts                                                      */
/* ------------------------------------------------------------------ */

static void
test_quoted_excerpt (void)
{
  static const struct { const char *text; const char *quoted; } cases[] = {
    { "Port Ellery", "“Port Ellery”" },
    { "“We will vote,” she said", "“We will vote,” she said" },
    { "\"Plain quotes\"", "\"Plain quotes\"" },
    { "„Wir bauen“", "„Wir bauen“" },
    { "« Nous votons »", "« Nous votons »" },
    { "‘Single’", "‘Single’" },
    { "one\ntwo", "“one two”" },
    { "", "“”" },
  };
  g_autofree char *cut = gloss_format_quoted_excerpt ("“People on the Saltings want this bridge”", 10);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *quoted = gloss_format_quoted_excerpt (cases[i].text, 60);

      g_assert_cmpstr (quoted, ==, cases[i].quoted);
    }

  /* Cut short, it keeps its own opening mark and gets none more. */
  g_assert_cmpstr (cut, ==, "“People on…");
  g_assert_false (gloss_text_starts_quoted (NULL));
  g_assert_false (gloss_text_starts_quoted ("Port"));
  g_assert_true (gloss_text_starts_quoted ("「引用」"));
}

/* The note editor's heading quotes its excerpt once. */
static void
test_note_heading_quotes_once (Fixture       *f,
                               gconstpointer  data)
{
  GlossNotePopover *popover;
  GtkWidget *heading;

  annotate (f, "“People on the Saltings want this bridge, and so do I,”", "quote");
  popover = open_note (f);
  heading = gtk_widget_get_first_child (gtk_popover_get_child (GTK_POPOVER (popover)));
  g_assert_true (GTK_IS_LABEL (heading));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (heading)), ==,
                   "Note on “People on the Saltings want this bridge…");
  gtk_popover_popdown (GTK_POPOVER (popover));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gloss_ui_test_init (&argc, &argv);
  gloss_ui_test_tolerate_focus_out_warning ();

  g_test_add_func ("/window-keyboard/quoted-excerpt", test_quoted_excerpt);

  if (!gloss_ui_test_init_gtk ())
    return g_test_run ();

  app = gloss_ui_test_application_new_held ();

#define ADD(path, func, kind) g_test_add (path, Fixture, kind, fixture_set_up, func, fixture_tear_down)
  ADD ("/window-keyboard/focus-after-note", test_focus_after_note, NULL);
  ADD ("/window-keyboard/focus-after-speaker", test_focus_after_speaker, NULL);
  ADD ("/window-keyboard/delete-last-stays", test_delete_last_stays, "long");
  ADD ("/window-keyboard/undo-reveals", test_undo_reveals, "long");
  ADD ("/window-keyboard/delete-with-relations", test_delete_with_relations, NULL);
  ADD ("/window-keyboard/zoom", test_zoom, NULL);
  ADD ("/window-keyboard/find-counts", test_find_counts, NULL);
  ADD ("/window-keyboard/note-heading-quotes-once", test_note_heading_quotes_once, NULL);

  status = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  return status;
}
