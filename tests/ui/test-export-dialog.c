/* test-export-dialog.c — Export… and Import…, driven in-process under Xvfb
 *
 * The dialogs work on temporary copies of the sample corpus: an export to
 * JSON Lines and what it says at the end, the choices that change with the
 * format, a cancelled export that must leave the old dataset alone, the
 * question asked before writing over an existing file or into a folder of
 * the person's own files, a brat import into sidecars, and the window
 * actions that open both dialogs.
 *
 * Set GLOSS_TEST_SCREENSHOTS to a folder to keep PNGs of the dialogs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gloss.h"
#include "gloss-application.h"
#include "gloss-corpus-list.h"
#include "gloss-export-dialog-private.h"
#include "gloss-import-dialog-private.h"
#include "gloss-progress-page.h"
#include "gloss-window.h"
#include "gloss-ui-test.h"

#define TIMEOUT_MS 20000
#define WAIT_FOR(condition) GLOSS_UI_TEST_WAIT_FOR (condition, TIMEOUT_MS)
#define N_SYNTHETIC 3000

static const char * const sample_names[] = {
  "harbour-bridge-vote.txt",
  "harbour-bridge-vote.txt.alice.gloss.json",
  "harbour-bridge-vote.txt.bilal.gloss.json",
  "kyiv-grain-talks.txt",
  "kyiv-grain-talks.txt.alice.gloss.json",
  "kyiv-grain-talks.txt.bilal.gloss.json",
  "river-flood-report.txt",
  "river-flood-report.txt.alice.gloss.json",
  "river-flood-report.txt.bilal.gloss.json",
};

static char *tmp_dir;
static GFile *samples;     /* a copy of the sample corpus */
static GFile *synthetic;   /* N_SYNTHETIC articles, made once */

/* Helpers: files */

static GFile *
make_folder (const char *name)
{
  return gloss_ui_test_make_folder (tmp_dir, name);
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    if (*p == '\n')
      n++;

  return n;
}

static guint
count_children (GFile *folder)
{
  GDir *dir = g_dir_open (g_file_peek_path (folder), 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  g_dir_close (dir);

  return n;
}

static void
copy_samples (void)
{
  samples = make_folder ("samples");
  for (guint i = 0; i < G_N_ELEMENTS (sample_names); i++)
    gloss_ui_test_copy_sample (sample_names[i], g_file_peek_path (samples));
}

/* Many copies of one annotated sample article, each sidecar naming its own
 * article: a corpus that takes the export long enough to cancel. */
static void
make_synthetic_corpus (void)
{
  g_autoptr(GFile) article = g_file_get_child (samples, "kyiv-grain-talks.txt");
  g_autoptr(GFile) original = g_file_get_child (samples, "kyiv-grain-talks.txt.alice.gloss.json");
  g_autofree char *text = gloss_ui_test_read_file (article);
  g_autofree char *sidecar = gloss_ui_test_read_file (original);
  gsize text_length;

  synthetic = make_folder ("synthetic");
  text_length = strlen (text);

  for (guint i = 0; i < N_SYNTHETIC; i++)
    {
      g_autofree char *name = g_strdup_printf ("article-%04u.txt", i);
      g_autofree char *sidecar_name = g_strdup_printf ("%s.alice.gloss.json", name);
      g_autofree char *quoted = g_strdup_printf ("\"file\": \"%s\"", name);
      g_autoptr(GString) renamed = g_string_new (sidecar);

      g_string_replace (renamed, "\"file\": \"kyiv-grain-talks.txt\"", quoted, 1);
      gloss_ui_test_write_file (synthetic, name, text, text_length);
      gloss_ui_test_write_file (synthetic, sidecar_name, renamed->str, renamed->len);
    }
}

/* Helpers: widgets */

static gboolean
is_check_with_label (GtkWidget     *widget,
                     gconstpointer  text)
{
  return GTK_IS_CHECK_BUTTON (widget)
         && g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)), text) == 0;
}

static gboolean
is_visible_label_with_text (GtkWidget     *widget,
                            gconstpointer  text)
{
  return gloss_ui_test_is_label_with_text (widget, text) && gtk_widget_is_drawable (widget);
}

/* Helpers: the dialogs */

static GlossExportDialog *
open_export_dialog (GFile      *source,
                    const char *annotator_id)
{
  GlossExportDialog *dialog =
    GLOSS_EXPORT_DIALOG (gloss_export_dialog_new (NULL, source, annotator_id));

  gloss_ui_test_present_and_wait (GTK_WINDOW (dialog), TIMEOUT_MS);
  WAIT_FOR (!gloss_export_dialog_get_scanning (dialog));

  return dialog;
}

static GtkProgressBar *
find_progress_bar (GtkWidget *dialog)
{
  GtkWidget *bar = gloss_ui_test_find_of_type (dialog, GTK_TYPE_PROGRESS_BAR);

  g_assert_nonnull (bar);
  return GTK_PROGRESS_BAR (bar);
}

/* The page the dialog shows: "choices", "running", "question", "result"
 * (the last two are the shared progress page's). */
static const char *
visible_page (GlossExportDialog *dialog)
{
  GtkWidget *stack = gtk_window_get_child (GTK_WINDOW (dialog));
  GtkWidget *page;

  g_assert_true (GTK_IS_STACK (stack));
  page = gtk_stack_get_visible_child (GTK_STACK (stack));
  if (GLOSS_IS_PROGRESS_PAGE (page))
    return gloss_progress_page_get_page (GLOSS_PROGRESS_PAGE (page));
  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

static gboolean
is_asking (GlossExportDialog *dialog)
{
  return g_strcmp0 (visible_page (dialog), "question") == 0;
}

static gboolean
is_visible_button_with_label (GtkWidget     *widget,
                              gconstpointer  text)
{
  return gloss_ui_test_is_button_with_label (widget, text) && gtk_widget_is_drawable (widget);
}

/* The text of the visible read-only list of the question page. */
static char *
dup_question_list (GlossExportDialog *dialog)
{
  GtkWidget *view = gloss_ui_test_find_labelled (GTK_WIDGET (dialog), "_Files to Be Replaced");
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_assert_true (GTK_IS_TEXT_VIEW (view));
  if (!gtk_widget_is_drawable (view))
    return g_strdup ("");
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Asserts the question is asked as keyboard users need: the safe answer
 * focused and the default, both answers labelled with mnemonics. */
static void
assert_question_keyboard (GlossExportDialog *dialog,
                          const char        *replace_label)
{
  GtkWidget *keep = gloss_ui_test_find_widget (GTK_WIDGET (dialog), is_visible_button_with_label, "_Cancel");
  GtkWidget *replace = gloss_ui_test_find_widget (GTK_WIDGET (dialog), is_visible_button_with_label, replace_label);

  g_assert_nonnull (keep);
  g_assert_nonnull (replace);
  g_assert_true (gtk_button_get_use_underline (GTK_BUTTON (keep)));
  g_assert_true (gtk_button_get_use_underline (GTK_BUTTON (replace)));
  g_assert_true (gtk_widget_get_focusable (replace) && gtk_widget_get_sensitive (replace));
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (dialog)) == keep);
  g_assert_true (gtk_window_get_default_widget (GTK_WINDOW (dialog)) == keep);
}

/* The mnemonic label reading @mnemonic (underscore included), or NULL. */
static GtkWidget *
find_mnemonic_label (GtkWidget  *root,
                     const char *mnemonic)
{
  return gloss_ui_test_find_widget (root, gloss_ui_test_is_label_with_text, mnemonic);
}

/* A per-format row: its label with a mnemonic for its control, and both
 * shown or hidden together. Returns the control. */
static GtkWidget *
assert_format_row (GlossExportDialog *dialog,
                   const char        *mnemonic,
                   gboolean           shown)
{
  GtkWidget *label = find_mnemonic_label (GTK_WIDGET (dialog), mnemonic);
  GtkWidget *control;

  g_assert_nonnull (label);
  g_assert_true (gtk_label_get_use_underline (GTK_LABEL (label)));
  control = gtk_label_get_mnemonic_widget (GTK_LABEL (label));
  g_assert_nonnull (control);
  g_assert_true (gtk_widget_get_focusable (control) || GTK_IS_DROP_DOWN (control));
  g_assert_cmpint (gtk_widget_is_drawable (label), ==, shown);
  g_assert_cmpint (gtk_widget_is_drawable (control), ==, shown);

  return control;
}

/* The rows of a dropdown of strings, joined by "|". */
static char *
dup_dropdown_rows (GtkWidget *dropdown)
{
  GListModel *model = gtk_drop_down_get_model (GTK_DROP_DOWN (dropdown));
  g_autoptr(GString) rows = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) row = g_list_model_get_item (model, i);

      if (i > 0)
        g_string_append_c (rows, '|');
      g_string_append (rows, gtk_string_object_get_string (row));
    }

  return g_string_free (g_steal_pointer (&rows), FALSE);
}

/* Selects the row reading @text, as a person picking it from the list. */
static void
select_dropdown_row (GtkWidget  *dropdown,
                     const char *text)
{
  GListModel *model = gtk_drop_down_get_model (GTK_DROP_DOWN (dropdown));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) row = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (row), text) == 0)
        {
          gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), i);
          return;
        }
    }

  g_error ("No row “%s” in the dropdown", text);
}

static const char *
dropdown_selected_text (GtkWidget *dropdown)
{
  gpointer item = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (dropdown));

  g_assert_true (GTK_IS_STRING_OBJECT (item));
  return gtk_string_object_get_string (item);
}

/* Runs the export to @output (a new file) and returns what it wrote; back
 * on the choices page after. */
static char *
export_to (GlossExportDialog *dialog,
           GFile             *output)
{
  gloss_export_dialog_set_destination (dialog, output);
  g_assert_true (gloss_export_dialog_run (dialog));
  WAIT_FOR (gloss_export_dialog_get_finished (dialog));
  g_assert_nonnull (gloss_ui_test_find_widget (GTK_WIDGET (dialog), is_visible_label_with_text,
                                               "Export Complete"));
  g_signal_emit_by_name (gloss_ui_test_find_widget (GTK_WIDGET (dialog), gloss_ui_test_is_button_with_label, "_Back"), "clicked");
  g_assert_cmpstr (visible_page (dialog), ==, "choices");
  /* Back, the same choices can be exported again: Export is not left
   * greyed out from the run that ended. */
  g_assert_true (gtk_widget_get_sensitive (gloss_ui_test_find_widget (GTK_WIDGET (dialog), is_visible_button_with_label, "_Export")));

  return gloss_ui_test_read_file (output);
}

/* Lines that are neither blank nor start with @frame, each with
 * @n_fields tab-separated fields; returns how many there are. */
static guint
assert_token_lines (const char *contents,
                    const char *frame,
                    guint       n_fields)
{
  g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;

      if (lines[i][0] == '\0' || g_str_has_prefix (lines[i], frame))
        continue;
      fields = g_strsplit (lines[i], "\t", -1);
      if (g_strv_length (fields) != n_fields)
        g_error ("Line %u “%s”: %u fields, not %u", i + 1, lines[i],
                 g_strv_length (fields), n_fields);
      n++;
    }

  return n;
}

