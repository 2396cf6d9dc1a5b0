/* test-agreement.c — inter-annotator agreement against cases worked by hand
 *
 * Every expected figure below is computed by hand, in the comment above
 * the case, from the definitions in gloss-agreement.h and
 * docs/agreement.md; none is taken from the implementation.
 *
 * The texts are runs of one-letter words, "a b c d …": token i is the
 * letter at code point 2·i, so a span over tokens i..j is [2·i, 2·j + 1).
 * Every token is three items, (token, entity), (token, quote) and
 * (token, claim): a text of T tokens has 3·T items, and the quote and
 * claim items are O for everyone unless a quote or claim span covers them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "gloss.h"
#include "gloss-tokens.h"
#include "gloss-test-utils.h"

#define EPSILON 1e-9

#define TEXT_10 "a b c d e f g h i j"
#define TEXT_20 "a b c d e f g h i j k l m n o p q r s t"

#define assert_close(actual, expected) \
  g_assert_cmpfloat_with_epsilon ((actual), (expected), EPSILON)
#define assert_nan(actual) g_assert_true (isnan (actual))

/* ------------------------------------------------------------------ */
/* Helpers                                                              */
/* ------------------------------------------------------------------ */

static GPtrArray *
rater_new (void)
{
  return g_ptr_array_new_with_free_func (g_object_unref);
}

/* A span in code points. */
static GlossAnnotation *
add_span (GPtrArray  *rater,
          const char *label,
          guint       start,
          guint       end)
{
  g_autofree char *id = g_strdup_printf ("s%u", rater->len);
  GlossAnnotation *annotation = gloss_annotation_new (id, label, start, end);

  g_ptr_array_add (rater, annotation);
  return annotation;
}

/* A span over tokens @first..@last (inclusive) of a "a b c …" text. */
static GlossAnnotation *
add_tokens (GPtrArray  *rater,
            const char *label,
            guint       first,
            guint       last)
{
  return add_span (rater, label, 2 * first, 2 * last + 1);
}

static GlossAgreement *
agreement_new (guint n_annotators)
{
  const char *ids[] = { "ann0", "ann1", "ann2", "ann3", NULL };
  g_autofree char **copy = NULL;

  g_assert_cmpuint (n_annotators, >=, 2);
  g_assert_cmpuint (n_annotators, <=, 4);
  copy = g_new0 (char *, n_annotators + 1);
  memcpy (copy, ids, n_annotators * sizeof (char *));

  return gloss_agreement_new ((const char * const *)copy);
}

/* Counts one article of @text for the raters (NULL: marked nothing), with
 * the built-in labels. */
static void
add_article (GlossAgreement *agreement,
             const char     *text,
             GPtrArray     **raters)
{
  g_autoptr(GlossDocument) document = gloss_test_doc_new (text);
  g_autoptr(GlossLabelSet) labels = gloss_label_set_get_builtin ();

  gloss_agreement_add_article (agreement, document, labels, (GPtrArray * const *)raters);
}

static void
assert_labels (const GlossAgreement *agreement,
               const char * const   *expected)
{
  const char * const *labels = gloss_agreement_get_labels (agreement);
  guint i;

  g_assert_nonnull (labels);
  for (i = 0; expected[i] != NULL; i++)
    g_assert_cmpstr (labels[i], ==, expected[i]);
  g_assert_null (labels[i]);
}

static void
assert_confusion (const GlossAgreement *agreement,
                  int                   a,
                  int                   b,
                  const guint64        *expected,
                  guint                 n_expected)
{
  guint n = 0;
  g_autofree guint64 *matrix = gloss_agreement_dup_confusion (agreement, a, b, &n);

  g_assert_cmpuint (n, ==, n_expected);
  for (guint i = 0; i < n * n; i++)
    {
      if (matrix[i] != expected[i])
        g_error ("confusion (%d, %d): cell [%u][%u] is %" G_GUINT64_FORMAT
                 ", expected %" G_GUINT64_FORMAT,
                 a, b, i / n, i % n, matrix[i], expected[i]);
    }
}

static void
assert_score (GlossSpanScore score,
              guint          n_reference,
              guint          n_candidate,
              guint          n_matched,
              double         precision,
              double         recall,
              double         f1)
{
  g_assert_cmpuint (score.n_reference, ==, n_reference);
  g_assert_cmpuint (score.n_candidate, ==, n_candidate);
  g_assert_cmpuint (score.n_matched, ==, n_matched);
  if (isnan (precision))
    assert_nan (score.precision);
  else
    assert_close (score.precision, precision);
  if (isnan (recall))
    assert_nan (score.recall);
  else
    assert_close (score.recall, recall);
  if (isnan (f1))
    assert_nan (score.f1);
  else
    assert_close (score.f1, f1);
}

/* Equal, or both NaN. */
static void
assert_same (double x,
             double y)
{
  if (isnan (x) || isnan (y))
    {
      g_assert_true (isnan (x));
      g_assert_true (isnan (y));
    }
  else
    assert_close (x, y);
}

/* ------------------------------------------------------------------ */
/* Tokens: the layout every case relies on                              */
/* ------------------------------------------------------------------ */

static void
test_token_layout (void)
{
  g_autoptr(GlossDocument) document = gloss_test_doc_new (TEXT_20);
  g_autoptr(GArray) tokens = gloss_tokens_new (document);

  g_assert_cmpuint (tokens->len, ==, 20);
  for (guint i = 0; i < tokens->len; i++)
    {
      const GlossToken *token = &g_array_index (tokens, GlossToken, i);

      g_assert_cmpuint (token->start, ==, 2 * i);
      g_assert_cmpuint (token->end, ==, 2 * i + 1);
    }
}

/* ------------------------------------------------------------------ */
/* Cohen's kappa                                                        */
/* ------------------------------------------------------------------ */

/* TEXT_20, 20 tokens, 60 items. A (ann0) and B (ann1) mark person:
 *   A: tokens 0-2, 3-5, 6-8 (three spans)
 *   B: tokens 0-2, 3-5, 9-10 (three spans)
 *
 * Per label "person" (the 20 entity items, person / anything else):
 *
 *                B person   B other
 *   A person         6          3     |  9
 *   A other          2          9     | 11
 *                    8         12       20
 *
 *   po = (6 + 9) / 20 = 3/4
 *   pe = (9/20)(8/20) + (11/20)(12/20) = (72 + 132) / 400 = 51/100
 *   κ  = (3/4 − 51/100) / (1 − 51/100) = (24/100) / (49/100) = 24/49
 *
 * Overall (all 60 items; the 20 quote and 20 claim items are O for both,
 * so they join the O/O cell):
 *
 *                B person   B O
 *   A person         6        3      |  9
 *   A O              2       49      | 51     (9 + 20 + 20 = 49)
 *                    8       52        60
 *
 *   po = (6 + 49) / 60 = 11/12
 *   pe = (9·8 + 51·52) / 60² = (72 + 2652) / 3600 = 2724/3600 = 227/300
 *   κ  = (275/300 − 227/300) / (73/300) = 48/73
 *
 * κ is symmetric: κ(B, A) = κ(A, B).
 *
 * Spans: exact and overlap alike, 2 of A's 3 spans are matched by 2 of B's
 * 3 (9-10 and 6-8 share no code point): P = R = F1 = 2/3.
 *
 * The same table as Scott's π / Fleiss' κ for two raters (pooled
 * proportions), overall: n_person = 9 + 8 = 17, n_O = 51 + 52 = 103 of 120
 *   P̄e = (17² + 103²) / 120² = (289 + 10609) / 14400 = 10898/14400
 *   P̄  = po = 11/12 = 13200/14400
 *   κ_F = (13200 − 10898) / (14400 − 10898) = 2302/3502 = 1151/1751
 * and per label: n_person = 17, n_other = 23 of 40
 *   P̄e = (289 + 529) / 1600 = 818/1600, P̄ = 3/4 = 1200/1600
 *   κ_F = (1200 − 818) / (1600 − 818) = 382/782 = 191/391
 *
 * Krippendorff's α, two raters: each of the 5 disagreeing items adds 1 to
 * o(person, O) and 1 to o(O, person) (m_u − 1 = 1); n.. = 120.
 *   overall:   Do = 10/120 = 1/12
 *              De = (120² − 17² − 103²) / (120 · 119) = 3502/14280
 *              α  = 1 − (1/12)(14280/3502) = 1 − 1190/3502 = 1 − 595/1751
 *                 = 1156/1751  (≈ 0.6602, against κ = 48/73 ≈ 0.6575)
 *   person:    Do = 10/40 = 1/4
 *              De = (40² − 17² − 23²) / (40 · 39) = 782/1560
 *              α  = 1 − (1/4)(1560/782) = 1 − 390/782 = 196/391
 * (Check: α = 1 − (1 − κ_F)(n.. − 1)/n..: 1 − (600/1751)(119/120) =
 * 1 − 595/1751.) */
static void
build_cohen_case (GlossAgreement *agreement)
{
  g_autoptr(GPtrArray) a = rater_new ();
  g_autoptr(GPtrArray) b = rater_new ();
  GPtrArray *raters[] = { a, b };

  add_tokens (a, "person", 0, 2);
  add_tokens (a, "person", 3, 5);
  add_tokens (a, "person", 6, 8);
  add_tokens (b, "person", 0, 2);
  add_tokens (b, "person", 3, 5);
  add_tokens (b, "person", 9, 10);
  add_article (agreement, TEXT_20, raters);
}

static void
test_cohen_two_by_two (void)
{
  g_autoptr(GlossAgreement) agreement = agreement_new (2);
  const char * const labels[] = { "person", NULL };
  /* rows A, columns B: person, O */
  const guint64 confusion[] = {
    6, 3,
    2, 49,
  };

  build_cohen_case (agreement);

  g_assert_cmpuint (gloss_agreement_get_n_annotators (agreement), ==, 2);
  g_assert_cmpstr (gloss_agreement_get_annotator (agreement, 1), ==, "ann1");
  g_assert_cmpuint (gloss_agreement_get_n_articles (agreement), ==, 1);
  g_assert_cmpuint (gloss_agreement_get_n_items (agreement), ==, 60);
  assert_labels (agreement, labels);
  assert_confusion (agreement, 0, 1, confusion, 2);

  assert_close (gloss_agreement_get_observed (agreement, 0, 1, NULL), 11.0 / 12);
  assert_close (gloss_agreement_get_cohen_kappa (agreement, 0, 1, NULL), 48.0 / 73);
  assert_close (gloss_agreement_get_cohen_kappa (agreement, 1, 0, NULL), 48.0 / 73);

  assert_close (gloss_agreement_get_observed (agreement, 0, 1, "person"), 3.0 / 4);
  assert_close (gloss_agreement_get_cohen_kappa (agreement, 0, 1, "person"), 24.0 / 49);
  assert_close (gloss_agreement_get_cohen_kappa (agreement, 1, 0, "person"), 24.0 / 49);

  /* With two raters, "all annotators" is the one pair. */
  assert_close (gloss_agreement_get_observed (agreement, GLOSS_ALL_ANNOTATORS,
                                              GLOSS_ALL_ANNOTATORS, NULL), 11.0 / 12);

  assert_score (gloss_agreement_get_span_score (agreement, GLOSS_MATCH_EXACT, 0, 1, NULL),
                3, 3, 2, 2.0 / 3, 2.0 / 3, 2.0 / 3);
  assert_score (gloss_agreement_get_span_score (agreement, GLOSS_MATCH_OVERLAP, 0, 1, NULL),
                3, 3, 2, 2.0 / 3, 2.0 / 3, 2.0 / 3);
}

static void
test_two_raters_fleiss_alpha (void)
{
  g_autoptr(GlossAgreement) agreement = agreement_new (2);

  build_cohen_case (agreement);

  assert_close (gloss_agreement_get_fleiss_kappa (agreement, NULL), 1151.0 / 1751);
  assert_close (gloss_agreement_get_fleiss_kappa (agreement, "person"), 191.0 / 391);
  assert_close (gloss_agreement_get_krippendorff_alpha (agreement, NULL), 1156.0 / 1751);
  assert_close (gloss_agreement_get_krippendorff_alpha (agreement, "person"), 196.0 / 391);
}

