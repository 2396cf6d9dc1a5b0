/* test-brat.c — brat standoff export and import
 *
 * Gloss → brat → Gloss on the sample corpus and on an article made to be
 * awkward (line breaks inside spans, CRLF, emoji, multi-line notes); and
 * every document of brat's own example corpora (read from ../shared at
 * test time, never copied here) imported, checked against its text, and
 * exported back to the same T and R lines.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>

#include "gloss.h"
#include "gloss-test-utils.h"

/* Helpers
 * ------------------------------------------------------------------------ */

static char *
make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("gloss-brat-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
write_file (const char *path,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (path);

  g_mkdir_with_parents (dir, 0700);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

/* The sample corpus's articles, sidecars and label set (not its generator
 * script). */
static void
copy_samples (const char *dest)
{
  const char *samples = g_getenv ("GLOSS_SAMPLES_DIR");
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_assert_nonnull (samples);
  dir = g_dir_open (samples, 0, NULL);
  g_assert_nonnull (dir);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *from = g_build_filename (samples, name, NULL);
      g_autofree char *to = g_build_filename (dest, name, NULL);
      g_autofree char *contents = NULL;

      if (!g_str_has_suffix (name, ".txt") && !g_str_has_suffix (name, GLOSS_SIDECAR_SUFFIX)
          && !g_str_equal (name, GLOSS_LABEL_SET_FILE_NAME))
        continue;
      contents = read_file (from);
      write_file (to, contents);
    }
}

static void
print_problems (GPtrArray *problems)
{
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("problem: %s", (const char *) g_ptr_array_index (problems, i));
}

/* Exports the corpus in @root to brat in @out, offsets in @unit. */
static void
export_brat_in (const char         *root,
                const char         *out,
                char              **annotators,
                GlossOffsetUnit     unit,
                GlossExportSummary *summary)
{
  g_autoptr(GlossCorpus) corpus = gloss_corpus_new ();
  g_autoptr(GFile) root_file = g_file_new_for_path (root);
  g_autoptr(GFile) out_file = g_file_new_for_path (out);
  g_autoptr(GError) error = NULL;
  GlossExportOptions options = {
    .format = GLOSS_FORMAT_BRAT,
    .offsets = unit,
    .annotators = annotators,
  };

  gloss_corpus_add_path (corpus, root_file, NULL, &error);
  g_assert_no_error (error);

  gloss_export_corpus (corpus, root_file, &options, out_file, NULL, NULL, summary, NULL, &error);
  g_assert_no_error (error);
}

/* In code points, brat's standard. */
static void
export_brat (const char         *root,
             const char         *out,
             char              **annotators,
             GlossExportSummary *summary)
{
  export_brat_in (root, out, annotators, GLOSS_OFFSETS_CODE_POINTS, summary);
}

static void
import_brat_in (const char         *input,
                const char         *out,
                const char         *annotator,
                GlossOffsetUnit     unit,
                GlossImportSummary *summary)
{
  g_autoptr(GFile) input_file = g_file_new_for_path (input);
  g_autoptr(GFile) out_file = g_file_new_for_path (out);
  g_autoptr(GError) error = NULL;

  gloss_import_brat (input_file, out_file, annotator, unit, summary, NULL, &error);
  g_assert_no_error (error);
}

static void
import_brat (const char         *input,
             const char         *out,
             const char         *annotator,
             GlossImportSummary *summary)
{
  import_brat_in (input, out, annotator, GLOSS_OFFSETS_CODE_POINTS, summary);
}

/* The sidecar of @annotator beside @article, asserting it loads. */
static GlossSidecar *
load_sidecar (const char *article,
              const char *annotator)
{
  g_autoptr(GFile) file = g_file_new_for_path (article);
  g_autoptr(GlossLabelSet) labels = gloss_label_set_get_builtin ();
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  GlossSidecar *sidecar;

  document = gloss_document_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  sidecar = gloss_sidecar_new_for_document (document, annotator);
  gloss_sidecar_load (sidecar, labels, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gloss_sidecar_get_state (sidecar), ==, GLOSS_SIDECAR_STATE_LOADED);

  return sidecar;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Comparing two sidecars
 * ------------------------------------------------------------------------ */

/* A span by what it is, not by its id (ids are not kept by a round trip):
 * "start end label". */
static char *
span_key (GlossAnnotation *span)
{
  return g_strdup_printf ("%u %u %s", gloss_annotation_get_start (span),
                          gloss_annotation_get_end (span), gloss_annotation_get_label (span));
}

static void
multiset_add (GHashTable *set,
              char       *key)
{
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (set, key));

  g_hash_table_replace (set, key, GUINT_TO_POINTER (count + 1));
}

static GHashTable *
multiset_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* Every element of @a is in @b as often, and the other way round; the
 * differences are printed before failing. */
static void
assert_multisets_equal (GHashTable *a,
                        GHashTable *b,
                        const char *what)
{
  GHashTableIter iter;
  gpointer key, value;
  guint differences = 0;

  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_UINT (g_hash_table_lookup (b, key)) != GPOINTER_TO_UINT (value))
      {
        g_test_message ("%s: “%s” ×%u before, ×%u after", what, (char *) key,
                        GPOINTER_TO_UINT (value), GPOINTER_TO_UINT (g_hash_table_lookup (b, key)));
        differences++;
      }

  g_hash_table_iter_init (&iter, b);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (a, key))
      {
        g_test_message ("%s: “%s” appeared", what, (char *) key);
        differences++;
      }

  g_assert_cmpuint (differences, ==, 0);
}

/* @span's attributes as brat holds them, printed: a boolean's false is
 * no A line, so it reads back as not set (docs/brat.md) and is left out
 * here. */
static char *
describe_attributes (GlossAnnotation *span)
{
  GVariant *attributes = gloss_annotation_peek_attributes (span);
  GString *out = g_string_new ("{");
  GVariantIter iter;
  const char *id;
  GVariant *value;

  if (attributes != NULL)
    {
      g_variant_iter_init (&iter, attributes);
      while (g_variant_iter_loop (&iter, "{&sv}", &id, &value))
        {
          g_autofree char *printed = NULL;

          if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN) && !g_variant_get_boolean (value))
            continue;
          printed = g_variant_print (value, FALSE);
          g_string_append_printf (out, "%s%s: %s", out->len > 1 ? ", " : "", id, printed);
        }
    }
  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

/* Spans with their notes (and @with_attributes, their attributes), and
 * relations by the spans they link. */
static void
describe_sidecar (GlossSidecar *sidecar,
                  gboolean      with_attributes,
                  GHashTable   *spans,
                  GHashTable   *relations)
{
  GlossAnnotationSet *set = gloss_sidecar_get_annotations (sidecar);
  GListModel *model = G_LIST_MODEL (set);
  GListModel *relation_model = gloss_annotation_set_get_relations (set);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GlossAnnotation) span = g_list_model_get_item (model, i);
      g_autofree char *key = span_key (span);

      g_autofree char *attributes = with_attributes ? describe_attributes (span) : g_strdup ("");

      multiset_add (spans, g_strdup_printf ("%s note=“%s” attributes=%s", key,
                                            gloss_annotation_get_note (span), attributes));
    }

  for (guint i = 0; i < g_list_model_get_n_items (relation_model); i++)
    {
      g_autoptr(GlossRelation) relation = g_list_model_get_item (relation_model, i);
      GlossAnnotation *from = gloss_annotation_set_lookup (set, gloss_relation_get_from (relation));
      GlossAnnotation *to = gloss_annotation_set_lookup (set, gloss_relation_get_to (relation));
      g_autofree char *from_key = span_key (from);
      g_autofree char *to_key = span_key (to);

      multiset_add (relations, g_strdup_printf ("%s: %s → %s", gloss_relation_get_rel_type (relation),
                                                from_key, to_key));
    }
}

/* The article and @annotator's spans, notes and relations are the same in
 * @before and @after (both article paths); @with_attributes, their
 * attributes too, as brat holds them. */
static void
assert_same_annotations_full (const char *before,
                              const char *after,
                              const char *annotator,
                              gboolean    with_attributes)
{
  g_autoptr(GlossSidecar) old_sidecar = load_sidecar (before, annotator);
  g_autoptr(GlossSidecar) new_sidecar = load_sidecar (after, annotator);
  g_autoptr(GHashTable) old_spans = multiset_new ();
  g_autoptr(GHashTable) new_spans = multiset_new ();
  g_autoptr(GHashTable) old_relations = multiset_new ();
  g_autoptr(GHashTable) new_relations = multiset_new ();
  GlossDocument *old_document = gloss_sidecar_get_document (old_sidecar);
  GlossDocument *new_document = gloss_sidecar_get_document (new_sidecar);

  /* the text as Gloss has it, BOM dropped */
  g_assert_cmpstr (gloss_document_get_text (old_document), ==, gloss_document_get_text (new_document));

  describe_sidecar (old_sidecar, with_attributes, old_spans, old_relations);
  describe_sidecar (new_sidecar, with_attributes, new_spans, new_relations);
  g_assert_cmpuint (g_hash_table_size (old_spans), >, 0);
  assert_multisets_equal (old_spans, new_spans, "span");
  assert_multisets_equal (old_relations, new_relations, "relation");
}

static void
assert_same_annotations (const char *before,
                         const char *after,
                         const char *annotator)
{
  assert_same_annotations_full (before, after, annotator, FALSE);
}

/* @span's attribute @id, printed as GVariant text ("true", "'direct'",
 * "0.75", "['economy']"); NULL when not set. */
static char *
dup_attribute (GlossAnnotation *span,
               const char      *id)
{
  g_autoptr(GVariant) value = gloss_annotation_get_attribute (span, id);

  return value != NULL ? g_variant_print (value, FALSE) : NULL;
}

static void
assert_attribute (GlossAnnotation *span,
                  const char      *id,
                  const char      *expected)
{
  g_autofree char *value = dup_attribute (span, id);

  g_assert_cmpstr (value, ==, expected);
}

/* Gloss → brat → Gloss
 * ------------------------------------------------------------------------ */

