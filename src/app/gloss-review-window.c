/* gloss-review-window.c — compare colleagues' annotations and adjudicate a gold file
 *
 * The gold sidecar is a GlossSession like any article's (autosave, watched,
 * never overwritten when broken); the annotators' sidecars are only read.
 * The article view shows the gold annotations as highlights and each
 * annotator's as a lane of thin bars above the text. Decisions go through
 * GlossAdjudication, which owns the undo history while the window is open.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "gloss-annotation-row.h"
#include "gloss-confusion-chart.h"
#include "gloss-excerpt.h"
#include "gloss-review-row.h"
#include "gloss-review-window-private.h"

/* Of each version's text, in the unit list. */
#define EXCERPT_CHARS 60

typedef enum
{
  SHOW_ALL,
  SHOW_DISAGREEMENTS,
  SHOW_LABEL,
  SHOW_BOUNDS,
  SHOW_MISSING,
  SHOW_AGREED,
  SHOW_PENDING,
  SHOW_ATTRIBUTES,
} ShowFilter;

/* An annotator's sidecar that can be compared. */
typedef struct
{
  char           *id;
  GlossSidecar   *sidecar;
  GtkCheckButton *check;
} Candidate;

struct _GlossReviewWindow
{
  GtkApplicationWindow parent_instance;

  /* Template */
  GtkMenuButton       *annotators_button;
  GtkBox              *annotators_box;
  GtkLabel            *title_label;
  GtkLabel            *progress_label;
  GtkRevealer         *info_bar;     /* a standing message; see the .ui */
  GtkLabel            *info_label;
  GtkLabel            *legend_label;
  GlossArticleView    *article_view;
  GtkDropDown         *status_dropdown;
  GtkListView         *unit_list;
  GtkStack            *unit_stack;
  AdwStatusPage       *empty_page;
  GtkButton           *empty_button;
  GtkRevealer         *agreement_revealer;
  GtkToggleButton     *agreement_button;
  GtkLabel            *article_figures_label;
  GlossConfusionChart *confusion_chart;
  GtkProgressBar      *corpus_progress;
  GtkLabel            *corpus_figures_label;
  GtkMenuButton       *attributes_button;
  GtkPopover          *attributes_popover;
  GtkLabel            *attributes_heading;
  GtkGrid             *attributes_grid;
  GtkButton           *attributes_accept;

  /* What the attribute picker shows: the unit, the attributes its
   * versions differ on, for each the values given (GPtrArray of
   * GlossReviewValue) and its drop-down (borrowed: the grid holds it). */
  GlossReviewUnit    *picking_unit;
  GStrv               picking_ids;
  GPtrArray          *picking_values;
  GPtrArray          *picking_dropdowns;

  GFile              *article;
  char               *adjudicator;
  GCancellable       *cancellable;
  GlossSession       *gold;
  GPtrArray          *candidates;     /* Candidate* */
  GPtrArray          *chosen;         /* Candidate*, borrowed: those compared */
  struct _FindJob    *found;          /* the sidecars read, waiting for the gold session */
  gboolean            showing_unit;      /* moving the caret to the selected unit */
  gboolean            following_article; /* selecting the unit under the caret */
  /* Where the caret was when the list last followed it: the buffer says
   * the cursor moved at every insert, also each chunk of a long article
   * going into the view, and only a real move may change the unit. */
  guint               followed_caret;

  GlossReview        *review;
  GlossAdjudication  *adjudication;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;

  /* Corpus figures, counted in a thread. */
  GCancellable       *corpus_cancellable;
  guint               corpus_progress_id;
  guint               corpus_done;    /* as the model's progress said */
  guint               corpus_total;
};

G_DEFINE_FINAL_TYPE (GlossReviewWindow, gloss_review_window, GTK_TYPE_APPLICATION_WINDOW)

static void rebuild_review     (GlossReviewWindow *self);
static void install_label_keys (GlossReviewWindow *self);

static void
candidate_free (gpointer data)
{
  Candidate *candidate = data;

  g_free (candidate->id);
  g_clear_object (&candidate->sidecar);
  g_free (candidate);
}