/* TEXT_10, every kind, and a label the built-in set does not know
 * ("event", which counts as an entity).
 *   A: person 0, quote 0-4, claim 0-9
 *   B: person 0, quote 1-4, event 2
 *
 * Labels: the set's order (claim, quote, person), then "event".
 * Items, A's category / B's:
 *   entity: t0 person/person; t2 O/event; 8 × O/O
 *   quote:  t0 quote/O; t1-4 quote/quote; t5-9 O/O
 *   claim:  10 × claim/O
 * Confusion, rows A, columns B, order claim quote person event O:
 *   claim   0 0 0 0 10
 *   quote   0 4 0 0  1
 *   person  0 0 1 0  0
 *   event   0 0 0 0  0
 *   O       0 0 0 1 13      (8 entity + 5 quote)
 *
 * Overall: po = (4 + 1 + 13) / 30 = 18/30 = 3/5
 *   A totals: claim 10, quote 5, person 1, event 0, O 14
 *   B totals: claim 0,  quote 4, person 1, event 1, O 24
 *   pe = (10·0 + 5·4 + 1·1 + 0·1 + 14·24) / 900 = 357/900 = 119/300
 *   κ  = (180/300 − 119/300) / (181/300) = 61/181
 * quote (quote items only): A 5, B 4, both 4, neither 5
 *   po = 9/10, pe = (5/10)(4/10) + (5/10)(6/10) = 1/2, κ = (2/5)/(1/2) = 4/5
 * claim: A all 10, B none: po = 0, pe = 1·0 + 0·1 = 0, κ = 0
 * event: A 0, B 1 of the 10 entity items: po = 9/10,
 *   pe = 0·(1/10) + 1·(9/10) = 9/10, κ = 0
 * person: both on t0 only: po = 1, pe = 1/100 + 81/100, κ = 1
 *
 * Spans: A {person, quote, claim}, B {person, quote, event}.
 *   exact:   person matches; m = 1, P = R = F1 = 1/3
 *   overlap: person, and quote (sharing [2, 9)); m = 2, F1 = 2/3
 *   macro over claim, quote, person, event:
 *     exact   (0 + 0 + 1 + 0) / 4 = 1/4
 *     overlap (0 + 1 + 1 + 0) / 4 = 1/2 */
static void
test_cohen_kinds (void)
{
  g_autoptr(GlossAgreement) agreement = agreement_new (2);
  g_autoptr(GPtrArray) a = rater_new ();
  g_autoptr(GPtrArray) b = rater_new ();
  GPtrArray *raters[] = { a, b };
  const char * const labels[] = { "claim", "quote", "person", "event", NULL };
  const guint64 confusion[] = {
    0, 0, 0, 0, 10,
    0, 4, 0, 0, 1,
    0, 0, 1, 0, 0,
    0, 0, 0, 0, 0,
    0, 0, 0, 1, 13,
  };

  add_tokens (a, "person", 0, 0);
  add_tokens (a, "quote", 0, 4);
  add_tokens (a, "claim", 0, 9);
  add_tokens (b, "person", 0, 0);
  add_tokens (b, "quote", 1, 4);
  add_tokens (b, "event", 2, 2);
  add_article (agreement, TEXT_10, raters);

  assert_labels (agreement, labels);
  assert_confusion (agreement, 0, 1, confusion, 5);

  assert_close (gloss_agreement_get_observed (agreement, 0, 1, NULL), 3.0 / 5);
  assert_close (gloss_agreement_get_cohen_kappa (agreement, 0, 1, NULL), 61.0 / 181);
  assert_close (gloss_agreement_get_observed (agreement, 0, 1, "quote"), 9.0 / 10);
  assert_close (gloss_agreement_get_cohen_kappa (agreement, 0, 1, "quote"), 4.0 / 5);
  assert_close (gloss_agreement_get_observed (agreement, 0, 1, "claim"), 0);
  assert_close (gloss_agreement_get_cohen_kappa (agreement, 0, 1, "claim"), 0);
  assert_close (gloss_agreement_get_observed (agreement, 0, 1, "event"), 9.0 / 10);
  assert_close (gloss_agreement_get_cohen_kappa (agreement, 0, 1, "event"), 0);
  assert_close (gloss_agreement_get_observed (agreement, 0, 1, "person"), 1);
  assert_close (gloss_agreement_get_cohen_kappa (agreement, 0, 1, "person"), 1);

  assert_score (gloss_agreement_get_span_score (agreement, GLOSS_MATCH_EXACT, 0, 1, NULL),
                3, 3, 1, 1.0 / 3, 1.0 / 3, 1.0 / 3);
  assert_score (gloss_agreement_get_span_score (agreement, GLOSS_MATCH_OVERLAP, 0, 1, NULL),
                3, 3, 2, 2.0 / 3, 2.0 / 3, 2.0 / 3);
  assert_close (gloss_agreement_get_macro_f1 (agreement, GLOSS_MATCH_EXACT, 0, 1), 1.0 / 4);
  assert_close (gloss_agreement_get_macro_f1 (agreement, GLOSS_MATCH_OVERLAP, 0, 1), 1.0 / 2);
}

/* ------------------------------------------------------------------ */
/* Three annotators: Fleiss' kappa, Krippendorff's alpha                */
/* ------------------------------------------------------------------ */

/* TEXT_10, three raters, one-token spans (P person, L location, - none):
 *
 *   token   0 1 2 3 4 5 6 7 8 9
 *   A       P P P P L L P - - -
 *   B       P P P - L - L - P -
 *   C       P P L P L L - - - -
 *
 * Fleiss, n = 3 raters, overall: N = 30 items (10 entity + 20 quote/claim
 * items, all O/O/O). Per item n_ij (person, location, O) and
 * P_i = (Σ_j n_ij² − n) / (n (n − 1)) = (Σ_j n_ij² − 3) / 6:
 *
 *   item        n_P n_L n_O   Σn²   P_i
 *   t0, t1       3   0   0     9     1     (×2)
 *   t2           2   1   0     5    1/3
 *   t3           2   0   1     5    1/3
 *   t4           0   3   0     9     1
 *   t5           0   2   1     5    1/3
 *   t6           1   1   1     3     0
 *   t7, t9       0   0   3     9     1     (×2)
 *   t8           1   0   2     5    1/3
 *   20 others    0   0   3     9     1     (×20)
 *   totals      12   7  71    (= 90 = N·n)
 *
 *   Σ P_i = 5 + 4·(1/3) + 0 + 20 = 79/3,   P̄ = (79/3) / 30 = 79/90
 *   p_P = 12/90, p_L = 7/90, p_O = 71/90
 *   P̄e = (12² + 7² + 71²) / 90² = (144 + 49 + 5041) / 8100 = 5234/8100
 *   κ = (79/90 − 5234/8100) / (1 − 5234/8100) = (7110 − 5234) / (8100 − 5234)
 *     = 1876/2866 = 938/1433
 *
 * Per label, over the 10 entity items, "person" / anything else:
 *   P_i: t0, t1, t4, t5, t7, t9 → 1 (all agree); t2, t3, t6, t8 → 1/3
 *   P̄ = (6 + 4/3) / 10 = 22/30 = 11/15
 *   p_P = 12/30 = 2/5, P̄e = 4/25 + 9/25 = 13/25
 *   κ = (11/15 − 13/25) / (12/25) = (16/75)(25/12) = 4/9
 * "location": t2, t5, t6 split (1/3), seven items 1
 *   P̄ = (7 + 1) / 10 = 4/5, p_L = 7/30, P̄e = (49 + 529) / 900 = 578/900
 *   κ = (720/900 − 578/900) / (322/900) = 142/322 = 71/161
 *
 * Krippendorff (nominal), the coincidence matrix: each item u with m_u = 3
 * values adds n_uc (n_uk − [c = k]) / (m_u − 1) to o_ck:
 *   t0, t1: o_PP += 3 each;        t2: o_PP += 1, o_PL = o_LP += 1
 *   t3: o_PP += 1, o_PO = o_OP += 1;  t4: o_LL += 3
 *   t5: o_LL += 1, o_LO = o_OL += 1
 *   t6: o_PL, o_PO, o_LO (and mirrors) += 1/2 each
 *   t7, t9: o_OO += 3 each;        t8: o_OO += 1, o_PO = o_OP += 1
 *   20 others: o_OO += 3 each
 *
 *            P      L      O   |  n_c
 *   P        8     3/2    5/2  |  12
 *   L       3/2     4     3/2  |   7
 *   O       5/2    3/2    67   |  71
 *                                 n.. = 90
 *
 *   Do = (1/n..) Σ_{c≠k} o_ck = 2 (3/2 + 5/2 + 3/2) / 90 = 11/90
 *   De = (n..² − Σ n_c²) / (n.. (n.. − 1)) = (8100 − 5234) / (90 · 89)
 *      = 2866/8010
 *   α  = 1 − Do/De = 1 − (11/90)(8010/2866) = 1 − 979/2866 = 1887/2866
 *
 * Per label "person": n_P = 12, n_other = 18, n.. = 30; four split items
 * (t2, t3, t6, t8) each add 1 to o(P, other) and 1 to o(other, P):
 *   Do = 8/30, De = 2 · 12 · 18 / (30 · 29) = 432/870
 *   α = 1 − (8/30)(870/432) = 1 − 6960/12960 = 1 − 29/54 = 25/54
 * "location": n_L = 7, n_other = 23; three split items (t2, t5, t6):
 *   Do = 6/30, De = 2 · 7 · 23 / 870 = 322/870
 *   α = 1 − (6/30)(870/322) = 1 − 5220/9660 = 1 − 87/161 = 74/161
 *
 * Observed agreement for all raters is P̄ (the mean over pairs of the
 * share of items a pair agrees on): 79/90 overall.
 *
 * Pair confusion matrices, order person, location, O (rows: first rater):
 *   A×B: [3 1 1 / 0 1 1 / 1 0 22]
 *   A×C: [3 1 1 / 0 2 0 / 0 0 23]
 *   B×C: [2 1 1 / 0 1 1 / 1 1 22]
 * All raters, Σ over pairs of M + Mᵀ:
 *   [16 3 5 / 3 8 3 / 5 3 134]  (which is 2 · the coincidence matrix:
 *   with three raters every item's pairs are counted twice over there,
 *   once per ordered pair, divided by m_u − 1 = 2)
 *
 * Cohen κ(A, B), overall: po = (3 + 1 + 22) / 30 = 13/15;
 *   A: P 5, L 2, O 23; B: P 4, L 2, O 24
 *   pe = (20 + 4 + 552) / 900 = 16/25, κ = (13/15 − 16/25)/(9/25) = 17/27
 *
 * Spans, all raters (pairs summed; one-token spans, so exact = overlap):
 *   |A| = 7, |B| = 6, |C| = 6; matches AB 4, AC 5, BC 3
 *   reference = |A| + |A| + |B| = 20, candidate = |B| + |C| + |C| = 18
 *   P = 12/18 = 2/3, R = 12/20 = 3/5, F1 = 24/38 = 12/19
 *   person:   m = 3 + 3 + 2 = 8,  ref 5 + 5 + 4 = 14, cand 4 + 3 + 3 = 10,
 *             F1 = 16/24 = 2/3
 *   location: m = 1 + 2 + 1 = 4, ref 2 + 2 + 2 = 6, cand 2 + 3 + 3 = 8,
 *             F1 = 8/14 = 4/7
 *   macro = (2/3 + 4/7) / 2 = 13/21 */
