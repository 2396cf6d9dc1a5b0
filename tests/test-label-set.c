/* test-label-set.c — labels, the built-in set, gloss-labels.json and its lookup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "gloss.h"
#include "gloss-label-set-reader.h"
#include "gloss-test-utils.h"

/* A valid file to start from; the error cases below each break one thing. */
#define VALID_LABEL "{\"id\": \"claim\", \"kind\": \"claim\"}"
#define HEAD "{\"format\": \"gloss-labels\", \"version\": 1, "

static const char valid_file[] =
  "{\n"
  "  \"format\": \"gloss-labels\",\n"
  "  \"version\": 1,\n"
  "  \"comment\": \"unknown members are ignored\",\n"
  "  \"labels\": [\n"
  "    {\"id\": \"claim\", \"kind\": \"claim\", \"name\": \"Checkable claim\", \"color\": \"#E5A50A\", \"key\": \"c\"},\n"
  "    {\"id\": \"quote\", \"kind\": \"quote\", \"name\": \"Quote\", \"color\": \"#3584e4\", \"key\": \"Q\"},\n"
  "    {\"id\": \"politician\", \"kind\": \"entity\", \"name\": \"Politician\", \"color\": \"#c061cb\", \"key\": \"p\", \"wikidata\": \"Q82955\"},\n"
  "    {\"id\": \"party_2\", \"kind\": \"entity\"},\n"
  "    {\"id\": \"ngo\", \"kind\": \"entity\", \"name\": null, \"color\": null, \"key\": null},\n"
  "    {\"id\": \"ville\", \"kind\": \"entity\", \"name\": \"Ville\", \"key\": \"é\"}\n"
  "  ],\n"
  "  \"relations\": [{\"type\": \"contradicts\"}, {\"type\": \"speaker\"}, {\"type\": \"member-of\", \"description\": \"ignored\"}]\n"
  "}\n";

static void
test_label_kind_strings (void)
{
  GlossLabelKind kind = GLOSS_LABEL_KIND_ENTITY;

  g_assert_cmpstr (gloss_label_kind_to_string (GLOSS_LABEL_KIND_CLAIM), ==, "claim");
  g_assert_cmpstr (gloss_label_kind_to_string (GLOSS_LABEL_KIND_QUOTE), ==, "quote");
  g_assert_cmpstr (gloss_label_kind_to_string (GLOSS_LABEL_KIND_ENTITY), ==, "entity");
  g_assert_null (gloss_label_kind_to_string ((GlossLabelKind) 42));

  g_assert_true (gloss_label_kind_from_string ("claim", &kind));
  g_assert_cmpint (kind, ==, GLOSS_LABEL_KIND_CLAIM);
  g_assert_true (gloss_label_kind_from_string ("quote", &kind));
  g_assert_cmpint (kind, ==, GLOSS_LABEL_KIND_QUOTE);
  g_assert_true (gloss_label_kind_from_string ("entity", &kind));
  g_assert_cmpint (kind, ==, GLOSS_LABEL_KIND_ENTITY);

  kind = GLOSS_LABEL_KIND_QUOTE;
  g_assert_false (gloss_label_kind_from_string ("Claim", &kind));
  g_assert_false (gloss_label_kind_from_string ("", &kind));
  g_assert_false (gloss_label_kind_from_string (NULL, &kind));
  g_assert_cmpint (kind, ==, GLOSS_LABEL_KIND_QUOTE);

  g_assert_true (G_TYPE_IS_ENUM (GLOSS_TYPE_LABEL_KIND));
}

static void
test_label_properties (void)
{
  g_autoptr(GlossLabel) label = NULL;
  g_autoptr(GlossLabel) bare = NULL;
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *color = NULL;
  GlossLabelKind kind;
  guint shortcut;
  GParamSpec *pspec;

  label = gloss_label_new ("person", GLOSS_LABEL_KIND_ENTITY, "Person", "#c061cb", 'p');
  g_assert_cmpstr (gloss_label_get_id (label), ==, "person");
  g_assert_cmpint (gloss_label_get_kind (label), ==, GLOSS_LABEL_KIND_ENTITY);
  g_assert_cmpstr (gloss_label_get_name (label), ==, "Person");
  g_assert_cmpstr (gloss_label_get_color (label), ==, "#c061cb");
  g_assert_cmpuint (gloss_label_get_shortcut (label), ==, 'p');

  g_object_get (label,
                "id", &id,
                "kind", &kind,
                "name", &name,
                "color", &color,
                "shortcut", &shortcut,
                NULL);
  g_assert_cmpstr (id, ==, "person");
  g_assert_cmpint (kind, ==, GLOSS_LABEL_KIND_ENTITY);
  g_assert_cmpstr (name, ==, "Person");
  g_assert_cmpstr (color, ==, "#c061cb");
  g_assert_cmpuint (shortcut, ==, 'p');

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (label), "shortcut");
  g_assert_nonnull (pspec);
  g_assert_true (pspec->flags & G_PARAM_CONSTRUCT_ONLY);

  /* Without a name or colour a label is still showable. */
  bare = gloss_label_new ("topic", GLOSS_LABEL_KIND_CLAIM, NULL, NULL, 0);
  g_assert_cmpstr (gloss_label_get_name (bare), ==, "topic");
  g_assert_nonnull (gloss_label_get_color (bare));
  g_assert_cmpuint (gloss_label_get_shortcut (bare), ==, 0);
}

static gboolean
is_color (const char *color)
{
  if (color == NULL || strlen (color) != 7 || color[0] != '#')
    return FALSE;
  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (color[i]) || g_ascii_isupper (color[i]))
      return FALSE;
  return TRUE;
}

static void
assert_label (GlossLabelSet  *set,
              const char     *id,
              GlossLabelKind  kind,
              const char     *name,
              const char     *color,
              gunichar        shortcut)
{
  GlossLabel *label = gloss_label_set_lookup (set, id);

  g_assert_nonnull (label);
  g_assert_cmpstr (gloss_label_get_id (label), ==, id);
  g_assert_cmpint (gloss_label_get_kind (label), ==, kind);
  g_assert_cmpstr (gloss_label_get_name (label), ==, name);
  if (color != NULL)
    g_assert_cmpstr (gloss_label_get_color (label), ==, color);
  g_assert_true (is_color (gloss_label_get_color (label)));
  g_assert_cmpuint (gloss_label_get_shortcut (label), ==, shortcut);
  if (shortcut != 0)
    g_assert_true (gloss_label_set_lookup_shortcut (set, shortcut) == label);
}

static void
test_builtin (void)
{
  g_autoptr(GlossLabelSet) set = gloss_label_set_get_builtin ();
  g_autoptr(GlossLabelSet) again = gloss_label_set_get_builtin ();
  const char * const expected_ids[] = {
    "claim", "quote", "person", "organization", "location", "misc",
  };
  g_autoptr(GHashTable) colors = g_hash_table_new (g_str_hash, g_str_equal);
  const char * const *types;

  g_assert_true (set == again);
  g_assert_null (gloss_label_set_get_file (set));

  g_assert_cmpuint (gloss_label_set_get_n_labels (set), ==, G_N_ELEMENTS (expected_ids));
  for (guint i = 0; i < G_N_ELEMENTS (expected_ids); i++)
    {
      g_autoptr(GlossLabel) label = g_list_model_get_item (G_LIST_MODEL (set), i);

      g_assert_cmpstr (gloss_label_get_id (label), ==, expected_ids[i]);
      /* Each label has a colour of its own. */
      g_assert_false (g_hash_table_contains (colors, gloss_label_get_color (label)));
      g_hash_table_add (colors, (gpointer) gloss_label_get_color (label));
    }

  assert_label (set, "claim", GLOSS_LABEL_KIND_CLAIM, "Claim", "#e5a50a", 'c');
  assert_label (set, "quote", GLOSS_LABEL_KIND_QUOTE, "Quote", "#f66151", 'q');
  assert_label (set, "person", GLOSS_LABEL_KIND_ENTITY, "Person", NULL, 'p');
  assert_label (set, "organization", GLOSS_LABEL_KIND_ENTITY, "Organization", NULL, 'o');
  assert_label (set, "location", GLOSS_LABEL_KIND_ENTITY, "Location", NULL, 'l');
  assert_label (set, "misc", GLOSS_LABEL_KIND_ENTITY, "Miscellaneous", NULL, 'm');

  g_assert_null (gloss_label_set_lookup (set, "topic"));
  g_assert_null (gloss_label_set_lookup (set, NULL));
  g_assert_null (gloss_label_set_lookup_shortcut (set, 'x'));
  g_assert_null (gloss_label_set_lookup_shortcut (set, 0));
  g_assert_true (gloss_label_set_lookup_shortcut (set, 'C') == gloss_label_set_lookup (set, "claim"));

  types = gloss_label_set_get_relation_types (set);
  g_assert_nonnull (types);
  g_assert_cmpstr (types[0], ==, "speaker");
  g_assert_null (types[1]);
  g_assert_true (gloss_label_set_has_relation_type (set, "speaker"));
  g_assert_false (gloss_label_set_has_relation_type (set, "contradicts"));
  g_assert_false (gloss_label_set_has_relation_type (set, NULL));
}