static void
show_info (GlossReviewWindow *self,
           const char        *message)
{
  gtk_label_set_text (self->info_label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (self->info_bar, message != NULL);
}

/* "0.812", or "n/a" when the figure is undefined. */
static char *
format_figure (double value)
{
  if (isnan (value))
    return g_strdup (_("n/a"));
  return g_strdup_printf ("%.3f", value);
}

/* ------------------------------------------------------------------ */
/* Progress and figures                                                 */
/* ------------------------------------------------------------------ */

static const char *
save_state_text (GlossSession *session)
{
  switch (gloss_session_get_save_state (session))
    {
    case GLOSS_SAVE_STATE_SAVED:
      return _("All changes saved");
    case GLOSS_SAVE_STATE_PENDING:
      return _("Not saved yet");
    case GLOSS_SAVE_STATE_SAVING:
      return _("Saving…");
    case GLOSS_SAVE_STATE_READ_ONLY:
      return _("Read-only: the gold file cannot be used");
    case GLOSS_SAVE_STATE_ERROR:
    default:
      return _("Not saved: see the message above");
    }
}

static void
update_progress (GlossReviewWindow *self)
{
  g_autofree char *text = NULL;
  guint n_units;

  if (self->gold == NULL)
    return;

  if (self->adjudication == NULL)
    {
      gtk_label_set_text (self->progress_label, save_state_text (self->gold));
      return;
    }

  n_units = g_list_model_get_n_items (G_LIST_MODEL (self->review));
  /* Translators: "3 of 12 units decided, into Maria's copy — Saved" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u of %u unit decided, into %s — %s",
                                       "%u of %u units decided, into %s — %s",
                                       n_units),
                          gloss_adjudication_get_n_decided (self->adjudication),
                          n_units,
                          self->adjudicator,
                          save_state_text (self->gold));
  gtk_label_set_text (self->progress_label, text);
}

static GPtrArray *
chosen_placed (GlossReviewWindow *self)
{
  GPtrArray *arrays = g_ptr_array_new_with_free_func ((GDestroyNotify)g_ptr_array_unref);

  for (guint i = 0; i < self->chosen->len; i++)
    {
      Candidate *candidate = g_ptr_array_index (self->chosen, i);

      g_ptr_array_add (arrays, gloss_review_collect_placed (gloss_sidecar_get_annotations (candidate->sidecar)));
    }
  return arrays;
}

static GStrv
chosen_ids (GlossReviewWindow *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < self->chosen->len; i++)
    g_strv_builder_add (builder, ((Candidate *)g_ptr_array_index (self->chosen, i))->id);
  return g_strv_builder_end (builder);
}

static char *
describe_agreement (const GlossAgreement *agreement)
{
  GString *text = g_string_new (NULL);
  guint n = gloss_agreement_get_n_annotators (agreement);

  for (guint a = 0; a < n; a++)
    for (guint b = a + 1; b < n; b++)
      {
        GlossSpanScore exact = gloss_agreement_get_span_score (agreement, GLOSS_MATCH_EXACT, (int)a, (int)b, NULL);
        GlossSpanScore overlap = gloss_agreement_get_span_score (agreement, GLOSS_MATCH_OVERLAP, (int)a, (int)b, NULL);
        g_autofree char *f_exact = format_figure (exact.f1);
        g_autofree char *f_overlap = format_figure (overlap.f1);
        g_autofree char *kappa = format_figure (gloss_agreement_get_cohen_kappa (agreement, (int)a, (int)b, NULL));

        g_string_append_printf (text, _("%s – %s\n  span F1 exact %s, overlap %s\n  Cohen’s kappa %s\n"),
                                gloss_agreement_get_annotator (agreement, a),
                                gloss_agreement_get_annotator (agreement, b),
                                f_exact, f_overlap, kappa);
      }

  {
    g_autofree char *fleiss = format_figure (gloss_agreement_get_fleiss_kappa (agreement, NULL));
    g_autofree char *alpha = format_figure (gloss_agreement_get_krippendorff_alpha (agreement, NULL));

    if (n > 2)
      g_string_append_printf (text, _("Fleiss’ kappa %s\n"), fleiss);
    g_string_append_printf (text, _("Krippendorff’s alpha %s"), alpha);
  }

  /* Per kind, each layer alone (docs/agreement.md, "Per-kind figures"):
   * Cohen's kappa for a pair, Fleiss' for more, and alpha; a layer nobody
   * used is said so rather than shown as n/a. */
  {
    static const GlossLabelKind kinds[] = {
      GLOSS_LABEL_KIND_CLAIM, GLOSS_LABEL_KIND_QUOTE, GLOSS_LABEL_KIND_ENTITY,
    };

    g_string_append_printf (text, "\n\n%s",
                            n == 2 ? _("By kind (Cohen’s kappa, alpha):")
                                   : _("By kind (Fleiss’ kappa, alpha):"));
    for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
      {
        g_autofree char *kappa = NULL;
        g_autofree char *alpha = NULL;

        if (!gloss_agreement_get_kind_used (agreement, kinds[k]))
          {
            g_string_append_printf (text, "\n  %-14s %s", gloss_label_kind_describe_layer (kinds[k]), _("nobody marked one"));
            continue;
          }
        kappa = format_figure (n == 2 ? gloss_agreement_get_kind_cohen_kappa (agreement, kinds[k], 0, 1)
                                      : gloss_agreement_get_kind_fleiss_kappa (agreement, kinds[k]));
        alpha = format_figure (gloss_agreement_get_kind_krippendorff_alpha (agreement, kinds[k]));
        g_string_append_printf (text, "\n  %-14s %6s %6s", gloss_label_kind_describe_layer (kinds[k]), kappa, alpha);
      }
  }

  /* Per attribute over the spans marked alike, and per article field over
   * the articles (docs/agreement.md, "Attributes and article fields"):
   * Cohen's kappa for a pair, Fleiss' for more, alpha, and the items. */
  for (guint t = 0; t < 2; t++)
    {
      GlossAgreementTarget target = t == 0 ? GLOSS_AGREEMENT_ATTRIBUTES : GLOSS_AGREEMENT_DOCUMENT_LABELS;
      const char * const *keys = gloss_agreement_get_attributes (agreement, target);

      if (keys[0] == NULL)
        continue;
      if (target == GLOSS_AGREEMENT_ATTRIBUTES)
        g_string_append_printf (text, "\n\n%s",
                                n == 2 ? _("By attribute (Cohen’s kappa, alpha, spans):")
                                       : _("By attribute (Fleiss’ kappa, alpha, spans):"));
      else
        g_string_append_printf (text, "\n\n%s",
                                n == 2 ? _("By article field (Cohen’s kappa, alpha, articles):")
                                       : _("By article field (Fleiss’ kappa, alpha, articles):"));
      for (guint k = 0; keys[k] != NULL; k++)
        {
          g_autofree char *kappa =
            format_figure (n == 2 ? gloss_agreement_get_attribute_cohen_kappa (agreement, target, keys[k], 0, 1)
                                  : gloss_agreement_get_attribute_fleiss_kappa (agreement, target, keys[k]));
          g_autofree char *alpha = format_figure (gloss_agreement_get_attribute_krippendorff_alpha (agreement, target,
                                                                                                   keys[k]));
          guint64 n_items = gloss_agreement_get_attribute_n_items (agreement, target, keys[k],
                                                                   GLOSS_ALL_ANNOTATORS, GLOSS_ALL_ANNOTATORS);

          g_string_append_printf (text, "\n  %-14s %6s %6s %6" G_GUINT64_FORMAT, keys[k], kappa, alpha, n_items);
        }
    }

  /* Per label, for all annotators: exact span F1 and Krippendorff's alpha
   * over the tokens of the label's kind (docs/agreement.md). */
  {
    const char * const *labels = gloss_agreement_get_labels (agreement);

    if (labels[0] != NULL)
      g_string_append_printf (text, "\n\n%s", _("By label (span F1 exact, alpha):"));
    for (guint l = 0; labels[l] != NULL; l++)
      {
        GlossSpanScore score = gloss_agreement_get_span_score (agreement, GLOSS_MATCH_EXACT,
                                                               GLOSS_ALL_ANNOTATORS, GLOSS_ALL_ANNOTATORS,
                                                               labels[l]);
        g_autofree char *f1 = format_figure (score.f1);
        g_autofree char *alpha = format_figure (gloss_agreement_get_krippendorff_alpha (agreement, labels[l]));

        g_string_append_printf (text, "\n  %-14s %6s %6s", labels[l], f1, alpha);
      }
  }

  return g_string_free (text, FALSE);
}

/* This article's figures over @arrays, the chosen annotators' placed
 * annotations (NULL: none to show). */
static void
update_article_figures (GlossReviewWindow *self,
                        GPtrArray         *arrays)
{
  g_autoptr(GlossAgreement) agreement = NULL;
  g_auto(GStrv) ids = NULL;
  g_autofree char *text = NULL;
  g_autofree guint64 *matrix = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) name_list = NULL;
  const char * const *labels;
  guint n_categories;
  gboolean pair;

  if (arrays == NULL || self->chosen->len < 2)
    {
      gtk_label_set_text (self->article_figures_label, _("Choose at least two annotators."));
      gloss_confusion_chart_set_matrix (self->confusion_chart, NULL, NULL, 0, NULL, NULL);
      return;
    }

  ids = chosen_ids (self);
  agreement = gloss_agreement_new ((const char * const *)ids);
  gloss_agreement_add_article (agreement, gloss_session_get_document (self->gold),
                               gloss_session_get_labels (self->gold),
                               (GPtrArray * const *)arrays->pdata);
  {
    g_autofree GVariant **fields = g_new0 (GVariant *, self->chosen->len);

    for (guint i = 0; i < self->chosen->len; i++)
      fields[i] = gloss_sidecar_peek_document_labels (((Candidate *)g_ptr_array_index (self->chosen, i))->sidecar);
    gloss_agreement_add_document_labels (agreement, (GVariant * const *)fields);
  }

  text = describe_agreement (agreement);
  gtk_label_set_text (self->article_figures_label, text);

  pair = self->chosen->len == 2;
  matrix = gloss_agreement_dup_confusion (agreement,
                                          pair ? 0 : GLOSS_ALL_ANNOTATORS,
                                          pair ? 1 : GLOSS_ALL_ANNOTATORS,
                                          &n_categories);
  labels = gloss_agreement_get_labels (agreement);
  for (guint i = 0; labels[i] != NULL; i++)
    {
      GlossLabel *label = gloss_label_set_lookup (gloss_session_get_labels (self->gold), labels[i]);

      g_strv_builder_add (names, label != NULL ? gloss_label_get_name (label) : labels[i]);
    }
  /* Translators: the category of tokens no one labelled. */
  g_strv_builder_add (names, _("none"));
  name_list = g_strv_builder_end (names);

  gloss_confusion_chart_set_matrix (self->confusion_chart, (const char * const *)name_list,
                                    matrix, n_categories,
                                    pair ? ids[0] : _("each annotator"),
                                    pair ? ids[1] : _("each other annotator"));
}

/* The folder's figures: the model's corpus agreement
 * (gloss-corpus-agreement.h), the same `gloss-cli agree --annotators`
 * prints for the folder. The folder is scanned by the model's async scan,
 * then walked by its async walk, so a large folder never blocks the
 * window. */
typedef struct
{
  GlossReviewWindow *window;
  GCancellable      *cancellable;     /* the count's own: self's may be newer */
  GStrv              ids;
  GString           *label_problems;  /* broken label files, said in the info bar */
} CorpusJob;

static void
corpus_job_free (gpointer data)
{
  CorpusJob *job = data;

  g_clear_object (&job->window);
  g_clear_object (&job->cancellable);
  g_strfreev (job->ids);
  g_string_free (job->label_problems, TRUE);
  g_free (job);
}

/* In the walking thread; read once the walk is over. Only label files
 * are said: a sidecar that cannot be read leaves its article out, as in
 * `agree`, and the review itself says which ones. */
static void
on_corpus_problem (GlossCorpusArticle *article,
                   GlossSidecar       *sidecar,
                   const GlossProblem *problem,
                   gpointer            user_data)
{
  CorpusJob *job = user_data;
  g_autofree char *line = NULL;

  if (article != NULL)
    return;

  line = gloss_problem_to_string (problem);
  g_string_append_printf (job->label_problems, "%s%s", job->label_problems->len > 0 ? "\n" : "", line);
}

static gboolean
corpus_progress_cb (gpointer user_data)
{
  GlossReviewWindow *self = user_data;
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "Counting… %u article",
                                                        "Counting… %u articles",
                                                        self->corpus_done),
                                           self->corpus_done);

  gtk_progress_bar_pulse (self->corpus_progress);
  gtk_progress_bar_set_text (self->corpus_progress, text);
  return G_SOURCE_CONTINUE;
}

/* On the window's context: the model delivers progress there. */
static void
on_corpus_progress (GlossCorpusAgreement *figures,
                    guint                 done,
                    guint                 total,
                    GlossReviewWindow    *self)
{
  self->corpus_done = done;
  self->corpus_total = total;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CorpusJob, corpus_job_free)

static void
on_corpus_counted (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CorpusJob) job = user_data;
  GlossReviewWindow *self = job->window;
  GlossCorpusAgreement *figures = GLOSS_CORPUS_AGREEMENT (source);
  const GlossAgreement *total;
  g_autoptr(GError) error = NULL;

  if (!gloss_corpus_agreement_run_finish (figures, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_label_set_text (self->corpus_figures_label, error->message);
      return;
    }

  g_clear_handle_id (&self->corpus_progress_id, g_source_remove);
  gtk_widget_set_visible (GTK_WIDGET (self->corpus_progress), FALSE);

  if (job->label_problems->len > 0)
    {
      g_autofree char *message =
        g_strdup_printf (_("A label file cannot be used; the corpus figures were counted without it:\n%s"),
                         job->label_problems->str);

      show_info (self, message);
    }

  total = gloss_corpus_agreement_get_total (figures);
  if (gloss_agreement_get_n_articles (total) == 0)
    gtk_label_set_text (self->corpus_figures_label,
                        _("No other article has a sidecar from each of these annotators."));
  else
    {
      g_autofree char *text_figures = describe_agreement (total);
      g_autofree char *text = g_strdup_printf (ngettext ("%u article\n%s", "%u articles\n%s",
                                                         gloss_agreement_get_n_articles (total)),
                                               gloss_agreement_get_n_articles (total), text_figures);

      gtk_label_set_text (self->corpus_figures_label, text);
    }
}

