/* test-anchor.c — re-anchoring annotations after their article changed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test annotates an "old" article the way the app would (exact, and
 * 32 code points of context on each side), builds the "new" article, runs
 * gloss_anchor_annotations() and checks status, offsets and stored text.
 *
 * Non-ASCII text is written with \u and \U escapes, so that what is tested
 * is visible in the source: a decomposed accent or a zero width joiner
 * looks like nothing on screen.
 */
#include <string.h>

#include "gloss.h"
#include "gloss-test-utils.h"

#define LDQUO   "\u201C"          /* “ */
#define RDQUO   "\u201D"          /* ” */
#define RSQUO   "\u2019"          /* ’ */
#define MDASH   "\u2014"          /* — */
#define ACUTE   "\u0301"          /* combining acute accent */
#define ZWJ     "\u200D"
#define FAMILY  "\U0001F468" ZWJ "\U0001F469" ZWJ "\U0001F467"  /* one grapheme, five code points */
#define FLAG_UA "\U0001F1FA\U0001F1E6"
#define ZOE     "Zo\u00EB"        /* Zoë */
#define JOSE    "Jos\u00E9"       /* José, precomposed */
#define ALVAREZ "\u00C1lvarez"    /* Álvarez */

#define CONTEXT 32

/* The article every small test starts from. */
#define OPENING \
  "GENEVA " MDASH " Talks between the two delegations resumed on Tuesday in " \
  "Geneva, officials said.\n\n"
#define QUOTE_ZOE \
  "We are ready to sign a ceasefire if the other side honours its commitments"
#define PARA_ZOE \
  LDQUO QUOTE_ZOE "," RDQUO " said " ZOE " Marchetti, the lead negotiator, " \
  "speaking to reporters outside the Palais des Nations.\n\n"
#define QUOTE_JOSE "Nothing is agreed until everything is agreed"
#define PARA_JOSE \
  "Her counterpart, " JOSE " " ALVAREZ ", was more cautious. " \
  LDQUO QUOTE_JOSE "," RDQUO " he said, adding that a second round was " \
  "planned for March. " FLAG_UA "\n\n"
#define CLOSING "Markets reacted calmly to the news.\n"

#define ARTICLE OPENING PARA_ZOE PARA_JOSE CLOSING

/* Helpers */


/* Code-point offset of the @nth (from 0) occurrence of @needle in @text. */
static guint
offset_of (const char *text,
           const char *needle,
           guint       nth)
{
  const char *at = strstr (text, needle);

  for (guint i = 0; i < nth && at != NULL; i++)
    at = strstr (at + 1, needle);

  g_assert_nonnull (at);

  return (guint)g_utf8_pointer_to_offset (text, at);
}

static guint
n_chars (const char *str)
{
  return (guint)g_utf8_strlen (str, -1);
}

/* Fills exact, prefix and suffix from @doc, as the app does on creation. */
static void
fill_from (GlossAnnotation *annotation,
           GlossDocument   *doc)
{
  guint start = gloss_annotation_get_start (annotation);
  guint end = gloss_annotation_get_end (annotation);
  guint length = gloss_document_get_length (doc);
  g_autofree char *exact = gloss_document_dup_slice (doc, start, end);
  g_autofree char *prefix = gloss_document_dup_slice (doc, start > CONTEXT ? start - CONTEXT : 0, start);
  g_autofree char *suffix = gloss_document_dup_slice (doc, end, MIN (end + CONTEXT, length));

  gloss_annotation_set_exact (annotation, exact);
  gloss_annotation_set_prefix (annotation, prefix);
  gloss_annotation_set_suffix (annotation, suffix);
}

/* Annotates the @nth occurrence of @exact in @doc and adds it to @list. */
static GlossAnnotation *
annotate (GPtrArray     *list,
          GlossDocument *doc,
          const char    *label,
          const char    *exact,
          guint          nth)
{
  guint start = offset_of (gloss_document_get_text (doc), exact, nth);
  GlossAnnotation *annotation;

  annotation = gloss_annotation_new (NULL, label, start, start + n_chars (exact));
  fill_from (annotation, doc);
  g_assert_cmpstr (gloss_annotation_get_exact (annotation), ==, exact);
  g_ptr_array_add (list, annotation);

  return annotation;
}

static GPtrArray *
annotation_list_new (void)
{
  return g_ptr_array_new_with_free_func (g_object_unref);
}

/* The six annotations most tests use, on the document of ARTICLE. */
static GPtrArray *
annotate_article (GlossDocument *doc)
{
  GPtrArray *list = annotation_list_new ();

  annotate (list, doc, "location", "Geneva", 0);
  annotate (list, doc, "quote", QUOTE_ZOE, 0);
  annotate (list, doc, "person", ZOE " Marchetti", 0);
  annotate (list, doc, "person", JOSE " " ALVAREZ, 0);
  annotate (list, doc, "quote", QUOTE_JOSE, 0);
  annotate (list, doc, "claim", "a second round was planned for March", 0);

  return list;
}

/* A placed annotation: @status, starting at @start, and its exact, prefix
 * and suffix all read from @doc at its new place. */
