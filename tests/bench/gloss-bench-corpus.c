/* gloss-bench-corpus.c — synthetic news articles and sidecars for benchmarks
 *
 * The prose is assembled from the phrase lists below, written for these
 * benchmarks. Each sentence template records where its names, quotes and
 * claims landed (in code points, as they are appended), so annotations
 * always cover whole words and never need to be searched for afterwards.
 * Everything is driven by one GRand seed: the same options give
 * byte-identical articles and sidecars.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "gloss-bench-corpus.h"

#define PICK(rand, list) ((list)[g_rand_int_range ((rand), 0, G_N_ELEMENTS (list))])

/* Sidecar timestamps start here and advance per annotation, so they look
 * like a day's work and stay deterministic. 2026-11-26T08:30:00Z */
#define BASE_TIMESTAMP G_GINT64_CONSTANT (1795681800)

static const char * const labels[] = {
  "claim", "quote", "person", "organization", "location", "misc",
};

static const char * const first_names[] = {
  "Zoë", "Łukasz", "Amélie", "José", "Søren", "Dália", "Ngozi", "Mateus",
  "Ingrid", "Tomás", "Aiko", "Ferhat", "Élodie", "Björn", "Chiara", "Rahul",
  "Nadia", "Oskar", "Leilani", "Kwame", "Siobhán", "Dmitri", "Ana", "Yusuf",
  /* decomposed: e + U+0301, so a name ends on a two-code-point grapheme
   * (the last byte in octal: a hex escape would swallow the "e") */
  "Rene\xcc\201e",
};

static const char * const surnames[] = {
  "Müller", "Okafor", "Nowak", "García", "Lindqvist", "Dvořák", "Haddad",
  "Brennan", "Ishikawa", "Petrović", "Fournier", "Ólafsdóttir", "Costa",
  "Kowalczyk", "Mensah", "Varga", "Al-Rashid", "O’Connell", "Nguyễn",
  "Šimková",
};

/* Always written after "the". */
static const char * const organizations[] = {
  "Ministry of Coastal Affairs", "Northfield Water Authority",
  "Harbour Freight Union", "Institute for Ledger Studies",
  "Lindenmark Rail Company", "Council of Valley Mayors",
  "Société des Eaux de Vellmar", "Agency for Grid Resilience",
  "Federation of Small Growers", "Office of the Fiscal Ombudsman",
  "Kestrel Bay Port Trust", "Association of Night Bakers",
  "Tribunal of Maritime Claims", "Bürgerforum Quellbach",
};

static const char * const locations[] = {
  "Vellmar", "Port Ardith", "Santa Lúcia", "Kraków", "Tromsø", "Reykjavík",
  "Åkersvik", "Oranmore", "Quellbach", "Nové Pole", "Île Verte",
  "Mar del Cielo", "Kestrel Bay", "Lindenmark",
};

/* Always written after "The" or "the". */
static const char * const miscs[] = {
  "Clean Harbours Act", "Winter Grain Accord", "Lantern Protocol",
  "Tidewater Festival", "Northern Corridor Plan", "Riverside Census",
  "Blue Ledger Review", "Café Solidarité Scheme", "Brückenbau Programme",
};

static const char * const roles[] = {
  "a spokesperson for", "a press officer at", "the chief economist at",
  "a senior engineer with", "an adviser to", "the deputy director of",
  "a shop steward at", "a board member of", "a former auditor at",
};

static const char * const bios[] = {
  "has run a bakery on the same corner for twenty years",
  "chairs the residents’ association",
  "spent a decade inspecting bridges",
  "was elected last spring on a promise to fix the buses",
  "grew up two streets from the old shipyard",
  "now advises the opposition on transport",
  "lost her shop to the floods of 2021",
};

/* Quote bodies start lower case and end on a letter, so the span can stop
 * before the punctuation that closes the sentence. */
static const char * const quote_openers[] = {
  "", "", "", "frankly, ", "to be clear, ", "honestly, ", "look, ",
};