static void
on_corpus_scanned (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CorpusJob) job = user_data;
  GlossReviewWindow *self = job->window;
  GCancellable *cancellable;
  g_autoptr(GlossCorpus) corpus = NULL;
  g_autoptr(GlossCorpusAgreement) figures = NULL;
  g_autoptr(GError) error = NULL;

  corpus = gloss_corpus_scan_finish (result, NULL, &error);
  if (corpus == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_label_set_text (self->corpus_figures_label, error->message);
      return;
    }
  /* Replaced by a newer count, or the window is closing. */
  if (g_cancellable_is_cancelled (job->cancellable))
    return;

  /* The annotators were chosen by name: their files count whatever they
   * are, as with `gloss-cli agree --annotators`. */
  figures = gloss_corpus_agreement_new (corpus, (const char * const *) job->ids,
                                        GLOSS_CORPUS_AGREEMENT_INCLUDE_ADJUDICATED);
  /* The problem function runs in the walking thread and fills the job,
   * which the walk's callback owns from here on and reads once it ends. */
  cancellable = job->cancellable;
  gloss_corpus_agreement_set_problem_func (figures, on_corpus_problem, job, NULL);
  g_signal_connect_object (figures, "progress", G_CALLBACK (on_corpus_progress), self, 0);
  gloss_corpus_agreement_run_async (figures, cancellable, on_corpus_counted,
                                    g_steal_pointer (&job));
}

static void
count_corpus (GlossReviewWindow *self)
{
  g_autoptr(GFile) folder = NULL;
  CorpusJob *job;

  g_cancellable_cancel (self->corpus_cancellable);
  g_clear_object (&self->corpus_cancellable);
  g_clear_handle_id (&self->corpus_progress_id, g_source_remove);

  if (self->chosen->len < 2 || !gtk_revealer_get_reveal_child (self->agreement_revealer))
    return;

  self->corpus_cancellable = g_cancellable_new ();
  self->corpus_done = 0;
  folder = g_file_get_parent (self->article);
  job = g_new0 (CorpusJob, 1);
  job->window = g_object_ref (self);
  job->cancellable = g_object_ref (self->corpus_cancellable);
  job->ids = chosen_ids (self);
  job->label_problems = g_string_new (NULL);

  gtk_label_set_text (self->corpus_figures_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->corpus_progress), TRUE);
  self->corpus_progress_id = g_timeout_add (100, corpus_progress_cb, self);

  gloss_corpus_scan_async (folder, GLOSS_CORPUS_SCAN_DEFAULT, self->corpus_cancellable,
                           on_corpus_scanned, job);
}

/* ------------------------------------------------------------------ */
/* Unit rows                                                            */
/* ------------------------------------------------------------------ */

/* The name the label set gives attribute @id, or the id. */
static const char *
attribute_name (GlossReviewWindow *self,
                const char        *id)
{
  GlossAttribute *attribute = gloss_label_set_lookup_attribute (gloss_session_get_labels (self->gold), id);

  return attribute != NULL ? gloss_attribute_get_name (attribute) : id;
}

/* “false”, or "not set". */
static char *
describe_value (GVariant *value)
{
  return value != NULL ? gloss_attribute_describe_value (value) : g_strdup (_("not set"));
}

/* The ids of the annotators @annotators (bits) names, ", "-joined. */
static char *
describe_annotators (GlossReviewWindow *self,
                     guint64            annotators)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < self->chosen->len; i++)
    if (annotators & (G_GUINT64_CONSTANT (1) << i))
      {
        if (names->len > 0)
          g_string_append (names, ", ");
        g_string_append (names, ((Candidate *)g_ptr_array_index (self->chosen, i))->id);
      }
  return g_string_free (names, FALSE);
}

/* One value given and who gave it: "“false” (alice, carla)". */
static char *
describe_review_value (GlossReviewWindow      *self,
                       const GlossReviewValue *value)
{
  g_autofree char *text = describe_value (value->value);
  g_autofree char *who = describe_annotators (self, value->annotators);

  /* Translators: an attribute value, then who gave it, e.g. “false” (alice, carla) */
  return g_strdup_printf (_("%s (%s)"), text, who);
}

/* For a unit whose versions differ in attribute values only, a line per
 * such attribute: "Verdict: “false” (alice) · “mixed” (bilal)". */
static void
append_differing_attributes (GlossReviewWindow *self,
                             GlossReviewUnit   *unit,
                             GString           *text)
{
  g_auto(GStrv) ids = NULL;

  if (gloss_review_unit_get_status (unit) != GLOSS_UNIT_ATTRIBUTES)
    return;

  ids = gloss_review_unit_dup_differing_attributes (unit);
  for (guint k = 0; ids[k] != NULL; k++)
    {
      g_autoptr(GPtrArray) values = gloss_review_unit_dup_attribute_values (unit, ids[k]);
      g_autoptr(GString) line = g_string_new (NULL);

      for (guint v = 0; v < values->len; v++)
        {
          g_autofree char *one = describe_review_value (self, g_ptr_array_index (values, v));

          if (v > 0)
            g_string_append (line, " · ");
          g_string_append (line, one);
        }
      /* Translators: an attribute's name, then the values the annotators gave it */
      g_string_append_printf (text, _("\n%s: %s"), attribute_name (self, ids[k]), line->str);
    }
}

static char *
describe_versions (GlossReviewWindow *self,
                   GlossReviewUnit   *unit)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < self->chosen->len; i++)
    {
      Candidate *candidate = g_ptr_array_index (self->chosen, i);
      GlossAnnotation *version = gloss_review_unit_get_version (unit, i);

      if (i > 0)
        g_string_append (text, "\n");
      if (version == NULL)
        /* Translators: "2 bilal: —", an annotator who did not mark the span. */
        g_string_append_printf (text, _("%u %s: —"), i + 1, candidate->id);
      else
        {
          GlossLabel *label = gloss_label_set_lookup (gloss_session_get_labels (self->gold),
                                                      gloss_annotation_get_label (version));
          g_autofree char *quoted = gloss_format_quoted_excerpt (gloss_annotation_get_exact (version),
                                                                 EXCERPT_CHARS);

          /* Translators: "1 alice: Quote “…”": the annotator's number and id,
           * the label, and the text (already between quotation marks) */
          g_string_append_printf (text, _("%u %s: %s %s"), i + 1, candidate->id,
                                  label != NULL ? gloss_label_get_name (label) : gloss_annotation_get_label (version),
                                  quoted);
        }
    }

  append_differing_attributes (self, unit, text);
  return g_string_free (text, FALSE);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  gtk_list_item_set_child (item, gloss_review_row_new ());
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          GlossReviewWindow        *self)
{
  GlossReviewUnit *unit = gtk_list_item_get_item (item);
  GlossAnnotation *majority = gloss_review_unit_get_majority (unit, NULL);
  GlossLabel *label = majority != NULL
                      ? gloss_label_set_lookup (gloss_session_get_labels (self->gold),
                                                gloss_annotation_get_label (majority))
                      : NULL;
  g_autofree char *versions = describe_versions (self, unit);

  gloss_review_row_set_unit (GLOSS_REVIEW_ROW (gtk_list_item_get_child (item)), unit, versions, label);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  gloss_review_row_set_unit (GLOSS_REVIEW_ROW (gtk_list_item_get_child (item)), NULL, NULL, NULL);
}

/* ------------------------------------------------------------------ */
/* The units                                                            */
/* ------------------------------------------------------------------ */

static gboolean
unit_matches (gpointer item,
              gpointer user_data)
{
  GlossReviewWindow *self = user_data;
  GlossReviewUnit *unit = item;
  GlossUnitStatus status = gloss_review_unit_get_status (unit);

  switch ((ShowFilter)gtk_drop_down_get_selected (self->status_dropdown))
    {
    case SHOW_DISAGREEMENTS:
      return status != GLOSS_UNIT_AGREED;
    case SHOW_LABEL:
      return status == GLOSS_UNIT_LABEL;
    case SHOW_BOUNDS:
      return status == GLOSS_UNIT_BOUNDS;
    case SHOW_MISSING:
      return status == GLOSS_UNIT_MISSING;
    case SHOW_AGREED:
      return status == GLOSS_UNIT_AGREED;
    case SHOW_PENDING:
      return gloss_review_unit_get_decision (unit) == GLOSS_DECISION_PENDING;
    case SHOW_ATTRIBUTES:
      return status == GLOSS_UNIT_ATTRIBUTES;
    case SHOW_ALL:
    default:
      return TRUE;
    }
}