static void
assert_placed (GlossAnnotation   *annotation,
               GlossDocument     *doc,
               GlossAnchorStatus  status,
               guint              start)
{
  g_autoptr(GlossAnnotation) expected = NULL;
  guint end = start + n_chars (gloss_annotation_get_exact (annotation));

  g_assert_cmpint (gloss_annotation_get_status (annotation), ==, status);
  g_assert_cmpuint (gloss_annotation_get_start (annotation), ==, start);
  g_assert_cmpuint (gloss_annotation_get_end (annotation), ==, end);

  expected = gloss_annotation_new (NULL, "x", start, end);
  fill_from (expected, doc);
  g_assert_cmpstr (gloss_annotation_get_exact (annotation), ==, gloss_annotation_get_exact (expected));
  g_assert_cmpstr (gloss_annotation_get_prefix (annotation), ==, gloss_annotation_get_prefix (expected));
  g_assert_cmpstr (gloss_annotation_get_suffix (annotation), ==, gloss_annotation_get_suffix (expected));
}

/* What an orphan must still hold: everything it had before. */
typedef struct
{
  guint start;
  guint end;
  char *exact;
  char *prefix;
  char *suffix;
} Snapshot;

static Snapshot *
snapshot_take (GlossAnnotation *annotation)
{
  Snapshot *snapshot = g_new0 (Snapshot, 1);

  snapshot->start = gloss_annotation_get_start (annotation);
  snapshot->end = gloss_annotation_get_end (annotation);
  snapshot->exact = g_strdup (gloss_annotation_get_exact (annotation));
  snapshot->prefix = g_strdup (gloss_annotation_get_prefix (annotation));
  snapshot->suffix = g_strdup (gloss_annotation_get_suffix (annotation));

  return snapshot;
}

static void
snapshot_free (Snapshot *snapshot)
{
  g_free (snapshot->exact);
  g_free (snapshot->prefix);
  g_free (snapshot->suffix);
  g_free (snapshot);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Snapshot, snapshot_free)

static void
assert_orphaned_untouched (GlossAnnotation *annotation,
                           const Snapshot  *before)
{
  g_assert_cmpint (gloss_annotation_get_status (annotation), ==, GLOSS_ANCHOR_ORPHANED);
  g_assert_true (gloss_annotation_is_orphaned (annotation));
  g_assert_cmpuint (gloss_annotation_get_start (annotation), ==, before->start);
  g_assert_cmpuint (gloss_annotation_get_end (annotation), ==, before->end);
  g_assert_cmpstr (gloss_annotation_get_exact (annotation), ==, before->exact);
  g_assert_cmpstr (gloss_annotation_get_prefix (annotation), ==, before->prefix);
  g_assert_cmpstr (gloss_annotation_get_suffix (annotation), ==, before->suffix);
}

static void
assert_report (const GlossAnchorReport *report,
               guint                    kept,
               guint                    moved,
               guint                    repaired,
               guint                    orphaned)
{
  g_assert_cmpuint (report->kept, ==, kept);
  g_assert_cmpuint (report->moved, ==, moved);
  g_assert_cmpuint (report->repaired, ==, repaired);
  g_assert_cmpuint (report->orphaned, ==, orphaned);
}

static GlossAnnotation *
nth_annotation (GPtrArray *list,
                guint      i)
{
  return g_ptr_array_index (list, i);
}

/* Kept and moved */

static void
test_unchanged (void)
{
  g_autoptr(GlossDocument) doc = gloss_test_doc_new (ARTICLE);
  g_autoptr(GPtrArray) list = annotate_article (doc);
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func ((GDestroyNotify)snapshot_free);
  GlossAnchorReport report;

  for (guint i = 0; i < list->len; i++)
    g_ptr_array_add (before, snapshot_take (nth_annotation (list, i)));

  gloss_anchor_annotations (doc, list, &report);

  assert_report (&report, list->len, 0, 0, 0);
  for (guint i = 0; i < list->len; i++)
    {
      GlossAnnotation *annotation = nth_annotation (list, i);
      const Snapshot *old = g_ptr_array_index (before, i);

      assert_placed (annotation, doc, GLOSS_ANCHOR_KEPT, old->start);
      g_assert_cmpstr (gloss_annotation_get_prefix (annotation), ==, old->prefix);
      g_assert_cmpstr (gloss_annotation_get_suffix (annotation), ==, old->suffix);
    }

  /* A NULL report is allowed, and running again changes nothing. */
  gloss_anchor_annotations (doc, list, NULL);
  for (guint i = 0; i < list->len; i++)
    g_assert_cmpint (gloss_annotation_get_status (nth_annotation (list, i)), ==, GLOSS_ANCHOR_KEPT);
}

