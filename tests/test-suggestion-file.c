/* test-suggestion-file.c — the suggestions file beside a sidecar: its
 * name, reading (every mistake located, another article's file refused),
 * canonical writing, merging a run, rejecting, accepting and undo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <string.h>
#include <unistd.h>

#include "gloss.h"
#include "gloss-suggestion-file-private.h"
#include "gloss-test-utils.h"

#define ARTICLE \
  "Mayor Ana Ruiz opened the bridge.\n" \
  "“We built it together,” Ruiz said. Critics called it late.\n" \
  "According to Ruiz, “the river is ours again.” Ruiz thanked the crews.\n" \
  "Cafe\xcc\x81 owners cheered.\n"

typedef struct
{
  char               *dir;
  GlossDocument      *document;
  GlossAnnotationSet *set;
} Fixture;

/* The code point offset of the @nth (0-based) @needle in the article. */
static guint
find (GlossDocument *document,
      const char    *needle,
      guint          nth)
{
  const char *text = gloss_document_get_text (document);
  const char *at = text;

  for (;;)
    {
      at = strstr (at, needle);
      g_assert_nonnull (at);
      if (nth-- == 0)
        break;
      at++;
    }

  return gloss_document_byte_to_offset (document, at - text);
}

static GlossSuggestion *
suggest (GlossDocument *document,
         const char    *source,
         const char    *label,
         const char    *text,
         guint          nth)
{
  guint start = find (document, text, nth);
  guint end = start + g_utf8_strlen (text, -1);

  return gloss_suggestion_new (source, label, start, end, text);
}