static const char * const sample_articles[] = {
  "harbour-bridge-vote.txt", "kyiv-grain-talks.txt", "river-flood-report.txt",
};

static void
round_trip_annotator (const char *corpus,
                      const char *tmp,
                      const char *annotator)
{
  g_autofree char *brat = g_strdup_printf ("%s/brat-%s", tmp, annotator);
  g_autofree char *back = g_strdup_printf ("%s/back-%s", tmp, annotator);
  char *annotators[] = { (char *) annotator, NULL };
  GlossExportSummary export_summary;
  GlossImportSummary import_summary;

  gloss_export_summary_init (&export_summary);
  export_brat (corpus, brat, annotators, &export_summary);
  print_problems (export_summary.problems);
  g_assert_cmpuint (export_summary.problems->len, ==, 0);
  g_assert_cmpuint (export_summary.records, ==, G_N_ELEMENTS (sample_articles));

  /* Imported into a folder of the same label set (the samples' attributes
   * are declared there). */
  if (g_mkdir (back, 0700) == 0)
    {
      g_autofree char *from = g_build_filename (corpus, GLOSS_LABEL_SET_FILE_NAME, NULL);
      g_autofree char *to = g_build_filename (back, GLOSS_LABEL_SET_FILE_NAME, NULL);
      g_autofree char *contents = read_file (from);

      write_file (to, contents);
    }
  gloss_import_summary_init (&import_summary);
  import_brat (brat, back, annotator, &import_summary);
  print_problems (import_summary.problems);
  g_assert_cmpuint (import_summary.problems->len, ==, 0);
  g_assert_cmpuint (import_summary.skipped, ==, 0);
  g_assert_cmpuint (import_summary.sidecars, ==, G_N_ELEMENTS (sample_articles));
  /* every span, relation and note the export wrote came back */
  g_assert_cmpuint (import_summary.spans, ==, export_summary.spans);
  g_assert_cmpuint (import_summary.relations, ==, export_summary.relations);
  g_assert_cmpuint (import_summary.notes, ==, export_summary.notes);

  for (guint i = 0; i < G_N_ELEMENTS (sample_articles); i++)
    {
      g_autofree char *before = g_build_filename (corpus, sample_articles[i], NULL);
      g_autofree char *after = g_build_filename (back, sample_articles[i], NULL);

      /* The samples' attributes come back (checkworthy false as not set). */
      assert_same_annotations_full (before, after, annotator, TRUE);
    }

  gloss_export_summary_clear (&export_summary);
  gloss_import_summary_clear (&import_summary);
}

static void
test_round_trip_samples (void)
{
  g_autofree char *tmp = make_tmp_dir ();
  g_autofree char *corpus = g_build_filename (tmp, "corpus", NULL);

  g_mkdir (corpus, 0700);
  copy_samples (corpus);

  round_trip_annotator (corpus, tmp, "alice");
  round_trip_annotator (corpus, tmp, "bilal");

  gloss_test_remove_tree (tmp);
}

/* All annotators at once: one pair of files per article × annotator, and
 * an annotation.conf naming the labels and the speaker relation. */
static void
test_export_names (void)
{
  g_autofree char *tmp = make_tmp_dir ();
  g_autofree char *corpus = g_build_filename (tmp, "corpus", NULL);
  g_autofree char *brat = g_build_filename (tmp, "brat", NULL);
  g_autofree char *conf_path = g_build_filename (brat, "annotation.conf", NULL);
  g_autofree char *conf = NULL;
  GlossExportSummary summary;

  g_mkdir (corpus, 0700);
  copy_samples (corpus);

  gloss_export_summary_init (&summary);
  export_brat (corpus, brat, NULL, &summary);
  g_assert_cmpuint (summary.records, ==, 2 * G_N_ELEMENTS (sample_articles));

  for (guint i = 0; i < G_N_ELEMENTS (sample_articles); i++)
    for (guint j = 0; j < 2; j++)
      {
        g_autofree char *stem = g_strndup (sample_articles[i], strlen (sample_articles[i]) - 4);
        const char *annotator = j == 0 ? "alice" : "bilal";
        g_autofree char *txt = g_strdup_printf ("%s/%s.%s.txt", brat, stem, annotator);
        g_autofree char *ann = g_strdup_printf ("%s/%s.%s.ann", brat, stem, annotator);
        g_autofree char *original = g_build_filename (corpus, sample_articles[i], NULL);
        g_autofree char *original_text = read_file (original);
        g_autofree char *text = read_file (txt);

        g_assert_true (g_file_test (ann, G_FILE_TEST_IS_REGULAR));
        g_assert_cmpstr (text, ==, original_text);
      }

  conf = read_file (conf_path);
  g_assert_nonnull (strstr (conf, "[entities]\n"));
  g_assert_nonnull (strstr (conf, "\nperson\n"));
  g_assert_nonnull (strstr (conf, "\nspeaker\tArg1:quote, Arg2:organization|person\n"));
  g_assert_nonnull (strstr (conf, "[events]\n"));
  g_assert_nonnull (strstr (conf, "[attributes]\n"));

  gloss_export_summary_clear (&summary);
  gloss_test_remove_tree (tmp);
}

/* An article made to be awkward for a line-based format. */
static const char awkward_text[] =
  "\xef\xbb\xbf" "Flood 🌊 warning\r\n"
  "“The river will rise\r\n"
  "\r\n"
  "by two metres,” said Zoë Núñez.\n"
  "Tabs\there too.\n";

static GlossAnnotation *
create_span (GlossAnnotationSet *set,
             const char         *label,
             const char         *text,
             const char         *from,
             const char         *to)
{
  g_autoptr(GError) error = NULL;
  GlossDocument *document = gloss_annotation_set_get_document (set);
  const char *start = strstr (text, from);
  const char *end = strstr (text, to);
  GlossAnnotation *span;

  g_assert_nonnull (start);
  g_assert_nonnull (end);
  end += strlen (to);
  span = gloss_annotation_set_create (set, label,
                                      gloss_document_byte_to_offset (document, start - text),
                                      gloss_document_byte_to_offset (document, end - text),
                                      &error);
  g_assert_no_error (error);
  return span;
}

static void
make_awkward_article (const char *corpus)
{
  g_autofree char *path = g_build_filename (corpus, "sub", "awkward.txt", NULL);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GlossSidecar) sidecar = NULL;
  g_autoptr(GError) error = NULL;
  GlossAnnotationSet *set;
  const char *text;
  GlossAnnotation *quote, *person;

  write_file (path, awkward_text);
  file = g_file_new_for_path (path);
  document = gloss_document_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  text = gloss_document_get_text (document);

  sidecar = gloss_sidecar_new_for_document (document, "alice");
  set = gloss_sidecar_get_annotations (sidecar);

  create_span (set, "misc", text, "🌊", "🌊");
  /* across three line breaks, CRLF and a blank line */
  quote = create_span (set, "quote", text, "“The", "metres,”");
  person = create_span (set, "person", text, "Zoë", "Núñez");
  create_span (set, "claim", text, "The river", "rise");
  create_span (set, "misc", text, "Tabs", "too");
  g_assert_nonnull (gloss_annotation_set_add_relation (set, GLOSS_RELATION_SPEAKER,
                                                       gloss_annotation_get_id (quote),
                                                       gloss_annotation_get_id (person),
                                                       &error));
  g_assert_no_error (error);
  /* a note of several lines, one of them blank, and a trailing tab */
  gloss_annotation_set_change_note (set, quote, "first line\n\nthird line\twith a tab", &error);
  g_assert_no_error (error);
  gloss_annotation_set_change_note (set, person, "one line", &error);
  g_assert_no_error (error);

  gloss_sidecar_save (sidecar, NULL, &error);
  g_assert_no_error (error);
}

static void
test_round_trip_awkward (void)
{
  g_autofree char *tmp = make_tmp_dir ();
  g_autofree char *corpus = g_build_filename (tmp, "corpus", NULL);
  g_autofree char *brat = g_build_filename (tmp, "brat", NULL);
  g_autofree char *back = g_build_filename (tmp, "back", NULL);
  g_autofree char *ann_path = g_build_filename (brat, "sub__awkward.ann", NULL);
  g_autofree char *txt_path = g_build_filename (brat, "sub__awkward.txt", NULL);
  g_autofree char *before = g_build_filename (corpus, "sub", "awkward.txt", NULL);
  g_autofree char *after = g_build_filename (back, "sub__awkward.txt", NULL);
  g_autofree char *ann = NULL;
  g_autofree char *txt = NULL;
  char *annotators[] = { "alice", NULL };
  GlossExportSummary export_summary;
  GlossImportSummary import_summary;

  make_awkward_article (corpus);

  gloss_export_summary_init (&export_summary);
  export_brat (corpus, brat, annotators, &export_summary);
  print_problems (export_summary.problems);
  g_assert_cmpuint (export_summary.problems->len, ==, 0);

  /* the text without its BOM; the quote cut at its line breaks, the
   * fragments' texts joined with a space, as brat does it */
  txt = read_file (txt_path);
  g_assert_cmpstr (txt, ==, awkward_text + 3);
  ann = read_file (ann_path);
  g_test_message ("%s", ann);
  g_assert_nonnull (strstr (ann, "\tquote 17 37;41 56\t“The river will rise by two metres,”\n"));
  g_assert_nonnull (strstr (ann, "\tmisc 6 7\t🌊\n"));
  g_assert_nonnull (strstr (ann, "\tmisc 73 86\tTabs\there too\n"));
  g_assert_nonnull (strstr (ann, "\tAnnotatorNotes T2\tfirst line\n"));
  g_assert_nonnull (strstr (ann, "\tAnnotatorNotes T2\t\n"));
  g_assert_nonnull (strstr (ann, "\tAnnotatorNotes T2\tthird line\twith a tab\n"));
  g_assert_nonnull (strstr (ann, "\tspeaker Arg1:T2 Arg2:T4\n"));

  gloss_import_summary_init (&import_summary);
  import_brat (brat, back, "alice", &import_summary);
  print_problems (import_summary.problems);
  g_assert_cmpuint (import_summary.problems->len, ==, 0);
  /* line fragments are joined back, not counted as split spans */
  g_assert_cmpuint (import_summary.fragments, ==, 0);

  /* the brat .txt had no BOM, so the texts compare without it */
  assert_same_annotations (before, after, "alice");

  gloss_export_summary_clear (&export_summary);
  gloss_import_summary_clear (&import_summary);
  gloss_test_remove_tree (tmp);
}

