/* gloss-cli.c — headless commands over libgloss
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gloss-cli.h"

typedef struct
{
  const char *name;
  int       (*run) (int argc, char **argv);
  const char *summary;
} Command;

static const Command commands[] = {
  { "validate", gloss_cli_validate, N_("Check sidecars against their articles and label sets") },
  { "stats", gloss_cli_stats, N_("Count articles, annotators, annotations, relations and orphans") },
  { "export", gloss_cli_export, N_("Write a corpus as a dataset: jsonl, doccano, conll, brat, w3c, csv, hf, label-studio, "
                                      "uima-json or webanno-tsv") },
  { "import", gloss_cli_import, N_("Write sidecars from brat, jsonl, doccano, label-studio or uima-json files") },
  { "agree", gloss_cli_agree, N_("Score how far annotators agree: span F1, kappa, alpha") },
  { "merge", gloss_cli_merge, N_("Pre-merge what annotators agree on into a gold sidecar") },
  { "reanchor", gloss_cli_reanchor, N_("Place annotations again after their articles changed, and save them") },
  { "suggest", gloss_cli_suggest, N_("Write suggestions beside the sidecars: quotes and speakers, same text elsewhere") },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n", _("Usage: gloss-cli COMMAND [OPTION…] PATH…"));
  fprintf (out, "\n%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Run “gloss-cli COMMAND --help” for the options of a command."));
}

void
gloss_cli_error (const char *format,
                 ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  fprintf (stderr, "gloss-cli: %s\n", message);
}

char *
gloss_cli_display_path (GFile *file)
{
  g_autoptr(GFile) cwd = g_file_new_for_path (".");
  g_autofree char *relative = g_file_get_relative_path (cwd, file);

  if (relative != NULL)
    return g_steal_pointer (&relative);

  return g_file_get_parse_name (file);
}

gboolean
gloss_cli_parse_options (const char    *name,
                         const char    *parameter,
                         const char    *summary,
                         GOptionEntry  *entries,
                         int           *argc,
                         char        ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *program = g_strdup_printf ("gloss-cli %s", name);
  gboolean version = FALSE;
  GOptionEntry common_entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Print the version and exit"), NULL },
    { NULL }
  };

  /* --help then reads "Usage: gloss-cli export [OPTION…] PATH…" */
  g_set_prgname (program);
  context = g_option_context_new (parameter);
  g_option_context_set_summary (context, summary);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, common_entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      gloss_cli_error ("%s: %s", name, error->message);
      return FALSE;
    }

  if (version)
    {
      printf ("gloss-cli %s %s\n", name, PACKAGE_VERSION);
      exit (GLOSS_CLI_EXIT_OK);
    }

  return TRUE;
}

/* What the corpus scan left out (a link not followed, a FIFO, a folder
 * that cannot be read), one stderr line each, like a path that cannot be
 * read: "gloss-cli: corpus/loop: warning: a link to “.”, …". Only errors
 * count: a warning leaves the exit status alone. */
static void
report_corpus_problems (GlossCorpus *corpus,
                        guint       *n_errors)
{
  GPtrArray *problems = gloss_corpus_get_problems (corpus);

  for (guint i = 0; i < problems->len; i++)
    {
      const GlossProblem *problem = g_ptr_array_index (problems, i);
      g_autoptr(GFile) file = g_file_parse_name (problem->file);
      g_autofree char *display = gloss_cli_display_path (file);

      if (problem->severity == GLOSS_SEVERITY_ERROR)
        {
          gloss_cli_error ("%s: %s", display, problem->message);
          (*n_errors)++;
        }
      else
        gloss_cli_error ("%s: %s: %s", display,
                         gloss_severity_to_string (problem->severity), problem->message);
    }
}

GlossCorpus *
gloss_cli_collect (int     argc,
                   char  **argv,
                   guint  *n_errors)
{
  g_autoptr(GlossCorpus) corpus = gloss_corpus_new ();

  for (int i = 0; i < argc; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[i]);
      g_autoptr(GError) error = NULL;

      if (!gloss_corpus_add_path (corpus, file, NULL, &error))
        {
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
            gloss_cli_error (_("%s: no such file or folder"), argv[i]);
          else
            gloss_cli_error ("%s", error->message);
          (*n_errors)++;
        }
    }

  report_corpus_problems (corpus, n_errors);

  return g_steal_pointer (&corpus);
}

int
main (int    argc,
      char **argv)
{
  const char *command;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    {
      print_usage (stderr);
      return GLOSS_CLI_EXIT_USAGE;
    }

  command = argv[1];

  if (strcmp (command, "--help") == 0 || strcmp (command, "-h") == 0
      || strcmp (command, "help") == 0)
    {
      print_usage (stdout);
      return GLOSS_CLI_EXIT_OK;
    }

  if (strcmp (command, "--version") == 0)
    {
      printf ("gloss-cli %s\n", PACKAGE_VERSION);
      return GLOSS_CLI_EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (strcmp (command, commands[i].name) == 0)
        return commands[i].run (argc - 1, argv + 1);
    }

  gloss_cli_error (_("“%s” is not a command; see “gloss-cli --help”"), command);
  return GLOSS_CLI_EXIT_USAGE;
}

typedef struct
{
  GlossCliArticleFunc func;
  GlossCliSidecarFunc on_problem;
  gpointer            user_data;
} EachArticle;