static GlossSuggestion *
suggest_quote (GlossDocument *document,
               const char    *quote,
               const char    *speaker,
               guint          speaker_nth,
               double         score)
{
  GlossSuggestion *suggestion = suggest (document, GLOSS_SUGGESTION_SOURCE_QUOTES, "quote", quote, 0);
  guint start = find (document, speaker, speaker_nth);

  gloss_suggestion_set_speaker (suggestion, start, start + g_utf8_strlen (speaker, -1), "person");
  if (score >= 0)
    gloss_suggestion_set_score (suggestion, score);

  return suggestion;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;

  fixture->dir = g_dir_make_tmp ("gloss-suggestion-file-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "bridge.txt", NULL);
  g_file_set_contents (path, ARTICLE, -1, &error);
  g_assert_no_error (error);

  file = g_file_new_for_path (path);
  fixture->document = gloss_document_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  fixture->set = gloss_annotation_set_new (fixture->document);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->set);
  g_clear_object (&fixture->document);
  gloss_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static GlossSuggestionFile *
new_file (Fixture *fixture)
{
  return gloss_suggestion_file_new_for_document (fixture->document, "alice");
}

static GPtrArray *
run_of (const char *source,
        ...)
{
  GPtrArray *run = g_ptr_array_new_with_free_func (g_object_unref);
  GlossSuggestion *suggestion;
  va_list args;

  va_start (args, source);
  while ((suggestion = va_arg (args, GlossSuggestion *)) != NULL)
    g_ptr_array_add (run, suggestion);
  va_end (args);

  return run;
}

static void
merge (GlossSuggestionFile *file,
       GlossAnnotationSet  *set,
       const char          *source,
       GPtrArray           *run,
       guint                expected_added)
{
  g_autoptr(GError) error = NULL;
  guint added = G_MAXUINT;

  g_assert_true (gloss_suggestion_file_merge_run (file, source, run, set, &added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, expected_added);
}

static guint
n_listed (GlossSuggestionFile *file)
{
  return g_list_model_get_n_items (gloss_suggestion_file_get_suggestions (file));
}

static GlossSuggestion *
listed (GlossSuggestionFile *file,
        guint                position)
{
  GlossSuggestion *suggestion = g_list_model_get_item (gloss_suggestion_file_get_suggestions (file),
                                                       position);
  g_object_unref (suggestion);  /* the list holds it */
  return suggestion;
}

/* Names
 * ------------------------------------------------------------------------ */

static void
test_names (void)
{
  g_autofree char *name = gloss_suggestion_file_build_name ("bridge.txt", "alice");
  g_autofree char *article = NULL;
  g_autofree char *annotator = NULL;

  g_assert_cmpstr (name, ==, "bridge.txt.alice.suggestions.json");
  g_assert_true (gloss_suggestion_file_parse_name (name, &article, &annotator));
  g_assert_cmpstr (article, ==, "bridge.txt");
  g_assert_cmpstr (annotator, ==, "alice");
  g_assert_false (gloss_suggestion_file_parse_name ("bridge.txt.alice.gloss.json", NULL, NULL));
  g_assert_false (gloss_suggestion_file_parse_name ("bridge.txt.Alice.suggestions.json", NULL, NULL));
  g_assert_false (gloss_suggestion_file_parse_name (".alice.suggestions.json", NULL, NULL));
}

/* A missing file is no suggestions, nothing rejected: no error. */
static void
test_missing (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GlossSuggestionFile) file = new_file (fixture);
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;

  g_assert_true (gloss_suggestion_file_load (file, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_listed (file), ==, 0);
  g_assert_cmpuint (gloss_suggestion_file_get_rejected (file)->len, ==, 0);
  g_assert_false (gloss_suggestion_file_is_read_only (file));
  g_assert_cmpstr (gloss_suggestion_file_get_annotator_id (file), ==, "alice");
  base = g_file_get_basename (gloss_suggestion_file_get_file (file));
  g_assert_cmpstr (base, ==, "bridge.txt.alice.suggestions.json");
}

/* A FIFO where the suggestions file should be is refused without being
 * read (a read would wait for a writer for good), and never written over. */
static void
test_fifo (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GlossSuggestionFile) file = new_file (fixture);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (gloss_suggestion_file_get_file (file));

  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  g_assert_false (gloss_suggestion_file_load (file, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_assert_true (gloss_suggestion_file_is_read_only (file));
}

/* A file whose name names no annotator: loading says so, saving refuses;
 * a name that does names its annotator. */
static void
test_new (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *bare_path = g_build_filename (fixture->dir, "notes.suggestions.json", NULL);
  g_autofree char *named_path = g_build_filename (fixture->dir, "bridge.txt.bob.suggestions.json", NULL);
  g_autoptr(GFile) bare = g_file_new_for_path (bare_path);
  g_autoptr(GFile) named = g_file_new_for_path (named_path);
  g_autoptr(GlossSuggestionFile) nobody = gloss_suggestion_file_new (bare, fixture->document);
  g_autoptr(GlossSuggestionFile) bob = gloss_suggestion_file_new (named, fixture->document);
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_suggestion_file_get_document (bob) == fixture->document);
  g_assert_true (gloss_suggestion_file_get_file (bob) == named);
  g_assert_cmpstr (gloss_suggestion_file_get_annotator_id (bob), ==, "bob");
  g_assert_null (gloss_suggestion_file_get_annotator_id (nobody));

  g_file_set_contents (bare_path, "{}", -1, &error);
  g_assert_no_error (error);
  g_assert_false (gloss_suggestion_file_load (nobody, NULL, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "does not name an annotator"));
  g_clear_error (&error);
  g_assert_false (gloss_suggestion_file_save (nobody, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_READ_ONLY);
  g_clear_error (&error);

  /* bob's, written, is bob's. */
  g_assert_true (gloss_suggestion_file_save (bob, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_suggestion_file_load (bob, NULL, &error));
  g_assert_no_error (error);
}

/* Writing and reading back
 * ------------------------------------------------------------------------ */

static GlossSuggestionFile *
filled_file (Fixture *fixture)
{
  static const char * const tie[] = { "organization", "person", NULL };
  GlossSuggestionFile *file = new_file (fixture);
  g_autoptr(GPtrArray) quotes = NULL;
  g_autoptr(GPtrArray) same = NULL;
  GlossSuggestion *ruiz, *mayor;
  g_autoptr(GError) error = NULL;

  quotes = run_of (GLOSS_SUGGESTION_SOURCE_QUOTES,
                   suggest_quote (fixture->document, "“We built it together,”", "Ruiz", 1, 0.92),
                   suggest_quote (fixture->document, "“the river is ours again.”", "Ruiz", 2, -1),
                   NULL);
  merge (file, fixture->set, GLOSS_SUGGESTION_SOURCE_QUOTES, quotes, 2);

  ruiz = suggest (fixture->document, GLOSS_SUGGESTION_SOURCE_SAME_TEXT, "person", "Ruiz", 3);
  gloss_suggestion_set_score (ruiz, 1.0);
  gloss_suggestion_set_detail (ruiz, "marked Person in 3 articles\n“quoted”\t");
  mayor = suggest (fixture->document, GLOSS_SUGGESTION_SOURCE_SAME_TEXT, NULL, "Mayor", 0);
  gloss_suggestion_set_tie (mayor, tie);
  same = run_of (GLOSS_SUGGESTION_SOURCE_SAME_TEXT, ruiz, mayor, NULL);
  merge (file, fixture->set, GLOSS_SUGGESTION_SOURCE_SAME_TEXT, same, 2);

  g_assert_true (gloss_suggestion_file_reject (file, listed (file, 0), &error));
  g_assert_no_error (error);

  return file;
}

static char *
file_path (Fixture *fixture)
{
  return g_build_filename (fixture->dir, "bridge.txt.alice.suggestions.json", NULL);
}

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

/* The format, pinned: member order, document order, a tie, a score, a
 * detail with control characters, a speaker, a rejection. */
static void
test_format (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GlossSuggestionFile) file = filled_file (fixture);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = file_path (fixture);
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;

  g_assert_true (gloss_suggestion_file_is_dirty (file));
  g_assert_true (gloss_suggestion_file_save (file, &error));
  g_assert_no_error (error);
  g_assert_false (gloss_suggestion_file_is_dirty (file));

  text = read_text (path);
  expected = g_strdup_printf (
    "{\n"
    "  \"format\": \"gloss-suggestions\",\n"
    "  \"version\": 1,\n"
    "  \"document\": {\n"
    "    \"file\": \"bridge.txt\",\n"
    "    \"sha256\": \"%s\",\n"
    "    \"length\": %u\n"
    "  },\n"
    "  \"annotator\": \"alice\",\n"
    "  \"suggestions\": [\n"
    "    {\n"
    "      \"id\": \"%s\",\n"
    "      \"source\": \"quotes\",\n"
    "      \"label\": \"quote\",\n"
    "      \"start\": 34,\n"
    "      \"end\": 57,\n"
    "      \"exact\": \"“We built it together,”\",\n"
    "      \"score\": 0.92,\n"
    "      \"speaker\": {\n"
    "        \"start\": 58,\n"
    "        \"end\": 62,\n"
    "        \"label\": \"person\"\n"
    "      }\n"
    "    },\n"
    "    {\n"
    "      \"id\": \"%s\",\n"
    "      \"source\": \"quotes\",\n"
    "      \"label\": \"quote\",\n"
    "      \"start\": 112,\n"
    "      \"end\": 138,\n"
    "      \"exact\": \"“the river is ours again.”\",\n"
    "      \"speaker\": {\n"
    "        \"start\": 106,\n"
    "        \"end\": 110,\n"
    "        \"label\": \"person\"\n"
    "      }\n"
    "    },\n"
    "    {\n"
    "      \"id\": \"%s\",\n"
    "      \"source\": \"same-text\",\n"
    "      \"label\": \"person\",\n"
    "      \"start\": 139,\n"
    "      \"end\": 143,\n"
    "      \"exact\": \"Ruiz\",\n"
    "      \"score\": 1.0,\n"
    "      \"detail\": \"marked Person in 3 articles\\n“quoted”\\t\"\n"
    "    }\n"
    "  ],\n"
    "  \"rejected\": [\n"
    "    {\n"
    "      \"label\": null,\n"
    "      \"start\": 0,\n"
    "      \"end\": 5,\n"
    "      \"exact\": \"Mayor\"\n"
    "    }\n"
    "  ]\n"
    "}\n",
    gloss_document_get_sha256 (fixture->document), gloss_document_get_length (fixture->document),
    gloss_suggestion_file_get_id (file, listed (file, 0)),
    gloss_suggestion_file_get_id (file, listed (file, 1)),
    gloss_suggestion_file_get_id (file, listed (file, 2)));
  g_assert_cmpstr (text, ==, expected);
}

/* Ids: "s-" and 8 hex digits, from source, label, span and speaker only,
 * the same in every run; each one found again. */
static void
test_ids (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(GlossSuggestionFile) a = filled_file (fixture);
  g_autoptr(GlossSuggestionFile) b = filled_file (fixture);
  g_autoptr(GlossSuggestion) other = suggest (fixture->document, "import", "person", "Ruiz", 3);
  g_autoptr(GPtrArray) run = g_ptr_array_new ();

  g_assert_cmpuint (n_listed (a), ==, 3);
  for (guint i = 0; i < n_listed (a); i++)
    {
      const char *id = gloss_suggestion_file_get_id (a, listed (a, i));

      g_assert_nonnull (id);
      g_assert_cmpuint (strlen (id), ==, 10);
      g_assert_true (g_str_has_prefix (id, "s-"));
      for (guint j = 2; j < 10; j++)
        g_assert_true (g_ascii_isxdigit (id[j]) && !g_ascii_isupper (id[j]));
      g_assert_cmpstr (id, ==, gloss_suggestion_file_get_id (b, listed (b, i)));
      g_assert_true (gloss_suggestion_file_lookup (a, id) == listed (a, i));
    }
  g_assert_null (gloss_suggestion_file_lookup (a, "s-00000000"));

  /* The same proposal from another source: another id. */
  g_ptr_array_add (run, other);
  g_assert_true (gloss_suggestion_file_merge_run (b, "import", run, fixture->set, NULL, NULL));
  /* same-text's scored 1.0 and stays. */
  g_assert_cmpstr (gloss_suggestion_get_source (listed (b, 2)), ==, "same-text");
  g_assert_null (gloss_suggestion_file_get_id (b, other));
}

/* Two suggestions whose hashes share their first 8 digits: the later in
 * document order takes a salted id, and the file reads back. The pair is
 * searched for with the rule of gloss-suggestion-file.c (source, label
 * and offsets, joined by U+001F). */
static void
test_id_collision (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GlossSuggestionFile) file = new_file (fixture);
  g_autoptr(GlossSuggestionFile) again = new_file (fixture);
  g_autoptr(GPtrArray) run = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first_label = NULL;
  g_autofree char *second_label = NULL;
  GlossSuggestion *first, *second;
  g_autofree char *first_hash = NULL;
  g_autofree char *second_hash = NULL;

  for (guint i = 0; first_label == NULL; i++)
    {
      g_autofree char *label = g_strdup_printf ("x%u", i);
      g_autofree char *text = g_strdup_printf ("same-text\x1f%s\x1f" "0\x1f" "5", label);
      g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
      char *prefix = g_strndup (digest, 8);
      const char *other = g_hash_table_lookup (seen, prefix);

      if (other != NULL)
        {
          first_label = g_strdup (other);
          second_label = g_steal_pointer (&label);
          g_free (prefix);
        }
      else
        g_hash_table_insert (seen, prefix, g_steal_pointer (&label));
    }

  /* Document order puts the smaller label first. */
  if (strcmp (first_label, second_label) > 0)
    {
      char *swap = first_label;
      first_label = second_label;
      second_label = swap;
    }
  first = gloss_suggestion_new ("same-text", first_label, 0, 5, "Mayor");
  second = gloss_suggestion_new ("same-text", second_label, 0, 5, "Mayor");
  g_ptr_array_add (run, first);
  g_ptr_array_add (run, second);
  merge (file, fixture->set, "same-text", run, 2);

  first_hash = g_strdup (gloss_suggestion_file_get_id (file, first));
  second_hash = g_strdup (gloss_suggestion_file_get_id (file, second));
  g_assert_cmpstr (first_hash, !=, second_hash);
  g_assert_cmpuint (strlen (second_hash), ==, 10);
  g_assert_true (gloss_suggestion_file_lookup (file, second_hash) == second);

  bytes = gloss_suggestion_file_serialize (file);
  g_assert_true (gloss_suggestion_file_load_bytes (again, bytes, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gloss_suggestion_file_get_id (again, listed (again, 1)), ==, second_hash);

  /* The first one rejected, the second has its own hash; taken back, the
   * ids are as before. */
  g_assert_true (gloss_suggestion_file_reject (file, first, &error));
  g_assert_cmpstr (gloss_suggestion_file_get_id (file, second), ==, first_hash);
  g_assert_true (gloss_suggestion_file_unreject (file, first, &error));
  g_assert_cmpstr (gloss_suggestion_file_get_id (file, first), ==, first_hash);
  g_assert_cmpstr (gloss_suggestion_file_get_id (file, second), ==, second_hash);
}

/* What is written reads back to the same lists, and is written again
 * byte for byte. */
static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GlossSuggestionFile) file = filled_file (fixture);
  g_autoptr(GlossSuggestionFile) again = new_file (fixture);
  g_autoptr(GBytes) written = NULL;
  g_autoptr(GBytes) rewritten = NULL;
  g_autoptr(GError) error = NULL;
  const char *speaker_label;
  guint speaker_start, speaker_end;
  double score;
  gboolean ok;

  g_assert_true (gloss_suggestion_file_save (file, &error));
  g_assert_no_error (error);
  written = gloss_suggestion_file_serialize (file);

  ok = gloss_suggestion_file_load (again, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpuint (gloss_suggestion_file_get_problems (again)->len, ==, 0);
  g_assert_false (gloss_suggestion_file_is_dirty (again));
  rewritten = gloss_suggestion_file_serialize (again);
  g_assert_true (g_bytes_equal (written, rewritten));

  g_assert_cmpuint (n_listed (again), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_true (gloss_suggestion_same_proposal (listed (file, i), listed (again, i)));
      g_assert_cmpstr (gloss_suggestion_file_get_id (file, listed (file, i)), ==,
                       gloss_suggestion_file_get_id (again, listed (again, i)));
    }
  g_assert_true (gloss_suggestion_get_score (listed (again, 0), &score));
  g_assert_cmpfloat (score, ==, 0.92);
  g_assert_true (gloss_suggestion_get_speaker (listed (again, 1), &speaker_start, &speaker_end,
                                               &speaker_label));
  g_assert_cmpuint (speaker_start, ==, 106);
  g_assert_cmpstr (speaker_label, ==, "person");
  g_assert_cmpstr (gloss_suggestion_get_detail (listed (again, 2)), ==,
                   "marked Person in 3 articles\n“quoted”\t");
  g_assert_cmpuint (gloss_suggestion_file_get_rejected (again)->len, ==, 1);
  g_assert_true (gloss_suggestion_file_is_rejected (again, g_ptr_array_index (gloss_suggestion_file_get_rejected (again), 0)));
}

/* A tie reads back as a tie, with its labels. */
static void
test_tie_round_trip (Fixture       *fixture,
                     gconstpointer  data)
{
  static const char * const tie[] = { "organization", "person", NULL };
  g_autoptr(GlossSuggestionFile) file = new_file (fixture);
  g_autoptr(GlossSuggestionFile) again = new_file (fixture);
  g_autoptr(GPtrArray) run = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GBytes) bytes = NULL;
  GlossSuggestion *mayor = suggest (fixture->document, "same-text", NULL, "Mayor", 0);
  const char * const *read_tie;

  gloss_suggestion_set_tie (mayor, tie);
  g_ptr_array_add (run, mayor);
  merge (file, fixture->set, "same-text", run, 1);
  bytes = gloss_suggestion_file_serialize (file);
  g_assert_true (gloss_suggestion_file_load_bytes (again, bytes, NULL));

  g_assert_null (gloss_suggestion_get_label (listed (again, 0)));
  read_tie = gloss_suggestion_get_tie (listed (again, 0));
  g_assert_nonnull (read_tie);
  g_assert_cmpstr (read_tie[0], ==, "organization");
  g_assert_cmpstr (read_tie[1], ==, "person");
  g_assert_null (read_tie[2]);
}

/* Bad files: each mistake located, nothing used, the file not written
 * over.
 * ------------------------------------------------------------------------ */

/* A good file's text with @from replaced by @to (once; must be there). */
static char *
good_text_with (Fixture    *fixture,
                const char *from,
                const char *to)
{
  g_autoptr(GlossSuggestionFile) file = filled_file (fixture);
  g_autoptr(GBytes) bytes = gloss_suggestion_file_serialize (file);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  const char *at = strstr (text, from);
  GString *out;

  g_assert_nonnull (at);
  out = g_string_new_len (text, at - text);
  g_string_append (out, to);
  g_string_append (out, at + strlen (from));

  return g_string_free (out, FALSE);
}

/* Loads @text and expects it to fail with @code, a problem at @location
 * whose message holds @message; the file on disk stays as it was. */
static void
expect_bad (Fixture    *fixture,
            const char *text,
            gsize       size,
            GlossError  code,
            const char *location,
            const char *message)
{
  g_autoptr(GlossSuggestionFile) file = new_file (fixture);
  g_autofree char *path = file_path (fixture);
  g_autofree char *on_disk = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *problems;
  gboolean found = FALSE;

  g_file_set_contents (path, text, size, &error);
  g_assert_no_error (error);

  g_assert_false (gloss_suggestion_file_load (file, NULL, &error));
  g_assert_error (error, GLOSS_ERROR, (gint) code);
  g_clear_error (&error);

  problems = gloss_suggestion_file_get_problems (file);
  g_assert_cmpuint (problems->len, >, 0);
  for (guint i = 0; i < problems->len; i++)
    {
      GlossProblem *problem = g_ptr_array_index (problems, i);

      g_assert_cmpint (problem->severity, ==, GLOSS_SEVERITY_ERROR);
      g_assert_true (g_str_has_suffix (problem->file, "bridge.txt.alice.suggestions.json"));
      if (g_strcmp0 (problem->location, location) == 0 && strstr (problem->message, message) != NULL)
        found = TRUE;
    }
  if (!found)
    {
      for (guint i = 0; i < problems->len; i++)
        {
          g_autofree char *line = gloss_problem_to_string (g_ptr_array_index (problems, i));
          g_test_message ("problem: %s", line);
        }
    }
  g_assert_true (found);

  /* Nothing of it is used, and it is never written over. */
  g_assert_cmpuint (n_listed (file), ==, 0);
  g_assert_cmpuint (gloss_suggestion_file_get_rejected (file)->len, ==, 0);
  g_assert_true (gloss_suggestion_file_is_read_only (file));
  g_assert_false (gloss_suggestion_file_save (file, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_READ_ONLY);
  on_disk = read_text (path);
  g_assert_cmpmem (on_disk, strlen (on_disk), text, size);
}

static void
test_bad_json (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *cut = good_text_with (fixture, "\"version\": 1,", "\"version\": 1,,");

  expect_bad (fixture, cut, strlen (cut), GLOSS_ERROR_PARSE, "line 3, column 16", "not valid JSON");
  expect_bad (fixture, "", 0, GLOSS_ERROR_PARSE, "line 1, column 1", "the file is empty");
  expect_bad (fixture, "[]", 2, GLOSS_ERROR_INVALID, NULL, "must be an object");
}

static void
test_bad_utf8 (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *in_string = good_text_with (fixture, "Ruiz\",", "Ru\xff" "iz\",");
  g_autofree char *outside = good_text_with (fixture, "\"version\"", "\xc3\x28\"version\"");

  expect_bad (fixture, in_string, strlen (in_string), GLOSS_ERROR_INVALID_UTF8, NULL,
              "invalid UTF-8 at byte");
  g_autofree char *where = g_strdup_printf ("invalid UTF-8 at byte %d",
                                            (int) (strstr (outside, "\xc3") - outside));

  expect_bad (fixture, outside, strlen (outside), GLOSS_ERROR_INVALID_UTF8, NULL, where);
}

static void
test_bad_offsets (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *past = good_text_with (fixture, "\"end\": 143", "\"end\": 1430");
  g_autofree char *negative = good_text_with (fixture, "\"start\": 34", "\"start\": -34");
  g_autofree char *empty = good_text_with (fixture, "\"end\": 143", "\"end\": 139");
  g_autofree char *reversed = good_text_with (fixture, "\"start\": 34", "\"start\": 60");
  g_autofree char *speaker = good_text_with (fixture, "\"end\": 62", "\"end\": 9999");
  g_autofree char *exact = good_text_with (fixture, "\"exact\": \"Ruiz\"", "\"exact\": \"Ruth\"");
  g_autofree char *grapheme = NULL;
  guint cafe = find (fixture->document, "Cafe", 0);
  g_autofree char *from = g_strdup ("\"start\": 139,\n      \"end\": 143,\n      \"exact\": \"Ruiz\"");
  g_autofree char *to = g_strdup_printf ("\"start\": %u,\n      \"end\": %u,\n      \"exact\": \"Cafe\"",
                                         cafe, cafe + 4);

  expect_bad (fixture, past, strlen (past), GLOSS_ERROR_RANGE, "suggestions[2].end",
              "past the end of the article");
  expect_bad (fixture, negative, strlen (negative), GLOSS_ERROR_INVALID, "suggestions[0].start",
              "-34 is negative");
  expect_bad (fixture, empty, strlen (empty), GLOSS_ERROR_RANGE, "suggestions[2]", "is empty");
  expect_bad (fixture, reversed, strlen (reversed), GLOSS_ERROR_RANGE, "suggestions[0]",
              "start 60 is after end 57");
  expect_bad (fixture, speaker, strlen (speaker), GLOSS_ERROR_RANGE, "suggestions[0].speaker.end",
              "past the end");
  expect_bad (fixture, exact, strlen (exact), GLOSS_ERROR_INCONSISTENT, "suggestions[2].exact",
              "which reads “Ruiz”");

  /* "Cafe" + a combining acute: the span would cut the é in two. */
  grapheme = good_text_with (fixture, from, to);
  expect_bad (fixture, grapheme, strlen (grapheme), GLOSS_ERROR_RANGE, "suggestions[2].end",
              "inside a grapheme cluster");
}

/* A file for another article, or for this one before it changed, is
 * reported and none of it is applied. */
static void
test_other_article (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *sha = gloss_document_get_sha256 (fixture->document);
  g_autofree char *other_sha = g_strdup (sha);
  g_autofree char *hash = NULL;
  g_autofree char *length = NULL;
  g_autofree char *name = NULL;
  g_autofree char *stated_length = g_strdup_printf ("\"length\": %u",
                                                    gloss_document_get_length (fixture->document));

  other_sha[0] = other_sha[0] == '0' ? '1' : '0';
  hash = good_text_with (fixture, sha, other_sha);
  expect_bad (fixture, hash, strlen (hash), GLOSS_ERROR_INCONSISTENT, "document.sha256",
              "another text than the article’s");

  length = good_text_with (fixture, stated_length, "\"length\": 12");
  expect_bad (fixture, length, strlen (length), GLOSS_ERROR_INCONSISTENT, "document.length",
              "12 does not match the article");

  name = good_text_with (fixture, "\"file\": \"bridge.txt\"", "\"file\": \"harbour.txt\"");
  expect_bad (fixture, name, strlen (name), GLOSS_ERROR_INCONSISTENT, "document.file",
              "names “harbour.txt”");
}

static void
test_bad_members (Fixture       *fixture,
                  gconstpointer  data)
{
  static const struct
  {
    const char *from, *to;
    GlossError  code;
    const char *location, *message;
  } cases[] = {
    { "\"gloss-suggestions\"", "\"gloss\"", GLOSS_ERROR_INVALID, "format", "not a Gloss suggestions file" },
    { "\"version\": 1", "\"version\": 2", GLOSS_ERROR_READ_ONLY, "version", "newer" },
    { "\"version\": 1", "\"version\": 0", GLOSS_ERROR_INVALID, "version", "not a valid format version" },
    { "\"annotator\": \"alice\"", "\"annotator\": \"bob\"", GLOSS_ERROR_INVALID, "annotator", "does not match the file name" },
    { "\"annotator\": \"alice\",", "\"annotator\": \"alice\", \"extra\": 1,", GLOSS_ERROR_INVALID, "extra", "not a member" },
    { "\"score\": 0.92", "\"score\": 1.5", GLOSS_ERROR_INVALID, "suggestions[0].score", "1.5 is not a score" },
    { "\"score\": 0.92", "\"score\": \"high\"", GLOSS_ERROR_INVALID, "suggestions[0].score", "must be a number" },
    { "\"label\": \"quote\"", "\"label\": null", GLOSS_ERROR_INVALID, "suggestions[0].tie", "missing" },
    { "\"label\": \"quote\"", "\"label\": \"quote\", \"tie\": [\"a\", \"b\"]", GLOSS_ERROR_INVALID, "suggestions[0].tie", "only a suggestion without a label" },
    { "\"label\": \"quote\"", "\"label\": \"\"", GLOSS_ERROR_INVALID, "suggestions[0].label", "must not be empty" },
    { "\"source\": \"quotes\"", "\"source\": 7", GLOSS_ERROR_INVALID, "suggestions[0].source", "must be a string" },
    { "\"source\": \"quotes\"", "\"source\": \"rejected\"", GLOSS_ERROR_INVALID, "suggestions[0].source", "not a source" },
    { "\"label\": \"person\"\n      }", "\"label\": \"person\", \"exact\": \"Ruiz\"\n      }", GLOSS_ERROR_INVALID, "suggestions[0].speaker.exact", "not a member" },
    { "\"suggestions\": [", "\"suggestions\": [ 3,", GLOSS_ERROR_INVALID, "suggestions[0]", "must be an object" },
    { "\"rejected\": [", "\"rejected\": [\n    { \"label\": null, \"start\": 0, \"end\": 5, \"exact\": \"Mayor\" },", GLOSS_ERROR_INVALID, "rejected[1]", "the same as rejected[0]" },
    { "\"rejected\": [\n", "\"rejected\": [\n    { \"label\": \"person\", \"start\": 139, \"end\": 143, \"exact\": \"Ruiz\" },\n", GLOSS_ERROR_INVALID, "suggestions[2]", "which was rejected" },
    { "\"document\": {", "\"documents\": {", GLOSS_ERROR_INVALID, "document", "missing" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = good_text_with (fixture, cases[i].from, cases[i].to);

      g_test_message ("case %u: %s", i, cases[i].to);
      expect_bad (fixture, text, strlen (text), cases[i].code, cases[i].location, cases[i].message);
    }
}

/* Every prefix of a good file, and a good file with one byte changed:
 * never a crash; a file that fails says why. */
static void
test_bad_mangled (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GlossSuggestionFile) good = filled_file (fixture);
  g_autoptr(GBytes) bytes = gloss_suggestion_file_serialize (good);
  gsize size = g_bytes_get_size (bytes);
  const char *text = g_bytes_get_data (bytes, NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (15);
  static const char replacements[] = "{}[]\",:0123456789-.etn \x01\xff\xc3";

  for (gsize n = 0; n <= size; n++)
    {
      g_autoptr(GlossSuggestionFile) file = new_file (fixture);
      g_autoptr(GBytes) prefix = g_bytes_new (text, n);
      g_autoptr(GError) error = NULL;
      gboolean ok = gloss_suggestion_file_load_bytes (file, prefix, &error);

      /* Only the whole file, or it less its final newline, reads. */
      g_assert_true (ok == (n >= size - 1));
      g_assert_true (ok || (error != NULL && gloss_suggestion_file_get_problems (file)->len > 0));
    }

  for (guint i = 0; i < 3000; i++)
    {
      g_autoptr(GlossSuggestionFile) file = new_file (fixture);
      char *copy = g_memdup2 (text, size);
      g_autoptr(GBytes) mangled = NULL;
      g_autoptr(GError) error = NULL;

      copy[g_rand_int_range (rand, 0, size)] = replacements[g_rand_int_range (rand, 0, sizeof replacements - 1)];
      mangled = g_bytes_new_take (copy, size);
      if (!gloss_suggestion_file_load_bytes (file, mangled, &error))
        {
          g_assert_nonnull (error);
          g_assert_cmpuint (gloss_suggestion_file_get_problems (file)->len, >, 0);
          g_assert_cmpuint (n_listed (file), ==, 0);
        }
    }
}

/* An id is the suggestion's own; two entries of one proposal are one too
 * many. */
static void
test_bad_ids (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GlossSuggestionFile) file = filled_file (fixture);
  const char *id = gloss_suggestion_file_get_id (file, listed (file, 0));
  g_autofree char *from = g_strdup_printf ("\"id\": \"%s\"", id);
  g_autofree char *changed = good_text_with (fixture, from, "\"id\": \"s-00000000\"");
  g_autofree char *twice = NULL;
  g_autofree char *entry = NULL;
  const char *start, *end;

  expect_bad (fixture, changed, strlen (changed), GLOSS_ERROR_INVALID, "suggestions[0].id",
              "is not this suggestion’s id");

  /* The first suggestion written twice. */
  {
    g_autoptr(GBytes) bytes = gloss_suggestion_file_serialize (file);
    g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    GString *out;

    start = strstr (text, "    {\n      \"id\"");
    end = strstr (start, "\n    },\n") + strlen ("\n    },\n");
    entry = g_strndup (start, end - start);
    out = g_string_new_len (text, start - text);
    g_string_append (out, entry);
    g_string_append (out, start);
    twice = g_string_free (out, FALSE);
  }
  expect_bad (fixture, twice, strlen (twice), GLOSS_ERROR_INVALID, "suggestions[1]",
              "the same proposal as suggestions[0]");
}

/* Merging a run
 * ------------------------------------------------------------------------ */

/* Rejected before: not back on the next run. */
static void
test_merge_rejected (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GlossSuggestionFile) file = new_file (fixture);
  g_autoptr(GPtrArray) first = run_of ("same-text",
                                       suggest (fixture->document, "same-text", "person", "Ruiz", 0),
                                       suggest (fixture->document, "same-text", "person", "Ruiz", 1),
                                       NULL);
  g_autoptr(GPtrArray) second = run_of ("same-text",
                                        suggest (fixture->document, "same-text", "person", "Ruiz", 0),
                                        suggest (fixture->document, "same-text", "person", "Ruiz", 1),
                                        NULL);
  g_autoptr(GError) error = NULL;

  merge (file, fixture->set, "same-text", first, 2);
  g_assert_true (gloss_suggestion_file_reject (file, listed (file, 0), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_listed (file), ==, 1);
  g_assert_true (gloss_suggestion_file_is_rejected (file, g_ptr_array_index (second, 0)));

  merge (file, fixture->set, "same-text", second, 0);
  g_assert_cmpuint (n_listed (file), ==, 1);
  g_assert_cmpuint (gloss_suggestion_get_start (listed (file, 0)), ==, find (fixture->document, "Ruiz", 1));

  /* Rejecting what is not listed: NOT_FOUND, nothing changes. */
  g_assert_false (gloss_suggestion_file_reject (file, g_ptr_array_index (first, 0), &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Taken back: listed again, and the next run keeps it. */
  g_assert_true (gloss_suggestion_file_unreject (file, g_ptr_array_index (first, 0), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_listed (file), ==, 2);
  g_assert_false (gloss_suggestion_file_is_rejected (file, g_ptr_array_index (second, 0)));
  g_assert_false (gloss_suggestion_file_unreject (file, g_ptr_array_index (first, 0), &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND);
}

/* Annotated already: the same span and label; for a quote with a speaker,
 * the relation too; for a tie, any of its labels. */
static void
test_merge_annotated (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char * const tie[] = { "organization", "person", NULL };
  g_autoptr(GlossSuggestionFile) file = new_file (fixture);
  g_autoptr(GError) error = NULL;
  GlossSuggestion *ruiz0, *ruiz1, *quote, *mayor;
  GlossAnnotation *quote_span, *speaker;
  guint start;
  g_autoptr(GPtrArray) run = NULL;

  ruiz0 = suggest (fixture->document, "same-text", "person", "Ruiz", 0);
  ruiz1 = suggest (fixture->document, "same-text", "organization", "Ruiz", 1);
  mayor = suggest (fixture->document, "same-text", NULL, "Mayor", 0);
  gloss_suggestion_set_tie (mayor, tie);
  run = run_of ("same-text", ruiz0, ruiz1, mayor, NULL);

  start = find (fixture->document, "Ruiz", 0);
  g_assert_nonnull (gloss_annotation_set_create (fixture->set, "person", start, start + 4, &error));
  start = find (fixture->document, "Ruiz", 1);
  g_assert_nonnull (gloss_annotation_set_create (fixture->set, "person", start, start + 4, &error));
  g_assert_nonnull (gloss_annotation_set_create (fixture->set, "organization", 0, 5, &error));
  g_assert_no_error (error);

  /* Ruiz 0 and Mayor are done; Ruiz 1 has another label. */
  merge (file, fixture->set, "same-text", run, 1);
  g_assert_cmpuint (n_listed (file), ==, 1);
  g_assert_true (listed (file, 0) == ruiz1);

  /* A quote whose span is there but not its speaker relation stays. */
  quote = suggest_quote (fixture->document, "“We built it together,”", "Ruiz", 1, 0.9);
  g_clear_pointer (&run, g_ptr_array_unref);
  run = run_of ("quotes", g_object_ref (quote), NULL);
  start = gloss_suggestion_get_start (quote);
  quote_span = gloss_annotation_set_create (fixture->set, "quote", start, start + 23, &error);
  g_assert_no_error (error);
  merge (file, fixture->set, "quotes", run, 1);
  g_assert_cmpuint (n_listed (file), ==, 2);

  /* With the relation, it is annotated: drop_annotated takes it out. */
  start = find (fixture->document, "Ruiz", 1);
  speaker = g_ptr_array_index (gloss_annotation_set_at_offset (fixture->set, start), 0);
  g_assert_cmpstr (gloss_annotation_get_label (speaker), ==, "person");
  g_assert_true (gloss_annotation_set_set_speaker (fixture->set, quote_span, speaker, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_suggestion_file_drop_annotated (file, fixture->set), ==, 1);
  g_assert_cmpuint (n_listed (file), ==, 1);
  g_assert_cmpuint (gloss_suggestion_file_drop_annotated (file, fixture->set), ==, 0);

  merge (file, fixture->set, "quotes", run, 0);
  g_assert_cmpuint (n_listed (file), ==, 1);
  g_object_unref (quote);
}

/* One per proposal (the higher score); a source's last run is replaced,
 * the other sources' suggestions stay. */
static void
test_merge_runs (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GlossSuggestionFile) file = new_file (fixture);
  GlossSuggestion *low = suggest (fixture->document, "import", "person", "Ruiz", 0);
  GlossSuggestion *high = suggest (fixture->document, "import", "person", "Ruiz", 0);
  GlossSuggestion *other = suggest (fixture->document, "import", "person", "Ruiz", 2);
  GlossSuggestion *same = suggest (fixture->document, "same-text", "person", "Ruiz", 0);
  GlossSuggestion *same2 = suggest (fixture->document, "same-text", "person", "Ruiz", 3);
  g_autoptr(GPtrArray) imported = NULL;
  g_autoptr(GPtrArray) same_run = NULL;
  g_autoptr(GPtrArray) again = NULL;
  double score;

  gloss_suggestion_set_score (low, 0.4);
  gloss_suggestion_set_score (high, 0.8);
  imported = run_of ("import", low, high, other, NULL);
  merge (file, fixture->set, "import", imported, 2);
  g_assert_cmpuint (n_listed (file), ==, 2);
  g_assert_true (listed (file, 0) == high);

  /* same-text's Ruiz 0 has no score: the import's 0.8 stays. */
  same_run = run_of ("same-text", same, same2, NULL);
  merge (file, fixture->set, "same-text", same_run, 1);
  g_assert_cmpuint (n_listed (file), ==, 3);
  g_assert_true (listed (file, 0) == high);
  g_assert_true (gloss_suggestion_get_score (listed (file, 0), &score));
  g_assert_cmpfloat (score, ==, 0.8);

  /* The next import run suggests only Ruiz 2: its Ruiz 0 goes, same-text's
   * Ruiz 3 stays. */
  again = run_of ("import", suggest (fixture->document, "import", "person", "Ruiz", 2), NULL);
  merge (file, fixture->set, "import", again, 0);
  g_assert_cmpuint (n_listed (file), ==, 2);
  g_assert_cmpstr (gloss_suggestion_get_source (listed (file, 0)), ==, "import");
  g_assert_cmpstr (gloss_suggestion_get_exact (listed (file, 0)), ==, "Ruiz");
  g_assert_cmpuint (gloss_suggestion_get_start (listed (file, 0)), ==, find (fixture->document, "Ruiz", 2));
  g_assert_cmpstr (gloss_suggestion_get_source (listed (file, 1)), ==, "same-text");
}

/* A run that gives what stands already leaves the file as it is: nothing
 * to write, the same objects listed. A file not on disk yet is made even
 * when a run leaves it empty. */
static void
test_merge_unchanged (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GlossSuggestionFile) file = new_file (fixture);
  g_autoptr(GlossFileBatch) batch = gloss_file_batch_new ();
  g_autoptr(GPtrArray) first = run_of ("import", suggest (fixture->document, "import", "person", "Ruiz", 0), NULL);
  g_autoptr(GPtrArray) second = run_of ("import", suggest (fixture->document, "import", "person", "Ruiz", 0), NULL);
  g_autoptr(GPtrArray) empty = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  GlossSuggestionFileWrite done;
  GlossSuggestion *standing;

  g_assert_true (gloss_suggestion_file_load (file, NULL, &error));
  merge (file, fixture->set, "import", empty, 0);
  g_assert_true (gloss_suggestion_file_is_dirty (file));

  merge (file, fixture->set, "import", first, 1);
  g_assert_true (gloss_suggestion_file_save (file, &error));
  g_assert_no_error (error);
  standing = listed (file, 0);

  merge (file, fixture->set, "import", second, 0);
  g_assert_false (gloss_suggestion_file_is_dirty (file));
  g_assert_true (listed (file, 0) == standing);
  g_assert_true (gloss_suggestion_file_write (file, batch, &done, &error));
  g_assert_no_error (error);
  g_assert_cmpint (done, ==, GLOSS_SUGGESTION_FILE_UNCHANGED);
  g_assert_cmpuint (gloss_file_batch_get_n_pending (batch), ==, 0);
}

/* A suggestion not on the article refuses the whole run. */
static void
test_merge_refused (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GlossSuggestionFile) file = filled_file (fixture);
  guint length = gloss_document_get_length (fixture->document);
  guint cafe = find (fixture->document, "Cafe", 0);
  g_autoptr(GBytes) before = gloss_suggestion_file_serialize (file);
  struct
  {
    GlossSuggestion *suggestion;
    const char      *source;
    GlossError       code;
  } cases[] = {
    { gloss_suggestion_new ("quotes", "quote", length - 2, length + 3, "x"), "quotes", GLOSS_ERROR_RANGE },
    { gloss_suggestion_new ("quotes", "quote", cafe, cafe + 4, "Cafe"), "quotes", GLOSS_ERROR_RANGE },
    { gloss_suggestion_new ("quotes", "quote", 0, 5, "Mayer"), "quotes", GLOSS_ERROR_INVALID },
    { gloss_suggestion_new ("import", "quote", 0, 5, "Mayor"), "quotes", GLOSS_ERROR_INVALID },
    { gloss_suggestion_new ("quotes", NULL, 0, 5, "Mayor"), "quotes", GLOSS_ERROR_INVALID },
    { suggest_quote (fixture->document, "“We built it together,”", "Ruiz", 1, 0.5), "quotes", GLOSS_ERROR_RANGE },
  };

  /* The last one's speaker past the end. */
  gloss_suggestion_set_speaker (cases[5].suggestion, length, length + 4, "person");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) run = run_of (cases[i].source,
                                         suggest (fixture->document, cases[i].source, "person", "Ruiz", 0),
                                         cases[i].suggestion, NULL);
      g_autoptr(GBytes) after = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_false (gloss_suggestion_file_merge_run (file, cases[i].source, run, fixture->set,
                                                       NULL, &error));
      g_assert_error (error, GLOSS_ERROR, (gint) cases[i].code);
      g_assert_true (strstr (error->message, "suggestion 2 of") != NULL);
      after = gloss_suggestion_file_serialize (file);
      g_assert_true (g_bytes_equal (before, after));
    }
}

/* Accepting
 * ------------------------------------------------------------------------ */

static JsonObject *
provenance (GlossAnnotation *annotation)
{
  JsonObject *extra = gloss_annotation_get_extra (annotation);

  g_assert_nonnull (extra);
  g_assert_true (json_object_has_member (extra, "suggestion"));
  return json_object_get_object_member (extra, "suggestion");
}

/* A span becomes an annotation recording where it came from, in one undo
 * step; undo lists the suggestion again, redo takes it out. */
static void
test_accept (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GlossSuggestionFile) file = new_file (fixture);
  GlossSuggestion *ruiz = suggest (fixture->document, "same-text", "person", "Ruiz", 3);
  g_autoptr(GPtrArray) run = NULL;
  g_autoptr(GError) error = NULL;
  GlossAnnotation *annotation;
  JsonObject *record;

  gloss_suggestion_set_score (ruiz, 0.75);
  run = run_of ("same-text", ruiz, NULL);
  merge (file, fixture->set, "same-text", run, 1);
  gloss_suggestion_file_save (file, &error);
  g_assert_no_error (error);

  annotation = gloss_suggestion_file_accept (file, ruiz, NULL, fixture->set, &error);
  g_assert_no_error (error);
  g_assert_nonnull (annotation);
  g_assert_cmpstr (gloss_annotation_get_label (annotation), ==, "person");
  g_assert_cmpuint (gloss_annotation_get_start (annotation), ==, gloss_suggestion_get_start (ruiz));
  g_assert_cmpstr (gloss_annotation_get_exact (annotation), ==, "Ruiz");
  record = provenance (annotation);
  g_assert_cmpstr (json_object_get_string_member (record, "source"), ==, "same-text");
  g_assert_cmpfloat (json_object_get_double_member (record, "score"), ==, 0.75);
  g_assert_cmpuint (gloss_annotation_set_get_n_annotations (fixture->set), ==, 1);
  g_assert_cmpuint (n_listed (file), ==, 0);
  g_assert_true (gloss_suggestion_file_is_dirty (file));

  /* Accepting it again: it is not listed any more. */
  g_assert_null (gloss_suggestion_file_accept (file, ruiz, NULL, fixture->set, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (gloss_annotation_set_undo (fixture->set, &error));
  g_assert_cmpuint (gloss_annotation_set_get_n_annotations (fixture->set), ==, 0);
  g_assert_cmpuint (n_listed (file), ==, 1);
  g_assert_true (listed (file, 0) == ruiz);
  g_assert_false (gloss_annotation_set_can_undo (fixture->set));

  g_assert_true (gloss_annotation_set_redo (fixture->set, &error));
  g_assert_cmpuint (gloss_annotation_set_get_n_annotations (fixture->set), ==, 1);
  g_assert_cmpuint (n_listed (file), ==, 0);
  record = provenance (g_list_model_get_item (G_LIST_MODEL (fixture->set), 0));
  g_object_unref (annotation);  /* the get_item above */
  g_assert_cmpstr (json_object_get_string_member (record, "source"), ==, "same-text");

  /* Undone and accepted again: once more one step. */
  g_assert_true (gloss_annotation_set_undo (fixture->set, &error));
  g_assert_nonnull (gloss_suggestion_file_accept (file, ruiz, NULL, fixture->set, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_listed (file), ==, 0);
  g_assert_true (gloss_annotation_set_undo (fixture->set, &error));
  g_assert_cmpuint (n_listed (file), ==, 1);
}

/* A quote with a new speaker: the span, the speaker's span and the
 * relation, one undo step. With a speaker span already there, that one. */
static void
test_accept_quote (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GlossSuggestionFile) file = new_file (fixture);
  GlossSuggestion *first = suggest_quote (fixture->document, "“We built it together,”", "Ruiz", 1, 0.92);
  GlossSuggestion *second = suggest_quote (fixture->document, "“the river is ours again.”", "Ruiz", 2, -1);
  g_autoptr(GPtrArray) run = run_of ("quotes", first, second, NULL);
  g_autoptr(GError) error = NULL;
  GlossAnnotation *quote, *speaker, *existing;
  guint start;
  JsonObject *record;

  merge (file, fixture->set, "quotes", run, 2);

  quote = gloss_suggestion_file_accept (file, first, NULL, fixture->set, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gloss_annotation_get_label (quote), ==, "quote");
  speaker = gloss_annotation_set_get_speaker (fixture->set, quote);
  g_assert_nonnull (speaker);
  g_assert_cmpstr (gloss_annotation_get_exact (speaker), ==, "Ruiz");
  g_assert_cmpstr (gloss_annotation_get_label (speaker), ==, "person");
  g_assert_cmpuint (gloss_annotation_set_get_n_annotations (fixture->set), ==, 2);
  record = provenance (quote);
  g_assert_cmpstr (json_object_get_string_member (record, "source"), ==, "quotes");
  g_assert_cmpfloat (json_object_get_double_member (record, "score"), ==, 0.92);
  record = provenance (speaker);
  g_assert_cmpstr (json_object_get_string_member (record, "source"), ==, "quotes");

  g_assert_true (gloss_annotation_set_undo (fixture->set, &error));
  g_assert_cmpuint (gloss_annotation_set_get_n_annotations (fixture->set), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (gloss_annotation_set_get_relations (fixture->set)), ==, 0);
  g_assert_false (gloss_annotation_set_can_undo (fixture->set));
  g_assert_cmpuint (n_listed (file), ==, 2);

  /* The speaker's span annotated already: used, not doubled, and its
   * sidecar entry not touched; no score, no "score" member. */
  start = find (fixture->document, "Ruiz", 2);
  existing = gloss_annotation_set_create (fixture->set, "person", start, start + 4, &error);
  g_assert_no_error (error);
  quote = gloss_suggestion_file_accept (file, second, NULL, fixture->set, &error);
  g_assert_no_error (error);
  g_assert_true (gloss_annotation_set_get_speaker (fixture->set, quote) == existing);
  g_assert_null (gloss_annotation_get_extra (existing));
  g_assert_cmpuint (gloss_annotation_set_get_n_annotations (fixture->set), ==, 2);
  record = provenance (quote);
  g_assert_false (json_object_has_member (record, "score"));
  g_assert_cmpuint (n_listed (file), ==, 1);

  g_assert_true (gloss_annotation_set_undo (fixture->set, &error));
  g_assert_cmpuint (gloss_annotation_set_get_n_annotations (fixture->set), ==, 1);
  g_assert_cmpuint (n_listed (file), ==, 2);
}

/* A tie needs a label chosen. */
static void
test_accept_tie (Fixture       *fixture,
                 gconstpointer  data)
{
  static const char * const tie[] = { "organization", "person", NULL };
  g_autoptr(GlossSuggestionFile) file = new_file (fixture);
  GlossSuggestion *mayor = suggest (fixture->document, "same-text", NULL, "Mayor", 0);
  g_autoptr(GPtrArray) run = NULL;
  g_autoptr(GError) error = NULL;
  GlossAnnotation *annotation;

  gloss_suggestion_set_tie (mayor, tie);
  run = run_of ("same-text", mayor, NULL);
  merge (file, fixture->set, "same-text", run, 1);

  g_assert_null (gloss_suggestion_file_accept (file, mayor, NULL, fixture->set, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_assert_true (strstr (error->message, "organization, person") != NULL);
  g_clear_error (&error);
  g_assert_cmpuint (gloss_annotation_set_get_n_annotations (fixture->set), ==, 0);
  g_assert_cmpuint (n_listed (file), ==, 1);

  annotation = gloss_suggestion_file_accept (file, mayor, "organization", fixture->set, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gloss_annotation_get_label (annotation), ==, "organization");
  g_assert_cmpuint (n_listed (file), ==, 0);
}

/* Refused accepts change nothing: a read-only set, a speaker the label
 * set's rule does not allow. */
static void
test_accept_refused (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GlossSuggestionFile) file = new_file (fixture);
  GlossSuggestion *quote = suggest (fixture->document, "quotes", "quote", "“We built it together,”", 0);
  GlossSuggestion *ruiz = suggest (fixture->document, "same-text", "person", "Ruiz", 0);
  g_autoptr(GPtrArray) quotes = NULL;
  g_autoptr(GPtrArray) same = NULL;
  g_autoptr(GError) error = NULL;
  guint start = find (fixture->document, "Ruiz", 1);

  gloss_suggestion_set_speaker (quote, start, start + 4, "location");
  quotes = run_of ("quotes", quote, NULL);
  same = run_of ("same-text", ruiz, NULL);
  merge (file, fixture->set, "quotes", quotes, 1);
  merge (file, fixture->set, "same-text", same, 1);

  g_assert_null (gloss_suggestion_file_accept (file, quote, NULL, fixture->set, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (gloss_annotation_set_get_n_annotations (fixture->set), ==, 0);
  g_assert_false (gloss_annotation_set_can_undo (fixture->set));
  g_assert_cmpuint (n_listed (file), ==, 2);

  gloss_annotation_set_set_read_only (fixture->set, TRUE);
  g_assert_null (gloss_suggestion_file_accept (file, ruiz, NULL, fixture->set, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_READ_ONLY);
  g_assert_cmpuint (gloss_annotation_set_get_n_annotations (fixture->set), ==, 0);
  g_assert_cmpuint (n_listed (file), ==, 2);
}

/* The "suggestion" member is saved in the sidecar and read back. */
static void
test_accept_sidecar (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GlossSuggestionFile) file = new_file (fixture);
  g_autoptr(GlossSidecar) sidecar = gloss_sidecar_new_for_document (fixture->document, "alice");
  g_autoptr(GlossSidecar) reread = NULL;
  GlossSuggestion *first = suggest_quote (fixture->document, "“We built it together,”", "Ruiz", 1, 0.92);
  g_autoptr(GPtrArray) run = run_of ("quotes", first, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "bridge.txt.alice.gloss.json", NULL);
  g_autofree char *text = NULL;
  GlossAnnotationSet *set;
  GlossAnnotation *quote;
  JsonObject *record;

  g_assert_true (gloss_sidecar_load (sidecar, NULL, NULL, &error));
  set = gloss_sidecar_get_annotations (sidecar);
  merge (file, set, "quotes", run, 1);
  g_assert_nonnull (gloss_suggestion_file_accept (file, first, NULL, set, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_sidecar_is_dirty (sidecar));
  g_assert_true (gloss_sidecar_save (sidecar, NULL, &error));
  g_assert_no_error (error);

  text = read_text (path);
  g_assert_nonnull (strstr (text, "\"suggestion\": {\n        \"source\": \"quotes\",\n        \"score\": 0.92\n      }"));

  reread = gloss_sidecar_new_for_document (fixture->document, "alice");
  g_assert_true (gloss_sidecar_load (reread, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_sidecar_get_problems (reread)->len, ==, 0);
  quote = g_list_model_get_item (G_LIST_MODEL (gloss_sidecar_get_annotations (reread)), 0);
  g_assert_cmpstr (gloss_annotation_get_label (quote), ==, "quote");
  record = provenance (quote);
  g_assert_cmpfloat (json_object_get_double_member (record, "score"), ==, 0.92);
  g_object_unref (quote);

  /* The suggestions file, loaded again, has nothing to suggest there. */
  g_assert_true (gloss_suggestion_file_save (file, &error));
  g_clear_object (&file);
  file = new_file (fixture);
  g_assert_true (gloss_suggestion_file_load (file, NULL, &error));
  g_assert_cmpuint (n_listed (file), ==, 0);
}

/* Accepting all
 * ------------------------------------------------------------------------ */

static void
accept_all (GlossSuggestionFile *file,
            GPtrArray           *suggestions,
            GlossAnnotationSet  *set,
            guint                expected_accepted,
            guint                expected_skipped)
{
  g_autoptr(GError) error = NULL;
  guint accepted = G_MAXUINT, skipped = G_MAXUINT;

  g_assert_true (gloss_suggestion_file_accept_all (file, suggestions, set, &accepted, &skipped, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (accepted, ==, expected_accepted);
  g_assert_cmpuint (skipped, ==, expected_skipped);
}

static GPtrArray *
all_listed (GlossSuggestionFile *file)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n_listed (file); i++)
    g_ptr_array_add (items, g_object_ref (listed (file, i)));

  return items;
}

/* Every one with its own label, in one undo step: undo lists them all
 * again, redo takes them out again. The quote's speaker, made by the
 * quote's accept, is the span a same-text suggestion there takes (not a
 * second one), and that suggestion comes back with the quote's undo. A
 * tie is skipped. */
static void
test_accept_all (Fixture       *fixture,
                 gconstpointer  data)
{
  static const char * const tie[] = { "organization", "person", NULL };
  g_autoptr(GlossSuggestionFile) file = new_file (fixture);
  GlossSuggestion *quote = suggest_quote (fixture->document, "“We built it together,”", "Ruiz", 1, 0.92);
  GlossSuggestion *mayor = suggest (fixture->document, "same-text", NULL, "Mayor", 0);
  g_autoptr(GPtrArray) quotes = run_of ("quotes", quote, NULL);
  g_autoptr(GPtrArray) same = NULL;
  g_autoptr(GPtrArray) everything = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  GlossAnnotation *speaker;

  gloss_suggestion_set_tie (mayor, tie);
  same = run_of ("same-text", mayor,
                 suggest (fixture->document, "same-text", "person", "Ruiz", 0),
                 suggest (fixture->document, "same-text", "person", "Ruiz", 1),
                 suggest (fixture->document, "same-text", "person", "Ruiz", 2),
                 suggest (fixture->document, "same-text", "person", "Ruiz", 3),
                 NULL);
  merge (file, fixture->set, "quotes", quotes, 1);
  merge (file, fixture->set, "same-text", same, 5);
  g_assert_true (gloss_suggestion_file_save (file, &error));
  g_assert_false (gloss_suggestion_file_is_dirty (file));

  everything = all_listed (file);
  accept_all (file, everything, fixture->set, 5, 1);
  g_assert_cmpuint (gloss_annotation_set_get_n_annotations (fixture->set), ==, 5);
  g_assert_cmpuint (g_list_model_get_n_items (gloss_annotation_set_get_relations (fixture->set)), ==, 1);
  g_assert_cmpuint (n_listed (file), ==, 1);
  g_assert_true (listed (file, 0) == mayor);
  g_assert_true (gloss_suggestion_file_is_dirty (file));

  found = gloss_annotation_set_in_range (fixture->set, gloss_suggestion_get_start (quote),
                                         gloss_suggestion_get_end (quote));
  g_assert_cmpuint (found->len, ==, 1);
  speaker = gloss_annotation_set_get_speaker (fixture->set, g_ptr_array_index (found, 0));
  g_assert_nonnull (speaker);
  g_assert_cmpuint (gloss_annotation_get_start (speaker), ==, find (fixture->document, "Ruiz", 1));

  /* One step. */
  g_assert_true (gloss_annotation_set_undo (fixture->set, &error));
  g_assert_no_error (error);
  g_assert_false (gloss_annotation_set_can_undo (fixture->set));
  g_assert_cmpuint (gloss_annotation_set_get_n_annotations (fixture->set), ==, 0);
  g_assert_cmpuint (n_listed (file), ==, 6);

  g_assert_true (gloss_annotation_set_redo (fixture->set, &error));
  g_assert_cmpuint (gloss_annotation_set_get_n_annotations (fixture->set), ==, 5);
  g_assert_cmpuint (n_listed (file), ==, 1);

  g_assert_true (gloss_annotation_set_undo (fixture->set, &error));
  g_assert_cmpuint (n_listed (file), ==, 6);
  for (guint i = 0; i < everything->len; i++)
    g_assert_nonnull (gloss_suggestion_file_get_id (file, g_ptr_array_index (everything, i)));
}

/* A tie, one not listed (rejected), one refused (a speaker the label set's
 * rule does not allow) are skipped and the rest accepted; one given twice
 * is accepted once. */
static void
test_accept_all_skipped (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GlossSuggestionFile) file = new_file (fixture);
  GlossSuggestion *refused = suggest (fixture->document, "quotes", "quote", "“We built it together,”", 0);
  GlossSuggestion *ruiz = suggest (fixture->document, "same-text", "person", "Ruiz", 0);
  GlossSuggestion *rejected = suggest (fixture->document, "same-text", "person", "Ruiz", 1);
  g_autoptr(GPtrArray) quotes = NULL;
  g_autoptr(GPtrArray) same = NULL;
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  guint start = find (fixture->document, "Ruiz", 1);

  gloss_suggestion_set_speaker (refused, start, start + 4, "location");
  quotes = run_of ("quotes", refused, NULL);
  same = run_of ("same-text", ruiz, rejected, NULL);
  merge (file, fixture->set, "quotes", quotes, 1);
  merge (file, fixture->set, "same-text", same, 2);
  g_assert_true (gloss_suggestion_file_reject (file, rejected, &error));

  g_ptr_array_add (chosen, refused);
  g_ptr_array_add (chosen, ruiz);
  g_ptr_array_add (chosen, rejected);
  g_ptr_array_add (chosen, ruiz);
  accept_all (file, chosen, fixture->set, 1, 2);
  g_assert_cmpuint (gloss_annotation_set_get_n_annotations (fixture->set), ==, 1);
  g_assert_cmpuint (n_listed (file), ==, 1);
  g_assert_true (listed (file, 0) == refused);

  g_assert_true (gloss_annotation_set_undo (fixture->set, &error));
  g_assert_false (gloss_annotation_set_can_undo (fixture->set));
  g_assert_cmpuint (n_listed (file), ==, 2);

  /* Nothing to accept: no step at all. */
  g_ptr_array_set_size (chosen, 0);
  g_ptr_array_add (chosen, refused);
  accept_all (file, chosen, fixture->set, 0, 1);
  g_assert_false (gloss_annotation_set_can_undo (fixture->set));
  g_assert_true (gloss_annotation_set_can_redo (fixture->set));  /* the undone step stays redoable */
}

/* Two suggestions of one span make one annotation: a second label is
 * skipped; the same label without and with a speaker both go, into the
 * one span, and both come back with the undo. */
static void
test_accept_all_one_span (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GlossSuggestionFile) file = new_file (fixture);
  GlossSuggestion *as_person = suggest (fixture->document, "same-text", "person", "Ruiz", 0);
  GlossSuggestion *as_organization = suggest (fixture->document, "import", "organization", "Ruiz", 0);
  GlossSuggestion *plain_quote = suggest (fixture->document, "import", "quote", "“We built it together,”", 0);
  GlossSuggestion *quote = suggest_quote (fixture->document, "“We built it together,”", "Ruiz", 1, -1);
  g_autoptr(GPtrArray) same = run_of ("same-text", as_person, NULL);
  g_autoptr(GPtrArray) imported = run_of ("import", as_organization, plain_quote, NULL);
  g_autoptr(GPtrArray) quotes = run_of ("quotes", quote, NULL);
  g_autoptr(GPtrArray) everything = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  guint start = gloss_suggestion_get_start (as_person);

  merge (file, fixture->set, "same-text", same, 1);
  merge (file, fixture->set, "import", imported, 2);
  merge (file, fixture->set, "quotes", quotes, 1);
  g_assert_cmpuint (n_listed (file), ==, 4);

  everything = all_listed (file);
  accept_all (file, everything, fixture->set, 3, 1);
  /* Ruiz (organization, first in list order), the quote, its speaker. */
  g_assert_cmpuint (gloss_annotation_set_get_n_annotations (fixture->set), ==, 3);
  found = gloss_annotation_set_in_range (fixture->set, start, start + 4);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (gloss_annotation_get_label (g_ptr_array_index (found, 0)), ==, "organization");
  g_assert_cmpuint (n_listed (file), ==, 1);
  g_assert_true (listed (file, 0) == as_person);
  g_assert_cmpuint (g_list_model_get_n_items (gloss_annotation_set_get_relations (fixture->set)), ==, 1);

  g_assert_true (gloss_annotation_set_undo (fixture->set, &error));
  g_assert_cmpuint (gloss_annotation_set_get_n_annotations (fixture->set), ==, 0);
  g_assert_cmpuint (n_listed (file), ==, 4);
  g_assert_true (gloss_annotation_set_redo (fixture->set, &error));
  g_assert_cmpuint (n_listed (file), ==, 1);
}

/* Many at once (past the binary searches, one walk of the list): every
 * other one of 200 accepted, in runs; undo and redo put back and take
 * out just those, the list in order and each id as it was. */
static void
test_accept_all_many (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *path = g_build_filename (fixture->dir, "names.txt", NULL);
  g_autoptr(GFile) article = g_file_new_for_path (path);
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GlossAnnotationSet) set = NULL;
  g_autoptr(GlossSuggestionFile) file = NULL;
  g_autoptr(GPtrArray) run = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 200; i++)
    g_string_append_printf (text, "N%03u said. ", i);
  g_file_set_contents (path, text->str, -1, &error);
  g_assert_no_error (error);
  document = gloss_document_new_from_file (article, NULL, &error);
  g_assert_no_error (error);
  set = gloss_annotation_set_new (document);
  file = gloss_suggestion_file_new_for_document (document, "alice");

  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *name = g_strdup_printf ("N%03u", i);

      g_ptr_array_add (run, gloss_suggestion_new ("same-text", "person", i * 11, i * 11 + 4, name));
    }
  merge (file, set, "same-text", run, 200);
  for (guint i = 0; i < 200; i++)
    {
      g_ptr_array_add (ids, g_strdup (gloss_suggestion_file_get_id (file, listed (file, i))));
      if (i % 2 == 1)
        g_ptr_array_add (chosen, listed (file, i));
    }

  accept_all (file, chosen, set, 100, 0);
  g_assert_cmpuint (gloss_annotation_set_get_n_annotations (set), ==, 100);
  g_assert_cmpuint (n_listed (file), ==, 100);
  for (guint i = 0; i < 100; i++)
    g_assert_cmpuint (gloss_suggestion_get_start (listed (file, i)), ==, i * 22);

  g_assert_true (gloss_annotation_set_undo (set, &error));
  g_assert_cmpuint (n_listed (file), ==, 200);
  for (guint i = 0; i < 200; i++)
    {
      g_assert_cmpuint (gloss_suggestion_get_start (listed (file, i)), ==, i * 11);
      g_assert_cmpstr (gloss_suggestion_file_get_id (file, listed (file, i)), ==, g_ptr_array_index (ids, i));
      g_assert_true (gloss_suggestion_file_lookup (file, g_ptr_array_index (ids, i)) == listed (file, i));
    }

  g_assert_true (gloss_annotation_set_redo (set, &error));
  g_assert_cmpuint (n_listed (file), ==, 100);
  g_assert_cmpuint (gloss_suggestion_get_start (listed (file, 99)), ==, 99 * 22);
}

/* After an accept of all, each later change of the set brings back or
 * takes out only the suggestions whose spans or relations it touched: a
 * span removed by hand lists its suggestion again, the removal undone
 * takes it out; the speaker relation removed lists the quote again;
 * another set's load is followed too. */
static void
test_accept_all_follow (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GlossSuggestionFile) file = new_file (fixture);
  GlossSuggestion *quote = suggest_quote (fixture->document, "“We built it together,”", "Ruiz", 1, -1);
  GlossSuggestion *first = suggest (fixture->document, "same-text", "person", "Ruiz", 0);
  GlossSuggestion *last = suggest (fixture->document, "same-text", "person", "Ruiz", 3);
  g_autoptr(GPtrArray) quotes = run_of ("quotes", quote, NULL);
  g_autoptr(GPtrArray) same = run_of ("same-text", first, last, NULL);
  g_autoptr(GPtrArray) everything = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  GlossRelation *relation;

  merge (file, fixture->set, "quotes", quotes, 1);
  merge (file, fixture->set, "same-text", same, 2);
  everything = all_listed (file);
  accept_all (file, everything, fixture->set, 3, 0);
  g_assert_cmpuint (n_listed (file), ==, 0);

  /* Corrections by hand reject what they correct: not listed again, so
   * that "Accept All Shown" cannot make it once more. */
  found = gloss_annotation_set_in_range (fixture->set, gloss_suggestion_get_start (last),
                                         gloss_suggestion_get_end (last));
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_true (gloss_annotation_set_remove (fixture->set, g_ptr_array_index (found, 0), &error));
  g_assert_cmpuint (n_listed (file), ==, 0);
  g_assert_true (gloss_suggestion_file_is_rejected (file, last));
  /* Undoing the hand edit brings the annotation back, not the suggestion. */
  g_assert_true (gloss_annotation_set_undo (fixture->set, &error));
  g_assert_cmpuint (n_listed (file), ==, 0);
  g_assert_true (gloss_suggestion_file_is_rejected (file, last));

  relation = g_list_model_get_item (gloss_annotation_set_get_relations (fixture->set), 0);
  g_assert_true (gloss_annotation_set_remove_relation (fixture->set, relation, &error));
  g_object_unref (relation);
  g_assert_cmpuint (n_listed (file), ==, 0);
  g_assert_true (gloss_suggestion_file_is_rejected (file, quote));

  /* Loaded afresh (a reload): the accepted span left is another object
   * now, and a load is no edit: listed again; the corrected ones not. */
  gloss_annotation_set_load (fixture->set, NULL, NULL);
  g_assert_cmpuint (n_listed (file), ==, 1);
  g_assert_true (listed (file, 0) == first);
  g_assert_false (gloss_suggestion_file_is_rejected (file, first));
}

/* The annotation an accept made, deleted by hand: the proposal is
 * rejected (the file dirty), remembered across a save and a load, and a
 * later run of its source does not suggest it again. */
static void
test_correct_delete (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GlossSuggestionFile) file = new_file (fixture);
  g_autoptr(GlossSuggestionFile) back = new_file (fixture);
  GlossSuggestion *ruiz = suggest (fixture->document, "same-text", "person", "Ruiz", 0);
  GlossSuggestion *later = suggest (fixture->document, "same-text", "person", "Ruiz", 1);
  g_autoptr(GPtrArray) same = run_of ("same-text", ruiz, later, NULL);
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;
  GlossAnnotation *made;

  merge (file, fixture->set, "same-text", same, 2);
  made = gloss_suggestion_file_accept (file, ruiz, NULL, fixture->set, &error);
  g_assert_no_error (error);
  g_assert_true (gloss_suggestion_file_save (file, &error));
  g_assert_false (gloss_suggestion_file_is_dirty (file));

  g_assert_true (gloss_annotation_set_remove (fixture->set, made, &error));
  g_assert_cmpuint (n_listed (file), ==, 1);
  g_assert_true (listed (file, 0) == later);
  g_assert_true (gloss_suggestion_file_is_rejected (file, ruiz));
  g_assert_cmpuint (gloss_suggestion_file_get_rejected (file)->len, ==, 1);
  g_assert_true (gloss_suggestion_file_is_dirty (file));

  /* The same source run again, suggesting it once more. */
  again = run_of ("same-text", suggest (fixture->document, "same-text", "person", "Ruiz", 0),
                  suggest (fixture->document, "same-text", "person", "Ruiz", 1), NULL);
  merge (file, fixture->set, "same-text", again, 0);
  g_assert_cmpuint (n_listed (file), ==, 1);

  g_assert_true (gloss_suggestion_file_save (file, &error));
  g_assert_true (gloss_suggestion_file_load (back, NULL, &error));
  g_assert_true (gloss_suggestion_file_is_rejected (back, ruiz));
}

/* The speaker of an accepted quote changed by hand, or set to none: the
 * proposal, with its wrong speaker, is rejected. */
static void
test_correct_speaker (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GlossSuggestionFile) file = new_file (fixture);
  GlossSuggestion *first = suggest_quote (fixture->document, "“We built it together,”", "Ruiz", 1, 0.9);
  GlossSuggestion *second = suggest_quote (fixture->document, "“the river is ours again.”", "Ruiz", 2, -1);
  g_autoptr(GPtrArray) run = run_of ("quotes", first, second, NULL);
  g_autoptr(GError) error = NULL;
  GlossAnnotation *quote, *other;
  guint start;

  merge (file, fixture->set, "quotes", run, 2);
  quote = gloss_suggestion_file_accept (file, first, NULL, fixture->set, &error);
  g_assert_no_error (error);

  start = find (fixture->document, "Ana Ruiz", 0);
  other = gloss_annotation_set_create (fixture->set, "person", start, start + 8, &error);
  g_assert_no_error (error);
  g_assert_true (gloss_annotation_set_set_speaker (fixture->set, quote, other, &error));
  g_assert_cmpuint (n_listed (file), ==, 1);
  g_assert_true (listed (file, 0) == second);
  g_assert_true (gloss_suggestion_file_is_rejected (file, first));

  quote = gloss_suggestion_file_accept (file, second, NULL, fixture->set, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_listed (file), ==, 0);
  g_assert_true (gloss_annotation_set_set_speaker (fixture->set, quote, NULL, &error));
  g_assert_cmpuint (n_listed (file), ==, 0);
  g_assert_true (gloss_suggestion_file_is_rejected (file, second));
  g_assert_cmpuint (gloss_suggestion_file_get_rejected (file)->len, ==, 2);
}

