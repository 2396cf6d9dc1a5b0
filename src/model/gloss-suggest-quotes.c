/* gloss-suggest-quotes.c — quotation spans and their speakers suggested
 * from the marks and attributions of news text
 *
 * Two steps. The marks: each paragraph (text between blank lines) is
 * scanned once with a stack of open quotations, so nested marks belong to
 * the outer quotation and an outer one still open at the end of a
 * paragraph is a piece of a quote continued the newspaper way. The
 * speakers: each paragraph is cut into tokens (words by the document's
 * word boundaries, clitics apart; punctuation; each quotation one token)
 * and sentences, and the attribution patterns of the rule files
 * (suggest/LANG.json) are matched around each quotation. Everything
 * language-specific — verbs, pronouns, titles, the patterns themselves —
 * is in those files, not here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gloss-error.h"
#include "gloss-json-reader.h"
#include "gloss-suggest-quotes.h"
#include "gloss-suggest-quotes-private.h"
#include "gloss-suggest-resources.h"
#include "gloss-suggestion.h"

#define RULES_PATH "/io/github/glossapp/Gloss/model/suggest"
#define MAX_SKIP 40        /* tokens a "..." may pass over */
#define MAX_REACH 80       /* tokens between a quotation and its attribution */
#define MAX_ANON_WORDS 6   /* words of a subject that names nobody */
#define MAX_TITLE_WORDS 8  /* a longer text in marks is no title */
#define CUE_DISTANCE 3     /* words between a title and its cue */

/* ---- the rules, read once from the compiled-in files ---- */

typedef enum
{
  EL_QUOTE,
  EL_NAME,
  EL_PRON,
  EL_ORG,
  EL_ANON,
  EL_VERB,
  EL_SKIP,
  EL_WORD,
} ElementKind;

typedef struct
{
  ElementKind kind;
  gboolean    optional;
  char       *word;     /* EL_WORD: casefolded */
} Element;

typedef struct
{
  GArray   *elements;     /* of Element */
  char     *text;
  gboolean  from_start;   /* "^": the match nearest the sentence's start */
} Pattern;

typedef struct
{
  GHashTable *verbs;            /* casefolded words */
  GHashTable *pronouns;         /* casefolded → "person" or "any" */
  GHashTable *courtesy;         /* word as written, without a final "." → flags */
  GHashTable *office;
  GHashTable *stopwords;
  GHashTable *org_words;
  GHashTable *org_nouns;        /* casefolded */
  GHashTable *statement_nouns;  /* casefolded */
  GHashTable *determiners;      /* casefolded */
  GHashTable *place_preps;      /* casefolded */
  GHashTable *place_words;
  GHashTable *translation;      /* casefolded */
  GHashTable *backref;
  GHashTable *title_before;     /* casefolded */
  GHashTable *title_after;      /* casefolded */
  GHashTable *scare;            /* casefolded */
  GHashTable *anonymous;        /* casefolded: "police said" names nobody */
  GPtrArray  *elisions;         /* gunichar arrays, 0-terminated */
  GPtrArray  *name_suffixes;    /* gunichar arrays, 0-terminated: 高木さん */
  GPtrArray  *attributions;     /* Pattern */
  GPtrArray  *subjects;         /* Pattern */
} Rules;

enum { COURTESY_BARE = 1, COURTESY_DOT = 2 };

static void
pattern_free (gpointer data)
{
  Pattern *p = data;

  for (guint i = 0; i < p->elements->len; i++)
    g_free (g_array_index (p->elements, Element, i).word);
  g_array_unref (p->elements);
  g_free (p->text);
  g_free (p);
}

static GHashTable *
word_table (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static Pattern *
pattern_parse (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, " ", -1);
  Pattern *p = g_new0 (Pattern, 1);

  p->elements = g_array_new (FALSE, TRUE, sizeof (Element));
  p->text = g_strdup (text);
  for (guint i = 0; parts[i]; i++)
    {
      Element el = { 0 };
      char *w = parts[i];
      gsize len = strlen (w);

      if (len == 0)
        continue;
      if (i == 0 && g_str_equal (w, "^"))
        {
          p->from_start = TRUE;
          continue;
        }
      if (len > 1 && w[len - 1] == '?')
        {
          el.optional = TRUE;
          w[len - 1] = '\0';
        }
      if (g_str_equal (w, "Q"))
        el.kind = EL_QUOTE;
      else if (g_str_equal (w, "NAME"))
        el.kind = EL_NAME;
      else if (g_str_equal (w, "PRON"))
        el.kind = EL_PRON;
      else if (g_str_equal (w, "ORG"))
        el.kind = EL_ORG;
      else if (g_str_equal (w, "ANON"))
        el.kind = EL_ANON;
      else if (g_str_equal (w, "VERB"))
        el.kind = EL_VERB;
      else if (g_str_equal (w, "..."))
        el.kind = EL_SKIP;
      else
        {
          el.kind = EL_WORD;
          el.word = g_utf8_casefold (w, -1);
        }
      g_array_append_val (p->elements, el);
    }
  return p;
}

static gboolean
add_strings (GHashTable           *table,
             const GlossJsonValue *object,
             const char           *member,
             gboolean              fold,
             const char           *path,
             GError              **error)
{
  const GlossJsonValue *array = gloss_json_value_lookup (object, member);

  if (array == NULL)
    return TRUE;
  if (gloss_json_value_get_type (array) != GLOSS_JSON_ARRAY)
    {
      g_autofree char *what = g_strdup_printf (_("expected an array, not %s"),
                                               gloss_json_value_describe_type (array));

      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, "%s: $.%s: %s", path, member, what);
      return FALSE;
    }
  for (guint i = 0; i < gloss_json_value_get_length (array); i++)
    {
      const GlossJsonValue *v = gloss_json_value_get_element (array, i);

      if (gloss_json_value_get_type (v) != GLOSS_JSON_STRING)
        {
          g_autofree char *what = g_strdup_printf (_("expected a string, not %s"),
                                                   gloss_json_value_describe_type (v));

          g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, "%s: $.%s[%u]: %s", path, member, i, what);
          return FALSE;
        }
      if (fold)
        g_hash_table_add (table, g_utf8_casefold (gloss_json_value_get_string (v), -1));
      else
        g_hash_table_add (table, g_strdup (gloss_json_value_get_string (v)));
    }
  return TRUE;
}

static gboolean
add_patterns (GPtrArray            *patterns,
              const GlossJsonValue *object,
              const char           *member,
              gboolean              with_quote,
              const char           *path,
              GError              **error)
{
  g_autoptr(GHashTable) strings = word_table ();
  const GlossJsonValue *array = gloss_json_value_lookup (object, member);

  if (array == NULL)
    return TRUE;
  /* Checked as strings first, then kept in file order. */
  if (!add_strings (strings, object, member, FALSE, path, error))
    return FALSE;
  for (guint i = 0; i < gloss_json_value_get_length (array); i++)
    {
      Pattern *pattern = pattern_parse (gloss_json_value_get_string (gloss_json_value_get_element (array, i)));
      guint quotes = 0, subjects = 0;

      for (guint e = 0; e < pattern->elements->len; e++)
        {
          ElementKind k = g_array_index (pattern->elements, Element, e).kind;

          quotes += k == EL_QUOTE;
          subjects += k == EL_NAME || k == EL_PRON || k == EL_ORG || k == EL_ANON;
        }
      /* An attribution is found around one quotation and names one
       * subject; a statement's subject has no quotation. */
      if (quotes != (with_quote ? 1 : 0) || subjects == 0)
        {
          g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, "%s: $.%s[%u]: %s", path, member, i,
                       /* Translators: Q, NAME, PRON, ORG and ANON are the
                        * elements of an attribution pattern, not to be translated */
                       with_quote ? _("an attribution pattern needs one Q and a NAME, PRON, ORG or ANON")
                                  : _("a subject pattern needs no Q and a NAME, PRON, ORG or ANON"));
          pattern_free (pattern);
          return FALSE;
        }
      g_ptr_array_add (patterns, pattern);
    }
  return TRUE;
}