static void
test_insertion_before (void)
{
  const char *inserted = "UPDATE 14:05 " MDASH " This story now includes comments from "
                         JOSE " " ALVAREZ ". " FLAG_UA "\n\n";
  g_autoptr(GlossDocument) old_doc = gloss_test_doc_new (ARTICLE);
  g_autofree char *new_text = g_strconcat (inserted, ARTICLE, NULL);
  g_autoptr(GlossDocument) new_doc = gloss_test_doc_new (new_text);
  g_autoptr(GPtrArray) list = annotate_article (old_doc);
  g_autoptr(GArray) old_starts = g_array_new (FALSE, FALSE, sizeof (guint));
  guint shift = n_chars (inserted);
  GlossAnchorReport report;

  for (guint i = 0; i < list->len; i++)
    {
      guint start = gloss_annotation_get_start (nth_annotation (list, i));
      g_array_append_val (old_starts, start);
    }

  gloss_anchor_annotations (new_doc, list, &report);

  assert_report (&report, 0, list->len, 0, 0);
  for (guint i = 0; i < list->len; i++)
    assert_placed (nth_annotation (list, i), new_doc, GLOSS_ANCHOR_MOVED,
                   g_array_index (old_starts, guint, i) + shift);
}

static void
test_deletion_before (void)
{
  const char *deleted = ", speaking to reporters outside the Palais des Nations";
  g_autoptr(GlossDocument) old_doc = gloss_test_doc_new (ARTICLE);
  g_autoptr(GString) new_text = g_string_new (ARTICLE);
  g_autoptr(GlossDocument) new_doc = NULL;
  g_autoptr(GPtrArray) list = annotate_article (old_doc);
  g_autoptr(GArray) old_starts = g_array_new (FALSE, FALSE, sizeof (guint));
  guint shift = n_chars (deleted);
  GlossAnchorReport report;

  g_string_replace (new_text, deleted, "", 1);
  new_doc = gloss_test_doc_new (new_text->str);

  for (guint i = 0; i < list->len; i++)
    {
      guint start = gloss_annotation_get_start (nth_annotation (list, i));
      g_array_append_val (old_starts, start);
    }

  gloss_anchor_annotations (new_doc, list, &report);

  /* The first three are before the deletion: kept, Marchetti's suffix
   * (which ran into the deleted words) refreshed. The others moved back. */
  assert_report (&report, 3, 3, 0, 0);
  for (guint i = 0; i < 3; i++)
    assert_placed (nth_annotation (list, i), new_doc, GLOSS_ANCHOR_KEPT,
                   g_array_index (old_starts, guint, i));
  g_assert_true (g_str_has_prefix (gloss_annotation_get_suffix (nth_annotation (list, 2)),
                                   ", the lead negotiator.\n\nHer"));
  for (guint i = 3; i < list->len; i++)
    assert_placed (nth_annotation (list, i), new_doc, GLOSS_ANCHOR_MOVED,
                   g_array_index (old_starts, guint, i) - shift);
}

/* Annotations are processed in old document order whatever their order in
 * the array, and nested spans move with their container. */
static void
test_nested_unsorted (void)
{
  g_autoptr(GlossDocument) old_doc = gloss_test_doc_new (ARTICLE);
  g_autofree char *new_text = g_strconcat ("Correction appended. ", ARTICLE, NULL);
  g_autoptr(GlossDocument) new_doc = gloss_test_doc_new (new_text);
  g_autoptr(GPtrArray) list = annotation_list_new ();
  GlossAnnotation *sentence;
  GlossAnnotation *name;
  GlossAnnotation *word;
  GlossAnchorReport report;

  word = annotate (list, old_doc, "misc", "ceasefire", 0);
  name = annotate (list, old_doc, "person", ZOE, 0);
  sentence = annotate (list, old_doc, "claim",
                       "Talks between the two delegations resumed on Tuesday in Geneva", 0);

  gloss_anchor_annotations (new_doc, list, &report);

  assert_report (&report, 0, 3, 0, 0);
  assert_placed (sentence, new_doc, GLOSS_ANCHOR_MOVED, offset_of (new_text, "Talks", 0));
  assert_placed (name, new_doc, GLOSS_ANCHOR_MOVED, offset_of (new_text, ZOE, 0));
  assert_placed (word, new_doc, GLOSS_ANCHOR_MOVED, offset_of (new_text, "ceasefire", 0));
}

/* Offsets are code points: an emoji sequence of five code points and a
 * decomposed accent (two code points) before the span count as what they
 * are, not as bytes, UTF-16 units or graphemes. */
static void
test_emoji_and_combining_before (void)
{
  const char *inserted = FAMILY " Reunited: Jose" ACUTE " and his daughters " FLAG_UA " "
                         MDASH " see page 3.\n\n";
  g_autoptr(GlossDocument) old_doc = gloss_test_doc_new (ARTICLE);
  g_autofree char *new_text = g_strconcat (inserted, ARTICLE, NULL);
  g_autoptr(GlossDocument) new_doc = gloss_test_doc_new (new_text);
  g_autoptr(GPtrArray) list = annotation_list_new ();
  GlossAnnotation *quote;
  GlossAnnotation *name;
  guint old_quote;
  guint old_name;
  GlossAnchorReport report;

  /* The family is 5 code points (18 bytes), " Reunited: Jose" 15, the accent
   * 1 (2 bytes), " and his daughters " 19, the flag 2 (8 bytes), " " 1,
   * the dash 1 (3 bytes), " see page 3.\n\n" 14. */
  g_assert_cmpuint (n_chars (inserted), ==, 58);
  g_assert_cmpuint (strlen (inserted), ==, 80);

  quote = annotate (list, old_doc, "quote", QUOTE_JOSE, 0);
  name = annotate (list, old_doc, "person", JOSE " " ALVAREZ, 0);
  old_quote = gloss_annotation_get_start (quote);
  old_name = gloss_annotation_get_start (name);

  gloss_anchor_annotations (new_doc, list, &report);

  assert_report (&report, 0, 2, 0, 0);
  assert_placed (quote, new_doc, GLOSS_ANCHOR_MOVED, old_quote + 58);
  assert_placed (name, new_doc, GLOSS_ANCHOR_MOVED, old_name + 58);
  g_assert_cmpuint (gloss_annotation_get_start (quote), ==, offset_of (new_text, QUOTE_JOSE, 0));
}

