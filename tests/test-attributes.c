/* test-attributes.c — attributes of spans, fields of articles and relation
 * keys in gloss-labels.json (docs/labels.md), and what a value may be
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "gloss.h"
#include "gloss-json-reader.h"
#include "gloss-json-writer.h"

/* The example of docs/labels.md, plus a number and members later versions
 * may add (ignored). */
static const char example_file[] =
  "{\n"
  "  \"format\": \"gloss-labels\",\n"
  "  \"version\": 1,\n"
  "  \"labels\": [\n"
  "    { \"id\": \"claim\",        \"kind\": \"claim\",  \"name\": \"Claim\",        \"key\": \"c\" },\n"
  "    { \"id\": \"quote\",        \"kind\": \"quote\",  \"name\": \"Quote\",        \"key\": \"q\" },\n"
  "    { \"id\": \"person\",       \"kind\": \"entity\", \"name\": \"Person\",       \"key\": \"p\" },\n"
  "    { \"id\": \"organization\", \"kind\": \"entity\", \"name\": \"Organization\", \"key\": \"o\" }\n"
  "  ],\n"
  "  \"relations\": [\n"
  "    { \"type\": \"speaker\",     \"key\": \"a\", \"to\": [\"person\", \"organization\"] },\n"
  "    { \"type\": \"contradicts\", \"key\": \"X\", \"from\": [\"kind:claim\"], \"to\": [\"kind:claim\", \"kind:quote\"] },\n"
  "    { \"type\": \"member-of\",   \"from\": [\"person\"], \"to\": [\"organization\"] }\n"
  "  ],\n"
  "  \"attributes\": [\n"
  "    { \"id\": \"checkworthy\", \"name\": \"Check-worthy\", \"type\": \"boolean\",\n"
  "      \"applies_to\": [\"kind:claim\"], \"key\": \"w\", \"default\": false },\n"
  "    { \"id\": \"verdict\", \"name\": \"Verdict\", \"type\": \"choice\", \"applies_to\": [\"kind:claim\"], \"key\": \"v\",\n"
  "      \"values\": [\n"
  "        { \"id\": \"true\",         \"name\": \"True\",         \"key\": \"t\" },\n"
  "        { \"id\": \"mostly-true\",  \"name\": \"Mostly true\",  \"key\": \"m\" },\n"
  "        { \"id\": \"mixed\",        \"name\": \"Mixed\",        \"key\": \"x\", \"comment\": \"ignored\" },\n"
  "        { \"id\": \"false\",        \"name\": \"False\",        \"key\": \"F\" },\n"
  "        { \"id\": \"unverifiable\" }\n"
  "      ] },\n"
  "    { \"id\": \"form\", \"name\": \"Form\", \"type\": \"choice\", \"applies_to\": [\"quote\"], \"key\": \"f\",\n"
  "      \"required\": true, \"default\": \"direct\",\n"
  "      \"values\": [ { \"id\": \"direct\", \"key\": \"d\" }, { \"id\": \"indirect\", \"key\": \"i\" }, { \"id\": \"partial\", \"key\": \"p\" } ] },\n"
  "    { \"id\": \"wikidata\", \"name\": \"Wikidata item\", \"type\": \"text\", \"applies_to\": [\"kind:entity\"],\n"
  "      \"key\": \"k\", \"pattern\": \"Q[0-9]+\", \"description\": \"ignored\" },\n"
  "    { \"id\": \"confidence\", \"name\": \"Confidence\", \"type\": \"number\", \"applies_to\": [\"claim\", \"person\"],\n"
  "      \"min\": 0, \"max\": 1, \"default\": 0.5, \"required\": null, \"multiple\": null },\n"
  "    { \"id\": \"note\", \"type\": \"text\", \"applies_to\": [\"kind:quote\", \"claim\"] }\n"
  "  ],\n"
  "  \"document_labels\": [\n"
  "    { \"id\": \"topic\", \"name\": \"Topic\", \"type\": \"choice\", \"multiple\": true, \"key\": \"t\",\n"
  "      \"default\": [\"politics\"],\n"
  "      \"values\": [ { \"id\": \"politics\" }, { \"id\": \"economy\" }, { \"id\": \"health\" }, { \"id\": \"climate\" } ] },\n"
  "    { \"id\": \"stance\", \"name\": \"Stance\", \"type\": \"choice\", \"key\": \"s\",\n"
  "      \"values\": [ { \"id\": \"for\" }, { \"id\": \"against\" }, { \"id\": \"neutral\" } ] },\n"
  "    { \"id\": \"verdict\", \"type\": \"boolean\", \"required\": true, \"applies_to\": \"ignored for a field\" }\n"
  "  ]\n"
  "}\n";

static GlossLabelSet *
load_example (void)
{
  g_autoptr(GError) error = NULL;
  GlossLabelSet *set = gloss_label_set_new_from_data (example_file, -1, "example.json", &error);

  g_assert_no_error (error);
  g_assert_nonnull (set);

  return set;
}

static char *
join_applies_to (GlossAttribute *attribute)
{
  const char * const *entries = gloss_attribute_get_applies_to (attribute);

  return entries != NULL ? g_strjoinv ("|", (char **) entries) : NULL;
}

static char *
print_default (GlossAttribute *attribute)
{
  GVariant *value = gloss_attribute_get_default_value (attribute);

  return value != NULL ? g_variant_print (value, TRUE) : NULL;
}

/* "id=name/key" for each value of a choice, "|" between them. */
static char *
join_choices (GlossAttribute *attribute)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < gloss_attribute_get_n_choices (attribute); i++)
    {
      gunichar key = gloss_attribute_get_choice_key (attribute, i);

      if (i > 0)
        g_string_append_c (out, '|');
      g_string_append_printf (out, "%s=%s/", gloss_attribute_get_choice_id (attribute, i),
                              gloss_attribute_get_choice_name (attribute, i));
      if (key != 0)
        g_string_append_unichar (out, key);
    }

  return g_string_free (out, FALSE);
}

