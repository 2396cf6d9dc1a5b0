/* gloss-export-dialog.c — Export…: a corpus as a dataset, with progress
 *
 * Four pages in a stack: the choices, the progress of a running export,
 * the question asked before it writes over an existing file or into a
 * folder that is not empty, and its result. The scan of the source runs
 * in a worker thread (gloss_corpus_add_path() blocks) and the export is the
 * model's gloss_export_corpus_async(), so the main loop never waits on the
 * disk; the export waits for the person's answer to the question. The
 * widgets are in ui/gloss-export-dialog.ui; the running and result pages
 * are the GlossProgressPage that Import… shows too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gloss-corpus.h"
#include "gloss-export-dialog-private.h"
#include "gloss-progress-page.h"

/* What each format keeps and loses, in GlossFormat order (the names are
 * the template's dropdown rows, in the same order). */
static const char * const format_descriptions[] = {
  [GLOSS_FORMAT_JSONL] =
    N_("One JSON object a line per article and annotator, with spans, relations and notes: "
       "nothing is lost."),
  [GLOSS_FORMAT_DOCCANO] =
    N_("doccano’s JSONL for sequence labelling: the text and [start, end, label] per span, "
       "or entities and relations with Relations on. Notes are lost."),
  [GLOSS_FORMAT_CONLL] =
    N_("One token a line with a tag column per kind (entity, quote, claim). Relations, notes "
       "and overlaps within a column are lost."),
  [GLOSS_FORMAT_BRAT] =
    N_("A folder with a .txt and an .ann file per article and annotator, relations and notes "
       "included."),
  [GLOSS_FORMAT_W3C] =
    N_("One JSON-LD collection of Web Annotations with text quote and position selectors: "
       "nothing is lost."),
  [GLOSS_FORMAT_CSV] =
    N_("One row per span, for spreadsheets; a quote keeps one speaker, other relations are "
       "lost."),
  [GLOSS_FORMAT_HF] =
    N_("Hugging Face token classification: one JSON line per sentence with CoNLL’s tokens and "
       "one tag column. Relations, notes and overlaps are lost."),
  [GLOSS_FORMAT_LABEL_STUDIO] =
    N_("Label Studio tasks, one per article with an annotation per annotator, and the labelling "
       "config beside them (NAME.label_config.xml). Attributes and article fields are lost."),
  [GLOSS_FORMAT_UIMA_JSON] =
    N_("INCEpTION’s UIMA CAS JSON: a folder with ARTICLE/ANNOTATOR.json, spans, relations, "
       "notes and attributes included."),
  [GLOSS_FORMAT_WEBANNO_TSV] =
    N_("WebAnno TSV 3.3 for INCEpTION: a folder with a .tsv per article and annotator, spans, "
       "relations and notes on Gloss’s tokens. Attributes are lost."),
};

/* In GlossOffsetUnit order, so a row is its unit; a format that takes
 * fewer units (brat) is offered the first ones. */
static const char * const offset_names[] = {
  [GLOSS_OFFSETS_CODE_POINTS] = N_("Code points (Python, spaCy)"),
  [GLOSS_OFFSETS_UTF16] = N_("UTF-16 code units (JavaScript, Java, doccano)"),
  [GLOSS_OFFSETS_BYTES] = N_("UTF-8 bytes (Rust, Go)"),
};

/* What each of CoNLL's layouts writes, for the reader it is meant for
 * (docs/conll.md), in GlossConllVariant order (the names are the
 * template's dropdown rows, in the same order). */
static const char * const conll_variant_descriptions[] = {
  [GLOSS_CONLL_VARIANT_FULL] =
    N_("Token, offsets and the tag columns, with a comment line naming each article and "
       "annotator."),
  [GLOSS_CONLL_VARIANT_NLTK] =
    N_("No comment lines: a -DOCSTART- row starts each article and annotator, in the same "
       "order as the full layout. A hyphen in a label is written as _."),
  [GLOSS_CONLL_VARIANT_SPACY_NER] =
    N_("CoNLL-2003 for “spacy convert --converter ner”: -DOCSTART- -X- O O lines, the token "
       "and one tag column."),
};

/* The tag column rows, in this order; a variant that has room for one
 * column only (spaCy) is offered the first ones, as offsets are. */
static const struct
{
  GlossConllTags  tags;
  const char     *name;
} conll_tag_rows[] = {
  { GLOSS_CONLL_TAGS_ENTITY, N_("Entity") },
  { GLOSS_CONLL_TAGS_QUOTE, N_("Quote") },
  { GLOSS_CONLL_TAGS_CLAIM, N_("Claim") },
  { GLOSS_CONLL_TAGS_ALL, N_("All") },
};

/* An export that ended without writing: shown once we know whether the
 * old output is still there, which is looked at off the main thread. */
typedef struct
{
  GlossExportDialog  *dialog;     /* a reference */
  GlossExportSummary  summary;
  GError             *error;
} Outcome;

/* The annotators' list scrolls beyond this height (ui/gloss-export-dialog.ui's
 * max-content-height). */
#define MAX_ANNOTATORS_HEIGHT 160

struct _GlossExportDialog
{
  GtkWindow             parent_instance;

  GFile                *source;
  char                 *annotator_id;
  GFile                *root;           /* article ids are relative to it */
  GlossCorpus          *corpus;         /* once scanned */
  GCancellable         *scan_cancellable;
  GFile                *destination;
  GlossFormat           format;
  GtkFileChooserNative *chooser;
  GFile                *chooser_confirmed;  /* an existing file the chooser asked to replace */
  GPtrArray            *annotator_checks;

  GCancellable         *export_cancellable;  /* the running export's; NULL once disposed */
  GCancellable         *check_cancellable;   /* cancelled when disposed */
  GFile                *export_output;
  GlossFormat           export_format;
  gboolean              export_hf_tag_ids;
  GlossExportReply     *reply;          /* the question waiting for its answer */
  char                 *result;

