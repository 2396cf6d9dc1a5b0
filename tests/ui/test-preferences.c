/* test-preferences.c — the Preferences window and the first-run
 * question "Who is annotating?", under Xvfb
 *
 * Both edit a memory-backed copy of the app's settings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <adwaita.h>

#include "gloss.h"
#include "gloss-annotator-dialog.h"
#include "gloss-preferences-window.h"
#include "gloss-ui-test.h"

#define FRAME_TIMEOUT_MS 20000  /* generous: CI machines are busy */
#define TIMEOUT_MS 20000

/* What Enter does in an entry: its GtkText emits ::activate, which the
 * entry passes on and which activates the default widget when asked to. */
static void
press_enter (GtkWidget *entry)
{
  GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (entry));

  g_assert_true (GTK_IS_TEXT (text));
  g_signal_emit_by_name (text, "activate");
}

/* A memory-backed APP_ID schema, or NULL (test skipped) without the schema. */
static GSettings *
new_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsBackend) backend = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_test_skip ("schema " APP_ID " not found (set GSETTINGS_SCHEMA_DIR)");
      return NULL;
    }

  backend = g_memory_settings_backend_new ();

  return g_settings_new_full (schema, backend, NULL);
}

static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  title)
{
  return ADW_IS_PREFERENCES_ROW (widget)
         && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

/* What the row titled @title (mnemonic underscore included) edits: an
 * entry row itself, an action row's activatable widget, or a combo row. */
static GtkWidget *
find_row_widget (GtkWidget  *window,
                 const char *title)
{
  GtkWidget *row = gloss_ui_test_find_widget (window, is_row_titled, title);

  g_assert_nonnull (row);
  g_assert_true (adw_preferences_row_get_use_underline (ADW_PREFERENCES_ROW (row)));
  if (ADW_IS_ENTRY_ROW (row) || ADW_IS_COMBO_ROW (row))
    return row;

  g_assert_true (ADW_IS_ACTION_ROW (row));
  g_assert_nonnull (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row)));
  return adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row));
}

/* Preferences */

static void
test_preferences_annotator_id (void)
{
  g_autoptr(GSettings) settings = new_settings ();
  g_autofree char *id = NULL;
  GtkWidget *window;
  GtkWidget *entry;

  if (settings == NULL)
    return;

  g_settings_set_string (settings, "annotator-id", "alice");
  window = gloss_preferences_window_new (NULL, settings);
  g_object_ref_sink (window);

  entry = find_row_widget (window, "Annotator _ID");
  g_assert_true (ADW_IS_ENTRY_ROW (entry));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "alice");
  g_assert_false (gtk_widget_has_css_class (entry, "error"));

  /* Invalid: marked at once, never saved. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "Alice Smith");
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_nonnull (gloss_ui_test_find_label (window, "Use lowercase letters, digits, “-” and “_”, "
                                                     "starting with a letter or a digit."));
  press_enter (entry);
  id = g_settings_get_string (settings, "annotator-id");
  g_assert_cmpstr (id, ==, "alice");
  g_clear_pointer (&id, g_free);

  /* Valid: saved when committed (Enter here). */
  gtk_editable_set_text (GTK_EDITABLE (entry), "alice-smith");
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  press_enter (entry);
  id = g_settings_get_string (settings, "annotator-id");
  g_assert_cmpstr (id, ==, "alice-smith");
  g_clear_pointer (&id, g_free);

  /* Closing commits too (a window that was never shown cannot close). */
  gloss_ui_test_present_and_wait (GTK_WINDOW (window), FRAME_TIMEOUT_MS);
  gtk_editable_set_text (GTK_EDITABLE (entry), "as_2");
  gtk_window_close (GTK_WINDOW (window));
  id = g_settings_get_string (settings, "annotator-id");
  g_assert_cmpstr (id, ==, "as_2");

  g_object_unref (window);
}

/* The id review decisions are saved under: "gold" unless changed, and
 * never an invalid one. */