static gboolean
rules_add_file (Rules      *rules,
                GBytes     *bytes,
                const char *path,
                GError    **error)
{
  g_autoptr(GlossJsonDoc) doc = NULL;
  const GlossJsonValue *root, *pronouns;
  g_autoptr(GHashTable) courtesy = word_table ();
  g_autoptr(GHashTable) elisions = word_table ();
  g_autoptr(GHashTable) suffixes = word_table ();
  g_autoptr(GError) local = NULL;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  guint line = 0, column = 0;
  GHashTableIter iter;
  gpointer key;

  doc = gloss_json_doc_parse (data, size, 8, &line, &column, &local);
  if (doc == NULL)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, "%s:%u:%u: %s",
                   path, line, column, local->message);
      return FALSE;
    }
  root = gloss_json_doc_get_root (doc);
  if (gloss_json_value_get_type (root) != GLOSS_JSON_OBJECT)
    {
      g_autofree char *what = g_strdup_printf (_("expected an object, not %s"),
                                               gloss_json_value_describe_type (root));

      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, "%s: $: %s", path, what);
      return FALSE;
    }
  if (!add_strings (rules->verbs, root, "speech_verbs", TRUE, path, error)
      || !add_strings (rules->office, root, "office_titles", FALSE, path, error)
      || !add_strings (rules->stopwords, root, "name_stopwords", FALSE, path, error)
      || !add_strings (rules->org_words, root, "organization_words", FALSE, path, error)
      || !add_strings (rules->org_nouns, root, "organization_nouns", TRUE, path, error)
      || !add_strings (rules->statement_nouns, root, "statement_nouns", TRUE, path, error)
      || !add_strings (rules->determiners, root, "determiners", TRUE, path, error)
      || !add_strings (rules->place_preps, root, "place_prepositions", TRUE, path, error)
      || !add_strings (rules->place_words, root, "place_words", FALSE, path, error)
      || !add_strings (rules->translation, root, "translation_cues", TRUE, path, error)
      || !add_strings (rules->backref, root, "back_reference_openers", FALSE, path, error)
      || !add_strings (rules->title_before, root, "title_cues_before", TRUE, path, error)
      || !add_strings (rules->title_after, root, "title_cues_after", TRUE, path, error)
      || !add_strings (rules->scare, root, "scare_cues", TRUE, path, error)
      || !add_strings (rules->anonymous, root, "anonymous_subjects", TRUE, path, error)
      || !add_strings (courtesy, root, "courtesy_titles", FALSE, path, error)
      || !add_strings (elisions, root, "elisions", FALSE, path, error)
      || !add_strings (suffixes, root, "name_suffixes", FALSE, path, error)
      || !add_patterns (rules->attributions, root, "attributions", TRUE, path, error)
      || !add_patterns (rules->subjects, root, "subjects", FALSE, path, error))
    return FALSE;

  /* "Dr." and "Dr" are one title; which forms are allowed is kept. */
  g_hash_table_iter_init (&iter, courtesy);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const char *t = key;
      gsize len = strlen (t);
      gboolean dot = len > 1 && t[len - 1] == '.';
      g_autofree char *bare = g_strndup (t, dot ? len - 1 : len);
      guint flags = GPOINTER_TO_UINT (g_hash_table_lookup (rules->courtesy, bare));

      flags |= dot ? COURTESY_DOT : COURTESY_BARE;
      g_hash_table_replace (rules->courtesy, g_steal_pointer (&bare), GUINT_TO_POINTER (flags));
    }
  g_hash_table_iter_init (&iter, elisions);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (rules->elisions, g_utf8_to_ucs4_fast (key, -1, NULL));
  g_hash_table_iter_init (&iter, suffixes);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (rules->name_suffixes, g_utf8_to_ucs4_fast (key, -1, NULL));

  pronouns = gloss_json_value_lookup (root, "pronouns");
  if (pronouns != NULL)
    {
      if (gloss_json_value_get_type (pronouns) != GLOSS_JSON_OBJECT)
        {
          g_autofree char *what = g_strdup_printf (_("expected an object, not %s"),
                                                   gloss_json_value_describe_type (pronouns));

          g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, "%s: $.pronouns: %s", path, what);
          return FALSE;
        }
      for (guint i = 0; i < gloss_json_value_get_length (pronouns); i++)
        {
          const GlossJsonValue *v = gloss_json_value_get_member_value (pronouns, i);
          const char *name = gloss_json_value_get_member_name (pronouns, i);

          if (gloss_json_value_get_type (v) != GLOSS_JSON_STRING)
            {
              g_autofree char *what = g_strdup_printf (_("expected a string, not %s"),
                                                       gloss_json_value_describe_type (v));

              g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, "%s: $.pronouns.%s: %s", path, name, what);
              return FALSE;
            }
          g_hash_table_replace (rules->pronouns, g_utf8_casefold (name, -1),
                                (gpointer) g_intern_string (gloss_json_value_get_string (v)));
        }
    }
  return TRUE;
}

#define RULES_TABLES(r) { \
    &(r)->verbs, &(r)->office, &(r)->stopwords, &(r)->org_words, \
    &(r)->org_nouns, &(r)->statement_nouns, &(r)->determiners, \
    &(r)->place_preps, &(r)->place_words, &(r)->translation, \
    &(r)->backref, &(r)->title_before, &(r)->title_after, &(r)->scare, \
    &(r)->pronouns, &(r)->courtesy, &(r)->anonymous, \
  }

static Rules *
rules_new (void)
{
  Rules *rules = g_new0 (Rules, 1);
  GHashTable **tables[] = RULES_TABLES (rules);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    *tables[i] = word_table ();
  rules->elisions = g_ptr_array_new_with_free_func (g_free);
  rules->name_suffixes = g_ptr_array_new_with_free_func (g_free);
  rules->attributions = g_ptr_array_new_with_free_func (pattern_free);
  rules->subjects = g_ptr_array_new_with_free_func (pattern_free);
  return rules;
}

static void
rules_free (Rules *rules)
{
  GHashTable **tables[] = RULES_TABLES (rules);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    g_hash_table_unref (*tables[i]);
  g_ptr_array_unref (rules->elisions);
  g_ptr_array_unref (rules->name_suffixes);
  g_ptr_array_unref (rules->attributions);
  g_ptr_array_unref (rules->subjects);
  g_free (rules);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Rules, rules_free)

gboolean
gloss_suggest_quotes_check_rules (GBytes      *bytes,
                                  const char  *path,
                                  GError     **error)
{
  g_autoptr(Rules) rules = rules_new ();

  return rules_add_file (rules, bytes, path, error);
}

