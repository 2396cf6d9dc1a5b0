/* gloss-format-hf.c — Hugging Face token classification export
 *
 * JSON Lines, one object per sentence, for `datasets`'s json loader
 * (load_dataset("json", data_files=…)):
 *
 *   {"id": "news/a.txt#ana#0", "tokens": ["Ruiz", "said", …],
 *    "ner_tags": ["B-person", "O", …]}
 *
 * The tokens, sentences and tags are CoNLL's, the very same: a CoNLL
 * writer of the spacy-ner layout (one tag column, no sentence break inside
 * a span of it, so every sentence is valid IOB2 on its own) does the
 * tokenizing, tagging and the reports of what it could not tag
 * (gloss_conll_writer_tag_record()); this writer only prints its tokens
 * and tags as JSON. Every line has the same three keys, in the same order
 * and of the same types — `datasets` infers one Arrow schema from all
 * lines and fails on mixed types (docs/hf.md).
 *
 * With integer tags (GlossExportOptions.hf_tag_ids), a tag is its index
 * in a list of names written at the end to a dataset_info-style file:
 * "O", then "B-X", "I-X" for each label X of the tag column's kind, in
 * the order of the label set of the first record that has it (the labels
 * --labels keeps), then of labels the set does not know, as met. An id,
 * once given, never changes, so lines written before a new label is met
 * stay right.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gloss-error.h"
#include "gloss-file.h"
#include "gloss-format-writer.h"
#include "gloss-json-writer.h"
#include "gloss-tokens.h"

/* The output is handed to the stream in pieces of about this size. */
#define FLUSH_SIZE (64 * 1024)

struct _GlossHfWriter
{
  GlossFormatWriter parent_instance;

  /* The CoNLL writer that cuts and tags, with options of its own: those
   * of the export, laid out as spacy-ner. It writes nothing itself. */
  GlossExportOptions conll_options;
  GlossConllWriter  *conll;

  GString *buffer;
  GString *tag;      /* "B-label", made again for each tag written */

  /* Integer tags: the names, and for each label (as CoNLL writes it) the
   * id of its B- name (its I- name is the next). */
  gboolean    tag_ids;
  GlossLabelKind kind;
  GPtrArray  *names;
  GHashTable *label_ids;   /* char* → GUINT_TO_POINTER (id) */
  GHashTable *label_sets;  /* GlossLabelSet* seen, reffed (an address is not reused) */
};

G_DEFINE_FINAL_TYPE (GlossHfWriter, gloss_hf_writer, GLOSS_TYPE_FORMAT_WRITER)

static gboolean
flush (GlossHfWriter  *self,
       GError        **error)
{
  gboolean ok = TRUE;

  if (self->buffer->len > 0)
    ok = gloss_format_writer_write (GLOSS_FORMAT_WRITER (self), self->buffer->str,
                                    self->buffer->len, error);
  g_string_truncate (self->buffer, 0);

  return ok;
}

/* Integer tags */

static guint
register_label (GlossHfWriter *self,
                const char    *label,
                gsize          length)
{
  g_autofree char *key = g_strndup (label, length);
  gpointer id;

  if (g_hash_table_lookup_extended (self->label_ids, key, NULL, &id))
    return GPOINTER_TO_UINT (id);

  id = GUINT_TO_POINTER (self->names->len);
  g_ptr_array_add (self->names, g_strconcat ("B-", key, NULL));
  g_ptr_array_add (self->names, g_strconcat ("I-", key, NULL));
  g_hash_table_insert (self->label_ids, g_steal_pointer (&key), id);

  return GPOINTER_TO_UINT (id);
}

/* The labels of the column's kind in @labels, in its order, the first
 * time this label set is met. */
static void
register_label_set (GlossHfWriter *self,
                    GlossLabelSet *labels)
{
  const GlossExportOptions *options = gloss_format_writer_get_options (GLOSS_FORMAT_WRITER (self));
  guint n;

  if (labels == NULL || g_hash_table_contains (self->label_sets, labels))
    return;
  g_hash_table_add (self->label_sets, g_object_ref (labels));

  n = g_list_model_get_n_items (G_LIST_MODEL (labels));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossLabel) label = g_list_model_get_item (G_LIST_MODEL (labels), i);
      const char *id = gloss_label_get_id (label);

      if (gloss_label_get_kind (label) == self->kind
          && gloss_export_options_wants_label (options, id))
        register_label (self, id, strlen (id));
    }
}