static void
test_parse_attributes (void)
{
  g_autoptr(GlossLabelSet) set = load_example ();
  GPtrArray *attributes = gloss_label_set_get_attributes (set);
  const char * const ids[] = { "checkworthy", "verdict", "form", "wikidata", "confidence", "note" };
  GlossAttribute *attribute;
  g_autofree char *applies = NULL;
  g_autofree char *choices = NULL;
  g_autofree char *def = NULL;

  g_assert_cmpuint (attributes->len, ==, G_N_ELEMENTS (ids));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      attribute = g_ptr_array_index (attributes, i);
      g_assert_cmpstr (gloss_attribute_get_id (attribute), ==, ids[i]);
      g_assert_true (gloss_label_set_lookup_attribute (set, ids[i]) == attribute);
    }

  /* A boolean with a default. */
  attribute = gloss_label_set_lookup_attribute (set, "checkworthy");
  g_assert_cmpstr (gloss_attribute_get_name (attribute), ==, "Check-worthy");
  g_assert_cmpint (gloss_attribute_get_value_type (attribute), ==, GLOSS_ATTRIBUTE_BOOLEAN);
  g_assert_false (gloss_attribute_get_required (attribute));
  g_assert_false (gloss_attribute_get_multiple (attribute));
  g_assert_cmpuint (gloss_attribute_get_shortcut (attribute), ==, 'w');
  applies = join_applies_to (attribute);
  g_assert_cmpstr (applies, ==, "kind:claim");
  def = print_default (attribute);
  g_assert_cmpstr (def, ==, "false");
  g_assert_true (g_variant_type_equal (gloss_attribute_get_variant_type (attribute), G_VARIANT_TYPE_BOOLEAN));
  g_assert_cmpuint (gloss_attribute_get_n_choices (attribute), ==, 0);
  g_assert_null (gloss_attribute_get_pattern (attribute));
  g_clear_pointer (&applies, g_free);
  g_clear_pointer (&def, g_free);

  /* A choice: values in file order, names default to ids, keys folded. */
  attribute = gloss_label_set_lookup_attribute (set, "verdict");
  g_assert_cmpint (gloss_attribute_get_value_type (attribute), ==, GLOSS_ATTRIBUTE_CHOICE);
  choices = join_choices (attribute);
  g_assert_cmpstr (choices, ==,
                   "true=True/t|mostly-true=Mostly true/m|mixed=Mixed/x|false=False/f|unverifiable=unverifiable/");
  g_assert_cmpint (gloss_attribute_lookup_choice (attribute, "mixed"), ==, 2);
  g_assert_cmpint (gloss_attribute_lookup_choice (attribute, "maybe"), ==, -1);
  g_assert_cmpint (gloss_attribute_lookup_choice_key (attribute, 'f'), ==, 3);
  g_assert_cmpint (gloss_attribute_lookup_choice_key (attribute, 'M'), ==, 1);
  g_assert_cmpint (gloss_attribute_lookup_choice_key (attribute, 'u'), ==, -1);
  g_assert_null (gloss_attribute_get_default_value (attribute));
  g_assert_true (g_variant_type_equal (gloss_attribute_get_variant_type (attribute), G_VARIANT_TYPE_STRING));
  g_clear_pointer (&choices, g_free);

  /* Required, with a default; its value keys may repeat other lists' keys. */
  attribute = gloss_label_set_lookup_attribute (set, "form");
  g_assert_true (gloss_attribute_get_required (attribute));
  def = print_default (attribute);
  g_assert_cmpstr (def, ==, "'direct'");
  applies = join_applies_to (attribute);
  g_assert_cmpstr (applies, ==, "quote");
  g_assert_cmpint (gloss_attribute_lookup_choice_key (attribute, 'p'), ==, 2);
  g_clear_pointer (&applies, g_free);
  g_clear_pointer (&def, g_free);

  /* Text with a pattern. */
  attribute = gloss_label_set_lookup_attribute (set, "wikidata");
  g_assert_cmpint (gloss_attribute_get_value_type (attribute), ==, GLOSS_ATTRIBUTE_TEXT);
  g_assert_cmpstr (gloss_attribute_get_pattern (attribute), ==, "Q[0-9]+");
  g_assert_cmpstr (gloss_attribute_get_name (attribute), ==, "Wikidata item");

  /* A number with bounds; null is absent, as everywhere in the file. */
  attribute = gloss_label_set_lookup_attribute (set, "confidence");
  g_assert_cmpint (gloss_attribute_get_value_type (attribute), ==, GLOSS_ATTRIBUTE_NUMBER);
  g_assert_cmpfloat (gloss_attribute_get_minimum (attribute), ==, 0.0);
  g_assert_cmpfloat (gloss_attribute_get_maximum (attribute), ==, 1.0);
  g_assert_false (gloss_attribute_get_required (attribute));
  def = print_default (attribute);
  g_assert_cmpstr (def, ==, "0.5");
  g_clear_pointer (&def, g_free);

  /* Only an id, a type and what it applies to: the id is the name. */
  attribute = gloss_label_set_lookup_attribute (set, "note");
  g_assert_cmpstr (gloss_attribute_get_name (attribute), ==, "note");
  g_assert_cmpuint (gloss_attribute_get_shortcut (attribute), ==, 0);
  g_assert_null (gloss_attribute_get_pattern (attribute));
  g_assert_true (isinf (gloss_attribute_get_minimum (attribute)));
  g_assert_true (isinf (gloss_attribute_get_maximum (attribute)));

  /* Keys: attributes have their own (labels' "c", values' "t" are elsewhere). */
  g_assert_true (gloss_label_set_lookup_attribute_shortcut (set, 'W') ==
                 gloss_label_set_lookup_attribute (set, "checkworthy"));
  g_assert_null (gloss_label_set_lookup_attribute_shortcut (set, 'c'));
  g_assert_null (gloss_label_set_lookup_attribute_shortcut (set, 0));
  g_assert_null (gloss_label_set_lookup_attribute (set, "topic"));
  g_assert_null (gloss_label_set_lookup_attribute (set, NULL));
}

static void
test_parse_document_fields (void)
{
  g_autoptr(GlossLabelSet) set = load_example ();
  GPtrArray *fields = gloss_label_set_get_document_fields (set);
  GlossAttribute *topic, *stance, *verdict;
  g_autofree char *def = NULL;

  g_assert_cmpuint (fields->len, ==, 3);
  topic = g_ptr_array_index (fields, 0);
  stance = g_ptr_array_index (fields, 1);
  verdict = g_ptr_array_index (fields, 2);
  g_assert_true (gloss_label_set_lookup_document_field (set, "topic") == topic);
  g_assert_true (gloss_label_set_lookup_document_field (set, "stance") == stance);
  g_assert_null (gloss_label_set_lookup_document_field (set, "checkworthy"));

  g_assert_true (gloss_attribute_get_multiple (topic));
  g_assert_true (g_variant_type_equal (gloss_attribute_get_variant_type (topic), G_VARIANT_TYPE_STRING_ARRAY));
  g_assert_cmpuint (gloss_attribute_get_n_choices (topic), ==, 4);
  g_assert_cmpuint (gloss_attribute_get_shortcut (topic), ==, 't');
  def = print_default (topic);
  g_assert_cmpstr (def, ==, "['politics']");
  g_assert_null (gloss_attribute_get_applies_to (topic));

  g_assert_false (gloss_attribute_get_multiple (stance));
  g_assert_cmpuint (gloss_attribute_get_shortcut (stance), ==, 's');

  /* Ids are the list's own: "verdict" is also an attribute of spans, and
   * "applies_to" means nothing for a field (ignored like any unknown member). */
  g_assert_cmpint (gloss_attribute_get_value_type (verdict), ==, GLOSS_ATTRIBUTE_BOOLEAN);
  g_assert_true (gloss_attribute_get_required (verdict));
  g_assert_null (gloss_attribute_get_applies_to (verdict));
  g_assert_true (gloss_label_set_lookup_attribute (set, "verdict") != verdict);
}

static char *
ids_of (GPtrArray *attributes)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;

  for (guint i = 0; i < attributes->len; i++)
    g_strv_builder_add (builder, gloss_attribute_get_id (g_ptr_array_index (attributes, i)));
  ids = g_strv_builder_end (builder);

  return g_strjoinv ("|", ids);
}

static void
test_attributes_for_label (void)
{
  g_autoptr(GlossLabelSet) set = load_example ();
  g_autoptr(GlossLabelSet) builtin = gloss_label_set_get_builtin ();
  struct { const char *label; const char *expected; } cases[] = {
    { "claim", "checkworthy|verdict|confidence|note" },
    { "quote", "form|note" },
    { "person", "wikidata|confidence" },
    { "organization", "wikidata" },
    { "location", "" },  /* not in this set */
    { NULL, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) attributes = gloss_label_set_get_attributes_for_label (set, cases[i].label);
      g_autofree char *ids = ids_of (attributes);

      g_assert_cmpstr (ids, ==, cases[i].expected);
      /* The same answer without building the list. */
      g_assert_cmpint (gloss_label_set_has_attributes_for_label (set, cases[i].label), ==,
                       cases[i].expected[0] != '\0');
    }

  g_assert_true (gloss_label_set_attribute_applies (set, gloss_label_set_lookup_attribute (set, "form"), "quote"));
  g_assert_false (gloss_label_set_attribute_applies (set, gloss_label_set_lookup_attribute (set, "form"), "claim"));

  /* The built-in set declares none. */
  g_assert_cmpuint (gloss_label_set_get_attributes (builtin)->len, ==, 0);
  g_assert_cmpuint (gloss_label_set_get_document_fields (builtin)->len, ==, 0);
}