static void
fill_three_raters (GPtrArray **raters)
{
  /* P, L or '-' per token. */
  const char *rows[] = {
    "PPPPLLP---",
    "PPP-L-L-P-",
    "PPLPLL----",
  };

  for (guint r = 0; r < 3; r++)
    for (guint t = 0; t < 10; t++)
      {
        if (rows[r][t] == 'P')
          add_tokens (raters[r], "person", t, t);
        else if (rows[r][t] == 'L')
          add_tokens (raters[r], "location", t, t);
      }
}

static void
build_three_raters (GlossAgreement *agreement)
{
  g_autoptr(GPtrArray) a = rater_new ();
  g_autoptr(GPtrArray) b = rater_new ();
  g_autoptr(GPtrArray) c = rater_new ();
  GPtrArray *raters[] = { a, b, c };

  fill_three_raters (raters);
  add_article (agreement, TEXT_10, raters);
}

static void
test_fleiss (void)
{
  g_autoptr(GlossAgreement) agreement = agreement_new (3);

  build_three_raters (agreement);

  g_assert_cmpuint (gloss_agreement_get_n_items (agreement), ==, 30);
  assert_close (gloss_agreement_get_observed (agreement, GLOSS_ALL_ANNOTATORS,
                                              GLOSS_ALL_ANNOTATORS, NULL), 79.0 / 90);
  assert_close (gloss_agreement_get_fleiss_kappa (agreement, NULL), 938.0 / 1433);
  assert_close (gloss_agreement_get_fleiss_kappa (agreement, "person"), 4.0 / 9);
  assert_close (gloss_agreement_get_fleiss_kappa (agreement, "location"), 71.0 / 161);
  assert_close (gloss_agreement_get_observed (agreement, GLOSS_ALL_ANNOTATORS,
                                              GLOSS_ALL_ANNOTATORS, "person"), 11.0 / 15);
  assert_close (gloss_agreement_get_observed (agreement, GLOSS_ALL_ANNOTATORS,
                                              GLOSS_ALL_ANNOTATORS, "location"), 4.0 / 5);
  assert_close (gloss_agreement_get_cohen_kappa (agreement, 0, 1, NULL), 17.0 / 27);
}

static void
test_krippendorff (void)
{
  g_autoptr(GlossAgreement) agreement = agreement_new (3);

  build_three_raters (agreement);

  assert_close (gloss_agreement_get_krippendorff_alpha (agreement, NULL), 1887.0 / 2866);
  assert_close (gloss_agreement_get_krippendorff_alpha (agreement, "person"), 25.0 / 54);
  assert_close (gloss_agreement_get_krippendorff_alpha (agreement, "location"), 74.0 / 161);
}

/* ------------------------------------------------------------------ */
/* Per kind: each layer alone                                           */
/* ------------------------------------------------------------------ */

#define KIND_ASSERT(kind, observed, kappa, fleiss, alpha)                                   \
  G_STMT_START {                                                                          \
    assert_close (gloss_agreement_get_kind_observed (agreement, (kind), 0, 1), (observed)); \
    assert_close (gloss_agreement_get_kind_cohen_kappa (agreement, (kind), 0, 1), (kappa)); \
    assert_close (gloss_agreement_get_kind_cohen_kappa (agreement, (kind), 1, 0), (kappa)); \
    assert_close (gloss_agreement_get_kind_fleiss_kappa (agreement, (kind)), (fleiss));     \
    assert_close (gloss_agreement_get_kind_krippendorff_alpha (agreement, (kind)), (alpha)); \
  } G_STMT_END

/* docs/agreement.md, "Per-kind figures". TEXT_10, two raters:
 *   A: person t0, quote t0–4, claim t0–9
 *   B: person t0, organization t2, quote t1–4
 *
 * Entity layer, 10 items, categories person, organization, O:
 *   both person: t0; A O / B organization: t2; both O: the other 8
 *   po = 9/10; A: P 1, Org 0, O 9; B: P 1, Org 1, O 8
 *   pe = (1 + 0 + 72) / 100 = 73/100, κ = (90 − 73) / (100 − 73) = 17/27
 *   Fleiss (pooled: P 2, Org 1, O 17 of 20): P̄e = (4 + 1 + 289) / 400
 *     = 147/200, κ = (180 − 147) / (200 − 147) = 33/53
 *   α: one split item, Do = 2/20, De = (400 − 294) / (20 · 19) = 106/380,
 *     α = 1 − (1/10)(380/106) = 34/53
 * Quote layer: both t1–4 (4), A only t0, both O t5–9 (5)
 *   po = 9/10, pe = (5·4 + 5·6) / 100 = 1/2, κ = 4/5
 *   Fleiss: pooled Q 9, O 11 of 20: P̄e = (81 + 121) / 400 = 101/200,
 *     κ = (180 − 101) / (200 − 101) = 79/99;  α = 1 − (20/99)(19/20)
 *     = 80/99
 * Claim layer: A claim on all 10, B none
 *   po = 0, pe = (10·0 + 0·10) / 100 = 0, κ = 0
 *   Fleiss: pooled 1/2, 1/2: κ = (0 − 1/2) / (1/2) = −1
 *   α: Do = 20/20 = 1, De = (400 − 200) / 380, α = 1 − 380/200 = −9/10
 * The pooled κ over the 30 items is 61/181 (as /agreement/cohen/kinds);
 * per label, person 1 and organization 0. */
static void
test_kinds_two_raters (void)
{
  g_autoptr(GlossAgreement) agreement = agreement_new (2);
  g_autoptr(GPtrArray) a = rater_new ();
  g_autoptr(GPtrArray) b = rater_new ();
  GPtrArray *raters[] = { a, b };

  add_tokens (a, "person", 0, 0);
  add_tokens (a, "quote", 0, 4);
  add_tokens (a, "claim", 0, 9);
  add_tokens (b, "person", 0, 0);
  add_tokens (b, "organization", 2, 2);
  add_tokens (b, "quote", 1, 4);
  add_article (agreement, TEXT_10, raters);

  g_assert_true (gloss_agreement_get_kind_used (agreement, GLOSS_LABEL_KIND_ENTITY));
  g_assert_true (gloss_agreement_get_kind_used (agreement, GLOSS_LABEL_KIND_QUOTE));
  g_assert_true (gloss_agreement_get_kind_used (agreement, GLOSS_LABEL_KIND_CLAIM));

  KIND_ASSERT (GLOSS_LABEL_KIND_ENTITY, 9.0 / 10, 17.0 / 27, 33.0 / 53, 34.0 / 53);
  KIND_ASSERT (GLOSS_LABEL_KIND_QUOTE, 9.0 / 10, 4.0 / 5, 79.0 / 99, 80.0 / 99);
  KIND_ASSERT (GLOSS_LABEL_KIND_CLAIM, 0, 0, -1, -9.0 / 10);

  /* The same for all annotators: with two, the mean over pairs is the
   * pair's. */
  assert_close (gloss_agreement_get_kind_observed (agreement, GLOSS_LABEL_KIND_ENTITY,
                                                   GLOSS_ALL_ANNOTATORS, GLOSS_ALL_ANNOTATORS), 9.0 / 10);

  /* Neither the pooled figure nor a label's. */
  assert_close (gloss_agreement_get_cohen_kappa (agreement, 0, 1, NULL), 61.0 / 181);
  assert_close (gloss_agreement_get_cohen_kappa (agreement, 0, 1, "person"), 1);
  assert_close (gloss_agreement_get_cohen_kappa (agreement, 0, 1, "organization"), 0);
}

/* The three raters of fill_three_raters(), entity layer: 10 items, person
 * 12, location 7, O 11 of 30 values.
 *   Σ P_i = 2 (t0, t1) + 1/3 (t2) + 1/3 (t3) + 1 (t4) + 1/3 (t5) + 0 (t6)
 *         + 2 (t7, t9) + 1/3 (t8) = 19/3,  P̄ = 19/30
 *   P̄e = (144 + 49 + 121) / 900 = 314/900
 *   κ = (570 − 314) / (900 − 314) = 256/586 = 128/293
 *   α: the off-diagonal coincidences are all the entity items': 11, so
 *   Do = 11/30, De = (900 − 314) / (30 · 29) = 586/870,
 *   α = 1 − (11/30)(870/586) = 1 − 319/586 = 267/586
 * Nobody marked a quote or a claim: those layers are unused, observed 1,
 * the rest undefined. */
static void
test_kinds_three_raters (void)
{
  g_autoptr(GlossAgreement) agreement = agreement_new (3);
  GlossLabelKind unused[] = { GLOSS_LABEL_KIND_QUOTE, GLOSS_LABEL_KIND_CLAIM };

  build_three_raters (agreement);

  g_assert_true (gloss_agreement_get_kind_used (agreement, GLOSS_LABEL_KIND_ENTITY));
  assert_close (gloss_agreement_get_kind_observed (agreement, GLOSS_LABEL_KIND_ENTITY,
                                                   GLOSS_ALL_ANNOTATORS, GLOSS_ALL_ANNOTATORS), 19.0 / 30);
  assert_close (gloss_agreement_get_kind_fleiss_kappa (agreement, GLOSS_LABEL_KIND_ENTITY), 128.0 / 293);
  assert_close (gloss_agreement_get_kind_krippendorff_alpha (agreement, GLOSS_LABEL_KIND_ENTITY), 267.0 / 586);

  /* A against B, entity layer: A P 5, L 2, O 3; B P 4, L 2, O 4; agreed
   * t0 t1 t2 (P), t4 (L), t7 t9 (O) = 6. pe = (20 + 4 + 12) / 100 = 9/25,
   * κ = (3/5 − 9/25) / (16/25) = 3/8. */
  assert_close (gloss_agreement_get_kind_observed (agreement, GLOSS_LABEL_KIND_ENTITY, 0, 1), 3.0 / 5);
  assert_close (gloss_agreement_get_kind_cohen_kappa (agreement, GLOSS_LABEL_KIND_ENTITY, 0, 1), 3.0 / 8);

  for (guint i = 0; i < G_N_ELEMENTS (unused); i++)
    {
      g_assert_false (gloss_agreement_get_kind_used (agreement, unused[i]));
      assert_close (gloss_agreement_get_kind_observed (agreement, unused[i], 0, 2), 1);
      assert_close (gloss_agreement_get_kind_observed (agreement, unused[i],
                                                       GLOSS_ALL_ANNOTATORS, GLOSS_ALL_ANNOTATORS), 1);
      assert_nan (gloss_agreement_get_kind_cohen_kappa (agreement, unused[i], 0, 2));
      assert_nan (gloss_agreement_get_kind_fleiss_kappa (agreement, unused[i]));
      assert_nan (gloss_agreement_get_kind_krippendorff_alpha (agreement, unused[i]));
    }
}

/* Nothing counted, or an empty article: no item in any layer. */
static void
test_kinds_empty (void)
{
  g_autoptr(GlossAgreement) agreement = agreement_new (2);
  g_autoptr(GPtrArray) a = rater_new ();
  GPtrArray *raters[] = { a, NULL };

  for (GlossLabelKind kind = GLOSS_LABEL_KIND_CLAIM; kind <= GLOSS_LABEL_KIND_ENTITY; kind++)
    {
      g_assert_false (gloss_agreement_get_kind_used (agreement, kind));
      assert_nan (gloss_agreement_get_kind_observed (agreement, kind, 0, 1));
      assert_nan (gloss_agreement_get_kind_cohen_kappa (agreement, kind, 0, 1));
      assert_nan (gloss_agreement_get_kind_fleiss_kappa (agreement, kind));
      assert_nan (gloss_agreement_get_kind_krippendorff_alpha (agreement, kind));
    }

  /* One rater marked a claim over nothing but spaces: the label is known,
   * no item holds it. */
  add_span (a, "claim", 0, 3);
  add_article (agreement, "   ", raters);
  g_assert_true (gloss_agreement_get_kind_used (agreement, GLOSS_LABEL_KIND_CLAIM));
  assert_nan (gloss_agreement_get_kind_observed (agreement, GLOSS_LABEL_KIND_CLAIM, 0, 1));
  assert_nan (gloss_agreement_get_kind_cohen_kappa (agreement, GLOSS_LABEL_KIND_CLAIM, 0, 1));
}