  /* choices */
  GtkWidget            *stack;
  GtkWidget            *intro_label;
  GtkWidget            *format_dropdown;
  GtkWidget            *format_description;
  GtkWidget            *annotators_label;
  GtkWidget            *annotators_stack;
  GtkWidget            *annotators_box;
  GtkWidget            *annotators_scroll;
  GtkWidget            *annotators_message;
  GtkWidget            *labels_entry;
  GtkWidget            *offsets_dropdown;
  GtkWidget            *offsets_description;
  GtkWidget            *conll_variant_label;
  GtkWidget            *conll_variant_dropdown;
  GtkWidget            *conll_variant_description;
  GtkWidget            *conll_tags_label;
  GtkWidget            *conll_tags_dropdown;
  GtkWidget            *conll_attributes_check;
  GtkWidget            *doccano_relations_label;
  GtkWidget            *doccano_relations_switch;
  GtkWidget            *doccano_relations_description;
  GtkWidget            *label_studio_predictions_label;
  GtkWidget            *label_studio_predictions_switch;
  GtkWidget            *label_studio_predictions_description;
  GtkWidget            *hf_tag_ids_label;
  GtkWidget            *hf_tag_ids_switch;
  GtkWidget            *hf_tag_ids_description;
  GtkWidget            *destination_button;
  GtkWidget            *destination_label;
  GtkWidget            *destination_path;
  GtkWidget            *export_button;

  /* running, then the result */
  GtkWidget            *progress_page;

  /* the question */
  GtkWidget            *question_heading;
  GtkWidget            *question_label;
  GtkWidget            *question_list_box;
  GtkWidget            *question_list;
  GtkWidget            *replace_button;
  GtkWidget            *keep_button;

  guint                 source_is_folder : 1;
  guint                 scanning : 1;
  guint                 running : 1;
  guint                 finished : 1;
  guint                 close_pending : 1;
  guint                 asking : 1;
  guint                 conll_tags_chosen : 1;  /* by the person, not by a layout's default */
  guint                 updating_conll_tags : 1;
};

G_DEFINE_FINAL_TYPE (GlossExportDialog, gloss_export_dialog, GTK_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SOURCE,
  PROP_ANNOTATOR_ID,
  PROP_SCANNING,
  PROP_RUNNING,
  PROP_FINISHED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Small helpers
 * ------------------------------------------------------------------------ */

static void
set_flag (GlossExportDialog *self,
          guint              prop_id,
          gboolean           value)
{
  gboolean changed = FALSE;

  switch (prop_id)
    {
    case PROP_SCANNING:
      changed = self->scanning != !!value;
      self->scanning = !!value;
      break;
    case PROP_RUNNING:
      changed = self->running != !!value;
      self->running = !!value;
      break;
    case PROP_FINISHED:
      changed = self->finished != !!value;
      self->finished = !!value;
      break;
    default:
      g_assert_not_reached ();
    }

  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

/* The folder or file name as people see it. */
static char *
dup_display_name (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);

  return g_filename_display_name (name);
}

/* CoNLL and hf count code points only, uima-json and webanno-tsv UTF-16
 * only: the unit its readers count (gloss_format_get_default_offsets()) is its only one. */
static gboolean
takes_one_unit (GlossFormat format)
{
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (offset_names); i++)
    if (gloss_format_check_offsets (format, (GlossOffsetUnit) i, NULL))
      n++;
  return n == 1;
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

/* Why the format starts from the unit it does; NULL when there is nothing
 * to say (code points, like Python). */
static const char *
offsets_caption (GlossFormat format)
{
  switch (format)
    {
    case GLOSS_FORMAT_CONLL:
      return _("CoNLL always counts code points.");
    case GLOSS_FORMAT_HF:
      return _("Hugging Face’s file holds tokens, no offsets: they are cut as CoNLL cuts them.");
    case GLOSS_FORMAT_BRAT:
      return _("brat counts code points. Choose UTF-16 only for INCEpTION or brat 1.3’s "
               "viewer, which count UTF-16 code units.");
    case GLOSS_FORMAT_DOCCANO:
      return _("doccano counts UTF-16 code units, as its viewer slices JavaScript strings.");
    case GLOSS_FORMAT_LABEL_STUDIO:
      return _("Label Studio counts code points.");
    case GLOSS_FORMAT_UIMA_JSON:
      return _("UIMA and INCEpTION count UTF-16 code units, as Java strings do.");
    case GLOSS_FORMAT_WEBANNO_TSV:
      return _("WebAnno TSV counts UTF-16 code units, as its specification requires.");
    case GLOSS_FORMAT_JSONL:
    case GLOSS_FORMAT_W3C:
    case GLOSS_FORMAT_CSV:
    default:
      return NULL;
    }
}

/* The tag column rows @variant can hold, in a fresh model. */
static GListModel *
new_conll_tags_model (GlossConllVariant variant)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (conll_tag_rows); i++)
    if (gloss_conll_check_tags (variant, conll_tag_rows[i].tags, NULL))
      gtk_string_list_append (list, _(conll_tag_rows[i].name));

  return G_LIST_MODEL (list);
}

/* The tag columns a variant starts from, as gloss-cli's: every column for
 * the full file, the entity column for the others. */
static GlossConllTags
conll_default_tags (GlossConllVariant variant)
{
  return variant == GLOSS_CONLL_VARIANT_FULL ? GLOSS_CONLL_TAGS_ALL : GLOSS_CONLL_TAGS_ENTITY;
}

static guint
conll_tags_to_row (GlossConllTags tags)
{
  for (guint i = 0; i < G_N_ELEMENTS (conll_tag_rows); i++)
    if (conll_tag_rows[i].tags == tags)
      return i;

  g_return_val_if_reached (0);
}

/* "a, b,,a" → { "a", "b" }; NULL when no label is named (all labels). */
static char **
split_labels (const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) parts = g_strsplit (text != NULL ? text : "", ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *label = g_strstrip (parts[i]);

      if (label[0] != '\0'
          && !g_ptr_array_find_with_equal_func (labels, label, g_str_equal, NULL))
        g_ptr_array_add (labels, g_strdup (label));
    }

  if (labels->len == 0)
    return NULL;

  g_ptr_array_add (labels, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&labels), FALSE);
}

/* The export
 * ------------------------------------------------------------------------ */

static void show_question (GlossExportDialog         *self,
                           const GlossExportExisting *existing);
static void set_asking    (GlossExportDialog         *self,
                           gboolean                   asking);
static void export_done   (GObject                   *object,
                           GAsyncResult              *result,
                           gpointer                   user_data);

/* gloss_export_corpus_async()'s progress, on our context. Once the dialog
 * is disposed its widgets are gone, and late news is dropped. */
static void
on_export_progress (guint    done,
                    guint    total,
                    gpointer user_data)
{
  GlossExportDialog *self = user_data;
  g_autofree char *text = NULL;

  if (self->export_cancellable == NULL)
    return;

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u article", "%u of %u articles", total),
                          done, total);
  gloss_progress_page_set_progress (GLOSS_PROGRESS_PAGE (self->progress_page),
                                    total > 0 ? (double) done / total : 1.0,
                                    text);
}

/* gloss_export_corpus_async()'s question, on our context: asked, unless
 * nobody is there to answer or the person already did (the file chooser
 * asks before replacing a file). */
