/* test-import-suggestions-dialog.c — Import… with Import as Suggestions,
 * driven in-process under Xvfb
 *
 * The real dialog: a JSON Lines file of scored spans chosen, the switch
 * turned on by its mnemonic, the import run on the model's worker thread;
 * the annotator's suggestions file holds the spans and their scores, no
 * sidecar is written, and the summary counts and says where they went.
 * The switch is off limits, with its reason, while each line's annotator
 * is kept; it comes in the keyboard's order; Cancel stops it; the bar
 * counts the articles read, then those done of all; with it off the
 * import writes sidecars as before.
 *
 * Set GLOSS_TEST_SCREENSHOTS to a folder to keep PNGs of the dialog.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "gloss.h"
#include "gloss-import-dialog-private.h"
#include "gloss-ui-test.h"

#define TIMEOUT_MS 20000
#define WAIT_FOR(condition) GLOSS_UI_TEST_WAIT_FOR (condition, TIMEOUT_MS)

#define TEXT "Ann Lee met Bob Ray in Paris."
#define PREDICTIONS                                                              \
  "{\"id\": \"a1\", \"text\": \"" TEXT "\", \"spans\": ["                        \
  "{\"start\": 0, \"end\": 7, \"label\": \"PER\", \"score\": 0.9},"             \
  "{\"start\": 23, \"end\": 28, \"label\": \"LOC\", \"score\": 0.25}]}\n"

static char *tmp_dir;

/* Helpers */

static GFile *
make_folder (const char *name)
{
  return gloss_ui_test_make_folder (tmp_dir, name);
}

static gboolean
is_visible_label_with_text (GtkWidget     *widget,
                            gconstpointer  text)
{
  return gloss_ui_test_is_label_with_text (widget, text) && gtk_widget_is_visible (widget);
}

static gboolean
is_visible_label_containing (GtkWidget     *widget,
                             gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_is_visible (widget)
         && strstr (gtk_label_get_label (GTK_LABEL (widget)), text) != NULL;
}

static gboolean
is_check_with_label (GtkWidget     *widget,
                     gconstpointer  text)
{
  return GTK_IS_CHECK_BUTTON (widget)
         && g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)), text) == 0;
}

static GtkWidget *
find_switch (GtkWidget *root)
{
  GtkWidget *found = gloss_ui_test_find_of_type (root, GTK_TYPE_SWITCH);

  g_assert_nonnull (found);
  return found;
}

static AdwActionRow *
find_row (GtkWidget *root)
{
  GtkWidget *found = gloss_ui_test_find_of_type (root, ADW_TYPE_ACTION_ROW);

  g_assert_nonnull (found);
  return ADW_ACTION_ROW (found);
}

/* Turns the switch by its mnemonic, as Alt+S does. The switch slides
 * over before it says it is on, as it does for a person. */
static void
press_mnemonic (GtkWidget *root)
{
  GtkWidget *label = gloss_ui_test_find_widget (root, is_visible_label_with_text,
                                                "Import as _Suggestions");

  g_assert_nonnull (label);
  g_assert_true (gtk_label_get_use_underline (GTK_LABEL (label)));
  g_assert_cmpuint (gdk_keyval_to_lower (gtk_label_get_mnemonic_keyval (GTK_LABEL (label))), ==, GDK_KEY_s);
  gtk_widget_mnemonic_activate (label, FALSE);
}

static void
on_imported (GlossImportDialog *dialog,
             GFile             *folder,
             GFile            **imported)
{
  g_set_object (imported, folder);
}

/* How many files in @folder end in @suffix. */
static guint
count_files_ending (GFile      *folder,
                    const char *suffix)
{
  GDir *dir = g_dir_open (g_file_peek_path (folder), 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, suffix))
      n++;
  g_dir_close (dir);

  return n;
}

/* Tests */

