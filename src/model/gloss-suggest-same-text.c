/* gloss-suggest-same-text.c — "same text elsewhere": a text the corpus
 * marked, suggested wherever the same words stand unmarked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gloss-suggest-same-text.h"
#include "gloss-suggestion.h"

/* How it works, and why:
 *
 * - A tally maps each exact text to its votes: a GArray of LabelCount, one
 *   per label. The index keeps one tally per article (to take it out
 *   again when the article is added anew) and their sum.
 * - Finding every occurrence of thousands of texts in an article is one
 *   pass over its bytes with an Aho–Corasick automaton of all the texts
 *   (built once, on the first suggestion after a change). Searching bytes
 *   is exact: UTF-8 never lets a character's bytes start inside another's,
 *   so a match always starts on a code point. Which byte matches are whole
 *   words is then the document's own question, asked only where a text
 *   matched; so the word rule (clitics included) is the one the app snaps
 *   a selection by, and there is no second one here. */

typedef struct
{
  char  *label;
  guint  n_articles;
  guint  n_spans;
} LabelCount;

static void
label_count_clear (gpointer data)
{
  LabelCount *count = data;

  g_free (count->label);
}

static GArray *
label_counts_new (void)
{
  GArray *counts = g_array_new (FALSE, FALSE, sizeof (LabelCount));

  g_array_set_clear_func (counts, label_count_clear);
  return counts;
}

static LabelCount *
label_counts_find (GArray     *counts,
                   const char *label)
{
  for (guint i = 0; i < counts->len; i++)
    {
      LabelCount *count = &g_array_index (counts, LabelCount, i);

      if (strcmp (count->label, label) == 0)
        return count;
    }

  return NULL;
}

/* text → GArray of LabelCount */
static GHashTable *
tally_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
}

/* Whether @text has a letter or a digit: the same test the document makes
 * of a word segment. */
static gboolean
has_alnum (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      return TRUE;

  return FALSE;
}

/* One article's tally: each label of each text counts one article. */
static GHashTable *
tally_from_set (GlossAnnotationSet *set)
{
  GListModel *model = G_LIST_MODEL (set);
  GlossDocument *document = gloss_annotation_set_get_document (set);
  GHashTable *tally = tally_new ();
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossAnnotation) annotation = g_list_model_get_item (model, i);
      const char *label = gloss_annotation_get_label (annotation);
      g_autofree char *text = NULL;
      GArray *counts;
      LabelCount *count;

      if (label == NULL || label[0] == '\0')
        continue;

      /* From the article, not the annotation's exact: the text that
       * stands there now is what the other articles are searched for. */
      text = gloss_document_dup_slice (document,
                                       gloss_annotation_get_start (annotation),
                                       gloss_annotation_get_end (annotation));
      if (!has_alnum (text))
        continue;

      counts = g_hash_table_lookup (tally, text);
      if (counts == NULL)
        {
          counts = label_counts_new ();
          g_hash_table_insert (tally, g_steal_pointer (&text), counts);
        }

      count = label_counts_find (counts, label);
      if (count == NULL)
        {
          LabelCount fresh = { g_strdup (label), 1, 0 };

          g_array_append_val (counts, fresh);
          count = &g_array_index (counts, LabelCount, counts->len - 1);
        }
      count->n_spans++;
    }

  return tally;
}

/* Adds @part (@sign 1) or takes it out (@sign -1) of @sum. Returns whether
 * the texts of @sum changed (one came or went). */
