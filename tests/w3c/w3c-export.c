/* w3c-export.c — exports a corpus to W3C Web Annotation for check-w3c.py
 *
 *   w3c-export FOLDER
 *
 * Copies the sample corpus ($GLOSS_SAMPLES_DIR) into FOLDER/corpus, adds an
 * article of its own with CRLF line endings, emoji (a ZWJ family, a flag, a
 * skin-tone modifier), a combining accent and a file name that needs
 * percent-encoding, annotated through libgloss, and one that starts with a
 * byte order mark, and a folder with a label set of attributes and
 * article fields and an article that uses them all, then exports the
 * corpus once
 * per offset unit (and once with nothing chosen, for an empty collection).
 * Prints "FILE UNIT" for each export; check-w3c.py validates them. Fails
 * if two exports of the same corpus differ, or if W3C lost anything
 * (attribute values and the article's fields included).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gloss.h"

/* Written in code: the point is the bytes, so no editor can normalise them. */
static const char article_text[] =
  "Family day \xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7 in Kyiv\r\n"
  "\r\n"
  "\xe2\x80\x9cWe stand together \xf0\x9f\x87\xba\xf0\x9f\x87\xa6,\xe2\x80\x9d said Zoe\xcc\x81 Hrytsenko,\r\n"
  "the city\xe2\x80\x99s deputy mayor.\r\n"
  "\r\n"
  "The bridge \xf0\x9f\x8c\x89\xf0\x9f\x91\x8f\xf0\x9f\x8f\xbd reopened on 3 May after 14 months.\r\n"
  "\xe2\x80\x9cIt was worth the wait,\r\nevery day of it,\xe2\x80\x9d Hrytsenko added.";

static const char article_name[] = "Family day #1 \xe2\x80\x93 Zo\xc3\xab.txt";

static void
die (const char *what,
     GError     *error)
{
  fprintf (stderr, "w3c-export: %s: %s\n", what, error != NULL ? error->message : "failed");
  exit (1);
}

static gboolean
copy_samples (const char  *samples,
              const char  *corpus,
              GError     **error)
{
  g_autoptr(GDir) dir = g_dir_open (samples, 0, error);
  const char *name;

  if (dir == NULL)
    return FALSE;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *from = g_build_filename (samples, name, NULL);
      g_autofree char *to = g_build_filename (corpus, name, NULL);
      g_autofree char *data = NULL;
      gsize length;

      if (!g_str_has_suffix (name, ".txt") && !g_str_has_suffix (name, ".json"))
        continue;
      if (!g_file_get_contents (from, &data, &length, error)
          || !g_file_set_contents (to, data, length, error))
        return FALSE;
    }

  return TRUE;
}

/* The code-point range of the @nth (0-based) occurrence of @needle. */
static void
find (const char *needle,
      guint       nth,
      guint      *start,
      guint      *end)
{
  const char *at = strstr (article_text, needle);

  for (guint i = 0; at != NULL && i < nth; i++)
    at = strstr (at + 1, needle);
  if (at == NULL)
    {
      fprintf (stderr, "w3c-export: “%s” not in the article\n", needle);
      exit (1);
    }

  *start = g_utf8_pointer_to_offset (article_text, at);
  *end = *start + g_utf8_strlen (needle, -1);
}

static GlossAnnotation *
mark_in (GlossAnnotationSet *set,
         const char         *text,
         const char         *label,
         const char         *needle)
{
  g_autoptr(GError) error = NULL;
  const char *at = strstr (text, needle);
  GlossAnnotation *annotation;
  guint start;

  if (at == NULL)
    die (needle, NULL);
  start = g_utf8_pointer_to_offset (text, at);
  annotation = gloss_annotation_set_create (set, label, start,
                                            start + g_utf8_strlen (needle, -1), &error);
  if (annotation == NULL)
    die (needle, error);

  return annotation;
}

static GlossAnnotation *
mark (GlossAnnotationSet *set,
      const char         *label,
      const char         *needle,
      guint               nth)
{
  g_autoptr(GError) error = NULL;
  GlossAnnotation *annotation;
  guint start, end;

  find (needle, nth, &start, &end);
  annotation = gloss_annotation_set_create (set, label, start, end, &error);
  if (annotation == NULL)
    die (needle, error);

  return annotation;
}

