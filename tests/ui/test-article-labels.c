/* test-article-labels.c — the fields of the whole article in the main
 * window, and the corpus sidebar's filter
 *
 * Ctrl+L (win.article-labels) opens the panel; a field's key moves to it
 * and a value's key picks the value; Enter sets a text; the value reaches
 * the sidecar on disk (read back by the model). Like the done mark, no
 * undo step. A read-only session shows the values and refuses edits; a
 * label set without fields hides the button. The corpus sidebar filters
 * by done and by a field's value, its counts following the panel. The
 * real window of the real application under Xvfb, as in test-done.c.
 * With a number field first (the "numbers" label set), keys are typed
 * through X with xdotool, as a person would (those tests skip without
 * it): opening, tabbing and moving change no number, other fields' keys
 * work from a number field, and a topic the label set no longer lists is
 * kept.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <adwaita.h>
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#include "gloss-application.h"
#include "gloss-article-labels.h"
#include "gloss-corpus-list-private.h"
#include "gloss-window-private.h"
#include "gloss-ui-test.h"

#define TIMEOUT_MS 20000  /* generous: CI machines are busy */
#define WAIT_FOR(condition) GLOSS_UI_TEST_WAIT_FOR (condition, TIMEOUT_MS)

static GlossApplication *app;
static char *xdotool;  /* NULL: no keys typed through X, those tests skip */

static const char labels_json[] =
  "{ \"format\": \"gloss-labels\", \"version\": 1,\n"
  "  \"labels\": [ { \"id\": \"claim\", \"kind\": \"claim\", \"key\": \"c\" } ],\n"
  "  \"document_labels\": [\n"
  "    { \"id\": \"topic\", \"name\": \"Topic\", \"type\": \"choice\", \"multiple\": true, \"key\": \"t\",\n"
  "      \"values\": [ { \"id\": \"politics\", \"name\": \"Politics\", \"key\": \"p\" },\n"
  "                  { \"id\": \"health\", \"name\": \"Health\", \"key\": \"h\" } ] },\n"
  "    { \"id\": \"stance\", \"name\": \"Stance\", \"type\": \"choice\", \"key\": \"s\", \"required\": true,\n"
  "      \"values\": [ { \"id\": \"for\", \"name\": \"For\", \"key\": \"f\" },\n"
  "                  { \"id\": \"against\", \"name\": \"Against\", \"key\": \"a\" } ] },\n"
  "    { \"id\": \"opinion\", \"name\": \"Opinion piece\", \"type\": \"boolean\", \"key\": \"o\" },\n"
  "    { \"id\": \"source\", \"name\": \"Wikidata item\", \"type\": \"text\", \"key\": \"w\",\n"
  "      \"pattern\": \"Q[0-9]+\" },\n"
  "    { \"id\": \"score\", \"name\": \"Score\", \"type\": \"number\", \"key\": \"n\", \"min\": 0, \"max\": 10 }\n"
  "  ] }\n";

/* A label set whose first field is a number, so that the panel opens
 * with the focus in it; the first article's sidecar holds values a spin
 * button showing two digits would round (0.1234), one beyond its usual
 * limits (5e9), and a topic the label set no longer lists. */
static const char numbers_json[] =
  "{ \"format\": \"gloss-labels\", \"version\": 1,\n"
  "  \"labels\": [ { \"id\": \"claim\", \"kind\": \"claim\", \"key\": \"c\" } ],\n"
  "  \"document_labels\": [\n"
  "    { \"id\": \"ratio\", \"name\": \"Ratio\", \"type\": \"number\", \"key\": \"r\", \"min\": 0, \"max\": 1 },\n"
  "    { \"id\": \"big\", \"name\": \"Big\", \"type\": \"number\", \"key\": \"b\" },\n"
  "    { \"id\": \"topic\", \"name\": \"Topic\", \"type\": \"choice\", \"multiple\": true, \"key\": \"t\",\n"
  "      \"values\": [ { \"id\": \"politics\", \"name\": \"Politics\", \"key\": \"p\" },\n"
  "                  { \"id\": \"health\", \"name\": \"Health\", \"key\": \"h\" } ] },\n"
  "    { \"id\": \"stance\", \"name\": \"Stance\", \"type\": \"choice\", \"key\": \"s\",\n"
  "      \"values\": [ { \"id\": \"for\", \"name\": \"For\", \"key\": \"f\" },\n"
  "                  { \"id\": \"against\", \"name\": \"Against\", \"key\": \"a\" } ] }\n"
  "  ] }\n";