static Rules *
rules_load (GError **error)
{
  Rules *rules = rules_new ();
  GResource *resource = gloss_suggest_get_resource ();
  g_auto(GStrv) names = NULL;

  names = g_resource_enumerate_children (resource, RULES_PATH, 0, error);
  if (names == NULL)
    return rules;
  /* English first, then the others in name order: the patterns' order is
   * their priority. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; names[i]; i++)
      {
        g_autofree char *path = g_strconcat (RULES_PATH "/", names[i], NULL);
        g_autoptr(GBytes) bytes = NULL;

        if (!g_str_has_suffix (names[i], ".json") || (pass == 0) != g_str_equal (names[i], "en.json"))
          continue;
        bytes = g_resource_lookup_data (resource, path, 0, error);
        if (bytes == NULL || !rules_add_file (rules, bytes, path, error))
          return rules;
      }
  return rules;
}

static const Rules *
rules_get (GError **error)
{
  static gsize once;
  static Rules *rules;
  static GError *load_error;

  if (g_once_init_enter (&once))
    {
      rules = rules_load (&load_error);
      g_once_init_leave (&once, 1);
    }
  if (load_error != NULL)
    {
      g_propagate_error (error, g_error_copy (load_error));
      return NULL;
    }
  return rules;
}

/* ---- the article: paragraphs, quotation spans, tokens, mentions ---- */

typedef enum
{
  K_NONE = -1,
  K_CURLY2,     /* “…” */
  K_CURLY1,     /* ‘…’ */
  K_STRAIGHT2,  /* "…" */
  K_STRAIGHT1,  /* '…', only inside "…" */
  K_GUILL,      /* «…» */
  K_GERMAN2,    /* „…“ */
  K_GERMAN1,    /* ‚…‘, only inside „…“ */
  K_CJK,        /* 「…」 */
  K_CJK2,       /* 『…』, only inside 「…」 */
  N_KINDS
} Kind;

static const gunichar open_mark[N_KINDS] = {
  0x201C, 0x2018, '"', '\'', 0x00AB, 0x201E, 0x201A, 0x300C, 0x300E,
};
static const gunichar close_mark[N_KINDS] = {
  0x201D, 0x2019, '"', '\'', 0x00BB, 0x201C, 0x2018, 0x300D, 0x300F,
};

typedef struct
{
  guint start, end;     /* first and after last non-space character */
  GArray *tokens;       /* of Token */
  GArray *sentence;     /* of guint: each token's sentence number */
  GArray *sentence_start; /* of guint: first token of each sentence, then n */
} Paragraph;

typedef enum { TOK_WORD, TOK_PUNCT, TOK_QUOTE } TokenKind;

typedef struct
{
  guint       start, end;
  TokenKind   kind;
  gboolean    cap;
  int         quote;    /* TOK_QUOTE: index in quotes */
  const char *text;
  const char *fold;
} Token;

typedef struct
{
  guint        start, end;
  const char  *label;
} Mention;

typedef enum { SPEAKER_UNKNOWN, SPEAKER_FOUND, SPEAKER_NONE } SpeakerState;

typedef struct
{
  guint            start, end;
  guint            para;
  Kind             kind;
  int              prev_piece;   /* the piece before, in the paragraph before */
  gboolean         open_piece;   /* continued in the next paragraph */
  gboolean         weak;         /* a closing mark that may be an apostrophe */
  gboolean         dropped;      /* a title, nickname, scare quote… */
  GlossAnnotation *existing;     /* the quote annotation with this span */
  guint            token;        /* its token in the paragraph */
  SpeakerState     state;
  Mention          speaker;
  char            *detail;
} Quote;

typedef struct
{
  GlossDocument      *doc;
  GlossAnnotationSet *set;
  const Rules        *rules;
  gunichar           *ucs;
  glong               n;
  guint8             *ignore;      /* marks inside an elision such as ’n’ */
  GArray             *paragraphs;  /* of Paragraph */
  GArray             *quotes;      /* of Quote, in document order */
  GPtrArray          *entities;    /* person and organization annotations, by start */
  guint               entities_max_length;
  GPtrArray          *quote_anns;  /* quote annotations, by start */
  GArray             *mentions;    /* of Mention: names outside quotes, by start */
  GHashTable         *person_words;
  GHashTable         *org_first_words;
  GStringChunk       *chunk;
  int                 pending;       /* a piece whose quote goes on… */
  glong               pending_start; /* …in the quotation starting here */
} Scan;

static gboolean
is_space (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x200B || c == 0xFEFF;
}

static gboolean
is_alnum (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

static gboolean
is_open_mark (gunichar c)
{
  for (guint k = 0; k < N_KINDS; k++)
    if (open_mark[k] == c)
      return TRUE;
  return c == '(' || c == '[' || c == '{';
}

static gboolean
is_closing_punct (gunichar c)
{
  return strchr (".,;:!?)]", c < 128 ? (int) c : 1) != NULL
         || c == 0x2026 || c == 0x201D || c == 0x00BB || c == 0x2014 || c == 0x2013;
}

static gunichar
at (Scan *s, glong pos)
{
  return pos >= 0 && pos < s->n ? s->ucs[pos] : ' ';
}

static void
find_paragraphs (Scan *s)
{
  glong pos = 0;

  while (pos < s->n)
    {
      Paragraph p = { 0 };
      glong last = -1;

      while (pos < s->n && is_space (s->ucs[pos]))
        pos++;
      if (pos >= s->n)
        break;
      p.start = pos;
      /* A paragraph ends at a blank line (or the end of the text). */
      while (pos < s->n)
        {
          if (s->ucs[pos] == '\n' || s->ucs[pos] == '\r' || s->ucs[pos] == 0x2029)
            {
              glong q = pos;
              guint breaks = 0;

              while (q < s->n && is_space (s->ucs[q]))
                {
                  if (s->ucs[q] == '\n' || s->ucs[q] == 0x2029
                      || (s->ucs[q] == '\r' && at (s, q + 1) != '\n'))
                    breaks++;
                  q++;
                }
              if (breaks >= 2 || s->ucs[pos] == 0x2029 || q >= s->n)
                break;
              pos = q;
              continue;
            }
          if (!is_space (s->ucs[pos]))
            last = pos;
          pos++;
        }
      p.end = last + 1;
      g_array_append_val (s->paragraphs, p);
    }
}

static void
mark_elisions (Scan *s)
{
  for (guint e = 0; e < s->rules->elisions->len; e++)
    {
      const gunichar *pat = g_ptr_array_index (s->rules->elisions, e);
      glong len = 0;

      while (pat[len])
        len++;
      for (glong i = 0; i + len <= s->n; i++)
        {
          glong j = 0;

          while (j < len && (s->ucs[i + j] == pat[j] || (is_space (pat[j]) && is_space (s->ucs[i + j]))))
            j++;
          if (j == len)
            for (j = 0; j < len; j++)
              s->ignore[i + j] = TRUE;
        }
    }
}

/* Where the ‘ at @from closes: the first ’ that is clearly a closing mark
 * (after punctuation, or before punctuation or the end of the paragraph),
 * else the first that may be one (a plural possessive looks the same:
 * "residents’ right"), else none. A ’ between letters or after a space is
 * an apostrophe; a ‘ after a space opens another quotation. */
static glong
find_single_close (Scan     *s,
                   glong     from,
                   glong     end,
                   gunichar  parent_close)
{
  glong weak = -1;

  for (glong p = from; p < end; p++)
    {
      gunichar c = s->ucs[p], prev = at (s, p - 1), next = p + 1 < end ? s->ucs[p + 1] : ' ';

      if (s->ignore[p])
        continue;
      if (parent_close != 0 && c == parent_close)
        break;
      if (c == 0x2018 && is_space (prev))
        break;
      if (c != 0x2019 || is_space (prev) || (is_alnum (prev) && is_alnum (next)))
        continue;
      if (is_closing_punct (prev) || is_closing_punct (next) || next == '"' || p + 1 == end)
        return p;
      if (weak < 0)
        weak = p;
    }
  return weak;
}

static gboolean
opener_ok (Scan *s, Kind k, glong pos, glong para_start)
{
  gunichar prev = pos > para_start ? s->ucs[pos - 1] : ' ';
  gunichar next = at (s, pos + 1);

  switch (k)
    {
    case K_CURLY2:
      return !is_alnum (prev);
    case K_CURLY1:
      return !is_alnum (prev) && !is_space (next);
    case K_STRAIGHT2:
    case K_STRAIGHT1:
      return (is_space (prev) || is_open_mark (prev) || prev == 0x2014 || prev == 0x2013
              || prev == '-' || prev == '/')
             && !is_space (next);
    default:
      return TRUE;
    }
}

static gboolean
nested_ok (Kind top, Kind k)
{
  switch (k)
    {
    case K_CURLY1:
      return top != K_CURLY1 && top != K_GERMAN2 && top != K_GERMAN1;
    case K_CURLY2:
      return top != K_CURLY2 && top != K_GERMAN2 && top != K_GERMAN1;
    case K_STRAIGHT1:
      return top == K_STRAIGHT2;
    case K_GERMAN1:
      return top == K_GERMAN2;
    case K_CJK2:
      return top == K_CJK;
    case K_GUILL:
      return top != K_GUILL;
    default:
      return FALSE;
    }
}

static gboolean
closer_ok (Scan *s, Kind k, glong pos, glong end)
{
  gunichar prev = at (s, pos - 1), next = pos + 1 < end ? s->ucs[pos + 1] : ' ';

  switch (k)
    {
    case K_STRAIGHT2:
      return !(is_space (prev) && is_alnum (next));
    case K_STRAIGHT1:
      return !is_space (prev) && !(is_alnum (prev) && is_alnum (next));
    default:
      return TRUE;
    }
}

typedef struct
{
  Kind  kind;
  glong start;
  glong close_at;  /* K_CURLY1: where it closes, found ahead */
} Open;

static void
add_quote (Scan *s, guint para, Kind kind, glong start, glong end, gboolean weak)
{
  Quote q = { 0 };

  q.start = start;
  q.end = end;
  q.para = para;
  q.kind = kind;
  q.prev_piece = -1;
  q.weak = weak;
  g_array_append_val (s->quotes, q);
}

static Kind
outer_kind_at (Scan *s, glong pos, glong para_start)
{
  for (Kind k = 0; k < N_KINDS; k++)
    if (s->ucs[pos] == open_mark[k] && k != K_STRAIGHT1 && k != K_GERMAN1 && k != K_CJK2
        && opener_ok (s, k, pos, para_start))
      return k;
  return K_NONE;
}

/* Whether @pos starts a line: only spaces between it and a line break. */
static gboolean
at_line_start (Scan *s, glong pos, glong para_start)
{
  for (glong i = pos - 1; i >= para_start; i--)
    {
      if (s->ucs[i] == '\n' || s->ucs[i] == '\r' || s->ucs[i] == 0x2028)
        return TRUE;
      if (!is_space (s->ucs[i]))
        return FALSE;
    }
  return FALSE;
}

/* The outer quotation open since @o ends as a piece at @end, to go on in
 * the quotation that starts at @next_start. */
static void
add_piece (Scan *s, guint para, Open *o, glong end, glong next_start)
{
  Quote *q;

  add_quote (s, para, o->kind, o->start, end, FALSE);
  q = &g_array_index (s->quotes, Quote, s->quotes->len - 1);
  q->open_piece = TRUE;
  if (s->pending >= 0 && o->start == s->pending_start)
    q->prev_piece = s->pending;
  s->pending = s->quotes->len - 1;
  s->pending_start = next_start;
}

static void
scan_paragraph (Scan *s, guint para)
{
  Paragraph *p = &g_array_index (s->paragraphs, Paragraph, para);
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (Open));
  gboolean weak = FALSE;

  for (glong pos = p->start; pos < (glong) p->end; pos++)
    {
      gunichar c = s->ucs[pos];
      gboolean closed = FALSE;

      if (s->ignore[pos])
        continue;
      /* A closing mark closes its quotation and any left open inside it. */
      for (int level = (int) stack->len - 1; level >= 0 && !closed; level--)
        {
          Open *o = &g_array_index (stack, Open, level);

          if (o->kind == K_CURLY1)
            {
              if (pos != o->close_at)
                continue;
            }
          else if (c != close_mark[o->kind] || !closer_ok (s, o->kind, pos, p->end))
            continue;
          if (level == 0)
            {
              add_quote (s, para, o->kind, o->start, pos + 1, weak);
              if (s->pending >= 0 && o->start == s->pending_start)
                g_array_index (s->quotes, Quote, s->quotes->len - 1).prev_piece = s->pending;
              s->pending = -1;
              weak = FALSE;
            }
          g_array_set_size (stack, level);
          closed = TRUE;
        }
      if (closed)
        continue;

      /* Paragraphs one line each, with no blank line between them: the
       * outer quotation's mark again at the start of a line, while it is
       * open, is the next piece of a continued quote. */
      if (stack->len > 0 && c == open_mark[g_array_index (stack, Open, 0).kind]
          && g_array_index (stack, Open, 0).kind != K_STRAIGHT2
          && at_line_start (s, pos, p->start))
        {
          glong end = pos;

          while (end > (glong) p->start && is_space (s->ucs[end - 1]))
            end--;
          add_piece (s, para, &g_array_index (stack, Open, 0), end, pos);
          g_array_set_size (stack, 0);
          weak = FALSE;
        }

      for (Kind k = 0; k < N_KINDS; k++)
        {
          Open o = { k, pos, -1 };

          if (c != open_mark[k])
            continue;
          if (stack->len == 0)
            {
              if (k == K_STRAIGHT1 || k == K_GERMAN1 || k == K_CJK2 || !opener_ok (s, k, pos, p->start))
                continue;
            }
          else if (!nested_ok (g_array_index (stack, Open, stack->len - 1).kind, k)
                   || !opener_ok (s, k, pos, p->start))
            continue;
          if (k == K_CURLY1)
            {
              gunichar parent = stack->len ? close_mark[g_array_index (stack, Open, stack->len - 1).kind] : 0;
              glong close = find_single_close (s, pos + 1, p->end, parent);

              if (close < 0)
                {
                  /* Unclosed: a quotation only if it goes on in the next paragraph. */
                  Paragraph *np = para + 1 < s->paragraphs->len
                                  ? &g_array_index (s->paragraphs, Paragraph, para + 1) : NULL;

                  if (stack->len > 0 || np == NULL || s->ucs[np->start] != open_mark[K_CURLY1])
                    break;
                  close = p->end;
                }
              else if (stack->len == 0 && !(is_closing_punct (at (s, close - 1))
                                            || is_closing_punct (at (s, close + 1))
                                            || close + 1 == (glong) p->end))
                weak = TRUE;
              o.close_at = close;
            }
          g_array_append_val (stack, o);
          break;
        }
    }

  /* Open at the end: a piece of a quote continued the newspaper way, if the
   * next paragraph opens the same way. */
  if (stack->len > 0)
    {
      Open *o = &g_array_index (stack, Open, 0);
      Paragraph *np = para + 1 < s->paragraphs->len
                      ? &g_array_index (s->paragraphs, Paragraph, para + 1) : NULL;

      if (np != NULL && outer_kind_at (s, np->start, np->start) == o->kind)
        add_piece (s, para, o, p->end, np->start);
      else
        s->pending = -1;
    }
  else
    s->pending = -1;
}

/* ---- tokens and sentences ---- */

static const char *
chunk_text (Scan *s, guint start, guint end, gboolean fold)
{
  g_autofree char *text = g_ucs4_to_utf8 (s->ucs + start, end - start, NULL, NULL, NULL);
  g_autofree char *folded = NULL;

  if (text == NULL)
    return "";
  if (!fold)
    return g_string_chunk_insert_const (s->chunk, text);
  folded = g_utf8_casefold (text, -1);
  return g_string_chunk_insert_const (s->chunk, folded);
}

static guint
word_end (Scan *s, guint pos, guint limit)
{
  guint e = pos + 1;

  while (e < limit && !gloss_document_is_word_end (s->doc, e))
    e++;
  return e;
}

static void
push_token (Scan *s, GArray *tokens, TokenKind kind, guint start, guint end, int quote)
{
  Token t = { start, end, kind, FALSE, quote, NULL, NULL };

  if (kind != TOK_QUOTE)
    {
      t.text = chunk_text (s, start, end, FALSE);
      t.fold = chunk_text (s, start, end, TRUE);
      t.cap = g_unichar_isupper (s->ucs[start]) || g_unichar_istitle (s->ucs[start]);
    }
  g_array_append_val (tokens, t);
}

static void
tokenize_paragraph (Scan *s, guint para, guint *next_quote)
{
  Paragraph *p = &g_array_index (s->paragraphs, Paragraph, para);
  guint pos = p->start;

  p->tokens = g_array_new (FALSE, FALSE, sizeof (Token));
  while (pos < p->end)
    {
      Quote *q = *next_quote < s->quotes->len ? &g_array_index (s->quotes, Quote, *next_quote) : NULL;
      guint limit = q && q->start < p->end ? q->start : p->end;

      if (q && q->start == pos)
        {
          q->token = p->tokens->len;
          push_token (s, p->tokens, TOK_QUOTE, q->start, q->end, *next_quote);
          pos = q->end;
          (*next_quote)++;
          continue;
        }
      if (is_space (s->ucs[pos]))
        {
          pos++;
          continue;
        }
      if (gloss_document_is_word_start (s->doc, pos))
        {
          guint e = word_end (s, pos, limit);

          /* Hyphenated words are one token: "so-called", "Okonkwo-Hale", "a-t-il". */
          while (e + 1 < limit && (s->ucs[e] == '-' || s->ucs[e] == 0x2011)
                 && gloss_document_is_word_start (s->doc, e + 1))
            e = word_end (s, e + 1, limit);
          push_token (s, p->tokens, TOK_WORD, pos, e, -1);
          pos = e;
          continue;
        }
      push_token (s, p->tokens, TOK_PUNCT, pos, pos + 1, -1);
      pos++;
    }
}

static gboolean
is_courtesy (Scan *s, GArray *tokens, guint i, guint *after)
{
  Token *t = &g_array_index (tokens, Token, i);
  guint flags;

  if (t->kind != TOK_WORD)
    return FALSE;
  flags = GPOINTER_TO_UINT (g_hash_table_lookup (s->rules->courtesy, t->text));
  if (flags & COURTESY_DOT && i + 1 < tokens->len)
    {
      Token *d = &g_array_index (tokens, Token, i + 1);

      if (d->kind == TOK_PUNCT && d->start == t->end && s->ucs[d->start] == '.')
        {
          if (after)
            *after = i + 2;
          return TRUE;
        }
    }
  if (flags & COURTESY_BARE)
    {
      if (after)
        *after = i + 1;
      return TRUE;
    }
  return FALSE;
}

/* The last character inside the marks, 0 if none. */
static gunichar
quote_last_char (Scan *s, Quote *q)
{
  for (glong p = (glong) q->end - 1; p > (glong) q->start; p--)
    {
      gunichar c = s->ucs[p];

      if (c == close_mark[q->kind] || c == 0x2019 || c == 0x201D || c == '\'' || c == '"'
          || c == 0x00BB || c == 0x300D || c == 0x300F || is_space (c))
        continue;
      return c;
    }
  return 0;
}

/* A quotation ending in ?, ! or a full stop ends its sentence before a
 * capital, unless a ? or ! is followed by its attribution ("“Why now?”
 * Smith asked."): a speech verb within the next few words. */
static gboolean
quote_ends_sentence (Scan *s, Paragraph *p, guint i)
{
  Quote *q = &g_array_index (s->quotes, Quote, g_array_index (p->tokens, Token, i).quote);
  gunichar c = quote_last_char (s, q);

  if (c == '!' || c == '?')
    for (guint k = i + 1; k < p->tokens->len && k <= i + 4; k++)
      {
        Token *t = &g_array_index (p->tokens, Token, k);

        if (t->kind == TOK_QUOTE || (t->kind == TOK_PUNCT && strchr (".!?", s->ucs[t->start] < 128 ? (int) s->ucs[t->start] : 1)))
          break;
        if (t->kind == TOK_WORD && g_hash_table_contains (s->rules->verbs, t->fold))
          return FALSE;
      }
  return c == '.' || c == '!' || c == '?' || c == 0x2026 || c == 0x3002;
}

static void
split_sentences (Scan *s, Paragraph *p)
{
  guint n = p->tokens->len, sentence = 0;

  p->sentence = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);
  p->sentence_start = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_append_val (p->sentence_start, sentence);
  for (guint i = 0; i < n; i++)
    {
      Token *t = &g_array_index (p->tokens, Token, i);
      Token *next = i + 1 < n ? &g_array_index (p->tokens, Token, i + 1) : NULL;
      gboolean end = FALSE;

      g_array_append_val (p->sentence, sentence);
      if (next == NULL)
        break;
      if (t->kind == TOK_PUNCT && strchr (".!?", s->ucs[t->start] < 128 ? (int) s->ucs[t->start] : 1)
          && (next->cap || next->kind == TOK_QUOTE || s->ucs[next->start] == '('))
        {
          Token *before = i > 0 ? &g_array_index (p->tokens, Token, i - 1) : NULL;

          /* Not after a title or an initial: "M. Thériault", "Dr. Priya". */
          end = !(s->ucs[t->start] == '.' && before && before->kind == TOK_WORD && before->end == t->start
                  && (is_courtesy (s, p->tokens, i - 1, NULL)
                      || (before->end - before->start == 1 && before->cap)));
        }
      else if (t->kind == TOK_QUOTE && (next->cap || next->kind == TOK_QUOTE)
               && quote_ends_sentence (s, p, i))
        end = TRUE;
      else if (t->kind == TOK_PUNCT && s->ucs[t->start] == 0x3002)
        end = TRUE;
      if (end)
        {
          guint first = i + 1;

          sentence++;
          g_array_append_val (p->sentence_start, first);
        }
    }
  g_array_append_val (p->sentence_start, n);
}

