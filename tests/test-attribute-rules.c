/* test-attribute-rules.c — which required attributes a span lacks and
 * which required fields an article lacks (gloss-attribute-rules.h), what
 * `gloss-cli stats` counts of them (gloss-attribute-counts.h), and the
 * corpus walk loading, for `validate`, a sidecar the reader finds clean
 * when its label set requires values
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "gloss.h"
#include "gloss-test-utils.h"

/* verdict (required) and checkworthy on every claim, form (required) on
 * the label "quote" only, a number on claims; topic (required, several
 * values) and stance for the article. */
static const char rules_file[] =
  "{\n"
  "  \"format\": \"gloss-labels\",\n"
  "  \"version\": 1,\n"
  "  \"labels\": [\n"
  "    { \"id\": \"claim\",  \"kind\": \"claim\" },\n"
  "    { \"id\": \"rumour\", \"kind\": \"claim\" },\n"
  "    { \"id\": \"quote\",  \"kind\": \"quote\" },\n"
  "    { \"id\": \"aside\",  \"kind\": \"quote\" },\n"
  "    { \"id\": \"person\", \"kind\": \"entity\" }\n"
  "  ],\n"
  "  \"attributes\": [\n"
  "    { \"id\": \"checkworthy\", \"type\": \"boolean\", \"applies_to\": [\"kind:claim\"] },\n"
  "    { \"id\": \"verdict\", \"name\": \"Verdict\", \"type\": \"choice\", \"required\": true,\n"
  "      \"applies_to\": [\"kind:claim\"],\n"
  "      \"values\": [ { \"id\": \"true\" }, { \"id\": \"mixed\" }, { \"id\": \"false\" } ] },\n"
  "    { \"id\": \"form\", \"name\": \"Form\", \"type\": \"choice\", \"required\": true,\n"
  "      \"applies_to\": [\"quote\"],\n"
  "      \"values\": [ { \"id\": \"direct\" }, { \"id\": \"indirect\" } ] },\n"
  "    { \"id\": \"source\", \"name\": \"Source\", \"type\": \"text\", \"required\": true,\n"
  "      \"applies_to\": [\"rumour\"] },\n"
  "    { \"id\": \"confidence\", \"type\": \"number\", \"applies_to\": [\"kind:claim\"], \"min\": 0, \"max\": 1 }\n"
  "  ],\n"
  "  \"document_labels\": [\n"
  "    { \"id\": \"topic\", \"name\": \"Topic\", \"type\": \"choice\", \"multiple\": true, \"required\": true,\n"
  "      \"values\": [ { \"id\": \"politics\" }, { \"id\": \"economy\" } ] },\n"
  "    { \"id\": \"stance\", \"name\": \"Stance\", \"type\": \"choice\",\n"
  "      \"values\": [ { \"id\": \"for\" }, { \"id\": \"against\" } ] },\n"
  "    { \"id\": \"reviewed\", \"name\": \"Reviewed\", \"type\": \"boolean\", \"required\": true }\n"
  "  ]\n"
  "}\n";

/* Nothing required, but attributes all the same. */
static const char optional_file[] =
  "{\n"
  "  \"format\": \"gloss-labels\",\n"
  "  \"version\": 1,\n"
  "  \"labels\": [ { \"id\": \"claim\", \"kind\": \"claim\" } ],\n"
  "  \"attributes\": [\n"
  "    { \"id\": \"verdict\", \"type\": \"choice\", \"applies_to\": [\"claim\"],\n"
  "      \"values\": [ { \"id\": \"true\" }, { \"id\": \"false\" } ] }\n"
  "  ]\n"
  "}\n";

/* Only an article field is required. */
static const char field_only_file[] =
  "{\n"
  "  \"format\": \"gloss-labels\",\n"
  "  \"version\": 1,\n"
  "  \"labels\": [ { \"id\": \"claim\", \"kind\": \"claim\" } ],\n"
  "  \"document_labels\": [ { \"id\": \"done-by\", \"type\": \"text\", \"required\": true } ]\n"
  "}\n";

static GlossLabelSet *
load_labels (const char *data)
{
  g_autoptr(GError) error = NULL;
  GlossLabelSet *set = gloss_label_set_new_from_data (data, -1, "gloss-labels.json", &error);

  g_assert_no_error (error);
  g_assert_nonnull (set);
  return set;
}

/* An annotation with attributes given as a GVariant text ("{'verdict':
 * <'true'>}"), or none for NULL. */
static GlossAnnotation *
annotation_with (const char *id,
                 const char *label,
                 const char *attributes)
{
  GlossAnnotation *annotation = gloss_annotation_new (id, label, 0, 3);

  if (attributes != NULL)
    {
      g_autoptr(GVariant) map = g_variant_ref_sink (g_variant_new_parsed (attributes));
      GVariantIter iter;
      const char *key;
      GVariant *value;

      g_variant_iter_init (&iter, map);
      while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
        {
          gloss_annotation_set_attribute (annotation, key, value);
          g_variant_unref (value);
        }
    }

  return annotation;
}

