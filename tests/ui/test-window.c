/* test-window.c — the real window, driven in-process under Xvfb
 *
 * Each test opens a copy of a sample article in a fresh window of the real
 * application, acts through the window's actions (what keys, buttons and
 * menus trigger) and checks the model, the highlights and the sidecar on
 * disk after autosave.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "gloss-application.h"
#include "gloss-corpus-list.h"
#include "gloss-note-popover.h"
#include "gloss-speaker-chooser.h"
#include "gloss-welcome-page.h"
#include "gloss-window-private.h"
#include "gloss-ui-test.h"

#define TIMEOUT_MS 20000  /* generous: CI machines are busy */
#define WAIT_FOR(condition) GLOSS_UI_TEST_WAIT_FOR (condition, TIMEOUT_MS)

static GlossApplication *app;

typedef struct
{
  char        *dir;
  GFile       *article;
  GFile       *sidecar;
  GlossWindow *window;
} Fixture;

static void
open_window (Fixture *f)
{
  f->window = gloss_ui_test_open_window (app, f->article, TIMEOUT_MS);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = gloss_ui_test_make_tmp_dir ("gloss-test-window-XXXXXX");

  /* The article without any sidecar: this annotator starts fresh. */
  gloss_ui_test_copy_sample ("harbour-bridge-vote.txt", f->dir);
  f->article = g_file_new_build_filename (f->dir, "harbour-bridge-vote.txt", NULL);
  f->sidecar = g_file_new_build_filename (f->dir, "harbour-bridge-vote.txt.tester.gloss.json", NULL);

  if (data == NULL)
    open_window (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  /* Closing waits for the last save, then destroys the window. */
  if (f->window != NULL)
    gloss_ui_test_close_window (GTK_WINDOW (g_steal_pointer (&f->window)), TIMEOUT_MS);

  gloss_test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
  g_clear_object (&f->article);
  g_clear_object (&f->sidecar);
}

static GlossAnnotationSet *
annotations (Fixture *f)
{
  return gloss_session_get_annotations (gloss_window_get_session (f->window));
}

static GlossDocument *
document (Fixture *f)
{
  return gloss_session_get_document (gloss_window_get_session (f->window));
}

static guint
offset_of (Fixture    *f,
           const char *needle)
{
  const char *text = gloss_document_get_text (document (f));
  const char *at = strstr (text, needle);

  g_assert_nonnull (at);
  return gloss_document_byte_to_offset (document (f), at - text);
}

static void
activate (Fixture    *f,
          const char *action,
          GVariant   *parameter)
{
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (f->window), action, parameter));
}

/* Selects @needle in the article view (as a mouse or Shift+arrows would)
 * and presses a label: the window's win.annotate. */
static GlossAnnotation *
annotate (Fixture    *f,
          const char *needle,
          const char *label)
{
  GlossArticleView *view = gloss_window_get_article_view (f->window);
  guint start = offset_of (f, needle);
  guint n_before = g_list_model_get_n_items (G_LIST_MODEL (annotations (f)));

  gloss_article_view_select_range (view, start, start + g_utf8_strlen (needle, -1));
  activate (f, "win.annotate", g_variant_new_string (label));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (annotations (f))), ==, n_before + 1);

  return gloss_article_view_get_selected_annotation (view);
}

static gboolean
sidecar_contains (Fixture    *f,
                  const char *needle)
{
  g_autofree char *contents = gloss_ui_test_try_read_file (f->sidecar);

  return contents != NULL && strstr (contents, needle) != NULL;
}

static gboolean
saved (Fixture *f)
{
  return gloss_session_get_save_state (gloss_window_get_session (f->window)) == GLOSS_SAVE_STATE_SAVED;
}

static void
test_annotate_and_autosave (Fixture       *f,
                            gconstpointer  data)
{
  GlossArticleView *view = gloss_window_get_article_view (f->window);
  GlossAnnotation *annotation;
  g_auto(GStrv) labels = NULL;

  annotation = annotate (f, "Port Ellery", "location");
  g_assert_nonnull (annotation);
  g_assert_cmpstr (gloss_annotation_get_label (annotation), ==, "location");
  g_assert_cmpstr (gloss_annotation_get_exact (annotation), ==, "Port Ellery");

  labels = gloss_article_view_dup_labels_at (view, offset_of (f, "Port Ellery") + 2);
  g_assert_true (g_strv_contains ((const char * const *) labels, "location"));

  /* The list follows the selection, just after the article's frame. */
  WAIT_FOR (gloss_annotation_list_get_selected_annotation (gloss_window_get_annotation_list (f->window))
            == annotation);

  WAIT_FOR (saved (f) && sidecar_contains (f, "\"exact\": \"Port Ellery\""));
  g_assert_true (sidecar_contains (f, "\"annotator\": {\n    \"id\": \"tester\""));
}

static void
test_undo_redo (Fixture       *f,
                gconstpointer  data)
{
  GlossAnnotation *annotation = annotate (f, "Quay Street", "location");

  activate (f, "win.set-label", g_variant_new_string ("misc"));
  g_assert_cmpstr (gloss_annotation_get_label (annotation), ==, "misc");

  activate (f, "win.undo", NULL);
  g_assert_cmpstr (gloss_annotation_get_label (annotation), ==, "location");
  activate (f, "win.undo", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (annotations (f))), ==, 0);

  activate (f, "win.redo", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (annotations (f))), ==, 1);
  activate (f, "win.redo", NULL);
  g_assert_cmpstr (gloss_annotation_get_label (annotation), ==, "misc");

  WAIT_FOR (saved (f) && sidecar_contains (f, "\"label\": \"misc\""));
}

/* A label key on a selected annotation (its text selected with it)
 * relabels it instead of marking the same text twice. */
static void
test_label_key_relabels (Fixture       *f,
                         gconstpointer  data)
{
  GlossArticleView *view = gloss_window_get_article_view (f->window);
  GlossAnnotation *annotation = annotate (f, "Quay Street", "location");

  gloss_article_view_set_selected_annotation (view, NULL);
  gloss_article_view_set_selected_annotation (view, annotation);
  activate (f, "win.annotate", g_variant_new_string ("organization"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (annotations (f))), ==, 1);
  g_assert_cmpstr (gloss_annotation_get_label (annotation), ==, "organization");
}

