/* gloss-import-dialog.c — Import…: brat, JSONL or doccano work as sidecars,
 * or another tool's predictions as suggestions
 *
 * The choices (ui/gloss-import-dialog.ui), then the GlossProgressPage that
 * Export… shows too: a running import, then its result. The import is the
 * model's gloss_import_async(); it counts articles but cannot know how
 * many there will be, so the bar pulses beside the count. With Import as
 * Suggestions on, it is gloss_import_suggestions_async() instead, which
 * writes each article's spans into the annotator's suggestions file
 * beside it, never a sidecar. It reads the predictions first (a count
 * beside the pulsing bar), then knows how many articles it merges, so the
 * bar fills as they are done.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "gloss-import.h"
#include "gloss-import-dialog-private.h"
#include "gloss-import-suggestions-async.h"
#include "gloss-progress-page.h"
#include "gloss-sidecar.h"
#include "gloss-suggestion-file.h"

#define PULSE_INTERVAL_MS 100
#define SUBTITLE_WIDTH_CHARS 40

/* The dropdown rows, in the template's order (it has their names). */
static const struct
{
  GlossFormat  format;
  const char  *description;
} formats[] = {
  {
    GLOSS_FORMAT_BRAT,
    N_("An .ann file with its .txt beside it, or a folder of them (searched in full). "
       "Spans, relations, notes and attributes are kept.")
  },
  {
    GLOSS_FORMAT_JSONL,
    N_("A Gloss JSONL export: one article a line, named by its “id”, with spans, relations "
       "and notes.")
  },
  {
    GLOSS_FORMAT_DOCCANO,
    N_("doccano’s JSONL: “text” and “label” [start, end, label] per line; the articles are "
       "named line-1, line-2…")
  },
  {
    GLOSS_FORMAT_LABEL_STUDIO,
    N_("Label Studio’s JSON export (or Gloss’s): a task per article, each annotation a "
       "sidecar, with spans, relations and notes; predictions as suggestions.")
  },
  {
    GLOSS_FORMAT_UIMA_JSON,
    N_("INCEpTION’s UIMA CAS JSON: a .json file in a folder named after its document, or a "
       "folder of them (an INCEpTION project export unpacked). Spans, relations, notes and "
       "attributes are kept.")
  },
};

/* In GlossOffsetUnit order, so a row is its unit. brat offers the first two. */
static const char * const offset_names[] = {
  [GLOSS_OFFSETS_CODE_POINTS] = N_("Code points (Python, spaCy, brat)"),
  [GLOSS_OFFSETS_UTF16] = N_("UTF-16 code units (JavaScript, doccano)"),
  [GLOSS_OFFSETS_BYTES] = N_("UTF-8 bytes (Rust, Go)"),
};

struct _GlossImportDialog
{
  GtkWindow             parent_instance;

  GFile                *source;
  char                 *annotator_id;
  GFile                *input;
  GFile                *output_folder;
  GlossFormat           format;
  GtkFileChooserNative *chooser;

  GFile                *import_output;  /* where the running or last import writes */
  char                 *import_annotator; /* whose suggestions it writes (NULL: sidecars) */
  GCancellable         *cancellable;    /* the running import's */
  guint                 pulse_id;
  char                 *result;

  /* choices */
  GtkWidget            *stack;
  GtkWidget            *intro_label;
  GtkWidget            *format_dropdown;
  GtkWidget            *format_description;
  GtkWidget            *offsets_dropdown;
  GtkWidget            *offsets_description;
  GtkWidget            *input_file_button;
  GtkWidget            *input_folder_button;
  GtkWidget            *input_path;
  GtkWidget            *output_button;
  GtkWidget            *output_label;
  GtkWidget            *output_path;
  GtkWidget            *id_entry;
  GtkWidget            *id_error;
  GtkWidget            *keep_check;
  GtkWidget            *suggestions_row;
  GtkWidget            *suggestions_switch;
  GtkWidget            *import_button;

  /* running, then the result */
  GtkWidget            *progress_page;

  guint                 running : 1;
  guint                 finished : 1;
  guint                 close_pending : 1;
};

G_DEFINE_FINAL_TYPE (GlossImportDialog, gloss_import_dialog, GTK_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SOURCE,
  PROP_ANNOTATOR_ID,
  PROP_RUNNING,
  PROP_FINISHED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Small helpers
 * ------------------------------------------------------------------------ */

static void
set_running (GlossImportDialog *self,
             gboolean           running)
{
  if (self->running == !!running)
    return;

  self->running = !!running;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
set_finished (GlossImportDialog *self,
              gboolean           finished)
{
  if (self->finished == !!finished)
    return;

  self->finished = !!finished;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINISHED]);
}

static char *
dup_display_name (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);

  return g_filename_display_name (name);
}

