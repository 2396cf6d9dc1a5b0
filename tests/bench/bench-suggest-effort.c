/* bench-suggest-effort.c — how much work suggestions save: the gold
 * sidecar of an article reached by a replay of the person's actions,
 * without and with suggestions, counting key presses and pointer actions
 *
 * Usage: bench-suggest-effort DIR:ANNOTATOR…  (every DIR/NAME.txt with a
 *        sidecar NAME.txt.ANNOTATOR.gloss.json)
 *        bench-suggest-effort --article PATH --gold ANNOTATOR
 *        (--verbose: every action as it is counted)
 *
 * The replay is of the model (no GTK): every edit is made on a
 * GlossAnnotationSet through the calls the app's actions make, and at the
 * end the replayed set must hold exactly the gold's spans (span and label)
 * and relations (type and ends), else the benchmark fails: the counts are
 * those of reaching the gold, not an estimate.
 *
 * The cost model, from the app's bindings (gloss-application.c,
 * gloss-window-actions.c, gloss-speaker-chooser.c,
 * gloss-article-view-relations.c) and the suggestion keys decided for
 * issue 15; it is printed with the figures:
 *
 * Without suggestions, the person goes through the gold spans in document
 * order (start, the longer first):
 *  - a span: a drag over it (1 pointer) and its label's key (1 key; a
 *    label without a key: its button, 1 pointer). The new span is
 *    selected. A drag that would start inside the selected span is a
 *    relation drag (or a drag of the selected text), so a span inside the
 *    one selected costs a click elsewhere first (1 pointer).
 *  - a speaker relation, as soon as both ends exist: the quote selected
 *    (a click, 1 pointer, unless it is the span just made), Ctrl+Shift+S
 *    (1 key), then the chooser: it preselects the quote's speaker, else the
 *    last candidate starting before the quote, else the first; the arrows
 *    from there to the speaker (1 key each) and Return (1 key). The
 *    candidates are the model's (gloss_annotation_set_relation_candidates(),
 *    the chooser's filter).
 *  - another relation (contradicts…), as soon as both ends exist: the
 *    source selected (a click, unless selected), Ctrl+K (1 key), a click
 *    on the target (1 pointer), the relation's key (1 key).
 *  - attributes, notes and article labels are left out: they cost the same
 *    with suggestions or without.
 *
 * With suggestions: the quotes source runs once, on the article with no
 * annotation (as `gloss-cli suggest` leaves it); the same-text source runs
 * again after every change of the set, its index (GlossSameTextIndex)
 * updated with the set, so a span made by hand is suggested elsewhere at
 * once. Both go into a GlossSuggestionFile (gloss_suggestion_file_merge_run(),
 * then _drop_annotated()). Each article starts with an empty index: what
 * other articles marked is not used. The person reads in document order:
 *  - the next suggestion is reached with F8 (1 key) — once at the start,
 *    and again after a span made by hand or a click (the caret moved);
 *    accepting or rejecting steps to the next by itself (0);
 *  - a suggestion with the span and label of a gold span, and the gold
 *    speaker (or none, when it has none): Ctrl+Return accepts it with its
 *    speaker (1 key, gloss_suggestion_file_accept());
 *  - a gold span's span with another label, or a tie: that label's key
 *    accepts it with that label (1 key);
 *  - a suggested speaker that is not the gold one: the accept as above,
 *    then a speaker span it made that is not in the gold deleted (a click
 *    and Delete: 1 pointer, 1 key) and the speaker chosen as without
 *    suggestions; a speaker where the gold has none taken away with the
 *    chooser's None (the quote selected, Ctrl+Shift+S, a click on None);
 *  - a suggestion that is no gold span: Ctrl+Delete rejects it (1 key);
 *  - a gold span before the next suggestion and not suggested: made by
 *    hand as without (the text selection being the suggestion's span);
 *  - suggestions left behind the caret (same-text ones that appeared
 *    before it, and accepted ones the suggestions file lists again once
 *    their speaker is changed — it takes that for an undo): Ctrl+Home and
 *    F8 (2 keys), then as above.
 *  Gold spans and relations never suggested cost what they cost without.
 *
 * Prints per article and in total the key presses and pointer actions
 * without and with suggestions and their ratio, and how many suggestions
 * were accepted, accepted with another label, rejected (and of those, met
 * again after their accept), and how many speakers had to be fixed.
 * Fails (exit 1) when an article cannot be read
 * or a replay does not reach its gold.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "gloss.h"
#include "gloss-bench.h"

typedef struct
{
  guint keys;
  guint pointer;
} Cost;

typedef struct
{
  Cost  without;
  Cost  with;
  guint spans;
  guint relations;
  guint suggested;      /* suggestions the person met */
  guint accepted;       /* Ctrl+Return */
  guint relabelled;     /* a label key */
  guint rejected;       /* Ctrl+Delete */
  guint speakers_fixed; /* an accepted quote's speaker chosen again or taken away */
  guint spans_deleted;  /* a speaker span an accept made that is not the gold's */
  guint by_hand;        /* spans made by hand with suggestions */
  guint relisted;       /* met again after being accepted (see below) */
} Tally;