static void
on_export_ask (const GlossExportExisting *existing,
               GlossExportReply          *reply,
               gpointer                   user_data)
{
  GlossExportDialog *self = user_data;

  if (self->export_cancellable == NULL)
    gloss_export_reply_answer (reply, FALSE);
  /* The chooser asked about the file alone, not about the file the
   * format writes beside it (label-studio's config). */
  else if (!existing->folder && !existing->companion && self->chooser_confirmed != NULL
           && g_file_equal (self->chooser_confirmed, existing->output))
    gloss_export_reply_answer (reply, TRUE);
  else
    {
      /* One question at a time: the export waits for its answer. */
      if (self->reply != NULL)
        gloss_export_reply_answer (g_steal_pointer (&self->reply), FALSE);
      self->reply = reply;
      show_question (self, existing);
    }
}

/* The one place that starts the work: the export runs in the model's
 * worker thread, reports progress and asks its question through the two
 * functions above, and ends in export_done(). */
static void
start_export (GlossExportDialog        *self,
              const GlossExportOptions *options)
{
  /* The dialog is @hooks_data: the callback's reference keeps it until
   * the export has ended, and it is let go on the main thread. */
  gloss_export_corpus_async (self->corpus, self->root, options, self->export_output,
                             on_export_progress, on_export_ask, self,
                             self->export_cancellable, export_done, g_object_ref (self));
}

/* The result page
 * ------------------------------------------------------------------------ */

static void
show_page (GlossExportDialog *self,
           const char        *name)
{
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), name);

  /* Keyboard users stay on a visible widget, and Enter does what the page
   * is for. */
  if (g_str_equal (name, "choices"))
    {
      gtk_window_set_default_widget (GTK_WINDOW (self), self->export_button);
      gtk_widget_grab_focus (self->format_dropdown);
    }
  else if (g_str_equal (name, "question"))
    {
      /* Enter keeps what is there: replacing takes a deliberate choice. */
      gtk_window_set_default_widget (GTK_WINDOW (self), self->keep_button);
      gtk_widget_grab_focus (self->keep_button);
    }
  else
    gloss_progress_page_focus (GLOSS_PROGRESS_PAGE (self->progress_page));
}

static void
show_result (GlossExportDialog        *self,
             const GlossExportSummary *summary,
             const GError             *error,
             gboolean                  output_exists)
{
  gboolean ok = error == NULL;
  g_autofree char *where = g_file_get_parse_name (self->export_output);
  g_autofree char *location = NULL;
  const char *heading;

  g_clear_pointer (&self->result, g_free);

  if (ok)
    {
      gboolean clean = summary->failed == 0 && summary->problems->len == 0;

      heading = clean ? _("Export Complete") : _("Exported with Problems");
      self->result = gloss_export_summary_to_string (summary);
      if (self->export_format == GLOSS_FORMAT_LABEL_STUDIO)
        {
          g_autoptr(GFile) config = gloss_label_studio_config_file (self->export_output);
          g_autofree char *config_where = g_file_get_parse_name (config);

          location = g_strdup_printf (_("Written to %s, and its labelling config to %s"),
                                      where, config_where);
        }
      else if (self->export_format == GLOSS_FORMAT_HF && self->export_hf_tag_ids)
        {
          g_autoptr(GFile) info = gloss_hf_dataset_info_file (self->export_output);
          g_autofree char *info_where = g_file_get_parse_name (info);

          location = g_strdup_printf (_("Written to %s, and its label list to %s"),
                                      where, info_where);
        }
      else
        location = g_strdup_printf (gloss_format_writes_folder (self->export_format)
                                    ? _("Written to the folder %s") : _("Written to %s"),
                                    where);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      heading = _("Export Cancelled");
      self->result = g_strdup (_("Nothing was written."));
      /* The export only renames its output into place when complete. */
      location = output_exists
                 ? g_strdup_printf (_("%s was left as it was."), where)
                 : NULL;
    }
  else
    {
      heading = _("Export Failed");
      self->result = g_strdup (error->message);
      location = output_exists
                 ? g_strdup_printf (_("Nothing was written; %s was left as it was."), where)
                 : g_strdup (_("Nothing was written."));
    }

  gloss_progress_page_show_result (GLOSS_PROGRESS_PAGE (self->progress_page), heading,
                                   self->result, location, summary->problems);
  show_page (self, "progress");
}

static void
outcome_free (Outcome *outcome)
{
  g_clear_object (&outcome->dialog);
  gloss_export_summary_clear (&outcome->summary);
  g_clear_error (&outcome->error);
  g_free (outcome);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Outcome, outcome_free)

/* The export has ended and its result is known: the running page gives
 * way to the result, or the window goes if closing was asked for. */
static void
end_export (GlossExportDialog *self,
            Outcome           *outcome,
            gboolean           output_exists)
{
  g_clear_object (&self->export_cancellable);

  if (self->close_pending)
    {
      set_flag (self, PROP_RUNNING, FALSE);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  show_result (self, &outcome->summary, outcome->error, output_exists);
  set_flag (self, PROP_RUNNING, FALSE);
  set_flag (self, PROP_FINISHED, TRUE);
}

static void
output_checked (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Outcome) outcome = user_data;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  info = g_file_query_info_finish (G_FILE (object), result, &error);

  /* Cancelled only when the dialog goes away. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  end_export (outcome->dialog, outcome, info != NULL);
}

static void
export_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GlossExportDialog) self = user_data;
  g_autoptr(Outcome) outcome = g_new0 (Outcome, 1);

  gloss_export_summary_init (&outcome->summary);
  gloss_export_corpus_finish (result, &outcome->summary, &outcome->error);

  /* The dialog was destroyed meanwhile: its widgets are gone. */
  if (self->export_cancellable == NULL)
    return;

  /* A question the export stopped waiting for (cancelled) still wants
   * its answer, to be let go. */
  if (self->reply != NULL)
    gloss_export_reply_answer (g_steal_pointer (&self->reply), FALSE);
  set_asking (self, FALSE);

  if (outcome->error == NULL || self->close_pending)
    {
      end_export (self, outcome, TRUE);
      return;
    }

  /* Nothing was written: the result says whether the old output is there. */
  outcome->dialog = g_object_ref (self);
  g_file_query_info_async (self->export_output, G_FILE_ATTRIBUTE_STANDARD_TYPE,
                           G_FILE_QUERY_INFO_NONE, G_PRIORITY_DEFAULT,
                           self->check_cancellable, output_checked,
                           g_steal_pointer (&outcome));
}