/* The ids of @attributes joined by commas: "verdict,source". */
static char *
join_ids (GPtrArray *attributes)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < attributes->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, gloss_attribute_get_id (g_ptr_array_index (attributes, i)));
    }

  return g_string_free (out, FALSE);
}

static void
assert_missing (GlossLabelSet   *labels,
                GlossAnnotation *annotation,
                const char      *expected)
{
  g_autoptr(GPtrArray) missing = gloss_label_set_dup_missing_attributes (labels, annotation);
  g_autofree char *ids = join_ids (missing);

  g_assert_cmpstr (ids, ==, expected);
  g_assert_cmpuint (gloss_label_set_count_missing_attributes (labels, annotation), ==, missing->len);
}

static void
test_value_is_set (void)
{
  const char *empty[] = { NULL };
  const char *one[] = { "politics", NULL };
  g_autoptr(GVariant) no_items = g_variant_ref_sink (g_variant_new_strv (empty, -1));
  g_autoptr(GVariant) an_item = g_variant_ref_sink (g_variant_new_strv (one, -1));
  g_autoptr(GVariant) no = g_variant_ref_sink (g_variant_new_boolean (FALSE));
  g_autoptr(GVariant) nothing = g_variant_ref_sink (g_variant_new_string (""));
  g_autoptr(GVariant) zero = g_variant_ref_sink (g_variant_new_double (0));

  g_assert_false (gloss_attribute_value_is_set (NULL));
  g_assert_false (gloss_attribute_value_is_set (no_items));
  g_assert_true (gloss_attribute_value_is_set (an_item));
  /* false, "" and 0 are values someone chose. */
  g_assert_true (gloss_attribute_value_is_set (no));
  g_assert_true (gloss_attribute_value_is_set (nothing));
  g_assert_true (gloss_attribute_value_is_set (zero));
}

/* The annotation list's filter by value (gloss_label_set_match_attribute):
 * a choice's id, one of a multiple choice's, true and false, a text;
 * "not set" only where the attribute applies. */
static void
test_match_attribute (void)
{
  g_autoptr(GlossLabelSet) labels = load_labels (rules_file);
  GlossAttribute *verdict = gloss_label_set_lookup_attribute (labels, "verdict");
  GlossAttribute *checkworthy = gloss_label_set_lookup_attribute (labels, "checkworthy");
  GlossAttribute *form = gloss_label_set_lookup_attribute (labels, "form");
  GlossAttribute *source = gloss_label_set_lookup_attribute (labels, "source");
  GlossAttribute *confidence = gloss_label_set_lookup_attribute (labels, "confidence");
  g_autoptr(GlossAnnotation) false_claim = annotation_with ("a", "claim",
                                                            "{'verdict': <'false'>, 'checkworthy': <false>}");
  g_autoptr(GlossAnnotation) true_claim = annotation_with ("b", "claim",
                                                           "{'verdict': <'true'>, 'checkworthy': <true>,"
                                                           " 'confidence': <0.5>}");
  g_autoptr(GlossAnnotation) bare_claim = annotation_with ("c", "claim", NULL);
  g_autoptr(GlossAnnotation) listed = annotation_with ("d", "claim", "{'verdict': <['mixed', 'false']>}");
  g_autoptr(GlossAnnotation) empty_list = annotation_with ("e", "claim", "{'verdict': <@as []>}");
  g_autoptr(GlossAnnotation) person = annotation_with ("f", "person", NULL);
  g_autoptr(GlossAnnotation) stray = annotation_with ("g", "person", "{'verdict': <'false'>}");
  g_autoptr(GlossAnnotation) rumour = annotation_with ("h", "rumour", "{'source': <'wire'>}");
  g_autoptr(GlossAnnotation) aside = annotation_with ("i", "aside", NULL);
  g_autoptr(GlossAnnotation) quote = annotation_with ("j", "quote", NULL);
  g_autoptr(GlossAnnotation) unknown = annotation_with ("k", "gossip", NULL);

  g_assert_nonnull (verdict);
  g_assert_nonnull (checkworthy);
  g_assert_nonnull (form);
  g_assert_nonnull (source);
  g_assert_nonnull (confidence);

  /* A choice: its value, not another, not by its name. */
  g_assert_true (gloss_label_set_match_attribute (labels, false_claim, verdict, "false"));
  g_assert_false (gloss_label_set_match_attribute (labels, false_claim, verdict, "true"));
  g_assert_false (gloss_label_set_match_attribute (labels, false_claim, verdict, "False"));
  g_assert_false (gloss_label_set_match_attribute (labels, bare_claim, verdict, "false"));
  /* A list (as a multiple choice stores it) holds each of its values. */
  g_assert_true (gloss_label_set_match_attribute (labels, listed, verdict, "mixed"));
  g_assert_true (gloss_label_set_match_attribute (labels, listed, verdict, "false"));
  g_assert_false (gloss_label_set_match_attribute (labels, listed, verdict, "true"));
  /* A boolean: "true" and "false"; false is a value, not "not set". */
  g_assert_true (gloss_label_set_match_attribute (labels, false_claim, checkworthy, "false"));
  g_assert_false (gloss_label_set_match_attribute (labels, false_claim, checkworthy, "true"));
  g_assert_true (gloss_label_set_match_attribute (labels, true_claim, checkworthy, "true"));
  g_assert_false (gloss_label_set_match_attribute (labels, false_claim, checkworthy, NULL));
  g_assert_false (gloss_label_set_match_attribute (labels, bare_claim, checkworthy, "false"));
  /* A text, as it is. */
  g_assert_true (gloss_label_set_match_attribute (labels, rumour, source, "wire"));
  g_assert_false (gloss_label_set_match_attribute (labels, rumour, source, "Wire"));
  /* A number holds no word. */
  g_assert_false (gloss_label_set_match_attribute (labels, true_claim, confidence, "0.5"));

  /* Not set: where the attribute applies (by kind, by label), whether it
   * is required or not; an empty list is not a value. */
  g_assert_true (gloss_label_set_match_attribute (labels, bare_claim, verdict, NULL));
  g_assert_true (gloss_label_set_match_attribute (labels, bare_claim, checkworthy, NULL));
  g_assert_true (gloss_label_set_match_attribute (labels, empty_list, verdict, NULL));
  g_assert_false (gloss_label_set_match_attribute (labels, false_claim, verdict, NULL));
  g_assert_true (gloss_label_set_match_attribute (labels, rumour, verdict, NULL));
  g_assert_false (gloss_label_set_match_attribute (labels, rumour, source, NULL));
  g_assert_false (gloss_label_set_match_attribute (labels, bare_claim, source, NULL));
  g_assert_true (gloss_label_set_match_attribute (labels, quote, form, NULL));
  g_assert_false (gloss_label_set_match_attribute (labels, aside, form, NULL));
  g_assert_false (gloss_label_set_match_attribute (labels, person, verdict, NULL));
  g_assert_false (gloss_label_set_match_attribute (labels, unknown, verdict, NULL));
  /* Without a label set nothing applies, but a value is still a value. */
  g_assert_false (gloss_label_set_match_attribute (NULL, bare_claim, verdict, NULL));
  g_assert_true (gloss_label_set_match_attribute (NULL, false_claim, verdict, "false"));
  /* A value where the attribute does not apply is what the file says. */
  g_assert_true (gloss_label_set_match_attribute (labels, stray, verdict, "false"));
}

