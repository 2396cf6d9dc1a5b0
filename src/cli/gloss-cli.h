/* gloss-cli.h — what the gloss-cli commands share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gloss.h"

G_BEGIN_DECLS

/* Exit statuses, the same for every command. */
enum {
  GLOSS_CLI_EXIT_OK = 0,
  GLOSS_CLI_EXIT_PROBLEMS = 1,  /* the command ran and found problems */
  GLOSS_CLI_EXIT_USAGE = 2,     /* bad options or arguments */
};

int  gloss_cli_validate (int argc, char **argv);
int  gloss_cli_stats    (int argc, char **argv);
int  gloss_cli_export   (int argc, char **argv);
int  gloss_cli_import   (int argc, char **argv);
int  gloss_cli_agree    (int argc, char **argv);
int  gloss_cli_merge    (int argc, char **argv);
int  gloss_cli_reanchor (int argc, char **argv);
int  gloss_cli_suggest  (int argc, char **argv);

/* Parse @entries for command @name; on error prints one line to stderr and
 * returns FALSE. */
gboolean  gloss_cli_parse_options  (const char    *name,
                                    const char    *parameter,
                                    const char    *summary,
                                    GOptionEntry  *entries,
                                    int           *argc,
                                    char        ***argv);
/* Every path on the command line gathered into one corpus; unreadable paths
 * are reported on stderr and counted in @n_errors, and so is what the scan
 * left out: folders that cannot be read (errors, counted), links to folders
 * not followed and special files (warnings, not counted). */
GlossCorpus *gloss_cli_collect    (int            argc,
                                   char         **argv,
                                   guint         *n_errors);
/* One error line on stderr: "gloss-cli: MESSAGE". */
void          gloss_cli_error     (const char    *format,
                                   ...) G_GNUC_PRINTF (1, 2);
char         *gloss_cli_display_path (GFile      *file);

G_END_DECLS

G_BEGIN_DECLS

/* The corpus walk (gloss-corpus-walk.h) with problems worded as the
 * commands print them: files by their display path.
 *
 * Called for each sidecar of a corpus, loaded (maybe FAILED); or with
 * @sidecar NULL and @problem set when the article itself could not be used
 * (missing, not UTF-8: once per sidecar); or with @article and @sidecar NULL
 * for a problem of the corpus, not of one sidecar (a broken label file). */
typedef void (*GlossCliSidecarFunc) (GlossCorpusArticle *article,
                                     GlossSidecar       *sidecar,
                                     const GlossProblem *problem,
                                     gpointer            user_data);

void gloss_cli_foreach_sidecar (GlossCorpus         *corpus,
                                GlossCliSidecarFunc  func,
                                gpointer             user_data);
/* The same with the walk's @flags: with GLOSS_CORPUS_WALK_SKIP_CLEAN, a
 * clean sidecar comes unloaded (state NEW, no problems). */
void gloss_cli_foreach_sidecar_full (GlossCorpus          *corpus,
                                     GlossCorpusWalkFlags  flags,
                                     GlossCliSidecarFunc   func,
                                     gpointer              user_data);

/* The same, an article at a time: @func gets the article's document, its
 * label set (NULL if the label file is broken: the walk's one policy,
 * reported once per label file) and every sidecar of it, loaded (maybe
 * FAILED); the problems that stop an article, or of the
 * label file, go to @on_problem as with gloss_cli_foreach_sidecar(). */
typedef void (*GlossCliArticleFunc) (GlossCorpusArticle *article,
                                     GlossDocument      *document,
                                     GlossLabelSet      *labels,
                                     GPtrArray          *sidecars,
                                     gpointer            user_data);

void gloss_cli_foreach_article (GlossCorpus         *corpus,
                                GlossCliArticleFunc  func,
                                GlossCliSidecarFunc  on_problem,
                                gpointer             user_data);
/* The same with the walk's @flags (GLOSS_CORPUS_WALK_UNANNOTATED: also
 * the articles that have no sidecar yet, with none). */
void gloss_cli_foreach_article_full (GlossCorpus          *corpus,
                                     GlossCorpusWalkFlags  flags,
                                     GlossCliArticleFunc   func,
                                     GlossCliSidecarFunc   on_problem,
                                     gpointer              user_data);

/* What to say of a sidecar that could not be used: @problem if set, else
 * its first error, or NULL. */
/* The annotator's suggestions file beside @sidecar, loaded: NULL with no
 * @error when there is none. One that is there but cannot be used comes
 * back unloaded with @error set: not a regular file (never read: a FIFO
 * would hold the command up), or why its load failed (its located problems
 * in gloss_suggestion_file_get_problems()). */
GlossSuggestionFile *gloss_cli_load_suggestions (GlossSidecar  *sidecar,
                                                 GError       **error);

const GlossProblem *gloss_cli_first_error (GlossSidecar       *sidecar,
                                           const GlossProblem *problem);

G_END_DECLS
