/* test-suggest-quotes.c — quotation spans and speakers suggested from the
 * marks and attributions of news text: each quoting convention, nesting,
 * quotes continued across paragraphs, apostrophes, titles and scare
 * quotes, offsets after CRLF and emoji, annotations already there
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "gloss.h"
#include "gloss-suggest-quotes.h"
#include "gloss-suggest-quotes-private.h"

typedef struct
{
  GlossDocument      *doc;
  GlossAnnotationSet *set;
  GPtrArray          *suggestions;
} Run;

static void
run_clear (Run *r)
{
  g_clear_pointer (&r->suggestions, g_ptr_array_unref);
  g_clear_object (&r->set);
  g_clear_object (&r->doc);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_with (Run *r, const char *text, GlossAnnotationSet *set)
{
  g_autoptr(GError) error = NULL;

  r->suggestions = gloss_suggest_quotes (r->doc, set, &error);
  g_assert_no_error (error);
  g_assert_nonnull (r->suggestions);
}

static void
run (Run *r, const char *text)
{
  g_autoptr(GError) error = NULL;

  r->doc = gloss_document_new_from_text (text, -1, &error);
  g_assert_no_error (error);
  r->set = gloss_annotation_set_new (r->doc);
  run_with (r, text, r->set);
}

/* The code point offset of the @nth (from 0) occurrence of @needle. */
static guint
offset_of_nth (const char *text, const char *needle, guint nth)
{
  const char *p = strstr (text, needle);

  for (guint i = 0; i < nth && p; i++)
    p = strstr (p + 1, needle);
  g_assert_nonnull (p);
  return g_utf8_pointer_to_offset (text, p);
}

/* Suggestion @i is the span of @exact (its @nth occurrence) with speaker
 * @speaker (NULL: none) labelled @label. */
static void
assert_quote_nth (Run *r, guint i, const char *text, const char *exact, guint nth,
                  const char *speaker, const char *label)
{
  GlossSuggestion *s;
  guint start = offset_of_nth (text, exact, nth), ss, se;
  const char *sl;

  g_assert_cmpuint (i, <, r->suggestions->len);
  s = g_ptr_array_index (r->suggestions, i);
  g_assert_cmpstr (gloss_suggestion_get_source (s), ==, GLOSS_SUGGESTION_SOURCE_QUOTES);
  g_assert_cmpstr (gloss_suggestion_get_label (s), ==, "quote");
  g_assert_cmpstr (gloss_suggestion_get_exact (s), ==, exact);
  g_assert_cmpuint (gloss_suggestion_get_start (s), ==, start);
  g_assert_cmpuint (gloss_suggestion_get_end (s), ==, start + g_utf8_strlen (exact, -1));
  if (speaker == NULL)
    {
      g_assert_false (gloss_suggestion_get_speaker (s, NULL, NULL, NULL));
      return;
    }
  g_assert_true (gloss_suggestion_get_speaker (s, &ss, &se, &sl));
  {
    g_autofree char *said = gloss_document_dup_slice (r->doc, ss, se);

    g_assert_cmpstr (said, ==, speaker);
  }
  g_assert_cmpstr (sl, ==, label);
}

static void
assert_quote (Run *r, guint i, const char *text, const char *exact, const char *speaker)
{
  assert_quote_nth (r, i, text, exact, 0, speaker, "person");
}