static guint
format_row (GlossFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i].format == format)
      return i;

  return GTK_INVALID_LIST_POSITION;
}

static gboolean
keeps_line_annotators (GlossImportDialog *self)
{
  return (self->format == GLOSS_FORMAT_JSONL || self->format == GLOSS_FORMAT_LABEL_STUDIO
          || self->format == GLOSS_FORMAT_UIMA_JSON)
         && gtk_check_button_get_active (GTK_CHECK_BUTTON (self->keep_check));
}

/* The formats gloss_import_suggestions() reads. */
static gboolean
format_takes_suggestions (GlossFormat format)
{
  return format == GLOSS_FORMAT_BRAT || format == GLOSS_FORMAT_JSONL
         || format == GLOSS_FORMAT_DOCCANO || format == GLOSS_FORMAT_LABEL_STUDIO
         || format == GLOSS_FORMAT_UIMA_JSON;
}

/* Suggestions are one person's to review: not with each line's own
 * annotator. */
static gboolean
can_import_suggestions (GlossImportDialog *self)
{
  return format_takes_suggestions (self->format) && !keeps_line_annotators (self);
}

static gboolean
imports_suggestions (GlossImportDialog *self)
{
  return can_import_suggestions (self)
         && gtk_switch_get_active (GTK_SWITCH (self->suggestions_switch));
}

static const char *
chosen_annotator_id (GlossImportDialog *self)
{
  if (keeps_line_annotators (self))
    return NULL;

  return gtk_editable_get_text (GTK_EDITABLE (self->id_entry));
}

static gboolean
can_run (GlossImportDialog *self)
{
  return !self->running
         && self->input != NULL
         && self->output_folder != NULL
         && (keeps_line_annotators (self)
             || gloss_annotator_id_is_valid (chosen_annotator_id (self)));
}

static void
update_import_button (GlossImportDialog *self)
{
  gtk_widget_set_sensitive (self->import_button, can_run (self));
}

/* The import
 * ------------------------------------------------------------------------ */

static gboolean
pulse (gpointer data)
{
  GlossImportDialog *self = data;

  gloss_progress_page_pulse (GLOSS_PROGRESS_PAGE (self->progress_page));

  return G_SOURCE_CONTINUE;
}

/* gloss_import_async() calls this on our context, never once the import
 * is cancelled (as dispose does) nor after its result. */
static void
on_import_progress (guint    articles,
                    gpointer user_data)
{
  GlossImportDialog *self = user_data;
  g_autofree char *text = g_strdup_printf (ngettext ("%u article imported",
                                                     "%u articles imported", articles),
                                           articles);

  gloss_progress_page_set_progress (GLOSS_PROGRESS_PAGE (self->progress_page), -1.0, text);
}

/* gloss_import_suggestions_async() calls this as on_import_progress()
 * is called: while it reads the predictions, @total is 0 and the bar
 * pulses beside the count; then the bar shows how many of @total are
 * done. */
static void
on_suggestions_progress (guint    articles,
                         guint    total,
                         gpointer user_data)
{
  GlossImportDialog *self = user_data;
  g_autofree char *text = NULL;

  if (total == 0)
    {
      text = g_strdup_printf (ngettext ("%u article read", "%u articles read", articles),
                              articles);
      gloss_progress_page_set_progress (GLOSS_PROGRESS_PAGE (self->progress_page), -1.0, text);
      return;
    }

  /* The count is known: a filling bar rather than a pulsing one. */
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  /* Translators: suggestions merged for the first %u of the second %u
   * articles */
  text = g_strdup_printf (ngettext ("Suggestions for %u of %u article",
                                    "Suggestions for %u of %u articles", total),
                          articles, total);
  gloss_progress_page_set_progress (GLOSS_PROGRESS_PAGE (self->progress_page),
                                    (double) MIN (articles, total) / total, text);
}

/* The result page
 * ------------------------------------------------------------------------ */

static void
show_page (GlossImportDialog *self,
           const char        *name)
{
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), name);

  /* Keyboard users stay on a visible widget, and Enter does what the page
   * is for. */
  if (g_str_equal (name, "choices"))
    {
      gtk_window_set_default_widget (GTK_WINDOW (self), self->import_button);
      gtk_widget_grab_focus (self->format_dropdown);
    }
  else
    gloss_progress_page_focus (GLOSS_PROGRESS_PAGE (self->progress_page));
}

/* "12 suggestions for 3 articles, 5 new": what the suggestions import
 * read, and how many of those its files did not hold yet. */