/* One replay: the set being built towards the gold, and the selection. */
typedef struct
{
  GlossAnnotationSet  *gold;
  GPtrArray           *gold_spans;  /* GlossAnnotation of @gold, replay order */
  GlossAnnotationSet  *set;
  GlossLabelSet       *labels;
  Cost                *cost;
  Tally               *tally;

  /* The selected annotation of the set (borrowed; NULL when none), and
   * the text selection: an annotation's span, or a suggestion's. */
  GlossAnnotation     *selected;
  gboolean             has_selection;
  guint                sel_start, sel_end;
  /* A suggestion is selected (F8 or a step): the keys act on it. */
  gboolean             at_suggestion;

  /* With suggestions only. */
  GlossSuggestionFile *file;
  GlossSameTextIndex  *index;
  const char          *key;
  GPtrArray           *accepted;  /* GlossSuggestion accepted */
} Replay;

/* --verbose: every action, as it is counted. */
static gboolean verbose;

static void trace (Replay *r, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
trace (Replay *r, const char *format, ...)
{
  g_autofree char *what = NULL;
  va_list args;

  if (!verbose)
    return;
  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  printf ("  %s %4u keys %4u pointer: %s\n", r->file ? "with   " : "without", r->cost->keys, r->cost->pointer, what);
}

/* ------------------------------------------------------------------ */
/* The gold                                                             */
/* ------------------------------------------------------------------ */

/* Replay order: start, then the longer first (a quote before a name in
 * it), then label. */
static int
compare_spans (gconstpointer a, gconstpointer b)
{
  GlossAnnotation *x = *(GlossAnnotation **) a, *y = *(GlossAnnotation **) b;

  if (gloss_annotation_get_start (x) != gloss_annotation_get_start (y))
    return gloss_annotation_get_start (x) < gloss_annotation_get_start (y) ? -1 : 1;
  if (gloss_annotation_get_end (x) != gloss_annotation_get_end (y))
    return gloss_annotation_get_end (x) > gloss_annotation_get_end (y) ? -1 : 1;
  return strcmp (gloss_annotation_get_label (x), gloss_annotation_get_label (y));
}

/* The annotation of @set with this span and label, or NULL (borrowed). */
static GlossAnnotation *
find_span (GlossAnnotationSet *set, guint start, guint end, const char *label)
{
  g_autoptr(GPtrArray) here = gloss_annotation_set_at_offset (set, start);

  for (guint i = 0; i < here->len; i++)
    {
      GlossAnnotation *a = g_ptr_array_index (here, i);

      if (gloss_annotation_get_start (a) == start && gloss_annotation_get_end (a) == end
          && g_str_equal (gloss_annotation_get_label (a), label))
        return gloss_annotation_set_lookup (set, gloss_annotation_get_id (a));
    }
  return NULL;
}

/* The annotation of @to with @a's span and label. */
static GlossAnnotation *
counterpart (GlossAnnotationSet *to, GlossAnnotation *a)
{
  return a ? find_span (to, gloss_annotation_get_start (a), gloss_annotation_get_end (a),
                        gloss_annotation_get_label (a))
           : NULL;
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char **) a, *(char **) b);
}

/* "type start-end label → start-end label" of every relation, sorted: what
 * the replay must end with, for comparing. */
static GPtrArray *
describe_relations (GlossAnnotationSet *set)
{
  GListModel *relations = gloss_annotation_set_get_relations (set);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (relations); i++)
    {
      g_autoptr(GlossRelation) r = g_list_model_get_item (relations, i);
      GlossAnnotation *from = gloss_annotation_set_lookup (set, gloss_relation_get_from (r));
      GlossAnnotation *to = gloss_annotation_set_lookup (set, gloss_relation_get_to (r));

      g_ptr_array_add (out, g_strdup_printf ("%s %u-%u %s → %u-%u %s", gloss_relation_get_rel_type (r),
                                             from ? gloss_annotation_get_start (from) : 0,
                                             from ? gloss_annotation_get_end (from) : 0,
                                             from ? gloss_annotation_get_label (from) : "?",
                                             to ? gloss_annotation_get_start (to) : 0,
                                             to ? gloss_annotation_get_end (to) : 0,
                                             to ? gloss_annotation_get_label (to) : "?"));
    }
  g_ptr_array_sort (out, compare_names);
  return out;
}

static GPtrArray *
describe_spans (GlossAnnotationSet *set)
{
  GListModel *model = G_LIST_MODEL (set);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GlossAnnotation) a = g_list_model_get_item (model, i);

      g_ptr_array_add (out, g_strdup_printf ("%u-%u %s", gloss_annotation_get_start (a),
                                             gloss_annotation_get_end (a), gloss_annotation_get_label (a)));
    }
  return out;
}