static void
test_preferences_adjudicator_id (void)
{
  g_autoptr(GSettings) settings = new_settings ();
  g_autofree char *id = NULL;
  GtkWidget *window;
  GtkWidget *entry;

  if (settings == NULL)
    return;

  window = gloss_preferences_window_new (NULL, settings);
  g_object_ref_sink (window);

  entry = find_row_widget (window, "_Review decisions as");
  g_assert_true (ADW_IS_ENTRY_ROW (entry));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "gold");

  gtk_editable_set_text (GTK_EDITABLE (entry), "Team Lead");
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  press_enter (entry);
  id = g_settings_get_string (settings, "adjudicator-id");
  g_assert_cmpstr (id, ==, "gold");
  g_clear_pointer (&id, g_free);

  gtk_editable_set_text (GTK_EDITABLE (entry), "lead");
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  press_enter (entry);
  id = g_settings_get_string (settings, "adjudicator-id");
  g_assert_cmpstr (id, ==, "lead");

  g_object_unref (window);
}

static void
assert_autosave_choices (AdwComboRow *row)
{
  static const char *expected[] = { "Under a second", "2 seconds", "5 seconds", "10 seconds" };
  GListModel *choices = adw_combo_row_get_model (row);

  g_assert_cmpuint (g_list_model_get_n_items (choices), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (choices), i), ==, expected[i]);
}

static void
test_preferences_bindings (void)
{
  g_autoptr(GSettings) settings = new_settings ();
  g_autofree char *name = NULL;
  GtkWidget *window;
  GtkWidget *widget;

  if (settings == NULL)
    return;

  window = gloss_preferences_window_new (NULL, settings);
  g_object_ref_sink (window);

  widget = find_row_widget (window, "_Line width");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (widget)), ==, 72);
  g_settings_set_int (settings, "line-width", 100);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (widget)), ==, 100);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (widget), 64);
  g_assert_cmpint (g_settings_get_int (settings, "line-width"), ==, 64);

  widget = find_row_widget (window, "_Snap selections to whole words");
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (widget)));
  gtk_switch_set_active (GTK_SWITCH (widget), FALSE);
  g_assert_false (g_settings_get_boolean (settings, "snap-to-words"));

  /* In the person's words: "Save changes after 2 seconds", not 2000 ms. */
  widget = find_row_widget (window, "Save _changes after");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (widget)), ==, 0);   /* 800 ms */
  assert_autosave_choices (ADW_COMBO_ROW (widget));
  adw_combo_row_set_selected (ADW_COMBO_ROW (widget), 1);
  g_assert_cmpuint (g_settings_get_uint (settings, "autosave-delay"), ==, 2000);
  /* A delay set elsewhere shows as the nearest choice, unchanged. */
  g_settings_set_uint (settings, "autosave-delay", 4000);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (widget)), ==, 2);   /* 5 s */
  g_assert_cmpuint (g_settings_get_uint (settings, "autosave-delay"), ==, 4000);

  widget = find_row_widget (window, "Display _name (optional)");
  gtk_editable_set_text (GTK_EDITABLE (widget), "Alice Example");
  name = g_settings_get_string (settings, "annotator-name");
  g_assert_cmpstr (name, ==, "Alice Example");

  widget = find_row_widget (window, "_Font");
  g_assert_true (GTK_IS_FONT_BUTTON (widget));
  g_settings_set_string (settings, "font", "Sans 11");
  {
    g_autofree char *font = gtk_font_chooser_get_font (GTK_FONT_CHOOSER (widget));
    g_assert_cmpstr (font, ==, "Sans 11");
  }

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
}

