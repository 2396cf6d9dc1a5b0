/* test-sidecar-attributes.c — the sidecar's "attributes" of a span,
 * "document_labels" of the article and relation types the label set
 * declares: kept, located warnings, canonical output, copy on write
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>

#include "gloss.h"
#include "gloss-annotation-private.h"
#include "gloss-sidecar-check.h"
#include "gloss-sidecar-private.h"
#include "gloss-test-utils.h"

static const char article_text[] = "Alice said the sky is green. Bob agreed.\n";

static const char labels_json[] =
  "{ \"format\": \"gloss-labels\", \"version\": 1,\n"
  "  \"labels\": [\n"
  "    { \"id\": \"claim\", \"kind\": \"claim\", \"color\": \"#e5a50a\", \"key\": \"c\" },\n"
  "    { \"id\": \"person\", \"kind\": \"entity\", \"color\": \"#c061cb\", \"key\": \"p\" } ],\n"
  "  \"relations\": [ { \"type\": \"speaker\", \"key\": \"s\", \"from\": [\"claim\"], \"to\": [\"person\"] } ],\n"
  "  \"attributes\": [\n"
  "    { \"id\": \"checkworthy\", \"type\": \"boolean\", \"applies_to\": [\"kind:claim\"] },\n"
  "    { \"id\": \"verdict\", \"type\": \"choice\", \"applies_to\": [\"kind:claim\"],\n"
  "      \"values\": [ { \"id\": \"true\" }, { \"id\": \"false\" } ] },\n"
  "    { \"id\": \"score\", \"type\": \"number\", \"applies_to\": [\"claim\"], \"min\": 0, \"max\": 10 },\n"
  "    { \"id\": \"tags\", \"type\": \"choice\", \"multiple\": true, \"applies_to\": [\"claim\"],\n"
  "      \"values\": [ { \"id\": \"health\" }, { \"id\": \"sky\" } ] },\n"
  "    { \"id\": \"wikidata\", \"type\": \"text\", \"applies_to\": [\"kind:entity\"], \"pattern\": \"Q[0-9]+\" } ],\n"
  "  \"document_labels\": [\n"
  "    { \"id\": \"stance\", \"type\": \"choice\", \"values\": [ { \"id\": \"for\" }, { \"id\": \"against\" } ] },\n"
  "    { \"id\": \"topic\", \"type\": \"choice\", \"multiple\": true,\n"
  "      \"values\": [ { \"id\": \"science\" }, { \"id\": \"politics\" } ] } ] }\n";

/* Canonical: written back byte for byte. %s: the article's hash. */
static const char canonical_format[] =
  "{\n"
  "  \"format\": \"gloss\",\n"
  "  \"version\": 1,\n"
  "  \"document\": {\n"
  "    \"file\": \"sky.txt\",\n"
  "    \"sha256\": \"%s\",\n"
  "    \"length\": 41\n"
  "  },\n"
  "  \"annotator\": {\n"
  "    \"id\": \"alice\",\n"
  "    \"name\": \"\"\n"
  "  },\n"
  "  \"document_labels\": {\n"
  "    \"stance\": \"against\",\n"
  "    \"topic\": [\n"
  "      \"science\",\n"
  "      \"politics\"\n"
  "    ]\n"
  "  },\n"
  "  \"annotations\": [\n"
  "    {\n"
  "      \"id\": \"a-1\",\n"
  "      \"label\": \"person\",\n"
  "      \"start\": 0,\n"
  "      \"end\": 5,\n"
  "      \"exact\": \"Alice\",\n"
  "      \"prefix\": \"\",\n"
  "      \"suffix\": \" said the sky is gre\",\n"
  "      \"note\": \"\",\n"
  "      \"attributes\": {\n"
  "        \"wikidata\": \"Q42\"\n"
  "      }\n"
  "    },\n"
  "    {\n"
  "      \"id\": \"a-2\",\n"
  "      \"label\": \"claim\",\n"
  "      \"start\": 11,\n"
  "      \"end\": 27,\n"
  "      \"exact\": \"the sky is green\",\n"
  "      \"prefix\": \"Alice said \",\n"
  "      \"suffix\": \". Bob agreed.\\n\",\n"
  "      \"note\": \"\",\n"
  "      \"attributes\": {\n"
  "        \"checkworthy\": true,\n"
  "        \"score\": 7.5,\n"
  "        \"tags\": [\n"
  "          \"sky\",\n"
  "          \"health\"\n"
  "        ],\n"
  "        \"verdict\": \"false\"\n"
  "      },\n"
  "      \"x-tool\": {\n"
  "        \"n\": 1\n"
  "      }\n"
  "    }\n"
  "  ],\n"
  "  \"relations\": [\n"
  "    {\n"
  "      \"id\": \"r-1\",\n"
  "      \"type\": \"speaker\",\n"
  "      \"from\": \"a-2\",\n"
  "      \"to\": \"a-1\"\n"
  "    }\n"
  "  ]\n"
  "}\n";