typedef struct
{
  char        *dir;
  GFile       *folder;
  GFile       *first;    /* shown first (by path) */
  GFile       *second;
  GFile       *third;
  GFile       *sidecar;  /* the tester's, beside the first */
  GlossWindow *window;
} Fixture;

/* The second article's sidecar: stance "for"; the third's: done. Written
 * with the model, as the app would have. */
static void
write_sidecar (GFile      *article,
               const char *stance,
               gboolean    done)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossDocument) document = gloss_document_new_from_file (article, NULL, &error);
  g_autoptr(GlossSidecar) sidecar = NULL;

  g_assert_no_error (error);
  sidecar = gloss_sidecar_new_for_document (document, "tester");
  if (stance != NULL)
    gloss_sidecar_set_document_label (sidecar, "stance", g_variant_new_string (stance));
  gloss_sidecar_set_done (sidecar, done);
  g_assert_true (gloss_sidecar_save (sidecar, NULL, &error));
  g_assert_no_error (error);
}

/* The first article's values for the "numbers" label set, written with
 * the model as an earlier session (or another tool) would have. */
static void
write_numbers_sidecar (GFile *article)
{
  const char * const topics[] = { "politics", "retired-topic", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossDocument) document = gloss_document_new_from_file (article, NULL, &error);
  g_autoptr(GlossSidecar) sidecar = NULL;

  g_assert_no_error (error);
  sidecar = gloss_sidecar_new_for_document (document, "tester");
  gloss_sidecar_set_document_label (sidecar, "ratio", g_variant_new_double (0.1234));
  gloss_sidecar_set_document_label (sidecar, "big", g_variant_new_double (5e9));
  gloss_sidecar_set_document_label (sidecar, "topic", g_variant_new_strv (topics, -1));
  gloss_sidecar_set_document_label (sidecar, "stance", g_variant_new_string ("neutral"));
  g_assert_true (gloss_sidecar_save (sidecar, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = gloss_ui_test_make_tmp_dir ("gloss-test-article-labels-XXXXXX");
  f->folder = g_file_new_for_path (f->dir);
  if (g_strcmp0 (data, "numbers") == 0)
    gloss_ui_test_write_file (f->folder, "gloss-labels.json", numbers_json, -1);
  else if (g_strcmp0 (data, "no-fields") != 0)
    gloss_ui_test_write_file (f->folder, "gloss-labels.json", labels_json, -1);
  gloss_ui_test_write_file (f->folder, "a-first.txt", "The first article, about the harbour.\n", -1);
  gloss_ui_test_write_file (f->folder, "b-second.txt", "The second article, about the clinic.\n", -1);
  gloss_ui_test_write_file (f->folder, "c-third.txt", "The third article, finished.\n", -1);
  f->first = g_file_get_child (f->folder, "a-first.txt");
  f->second = g_file_get_child (f->folder, "b-second.txt");
  f->third = g_file_get_child (f->folder, "c-third.txt");
  f->sidecar = g_file_get_child (f->folder, "a-first.txt.tester.gloss.json");
  write_sidecar (f->second, "for", FALSE);
  write_sidecar (f->third, NULL, TRUE);
  if (g_strcmp0 (data, "broken") == 0)
    gloss_ui_test_write_file (f->folder, "a-first.txt.tester.gloss.json", "{ \"format\": ", -1);
  if (g_strcmp0 (data, "numbers") == 0)
    write_numbers_sidecar (f->first);
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
  g_clear_object (&f->third);
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

static GtkWidget *
panel (Fixture *f)
{
  GtkWidget *button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f->window), GLOSS_TYPE_WINDOW,
                                                                 "article_labels_button"));
  GtkPopover *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));

  g_assert_true (GLOSS_IS_ARTICLE_LABELS (popover));
  return GTK_WIDGET (popover);
}

