/* test-format-conll.c — the CoNLL writer: tokens, sentences, IOB2 columns,
 * what it cannot hold, and the sample corpus against hand-checked files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <string.h>

#include "gloss.h"
#include "gloss-format-writer.h"
#include "gloss-test-utils.h"

#define HEADER "# columns: token start end entity quote claim\n"
#define DOC_LINE "# doc: test.txt annotator: tester\n"

/* One article × annotator built in memory: the spans are added by hand. */
typedef struct
{
  GlossDocument     *document;
  GlossSidecar      *sidecar;
  GlossLabelSet     *labels;
  GlossExportRecord  record;
} TestRecord;

static TestRecord *
test_record_new (const char *text)
{
  TestRecord *self = g_new0 (TestRecord, 1);
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/test.txt.tester.gloss.json");

  self->document = gloss_test_doc_new (text);
  self->sidecar = gloss_sidecar_new (file, self->document);
  self->labels = gloss_label_set_get_builtin ();
  self->record.document = self->document;
  self->record.sidecar = self->sidecar;
  self->record.labels = self->labels;
  self->record.annotator = "tester";
  self->record.article_id = "test.txt";

  return self;
}

static void
test_record_free (TestRecord *self)
{
  g_object_unref (self->sidecar);
  g_object_unref (self->document);
  g_object_unref (self->labels);
  g_free (self);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestRecord, test_record_free)

static GlossAnnotation *
add_span (TestRecord *self,
          const char *label,
          guint       start,
          guint       end)
{
  g_autoptr(GError) error = NULL;
  GlossAnnotation *span;

  span = gloss_annotation_set_create (gloss_sidecar_get_annotations (self->sidecar),
                                      label, start, end, &error);
  g_assert_no_error (error);
  g_assert_nonnull (span);

  return span;
}

/* A span over the first occurrence of @needle in the text. */
static GlossAnnotation *
add_span_on (TestRecord *self,
             const char *label,
             const char *needle)
{
  const char *text = gloss_document_get_text (self->document);
  const char *at = strstr (text, needle);
  guint start;

  g_assert_nonnull (at);
  start = (guint)g_utf8_pointer_to_offset (text, at);

  return add_span (self, label, start, start + (guint)g_utf8_strlen (needle, -1));
}

/* Runs the writer over @records (NULL-terminated) and returns the file. */
static char *
run_conll_with (TestRecord               **records,
                const GlossExportOptions  *options,
                GlossExportSummary        *summary)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  GlossFormatWriter *writer = gloss_format_writer_new (options, out, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_format_writer_begin (writer, &error));
  g_assert_no_error (error);
  for (guint i = 0; records[i] != NULL; i++)
    {
      g_assert_true (gloss_format_writer_write_record (writer, &records[i]->record, summary, &error));
      g_assert_no_error (error);
    }
  g_assert_true (gloss_format_writer_end (writer, summary, &error));
  g_assert_no_error (error);
  g_object_unref (writer);

  g_assert_true (g_output_stream_close (out, NULL, &error));
  g_assert_no_error (error);
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static char *
run_conll (TestRecord         *record,
           GlossExportSummary *summary)
{
  GlossExportOptions options = { .format = GLOSS_FORMAT_CONLL };
  TestRecord *records[] = { record, NULL };

  return run_conll_with (records, &options, summary);
}

/* Compares line by line, so that a failure names the first line that
 * differs rather than two pages of text. */
static void
assert_same_lines (const char *actual,
                   const char *expected,
                   const char *what)
{
  g_auto(GStrv) a = g_strsplit (actual, "\n", -1);
  g_auto(GStrv) e = g_strsplit (expected, "\n", -1);
  guint i;

  for (i = 0; a[i] != NULL && e[i] != NULL; i++)
    if (g_strcmp0 (a[i], e[i]) != 0)
      g_error ("%s, line %u: got “%s”, expected “%s”", what, i + 1, a[i], e[i]);

  if (a[i] != NULL || e[i] != NULL)
    g_error ("%s: %u lines, expected %u", what, g_strv_length (a), g_strv_length (e));
}

/* Tokens */

static void
test_unicode_words (void)
{
  g_autoptr(TestRecord) record = test_record_new ("Núñez, Zoë and O’Brien felt тиск.");
  GlossExportSummary summary;
  g_autofree char *output = NULL;

  gloss_export_summary_init (&summary);
  output = run_conll (record, &summary);

  assert_same_lines (output,
                     HEADER DOC_LINE
                     "Núñez\t0\t5\tO\tO\tO\n"
                     ",\t5\t6\tO\tO\tO\n"
                     "Zoë\t7\t10\tO\tO\tO\n"
                     "and\t11\t14\tO\tO\tO\n"
                     "O’Brien\t15\t22\tO\tO\tO\n"
                     "felt\t23\t27\tO\tO\tO\n"
                     "тиск\t28\t32\tO\tO\tO\n"
                     ".\t32\t33\tO\tO\tO\n"
                     "\n",
                     "unicode words");
  gloss_export_summary_clear (&summary);
}

/* English clitics are tokens of their own, as NLTK's and spaCy's
 * tokenizers have them, so that "NATO" marked in "NATO’s" is
 * token-aligned (issue 10: it was reported as cutting a token, and
 * written widened, B-organization on "NATO’s"). */
static void
test_clitics (void)
{
  g_autoptr(TestRecord) record =
    test_record_new ("NATO’s allies don’t doubt Biden's plan or the workers’ pay, O’Brien’s.");
  GlossExportSummary summary;
  g_autofree char *output = NULL;

  add_span_on (record, "organization", "NATO");
  add_span_on (record, "person", "Biden");
  add_span_on (record, "person", "O’Brien");

  gloss_export_summary_init (&summary);
  output = run_conll (record, &summary);

  assert_same_lines (output,
                     HEADER DOC_LINE
                     "NATO\t0\t4\tB-organization\tO\tO\n"
                     "’s\t4\t6\tO\tO\tO\n"
                     "allies\t7\t13\tO\tO\tO\n"
                     "do\t14\t16\tO\tO\tO\n"
                     "n’t\t16\t19\tO\tO\tO\n"
                     "doubt\t20\t25\tO\tO\tO\n"
                     "Biden\t26\t31\tB-person\tO\tO\n"
                     "'s\t31\t33\tO\tO\tO\n"
                     "plan\t34\t38\tO\tO\tO\n"
                     "or\t39\t41\tO\tO\tO\n"
                     "the\t42\t45\tO\tO\tO\n"
                     "workers\t46\t53\tO\tO\tO\n"
                     "’\t53\t54\tO\tO\tO\n"
                     "pay\t55\t58\tO\tO\tO\n"
                     ",\t58\t59\tO\tO\tO\n"
                     "O’Brien\t60\t67\tB-person\tO\tO\n"
                     "’s\t67\t69\tO\tO\tO\n"
                     ".\t69\t70\tO\tO\tO\n"
                     "\n",
                     "clitics");
  g_assert_cmpuint (summary.cut_tokens, ==, 0);
  g_assert_cmpuint (summary.problems->len, ==, 0);
  gloss_export_summary_clear (&summary);
}

