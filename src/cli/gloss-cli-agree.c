/* gloss-cli-agree.c — `gloss-cli agree PATH…` and `gloss-cli merge FOLDER…`
 *
 * agree prints the figures of the model's corpus agreement
 * (gloss-corpus-agreement.h), the same the review window's F7 panel
 * shows: an article counts only when each chosen annotator has a sidecar
 * that loads: a missing one means "not annotated yet", which is not the
 * same as "marked nothing" (docs/review.md). Adjudicated sidecars (those
 * with a top-level "review" record) are left out unless named. merge walks
 * the corpus (gloss-corpus-walk.h) with every sidecar of an article loaded
 * at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "gloss-cli.h"

typedef struct
{
  GlossCorpusArticle *article;
  GlossDocument      *document;
  GlossLabelSet      *labels;     /* may be NULL */
  GPtrArray          *sidecars;   /* GlossSidecar*, loaded (borrowed) */
} ArticleSidecars;

typedef void (*ArticleFunc) (ArticleSidecars *article,
                             gpointer         user_data);

typedef struct
{
  ArticleFunc func;
  gpointer    user_data;
  guint      *n_problems;
} Walk;

/* The sidecars that loaded; the others are said and counted. */
static void
walk_article (GlossCorpusArticle *article,
              GlossDocument      *document,
              GlossLabelSet      *labels,
              GPtrArray          *sidecars,
              gpointer            user_data)
{
  Walk *walk = user_data;
  g_autoptr(GPtrArray) usable = g_ptr_array_new ();
  ArticleSidecars item;

  for (guint i = 0; i < sidecars->len; i++)
    {
      GlossSidecar *sidecar = g_ptr_array_index (sidecars, i);

      if (gloss_sidecar_get_state (sidecar) == GLOSS_SIDECAR_STATE_FAILED)
        {
          const GlossProblem *first = gloss_cli_first_error (sidecar, NULL);
          g_autofree char *line = first != NULL ? gloss_problem_to_string (first) : NULL;

          gloss_cli_error (_("%s (not counted; run “gloss-cli validate” for all problems)"),
                           line != NULL ? line : "");
          (*walk->n_problems)++;
          continue;
        }
      g_ptr_array_add (usable, sidecar);
    }

  item.article = article;
  item.document = document;
  item.labels = labels;
  item.sidecars = usable;
  walk->func (&item, walk->user_data);
}

static void
walk_problem (GlossCorpusArticle *article,
              GlossSidecar       *sidecar,
              const GlossProblem *problem,
              gpointer            user_data)
{
  Walk *walk = user_data;
  g_autofree char *line = gloss_problem_to_string (problem);

  gloss_cli_error ("%s", line);
  (*walk->n_problems)++;
}

/* Every article with all its sidecars loaded at once. Problems go to
 * stderr and count in @n_problems. */
static void
foreach_article (GlossCorpus *corpus,
                 ArticleFunc  func,
                 gpointer     user_data,
                 guint       *n_problems)
{
  Walk walk = { func, user_data, n_problems };

  gloss_cli_foreach_article (corpus, walk_article, walk_problem, &walk);
}

/* ------------------------------------------------------------------ */
/* agree                                                                */
/* ------------------------------------------------------------------ */

typedef struct
{
  GlossCorpusAgreement *figures;  /* the model's: the same as the F7 panel's */
  gboolean              json;
  gboolean              by_label;
  gboolean              by_attribute;
} Agree;

/* Said on stderr in walk order, as the walk meets them, and counted. */
static void
agree_problem (GlossCorpusArticle *article,
               GlossSidecar       *sidecar,
               const GlossProblem *problem,
               gpointer            user_data)
{
  guint *n_problems = user_data;
  g_autofree char *line = NULL;

  if (sidecar != NULL)
    {
      line = gloss_problem_to_string (problem);
      gloss_cli_error (_("%s (not counted; run “gloss-cli validate” for all problems)"), line);
    }
  else if (article != NULL && problem->file != NULL)
    {
      /* The path as the person typed it, relative where possible. */
      g_autoptr(GFile) file = g_file_parse_name (problem->file);
      g_autofree char *display = gloss_cli_display_path (file);
      GlossProblem copy = *problem;

      copy.file = display;
      line = gloss_problem_to_string (&copy);
      gloss_cli_error ("%s", line);
    }
  else
    {
      line = gloss_problem_to_string (problem);
      gloss_cli_error ("%s", line);
    }

  (*n_problems)++;
}

static char *
article_path (GlossCorpusArticle *article)
{
  return gloss_cli_display_path (gloss_corpus_article_get_file (article));
}

/* "0.812", or "n/a" when undefined. */
static char *
format_figure (double value)
{
  if (isnan (value))
    return g_strdup (_("n/a"));
  return g_strdup_printf ("%.3f", value);
}