static const char * const quote_bodies[] = {
  "we have never seen numbers like these",
  "the repairs will take at least another season",
  "nobody asked the people who actually live here",
  "this is a budget built on hope rather than arithmetic",
  "our members are tired of waiting for answers",
  "the figures speak for themselves",
  "the river does not care about our deadlines",
  "we will publish every invoice, line by line",
  "it is far too early to call this a recovery",
  "the timetable was always optimistic",
  "there is no money left in that account",
  "we warned them about the pumps in 2019",
  "people are choosing between heating and rent",
  "the inspectors were never given the keys",
  "this was a political decision dressed up as an engineering one",
  "the ferry is the only way most of us can get to work",
  "if the numbers are wrong, we will say so",
  "we are not going to apologise for asking questions",
  "every winter the same streets flood",
};

static const char * const quote_tails[] = {
  "and everyone here knows it", "whatever the ministry says",
  "not next year, now", "that is the whole story",
  "and I would say it again",
};

static const char * const claim_subjects[] = {
  "water bills", "the number of night buses", "average rents",
  "grain exports", "hospital waiting times", "the city’s debt",
  "ferry ticket sales", "youth unemployment", "the harbour’s cargo volume",
  "applications for building permits",
};

static const char * const claim_verbs[] = {
  "rose by", "fell by", "grew by", "dropped by", "climbed by",
};

static const char * const claim_times[] = {
  "last year", "since 2019", "over the past decade", "in the first quarter",
  "during the winter", "between March and August",
};

static const char * const claim_spending[] = {
  "outside consultants", "a ferry that never sailed",
  "temporary flood barriers", "a software system nobody uses",
  "legal fees", "new signs for the ring road",
};

static const char * const claim_counts[] = {
  "households were left without heating", "commuters switched to the new line",
  "residents signed the petition", "jobs were cut at the port",
  "complaints reached the ombudsman",
};

static const char * const reports[] = {
  "report", "review", "leaked memo", "internal audit", "survey",
};

static const char * const scenes[] = {
  "the mood on the quayside was quieter — almost resigned",
  "shops closed early and the trams ran half empty",
  "volunteers stacked sandbags outside the library until midnight",
  "the queue outside the benefits office reached the corner by nine",
  "a single crane still stands over the unfinished terminal",
  "residents have started to keep their own flood diaries",
  "the night market reopened for the first time since the storm",
};

static const char * const misc_predicates[] = {
  "was meant to settle the matter by spring",
  "has been delayed three times since it was announced",
  "remains popular with voters outside the capital",
  "was drafted in a single weekend, according to two people involved",
  "is due for review before the summer recess",
};

static const char * const fillers[] = {
  "Nothing about the plan is simple.",
  "Officials declined to comment further.",
  "The figures have not been independently verified.",
  "Few people expected the vote to be this close.",
  "Critics say the timetable was never realistic.",
  "It was raining again by the afternoon.",
  "The meeting ran late — nearly three hours over.",
  "Some of the documents were released only after a formal request.",
  "Not everyone is convinced.",
  "The next hearing is scheduled for the autumn.",
};

static const char * const emojis[] = {
  "🌊", "📉", "☔", "🚋", "🙄", "👨‍👩‍👧",
};

static const char * const headlines[] = {
  "Questions Mount Over the Harbour Budget",
  "A City Waits for Its Ferry",
  "Inside the Fight Over Night Buses",
  "Flood Barriers, Late and Over Budget",
  "The Grain Deal Nobody Can Explain",
};

/* Text assembly
 * ------------------------------------------------------------------------ */

typedef struct
{
  guint       start;
  guint       end;
  const char *label;    /* one of labels[]; NULL once dropped */
  int         speaker;  /* a quote's speaker (index of a person span), or -1 */
} Span;

typedef struct
{
  guint from;
  guint to;
} Link;

typedef struct
{
  GRand   *rand;
  GString *text;
  guint    length;  /* of text, in code points */
  GArray  *spans;   /* Span: every candidate annotation */
} Builder;

struct _GlossBenchArticle
{
  char   *text;
  gsize   n_bytes;
  guint   length;
  GArray *spans;      /* Span: the reference annotations, in document order */
  GArray *links;      /* Link: speaker relations, quote → person */
  /* Words (runs of letters, digits and marks), found on first need. */
  GArray *word_starts;
  GArray *word_ends;
};

static void
append (Builder    *b,
        const char *str)
{
  g_string_append (b->text, str);
  b->length += g_utf8_strlen (str, -1);
}

static guint
add_span (Builder    *b,
          guint       start,
          const char *label)
{
  Span span = { start, b->length, label, -1 };

  g_array_append_val (b->spans, span);
  return b->spans->len - 1;
}

