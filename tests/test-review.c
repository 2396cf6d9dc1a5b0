/* test-review.c — aligning annotators' spans into units, and adjudicating them
 *
 * The alignment cases are worked by hand from the matching rules in
 * gloss-review.h: Jaccard of two spans is shared length over the length
 * of their union, candidates join best first, a unit holds at most one
 * version per annotator, kinds never mix. The adjudication cases check the
 * gold sidecar's record described in gloss-adjudication.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>

#include "gloss.h"
#include "gloss-test-utils.h"

/* ------------------------------------------------------------------ */
/* Helpers                                                              */
/* ------------------------------------------------------------------ */

static GPtrArray *
rater_new (void)
{
  return g_ptr_array_new_with_free_func (g_object_unref);
}

/* A span in code points, with an id unique within the rater. */
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

static GlossReview *
review_new (guint      n_annotators,
            GPtrArray **raters)
{
  g_autoptr(GlossLabelSet) labels = gloss_label_set_get_builtin ();
  GlossReview *review = gloss_review_new (labels, n_annotators, (GPtrArray * const *)raters);

  g_assert_nonnull (review);
  g_assert_cmpuint (gloss_review_get_n_annotators (review), ==, n_annotators);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (review)) == GLOSS_TYPE_REVIEW_UNIT);
  return review;
}

/* Unit @i, borrowed (the review holds it). */
static GlossReviewUnit *
unit_at (GlossReview *review,
         guint        i)
{
  GlossReviewUnit *unit = g_list_model_get_item (G_LIST_MODEL (review), i);

  g_assert_nonnull (unit);
  g_object_unref (unit);
  return unit;
}

static const char *
status_name (GlossUnitStatus status)
{
  switch (status)
    {
    case GLOSS_UNIT_AGREED:
      return "agreed";
    case GLOSS_UNIT_LABEL:
      return "label";
    case GLOSS_UNIT_BOUNDS:
      return "bounds";
    case GLOSS_UNIT_MISSING:
      return "missing";
    case GLOSS_UNIT_ATTRIBUTES:
      return "attributes";
    default:
      g_assert_not_reached ();
    }
}

/* One line per unit: "entity 0-5 bounds: person@0-5 -", a "-" for an
 * annotator without a version; with @with_ids the versions read
 * "s3:person@0-5". */
static char *
describe (GlossReview *review,
          gboolean     with_ids)
{
  GString *out = g_string_new (NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (review));

  for (guint i = 0; i < n; i++)
    {
      GlossReviewUnit *unit = unit_at (review, i);

      g_assert_cmpuint (gloss_review_unit_get_n_annotators (unit), ==,
                        gloss_review_get_n_annotators (review));
      g_string_append_printf (out, "%s%s %u-%u %s:",
                              i > 0 ? "\n" : "",
                              gloss_label_kind_to_string (gloss_review_unit_get_kind (unit)),
                              gloss_review_unit_get_start (unit),
                              gloss_review_unit_get_end (unit),
                              status_name (gloss_review_unit_get_status (unit)));
      for (guint a = 0; a < gloss_review_unit_get_n_annotators (unit); a++)
        {
          GlossAnnotation *version = gloss_review_unit_get_version (unit, a);

          if (version == NULL)
            g_string_append (out, " -");
          else
            g_string_append_printf (out, " %s%s%s@%u-%u",
                                    with_ids ? gloss_annotation_get_id (version) : "",
                                    with_ids ? ":" : "",
                                    gloss_annotation_get_label (version),
                                    gloss_annotation_get_start (version),
                                    gloss_annotation_get_end (version));
        }
    }

  return g_string_free (out, FALSE);
}

static void
assert_review (GlossReview *review,
               const char  *expected)
{
  g_autofree char *got = describe (review, FALSE);

  if (g_strcmp0 (got, expected) != 0)
    g_error ("units differ\n--- expected\n%s\n--- got\n%s", expected, got);
}

/* Units are in document order: by start, the outer one first. */
static void
assert_sorted (GlossReview *review)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (review));

  for (guint i = 1; i < n; i++)
    {
      GlossReviewUnit *a = unit_at (review, i - 1);
      GlossReviewUnit *b = unit_at (review, i);

      g_assert_cmpuint (gloss_review_unit_get_start (a), <=, gloss_review_unit_get_start (b));
      if (gloss_review_unit_get_start (a) == gloss_review_unit_get_start (b))
        {
          g_assert_cmpuint (gloss_review_unit_get_end (a), >=, gloss_review_unit_get_end (b));
          if (gloss_review_unit_get_end (a) == gloss_review_unit_get_end (b))
            g_assert_cmpint (gloss_review_unit_get_kind (a), <=, gloss_review_unit_get_kind (b));
        }
    }
}

/* ------------------------------------------------------------------ */
/* Alignment                                                            */
/* ------------------------------------------------------------------ */

static void
test_agreed (void)
{
  g_autoptr(GPtrArray) a = rater_new ();
  g_autoptr(GPtrArray) b = rater_new ();
  GPtrArray *raters[] = { a, b };
  g_autoptr(GlossReview) review = NULL;
  GlossAnnotation *va = add_span (a, "person", 0, 5);
  GlossAnnotation *vb = add_span (b, "person", 0, 5);
  GlossReviewUnit *unit;

  review = review_new (2, raters);
  assert_review (review, "entity 0-5 agreed: person@0-5 person@0-5");

  unit = unit_at (review, 0);
  g_assert_true (gloss_review_unit_get_version (unit, 0) == va);
  g_assert_true (gloss_review_unit_get_version (unit, 1) == vb);
  g_assert_cmpuint (gloss_review_unit_get_n_versions (unit), ==, 2);
  g_assert_cmpint (gloss_review_unit_get_kind (unit), ==, GLOSS_LABEL_KIND_ENTITY);
  g_assert_cmpint (gloss_review_unit_get_decision (unit), ==, GLOSS_DECISION_PENDING);
  g_assert_null (gloss_review_unit_get_gold (unit));
  g_assert_true (gloss_review_unit_versions_equal (unit, 0, 1));

  g_assert_cmpuint (gloss_review_count_status (review, GLOSS_UNIT_AGREED), ==, 1);
  g_assert_cmpuint (gloss_review_count_status (review, GLOSS_UNIT_LABEL), ==, 0);
  g_assert_cmpuint (gloss_review_count_status (review, GLOSS_UNIT_BOUNDS), ==, 0);
  g_assert_cmpuint (gloss_review_count_status (review, GLOSS_UNIT_MISSING), ==, 0);
  g_assert_cmpuint (gloss_review_count_pending (review), ==, 1);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (review), 1));
}

static void
test_label_differs (void)
{
  g_autoptr(GPtrArray) a = rater_new ();
  g_autoptr(GPtrArray) b = rater_new ();
  GPtrArray *raters[] = { a, b };
  g_autoptr(GlossReview) review = NULL;
  GlossReviewUnit *unit;

  add_span (a, "person", 4, 9);
  add_span (b, "organization", 4, 9);

  review = review_new (2, raters);
  assert_review (review, "entity 4-9 label: person@4-9 organization@4-9");

  unit = unit_at (review, 0);
  g_assert_false (gloss_review_unit_versions_equal (unit, 0, 1));
  g_assert_true (gloss_review_unit_versions_equal (unit, 1, 1));
  g_assert_cmpuint (gloss_review_count_status (review, GLOSS_UNIT_LABEL), ==, 1);
  g_assert_cmpuint (gloss_review_count_status (review, GLOSS_UNIT_AGREED), ==, 0);
}

static void
test_bounds_differ (void)
{
  g_autoptr(GPtrArray) a = rater_new ();
  g_autoptr(GPtrArray) b = rater_new ();
  GPtrArray *raters[] = { a, b };
  g_autoptr(GlossReview) review = NULL;
  GlossReviewUnit *unit;

  /* [0,5) and [3,9) share 2 of 9: still a candidate, the only one */
  add_span (a, "person", 0, 5);
  add_span (b, "organization", 3, 9);

  review = review_new (2, raters);
  /* bounds and labels both differ: bounds is what is reported */
  assert_review (review, "entity 0-9 bounds: person@0-5 organization@3-9");

  unit = unit_at (review, 0);
  g_assert_cmpuint (gloss_review_unit_get_start (unit), ==, 0);
  g_assert_cmpuint (gloss_review_unit_get_end (unit), ==, 9);
  g_assert_cmpuint (gloss_review_count_status (review, GLOSS_UNIT_BOUNDS), ==, 1);
}

static void
test_touching_spans_not_aligned (void)
{
  g_autoptr(GPtrArray) a = rater_new ();
  g_autoptr(GPtrArray) b = rater_new ();
  GPtrArray *raters[] = { a, b };
  g_autoptr(GlossReview) review = NULL;

  /* [0,5) and [5,9) share no code point */
  add_span (a, "person", 0, 5);
  add_span (b, "person", 5, 9);

  review = review_new (2, raters);
  assert_review (review,
                 "entity 0-5 missing: person@0-5 -\n"
                 "entity 5-9 missing: - person@5-9");
}

static void
test_missing (void)
{
  g_autoptr(GPtrArray) a = rater_new ();
  g_autoptr(GPtrArray) b = rater_new ();
  g_autoptr(GPtrArray) c = rater_new ();
  GPtrArray *raters[] = { a, b, NULL };
  GPtrArray *raters_empty[] = { a, b, c };
  g_autoptr(GlossReview) review = NULL;
  g_autoptr(GlossReview) review_empty = NULL;
  GlossReviewUnit *unit;

  add_span (a, "person", 0, 5);
  add_span (b, "person", 0, 5);
  add_span (b, "location", 10, 15);

  /* the third annotator marked nothing: NULL or an empty array */
  review = review_new (3, raters);
  review_empty = review_new (3, raters_empty);
  assert_review (review,
                 "entity 0-5 missing: person@0-5 person@0-5 -\n"
                 "entity 10-15 missing: - location@10-15 -");
  assert_review (review_empty,
                 "entity 0-5 missing: person@0-5 person@0-5 -\n"
                 "entity 10-15 missing: - location@10-15 -");

  unit = unit_at (review, 0);
  g_assert_cmpuint (gloss_review_unit_get_n_versions (unit), ==, 2);
  g_assert_null (gloss_review_unit_get_version (unit, 2));
  g_assert_true (gloss_review_unit_versions_equal (unit, 0, 1));
  g_assert_false (gloss_review_unit_versions_equal (unit, 0, 2));

  unit = unit_at (review, 1);
  g_assert_cmpuint (gloss_review_unit_get_n_versions (unit), ==, 1);
  /* both absent counts as the same */
  g_assert_true (gloss_review_unit_versions_equal (unit, 0, 2));
  g_assert_false (gloss_review_unit_versions_equal (unit, 0, 1));

  g_assert_cmpuint (gloss_review_count_status (review, GLOSS_UNIT_MISSING), ==, 2);
  g_assert_cmpuint (gloss_review_count_status (review, GLOSS_UNIT_AGREED), ==, 0);
}

static void
test_kinds_never_mix (void)
{
  g_autoptr(GPtrArray) a = rater_new ();
  g_autoptr(GPtrArray) b = rater_new ();
  GPtrArray *raters[] = { a, b };
  g_autoptr(GlossReview) review = NULL;
  GlossReviewUnit *unit;

  /* an entity inside a claim, marked by both: two units */
  add_span (a, "claim", 0, 30);
  add_span (a, "person", 0, 5);
  add_span (b, "person", 0, 5);
  add_span (b, "claim", 0, 30);
  /* a quote of one and a person of the other over the same text */
  add_span (a, "quote", 40, 50);
  add_span (b, "person", 40, 50);
  /* an entity of one annotator inside the other's claim */
  add_span (a, "claim", 60, 90);
  add_span (b, "location", 62, 68);

  review = review_new (2, raters);
  assert_review (review,
                 "claim 0-30 agreed: claim@0-30 claim@0-30\n"
                 "entity 0-5 agreed: person@0-5 person@0-5\n"
                 "quote 40-50 missing: quote@40-50 -\n"
                 "entity 40-50 missing: - person@40-50\n"
                 "claim 60-90 missing: claim@60-90 -\n"
                 "entity 62-68 missing: - location@62-68");
  assert_sorted (review);

  unit = unit_at (review, 0);
  g_assert_cmpint (gloss_review_unit_get_kind (unit), ==, GLOSS_LABEL_KIND_CLAIM);
  unit = unit_at (review, 2);
  g_assert_cmpint (gloss_review_unit_get_kind (unit), ==, GLOSS_LABEL_KIND_QUOTE);
  g_assert_cmpuint (gloss_review_count_status (review, GLOSS_UNIT_AGREED), ==, 2);
  g_assert_cmpuint (gloss_review_count_status (review, GLOSS_UNIT_MISSING), ==, 4);
}