static void
on_status_filter_changed (GlossReviewWindow *self)
{
  if (self->filter != NULL)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

GtkPopover *
gloss_review_window_get_attribute_picker (GlossReviewWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_REVIEW_WINDOW (self), NULL);

  return self->attributes_popover;
}

GlossReviewUnit *
gloss_review_window_get_selected_unit (GlossReviewWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_REVIEW_WINDOW (self), NULL);

  if (self->selection == NULL)
    return NULL;
  return gtk_single_selection_get_selected_item (self->selection);
}

static void select_position (GlossReviewWindow *self,
                             guint              position);

/* The tag that marks the selected unit's text. Looked up by name, as the
 * article view may give its buffer new text (and so keep no tag of ours
 * applied) whenever a session is set. */
static GtkTextTag *
ensure_unit_tag (GlossReviewWindow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->article_view));
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer),
                                               GLOSS_REVIEW_UNIT_TAG);
  GdkRGBA tint = { 0.21, 0.52, 0.89, 0.22 };

  if (tag == NULL)
    tag = gtk_text_buffer_create_tag (buffer, GLOSS_REVIEW_UNIT_TAG,
                                      "background-rgba", &tint,
                                      "underline", PANGO_UNDERLINE_SINGLE,
                                      NULL);
  return tag;
}

/* The article shows the selected unit: its text marked, the caret at its
 * start and scrolled to. Not as a text selection: a drag that starts in
 * selected text moves the text instead of selecting (GtkTextView's drag
 * and drop), and E would take the unit's own extent for the person's
 * edit. The text selection is only ever the person's. */
static void
show_unit (GlossReviewWindow *self,
           GlossReviewUnit   *unit)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->article_view));
  GtkTextTag *tag;
  GtkTextIter start, end;

  if (unit == NULL)
    return;

  tag = ensure_unit_tag (self);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, tag, &start, &end);
  gloss_article_view_get_iter_at_offset (self->article_view, &start, gloss_review_unit_get_start (unit));
  gloss_article_view_get_iter_at_offset (self->article_view, &end, gloss_review_unit_get_end (unit));
  gtk_text_buffer_apply_tag (buffer, tag, &start, &end);

  /* Moving the caret here is not the person choosing another unit. */
  self->showing_unit = TRUE;
  gtk_text_buffer_place_cursor (buffer, &start);
  gtk_text_view_scroll_to_iter (GTK_TEXT_VIEW (self->article_view), &start, 0.1, FALSE, 0, 0);
  self->showing_unit = FALSE;
}

/* The caret moved in the article (a click, arrow keys): the list follows
 * to the innermost unit listed there, if any. */
static void
on_article_cursor_moved (GlossReviewWindow *self)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  guint offset, best = GTK_INVALID_LIST_POSITION, best_length = G_MAXUINT;
  guint n;

  if (self->review == NULL)
    return;

  offset = gloss_article_view_get_caret_offset (self->article_view);
  if (offset == self->followed_caret)
    return;
  self->followed_caret = offset;
  if (self->showing_unit)
    return;
  n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossReviewUnit) unit = g_list_model_get_item (model, i);
      guint start = gloss_review_unit_get_start (unit);
      guint end = gloss_review_unit_get_end (unit);

      /* Units are in document order: none further on can hold it. */
      if (start > offset)
        break;
      if (offset < end && end - start < best_length)
        {
          best = i;
          best_length = end - start;
        }
    }

  /* Only the list moves: the person may be selecting text to accept as
   * edited. */
  if (best != GTK_INVALID_LIST_POSITION && best != gtk_single_selection_get_selected (self->selection))
    {
      self->following_article = TRUE;
      select_position (self, best);
      self->following_article = FALSE;
    }
}

static void
follow_article_buffer (GlossReviewWindow *self)
{
  g_signal_connect_object (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->article_view)), "notify::cursor-position",
                           G_CALLBACK (on_article_cursor_moved), self, G_CONNECT_SWAPPED);
}

static void
on_selected_unit (GlossReviewWindow *self)
{
  if (self->following_article)
    return;

  show_unit (self, gloss_review_window_get_selected_unit (self));
}

static void
select_position (GlossReviewWindow *self,
                 guint              position)
{
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self->unit_list), "list.scroll-to-item", "u", position);
}

/* From the selected unit, the next (or previous) one in the list that
 * @wanted accepts; FALSE if none. */
static gboolean
step_to (GlossReviewWindow *self,
         gboolean           backward,
         gboolean         (*wanted) (GlossReviewUnit *unit))
{
  GListModel *model = G_LIST_MODEL (self->selection);
  guint n = g_list_model_get_n_items (model);
  guint current = gtk_single_selection_get_selected (self->selection);

  for (guint k = 1; k <= n; k++)
    {
      guint position;
      g_autoptr(GlossReviewUnit) unit = NULL;

      if (current == GTK_INVALID_LIST_POSITION)
        position = backward ? n - k : k - 1;
      else
        position = backward ? (current + n - k) % n : (current + k) % n;

      unit = g_list_model_get_item (model, position);
      if (wanted (unit))
        {
          select_position (self, position);
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
is_pending (GlossReviewUnit *unit)
{
  return gloss_review_unit_get_decision (unit) == GLOSS_DECISION_PENDING;
}

static gboolean
is_pending_disagreement (GlossReviewUnit *unit)
{
  return is_pending (unit) && gloss_review_unit_get_status (unit) != GLOSS_UNIT_AGREED;
}

static void
on_adjudication_changed (GlossReviewWindow *self)
{
  /* The rejected list lives beside the annotations: save it too. */
  gloss_session_note_sidecar_change (self->gold);
  /* The figures compare the annotators, whom no decision changes. */
  update_progress (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", gloss_adjudication_can_undo (self->adjudication));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", gloss_adjudication_can_redo (self->adjudication));
  if ((ShowFilter)gtk_drop_down_get_selected (self->status_dropdown) == SHOW_PENDING)
    on_status_filter_changed (self);
}

static void
update_legend (GlossReviewWindow *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (self->chosen->len == 0)
    {
      gtk_label_set_text (self->legend_label, "");
      return;
    }

  g_string_append (text, _("Highlights: the gold annotations. Bars above the text, from the lowest up:"));
  for (guint i = 0; i < self->chosen->len; i++)
    g_string_append_printf (text, " %u %s%s", i + 1, ((Candidate *)g_ptr_array_index (self->chosen, i))->id,
                            i + 1 < self->chosen->len ? "," : ".");
  gtk_label_set_text (self->legend_label, text->str);
}

/* Why decisions cannot be saved, or NULL. */
static const char *
gold_problem (GlossReviewWindow *self)
{
  if (gloss_session_get_save_state (self->gold) != GLOSS_SAVE_STATE_READ_ONLY)
    return NULL;

  return _("The gold file cannot be used, so it will not be changed and no decision can be made. "
           "Run “gloss-cli validate” on it.");
}

static void
show_all_units_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  GlossReviewWindow *self = GLOSS_REVIEW_WINDOW (widget);

  gtk_drop_down_set_selected (self->status_dropdown, SHOW_ALL);
}

/* The unit list, or, where it is empty, why, and the way on (a blank
 * panel said nothing). */
static void
update_unit_list_page (GlossReviewWindow *self)
{
  const char *title;
  const char *description;
  const char *button = NULL;
  const char *action = NULL;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) > 0)
    {
      gtk_stack_set_visible_child_name (self->unit_stack, "units");
      return;
    }

  if (self->review == NULL && self->candidates->len < 2)
    {
      title = _("Nothing to Compare Yet");
      description = _("A review compares the annotations of two or more people. "
                      "Add a colleague’s annotation file for this article.");
      button = _("_Add File…");
      action = "win.add-file";
    }
  else if (self->review == NULL)
    {
      title = _("Choose Annotators");
      description = _("Choose the annotators to compare under Annotators.");
    }
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->review)) == 0)
    {
      title = _("No Annotations");
      description = _("None of the annotators compared marked anything in this article.");
    }
  else
    {
      title = _("No Units Shown");
      description = _("No unit is of the kind chosen under Show.");
      button = _("Show _All Units");
      action = "win.show-all-units";
    }

  adw_status_page_set_title (self->empty_page, title);
  adw_status_page_set_description (self->empty_page, description);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_button), button != NULL);
  if (button != NULL)
    gtk_button_set_label (self->empty_button, button);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->empty_button), action);
  gtk_stack_set_visible_child_name (self->unit_stack, "empty");
}