static char *
describe_suggestions (const GlossImportSummary           *summary,
                      const GlossImportSuggestionsCounts *counts)
{
  g_autofree char *suggestions = g_strdup_printf (ngettext ("%u suggestion", "%u suggestions",
                                                            counts->suggested),
                                                  counts->suggested);
  g_autofree char *added = g_strdup_printf (ngettext ("%u new", "%u new", counts->added),
                                            counts->added);
  GString *out = g_string_new (NULL);

  /* Translators: %s is "12 suggestions" (or "1 suggestion") */
  g_string_append_printf (out, ngettext ("%s for %u article", "%s for %u articles",
                                         summary->articles),
                          suggestions, summary->articles);
  g_string_append (out, ", ");
  g_string_append (out, added);
  if (summary->skipped > 0)
    {
      g_string_append (out, ", ");
      g_string_append_printf (out, ngettext ("%u skipped (see the problems)",
                                             "%u skipped (see the problems)", summary->skipped),
                              summary->skipped);
    }

  return g_string_free (out, FALSE);
}

/* Where the suggestions went, and that nothing else changed. */
static char *
describe_suggestions_place (GlossImportDialog *self,
                            const char        *where)
{
  g_autofree char *name = gloss_suggestion_file_build_name ("*", self->import_annotator);

  /* Translators: the annotator id, the folder, and the files' names
   * ("*.alice.suggestions.json") */
  return g_strdup_printf (_("Offered to “%s” to review, in %s: a “%s” file beside each "
                            "article. No annotations were added and no sidecar was written."),
                          self->import_annotator, where, name);
}

static void
show_result (GlossImportDialog                  *self,
             const GlossImportSummary           *summary,
             const GlossImportSuggestionsCounts *counts,
             gboolean                            ok,
             const GError                       *error)
{
  g_autofree char *where = g_file_get_parse_name (self->import_output);
  g_autofree char *location = NULL;
  const char *heading;

  g_clear_pointer (&self->result, g_free);

  if (ok)
    {
      heading = summary->problems->len == 0 ? _("Import Complete")
                                                : _("Imported with Problems");
      if (counts != NULL)
        {
          self->result = describe_suggestions (summary, counts);
          location = describe_suggestions_place (self, where);
        }
      else
        {
          self->result = gloss_import_summary_to_string (summary);
          location = g_strdup_printf (_("Written to %s"), where);
        }
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      heading = _("Import Cancelled");
      self->result = counts != NULL ? describe_suggestions (summary, counts)
                                    : gloss_import_summary_to_string (summary);
      /* The importers write article by article: what came before stays. */
      if (summary->articles == 0)
        location = NULL;
      else if (counts != NULL)
        location = g_strdup_printf (_("The suggestions imported before you cancelled stay in %s."),
                                    where);
      else
        location = g_strdup_printf (_("The articles imported before you cancelled stay in %s."),
                                    where);
    }
  else
    {
      heading = _("Import Failed");
      self->result = g_strdup (error->message);
      if (summary->articles == 0)
        location = NULL;
      else if (counts != NULL)
        location = g_strdup_printf (_("The suggestions imported before the failure stay in %s."),
                                    where);
      else
        location = g_strdup_printf (_("The articles imported before the failure stay in %s."),
                                    where);
    }

  gloss_progress_page_show_result (GLOSS_PROGRESS_PAGE (self->progress_page), heading,
                                   self->result, location, summary->problems);
  show_page (self, "progress");
}

/* Either import's end, once the dialog is known to be still there;
 * @counts NULL for sidecars. */
static void
import_ended (GlossImportDialog                  *self,
              const GlossImportSummary           *summary,
              const GlossImportSuggestionsCounts *counts,
              gboolean                            ok,
              const GError                       *error)
{
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  set_running (self, FALSE);

  /* Whoever shows the folder learns of the new files even when the window
   * is on its way out. */
  if (ok)
    g_signal_emit (self, signals[IMPORTED], 0, self->import_output);

  if (self->close_pending)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  show_result (self, summary, counts, ok, error);
  set_finished (self, TRUE);
}

static void
import_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GlossImportDialog) self = user_data;
  g_auto(GlossImportSummary) summary = { 0 };
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = gloss_import_finish (result, &summary, &error);

  /* The dialog was destroyed meanwhile (which cancelled the import): its
   * widgets are gone. */
  if (self->cancellable == NULL)
    return;

  import_ended (self, &summary, NULL, ok, error);
}

static void
suggestions_done (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GlossImportDialog) self = user_data;
  g_auto(GlossImportSummary) summary = { 0 };
  GlossImportSuggestionsCounts counts = { 0 };
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = gloss_import_suggestions_finish (result, &summary, &counts, &error);

  /* As import_done(): a destroyed dialog has no widgets left. */
  if (self->cancellable == NULL)
    return;

  import_ended (self, &summary, &counts, ok, error);
}

/* The choices
 * ------------------------------------------------------------------------ */