static void
print_figure_row (const char *name,
                  double      value)
{
  g_autofree char *text = format_figure (value);

  printf ("  %-34s %8s\n", name, text);
}

static void
print_span_rows (const GlossAgreement *agreement,
                 int                   a,
                 int                   b,
                 const char           *label,
                 const char           *indent)
{
  for (guint m = 0; m < GLOSS_N_MATCH; m++)
    {
      GlossSpanScore score = gloss_agreement_get_span_score (agreement, (GlossMatch)m, a, b, label);
      g_autofree char *p = format_figure (score.precision);
      g_autofree char *r = format_figure (score.recall);
      g_autofree char *f = format_figure (score.f1);
      /* Translators: spans matched, of the first annotator's / the second's */
      g_autofree char *counts = g_strdup_printf (_("(%u matched of %u / %u)"), score.n_matched,
                                                 score.n_reference, score.n_candidate);

      printf ("%s%-10s %-8s P %6s  R %6s  F1 %6s   %s\n",
              indent, label != NULL ? label : _("all"),
              m == GLOSS_MATCH_EXACT ? _("exact") : _("overlap"),
              p, r, f, counts);
    }
}

/* The layers, in the order the figures give them. */
static const GlossLabelKind kinds[] = {
  GLOSS_LABEL_KIND_CLAIM,
  GLOSS_LABEL_KIND_QUOTE,
  GLOSS_LABEL_KIND_ENTITY,
};

/* Each layer alone (docs/agreement.md, "Per-kind figures"); a layer
 * nobody used is said, not given as n/a. */
static void
print_kinds (const GlossAgreement *agreement)
{
  guint n = gloss_agreement_get_n_annotators (agreement);

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autofree char *observed = NULL;
      g_autofree char *fleiss = NULL;
      g_autofree char *alpha = NULL;

      if (!gloss_agreement_get_kind_used (agreement, kinds[k]))
        {
          printf (_("  %s: nobody marked one\n"), gloss_label_kind_describe_layer (kinds[k]));
          continue;
        }

      observed = format_figure (gloss_agreement_get_kind_observed (agreement, kinds[k],
                                                                   GLOSS_ALL_ANNOTATORS,
                                                                   GLOSS_ALL_ANNOTATORS));
      fleiss = format_figure (gloss_agreement_get_kind_fleiss_kappa (agreement, kinds[k]));
      alpha = format_figure (gloss_agreement_get_kind_krippendorff_alpha (agreement, kinds[k]));
      printf (_("  %s: observed agreement %s, Fleiss' kappa %s, Krippendorff's alpha %s\n"),
              gloss_label_kind_describe_layer (kinds[k]), observed, fleiss, alpha);

      for (guint a = 0; a < n; a++)
        for (guint b = a + 1; b < n; b++)
          {
            g_autofree char *kappa =
              format_figure (gloss_agreement_get_kind_cohen_kappa (agreement, kinds[k], (int)a, (int)b));

            printf (_("    %s – %s: Cohen's kappa %s\n"),
                    gloss_agreement_get_annotator (agreement, a),
                    gloss_agreement_get_annotator (agreement, b), kappa);
          }
    }
}

/* Each attribute (or article field) over the spans (articles) where the
 * annotators can be compared (docs/agreement.md, "Attributes and article
 * fields"). */
static void
print_attributes (const GlossAgreement *agreement,
                  GlossAgreementTarget  target)
{
  guint n = gloss_agreement_get_n_annotators (agreement);
  const char * const *keys = gloss_agreement_get_attributes (agreement, target);
  gboolean spans = target == GLOSS_AGREEMENT_ATTRIBUTES;

  if (keys[0] == NULL)
    {
      printf ("  %s\n", spans ? _("Attributes: none set on spans marked alike")
                              : _("Article fields: none set"));
      return;
    }

  printf ("  %s\n", spans ? _("Attributes (spans marked alike):") : _("Article fields:"));
  for (guint k = 0; keys[k] != NULL; k++)
    {
      guint64 n_items = gloss_agreement_get_attribute_n_items (agreement, target, keys[k],
                                                               GLOSS_ALL_ANNOTATORS, GLOSS_ALL_ANNOTATORS);
      g_autofree char *observed =
        format_figure (gloss_agreement_get_attribute_observed (agreement, target, keys[k],
                                                               GLOSS_ALL_ANNOTATORS, GLOSS_ALL_ANNOTATORS));
      g_autofree char *fleiss = format_figure (gloss_agreement_get_attribute_fleiss_kappa (agreement, target, keys[k]));
      g_autofree char *alpha = format_figure (gloss_agreement_get_attribute_krippendorff_alpha (agreement, target, keys[k]));
      g_autofree char *count = g_strdup_printf (spans ? ngettext ("%u span", "%u spans", (gulong)n_items)
                                                      : ngettext ("%u article", "%u articles", (gulong)n_items),
                                                (guint)n_items);

      /* Translators: an attribute's id, how many spans or articles, then the figures */
      printf (_("    %s (%s): observed agreement %s, Fleiss' kappa %s, Krippendorff's alpha %s\n"),
              keys[k], count, observed, fleiss, alpha);

      for (guint a = 0; a < n; a++)
        for (guint b = a + 1; b < n; b++)
          {
            guint64 n_pair = gloss_agreement_get_attribute_n_items (agreement, target, keys[k], (int)a, (int)b);
            g_autofree char *kappa =
              format_figure (gloss_agreement_get_attribute_cohen_kappa (agreement, target, keys[k], (int)a, (int)b));
            g_autofree char *pair_count = g_strdup_printf (spans ? ngettext ("%u span", "%u spans", (gulong)n_pair)
                                                                 : ngettext ("%u article", "%u articles", (gulong)n_pair),
                                                           (guint)n_pair);

            printf (_("      %s – %s: Cohen's kappa %s (%s)\n"),
                    gloss_agreement_get_annotator (agreement, a),
                    gloss_agreement_get_annotator (agreement, b), kappa, pair_count);
          }
    }
}