/* A decomposed ë (e + U+0308) is still one word; quotation marks, the
 * dash and the final stop of "U.S." are tokens of their own, a stop inside
 * "U.S" is not. */
static void
test_punctuation (void)
{
  g_autoptr(TestRecord) record = test_record_new ("Zoe\xcc\x88 said “U.S. aid — now”.");
  GlossExportSummary summary;
  g_autofree char *output = NULL;

  gloss_export_summary_init (&summary);
  output = run_conll (record, &summary);

  assert_same_lines (output,
                     HEADER DOC_LINE
                     "Zoe\xcc\x88\t0\t4\tO\tO\tO\n"
                     "said\t5\t9\tO\tO\tO\n"
                     "“\t10\t11\tO\tO\tO\n"
                     "U.S\t11\t14\tO\tO\tO\n"
                     ".\t14\t15\tO\tO\tO\n"
                     "aid\t16\t19\tO\tO\tO\n"
                     "—\t20\t21\tO\tO\tO\n"
                     "now\t22\t25\tO\tO\tO\n"
                     "”\t25\t26\tO\tO\tO\n"
                     ".\t26\t27\tO\tO\tO\n"
                     "\n",
                     "punctuation");
  gloss_export_summary_clear (&summary);
}

/* Each punctuation grapheme is a token, even in a run of them. */
static void
test_punctuation_run (void)
{
  g_autoptr(TestRecord) record = test_record_new ("Wait...\"");
  GlossExportSummary summary;
  g_autofree char *output = NULL;

  gloss_export_summary_init (&summary);
  output = run_conll (record, &summary);

  assert_same_lines (output,
                     HEADER DOC_LINE
                     "Wait\t0\t4\tO\tO\tO\n"
                     ".\t4\t5\tO\tO\tO\n"
                     ".\t5\t6\tO\tO\tO\n"
                     ".\t6\t7\tO\tO\tO\n"
                     "\"\t7\t8\tO\tO\tO\n"
                     "\n",
                     "punctuation run");
  gloss_export_summary_clear (&summary);
}

/* Columns */

/* A person inside a quote inside a claim: each kind has its own column,
 * so all three are tagged on the same tokens. */
static void
test_nested_columns (void)
{
  g_autoptr(TestRecord) record =
    test_record_new ("Mayor Ana Ruiz said “Ana Ruiz will win” today.");
  GlossExportSummary summary;
  g_autofree char *output = NULL;

  add_span (record, "claim", 0, 46);
  add_span (record, "quote", 20, 39);
  add_span (record, "person", 21, 29);
  add_span (record, "person", 6, 14);

  gloss_export_summary_init (&summary);
  output = run_conll (record, &summary);

  assert_same_lines (output,
                     HEADER DOC_LINE
                     "Mayor\t0\t5\tO\tO\tB-claim\n"
                     "Ana\t6\t9\tB-person\tO\tI-claim\n"
                     "Ruiz\t10\t14\tI-person\tO\tI-claim\n"
                     "said\t15\t19\tO\tO\tI-claim\n"
                     "“\t20\t21\tO\tB-quote\tI-claim\n"
                     "Ana\t21\t24\tB-person\tI-quote\tI-claim\n"
                     "Ruiz\t25\t29\tI-person\tI-quote\tI-claim\n"
                     "will\t30\t34\tO\tI-quote\tI-claim\n"
                     "win\t35\t38\tO\tI-quote\tI-claim\n"
                     "”\t38\t39\tO\tI-quote\tI-claim\n"
                     "today\t40\t45\tO\tO\tI-claim\n"
                     ".\t45\t46\tO\tO\tI-claim\n"
                     "\n",
                     "nested columns");
  g_assert_cmpuint (summary.lost_overlaps, ==, 0);
  g_assert_cmpuint (summary.cut_tokens, ==, 0);
  g_assert_cmpuint (summary.problems->len, ==, 0);
  gloss_export_summary_clear (&summary);
}

/* Two entities that touch (no token between them) each start with B-. */
static void
test_adjacent_entities (void)
{
  g_autoptr(TestRecord) record = test_record_new ("Kyiv Odesa");
  GlossExportSummary summary;
  g_autofree char *output = NULL;

  add_span (record, "location", 0, 4);
  add_span (record, "location", 5, 10);

  gloss_export_summary_init (&summary);
  output = run_conll (record, &summary);

  assert_same_lines (output,
                     HEADER DOC_LINE
                     "Kyiv\t0\t4\tB-location\tO\tO\n"
                     "Odesa\t5\t10\tB-location\tO\tO\n"
                     "\n",
                     "adjacent entities");
  gloss_export_summary_clear (&summary);
}

/* An entity nested in another of the same column: the longer is kept. */
static void
test_nested_entities (void)
{
  g_autoptr(TestRecord) record =
    test_record_new ("The University of Kyiv and Lviv Polytechnic met.");
  GlossExportSummary summary;
  g_autofree char *output = NULL;
  g_autofree char *expected_problem = NULL;
  GlossAnnotation *university;
  GlossAnnotation *kyiv;

  university = add_span (record, "organization", 4, 22);
  kyiv = add_span (record, "location", 18, 22);
  add_span (record, "organization", 27, 43);

  gloss_export_summary_init (&summary);
  output = run_conll (record, &summary);

  assert_same_lines (output,
                     HEADER DOC_LINE
                     "The\t0\t3\tO\tO\tO\n"
                     "University\t4\t14\tB-organization\tO\tO\n"
                     "of\t15\t17\tI-organization\tO\tO\n"
                     "Kyiv\t18\t22\tI-organization\tO\tO\n"
                     "and\t23\t26\tO\tO\tO\n"
                     "Lviv\t27\t31\tB-organization\tO\tO\n"
                     "Polytechnic\t32\t43\tI-organization\tO\tO\n"
                     "met\t44\t47\tO\tO\tO\n"
                     ".\t47\t48\tO\tO\tO\n"
                     "\n",
                     "nested entities");
  g_assert_cmpuint (summary.lost_overlaps, ==, 1);
  g_assert_cmpuint (summary.cut_tokens, ==, 0);

  expected_problem = g_strdup_printf ("test.txt: span %s “Kyiv” overlaps span %s in the entity column; left out",
                                      gloss_annotation_get_id (kyiv),
                                      gloss_annotation_get_id (university));
  g_assert_cmpuint (summary.problems->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (summary.problems, 0), ==, expected_problem);
  gloss_export_summary_clear (&summary);
}

/* Two entities that cross, as long as each other: the earlier is kept. */
static void
test_crossing_entities (void)
{
  g_autoptr(TestRecord) record = test_record_new ("Kyiv and Lviv met.");
  GlossExportSummary summary;
  g_autofree char *output = NULL;

  add_span (record, "misc", 5, 13);
  add_span (record, "location", 0, 8);

  gloss_export_summary_init (&summary);
  output = run_conll (record, &summary);

  assert_same_lines (output,
                     HEADER DOC_LINE
                     "Kyiv\t0\t4\tB-location\tO\tO\n"
                     "and\t5\t8\tI-location\tO\tO\n"
                     "Lviv\t9\t13\tO\tO\tO\n"
                     "met\t14\t17\tO\tO\tO\n"
                     ".\t17\t18\tO\tO\tO\n"
                     "\n",
                     "crossing entities");
  g_assert_cmpuint (summary.lost_overlaps, ==, 1);
  gloss_export_summary_clear (&summary);
}