static void
on_reloaded (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_session_reload_finish (GLOSS_SESSION (object), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

/* The toast after a delete offers Undo until there is nothing to undo:
 * a reload that changed nothing clears the history without a change to
 * tell of, and the button goes too. */
static void
test_delete_toast_after_reload (Fixture       *f,
                                gconstpointer  data)
{
  GlossSession *session = gloss_window_get_session (f->window);
  AdwToast *toast;
  gboolean reloaded = FALSE;
  GlossAnnotation *quote = annotate (f, "Quay Street", "quote");
  GlossAnnotation *person = annotate (f, "Port Ellery", "person");

  /* A delete that takes a relation with it is told, with Undo. */
  g_assert_true (gloss_annotation_set_set_speaker (annotations (f), quote, person, NULL));
  gloss_article_view_set_selected_annotation (gloss_window_get_article_view (f->window), quote);
  activate (f, "win.delete-annotation", NULL);
  toast = g_object_get_data (G_OBJECT (f->window), "gloss-edit-toast");
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_action_name (toast), ==, "win.undo");
  WAIT_FOR (saved (f) && !sidecar_contains (f, "Quay Street"));

  gloss_session_reload_async (session, NULL, on_reloaded, &reloaded);
  WAIT_FOR (reloaded);
  g_assert_false (gloss_annotation_set_can_undo (annotations (f)));
  toast = g_object_get_data (G_OBJECT (f->window), "gloss-edit-toast");
  g_assert_true (toast == NULL || adw_toast_get_action_name (toast) == NULL);
}

static void
test_delete (Fixture       *f,
             gconstpointer  data)
{
  annotate (f, "Quay Street", "location");
  annotate (f, "Port Ellery", "location");
  WAIT_FOR (saved (f) && sidecar_contains (f, "Quay Street"));

  activate (f, "win.delete-annotation", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (annotations (f))), ==, 1);
  WAIT_FOR (saved (f) && !sidecar_contains (f, "\"exact\": \"Port Ellery\""));

  activate (f, "win.undo", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (annotations (f))), ==, 2);
  WAIT_FOR (saved (f) && sidecar_contains (f, "\"exact\": \"Port Ellery\""));
}

static void
test_note (Fixture       *f,
           gconstpointer  data)
{
  GlossAnnotation *annotation = annotate (f, "Quay Street", "location");
  GlossNotePopover *popover;

  activate (f, "win.edit-note", NULL);
  popover = GLOSS_NOTE_POPOVER (gloss_ui_test_find_of_type (GTK_WIDGET (f->window), GLOSS_TYPE_NOTE_POPOVER));
  g_assert_nonnull (popover);
  WAIT_FOR (gtk_widget_get_visible (GTK_WIDGET (popover)));

  /* What Save (or Ctrl+Enter) in the popover does. */
  g_signal_emit_by_name (popover, "note-saved", annotation, "check the street name");
  g_assert_cmpstr (gloss_annotation_get_note (annotation), ==, "check the street name");
  WAIT_FOR (saved (f) && sidecar_contains (f, "\"note\": \"check the street name\""));

  activate (f, "win.undo", NULL);
  g_assert_cmpstr (gloss_annotation_get_note (annotation), ==, "");
  gtk_popover_popdown (GTK_POPOVER (popover));
}

static void
test_speaker (Fixture       *f,
              gconstpointer  data)
{
  GlossAnnotation *person = annotate (f, "Zoë Castellane", "person");
  GlossAnnotation *quote;
  GlossSpeakerChooser *chooser;
  GListModel *relations = gloss_annotation_set_get_relations (annotations (f));
  g_autoptr(GlossRelation) relation = NULL;

  quote = annotate (f, "“People on the Saltings want this bridge, and so do I,”", "quote");
  activate (f, "win.choose-speaker", NULL);
  chooser = GLOSS_SPEAKER_CHOOSER (gloss_ui_test_find_of_type (GTK_WIDGET (f->window),
                                                               GLOSS_TYPE_SPEAKER_CHOOSER));
  g_assert_nonnull (chooser);

  g_signal_emit_by_name (chooser, "speaker-chosen", quote, person);
  g_assert_cmpuint (g_list_model_get_n_items (relations), ==, 1);
  relation = g_list_model_get_item (relations, 0);
  g_assert_cmpstr (gloss_relation_get_from (relation), ==, gloss_annotation_get_id (quote));
  g_assert_cmpstr (gloss_relation_get_to (relation), ==, gloss_annotation_get_id (person));
  WAIT_FOR (saved (f) && sidecar_contains (f, "\"type\": \"speaker\""));

  /* Choosing "no speaker" removes it, one undo step brings it back. */
  g_signal_emit_by_name (chooser, "speaker-chosen", quote, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (relations), ==, 0);
  activate (f, "win.undo", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (relations), ==, 1);
  gtk_popover_popdown (GTK_POPOVER (chooser));
}

static void
test_shift_bounds (Fixture       *f,
                   gconstpointer  data)
{
  GlossAnnotation *annotation = annotate (f, "Quay Street", "location");
  guint start = gloss_annotation_get_start (annotation);

  activate (f, "win.shift-end", g_variant_new_string ("right"));
  g_assert_cmpstr (gloss_annotation_get_exact (annotation), ==, "Quay Street and");
  activate (f, "win.shift-end", g_variant_new_string ("left"));
  g_assert_cmpstr (gloss_annotation_get_exact (annotation), ==, "Quay Street");
  activate (f, "win.shift-start", g_variant_new_string ("right"));
  g_assert_cmpstr (gloss_annotation_get_exact (annotation), ==, "Street");
  activate (f, "win.undo", NULL);
  g_assert_cmpuint (gloss_annotation_get_start (annotation), ==, start);
}

static void
test_tab_walks_annotations (Fixture       *f,
                            gconstpointer  data)
{
  GlossArticleView *view = gloss_window_get_article_view (f->window);
  GlossAnnotation *first = annotate (f, "Port Ellery", "location");
  GlossAnnotation *second = annotate (f, "Quay Street", "location");

  g_assert_true (gloss_article_view_get_selected_annotation (view) == second);
  activate (f, "win.previous-annotation", NULL);
  g_assert_true (gloss_article_view_get_selected_annotation (view) == first);
  activate (f, "win.next-annotation", NULL);
  g_assert_true (gloss_article_view_get_selected_annotation (view) == second);
}