static void
test_three_raters_confusion (void)
{
  g_autoptr(GlossAgreement) agreement = agreement_new (3);
  const char * const labels[] = { "person", "location", NULL };
  const guint64 ab[] = { 3, 1, 1,  0, 1, 1,  1, 0, 22 };
  const guint64 ac[] = { 3, 1, 1,  0, 2, 0,  0, 0, 23 };
  const guint64 bc[] = { 2, 1, 1,  0, 1, 1,  1, 1, 22 };
  const guint64 all[] = { 16, 3, 5,  3, 8, 3,  5, 3, 134 };

  build_three_raters (agreement);

  assert_labels (agreement, labels);
  assert_confusion (agreement, 0, 1, ab, 3);
  assert_confusion (agreement, 0, 2, ac, 3);
  assert_confusion (agreement, 1, 2, bc, 3);
  assert_confusion (agreement, GLOSS_ALL_ANNOTATORS, GLOSS_ALL_ANNOTATORS, all, 3);
}

static void
test_three_raters_spans (void)
{
  g_autoptr(GlossAgreement) agreement = agreement_new (3);

  build_three_raters (agreement);

  for (GlossMatch match = GLOSS_MATCH_EXACT; match <= GLOSS_MATCH_OVERLAP; match++)
    {
      assert_score (gloss_agreement_get_span_score (agreement, match, GLOSS_ALL_ANNOTATORS,
                                                    GLOSS_ALL_ANNOTATORS, NULL),
                    20, 18, 12, 2.0 / 3, 3.0 / 5, 12.0 / 19);
      assert_score (gloss_agreement_get_span_score (agreement, match, GLOSS_ALL_ANNOTATORS,
                                                    GLOSS_ALL_ANNOTATORS, "person"),
                    14, 10, 8, 8.0 / 10, 8.0 / 14, 2.0 / 3);
      assert_score (gloss_agreement_get_span_score (agreement, match, GLOSS_ALL_ANNOTATORS,
                                                    GLOSS_ALL_ANNOTATORS, "location"),
                    6, 8, 4, 4.0 / 8, 4.0 / 6, 4.0 / 7);
      assert_close (gloss_agreement_get_macro_f1 (agreement, match, GLOSS_ALL_ANNOTATORS,
                                                  GLOSS_ALL_ANNOTATORS), 13.0 / 21);
      /* One pair: A×C matched 5 of |A| = 7 and |C| = 6: F1 = 10/13. */
      assert_score (gloss_agreement_get_span_score (agreement, match, 0, 2, NULL),
                    7, 6, 5, 5.0 / 6, 5.0 / 7, 10.0 / 13);
    }
}

/* ------------------------------------------------------------------ */
/* Spans                                                                */
/* ------------------------------------------------------------------ */

/* TEXT_10, A (reference) and B (candidate):
 *   A1 person       tokens 0-2   [0, 5)
 *   A2 location     token 4      [8, 9)
 *   A3 organization tokens 6-7   [12, 15)
 *   A4 person       token 8      [16, 17)
 *   B1 person       token 0      [0, 1)    inside A1
 *   B2 person       token 2      [4, 5)    inside A1 too
 *   B3 person       token 4      [8, 9)    where A2 is, other label
 *   B4 organization tokens 6-7   [12, 15)  = A3
 *   B5 person       token 8      [16, 17)  = A4
 *   B6 misc         token 9      [18, 19)  only B
 *
 * Exact: A3 = B4, A4 = B5 → m = 2, |a| = 4, |b| = 6
 *   P = 2/6 = 1/3, R = 2/4 = 1/2, F1 = 2·2/(4 + 6) = 2/5
 * Overlap: candidates (a, b, shared): (A1, B1, 1), (A1, B2, 1), (A3, B4, 2),
 *   (A4, B5, 1); B3 shares [8, 9) with A2 but not the label. Largest
 *   first: A3–B4; then the ties by a's start, then b's: A1–B1 (B1 starts
 *   first), A1–B2 refused (A1 taken), A4–B5. m = 3.
 *   P = 3/6 = 1/2, R = 3/4, F1 = 6/10 = 3/5
 * Per label, exact:
 *   person       |a| 2, |b| 4, m 1: P 1/4, R 1/2, F1 2/6 = 1/3
 *   location     |a| 1, |b| 0, m 0: P NaN, R 0, F1 0
 *   organization |a| 1, |b| 1, m 1: F1 1
 *   misc         |a| 0, |b| 1, m 0: P 0, R NaN, F1 0
 *   macro = (1/3 + 0 + 1 + 0) / 4 = 1/3
 * Per label, overlap: person m 2: P 2/4 = 1/2, R 2/2 = 1, F1 4/6 = 2/3;
 *   the others as exact. macro = (2/3 + 0 + 1 + 0) / 4 = 5/12
 *
 * B as reference swaps precision and recall, and |a| with |b|. */
static void
build_span_case (GlossAgreement *agreement)
{
  g_autoptr(GPtrArray) a = rater_new ();
  g_autoptr(GPtrArray) b = rater_new ();
  GPtrArray *raters[] = { a, b };

  add_tokens (a, "person", 0, 2);
  add_tokens (a, "location", 4, 4);
  add_tokens (a, "organization", 6, 7);
  add_tokens (a, "person", 8, 8);
  add_tokens (b, "person", 0, 0);
  add_tokens (b, "person", 2, 2);
  add_tokens (b, "person", 4, 4);
  add_tokens (b, "organization", 6, 7);
  add_tokens (b, "person", 8, 8);
  add_tokens (b, "misc", 9, 9);
  add_article (agreement, TEXT_10, raters);
}

static void
test_spans_exact_overlap (void)
{
  g_autoptr(GlossAgreement) agreement = agreement_new (2);

  build_span_case (agreement);

  assert_score (gloss_agreement_get_span_score (agreement, GLOSS_MATCH_EXACT, 0, 1, NULL),
                4, 6, 2, 1.0 / 3, 1.0 / 2, 2.0 / 5);
  assert_score (gloss_agreement_get_span_score (agreement, GLOSS_MATCH_OVERLAP, 0, 1, NULL),
                4, 6, 3, 1.0 / 2, 3.0 / 4, 3.0 / 5);

  assert_score (gloss_agreement_get_span_score (agreement, GLOSS_MATCH_EXACT, 0, 1, "person"),
                2, 4, 1, 1.0 / 4, 1.0 / 2, 1.0 / 3);
  assert_score (gloss_agreement_get_span_score (agreement, GLOSS_MATCH_OVERLAP, 0, 1, "person"),
                2, 4, 2, 1.0 / 2, 1.0, 2.0 / 3);
  for (GlossMatch match = GLOSS_MATCH_EXACT; match <= GLOSS_MATCH_OVERLAP; match++)
    {
      assert_score (gloss_agreement_get_span_score (agreement, match, 0, 1, "location"),
                    1, 0, 0, NAN, 0, 0);
      assert_score (gloss_agreement_get_span_score (agreement, match, 0, 1, "organization"),
                    1, 1, 1, 1, 1, 1);
      assert_score (gloss_agreement_get_span_score (agreement, match, 0, 1, "misc"),
                    0, 1, 0, 0, NAN, 0);
    }

  assert_close (gloss_agreement_get_macro_f1 (agreement, GLOSS_MATCH_EXACT, 0, 1), 1.0 / 3);
  assert_close (gloss_agreement_get_macro_f1 (agreement, GLOSS_MATCH_OVERLAP, 0, 1), 5.0 / 12);
}

/* Greedy one-to-one matching by shared length, and its ties; the text is
 * one long word and the spans are in code points (span matching does not
 * look at tokens).
 *
 * 1. Largest shared length first, not the most matches:
 *      A: a1 [0, 7), a2 [8, 11)      B: b1 [2, 9), b2 [0, 1)
 *    a1–b1 share 5, a1–b2 share 1, a2–b1 share 1. a1–b1 first; then a1–b2
 *    (a1 taken) and a2–b1 (b1 taken) are refused: m = 1 (pairing a1–b2
 *    and a2–b1 would give 2). P = R = F1 = 1/2.
 *
 * 2. A tie on shared length goes to a's earlier span:
 *      A: a1 [0, 10), a2 [10, 20)    B: b1 [8, 12), b2 [9, 10)
 *    a1–b1 2, a2–b1 2, a1–b2 1. Of the two 2s, a1 (start 0) before a2
 *    (start 10): a1–b1; a2–b1 and a1–b2 refused: m = 1, F1 = 2/4 = 1/2.
 *    (a2 first would have given a2–b1, a1–b2: 2.)
 *
 * 3. Then to b's earlier span:
 *      A: a1 [10, 20), a2 [20, 30)   B: b1 [8, 12), b2 [18, 22)
 *    a1–b1 2, a1–b2 2, a2–b2 2. a1 before a2; for a1, b1 (start 8) before
 *    b2 (18): a1–b1, a1–b2 refused, a2–b2: m = 2, F1 = 4/4 = 1.
 *    (b2 first would have given a1–b2 alone: 1.) */
static void
test_spans_overlap_ties (void)
{
  const char *text = "abcdefghijklmnopqrstuvwxyz0123456789";

  {
    g_autoptr(GlossAgreement) agreement = agreement_new (2);
    g_autoptr(GPtrArray) a = rater_new ();
    g_autoptr(GPtrArray) b = rater_new ();
    GPtrArray *raters[] = { a, b };

    add_span (a, "person", 0, 7);
    add_span (a, "person", 8, 11);
    add_span (b, "person", 2, 9);
    add_span (b, "person", 0, 1);
    add_article (agreement, text, raters);

    assert_score (gloss_agreement_get_span_score (agreement, GLOSS_MATCH_OVERLAP, 0, 1, NULL),
                  2, 2, 1, 1.0 / 2, 1.0 / 2, 1.0 / 2);
    assert_score (gloss_agreement_get_span_score (agreement, GLOSS_MATCH_EXACT, 0, 1, NULL),
                  2, 2, 0, 0, 0, 0);
  }

  {
    g_autoptr(GlossAgreement) agreement = agreement_new (2);
    g_autoptr(GPtrArray) a = rater_new ();
    g_autoptr(GPtrArray) b = rater_new ();
    GPtrArray *raters[] = { a, b };

    add_span (a, "person", 0, 10);
    add_span (a, "person", 10, 20);
    add_span (b, "person", 8, 12);
    add_span (b, "person", 9, 10);
    add_article (agreement, text, raters);

    assert_score (gloss_agreement_get_span_score (agreement, GLOSS_MATCH_OVERLAP, 0, 1, NULL),
                  2, 2, 1, 1.0 / 2, 1.0 / 2, 1.0 / 2);
  }

  {
    g_autoptr(GlossAgreement) agreement = agreement_new (2);
    g_autoptr(GPtrArray) a = rater_new ();
    g_autoptr(GPtrArray) b = rater_new ();
    GPtrArray *raters[] = { a, b };

    add_span (a, "person", 10, 20);
    add_span (a, "person", 20, 30);
    add_span (b, "person", 8, 12);
    add_span (b, "person", 18, 22);
    add_article (agreement, text, raters);

    assert_score (gloss_agreement_get_span_score (agreement, GLOSS_MATCH_OVERLAP, 0, 1, NULL),
                  2, 2, 2, 1, 1, 1);
  }
}

/* ------------------------------------------------------------------ */
/* Argument order                                                       */
/* ------------------------------------------------------------------ */