static void
test_relation_keys (void)
{
  g_autoptr(GlossLabelSet) set = load_example ();
  g_autoptr(GlossLabelSet) builtin = gloss_label_set_get_builtin ();
  g_autoptr(GlossLabelSet) taken = NULL;
  g_autoptr(GlossLabelSet) plain = NULL;
  g_autoptr(GError) error = NULL;

  /* As written, folded to lower case; looked up in either case. */
  g_assert_cmpuint (gloss_label_set_get_relation_key (set, "speaker"), ==, 'a');
  g_assert_cmpuint (gloss_label_set_get_relation_key (set, "contradicts"), ==, 'x');
  g_assert_cmpuint (gloss_label_set_get_relation_key (set, "member-of"), ==, 0);
  g_assert_cmpuint (gloss_label_set_get_relation_key (set, "unknown"), ==, 0);
  g_assert_cmpuint (gloss_label_set_get_relation_key (set, NULL), ==, 0);
  g_assert_cmpstr (gloss_label_set_lookup_relation_key (set, 'X'), ==, "contradicts");
  g_assert_cmpstr (gloss_label_set_lookup_relation_key (set, 'a'), ==, "speaker");
  g_assert_null (gloss_label_set_lookup_relation_key (set, 's'));
  g_assert_null (gloss_label_set_lookup_relation_key (set, 0));

  /* "speaker" draws with "s" by default… */
  g_assert_cmpuint (gloss_label_set_get_relation_key (builtin, "speaker"), ==, 's');
  g_assert_cmpstr (gloss_label_set_lookup_relation_key (builtin, 'S'), ==, "speaker");
  plain = gloss_label_set_new_from_data ("{\"format\": \"gloss-labels\", \"version\": 1, "
                                         "\"labels\": [{\"id\": \"quote\", \"kind\": \"quote\"}]}",
                                         -1, "plain.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_label_set_get_relation_key (plain, "speaker"), ==, 's');

  /* …unless the file gives "s" to another type. */
  taken = gloss_label_set_new_from_data ("{\"format\": \"gloss-labels\", \"version\": 1, "
                                         "\"labels\": [{\"id\": \"quote\", \"kind\": \"quote\"}], "
                                         "\"relations\": [{\"type\": \"supports\", \"key\": \"S\"}]}",
                                         -1, "taken.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_label_set_get_relation_key (taken, "speaker"), ==, 0);
  g_assert_cmpstr (gloss_label_set_lookup_relation_key (taken, 's'), ==, "supports");
}

/* What a set says about its labels and relations, one line each: the
 * new members must not change a byte of it. */
static char *
dump_labels_and_relations (GlossLabelSet *set)
{
  GString *out = g_string_new (NULL);
  const char * const *types = gloss_label_set_get_relation_types (set);

  for (guint i = 0; i < gloss_label_set_get_n_labels (set); i++)
    {
      g_autoptr(GlossLabel) label = g_list_model_get_item (G_LIST_MODEL (set), i);

      g_string_append_printf (out, "label %s %s %s %s %u\n",
                              gloss_label_get_id (label),
                              gloss_label_kind_to_string (gloss_label_get_kind (label)),
                              gloss_label_get_name (label),
                              gloss_label_get_color (label),
                              gloss_label_get_shortcut (label));
    }

  for (guint i = 0; types[i] != NULL; i++)
    {
      const char * const *from = gloss_label_set_get_relation_end (set, types[i], GLOSS_RELATION_FROM);
      const char * const *to = gloss_label_set_get_relation_end (set, types[i], GLOSS_RELATION_TO);
      g_autofree char *from_string = from != NULL ? g_strjoinv ("|", (char **) from) : g_strdup ("*");
      g_autofree char *to_string = to != NULL ? g_strjoinv ("|", (char **) to) : g_strdup ("*");

      g_string_append_printf (out, "relation %s %s → %s\n", types[i], from_string, to_string);
    }

  return g_string_free (out, FALSE);
}

static void
test_old_files_unchanged (void)
{
  static const char old_file[] =
    "{\n"
    "  \"format\": \"gloss-labels\",\n"
    "  \"version\": 1,\n"
    "  \"labels\": [\n"
    "    { \"id\": \"claim\",       \"kind\": \"claim\",  \"name\": \"Checkable claim\", \"color\": \"#e5a50a\", \"key\": \"c\" },\n"
    "    { \"id\": \"quote\",       \"kind\": \"quote\",  \"name\": \"Quote\",           \"color\": \"#3584e4\", \"key\": \"q\" },\n"
    "    { \"id\": \"politician\",  \"kind\": \"entity\", \"name\": \"Politician\",      \"color\": \"#c061cb\", \"key\": \"p\" },\n"
    "    { \"id\": \"party\",       \"kind\": \"entity\", \"name\": \"Party\",           \"color\": \"#2ec27e\", \"key\": \"y\" },\n"
    "    { \"id\": \"place\",       \"kind\": \"entity\",                            \"color\": \"#e66100\" }\n"
    "  ],\n"
    "  \"relations\": [\n"
    "    { \"type\": \"speaker\",     \"to\": [\"politician\", \"party\"] },\n"
    "    { \"type\": \"contradicts\", \"from\": [\"kind:claim\"], \"to\": [\"kind:claim\", \"kind:quote\"] },\n"
    "    { \"type\": \"member-of\",   \"from\": [\"politician\"], \"to\": [\"party\"] }\n"
    "  ]\n"
    "}\n";
  static const char expected[] =
    "label claim claim Checkable claim #e5a50a 99\n"
    "label quote quote Quote #3584e4 113\n"
    "label politician entity Politician #c061cb 112\n"
    "label party entity Party #2ec27e 121\n"
    "label place entity place #e66100 0\n"
    "relation speaker kind:quote → politician|party\n"
    "relation contradicts kind:claim → kind:claim|kind:quote\n"
    "relation member-of politician → party\n";
  g_autoptr(GString) extended = g_string_new (old_file);
  g_autoptr(GlossLabelSet) old_set = NULL;
  g_autoptr(GlossLabelSet) new_set = NULL;
  g_autoptr(GlossLabelSet) builtin = gloss_label_set_get_builtin ();
  g_autoptr(GError) error = NULL;
  g_autofree char *old_dump = NULL;
  g_autofree char *new_dump = NULL;
  g_autofree char *builtin_dump = NULL;

  old_set = gloss_label_set_new_from_data (old_file, -1, "old.json", &error);
  g_assert_no_error (error);
  old_dump = dump_labels_and_relations (old_set);
  g_assert_cmpstr (old_dump, ==, expected);
  g_assert_cmpuint (gloss_label_set_get_attributes (old_set)->len, ==, 0);
  g_assert_cmpuint (gloss_label_set_get_document_fields (old_set)->len, ==, 0);
  g_assert_cmpuint (gloss_label_set_get_relation_key (old_set, "speaker"), ==, 's');
  g_assert_cmpuint (gloss_label_set_get_relation_key (old_set, "contradicts"), ==, 0);

  /* The same file with attributes and fields: the rest reads the same. */
  g_string_truncate (extended, strlen (old_file) - strlen ("  ]\n}\n"));
  g_string_append (extended,
                   "  ],\n"
                   "  \"attributes\": [{\"id\": \"verdict\", \"type\": \"choice\", \"applies_to\": [\"claim\"],"
                   " \"values\": [{\"id\": \"true\"}, {\"id\": \"false\"}]}],\n"
                   "  \"document_labels\": [{\"id\": \"done\", \"type\": \"boolean\"}]\n"
                   "}\n");
  new_set = gloss_label_set_new_from_data (extended->str, -1, "new.json", &error);
  g_assert_no_error (error);
  new_dump = dump_labels_and_relations (new_set);
  g_assert_cmpstr (new_dump, ==, expected);
  g_assert_cmpuint (gloss_label_set_get_attributes (new_set)->len, ==, 1);

  /* The built-in set as before. */
  builtin_dump = dump_labels_and_relations (builtin);
  g_assert_cmpstr (builtin_dump, ==,
                   "label claim claim Claim #e5a50a 99\n"
                   "label quote quote Quote #f66151 113\n"
                   "label person entity Person #c061cb 112\n"
                   "label organization entity Organization #26a269 111\n"
                   "label location entity Location #e66100 108\n"
                   "label misc entity Miscellaneous #888a85 109\n"
                   "relation speaker kind:quote → person|organization\n");
}

/* The example of docs/labels.md loads, and says what the docs say. */
static void
test_docs_example (void)
{
  const char *path = g_test_get_filename (G_TEST_DIST, "..", "docs", "labels.md", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *example = NULL;
  g_autoptr(GlossLabelSet) set = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) for_claim = NULL;
  g_autofree char *claim_ids = NULL;
  const char *start;
  const char *end;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  start = strstr (contents, "## The file format, version 1");
  g_assert_nonnull (start);
  start = strstr (start, "```json\n");
  g_assert_nonnull (start);
  start += strlen ("```json\n");
  end = strstr (start, "```");
  g_assert_nonnull (end);
  example = g_strndup (start, end - start);

  set = gloss_label_set_new_from_data (example, -1, "labels.md", &error);
  g_assert_no_error (error);

  for_claim = gloss_label_set_get_attributes_for_label (set, "claim");
  claim_ids = ids_of (for_claim);
  g_assert_cmpstr (claim_ids, ==, "checkworthy|verdict");
  g_assert_cmpuint (gloss_attribute_get_n_choices (gloss_label_set_lookup_attribute (set, "verdict")), ==, 5);
  g_assert_cmpstr (gloss_attribute_get_pattern (gloss_label_set_lookup_attribute (set, "wikidata")), ==, "Q[0-9]+");
  g_assert_true (gloss_attribute_get_multiple (gloss_label_set_lookup_document_field (set, "topic")));
  g_assert_nonnull (gloss_label_set_lookup_document_field (set, "stance"));
  g_assert_cmpuint (gloss_label_set_get_relation_key (set, "speaker"), ==, 's');
  g_assert_cmpstr (gloss_label_set_lookup_relation_key (set, 'm'), ==, "member-of");
}

/* Error cases: one thing wrong, and exactly what is said about it, where. */
#define HEAD "{\"format\": \"gloss-labels\", \"version\": 1, " \
  "\"labels\": [{\"id\": \"claim\", \"kind\": \"claim\"}, {\"id\": \"quote\", \"kind\": \"quote\"}," \
  " {\"id\": \"person\", \"kind\": \"entity\"}], "
#define ATTRS(x) HEAD "\"attributes\": [" x "]}"
#define FIELDS(x) HEAD "\"document_labels\": [" x "]}"
#define RELATIONS(x) HEAD "\"relations\": [" x "]}"
#define BOOL_ON_CLAIM "\"type\": \"boolean\", \"applies_to\": [\"claim\"]"
#define VERDICT "{\"id\": \"verdict\", \"type\": \"choice\", \"applies_to\": [\"claim\"], " \
  "\"values\": [{\"id\": \"true\"}, {\"id\": \"false\"}]"
#define TOPIC "{\"id\": \"topic\", \"type\": \"choice\", \"multiple\": true, " \
  "\"values\": [{\"id\": \"politics\"}, {\"id\": \"economy\"}]"
#define WIKIDATA "{\"id\": \"wikidata\", \"type\": \"text\", \"applies_to\": [\"person\"], \"pattern\": \"Q[0-9]+\""
#define CONFIDENCE "{\"id\": \"confidence\", \"type\": \"number\", \"applies_to\": [\"claim\"], \"min\": 0, \"max\": 1"

typedef struct
{
  const char *path;
  const char *data;
  const char *message;
} ErrorCase;

static const ErrorCase error_cases[] = {
  /* The lists */
  { "attributes-type", HEAD "\"attributes\": {}}",
    "t.json: attributes: expected an array, not an object" },
  { "document-labels-type", HEAD "\"document_labels\": \"topic\"}",
    "t.json: document_labels: expected an array, not a string" },
  { "attribute-type", ATTRS ("3"),
    "t.json: attributes[0]: expected an object, not a number" },
  { "field-type", FIELDS ("{\"id\": \"done\", \"type\": \"boolean\"}, null"),
    "t.json: document_labels[1]: expected an object, not null" },
  /* id */
  { "id-missing", ATTRS ("{" BOOL_ON_CLAIM "}"),
    "t.json: attributes[0].id: missing" },
  { "id-type", ATTRS ("{\"id\": true, " BOOL_ON_CLAIM "}"),
    "t.json: attributes[0].id: expected a string, not a boolean" },
  { "id-invalid", ATTRS ("{\"id\": \"Check worthy\", " BOOL_ON_CLAIM "}"),
    "t.json: attributes[0].id: \"Check worthy\" is not a valid id (use a-z, 0-9, \"_\" and \"-\", starting with a letter or digit)" },
  { "id-duplicate", ATTRS ("{\"id\": \"a\", " BOOL_ON_CLAIM "}, {\"id\": \"b\", " BOOL_ON_CLAIM "}, {\"id\": \"a\", " BOOL_ON_CLAIM "}"),
    "t.json: attributes[2].id: \"a\" is already used by attributes[0]" },
  { "field-id-duplicate", FIELDS ("{\"id\": \"done\", \"type\": \"boolean\"}, {\"id\": \"done\", \"type\": \"text\"}"),
    "t.json: document_labels[1].id: \"done\" is already used by document_labels[0]" },
  /* name */
  { "name-blank", ATTRS ("{\"id\": \"a\", \"name\": \" \", " BOOL_ON_CLAIM "}"),
    "t.json: attributes[0].name: must not be empty" },
  /* type */
  { "type-missing", ATTRS ("{\"id\": \"a\", \"applies_to\": [\"claim\"]}"),
    "t.json: attributes[0].type: missing" },
  { "type-unknown", ATTRS ("{\"id\": \"a\", \"type\": \"date\", \"applies_to\": [\"claim\"]}"),
    "t.json: attributes[0].type: \"date\" is not one of \"choice\", \"boolean\", \"text\" or \"number\"" },
  { "type-json", FIELDS ("{\"id\": \"a\", \"type\": [\"text\"]}"),
    "t.json: document_labels[0].type: expected a string, not an array" },
  /* applies_to */
  { "applies-missing", ATTRS ("{\"id\": \"a\", \"type\": \"boolean\"}"),
    "t.json: attributes[0].applies_to: missing" },
  { "applies-type", ATTRS ("{\"id\": \"a\", \"type\": \"boolean\", \"applies_to\": \"claim\"}"),
    "t.json: attributes[0].applies_to: expected an array, not a string" },
  { "applies-empty", ATTRS ("{\"id\": \"a\", \"type\": \"boolean\", \"applies_to\": []}"),
    "t.json: attributes[0].applies_to: must list at least one label or kind" },
  { "applies-unknown-label", ATTRS ("{\"id\": \"a\", \"type\": \"boolean\", \"applies_to\": [\"claim\", \"persn\"]}"),
    "t.json: attributes[0].applies_to[1]: \"persn\" is not a label of this set" },
  { "applies-bare-kind", ATTRS ("{\"id\": \"a\", \"type\": \"boolean\", \"applies_to\": [\"entity\"]}"),
    "t.json: attributes[0].applies_to[0]: \"entity\" is not a label of this set (for every label of that kind, write \"kind:entity\")" },
  { "applies-bad-kind", ATTRS ("{\"id\": \"a\", \"type\": \"boolean\", \"applies_to\": [\"kind:topic\"]}"),
    "t.json: attributes[0].applies_to[0]: \"kind:topic\" is not a kind (use \"kind:claim\", \"kind:quote\" or \"kind:entity\")" },
  { "applies-item-type", ATTRS ("{\"id\": \"a\", \"type\": \"boolean\", \"applies_to\": [1]}"),
    "t.json: attributes[0].applies_to[0]: expected a string, not a number" },
  { "applies-duplicate", ATTRS ("{\"id\": \"a\", \"type\": \"boolean\", \"applies_to\": [\"claim\", \"kind:claim\", \"claim\"]}"),
    "t.json: attributes[0].applies_to[2]: \"claim\" is already listed at attributes[0].applies_to[0]" },
  /* required, multiple */
  { "required-type", ATTRS ("{\"id\": \"a\", " BOOL_ON_CLAIM ", \"required\": \"yes\"}"),
    "t.json: attributes[0].required: expected true or false, not a string" },
  { "multiple-json", FIELDS ("{\"id\": \"topic\", \"type\": \"choice\", \"multiple\": 1, \"values\": [{\"id\": \"a\"}]}"),
    "t.json: document_labels[0].multiple: expected true or false, not a number" },
  { "multiple-on-boolean", ATTRS ("{\"id\": \"a\", " BOOL_ON_CLAIM ", \"multiple\": true}"),
    "t.json: attributes[0].multiple: only allowed when \"type\" is \"choice\"" },
  /* Members of another type */
  { "values-on-text", ATTRS ("{\"id\": \"a\", \"type\": \"text\", \"applies_to\": [\"claim\"], \"values\": []}"),
    "t.json: attributes[0].values: only allowed when \"type\" is \"choice\"" },
  { "pattern-on-choice", ATTRS (VERDICT ", \"pattern\": \"x\"}"),
    "t.json: attributes[0].pattern: only allowed when \"type\" is \"text\"" },
  { "min-on-text", ATTRS (WIKIDATA ", \"min\": 1}"),
    "t.json: attributes[0].min: only allowed when \"type\" is \"number\"" },
  { "max-on-boolean", FIELDS ("{\"id\": \"done\", \"type\": \"boolean\", \"max\": 1}"),
    "t.json: document_labels[0].max: only allowed when \"type\" is \"number\"" },
  /* values */
  { "values-missing", ATTRS ("{\"id\": \"a\", \"type\": \"choice\", \"applies_to\": [\"claim\"]}"),
    "t.json: attributes[0].values: missing" },
  { "values-type", ATTRS ("{\"id\": \"a\", \"type\": \"choice\", \"applies_to\": [\"claim\"], \"values\": {\"true\": {}}}"),
    "t.json: attributes[0].values: expected an array, not an object" },
  { "values-empty", ATTRS ("{\"id\": \"a\", \"type\": \"choice\", \"applies_to\": [\"claim\"], \"values\": []}"),
    "t.json: attributes[0].values: must list at least one value" },
  { "value-type", ATTRS ("{\"id\": \"a\", \"type\": \"choice\", \"applies_to\": [\"claim\"], \"values\": [{\"id\": \"x\"}, \"y\"]}"),
    "t.json: attributes[0].values[1]: expected an object, not a string" },
  { "value-id-missing", ATTRS ("{\"id\": \"a\", \"type\": \"choice\", \"applies_to\": [\"claim\"], \"values\": [{\"name\": \"X\"}]}"),
    "t.json: attributes[0].values[0].id: missing" },
  { "value-id-invalid", ATTRS ("{\"id\": \"a\", \"type\": \"choice\", \"applies_to\": [\"claim\"], \"values\": [{\"id\": \"Mostly true\"}]}"),
    "t.json: attributes[0].values[0].id: \"Mostly true\" is not a valid id (use a-z, 0-9, \"_\" and \"-\", starting with a letter or digit)" },
  { "value-id-duplicate", ATTRS ("{\"id\": \"a\", \"type\": \"choice\", \"applies_to\": [\"claim\"], "
                                 "\"values\": [{\"id\": \"true\"}, {\"id\": \"false\"}, {\"id\": \"true\"}]}"),
    "t.json: attributes[0].values[2].id: \"true\" is already used by attributes[0].values[0]" },
  { "value-name-empty", ATTRS ("{\"id\": \"a\", \"type\": \"choice\", \"applies_to\": [\"claim\"], \"values\": [{\"id\": \"x\", \"name\": \"\"}]}"),
    "t.json: attributes[0].values[0].name: must not be empty" },
  { "value-key-long", ATTRS ("{\"id\": \"a\", \"type\": \"choice\", \"applies_to\": [\"claim\"], \"values\": [{\"id\": \"x\", \"key\": \"ab\"}]}"),
    "t.json: attributes[0].values[0].key: \"ab\" is not a single printable character" },
  { "value-key-duplicate", ATTRS ("{\"id\": \"a\", \"type\": \"choice\", \"applies_to\": [\"claim\"], "
                                  "\"values\": [{\"id\": \"true\", \"key\": \"t\"}, {\"id\": \"totally\", \"key\": \"T\"}]}"),
    "t.json: attributes[0].values[1].key: \"T\" is already the key of attributes[0].values[0]" },
  /* pattern */
  { "pattern-type", ATTRS ("{\"id\": \"a\", \"type\": \"text\", \"applies_to\": [\"claim\"], \"pattern\": 5}"),
    "t.json: attributes[0].pattern: expected a string, not a number" },
  /* min, max */
  { "min-type", ATTRS ("{\"id\": \"a\", \"type\": \"number\", \"applies_to\": [\"claim\"], \"min\": \"0\"}"),
    "t.json: attributes[0].min: expected a number, not a string" },
  { "max-type", ATTRS ("{\"id\": \"a\", \"type\": \"number\", \"applies_to\": [\"claim\"], \"max\": true}"),
    "t.json: attributes[0].max: expected a number, not a boolean" },
  { "min-over-max", ATTRS ("{\"id\": \"a\", \"type\": \"number\", \"applies_to\": [\"claim\"], \"min\": 0.5, \"max\": 0.25}"),
    "t.json: attributes[0].max: 0.25 is less than \"min\" (0.5)" },
  { "min-over-max-integers", FIELDS ("{\"id\": \"a\", \"type\": \"number\", \"min\": 10, \"max\": -3}"),
    "t.json: document_labels[0].max: -3 is less than \"min\" (10)" },
  /* key */
  { "key-long", ATTRS ("{\"id\": \"a\", " BOOL_ON_CLAIM ", \"key\": \"ab\"}"),
    "t.json: attributes[0].key: \"ab\" is not a single printable character" },
  { "key-type", ATTRS ("{\"id\": \"a\", " BOOL_ON_CLAIM ", \"key\": 1}"),
    "t.json: attributes[0].key: expected a string, not a number" },
  { "key-duplicate", ATTRS ("{\"id\": \"a\", " BOOL_ON_CLAIM ", \"key\": \"v\"}, {\"id\": \"b\", " BOOL_ON_CLAIM ", \"key\": \"V\"}"),
    "t.json: attributes[1].key: \"V\" is already the key of attributes[0]" },
  { "field-key-duplicate", FIELDS ("{\"id\": \"a\", \"type\": \"boolean\", \"key\": \"é\"}, {\"id\": \"b\", \"type\": \"boolean\", \"key\": \"É\"}"),
    "t.json: document_labels[1].key: \"É\" is already the key of document_labels[0]" },
  /* default */
  { "default-boolean", ATTRS ("{\"id\": \"checkworthy\", \"name\": \"Check-worthy\", " BOOL_ON_CLAIM ", \"default\": \"yes\"}"),
    "t.json: attributes[0].default: “Check-worthy” is true or false, not “yes”" },
  { "default-not-a-value", ATTRS (VERDICT ", \"default\": \"maybe\"}"),
    "t.json: attributes[0].default: “maybe” is not a value of “verdict” (true, false)" },
  { "default-choice-type", ATTRS (VERDICT ", \"default\": true}"),
    "t.json: attributes[0].default: “verdict” takes one of its values, not true" },
  { "default-multiple-not-list", FIELDS (TOPIC ", \"default\": \"politics\"}"),
    "t.json: document_labels[0].default: “topic” takes a list of its values, not “politics”" },
  { "default-multiple-unknown", FIELDS (TOPIC ", \"default\": [\"economy\", \"sport\"]}"),
    "t.json: document_labels[0].default: “sport” is not a value of “topic” (politics, economy)" },
  { "default-multiple-twice", FIELDS (TOPIC ", \"default\": [\"economy\", \"economy\"]}"),
    "t.json: document_labels[0].default: “economy” is chosen twice for “topic”" },
  { "default-multiple-number", FIELDS (TOPIC ", \"default\": [\"economy\", 1]}"),
    "t.json: document_labels[0].default: a list of values holds only strings, not a number" },
  { "default-pattern", ATTRS (WIKIDATA ", \"default\": \"42\"}"),
    "t.json: attributes[0].default: “42” does not match the pattern of “wikidata” (Q[0-9]+)" },
  { "default-text-type", ATTRS (WIKIDATA ", \"default\": 42}"),
    "t.json: attributes[0].default: “wikidata” takes a text, not 42" },
  { "default-below-min", ATTRS (CONFIDENCE ", \"default\": -1}"),
    "t.json: attributes[0].default: -1 is less than the minimum of “confidence” (0)" },
  { "default-above-max", ATTRS (CONFIDENCE ", \"default\": 1.5}"),
    "t.json: attributes[0].default: 1.5 is more than the maximum of “confidence” (1)" },
  { "default-number-type", ATTRS (CONFIDENCE ", \"default\": \"high\"}"),
    "t.json: attributes[0].default: “confidence” takes a number, not “high”" },
  { "default-object", ATTRS (CONFIDENCE ", \"default\": {}}"),
    "t.json: attributes[0].default: expected true, false, a string, a number or a list of strings, not an object" },
  /* Relation keys */
  { "relation-key-long", RELATIONS ("{\"type\": \"speaker\", \"key\": \"sp\"}"),
    "t.json: relations[0].key: \"sp\" is not a single printable character" },
  { "relation-key-type", RELATIONS ("{\"type\": \"speaker\", \"key\": [\"s\"]}"),
    "t.json: relations[0].key: expected a string, not an array" },
  { "relation-key-duplicate", RELATIONS ("{\"type\": \"speaker\", \"key\": \"s\"}, {\"type\": \"supports\", \"key\": \"S\"}"),
    "t.json: relations[1].key: \"S\" is already the key of relations[0]" },
};

static void
test_error_case (gconstpointer data)
{
  const ErrorCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossLabelSet) set = NULL;

  set = gloss_label_set_new_from_data (c->data, -1, "t.json", &error);
  g_assert_null (set);
  g_assert_nonnull (error);
  g_assert_cmpstr (error->message, ==, c->message);
  g_assert_true (error->domain == GLOSS_ERROR);
}

/* GRegex words the reason (and GLib translates it): only our part is
 * checked exactly. */
static void
test_error_pattern (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossLabelSet) set = NULL;
  static const char prefix[] = "t.json: attributes[0].pattern: \"Q[0-9\" is not a valid regular expression (";

  set = gloss_label_set_new_from_data (ATTRS ("{\"id\": \"wikidata\", \"type\": \"text\", \"applies_to\": [\"person\"], \"pattern\": \"Q[0-9\"}"), -1, "t.json", &error);
  g_assert_null (set);
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, prefix));
  g_assert_cmpuint (strlen (error->message), >, strlen (prefix) + 1);
  g_assert_true (g_str_has_suffix (error->message, ")"));
  g_assert_null (strchr (error->message, '\n'));
}