static guint
append_span (Builder    *b,
             const char *str,
             const char *label)
{
  guint start = b->length;

  append (b, str);
  return add_span (b, start, label);
}

/* The first character of @str upper-cased (sentence starts). */
static void
append_capitalized (Builder    *b,
                    const char *str)
{
  gunichar first = g_unichar_toupper (g_utf8_get_char (str));

  g_string_append_unichar (b->text, first);
  b->length++;
  append (b, g_utf8_next_char (str));
}

static guint
append_person (Builder  *b,
               gboolean  surname_only)
{
  g_autofree char *name = NULL;

  if (surname_only)
    name = g_strdup (PICK (b->rand, surnames));
  else
    name = g_strconcat (PICK (b->rand, first_names), " ", PICK (b->rand, surnames), NULL);

  return append_span (b, name, "person");
}

static void
append_organization (Builder *b)
{
  append (b, "the ");
  append_span (b, PICK (b->rand, organizations), "organization");
}

static void
append_location (Builder *b)
{
  append_span (b, PICK (b->rand, locations), "location");
}

/* The words inside the quotation marks; some hold a nested location. */
static guint
append_quote_body (Builder  *b,
                   gboolean  capitalize)
{
  guint start = b->length;
  const char *opener = PICK (b->rand, quote_openers);
  const char *body = PICK (b->rand, quote_bodies);
  guint variant = g_rand_int_range (b->rand, 0, 4);

  if (*opener != '\0')
    {
      if (capitalize)
        append_capitalized (b, opener);
      else
        append (b, opener);
      append (b, body);
    }
  else if (capitalize)
    append_capitalized (b, body);
  else
    append (b, body);

  if (variant == 0)
    {
      append (b, " in ");
      append_location (b);
    }
  else if (variant == 1)
    {
      append (b, " — ");
      append (b, PICK (b->rand, quote_tails));
    }

  return add_span (b, start, "quote");
}

static void
append_percentage (Builder *b)
{
  g_autofree char *amount = NULL;

  if (g_rand_boolean (b->rand))
    amount = g_strdup_printf ("%d percent", g_rand_int_range (b->rand, 2, 60));
  else
    amount = g_strdup_printf ("%d.%d percent", g_rand_int_range (b->rand, 1, 30),
                              g_rand_int_range (b->rand, 1, 10));
  append (b, amount);
}

static void
append_money (Builder *b)
{
  g_autofree char *amount = g_strdup_printf ("€%d.%d million",
                                             g_rand_int_range (b->rand, 1, 90),
                                             g_rand_int_range (b->rand, 1, 10));
  append (b, amount);
}

/* A checkable statement, starting with a lower-case word and ending on a
 * word; some forms nest an entity inside the claim. */
static void
append_claim (Builder *b)
{
  guint start = b->length;

  switch (g_rand_int_range (b->rand, 0, 4))
    {
    case 0:
      append (b, PICK (b->rand, claim_subjects));
      if (g_rand_boolean (b->rand))
        {
          append (b, " in ");
          append_location (b);
        }
      append (b, " ");
      append (b, PICK (b->rand, claim_verbs));
      append (b, " ");
      append_percentage (b);
      append (b, " ");
      append (b, PICK (b->rand, claim_times));
      break;

    case 1:
      append_organization (b);
      append (b, " spent ");
      append_money (b);
      append (b, " on ");
      append (b, PICK (b->rand, claim_spending));
      break;

    case 2:
      append (b, "the ");
      append_span (b, PICK (b->rand, miscs), "misc");
      append (b, " will cost ");
      append_money (b);
      append (b, " more than planned");
      break;

    default:
      {
        g_autofree char *count = g_strdup_printf ("more than %d,%03d ",
                                                  g_rand_int_range (b->rand, 1, 40),
                                                  g_rand_int_range (b->rand, 0, 1000));
        append (b, count);
        append (b, PICK (b->rand, claim_counts));
        append (b, " ");
        append (b, PICK (b->rand, claim_times));
      }
      break;
    }

  add_span (b, start, "claim");
}

static void
link_speaker (Builder *b,
              guint    quote,
              guint    person)
{
  g_array_index (b->spans, Span, quote).speaker = (int) person;
}

/* Sentence templates. Each appends one sentence without surrounding space. */