static GtkWidget *
panel_button (Fixture *f)
{
  return gtk_widget_get_ancestor (panel (f), GTK_TYPE_MENU_BUTTON);
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

/* Ctrl+L, as the application maps it (Xvfb gives no way to type a key
 * in-process: the key's action is looked up and activated as GTK does). */
static gboolean
press_ctrl_l (Fixture *f)
{
  g_auto(GStrv) actions = gtk_application_get_actions_for_accel (GTK_APPLICATION (app), "<Control>l");

  g_assert_nonnull (actions);
  g_assert_cmpuint (g_strv_length (actions), ==, 1);
  g_assert_cmpstr (actions[0], ==, "win.article-labels");
  return gtk_widget_activate_action (GTK_WIDGET (f->window), actions[0], NULL);
}

/* A key typed in the panel and not taken by the focused editor: handed to
 * the panel's key controller, as GTK would after the focus widget. */
static gboolean
press_key (Fixture *f,
           guint    keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (panel (f));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        {
          g_signal_emit_by_name (controller, "key-pressed", keyval, 0, (GdkModifierType) 0, &handled);
          return handled;
        }
    }

  g_assert_not_reached ();
}

/* The focused widget of the panel (a popover has its own focus). */
static GtkWidget *
panel_focus (Fixture *f)
{
  GtkWidget *widget = gtk_widget_get_focus_child (panel (f));

  while (widget != NULL && gtk_widget_get_focus_child (widget) != NULL)
    widget = gtk_widget_get_focus_child (widget);
  return widget;
}

static gboolean
saved (Fixture *f)
{
  return gloss_session_get_save_state (session (f)) == GLOSS_SAVE_STATE_SAVED;
}

/* Field @id of the first article's sidecar as a fresh reader finds it on
 * disk, printed ("'for'"), or NULL. */
static char *
on_disk (Fixture    *f,
         const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossDocument) document = gloss_document_new_from_file (f->first, NULL, &error);
  g_autoptr(GlossSidecar) sidecar = NULL;
  g_autoptr(GVariant) value = NULL;

  g_assert_no_error (error);
  if (!g_file_query_exists (f->sidecar, NULL))
    return NULL;
  sidecar = gloss_sidecar_new (f->sidecar, document);
  if (!gloss_sidecar_load (sidecar, NULL, NULL, NULL))
    return NULL;
  value = gloss_sidecar_get_document_label (sidecar, id);

  return value != NULL ? g_variant_print (value, FALSE) : NULL;
}

static gboolean
disk_has (Fixture    *f,
          const char *id,
          const char *printed)
{
  g_autofree char *value = on_disk (f, id);

  return g_strcmp0 (value, printed) == 0;
}

static char *
session_value (Fixture    *f,
               const char *id)
{
  g_autoptr(GVariant) value = gloss_session_get_document_label (session (f), id);

  return value != NULL ? g_variant_print (value, FALSE) : NULL;
}

static void
open_panel (Fixture *f)
{
  g_assert_true (press_ctrl_l (f));
  WAIT_FOR (gtk_widget_get_mapped (panel (f)));
}

static gboolean
is_entry (GtkWidget     *widget,
          gconstpointer  data)
{
  return GTK_IS_ENTRY (widget);
}

static gboolean
is_label_of (GtkWidget     *widget,
             gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget)
         && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

/* Every field by keyboard: its key, then a value's key, Tab and Enter;
 * each reaches the sidecar on disk. */