static void
test_one_version_per_annotator (void)
{
  g_autoptr(GPtrArray) a = rater_new ();
  g_autoptr(GPtrArray) b = rater_new ();
  GPtrArray *raters[] = { a, b };
  g_autoptr(GlossReview) review = NULL;
  g_autoptr(GPtrArray) a2 = rater_new ();
  g_autoptr(GPtrArray) b2 = rater_new ();
  GPtrArray *raters2[] = { a2, b2 };
  g_autoptr(GlossReview) review2 = NULL;
  GlossAnnotation *short1, *short2, *long_span;
  GlossReviewUnit *unit;

  /* B's [0,12) against A's [0,5) (Jaccard 5/12) and A's [8,10) (2/12):
   * the first joins, the second stays alone. */
  short1 = add_span (a, "person", 0, 5);
  short2 = add_span (a, "person", 8, 10);
  long_span = add_span (b, "person", 0, 12);

  review = review_new (2, raters);
  assert_review (review,
                 "entity 0-12 bounds: person@0-5 person@0-12\n"
                 "entity 8-10 missing: person@8-10 -");
  unit = unit_at (review, 0);
  g_assert_true (gloss_review_unit_get_version (unit, 0) == short1);
  g_assert_true (gloss_review_unit_get_version (unit, 1) == long_span);
  unit = unit_at (review, 1);
  g_assert_true (gloss_review_unit_get_version (unit, 0) == short2);
  g_assert_null (gloss_review_unit_get_version (unit, 1));

  /* The better overlap wins even when it starts later: [0,2) is 2/12,
   * [7,12) is 5/12. And the outer unit comes first on the same start. */
  add_span (a2, "person", 0, 2);
  add_span (a2, "person", 7, 12);
  add_span (b2, "person", 0, 12);

  review2 = review_new (2, raters2);
  assert_review (review2,
                 "entity 0-12 bounds: person@7-12 person@0-12\n"
                 "entity 0-2 missing: person@0-2 -");
  assert_sorted (review2);
}

static void
test_ranking_ties (void)
{
  g_autoptr(GPtrArray) a = rater_new ();
  g_autoptr(GPtrArray) b = rater_new ();
  GPtrArray *raters[] = { a, b };
  g_autoptr(GlossReview) review = NULL;
  g_autoptr(GPtrArray) a2 = rater_new ();
  g_autoptr(GPtrArray) b2 = rater_new ();
  GPtrArray *raters2[] = { a2, b2 };
  g_autoptr(GlossReview) review2 = NULL;
  g_autoptr(GPtrArray) a3 = rater_new ();
  g_autoptr(GPtrArray) b3 = rater_new ();
  GPtrArray *raters3[] = { a3, b3 };
  g_autoptr(GlossReview) review3 = NULL;

  /* A's [0,10) against B's [0,5) and [5,10): 5/10 each. The same label
   * goes first, although the other one starts earlier. */
  add_span (a, "person", 0, 10);
  add_span (b, "organization", 0, 5);
  add_span (b, "person", 5, 10);

  review = review_new (2, raters);
  assert_review (review,
                 "entity 0-10 bounds: person@0-10 person@5-10\n"
                 "entity 0-5 missing: - organization@0-5");

  /* The other way round */
  add_span (a2, "person", 0, 10);
  add_span (b2, "person", 0, 5);
  add_span (b2, "organization", 5, 10);

  review2 = review_new (2, raters2);
  assert_review (review2,
                 "entity 0-10 bounds: person@0-10 person@0-5\n"
                 "entity 5-10 missing: - organization@5-10");

  /* Both the same label: the earlier start */
  add_span (a3, "location", 0, 10);
  add_span (b3, "location", 5, 10);
  add_span (b3, "location", 0, 5);

  review3 = review_new (2, raters3);
  assert_review (review3,
                 "entity 0-10 bounds: location@0-10 location@0-5\n"
                 "entity 5-10 missing: - location@5-10");
}

static void
test_three_annotators (void)
{
  g_autoptr(GPtrArray) a = rater_new ();
  g_autoptr(GPtrArray) b = rater_new ();
  g_autoptr(GPtrArray) c = rater_new ();
  GPtrArray *raters[] = { a, b, c };
  g_autoptr(GlossReview) review = NULL;
  GlossAnnotation *majority;
  GlossAnnotation *b_org;
  GlossReviewUnit *unit;
  guint n = 0;

  add_span (a, "person", 0, 5);
  add_span (b, "person", 0, 5);
  add_span (c, "person", 0, 6);

  add_span (a, "location", 10, 15);
  add_span (b, "organization", 10, 15);
  add_span (c, "misc", 10, 15);

  add_span (b, "person", 20, 25);
  add_span (c, "person", 20, 25);

  add_span (a, "claim", 30, 40);
  add_span (c, "claim", 32, 40);

  add_span (c, "person", 50, 55);

  add_span (a, "organization", 60, 65);
  b_org = add_span (b, "person", 60, 65);
  add_span (c, "person", 60, 65);

  add_span (a, "quote", 70, 80);
  add_span (b, "quote", 70, 80);
  add_span (c, "quote", 70, 80);

  review = review_new (3, raters);
  assert_review (review,
                 "entity 0-6 bounds: person@0-5 person@0-5 person@0-6\n"
                 "entity 10-15 label: location@10-15 organization@10-15 misc@10-15\n"
                 "entity 20-25 missing: - person@20-25 person@20-25\n"
                 "claim 30-40 missing: claim@30-40 - claim@32-40\n"
                 "entity 50-55 missing: - - person@50-55\n"
                 "entity 60-65 label: organization@60-65 person@60-65 person@60-65\n"
                 "quote 70-80 agreed: quote@70-80 quote@70-80 quote@70-80");

  g_assert_cmpuint (gloss_review_count_status (review, GLOSS_UNIT_AGREED), ==, 1);
  g_assert_cmpuint (gloss_review_count_status (review, GLOSS_UNIT_LABEL), ==, 2);
  g_assert_cmpuint (gloss_review_count_status (review, GLOSS_UNIT_BOUNDS), ==, 1);
  g_assert_cmpuint (gloss_review_count_status (review, GLOSS_UNIT_MISSING), ==, 3);
  g_assert_cmpuint (gloss_review_count_pending (review), ==, 7);

  /* 2 of 3 agree */
  unit = unit_at (review, 0);
  majority = gloss_review_unit_get_majority (unit, &n);
  g_assert_true (majority == gloss_review_unit_get_version (unit, 0));
  g_assert_cmpuint (n, ==, 2);
  g_assert_true (gloss_review_unit_versions_equal (unit, 0, 1));
  g_assert_false (gloss_review_unit_versions_equal (unit, 1, 2));

  /* all differ: a tie, the earliest annotator's */
  unit = unit_at (review, 1);
  majority = gloss_review_unit_get_majority (unit, &n);
  g_assert_true (majority == gloss_review_unit_get_version (unit, 0));
  g_assert_cmpuint (n, ==, 1);

  /* the two who marked it agree; the first annotator did not mark it */
  unit = unit_at (review, 2);
  majority = gloss_review_unit_get_majority (unit, &n);
  g_assert_true (majority == gloss_review_unit_get_version (unit, 1));
  g_assert_cmpuint (n, ==, 2);
  g_assert_false (gloss_review_unit_versions_equal (unit, 0, 1));
  g_assert_true (gloss_review_unit_versions_equal (unit, 1, 2));

  /* 1 against 1: the earliest annotator's */
  unit = unit_at (review, 3);
  majority = gloss_review_unit_get_majority (unit, NULL);
  g_assert_true (majority == gloss_review_unit_get_version (unit, 0));
  majority = gloss_review_unit_get_majority (unit, &n);
  g_assert_cmpuint (n, ==, 1);

  /* one version only; the two absent ones count as equal */
  unit = unit_at (review, 4);
  majority = gloss_review_unit_get_majority (unit, &n);
  g_assert_true (majority == gloss_review_unit_get_version (unit, 2));
  g_assert_cmpuint (n, ==, 1);
  g_assert_true (gloss_review_unit_versions_equal (unit, 0, 1));
  g_assert_false (gloss_review_unit_versions_equal (unit, 0, 2));

  /* the first annotator is the odd one out: the majority is not theirs */
  unit = unit_at (review, 5);
  majority = gloss_review_unit_get_majority (unit, &n);
  g_assert_true (majority == b_org);
  g_assert_cmpuint (n, ==, 2);

  unit = unit_at (review, 6);
  majority = gloss_review_unit_get_majority (unit, &n);
  g_assert_true (majority == gloss_review_unit_get_version (unit, 0));
  g_assert_cmpuint (n, ==, 3);
}

static void
test_orphans_ignored (void)
{
  g_autoptr(GPtrArray) a = rater_new ();
  g_autoptr(GPtrArray) b = rater_new ();
  GPtrArray *raters[] = { a, b };
  g_autoptr(GlossReview) review = NULL;
  g_autoptr(GPtrArray) c = rater_new ();
  g_autoptr(GPtrArray) d = rater_new ();
  GPtrArray *raters2[] = { c, d };
  g_autoptr(GlossReview) review2 = NULL;
  GlossAnnotation *orphan;

  orphan = add_span (a, "person", 0, 5);
  gloss_annotation_set_status (orphan, GLOSS_ANCHOR_ORPHANED);
  g_assert_true (gloss_annotation_is_orphaned (orphan));
  add_span (a, "person", 10, 15);
  add_span (b, "person", 0, 5);
  add_span (b, "person", 10, 15);

  review = review_new (2, raters);
  assert_review (review,
                 "entity 0-5 missing: - person@0-5\n"
                 "entity 10-15 agreed: person@10-15 person@10-15");

  /* only orphans: nothing to review */
  orphan = add_span (c, "claim", 0, 20);
  gloss_annotation_set_status (orphan, GLOSS_ANCHOR_ORPHANED);
  review2 = review_new (2, raters2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (review2)), ==, 0);
}

static void
test_empty (void)
{
  GPtrArray *nothing[] = { NULL, NULL, NULL };
  g_autoptr(GPtrArray) a = rater_new ();
  g_autoptr(GPtrArray) b = rater_new ();
  GPtrArray *empty[] = { a, b };
  g_autoptr(GlossReview) review = NULL;
  g_autoptr(GlossReview) review2 = NULL;
  g_autoptr(GlossReview) review3 = NULL;

  review = review_new (3, nothing);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (review)), ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (review), 0));
  g_assert_cmpuint (gloss_review_count_status (review, GLOSS_UNIT_AGREED), ==, 0);
  g_assert_cmpuint (gloss_review_count_status (review, GLOSS_UNIT_MISSING), ==, 0);
  g_assert_cmpuint (gloss_review_count_pending (review), ==, 0);

  review2 = review_new (2, empty);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (review2)), ==, 0);

  /* one annotator: whatever they marked is agreed */
  add_span (a, "person", 3, 7);
  review3 = review_new (1, empty);
  assert_review (review3, "entity 3-7 agreed: person@3-7");
}

/* A fixed mix of overlapping spans (no annotator has two spans with the
 * same bounds, so the input order decides nothing). */