static void
test_curly (void)
{
  const char *text =
    "Ferry cuts\n\n"
    "Morwenna Tallack runs the shop. “Someone came in and said, ‘Have you seen this? They’ve taken the late boat,’” Ms Tallack said. “That is how we find out.”\n\n"
    "“We are not against the company,” said Dr Hywel Penrose.\n\n"
    "Bernadette Kell, who chairs the forum, said: “A dip that lasts a year is not a dip.”\n";
  g_auto(Run) r = { 0 };
  double score;

  run (&r, text);
  g_assert_cmpuint (r.suggestions->len, ==, 4);
  /* nested ‘…’ is part of the outer quote, its punctuation inside */
  assert_quote (&r, 0, text, "“Someone came in and said, ‘Have you seen this? They’ve taken the late boat,’”", "Ms Tallack");
  /* no attribution of its own: the quote before it in the paragraph */
  assert_quote (&r, 1, text, "“That is how we find out.”", "Ms Tallack");
  assert_quote (&r, 2, text, "“We are not against the company,”", "Dr Hywel Penrose");
  assert_quote (&r, 3, text, "“A dip that lasts a year is not a dip.”", "Bernadette Kell");
  g_assert_true (gloss_suggestion_get_score (g_ptr_array_index (r.suggestions, 0), &score));
  g_assert_cmpfloat (score, >, 0.5);
  g_assert_cmpstr (gloss_suggestion_get_detail (g_ptr_array_index (r.suggestions, 0)), ==, "Ms Tallack said");
}

static void
test_straight (void)
{
  const char *text =
    "Bethany Cole finished late. \"Then somebody shouted 'wrong way!' and I just stood there. I don't want a number with an asterisk,\" Ms Cole said.\n\n"
    "The band played a song titled \"Sorry, Miss, It Didn't Come\", and the judges described it as \"sharp, funny and properly loud.\"\n\n"
    "Simon Dobbs is known to students as \"the Captain\". \"They don't just play rock 'n' roll,\" he said.\n";
  g_auto(Run) r = { 0 };

  run (&r, text);
  g_assert_cmpuint (r.suggestions->len, ==, 3);
  assert_quote (&r, 0, text, "\"Then somebody shouted 'wrong way!' and I just stood there. I don't want a number with an asterisk,\"", "Ms Cole");
  /* the song's title is no quote; the judges name nobody */
  assert_quote (&r, 1, text, "\"sharp, funny and properly loud.\"", NULL);
  /* the nickname is no quote; "he" is the last person named before */
  assert_quote (&r, 2, text, "\"They don't just play rock 'n' roll,\"", "Simon Dobbs");
}

static void
test_british (void)
{
  const char *text =
    "‘We’re not a nightclub. We’re a pub with a bit of rock ’n’ roll on a Friday,’ said Colin Ashworth, who runs the Drover’s Rest.\n\n"
    "One of the residents, Hilary Gale, said the noise had been ‘unbearable’ on summer evenings.\n\n"
    "Mrs Gale said: ‘When the bass comes through the wall you can’t call it “a bit of fun” any more.’\n\n"
    "‘The decision balances the pub’s business with residents’ right to a night’s sleep,’ a spokesperson for the council said.\n";
  g_auto(Run) r = { 0 };

  run (&r, text);
  g_assert_cmpuint (r.suggestions->len, ==, 4);
  assert_quote (&r, 0, text, "‘We’re not a nightclub. We’re a pub with a bit of rock ’n’ roll on a Friday,’", "Colin Ashworth");
  assert_quote (&r, 1, text, "‘unbearable’", "Hilary Gale");
  assert_quote (&r, 2, text, "‘When the bass comes through the wall you can’t call it “a bit of fun” any more.’", "Mrs Gale");
  /* a plural possessive (residents’) does not close it; no organisation is named */
  assert_quote (&r, 3, text, "‘The decision balances the pub’s business with residents’ right to a night’s sleep,’", NULL);
}

static void
test_apostrophes (void)
{
  const char *text =
    "The council’s rules don’t suit the Ashworths’ pub, a ’90s institution where rock ’n’ roll and rock 'n' roll "
    "play till eleven o’clock; the magistrates’ court will hear it. It's the owners' call.\n";
  g_auto(Run) r = { 0 };

  run (&r, text);
  g_assert_cmpuint (r.suggestions->len, ==, 0);
}