/* The span case with B as reference: |a| = 6, |b| = 4, precision and
 * recall swapped (exact: P 1/2, R 1/3; overlap: P 3/4, R 1/2), F1 the
 * same.
 *
 * The token figures of that case. Labels in the set's order: person,
 * organization, location, misc, then O. Entity items, A / B:
 *   t0 P/P, t1 P/O, t2 P/P, t3 O/O, t4 L/P, t5 O/O, t6 org/org,
 *   t7 org/org, t8 P/P, t9 O/misc; quote and claim items 20 × O/O.
 * Rows A, columns B:
 *   person        3 0 0 0 1
 *   organization  0 2 0 0 0
 *   location      1 0 0 0 0
 *   misc          0 0 0 0 0
 *   O             0 0 0 1 22
 * (B, A) is its transpose.
 * κ overall: po = (3 + 2 + 22) / 30 = 9/10;
 *   A: P 4, org 2, L 1, misc 0, O 23; B: P 4, org 2, L 0, misc 1, O 23
 *   pe = (16 + 4 + 0 + 0 + 529) / 900 = 549/900
 *   κ = (810 − 549) / (900 − 549) = 261/351 = 29/39, both ways round. */
static void
test_argument_order (void)
{
  g_autoptr(GlossAgreement) agreement = agreement_new (2);
  guint64 ba[25];
  const char * const labels[] = { "person", "organization", "location", "misc", NULL };
  const guint64 ab[] = {
    3, 0, 0, 0, 1,
    0, 2, 0, 0, 0,
    1, 0, 0, 0, 0,
    0, 0, 0, 0, 0,
    0, 0, 0, 1, 22,
  };

  build_span_case (agreement);

  assert_labels (agreement, labels);
  assert_confusion (agreement, 0, 1, ab, 5);
  for (guint r = 0; r < 5; r++)
    for (guint c = 0; c < 5; c++)
      ba[c * 5 + r] = ab[r * 5 + c];
  assert_confusion (agreement, 1, 0, ba, 5);

  assert_score (gloss_agreement_get_span_score (agreement, GLOSS_MATCH_EXACT, 1, 0, NULL),
                6, 4, 2, 1.0 / 2, 1.0 / 3, 2.0 / 5);
  assert_score (gloss_agreement_get_span_score (agreement, GLOSS_MATCH_OVERLAP, 1, 0, NULL),
                6, 4, 3, 3.0 / 4, 1.0 / 2, 3.0 / 5);
  assert_score (gloss_agreement_get_span_score (agreement, GLOSS_MATCH_EXACT, 1, 0, "location"),
                0, 1, 0, 0, NAN, 0);
  assert_close (gloss_agreement_get_macro_f1 (agreement, GLOSS_MATCH_OVERLAP, 1, 0), 5.0 / 12);

  assert_close (gloss_agreement_get_cohen_kappa (agreement, 0, 1, NULL), 29.0 / 39);
  assert_close (gloss_agreement_get_cohen_kappa (agreement, 1, 0, NULL), 29.0 / 39);
  assert_close (gloss_agreement_get_observed (agreement, 1, 0, NULL), 9.0 / 10);
}

/* With three raters, every swapped pair is the transpose, and "all" is
 * symmetric (the matrix itself is checked by hand in
 * test_three_raters_confusion). */
static void
test_confusion_transpose (void)
{
  g_autoptr(GlossAgreement) agreement = agreement_new (3);
  guint n_all = 0;
  g_autofree guint64 *all = NULL;

  build_three_raters (agreement);

  for (int a = 0; a < 3; a++)
    for (int b = 0; b < 3; b++)
      {
        guint n = 0, m = 0;
        g_autofree guint64 *ab = NULL;
        g_autofree guint64 *ba = NULL;

        if (a == b)
          continue;
        ab = gloss_agreement_dup_confusion (agreement, a, b, &n);
        ba = gloss_agreement_dup_confusion (agreement, b, a, &m);
        g_assert_cmpuint (n, ==, m);
        for (guint r = 0; r < n; r++)
          for (guint c = 0; c < n; c++)
            g_assert_cmpuint (ab[r * n + c], ==, ba[c * n + r]);
        assert_close (gloss_agreement_get_cohen_kappa (agreement, a, b, NULL),
                      gloss_agreement_get_cohen_kappa (agreement, b, a, NULL));
      }

  all = gloss_agreement_dup_confusion (agreement, GLOSS_ALL_ANNOTATORS,
                                       GLOSS_ALL_ANNOTATORS, &n_all);
  for (guint r = 0; r < n_all; r++)
    for (guint c = 0; c < n_all; c++)
      g_assert_cmpuint (all[r * n_all + c], ==, all[c * n_all + r]);
}

/* ------------------------------------------------------------------ */
/* Degenerate cases                                                     */
/* ------------------------------------------------------------------ */

/* TEXT_10. A: person tokens 0-1, location token 5; B marked nothing.
 *
 * Spans: |a| = 2, |b| = 0, m = 0: P = 0/0 NaN, R = 0/2 = 0,
 *   F1 = 0 / (2 + 0) = 0; macro over person, location = 0.
 * Overall: A person 2, location 1, O 27; B O 30.
 *   po = 27/30 = 9/10, pe = (27/30)(30/30) = 9/10, κ = 0 / (1/10) = 0
 * person: po = 8/10, pe = (2/10)·0 + (8/10)·1 = 8/10, κ = 0
 * Fleiss (two raters): n_P = 2, n_L = 1, n_O = 57 of 60; P̄ = 9/10
 *   P̄e = (4 + 1 + 3249) / 3600 = 3254/3600
 *   κ = (3240 − 3254) / (3600 − 3254) = −14/346 = −7/173
 * Krippendorff: three disagreeing items, each 1 + 1 off the diagonal
 *   Do = 6/60, De = (3600 − 3254) / (60 · 59) = 346/3540
 *   α = 1 − (6/60)(3540/346) = 1 − 354/346 = −8/346 = −4/173 */
static void
test_one_rater_empty (void)
{
  g_autoptr(GlossAgreement) agreement = agreement_new (2);
  g_autoptr(GPtrArray) a = rater_new ();
  GPtrArray *raters[] = { a, NULL };

  add_tokens (a, "person", 0, 1);
  add_tokens (a, "location", 5, 5);
  add_article (agreement, TEXT_10, raters);

  for (GlossMatch match = GLOSS_MATCH_EXACT; match <= GLOSS_MATCH_OVERLAP; match++)
    {
      assert_score (gloss_agreement_get_span_score (agreement, match, 0, 1, NULL),
                    2, 0, 0, NAN, 0, 0);
      assert_close (gloss_agreement_get_macro_f1 (agreement, match, 0, 1), 0);
    }

  assert_close (gloss_agreement_get_observed (agreement, 0, 1, NULL), 9.0 / 10);
  assert_close (gloss_agreement_get_cohen_kappa (agreement, 0, 1, NULL), 0);
  assert_close (gloss_agreement_get_cohen_kappa (agreement, 0, 1, "person"), 0);
  assert_close (gloss_agreement_get_fleiss_kappa (agreement, NULL), -7.0 / 173);
  assert_close (gloss_agreement_get_krippendorff_alpha (agreement, NULL), -4.0 / 173);
}

/* TEXT_10, both: person 0-1, location 5, quote 2-6, claim 0-9.
 * Every item agrees: po = 1, and pe < 1 (overall A = B = person 2,
 * location 1, quote 5, claim 10, O 12 of 30), so κ = (1 − pe)/(1 − pe) = 1;
 * Fleiss and α likewise 1 (Do = 0). Per label: person po = 1,
 * pe = (2/10)² + (8/10)² = 68/100, κ = 1.
 * The claim covers every claim item for both: one category only, pe = 1,
 * κ, Fleiss and α NaN (observed 1).
 * Spans: 4 and 4, all matched: P = R = F1 = 1, macro 1. */
static void
test_perfect (void)
{
  g_autoptr(GlossAgreement) agreement = agreement_new (2);
  g_autoptr(GPtrArray) a = rater_new ();
  g_autoptr(GPtrArray) b = rater_new ();
  GPtrArray *raters[] = { a, b };

  add_tokens (a, "person", 0, 1);
  add_tokens (a, "location", 5, 5);
  add_tokens (a, "quote", 2, 6);
  add_tokens (a, "claim", 0, 9);
  add_tokens (b, "claim", 0, 9);
  add_tokens (b, "quote", 2, 6);
  add_tokens (b, "location", 5, 5);
  add_tokens (b, "person", 0, 1);
  add_article (agreement, TEXT_10, raters);

  assert_close (gloss_agreement_get_observed (agreement, 0, 1, NULL), 1);
  assert_close (gloss_agreement_get_cohen_kappa (agreement, 0, 1, NULL), 1);
  assert_close (gloss_agreement_get_fleiss_kappa (agreement, NULL), 1);
  assert_close (gloss_agreement_get_krippendorff_alpha (agreement, NULL), 1);
  assert_close (gloss_agreement_get_cohen_kappa (agreement, 0, 1, "person"), 1);
  assert_close (gloss_agreement_get_krippendorff_alpha (agreement, "quote"), 1);

  assert_close (gloss_agreement_get_observed (agreement, 0, 1, "claim"), 1);
  assert_nan (gloss_agreement_get_cohen_kappa (agreement, 0, 1, "claim"));
  assert_nan (gloss_agreement_get_fleiss_kappa (agreement, "claim"));
  assert_nan (gloss_agreement_get_krippendorff_alpha (agreement, "claim"));

  for (GlossMatch match = GLOSS_MATCH_EXACT; match <= GLOSS_MATCH_OVERLAP; match++)
    {
      assert_score (gloss_agreement_get_span_score (agreement, match, 0, 1, NULL),
                    4, 4, 4, 1, 1, 1);
      assert_close (gloss_agreement_get_macro_f1 (agreement, match, 0, 1), 1);
    }
}

/* TEXT_10, nobody marked anything (one rater with an empty array, one
 * NULL, one with only an orphan). 30 items, all O/O: po = 1, pe = 1:
 * κ, Fleiss and α are 0/0, NaN. No spans: P, R, F1 all 0/0, NaN; no label
 * used, so macro is NaN. The confusion matrix is the one cell O×O = 30
 * (for all three pairs, 3 · 2 · 30 = 180). A label nobody used has every
 * item in "anything else": observed 1, κ NaN. */
static void
test_all_o (void)
{
  g_autoptr(GlossAgreement) agreement = agreement_new (3);
  g_autoptr(GPtrArray) a = rater_new ();
  g_autoptr(GPtrArray) c = rater_new ();
  GPtrArray *raters[] = { a, NULL, c };
  const char * const no_labels[] = { NULL };
  const guint64 pair[] = { 30 };
  const guint64 all[] = { 180 };

  gloss_annotation_set_status (add_tokens (c, "person", 0, 3), GLOSS_ANCHOR_ORPHANED);
  add_article (agreement, TEXT_10, raters);

  assert_labels (agreement, no_labels);
  assert_confusion (agreement, 0, 1, pair, 1);
  assert_confusion (agreement, GLOSS_ALL_ANNOTATORS, GLOSS_ALL_ANNOTATORS, all, 1);

  assert_close (gloss_agreement_get_observed (agreement, 0, 1, NULL), 1);
  assert_close (gloss_agreement_get_observed (agreement, GLOSS_ALL_ANNOTATORS,
                                              GLOSS_ALL_ANNOTATORS, NULL), 1);
  assert_nan (gloss_agreement_get_cohen_kappa (agreement, 0, 1, NULL));
  assert_nan (gloss_agreement_get_fleiss_kappa (agreement, NULL));
  assert_nan (gloss_agreement_get_krippendorff_alpha (agreement, NULL));

  assert_close (gloss_agreement_get_observed (agreement, 0, 2, "person"), 1);
  assert_nan (gloss_agreement_get_cohen_kappa (agreement, 0, 2, "person"));
  assert_nan (gloss_agreement_get_fleiss_kappa (agreement, "person"));
  assert_nan (gloss_agreement_get_krippendorff_alpha (agreement, "person"));

  for (GlossMatch match = GLOSS_MATCH_EXACT; match <= GLOSS_MATCH_OVERLAP; match++)
    {
      assert_score (gloss_agreement_get_span_score (agreement, match, 0, 1, NULL),
                    0, 0, 0, NAN, NAN, NAN);
      assert_score (gloss_agreement_get_span_score (agreement, match, GLOSS_ALL_ANNOTATORS,
                                                    GLOSS_ALL_ANNOTATORS, NULL),
                    0, 0, 0, NAN, NAN, NAN);
      assert_nan (gloss_agreement_get_macro_f1 (agreement, match, 0, 1));
    }
}