/* Every problem at once, in file order. */
static void
test_error_several (void)
{
  static const char data[] =
    HEAD
    "\"relations\": [{\"type\": \"speaker\", \"key\": \"s\"}, {\"type\": \"about\", \"key\": \"s\"}],\n"
    "\"attributes\": [\n"
    "  {\"id\": \"verdict\", \"type\": \"choice\", \"applies_to\": [\"claims\"], \"key\": \"v\",\n"
    "   \"values\": [{\"id\": \"true\"}, {\"id\": \"true\"}], \"default\": \"maybe\"},\n"
    "  {\"id\": \"verdict\", \"type\": \"date\", \"key\": \"v\"},\n"
    "  {\"id\": \"n\", \"type\": \"number\", \"applies_to\": [\"kind:claim\"], \"min\": 2, \"max\": 1, \"pattern\": \"x\"}\n"
    "],\n"
    "\"document_labels\": [{\"id\": \"topic\", \"type\": \"choice\", \"multiple\": \"yes\", \"values\": []}]\n"
    "}\n";
  static const char expected[] =
    "f.json: relations[1].key: \"s\" is already the key of relations[0]\n"
    "f.json: attributes[0].applies_to[0]: \"claims\" is not a label of this set\n"
    "f.json: attributes[0].values[1].id: \"true\" is already used by attributes[0].values[0]\n"
    "f.json: attributes[1].id: \"verdict\" is already used by attributes[0]\n"
    "f.json: attributes[1].type: \"date\" is not one of \"choice\", \"boolean\", \"text\" or \"number\"\n"
    "f.json: attributes[1].applies_to: missing\n"
    "f.json: attributes[1].key: \"v\" is already the key of attributes[0]\n"
    "f.json: attributes[2].pattern: only allowed when \"type\" is \"text\"\n"
    "f.json: attributes[2].max: 1 is less than \"min\" (2)\n"
    "f.json: document_labels[0].multiple: expected true or false, not a string\n"
    "f.json: document_labels[0].values: must list at least one value";
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossLabelSet) set = NULL;

  set = gloss_label_set_new_from_data (data, -1, "f.json", &error);
  g_assert_null (set);
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, expected);
}