typedef struct
{
  char          *dir;
  GlossDocument *document;
  GlossLabelSet *labels;
  GFile         *sidecar_file;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *article_path = NULL;
  g_autofree char *sidecar_path = NULL;
  g_autoptr(GFile) article = NULL;

  f->dir = g_dir_make_tmp ("gloss-test-sidecar-attributes-XXXXXX", &error);
  g_assert_no_error (error);

  article_path = g_build_filename (f->dir, "sky.txt", NULL);
  g_file_set_contents (article_path, article_text, -1, &error);
  g_assert_no_error (error);
  article = g_file_new_for_path (article_path);
  f->document = gloss_document_new_from_file (article, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_document_get_length (f->document), ==, 41);

  f->labels = gloss_label_set_new_from_data (labels_json, -1, "gloss-labels.json", &error);
  g_assert_no_error (error);

  sidecar_path = g_build_filename (f->dir, "sky.txt.alice.gloss.json", NULL);
  f->sidecar_file = g_file_new_for_path (sidecar_path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gloss_test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
  g_clear_object (&f->document);
  g_clear_object (&f->labels);
  g_clear_object (&f->sidecar_file);
}

static char *
canonical_text (Fixture *f)
{
  return g_strdup_printf (canonical_format, gloss_document_get_sha256 (f->document));
}

/* @text written to the sidecar file and loaded with the label set. */
static GlossSidecar *
load_text (Fixture    *f,
           const char *text,
           gboolean    expect_ok)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (f->sidecar_file);
  GlossSidecar *sidecar;
  gboolean ok;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);

  sidecar = gloss_sidecar_new (f->sidecar_file, f->document);
  ok = gloss_sidecar_load (sidecar, f->labels, NULL, &error);
  if (expect_ok)
    g_assert_no_error (error);
  else
    g_assert_nonnull (error);
  g_assert_cmpint (ok, ==, expect_ok);

  /* gloss-cli validate and the corpus's check ask this: it must agree. */
  g_assert_cmpint (gloss_sidecar_check_clean (f->sidecar_file, f->document, f->labels), ==,
                   ok && gloss_sidecar_get_problems (sidecar)->len == 0);
  return sidecar;
}

static char *
bytes_to_string (GBytes *bytes)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  return g_strndup (data, size);
}

/* Both writers, which must agree byte for byte. */
static char *
serialize (GlossSidecar *sidecar)
{
  g_autoptr(GBytes) streamed = gloss_sidecar_serialize (sidecar);
  g_autoptr(GBytes) tree = gloss_sidecar_serialize_tree (sidecar);
  g_autofree char *tree_text = bytes_to_string (tree);
  char *text = bytes_to_string (streamed);

  g_assert_cmpstr (text, ==, tree_text);
  return text;
}