static void
rebuild_review (GlossReviewWindow *self)
{
  g_autoptr(GPtrArray) arrays = NULL;
  g_autoptr(GPtrArray) lanes = g_ptr_array_new ();
  g_auto(GStrv) ids = NULL;

  if (self->gold == NULL)
    return;

  g_ptr_array_set_size (self->chosen, 0);
  for (guint i = 0; i < self->candidates->len; i++)
    {
      Candidate *candidate = g_ptr_array_index (self->candidates, i);

      if (gtk_check_button_get_active (candidate->check))
        {
          g_ptr_array_add (self->chosen, candidate);
          g_ptr_array_add (lanes, gloss_sidecar_get_annotations (candidate->sidecar));
        }
    }

  if (self->adjudication != NULL)
    g_signal_handlers_disconnect_by_func (self->adjudication, on_adjudication_changed, self);
  g_clear_object (&self->adjudication);
  g_clear_object (&self->review);

  gloss_article_view_set_lanes (self->article_view, lanes);
  update_legend (self);

  if (self->chosen->len > GLOSS_REVIEW_MAX_ANNOTATORS)
    {
      g_autofree char *message =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "At most %u annotator can be compared at once: choose fewer under Annotators.",
                                      "At most %u annotators can be compared at once: choose fewer under Annotators.",
                                      GLOSS_REVIEW_MAX_ANNOTATORS),
                         GLOSS_REVIEW_MAX_ANNOTATORS);

      g_ptr_array_set_size (self->chosen, 0);
      gloss_article_view_set_lanes (self->article_view, NULL);
      show_info (self, message);
      gtk_filter_list_model_set_model (self->filtered, NULL);
      update_progress (self);
      update_article_figures (self, NULL);
      update_unit_list_page (self);
      return;
    }

  if (self->chosen->len < 2)
    {
      show_info (self, self->candidates->len < 2
                 ? _("Fewer than two annotators’ sidecars were found beside this article. Add another with Annotators → Add File…")
                 : _("Choose at least two annotators to compare."));
      gtk_filter_list_model_set_model (self->filtered, NULL);
      update_progress (self);
      update_article_figures (self, NULL);
      update_unit_list_page (self);
      return;
    }
  show_info (self, gold_problem (self));

  ids = chosen_ids (self);
  arrays = chosen_placed (self);
  self->review = gloss_review_new (gloss_session_get_labels (self->gold), arrays->len,
                                   (GPtrArray * const *)arrays->pdata);
  self->adjudication = gloss_adjudication_new (self->review, gloss_session_get_labels (self->gold),
                                               (const char * const *)ids,
                                               gloss_session_get_sidecar (self->gold),
                                               self->adjudicator);
  g_signal_connect_swapped (self->adjudication, "changed", G_CALLBACK (on_adjudication_changed), self);

  gtk_filter_list_model_set_model (self->filtered, G_LIST_MODEL (self->review));
  update_unit_list_page (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", FALSE);

  update_progress (self);
  /* The same placed annotations the units were made of. */
  update_article_figures (self, arrays);
  count_corpus (self);
}

/* ------------------------------------------------------------------ */
/* Annotators                                                           */
/* ------------------------------------------------------------------ */

static void
add_candidate (GlossReviewWindow *self,
               GlossSidecar      *sidecar,
               gboolean           active)
{
  Candidate *candidate = g_new0 (Candidate, 1);
  g_autofree char *label = NULL;
  guint n = gloss_annotation_set_get_n_annotations (gloss_sidecar_get_annotations (sidecar));

  candidate->id = g_strdup (gloss_sidecar_get_annotator_id (sidecar));
  candidate->sidecar = g_object_ref (sidecar);
  label = g_strdup_printf (ngettext ("%s (%u annotation)", "%s (%u annotations)", n), candidate->id, n);
  candidate->check = GTK_CHECK_BUTTON (gtk_check_button_new_with_label (label));
  gtk_check_button_set_active (candidate->check, active);
  g_signal_connect_swapped (candidate->check, "toggled", G_CALLBACK (rebuild_review), self);
  gtk_box_append (self->annotators_box, GTK_WIDGET (candidate->check));

  g_ptr_array_add (self->candidates, candidate);
}

static gboolean
has_candidate (GlossReviewWindow *self,
               const char        *id)
{
  for (guint i = 0; i < self->candidates->len; i++)
    if (g_str_equal (((Candidate *)g_ptr_array_index (self->candidates, i))->id, id))
      return TRUE;
  return FALSE;
}

/* Loads @file as a sidecar of the open article; NULL with @error if it
 * fails to load or is this window's gold file. */
static GlossSidecar *
load_sidecar (GlossReviewWindow *self,
              GFile             *file,
              GError           **error)
{
  g_autoptr(GlossSidecar) sidecar = gloss_sidecar_new (file, gloss_session_get_document (self->gold));

  if (!gloss_sidecar_load (sidecar, gloss_session_get_labels (self->gold), NULL, error))
    return NULL;

  if (gloss_sidecar_get_state (sidecar) == GLOSS_SIDECAR_STATE_NEW)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("%s does not exist"), name);
      return NULL;
    }

  return g_steal_pointer (&sidecar);
}

gboolean
gloss_review_window_add_sidecar (GlossReviewWindow *self,
                                 GFile             *file,
                                 GError           **error)
{
  g_autoptr(GlossSidecar) sidecar = NULL;

  g_return_val_if_fail (GLOSS_IS_REVIEW_WINDOW (self), FALSE);
  g_return_val_if_fail (self->gold != NULL, FALSE);

  sidecar = load_sidecar (self, file, error);
  if (sidecar == NULL)
    return FALSE;

  if (has_candidate (self, gloss_sidecar_get_annotator_id (sidecar))
      || g_strcmp0 (gloss_sidecar_get_annotator_id (sidecar), self->adjudicator) == 0)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   _("Annotations by “%s” are already in this review"),
                   gloss_sidecar_get_annotator_id (sidecar));
      return FALSE;
    }

  add_candidate (self, sidecar, TRUE);
  rebuild_review (self);
  return TRUE;
}

/* Looking for the annotators' sidecars, away from the window's thread:
 * three sidecars of a long article take ~100 ms to read and check. The
 * model's async scan finds them beside the article, and its async walk
 * reads them (gloss-corpus-walk.h) as every command does, reading the
 * article again for them (offsets are the same; the gold session's
 * document stays the main thread's). */
typedef struct _FindJob
{
  GlossReviewWindow *window;         /* while the scan and walk run */
  char          *adjudicator;
  GPtrArray     *sidecars;        /* GlossSidecar*, found */
  GString       *problems;        /* sidecars left out */
  GString       *label_problems;  /* a broken label file: read without it */
  char          *article_problem; /* the article cannot be read */
  GError        *error;           /* the scan's or the walk's */
} FindJob;

static void
find_job_free (gpointer data)
{
  FindJob *job = data;

  g_clear_object (&job->window);
  g_clear_error (&job->error);
  g_free (job->adjudicator);
  g_ptr_array_unref (job->sidecars);
  g_string_free (job->problems, TRUE);
  g_string_free (job->label_problems, TRUE);
  g_free (job->article_problem);
  g_free (job);
}

static void
append_line (GString    *lines,
             const char *line)
{
  g_string_append_printf (lines, "%s%s", lines->len > 0 ? "\n" : "", line);
}

static gboolean
on_candidates_article (const GlossCorpusWalkArticle *item,
                       gpointer                      user_data,
                       GError                      **error)
{
  FindJob *job = user_data;

  for (guint i = 0; i < item->sidecars->len; i++)
    {
      GlossSidecar *sidecar = g_ptr_array_index (item->sidecars, i);
      const GError *load_error = g_ptr_array_index (item->errors, i);

      if (gloss_sidecar_get_state (sidecar) == GLOSS_SIDECAR_STATE_FAILED)
        {
          append_line (job->problems, load_error != NULL ? load_error->message : "");
          continue;
        }
      /* Gone since it was listed, or somebody's adjudication. */
      if (gloss_sidecar_get_state (sidecar) == GLOSS_SIDECAR_STATE_NEW
          || gloss_sidecar_is_adjudicated (sidecar))
        continue;
      g_ptr_array_add (job->sidecars, g_object_ref (sidecar));
    }

  return TRUE;
}

static void
on_candidates_problem (GlossCorpusArticle *article,
                       GFile              *file,
                       const GlossProblem *problem,
                       gpointer            user_data)
{
  FindJob *job = user_data;
  g_autofree char *line = gloss_problem_to_string (problem);

  /* The article's problem is said once for each sidecar: once is enough. */
  if (article == NULL)
    append_line (job->label_problems, line);
  else if (job->article_problem == NULL)
    job->article_problem = g_strdup (problem->message);
}

static void show_candidates (GlossReviewWindow *self);

/* The scan and the walk are over (or failed): the sidecars wait for the
 * gold session, unless it is open already. */
static void
candidates_found (FindJob *job)
{
  g_autoptr(GlossReviewWindow) self = g_steal_pointer (&job->window);

  g_clear_pointer (&self->found, find_job_free);
  self->found = job;
  show_candidates (self);
}

static void
on_candidates_walked (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  FindJob *job = user_data;

  if (gloss_corpus_walk_run_finish (GLOSS_CORPUS_WALK (source), result, &job->error)
      && job->article_problem != NULL)
    job->error = g_error_new (GLOSS_ERROR, GLOSS_ERROR_FAILED, "%s", job->article_problem);

  candidates_found (job);
}