static void
test_keyboard (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *entry;
  g_autofree char *stance = NULL;
  g_autofree char *topic = NULL;

  open_folder (f);
  g_assert_true (gtk_widget_get_visible (panel_button (f)));
  g_assert_true (gtk_widget_is_sensitive (panel_button (f)));
  open_panel (f);
  g_assert_nonnull (gloss_ui_test_find_label (panel (f), "Stance"));
  g_assert_nonnull (gloss_ui_test_find_label (panel (f), "Required"));

  /* s then f: Stance is For */
  g_assert_true (press_key (f, GDK_KEY_s));
  g_assert_true (GTK_IS_TOGGLE_BUTTON (panel_focus (f)));
  g_assert_true (press_key (f, GDK_KEY_f));
  stance = session_value (f, "stance");
  g_assert_cmpstr (stance, ==, "'for'");
  g_assert_true (gloss_session_has_unsaved_changes (session (f)));
  /* shown pressed, and the key left the focus on it */
  g_assert_true (GTK_IS_TOGGLE_BUTTON (panel_focus (f)));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (panel_focus (f))));

  /* t, p, h: two topics (letters either case) */
  g_assert_true (press_key (f, GDK_KEY_T));
  g_assert_true (press_key (f, GDK_KEY_p));
  g_assert_true (press_key (f, GDK_KEY_h));
  topic = session_value (f, "topic");
  g_assert_cmpstr (topic, ==, "['politics', 'health']");

  /* o, then Space on the check button it went to */
  g_assert_true (press_key (f, GDK_KEY_o));
  g_assert_true (GTK_IS_CHECK_BUTTON (panel_focus (f)));
  g_assert_true (gtk_widget_activate (panel_focus (f)));
  g_free (stance);
  stance = session_value (f, "opinion");
  g_assert_cmpstr (stance, ==, "true");

  /* w: the entry; a text that does not match is said at once and set
   * with Enter is refused; a good one is set */
  g_assert_true (press_key (f, GDK_KEY_w));
  entry = gloss_ui_test_find_widget (panel (f), is_entry, NULL);
  g_assert_nonnull (entry);
  g_assert_true (gtk_widget_is_ancestor (panel_focus (f), entry) || panel_focus (f) == entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Q4x");
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_nonnull (gloss_ui_test_find_widget (panel (f), is_label_of, "Q[0-9]+"));
  g_signal_emit_by_name (entry, "activate");  /* Enter */
  g_assert_null (gloss_session_get_document_label (session (f), "source"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "Q42");
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  g_signal_emit_by_name (entry, "activate");  /* Enter */
  g_free (stance);
  stance = session_value (f, "source");
  g_assert_cmpstr (stance, ==, "'Q42'");

  /* Tab leaves the entry for the next editor (the score's spin button) */
  g_assert_true (gtk_widget_child_focus (panel (f), GTK_DIR_TAB_FORWARD));
  g_assert_true (gtk_widget_get_ancestor (panel_focus (f), GTK_TYPE_SPIN_BUTTON) != NULL);
  /* passing through the spin button sets nothing */
  g_assert_true (gtk_widget_child_focus (panel (f), GTK_DIR_TAB_BACKWARD));
  g_assert_null (gloss_session_get_document_label (session (f), "score"));
  /* n: the spin button (from outside the entry: there, the letter is
   * typed); a value within the bounds is set */
  g_assert_true (gtk_widget_child_focus (panel (f), GTK_DIR_TAB_FORWARD));
  g_assert_true (press_key (f, GDK_KEY_n));
  g_assert_nonnull (gtk_widget_get_ancestor (panel_focus (f), GTK_TYPE_SPIN_BUTTON));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (gtk_widget_get_ancestor (panel_focus (f), GTK_TYPE_SPIN_BUTTON)), 7);
  g_free (stance);
  stance = session_value (f, "score");
  g_assert_cmpstr (stance, ==, "7.0");

  gloss_ui_test_screenshot (panel (f), "article-labels.png", TIMEOUT_MS);

  /* On disk, after the autosave; not an annotation edit: nothing to undo */
  WAIT_FOR (saved (f) && disk_has (f, "stance", "'for'"));
  g_assert_true (disk_has (f, "topic", "['politics', 'health']"));
  g_assert_true (disk_has (f, "opinion", "true"));
  g_assert_true (disk_has (f, "source", "'Q42'"));
  g_assert_true (disk_has (f, "score", "7.0"));
  g_assert_false (gloss_annotation_set_can_undo (gloss_session_get_annotations (session (f))));

  /* The chosen value's key again: not set */
  g_assert_true (press_key (f, GDK_KEY_s));
  g_assert_true (press_key (f, GDK_KEY_f));
  g_assert_null (gloss_session_get_document_label (session (f), "stance"));
  WAIT_FOR (saved (f) && disk_has (f, "stance", NULL));

  /* Escape closes it */
  gtk_popover_popdown (GTK_POPOVER (panel (f)));
  WAIT_FOR (!gtk_widget_get_mapped (panel (f)));
}

/* A sidecar that failed to load: the panel shows, the editors refuse. */
static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *disk = NULL;

  open_folder (f);
  g_assert_cmpint (gloss_session_get_save_state (session (f)), ==, GLOSS_SAVE_STATE_READ_ONLY);
  open_panel (f);

  g_assert_nonnull (gloss_ui_test_find_widget (panel (f), is_label_of, "read-only"));
  /* the values are shown; the editors cannot be used */
  g_assert_false (gtk_widget_is_sensitive (gloss_ui_test_find_widget (panel (f), is_entry, NULL)));
  press_key (f, GDK_KEY_s);
  press_key (f, GDK_KEY_f);
  g_assert_null (gloss_session_get_document_label (session (f), "stance"));
  g_assert_false (gloss_session_has_unsaved_changes (session (f)));
  disk = gloss_ui_test_read_file (f->sidecar);
  g_assert_cmpstr (disk, ==, "{ \"format\": ");
  gtk_popover_popdown (GTK_POPOVER (panel (f)));
}