/* The article's context menu offers each label. */
static void
test_context_menu_labels (Fixture       *f,
                          gconstpointer  data)
{
  GlossArticleView *view = gloss_window_get_article_view (f->window);
  g_autoptr(GMenuModel) menu = NULL;
  g_autoptr(GMenuModel) marks = NULL;
  g_autoptr(GVariant) target = NULL;
  g_autofree char *action = NULL;
  guint start = offset_of (f, "Port Ellery");

  /* The window's own menu, built when it opens: with text selected, the
   * labels come after Copy and Select All. */
  gloss_article_view_select_range (view, start, start + 4);
  menu = gloss_window_build_context_menu (f->window);
  g_assert_nonnull (menu);
  marks = g_menu_model_get_item_link (menu, 1, G_MENU_LINK_SECTION);
  g_assert_cmpint (g_menu_model_get_n_items (marks), ==, 6);
  g_assert_true (g_menu_model_get_item_attribute (marks, 1, G_MENU_ATTRIBUTE_ACTION, "s", &action));
  g_assert_cmpstr (action, ==, "win.annotate");
  target = g_menu_model_get_item_attribute_value (marks, 1, G_MENU_ATTRIBUTE_TARGET, G_VARIANT_TYPE_STRING);
  g_assert_cmpstr (g_variant_get_string (target, NULL), ==, "quote");
}

/* Whether @menu (its sections too) has an item for @action. */
static gboolean
menu_has_action (GMenuModel *menu,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      g_autofree char *name = NULL;

      if (section != NULL && menu_has_action (section, action))
        return TRUE;
      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name)
          && g_strcmp0 (name, action) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The context menu lists only what applies: never Cut, Paste or Delete
 * (the article is not editable), Copy only with text selected, the edits
 * of an annotation only with one selected (nothing to edit while
 * read-only: /window/corrupt-sidecar-untouched). */
static void
test_context_menu_applies (Fixture       *f,
                           gconstpointer  data)
{
  GlossArticleView *view = gloss_window_get_article_view (f->window);
  GlossAnnotation *quote;
  GlossAnnotation *location;
  g_autoptr(GMenuModel) nothing = NULL;
  g_autoptr(GMenuModel) on_quote = NULL;
  g_autoptr(GMenuModel) on_location = NULL;

  gloss_article_view_set_selected_annotation (view, NULL);
  gloss_article_view_select_range (view, 0, 0);
  nothing = gloss_window_build_context_menu (f->window);
  g_assert_false (menu_has_action (nothing, "clipboard.cut"));
  g_assert_false (menu_has_action (nothing, "clipboard.paste"));
  g_assert_false (menu_has_action (nothing, "selection.delete"));
  g_assert_false (menu_has_action (nothing, "clipboard.copy"));
  g_assert_true (menu_has_action (nothing, "selection.select-all"));
  g_assert_false (menu_has_action (nothing, "win.annotate"));
  g_assert_false (menu_has_action (nothing, "win.delete-annotation"));

  quote = annotate (f, "Port Ellery", "quote");
  gloss_article_view_set_selected_annotation (view, quote);
  on_quote = gloss_window_build_context_menu (f->window);
  g_assert_true (menu_has_action (on_quote, "clipboard.copy"));
  g_assert_true (menu_has_action (on_quote, "win.annotate"));
  g_assert_true (menu_has_action (on_quote, "win.edit-note"));
  g_assert_true (menu_has_action (on_quote, "win.choose-speaker"));
  g_assert_true (menu_has_action (on_quote, "win.delete-annotation"));
  g_assert_false (menu_has_action (on_quote, "clipboard.cut"));

  /* A location has no speaker to choose. */
  location = annotate (f, "Quay Street", "location");
  gloss_article_view_set_selected_annotation (view, location);
  on_location = gloss_window_build_context_menu (f->window);
  g_assert_true (menu_has_action (on_location, "win.edit-note"));
  g_assert_false (menu_has_action (on_location, "win.choose-speaker"));
}

static void
test_accelerators (Fixture       *f,
                   gconstpointer  data)
{
  static const struct { const char *action; const char *accel; } expected[] = {
    { "win.undo", "<Control>z" },
    { "win.redo", "<Shift><Control>z" },
    { "win.save", "<Control>s" },
    { "win.find", "<Control>f" },
    { "win.delete-annotation", "Delete" },
    { "win.edit-note", "F2" },
    { "app.preferences", "<Control>comma" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                     expected[i].action);
      g_autofree char *wanted = NULL;
      guint key;
      GdkModifierType mods;

      g_assert_nonnull (accels);
      g_assert_nonnull (accels[0]);
      gtk_accelerator_parse (expected[i].accel, &key, &mods);
      wanted = gtk_accelerator_name (key, mods);
      g_assert_cmpstr (accels[0], ==, wanted);
    }
}

/* Someone else changes the sidecar while we have nothing unsaved. */
static void
test_external_change_reload (Fixture       *f,
                             gconstpointer  data)
{
  GlossSession *session = gloss_window_get_session (f->window);
  g_autofree char *contents = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *path = g_file_get_path (f->sidecar);

  annotate (f, "Quay Street", "location");
  WAIT_FOR (saved (f) && sidecar_contains (f, "Quay Street"));

  contents = gloss_ui_test_try_read_file (f->sidecar);
  {
    g_auto(GStrv) parts = g_strsplit (contents, "\"label\": \"location\"", -1);
    changed = g_strjoinv ("\"label\": \"misc\"", parts);
  }
  g_assert_true (g_file_set_contents (path, changed, -1, NULL));

  WAIT_FOR (gloss_session_get_external_change (session));
  g_assert_true (gloss_session_reload (session, NULL));
  {
    g_autoptr(GlossAnnotation) annotation = g_list_model_get_item (G_LIST_MODEL (annotations (f)), 0);
    g_assert_cmpstr (gloss_annotation_get_label (annotation), ==, "misc");
  }
}

static gboolean
is_revealer_showing (GtkWidget     *widget,
                     gconstpointer  button)
{
  return GTK_IS_REVEALER (widget) && gtk_widget_is_ancestor ((GtkWidget *) button, widget)
         && gtk_revealer_get_reveal_child (GTK_REVEALER (widget));
}

/* Changed on disk is a state that stands (a banner with Reload) until it
 * is settled; once reloaded, the banner goes and a toast says so. */