static gboolean
tally_apply (GHashTable *sum,
             GHashTable *part,
             int         sign)
{
  GHashTableIter iter;
  gpointer key;
  gpointer value;
  gboolean changed = FALSE;

  g_hash_table_iter_init (&iter, part);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GArray *part_counts = value;
      GArray *counts = g_hash_table_lookup (sum, key);

      if (counts == NULL)
        {
          g_return_val_if_fail (sign > 0, changed);
          counts = label_counts_new ();
          g_hash_table_insert (sum, g_strdup (key), counts);
          changed = TRUE;
        }

      for (guint i = 0; i < part_counts->len; i++)
        {
          LabelCount *part_count = &g_array_index (part_counts, LabelCount, i);
          LabelCount *count = label_counts_find (counts, part_count->label);

          if (sign > 0)
            {
              if (count == NULL)
                {
                  LabelCount fresh = { g_strdup (part_count->label), 0, 0 };

                  g_array_append_val (counts, fresh);
                  count = &g_array_index (counts, LabelCount, counts->len - 1);
                }
              count->n_articles += part_count->n_articles;
              count->n_spans += part_count->n_spans;
            }
          else
            {
              g_return_val_if_fail (count != NULL, changed);
              count->n_articles -= part_count->n_articles;
              count->n_spans -= part_count->n_spans;
              if (count->n_articles == 0)
                g_array_remove_index (counts, count - &g_array_index (counts, LabelCount, 0));
            }
        }

      if (counts->len == 0)
        {
          g_hash_table_remove (sum, key);
          changed = TRUE;
        }
    }

  return changed;
}

/* The matcher: Aho–Corasick over bytes.
 *
 * The trie is built from the texts in byte order, so each text shares a
 * path with the one before up to their common prefix, and a node's
 * children are made in byte order (a sorted sibling list, cut short when
 * a larger byte is met). The root's children are a table of 256. */

typedef struct
{
  guint32 first_child;
  guint32 last_child;   /* while building */
  guint32 next_sibling;
  guint32 fail;         /* the longest proper suffix that is a node */
  guint32 dict;         /* the nearest node on the fail chain ending a text, 0: none */
  guint32 pattern;      /* the text ending here, + 1; 0: none */
  guint8  byte;
} MatcherNode;

typedef struct
{
  GArray      *nodes;             /* MatcherNode; 0 is the root */
  guint32      root_next[256];
  const char **patterns;          /* borrowed from the tally they came from */
  guint       *n_chars;           /* in code points */
  guint        n_patterns;
} Matcher;

static void
matcher_free (Matcher *matcher)
{
  if (matcher == NULL)
    return;

  g_array_unref (matcher->nodes);
  g_free (matcher->patterns);
  g_free (matcher->n_chars);
  g_free (matcher);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Matcher, matcher_free)

static inline MatcherNode *
matcher_node (Matcher *matcher,
              guint32  index)
{
  return &g_array_index (matcher->nodes, MatcherNode, index);
}

static inline guint32
matcher_child (Matcher *matcher,
               guint32  node,
               guint8   byte)
{
  if (node == 0)
    return matcher->root_next[byte];

  for (guint32 c = matcher_node (matcher, node)->first_child; c != 0;)
    {
      MatcherNode *child = matcher_node (matcher, c);

      if (child->byte == byte)
        return c;
      if (child->byte > byte)
        break;
      c = child->next_sibling;
    }

  return 0;
}

