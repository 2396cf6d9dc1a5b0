/* test-format-webanno-tsv.c — the WebAnno TSV 3.3 writer, byte for byte
 *
 * The rules it follows are INCEpTION's reader's (docs/webanno-tsv.md);
 * tests/cli/test-cli-webanno-tsv.py reads whole exports by them. Here,
 * small records whose every byte is known.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>

#include "gloss.h"
#include "gloss-format-writer.h"
#include "gloss-test-utils.h"

typedef struct
{
  GlossDocument     *document;
  GlossSidecar      *sidecar;
  GlossLabelSet     *labels;
  GlossExportRecord  record;
  char              *folder;
} TestRecord;

static TestRecord *
test_record_new (const char *text)
{
  TestRecord *self = g_new0 (TestRecord, 1);
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/test.txt.tester.gloss.json");
  g_autoptr(GError) error = NULL;

  self->document = gloss_test_doc_new (text);
  self->sidecar = gloss_sidecar_new (file, self->document);
  self->labels = gloss_label_set_get_builtin ();
  self->record.document = self->document;
  self->record.sidecar = self->sidecar;
  self->record.labels = self->labels;
  self->record.annotator = "tester";
  self->record.article_id = "news/test.txt";
  self->folder = g_dir_make_tmp ("gloss-tsv-XXXXXX", &error);
  g_assert_no_error (error);

  return self;
}

static void
test_record_free (TestRecord *self)
{
  g_autofree char *path = g_build_filename (self->folder, "news__test.tester.tsv", NULL);

  g_unlink (path);
  g_rmdir (self->folder);
  g_free (self->folder);
  g_object_unref (self->sidecar);
  g_object_unref (self->document);
  g_object_unref (self->labels);
  g_free (self);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestRecord, test_record_free)

typedef struct
{
  const char *label;
  guint       start;    /* code points */
  guint       length;
  const char *note;
} SpanSpec;

typedef struct
{
  const char *type;
  guint       from;     /* spans' indices, ids "a-1"… */
  guint       to;
} RelationSpec;

/* Spans "a-1", "a-2"… and relations "r-1"… as a sidecar holds them. */
static void
load (TestRecord         *self,
      const SpanSpec     *spans,
      guint               n_spans,
      const RelationSpec *relations,
      guint               n_relations)
{
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) links = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n_spans; i++)
    {
      g_autofree char *id = g_strdup_printf ("a-%u", i + 1);
      GlossAnnotation *span = gloss_annotation_new (id, spans[i].label, spans[i].start,
                                                    spans[i].start + spans[i].length);

      if (spans[i].note != NULL)
        gloss_annotation_set_note (span, spans[i].note);
      g_ptr_array_add (annotations, span);
    }
  for (guint i = 0; i < n_relations; i++)
    {
      g_autofree char *id = g_strdup_printf ("r-%u", i + 1);
      g_autofree char *from = g_strdup_printf ("a-%u", relations[i].from + 1);
      g_autofree char *to = g_strdup_printf ("a-%u", relations[i].to + 1);

      g_ptr_array_add (links, gloss_relation_new (id, relations[i].type, from, to));
    }

  gloss_annotation_set_load (gloss_sidecar_get_annotations (self->sidecar), annotations, links);
}