static void
test_external_change_banner (Fixture       *f,
                             gconstpointer  data)
{
  GlossSession *session = gloss_window_get_session (f->window);
  g_autofree char *contents = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *path = g_file_get_path (f->sidecar);
  GtkWidget *reload;

  annotate (f, "Quay Street", "location");
  WAIT_FOR (saved (f) && sidecar_contains (f, "Quay Street"));

  contents = gloss_ui_test_try_read_file (f->sidecar);
  {
    g_auto(GStrv) parts = g_strsplit (contents, "\"label\": \"location\"", -1);
    changed = g_strjoinv ("\"label\": \"misc\"", parts);
  }
  g_assert_true (g_file_set_contents (path, changed, -1, NULL));
  WAIT_FOR (gloss_session_get_external_change (session));

  reload = gloss_ui_test_find_widget (GTK_WIDGET (f->window), gloss_ui_test_is_button_with_label, "_Reload");
  g_assert_nonnull (reload);
  g_assert_true (gtk_widget_get_visible (reload));
  g_assert_nonnull (gloss_ui_test_find_widget (GTK_WIDGET (f->window), is_revealer_showing, reload));
  /* Not a GtkInfoBar (deprecated after GTK 4.8). */
  g_assert_null (gloss_ui_test_find_of_type (GTK_WIDGET (f->window), GTK_TYPE_INFO_BAR));

  g_signal_emit_by_name (reload, "clicked");
  /* Read in a worker thread. */
  WAIT_FOR (!gloss_session_is_reloading (session));
  {
    g_autoptr(GlossAnnotation) annotation = g_list_model_get_item (G_LIST_MODEL (annotations (f)), 0);
    g_assert_cmpstr (gloss_annotation_get_label (annotation), ==, "misc");
  }
  g_assert_null (gloss_ui_test_find_widget (GTK_WIDGET (f->window), is_revealer_showing, reload));
  WAIT_FOR (gloss_ui_test_find_label (GTK_WIDGET (f->window), "Reloaded the annotations from disk") != NULL);
}

static void
on_conflict (GlossSession *session,
             GFile        *other,
             GFile       **out)
{
  *out = g_object_ref (other);
}

/* Someone else changes it while we have unsaved edits: both are kept. */
static void
test_conflict_keeps_both (Fixture       *f,
                          gconstpointer  data)
{
  GlossSession *session = gloss_window_get_session (f->window);
  g_autoptr(GFile) other = NULL;
  g_autofree char *theirs = NULL;
  g_autofree char *path = g_file_get_path (f->sidecar);
  g_autofree char *kept = NULL;

  annotate (f, "Quay Street", "location");
  WAIT_FOR (saved (f) && sidecar_contains (f, "Quay Street"));

  g_signal_connect (session, "conflict-kept", G_CALLBACK (on_conflict), &other);
  gloss_session_set_autosave_delay (session, 5000);
  annotate (f, "Port Ellery", "location");   /* ours, not saved yet */

  theirs = gloss_ui_test_try_read_file (f->sidecar);
  {
    g_auto(GStrv) parts = g_strsplit (theirs, "\"note\": \"\"", 2);
    g_free (theirs);
    theirs = g_strjoinv ("\"note\": \"theirs\"", parts);
  }
  g_assert_true (g_file_set_contents (path, theirs, -1, NULL));

  WAIT_FOR (other != NULL);
  kept = gloss_ui_test_try_read_file (other);
  g_assert_cmpstr (kept, ==, theirs);
  WAIT_FOR (saved (f) && sidecar_contains (f, "Port Ellery"));
}

/* The Reload question stands, and the person goes on annotating before
 * answering it: Reload then saves their edits (keeping the other version
 * beside them) instead of dropping them. */
static void
test_reload_after_edits_keeps_them (Fixture       *f,
                                    gconstpointer  data)
{
  GlossSession *session = gloss_window_get_session (f->window);
  GtkWidget *reload = NULL;
  g_autoptr(GFile) other = NULL;
  g_autofree char *theirs = NULL;
  g_autofree char *path = g_file_get_path (f->sidecar);

  annotate (f, "Quay Street", "location");
  WAIT_FOR (saved (f) && sidecar_contains (f, "Quay Street"));

  theirs = gloss_ui_test_try_read_file (f->sidecar);
  {
    g_auto(GStrv) parts = g_strsplit (theirs, "\"note\": \"\"", 2);
    g_free (theirs);
    theirs = g_strjoinv ("\"note\": \"theirs\"", parts);
  }
  g_assert_true (g_file_set_contents (path, theirs, -1, NULL));
  WAIT_FOR (gloss_session_get_external_change (session));

  g_signal_connect (session, "conflict-kept", G_CALLBACK (on_conflict), &other);
  gloss_session_set_autosave_delay (session, 60 * 1000);
  annotate (f, "Port Ellery", "location");   /* after the question came up */

  /* The banner's Reload button, as a person would press it. */
  reload = gloss_ui_test_find_widget (GTK_WIDGET (f->window), gloss_ui_test_is_button_with_label, "_Reload");
  g_assert_nonnull (reload);
  g_assert_true (gtk_widget_get_visible (reload));
  g_assert_true (gtk_widget_is_sensitive (reload));
  g_signal_emit_by_name (reload, "clicked");

  WAIT_FOR (other != NULL);
  WAIT_FOR (saved (f) && sidecar_contains (f, "Port Ellery"));
  g_assert_cmpuint (gloss_annotation_set_get_n_annotations (annotations (f)), ==, 2);
  {
    g_autofree char *kept = gloss_ui_test_try_read_file (other);

    g_assert_cmpstr (kept, ==, theirs);
  }
}

static gboolean
is_annotate_button (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_BUTTON (widget)
         && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "win.annotate") == 0;
}

/* The label bar's buttons follow the window's editing actions. */
static gboolean
label_buttons_sensitive (Fixture *f)
{
  GtkWidget *button = gloss_ui_test_find_widget (GTK_WIDGET (f->window), is_annotate_button, NULL);

  g_assert_nonnull (button);
  return gtk_widget_is_sensitive (button);
}