/* A two-letter span whose neighbours were both edited, but which did not
 * move: little context agrees any more, but it is where it was. */
static void
test_short_span_edited_around (void)
{
  g_autoptr(GlossDocument) old_doc = gloss_test_doc_new ("Late on Tuesday the UN said talks would resume.");
  g_autoptr(GlossDocument) new_doc = gloss_test_doc_new ("Late on Tuesday The UN has said talks would resume.");
  g_autoptr(GPtrArray) list = annotation_list_new ();
  GlossAnnotation *un;
  GlossAnchorReport report;

  un = annotate (list, old_doc, "organization", "UN", 0);

  gloss_anchor_annotations (new_doc, list, &report);

  assert_report (&report, 1, 0, 0, 0);
  assert_placed (un, new_doc, GLOSS_ANCHOR_KEPT, 20);
  g_assert_cmpstr (gloss_annotation_get_suffix (un), ==, " has said talks would resume.");
}

/* The mention of the UN that was annotated is gone; another one, in other
 * words, remains. Moving the annotation there would misplace it: too little
 * of its context agrees for a two-letter span. */
static void
test_short_span_not_moved_to_other_mention (void)
{
  g_autoptr(GlossDocument) old_doc = gloss_test_doc_new ("The UN said on Tuesday that talks would resume. "
                                              "Officials at the UN headquarters declined to comment.");
  g_autoptr(GlossDocument) new_doc = gloss_test_doc_new ("Officials at the UN headquarters declined to comment.");
  g_autoptr(GPtrArray) list = annotation_list_new ();
  GlossAnnotation *first;
  GlossAnnotation *second;
  g_autoptr(Snapshot) before = NULL;
  GlossAnchorReport report;

  first = annotate (list, old_doc, "organization", "UN", 0);
  second = annotate (list, old_doc, "organization", "UN", 1);
  before = snapshot_take (first);

  gloss_anchor_annotations (new_doc, list, &report);

  assert_report (&report, 0, 1, 0, 1);
  assert_orphaned_untouched (first, before);
  assert_placed (second, new_doc, GLOSS_ANCHOR_MOVED, 17);
}

/* Duplicates */

/* The same paragraph twice, so both copies of a phrase from its middle
 * agree fully with their context: the one nearer the expected position
 * wins. The expected position follows the annotation before it: when a
 * copy of the paragraph is pasted at the top, the phrase is expected (and
 * found) in the second copy, though the first is at its old offset; when
 * the copy is pasted after, in the first. */
static void
test_duplicate_nearer_wins (void)
{
  const char *phrase = "the lead negotiator";
  g_autoptr(GlossDocument) old_doc = gloss_test_doc_new (OPENING PARA_ZOE CLOSING);
  g_autoptr(GlossDocument) pasted_before = gloss_test_doc_new (PARA_ZOE OPENING PARA_ZOE CLOSING);
  g_autoptr(GlossDocument) pasted_after = gloss_test_doc_new (OPENING PARA_ZOE PARA_ZOE CLOSING);
  const char *before_text = gloss_document_get_text (pasted_before);
  const char *after_text = gloss_document_get_text (pasted_after);
  g_autoptr(GPtrArray) list = annotation_list_new ();
  g_autoptr(GPtrArray) list2 = annotation_list_new ();
  GlossAnnotation *quote;
  GlossAnnotation *quote2;
  GlossAnchorReport report;

  annotate (list, old_doc, "location", "Geneva", 0);
  quote = annotate (list, old_doc, "misc", phrase, 0);
  g_assert_cmpuint (gloss_annotation_get_start (quote), <, offset_of (before_text, phrase, 1));

  gloss_anchor_annotations (pasted_before, list, &report);
  assert_report (&report, 0, 2, 0, 0);
  assert_placed (quote, pasted_before, GLOSS_ANCHOR_MOVED, offset_of (before_text, phrase, 1));

  annotate (list2, old_doc, "location", "Geneva", 0);
  quote2 = annotate (list2, old_doc, "misc", phrase, 0);

  gloss_anchor_annotations (pasted_after, list2, &report);
  assert_report (&report, 2, 0, 0, 0);
  assert_placed (quote2, pasted_after, GLOSS_ANCHOR_KEPT, offset_of (after_text, phrase, 0));
}

/* The quote's sentence moved to the end of the article, and an editor's
 * note quoting the same words took its place: the farther copy wins,
 * because its surroundings are the ones the annotation remembers. */