static void
fill_mix (GPtrArray **raters)
{
  static const struct { guint rater; const char *label; guint start, end; } spans[] = {
    { 0, "claim", 0, 60 },       { 1, "claim", 0, 58 },        { 2, "claim", 2, 60 },
    { 0, "person", 0, 5 },       { 1, "person", 0, 5 },        { 2, "person", 0, 11 },
    { 0, "person", 6, 11 },      { 1, "organization", 6, 11 },
    { 0, "quote", 15, 40 },      { 1, "quote", 14, 40 },       { 2, "quote", 15, 42 },
    { 0, "location", 20, 26 },   { 2, "location", 20, 26 },
    { 1, "location", 21, 30 },   { 2, "misc", 27, 30 },
    { 0, "misc", 44, 50 },       { 1, "misc", 44, 47 },        { 1, "misc", 47, 50 },
    { 2, "organization", 44, 50 },
    { 0, "person", 70, 75 },     { 1, "person", 70, 75 },      { 2, "person", 72, 75 },
    { 0, "claim", 80, 100 },     { 1, "claim", 85, 95 },       { 2, "claim", 90, 110 },
    { 0, "organization", 85, 90 }, { 2, "organization", 85, 90 },
    { 1, "quote", 120, 130 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (spans); i++)
    add_span (raters[spans[i].rater], spans[i].label, spans[i].start, spans[i].end);
}

static void
shuffle (GPtrArray *array,
         GRand     *rand)
{
  for (guint i = array->len; i > 1; i--)
    {
      guint j = g_rand_int_range (rand, 0, i);
      gpointer swap = array->pdata[i - 1];

      array->pdata[i - 1] = array->pdata[j];
      array->pdata[j] = swap;
    }
}

static void
test_determinism (void)
{
  g_autoptr(GPtrArray) a = rater_new ();
  g_autoptr(GPtrArray) b = rater_new ();
  g_autoptr(GPtrArray) c = rater_new ();
  GPtrArray *raters[] = { a, b, c };
  g_autoptr(GlossReview) review = NULL;
  g_autofree char *first = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261126);
  guint n_units;

  fill_mix (raters);
  review = review_new (3, raters);
  first = describe (review, TRUE);
  n_units = g_list_model_get_n_items (G_LIST_MODEL (review));
  g_assert_cmpuint (n_units, >, 10);
  assert_sorted (review);

  /* every span is in exactly one unit */
  {
    guint n_versions = 0;

    for (guint i = 0; i < n_units; i++)
      n_versions += gloss_review_unit_get_n_versions (unit_at (review, i));
    g_assert_cmpuint (n_versions, ==, a->len + b->len + c->len);
  }

  for (guint round = 0; round < 20; round++)
    {
      g_autoptr(GlossReview) again = NULL;
      g_autofree char *got = NULL;

      for (guint r = 0; r < G_N_ELEMENTS (raters); r++)
        shuffle (raters[r], rand);

      again = review_new (3, raters);
      got = describe (again, TRUE);
      if (g_strcmp0 (got, first) != 0)
        g_error ("round %u: units differ after shuffling\n--- first\n%s\n--- got\n%s",
                 round, first, got);
      assert_sorted (again);
    }
}

/* "verdict: 'false' 0,2 | 'mixed' 1 | - 3": each value given, once, with
 * who gave it ("-" not set). */
static char *
describe_values (GlossReviewUnit *unit,
                 const char      *id)
{
  g_autoptr(GPtrArray) values = gloss_review_unit_dup_attribute_values (unit, id);
  GString *out = g_string_new (id);

  g_string_append (out, ":");
  for (guint k = 0; k < values->len; k++)
    {
      const GlossReviewValue *value = g_ptr_array_index (values, k);
      g_autofree char *text = value->value != NULL ? g_variant_print (value->value, FALSE) : g_strdup ("-");
      const char *sep = "";

      g_string_append_printf (out, "%s %s ", k > 0 ? " |" : "", text);
      for (guint a = 0; a < gloss_review_unit_get_n_annotators (unit); a++)
        if (value->annotators & (G_GUINT64_CONSTANT (1) << a))
          {
            g_string_append_printf (out, "%s%u", sep, a);
            sep = ",";
          }
    }
  return g_string_free (out, FALSE);
}

/* Same span and label, different values: a status of its own, listing
 * per attribute the values each annotator gave; an empty list is "not
 * set"; units whose versions differ in more never say it. */
static void
test_attributes_differ (void)
{
  g_autoptr(GPtrArray) a = rater_new ();
  g_autoptr(GPtrArray) b = rater_new ();
  g_autoptr(GPtrArray) c = rater_new ();
  GPtrArray *raters[] = { a, b, c };
  g_autoptr(GlossReview) review = NULL;
  const char *tags_a[] = { "x", "y", NULL };
  const char *tags_b[] = { "x", "y", NULL };
  GlossAnnotation *version;
  GlossReviewUnit *unit;
  g_auto(GStrv) differing = NULL;
  g_autofree char *values = NULL;

  /* 0-10: verdict false, mixed, false; checkworthy alike; tags alike. */
  version = add_span (a, "claim", 0, 10);
  gloss_annotation_set_attribute (version, "verdict", g_variant_new_string ("false"));
  gloss_annotation_set_attribute (version, "checkworthy", g_variant_new_boolean (TRUE));
  gloss_annotation_set_attribute (version, "tags", g_variant_new_strv (tags_a, -1));
  version = add_span (b, "claim", 0, 10);
  gloss_annotation_set_attribute (version, "verdict", g_variant_new_string ("mixed"));
  gloss_annotation_set_attribute (version, "checkworthy", g_variant_new_boolean (TRUE));
  gloss_annotation_set_attribute (version, "tags", g_variant_new_strv (tags_b, -1));
  version = add_span (c, "claim", 0, 10);
  gloss_annotation_set_attribute (version, "verdict", g_variant_new_string ("false"));
  gloss_annotation_set_attribute (version, "checkworthy", g_variant_new_boolean (TRUE));
  gloss_annotation_set_attribute (version, "tags", g_variant_new_strv (tags_a, -1));

  /* 20-25: only one sets form: set against not set differs. */
  version = add_span (a, "quote", 20, 25);
  add_span (b, "quote", 20, 25);
  add_span (c, "quote", 20, 25);
  gloss_annotation_set_attribute (version, "form", g_variant_new_string ("direct"));

  /* 30-35: the same values everywhere: agreed. */
  for (guint r = 0; r < 3; r++)
    gloss_annotation_set_attribute (add_span (raters[r], "person", 30, 35), "wikidata",
                                    g_variant_new_string ("Q42"));

  /* 40-45: bounds differ, and values too: bounds, nothing listed. */
  gloss_annotation_set_attribute (add_span (a, "person", 40, 45), "wikidata", g_variant_new_string ("Q1"));
  gloss_annotation_set_attribute (add_span (b, "person", 40, 45), "wikidata", g_variant_new_string ("Q2"));
  gloss_annotation_set_attribute (add_span (c, "person", 40, 44), "wikidata", g_variant_new_string ("Q1"));

  review = review_new (3, raters);
  assert_review (review,
                 "claim 0-10 attributes: claim@0-10 claim@0-10 claim@0-10\n"
                 "quote 20-25 attributes: quote@20-25 quote@20-25 quote@20-25\n"
                 "entity 30-35 agreed: person@30-35 person@30-35 person@30-35\n"
                 "entity 40-45 bounds: person@40-45 person@40-45 person@40-44");
  g_assert_cmpuint (gloss_review_count_status (review, GLOSS_UNIT_ATTRIBUTES), ==, 2);

  unit = unit_at (review, 0);
  differing = gloss_review_unit_dup_differing_attributes (unit);
  g_assert_cmpstrv (differing, ((const char *[]) { "verdict", NULL }));
  values = describe_values (unit, "verdict");
  g_assert_cmpstr (values, ==, "verdict: 'false' 0,2 | 'mixed' 1");
  g_clear_pointer (&values, g_free);
  values = describe_values (unit, "tags");
  g_assert_cmpstr (values, ==, "tags: ['x', 'y'] 0,1,2");
  g_clear_pointer (&values, g_free);

  unit = unit_at (review, 1);
  g_clear_pointer (&differing, g_strfreev);
  differing = gloss_review_unit_dup_differing_attributes (unit);
  g_assert_cmpstrv (differing, ((const char *[]) { "form", NULL }));
  values = describe_values (unit, "form");
  g_assert_cmpstr (values, ==, "form: 'direct' 0 | - 1,2");
  g_clear_pointer (&values, g_free);

  g_clear_pointer (&differing, g_strfreev);
  differing = gloss_review_unit_dup_differing_attributes (unit_at (review, 2));
  g_assert_cmpstrv (differing, ((const char *[]) { NULL }));
  g_clear_pointer (&differing, g_strfreev);
  differing = gloss_review_unit_dup_differing_attributes (unit_at (review, 3));
  g_assert_cmpstrv (differing, ((const char *[]) { NULL }));

  /* Settled again after an edit: now alike. */
  gloss_annotation_set_attribute (gloss_review_unit_get_version (unit_at (review, 1), 1), "form",
                                  g_variant_new_string ("direct"));
  gloss_annotation_set_attribute (gloss_review_unit_get_version (unit_at (review, 1), 2), "form",
                                  g_variant_new_string ("direct"));
  gloss_review_unit_settle (unit_at (review, 1));
  g_assert_cmpint (gloss_review_unit_get_status (unit_at (review, 1)), ==, GLOSS_UNIT_AGREED);
}

/* What the reviewer picked over one annotator's attributes: set, changed,
 * removed; NULL when nothing is left. */
static void
test_pick_attributes (void)
{
  g_autoptr(GPtrArray) a = rater_new ();
  g_autoptr(GPtrArray) b = rater_new ();
  GPtrArray *raters[] = { a, b };
  g_autoptr(GlossReview) review = NULL;
  GlossAnnotation *version;
  GlossReviewUnit *unit;
  g_autoptr(GVariant) picked = NULL;
  g_autoptr(GVariant) mixed = g_variant_ref_sink (g_variant_new_string ("mixed"));
  g_autofree char *text = NULL;

  version = add_span (a, "claim", 0, 10);
  gloss_annotation_set_attribute (version, "verdict", g_variant_new_string ("false"));
  gloss_annotation_set_attribute (version, "checkworthy", g_variant_new_boolean (TRUE));
  version = add_span (b, "claim", 0, 10);
  gloss_annotation_set_attribute (version, "verdict", g_variant_new_string ("mixed"));
  review = review_new (2, raters);
  unit = unit_at (review, 0);
  g_assert_cmpint (gloss_review_unit_get_status (unit), ==, GLOSS_UNIT_ATTRIBUTES);

  /* bob's verdict, alice's checkworthy kept */
  picked = gloss_review_unit_pick_attributes (unit, 0, (const char *[]) { "verdict", NULL },
                                              (GVariant *[]) { mixed });
  text = g_variant_print (picked, FALSE);
  g_assert_cmpstr (text, ==, "{'checkworthy': <true>, 'verdict': <'mixed'>}");
  g_clear_pointer (&picked, g_variant_unref);
  g_clear_pointer (&text, g_free);

  /* checkworthy not set, as bob had it */
  picked = gloss_review_unit_pick_attributes (unit, 0, (const char *[]) { "checkworthy", "verdict", NULL },
                                              (GVariant *[]) { NULL, mixed });
  text = g_variant_print (picked, FALSE);
  g_assert_cmpstr (text, ==, "{'verdict': <'mixed'>}");
  g_clear_pointer (&picked, g_variant_unref);

  picked = gloss_review_unit_pick_attributes (unit, 1, (const char *[]) { "verdict", NULL },
                                              (GVariant *[]) { NULL });
  g_assert_null (picked);
}

static void
test_collect_placed (void)
{
  g_autoptr(GlossDocument) document = gloss_test_doc_new ("Alice met Bob in Paris.");
  g_autoptr(GlossAnnotationSet) set = gloss_annotation_set_new (document);
  g_autoptr(GPtrArray) placed = NULL;
  g_autoptr(GError) error = NULL;
  GlossAnnotation *bob, *alice;

  bob = gloss_annotation_set_create (set, "person", 10, 13, &error);
  g_assert_no_error (error);
  alice = gloss_annotation_set_create (set, "person", 0, 5, &error);
  g_assert_no_error (error);

  placed = gloss_review_collect_placed (set);
  g_assert_cmpuint (placed->len, ==, 2);
  g_assert_true (g_ptr_array_index (placed, 0) == alice);
  g_assert_true (g_ptr_array_index (placed, 1) == bob);
}

/* ------------------------------------------------------------------ */
/* Adjudication                                                         */
/* ------------------------------------------------------------------ */

static const char article_text[] =
  "Alice Smith met Bob Jones in Paris. The mayor said the port will reopen in May.\n";

static const char * const annotator_ids[] = { "alice", "bob", "carol", NULL };