static gboolean
same_strings (GPtrArray *a, GPtrArray *b, const char *what, GError **error)
{
  for (guint i = 0; i < MAX (a->len, b->len); i++)
    {
      const char *x = i < a->len ? g_ptr_array_index (a, i) : "(none)";
      const char *y = i < b->len ? g_ptr_array_index (b, i) : "(none)";

      if (!g_str_equal (x, y))
        {
          g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                       "the replay did not reach the gold: %s %u is %s, the gold's %s", what, i, x, y);
          return FALSE;
        }
    }
  return TRUE;
}

/* The replayed set holds the gold's spans and relations, nothing else. */
static gboolean
check_reached (Replay *r, GError **error)
{
  g_autoptr(GPtrArray) spans = describe_spans (r->set);
  g_autoptr(GPtrArray) gold_spans = describe_spans (r->gold);
  g_autoptr(GPtrArray) relations = describe_relations (r->set);
  g_autoptr(GPtrArray) gold_relations = describe_relations (r->gold);

  return same_strings (spans, gold_spans, "span", error)
         && same_strings (relations, gold_relations, "relation", error);
}

/* ------------------------------------------------------------------ */
/* What the person does                                                 */
/* ------------------------------------------------------------------ */

static void
select_annotation (Replay *r, GlossAnnotation *a)
{
  r->selected = a;
  r->has_selection = a != NULL;
  if (a)
    {
      r->sel_start = gloss_annotation_get_start (a);
      r->sel_end = gloss_annotation_get_end (a);
    }
}

/* A click on @a, unless it is selected. The caret goes there: the next
 * suggestion is F8 away again. */
static void
click_to_select (Replay *r, GlossAnnotation *a)
{
  if (r->selected != a)
    {
      r->cost->pointer++;
      r->at_suggestion = FALSE;
      trace (r, "click on %u-%u %s", gloss_annotation_get_start (a), gloss_annotation_get_end (a),
             gloss_annotation_get_label (a));
    }
  select_annotation (r, a);
}

static void
label_key (Replay *r, const char *label)
{
  GlossLabel *l = gloss_label_set_lookup (r->labels, label);

  if (l != NULL && gloss_label_get_shortcut (l) != 0)
    r->cost->keys++;
  else
    r->cost->pointer++;  /* its button */
}

/* A drag over @g's span and its label key; the caret goes there. */
static gboolean
make_by_hand (Replay *r, GlossAnnotation *g, GError **error)
{
  guint start = gloss_annotation_get_start (g), end = gloss_annotation_get_end (g);
  GlossAnnotation *a;

  if (r->has_selection && r->sel_start <= start && end <= r->sel_end)
    {
      r->cost->pointer++;  /* a click elsewhere first */
      trace (r, "click outside the selection %u-%u", r->sel_start, r->sel_end);
    }
  r->cost->pointer++;
  label_key (r, gloss_annotation_get_label (g));
  trace (r, "drag over %u-%u “%s”, key of %s", start, end, gloss_annotation_get_exact (g),
         gloss_annotation_get_label (g));
  r->at_suggestion = FALSE;
  a = gloss_annotation_set_create (r->set, gloss_annotation_get_label (g), start, end, error);
  if (a == NULL)
    return FALSE;
  select_annotation (r, a);
  return TRUE;
}

/* The chooser: arrows from the row it preselects to @speaker, and Return. */
static guint
chooser_keys (Replay *r, GlossAnnotation *quote, GlossAnnotation *speaker)
{
  g_autoptr(GPtrArray) candidates = gloss_annotation_set_relation_candidates (r->set, GLOSS_RELATION_SPEAKER,
                                                                              quote);
  GlossAnnotation *current = gloss_annotation_set_get_speaker (r->set, quote);
  guint preselected = G_MAXUINT, target = G_MAXUINT;

  for (guint i = 0; i < candidates->len; i++)
    {
      GlossAnnotation *c = g_ptr_array_index (candidates, i);

      if (c == current)
        preselected = i;
      if (c == speaker)
        target = i;
    }
  if (preselected == G_MAXUINT)
    {
      preselected = 0;
      for (guint i = 0; i < candidates->len; i++)
        if (gloss_annotation_get_start (g_ptr_array_index (candidates, i)) < gloss_annotation_get_start (quote))
          preselected = i;
    }
  g_assert (target != G_MAXUINT);
  return (target > preselected ? target - preselected : preselected - target) + 1;
}

static gboolean
choose_speaker (Replay *r, GlossAnnotation *quote, GlossAnnotation *speaker, GError **error)
{
  click_to_select (r, quote);
  r->cost->keys++;  /* Ctrl+Shift+S */
  if (speaker != NULL)
    r->cost->keys += chooser_keys (r, quote, speaker);
  else
    r->cost->pointer++;  /* None */
  trace (r, "Ctrl+Shift+S, speaker of %u-%u: %s", gloss_annotation_get_start (quote),
         gloss_annotation_get_end (quote), speaker ? gloss_annotation_get_exact (speaker) : "None");
  return gloss_annotation_set_set_speaker (r->set, quote, speaker, error);
}