/* An article for the readers that count UTF-16: a ZWJ sequence, a flag,
 * emoji outside the BMP, a combining accent, Arabic, a curly possessive,
 * CRLF. */
static const char utf16_text[] =
  "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x94\xac Dr. Amal Haddad met \xf0\x9f\x87\xba\xf0\x9f\x87\xa6 "
  "envoys.\r\n\xe2\x80\x9cNATO\xe2\x80\x99s word holds \xf0\x9f\x98\x80,\xe2\x80\x9d said Zoe\xcc\x81.\r\n"
  "\xd9\x82\xd8\xa7\xd9\x84\xd8\xaa \xd8\xa3\xd9\x85\xd9\x84.\n";

/* Each T line of @ann: every fragment, sliced from @txt as UTF-16 (what
 * INCEpTION and brat 1.3's viewer do, with GLib's conversion rather than
 * Gloss's), joined by spaces, is the line's text. Returns the lines seen. */
static guint
check_ann_utf16 (const char *txt,
                 const char *ann)
{
  g_auto(GStrv) lines = g_strsplit (ann, "\n", -1);
  glong n_units = 0;
  g_autofree gunichar2 *units = g_utf8_to_utf16 (txt, -1, NULL, &n_units, NULL);
  guint seen = 0;

  g_assert_nonnull (units);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      g_auto(GStrv) fragments = NULL;
      g_autoptr(GString) joined = g_string_new (NULL);
      const char *offsets;

      if (lines[i][0] != 'T')
        continue;
      fields = g_strsplit (lines[i], "\t", 3);
      g_assert_cmpuint (g_strv_length (fields), ==, 3);
      offsets = strchr (fields[1], ' ') + 1;
      fragments = g_strsplit (offsets, ";", -1);
      for (guint j = 0; fragments[j] != NULL; j++)
        {
          guint64 start, end;
          g_autofree char *slice = NULL;
          char *rest;
          g_autoptr(GError) error = NULL;

          start = g_ascii_strtoull (fragments[j], &rest, 10);
          end = g_ascii_strtoull (rest + 1, NULL, 10);
          g_assert_cmpuint (start, <, end);
          g_assert_cmpuint (end, <=, (guint64) n_units);
          /* A slice cutting a surrogate pair fails to convert. */
          slice = g_utf16_to_utf8 (units + start, end - start, NULL, NULL, &error);
          g_assert_no_error (error);
          if (j > 0)
            g_string_append_c (joined, ' ');
          g_string_append (joined, slice);
        }
      g_test_message ("%s", lines[i]);
      g_assert_cmpstr (joined->str, ==, fields[2]);
      seen++;
    }

  return seen;
}

/* brat with --offsets utf16, for INCEpTION's importer and brat 1.3's
 * client, which count UTF-16 against the standard: each T line holds its
 * text at its offsets read that way; an import in the same unit gives
 * back every span, relation and note; read as code points, the spans
 * after an emoji are reported with the unit that fits, never moved in
 * silence; bytes are refused both ways. */
static void
test_utf16 (void)
{
  g_autofree char *tmp = make_tmp_dir ();
  g_autofree char *corpus = g_build_filename (tmp, "corpus", NULL);
  g_autofree char *brat = g_build_filename (tmp, "brat", NULL);
  g_autofree char *back = g_build_filename (tmp, "back", NULL);
  g_autofree char *wrong = g_build_filename (tmp, "wrong", NULL);
  g_autofree char *article = g_build_filename (corpus, "news.txt", NULL);
  g_autofree char *txt_path = g_build_filename (brat, "news.txt", NULL);
  g_autofree char *ann_path = g_build_filename (brat, "news.ann", NULL);
  g_autofree char *awkward_ann_path = g_build_filename (brat, "sub__awkward.ann", NULL);
  g_autofree char *awkward_txt_path = g_build_filename (brat, "sub__awkward.txt", NULL);
  g_autofree char *txt = NULL;
  g_autofree char *ann = NULL;
  g_autofree char *awkward_txt = NULL;
  g_autofree char *awkward_ann = NULL;
  char *annotators[] = { "alice", NULL };
  GlossExportSummary export_summary;
  GlossImportSummary import_summary;

  /* The article, with spans on what a UTF-16 reader would misplace. */
  {
    g_autoptr(GFile) file = NULL;
    g_autoptr(GlossDocument) document = NULL;
    g_autoptr(GlossSidecar) sidecar = NULL;
    g_autoptr(GError) error = NULL;
    GlossAnnotationSet *set;
    GlossAnnotation *quote, *person;
    const char *text;

    write_file (article, utf16_text);
    file = g_file_new_for_path (article);
    document = gloss_document_new_from_file (file, NULL, &error);
    g_assert_no_error (error);
    text = gloss_document_get_text (document);
    sidecar = gloss_sidecar_new_for_document (document, "alice");
    set = gloss_sidecar_get_annotations (sidecar);

    create_span (set, "misc", text, "\xf0\x9f\x91\xa9", "\xf0\x9f\x94\xac");
    create_span (set, "person", text, "Amal", "Haddad");
    create_span (set, "location", text, "\xf0\x9f\x87\xba", "\xf0\x9f\x87\xa6");
    quote = create_span (set, "quote", text, "\xe2\x80\x9cNATO", ",\xe2\x80\x9d");
    create_span (set, "organization", text, "NATO", "NATO");
    create_span (set, "misc", text, "\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80");
    person = create_span (set, "person", text, "Zoe", "e\xcc\x81");
    create_span (set, "person", text, "\xd8\xa3\xd9\x85\xd9\x84", "\xd8\xa3\xd9\x85\xd9\x84");
    /* across the CRLF: two fragments in brat */
    create_span (set, "claim", text, "envoys", "NATO");
    g_assert_nonnull (gloss_annotation_set_add_relation (set, GLOSS_RELATION_SPEAKER,
                                                         gloss_annotation_get_id (quote),
                                                         gloss_annotation_get_id (person),
                                                         &error));
    g_assert_no_error (error);
    gloss_annotation_set_change_note (set, person, "Zo\xc3\xab or Zoe\xcc\x81?", &error);
    g_assert_no_error (error);
    gloss_sidecar_save (sidecar, NULL, &error);
    g_assert_no_error (error);
  }
  make_awkward_article (corpus);

  gloss_export_summary_init (&export_summary);
  export_brat_in (corpus, brat, annotators, GLOSS_OFFSETS_UTF16, &export_summary);
  print_problems (export_summary.problems);
  g_assert_cmpuint (export_summary.problems->len, ==, 0);

  txt = read_file (txt_path);
  ann = read_file (ann_path);
  g_test_message ("%s", ann);
  g_assert_cmpuint (check_ann_utf16 (txt, ann), ==, 9);
  /* 👩‍🔬 is five UTF-16 units (3 code points), the flag four (2). */
  g_assert_nonnull (strstr (ann, "\tmisc 0 5\t\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x94\xac\n"));
  g_assert_nonnull (strstr (ann, "\tlocation 26 30\t\xf0\x9f\x87\xba\xf0\x9f\x87\xa6\n"));
  awkward_txt = read_file (awkward_txt_path);
  awkward_ann = read_file (awkward_ann_path);
  g_assert_cmpuint (check_ann_utf16 (awkward_txt, awkward_ann), ==, 5);
  /* 🌊 is at code point 6, UTF-16 units 6–8 */
  g_assert_nonnull (strstr (awkward_ann, "\tmisc 6 8\t\xf0\x9f\x8c\x8a\n"));

  /* Back in the same unit: everything. */
  gloss_import_summary_init (&import_summary);
  import_brat_in (brat, back, "alice", GLOSS_OFFSETS_UTF16, &import_summary);
  print_problems (import_summary.problems);
  g_assert_cmpuint (import_summary.problems->len, ==, 0);
  g_assert_cmpuint (import_summary.spans, ==, export_summary.spans);
  g_assert_cmpuint (import_summary.relations, ==, export_summary.relations);
  g_assert_cmpuint (import_summary.notes, ==, export_summary.notes);
  {
    g_autofree char *after = g_build_filename (back, "news.txt", NULL);
    g_autofree char *awkward_before = g_build_filename (corpus, "sub", "awkward.txt", NULL);
    g_autofree char *awkward_after = g_build_filename (back, "sub__awkward.txt", NULL);

    assert_same_annotations (article, after, "alice");
    assert_same_annotations (awkward_before, awkward_after, "alice");
  }
  gloss_import_summary_clear (&import_summary);

  /* Read as code points: every span after the first emoji is reported,
   * naming the unit that fits or why it cannot be placed. */
  gloss_import_summary_init (&import_summary);
  import_brat_in (brat, wrong, "alice", GLOSS_OFFSETS_CODE_POINTS, &import_summary);
  print_problems (import_summary.problems);
  {
    guint hinted = 0;

    for (guint i = 0; i < import_summary.problems->len; i++)
      if (strstr (g_ptr_array_index (import_summary.problems, i), "import with --offsets utf16") != NULL)
        hinted++;
    g_assert_cmpuint (hinted, >, 0);
    /* Of the 14 spans, only the ones before the first emoji of each
     * article (Tabs… in the awkward one: none before 🌊 but the emoji's own
     * start) can be right; none of the others passes unreported. */
    g_assert_cmpuint (import_summary.problems->len, >=, 10);
  }
  gloss_import_summary_clear (&import_summary);

  /* No brat reader counts bytes. */
  {
    g_autoptr(GFile) input = g_file_new_for_path (brat);
    g_autoptr(GFile) output = g_file_new_for_path (wrong);
    g_autoptr(GError) error = NULL;

    gloss_import_summary_init (&import_summary);
    g_assert_false (gloss_import_brat (input, output, "alice", GLOSS_OFFSETS_BYTES,
                                       &import_summary, NULL, &error));
    g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
    g_assert_cmpuint (import_summary.sidecars, ==, 0);
    gloss_import_summary_clear (&import_summary);
  }

  gloss_export_summary_clear (&export_summary);
  gloss_test_remove_tree (tmp);
}

