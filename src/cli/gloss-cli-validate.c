/* gloss-cli-validate.c — `gloss-cli validate PATH…`
 *
 * Problems found in the files are the command's output and go to stdout,
 * one line each; stderr is for the command's own failures (a path that
 * does not exist, bad options).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "gloss-cli.h"

typedef struct
{
  gboolean     json;
  gboolean     strict;
  gboolean     quiet;
  GPtrArray   *corpus_problems;  /* GlossProblem: not of one sidecar */
  guint        n_sidecars;
  guint        n_errors;
  guint        n_warnings;
  JsonBuilder *builder;
  /* The sidecars of the article checked last, and that article */
  GPtrArray   *last_sidecars;
  gpointer     last_article;
} Validation;

/* The last article's sidecars are left for the process's exit to
 * reclaim: freeing 10,000 annotations and their strings one by one cost
 * a sixth of validating them when they were loaded (7 ms of 45; a clean
 * sidecar is no longer loaded), and nothing needs it. Each
 * earlier article's are freed when the next one comes, so memory stays
 * that of one article. A global, so that leak checkers see them as still
 * reachable. */
static GPtrArray *sidecars_left_for_exit;

static void
keep_until_next_article (Validation         *v,
                         GlossCorpusArticle *article,
                         GlossSidecar       *sidecar)
{
  if (v->last_article != article)
    {
      g_ptr_array_set_size (v->last_sidecars, 0);
      v->last_article = article;
    }
  g_ptr_array_add (v->last_sidecars, g_object_ref (sidecar));
}

static void
print_problem (Validation         *v,
               const GlossProblem *problem,
               const char         *display)
{
  g_autofree char *line = NULL;
  GlossProblem copy = *problem;
  g_autofree char *message = NULL;

  /* The path as the person typed it, relative where possible. */
  if (display != NULL)
    copy.file = (char *) display;

  if (problem->severity != GLOSS_SEVERITY_ERROR)
    {
      /* Say what kind of line it is when it is not an error. */
      message = g_strdup_printf ("%s: %s", gloss_severity_to_string (problem->severity),
                                 problem->message);
      copy.message = message;
    }

  line = gloss_problem_to_string (&copy);
  printf ("%s\n", line);
}

static void
count_problem (Validation         *v,
               const GlossProblem *problem,
               const char         *display)
{
  if (problem->severity == GLOSS_SEVERITY_ERROR)
    v->n_errors++;
  else if (problem->severity == GLOSS_SEVERITY_WARNING)
    v->n_warnings++;

  if (!v->json && !(v->quiet && problem->severity == GLOSS_SEVERITY_INFO))
    print_problem (v, problem, display);
}

/* @with_file: for the problems not of a sidecar (a label file's, a
 * suggestions file's), which file; a sidecar's are under its own "file". */
static void
add_problem_json (JsonBuilder        *builder,
                  const GlossProblem *problem,
                  gboolean            with_file)
{
  json_builder_begin_object (builder);
  if (with_file && problem->file != NULL)
    {
      json_builder_set_member_name (builder, "file");
      json_builder_add_string_value (builder, problem->file);
    }
  json_builder_set_member_name (builder, "severity");
  json_builder_add_string_value (builder,
                                 problem->severity == GLOSS_SEVERITY_ERROR ? "error"
                                 : problem->severity == GLOSS_SEVERITY_WARNING ? "warning"
                                 : "info");
  json_builder_set_member_name (builder, "location");
  if (problem->location != NULL)
    json_builder_add_string_value (builder, problem->location);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, problem->message);
  json_builder_end_object (builder);
}

static const char *
state_name (GlossSidecar *sidecar)
{
  if (sidecar == NULL)
    return "failed";

  switch (gloss_sidecar_get_state (sidecar))
    {
    case GLOSS_SIDECAR_STATE_NEW:
      return "missing";
    case GLOSS_SIDECAR_STATE_LOADED:
      return "ok";
    case GLOSS_SIDECAR_STATE_NEWER:
      return "newer";
    case GLOSS_SIDECAR_STATE_FAILED:
    default:
      return "failed";
    }
}

