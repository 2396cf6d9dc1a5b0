/* test-suggest-corpus.c — the sources over a corpus on worker threads:
 * the same results as calling them one article after another, handed back
 * in order, an article that fails alone, cancellation, bad arguments
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "gloss.h"
#include "gloss-test-utils.h"

#define N_ARTICLES 40

static const char * const both_sources[] = {
  GLOSS_SUGGESTION_SOURCE_SAME_TEXT,
  GLOSS_SUGGESTION_SOURCE_QUOTES,
  NULL
};

typedef struct
{
  GPtrArray          *documents;  /* GlossDocument */
  GPtrArray          *sets;       /* GlossAnnotationSet */
  GPtrArray          *keys;       /* char * */
  GPtrArray          *jobs;       /* GlossSuggestCorpusJob */
  GlossSameTextIndex *index;
} Corpus;

/* Every field of every suggestion, one line each, so that two runs
 * compare in one assertion. */
static void
describe_into (GString   *out,
               GPtrArray *suggestions)
{
  for (guint i = 0; i < suggestions->len; i++)
    {
      GlossSuggestion *s = g_ptr_array_index (suggestions, i);
      const char * const *tie = gloss_suggestion_get_tie (s);
      const char *speaker_label = NULL;
      guint speaker_start = 0, speaker_end = 0;
      double score = -1;

      gloss_suggestion_get_score (s, &score);
      gloss_suggestion_get_speaker (s, &speaker_start, &speaker_end, &speaker_label);
      g_string_append_printf (out, "%s %u-%u %s [%s] \"%s\" %.6f (%s) %u-%u %s\n",
                              gloss_suggestion_get_source (s),
                              gloss_suggestion_get_start (s), gloss_suggestion_get_end (s),
                              gloss_suggestion_get_label (s) ? gloss_suggestion_get_label (s) : "-",
                              tie != NULL ? tie[0] : "",
                              gloss_suggestion_get_exact (s), score,
                              gloss_suggestion_get_detail (s) ? gloss_suggestion_get_detail (s) : "",
                              speaker_start, speaker_end,
                              speaker_label != NULL ? speaker_label : "-");
    }
}

static void
mark (GlossAnnotationSet *set,
      const char         *label,
      const char         *needle)
{
  GlossDocument *document = gloss_annotation_set_get_document (set);
  const char *text = gloss_document_get_text (document);
  const char *at = strstr (text, needle);
  g_autoptr(GError) error = NULL;
  guint start;

  g_assert_nonnull (at);
  start = gloss_document_byte_to_offset (document, at - text);
  gloss_annotation_set_create (set, label, start, start + (guint) g_utf8_strlen (needle, -1), &error);
  g_assert_no_error (error);
}

/* N_ARTICLES articles that differ (names, quotes and marks vary with the
 * number), so that a result handed back for the wrong article shows. */
static void
corpus_init (Corpus *c)
{
  static const char * const names[] = { "Maria Lopez", "Tom Berg", "Anna Weiss", "Kofi Mensah" };

  c->documents = g_ptr_array_new_with_free_func (g_object_unref);
  c->sets = g_ptr_array_new_with_free_func (g_object_unref);
  c->keys = g_ptr_array_new_with_free_func (g_free);
  c->jobs = g_ptr_array_new_with_free_func (g_free);
  c->index = gloss_same_text_index_new ();

  for (guint i = 0; i < N_ARTICLES; i++)
    {
      const char *name = names[i % G_N_ELEMENTS (names)];
      g_autofree char *text = NULL;
      GlossDocument *document;
      GlossAnnotationSet *set;
      GlossSuggestCorpusJob *job;

      text = g_strdup_printf ("Council meeting %u.\n\n“We will build %u homes,” %s said. "
                              "Harbor Bank agreed.\n\n%s added that Harbor Bank and %s "
                              "would meet again: “Not before %u March.”\n",
                              i, i * 7, name, names[(i + 1) % G_N_ELEMENTS (names)], name, i % 28 + 1);
      document = gloss_test_doc_new (text);
      set = gloss_annotation_set_new (document);
      if (i % 3 == 0)
        mark (set, "organization", "Harbor Bank");
      if (i % 5 == 0)
        mark (set, "person", name);
      if (i % 7 == 0)
        mark (set, "location", "Harbor Bank");

      g_ptr_array_add (c->documents, document);
      g_ptr_array_add (c->sets, set);
      g_ptr_array_add (c->keys, g_strdup_printf ("article-%u", i));
      gloss_same_text_index_add (c->index, g_ptr_array_index (c->keys, i), set);

      job = g_new0 (GlossSuggestCorpusJob, 1);
      job->document = document;
      job->annotations = set;
      job->key = g_ptr_array_index (c->keys, i);
      g_ptr_array_add (c->jobs, job);
    }
}

static void
corpus_clear (Corpus *c)
{
  g_clear_pointer (&c->jobs, g_ptr_array_unref);
  g_clear_pointer (&c->keys, g_ptr_array_unref);
  g_clear_pointer (&c->sets, g_ptr_array_unref);
  g_clear_pointer (&c->documents, g_ptr_array_unref);
  g_clear_object (&c->index);
}