static void
print_agreement (Agree                *agree,
                 const GlossAgreement *agreement)
{
  guint n = gloss_agreement_get_n_annotators (agreement);
  const char * const *labels = gloss_agreement_get_labels (agreement);

  for (guint a = 0; a < n; a++)
    for (guint b = a + 1; b < n; b++)
      {
        g_autofree char *kappa = format_figure (gloss_agreement_get_cohen_kappa (agreement, (int)a, (int)b, NULL));
        g_autofree char *macro = format_figure (gloss_agreement_get_macro_f1 (agreement, GLOSS_MATCH_EXACT, (int)a, (int)b));

        printf (_("  %s – %s: Cohen's kappa %s, macro F1 (exact) %s\n"),
                gloss_agreement_get_annotator (agreement, a),
                gloss_agreement_get_annotator (agreement, b), kappa, macro);
        print_span_rows (agreement, (int)a, (int)b, NULL, "    ");
        if (agree->by_label)
          for (guint l = 0; labels[l] != NULL; l++)
            print_span_rows (agreement, (int)a, (int)b, labels[l], "    ");
      }

  if (n > 2)
    {
      printf (_("  all pairs:\n"));
      print_span_rows (agreement, GLOSS_ALL_ANNOTATORS, GLOSS_ALL_ANNOTATORS, NULL, "    ");
    }

  print_figure_row (_("observed agreement (tokens)"),
                    gloss_agreement_get_observed (agreement, GLOSS_ALL_ANNOTATORS, GLOSS_ALL_ANNOTATORS, NULL));
  print_figure_row (_("Fleiss' kappa (tokens)"), gloss_agreement_get_fleiss_kappa (agreement, NULL));
  print_figure_row (_("Krippendorff's alpha (tokens)"), gloss_agreement_get_krippendorff_alpha (agreement, NULL));
  print_kinds (agreement);
  if (agree->by_attribute)
    {
      print_attributes (agreement, GLOSS_AGREEMENT_ATTRIBUTES);
      print_attributes (agreement, GLOSS_AGREEMENT_DOCUMENT_LABELS);
    }

  if (agree->by_label)
    for (guint l = 0; labels[l] != NULL; l++)
      {
        g_autofree char *fleiss = format_figure (gloss_agreement_get_fleiss_kappa (agreement, labels[l]));
        g_autofree char *alpha = format_figure (gloss_agreement_get_krippendorff_alpha (agreement, labels[l]));

        printf (_("  %-10s Fleiss' kappa %6s   Krippendorff's alpha %6s\n"), labels[l], fleiss, alpha);
      }
}

static void
print_table (Agree *agree)
{
  const char * const *annotators = gloss_corpus_agreement_get_annotators (agree->figures);
  guint n = g_strv_length ((char **) annotators);
  guint n_articles = gloss_corpus_agreement_get_n_articles (agree->figures);
  g_autofree char *names = g_strjoinv (", ", (char **) annotators);

  printf ("%-40s %8s %8s %8s %8s\n", _("article"), _("tokens"), _("F1 exact"),
          n == 2 ? _("kappa") : _("Fleiss"), _("alpha"));
  for (guint i = 0; i < n_articles; i++)
    {
      const GlossAgreement *figures = gloss_corpus_agreement_get_article_agreement (agree->figures, i);
      g_autofree char *path = article_path (gloss_corpus_agreement_get_article (agree->figures, i));
      GlossSpanScore score = gloss_agreement_get_span_score (figures, GLOSS_MATCH_EXACT,
                                                             GLOSS_ALL_ANNOTATORS, GLOSS_ALL_ANNOTATORS, NULL);
      g_autofree char *f1 = format_figure (score.f1);
      g_autofree char *kappa = format_figure (n == 2
                                              ? gloss_agreement_get_cohen_kappa (figures, 0, 1, NULL)
                                              : gloss_agreement_get_fleiss_kappa (figures, NULL));
      g_autofree char *alpha = format_figure (gloss_agreement_get_krippendorff_alpha (figures, NULL));

      printf ("%-40s %8" G_GUINT64_FORMAT " %8s %8s %8s\n", path,
              gloss_agreement_get_n_items (figures) / 3, f1, kappa, alpha);
    }

  printf ("\n");
  printf (ngettext ("Corpus: %u article, annotators %s\n", "Corpus: %u articles, annotators %s\n",
                    n_articles),
          n_articles, names);
  print_agreement (agree, gloss_corpus_agreement_get_total (agree->figures));

  for (guint i = 0; i < gloss_corpus_agreement_get_n_skipped (agree->figures); i++)
    {
      const char *missing = NULL;
      GlossCorpusArticle *article = gloss_corpus_agreement_get_skipped (agree->figures, i, &missing);
      g_autofree char *path = article_path (article);
      g_autofree char *line = g_strdup_printf (_("%s: no sidecar from %s"), path, missing);

      printf (_("skipped %s\n"), line);
    }
}