static void
sentence_quote_said (Builder *b)
{
  guint quote, person;

  append (b, "“");
  quote = append_quote_body (b, TRUE);
  append (b, ",” said ");
  person = append_person (b, FALSE);
  append (b, ", ");
  append (b, PICK (b->rand, roles));
  append (b, " ");
  append_organization (b);
  append (b, ".");
  link_speaker (b, quote, person);
}

static void
sentence_quote_blunt (Builder *b)
{
  guint quote, person;

  person = append_person (b, TRUE);
  append (b, " put it more bluntly: “");
  quote = append_quote_body (b, TRUE);
  append (b, ".”");
  link_speaker (b, quote, person);
}

static void
sentence_quote_posted (Builder *b)
{
  guint quote, person;

  person = append_person (b, FALSE);
  append (b, " wrote on social media: “");
  quote = append_quote_body (b, TRUE);
  append (b, ".");
  /* Posts keep their emoji, outside the quoted words. */
  if (g_rand_boolean (b->rand))
    {
      append (b, " ");
      append (b, PICK (b->rand, emojis));
    }
  append (b, "”");
  link_speaker (b, quote, person);
}

static void
sentence_claim_according (Builder *b)
{
  append (b, "According to ");
  append_organization (b);
  append (b, ", ");
  append_claim (b);
  append (b, ".");
}

static void
sentence_claim_told (Builder *b)
{
  append_person (b, FALSE);
  append (b, ", who ");
  append (b, PICK (b->rand, bios));
  append (b, ", told reporters in ");
  append_location (b);
  append (b, " that ");
  append_claim (b);
  append (b, ".");
}

static void
sentence_claim_report (Builder *b)
{
  const char *report = PICK (b->rand, reports);

  append (b, strchr ("aeiou", report[0]) != NULL ? "An " : "A ");
  append (b, report);
  append (b, " published by ");
  append_organization (b);
  append (b, " found that ");
  append_claim (b);
  append (b, ".");
}

static void
sentence_location (Builder *b)
{
  append (b, "In ");
  append_location (b);
  append (b, ", ");
  append (b, PICK (b->rand, scenes));
  append (b, ".");
}

static void
sentence_misc (Builder *b)
{
  append (b, "The ");
  append_span (b, PICK (b->rand, miscs), "misc");
  append (b, " ");
  append (b, PICK (b->rand, misc_predicates));
  append (b, ".");
}

static void
sentence_filler (Builder *b)
{
  append (b, PICK (b->rand, fillers));
}

typedef void (*SentenceFunc) (Builder *b);

/* Weighted by repetition: about a third quotes, a third claims. */
static const SentenceFunc sentence_funcs[] = {
  sentence_quote_said, sentence_quote_said, sentence_quote_blunt,
  sentence_quote_posted, sentence_claim_according, sentence_claim_according,
  sentence_claim_told, sentence_claim_report, sentence_location,
  sentence_misc, sentence_filler, sentence_filler,
};

static void
append_paragraph (Builder *b)
{
  guint n = g_rand_int_range (b->rand, 3, 7);

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        append (b, " ");
      PICK (b->rand, sentence_funcs) (b);
    }
}

/* "KRAKÓW — " before the first paragraph, as wire copy does. */
static void
append_dateline (Builder *b)
{
  g_autofree char *place = g_utf8_strup (PICK (b->rand, locations), -1);

  append_span (b, place, "location");
  append (b, " — ");
}

/* Choosing the annotations
 * ------------------------------------------------------------------------ */

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const Span *x = a, *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  return strcmp (x->label, y->label);
}

/* The first @n of a deterministic shuffle of 0…@total-1. */
static guint *
choose (GRand *rand,
        guint  total,
        guint  n)
{
  guint *order = g_new (guint, MAX (total, 1));

  for (guint i = 0; i < total; i++)
    order[i] = i;

  for (guint i = 0; i < n && i < total; i++)
    {
      guint j = g_rand_int_range (rand, i, total);
      guint tmp = order[i];

      order[i] = order[j];
      order[j] = tmp;
    }

  return order;
}