static void
sentence_bounds (Paragraph *p, guint token, guint *first, guint *end)
{
  guint sentence = g_array_index (p->sentence, guint, token);

  *first = g_array_index (p->sentence_start, guint, sentence);
  *end = g_array_index (p->sentence_start, guint, sentence + 1);
}

/* ---- names ---- */

typedef struct
{
  guint        first, last;   /* tokens consumed */
  guint        start, end;    /* the mention's span */
  const char  *label;
  guint        n_words;       /* capitalised words of the name */
  gboolean     courtesy;
  gboolean     annotated;
} Name;

/* The first person or organization annotation sharing a code point with
 * [@start, @end), or with @exact_start TRUE the one starting at @start.
 * The entities are in start order, and none is longer than
 * entities_max_length: a binary search, then a short walk back. */
static GlossAnnotation *
entity_at (Scan *s, guint start, guint end, gboolean exact_start)
{
  guint lo = 0, hi = s->entities->len;
  GlossAnnotation *found = NULL;

  while (lo < hi)   /* the first starting at or after @end */
    {
      guint mid = lo + (hi - lo) / 2;

      if (gloss_annotation_get_start (g_ptr_array_index (s->entities, mid)) < end)
        lo = mid + 1;
      else
        hi = mid;
    }
  while (lo-- > 0)
    {
      GlossAnnotation *a = g_ptr_array_index (s->entities, lo);
      guint as = gloss_annotation_get_start (a), ae = gloss_annotation_get_end (a);

      if (as + s->entities_max_length <= start)
        break;
      if (exact_start ? as == start : ae > start)
        found = a;   /* walking back: the last kept is the first in order */
    }
  return found;
}