static void
add_double (JsonBuilder *b,
            const char  *name,
            double       value)
{
  json_builder_set_member_name (b, name);
  if (isnan (value))
    json_builder_add_null_value (b);
  else
    json_builder_add_double_value (b, round (value * 1e6) / 1e6);
}

static void
add_span_json (JsonBuilder          *b,
               const GlossAgreement *agreement,
               int                   a,
               int                   bb,
               const char           *label)
{
  json_builder_begin_object (b);
  for (guint m = 0; m < GLOSS_N_MATCH; m++)
    {
      GlossSpanScore score = gloss_agreement_get_span_score (agreement, (GlossMatch)m, a, bb, label);

      json_builder_set_member_name (b, m == GLOSS_MATCH_EXACT ? "exact" : "overlap");
      json_builder_begin_object (b);
      add_double (b, "precision", score.precision);
      add_double (b, "recall", score.recall);
      add_double (b, "f1", score.f1);
      if (label == NULL)
        add_double (b, "macro_f1", gloss_agreement_get_macro_f1 (agreement, (GlossMatch)m, a, bb));
      json_builder_set_member_name (b, "matched");
      json_builder_add_int_value (b, score.n_matched);
      json_builder_set_member_name (b, "reference");
      json_builder_add_int_value (b, score.n_reference);
      json_builder_set_member_name (b, "candidate");
      json_builder_add_int_value (b, score.n_candidate);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
}

/* "kinds": each layer alone, "used" false for one nobody used (its
 * figures are then null, but for an observed agreement of 1). Each pair
 * gives only its kappa: the doubles are most of the time spent writing,
 * and the observed agreement of all annotators (the mean over pairs) is
 * the pair's when there are two. */
static void
add_kinds_json (JsonBuilder          *b,
                const GlossAgreement *agreement)
{
  guint n = gloss_agreement_get_n_annotators (agreement);

  json_builder_set_member_name (b, "kinds");
  json_builder_begin_object (b);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      json_builder_set_member_name (b, gloss_label_kind_to_string (kinds[k]));
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "used");
      json_builder_add_boolean_value (b, gloss_agreement_get_kind_used (agreement, kinds[k]));
      json_builder_set_member_name (b, "pairs");
      json_builder_begin_array (b);
      for (guint a = 0; a < n; a++)
        for (guint c = a + 1; c < n; c++)
          {
            json_builder_begin_object (b);
            json_builder_set_member_name (b, "a");
            json_builder_add_string_value (b, gloss_agreement_get_annotator (agreement, a));
            json_builder_set_member_name (b, "b");
            json_builder_add_string_value (b, gloss_agreement_get_annotator (agreement, c));
            add_double (b, "cohen_kappa", gloss_agreement_get_kind_cohen_kappa (agreement, kinds[k], (int)a, (int)c));
            json_builder_end_object (b);
          }
      json_builder_end_array (b);
      add_double (b, "observed", gloss_agreement_get_kind_observed (agreement, kinds[k],
                                                                     GLOSS_ALL_ANNOTATORS, GLOSS_ALL_ANNOTATORS));
      add_double (b, "fleiss_kappa", gloss_agreement_get_kind_fleiss_kappa (agreement, kinds[k]));
      add_double (b, "krippendorff_alpha", gloss_agreement_get_kind_krippendorff_alpha (agreement, kinds[k]));
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
}

/* "attributes" and "document_labels": each key's items and figures,
 * each pair's kappa. */