/* The question page
 * ------------------------------------------------------------------------ */

static void
set_asking (GlossExportDialog *self,
            gboolean           asking)
{
  self->asking = !!asking;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.replace", asking);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.keep", asking);
}

/* Says what is there and what the export would do to it, and waits for
 * Replace or Cancel. */
static void
show_question (GlossExportDialog         *self,
               const GlossExportExisting *existing)
{
  g_autofree char *name = dup_display_name (existing->output);
  g_autofree char *heading = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GString) list = g_string_new (NULL);
  guint n_replaced = existing->replaced->len;
  guint n_kept = existing->kept->len;
  GtkTextBuffer *buffer;

  if (!existing->folder && existing->companion)
    {
      heading = g_strdup_printf (_("Replace Files Beside “%s”?"), name);
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "The export writes a file beside the one chosen, and %u file of its names already exists: it would be replaced by the export’s.",
                                           "The export writes a file beside the one chosen, and %u files of its names already exist: they would be replaced by the export’s.",
                                           n_replaced),
                              n_replaced);
    }
  else if (!existing->folder)
    {
      heading = g_strdup_printf (_("Replace “%s”?"), name);
      text = g_strdup (_("A file of that name already exists. Replacing it overwrites "
                         "what it holds with the export."));
    }
  else if (n_replaced == 0)
    {
      heading = g_strdup_printf (_("Export Into “%s”?"), name);
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "The folder is not empty: it holds %u item, which the export leaves as it is. No file is replaced.",
                                           "The folder is not empty: it holds %u items, which the export leaves as they are. No file is replaced.",
                                           n_kept),
                              n_kept);
    }
  else
    {
      g_autofree char *replaced = NULL;

      heading = g_strdup_printf (_("Replace Files in “%s”?"), name);
      replaced = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "The folder already holds %u file of a name the export writes: it would be replaced by the export’s.",
                                               "The folder already holds %u files of names the export writes: they would be replaced by the export’s.",
                                               n_replaced),
                                  n_replaced);
      if (n_kept > 0)
        {
          g_autofree char *kept = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "The %u other item in the folder is left as it is.",
                                                                "The %u other items in the folder are left as they are.",
                                                                n_kept),
                                                   n_kept);

          text = g_strconcat (replaced, " ", kept, NULL);
        }
      else
        text = g_steal_pointer (&replaced);
    }

  for (guint i = 0; (existing->folder || existing->companion) && i < n_replaced; i++)
    {
      if (i > 0)
        g_string_append_c (list, '\n');
      g_string_append (list, g_ptr_array_index (existing->replaced, i));
    }
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->question_list));
  gtk_text_buffer_set_text (buffer, list->str, list->len);
  gtk_widget_set_visible (self->question_list_box, list->len > 0);

  gtk_label_set_text (GTK_LABEL (self->question_heading), heading);
  gtk_label_set_text (GTK_LABEL (self->question_label), text);
  gtk_button_set_label (GTK_BUTTON (self->replace_button),
                        existing->folder && n_replaced == 0 ? _("_Export") : _("_Replace"));

  set_asking (self, TRUE);
  show_page (self, "question");
  gtk_label_select_region (GTK_LABEL (self->question_label), 0, 0);
}

static void
answer_question (GlossExportDialog *self,
                 gboolean           replace)
{
  if (!self->asking || self->reply == NULL)
    return;

  set_asking (self, FALSE);
  gloss_export_reply_answer (g_steal_pointer (&self->reply), replace);
  show_page (self, "progress");
  if (!replace)
    gloss_progress_page_set_stopping (GLOSS_PROGRESS_PAGE (self->progress_page),
                                      _("Cancelling…"));
}

static void
replace_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  answer_question (GLOSS_EXPORT_DIALOG (widget), TRUE);
}

static void
keep_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  answer_question (GLOSS_EXPORT_DIALOG (widget), FALSE);
}

/* The choices
 * ------------------------------------------------------------------------ */

static guint
count_chosen_annotators (GlossExportDialog *self)
{
  guint n = 0;

  for (guint i = 0; i < self->annotator_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->annotator_checks, i)))
      n++;

  return n;
}

static gboolean
can_run (GlossExportDialog *self)
{
  return !self->scanning && !self->running
         && self->corpus != NULL
         && self->destination != NULL
         && count_chosen_annotators (self) > 0;
}

static void
update_export_button (GlossExportDialog *self)
{
  gtk_widget_set_sensitive (self->export_button, can_run (self));
}

static void
update_destination_widgets (GlossExportDialog *self)
{
  const char *text;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  if (self->destination != NULL)
    {
      name = dup_display_name (self->destination);
      path = g_file_get_parse_name (self->destination);
      text = name;
    }
  else
    text = gloss_format_writes_folder (self->format) ? _("Choose a Folder…") : _("Choose a File…");

  gtk_label_set_text (GTK_LABEL (self->destination_label), text);
  gtk_label_set_text (GTK_LABEL (self->destination_path),
                      path != NULL ? path : _("Nothing chosen yet"));
  update_export_button (self);
}

/* Keeps a chosen file name in step with the format: "samples.jsonl" becomes
 * "samples.csv" when CSV is chosen. A folder (brat) and a file do not stand
 * for each other, so switching between them asks again. */
static void
retarget_destination (GlossExportDialog *self,
                      GlossFormat        old_format,
                      GlossFormat        new_format)
{
  const char *old_extension = gloss_format_get_extension (old_format);
  const char *new_extension = gloss_format_get_extension (new_format);
  g_autofree char *name = NULL;
  g_autoptr(GFile) parent = NULL;
  g_autofree char *new_name = NULL;
  g_autoptr(GFile) retargeted = NULL;

  if (self->destination == NULL)
    return;

  if (gloss_format_writes_folder (old_format) != gloss_format_writes_folder (new_format))
    {
      g_clear_object (&self->destination);
      return;
    }

  if (old_extension == NULL || new_extension == NULL)
    return;

  name = g_file_get_basename (self->destination);
  parent = g_file_get_parent (self->destination);
  if (parent == NULL || !g_str_has_suffix (name, old_extension))
    return;

  name[strlen (name) - strlen (old_extension)] = '\0';
  new_name = g_strconcat (name, new_extension, NULL);
  retargeted = g_file_get_child (parent, new_name);
  g_set_object (&self->destination, retargeted);
}

static void on_conll_variant_changed (GlossExportDialog *self);
static GlossConllTags get_conll_tags (GlossExportDialog *self);

/* hf writes one of CoNLL's tag columns: the tag column row is offered
 * without All, as for CoNLL's one-column layout, starting from entity. */