/* The problems as "SEVERITY LOCATION: MESSAGE" lines. */
static char *
problem_lines (GlossSidecar *sidecar)
{
  GPtrArray *problems = gloss_sidecar_get_problems (sidecar);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < problems->len; i++)
    {
      const GlossProblem *problem = g_ptr_array_index (problems, i);

      g_string_append_printf (out, "%s %s: %s\n", gloss_severity_to_string (problem->severity),
                              problem->location ? problem->location : "-", problem->message);
    }

  return g_string_free (out, FALSE);
}

static char *
replace (const char *text,
         const char *old,
         const char *new)
{
  const char *at = strstr (text, old);

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, new, at + strlen (old));
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *text = canonical_text (f);
  g_autoptr(GlossSidecar) sidecar = load_text (f, text, TRUE);
  GlossAnnotationSet *set = gloss_sidecar_get_annotations (sidecar);
  GlossAnnotation *claim = gloss_annotation_set_lookup (set, "a-2");
  g_autofree char *saved = NULL;
  g_autofree char *problems = problem_lines (sidecar);
  g_autoptr(GVariant) verdict = NULL;
  g_autoptr(GVariant) score = NULL;
  g_autoptr(GVariant) stance = NULL;
  g_auto(GStrv) ids = NULL;
  const char *tags[] = { "sky", "health", NULL };

  g_assert_cmpstr (problems, ==, "");

  verdict = gloss_annotation_get_attribute (claim, "verdict");
  g_assert_cmpstr (g_variant_get_string (verdict, NULL), ==, "false");
  score = gloss_annotation_get_attribute (claim, "score");
  g_assert_cmpfloat (g_variant_get_double (score), ==, 7.5);
  g_assert_null (gloss_annotation_get_attribute (claim, "wikidata"));
  ids = gloss_annotation_dup_attribute_ids (claim);
  g_assert_cmpstrv (ids, ((const char *[]) { "checkworthy", "score", "tags", "verdict", NULL }));
  {
    g_autoptr(GVariant) value = gloss_annotation_get_attribute (claim, "tags");
    g_autofree const char **strv = g_variant_get_strv (value, NULL);
    g_assert_cmpstrv (strv, tags);
  }

  stance = gloss_sidecar_get_document_label (sidecar, "stance");
  g_assert_cmpstr (g_variant_get_string (stance, NULL), ==, "against");
  g_assert_null (gloss_sidecar_get_document_label (sidecar, "nothing"));
  g_assert_false (gloss_sidecar_is_dirty (sidecar));

  saved = serialize (sidecar);
  g_assert_cmpstr (saved, ==, text);
}

/* Keys out of order and integers come back canonical: sorted, as read. */
static void
test_sorted_on_save (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *canonical = canonical_text (f);
  g_autofree char *shuffled = replace (canonical,
    "        \"checkworthy\": true,\n"
    "        \"score\": 7.5,\n",
    "        \"score\": 7.5,\n"
    "        \"checkworthy\": true,\n");
  g_autofree char *shuffled2 = replace (shuffled,
    "    \"stance\": \"against\",\n"
    "    \"topic\": [\n"
    "      \"science\",\n"
    "      \"politics\"\n"
    "    ]\n",
    "    \"topic\": [\n"
    "      \"science\",\n"
    "      \"politics\"\n"
    "    ],\n"
    "    \"stance\": \"against\"\n");
  g_autoptr(GlossSidecar) sidecar = load_text (f, shuffled2, TRUE);
  g_autofree char *saved = serialize (sidecar);

  g_assert_cmpstr (saved, ==, canonical);
}

typedef struct
{
  const char *old;
  const char *new;
  const char *problem;  /* a line of problem_lines(), or its start */
} Case;

/* Values the label set does not declare or allow: kept, each a warning
 * at its place; the file saves unchanged. */