enum {
  UNIT_SMITH,   /* all three: person — agreed */
  UNIT_JONES,   /* person, person, organization — label */
  UNIT_PARIS,   /* "Paris", "in Paris", nothing — missing, 1 against 1 */
  UNIT_MAYOR,   /* only carol: person — missing */
  UNIT_CLAIM,   /* claim, claim, a shorter claim — bounds */
  N_UNITS
};

typedef struct
{
  char              *dir;
  GlossDocument     *document;
  GlossLabelSet     *labels;
  GPtrArray         *raters[3];
  GlossSidecar      *gold;
  GlossReview       *review;
  GlossAdjudication *adjudication;
  guint              n_changed;
} Fixture;

static guint
offset_of (const char *needle)
{
  const char *at = strstr (article_text, needle);

  g_assert_nonnull (at);
  return (guint) g_utf8_strlen (article_text, at - article_text);
}

static guint
end_of (const char *needle)
{
  return offset_of (needle) + g_utf8_strlen (needle, -1);
}

static GlossAnnotation *
add_text (GPtrArray  *rater,
          const char *label,
          const char *text)
{
  return add_span (rater, label, offset_of (text), end_of (text));
}

static void
on_changed (GlossAdjudication *adjudication,
            Fixture           *f)
{
  f->n_changed++;
}

static GlossAdjudication *
adjudication_new (Fixture      *f,
                  GlossReview  *review,
                  GlossSidecar *gold)
{
  GlossAdjudication *adjudication = gloss_adjudication_new (review, f->labels, annotator_ids,
                                                            gold, "dana");

  g_assert_nonnull (adjudication);
  g_assert_true (gloss_adjudication_get_review (adjudication) == review);
  g_assert_true (gloss_adjudication_get_gold (adjudication) == gold);
  return adjudication;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  GlossAnnotation *annotation;

  f->dir = g_dir_make_tmp ("gloss-test-review-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "port.txt", NULL);
  g_file_set_contents (path, article_text, -1, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (path);
  f->document = gloss_document_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  f->labels = gloss_label_set_get_builtin ();

  for (guint i = 0; i < 3; i++)
    f->raters[i] = rater_new ();

  add_text (f->raters[0], "person", "Alice Smith");
  add_text (f->raters[1], "person", "Alice Smith");
  add_text (f->raters[2], "person", "Alice Smith");

  add_text (f->raters[0], "person", "Bob Jones");
  add_text (f->raters[1], "person", "Bob Jones");
  annotation = add_text (f->raters[2], "organization", "Bob Jones");
  gloss_annotation_set_note (annotation, "maybe the shipping firm");

  add_text (f->raters[0], "location", "Paris");
  add_text (f->raters[1], "location", "in Paris");

  add_text (f->raters[2], "person", "The mayor");

  annotation = add_text (f->raters[0], "claim", "the port will reopen in May");
  gloss_annotation_set_note (annotation, "check the date");
  add_text (f->raters[1], "claim", "the port will reopen in May");
  add_text (f->raters[2], "claim", "the port will reopen");

  f->gold = gloss_sidecar_new_for_document (f->document, "gold");
  g_assert_nonnull (f->gold);
  g_assert_true (gloss_sidecar_load (f->gold, f->labels, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gloss_sidecar_get_state (f->gold), ==, GLOSS_SIDECAR_STATE_NEW);

  f->review = review_new (3, f->raters);
  assert_review (f->review,
                 "entity 0-11 agreed: person@0-11 person@0-11 person@0-11\n"
                 "entity 16-25 label: person@16-25 person@16-25 organization@16-25\n"
                 "entity 26-34 missing: location@29-34 location@26-34 -\n"
                 "entity 36-45 missing: - - person@36-45\n"
                 "claim 51-78 bounds: claim@51-78 claim@51-78 claim@51-71");

  f->adjudication = adjudication_new (f, f->review, f->gold);
  g_signal_connect (f->adjudication, "changed", G_CALLBACK (on_changed), f);
  g_assert_cmpuint (gloss_adjudication_get_n_decided (f->adjudication), ==, 0);
  g_assert_false (gloss_adjudication_can_undo (f->adjudication));
  g_assert_false (gloss_adjudication_can_redo (f->adjudication));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->adjudication);
  g_clear_object (&f->review);
  g_clear_object (&f->gold);
  for (guint i = 0; i < 3; i++)
    g_clear_pointer (&f->raters[i], g_ptr_array_unref);
  g_clear_object (&f->labels);
  g_clear_object (&f->document);
  gloss_test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
}

static GlossReviewUnit *
unit (Fixture *f,
      guint    i)
{
  return unit_at (f->review, i);
}

static guint
n_gold (GlossSidecar *gold)
{
  GlossAnnotationSet *set = gloss_sidecar_get_annotations (gold);

  return g_list_model_get_n_items (G_LIST_MODEL (set));
}

/* The unit's gold annotation, asserting it is in the gold set. */
static GlossAnnotation *
gold_of (GlossSidecar    *gold,
         GlossReviewUnit *unit)
{
  GlossAnnotation *annotation = gloss_review_unit_get_gold (unit);

  g_assert_nonnull (annotation);
  g_assert_cmpuint (gloss_annotation_set_index_of (gloss_sidecar_get_annotations (gold), annotation),
                    !=, G_MAXUINT);
  return annotation;
}

/* The gold annotation's "review" record, checked against @decision and
 * @from (annotator ids joined by commas, "" for none). */
static void
assert_provenance (GlossAnnotation *annotation,
                   const char      *decision,
                   const char      *from)
{
  JsonObject *extra = gloss_annotation_get_extra (annotation);
  JsonObject *review;
  JsonArray *array;
  g_autoptr(GString) got = g_string_new (NULL);

  g_assert_nonnull (extra);
  g_assert_true (json_object_has_member (extra, GLOSS_REVIEW_KEY));
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_object_get_member (extra, GLOSS_REVIEW_KEY)));
  review = json_object_get_object_member (extra, GLOSS_REVIEW_KEY);

  g_assert_cmpstr (json_object_get_string_member_with_default (review, "decision", NULL), ==, decision);
  g_assert_cmpstr (json_object_get_string_member_with_default (review, "adjudicator", NULL), ==, "dana");
  g_assert_true (json_object_has_member (review, "from"));
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (review, "from")));
  array = json_object_get_array_member (review, "from");
  for (guint i = 0; i < json_array_get_length (array); i++)
    g_string_append_printf (got, "%s%s", i > 0 ? "," : "", json_array_get_string_element (array, i));
  g_assert_cmpstr (got->str, ==, from);
}

static void
assert_gold (GlossAnnotation *annotation,
             const char      *label,
             guint            start,
             guint            end)
{
  g_assert_cmpstr (gloss_annotation_get_label (annotation), ==, label);
  g_assert_cmpuint (gloss_annotation_get_start (annotation), ==, start);
  g_assert_cmpuint (gloss_annotation_get_end (annotation), ==, end);
}

/* The sidecar's top-level record: its rejected units as
 * "entity 36-45;claim 51-78", after checking who adjudicated whom. */
static char *
rejected_of (GlossSidecar *gold)
{
  JsonNode *record = gloss_sidecar_get_extra_member (gold, GLOSS_REVIEW_KEY);
  JsonObject *object;
  JsonArray *annotators, *rejected;
  GString *out = g_string_new (NULL);

  g_assert_nonnull (record);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (record));
  object = json_node_get_object (record);
  g_assert_cmpstr (json_object_get_string_member_with_default (object, "adjudicator", NULL), ==, "dana");
  annotators = json_object_get_array_member (object, "annotators");
  g_assert_nonnull (annotators);
  g_assert_cmpuint (json_array_get_length (annotators), ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpstr (json_array_get_string_element (annotators, i), ==, annotator_ids[i]);

  rejected = json_object_get_array_member (object, "rejected");
  g_assert_nonnull (rejected);
  for (guint i = 0; i < json_array_get_length (rejected); i++)
    {
      JsonObject *entry = json_array_get_object_element (rejected, i);

      g_assert_nonnull (entry);
      g_assert_cmpuint (json_object_get_size (entry), ==, 3);
      g_string_append_printf (out, "%s%s %" G_GINT64_FORMAT "-%" G_GINT64_FORMAT,
                              i > 0 ? ";" : "",
                              json_object_get_string_member (entry, "kind"),
                              json_object_get_int_member (entry, "start"),
                              json_object_get_int_member (entry, "end"));
    }

  return g_string_free (out, FALSE);
}

static void
assert_rejected (GlossSidecar *gold,
                 const char   *expected)
{
  g_autofree char *got = rejected_of (gold);

  g_assert_cmpstr (got, ==, expected);
}

static void
assert_decisions (GlossReview         *review,
                  const GlossDecision *expected)
{
  for (guint i = 0; i < N_UNITS; i++)
    {
      GlossDecision got = gloss_review_unit_get_decision (unit_at (review, i));

      if (got != expected[i])
        g_error ("unit %u: decision %s, expected %s", i,
                 gloss_decision_to_string (got), gloss_decision_to_string (expected[i]));
      if (got == GLOSS_DECISION_ACCEPTED || got == GLOSS_DECISION_EDITED)
        g_assert_nonnull (gloss_review_unit_get_gold (unit_at (review, i)));
      else
        g_assert_null (gloss_review_unit_get_gold (unit_at (review, i)));
    }
}

#define P GLOSS_DECISION_PENDING
#define A GLOSS_DECISION_ACCEPTED
#define E GLOSS_DECISION_EDITED
#define R GLOSS_DECISION_REJECTED

/* The gold keeps attributes: an accepted version's own; with the majority,
 * a merge or an edited version, those every matching version gives the
 * same value (where they differ the reviewer decides: none is picked). */
static void
test_accept_attributes (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GlossReviewUnit *claim = unit (f, UNIT_CLAIM);
  GlossAnnotation *alice = gloss_review_unit_get_version (claim, 0);
  GlossAnnotation *bob = gloss_review_unit_get_version (claim, 1);
  GlossAnnotation *gold;
  g_autoptr(GVariant) value = NULL;

  gloss_annotation_set_attribute (alice, "verdict", g_variant_new_string ("false"));
  gloss_annotation_set_attribute (alice, "checkworthy", g_variant_new_boolean (TRUE));
  gloss_annotation_set_attribute (bob, "verdict", g_variant_new_string ("false"));
  gloss_annotation_set_attribute (bob, "checkworthy", g_variant_new_boolean (FALSE));

  /* Alice's version: all of hers. */
  g_assert_true (gloss_adjudication_accept (f->adjudication, claim, 0, &error));
  g_assert_no_error (error);
  gold = gold_of (f->gold, claim);
  g_assert_true (g_variant_equal (gloss_annotation_peek_attributes (gold), gloss_annotation_peek_attributes (alice)));

  /* Undone and redone: the same gold, its attributes with it. */
  gloss_adjudication_undo (f->adjudication);
  gloss_adjudication_redo (f->adjudication);
  gold = gold_of (f->gold, claim);
  g_assert_true (g_variant_equal (gloss_annotation_peek_attributes (gold), gloss_annotation_peek_attributes (alice)));
  gloss_adjudication_undo (f->adjudication);

  /* The majority (alice and bob): the verdict they share, no checkworthy. */
  g_assert_true (gloss_adjudication_accept_majority (f->adjudication, claim, &error));
  g_assert_no_error (error);
  gold = gold_of (f->gold, claim);
  value = gloss_annotation_get_attribute (gold, "verdict");
  g_assert_nonnull (value);
  g_assert_cmpstr (g_variant_get_string (value, NULL), ==, "false");
  g_assert_null (gloss_annotation_get_attribute (gold, "checkworthy"));
  gloss_adjudication_undo (f->adjudication);

  /* A merge does the same. */
  g_assert_cmpuint (gloss_adjudication_premerge (f->adjudication, GLOSS_MERGE_MAJORITY), >, 0);
  gold = gold_of (f->gold, claim);
  g_clear_pointer (&value, g_variant_unref);
  value = gloss_annotation_get_attribute (gold, "verdict");
  g_assert_nonnull (value);
  g_assert_cmpstr (g_variant_get_string (value, NULL), ==, "false");
  g_assert_null (gloss_annotation_get_attribute (gold, "checkworthy"));
}

/* Values that differ on a unit all marked alike: the reviewer's picks
 * go into the gold, survive undo and redo, reach the file on disk and
 * come back with it; a unanimous merge takes the unit with the values
 * all share. */
