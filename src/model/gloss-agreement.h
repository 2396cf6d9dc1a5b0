/* gloss-agreement.h — how far annotators agree, over spans and over tokens
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GlossAgreement gathers counts, article by article, for a fixed list of
 * annotators (two or more); every figure is computed from the counts when
 * asked, so an article's figures and a corpus's are the same code (a
 * corpus is gloss_agreement_add() of its articles). docs/agreement.md has
 * every formula with a worked example.
 *
 * Spans. For a pair of annotators (a, b), a as reference:
 *   exact:   a span of b matches a span of a with the same start, end and
 *            label;
 *   overlap: a span of b matches a span of a with the same label that
 *            shares at least one code point; pairs are matched one to one,
 *            largest shared length first (ties: earlier start of a's span,
 *            then of b's).
 *   precision = matched / |b|,  recall = matched / |a|,
 *   F1 = 2 · matched / (|a| + |b|)   (NaN when |a| + |b| = 0).
 * Overall (micro) sums the counts of every label; macro is the mean of the
 * per-label F1 over the labels either annotator used. For all annotators,
 * the counts of every pair (a < b) are summed.
 *
 * Tokens. The items are (token, kind) pairs: every token of the CoNLL
 * export (gloss-tokens.h) once for each label kind (entity, quote, claim).
 * An annotator gives each item one category: the label of the longest of
 * their spans of that kind touching the token (the CoNLL rule: a span
 * that shares a token with a longer one of its kind is lost), or O.
 *   Cohen's kappa (a pair):  κ = (po − pe) / (1 − pe), po the share of
 *     items given the same category, pe = Σ_k pa(k) · pb(k);
 *   Fleiss' kappa (all):     κ = (P̄ − P̄e) / (1 − P̄e);
 *   Krippendorff's alpha (all, nominal, no missing values):
 *                            α = 1 − Do / De.
 * A per-label figure counts only the items of the label's kind, with two
 * categories: the label, and anything else. A per-kind figure (the claim,
 * quote or entity layer alone, as INCEpTION and NER papers give them)
 * counts only that kind's items, one per token, in the kind's own
 * categories: each of its labels, and O. Each is NaN when undefined
 * (every item in one category for everyone: the chance term is 1).
 *
 * The confusion matrix counts items: row the category of a, column that
 * of b; labels in gloss_agreement_get_labels() order, then O last.
 *
 * Attributes and article fields. For a span attribute the items are the
 * spans the annotators compared (a pair, or all of them) each marked with
 * the same start, end and label, on which at least one of them set the
 * attribute; for an article field (document_labels), the articles on
 * which at least one of them set the field. An annotator's category is
 * the value they set, or "not set". A multiple-choice attribute ("as"
 * values) is counted one value at a time against the rest, under the key
 * "id=value": the items are those where anyone set the attribute, the
 * categories whether the value is among those given. Cohen's kappa,
 * Fleiss' kappa and Krippendorff's alpha are the formulas above over these
 * items (docs/agreement.md, "Attributes and article fields").
 */
#pragma once

#include <glib.h>

#include "gloss-annotation.h"
#include "gloss-document.h"
#include "gloss-label-set.h"

G_BEGIN_DECLS

typedef enum
{
  GLOSS_MATCH_EXACT,
  GLOSS_MATCH_OVERLAP,
} GlossMatch;

#define GLOSS_N_MATCH 2

/* What attribute figures are over: spans' attributes, or articles'
 * fields (document_labels). */
typedef enum
{
  GLOSS_AGREEMENT_ATTRIBUTES,
  GLOSS_AGREEMENT_DOCUMENT_LABELS,
} GlossAgreementTarget;

/* Pass as both annotators for "all annotators". */
#define GLOSS_ALL_ANNOTATORS (-1)

typedef struct
{
  guint  n_reference;   /* spans of a (summed over pairs for all) */
  guint  n_candidate;   /* spans of b */
  guint  n_matched;
  double precision;     /* NaN when undefined */
  double recall;
  double f1;
} GlossSpanScore;

typedef struct _GlossAgreement GlossAgreement;

/* For the annotators @ids (two or more, in the order figures name them). */
GlossAgreement     *gloss_agreement_new             (const char * const *ids);
void                gloss_agreement_free            (GlossAgreement     *self);

/* Counts one article. @annotations holds, for each annotator in order, a
 * GPtrArray of their placed GlossAnnotation (orphans are skipped), or NULL
 * for one who marked nothing. @labels gives each label its kind (a label
 * it does not know counts as an entity, as in the CoNLL export). */
void                gloss_agreement_add_article     (GlossAgreement     *self,
                                                     GlossDocument      *document,
                                                     GlossLabelSet      *labels,
                                                     GPtrArray * const  *annotations);
/* Adds @other's counts (the same annotators, in the same order). */
void                gloss_agreement_add             (GlossAgreement     *self,
                                                     const GlossAgreement *other);