static void
test_list_model (void)
{
  g_autoptr(GlossLabelSet) set = gloss_label_set_get_builtin ();
  GListModel *model = G_LIST_MODEL (set);

  g_assert_true (G_IS_LIST_MODEL (set));
  g_assert_true (g_list_model_get_item_type (model) == GLOSS_TYPE_LABEL);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 6);
  g_assert_null (g_list_model_get_item (model, 6));
  g_assert_null (g_list_model_get_item (model, G_MAXUINT));
}

static void
test_valid_data (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossLabelSet) set = NULL;
  const char * const *types;
  const char * const expected_ids[] = {
    "claim", "quote", "politician", "party_2", "ngo", "ville",
  };

  set = gloss_label_set_new_from_data (valid_file, -1, "labels.json", &error);
  g_assert_no_error (error);
  g_assert_nonnull (set);
  g_assert_null (gloss_label_set_get_file (set));

  /* File order is kept. */
  g_assert_cmpuint (gloss_label_set_get_n_labels (set), ==, G_N_ELEMENTS (expected_ids));
  for (guint i = 0; i < G_N_ELEMENTS (expected_ids); i++)
    {
      g_autoptr(GlossLabel) label = g_list_model_get_item (G_LIST_MODEL (set), i);
      g_assert_cmpstr (gloss_label_get_id (label), ==, expected_ids[i]);
    }

  /* Colours are stored in lower case, keys folded to lower case. */
  assert_label (set, "claim", GLOSS_LABEL_KIND_CLAIM, "Checkable claim", "#e5a50a", 'c');
  assert_label (set, "quote", GLOSS_LABEL_KIND_QUOTE, "Quote", "#3584e4", 'q');
  assert_label (set, "politician", GLOSS_LABEL_KIND_ENTITY, "Politician", "#c061cb", 'p');
  g_assert_true (gloss_label_set_lookup_shortcut (set, 'Q') == gloss_label_set_lookup (set, "quote"));

  /* Name, colour and key are optional; null means absent. */
  assert_label (set, "party_2", GLOSS_LABEL_KIND_ENTITY, "party_2", NULL, 0);
  assert_label (set, "ngo", GLOSS_LABEL_KIND_ENTITY, "ngo", NULL, 0);
  g_assert_cmpstr (gloss_label_get_color (gloss_label_set_lookup (set, "party_2")), !=,
                   gloss_label_get_color (gloss_label_set_lookup (set, "ngo")));


  /* A key may be any single printable character. */
  assert_label (set, "ville", GLOSS_LABEL_KIND_ENTITY, "Ville", NULL, g_utf8_get_char ("é"));

  /* Not in this set: the built-in labels are replaced, not extended. */
  g_assert_null (gloss_label_set_lookup (set, "person"));

  /* "speaker" first, then the file's order. */
  types = gloss_label_set_get_relation_types (set);
  g_assert_cmpuint (g_strv_length ((char **) types), ==, 3);
  g_assert_cmpstr (types[0], ==, "speaker");
  g_assert_cmpstr (types[1], ==, "contradicts");
  g_assert_cmpstr (types[2], ==, "member-of");
  g_assert_true (gloss_label_set_has_relation_type (set, "member-of"));
  g_assert_false (gloss_label_set_has_relation_type (set, "supports"));

  /* No relation keys in the file: "speaker" draws with "s", the others
   * have none; no attributes, no fields of the article. */
  g_assert_cmpuint (gloss_label_set_get_relation_key (set, "speaker"), ==, 's');
  g_assert_cmpuint (gloss_label_set_get_relation_key (set, "contradicts"), ==, 0);
  g_assert_cmpuint (gloss_label_set_get_attributes (set)->len, ==, 0);
  g_assert_cmpuint (gloss_label_set_get_document_fields (set)->len, ==, 0);
}

/* The rules a set gives its relation types (docs/labels.md). */
static const char rules_file[] =
  "{\n"
  "  \"format\": \"gloss-labels\",\n"
  "  \"version\": 1,\n"
  "  \"labels\": [\n"
  "    {\"id\": \"claim\", \"kind\": \"claim\"},\n"
  "    {\"id\": \"quote\", \"kind\": \"quote\"},\n"
  "    {\"id\": \"aside\", \"kind\": \"quote\", \"name\": \"Aside\"},\n"
  "    {\"id\": \"politician\", \"kind\": \"entity\", \"name\": \"Politician\"},\n"
  "    {\"id\": \"party\", \"kind\": \"entity\", \"name\": \"Party\"},\n"
  "    {\"id\": \"place\", \"kind\": \"entity\", \"name\": \"Place\"}\n"
  "  ],\n"
  "  \"relations\": [\n"
  "    {\"type\": \"speaker\", \"to\": [\"politician\", \"party\"]},\n"
  "    {\"type\": \"member-of\", \"from\": [\"politician\"], \"to\": [\"party\"]},\n"
  "    {\"type\": \"contradicts\", \"from\": [\"kind:claim\"], \"to\": [\"kind:claim\", \"quote\", \"place\"]},\n"
  "    {\"type\": \"about\", \"from\": null}\n"
  "  ]\n"
  "}\n";

static void
assert_end (GlossLabelSet    *set,
            const char       *type,
            GlossRelationEnd  end,
            const char       *expected)  /* entries joined by "|", NULL: any */
{
  const char * const *entries = gloss_label_set_get_relation_end (set, type, end);
  g_autofree char *joined = entries != NULL ? g_strjoinv ("|", (char **) entries) : NULL;

  g_assert_cmpstr (joined, ==, expected);
}

static void
test_relation_rules_builtin (void)
{
  g_autoptr(GlossLabelSet) set = gloss_label_set_get_builtin ();
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  /* A quote's speaker is a person or an organization: never a place. */
  assert_end (set, "speaker", GLOSS_RELATION_FROM, "kind:quote");
  assert_end (set, "speaker", GLOSS_RELATION_TO, "person|organization");
  g_assert_true (gloss_label_set_relation_accepts (set, "speaker", GLOSS_RELATION_FROM, "quote"));
  g_assert_false (gloss_label_set_relation_accepts (set, "speaker", GLOSS_RELATION_FROM, "claim"));
  g_assert_false (gloss_label_set_relation_accepts (set, "speaker", GLOSS_RELATION_FROM, "person"));
  g_assert_true (gloss_label_set_relation_accepts (set, "speaker", GLOSS_RELATION_TO, "person"));
  g_assert_true (gloss_label_set_relation_accepts (set, "speaker", GLOSS_RELATION_TO, "organization"));
  g_assert_false (gloss_label_set_relation_accepts (set, "speaker", GLOSS_RELATION_TO, "location"));
  g_assert_false (gloss_label_set_relation_accepts (set, "speaker", GLOSS_RELATION_TO, "misc"));
  g_assert_false (gloss_label_set_relation_accepts (set, "speaker", GLOSS_RELATION_TO, "quote"));
  /* A label the set does not know is of no kind: it passes no rule. */
  g_assert_false (gloss_label_set_relation_accepts (set, "speaker", GLOSS_RELATION_TO, "persn"));
  g_assert_false (gloss_label_set_relation_accepts (set, "speaker", GLOSS_RELATION_TO, NULL));

  from = gloss_label_set_describe_relation_end (set, "speaker", GLOSS_RELATION_FROM);
  to = gloss_label_set_describe_relation_end (set, "speaker", GLOSS_RELATION_TO);
  g_assert_cmpstr (from, ==, "any quote");
  g_assert_cmpstr (to, ==, "Person or Organization");

  /* Types without a rule link anything. */
  assert_end (set, "mentions", GLOSS_RELATION_FROM, NULL);
  g_assert_null (gloss_label_set_describe_relation_end (set, "mentions", GLOSS_RELATION_TO));
  g_assert_true (gloss_label_set_relation_accepts (set, "mentions", GLOSS_RELATION_TO, "location"));
  g_assert_true (gloss_label_set_relation_accepts (set, "mentions", GLOSS_RELATION_TO, "persn"));
}