static gboolean
name_from_annotation (Scan *s, GArray *tokens, guint i, guint limit, GlossAnnotation *ann, Name *out)
{
  out->first = i;
  out->last = i;
  out->start = gloss_annotation_get_start (ann);
  out->end = gloss_annotation_get_end (ann);
  out->label = g_intern_string (gloss_annotation_get_label (ann));
  out->n_words = 1;
  out->courtesy = FALSE;
  out->annotated = TRUE;
  while (out->last + 1 < limit && g_array_index (tokens, Token, out->last + 1).kind != TOK_QUOTE
         && g_array_index (tokens, Token, out->last + 1).end <= out->end)
    out->last++;
  return TRUE;
}

static gboolean
is_name_word (Scan *s, Token *t)
{
  return t->kind == TOK_WORD && t->cap && !g_hash_table_contains (s->rules->stopwords, t->text);
}

static gboolean
is_connector (Scan *s, Token *t, Token *prev)
{
  static const char *const words[] = { "of", "for", "and", "&", "de", "du", "des", "la", "le", "à", "von", "van", "der", NULL };

  if (t->kind == TOK_PUNCT)
    return (s->ucs[t->start] == 0x2019 || s->ucs[t->start] == '\'' || s->ucs[t->start] == '&')
           && (s->ucs[t->start] == '&' || t->start == prev->end);
  if (t->kind != TOK_WORD)
    return FALSE;
  if (t->start == prev->end && (s->ucs[t->start] == 0x2019 || s->ucs[t->start] == '\''))
    return TRUE;   /* the clitic of "Fishermen’s Association" */
  return g_strv_contains (words, t->text);
}

static gboolean
all_caps (Scan *s, Token *t)
{
  if (t->end - t->start < 2)
    return FALSE;
  for (guint i = t->start; i < t->end; i++)
    if (g_unichar_islower (s->ucs[i]))
      return FALSE;
  return TRUE;
}

static gboolean
is_name_ideograph (gunichar c)
{
  GUnicodeScript script = g_unichar_get_script (c);

  return script == G_UNICODE_SCRIPT_HAN || script == G_UNICODE_SCRIPT_KATAKANA;
}

/* A name in a script without capitals, known by the honorific after it
 * (name_suffixes: 高木さん, 高木氏): ideographs or katakana, then the
 * suffix, the span taking both. */
static gboolean
match_suffixed_name (Scan *s, GArray *tokens, guint i, guint limit, Name *out)
{
  Token *t = &g_array_index (tokens, Token, i);
  guint e = t->start;

  if (!is_name_ideograph (s->ucs[e]) || (e > 0 && is_name_ideograph (s->ucs[e - 1])))
    return FALSE;
  while (e < s->n && is_name_ideograph (s->ucs[e]))
    e++;
  for (guint k = 0; k < s->rules->name_suffixes->len; k++)
    {
      const gunichar *suffix = g_ptr_array_index (s->rules->name_suffixes, k);
      guint len = 0;

      while (suffix[len] && e + len < s->n && s->ucs[e + len] == suffix[len])
        len++;
      if (len == 0 || suffix[len] != 0)
        continue;
      out->first = out->last = i;
      out->start = t->start;
      out->end = e + len;
      while (out->last + 1 < limit && g_array_index (tokens, Token, out->last + 1).end <= out->end)
        out->last++;
      if (g_array_index (tokens, Token, out->last).end != out->end)
        return FALSE;   /* the suffix runs on into a longer word */
      out->label = "person";
      out->n_words = 2;   /* as sure as a name of two words */
      out->courtesy = TRUE;
      out->annotated = FALSE;
      {
        GlossAnnotation *ann = entity_at (s, out->start, out->end, FALSE);

        if (ann != NULL)
          return name_from_annotation (s, tokens, i, limit, ann, out);
      }
      return TRUE;
    }
  return FALSE;
}

static gboolean
match_name (Scan *s, Paragraph *p, guint i, guint limit, Name *out)
{
  GArray *tokens = p->tokens;
  Token *t = &g_array_index (tokens, Token, i);
  guint j = i, first, last, n_cap = 0, connector = 0, after;
  gboolean courtesy = FALSE, org = FALSE, upper = TRUE, the = FALSE;
  guint start;
  GlossAnnotation *ann;

  if (i >= limit || t->kind != TOK_WORD)
    return FALSE;
  /* A name the person marked, whatever it looks like ("高木さん"). */
  ann = entity_at (s, t->start, t->end, TRUE);
  if (ann != NULL)
    return name_from_annotation (s, tokens, i, limit, ann, out);
  if (match_suffixed_name (s, tokens, i, limit, out))
    return TRUE;
  /* A name starts where a run of capitalised words starts. */
  if (i > 0)
    {
      Token *prev = &g_array_index (tokens, Token, i - 1);

      if ((is_name_word (s, prev) && !g_hash_table_contains (s->rules->office, prev->text))
          || is_courtesy (s, tokens, i - 1, NULL)
          || (prev->kind == TOK_PUNCT && s->ucs[prev->start] == '.' && i > 1
              && is_courtesy (s, tokens, i - 2, NULL)))
        return FALSE;
    }
  /* "said the Nagase Prefecture Roads Bureau": an organisation's name
   * after "the", which stays out of the span. */
  if (g_str_equal (t->fold, "the") && i + 1 < limit)
    {
      the = TRUE;
      j++;
    }
  while (j < limit && g_array_index (tokens, Token, j).kind == TOK_WORD
         && g_hash_table_contains (s->rules->office, g_array_index (tokens, Token, j).text))
    j++;
  start = j < limit ? g_array_index (tokens, Token, j).start : 0;
  if (j < limit && is_courtesy (s, tokens, j, &after) && after < limit)
    {
      courtesy = TRUE;
      j = after;
    }
  if (j >= limit || !is_name_word (s, &g_array_index (tokens, Token, j)))
    return FALSE;
  first = last = j;
  n_cap = 1;
  for (guint k = j + 1; k < limit; k++)
    {
      Token *tk = &g_array_index (tokens, Token, k);

      if (is_name_word (s, tk) && !is_courtesy (s, tokens, k, NULL))
        {
          last = k;
          n_cap++;
          continue;
        }
      if (k + 1 < limit && is_connector (s, tk, &g_array_index (tokens, Token, k - 1))
          && is_name_word (s, &g_array_index (tokens, Token, k + 1)))
        {
          if (connector == 0)
            connector = k;
          last = k + 1;
          n_cap++;
          k++;
          continue;
        }
      break;
    }
  for (guint k = first; k <= last; k++)
    {
      Token *tk = &g_array_index (tokens, Token, k);

      if (tk->kind == TOK_WORD && tk->cap)
        {
          org |= g_hash_table_contains (s->rules->org_words, tk->text);
          upper &= all_caps (s, tk);
        }
    }
  if (upper)
    return FALSE;   /* a dateline, or letters that are no name */
  if (n_cap == 1 && g_hash_table_contains (s->org_first_words, g_array_index (tokens, Token, first).text))
    org = TRUE;
  if (the && !org)
    return FALSE;
  if (connector && !org)
    {
      /* "of", "and" join the words of an organisation's name only. */
      last = connector - 1;
      n_cap = 0;
      for (guint k = first; k <= last; k++)
        n_cap += is_name_word (s, &g_array_index (tokens, Token, k));
    }
  out->first = i;
  out->last = last;
  out->start = courtesy ? start : g_array_index (tokens, Token, first).start;
  out->end = g_array_index (tokens, Token, last).end;
  out->label = org ? "organization" : "person";
  out->n_words = n_cap;
  out->courtesy = courtesy;
  out->annotated = FALSE;
  /* A mention the person marked (in part, or more widely) is theirs. */
  ann = entity_at (s, out->start, out->end, FALSE);
  if (ann != NULL)
    return name_from_annotation (s, tokens, i, limit, ann, out);
  return TRUE;
}

static gboolean
is_verb (Scan *s, Paragraph *p, guint i)
{
  Token *t;

  if (i >= p->tokens->len)
    return FALSE;
  t = &g_array_index (p->tokens, Token, i);
  return t->kind == TOK_WORD && g_hash_table_contains (s->rules->verbs, t->fold);
}

/* The names outside quotations, in document order: what a pronoun or "the
 * company" refers back to. A person needs a courtesy title, two words, a
 * word of a person named before, or a speech verb after it; a name after
 * "in", "at", "from"… or ending in "Road", "Isle"… is taken for a place. */