static void
test_has_required (void)
{
  g_autoptr(GlossLabelSet) rules = load_labels (rules_file);
  g_autoptr(GlossLabelSet) optional = load_labels (optional_file);
  g_autoptr(GlossLabelSet) field_only = load_labels (field_only_file);
  g_autoptr(GlossLabelSet) builtin = gloss_label_set_get_builtin ();

  g_assert_true (gloss_label_set_has_required (rules));
  g_assert_true (gloss_label_set_has_required (field_only));
  g_assert_false (gloss_label_set_has_required (optional));
  g_assert_false (gloss_label_set_has_required (builtin));
  g_assert_false (gloss_label_set_has_required (NULL));
}

static void
test_missing_attributes (void)
{
  g_autoptr(GlossLabelSet) labels = load_labels (rules_file);
  g_autoptr(GlossLabelSet) optional = load_labels (optional_file);
  g_autoptr(GlossAnnotation) bare_claim = annotation_with ("a", "claim", NULL);
  g_autoptr(GlossAnnotation) done_claim = annotation_with ("b", "claim", "{'verdict': <'true'>}");
  g_autoptr(GlossAnnotation) other_only = annotation_with ("c", "claim",
                                                           "{'checkworthy': <true>, 'confidence': <0.5>}");
  g_autoptr(GlossAnnotation) bad_value = annotation_with ("d", "claim", "{'verdict': <'maybe'>}");
  g_autoptr(GlossAnnotation) wrong_type = annotation_with ("e", "claim", "{'verdict': <3.0>}");
  g_autoptr(GlossAnnotation) rumour = annotation_with ("f", "rumour", NULL);
  g_autoptr(GlossAnnotation) rumour_half = annotation_with ("g", "rumour", "{'source': <''>}");
  g_autoptr(GlossAnnotation) quote = annotation_with ("h", "quote", NULL);
  g_autoptr(GlossAnnotation) aside = annotation_with ("i", "aside", NULL);
  g_autoptr(GlossAnnotation) person = annotation_with ("j", "person", "{'verdict': <'true'>}");
  g_autoptr(GlossAnnotation) unknown = annotation_with ("k", "gossip", NULL);

  /* By kind ("kind:claim") and by label ("quote", "rumour"). */
  assert_missing (labels, bare_claim, "verdict");
  assert_missing (labels, done_claim, "");
  assert_missing (labels, other_only, "verdict");
  /* Set but not allowed: the reader says so; it is not also missing. */
  assert_missing (labels, bad_value, "");
  assert_missing (labels, wrong_type, "");
  /* Two missing, in the label set's order. */
  assert_missing (labels, rumour, "verdict,source");
  /* An empty text is a value. */
  assert_missing (labels, rumour_half, "verdict");
  assert_missing (labels, quote, "form");
  /* "form" applies to the label "quote", not to every quote. */
  assert_missing (labels, aside, "");
  assert_missing (labels, person, "");
  /* A label the set does not know has no attributes. */
  assert_missing (labels, unknown, "");
  /* No label set, or one that requires nothing. */
  assert_missing (NULL, bare_claim, "");
  assert_missing (optional, bare_claim, "");

  /* Setting the value completes the span; removing it undoes that. */
  gloss_annotation_set_attribute (bare_claim, "verdict", g_variant_new_string ("false"));
  assert_missing (labels, bare_claim, "");
  gloss_annotation_set_attribute (bare_claim, "verdict", NULL);
  assert_missing (labels, bare_claim, "verdict");
}

