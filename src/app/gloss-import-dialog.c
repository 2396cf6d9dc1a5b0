/* gloss-import-dialog.c — Import…: brat, JSONL or doccano work as sidecars
 *
 * Three pages in a stack, as in the export dialog: the choices, a running
 * import and its result. The importers block and report no progress, so
 * the import runs in a worker thread behind a pulsing bar.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gloss-import.h"
#include "gloss-import-dialog.h"
#include "gloss-sidecar.h"

#define PULSE_INTERVAL_MS 100

/* The dropdown rows. */
static const struct
{
  GlossFormat  format;
  const char  *name;
  const char  *description;
} formats[] = {
  {
    GLOSS_FORMAT_BRAT,
    N_("brat standoff"),
    N_("An .ann file with its .txt beside it, or a folder of them (searched in full). "
       "Spans, relations, notes and attributes are kept.")
  },
  {
    GLOSS_FORMAT_JSONL,
    N_("JSON Lines"),
    N_("A Gloss JSONL export: one article a line, named by its “id”, with spans, relations "
       "and notes.")
  },
  {
    GLOSS_FORMAT_DOCCANO,
    N_("doccano"),
    N_("doccano’s JSONL: “text” and “label” [start, end, label] per line; the articles are "
       "named line-1, line-2…")
  },
};

/* In GlossOffsetUnit order, so a row is its unit. brat offers the first two. */
static const char * const offset_names[] = {
  [GLOSS_OFFSETS_CODE_POINTS] = N_("Code points (Python, spaCy, brat)"),
  [GLOSS_OFFSETS_UTF16] = N_("UTF-16 code units (JavaScript, doccano)"),
  [GLOSS_OFFSETS_BYTES] = N_("UTF-8 bytes (Rust, Go)"),
};

/* One import; owned by its GTask, so it may outlive the dialog. */
typedef struct
{
  GlossFormat         format;
  GlossOffsetUnit     offsets;
  GFile              *input;
  GFile              *output;
  char               *annotator_id;   /* NULL: each JSONL line's own */
  GlossImportSummary  summary;
} ImportJob;

struct _GlossImportDialog
{
  GtkWindow             parent_instance;

  GFile                *source;
  char                 *annotator_id;
  GFile                *input;
  GFile                *output_folder;
  GlossFormat           format;
  GtkFileChooserNative *chooser;

  ImportJob            *job;            /* the running import (owned by its task) */
  GCancellable         *cancellable;
  guint                 pulse_id;
  char                 *result;

  /* choices */
  GtkWidget            *stack;
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
  GtkWidget            *import_button;

  /* running */
  GtkWidget            *progress_detail;
  GtkWidget            *progress_bar;
  GtkWidget            *stop_button;

  /* result */
  GtkWidget            *result_heading;
  GtkWidget            *result_label;
  GtkWidget            *result_location;
  GtkWidget            *problems_box;
  GtkWidget            *problems_view;
  GtkWidget            *close_button;

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

static GtkWidget *
new_caption (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 50);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");

  return label;
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
  return self->format == GLOSS_FORMAT_JSONL
         && gtk_check_button_get_active (GTK_CHECK_BUTTON (self->keep_check));
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

/* The job
 * ------------------------------------------------------------------------ */

static void
import_job_free (gpointer data)
{
  ImportJob *job = data;

  g_clear_object (&job->input);
  g_clear_object (&job->output);
  g_clear_pointer (&job->annotator_id, g_free);
  gloss_import_summary_clear (&job->summary);
  g_free (job);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (job->format == GLOSS_FORMAT_BRAT)
    ok = gloss_import_brat (job->input, job->output, job->annotator_id, job->offsets,
                            &job->summary, cancellable, &error);
  else
    ok = gloss_import_jsonl (job->input, job->format, job->output, job->annotator_id,
                             job->offsets, &job->summary, cancellable, &error);

  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static gboolean
pulse (gpointer data)
{
  GlossImportDialog *self = data;

  gtk_progress_bar_pulse (GTK_PROGRESS_BAR (self->progress_bar));

  return G_SOURCE_CONTINUE;
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
  else if (g_str_equal (name, "running"))
    {
      gtk_window_set_default_widget (GTK_WINDOW (self), NULL);
      gtk_widget_grab_focus (self->stop_button);
    }
  else
    {
      gtk_window_set_default_widget (GTK_WINDOW (self), self->close_button);
      gtk_widget_grab_focus (self->close_button);
    }
}

static void
show_problems (GlossImportDialog *self,
               GPtrArray         *problems)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->problems_view));
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, g_ptr_array_index (problems, i));
    }

  gtk_text_buffer_set_text (buffer, text->str, text->len);
  gtk_widget_set_visible (self->problems_box, text->len > 0);
}