static void
add_sidecar_json (Validation         *v,
                  GlossCorpusArticle *article,
                  GlossSidecar       *sidecar,
                  const GlossProblem *problem,
                  GPtrArray          *missing)
{
  JsonBuilder *b = v->builder;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "file");
  if (sidecar != NULL)
    {
      g_autofree char *display = gloss_cli_display_path (gloss_sidecar_get_file (sidecar));
      json_builder_add_string_value (b, display);
    }
  else
    json_builder_add_string_value (b, problem->file);

  json_builder_set_member_name (b, "article");
  {
    g_autofree char *display = gloss_cli_display_path (gloss_corpus_article_get_file (article));
    json_builder_add_string_value (b, display);
  }

  json_builder_set_member_name (b, "state");
  json_builder_add_string_value (b, state_name (sidecar));

  if (sidecar != NULL && gloss_sidecar_get_state (sidecar) != GLOSS_SIDECAR_STATE_FAILED)
    {
      GlossAnnotationSet *set = gloss_sidecar_get_annotations (sidecar);

      json_builder_set_member_name (b, "annotator");
      json_builder_add_string_value (b, gloss_sidecar_get_annotator_id (sidecar));
      json_builder_set_member_name (b, "annotations");
      json_builder_add_int_value (b, gloss_annotation_set_get_n_annotations (set));
      json_builder_set_member_name (b, "orphaned");
      json_builder_add_int_value (b, g_list_model_get_n_items (gloss_annotation_set_get_orphans (set)));
    }

  if (sidecar != NULL && gloss_sidecar_was_reanchored (sidecar))
    {
      const GlossAnchorReport *r = gloss_sidecar_get_anchor_report (sidecar);

      json_builder_set_member_name (b, "reanchored");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "kept");
      json_builder_add_int_value (b, r->kept);
      json_builder_set_member_name (b, "moved");
      json_builder_add_int_value (b, r->moved);
      json_builder_set_member_name (b, "repaired");
      json_builder_add_int_value (b, r->repaired);
      json_builder_set_member_name (b, "orphaned");
      json_builder_add_int_value (b, r->orphaned);
      json_builder_end_object (b);
    }

  json_builder_set_member_name (b, "problems");
  json_builder_begin_array (b);
  if (sidecar != NULL)
    {
      GPtrArray *problems = gloss_sidecar_get_problems (sidecar);
      for (guint i = 0; i < problems->len; i++)
        add_problem_json (b, g_ptr_array_index (problems, i), FALSE);
      for (guint i = 0; i < missing->len; i++)
        add_problem_json (b, g_ptr_array_index (missing, i), FALSE);
    }
  else
    add_problem_json (b, problem, FALSE);
  json_builder_end_array (b);

  json_builder_end_object (b);
}

/* The required attributes and article fields @sidecar lacks, as
 * warnings: the reader does not report them (a sidecar saved halfway
 * through the work is not wrong), but validate is where a person asks
 * whether the work is complete. Only for a sidecar that was read: one
 * that failed has its errors, one handed on unloaded (clean, and its
 * label set requires nothing) has nothing missing. */
static void
add_missing_required (GlossSidecar *sidecar,
                      const char   *display,
                      GPtrArray    *missing)
{
  GlossSidecarState state = gloss_sidecar_get_state (sidecar);
  GlossAnnotationSet *set;
  GlossLabelSet *labels;

  if (state != GLOSS_SIDECAR_STATE_LOADED && state != GLOSS_SIDECAR_STATE_NEWER)
    return;

  set = gloss_sidecar_get_annotations (sidecar);
  labels = gloss_annotation_set_get_labels (set);
  gloss_label_set_report_missing_document_fields (labels,
                                                  gloss_sidecar_peek_document_labels (sidecar),
                                                  display, missing);
  gloss_label_set_report_missing_attributes (labels, G_LIST_MODEL (set), display, missing);
  gloss_label_set_report_missing_attributes (labels, gloss_annotation_set_get_orphans (set),
                                             display, missing);
}

/* A problem of a file beside the sidecars (not one of them): counted and
 * printed, and listed with the corpus's own for --json. */
static void
report_other_file (Validation         *v,
                   const GlossProblem *problem,
                   const char         *display)
{
  g_autoptr(GlossProblem) located = gloss_problem_new (problem->severity, display,
                                                       problem->location, problem->message);

  count_problem (v, located, NULL);
  g_ptr_array_add (v->corpus_problems, g_steal_pointer (&located));
}

/* The annotator's suggestions file beside @sidecar, when there is one. One
 * that fails to load is an error: the app then shows none of it and never
 * writes over it (it holds the person's rejections). */
static void
check_suggestions (Validation   *v,
                   GlossSidecar *sidecar)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossSuggestionFile) file = gloss_cli_load_suggestions (sidecar, &error);
  g_autofree char *display = NULL;
  GPtrArray *problems;

  if (file == NULL)
    return;

  display = gloss_cli_display_path (gloss_suggestion_file_get_file (file));
  problems = gloss_suggestion_file_get_problems (file);
  for (guint i = 0; i < problems->len; i++)
    report_other_file (v, g_ptr_array_index (problems, i), display);

  /* Not read (not a regular file), or failed with nothing located. */
  if (error != NULL && problems->len == 0)
    {
      g_autoptr(GlossProblem) problem = gloss_problem_new (GLOSS_SEVERITY_ERROR, display, NULL,
                                                           error->message);

      report_other_file (v, problem, display);
    }
}