/* An empty article (and one of spaces only): no token, no item. Every
 * share is 0/0: observed, κ, Fleiss, α, P, R, F1 and macro are NaN. */
static void
test_empty_document (void)
{
  const char *texts[] = { "", "  \n\t " };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GlossAgreement) agreement = agreement_new (2);
      GPtrArray *raters[] = { NULL, NULL };
      const guint64 pair[] = { 0 };

      add_article (agreement, texts[i], raters);

      g_assert_cmpuint (gloss_agreement_get_n_articles (agreement), ==, 1);
      g_assert_cmpuint (gloss_agreement_get_n_items (agreement), ==, 0);
      assert_confusion (agreement, 0, 1, pair, 1);
      assert_nan (gloss_agreement_get_observed (agreement, 0, 1, NULL));
      assert_nan (gloss_agreement_get_cohen_kappa (agreement, 0, 1, NULL));
      assert_nan (gloss_agreement_get_fleiss_kappa (agreement, NULL));
      assert_nan (gloss_agreement_get_krippendorff_alpha (agreement, NULL));
      assert_nan (gloss_agreement_get_cohen_kappa (agreement, 0, 1, "person"));
      assert_score (gloss_agreement_get_span_score (agreement, GLOSS_MATCH_EXACT, 0, 1, NULL),
                    0, 0, 0, NAN, NAN, NAN);
      assert_nan (gloss_agreement_get_macro_f1 (agreement, GLOSS_MATCH_OVERLAP, 0, 1));
    }
}

/* A fresh object, nothing added: no item either. */
static void
test_nothing_added (void)
{
  g_autoptr(GlossAgreement) agreement = agreement_new (2);
  const char * const no_labels[] = { NULL };

  g_assert_cmpuint (gloss_agreement_get_n_articles (agreement), ==, 0);
  g_assert_cmpuint (gloss_agreement_get_n_items (agreement), ==, 0);
  assert_labels (agreement, no_labels);
  assert_nan (gloss_agreement_get_cohen_kappa (agreement, 0, 1, NULL));
  assert_nan (gloss_agreement_get_krippendorff_alpha (agreement, NULL));
}

/* ------------------------------------------------------------------ */
/* The longest-span rule                                                */
/* ------------------------------------------------------------------ */

/* TEXT_10.
 *   A: organization tokens 0-3 [0, 7), location tokens 3-4 [6, 9) (shares
 *      token 3 with the longer organization), quote tokens 0-9
 *   B: organization tokens 0-3, location token 4 [8, 9), quote tokens 0-9
 * A's location is shorter (3 code points against 7) and shares token 3:
 * it is lost as a whole, so A's token 4 is O — not location. (The quote is
 * another kind and conflicts with neither.)
 *
 * Entity items, A / B: t0-3 org/org, t4 O/location, t5-9 O/O.
 * Quote items: 10 × quote/quote. Claim items: 10 × O/O.
 * Confusion, rows A, order quote, organization, location, O:
 *   quote         10 0 0  0
 *   organization   0 4 0  0
 *   location       0 0 0  0
 *   O              0 0 1 15
 * Overall: po = (10 + 4 + 15) / 30 = 29/30
 *   A: quote 10, org 4, loc 0, O 16; B: quote 10, org 4, loc 1, O 15
 *   pe = (100 + 16 + 0 + 240) / 900 = 356/900
 *   κ = (870 − 356) / (900 − 356) = 514/544 = 257/272
 * location (entity items): po = 9/10, pe = 0·(1/10) + 1·(9/10) = 9/10,
 *   κ = 0. (Had A kept token 4, both would agree everywhere: κ = 1.)
 * quote: every quote item is quote for both: pe = 1, κ NaN, observed 1.
 *
 * Spans do not use the rule: A's location still counts.
 *   exact:   org = org, quote = quote; m = 2 of 3 and 3: F1 = 4/6 = 2/3
 *   overlap: those, and location [6, 9) with [8, 9): m = 3, F1 = 1
 *
 * Of two entity spans as long as each other, the earlier is kept:
 *   A: person tokens 0-1 [0, 3), location tokens 1-2 [2, 5)
 *   B: person tokens 0-1, location token 2
 * A: t0-1 person, t2 O. Confusion, order person, location, O:
 *   person 2 0 0 / location 0 0 0 / O 0 1 27 */
static void
test_longest_span (void)
{
  {
    g_autoptr(GlossAgreement) agreement = agreement_new (2);
    g_autoptr(GPtrArray) a = rater_new ();
    g_autoptr(GPtrArray) b = rater_new ();
    GPtrArray *raters[] = { a, b };
    const char * const labels[] = { "quote", "organization", "location", NULL };
    const guint64 confusion[] = {
      10, 0, 0, 0,
      0, 4, 0, 0,
      0, 0, 0, 0,
      0, 0, 1, 15,
    };

    /* The shorter span first, so document order does not decide. */
    add_tokens (a, "location", 3, 4);
    add_tokens (a, "organization", 0, 3);
    add_tokens (a, "quote", 0, 9);
    add_tokens (b, "organization", 0, 3);
    add_tokens (b, "location", 4, 4);
    add_tokens (b, "quote", 0, 9);
    add_article (agreement, TEXT_10, raters);

    assert_labels (agreement, labels);
    assert_confusion (agreement, 0, 1, confusion, 4);
    assert_close (gloss_agreement_get_observed (agreement, 0, 1, NULL), 29.0 / 30);
    assert_close (gloss_agreement_get_cohen_kappa (agreement, 0, 1, NULL), 257.0 / 272);
    assert_close (gloss_agreement_get_observed (agreement, 0, 1, "location"), 9.0 / 10);
    assert_close (gloss_agreement_get_cohen_kappa (agreement, 0, 1, "location"), 0);
    assert_close (gloss_agreement_get_observed (agreement, 0, 1, "quote"), 1);
    assert_nan (gloss_agreement_get_cohen_kappa (agreement, 0, 1, "quote"));

    assert_score (gloss_agreement_get_span_score (agreement, GLOSS_MATCH_EXACT, 0, 1, NULL),
                  3, 3, 2, 2.0 / 3, 2.0 / 3, 2.0 / 3);
    assert_score (gloss_agreement_get_span_score (agreement, GLOSS_MATCH_OVERLAP, 0, 1, NULL),
                  3, 3, 3, 1, 1, 1);
  }

  {
    g_autoptr(GlossAgreement) agreement = agreement_new (2);
    g_autoptr(GPtrArray) a = rater_new ();
    g_autoptr(GPtrArray) b = rater_new ();
    GPtrArray *raters[] = { a, b };
    const guint64 confusion[] = {
      2, 0, 0,
      0, 0, 0,
      0, 1, 27,
    };

    add_tokens (a, "location", 1, 2);
    add_tokens (a, "person", 0, 1);
    add_tokens (b, "person", 0, 1);
    add_tokens (b, "location", 2, 2);
    add_article (agreement, TEXT_10, raters);

    assert_confusion (agreement, 0, 1, confusion, 3);
  }
}

/* ------------------------------------------------------------------ */
/* Orphans                                                              */
/* ------------------------------------------------------------------ */

/* TEXT_10. A: person 0-1, and two orphans: organization 0-4 (which,
 * were it counted, would take tokens 0-4 by the longest-span rule) and
 * misc 7. B: person 0-1. Without the orphans both agree everywhere:
 * κ = 1 (pe = (2/30)² + (28/30)² < 1), F1 = 1; the orphans' labels are
 * not listed. */
static void
test_orphans (void)
{
  g_autoptr(GlossAgreement) agreement = agreement_new (2);
  g_autoptr(GPtrArray) a = rater_new ();
  g_autoptr(GPtrArray) b = rater_new ();
  GPtrArray *raters[] = { a, b };
  const char * const labels[] = { "person", NULL };
  const guint64 confusion[] = {
    2, 0,
    0, 28,
  };

  add_tokens (a, "person", 0, 1);
  gloss_annotation_set_status (add_tokens (a, "organization", 0, 4), GLOSS_ANCHOR_ORPHANED);
  gloss_annotation_set_status (add_tokens (a, "misc", 7, 7), GLOSS_ANCHOR_ORPHANED);
  /* Other statuses count. */
  gloss_annotation_set_status (add_tokens (b, "person", 0, 1), GLOSS_ANCHOR_MOVED);
  add_article (agreement, TEXT_10, raters);

  assert_labels (agreement, labels);
  assert_confusion (agreement, 0, 1, confusion, 2);
  assert_close (gloss_agreement_get_cohen_kappa (agreement, 0, 1, NULL), 1);
  assert_close (gloss_agreement_get_krippendorff_alpha (agreement, NULL), 1);
  for (GlossMatch match = GLOSS_MATCH_EXACT; match <= GLOSS_MATCH_OVERLAP; match++)
    assert_score (gloss_agreement_get_span_score (agreement, match, 0, 1, NULL),
                  1, 1, 1, 1, 1, 1);
}

/* ------------------------------------------------------------------ */
/* gloss_agreement_add()                                                */
/* ------------------------------------------------------------------ */

static void
assert_same_figures (const GlossAgreement *x,
                     const GlossAgreement *y)
{
  const char * const *labels = gloss_agreement_get_labels (x);
  guint n = gloss_agreement_get_n_annotators (x);
  guint n_labels = g_strv_length ((char **)labels);

  g_assert_cmpuint (gloss_agreement_get_n_annotators (y), ==, n);
  g_assert_cmpuint (gloss_agreement_get_n_articles (x), ==, gloss_agreement_get_n_articles (y));
  g_assert_cmpuint (gloss_agreement_get_n_items (x), ==, gloss_agreement_get_n_items (y));
  assert_labels (y, labels);

  /* Each kind's layer. */
  for (GlossLabelKind kind = GLOSS_LABEL_KIND_CLAIM; kind <= GLOSS_LABEL_KIND_ENTITY; kind++)
    {
      g_assert_cmpint (gloss_agreement_get_kind_used (x, kind), ==, gloss_agreement_get_kind_used (y, kind));
      assert_same (gloss_agreement_get_kind_fleiss_kappa (x, kind),
                   gloss_agreement_get_kind_fleiss_kappa (y, kind));
      assert_same (gloss_agreement_get_kind_krippendorff_alpha (x, kind),
                   gloss_agreement_get_kind_krippendorff_alpha (y, kind));
      for (int a = -1; a < (int)n; a++)
        for (int b = -1; b < (int)n; b++)
          {
            if ((a < 0) != (b < 0) || (a >= 0 && a == b))
              continue;
            assert_same (gloss_agreement_get_kind_observed (x, kind, a, b),
                         gloss_agreement_get_kind_observed (y, kind, a, b));
            if (a >= 0)
              assert_same (gloss_agreement_get_kind_cohen_kappa (x, kind, a, b),
                           gloss_agreement_get_kind_cohen_kappa (y, kind, a, b));
          }
    }

  /* Overall (i = -1), then each label. */
  for (int i = -1; i < (int)n_labels; i++)
    {
      const char *label = i < 0 ? NULL : labels[i];

      assert_same (gloss_agreement_get_fleiss_kappa (x, label),
                   gloss_agreement_get_fleiss_kappa (y, label));
      assert_same (gloss_agreement_get_krippendorff_alpha (x, label),
                   gloss_agreement_get_krippendorff_alpha (y, label));
      assert_same (gloss_agreement_get_observed (x, GLOSS_ALL_ANNOTATORS, GLOSS_ALL_ANNOTATORS, label),
                   gloss_agreement_get_observed (y, GLOSS_ALL_ANNOTATORS, GLOSS_ALL_ANNOTATORS, label));

      for (int a = -1; a < (int)n; a++)
        for (int b = -1; b < (int)n; b++)
          {
            if ((a < 0) != (b < 0) || (a >= 0 && a == b))
              continue;

            for (GlossMatch match = GLOSS_MATCH_EXACT; match <= GLOSS_MATCH_OVERLAP; match++)
              {
                GlossSpanScore sx = gloss_agreement_get_span_score (x, match, a, b, label);
                GlossSpanScore sy = gloss_agreement_get_span_score (y, match, a, b, label);

                g_assert_cmpuint (sx.n_reference, ==, sy.n_reference);
                g_assert_cmpuint (sx.n_candidate, ==, sy.n_candidate);
                g_assert_cmpuint (sx.n_matched, ==, sy.n_matched);
                assert_same (sx.precision, sy.precision);
                assert_same (sx.recall, sy.recall);
                assert_same (sx.f1, sy.f1);
                if (i < 0)
                  assert_same (gloss_agreement_get_macro_f1 (x, match, a, b),
                               gloss_agreement_get_macro_f1 (y, match, a, b));
              }

            if (a >= 0)
              {
                assert_same (gloss_agreement_get_observed (x, a, b, label),
                             gloss_agreement_get_observed (y, a, b, label));
                assert_same (gloss_agreement_get_cohen_kappa (x, a, b, label),
                             gloss_agreement_get_cohen_kappa (y, a, b, label));
              }

            if (i < 0)
              {
                guint nx = 0, ny = 0;
                g_autofree guint64 *mx = gloss_agreement_dup_confusion (x, a, b, &nx);
                g_autofree guint64 *my = gloss_agreement_dup_confusion (y, a, b, &ny);

                g_assert_cmpuint (nx, ==, ny);
                g_assert_cmpmem (mx, nx * nx * sizeof (guint64), my, ny * ny * sizeof (guint64));
              }
          }
    }
}

