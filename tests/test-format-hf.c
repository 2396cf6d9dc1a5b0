/* test-format-hf.c — the Hugging Face writer, and the CoNLL tagging it
 * shares (gloss_conll_writer_tag_record() and its accessors)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>

#include "gloss.h"
#include "gloss-format-writer.h"
#include "gloss-tokens.h"
#include "gloss-test-utils.h"

static char *
run_writer (GlossTestRecord          *record,
            const GlossExportOptions *options,
            GlossExportSummary       *summary)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GlossFormatWriter) writer = gloss_format_writer_new (options, out, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_format_writer_begin (writer, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_format_writer_write_record (writer, &record->record, summary, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_format_writer_end (writer, summary, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (out, NULL, &error));
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

#define QUOTE_TEXT "Ruiz said: “The bridge opens. It is paid for.” Port Ellery cheered.\n"

/* The shared tagging: the tokens, one tag column, and no sentence break
 * inside a span of it (a quote of two sentences stays one). */
static void
test_conll_tag_record (void)
{
  g_autoptr(GlossTestRecord) record = gloss_test_record_new ("test.txt", "tester", QUOTE_TEXT);
  GlossExportOptions options = {
    .format = GLOSS_FORMAT_CONLL,
    .conll_variant = GLOSS_CONLL_VARIANT_SPACY_NER,
    .conll_tags = GLOSS_CONLL_TAGS_QUOTE,
  };
  g_autoptr(GlossFormatWriter) writer = gloss_format_writer_new (&options, NULL, NULL);
  GlossConllWriter *conll = GLOSS_CONLL_WRITER (writer);
  GlossExportSummary summary;
  g_autoptr(GError) error = NULL;
  GString *seen = g_string_new (NULL);
  g_autofree char *seen_text = NULL;
  GArray *tokens;
  const char *text = gloss_document_get_text (record->document);

  gloss_test_record_add_span_on (record, "person", "Ruiz");
  gloss_test_record_add_span_on (record, "quote", "“The bridge opens. It is paid for.”");

  g_assert_true (gloss_format_writer_begin (writer, &error));
  g_assert_no_error (error);
  gloss_export_summary_init (&summary);
  gloss_conll_writer_tag_record (conll, &record->record, &summary);

  tokens = gloss_conll_writer_get_tokens (conll);
  for (guint i = 0; i < tokens->len; i++)
    {
      const GlossToken *token = &g_array_index (tokens, GlossToken, i);
      char prefix;
      const char *label;
      gsize length;

      if (gloss_conll_writer_starts_sentence (conll, i))
        g_string_append (seen, "| ");
      g_string_append_len (seen, text + token->byte_start, token->byte_length);
      if (gloss_conll_writer_get_tag (conll, i, &prefix, &label, &length))
        {
          g_string_append_printf (seen, "/%c-", prefix);
          g_string_append_len (seen, label, (gssize) length);
        }
      g_string_append_c (seen, ' ');
    }
  seen_text = g_string_free (seen, FALSE);

  /* The person is in the entity column, not written: O here. */
  g_assert_cmpstr (seen_text, ==,
                   "Ruiz said : “/B-quote The/I-quote bridge/I-quote opens/I-quote ./I-quote "
                   "It/I-quote is/I-quote paid/I-quote for/I-quote ./I-quote ”/I-quote "
                   "| Port Ellery cheered . ");
  /* The entity column left out: its span is taken back from the count. */
  g_assert_cmpuint (summary.lost_overlaps, ==, 0);
  gloss_export_summary_clear (&summary);
}

/* One line a sentence, ids by article, annotator and index; the longer of
 * two overlapping entities kept and the other reported as CoNLL does;
 * JSON escaping of a label and a file name. */