/* A newer version is judged by nothing but its version. */
static void
test_error_newer_version (void)
{
  static const char data[] =
    "{\"format\": \"gloss-labels\", \"version\": 2, \"labels\": [{\"id\": \"claim\", \"kind\": \"claim\"}],"
    " \"attributes\": [{\"id\": \"Bad\", \"type\": \"date\"}], \"document_labels\": 7}";
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossLabelSet) set = NULL;

  set = gloss_label_set_new_from_data (data, -1, "t.json", &error);
  g_assert_null (set);
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "t.json: version: 2 needs a newer version of Gloss (this one reads version 1)");
}

/* Values */

static void
assert_value_ok (GlossAttribute *attribute,
                 GVariant       *value)
{
  g_autoptr(GVariant) owned = value != NULL ? g_variant_ref_sink (value) : NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_attribute_check_value (attribute, owned, &error));
  g_assert_no_error (error);
}

static void
assert_value_refused (GlossAttribute *attribute,
                      GVariant       *value,
                      const char     *message)
{
  g_autoptr(GVariant) owned = value != NULL ? g_variant_ref_sink (value) : NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (gloss_attribute_check_value (attribute, owned, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_check_boolean (void)
{
  g_autoptr(GlossLabelSet) set = load_example ();
  GlossAttribute *checkworthy = gloss_label_set_lookup_attribute (set, "checkworthy");

  assert_value_ok (checkworthy, g_variant_new_boolean (TRUE));
  assert_value_ok (checkworthy, g_variant_new_boolean (FALSE));
  assert_value_ok (checkworthy, NULL);  /* not required */
  assert_value_refused (checkworthy, g_variant_new_string ("yes"),
                        "“Check-worthy” is true or false, not “yes”");
  assert_value_refused (checkworthy, g_variant_new_double (1),
                        "“Check-worthy” is true or false, not 1");
  /* Types outside the four are refused too, and described. */
  assert_value_refused (checkworthy, g_variant_new_int32 (1),
                        "“Check-worthy” is true or false, not “1”");
}

static void
test_check_choice (void)
{
  g_autoptr(GlossLabelSet) set = load_example ();
  GlossAttribute *verdict = gloss_label_set_lookup_attribute (set, "verdict");
  GlossAttribute *form = gloss_label_set_lookup_attribute (set, "form");
  const char * const two[] = { "true", "false", NULL };

  assert_value_ok (verdict, g_variant_new_string ("mostly-true"));
  assert_value_ok (verdict, NULL);
  assert_value_refused (verdict, g_variant_new_string ("maybe"),
                        "“maybe” is not a value of “Verdict” (true, mostly-true, mixed, false, unverifiable)");
  /* A value's name is not its id. */
  assert_value_refused (verdict, g_variant_new_string ("Mixed"),
                        "“Mixed” is not a value of “Verdict” (true, mostly-true, mixed, false, unverifiable)");
  assert_value_refused (verdict, g_variant_new_boolean (TRUE),
                        "“Verdict” takes one of its values, not true");
  assert_value_refused (verdict, g_variant_new_strv (two, -1),
                        "“Verdict” takes one of its values, not “true”, “false”");

  /* Required: no value is a problem. */
  assert_value_ok (form, g_variant_new_string ("partial"));
  assert_value_refused (form, NULL, "“Form” is required");
}

static void
test_check_multiple (void)
{
  g_autoptr(GlossLabelSet) set = load_example ();
  GlossAttribute *topic = gloss_label_set_lookup_document_field (set, "topic");
  const char * const two[] = { "climate", "politics", NULL };
  const char * const twice[] = { "climate", "health", "climate", NULL };
  const char * const unknown[] = { "climate", "sport", NULL };
  const char * const none[] = { NULL };
  g_autoptr(GlossAttribute) required = NULL;
  g_autoptr(GVariant) choices = NULL;

  assert_value_ok (topic, g_variant_new_strv (two, -1));
  assert_value_ok (topic, g_variant_new_strv (none, -1));
  assert_value_refused (topic, g_variant_new_strv (twice, -1),
                        "“climate” is chosen twice for “Topic”");
  assert_value_refused (topic, g_variant_new_strv (unknown, -1),
                        "“sport” is not a value of “Topic” (politics, economy, health, climate)");
  assert_value_refused (topic, g_variant_new_string ("climate"),
                        "“Topic” takes a list of its values, not “climate”");

  /* An empty list is no value at all. */
  choices = g_variant_ref_sink (g_variant_new_parsed ("[('a', 'A', uint32 0)]"));
  required = g_object_new (GLOSS_TYPE_ATTRIBUTE,
                           "id", "tags", "value-type", GLOSS_ATTRIBUTE_CHOICE,
                           "multiple", TRUE, "required", TRUE, "choices", choices,
                           NULL);
  assert_value_refused (required, g_variant_new_strv (none, -1), "“tags” is required");
  assert_value_refused (required, g_variant_new_parsed ("@as []"), "“tags” is required");
  assert_value_ok (required, g_variant_new_parsed ("['a']"));
}

static void
test_check_text (void)
{
  g_autoptr(GlossLabelSet) set = load_example ();
  GlossAttribute *wikidata = gloss_label_set_lookup_attribute (set, "wikidata");
  GlossAttribute *note = gloss_label_set_lookup_attribute (set, "note");

  assert_value_ok (wikidata, g_variant_new_string ("Q42"));
  assert_value_ok (wikidata, g_variant_new_string ("Q1234567"));
  /* The whole value must match. */
  assert_value_refused (wikidata, g_variant_new_string ("42"),
                        "“42” does not match the pattern of “Wikidata item” (Q[0-9]+)");
  assert_value_refused (wikidata, g_variant_new_string ("Q42x"),
                        "“Q42x” does not match the pattern of “Wikidata item” (Q[0-9]+)");
  assert_value_refused (wikidata, g_variant_new_string ("see Q42"),
                        "“see Q42” does not match the pattern of “Wikidata item” (Q[0-9]+)");
  assert_value_refused (wikidata, g_variant_new_string ("Q42\n"),
                        "“Q42\\n” does not match the pattern of “Wikidata item” (Q[0-9]+)");
  assert_value_refused (wikidata, g_variant_new_string (""),
                        "“” does not match the pattern of “Wikidata item” (Q[0-9]+)");
  assert_value_refused (wikidata, g_variant_new_double (42),
                        "“Wikidata item” takes a text, not 42");
  /* Long values are cut in messages. */
  assert_value_refused (wikidata, g_variant_new_string ("Q0123456789012345678901234567890123456789xyz"),
                        "“Q012345678901234567890123456789012345678…” does not match the pattern of “Wikidata item” (Q[0-9]+)");

  /* An alternation may not stop at its first branch. */
  {
    g_autoptr(GlossAttribute) alternation = g_object_new (GLOSS_TYPE_ATTRIBUTE,
                                                          "id", "code",
                                                          "value-type", GLOSS_ATTRIBUTE_TEXT,
                                                          "pattern", "Q|Q1",
                                                          NULL);
    assert_value_ok (alternation, g_variant_new_string ("Q1"));
    assert_value_ok (alternation, g_variant_new_string ("Q"));
    assert_value_refused (alternation, g_variant_new_string ("Q12"),
                          "“Q12” does not match the pattern of “code” (Q|Q1)");
  }

  /* Without a pattern, any text. */
  assert_value_ok (note, g_variant_new_string (""));
  assert_value_ok (note, g_variant_new_string ("anything at all"));
}

static void
test_check_number (void)
{
  g_autoptr(GlossLabelSet) set = load_example ();
  GlossAttribute *confidence = gloss_label_set_lookup_attribute (set, "confidence");
  g_autoptr(GlossAttribute) unbounded = g_object_new (GLOSS_TYPE_ATTRIBUTE,
                                                      "id", "count",
                                                      "value-type", GLOSS_ATTRIBUTE_NUMBER,
                                                      NULL);

  assert_value_ok (confidence, g_variant_new_double (0));
  assert_value_ok (confidence, g_variant_new_double (0.75));
  assert_value_ok (confidence, g_variant_new_double (1));
  assert_value_refused (confidence, g_variant_new_double (1.5),
                        "1.5 is more than the maximum of “Confidence” (1)");
  assert_value_refused (confidence, g_variant_new_double (-0.1),
                        "-0.1 is less than the minimum of “Confidence” (0)");
  assert_value_refused (confidence, g_variant_new_double (NAN),
                        "“Confidence” takes a finite number");
  assert_value_refused (confidence, g_variant_new_string ("high"),
                        "“Confidence” takes a number, not “high”");

  assert_value_ok (unbounded, g_variant_new_double (-1e300));
  assert_value_ok (unbounded, g_variant_new_double (1e300));
  assert_value_refused (unbounded, g_variant_new_double (INFINITY),
                        "“count” takes a finite number");
}

/* JSON in and out: what the sidecar reader and writer will use. */
static void
assert_json_round_trip (const char *json,
                        const char *variant_text,
                        const char *written)
{
  g_autoptr(GlossJsonDoc) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) value = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *printed = NULL;
  g_autofree char *text = NULL;
  guint line, column;

  doc = gloss_json_doc_parse (json, strlen (json), 8, &line, &column, &error);
  g_assert_no_error (error);

  value = gloss_attribute_value_from_json (gloss_json_doc_get_root (doc), &error);
  g_assert_no_error (error);
  g_assert_nonnull (value);
  g_assert_false (g_variant_is_floating (value));
  printed = g_variant_print (value, TRUE);
  g_assert_cmpstr (printed, ==, variant_text);

  node = gloss_attribute_value_to_json (value);
  g_assert_nonnull (node);
  text = gloss_json_to_string (node);
  g_assert_cmpstr (text, ==, written);
}

static void
test_value_json (void)
{
  assert_json_round_trip ("true", "true", "true\n");
  assert_json_round_trip ("false", "false", "false\n");
  assert_json_round_trip ("\"mostly-true\"", "'mostly-true'", "\"mostly-true\"\n");
  assert_json_round_trip ("\"Q42 \\u00e9\\n\"", "'Q42 é\\n'", "\"Q42 é\\n\"\n");
  /* Integers stay integers; decimals keep their digits. */
  assert_json_round_trip ("3", "3.0", "3\n");
  assert_json_round_trip ("-12", "-12.0", "-12\n");
  assert_json_round_trip ("0.25", "0.25", "0.25\n");
  assert_json_round_trip ("2.0", "2.0", "2\n");
  assert_json_round_trip ("1e300", "1.0000000000000001e+300", "1e+300\n");
  assert_json_round_trip ("[\"politics\", \"health\"]", "['politics', 'health']",
                          "[\n  \"politics\",\n  \"health\"\n]\n");
  assert_json_round_trip ("[]", "@as []", "[]\n");
}

/* A negative zero keeps its sign through a save (docs/sidecar.md): it is
 * written "-0.0", which our reader, json-glib's and Python's json read as a
 * double; "-0" reads as the integer 0 everywhere, so it is not written. */
static void
test_value_negative_zero (void)
{
  g_autoptr(GVariant) zero = g_variant_ref_sink (g_variant_new_double (-0.0));
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GlossJsonDoc) doc = NULL;
  g_autoptr(GVariant) back = NULL;
  g_autoptr(GError) error = NULL;
  guint line, column;

  g_assert_true (gloss_attribute_value_write (out, zero, 0));
  g_assert_cmpstr (out->str, ==, "-0.0");
  doc = gloss_json_doc_parse (out->str, out->len, 8, &line, &column, &error);
  g_assert_no_error (error);
  back = gloss_attribute_value_from_json (gloss_json_doc_get_root (doc), &error);
  g_assert_no_error (error);
  g_assert_true (g_variant_is_of_type (back, G_VARIANT_TYPE_DOUBLE));
  g_assert_true (g_variant_get_double (back) == 0 && signbit (g_variant_get_double (back)));

  assert_json_round_trip ("-0.0", "-0.0", "-0.0\n");
  assert_json_round_trip ("-0", "0.0", "0\n");
  assert_json_round_trip ("0.0", "0.0", "0\n");
}

/* A whole number a double cannot hold exactly (past 2^53, or past 64
 * bits, where it is read as a double rather than failing the file) is
 * read as the nearest double, and the readers warn with what was kept. */
static void
test_value_rounding (void)
{
  static const struct { const char *json; const char *variant; const char *kept; } cases[] = {
    { "9007199254740992", "9007199254740992.0", NULL },
    { "9007199254740993", "9007199254740992.0", "9007199254740992" },
    { "-9007199254740995", "-9007199254740996.0", "-9007199254740996" },
    { "123456789012345678901234567890", "1.2345678901234568e+29", "123456789012345677877719597056" },
    { "18446744073709551616", "1.8446744073709552e+19", NULL },
    { "1.2e29", "1.2e+29", NULL },
    { "\"9007199254740993\"", "'9007199254740993'", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GlossJsonDoc) doc = NULL;
      g_autoptr(GVariant) value = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *printed = NULL;
      g_autofree char *rounding = NULL;
      guint line, column;

      g_test_message ("%s", cases[i].json);
      doc = gloss_json_doc_parse (cases[i].json, strlen (cases[i].json), 8, &line, &column, &error);
      g_assert_no_error (error);
      value = gloss_attribute_value_from_json (gloss_json_doc_get_root (doc), &error);
      g_assert_no_error (error);
      printed = g_variant_print (value, FALSE);
      g_assert_cmpstr (printed, ==, cases[i].variant);

      rounding = gloss_attribute_describe_rounding (gloss_json_doc_get_root (doc));
      if (cases[i].kept == NULL)
        g_assert_null (rounding);
      else
        {
          g_autofree char *expected =
            g_strdup_printf ("a whole number past 2^53 cannot be kept exactly; kept as %s, the nearest that can be",
                             cases[i].kept);

          g_assert_cmpstr (rounding, ==, expected);
        }
    }
}

/* Straight into a string, as the sidecar's snapshot writer prints: the
 * same bytes as the tree writer, at any depth. */
static void
test_value_write (void)
{
  struct { const char *variant; guint indent; const char *expected; } cases[] = {
    { "true", 6, "true" },
    { "'Q42 \"x\"'", 6, "\"Q42 \\\"x\\\"\"" },
    { "3.0", 6, "3" },
    { "0.5", 6, "0.5" },
    { "@as []", 6, "[]" },
    { "['politics', 'health']", 6, "[\n        \"politics\",\n        \"health\"\n      ]" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GVariant) value = g_variant_ref_sink (g_variant_new_parsed (cases[i].variant));
      g_autoptr(GString) out = g_string_new ("x");
      g_autoptr(GString) tree = g_string_new ("x");
      g_autoptr(JsonNode) node = gloss_attribute_value_to_json (value);

      g_assert_true (gloss_attribute_value_write (out, value, cases[i].indent));
      g_assert_cmpstr (out->str + 1, ==, cases[i].expected);
      gloss_json_write_node (tree, node, cases[i].indent);
      g_assert_cmpstr (out->str, ==, tree->str);
    }

  {
    g_autoptr(GVariant) wrong = g_variant_ref_sink (g_variant_new_uint32 (7));
    g_autoptr(GString) out = g_string_new ("x");

    g_assert_false (gloss_attribute_value_write (out, wrong, 0));
    g_assert_cmpstr (out->str, ==, "x");
  }
}

static void
assert_json_refused (const char *json,
                     const char *message)
{
  g_autoptr(GlossJsonDoc) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) value = NULL;
  guint line, column;

  doc = gloss_json_doc_parse (json, strlen (json), 8, &line, &column, &error);
  g_assert_no_error (error);

  value = gloss_attribute_value_from_json (gloss_json_doc_get_root (doc), &error);
  g_assert_null (value);
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_value_json_refused (void)
{
  g_autoptr(GVariant) wrong = g_variant_ref_sink (g_variant_new_int32 (1));
  g_autoptr(GVariant) nan = g_variant_ref_sink (g_variant_new_double (NAN));

  assert_json_refused ("null", "expected true, false, a string, a number or a list of strings, not null");
  assert_json_refused ("{\"a\": 1}", "expected true, false, a string, a number or a list of strings, not an object");
  assert_json_refused ("[\"a\", true]", "a list of values holds only strings, not a boolean");
  assert_json_refused ("[[\"a\"]]", "a list of values holds only strings, not an array");

  /* Only the four types, and only what JSON can hold, are written. */
  g_assert_null (gloss_attribute_value_to_json (wrong));
  g_assert_null (gloss_attribute_value_to_json (nan));
}

static void
test_describe_value (void)
{
  struct { const char *variant; const char *expected; } cases[] = {
    { "true", "true" },
    { "0.1", "0.1" },
    { "-3.0", "-3" },
    { "'mixed'", "“mixed”" },
    { "'a\tb'", "“a\\tb”" },
    { "['a', 'b']", "“a”, “b”" },
    { "@as []", "no value" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GVariant) value = g_variant_ref_sink (g_variant_new_parsed (cases[i].variant));
      g_autofree char *described = gloss_attribute_describe_value (value);

      g_assert_cmpstr (described, ==, cases[i].expected);
    }
}

/* The GObject side: construct-only properties read back. */
static void
test_properties (void)
{
  const char * const applies[] = { "kind:claim", "quote", NULL };
  g_autoptr(GVariant) choices = g_variant_ref_sink (g_variant_new_parsed ("[('yes', 'Yes', uint32 89), ('no', '', uint32 0)]"));
  g_autoptr(GVariant) def = g_variant_ref_sink (g_variant_new_string ("no"));
  g_autoptr(GlossAttribute) attribute = NULL;
  g_autoptr(GlossAttribute) bare = NULL;
  g_autofree char *id = NULL, *name = NULL, *pattern = NULL;
  g_auto(GStrv) applies_to = NULL;
  g_autoptr(GVariant) got_choices = NULL;
  g_autoptr(GVariant) got_default = NULL;
  GlossAttributeType type;
  gboolean required, multiple;
  guint shortcut;
  double minimum, maximum;
  GlossAttributeType parsed;

  attribute = g_object_new (GLOSS_TYPE_ATTRIBUTE,
                            "id", "agree", "name", "Agree", "value-type", GLOSS_ATTRIBUTE_CHOICE,
                            "applies-to", applies, "required", TRUE, "shortcut", (guint) 'A',
                            "choices", choices, "default-value", def,
                            NULL);
  g_object_get (attribute,
                "id", &id, "name", &name, "value-type", &type, "applies-to", &applies_to,
                "required", &required, "multiple", &multiple, "shortcut", &shortcut,
                "choices", &got_choices, "default-value", &got_default, "pattern", &pattern,
                "minimum", &minimum, "maximum", &maximum,
                NULL);
  g_assert_cmpstr (id, ==, "agree");
  g_assert_cmpstr (name, ==, "Agree");
  g_assert_cmpint (type, ==, GLOSS_ATTRIBUTE_CHOICE);
  g_assert_cmpstrv (applies_to, applies);
  g_assert_true (required);
  g_assert_false (multiple);
  g_assert_cmpuint (shortcut, ==, 'a');
  g_assert_true (g_variant_equal (got_choices, choices));
  g_assert_true (g_variant_equal (got_default, def));
  g_assert_null (pattern);
  g_assert_true (isinf (minimum) && minimum < 0);
  g_assert_true (isinf (maximum) && maximum > 0);
  g_assert_cmpstr (gloss_attribute_get_choice_name (attribute, 1), ==, "no");
  g_assert_cmpuint (gloss_attribute_get_choice_key (attribute, 0), ==, 'y');

  bare = g_object_new (GLOSS_TYPE_ATTRIBUTE, NULL);
  g_assert_cmpstr (gloss_attribute_get_id (bare), ==, "");
  g_assert_cmpstr (gloss_attribute_get_name (bare), ==, "");
  g_assert_cmpint (gloss_attribute_get_value_type (bare), ==, GLOSS_ATTRIBUTE_TEXT);

  /* The file's words for the types. */
  for (guint i = GLOSS_ATTRIBUTE_CHOICE; i <= GLOSS_ATTRIBUTE_NUMBER; i++)
    {
      g_assert_true (gloss_attribute_type_from_string (gloss_attribute_type_to_string (i), &parsed));
      g_assert_cmpint (parsed, ==, i);
    }
  g_assert_cmpstr (gloss_attribute_type_to_string (GLOSS_ATTRIBUTE_BOOLEAN), ==, "boolean");
  g_assert_null (gloss_attribute_type_to_string (99));
  g_assert_false (gloss_attribute_type_from_string ("Choice", NULL));
  g_assert_false (gloss_attribute_type_from_string (NULL, NULL));
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/attributes/parse/attributes", test_parse_attributes);
  g_test_add_func ("/attributes/parse/document-fields", test_parse_document_fields);
  g_test_add_func ("/attributes/parse/for-label", test_attributes_for_label);
  g_test_add_func ("/attributes/parse/relation-keys", test_relation_keys);
  g_test_add_func ("/attributes/parse/old-files", test_old_files_unchanged);
  g_test_add_func ("/attributes/parse/docs-example", test_docs_example);

  for (guint i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/attributes/error/%s", error_cases[i].path);
      g_test_add_data_func (path, &error_cases[i], test_error_case);
    }
  g_test_add_func ("/attributes/error/pattern", test_error_pattern);
  g_test_add_func ("/attributes/error/several", test_error_several);
  g_test_add_func ("/attributes/error/newer-version", test_error_newer_version);

  g_test_add_func ("/attributes/value/boolean", test_check_boolean);
  g_test_add_func ("/attributes/value/choice", test_check_choice);
  g_test_add_func ("/attributes/value/multiple", test_check_multiple);
  g_test_add_func ("/attributes/value/text", test_check_text);
  g_test_add_func ("/attributes/value/number", test_check_number);
  g_test_add_func ("/attributes/value/json", test_value_json);
  g_test_add_func ("/attributes/value/json-refused", test_value_json_refused);
  g_test_add_func ("/attributes/value/write", test_value_write);
  g_test_add_func ("/attributes/value/negative-zero", test_value_negative_zero);
  g_test_add_func ("/attributes/value/rounding", test_value_rounding);
  g_test_add_func ("/attributes/value/describe", test_describe_value);
  g_test_add_func ("/attributes/properties", test_properties);

  return g_test_run ();
}