/* A sidecar that fails to load opens read-only and is never overwritten. */
static void
test_corrupt_sidecar_untouched (Fixture       *f,
                                gconstpointer  data)
{
  static const char broken[] = "{ \"format\": \"gloss\", \"version\": 1, \"annotations\": [ {";
  g_autofree char *path = g_file_get_path (f->sidecar);
  g_autofree char *after = NULL;

  g_assert_true (g_file_set_contents (path, broken, -1, NULL));
  open_window (f);

  g_assert_cmpint (gloss_session_get_save_state (gloss_window_get_session (f->window)), ==,
                   GLOSS_SAVE_STATE_READ_ONLY);
  /* Editing is disabled in one place: the label buttons (and the menus'
   * items, bound to the same actions) grey out. */
  g_assert_false (label_buttons_sensitive (f));

  gloss_article_view_select_range (gloss_window_get_article_view (f->window), 0, 4);
  /* Its context menu offers Copy, and no label or edit. */
  {
    g_autoptr(GMenuModel) menu = gloss_window_build_context_menu (f->window);

    g_assert_true (menu_has_action (menu, "clipboard.copy"));
    g_assert_false (menu_has_action (menu, "win.annotate"));
    g_assert_false (menu_has_action (menu, "win.delete-annotation"));
    g_assert_false (menu_has_action (menu, "clipboard.paste"));
  }
  activate (f, "win.annotate", g_variant_new_string ("claim"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (annotations (f))), ==, 0);
  /* A save of a read-only session starts no write (it would show as
   * SAVING at once): nothing to wait for. */
  activate (f, "win.save", NULL);
  g_assert_cmpint (gloss_session_get_save_state (gloss_window_get_session (f->window)), ==,
                   GLOSS_SAVE_STATE_READ_ONLY);

  after = gloss_ui_test_try_read_file (f->sidecar);
  g_assert_cmpstr (after, ==, broken);
}

/* A big sidecar: the sidebar is a list view, so only a screenful of rows. */
static void
test_many_annotations (Fixture       *f,
                       gconstpointer  data)
{
  GlossAnnotationSet *set;
  GlossDocument *doc;
  guint length;
  gint64 started;

  open_window (f);
  set = annotations (f);
  doc = document (f);
  length = gloss_document_get_length (doc);

  started = g_get_monotonic_time ();
  gloss_annotation_set_begin_group (set);
  for (guint i = 0, o = 0; i < 10000; i++, o = (o + 7) % (length - 20))
    {
      guint start = gloss_document_word_start_before (doc, o);
      guint end = gloss_document_word_end_after (doc, start + 1);

      if (end > start)
        gloss_annotation_set_create (set, i % 2 ? "person" : "claim", start, end, NULL);
    }
  gloss_annotation_set_end_group (set);
  g_test_message ("10,000 creates with the window open: %.1f ms",
                  (g_get_monotonic_time () - started) / 1000.0);

  /* The sidebar takes the session after the article's frame: wait for
   * it, however long a sanitized build on a busy machine takes. */
  WAIT_FOR (gloss_annotation_list_get_n_visible (gloss_window_get_annotation_list (f->window)) > 5000);
  WAIT_FOR (saved (f));
}

/* Closing or switching with edits that could not be saved
 * ------------------------------------------------------------------
 *
 * The save is made to fail in a way that holds for root too (tests may
 * run as root, where a read-only folder does not stop a write): a folder
 * in the place of the sidecar. Removing it makes the sidecar writable
 * again, as freeing space on a full disk would. */

#define SECOND_ARTICLE "kyiv-grain-talks.txt"

static void
block_sidecar (GFile *sidecar)
{
  g_autofree char *path = g_file_get_path (sidecar);

  g_assert_cmpint (g_mkdir (path, 0755), ==, 0);
}

static void
unblock_sidecar (GFile *sidecar)
{
  g_autofree char *path = g_file_get_path (sidecar);

  g_assert_cmpint (g_rmdir (path), ==, 0);
}

/* An annotation on "Port Ellery" whose save failed: the window has
 * unsaved work it cannot write. */
static GlossAnnotation *
annotate_unsaved (Fixture *f)
{
  GlossSession *session = gloss_window_get_session (f->window);
  GlossAnnotation *annotation;

  gloss_session_set_autosave_delay (session, 20);
  block_sidecar (f->sidecar);
  annotation = annotate (f, "Port Ellery", "location");
  WAIT_FOR (gloss_session_get_save_state (session) == GLOSS_SAVE_STATE_ERROR);
  g_assert_true (gloss_session_has_unsaved_changes (session));

  return annotation;
}

static gboolean
is_subtitle (GtkWidget     *widget,
             gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), "as tester");
}

/* What the header says under the article's name. */
static const char *
subtitle (Fixture *f)
{
  GtkWidget *label = gloss_ui_test_find_widget (GTK_WIDGET (f->window), is_subtitle, NULL);

  g_assert_nonnull (label);
  return gtk_label_get_text (GTK_LABEL (label));
}

static AdwMessageDialog *
find_question (void)
{
  GtkWindow *dialog = gloss_ui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  return dialog != NULL && gtk_widget_get_visible (GTK_WIDGET (dialog)) ? ADW_MESSAGE_DIALOG (dialog) : NULL;
}

/* The question about unsaved work, once it is shown: Retry is what Enter
 * does, Escape is Cancel, and Discard looks destructive. */
static AdwMessageDialog *
wait_for_question (Fixture *f)
{
  AdwMessageDialog *dialog = NULL;

  WAIT_FOR ((dialog = find_question ()) != NULL);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (f->window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "retry");
  g_assert_cmpstr (adw_message_dialog_get_close_response (dialog), ==, "cancel");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "discard"), ==, ADW_RESPONSE_DESTRUCTIVE);
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "retry"), ==, ADW_RESPONSE_SUGGESTED);
  g_assert_true (adw_message_dialog_has_response (dialog, "save-as"));

  /* Meanwhile the article is still there, and the header does not
   * claim the work is saved. */
  g_assert_nonnull (f->window);
  g_assert_null (strstr (subtitle (f), "All changes saved"));
  return dialog;
}

/* Clicks the dialog's button labelled @label (with its mnemonic), as a
 * person would; the dialog closes. */
static void
answer (AdwMessageDialog *dialog,
        const char       *label)
{
  GtkWidget *button = gloss_ui_test_find_widget (GTK_WIDGET (dialog), gloss_ui_test_is_button_with_label, label);

  g_assert_nonnull (button);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_signal_emit_by_name (button, "clicked");
  WAIT_FOR (dialog == NULL || !gtk_widget_get_visible (GTK_WIDGET (dialog)));
  if (dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
}

/* The window is finalized once closed; f->window follows. */
static void
watch_window (Fixture *f)
{
  g_object_add_weak_pointer (G_OBJECT (f->window), (gpointer *) &f->window);
}

static void
test_close_unsaved_retry (Fixture       *f,
                          gconstpointer  data)
{
  AdwMessageDialog *dialog;

  annotate_unsaved (f);
  watch_window (f);

  /* Ctrl+Q: the application closes each window, which asks. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  dialog = wait_for_question (f);
  g_assert_true (gloss_session_has_unsaved_changes (gloss_window_get_session (f->window)));

  /* Still failing: asked again, nothing lost. */
  answer (dialog, "_Retry");
  dialog = wait_for_question (f);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (annotations (f))), ==, 1);

  /* Space freed: Retry writes it, and the window closes. */
  unblock_sidecar (f->sidecar);
  answer (dialog, "_Retry");
  WAIT_FOR (f->window == NULL);
  g_assert_true (sidecar_contains (f, "\"exact\": \"Port Ellery\""));
  g_assert_null (find_question ());
}