static void
on_sidecar (GlossCorpusArticle *article,
            GlossSidecar       *sidecar,
            const GlossProblem *problem,
            gpointer            user_data)
{
  Validation *v = user_data;
  g_autoptr(GPtrArray) missing = NULL;

  if (article == NULL)
    {
      count_problem (v, problem, NULL);
      g_ptr_array_add (v->corpus_problems, gloss_problem_copy (problem));
      return;
    }

  v->n_sidecars++;
  missing = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_problem_free);

  if (sidecar != NULL)
    {
      keep_until_next_article (v, article, sidecar);
      GPtrArray *problems = gloss_sidecar_get_problems (sidecar);
      g_autofree char *display = gloss_cli_display_path (gloss_sidecar_get_file (sidecar));

      for (guint i = 0; i < problems->len; i++)
        count_problem (v, g_ptr_array_index (problems, i), display);

      add_missing_required (sidecar, display, missing);
      for (guint i = 0; i < missing->len; i++)
        count_problem (v, g_ptr_array_index (missing, i), NULL);

      check_suggestions (v, sidecar);
    }
  else
    count_problem (v, problem, NULL);

  if (v->json)
    add_sidecar_json (v, article, sidecar, problem, missing);
}

/* "3 sidecars checked: 1 error, 2 warnings": each count through ngettext,
 * so the line reads right for one, and in languages with other plural
 * rules; the frame around them is a message of its own. */
static void
print_summary (Validation *v)
{
  g_autofree char *sidecars = g_strdup_printf (ngettext ("%u sidecar checked", "%u sidecars checked",
                                                         v->n_sidecars), v->n_sidecars);
  g_autofree char *errors = g_strdup_printf (ngettext ("%u error", "%u errors", v->n_errors),
                                             v->n_errors);
  g_autofree char *warnings = g_strdup_printf (ngettext ("%u warning", "%u warnings", v->n_warnings),
                                               v->n_warnings);

  /* Translators: "3 sidecars checked: 1 error, 2 warnings" */
  printf (_("%s: %s, %s\n"), sidecars, errors, warnings);
}

static void
print_json (Validation *v)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_end_array (v->builder);
  json_builder_set_member_name (v->builder, "problems");
  json_builder_begin_array (v->builder);
  for (guint i = 0; i < v->corpus_problems->len; i++)
    add_problem_json (v->builder, g_ptr_array_index (v->corpus_problems, i), TRUE);
  json_builder_end_array (v->builder);
  json_builder_set_member_name (v->builder, "errors");
  json_builder_add_int_value (v->builder, v->n_errors);
  json_builder_set_member_name (v->builder, "warnings");
  json_builder_add_int_value (v->builder, v->n_warnings);
  json_builder_end_object (v->builder);

  root = json_builder_get_root (v->builder);
  text = gloss_json_to_string (root);
  fputs (text, stdout);
}

int
gloss_cli_validate (int    argc,
                    char **argv)
{
  g_autoptr(GlossCorpus) corpus = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  Validation v = { 0 };
  guint n_path_errors = 0;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &v.json, N_("Print a JSON report instead of lines"), NULL },
    { "strict", 0, 0, G_OPTION_ARG_NONE, &v.strict, N_("Fail on warnings too (e.g. unknown labels, required attributes not set)"), NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &v.quiet, N_("Leave out information lines (re-anchoring) and the summary"), NULL },
    { NULL }
  };

  if (!gloss_cli_parse_options ("validate", _("PATH…"),
                                _("Checks every sidecar found in the given files and folders "
                                  "(recursively) against its article and label set.\n"
                                  "Prints one line per problem: FILE: LOCATION: MESSAGE.\n"
                                  "Exit status: 0 if all are clean, 1 if there are problems, "
                                  "2 on bad usage."),
                                entries, &argc, &argv))
    return GLOSS_CLI_EXIT_USAGE;

  if (argc < 2)
    {
      gloss_cli_error (_("validate: give at least one file or folder"));
      return GLOSS_CLI_EXIT_USAGE;
    }

  corpus = gloss_cli_collect (argc - 1, argv + 1, &n_path_errors);
  v.corpus_problems = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_problem_free);
  v.last_sidecars = g_ptr_array_new_with_free_func (g_object_unref);

  if (v.json)
    {
      builder = json_builder_new ();
      v.builder = builder;
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "sidecars");
      json_builder_begin_array (builder);
    }

  /* Lines say problems only, so a sidecar with none need not be loaded;
   * the JSON report counts every sidecar's annotations. */
  gloss_cli_foreach_sidecar_full (corpus,
                                  v.json ? GLOSS_CORPUS_WALK_DEFAULT : GLOSS_CORPUS_WALK_SKIP_CLEAN,
                                  on_sidecar, &v);

  if (v.json)
    print_json (&v);
  else if (!v.quiet)
    print_summary (&v);

  g_ptr_array_unref (v.corpus_problems);
  g_clear_pointer (&sidecars_left_for_exit, g_ptr_array_unref);
  sidecars_left_for_exit = g_steal_pointer (&v.last_sidecars);

  if (n_path_errors > 0 || v.n_errors > 0 || (v.strict && v.n_warnings > 0))
    return GLOSS_CLI_EXIT_PROBLEMS;

  return GLOSS_CLI_EXIT_OK;
}