static void
test_relation_rules_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossLabelSet) set = NULL;
  g_autofree char *contradicts_to = NULL;
  g_autofree char *unknown = NULL;
  g_autofree char *known = NULL;

  set = gloss_label_set_new_from_data (rules_file, -1, "rules.json", &error);
  g_assert_no_error (error);

  /* "speaker" names its speakers; the quote end keeps its default, which
   * takes every label of kind quote. */
  assert_end (set, "speaker", GLOSS_RELATION_FROM, "kind:quote");
  assert_end (set, "speaker", GLOSS_RELATION_TO, "politician|party");
  g_assert_true (gloss_label_set_relation_accepts (set, "speaker", GLOSS_RELATION_FROM, "aside"));
  g_assert_true (gloss_label_set_relation_accepts (set, "speaker", GLOSS_RELATION_TO, "party"));
  g_assert_false (gloss_label_set_relation_accepts (set, "speaker", GLOSS_RELATION_TO, "place"));

  g_assert_true (gloss_label_set_relation_accepts (set, "member-of", GLOSS_RELATION_FROM, "politician"));
  g_assert_false (gloss_label_set_relation_accepts (set, "member-of", GLOSS_RELATION_FROM, "party"));
  g_assert_false (gloss_label_set_relation_accepts (set, "member-of", GLOSS_RELATION_TO, "politician"));

  /* Kinds and labels mix; a label id is that label only. */
  g_assert_true (gloss_label_set_relation_accepts (set, "contradicts", GLOSS_RELATION_TO, "claim"));
  g_assert_true (gloss_label_set_relation_accepts (set, "contradicts", GLOSS_RELATION_TO, "quote"));
  g_assert_false (gloss_label_set_relation_accepts (set, "contradicts", GLOSS_RELATION_TO, "aside"));
  g_assert_true (gloss_label_set_relation_accepts (set, "contradicts", GLOSS_RELATION_TO, "place"));
  contradicts_to = gloss_label_set_describe_relation_end (set, "contradicts", GLOSS_RELATION_TO);
  /* The label "quote" has no name in the file: the built-in one's. */
  g_assert_cmpstr (contradicts_to, ==, "any claim, Quote or Place");

  /* An end given as null is open, like one left out. */
  assert_end (set, "about", GLOSS_RELATION_FROM, NULL);
  assert_end (set, "about", GLOSS_RELATION_TO, NULL);

  known = gloss_label_set_describe_label (set, "party");
  unknown = gloss_label_set_describe_label (set, "persn");
  g_assert_cmpstr (known, ==, "Party");
  g_assert_cmpstr (unknown, ==, "“persn”");
}

static void
test_relation_rules_speaker_default (void)
{
  static const char with_person[] = HEAD "\"labels\": ["
    "{\"id\": \"quote\", \"kind\": \"quote\"}, {\"id\": \"person\", \"kind\": \"entity\"},"
    " {\"id\": \"place\", \"kind\": \"entity\"}]}";
  static const char without[] = HEAD "\"labels\": ["
    "{\"id\": \"quote\", \"kind\": \"quote\"}, {\"id\": \"politician\", \"kind\": \"entity\"},"
    " {\"id\": \"organization\", \"kind\": \"claim\"}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossLabelSet) set = NULL;

  /* The set's own "person" and "organization", those it has. */
  set = gloss_label_set_new_from_data (with_person, -1, "t.json", &error);
  g_assert_no_error (error);
  assert_end (set, "speaker", GLOSS_RELATION_TO, "person");
  g_assert_false (gloss_label_set_relation_accepts (set, "speaker", GLOSS_RELATION_TO, "place"));
  g_clear_object (&set);

  /* Neither (an "organization" that is not an entity does not count):
   * any entity, since the set's names for people cannot be guessed. */
  set = gloss_label_set_new_from_data (without, -1, "t.json", &error);
  g_assert_no_error (error);
  assert_end (set, "speaker", GLOSS_RELATION_TO, "kind:entity");
  g_assert_true (gloss_label_set_relation_accepts (set, "speaker", GLOSS_RELATION_TO, "politician"));
  g_assert_false (gloss_label_set_relation_accepts (set, "speaker", GLOSS_RELATION_TO, "organization"));
}

/* Every problem of the rules at once, with the labels' own. */
static void
test_relation_rules_several (void)
{
  static const char data[] = HEAD "\"labels\": [" VALID_LABEL "], \"relations\": ["
    "{\"type\": \"speaker\", \"from\": [\"quote\"], \"to\": [\"entity\", \"claim\", \"claim\"]},"
    " {\"from\": {}}]}";
  static const char expected[] =
    "t.json: relations[0].from[0]: \"quote\" is not a label of this set (for every label of that kind, write \"kind:quote\")\n"
    "t.json: relations[0].to[0]: \"entity\" is not a label of this set (for every label of that kind, write \"kind:entity\")\n"
    "t.json: relations[0].to[2]: \"claim\" is already listed at relations[0].to[1]\n"
    "t.json: relations[1].type: missing\n"
    "t.json: relations[1].from: expected an array, not an object";
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossLabelSet) set = NULL;

  set = gloss_label_set_new_from_data (data, -1, "t.json", &error);
  g_assert_null (set);
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, expected);
}

/* A bad merge of two label files: both "labels" keys, one after the
 * other. json-glib kept the second and the first list vanished without a
 * word; the file is refused, saying where, whatever reads it. */
static void
test_duplicate_keys_file (void)
{
  static const char merged[] =
    "{\n"
    "  \"format\": \"gloss-labels\",\n"
    "  \"version\": 1,\n"
    "  \"labels\": [\n"
    "    {\"id\": \"claim\", \"kind\": \"claim\"},\n"
    "    {\"id\": \"quote\", \"kind\": \"quote\"}\n"
    "  ],\n"
    "  \"labels\": [\n"
    "    {\"id\": \"person\", \"kind\": \"entity\"}\n"
    "  ]\n"
    "}\n";
  g_autofree char *root = g_dir_make_tmp ("gloss-test-labels-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (root, GLOSS_LABEL_SET_FILE_NAME, NULL);
  g_autofree char *expected = NULL;
  g_autoptr(GFile) folder = g_file_new_for_path (root);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossLabelSet) set = NULL;

  g_assert_nonnull (root);
  g_assert_true (g_file_set_contents (path, merged, -1, NULL));

  set = gloss_label_set_find_for_folder (folder, &error);
  g_assert_null (set);
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_PARSE);
  expected = g_strdup_printf ("%s: line 8, column 3: not valid JSON: duplicate member “labels”", path);
  g_assert_cmpstr (error->message, ==, expected);

  gloss_test_remove_tree (root);
}