static void
test_duplicate_better_context_wins (void)
{
  const char *note = "Editor" RSQUO "s note: an earlier version misquoted the phrase "
                     LDQUO QUOTE_ZOE RDQUO " in a headline.\n\n";
  g_autoptr(GlossDocument) old_doc = gloss_test_doc_new (ARTICLE);
  g_autofree char *new_text = g_strconcat (OPENING, note, PARA_JOSE, CLOSING,
                                           "\n", PARA_ZOE, NULL);
  g_autoptr(GlossDocument) new_doc = gloss_test_doc_new (new_text);
  g_autoptr(GPtrArray) list = annotation_list_new ();
  GlossAnnotation *quote;
  GlossAnchorReport report;
  guint near_copy = offset_of (new_text, QUOTE_ZOE, 0);
  guint far_copy = offset_of (new_text, QUOTE_ZOE, 1);

  quote = annotate (list, old_doc, "quote", QUOTE_ZOE, 0);
  /* The note's copy really is the nearer one. */
  g_assert_cmpuint (near_copy, >, gloss_annotation_get_start (quote));
  g_assert_cmpuint (near_copy, <, far_copy);

  gloss_anchor_annotations (new_doc, list, &report);

  assert_report (&report, 0, 1, 0, 0);
  assert_placed (quote, new_doc, GLOSS_ANCHOR_MOVED, far_copy);
}

/* Repaired */

static void
test_edit_inside_quote (void)
{
  g_autoptr(GlossDocument) old_doc = gloss_test_doc_new (ARTICLE);
  g_autoptr(GString) new_text = g_string_new (ARTICLE);
  g_autoptr(GlossDocument) new_doc = NULL;
  g_autoptr(GPtrArray) list = annotate_article (old_doc);
  GlossAnnotation *zoe_quote = nth_annotation (list, 1);
  GlossAnnotation *jose_quote = nth_annotation (list, 4);
  guint zoe_start = gloss_annotation_get_start (zoe_quote);
  GlossAnchorReport report;

  /* A spelling normalised (one deletion) and a word changed. */
  g_string_replace (new_text, "honours", "honors", 1);
  g_string_replace (new_text, "until everything", "before everything", 1);
  new_doc = gloss_test_doc_new (new_text->str);

  gloss_anchor_annotations (new_doc, list, &report);

  /* The two edits cancel out in length: the claim after both is kept. */
  assert_report (&report, 2, 2, 2, 0);
  assert_placed (zoe_quote, new_doc, GLOSS_ANCHOR_REPAIRED, zoe_start);
  g_assert_cmpstr (gloss_annotation_get_exact (zoe_quote), ==,
                   "We are ready to sign a ceasefire if the other side honors its commitments");
  assert_placed (jose_quote, new_doc, GLOSS_ANCHOR_REPAIRED,
                 offset_of (new_text->str, "Nothing is agreed", 0));
  g_assert_cmpstr (gloss_annotation_get_exact (jose_quote), ==,
                   "Nothing is agreed before everything is agreed");
}

/* A short name with a typo fixed, found by its context; and a span whose
 * head was rewritten, found by its tail and prefix. */
static void
test_repair_short_and_head (void)
{
  g_autoptr(GlossDocument) old_doc = gloss_test_doc_new ("Her counterpart, Jose Alvarrez, was more cautious. "
                                              LDQUO "Nothing at all is agreed until everything is agreed,"
                                              RDQUO " he said.");
  g_autoptr(GlossDocument) new_doc = gloss_test_doc_new ("Her counterpart, Jose Alvarez, was more cautious. "
                                              LDQUO "Nothing is agreed until everything is agreed,"
                                              RDQUO " he said.");
  g_autoptr(GPtrArray) list = annotation_list_new ();
  GlossAnnotation *name;
  GlossAnnotation *quote;
  GlossAnchorReport report;

  name = annotate (list, old_doc, "person", "Jose Alvarrez", 0);
  quote = annotate (list, old_doc, "quote", "Nothing at all is agreed until everything is agreed", 0);

  gloss_anchor_annotations (new_doc, list, &report);

  assert_report (&report, 0, 0, 2, 0);
  assert_placed (name, new_doc, GLOSS_ANCHOR_REPAIRED, 17);
  g_assert_cmpstr (gloss_annotation_get_exact (name), ==, "Jose Alvarez");
  assert_placed (quote, new_doc, GLOSS_ANCHOR_REPAIRED, 51);
  g_assert_cmpstr (gloss_annotation_get_exact (quote), ==, "Nothing is agreed until everything is agreed");
}

/* A misspelt name corrected twice in a short article: once at the very
 * start of the text (no prefix to locate it by) and once in the middle. */