/* A span that ends inside a word is still tagged on that word, and
 * reported. */
static void
test_cut_token (void)
{
  g_autoptr(TestRecord) record = test_record_new ("Kyivstar reported.");
  GlossExportSummary summary;
  g_autofree char *output = NULL;
  g_autofree char *expected_problem = NULL;
  GlossAnnotation *kyiv;

  kyiv = add_span (record, "location", 0, 4);

  gloss_export_summary_init (&summary);
  output = run_conll (record, &summary);

  assert_same_lines (output,
                     HEADER DOC_LINE
                     "Kyivstar\t0\t8\tB-location\tO\tO\n"
                     "reported\t9\t17\tO\tO\tO\n"
                     ".\t17\t18\tO\tO\tO\n"
                     "\n",
                     "cut token");
  g_assert_cmpuint (summary.cut_tokens, ==, 1);
  g_assert_cmpuint (summary.lost_overlaps, ==, 0);

  expected_problem = g_strdup_printf ("test.txt: span %s “Kyiv” cuts a token",
                                      gloss_annotation_get_id (kyiv));
  g_assert_cmpuint (summary.problems->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (summary.problems, 0), ==, expected_problem);
  gloss_export_summary_clear (&summary);
}

/* A span over spaces alone has no token to be tagged on. */
static void
test_span_without_token (void)
{
  g_autoptr(TestRecord) record = test_record_new ("Kyiv   Odesa");
  GlossExportSummary summary;
  g_autofree char *output = NULL;

  add_span (record, "misc", 5, 6);

  gloss_export_summary_init (&summary);
  output = run_conll (record, &summary);

  assert_same_lines (output,
                     HEADER DOC_LINE
                     "Kyiv\t0\t4\tO\tO\tO\n"
                     "Odesa\t7\t12\tO\tO\tO\n"
                     "\n",
                     "span without token");
  g_assert_cmpuint (summary.lost_overlaps, ==, 1);
  g_assert_cmpuint (summary.problems->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (summary.problems, 0), "holds no token"));
  gloss_export_summary_clear (&summary);
}

/* Relations and notes have no place in CoNLL: counted as lost. */
static void
test_relations_and_notes (void)
{
  g_autoptr(TestRecord) record = test_record_new ("“No,” said Ana.");
  GlossAnnotationSet *set = gloss_sidecar_get_annotations (record->sidecar);
  g_autoptr(GError) error = NULL;
  GlossExportSummary summary;
  g_autofree char *output = NULL;
  GlossAnnotation *quote;
  GlossAnnotation *person;

  quote = add_span (record, "quote", 0, 5);
  person = add_span (record, "person", 11, 14);
  gloss_annotation_set_change_note (set, person, "the mayor", &error);
  g_assert_no_error (error);
  gloss_annotation_set_add_relation (set, "speaker",
                                     gloss_annotation_get_id (quote),
                                     gloss_annotation_get_id (person), &error);
  g_assert_no_error (error);

  gloss_export_summary_init (&summary);
  output = run_conll (record, &summary);

  assert_same_lines (output,
                     HEADER DOC_LINE
                     "“\t0\t1\tO\tB-quote\tO\n"
                     "No\t1\t3\tO\tI-quote\tO\n"
                     ",\t3\t4\tO\tI-quote\tO\n"
                     "”\t4\t5\tO\tI-quote\tO\n"
                     "said\t6\t10\tO\tO\tO\n"
                     "Ana\t11\t14\tB-person\tO\tO\n"
                     ".\t14\t15\tO\tO\tO\n"
                     "\n",
                     "relations and notes");
  g_assert_cmpuint (summary.lost_relations, ==, 1);
  g_assert_cmpuint (summary.lost_notes, ==, 1);
  gloss_export_summary_clear (&summary);
}

/* A label the label set does not know goes to the entity column; a space
 * in it would split the column, so it becomes '_'. */
static void
test_unknown_label (void)
{
  g_autoptr(TestRecord) record = test_record_new ("Grain deal");
  GlossExportSummary summary;
  g_autofree char *output = NULL;

  add_span (record, "trade topic", 0, 10);

  gloss_export_summary_init (&summary);
  output = run_conll (record, &summary);

  assert_same_lines (output,
                     HEADER DOC_LINE
                     "Grain\t0\t5\tB-trade_topic\tO\tO\n"
                     "deal\t6\t10\tI-trade_topic\tO\tO\n"
                     "\n",
                     "unknown label");
  gloss_export_summary_clear (&summary);
}

/* Sentences */

static void
test_two_sentences (void)
{
  g_autoptr(TestRecord) record = test_record_new ("The river rose. People left.");
  GlossExportSummary summary;
  g_autofree char *output = NULL;

  /* A claim over both sentences goes on with I- after the break. */
  add_span (record, "claim", 0, 28);

  gloss_export_summary_init (&summary);
  output = run_conll (record, &summary);

  assert_same_lines (output,
                     HEADER DOC_LINE
                     "The\t0\t3\tO\tO\tB-claim\n"
                     "river\t4\t9\tO\tO\tI-claim\n"
                     "rose\t10\t14\tO\tO\tI-claim\n"
                     ".\t14\t15\tO\tO\tI-claim\n"
                     "\n"
                     "People\t16\t22\tO\tO\tI-claim\n"
                     "left\t23\t27\tO\tO\tI-claim\n"
                     ".\t27\t28\tO\tO\tI-claim\n"
                     "\n",
                     "two sentences");
  gloss_export_summary_clear (&summary);
}

/* UAX #29 knows no abbreviations and ends a sentence after "Dr."; an
 * entity the annotator drew over it keeps the sentence whole. */
static void
test_no_break_inside_entity (void)
{
  g_autoptr(TestRecord) record = test_record_new ("Dr. Ruiz spoke. Dr. Lee did not.");
  GlossExportSummary summary;
  g_autofree char *output = NULL;

  add_span (record, "person", 0, 8);

  gloss_export_summary_init (&summary);
  output = run_conll (record, &summary);

  assert_same_lines (output,
                     HEADER DOC_LINE
                     "Dr\t0\t2\tB-person\tO\tO\n"
                     ".\t2\t3\tI-person\tO\tO\n"
                     "Ruiz\t4\t8\tI-person\tO\tO\n"
                     "spoke\t9\t14\tO\tO\tO\n"
                     ".\t14\t15\tO\tO\tO\n"
                     "\n"
                     "Dr\t16\t18\tO\tO\tO\n"
                     ".\t18\t19\tO\tO\tO\n"
                     "\n"
                     "Lee\t20\t23\tO\tO\tO\n"
                     "did\t24\t27\tO\tO\tO\n"
                     "not\t28\t31\tO\tO\tO\n"
                     ".\t31\t32\tO\tO\tO\n"
                     "\n",
                     "no break inside an entity");
  gloss_export_summary_clear (&summary);
}