static void
test_valid_minimal (void)
{
  static const char data[] = HEAD "\"labels\": [" VALID_LABEL "]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossLabelSet) set = NULL;
  const char * const *types;

  set = gloss_label_set_new_from_data (data, -1, "min.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_label_set_get_n_labels (set), ==, 1);

  /* "speaker" is there without being listed. */
  types = gloss_label_set_get_relation_types (set);
  g_assert_cmpstr (types[0], ==, "speaker");
  g_assert_null (types[1]);
}

/* A file's label with a built-in id and kind and no name is called as
 * the built-in one (translated); another id with no name, by its id; a
 * built-in id of another kind does not borrow the name. */
static void
test_builtin_names (void)
{
  static const char data[] = HEAD "\"labels\": ["
    "{ \"id\": \"claim\", \"kind\": \"claim\", \"color\": \"#e5a50a\", \"key\": \"c\" },"
    "{ \"id\": \"person\", \"kind\": \"entity\", \"color\": \"#c061cb\", \"key\": \"p\" },"
    "{ \"id\": \"quote\", \"kind\": \"claim\", \"color\": \"#f66151\", \"key\": \"q\" },"
    "{ \"id\": \"venue\", \"kind\": \"entity\", \"color\": \"#e66100\", \"key\": \"v\" },"
    "{ \"id\": \"location\", \"kind\": \"entity\", \"name\": \"Place\", \"color\": \"#888a85\", \"key\": \"l\" }"
    "]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossLabelSet) set = gloss_label_set_new_from_data (data, -1, "names.json", &error);
  GlossLabelSet *builtin = gloss_label_set_get_builtin ();

  g_assert_no_error (error);
  g_assert_cmpstr (gloss_label_get_name (gloss_label_set_lookup (set, "claim")), ==,
                   gloss_label_get_name (gloss_label_set_lookup (builtin, "claim")));
  g_assert_cmpstr (gloss_label_get_name (gloss_label_set_lookup (set, "person")), ==,
                   gloss_label_get_name (gloss_label_set_lookup (builtin, "person")));
  g_assert_cmpstr (gloss_label_builtin_name ("person", GLOSS_LABEL_KIND_ENTITY), ==, "Person");
  g_assert_null (gloss_label_builtin_name ("quote", GLOSS_LABEL_KIND_CLAIM));
  g_assert_cmpstr (gloss_label_get_name (gloss_label_set_lookup (set, "quote")), ==, "quote");
  g_assert_cmpstr (gloss_label_get_name (gloss_label_set_lookup (set, "venue")), ==, "venue");
  g_assert_cmpstr (gloss_label_get_name (gloss_label_set_lookup (set, "location")), ==, "Place");
}

static void
test_valid_bom (void)
{
  static const char data[] = "\xEF\xBB\xBF" HEAD "\"labels\": [" VALID_LABEL "]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossLabelSet) set = NULL;

  set = gloss_label_set_new_from_data (data, -1, "bom.json", &error);
  g_assert_no_error (error);
  g_assert_nonnull (gloss_label_set_lookup (set, "claim"));
}

static void
test_valid_length (void)
{
  /* Only the first @length bytes count; the rest is not even looked at. */
  static const char data[] = HEAD "\"labels\": [" VALID_LABEL "]}\xFF garbage";
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossLabelSet) set = NULL;

  set = gloss_label_set_new_from_data (data, strlen (data) - strlen ("\xFF garbage"),
                                       "part.json", &error);
  g_assert_no_error (error);
  g_assert_nonnull (set);
}

/* Error cases: one thing wrong, and exactly what is said about it. */
typedef struct
{
  const char *path;
  const char *data;
  int         code;  /* GlossError; an int as g_assert_error() compares */
  const char *message;
} ErrorCase;