static void
add_attributes_json (JsonBuilder          *b,
                     const GlossAgreement *agreement,
                     GlossAgreementTarget  target)
{
  guint n = gloss_agreement_get_n_annotators (agreement);
  const char * const *keys = gloss_agreement_get_attributes (agreement, target);

  json_builder_set_member_name (b, target == GLOSS_AGREEMENT_ATTRIBUTES ? "attributes" : "document_labels");
  json_builder_begin_object (b);
  for (guint k = 0; keys[k] != NULL; k++)
    {
      json_builder_set_member_name (b, keys[k]);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "items");
      json_builder_add_int_value (b, (gint64)gloss_agreement_get_attribute_n_items (agreement, target, keys[k],
                                                                                    GLOSS_ALL_ANNOTATORS,
                                                                                    GLOSS_ALL_ANNOTATORS));
      json_builder_set_member_name (b, "pairs");
      json_builder_begin_array (b);
      for (guint a = 0; a < n; a++)
        for (guint c = a + 1; c < n; c++)
          {
            json_builder_begin_object (b);
            json_builder_set_member_name (b, "a");
            json_builder_add_string_value (b, gloss_agreement_get_annotator (agreement, a));
            json_builder_set_member_name (b, "b");
            json_builder_add_string_value (b, gloss_agreement_get_annotator (agreement, c));
            json_builder_set_member_name (b, "items");
            json_builder_add_int_value (b, (gint64)gloss_agreement_get_attribute_n_items (agreement, target, keys[k],
                                                                                          (int)a, (int)c));
            add_double (b, "observed", gloss_agreement_get_attribute_observed (agreement, target, keys[k], (int)a, (int)c));
            add_double (b, "cohen_kappa", gloss_agreement_get_attribute_cohen_kappa (agreement, target, keys[k],
                                                                                     (int)a, (int)c));
            json_builder_end_object (b);
          }
      json_builder_end_array (b);
      add_double (b, "observed", gloss_agreement_get_attribute_observed (agreement, target, keys[k],
                                                                          GLOSS_ALL_ANNOTATORS, GLOSS_ALL_ANNOTATORS));
      add_double (b, "fleiss_kappa", gloss_agreement_get_attribute_fleiss_kappa (agreement, target, keys[k]));
      add_double (b, "krippendorff_alpha", gloss_agreement_get_attribute_krippendorff_alpha (agreement, target, keys[k]));
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
}