static void
test_hf_lines (void)
{
  g_autoptr(GlossTestRecord) record =
    gloss_test_record_new ("news/a \"b\"\u2028.txt", "tester",
                     "The University of Kyiv met. Ana \"Bo\" Ruiz left.\n");
  GlossExportOptions options = { .format = GLOSS_FORMAT_HF };
  GlossExportSummary summary;
  g_autofree char *output = NULL;

  gloss_test_record_add_span_on (record, "organization", "University of Kyiv");
  gloss_test_record_add_span_on (record, "location", "Kyiv");
  gloss_test_record_add_span_on (record, "odd \"label\"", "Ana \"Bo\" Ruiz");

  gloss_export_summary_init (&summary);
  output = run_writer (record, &options, &summary);
  g_assert_cmpstr (output, ==,
                   "{\"id\":\"news/a \\\"b\\\"\\u2028.txt#tester#0\","
                   "\"tokens\":[\"The\",\"University\",\"of\",\"Kyiv\",\"met\",\".\"],"
                   "\"ner_tags\":[\"O\",\"B-organization\",\"I-organization\",\"I-organization\",\"O\",\"O\"]}\n"
                   "{\"id\":\"news/a \\\"b\\\"\\u2028.txt#tester#1\","
                   "\"tokens\":[\"Ana\",\"\\\"\",\"Bo\",\"\\\"\",\"Ruiz\",\"left\",\".\"],"
                   "\"ner_tags\":[\"B-odd_\\\"label\\\"\",\"I-odd_\\\"label\\\"\",\"I-odd_\\\"label\\\"\","
                   "\"I-odd_\\\"label\\\"\",\"I-odd_\\\"label\\\"\",\"O\",\"O\"]}\n");
  g_assert_cmpuint (summary.lost_overlaps, ==, 1);
  g_assert_cmpuint (summary.problems->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (summary.problems, 0), "overlaps span"));
  gloss_export_summary_clear (&summary);
}

/* Integer tags: ids into the names written beside, "O" first, then B-/I-
 * per label of the column's kind in the label set's order, unknown labels
 * after them as met. */
