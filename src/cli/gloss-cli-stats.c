/* gloss-cli-stats.c — `gloss-cli stats PATH…`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "gloss-cli.h"

/* Counts for one annotator, or for everyone. */
typedef struct
{
  guint       articles;
  guint       done;        /* sidecars marked done by their annotator */
  guint       annotations;
  guint       relations;
  guint       orphaned;
  GHashTable *per_label;   /* label → GUINT_TO_POINTER (count) */
  GlossAttributeCounts *attributes;  /* attributes of spans, fields of articles */
  guint       pending;     /* suggestions listed in the annotator's suggestions files */
  guint       rejected;    /* proposals rejected there */
} Tally;

typedef struct
{
  GHashTable *articles;      /* article path set */
  GHashTable *by_annotator;  /* id → Tally* */
  Tally       total;
  GHashTable *labels;        /* every label seen */
  guint       n_failed;
  gboolean    json;
  /* The name column's width in characters: 16, or more for a long
   * label, attribute or value name (measured first, nothing printed). */
  int         name_width;
  gboolean    measuring;
  /* Whether any sidecar has a suggestions file beside it: only then are
   * the suggestion rows printed, so a corpus without any gets the table
   * it always got. */
  gboolean    suggestions;
} Stats;

static void
tally_init (Tally *t)
{
  t->per_label = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  t->attributes = gloss_attribute_counts_new ();
}

static void
tally_free (Tally *t)
{
  g_hash_table_unref (t->per_label);
  gloss_attribute_counts_free (t->attributes);
  g_free (t);
}

static void
tally_add_label (Tally      *t,
                 const char *label)
{
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (t->per_label, label));

  g_hash_table_insert (t->per_label, g_strdup (label), GUINT_TO_POINTER (count + 1));
}

static Tally *
tally_for (Stats      *s,
           const char *annotator)
{
  Tally *t = g_hash_table_lookup (s->by_annotator, annotator);

  if (t == NULL)
    {
      t = g_new0 (Tally, 1);
      tally_init (t);
      g_hash_table_insert (s->by_annotator, g_strdup (annotator), t);
    }

  return t;
}

static void
count_model (Stats         *s,
             Tally         *t,
             GlossLabelSet *labels,
             GListModel    *model)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossAnnotation) annotation = g_list_model_get_item (model, i);
      const char *label = gloss_annotation_get_label (annotation);

      tally_add_label (t, label);
      tally_add_label (&s->total, label);
      g_hash_table_add (s->labels, g_strdup (label));
      gloss_attribute_counts_add_annotation (t->attributes, labels, annotation);
      gloss_attribute_counts_add_annotation (s->total.attributes, labels, annotation);
    }
}

/* The article's fields of one sidecar, and every attribute and field its
 * label set declares (listed even when no span carries them). */
static void
count_article_fields (Stats         *s,
                      Tally         *t,
                      GlossLabelSet *labels,
                      GlossSidecar  *sidecar)
{
  GVariant *fields = gloss_sidecar_peek_document_labels (sidecar);

  gloss_attribute_counts_add_label_set (t->attributes, labels);
  gloss_attribute_counts_add_label_set (s->total.attributes, labels);
  gloss_attribute_counts_add_document_labels (t->attributes, labels, fields);
  gloss_attribute_counts_add_document_labels (s->total.attributes, labels, fields);
}

/* The suggestions file of @sidecar's annotator, if there is one: what it
 * lists and what was rejected there. A file that cannot be used is
 * reported and not counted. */
static void
count_suggestions (Stats        *s,
                   Tally        *t,
                   GlossSidecar *sidecar)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossSuggestionFile) file = gloss_cli_load_suggestions (sidecar, &error);
  guint pending, rejected;

  if (file == NULL)
    return;

  s->suggestions = TRUE;
  if (error != NULL)
    {
      g_autofree char *display = gloss_cli_display_path (gloss_suggestion_file_get_file (file));

      gloss_cli_error (_("%s: %s (not counted)"), display, error->message);
      s->n_failed++;
      return;
    }

  pending = g_list_model_get_n_items (gloss_suggestion_file_get_suggestions (file));
  rejected = gloss_suggestion_file_get_rejected (file)->len;
  t->pending += pending;
  t->rejected += rejected;
  s->total.pending += pending;
  s->total.rejected += rejected;
}