/* The person's files in @folder: path → contents, one level deep. */
static GHashTable *
snapshot_folder (GFile *folder)
{
  GHashTable *files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GDir *dir = g_dir_open (g_file_peek_path (folder), 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autoptr(GFile) child = g_file_get_child (folder, name);

      g_hash_table_insert (files, g_strdup (name),
                           g_file_test (g_file_peek_path (child), G_FILE_TEST_IS_DIR)
                           ? g_strdup ("(folder)") : gloss_ui_test_read_file (child));
    }
  g_dir_close (dir);

  return files;
}

/* Every file of @before still in @folder as it was, but for @except. */
static void
assert_folder_kept (GHashTable *before,
                    GFile      *folder,
                    const char *except)
{
  g_autoptr(GHashTable) after = snapshot_folder (folder);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (except != NULL && strstr (except, key) != NULL)
        continue;
      g_assert_cmpstr (g_hash_table_lookup (after, key), ==, value);
    }
}

/* Export */

static void
test_export_jsonl (void)
{
  g_autoptr(GFile) out_folder = make_folder ("out-jsonl");
  g_autoptr(GFile) output = g_file_get_child (out_folder, "samples.jsonl");
  g_autofree char *contents = NULL;
  g_autofree char *problems = NULL;
  GlossExportDialog *dialog = open_export_dialog (samples, "alice");
  GtkWidget *root = GTK_WIDGET (dialog);
  GtkWidget *format, *offsets;
  const char *result;

  /* Everyone found is offered and chosen; the user is marked. */
  g_assert_nonnull (gloss_ui_test_find_widget (root, is_check_with_label, "alice (you)"));
  g_assert_nonnull (gloss_ui_test_find_widget (root, is_check_with_label, "bilal"));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (gloss_ui_test_find_widget (root, is_check_with_label, "bilal"))));
  g_assert_true (gloss_ui_test_find_labelled (root, "_Annotators")
                 == gloss_ui_test_find_widget (root, is_check_with_label, "alice (you)"));

  /* Each choice is reachable by its mnemonic. */
  format = gloss_ui_test_find_labelled (root, "_Format");
  offsets = gloss_ui_test_find_labelled (root, "_Offsets");
  g_assert_true (GTK_IS_DROP_DOWN (format));
  g_assert_true (GTK_IS_DROP_DOWN (offsets));
  g_assert_true (GTK_IS_ENTRY (gloss_ui_test_find_labelled (root, "_Labels")));
  g_assert_true (GTK_IS_BUTTON (gloss_ui_test_find_labelled (root, "_Destination")));

  /* No destination yet: nothing to run. */
  g_assert_false (gloss_export_dialog_run (dialog));

  gloss_export_dialog_set_format (dialog, GLOSS_FORMAT_JSONL);
  gloss_export_dialog_set_destination (dialog, output);
  g_assert_true (gtk_widget_get_sensitive (offsets));

  gloss_ui_test_screenshot (root, "export-dialog.png", TIMEOUT_MS);

  g_assert_true (gloss_export_dialog_run (dialog));
  g_assert_true (gloss_export_dialog_get_running (dialog));
  WAIT_FOR (gloss_export_dialog_get_finished (dialog));
  g_assert_false (gloss_export_dialog_get_running (dialog));

  /* 3 articles × 2 annotators, one line each. */
  contents = gloss_ui_test_read_file (output);
  g_assert_cmpuint (count_lines (contents), ==, 6);
  g_assert_nonnull (strstr (contents, "\"annotator\":\"bilal\""));

  result = gloss_export_dialog_get_result (dialog);
  g_assert_nonnull (result);
  g_assert_true (g_str_has_prefix (result, "3 articles, 6 records"));
  g_assert_nonnull (gloss_ui_test_find_widget (root, is_visible_label_with_text, "Export Complete"));
  g_assert_nonnull (gloss_ui_test_find_widget (root, is_visible_label_with_text, result));
  problems = gloss_export_dialog_dup_problems (dialog);
  g_assert_cmpstr (problems, ==, "");

  gloss_ui_test_screenshot (root, "export-dialog-done.png", TIMEOUT_MS);

  gloss_ui_test_destroy_window (GTK_WINDOW (dialog), TIMEOUT_MS);
}

/* Hugging Face: the format offered with its description, the tag column
 * row shown without All (one column), the layout row hidden; the file is
 * one JSON object a line with id, tokens and ner_tags, the chosen column's
 * tags only. */
static void
test_export_hf (void)
{
  g_autoptr(GFile) out_folder = make_folder ("out-hf");
  g_autoptr(GFile) entity_file = g_file_get_child (out_folder, "entity.jsonl");
  g_autoptr(GFile) quote_file = g_file_get_child (out_folder, "quote.jsonl");
  g_autofree char *entity = NULL;
  g_autofree char *quote = NULL;
  g_autofree char *rows = NULL;
  g_auto(GStrv) lines = NULL;
  GlossExportDialog *dialog = open_export_dialog (samples, "alice");
  GtkWidget *format, *tags;

  format = gloss_ui_test_find_labelled (GTK_WIDGET (dialog), "_Format");
  select_dropdown_row (format, "Hugging Face (token classification)");
  gloss_ui_test_wait_for_frame (GTK_WIDGET (dialog), TIMEOUT_MS);
  g_assert_nonnull (gloss_ui_test_find_widget (GTK_WIDGET (dialog), is_visible_label_with_text,
                                               "Hugging Face token classification: one JSON line per sentence with CoNLL’s tokens and "
                                               "one tag column. Relations, notes and overlaps are lost."));
  assert_format_row (dialog, "La_yout", FALSE);
  assert_format_row (dialog, "_Relations", FALSE);
  tags = assert_format_row (dialog, "_Tag column", TRUE);
  rows = dup_dropdown_rows (tags);
  g_assert_cmpstr (rows, ==, "Entity|Quote|Claim");
  g_assert_cmpstr (dropdown_selected_text (tags), ==, "Entity");

  entity = export_to (dialog, entity_file);
  lines = g_strsplit (entity, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >, 6);
  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_assert_true (g_str_has_prefix (lines[i], "{\"id\":\""));
      g_assert_nonnull (strstr (lines[i], "\",\"tokens\":[\""));
      g_assert_nonnull (strstr (lines[i], "],\"ner_tags\":[\""));
      g_assert_true (g_str_has_suffix (lines[i], "\"]}"));
    }
  g_assert_nonnull (strstr (entity, "\"B-person\""));
  g_assert_null (strstr (entity, "\"B-quote"));

  select_dropdown_row (tags, "Quote");
  quote = export_to (dialog, quote_file);
  g_assert_nonnull (strstr (quote, "\"B-quote"));
  g_assert_null (strstr (quote, "\"B-person\""));

  /* Back to CoNLL: its layouts offer All again. */
  gloss_export_dialog_set_format (dialog, GLOSS_FORMAT_CONLL);
  g_clear_pointer (&rows, g_free);
  rows = dup_dropdown_rows (tags);
  g_assert_cmpstr (rows, ==, "Entity|Quote|Claim|All");

  gloss_ui_test_destroy_window (GTK_WINDOW (dialog), TIMEOUT_MS);
}

/* hf with integer tags: the switch shown for hf only; the label list is
 * written beside the file and the result says where; a list already
 * there is asked about by name, never replaced unasked. */
static void
test_export_hf_tag_ids (void)
{
  g_autoptr(GFile) out_folder = make_folder ("out-hf-ids");
  g_autoptr(GFile) ids_file = g_file_get_child (out_folder, "train.jsonl");
  g_autoptr(GFile) info_file = g_file_get_child (out_folder, "train.dataset_info.json");
  g_autoptr(GFile) guarded_file = g_file_get_child (out_folder, "guarded.jsonl");
  g_autoptr(GFile) guarded_info = g_file_get_child (out_folder, "guarded.dataset_info.json");
  g_autofree char *ids = NULL;
  g_autofree char *info = NULL;
  g_autofree char *where = NULL;
  g_autofree char *list = NULL;
  g_autofree char *mine = NULL;
  GlossExportDialog *dialog = open_export_dialog (samples, "alice");
  GtkWidget *format, *tag_ids;

  format = gloss_ui_test_find_labelled (GTK_WIDGET (dialog), "_Format");
  assert_format_row (dialog, "_Integer tags", FALSE);
  select_dropdown_row (format, "Hugging Face (token classification)");
  gloss_ui_test_wait_for_frame (GTK_WIDGET (dialog), TIMEOUT_MS);
  tag_ids = assert_format_row (dialog, "_Integer tags", TRUE);
  g_assert_true (GTK_IS_SWITCH (tag_ids));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (tag_ids)));
  gtk_switch_set_active (GTK_SWITCH (tag_ids), TRUE);

  gloss_export_dialog_set_destination (dialog, ids_file);
  g_assert_true (gloss_export_dialog_run (dialog));
  WAIT_FOR (gloss_export_dialog_get_finished (dialog));
  where = g_strdup_printf ("Written to %s, and its label list to %s",
                           g_file_peek_path (ids_file), g_file_peek_path (info_file));
  g_assert_nonnull (gloss_ui_test_find_widget (GTK_WIDGET (dialog), is_visible_label_with_text, where));
  g_signal_emit_by_name (gloss_ui_test_find_widget (GTK_WIDGET (dialog), gloss_ui_test_is_button_with_label, "_Back"), "clicked");
  ids = gloss_ui_test_read_file (ids_file);
  g_assert_true (g_str_has_prefix (ids, "{\"id\":\""));
  g_assert_nonnull (strstr (ids, "\"ner_tags\":[0"));
  g_assert_null (strstr (ids, "\"B-person\""));
  info = gloss_ui_test_read_file (info_file);
  g_assert_nonnull (strstr (info, "\"ClassLabel\""));
  g_assert_nonnull (strstr (info, "\"B-person\""));

  /* The label list alone is there: asked, and declined. */
  gloss_ui_test_write_file (out_folder, "guarded.dataset_info.json", "{\"mine\": true}\n", -1);
  gloss_export_dialog_set_destination (dialog, guarded_file);
  g_assert_true (gloss_export_dialog_run (dialog));
  WAIT_FOR (is_asking (dialog));
  g_assert_nonnull (gloss_ui_test_find_widget (GTK_WIDGET (dialog), is_visible_label_with_text,
                                               "Replace Files Beside “guarded.jsonl”?"));
  list = dup_question_list (dialog);
  g_assert_cmpstr (list, ==, "guarded.dataset_info.json");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.keep", NULL));
  WAIT_FOR (gloss_export_dialog_get_finished (dialog));
  g_assert_cmpstr (gloss_export_dialog_get_result (dialog), ==, "Nothing was written.");
  mine = gloss_ui_test_read_file (guarded_info);
  g_assert_cmpstr (mine, ==, "{\"mine\": true}\n");
  g_assert_false (g_file_query_exists (guarded_file, NULL));

  /* Off again for the other formats: a CoNLL export writes no list. */
  gloss_export_dialog_set_format (dialog, GLOSS_FORMAT_CONLL);
  assert_format_row (dialog, "_Integer tags", FALSE);

  gloss_ui_test_destroy_window (GTK_WINDOW (dialog), TIMEOUT_MS);
}