/* What brat cannot hold is reported and counted, never silent. */
static void
test_export_losses (void)
{
  g_autofree char *tmp = make_tmp_dir ();
  g_autofree char *corpus = g_build_filename (tmp, "corpus", NULL);
  g_autofree char *brat = g_build_filename (tmp, "brat", NULL);
  g_autofree char *path = g_build_filename (corpus, "edges.txt", NULL);
  g_autofree char *ann_path = g_build_filename (brat, "edges.ann", NULL);
  g_autofree char *ann = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GlossSidecar) sidecar = NULL;
  g_autoptr(GError) error = NULL;
  GlossAnnotationSet *set;
  GlossAnnotation *blank, *person;
  char *annotators[] = { "alice", NULL };
  GlossExportSummary summary;

  write_file (path, "One line\n\nTwo\n");
  file = g_file_new_for_path (path);
  document = gloss_document_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  sidecar = gloss_sidecar_new_for_document (document, "alice");
  set = gloss_sidecar_get_annotations (sidecar);

  /* "line\n": the line break cannot be kept */
  g_assert_nonnull (gloss_annotation_set_create (set, "claim", 4, 9, &error));
  /* "\n\n": nothing left to write */
  /* a quote, so that a speaker relation may start there */
  blank = gloss_annotation_set_create (set, "quote", 8, 10, &error);
  person = gloss_annotation_set_create (set, "person", 10, 13, &error);
  g_assert_no_error (error);
  gloss_annotation_set_change_note (set, blank, "lost with its span", &error);
  g_assert_no_error (error);
  /* and its attribute with it */
  gloss_annotation_set_attribute (blank, "form", g_variant_new_string ("direct"));
  gloss_annotation_set_add_relation (set, "speaker", gloss_annotation_get_id (blank),
                                     gloss_annotation_get_id (person), &error);
  g_assert_no_error (error);
  gloss_sidecar_save (sidecar, NULL, &error);
  g_assert_no_error (error);

  gloss_export_summary_init (&summary);
  export_brat (corpus, brat, annotators, &summary);
  print_problems (summary.problems);
  g_assert_cmpuint (summary.lost_overlaps, ==, 1);
  g_assert_cmpuint (summary.lost_relations, ==, 1);
  g_assert_cmpuint (summary.lost_notes, ==, 1);
  g_assert_cmpuint (summary.lost_attributes, ==, 1);
  /* the trimmed span, the blank span, and the relation to it */
  g_assert_cmpuint (summary.problems->len, ==, 3);

  ann = read_file (ann_path);
  g_assert_cmpstr (ann, ==, "T1\tclaim 4 8\tline\nT2\tperson 10 13\tTwo\n");

  gloss_export_summary_clear (&summary);
  gloss_test_remove_tree (tmp);
}

/* Attributes and relation types
 * ------------------------------------------------------------------------ */

/* docs/labels.md's example set, with a number, a free text and a multiple
 * choice besides, and three relation types. */
static const char attributes_labels[] =
  "{\"format\": \"gloss-labels\", \"version\": 1,\n"
  " \"labels\": [\n"
  "  {\"id\": \"claim\", \"kind\": \"claim\"}, {\"id\": \"quote\", \"kind\": \"quote\"},\n"
  "  {\"id\": \"person\", \"kind\": \"entity\"}, {\"id\": \"organization\", \"kind\": \"entity\"}],\n"
  " \"relations\": [\n"
  "  {\"type\": \"speaker\", \"to\": [\"person\", \"organization\"]},\n"
  "  {\"type\": \"contradicts\", \"from\": [\"kind:claim\"], \"to\": [\"kind:claim\", \"kind:quote\"]},\n"
  "  {\"type\": \"member-of\", \"from\": [\"person\"], \"to\": [\"organization\"]}],\n"
  " \"attributes\": [\n"
  "  {\"id\": \"checkworthy\", \"type\": \"boolean\", \"applies_to\": [\"kind:claim\"]},\n"
  "  {\"id\": \"verdict\", \"type\": \"choice\", \"applies_to\": [\"kind:claim\"], \"values\": [\n"
  "    {\"id\": \"true\"}, {\"id\": \"mostly-true\"}, {\"id\": \"mixed\"}, {\"id\": \"false\"},\n"
  "    {\"id\": \"unverifiable\"}]},\n"
  "  {\"id\": \"topics\", \"type\": \"choice\", \"multiple\": true, \"applies_to\": [\"claim\"],\n"
  "   \"values\": [{\"id\": \"economy\"}, {\"id\": \"health\"}]},\n"
  "  {\"id\": \"score\", \"type\": \"number\", \"applies_to\": [\"kind:claim\"]},\n"
  "  {\"id\": \"form\", \"type\": \"choice\", \"applies_to\": [\"kind:quote\"], \"values\": [\n"
  "    {\"id\": \"direct\"}, {\"id\": \"indirect\"}, {\"id\": \"partial\"}]},\n"
  "  {\"id\": \"wikidata\", \"type\": \"text\", \"applies_to\": [\"kind:entity\"], \"pattern\": \"Q[0-9]+\"},\n"
  "  {\"id\": \"alias\", \"type\": \"text\", \"applies_to\": [\"kind:entity\"]}],\n"
  " \"document_labels\": [\n"
  "  {\"id\": \"stance\", \"type\": \"choice\", \"values\": [{\"id\": \"for\"}, {\"id\": \"against\"}]}]}\n";

static const char attributes_text[] =
  "Ana Ruiz said “the bridge opens in May.” The council says costs fell. "
  "Costs rose, says Ortega of the Civic Party.\n";

static void
set_attribute (GlossAnnotation *span,
               const char      *id,
               GVariant        *value)
{
  gloss_annotation_set_attribute (span, id, value);
}

/* corpus/news.txt and alice's sidecar: attributes of every type, and
 * relations of three types. */
static void
make_attributes_article (const char *corpus)
{
  g_autofree char *labels_path = g_build_filename (corpus, "gloss-labels.json", NULL);
  g_autofree char *path = g_build_filename (corpus, "news.txt", NULL);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GlossSidecar) sidecar = NULL;
  g_autoptr(GError) error = NULL;
  const char *two_topics[] = { "economy", "health", NULL };
  const char *one_topic[] = { "health", NULL };
  GlossAnnotationSet *set;
  GlossAnnotation *ana, *quote, *fell, *rose, *ruiz, *party;
  const char *text;

  write_file (labels_path, attributes_labels);
  write_file (path, attributes_text);
  file = g_file_new_for_path (path);
  document = gloss_document_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  text = gloss_document_get_text (document);

  sidecar = gloss_sidecar_new_for_document (document, "alice");
  set = gloss_sidecar_get_annotations (sidecar);

  ana = create_span (set, "person", text, "Ana", "Ruiz");
  quote = create_span (set, "quote", text, "“the", "May.”");
  fell = create_span (set, "claim", text, "The council", "fell.");
  rose = create_span (set, "claim", text, "Costs rose", "rose");
  ruiz = create_span (set, "person", text, "Ortega", "Ortega");
  party = create_span (set, "organization", text, "Civic", "Party");

  set_attribute (ana, "wikidata", g_variant_new_string ("Q42"));
  set_attribute (quote, "form", g_variant_new_string ("indirect"));
  set_attribute (fell, "checkworthy", g_variant_new_boolean (TRUE));
  set_attribute (fell, "verdict", g_variant_new_string ("mostly-true"));
  set_attribute (fell, "score", g_variant_new_double (0.75));
  set_attribute (fell, "topics", g_variant_new_strv (one_topic, -1));
  /* false: no A line, brat's own meaning of a binary attribute not there */
  set_attribute (rose, "checkworthy", g_variant_new_boolean (FALSE));
  set_attribute (rose, "verdict", g_variant_new_string ("false"));
  set_attribute (rose, "score", g_variant_new_double (-3));
  /* brat holds one value per attribute: lost */
  set_attribute (rose, "topics", g_variant_new_strv (two_topics, -1));
  set_attribute (ruiz, "wikidata", g_variant_new_string ("Q42"));
  /* a space: not a value annotation.conf can list, lost */
  set_attribute (ruiz, "alias", g_variant_new_string ("Ana María"));
  set_attribute (party, "wikidata", g_variant_new_string ("Q7"));
  set_attribute (party, "alias", g_variant_new_string ("CP"));
  /* the article's field: no place in brat, counted by the export */
  gloss_sidecar_set_document_label (sidecar, "stance", g_variant_new_string ("for"));

  g_assert_nonnull (gloss_annotation_set_add_relation (set, GLOSS_RELATION_SPEAKER,
                                                       gloss_annotation_get_id (quote),
                                                       gloss_annotation_get_id (ana), &error));
  g_assert_nonnull (gloss_annotation_set_add_relation (set, "contradicts",
                                                       gloss_annotation_get_id (rose),
                                                       gloss_annotation_get_id (fell), &error));
  g_assert_nonnull (gloss_annotation_set_add_relation (set, "member-of",
                                                       gloss_annotation_get_id (ruiz),
                                                       gloss_annotation_get_id (party), &error));
  g_assert_no_error (error);

  gloss_sidecar_save (sidecar, NULL, &error);
  g_assert_no_error (error);
}

/* How often @needle is in @haystack. */
static guint
count_occurrences (const char *haystack,
                   const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* The span of @label at @text's first @from in @sidecar. */
static GlossAnnotation *
find_span (GlossSidecar *sidecar,
           const char   *label,
           const char   *from)
{
  GListModel *model = G_LIST_MODEL (gloss_sidecar_get_annotations (sidecar));
  GlossDocument *document = gloss_sidecar_get_document (sidecar);
  const char *text = gloss_document_get_text (document);
  guint start = gloss_document_byte_to_offset (document, strstr (text, from) - text);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GlossAnnotation) span = g_list_model_get_item (model, i);

      if (gloss_annotation_get_start (span) == start
          && strcmp (gloss_annotation_get_label (span), label) == 0)
        return span;
    }
  g_assert_not_reached ();
}