static void
on_sidecar (GlossCorpusArticle *article,
            GlossSidecar       *sidecar,
            const GlossProblem *problem,
            gpointer            user_data)
{
  Stats *s = user_data;
  GlossAnnotationSet *set;
  GlossLabelSet *labels;
  GListModel *orphans;
  Tally *t;
  guint n_placed, n_orphans, n_relations;

  if (article == NULL)
    {
      g_autofree char *line = gloss_problem_to_string (problem);
      gloss_cli_error ("%s", line);
      s->n_failed++;
      return;
    }

  if (sidecar == NULL || gloss_sidecar_get_state (sidecar) == GLOSS_SIDECAR_STATE_FAILED)
    {
      const GlossProblem *first = gloss_cli_first_error (sidecar, problem);

      if (first != NULL)
        {
          g_autofree char *line = gloss_problem_to_string (first);
          gloss_cli_error (_("%s (not counted; run “gloss-cli validate” for all problems)"), line);
        }
      s->n_failed++;
      return;
    }

  set = gloss_sidecar_get_annotations (sidecar);
  orphans = gloss_annotation_set_get_orphans (set);
  n_placed = g_list_model_get_n_items (G_LIST_MODEL (set));
  n_orphans = g_list_model_get_n_items (orphans);
  n_relations = g_list_model_get_n_items (gloss_annotation_set_get_relations (set));

  g_hash_table_add (s->articles, g_file_get_path (gloss_corpus_article_get_file (article)));

  t = tally_for (s, gloss_sidecar_get_annotator_id (sidecar));
  t->articles++;
  t->done += gloss_sidecar_get_done (sidecar) ? 1 : 0;
  t->annotations += n_placed + n_orphans;
  t->relations += n_relations;
  t->orphaned += n_orphans;
  s->total.articles++;
  s->total.done += gloss_sidecar_get_done (sidecar) ? 1 : 0;
  s->total.annotations += n_placed + n_orphans;
  s->total.relations += n_relations;
  s->total.orphaned += n_orphans;

  labels = gloss_annotation_set_get_labels (set);
  count_model (s, t, labels, G_LIST_MODEL (set));
  count_model (s, t, labels, orphans);
  count_article_fields (s, t, labels, sidecar);
  count_suggestions (s, t, sidecar);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/* The keys of @table (borrowed), sorted: GLib 2.74 has no
 * g_hash_table_get_keys_as_ptr_array(). */
static GPtrArray *
sorted_keys (GHashTable *table)
{
  GPtrArray *keys = g_ptr_array_sized_new (g_hash_table_size (table));
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, key);
  g_ptr_array_sort (keys, compare_strings);

  return keys;
}

static guint
label_count (Tally      *t,
             const char *label)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (t->per_label, label));
}

static void
print_row (const char *name,
           GPtrArray  *annotators,
           Stats      *s,
           guint     (*value) (Tally *t, gpointer data),
           gpointer    data)
{
  int length = (int) g_utf8_strlen (name, -1);

  if (s->measuring)
    {
      s->name_width = MAX (s->name_width, length + 1);
      return;
    }

  /* Padded by characters, not bytes: "Zoë" is three columns. */
  printf ("%s%*s", name, MAX (s->name_width - length, 0), "");
  for (guint i = 0; i < annotators->len; i++)
    printf (" %10u", value (g_hash_table_lookup (s->by_annotator, g_ptr_array_index (annotators, i)), data));
  printf (" %10u\n", value (&s->total, data));
}