static void
show_result (GlossImportDialog *self,
             ImportJob         *job,
             gboolean           ok,
             const GError      *error)
{
  g_autofree char *where = g_file_get_parse_name (job->output);
  g_autofree char *location = NULL;
  const char *heading;

  g_clear_pointer (&self->result, g_free);

  if (ok)
    {
      heading = job->summary.problems->len == 0 ? _("Import Complete")
                                                : _("Imported with Problems");
      self->result = gloss_import_summary_to_string (&job->summary);
      location = g_strdup_printf (_("Written to %s"), where);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      heading = _("Import Cancelled");
      self->result = gloss_import_summary_to_string (&job->summary);
      /* The importers write article by article: what came before stays. */
      location = job->summary.articles > 0
                 ? g_strdup_printf (_("The articles imported before you cancelled stay in %s."),
                                    where)
                 : NULL;
    }
  else
    {
      heading = _("Import Failed");
      self->result = g_strdup (error->message);
      location = job->summary.articles > 0
                 ? g_strdup_printf (_("The articles imported before the failure stay in %s."),
                                    where)
                 : NULL;
    }

  gtk_label_set_text (GTK_LABEL (self->result_heading), heading);
  gtk_label_set_text (GTK_LABEL (self->result_label), self->result);
  gtk_label_set_text (GTK_LABEL (self->result_location), location != NULL ? location : "");
  gtk_widget_set_visible (self->result_location, location != NULL);
  show_problems (self, job->summary.problems);

  show_page (self, "result");
  /* The focus passed through the selectable labels on its way out of the
   * hidden page, which selected them: nothing is selected until the user
   * does. */
  gtk_label_select_region (GTK_LABEL (self->result_label), 0, 0);
  gtk_label_select_region (GTK_LABEL (self->result_location), 0, 0);
}

static void
import_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GlossImportDialog) self = user_data;
  ImportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = g_task_propagate_boolean (G_TASK (result), &error);

  /* The dialog was destroyed meanwhile: its widgets are gone. */
  if (self->job != job)
    return;

  self->job = NULL;
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  set_running (self, FALSE);

  /* Whoever shows the folder learns of the new files even when the window
   * is on its way out. */
  if (ok)
    g_signal_emit (self, signals[IMPORTED], 0, job->output);

  if (self->close_pending)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  show_result (self, job, ok, error);
  set_finished (self, TRUE);
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
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->offsets_dropdown), unit);

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
    case GLOSS_FORMAT_JSONL:
    default:
      caption = _("As the export was made: Gloss writes code points unless told otherwise.");
      break;
    }
  gtk_label_set_text (GTK_LABEL (self->offsets_description), caption);
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
  if ((format == GLOSS_FORMAT_BRAT) != (self->format == GLOSS_FORMAT_BRAT))
    g_clear_object (&self->input);
  self->format = format;

  gtk_label_set_text (GTK_LABEL (self->format_description), _(formats[row].description));
  gtk_widget_set_visible (self->input_folder_button, format == GLOSS_FORMAT_BRAT);
  gtk_widget_set_visible (self->keep_check, format == GLOSS_FORMAT_JSONL);
  gtk_widget_set_sensitive (self->id_entry, !keeps_line_annotators (self));
  update_offsets (self);

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

  update_import_button (self);
}

static void
on_keep_toggled (GlossImportDialog *self)
{
  gtk_widget_set_sensitive (self->id_entry, !keeps_line_annotators (self));
  on_id_changed (self);
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
                                                : _("Import a JSON Lines File");
      break;
    case CHOOSE_INPUT_FOLDER:
      title = _("Import a Folder of brat Files");
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
on_close_clicked (GlossImportDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
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

  /* An import still running stops; its late result finds no dialog. */
  self->job = NULL;
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
}

/* Building the pages
 * ------------------------------------------------------------------------ */

static GtkWidget *
add_row (GtkGrid    *grid,
         int         row,
         const char *mnemonic,
         GtkWidget  *widget,
         GtkWidget  *mnemonic_widget)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (mnemonic);

  gtk_label_set_xalign (GTK_LABEL (label), 1.0f);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label),
                                 mnemonic_widget != NULL ? mnemonic_widget : widget);
  gtk_widget_set_hexpand (widget, TRUE);

  gtk_grid_attach (grid, label, 0, row, 1, 1);
  gtk_grid_attach (grid, widget, 1, row, 1, 1);

  return label;
}