static gboolean
has_relation (GlossAnnotationSet *set, const char *type, GlossAnnotation *from, GlossAnnotation *to)
{
  g_autoptr(GPtrArray) relations = gloss_annotation_set_relations_of (set, gloss_annotation_get_id (from));

  for (guint i = 0; i < relations->len; i++)
    {
      GlossRelation *rel = g_ptr_array_index (relations, i);

      if (g_str_equal (gloss_relation_get_rel_type (rel), type)
          && g_str_equal (gloss_relation_get_from (rel), gloss_annotation_get_id (from))
          && g_str_equal (gloss_relation_get_to (rel), gloss_annotation_get_id (to)))
        return TRUE;
    }
  return FALSE;
}

/* Speakers where the gold has none (an accepted suggestion's) taken away,
 * then every gold relation whose two ends exist made. */
static gboolean
do_relations (Replay *r, GError **error)
{
  GListModel *gold_relations = gloss_annotation_set_get_relations (r->gold);
  GListModel *model = G_LIST_MODEL (r->set);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GlossAnnotation) a = g_list_model_get_item (model, i);
      GlossAnnotation *g = counterpart (r->gold, a);

      if (gloss_annotation_set_get_speaker (r->set, a) != NULL && g != NULL
          && gloss_annotation_set_get_speaker (r->gold, g) == NULL)
        {
          r->tally->speakers_fixed += r->file != NULL;
          if (!choose_speaker (r, a, NULL, error))
            return FALSE;
        }
    }

  for (guint i = 0; i < g_list_model_get_n_items (gold_relations); i++)
    {
      g_autoptr(GlossRelation) rel = g_list_model_get_item (gold_relations, i);
      const char *type = gloss_relation_get_rel_type (rel);
      GlossAnnotation *from = counterpart (r->set, gloss_annotation_set_lookup (r->gold, gloss_relation_get_from (rel)));
      GlossAnnotation *to = counterpart (r->set, gloss_annotation_set_lookup (r->gold, gloss_relation_get_to (rel)));

      if (from == NULL || to == NULL || has_relation (r->set, type, from, to))
        continue;
      if (g_str_equal (type, GLOSS_RELATION_SPEAKER))
        {
          /* A speaker there already is a wrong one an accept brought. */
          r->tally->speakers_fixed += gloss_annotation_set_get_speaker (r->set, from) != NULL;
          if (!choose_speaker (r, from, to, error))
            return FALSE;
        }
      else
        {
          click_to_select (r, from);
          r->cost->keys++;     /* Ctrl+K */
          r->cost->pointer++;  /* a click on the target */
          r->cost->keys++;     /* the relation's key */
          trace (r, "Ctrl+K, click on %u-%u, key of %s", gloss_annotation_get_start (to),
                 gloss_annotation_get_end (to), type);
          if (gloss_annotation_set_add_relation (r->set, type, gloss_annotation_get_id (from),
                                                 gloss_annotation_get_id (to), error) == NULL)
            return FALSE;
          select_annotation (r, to);
        }
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Without suggestions                                                  */
/* ------------------------------------------------------------------ */

static gboolean
replay_without (Replay *r, GError **error)
{
  for (guint i = 0; i < r->gold_spans->len; i++)
    if (!make_by_hand (r, g_ptr_array_index (r->gold_spans, i), error) || !do_relations (r, error))
      return FALSE;
  return check_reached (r, error);
}

/* ------------------------------------------------------------------ */
/* With suggestions                                                     */
/* ------------------------------------------------------------------ */

/* The list's order (gloss_suggestion_compare(), then the speaker), for
 * where the caret is: NULL is before everything. */
static int
compare_suggestions (GlossSuggestion *a, GlossSuggestion *b)
{
  guint as = 0, ae = 0, bs = 0, be = 0;
  gboolean ha, hb;
  int c;

  if (a == NULL || b == NULL)
    return (a != NULL) - (b != NULL);
  if ((c = gloss_suggestion_compare (a, b)) != 0)
    return c;
  ha = gloss_suggestion_get_speaker (a, &as, &ae, NULL);
  hb = gloss_suggestion_get_speaker (b, &bs, &be, NULL);
  if (ha != hb)
    return ha - hb;
  if (as != bs)
    return as < bs ? -1 : 1;
  if (ae != be)
    return ae < be ? -1 : 1;
  return 0;
}

/* The first suggestion listed after @caret (borrowed), else NULL. */
static GlossSuggestion *
next_after (Replay *r, GlossSuggestion *caret)
{
  GListModel *list = gloss_suggestion_file_get_suggestions (r->file);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GlossSuggestion) s = g_list_model_get_item (list, i);

      if (compare_suggestions (s, caret) > 0)
        return s;  /* the list holds it */
    }
  return NULL;
}