static void
offer_hf_tags (GlossExportDialog *self)
{
  g_autoptr(GListModel) model = new_conll_tags_model (GLOSS_CONLL_VARIANT_SPACY_NER);
  GlossConllTags tags = get_conll_tags (self);

  if (!self->conll_tags_chosen || tags == GLOSS_CONLL_TAGS_DEFAULT || tags == GLOSS_CONLL_TAGS_ALL)
    tags = GLOSS_CONLL_TAGS_ENTITY;

  self->updating_conll_tags = TRUE;
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->conll_tags_dropdown), model);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->conll_tags_dropdown), conll_tags_to_row (tags));
  self->updating_conll_tags = FALSE;
}

static void
on_format_changed (GlossExportDialog *self)
{
  GlossFormat format = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->format_dropdown));
  gboolean one_unit;

  if (format >= G_N_ELEMENTS (format_descriptions))
    return;

  retarget_destination (self, self->format, format);
  self->format = format;

  gtk_label_set_text (GTK_LABEL (self->format_description), _(format_descriptions[format]));

  /* Each format starts from the unit its readers count (doccano: UTF-16),
   * and offers only the units it takes. CoNLL defines its offsets as code
   * points: showing another unit, even greyed out, would suggest it
   * applies. */
  one_unit = takes_one_unit (format);
  {
    g_autoptr(GListModel) model = new_offsets_model (format);
    const char *caption = offsets_caption (format);

    gtk_drop_down_set_model (GTK_DROP_DOWN (self->offsets_dropdown), model);
    gtk_drop_down_set_selected (GTK_DROP_DOWN (self->offsets_dropdown),
                                one_unit ? 0 : gloss_format_get_default_offsets (format));
    gtk_label_set_text (GTK_LABEL (self->offsets_description), caption != NULL ? caption : "");
    gtk_widget_set_visible (self->offsets_description, caption != NULL);
  }
  gtk_widget_set_sensitive (self->offsets_dropdown, !one_unit);

  /* The choices of one format only are not shown for the others, where
   * they would do nothing. */
  {
    gboolean conll = format == GLOSS_FORMAT_CONLL;
    gboolean hf = format == GLOSS_FORMAT_HF;
    gboolean doccano = format == GLOSS_FORMAT_DOCCANO;
    gboolean label_studio = format == GLOSS_FORMAT_LABEL_STUDIO;

    gtk_widget_set_visible (self->conll_variant_label, conll);
    gtk_widget_set_visible (self->conll_variant_dropdown, conll);
    gtk_widget_set_visible (self->conll_variant_description, conll);
    gtk_widget_set_visible (self->conll_tags_label, conll || hf);
    gtk_widget_set_visible (self->conll_tags_dropdown, conll || hf);
    gtk_widget_set_visible (self->conll_attributes_check, conll);
    gtk_widget_set_visible (self->doccano_relations_label, doccano);
    gtk_widget_set_visible (self->doccano_relations_switch, doccano);
    gtk_widget_set_visible (self->doccano_relations_description, doccano);
    gtk_widget_set_visible (self->label_studio_predictions_label, label_studio);
    gtk_widget_set_visible (self->label_studio_predictions_switch, label_studio);
    gtk_widget_set_visible (self->label_studio_predictions_description, label_studio);
    gtk_widget_set_visible (self->hf_tag_ids_label, hf);
    gtk_widget_set_visible (self->hf_tag_ids_switch, hf);
    gtk_widget_set_visible (self->hf_tag_ids_description, hf);

    if (hf)
      offer_hf_tags (self);
    else if (conll)
      on_conll_variant_changed (self);
  }

  update_destination_widgets (self);
}

static GlossConllVariant
get_conll_variant (GlossExportDialog *self)
{
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->conll_variant_dropdown));

  return selected < G_N_ELEMENTS (conll_variant_descriptions) ? (GlossConllVariant) selected
                                                   : GLOSS_CONLL_VARIANT_FULL;
}

static GlossConllTags
get_conll_tags (GlossExportDialog *self)
{
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->conll_tags_dropdown));

  return selected < G_N_ELEMENTS (conll_tag_rows) ? conll_tag_rows[selected].tags
                                                   : GLOSS_CONLL_TAGS_DEFAULT;
}

static void
on_conll_tags_changed (GlossExportDialog *self)
{
  if (!self->updating_conll_tags)
    self->conll_tags_chosen = TRUE;
}

/* Offers the tag columns the layout can hold (spaCy's: one, so not All)
 * and keeps the person's choice where the layout allows it; otherwise, or
 * when nothing was chosen yet, starts from the layout's default as
 * gloss-cli does. */
static void
on_conll_variant_changed (GlossExportDialog *self)
{
  GlossConllVariant variant = get_conll_variant (self);
  GlossConllTags tags = get_conll_tags (self);
  g_autoptr(GListModel) model = new_conll_tags_model (variant);

  if (!self->conll_tags_chosen
      || tags == GLOSS_CONLL_TAGS_DEFAULT
      || !gloss_conll_check_tags (variant, tags, NULL))
    tags = conll_default_tags (variant);

  self->updating_conll_tags = TRUE;
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->conll_tags_dropdown), model);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->conll_tags_dropdown), conll_tags_to_row (tags));
  self->updating_conll_tags = FALSE;

  gtk_label_set_text (GTK_LABEL (self->conll_variant_description),
                      _(conll_variant_descriptions[variant]));

  /* spaCy's layout has room for one tag column only (the writer refuses
   * the option there, as gloss-cli does). */
  gtk_widget_set_sensitive (self->conll_attributes_check,
                            variant != GLOSS_CONLL_VARIANT_SPACY_NER);
}

static void
on_chooser_response (GlossExportDialog *self,
                     int                response)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser));

      if (file != NULL)
        {
          gloss_export_dialog_set_destination (self, file);
          /* Saving over an existing file, the chooser has asked already. */
          if (!gloss_format_writes_folder (self->format)
              && g_file_query_exists (file, NULL))
            g_set_object (&self->chooser_confirmed, file);
        }
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
}

/* Where the chooser starts: beside the corpus folder rather than in it, so
 * that a brat export (.txt files) is never taken for articles of the corpus
 * the next time it is opened. */
static GFile *
dup_default_folder (GlossExportDialog *self)
{
  GFile *parent;

  if (self->destination != NULL)
    return g_file_get_parent (self->destination);
  if (self->root == NULL)
    return NULL;

  if (self->source_is_folder || gloss_format_writes_folder (self->format))
    {
      parent = g_file_get_parent (self->root);
      if (parent != NULL)
        return parent;
    }

  return g_object_ref (self->root);
}