static guint value_articles (Tally *t, gpointer data) { return t->articles; }
static guint value_done (Tally *t, gpointer data) { return t->done; }
static guint value_annotations (Tally *t, gpointer data) { return t->annotations; }
static guint value_relations (Tally *t, gpointer data) { return t->relations; }
static guint value_orphaned (Tally *t, gpointer data) { return t->orphaned; }
static guint value_pending (Tally *t, gpointer data) { return t->pending; }
static guint value_rejected (Tally *t, gpointer data) { return t->rejected; }
static guint value_label (Tally *t, gpointer data) { return label_count (t, data); }

typedef struct
{
  GlossAttributeScope scope;
  const char         *id;
  const char         *value;
} AttributeRow;

static guint
value_attribute_set (Tally *t, gpointer data)
{
  AttributeRow *row = data;

  return gloss_attribute_counts_get_n_set (t->attributes, row->scope, row->id);
}

static guint
value_attribute_value (Tally *t, gpointer data)
{
  AttributeRow *row = data;

  return gloss_attribute_counts_get_n_value (t->attributes, row->scope, row->id, row->value);
}

static guint
value_attribute_missing (Tally *t, gpointer data)
{
  AttributeRow *row = data;

  return gloss_attribute_counts_get_n_missing (t->attributes, row->scope, row->id);
}

static guint
value_incomplete (Tally *t, gpointer data)
{
  AttributeRow *row = data;

  return gloss_attribute_counts_get_n_incomplete (t->attributes, row->scope);
}

/* A section of rows after the table of old: each attribute (or field)
 * and how many spans (or sidecars) carry it, under it each value and,
 * where it is required, how many lack it; then, if anything is
 * required, how many lack any. Only
 * when the corpus has attributes (or fields) at all, so that the table
 * of a corpus without them reads as it always did, line for line. */
static void
print_attributes (Stats               *s,
                  GPtrArray           *annotators,
                  GlossAttributeScope  scope,
                  const char          *title,
                  const char          *incomplete)
{
  g_auto(GStrv) ids = gloss_attribute_counts_dup_ids (s->total.attributes, scope);
  AttributeRow row = { scope, NULL, NULL };
  gboolean any_required = FALSE;

  if (ids[0] == NULL)
    return;

  if (!s->measuring)
    printf ("\n%s\n", title);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_auto(GStrv) values = gloss_attribute_counts_dup_values (s->total.attributes, scope, ids[i]);
      g_autofree char *name = g_strdup_printf ("  %s", ids[i]);

      row.id = ids[i];
      row.value = NULL;
      print_row (name, annotators, s, value_attribute_set, &row);
      for (guint j = 0; values[j] != NULL; j++)
        {
          g_autofree char *value_name = g_strdup_printf ("    %s", values[j]);

          row.value = values[j];
          print_row (value_name, annotators, s, value_attribute_value, &row);
        }
      if (gloss_attribute_counts_get_required (s->total.attributes, scope, ids[i]))
        {
          any_required = TRUE;
          /* Translators: a row of "gloss-cli stats", under an attribute
           * that is required: how many spans (or articles) lack it.
           * Keep it short (16 columns with the indent). */
          g_autofree char *missing_name = g_strdup_printf ("    %s", _("(not set)"));

          print_row (missing_name, annotators, s, value_attribute_missing, &row);
        }
    }
  if (any_required)
    {
      g_autofree char *incomplete_name = g_strdup_printf ("  %s", incomplete);

      print_row (incomplete_name, annotators, s, value_incomplete, &row);
    }
}