/* A label set without fields: no button, and Ctrl+L does nothing. */
static void
test_no_fields (Fixture       *f,
                gconstpointer  data)
{
  open_folder (f);
  g_assert_false (gtk_widget_get_visible (panel_button (f)));
  press_ctrl_l (f);
  gloss_ui_test_spin_idle ();
  g_assert_false (gtk_widget_get_mapped (panel (f)));
  g_assert_false (gloss_article_labels_get_has_fields (GLOSS_ARTICLE_LABELS (panel (f))));
}

static gboolean
shown (GlossCorpusList *list,
       GFile           *article)
{
  for (guint i = 0; i < gloss_corpus_list_get_n_shown (list); i++)
    if (g_file_equal (gloss_corpus_list_get_shown_article (list, i), article))
      return TRUE;
  return FALSE;
}

/* Whether the filter menu has an item labelled @label. */
static gboolean
menu_has (GMenuModel *menu,
          const char *label)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *text = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      if (section != NULL && menu_has (section, label))
        return TRUE;
      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &text)
          && g_str_equal (text, label))
        return TRUE;
    }
  return FALSE;
}

/* The sidebar's filter: done, not done, a field's value; the counts and
 * rows follow a field set in the panel; the article being worked on stays
 * listed. */
static void
test_corpus_filter (Fixture       *f,
                    gconstpointer  data)
{
  GlossCorpusList *list;

  open_folder (f);
  list = corpus_list (f);
  g_assert_cmpuint (gloss_corpus_list_get_n_shown (list), ==, 3);
  g_assert_cmpstr (gloss_corpus_list_get_filter_label (list), ==, "All Articles");
  g_assert_true (menu_has (gloss_corpus_list_get_filter_menu (list), "Done (1)"));
  g_assert_true (menu_has (gloss_corpus_list_get_filter_menu (list), "Not Done (2)"));
  g_assert_true (menu_has (gloss_corpus_list_get_filter_menu (list), "For (1)"));
  g_assert_true (menu_has (gloss_corpus_list_get_filter_menu (list), "Against (0)"));

  /* Done: the third, and the first because it is open */
  gloss_corpus_list_set_filter (list, "done");
  g_assert_cmpstr (gloss_corpus_list_get_filter_label (list), ==, "Done");
  g_assert_cmpuint (gloss_corpus_list_get_n_shown (list), ==, 2);
  g_assert_true (shown (list, f->third));
  g_assert_true (shown (list, f->first));
  g_assert_false (shown (list, f->second));
  /* the open article is still the selected one */
  g_assert_true (g_file_equal (gloss_corpus_list_get_selected_article (list), f->first));

  gloss_corpus_list_set_filter (list, "not-done");
  g_assert_cmpuint (gloss_corpus_list_get_n_shown (list), ==, 2);
  g_assert_true (shown (list, f->second));
  g_assert_false (shown (list, f->third));

  /* Stance For: the second; the first joins it once set in the panel */
  gloss_corpus_list_set_filter (list, "field:stance=for");
  g_assert_cmpstr (gloss_corpus_list_get_filter_label (list), ==, "Stance: For");
  g_assert_true (shown (list, f->second));
  g_assert_false (shown (list, f->third));
  open_panel (f);
  g_assert_true (press_key (f, GDK_KEY_s));
  g_assert_true (press_key (f, GDK_KEY_f));
  gtk_popover_popdown (GTK_POPOVER (panel (f)));
  g_assert_true (menu_has (gloss_corpus_list_get_filter_menu (list), "For (2)"));

  /* Next article steps through the rows shown: the second, then back */
  g_assert_true (g_file_equal (gloss_corpus_list_select_next (list, FALSE), f->second));
  WAIT_FOR (session (f) != NULL
            && g_file_equal (gloss_document_get_file (gloss_session_get_document (session (f))), f->second));
  g_assert_true (g_file_equal (gloss_corpus_list_select_next (list, FALSE), f->first));

  /* Against: nothing but the open article */
  gloss_corpus_list_set_filter (list, "field:stance=against");
  g_assert_cmpuint (gloss_corpus_list_get_n_shown (list), ==, 1);
  gloss_corpus_list_set_filter (list, NULL);
  g_assert_cmpuint (gloss_corpus_list_get_n_shown (list), ==, 3);
  /* the window follows the selection: back on the first, saved */
  WAIT_FOR (session (f) != NULL
            && g_file_equal (gloss_document_get_file (gloss_session_get_document (session (f))), f->first)
            && saved (f));
  g_assert_true (disk_has (f, "stance", "'for'"));
}