static void
test_repair_name_typo (void)
{
  g_autoptr(GlossDocument) old_doc = gloss_test_doc_new ("Zelenksy met the delegation in Kyiv. "
                                              "Afterwards Zelenksy told reporters the talks were useful.");
  g_autoptr(GlossDocument) new_doc = gloss_test_doc_new ("Zelensky met the delegation in Kyiv. "
                                              "Afterwards Zelensky told reporters the talks were useful.");
  g_autoptr(GPtrArray) list = annotation_list_new ();
  GlossAnnotation *first;
  GlossAnnotation *second;
  GlossAnchorReport report;

  first = annotate (list, old_doc, "person", "Zelenksy", 0);
  second = annotate (list, old_doc, "person", "Zelenksy", 1);

  gloss_anchor_annotations (new_doc, list, &report);

  assert_report (&report, 0, 0, 2, 0);
  assert_placed (first, new_doc, GLOSS_ANCHOR_REPAIRED, 0);
  g_assert_cmpstr (gloss_annotation_get_exact (first), ==, "Zelensky");
  assert_placed (second, new_doc, GLOSS_ANCHOR_REPAIRED, 48);
  g_assert_cmpstr (gloss_annotation_get_exact (second), ==, "Zelensky");
}

/* The old span still reads the same, but an accent was added to its last
 * letter as a combining mark: ending there would cut the grapheme é, so
 * it is no exact match; the span is repaired to take the accent in. */
static void
test_grapheme_boundary (void)
{
  g_autoptr(GlossDocument) old_doc = gloss_test_doc_new ("Her counterpart, Jose Alvarez, was more cautious.");
  g_autoptr(GlossDocument) new_doc = gloss_test_doc_new ("Her counterpart, Jose" ACUTE " Alvarez, was more cautious.");
  g_autoptr(GPtrArray) list = annotation_list_new ();
  GlossAnnotation *first;
  GlossAnnotation *full;
  GlossAnchorReport report;

  first = annotate (list, old_doc, "person", "Jose", 0);
  full = annotate (list, old_doc, "person", "Jose Alvarez", 0);

  gloss_anchor_annotations (new_doc, list, &report);

  assert_report (&report, 0, 0, 2, 0);
  assert_placed (first, new_doc, GLOSS_ANCHOR_REPAIRED, 17);
  g_assert_cmpstr (gloss_annotation_get_exact (first), ==, "Jose" ACUTE);
  assert_placed (full, new_doc, GLOSS_ANCHOR_REPAIRED, 17);
  g_assert_cmpstr (gloss_annotation_get_exact (full), ==, "Jose" ACUTE " Alvarez");
}

/* Orphaned */

static void
test_quote_deleted (void)
{
  g_autoptr(GlossDocument) old_doc = gloss_test_doc_new (ARTICLE);
  g_autoptr(GlossDocument) new_doc = gloss_test_doc_new (OPENING PARA_ZOE CLOSING);
  g_autoptr(GPtrArray) list = annotate_article (old_doc);
  GlossAnnotation *quote = nth_annotation (list, 4);
  g_autoptr(Snapshot) before = snapshot_take (quote);
  g_autoptr(Snapshot) claim_before = snapshot_take (nth_annotation (list, 5));
  g_autoptr(Snapshot) name_before = snapshot_take (nth_annotation (list, 3));
  GlossAnchorReport report;

  gloss_anchor_annotations (new_doc, list, &report);

  assert_report (&report, 3, 0, 0, 3);
  assert_orphaned_untouched (quote, before);
  assert_orphaned_untouched (nth_annotation (list, 5), claim_before);
  assert_orphaned_untouched (nth_annotation (list, 3), name_before);
}

/* An edit too large to count as a repair: the sentence was rewritten. */
static void
test_rewritten_orphaned (void)
{
  g_autoptr(GlossDocument) old_doc = gloss_test_doc_new (ARTICLE);
  g_autoptr(GString) new_text = g_string_new (ARTICLE);
  g_autoptr(GlossDocument) new_doc = NULL;
  g_autoptr(GPtrArray) list = annotate_article (old_doc);
  g_autoptr(Snapshot) before = snapshot_take (nth_annotation (list, 4));
  GlossAnchorReport report;

  g_string_replace (new_text, QUOTE_JOSE, "Everything remains open for now", 1);
  new_doc = gloss_test_doc_new (new_text->str);

  gloss_anchor_annotations (new_doc, list, &report);

  assert_report (&report, 4, 1, 0, 1);
  assert_orphaned_untouched (nth_annotation (list, 4), before);
}

static void
test_whole_article_replaced (void)
{
  g_autoptr(GlossDocument) old_doc = gloss_test_doc_new (ARTICLE);
  g_autoptr(GlossDocument) new_doc =
    gloss_test_doc_new ("LISBON " MDASH " Heavy rain flooded parts of the city centre overnight, "
             "and the fire brigade said more than 200 calls had come in by dawn. "
             LDQUO "It was like a river," RDQUO " said Mariana Sousa, who runs a caf\u00E9 "
             "near the port.\n");
  g_autoptr(GPtrArray) list = annotate_article (old_doc);
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func ((GDestroyNotify)snapshot_free);
  GlossAnchorReport report;

  for (guint i = 0; i < list->len; i++)
    g_ptr_array_add (before, snapshot_take (nth_annotation (list, i)));

  gloss_anchor_annotations (new_doc, list, &report);

  assert_report (&report, 0, 0, 0, list->len);
  for (guint i = 0; i < list->len; i++)
    assert_orphaned_untouched (nth_annotation (list, i), g_ptr_array_index (before, i));
}