/* The second article, seen first on its own: "event" (not in the set),
 * location, quote, person — the first article's object saw person, then
 * location. */
static void
fill_second_article (GPtrArray **raters)
{
  add_tokens (raters[0], "event", 5, 5);
  add_tokens (raters[0], "location", 0, 0);
  add_tokens (raters[0], "quote", 1, 4);
  add_tokens (raters[0], "person", 6, 7);
  add_tokens (raters[1], "location", 0, 0);
  add_tokens (raters[1], "quote", 2, 4);
  add_tokens (raters[1], "person", 6, 6);
  add_tokens (raters[2], "quote", 1, 5);
  add_tokens (raters[2], "event", 5, 5);
  add_tokens (raters[2], "organization", 6, 7);
}

#define TEXT_SECOND "k l m n o p q r"

/* Hand figures of the two articles together, three raters, overall
 * Fleiss. Second article (8 tokens, 24 items); per item (A, B, C):
 *   entity: t0 L L O; t5 event O event; t6 P P org; t7 P O org;
 *           t1-4 O O O
 *   quote:  t1 q O q; t2-4 q q q; t5 O O q; t0, t6, t7 O O O
 *   claim:  8 × O O O
 * Σ_j n_ij² per item: split items t0 (2,1), t5 entity (2,1), t6 (2,1),
 * t7 (1,1,1), quote t1 (2,1), quote t5 (1,2) → 5, 5, 5, 3, 5, 5;
 * the other 18 items 9. So Σ_i P_i = 18 + 5·(1/3) + 0 = 59/3.
 * Together with the first (79/3 over 30 items): P̄ = (79/3 + 59/3) / 54
 *   = 46/54 = 23/27.
 * Category totals, second article: location 2, event 2, person 3,
 * organization 2, quote (A 4, B 3, C 5) 12, O 72 − 21 = 51; first:
 * person 12, location 7, O 71. Together, of 162:
 *   person 15, location 9, event 2, organization 2, quote 12, O 122
 *   P̄e = (225 + 81 + 4 + 4 + 144 + 14884) / 162² = 15342/26244
 *   κ = (23/27 − 15342/26244) / (1 − 15342/26244)
 *     = (22356 − 15342) / (26244 − 15342) = 7014/10902 = 1169/1817 */
static void
test_add (void)
{
  g_autoptr(GlossAgreement) together = agreement_new (3);
  g_autoptr(GlossAgreement) first = agreement_new (3);
  g_autoptr(GlossAgreement) second = agreement_new (3);
  g_autoptr(GlossAgreement) reversed = agreement_new (3);
  g_autoptr(GlossAgreement) second_again = agreement_new (3);
  const char * const labels[] = {
    "quote", "person", "organization", "location", "event", NULL
  };

  {
    g_autoptr(GPtrArray) a = rater_new ();
    g_autoptr(GPtrArray) b = rater_new ();
    g_autoptr(GPtrArray) c = rater_new ();
    GPtrArray *raters[] = { a, b, c };

    fill_three_raters (raters);
    add_article (together, TEXT_10, raters);
    add_article (first, TEXT_10, raters);
  }
  {
    g_autoptr(GPtrArray) a = rater_new ();
    g_autoptr(GPtrArray) b = rater_new ();
    g_autoptr(GPtrArray) c = rater_new ();
    GPtrArray *raters[] = { a, b, c };

    fill_second_article (raters);
    add_article (together, TEXT_SECOND, raters);
    add_article (second, TEXT_SECOND, raters);
    add_article (second_again, TEXT_SECOND, raters);
  }

  assert_labels (together, labels);
  assert_close (gloss_agreement_get_fleiss_kappa (together, NULL), 1169.0 / 1817);
  /* Quote layer of the two together: 18 items; the first article's 10
   * are O O O (1 each), the second's: t1 q O q and t5 O O q (1/3 each),
   * the other 6 unanimous. Σ P_i = 16 + 2/3 = 50/3, P̄ = 25/27; quote 12
   * and O 42 of 54 values: P̄e = (144 + 1764) / 2916 = 53/81;
   * κ = (75 − 53) / (81 − 53) = 11/14, α = 1 − (3/14)(53/54) = 199/252.
   * The claim layer nobody used. */
  assert_close (gloss_agreement_get_kind_fleiss_kappa (together, GLOSS_LABEL_KIND_QUOTE), 11.0 / 14);
  assert_close (gloss_agreement_get_kind_krippendorff_alpha (together, GLOSS_LABEL_KIND_QUOTE), 199.0 / 252);
  g_assert_false (gloss_agreement_get_kind_used (together, GLOSS_LABEL_KIND_CLAIM));

  /* first + second, where second's labels came in another order. */
  gloss_agreement_add (first, second);
  assert_same_figures (together, first);

  /* second + first: the other way round, into the object that saw the
   * labels in the other order. */
  {
    g_autoptr(GlossAgreement) first_again = agreement_new (3);
    g_autoptr(GPtrArray) a = rater_new ();
    g_autoptr(GPtrArray) b = rater_new ();
    g_autoptr(GPtrArray) c = rater_new ();
    GPtrArray *raters[] = { a, b, c };

    fill_three_raters (raters);
    add_article (first_again, TEXT_10, raters);
    gloss_agreement_add (reversed, second_again);
    gloss_agreement_add (reversed, first_again);
  }
  assert_same_figures (together, reversed);
  g_assert_cmpuint (gloss_agreement_get_n_articles (reversed), ==, 2);
  g_assert_cmpuint (gloss_agreement_get_n_items (reversed), ==, 54);
}

/* ------------------------------------------------------------------ */
/* Attributes and article fields                                        */
/* ------------------------------------------------------------------ */

static void
assert_keys (const GlossAgreement *agreement,
             GlossAgreementTarget  target,
             const char * const   *expected)
{
  const char * const *keys = gloss_agreement_get_attributes (agreement, target);
  guint i;

  for (i = 0; expected[i] != NULL; i++)
    g_assert_cmpstr (keys[i], ==, expected[i]);
  g_assert_null (keys[i]);
}

static void
set_string (GlossAnnotation *annotation,
            const char      *id,
            const char      *value)
{
  gloss_annotation_set_attribute (annotation, id, g_variant_new_string (value));
}

/* docs/agreement.md, "Attributes and article fields": three claims both
 * marked alike — verdict false/false, mixed/false, true/(not set). The
 * spans marked differently, and one alike with no attribute, are no
 * items. po = 1/3, pe = (2·1)/9 = 2/9, κ = (1/3 − 2/9)/(7/9) = 1/7;
 * Fleiss: P̄ = 1/3, P̄e = (3² + 1 + 1 + 1)/6² = 1/3, κ = 0;
 * alpha: Do = 4/6, De = 1 − 3·2/30 = 4/5, α = 1/6. Counted in two
 * articles and added: the same. */
static void
test_attributes_example (void)
{
  g_autoptr(GlossAgreement) total = agreement_new (2);
  g_autoptr(GlossAgreement) first = agreement_new (2);
  g_autoptr(GlossAgreement) second = agreement_new (2);
  g_autoptr(GPtrArray) a = rater_new ();
  g_autoptr(GPtrArray) b = rater_new ();
  g_autoptr(GPtrArray) a2 = rater_new ();
  g_autoptr(GPtrArray) b2 = rater_new ();
  GPtrArray *raters[] = { a, b };
  GPtrArray *raters2[] = { a2, b2 };

  set_string (add_tokens (a, "claim", 0, 1), "verdict", "false");
  set_string (add_tokens (b, "claim", 0, 1), "verdict", "false");
  set_string (add_tokens (a, "claim", 2, 3), "verdict", "mixed");
  set_string (add_tokens (b, "claim", 2, 3), "verdict", "false");
  /* Not alike: no item. */
  set_string (add_tokens (a, "claim", 5, 6), "verdict", "true");
  set_string (add_tokens (b, "claim", 5, 7), "verdict", "false");
  set_string (add_tokens (a, "person", 8, 8), "verdict", "true");
  set_string (add_tokens (b, "organization", 8, 8), "verdict", "true");
  /* Alike, nothing set: no item. */
  add_tokens (a, "person", 9, 9);
  add_tokens (b, "person", 9, 9);
  add_article (first, TEXT_10, raters);

  set_string (add_tokens (a2, "claim", 0, 2), "verdict", "true");
  add_tokens (b2, "claim", 0, 2);
  add_article (second, TEXT_10, raters2);

  gloss_agreement_add (total, first);
  gloss_agreement_add (total, second);

  assert_keys (first, GLOSS_AGREEMENT_ATTRIBUTES, (const char *[]) { "verdict", NULL });
  assert_keys (total, GLOSS_AGREEMENT_ATTRIBUTES, (const char *[]) { "verdict", NULL });
  assert_keys (total, GLOSS_AGREEMENT_DOCUMENT_LABELS, (const char *[]) { NULL });
  g_assert_cmpuint (gloss_agreement_get_attribute_n_items (total, GLOSS_AGREEMENT_ATTRIBUTES, "verdict", 0, 1), ==, 3);
  g_assert_cmpuint (gloss_agreement_get_attribute_n_items (total, GLOSS_AGREEMENT_ATTRIBUTES, "verdict",
                                                           GLOSS_ALL_ANNOTATORS, GLOSS_ALL_ANNOTATORS), ==, 3);
  assert_close (gloss_agreement_get_attribute_observed (total, GLOSS_AGREEMENT_ATTRIBUTES, "verdict", 0, 1), 1.0 / 3);
  assert_close (gloss_agreement_get_attribute_observed (total, GLOSS_AGREEMENT_ATTRIBUTES, "verdict",
                                                        GLOSS_ALL_ANNOTATORS, GLOSS_ALL_ANNOTATORS), 1.0 / 3);
  assert_close (gloss_agreement_get_attribute_cohen_kappa (total, GLOSS_AGREEMENT_ATTRIBUTES, "verdict", 0, 1), 1.0 / 7);
  assert_close (gloss_agreement_get_attribute_cohen_kappa (total, GLOSS_AGREEMENT_ATTRIBUTES, "verdict", 1, 0), 1.0 / 7);
  assert_close (gloss_agreement_get_attribute_fleiss_kappa (total, GLOSS_AGREEMENT_ATTRIBUTES, "verdict"), 0.0);
  assert_close (gloss_agreement_get_attribute_krippendorff_alpha (total, GLOSS_AGREEMENT_ATTRIBUTES, "verdict"),
                1.0 / 6);

  /* The first article alone: false/false, mixed/false: po 1/2,
   * pe = (1·2)/4 = 1/2, κ = 0. Unknown keys: NaN, no items. */
  assert_close (gloss_agreement_get_attribute_cohen_kappa (first, GLOSS_AGREEMENT_ATTRIBUTES, "verdict", 0, 1), 0.0);
  assert_nan (gloss_agreement_get_attribute_cohen_kappa (first, GLOSS_AGREEMENT_ATTRIBUTES, "form", 0, 1));
  g_assert_cmpuint (gloss_agreement_get_attribute_n_items (first, GLOSS_AGREEMENT_ATTRIBUTES, "form", 0, 1), ==, 0);
}