/* Only undo of the accept's own step lists it again, and redo takes it
 * out; after that, a hand edit still rejects it. */
static void
test_correct_after_undo (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GlossSuggestionFile) file = new_file (fixture);
  GlossSuggestion *ruiz = suggest (fixture->document, "same-text", "person", "Ruiz", 0);
  g_autoptr(GPtrArray) same = run_of ("same-text", ruiz, NULL);
  g_autoptr(GError) error = NULL;
  GlossAnnotation *made;

  merge (file, fixture->set, "same-text", same, 1);
  made = gloss_suggestion_file_accept (file, ruiz, NULL, fixture->set, &error);
  g_assert_no_error (error);

  g_assert_true (gloss_annotation_set_undo (fixture->set, &error));
  g_assert_cmpuint (n_listed (file), ==, 1);
  g_assert_false (gloss_suggestion_file_is_rejected (file, ruiz));
  g_assert_true (gloss_annotation_set_redo (fixture->set, &error));
  g_assert_cmpuint (n_listed (file), ==, 0);
  g_assert_false (gloss_suggestion_file_is_rejected (file, ruiz));

  g_assert_true (gloss_annotation_set_remove (fixture->set, made, &error));
  g_assert_cmpuint (n_listed (file), ==, 0);
  g_assert_true (gloss_suggestion_file_is_rejected (file, ruiz));
}