static void
test_empty_exact_orphaned (void)
{
  g_autoptr(GlossDocument) doc = gloss_test_doc_new (ARTICLE);
  g_autoptr(GPtrArray) list = annotation_list_new ();
  GlossAnnotation *annotation = gloss_annotation_new (NULL, "claim", 3, 3);
  GlossAnchorReport report;

  gloss_annotation_set_exact (annotation, "");
  g_ptr_array_add (list, annotation);

  gloss_anchor_annotations (doc, list, &report);

  assert_report (&report, 0, 0, 0, 1);
  g_assert_cmpuint (gloss_annotation_get_start (annotation), ==, 3);
}

/* gloss_anchor_find() */

static void
test_find (void)
{
  g_autoptr(GlossDocument) doc = gloss_test_doc_new ("Prefix added. " ARTICLE);
  guint start = offset_of (ARTICLE, QUOTE_JOSE, 0);
  guint end = start + n_chars (QUOTE_JOSE);
  guint new_start = 0;
  guint new_end = 0;

  g_assert_cmpint (gloss_anchor_find (doc, QUOTE_JOSE, "cautious. " LDQUO, "," RDQUO " he said",
                                      start, end, &new_start, &new_end),
                   ==, GLOSS_ANCHOR_MOVED);
  g_assert_cmpuint (new_start, ==, start + 14);
  g_assert_cmpuint (new_end, ==, end + 14);

  g_assert_cmpint (gloss_anchor_find (doc, QUOTE_JOSE, NULL, NULL, start + 14, end + 14,
                                      &new_start, &new_end),
                   ==, GLOSS_ANCHOR_KEPT);
  g_assert_cmpuint (new_start, ==, start + 14);

  g_assert_cmpint (gloss_anchor_find (doc, "Nothing is agreed unless everything is agreed", NULL, NULL,
                                      start, end, &new_start, &new_end),
                   ==, GLOSS_ANCHOR_REPAIRED);
  g_assert_cmpuint (new_start, ==, start + 14);
  g_assert_cmpuint (new_end, ==, end + 14);

  g_assert_cmpint (gloss_anchor_find (doc, "no such words in this article", NULL, NULL,
                                      start, end, &new_start, &new_end),
                   ==, GLOSS_ANCHOR_ORPHANED);
  g_assert_cmpuint (new_start, ==, start);
  g_assert_cmpuint (new_end, ==, end);
}

/* Large: a megabyte, ten thousand annotations */

static const char *const english[] = {
  "the", "minister", "said", "on", "Tuesday", "that", "talks", "would", "resume",
  "in", "Kyiv", "according", "to", "officials", "ceasefire", "delegation", "caf\u00E9",
  ZOE, JOSE, "Marchetti", "na\u00EFve", "price", "of", "grain", "rose", "again",
  LDQUO "never" RDQUO, "spokesperson" RSQUO "s", "said", "a", "new", "round",
  "was", "planned", "for", "March", "and", "April", "sources", "close", "to",
  "negotiations", "confirmed", "but", "declined", "comment", "further", FLAG_UA,
  NULL
};

/* Shares no word with the list above. */
static const char *const portuguese[] = {
  "chuva", "forte", "inundou", "ruas", "Lisboa", "bombeiros", "disseram",
  "mais", "chamadas", "durante", "noite", "rio", "Mariana", "Sousa",
  "gere", "pequeno", "perto", "porto", "ontem", "S\u00E3o", "Jo\u00E3o",
  "C\u00E2mara", "Municipal", "avisou", "moradores", "evitar", "zonas", "baixas",
  NULL
};

/* Random news-like prose of about @n_bytes from @vocabulary, recording
 * where each word starts and ends (code points). */
static char *
make_prose (GRand             *rand,
            const char *const *vocabulary,
            gsize              n_bytes,
            GArray            *word_starts,
            GArray            *word_ends)
{
  GString *text = g_string_sized_new (n_bytes + 64);
  guint n_words = g_strv_length ((char **)vocabulary);
  guint offset = 0;
  guint in_sentence = 0;

  while (text->len < n_bytes)
    {
      const char *word = vocabulary[g_rand_int_range (rand, 0, n_words)];
      guint len = n_chars (word);
      const char *sep;

      g_array_append_val (word_starts, offset);
      g_string_append (text, word);
      offset += len;
      g_array_append_val (word_ends, offset);

      if (++in_sentence >= 8 && g_rand_int_range (rand, 0, 6) == 0)
        sep = g_rand_int_range (rand, 0, 5) == 0 ? ".\n\n" : ". ";
      else
        sep = g_rand_int_range (rand, 0, 10) == 0 ? ", " : " ";
      if (sep[0] == '.')
        in_sentence = 0;

      g_string_append (text, sep);
      offset += n_chars (sep);
    }

  return g_string_free (text, FALSE);
}

static double
elapsed_ms (gint64 since)
{
  return (g_get_monotonic_time () - since) / 1000.0;
}