static void
test_suggestions_jsonl (void)
{
  g_autoptr(GFile) in = make_folder ("predictions");
  g_autoptr(GFile) input = g_file_get_child (in, "predictions.jsonl");
  g_autoptr(GFile) output = make_folder ("suggested");
  g_autoptr(GFile) article = g_file_get_child (output, "a1.txt");
  g_autoptr(GFile) suggestions_path = g_file_get_child (output, "a1.txt.alice.suggestions.json");
  g_autoptr(GFile) imported = NULL;
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GlossSuggestionFile) file = NULL;
  g_autoptr(GError) error = NULL;
  GlossImportDialog *dialog;
  GtkWidget *root;
  GtkWidget *toggle;
  GListModel *list;
  double score;

  gloss_ui_test_write_file (in, "predictions.jsonl", PREDICTIONS, -1);

  dialog = GLOSS_IMPORT_DIALOG (gloss_import_dialog_new (NULL, NULL, "alice"));
  root = GTK_WIDGET (dialog);
  g_signal_connect (dialog, "imported", G_CALLBACK (on_imported), &imported);
  gloss_ui_test_present_and_wait (GTK_WINDOW (dialog), TIMEOUT_MS);

  gloss_import_dialog_set_format (dialog, GLOSS_FORMAT_JSONL);
  gloss_import_dialog_set_input (dialog, input);
  gloss_import_dialog_set_output_folder (dialog, output);

  /* Off at first; on by its mnemonic. Its row says for whom, and what
   * happens instead of annotations. */
  toggle = find_switch (root);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (find_row (root))));
  press_mnemonic (root);
  WAIT_FOR (gtk_switch_get_active (GTK_SWITCH (toggle)));
  {
    const char *subtitle = adw_action_row_get_subtitle (find_row (root));

    g_assert_nonnull (strstr (subtitle, "“alice”"));
    g_assert_nonnull (strstr (subtitle, "rather than added as annotations"));
  }
  g_assert_nonnull (gloss_ui_test_find_widget (root, is_visible_label_containing,
                                               "as suggestions to review"));
  gloss_ui_test_screenshot (root, "import-suggestions-dialog.png", TIMEOUT_MS);
  /* The row's long subtitle wraps: the dialog is no wider for it. */
  {
    GtkWidget *box = gtk_widget_get_parent (GTK_WIDGET (find_row (root)));
    int with_row, without_row;

    gtk_widget_measure (root, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &with_row, NULL, NULL);
    gtk_widget_set_visible (box, FALSE);
    gtk_widget_measure (root, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &without_row, NULL, NULL);
    gtk_widget_set_visible (box, TRUE);
    g_assert_cmpint (with_row, <=, without_row);
  }

  g_assert_true (gloss_import_dialog_run (dialog));
  WAIT_FOR (gloss_import_dialog_get_finished (dialog));

  g_assert_cmpstr (gloss_import_dialog_get_result (dialog), ==, "2 suggestions for 1 article, 2 new");
  g_assert_nonnull (gloss_ui_test_find_widget (root, is_visible_label_with_text, "Import Complete"));
  /* Where they went, and that no annotation was added. */
  g_assert_nonnull (gloss_ui_test_find_widget (root, is_visible_label_containing,
                                               "“*.alice.suggestions.json” file beside each article"));
  g_assert_nonnull (gloss_ui_test_find_widget (root, is_visible_label_containing,
                                               "no sidecar was written"));
  g_assert_nonnull (imported);
  g_assert_true (g_file_equal (imported, output));
  gloss_ui_test_screenshot (root, "import-suggestions-dialog-done.png", TIMEOUT_MS);

  /* The spans and their scores, in alice's suggestions file. */
  g_assert_true (g_file_query_exists (suggestions_path, NULL));
  document = gloss_document_new_from_file (article, NULL, &error);
  g_assert_no_error (error);
  file = gloss_suggestion_file_new_for_document (document, "alice");
  g_assert_true (gloss_suggestion_file_load (file, NULL, &error));
  g_assert_no_error (error);
  list = gloss_suggestion_file_get_suggestions (file);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  {
    g_autoptr(GlossSuggestion) first = g_list_model_get_item (list, 0);
    g_autoptr(GlossSuggestion) second = g_list_model_get_item (list, 1);

    g_assert_cmpstr (gloss_suggestion_get_source (first), ==, GLOSS_SUGGESTION_SOURCE_IMPORT);
    g_assert_cmpstr (gloss_suggestion_get_label (first), ==, "PER");
    g_assert_cmpstr (gloss_suggestion_get_exact (first), ==, "Ann Lee");
    g_assert_true (gloss_suggestion_get_score (first, &score));
    g_assert_cmpfloat (score, ==, 0.9);
    g_assert_cmpstr (gloss_suggestion_get_label (second), ==, "LOC");
    g_assert_cmpstr (gloss_suggestion_get_exact (second), ==, "Paris");
    g_assert_true (gloss_suggestion_get_score (second, &score));
    g_assert_cmpfloat (score, ==, 0.25);
  }

  /* No sidecar, of anyone's. */
  g_assert_cmpuint (count_files_ending (output, ".gloss.json"), ==, 0);

  gloss_ui_test_destroy_window (GTK_WINDOW (dialog), TIMEOUT_MS);
}

