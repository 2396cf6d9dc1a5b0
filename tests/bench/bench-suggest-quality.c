/* bench-suggest-quality.c — how good the quote and speaker suggestions
 * are: gloss_suggest_quotes() on articles with gold sidecars
 *
 * Usage: bench-suggest-quality DIR:ANNOTATOR…  (e.g. tests/data/suggest:gold
 * data/samples:alice). For every DIR/NAME.txt with a sidecar
 * NAME.txt.ANNOTATOR.gloss.json, the suggestions made with no annotation
 * there are compared with the sidecar's quote spans and speaker relations:
 *
 * - quotes, exact: a suggestion is right when a gold quote has its very
 *   span; precision over the suggestions, recall over the gold quotes.
 * - quotes, overlap: the same, a shared code point being enough.
 * - speakers: over the gold quotes that have a speaker and were found
 *   exactly, the share whose suggested speaker is the gold mention itself
 *   (strict) or a mention of the same name (the figure aimed at): the
 *   gold speaker's name and the suggested one, courtesy titles and a
 *   possessive left out, one's words all among the other's ("Mr Núñez"
 *   and "Ramón Núñez", "Caldwell" and "Caldwell Aggregates"). A
 *   suggestion with no speaker there counts as wrong.
 * - the same speaker figure again with the gold's person and organization
 *   annotations in the set (the speaker is then to be one of them).
 *
 * Prints per article and in total, then each case missed. Fails only when
 * an article or sidecar cannot be read; the aims (quote recall 0.95,
 * speaker accuracy 0.85) are printed as met or not.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gloss.h"
#include "gloss-suggest-quotes.h"
#include "gloss-suggestion.h"

typedef struct
{
  guint  start, end;
  char  *label;
  char  *exact;
  int    speaker;   /* index in the gold's entities array, -1 */
} Gold;

typedef struct
{
  guint gold, suggested, exact_tp, overlap_found, overlap_right;
  guint speaker_total, speaker_strict, speaker_same;
  guint speaker_total_known, speaker_same_known;
  guint spurious_speaker;
} Counts;

static void
gold_clear (gpointer data)
{
  Gold *g = data;

  g_free (g->label);
  g_free (g->exact);
}

static GArray *
read_gold (const char *path, GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  GArray *gold;
  JsonObject *root;
  JsonArray *anns, *rels;

  if (!json_parser_load_from_file (parser, path, error))
    return NULL;
  root = json_node_get_object (json_parser_get_root (parser));
  anns = json_object_get_array_member (root, "annotations");
  rels = json_object_has_member (root, "relations") ? json_object_get_array_member (root, "relations") : NULL;
  gold = g_array_new (FALSE, TRUE, sizeof (Gold));
  g_array_set_clear_func (gold, gold_clear);
  for (guint i = 0; i < json_array_get_length (anns); i++)
    {
      JsonObject *a = json_array_get_object_element (anns, i);
      Gold g = { 0 };

      g.start = json_object_get_int_member (a, "start");
      g.end = json_object_get_int_member (a, "end");
      g.label = g_strdup (json_object_get_string_member (a, "label"));
      g.exact = g_strdup (json_object_get_string_member (a, "exact"));
      g.speaker = -1;
      g_hash_table_insert (index, (gpointer) json_object_get_string_member (a, "id"), GUINT_TO_POINTER (i + 1));
      g_array_append_val (gold, g);
    }
  for (guint i = 0; rels && i < json_array_get_length (rels); i++)
    {
      JsonObject *r = json_array_get_object_element (rels, i);
      guint from = GPOINTER_TO_UINT (g_hash_table_lookup (index, json_object_get_string_member (r, "from")));
      guint to = GPOINTER_TO_UINT (g_hash_table_lookup (index, json_object_get_string_member (r, "to")));

      if (g_strcmp0 (json_object_get_string_member (r, "type"), "speaker") == 0 && from && to)
        g_array_index (gold, Gold, from - 1).speaker = to - 1;
    }
  return gold;
}