static void
update_input_widgets (GlossImportDialog *self)
{
  g_autofree char *path = self->input != NULL ? g_file_get_parse_name (self->input) : NULL;

  gtk_label_set_text (GTK_LABEL (self->input_path),
                      path != NULL ? path : _("Nothing chosen yet"));
  update_import_button (self);
}

static void
update_output_widgets (GlossImportDialog *self)
{
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  if (self->output_folder != NULL)
    {
      name = dup_display_name (self->output_folder);
      path = g_file_get_parse_name (self->output_folder);
    }

  gtk_label_set_text (GTK_LABEL (self->output_label),
                      name != NULL ? name : _("Choose a Folder…"));
  gtk_label_set_text (GTK_LABEL (self->output_path),
                      path != NULL ? path : _("Nothing chosen yet"));
  update_import_button (self);
}

/* The units @format takes, in a fresh model (rows in GlossOffsetUnit order). */
static GListModel *
new_offsets_model (GlossFormat format)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (offset_names); i++)
    if (gloss_format_check_offsets (format, (GlossOffsetUnit) i, NULL))
      gtk_string_list_append (list, _(offset_names[i]));

  return G_LIST_MODEL (list);
}

/* Each format starts from what its writers count: doccano UTF-16 (its
 * annotation view indexes JavaScript strings), Gloss's JSONL and brat code
 * points; brat's UTF-16 is for files from INCEpTION or brat 1.3's viewer. */
static void
update_offsets (GlossImportDialog *self)
{
  g_autoptr(GListModel) model = new_offsets_model (self->format);
  GlossOffsetUnit unit = gloss_format_get_default_offsets (self->format);
  const char *caption;

  gtk_drop_down_set_model (GTK_DROP_DOWN (self->offsets_dropdown), model);
  /* uima-json takes its one unit only: the model's one row */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->offsets_dropdown),
                              g_list_model_get_n_items (model) == 1 ? 0 : unit);
  gtk_widget_set_sensitive (self->offsets_dropdown, g_list_model_get_n_items (model) > 1);

  switch (self->format)
    {
    case GLOSS_FORMAT_DOCCANO:
      caption = _("doccano counts UTF-16 code units, as JavaScript does. A span the offsets "
                  "cannot place exactly is reported, never moved.");
      break;
    case GLOSS_FORMAT_BRAT:
      caption = _("brat counts code points; INCEpTION’s brat files and brat 1.3’s viewer "
                  "count UTF-16 code units.");
      break;
    case GLOSS_FORMAT_LABEL_STUDIO:
      caption = _("Label Studio counts code points. A span the offsets cannot place exactly "
                  "is reported, never moved.");
      break;
    case GLOSS_FORMAT_UIMA_JSON:
      caption = _("UIMA counts UTF-16 code units, as Java does. A span the offsets cannot place "
                  "exactly is reported, never moved.");
      break;
    case GLOSS_FORMAT_JSONL:
    default:
      caption = _("As the export was made: Gloss writes code points unless told otherwise.");
      break;
    }
  gtk_label_set_text (GTK_LABEL (self->offsets_description), caption);
}

/* What the import will write, said first; and whether suggestions can be
 * asked for, and for whom or why not, said on their row. */
static void
update_suggestions_widgets (GlossImportDialog *self)
{
  const char *id = gtk_editable_get_text (GTK_EDITABLE (self->id_entry));
  gboolean on = imports_suggestions (self);
  g_autofree char *subtitle = NULL;

  gtk_label_set_text (GTK_LABEL (self->intro_label),
                      on ? _("Brings another tool’s predictions into Gloss as suggestions to "
                             "review: an article file and a suggestions file for each article. "
                             "No sidecar is written.")
                         : _("Brings work done in other tools into Gloss: an article file and a "
                             "sidecar for each article. Existing sidecars are never overwritten."));

  gtk_widget_set_sensitive (self->suggestions_row, can_import_suggestions (self));
  /* Each line's own annotator is for sidecars only. */
  gtk_widget_set_sensitive (self->keep_check, !on);

  if (!format_takes_suggestions (self->format))
    subtitle = g_strdup (_("Only brat, JSON Lines, doccano and Label Studio files can be "
                           "imported as suggestions."));
  else if (keeps_line_annotators (self) && self->format == GLOSS_FORMAT_LABEL_STUDIO)
    subtitle = g_strdup (_("Not while each annotation’s annotator is kept: suggestions are for "
                           "one annotator to review."));
  else if (keeps_line_annotators (self))
    subtitle = g_strdup (_("Not while each line’s annotator is kept: suggestions are for one "
                           "annotator to review."));
  else if (gloss_annotator_id_is_valid (id))
    subtitle = g_strdup_printf (_("The spans are offered to “%s” to review, in a suggestions "
                                  "file beside each article, rather than added as "
                                  "annotations."), id);
  else
    subtitle = g_strdup (_("The spans are offered to the annotator above to review, in a "
                           "suggestions file beside each article, rather than added as "
                           "annotations."));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->suggestions_row), subtitle);
}