static const ErrorCase error_cases[] = {
  { "root-array", "[]", GLOSS_ERROR_INVALID,
    "t.json: expected a JSON object at the top level, not an array" },
  { "root-string", "\"gloss-labels\"", GLOSS_ERROR_INVALID,
    "t.json: expected a JSON object at the top level, not a string" },
  { "format-missing", "{\"version\": 1, \"labels\": [" VALID_LABEL "]}", GLOSS_ERROR_INVALID,
    "t.json: format: missing (expected \"gloss-labels\")" },
  { "format-null", "{\"format\": null, \"version\": 1, \"labels\": [" VALID_LABEL "]}", GLOSS_ERROR_INVALID,
    "t.json: format: missing (expected \"gloss-labels\")" },
  { "format-wrong", "{\"format\": \"gloss\", \"version\": 1, \"labels\": [" VALID_LABEL "]}", GLOSS_ERROR_INVALID,
    "t.json: format: expected \"gloss-labels\", not \"gloss\"" },
  { "format-type", "{\"format\": 1, \"version\": 1, \"labels\": [" VALID_LABEL "]}", GLOSS_ERROR_INVALID,
    "t.json: format: expected \"gloss-labels\", not a number" },
  { "version-missing", "{\"format\": \"gloss-labels\", \"labels\": [" VALID_LABEL "]}", GLOSS_ERROR_INVALID,
    "t.json: version: missing" },
  { "version-string", "{\"format\": \"gloss-labels\", \"version\": \"1\", \"labels\": [" VALID_LABEL "]}", GLOSS_ERROR_INVALID,
    "t.json: version: expected an integer, not a string" },
  { "version-decimal", "{\"format\": \"gloss-labels\", \"version\": 1.5, \"labels\": [" VALID_LABEL "]}", GLOSS_ERROR_INVALID,
    "t.json: version: expected an integer, not a decimal number" },
  { "version-zero", "{\"format\": \"gloss-labels\", \"version\": 0, \"labels\": [" VALID_LABEL "]}", GLOSS_ERROR_INVALID,
    "t.json: version: 0 is not a valid version (expected 1)" },
  /* Only the version is reported: a newer layout is not judged by this one's rules. */
  { "version-newer", "{\"format\": \"gloss-labels\", \"version\": 2, \"labels\": {\"claim\": {}}}", GLOSS_ERROR_INVALID,
    "t.json: version: 2 needs a newer version of Gloss (this one reads version 1)" },
  { "labels-missing", HEAD "\"relations\": []}", GLOSS_ERROR_INVALID,
    "t.json: labels: missing" },
  { "labels-type", HEAD "\"labels\": {\"claim\": {}}}", GLOSS_ERROR_INVALID,
    "t.json: labels: expected an array, not an object" },
  { "labels-empty", HEAD "\"labels\": []}", GLOSS_ERROR_INVALID,
    "t.json: labels: at least one label is required" },
  { "label-type", HEAD "\"labels\": [" VALID_LABEL ", \"quote\"]}", GLOSS_ERROR_INVALID,
    "t.json: labels[1]: expected an object, not a string" },
  { "id-missing", HEAD "\"labels\": [{\"kind\": \"claim\"}]}", GLOSS_ERROR_INVALID,
    "t.json: labels[0].id: missing" },
  { "id-null", HEAD "\"labels\": [{\"id\": null, \"kind\": \"claim\"}]}", GLOSS_ERROR_INVALID,
    "t.json: labels[0].id: missing" },
  { "id-type", HEAD "\"labels\": [{\"id\": 7, \"kind\": \"claim\"}]}", GLOSS_ERROR_INVALID,
    "t.json: labels[0].id: expected a string, not a number" },
  { "id-invalid", HEAD "\"labels\": [{\"id\": \"Claim\", \"kind\": \"claim\"}]}", GLOSS_ERROR_INVALID,
    "t.json: labels[0].id: \"Claim\" is not a valid id (use a-z, 0-9, \"_\" and \"-\", starting with a letter or digit)" },
  { "id-leading-dash", HEAD "\"labels\": [{\"id\": \"-claim\", \"kind\": \"claim\"}]}", GLOSS_ERROR_INVALID,
    "t.json: labels[0].id: \"-claim\" is not a valid id (use a-z, 0-9, \"_\" and \"-\", starting with a letter or digit)" },
  { "id-empty", HEAD "\"labels\": [{\"id\": \"\", \"kind\": \"claim\"}]}", GLOSS_ERROR_INVALID,
    "t.json: labels[0].id: \"\" is not a valid id (use a-z, 0-9, \"_\" and \"-\", starting with a letter or digit)" },
  /* Control characters are escaped so that each problem stays on one line. */
  { "id-newline", HEAD "\"labels\": [{\"id\": \"a\\nb\\\"\", \"kind\": \"claim\"}]}", GLOSS_ERROR_INVALID,
    "t.json: labels[0].id: \"a\\nb\\\"\" is not a valid id (use a-z, 0-9, \"_\" and \"-\", starting with a letter or digit)" },
  { "id-too-long", HEAD "\"labels\": [{\"id\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\", \"kind\": \"claim\"}]}", GLOSS_ERROR_INVALID,
    "t.json: labels[0].id: \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…\" is longer than 64 characters" },
  { "id-duplicate", HEAD "\"labels\": [" VALID_LABEL ", {\"id\": \"quote\", \"kind\": \"quote\"}, {\"id\": \"claim\", \"kind\": \"entity\"}]}", GLOSS_ERROR_INVALID,
    "t.json: labels[2].id: \"claim\" is already used by labels[0]" },
  { "kind-missing", HEAD "\"labels\": [{\"id\": \"claim\"}]}", GLOSS_ERROR_INVALID,
    "t.json: labels[0].kind: missing" },
  { "kind-invalid", HEAD "\"labels\": [{\"id\": \"claim\", \"kind\": \"topic\"}]}", GLOSS_ERROR_INVALID,
    "t.json: labels[0].kind: \"topic\" is not one of \"claim\", \"quote\" or \"entity\"" },
  { "kind-type", HEAD "\"labels\": [{\"id\": \"claim\", \"kind\": [\"claim\"]}]}", GLOSS_ERROR_INVALID,
    "t.json: labels[0].kind: expected a string, not an array" },
  { "name-empty", HEAD "\"labels\": [{\"id\": \"claim\", \"kind\": \"claim\", \"name\": \"\"}]}", GLOSS_ERROR_INVALID,
    "t.json: labels[0].name: must not be empty" },
  { "name-blank", HEAD "\"labels\": [{\"id\": \"claim\", \"kind\": \"claim\", \"name\": \" \\t \"}]}", GLOSS_ERROR_INVALID,
    "t.json: labels[0].name: must not be empty" },
  { "name-type", HEAD "\"labels\": [{\"id\": \"claim\", \"kind\": \"claim\", \"name\": true}]}", GLOSS_ERROR_INVALID,
    "t.json: labels[0].name: expected a string, not a boolean" },
  { "color-invalid", HEAD "\"labels\": [{\"id\": \"a\", \"kind\": \"claim\"}, {\"id\": \"b\", \"kind\": \"quote\"},"
    " {\"id\": \"c\", \"kind\": \"entity\", \"color\": \"red\"}]}", GLOSS_ERROR_INVALID,
    "t.json: labels[2].color: \"red\" is not a #rrggbb colour" },
  { "color-short", HEAD "\"labels\": [{\"id\": \"a\", \"kind\": \"claim\", \"color\": \"#fff\"}]}", GLOSS_ERROR_INVALID,
    "t.json: labels[0].color: \"#fff\" is not a #rrggbb colour" },
  { "color-not-hex", HEAD "\"labels\": [{\"id\": \"a\", \"kind\": \"claim\", \"color\": \"#e5a50g\"}]}", GLOSS_ERROR_INVALID,
    "t.json: labels[0].color: \"#e5a50g\" is not a #rrggbb colour" },
  { "color-type", HEAD "\"labels\": [{\"id\": \"a\", \"kind\": \"claim\", \"color\": 16777215}]}", GLOSS_ERROR_INVALID,
    "t.json: labels[0].color: expected a string, not a number" },
  { "key-long", HEAD "\"labels\": [{\"id\": \"a\", \"kind\": \"claim\", \"key\": \"ab\"}]}", GLOSS_ERROR_INVALID,
    "t.json: labels[0].key: \"ab\" is not a single printable character" },
  { "key-empty", HEAD "\"labels\": [{\"id\": \"a\", \"kind\": \"claim\", \"key\": \"\"}]}", GLOSS_ERROR_INVALID,
    "t.json: labels[0].key: \"\" is not a single printable character" },
  { "key-space", HEAD "\"labels\": [{\"id\": \"a\", \"kind\": \"claim\", \"key\": \" \"}]}", GLOSS_ERROR_INVALID,
    "t.json: labels[0].key: \" \" is not a single printable character" },
  { "key-control", HEAD "\"labels\": [{\"id\": \"a\", \"kind\": \"claim\", \"key\": \"\\u0007\"}]}", GLOSS_ERROR_INVALID,
    "t.json: labels[0].key: \"\\u0007\" is not a single printable character" },
  { "key-type", HEAD "\"labels\": [{\"id\": \"a\", \"kind\": \"claim\", \"key\": 1}]}", GLOSS_ERROR_INVALID,
    "t.json: labels[0].key: expected a string, not a number" },
  { "key-duplicate", HEAD "\"labels\": [{\"id\": \"a\", \"kind\": \"claim\", \"key\": \"c\"},"
    " {\"id\": \"b\", \"kind\": \"claim\", \"key\": \"C\"}]}", GLOSS_ERROR_INVALID,
    "t.json: labels[1].key: \"C\" is already the key of labels[0]" },
  { "relations-type", HEAD "\"labels\": [" VALID_LABEL "], \"relations\": \"speaker\"}", GLOSS_ERROR_INVALID,
    "t.json: relations: expected an array, not a string" },
  { "relation-type", HEAD "\"labels\": [" VALID_LABEL "], \"relations\": [\"contradicts\"]}", GLOSS_ERROR_INVALID,
    "t.json: relations[0]: expected an object, not a string" },
  { "relation-type-missing", HEAD "\"labels\": [" VALID_LABEL "], \"relations\": [{\"name\": \"x\"}]}", GLOSS_ERROR_INVALID,
    "t.json: relations[0].type: missing" },
  { "relation-type-invalid", HEAD "\"labels\": [" VALID_LABEL "], \"relations\": [{\"type\": \"Contra dicts\"}]}", GLOSS_ERROR_INVALID,
    "t.json: relations[0].type: \"Contra dicts\" is not a valid id (use a-z, 0-9, \"_\" and \"-\", starting with a letter or digit)" },
  { "relation-type-duplicate", HEAD "\"labels\": [" VALID_LABEL "], \"relations\": [{\"type\": \"speaker\"},"
    " {\"type\": \"contradicts\"}, {\"type\": \"speaker\"}]}", GLOSS_ERROR_INVALID,
    "t.json: relations[2].type: \"speaker\" is already listed at relations[0]" },
  /* Relation rules: which labels each end of a type may be. */
  { "relation-end-type", HEAD "\"labels\": [" VALID_LABEL "], \"relations\": [{\"type\": \"speaker\", \"to\": \"claim\"}]}", GLOSS_ERROR_INVALID,
    "t.json: relations[0].to: expected an array, not a string" },
  { "relation-end-empty", HEAD "\"labels\": [" VALID_LABEL "], \"relations\": [{\"type\": \"about\", \"from\": []}]}", GLOSS_ERROR_INVALID,
    "t.json: relations[0].from: must list at least one label or kind" },
  { "relation-end-item-type", HEAD "\"labels\": [" VALID_LABEL "], \"relations\": [{\"type\": \"about\", \"to\": [\"claim\", 3]}]}", GLOSS_ERROR_INVALID,
    "t.json: relations[0].to[1]: expected a string, not a number" },
  { "relation-end-unknown-label", HEAD "\"labels\": [" VALID_LABEL "], \"relations\": [{\"type\": \"speaker\", \"to\": [\"claim\", \"persn\"]}]}", GLOSS_ERROR_INVALID,
    "t.json: relations[0].to[1]: \"persn\" is not a label of this set" },
  { "relation-end-bare-kind", HEAD "\"labels\": [" VALID_LABEL "], \"relations\": [{\"type\": \"speaker\", \"to\": [\"entity\"]}]}", GLOSS_ERROR_INVALID,
    "t.json: relations[0].to[0]: \"entity\" is not a label of this set (for every label of that kind, write \"kind:entity\")" },
  { "relation-end-bad-kind", HEAD "\"labels\": [" VALID_LABEL "], \"relations\": [{\"type\": \"speaker\", \"from\": [\"kind:topic\"]}]}", GLOSS_ERROR_INVALID,
    "t.json: relations[0].from[0]: \"kind:topic\" is not a kind (use \"kind:claim\", \"kind:quote\" or \"kind:entity\")" },
  { "relation-end-duplicate", HEAD "\"labels\": [" VALID_LABEL "], \"relations\": [{\"type\": \"about\", \"to\": [\"claim\", \"kind:claim\", \"claim\"]}]}", GLOSS_ERROR_INVALID,
    "t.json: relations[0].to[2]: \"claim\" is already listed at relations[0].to[0]" },
  /* A key given twice (a bad merge) is refused where it is, not resolved
   * by keeping one and losing the other's labels. */
  { "duplicate-labels", "{\"format\": \"gloss-labels\",\n \"version\": 1,\n"
    " \"labels\": [{\"id\": \"claim\", \"kind\": \"claim\"}],\n"
    " \"labels\": [{\"id\": \"person\", \"kind\": \"entity\"}]}", GLOSS_ERROR_PARSE,
    "t.json: line 4, column 2: not valid JSON: duplicate member “labels”" },
  { "duplicate-label-member", HEAD "\"labels\": [{\"id\": \"claim\", \"kind\": \"claim\", \"id\": \"quote\"}]}", GLOSS_ERROR_PARSE,
    "t.json: line 1, column 86: not valid JSON: duplicate member “id”" },
  { "duplicate-relation-member", HEAD "\"labels\": [" VALID_LABEL "],\n"
    "\"relations\": [{\"type\": \"speaker\", \"to\": [\"claim\"], \"to\": []}]}", GLOSS_ERROR_PARSE,
    "t.json: line 2, column 52: not valid JSON: duplicate member “to”" },
  { "duplicate-format", "{\"format\": \"gloss-labels\", \"format\": \"gloss-labels\"}", GLOSS_ERROR_PARSE,
    "t.json: line 1, column 28: not valid JSON: duplicate member “format”" },
  { "parse-empty", "", GLOSS_ERROR_PARSE,
    "t.json: the file is empty" },
  { "parse-blank", " \n\t\n", GLOSS_ERROR_PARSE,
    "t.json: the file is empty" },
  { "utf8-invalid", "{\"format\": \"gloss-labels\",\n \"x\": \"caf\xC3\"}", GLOSS_ERROR_INVALID_UTF8,
    "t.json: byte 37 (line 2): not valid UTF-8" },
  { "utf8-overlong", "{\"a\": \"\xC0\xAF\"}", GLOSS_ERROR_INVALID_UTF8,
    "t.json: byte 7 (line 1): not valid UTF-8" },
};