static void
add_agreement_json (JsonBuilder          *b,
                    Agree                *agree,
                    const GlossAgreement *agreement)
{
  guint n = gloss_agreement_get_n_annotators (agreement);
  const char * const *labels = gloss_agreement_get_labels (agreement);
  g_autofree guint64 *matrix = NULL;
  guint n_categories;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "tokens");
  json_builder_add_int_value (b, (gint64)(gloss_agreement_get_n_items (agreement) / 3));

  json_builder_set_member_name (b, "pairs");
  json_builder_begin_array (b);
  for (guint a = 0; a < n; a++)
    for (guint c = a + 1; c < n; c++)
      {
        json_builder_begin_object (b);
        json_builder_set_member_name (b, "a");
        json_builder_add_string_value (b, gloss_agreement_get_annotator (agreement, a));
        json_builder_set_member_name (b, "b");
        json_builder_add_string_value (b, gloss_agreement_get_annotator (agreement, c));
        json_builder_set_member_name (b, "spans");
        add_span_json (b, agreement, (int)a, (int)c, NULL);
        add_double (b, "observed", gloss_agreement_get_observed (agreement, (int)a, (int)c, NULL));
        add_double (b, "cohen_kappa", gloss_agreement_get_cohen_kappa (agreement, (int)a, (int)c, NULL));
        json_builder_end_object (b);
      }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "spans");
  add_span_json (b, agreement, GLOSS_ALL_ANNOTATORS, GLOSS_ALL_ANNOTATORS, NULL);
  add_double (b, "observed", gloss_agreement_get_observed (agreement, GLOSS_ALL_ANNOTATORS, GLOSS_ALL_ANNOTATORS, NULL));
  add_double (b, "fleiss_kappa", gloss_agreement_get_fleiss_kappa (agreement, NULL));
  add_double (b, "krippendorff_alpha", gloss_agreement_get_krippendorff_alpha (agreement, NULL));
  add_kinds_json (b, agreement);
  add_attributes_json (b, agreement, GLOSS_AGREEMENT_ATTRIBUTES);
  add_attributes_json (b, agreement, GLOSS_AGREEMENT_DOCUMENT_LABELS);

  if (agree->by_label)
    {
      json_builder_set_member_name (b, "labels");
      json_builder_begin_object (b);
      for (guint l = 0; labels[l] != NULL; l++)
        {
          json_builder_set_member_name (b, labels[l]);
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "spans");
          add_span_json (b, agreement, GLOSS_ALL_ANNOTATORS, GLOSS_ALL_ANNOTATORS, labels[l]);
          if (n == 2)
            add_double (b, "cohen_kappa", gloss_agreement_get_cohen_kappa (agreement, 0, 1, labels[l]));
          add_double (b, "fleiss_kappa", gloss_agreement_get_fleiss_kappa (agreement, labels[l]));
          add_double (b, "krippendorff_alpha", gloss_agreement_get_krippendorff_alpha (agreement, labels[l]));
          json_builder_end_object (b);
        }
      json_builder_end_object (b);
    }

  matrix = gloss_agreement_dup_confusion (agreement, n == 2 ? 0 : GLOSS_ALL_ANNOTATORS,
                                          n == 2 ? 1 : GLOSS_ALL_ANNOTATORS, &n_categories);
  json_builder_set_member_name (b, "confusion");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "categories");
  json_builder_begin_array (b);
  for (guint l = 0; labels[l] != NULL; l++)
    json_builder_add_string_value (b, labels[l]);
  json_builder_add_string_value (b, "O");
  json_builder_end_array (b);
  json_builder_set_member_name (b, "matrix");
  json_builder_begin_array (b);
  for (guint r = 0; r < n_categories; r++)
    {
      json_builder_begin_array (b);
      for (guint c = 0; c < n_categories; c++)
        json_builder_add_int_value (b, (gint64)matrix[(gsize)r * n_categories + c]);
      json_builder_end_array (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  json_builder_end_object (b);
}

static void
print_json (Agree *agree)
{
  const char * const *annotators = gloss_corpus_agreement_get_annotators (agree->figures);
  guint n_articles = gloss_corpus_agreement_get_n_articles (agree->figures);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "annotators");
  json_builder_begin_array (b);
  for (guint i = 0; annotators[i] != NULL; i++)
    json_builder_add_string_value (b, annotators[i]);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "articles");
  json_builder_begin_array (b);
  for (guint i = 0; i < n_articles; i++)
    {
      g_autofree char *path = article_path (gloss_corpus_agreement_get_article (agree->figures, i));

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "article");
      json_builder_add_string_value (b, path);
      json_builder_set_member_name (b, "figures");
      add_agreement_json (b, agree, gloss_corpus_agreement_get_article_agreement (agree->figures, i));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "corpus");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "articles");
  json_builder_add_int_value (b, n_articles);
  json_builder_set_member_name (b, "figures");
  add_agreement_json (b, agree, gloss_corpus_agreement_get_total (agree->figures));
  json_builder_end_object (b);

  json_builder_set_member_name (b, "skipped");
  json_builder_begin_array (b);
  for (guint i = 0; i < gloss_corpus_agreement_get_n_skipped (agree->figures); i++)
    {
      const char *missing = NULL;
      GlossCorpusArticle *article = gloss_corpus_agreement_get_skipped (agree->figures, i, &missing);
      g_autofree char *path = article_path (article);
      g_autofree char *line = g_strdup_printf (_("%s: no sidecar from %s"), path, missing);

      json_builder_add_string_value (b, line);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  text = gloss_json_to_string (root);
  fputs (text, stdout);
}

/* "a,b,c" → a list of valid ids; NULL and an error line if not. */
static GStrv
parse_annotators (const char *list)
{
  g_auto(GStrv) ids = g_strsplit (list, ",", -1);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_strstrip (ids[i]);
      if (!gloss_annotator_id_is_valid (ids[i]))
        {
          gloss_cli_error (_("--annotators: “%s” is not an annotator id "
                             "(lower-case letters, digits, “-” and “_”)"), ids[i]);
          return NULL;
        }
      for (guint j = 0; j < i; j++)
        if (g_str_equal (ids[i], ids[j]))
          {
            gloss_cli_error (_("--annotators: “%s” is named twice"), ids[i]);
            return NULL;
          }
    }

  return g_steal_pointer (&ids);
}