/* The row's subtitle, which libadwaita documents as its label.subtitle
 * node, wraps at about the width of the dialog's captions: left alone it
 * asks for its whole sentence on one line, and the dialog opens twice as
 * wide as it was. */
static void
limit_subtitle_width (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (child, "subtitle"))
        gtk_label_set_max_width_chars (GTK_LABEL (child), SUBTITLE_WIDTH_CHARS);
      else
        limit_subtitle_width (child);
    }
}

static void
on_format_changed (GlossImportDialog *self)
{
  guint row = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->format_dropdown));
  GlossFormat format;

  if (row >= G_N_ELEMENTS (formats))
    return;

  format = formats[row].format;

  /* An .ann file or a folder means nothing to the JSONL reader, nor a
   * .jsonl file to the brat one; JSONL and doccano share their input. */
  if ((format == GLOSS_FORMAT_BRAT) != (self->format == GLOSS_FORMAT_BRAT)
      || (format == GLOSS_FORMAT_UIMA_JSON) != (self->format == GLOSS_FORMAT_UIMA_JSON))
    g_clear_object (&self->input);
  self->format = format;

  gtk_label_set_text (GTK_LABEL (self->format_description), _(formats[row].description));
  gtk_widget_set_visible (self->input_folder_button,
                          format == GLOSS_FORMAT_BRAT || format == GLOSS_FORMAT_UIMA_JSON);
  gtk_widget_set_visible (self->keep_check,
                          format == GLOSS_FORMAT_JSONL || format == GLOSS_FORMAT_LABEL_STUDIO
                          || format == GLOSS_FORMAT_UIMA_JSON);
  gtk_check_button_set_label (GTK_CHECK_BUTTON (self->keep_check),
                              format == GLOSS_FORMAT_LABEL_STUDIO
                              ? _("_Keep the annotator each annotation names")
                              : format == GLOSS_FORMAT_UIMA_JSON
                              ? _("_Keep the annotator each file names")
                              : _("_Keep the annotator each line names"));
  gtk_widget_set_sensitive (self->id_entry, !keeps_line_annotators (self));
  update_offsets (self);

  /* A format the suggestions import does not read turns the switch off:
   * an insensitive switch left on would say what will not happen. */
  if (!format_takes_suggestions (format))
    gtk_switch_set_active (GTK_SWITCH (self->suggestions_switch), FALSE);
  update_suggestions_widgets (self);

  update_input_widgets (self);
}