static void
test_error_case (gconstpointer data)
{
  const ErrorCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossLabelSet) set = NULL;

  set = gloss_label_set_new_from_data (c->data, -1, "t.json", &error);
  g_assert_null (set);
  g_assert_error (error, GLOSS_ERROR, c->code);
  g_assert_cmpstr (error->message, ==, c->message);
}

/* The JSON reader words parse errors itself: only the start, which says
 * where, is ours to check. */
static const ErrorCase parse_error_cases[] = {
  { "parse-trailing-comma", "{\"format\": \"gloss-labels\",\n  \"version\": 1,\n  \"labels\": [1, 2,]\n}", GLOSS_ERROR_PARSE,
    "t.json: line 3, column 18: " },
  { "parse-garbage-after", HEAD "\"labels\": [" VALID_LABEL "]} x", GLOSS_ERROR_PARSE,
    "t.json: line 1, column 88: " },
};

static void
test_parse_error_case (gconstpointer data)
{
  const ErrorCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossLabelSet) set = NULL;
  g_autofree char *start = NULL;

  set = gloss_label_set_new_from_data (c->data, -1, "t.json", &error);
  g_assert_null (set);
  g_assert_error (error, GLOSS_ERROR, c->code);
  start = g_strndup (error->message, strlen (c->message));
  g_assert_cmpstr (start, ==, c->message);
  g_assert_null (strchr (error->message, '\n'));
}

static void
test_error_several (void)
{
  static const char data[] =
    "{\n"
    "  \"format\": \"gloss-label\",\n"
    "  \"version\": 1,\n"
    "  \"labels\": [\n"
    "    {\"id\": \"claim\", \"kind\": \"claim\", \"color\": \"#e5a50a\", \"key\": \"c\"},\n"
    "    {\"id\": \"Quote\", \"kind\": \"quotation\", \"name\": \"\", \"color\": \"blue\", \"key\": \"c\"},\n"
    "    {\"id\": \"claim\", \"kind\": \"entity\"},\n"
    "    42\n"
    "  ],\n"
    "  \"relations\": [{\"type\": \"contradicts\"}, {\"type\": \"contradicts\"}, {}]\n"
    "}\n";
  static const char expected[] =
    "/corpus/gloss-labels.json: format: expected \"gloss-labels\", not \"gloss-label\"\n"
    "/corpus/gloss-labels.json: labels[1].id: \"Quote\" is not a valid id (use a-z, 0-9, \"_\" and \"-\", starting with a letter or digit)\n"
    "/corpus/gloss-labels.json: labels[1].kind: \"quotation\" is not one of \"claim\", \"quote\" or \"entity\"\n"
    "/corpus/gloss-labels.json: labels[1].name: must not be empty\n"
    "/corpus/gloss-labels.json: labels[1].color: \"blue\" is not a #rrggbb colour\n"
    "/corpus/gloss-labels.json: labels[1].key: \"c\" is already the key of labels[0]\n"
    "/corpus/gloss-labels.json: labels[2].id: \"claim\" is already used by labels[0]\n"
    "/corpus/gloss-labels.json: labels[3]: expected an object, not a number\n"
    "/corpus/gloss-labels.json: relations[1].type: \"contradicts\" is already listed at relations[0]\n"
    "/corpus/gloss-labels.json: relations[2].type: missing";
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossLabelSet) set = NULL;

  set = gloss_label_set_new_from_data (data, -1, "/corpus/gloss-labels.json", &error);
  g_assert_null (set);
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, expected);
}

static void
test_error_embedded_nul (void)
{
  static const char data[] = HEAD "\"labels\": [" VALID_LABEL "]}";
  g_autofree char *copy = g_memdup2 (data, sizeof data);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossLabelSet) set = NULL;

  copy[5] = '\0';
  set = gloss_label_set_new_from_data (copy, sizeof data - 1, "t.json", &error);
  g_assert_null (set);
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID_UTF8);
  g_assert_cmpstr (error->message, ==, "t.json: byte 5 (line 1): not valid UTF-8");
}

static void
test_error_deep_nesting (void)
{
  g_autoptr(GString) data = g_string_new (HEAD "\"labels\": [" VALID_LABEL "], ");
  g_autofree char *deep = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossLabelSet) set = NULL;

  /* Nesting an unknown member is fine up to the limit (the root object
   * counts as one level), and brackets inside strings do not count. */
  g_string_append (data, "\"future\": ");
  for (guint i = 0; i < 63; i++)
    g_string_append_c (data, '[');
  g_string_append (data, "\"[[[[{{{{\"");
  for (guint i = 0; i < 63; i++)
    g_string_append_c (data, ']');
  g_string_append (data, "}");

  set = gloss_label_set_new_from_data (data->str, data->len, "t.json", &error);
  g_assert_no_error (error);
  g_assert_nonnull (set);
  g_clear_object (&set);

  /* One more level is refused, and so is a megabyte of brackets, which
   * would crash json-glib's recursive parser. */
  g_string_insert_c (data, strlen (HEAD "\"labels\": [" VALID_LABEL "], \"future\": "), '[');
  g_string_insert_c (data, data->len - 1, ']');
  set = gloss_label_set_new_from_data (data->str, data->len, "t.json", &error);
  g_assert_null (set);
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_TOO_LARGE);
  g_assert_cmpstr (error->message, ==, "t.json: line 1: nested more than 64 levels deep");
  g_clear_error (&error);

  deep = g_strnfill (1024 * 1024, '[');
  set = gloss_label_set_new_from_data (deep, -1, "t.json", &error);
  g_assert_null (set);
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_TOO_LARGE);
  g_assert_cmpstr (error->message, ==, "t.json: line 1: nested more than 64 levels deep");
}

/* A valid file padded with spaces to @size bytes. */
static char *
padded_file (gsize size)
{
  static const char data[] = HEAD "\"labels\": [" VALID_LABEL "]}";
  char *padded = g_malloc (size + 1);

  g_assert_cmpuint (size, >=, strlen (data));
  memcpy (padded, data, strlen (data));
  memset (padded + strlen (data), ' ', size - strlen (data));
  padded[size] = '\0';

  return padded;
}