/* Nothing can be done: FALSE with the reason, nothing changed. An empty
 * array: TRUE, 0 and 0. */
static void
test_accept_all_refused (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GlossSuggestionFile) file = new_file (fixture);
  GlossSuggestion *ruiz = suggest (fixture->document, "same-text", "person", "Ruiz", 0);
  g_autoptr(GPtrArray) same = run_of ("same-text", ruiz, NULL);
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autoptr(GPtrArray) everything = NULL;
  g_autoptr(GlossDocument) other = NULL;
  g_autoptr(GlossAnnotationSet) other_set = NULL;
  g_autoptr(GError) error = NULL;
  guint accepted = 7, skipped = 7;

  merge (file, fixture->set, "same-text", same, 1);
  everything = all_listed (file);

  accept_all (file, none, fixture->set, 0, 0);

  gloss_annotation_set_set_read_only (fixture->set, TRUE);
  g_assert_false (gloss_suggestion_file_accept_all (file, everything, fixture->set, &accepted, &skipped, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_cmpuint (accepted, ==, 0);
  g_assert_cmpuint (skipped, ==, 0);
  g_assert_cmpuint (gloss_annotation_set_get_n_annotations (fixture->set), ==, 0);
  g_assert_cmpuint (n_listed (file), ==, 1);
  gloss_annotation_set_set_read_only (fixture->set, FALSE);

  other = gloss_document_new_from_text ("Another article, about Ruiz.\n", -1, &error);
  g_assert_no_error (error);
  other_set = gloss_annotation_set_new (other);
  g_assert_false (gloss_suggestion_file_accept_all (file, everything, other_set, NULL, NULL, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INCONSISTENT);
  g_assert_cmpuint (gloss_annotation_set_get_n_annotations (other_set), ==, 0);
  g_assert_cmpuint (n_listed (file), ==, 1);
}

/* Finding by place
 * ------------------------------------------------------------------------ */

/* The listed suggestion with exactly a span, the first in list order. */
static void
test_find_at (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GlossSuggestionFile) file = new_file (fixture);
  GlossSuggestion *as_person = suggest (fixture->document, "same-text", "person", "Ruiz", 0);
  GlossSuggestion *as_organization = suggest (fixture->document, "import", "organization", "Ruiz", 0);
  GlossSuggestion *longer = suggest (fixture->document, "import", "person", "Ana Ruiz", 0);
  GlossSuggestion *later = suggest (fixture->document, "same-text", "person", "Ruiz", 1);
  g_autoptr(GPtrArray) same = run_of ("same-text", as_person, later, NULL);
  g_autoptr(GPtrArray) imported = run_of ("import", as_organization, longer, NULL);
  g_autoptr(GError) error = NULL;
  guint start = gloss_suggestion_get_start (as_person);
  guint ana = gloss_suggestion_get_start (longer);

  g_assert_null (gloss_suggestion_file_find_at (file, start, start + 4));

  merge (file, fixture->set, "same-text", same, 2);
  merge (file, fixture->set, "import", imported, 2);

  g_assert_true (gloss_suggestion_file_find_at (file, start, start + 4) == as_organization);
  g_assert_true (gloss_suggestion_file_find_at (file, ana, start + 4) == longer);
  g_assert_true (gloss_suggestion_file_find_at (file, gloss_suggestion_get_start (later),
                                                gloss_suggestion_get_end (later)) == later);
  g_assert_null (gloss_suggestion_file_find_at (file, start, start + 3));
  g_assert_null (gloss_suggestion_file_find_at (file, start + 1, start + 4));
  g_assert_null (gloss_suggestion_file_find_at (file, ana, start + 5));
  g_assert_null (gloss_suggestion_file_find_at (file, start, start));
  g_assert_null (gloss_suggestion_file_find_at (file, 10000, 10004));

  g_assert_true (gloss_suggestion_file_reject (file, as_organization, &error));
  g_assert_true (gloss_suggestion_file_find_at (file, start, start + 4) == as_person);
}

/* The next one starting after an offset, the previous one starting before
 * it (the first, the longest, of those at one start, either way), with
 * and without wrapping. */
static void
test_find_next (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GlossSuggestionFile) file = new_file (fixture);
  GlossSuggestion *mayor = suggest (fixture->document, "same-text", "person", "Mayor Ana Ruiz", 0);
  GlossSuggestion *ruiz = suggest (fixture->document, "same-text", "person", "Ruiz", 0);
  GlossSuggestion *quote = suggest (fixture->document, "quotes", "quote", "“We built it together,”", 0);
  GlossSuggestion *said = suggest (fixture->document, "same-text", "person", "Ruiz said", 0);
  GlossSuggestion *speaker = suggest (fixture->document, "same-text", "person", "Ruiz", 1);
  g_autoptr(GPtrArray) same = NULL;
  g_autoptr(GPtrArray) quotes = run_of ("quotes", quote, NULL);
  guint quote_start = gloss_suggestion_get_start (quote);
  guint said_start = gloss_suggestion_get_start (said);
  guint n;

  gloss_suggestion_set_score (speaker, 0.9);
  same = run_of ("same-text", mayor, ruiz, said, speaker, NULL);
  for (guint wrap = 0; wrap < 2; wrap++)
    {
      g_assert_cmpuint (gloss_suggestion_file_find_next (file, 0, TRUE, wrap), ==, G_MAXUINT);
      g_assert_cmpuint (gloss_suggestion_file_find_next (file, 0, FALSE, wrap), ==, G_MAXUINT);
    }

  merge (file, fixture->set, "same-text", same, 4);
  merge (file, fixture->set, "quotes", quotes, 1);
  /* mayor (0), ruiz, quote, said, speaker (said's start, shorter) */
  n = n_listed (file);
  g_assert_cmpuint (n, ==, 5);
  g_assert_true (listed (file, 3) == said);
  g_assert_true (listed (file, 4) == speaker);

  /* Forward: strictly after. */
  g_assert_cmpuint (gloss_suggestion_file_find_next (file, 0, TRUE, FALSE), ==, 1);
  g_assert_cmpuint (gloss_suggestion_file_find_next (file, gloss_suggestion_get_start (ruiz), TRUE, FALSE), ==, 2);
  g_assert_cmpuint (gloss_suggestion_file_find_next (file, quote_start, TRUE, FALSE), ==, 3);
  g_assert_cmpuint (gloss_suggestion_file_find_next (file, said_start - 1, TRUE, FALSE), ==, 3);
  g_assert_cmpuint (gloss_suggestion_file_find_next (file, said_start, TRUE, FALSE), ==, G_MAXUINT);
  g_assert_cmpuint (gloss_suggestion_file_find_next (file, said_start, TRUE, TRUE), ==, 0);
  g_assert_cmpuint (gloss_suggestion_file_find_next (file, G_MAXUINT, TRUE, TRUE), ==, 0);
  g_assert_cmpuint (gloss_suggestion_file_find_next (file, G_MAXUINT, TRUE, FALSE), ==, G_MAXUINT);

  /* Backward: strictly before, the first of those at that start. */
  g_assert_cmpuint (gloss_suggestion_file_find_next (file, said_start, FALSE, FALSE), ==, 2);
  g_assert_cmpuint (gloss_suggestion_file_find_next (file, said_start + 1, FALSE, FALSE), ==, 3);
  g_assert_cmpuint (gloss_suggestion_file_find_next (file, G_MAXUINT, FALSE, FALSE), ==, 3);
  g_assert_cmpuint (gloss_suggestion_file_find_next (file, quote_start, FALSE, FALSE), ==, 1);
  g_assert_cmpuint (gloss_suggestion_file_find_next (file, 1, FALSE, FALSE), ==, 0);
  g_assert_cmpuint (gloss_suggestion_file_find_next (file, 0, FALSE, FALSE), ==, G_MAXUINT);
  g_assert_cmpuint (gloss_suggestion_file_find_next (file, 0, FALSE, TRUE), ==, 3);

  /* Among those a filter shows. */
  {
    g_autoptr(GlossSuggestionFilter) filter = gloss_suggestion_filter_new ();

    g_assert_cmpuint (gloss_suggestion_file_find_next_shown (file, 0, TRUE, FALSE, NULL), ==, 1);
    g_assert_cmpuint (gloss_suggestion_file_find_next_shown (file, 0, TRUE, FALSE, filter), ==, 1);

    gloss_suggestion_filter_set_label (filter, "quote");
    g_assert_cmpuint (gloss_suggestion_file_find_next_shown (file, 0, TRUE, FALSE, filter), ==, 2);
    g_assert_cmpuint (gloss_suggestion_file_find_next_shown (file, quote_start, TRUE, FALSE, filter), ==, G_MAXUINT);
    g_assert_cmpuint (gloss_suggestion_file_find_next_shown (file, quote_start, TRUE, TRUE, filter), ==, 2);
    g_assert_cmpuint (gloss_suggestion_file_find_next_shown (file, quote_start, FALSE, FALSE, filter), ==, G_MAXUINT);
    g_assert_cmpuint (gloss_suggestion_file_find_next_shown (file, quote_start, FALSE, TRUE, filter), ==, 2);
    g_assert_cmpuint (gloss_suggestion_file_find_next_shown (file, G_MAXUINT, FALSE, FALSE, filter), ==, 2);

    /* Of the two at one start, only the shorter shown: that one, either way. */
    gloss_suggestion_filter_set_label (filter, NULL);
    gloss_suggestion_filter_set_min_score (filter, 0.5);
    g_assert_cmpuint (gloss_suggestion_file_find_next_shown (file, 0, TRUE, FALSE, filter), ==, 4);
    g_assert_cmpuint (gloss_suggestion_file_find_next_shown (file, G_MAXUINT, FALSE, FALSE, filter), ==, 4);
    g_assert_cmpuint (gloss_suggestion_file_find_next_shown (file, said_start, TRUE, FALSE, filter), ==, G_MAXUINT);
    g_assert_cmpuint (gloss_suggestion_file_find_next_shown (file, said_start, TRUE, TRUE, filter), ==, 4);
    g_assert_cmpuint (gloss_suggestion_file_find_next_shown (file, said_start, FALSE, TRUE, filter), ==, 4);

    /* Both shown: the first (the longer), either way. */
    gloss_suggestion_filter_set_min_score (filter, 0.0);
    gloss_suggestion_filter_set_text (filter, "RUIZ");
    g_assert_cmpuint (gloss_suggestion_file_find_next_shown (file, G_MAXUINT, FALSE, FALSE, filter), ==, 3);
    g_assert_cmpuint (gloss_suggestion_file_find_next_shown (file, quote_start, TRUE, FALSE, filter), ==, 3);
    g_assert_cmpuint (gloss_suggestion_file_find_next_shown (file, quote_start, FALSE, FALSE, filter), ==, 1);

    /* Nothing shown. */
    gloss_suggestion_filter_set_text (filter, "nobody");
    g_assert_cmpuint (gloss_suggestion_file_find_next_shown (file, 0, TRUE, TRUE, filter), ==, G_MAXUINT);
    g_assert_cmpuint (gloss_suggestion_file_find_next_shown (file, 0, FALSE, TRUE, filter), ==, G_MAXUINT);
  }
}