static const Case warning_cases[] = {
  { "        \"verdict\": \"false\"\n", "        \"verdict\": \"maybe\"\n",
    "warning annotations[1].attributes.verdict: " },
  { "        \"verdict\": \"false\"\n", "        \"verdict\": \"false\",\n        \"zeal\": 3\n",
    "warning annotations[1].attributes.zeal: “zeal” is not an attribute of the label set; kept\n" },
  { "        \"wikidata\": \"Q42\"\n", "        \"verdict\": \"true\"\n",
    "warning annotations[0].attributes.verdict: the attribute “verdict” does not apply to the label “person”; kept\n" },
  { "        \"wikidata\": \"Q42\"\n", "        \"wikidata\": \"42\"\n",
    "warning annotations[0].attributes.wikidata: " },
  { "        \"score\": 7.5,\n", "        \"score\": 11,\n",
    "warning annotations[1].attributes.score: " },
  { "        \"checkworthy\": true,\n", "        \"checkworthy\": \"yes\",\n",
    "warning annotations[1].attributes.checkworthy: " },
  { "    \"stance\": \"against\",\n", "    \"stance\": \"against\",\n    \"sz\": true,\n",
    "warning document_labels.sz: “sz” is not an article field of the label set; kept\n" },
  { "    \"stance\": \"against\",\n", "    \"stance\": \"neutral\",\n",
    "warning document_labels.stance: " },
  { "      \"type\": \"speaker\",\n", "      \"type\": \"supports\",\n",
    "warning relations[0].type: “supports” is not a relation type of the label set; kept\n" },
};

static void
test_warnings (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *canonical = canonical_text (f);

  for (guint i = 0; i < G_N_ELEMENTS (warning_cases); i++)
    {
      const Case *c = &warning_cases[i];
      g_autofree char *text = replace (canonical, c->old, c->new);
      g_autoptr(GlossSidecar) sidecar = NULL;
      g_autofree char *problems = NULL;
      g_autofree char *saved = NULL;

      g_test_message ("case %u: %s", i, c->new);
      sidecar = load_text (f, text, TRUE);
      problems = problem_lines (sidecar);
      g_assert_true (g_str_has_prefix (problems, c->problem));
      /* One problem only, one line. */
      g_assert_cmpuint (gloss_sidecar_get_problems (sidecar)->len, ==, 1);
      saved = serialize (sidecar);
      g_assert_cmpstr (saved, ==, text);
    }
}

/* A value no attribute can have (null, an object, a list of other things)
 * is malformed like any member of the wrong type: an error, read-only. */
static const Case error_cases[] = {
  { "        \"verdict\": \"false\"\n", "        \"verdict\": null\n",
    "error annotations[1].attributes.verdict: expected true, false, a string, a number or a list of strings, not null\n" },
  { "        \"verdict\": \"false\"\n", "        \"verdict\": {}\n",
    "error annotations[1].attributes.verdict: " },
  { "        \"verdict\": \"false\"\n", "        \"verdict\": [\"a\", 1]\n",
    "error annotations[1].attributes.verdict: " },
  { "      \"attributes\": {\n        \"wikidata\": \"Q42\"\n      }\n",
    "      \"attributes\": [\"Q42\"]\n",
    "error annotations[0].attributes: must be an object, not an array\n" },
  /* The JSON reader refuses it already. */
  { "        \"score\": 7.5,\n", "        \"score\": 1e999,\n",
    "error line 45, column 18: not valid JSON: a number too large" },
  { "        \"score\": 7.5,\n", "        \"\": 7.5,\n",
    "error annotations[1].attributes.: " },
  { "    \"stance\": \"against\",\n", "    \"stance\": null,\n",
    "error document_labels.stance: " },
  { "  \"document_labels\": {\n", "  \"document_labels\": 3, \"x\": {\n",
    "error document_labels: must be an object, not a number\n" },
};

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *canonical = canonical_text (f);

  for (guint i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      const Case *c = &error_cases[i];
      g_autofree char *text = replace (canonical, c->old, c->new);
      g_autoptr(GlossSidecar) sidecar = NULL;
      g_autofree char *problems = NULL;

      g_test_message ("case %u: %s", i, c->new);
      sidecar = load_text (f, text, FALSE);
      problems = problem_lines (sidecar);
      g_test_message ("%s", problems);
      g_assert_true (g_str_has_prefix (problems, c->problem));
      g_assert_true (gloss_sidecar_is_read_only (sidecar));
    }
}