static void
test_accept_picked_attributes (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GlossReviewUnit *smith = unit (f, UNIT_SMITH);
  g_autoptr(GVariant) picked = NULL;
  g_autoptr(GVariant) value = NULL;
  g_autoptr(GVariant) q2 = g_variant_ref_sink (g_variant_new_string ("Q2"));
  g_autoptr(GlossSidecar) gold2 = NULL;
  g_auto(GStrv) differing = NULL;
  GlossAnnotation *gold;

  gloss_annotation_set_attribute (gloss_review_unit_get_version (smith, 0), "wikidata", g_variant_new_string ("Q1"));
  gloss_annotation_set_attribute (gloss_review_unit_get_version (smith, 1), "wikidata", g_variant_new_string ("Q2"));
  gloss_annotation_set_attribute (gloss_review_unit_get_version (smith, 2), "wikidata", g_variant_new_string ("Q1"));
  for (guint i = 0; i < 3; i++)
    gloss_annotation_set_attribute (gloss_review_unit_get_version (smith, i), "checkworthy",
                                    g_variant_new_boolean (TRUE));
  gloss_review_unit_settle (smith);
  g_assert_cmpint (gloss_review_unit_get_status (smith), ==, GLOSS_UNIT_ATTRIBUTES);
  differing = gloss_review_unit_dup_differing_attributes (smith);
  g_assert_cmpstrv (differing, ((const char *[]) { "wikidata", NULL }));

  /* A unanimous merge: the unit, with what all three share. */
  g_assert_cmpuint (gloss_adjudication_premerge (f->adjudication, GLOSS_MERGE_UNANIMOUS), ==, 1);
  gold = gold_of (f->gold, smith);
  value = gloss_annotation_get_attribute (gold, "checkworthy");
  g_assert_nonnull (value);
  g_assert_true (g_variant_get_boolean (value));
  g_assert_null (gloss_annotation_get_attribute (gold, "wikidata"));
  g_assert_cmpint (gloss_review_unit_get_status (smith), ==, GLOSS_UNIT_ATTRIBUTES);

  /* The reviewer picks bob's identifier over alice's version. */
  picked = gloss_review_unit_pick_attributes (smith, 0, (const char *[]) { "wikidata", NULL },
                                              (GVariant *[]) { q2 });
  g_assert_true (gloss_adjudication_accept_with_attributes (f->adjudication, smith, 0, picked, &error));
  g_assert_no_error (error);
  gold = gold_of (f->gold, smith);
  g_assert_true (g_variant_equal (gloss_annotation_peek_attributes (gold), picked));
  assert_provenance (gold, "accepted", "alice,bob,carol");

  gloss_adjudication_undo (f->adjudication);
  g_assert_null (gloss_annotation_get_attribute (gold_of (f->gold, smith), "wikidata"));
  gloss_adjudication_redo (f->adjudication);
  g_assert_true (g_variant_equal (gloss_annotation_peek_attributes (gold_of (f->gold, smith)), picked));

  /* On disk, and back. */
  g_assert_true (gloss_sidecar_save (f->gold, NULL, &error));
  g_assert_no_error (error);
  gold2 = gloss_sidecar_new_for_document (f->document, "gold");
  g_assert_true (gloss_sidecar_load (gold2, f->labels, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_gold (gold2), ==, 1);
  gold = g_list_model_get_item (G_LIST_MODEL (gloss_sidecar_get_annotations (gold2)), 0);
  g_object_unref (gold);  /* the set holds it */
  assert_gold (gold, "person", 0, 11);
  g_assert_true (g_variant_equal (gloss_annotation_peek_attributes (gold), picked));

  /* No version: refused, as gloss_adjudication_accept() would. */
  g_assert_false (gloss_adjudication_accept_with_attributes (f->adjudication, unit (f, UNIT_MAYOR), 0,
                                                             NULL, &error));
  g_assert_nonnull (error);
}

static void
test_accept (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GlossReviewUnit *jones = unit (f, UNIT_JONES);
  GlossAnnotation *gold;

  /* carol's version: her label, bounds and note */
  g_assert_true (gloss_adjudication_accept (f->adjudication, jones, 2, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gloss_review_unit_get_decision (jones), ==, GLOSS_DECISION_ACCEPTED);
  gold = gold_of (f->gold, jones);
  assert_gold (gold, "organization", offset_of ("Bob Jones"), end_of ("Bob Jones"));
  g_assert_cmpstr (gloss_annotation_get_exact (gold), ==, "Bob Jones");
  g_assert_cmpstr (gloss_annotation_get_note (gold), ==, "maybe the shipping firm");
  assert_provenance (gold, "accepted", "carol");
  g_assert_cmpuint (n_gold (f->gold), ==, 1);
  g_assert_cmpuint (gloss_adjudication_get_n_decided (f->adjudication), ==, 1);
  g_assert_cmpuint (gloss_review_count_pending (f->review), ==, N_UNITS - 1);
  g_assert_true (gloss_adjudication_can_undo (f->adjudication));
  g_assert_cmpuint (f->n_changed, ==, 1);
  assert_rejected (f->gold, "");

  /* deciding again replaces the gold annotation: alice's, shared with bob */
  g_assert_true (gloss_adjudication_accept (f->adjudication, jones, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_gold (f->gold), ==, 1);
  g_assert_cmpuint (gloss_annotation_set_index_of (gloss_sidecar_get_annotations (f->gold), gold),
                    ==, G_MAXUINT);
  gold = gold_of (f->gold, jones);
  assert_gold (gold, "person", offset_of ("Bob Jones"), end_of ("Bob Jones"));
  g_assert_cmpstr (gloss_annotation_get_note (gold), ==, "");
  assert_provenance (gold, "accepted", "alice,bob");
  g_assert_cmpuint (gloss_adjudication_get_n_decided (f->adjudication), ==, 1);
  g_assert_cmpuint (f->n_changed, ==, 2);

  /* the same version again: still one gold annotation */
  g_assert_true (gloss_adjudication_accept (f->adjudication, jones, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_gold (f->gold), ==, 1);
  assert_provenance (gold_of (f->gold, jones), "accepted", "alice,bob");

  /* the majority of a bounds unit: alice's and bob's, alice's note */
  g_assert_true (gloss_adjudication_accept_majority (f->adjudication, unit (f, UNIT_CLAIM), &error));
  g_assert_no_error (error);
  gold = gold_of (f->gold, unit (f, UNIT_CLAIM));
  assert_gold (gold, "claim", offset_of ("the port"), end_of ("in May"));
  g_assert_cmpstr (gloss_annotation_get_note (gold), ==, "check the date");
  assert_provenance (gold, "accepted", "alice,bob");

  /* a 1-against-1 tie: the earliest annotator's */
  g_assert_true (gloss_adjudication_accept_majority (f->adjudication, unit (f, UNIT_PARIS), &error));
  g_assert_no_error (error);
  gold = gold_of (f->gold, unit (f, UNIT_PARIS));
  assert_gold (gold, "location", offset_of ("Paris"), end_of ("Paris"));
  assert_provenance (gold, "accepted", "alice");

  /* the agreed unit: everyone */
  g_assert_true (gloss_adjudication_accept (f->adjudication, unit (f, UNIT_SMITH), 2, &error));
  g_assert_no_error (error);
  assert_provenance (gold_of (f->gold, unit (f, UNIT_SMITH)), "accepted", "alice,bob,carol");

  g_assert_cmpuint (n_gold (f->gold), ==, 4);
  g_assert_cmpuint (gloss_adjudication_get_n_decided (f->adjudication), ==, 4);
  assert_decisions (f->review, (GlossDecision[]) { A, A, A, P, A });
  g_assert_true (gloss_sidecar_is_dirty (f->gold));
}

static void
test_accept_edited (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GlossReviewUnit *claim = unit (f, UNIT_CLAIM);
  GlossReviewUnit *paris = unit (f, UNIT_PARIS);
  GlossAnnotation *gold;

  /* bounds nobody marked: from none */
  g_assert_true (gloss_adjudication_accept_edited (f->adjudication, claim, "claim",
                                                   offset_of ("port will"), end_of ("in May"),
                                                   &error));
  g_assert_no_error (error);
  g_assert_cmpint (gloss_review_unit_get_decision (claim), ==, GLOSS_DECISION_EDITED);
  gold = gold_of (f->gold, claim);
  assert_gold (gold, "claim", offset_of ("port will"), end_of ("in May"));
  g_assert_cmpstr (gloss_annotation_get_exact (gold), ==, "port will reopen in May");
  assert_provenance (gold, "edited", "");

  /* carol's bounds: from carol only, still edited */
  g_assert_true (gloss_adjudication_accept_edited (f->adjudication, claim, "claim",
                                                   offset_of ("the port"), end_of ("reopen"),
                                                   &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_gold (f->gold), ==, 1);
  gold = gold_of (f->gold, claim);
  assert_gold (gold, "claim", offset_of ("the port"), end_of ("reopen"));
  assert_provenance (gold, "edited", "carol");
  g_assert_cmpint (gloss_review_unit_get_decision (claim), ==, GLOSS_DECISION_EDITED);

  /* bob's version exactly: from bob; with another label: from none */
  g_assert_true (gloss_adjudication_accept_edited (f->adjudication, paris, "location",
                                                   offset_of ("in Paris"), end_of ("Paris"),
                                                   &error));
  g_assert_no_error (error);
  assert_provenance (gold_of (f->gold, paris), "edited", "bob");
  g_assert_true (gloss_adjudication_accept_edited (f->adjudication, paris, "misc",
                                                   offset_of ("in Paris"), end_of ("Paris"),
                                                   &error));
  g_assert_no_error (error);
  assert_provenance (gold_of (f->gold, paris), "edited", "");

  /* an accepted unit edited afterwards */
  g_assert_true (gloss_adjudication_accept (f->adjudication, unit (f, UNIT_SMITH), 0, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_adjudication_accept_edited (f->adjudication, unit (f, UNIT_SMITH), "person",
                                                   offset_of ("Smith"), end_of ("Smith"), &error));
  g_assert_no_error (error);
  assert_provenance (gold_of (f->gold, unit (f, UNIT_SMITH)), "edited", "");

  g_assert_cmpuint (n_gold (f->gold), ==, 3);
  assert_decisions (f->review, (GlossDecision[]) { E, P, E, P, E });
  g_assert_cmpuint (gloss_adjudication_get_n_decided (f->adjudication), ==, 3);
}

static void
test_reject (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GlossReviewUnit *mayor = unit (f, UNIT_MAYOR);
  GlossReviewUnit *claim = unit (f, UNIT_CLAIM);
  GlossAnnotation *gold;

  g_assert_null (gloss_sidecar_get_extra_member (f->gold, GLOSS_REVIEW_KEY));

  g_assert_true (gloss_adjudication_reject (f->adjudication, mayor, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gloss_review_unit_get_decision (mayor), ==, GLOSS_DECISION_REJECTED);
  g_assert_null (gloss_review_unit_get_gold (mayor));
  g_assert_cmpuint (n_gold (f->gold), ==, 0);
  g_assert_cmpuint (gloss_adjudication_get_n_decided (f->adjudication), ==, 1);
  assert_rejected (f->gold, "entity 36-45");
  g_assert_true (gloss_adjudication_can_undo (f->adjudication));

  /* an accepted unit rejected: its gold annotation goes */
  g_assert_true (gloss_adjudication_accept (f->adjudication, claim, 2, &error));
  g_assert_no_error (error);
  gold = gold_of (f->gold, claim);
  g_assert_cmpuint (n_gold (f->gold), ==, 1);
  g_assert_true (gloss_adjudication_reject (f->adjudication, claim, &error));
  g_assert_no_error (error);
  g_assert_null (gloss_review_unit_get_gold (claim));
  g_assert_cmpuint (n_gold (f->gold), ==, 0);
  g_assert_cmpuint (gloss_annotation_set_index_of (gloss_sidecar_get_annotations (f->gold), gold),
                    ==, G_MAXUINT);
  assert_rejected (f->gold, "entity 36-45;claim 51-78");

  /* rejecting twice changes nothing in the record */
  g_assert_true (gloss_adjudication_reject (f->adjudication, claim, &error));
  g_assert_no_error (error);
  assert_rejected (f->gold, "entity 36-45;claim 51-78");

  /* a rejected unit accepted after all leaves the list */
  g_assert_true (gloss_adjudication_accept (f->adjudication, mayor, 2, &error));
  g_assert_no_error (error);
  assert_rejected (f->gold, "claim 51-78");
  g_assert_cmpuint (n_gold (f->gold), ==, 1);
  assert_decisions (f->review, (GlossDecision[]) { P, P, P, A, R });
}

static void
test_undo_redo (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GlossAdjudication *adj = f->adjudication;
  GlossAnnotationSet *set = gloss_sidecar_get_annotations (f->gold);
  GlossReviewUnit *jones = unit (f, UNIT_JONES);
  GlossReviewUnit *claim = unit (f, UNIT_CLAIM);
  GlossReviewUnit *mayor = unit (f, UNIT_MAYOR);
  GlossAnnotation *carol_gold, *alice_gold, *edited_gold;

  g_assert_false (gloss_adjudication_undo (adj));
  g_assert_false (gloss_adjudication_redo (adj));

  /* 1: accept carol's, 2: replace with alice's, 3: edit the claim,
   * 4: reject the mayor */
  g_assert_true (gloss_adjudication_accept (adj, jones, 2, &error));
  g_assert_no_error (error);
  carol_gold = gold_of (f->gold, jones);
  g_assert_true (gloss_adjudication_accept (adj, jones, 0, &error));
  g_assert_no_error (error);
  alice_gold = gold_of (f->gold, jones);
  g_assert_true (gloss_adjudication_accept_edited (adj, claim, "claim",
                                                   offset_of ("port will"), end_of ("reopen"),
                                                   &error));
  g_assert_no_error (error);
  edited_gold = gold_of (f->gold, claim);
  g_assert_true (gloss_adjudication_reject (adj, mayor, &error));
  g_assert_no_error (error);
  assert_decisions (f->review, (GlossDecision[]) { P, A, P, R, E });
  assert_rejected (f->gold, "entity 36-45");
  g_assert_cmpuint (n_gold (f->gold), ==, 2);
  g_assert_cmpuint (f->n_changed, ==, 4);

  /* undo 4 */
  g_assert_true (gloss_adjudication_undo (adj));
  assert_decisions (f->review, (GlossDecision[]) { P, A, P, P, E });
  assert_rejected (f->gold, "");
  g_assert_cmpuint (n_gold (f->gold), ==, 2);
  g_assert_true (gloss_adjudication_can_undo (adj));
  g_assert_true (gloss_adjudication_can_redo (adj));

  /* undo 3 */
  g_assert_true (gloss_adjudication_undo (adj));
  assert_decisions (f->review, (GlossDecision[]) { P, A, P, P, P });
  g_assert_cmpuint (n_gold (f->gold), ==, 1);
  g_assert_cmpuint (gloss_annotation_set_index_of (set, edited_gold), ==, G_MAXUINT);

  /* undo 2: carol's version is back, the very annotation */
  g_assert_true (gloss_adjudication_undo (adj));
  assert_decisions (f->review, (GlossDecision[]) { P, A, P, P, P });
  g_assert_true (gold_of (f->gold, jones) == carol_gold);
  assert_gold (carol_gold, "organization", offset_of ("Bob Jones"), end_of ("Bob Jones"));
  assert_provenance (carol_gold, "accepted", "carol");
  g_assert_cmpuint (gloss_annotation_set_index_of (set, alice_gold), ==, G_MAXUINT);
  g_assert_cmpuint (n_gold (f->gold), ==, 1);

  /* undo 1 */
  g_assert_true (gloss_adjudication_undo (adj));
  assert_decisions (f->review, (GlossDecision[]) { P, P, P, P, P });
  g_assert_cmpuint (n_gold (f->gold), ==, 0);
  g_assert_false (gloss_adjudication_can_undo (adj));
  g_assert_true (gloss_adjudication_can_redo (adj));
  g_assert_false (gloss_annotation_set_can_undo (set));
  g_assert_false (gloss_adjudication_undo (adj));
  g_assert_cmpuint (gloss_adjudication_get_n_decided (adj), ==, 0);
  g_assert_cmpuint (f->n_changed, ==, 8);

  /* redo 1 */
  g_assert_true (gloss_adjudication_redo (adj));
  assert_decisions (f->review, (GlossDecision[]) { P, A, P, P, P });
  g_assert_true (gold_of (f->gold, jones) == carol_gold);
  g_assert_cmpuint (n_gold (f->gold), ==, 1);

  /* redo 2 */
  g_assert_true (gloss_adjudication_redo (adj));
  g_assert_true (gold_of (f->gold, jones) == alice_gold);
  assert_provenance (alice_gold, "accepted", "alice,bob");
  g_assert_cmpuint (n_gold (f->gold), ==, 1);

  /* redo 3 */
  g_assert_true (gloss_adjudication_redo (adj));
  g_assert_true (gold_of (f->gold, claim) == edited_gold);
  assert_provenance (edited_gold, "edited", "");
  assert_decisions (f->review, (GlossDecision[]) { P, A, P, P, E });
  g_assert_cmpuint (n_gold (f->gold), ==, 2);

  /* redo 4 */
  g_assert_true (gloss_adjudication_redo (adj));
  assert_decisions (f->review, (GlossDecision[]) { P, A, P, R, E });
  assert_rejected (f->gold, "entity 36-45");
  g_assert_cmpuint (n_gold (f->gold), ==, 2);
  g_assert_false (gloss_adjudication_can_redo (adj));
  g_assert_false (gloss_adjudication_redo (adj));
  g_assert_cmpuint (f->n_changed, ==, 12);

  /* a new decision after an undo drops the redo history */
  g_assert_true (gloss_adjudication_undo (adj));
  g_assert_true (gloss_adjudication_undo (adj));
  g_assert_true (gloss_adjudication_can_redo (adj));
  g_assert_true (gloss_adjudication_reject (adj, unit (f, UNIT_SMITH), &error));
  g_assert_no_error (error);
  g_assert_false (gloss_adjudication_can_redo (adj));
  assert_decisions (f->review, (GlossDecision[]) { R, A, P, P, P });
  assert_rejected (f->gold, "entity 0-11");

  /* and undo still walks back consistently to nothing */
  while (gloss_adjudication_undo (adj))
    ;
  assert_decisions (f->review, (GlossDecision[]) { P, P, P, P, P });
  g_assert_cmpuint (n_gold (f->gold), ==, 0);
  assert_rejected (f->gold, "");
}

/* A decision that fails part-way (the new bounds are out of range after
 * the unit's old gold annotation was taken out) changes nothing, and the
 * history around it still holds.
 *
 * Known to fail (gloss-adjudication.c, decide_one): the failed decision's
 * removal goes into the gold set's history (perform() drops the set's redo
 * stack, then the rollback undo leaves the removal on it) while the
 * adjudication's own redo stack is kept; the next redo then replays that
 * removal instead of the undone step: the unit reads ACCEPTED with a gold
 * annotation that is not in the gold set, and the set is empty. */
static void
test_failed_decision (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GlossAdjudication *adj = f->adjudication;
  GlossReviewUnit *jones = unit (f, UNIT_JONES);
  GlossAnnotation *carol_gold, *alice_gold;
  guint length = gloss_document_get_length (f->document);

  g_assert_true (gloss_adjudication_accept (adj, jones, 2, &error));
  g_assert_no_error (error);
  carol_gold = gold_of (f->gold, jones);

  g_assert_false (gloss_adjudication_accept_edited (adj, jones, "person", 16, length + 5, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_cmpint (gloss_review_unit_get_decision (jones), ==, GLOSS_DECISION_ACCEPTED);
  g_assert_true (gold_of (f->gold, jones) == carol_gold);
  g_assert_cmpuint (n_gold (f->gold), ==, 1);
  g_assert_cmpuint (f->n_changed, ==, 1);

  /* undo and redo go through the one real decision */
  g_assert_true (gloss_adjudication_undo (adj));
  g_assert_cmpuint (n_gold (f->gold), ==, 0);
  g_assert_false (gloss_adjudication_can_undo (adj));
  g_assert_true (gloss_adjudication_redo (adj));
  g_assert_true (gold_of (f->gold, jones) == carol_gold);
  g_assert_cmpuint (n_gold (f->gold), ==, 1);

  /* A failed decision while a redo is pending: whatever redo does next
   * must leave the unit's gold annotation in the gold set. */
  g_assert_true (gloss_adjudication_accept (adj, jones, 0, &error));
  g_assert_no_error (error);
  alice_gold = gold_of (f->gold, jones);
  g_assert_true (gloss_adjudication_undo (adj));
  g_assert_true (gold_of (f->gold, jones) == carol_gold);
  g_assert_false (gloss_adjudication_accept_edited (adj, jones, "person", 16, length + 5, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_true (gold_of (f->gold, jones) == carol_gold);
  g_assert_cmpuint (n_gold (f->gold), ==, 1);

  if (gloss_adjudication_can_redo (adj))
    {
      g_assert_true (gloss_adjudication_redo (adj));
      g_assert_cmpint (gloss_review_unit_get_decision (jones), ==, GLOSS_DECISION_ACCEPTED);
      g_assert_true (gold_of (f->gold, jones) == alice_gold);
      g_assert_cmpuint (n_gold (f->gold), ==, 1);
    }
}

static void
test_premerge (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GlossAdjudication *adj = f->adjudication;

  /* unanimous: the agreed unit only */
  g_assert_cmpuint (gloss_adjudication_premerge (adj, GLOSS_MERGE_UNANIMOUS), ==, 1);
  assert_decisions (f->review, (GlossDecision[]) { A, P, P, P, P });
  assert_gold (gold_of (f->gold, unit (f, UNIT_SMITH)), "person", 0, 11);
  assert_provenance (gold_of (f->gold, unit (f, UNIT_SMITH)), "accepted", "alice,bob,carol");
  g_assert_cmpuint (n_gold (f->gold), ==, 1);
  g_assert_cmpuint (f->n_changed, ==, 1);

  /* nothing more to merge unanimously: no step */
  g_assert_cmpuint (gloss_adjudication_premerge (adj, GLOSS_MERGE_UNANIMOUS), ==, 0);
  g_assert_cmpuint (f->n_changed, ==, 1);
  g_assert_true (gloss_adjudication_undo (adj));
  assert_decisions (f->review, (GlossDecision[]) { P, P, P, P, P });
  g_assert_cmpuint (n_gold (f->gold), ==, 0);
  g_assert_false (gloss_adjudication_can_undo (adj));
  g_assert_true (gloss_adjudication_redo (adj));
  assert_decisions (f->review, (GlossDecision[]) { A, P, P, P, P });

  /* majority: 2 of 3 — the label unit and the bounds unit; the decided
   * one is skipped, the 1-against-1 and the lone ones are left */
  g_assert_cmpuint (gloss_adjudication_premerge (adj, GLOSS_MERGE_MAJORITY), ==, 2);
  assert_decisions (f->review, (GlossDecision[]) { A, A, P, P, A });
  assert_gold (gold_of (f->gold, unit (f, UNIT_JONES)), "person", 16, 25);
  assert_provenance (gold_of (f->gold, unit (f, UNIT_JONES)), "accepted", "alice,bob");
  assert_gold (gold_of (f->gold, unit (f, UNIT_CLAIM)), "claim", 51, 78);
  assert_provenance (gold_of (f->gold, unit (f, UNIT_CLAIM)), "accepted", "alice,bob");
  g_assert_cmpstr (gloss_annotation_get_note (gold_of (f->gold, unit (f, UNIT_CLAIM))), ==,
                   "check the date");
  g_assert_cmpuint (n_gold (f->gold), ==, 3);
  g_assert_cmpuint (gloss_adjudication_premerge (adj, GLOSS_MERGE_MAJORITY), ==, 0);

  /* one undo step for both */
  g_assert_true (gloss_adjudication_undo (adj));
  assert_decisions (f->review, (GlossDecision[]) { A, P, P, P, P });
  g_assert_cmpuint (n_gold (f->gold), ==, 1);

  /* a unit decided otherwise is left as it is */
  g_assert_true (gloss_adjudication_reject (adj, unit (f, UNIT_JONES), &error));
  g_assert_no_error (error);
  g_assert_true (gloss_adjudication_accept (adj, unit (f, UNIT_CLAIM), 2, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_adjudication_premerge (adj, GLOSS_MERGE_MAJORITY), ==, 0);
  assert_decisions (f->review, (GlossDecision[]) { A, R, P, P, A });
  assert_gold (gold_of (f->gold, unit (f, UNIT_CLAIM)), "claim", 51, 71);
  assert_provenance (gold_of (f->gold, unit (f, UNIT_CLAIM)), "accepted", "carol");
  g_assert_cmpuint (gloss_adjudication_premerge (adj, GLOSS_MERGE_UNANIMOUS), ==, 0);
  assert_rejected (f->gold, "entity 16-25");
}

static void
test_premerge_one_step (Fixture       *f,
                        gconstpointer  data)
{
  GlossAdjudication *adj = f->adjudication;

  /* majority from scratch takes the agreed unit too */
  g_assert_cmpuint (gloss_adjudication_premerge (adj, GLOSS_MERGE_MAJORITY), ==, 3);
  assert_decisions (f->review, (GlossDecision[]) { A, A, P, P, A });
  g_assert_cmpuint (n_gold (f->gold), ==, 3);
  g_assert_cmpuint (gloss_adjudication_get_n_decided (adj), ==, 3);
  g_assert_cmpuint (f->n_changed, ==, 1);

  g_assert_true (gloss_adjudication_undo (adj));
  assert_decisions (f->review, (GlossDecision[]) { P, P, P, P, P });
  g_assert_cmpuint (n_gold (f->gold), ==, 0);
  g_assert_false (gloss_adjudication_can_undo (adj));
  g_assert_false (gloss_annotation_set_can_undo (gloss_sidecar_get_annotations (f->gold)));

  g_assert_true (gloss_adjudication_redo (adj));
  assert_decisions (f->review, (GlossDecision[]) { A, A, P, P, A });
  g_assert_cmpuint (n_gold (f->gold), ==, 3);
  g_assert_false (gloss_adjudication_can_redo (adj));
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GlossAdjudication *adj = f->adjudication;
  g_autoptr(GlossSidecar) gold2 = NULL;
  g_autoptr(GlossReview) review2 = NULL;
  g_autoptr(GlossAdjudication) adj2 = NULL;
  g_autoptr(GlossSidecar) gold3 = NULL;
  g_autoptr(GlossReview) review3 = NULL;
  g_autoptr(GlossAdjudication) adj3 = NULL;
  GlossAnnotation *gold;

  g_assert_true (gloss_adjudication_accept (adj, unit (f, UNIT_SMITH), 1, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_adjudication_accept (adj, unit (f, UNIT_JONES), 2, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_adjudication_reject (adj, unit (f, UNIT_MAYOR), &error));
  g_assert_no_error (error);
  g_assert_true (gloss_adjudication_accept_edited (adj, unit (f, UNIT_CLAIM), "claim",
                                                   offset_of ("port will"), end_of ("in May"),
                                                   &error));
  g_assert_no_error (error);
  assert_decisions (f->review, (GlossDecision[]) { A, A, P, R, E });

  g_assert_true (gloss_sidecar_save (f->gold, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (gloss_sidecar_is_dirty (f->gold));

  /* a fresh sidecar, a fresh review of the same annotations */
  gold2 = gloss_sidecar_new_for_document (f->document, "gold");
  g_assert_true (gloss_sidecar_load (gold2, f->labels, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gloss_sidecar_get_state (gold2), ==, GLOSS_SIDECAR_STATE_LOADED);
  g_assert_cmpuint (n_gold (gold2), ==, 3);
  assert_rejected (gold2, "entity 36-45");

  review2 = review_new (3, f->raters);
  adj2 = adjudication_new (f, review2, gold2);
  assert_decisions (review2, (GlossDecision[]) { A, A, P, R, E });
  g_assert_cmpuint (gloss_adjudication_get_n_decided (adj2), ==, 4);
  g_assert_cmpuint (gloss_review_count_pending (review2), ==, 1);
  g_assert_false (gloss_adjudication_can_undo (adj2));

  gold = gold_of (gold2, unit_at (review2, UNIT_SMITH));
  assert_gold (gold, "person", 0, 11);
  assert_provenance (gold, "accepted", "alice,bob,carol");
  gold = gold_of (gold2, unit_at (review2, UNIT_JONES));
  assert_gold (gold, "organization", 16, 25);
  g_assert_cmpstr (gloss_annotation_get_note (gold), ==, "maybe the shipping firm");
  assert_provenance (gold, "accepted", "carol");
  gold = gold_of (gold2, unit_at (review2, UNIT_CLAIM));
  assert_gold (gold, "claim", offset_of ("port will"), end_of ("in May"));
  assert_provenance (gold, "edited", "");

  /* going on from there: a decision replaces the restored gold annotation,
   * and the rejected unit stays in the record */
  g_assert_true (gloss_adjudication_accept (adj2, unit_at (review2, UNIT_JONES), 0, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_gold (gold2), ==, 3);
  assert_gold (gold_of (gold2, unit_at (review2, UNIT_JONES)), "person", 16, 25);
  g_assert_true (gloss_adjudication_reject (adj2, unit_at (review2, UNIT_PARIS), &error));
  g_assert_no_error (error);
  assert_rejected (gold2, "entity 26-34;entity 36-45");
  g_assert_true (gloss_adjudication_undo (adj2));
  g_assert_true (gloss_adjudication_undo (adj2));
  assert_decisions (review2, (GlossDecision[]) { A, A, P, R, E });
  assert_gold (gold_of (gold2, unit_at (review2, UNIT_JONES)), "organization", 16, 25);
  g_assert_cmpuint (n_gold (gold2), ==, 3);
  assert_rejected (gold2, "entity 36-45");
  g_assert_false (gloss_adjudication_can_undo (adj2));

  /* and once more, through a save of the reloaded sidecar */
  g_assert_true (gloss_adjudication_redo (adj2));
  g_assert_true (gloss_sidecar_save (gold2, NULL, &error));
  g_assert_no_error (error);
  gold3 = gloss_sidecar_new_for_document (f->document, "gold");
  g_assert_true (gloss_sidecar_load (gold3, f->labels, NULL, &error));
  g_assert_no_error (error);
  review3 = review_new (3, f->raters);
  adj3 = adjudication_new (f, review3, gold3);
  assert_decisions (review3, (GlossDecision[]) { A, A, P, R, E });
  assert_gold (gold_of (gold3, unit_at (review3, UNIT_JONES)), "person", 16, 25);
  assert_provenance (gold_of (gold3, unit_at (review3, UNIT_JONES)), "accepted", "alice,bob");
}

/* Two units of one kind that overlap: annotator 0 marked "Alice" and
 * "Smith", annotator 1 "Alice Smith" (5/11 each way: the earlier start
 * joins). Reopening the gold sidecar must give each its own decision.
 *
 * Known to fail (gloss-adjudication.c, restore_decisions): the rejected
 * unit [0,11) takes the first gold annotation of its kind that overlaps
 * it, the one accepted for [6,11), so it comes back ACCEPTED and the unit
 * [6,11) comes back PENDING. */
static void
test_round_trip_overlapping_units (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) a = rater_new ();
  g_autoptr(GPtrArray) b = rater_new ();
  g_autoptr(GPtrArray) c = rater_new ();
  GPtrArray *raters[] = { a, b, c };
  g_autoptr(GlossReview) review = NULL;
  g_autoptr(GlossAdjudication) adj = NULL;
  g_autoptr(GlossSidecar) gold2 = NULL;
  g_autoptr(GlossReview) review2 = NULL;
  g_autoptr(GlossAdjudication) adj2 = NULL;

  add_text (a, "person", "Alice");
  add_text (a, "person", "Smith");
  add_text (b, "person", "Alice Smith");

  review = review_new (3, raters);
  assert_review (review,
                 "entity 0-11 missing: person@0-5 person@0-11 -\n"
                 "entity 6-11 missing: person@6-11 - -");
  adj = adjudication_new (f, review, f->gold);

  g_assert_true (gloss_adjudication_reject (adj, unit_at (review, 0), &error));
  g_assert_no_error (error);
  g_assert_true (gloss_adjudication_accept (adj, unit_at (review, 1), 0, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_sidecar_save (f->gold, NULL, &error));
  g_assert_no_error (error);

  gold2 = gloss_sidecar_new_for_document (f->document, "gold");
  g_assert_true (gloss_sidecar_load (gold2, f->labels, NULL, &error));
  g_assert_no_error (error);
  review2 = review_new (3, raters);
  adj2 = adjudication_new (f, review2, gold2);

  g_assert_cmpint (gloss_review_unit_get_decision (unit_at (review2, 0)), ==, GLOSS_DECISION_REJECTED);
  g_assert_null (gloss_review_unit_get_gold (unit_at (review2, 0)));
  g_assert_cmpint (gloss_review_unit_get_decision (unit_at (review2, 1)), ==, GLOSS_DECISION_ACCEPTED);
  assert_gold (gold_of (gold2, unit_at (review2, 1)), "person", 6, 11);
}

/* Pre-merges @raters into a fresh gold sidecar, saves it, then opens it
 * again with a fresh review of the same annotations, as a second run of
 * `gloss-cli merge` does: that second pre-merge must add nothing. */
static void
assert_premerge_idempotent (Fixture            *f,
                            GPtrArray         **raters,
                            GlossMergeStrategy  strategy,
                            const char         *expected_review,
                            guint               expected_merged)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossReview) review = NULL;
  g_autoptr(GlossAdjudication) adj = NULL;
  g_autoptr(GlossSidecar) gold2 = NULL;
  g_autoptr(GlossReview) review2 = NULL;
  g_autoptr(GlossAdjudication) adj2 = NULL;

  review = review_new (3, raters);
  assert_review (review, expected_review);
  adj = adjudication_new (f, review, f->gold);
  g_assert_cmpuint (gloss_adjudication_premerge (adj, strategy), ==, expected_merged);
  g_assert_cmpuint (n_gold (f->gold), ==, expected_merged);
  g_assert_true (gloss_sidecar_save (f->gold, NULL, &error));
  g_assert_no_error (error);

  gold2 = gloss_sidecar_new_for_document (f->document, "gold");
  g_assert_true (gloss_sidecar_load (gold2, f->labels, NULL, &error));
  g_assert_no_error (error);
  review2 = review_new (3, raters);
  adj2 = adjudication_new (f, review2, gold2);

  /* every unit has the decision it had before the save */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (review)); i++)
    {
      GlossReviewUnit *before = unit_at (review, i);
      GlossReviewUnit *after = unit_at (review2, i);

      g_assert_cmpint (gloss_review_unit_get_decision (after), ==,
                       gloss_review_unit_get_decision (before));
      if (gloss_review_unit_get_gold (before) != NULL)
        assert_gold (gold_of (gold2, after),
                     gloss_annotation_get_label (gloss_review_unit_get_gold (before)),
                     gloss_annotation_get_start (gloss_review_unit_get_gold (before)),
                     gloss_annotation_get_end (gloss_review_unit_get_gold (before)));
    }

  g_assert_cmpuint (gloss_adjudication_premerge (adj2, strategy), ==, 0);
  g_assert_cmpuint (n_gold (gold2), ==, expected_merged);
  g_assert_false (gloss_sidecar_is_dirty (gold2));
}

/* An annotator marked one span twice (alice: "Bob Jones" twice); the
 * second copy joins bob's longer span into a unit that starts earlier
 * than the agreed one and has a version exactly like its gold annotation.
 * Reopening the gold sidecar must give the gold annotation back to the
 * agreed unit (all three versions are exactly it), not to the other one
 * (only one is), or a second merge adds it again. */
static void
test_premerge_idempotent_duplicate (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GPtrArray) a = rater_new ();
  g_autoptr(GPtrArray) b = rater_new ();
  g_autoptr(GPtrArray) c = rater_new ();
  GPtrArray *raters[] = { a, b, c };

  add_text (a, "person", "Bob Jones");
  add_text (a, "person", "Bob Jones");
  add_text (b, "person", "Bob Jones");
  add_text (b, "person", "met Bob Jones");
  add_text (c, "person", "Bob Jones");

  assert_premerge_idempotent (f, raters, GLOSS_MERGE_UNANIMOUS,
                              "entity 12-25 missing: person@16-25 person@12-25 -\n"
                              "entity 16-25 agreed: person@16-25 person@16-25 person@16-25",
                              1);
}

/* The same without a duplicate: alice marked "Bob Jones" as a person and
 * as an organization; the organization joins bob's longer one. */
static void
test_premerge_idempotent_two_labels (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(GPtrArray) a = rater_new ();
  g_autoptr(GPtrArray) b = rater_new ();
  g_autoptr(GPtrArray) c = rater_new ();
  GPtrArray *raters[] = { a, b, c };

  add_text (a, "person", "Bob Jones");
  add_text (a, "organization", "Bob Jones");
  add_text (b, "person", "Bob Jones");
  add_text (b, "organization", "met Bob Jones");
  add_text (c, "person", "Bob Jones");

  assert_premerge_idempotent (f, raters, GLOSS_MERGE_MAJORITY,
                              "entity 12-25 missing: organization@16-25 organization@12-25 -\n"
                              "entity 16-25 agreed: person@16-25 person@16-25 person@16-25",
                              1);
}

static void
write_corrupt (GlossSidecar *sidecar)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (gloss_sidecar_get_file (sidecar));

  g_file_set_contents (path, "{ \"format\": \"gloss\", \"version\": 1, \"annotations\": [", -1, &error);
  g_assert_no_error (error);
}

static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossSidecar) gold = NULL;
  g_autoptr(GlossReview) review = NULL;
  g_autoptr(GlossAdjudication) adj = NULL;

  write_corrupt (f->gold);
  gold = gloss_sidecar_new_for_document (f->document, "gold");
  g_assert_false (gloss_sidecar_load (gold, f->labels, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (gloss_sidecar_get_state (gold), ==, GLOSS_SIDECAR_STATE_FAILED);
  g_assert_true (gloss_sidecar_is_read_only (gold));

  review = review_new (3, f->raters);
  adj = adjudication_new (f, review, gold);
  g_signal_connect (adj, "changed", G_CALLBACK (on_changed), f);

  g_assert_false (gloss_adjudication_accept (adj, unit_at (review, UNIT_JONES), 0, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (gloss_adjudication_accept_majority (adj, unit_at (review, UNIT_SMITH), &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (gloss_adjudication_accept_edited (adj, unit_at (review, UNIT_CLAIM), "claim", 51, 60, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (gloss_adjudication_reject (adj, unit_at (review, UNIT_MAYOR), &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_READ_ONLY);
  g_clear_error (&error);

  g_assert_cmpuint (gloss_adjudication_premerge (adj, GLOSS_MERGE_UNANIMOUS), ==, 0);
  g_assert_cmpuint (gloss_adjudication_premerge (adj, GLOSS_MERGE_MAJORITY), ==, 0);

  assert_decisions (review, (GlossDecision[]) { P, P, P, P, P });
  g_assert_cmpuint (n_gold (gold), ==, 0);
  g_assert_cmpuint (gloss_adjudication_get_n_decided (adj), ==, 0);
  g_assert_false (gloss_adjudication_can_undo (adj));
  g_assert_false (gloss_adjudication_can_redo (adj));
  g_assert_false (gloss_annotation_set_can_undo (gloss_sidecar_get_annotations (gold)));
  g_assert_null (gloss_sidecar_get_extra_member (gold, GLOSS_REVIEW_KEY));
  g_assert_cmpuint (f->n_changed, ==, 0);
}

/* A gold set that becomes read-only after decisions were made (another
 * Gloss took the file, say): a decision is refused whole — the unit is not
 * marked rejected while its gold annotation stays — and undo and redo of
 * a step that touches the set are refused too. */
static void
test_gold_set_read_only_later (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GlossAnnotationSet *set = gloss_sidecar_get_annotations (f->gold);
  GlossReviewUnit *claim = unit (f, UNIT_CLAIM);

  g_assert_true (gloss_adjudication_accept (f->adjudication, claim, 2, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_gold (f->gold), ==, 1);
  f->n_changed = 0;

  gloss_annotation_set_set_read_only (set, TRUE);

  g_assert_false (gloss_adjudication_reject (f->adjudication, claim, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_cmpint (gloss_review_unit_get_decision (claim), ==, GLOSS_DECISION_ACCEPTED);
  g_assert_nonnull (gloss_review_unit_get_gold (claim));
  g_assert_cmpuint (n_gold (f->gold), ==, 1);

  /* Undoing the accept would take the gold annotation out of the set. */
  g_assert_false (gloss_adjudication_undo (f->adjudication));
  g_assert_cmpint (gloss_review_unit_get_decision (claim), ==, GLOSS_DECISION_ACCEPTED);
  g_assert_cmpuint (n_gold (f->gold), ==, 1);
  g_assert_cmpuint (f->n_changed, ==, 0);

  /* Writable again: the same decisions go through. */
  gloss_annotation_set_set_read_only (set, FALSE);
  g_assert_true (gloss_adjudication_undo (f->adjudication));
  g_assert_cmpuint (n_gold (f->gold), ==, 0);
  g_assert_cmpint (gloss_review_unit_get_decision (claim), ==, GLOSS_DECISION_PENDING);
}

static void
test_accept_without_version (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GlossAdjudication *adj = f->adjudication;
  GlossReviewUnit *paris = unit (f, UNIT_PARIS);
  GlossAnnotation *gold;

  /* carol did not mark Paris: the message names her */
  g_assert_false (gloss_adjudication_accept (adj, paris, 2, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "carol"));
  g_clear_error (&error);
  /* there is no fourth annotator */
  g_assert_false (gloss_adjudication_accept (adj, paris, 3, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  assert_decisions (f->review, (GlossDecision[]) { P, P, P, P, P });
  g_assert_cmpuint (n_gold (f->gold), ==, 0);
  g_assert_false (gloss_adjudication_can_undo (adj));
  g_assert_false (gloss_annotation_set_can_undo (gloss_sidecar_get_annotations (f->gold)));
  g_assert_null (gloss_sidecar_get_extra_member (f->gold, GLOSS_REVIEW_KEY));
  g_assert_false (gloss_sidecar_is_dirty (f->gold));
  g_assert_cmpuint (f->n_changed, ==, 0);

  /* a decided unit keeps its decision */
  g_assert_true (gloss_adjudication_accept (adj, paris, 1, &error));
  g_assert_no_error (error);
  gold = gold_of (f->gold, paris);
  g_assert_false (gloss_adjudication_accept (adj, paris, 2, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (gold_of (f->gold, paris) == gold);
  assert_gold (gold, "location", offset_of ("in Paris"), end_of ("Paris"));
  g_assert_cmpuint (n_gold (f->gold), ==, 1);
  g_assert_cmpuint (f->n_changed, ==, 1);
  g_assert_true (gloss_adjudication_undo (adj));
  g_assert_false (gloss_adjudication_can_undo (adj));
  g_assert_cmpuint (n_gold (f->gold), ==, 0);
}

#undef P
#undef A
#undef E
#undef R

static void
test_merge_strategy_from_string (void)
{
  GlossMergeStrategy strategy = GLOSS_MERGE_MAJORITY;

  g_assert_true (gloss_merge_strategy_from_string ("unanimous", &strategy));
  g_assert_cmpint (strategy, ==, GLOSS_MERGE_UNANIMOUS);
  g_assert_true (gloss_merge_strategy_from_string ("majority", &strategy));
  g_assert_cmpint (strategy, ==, GLOSS_MERGE_MAJORITY);

  strategy = GLOSS_MERGE_UNANIMOUS;
  g_assert_false (gloss_merge_strategy_from_string ("Majority", &strategy));
  g_assert_false (gloss_merge_strategy_from_string ("", &strategy));
  g_assert_false (gloss_merge_strategy_from_string ("unanimous ", &strategy));
  g_assert_false (gloss_merge_strategy_from_string (NULL, &strategy));
  g_assert_cmpint (strategy, ==, GLOSS_MERGE_UNANIMOUS);
}

static void
test_enum_strings (void)
{
  g_assert_nonnull (gloss_unit_status_to_string (GLOSS_UNIT_AGREED));
  g_assert_cmpstr (gloss_unit_status_to_string (GLOSS_UNIT_AGREED), !=,
                   gloss_unit_status_to_string (GLOSS_UNIT_MISSING));
  g_assert_cmpstr (gloss_unit_status_to_string (GLOSS_UNIT_ATTRIBUTES), !=,
                   gloss_unit_status_to_string (GLOSS_UNIT_MISSING));
  g_assert_nonnull (gloss_decision_to_string (GLOSS_DECISION_PENDING));
  g_assert_cmpstr (gloss_decision_to_string (GLOSS_DECISION_ACCEPTED), !=,
                   gloss_decision_to_string (GLOSS_DECISION_EDITED));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/review/agreed", test_agreed);
  g_test_add_func ("/review/label-differs", test_label_differs);
  g_test_add_func ("/review/bounds-differ", test_bounds_differ);
  g_test_add_func ("/review/touching-spans", test_touching_spans_not_aligned);
  g_test_add_func ("/review/missing", test_missing);
  g_test_add_func ("/review/kinds-never-mix", test_kinds_never_mix);
  g_test_add_func ("/review/one-version-per-annotator", test_one_version_per_annotator);
  g_test_add_func ("/review/ranking-ties", test_ranking_ties);
  g_test_add_func ("/review/three-annotators", test_three_annotators);
  g_test_add_func ("/review/orphans-ignored", test_orphans_ignored);
  g_test_add_func ("/review/empty", test_empty);
  g_test_add_func ("/review/determinism", test_determinism);
  g_test_add_func ("/review/collect-placed", test_collect_placed);
  g_test_add_func ("/review/attributes-differ", test_attributes_differ);
  g_test_add_func ("/review/pick-attributes", test_pick_attributes);
  g_test_add_func ("/review/enum-strings", test_enum_strings);

  g_test_add ("/adjudication/accept", Fixture, NULL, fixture_set_up, test_accept, fixture_tear_down);
  g_test_add ("/adjudication/accept-attributes", Fixture, NULL, fixture_set_up, test_accept_attributes,
              fixture_tear_down);
  g_test_add ("/adjudication/accept-picked-attributes", Fixture, NULL, fixture_set_up,
              test_accept_picked_attributes, fixture_tear_down);
  g_test_add ("/adjudication/accept-edited", Fixture, NULL, fixture_set_up, test_accept_edited, fixture_tear_down);
  g_test_add ("/adjudication/reject", Fixture, NULL, fixture_set_up, test_reject, fixture_tear_down);
  g_test_add ("/adjudication/undo-redo", Fixture, NULL, fixture_set_up, test_undo_redo, fixture_tear_down);
  g_test_add ("/adjudication/premerge", Fixture, NULL, fixture_set_up, test_premerge, fixture_tear_down);
  g_test_add ("/adjudication/premerge-one-step", Fixture, NULL, fixture_set_up, test_premerge_one_step, fixture_tear_down);
  g_test_add ("/adjudication/premerge-idempotent-duplicate", Fixture, NULL, fixture_set_up, test_premerge_idempotent_duplicate, fixture_tear_down);
  g_test_add ("/adjudication/premerge-idempotent-two-labels", Fixture, NULL, fixture_set_up, test_premerge_idempotent_two_labels, fixture_tear_down);
  g_test_add ("/adjudication/round-trip", Fixture, NULL, fixture_set_up, test_round_trip, fixture_tear_down);
  g_test_add ("/adjudication/read-only", Fixture, NULL, fixture_set_up, test_read_only, fixture_tear_down);
  g_test_add ("/adjudication/accept-without-version", Fixture, NULL, fixture_set_up, test_accept_without_version, fixture_tear_down);
  g_test_add ("/adjudication/gold-set-read-only-later", Fixture, NULL, fixture_set_up, test_gold_set_read_only_later, fixture_tear_down);
  g_test_add_func ("/adjudication/merge-strategy-from-string", test_merge_strategy_from_string);
  /* Last: the two cases below fail on bugs in gloss-adjudication.c (see
   * their comments), and an assertion ends the program. */
  g_test_add ("/adjudication/failed-decision", Fixture, NULL, fixture_set_up, test_failed_decision, fixture_tear_down);
  g_test_add ("/adjudication/round-trip-overlapping-units", Fixture, NULL, fixture_set_up, test_round_trip_overlapping_units, fixture_tear_down);

  return g_test_run ();
}