/* "dirty" notifies each change of is_dirty(), and only a change. */
static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *n)
{
  (*n)++;
}

static void
test_dirty_notify (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GlossSuggestionFile) file = new_file (fixture);
  GlossSuggestion *ruiz = suggest (fixture->document, "same-text", "person", "Ruiz", 0);
  GlossSuggestion *later = suggest (fixture->document, "same-text", "person", "Ruiz", 1);
  g_autoptr(GPtrArray) same = run_of ("same-text", ruiz, later, NULL);
  g_autoptr(GError) error = NULL;
  gboolean dirty = FALSE;
  guint n = 0;

  g_signal_connect (file, "notify::dirty", G_CALLBACK (count_notify), &n);

  merge (file, fixture->set, "same-text", same, 2);
  g_assert_cmpuint (n, ==, 1);
  g_object_get (file, "dirty", &dirty, NULL);
  g_assert_true (dirty);

  g_assert_true (gloss_suggestion_file_reject (file, ruiz, &error));
  g_assert_cmpuint (n, ==, 1);  /* dirty already */

  g_assert_true (gloss_suggestion_file_save (file, &error));
  g_assert_cmpuint (n, ==, 2);
  g_object_get (file, "dirty", &dirty, NULL);
  g_assert_false (dirty);

  /* An accept and its undo, each. */
  g_assert_nonnull (gloss_suggestion_file_accept (file, later, NULL, fixture->set, &error));
  g_assert_cmpuint (n, ==, 3);
  g_assert_true (gloss_suggestion_file_save (file, &error));
  g_assert_cmpuint (n, ==, 4);
  g_assert_true (gloss_annotation_set_undo (fixture->set, &error));
  g_assert_cmpuint (n, ==, 5);
  g_assert_true (gloss_suggestion_file_is_dirty (file));

  /* Loading: clean again. */
  g_assert_true (gloss_suggestion_file_load (file, NULL, &error));
  g_assert_cmpuint (n, ==, 6);
  g_assert_false (gloss_suggestion_file_is_dirty (file));
}