static int
compare_guint (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* Candidate indexes in document order (an outer span is recorded after
 * the spans nested in it, so recording order is not document order). */
static int
compare_candidates (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  GArray *spans = user_data;
  guint x = *(const guint *) a, y = *(const guint *) b;
  int cmp = compare_spans (&g_array_index (spans, Span, x), &g_array_index (spans, Span, y));

  return cmp != 0 ? cmp : compare_guint (a, b, NULL);
}

/* Keep @n candidates spread evenly over the text (a random subset, not the
 * first n), then up to @max_links of the speaker links whose two ends both
 * survived, also spread over the text. */
static void
select_annotations (GlossBenchArticle *self,
                    Builder           *b,
                    guint              n,
                    guint              max_links)
{
  guint total = b->spans->len;
  g_autofree guint *order = choose (b->rand, total, n);
  g_autofree int *new_index = g_new (int, MAX (total, 1));
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Link));
  g_autofree guint *link_order = NULL;

  n = MIN (n, total);
  g_qsort_with_data (order, n, sizeof (guint), compare_candidates, b->spans);

  for (guint i = 0; i < total; i++)
    new_index[i] = -1;

  for (guint i = 0; i < n; i++)
    {
      new_index[order[i]] = (int) i;
      g_array_append_val (self->spans, g_array_index (b->spans, Span, order[i]));
    }

  for (guint i = 0; i < self->spans->len; i++)
    {
      Span *span = &g_array_index (self->spans, Span, i);

      if (span->speaker >= 0 && new_index[span->speaker] >= 0)
        {
          Link link = { i, (guint) new_index[span->speaker] };
          g_array_append_val (candidates, link);
        }
      span->speaker = -1;
    }

  link_order = choose (b->rand, candidates->len, max_links);
  max_links = MIN (max_links, candidates->len);
  g_qsort_with_data (link_order, max_links, sizeof (guint), compare_guint, NULL);
  for (guint i = 0; i < max_links; i++)
    g_array_append_val (self->links, g_array_index (candidates, Link, link_order[i]));
}

GlossBenchArticle *
gloss_bench_article_generate (guint32 seed,
                              gsize   min_bytes,
                              guint   n_annotations,
                              guint   max_relations)
{
  return gloss_bench_article_generate_full (seed, min_bytes, n_annotations, max_relations,
                                            GLOSS_BENCH_ARTICLE_DEFAULT);
}

GlossBenchArticle *
gloss_bench_article_generate_full (guint32                seed,
                                   gsize                  min_bytes,
                                   guint                  n_annotations,
                                   guint                  max_relations,
                                   GlossBenchArticleFlags flags)
{
  /* One paragraph: what would break the line joins sentences instead. */
  const char *paragraph_break = (flags & GLOSS_BENCH_ARTICLE_ONE_PARAGRAPH) ? " " : "\n\n";
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  GlossBenchArticle *self = g_new0 (GlossBenchArticle, 1);
  Builder b = { 0 };

  b.rand = rand;
  b.text = g_string_sized_new (min_bytes + 4096);
  b.spans = g_array_new (FALSE, FALSE, sizeof (Span));

  append (&b, PICK (rand, headlines));
  append (&b, paragraph_break);
  append_dateline (&b);
  append_paragraph (&b);

  /* Keep going until long enough and rich enough to choose from. */
  while (b.text->len < min_bytes || b.spans->len < n_annotations)
    {
      append (&b, paragraph_break);
      append_paragraph (&b);
    }
  append (&b, "\n");

  self->spans = g_array_new (FALSE, FALSE, sizeof (Span));
  self->links = g_array_new (FALSE, FALSE, sizeof (Link));
  select_annotations (self, &b, n_annotations, max_relations);

  self->length = b.length;
  self->n_bytes = b.text->len;
  self->text = g_string_free (b.text, FALSE);
  g_array_unref (b.spans);

  return self;
}

void
gloss_bench_article_free (GlossBenchArticle *self)
{
  if (self == NULL)
    return;

  g_free (self->text);
  g_array_unref (self->spans);
  g_array_unref (self->links);
  g_clear_pointer (&self->word_starts, g_array_unref);
  g_clear_pointer (&self->word_ends, g_array_unref);
  g_free (self);
}

const char *
gloss_bench_article_get_text (GlossBenchArticle *self,
                              gsize             *n_bytes)
{
  if (n_bytes != NULL)
    *n_bytes = self->n_bytes;
  return self->text;
}

guint
gloss_bench_article_get_length (GlossBenchArticle *self)
{
  return self->length;
}

guint
gloss_bench_article_get_n_annotations (GlossBenchArticle *self)
{
  return self->spans->len;
}

guint
gloss_bench_article_get_n_relations (GlossBenchArticle *self)
{
  return self->links->len;
}