static void
print_rows (Stats     *s,
            GPtrArray *annotators,
            GPtrArray *labels)
{
  print_row (_("sidecars"), annotators, s, value_articles, NULL);
  /* Translators: a row of "gloss-cli stats": sidecars marked done */
  print_row (_("done"), annotators, s, value_done, NULL);
  print_row (_("annotations"), annotators, s, value_annotations, NULL);
  for (guint i = 0; i < labels->len; i++)
    {
      g_autofree char *name = g_strdup_printf ("  %s", (const char *) g_ptr_array_index (labels, i));
      print_row (name, annotators, s, value_label, g_ptr_array_index (labels, i));
    }
  print_row (_("relations"), annotators, s, value_relations, NULL);
  print_row (_("orphaned"), annotators, s, value_orphaned, NULL);

  print_attributes (s, annotators, GLOSS_ATTRIBUTE_SCOPE_SPANS,
                    /* Translators: a heading of "gloss-cli stats": the
                     * attributes of spans (verdict, form…) */
                    _("attributes"),
                    /* Translators: a row of "gloss-cli stats" under
                     * "attributes": spans that lack at least one required
                     * attribute. Keep it short (14 columns) */
                    _("(incomplete)"));
  print_attributes (s, annotators, GLOSS_ATTRIBUTE_SCOPE_ARTICLE,
                    /* Translators: a heading of "gloss-cli stats": the
                     * fields of a whole article (topic, stance…) */
                    _("article fields"),
                    /* Translators: a row of "gloss-cli stats" under
                     * "article fields": sidecars that lack at least one
                     * required field */
                    _("(incomplete)"));

  if (s->suggestions)
    {
      /* Translators: a row of "gloss-cli stats" under "suggestions":
       * suggestions not yet accepted or rejected. Keep it short */
      g_autofree char *pending = g_strdup_printf ("  %s", _("pending"));
      /* Translators: a row of "gloss-cli stats" under "suggestions":
       * proposals the annotator rejected */
      g_autofree char *rejected = g_strdup_printf ("  %s", _("rejected"));

      if (!s->measuring)
        /* Translators: a heading of "gloss-cli stats": the suggestions
         * files beside the sidecars */
        printf ("\n%s\n", _("suggestions"));
      print_row (pending, annotators, s, value_pending, NULL);
      print_row (rejected, annotators, s, value_rejected, NULL);
    }
}

static void
print_table (Stats *s)
{
  g_autoptr(GPtrArray) annotators = sorted_keys (s->by_annotator);
  g_autoptr(GPtrArray) labels = sorted_keys (s->labels);

  s->name_width = 16;
  s->measuring = TRUE;
  print_rows (s, annotators, labels);
  s->measuring = FALSE;

  printf (_("Articles: %u   Annotators: %u\n\n"),
          g_hash_table_size (s->articles), annotators->len);

  printf ("%*s", s->name_width, "");
  for (guint i = 0; i < annotators->len; i++)
    printf (" %10s", (const char *) g_ptr_array_index (annotators, i));
  printf (" %10s\n", _("total"));

  print_rows (s, annotators, labels);
}

/* "attributes": { "verdict": { "spans": 6, "values": { "true": 4, … },
 * "not_set": 2 }, … }, "incomplete_spans": 3 — the rows of the table,
 * every id and value of the whole corpus (@total) in each tally. */
static void
add_attributes_json (JsonBuilder         *b,
                     Tally               *t,
                     Tally               *total,
                     GlossAttributeScope  scope,
                     const char          *member,
                     const char          *count_name,
                     const char          *incomplete_name)
{
  g_auto(GStrv) ids = gloss_attribute_counts_dup_ids (total->attributes, scope);

  json_builder_set_member_name (b, member);
  json_builder_begin_object (b);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_auto(GStrv) values = gloss_attribute_counts_dup_values (total->attributes, scope, ids[i]);

      json_builder_set_member_name (b, ids[i]);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, count_name);
      json_builder_add_int_value (b, gloss_attribute_counts_get_n_set (t->attributes, scope, ids[i]));
      json_builder_set_member_name (b, "values");
      json_builder_begin_object (b);
      for (guint j = 0; values[j] != NULL; j++)
        {
          json_builder_set_member_name (b, values[j]);
          json_builder_add_int_value (b, gloss_attribute_counts_get_n_value (t->attributes, scope,
                                                                            ids[i], values[j]));
        }
      json_builder_end_object (b);
      json_builder_set_member_name (b, "not_set");
      json_builder_add_int_value (b, gloss_attribute_counts_get_n_missing (t->attributes, scope, ids[i]));
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, incomplete_name);
  json_builder_add_int_value (b, gloss_attribute_counts_get_n_incomplete (t->attributes, scope));
}