/* One value of every type on every attribute type, the reader's verdict
 * held to the rule the importers share (gloss_label_set_check_attribute_value()):
 * no problem where the rule allows the value, else one warning at its place
 * in the rule's words, and the value kept as read. Fails if the reader
 * grows a rule of its own (a number taken for a choice, a list for a
 * single choice, a string for a boolean) that the imports do not have. */
typedef struct
{
  gboolean    document;  /* in document_labels, else on a span */
  const char *label;     /* the span's: "claim" (a-2) or "person" (a-1) */
  const char *id;
  const char *json;      /* the value as the file has it */
  const char *variant;   /* the same as GVariant text */
} RuleCase;

static const RuleCase rule_cases[] = {
  { FALSE, "claim", "checkworthy", "true", "true" },
  { FALSE, "claim", "checkworthy", "\"true\"", "'true'" },
  { FALSE, "claim", "checkworthy", "1", "1.0" },
  { FALSE, "claim", "checkworthy", "[\"true\"]", "['true']" },
  { FALSE, "claim", "verdict", "\"true\"", "'true'" },
  { FALSE, "claim", "verdict", "\"maybe\"", "'maybe'" },
  { FALSE, "claim", "verdict", "true", "true" },
  { FALSE, "claim", "verdict", "[\"true\"]", "['true']" },
  { FALSE, "claim", "verdict", "3", "3.0" },
  { FALSE, "claim", "score", "10", "10.0" },
  { FALSE, "claim", "score", "-0.5", "-0.5" },
  { FALSE, "claim", "score", "\"7\"", "'7'" },
  { FALSE, "claim", "score", "false", "false" },
  { FALSE, "claim", "tags", "[\"sky\"]", "['sky']" },
  { FALSE, "claim", "tags", "[\"sky\", \"sky\"]", "['sky', 'sky']" },
  { FALSE, "claim", "tags", "[\"nope\"]", "['nope']" },
  { FALSE, "claim", "tags", "\"sky\"", "'sky'" },
  { FALSE, "claim", "wikidata", "\"Q1\"", "'Q1'" },
  { FALSE, "claim", "zeal", "3", "3.0" },
  { FALSE, "person", "wikidata", "\"Q1\"", "'Q1'" },
  { FALSE, "person", "wikidata", "\"q42\"", "'q42'" },
  { FALSE, "person", "wikidata", "\"Q42 \"", "'Q42 '" },
  { FALSE, "person", "wikidata", "42", "42.0" },
  { FALSE, "person", "wikidata", "[\"Q1\"]", "['Q1']" },
  { FALSE, "person", "stance", "\"for\"", "'for'" },
  { TRUE, NULL, "stance", "\"for\"", "'for'" },
  { TRUE, NULL, "stance", "[\"for\"]", "['for']" },
  { TRUE, NULL, "stance", "false", "false" },
  { TRUE, NULL, "topic", "[\"science\", \"politics\"]", "['science', 'politics']" },
  { TRUE, NULL, "topic", "\"science\"", "'science'" },
  { TRUE, NULL, "verdict", "\"true\"", "'true'" },
};

/* The sidecar text of @c: the canonical one with the span's (or the
 * article's) values replaced by @c's one value. */
static char *
rule_case_text (Fixture        *f,
                const RuleCase *c)
{
  g_autofree char *canonical = canonical_text (f);
  g_autofree char *member = g_strdup_printf ("\"%s\": %s\n", c->id, c->json);
  g_autofree char *span = g_strconcat ("        ", member, NULL);
  g_autofree char *field = g_strconcat ("    ", member, NULL);

  if (c->document)
    return replace (canonical,
                    "    \"stance\": \"against\",\n"
                    "    \"topic\": [\n"
                    "      \"science\",\n"
                    "      \"politics\"\n"
                    "    ]\n", field);
  if (g_str_equal (c->label, "person"))
    return replace (canonical, "        \"wikidata\": \"Q42\"\n", span);
  return replace (canonical,
                  "        \"checkworthy\": true,\n"
                  "        \"score\": 7.5,\n"
                  "        \"tags\": [\n"
                  "          \"sky\",\n"
                  "          \"health\"\n"
                  "        ],\n"
                  "        \"verdict\": \"false\"\n", span);
}

