/* gloss-cli-suggest.c — `gloss-cli suggest [--sources S,…] [--annotator ID] PATH…`
 *
 * Runs the sources of suggestions over a corpus and merges each source's
 * run into the annotator's suggestions file beside each sidecar
 * (docs/suggestions.md). Sidecars are read, never written: suggestions
 * live in their own file so that a run can be repeated, or its file
 * deleted, without touching an annotation. A suggestions file that fails
 * to load may hold the person's rejections, so it is reported and left
 * exactly as it is; the other articles go on.
 *
 * The corpus is walked once: the same-text source needs what the whole
 * corpus marked (every annotator's sidecars) before it can suggest for the
 * first article, so the walk fills the index and keeps each article's
 * document and chosen sidecar; the suggesting follows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "gloss-cli.h"
#include "gloss-file.h"

/* The sources this command runs; "import" suggestions come from files
 * someone else's model wrote, not from a run here. */
static const char * const runnable_sources[] = {
  GLOSS_SUGGESTION_SOURCE_SAME_TEXT,
  GLOSS_SUGGESTION_SOURCE_QUOTES,
};

typedef struct
{
  GlossDocument      *document;
  GlossAnnotationSet *annotations;  /* the chosen annotator's, or a new empty set */
  char               *annotator;
  char               *key;          /* the sidecar's key in the index, or NULL */
  char               *display;      /* the article's display path */
} Item;

static void
item_free (Item *item)
{
  g_clear_object (&item->document);
  g_clear_object (&item->annotations);
  g_free (item->annotator);
  g_free (item->key);
  g_free (item->display);
  g_free (item);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Item, item_free)

typedef struct
{
  const char          *annotator;    /* --annotator, or NULL */
  gboolean             dry_run;
  gboolean             sources[G_N_ELEMENTS (runnable_sources)];
  GlossSameTextIndex  *index;        /* NULL when same-text is not run */
  GPtrArray           *items;        /* Item */
  guint                n_problems;
  guint                given[G_N_ELEMENTS (runnable_sources)];
  guint                n_added;
  guint                n_listed;
  guint                n_files;
  guint                n_done;       /* articles whose file was read and merged */
  /* New suggestions files, written with one flush at the end: a flush
   * per file was most of a 1,000-article run. A file already there is
   * replaced on its own (gloss_suggestion_file_save()), as a batch never
   * replaces one. */
  GlossFileBatch      *batch;
} Suggest;

/* "same-text,quotes" → which sources; a word that is none of them is a
 * usage error naming it. */
static gboolean
parse_sources (const char *text,
               gboolean   *chosen)
{
  g_auto(GStrv) words = g_strsplit (text, ",", -1);
  gboolean any = FALSE;

  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *word = g_strstrip (words[i]);
      gboolean known = FALSE;

      if (*word == '\0')
        continue;

      for (guint s = 0; s < G_N_ELEMENTS (runnable_sources); s++)
        {
          if (strcmp (word, runnable_sources[s]) == 0)
            {
              chosen[s] = TRUE;
              known = any = TRUE;
            }
        }

      if (!known && strcmp (word, GLOSS_SUGGESTION_SOURCE_IMPORT) == 0)
        {
          gloss_cli_error (_("suggest: “import” suggestions are made by importing a model’s output, not by this command"));
          return FALSE;
        }
      if (!known)
        {
          gloss_cli_error (_("suggest: “%s” is not a source of suggestions (same-text, quotes)"), word);
          return FALSE;
        }
    }

  if (!any)
    {
      gloss_cli_error (_("suggest: --sources names no source (same-text, quotes)"));
      return FALSE;
    }

  return TRUE;
}

/* A problem of the walk: an article that cannot be used (no suggestions
 * for it), or with @article NULL a broken label file (its articles are
 * still handed on, without labels, and get suggestions). */
static void
report_problem (Suggest            *s,
                GlossCorpusArticle *article,
                const GlossProblem *problem)
{
  g_autofree char *line = gloss_problem_to_string (problem);

  if (problem->severity == GLOSS_SEVERITY_ERROR && article == NULL)
    {
      gloss_cli_error ("%s", line);
      s->n_problems++;
    }
  else if (problem->severity == GLOSS_SEVERITY_ERROR)
    {
      gloss_cli_error (_("%s (no suggestions made)"), line);
      s->n_problems++;
    }
  else
    gloss_cli_error ("%s", line);
}

static void
on_problem (GlossCorpusArticle *article,
            GlossSidecar       *sidecar,
            const GlossProblem *problem,
            gpointer            user_data)
{
  Suggest *s = user_data;

  if (problem != NULL)
    report_problem (s, article, problem);
}

static char *
sidecar_key (GlossSidecar *sidecar)
{
  return g_file_get_path (gloss_sidecar_get_file (sidecar));
}