/* Disagreement
 * ------------------------------------------------------------------------ */

static gboolean
is_word_char (gunichar c)
{
  /* Marks belong to the letter before them: a word must not end between
   * "e" and a combining acute. */
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

static void
ensure_words (GlossBenchArticle *self)
{
  gboolean in_word = FALSE;
  guint offset = 0;

  if (self->word_starts != NULL)
    return;

  self->word_starts = g_array_new (FALSE, FALSE, sizeof (guint));
  self->word_ends = g_array_new (FALSE, FALSE, sizeof (guint));

  for (const char *p = self->text; *p != '\0'; p = g_utf8_next_char (p), offset++)
    {
      gboolean word_char = is_word_char (g_utf8_get_char (p));

      if (word_char && !in_word)
        g_array_append_val (self->word_starts, offset);
      else if (!word_char && in_word)
        g_array_append_val (self->word_ends, offset);
      in_word = word_char;
    }

  if (in_word)
    g_array_append_val (self->word_ends, offset);
}

/* Index of @value in the sorted @array, or -1. */
static int
find_sorted (GArray *array,
             guint   value)
{
  guint lo = 0, hi = array->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (array, guint, mid) < value)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo < array->len && g_array_index (array, guint, lo) == value ? (int) lo : -1;
}

static void
swap_label (GRand *rand,
            Span  *span)
{
  guint current = 0;

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (strcmp (labels[i], span->label) == 0)
      current = i;

  span->label = labels[(current + g_rand_int_range (rand, 1, G_N_ELEMENTS (labels)))
                       % G_N_ELEMENTS (labels)];
}

/* Move one end of the span by one word, keeping at least one word inside.
 * Returns FALSE when the span does not sit on word boundaries. */
static gboolean
shift_boundary (GlossBenchArticle *self,
                GRand             *rand,
                Span              *span)
{
  int first = find_sorted (self->word_starts, span->start);
  int last = find_sorted (self->word_ends, span->end);
  guint n_words = self->word_starts->len;
  guint choices[4];
  guint n_choices = 0;

  if (first < 0 || last < 0)
    return FALSE;

  /* 0: extend end, 1: shrink end, 2: extend start, 3: shrink start */
  if ((guint) last + 1 < n_words)
    choices[n_choices++] = 0;
  if (last > first)
    choices[n_choices++] = 1;
  if (first > 0)
    choices[n_choices++] = 2;
  if (last > first)
    choices[n_choices++] = 3;

  if (n_choices == 0)
    return FALSE;

  switch (choices[g_rand_int_range (rand, 0, n_choices)])
    {
    case 0:
      span->end = g_array_index (self->word_ends, guint, last + 1);
      break;
    case 1:
      span->end = g_array_index (self->word_ends, guint, last - 1);
      break;
    case 2:
      span->start = g_array_index (self->word_starts, guint, first - 1);
      break;
    default:
      span->start = g_array_index (self->word_starts, guint, first + 1);
      break;
    }

  return TRUE;
}

/* A span of one to three words somewhere else, as a second annotator
 * marks things the first one did not. */
static Span
extra_span (GlossBenchArticle *self,
            GRand             *rand)
{
  guint n_words = self->word_starts->len;
  guint first = g_rand_int_range (rand, 0, n_words);
  guint last = MIN (first + g_rand_int_range (rand, 0, 3), n_words - 1);
  Span span;

  span.start = g_array_index (self->word_starts, guint, first);
  span.end = g_array_index (self->word_ends, guint, last);
  span.label = PICK (rand, labels);
  span.speaker = -1;

  return span;
}

/* Annotator @annotator changes round(P × n) spans chosen by its own seed,
 * cycling through the four kinds of disagreement so each gets a quarter. */
static void
disagree (GlossBenchArticle             *self,
          GArray                        *spans,
          guint                          annotator,
          const GlossBenchCorpusOptions *options)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (options->seed ^ (0x9e3779b9u * annotator));
  guint n = spans->len;
  guint n_changed = (guint) (options->disagreement * n + 0.5);
  g_autofree guint *order = NULL;

  if (n == 0 || n_changed == 0)
    return;

  ensure_words (self);
  n_changed = MIN (n_changed, n);
  order = choose (rand, n, n_changed);

  for (guint i = 0; i < n_changed; i++)
    {
      Span *span = &g_array_index (spans, Span, order[i]);

      switch (i % 4)
        {
        case 0:
          swap_label (rand, span);
          break;
        case 1:
          if (!shift_boundary (self, rand, span))
            swap_label (rand, span);
          break;
        case 2:
          span->label = NULL;
          break;
        default:
          {
            Span extra = extra_span (self, rand);
            /* May reallocate: @span is not used after this. */
            g_array_append_val (spans, extra);
          }
          break;
        }
    }
}