/* Label Studio: the format offered with its description and its
 * Predictions switch (off: no "predictions", on: an empty list where the
 * samples have no suggestions); the file is a JSON list of tasks and the
 * labelling config is written beside it. A config that is there already
 * is asked about, named in the list, never replaced unasked: declined,
 * it stays as it was and nothing is written. */
static void
test_export_label_studio (void)
{
  g_autoptr(GFile) out_folder = make_folder ("out-label-studio");
  g_autoptr(GFile) tasks_file = g_file_get_child (out_folder, "tasks.json");
  g_autoptr(GFile) config_file = g_file_get_child (out_folder, "tasks.label_config.xml");
  g_autoptr(GFile) predicted_file = g_file_get_child (out_folder, "predicted.json");
  g_autoptr(GFile) guarded_file = g_file_get_child (out_folder, "guarded.json");
  g_autoptr(GFile) guarded_config = g_file_get_child (out_folder, "guarded.label_config.xml");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *tasks = NULL;
  g_autofree char *config = NULL;
  g_autofree char *predicted = NULL;
  g_autofree char *list = NULL;
  g_autofree char *mine = NULL;
  g_autofree char *where = NULL;
  GlossExportDialog *dialog = open_export_dialog (samples, "alice");
  GtkWidget *format, *predictions;
  JsonArray *array;

  format = gloss_ui_test_find_labelled (GTK_WIDGET (dialog), "_Format");
  assert_format_row (dialog, "_Predictions", FALSE);
  select_dropdown_row (format, "Label Studio");
  gloss_ui_test_wait_for_frame (GTK_WIDGET (dialog), TIMEOUT_MS);
  g_assert_nonnull (gloss_ui_test_find_widget (GTK_WIDGET (dialog), is_visible_label_with_text,
                                               "Label Studio tasks, one per article with an annotation per annotator, and the labelling "
                                               "config beside them (NAME.label_config.xml). Attributes and article fields are lost."));
  assert_format_row (dialog, "La_yout", FALSE);
  assert_format_row (dialog, "_Relations", FALSE);
  predictions = assert_format_row (dialog, "_Predictions", TRUE);
  g_assert_true (GTK_IS_SWITCH (predictions));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (predictions)));
  gloss_ui_test_screenshot (GTK_WIDGET (dialog), "export-dialog-label-studio.png", TIMEOUT_MS);

  /* The result says where both files went. */
  gloss_export_dialog_set_destination (dialog, tasks_file);
  g_assert_true (gloss_export_dialog_run (dialog));
  WAIT_FOR (gloss_export_dialog_get_finished (dialog));
  where = g_strdup_printf ("Written to %s, and its labelling config to %s",
                           g_file_peek_path (tasks_file), g_file_peek_path (config_file));
  g_assert_nonnull (gloss_ui_test_find_widget (GTK_WIDGET (dialog), is_visible_label_with_text, where));
  gloss_ui_test_screenshot (GTK_WIDGET (dialog), "export-dialog-label-studio-done.png", TIMEOUT_MS);
  g_signal_emit_by_name (gloss_ui_test_find_widget (GTK_WIDGET (dialog), gloss_ui_test_is_button_with_label, "_Back"), "clicked");
  tasks = gloss_ui_test_read_file (tasks_file);
  g_assert_true (json_parser_load_from_data (parser, tasks, -1, &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)));
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, 3);
  g_assert_nonnull (strstr (tasks, "\"completed_by\":{\"username\":\"alice\"}"));
  g_assert_nonnull (strstr (tasks, "\"completed_by\":{\"username\":\"bilal\"}"));
  g_assert_null (strstr (tasks, "\"predictions\""));
  config = gloss_ui_test_read_file (config_file);
  g_assert_true (g_str_has_prefix (config, "<View>\n  <Labels name=\"label\" toName=\"text\">\n"));
  g_assert_nonnull (strstr (config, "<Text name=\"text\" value=\"$text\"/>"));

  gtk_switch_set_active (GTK_SWITCH (predictions), TRUE);
  predicted = export_to (dialog, predicted_file);
  g_assert_nonnull (strstr (predicted, "\"predictions\":[]"));

  /* The config alone is there: asked, and declined. */
  gloss_ui_test_write_file (out_folder, "guarded.label_config.xml", "<View>mine</View>\n", -1);
  gloss_export_dialog_set_destination (dialog, guarded_file);
  g_assert_true (gloss_export_dialog_run (dialog));
  WAIT_FOR (is_asking (dialog));
  g_assert_nonnull (gloss_ui_test_find_widget (GTK_WIDGET (dialog), is_visible_label_with_text,
                                               "Replace Files Beside “guarded.json”?"));
  list = dup_question_list (dialog);
  g_assert_cmpstr (list, ==, "guarded.label_config.xml");
  assert_question_keyboard (dialog, "_Replace");
  gloss_ui_test_screenshot (GTK_WIDGET (dialog), "export-dialog-label-studio-config.png", TIMEOUT_MS);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.keep", NULL));
  WAIT_FOR (gloss_export_dialog_get_finished (dialog));
  g_assert_cmpstr (gloss_export_dialog_get_result (dialog), ==, "Nothing was written.");
  mine = gloss_ui_test_read_file (guarded_config);
  g_assert_cmpstr (mine, ==, "<View>mine</View>\n");
  g_assert_false (g_file_query_exists (guarded_file, NULL));

  gloss_ui_test_destroy_window (GTK_WINDOW (dialog), TIMEOUT_MS);
}

/* INCEpTION: the format offered with its description, its one unit
 * (UTF-16) shown and not to be changed; the folder holds ARTICLE/
 * ANNOTATOR.json for every article and annotator, each a JSON CAS whose
 * spans count UTF-16 code units. */
/* WebAnno TSV: offered with its description, its one unit (UTF-16) shown
 * and not to be changed; the folder holds ARTICLE.ANNOTATOR.tsv for every
 * article and annotator, each a WebAnno TSV 3.3 file. */
static void
test_export_webanno_tsv (void)
{
  g_autoptr(GFile) out_folder = make_folder ("out-webanno-tsv");
  g_autoptr(GFile) output = g_file_get_child (out_folder, "tsv");
  g_autofree char *problems = NULL;
  GlossExportDialog *dialog = open_export_dialog (samples, "alice");
  GtkWidget *format, *offsets;
  const char *names[] = {
    "harbour-bridge-vote.alice.tsv", "harbour-bridge-vote.bilal.tsv",
    "kyiv-grain-talks.alice.tsv", "kyiv-grain-talks.bilal.tsv",
    "river-flood-report.alice.tsv", "river-flood-report.bilal.tsv",
  };

  format = gloss_ui_test_find_labelled (GTK_WIDGET (dialog), "_Format");
  offsets = gloss_ui_test_find_labelled (GTK_WIDGET (dialog), "_Offsets");
  select_dropdown_row (format, "WebAnno TSV 3.3 (INCEpTION)");
  gloss_ui_test_wait_for_frame (GTK_WIDGET (dialog), TIMEOUT_MS);
  g_assert_nonnull (gloss_ui_test_find_widget (GTK_WIDGET (dialog), is_visible_label_with_text,
                                               "WebAnno TSV 3.3 for INCEpTION: a folder with a .tsv per article and "
                                               "annotator, spans, relations and notes on Gloss’s tokens. Attributes are lost."));
  g_assert_nonnull (gloss_ui_test_find_widget (GTK_WIDGET (dialog), is_visible_label_with_text,
                                               "WebAnno TSV counts UTF-16 code units, as its specification requires."));
  g_assert_false (gtk_widget_get_sensitive (offsets));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (offsets))), ==, 1);
  g_assert_cmpstr (dropdown_selected_text (offsets), ==, "UTF-16 code units (JavaScript, Java, doccano)");
  gloss_ui_test_screenshot (GTK_WIDGET (dialog), "export-dialog-webanno-tsv.png", TIMEOUT_MS);

  gloss_export_dialog_set_destination (dialog, output);
  g_assert_true (gloss_export_dialog_run (dialog));
  WAIT_FOR (gloss_export_dialog_get_finished (dialog));
  g_assert_nonnull (gloss_ui_test_find_widget (GTK_WIDGET (dialog), is_visible_label_with_text,
                                               "Export Complete"));
  problems = gloss_export_dialog_dup_problems (dialog);
  g_assert_cmpstr (problems, ==, "");

  g_assert_cmpuint (count_children (output), ==, G_N_ELEMENTS (names));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GFile) file = g_file_get_child (output, names[i]);
      g_autofree char *contents = gloss_ui_test_read_file (file);

      g_assert_true (g_str_has_prefix (contents, "#FORMAT=WebAnno TSV 3.3\n#T_SP=custom.Span|label|id|note\n"));
      g_assert_nonnull (strstr (contents, "\n#Text="));
    }

  gloss_ui_test_destroy_window (GTK_WINDOW (dialog), TIMEOUT_MS);
}

static void
test_export_uima_json (void)
{
  g_autoptr(GFile) out_folder = make_folder ("out-uima-json");
  g_autoptr(GFile) output = g_file_get_child (out_folder, "cas");
  g_autofree char *problems = NULL;
  GlossExportDialog *dialog = open_export_dialog (samples, "alice");
  GtkWidget *format, *offsets;
  const char *articles[] = { "harbour-bridge-vote.txt", "kyiv-grain-talks.txt", "river-flood-report.txt" };
  const char *annotators[] = { "alice", "bilal" };

  format = gloss_ui_test_find_labelled (GTK_WIDGET (dialog), "_Format");
  offsets = gloss_ui_test_find_labelled (GTK_WIDGET (dialog), "_Offsets");
  select_dropdown_row (format, "INCEpTION (UIMA CAS JSON)");
  gloss_ui_test_wait_for_frame (GTK_WIDGET (dialog), TIMEOUT_MS);
  g_assert_nonnull (gloss_ui_test_find_widget (GTK_WIDGET (dialog), is_visible_label_with_text,
                                               "INCEpTION’s UIMA CAS JSON: a folder with ARTICLE/ANNOTATOR.json, spans, "
                                               "relations, notes and attributes included."));
  g_assert_nonnull (gloss_ui_test_find_widget (GTK_WIDGET (dialog), is_visible_label_with_text,
                                               "UIMA and INCEpTION count UTF-16 code units, as Java strings do."));
  g_assert_false (gtk_widget_get_sensitive (offsets));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (offsets))), ==, 1);
  g_assert_cmpstr (dropdown_selected_text (offsets), ==, "UTF-16 code units (JavaScript, Java, doccano)");

  gloss_export_dialog_set_destination (dialog, output);
  g_assert_true (gloss_export_dialog_run (dialog));
  WAIT_FOR (gloss_export_dialog_get_finished (dialog));
  g_assert_nonnull (gloss_ui_test_find_widget (GTK_WIDGET (dialog), is_visible_label_with_text,
                                               "Export Complete"));
  problems = gloss_export_dialog_dup_problems (dialog);
  g_assert_cmpstr (problems, ==, "");

  g_assert_cmpuint (count_children (output), ==, G_N_ELEMENTS (articles));
  for (guint i = 0; i < G_N_ELEMENTS (articles); i++)
    for (guint j = 0; j < G_N_ELEMENTS (annotators); j++)
      {
        g_autofree char *name = g_strconcat (annotators[j], ".json", NULL);
        g_autoptr(GFile) folder = g_file_get_child (output, articles[i]);
        g_autoptr(GFile) file = g_file_get_child (folder, name);
        g_autofree char *contents = gloss_ui_test_read_file (file);

        g_assert_true (g_str_has_prefix (contents, "{\n  \"%TYPES\" : {"));
        g_assert_nonnull (strstr (contents, "\"%TYPE\" : \"custom.Span\""));
        g_assert_nonnull (strstr (contents, "\"_InitialView\" : { \"%SOFA\" : 1"));
      }

  gloss_ui_test_destroy_window (GTK_WINDOW (dialog), TIMEOUT_MS);
}