static void
test_shared_rule (Fixture       *f,
                  gconstpointer  data)
{
  guint outcomes[GLOSS_ATTRIBUTE_VALUE_NOT_ALLOWED + 1] = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (rule_cases); i++)
    {
      const RuleCase *c = &rule_cases[i];
      g_autofree char *text = rule_case_text (f, c);
      g_autoptr(GError) error = NULL;
      g_autoptr(GVariant) value = g_variant_parse (NULL, c->variant, NULL, NULL, &error);
      g_autoptr(GVariant) kept = NULL;
      g_autoptr(GlossSidecar) sidecar = NULL;
      g_autofree char *problems = NULL;
      g_autofree char *location = NULL;
      GlossAttributeValueCheck check;

      g_assert_no_error (error);
      g_test_message ("case %u: %s %s = %s", i, c->document ? "article" : c->label, c->id, c->json);
      check = gloss_label_set_check_attribute_value (f->labels, c->id, c->document, c->label,
                                                     value, NULL, &error);
      outcomes[check]++;

      sidecar = load_text (f, text, TRUE);
      problems = problem_lines (sidecar);
      location = c->document ? g_strdup_printf ("document_labels.%s", c->id)
                             : g_strdup_printf ("annotations[%d].attributes.%s",
                                                g_str_equal (c->label, "person") ? 0 : 1, c->id);
      switch (check)
        {
        case GLOSS_ATTRIBUTE_VALUE_ALLOWED:
          g_assert_cmpstr (problems, ==, "");
          break;
        case GLOSS_ATTRIBUTE_VALUE_UNDECLARED:
          {
            g_autofree char *expected = g_strdup_printf ("warning %s: “%s” is not %s of the label set; kept\n",
                                                         location, c->id,
                                                         c->document ? "an article field" : "an attribute");
            g_assert_cmpstr (problems, ==, expected);
          }
          break;
        case GLOSS_ATTRIBUTE_VALUE_NOT_APPLICABLE:
          {
            g_autofree char *expected = g_strdup_printf ("warning %s: the attribute “%s” does not apply to the label “%s”; kept\n",
                                                         location, c->id, c->label);
            g_assert_cmpstr (problems, ==, expected);
          }
          break;
        case GLOSS_ATTRIBUTE_VALUE_NOT_ALLOWED:
          {
            g_autofree char *expected = NULL;

            g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
            expected = g_strdup_printf ("warning %s: %s; kept\n", location, error->message);
            g_assert_cmpstr (problems, ==, expected);
          }
          break;
        }

      /* Kept as read, whatever the rule said. */
      if (c->document)
        kept = gloss_sidecar_get_document_label (sidecar, c->id);
      else
        kept = gloss_annotation_get_attribute (gloss_annotation_set_lookup (gloss_sidecar_get_annotations (sidecar),
                                                                            g_str_equal (c->label, "person") ? "a-1" : "a-2"),
                                               c->id);
      g_assert_nonnull (kept);
      g_assert_true (g_variant_equal (kept, value));
    }

  /* The table reaches every outcome of the rule. */
  for (guint o = 0; o < G_N_ELEMENTS (outcomes); o++)
    g_assert_cmpuint (outcomes[o], >, 0);
}