/* "samples" + ".jsonl" for a folder, "kyiv" + ".jsonl" for kyiv.txt. */
static char *
dup_suggested_name (GlossExportDialog *self)
{
  g_autofree char *base = NULL;
  char *dot;

  if (self->source == NULL)
    return NULL;

  base = g_file_get_basename (self->source);
  dot = strrchr (base, '.');
  if (!self->source_is_folder && dot != NULL && dot != base)
    *dot = '\0';

  return g_strconcat (base, gloss_format_get_extension (self->format), NULL);
}

static void
on_destination_clicked (GlossExportDialog *self)
{
  gboolean folder = gloss_format_writes_folder (self->format);
  g_autoptr(GFile) start = dup_default_folder (self);

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (folder ? _("Export to a Folder")
                                                      : _("Export to a File"),
                                               GTK_WINDOW (self),
                                               folder ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                                      : GTK_FILE_CHOOSER_ACTION_SAVE,
                                               folder ? _("_Select") : _("_Save"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);

  if (start != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), start, NULL);

  if (!folder)
    {
      g_autofree char *name = NULL;

      if (self->destination != NULL)
        name = g_file_get_basename (self->destination);
      else
        name = dup_suggested_name (self);
      if (name != NULL)
        gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
    }

  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_export_clicked (GlossExportDialog *self)
{
  gloss_export_dialog_run (self);
}

static void
on_cancel_clicked (GlossExportDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_stop_clicked (GlossExportDialog *self)
{
  gloss_export_dialog_cancel (self);
}

static void
on_back_clicked (GlossExportDialog *self)
{
  set_flag (self, PROP_FINISHED, FALSE);
  /* Export was made insensitive while the last one ran. */
  update_export_button (self);
  show_page (self, "choices");
}

/* The scan
 * ------------------------------------------------------------------------ */

static void
show_annotators_message (GlossExportDialog *self,
                         const char        *message)
{
  gtk_label_set_text (GTK_LABEL (self->annotators_message), message);
  gtk_stack_set_visible_child_name (GTK_STACK (self->annotators_stack), "message");
}

/* The window was sized before the scan filled the list, and a natural
 * height that grows does not grow a window that is already shown: the
 * list's minimum asks for every annotator (up to the list's maximum, then
 * it scrolls), so that none is hidden below the others (gold was). */
static void
fit_annotators_list (GlossExportDialog *self)
{
  int natural = 0;

  gtk_widget_measure (self->annotators_box, GTK_ORIENTATION_VERTICAL, -1,
                      NULL, &natural, NULL, NULL);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (self->annotators_scroll),
                                              MIN (natural, MAX_ANNOTATORS_HEIGHT));
}

static void
show_annotators (GlossExportDialog *self)
{
  g_auto(GStrv) ids = gloss_corpus_dup_annotators (self->corpus);

  if (ids[0] == NULL)
    {
      show_annotators_message (self, self->source_is_folder
                               ? _("Nobody has annotated an article of this folder yet.")
                               : _("Nobody has annotated this article yet."));
      return;
    }

  for (guint i = 0; ids[i] != NULL; i++)
    {
      const char *id = ids[i];
      g_autofree char *text = NULL;
      GtkWidget *check;

      if (g_strcmp0 (id, self->annotator_id) == 0)
        /* Translators: the user's own annotator id among the ones to export */
        text = g_strdup_printf (_("%s (you)"), id);
      else
        text = g_strdup (id);

      check = gtk_check_button_new_with_label (text);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      g_object_set_data_full (G_OBJECT (check), "annotator-id", g_strdup (id), g_free);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (update_export_button), self);
      gtk_box_append (GTK_BOX (self->annotators_box), check);
      g_ptr_array_add (self->annotator_checks, check);
    }

  gtk_label_set_mnemonic_widget (GTK_LABEL (self->annotators_label),
                                 g_ptr_array_index (self->annotator_checks, 0));
  gtk_stack_set_visible_child_name (GTK_STACK (self->annotators_stack), "list");
  fit_annotators_list (self);
}

static void
update_intro (GlossExportDialog *self)
{
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  guint n;

  if (self->source == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->intro_label),
                          _("Open an article or a folder of articles to export its annotations."));
      return;
    }

  name = dup_display_name (self->source);
  if (self->corpus == NULL)
    {
      text = g_strdup_printf (_("The annotations of “%s”, one record per article and annotator."),
                              name);
    }
  else
    {
      n = gloss_corpus_get_n_articles (self->corpus);
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "The annotations of %u article in “%s”, one record per article and annotator.",
                                           "The annotations of %u articles in “%s”, one record per article and annotator.",
                                           n),
                              n, name);
    }

  gtk_label_set_text (GTK_LABEL (self->intro_label), text);
}

static void
scan_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GlossExportDialog) self = user_data;
  g_autoptr(GlossCorpus) corpus = NULL;
  g_autoptr(GError) error = NULL;
  gboolean is_folder;

  corpus = gloss_corpus_scan_finish (result, &is_folder, &error);

  /* Cancelled only when the dialog goes away. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->scan_cancellable);
  set_flag (self, PROP_SCANNING, FALSE);

  if (corpus == NULL)
    {
      g_autofree char *name = dup_display_name (self->source);
      g_autofree char *message = g_strdup_printf (_("“%s” could not be read: %s"),
                                                  name, error->message);

      show_annotators_message (self, message);
      update_export_button (self);
      return;
    }

  /* Article ids are relative to the folder, or to the article's folder. */
  self->source_is_folder = is_folder;
  self->root = is_folder ? g_object_ref (self->source) : g_file_get_parent (self->source);
  self->corpus = g_steal_pointer (&corpus);
  update_intro (self);
  show_annotators (self);
  update_export_button (self);
}

static void
start_scan (GlossExportDialog *self)
{
  if (self->source == NULL)
    {
      show_annotators_message (self, _("Nothing to export."));
      return;
    }

  self->scan_cancellable = g_cancellable_new ();
  set_flag (self, PROP_SCANNING, TRUE);

  /* A folder that could not be read would leave its articles out of the
   * dataset without a word, as gloss-cli export refuses too. The callback
   * holds the dialog, so that it is finalized on the main thread. */
  gloss_corpus_scan_async (self->source, GLOSS_CORPUS_SCAN_COMPLETE, self->scan_cancellable,
                           scan_done, g_object_ref (self));
}

/* GObject
 * ------------------------------------------------------------------------ */