/* Gloss → brat → Gloss keeps every attribute value brat can hold, typed
 * again by the label set of the folder imported into, and relations of
 * every type; annotation.conf declares them as brat reads them. */
static void
test_attributes_round_trip (void)
{
  g_autofree char *tmp = make_tmp_dir ();
  g_autofree char *corpus = g_build_filename (tmp, "corpus", NULL);
  g_autofree char *brat = g_build_filename (tmp, "brat", NULL);
  g_autofree char *back = g_build_filename (tmp, "back", NULL);
  g_autofree char *ann_path = g_build_filename (brat, "news.ann", NULL);
  g_autofree char *conf_path = g_build_filename (brat, "annotation.conf", NULL);
  g_autofree char *back_labels = g_build_filename (back, "gloss-labels.json", NULL);
  g_autofree char *before = g_build_filename (corpus, "news.txt", NULL);
  g_autofree char *after = g_build_filename (back, "news.txt", NULL);
  g_autofree char *ann = NULL;
  g_autofree char *conf = NULL;
  g_autoptr(GlossSidecar) sidecar = NULL;
  char *annotators[] = { "alice", NULL };
  GlossExportSummary export_summary;
  GlossImportSummary import_summary;
  GlossAnnotation *span;

  make_attributes_article (corpus);

  gloss_export_summary_init (&export_summary);
  export_brat (corpus, brat, annotators, &export_summary);
  print_problems (export_summary.problems);
  /* the two topics of one claim, and the alias with a space */
  g_assert_cmpuint (export_summary.lost_attributes, ==, 2);
  g_assert_cmpuint (export_summary.lost_fields, ==, 1);
  g_assert_cmpuint (export_summary.lost_relations, ==, 0);
  g_assert_cmpuint (export_summary.problems->len, ==, 2);
  g_assert_nonnull (strstr (g_ptr_array_index (export_summary.problems, 0), "attribute topics has 2 values"));
  g_assert_nonnull (strstr (g_ptr_array_index (export_summary.problems, 1), "the value “Ana María” of attribute alias"));

  ann = read_file (ann_path);
  g_test_message ("%s", ann);
  conf = read_file (conf_path);
  g_test_message ("%s", conf);

  /* T1 Ana Ruiz, T2 the quote, T3 the council's claim, T4 Costs rose,
   * T5 Ortega, T6 Civic Party: document order */
  g_assert_nonnull (strstr (ann, "\twikidata T1 Q42\n"));
  g_assert_nonnull (strstr (ann, "\tform T2 indirect\n"));
  g_assert_nonnull (strstr (ann, "\tcheckworthy T3\n"));
  g_assert_nonnull (strstr (ann, "\tverdict T3 mostly-true\n"));
  g_assert_nonnull (strstr (ann, "\tscore T3 0.75\n"));
  g_assert_nonnull (strstr (ann, "\ttopics T3 health\n"));
  g_assert_nonnull (strstr (ann, "\tverdict T4 false\n"));
  g_assert_nonnull (strstr (ann, "\tscore T4 -3\n"));
  g_assert_nonnull (strstr (ann, "\twikidata T5 Q42\n"));
  g_assert_nonnull (strstr (ann, "\twikidata T6 Q7\n"));
  g_assert_nonnull (strstr (ann, "\talias T6 CP\n"));
  g_assert_cmpuint (count_occurrences (ann, "checkworthy"), ==, 1);
  g_assert_cmpuint (count_occurrences (ann, "topics"), ==, 1);
  g_assert_cmpuint (count_occurrences (ann, "alias"), ==, 1);
  g_assert_nonnull (strstr (ann, "\tspeaker Arg1:T2 Arg2:T1\n"));
  g_assert_nonnull (strstr (ann, "\tcontradicts Arg1:T4 Arg2:T3\n"));
  g_assert_nonnull (strstr (ann, "\tmember-of Arg1:T5 Arg2:T6\n"));

  /* the ends each rule allows; attributes on the labels they apply to,
   * with the label set's values or those written */
  g_assert_nonnull (strstr (conf, "\ncontradicts\tArg1:claim, Arg2:claim|quote\n"));
  g_assert_nonnull (strstr (conf, "\nmember-of\tArg1:person, Arg2:organization\n"));
  g_assert_nonnull (strstr (conf, "\nspeaker\tArg1:quote, Arg2:organization|person\n"));
  g_assert_nonnull (strstr (conf, "\ncheckworthy\tArg:claim\n"));
  g_assert_nonnull (strstr (conf, "\nverdict\tArg:claim, Value:true|mostly-true|mixed|false|unverifiable\n"));
  g_assert_nonnull (strstr (conf, "\ntopics\tArg:claim, Value:economy|health\n"));
  g_assert_nonnull (strstr (conf, "\nscore\tArg:claim, Value:0.75|-3\n"));
  g_assert_nonnull (strstr (conf, "\nform\tArg:quote, Value:direct|indirect|partial\n"));
  g_assert_nonnull (strstr (conf, "\nwikidata\tArg:organization|person, Value:Q42|Q7\n"));
  g_assert_nonnull (strstr (conf, "\nalias\tArg:organization|person, Value:CP\n"));

  /* into a folder with the same label set */
  write_file (back_labels, attributes_labels);
  gloss_import_summary_init (&import_summary);
  import_brat (brat, back, "alice", &import_summary);
  print_problems (import_summary.problems);
  g_assert_cmpuint (import_summary.problems->len, ==, 0);
  g_assert_cmpuint (import_summary.attributes, ==, 11);
  assert_same_annotations (before, after, "alice");

  sidecar = load_sidecar (after, "alice");
  span = find_span (sidecar, "person", "Ana");
  assert_attribute (span, "wikidata", "'Q42'");
  span = find_span (sidecar, "quote", "“the");
  assert_attribute (span, "form", "'indirect'");
  span = find_span (sidecar, "claim", "The council");
  assert_attribute (span, "checkworthy", "true");
  assert_attribute (span, "verdict", "'mostly-true'");
  assert_attribute (span, "score", "0.75");
  assert_attribute (span, "topics", "['health']");
  span = find_span (sidecar, "claim", "Costs rose");
  /* false comes back as not set; the two topics were not written */
  assert_attribute (span, "checkworthy", NULL);
  assert_attribute (span, "verdict", "'false'");
  assert_attribute (span, "score", "-3.0");
  assert_attribute (span, "topics", NULL);
  span = find_span (sidecar, "person", "Ortega");
  assert_attribute (span, "wikidata", "'Q42'");
  assert_attribute (span, "alias", NULL);
  span = find_span (sidecar, "organization", "Civic");
  assert_attribute (span, "wikidata", "'Q7'");
  assert_attribute (span, "alias", "'CP'");

  gloss_export_summary_clear (&export_summary);
  gloss_import_summary_clear (&import_summary);
  gloss_test_remove_tree (tmp);
}

/* A and M lines typed and checked by the label set of the folder imported
 * into, as the sidecar reader checks them: what it does not declare or
 * allow is kept, with a warning; a multiple choice on several A lines is
 * one list. */
static void
test_import_attributes (void)
{
  g_autofree char *tmp = make_tmp_dir ();
  g_autofree char *input = g_build_filename (tmp, "in", NULL);
  g_autofree char *output = g_build_filename (tmp, "out", NULL);
  g_autofree char *labels = g_build_filename (output, "gloss-labels.json", NULL);
  g_autofree char *article = g_build_filename (output, "doc.txt", NULL);
  g_autofree char *txt_path = g_build_filename (input, "doc.txt", NULL);
  g_autofree char *ann_path = g_build_filename (input, "doc.ann", NULL);
  g_autofree char *problems = NULL;
  g_autoptr(GlossSidecar) sidecar = NULL;
  GlossAnnotationSet *set;
  GlossImportSummary summary;
  GlossAnnotation *span;

  write_file (labels, attributes_labels);
  write_file (txt_path, "A claim. Bob. Acme. Another claim.\n");
  write_file (ann_path,
              "T1\tclaim 0 8\tA claim.\n"
              "T2\tperson 9 13\tBob.\n"
              "T3\torganization 14 19\tAcme.\n"
              "T4\tclaim 20 34\tAnother claim.\n"
              "A1\ttopics T1 economy\n"
              "A2\ttopics T1 health\n"
              "M1\tcheckworthy T1\n"
              "A3\tscore T1 12.5\n"
              "A4\tverdict T1 maybe\n"
              "A5\tcheckworthy T2\n"
              "A6\tmood T2 grumpy\n"
              "A7\tmood T3 calm\n"
              "A8\tscore T4 lots\n"
              "A9\twikidata T3 Q7\n"
              "R1\tmember-of Arg1:T2 Arg2:T3\n"
              "R2\tsupports Arg1:T3 Arg2:T1\n");

  gloss_import_summary_init (&summary);
  import_brat (input, output, "ann", &summary);
  print_problems (summary.problems);
  g_assert_cmpuint (summary.attributes, ==, 10);
  g_assert_cmpuint (summary.relations, ==, 2);
  g_assert_cmpuint (summary.skipped, ==, 0);
  g_assert_cmpuint (summary.problems->len, ==, summary.warnings);

  g_ptr_array_add (summary.problems, NULL);
  problems = g_strjoinv ("\n", (char **) summary.problems->pdata);
  g_ptr_array_remove_index (summary.problems, summary.problems->len - 1);
  g_assert_cmpstr (problems, ==,
                   "doc.ann:9: warning: verdict of T1: “maybe” is not a value of “verdict” (true, mostly-true, mixed, false, unverifiable); kept\n"
                   "doc.ann:10: warning: the attribute “checkworthy” does not apply to the label “person”; kept\n"
                   "doc.ann:11: warning: “mood” is not an attribute of the label set; kept\n"
                   "doc.ann:13: warning: score of T4: “score” takes a number, not “lots”; kept");

  sidecar = load_sidecar (article, "ann");
  set = gloss_sidecar_get_annotations (sidecar);
  span = gloss_annotation_set_lookup (set, "T1");
  assert_attribute (span, "topics", "['economy', 'health']");
  assert_attribute (span, "checkworthy", "true");
  assert_attribute (span, "score", "12.5");
  assert_attribute (span, "verdict", "'maybe'");
  span = gloss_annotation_set_lookup (set, "T2");
  assert_attribute (span, "checkworthy", "true");
  assert_attribute (span, "mood", "'grumpy'");
  span = gloss_annotation_set_lookup (set, "T3");
  assert_attribute (span, "mood", "'calm'");
  assert_attribute (span, "wikidata", "'Q7'");
  /* not a number: the text, kept */
  span = gloss_annotation_set_lookup (set, "T4");
  assert_attribute (span, "score", "'lots'");
  g_assert_cmpstr (gloss_relation_get_rel_type (gloss_annotation_set_lookup_relation (set, "R2")),
                   ==, "supports");
  g_assert_cmpstr (gloss_relation_get_rel_type (gloss_annotation_set_lookup_relation (set, "R1")),
                   ==, "member-of");

  gloss_import_summary_clear (&summary);
  gloss_test_remove_tree (tmp);
}

