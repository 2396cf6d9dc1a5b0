/* gloss-cli-export.c — `gloss-cli export --format F -o OUT PATH…`
 *
 * The summary of what was exported is the command's output (stdout); the
 * problems met on the way, the progress line and the command's own errors
 * go to stderr, one line each.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "gloss-cli.h"

/* Progress only when an export takes long enough to wonder about, and not
 * more often than the eye can follow. */
#define PROGRESS_DELAY_US     (300 * G_TIME_SPAN_MILLISECOND)
#define PROGRESS_INTERVAL_US  (100 * G_TIME_SPAN_MILLISECOND)

typedef struct
{
  gint64 started;
  gint64 last_shown;
  int    width;       /* of the line on screen, to clear it at the end */
} Progress;

static void
on_progress (guint    done,
             guint    total,
             gpointer user_data)
{
  Progress *progress = user_data;
  gint64 now = g_get_monotonic_time ();
  g_autofree char *line = NULL;

  if (now - progress->started < PROGRESS_DELAY_US
      || (now - progress->last_shown < PROGRESS_INTERVAL_US && done < total))
    return;

  progress->last_shown = now;
  /* Translators: export progress, "3/10 articles" */
  line = g_strdup_printf (ngettext ("%u/%u article", "%u/%u articles", total), done, total);
  progress->width = MAX (progress->width, (int) g_utf8_strlen (line, -1));
  fprintf (stderr, "\r%s", line);
  fflush (stderr);
}

static void
progress_clear (Progress *progress)
{
  if (progress->width > 0)
    fprintf (stderr, "\r%*s\r", progress->width, "");
}

/* "a,b" "c" → { "a", "b", "c" }; NULL if no label is left. */
static char **
split_labels (char **args)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; args != NULL && args[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (args[i], ",", -1);

      for (guint j = 0; parts[j] != NULL; j++)
        {
          char *label = g_strstrip (parts[j]);

          if (label[0] != '\0' && !g_ptr_array_find_with_equal_func (labels, label, g_str_equal, NULL))
            g_ptr_array_add (labels, g_strdup (label));
        }
    }

  if (labels->len == 0)
    return NULL;

  g_ptr_array_add (labels, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&labels), FALSE);
}

/* The folder article ids are relative to: the folder given, the folder of
 * a file given, or the nearest folder holding all of several paths. */