static void
test_render_preferences (void)
{
  g_autoptr(GSettings) settings = new_settings ();
  GtkWidget *window;
  GtkWidget *entry;

  if (settings == NULL)
    return;

  g_settings_set_string (settings, "annotator-name", "Alice Example");
  window = gloss_preferences_window_new (NULL, settings);
  gloss_ui_test_present_and_wait (GTK_WINDOW (window), FRAME_TIMEOUT_MS);
  gloss_ui_test_spin (500);   /* past the header's first transition, for the eye */
  gloss_ui_test_screenshot (window, "preferences.png", FRAME_TIMEOUT_MS);

  /* And with an invalid id, showing the error under it. */
  entry = find_row_widget (window, "Annotator _ID");
  gtk_editable_set_text (GTK_EDITABLE (entry), "Alice!");
  gloss_ui_test_present_and_wait (GTK_WINDOW (window), FRAME_TIMEOUT_MS);
  gloss_ui_test_screenshot (window, "preferences-invalid.png", FRAME_TIMEOUT_MS);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* First-run dialog */

static void
test_suggest_id (void)
{
  struct { const char *user; const char *id; } cases[] = {
    { "alice", "alice" },
    { "Alice.Example", "aliceexample" },
    { "_bob-2", "bob-2" },
    { "jean_luc", "jean_luc" },
    { "ÉLODIE", "lodie" },
    { "---", NULL },
    { "", NULL },
    { NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *id = gloss_annotator_dialog_suggest_id (cases[i].user);

      g_assert_cmpstr (id, ==, cases[i].id);
    }
}

static void
on_done (GtkWidget *dialog,
         gboolean   saved,
         int       *result)
{
  g_assert_cmpint (*result, ==, -1);
  *result = saved;
}

static gboolean
has_answered (gpointer data)
{
  return *(int *) data != -1;
}

static void
test_annotator_dialog (void)
{
  g_autoptr(GSettings) settings = new_settings ();
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *expected = NULL;
  GtkWidget *dialog;
  GtkWidget *entry;
  GtkWidget *button;
  int result = -1;

  if (settings == NULL)
    return;

  dialog = gloss_annotator_dialog_new (NULL, settings);
  g_signal_connect (dialog, "done", G_CALLBACK (on_done), &result);
  gloss_ui_test_present_and_wait (GTK_WINDOW (dialog), FRAME_TIMEOUT_MS);

  /* Prefilled from the account. */
  entry = gloss_ui_test_find_labelled (dialog, "Annotator _ID");
  expected = gloss_annotator_dialog_suggest_id (g_get_user_name ());
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, expected ? expected : "");

  button = gloss_ui_test_find_widget (dialog, gloss_ui_test_is_button_with_label, "C_ontinue");
  g_assert_nonnull (button);

  gtk_editable_set_text (GTK_EDITABLE (entry), "Not valid");
  g_assert_false (gtk_widget_get_sensitive (button));
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  g_assert_false (gtk_widget_get_sensitive (button));
  gtk_editable_set_text (GTK_EDITABLE (entry), "carol");
  g_assert_true (gtk_widget_get_sensitive (button));
  gtk_editable_set_text (GTK_EDITABLE (gloss_ui_test_find_labelled (dialog, "Display _name")), " Carol Example ");

  gloss_ui_test_screenshot (dialog, "annotator-dialog.png", FRAME_TIMEOUT_MS);

  /* Enter in the entry means Continue (a button activated from the
   * keyboard shows itself pressed for a moment before it clicks). */
  press_enter (entry);
  gloss_ui_test_wait_until (has_answered, &result, TIMEOUT_MS);
  g_assert_cmpint (result, ==, TRUE);

  id = g_settings_get_string (settings, "annotator-id");
  name = g_settings_get_string (settings, "annotator-name");
  g_assert_cmpstr (id, ==, "carol");
  g_assert_cmpstr (name, ==, "Carol Example");
}

static void
test_annotator_dialog_cancel (void)
{
  g_autoptr(GSettings) settings = new_settings ();
  g_autofree char *id = NULL;
  GtkWidget *dialog;
  int result = -1;

  if (settings == NULL)
    return;

  g_settings_set_string (settings, "annotator-id", "dora");
  dialog = gloss_annotator_dialog_new (NULL, settings);
  g_signal_connect (dialog, "done", G_CALLBACK (on_done), &result);
  gloss_ui_test_present_and_wait (GTK_WINDOW (dialog), FRAME_TIMEOUT_MS);

  /* An id already chosen is offered again. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (gloss_ui_test_find_labelled (dialog, "Annotator _ID"))),
                   ==, "dora");
  gtk_editable_set_text (GTK_EDITABLE (gloss_ui_test_find_labelled (dialog, "Annotator _ID")), "eve");

  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_cmpint (result, ==, FALSE);

  id = g_settings_get_string (settings, "annotator-id");
  g_assert_cmpstr (id, ==, "dora");
}

/* Opened, the window selects nothing: a first key press does not
 * replace the annotator id (GTK selects an entry's text as it takes the
 * focus from the keyboard). */
static void
test_preferences_nothing_selected (void)
{
  g_autoptr(GSettings) settings = new_settings ();
  GtkWidget *window;
  GtkWidget *row;
  int start, end;

  if (settings == NULL)
    return;

  g_settings_set_string (settings, "annotator-id", "alice");
  window = gloss_preferences_window_new (NULL, settings);
  gloss_ui_test_present_and_wait (GTK_WINDOW (window), FRAME_TIMEOUT_MS);
  gloss_ui_test_spin (100);

  /* The focus in the id, the caret after it. */
  row = find_row_widget (window, "Annotator _ID");
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (window)), row));
  g_assert_false (gtk_editable_get_selection_bounds (GTK_EDITABLE (row), &start, &end));
  g_assert_cmpint (gtk_editable_get_position (GTK_EDITABLE (row)), ==, 5);
  row = find_row_widget (window, "_Review decisions as");
  g_assert_false (gtk_editable_get_selection_bounds (GTK_EDITABLE (row), &start, &end));
  row = find_row_widget (window, "Display _name (optional)");
  g_assert_false (gtk_editable_get_selection_bounds (GTK_EDITABLE (row), &start, &end));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Showing the error does not make the dialog grow or jump. */