/* A multiple-choice attribute, one value against the rest, over the items
 * where someone set it. Article 1: tags {x, y} / {x}; article 2: {z} /
 * not set. tags=x: yes/yes, no/no → κ 1; tags=y: yes/no, no/no → po 1/2,
 * pe = (1·0 + 1·2)/4 = 1/2, κ 0; tags=z likewise 0. Article 1 alone has
 * no tags=z; in the sum, article 1's item is "no" for everyone on z. A
 * value that is the same for everyone everywhere: NaN. */
static void
test_attributes_multiple (void)
{
  g_autoptr(GlossAgreement) total = agreement_new (2);
  g_autoptr(GlossAgreement) first = agreement_new (2);
  g_autoptr(GlossAgreement) second = agreement_new (2);
  g_autoptr(GPtrArray) a = rater_new ();
  g_autoptr(GPtrArray) b = rater_new ();
  g_autoptr(GPtrArray) a2 = rater_new ();
  g_autoptr(GPtrArray) b2 = rater_new ();
  GPtrArray *raters[] = { a, b };
  GPtrArray *raters2[] = { a2, b2 };

  gloss_annotation_set_attribute (add_tokens (a, "quote", 0, 1), "tags",
                                  g_variant_new_strv ((const char *[]) { "x", "y" }, 2));
  gloss_annotation_set_attribute (add_tokens (b, "quote", 0, 1), "tags",
                                  g_variant_new_strv ((const char *[]) { "x" }, 1));
  add_article (first, TEXT_10, raters);
  gloss_annotation_set_attribute (add_tokens (a2, "quote", 3, 4), "tags",
                                  g_variant_new_strv ((const char *[]) { "z" }, 1));
  gloss_annotation_set_attribute (add_tokens (b2, "quote", 3, 4), "tags",
                                  g_variant_new_strv (NULL, 0));
  add_article (second, TEXT_10, raters2);
  gloss_agreement_add (total, first);
  gloss_agreement_add (total, second);

  assert_keys (first, GLOSS_AGREEMENT_ATTRIBUTES, (const char *[]) { "tags=x", "tags=y", NULL });
  assert_keys (total, GLOSS_AGREEMENT_ATTRIBUTES, (const char *[]) { "tags=x", "tags=y", "tags=z", NULL });
  assert_nan (gloss_agreement_get_attribute_cohen_kappa (total, GLOSS_AGREEMENT_ATTRIBUTES, "tags", 0, 1));
  for (guint k = 0; k < 3; k++)
    g_assert_cmpuint (gloss_agreement_get_attribute_n_items (total, GLOSS_AGREEMENT_ATTRIBUTES,
                                                             ((const char *[]) { "tags=x", "tags=y", "tags=z" })[k],
                                                             0, 1), ==, 2);
  assert_close (gloss_agreement_get_attribute_cohen_kappa (total, GLOSS_AGREEMENT_ATTRIBUTES, "tags=x", 0, 1), 1.0);
  assert_close (gloss_agreement_get_attribute_cohen_kappa (total, GLOSS_AGREEMENT_ATTRIBUTES, "tags=y", 0, 1), 0.0);
  assert_close (gloss_agreement_get_attribute_cohen_kappa (total, GLOSS_AGREEMENT_ATTRIBUTES, "tags=z", 0, 1), 0.0);
  assert_close (gloss_agreement_get_attribute_observed (total, GLOSS_AGREEMENT_ATTRIBUTES, "tags=z", 0, 1), 0.5);
  /* Article 1 alone: x is yes for both on its one item: undefined. */
  assert_nan (gloss_agreement_get_attribute_cohen_kappa (first, GLOSS_AGREEMENT_ATTRIBUTES, "tags=x", 0, 1));
  assert_nan (gloss_agreement_get_attribute_krippendorff_alpha (first, GLOSS_AGREEMENT_ATTRIBUTES, "tags=x"));
}

/* Article fields, three annotators, two articles: stance for/for/against,
 * then for/(not set)/for; a field nobody set is no key. Fleiss: P̄ =
 * (1 + 1)/(2·3) = 1/3, P̄e = (4² + 1 + 1)/6² = 1/2, κ = −1/3; alpha:
 * Do = 1 − 2/6 = 2/3, De = 1 − 4·3/30 = 3/5, α = −1/9. Pairs: ann0–ann1
 * po 1/2, pe 1/2, κ 0; ann0–ann2 κ 0; ann1–ann2 po 0, pe 1/4, κ −1/3.
 * The types are kept apart: "true" is not true. */
static void
test_document_labels (void)
{
  g_autoptr(GlossAgreement) agreement = agreement_new (3);
  g_autoptr(GVariantDict) d0 = g_variant_dict_new (NULL);
  g_autoptr(GVariantDict) d1 = g_variant_dict_new (NULL);
  g_autoptr(GVariantDict) d2 = g_variant_dict_new (NULL);
  g_autoptr(GVariantDict) e0 = g_variant_dict_new (NULL);
  g_autoptr(GVariantDict) e2 = g_variant_dict_new (NULL);
  g_autoptr(GVariant) f0 = NULL;
  g_autoptr(GVariant) f1 = NULL;
  g_autoptr(GVariant) f2 = NULL;
  g_autoptr(GVariant) g0 = NULL;
  g_autoptr(GVariant) g2 = NULL;

  g_variant_dict_insert (d0, "stance", "s", "for");
  g_variant_dict_insert (d1, "stance", "s", "for");
  g_variant_dict_insert (d2, "stance", "s", "against");
  g_variant_dict_insert (d0, "flag", "b", TRUE);
  g_variant_dict_insert (d1, "flag", "s", "true");
  g_variant_dict_insert (d2, "flag", "b", TRUE);
  f0 = g_variant_ref_sink (g_variant_dict_end (d0));
  f1 = g_variant_ref_sink (g_variant_dict_end (d1));
  f2 = g_variant_ref_sink (g_variant_dict_end (d2));
  gloss_agreement_add_document_labels (agreement, (GVariant *[]) { f0, f1, f2 });

  g_variant_dict_insert (e0, "stance", "s", "for");
  g_variant_dict_insert (e2, "stance", "s", "for");
  g0 = g_variant_ref_sink (g_variant_dict_end (e0));
  g2 = g_variant_ref_sink (g_variant_dict_end (e2));
  gloss_agreement_add_document_labels (agreement, (GVariant *[]) { g0, NULL, g2 });

  assert_keys (agreement, GLOSS_AGREEMENT_DOCUMENT_LABELS, (const char *[]) { "flag", "stance", NULL });
  assert_keys (agreement, GLOSS_AGREEMENT_ATTRIBUTES, (const char *[]) { NULL });
  g_assert_cmpuint (gloss_agreement_get_attribute_n_items (agreement, GLOSS_AGREEMENT_DOCUMENT_LABELS, "stance",
                                                           GLOSS_ALL_ANNOTATORS, GLOSS_ALL_ANNOTATORS), ==, 2);
  assert_close (gloss_agreement_get_attribute_fleiss_kappa (agreement, GLOSS_AGREEMENT_DOCUMENT_LABELS, "stance"),
                -1.0 / 3);
  assert_close (gloss_agreement_get_attribute_krippendorff_alpha (agreement, GLOSS_AGREEMENT_DOCUMENT_LABELS, "stance"),
                -1.0 / 9);
  assert_close (gloss_agreement_get_attribute_observed (agreement, GLOSS_AGREEMENT_DOCUMENT_LABELS, "stance",
                                                        GLOSS_ALL_ANNOTATORS, GLOSS_ALL_ANNOTATORS), 1.0 / 3);
  assert_close (gloss_agreement_get_attribute_cohen_kappa (agreement, GLOSS_AGREEMENT_DOCUMENT_LABELS, "stance", 0, 1),
                0.0);
  assert_close (gloss_agreement_get_attribute_cohen_kappa (agreement, GLOSS_AGREEMENT_DOCUMENT_LABELS, "stance", 0, 2),
                0.0);
  assert_close (gloss_agreement_get_attribute_cohen_kappa (agreement, GLOSS_AGREEMENT_DOCUMENT_LABELS, "stance", 2, 1),
                -1.0 / 3);
  /* flag: true, 'true', true on article 1 only. */
  g_assert_cmpuint (gloss_agreement_get_attribute_n_items (agreement, GLOSS_AGREEMENT_DOCUMENT_LABELS, "flag", 0, 1),
                    ==, 1);
  assert_close (gloss_agreement_get_attribute_observed (agreement, GLOSS_AGREEMENT_DOCUMENT_LABELS, "flag", 0, 2), 1.0);
  assert_close (gloss_agreement_get_attribute_observed (agreement, GLOSS_AGREEMENT_DOCUMENT_LABELS, "flag", 0, 1), 0.0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/agreement/tokens/layout", test_token_layout);
  g_test_add_func ("/agreement/cohen/two-by-two", test_cohen_two_by_two);
  g_test_add_func ("/agreement/cohen/kinds", test_cohen_kinds);
  g_test_add_func ("/agreement/two-raters/fleiss-alpha", test_two_raters_fleiss_alpha);
  g_test_add_func ("/agreement/three-raters/fleiss", test_fleiss);
  g_test_add_func ("/agreement/three-raters/krippendorff", test_krippendorff);
  g_test_add_func ("/agreement/three-raters/confusion", test_three_raters_confusion);
  g_test_add_func ("/agreement/kinds/two-raters", test_kinds_two_raters);
  g_test_add_func ("/agreement/kinds/three-raters", test_kinds_three_raters);
  g_test_add_func ("/agreement/kinds/empty", test_kinds_empty);
  g_test_add_func ("/agreement/three-raters/spans", test_three_raters_spans);
  g_test_add_func ("/agreement/spans/exact-overlap", test_spans_exact_overlap);
  g_test_add_func ("/agreement/spans/overlap-ties", test_spans_overlap_ties);
  g_test_add_func ("/agreement/order/two-raters", test_argument_order);
  g_test_add_func ("/agreement/order/confusion-transpose", test_confusion_transpose);
  g_test_add_func ("/agreement/degenerate/one-rater-empty", test_one_rater_empty);
  g_test_add_func ("/agreement/degenerate/perfect", test_perfect);
  g_test_add_func ("/agreement/degenerate/all-o", test_all_o);
  g_test_add_func ("/agreement/degenerate/empty-document", test_empty_document);
  g_test_add_func ("/agreement/degenerate/nothing-added", test_nothing_added);
  g_test_add_func ("/agreement/longest-span", test_longest_span);
  g_test_add_func ("/agreement/orphans", test_orphans);
  g_test_add_func ("/agreement/add", test_add);
  g_test_add_func ("/agreement/attributes/example", test_attributes_example);
  g_test_add_func ("/agreement/attributes/multiple", test_attributes_multiple);
  g_test_add_func ("/agreement/document-labels", test_document_labels);

  return g_test_run ();
}