/* An article of our own, annotated through the model as the app would. */
static void
write_own_article (const char *corpus)
{
  g_autofree char *path = g_build_filename (corpus, article_name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GlossSidecar) sidecar = NULL;
  g_autoptr(GError) error = NULL;
  GlossAnnotationSet *set;
  GlossAnnotation *quote1, *quote2, *speaker, *family;

  if (!g_file_set_contents (path, article_text, -1, &error))
    die (path, error);

  document = gloss_document_new_from_file (file, NULL, &error);
  if (document == NULL)
    die (path, error);

  sidecar = gloss_sidecar_new_for_document (document, "carol");
  gloss_sidecar_set_annotator_name (sidecar, "Carol \xc3\x91" "and\xc3\xba \"CN\"");
  set = gloss_sidecar_get_annotations (sidecar);

  /* At the very start: a TextQuoteSelector with no prefix. */
  mark (set, "misc", "Family day", 0);
  family = mark (set, "person",
                 "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7", 0);
  mark (set, "location", "Kyiv", 0);
  quote1 = mark (set, "quote",
                 "\xe2\x80\x9cWe stand together \xf0\x9f\x87\xba\xf0\x9f\x87\xa6,\xe2\x80\x9d", 0);
  speaker = mark (set, "person", "Zoe\xcc\x81 Hrytsenko", 0);
  mark (set, "claim", "reopened on 3 May after 14 months", 0);
  mark (set, "misc", "\xf0\x9f\x8c\x89\xf0\x9f\x91\x8f\xf0\x9f\x8f\xbd", 0);
  /* A quote across a CRLF line break. */
  quote2 = mark (set, "quote",
                 "\xe2\x80\x9cIt was worth the wait,\r\nevery day of it,\xe2\x80\x9d", 0);
  /* At the very end: no suffix. */
  mark (set, "person", "Hrytsenko added.", 0);

  gloss_annotation_set_change_note (set, quote2, "Line break kept as in the print edition.\n"
                                    "Check with the \"desk\" \xe2\x80\x94 \xf0\x9f\x93\x9e", &error);
  g_assert_no_error (error);
  gloss_annotation_set_change_note (set, family, "An emoji as a person: a test, not a convention.", &error);
  g_assert_no_error (error);

  if (gloss_annotation_set_add_relation (set, GLOSS_RELATION_SPEAKER,
                                         gloss_annotation_get_id (quote1),
                                         gloss_annotation_get_id (speaker), &error) == NULL
      || gloss_annotation_set_add_relation (set, GLOSS_RELATION_SPEAKER,
                                            gloss_annotation_get_id (quote2),
                                            gloss_annotation_get_id (speaker), &error) == NULL)
    die ("relation", error);

  if (!gloss_sidecar_save (sidecar, NULL, &error))
    die ("saving the sidecar", error);
}

/* A leading byte order mark is not part of the text: offsets start after it. */
static void
write_bom_article (const char *corpus)
{
  static const char text[] = "Ivo Petrov said the vote was \xe2\x80\x9c" "close\xe2\x80\x9d.\n";
  g_autofree char *path = g_build_filename (corpus, "with-bom.txt", NULL);
  g_autofree char *data = g_strconcat ("\xef\xbb\xbf", text, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GlossSidecar) sidecar = NULL;
  g_autoptr(GError) error = NULL;
  GlossAnnotationSet *set;

  if (!g_file_set_contents (path, data, -1, &error)
      || (document = gloss_document_new_from_file (file, NULL, &error)) == NULL)
    die (path, error);

  sidecar = gloss_sidecar_new_for_document (document, "carol");
  set = gloss_sidecar_get_annotations (sidecar);
  mark_in (set, text, "person", "Ivo Petrov");
  mark_in (set, text, "quote", "\xe2\x80\x9c" "close\xe2\x80\x9d");

  if (!gloss_sidecar_save (sidecar, NULL, &error))
    die ("saving the sidecar", error);
}

/* The label set of docs/labels.md, with a number, a free text and a
 * multi-choice attribute besides, so that every type and purpose is
 * exported. */