static void
test_guillemets (void)
{
  const char *text =
    "Le maire, Raymond Thériault, a parlé d’une «\u202Fdécision crève-cœur\u202F». "
    "Selon M. Thériault, la fête compte. «\u00A0Tout le monde vit de ces fins de semaine\u00A0», a-t-il déclaré.\n\n"
    "Yannick Pelletier refunded his guests. «Je garde trois chambres»,  he said.\n";
  g_auto(Run) r = { 0 };

  run (&r, text);
  g_assert_cmpuint (r.suggestions->len, ==, 3);
  /* the spaces inside the marks are inside the span, the comma after it outside */
  assert_quote (&r, 0, text, "«\u202Fdécision crève-cœur\u202F»", "Raymond Thériault");
  assert_quote (&r, 1, text, "«\u00A0Tout le monde vit de ces fins de semaine\u00A0»", "M. Thériault");
  assert_quote (&r, 2, text, "«Je garde trois chambres»", "Yannick Pelletier");
}

static void
test_german_japanese (void)
{
  const char *text =
    "Jörg Großmann stood outside. „Jetzt heißt es: ‚Wer nicht will, kann gehen.‘ So redet man nicht“, he said.\n\n"
    "Haruka Mizushiro, 71, spoke in Japanese. 「『古い窯』ではなく、火の記憶は残ります」 she said.\n";
  g_auto(Run) r = { 0 };

  run (&r, text);
  g_assert_cmpuint (r.suggestions->len, ==, 2);
  /* „…“ closes with U+201C, ‚…‘ nested closes with U+2018 */
  assert_quote (&r, 0, text, "„Jetzt heißt es: ‚Wer nicht will, kann gehen.‘ So redet man nicht“", "Jörg Großmann");
  assert_quote (&r, 1, text, "「『古い窯』ではなく、火の記憶は残ります」", "Haruka Mizushiro");
}

static void
test_continued (void)
{
  const char *text =
    "Its chair, Dr Hywel Penrose, a retired GP, said the sailing mattered.\n\n"
    "“There are eleven of them. If their shift ends at six, the boat is no use.\n\n"
    "“The company talks about ‘demand’. Of course demand falls.\n\n"
    "“I would ask them to explain that.”\n\n"
    "\"An adjusted time isn't a real time.\n\n"
    "\"I don't want an asterisk,\" Ms Cole said.\n";
  g_auto(Run) r = { 0 };

  run (&r, text);
  g_assert_cmpuint (r.suggestions->len, ==, 5);
  /* one span per paragraph: the open pieces end at the paragraph's end */
  assert_quote (&r, 0, text, "“There are eleven of them. If their shift ends at six, the boat is no use.", "Dr Hywel Penrose");
  assert_quote (&r, 1, text, "“The company talks about ‘demand’. Of course demand falls.", "Dr Hywel Penrose");
  assert_quote (&r, 2, text, "“I would ask them to explain that.”", "Dr Hywel Penrose");
  /* the attribution after the last piece is every piece's */
  assert_quote (&r, 3, text, "\"An adjusted time isn't a real time.", "Ms Cole");
  assert_quote (&r, 4, text, "\"I don't want an asterisk,\"", "Ms Cole");
}

/* Paragraphs a line each, with no blank line between them: the same
 * pieces, each ending at its line's last character. */
static void
test_continued_lines (void)
{
  const char *text =
    "Dr Hywel Penrose said the sailing mattered.\n"
    "“There are eleven of them.  \n"
    "“The company talks about ‘demand’.\r\n"
    "“I would ask them.”\n"
    "“We are against it,” she said.\n";
  g_auto(Run) r = { 0 };

  run (&r, text);
  g_assert_cmpuint (r.suggestions->len, ==, 4);
  assert_quote (&r, 0, text, "“There are eleven of them.", "Dr Hywel Penrose");
  assert_quote (&r, 1, text, "“The company talks about ‘demand’.", "Dr Hywel Penrose");
  assert_quote (&r, 2, text, "“I would ask them.”", "Dr Hywel Penrose");
  assert_quote (&r, 3, text, "“We are against it,”", "Dr Hywel Penrose");
}