static void
test_missing_document_fields (void)
{
  g_autoptr(GlossLabelSet) labels = load_labels (rules_file);
  g_autoptr(GVariant) none = g_variant_ref_sink (g_variant_new_parsed ("@a{sv} {}"));
  g_autoptr(GVariant) some = g_variant_ref_sink (g_variant_new_parsed ("{'topic': <['politics']>, 'stance': <'for'>}"));
  g_autoptr(GVariant) all = g_variant_ref_sink (g_variant_new_parsed ("{'topic': <['politics']>, 'reviewed': <false>}"));
  /* An empty list is no value (docs/labels.md, "required"). */
  g_autoptr(GVariant) empty_list = g_variant_ref_sink (g_variant_new_parsed ("{'topic': <@as []>, 'reviewed': <true>}"));
  struct {
    GVariant   *fields;
    const char *missing;
  } cases[] = {
    { NULL, "topic,reviewed" },
    { none, "topic,reviewed" },
    { some, "reviewed" },
    { all, "" },
    { empty_list, "topic" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) missing = gloss_label_set_dup_missing_document_fields (labels, cases[i].fields);
      g_autofree char *ids = join_ids (missing);

      g_assert_cmpstr (ids, ==, cases[i].missing);
    }

  {
    g_autoptr(GPtrArray) missing = gloss_label_set_dup_missing_document_fields (NULL, NULL);

    g_assert_cmpuint (missing->len, ==, 0);
  }
}

static void
test_report (void)
{
  g_autoptr(GlossLabelSet) labels = load_labels (rules_file);
  g_autoptr(GlossLabelSet) optional = load_labels (optional_file);
  g_autoptr(GListStore) store = g_list_store_new (GLOSS_TYPE_ANNOTATION);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_problem_free);
  g_autoptr(GVariant) fields = g_variant_ref_sink (g_variant_new_parsed ("{'stance': <'for'>}"));
  const char *expected[] = {
    "x.alice.gloss.json: document_labels.topic: the required article field “Topic” is not set",
    "x.alice.gloss.json: document_labels.reviewed: the required article field “Reviewed” is not set",
    "x.alice.gloss.json: annotations[id=c-1].attributes.verdict: the required attribute “Verdict” is not set",
    "x.alice.gloss.json: annotations[id=r-1].attributes.verdict: the required attribute “Verdict” is not set",
    "x.alice.gloss.json: annotations[id=r-1].attributes.source: the required attribute “Source” is not set",
  };

  {
    g_autoptr(GlossAnnotation) c1 = annotation_with ("c-1", "claim", NULL);
    g_autoptr(GlossAnnotation) c2 = annotation_with ("c-2", "claim", "{'verdict': <'true'>}");
    g_autoptr(GlossAnnotation) r1 = annotation_with ("r-1", "rumour", NULL);

    g_list_store_append (store, c1);
    g_list_store_append (store, c2);
    g_list_store_append (store, r1);
  }

  gloss_label_set_report_missing_document_fields (labels, fields, "x.alice.gloss.json", problems);
  gloss_label_set_report_missing_attributes (labels, G_LIST_MODEL (store), "x.alice.gloss.json", problems);

  g_assert_cmpuint (problems->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < problems->len; i++)
    {
      const GlossProblem *problem = g_ptr_array_index (problems, i);
      g_autofree char *line = gloss_problem_to_string (problem);

      /* A warning: work in progress is not a broken file. */
      g_assert_cmpint (problem->severity, ==, GLOSS_SEVERITY_WARNING);
      g_assert_cmpstr (line, ==, expected[i]);
    }

  /* Nothing required, nothing said. */
  g_ptr_array_set_size (problems, 0);
  gloss_label_set_report_missing_document_fields (optional, NULL, NULL, problems);
  gloss_label_set_report_missing_attributes (optional, G_LIST_MODEL (store), NULL, problems);
  gloss_label_set_report_missing_attributes (NULL, G_LIST_MODEL (store), NULL, problems);
  g_assert_cmpuint (problems->len, ==, 0);
}