static void
test_error_too_large_data (void)
{
  g_autofree char *at_limit = padded_file (1024 * 1024);
  g_autofree char *over_limit = padded_file (1024 * 1024 + 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossLabelSet) set = NULL;

  set = gloss_label_set_new_from_data (at_limit, -1, "t.json", &error);
  g_assert_no_error (error);
  g_assert_nonnull (set);
  g_clear_object (&set);

  set = gloss_label_set_new_from_data (over_limit, -1, "t.json", &error);
  g_assert_null (set);
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_TOO_LARGE);
  g_assert_cmpstr (error->message, ==, "t.json: larger than 1 MiB, the limit for a label set");
}

/* The reader on its own (gloss-label-set-reader.h): what the file says and
 * nothing more. The "speaker" rule a file leaves open is the set's to
 * complete, so the reader hands over only the rules written down. */
static void
test_reader (void)
{
  static const char rule_file[] =
    HEAD "\"labels\": [" VALID_LABEL "], "
    "\"relations\": [{\"type\": \"about\", \"to\": [\"kind:claim\", \"claim\"]}]}";
  static const char empty_labels[] = HEAD "\"labels\": []}";
  g_auto(GlossLabelSetReader) reader = { 0 };
  g_auto(GlossLabelSetReader) with_rule = { 0 };
  g_auto(GlossLabelSetReader) broken = { 0 };
  g_autoptr(GError) error = NULL;
  GlossRelationRule *rule;

  gloss_label_set_reader_init (&reader);
  g_assert_true (gloss_label_set_reader_read (&reader, valid_file, strlen (valid_file),
                                              "t.json", &error));
  g_assert_no_error (error);

  g_assert_cmpuint (reader.labels->len, ==, 6);
  g_assert_cmpstr (gloss_label_get_id (g_ptr_array_index (reader.labels, 5)), ==, "ville");
  g_assert_cmpuint (reader.relation_types->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (reader.relation_types, 0), ==, "speaker");
  g_assert_cmpstr (g_ptr_array_index (reader.relation_types, 1), ==, "contradicts");
  g_assert_cmpstr (g_ptr_array_index (reader.relation_types, 2), ==, "member-of");
  g_assert_cmpuint (g_hash_table_size (reader.relation_rules), ==, 0);
  g_assert_cmpuint (reader.problems->len, ==, 0);
  /* A file from before attributes and relation keys: none of either (the
   * default key of "speaker" is the set's to add, like its rule). */
  g_assert_cmpuint (g_hash_table_size (reader.relation_keys), ==, 0);
  g_assert_cmpuint (reader.attributes->len, ==, 0);
  g_assert_cmpuint (reader.document_fields->len, ==, 0);

  /* A rule as written, "kind:" entries kept as they are. */
  gloss_label_set_reader_init (&with_rule);
  g_assert_true (gloss_label_set_reader_read (&with_rule, rule_file, strlen (rule_file),
                                              "t.json", &error));
  g_assert_no_error (error);
  rule = g_hash_table_lookup (with_rule.relation_rules, "about");
  g_assert_nonnull (rule);
  g_assert_null (rule->ends[GLOSS_RELATION_FROM]);
  g_assert_cmpuint (g_strv_length (rule->ends[GLOSS_RELATION_TO]), ==, 2);
  g_assert_cmpstr (rule->ends[GLOSS_RELATION_TO][0], ==, "kind:claim");
  g_assert_cmpstr (rule->ends[GLOSS_RELATION_TO][1], ==, "claim");

  /* Every problem, in the same words as gloss_label_set_new_from_data(). */
  gloss_label_set_reader_init (&broken);
  g_assert_false (gloss_label_set_reader_read (&broken, empty_labels, strlen (empty_labels),
                                               "t.json", &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "t.json: labels: at least one label is required");
  g_assert_cmpuint (broken.problems->len, ==, 1);
}

/* The limits docs/labels.md promises, where the reader keeps them. */
static void
test_reader_limits (void)
{
  g_assert_cmpint (GLOSS_LABEL_SET_MAX_BYTES, ==, 1024 * 1024);
  g_assert_cmpint (GLOSS_LABEL_SET_MAX_ID, ==, 64);
  g_assert_cmpint (GLOSS_LABEL_SET_MAX_DEPTH, ==, 64);
  g_assert_cmpstr (GLOSS_LABEL_SET_FORMAT, ==, "gloss-labels");
  g_assert_cmpint (GLOSS_LABEL_SET_VERSION, ==, 1);
}

/* Temporary folders */

static char *
make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *path = g_dir_make_tmp ("gloss-test-labels-XXXXXX", &error);

  g_assert_no_error (error);
  return path;
}

static void
write_file (const char *path,
            const char *contents)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}


static const char one_label_file[] =
  HEAD "\"labels\": [{\"id\": \"%s\", \"kind\": \"entity\"}]}";

static void
write_one_label_file (const char *folder,
                      const char *label_id)
{
  g_autofree char *path = g_build_filename (folder, GLOSS_LABEL_SET_FILE_NAME, NULL);
  g_autofree char *contents = g_strdup_printf (one_label_file, label_id);

  write_file (path, contents);
}

static void
test_from_file (void)
{
  g_autofree char *root = make_tmp_dir ();
  g_autofree char *path = g_build_filename (root, GLOSS_LABEL_SET_FILE_NAME, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossLabelSet) set = NULL;

  write_file (path, valid_file);
  set = gloss_label_set_new_from_file (file, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_equal (gloss_label_set_get_file (set), file));
  g_assert_cmpuint (gloss_label_set_get_n_labels (set), ==, 6);
  g_clear_object (&set);

  /* Messages are led by the file's path. */
  write_file (path, HEAD "\"labels\": [{\"id\": \"a\", \"kind\": \"claim\", \"color\": \"red\"}]}");
  set = gloss_label_set_new_from_file (file, &error);
  g_assert_null (set);
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  {
    g_autofree char *expected = g_strdup_printf ("%s: labels[0].color: \"red\" is not a #rrggbb colour", path);
    g_assert_cmpstr (error->message, ==, expected);
  }

  gloss_test_remove_tree (root);
}

static void
test_from_file_errors (void)
{
  g_autofree char *root = make_tmp_dir ();
  g_autofree char *path = g_build_filename (root, GLOSS_LABEL_SET_FILE_NAME, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *big = padded_file (1024 * 1024 + 1);
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossLabelSet) set = NULL;

  set = gloss_label_set_new_from_file (file, &error);
  g_assert_null (set);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  write_file (path, big);
  set = gloss_label_set_new_from_file (file, &error);
  g_assert_null (set);
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_TOO_LARGE);
  expected = g_strdup_printf ("%s: larger than 1 MiB, the limit for a label set", path);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);
  g_clear_pointer (&expected, g_free);

  write_file (path, "{\"format\": \"gloss-labels\", \"name\": \"\xFF\"}");
  set = gloss_label_set_new_from_file (file, &error);
  g_assert_null (set);
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID_UTF8);
  expected = g_strdup_printf ("%s: byte 36 (line 1): not valid UTF-8", path);
  g_assert_cmpstr (error->message, ==, expected);

  gloss_test_remove_tree (root);
}

/* root/a/b/c: the folder an article is in, three levels down. */
typedef struct
{
  char *root;
  char *a;
  char *b;
  char *c;
} Tree;

static void
tree_setup (Tree          *tree,
            gconstpointer  data)
{
  tree->root = make_tmp_dir ();
  tree->a = g_build_filename (tree->root, "a", NULL);
  tree->b = g_build_filename (tree->a, "b", NULL);
  tree->c = g_build_filename (tree->b, "c", NULL);
  g_assert_cmpint (g_mkdir_with_parents (tree->c, 0700), ==, 0);
}

static void
tree_teardown (Tree          *tree,
               gconstpointer  data)
{
  gloss_test_remove_tree (tree->root);
  g_free (tree->root);
  g_free (tree->a);
  g_free (tree->b);
  g_free (tree->c);
}

static GlossLabelSet *
find_for_path (const char  *path,
               GError     **error)
{
  g_autoptr(GFile) folder = g_file_new_for_path (path);

  return gloss_label_set_find_for_folder (folder, error);
}

static void
assert_found_in (GlossLabelSet *set,
                 const char    *folder)
{
  g_autofree char *expected = g_build_filename (folder, GLOSS_LABEL_SET_FILE_NAME, NULL);
  g_autofree char *found = NULL;

  g_assert_nonnull (set);
  g_assert_nonnull (gloss_label_set_get_file (set));
  found = g_file_get_path (gloss_label_set_get_file (set));
  g_assert_cmpstr (found, ==, expected);
}