/* Three annotators (alice, bilal and the adjudicated gold): every one is
 * shown in the list, none hidden below the others in a list that the
 * window, sized before the scan, kept two rows high. */
static void
test_export_every_annotator_shown (void)
{
  g_autoptr(GFile) folder = make_folder ("three-annotators");
  GlossExportDialog *dialog;
  GtkWidget *scroll;
  const char *ids[] = { "alice (you)", "bilal", "gold" };

  for (guint i = 0; i < G_N_ELEMENTS (sample_names); i++)
    gloss_ui_test_copy_sample (sample_names[i], g_file_peek_path (folder));
  {
    g_autoptr(GFile) alice = g_file_get_child (folder, "kyiv-grain-talks.txt.alice.gloss.json");
    g_autoptr(GFile) gold = g_file_get_child (folder, "kyiv-grain-talks.txt.gold.gloss.json");

    g_assert_true (g_file_copy (alice, gold, G_FILE_COPY_NONE, NULL, NULL, NULL, NULL));
  }

  dialog = open_export_dialog (folder, "alice");
  gloss_ui_test_wait_for_frame (GTK_WIDGET (dialog), TIMEOUT_MS);

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      GtkWidget *check = gloss_ui_test_find_widget (GTK_WIDGET (dialog), is_check_with_label, ids[i]);
      graphene_rect_t bounds;

      g_assert_nonnull (check);
      scroll = gtk_widget_get_ancestor (check, GTK_TYPE_SCROLLED_WINDOW);
      g_assert_true (gtk_widget_compute_bounds (check, scroll, &bounds));
      /* Inside what the list shows, without scrolling. */
      g_assert_cmpfloat (bounds.origin.y, >=, 0);
      g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (scroll) + 0.5);
    }

  gloss_ui_test_destroy_window (GTK_WINDOW (dialog), TIMEOUT_MS);
}

static void
test_export_choices (void)
{
  g_autoptr(GFile) out_folder = make_folder ("out-choices");
  g_autoptr(GFile) output = g_file_get_child (out_folder, "samples.jsonl");
  g_autoptr(GFile) as_csv = g_file_get_child (out_folder, "samples.csv");
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GlossExportDialog *dialog = open_export_dialog (samples, "alice");
  GtkWidget *offsets = gloss_ui_test_find_labelled (GTK_WIDGET (dialog), "_Offsets");

  gloss_export_dialog_set_destination (dialog, output);

  /* A file name follows the format's extension. */
  gloss_export_dialog_set_format (dialog, GLOSS_FORMAT_CSV);
  g_assert_true (g_file_equal (gloss_export_dialog_get_destination (dialog), as_csv));

  /* CoNLL counts code points only. */
  gloss_export_dialog_set_offsets (dialog, GLOSS_OFFSETS_UTF16);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (offsets)), ==, GLOSS_OFFSETS_UTF16);
  gloss_export_dialog_set_format (dialog, GLOSS_FORMAT_CONLL);
  g_assert_false (gtk_widget_get_sensitive (offsets));
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (offsets)), ==,
                    GLOSS_OFFSETS_CODE_POINTS);
  g_assert_nonnull (gloss_ui_test_find_widget (GTK_WIDGET (dialog), is_visible_label_with_text,
                                 "CoNLL always counts code points."));
  gloss_ui_test_screenshot (GTK_WIDGET (dialog), "export-dialog-conll.png", TIMEOUT_MS);

  /* doccano starts from UTF-16, what its viewer counts. */
  gloss_export_dialog_set_format (dialog, GLOSS_FORMAT_DOCCANO);
  g_assert_true (gtk_widget_get_sensitive (offsets));
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (offsets)), ==, GLOSS_OFFSETS_UTF16);

  /* brat writes a folder: the file chosen no longer fits. It starts from
   * code points and offers UTF-16 too, never bytes. */
  gloss_export_dialog_set_format (dialog, GLOSS_FORMAT_BRAT);
  g_assert_null (gloss_export_dialog_get_destination (dialog));
  g_assert_false (gloss_export_dialog_run (dialog));
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (offsets)), ==, GLOSS_OFFSETS_CODE_POINTS);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (offsets))), ==, 2);
  gloss_export_dialog_set_offsets (dialog, GLOSS_OFFSETS_BYTES);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (offsets)), ==, GLOSS_OFFSETS_CODE_POINTS);

  /* Only alice, only people. */
  gloss_export_dialog_set_format (dialog, GLOSS_FORMAT_JSONL);
  gloss_export_dialog_set_destination (dialog, output);
  g_assert_true (gloss_export_dialog_set_annotator_chosen (dialog, "bilal", FALSE));
  g_assert_false (gloss_export_dialog_set_annotator_chosen (dialog, "carol", TRUE));
  gloss_export_dialog_set_labels (dialog, " person , ");

  /* Nobody chosen: nothing to run. */
  gloss_export_dialog_set_annotator_chosen (dialog, "alice", FALSE);
  g_assert_false (gloss_export_dialog_run (dialog));
  gloss_export_dialog_set_annotator_chosen (dialog, "alice", TRUE);

  g_assert_true (gloss_export_dialog_run (dialog));
  WAIT_FOR (gloss_export_dialog_get_finished (dialog));

  contents = gloss_ui_test_read_file (output);
  lines = g_strsplit (contents, "\n", -1);
  g_assert_cmpuint (count_lines (contents), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_nonnull (strstr (lines[i], "\"annotator\":\"alice\""));
      g_assert_nonnull (strstr (lines[i], "\"label\":\"person\""));
      g_assert_null (strstr (lines[i], "\"label\":\"quote\""));
    }

  /* Back to the choices, for a format that loses relations and notes: the
   * summary counts them. */
  g_signal_emit_by_name (gloss_ui_test_find_widget (GTK_WIDGET (dialog), gloss_ui_test_is_button_with_label, "_Back"), "clicked");
  g_assert_false (gloss_export_dialog_get_finished (dialog));
  gloss_export_dialog_set_labels (dialog, NULL);
  gloss_export_dialog_set_format (dialog, GLOSS_FORMAT_DOCCANO);
  g_assert_true (gloss_export_dialog_run (dialog));
  /* The first export's file is there now: asked before it is replaced. */
  WAIT_FOR (is_asking (dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.replace", NULL));
  WAIT_FOR (gloss_export_dialog_get_finished (dialog));
  g_assert_nonnull (strstr (gloss_export_dialog_get_result (dialog), "; not representable: "));
  g_assert_nonnull (gloss_ui_test_find_widget (GTK_WIDGET (dialog), is_visible_label_with_text, "Export Complete"));

  gloss_ui_test_destroy_window (GTK_WINDOW (dialog), TIMEOUT_MS);
}

/* CoNLL's layout and tag column, chosen through the dialog's own widgets,
 * shown for CoNLL only, and written as chosen: files nltk's
 * ConllCorpusReader and spaCy's ner converter read as they are. */
static void
test_export_conll_variants (void)
{
  g_autoptr(GFile) out_folder = make_folder ("out-conll-variants");
  g_autoptr(GFile) full_file = g_file_get_child (out_folder, "full.conll");
  g_autoptr(GFile) nltk_file = g_file_get_child (out_folder, "nltk.conll");
  g_autoptr(GFile) nltk_all_file = g_file_get_child (out_folder, "nltk-all.conll");
  g_autoptr(GFile) spacy_file = g_file_get_child (out_folder, "spacy.conll");
  g_autofree char *full = NULL;
  g_autofree char *nltk = NULL;
  g_autofree char *nltk_all = NULL;
  g_autofree char *spacy = NULL;
  g_autofree char *rows = NULL;
  GlossExportDialog *dialog = open_export_dialog (samples, "alice");
  GtkWidget *layout, *tags;

  /* Not for JSON Lines (nor any format but CoNLL). */
  layout = assert_format_row (dialog, "La_yout", FALSE);
  tags = assert_format_row (dialog, "_Tag column", FALSE);
  g_assert_true (GTK_IS_DROP_DOWN (layout));
  g_assert_true (GTK_IS_DROP_DOWN (tags));
  for (GlossFormat f = GLOSS_FORMAT_JSONL; f <= GLOSS_FORMAT_CSV; f++)
    {
      if (f == GLOSS_FORMAT_CONLL)
        continue;
      gloss_export_dialog_set_format (dialog, f);
      assert_format_row (dialog, "La_yout", FALSE);
      assert_format_row (dialog, "_Tag column", FALSE);
    }

  gloss_export_dialog_set_format (dialog, GLOSS_FORMAT_CONLL);
  gloss_ui_test_wait_for_frame (GTK_WIDGET (dialog), TIMEOUT_MS);
  assert_format_row (dialog, "La_yout", TRUE);
  assert_format_row (dialog, "_Tag column", TRUE);
  assert_format_row (dialog, "_Relations", FALSE);
  rows = dup_dropdown_rows (layout);
  g_assert_cmpstr (rows, ==,
                   "Full (all tag columns, comments)|nltk ConllCorpusReader|spaCy NER converter");
  g_clear_pointer (&rows, g_free);

  /* Full starts from every column, as gloss-cli does. */
  g_assert_cmpstr (dropdown_selected_text (layout), ==, "Full (all tag columns, comments)");
  g_assert_cmpstr (dropdown_selected_text (tags), ==, "All");
  gloss_ui_test_screenshot (GTK_WIDGET (dialog), "export-dialog-conll-layout.png", TIMEOUT_MS);
  full = export_to (dialog, full_file);
  g_assert_true (g_str_has_prefix (full, "# "));
  g_assert_nonnull (strstr (full, "# doc: "));
  g_assert_cmpuint (assert_token_lines (full, "# ", 6), >, 0);

  /* nltk: no comment line, a -DOCSTART- row first; the entity column
   * unless another is chosen; All offered. */
  select_dropdown_row (layout, "nltk ConllCorpusReader");
  g_assert_cmpstr (dropdown_selected_text (tags), ==, "Entity");
  rows = dup_dropdown_rows (tags);
  g_assert_cmpstr (rows, ==, "Entity|Quote|Claim|All");
  g_clear_pointer (&rows, g_free);
  nltk = export_to (dialog, nltk_file);
  g_assert_true (g_str_has_prefix (nltk, "-DOCSTART-\t"));
  g_assert_false (g_str_has_prefix (nltk, "# "));
  g_assert_null (strstr (nltk, "\n# "));
  g_assert_cmpuint (assert_token_lines (nltk, "-DOCSTART-\t", 4), >, 0);
  g_assert_nonnull (strstr (nltk, "\tB-person\n"));
  g_assert_null (strstr (nltk, "B-quote"));
  g_assert_null (strstr (nltk, "B-claim"));

  select_dropdown_row (tags, "All");
  nltk_all = export_to (dialog, nltk_all_file);
  g_assert_true (g_str_has_prefix (nltk_all, "-DOCSTART-\t"));
  g_assert_null (strstr (nltk_all, "\n# "));
  g_assert_cmpuint (assert_token_lines (nltk_all, "-DOCSTART-\t", 6), >, 0);

  /* spaCy's converter: one tag column only, so All is not offered and a
   * choice of All falls back to the entity column. */
  select_dropdown_row (layout, "spaCy NER converter");
  rows = dup_dropdown_rows (tags);
  g_assert_cmpstr (rows, ==, "Entity|Quote|Claim");
  g_assert_cmpstr (dropdown_selected_text (tags), ==, "Entity");
  select_dropdown_row (tags, "Quote");
  spacy = export_to (dialog, spacy_file);
  g_assert_true (g_str_has_prefix (spacy, "-DOCSTART- -X- O O\n\n"));
  g_assert_null (strstr (spacy, "# "));
  g_assert_cmpuint (assert_token_lines (spacy, "-DOCSTART- -X- O O", 2), >, 0);
  g_assert_nonnull (strstr (spacy, "\tB-quote\n"));
  g_assert_null (strstr (spacy, "B-person"));

  /* A choice the new layout allows is kept: Quote for nltk too. */
  select_dropdown_row (layout, "nltk ConllCorpusReader");
  g_assert_cmpstr (dropdown_selected_text (tags), ==, "Quote");

  gloss_ui_test_destroy_window (GTK_WINDOW (dialog), TIMEOUT_MS);
}

/* A CheckButton reading @data (underscore included), shown. */
static gboolean
is_visible_check_with_label (GtkWidget     *widget,
                             gconstpointer  text)
{
  return GTK_IS_CHECK_BUTTON (widget)
         && g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)), text) == 0
         && gtk_widget_is_drawable (widget);
}