static void
test_not_quotes (void)
{
  const char *text =
    "The closure was part of its “Libraries 2030” programme, after a so-called “consultation” in August.\n\n"
    "Some compared the café to the 1980s film “Fix It, Grandma”. The quarry is known locally as “the Big Hole”.\n\n"
    "‘The water came under the door’\n\n"
    "The last reading, of “The Night the Books Stayed Up”, a picture book, was on Friday.\n";
  g_auto(Run) r = { 0 };

  run (&r, text);
  g_assert_cmpuint (r.suggestions->len, ==, 0);
}

static void
test_crlf_and_emoji (void)
{
  /* CR counts as a code point; the flag, heart and combining diaeresis
   * before the quote are code points too. */
  const char *text =
    "Stadium\r\n\r\n"
    "Zoe\u0308 posted 🇬🇧❤️ and 👨‍👧 from Leeds. Ifeoma Sandford spoke.\r\n\r\n"
    "“I have stood on that terrace since I was six,” Ms Sandford said. “My dad is on the wall.\r\n\r\n"
    "“But the roof is eighty years old.”\r\n";
  g_auto(Run) r = { 0 };

  run (&r, text);
  g_assert_cmpuint (r.suggestions->len, ==, 3);
  assert_quote (&r, 0, text, "“I have stood on that terrace since I was six,”", "Ms Sandford");
  /* the open piece ends at its full stop, not at the CR after it */
  assert_quote (&r, 1, text, "“My dad is on the wall.", "Ms Sandford");
  assert_quote (&r, 2, text, "“But the roof is eighty years old.”", "Ms Sandford");
}

/* A combining character on a mark: the span takes the whole cluster. */
static void
test_combining_on_mark (void)
{
  const char *text = "Anna Berg spoke. “\u0301Hi,”\u0308 she said.";
  g_auto(Run) r = { 0 };

  run (&r, text);
  g_assert_cmpuint (r.suggestions->len, ==, 1);
  assert_quote (&r, 0, text, "“\u0301Hi,”\u0308", "Anna Berg");
}

static void
test_pronouns_and_organisations (void)
{
  const char *text =
    "Anwen Varcoe leads the partnership. “As far as I can see, notice has not been given,” she said.\n\n"
    "The Vell Valley Health Trust published the figures. The Vell Valley Vision Forum objected.\n\n"
    "The trust said in a statement that it had advertised twice. “The shortage is well documented,” the statement said.\n\n"
    "According to Dr Amara Osei, the clinic has begun “borrowing hours” from a neighbour.\n\n"
    "A spokesperson for Greyline Buses, which runs the route, said the company “would be delighted”.\n";
  g_auto(Run) r = { 0 };

  run (&r, text);
  g_assert_cmpuint (r.suggestions->len, ==, 4);
  assert_quote (&r, 0, text, "“As far as I can see, notice has not been given,”", "Anwen Varcoe");
  /* "the trust": the organisation whose name has Trust, not the last one named */
  assert_quote_nth (&r, 1, text, "“The shortage is well documented,”", 0, "Vell Valley Health Trust", "organization");
  assert_quote (&r, 2, text, "“borrowing hours”", "Dr Amara Osei");
  assert_quote_nth (&r, 3, text, "“would be delighted”", 0, "Greyline Buses", "organization");
}