static void
add_tally_json (JsonBuilder *b,
                Tally       *t,
                Tally       *total,
                GPtrArray   *labels,
                gboolean     suggestions)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "sidecars");
  json_builder_add_int_value (b, t->articles);
  json_builder_set_member_name (b, "done");
  json_builder_add_int_value (b, t->done);
  json_builder_set_member_name (b, "annotations");
  json_builder_add_int_value (b, t->annotations);
  json_builder_set_member_name (b, "labels");
  json_builder_begin_object (b);
  for (guint i = 0; i < labels->len; i++)
    {
      const char *label = g_ptr_array_index (labels, i);
      json_builder_set_member_name (b, label);
      json_builder_add_int_value (b, label_count (t, label));
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "relations");
  json_builder_add_int_value (b, t->relations);
  json_builder_set_member_name (b, "orphaned");
  json_builder_add_int_value (b, t->orphaned);
  add_attributes_json (b, t, total, GLOSS_ATTRIBUTE_SCOPE_SPANS,
                       "attributes", "spans", "incomplete_spans");
  add_attributes_json (b, t, total, GLOSS_ATTRIBUTE_SCOPE_ARTICLE,
                       "document_labels", "sidecars", "incomplete_sidecars");
  if (suggestions)
    {
      json_builder_set_member_name (b, "suggestions");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "pending");
      json_builder_add_int_value (b, t->pending);
      json_builder_set_member_name (b, "rejected");
      json_builder_add_int_value (b, t->rejected);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
}

static void
print_json (Stats *s)
{
  g_autoptr(GPtrArray) annotators = sorted_keys (s->by_annotator);
  g_autoptr(GPtrArray) labels = sorted_keys (s->labels);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;


  json_builder_begin_object (b);
  json_builder_set_member_name (b, "articles");
  json_builder_add_int_value (b, g_hash_table_size (s->articles));
  json_builder_set_member_name (b, "failed");
  json_builder_add_int_value (b, s->n_failed);
  json_builder_set_member_name (b, "annotators");
  json_builder_begin_object (b);
  for (guint i = 0; i < annotators->len; i++)
    {
      const char *id = g_ptr_array_index (annotators, i);
      json_builder_set_member_name (b, id);
      add_tally_json (b, g_hash_table_lookup (s->by_annotator, id), &s->total, labels,
                      s->suggestions);
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "total");
  add_tally_json (b, &s->total, &s->total, labels, s->suggestions);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  text = gloss_json_to_string (root);
  fputs (text, stdout);
}

int
gloss_cli_stats (int    argc,
                 char **argv)
{
  g_autoptr(GlossCorpus) corpus = NULL;
  Stats s = { 0 };
  guint n_path_errors = 0;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &s.json, N_("Print JSON instead of a table"), NULL },
    { NULL }
  };

  if (!gloss_cli_parse_options ("stats", _("PATH…"),
                                _("Counts articles, annotators, sidecars marked done, "
                                  "annotations per label, relations and orphaned "
                                  "annotations, and the values of attributes and "
                                  "article fields, in the given files and folders "
                                  "(recursively)."),
                                entries, &argc, &argv))
    return GLOSS_CLI_EXIT_USAGE;

  if (argc < 2)
    {
      gloss_cli_error (_("stats: give at least one file or folder"));
      return GLOSS_CLI_EXIT_USAGE;
    }

  s.articles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  s.by_annotator = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) tally_free);
  s.labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  tally_init (&s.total);

  corpus = gloss_cli_collect (argc - 1, argv + 1, &n_path_errors);
  gloss_cli_foreach_sidecar (corpus, on_sidecar, &s);

  if (s.json)
    print_json (&s);
  else
    print_table (&s);

  g_hash_table_unref (s.articles);
  g_hash_table_unref (s.by_annotator);
  g_hash_table_unref (s.labels);
  g_hash_table_unref (s.total.per_label);
  gloss_attribute_counts_free (s.total.attributes);

  return (n_path_errors > 0 || s.n_failed > 0) ? GLOSS_CLI_EXIT_PROBLEMS : GLOSS_CLI_EXIT_OK;
}