/* The gold span a suggestion would be accepted as: one with its span not
 * in the set yet, its own label preferred; NULL when none (to reject). */
static GlossAnnotation *
gold_for (Replay *r, GlossSuggestion *s)
{
  GlossAnnotation *found = NULL;
  guint start = gloss_suggestion_get_start (s), end = gloss_suggestion_get_end (s);

  for (guint i = 0; i < r->gold_spans->len; i++)
    {
      GlossAnnotation *g = g_ptr_array_index (r->gold_spans, i);

      if (gloss_annotation_get_start (g) != start || gloss_annotation_get_end (g) != end)
        continue;
      if (counterpart (r->set, g) != NULL)
        {
          /* There already: worth accepting only for the gold speaker it
           * brings (a quote suggested again for its speaker). */
          GlossAnnotation *gold_speaker = gloss_annotation_set_get_speaker (r->gold, g);
          guint ss, se;
          const char *sl;

          if (g_strcmp0 (gloss_suggestion_get_label (s), gloss_annotation_get_label (g)) == 0
              && gold_speaker != NULL && gloss_suggestion_get_speaker (s, &ss, &se, &sl)
              && ss == gloss_annotation_get_start (gold_speaker) && se == gloss_annotation_get_end (gold_speaker)
              && g_str_equal (sl, gloss_annotation_get_label (gold_speaker))
              && gloss_annotation_set_get_speaker (r->set, counterpart (r->set, g)) == NULL)
            return g;
          continue;
        }
      if (found == NULL || g_strcmp0 (gloss_suggestion_get_label (s), gloss_annotation_get_label (g)) == 0)
        found = g;
    }
  return found;
}

/* Whether a listed suggestion will become @g. */
static gboolean
claimed (Replay *r, GlossAnnotation *g)
{
  GListModel *list = gloss_suggestion_file_get_suggestions (r->file);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GlossSuggestion) s = g_list_model_get_item (list, i);

      if (gloss_suggestion_get_start (s) == gloss_annotation_get_start (g)
          && gloss_suggestion_get_end (s) == gloss_annotation_get_end (g) && gold_for (r, s) == g)
        return TRUE;
    }
  return FALSE;
}

/* The first gold span in replay order that is not in the set and that no
 * suggestion listed will give. */
static GlossAnnotation *
next_by_hand (Replay *r)
{
  for (guint i = 0; i < r->gold_spans->len; i++)
    {
      GlossAnnotation *g = g_ptr_array_index (r->gold_spans, i);

      if (counterpart (r->set, g) == NULL && !claimed (r, g))
        return g;
    }
  return NULL;
}

/* @g comes before @s in the reading: start, then the longer first. */
static gboolean
before (GlossAnnotation *g, GlossSuggestion *s)
{
  if (s == NULL)
    return TRUE;
  if (gloss_annotation_get_start (g) != gloss_suggestion_get_start (s))
    return gloss_annotation_get_start (g) < gloss_suggestion_get_start (s);
  return gloss_annotation_get_end (g) >= gloss_suggestion_get_end (s);
}

/* The same-text source again on the set as it is now, and what the
 * person annotated taken out of the list. */
static gboolean
refresh (Replay *r, GError **error)
{
  g_autoptr(GPtrArray) same = NULL;

  gloss_same_text_index_add (r->index, r->key, r->set);
  same = gloss_suggest_same_text (r->set, r->index, r->key);
  if (!gloss_suggestion_file_merge_run (r->file, GLOSS_SUGGESTION_SOURCE_SAME_TEXT, same, r->set, NULL, error))
    return FALSE;
  gloss_suggestion_file_drop_annotated (r->file, r->set);
  return TRUE;
}

/* Every annotation's id, to tell what an accept made. */
static GHashTable *
ids_of (GlossAnnotationSet *set)
{
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (set)); i++)
    {
      g_autoptr(GlossAnnotation) a = g_list_model_get_item (G_LIST_MODEL (set), i);

      g_hash_table_add (ids, g_strdup (gloss_annotation_get_id (a)));
    }
  return ids;
}

/* Accepts @s as @g: Ctrl+Return, or its label key when the label
 * differs. @made receives the spans the accept made that the gold does
 * not have (a speaker's). */
static gboolean
accept (Replay *r, GlossSuggestion *s, GlossAnnotation *g, GPtrArray *made, GError **error)
{
  g_autoptr(GHashTable) ids = ids_of (r->set);
  const char *label = gloss_annotation_get_label (g);

  if (g_strcmp0 (gloss_suggestion_get_label (s), label) == 0)
    {
      r->cost->keys++;  /* Ctrl+Return */
      r->tally->accepted++;
      trace (r, "Ctrl+Return accepts %u-%u %s “%s”", gloss_suggestion_get_start (s),
             gloss_suggestion_get_end (s), gloss_suggestion_get_label (s), gloss_suggestion_get_exact (s));
      label = NULL;
    }
  else
    {
      label_key (r, label);
      r->tally->relabelled++;
      trace (r, "key of %s accepts %u-%u “%s” (suggested %s)", label, gloss_suggestion_get_start (s),
             gloss_suggestion_get_end (s), gloss_suggestion_get_exact (s),
             gloss_suggestion_get_label (s) ? gloss_suggestion_get_label (s) : "a tie");
    }
  if (gloss_suggestion_file_accept (r->file, s, label, r->set, error) == NULL)
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (r->set)); i++)
    {
      g_autoptr(GlossAnnotation) a = g_list_model_get_item (G_LIST_MODEL (r->set), i);

      if (!g_hash_table_contains (ids, gloss_annotation_get_id (a)) && counterpart (r->gold, a) == NULL)
        g_ptr_array_add (made, g_object_ref (a));
    }
  return TRUE;
}