static void
test_close_unsaved_discard (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *path = g_file_get_path (f->sidecar);

  annotate_unsaved (f);
  watch_window (f);

  gtk_window_close (GTK_WINDOW (f->window));
  answer (wait_for_question (f), "_Discard");
  WAIT_FOR (f->window == NULL);

  /* Dropped, as asked: nothing written anywhere in its place. */
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
  unblock_sidecar (f->sidecar);
  g_assert_false (g_file_query_exists (f->sidecar, NULL));
}

static void
test_close_unsaved_cancel (Fixture       *f,
                           gconstpointer  data)
{
  GlossSession *session = gloss_window_get_session (f->window);
  GlossAnnotation *annotation = annotate_unsaved (f);

  /* Ctrl+W, twice: one question. */
  activate (f, "win.close", NULL);
  wait_for_question (f);
  gtk_window_close (GTK_WINDOW (f->window));
  answer (wait_for_question (f), "_Cancel");

  /* The window stays as it was, usable, with its session and the edit. */
  g_assert_null (find_question ());
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (f->window)));
  g_assert_true (gloss_window_get_session (f->window) == session);
  g_assert_true (gloss_annotation_set_index_of (annotations (f), annotation) != G_MAXUINT);
  g_assert_cmpint (gloss_session_get_save_state (session), ==, GLOSS_SAVE_STATE_ERROR);
  g_assert_null (strstr (subtitle (f), "All changes saved"));

  /* And once the file can be written, work goes on as usual. */
  unblock_sidecar (f->sidecar);
  activate (f, "win.save", NULL);
  WAIT_FOR (saved (f) && sidecar_contains (f, "\"exact\": \"Port Ellery\""));
  g_assert_nonnull (strstr (subtitle (f), "All changes saved"));
}

static GtkFileChooser *
wait_for_file_chooser (void)
{
  GtkWindow *chooser = NULL;

  WAIT_FOR ((chooser = gloss_ui_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG)) != NULL
            && gtk_widget_get_visible (GTK_WIDGET (chooser)));
  return GTK_FILE_CHOOSER (chooser);
}

/* Chooses @file in the Save As dialog (NULL: cancels it), as a person
 * would: its path typed in the name field, then the Save button. */
static void
choose_file (GFile *file)
{
  GtkFileChooser *chooser = wait_for_file_chooser ();
  GtkWidget *button;

  if (file == NULL)
    {
      button = gloss_ui_test_find_widget (GTK_WIDGET (chooser), gloss_ui_test_is_button_with_label, "_Cancel");
      g_assert_nonnull (button);
      g_signal_emit_by_name (button, "clicked");
      return;
    }

  gtk_file_chooser_set_current_name (chooser, g_file_peek_path (file));
  button = gloss_ui_test_find_widget (GTK_WIDGET (chooser), gloss_ui_test_is_button_with_label, "_Save");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
}

static void
test_close_unsaved_save_as (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GFile) copy = g_file_new_build_filename (f->dir, "rescued.json", NULL);
  g_autofree char *contents = NULL;

  annotate_unsaved (f);
  watch_window (f);
  gtk_window_close (GTK_WINDOW (f->window));

  /* Save As…, then no file after all: the question again. */
  answer (wait_for_question (f), "_Save As…");
  choose_file (NULL);
  answer (wait_for_question (f), "_Save As…");
  choose_file (copy);

  WAIT_FOR (f->window == NULL);
  contents = gloss_ui_test_read_file (copy);
  g_assert_nonnull (strstr (contents, "\"format\": \"gloss\""));
  g_assert_nonnull (strstr (contents, "\"exact\": \"Port Ellery\""));
  unblock_sidecar (f->sidecar);
  g_assert_false (g_file_query_exists (f->sidecar, NULL));
}

/* A window on a folder of two articles, showing the first; returns the
 * second. */
static GFile *
open_corpus (Fixture *f)
{
  g_autoptr(GFile) folder = g_file_new_for_path (f->dir);

  gloss_ui_test_copy_sample (SECOND_ARTICLE, f->dir);
  f->window = gloss_ui_test_open_window (app, folder, TIMEOUT_MS);
  WAIT_FOR (gloss_window_get_session (f->window) != NULL
            && g_file_equal (gloss_document_get_file (document (f)), f->article));

  return g_file_new_build_filename (f->dir, SECOND_ARTICLE, NULL);
}

static GlossCorpusList *
corpus_list (Fixture *f)
{
  return GLOSS_CORPUS_LIST (gloss_ui_test_find_of_type (GTK_WIDGET (f->window), GLOSS_TYPE_CORPUS_LIST));
}

static gboolean
shows (Fixture *f,
       GFile   *article)
{
  GlossSession *session = gloss_window_get_session (f->window);

  return session != NULL && g_file_equal (gloss_document_get_file (gloss_session_get_document (session)), article);
}

static void
test_switch_unsaved_cancel (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GFile) second = open_corpus (f);
  GlossSession *session = gloss_window_get_session (f->window);
  GlossAnnotation *annotation = annotate_unsaved (f);

  /* Ctrl+PageDown: the sidebar selects the next article. */
  activate (f, "win.next-article", NULL);
  answer (wait_for_question (f), "_Cancel");

  /* Still the first article, its session and its edit; the sidebar
   * shows it selected again. */
  g_assert_true (gloss_window_get_session (f->window) == session);
  g_assert_true (gloss_annotation_set_index_of (annotations (f), annotation) != G_MAXUINT);
  g_assert_true (g_file_equal (gloss_corpus_list_get_selected_article (corpus_list (f)), f->article));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "harbour-bridge-vote.txt");
  g_assert_cmpint (gloss_session_get_save_state (session), ==, GLOSS_SAVE_STATE_ERROR);
  g_assert_null (strstr (subtitle (f), "All changes saved"));

  unblock_sidecar (f->sidecar);
  activate (f, "win.save", NULL);
  WAIT_FOR (saved (f) && sidecar_contains (f, "\"exact\": \"Port Ellery\""));
}

/* The first article chosen again while the switch to the second is under
 * way: the latest choice wins, and the window ends on the first. */