static guint32
matcher_add_child (Matcher *matcher,
                   guint32  parent,
                   guint8   byte)
{
  MatcherNode fresh = { 0, };
  guint32 index = matcher->nodes->len;

  fresh.byte = byte;
  g_array_append_val (matcher->nodes, fresh);

  if (parent == 0)
    matcher->root_next[byte] = index;
  else
    {
      MatcherNode *p = matcher_node (matcher, parent);

      if (p->last_child == 0)
        p->first_child = index;
      else
        matcher_node (matcher, p->last_child)->next_sibling = index;
      p->last_child = index;
    }

  return index;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
matcher_link (Matcher *matcher)
{
  g_autoptr(GArray) queue = g_array_new (FALSE, FALSE, sizeof (guint32));

  /* Breadth first, so that a node's fail is linked before its children's. */
  for (guint b = 0; b < 256; b++)
    if (matcher->root_next[b] != 0)
      g_array_append_val (queue, matcher->root_next[b]);

  for (guint q = 0; q < queue->len; q++)
    {
      guint32 node = g_array_index (queue, guint32, q);

      for (guint32 c = matcher_node (matcher, node)->first_child; c != 0;
           c = matcher_node (matcher, c)->next_sibling)
        {
          guint8 byte = matcher_node (matcher, c)->byte;
          guint32 f = matcher_node (matcher, node)->fail;
          guint32 target;
          MatcherNode *child;

          while (f != 0 && matcher_child (matcher, f, byte) == 0)
            f = matcher_node (matcher, f)->fail;
          target = matcher_child (matcher, f, byte);

          child = matcher_node (matcher, c);
          child->fail = target;
          child->dict = matcher_node (matcher, target)->pattern != 0
                        ? target : matcher_node (matcher, target)->dict;
          g_array_append_val (queue, c);
        }
    }
}

/* A matcher of the keys of @texts (which must outlive it); NULL when
 * there are none. */
static Matcher *
matcher_new (GPtrArray *texts)
{
  Matcher *matcher;
  g_autoptr(GArray) path = g_array_new (FALSE, FALSE, sizeof (guint32));
  const char *previous = "";
  guint32 root = 0;

  if (texts->len == 0)
    return NULL;

  matcher = g_new0 (Matcher, 1);
  matcher->nodes = g_array_new (FALSE, TRUE, sizeof (MatcherNode));
  g_array_set_size (matcher->nodes, 1);
  matcher->n_patterns = texts->len;
  matcher->patterns = g_new (const char *, texts->len);
  matcher->n_chars = g_new (guint, texts->len);
  memcpy (matcher->patterns, texts->pdata, texts->len * sizeof (char *));
  qsort (matcher->patterns, texts->len, sizeof (char *), compare_strings);

  g_array_append_val (path, root);
  for (guint i = 0; i < matcher->n_patterns; i++)
    {
      const char *text = matcher->patterns[i];
      gsize length = strlen (text);
      gsize common = 0;

      while (text[common] != '\0' && text[common] == previous[common])
        common++;

      /* path[d] is the node of the previous text's first d bytes. */
      g_array_set_size (path, common + 1);
      for (gsize d = common; d < length; d++)
        {
          guint32 node = matcher_add_child (matcher, g_array_index (path, guint32, d),
                                            (guint8) text[d]);

          g_array_append_val (path, node);
        }

      matcher_node (matcher, g_array_index (path, guint32, length))->pattern = i + 1;
      matcher->n_chars[i] = (guint) g_utf8_strlen (text, length);
      previous = text;
    }

  matcher_link (matcher);
  return matcher;
}

typedef struct
{
  guint pattern;
  guint start;   /* code points */
  guint end;
} Match;

/* Every occurrence of every text in @text, byte for byte, with its code
 * point offsets: the code points are counted on the way (every byte but
 * a continuation byte starts one), and a text's start is its end less its
 * own length. */
static void
matcher_scan (Matcher    *matcher,
              const char *text,
              gsize       n_bytes,
              GArray     *matches)
{
  guint32 state = 0;
  guint n_chars = 0;

  for (gsize i = 0; i < n_bytes; i++)
    {
      guint8 byte = (guint8) text[i];
      guint32 next;

      if ((byte & 0xC0) != 0x80)
        n_chars++;

      for (;;)
        {
          next = matcher_child (matcher, state, byte);
          if (next != 0 || state == 0)
            break;
          state = matcher_node (matcher, state)->fail;
        }
      state = next;

      for (guint32 o = matcher_node (matcher, state)->pattern != 0
                       ? state : matcher_node (matcher, state)->dict;
           o != 0;
           o = matcher_node (matcher, o)->dict)
        {
          guint pattern = matcher_node (matcher, o)->pattern - 1;
          Match match = { pattern, n_chars - matcher->n_chars[pattern], n_chars };

          g_array_append_val (matches, match);
        }
    }
}

/* The index */

struct _GlossSameTextIndex
{
  GObject     parent_instance;

  GHashTable *articles;  /* key → tally */
  GHashTable *sum;       /* the tally of them all */

  GMutex      lock;      /* guards making the matcher */
  Matcher    *matcher;   /* of sum's texts; NULL until asked for */
};

G_DEFINE_FINAL_TYPE (GlossSameTextIndex, gloss_same_text_index, G_TYPE_OBJECT)

static void
gloss_same_text_index_finalize (GObject *object)
{
  GlossSameTextIndex *self = GLOSS_SAME_TEXT_INDEX (object);

  g_clear_pointer (&self->matcher, matcher_free);
  g_hash_table_unref (self->articles);
  g_hash_table_unref (self->sum);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (gloss_same_text_index_parent_class)->finalize (object);
}

static void
gloss_same_text_index_class_init (GlossSameTextIndexClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gloss_same_text_index_finalize;
}

static void
gloss_same_text_index_init (GlossSameTextIndex *self)
{
  self->articles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) g_hash_table_unref);
  self->sum = tally_new ();
  g_mutex_init (&self->lock);
}