static GFile *
find_root (int    argc,
           char **argv)
{
  g_autoptr(GFile) root = NULL;

  for (int i = 0; i < argc; i++)
    {
      g_autoptr(GFile) path = g_file_new_for_commandline_arg (argv[i]);
      g_autoptr(GFile) folder = NULL;

      if (g_file_query_file_type (path, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
        folder = g_object_ref (path);
      else
        folder = g_file_get_parent (path);

      if (folder == NULL)
        continue;

      if (root == NULL)
        {
          root = g_steal_pointer (&folder);
          continue;
        }

      while (!g_file_equal (root, folder) && !g_file_has_prefix (folder, root))
        {
          GFile *parent = g_file_get_parent (root);

          if (parent == NULL)
            break;
          g_object_unref (root);
          root = parent;
        }
    }

  return g_steal_pointer (&root);
}

static gboolean
parse_choices (const char          *format_name,
               const char          *offsets_name,
               char               **annotators,
               const char          *output_name,
               GlossExportOptions  *options)
{
  if (format_name == NULL)
    {
      gloss_cli_error (_("export: give the format with --format (jsonl, doccano, conll, brat, w3c, csv, hf, label-studio, uima-json or webanno-tsv)"));
      return FALSE;
    }

  if (!gloss_format_from_string (format_name, &options->format))
    {
      gloss_cli_error (_("export: “%s” is not a format; use jsonl, doccano, conll, brat, w3c, csv, hf, label-studio, uima-json or webanno-tsv"),
                       format_name);
      return FALSE;
    }

  if (options->label_studio_predictions && options->format != GLOSS_FORMAT_LABEL_STUDIO)
    {
      gloss_cli_error (_("export: --predictions applies to label-studio only"));
      return FALSE;
    }

  if (options->doccano_relations && options->format != GLOSS_FORMAT_DOCCANO)
    {
      gloss_cli_error (_("export: --doccano-relations applies to doccano only"));
      return FALSE;
    }

  /* The unit the format's readers count unless told otherwise: UTF-16 for
   * doccano, code points for the others. */
  options->offsets = gloss_format_get_default_offsets (options->format);
  if (offsets_name != NULL && !gloss_offset_unit_from_string (offsets_name, &options->offsets))
    {
      gloss_cli_error (_("export: “%s” is not an offset unit; use codepoints, utf16 or bytes"),
                       offsets_name);
      return FALSE;
    }

  {
    g_autoptr(GError) error = NULL;

    if (!gloss_format_check_offsets (options->format, options->offsets, &error))
      {
        gloss_cli_error (_("export: %s"), error->message);
        return FALSE;
      }
  }

  for (guint i = 0; annotators != NULL && annotators[i] != NULL; i++)
    {
      if (!gloss_annotator_id_is_valid (annotators[i]))
        {
          gloss_cli_error (_("export: “%s” is not an annotator id (lowercase letters, digits, - and _)"),
                           annotators[i]);
          return FALSE;
        }
    }

  if (output_name == NULL)
    {
      gloss_cli_error (gloss_format_writes_folder (options->format)
                       ? _("export: give the folder to write with -o")
                       : _("export: give the file to write with -o"));
      return FALSE;
    }

  return TRUE;
}

/* --conll-variant, --tag-column and --conll-attributes: CoNLL only. */
static gboolean
parse_conll_choices (const char         *variant_name,
                     const char         *tags_name,
                     GlossExportOptions *options)
{
  g_autoptr(GError) error = NULL;

  if (variant_name != NULL && options->format != GLOSS_FORMAT_CONLL)
    {
      gloss_cli_error (_("export: --conll-variant applies to conll only"));
      return FALSE;
    }

  /* hf writes CoNLL's tags, one column of them. */
  if (tags_name != NULL && options->format != GLOSS_FORMAT_CONLL
      && options->format != GLOSS_FORMAT_HF)
    {
      gloss_cli_error (_("export: --tag-column applies to conll and hf only"));
      return FALSE;
    }

  if (variant_name != NULL
      && !gloss_conll_variant_from_string (variant_name, &options->conll_variant))
    {
      gloss_cli_error (_("export: “%s” is not a CoNLL variant; use full, nltk or spacy-ner"),
                       variant_name);
      return FALSE;
    }

  if (tags_name != NULL && !gloss_conll_tags_from_string (tags_name, &options->conll_tags))
    {
      gloss_cli_error (_("export: “%s” is not a tag column; use entity, quote, claim or all"),
                       tags_name);
      return FALSE;
    }

  if (options->format == GLOSS_FORMAT_HF && options->conll_tags == GLOSS_CONLL_TAGS_ALL)
    {
      gloss_cli_error (_("export: hf holds one tag column: entity, quote or claim, not all"));
      return FALSE;
    }

  if (!gloss_conll_check_tags (options->conll_variant, options->conll_tags, &error))
    {
      gloss_cli_error (_("export: %s"), error->message);
      return FALSE;
    }

  if (options->hf_tag_ids && options->format != GLOSS_FORMAT_HF)
    {
      gloss_cli_error (_("export: --hf-tag-ids applies to hf only"));
      return FALSE;
    }

  if (options->conll_attributes && options->format != GLOSS_FORMAT_CONLL)
    {
      gloss_cli_error (_("export: --conll-attributes applies to conll only"));
      return FALSE;
    }

  /* The writer refuses it too; said here, it is a usage error. */
  if (options->conll_attributes && options->conll_variant == GLOSS_CONLL_VARIANT_SPACY_NER)
    {
      gloss_cli_error (_("export: %s"),
                       _("The spacy-ner variant holds one tag column and no attribute column"));
      return FALSE;
    }

  return TRUE;
}

static void
print_problems (const GlossExportSummary *summary)
{
  for (guint i = 0; i < summary->problems->len; i++)
    gloss_cli_error ("%s", (const char *) g_ptr_array_index (summary->problems, i));
}

/* After --force: which files that were there are now the export's. */
static void
print_replaced (const GlossExportSummary *summary)
{
  const GlossExportExisting *existing = summary->existing;
  g_autofree char *where = NULL;
  g_autofree char *names = NULL;
  guint n;

  if (existing == NULL || existing->replaced->len == 0)
    return;

  n = existing->replaced->len;
  where = g_file_get_parse_name (existing->output);
  if (!existing->folder)
    {
      gloss_cli_error (_("export: %s: replaced"), where);
      return;
    }

  names = gloss_export_join_names (existing->replaced, 10);
  gloss_cli_error (g_dngettext (GETTEXT_PACKAGE,
                                "export: %s: replaced %u existing file (%s); nothing else there was touched",
                                "export: %s: replaced %u existing files (%s); nothing else there was touched",
                                n),
                   where, n, names);
}

/* The error line; a refusal to write over an existing output says how to
 * go ahead anyway. */
static void
print_failure (const GlossExportSummary *summary,
               const GError             *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS) && summary->existing != NULL)
    gloss_cli_error (summary->existing->folder
                     ? _("export: %s; nothing written (use --force to write into it: only the files named are replaced, nothing is deleted)")
                     : _("export: %s; nothing written (use --force to replace it)"),
                     error->message);
  else
    gloss_cli_error (_("export: %s; nothing written"), error->message);
}