static void
test_switch_back_mid_switch (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GFile) second = open_corpus (f);

  activate (f, "win.next-article", NULL);
  g_assert_true (g_file_equal (gloss_corpus_list_get_selected_article (corpus_list (f)), second));
  gloss_corpus_list_set_selected_article (corpus_list (f), f->article);

  /* Once the first article's session has ended, it is opened again, and
   * nothing goes on to the second. */
  gloss_ui_test_spin (1000);
  WAIT_FOR (shows (f, f->article) && f->window->ending == GLOSS_WINDOW_ENDING_NONE);
  gloss_ui_test_spin (500);
  g_assert_true (shows (f, f->article));
  g_assert_true (g_file_equal (gloss_corpus_list_get_selected_article (corpus_list (f)), f->article));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "harbour-bridge-vote.txt");
}

static void
test_switch_unsaved_discard (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GFile) second = open_corpus (f);

  annotate_unsaved (f);
  activate (f, "win.next-article", NULL);
  answer (wait_for_question (f), "_Discard");

  WAIT_FOR (shows (f, second));
  g_assert_true (g_file_equal (gloss_corpus_list_get_selected_article (corpus_list (f)), second));
  unblock_sidecar (f->sidecar);
  g_assert_false (g_file_query_exists (f->sidecar, NULL));
}

/* Open… (or a drop) of another article goes the same way. */
static void
test_switch_unsaved_retry (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GFile) second = open_corpus (f);
  AdwMessageDialog *dialog;

  annotate_unsaved (f);
  gloss_window_open (f->window, second);
  dialog = wait_for_question (f);
  g_assert_true (shows (f, f->article));

  unblock_sidecar (f->sidecar);
  answer (dialog, "_Retry");
  WAIT_FOR (shows (f, second));
  g_assert_true (sidecar_contains (f, "\"exact\": \"Port Ellery\""));
}

static void
on_label_set_notify (GlossLabelBar *bar,
                     GParamSpec    *pspec,
                     guint         *n_emptied)
{
  if (gloss_label_bar_get_label_set (bar) == NULL)
    (*n_emptied)++;
}

static void
on_page_changed (GObject    *stack,
                 GParamSpec *pspec,
                 guint      *n)
{
  (*n)++;
}

/* Going to the next article keeps the label bar's buttons (greyed out
 * meanwhile) when the labels are the same, instead of emptying the bar
 * and building them again; an article that cannot be opened leaves none. */
static void
test_switch_keeps_label_buttons (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GFile) second = open_corpus (f);
  g_autoptr(GFile) missing = g_file_new_build_filename (f->dir, "missing.txt", NULL);
  GlossLabelBar *bar = f->window->label_bar;
  GtkWidget *button = gloss_ui_test_find_of_type (GTK_WIDGET (bar), GTK_TYPE_BUTTON);
  guint n_emptied = 0;
  guint n_page_changes = 0;

  g_assert_nonnull (gloss_label_bar_get_label_set (bar));
  g_assert_nonnull (button);
  g_object_add_weak_pointer (G_OBJECT (button), (gpointer *) &button);
  g_signal_connect (bar, "notify::label-set", G_CALLBACK (on_label_set_notify), &n_emptied);
  g_signal_connect (f->window->content_stack, "notify::visible-child-name",
                    G_CALLBACK (on_page_changed), &n_page_changes);

  activate (f, "win.next-article", NULL);
  WAIT_FOR (shows (f, second));
  g_assert_cmpuint (n_emptied, ==, 0);
  /* The article's page all along, not the welcome page in between. */
  g_assert_cmpuint (n_page_changes, ==, 0);
  g_signal_handlers_disconnect_by_func (f->window->content_stack, on_page_changed, &n_page_changes);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_ancestor (button, GTK_WIDGET (bar)));
  g_assert_true (gloss_label_bar_get_label_set (bar) == gloss_session_get_labels (gloss_window_get_session (f->window)));

  gloss_window_open (f->window, missing);
  WAIT_FOR (gloss_window_get_session (f->window) == NULL && gloss_label_bar_get_label_set (bar) == NULL);
  g_assert_cmpuint (n_emptied, ==, 1);
  g_signal_handlers_disconnect_by_func (bar, on_label_set_notify, &n_emptied);
  if (button != NULL)
    g_object_remove_weak_pointer (G_OBJECT (button), (gpointer *) &button);
}

/* The window at @width, laid out and painted. */
static void
resize_window (Fixture *f,
               int      width)
{
  gtk_window_set_default_size (GTK_WINDOW (f->window), width, 640);
  /* The window's own border (for resizing, with no desktop) is within. */
  WAIT_FOR (gtk_widget_get_width (GTK_WIDGET (f->window)) <= width
            && gtk_widget_get_width (GTK_WIDGET (f->window)) > width - 20);
  gloss_ui_test_wait_for_frame (GTK_WIDGET (f->window), TIMEOUT_MS);
}

static AdwFlap *
find_flap (Fixture   *f,
           GtkWidget *inside)
{
  GtkWidget *flap = gtk_widget_get_ancestor (inside, ADW_TYPE_FLAP);

  g_assert_nonnull (flap);
  return ADW_FLAP (flap);
}

static gboolean
corpus_toggled (Fixture *f)
{
  g_autoptr(GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (f->window),
                                                               "toggle-corpus");

  return g_variant_get_boolean (state);
}

/* A phone-sized window: 360 px is enough (its content asks no more), and
 * the sidebars fold over the article, one at a time on demand; wide
 * again, they are beside it. */