static gboolean
gloss_export_dialog_close_request (GtkWindow *window)
{
  GlossExportDialog *self = GLOSS_EXPORT_DIALOG (window);

  /* Closing means "stop": the window goes once the export has stopped and
   * the old output is back in place. */
  if (self->running)
    {
      self->close_pending = TRUE;
      gloss_export_dialog_cancel (self);
      return TRUE;
    }

  return GTK_WINDOW_CLASS (gloss_export_dialog_parent_class)->close_request (window);
}

static void
gloss_export_dialog_constructed (GObject *object)
{
  GlossExportDialog *self = GLOSS_EXPORT_DIALOG (object);

  G_OBJECT_CLASS (gloss_export_dialog_parent_class)->constructed (object);

  update_intro (self);
  on_format_changed (self);
  start_scan (self);
}

static void
gloss_export_dialog_dispose (GObject *object)
{
  GlossExportDialog *self = GLOSS_EXPORT_DIALOG (object);

  /* An export still running stops; its late news and result find no
   * dialog (export_cancellable is NULL), and its question is answered. */
  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
  g_clear_object (&self->export_cancellable);
  if (self->reply != NULL)
    gloss_export_reply_answer (g_steal_pointer (&self->reply), FALSE);
  g_cancellable_cancel (self->check_cancellable);

  if (self->scan_cancellable != NULL)
    g_cancellable_cancel (self->scan_cancellable);
  g_clear_object (&self->scan_cancellable);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->chooser_confirmed);

  g_clear_object (&self->corpus);
  g_clear_object (&self->destination);

  /* No gtk_widget_dispose_template(): GtkWindow disposes its own child. */

  G_OBJECT_CLASS (gloss_export_dialog_parent_class)->dispose (object);
}

static void
gloss_export_dialog_finalize (GObject *object)
{
  GlossExportDialog *self = GLOSS_EXPORT_DIALOG (object);

  g_clear_object (&self->source);
  g_clear_object (&self->root);
  g_clear_object (&self->export_output);
  g_clear_object (&self->check_cancellable);
  g_clear_pointer (&self->annotator_id, g_free);
  g_clear_pointer (&self->annotator_checks, g_ptr_array_unref);
  g_clear_pointer (&self->result, g_free);

  G_OBJECT_CLASS (gloss_export_dialog_parent_class)->finalize (object);
}

static void
gloss_export_dialog_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  GlossExportDialog *self = GLOSS_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      g_value_set_object (value, self->source);
      break;
    case PROP_ANNOTATOR_ID:
      g_value_set_string (value, self->annotator_id);
      break;
    case PROP_SCANNING:
      g_value_set_boolean (value, self->scanning);
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
gloss_export_dialog_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  GlossExportDialog *self = GLOSS_EXPORT_DIALOG (object);

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
gloss_export_dialog_class_init (GlossExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = gloss_export_dialog_constructed;
  object_class->dispose = gloss_export_dialog_dispose;
  object_class->finalize = gloss_export_dialog_finalize;
  object_class->get_property = gloss_export_dialog_get_property;
  object_class->set_property = gloss_export_dialog_set_property;

  window_class->close_request = gloss_export_dialog_close_request;

  properties[PROP_SOURCE] =
    g_param_spec_object ("source", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ANNOTATOR_ID] =
    g_param_spec_string ("annotator-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SCANNING] =
    g_param_spec_boolean ("scanning", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FINISHED] =
    g_param_spec_boolean ("finished", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  /* The question's two answers, also for tests. */
  gtk_widget_class_install_action (widget_class, "export.replace", NULL, replace_activated);
  gtk_widget_class_install_action (widget_class, "export.keep", NULL, keep_activated);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/gloss-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, format_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, format_description);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, annotators_label);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, annotators_stack);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, annotators_box);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, annotators_scroll);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, annotators_message);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, labels_entry);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, offsets_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, offsets_description);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, conll_variant_label);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, conll_variant_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, conll_variant_description);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, conll_tags_label);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, conll_tags_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, conll_attributes_check);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, doccano_relations_label);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, doccano_relations_switch);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, doccano_relations_description);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, label_studio_predictions_label);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, label_studio_predictions_switch);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, label_studio_predictions_description);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, hf_tag_ids_label);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, hf_tag_ids_switch);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, hf_tag_ids_description);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, destination_button);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, destination_label);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, destination_path);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, progress_page);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, question_heading);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, question_label);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, question_list_box);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, question_list);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, replace_button);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, keep_button);
  gtk_widget_class_bind_template_callback (widget_class, on_format_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_conll_variant_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_conll_tags_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_destination_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_export_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);
}

static void
gloss_export_dialog_init (GlossExportDialog *self)
{
  self->annotator_checks = g_ptr_array_new ();
  self->format = GLOSS_FORMAT_JSONL;
  self->check_cancellable = g_cancellable_new ();

  g_type_ensure (GLOSS_TYPE_PROGRESS_PAGE);
  gtk_widget_init_template (GTK_WIDGET (self));

  on_conll_variant_changed (self);
  update_export_button (self);
  set_asking (self, FALSE);
}

/* Public API
 * ------------------------------------------------------------------------ */

GtkWidget *
gloss_export_dialog_new (GtkWindow  *parent,
                         GFile      *source,
                         const char *annotator_id)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (source == NULL || G_IS_FILE (source), NULL);

  return g_object_new (GLOSS_TYPE_EXPORT_DIALOG,
                       "transient-for", parent,
                       "source", source,
                       "annotator-id", annotator_id,
                       NULL);
}

void
gloss_export_dialog_set_format (GlossExportDialog *self,
                                GlossFormat        format)
{
  g_return_if_fail (GLOSS_IS_EXPORT_DIALOG (self));
  g_return_if_fail ((guint) format < G_N_ELEMENTS (format_descriptions));

  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->format_dropdown), format);
}

GlossFormat
gloss_export_dialog_get_format (GlossExportDialog *self)
{
  g_return_val_if_fail (GLOSS_IS_EXPORT_DIALOG (self), GLOSS_FORMAT_JSONL);

  return self->format;
}

void
gloss_export_dialog_set_offsets (GlossExportDialog *self,
                                 GlossOffsetUnit    offsets)
{
  g_return_if_fail (GLOSS_IS_EXPORT_DIALOG (self));
  g_return_if_fail ((guint) offsets < G_N_ELEMENTS (offset_names));

  /* A unit the format does not take (bytes for brat) is not offered. */
  if (gtk_widget_get_sensitive (self->offsets_dropdown)
      && gloss_format_check_offsets (self->format, offsets, NULL))
    gtk_drop_down_set_selected (GTK_DROP_DOWN (self->offsets_dropdown), offsets);
}