static void
test_more_attributions (void)
{
  const char *text =
    "\"We had no choice,\" said head teacher Margaret O'Neill.\n\n"
    "“We’re monitoring it,” a Met Office spokesman said.\n\n"
    "“We’re not done yet” — Chen Wei, the union leader, told the crowd.\n\n"
    "Prime Minister Rishi Patel said the state would \"do whatever it takes\".\n\n"
    "« Il faut “vraiment” agir », a déclaré Marie Curie-Dubois.\n\n"
    "„Das ist ‚gut‘“, sagte Hans Müller.\n\n"
    "地元紙に対し、田中さんは「『古い窯』ではなく大丈夫です」と話した。\n\n"
    "“It’s the worst I’ve seen,” the 54-year-old farmer told the paper.\n\n"
    "Jane Smith runs the farm. “Why now?” Smith asked. “It will cost millions,” according to Peter Hall.\n\n"
    "“It’s over,” police said.\n";
  g_auto(Run) r = { 0 };

  run (&r, text);
  g_assert_cmpuint (r.suggestions->len, ==, 11);
  assert_quote (&r, 0, text, "\"We had no choice,\"", "Margaret O'Neill");
  assert_quote_nth (&r, 1, text, "“We’re monitoring it,”", 0, "Met Office", "organization");
  assert_quote (&r, 2, text, "“We’re not done yet”", "Chen Wei");
  /* an office title is not part of the name */
  assert_quote (&r, 3, text, "\"do whatever it takes\"", "Rishi Patel");
  assert_quote (&r, 4, text, "« Il faut “vraiment” agir »", "Marie Curie-Dubois");
  assert_quote (&r, 5, text, "„Das ist ‚gut‘“", "Hans Müller");
  /* a name known by its honorific, which is part of the span */
  assert_quote (&r, 6, text, "「『古い窯』ではなく大丈夫です」", "田中さん");
  /* a subject that names nobody: no speaker, not the last person named */
  assert_quote (&r, 7, text, "“It’s the worst I’ve seen,”", NULL);
  /* a ? does not end the sentence before its attribution */
  assert_quote (&r, 8, text, "“Why now?”", "Smith");
  assert_quote (&r, 9, text, "“It will cost millions,”", "Peter Hall");
  assert_quote (&r, 10, text, "“It’s over,”", NULL);
  g_assert_cmpstr (gloss_suggestion_get_detail (g_ptr_array_index (r.suggestions, 5)), ==, "sagte Hans Müller");
}

static GlossAnnotation *
create (GlossAnnotationSet *set, const char *text, const char *label, const char *exact, guint nth)
{
  g_autoptr(GError) error = NULL;
  guint start = offset_of_nth (text, exact, nth);
  GlossAnnotation *a = gloss_annotation_set_create (set, label, start, start + g_utf8_strlen (exact, -1), &error);

  g_assert_no_error (error);
  return a;
}

static void
test_existing (void)
{
  const char *text =
    "Gareth McCrindle runs Brinmoor Ferries. “We are moving it,” Gareth McCrindle said. “The 16:55 will run.”\n\n"
    "“It is late,” said the Kestrel Isle Community Council.\n\n"
    "“Not again,” Morwenna Tallack said.\n";
  g_auto(Run) r = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) again = NULL;
  GlossAnnotation *quote1, *quote2, *person, *council;

  run (&r, text);
  g_assert_cmpuint (r.suggestions->len, ==, 4);
  g_clear_pointer (&r.suggestions, g_ptr_array_unref);

  /* a person annotation covering the mention is the speaker, with its label */
  person = create (r.set, text, "person", "McCrindle", 1);
  council = create (r.set, text, "organization", "Kestrel Isle Community Council", 0);
  /* a quote annotated with no speaker: suggested again for its speaker */
  quote1 = create (r.set, text, "quote", "“We are moving it,”", 0);
  /* a quote with its speaker: not suggested again */
  quote2 = create (r.set, text, "quote", "“The 16:55 will run.”", 0);
  g_assert_true (gloss_annotation_set_set_speaker (r.set, quote2, person, &error));
  g_assert_no_error (error);
  /* a quote annotation over part of a quotation: the quotation is left alone */
  create (r.set, text, "quote", "“Not again", 0);
  (void) quote1;
  (void) council;

  run_with (&r, text, r.set);
  g_assert_cmpuint (r.suggestions->len, ==, 2);
  assert_quote_nth (&r, 0, text, "“We are moving it,”", 0, "McCrindle", "person");
  assert_quote_nth (&r, 1, text, "“It is late,”", 0, "Kestrel Isle Community Council", "organization");

  /* the same input gives the same suggestions */
  again = gloss_suggest_quotes (r.doc, r.set, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, r.suggestions->len);
  for (guint i = 0; i < again->len; i++)
    g_assert_true (gloss_suggestion_same_proposal (g_ptr_array_index (again, i), g_ptr_array_index (r.suggestions, i)));
}