static GtkWidget *
create_button_row (GtkWidget *first,
                   GtkWidget *second)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  gtk_widget_set_halign (box, GTK_ALIGN_END);
  gtk_widget_set_valign (box, GTK_ALIGN_END);
  gtk_widget_set_vexpand (box, TRUE);
  gtk_widget_set_margin_top (box, 12);

  if (first != NULL)
    gtk_box_append (GTK_BOX (box), first);
  if (second != NULL)
    gtk_box_append (GTK_BOX (box), second);

  return box;
}

static GtkWidget *
create_format_dropdown (void)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    gtk_string_list_append (list, _(formats[i].name));

  return gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&list)), NULL);
}

static GtkWidget *
create_input_row (GlossImportDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_widget_add_css_class (box, "linked");

  self->input_file_button = gtk_button_new_with_label (_("Choose a File…"));
  gtk_widget_set_hexpand (self->input_file_button, TRUE);
  g_signal_connect_swapped (self->input_file_button, "clicked",
                            G_CALLBACK (on_input_file_clicked), self);
  gtk_box_append (GTK_BOX (box), self->input_file_button);

  self->input_folder_button = gtk_button_new_with_label (_("Choose a Folder…"));
  gtk_widget_set_hexpand (self->input_folder_button, TRUE);
  g_signal_connect_swapped (self->input_folder_button, "clicked",
                            G_CALLBACK (on_input_folder_clicked), self);
  gtk_box_append (GTK_BOX (box), self->input_folder_button);

  return box;
}

static GtkWidget *
create_output_button (GlossImportDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->output_button = gtk_button_new ();
  gtk_widget_set_tooltip_text (self->output_button, _("Choose the Folder to Import Into"));

  self->output_label = gtk_label_new (NULL);
  gtk_label_set_ellipsize (GTK_LABEL (self->output_label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_xalign (GTK_LABEL (self->output_label), 0.0f);
  gtk_widget_set_hexpand (self->output_label, TRUE);
  gtk_box_append (GTK_BOX (box), self->output_label);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("folder-open-symbolic"));
  gtk_button_set_child (GTK_BUTTON (self->output_button), box);

  g_signal_connect_swapped (self->output_button, "clicked", G_CALLBACK (on_output_clicked), self);

  return self->output_button;
}

static GtkWidget *
create_choices_page (GlossImportDialog *self)
{
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *input_row;
  GtkWidget *cancel_button;
  GtkWidget *explanation;
  int row = 0;

  explanation = gtk_label_new (_("Brings work done in other tools into Gloss: an article file "
                                 "and a sidecar for each article. Existing sidecars are never "
                                 "overwritten."));
  gtk_label_set_wrap (GTK_LABEL (explanation), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (explanation), 50);
  gtk_label_set_xalign (GTK_LABEL (explanation), 0.0f);
  gtk_box_append (GTK_BOX (page), explanation);

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_box_append (GTK_BOX (page), grid);

  /* Format */
  self->format_dropdown = create_format_dropdown ();
  add_row (GTK_GRID (grid), row++, _("_Format"), self->format_dropdown, NULL);
  self->format_description = new_caption ();
  gtk_grid_attach (GTK_GRID (grid), self->format_description, 1, row++, 1, 1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->format_dropdown),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                  self->format_description, NULL, -1);
  g_signal_connect_swapped (self->format_dropdown, "notify::selected",
                            G_CALLBACK (on_format_changed), self);

  /* Offsets: the model is set for each format (update_offsets()). */
  self->offsets_dropdown = gtk_drop_down_new (NULL, NULL);
  add_row (GTK_GRID (grid), row++, _("_Offsets"), self->offsets_dropdown, NULL);
  self->offsets_description = new_caption ();
  gtk_grid_attach (GTK_GRID (grid), self->offsets_description, 1, row++, 1, 1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->offsets_dropdown),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                  self->offsets_description, NULL, -1);

  /* Input */
  input_row = create_input_row (self);
  add_row (GTK_GRID (grid), row++, _("_Read from"), input_row, self->input_file_button);
  self->input_path = new_caption ();
  gtk_label_set_selectable (GTK_LABEL (self->input_path), TRUE);
  gtk_grid_attach (GTK_GRID (grid), self->input_path, 1, row++, 1, 1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->input_file_button),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->input_path, NULL, -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->input_folder_button),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->input_path, NULL, -1);

  /* Output */
  add_row (GTK_GRID (grid), row++, _("_Write to"), create_output_button (self), NULL);
  self->output_path = new_caption ();
  gtk_label_set_selectable (GTK_LABEL (self->output_path), TRUE);
  gtk_grid_attach (GTK_GRID (grid), self->output_path, 1, row++, 1, 1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->output_button),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->output_path, NULL, -1);

  /* Annotator */
  self->id_entry = gtk_entry_new ();
  gtk_entry_set_max_length (GTK_ENTRY (self->id_entry), GLOSS_SIDECAR_MAX_ID);
  gtk_entry_set_activates_default (GTK_ENTRY (self->id_entry), TRUE);
  gtk_entry_set_input_hints (GTK_ENTRY (self->id_entry),
                             GTK_INPUT_HINT_NO_SPELLCHECK | GTK_INPUT_HINT_LOWERCASE
                             | GTK_INPUT_HINT_NO_EMOJI);
  g_signal_connect_swapped (self->id_entry, "changed", G_CALLBACK (on_id_changed), self);
  add_row (GTK_GRID (grid), row++, _("_Annotator ID"), self->id_entry, NULL);

  self->id_error = new_caption ();
  gtk_widget_remove_css_class (self->id_error, "dim-label");
  gtk_widget_add_css_class (self->id_error, "error");
  gtk_label_set_text (GTK_LABEL (self->id_error),
                      _("Use lowercase letters, digits, “-” and “_”, starting with a letter "
                        "or a digit."));
  gtk_widget_set_visible (self->id_error, FALSE);
  gtk_grid_attach (GTK_GRID (grid), self->id_error, 1, row++, 1, 1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->id_entry),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->id_error, NULL, -1);

  self->keep_check = gtk_check_button_new_with_mnemonic (_("_Keep the annotator each line names"));
  gtk_widget_set_tooltip_text (self->keep_check,
                               _("A team’s export comes back as each person’s sidecars"));
  g_signal_connect_swapped (self->keep_check, "toggled", G_CALLBACK (on_keep_toggled), self);
  gtk_grid_attach (GTK_GRID (grid), self->keep_check, 1, row++, 1, 1);

  /* Buttons */
  cancel_button = gtk_button_new_with_mnemonic (_("_Cancel"));
  g_signal_connect_swapped (cancel_button, "clicked", G_CALLBACK (on_close_clicked), self);
  self->import_button = gtk_button_new_with_mnemonic (_("_Import"));
  gtk_widget_add_css_class (self->import_button, "suggested-action");
  g_signal_connect_swapped (self->import_button, "clicked", G_CALLBACK (on_import_clicked), self);
  gtk_box_append (GTK_BOX (page), create_button_row (cancel_button, self->import_button));

  return page;
}