/* Writing
 * ------------------------------------------------------------------------ */

void
gloss_bench_corpus_options_init (GlossBenchCorpusOptions *options)
{
  options->seed = GLOSS_BENCH_DEFAULT_SEED;
  options->n_annotators = 1;
  options->disagreement = 0.0;
}

char *
gloss_bench_annotator_id (guint annotator)
{
  if (annotator <= 1)
    return g_strdup (GLOSS_BENCH_ANNOTATOR);

  return g_strdup_printf (GLOSS_BENCH_ANNOTATOR "-%u", annotator);
}

/* Ids look random ("a-7f3c2e91") but are a bijection of (annotator, index):
 * unique without a lookup table, identical from run to run. */
static char *
make_id (char   kind,
         guint  annotator,
         guint  index)
{
  guint32 mixed = (((guint32) annotator << 24) ^ (guint32) index) ^ (kind == 'a' ? 0 : 0x5bd1e995u);

  /* MurmurHash3's finaliser: each step is invertible, so is the whole. */
  mixed ^= mixed >> 16;
  mixed *= 0x85ebca6bu;
  mixed ^= mixed >> 13;
  mixed *= 0xc2b2ae35u;
  mixed ^= mixed >> 16;

  return g_strdup_printf ("%c-%08x", kind, mixed);
}

static char *
make_timestamp (guint index)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (BASE_TIMESTAMP + 7 * (gint64) index);

  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ");
}

void
gloss_bench_article_load_into (GlossBenchArticle             *self,
                               GlossAnnotationSet            *set,
                               guint                          annotator,
                               const GlossBenchCorpusOptions *options)
{
  g_autoptr(GArray) spans = g_array_sized_new (FALSE, FALSE, sizeof (Span), self->spans->len + 16);
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) relations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  g_return_if_fail (gloss_document_get_length (gloss_annotation_set_get_document (set)) == self->length);

  g_array_append_vals (spans, self->spans->data, self->spans->len);
  if (annotator > 1 && options != NULL && options->disagreement > 0)
    disagree (self, spans, annotator, options);

  for (guint i = 0; i < spans->len; i++)
    {
      const Span *span = &g_array_index (spans, Span, i);
      g_autofree char *now = NULL;
      GlossAnnotation *annotation;

      g_ptr_array_add (ids, make_id ('a', annotator, i));
      if (span->label == NULL)
        continue;

      now = make_timestamp (i);
      annotation = gloss_annotation_new (g_ptr_array_index (ids, i), span->label,
                                         span->start, span->end);
      gloss_annotation_set_fill_context (set, annotation);
      gloss_annotation_set_created (annotation, now);
      gloss_annotation_set_modified (annotation, now);
      g_ptr_array_add (annotations, annotation);
    }

  for (guint i = 0; i < self->links->len; i++)
    {
      const Link *link = &g_array_index (self->links, Link, i);
      const Span *from = &g_array_index (spans, Span, link->from);
      const Span *to = &g_array_index (spans, Span, link->to);
      g_autofree char *id = NULL;

      /* A speaker link only holds while it still joins a quote to a person. */
      if (g_strcmp0 (from->label, "quote") != 0 || g_strcmp0 (to->label, "person") != 0)
        continue;

      id = make_id ('r', annotator, i);
      g_ptr_array_add (relations,
                       gloss_relation_new (id, GLOSS_RELATION_SPEAKER,
                                           g_ptr_array_index (ids, link->from),
                                           g_ptr_array_index (ids, link->to)));
    }

  gloss_annotation_set_load (set, annotations, relations);
}