/* A click on each span and Delete (its speaker relation goes with it). */
static gboolean
delete_spans (Replay *r, GPtrArray *spans, GError **error)
{
  for (guint i = 0; i < spans->len; i++)
    {
      GlossAnnotation *a = g_ptr_array_index (spans, i);

      click_to_select (r, a);
      r->cost->keys++;  /* Delete */
      r->tally->spans_deleted++;
      trace (r, "Delete %u-%u %s “%s”", gloss_annotation_get_start (a), gloss_annotation_get_end (a),
             gloss_annotation_get_label (a), gloss_annotation_get_exact (a));
      if (!gloss_annotation_set_remove (r->set, a, error))
        return FALSE;
      select_annotation (r, NULL);
    }
  return TRUE;
}

/* After an accept or a reject: the next suggestion is selected, its span
 * the text selection, no annotation. */
static void
step_to (Replay *r, GlossSuggestion *caret)
{
  GlossSuggestion *next = next_after (r, caret);

  r->selected = NULL;
  r->has_selection = next != NULL;
  r->at_suggestion = next != NULL;
  if (next)
    {
      r->sel_start = gloss_suggestion_get_start (next);
      r->sel_end = gloss_suggestion_get_end (next);
    }
}

static gboolean
replay_with (Replay *r, GError **error)
{
  g_autoptr(GPtrArray) quotes = gloss_suggest_quotes (gloss_annotation_set_get_document (r->set), r->set, error);
  g_autoptr(GlossSuggestion) caret = NULL;
  guint wraps = 0;

  if (quotes == NULL
      || !gloss_suggestion_file_merge_run (r->file, GLOSS_SUGGESTION_SOURCE_QUOTES, quotes, r->set, NULL, error)
      || !refresh (r, error))
    return FALSE;

  for (guint steps = 0;; steps++)
    {
      GlossSuggestion *s = next_after (r, caret);
      GlossAnnotation *g = next_by_hand (r);
      g_autoptr(GPtrArray) made = NULL;

      if (steps > 100000)
        {
          g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, "the replay goes round in circles");
          return FALSE;
        }

      if (g != NULL && before (g, s))
        {
          g_autoptr(GlossSuggestion) here = NULL;

          if (!make_by_hand (r, g, error) || !refresh (r, error) || !do_relations (r, error))
            return FALSE;
          r->tally->by_hand++;
          /* F8 goes on from the caret, now at the span made. */
          here = gloss_suggestion_new (GLOSS_SUGGESTION_SOURCE_SAME_TEXT, gloss_annotation_get_label (g),
                                       gloss_annotation_get_start (g), gloss_annotation_get_end (g),
                                       gloss_annotation_get_exact (g));
          g_set_object (&caret, here);
          continue;
        }

      if (s == NULL)
        {
          if (g_list_model_get_n_items (gloss_suggestion_file_get_suggestions (r->file)) == 0 || wraps++ > 3)
            break;
          r->cost->keys += 2;  /* Ctrl+Home, F8 */
          trace (r, "Ctrl+Home, F8: back to the suggestions left behind");
          g_clear_object (&caret);
          step_to (r, NULL);
          continue;
        }

      if (!r->at_suggestion)
        {
          r->cost->keys++;  /* F8 */
          r->at_suggestion = TRUE;
          trace (r, "F8");
        }
      r->tally->suggested++;
      for (guint i = 0; i < r->accepted->len; i++)
        if (gloss_suggestion_same_proposal (s, g_ptr_array_index (r->accepted, i)))
          {
            r->tally->relisted++;
            break;
          }
      g_set_object (&caret, s);
      g = gold_for (r, s);
      made = g_ptr_array_new_with_free_func (g_object_unref);
      if (g != NULL)
        {
          g_ptr_array_add (r->accepted, g_object_ref (s));
          if (!accept (r, s, g, made, error))
            return FALSE;
        }
      else
        {
          r->cost->keys++;  /* Ctrl+Delete */
          r->tally->rejected++;
          trace (r, "Ctrl+Delete rejects %u-%u %s “%s”", gloss_suggestion_get_start (s),
                 gloss_suggestion_get_end (s),
                 gloss_suggestion_get_label (s) ? gloss_suggestion_get_label (s) : "(a tie)",
                 gloss_suggestion_get_exact (s));
          if (!gloss_suggestion_file_reject (r->file, s, error))
            return FALSE;
        }
      if (!refresh (r, error))
        return FALSE;
      step_to (r, caret);
      /* A wrong speaker's span: the person deletes it, and chooses. */
      r->tally->speakers_fixed += made->len > 0;
      if (made->len > 0 && (!delete_spans (r, made, error) || !refresh (r, error)))
        return FALSE;
      if (!do_relations (r, error))
        return FALSE;
    }

  return check_reached (r, error);
}