/* Keys typed through X
 * ------------------------------------------------------------------------
 * Emitting key-pressed on the panel's controller skips what the focused
 * widget does with a key first (a spin button takes letters into its
 * text): the tests of what reaches which widget type them with xdotool
 * into the window, as a person would, and skip without it. */

static gboolean
can_type (void)
{
  if (xdotool != NULL)
    return TRUE;

  g_test_skip ("no xdotool or no X11 display: keys cannot be typed");
  return FALSE;
}

/* xdotool @command ("key" or "type") with @args, into the window; returns
 * once GTK has handled what X delivered. */
static void
xdotool_run (Fixture    *f,
             const char *command,
             const char *args)
{
#ifdef GDK_WINDOWING_X11
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (f->window));
  g_autofree char *xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
  g_auto(GStrv) words = g_strsplit (args, " ", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_strv_builder_add_many (builder, xdotool, "windowfocus", xid, command, "--delay", "20", NULL);
  if (g_str_equal (command, "type"))
    g_strv_builder_add (builder, args);
  else
    g_strv_builder_addv (builder, (const char **) words);
  argv = g_strv_builder_end (builder);

  g_assert_true (g_spawn_sync (NULL, argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("xdotool failed: %s", err);

  gdk_display_sync (gtk_widget_get_display (GTK_WIDGET (f->window)));
  gloss_ui_test_spin_idle ();
#else
  g_assert_not_reached ();
#endif
}

/* Keys by xdotool's names, one after the other: "ctrl+l", "r Tab". */
static void
keys (Fixture    *f,
      const char *names)
{
  xdotool_run (f, "key", names);
}

static void
type (Fixture    *f,
      const char *text)
{
  xdotool_run (f, "type", text);
}

static gboolean
is_spin (GtkWidget     *widget,
         gconstpointer  data)
{
  return GTK_IS_SPIN_BUTTON (widget);
}

/* The spin buttons of the panel, in the order of the fields. */
static GtkWidget *
nth_spin (Fixture *f,
          guint    n)
{
  GtkWidget *widget = gloss_ui_test_find_widget (panel (f), is_spin, NULL);

  for (; widget != NULL && n > 0; n--)
    {
      GtkWidget *field = gtk_widget_get_parent (gtk_widget_get_parent (widget));

      widget = gloss_ui_test_find_widget (gtk_widget_get_next_sibling (field), is_spin, NULL);
    }
  g_assert_nonnull (widget);
  return widget;
}

static GtkWidget *
focused_spin (Fixture *f)
{
  GtkWidget *focus = panel_focus (f);

  return focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_SPIN_BUTTON) : NULL;
}

/* A number field's value in the session, NAN when not set. */
static double
session_number (Fixture    *f,
                const char *id)
{
  g_autoptr(GVariant) value = gloss_session_get_document_label (session (f), id);

  if (value == NULL)
    return NAN;
  g_assert_true (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE));
  return g_variant_get_double (value);
}

static gboolean
session_has (Fixture    *f,
             const char *id,
             const char *printed)
{
  g_autofree char *value = session_value (f, id);

  return g_strcmp0 (value, printed) == 0;
}

static void
open_panel_by_key (Fixture *f)
{
  keys (f, "ctrl+l");
  WAIT_FOR (gtk_widget_get_mapped (panel (f)));
  gloss_ui_test_spin_idle ();
}

static void
close_panel_by_key (Fixture *f)
{
  keys (f, "Escape");
  WAIT_FOR (!gtk_widget_get_mapped (panel (f)));
  gloss_ui_test_spin_idle ();
}

/* The values as the file has them; no change waiting to be saved. */
static void
assert_numbers_untouched (Fixture *f)
{
  g_assert_cmpfloat (session_number (f, "ratio"), ==, 0.1234);
  g_assert_cmpfloat (session_number (f, "big"), ==, 5e9);
  g_assert_false (gloss_session_has_unsaved_changes (session (f)));
}

/* A number field first: the panel opens with the focus in it. Opening,
 * tabbing through, moving by the fields' keys and Escape change nothing
 * (its spin button showed two digits, and reading them back on focus or
 * on leaving set 0.12 and autosave wrote it); the value is shown whole.
 * What the person types or steps is set. */