/* The words of a name, courtesy titles and a final possessive left out. */
static GPtrArray *
name_words (const char *name)
{
  static const char *const titles[] = { "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Miss", "Mx", "Dr", "Dr.",
                                        "M.", "Mme", "Mlle", NULL };
  g_auto(GStrv) parts = g_strsplit_set (name, " \u00a0", -1);
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; parts[i]; i++)
    {
      char *w = parts[i];

      if (*w == '\0' || g_strv_contains (titles, w))
        continue;
      if (g_str_has_suffix (w, "’s") || g_str_has_suffix (w, "'s"))
        w[strlen (w) - (g_str_has_suffix (w, "’s") ? strlen ("’s") : 2)] = '\0';
      g_ptr_array_add (words, g_utf8_normalize (w, -1, G_NORMALIZE_NFC));
    }
  return words;
}

static gboolean
words_within (GPtrArray *a, GPtrArray *b)
{
  for (guint i = 0; i < a->len; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < b->len && !found; j++)
        found = g_str_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, j));
      if (!found)
        return FALSE;
    }
  return a->len > 0;
}

static gboolean
same_name (const char *a, const char *b)
{
  g_autoptr(GPtrArray) wa = name_words (a);
  g_autoptr(GPtrArray) wb = name_words (b);

  return words_within (wa, wb) || words_within (wb, wa);
}

static GlossSuggestion *
find_exact (GPtrArray *suggestions, guint start, guint end)
{
  for (guint i = 0; i < suggestions->len; i++)
    {
      GlossSuggestion *s = g_ptr_array_index (suggestions, i);

      if (gloss_suggestion_get_start (s) == start && gloss_suggestion_get_end (s) == end)
        return s;
    }
  return NULL;
}

/* Speaker figures for one run; also prints what it got wrong. */
static void
score_speakers (GlossDocument *doc,
                GArray        *gold,
                GPtrArray     *suggestions,
                const char    *name,
                gboolean       known,
                Counts        *c)
{
  for (guint i = 0; i < gold->len; i++)
    {
      Gold *g = &g_array_index (gold, Gold, i);
      GlossSuggestion *s;
      guint ss, se;
      const char *label;
      g_autofree char *said = NULL;
      Gold *sp;
      gboolean same;

      if (!g_str_equal (g->label, "quote") || (s = find_exact (suggestions, g->start, g->end)) == NULL)
        continue;
      if (g->speaker < 0)
        {
          if (!known && gloss_suggestion_get_speaker (s, NULL, NULL, NULL))
            c->spurious_speaker++;
          continue;
        }
      sp = &g_array_index (gold, Gold, g->speaker);
      if (!gloss_suggestion_get_speaker (s, &ss, &se, &label))
        {
          same = FALSE;
          said = g_strdup ("(none)");
        }
      else
        {
          said = gloss_document_dup_slice (doc, ss, se);
          same = (ss == sp->start && se == sp->end) || same_name (said, sp->exact);
        }
      if (known)
        {
          c->speaker_total_known++;
          c->speaker_same_known += same;
        }
      else
        {
          c->speaker_total++;
          c->speaker_same += same;
          c->speaker_strict += gloss_suggestion_get_speaker (s, &ss, &se, NULL) && ss == sp->start && se == sp->end;
        }
      if (!same)
        printf ("  %s speaker%s: %u %.40s… → %s, gold %s\n", name, known ? " (entities known)" : "",
                g->start, g->exact, said, sp->exact);
      else if (!known && !(ss == sp->start && se == sp->end))
        printf ("  %s speaker, another mention: %u %.40s… → %s at %u, gold %s at %u\n", name,
                g->start, g->exact, said, ss, sp->exact, sp->start);
    }
}

/* Every article's text, for the timing at the end. */
static GPtrArray *texts;