/* With the switch off, the import writes sidecars as it always did. */
static void
test_switch_off_writes_sidecars (void)
{
  g_autoptr(GFile) in = make_folder ("predictions-off");
  g_autoptr(GFile) input = g_file_get_child (in, "predictions.jsonl");
  g_autoptr(GFile) output = make_folder ("annotated");
  g_autoptr(GFile) sidecar = g_file_get_child (output, "a1.txt.alice.gloss.json");
  GlossImportDialog *dialog;

  gloss_ui_test_write_file (in, "predictions.jsonl", PREDICTIONS, -1);

  dialog = GLOSS_IMPORT_DIALOG (gloss_import_dialog_new (NULL, NULL, "alice"));
  gloss_ui_test_present_and_wait (GTK_WINDOW (dialog), TIMEOUT_MS);
  gloss_import_dialog_set_format (dialog, GLOSS_FORMAT_JSONL);
  gloss_import_dialog_set_input (dialog, input);
  gloss_import_dialog_set_output_folder (dialog, output);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (find_switch (GTK_WIDGET (dialog)))));

  g_assert_true (gloss_import_dialog_run (dialog));
  WAIT_FOR (gloss_import_dialog_get_finished (dialog));

  g_assert_true (g_str_has_prefix (gloss_import_dialog_get_result (dialog),
                                   "1 article, 1 sidecar, 2 spans"));
  g_assert_true (g_file_query_exists (sidecar, NULL));
  g_assert_cmpuint (count_files_ending (output, ".suggestions.json"), ==, 0);

  gloss_ui_test_destroy_window (GTK_WINDOW (dialog), TIMEOUT_MS);
}

/* Cancel stops the suggestions import as it stops the other: the result
 * says so, and nothing is written as a sidecar. */
static void
test_cancel (void)
{
  g_autoptr(GFile) in = make_folder ("predictions-many");
  g_autoptr(GFile) input = g_file_get_child (in, "predictions.jsonl");
  g_autoptr(GFile) output = make_folder ("cancelled");
  g_autoptr(GString) lines = g_string_new (NULL);
  GlossImportDialog *dialog;
  GtkWidget *root;

  /* Far more than the moment between Import and Cancel can read. */
  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (lines,
                            "{\"id\": \"a%u\", \"text\": \"" TEXT "\", \"spans\": ["
                            "{\"start\": 0, \"end\": 7, \"label\": \"PER\", \"score\": 0.5}]}\n", i);
  gloss_ui_test_write_file (in, "predictions.jsonl", lines->str, lines->len);

  dialog = GLOSS_IMPORT_DIALOG (gloss_import_dialog_new (NULL, NULL, "alice"));
  root = GTK_WIDGET (dialog);
  gloss_ui_test_present_and_wait (GTK_WINDOW (dialog), TIMEOUT_MS);
  gloss_import_dialog_set_format (dialog, GLOSS_FORMAT_JSONL);
  gloss_import_dialog_set_input (dialog, input);
  gloss_import_dialog_set_output_folder (dialog, output);
  press_mnemonic (root);
  WAIT_FOR (gtk_switch_get_active (GTK_SWITCH (find_switch (root))));

  g_assert_true (gloss_import_dialog_run (dialog));
  g_assert_true (gloss_import_dialog_get_running (dialog));
  g_assert_nonnull (gloss_ui_test_find_widget (root, is_visible_label_with_text,
                                               "Importing suggestions…"));
  gloss_import_dialog_cancel (dialog);
  WAIT_FOR (gloss_import_dialog_get_finished (dialog));

  g_assert_nonnull (gloss_ui_test_find_widget (root, is_visible_label_with_text, "Import Cancelled"));
  g_assert_true (g_str_has_suffix (gloss_import_dialog_get_result (dialog), " new"));
  g_assert_cmpuint (count_files_ending (output, ".gloss.json"), ==, 0);

  gloss_ui_test_destroy_window (GTK_WINDOW (dialog), TIMEOUT_MS);
}

static void
on_bar_text (GtkProgressBar *bar,
             GParamSpec     *pspec,
             GPtrArray      *texts)
{
  const char *text = gtk_progress_bar_get_text (bar);

  g_ptr_array_add (texts, g_strdup (text != NULL ? text : ""));
}

/* The progress bar counts while it runs: the articles read (it pulses
 * meanwhile), then how many of them have their suggestions, rising to
 * all of them, the bar full. Every text the bar was given is checked;
 * which counts show depends on the machine's speed, the last does not:
 * the worker's last update is queued before its result. */