/* A number's A line value is read as a number only when it is one as
 * JSON writes it: strtod()'s extras (hexadecimal, inf, nan, "1e", "1.",
 * "+1", ".5", leading zeros) stay text, with the warning of a value not
 * allowed. */
static void
test_import_attribute_numbers (void)
{
  static const struct { const char *text; const char *expected; } cases[] = {
    { "0x10", "'0x10'" }, { "inf", "'inf'" }, { "nan", "'nan'" }, { "1e", "'1e'" },
    { "1.", "'1.'" }, { "+1", "'+1'" }, { ".5", "'.5'" }, { "01", "'01'" }, { "-", "'-'" },
    { "INFINITY", "'INFINITY'" }, { "1e400", "'1e400'" },
    { "0", "0.0" }, { "-0", "-0.0" }, { "12.5", "12.5" }, { "-2.5e-3", "-0.0025000000000000001" },
    { "1E+21", "1e+21" }, { "7", "7.0" },
  };
  g_autofree char *tmp = make_tmp_dir ();
  g_autofree char *input = g_build_filename (tmp, "in", NULL);
  g_autofree char *output = g_build_filename (tmp, "out", NULL);
  g_autofree char *labels = g_build_filename (output, "gloss-labels.json", NULL);
  g_autofree char *article = g_build_filename (output, "doc.txt", NULL);
  g_autofree char *txt_path = g_build_filename (input, "doc.txt", NULL);
  g_autofree char *ann_path = g_build_filename (input, "doc.ann", NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) ann = g_string_new (NULL);
  g_autoptr(GlossSidecar) sidecar = NULL;
  GlossAnnotationSet *set;
  GlossImportSummary summary;
  guint not_numbers = 0;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_string_append_printf (ann, "T%u\tclaim %" G_GSIZE_FORMAT " %" G_GSIZE_FORMAT "\tclaim\n",
                              i + 1, text->len, text->len + 5);
      g_string_append (text, "claim ");
      g_string_append_printf (ann, "A%u\tscore T%u %s\n", i + 1, i + 1, cases[i].text);
      if (cases[i].expected[0] == '\'')
        not_numbers++;
    }
  g_string_append_c (text, '\n');
  write_file (labels, attributes_labels);
  write_file (txt_path, text->str);
  write_file (ann_path, ann->str);

  gloss_import_summary_init (&summary);
  import_brat (input, output, "ann", &summary);
  print_problems (summary.problems);
  g_assert_cmpuint (summary.attributes, ==, G_N_ELEMENTS (cases));
  g_assert_cmpuint (summary.warnings, ==, not_numbers);
  g_assert_cmpuint (summary.problems->len, ==, not_numbers);
  g_assert_cmpstr (g_ptr_array_index (summary.problems, 0), ==,
                   "doc.ann:2: warning: score of T1: “score” takes a number, not “0x10”; kept");

  sidecar = load_sidecar (article, "ann");
  set = gloss_sidecar_get_annotations (sidecar);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *id = g_strdup_printf ("T%u", i + 1);

      g_test_message ("%s", cases[i].text);
      assert_attribute (gloss_annotation_set_lookup (set, id), "score", cases[i].expected);
    }

  gloss_import_summary_clear (&summary);
  gloss_test_remove_tree (tmp);
}

/* Importing: the line kinds one by one
 * ------------------------------------------------------------------------ */

static const char import_text[] = "Alice met Bob in Paris. Then they left.\n";

static const char import_ann[] =
  "T1\tPerson 0 5\tAlice\n"
  "T2\tPerson 10 13\tBob\n"
  "T3\tLocation 17 22\tParis\n"
  "T4\tEvent 0 5;10 13\tAlice Bob\n"
  "T5\tMove 29 33\tthey\n"
  "R1\tMeets Arg1:T1 Arg2:T2\t\n"
  "R2\tIn Arg2:T3 Arg1:T1\n"
  "E1\tMove:T5 Agent:T1\n"
  "A1\tNegated T2\n"
  "A2\tConfidence T3 High\n"
  "M1\tSpeculation T1\n"
  "A3\tNegated E1\n"
  "N1\tReference T3 Wikipedia:22989\tParis\n"
  "#1\tAnnotatorNotes T1\tfirst\n"
  "#2\tAnnotatorNotes T1\tsecond\n"
  "#3\tLemma T2\t bob\n"
  "#4\tAnnotatorNotes R1\tabout a relation\n"
  "#5\tAnnotatorNotes E1\tabout an event\n"
  "*\tEquiv T1 T2\n"
  "\n"
  "X1\tSomething else\n"
  "T6\tPerson 30 90\tout of range\n"
  "R3\tMeets Arg1:T1 Arg2:T6\n"
  "T7\tBroken\n";

static void
test_import_lines (void)
{
  g_autofree char *tmp = make_tmp_dir ();
  g_autofree char *input = g_build_filename (tmp, "in", NULL);
  g_autofree char *output = g_build_filename (tmp, "out", NULL);
  g_autofree char *ann_path = g_build_filename (input, "doc.ann", NULL);
  g_autofree char *txt_path = g_build_filename (input, "doc.txt", NULL);
  g_autofree char *article = g_build_filename (output, "doc.txt", NULL);
  g_autoptr(GlossSidecar) sidecar = NULL;
  g_autofree char *problems = NULL;
  GlossAnnotationSet *set;
  GlossAnnotation *span;
  GlossImportSummary summary;
  JsonObject *extra;

  write_file (txt_path, import_text);
  write_file (ann_path, import_ann);

  gloss_import_summary_init (&summary);
  /* the .ann itself, not its folder */
  import_brat (ann_path, output, "ann", &summary);
  print_problems (summary.problems);

  /* T1–T5 (T4 as two fragments); R1, R2 */
  g_assert_cmpuint (summary.spans, ==, 6);
  g_assert_cmpuint (summary.fragments, ==, 1);
  g_assert_cmpuint (summary.relations, ==, 2);
  g_assert_cmpuint (summary.notes, ==, 1);
  /* A1, A2, M1, N1, the Lemma comment and the note on R1 */
  g_assert_cmpuint (summary.attributes, ==, 6);
  /* E1, A3, #5, *, X1, T6, R3, T7 */
  g_assert_cmpuint (summary.skipped, ==, 8);

  /* the array is not NULL-terminated: add one before joining */
  g_ptr_array_add (summary.problems, NULL);
  problems = g_strjoinv ("\n", (char **) summary.problems->pdata);
  g_ptr_array_remove_index (summary.problems, summary.problems->len - 1);
  g_assert_nonnull (strstr (problems, "doc.ann:4: T4 is discontinuous"));
  g_assert_nonnull (strstr (problems, "doc.ann:8: event E1"));
  g_assert_nonnull (strstr (problems, "doc.ann:12: A line on event E1"));
  g_assert_nonnull (strstr (problems, "doc.ann:18: # line on event E1"));
  g_assert_nonnull (strstr (problems, "doc.ann:19: equivalence"));
  g_assert_nonnull (strstr (problems, "doc.ann:21: unknown line kind X"));
  g_assert_nonnull (strstr (problems, "doc.ann:22: T6"));
  g_assert_nonnull (strstr (problems, "doc.ann:23: R3 links T6"));
  g_assert_nonnull (strstr (problems, "doc.ann:24: malformed T line"));
  /* no label set declares the attributes: kept, said once each */
  g_assert_nonnull (strstr (problems, "doc.ann:9: warning: “Negated” is not an attribute of the label set; kept"));
  g_assert_nonnull (strstr (problems, "doc.ann:10: warning: “Confidence” is not an attribute"));
  g_assert_nonnull (strstr (problems, "doc.ann:11: warning: “Speculation” is not an attribute"));
  g_assert_cmpuint (summary.warnings, ==, 3);

  sidecar = load_sidecar (article, "ann");
  set = gloss_sidecar_get_annotations (sidecar);

  span = gloss_annotation_set_lookup (set, "T1");
  g_assert_cmpstr (gloss_annotation_get_label (span), ==, "Person");
  g_assert_cmpstr (gloss_annotation_get_note (span), ==, "first\nsecond");
  /* A and M lines are the span's attributes: binary ones true */
  assert_attribute (span, "Speculation", "true");

  span = gloss_annotation_set_lookup (set, "T2");
  extra = gloss_annotation_get_extra (span);
  assert_attribute (span, "Negated", "true");
  g_assert_false (json_object_has_member (extra, "brat-attributes"));
  g_assert_cmpstr (json_array_get_string_element (json_array_get_array_element (
                     json_object_get_array_member (extra, "brat-comments"), 0), 1), ==, " bob");

  span = gloss_annotation_set_lookup (set, "T3");
  extra = gloss_annotation_get_extra (span);
  /* no label set declares it: the text as it is */
  assert_attribute (span, "Confidence", "'High'");
  g_assert_cmpstr (json_array_get_string_element (json_array_get_array_element (
                     json_object_get_array_member (extra, "brat-normalizations"), 0), 1), ==, "22989");

  /* the discontinuous T4: one span per fragment, the later ones naming the first */
  span = gloss_annotation_set_lookup (set, "T4");
  g_assert_cmpuint (gloss_annotation_get_end (span), ==, 5);
  span = gloss_annotation_set_lookup (set, "T4-2");
  g_assert_cmpstr (gloss_annotation_get_exact (span), ==, "Bob");
  g_assert_cmpstr (json_object_get_string_member (gloss_annotation_get_extra (span), "brat-fragment-of"),
                   ==, "T4");

  /* Arg1 → from, Arg2 → to, whatever their order on the line */
  {
    GlossRelation *relation = gloss_annotation_set_lookup_relation (set, "R2");

    g_assert_cmpstr (gloss_relation_get_rel_type (relation), ==, "In");
    g_assert_cmpstr (gloss_relation_get_from (relation), ==, "T1");
    g_assert_cmpstr (gloss_relation_get_to (relation), ==, "T3");
    relation = gloss_annotation_set_lookup_relation (set, "R1");
    g_assert_nonnull (json_object_get_array_member (gloss_relation_get_extra (relation), "brat-comments"));
  }

  gloss_import_summary_clear (&summary);
  gloss_test_remove_tree (tmp);
}