static void
on_candidates_scanned (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  FindJob *job = user_data;
  g_autoptr(GlossCorpus) corpus = NULL;
  g_autoptr(GlossCorpusWalk) walk = NULL;
  g_autoptr(GStrvBuilder) others = NULL;
  g_auto(GStrv) ids = NULL;
  GlossCorpusArticle *article;

  /* The article and the sidecars beside it. */
  corpus = gloss_corpus_scan_finish (result, NULL, &job->error);
  if (corpus == NULL || gloss_corpus_get_n_articles (corpus) == 0)
    {
      candidates_found (job);
      return;
    }

  others = g_strv_builder_new ();
  article = gloss_corpus_get_article (corpus, 0);
  for (guint i = 0; i < gloss_corpus_article_get_n_sidecars (article); i++)
    if (g_strcmp0 (gloss_corpus_article_get_annotator (article, i), job->adjudicator) != 0)
      g_strv_builder_add (others, gloss_corpus_article_get_annotator (article, i));
  ids = g_strv_builder_end (others);

  walk = gloss_corpus_walk_new (corpus, GLOSS_CORPUS_WALK_DEFAULT);
  gloss_corpus_walk_set_annotators (walk, (const char * const *) ids);
  /* Both run in the walking thread, and fill the job: it is
   * on_candidates_walked()'s, which reads it once the walk is over. */
  gloss_corpus_walk_set_article_func (walk, on_candidates_article, job, NULL);
  gloss_corpus_walk_set_problem_func (walk, on_candidates_problem, job, NULL);
  gloss_corpus_walk_run_async (walk, job->window->cancellable, on_candidates_walked, job);
}

/* Once the gold session and the annotators' sidecars are both read. */
static void
show_candidates (GlossReviewWindow *self)
{
  FindJob *job;
  g_autoptr(GError) error = NULL;

  if (self->gold == NULL || self->found == NULL)
    return;

  job = self->found;
  if (job->error != NULL)
    {
      error = g_steal_pointer (&job->error);
      g_clear_pointer (&self->found, find_job_free);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_info (self, error->message);
      return;
    }

  for (guint i = 0; i < job->sidecars->len; i++)
    add_candidate (self, g_ptr_array_index (job->sidecars, i), TRUE);

  rebuild_review (self);
  update_progress (self);
  if (job->problems->len > 0 || job->label_problems->len > 0)
    {
      g_autoptr(GString) message = g_string_new (NULL);

      if (job->label_problems->len > 0)
        g_string_append_printf (message, _("A label file cannot be used; the sidecars were read without it:\n%s"),
                                job->label_problems->str);
      if (job->problems->len > 0)
        {
          if (message->len > 0)
            g_string_append_c (message, '\n');
          g_string_append_printf (message, _("Left out, as they cannot be read:\n%s"),
                                  job->problems->str);
        }
      show_info (self, message->str);
    }
  g_clear_pointer (&self->found, find_job_free);
}

/* Every sidecar beside the article but the gold one and adjudicated ones,
 * read while the gold session opens. */
static void
find_candidates (GlossReviewWindow *self)
{
  FindJob *job = g_new0 (FindJob, 1);

  job->window = g_object_ref (self);
  job->adjudicator = g_strdup (self->adjudicator);
  job->sidecars = g_ptr_array_new_with_free_func (g_object_unref);
  job->problems = g_string_new (NULL);
  job->label_problems = g_string_new (NULL);

  gloss_corpus_scan_async (self->article, GLOSS_CORPUS_SCAN_DEFAULT, self->cancellable,
                           on_candidates_scanned, job);
}

static void
on_gold_external_change (GlossReviewWindow *self)
{
  if (gloss_session_get_external_change (self->gold))
    show_info (self, _("The gold file was changed on disk by someone else. "
                       "Close this review and open it again to see their version."));
}

static void
on_gold_conflict_kept (GlossReviewWindow *self,
                       GFile             *other)
{
  g_autofree char *name = g_file_get_basename (other);
  g_autofree char *message =
    g_strdup_printf (_("The gold file was changed on disk while you had unsaved decisions. "
                       "Yours are saved; the other version is kept beside it as “%s”."),
                     name);

  show_info (self, message);
}

static void
on_gold_loaded (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GlossReviewWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  GlossSession *session = gloss_session_new_finish (result, &error);

  if (session == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_info (self, error->message);
      return;
    }

  self->gold = session;
  gloss_article_view_set_session (self->article_view, session);
  g_signal_connect_object (session, "notify::save-state", G_CALLBACK (update_progress), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::external-change",
                           G_CALLBACK (on_gold_external_change), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "conflict-kept",
                           G_CALLBACK (on_gold_conflict_kept), self, G_CONNECT_SWAPPED);
  install_label_keys (self);

  show_candidates (self);
}

/* ------------------------------------------------------------------ */
/* Actions                                                              */
/* ------------------------------------------------------------------ */

static void
report (GlossReviewWindow *self,
        GError            *error)
{
  show_info (self, error->message);
}

/* After a decision on @decided, on to the next unit still to decide.
 * When the list shows only those, @decided has left it and the selection
 * is already on the unit that took its place. */
static void
advance (GlossReviewWindow *self,
         GlossReviewUnit   *decided)
{
  GlossReviewUnit *selected = gloss_review_window_get_selected_unit (self);

  if (selected != NULL && selected != decided && is_pending (selected))
    return;

  step_to (self, FALSE, is_pending);
}

/* Every decision on the selected unit, by action: accept the majority's
 * version, one annotator's (parameter: 1-based), the selected text as
 * edited, or reject. On success the list moves on. */
static void
decide_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GlossReviewWindow *self = GLOSS_REVIEW_WINDOW (widget);
  GlossReviewUnit *unit = gloss_review_window_get_selected_unit (self);
  g_autoptr(GError) error = NULL;
  gboolean decided;

  if (unit == NULL || self->adjudication == NULL)
    return;

  if (g_str_equal (action_name, "win.accept-majority"))
    decided = gloss_adjudication_accept_majority (self->adjudication, unit, &error);
  else if (g_str_equal (action_name, "win.accept-version"))
    {
      guint annotator = g_variant_get_uint32 (parameter);

      if (annotator == 0 || annotator > self->chosen->len)
        return;
      decided = gloss_adjudication_accept (self->adjudication, unit, annotator - 1, &error);
    }
  else if (g_str_equal (action_name, "win.accept-edited"))
    {
      guint start, end;

      /* The selection is only ever the person's (see show_unit()). */
      if (!gloss_article_view_get_selection_range (self->article_view, &start, &end))
        {
          show_info (self, _("Nothing new is selected: select the text the gold annotation "
                             "should cover, then press E."));
          return;
        }
      /* With the label of the version most agree on; a label's key
       * chooses another (win.annotate). */
      decided = gloss_adjudication_accept_edited (self->adjudication, unit,
                                                  gloss_annotation_get_label (gloss_review_unit_get_majority (unit, NULL)),
                                                  start, end, &error);
    }
  else if (g_str_equal (action_name, "win.annotate"))
    {
      /* A label's key: that label, over the selected text, or else over
       * the bounds most annotators chose. */
      GlossAnnotation *majority = gloss_review_unit_get_majority (unit, NULL);
      guint start = gloss_annotation_get_start (majority);
      guint end = gloss_annotation_get_end (majority);

      gloss_article_view_get_selection_range (self->article_view, &start, &end);
      decided = gloss_adjudication_accept_edited (self->adjudication, unit,
                                                  g_variant_get_string (parameter, NULL),
                                                  start, end, &error);
    }
  else
    decided = gloss_adjudication_reject (self->adjudication, unit, &error);

  if (decided)
    advance (self, unit);
  else
    report (self, error);
}

/* The attribute picker
 * ------------------------------------------------------------------------
 * V (or the Values button) opens a popover with a drop-down per attribute
 * the selected unit's versions differ on, each listing the values given
 * and who gave them, the most given first selected; Accept These Values
 * (the popover's default, so Enter) puts the version most agree on into
 * the gold with the values picked (gloss_adjudication_accept_with_attributes()). */

static void
clear_attribute_picker (GlossReviewWindow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->attributes_grid))) != NULL)
    gtk_grid_remove (self->attributes_grid, child);
  g_clear_object (&self->picking_unit);
  g_clear_pointer (&self->picking_ids, g_strfreev);
  g_clear_pointer (&self->picking_values, g_ptr_array_unref);
  g_clear_pointer (&self->picking_dropdowns, g_ptr_array_unref);
}