static const char attribute_labels[] =
  "{\n"
  "  \"format\": \"gloss-labels\",\n"
  "  \"version\": 1,\n"
  "  \"labels\": [\n"
  "    { \"id\": \"claim\", \"kind\": \"claim\", \"color\": \"#e5a50a\", \"key\": \"c\" },\n"
  "    { \"id\": \"quote\", \"kind\": \"quote\", \"color\": \"#3584e4\", \"key\": \"q\" },\n"
  "    { \"id\": \"politician\", \"kind\": \"entity\", \"color\": \"#c061cb\", \"key\": \"p\" }\n"
  "  ],\n"
  "  \"attributes\": [\n"
  "    { \"id\": \"checkworthy\", \"type\": \"boolean\", \"applies_to\": [\"kind:claim\"] },\n"
  "    { \"id\": \"verdict\", \"type\": \"choice\", \"applies_to\": [\"kind:claim\"],\n"
  "      \"values\": [ { \"id\": \"true\" }, { \"id\": \"mixed\" }, { \"id\": \"false\" } ] },\n"
  "    { \"id\": \"sources\", \"type\": \"choice\", \"multiple\": true, \"applies_to\": [\"kind:claim\"],\n"
  "      \"values\": [ { \"id\": \"ministry\" }, { \"id\": \"agency\" } ] },\n"
  "    { \"id\": \"confidence\", \"type\": \"number\", \"applies_to\": [\"kind:claim\"] },\n"
  "    { \"id\": \"form\", \"type\": \"choice\", \"applies_to\": [\"kind:quote\"],\n"
  "      \"values\": [ { \"id\": \"direct\" }, { \"id\": \"indirect\" } ] },\n"
  "    { \"id\": \"context\", \"type\": \"text\", \"applies_to\": [\"kind:quote\"] },\n"
  "    { \"id\": \"wikidata\", \"type\": \"text\", \"applies_to\": [\"kind:entity\"],\n"
  "      \"pattern\": \"Q[0-9]+\" }\n"
  "  ],\n"
  "  \"document_labels\": [\n"
  "    { \"id\": \"topic\", \"type\": \"choice\", \"multiple\": true,\n"
  "      \"values\": [ { \"id\": \"politics\" }, { \"id\": \"economy\" } ] },\n"
  "    { \"id\": \"stance\", \"type\": \"choice\",\n"
  "      \"values\": [ { \"id\": \"for\" }, { \"id\": \"against\" } ] }\n"
  "  ]\n"
  "}\n";

/* A folder of its own (the nearest label set applies), an article whose
 * spans carry every kind of attribute value, one the label set does not
 * declare (kept from the sidecar, exported all the same), and the
 * article's fields, one of them undeclared too. check-w3c.py compares
 * the export with this sidecar. */
static void
write_attribute_article (const char *corpus)
{
  static const char text[] =
    "The minister said \xe2\x80\x9cwheat exports rose 40% in May\xe2\x80\x9d, "
    "which the agency disputes.\n";
  g_autofree char *folder = g_build_filename (corpus, "fact-check", NULL);
  g_autofree char *labels = g_build_filename (folder, "gloss-labels.json", NULL);
  g_autofree char *path = g_build_filename (folder, "wheat-exports.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GlossSidecar) sidecar = NULL;
  g_autoptr(GError) error = NULL;
  const char *sources[] = { "ministry", "agency" };
  const char *topics[] = { "economy", "politics" };
  GlossAnnotationSet *set;
  GlossAnnotation *claim, *quote, *minister;

  if (g_mkdir_with_parents (folder, 0755) != 0
      || !g_file_set_contents (labels, attribute_labels, -1, &error)
      || !g_file_set_contents (path, text, -1, &error)
      || (document = gloss_document_new_from_file (file, NULL, &error)) == NULL)
    die (path, error);

  sidecar = gloss_sidecar_new_for_document (document, "dana");
  set = gloss_sidecar_get_annotations (sidecar);
  minister = mark_in (set, text, "politician", "minister");
  quote = mark_in (set, text, "quote", "\xe2\x80\x9cwheat exports rose 40% in May\xe2\x80\x9d");
  claim = mark_in (set, text, "claim", "wheat exports rose 40% in May");

  gloss_annotation_set_attribute (minister, "wikidata", g_variant_new_string ("Q42"));
  gloss_annotation_set_attribute (quote, "form", g_variant_new_string ("direct"));
  gloss_annotation_set_attribute (quote, "context", g_variant_new_string ("Radio interview, \"Morning\" show"));
  gloss_annotation_set_attribute (claim, "checkworthy", g_variant_new_boolean (TRUE));
  gloss_annotation_set_attribute (claim, "verdict", g_variant_new_string ("false"));
  gloss_annotation_set_attribute (claim, "sources", g_variant_new_strv (sources, 2));
  gloss_annotation_set_attribute (claim, "confidence", g_variant_new_double (0.1));
  gloss_annotation_set_attribute (claim, "reviewed-by", g_variant_new_string ("desk"));
  gloss_annotation_set_change_note (set, claim, "Agency figure: 4%.", &error);
  g_assert_no_error (error);

  gloss_sidecar_set_document_label (sidecar, "topic", g_variant_new_strv (topics, 2));
  gloss_sidecar_set_document_label (sidecar, "stance", g_variant_new_string ("against"));
  gloss_sidecar_set_document_label (sidecar, "priority", g_variant_new_double (2));

  if (!gloss_sidecar_save (sidecar, NULL, &error))
    die ("saving the sidecar", error);
}

static char *
export (GlossCorpus     *corpus,
        GFile           *root,
        const char      *folder,
        const char      *name,
        GlossOffsetUnit  unit,
        char           **labels)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autoptr(GFile) output = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  /* With a label filter, alice's sidecars only (see main). */
  char *alice[] = { (char *) "alice", NULL };
  GlossExportOptions options = { GLOSS_FORMAT_W3C, unit, labels != NULL ? alice : NULL, labels };
  GlossExportSummary summary;

  gloss_export_summary_init (&summary);
  if (!gloss_export_corpus (corpus, root, &options, output, NULL, NULL, &summary, NULL, &error))
    die (name, error);

  if (labels == NULL
      && (summary.failed > 0 || summary.lost_overlaps > 0 || summary.lost_relations > 0
          || summary.lost_notes > 0 || summary.lost_orphans > 0 || summary.cut_tokens > 0
          || summary.lost_attributes > 0 || summary.lost_fields > 0))
    {
      g_autofree char *figures = gloss_export_summary_to_string (&summary);
      fprintf (stderr, "w3c-export: %s: W3C should hold everything: %s\n", name, figures);
      for (guint i = 0; i < summary.problems->len; i++)
        fprintf (stderr, "  %s\n", (const char *) g_ptr_array_index (summary.problems, i));
      exit (1);
    }
  gloss_export_summary_clear (&summary);

  return g_steal_pointer (&path);
}