/* A headline with no full stop, a blank line, then a paragraph of two
 * sentences; every line break is a CR LF, and offsets count CR and LF as
 * a code point each. */
static void
test_crlf (void)
{
  g_autoptr(TestRecord) record =
    test_record_new ("Flood warning\r\n\r\nThe river rose.\r\nPeople left.");
  GlossExportSummary summary;
  g_autofree char *output = NULL;

  add_span (record, "claim", 17, 32);
  add_span (record, "misc", 0, 13);

  gloss_export_summary_init (&summary);
  output = run_conll (record, &summary);

  assert_same_lines (output,
                     HEADER DOC_LINE
                     "Flood\t0\t5\tB-misc\tO\tO\n"
                     "warning\t6\t13\tI-misc\tO\tO\n"
                     "\n"
                     "The\t17\t20\tO\tO\tB-claim\n"
                     "river\t21\t26\tO\tO\tI-claim\n"
                     "rose\t27\t31\tO\tO\tI-claim\n"
                     ".\t31\t32\tO\tO\tI-claim\n"
                     "\n"
                     "People\t34\t40\tO\tO\tO\n"
                     "left\t41\t45\tO\tO\tO\n"
                     ".\t45\t46\tO\tO\tO\n"
                     "\n",
                     "CRLF");
  g_assert_null (strchr (output, '\r'));
  gloss_export_summary_clear (&summary);
}

/* An emoji is a token, however many code points its grapheme holds. */
static void
test_emoji (void)
{
  g_autoptr(TestRecord) record = test_record_new ("Rain 🌧️ and 👨‍👩‍👧 fled 🇺🇦.");
  GlossExportSummary summary;
  g_autofree char *output = NULL;

  add_span (record, "misc", 12, 17);

  gloss_export_summary_init (&summary);
  output = run_conll (record, &summary);

  assert_same_lines (output,
                     HEADER DOC_LINE
                     "Rain\t0\t4\tO\tO\tO\n"
                     "🌧️\t5\t7\tO\tO\tO\n"
                     "and\t8\t11\tO\tO\tO\n"
                     "👨‍👩‍👧\t12\t17\tB-misc\tO\tO\n"
                     "fled\t18\t22\tO\tO\tO\n"
                     "🇺🇦\t23\t25\tO\tO\tO\n"
                     ".\t25\t26\tO\tO\tO\n"
                     "\n",
                     "emoji");
  g_assert_cmpuint (summary.cut_tokens, ==, 0);
  gloss_export_summary_clear (&summary);
}

/* The file: one header, then each record's comment, its sentences and a
 * blank line; a record with no token is its comment and a blank line. */
static void
test_several_records (void)
{
  g_autoptr(TestRecord) first = test_record_new ("One.");
  g_autoptr(TestRecord) empty = test_record_new (" \n\n ");
  g_autoptr(TestRecord) last = test_record_new ("Two");
  TestRecord *records[] = { first, empty, last, NULL };
  GlossExportOptions options = { .format = GLOSS_FORMAT_CONLL };
  GlossExportSummary summary;
  g_autofree char *output = NULL;

  empty->record.article_id = "sub/empty.txt";
  last->record.annotator = "bilal";

  gloss_export_summary_init (&summary);
  output = run_conll_with (records, &options, &summary);

  g_assert_cmpstr (output, ==,
                   HEADER
                   "# doc: test.txt annotator: tester\n"
                   "One\t0\t3\tO\tO\tO\n"
                   ".\t3\t4\tO\tO\tO\n"
                   "\n"
                   "# doc: sub/empty.txt annotator: tester\n"
                   "\n"
                   "# doc: test.txt annotator: bilal\n"
                   "Two\t0\t3\tO\tO\tO\n"
                   "\n");
  gloss_export_summary_clear (&summary);
}