/* A folder with a label set of a choice attribute, and a claim of
 * alice's that has it. */
static GFile *
make_attribute_corpus (void)
{
  static const char labels[] =
    "{ \"format\": \"gloss-labels\", \"version\": 1,\n"
    "  \"labels\": [ { \"id\": \"claim\", \"kind\": \"claim\", \"color\": \"#e5a50a\" } ],\n"
    "  \"attributes\": [ { \"id\": \"verdict\", \"type\": \"choice\", \"applies_to\": [\"kind:claim\"],\n"
    "    \"values\": [ { \"id\": \"true\" }, { \"id\": \"false\" } ] } ] }\n";
  static const char text[] = "Exports rose 40% in May.\n";
  GFile *folder = make_folder ("attributes");
  g_autoptr(GFile) article = g_file_get_child (folder, "exports.txt");
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GlossSidecar) sidecar = NULL;
  g_autoptr(GError) error = NULL;
  GlossAnnotation *claim;

  gloss_ui_test_write_file (folder, "gloss-labels.json", labels, -1);
  gloss_ui_test_write_file (folder, "exports.txt", text, -1);
  document = gloss_document_new_from_file (article, NULL, &error);
  g_assert_no_error (error);
  sidecar = gloss_sidecar_new_for_document (document, "alice");
  claim = gloss_annotation_set_create (gloss_sidecar_get_annotations (sidecar), "claim", 0, 23, &error);
  g_assert_no_error (error);
  gloss_annotation_set_attribute (claim, "verdict", g_variant_new_string ("false"));
  g_assert_true (gloss_sidecar_save (sidecar, NULL, &error));
  g_assert_no_error (error);

  return folder;
}

/* CoNLL's attribute columns: a check button shown for CoNLL only, off by
 * default (the columns of before), reached by its mnemonic, not offered
 * for spaCy's one-column layout. */
static void
test_export_conll_attributes (void)
{
  g_autoptr(GFile) corpus = make_attribute_corpus ();
  g_autoptr(GFile) out_folder = make_folder ("out-conll-attributes");
  g_autoptr(GFile) off_file = g_file_get_child (out_folder, "off.conll");
  g_autoptr(GFile) on_file = g_file_get_child (out_folder, "on.conll");
  g_autoptr(GFile) spacy_file = g_file_get_child (out_folder, "spacy.conll");
  g_autofree char *off = NULL;
  g_autofree char *on = NULL;
  g_autofree char *spacy = NULL;
  GlossExportDialog *dialog = open_export_dialog (corpus, "alice");
  GtkWidget *check, *layout;

  for (GlossFormat f = GLOSS_FORMAT_JSONL; f <= GLOSS_FORMAT_CSV; f++)
    {
      if (f == GLOSS_FORMAT_CONLL)
        continue;
      gloss_export_dialog_set_format (dialog, f);
      gloss_ui_test_wait_for_frame (GTK_WIDGET (dialog), TIMEOUT_MS);
      g_assert_null (gloss_ui_test_find_widget (GTK_WIDGET (dialog), is_visible_check_with_label,
                                                "Attri_bute columns"));
    }

  gloss_export_dialog_set_format (dialog, GLOSS_FORMAT_CONLL);
  gloss_ui_test_wait_for_frame (GTK_WIDGET (dialog), TIMEOUT_MS);
  check = gloss_ui_test_find_widget (GTK_WIDGET (dialog), is_visible_check_with_label,
                                     "Attri_bute columns");
  g_assert_nonnull (check);
  g_assert_true (gtk_check_button_get_use_underline (GTK_CHECK_BUTTON (check)));
  g_assert_true (gtk_widget_get_focusable (check) && gtk_widget_get_sensitive (check));
  g_assert_nonnull (gtk_widget_get_tooltip_text (check));

  /* Off by default: the tag columns of before. */
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  off = export_to (dialog, off_file);
  g_assert_true (g_str_has_prefix (off, "# columns: token start end entity quote claim\n"));
  g_assert_cmpuint (assert_token_lines (off, "# ", 6), >, 0);
  g_assert_null (strstr (off, "B-false"));

  /* Its mnemonic turns it on: a column for the verdict. */
  g_assert_true (gtk_widget_mnemonic_activate (check, FALSE));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  gloss_ui_test_screenshot (GTK_WIDGET (dialog), "export-dialog-conll-attributes.png", TIMEOUT_MS);
  on = export_to (dialog, on_file);
  g_assert_true (g_str_has_prefix (on, "# columns: token start end entity quote claim verdict\n"));
  g_assert_cmpuint (assert_token_lines (on, "# ", 7), >, 0);
  g_assert_nonnull (strstr (on, "\tB-claim\tB-false\n"));

  /* spaCy's layout has one tag column: not offered, and left on it does
   * not apply. */
  layout = assert_format_row (dialog, "La_yout", TRUE);
  select_dropdown_row (layout, "spaCy NER converter");
  g_assert_false (gtk_widget_get_sensitive (check));
  spacy = export_to (dialog, spacy_file);
  g_assert_true (g_str_has_prefix (spacy, "-DOCSTART- -X- O O\n\n"));
  g_assert_null (strstr (spacy, "B-false"));
  select_dropdown_row (layout, "Full (all tag columns, comments)");
  g_assert_true (gtk_widget_get_sensitive (check));

  gloss_ui_test_destroy_window (GTK_WINDOW (dialog), TIMEOUT_MS);
}

/* doccano's relation shape, switched on through the dialog, shown for
 * doccano only. */
static void
test_export_doccano_relations (void)
{
  g_autoptr(GFile) out_folder = make_folder ("out-doccano-relations");
  g_autoptr(GFile) classic_file = g_file_get_child (out_folder, "classic.jsonl");
  g_autoptr(GFile) relations_file = g_file_get_child (out_folder, "relations.jsonl");
  g_autoptr(GFile) jsonl_file = g_file_get_child (out_folder, "gloss.jsonl");
  g_autofree char *classic = NULL;
  g_autofree char *relations = NULL;
  g_autofree char *jsonl = NULL;
  GlossExportDialog *dialog = open_export_dialog (samples, "alice");
  GtkWidget *relations_switch;

  relations_switch = assert_format_row (dialog, "_Relations", FALSE);
  g_assert_true (GTK_IS_SWITCH (relations_switch));
  for (GlossFormat f = GLOSS_FORMAT_JSONL; f <= GLOSS_FORMAT_CSV; f++)
    {
      if (f == GLOSS_FORMAT_DOCCANO)
        continue;
      gloss_export_dialog_set_format (dialog, f);
      assert_format_row (dialog, "_Relations", FALSE);
    }

  gloss_export_dialog_set_format (dialog, GLOSS_FORMAT_DOCCANO);
  gloss_ui_test_wait_for_frame (GTK_WIDGET (dialog), TIMEOUT_MS);
  assert_format_row (dialog, "_Relations", TRUE);
  assert_format_row (dialog, "La_yout", FALSE);
  assert_format_row (dialog, "_Tag column", FALSE);
  g_assert_nonnull (gloss_ui_test_find_widget (GTK_WIDGET (dialog), is_visible_label_with_text,
                                               "doccano’s relation shape: entities and relations"));

  /* Off by default: the classic shape. */
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (relations_switch)));
  classic = export_to (dialog, classic_file);
  g_assert_nonnull (strstr (classic, "\"label\":[["));
  g_assert_null (strstr (classic, "\"entities\""));

  /* Its mnemonic reaches the switch and turns it on. */
  g_assert_true (gtk_widget_mnemonic_activate (relations_switch, FALSE));
  /* The switch may animate before it is on. */
  WAIT_FOR (gtk_switch_get_active (GTK_SWITCH (relations_switch)));
  gloss_ui_test_screenshot (GTK_WIDGET (dialog), "export-dialog-doccano.png", TIMEOUT_MS);
  relations = export_to (dialog, relations_file);
  g_assert_nonnull (strstr (relations, "\"entities\":[{\"id\":1,"));
  g_assert_nonnull (strstr (relations, "\"relations\":[{\"id\":1,\"from_id\":"));
  g_assert_nonnull (strstr (relations, "\"type\":\"speaker\""));
  g_assert_null (strstr (relations, "\"label\":[["));

  /* Left on, it does not apply to another format. */
  gloss_export_dialog_set_format (dialog, GLOSS_FORMAT_JSONL);
  assert_format_row (dialog, "_Relations", FALSE);
  jsonl = export_to (dialog, jsonl_file);
  g_assert_cmpuint (count_lines (jsonl), ==, 6);
  g_assert_null (strstr (jsonl, "\"from_id\""));

  gloss_ui_test_destroy_window (GTK_WINDOW (dialog), TIMEOUT_MS);
}