static void
test_annotator_dialog_keeps_size (void)
{
  g_autoptr(GSettings) settings = new_settings ();
  GtkWidget *dialog;
  GtkWidget *entry;
  GtkWidget *error;
  int width, height;

  if (settings == NULL)
    return;

  g_settings_set_string (settings, "annotator-id", "dora");
  dialog = gloss_annotator_dialog_new (NULL, settings);
  gloss_ui_test_present_and_wait (GTK_WINDOW (dialog), FRAME_TIMEOUT_MS);
  gloss_ui_test_spin (100);
  width = gtk_widget_get_width (dialog);
  height = gtk_widget_get_height (dialog);

  entry = gloss_ui_test_find_labelled (dialog, "Annotator _ID");
  gtk_editable_set_text (GTK_EDITABLE (entry), "Not valid");
  error = gloss_ui_test_find_label (dialog, "Use lowercase letters, digits, “-” and “_”, "
                                            "starting with a letter or a digit.");
  g_assert_nonnull (error);
  g_assert_true (gtk_widget_get_mapped (error));
  gloss_ui_test_wait_for_frame (dialog, FRAME_TIMEOUT_MS);
  gloss_ui_test_spin (100);
  gloss_ui_test_screenshot (dialog, "annotator-dialog-invalid.png", FRAME_TIMEOUT_MS);
  g_assert_cmpint (gtk_widget_get_width (dialog), ==, width);
  g_assert_cmpint (gtk_widget_get_height (dialog), ==, height);

  gtk_editable_set_text (GTK_EDITABLE (entry), "dora");
  g_assert_false (gtk_widget_get_mapped (error));
  gloss_ui_test_wait_for_frame (dialog, FRAME_TIMEOUT_MS);
  gloss_ui_test_spin (100);
  g_assert_cmpint (gtk_widget_get_width (dialog), ==, width);
  g_assert_cmpint (gtk_widget_get_height (dialog), ==, height);

  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  gloss_ui_test_init (&argc, &argv);
  if (!gloss_ui_test_init_gtk ())
    return 0;
  adw_init ();

  g_test_add_func ("/preferences/annotator-id", test_preferences_annotator_id);
  g_test_add_func ("/preferences/adjudicator-id", test_preferences_adjudicator_id);
  g_test_add_func ("/preferences/bindings", test_preferences_bindings);
  g_test_add_func ("/preferences/nothing-selected", test_preferences_nothing_selected);
  g_test_add_func ("/preferences/render", test_render_preferences);
  g_test_add_func ("/annotator-dialog/suggest-id", test_suggest_id);
  g_test_add_func ("/annotator-dialog/continue", test_annotator_dialog);
  g_test_add_func ("/annotator-dialog/cancel", test_annotator_dialog_cancel);
  g_test_add_func ("/annotator-dialog/keeps-size", test_annotator_dialog_keeps_size);

  return g_test_run ();
}