static gboolean
write_sidecar (GlossBenchArticle             *self,
               GlossDocument                 *document,
               guint                          annotator,
               const GlossBenchCorpusOptions *options,
               GError                       **error)
{
  g_autofree char *id = gloss_bench_annotator_id (annotator);
  g_autofree char *name = NULL;
  g_autoptr(GlossSidecar) sidecar = gloss_sidecar_new_for_document (document, id);

  if (annotator <= 1)
    name = g_strdup ("Bench Annotator");
  else
    name = g_strdup_printf ("Bench Annotator %u", annotator);

  gloss_bench_article_load_into (self, gloss_sidecar_get_annotations (sidecar),
                                 annotator, options);
  gloss_sidecar_set_annotator_name (sidecar, name);

  return gloss_sidecar_save (sidecar, NULL, error);
}

gboolean
gloss_bench_article_write (GlossBenchArticle             *self,
                           const char                    *dir,
                           const char                    *file_name,
                           const GlossBenchCorpusOptions *options,
                           GError                       **error)
{
  g_autofree char *path = g_build_filename (dir, file_name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GlossDocument) document = NULL;

  if (!g_file_set_contents (path, self->text, self->n_bytes, error))
    return FALSE;

  /* Read back through libgloss, as the app would: the sidecar's hash and
   * length must be those of the file on disk. */
  document = gloss_document_new_from_file (file, NULL, error);
  if (document == NULL)
    return FALSE;

  if (gloss_document_get_length (document) != self->length)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED,
                   "%s: libgloss counts %u code points, the generator %u",
                   path, gloss_document_get_length (document), self->length);
      return FALSE;
    }

  for (guint k = 1; k <= MAX (options->n_annotators, 1); k++)
    if (!write_sidecar (self, document, k, options, error))
      return FALSE;

  return TRUE;
}

gboolean
gloss_bench_corpus_write_big (const char                    *dir,
                              const GlossBenchCorpusOptions *options,
                              GError                       **error)
{
  g_autoptr(GlossBenchArticle) article = NULL;

  if (g_mkdir_with_parents (dir, 0777) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "%s: %s", dir, g_strerror (saved_errno));
      return FALSE;
    }

  article = gloss_bench_article_generate (options->seed,
                                          GLOSS_BENCH_BIG_BYTES,
                                          GLOSS_BENCH_BIG_ANNOTATIONS,
                                          GLOSS_BENCH_BIG_RELATIONS);

  return gloss_bench_article_write (article, dir, GLOSS_BENCH_BIG_NAME, options, error);
}

gboolean
gloss_bench_corpus_write_sized (const char                    *dir,
                                const char                    *file_name,
                                gsize                          min_bytes,
                                guint                          n_annotations,
                                GlossBenchArticleFlags         flags,
                                const GlossBenchCorpusOptions *options,
                                GError                       **error)
{
  g_autoptr(GlossBenchArticle) article = NULL;
  g_autofree char *path = NULL;
  guint n_relations = (guint) ((guint64) n_annotations * GLOSS_BENCH_RELATIONS_PER_10K / 10000);

  if (g_mkdir_with_parents (dir, 0777) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "%s: %s", dir, g_strerror (saved_errno));
      return FALSE;
    }

  article = gloss_bench_article_generate_full (options->seed, min_bytes, n_annotations,
                                               n_relations, flags);
  if (n_annotations > 0)
    return gloss_bench_article_write (article, dir, file_name, options, error);

  /* No annotations: no sidecar either, as for an article never opened. */
  path = g_build_filename (dir, file_name, NULL);
  return g_file_set_contents (path, article->text, article->n_bytes, error);
}

gboolean
gloss_bench_corpus_write_many (const char                    *dir,
                               guint                          n_articles,
                               const GlossBenchCorpusOptions *options,
                               GError                       **error)
{
  if (g_mkdir_with_parents (dir, 0777) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "%s: %s", dir, g_strerror (saved_errno));
      return FALSE;
    }

  for (guint i = 0; i < n_articles; i++)
    {
      /* Each article its own seed, so article 7 is the same whatever
       * the number of articles asked for. */
      guint32 seed = options->seed + 7919u * (i + 1);
      g_autoptr(GlossBenchArticle) article =
        gloss_bench_article_generate (seed, GLOSS_BENCH_MANY_BYTES,
                                      GLOSS_BENCH_MANY_ANNOTATIONS,
                                      GLOSS_BENCH_MANY_RELATIONS);
      g_autofree char *name = g_strdup_printf ("article-%04u.txt", i);
      GlossBenchCorpusOptions article_options = *options;

      article_options.seed = seed;
      if (!gloss_bench_article_write (article, dir, name, &article_options, error))
        return FALSE;
    }

  return TRUE;
}