static void
fill_attribute_picker (GlossReviewWindow *self)
{
  GlossReviewUnit *unit = gloss_review_window_get_selected_unit (self);

  clear_attribute_picker (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->attributes_accept), FALSE);

  if (unit == NULL || self->adjudication == NULL)
    {
      gtk_label_set_text (self->attributes_heading, _("Select a unit first."));
      return;
    }

  self->picking_ids = gloss_review_unit_dup_differing_attributes (unit);
  if (self->picking_ids[0] == NULL)
    {
      gtk_label_set_text (self->attributes_heading,
                          _("The annotators gave this unit the same attribute values."));
      return;
    }

  gtk_label_set_text (self->attributes_heading, _("The annotators gave different values. Keep:"));
  self->picking_unit = g_object_ref (unit);
  self->picking_values = g_ptr_array_new_with_free_func ((GDestroyNotify)g_ptr_array_unref);
  self->picking_dropdowns = g_ptr_array_new ();

  for (guint k = 0; self->picking_ids[k] != NULL; k++)
    {
      GPtrArray *values = gloss_review_unit_dup_attribute_values (unit, self->picking_ids[k]);
      g_autoptr(GtkStringList) options = gtk_string_list_new (NULL);
      GtkWidget *name = gtk_label_new (attribute_name (self, self->picking_ids[k]));
      GtkWidget *dropdown;
      guint best = 0, best_count = 0;

      for (guint v = 0; v < values->len; v++)
        {
          const GlossReviewValue *value = g_ptr_array_index (values, v);
          g_autofree char *option = describe_review_value (self, value);
          guint count = 0;

          for (guint64 bits = value->annotators; bits != 0; bits &= bits - 1)
            count++;

          gtk_string_list_append (options, option);
          if (count > best_count)
            {
              best = v;
              best_count = count;
            }
        }

      dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&options)), NULL);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), best);
      gtk_widget_set_hexpand (dropdown, TRUE);
      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_label_set_mnemonic_widget (GTK_LABEL (name), dropdown);
      gtk_grid_attach (self->attributes_grid, name, 0, (int)k, 1, 1);
      gtk_grid_attach (self->attributes_grid, dropdown, 1, (int)k, 1, 1);
      g_ptr_array_add (self->picking_values, values);
      g_ptr_array_add (self->picking_dropdowns, dropdown);
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->attributes_accept), TRUE);
}

static void
on_attributes_popover_shown (GlossReviewWindow *self)
{
  fill_attribute_picker (self);
  /* The keyboard starts on the first choice. */
  if (self->picking_dropdowns != NULL && self->picking_dropdowns->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (self->picking_dropdowns, 0));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->attributes_accept));
}

static void
pick_attributes_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  GlossReviewWindow *self = GLOSS_REVIEW_WINDOW (widget);

  if (self->adjudication == NULL)
    return;
  gtk_menu_button_popup (self->attributes_button);
}

static void
accept_attributes_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  GlossReviewWindow *self = GLOSS_REVIEW_WINDOW (widget);
  g_autoptr(GlossReviewUnit) unit = NULL;
  g_autoptr(GVariant) picked = NULL;
  g_autofree GVariant **values = NULL;
  g_autoptr(GError) error = NULL;
  GlossAnnotation *majority;
  guint annotator = 0;
  guint n;

  if (self->adjudication == NULL || self->picking_unit == NULL
      || self->picking_unit != gloss_review_window_get_selected_unit (self))
    return;

  unit = g_object_ref (self->picking_unit);
  n = g_strv_length (self->picking_ids);
  values = g_new0 (GVariant *, n);
  for (guint k = 0; k < n; k++)
    {
      GPtrArray *given = g_ptr_array_index (self->picking_values, k);
      guint selected = gtk_drop_down_get_selected (g_ptr_array_index (self->picking_dropdowns, k));

      if (selected < given->len)
        values[k] = ((GlossReviewValue *)g_ptr_array_index (given, selected))->value;
    }

  /* The version most agree on (in such a unit all have its span and
   * label) gives the label, bounds, note and the other attributes. */
  majority = gloss_review_unit_get_majority (unit, NULL);
  for (guint i = 0; i < gloss_review_unit_get_n_annotators (unit); i++)
    if (gloss_review_unit_get_version (unit, i) == majority)
      {
        annotator = i;
        break;
      }
  picked = gloss_review_unit_pick_attributes (unit, annotator, (const char * const *)self->picking_ids, values);

  gtk_popover_popdown (self->attributes_popover);
  if (gloss_adjudication_accept_with_attributes (self->adjudication, unit, annotator, picked, &error))
    advance (self, unit);
  else
    report (self, error);
}

static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GlossReviewWindow *self = GLOSS_REVIEW_WINDOW (widget);
  gboolean backward = g_str_equal (action_name, "win.previous-disagreement");

  if (self->selection != NULL && !step_to (self, backward, is_pending_disagreement))
    show_info (self, _("No disagreement is left to decide."));
}

static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  GlossReviewWindow *self = GLOSS_REVIEW_WINDOW (widget);

  if (self->adjudication == NULL)
    return;
  if (g_str_equal (action_name, "win.undo"))
    gloss_adjudication_undo (self->adjudication);
  else
    gloss_adjudication_redo (self->adjudication);
}

static void
premerge_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  GlossReviewWindow *self = GLOSS_REVIEW_WINDOW (widget);
  guint merged;
  g_autofree char *message = NULL;

  if (self->adjudication == NULL)
    return;

  if (gold_problem (self) != NULL)
    {
      show_info (self, gold_problem (self));
      return;
    }

  merged = gloss_adjudication_premerge (self->adjudication, GLOSS_MERGE_UNANIMOUS);
  message = g_strdup_printf (ngettext ("%u unit everyone agreed on was accepted (Ctrl+Z undoes it).",
                                       "%u units everyone agreed on were accepted (Ctrl+Z undoes it).",
                                       merged), merged);
  show_info (self, message);
}

static void
toggle_agreement_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  GlossReviewWindow *self = GLOSS_REVIEW_WINDOW (widget);
  gboolean reveal = !gtk_revealer_get_reveal_child (self->agreement_revealer);

  gtk_revealer_set_reveal_child (self->agreement_revealer, reveal);
  gtk_toggle_button_set_active (self->agreement_button, reveal);
  if (reveal)
    count_corpus (self);
}

static void
on_file_chosen (GtkNativeDialog   *dialog,
                int                response,
                GlossReviewWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GError) error = NULL;

      if (!gloss_review_window_add_sidecar (self, file, &error))
        show_info (self, error->message);
    }
  g_object_unref (dialog);
}

static void
add_file_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  GlossReviewWindow *self = GLOSS_REVIEW_WINDOW (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GFile) folder = g_file_get_parent (self->article);

  if (self->gold == NULL)
    return;

  dialog = gtk_file_chooser_native_new (_("Add Annotations to Compare"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Add"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Gloss annotations"));
  gtk_file_filter_add_pattern (filter, "*" GLOSS_SIDECAR_SUFFIX);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder, NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_file_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* ------------------------------------------------------------------ */
/* GObject                                                              */
/* ------------------------------------------------------------------ */

static gboolean
gloss_review_window_close_request (GtkWindow *window)
{
  GlossReviewWindow *self = GLOSS_REVIEW_WINDOW (window);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->corpus_cancellable);
  /* Write what is pending now; the session finishes it even after the
   * window is gone. */
  if (self->gold != NULL)
    gloss_session_close_async (self->gold, NULL, NULL, NULL);

  return GTK_WINDOW_CLASS (gloss_review_window_parent_class)->close_request (window);
}

static void
gloss_review_window_dispose (GObject *object)
{
  GlossReviewWindow *self = GLOSS_REVIEW_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->corpus_cancellable);
  g_clear_handle_id (&self->corpus_progress_id, g_source_remove);
  if (self->adjudication != NULL)
    g_signal_handlers_disconnect_by_func (self->adjudication, on_adjudication_changed, self);
  g_clear_object (&self->adjudication);
  g_clear_object (&self->review);
  g_clear_object (&self->selection);
  g_clear_pointer (&self->chosen, g_ptr_array_unref);
  g_clear_pointer (&self->candidates, g_ptr_array_unref);
  g_clear_object (&self->picking_unit);
  g_clear_pointer (&self->picking_ids, g_strfreev);
  g_clear_pointer (&self->picking_values, g_ptr_array_unref);
  g_clear_pointer (&self->picking_dropdowns, g_ptr_array_unref);

  G_OBJECT_CLASS (gloss_review_window_parent_class)->dispose (object);
}

static void
gloss_review_window_finalize (GObject *object)
{
  GlossReviewWindow *self = GLOSS_REVIEW_WINDOW (object);

  g_clear_object (&self->gold);
  g_clear_pointer (&self->found, find_job_free);
  g_clear_object (&self->article);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->corpus_cancellable);
  g_clear_pointer (&self->adjudicator, g_free);

  G_OBJECT_CLASS (gloss_review_window_parent_class)->finalize (object);
}