/* The dataset_info-style file: the features as `datasets` writes them in
 * a dataset_info.json (Features.to_dict()), for Features.from_dict(). */
static char *
dup_dataset_info (GlossHfWriter *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder,
                                 "Gloss export: token classification, one example per sentence; "
                                 "ner_tags are indices into features.ner_tags.feature.names.");
  json_builder_set_member_name (builder, "features");
  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "id");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "dtype");
  json_builder_add_string_value (builder, "string");
  json_builder_set_member_name (builder, "_type");
  json_builder_add_string_value (builder, "Value");
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "tokens");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "feature");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "dtype");
  json_builder_add_string_value (builder, "string");
  json_builder_set_member_name (builder, "_type");
  json_builder_add_string_value (builder, "Value");
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "_type");
  json_builder_add_string_value (builder, "Sequence");
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "ner_tags");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "feature");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "names");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->names->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (self->names, i));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "_type");
  json_builder_add_string_value (builder, "ClassLabel");
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "_type");
  json_builder_add_string_value (builder, "Sequence");
  json_builder_end_object (builder);

  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return gloss_json_to_string (root);
}

/* One sentence, tokens [@first, @end): the id is the article's path, the
 * annotator and the sentence's index in the record, parted by "#" (an
 * annotator id holds none, so the last two parts are always found from
 * the right). */
static void
put_sentence (GlossHfWriter           *self,
              const GlossExportRecord *record,
              const char              *text,
              GArray                  *tokens,
              guint                    first,
              guint                    end,
              guint                    index)
{
  GString *out = self->buffer;
  g_autofree char *id = g_strdup_printf ("%s#%s#%u", record->article_id,
                                         record->annotator, index);

  g_string_append (out, "{\"id\":");
  gloss_json_append_any_string (out, id, TRUE);

  g_string_append (out, ",\"tokens\":[");
  for (guint t = first; t < end; t++)
    {
      const GlossToken *token = &g_array_index (tokens, GlossToken, t);

      if (t > first)
        g_string_append_c (out, ',');
      gloss_json_append_string (out, text + token->byte_start, token->byte_length, TRUE);
    }

  g_string_append (out, "],\"ner_tags\":[");
  for (guint t = first; t < end; t++)
    {
      char prefix;
      const char *label;
      gsize length;

      if (t > first)
        g_string_append_c (out, ',');
      if (!gloss_conll_writer_get_tag (self->conll, t, &prefix, &label, &length))
        {
          g_string_append (out, self->tag_ids ? "0" : "\"O\"");
          continue;
        }
      if (self->tag_ids)
        {
          g_string_append_printf (out, "%u", register_label (self, label, length)
                                             + (prefix == 'I' ? 1 : 0));
          continue;
        }
      g_string_truncate (self->tag, 0);
      g_string_append_c (self->tag, prefix);
      g_string_append_c (self->tag, '-');
      g_string_append_len (self->tag, label, length);
      gloss_json_append_string (out, self->tag->str, self->tag->len, TRUE);
    }

  g_string_append (out, "]}\n");
}

/* GlossFormatWriter */