static void
test_large (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261126);
  g_autoptr(GArray) word_starts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) word_ends = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *old_text = make_prose (rand, english, 1024 * 1024, word_starts, word_ends);
  g_autoptr(GlossDocument) old_doc = gloss_test_doc_new (old_text);
  const char *inserted = "BREAKING " MDASH " " ZOE RSQUO "s statement, " FLAG_UA " in full below. ";
  guint insert_word = 20;
  guint insert_at = g_array_index (word_starts, guint, insert_word);
  g_autoptr(GString) new_text = g_string_new (old_text);
  g_autoptr(GlossDocument) new_doc = NULL;
  g_autoptr(GlossDocument) other_doc = NULL;
  g_autoptr(GPtrArray) list = annotation_list_new ();
  g_autoptr(GArray) old_starts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *other_text = NULL;
  guint shift = n_chars (inserted);
  guint n_words = word_starts->len;
  GlossAnchorReport report;
  gint64 t0;

  g_string_insert (new_text, g_utf8_offset_to_pointer (old_text, insert_at) - old_text, inserted);
  new_doc = gloss_test_doc_new (new_text->str);

  /* Spans of one to six words, after the insertion, in random order. */
  for (guint i = 0; i < 10000; i++)
    {
      guint first = g_rand_int_range (rand, insert_word + 1, n_words - 6);
      guint last = first + g_rand_int_range (rand, 0, 6);
      guint start = g_array_index (word_starts, guint, first);
      guint end = g_array_index (word_ends, guint, last);
      GlossAnnotation *annotation = gloss_annotation_new (NULL, "claim", start, end);

      fill_from (annotation, old_doc);
      g_ptr_array_add (list, annotation);
      g_array_append_val (old_starts, start);
    }

  g_test_message ("article: %" G_GSIZE_FORMAT " bytes, %u code points, %u annotations",
                  gloss_document_get_n_bytes (new_doc), gloss_document_get_length (new_doc),
                  list->len);

  t0 = g_get_monotonic_time ();
  gloss_anchor_annotations (old_doc, list, &report);
  g_test_message ("unchanged article: %.1f ms", elapsed_ms (t0));
  assert_report (&report, list->len, 0, 0, 0);

  t0 = g_get_monotonic_time ();
  gloss_anchor_annotations (new_doc, list, &report);
  g_test_message ("insertion near the start: %.1f ms", elapsed_ms (t0));

  assert_report (&report, 0, list->len, 0, 0);
  for (guint i = 0; i < list->len; i++)
    {
      GlossAnnotation *annotation = nth_annotation (list, i);
      guint start = g_array_index (old_starts, guint, i) + shift;

      g_assert_cmpint (gloss_annotation_get_status (annotation), ==, GLOSS_ANCHOR_MOVED);
      g_assert_cmpuint (gloss_annotation_get_start (annotation), ==, start);
      g_assert_true (gloss_document_slice_equals (new_doc, start, gloss_annotation_get_end (annotation),
                                                  gloss_annotation_get_exact (annotation)));
    }

  /* A different article altogether, in other words: everything orphaned,
   * in bounded time per annotation. */
  g_array_set_size (word_starts, 0);
  g_array_set_size (word_ends, 0);
  other_text = make_prose (rand, portuguese, 1024 * 1024, word_starts, word_ends);
  other_doc = gloss_test_doc_new (other_text);

  t0 = g_get_monotonic_time ();
  gloss_anchor_annotations (other_doc, list, &report);
  g_test_message ("whole article replaced: %.1f ms", elapsed_ms (t0));
  assert_report (&report, 0, 0, 0, list->len);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/anchor/unchanged", test_unchanged);
  g_test_add_func ("/anchor/moved/insertion-before", test_insertion_before);
  g_test_add_func ("/anchor/moved/deletion-before", test_deletion_before);
  g_test_add_func ("/anchor/moved/nested-unsorted", test_nested_unsorted);
  g_test_add_func ("/anchor/moved/emoji-and-combining-before", test_emoji_and_combining_before);
  g_test_add_func ("/anchor/kept/short-span-edited-around", test_short_span_edited_around);
  g_test_add_func ("/anchor/orphaned/short-span-other-mention", test_short_span_not_moved_to_other_mention);
  g_test_add_func ("/anchor/duplicate/nearer-wins", test_duplicate_nearer_wins);
  g_test_add_func ("/anchor/duplicate/better-context-wins", test_duplicate_better_context_wins);
  g_test_add_func ("/anchor/repaired/edit-inside-quote", test_edit_inside_quote);
  g_test_add_func ("/anchor/repaired/short-and-head", test_repair_short_and_head);
  g_test_add_func ("/anchor/repaired/name-typo", test_repair_name_typo);
  g_test_add_func ("/anchor/repaired/grapheme-boundary", test_grapheme_boundary);
  g_test_add_func ("/anchor/orphaned/quote-deleted", test_quote_deleted);
  g_test_add_func ("/anchor/orphaned/rewritten", test_rewritten_orphaned);
  g_test_add_func ("/anchor/orphaned/whole-article-replaced", test_whole_article_replaced);
  g_test_add_func ("/anchor/orphaned/empty-exact", test_empty_exact_orphaned);
  g_test_add_func ("/anchor/find", test_find);
  g_test_add_func ("/anchor/large", test_large);

  return g_test_run ();
}