static void
gloss_review_window_class_init (GlossReviewWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = gloss_review_window_dispose;
  object_class->finalize = gloss_review_window_finalize;
  window_class->close_request = gloss_review_window_close_request;

  g_type_ensure (GLOSS_TYPE_ARTICLE_VIEW);
  g_type_ensure (GLOSS_TYPE_CONFUSION_CHART);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/gloss-review-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossReviewWindow, annotators_button);
  gtk_widget_class_bind_template_child (widget_class, GlossReviewWindow, annotators_box);
  gtk_widget_class_bind_template_child (widget_class, GlossReviewWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, GlossReviewWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, GlossReviewWindow, info_bar);
  gtk_widget_class_bind_template_child (widget_class, GlossReviewWindow, info_label);
  gtk_widget_class_bind_template_child (widget_class, GlossReviewWindow, legend_label);
  gtk_widget_class_bind_template_child (widget_class, GlossReviewWindow, article_view);
  gtk_widget_class_bind_template_child (widget_class, GlossReviewWindow, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GlossReviewWindow, unit_list);
  gtk_widget_class_bind_template_child (widget_class, GlossReviewWindow, unit_stack);
  gtk_widget_class_bind_template_child (widget_class, GlossReviewWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, GlossReviewWindow, empty_button);
  gtk_widget_class_bind_template_child (widget_class, GlossReviewWindow, agreement_revealer);
  gtk_widget_class_bind_template_child (widget_class, GlossReviewWindow, agreement_button);
  gtk_widget_class_bind_template_child (widget_class, GlossReviewWindow, article_figures_label);
  gtk_widget_class_bind_template_child (widget_class, GlossReviewWindow, confusion_chart);
  gtk_widget_class_bind_template_child (widget_class, GlossReviewWindow, corpus_progress);
  gtk_widget_class_bind_template_child (widget_class, GlossReviewWindow, corpus_figures_label);
  gtk_widget_class_bind_template_child (widget_class, GlossReviewWindow, attributes_button);
  gtk_widget_class_bind_template_child (widget_class, GlossReviewWindow, attributes_popover);
  gtk_widget_class_bind_template_child (widget_class, GlossReviewWindow, attributes_heading);
  gtk_widget_class_bind_template_child (widget_class, GlossReviewWindow, attributes_grid);
  gtk_widget_class_bind_template_child (widget_class, GlossReviewWindow, attributes_accept);

  gtk_widget_class_install_action (widget_class, "win.accept-majority", NULL, decide_action);
  gtk_widget_class_install_action (widget_class, "win.accept-version", "u", decide_action);
  gtk_widget_class_install_action (widget_class, "win.accept-edited", NULL, decide_action);
  gtk_widget_class_install_action (widget_class, "win.reject", NULL, decide_action);
  gtk_widget_class_install_action (widget_class, "win.annotate", "s", decide_action);
  gtk_widget_class_install_action (widget_class, "win.next-disagreement", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "win.previous-disagreement", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "win.premerge", NULL, premerge_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-agreement", NULL, toggle_agreement_action);
  gtk_widget_class_install_action (widget_class, "win.add-file", NULL, add_file_action);
  gtk_widget_class_install_action (widget_class, "win.show-all-units", NULL, show_all_units_action);
  gtk_widget_class_install_action (widget_class, "win.pick-attributes", NULL, pick_attributes_action);
  gtk_widget_class_install_action (widget_class, "win.accept-attributes", NULL, accept_attributes_action);

}

static void
add_key (GtkShortcutController *controller,
         guint                  keyval,
         GdkModifierType        modifiers,
         const char            *action,
         GVariant              *argument)
{
  GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keyval, modifiers),
                                            gtk_named_action_new (action));

  if (argument != NULL)
    gtk_shortcut_set_arguments (shortcut, argument);
  gtk_shortcut_controller_add_shortcut (controller, shortcut);
}

/* Single keys, as a reviewer goes through hundreds of units. Caught
 * before the focused widget sees them: the article's own label keys and
 * GtkPaned's F8 would take them otherwise. */
static void
install_keys (GlossReviewWindow *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  GtkShortcutController *keys = GTK_SHORTCUT_CONTROLLER (controller);

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_event_controller_set_name (controller, "gloss-review-keys");
  add_key (keys, GDK_KEY_a, 0, "win.accept-majority", NULL);
  add_key (keys, GDK_KEY_e, 0, "win.accept-edited", NULL);
  add_key (keys, GDK_KEY_r, 0, "win.reject", NULL);
  add_key (keys, GDK_KEY_v, 0, "win.pick-attributes", NULL);
  add_key (keys, GDK_KEY_Delete, 0, "win.reject", NULL);
  for (guint i = 1; i <= 9; i++)
    {
      add_key (keys, GDK_KEY_1 + i - 1, 0, "win.accept-version", g_variant_new_uint32 (i));
      add_key (keys, GDK_KEY_KP_1 + i - 1, 0, "win.accept-version", g_variant_new_uint32 (i));
    }
  add_key (keys, GDK_KEY_n, 0, "win.next-disagreement", NULL);
  add_key (keys, GDK_KEY_F8, 0, "win.next-disagreement", NULL);
  add_key (keys, GDK_KEY_N, GDK_SHIFT_MASK, "win.previous-disagreement", NULL);
  add_key (keys, GDK_KEY_F8, GDK_SHIFT_MASK, "win.previous-disagreement", NULL);
  add_key (keys, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  add_key (keys, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  add_key (keys, GDK_KEY_m, GDK_CONTROL_MASK, "win.premerge", NULL);
  add_key (keys, GDK_KEY_F7, 0, "win.toggle-agreement", NULL);
  add_key (keys, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

/* Each label's key (c, q, p, o, l, m for the built-in labels) accepts the
 * selected unit with that label, wherever the focus is; a review key of
 * the same letter wins. */
static void
install_label_keys (GlossReviewWindow *self)
{
  GListModel *labels = G_LIST_MODEL (gloss_session_get_labels (self->gold));
  GListModel *controllers = gtk_widget_observe_controllers (GTK_WIDGET (self));
  GtkShortcutController *keys = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && keys == NULL; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (g_strcmp0 (gtk_event_controller_get_name (controller), "gloss-review-keys") == 0)
        keys = GTK_SHORTCUT_CONTROLLER (controller);
    }
  g_object_unref (controllers);
  g_return_if_fail (keys != NULL);

  for (guint i = 0; i < g_list_model_get_n_items (labels); i++)
    {
      g_autoptr(GlossLabel) label = g_list_model_get_item (labels, i);
      gunichar key = gloss_label_get_shortcut (label);

      if (key == 0 || strchr ("aernv", (int)key) != NULL || g_unichar_isdigit (key))
        continue;
      add_key (keys, gdk_unicode_to_keyval (key), 0, "win.annotate",
               g_variant_new_string (gloss_label_get_id (label)));
    }
}

static void
gloss_review_window_init (GlossReviewWindow *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->followed_caret = G_MAXUINT;
  self->candidates = g_ptr_array_new_with_free_func (candidate_free);
  self->chosen = g_ptr_array_new ();

  self->filter = gtk_custom_filter_new (unit_matches, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, GTK_FILTER (self->filter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->filtered));
  gtk_single_selection_set_autoselect (self->selection, TRUE);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);
  gtk_list_view_set_factory (self->unit_list, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->unit_list, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_swapped (self->selection, "notify::selected-item", G_CALLBACK (on_selected_unit), self);
  g_signal_connect_swapped (self->filtered, "items-changed", G_CALLBACK (update_unit_list_page), self);
  g_signal_connect_swapped (self->status_dropdown, "notify::selected", G_CALLBACK (on_status_filter_changed), self);
  g_signal_connect_swapped (self->attributes_popover, "show", G_CALLBACK (on_attributes_popover_shown), self);
  follow_article_buffer (self);
  /* The view puts a long text's buffer aside when it shows another. */
  g_signal_connect_object (self->article_view, "notify::buffer",
                           G_CALLBACK (follow_article_buffer), self, G_CONNECT_SWAPPED);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", FALSE);

  install_keys (self);
}

GlossReviewWindow *
gloss_review_window_new (GtkApplication *application,
                         GFile          *article,
                         const char     *adjudicator)
{
  GlossReviewWindow *self;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (G_IS_FILE (article), NULL);
  g_return_val_if_fail (gloss_annotator_id_is_valid (adjudicator), NULL);

  self = g_object_new (GLOSS_TYPE_REVIEW_WINDOW, "application", application, NULL);
  self->article = g_object_ref (article);
  self->adjudicator = g_strdup (adjudicator);

  name = g_file_get_basename (article);
  /* Translators: the window title, with the article's file name. */
  title = g_strdup_printf (_("Review — %s"), name);
  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->progress_label, _("Opening…"));

  gloss_session_new_async (article, adjudicator, self->cancellable, on_gold_loaded, g_object_ref (self));
  find_candidates (self);

  return self;
}

GlossAdjudication *
gloss_review_window_get_adjudication (GlossReviewWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_REVIEW_WINDOW (self), NULL);
  return self->adjudication;
}

GlossSession *
gloss_review_window_get_gold_session (GlossReviewWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_REVIEW_WINDOW (self), NULL);
  return self->gold;
}

GlossArticleView *
gloss_review_window_get_article_view (GlossReviewWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_REVIEW_WINDOW (self), NULL);
  return self->article_view;
}

GtkListView *
gloss_review_window_get_unit_list (GlossReviewWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_REVIEW_WINDOW (self), NULL);
  return self->unit_list;
}