/* The start and end columns are code points, whatever --offsets says. */
static void
test_offsets_refused (void)
{
  GlossExportOptions options = { .format = GLOSS_FORMAT_CONLL, .offsets = GLOSS_OFFSETS_UTF16 };
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  GlossFormatWriter *writer = gloss_format_writer_new (&options, out, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (gloss_format_writer_begin (writer, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED);
  g_object_unref (writer);
}

/* Variants */

/* A quote of two sentences, with an organisation and its possessive in
 * it: "“NATO’s ships left. They’re back.”". */
#define QUOTE_TEXT "Ruiz said: “NATO’s ships left. They’re back.” Then rain."

static TestRecord *
quote_record_new (void)
{
  TestRecord *record = test_record_new (QUOTE_TEXT);

  add_span_on (record, "person", "Ruiz");
  add_span_on (record, "quote", "“NATO’s ships left. They’re back.”");
  add_span_on (record, "organization", "NATO");

  return record;
}

static char *
run_variant (TestRecord         *record,
             GlossConllVariant   variant,
             GlossConllTags      tags,
             GlossExportSummary *summary)
{
  GlossExportOptions options = {
    .format = GLOSS_FORMAT_CONLL,
    .conll_variant = variant,
    .conll_tags = tags,
  };
  TestRecord *records[] = { record, NULL };

  return run_conll_with (records, &options, summary);
}

/* The full variant keeps the sentence break inside the quote: the quote
 * goes on with I- after the blank line (docs/conll.md says what readers
 * make of it). */
static void
test_variant_full (void)
{
  g_autoptr(TestRecord) record = quote_record_new ();
  GlossExportSummary summary;
  g_autofree char *output = NULL;

  gloss_export_summary_init (&summary);
  output = run_variant (record, GLOSS_CONLL_VARIANT_FULL, GLOSS_CONLL_TAGS_DEFAULT, &summary);

  assert_same_lines (output,
                     HEADER DOC_LINE
                     "Ruiz\t0\t4\tB-person\tO\tO\n"
                     "said\t5\t9\tO\tO\tO\n"
                     ":\t9\t10\tO\tO\tO\n"
                     "“\t11\t12\tO\tB-quote\tO\n"
                     "NATO\t12\t16\tB-organization\tI-quote\tO\n"
                     "’s\t16\t18\tO\tI-quote\tO\n"
                     "ships\t19\t24\tO\tI-quote\tO\n"
                     "left\t25\t29\tO\tI-quote\tO\n"
                     ".\t29\t30\tO\tI-quote\tO\n"
                     "\n"
                     "They\t31\t35\tO\tI-quote\tO\n"
                     "’re\t35\t38\tO\tI-quote\tO\n"
                     "back\t39\t43\tO\tI-quote\tO\n"
                     ".\t43\t44\tO\tI-quote\tO\n"
                     "”\t44\t45\tO\tI-quote\tO\n"
                     "\n"
                     "Then\t46\t50\tO\tO\tO\n"
                     "rain\t51\t55\tO\tO\tO\n"
                     ".\t55\t56\tO\tO\tO\n"
                     "\n",
                     "full");
  g_assert_cmpuint (summary.cut_tokens, ==, 0);
  gloss_export_summary_clear (&summary);

  /* One column chosen: the header names it, the lines hold it alone. */
  gloss_export_summary_init (&summary);
  g_clear_pointer (&output, g_free);
  output = run_variant (record, GLOSS_CONLL_VARIANT_FULL, GLOSS_CONLL_TAGS_ENTITY, &summary);
  g_assert_true (g_str_has_prefix (output,
                                   "# columns: token start end entity\n" DOC_LINE
                                   "Ruiz\t0\t4\tB-person\n"
                                   "said\t5\t9\tO\n"));
  gloss_export_summary_clear (&summary);
}

/* nltk: no comment line, a -DOCSTART- row that nltk drops as the first
 * row of the record, the entity column by default. */
static void
test_variant_nltk (void)
{
  g_autoptr(TestRecord) record = quote_record_new ();
  GlossExportSummary summary;
  g_autofree char *output = NULL;

  gloss_export_summary_init (&summary);
  summary.spans = 3;  /* as the walker counts the record's spans */
  output = run_variant (record, GLOSS_CONLL_VARIANT_NLTK, GLOSS_CONLL_TAGS_DEFAULT, &summary);

  assert_same_lines (output,
                     "-DOCSTART-\t-X-\t-X-\tO\n"
                     "Ruiz\t0\t4\tB-person\n"
                     "said\t5\t9\tO\n"
                     ":\t9\t10\tO\n"
                     "“\t11\t12\tO\n"
                     "NATO\t12\t16\tB-organization\n"
                     "’s\t16\t18\tO\n"
                     "ships\t19\t24\tO\n"
                     "left\t25\t29\tO\n"
                     ".\t29\t30\tO\n"
                     "\n"
                     "They\t31\t35\tO\n"
                     "’re\t35\t38\tO\n"
                     "back\t39\t43\tO\n"
                     ".\t43\t44\tO\n"
                     "”\t44\t45\tO\n"
                     "\n"
                     "Then\t46\t50\tO\n"
                     "rain\t51\t55\tO\n"
                     ".\t55\t56\tO\n"
                     "\n",
                     "nltk");
  /* The quote is not written: left out like a --labels filter would,
   * with its speaker relation (none here), not counted as lost. */
  g_assert_cmpuint (summary.spans, ==, 2);
  gloss_export_summary_clear (&summary);

  /* The quote column: no sentence break inside the quote, so that a
   * reader of one sentence at a time sees it whole. */
  gloss_export_summary_init (&summary);
  g_clear_pointer (&output, g_free);
  output = run_variant (record, GLOSS_CONLL_VARIANT_NLTK, GLOSS_CONLL_TAGS_QUOTE, &summary);
  assert_same_lines (output,
                     "-DOCSTART-\t-X-\t-X-\tO\n"
                     "Ruiz\t0\t4\tO\n"
                     "said\t5\t9\tO\n"
                     ":\t9\t10\tO\n"
                     "“\t11\t12\tB-quote\n"
                     "NATO\t12\t16\tI-quote\n"
                     "’s\t16\t18\tI-quote\n"
                     "ships\t19\t24\tI-quote\n"
                     "left\t25\t29\tI-quote\n"
                     ".\t29\t30\tI-quote\n"
                     "They\t31\t35\tI-quote\n"
                     "’re\t35\t38\tI-quote\n"
                     "back\t39\t43\tI-quote\n"
                     ".\t43\t44\tI-quote\n"
                     "”\t44\t45\tI-quote\n"
                     "\n"
                     "Then\t46\t50\tO\n"
                     "rain\t51\t55\tO\n"
                     ".\t55\t56\tO\n"
                     "\n",
                     "nltk, quote column");
  gloss_export_summary_clear (&summary);
}

/* spaCy's ner converter: the document line of CoNLL-2003 on a line of
 * its own, then the token and one tag a line. */
static void
test_variant_spacy (void)
{
  g_autoptr(TestRecord) record = quote_record_new ();
  GlossExportSummary summary;
  g_autofree char *output = NULL;

  gloss_export_summary_init (&summary);
  summary.spans = 3;  /* as the walker counts the record's spans */
  output = run_variant (record, GLOSS_CONLL_VARIANT_SPACY_NER, GLOSS_CONLL_TAGS_QUOTE, &summary);

  assert_same_lines (output,
                     "-DOCSTART- -X- O O\n"
                     "\n"
                     "Ruiz\tO\n"
                     "said\tO\n"
                     ":\tO\n"
                     "“\tB-quote\n"
                     "NATO\tI-quote\n"
                     "’s\tI-quote\n"
                     "ships\tI-quote\n"
                     "left\tI-quote\n"
                     ".\tI-quote\n"
                     "They\tI-quote\n"
                     "’re\tI-quote\n"
                     "back\tI-quote\n"
                     ".\tI-quote\n"
                     "”\tI-quote\n"
                     "\n"
                     "Then\tO\n"
                     "rain\tO\n"
                     ".\tO\n"
                     "\n",
                     "spacy-ner");
  /* Only the quote is exported: the person and the organisation are
   * left out, not lost. */
  g_assert_cmpuint (summary.spans, ==, 1);
  g_assert_cmpuint (summary.lost_overlaps, ==, 0);
  gloss_export_summary_clear (&summary);
}

/* Records one after the other, an empty one among them; nltk's hyphen
 * rule for labels. */
static void
test_variant_records (void)
{
  g_autoptr(TestRecord) first = test_record_new ("Kyiv’s port.");
  g_autoptr(TestRecord) empty = test_record_new (" \n\n ");
  g_autoptr(TestRecord) last = test_record_new ("Two");
  TestRecord *records[] = { first, empty, last, NULL };
  GlossExportOptions options = { .format = GLOSS_FORMAT_CONLL };
  GlossExportSummary summary;
  g_autofree char *output = NULL;

  add_span (first, "grain-port", 0, 4);

  options.conll_variant = GLOSS_CONLL_VARIANT_NLTK;
  gloss_export_summary_init (&summary);
  output = run_conll_with (records, &options, &summary);
  g_assert_cmpstr (output, ==,
                   "-DOCSTART-\t-X-\t-X-\tO\n"
                   "Kyiv\t0\t4\tB-grain_port\n"
                   "’s\t4\t6\tO\n"
                   "port\t7\t11\tO\n"
                   ".\t11\t12\tO\n"
                   "\n"
                   "-DOCSTART-\t-X-\t-X-\tO\n"
                   "\n"
                   "-DOCSTART-\t-X-\t-X-\tO\n"
                   "Two\t0\t3\tO\n"
                   "\n");
  gloss_export_summary_clear (&summary);

  options.conll_variant = GLOSS_CONLL_VARIANT_SPACY_NER;
  gloss_export_summary_init (&summary);
  g_clear_pointer (&output, g_free);
  output = run_conll_with (records, &options, &summary);
  g_assert_cmpstr (output, ==,
                   "-DOCSTART- -X- O O\n"
                   "\n"
                   "Kyiv\tB-grain-port\n"
                   "’s\tO\n"
                   "port\tO\n"
                   ".\tO\n"
                   "\n"
                   "-DOCSTART- -X- O O\n"
                   "\n"
                   "-DOCSTART- -X- O O\n"
                   "\n"
                   "Two\tO\n"
                   "\n");
  gloss_export_summary_clear (&summary);
}

/* spaCy reads the last column as the tags: all three cannot go there. */
static void
test_variant_spacy_one_column (void)
{
  GlossExportOptions options = {
    .format = GLOSS_FORMAT_CONLL,
    .conll_variant = GLOSS_CONLL_VARIANT_SPACY_NER,
    .conll_tags = GLOSS_CONLL_TAGS_ALL,
  };
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  GlossFormatWriter *writer = gloss_format_writer_new (&options, out, NULL);
  g_autoptr(GError) error = NULL;
  GlossConllVariant variant;
  GlossConllTags tags;

  g_assert_false (gloss_format_writer_begin (writer, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_object_unref (writer);

  /* The names the CLI takes. */
  g_assert_true (gloss_conll_variant_from_string ("spacy-ner", &variant));
  g_assert_cmpint (variant, ==, GLOSS_CONLL_VARIANT_SPACY_NER);
  g_assert_true (gloss_conll_variant_from_string ("nltk", &variant));
  g_assert_cmpint (variant, ==, GLOSS_CONLL_VARIANT_NLTK);
  g_assert_false (gloss_conll_variant_from_string ("spacy", &variant));
  g_assert_true (gloss_conll_tags_from_string ("claim", &tags));
  g_assert_cmpint (tags, ==, GLOSS_CONLL_TAGS_CLAIM);
  g_assert_false (gloss_conll_tags_from_string ("default", &tags));
  g_assert_cmpstr (gloss_conll_variant_to_string (GLOSS_CONLL_VARIANT_FULL), ==, "full");
  g_assert_cmpstr (gloss_conll_tags_to_string (GLOSS_CONLL_TAGS_ALL), ==, "all");
}

/* Attributes (the attribute option) */

/* "form" applies to quotes and claims, so that a quote and the claim
 * inside it both hold one; "role" is for people; "checkworthy" is a
 * boolean, which has no column. */
static const char attribute_label_set[] =
  "{ \"format\": \"gloss-labels\", \"version\": 1,\n"
  "  \"labels\": [\n"
  "    { \"id\": \"claim\", \"kind\": \"claim\", \"color\": \"#e5a50a\" },\n"
  "    { \"id\": \"quote\", \"kind\": \"quote\", \"color\": \"#3584e4\" },\n"
  "    { \"id\": \"person\", \"kind\": \"entity\", \"color\": \"#c061cb\" } ],\n"
  "  \"attributes\": [\n"
  "    { \"id\": \"checkworthy\", \"type\": \"boolean\", \"applies_to\": [\"kind:claim\"] },\n"
  "    { \"id\": \"form\", \"type\": \"choice\", \"applies_to\": [\"kind:quote\", \"kind:claim\"],\n"
  "      \"values\": [ { \"id\": \"direct\" }, { \"id\": \"indirect\" } ] },\n"
  "    { \"id\": \"verdict\", \"type\": \"choice\", \"applies_to\": [\"kind:claim\"],\n"
  "      \"values\": [ { \"id\": \"true\" }, { \"id\": \"mostly-true\" } ] },\n"
  "    { \"id\": \"role\", \"type\": \"choice\", \"applies_to\": [\"person\"],\n"
  "      \"values\": [ { \"id\": \"minister\" }, { \"id\": \"head-of-state\" } ] } ] }\n";

static TestRecord *
attribute_record_new (const char *text)
{
  TestRecord *record = test_record_new (text);
  g_autoptr(GError) error = NULL;

  g_object_unref (record->labels);
  record->labels = gloss_label_set_new_from_data (attribute_label_set, -1, "gloss-labels.json", &error);
  g_assert_no_error (error);
  record->record.labels = record->labels;

  return record;
}

/* A quote with the claim inside it, both with a form: the longer keeps
 * the form column, the claim's form is lost (and said), its verdict is
 * written; a boolean and an attribute the label set does not declare
 * have no column. */
static TestRecord *
attribute_quote_record_new (void)
{
  TestRecord *record = attribute_record_new ("Ana said “prices rose” today.");
  GlossAnnotation *person = add_span_on (record, "person", "Ana");
  GlossAnnotation *quote = add_span_on (record, "quote", "“prices rose”");
  GlossAnnotation *claim = add_span_on (record, "claim", "prices rose");

  gloss_annotation_set_attribute (person, "role", g_variant_new_string ("minister"));
  gloss_annotation_set_attribute (quote, "form", g_variant_new_string ("direct"));
  gloss_annotation_set_attribute (claim, "form", g_variant_new_string ("indirect"));
  gloss_annotation_set_attribute (claim, "verdict", g_variant_new_string ("mostly-true"));
  gloss_annotation_set_attribute (claim, "checkworthy", g_variant_new_boolean (TRUE));
  gloss_annotation_set_attribute (claim, "undeclared", g_variant_new_string ("kept"));

  return record;
}

static char *
run_attributes (TestRecord         *record,
                GlossConllVariant   variant,
                GlossConllTags      tags,
                gboolean            attributes,
                GlossExportSummary *summary)
{
  GlossExportOptions options = {
    .format = GLOSS_FORMAT_CONLL,
    .conll_variant = variant,
    .conll_tags = tags,
    .conll_attributes = attributes,
  };
  TestRecord *records[] = { record, NULL };

  return run_conll_with (records, &options, summary);
}

/* Off (the default): the columns of before, every value counted lost. */
static void
test_attributes_off (void)
{
  g_autoptr(TestRecord) record = attribute_quote_record_new ();
  GlossExportSummary summary;
  g_autofree char *output = NULL;

  gloss_export_summary_init (&summary);
  output = run_attributes (record, GLOSS_CONLL_VARIANT_FULL, GLOSS_CONLL_TAGS_DEFAULT, FALSE, &summary);
  assert_same_lines (output,
                     HEADER DOC_LINE
                     "Ana\t0\t3\tB-person\tO\tO\n"
                     "said\t4\t8\tO\tO\tO\n"
                     "“\t9\t10\tO\tB-quote\tO\n"
                     "prices\t10\t16\tO\tI-quote\tB-claim\n"
                     "rose\t17\t21\tO\tI-quote\tI-claim\n"
                     "”\t21\t22\tO\tI-quote\tO\n"
                     "today\t23\t28\tO\tO\tO\n"
                     ".\t28\t29\tO\tO\tO\n"
                     "\n",
                     "attributes off");
  g_assert_cmpuint (summary.lost_attributes, ==, 6);
  g_assert_cmpuint (summary.problems->len, ==, 0);
  gloss_export_summary_clear (&summary);
}

static void
test_attributes_columns (void)
{
  g_autoptr(TestRecord) record = attribute_quote_record_new ();
  GlossExportSummary summary;
  g_autofree char *output = NULL;

  gloss_export_summary_init (&summary);
  output = run_attributes (record, GLOSS_CONLL_VARIANT_FULL, GLOSS_CONLL_TAGS_DEFAULT, TRUE, &summary);
  assert_same_lines (output,
                     "# columns: token start end entity quote claim form verdict role\n"
                     DOC_LINE
                     "Ana\t0\t3\tB-person\tO\tO\tO\tO\tB-minister\n"
                     "said\t4\t8\tO\tO\tO\tO\tO\tO\n"
                     "“\t9\t10\tO\tB-quote\tO\tB-direct\tO\tO\n"
                     "prices\t10\t16\tO\tI-quote\tB-claim\tI-direct\tB-mostly-true\tO\n"
                     "rose\t17\t21\tO\tI-quote\tI-claim\tI-direct\tI-mostly-true\tO\n"
                     "”\t21\t22\tO\tI-quote\tO\tI-direct\tO\tO\n"
                     "today\t23\t28\tO\tO\tO\tO\tO\tO\n"
                     ".\t28\t29\tO\tO\tO\tO\tO\tO\n"
                     "\n",
                     "attribute columns");
  /* The claim's form, its boolean and its undeclared value. */
  g_assert_cmpuint (summary.lost_attributes, ==, 3);
  g_assert_cmpuint (summary.lost_overlaps, ==, 0);
  g_assert_cmpuint (summary.problems->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (summary.problems, 0), "form"));
  g_assert_nonnull (strstr (g_ptr_array_index (summary.problems, 0), "prices rose"));
  gloss_export_summary_clear (&summary);
}

/* nltk, the entity column: only "role" applies to it, a hyphen in a value
 * becomes "_" as in labels, the -DOCSTART- row has one more O; a span
 * lost to a longer one loses its value too; the quote and the claim are
 * left out (not exported, so their values are not counted lost). */
static void
test_attributes_nltk (void)
{
  g_autoptr(TestRecord) record = attribute_quote_record_new ();
  GlossAnnotation *head = add_span_on (record, "person", "Ana said");
  GlossExportSummary summary;
  g_autofree char *output = NULL;

  gloss_annotation_set_attribute (head, "role", g_variant_new_string ("head-of-state"));

  gloss_export_summary_init (&summary);
  output = run_attributes (record, GLOSS_CONLL_VARIANT_NLTK, GLOSS_CONLL_TAGS_DEFAULT, TRUE, &summary);
  assert_same_lines (output,
                     "-DOCSTART-\t-X-\t-X-\tO\tO\n"
                     "Ana\t0\t3\tB-person\tB-head_of_state\n"
                     "said\t4\t8\tI-person\tI-head_of_state\n"
                     "“\t9\t10\tO\tO\n"
                     "prices\t10\t16\tO\tO\n"
                     "rose\t17\t21\tO\tO\n"
                     "”\t21\t22\tO\tO\n"
                     "today\t23\t28\tO\tO\n"
                     ".\t28\t29\tO\tO\n"
                     "\n",
                     "nltk attribute column");
  g_assert_cmpuint (summary.lost_overlaps, ==, 1);
  g_assert_cmpuint (summary.lost_attributes, ==, 1);
  gloss_export_summary_clear (&summary);
}

/* The header waits for the first record's label set; with no record it is
 * written at the end, with no attribute column. spaCy's converter takes a
 * third column for part-of-speech tags: the option is refused there. */
static void
test_attributes_no_record_and_spacy (void)
{
  GlossExportOptions options = {
    .format = GLOSS_FORMAT_CONLL,
    .conll_attributes = TRUE,
  };
  TestRecord *none[] = { NULL };
  GlossExportSummary summary;
  g_autofree char *output = NULL;
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  GlossFormatWriter *writer;
  g_autoptr(GError) error = NULL;

  gloss_export_summary_init (&summary);
  output = run_conll_with (none, &options, &summary);
  g_assert_cmpstr (output, ==, HEADER);
  gloss_export_summary_clear (&summary);

  options.conll_variant = GLOSS_CONLL_VARIANT_SPACY_NER;
  writer = gloss_format_writer_new (&options, out, NULL);
  g_assert_false (gloss_format_writer_begin (writer, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_object_unref (writer);
}

/* The sample corpus */

typedef struct
{
  char *token;
  guint start;
  guint end;
  char *tags[3];
} Line;

static void
line_clear (gpointer data)
{
  Line *line = data;

  g_free (line->token);
  for (guint c = 0; c < 3; c++)
    g_free (line->tags[c]);
}

/* Parses the token lines of one record's output, checking the shape of
 * each on the way. */
static GArray *
parse_lines (const char *output)
{
  GArray *lines = g_array_new (FALSE, TRUE, sizeof (Line));
  g_auto(GStrv) rows = g_strsplit (output, "\n", -1);

  g_array_set_clear_func (lines, line_clear);

  for (guint i = 0; rows[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      Line line;

      if (rows[i][0] == '\0' || rows[i][0] == '#')
        continue;

      fields = g_strsplit (rows[i], "\t", -1);
      g_assert_cmpuint (g_strv_length (fields), ==, 6);

      line.token = g_strdup (fields[0]);
      line.start = (guint)g_ascii_strtoull (fields[1], NULL, 10);
      line.end = (guint)g_ascii_strtoull (fields[2], NULL, 10);
      for (guint c = 0; c < 3; c++)
        line.tags[c] = g_strdup (fields[3 + c]);
      g_array_append_val (lines, line);
    }

  return lines;
}

static guint
column_of (GlossLabelSet   *labels,
           GlossAnnotation *span)
{
  GlossLabel *label = gloss_label_set_lookup (labels, gloss_annotation_get_label (span));

  if (label == NULL)
    return 0;

  switch (gloss_label_get_kind (label))
    {
    case GLOSS_LABEL_KIND_QUOTE:
      return 1;
    case GLOSS_LABEL_KIND_CLAIM:
      return 2;
    case GLOSS_LABEL_KIND_ENTITY:
    default:
      return 0;
    }
}

/* A check of the writer's output that does not share its code: every
 * token is the text at its offsets, only blanks lie between tokens, and
 * each span of the sidecar reads back from the tags as B- on the first
 * token it touches and I- on the rest, with nothing else tagged. Returns
 * how many spans start or end inside a token. */
static guint
check_against_sidecar (GlossDocument *document,
                       GlossSidecar  *sidecar,
                       GlossLabelSet *labels,
                       const char    *output)
{
  g_autoptr(GArray) lines = parse_lines (output);
  GListModel *spans = G_LIST_MODEL (gloss_sidecar_get_annotations (sidecar));
  guint n_spans = g_list_model_get_n_items (spans);
  guint length = gloss_document_get_length (document);
  guint expected_tagged[3] = { 0, 0, 0 };
  guint tagged[3] = { 0, 0, 0 };
  guint previous_end = 0;
  guint cuts = 0;

  for (guint i = 0; i < lines->len; i++)
    {
      const Line *line = &g_array_index (lines, Line, i);
      g_autofree char *gap = gloss_document_dup_slice (document, previous_end, line->start);

      g_assert_cmpuint (line->start, <, line->end);
      g_assert_cmpuint (line->end, <=, length);
      g_assert_true (gloss_document_slice_equals (document, line->start, line->end, line->token));
      for (const char *p = gap; *p != '\0'; p = g_utf8_next_char (p))
        g_assert_true (g_unichar_isspace (g_utf8_get_char (p)));
      for (const char *p = line->token; *p != '\0'; p = g_utf8_next_char (p))
        g_assert_false (g_unichar_isspace (g_utf8_get_char (p)));
      previous_end = line->end;

      for (guint c = 0; c < 3; c++)
        if (strcmp (line->tags[c], "O") != 0)
          tagged[c]++;
    }

  for (guint s = 0; s < n_spans; s++)
    {
      g_autoptr(GlossAnnotation) span = g_list_model_get_item (spans, s);
      guint column = column_of (labels, span);
      g_autofree char *begin = g_strconcat ("B-", gloss_annotation_get_label (span), NULL);
      g_autofree char *inside = g_strconcat ("I-", gloss_annotation_get_label (span), NULL);
      guint start = gloss_annotation_get_start (span);
      guint end = gloss_annotation_get_end (span);
      gboolean first = TRUE;
      gboolean cut = FALSE;
      guint touched = 0;

      for (guint i = 0; i < lines->len; i++)
        {
          const Line *line = &g_array_index (lines, Line, i);

          if (line->end <= start || line->start >= end)
            continue;

          if (line->start < start || line->end > end)
            cut = TRUE;

          if (g_strcmp0 (line->tags[column], first ? begin : inside) != 0)
            g_error ("span %s “%s”: token “%s” at %u is %s, expected %s",
                     gloss_annotation_get_id (span), gloss_annotation_get_exact (span),
                     line->token, line->start, line->tags[column], first ? begin : inside);
          first = FALSE;
          touched++;
        }

      g_assert_cmpuint (touched, >, 0);
      expected_tagged[column] += touched;
      cuts += cut ? 1 : 0;
    }

  /* No overlaps within a column in the samples: every tag is some span's. */
  for (guint c = 0; c < 3; c++)
    g_assert_cmpuint (tagged[c], ==, expected_tagged[c]);

  return cuts;
}

static void
test_samples (void)
{
  const char *samples = g_getenv ("GLOSS_SAMPLES_DIR");
  static const char * const articles[] = {
    "harbour-bridge-vote", "kyiv-grain-talks", "river-flood-report",
  };
  static const char * const annotators[] = { "alice", "bilal" };
  g_autoptr(GlossLabelSet) labels = gloss_label_set_get_builtin ();
  guint compared = 0;
  guint total_cuts = 0;

  if (samples == NULL)
    {
      g_test_skip ("GLOSS_SAMPLES_DIR not set");
      return;
    }

  for (guint a = 0; a < G_N_ELEMENTS (articles); a++)
    for (guint n = 0; n < G_N_ELEMENTS (annotators); n++)
      {
        g_autofree char *article_name = g_strconcat (articles[a], ".txt", NULL);
        g_autofree char *article_path = g_build_filename (samples, article_name, NULL);
        g_autoptr(GFile) article_file = g_file_new_for_path (article_path);
        g_autofree char *expected_name = g_strdup_printf ("%s.%s.conll", articles[a], annotators[n]);
        g_autofree char *expected_path = g_test_build_filename (G_TEST_DIST, "data", "conll",
                                                                expected_name, NULL);
        g_autoptr(GlossDocument) document = NULL;
        g_autoptr(GlossSidecar) sidecar = NULL;
        g_autoptr(GError) error = NULL;
        g_autofree char *output = NULL;
        g_autofree char *expected = NULL;
        GlossExportOptions options = { .format = GLOSS_FORMAT_CONLL };
        GlossExportSummary summary;
        guint cuts;
        TestRecord record = { 0 };
        TestRecord *records[] = { &record, NULL };

        document = gloss_document_new_from_file (article_file, NULL, &error);
        g_assert_no_error (error);
        sidecar = gloss_sidecar_new_for_document (document, annotators[n]);
        g_assert_true (gloss_sidecar_load (sidecar, labels, NULL, &error));
        g_assert_no_error (error);

        record.record = (GlossExportRecord) {
          .document = document,
          .sidecar = sidecar,
          .labels = labels,
          .annotator = annotators[n],
          .article_id = article_name,
          .article_file = article_file,
        };

        gloss_export_summary_init (&summary);
        output = run_conll_with (records, &options, &summary);

        for (guint i = 0; i < summary.problems->len; i++)
          g_test_message ("%s", (const char *)g_ptr_array_index (summary.problems, i));

        cuts = check_against_sidecar (document, sidecar, labels, output);
        g_assert_cmpuint (summary.lost_overlaps, ==, 0);
        g_assert_cmpuint (summary.cut_tokens, ==, cuts);
        g_assert_cmpuint (summary.problems->len, ==, cuts);
        total_cuts += cuts;

        if (g_file_get_contents (expected_path, &expected, NULL, NULL))
          {
            g_test_message ("comparing with %s", expected_path);
            assert_same_lines (output, expected, expected_name);
            compared++;
          }

        gloss_export_summary_clear (&summary);
      }

  /* At least one whole article is checked token by token. */
  g_assert_cmpuint (compared, >=, 1);
  /* "Transport" in "Department for Transport’s" (twice) cut the token
   * "Transport’s" until clitics became tokens of their own. */
  g_assert_cmpuint (total_cuts, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  /* So that the problem lines' quotation marks print as they are. */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/conll/tokens/unicode-words", test_unicode_words);
  g_test_add_func ("/conll/tokens/clitics", test_clitics);
  g_test_add_func ("/conll/tokens/punctuation", test_punctuation);
  g_test_add_func ("/conll/tokens/punctuation-run", test_punctuation_run);
  g_test_add_func ("/conll/tokens/crlf", test_crlf);
  g_test_add_func ("/conll/tokens/emoji", test_emoji);
  g_test_add_func ("/conll/columns/nested", test_nested_columns);
  g_test_add_func ("/conll/columns/adjacent-entities", test_adjacent_entities);
  g_test_add_func ("/conll/columns/unknown-label", test_unknown_label);
  g_test_add_func ("/conll/losses/nested-entities", test_nested_entities);
  g_test_add_func ("/conll/losses/crossing-entities", test_crossing_entities);
  g_test_add_func ("/conll/losses/cut-token", test_cut_token);
  g_test_add_func ("/conll/losses/span-without-token", test_span_without_token);
  g_test_add_func ("/conll/losses/relations-and-notes", test_relations_and_notes);
  g_test_add_func ("/conll/sentences/two", test_two_sentences);
  g_test_add_func ("/conll/sentences/no-break-inside-entity", test_no_break_inside_entity);
  g_test_add_func ("/conll/file/several-records", test_several_records);
  g_test_add_func ("/conll/file/offsets-refused", test_offsets_refused);
  g_test_add_func ("/conll/variants/full", test_variant_full);
  g_test_add_func ("/conll/variants/nltk", test_variant_nltk);
  g_test_add_func ("/conll/variants/spacy-ner", test_variant_spacy);
  g_test_add_func ("/conll/variants/records", test_variant_records);
  g_test_add_func ("/conll/variants/spacy-one-column", test_variant_spacy_one_column);
  g_test_add_func ("/conll/attributes/off", test_attributes_off);
  g_test_add_func ("/conll/attributes/columns", test_attributes_columns);
  g_test_add_func ("/conll/attributes/nltk", test_attributes_nltk);
  g_test_add_func ("/conll/attributes/no-record-and-spacy", test_attributes_no_record_and_spacy);
  g_test_add_func ("/conll/corpus/samples", test_samples);

  return g_test_run ();
}