static GtkWidget *
create_running_page (GlossImportDialog *self)
{
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *heading = gtk_label_new (_("Importing…"));

  gtk_label_set_xalign (GTK_LABEL (heading), 0.0f);
  gtk_widget_add_css_class (heading, "title-4");
  gtk_box_append (GTK_BOX (page), heading);

  self->progress_detail = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->progress_detail), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (self->progress_detail), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->progress_detail), PANGO_WRAP_WORD_CHAR);
  gtk_box_append (GTK_BOX (page), self->progress_detail);

  self->progress_bar = gtk_progress_bar_new ();
  gtk_progress_bar_set_pulse_step (GTK_PROGRESS_BAR (self->progress_bar), 0.1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Import progress"), -1);
  gtk_box_append (GTK_BOX (page), self->progress_bar);

  self->stop_button = gtk_button_new_with_mnemonic (_("_Cancel"));
  g_signal_connect_swapped (self->stop_button, "clicked", G_CALLBACK (on_stop_clicked), self);
  gtk_box_append (GTK_BOX (page), create_button_row (self->stop_button, NULL));

  return page;
}

static GtkWidget *
create_result_page (GlossImportDialog *self)
{
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *problems_label;
  GtkWidget *scroller;
  GtkWidget *back_button;

  self->result_heading = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->result_heading), 0.0f);
  gtk_widget_add_css_class (self->result_heading, "title-4");
  gtk_box_append (GTK_BOX (page), self->result_heading);

  self->result_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->result_label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (self->result_label), 50);
  gtk_label_set_xalign (GTK_LABEL (self->result_label), 0.0f);
  gtk_label_set_selectable (GTK_LABEL (self->result_label), TRUE);
  gtk_box_append (GTK_BOX (page), self->result_label);

  self->result_location = new_caption ();
  gtk_label_set_selectable (GTK_LABEL (self->result_location), TRUE);
  gtk_box_append (GTK_BOX (page), self->result_location);

  self->problems_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_vexpand (self->problems_box, TRUE);
  problems_label = gtk_label_new_with_mnemonic (_("_Problems"));
  gtk_label_set_xalign (GTK_LABEL (problems_label), 0.0f);
  gtk_widget_add_css_class (problems_label, "heading");
  gtk_box_append (GTK_BOX (self->problems_box), problems_label);

  self->problems_view = gtk_text_view_new ();
  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->problems_view), FALSE);
  /* A visible caret lets the keyboard move through a long list. */
  gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (self->problems_view), TRUE);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (self->problems_view), TRUE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (self->problems_view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (self->problems_view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (self->problems_view), 6);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (self->problems_view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (self->problems_view), 6);
  gtk_label_set_mnemonic_widget (GTK_LABEL (problems_label), self->problems_view);

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->problems_view);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 100);
  gtk_scrolled_window_set_has_frame (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (self->problems_box), scroller);
  gtk_box_append (GTK_BOX (page), self->problems_box);

  back_button = gtk_button_new_with_mnemonic (_("_Back"));
  gtk_widget_set_tooltip_text (back_button, _("Change the Choices and Import Again"));
  g_signal_connect_swapped (back_button, "clicked", G_CALLBACK (on_back_clicked), self);
  self->close_button = gtk_button_new_with_mnemonic (_("_Close"));
  g_signal_connect_swapped (self->close_button, "clicked", G_CALLBACK (on_close_clicked), self);
  gtk_box_append (GTK_BOX (page), create_button_row (back_button, self->close_button));

  return page;
}