static gboolean
sidecar_usable (GlossSidecar *sidecar)
{
  GlossSidecarState state = gloss_sidecar_get_state (sidecar);

  return state == GLOSS_SIDECAR_STATE_LOADED || state == GLOSS_SIDECAR_STATE_NEW;
}

/* The sidecar of the annotator the suggestions are for: --annotator's, or
 * the article's only one. Sets *@chosen to NULL (and returns TRUE) when
 * --annotator has no sidecar here yet: the suggestions are then made
 * against no annotation. FALSE, reported, when the article cannot be done. */
static gboolean
choose_sidecar (Suggest       *s,
                const char    *display,
                GPtrArray     *sidecars,
                GlossSidecar **chosen)
{
  *chosen = NULL;

  if (s->annotator != NULL)
    {
      for (guint i = 0; i < sidecars->len; i++)
        {
          GlossSidecar *sidecar = g_ptr_array_index (sidecars, i);

          if (g_strcmp0 (gloss_sidecar_get_annotator_id (sidecar), s->annotator) == 0)
            *chosen = sidecar;
        }
      return TRUE;
    }

  if (sidecars->len == 1)
    {
      *chosen = g_ptr_array_index (sidecars, 0);
      return TRUE;
    }

  gloss_cli_error (ngettext ("%s: %u annotator’s sidecar; say whose suggestions to make with --annotator ID",
                             "%s: sidecars of %u annotators; say whose suggestions to make with --annotator ID",
                             sidecars->len),
                   display, sidecars->len);
  s->n_problems++;
  return FALSE;
}

static void
on_article (GlossCorpusArticle *article,
            GlossDocument      *document,
            GlossLabelSet      *labels,
            GPtrArray          *sidecars,
            gpointer            user_data)
{
  Suggest *s = user_data;
  g_autoptr(Item) item = NULL;
  GlossSidecar *chosen = NULL;
  g_autofree char *display = gloss_cli_display_path (gloss_corpus_article_get_file (article));

  /* Every annotator's marks count for same-text, as the person would see
   * them in the corpus; a sidecar that failed to load brings none. */
  for (guint i = 0; s->index != NULL && i < sidecars->len; i++)
    {
      GlossSidecar *sidecar = g_ptr_array_index (sidecars, i);
      g_autofree char *key = NULL;

      if (!sidecar_usable (sidecar))
        continue;
      key = sidecar_key (sidecar);
      gloss_same_text_index_add (s->index, key, gloss_sidecar_get_annotations (sidecar));
    }

  if (!choose_sidecar (s, display, sidecars, &chosen))
    return;

  if (chosen != NULL && !sidecar_usable (chosen))
    {
      g_autofree char *path = gloss_cli_display_path (gloss_sidecar_get_file (chosen));

      /* Without its annotations the suggestions would repeat what the
       * person marked; `validate` tells why it failed. */
      if (gloss_sidecar_get_state (chosen) == GLOSS_SIDECAR_STATE_NEWER)
        gloss_cli_error (_("%s: written by a newer version of Gloss; no suggestions made"), path);
      else
        gloss_cli_error (_("%s: could not be read; no suggestions made (run “gloss-cli validate” for its problems)"),
                         path);
      s->n_problems++;
      return;
    }

  item = g_new0 (Item, 1);
  item->document = g_object_ref (document);
  item->display = g_steal_pointer (&display);
  if (chosen != NULL)
    {
      item->annotations = g_object_ref (gloss_sidecar_get_annotations (chosen));
      item->annotator = g_strdup (gloss_sidecar_get_annotator_id (chosen));
      item->key = sidecar_key (chosen);
    }
  else
    {
      item->annotations = gloss_annotation_set_new (document);
      item->annotator = g_strdup (s->annotator);
    }

  g_ptr_array_add (s->items, g_steal_pointer (&item));
}

static void
report_file_problems (Suggest             *s,
                      GlossSuggestionFile *file,
                      const GError        *error)
{
  GPtrArray *problems = gloss_suggestion_file_get_problems (file);
  g_autofree char *display = gloss_cli_display_path (gloss_suggestion_file_get_file (file));
  gboolean said = FALSE;

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const GlossProblem *problem = g_ptr_array_index (problems, i);
      g_autoptr(GlossProblem) located = gloss_problem_new (problem->severity, display,
                                                            problem->location, problem->message);
      g_autofree char *line = gloss_problem_to_string (located);

      gloss_cli_error ("%s", line);
      said = TRUE;
    }

  if (!said)
    gloss_cli_error (_("%s: %s"), display, error->message);

  gloss_cli_error (_("%s: left as it is; no suggestions merged into it"), display);
  s->n_problems++;
}