static char *
join_strv (char **strv)
{
  return g_strjoinv (",", strv);
}

static void
test_counts (void)
{
  g_autoptr(GlossLabelSet) labels = load_labels (rules_file);
  g_autoptr(GlossAttributeCounts) counts = gloss_attribute_counts_new ();
  const char *spans[][3] = {
    { "c-1", "claim", "{'verdict': <'true'>, 'checkworthy': <true>}" },
    { "c-2", "claim", "{'verdict': <'true'>, 'checkworthy': <false>, 'confidence': <0.5>}" },
    { "c-3", "claim", "{'verdict': <'maybe'>}" },           /* undeclared value */
    { "c-4", "claim", NULL },                               /* verdict missing */
    { "r-1", "rumour", "{'source': <'radio'>}" },           /* verdict missing */
    { "r-2", "rumour", NULL },                              /* verdict and source missing */
    { "q-1", "quote", "{'form': <'direct'>}" },
    { "q-2", "quote", "{'zeal': <'high'>, 'tags': <['x', 'y']>, 'flag': <true>}" },  /* undeclared; form missing */
    { "p-1", "person", NULL },
  };
  g_autoptr(GVariant) fields_1 = g_variant_ref_sink (g_variant_new_parsed ("{'topic': <['politics', 'economy']>, 'reviewed': <true>}"));
  g_autoptr(GVariant) fields_2 = g_variant_ref_sink (g_variant_new_parsed ("{'topic': <['economy']>, 'stance': <'for'>}"));
  g_auto(GStrv) ids = NULL;
  g_auto(GStrv) verdicts = NULL;
  g_auto(GStrv) checkworthy = NULL;
  g_auto(GStrv) sources = NULL;
  g_auto(GStrv) topics = NULL;
  g_auto(GStrv) field_ids = NULL;
  g_auto(GStrv) zeal = NULL;
  g_auto(GStrv) tags = NULL;
  g_auto(GStrv) flag = NULL;
  g_autofree char *joined = NULL;

  gloss_attribute_counts_add_label_set (counts, labels);
  gloss_attribute_counts_add_label_set (counts, labels);  /* twice: the same */
  for (guint i = 0; i < G_N_ELEMENTS (spans); i++)
    {
      g_autoptr(GlossAnnotation) annotation = annotation_with (spans[i][0], spans[i][1], spans[i][2]);

      gloss_attribute_counts_add_annotation (counts, labels, annotation);
    }
  gloss_attribute_counts_add_document_labels (counts, labels, fields_1);
  gloss_attribute_counts_add_document_labels (counts, labels, fields_2);
  gloss_attribute_counts_add_document_labels (counts, labels, NULL);

  /* Every declared id (confidence: no span... one) and every one seen,
   * sorted. */
  ids = gloss_attribute_counts_dup_ids (counts, GLOSS_ATTRIBUTE_SCOPE_SPANS);
  joined = join_strv (ids);
  g_assert_cmpstr (joined, ==, "checkworthy,confidence,flag,form,source,tags,verdict,zeal");
  g_clear_pointer (&joined, g_free);

  g_assert_cmpuint (gloss_attribute_counts_get_n_set (counts, GLOSS_ATTRIBUTE_SCOPE_SPANS, "verdict"), ==, 3);
  g_assert_cmpuint (gloss_attribute_counts_get_n_missing (counts, GLOSS_ATTRIBUTE_SCOPE_SPANS, "verdict"), ==, 3);
  g_assert_true (gloss_attribute_counts_get_required (counts, GLOSS_ATTRIBUTE_SCOPE_SPANS, "verdict"));
  g_assert_false (gloss_attribute_counts_get_required (counts, GLOSS_ATTRIBUTE_SCOPE_SPANS, "checkworthy"));

  /* A choice's values in the label set's order, then others sorted. */
  verdicts = gloss_attribute_counts_dup_values (counts, GLOSS_ATTRIBUTE_SCOPE_SPANS, "verdict");
  joined = join_strv (verdicts);
  g_assert_cmpstr (joined, ==, "true,mixed,false,maybe");
  g_clear_pointer (&joined, g_free);
  g_assert_cmpuint (gloss_attribute_counts_get_n_value (counts, GLOSS_ATTRIBUTE_SCOPE_SPANS, "verdict", "true"), ==, 2);
  g_assert_cmpuint (gloss_attribute_counts_get_n_value (counts, GLOSS_ATTRIBUTE_SCOPE_SPANS, "verdict", "mixed"), ==, 0);
  g_assert_cmpuint (gloss_attribute_counts_get_n_value (counts, GLOSS_ATTRIBUTE_SCOPE_SPANS, "verdict", "maybe"), ==, 1);

  /* A boolean: true, then false. */
  checkworthy = gloss_attribute_counts_dup_values (counts, GLOSS_ATTRIBUTE_SCOPE_SPANS, "checkworthy");
  joined = join_strv (checkworthy);
  g_assert_cmpstr (joined, ==, "true,false");
  g_clear_pointer (&joined, g_free);
  g_assert_cmpuint (gloss_attribute_counts_get_n_value (counts, GLOSS_ATTRIBUTE_SCOPE_SPANS, "checkworthy", "false"), ==, 1);

  /* A text is counted, not tallied by value. */
  sources = gloss_attribute_counts_dup_values (counts, GLOSS_ATTRIBUTE_SCOPE_SPANS, "source");
  g_assert_cmpuint (g_strv_length (sources), ==, 0);
  g_assert_cmpuint (gloss_attribute_counts_get_n_set (counts, GLOSS_ATTRIBUTE_SCOPE_SPANS, "source"), ==, 1);
  g_assert_cmpuint (gloss_attribute_counts_get_n_missing (counts, GLOSS_ATTRIBUTE_SCOPE_SPANS, "source"), ==, 1);
  g_assert_cmpuint (gloss_attribute_counts_get_n_set (counts, GLOSS_ATTRIBUTE_SCOPE_SPANS, "confidence"), ==, 1);
  g_assert_cmpuint (gloss_attribute_counts_get_n_missing (counts, GLOSS_ATTRIBUTE_SCOPE_SPANS, "form"), ==, 1);

  /* Undeclared: a string may be free text (not tallied); a list's items
   * and a boolean are. */
  zeal = gloss_attribute_counts_dup_values (counts, GLOSS_ATTRIBUTE_SCOPE_SPANS, "zeal");
  tags = gloss_attribute_counts_dup_values (counts, GLOSS_ATTRIBUTE_SCOPE_SPANS, "tags");
  flag = gloss_attribute_counts_dup_values (counts, GLOSS_ATTRIBUTE_SCOPE_SPANS, "flag");
  g_assert_cmpuint (g_strv_length (zeal), ==, 0);
  g_assert_cmpuint (gloss_attribute_counts_get_n_set (counts, GLOSS_ATTRIBUTE_SCOPE_SPANS, "zeal"), ==, 1);
  joined = join_strv (tags);
  g_assert_cmpstr (joined, ==, "x,y");
  g_clear_pointer (&joined, g_free);
  joined = join_strv (flag);
  g_assert_cmpstr (joined, ==, "true");
  g_clear_pointer (&joined, g_free);

  /* c-4, r-1, r-2, q-2 lack something. */
  g_assert_cmpuint (gloss_attribute_counts_get_n_incomplete (counts, GLOSS_ATTRIBUTE_SCOPE_SPANS), ==, 4);

  /* The article's fields, over three sidecars. */
  field_ids = gloss_attribute_counts_dup_ids (counts, GLOSS_ATTRIBUTE_SCOPE_ARTICLE);
  joined = join_strv (field_ids);
  g_assert_cmpstr (joined, ==, "reviewed,stance,topic");
  g_clear_pointer (&joined, g_free);
  g_assert_cmpuint (gloss_attribute_counts_get_n_set (counts, GLOSS_ATTRIBUTE_SCOPE_ARTICLE, "topic"), ==, 2);
  topics = gloss_attribute_counts_dup_values (counts, GLOSS_ATTRIBUTE_SCOPE_ARTICLE, "topic");
  joined = join_strv (topics);
  g_assert_cmpstr (joined, ==, "politics,economy");
  g_clear_pointer (&joined, g_free);
  g_assert_cmpuint (gloss_attribute_counts_get_n_value (counts, GLOSS_ATTRIBUTE_SCOPE_ARTICLE, "topic", "economy"), ==, 2);
  g_assert_cmpuint (gloss_attribute_counts_get_n_missing (counts, GLOSS_ATTRIBUTE_SCOPE_ARTICLE, "topic"), ==, 1);
  g_assert_cmpuint (gloss_attribute_counts_get_n_missing (counts, GLOSS_ATTRIBUTE_SCOPE_ARTICLE, "reviewed"), ==, 2);
  g_assert_cmpuint (gloss_attribute_counts_get_n_missing (counts, GLOSS_ATTRIBUTE_SCOPE_ARTICLE, "stance"), ==, 0);
  g_assert_cmpuint (gloss_attribute_counts_get_n_incomplete (counts, GLOSS_ATTRIBUTE_SCOPE_ARTICLE), ==, 2);

  /* The scopes are apart, and an id never counted reads 0. */
  g_assert_cmpuint (gloss_attribute_counts_get_n_set (counts, GLOSS_ATTRIBUTE_SCOPE_ARTICLE, "verdict"), ==, 0);
  g_assert_cmpuint (gloss_attribute_counts_get_n_value (counts, GLOSS_ATTRIBUTE_SCOPE_SPANS, "nothing", "x"), ==, 0);
}