static void
test_bad_input (void)
{
  const char *texts[] = {
    "",
    "“",
    "”",
    "\"\"\"",
    "«««»",
    "„“„",
    "‘’‘’ ’",
    "「『」』",
    "“unclosed at the end of the text",
    "“unclosed\n\nand the next paragraph does not open again.",
    "said said said “” said",
    "Mr. “x” Dr. Ms “y,” Mr said.",
    "\r\n\r\n“\r\n\r\n”\r\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_auto(Run) r = { 0 };

      run (&r, texts[i]);
      for (guint j = 0; j < r.suggestions->len; j++)
        {
          GlossSuggestion *s = g_ptr_array_index (r.suggestions, j);

          g_assert_cmpuint (gloss_suggestion_get_start (s), <, gloss_suggestion_get_end (s));
          g_assert_cmpuint (gloss_suggestion_get_end (s), <=, gloss_document_get_length (r.doc));
        }
    }
  {
    g_auto(Run) r = { 0 };

    /* an unclosed quotation is not suggested, the next one still is */
    run (&r, "“unclosed\n\nand no opening mark here.\n\n“Closed,” she said.");
    g_assert_cmpuint (r.suggestions->len, ==, 1);
    g_assert_cmpstr (gloss_suggestion_get_exact (g_ptr_array_index (r.suggestions, 0)), ==, "“Closed,”");
  }
}

static void
check_rules (const char *json, const char *message)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, strlen (json));
  g_autoptr(GError) error = NULL;

  g_assert_false (gloss_suggest_quotes_check_rules (bytes, "xx.json", &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  if (strstr (error->message, message) == NULL)
    g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, message));
}

/* The rule files as they are in the source tree read cleanly; a broken one
 * is refused saying where. */
/* Random text of marks, letters, spaces, line breaks, emoji and combining
 * characters (a fixed seed): every suggestion a span of whole grapheme
 * clusters in the text, its exact text the article's there, in document
 * order, its speaker too. */