void
gloss_export_dialog_set_destination (GlossExportDialog *self,
                                     GFile             *destination)
{
  g_return_if_fail (GLOSS_IS_EXPORT_DIALOG (self));
  g_return_if_fail (destination == NULL || G_IS_FILE (destination));

  g_set_object (&self->destination, destination);
  update_destination_widgets (self);
}

GFile *
gloss_export_dialog_get_destination (GlossExportDialog *self)
{
  g_return_val_if_fail (GLOSS_IS_EXPORT_DIALOG (self), NULL);

  return self->destination;
}

void
gloss_export_dialog_set_labels (GlossExportDialog *self,
                                const char        *labels)
{
  g_return_if_fail (GLOSS_IS_EXPORT_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->labels_entry), labels != NULL ? labels : "");
}

gboolean
gloss_export_dialog_set_annotator_chosen (GlossExportDialog *self,
                                          const char        *annotator_id,
                                          gboolean           chosen)
{
  g_return_val_if_fail (GLOSS_IS_EXPORT_DIALOG (self), FALSE);

  for (guint i = 0; i < self->annotator_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->annotator_checks, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (check), "annotator-id"), annotator_id) == 0)
        {
          gtk_check_button_set_active (check, chosen);
          return TRUE;
        }
    }

  return FALSE;
}

/* NULL when every annotator is chosen: annotators that appear later (a
 * colleague's sidecar copied in meanwhile) are then exported too. */
static char **
dup_chosen_annotators (GlossExportDialog *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = 0;

  for (guint i = 0; i < self->annotator_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->annotator_checks, i);

      if (gtk_check_button_get_active (check))
        {
          g_strv_builder_add (builder, g_object_get_data (G_OBJECT (check), "annotator-id"));
          n++;
        }
    }

  if (n == self->annotator_checks->len)
    return NULL;

  return g_strv_builder_end (builder);
}

gboolean
gloss_export_dialog_run (GlossExportDialog *self)
{
  g_autofree char *name = NULL;
  g_autofree char *detail = NULL;
  g_auto(GStrv) annotators = NULL;
  g_auto(GStrv) labels = NULL;
  g_autoptr(GFile) config = NULL;
  g_autoptr(GFile) info = NULL;
  GlossExportOptions options = { 0 };

  g_return_val_if_fail (GLOSS_IS_EXPORT_DIALOG (self), FALSE);

  if (!can_run (self))
    return FALSE;

  options.format = self->format;
  options.offsets = takes_one_unit (self->format)
                    ? gloss_format_get_default_offsets (self->format)
                    : gtk_drop_down_get_selected (GTK_DROP_DOWN (self->offsets_dropdown));
  options.annotators = annotators = dup_chosen_annotators (self);
  options.labels = labels = split_labels (gtk_editable_get_text (GTK_EDITABLE (self->labels_entry)));
  /* The choices of one format only, as gloss-cli refuses them for others. */
  if (self->format == GLOSS_FORMAT_CONLL)
    {
      options.conll_variant = get_conll_variant (self);
      options.conll_tags = get_conll_tags (self);
      options.conll_attributes =
        gtk_widget_get_sensitive (self->conll_attributes_check)
        && gtk_check_button_get_active (GTK_CHECK_BUTTON (self->conll_attributes_check));
    }
  else if (self->format == GLOSS_FORMAT_HF)
    {
      options.conll_tags = get_conll_tags (self);
      /* Integer tags: the label list beside the file, settled with it as
       * label-studio's config is. */
      options.hf_tag_ids = gtk_switch_get_active (GTK_SWITCH (self->hf_tag_ids_switch));
      if (options.hf_tag_ids)
        info = options.hf_dataset_info = gloss_hf_dataset_info_file (self->destination);
    }
  options.doccano_relations =
    self->format == GLOSS_FORMAT_DOCCANO
    && gtk_switch_get_active (GTK_SWITCH (self->doccano_relations_switch));
  /* label-studio: the config beside the file, settled with it (asked
   * about with the file, never replaced unasked). */
  if (self->format == GLOSS_FORMAT_LABEL_STUDIO)
    {
      config = options.label_studio_config = gloss_label_studio_config_file (self->destination);
      options.label_studio_predictions =
        gtk_switch_get_active (GTK_SWITCH (self->label_studio_predictions_switch));
    }

  self->export_format = self->format;
  self->export_hf_tag_ids = options.hf_tag_ids;
  g_set_object (&self->export_output, self->destination);
  self->export_cancellable = g_cancellable_new ();
  self->close_pending = FALSE;
  g_clear_pointer (&self->result, g_free);

  name = dup_display_name (self->destination);
  detail = g_strdup_printf (_("Writing “%s”"), name);
  gloss_progress_page_start (GLOSS_PROGRESS_PAGE (self->progress_page), detail, _("Starting…"));

  set_flag (self, PROP_FINISHED, FALSE);
  set_flag (self, PROP_RUNNING, TRUE);
  update_export_button (self);
  show_page (self, "progress");

  start_export (self, &options);

  return TRUE;
}

void
gloss_export_dialog_cancel (GlossExportDialog *self)
{
  g_return_if_fail (GLOSS_IS_EXPORT_DIALOG (self));

  if (!self->running || self->export_cancellable == NULL)
    return;

  g_cancellable_cancel (self->export_cancellable);
  /* The worker notices between two articles; say that it is on its way. */
  gloss_progress_page_set_stopping (GLOSS_PROGRESS_PAGE (self->progress_page), _("Cancelling…"));
}

gboolean
gloss_export_dialog_get_scanning (GlossExportDialog *self)
{
  g_return_val_if_fail (GLOSS_IS_EXPORT_DIALOG (self), FALSE);

  return self->scanning;
}

gboolean
gloss_export_dialog_get_running (GlossExportDialog *self)
{
  g_return_val_if_fail (GLOSS_IS_EXPORT_DIALOG (self), FALSE);

  return self->running;
}

gboolean
gloss_export_dialog_get_finished (GlossExportDialog *self)
{
  g_return_val_if_fail (GLOSS_IS_EXPORT_DIALOG (self), FALSE);

  return self->finished;
}

const char *
gloss_export_dialog_get_result (GlossExportDialog *self)
{
  g_return_val_if_fail (GLOSS_IS_EXPORT_DIALOG (self), NULL);

  return self->finished ? self->result : NULL;
}

char *
gloss_export_dialog_dup_problems (GlossExportDialog *self)
{
  g_return_val_if_fail (GLOSS_IS_EXPORT_DIALOG (self), NULL);

  return gloss_progress_page_dup_problems (GLOSS_PROGRESS_PAGE (self->progress_page));
}