static void
test_counts_without_labels (void)
{
  g_autoptr(GlossAttributeCounts) counts = gloss_attribute_counts_new ();
  g_autoptr(GlossAnnotation) annotation = annotation_with ("a", "claim", "{'verdict': <'true'>}");
  g_auto(GStrv) ids = NULL;
  g_auto(GStrv) values = NULL;

  gloss_attribute_counts_add_label_set (counts, NULL);
  gloss_attribute_counts_add_annotation (counts, NULL, annotation);
  gloss_attribute_counts_add_document_labels (counts, NULL, NULL);

  ids = gloss_attribute_counts_dup_ids (counts, GLOSS_ATTRIBUTE_SCOPE_SPANS);
  g_assert_cmpuint (g_strv_length (ids), ==, 1);
  g_assert_cmpuint (gloss_attribute_counts_get_n_set (counts, GLOSS_ATTRIBUTE_SCOPE_SPANS, "verdict"), ==, 1);
  /* Nothing says it is a choice. */
  values = gloss_attribute_counts_dup_values (counts, GLOSS_ATTRIBUTE_SCOPE_SPANS, "verdict");
  g_assert_cmpuint (g_strv_length (values), ==, 0);
  g_assert_cmpuint (gloss_attribute_counts_get_n_incomplete (counts, GLOSS_ATTRIBUTE_SCOPE_SPANS), ==, 0);
  g_assert_cmpuint (gloss_attribute_counts_get_n_incomplete (counts, GLOSS_ATTRIBUTE_SCOPE_ARTICLE), ==, 0);
}

