/* gloss-cli-reanchor.c — `gloss-cli reanchor PATH…`
 *
 * Loading a sidecar whose article changed already re-anchors it in memory
 * (docs/anchoring.md); this command does that for a whole corpus and
 * writes the results back, so that the files carry the new offsets and the
 * article's new hash. A sidecar that fails to load, or has a newer format
 * version, is reported and never written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "gloss-cli.h"

typedef struct
{
  gboolean           dry_run;
  gboolean           json;
  guint              n_sidecars;
  guint              n_reanchored;
  guint              n_problems;
  GlossAnchorReport  total;
  JsonBuilder       *builder;
} Reanchor;

static void
report_failure (Reanchor           *r,
                const GlossProblem *problem,
                GlossSidecar       *sidecar)
{
  const GlossProblem *first = gloss_cli_first_error (sidecar, problem);

  if (first != NULL)
    {
      g_autofree char *line = gloss_problem_to_string (first);

      gloss_cli_error (_("%s (not re-anchored; run “gloss-cli validate” for all problems)"), line);
    }
  r->n_problems++;
}

static void
add_json (Reanchor                *r,
          const char              *path,
          const GlossAnchorReport *report,
          gboolean                 saved)
{
  json_builder_begin_object (r->builder);
  json_builder_set_member_name (r->builder, "sidecar");
  json_builder_add_string_value (r->builder, path);
  json_builder_set_member_name (r->builder, "kept");
  json_builder_add_int_value (r->builder, report->kept);
  json_builder_set_member_name (r->builder, "moved");
  json_builder_add_int_value (r->builder, report->moved);
  json_builder_set_member_name (r->builder, "repaired");
  json_builder_add_int_value (r->builder, report->repaired);
  json_builder_set_member_name (r->builder, "orphaned");
  json_builder_add_int_value (r->builder, report->orphaned);
  json_builder_set_member_name (r->builder, "saved");
  json_builder_add_boolean_value (r->builder, saved);
  json_builder_end_object (r->builder);
}

static void
on_sidecar (GlossCorpusArticle *article,
            GlossSidecar       *sidecar,
            const GlossProblem *problem,
            gpointer            user_data)
{
  Reanchor *r = user_data;
  const GlossAnchorReport *report;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  gboolean saved = FALSE;

  if (article == NULL || sidecar == NULL
      || gloss_sidecar_get_state (sidecar) == GLOSS_SIDECAR_STATE_FAILED)
    {
      report_failure (r, problem, sidecar);
      return;
    }

  r->n_sidecars++;
  path = gloss_cli_display_path (gloss_sidecar_get_file (sidecar));

  if (gloss_sidecar_get_state (sidecar) == GLOSS_SIDECAR_STATE_NEWER)
    {
      gloss_cli_error (_("%s: written by a newer version of Gloss; left as it is"), path);
      r->n_problems++;
      return;
    }

  if (!gloss_sidecar_was_reanchored (sidecar))
    return;

  report = gloss_sidecar_get_anchor_report (sidecar);
  r->n_reanchored++;
  r->total.kept += report->kept;
  r->total.moved += report->moved;
  r->total.repaired += report->repaired;
  r->total.orphaned += report->orphaned;

  if (!r->dry_run)
    {
      saved = gloss_sidecar_save (sidecar, NULL, &error);
      if (!saved)
        {
          gloss_cli_error (_("%s: %s"), path, error->message);
          r->n_problems++;
        }
    }

  if (r->json)
    add_json (r, path, report, saved);
  else
    printf (_("%s: %u kept, %u moved, %u repaired, %u orphaned%s\n"),
            path, report->kept, report->moved, report->repaired, report->orphaned,
            r->dry_run ? _(" (not saved: --dry-run)") : "");
}

int
gloss_cli_reanchor (int    argc,
                    char **argv)
{
  g_autoptr(GlossCorpus) corpus = NULL;
  Reanchor r = { 0 };
  GOptionEntry entries[] = {
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &r.dry_run, N_("Say what would change, write nothing"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &r.json, N_("Print JSON instead of lines"), NULL },
    { NULL }
  };

  if (!gloss_cli_parse_options ("reanchor", _("PATH…"),
                                _("Places the annotations of sidecars whose article changed "
                                  "again, and saves them with the new offsets and the "
                                  "article's new hash. Spans that cannot be placed are kept, "
                                  "marked orphaned. Sidecars that fail to load are never written."),
                                entries, &argc, &argv))
    return GLOSS_CLI_EXIT_USAGE;

  if (argc < 2)
    {
      gloss_cli_error (_("reanchor: give at least one file or folder"));
      return GLOSS_CLI_EXIT_USAGE;
    }

  if (r.json)
    {
      r.builder = json_builder_new ();
      json_builder_begin_object (r.builder);
      json_builder_set_member_name (r.builder, "reanchored");
      json_builder_begin_array (r.builder);
    }

  corpus = gloss_cli_collect (argc - 1, argv + 1, &r.n_problems);
  gloss_cli_foreach_sidecar (corpus, on_sidecar, &r);

  if (r.json)
    {
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_end_array (r.builder);
      json_builder_set_member_name (r.builder, "checked");
      json_builder_add_int_value (r.builder, r.n_sidecars);
      json_builder_set_member_name (r.builder, "problems");
      json_builder_add_int_value (r.builder, r.n_problems);
      json_builder_set_member_name (r.builder, "dry_run");
      json_builder_add_boolean_value (r.builder, r.dry_run);
      json_builder_end_object (r.builder);
      root = json_builder_get_root (r.builder);
      text = gloss_json_to_string (root);
      fputs (text, stdout);
      g_clear_object (&r.builder);
    }
  else
    printf (ngettext ("%u sidecar checked, %u re-anchored (%u moved, %u repaired, %u orphaned)\n",
                      "%u sidecars checked, %u re-anchored (%u moved, %u repaired, %u orphaned)\n",
                      r.n_sidecars),
            r.n_sidecars, r.n_reanchored, r.total.moved, r.total.repaired, r.total.orphaned);

  return r.n_problems > 0 ? GLOSS_CLI_EXIT_PROBLEMS : GLOSS_CLI_EXIT_OK;
}