/* A sidecar of before attributes: nothing added, every byte kept. */
static void
test_old_file (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *canonical = canonical_text (f);
  g_autofree char *a = replace (canonical,
    "  \"document_labels\": {\n"
    "    \"stance\": \"against\",\n"
    "    \"topic\": [\n"
    "      \"science\",\n"
    "      \"politics\"\n"
    "    ]\n"
    "  },\n", "");
  g_autofree char *b = replace (a, ",\n      \"attributes\": {\n        \"wikidata\": \"Q42\"\n      }\n", "\n");
  g_autofree char *old = replace (b,
    ",\n"
    "      \"attributes\": {\n"
    "        \"checkworthy\": true,\n"
    "        \"score\": 7.5,\n"
    "        \"tags\": [\n"
    "          \"sky\",\n"
    "          \"health\"\n"
    "        ],\n"
    "        \"verdict\": \"false\"\n"
    "      },\n", ",\n");
  g_autoptr(GlossSidecar) sidecar = load_text (f, old, TRUE);
  g_autofree char *saved = serialize (sidecar);
  GlossAnnotation *claim = gloss_annotation_set_lookup (gloss_sidecar_get_annotations (sidecar), "a-2");
  g_auto(GStrv) ids = gloss_annotation_dup_attribute_ids (claim);

  g_assert_cmpstr (saved, ==, old);
  g_assert_null (strstr (saved, "attributes"));
  g_assert_null (gloss_sidecar_peek_document_labels (sidecar));
  g_assert_null (gloss_annotation_peek_attributes (claim));
  g_assert_cmpuint (g_strv_length (ids), ==, 0);
}

static void
test_annotation_setter (void)
{
  g_autoptr(GlossAnnotation) annotation = gloss_annotation_new ("a-1", "claim", 0, 4);
  g_autoptr(GVariant) value = NULL;
  g_auto(GStrv) ids = NULL;
  const char *none[] = { NULL };
  guint notified = 0;

  g_signal_connect_swapped (annotation, "notify::attributes",
                            G_CALLBACK (g_atomic_int_inc), &notified);

  gloss_annotation_set_attribute (annotation, "verdict", g_variant_new_string ("false"));
  gloss_annotation_set_attribute (annotation, "checkworthy", g_variant_new_boolean (TRUE));
  gloss_annotation_set_attribute (annotation, "zeal", g_variant_new_double (2));
  gloss_annotation_set_attribute (annotation, "verdict", g_variant_new_string ("false"));
  g_assert_cmpuint (notified, ==, 3);

  ids = gloss_annotation_dup_attribute_ids (annotation);
  g_assert_cmpstrv (ids, ((const char *[]) { "checkworthy", "verdict", "zeal", NULL }));
  g_clear_pointer (&ids, g_strfreev);

  gloss_annotation_set_attribute (annotation, "verdict", g_variant_new_string ("true"));
  value = gloss_annotation_get_attribute (annotation, "verdict");
  g_assert_cmpstr (g_variant_get_string (value, NULL), ==, "true");

  /* NULL and an empty list remove. */
  gloss_annotation_set_attribute (annotation, "verdict", NULL);
  gloss_annotation_set_attribute (annotation, "zeal", g_variant_new_strv (NULL, 0));
  gloss_annotation_set_attribute (annotation, "never-set", NULL);
  ids = gloss_annotation_dup_attribute_ids (annotation);
  g_assert_cmpstrv (ids, ((const char *[]) { "checkworthy", NULL }));
  g_clear_pointer (&ids, g_strfreev);
  gloss_annotation_set_attribute (annotation, "checkworthy", NULL);
  g_assert_null (gloss_annotation_peek_attributes (annotation));
  ids = gloss_annotation_dup_attribute_ids (annotation);
  g_assert_cmpstrv (ids, none);
  g_assert_cmpuint (notified, ==, 7);
}

/* A snapshot holds the values block: a change copies it, the snapshot
 * keeps what it took. */