static void
test_export_brat_folder (void)
{
  g_autoptr(GFile) out_folder = make_folder ("out-brat");
  g_autoptr(GFile) output = g_file_get_child (out_folder, "samples-brat");
  GlossExportDialog *dialog = open_export_dialog (samples, NULL);

  gloss_export_dialog_set_format (dialog, GLOSS_FORMAT_BRAT);
  gloss_export_dialog_set_destination (dialog, output);
  g_assert_true (gloss_export_dialog_run (dialog));
  WAIT_FOR (gloss_export_dialog_get_finished (dialog));

  g_assert_true (g_str_has_prefix (gloss_export_dialog_get_result (dialog), "3 articles, 6 records"));
  g_assert_cmpuint (g_file_query_file_type (output, G_FILE_QUERY_INFO_NONE, NULL), ==,
                    G_FILE_TYPE_DIRECTORY);
  /* 6 records, a .txt and an .ann each, and annotation.conf */
  g_assert_cmpuint (count_children (output), >=, 12);

  gloss_ui_test_destroy_window (GTK_WINDOW (dialog), TIMEOUT_MS);
}

static void
test_export_error (void)
{
  /* The corpus folder itself cannot be the output. */
  GlossExportDialog *dialog = open_export_dialog (samples, "alice");

  gloss_export_dialog_set_format (dialog, GLOSS_FORMAT_BRAT);
  gloss_export_dialog_set_destination (dialog, samples);
  g_assert_true (gloss_export_dialog_run (dialog));
  WAIT_FOR (gloss_export_dialog_get_finished (dialog));

  g_assert_nonnull (gloss_ui_test_find_widget (GTK_WIDGET (dialog), is_visible_label_with_text, "Export Failed"));
  g_assert_nonnull (gloss_export_dialog_get_result (dialog));
  g_assert_cmpuint (count_children (samples), ==, G_N_ELEMENTS (sample_names));
  gloss_ui_test_screenshot (GTK_WIDGET (dialog), "export-dialog-error.png", TIMEOUT_MS);

  gloss_ui_test_destroy_window (GTK_WINDOW (dialog), TIMEOUT_MS);
}

static void
test_export_cancel (void)
{
  g_autoptr(GFile) out_folder = make_folder ("out-cancel");
  g_autoptr(GFile) output = g_file_get_child (out_folder, "big.jsonl");
  g_autofree char *contents = NULL;
  GlossExportDialog *dialog;
  GtkProgressBar *bar;

  gloss_ui_test_write_file (out_folder, "big.jsonl", "the old dataset\n", -1);

  dialog = open_export_dialog (synthetic, "alice");
  bar = find_progress_bar (GTK_WIDGET (dialog));
  gloss_export_dialog_set_destination (dialog, output);
  g_assert_true (gloss_export_dialog_run (dialog));

  /* Asked first, before any work, about the file that is there. */
  WAIT_FOR (is_asking (dialog));
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (bar), ==, 0.0);
  g_assert_nonnull (gloss_ui_test_find_widget (GTK_WIDGET (dialog), is_visible_label_with_text,
                                               "Replace “big.jsonl”?"));
  assert_question_keyboard (dialog, "_Replace");
  gloss_ui_test_screenshot (GTK_WIDGET (dialog), "export-dialog-replace-file.png", TIMEOUT_MS);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.replace", NULL));
  g_assert_cmpstr (visible_page (dialog), ==, "running");

  /* Under way, as the progress bar shows; then Cancel. */
  WAIT_FOR (gtk_progress_bar_get_fraction (bar) > 0.0);
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (bar), <, 1.0);
  g_assert_true (gloss_export_dialog_get_running (dialog));
  gloss_ui_test_screenshot (GTK_WIDGET (dialog), "export-dialog-running.png", TIMEOUT_MS);
  gloss_export_dialog_cancel (dialog);
  WAIT_FOR (gloss_export_dialog_get_finished (dialog));

  g_assert_cmpstr (gloss_export_dialog_get_result (dialog), ==, "Nothing was written.");
  g_assert_nonnull (gloss_ui_test_find_widget (GTK_WIDGET (dialog), is_visible_label_with_text, "Export Cancelled"));

  /* The old dataset as it was, and no temporary file left behind. */
  contents = gloss_ui_test_read_file (output);
  g_assert_cmpstr (contents, ==, "the old dataset\n");
  g_assert_cmpuint (count_children (out_folder), ==, 1);

  gloss_ui_test_destroy_window (GTK_WINDOW (dialog), TIMEOUT_MS);
}

static void
test_export_close_while_running (void)
{
  g_autoptr(GFile) out_folder = make_folder ("out-close");
  g_autoptr(GFile) output = g_file_get_child (out_folder, "big.jsonl");
  GlossExportDialog *dialog = open_export_dialog (synthetic, "alice");
  GtkWidget *alive = GTK_WIDGET (dialog);

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &alive);
  gloss_export_dialog_set_destination (dialog, output);
  g_assert_true (gloss_export_dialog_run (dialog));

  /* Closing stops the export first, then the window goes. */
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_nonnull (alive);
  WAIT_FOR (alive == NULL);

  g_assert_false (g_file_query_exists (output, NULL));
  g_assert_cmpuint (count_children (out_folder), ==, 0);
}

/* A file that is there: declined, it stays; the chooser's own "Replace?"
 * is not asked again (tested through the model's answer: see the cancel
 * test for the question itself). */
static void
test_export_existing_file_declined (void)
{
  g_autoptr(GFile) out_folder = make_folder ("out-file-declined");
  g_autoptr(GFile) output = g_file_get_child (out_folder, "mine.jsonl");
  g_autofree char *contents = NULL;
  GlossExportDialog *dialog;

  gloss_ui_test_write_file (out_folder, "mine.jsonl", "my own file\n", -1);
  dialog = open_export_dialog (samples, "alice");
  gloss_export_dialog_set_destination (dialog, output);
  g_assert_true (gloss_export_dialog_run (dialog));
  WAIT_FOR (is_asking (dialog));
  contents = dup_question_list (dialog);
  g_assert_cmpstr (contents, ==, "");
  g_clear_pointer (&contents, g_free);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.keep", NULL));
  WAIT_FOR (gloss_export_dialog_get_finished (dialog));
  g_assert_nonnull (gloss_ui_test_find_widget (GTK_WIDGET (dialog), is_visible_label_with_text, "Export Cancelled"));
  g_assert_cmpstr (gloss_export_dialog_get_result (dialog), ==, "Nothing was written.");

  contents = gloss_ui_test_read_file (output);
  g_assert_cmpstr (contents, ==, "my own file\n");
  g_assert_cmpuint (count_children (out_folder), ==, 1);

  gloss_ui_test_destroy_window (GTK_WINDOW (dialog), TIMEOUT_MS);
}

/* brat into a folder of the person's own articles: the dialog names the
 * files the export would replace and waits; Cancel leaves all as it was,
 * Replace replaces those and nothing else. */
