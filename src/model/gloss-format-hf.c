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
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gloss-error.h"
#include "gloss-format-writer.h"
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
};

G_DEFINE_FINAL_TYPE (GlossHfWriter, gloss_hf_writer, GLOSS_TYPE_FORMAT_WRITER)

/* Appends @text (@length bytes of valid UTF-8) as the inside of a JSON
 * string: quotes, backslashes and control characters escaped, and U+0085,
 * U+2028 and U+2029 too, as gloss_export_json_line() does, so that no line
 * splitter sees two lines where there is one. */
static void
append_json_chars (GString    *out,
                   const char *text,
                   gsize       length)
{
  const char *end = text + length;
  const char *run = text;

  for (const char *p = text; p < end;)
    {
      guchar c = (guchar) *p;
      gunichar wide = 0;
      gsize size = 1;

      if (c >= 0x80)
        {
          wide = g_utf8_get_char (p);
          size = (gsize)(g_utf8_next_char (p) - p);
          if (wide != 0x85 && wide != 0x2028 && wide != 0x2029)
            {
              p += size;
              continue;
            }
        }
      else if (c >= 0x20 && c != '"' && c != '\\')
        {
          p++;
          continue;
        }

      g_string_append_len (out, run, p - run);
      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) c);
        }
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else
        g_string_append_printf (out, "\\u%04x", c >= 0x80 ? (guint) wide : (guint) c);
      p += size;
      run = p;
    }

  g_string_append_len (out, run, end - run);
}

/* A string of any provenance (a file name): made valid UTF-8 first. */
static void
append_json_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  if (g_utf8_validate (text, -1, NULL))
    append_json_chars (out, text, strlen (text));
  else
    {
      g_autofree char *valid = g_utf8_make_valid (text, -1);

      append_json_chars (out, valid, strlen (valid));
    }
  g_string_append_c (out, '"');
}

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
  append_json_string (out, id);

  g_string_append (out, ",\"tokens\":[");
  for (guint t = first; t < end; t++)
    {
      const GlossToken *token = &g_array_index (tokens, GlossToken, t);

      if (t > first)
        g_string_append_c (out, ',');
      g_string_append_c (out, '"');
      append_json_chars (out, text + token->byte_start, token->byte_length);
      g_string_append_c (out, '"');
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
          g_string_append (out, "\"O\"");
          continue;
        }
      g_string_append_c (out, '"');
      g_string_append_c (out, prefix);
      g_string_append_c (out, '-');
      append_json_chars (out, label, length);
      g_string_append_c (out, '"');
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

static gboolean
hf_end (GlossFormatWriter   *writer,
        GlossExportSummary  *summary,
        GError             **error)
{
  return flush (GLOSS_HF_WRITER (writer), error);
}

static void
gloss_hf_writer_finalize (GObject *object)
{
  GlossHfWriter *self = GLOSS_HF_WRITER (object);

  g_clear_object (&self->conll);
  g_string_free (self->buffer, TRUE);

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
}