/* "3 suggestions from quotes, 1 suggestion from same-text" */
static char *
describe_given (Suggest     *s,
                const guint *given)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (runnable_sources); i++)
    {
      if (!s->sources[i])
        continue;
      if (text->len > 0)
        g_string_append (text, _(", "));
      g_string_append_printf (text,
                              ngettext ("%u suggestion from %s", "%u suggestions from %s", given[i]),
                              given[i], runnable_sources[i]);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Writes @file if the run changed it (a new one into the batch, whose
 * files are counted when it is committed). */
static gboolean
write_file (Suggest              *s,
            GlossSuggestionFile  *file,
            GError              **error)
{
  GlossSuggestionFileWrite done;

  if (!gloss_suggestion_file_write (file, s->batch, &done, error))
    return FALSE;
  if (done == GLOSS_SUGGESTION_FILE_SAVED)
    s->n_files++;

  return TRUE;
}

/* The new files in place, with one flush; a file that appeared at one of
 * their paths meanwhile is somebody else's and stays. */
static void
commit_batch (Suggest *s)
{
  g_autoptr(GPtrArray) not_placed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  guint pending = gloss_file_batch_get_n_pending (s->batch);

  if (!gloss_file_batch_commit (s->batch, not_placed, &error))
    {
      gloss_cli_error (_("writing the suggestions files: %s"), error->message);
      s->n_problems++;
      return;
    }

  for (guint i = 0; i < not_placed->len; i++)
    {
      g_autoptr(GFile) placed = g_file_new_for_path (g_ptr_array_index (not_placed, i));
      g_autofree char *display = gloss_cli_display_path (placed);

      gloss_cli_error (_("%s: appeared while the suggestions were made; left as it is, not written"),
                       display);
      s->n_problems++;
    }

  s->n_files += pending - not_placed->len;
}

/* One article's results from gloss_suggest_corpus_run(), on this thread
 * and in the order of the articles: merged into its suggestions file,
 * which is written (or batched), and said. @suggestions and @errors hold
 * a slot for each source run, in the order of runnable_sources. */
static void
suggest_item (Suggest            *s,
              Item               *item,
              GPtrArray         **suggestions_of,
              const GError * const *errors)
{
  g_autoptr(GlossSuggestionFile) file = gloss_suggestion_file_new_for_document (item->document,
                                                                                 item->annotator);
  g_autoptr(GError) error = NULL;
  guint given[G_N_ELEMENTS (runnable_sources)] = { 0 };
  guint added = 0;
  guint listed;
  g_autofree char *given_text = NULL;

  /* The loader refuses a FIFO, a folder or a device there without
   * reading it, and a file that failed to load is never written over. */
  if (!gloss_suggestion_file_load (file, NULL, &error))
    {
      report_file_problems (s, file, error);
      return;
    }

  for (guint i = 0, slot = 0; i < G_N_ELEMENTS (runnable_sources); i++)
    {
      GPtrArray *suggestions;
      const GError *failed;
      guint n_added = 0;

      if (!s->sources[i])
        continue;

      suggestions = suggestions_of[slot];
      failed = errors[slot];
      slot++;
      if (suggestions != NULL
          && !gloss_suggestion_file_merge_run (file, runnable_sources[i], suggestions,
                                               item->annotations, &n_added, &error))
        failed = error;
      if (suggestions == NULL || failed != NULL)
        {
          gloss_cli_error (_("%s: %s: %s"), item->display, runnable_sources[i], failed->message);
          g_clear_error (&error);
          s->n_problems++;
          continue;
        }

      given[i] = suggestions->len;
      s->given[i] += suggestions->len;
      added += n_added;
    }

  listed = g_list_model_get_n_items (gloss_suggestion_file_get_suggestions (file));

  if (!s->dry_run && !write_file (s, file, &error))
    {
      g_autofree char *display = gloss_cli_display_path (gloss_suggestion_file_get_file (file));

      gloss_cli_error (_("%s: %s"), display, error->message);
      s->n_problems++;
      return;
    }

  s->n_done++;
  s->n_added += added;
  s->n_listed += listed;

  given_text = describe_given (s, given);
  /* Translators: an article (its annotator): the suggestions each source
   * gave; then how many the file lists and how many of those are new */
  printf (_("%s (%s): %s; "), item->display, item->annotator, given_text);
  printf (ngettext ("%u listed", "%u listed", listed), listed);
  printf (ngettext (", %u new\n", ", %u new\n", added), added);
}

static void
on_suggested (guint                        job_index,
              const GlossSuggestCorpusJob *job,
              guint                        n_sources,
              GPtrArray                  **suggestions,
              const GError * const        *errors,
              gpointer                     user_data)
{
  Suggest *s = user_data;

  suggest_item (s, g_ptr_array_index (s->items, job_index), suggestions, errors);
}

/* The sources over every article the walk kept, on the model's worker
 * threads (the index is complete now); each article's file is merged,
 * written and said here, in the order of the walk. */
static void
suggest_items (Suggest *s)
{
  g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) sources = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (runnable_sources); i++)
    {
      if (s->sources[i])
        g_strv_builder_add (builder, runnable_sources[i]);
    }
  sources = g_strv_builder_end (builder);

  for (guint i = 0; i < s->items->len; i++)
    {
      Item *item = g_ptr_array_index (s->items, i);
      GlossSuggestCorpusJob *job = g_new0 (GlossSuggestCorpusJob, 1);

      job->document = item->document;
      job->annotations = item->annotations;
      job->key = item->key;
      g_ptr_array_add (jobs, job);
    }

  if (!gloss_suggest_corpus_run (jobs, (const char * const *) sources, s->index, 0, NULL,
                                 on_suggested, s, &error))
    {
      gloss_cli_error (_("%s: %s"), "suggest", error->message);
      s->n_problems++;
    }
}