static gboolean
run_article (const char *dir, const char *file, const char *annotator, Counts *c, GError **error)
{
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autofree char *sidecar_name = g_strdup_printf ("%s.%s.gloss.json", file, annotator);
  g_autofree char *sidecar = g_build_filename (dir, sidecar_name, NULL);
  g_autoptr(GFile) gfile = g_file_new_for_path (path);
  g_autoptr(GlossDocument) doc = NULL;
  g_autoptr(GlossAnnotationSet) empty = NULL, known = NULL;
  g_autoptr(GPtrArray) suggestions = NULL, with_known = NULL;
  g_autoptr(GArray) gold = NULL;
  Counts a = { 0 };

  if (!g_file_test (sidecar, G_FILE_TEST_EXISTS))
    return TRUE;
  doc = gloss_document_new_from_file (gfile, NULL, error);
  gold = doc ? read_gold (sidecar, error) : NULL;
  if (gold == NULL)
    return FALSE;
  g_ptr_array_add (texts, g_strdup (gloss_document_get_text (doc)));
  empty = gloss_annotation_set_new (doc);
  suggestions = gloss_suggest_quotes (doc, empty, error);
  if (suggestions == NULL)
    return FALSE;
  known = gloss_annotation_set_new (doc);
  for (guint i = 0; i < gold->len; i++)
    {
      Gold *g = &g_array_index (gold, Gold, i);

      if ((g_str_equal (g->label, "person") || g_str_equal (g->label, "organization"))
          && !gloss_annotation_set_create (known, g->label, g->start, g->end, error))
        return FALSE;
    }
  with_known = gloss_suggest_quotes (doc, known, error);
  if (with_known == NULL)
    return FALSE;

  a.suggested = suggestions->len;
  for (guint i = 0; i < gold->len; i++)
    {
      Gold *g = &g_array_index (gold, Gold, i);
      gboolean overlap = FALSE;

      if (!g_str_equal (g->label, "quote"))
        continue;
      a.gold++;
      a.exact_tp += find_exact (suggestions, g->start, g->end) != NULL;
      for (guint j = 0; j < suggestions->len && !overlap; j++)
        {
          GlossSuggestion *s = g_ptr_array_index (suggestions, j);

          overlap = gloss_suggestion_get_start (s) < g->end && g->start < gloss_suggestion_get_end (s);
        }
      a.overlap_found += overlap;
      if (!find_exact (suggestions, g->start, g->end))
        printf ("  %s missed: %u–%u %s%s\n", file, g->start, g->end, g->exact,
                overlap ? " (overlapped)" : "");
    }
  for (guint j = 0; j < suggestions->len; j++)
    {
      GlossSuggestion *s = g_ptr_array_index (suggestions, j);
      gboolean exact = FALSE, overlap = FALSE;

      for (guint i = 0; i < gold->len; i++)
        {
          Gold *g = &g_array_index (gold, Gold, i);

          if (!g_str_equal (g->label, "quote"))
            continue;
          exact |= gloss_suggestion_get_start (s) == g->start && gloss_suggestion_get_end (s) == g->end;
          overlap |= gloss_suggestion_get_start (s) < g->end && g->start < gloss_suggestion_get_end (s);
        }
      a.overlap_right += overlap;
      if (!exact)
        printf ("  %s not in gold: %u–%u %s\n", file, gloss_suggestion_get_start (s),
                gloss_suggestion_get_end (s), gloss_suggestion_get_exact (s));
    }
  score_speakers (doc, gold, suggestions, file, FALSE, &a);
  score_speakers (doc, gold, with_known, file, TRUE, &a);

  printf ("%-32s quotes %2u/%2u exact, %2u suggested; speakers %2u/%2u (strict %2u), entities known %2u/%2u\n",
          file, a.exact_tp, a.gold, a.suggested, a.speaker_same, a.speaker_total, a.speaker_strict,
          a.speaker_same_known, a.speaker_total_known);
  c->gold += a.gold;
  c->suggested += a.suggested;
  c->exact_tp += a.exact_tp;
  c->overlap_found += a.overlap_found;
  c->overlap_right += a.overlap_right;
  c->speaker_total += a.speaker_total;
  c->speaker_strict += a.speaker_strict;
  c->speaker_same += a.speaker_same;
  c->speaker_total_known += a.speaker_total_known;
  c->speaker_same_known += a.speaker_same_known;
  c->spurious_speaker += a.spurious_speaker;
  return TRUE;
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char **) a, *(char **) b);
}

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
ratio (guint a, guint b)
{
  return b ? (double) a / b : 1.0;
}