static void
test_random_marks (void)
{
  static const char *const pieces[] = {
    "“", "”", "‘", "’", "\"", "'", "«", "»", "„", "‚", "「", "」", "『", "』",
    " ", " ", " ", "\n", "\n\n", "\r\n", "\u00A0", "\u202F", ",", ".", "?", ":", "—",
    "said", "she", "Ms", "Dr.", "M.", "Smith", "Anna Berg", "the", "trust", "statement",
    "a spokesperson for", "according to", "さん", "高木", "は",
    "\u0308", "👨‍👧", "🇬🇧", "❤️", "e\u0301", "’n’", "don’t",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (15);

  for (guint round = 0; round < 400; round++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      guint n = g_rand_int_range (rand, 0, 60);
      g_auto(Run) r = { 0 };
      guint last_start = 0;

      for (guint i = 0; i < n; i++)
        g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      run (&r, text->str);
      for (guint j = 0; j < r.suggestions->len; j++)
        {
          GlossSuggestion *s = g_ptr_array_index (r.suggestions, j);
          guint start = gloss_suggestion_get_start (s), end = gloss_suggestion_get_end (s), ss, se;
          g_autofree char *slice = gloss_document_dup_slice (r.doc, start, end);

          g_assert_cmpuint (start, <, end);
          g_assert_cmpuint (end, <=, gloss_document_get_length (r.doc));
          g_assert_cmpuint (start, >=, last_start);
          g_assert_true (gloss_document_is_grapheme_boundary (r.doc, start));
          g_assert_true (gloss_document_is_grapheme_boundary (r.doc, end));
          g_assert_cmpstr (gloss_suggestion_get_exact (s), ==, slice);
          if (gloss_suggestion_get_speaker (s, &ss, &se, NULL))
            {
              g_assert_cmpuint (ss, <, se);
              g_assert_cmpuint (se, <=, gloss_document_get_length (r.doc));
              g_assert_true (gloss_document_is_grapheme_boundary (r.doc, ss));
              g_assert_true (gloss_document_is_grapheme_boundary (r.doc, se));
            }
          last_start = start;
        }
    }
}

static void
test_rules (void)
{
  const char *langs[] = { "de", "en", "fr", "ja" };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (langs); i++)
    {
      g_autofree char *name = g_strconcat (langs[i], ".json", NULL);
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "src", "model", "suggest", name, NULL);
      g_autofree char *contents = NULL;
      g_autoptr(GBytes) bytes = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (path, &contents, &length, &error));
      g_assert_no_error (error);
      bytes = g_bytes_new (contents, length);
      g_assert_true (gloss_suggest_quotes_check_rules (bytes, path, &error));
      g_assert_no_error (error);
    }
  check_rules ("{\"speech_verbs\": [\"said\",\n  ]}", "xx.json:1:25: trailing comma");
  check_rules ("[]", "xx.json: $: expected an object, not an array");
  check_rules ("{\"speech_verbs\": \"said\"}", "xx.json: $.speech_verbs: expected an array, not a string");
  check_rules ("{\"pronouns\": {\"he\": 1}}", "xx.json: $.pronouns.he: expected a string, not a number");
  check_rules ("{\"attributions\": [\"Q ,? NAME VERB\", \"NAME VERB\"]}", "xx.json: $.attributions[1]: an attribution pattern needs one Q");
  check_rules ("{\"attributions\": [\"Q VERB\"]}", "xx.json: $.attributions[0]");
  check_rules ("{\"subjects\": [\"Q NAME VERB\"]}", "xx.json: $.subjects[0]: a subject pattern needs no Q");
  check_rules ("{\"attributions\": [3]}", "xx.json: $.attributions[0]: expected a string, not a number");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/suggest-quotes/curly", test_curly);
  g_test_add_func ("/suggest-quotes/straight", test_straight);
  g_test_add_func ("/suggest-quotes/british", test_british);
  g_test_add_func ("/suggest-quotes/apostrophes", test_apostrophes);
  g_test_add_func ("/suggest-quotes/guillemets", test_guillemets);
  g_test_add_func ("/suggest-quotes/german-japanese", test_german_japanese);
  g_test_add_func ("/suggest-quotes/continued", test_continued);
  g_test_add_func ("/suggest-quotes/continued-lines", test_continued_lines);
  g_test_add_func ("/suggest-quotes/not-quotes", test_not_quotes);
  g_test_add_func ("/suggest-quotes/crlf-emoji", test_crlf_and_emoji);
  g_test_add_func ("/suggest-quotes/combining-on-mark", test_combining_on_mark);
  g_test_add_func ("/suggest-quotes/pronouns-organisations", test_pronouns_and_organisations);
  g_test_add_func ("/suggest-quotes/more-attributions", test_more_attributions);
  g_test_add_func ("/suggest-quotes/existing", test_existing);
  g_test_add_func ("/suggest-quotes/bad-input", test_bad_input);
  g_test_add_func ("/suggest-quotes/random-marks", test_random_marks);
  g_test_add_func ("/suggest-quotes/rules", test_rules);

  return g_test_run ();
}