static char *
read_all (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  if (!g_file_get_contents (path, &data, NULL, &error))
    die (path, error);
  return data;
}

int
main (int    argc,
      char **argv)
{
  const char *samples = g_getenv ("GLOSS_SAMPLES_DIR");
  g_autofree char *corpus_path = NULL;
  g_autoptr(GFile) root = NULL;
  g_autoptr(GlossCorpus) corpus = gloss_corpus_new ();
  g_autoptr(GError) error = NULL;
  const GlossOffsetUnit units[] = { GLOSS_OFFSETS_CODE_POINTS, GLOSS_OFFSETS_UTF16, GLOSS_OFFSETS_BYTES };
  char *no_label[] = { (char *) "no-such-label", NULL };

  setlocale (LC_ALL, "C.UTF-8");

  if (argc != 2)
    {
      fprintf (stderr, "usage: w3c-export FOLDER\n");
      return 2;
    }

  if (samples == NULL)
    samples = GLOSS_SOURCE_SAMPLES_DIR;

  corpus_path = g_build_filename (argv[1], "corpus", NULL);
  if (g_mkdir_with_parents (corpus_path, 0755) != 0 || !copy_samples (samples, corpus_path, &error))
    die (corpus_path, error);
  write_own_article (corpus_path);
  write_bom_article (corpus_path);
  write_attribute_article (corpus_path);

  root = g_file_new_for_path (corpus_path);
  if (!gloss_corpus_add_path (corpus, root, NULL, &error))
    die (corpus_path, error);

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      const char *unit = gloss_offset_unit_to_string (units[i]);
      g_autofree char *name = g_strdup_printf ("w3c-%s.json", unit);
      g_autofree char *path = export (corpus, root, argv[1], name, units[i], NULL);

      printf ("%s %s\n", path, unit);
    }

  /* Repeated exports are identical, ids included. */
  {
    g_autofree char *first = g_build_filename (argv[1], "w3c-codepoints.json", NULL);
    g_autofree char *again = export (corpus, root, argv[1], "w3c-again.json",
                                     GLOSS_OFFSETS_CODE_POINTS, NULL);
    g_autofree char *a = read_all (first);
    g_autofree char *b = read_all (again);

    if (strcmp (a, b) != 0)
      {
        fprintf (stderr, "w3c-export: two exports of the same corpus differ\n");
        return 1;
      }
  }

  /* Nothing chosen: a collection with no page. The label filter picks
   * spans, so the article's fields of dana's sidecar would still be
   * there: the annotators are chosen too. */
  {
    g_autofree char *path = export (corpus, root, argv[1], "w3c-empty.json",
                                    GLOSS_OFFSETS_CODE_POINTS, no_label);
    printf ("%s codepoints\n", path);
  }

  return 0;
}