int
gloss_cli_export (int    argc,
                  char **argv)
{
  g_autofree char *format_name = NULL;
  g_autofree char *offsets_name = NULL;
  g_autofree char *output_name = NULL;
  g_autofree char *conll_variant_name = NULL;
  g_autofree char *tag_column_name = NULL;
  g_auto(GStrv) annotators = NULL;
  g_auto(GStrv) label_args = NULL;
  g_auto(GStrv) labels = NULL;
  g_autoptr(GlossCorpus) corpus = NULL;
  g_autoptr(GFile) root = NULL;
  g_autoptr(GFile) output = NULL;
  g_autoptr(GFile) info_file = NULL;
  g_autoptr(GFile) config_file = NULL;
  g_autoptr(GError) error = NULL;
  GlossExportOptions options = { 0 };
  GlossExportSummary summary;
  Progress progress = { 0 };
  guint n_path_errors = 0;
  gboolean show_progress;
  gboolean force = FALSE;
  gboolean ok;
  int status;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      N_("The format: jsonl, doccano, conll, brat, w3c, csv, hf, label-studio, uima-json or webanno-tsv"), N_("FORMAT") },
    { "conll-variant", 0, 0, G_OPTION_ARG_STRING, &conll_variant_name,
      N_("conll: full (default: comments, offsets), nltk (for nltk’s ConllCorpusReader) "
         "or spacy-ner (for “spacy convert --converter ner”)"), N_("VARIANT") },
    { "tag-column", 0, 0, G_OPTION_ARG_STRING, &tag_column_name,
      N_("conll and hf: the tag column to write: entity, quote, claim or all (conll only) "
         "(default: all for full, entity for nltk, spacy-ner and hf)"), N_("COLUMN") },
    { "conll-attributes", 0, 0, G_OPTION_ARG_NONE, &options.conll_attributes,
      N_("conll: one more tag column per choice attribute of the label set (full and nltk)"), NULL },
    { "hf-tag-ids", 0, 0, G_OPTION_ARG_NONE, &options.hf_tag_ids,
      N_("hf: integer tags, and the label list written beside the file as NAME.dataset_info.json"), NULL },
    { "predictions", 0, 0, G_OPTION_ARG_NONE, &options.label_studio_predictions,
      N_("label-studio: the annotators’ pending suggestions as each task’s predictions"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output_name,
      N_("The file to write (a folder for brat, uima-json and webanno-tsv); an existing file or a "
         "folder that is not empty is refused"), N_("OUT") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force,
      N_("Write over an existing output: replace the file, or in a folder only the files of the names this export writes (nothing is deleted)"), NULL },
    { "annotator", 'a', 0, G_OPTION_ARG_STRING_ARRAY, &annotators,
      N_("Export only this annotator’s sidecars (repeat for more; default: everyone)"), N_("ID") },
    { "labels", 'l', 0, G_OPTION_ARG_STRING_ARRAY, &label_args,
      N_("Export only spans with these labels, comma-separated (default: all)"), N_("L1,L2") },
    { "offsets", 0, 0, G_OPTION_ARG_STRING, &offsets_name,
      N_("Offsets in codepoints, utf16 or bytes (default: utf16 for doccano, uima-json and "
         "webanno-tsv, codepoints for the others; conll and hf only codepoints, brat codepoints "
         "or utf16, uima-json and webanno-tsv only utf16)"), N_("UNIT") },
    { "doccano-relations", 0, 0, G_OPTION_ARG_NONE, &options.doccano_relations,
      N_("doccano: write entities with ids and relations, for a project with relation labeling"), NULL },
    { NULL }
  };

  if (!gloss_cli_parse_options ("export", _("PATH…"),
                                _("Writes the annotations found in the given files and folders "
                                  "(recursively) as a dataset: one record per article and "
                                  "annotator.\n"
                                  "Prints a summary line, including what the format could not "
                                  "hold; problems go to stderr, one line each.\n"
                                  "Exit status: 0 on success, 1 if anything could not be read "
                                  "or written, 2 on bad usage."),
                                entries, &argc, &argv))
    return GLOSS_CLI_EXIT_USAGE;

  if (!parse_choices (format_name, offsets_name, annotators, output_name, &options)
      || !parse_conll_choices (conll_variant_name, tag_column_name, &options))
    return GLOSS_CLI_EXIT_USAGE;

  if (label_args != NULL)
    {
      labels = split_labels (label_args);
      if (labels == NULL)
        {
          gloss_cli_error (_("export: --labels names no label"));
          return GLOSS_CLI_EXIT_USAGE;
        }
    }

  if (argc < 2)
    {
      gloss_cli_error (_("export: give at least one file or folder"));
      return GLOSS_CLI_EXIT_USAGE;
    }

  /* An incomplete corpus would replace a complete dataset: stop here. */
  corpus = gloss_cli_collect (argc - 1, argv + 1, &n_path_errors);
  if (n_path_errors > 0)
    {
      gloss_cli_error (_("export: nothing written"));
      return GLOSS_CLI_EXIT_PROBLEMS;
    }

  options.annotators = annotators;
  options.labels = labels;
  options.force = force;
  root = find_root (argc - 1, argv + 1);
  output = g_file_new_for_commandline_arg (output_name);
  if (options.hf_tag_ids)
    info_file = options.hf_dataset_info = gloss_hf_dataset_info_file (output);
  if (options.format == GLOSS_FORMAT_LABEL_STUDIO)
    config_file = options.label_studio_config = gloss_label_studio_config_file (output);

  show_progress = isatty (STDERR_FILENO);
  progress.started = g_get_monotonic_time ();

  gloss_export_summary_init (&summary);
  ok = gloss_export_corpus (corpus, root, &options, output,
                            show_progress ? on_progress : NULL, &progress,
                            &summary, NULL, &error);
  progress_clear (&progress);

  print_problems (&summary);

  if (ok)
    {
      g_autofree char *line = gloss_export_summary_to_string (&summary);

      print_replaced (&summary);
      printf ("%s\n", line);
      if (config_file != NULL)
        {
          g_autofree char *where = g_file_get_parse_name (config_file);

          /* Translators: where the Label Studio labelling config went */
          printf (_("Labelling config: %s"), where);
          printf ("\n");
        }
    }
  else
    print_failure (&summary, error);

  /* What a format cannot hold (a token cut, an overlap) is reported but is
   * not a failure; a file that could not be read, or an annotator nowhere
   * to be found, is. */
  status = (!ok || summary.failed > 0) ? GLOSS_CLI_EXIT_PROBLEMS : GLOSS_CLI_EXIT_OK;
  gloss_export_summary_clear (&summary);

  return status;
}