static void
on_id_changed (GlossImportDialog *self)
{
  const char *id = gtk_editable_get_text (GTK_EDITABLE (self->id_entry));
  gboolean invalid = !keeps_line_annotators (self) && id[0] != '\0'
                     && !gloss_annotator_id_is_valid (id);

  /* An empty entry is not a mistake yet: the insensitive button says enough. */
  gtk_widget_set_visible (self->id_error, invalid);
  if (invalid)
    {
      gtk_widget_add_css_class (self->id_entry, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->id_entry),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
    }
  else
    {
      gtk_widget_remove_css_class (self->id_entry, "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (self->id_entry), GTK_ACCESSIBLE_STATE_INVALID);
    }

  update_suggestions_widgets (self);
  update_import_button (self);
}

static void
on_keep_toggled (GlossImportDialog *self)
{
  gtk_widget_set_sensitive (self->id_entry, !keeps_line_annotators (self));
  on_id_changed (self);
}

static void
on_suggestions_toggled (GlossImportDialog *self)
{
  /* The check may be on, hidden, from JSONL before another format was
   * chosen: suggestions are for the one annotator given. */
  if (gtk_switch_get_active (GTK_SWITCH (self->suggestions_switch)))
    gtk_check_button_set_active (GTK_CHECK_BUTTON (self->keep_check), FALSE);

  update_suggestions_widgets (self);
  update_import_button (self);
}

typedef enum
{
  CHOOSE_INPUT_FILE,
  CHOOSE_INPUT_FOLDER,
  CHOOSE_OUTPUT_FOLDER,
} ChooserPurpose;

static void
on_chooser_response (GlossImportDialog *self,
                     int                response)
{
  ChooserPurpose purpose = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (self->chooser), "purpose"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser));

      if (file != NULL && purpose == CHOOSE_OUTPUT_FOLDER)
        gloss_import_dialog_set_output_folder (self, file);
      else if (file != NULL)
        gloss_import_dialog_set_input (self, file);
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *suffix,
            const char     *other_suffix)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  if (suffix != NULL)
    gtk_file_filter_add_suffix (filter, suffix);
  if (other_suffix != NULL)
    gtk_file_filter_add_suffix (filter, other_suffix);
  if (suffix == NULL && other_suffix == NULL)
    gtk_file_filter_add_pattern (filter, "*");
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
run_chooser (GlossImportDialog *self,
             ChooserPurpose     purpose)
{
  GtkFileChooser *chooser;
  GFile *start = NULL;
  g_autoptr(GFile) parent = NULL;
  const char *title;

  if (self->chooser != NULL)
    return;

  switch (purpose)
    {
    case CHOOSE_INPUT_FILE:
      title = self->format == GLOSS_FORMAT_BRAT ? _("Import a brat File")
              : self->format == GLOSS_FORMAT_LABEL_STUDIO ? _("Import a Label Studio File")
              : self->format == GLOSS_FORMAT_UIMA_JSON ? _("Import a UIMA JSON CAS File")
              : _("Import a JSON Lines File");
      break;
    case CHOOSE_INPUT_FOLDER:
      title = self->format == GLOSS_FORMAT_UIMA_JSON ? _("Import a Folder of UIMA JSON CAS Files")
                                                     : _("Import a Folder of brat Files");
      break;
    case CHOOSE_OUTPUT_FOLDER:
    default:
      title = _("Import into a Folder");
      break;
    }

  self->chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self),
                                               purpose == CHOOSE_INPUT_FILE
                                               ? GTK_FILE_CHOOSER_ACTION_OPEN
                                               : GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                               _("_Select"), _("_Cancel"));
  chooser = GTK_FILE_CHOOSER (self->chooser);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_object_set_data (G_OBJECT (self->chooser), "purpose", GINT_TO_POINTER (purpose));

  if (purpose == CHOOSE_INPUT_FILE)
    {
      if (self->format == GLOSS_FORMAT_BRAT)
        add_filter (chooser, _("brat annotations (.ann)"), "ann", NULL);
      else if (self->format == GLOSS_FORMAT_LABEL_STUDIO)
        add_filter (chooser, _("Label Studio tasks (.json)"), "json", NULL);
      else if (self->format == GLOSS_FORMAT_UIMA_JSON)
        add_filter (chooser, _("UIMA JSON CAS (.json)"), "json", NULL);
      else
        add_filter (chooser, _("JSON Lines (.jsonl, .json)"), "jsonl", "json");
      add_filter (chooser, _("All files"), NULL, NULL);
    }

  if (purpose == CHOOSE_OUTPUT_FOLDER)
    start = self->output_folder;
  else if (self->input != NULL)
    start = parent = g_file_get_parent (self->input);
  if (start != NULL)
    gtk_file_chooser_set_current_folder (chooser, start, NULL);

  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_input_file_clicked (GlossImportDialog *self)
{
  run_chooser (self, CHOOSE_INPUT_FILE);
}

static void
on_input_folder_clicked (GlossImportDialog *self)
{
  run_chooser (self, CHOOSE_INPUT_FOLDER);
}

static void
on_output_clicked (GlossImportDialog *self)
{
  run_chooser (self, CHOOSE_OUTPUT_FOLDER);
}

static void
on_import_clicked (GlossImportDialog *self)
{
  gloss_import_dialog_run (self);
}

static void
on_stop_clicked (GlossImportDialog *self)
{
  gloss_import_dialog_cancel (self);
}

static void
on_back_clicked (GlossImportDialog *self)
{
  set_finished (self, FALSE);
  /* Import was made insensitive while the last one ran. */
  update_import_button (self);
  show_page (self, "choices");
}

/* GObject
 * ------------------------------------------------------------------------ */

static gboolean
gloss_import_dialog_close_request (GtkWindow *window)
{
  GlossImportDialog *self = GLOSS_IMPORT_DIALOG (window);

  /* Closing means "stop": the window goes once the import has stopped,
   * and ::imported still tells what was written. */
  if (self->running)
    {
      self->close_pending = TRUE;
      gloss_import_dialog_cancel (self);
      return TRUE;
    }

  return GTK_WINDOW_CLASS (gloss_import_dialog_parent_class)->close_request (window);
}