GlossSameTextIndex *
gloss_same_text_index_new (void)
{
  return g_object_new (GLOSS_TYPE_SAME_TEXT_INDEX, NULL);
}

/* The matcher borrows sum's keys: it goes whenever a text does. */
static void
texts_changed (GlossSameTextIndex *self)
{
  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->matcher, matcher_free);
  g_mutex_unlock (&self->lock);
}

static gboolean
remove_article (GlossSameTextIndex *self,
                const char         *article_key)
{
  GHashTable *old = g_hash_table_lookup (self->articles, article_key);

  if (old == NULL)
    return FALSE;

  if (tally_apply (self->sum, old, -1))
    texts_changed (self);
  g_hash_table_remove (self->articles, article_key);

  return TRUE;
}

void
gloss_same_text_index_add (GlossSameTextIndex *self,
                           const char         *article_key,
                           GlossAnnotationSet *set)
{
  GHashTable *tally;

  g_return_if_fail (GLOSS_IS_SAME_TEXT_INDEX (self));
  g_return_if_fail (article_key != NULL);
  g_return_if_fail (GLOSS_IS_ANNOTATION_SET (set));

  tally = tally_from_set (set);
  remove_article (self, article_key);
  if (tally_apply (self->sum, tally, 1))
    texts_changed (self);
  g_hash_table_insert (self->articles, g_strdup (article_key), tally);
}

gboolean
gloss_same_text_index_remove (GlossSameTextIndex *self,
                              const char         *article_key)
{
  g_return_val_if_fail (GLOSS_IS_SAME_TEXT_INDEX (self), FALSE);
  g_return_val_if_fail (article_key != NULL, FALSE);

  return remove_article (self, article_key);
}

guint
gloss_same_text_index_get_n_articles (GlossSameTextIndex *self)
{
  g_return_val_if_fail (GLOSS_IS_SAME_TEXT_INDEX (self), 0);

  return g_hash_table_size (self->articles);
}

guint
gloss_same_text_index_get_n_texts (GlossSameTextIndex *self)
{
  g_return_val_if_fail (GLOSS_IS_SAME_TEXT_INDEX (self), 0);

  return g_hash_table_size (self->sum);
}