/* Saving in a worker thread
 * ------------------------------------------------------------------------ */

typedef struct
{
  gboolean  done;
  gboolean  saved;
  GError   *error;
} Saved;

static void
on_saved (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Saved *saved = user_data;

  saved->saved = gloss_suggestion_file_save_finish (GLOSS_SUGGESTION_FILE (object), result,
                                                    &saved->error);
  saved->done = TRUE;
}

static void
wait_saved (Saved *saved)
{
  while (!saved->done)
    g_main_context_iteration (NULL, TRUE);
}

static GBytes *
read_file (GlossSuggestionFile *file)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = g_file_load_bytes (gloss_suggestion_file_get_file (file), NULL, NULL, &error);

  g_assert_no_error (error);
  return bytes;
}

/* The same bytes as serialize() gives, written atomically; clean once it
 * has landed, and not before; the hash of what was written known without
 * reading it back, and how the file looked right after. */
static void
test_save_async (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GlossSuggestionFile) file = new_file (fixture);
  g_autoptr(GlossSuggestionFile) back = new_file (fixture);
  GlossSuggestion *ruiz = suggest (fixture->document, "same-text", "person", "Ruiz", 0);
  GlossSuggestion *later = suggest (fixture->document, "same-text", "person", "Ruiz", 1);
  g_autoptr(GPtrArray) same = run_of ("same-text", ruiz, later, NULL);
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GBytes) written = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *path = NULL;
  const GlossFileFingerprint *look;
  GlossFileFingerprint now;
  Saved saved = { 0 };
  struct stat st;

  merge (file, fixture->set, "same-text", same, 2);
  g_assert_true (gloss_suggestion_file_reject (file, ruiz, &error));
  expected = gloss_suggestion_file_serialize (file);
  g_assert_null (gloss_suggestion_file_get_disk_sha256 (file));

  gloss_suggestion_file_save_async (file, NULL, on_saved, &saved);
  g_assert_true (gloss_suggestion_file_is_dirty (file));
  wait_saved (&saved);
  g_assert_no_error (saved.error);
  g_assert_true (saved.saved);
  g_assert_false (gloss_suggestion_file_is_dirty (file));

  written = read_file (file);
  g_assert_true (g_bytes_equal (written, expected));
  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, written);
  g_assert_cmpstr (gloss_suggestion_file_get_disk_sha256 (file), ==, sha256);
  look = gloss_suggestion_file_get_written_fingerprint (file);
  g_assert_nonnull (look);
  gloss_file_fingerprint_take (gloss_suggestion_file_get_file (file), &now);
  g_assert_true (gloss_file_fingerprint_equal (look, &now));

  /* The mode the file had is kept, as by save(). */
  path = g_file_get_path (gloss_suggestion_file_get_file (file));
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);
  g_assert_true (gloss_suggestion_file_unreject (file, ruiz, &error));
  memset (&saved, 0, sizeof saved);
  gloss_suggestion_file_save_async (file, NULL, on_saved, &saved);
  wait_saved (&saved);
  g_assert_true (saved.saved);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0640);

  g_assert_true (gloss_suggestion_file_load (back, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (gloss_suggestion_file_get_suggestions (back)), ==, 2);
  g_assert_cmpuint (gloss_suggestion_file_get_rejected (back)->len, ==, 0);

  /* A load forgets what the last save wrote. */
  g_assert_true (gloss_suggestion_file_load (file, NULL, &error));
  g_assert_null (gloss_suggestion_file_get_disk_sha256 (file));
}