static void
test_progress_count (void)
{
  g_autoptr(GFile) in = make_folder ("predictions-count");
  g_autoptr(GFile) input = g_file_get_child (in, "predictions.jsonl");
  g_autoptr(GFile) output = make_folder ("counted");
  g_autoptr(GString) lines = g_string_new (NULL);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  const guint n = 40;
  g_autofree char *all = g_strdup_printf ("Suggestions for %u of %u articles", n, n);
  const char *last_count = NULL;
  guint last_read = 0, last_done = 0;
  GlossImportDialog *dialog;
  GtkWidget *root;
  GtkWidget *bar;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (lines,
                            "{\"id\": \"a%02u\", \"text\": \"" TEXT "\", \"spans\": ["
                            "{\"start\": 0, \"end\": 7, \"label\": \"PER\", \"score\": 0.5}]}\n", i);
  gloss_ui_test_write_file (in, "predictions.jsonl", lines->str, lines->len);

  dialog = GLOSS_IMPORT_DIALOG (gloss_import_dialog_new (NULL, NULL, "alice"));
  root = GTK_WIDGET (dialog);
  gloss_ui_test_present_and_wait (GTK_WINDOW (dialog), TIMEOUT_MS);
  gloss_import_dialog_set_format (dialog, GLOSS_FORMAT_JSONL);
  gloss_import_dialog_set_input (dialog, input);
  gloss_import_dialog_set_output_folder (dialog, output);
  press_mnemonic (root);
  WAIT_FOR (gtk_switch_get_active (GTK_SWITCH (find_switch (root))));
  bar = gloss_ui_test_find_of_type (root, GTK_TYPE_PROGRESS_BAR);
  g_assert_nonnull (bar);
  g_signal_connect (bar, "notify::text", G_CALLBACK (on_bar_text), texts);

  g_assert_true (gloss_import_dialog_run (dialog));
  WAIT_FOR (gloss_import_dialog_get_finished (dialog));
  g_signal_handlers_disconnect_by_func (bar, on_bar_text, texts);

  g_assert_cmpstr (gloss_import_dialog_get_result (dialog), ==,
                   "40 suggestions for 40 articles, 40 new");
  for (guint i = 0; i < texts->len; i++)
    {
      const char *text = g_ptr_array_index (texts, i);
      guint count, total;

      g_test_message ("progress: %s", text);
      if (g_str_equal (text, "Importing suggestions…"))
        continue;
      /* The reading pass ("1 article read", "2 articles read"), only
       * before the merging one. */
      if (g_str_has_suffix (text, " read"))
        {
          g_assert_cmpint (sscanf (text, "%u article", &count), ==, 1);
          g_assert_null (last_count);
          g_assert_cmpuint (count, >, last_read);
          g_assert_cmpuint (count, <=, n);
          last_read = count;
          continue;
        }
      g_assert_cmpint (sscanf (text, "Suggestions for %u of %u articles", &count, &total), ==, 2);
      g_assert_cmpuint (total, ==, n);
      g_assert_cmpuint (count, >, last_done);
      last_done = count;
      last_count = text;
    }
  g_assert_cmpstr (last_count, ==, all);
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (bar)), ==, 1.0);

  gloss_ui_test_destroy_window (GTK_WINDOW (dialog), TIMEOUT_MS);
}

/* Suggestions are for one annotator: not while each line's own is kept,
 * and the row says why. */
static void
test_insensitive_with_line_annotators (void)
{
  GlossImportDialog *dialog = GLOSS_IMPORT_DIALOG (gloss_import_dialog_new (NULL, NULL, "alice"));
  GtkWidget *root = GTK_WIDGET (dialog);
  GtkWidget *keep;
  GtkWidget *toggle;
  AdwActionRow *row;

  gloss_ui_test_present_and_wait (GTK_WINDOW (dialog), TIMEOUT_MS);
  keep = gloss_ui_test_find_widget (root, is_check_with_label,
                                    "_Keep the annotator each line names");
  g_assert_nonnull (keep);
  toggle = find_switch (root);
  row = find_row (root);

  gloss_import_dialog_set_format (dialog, GLOSS_FORMAT_JSONL);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (keep), TRUE);
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (row)));
  g_assert_false (gtk_widget_is_sensitive (toggle));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "each line’s annotator is kept"));
  /* The mnemonic does nothing to an insensitive row. */
  press_mnemonic (root);
  gloss_ui_test_spin (500);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));
  gloss_ui_test_screenshot (root, "import-suggestions-dialog-insensitive.png", TIMEOUT_MS);

  /* Back on one annotator: offered again. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (keep), FALSE);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (row)));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "“alice”"));

  /* Kept, hidden, under doccano: the switch turned on there takes it off,
   * so JSONL never has both. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (keep), TRUE);
  gloss_import_dialog_set_format (dialog, GLOSS_FORMAT_DOCCANO);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (row)));
  press_mnemonic (root);
  WAIT_FOR (gtk_switch_get_active (GTK_SWITCH (toggle)));
  gloss_import_dialog_set_format (dialog, GLOSS_FORMAT_JSONL);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (keep)));
  g_assert_false (gtk_widget_is_sensitive (keep));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (row)));

  /* No valid annotator yet: the row says whose it will be, Import waits. */
  gloss_import_dialog_set_annotator_id (dialog, "");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "the annotator above"));
  gloss_import_dialog_set_annotator_id (dialog, "bilal");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "“bilal”"));

  gloss_ui_test_destroy_window (GTK_WINDOW (dialog), TIMEOUT_MS);
}