/* The corpus walk for `validate` ------------------------------------ */

static const char article_text[] = "Ada said the sky is green.\n";

/* A sidecar the reader finds clean: one claim, no attributes. */
static char *
clean_sidecar (void)
{
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, article_text, -1);

  return g_strdup_printf ("{\n"
                          "  \"format\": \"gloss\",\n"
                          "  \"version\": 1,\n"
                          "  \"document\": { \"file\": \"a.txt\", \"sha256\": \"%s\", \"length\": %ld },\n"
                          "  \"annotator\": { \"id\": \"alice\" },\n"
                          "  \"annotations\": [\n"
                          "    { \"id\": \"c-1\", \"label\": \"claim\", \"start\": 9, \"end\": 25,\n"
                          "      \"exact\": \"the sky is green\" }\n"
                          "  ],\n"
                          "  \"relations\": []\n"
                          "}\n",
                          hash, g_utf8_strlen (article_text, -1));
}

static gboolean
record_state (const GlossCorpusWalkArticle *item,
              gpointer                      user_data,
              GError                      **error)
{
  GlossSidecarState *state = user_data;

  g_assert_cmpuint (item->sidecars->len, ==, 1);
  *state = gloss_sidecar_get_state (g_ptr_array_index (item->sidecars, 0));
  return TRUE;
}

/* What the walk hands on for the sidecar, with @labels_file beside it. */
static GlossSidecarState
walk_skip_clean (const char *labels_file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gloss-test-attribute-rules-XXXXXX", &error);
  g_autofree char *article = g_build_filename (dir, "a.txt", NULL);
  g_autofree char *sidecar = g_build_filename (dir, "a.txt.alice.gloss.json", NULL);
  g_autofree char *labels = g_build_filename (dir, "gloss-labels.json", NULL);
  g_autofree char *contents = clean_sidecar ();
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GFile) sidecar_file = NULL;
  g_autoptr(GFile) article_file = NULL;
  g_autoptr(GlossCorpus) corpus = gloss_corpus_new ();
  g_autoptr(GlossCorpusWalk) walk = NULL;
  g_autoptr(GlossLabelSet) label_set = NULL;
  g_autoptr(GlossDocument) document = NULL;
  GlossSidecarState state = GLOSS_SIDECAR_STATE_FAILED;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (article, article_text, -1, NULL));
  g_assert_true (g_file_set_contents (sidecar, contents, -1, NULL));
  g_assert_true (g_file_set_contents (labels, labels_file, -1, NULL));

  /* The reader finds nothing to say: only the label set decides. */
  label_set = load_labels (labels_file);
  article_file = g_file_new_for_path (article);
  document = gloss_document_new_from_file (article_file, NULL, &error);
  g_assert_no_error (error);
  sidecar_file = g_file_new_for_path (sidecar);
  g_assert_true (gloss_sidecar_check_clean (sidecar_file, document, label_set));

  folder = g_file_new_for_path (dir);
  g_assert_true (gloss_corpus_add_path (corpus, folder, NULL, &error));
  g_assert_no_error (error);
  walk = gloss_corpus_walk_new (corpus, GLOSS_CORPUS_WALK_SKIP_CLEAN);
  gloss_corpus_walk_set_article_func (walk, record_state, &state, NULL);
  g_assert_true (gloss_corpus_walk_run (walk, NULL, &error));
  g_assert_no_error (error);

  gloss_test_remove_tree (dir);
  return state;
}