int
gloss_cli_suggest (int    argc,
                   char **argv)
{
  g_autoptr(GlossCorpus) corpus = NULL;
  g_autoptr(GlossSameTextIndex) index = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  g_autoptr(GlossFileBatch) batch = gloss_file_batch_new ();
  g_autofree char *sources = NULL;
  g_autofree char *annotator = NULL;
  g_autofree char *given_text = NULL;
  Suggest s = { 0 };
  GOptionEntry entries[] = {
    { "sources", 's', 0, G_OPTION_ARG_STRING, &sources,
      N_("Which sources to run, separated by commas (default: same-text,quotes)"), N_("SOURCES") },
    { "annotator", 'a', 0, G_OPTION_ARG_STRING, &annotator,
      N_("Whose suggestions to make (default: the article’s one annotator)"), N_("ID") },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &s.dry_run, N_("Say what would be suggested, write nothing"), NULL },
    { NULL }
  };

  if (!gloss_cli_parse_options ("suggest", _("PATH…"),
                                _("Suggests spans for an annotator to accept or reject: quotes "
                                  "and their speakers (quotes), and other occurrences of texts "
                                  "the corpus marked (same-text). They are written to "
                                  "ARTICLE.ANNOTATOR.suggestions.json beside the sidecar, which "
                                  "is never written; what the person rejected there is not "
                                  "suggested again."),
                                entries, &argc, &argv))
    return GLOSS_CLI_EXIT_USAGE;

  if (!parse_sources (sources != NULL ? sources : "same-text,quotes", s.sources))
    return GLOSS_CLI_EXIT_USAGE;

  if (annotator != NULL && !gloss_annotator_id_is_valid (annotator))
    {
      gloss_cli_error (_("suggest: “%s” is not an annotator id (lowercase letters, digits, - and _)"),
                       annotator);
      return GLOSS_CLI_EXIT_USAGE;
    }

  if (argc < 2)
    {
      gloss_cli_error (_("suggest: give at least one file or folder"));
      return GLOSS_CLI_EXIT_USAGE;
    }

  s.annotator = annotator;
  s.items = items;
  s.batch = batch;
  for (guint i = 0; i < G_N_ELEMENTS (runnable_sources); i++)
    {
      if (s.sources[i] && strcmp (runnable_sources[i], GLOSS_SUGGESTION_SOURCE_SAME_TEXT) == 0)
        s.index = index = gloss_same_text_index_new ();
    }

  corpus = gloss_cli_collect (argc - 1, argv + 1, &s.n_problems);
  /* For a named annotator, an article nobody annotated yet is where
   * suggestions help most (its quotes); without one, whose suggestions to
   * make is read off each article's one sidecar. */
  gloss_cli_foreach_article_full (corpus,
                                  annotator != NULL ? GLOSS_CORPUS_WALK_UNANNOTATED : GLOSS_CORPUS_WALK_DEFAULT,
                                  on_article, on_problem, &s);

  suggest_items (&s);
  if (!s.dry_run)
    commit_batch (&s);

  given_text = describe_given (&s, s.given);
  printf (ngettext ("%u article: %s; ", "%u articles: %s; ", s.n_done), s.n_done, given_text);
  printf (ngettext ("%u listed", "%u listed", s.n_listed), s.n_listed);
  printf (ngettext (", %u new", ", %u new", s.n_added), s.n_added);
  if (s.dry_run)
    printf ("%s\n", _(" (not written: --dry-run)"));
  else
    printf (ngettext (", %u file written\n", ", %u files written\n", s.n_files), s.n_files);

  return s.n_problems > 0 ? GLOSS_CLI_EXIT_PROBLEMS : GLOSS_CLI_EXIT_OK;
}