static void
test_hf_tag_ids (void)
{
  g_autoptr(GlossTestRecord) record = gloss_test_record_new ("a.txt", "tester", "Ana Ruiz met Lviv Rada.\n");
  g_autofree char *dir = g_dir_make_tmp ("gloss-hf-XXXXXX", NULL);
  g_autofree char *info_path = g_build_filename (dir, "train.dataset_info.json", NULL);
  g_autoptr(GFile) info_file = g_file_new_for_path (info_path);
  GlossExportOptions options = { .format = GLOSS_FORMAT_HF, .hf_tag_ids = TRUE,
                                 .hf_dataset_info = info_file };
  GlossExportSummary summary;
  g_autofree char *output = NULL;
  g_autofree char *info = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *names;
  GlossLabelSet *labels = record->labels;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (labels));
  guint expected = 1;

  gloss_test_record_add_span_on (record, "person", "Ana Ruiz");
  gloss_test_record_add_span_on (record, "zzz", "Lviv Rada");

  gloss_export_summary_init (&summary);
  output = run_writer (record, &options, &summary);
  gloss_export_summary_clear (&summary);

  g_assert_true (g_file_get_contents (info_path, &info, NULL, &error));
  g_assert_true (json_parser_load_from_data (parser, info, -1, &error));
  names = json_object_get_array_member (
            json_object_get_object_member (
              json_object_get_object_member (
                json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                               "features"),
                "ner_tags"),
              "feature"),
            "names");
  g_assert_cmpstr (json_array_get_string_element (names, 0), ==, "O");
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossLabel) label = g_list_model_get_item (G_LIST_MODEL (labels), i);
      g_autofree char *b = NULL;

      if (gloss_label_get_kind (label) != GLOSS_LABEL_KIND_ENTITY)
        continue;
      b = g_strconcat ("B-", gloss_label_get_id (label), NULL);
      g_assert_cmpstr (json_array_get_string_element (names, expected), ==, b);
      expected += 2;
    }
  g_assert_cmpuint (json_array_get_length (names), ==, expected + 2);
  g_assert_cmpstr (json_array_get_string_element (names, expected), ==, "B-zzz");
  g_assert_cmpstr (json_array_get_string_element (names, expected + 1), ==, "I-zzz");

  {
    g_autofree char *line = NULL;
    guint person = 0;

    for (guint i = 1; i < expected; i++)
      if (g_str_equal (json_array_get_string_element (names, i), "B-person"))
        person = i;
    g_assert_cmpuint (person, >, 0);
    line = g_strdup_printf ("{\"id\":\"a.txt#tester#0\",\"tokens\":[\"Ana\",\"Ruiz\",\"met\",\"Lviv\",\"Rada\",\".\"],"
                            "\"ner_tags\":[%u,%u,0,%u,%u,0]}\n",
                            person, person + 1, expected, expected + 1);
    g_assert_cmpstr (output, ==, line);
  }

  g_assert_cmpint (g_remove (info_path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
assert_refused (const GlossExportOptions *options,
                gboolean                  with_stream)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GlossFormatWriter) writer = gloss_format_writer_new (options, with_stream ? out : NULL, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (gloss_format_writer_begin (writer, &error));
  g_assert_nonnull (error);
}

static void
test_hf_refused (void)
{
  GlossExportOptions utf16 = { .format = GLOSS_FORMAT_HF, .offsets = GLOSS_OFFSETS_UTF16 };
  GlossExportOptions all = { .format = GLOSS_FORMAT_HF, .conll_tags = GLOSS_CONLL_TAGS_ALL };
  GlossExportOptions no_file = { .format = GLOSS_FORMAT_HF, .hf_tag_ids = TRUE };
  GlossExportOptions plain = { .format = GLOSS_FORMAT_HF };
  g_autoptr(GError) error = NULL;

  assert_refused (&utf16, TRUE);
  assert_refused (&all, TRUE);
  assert_refused (&no_file, TRUE);
  assert_refused (&plain, FALSE);

  g_assert_false (gloss_format_check_offsets (GLOSS_FORMAT_HF, GLOSS_OFFSETS_BYTES, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_assert_true (gloss_format_check_offsets (GLOSS_FORMAT_HF, GLOSS_OFFSETS_CODE_POINTS, NULL));
}

static void
test_hf_names (void)
{
  GlossFormat format;
  g_autoptr(GFile) train = g_file_new_for_path ("/data/train.jsonl");
  g_autoptr(GFile) other = g_file_new_for_path ("/data/dev.json");
  g_autoptr(GFile) info = gloss_hf_dataset_info_file (train);
  g_autoptr(GFile) info2 = gloss_hf_dataset_info_file (other);
  g_autofree char *path = g_file_get_path (info);
  g_autofree char *path2 = g_file_get_path (info2);

  g_assert_true (gloss_format_from_string ("hf", &format));
  g_assert_cmpint (format, ==, GLOSS_FORMAT_HF);
  g_assert_cmpstr (gloss_format_to_string (GLOSS_FORMAT_HF), ==, "hf");
  g_assert_cmpstr (gloss_format_get_extension (GLOSS_FORMAT_HF), ==, ".jsonl");
  g_assert_false (gloss_format_writes_folder (GLOSS_FORMAT_HF));
  g_assert_cmpint (gloss_format_get_default_offsets (GLOSS_FORMAT_HF), ==, GLOSS_OFFSETS_CODE_POINTS);
  g_assert_cmpstr (path, ==, "/data/train.dataset_info.json");
  g_assert_cmpstr (path2, ==, "/data/dev.json.dataset_info.json");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/format-hf/conll-tag-record", test_conll_tag_record);
  g_test_add_func ("/format-hf/lines", test_hf_lines);
  g_test_add_func ("/format-hf/tag-ids", test_hf_tag_ids);
  g_test_add_func ("/format-hf/refused", test_hf_refused);
  g_test_add_func ("/format-hf/names", test_hf_names);

  return g_test_run ();
}