int
gloss_cli_agree (int    argc,
                 char **argv)
{
  g_autoptr(GlossCorpus) corpus = NULL;
  g_autoptr(GlossCorpusAgreement) figures = NULL;
  g_autofree char *annotators = NULL;
  g_auto(GStrv) ids = NULL;
  gboolean named = FALSE;
  Agree agree = { 0 };
  guint n_problems = 0;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &agree.json, N_("Print JSON instead of a table"), NULL },
    { "by-label", 0, 0, G_OPTION_ARG_NONE, &agree.by_label, N_("Add the figures of each label"), NULL },
    { "by-attribute", 0, 0, G_OPTION_ARG_NONE, &agree.by_attribute,
      N_("Add the figures of each span attribute and article field"), NULL },
    { "annotators", 'a', 0, G_OPTION_ARG_STRING, &annotators,
      N_("Compare these annotators (comma-separated ids; default: all but adjudicated files)"), N_("IDS") },
    { NULL }
  };
  int status;

  if (!gloss_cli_parse_options ("agree", _("PATH…"),
                                _("Scores how far annotators agree on the articles in the given "
                                  "sidecar files and folders: span precision, recall and F1 "
                                  "(exact and overlapping), Cohen's or Fleiss' kappa and "
                                  "Krippendorff's alpha over tokens; per article and for the "
                                  "whole corpus. An article counts when every annotator has "
                                  "a sidecar for it."),
                                entries, &argc, &argv))
    return GLOSS_CLI_EXIT_USAGE;

  if (argc < 2)
    {
      gloss_cli_error (_("agree: give sidecar files or folders"));
      return GLOSS_CLI_EXIT_USAGE;
    }

  corpus = gloss_cli_collect (argc - 1, argv + 1, &n_problems);

  if (annotators != NULL)
    {
      ids = parse_annotators (annotators);
      if (ids == NULL)
        return GLOSS_CLI_EXIT_USAGE;
      named = TRUE;
    }
  else
    ids = gloss_corpus_agreement_dup_default_annotators (corpus, NULL);

  if (g_strv_length (ids) < 2)
    {
      gloss_cli_error (ngettext ("agree: found %u annotator; at least two are needed",
                                 "agree: found %u annotators; at least two are needed",
                                 g_strv_length (ids)),
                       g_strv_length (ids));
      return GLOSS_CLI_EXIT_PROBLEMS;
    }

  /* Named annotators are compared whatever their files are; by default
   * adjudicated files are left out. */
  figures = gloss_corpus_agreement_new (corpus, (const char * const *) ids,
                                        named ? GLOSS_CORPUS_AGREEMENT_INCLUDE_ADJUDICATED
                                              : GLOSS_CORPUS_AGREEMENT_DEFAULT);
  gloss_corpus_agreement_set_problem_func (figures, agree_problem, &n_problems, NULL);
  /* Not cancellable: it cannot fail. */
  gloss_corpus_agreement_run (figures, NULL, NULL);
  agree.figures = figures;

  if (agree.json)
    print_json (&agree);
  else
    print_table (&agree);

  status = n_problems > 0 ? GLOSS_CLI_EXIT_PROBLEMS : GLOSS_CLI_EXIT_OK;
  if (gloss_corpus_agreement_get_n_articles (figures) == 0)
    {
      gloss_cli_error (_("agree: no article has a sidecar from every annotator"));
      status = GLOSS_CLI_EXIT_PROBLEMS;
    }

  return status;
}

/* ------------------------------------------------------------------ */
/* merge                                                                */
/* ------------------------------------------------------------------ */

typedef struct
{
  GlossMergeStrategy strategy;
  const char        *target;
  guint              n_articles;
  guint              n_merged;
  guint              n_fields;
  guint              n_left;
  guint              n_problems;
} Merge;

/* What merge leaves to the person: the units no strategy settled, and
 * those accepted with only the attribute values everyone gave. */
static void
print_left_to_adjudicate (const char  *path,
                          GlossReview *review)
{
  guint pending = gloss_review_count_pending (review);
  guint differing = gloss_review_count_status (review, GLOSS_UNIT_ATTRIBUTES);

  if (pending > 0)
    printf (ngettext ("%s: %u unit left to adjudicate in the app\n",
                      "%s: %u units left to adjudicate in the app\n", pending),
            path, pending);
  if (differing > 0)
    printf (ngettext ("%s: %u unit with attribute values the annotators differ on (review filter “Attributes differ”)\n",
                      "%s: %u units with attribute values the annotators differ on (review filter “Attributes differ”)\n",
                      differing),
            path, differing);
}