static void
print_counts (const char *title, Counts *c)
{
  printf ("%s: quotes exact precision %.3f recall %.3f (%u of %u gold, %u suggested); "
          "overlap precision %.3f recall %.3f; speaker accuracy %.3f (%u/%u; strict %.3f), "
          "with entities known %.3f (%u/%u); speakers given to quotes gold leaves without: %u\n",
          title, ratio (c->exact_tp, c->suggested), ratio (c->exact_tp, c->gold), c->exact_tp, c->gold,
          c->suggested, ratio (c->overlap_right, c->suggested), ratio (c->overlap_found, c->gold),
          ratio (c->speaker_same, c->speaker_total), c->speaker_same, c->speaker_total,
          ratio (c->speaker_strict, c->speaker_total), ratio (c->speaker_same_known, c->speaker_total_known),
          c->speaker_same_known, c->speaker_total_known, c->spurious_speaker);
}

int
main (int argc, char **argv)
{
  Counts total = { 0 };
  gint64 t0 = g_get_monotonic_time ();
  double rounds[7];

  texts = g_ptr_array_new_with_free_func (g_free);

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s DIR:ANNOTATOR…\n", argv[0]);
      return 2;
    }
  for (int i = 1; i < argc; i++)
    {
      g_auto(GStrv) parts = g_strsplit (argv[i], ":", 2);
      g_autoptr(GDir) dir = NULL;
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GError) error = NULL;
      Counts set = { 0 };
      const char *name;

      if (parts[0] == NULL || parts[1] == NULL || (dir = g_dir_open (parts[0], 0, &error)) == NULL)
        {
          fprintf (stderr, "%s: %s\n", argv[i], error ? error->message : "expected DIR:ANNOTATOR");
          return 1;
        }
      while ((name = g_dir_read_name (dir)))
        if (g_str_has_suffix (name, ".txt"))
          g_ptr_array_add (names, g_strdup (name));
      g_ptr_array_sort (names, compare_names);
      for (guint j = 0; j < names->len; j++)
        if (!run_article (parts[0], g_ptr_array_index (names, j), parts[1], &set, &error))
          {
            fprintf (stderr, "%s/%s: %s\n", parts[0], (char *) g_ptr_array_index (names, j), error->message);
            return 1;
          }
      print_counts (argv[i], &set);
      total.gold += set.gold;
      total.suggested += set.suggested;
      total.exact_tp += set.exact_tp;
      total.overlap_found += set.overlap_found;
      total.overlap_right += set.overlap_right;
      total.speaker_total += set.speaker_total;
      total.speaker_strict += set.speaker_strict;
      total.speaker_same += set.speaker_same;
      total.speaker_total_known += set.speaker_total_known;
      total.speaker_same_known += set.speaker_same_known;
      total.spurious_speaker += set.spurious_speaker;
    }
  print_counts ("total", &total);

  /* Speed: each article a new document (its text boundaries computed
   * afresh, as in a corpus run), no annotations; the median of 7 rounds. */
  for (guint round = 0; round < G_N_ELEMENTS (rounds); round++)
    {
      gint64 start = g_get_monotonic_time ();

      for (guint i = 0; i < texts->len; i++)
        {
          g_autoptr(GlossDocument) doc = gloss_document_new_from_text (g_ptr_array_index (texts, i), -1, NULL);
          g_autoptr(GPtrArray) suggestions = gloss_suggest_quotes (doc, NULL, NULL);

          g_assert (suggestions != NULL);
        }
      rounds[round] = (g_get_monotonic_time () - start) / 1000.0 / MAX (texts->len, 1);
    }
  qsort (rounds, G_N_ELEMENTS (rounds), sizeof (double), compare_doubles);
  printf ("speed: %.2f ms per article (median of %u rounds over %u articles, min %.2f), "
          "so about %.1f s for 1,000 such articles\n",
          rounds[G_N_ELEMENTS (rounds) / 2], (guint) G_N_ELEMENTS (rounds), texts->len, rounds[0],
          rounds[G_N_ELEMENTS (rounds) / 2]);
  printf ("aims: quote recall ≥ 0.95 %s, speaker accuracy ≥ 0.85 %s (%.0f ms for everything)\n",
          ratio (total.exact_tp, total.gold) >= 0.95 ? "met" : "NOT MET",
          ratio (total.speaker_same, total.speaker_total) >= 0.85 ? "met" : "NOT MET",
          (g_get_monotonic_time () - t0) / 1000.0);
  g_ptr_array_unref (texts);
  return 0;
}