static void
collect_mentions (Scan *s)
{
  for (guint pi = 0; pi < s->paragraphs->len; pi++)
    {
      Paragraph *p = &g_array_index (s->paragraphs, Paragraph, pi);

      for (guint i = 0; i < p->tokens->len; i++)
        {
          Name name;
          Mention m;
          Token *prev = i > 0 ? &g_array_index (p->tokens, Token, i - 1) : NULL;
          const char *last_word;

          if (!match_name (s, p, i, p->tokens->len, &name))
            continue;
          last_word = g_array_index (p->tokens, Token, name.last).text;
          if (!name.annotated && name.label[0] == 'p')
            {
              gboolean known = name.n_words == 1
                               && g_hash_table_contains (s->person_words, g_array_index (p->tokens, Token, name.last).text);

              if (!(name.courtesy || name.n_words >= 2 || known || is_verb (s, p, name.last + 1))
                  || (prev && prev->kind == TOK_WORD && g_hash_table_contains (s->rules->place_preps, prev->fold))
                  || (name.n_words >= 2 && g_hash_table_contains (s->rules->place_words, last_word)))
                {
                  i = name.last;
                  continue;
                }
              for (guint k = name.first; k <= name.last; k++)
                if (is_name_word (s, &g_array_index (p->tokens, Token, k)))
                  g_hash_table_add (s->person_words, (gpointer) g_array_index (p->tokens, Token, k).text);
            }
          else if (!name.annotated)
            {
              guint k = name.first;

              while (k <= name.last && !is_name_word (s, &g_array_index (p->tokens, Token, k)))
                k++;
              if (k <= name.last)
                g_hash_table_add (s->org_first_words, (gpointer) g_array_index (p->tokens, Token, k).text);
            }
          m.start = name.start;
          m.end = name.end;
          m.label = name.label;
          g_array_append_val (s->mentions, m);
          i = name.last;
        }
    }
}