static void
test_export_existing_folder (void)
{
  g_autoptr(GFile) mine = make_folder ("mine");
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autofree char *list = NULL;
  GlossExportDialog *dialog;

  gloss_ui_test_write_file (mine, "kyiv-grain-talks.alice.txt", "My own article.\n", -1);
  gloss_ui_test_write_file (mine, "annotation.conf", "# mine\n", -1);
  gloss_ui_test_write_file (mine, "my-article.txt", "Another of mine.\n", -1);
  gloss_ui_test_write_file (mine, "my-article.ann", "T1\tThing 0 7\tAnother\n", -1);
  gloss_ui_test_write_file (mine, "visual.conf", "[labels]\n", -1);
  before = snapshot_folder (mine);

  dialog = open_export_dialog (samples, NULL);
  gloss_export_dialog_set_format (dialog, GLOSS_FORMAT_BRAT);
  gloss_export_dialog_set_destination (dialog, mine);
  g_assert_true (gloss_export_dialog_run (dialog));

  WAIT_FOR (is_asking (dialog));
  g_assert_true (gloss_export_dialog_get_running (dialog));
  g_assert_nonnull (gloss_ui_test_find_widget (GTK_WIDGET (dialog), is_visible_label_with_text,
                                               "Replace Files in “mine”?"));
  g_assert_nonnull (gloss_ui_test_find_widget (GTK_WIDGET (dialog), is_visible_label_with_text,
                                               "The folder already holds 2 files of names the export writes: "
                                               "they would be replaced by the export’s. "
                                               "The 3 other items in the folder are left as they are."));
  list = dup_question_list (dialog);
  g_assert_cmpstr (list, ==, "annotation.conf\nkyiv-grain-talks.alice.txt");
  assert_question_keyboard (dialog, "_Replace");
  gloss_ui_test_screenshot (GTK_WIDGET (dialog), "export-dialog-replace-folder.png", TIMEOUT_MS);
  /* Nothing is touched while the person reads. */
  assert_folder_kept (before, mine, NULL);

  /* Cancel: everything as it was. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.keep", NULL));
  WAIT_FOR (gloss_export_dialog_get_finished (dialog));
  g_assert_nonnull (gloss_ui_test_find_widget (GTK_WIDGET (dialog), is_visible_label_with_text, "Export Cancelled"));
  after = snapshot_folder (mine);
  g_assert_cmpuint (g_hash_table_size (after), ==, g_hash_table_size (before));
  assert_folder_kept (before, mine, NULL);
  g_clear_pointer (&after, g_hash_table_unref);

  /* Again, and Replace: the two are the export's, the rest kept, the
   * export's files beside them, and the result says how many. */
  g_signal_emit_by_name (gloss_ui_test_find_widget (GTK_WIDGET (dialog), gloss_ui_test_is_button_with_label, "_Back"), "clicked");
  g_assert_true (gloss_export_dialog_run (dialog));
  WAIT_FOR (is_asking (dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.replace", NULL));
  WAIT_FOR (gloss_export_dialog_get_finished (dialog));
  g_assert_nonnull (gloss_ui_test_find_widget (GTK_WIDGET (dialog), is_visible_label_with_text, "Export Complete"));
  g_assert_true (g_str_has_suffix (gloss_export_dialog_get_result (dialog), "; 2 existing files replaced"));
  assert_folder_kept (before, mine, "annotation.conf kyiv-grain-talks.alice.txt");
  after = snapshot_folder (mine);
  g_assert_cmpuint (g_hash_table_size (after), ==, 5 + 13 - 2);

  gloss_ui_test_destroy_window (GTK_WINDOW (dialog), TIMEOUT_MS);
}

/* Closing the window while the question is shown: nothing replaced, and
 * the window goes. */
static void
test_export_close_while_asking (void)
{
  g_autoptr(GFile) mine = make_folder ("mine-close");
  g_autoptr(GFile) conf = g_file_get_child (mine, "annotation.conf");
  g_autofree char *contents = NULL;
  GlossExportDialog *dialog = open_export_dialog (samples, NULL);
  GtkWidget *alive = GTK_WIDGET (dialog);

  gloss_ui_test_write_file (mine, "annotation.conf", "# mine\n", -1);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &alive);
  gloss_export_dialog_set_format (dialog, GLOSS_FORMAT_BRAT);
  gloss_export_dialog_set_destination (dialog, mine);
  g_assert_true (gloss_export_dialog_run (dialog));
  WAIT_FOR (is_asking (dialog));

  gtk_window_close (GTK_WINDOW (dialog));
  WAIT_FOR (alive == NULL);

  contents = gloss_ui_test_read_file (conf);
  g_assert_cmpstr (contents, ==, "# mine\n");
  g_assert_cmpuint (count_children (mine), ==, 1);
}

static void
test_export_nothing_open (void)
{
  GlossExportDialog *dialog = GLOSS_EXPORT_DIALOG (gloss_export_dialog_new (NULL, NULL, "alice"));
  g_autoptr(GFile) output = g_file_new_for_path ("/nonexistent/out.jsonl");

  gloss_ui_test_present_and_wait (GTK_WINDOW (dialog), TIMEOUT_MS);
  g_assert_false (gloss_export_dialog_get_scanning (dialog));
  gloss_export_dialog_set_destination (dialog, output);
  g_assert_false (gloss_export_dialog_run (dialog));

  gloss_ui_test_destroy_window (GTK_WINDOW (dialog), TIMEOUT_MS);
}

/* Import */

static void
on_imported (GlossImportDialog *dialog,
             GFile             *folder,
             GFile            **imported)
{
  g_set_object (imported, folder);
}

static void
test_import_brat (void)
{
  g_autoptr(GFile) brat = make_folder ("brat-in");
  g_autoptr(GFile) ann = g_file_get_child (brat, "kovalenko.ann");
  g_autoptr(GFile) output = make_folder ("imported");
  g_autoptr(GFile) article = g_file_get_child (output, "kovalenko.txt");
  g_autoptr(GFile) sidecar = g_file_get_child (output, "kovalenko.txt.alice.gloss.json");
  g_autoptr(GFile) imported = NULL;
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GlossSidecar) loaded = NULL;
  g_autoptr(GError) error = NULL;
  GlossImportDialog *dialog;
  GtkWidget *root;

  gloss_ui_test_write_file (brat, "kovalenko.txt", "“We will not leave,” said Olena Kovalenko.\n", -1);
  gloss_ui_test_write_file (brat, "kovalenko.ann",
              "T1\tquote 0 20\t“We will not leave,”\n"
              "T2\tperson 26 41\tOlena Kovalenko\n"
              "R1\tspeaker Arg1:T1 Arg2:T2\n"
              "#1\tAnnotatorNotes T1\tsaid at the port\n", -1);

  dialog = GLOSS_IMPORT_DIALOG (gloss_import_dialog_new (NULL, samples, "alice"));
  root = GTK_WIDGET (dialog);
  g_signal_connect (dialog, "imported", G_CALLBACK (on_imported), &imported);

  /* The output starts as the corpus folder. */
  g_assert_true (g_file_equal (gloss_import_dialog_get_output_folder (dialog), samples));
  g_assert_true (GTK_IS_DROP_DOWN (gloss_ui_test_find_labelled (root, "_Format")));
  g_assert_true (GTK_IS_BUTTON (gloss_ui_test_find_labelled (root, "_Read from")));
  g_assert_true (GTK_IS_BUTTON (gloss_ui_test_find_labelled (root, "_Write to")));
  g_assert_true (GTK_IS_ENTRY (gloss_ui_test_find_labelled (root, "_Annotator ID")));

  gloss_import_dialog_set_format (dialog, GLOSS_FORMAT_BRAT);
  gloss_import_dialog_set_input (dialog, ann);
  gloss_import_dialog_set_output_folder (dialog, output);

  /* An invalid annotator id stops it. */
  gloss_import_dialog_set_annotator_id (dialog, "Not Valid");
  g_assert_false (gloss_import_dialog_run (dialog));
  gloss_ui_test_screenshot (root, "import-dialog-invalid-id.png", TIMEOUT_MS);
  gloss_import_dialog_set_annotator_id (dialog, "alice");

  gloss_ui_test_screenshot (root, "import-dialog.png", TIMEOUT_MS);

  g_assert_true (gloss_import_dialog_run (dialog));
  WAIT_FOR (gloss_import_dialog_get_finished (dialog));

  g_assert_true (g_str_has_prefix (gloss_import_dialog_get_result (dialog),
                                   "1 article, 1 sidecar, 2 spans, 1 relation, 1 note"));
  g_assert_nonnull (gloss_ui_test_find_widget (root, is_visible_label_with_text, "Import Complete"));
  g_assert_nonnull (imported);
  g_assert_true (g_file_equal (imported, output));

  /* The sidecar is there and loads. */
  g_assert_true (g_file_query_exists (sidecar, NULL));
  document = gloss_document_new_from_file (article, NULL, &error);
  g_assert_no_error (error);
  loaded = gloss_sidecar_new_for_document (document, "alice");
  g_assert_true (gloss_sidecar_load (loaded, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gloss_sidecar_get_annotations (loaded))), ==, 2);

  gloss_ui_test_screenshot (root, "import-dialog-done.png", TIMEOUT_MS);

  /* Again: the sidecar exists and is never overwritten. */
  g_signal_emit_by_name (gloss_ui_test_find_widget (root, gloss_ui_test_is_button_with_label, "_Back"), "clicked");
  g_assert_false (gloss_import_dialog_get_finished (dialog));
  /* Back, Import is not left greyed out from the run that ended. */
  g_assert_true (gtk_widget_get_sensitive (gloss_ui_test_find_widget (root, is_visible_button_with_label, "_Import")));
  g_assert_true (gloss_import_dialog_run (dialog));
  WAIT_FOR (gloss_import_dialog_get_finished (dialog));
  {
    g_autofree char *problems = gloss_import_dialog_dup_problems (dialog);

    g_assert_nonnull (strstr (problems, "already exists; not overwritten"));
    g_assert_nonnull (gloss_ui_test_find_widget (root, is_visible_label_with_text, "Imported with Problems"));
    gloss_ui_test_screenshot (root, "import-dialog-problems.png", TIMEOUT_MS);
  }

  gloss_ui_test_destroy_window (GTK_WINDOW (dialog), TIMEOUT_MS);
}

/* Label Studio: offered, its own wording of "keep the annotator"; kept,
 * each annotation becomes its annotator's sidecar, spans, relation and
 * note included. */
static void
test_import_label_studio (void)
{
  g_autoptr(GFile) input_folder = make_folder ("ls-in");
  g_autoptr(GFile) input = g_file_get_child (input_folder, "tasks.json");
  g_autoptr(GFile) output = make_folder ("ls-imported");
  g_autoptr(GFile) article = g_file_get_child (output, "port.txt");
  g_autoptr(GFile) alice_file = g_file_get_child (output, "port.txt.alice.gloss.json");
  g_autoptr(GFile) bilal_file = g_file_get_child (output, "port.txt.bilal.gloss.json");
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GlossSidecar) alice = NULL;
  g_autoptr(GError) error = NULL;
  GlossImportDialog *dialog;
  GtkWidget *root, *format, *keep;

  gloss_ui_test_write_file (input_folder, "tasks.json",
    "[{\"data\": {\"text\": \"“We stay,” said Olena 🇺🇦.\"}, \"meta\": {\"gloss_article\": \"port.txt\"},\n"
    "  \"annotations\": [\n"
    "   {\"completed_by\": {\"username\": \"alice\"}, \"result\": [\n"
    "     {\"id\": \"q\", \"from_name\": \"label\", \"to_name\": \"text\", \"type\": \"labels\",\n"
    "      \"value\": {\"start\": 0, \"end\": 10, \"text\": \"“We stay,”\", \"labels\": [\"quote\"]}},\n"
    "     {\"id\": \"o\", \"from_name\": \"label\", \"to_name\": \"text\", \"type\": \"labels\",\n"
    "      \"value\": {\"start\": 16, \"end\": 21, \"text\": \"Olena\", \"labels\": [\"person\"]}},\n"
    "     {\"id\": \"q\", \"from_name\": \"note\", \"to_name\": \"text\", \"type\": \"textarea\",\n"
    "      \"value\": {\"start\": 0, \"end\": 10, \"text\": [\"at the port\"]}},\n"
    "     {\"from_id\": \"q\", \"to_id\": \"o\", \"type\": \"relation\", \"direction\": \"right\", \"labels\": [\"speaker\"]}]},\n"
    "   {\"completed_by\": {\"username\": \"bilal\"}, \"result\": []}]}]\n", -1);

  dialog = GLOSS_IMPORT_DIALOG (gloss_import_dialog_new (NULL, samples, "carol"));
  root = GTK_WIDGET (dialog);
  format = gloss_ui_test_find_labelled (root, "_Format");
  select_dropdown_row (format, "Label Studio");
  gloss_ui_test_screenshot (root, "import-dialog-label-studio-format.png", TIMEOUT_MS);
  g_assert_nonnull (gloss_ui_test_find_widget (root, is_visible_label_with_text,
                                               "Label Studio’s JSON export (or Gloss’s): a task per article, each annotation a "
                                               "sidecar, with spans, relations and notes; predictions as suggestions."));
  keep = gloss_ui_test_find_widget (root, is_check_with_label,
                                    "_Keep the annotator each annotation names");
  g_assert_nonnull (keep);
  g_assert_true (gtk_widget_is_drawable (keep));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (keep), TRUE);
  gloss_import_dialog_set_input (dialog, input);
  gloss_import_dialog_set_output_folder (dialog, output);
  gloss_ui_test_screenshot (root, "import-dialog-label-studio.png", TIMEOUT_MS);

  g_assert_true (gloss_import_dialog_run (dialog));
  WAIT_FOR (gloss_import_dialog_get_finished (dialog));
  g_assert_true (g_str_has_prefix (gloss_import_dialog_get_result (dialog),
                                   "2 articles, 2 sidecars, 2 spans, 1 relation, 1 note"));
  g_assert_true (g_file_query_exists (bilal_file, NULL));
  document = gloss_document_new_from_file (article, NULL, &error);
  g_assert_no_error (error);
  alice = gloss_sidecar_new (alice_file, document);
  g_assert_true (gloss_sidecar_load (alice, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gloss_annotation_get_note (gloss_annotation_set_lookup (gloss_sidecar_get_annotations (alice), "q")),
                   ==, "at the port");

  gloss_ui_test_destroy_window (GTK_WINDOW (dialog), TIMEOUT_MS);
}

/* INCEpTION: a folder of CAS files, each file's annotator kept (the
 * check's label says "file" for this format), the one unit (UTF-16)
 * shown and not to be changed; the spans land at their UTF-16 places. */