static void
gloss_import_dialog_constructed (GObject *object)
{
  GlossImportDialog *self = GLOSS_IMPORT_DIALOG (object);

  G_OBJECT_CLASS (gloss_import_dialog_parent_class)->constructed (object);

  /* The corpus open in the window, or the article's folder: one look at
   * the disk to tell which. */
  if (self->source != NULL)
    {
      if (g_file_query_file_type (self->source, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
        self->output_folder = g_object_ref (self->source);
      else
        self->output_folder = g_file_get_parent (self->source);
    }

  gtk_editable_set_text (GTK_EDITABLE (self->id_entry),
                         self->annotator_id != NULL ? self->annotator_id : "");

  on_format_changed (self);
  update_output_widgets (self);
  on_id_changed (self);
}

static void
gloss_import_dialog_dispose (GObject *object)
{
  GlossImportDialog *self = GLOSS_IMPORT_DIALOG (object);

  /* An import still running stops; its late result finds no dialog, and
   * it reports no more progress. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  G_OBJECT_CLASS (gloss_import_dialog_parent_class)->dispose (object);
}

static void
gloss_import_dialog_finalize (GObject *object)
{
  GlossImportDialog *self = GLOSS_IMPORT_DIALOG (object);

  g_clear_object (&self->source);
  g_clear_object (&self->input);
  g_clear_object (&self->output_folder);
  g_clear_object (&self->import_output);
  g_clear_pointer (&self->import_annotator, g_free);
  g_clear_pointer (&self->annotator_id, g_free);
  g_clear_pointer (&self->result, g_free);

  G_OBJECT_CLASS (gloss_import_dialog_parent_class)->finalize (object);
}

static void
gloss_import_dialog_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  GlossImportDialog *self = GLOSS_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      g_value_set_object (value, self->source);
      break;
    case PROP_ANNOTATOR_ID:
      g_value_set_string (value, self->annotator_id);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    case PROP_FINISHED:
      g_value_set_boolean (value, self->finished);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_import_dialog_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  GlossImportDialog *self = GLOSS_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      self->source = g_value_dup_object (value);
      break;
    case PROP_ANNOTATOR_ID:
      self->annotator_id = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_import_dialog_class_init (GlossImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = gloss_import_dialog_constructed;
  object_class->dispose = gloss_import_dialog_dispose;
  object_class->finalize = gloss_import_dialog_finalize;
  object_class->get_property = gloss_import_dialog_get_property;
  object_class->set_property = gloss_import_dialog_set_property;

  window_class->close_request = gloss_import_dialog_close_request;

  properties[PROP_SOURCE] =
    g_param_spec_object ("source", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ANNOTATOR_ID] =
    g_param_spec_string ("annotator-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FINISHED] =
    g_param_spec_boolean ("finished", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[IMPORTED] =
    g_signal_new ("imported",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/gloss-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, GlossImportDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, GlossImportDialog, format_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GlossImportDialog, format_description);
  gtk_widget_class_bind_template_child (widget_class, GlossImportDialog, offsets_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GlossImportDialog, offsets_description);
  gtk_widget_class_bind_template_child (widget_class, GlossImportDialog, input_file_button);
  gtk_widget_class_bind_template_child (widget_class, GlossImportDialog, input_folder_button);
  gtk_widget_class_bind_template_child (widget_class, GlossImportDialog, input_path);
  gtk_widget_class_bind_template_child (widget_class, GlossImportDialog, output_button);
  gtk_widget_class_bind_template_child (widget_class, GlossImportDialog, output_label);
  gtk_widget_class_bind_template_child (widget_class, GlossImportDialog, output_path);
  gtk_widget_class_bind_template_child (widget_class, GlossImportDialog, id_entry);
  gtk_widget_class_bind_template_child (widget_class, GlossImportDialog, id_error);
  gtk_widget_class_bind_template_child (widget_class, GlossImportDialog, keep_check);
  gtk_widget_class_bind_template_child (widget_class, GlossImportDialog, suggestions_row);
  gtk_widget_class_bind_template_child (widget_class, GlossImportDialog, suggestions_switch);
  gtk_widget_class_bind_template_child (widget_class, GlossImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, GlossImportDialog, progress_page);
  gtk_widget_class_bind_template_callback (widget_class, on_format_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_input_file_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_input_folder_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_output_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_id_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_keep_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_suggestions_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_import_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);
}

static void
gloss_import_dialog_init (GlossImportDialog *self)
{
  self->format = formats[0].format;

  g_type_ensure (GLOSS_TYPE_PROGRESS_PAGE);
  g_type_ensure (ADW_TYPE_ACTION_ROW);
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_entry_set_max_length (GTK_ENTRY (self->id_entry), GLOSS_SIDECAR_MAX_ID);
  limit_subtitle_width (self->suggestions_row);
}

/* Public API
 * ------------------------------------------------------------------------ */

GtkWidget *
gloss_import_dialog_new (GtkWindow  *parent,
                         GFile      *source,
                         const char *annotator_id)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (source == NULL || G_IS_FILE (source), NULL);

  return g_object_new (GLOSS_TYPE_IMPORT_DIALOG,
                       "transient-for", parent,
                       "source", source,
                       "annotator-id", annotator_id,
                       NULL);
}

void
gloss_import_dialog_set_format (GlossImportDialog *self,
                                GlossFormat        format)
{
  guint row = format_row (format);

  g_return_if_fail (GLOSS_IS_IMPORT_DIALOG (self));
  g_return_if_fail (row != GTK_INVALID_LIST_POSITION);

  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->format_dropdown), row);
}