/* A change made while the write is in flight is not in it: the file
 * stays dirty, and the next save writes it. */
static void
test_save_async_changed (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GlossSuggestionFile) file = new_file (fixture);
  g_autoptr(GlossSuggestionFile) back = new_file (fixture);
  GlossSuggestion *ruiz = suggest (fixture->document, "same-text", "person", "Ruiz", 0);
  GlossSuggestion *later = suggest (fixture->document, "same-text", "person", "Ruiz", 1);
  g_autoptr(GPtrArray) same = run_of ("same-text", ruiz, later, NULL);
  g_autoptr(GError) error = NULL;
  Saved saved = { 0 };

  merge (file, fixture->set, "same-text", same, 2);
  g_assert_true (gloss_suggestion_file_save (file, &error));
  g_assert_true (gloss_suggestion_file_reject (file, ruiz, &error));

  gloss_suggestion_file_save_async (file, NULL, on_saved, &saved);
  /* Meanwhile: the file already dirty, and changed again. */
  g_assert_true (gloss_suggestion_file_reject (file, later, &error));
  wait_saved (&saved);
  g_assert_true (saved.saved);
  g_assert_true (gloss_suggestion_file_is_dirty (file));

  g_assert_true (gloss_suggestion_file_load (back, NULL, &error));
  g_assert_true (gloss_suggestion_file_is_rejected (back, ruiz));
  g_assert_false (gloss_suggestion_file_is_rejected (back, later));

  g_assert_true (gloss_suggestion_file_save (file, &error));
  g_assert_false (gloss_suggestion_file_is_dirty (file));
  g_assert_true (gloss_suggestion_file_load (back, NULL, &error));
  g_assert_true (gloss_suggestion_file_is_rejected (back, later));
}

/* A file that failed to load is not written over by a save in a thread
 * either. */
static void
test_save_async_read_only (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GlossSuggestionFile) file = new_file (fixture);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (gloss_suggestion_file_get_file (file));
  g_autofree char *text = NULL;
  Saved saved = { 0 };

  g_assert_true (g_file_set_contents (path, "{ not json", -1, NULL));
  g_assert_false (gloss_suggestion_file_load (file, NULL, &error));
  g_assert_true (gloss_suggestion_file_is_read_only (file));

  gloss_suggestion_file_save_async (file, NULL, on_saved, &saved);
  wait_saved (&saved);
  g_assert_false (saved.saved);
  g_assert_error (saved.error, GLOSS_ERROR, GLOSS_ERROR_READ_ONLY);
  g_clear_error (&saved.error);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, "{ not json");
}

/* The suggestions file's own limit, said before reading (a sparse file:
 * nothing of it is read). */
static void
test_too_large (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GlossSuggestionFile) file = new_file (fixture);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (gloss_suggestion_file_get_file (file));

  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  g_assert_cmpint (truncate (path, (off_t) GLOSS_SUGGESTION_FILE_MAX_BYTES + 1), ==, 0);
  g_assert_false (gloss_suggestion_file_load (file, NULL, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_TOO_LARGE);
  g_assert_true (gloss_suggestion_file_is_read_only (file));
}

/* Incremental merges
 * ------------------------------------------------------------------------ */

#define WORD_WIDTH 6  /* "w0000 " */

/* An article of @n_words words "w0000 w0001 …", one span each. */
static GlossDocument *
words_document (guint n_words)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  GlossDocument *document;

  for (guint i = 0; i < n_words; i++)
    g_string_append_printf (text, "w%04u ", i);
  document = gloss_document_new_from_text (text->str, text->len, &error);
  g_assert_no_error (error);

  return document;
}

static GlossSuggestion *
word_suggestion (const char *source,
                 const char *label,
                 guint       word,
                 double      score)
{
  g_autofree char *exact = g_strdup_printf ("w%04u", word);
  GlossSuggestion *suggestion = gloss_suggestion_new (source, label, word * WORD_WIDTH,
                                                      word * WORD_WIDTH + 5, exact);

  if (score >= 0)
    gloss_suggestion_set_score (suggestion, score);

  return suggestion;
}

static gboolean
oracle_annotated (GlossAnnotationSet *set,
                  GlossSuggestion    *suggestion)
{
  guint start = gloss_suggestion_get_start (suggestion);
  guint end = gloss_suggestion_get_end (suggestion);
  g_autoptr(GPtrArray) found = gloss_annotation_set_in_range (set, start, end);

  /* The runs here have labels and no speakers. */
  for (guint i = 0; i < found->len; i++)
    {
      GlossAnnotation *annotation = g_ptr_array_index (found, i);

      if (gloss_annotation_get_start (annotation) == start && gloss_annotation_get_end (annotation) == end
          && g_strcmp0 (gloss_annotation_get_label (annotation), gloss_suggestion_get_label (suggestion)) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
oracle_scores_higher (GlossSuggestion *candidate,
                      GlossSuggestion *standing)
{
  double a, b;
  gboolean has_a = gloss_suggestion_get_score (candidate, &a);
  gboolean has_b = gloss_suggestion_get_score (standing, &b);

  if (has_a != has_b)
    return has_a;
  return has_a && a > b;
}

static char *
oracle_key (GlossSuggestion *suggestion)
{
  return g_strdup_printf ("%s\x1f%u\x1f%u", gloss_suggestion_get_label (suggestion),
                          gloss_suggestion_get_start (suggestion), gloss_suggestion_get_end (suggestion));
}

static int
oracle_compare (gconstpointer a,
                gconstpointer b)
{
  return gloss_suggestion_compare (*(GlossSuggestion **) a, *(GlossSuggestion **) b);
}

/* The list made anew, as merges did before they were incremental: the
 * other sources' listed suggestions, then the run's (not rejected, not
 * annotated), one per proposal, the higher score winning. */
static GPtrArray *
oracle_merge (GlossSuggestionFile *file,
              GlossAnnotationSet  *set,
              const char          *source,
              GPtrArray           *run,
              guint               *n_added)
{
  GListModel *model = gloss_suggestion_file_get_suggestions (file);
  g_autoptr(GHashTable) before = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) best = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer key, value;

  *n_added = 0;
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      GlossSuggestion *suggestion = listed (file, i);

      g_hash_table_insert (before, oracle_key (suggestion), suggestion);
      if (strcmp (gloss_suggestion_get_source (suggestion), source) != 0)
        g_hash_table_insert (best, oracle_key (suggestion), suggestion);
    }
  for (guint i = 0; i < run->len; i++)
    {
      GlossSuggestion *suggestion = g_ptr_array_index (run, i);
      char *k = oracle_key (suggestion);
      GlossSuggestion *standing = g_hash_table_lookup (best, k);

      if (gloss_suggestion_file_is_rejected (file, suggestion) || oracle_annotated (set, suggestion)
          || (standing != NULL && !oracle_scores_higher (suggestion, standing)))
        g_free (k);
      else
        g_hash_table_insert (best, k, suggestion);
    }

  g_hash_table_iter_init (&iter, best);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (!g_hash_table_contains (before, key))
        (*n_added)++;
      g_ptr_array_add (items, g_object_ref (value));
    }
  g_ptr_array_sort (items, oracle_compare);

  return items;
}

typedef struct
{
  GListStore *mirror;
  guint       n_changed;   /* positions removed plus added, all changes */
  guint       n_signals;
  guint       first;       /* the lowest position a change touched */
  guint       last;        /* the highest, end-exclusive */
} Mirror;

/* Applies each change of the file's list to the mirror, with the items now
 * at the positions it says were added: the mirror equals the list after
 * only if every change said the right positions. */
static void
mirror_changed (GListModel *model,
                guint       position,
                guint       removed,
                guint       added,
                Mirror     *mirror)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < added; i++)
    g_ptr_array_add (items, g_list_model_get_item (model, position + i));
  g_list_store_splice (mirror->mirror, position, removed, items->pdata, items->len);

  mirror->n_changed += removed + added;
  mirror->n_signals++;
  mirror->first = MIN (mirror->first, position);
  mirror->last = MAX (mirror->last, position + MAX (removed, added));
}

static void
mirror_reset (Mirror *mirror)
{
  mirror->n_changed = 0;
  mirror->n_signals = 0;
  mirror->first = G_MAXUINT;
  mirror->last = 0;
}

static void
assert_mirrored (GlossSuggestionFile *file,
                 Mirror              *mirror)
{
  GListModel *model = gloss_suggestion_file_get_suggestions (file);
  guint n = g_list_model_get_n_items (model);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (mirror->mirror)), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossSuggestion) a = g_list_model_get_item (model, i);
      g_autoptr(GlossSuggestion) b = g_list_model_get_item (G_LIST_MODEL (mirror->mirror), i);

      g_assert_true (a == b);
    }
}

/* The file's lookups read its own copy of the list's order: after any
 * change they must agree with the list as it is. */
static void
assert_lookups_agree (GlossSuggestionFile *file)
{
  GListModel *model = gloss_suggestion_file_get_suggestions (file);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossSuggestion) item = g_list_model_get_item (model, i);
      guint start = gloss_suggestion_get_start (item);
      guint end = gloss_suggestion_get_end (item);
      guint first_at_start = i, first_at_span = i;

      while (first_at_start > 0)
        {
          g_autoptr(GlossSuggestion) before = g_list_model_get_item (model, first_at_start - 1);

          if (gloss_suggestion_get_start (before) != start)
            break;
          first_at_start--;
          if (gloss_suggestion_get_end (before) == end)
            first_at_span = first_at_start;
        }

      g_assert_cmpuint (gloss_suggestion_file_find_next (file, start == 0 ? G_MAXUINT : start - 1, TRUE, FALSE),
                        ==, start == 0 ? G_MAXUINT : first_at_start);
      {
        g_autoptr(GlossSuggestion) expected = g_list_model_get_item (model, first_at_span);

        g_assert_true (gloss_suggestion_file_find_at (file, start, end) == expected);
      }
    }
}

/* Runs of two sources over @data words, seeded: proposals come and go, their
 * scores change, both sources suggest some of the same, and between runs
 * some are rejected and some annotated (or no longer). After each merge
 * the list is the one made anew, and its changes replayed on a mirror
 * give the list. */