static void
gloss_import_dialog_init (GlossImportDialog *self)
{
  self->format = formats[0].format;

  gtk_window_set_title (GTK_WINDOW (self), _("Import Annotations"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);

  self->stack = gtk_stack_new ();
  /* A window's minimum height is measured at its minimum width: without a
   * floor the wrapped captions would make it far taller than it needs. */
  gtk_widget_set_size_request (self->stack, 420, -1);
  gtk_widget_set_margin_top (self->stack, 18);
  gtk_widget_set_margin_bottom (self->stack, 18);
  gtk_widget_set_margin_start (self->stack, 18);
  gtk_widget_set_margin_end (self->stack, 18);
  gtk_stack_add_named (GTK_STACK (self->stack), create_choices_page (self), "choices");
  gtk_stack_add_named (GTK_STACK (self->stack), create_running_page (self), "running");
  gtk_stack_add_named (GTK_STACK (self->stack), create_result_page (self), "result");
  gtk_window_set_child (GTK_WINDOW (self), self->stack);

  gtk_window_set_default_widget (GTK_WINDOW (self), self->import_button);
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
  g_autoptr(GTask) task = NULL;
  g_autofree char *name = NULL;
  g_autofree char *detail = NULL;
  ImportJob *job;

  g_return_val_if_fail (GLOSS_IS_IMPORT_DIALOG (self), FALSE);

  if (!can_run (self))
    return FALSE;

  job = g_new0 (ImportJob, 1);
  job->format = self->format;
  job->offsets = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->offsets_dropdown));
  job->input = g_object_ref (self->input);
  job->output = g_object_ref (self->output_folder);
  job->annotator_id = g_strdup (chosen_annotator_id (self));
  gloss_import_summary_init (&job->summary);

  self->job = job;
  self->cancellable = g_cancellable_new ();
  self->close_pending = FALSE;
  g_clear_pointer (&self->result, g_free);

  name = dup_display_name (self->input);
  detail = g_strdup_printf (_("Reading “%s”"), name);
  gtk_label_set_text (GTK_LABEL (self->progress_detail), detail);
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress_bar), 0.0);
  gtk_widget_set_sensitive (self->stop_button, TRUE);
  self->pulse_id = g_timeout_add (PULSE_INTERVAL_MS, pulse, self);

  set_finished (self, FALSE);
  set_running (self, TRUE);
  update_import_button (self);
  show_page (self, "running");

  /* No source object: the worker may drop the task last, and a widget
   * must be finalized on the main thread. The callback's reference is. */
  task = g_task_new (NULL, self->cancellable, import_done, g_object_ref (self));
  g_task_set_source_tag (task, gloss_import_dialog_run);
  g_task_set_task_data (task, job, import_job_free);
  g_task_run_in_thread (task, import_thread);

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
  gtk_widget_set_sensitive (self->stop_button, FALSE);
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
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (GLOSS_IS_IMPORT_DIALOG (self), NULL);

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->problems_view));
  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}