/* The temporary folder's own parents must not hold a gloss-labels.json for
 * the "none found" cases to mean anything. */
static gboolean
parents_have_label_file (const char *path)
{
  g_autoptr(GFile) dir = g_file_new_for_path (path);

  while (dir != NULL)
    {
      g_autoptr(GFile) candidate = g_file_get_child (dir, GLOSS_LABEL_SET_FILE_NAME);
      GFile *parent;

      if (g_file_query_exists (candidate, NULL))
        return TRUE;

      parent = g_file_get_parent (dir);
      g_object_unref (dir);
      dir = parent;
    }

  return FALSE;
}

static void
test_find_parent (Tree          *tree,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossLabelSet) set = NULL;

  write_one_label_file (tree->a, "from-a");

  set = find_for_path (tree->c, &error);
  g_assert_no_error (error);
  assert_found_in (set, tree->a);
  g_assert_nonnull (gloss_label_set_lookup (set, "from-a"));
  g_clear_object (&set);

  /* From the folder that holds it, too. */
  set = find_for_path (tree->a, &error);
  g_assert_no_error (error);
  assert_found_in (set, tree->a);
}

static void
test_find_nearest (Tree          *tree,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossLabelSet) set = NULL;

  write_one_label_file (tree->root, "from-root");
  write_one_label_file (tree->b, "from-b");

  set = find_for_path (tree->c, &error);
  g_assert_no_error (error);
  assert_found_in (set, tree->b);
  g_assert_nonnull (gloss_label_set_lookup (set, "from-b"));
  g_assert_null (gloss_label_set_lookup (set, "from-root"));
  g_clear_object (&set);

  set = find_for_path (tree->a, &error);
  g_assert_no_error (error);
  assert_found_in (set, tree->root);
}

static void
test_find_from_article (Tree          *tree,
                        gconstpointer  data)
{
  g_autofree char *article = g_build_filename (tree->c, "story.txt", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossLabelSet) set = NULL;

  /* Given an article rather than its folder, its folder is searched. */
  write_file (article, "Text.\n");
  write_one_label_file (tree->c, "from-c");

  set = find_for_path (article, &error);
  g_assert_no_error (error);
  assert_found_in (set, tree->c);
}

static void
test_find_none (Tree          *tree,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossLabelSet) set = NULL;
  g_autoptr(GlossLabelSet) builtin = gloss_label_set_get_builtin ();

  if (parents_have_label_file (tree->root))
    {
      g_test_skip ("a parent of the temporary folder has a gloss-labels.json");
      return;
    }

  set = find_for_path (tree->c, &error);
  g_assert_no_error (error);
  g_assert_true (set == builtin);
  g_assert_null (gloss_label_set_get_file (set));
}

static void
test_find_broken (Tree          *tree,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (tree->b, GLOSS_LABEL_SET_FILE_NAME, NULL);
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossLabelSet) set = NULL;

  /* A good file further up does not stand in for a broken nearer one. */
  write_one_label_file (tree->root, "from-root");
  write_file (path, HEAD "\"labels\": [{\"id\": \"x\", \"kind\": \"topic\"}]}");

  set = find_for_path (tree->c, &error);
  g_assert_null (set);
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  expected = g_strdup_printf ("%s: labels[0].kind: \"topic\" is not one of \"claim\", \"quote\" or \"entity\"", path);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  write_file (path, "{ not json");
  set = find_for_path (tree->c, &error);
  g_assert_null (set);
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, path));
}

static void
test_find_unreadable (Tree          *tree,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (tree->b, GLOSS_LABEL_SET_FILE_NAME, NULL);
  g_autofree char *target = g_build_filename (tree->b, "missing.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossLabelSet) set = NULL;

  /* Something by that name that is not a readable file is an error too. */
  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  set = find_for_path (tree->c, &error);
  g_assert_null (set);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_clear_error (&error);
  g_rmdir (path);

  g_assert_cmpint (symlink (target, path), ==, 0);
  set = find_for_path (tree->c, &error);
  g_assert_null (set);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

/* Labels of a file that gives no colours: the first ones handed out are
 * not the selection's blue (the first label, often a quote, looked
 * selected). */
static void
test_default_colors (void)
{
  const char *data = "{\"format\": \"gloss-labels\", \"version\": 1, \"labels\": ["
                     "{\"id\": \"quote\", \"kind\": \"quote\"},"
                     "{\"id\": \"claim\", \"kind\": \"claim\"},"
                     "{\"id\": \"person\", \"kind\": \"entity\"}]}";
  g_autoptr(GlossLabelSet) set = NULL;
  g_autoptr(GError) error = NULL;
  GlossColorScheme scheme;

  set = gloss_label_set_new_from_data (data, -1, "labels.json", &error);
  g_assert_no_error (error);
  gloss_color_scheme_init_adwaita (&scheme, FALSE, FALSE);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (set)); i++)
    {
      g_autoptr(GlossLabel) label = g_list_model_get_item (G_LIST_MODEL (set), i);
      GlossColor color;

      g_assert_true (gloss_color_parse (gloss_label_get_color (label), &color));
      g_assert_cmpfloat (gloss_color_hue_distance (gloss_color_hue (color, NULL),
                                                   gloss_color_hue (scheme.selection, NULL)), >, 30);
    }
}

int
main (int argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/label/kind-strings", test_label_kind_strings);
  g_test_add_func ("/label/properties", test_label_properties);

  g_test_add_func ("/label-set/builtin", test_builtin);
  g_test_add_func ("/label-set/default-colors", test_default_colors);
  g_test_add_func ("/label-set/list-model", test_list_model);
  g_test_add_func ("/label-set/valid/data", test_valid_data);
  g_test_add_func ("/label-set/valid/minimal", test_valid_minimal);
  g_test_add_func ("/label-set/valid/builtin-names", test_builtin_names);
  g_test_add_func ("/label-set/valid/bom", test_valid_bom);
  g_test_add_func ("/label-set/valid/length", test_valid_length);
  g_test_add_func ("/label-set/valid/file", test_from_file);
  g_test_add_func ("/label-set/relation-rules/builtin", test_relation_rules_builtin);
  g_test_add_func ("/label-set/relation-rules/file", test_relation_rules_file);
  g_test_add_func ("/label-set/relation-rules/speaker-default", test_relation_rules_speaker_default);
  g_test_add_func ("/label-set/relation-rules/several", test_relation_rules_several);
  g_test_add_func ("/label-set/error/duplicate-keys-file", test_duplicate_keys_file);

  for (guint i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/label-set/error/%s", error_cases[i].path);
      g_test_add_data_func (path, &error_cases[i], test_error_case);
    }
  for (guint i = 0; i < G_N_ELEMENTS (parse_error_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/label-set/error/%s", parse_error_cases[i].path);
      g_test_add_data_func (path, &parse_error_cases[i], test_parse_error_case);
    }
  g_test_add_func ("/label-set/error/several", test_error_several);
  g_test_add_func ("/label-set/error/embedded-nul", test_error_embedded_nul);
  g_test_add_func ("/label-set/error/too-large", test_error_too_large_data);
  g_test_add_func ("/label-set/error/deep-nesting", test_error_deep_nesting);
  g_test_add_func ("/label-set/error/file", test_from_file_errors);
  g_test_add_func ("/label-set/reader", test_reader);
  g_test_add_func ("/label-set/reader/limits", test_reader_limits);

  g_test_add ("/label-set/find/parent", Tree, NULL, tree_setup, test_find_parent, tree_teardown);
  g_test_add ("/label-set/find/nearest", Tree, NULL, tree_setup, test_find_nearest, tree_teardown);
  g_test_add ("/label-set/find/from-article", Tree, NULL, tree_setup, test_find_from_article, tree_teardown);
  g_test_add ("/label-set/find/none", Tree, NULL, tree_setup, test_find_none, tree_teardown);
  g_test_add ("/label-set/find/broken", Tree, NULL, tree_setup, test_find_broken, tree_teardown);
  g_test_add ("/label-set/find/unreadable", Tree, NULL, tree_setup, test_find_unreadable, tree_teardown);

  return g_test_run ();
}