/* Tab reaches the switch after the annotator's choices, before the
 * buttons. */
static void
test_focus_order (void)
{
  g_autoptr(GFile) in = make_folder ("predictions-focus");
  g_autoptr(GFile) input = g_file_get_child (in, "predictions.jsonl");
  g_autoptr(GFile) output = make_folder ("focus");
  GlossImportDialog *dialog = GLOSS_IMPORT_DIALOG (gloss_import_dialog_new (NULL, NULL, "alice"));
  GtkWidget *root = GTK_WIDGET (dialog);
  GtkWidget *id_entry;
  GtkWidget *keep;
  GtkWidget *toggle;
  GtkWidget *row;
  GtkWidget *import_button;
  int id_at = -1, keep_at = -1, row_at = -1, import_at = -1;

  gloss_ui_test_present_and_wait (GTK_WINDOW (dialog), TIMEOUT_MS);
  gloss_import_dialog_set_format (dialog, GLOSS_FORMAT_JSONL);
  /* Import is reached only when it can run. */
  gloss_import_dialog_set_input (dialog, input);
  gloss_import_dialog_set_output_folder (dialog, output);
  /* Tab goes by where the widgets are: the check just shown must be laid
   * out first. */
  gloss_ui_test_wait_for_frame (root, TIMEOUT_MS);
  id_entry = gloss_ui_test_find_labelled (root, "_Annotator ID");
  keep = gloss_ui_test_find_widget (root, is_check_with_label,
                                    "_Keep the annotator each line names");
  toggle = find_switch (root);
  row = GTK_WIDGET (find_row (root));
  import_button = gloss_ui_test_find_widget (root, gloss_ui_test_is_button_with_label, "_Import");

  gtk_widget_grab_focus (gloss_ui_test_find_labelled (root, "_Format"));
  for (int i = 0; i < 40; i++)
    {
      GtkWidget *focus;

      g_assert_true (gtk_widget_child_focus (root, GTK_DIR_TAB_FORWARD));
      focus = gtk_root_get_focus (GTK_ROOT (root));
      g_assert_nonnull (focus);
      if (id_at < 0 && (focus == id_entry || gtk_widget_is_ancestor (focus, id_entry)))
        id_at = i;
      else if (keep_at < 0 && focus == keep)
        keep_at = i;
      else if (row_at < 0 && (focus == row || focus == toggle))
        row_at = i;
      else if (import_at < 0 && focus == import_button)
        import_at = i;
    }

  g_assert_cmpint (id_at, >=, 0);
  g_assert_cmpint (keep_at, >, id_at);
  g_assert_cmpint (row_at, >, keep_at);
  g_assert_cmpint (import_at, >, row_at);

  gloss_ui_test_destroy_window (GTK_WINDOW (dialog), TIMEOUT_MS);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gloss_ui_test_init (&argc, &argv);
  if (!gloss_ui_test_init_gtk ())
    return 0;
  /* As AdwApplication does in the app: libadwaita's styles, so the
   * screenshots show the rows as people see them. */
  adw_init ();

  tmp_dir = gloss_ui_test_make_tmp_dir ("gloss-import-suggestions-dialog-XXXXXX");

  g_test_add_func ("/import-dialog/suggestions/jsonl", test_suggestions_jsonl);
  g_test_add_func ("/import-dialog/suggestions/switch-off", test_switch_off_writes_sidecars);
  g_test_add_func ("/import-dialog/suggestions/cancel", test_cancel);
  g_test_add_func ("/import-dialog/suggestions/progress-count", test_progress_count);
  g_test_add_func ("/import-dialog/suggestions/insensitive", test_insensitive_with_line_annotators);
  g_test_add_func ("/import-dialog/suggestions/focus-order", test_focus_order);

  status = g_test_run ();

  gloss_test_remove_tree (tmp_dir);
  g_free (tmp_dir);

  return status;
}