/* brat → Gloss → brat keeps what Gloss kept: the discontinuous span, the
 * attributes, the normalization and the comments come back as they were,
 * ids included. */
static void
test_brat_round_trip_lines (void)
{
  g_autofree char *tmp = make_tmp_dir ();
  g_autofree char *input = g_build_filename (tmp, "in", NULL);
  g_autofree char *output = g_build_filename (tmp, "out", NULL);
  g_autofree char *brat = g_build_filename (tmp, "brat", NULL);
  g_autofree char *ann_path = g_build_filename (input, "doc.ann", NULL);
  g_autofree char *txt_path = g_build_filename (input, "doc.txt", NULL);
  g_autofree char *exported_path = g_build_filename (brat, "doc.ann", NULL);
  g_autofree char *exported = NULL;
  char *annotators[] = { "ann", NULL };
  GlossImportSummary import_summary;
  GlossExportSummary export_summary;
  const char *expected[] = {
    "T1\tPerson 0 5\tAlice\n",
    "T4\tEvent 0 5;10 13\tAlice Bob\n",
    "R2\tIn Arg1:T1 Arg2:T3\n",
    "\tAnnotatorNotes T1\tfirst\n",
    "\tAnnotatorNotes T1\tsecond\n",
    "\tLemma T2\t bob\n",
    "\tAnnotatorNotes R1\tabout a relation\n",
    "\tNegated T2\n",
    "\tConfidence T3 High\n",
    "\tSpeculation T1\n",
    "\tReference T3 Wikipedia:22989\tParis\n",
  };

  write_file (txt_path, import_text);
  write_file (ann_path, import_ann);

  gloss_import_summary_init (&import_summary);
  import_brat (input, output, "ann", &import_summary);
  gloss_export_summary_init (&export_summary);
  export_brat (output, brat, annotators, &export_summary);
  print_problems (export_summary.problems);
  g_assert_cmpuint (export_summary.problems->len, ==, 0);

  exported = read_file (exported_path);
  g_test_message ("%s", exported);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_nonnull (strstr (exported, expected[i]));

  gloss_import_summary_clear (&import_summary);
  gloss_export_summary_clear (&export_summary);
  gloss_test_remove_tree (tmp);
}

/* brat's example corpora
 * ------------------------------------------------------------------------ */

/* The kinds of line, for the tallies; '?' for any other. */
static const char kinds[] = "TREAMN#*?";
#define N_KINDS (sizeof kinds - 1)

typedef struct
{
  guint total[N_KINDS];        /* lines in the original .ann files */
  guint kept[N_KINDS];         /* found again in the re-export */
  guint reported[N_KINDS];     /* named in a problem of the import */
  guint files;
  guint files_passed;
  guint fragments_checked;
} Tally;

static guint
kind_index (char kind)
{
  const char *found = kind != '\0' ? strchr (kinds, kind) : NULL;

  return found != NULL ? (guint) (found - kinds) : N_KINDS - 1;
}

/* One parsed .ann line, independently of the importer. */
typedef struct
{
  char  kind;
  char *id;
  char *type;
  char *rest;      /* the second field after the type */
  char *text;      /* the third field, or "" */
  guint line;
} Line;

static void
line_free (Line *line)
{
  g_free (line->id);
  g_free (line->type);
  g_free (line->rest);
  g_free (line->text);
  g_free (line);
}

static GPtrArray *
parse_ann_lines (const char *contents)
{
  g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);
  GPtrArray *parsed = g_ptr_array_new_with_free_func ((GDestroyNotify) line_free);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      const char *space;
      Line *line;

      g_strchomp (lines[i]);
      if (lines[i][0] == '\0')
        continue;

      fields = g_strsplit (lines[i], "\t", 3);
      line = g_new0 (Line, 1);
      line->kind = lines[i][0];
      line->id = g_strdup (fields[0]);
      line->line = i + 1;
      space = fields[1] != NULL ? strchr (fields[1], ' ') : NULL;
      line->type = fields[1] == NULL ? g_strdup ("")
                   : space != NULL ? g_strndup (fields[1], space - fields[1]) : g_strdup (fields[1]);
      line->rest = g_strdup (space != NULL ? space + 1 : "");
      line->text = g_strdup (fields[1] != NULL && fields[2] != NULL ? fields[2] : "");
      g_ptr_array_add (parsed, line);
    }

  return parsed;
}

/* "0 5;8 10" with the fragments sorted. */
static char *
sorted_offsets (const char *offsets)
{
  g_auto(GStrv) fragments = g_strsplit (offsets, ";", -1);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

  for (guint i = 0; fragments[i] != NULL; i++)
    g_ptr_array_add (sorted, fragments[i]);
  g_ptr_array_sort (sorted, compare_strings);
  g_ptr_array_add (sorted, NULL);

  return g_strjoinv (";", (char **) sorted->pdata);
}

/* What a T or R line is, ids aside: "type offsets", "type arg1 arg2". */
static GHashTable *
describe_targets (GPtrArray *lines)
{
  GHashTable *targets = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  for (guint i = 0; i < lines->len; i++)
    {
      Line *line = g_ptr_array_index (lines, i);

      if (line->kind == 'T')
        {
          g_autofree char *offsets = sorted_offsets (line->rest);
          g_hash_table_insert (targets, line->id, g_strdup_printf ("%s %s", line->type, offsets));
        }
    }

  for (guint i = 0; i < lines->len; i++)
    {
      Line *line = g_ptr_array_index (lines, i);
      g_auto(GStrv) args = NULL;
      const char *arg1 = NULL, *arg2 = NULL;

      if (line->kind != 'R')
        continue;

      args = g_strsplit (line->rest, " ", -1);
      for (guint j = 0; args[j] != NULL; j++)
        {
          if (g_str_has_prefix (args[j], "Arg1:"))
            arg1 = g_hash_table_lookup (targets, args[j] + 5);
          else if (g_str_has_prefix (args[j], "Arg2:"))
            arg2 = g_hash_table_lookup (targets, args[j] + 5);
        }
      g_hash_table_insert (targets, line->id,
                           g_strdup_printf ("%s (%s) → (%s)", line->type,
                                            arg1 != NULL ? arg1 : "?", arg2 != NULL ? arg2 : "?"));
    }

  return targets;
}

/* A line as compared, NULL for the kinds Gloss does not keep. M lines come
 * back as A lines (the same thing in brat's newer syntax). */
static char *
describe_line (Line       *line,
               GHashTable *targets)
{
  g_auto(GStrv) words = g_strsplit (line->rest, " ", -1);
  const char *target = words[0] != NULL ? g_hash_table_lookup (targets, words[0]) : NULL;

  switch (line->kind)
    {
    case 'T':
      return g_strdup_printf ("T %s\t%s", (const char *) g_hash_table_lookup (targets, line->id),
                              line->text);
    case 'R':
      return g_strdup_printf ("R %s", (const char *) g_hash_table_lookup (targets, line->id));
    case 'A':
    case 'M':
      return target == NULL ? NULL
             : g_strdup_printf ("A %s [%s] %s", line->type, target, words[1] != NULL ? words[1] : "");
    case 'N':
      return target == NULL ? NULL
             : g_strdup_printf ("N %s [%s] %s\t%s", line->type, target, words[1], line->text);
    case '#':
      return target == NULL ? NULL
             : g_strdup_printf ("# %s [%s]\t%s", line->type, target, line->text);
    default:
      return NULL;
    }
}

/* The import's problems for @source, as the set of line numbers named. */
static GHashTable *
reported_lines (GPtrArray  *problems,
                const char *source)
{
  GHashTable *lines = g_hash_table_new (NULL, NULL);
  g_autofree char *prefix = g_strconcat (source, ":", NULL);

  for (guint i = 0; i < problems->len; i++)
    {
      const char *problem = g_ptr_array_index (problems, i);
      g_autofree char *number = NULL;
      guint64 line;

      if (!g_str_has_prefix (problem, prefix))
        continue;

      problem += strlen (prefix);
      number = g_strndup (problem, strcspn (problem, ":"));
      if (g_ascii_string_to_unsigned (number, 10, 1, G_MAXUINT, &line, NULL))
        g_hash_table_add (lines, GUINT_TO_POINTER ((guint) line));
    }

  return lines;
}

/* The text at brat offsets "0 5;8 10", fragments joined with a space —
 * computed here from the .txt, not through the importer. */
static char *
text_at (const char *text,
         guint       start,
         guint       end)
{
  const char *from = g_utf8_offset_to_pointer (text, start);
  const char *to = g_utf8_offset_to_pointer (text, end);

  return g_strndup (from, to - from);
}