static void
test_number_unchanged (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GtkWidget *ratio;
  GtkWidget *big;

  if (!can_type ())
    return;

  open_folder (f);
  before = gloss_ui_test_read_file (f->sidecar);
  open_panel_by_key (f);
  ratio = nth_spin (f, 0);
  big = nth_spin (f, 1);
  g_assert_true (focused_spin (f) == ratio);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ratio)), ==, "0.1234");
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (big)), ==, 5e9);
  /* beyond the spin button's usual limits, shown as it is and with room
   * to step on (the field has no bounds) */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (big)), ==, "5000000000.00");
  g_assert_cmpfloat (gtk_adjustment_get_upper (gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (big))), >, 5e9);
  assert_numbers_untouched (f);

  /* each is followed by its Clear button */
  keys (f, "Tab");
  assert_numbers_untouched (f);
  keys (f, "Tab");
  WAIT_FOR (focused_spin (f) == big);
  keys (f, "Tab");
  assert_numbers_untouched (f);
  close_panel_by_key (f);
  assert_numbers_untouched (f);

  open_panel_by_key (f);
  keys (f, "b r b");
  WAIT_FOR (focused_spin (f) == big);
  close_panel_by_key (f);
  assert_numbers_untouched (f);
  gloss_ui_test_spin (300);  /* an autosave, had anything been set */
  after = gloss_ui_test_read_file (f->sidecar);
  g_assert_cmpstr (after, ==, before);

  /* Typed: set as typed, not rounded to what was shown before */
  open_panel_by_key (f);
  keys (f, "r ctrl+a");
  type (f, "0.125");
  keys (f, "Tab");
  WAIT_FOR (session_number (f, "ratio") == 0.125);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ratio)), ==, "0.125");
  /* Enter sets it too; a step is set at once (within the bounds) */
  keys (f, "r ctrl+a");
  type (f, "0.5");
  keys (f, "Return");
  WAIT_FOR (session_number (f, "ratio") == 0.5);
  keys (f, "r Down");
  WAIT_FOR (session_number (f, "ratio") == 0.0);
  g_assert_cmpfloat (session_number (f, "big"), ==, 5e9);
  close_panel_by_key (f);
  WAIT_FOR (saved (f) && disk_has (f, "ratio", "0.0"));
}

/* The focus in a number field: another field's key goes to that field
 * and its value keys pick values (the letter typed into the spin button
 * replaced its text, and leaving it set 0.0); a key no field has and no
 * number uses is refused there; text that reads as no number puts the
 * value back; emptied, the field is not set. */
static void
test_number_keys (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *ratio;

  if (!can_type ())
    return;

  open_folder (f);
  open_panel_by_key (f);
  ratio = nth_spin (f, 0);
  g_assert_true (focused_spin (f) == ratio);

  keys (f, "s f");
  WAIT_FOR (session_has (f, "stance", "'for'"));
  g_assert_false (focused_spin (f) == ratio);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ratio)), ==, "0.1234");
  g_assert_cmpfloat (session_number (f, "ratio"), ==, 0.1234);

  keys (f, "r t h");
  WAIT_FOR (session_has (f, "topic", "['politics', 'retired-topic', 'health']"));
  g_assert_cmpfloat (session_number (f, "ratio"), ==, 0.1234);

  /* x: nobody's key, no part of a number */
  keys (f, "r x");
  WAIT_FOR (focused_spin (f) == ratio);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ratio)), ==, "0.1234");
  keys (f, "Tab");
  g_assert_cmpfloat (session_number (f, "ratio"), ==, 0.1234);

  /* not a number: the value comes back */
  keys (f, "r ctrl+a");
  type (f, "1e");
  keys (f, "Tab");
  g_assert_cmpfloat (session_number (f, "ratio"), ==, 0.1234);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ratio)), ==, "0.1234");
  keys (f, "r ctrl+a");
  type (f, "-");
  keys (f, "Tab");
  g_assert_cmpfloat (session_number (f, "ratio"), ==, 0.1234);

  /* emptied: not set */
  keys (f, "r ctrl+a BackSpace Tab");
  WAIT_FOR (isnan (session_number (f, "ratio")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ratio)), ==, "");
  /* and passing through the empty field sets nothing */
  keys (f, "r Tab");
  g_assert_true (isnan (session_number (f, "ratio")));

  close_panel_by_key (f);
  WAIT_FOR (saved (f) && disk_has (f, "ratio", NULL) && disk_has (f, "stance", "'for'"));
  g_assert_true (disk_has (f, "big", "5000000000.0"));
}