/* ------------------------------------------------------------------ */
/* Articles                                                             */
/* ------------------------------------------------------------------ */

static void
print_line (const char *name, Tally *t)
{
  guint without = t->without.keys + t->without.pointer, with = t->with.keys + t->with.pointer;

  printf ("%-34s %3u spans %3u relations | without %4u keys %4u pointer | with %4u keys %4u pointer"
          " | actions %.2f×, keys %.2f×, pointer %.2f× | %u suggestions: %u accepted, %u relabelled,"
          " %u rejected (%u listed again after their accept); %u speakers fixed, %u spans deleted,"
          " %u spans by hand\n",
          name, t->spans, t->relations, t->without.keys, t->without.pointer, t->with.keys, t->with.pointer,
          without ? (double) with / without : 1.0,
          t->without.keys ? (double) t->with.keys / t->without.keys : 1.0,
          t->without.pointer ? (double) t->with.pointer / t->without.pointer : 1.0,
          t->suggested, t->accepted, t->relabelled, t->rejected, t->relisted, t->speakers_fixed, t->spans_deleted,
          t->by_hand);
}

static void
add_tally (Tally *to, const Tally *t)
{
  to->without.keys += t->without.keys;
  to->without.pointer += t->without.pointer;
  to->with.keys += t->with.keys;
  to->with.pointer += t->with.pointer;
  to->spans += t->spans;
  to->relations += t->relations;
  to->suggested += t->suggested;
  to->accepted += t->accepted;
  to->relabelled += t->relabelled;
  to->rejected += t->rejected;
  to->speakers_fixed += t->speakers_fixed;
  to->spans_deleted += t->spans_deleted;
  to->by_hand += t->by_hand;
  to->relisted += t->relisted;
}

static gboolean
run_article (const char *path, const char *annotator, GlossCorpusLabels *corpus_labels, Tally *t, GError **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GlossDocument) document = gloss_document_new_from_file (file, NULL, error);
  g_autoptr(GlossSidecar) sidecar = NULL;
  g_autoptr(GlossProblem) problem = NULL;
  g_autoptr(GlossAnnotationSet) without = NULL, with = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GlossSameTextIndex) index = NULL;
  g_autoptr(GlossSuggestionFile) suggestions = NULL;
  g_autoptr(GPtrArray) accepted = g_ptr_array_new_with_free_func (g_object_unref);
  GlossLabelSet *labels;
  GlossAnnotationSet *gold;
  Replay r;

  if (document == NULL)
    return FALSE;
  labels = gloss_corpus_labels_lookup (corpus_labels, file, &problem);
  if (labels == NULL)
    {
      g_autofree char *why = problem ? gloss_problem_to_string (problem) : NULL;

      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, "%s", why ? why : "the label set cannot be read");
      return FALSE;
    }
  sidecar = gloss_sidecar_new_for_document (document, annotator);
  if (!gloss_sidecar_load (sidecar, labels, NULL, error))
    return FALSE;
  if (gloss_sidecar_get_state (sidecar) == GLOSS_SIDECAR_STATE_NEW)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND, "no sidecar of %s", annotator);
      return FALSE;
    }
  gold = gloss_sidecar_get_annotations (sidecar);
  if (g_list_model_get_n_items (gloss_annotation_set_get_orphans (gold)) > 0)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, "the gold has orphaned annotations");
      return FALSE;
    }
  spans = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (gold)); i++)
    g_ptr_array_add (spans, g_list_model_get_item (G_LIST_MODEL (gold), i));
  g_ptr_array_sort (spans, compare_spans);
  t->spans = spans->len;
  t->relations = g_list_model_get_n_items (gloss_annotation_set_get_relations (gold));

  without = gloss_annotation_set_new (document);
  gloss_annotation_set_set_labels (without, gloss_annotation_set_get_labels (gold));
  r = (Replay) { .gold = gold, .gold_spans = spans, .set = without,
                 .labels = gloss_annotation_set_get_labels (gold), .cost = &t->without, .tally = t };
  if (!replay_without (&r, error))
    {
      g_prefix_error (error, "without suggestions: ");
      return FALSE;
    }

  with = gloss_annotation_set_new (document);
  gloss_annotation_set_set_labels (with, gloss_annotation_set_get_labels (gold));
  index = gloss_same_text_index_new ();
  suggestions = gloss_suggestion_file_new_for_document (document, annotator);
  r = (Replay) { .gold = gold, .gold_spans = spans, .set = with,
                 .labels = gloss_annotation_set_get_labels (gold), .cost = &t->with, .tally = t,
                 .file = suggestions, .index = index, .key = path, .accepted = accepted };
  if (!replay_with (&r, error))
    {
      g_prefix_error (error, "with suggestions: ");
      return FALSE;
    }
  return TRUE;
}