guint               gloss_agreement_get_n_annotators (const GlossAgreement *self);
const char         *gloss_agreement_get_annotator   (const GlossAgreement *self,
                                                     guint               index);
guint               gloss_agreement_get_n_articles  (const GlossAgreement *self);
/* Items counted: tokens × 3 kinds. */
guint64             gloss_agreement_get_n_items     (const GlossAgreement *self);
/* Every label any annotator used: those of the last label set given, in
 * its order, then the others by id. NULL-terminated, owned by @self. */
const char * const *gloss_agreement_get_labels      (const GlossAgreement *self);

/* Span scores for annotators @a and @b (indices; or both
 * GLOSS_ALL_ANNOTATORS), for @label or, if NULL, overall (micro). */
GlossSpanScore      gloss_agreement_get_span_score  (const GlossAgreement *self,
                                                     GlossMatch          match,
                                                     int                 a,
                                                     int                 b,
                                                     const char         *label);
double              gloss_agreement_get_macro_f1    (const GlossAgreement *self,
                                                     GlossMatch          match,
                                                     int                 a,
                                                     int                 b);

/* Token figures for @label, or overall if NULL. */
double              gloss_agreement_get_observed    (const GlossAgreement *self,
                                                     int                 a,
                                                     int                 b,
                                                     const char         *label);
double              gloss_agreement_get_cohen_kappa (const GlossAgreement *self,
                                                     int                 a,
                                                     int                 b,
                                                     const char         *label);
double              gloss_agreement_get_fleiss_kappa (const GlossAgreement *self,
                                                      const char         *label);
double              gloss_agreement_get_krippendorff_alpha (const GlossAgreement *self,
                                                            const char         *label);

/* Token figures over the items of @kind alone (one per token), with its
 * labels and O as categories; @a, @b as above. A kind nobody used has
 * observed agreement 1 and NaN for the others: check
 * gloss_agreement_get_kind_used() to say so rather than "n/a". */
gboolean            gloss_agreement_get_kind_used   (const GlossAgreement *self,
                                                     GlossLabelKind      kind);
double              gloss_agreement_get_kind_observed (const GlossAgreement *self,
                                                       GlossLabelKind      kind,
                                                       int                 a,
                                                       int                 b);
double              gloss_agreement_get_kind_cohen_kappa (const GlossAgreement *self,
                                                          GlossLabelKind      kind,
                                                          int                 a,
                                                          int                 b);
double              gloss_agreement_get_kind_fleiss_kappa (const GlossAgreement *self,
                                                           GlossLabelKind      kind);
double              gloss_agreement_get_kind_krippendorff_alpha (const GlossAgreement *self,
                                                                 GlossLabelKind      kind);

/* Counts the article fields of the article last given to
 * gloss_agreement_add_article(): @fields holds, for each annotator in
 * order, their sidecar's document_labels (an "a{sv}", or NULL). */
void                gloss_agreement_add_document_labels (GlossAgreement   *self,
                                                         GVariant * const *fields);

/* The keys with figures: every attribute (or field) set on some counted
 * item, a multiple-choice one as "id=value" for each value given, sorted.
 * NULL-terminated, owned by @self. */
const char * const *gloss_agreement_get_attributes  (const GlossAgreement *self,
                                                     GlossAgreementTarget  target);
/* Items counted for @key: for the pair @a, @b, or both
 * GLOSS_ALL_ANNOTATORS. 0 for a key without figures. */
guint64             gloss_agreement_get_attribute_n_items (const GlossAgreement *self,
                                                           GlossAgreementTarget  target,
                                                           const char           *key,
                                                           int                   a,
                                                           int                   b);
/* As the token figures, over @key's items; NaN without items, or when
 * every value is the same. */
double              gloss_agreement_get_attribute_observed (const GlossAgreement *self,
                                                            GlossAgreementTarget  target,
                                                            const char           *key,
                                                            int                   a,
                                                            int                   b);
double              gloss_agreement_get_attribute_cohen_kappa (const GlossAgreement *self,
                                                               GlossAgreementTarget  target,
                                                               const char           *key,
                                                               int                   a,
                                                               int                   b);
double              gloss_agreement_get_attribute_fleiss_kappa (const GlossAgreement *self,
                                                                GlossAgreementTarget  target,
                                                                const char           *key);
double              gloss_agreement_get_attribute_krippendorff_alpha (const GlossAgreement *self,
                                                                      GlossAgreementTarget  target,
                                                                      const char           *key);

/* The confusion matrix of @a against @b, (n_labels + 1)² counts, row-major,
 * O last; for GLOSS_ALL_ANNOTATORS the sum over every pair a < b of the
 * matrix and its transpose (so it is symmetric). Free with g_free(). */
guint64            *gloss_agreement_dup_confusion   (const GlossAgreement *self,
                                                     int                 a,
                                                     int                 b,
                                                     guint              *n_categories);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossAgreement, gloss_agreement_free)

G_END_DECLS