static void
test_merge_incremental (gconstpointer data)
{
  const guint n_words = GPOINTER_TO_UINT (data);
  static const double scores[] = { -1, 0.3, 0.6, 0.9 };
  static const char * const sources[] = { GLOSS_SUGGESTION_SOURCE_SAME_TEXT, GLOSS_SUGGESTION_SOURCE_QUOTES };
  static const char * const labels[] = { "person", "place" };
  g_autoptr(GlossDocument) document = words_document (n_words);
  g_autoptr(GlossAnnotationSet) set = gloss_annotation_set_new (document);
  g_autoptr(GFile) path = g_file_new_for_path ("/nonexistent/words.alice.suggestions.json");
  g_autoptr(GlossSuggestionFile) file = gloss_suggestion_file_new (path, document);
  g_autoptr(GRand) rand = g_rand_new_with_seed (15);
  GListModel *model = gloss_suggestion_file_get_suggestions (file);
  Mirror mirror = { g_list_store_new (GLOSS_TYPE_SUGGESTION) };
  guint n_unchanged = 0, n_changes = 0, n_parted = 0;

  g_signal_connect (model, "items-changed", G_CALLBACK (mirror_changed), &mirror);

  for (guint step = 0; step < 300; step++)
    {
      const char *source = sources[g_rand_int_range (rand, 0, 2)];
      g_autoptr(GPtrArray) run = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GPtrArray) expected = NULL;
      g_autoptr(GError) error = NULL;
      guint expected_added, added = G_MAXUINT;
      guint n;

      /* Some of the words, a few twice (another score). */
      for (guint word = 0; word < n_words; word++)
        {
          guint times = g_rand_int_range (rand, 0, 100) < 60 ? 1 : 0;

          if (times > 0 && g_rand_int_range (rand, 0, 10) == 0)
            times = 2;
          for (guint t = 0; t < times; t++)
            g_ptr_array_add (run, word_suggestion (source, labels[word % 3 == 0], word,
                                                   scores[g_rand_int_range (rand, 0, 4)]));
        }
      /* The last run again now and then: it must change nothing. */
      if (step % 7 == 6)
        {
          g_ptr_array_set_size (run, 0);
          for (guint i = 0; i < n_listed (file); i++)
            if (strcmp (gloss_suggestion_get_source (listed (file, i)), source) == 0)
              {
                GlossSuggestion *same = listed (file, i);
                double score;

                g_ptr_array_add (run, word_suggestion (source, gloss_suggestion_get_label (same),
                                                       gloss_suggestion_get_start (same) / WORD_WIDTH,
                                                       gloss_suggestion_get_score (same, &score) ? score : -1));
              }
        }

      expected = oracle_merge (file, set, source, run, &expected_added);
      mirror_reset (&mirror);
      /* Every third merge in parts that cover the article (as the
       * suggester merges a long run over several frames): the same end. */
      if (step % 3 == 1)
        {
          guint n_parts = g_rand_int_range (rand, 2, 6);
          guint from = 0;

          added = 0;
          for (guint part = 0; part < n_parts; part++)
            {
              guint to = part + 1 == n_parts ? G_MAXUINT : from + g_rand_int_range (rand, 0, n_words * WORD_WIDTH / 2);
              guint part_added = 0;

              g_assert_true (gloss_suggestion_file_merge_run_range (file, source, run, from, to, set,
                                                                    &part_added, &error));
              g_assert_no_error (error);
              added += part_added;
              from = to;
            }
          n_parted++;
        }
      else
        {
          g_assert_true (gloss_suggestion_file_merge_run (file, source, run, set, &added, &error));
          g_assert_no_error (error);
        }
      g_assert_cmpuint (added, ==, expected_added);

      n = n_listed (file);
      g_assert_cmpuint (n, ==, expected->len);
      for (guint i = 0; i < n; i++)
        g_assert_true (gloss_suggestion_equal (listed (file, i), g_ptr_array_index (expected, i)));
      assert_mirrored (file, &mirror);
      assert_lookups_agree (file);
      /* What goes and what comes, told together: one change, or one per
       * stretch when there are few (the file's SPLICE_RUNS_MAX). */
      g_assert_cmpuint (mirror.n_signals, <=, step % 3 == 1 ? 16 * 5 : 16);
      if (mirror.n_signals == 0)
        n_unchanged++;
      n_changes += mirror.n_changed;

      /* Between runs: a rejection, a mark, an annotation taken away. */
      if (n > 0 && g_rand_int_range (rand, 0, 3) == 0)
        {
          g_assert_true (gloss_suggestion_file_reject (file, listed (file, g_rand_int_range (rand, 0, n)), &error));
          g_assert_no_error (error);
        }
      if (g_rand_int_range (rand, 0, 2) == 0)
        {
          guint word = g_rand_int_range (rand, 0, n_words);

          gloss_annotation_set_create (set, labels[word % 3 == 0], word * WORD_WIDTH,
                                       word * WORD_WIDTH + 5, &error);
          g_clear_error (&error);  /* already there */
        }
      if (g_rand_int_range (rand, 0, 4) == 0)
        {
          GListModel *annotations = G_LIST_MODEL (set);

          if (g_list_model_get_n_items (annotations) > 0)
            {
              g_autoptr(GlossAnnotation) gone =
                g_list_model_get_item (annotations, g_rand_int_range (rand, 0, g_list_model_get_n_items (annotations)));

              g_assert_true (gloss_annotation_set_remove (set, gone, &error));
              g_assert_no_error (error);
            }
        }
      assert_mirrored (file, &mirror);
      assert_lookups_agree (file);
    }

  /* The series did both (over 64 changes, the store is walked). */
  g_assert_cmpuint (n_unchanged, >, 0);
  g_assert_cmpuint (n_changes, >, 0);
  g_assert_cmpuint (n_parted, >, 0);
  g_signal_handlers_disconnect_by_func (model, mirror_changed, &mirror);
  g_object_unref (mirror.mirror);
}

/* In a list of 10,000, a run that changes one suggestion's score changes
 * that position only; one more, and one fewer, the same. */
static void
test_merge_one_change (void)
{
  const guint n_words = 10000;
  g_autoptr(GlossDocument) document = words_document (n_words);
  g_autoptr(GlossAnnotationSet) set = gloss_annotation_set_new (document);
  g_autoptr(GFile) path = g_file_new_for_path ("/nonexistent/words.alice.suggestions.json");
  g_autoptr(GlossSuggestionFile) file = gloss_suggestion_file_new (path, document);
  g_autoptr(GPtrArray) run = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *model = gloss_suggestion_file_get_suggestions (file);
  Mirror mirror = { g_list_store_new (GLOSS_TYPE_SUGGESTION) };
  const guint changed = 4321;

  /* Word 5000 left out, to come in later. */
  for (guint word = 0; word < n_words; word++)
    if (word != 5000)
      g_ptr_array_add (run, word_suggestion (GLOSS_SUGGESTION_SOURCE_SAME_TEXT, "person", word, 0.5));
  merge (file, set, GLOSS_SUGGESTION_SOURCE_SAME_TEXT, run, n_words - 1);
  g_signal_connect (model, "items-changed", G_CALLBACK (mirror_changed), &mirror);
  g_list_store_splice (mirror.mirror, 0, 0, (gpointer *) run->pdata, run->len);

  /* A score. */
  g_ptr_array_index (run, changed) = word_suggestion (GLOSS_SUGGESTION_SOURCE_SAME_TEXT, "person", changed, 0.7);
  mirror_reset (&mirror);
  merge (file, set, GLOSS_SUGGESTION_SOURCE_SAME_TEXT, run, 0);
  g_assert_cmpuint (mirror.first, ==, changed);
  g_assert_cmpuint (mirror.last, ==, changed + 1);
  g_assert_cmpuint (mirror.n_changed, ==, 2);
  assert_mirrored (file, &mirror);
  g_assert_true (gloss_suggestion_equal (listed (file, changed), g_ptr_array_index (run, changed)));

  /* One more. */
  g_ptr_array_add (run, word_suggestion (GLOSS_SUGGESTION_SOURCE_SAME_TEXT, "person", 5000, 0.5));
  mirror_reset (&mirror);
  merge (file, set, GLOSS_SUGGESTION_SOURCE_SAME_TEXT, run, 1);
  g_assert_cmpuint (mirror.n_signals, ==, 1);
  g_assert_cmpuint (mirror.first, ==, 5000);
  g_assert_cmpuint (mirror.n_changed, ==, 1);
  assert_mirrored (file, &mirror);

  /* One fewer: annotated by a mark. */
  g_assert_nonnull (gloss_annotation_set_create (set, "person", 7 * WORD_WIDTH, 7 * WORD_WIDTH + 5, NULL));
  mirror_reset (&mirror);
  merge (file, set, GLOSS_SUGGESTION_SOURCE_SAME_TEXT, run, 0);
  g_assert_cmpuint (mirror.n_signals, ==, 1);
  g_assert_cmpuint (mirror.first, ==, 7);
  g_assert_cmpuint (mirror.n_changed, ==, 1);
  assert_mirrored (file, &mirror);
  g_assert_cmpuint (n_listed (file), ==, n_words - 1);

  /* The same run again: nothing. */
  mirror_reset (&mirror);
  merge (file, set, GLOSS_SUGGESTION_SOURCE_SAME_TEXT, run, 0);
  g_assert_cmpuint (mirror.n_signals, ==, 0);

  g_signal_handlers_disconnect_by_func (model, mirror_changed, &mirror);
  g_object_unref (mirror.mirror);
}

/* A run prepared in the suggester's worker merges as one that is not: the
 * same list, the same ids; and a speaker set after preparing counts. */
static void
test_merge_prepared (void)
{
  g_autoptr(GlossDocument) document = words_document (50);
  g_autoptr(GlossAnnotationSet) set = gloss_annotation_set_new (document);
  g_autoptr(GFile) path = g_file_new_for_path ("/nonexistent/words.alice.suggestions.json");
  g_autoptr(GlossSuggestionFile) plain = gloss_suggestion_file_new (path, document);
  g_autoptr(GlossSuggestionFile) prepared = gloss_suggestion_file_new (path, document);
  g_autoptr(GPtrArray) run = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) prepared_run = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint word = 0; word < 50; word += 2)
    {
      g_ptr_array_add (run, word_suggestion (GLOSS_SUGGESTION_SOURCE_QUOTES, "quote", word, 0.5));
      g_ptr_array_add (prepared_run, word_suggestion (GLOSS_SUGGESTION_SOURCE_QUOTES, "quote", word, 0.5));
    }
  gloss_suggestion_file_prepare_run (prepared_run);
  /* Changed after preparing: its key and id are made again. */
  gloss_suggestion_set_speaker (g_ptr_array_index (run, 3), 1 * WORD_WIDTH, 1 * WORD_WIDTH + 5, "person");
  gloss_suggestion_set_speaker (g_ptr_array_index (prepared_run, 3), 1 * WORD_WIDTH, 1 * WORD_WIDTH + 5, "person");

  merge (plain, set, GLOSS_SUGGESTION_SOURCE_QUOTES, run, run->len);
  merge (prepared, set, GLOSS_SUGGESTION_SOURCE_QUOTES, prepared_run, run->len);

  g_assert_cmpuint (n_listed (prepared), ==, n_listed (plain));
  for (guint i = 0; i < n_listed (plain); i++)
    {
      GlossSuggestion *a = listed (plain, i);
      GlossSuggestion *b = listed (prepared, i);

      g_assert_true (gloss_suggestion_equal (a, b));
      g_assert_cmpstr (gloss_suggestion_file_get_id (prepared, b), ==, gloss_suggestion_file_get_id (plain, a));
    }

  /* The same run again, prepared: nothing changes. */
  g_assert_true (gloss_suggestion_file_merge_run (prepared, GLOSS_SUGGESTION_SOURCE_QUOTES, prepared_run, set, NULL, NULL));
  g_assert_cmpuint (n_listed (prepared), ==, n_listed (plain));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/suggestion-file/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/suggestion-file/names", test_names);
  ADD ("missing", test_missing);
  ADD ("bad/fifo", test_fifo);
  ADD ("new", test_new);
  ADD ("format", test_format);
  ADD ("ids", test_ids);
  ADD ("ids/collision", test_id_collision);
  ADD ("round-trip", test_round_trip);
  ADD ("tie-round-trip", test_tie_round_trip);
  ADD ("bad/json", test_bad_json);
  ADD ("bad/utf8", test_bad_utf8);
  ADD ("bad/offsets", test_bad_offsets);
  ADD ("bad/other-article", test_other_article);
  ADD ("bad/members", test_bad_members);
  ADD ("bad/ids", test_bad_ids);
  ADD ("bad/mangled", test_bad_mangled);
  ADD ("merge/rejected", test_merge_rejected);
  ADD ("merge/annotated", test_merge_annotated);
  ADD ("merge/runs", test_merge_runs);
  ADD ("merge/unchanged", test_merge_unchanged);
  ADD ("merge/refused", test_merge_refused);
  ADD ("accept", test_accept);
  ADD ("accept/quote-speaker", test_accept_quote);
  ADD ("accept/tie", test_accept_tie);
  ADD ("accept/refused", test_accept_refused);
  ADD ("accept/sidecar", test_accept_sidecar);
  ADD ("accept-all", test_accept_all);
  ADD ("accept-all/skipped", test_accept_all_skipped);
  ADD ("accept-all/one-span", test_accept_all_one_span);
  ADD ("accept-all/refused", test_accept_all_refused);
  ADD ("accept-all/follow", test_accept_all_follow);
  ADD ("accept-all/many", test_accept_all_many);
  ADD ("correct/delete", test_correct_delete);
  ADD ("correct/speaker", test_correct_speaker);
  ADD ("correct/after-undo", test_correct_after_undo);
  ADD ("find-at", test_find_at);
  ADD ("find-next", test_find_next);
  ADD ("dirty-notify", test_dirty_notify);
  ADD ("save-async", test_save_async);
  ADD ("save-async/changed-meanwhile", test_save_async_changed);
  ADD ("save-async/read-only", test_save_async_read_only);
  ADD ("bad/too-large", test_too_large);
  g_test_add_data_func ("/suggestion-file/merge/incremental/few", GUINT_TO_POINTER (40), test_merge_incremental);
  g_test_add_data_func ("/suggestion-file/merge/incremental/many", GUINT_TO_POINTER (300), test_merge_incremental);
  g_test_add_func ("/suggestion-file/merge/one-change", test_merge_one_change);
  g_test_add_func ("/suggestion-file/merge/prepared", test_merge_prepared);

  return g_test_run ();
}