/* Every DIR/NAME.txt with a sidecar of @annotator, in name order. */
static GPtrArray *
list_articles (const char *dir, const char *annotator, GError **error)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, error);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (d == NULL)
    return NULL;
  while ((name = g_dir_read_name (d)))
    {
      g_autofree char *sidecar_name = gloss_sidecar_build_name (name, annotator);
      g_autofree char *sidecar = g_build_filename (dir, sidecar_name, NULL);

      if (g_str_has_suffix (name, ".txt") && g_file_test (sidecar, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (paths, g_build_filename (dir, name, NULL));
    }
  g_ptr_array_sort (paths, compare_names);
  return g_steal_pointer (&paths);
}

static void
print_model (void)
{
  printf ("Cost model (keys and pointer actions, the app's bindings):\n"
          "  without: a span = a drag + its label key (+ a click elsewhere when it lies inside the\n"
          "    selection); a speaker = a click on the quote unless selected + Ctrl+Shift+S + the\n"
          "    chooser's arrows from its preselected row + Return; another relation = a click on the\n"
          "    source unless selected + Ctrl+K + a click on the target + its key; attributes, notes\n"
          "    and article labels left out (the same either way).\n"
          "  with: quotes suggested once, same-text after every change (this article's marks only);\n"
          "    F8 to the next suggestion (once, and after a span made by hand or a click);\n"
          "    Ctrl+Return accepts a right one with its speaker; a label key accepts with that label\n"
          "    (a tie, a wrong label); Ctrl+Delete rejects; a wrong speaker: accept, delete a span it\n"
          "    made (click + Delete), choose as without; gold not suggested: as without; suggestions\n"
          "    left behind the caret: Ctrl+Home + F8. The replay must end on the gold, or this fails.\n");
  /* Before a failure on stderr. */
  fflush (stdout);
}

int
main (int argc, char **argv)
{
  g_autofree char *article = NULL;
  g_autofree char *gold = NULL;
  GOptionEntry entries[] = {
    { "article", 0, 0, G_OPTION_ARG_FILENAME, &article, "One article", "PATH" },
    { "gold", 0, 0, G_OPTION_ARG_STRING, &gold, "The annotator whose sidecar is the gold", "ANNOTATOR" },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, "Print every action", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("[DIR:ANNOTATOR…]");
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossCorpusLabels) corpus_labels = gloss_corpus_labels_new ();
  Tally total = { 0 };
  gint64 t0 = g_get_monotonic_time ();

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 2;
    }
  if ((article != NULL) != (gold != NULL) || (article == NULL && argc < 2) || (article != NULL && argc > 1))
    {
      fprintf (stderr, "usage: %s DIR:ANNOTATOR… | --article PATH --gold ANNOTATOR\n", argv[0]);
      return 2;
    }

  print_model ();
  if (article != NULL)
    {
      Tally t = { 0 };
      g_autofree char *base = g_path_get_basename (article);

      if (!run_article (article, gold, corpus_labels, &t, &error))
        return gloss_bench_fail ("%s: %s", article, error->message);
      print_line (base, &t);
      return 0;
    }

  for (int i = 1; i < argc; i++)
    {
      g_auto(GStrv) parts = g_strsplit (argv[i], ":", 2);
      g_autoptr(GPtrArray) paths = NULL;
      g_autofree char *title = NULL;
      Tally set = { 0 };

      if (parts[0] == NULL || parts[1] == NULL)
        return gloss_bench_fail ("%s: expected DIR:ANNOTATOR", argv[i]);
      if ((paths = list_articles (parts[0], parts[1], &error)) == NULL)
        return gloss_bench_fail ("%s: %s", argv[i], error->message);
      if (paths->len == 0)
        return gloss_bench_fail ("%s: no article with a sidecar of %s", parts[0], parts[1]);
      for (guint j = 0; j < paths->len; j++)
        {
          Tally t = { 0 };
          const char *path = g_ptr_array_index (paths, j);
          g_autofree char *base = g_path_get_basename (path);

          if (!run_article (path, parts[1], corpus_labels, &t, &error))
            return gloss_bench_fail ("%s: %s", path, error->message);
          print_line (base, &t);
          add_tally (&set, &t);
        }
      title = g_strdup_printf ("%s (%u articles)", argv[i], paths->len);
      print_line (title, &set);
      add_tally (&total, &set);
    }
  print_line ("total", &total);
  printf ("(%.0f ms for everything)\n", (g_get_monotonic_time () - t0) / 1000.0);
  return 0;
}