/* What the sources give when called one article after another. */
static char *
sequential (Corpus *c,
            guint   i)
{
  GlossSuggestCorpusJob *job = g_ptr_array_index (c->jobs, i);
  g_autoptr(GPtrArray) same = gloss_suggest_same_text (job->annotations, c->index, job->key);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) quotes = gloss_suggest_quotes (job->document, job->annotations, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  describe_into (out, same);
  g_string_append (out, "--\n");
  describe_into (out, quotes);
  return g_string_free (out, FALSE);
}

typedef struct
{
  GPtrArray    *described;  /* char *, in the order handed back */
  GArray       *order;      /* guint job indices */
  GThread      *thread;     /* the thread that called the run */
  GCancellable *cancel;     /* cancelled after cancel_after hand-backs */
  guint         cancel_after;
} Seen;

static void
on_result (guint                        job_index,
           const GlossSuggestCorpusJob *job,
           guint                        n_sources,
           GPtrArray                  **suggestions,
           const GError * const        *errors,
           gpointer                     user_data)
{
  Seen *seen = user_data;
  GString *out = g_string_new (NULL);

  g_assert_true (g_thread_self () == seen->thread);
  g_assert_nonnull (job);
  for (guint s = 0; s < n_sources; s++)
    {
      if (s > 0)
        g_string_append (out, "--\n");
      if (suggestions[s] == NULL)
        {
          g_assert_nonnull (errors[s]);
          g_string_append_printf (out, "error %s %d\n",
                                  g_quark_to_string (errors[s]->domain), errors[s]->code);
        }
      else
        {
          g_assert_null (errors[s]);
          describe_into (out, suggestions[s]);
        }
    }

  /* The callee may keep an array. */
  if (job_index == 0 && suggestions[0] != NULL)
    g_ptr_array_unref (g_steal_pointer (&suggestions[0]));

  g_array_append_val (seen->order, job_index);
  g_ptr_array_add (seen->described, g_string_free (out, FALSE));

  if (seen->cancel != NULL && seen->order->len == seen->cancel_after)
    g_cancellable_cancel (seen->cancel);
}

static void
seen_init (Seen *seen)
{
  seen->described = g_ptr_array_new_with_free_func (g_free);
  seen->order = g_array_new (FALSE, FALSE, sizeof (guint));
  seen->thread = g_thread_self ();
}

static void
seen_clear (Seen *seen)
{
  g_clear_pointer (&seen->described, g_ptr_array_unref);
  g_clear_pointer (&seen->order, g_array_unref);
}

/* Any number of workers gives what the sequential calls give, every job
 * once, in the order of the jobs, on the calling thread. */