static void
test_walk_loads_incomplete (void)
{
  /* Clean and nothing required: handed on unloaded, as before. */
  g_assert_cmpint (walk_skip_clean (optional_file), ==, GLOSS_SIDECAR_STATE_NEW);
  /* Clean, but the label set requires a verdict the claim lacks, or a
   * field of the article: loaded, so that validate can say so. */
  g_assert_cmpint (walk_skip_clean (rules_file), ==, GLOSS_SIDECAR_STATE_LOADED);
  g_assert_cmpint (walk_skip_clean (field_only_file), ==, GLOSS_SIDECAR_STATE_LOADED);
}

/* The one rule both importers judge a value by. */
static void
test_check_attribute_value (void)
{
  g_autoptr(GlossLabelSet) labels = load_labels (rules_file);
  g_autoptr(GVariant) yes = g_variant_ref_sink (g_variant_new_boolean (TRUE));
  g_autoptr(GVariant) maybe = g_variant_ref_sink (g_variant_new_string ("maybe"));
  g_autoptr(GVariant) politics = g_variant_ref_sink (g_variant_new_strv ((const char *[]) { "politics" }, 1));
  GlossAttribute *attribute = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (gloss_label_set_check_attribute_value (labels, "checkworthy", FALSE, "claim", yes,
                                                          &attribute, NULL), ==, GLOSS_ATTRIBUTE_VALUE_ALLOWED);
  g_assert_nonnull (attribute);
  g_assert_cmpint (gloss_label_set_check_attribute_value (labels, "colour", FALSE, "claim", yes,
                                                          &attribute, NULL), ==, GLOSS_ATTRIBUTE_VALUE_UNDECLARED);
  g_assert_null (attribute);
  /* A field is not an attribute, nor the other way round. */
  g_assert_cmpint (gloss_label_set_check_attribute_value (labels, "topic", FALSE, NULL, politics,
                                                          NULL, NULL), ==, GLOSS_ATTRIBUTE_VALUE_UNDECLARED);
  g_assert_cmpint (gloss_label_set_check_attribute_value (labels, "topic", TRUE, NULL, politics,
                                                          NULL, NULL), ==, GLOSS_ATTRIBUTE_VALUE_ALLOWED);
  /* On a known label it does not apply to; an unknown label is not judged. */
  g_assert_cmpint (gloss_label_set_check_attribute_value (labels, "checkworthy", FALSE, "person", yes,
                                                          NULL, NULL), ==, GLOSS_ATTRIBUTE_VALUE_NOT_APPLICABLE);
  g_assert_cmpint (gloss_label_set_check_attribute_value (labels, "checkworthy", FALSE, "gossip", yes,
                                                          NULL, NULL), ==, GLOSS_ATTRIBUTE_VALUE_ALLOWED);
  g_assert_cmpint (gloss_label_set_check_attribute_value (labels, "verdict", FALSE, "claim", maybe,
                                                          NULL, &error), ==, GLOSS_ATTRIBUTE_VALUE_NOT_ALLOWED);
  g_assert_nonnull (error);
}

/* Edit Attributes has something to show for a span whose label has
 * attributes, or one that holds values kept from another label. */
static void
test_offers_attributes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossLabelSet) labels = gloss_label_set_new_from_data (rules_file, -1, "rules.json", &error);
  g_autoptr(GlossAnnotation) claim = annotation_with ("a-1", "claim", NULL);
  g_autoptr(GlossAnnotation) person = annotation_with ("a-2", "person", NULL);
  g_autoptr(GlossAnnotation) relabelled = annotation_with ("a-3", "person", "{'verdict': <'false'>}");

  g_assert_no_error (error);
  g_assert_true (gloss_label_set_offers_attributes (labels, claim));
  g_assert_false (gloss_label_set_offers_attributes (labels, person));
  g_assert_true (gloss_label_set_offers_attributes (labels, relabelled));
  g_assert_true (gloss_label_set_offers_attributes (NULL, relabelled));
  g_assert_false (gloss_label_set_offers_attributes (NULL, claim));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/attribute-rules/value-is-set", test_value_is_set);
  g_test_add_func ("/attribute-rules/offers-attributes", test_offers_attributes);
  g_test_add_func ("/attribute-rules/has-required", test_has_required);
  g_test_add_func ("/attribute-rules/match-attribute", test_match_attribute);
  g_test_add_func ("/attribute-rules/check-attribute-value", test_check_attribute_value);
  g_test_add_func ("/attribute-rules/missing-attributes", test_missing_attributes);
  g_test_add_func ("/attribute-rules/missing-document-fields", test_missing_document_fields);
  g_test_add_func ("/attribute-rules/report", test_report);
  g_test_add_func ("/attribute-rules/counts", test_counts);
  g_test_add_func ("/attribute-rules/counts-without-labels", test_counts_without_labels);
  g_test_add_func ("/attribute-rules/walk-loads-incomplete", test_walk_loads_incomplete);

  return g_test_run ();
}