static gboolean
is_check_of (GtkWidget     *widget,
             gconstpointer  text)
{
  GtkWidget *label = GTK_IS_CHECK_BUTTON (widget) ? gtk_widget_get_last_child (widget) : NULL;

  return GTK_IS_LABEL (label) && gtk_widget_is_visible (widget)
         && strstr (gtk_label_get_text (GTK_LABEL (label)), text) != NULL;
}

static gboolean
is_toggle_of (GtkWidget     *widget,
              gconstpointer  text)
{
  return GTK_IS_TOGGLE_BUTTON (widget) && gtk_widget_is_visible (widget)
         && gtk_button_get_label (GTK_BUTTON (widget)) != NULL
         && strstr (gtk_button_get_label (GTK_BUTTON (widget)), text) != NULL;
}

/* A topic the label set no longer lists, read from the file: shown as
 * such, kept when other topics are added or removed (the list was made
 * again from the label set's topics), and removed on purpose. A single
 * choice's unlisted stance is shown pressed, and replaced by a value
 * picked. */
static void
test_unlisted_choice (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *retired;
  GtkWidget *neutral;
  g_autofree char *topic = NULL;

  open_folder (f);
  open_panel (f);
  retired = gloss_ui_test_find_widget (panel (f), is_check_of, "retired-topic");
  g_assert_nonnull (retired);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (retired)));
  g_assert_nonnull (gloss_ui_test_find_widget (panel (f), is_check_of, "not in the label set"));
  neutral = gloss_ui_test_find_widget (panel (f), is_toggle_of, "neutral (not in the label set)");
  g_assert_nonnull (neutral);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (neutral)));
  g_assert_true (press_key (f, GDK_KEY_s));
  g_assert_true (press_key (f, GDK_KEY_a));
  g_assert_true (session_has (f, "stance", "'against'"));
  g_assert_null (gloss_ui_test_find_widget (panel (f), is_toggle_of, "neutral"));

  g_assert_true (press_key (f, GDK_KEY_t));
  g_assert_true (press_key (f, GDK_KEY_h));
  topic = session_value (f, "topic");
  g_assert_cmpstr (topic, ==, "['politics', 'retired-topic', 'health']");
  WAIT_FOR (saved (f) && disk_has (f, "topic", "['politics', 'retired-topic', 'health']"));

  g_assert_true (press_key (f, GDK_KEY_p));
  g_free (topic);
  topic = session_value (f, "topic");
  g_assert_cmpstr (topic, ==, "['retired-topic', 'health']");
  g_assert_true (retired == gloss_ui_test_find_widget (panel (f), is_check_of, "retired-topic"));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (retired)));
  gloss_ui_test_screenshot (panel (f), "article-labels-unlisted.png", TIMEOUT_MS);

  /* unchecked on purpose: gone, from the file and the panel */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (retired), FALSE);
  g_free (topic);
  topic = session_value (f, "topic");
  g_assert_cmpstr (topic, ==, "['health']");
  g_assert_null (gloss_ui_test_find_widget (panel (f), is_check_of, "retired-topic"));
  WAIT_FOR (saved (f) && disk_has (f, "topic", "['health']"));
  gtk_popover_popdown (GTK_POPOVER (panel (f)));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gloss_ui_test_init (&argc, &argv);

  if (!gloss_ui_test_init_gtk ())
    return g_test_run ();

#ifdef GDK_WINDOWING_X11
  if (GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    xdotool = g_find_program_in_path ("xdotool");
#endif
  app = gloss_ui_test_application_new_held ();

#define ADD(path, func, kind) g_test_add (path, Fixture, kind, fixture_set_up, func, fixture_tear_down)
  ADD ("/article-labels/keyboard", test_keyboard, NULL);
  ADD ("/article-labels/read-only", test_read_only, "broken");
  ADD ("/article-labels/no-fields", test_no_fields, "no-fields");
  ADD ("/article-labels/corpus-filter", test_corpus_filter, NULL);
  ADD ("/article-labels/number-unchanged", test_number_unchanged, "numbers");
  ADD ("/article-labels/number-keys", test_number_keys, "numbers");
  ADD ("/article-labels/unlisted-choice", test_unlisted_choice, "numbers");
#undef ADD

  status = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  g_free (xdotool);
  return status;
}