/* The index of the first mention starting at or after @offset. */
static guint
mentions_from (Scan *s, guint offset)
{
  guint lo = 0, hi = s->mentions->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (s->mentions, Mention, mid).start < offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static Mention *
mention_before (Scan *s, guint offset, const char *label, const char *head)
{
  Mention *any = NULL;

  for (guint i = mentions_from (s, offset); i-- > 0;)
    {
      Mention *m = &g_array_index (s->mentions, Mention, i);
      g_autofree char *text = NULL, *fold = NULL;

      if (label && !g_str_equal (m->label, label))
        continue;
      if (head == NULL)
        return m;
      if (any == NULL)
        any = m;
      /* "the trust" → the organisation whose name has "Trust". */
      text = g_ucs4_to_utf8 (s->ucs + m->start, m->end - m->start, NULL, NULL, NULL);
      fold = text ? g_utf8_casefold (text, -1) : NULL;
      if (fold && strstr (fold, head))
        return m;
    }
  return any;
}

/* ---- attribution patterns ---- */

typedef struct
{
  Scan         *s;
  Paragraph    *p;
  const Pattern *pattern;
  guint         quote_token;
  guint         limit;       /* the sentence's end */
  ElementKind   subject;     /* EL_NAME, EL_PRON, EL_ORG or EL_ANON; 0: none yet */
  Name          name;
  guint         subject_token;
  guint         head_token;  /* EL_ORG: its noun, or G_MAXUINT */
  gboolean      statement;
  gboolean      org_name;    /* EL_ORG: "a spokesperson for NAME" */
  guint         anchor;      /* where the match began */
  guint         last_token;
} Match;

static Token *
tok (Match *m, guint i)
{
  return &g_array_index (m->p->tokens, Token, i);
}

static gboolean
word_in (Match *m, guint i, GHashTable *table)
{
  return i < m->limit && tok (m, i)->kind == TOK_WORD && g_hash_table_contains (table, tok (m, i)->fold);
}

static gboolean match_from (Match *m, guint ei, guint ti);

/* ORG: "the trust", "a spokesperson (for NAME | for the council)",
 * "the statement"; *end receives the token after it. */
static gboolean
match_org (Match *m, guint ti, guint *end)
{
  const Rules *r = m->s->rules;
  guint j = ti + 1;

  if (!word_in (m, ti, r->determiners))
    return FALSE;
  m->head_token = G_MAXUINT;
  m->statement = FALSE;
  m->org_name = FALSE;
  if (word_in (m, j, r->org_nouns))
    {
      m->head_token = j;
      *end = j + 1;
      return TRUE;
    }
  /* "a Met Office spokesman": the organisation named before the noun */
  if (match_name (m->s, m->p, j, m->limit, &m->name) && word_in (m, m->name.last + 1, r->statement_nouns))
    {
      m->statement = TRUE;
      m->org_name = TRUE;
      *end = m->name.last + 2;
      return TRUE;
    }
  if (!word_in (m, j, r->statement_nouns))
    return FALSE;
  m->statement = TRUE;
  *end = j + 1;
  if (j + 1 < m->limit && g_str_equal (tok (m, j + 1)->fold, "for"))
    {
      guint k = j + 2;

      if (match_name (m->s, m->p, k, m->limit, &m->name))
        {
          m->org_name = TRUE;
          *end = m->name.last + 1;
        }
      else
        {
          if (word_in (m, k, r->determiners))
            k++;
          if (word_in (m, k, r->org_nouns))
            {
              m->head_token = k;
              *end = k + 1;
            }
        }
    }
  return TRUE;
}

static gboolean
match_element (Match *m, const Element *el, guint ei, guint ti)
{
  Scan *s = m->s;
  guint end;

  switch (el->kind)
    {
    case EL_QUOTE:
      return ti == m->quote_token && match_from (m, ei + 1, ti + 1);
    case EL_SKIP:
      for (guint k = 0; k <= MAX_SKIP && ti + k <= m->limit; k++)
        if (match_from (m, ei + 1, ti + k))
          return TRUE;
      return FALSE;
    case EL_VERB:
      return word_in (m, ti, s->rules->verbs) && match_from (m, ei + 1, ti + 1);
    case EL_PRON:
      if (!word_in (m, ti, s->rules->pronouns))
        return FALSE;
      m->subject = EL_PRON;
      m->subject_token = ti;
      return match_from (m, ei + 1, ti + 1);
    case EL_NAME:
      if (!match_name (s, m->p, ti, m->limit, &m->name))
        return FALSE;
      m->subject = EL_NAME;
      m->subject_token = ti;
      return match_from (m, ei + 1, m->name.last + 1);
    case EL_ORG:
      if (!match_org (m, ti, &end))
        return FALSE;
      m->subject = EL_ORG;
      m->subject_token = ti;
      return match_from (m, ei + 1, end);
    case EL_ANON:
      if (word_in (m, ti, s->rules->anonymous))
        {
          m->subject = EL_ANON;
          m->subject_token = ti;
          if (match_from (m, ei + 1, ti + 1))
            return TRUE;
        }
      if (!word_in (m, ti, s->rules->determiners))
        return FALSE;
      for (guint k = 1; k <= MAX_ANON_WORDS && ti + k < m->limit; k++)
        {
          Token *t = tok (m, ti + k);

          if (t->kind != TOK_WORD || t->cap)
            return FALSE;
          m->subject = EL_ANON;
          m->subject_token = ti;
          if (match_from (m, ei + 1, ti + k + 1))
            return TRUE;
        }
      return FALSE;
    case EL_WORD:
      return ti < m->limit && tok (m, ti)->kind != TOK_QUOTE
             && g_str_equal (tok (m, ti)->fold, el->word) && match_from (m, ei + 1, ti + 1);
    default:
      return FALSE;
    }
}

static gboolean
match_from (Match *m, guint ei, guint ti)
{
  const Element *el;

  if (ei == m->pattern->elements->len)
    {
      m->last_token = ti;
      return TRUE;
    }
  if (ti > m->limit)
    return FALSE;
  el = &g_array_index (m->pattern->elements, Element, ei);
  if (match_element (m, el, ei, ti))
    return TRUE;
  return el->optional && match_from (m, ei + 1, ti);
}

/* The first pattern of @patterns that matches, nearest the quotation. */
static gboolean
match_patterns (Scan *s, Paragraph *p, GPtrArray *patterns, guint quote_token,
                guint first, guint limit, gboolean forward, Match *m)
{
  for (guint pi = 0; pi < patterns->len; pi++)
    {
      const Pattern *pattern = g_ptr_array_index (patterns, pi);
      guint hi = quote_token == G_MAXUINT ? limit : MIN (quote_token + 1, limit);

      for (guint n = 0; n < hi - first; n++)
        {
          guint a = forward || pattern->from_start ? first + n : hi - 1 - n;

          memset (m, 0, sizeof *m);
          m->s = s;
          m->p = p;
          m->pattern = pattern;
          m->quote_token = quote_token;
          m->limit = limit;
          if (match_from (m, 0, a))
            {
              m->anchor = a;
              if (m->subject != EL_ORG)
                m->head_token = G_MAXUINT;
              return TRUE;
            }
        }
    }
  return FALSE;
}

static SpeakerState resolve_subject (Scan *s, Paragraph *p, Match *m, guint before, Mention *out);

/* "the statement said": who made the statement, from the sentence of the
 * paragraph that mentions one ("The trust said in a statement…"). */
static SpeakerState
resolve_statement (Scan *s, Paragraph *p, Match *m, guint before, Mention *out)
{
  for (guint i = m->subject_token; i-- > 0;)
    {
      Token *t = &g_array_index (p->tokens, Token, i);
      guint first, end;
      Match sub;

      if (t->kind != TOK_WORD || !g_hash_table_contains (s->rules->statement_nouns, t->fold))
        continue;
      sentence_bounds (p, i, &first, &end);
      first = MAX (first, i > MAX_REACH ? i - MAX_REACH : 0);
      end = MIN (end, i + MAX_REACH);
      if (match_patterns (s, p, s->rules->subjects, G_MAXUINT, first, end, TRUE, &sub)
          && !(sub.subject == EL_ORG && sub.statement && !sub.org_name && sub.head_token == G_MAXUINT))
        return resolve_subject (s, p, &sub, before, out);
      break;
    }
  {
    Mention *org = mention_before (s, before, "organization", NULL);

    if (org == NULL)
      return SPEAKER_NONE;
    *out = *org;
    return SPEAKER_FOUND;
  }
}

static SpeakerState
resolve_subject (Scan *s, Paragraph *p, Match *m, guint before, Mention *out)
{
  Mention *found = NULL;

  switch (m->subject)
    {
    case EL_NAME:
      out->start = m->name.start;
      out->end = m->name.end;
      out->label = m->name.label;
      return SPEAKER_FOUND;
    case EL_PRON:
      {
        const char *kind = g_hash_table_lookup (s->rules->pronouns,
                                                g_array_index (p->tokens, Token, m->subject_token).fold);

        found = mention_before (s, before, g_strcmp0 (kind, "person") == 0 ? "person" : NULL, NULL);
        break;
      }
    case EL_ORG:
      if (m->org_name)
        {
          out->start = m->name.start;
          out->end = m->name.end;
          out->label = m->name.label;
          return SPEAKER_FOUND;
        }
      if (m->head_token == G_MAXUINT)
        return resolve_statement (s, p, m, before, out);
      found = mention_before (s, before, "organization",
                              g_array_index (p->tokens, Token, m->head_token).fold);
      break;
    case EL_ANON:
    default:
      return SPEAKER_NONE;
    }
  if (found == NULL)
    return SPEAKER_NONE;
  *out = *found;
  return SPEAKER_FOUND;
}

static void
attribute_quote (Scan *s, Quote *q)
{
  Paragraph *p = &g_array_index (s->paragraphs, Paragraph, q->para);
  guint first, end;
  Match m;

  sentence_bounds (p, q->token, &first, &end);
  /* An attribution is near its quotation: a sentence of thousands of
   * words is not searched from end to end for each. */
  first = MAX (first, q->token > MAX_REACH ? q->token - MAX_REACH : 0);
  end = MIN (end, q->token + MAX_REACH);
  if (!match_patterns (s, p, s->rules->attributions, q->token, first, end, FALSE, &m))
    return;
  q->state = resolve_subject (s, p, &m, q->start, &q->speaker);
  {
    /* The attribution as the article words it, for the person deciding. */
    guint from = m.anchor, to = m.last_token;
    guint a, b;

    if (from == q->token)
      from = q->token + 1;
    else
      to = MIN (to, q->token);
    while (from < to && g_array_index (p->tokens, Token, from).kind == TOK_PUNCT)
      from++;
    while (to > from && g_array_index (p->tokens, Token, to - 1).kind == TOK_PUNCT
           && s->ucs[g_array_index (p->tokens, Token, to - 1).start] != ':')
      to--;
    if (from < to && to <= p->tokens->len)
      {
        a = g_array_index (p->tokens, Token, from).start;
        b = g_array_index (p->tokens, Token, to - 1).end;
        q->detail = gloss_document_dup_slice (s->doc, a, b);
      }
  }
}

/* ---- what is no quotation ---- */

static guint
count_cues (Scan *s, Paragraph *p, guint token, int step, GHashTable *cues)
{
  guint words = 0;

  for (int i = (int) token + step; i >= 0 && i < (int) p->tokens->len; i += step)
    {
      Token *t = &g_array_index (p->tokens, Token, i);

      if (t->kind == TOK_QUOTE || g_array_index (p->sentence, guint, i) != g_array_index (p->sentence, guint, token))
        break;
      if (t->kind != TOK_WORD)
        continue;
      if (g_hash_table_contains (cues, t->fold))
        return TRUE;
      if (++words >= CUE_DISTANCE)
        break;
    }
  return FALSE;
}

/* A short text in capitalised words ("The Last Fire", "Libraries 2030"),
 * or "the" and a capitalised word ("the Captain"), with no end punctuation. */
static gboolean
looks_like_title (Scan *s, Quote *q)
{
  guint words = 0, letter_words = 0, caps = 0, first_cap = 0;
  gboolean in_word = FALSE, first_the = FALSE;
  glong a = q->start + 1, b = q->end - 1;

  while (a < b && is_space (s->ucs[a]))
    a++;
  while (b > a && is_space (s->ucs[b - 1]))
    b--;
  if (b <= a || is_closing_punct (s->ucs[b - 1]) || s->ucs[b - 1] == 0x3002)
    return FALSE;
  for (glong i = a; i < b; i++)
    {
      gunichar c = s->ucs[i];

      if (is_space (c))
        {
          in_word = FALSE;
          continue;
        }
      if (in_word)
        continue;
      in_word = TRUE;
      words++;
      if (!g_unichar_isalpha (c))
        continue;
      letter_words++;
      if (g_unichar_isupper (c))
        {
          caps++;
          if (words <= 2)
            first_cap |= words;
        }
      else if (words == 1 && g_unichar_tolower (c) == 't' && i + 3 <= b
               && g_unichar_tolower (s->ucs[i + 1]) == 'h' && g_unichar_tolower (s->ucs[i + 2]) == 'e'
               && is_space (at (s, i + 3)))
        first_the = TRUE;
    }
  if (words > MAX_TITLE_WORDS || letter_words == 0)
    return FALSE;
  if (first_the && (first_cap & 2))
    return TRUE;
  return (first_cap & 1) && caps * 2 >= letter_words;
}

static gboolean
has_sentence_punct (Scan *s, Quote *q)
{
  for (guint i = q->start + 1; i + 1 < q->end; i++)
    if (strchr (".!?", s->ucs[i] < 128 ? (int) s->ucs[i] : 1) || s->ucs[i] == 0x2026 || s->ucs[i] == 0x3002)
      return TRUE;
  return FALSE;
}

static void
drop_non_quotes (Scan *s)
{
  for (guint i = 0; i < s->quotes->len; i++)
    {
      Quote *q = &g_array_index (s->quotes, Quote, i);
      Paragraph *p = &g_array_index (s->paragraphs, Paragraph, q->para);
      Token *before = q->token > 0 ? &g_array_index (p->tokens, Token, q->token - 1) : NULL;

      if (q->open_piece || q->prev_piece >= 0)
        continue;
      /* a so-called “consultation” */
      if (before && before->kind == TOK_WORD && g_hash_table_contains (s->rules->scare, before->fold))
        q->dropped = TRUE;
      /* the film “Fix It, Grandma”, known as “the Big Hole”, its “Libraries 2030” programme */
      else if (looks_like_title (s, q)
               && (count_cues (s, p, q->token, -1, s->rules->title_before)
                   || count_cues (s, p, q->token, 1, s->rules->title_after)))
        q->dropped = TRUE;
      /* a heading in marks: a paragraph of its own with no sentence in it */
      else if (p->tokens->len == 1 && !has_sentence_punct (s, q))
        q->dropped = TRUE;
    }
}

/* ---- speakers without an attribution of their own ---- */

static gboolean
sentence_has_cue (Scan *s, Paragraph *p, guint token)
{
  guint first, end;

  sentence_bounds (p, token, &first, &end);
  for (guint i = first; i < token; i++)
    {
      Token *t = &g_array_index (p->tokens, Token, i);

      if (t->kind == TOK_WORD && g_hash_table_contains (s->rules->translation, t->fold))
        return TRUE;
    }
  return FALSE;
}

static void
inherit (Quote *q, Quote *from)
{
  q->state = from->state;
  q->speaker = from->speaker;
}

static Quote *
previous_quote (Scan *s, guint index, gboolean same_paragraph)
{
  Quote *q = &g_array_index (s->quotes, Quote, index);

  for (guint i = index; i-- > 0;)
    {
      Quote *o = &g_array_index (s->quotes, Quote, i);

      if (same_paragraph && o->para != q->para)
        return NULL;
      if (!o->dropped && o->state != SPEAKER_UNKNOWN)
        return o;
    }
  return NULL;
}

/* A quotation standing alone, then "That was the caption Ms Nguyễn gave…":
 * the first name in the next paragraph's first sentence. */
static gboolean
back_reference (Scan *s, Quote *q)
{
  Paragraph *p = &g_array_index (s->paragraphs, Paragraph, q->para), *np;
  guint first, end;

  if (p->tokens->len != 1 || q->para + 1 >= s->paragraphs->len)
    return FALSE;
  np = &g_array_index (s->paragraphs, Paragraph, q->para + 1);
  if (np->tokens->len == 0 || g_array_index (np->tokens, Token, 0).kind != TOK_WORD
      || !g_hash_table_contains (s->rules->backref, g_array_index (np->tokens, Token, 0).text))
    return FALSE;
  sentence_bounds (np, 0, &first, &end);
  q->state = SPEAKER_NONE;
  for (guint i = mentions_from (s, g_array_index (np->tokens, Token, first).start); i < s->mentions->len; i++)
    {
      Mention *m = &g_array_index (s->mentions, Mention, i);

      if (m->start >= g_array_index (np->tokens, Token, first).start
          && m->end <= g_array_index (np->tokens, Token, end - 1).end)
        {
          q->speaker = *m;
          q->state = SPEAKER_FOUND;
          break;
        }
    }
  return TRUE;
}

static void
resolve_speakers (Scan *s)
{
  guint n = s->quotes->len;

  for (guint i = 0; i < n; i++)
    {
      Quote *q = &g_array_index (s->quotes, Quote, i);

      if (q->dropped)
        continue;
      if (q->existing && gloss_annotation_set_get_speaker (s->set, q->existing))
        {
          GlossAnnotation *sp = gloss_annotation_set_get_speaker (s->set, q->existing);

          q->state = SPEAKER_FOUND;
          q->speaker.start = gloss_annotation_get_start (sp);
          q->speaker.end = gloss_annotation_get_end (sp);
          q->speaker.label = g_intern_string (gloss_annotation_get_label (sp));
          continue;
        }
      attribute_quote (s, q);
    }

  /* The pieces of a continued quote have one speaker: the attribution of
   * a piece goes to the pieces after it without one, then to those before. */
  for (guint i = 0; i < n; i++)
    {
      Quote *q = &g_array_index (s->quotes, Quote, i);

      if (q->prev_piece >= 0 && q->state == SPEAKER_UNKNOWN)
        inherit (q, &g_array_index (s->quotes, Quote, q->prev_piece));
    }
  for (guint i = n; i-- > 0;)
    {
      Quote *q = &g_array_index (s->quotes, Quote, i);
      Quote *o = q->prev_piece >= 0 ? &g_array_index (s->quotes, Quote, q->prev_piece) : NULL;

      if (o != NULL && o->state == SPEAKER_UNKNOWN)
        inherit (o, q);
    }

  for (guint i = 0; i < n; i++)
    {
      Quote *q = &g_array_index (s->quotes, Quote, i);
      Paragraph *p = &g_array_index (s->paragraphs, Paragraph, q->para);
      Quote *o = NULL;
      Mention *m;

      if (q->dropped || q->state != SPEAKER_UNKNOWN)
        continue;
      if (q->prev_piece >= 0)
        o = &g_array_index (s->quotes, Quote, q->prev_piece);
      else if (sentence_has_cue (s, p, q->token))
        o = previous_quote (s, i, FALSE);   /* In English: “…” */
      else
        o = previous_quote (s, i, TRUE);    /* “…,” she said. “…” */
      if (o != NULL && o->state != SPEAKER_UNKNOWN)
        {
          inherit (q, o);
          continue;
        }
      if (back_reference (s, q))
        continue;
      /* Nothing said who: the last person named before. */
      m = mention_before (s, q->start, "person", NULL);
      if (m != NULL)
        {
          q->speaker = *m;
          q->state = SPEAKER_FOUND;
        }
      else
        q->state = SPEAKER_NONE;
    }
}

/* ---- the suggestions ---- */

static void
collect_annotations (Scan *s)
{
  guint n = s->set ? g_list_model_get_n_items (G_LIST_MODEL (s->set)) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossAnnotation) a = g_list_model_get_item (G_LIST_MODEL (s->set), i);
      const char *label = gloss_annotation_get_label (a);

      if (g_strcmp0 (label, "person") == 0 || g_strcmp0 (label, "organization") == 0)
        {
          g_ptr_array_add (s->entities, g_object_ref (a));
          s->entities_max_length = MAX (s->entities_max_length,
                                        gloss_annotation_get_end (a) - gloss_annotation_get_start (a));
        }
      else if (g_strcmp0 (label, "quote") == 0)
        g_ptr_array_add (s->quote_anns, g_object_ref (a));
    }
}