char **
gloss_same_text_index_dup_labels (GlossSameTextIndex *self,
                                  const char         *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  GArray *counts;

  g_return_val_if_fail (GLOSS_IS_SAME_TEXT_INDEX (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  counts = g_hash_table_lookup (self->sum, text);
  for (guint i = 0; counts != NULL && i < counts->len; i++)
    g_ptr_array_add (labels, g_strdup (g_array_index (counts, LabelCount, i).label));
  g_ptr_array_sort (labels, compare_strings);
  g_ptr_array_add (labels, NULL);

  return (char **) g_ptr_array_free (g_steal_pointer (&labels), FALSE);
}

guint
gloss_same_text_index_count (GlossSameTextIndex *self,
                             const char         *text,
                             const char         *label,
                             guint              *n_spans)
{
  GArray *counts;
  LabelCount *count = NULL;

  g_return_val_if_fail (GLOSS_IS_SAME_TEXT_INDEX (self), 0);
  g_return_val_if_fail (text != NULL && label != NULL, 0);

  counts = g_hash_table_lookup (self->sum, text);
  if (counts != NULL)
    count = label_counts_find (counts, label);

  if (n_spans != NULL)
    *n_spans = count != NULL ? count->n_spans : 0;

  return count != NULL ? count->n_articles : 0;
}

static Matcher *
ensure_matcher (GlossSameTextIndex *self)
{
  Matcher *matcher;

  g_mutex_lock (&self->lock);
  if (self->matcher == NULL && g_hash_table_size (self->sum) > 0)
    {
      g_autoptr(GPtrArray) texts = g_ptr_array_sized_new (g_hash_table_size (self->sum));
      GHashTableIter iter;
      gpointer text;

      g_hash_table_iter_init (&iter, self->sum);
      while (g_hash_table_iter_next (&iter, &text, NULL))
        g_ptr_array_add (texts, text);
      self->matcher = matcher_new (texts);
    }
  matcher = self->matcher;
  g_mutex_unlock (&self->lock);

  return matcher;
}

/* Suggesting */

/* What the votes say of one text, once per text and call. */
typedef struct
{
  char   *label;      /* NULL: a tie */
  GStrv   tie;
  double  score;
  char   *detail;
  char   *key;        /* the label, or the tie's labels: "same label" below */
} Verdict;

static void
verdict_free (gpointer data)
{
  Verdict *verdict = data;

  if (verdict == NULL)
    return;

  g_free (verdict->label);
  g_strfreev (verdict->tie);
  g_free (verdict->detail);
  g_free (verdict->key);
  g_free (verdict);
}

typedef struct
{
  GlossAnnotationSet *set;
  GlossDocument      *document;
  GHashTable         *sum;          /* the index's; may be NULL */
  GHashTable         *own_before;   /* what the index holds of this article; may be NULL */
  GHashTable         *own_now;      /* the set's tally */
  GHashTable         *label_order;  /* label id → position + 1 in the label set */
  GHashTable         *verdicts;     /* text → Verdict, NULL when there is nothing to say */
} Suggesting;

typedef struct
{
  const char *label;
  int         n_articles;
} Vote;

static int
compare_labels (Suggesting *s,
                const char *a,
                const char *b)
{
  guint pa = GPOINTER_TO_UINT (g_hash_table_lookup (s->label_order, a));
  guint pb = GPOINTER_TO_UINT (g_hash_table_lookup (s->label_order, b));

  /* Labels the set's label set lists come first, in its order. */
  if (pa != pb)
    return pa == 0 ? 1 : pb == 0 ? -1 : pa < pb ? -1 : 1;

  return strcmp (a, b);
}

/* Most votes first, then label order. */
static int
compare_votes (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const Vote *va = a;
  const Vote *vb = b;

  if (va->n_articles != vb->n_articles)
    return va->n_articles > vb->n_articles ? -1 : 1;

  return compare_labels (user_data, va->label, vb->label);
}

static void
add_votes (GArray *votes,
           GArray *counts,
           int     sign)
{
  for (guint i = 0; counts != NULL && i < counts->len; i++)
    {
      LabelCount *count = &g_array_index (counts, LabelCount, i);
      guint j;

      for (j = 0; j < votes->len; j++)
        if (strcmp (g_array_index (votes, Vote, j).label, count->label) == 0)
          break;

      if (j == votes->len)
        {
          Vote fresh = { count->label, 0 };

          g_array_append_val (votes, fresh);
        }
      g_array_index (votes, Vote, j).n_articles += sign * (int) count->n_articles;
    }
}

static Verdict *
make_verdict (Suggesting *s,
              const char *text)
{
  g_autoptr(GArray) votes = g_array_new (FALSE, FALSE, sizeof (Vote));
  g_autoptr(GString) detail = g_string_new (NULL);
  Verdict *verdict;
  int total = 0;
  int top;
  guint n_top = 0;

  add_votes (votes, s->sum != NULL ? g_hash_table_lookup (s->sum, text) : NULL, 1);
  add_votes (votes, s->own_before != NULL ? g_hash_table_lookup (s->own_before, text) : NULL, -1);
  add_votes (votes, g_hash_table_lookup (s->own_now, text), 1);

  for (guint i = votes->len; i-- > 0;)
    {
      if (g_array_index (votes, Vote, i).n_articles <= 0)
        g_array_remove_index (votes, i);
      else
        total += g_array_index (votes, Vote, i).n_articles;
    }

  /* Only this article marked it, and it no longer does. */
  if (votes->len == 0)
    return NULL;

  g_array_sort_with_data (votes, compare_votes, s);
  top = g_array_index (votes, Vote, 0).n_articles;
  while (n_top < votes->len && g_array_index (votes, Vote, n_top).n_articles == top)
    n_top++;

  for (guint i = 0; i < votes->len; i++)
    {
      const Vote *vote = &g_array_index (votes, Vote, i);

      /* Ids and counts, not names: the same in every language. */
      g_string_append_printf (detail, "%s%s %d×", i > 0 ? ", " : "", vote->label, vote->n_articles);
    }

  verdict = g_new0 (Verdict, 1);
  verdict->score = (double) top / total;
  verdict->detail = g_string_free (g_steal_pointer (&detail), FALSE);

  if (n_top == 1)
    {
      verdict->label = g_strdup (g_array_index (votes, Vote, 0).label);
      verdict->key = g_strdup (verdict->label);
    }
  else
    {
      verdict->tie = g_new0 (char *, n_top + 1);
      for (guint i = 0; i < n_top; i++)
        verdict->tie[i] = g_strdup (g_array_index (votes, Vote, i).label);
      /* "\n" is in no label id: the key of a tie never equals a label's. */
      verdict->key = g_strjoinv ("\n", verdict->tie);
    }

  return verdict;
}

static Verdict *
lookup_verdict (Suggesting *s,
                const char *text)
{
  Verdict *verdict;

  if (g_hash_table_lookup_extended (s->verdicts, text, NULL, (gpointer *) &verdict))
    return verdict;

  verdict = make_verdict (s, text);
  g_hash_table_insert (s->verdicts, (gpointer) text, verdict);

  return verdict;
}

static gboolean
verdict_has_label (Verdict    *verdict,
                   const char *label)
{
  if (verdict->label != NULL)
    return strcmp (verdict->label, label) == 0;

  return g_strv_contains ((const char * const *) verdict->tie, label);
}

/* Not inside a word at either end, nor inside a grapheme cluster. */
static gboolean
is_whole_words (GlossDocument *document,
                guint          start,
                guint          end)
{
  return gloss_document_word_start_before (document, start) == start
         && gloss_document_word_end_after (document, end) == end
         && gloss_document_is_grapheme_boundary (document, start)
         && gloss_document_is_grapheme_boundary (document, end);
}

/* Whether an annotation of the article rules out suggesting @verdict at
 * [@start, @end): the rules in the header. */
static gboolean
is_ruled_out (Suggesting *s,
              Verdict    *verdict,
              guint       start,
              guint       end)
{
  g_autoptr(GPtrArray) overlapping = gloss_annotation_set_in_range (s->set, start, end);

  for (guint i = 0; i < overlapping->len; i++)
    {
      GlossAnnotation *annotation = g_ptr_array_index (overlapping, i);
      guint a_start = gloss_annotation_get_start (annotation);
      guint a_end = gloss_annotation_get_end (annotation);

      if (a_start == start && a_end == end)
        return TRUE;
      if (verdict_has_label (verdict, gloss_annotation_get_label (annotation)))
        return TRUE;
      if ((a_start < start && a_end < end) || (a_start > start && a_end > end))
        return TRUE;
    }

  return FALSE;
}

typedef struct
{
  guint        start;
  guint        end;
  const char  *text;
  Verdict     *verdict;
} Candidate;

/* Start, then the longer first: a span comes before those it holds. */
static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *ca = a;
  const Candidate *cb = b;

  if (ca->start != cb->start)
    return ca->start < cb->start ? -1 : 1;
  if (ca->end != cb->end)
    return ca->end > cb->end ? -1 : 1;

  return strcmp (ca->text, cb->text);
}

static void
collect_candidates (Suggesting *s,
                    Matcher    *matcher,
                    GArray     *candidates)
{
  const char *text = gloss_document_get_text (s->document);
  g_autoptr(GArray) matches = g_array_new (FALSE, FALSE, sizeof (Match));

  matcher_scan (matcher, text, gloss_document_get_n_bytes (s->document), matches);

  for (guint i = 0; i < matches->len; i++)
    {
      Match *match = &g_array_index (matches, Match, i);
      Candidate candidate;

      candidate.start = match->start;
      candidate.end = match->end;
      candidate.text = matcher->patterns[match->pattern];

      if (!is_whole_words (s->document, candidate.start, candidate.end))
        continue;

      candidate.verdict = lookup_verdict (s, candidate.text);
      if (candidate.verdict == NULL
          || is_ruled_out (s, candidate.verdict, candidate.start, candidate.end))
        continue;

      g_array_append_val (candidates, candidate);
    }
}

static GlossSuggestion *
make_suggestion (const Candidate *candidate)
{
  Verdict *verdict = candidate->verdict;
  GlossSuggestion *suggestion = gloss_suggestion_new (GLOSS_SUGGESTION_SOURCE_SAME_TEXT,
                                                      verdict->label,
                                                      candidate->start, candidate->end,
                                                      candidate->text);

  if (verdict->tie != NULL)
    gloss_suggestion_set_tie (suggestion, (const char * const *) verdict->tie);
  gloss_suggestion_set_score (suggestion, verdict->score);
  gloss_suggestion_set_detail (suggestion, verdict->detail);

  return suggestion;
}

static GHashTable *
label_order_new (GlossAnnotationSet *set)
{
  GHashTable *order = g_hash_table_new (g_str_hash, g_str_equal);
  GListModel *labels = G_LIST_MODEL (gloss_annotation_set_get_labels (set));
  guint n = labels != NULL ? g_list_model_get_n_items (labels) : 0;

  /* The ids are the labels', which the set keeps alive meanwhile. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossLabel) label = g_list_model_get_item (labels, i);
      const char *id = gloss_label_get_id (label);

      if (!g_hash_table_contains (order, id))
        g_hash_table_insert (order, (gpointer) id, GUINT_TO_POINTER (i + 1));
    }

  return order;
}

static int
compare_suggestions (gconstpointer a,
                     gconstpointer b)
{
  return gloss_suggestion_compare (*(GlossSuggestion **) a, *(GlossSuggestion **) b);
}

GPtrArray *
gloss_suggest_same_text (GlossAnnotationSet *set,
                         GlossSameTextIndex *index,
                         const char         *article_key)
{
  g_autoptr(GHashTable) own_now = NULL;
  g_autoptr(GHashTable) label_order = NULL;
  g_autoptr(GHashTable) verdicts = NULL;
  g_autoptr(GHashTable) max_end = NULL;
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autoptr(GPtrArray) own_only = g_ptr_array_new ();
  g_autoptr(Matcher) own_matcher = NULL;
  GPtrArray *suggestions;
  Matcher *matcher = NULL;
  Suggesting s = { 0, };
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (set), NULL);
  g_return_val_if_fail (index == NULL || GLOSS_IS_SAME_TEXT_INDEX (index), NULL);

  own_now = tally_from_set (set);
  label_order = label_order_new (set);
  /* By the text's address: each text is one string during the call, and
   * hashing a long quote for every occurrence would cost more. */
  verdicts = g_hash_table_new_full (NULL, NULL, NULL, verdict_free);

  s.set = set;
  s.document = gloss_annotation_set_get_document (set);
  s.own_now = own_now;
  s.label_order = label_order;
  s.verdicts = verdicts;
  if (index != NULL)
    {
      s.sum = index->sum;
      if (article_key != NULL)
        s.own_before = g_hash_table_lookup (index->articles, article_key);
      matcher = ensure_matcher (index);
    }

  /* The index's matcher has the corpus's texts; those only this article
   * has marked since it was built get a small matcher of their own. */
  g_hash_table_iter_init (&iter, own_now);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (s.sum == NULL || !g_hash_table_contains (s.sum, key))
      g_ptr_array_add (own_only, key);
  own_matcher = matcher_new (own_only);

  if (matcher != NULL)
    collect_candidates (&s, matcher, candidates);
  if (own_matcher != NULL)
    collect_candidates (&s, own_matcher, candidates);

  g_array_sort (candidates, compare_candidates);

  /* A candidate inside an earlier one (which starts at or before it and,
   * starting with it, is longer) of the same label or tie: the earlier one
   * that ends furthest is the one to compare with. */
  max_end = g_hash_table_new (g_str_hash, g_str_equal);
  suggestions = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < candidates->len; i++)
    {
      const Candidate *candidate = &g_array_index (candidates, Candidate, i);
      gpointer furthest;

      if (g_hash_table_lookup_extended (max_end, candidate->verdict->key, NULL, &furthest)
          && GPOINTER_TO_UINT (furthest) >= candidate->end)
        continue;

      g_hash_table_insert (max_end, candidate->verdict->key, GUINT_TO_POINTER (candidate->end));
      g_ptr_array_add (suggestions, make_suggestion (candidate));
    }

  g_ptr_array_sort (suggestions, compare_suggestions);
  return suggestions;
}