static gboolean
each_article (const GlossCorpusWalkArticle *item,
              gpointer                      user_data,
              GError                      **error)
{
  EachArticle *each = user_data;

  each->func (item->article, item->document, item->labels, item->sidecars, each->user_data);
  return TRUE;
}

/* The walk names files by their parse names; the CLI by the path as the
 * person typed it, relative where possible. A label file's problem is
 * said as the reader's one message, as it always was. */
static void
each_article_problem (GlossCorpusArticle *article,
                      GFile              *file,
                      const GlossProblem *problem,
                      gpointer            user_data)
{
  EachArticle *each = user_data;
  g_autoptr(GlossProblem) said = NULL;

  if (article != NULL)
    {
      g_autofree char *display = gloss_cli_display_path (file);

      said = gloss_problem_new (problem->severity, display, problem->location, problem->message);
    }
  else
    {
      g_autofree char *message = gloss_problem_to_string (problem);

      said = gloss_problem_new (problem->severity, NULL, NULL, message);
    }

  each->on_problem (article, NULL, said, each->user_data);
}

static void
foreach_article (GlossCorpus          *corpus,
                 GlossCorpusWalkFlags  flags,
                 GlossCliArticleFunc   func,
                 GlossCliSidecarFunc   on_problem,
                 gpointer              user_data)
{
  g_autoptr(GlossCorpusWalk) walk = gloss_corpus_walk_new (corpus, flags);
  EachArticle each = { func, on_problem, user_data };

  gloss_corpus_walk_set_article_func (walk, each_article, &each, NULL);
  gloss_corpus_walk_set_problem_func (walk, each_article_problem, &each, NULL);
  /* Without a cancellable and with a function that never stops it, the
   * walk cannot fail. */
  gloss_corpus_walk_run (walk, NULL, NULL);
}

void
gloss_cli_foreach_article (GlossCorpus         *corpus,
                           GlossCliArticleFunc  func,
                           GlossCliSidecarFunc  on_problem,
                           gpointer             user_data)
{
  foreach_article (corpus, GLOSS_CORPUS_WALK_DEFAULT, func, on_problem, user_data);
}

void
gloss_cli_foreach_article_full (GlossCorpus          *corpus,
                                GlossCorpusWalkFlags  flags,
                                GlossCliArticleFunc   func,
                                GlossCliSidecarFunc   on_problem,
                                gpointer              user_data)
{
  foreach_article (corpus, flags, func, on_problem, user_data);
}

typedef struct
{
  GlossCliSidecarFunc func;
  gpointer            user_data;
} EachSidecar;

static void
each_sidecar (GlossCorpusArticle *article,
              GlossDocument      *document,
              GlossLabelSet      *labels,
              GPtrArray          *sidecars,
              gpointer            user_data)
{
  EachSidecar *each = user_data;

  for (guint i = 0; i < sidecars->len; i++)
    each->func (article, g_ptr_array_index (sidecars, i), NULL, each->user_data);
}

static void
each_sidecar_problem (GlossCorpusArticle *article,
                      GlossSidecar       *sidecar,
                      const GlossProblem *problem,
                      gpointer            user_data)
{
  EachSidecar *each = user_data;

  each->func (article, sidecar, problem, each->user_data);
}

void
gloss_cli_foreach_sidecar_full (GlossCorpus          *corpus,
                                GlossCorpusWalkFlags  flags,
                                GlossCliSidecarFunc   func,
                                gpointer              user_data)
{
  EachSidecar each = { func, user_data };

  foreach_article (corpus, flags, each_sidecar, each_sidecar_problem, &each);
}

void
gloss_cli_foreach_sidecar (GlossCorpus         *corpus,
                           GlossCliSidecarFunc  func,
                           gpointer             user_data)
{
  gloss_cli_foreach_sidecar_full (corpus, GLOSS_CORPUS_WALK_DEFAULT, func, user_data);
}

const GlossProblem *
gloss_cli_first_error (GlossSidecar       *sidecar,
                       const GlossProblem *problem)
{
  GPtrArray *problems = sidecar != NULL ? gloss_sidecar_get_problems (sidecar) : NULL;

  for (guint i = 0; problems != NULL && i < problems->len && problem == NULL; i++)
    {
      const GlossProblem *p = g_ptr_array_index (problems, i);

      if (p->severity == GLOSS_SEVERITY_ERROR)
        problem = p;
    }

  return problem;
}

GlossSuggestionFile *
gloss_cli_load_suggestions (GlossSidecar  *sidecar,
                            GError       **error)
{
  g_autoptr(GlossSuggestionFile) file =
    gloss_suggestion_file_new_for_document (gloss_sidecar_get_document (sidecar),
                                            gloss_sidecar_get_annotator_id (sidecar));
  GFileType type = g_file_query_file_type (gloss_suggestion_file_get_file (file),
                                           G_FILE_QUERY_INFO_NONE, NULL);

  if (type == G_FILE_TYPE_UNKNOWN)
    return NULL;

  if (type != G_FILE_TYPE_REGULAR)
    {
      /* Translators: where a suggestions file goes, something else is
       * (a FIFO, a folder) */
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE, _("not a regular file"));
      return g_steal_pointer (&file);
    }

  gloss_suggestion_file_load (file, NULL, error);
  return g_steal_pointer (&file);
}