void
gloss_import_dialog_set_input (GlossImportDialog *self,
                               GFile             *input)
{
  g_return_if_fail (GLOSS_IS_IMPORT_DIALOG (self));
  g_return_if_fail (input == NULL || G_IS_FILE (input));

  g_set_object (&self->input, input);
  update_input_widgets (self);
}

void
gloss_import_dialog_set_output_folder (GlossImportDialog *self,
                                       GFile             *folder)
{
  g_return_if_fail (GLOSS_IS_IMPORT_DIALOG (self));
  g_return_if_fail (folder == NULL || G_IS_FILE (folder));

  g_set_object (&self->output_folder, folder);
  update_output_widgets (self);
}

GFile *
gloss_import_dialog_get_output_folder (GlossImportDialog *self)
{
  g_return_val_if_fail (GLOSS_IS_IMPORT_DIALOG (self), NULL);

  return self->output_folder;
}

void
gloss_import_dialog_set_annotator_id (GlossImportDialog *self,
                                      const char        *annotator_id)
{
  g_return_if_fail (GLOSS_IS_IMPORT_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->id_entry), annotator_id != NULL ? annotator_id : "");
}

gboolean
gloss_import_dialog_run (GlossImportDialog *self)
{
  g_autofree char *name = NULL;
  g_autofree char *detail = NULL;
  GlossOffsetUnit offsets;

  g_return_val_if_fail (GLOSS_IS_IMPORT_DIALOG (self), FALSE);

  if (!can_run (self))
    return FALSE;

  offsets = gtk_widget_get_sensitive (self->offsets_dropdown)
            ? gtk_drop_down_get_selected (GTK_DROP_DOWN (self->offsets_dropdown))
            : gloss_format_get_default_offsets (self->format);
  g_set_object (&self->import_output, self->output_folder);
  g_clear_pointer (&self->import_annotator, g_free);
  if (imports_suggestions (self))
    self->import_annotator = g_strdup (chosen_annotator_id (self));
  self->cancellable = g_cancellable_new ();
  self->close_pending = FALSE;
  g_clear_pointer (&self->result, g_free);

  name = dup_display_name (self->input);
  detail = g_strdup_printf (_("Reading “%s”"), name);
  gloss_progress_page_start (GLOSS_PROGRESS_PAGE (self->progress_page), detail,
                             self->import_annotator != NULL ? _("Importing suggestions…")
                                                            : _("Starting…"));
  self->pulse_id = g_timeout_add (PULSE_INTERVAL_MS, pulse, self);

  set_finished (self, FALSE);
  set_running (self, TRUE);
  update_import_button (self);
  show_page (self, "progress");

  /* The callback's reference keeps the dialog until the result is in;
   * progress needs none (see on_import_progress()). */
  if (self->import_annotator != NULL)
    gloss_import_suggestions_async (self->format, self->input, self->output_folder,
                                    self->import_annotator, offsets,
                                    on_suggestions_progress, self, self->cancellable,
                                    suggestions_done, g_object_ref (self));
  else
    gloss_import_async (self->format, self->input, self->output_folder,
                        chosen_annotator_id (self), offsets,
                        on_import_progress, self, self->cancellable,
                        import_done, g_object_ref (self));

  return TRUE;
}

void
gloss_import_dialog_cancel (GlossImportDialog *self)
{
  g_return_if_fail (GLOSS_IS_IMPORT_DIALOG (self));

  if (!self->running || self->cancellable == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  /* The importer notices between two files; say that it is on its way. */
  gloss_progress_page_set_stopping (GLOSS_PROGRESS_PAGE (self->progress_page), _("Cancelling…"));
}

gboolean
gloss_import_dialog_get_running (GlossImportDialog *self)
{
  g_return_val_if_fail (GLOSS_IS_IMPORT_DIALOG (self), FALSE);

  return self->running;
}

gboolean
gloss_import_dialog_get_finished (GlossImportDialog *self)
{
  g_return_val_if_fail (GLOSS_IS_IMPORT_DIALOG (self), FALSE);

  return self->finished;
}

const char *
gloss_import_dialog_get_result (GlossImportDialog *self)
{
  g_return_val_if_fail (GLOSS_IS_IMPORT_DIALOG (self), NULL);

  return self->finished ? self->result : NULL;
}

char *
gloss_import_dialog_dup_problems (GlossImportDialog *self)
{
  g_return_val_if_fail (GLOSS_IS_IMPORT_DIALOG (self), NULL);

  return gloss_progress_page_dup_problems (GLOSS_PROGRESS_PAGE (self->progress_page));
}