static void
merge_article (ArticleSidecars *item,
               gpointer         user_data)
{
  Merge *merge = user_data;
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func ((GDestroyNotify)g_ptr_array_unref);
  g_autoptr(GPtrArray) annotators = g_ptr_array_new ();
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_auto(GStrv) id_list = NULL;
  g_autoptr(GlossReview) review = NULL;
  g_autoptr(GlossAdjudication) adjudication = NULL;
  g_autoptr(GlossSidecar) gold = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = gloss_cli_display_path (gloss_corpus_article_get_file (item->article));
  guint merged, fields;

  for (guint i = 0; i < item->sidecars->len; i++)
    {
      GlossSidecar *sidecar = g_ptr_array_index (item->sidecars, i);

      if (g_strcmp0 (gloss_sidecar_get_annotator_id (sidecar), merge->target) == 0
          || gloss_sidecar_is_adjudicated (sidecar))
        continue;
      g_strv_builder_add (ids, gloss_sidecar_get_annotator_id (sidecar));
      g_ptr_array_add (annotators, sidecar);
      g_ptr_array_add (annotations, gloss_review_collect_placed (gloss_sidecar_get_annotations (sidecar)));
    }
  id_list = g_strv_builder_end (ids);

  if (annotations->len < 2)
    return;

  if (annotations->len > GLOSS_REVIEW_MAX_ANNOTATORS)
    {
      gloss_cli_error (ngettext ("%s: not merged, %u annotator; at most %u can be merged at once",
                                 "%s: not merged, %u annotators; at most %u can be merged at once",
                                 annotations->len),
                       path, annotations->len, GLOSS_REVIEW_MAX_ANNOTATORS);
      merge->n_problems++;
      return;
    }

  /* The gold file may exist: what it holds is kept, and units it already
   * decided are left alone. */
  gold = gloss_sidecar_new_for_document (item->document, merge->target);
  if (!gloss_sidecar_load (gold, item->labels, NULL, &error))
    {
      gloss_cli_error (_("%s: not merged, the %s sidecar cannot be used: %s"),
                       path, merge->target, error->message);
      merge->n_problems++;
      return;
    }

  review = gloss_review_new (item->labels, annotations->len, (GPtrArray * const *)annotations->pdata);
  adjudication = gloss_adjudication_new (review, item->labels, (const char * const *)id_list,
                                         gold, merge->target);
  merged = gloss_adjudication_premerge (adjudication, merge->strategy);
  fields = gloss_merge_document_labels (gold, annotators, merge->strategy);
  merge->n_articles++;
  merge->n_merged += merged;
  merge->n_fields += fields;
  merge->n_left += gloss_review_count_pending (review);

  if (merged > 0 || fields > 0)
    {
      if (!gloss_sidecar_save (gold, NULL, &error))
        {
          gloss_cli_error (_("%s: %s"), path, error->message);
          merge->n_problems++;
          return;
        }

      printf (ngettext ("%s: %u annotation merged into %s\n", "%s: %u annotations merged into %s\n", merged),
              path, merged, merge->target);
      if (fields > 0)
        printf (ngettext ("%s: %u article field merged into %s\n", "%s: %u article fields merged into %s\n", fields),
                path, fields, merge->target);
    }

  print_left_to_adjudicate (path, review);
}

int
gloss_cli_merge (int    argc,
                 char **argv)
{
  g_autoptr(GlossCorpus) corpus = NULL;
  g_autofree char *strategy = NULL;
  g_autofree char *target = NULL;
  Merge merge = { 0 };
  GOptionEntry entries[] = {
    { "strategy", 's', 0, G_OPTION_ARG_STRING, &strategy,
      N_("unanimous (everyone marked it alike) or majority (more than half did)"), N_("STRATEGY") },
    { "annotator", 'a', 0, G_OPTION_ARG_STRING, &target,
      N_("Annotator id of the merged sidecar (default: gold)"), N_("ID") },
    { NULL }
  };

  if (!gloss_cli_parse_options ("merge", _("PATH…"),
                                _("Pre-merges the annotations colleagues agree on into one "
                                  "sidecar per article (default <article>.gold.gloss.json), "
                                  "to adjudicate the rest in the app. An existing merged "
                                  "sidecar is added to, never overwritten: what it holds "
                                  "stays, and units it already decided are left alone."),
                                entries, &argc, &argv))
    return GLOSS_CLI_EXIT_USAGE;

  if (strategy == NULL)
    {
      gloss_cli_error (_("merge: choose --strategy unanimous or --strategy majority"));
      return GLOSS_CLI_EXIT_USAGE;
    }
  if (!gloss_merge_strategy_from_string (strategy, &merge.strategy))
    {
      gloss_cli_error (_("merge: unknown strategy “%s” (unanimous or majority)"), strategy);
      return GLOSS_CLI_EXIT_USAGE;
    }
  merge.target = target != NULL ? target : "gold";
  if (!gloss_annotator_id_is_valid (merge.target))
    {
      gloss_cli_error (_("merge: “%s” is not an annotator id (lower-case letters, digits, “-” and “_”)"),
                       merge.target);
      return GLOSS_CLI_EXIT_USAGE;
    }
  if (argc < 2)
    {
      gloss_cli_error (_("merge: give sidecar files or folders"));
      return GLOSS_CLI_EXIT_USAGE;
    }

  corpus = gloss_cli_collect (argc - 1, argv + 1, &merge.n_problems);
  foreach_article (corpus, merge_article, &merge, &merge.n_problems);

  {
    g_autofree char *in_articles = g_strdup_printf (ngettext ("%u article", "%u articles", merge.n_articles),
                                                    merge.n_articles);

    /* Translators: "88 annotations merged in 3 articles"; %s is "3
     * articles", translated apart. */
    printf (ngettext ("%u annotation merged in %s\n", "%u annotations merged in %s\n", merge.n_merged),
            merge.n_merged, in_articles);
  }
  if (merge.n_fields > 0)
    printf (ngettext ("%u article field merged\n", "%u article fields merged\n", merge.n_fields), merge.n_fields);
  if (merge.n_left > 0)
    printf (ngettext ("%u unit left to adjudicate in the app\n", "%u units left to adjudicate in the app\n",
                      merge.n_left),
            merge.n_left);

  return merge.n_problems > 0 ? GLOSS_CLI_EXIT_PROBLEMS : GLOSS_CLI_EXIT_OK;
}