static void
test_copy_on_write (void)
{
  g_autoptr(GlossAnnotation) annotation = gloss_annotation_new ("a-1", "claim", 0, 4);
  GlossAnnotationValues *held;
  g_autoptr(GVariant) old = NULL;

  gloss_annotation_set_attribute (annotation, "verdict", g_variant_new_string ("false"));
  held = gloss_annotation_ref_values (annotation);
  gloss_annotation_set_attribute (annotation, "verdict", g_variant_new_string ("true"));
  gloss_annotation_set_attribute (annotation, "score", g_variant_new_double (1));

  g_assert_true (held != gloss_annotation_peek_values (annotation));
  old = gloss_attribute_map_lookup (held->attributes, "verdict");
  g_assert_cmpstr (g_variant_get_string (old, NULL), ==, "false");
  g_assert_cmpuint (g_variant_n_children (held->attributes), ==, 1);
  gloss_annotation_values_unref (held);
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_sidecar_save_finish (GLOSS_SIDECAR (source), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

/* An asynchronous save writes what was there when it was asked, whatever
 * changes while it runs in its thread. */
static void
test_save_snapshot (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *text = canonical_text (f);
  g_autoptr(GlossSidecar) sidecar = load_text (f, text, TRUE);
  GlossAnnotation *claim = gloss_annotation_set_lookup (gloss_sidecar_get_annotations (sidecar), "a-2");
  g_autofree char *path = g_file_get_path (f->sidecar_file);
  g_autofree char *written = NULL;
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;

  g_file_set_contents (path, "", 0, &error);  /* so that the save writes something new */
  g_assert_no_error (error);
  gloss_sidecar_save_async (sidecar, NULL, on_saved, &done);
  gloss_annotation_set_attribute (claim, "verdict", g_variant_new_string ("true"));
  gloss_sidecar_set_document_label (sidecar, "stance", g_variant_new_string ("for"));
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  g_file_get_contents (path, &written, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (written, ==, text);
  /* The document label changed after the snapshot: still to be saved. */
  g_assert_true (gloss_sidecar_is_dirty (sidecar));
}

static void
test_document_labels (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *text = canonical_text (f);
  g_autoptr(GlossSidecar) sidecar = load_text (f, text, TRUE);
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *expected = NULL;
  const char *topics[] = { "science", "politics", NULL };
  guint notified = 0;

  g_signal_connect_swapped (sidecar, "notify::document-labels",
                            G_CALLBACK (g_atomic_int_inc), &notified);

  gloss_sidecar_set_document_label (sidecar, "stance", g_variant_new_string ("against"));
  g_assert_false (gloss_sidecar_is_dirty (sidecar));
  g_assert_cmpuint (notified, ==, 0);

  gloss_sidecar_set_document_label (sidecar, "stance", NULL);
  g_assert_true (gloss_sidecar_is_dirty (sidecar));
  saved = serialize (sidecar);
  expected = replace (text, "    \"stance\": \"against\",\n", "");
  g_assert_cmpstr (saved, ==, expected);

  /* Back as it was on disk: not dirty any more. */
  gloss_sidecar_set_document_label (sidecar, "stance", g_variant_new_string ("against"));
  g_assert_false (gloss_sidecar_is_dirty (sidecar));
  g_assert_cmpuint (notified, ==, 2);

  gloss_sidecar_set_document_label (sidecar, "stance", NULL);
  gloss_sidecar_set_document_label (sidecar, "topic", NULL);
  g_assert_null (gloss_sidecar_peek_document_labels (sidecar));
  g_clear_pointer (&saved, g_free);
  saved = serialize (sidecar);
  g_assert_null (strstr (saved, "document_labels"));

  gloss_sidecar_set_document_label (sidecar, "topic", g_variant_new_strv (topics, -1));
  g_assert_true (gloss_sidecar_save (sidecar, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (gloss_sidecar_is_dirty (sidecar));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/sidecar-attributes/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("round-trip", test_round_trip);
  ADD ("sorted-on-save", test_sorted_on_save);
  ADD ("warnings", test_warnings);
  ADD ("errors", test_errors);
  ADD ("shared-rule", test_shared_rule);
  ADD ("old-file", test_old_file);
  ADD ("save-snapshot", test_save_snapshot);
  ADD ("document-labels", test_document_labels);
  g_test_add_func ("/sidecar-attributes/annotation-setter", test_annotation_setter);
  g_test_add_func ("/sidecar-attributes/copy-on-write", test_copy_on_write);

  return g_test_run ();
}
