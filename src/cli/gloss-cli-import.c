/* gloss-cli-import.c — `gloss-cli import --format F [--annotator ID] [--offsets U] [-o DIR] PATH…`
 *
 * Brings brat standoff, Gloss JSONL and doccano work into sidecars, or
 * with --as-suggestions into the annotator's suggestions files
 * (gloss-import-suggestions.h): another tool's predictions to review. As for
 * export, the summary is the command's output (stdout); each problem (a
 * line or span that could not be imported, a sidecar that already exists)
 * goes to stderr, one line each, and makes the exit status 1.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "gloss-cli.h"

static gboolean
parse_choices (const char      *format_name,
               const char      *annotator,
               const char      *offsets_name,
               GlossFormat     *format,
               GlossOffsetUnit *offsets)
{
  g_autoptr(GError) error = NULL;

  if (format_name == NULL)
    {
      gloss_cli_error (_("import: give the format with --format (brat, jsonl, doccano, label-studio or uima-json)"));
      return FALSE;
    }

  if (!gloss_format_from_string (format_name, format)
      || (*format != GLOSS_FORMAT_BRAT && *format != GLOSS_FORMAT_JSONL
          && *format != GLOSS_FORMAT_DOCCANO && *format != GLOSS_FORMAT_LABEL_STUDIO
          && *format != GLOSS_FORMAT_UIMA_JSON))
    {
      gloss_cli_error (_("import: “%s” is not a format Gloss imports; use brat, jsonl, doccano, label-studio or uima-json"),
                       format_name);
      return FALSE;
    }

  /* Each format's readers' own unit unless told otherwise: UTF-16 for
   * doccano, code points for brat and for Gloss's jsonl. */
  *offsets = gloss_format_get_default_offsets (*format);
  if (offsets_name != NULL && !gloss_offset_unit_from_string (offsets_name, offsets))
    {
      gloss_cli_error (_("import: “%s” is not an offset unit; use codepoints, utf16 or bytes"),
                       offsets_name);
      return FALSE;
    }
  if (!gloss_format_check_offsets (*format, *offsets, &error))
    {
      gloss_cli_error (_("import: %s"), error->message);
      return FALSE;
    }

  if (annotator != NULL && !gloss_annotator_id_is_valid (annotator))
    {
      gloss_cli_error (_("import: “%s” is not an annotator id (lowercase letters, digits, - and _)"),
                       annotator);
      return FALSE;
    }

  /* JSONL lines and Label Studio annotations name their annotator, as
   * Gloss exports them, and a CAS file's name does (DOCUMENT/USER.json);
   * brat and doccano files do not. */
  if (annotator == NULL && *format != GLOSS_FORMAT_JSONL && *format != GLOSS_FORMAT_LABEL_STUDIO
      && *format != GLOSS_FORMAT_UIMA_JSON)
    {
      gloss_cli_error (_("import: give the annotator whose sidecars to write with --annotator"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
import_path (GlossFormat          format,
             GFile               *input,
             GFile               *output,
             const char          *annotator,
             GlossOffsetUnit      offsets,
             GlossImportSummary  *summary,
             GError             **error)
{
  if (format == GLOSS_FORMAT_BRAT)
    return gloss_import_brat (input, output, annotator, offsets, summary, NULL, error);
  if (format == GLOSS_FORMAT_LABEL_STUDIO)
    return gloss_import_label_studio (input, output, annotator, offsets, summary, NULL, error);
  if (format == GLOSS_FORMAT_UIMA_JSON)
    return gloss_import_uima_json (input, output, annotator, offsets, summary, NULL, error);

  return gloss_import_jsonl (input, format, output, annotator, offsets, summary, NULL, error);
}

static char *
describe_suggestions (const GlossImportSummary           *summary,
                      const GlossImportSuggestionsCounts *counts)
{
  g_autofree char *articles = g_strdup_printf (ngettext ("%u article", "%u articles",
                                                         summary->articles),
                                               summary->articles);
  g_autofree char *suggested = g_strdup_printf (ngettext ("%u suggestion read", "%u suggestions read",
                                                          counts->suggested),
                                                counts->suggested);
  g_autofree char *added = g_strdup_printf (ngettext ("%u new", "%u new", counts->added),
                                            counts->added);
  g_autofree char *skipped = g_strdup_printf (ngettext ("%u skipped", "%u skipped", summary->skipped),
                                              summary->skipped);

  /* Translators: the parts are "3 articles", "12 suggestions read", "5 new", "0 skipped" */
  return g_strdup_printf (_("Imported as suggestions: %s, %s, %s, %s"),
                          articles, suggested, added, skipped);
}

int
gloss_cli_import (int    argc,
                  char **argv)
{
  g_autofree char *format_name = NULL;
  g_autofree char *annotator = NULL;
  g_autofree char *output_name = NULL;
  g_autofree char *offsets_name = NULL;
  gboolean as_suggestions = FALSE;
  GlossImportSuggestionsCounts counts = { 0 };
  g_autoptr(GFile) output = NULL;
  g_autofree char *line = NULL;
  GlossImportSummary summary;
  GlossFormat format;
  GlossOffsetUnit offsets;
  guint n_failed = 0;
  int status;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      N_("The format: brat, jsonl, doccano, label-studio or uima-json"), N_("FORMAT") },
    { "annotator", 'a', 0, G_OPTION_ARG_STRING, &annotator,
      N_("Whose sidecars to write (default: for jsonl each line’s “annotator”, for label-studio "
         "each annotation’s “completed_by”, for uima-json each file’s name)"), N_("ID") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output_name,
      N_("The folder for the articles and sidecars (default: the current folder)"), N_("DIR") },
    { "as-suggestions", 0, 0, G_OPTION_ARG_NONE, &as_suggestions,
      N_("Import the spans as suggestions to review (source “import”, with each span’s "
         "“score”), into ARTICLE.ANNOTATOR.suggestions.json; no sidecar is written"), NULL },
    { "offsets", 0, 0, G_OPTION_ARG_STRING, &offsets_name,
      N_("What the offsets count: codepoints, utf16 or bytes (default: utf16 for doccano and "
         "uima-json, codepoints for jsonl, brat and label-studio; brat takes codepoints or "
         "utf16, uima-json only utf16)"), N_("UNIT") },
    { NULL }
  };

  if (!gloss_cli_parse_options ("import", _("PATH…"),
                                _("Writes an article file and a sidecar for each article found in "
                                  "the given files: brat .ann files (their .txt beside them) or "
                                  "folders of them, JSON Lines files (Gloss’s jsonl or "
                                  "doccano’s), Label Studio task lists (JSON), or UIMA CAS "
                                  "JSON files or folders of them (INCEpTION’s, "
                                  "DOCUMENT/USER.json). An existing sidecar is "
                                  "never overwritten, and a "
                                  "span the offsets cannot place exactly is reported, not "
                                  "moved.\n"
                                  "Prints a summary line; problems go to stderr, one line each.\n"
                                  "Exit status: 0 on success, 1 if anything was not imported, "
                                  "2 on bad usage."),
                                entries, &argc, &argv))
    return GLOSS_CLI_EXIT_USAGE;

  if (!parse_choices (format_name, annotator, offsets_name, &format, &offsets))
    return GLOSS_CLI_EXIT_USAGE;

  /* Suggestions belong to one person's review: a file per annotator. */
  if (as_suggestions && annotator == NULL)
    {
      gloss_cli_error (_("import: give the annotator whose suggestions to write with --annotator"));
      return GLOSS_CLI_EXIT_USAGE;
    }

  if (argc < 2)
    {
      gloss_cli_error (_("import: give at least one file to import"));
      return GLOSS_CLI_EXIT_USAGE;
    }

  output = g_file_new_for_commandline_arg (output_name != NULL ? output_name : ".");
  gloss_import_summary_init (&summary);

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GFile) input = g_file_new_for_commandline_arg (argv[i]);
      g_autoptr(GError) error = NULL;

      /* A file that cannot be read stops that file, not the others. */
      if (as_suggestions
          ? !gloss_import_suggestions (format, input, output, annotator, offsets, &summary,
                                       &counts, NULL, &error)
          : !import_path (format, input, output, annotator, offsets, &summary, &error))
        {
          gloss_cli_error ("%s: %s", argv[i], error->message);
          n_failed++;
        }
    }

  for (guint i = 0; i < summary.problems->len; i++)
    gloss_cli_error ("%s", (const char *) g_ptr_array_index (summary.problems, i));

  if (as_suggestions)
    line = describe_suggestions (&summary, &counts);
  else
    line = gloss_import_summary_to_string (&summary);
  printf ("%s\n", line);

  /* A link not followed lost nothing: a warning, as in the other commands. */
  status = (n_failed > 0 || summary.problems->len > summary.warnings || summary.skipped > 0)
           ? GLOSS_CLI_EXIT_PROBLEMS : GLOSS_CLI_EXIT_OK;
  gloss_import_summary_clear (&summary);

  return status;
}