/* The file the writer made, or NULL when it made none. */
static char *
run_writer (TestRecord         *record,
            GlossExportSummary *summary)
{
  GlossExportOptions options = {
    .format = GLOSS_FORMAT_WEBANNO_TSV,
    .offsets = GLOSS_OFFSETS_UTF16,
  };
  g_autoptr(GFile) folder = g_file_new_for_path (record->folder);
  g_autoptr(GlossFormatWriter) writer = gloss_format_writer_new (&options, NULL, folder);
  g_autofree char *path = g_build_filename (record->folder, "news__test.tester.tsv", NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (gloss_format_writer_begin (writer, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_format_writer_write_record (writer, &record->record, summary, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_format_writer_end (writer, summary, &error));
  g_assert_no_error (error);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return NULL;
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

#define HEADER \
  "#FORMAT=WebAnno TSV 3.3\n" \
  "#T_SP=custom.Span|label|id|note\n" \
  "#T_RL=custom.Relation|label|id|BT_custom.Span\n" \
  "\n\n"

/* Offsets in UTF-16 after an emoji; a span over two tokens and one
 * stacked on the first of them carry ids; a relation on its target's
 * row names its source's; the text between sentences stays with the
 * sentence before, and the final line break is left to the reader. */
static void
test_rows (void)
{
  g_autoptr(TestRecord) record = test_record_new ("😀 Ana Ruiz: “Go now.”\n\nShe left.\n");
  static const SpanSpec spans[] = {
    { "person", 2, 8, NULL },                                  /* Ana Ruiz */
    { "misc", 2, 3, "a [note] | with_reserved -> *" },         /* Ana */
    { "quote", 12, 9, NULL },                                  /* “Go now.” */
    { "person", 23, 3, NULL },                                 /* She */
  };
  static const RelationSpec relations[] = { { "speaker", 2, 0 } };
  GlossExportSummary summary;
  g_autofree char *tsv = NULL;

  load (record, spans, G_N_ELEMENTS (spans), relations, G_N_ELEMENTS (relations));

  gloss_export_summary_init (&summary);
  tsv = run_writer (record, &summary);
  g_assert_cmpstr (tsv, ==,
                   HEADER
                   "#Text=😀 Ana Ruiz: “Go now.”\n"
                   "#Text=\n"
                   "#Text=\n"
                   "1-1\t0-2\t😀\t_\t_\t_\t_\t_\t_\t\n"
                   "1-2\t3-6\tAna\tmisc[1]|person[2]\ta-2[1]|a-1[2]\t"
                   "a \\[note\\] \\| with\\_reserved \\-> \\*[1]|*[2]\tspeaker\tr-1\t1-5[3_2]\t\n"
                   "1-3\t7-11\tRuiz\tperson[2]\ta-1[2]\t*[2]\t_\t_\t_\t\n"
                   "1-4\t11-12\t:\t_\t_\t_\t_\t_\t_\t\n"
                   "1-5\t13-14\t“\tquote[3]\ta-3[3]\t*[3]\t_\t_\t_\t\n"
                   "1-6\t14-16\tGo\tquote[3]\ta-3[3]\t*[3]\t_\t_\t_\t\n"
                   "1-7\t17-20\tnow\tquote[3]\ta-3[3]\t*[3]\t_\t_\t_\t\n"
                   "1-8\t20-21\t.\tquote[3]\ta-3[3]\t*[3]\t_\t_\t_\t\n"
                   "1-9\t21-22\t”\tquote[3]\ta-3[3]\t*[3]\t_\t_\t_\t\n"
                   "\n"
                   "#Text=She left.\n"
                   "2-1\t24-27\tShe\tperson\ta-4\t*\t_\t_\t_\t\n"
                   "2-2\t28-32\tleft\t_\t_\t_\t_\t_\t_\t\n"
                   "2-3\t32-33\t.\t_\t_\t_\t_\t_\t_\t\n");
  g_assert_cmpuint (summary.problems->len, ==, 0);
  gloss_export_summary_clear (&summary);
}

/* A span inside a word is a sub-token row after the word's; one that
 * starts in a space is written from its first token, and said; a note's
 * carriage returns, which no value escape holds, become line breaks, and
 * that is said; blank lines before the first token are the reader's to
 * pad. */
static void
test_parts_and_reports (void)
{
  g_autoptr(TestRecord) record = test_record_new ("\n\nCounterattack at dawn");
  static const SpanSpec spans[] = {
    { "misc", 2, 7, NULL },              /* Counter */
    { "misc", 15, 8, "one\r\ntwo" },    /* " at dawn" */
  };
  GlossExportSummary summary;
  g_autofree char *tsv = NULL;

  load (record, spans, G_N_ELEMENTS (spans), NULL, 0);

  gloss_export_summary_init (&summary);
  tsv = run_writer (record, &summary);
  g_assert_cmpstr (tsv, ==,
                   HEADER
                   "#Text=Counterattack at dawn\n"
                   "1-1\t2-15\tCounterattack\t_\t_\t_\t_\t_\t_\t\n"
                   "1-1.1\t2-9\tCounter\tmisc\ta-1\t*\t_\t_\t_\t\n"
                   "1-2\t16-18\tat\tmisc[1]\ta-2[1]\tone\\ntwo[1]\t_\t_\t_\t\n"
                   "1-3\t19-23\tdawn\tmisc[1]\ta-2[1]\tone\\ntwo[1]\t_\t_\t_\t\n");
  g_assert_cmpuint (summary.trimmed_spans, ==, 1);
  g_assert_cmpuint (summary.problems->len, ==, 2);
  g_assert_nonnull (strstr (g_ptr_array_index (summary.problems, 0), "starts or ends in the space"));
  g_assert_nonnull (strstr (g_ptr_array_index (summary.problems, 1), "carriage returns"));
  gloss_export_summary_clear (&summary);
}

/* A carriage return in a label or a relation type has no escape in a
 * value either: written as a line break, and said, for each. */
static void
test_carriage_returns (void)
{
  g_autoptr(TestRecord) record = test_record_new ("Ana met Bo.\n");
  static const SpanSpec spans[] = {
    { "per\rson", 0, 3, NULL },
    { "person", 8, 2, NULL },
  };
  static const RelationSpec relations[] = { { "met\r", 0, 1 } };
  GlossExportSummary summary;
  g_autofree char *tsv = NULL;

  load (record, spans, G_N_ELEMENTS (spans), relations, G_N_ELEMENTS (relations));
  gloss_export_summary_init (&summary);
  tsv = run_writer (record, &summary);
  g_assert_nonnull (strstr (tsv, "\tper\\nson\t"));
  g_assert_nonnull (strstr (tsv, "\tmet\\n\t"));
  g_assert_cmpuint (summary.problems->len, ==, 2);
  g_assert_nonnull (strstr (g_ptr_array_index (summary.problems, 0),
                            "span a-1 has a carriage return in its label or id"));
  g_assert_nonnull (strstr (g_ptr_array_index (summary.problems, 1),
                            "relation r-1 has a carriage return in its type or id"));
  gloss_export_summary_clear (&summary);
}

/* Spaces only: no sentence, which the reader needs; no file, and said. */
static void
test_no_word (void)
{
  g_autoptr(TestRecord) record = test_record_new (" \n\n ");
  static const SpanSpec spans[] = { { "misc", 1, 2, NULL } };
  GlossExportSummary summary;
  g_autofree char *tsv = NULL;

  load (record, spans, G_N_ELEMENTS (spans), NULL, 0);

  gloss_export_summary_init (&summary);
  tsv = run_writer (record, &summary);
  g_assert_null (tsv);
  g_assert_cmpuint (summary.lost_overlaps, ==, 1);
  g_assert_cmpuint (summary.problems->len, ==, 2);
  g_assert_nonnull (strstr (g_ptr_array_index (summary.problems, 1), "no word in the text"));
  gloss_export_summary_clear (&summary);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/webanno-tsv/rows", test_rows);
  g_test_add_func ("/webanno-tsv/parts-and-reports", test_parts_and_reports);
  g_test_add_func ("/webanno-tsv/no-word", test_no_word);
  g_test_add_func ("/webanno-tsv/carriage-returns", test_carriage_returns);

  return g_test_run ();
}