static void
test_same_as_sequential (void)
{
  static const guint workers[] = { 1, 2, 4, 0 };
  Corpus c = { 0 };

  corpus_init (&c);

  for (guint w = 0; w < G_N_ELEMENTS (workers); w++)
    {
      Seen seen = { 0 };
      g_autoptr(GError) error = NULL;

      seen_init (&seen);
      g_assert_true (gloss_suggest_corpus_run (c.jobs, both_sources, c.index, workers[w], NULL,
                                               on_result, &seen, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (seen.order->len, ==, N_ARTICLES);
      for (guint i = 0; i < N_ARTICLES; i++)
        {
          g_autofree char *expected = sequential (&c, i);

          g_assert_cmpuint (g_array_index (seen.order, guint, i), ==, i);
          g_assert_cmpstr (g_ptr_array_index (seen.described, i), ==, expected);
        }
      /* Not empty: the corpus gives both sources something to say. */
      g_assert_nonnull (strstr (g_ptr_array_index (seen.described, 0), "same-text"));
      g_assert_nonnull (strstr (g_ptr_array_index (seen.described, 0), "quotes"));
      seen_clear (&seen);
    }

  corpus_clear (&c);
}

/* One source only: one slot per job. */
static void
test_one_source (void)
{
  static const char * const quotes_only[] = { GLOSS_SUGGESTION_SOURCE_QUOTES, NULL };
  Corpus c = { 0 };
  Seen seen = { 0 };
  g_autoptr(GError) error = NULL;

  corpus_init (&c);
  seen_init (&seen);
  g_assert_true (gloss_suggest_corpus_run (c.jobs, quotes_only, NULL, 3, NULL, on_result, &seen, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen.order->len, ==, N_ARTICLES);
  for (guint i = 0; i < N_ARTICLES; i++)
    {
      g_autofree char *expected = sequential (&c, i);
      const char *quotes = strstr (expected, "--\n") + 3;

      g_assert_cmpstr (g_ptr_array_index (seen.described, i), ==, quotes);
    }

  seen_clear (&seen);
  corpus_clear (&c);
}

/* A job whose annotations are another article's fails for each source;
 * the jobs around it are handed back as usual. */
static void
test_failing_article (void)
{
  Corpus c = { 0 };
  Seen seen = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *failed = NULL;
  GlossSuggestCorpusJob *bad;

  corpus_init (&c);
  bad = g_ptr_array_index (c.jobs, 5);
  bad->annotations = g_ptr_array_index (c.sets, 6);

  seen_init (&seen);
  g_assert_true (gloss_suggest_corpus_run (c.jobs, both_sources, c.index, 2, NULL, on_result, &seen, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen.order->len, ==, N_ARTICLES);

  failed = g_strdup_printf ("error %s %d\n--\nerror %s %d\n",
                            g_quark_to_string (GLOSS_ERROR), GLOSS_ERROR_INCONSISTENT,
                            g_quark_to_string (GLOSS_ERROR), GLOSS_ERROR_INCONSISTENT);
  g_assert_cmpstr (g_ptr_array_index (seen.described, 5), ==, failed);
  for (guint i = 0; i < N_ARTICLES; i++)
    {
      g_autofree char *expected = NULL;

      g_assert_cmpuint (g_array_index (seen.order, guint, i), ==, i);
      if (i == 5)
        continue;
      expected = sequential (&c, i);
      g_assert_cmpstr (g_ptr_array_index (seen.described, i), ==, expected);
    }

  seen_clear (&seen);
  corpus_clear (&c);
}

/* Cancelled from the callback: nothing is handed back after it, and the
 * run says so. With every worker count. */
static void
test_cancel (void)
{
  static const guint workers[] = { 1, 2, 4 };
  Corpus c = { 0 };

  corpus_init (&c);

  for (guint w = 0; w < G_N_ELEMENTS (workers); w++)
    {
      g_autoptr(GCancellable) cancel = g_cancellable_new ();
      Seen seen = { 0 };
      g_autoptr(GError) error = NULL;

      seen_init (&seen);
      seen.cancel = cancel;
      seen.cancel_after = 3;
      g_assert_false (gloss_suggest_corpus_run (c.jobs, both_sources, c.index, workers[w], cancel,
                                                on_result, &seen, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_cmpuint (seen.order->len, ==, 3);
      seen_clear (&seen);
    }

  corpus_clear (&c);
}

/* Cancelled before the run: no job is handed back. */
static void
test_cancel_before (void)
{
  g_autoptr(GCancellable) cancel = g_cancellable_new ();
  Corpus c = { 0 };
  Seen seen = { 0 };
  g_autoptr(GError) error = NULL;

  corpus_init (&c);
  seen_init (&seen);
  g_cancellable_cancel (cancel);
  g_assert_false (gloss_suggest_corpus_run (c.jobs, both_sources, c.index, 2, cancel,
                                            on_result, &seen, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (seen.order->len, ==, 0);

  seen_clear (&seen);
  corpus_clear (&c);
}

/* No jobs: nothing to do, and not an error. */
static void
test_empty (void)
{
  g_autoptr(GPtrArray) jobs = g_ptr_array_new ();
  g_autoptr(GlossSameTextIndex) index = gloss_same_text_index_new ();
  Seen seen = { 0 };
  g_autoptr(GError) error = NULL;

  seen_init (&seen);
  g_assert_true (gloss_suggest_corpus_run (jobs, both_sources, index, 0, NULL, on_result, &seen, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen.order->len, ==, 0);
  seen_clear (&seen);
}

/* An unknown source, "import", or same-text without an index: an error
 * before any work. */
static void
test_bad_sources (void)
{
  static const char * const unknown[] = { GLOSS_SUGGESTION_SOURCE_QUOTES, "guesses", NULL };
  static const char * const import[] = { GLOSS_SUGGESTION_SOURCE_IMPORT, NULL };
  Corpus c = { 0 };
  Seen seen = { 0 };

  corpus_init (&c);
  seen_init (&seen);
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (gloss_suggest_corpus_run (c.jobs, unknown, c.index, 2, NULL, on_result, &seen, &error));
    g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (error->message, "guesses"));
  }
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (gloss_suggest_corpus_run (c.jobs, import, c.index, 2, NULL, on_result, &seen, &error));
    g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND);
  }
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (gloss_suggest_corpus_run (c.jobs, both_sources, NULL, 2, NULL, on_result, &seen, &error));
    g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND);
  }
  g_assert_cmpuint (seen.order->len, ==, 0);

  seen_clear (&seen);
  corpus_clear (&c);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/suggest-corpus/same-as-sequential", test_same_as_sequential);
  g_test_add_func ("/suggest-corpus/one-source", test_one_source);
  g_test_add_func ("/suggest-corpus/failing-article", test_failing_article);
  g_test_add_func ("/suggest-corpus/cancel", test_cancel);
  g_test_add_func ("/suggest-corpus/cancel-before", test_cancel_before);
  g_test_add_func ("/suggest-corpus/empty", test_empty);
  g_test_add_func ("/suggest-corpus/bad-sources", test_bad_sources);

  return g_test_run ();
}