static void
test_import_uima_json (void)
{
  g_autoptr(GFile) input = make_folder ("cas-in");
  g_autoptr(GFile) doc_folder = g_file_get_child (input, "doc.txt");
  g_autoptr(GFile) output = make_folder ("cas-imported");
  g_autoptr(GFile) article = g_file_get_child (output, "doc.txt");
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GlossSidecar) loaded = NULL;
  g_autoptr(GError) error = NULL;
  GlossImportDialog *dialog;
  GtkWidget *root, *keep, *offsets;
  GlossAnnotation *span;

  g_assert_true (g_file_make_directory (doc_folder, NULL, NULL));
  gloss_ui_test_write_file (doc_folder, "bob.json",
                            "{\"%TYPES\":{\"custom.Span\":{\"%NAME\":\"custom.Span\",\"%SUPER_TYPE\":\"uima.tcas.Annotation\","
                            "\"label\":{\"%NAME\":\"label\",\"%RANGE\":\"uima.cas.String\"}}},"
                            "\"%FEATURE_STRUCTURES\":["
                            "{\"%ID\":1,\"%TYPE\":\"uima.cas.Sofa\",\"sofaNum\":1,\"sofaID\":\"_InitialView\","
                            "\"sofaString\":\"\\ud83d\\ude00 Olena Kovalenko\\n\"},"
                            "{\"%ID\":2,\"%TYPE\":\"custom.Span\",\"@sofa\":1,\"begin\":3,\"end\":18,\"label\":\"person\"}],"
                            "\"%VIEWS\":{\"_InitialView\":{\"%SOFA\":1,\"%MEMBERS\":[2]}}}", -1);

  dialog = GLOSS_IMPORT_DIALOG (gloss_import_dialog_new (NULL, samples, "alice"));
  root = GTK_WIDGET (dialog);
  gloss_import_dialog_set_format (dialog, GLOSS_FORMAT_UIMA_JSON);
  offsets = gloss_ui_test_find_labelled (root, "_Offsets");
  g_assert_false (gtk_widget_get_sensitive (offsets));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (offsets))), ==, 1);
  keep = gloss_ui_test_find_widget (root, is_check_with_label, "_Keep the annotator each file names");
  g_assert_nonnull (keep);
  g_assert_true (gtk_widget_get_visible (keep));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (keep), TRUE);

  gloss_import_dialog_set_input (dialog, input);
  gloss_import_dialog_set_output_folder (dialog, output);
  g_assert_true (gloss_import_dialog_run (dialog));
  WAIT_FOR (gloss_import_dialog_get_finished (dialog));
  g_assert_true (g_str_has_prefix (gloss_import_dialog_get_result (dialog), "1 article, 1 sidecar, 1 span"));

  document = gloss_document_new_from_file (article, NULL, &error);
  g_assert_no_error (error);
  loaded = gloss_sidecar_new_for_document (document, "bob");
  g_assert_true (gloss_sidecar_load (loaded, NULL, NULL, &error));
  g_assert_no_error (error);
  span = g_list_model_get_item (G_LIST_MODEL (gloss_sidecar_get_annotations (loaded)), 0);
  g_assert_cmpstr (gloss_annotation_get_exact (span), ==, "Olena Kovalenko");
  g_object_unref (span);

  gloss_ui_test_destroy_window (GTK_WINDOW (dialog), TIMEOUT_MS);
}

static void
test_import_failure (void)
{
  g_autoptr(GFile) output = make_folder ("imported-none");
  g_autoptr(GFile) missing = g_file_get_child (output, "missing.jsonl");
  GlossImportDialog *dialog = GLOSS_IMPORT_DIALOG (gloss_import_dialog_new (NULL, NULL, "alice"));

  gloss_ui_test_present_and_wait (GTK_WINDOW (dialog), TIMEOUT_MS);
  g_assert_null (gloss_import_dialog_get_output_folder (dialog));

  /* Offsets start from what each format's writers count: doccano UTF-16,
   * brat code points (UTF-16 offered, for INCEpTION's files). */
  {
    GtkWidget *offsets = gloss_ui_test_find_labelled (GTK_WIDGET (dialog), "_Offsets");

    g_assert_true (GTK_IS_DROP_DOWN (offsets));
    gloss_import_dialog_set_format (dialog, GLOSS_FORMAT_BRAT);
    g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (offsets)), ==, GLOSS_OFFSETS_CODE_POINTS);
    g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (offsets))), ==, 2);
    gloss_import_dialog_set_format (dialog, GLOSS_FORMAT_DOCCANO);
    g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (offsets)), ==, GLOSS_OFFSETS_UTF16);
    g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (offsets))), ==, 3);
  }

  gloss_import_dialog_set_format (dialog, GLOSS_FORMAT_DOCCANO);
  gloss_import_dialog_set_input (dialog, missing);
  g_assert_false (gloss_import_dialog_run (dialog));   /* no output folder yet */
  gloss_import_dialog_set_output_folder (dialog, output);
  g_assert_true (gloss_import_dialog_run (dialog));
  WAIT_FOR (gloss_import_dialog_get_finished (dialog));

  g_assert_nonnull (gloss_ui_test_find_widget (GTK_WIDGET (dialog), is_visible_label_with_text, "Import Failed"));
  g_assert_nonnull (gloss_import_dialog_get_result (dialog));

  gloss_ui_test_destroy_window (GTK_WINDOW (dialog), TIMEOUT_MS);
}

/* The window's actions */

static gboolean
is_toplevel_of_type (GType type)
{
  return gloss_ui_test_find_toplevel (type) != NULL;
}

static guint
n_listed_articles (GlossWindow *window)
{
  GtkWidget *list = gloss_ui_test_find_of_type (GTK_WIDGET (window), GLOSS_TYPE_CORPUS_LIST);

  g_assert_nonnull (list);
  if (gloss_corpus_list_get_loading (GLOSS_CORPUS_LIST (list)))
    return 0;
  return gloss_corpus_list_get_n_articles (GLOSS_CORPUS_LIST (list));
}

static void
test_window_actions (void)
{
  g_autoptr(GFile) corpus = make_folder ("window-corpus");
  g_autoptr(GFile) brat = make_folder ("window-brat");
  g_autoptr(GFile) ann = g_file_get_child (brat, "new-article.ann");
  g_autoptr(GlossApplication) app = NULL;
  g_autoptr(GFile) source = NULL;
  g_autofree char *annotator_id = NULL;
  GlossWindow *window;
  GtkWindow *dialog;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GFile) from = g_file_get_child (samples, sample_names[i]);
      g_autoptr(GFile) to = g_file_get_child (corpus, sample_names[i]);

      gloss_ui_test_copy_file (g_file_peek_path (from), g_file_peek_path (to));
    }
  gloss_ui_test_write_file (brat, "new-article.txt", "Ships left Odesa at dawn.\n", -1);
  gloss_ui_test_write_file (brat, "new-article.ann", "T1\tlocation 11 16\tOdesa\n", -1);

  app = gloss_ui_test_application_new ("tester");

  window = gloss_window_new (app);
  gloss_ui_test_present_and_wait (GTK_WINDOW (window), TIMEOUT_MS);
  gloss_window_open (window, corpus);
  WAIT_FOR (n_listed_articles (window) == 1);

  /* Export… opens over the window, on the corpus folder, for "tester". */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  WAIT_FOR (is_toplevel_of_type (GLOSS_TYPE_EXPORT_DIALOG));
  dialog = gloss_ui_test_find_toplevel (GLOSS_TYPE_EXPORT_DIALOG);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (dialog));
  g_object_get (dialog, "source", &source, "annotator-id", &annotator_id, NULL);
  g_assert_true (g_file_equal (source, corpus));
  g_assert_cmpstr (annotator_id, ==, "tester");
  WAIT_FOR (!gloss_export_dialog_get_scanning (GLOSS_EXPORT_DIALOG (dialog)));
  gloss_ui_test_destroy_window (GTK_WINDOW (dialog), TIMEOUT_MS);

  /* Import… into the open corpus: its list shows the new article. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import", NULL));
  WAIT_FOR (is_toplevel_of_type (GLOSS_TYPE_IMPORT_DIALOG));
  dialog = gloss_ui_test_find_toplevel (GLOSS_TYPE_IMPORT_DIALOG);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  g_assert_true (g_file_equal (gloss_import_dialog_get_output_folder (GLOSS_IMPORT_DIALOG (dialog)),
                               corpus));
  gloss_import_dialog_set_format (GLOSS_IMPORT_DIALOG (dialog), GLOSS_FORMAT_BRAT);
  gloss_import_dialog_set_input (GLOSS_IMPORT_DIALOG (dialog), ann);
  g_assert_true (gloss_import_dialog_run (GLOSS_IMPORT_DIALOG (dialog)));
  WAIT_FOR (gloss_import_dialog_get_finished (GLOSS_IMPORT_DIALOG (dialog)));
  WAIT_FOR (n_listed_articles (window) == 2);
  {
    g_autoptr(GFile) sidecar = g_file_get_child (corpus, "new-article.txt.tester.gloss.json");

    g_assert_true (g_file_query_exists (sidecar, NULL));
  }
  gloss_ui_test_destroy_window (GTK_WINDOW (dialog), TIMEOUT_MS);

  gloss_ui_test_destroy_window (GTK_WINDOW (window), TIMEOUT_MS);
  gloss_ui_test_spin (50);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gloss_ui_test_init (&argc, &argv);
  if (!gloss_ui_test_init_gtk ())
    return 0;

  tmp_dir = gloss_ui_test_make_tmp_dir ("gloss-export-dialog-XXXXXX");
  copy_samples ();
  make_synthetic_corpus ();

  g_test_add_func ("/export-dialog/jsonl", test_export_jsonl);
  g_test_add_func ("/export-dialog/choices", test_export_choices);
  g_test_add_func ("/export-dialog/every-annotator-shown", test_export_every_annotator_shown);
  g_test_add_func ("/export-dialog/conll-variants", test_export_conll_variants);
  g_test_add_func ("/export-dialog/hf", test_export_hf);
  g_test_add_func ("/export-dialog/hf-tag-ids", test_export_hf_tag_ids);
  g_test_add_func ("/export-dialog/label-studio", test_export_label_studio);
  g_test_add_func ("/export-dialog/uima-json", test_export_uima_json);
  g_test_add_func ("/export-dialog/webanno-tsv", test_export_webanno_tsv);
  g_test_add_func ("/export-dialog/doccano-relations", test_export_doccano_relations);
  g_test_add_func ("/export-dialog/conll-attributes", test_export_conll_attributes);
  g_test_add_func ("/export-dialog/brat-folder", test_export_brat_folder);
  g_test_add_func ("/export-dialog/error", test_export_error);
  g_test_add_func ("/export-dialog/cancel", test_export_cancel);
  g_test_add_func ("/export-dialog/close-while-running", test_export_close_while_running);
  g_test_add_func ("/export-dialog/existing-file-declined", test_export_existing_file_declined);
  g_test_add_func ("/export-dialog/existing-folder", test_export_existing_folder);
  g_test_add_func ("/export-dialog/close-while-asking", test_export_close_while_asking);
  g_test_add_func ("/export-dialog/nothing-open", test_export_nothing_open);
  g_test_add_func ("/import-dialog/brat", test_import_brat);
  g_test_add_func ("/import-dialog/label-studio", test_import_label_studio);
  g_test_add_func ("/import-dialog/uima-json", test_import_uima_json);
  g_test_add_func ("/import-dialog/failure", test_import_failure);
  g_test_add_func ("/window/export-import-actions", test_window_actions);

  status = g_test_run ();

  g_clear_object (&samples);
  g_clear_object (&synthetic);
  gloss_test_remove_tree (tmp_dir);
  g_free (tmp_dir);

  return status;
}