/* A quote already annotated is suggested again only for its speaker; one
 * that overlaps another quote annotation not at all. */
static void
match_existing (Scan *s)
{
  for (guint i = 0; i < s->quotes->len; i++)
    {
      Quote *q = &g_array_index (s->quotes, Quote, i);

      for (guint j = 0; j < s->quote_anns->len; j++)
        {
          GlossAnnotation *a = g_ptr_array_index (s->quote_anns, j);
          guint as = gloss_annotation_get_start (a), ae = gloss_annotation_get_end (a);

          if (as >= q->end)
            break;
          if (ae <= q->start)
            continue;
          if (as == q->start && ae == q->end)
            q->existing = a;
          else if (q->existing == NULL)
            q->dropped = TRUE;
        }
      if (q->existing)
        q->dropped = FALSE;
    }
}

static void
scan_clear (Scan *s)
{
  for (guint i = 0; s->paragraphs && i < s->paragraphs->len; i++)
    {
      Paragraph *p = &g_array_index (s->paragraphs, Paragraph, i);

      g_clear_pointer (&p->tokens, g_array_unref);
      g_clear_pointer (&p->sentence, g_array_unref);
      g_clear_pointer (&p->sentence_start, g_array_unref);
    }
  for (guint i = 0; s->quotes && i < s->quotes->len; i++)
    g_free (g_array_index (s->quotes, Quote, i).detail);
  g_clear_pointer (&s->paragraphs, g_array_unref);
  g_clear_pointer (&s->quotes, g_array_unref);
  g_clear_pointer (&s->mentions, g_array_unref);
  g_clear_pointer (&s->entities, g_ptr_array_unref);
  g_clear_pointer (&s->quote_anns, g_ptr_array_unref);
  g_clear_pointer (&s->person_words, g_hash_table_unref);
  g_clear_pointer (&s->org_first_words, g_hash_table_unref);
  g_clear_pointer (&s->chunk, g_string_chunk_free);
  g_clear_pointer (&s->ucs, g_free);
  g_clear_pointer (&s->ignore, g_free);
}

/* How sure: a pair of marks, less for a closing ’ that may be an
 * apostrophe or a text that looks like a title; a piece of a continued
 * quote a little less than a closed one. */
static double
quote_score (Scan *s, Quote *q)
{
  if (q->weak)
    return 0.6;
  if (q->open_piece || q->prev_piece >= 0)
    return 0.8;
  if (looks_like_title (s, q))
    return 0.5;
  return 0.9;
}

GPtrArray *
gloss_suggest_quotes (GlossDocument      *document,
                      GlossAnnotationSet *annotations,
                      GError            **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (g_object_unref);
  Scan s = { 0 };
  guint next_quote = 0;

  g_return_val_if_fail (GLOSS_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (annotations == NULL || GLOSS_IS_ANNOTATION_SET (annotations), NULL);

  s.rules = rules_get (error);
  if (s.rules == NULL)
    return NULL;
  s.doc = document;
  s.set = annotations;
  s.pending = -1;
  s.ucs = g_utf8_to_ucs4_fast (gloss_document_get_text (document), gloss_document_get_n_bytes (document), &s.n);
  s.ignore = g_new0 (guint8, s.n + 1);
  s.paragraphs = g_array_new (FALSE, TRUE, sizeof (Paragraph));
  s.quotes = g_array_new (FALSE, TRUE, sizeof (Quote));
  s.mentions = g_array_new (FALSE, TRUE, sizeof (Mention));
  s.entities = g_ptr_array_new_with_free_func (g_object_unref);
  s.quote_anns = g_ptr_array_new_with_free_func (g_object_unref);
  s.person_words = g_hash_table_new (g_str_hash, g_str_equal);
  s.org_first_words = g_hash_table_new (g_str_hash, g_str_equal);
  s.chunk = g_string_chunk_new (4096);

  collect_annotations (&s);
  mark_elisions (&s);
  find_paragraphs (&s);
  for (guint i = 0; i < s.paragraphs->len; i++)
    scan_paragraph (&s, i);
  for (guint i = 0; i < s.paragraphs->len; i++)
    {
      tokenize_paragraph (&s, i, &next_quote);
      split_sentences (&s, &g_array_index (s.paragraphs, Paragraph, i));
    }
  collect_mentions (&s);
  drop_non_quotes (&s);
  match_existing (&s);
  resolve_speakers (&s);

  for (guint i = 0; i < s.quotes->len; i++)
    {
      Quote *q = &g_array_index (s.quotes, Quote, i);
      g_autofree char *exact = NULL;
      GlossSuggestion *sug;

      if (q->dropped)
        continue;
      if (q->existing && (gloss_annotation_set_get_speaker (s.set, q->existing) || q->state != SPEAKER_FOUND))
        continue;
      /* A mark with a combining character on it: the span takes the
       * whole cluster, as every span must. */
      q->start = gloss_document_prev_grapheme_boundary (document, q->start);
      q->end = gloss_document_next_grapheme_boundary (document, q->end);
      if (q->state == SPEAKER_FOUND)
        {
          q->speaker.start = gloss_document_prev_grapheme_boundary (document, q->speaker.start);
          q->speaker.end = gloss_document_next_grapheme_boundary (document, q->speaker.end);
        }
      exact = gloss_document_dup_slice (document, q->start, q->end);
      sug = gloss_suggestion_new (GLOSS_SUGGESTION_SOURCE_QUOTES, "quote", q->start, q->end, exact);
      gloss_suggestion_set_score (sug, quote_score (&s, q));
      if (q->state == SPEAKER_FOUND)
        gloss_suggestion_set_speaker (sug, q->speaker.start, q->speaker.end, q->speaker.label);
      if (q->detail)
        gloss_suggestion_set_detail (sug, q->detail);
      g_ptr_array_add (result, sug);
    }
  scan_clear (&s);
  return g_steal_pointer (&result);
}