static gboolean
hf_begin (GlossFormatWriter  *writer,
          GError            **error)
{
  GlossHfWriter *self = GLOSS_HF_WRITER (writer);
  const GlossExportOptions *options = gloss_format_writer_get_options (writer);

  if (options != NULL && !gloss_format_check_offsets (GLOSS_FORMAT_HF, options->offsets, error))
    return FALSE;

  if (gloss_format_writer_get_stream (writer) == NULL)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED,
                   _("The hf format writes one file, not a folder"));
      return FALSE;
    }

  if (options != NULL)
    self->conll_options = *options;
  self->conll_options.format = GLOSS_FORMAT_CONLL;
  self->conll_options.offsets = GLOSS_OFFSETS_CODE_POINTS;
  self->conll_options.conll_variant = GLOSS_CONLL_VARIANT_SPACY_NER;
  self->conll_options.conll_attributes = FALSE;
  if (self->conll_options.conll_tags == GLOSS_CONLL_TAGS_ALL)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   _("hf holds one tag column: entity, quote or claim, not all"));
      return FALSE;
    }

  self->tag_ids = options != NULL && options->hf_tag_ids;
  if (self->tag_ids && options->hf_dataset_info == NULL)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   _("hf with integer tags needs a file for its label list"));
      return FALSE;
    }
  /* An existing label list is asked about (or refused) with the output
   * itself, before any writing: gloss-export-output.c's companion. */
  switch (self->conll_options.conll_tags)
    {
    case GLOSS_CONLL_TAGS_QUOTE:
      self->kind = GLOSS_LABEL_KIND_QUOTE;
      break;
    case GLOSS_CONLL_TAGS_CLAIM:
      self->kind = GLOSS_LABEL_KIND_CLAIM;
      break;
    default:
      self->kind = GLOSS_LABEL_KIND_ENTITY;
      break;
    }

  g_clear_object (&self->conll);
  self->conll = GLOSS_CONLL_WRITER (gloss_format_writer_new (&self->conll_options, NULL, NULL));

  return gloss_format_writer_begin (GLOSS_FORMAT_WRITER (self->conll), error);
}

static gboolean
hf_write_record (GlossFormatWriter        *writer,
                 const GlossExportRecord  *record,
                 GlossExportSummary       *summary,
                 GError                  **error)
{
  GlossHfWriter *self = GLOSS_HF_WRITER (writer);
  const char *text = gloss_document_get_text (record->document);
  GArray *tokens;
  guint first = 0;
  guint index = 0;

  g_return_val_if_fail (self->conll != NULL, FALSE);

  if (self->tag_ids)
    register_label_set (self, record->labels);
  gloss_conll_writer_tag_record (self->conll, record, summary);
  tokens = gloss_conll_writer_get_tokens (self->conll);

  for (guint t = 1; t <= tokens->len; t++)
    {
      if (t < tokens->len && !gloss_conll_writer_starts_sentence (self->conll, t))
        continue;

      put_sentence (self, record, text, tokens, first, t, index++);
      first = t;
      if (self->buffer->len >= FLUSH_SIZE && !flush (self, error))
        return FALSE;
    }

  return flush (self, error);
}

/* The label list is written last, once every label is known, and only
 * when the lines are all written. */
static gboolean
hf_end (GlossFormatWriter   *writer,
        GlossExportSummary  *summary,
        GError             **error)
{
  GlossHfWriter *self = GLOSS_HF_WRITER (writer);
  const GlossExportOptions *options = gloss_format_writer_get_options (writer);
  g_autofree char *info = NULL;
  g_autofree char *path = NULL;

  if (!flush (self, error))
    return FALSE;
  if (!self->tag_ids)
    return TRUE;

  info = dup_dataset_info (self);
  path = g_file_get_path (options->hf_dataset_info);
  if (path == NULL)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED,
                   _("The label list can only be written to a local file"));
      return FALSE;
    }

  return gloss_file_replace_contents (path, info, strlen (info), error);
}

static void
gloss_hf_writer_finalize (GObject *object)
{
  GlossHfWriter *self = GLOSS_HF_WRITER (object);

  g_clear_object (&self->conll);
  g_string_free (self->buffer, TRUE);
  g_string_free (self->tag, TRUE);
  g_ptr_array_unref (self->names);
  g_hash_table_unref (self->label_ids);
  g_hash_table_unref (self->label_sets);

  G_OBJECT_CLASS (gloss_hf_writer_parent_class)->finalize (object);
}

static void
gloss_hf_writer_class_init (GlossHfWriterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GlossFormatWriterClass *writer_class = GLOSS_FORMAT_WRITER_CLASS (klass);

  object_class->finalize = gloss_hf_writer_finalize;
  writer_class->begin = hf_begin;
  writer_class->write_record = hf_write_record;
  writer_class->end = hf_end;
  /* CoNLL's tagging counts every attribute value as lost (no attribute
   * column); the article's fields have no place either. */
  writer_class->handles_attributes = TRUE;
}

static void
gloss_hf_writer_init (GlossHfWriter *self)
{
  self->buffer = g_string_sized_new (FLUSH_SIZE + 4096);
  self->tag = g_string_new (NULL);
  self->names = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->names, g_strdup ("O"));
  self->label_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->label_sets = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
}