/* Every imported span of a T line reads what the .txt holds at that
 * line's offsets; returns how many fragments were checked. */
static guint
check_imported_spans (GPtrArray          *lines,
                      const char         *text,
                      GlossAnnotationSet *set)
{
  guint checked = 0;

  for (guint i = 0; i < lines->len; i++)
    {
      Line *line = g_ptr_array_index (lines, i);
      g_auto(GStrv) fragments = NULL;

      if (line->kind != 'T')
        continue;

      fragments = g_strsplit (line->rest, ";", -1);
      for (guint j = 0; fragments[j] != NULL; j++)
        {
          g_autofree char *id = j == 0 ? g_strdup (line->id) : g_strdup_printf ("%s-%u", line->id, j + 1);
          GlossAnnotation *span = gloss_annotation_set_lookup (set, id);
          guint start, end;
          g_autofree char *expected = NULL;

          g_assert_cmpint (sscanf (fragments[j], "%u %u", &start, &end), ==, 2);
          expected = text_at (text, start, end);
          if (span == NULL)
            g_test_message ("%s (line %u) was not imported", id, line->line);
          g_assert_nonnull (span);
          g_assert_cmpuint (gloss_annotation_get_start (span), ==, start);
          g_assert_cmpuint (gloss_annotation_get_end (span), ==, end);
          g_assert_cmpstr (gloss_annotation_get_exact (span), ==, expected);
          checked++;
        }
    }

  return checked;
}

static GHashTable *
describe_file (GPtrArray *lines)
{
  g_autoptr(GHashTable) targets = describe_targets (lines);
  GHashTable *described = multiset_new ();

  for (guint i = 0; i < lines->len; i++)
    {
      char *description = describe_line (g_ptr_array_index (lines, i), targets);

      if (description != NULL)
        multiset_add (described, description);
    }

  return described;
}

/* "a/b/c.ann" → the name the export gives it: "a__b__c" */
static char *
exported_name (const char *relative)
{
  g_autofree char *stem = g_strndup (relative, strlen (relative) - strlen (".ann"));
  g_auto(GStrv) parts = g_strsplit (stem, "/", -1);

  return g_strjoinv ("__", parts);
}

static void
check_example (const char *input,
               const char *relative,
               const char *imported,
               const char *exported,
               GPtrArray  *problems,
               Tally      *tally)
{
  g_autofree char *ann_path = g_build_filename (input, relative, NULL);
  g_autofree char *stem = g_strndup (relative, strlen (relative) - strlen (".ann"));
  g_autofree char *txt_relative = g_strconcat (stem, ".txt", NULL);
  g_autofree char *txt_path = g_build_filename (input, txt_relative, NULL);
  g_autofree char *article = g_build_filename (imported, txt_relative, NULL);
  g_autofree char *name = exported_name (relative);
  g_autofree char *exported_ann = g_strdup_printf ("%s/%s.ann", exported, name);
  g_autofree char *exported_txt = g_strdup_printf ("%s/%s.txt", exported, name);
  g_autofree char *original = read_file (ann_path);
  g_autofree char *text = read_file (txt_path);
  g_autofree char *text_again = read_file (exported_txt);
  g_autofree char *again = read_file (exported_ann);
  g_autoptr(GPtrArray) lines = parse_ann_lines (original);
  g_autoptr(GPtrArray) lines_again = parse_ann_lines (again);
  g_autoptr(GHashTable) described_again = describe_file (lines_again);
  g_autoptr(GHashTable) reported = reported_lines (problems, relative);
  g_autoptr(GHashTable) targets = describe_targets (lines);
  g_autoptr(GlossSidecar) sidecar = load_sidecar (article, "brat");
  g_autoptr(GHashTable) original_tr = multiset_new ();
  g_autoptr(GHashTable) again_tr = multiset_new ();

  tally->files++;
  g_assert_cmpstr (text_again, ==, text);
  tally->fragments_checked += check_imported_spans (lines, text, gloss_sidecar_get_annotations (sidecar));

  for (guint i = 0; i < lines->len; i++)
    {
      Line *line = g_ptr_array_index (lines, i);
      guint kind = kind_index (line->kind);
      g_autofree char *description = describe_line (line, targets);
      guint count = description != NULL
                    ? GPOINTER_TO_UINT (g_hash_table_lookup (described_again, description)) : 0;

      tally->total[kind]++;

      /* kept (found in the re-export) or reported by the import, never
       * silently gone */
      if (count > 0)
        {
          tally->kept[kind]++;
          g_hash_table_replace (described_again, g_strdup (description), GUINT_TO_POINTER (count - 1));
        }
      else if (g_hash_table_contains (reported, GUINT_TO_POINTER (line->line)))
        tally->reported[kind]++;
      else
        {
          g_test_message ("%s:%u: neither kept nor reported: %s", relative, line->line, description);
          g_assert_not_reached ();
        }
    }

  /* The T and R lines, order and ids aside, are exactly the original's. */
  for (guint i = 0; i < lines->len; i++)
    {
      Line *line = g_ptr_array_index (lines, i);
      if (line->kind == 'T' || line->kind == 'R')
        multiset_add (original_tr, describe_line (line, targets));
    }
  {
    g_autoptr(GHashTable) targets_again = describe_targets (lines_again);

    for (guint i = 0; i < lines_again->len; i++)
      {
        Line *line = g_ptr_array_index (lines_again, i);
        if (line->kind == 'T' || line->kind == 'R')
          multiset_add (again_tr, describe_line (line, targets_again));
      }
  }
  assert_multisets_equal (original_tr, again_tr, relative);

  tally->files_passed++;
}

static void
collect_ann_files (const char *root,
                   const char *relative,
                   GPtrArray  *found)
{
  g_autofree char *path = g_build_filename (root, relative, NULL);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = relative[0] != '\0' ? g_strconcat (relative, "/", name, NULL)
                                                   : g_strdup (name);
      g_autofree char *child_path = g_build_filename (root, child, NULL);

      if (g_file_test (child_path, G_FILE_TEST_IS_DIR))
        collect_ann_files (root, child, found);
      else if (g_str_has_suffix (name, ".ann"))
        g_ptr_array_add (found, g_steal_pointer (&child));
    }
}

static void
test_brat_examples (void)
{
  const char *shared = g_getenv ("GLOSS_SHARED_DIR");
  g_autofree char *input = shared != NULL
                           ? g_build_filename (shared, "thirdparty", "brat-example-data", NULL) : NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *imported = NULL;
  g_autofree char *exported = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) tallies = g_string_new (NULL);
  char *annotators[] = { "brat", NULL };
  GlossImportSummary import_summary;
  GlossExportSummary export_summary;
  Tally tally = { 0 };

  /* brat's corpora sit beside the project, not in it: a clone has none */
  if (input == NULL || !g_file_test (input, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("brat's example corpora are not in GLOSS_SHARED_DIR/thirdparty/brat-example-data");
      return;
    }

  collect_ann_files (input, "", files);
  g_ptr_array_sort (files, compare_strings);

  tmp = make_tmp_dir ();
  imported = g_build_filename (tmp, "imported", NULL);
  exported = g_build_filename (tmp, "exported", NULL);

  gloss_import_summary_init (&import_summary);
  import_brat (input, imported, "brat", &import_summary);
  g_assert_cmpuint (import_summary.sidecars, ==, files->len);

  gloss_export_summary_init (&export_summary);
  export_brat (imported, exported, annotators, &export_summary);
  g_assert_cmpuint (export_summary.records, ==, files->len);
  g_assert_cmpuint (export_summary.failed, ==, 0);
  g_assert_cmpuint (export_summary.lost_overlaps + export_summary.lost_relations
                    + export_summary.lost_notes + export_summary.lost_attributes, ==, 0);

  for (guint i = 0; i < files->len; i++)
    check_example (input, g_ptr_array_index (files, i), imported, exported,
                   import_summary.problems, &tally);

  for (guint k = 0; k < N_KINDS; k++)
    g_string_append_printf (tallies, "%s%c: %u lines, %u kept, %u reported",
                            k > 0 ? "; " : "", kinds[k], tally.total[k], tally.kept[k], tally.reported[k]);
  g_test_message ("brat examples: %u of %u files passed, %u T fragments matched their text",
                  tally.files_passed, tally.files, tally.fragments_checked);
  g_test_message ("brat examples: %s", tallies->str);
  {
    g_autofree char *imported_summary = gloss_import_summary_to_string (&import_summary);
    g_autofree char *exported_summary = gloss_export_summary_to_string (&export_summary);

    g_test_message ("brat examples, import: %s", imported_summary);
    g_test_message ("brat examples, export back: %s", exported_summary);
  }

  /* every T and R line is kept */
  g_assert_cmpuint (tally.kept[kind_index ('T')], ==, tally.total[kind_index ('T')]);
  g_assert_cmpuint (tally.kept[kind_index ('R')], ==, tally.total[kind_index ('R')]);
  g_assert_cmpuint (tally.files_passed, ==, files->len);

  gloss_import_summary_clear (&import_summary);
  gloss_export_summary_clear (&export_summary);
  gloss_test_remove_tree (tmp);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/brat/round-trip/samples", test_round_trip_samples);
  g_test_add_func ("/brat/round-trip/awkward", test_round_trip_awkward);
  g_test_add_func ("/brat/utf16", test_utf16);
  g_test_add_func ("/brat/export/names", test_export_names);
  g_test_add_func ("/brat/export/losses", test_export_losses);
  g_test_add_func ("/brat/import/lines", test_import_lines);
  g_test_add_func ("/brat/attributes/round-trip", test_attributes_round_trip);
  g_test_add_func ("/brat/attributes/import", test_import_attributes);
  g_test_add_func ("/brat/attributes/import-numbers", test_import_attribute_numbers);
  g_test_add_func ("/brat/import/round-trip-lines", test_brat_round_trip_lines);
  g_test_add_func ("/brat/examples", test_brat_examples);

  return g_test_run ();
}