static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GFile) second = NULL;
  g_autofree char *layout = NULL;
  GtkWidget *content, *list, *article;
  AdwFlap *annotation_flap, *corpus_flap;
  int minimum, natural;

  /* GNOME's own window buttons (just Close), not GTK's defaults for no
   * desktop, which add Minimize and Maximize (another 80 px). */
  g_object_get (gtk_settings_get_default (), "gtk-decoration-layout", &layout, NULL);
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", "appmenu:close", NULL);

  second = open_corpus (f);
  content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (f->window));
  list = GTK_WIDGET (gloss_window_get_annotation_list (f->window));
  article = GTK_WIDGET (gloss_window_get_article_view (f->window));
  annotation_flap = find_flap (f, list);
  corpus_flap = find_flap (f, GTK_WIDGET (corpus_list (f)));

  /* A corpus open, with its labels: the most the window shows. */
  WAIT_FOR (!gloss_corpus_list_get_loading (corpus_list (f)));
  gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);
  /* The window asks no more itself (GNOME's smallest). */
  gtk_widget_measure (GTK_WIDGET (f->window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);

  /* Wide: both sidebars beside the article. */
  resize_window (f, 1200);
  g_assert_false (adw_flap_get_folded (annotation_flap));
  g_assert_true (adw_flap_get_reveal_flap (annotation_flap));
  g_assert_true (adw_flap_get_reveal_flap (corpus_flap));
  g_assert_false (adw_flap_get_folded (corpus_flap));
  g_assert_true (corpus_toggled (f));

  resize_window (f, 360);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, 360);
  g_assert_true (adw_flap_get_folded (annotation_flap));
  g_assert_false (adw_flap_get_reveal_flap (annotation_flap));
  g_assert_true (adw_flap_get_folded (corpus_flap));
  /* Folding hides the corpus just after the layout that folded it. */
  WAIT_FOR (!corpus_toggled (f));
  g_assert_false (adw_flap_get_reveal_flap (corpus_flap));
  /* The article has the width (once the flaps have folded away). */
  WAIT_FOR (gtk_widget_get_width (article) >= 300);

  /* F9 shows the corpus over the article, without widening the window. */
  activate (f, "win.toggle-corpus", NULL);
  g_assert_true (corpus_toggled (f));
  g_assert_true (adw_flap_get_reveal_flap (corpus_flap));
  gloss_ui_test_wait_for_frame (GTK_WIDGET (f->window), TIMEOUT_MS);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, 360);
  activate (f, "win.toggle-corpus", NULL);
  g_assert_false (adw_flap_get_reveal_flap (corpus_flap));

  /* The annotations, the same way (the header's button). */
  adw_flap_set_reveal_flap (annotation_flap, TRUE);
  gloss_ui_test_wait_for_frame (GTK_WIDGET (f->window), TIMEOUT_MS);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, 360);

  /* Wide again: both beside the article, as before. */
  resize_window (f, 1200);
  g_assert_false (adw_flap_get_folded (annotation_flap));
  g_assert_true (adw_flap_get_reveal_flap (annotation_flap));
  g_assert_false (adw_flap_get_folded (corpus_flap));
  WAIT_FOR (corpus_toggled (f));
  g_assert_true (adw_flap_get_reveal_flap (corpus_flap));

  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", layout, NULL);
}


/* With no article, the window says what to do and offers it; the corpus
 * sidebar with no folder offers to open one. */
static void
test_empty_window (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *page;
  GtkWidget *button;

  f->window = gloss_window_new (app);
  gloss_ui_test_present_and_wait (GTK_WINDOW (f->window), TIMEOUT_MS);

  /* The welcome page (tests/ui/test-welcome-page.c tests it as such). */
  page = gloss_ui_test_find_of_type (GTK_WIDGET (f->window), GLOSS_TYPE_WELCOME_PAGE);
  g_assert_nonnull (page);
  g_assert_true (gtk_widget_is_drawable (page));
  button = gloss_ui_test_find_widget (page, gloss_ui_test_is_button_with_label, "_Open a File…");
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "win.open");
  button = gloss_ui_test_find_widget (page, gloss_ui_test_is_button_with_label, "Open a _Folder…");
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "win.open-folder");

  activate (f, "win.toggle-corpus", NULL);
  gloss_ui_test_wait_for_frame (GTK_WIDGET (f->window), TIMEOUT_MS);
  button = gloss_ui_test_find_widget (GTK_WIDGET (corpus_list (f)), gloss_ui_test_is_button_with_label,
                                      "_Open Folder…");
  g_assert_nonnull (button);
  WAIT_FOR (gtk_widget_is_drawable (button));   /* the flap slides in */
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "win.open-folder");

  /* An article opened: its page replaces the status page. */
  gloss_window_open (f->window, f->article);
  WAIT_FOR (gloss_window_get_session (f->window) != NULL);
  gloss_ui_test_wait_for_frame (GTK_WIDGET (f->window), TIMEOUT_MS);
  g_assert_false (gtk_widget_is_drawable (page));
  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (gloss_window_get_article_view (f->window))));
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

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
#define ADD_NO_OPEN(path, func) g_test_add (path, Fixture, "no-open", fixture_set_up, func, fixture_tear_down)
  ADD ("/window/annotate-and-autosave", test_annotate_and_autosave);
  ADD ("/window/undo-redo", test_undo_redo);
  ADD ("/window/label-key-relabels", test_label_key_relabels);
  ADD ("/window/delete", test_delete);
  ADD ("/window/delete-toast-after-reload", test_delete_toast_after_reload);
  ADD ("/window/note", test_note);
  ADD ("/window/speaker", test_speaker);
  ADD ("/window/shift-bounds", test_shift_bounds);
  ADD ("/window/tab-walks-annotations", test_tab_walks_annotations);
  ADD ("/window/accelerators", test_accelerators);
  ADD ("/window/context-menu-labels", test_context_menu_labels);
  ADD ("/window/context-menu-applies", test_context_menu_applies);
  ADD ("/window/external-change-reload", test_external_change_reload);
  ADD ("/window/reload-after-edits-keeps-them", test_reload_after_edits_keeps_them);
  ADD ("/window/external-change-banner", test_external_change_banner);
  ADD ("/window/conflict-keeps-both", test_conflict_keeps_both);
  ADD_NO_OPEN ("/window/corrupt-sidecar-untouched", test_corrupt_sidecar_untouched);
  ADD_NO_OPEN ("/window/many-annotations", test_many_annotations);
  ADD ("/window/unsaved/close-retry", test_close_unsaved_retry);
  ADD ("/window/unsaved/close-discard", test_close_unsaved_discard);
  ADD ("/window/unsaved/close-cancel", test_close_unsaved_cancel);
  ADD ("/window/unsaved/close-save-as", test_close_unsaved_save_as);
  ADD_NO_OPEN ("/window/unsaved/switch-cancel", test_switch_unsaved_cancel);
  ADD_NO_OPEN ("/window/unsaved/switch-discard", test_switch_unsaved_discard);
  ADD_NO_OPEN ("/window/switch-back-mid-switch", test_switch_back_mid_switch);
  ADD_NO_OPEN ("/window/unsaved/switch-retry", test_switch_unsaved_retry);
  ADD_NO_OPEN ("/window/switch-keeps-label-buttons", test_switch_keeps_label_buttons);
  ADD_NO_OPEN ("/window/narrow", test_narrow);
  ADD_NO_OPEN ("/window/empty", test_empty_window);

  status = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  return status;
}
