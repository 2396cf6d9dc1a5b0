/* gloss-format-conll.c — CoNLL export: IOB2 tags, one token a line
 *
 * A file holds a header comment naming the columns, then each article ×
 * annotator record: a "# doc:" comment and its sentences, each sentence
 * its tokens one a line and a blank line after it. A line is
 *
 *   token <TAB> start <TAB> end <TAB> entity <TAB> quote <TAB> claim
 *
 * with code-point offsets (end exclusive) and one IOB2 tag column per
 * label kind, so that a person inside a quote inside a claim all survive.
 * Within one column two spans that share a token cannot both be tagged:
 * the longer is kept and the other counted as lost. docs/conll.md is the
 * user-facing description of these rules.
 *
 * With the attribute option (GlossExportOptions.conll_attributes), one
 * more IOB2 column follows for each choice attribute of the label set:
 * B-/I- and the span's value on the span's tokens, O elsewhere. Other
 * attribute values have no column and are counted as lost.
 *
 * That is the "full" variant. Two others are laid out for readers that
 * take no comment line: "nltk" (nltk's ConllCorpusReader) and "spacy-ner"
 * (`spacy convert --converter ner`), which mark each record with a
 * CoNLL-2003 "-DOCSTART-" line instead, and where no sentence break falls
 * inside a span of a column written, so that every sentence is valid IOB2
 * on its own (readers cut a document into sentences and read each alone).
 *
 * Each record costs one walk over its text (to cut tokens and sentences)
 * and one over the tokens (to write them); the arrays those walks fill are
 * kept from record to record, so a corpus export allocates little.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gloss-error.h"
#include "gloss-format-writer.h"
#include "gloss-tokens.h"

/* The output is built in a buffer and handed to the stream in pieces of
 * about this size: fewer, larger writes than one a line. */
#define FLUSH_SIZE (64 * 1024)

/* How much of a span's text a problem line quotes. */
#define QUOTE_LENGTH 40

typedef enum
{
  COLUMN_ENTITY,
  COLUMN_QUOTE,
  COLUMN_CLAIM,
  N_COLUMNS
} Column;

/* Column names, as in the header line; not translated, since they are
 * part of the file format. */
static const char * const column_names[N_COLUMNS] = { "entity", "quote", "claim" };

/* The CoNLL-2003 document line. spaCy's ner converter splits its input at
 * exactly this string (spacy/training/converters/conll_ner_to_docs.py,
 * doc_delimiter), spaces and all. */
#define SPACY_DOCSTART "-DOCSTART- -X- O O"
/* nltk's ConllCorpusReader drops a first row of a sentence whose word is
 * "-DOCSTART-" (nltk/corpus/reader/conll.py, _read_grid_block), whatever
 * its other fields; these match the token lines' columns. */
#define NLTK_DOCSTART "-DOCSTART-\t-X-\t-X-"

typedef GlossToken Token;

typedef GlossTokenSpan Placement;

/* What became of each span, reported in document order at the end. */
typedef enum
{
  FATE_PLACED,
  FATE_PLACED_CUT,      /* tagged, but it starts or ends inside a token */
  FATE_NO_TOKEN,        /* only spaces: nothing to tag */
  FATE_OVERLAP,         /* lost to a longer span of its column */
} Fate;

typedef struct
{
  Fate   fate;
  guint  rival;         /* FATE_OVERLAP: index of the span that was kept */
  Column column;
} SpanFate;

/* How a span's label is written in its tags. */
typedef struct
{
  const char *text;
  gsize       length;
} LabelText;

/* A choice attribute's column (the attribute option). */
typedef struct
{
  char   *id;                      /* the attribute's id, its column's name */
  GArray *placements;              /* Placement: spans with a value, this record */
} AttributeColumn;

struct _GlossConllWriter
{
  GlossFormatWriter parent_instance;

  GlossConllVariant variant;
  Column  columns[N_COLUMNS];      /* the tag columns written, in order */
  guint   n_columns;
  guint   written_columns;         /* 1 << Column, for each written */
  /* Columns (1 << Column) inside whose spans no sentence ends. */
  guint   unbroken_columns;

  /* Labels that needed cleaning (see clean_label()), by label. */
  GHashTable *clean_labels;

  /* Scratch space, reused record after record. */
  GArray  *tokens;                 /* Token */
  GArray  *label_texts;            /* LabelText, one per span */
  gsize    longest_label;
  GArray  *tags;                   /* guint32, N_COLUMNS per token; see tag_value() */
  GArray  *placements[N_COLUMNS];  /* Placement */
  GArray  *fates;                  /* SpanFate, one per span */
  GString *buffer;

  /* The attribute option: the columns, settled at the first record (the
   * label set is the record's; see choose_attribute_columns()). */
  gboolean  attributes;
  gboolean  attributes_settled;
  GArray   *attribute_columns;     /* AttributeColumn */
  GArray   *attribute_tags;        /* guint32, one per token × attribute column */
  GPtrArray *attribute_values;     /* char* or NULL, one per span × attribute column */
  gsize     longest_value;
};

G_DEFINE_FINAL_TYPE (GlossConllWriter, gloss_conll_writer, GLOSS_TYPE_FORMAT_WRITER)

/* Tags are stored as 0 for O, else the index of the span + 1, shifted left
 * by one, with the low bit set on the span's first token (B-). */
static inline guint32
tag_value (guint    span,
           gboolean begin)
{
  return ((guint32)(span + 1) << 1) | (begin ? 1 : 0);
}

static inline guint
tag_span (guint32 tag)
{
  return (tag >> 1) - 1;
}

static inline gboolean
tag_is_begin (guint32 tag)
{
  return (tag & 1) != 0;
}

/* An I- tag: the token goes on with a span begun before it. */
static inline gboolean
is_inside (guint32 tag)
{
  return tag != 0 && !tag_is_begin (tag);
}

/* Output buffer */

static gboolean
flush (GlossConllWriter  *self,
       GError           **error)
{
  gboolean ok = TRUE;

  if (self->buffer->len > 0)
    ok = gloss_format_writer_write (GLOSS_FORMAT_WRITER (self), self->buffer->str,
                                    self->buffer->len, error);
  g_string_truncate (self->buffer, 0);

  return ok;
}

static gboolean
maybe_flush (GlossConllWriter  *self,
             GError           **error)
{
  if (self->buffer->len < FLUSH_SIZE)
    return TRUE;

  return flush (self, error);
}

/* Writes @value in decimal at @w; returns the end. Offsets are written on
 * every line: a hand-rolled conversion rather than a printf(), which parses
 * its format each time. */
static inline char *
put_uint (char  *w,
          guint  value)
{
  char digits[16];
  gsize n = 0;

  do
    {
      digits[n++] = (char)('0' + value % 10);
      value /= 10;
    }
  while (value > 0);

  while (n > 0)
    *w++ = digits[--n];

  return w;
}

/* Label ids are [a-z0-9][a-z0-9_-]*, but a sidecar may hold an unknown
 * label with any text: a space or a tab in it would split the column for
 * readers, so those (and control characters) become '_'. For nltk, a
 * hyphen too: its chunked_sents() splits a tag at every "-" and expects
 * two parts ((state, chunk_type) = chunk_tag.split("-")), so
 * "B-quote-direct" raises there. NULL when @label is fine as it is, the
 * usual case. */
static char *
clean_label (const char        *label,
             GlossConllVariant  variant)
{
  GString *out = NULL;

  for (const char *p = label; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c)
          || (c == '-' && variant == GLOSS_CONLL_VARIANT_NLTK))
        {
          if (out == NULL)
            out = g_string_new_len (label, p - label);
          g_string_append_c (out, '_');
        }
      else if (out != NULL)
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }

  return out != NULL ? g_string_free (out, FALSE) : NULL;
}

/* The "# doc:" comment holds the article's path: a newline or tab in a
 * file name would break the line, so control characters become U+FFFD. */
static void
append_comment_value (GString    *out,
                      const char *value)
{
  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c))
        g_string_append_unichar (out, 0xFFFD);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
}

static Column
column_for_kind (GlossLabelKind kind)
{
  switch (kind)
    {
    case GLOSS_LABEL_KIND_CLAIM:
      return COLUMN_CLAIM;
    case GLOSS_LABEL_KIND_QUOTE:
      return COLUMN_QUOTE;
    case GLOSS_LABEL_KIND_ENTITY:
    default:
      return COLUMN_ENTITY;
    }
}

/* The column of @span: its label's kind in the record's label set. */
static Column
column_for_span (GlossConllWriter        *self,
                 const GlossExportRecord *record,
                 GlossAnnotation         *span)
{
  return column_for_kind (gloss_format_writer_label_kind (GLOSS_FORMAT_WRITER (self), record,
                                                          gloss_annotation_get_label (span)));
}

/* Spans */

/* Finds each span's tokens and sorts the spans into their columns. A span
 * is tagged on every token it touches, even partly; one that touches none
 * (it holds only spaces) is settled here as lost. */
static void
place_spans (GlossConllWriter        *self,
             const GlossExportRecord *record,
             GPtrArray               *spans)
{
  for (guint c = 0; c < N_COLUMNS; c++)
    g_array_set_size (self->placements[c], 0);
  g_array_set_size (self->fates, spans->len);

  for (guint i = 0; i < spans->len; i++)
    {
      GlossAnnotation *span = g_ptr_array_index (spans, i);
      SpanFate *fate = &g_array_index (self->fates, SpanFate, i);
      guint start = gloss_annotation_get_start (span);
      guint end = gloss_annotation_get_end (span);
      Placement placement = gloss_token_span_init (self->tokens, i, start, end);

      fate->column = column_for_span (self, record, span);
      fate->rival = 0;

      if (placement.first_token >= placement.end_token)
        {
          fate->fate = FATE_NO_TOKEN;
          continue;
        }

      {
        const Token *first = &g_array_index (self->tokens, Token, placement.first_token);
        const Token *last = &g_array_index (self->tokens, Token, placement.end_token - 1);

        fate->fate = (first->start < start || last->end > end) ? FATE_PLACED_CUT : FATE_PLACED;
      }

      g_array_append_val (self->placements[fate->column], placement);
    }
}

/* Tags one column: each span in turn, longest first, unless one of its
 * tokens already carries a tag of this column. */
static void
tag_column (GlossConllWriter *self,
            Column            column)
{
  GArray *placements = self->placements[column];
  guint32 *tags = (guint32 *)(gpointer)self->tags->data;

  g_array_sort (placements, gloss_token_span_compare);

  for (guint i = 0; i < placements->len; i++)
    {
      const Placement *placement = &g_array_index (placements, Placement, i);
      SpanFate *fate = &g_array_index (self->fates, SpanFate, placement->span);
      gboolean taken = FALSE;

      for (guint t = placement->first_token; t < placement->end_token; t++)
        {
          guint32 tag = tags[t * N_COLUMNS + column];

          if (tag != 0)
            {
              fate->fate = FATE_OVERLAP;
              fate->rival = tag_span (tag);
              taken = TRUE;
              break;
            }
        }

      if (taken)
        continue;

      for (guint t = placement->first_token; t < placement->end_token; t++)
        tags[t * N_COLUMNS + column] = tag_value (placement->span,
                                                  t == placement->first_token);
    }
}

/* The start of a span's text for a problem line, on one line. */
static char *
dup_quoted_text (const GlossExportRecord *record,
                 GlossAnnotation         *span)
{
  guint start = gloss_annotation_get_start (span);
  guint end = gloss_annotation_get_end (span);
  gboolean shortened = end - start > QUOTE_LENGTH;
  g_autofree char *text = gloss_document_dup_slice (record->document, start,
                                                    shortened ? start + QUOTE_LENGTH : end);
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c))
        {
          if (out->len == 0 || out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
        }
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }

  if (shortened)
    g_string_append (out, "…");

  return g_string_free (out, FALSE);
}

static void
add_problem (GlossExportSummary *summary,
             char               *line)
{
  if (summary->problems != NULL)
    g_ptr_array_add (summary->problems, line);
  else
    g_free (line);
}

/* Counts the spans CoNLL could not hold, or held only roughly, and says
 * in document order which ones. The walker counts what the record holds
 * (summary->spans, notes, relations); a writer counts only its losses. */
static void
report_spans (GlossConllWriter        *self,
              const GlossExportRecord *record,
              GPtrArray               *spans,
              GlossExportSummary      *summary)
{
  for (guint i = 0; i < spans->len; i++)
    {
      GlossAnnotation *span = g_ptr_array_index (spans, i);
      const SpanFate *fate = &g_array_index (self->fates, SpanFate, i);
      const char *id = gloss_annotation_get_id (span);
      g_autofree char *quoted = NULL;

      if (fate->fate == FATE_PLACED)
        continue;

      quoted = dup_quoted_text (record, span);

      switch (fate->fate)
        {
        case FATE_PLACED_CUT:
          summary->cut_tokens++;
          add_problem (summary,
                       g_strdup_printf (_("%s: span %s “%s” cuts a token"),
                                        record->article_id, id, quoted));
          break;

        case FATE_NO_TOKEN:
          summary->lost_overlaps++;
          add_problem (summary,
                       g_strdup_printf (_("%s: span %s “%s” holds no token; left out"),
                                        record->article_id, id, quoted));
          break;

        case FATE_OVERLAP:
          summary->lost_overlaps++;
          add_problem (summary,
                       g_strdup_printf (_("%s: span %s “%s” overlaps span %s in the %s column; left out"),
                                        record->article_id, id, quoted,
                                        gloss_annotation_get_id (g_ptr_array_index (spans, fate->rival)),
                                        column_names[fate->column]));
          break;

        case FATE_PLACED:
        default:
          g_assert_not_reached ();
        }
    }
}

/* Notes have no place in CoNLL, nor have relations. */
static void
count_losses (GlossConllWriter        *self,
              const GlossExportRecord *record,
              GPtrArray               *spans,
              GlossExportSummary      *summary)
{
  g_autoptr(GPtrArray) relations =
    gloss_format_writer_dup_relations (GLOSS_FORMAT_WRITER (self), record, spans);

  summary->lost_relations += relations->len;

  for (guint i = 0; i < spans->len; i++)
    {
      const char *note = gloss_annotation_get_note (g_ptr_array_index (spans, i));

      if (note != NULL && note[0] != '\0')
        summary->lost_notes++;
    }
}

/* A tag column left out (--tag-column) leaves its spans out the way
 * --labels does: they are not exported, rather than lost by the format.
 * The walker counted the record's spans, and their notes and relations,
 * before the writer knew which columns it writes: those of the spans left
 * out are taken back here, so that the summary counts what the file
 * holds. Returns the spans that are written (new reference). */
static GPtrArray *
keep_written_spans (GlossConllWriter        *self,
                    const GlossExportRecord *record,
                    GPtrArray               *spans,
                    GlossExportSummary      *summary)
{
  g_autoptr(GPtrArray) kept = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(GPtrArray) kept_relations = NULL;

  if (self->n_columns == N_COLUMNS)
    return g_ptr_array_ref (spans);

  kept = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < spans->len; i++)
    {
      GlossAnnotation *span = g_ptr_array_index (spans, i);
      Column column = column_for_span (self, record, span);
      const char *note = gloss_annotation_get_note (span);

      if ((self->written_columns & (1u << column)) != 0)
        {
          g_ptr_array_add (kept, g_object_ref (span));
          continue;
        }

      summary->spans--;
      if (note != NULL && note[0] != '\0')
        summary->notes--;
    }

  relations = gloss_format_writer_dup_relations (GLOSS_FORMAT_WRITER (self), record, spans);
  kept_relations = gloss_format_writer_dup_relations (GLOSS_FORMAT_WRITER (self), record, kept);
  summary->relations -= relations->len - kept_relations->len;

  return g_steal_pointer (&kept);
}

/* Attributes */

static void
attribute_column_clear (gpointer data)
{
  AttributeColumn *column = data;

  g_free (column->id);
  g_array_unref (column->placements);
}

/* Whether @attribute applies to a label of a tag column written: an
 * attribute of claims has no column in an export of entities alone. */
static gboolean
attribute_is_written (GlossConllWriter *self,
                      GlossLabelSet    *labels,
                      GlossAttribute   *attribute)
{
  const char * const *entries = gloss_attribute_get_applies_to (attribute);

  for (guint i = 0; entries != NULL && entries[i] != NULL; i++)
    {
      GlossLabelKind kind;

      if (g_str_has_prefix (entries[i], "kind:"))
        {
          if (!gloss_label_kind_from_string (entries[i] + strlen ("kind:"), &kind))
            continue;
        }
      else
        {
          kind = gloss_label_set_kind_of (labels, entries[i]);
        }

      if ((self->written_columns & (1u << column_for_kind (kind))) != 0)
        return TRUE;
    }

  return FALSE;
}

/* The attribute columns: the choice attributes of the first record's label
 * set that apply to a written column, in the label set's order. A file has
 * one header, so later records whose label set differs keep these columns:
 * a value of an attribute without a column is counted as lost there. */
static void
choose_attribute_columns (GlossConllWriter *self,
                          GlossLabelSet    *labels)
{
  GPtrArray *attributes;

  self->attributes_settled = TRUE;
  if (!self->attributes || labels == NULL)
    return;

  attributes = gloss_label_set_get_attributes (labels);
  for (guint i = 0; i < attributes->len; i++)
    {
      GlossAttribute *attribute = g_ptr_array_index (attributes, i);
      AttributeColumn column;

      if (gloss_attribute_get_value_type (attribute) != GLOSS_ATTRIBUTE_CHOICE
          || !attribute_is_written (self, labels, attribute))
        continue;

      column.id = g_strdup (gloss_attribute_get_id (attribute));
      column.placements = g_array_new (FALSE, FALSE, sizeof (Placement));
      g_array_append_val (self->attribute_columns, column);
    }
}

/* The header line of the full variant, once the columns are known. */
static void
put_header (GlossConllWriter *self)
{
  g_string_append (self->buffer, "# columns: token start end");
  for (guint c = 0; c < self->n_columns; c++)
    {
      g_string_append_c (self->buffer, ' ');
      g_string_append (self->buffer, column_names[self->columns[c]]);
    }
  for (guint a = 0; a < self->attribute_columns->len; a++)
    {
      g_string_append_c (self->buffer, ' ');
      g_string_append (self->buffer,
                       g_array_index (self->attribute_columns, AttributeColumn, a).id);
    }
  g_string_append_c (self->buffer, '\n');
}

/* How a value is written after "B-": the choice's id, cleaned as labels
 * are; several choices (an attribute with "multiple") joined by "|", in
 * the sidecar's order. NULL for a value of another type, which a choice
 * column cannot hold. */
static char *
dup_value_text (GlossConllWriter *self,
                GVariant         *value)
{
  g_autofree char *joined = NULL;
  char *cleaned;

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    joined = g_variant_dup_string (value, NULL);
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY))
    {
      g_autofree const char **items = g_variant_get_strv (value, NULL);

      joined = g_strjoinv ("|", (char **) items);
    }

  if (joined == NULL || joined[0] == '\0')
    return NULL;

  cleaned = clean_label (joined, self->variant);
  return cleaned != NULL ? cleaned : g_steal_pointer (&joined);
}

/* Tags the attribute columns, as tag_column() does a label column: the
 * spans written that hold a value, longest first; a span whose tokens
 * already carry another span's value of this attribute (spans of two
 * kinds can share tokens) keeps its place in its label column but loses
 * this value. Counts every attribute value of the spans that is not
 * written: all of them without the option; else those without a column,
 * of spans lost, or lost to a longer span. */
static void
tag_attributes (GlossConllWriter        *self,
                const GlossExportRecord *record,
                GPtrArray               *spans,
                GlossExportSummary      *summary)
{
  guint n_attributes = self->attribute_columns->len;
  guint32 *tags;

  g_array_set_size (self->attribute_tags, self->tokens->len * n_attributes);
  if (self->attribute_tags->len > 0)
    memset (self->attribute_tags->data, 0, (gsize)self->attribute_tags->len * sizeof (guint32));
  tags = (guint32 *)(gpointer)self->attribute_tags->data;
  g_ptr_array_set_size (self->attribute_values, 0);
  g_ptr_array_set_size (self->attribute_values, spans->len * n_attributes);
  self->longest_value = 0;

  for (guint a = 0; a < n_attributes; a++)
    g_array_set_size (g_array_index (self->attribute_columns, AttributeColumn, a).placements, 0);

  for (guint i = 0; i < spans->len; i++)
    {
      GlossAnnotation *span = g_ptr_array_index (spans, i);
      GVariant *attributes = gloss_annotation_peek_attributes (span);
      const SpanFate *fate = &g_array_index (self->fates, SpanFate, i);
      gboolean placed = fate->fate == FATE_PLACED || fate->fate == FATE_PLACED_CUT;
      gsize n = attributes != NULL ? g_variant_n_children (attributes) : 0;

      for (gsize k = 0; k < n; k++)
        {
          const char *id;
          g_autoptr(GVariant) value = NULL;
          char *text = NULL;
          guint a;

          g_variant_get_child (attributes, k, "{&sv}", &id, &value);
          for (a = 0; a < n_attributes; a++)
            if (g_str_equal (g_array_index (self->attribute_columns, AttributeColumn, a).id, id))
              break;

          if (a < n_attributes && placed)
            text = dup_value_text (self, value);
          if (text == NULL)
            {
              summary->lost_attributes++;
              continue;
            }

          {
            AttributeColumn *column = &g_array_index (self->attribute_columns, AttributeColumn, a);
            Placement placement = gloss_token_span_init (self->tokens, i,
                                                         gloss_annotation_get_start (span),
                                                         gloss_annotation_get_end (span));

            g_ptr_array_index (self->attribute_values, i * n_attributes + a) = text;
            self->longest_value = MAX (self->longest_value, strlen (text));
            g_array_append_val (column->placements, placement);
          }
        }
    }

  for (guint a = 0; a < n_attributes; a++)
    {
      GArray *placements = g_array_index (self->attribute_columns, AttributeColumn, a).placements;

      g_array_sort (placements, gloss_token_span_compare);
      for (guint p = 0; p < placements->len; p++)
        {
          const Placement *placement = &g_array_index (placements, Placement, p);
          guint taken_by = G_MAXUINT;

          for (guint t = placement->first_token; t < placement->end_token; t++)
            if (tags[t * n_attributes + a] != 0)
              {
                taken_by = tag_span (tags[t * n_attributes + a]);
                break;
              }

          if (taken_by != G_MAXUINT)
            {
              GlossAnnotation *span = g_ptr_array_index (spans, placement->span);
              g_autofree char *quoted = dup_quoted_text (record, span);

              summary->lost_attributes++;
              add_problem (summary,
                           /* Translators: the article, the span's id and text, the
                            * attribute's id (the column's name) and the other
                            * span's id */
                           g_strdup_printf (_("%s: span %s “%s”: its %s overlaps that of span %s in its column; left out"),
                                            record->article_id, gloss_annotation_get_id (span), quoted,
                                            g_array_index (self->attribute_columns, AttributeColumn, a).id,
                                            gloss_annotation_get_id (g_ptr_array_index (spans, taken_by))));
              continue;
            }

          for (guint t = placement->first_token; t < placement->end_token; t++)
            tags[t * n_attributes + a] = tag_value (placement->span,
                                                    t == placement->first_token);
        }
    }
}

/* Writing */

/* Fills self->label_texts: how each span's label is written. */
static void
prepare_labels (GlossConllWriter *self,
                GPtrArray        *spans)
{
  g_array_set_size (self->label_texts, spans->len);
  self->longest_label = 0;

  for (guint i = 0; i < spans->len; i++)
    {
      const char *label = gloss_annotation_get_label (g_ptr_array_index (spans, i));
      LabelText *text = &g_array_index (self->label_texts, LabelText, i);
      const char *clean = g_hash_table_lookup (self->clean_labels, label);

      if (clean == NULL)
        {
          char *cleaned = clean_label (label, self->variant);

          if (cleaned != NULL)
            {
              g_hash_table_insert (self->clean_labels, g_strdup (label), cleaned);
              clean = cleaned;
            }
        }

      text->text = clean != NULL ? clean : label;
      text->length = strlen (text->text);
      self->longest_label = MAX (self->longest_label, text->length);
    }
}

static inline char *
put_tag (char            *w,
         const LabelText *labels,
         guint32          tag)
{
  const LabelText *label;

  if (tag == 0)
    {
      *w++ = 'O';
      return w;
    }

  label = &labels[tag_span (tag)];
  *w++ = tag_is_begin (tag) ? 'B' : 'I';
  *w++ = '-';
  memcpy (w, label->text, label->length);

  return w + label->length;
}

/* One token line, written straight into the buffer: it is grown once to
 * the longest the line can be, then cut to what was written. spaCy's
 * converter takes a second column of three or more for part-of-speech
 * tags, so its lines have the token and the tag alone. */
static void
put_token_line (GlossConllWriter *self,
                const char       *text,
                const Token      *token,
                const guint32    *tags,
                const guint32    *attribute_tags,
                gboolean          new_sentence)
{
  const LabelText *labels = (const LabelText *)(gconstpointer)self->label_texts->data;
  guint n_attributes = self->attribute_columns->len;
  GString *out = self->buffer;
  gsize at = out->len;
  char *w;

  /* A blank line, the token, 2 offsets of at most 10 digits, 3 tags of
   * at most "B-" and a label, 5 tabs and a newline; then a tab, "B-" and
   * a value per attribute column. */
  g_string_set_size (out, at + 1 + token->byte_length + 2 * 10
                          + N_COLUMNS * (2 + self->longest_label) + 6
                          + n_attributes * (3 + self->longest_value));
  w = out->str + at;

  if (new_sentence)
    *w++ = '\n';

  memcpy (w, text + token->byte_start, token->byte_length);
  w += token->byte_length;
  if (self->variant != GLOSS_CONLL_VARIANT_SPACY_NER)
    {
      *w++ = '\t';
      w = put_uint (w, token->start);
      *w++ = '\t';
      w = put_uint (w, token->end);
    }
  for (guint c = 0; c < self->n_columns; c++)
    {
      *w++ = '\t';
      w = put_tag (w, labels, tags[self->columns[c]]);
    }
  for (guint a = 0; a < n_attributes; a++)
    {
      guint32 tag = attribute_tags[a];
      const char *value;
      gsize length;

      *w++ = '\t';
      if (tag == 0)
        {
          *w++ = 'O';
          continue;
        }
      value = g_ptr_array_index (self->attribute_values, tag_span (tag) * n_attributes + a);
      length = strlen (value);
      *w++ = tag_is_begin (tag) ? 'B' : 'I';
      *w++ = '-';
      memcpy (w, value, length);
      w += length;
    }
  *w++ = '\n';

  *w = '\0';
  out->len = (gsize)(w - out->str);
}

/* The line that opens a record: a comment that names it, or for the
 * readers that take no comment, the CoNLL-2003 document line. */
static void
put_record_start (GlossConllWriter        *self,
                  const GlossExportRecord *record)
{
  GString *out = self->buffer;

  switch (self->variant)
    {
    case GLOSS_CONLL_VARIANT_NLTK:
      /* The first row of the first sentence, which nltk drops: a blank
       * line after it would make an empty sentence of it. */
      g_string_append (out, NLTK_DOCSTART);
      for (guint c = 0; c < self->n_columns + self->attribute_columns->len; c++)
        g_string_append (out, "\tO");
      g_string_append_c (out, '\n');
      break;

    case GLOSS_CONLL_VARIANT_SPACY_NER:
      /* On a line of its own, as CoNLL-2003 and spaCy's docstring have
       * it. */
      g_string_append (out, SPACY_DOCSTART "\n\n");
      break;

    case GLOSS_CONLL_VARIANT_FULL:
    default:
      g_string_append (out, "# doc: ");
      append_comment_value (out, record->article_id);
      g_string_append (out, " annotator: ");
      append_comment_value (out, record->annotator);
      g_string_append_c (out, '\n');
      break;
    }
}

/* Whether a sentence break before a token with @tags would fall inside a
 * span that must not be cut. UAX #29 knows no abbreviations: it ends a
 * sentence after the "Dr." of "Dr. Ruiz". An entity the annotator drew
 * across such a break says it is wrong, so none falls inside an entity.
 * Quotes and claims do run over several sentences and, in the full
 * variant, keep their breaks (the span goes on with I- after the blank
 * line). The readers the other variants are for read each sentence
 * alone, and would cut such a span in two (or, strict IOB2, drop its
 * second part): there no break falls inside a span of a column written. */
static inline gboolean
is_unbroken (GlossConllWriter *self,
             const guint32    *tags)
{
  for (guint c = 0; c < N_COLUMNS; c++)
    if ((self->unbroken_columns & (1u << c)) != 0 && is_inside (tags[c]))
      return TRUE;

  return FALSE;
}

static gboolean
write_tokens (GlossConllWriter         *self,
              const GlossExportRecord  *record,
              GError                  **error)
{
  const char *text = gloss_document_get_text (record->document);
  const guint32 *tags = (const guint32 *)(gconstpointer)self->tags->data;
  const guint32 *attribute_tags = (const guint32 *)(gconstpointer)self->attribute_tags->data;
  guint n_attributes = self->attribute_columns->len;
  GString *out = self->buffer;

  put_record_start (self, record);

  for (guint i = 0; i < self->tokens->len; i++)
    {
      const Token *token = &g_array_index (self->tokens, Token, i);
      const guint32 *token_tags = &tags[i * N_COLUMNS];

      /* No offset on the array's NULL data when it has no column. */
      put_token_line (self, text, token, token_tags,
                      n_attributes > 0 ? &attribute_tags[i * n_attributes] : NULL,
                      token->new_sentence && !is_unbroken (self, token_tags));

      if (!maybe_flush (self, error))
        return FALSE;
    }

  /* Every sentence ends with a blank line, the last one too, and so
   * does a record with no token at all: records are always parted by a
   * blank line before the next one's first line. (spaCy's document line
   * has its own blank line after it already.) */
  if (self->tokens->len > 0 || self->variant != GLOSS_CONLL_VARIANT_SPACY_NER)
    g_string_append_c (out, '\n');

  return TRUE;
}

/* Variants */

static const char * const variant_names[] = {
  [GLOSS_CONLL_VARIANT_FULL] = "full",
  [GLOSS_CONLL_VARIANT_NLTK] = "nltk",
  [GLOSS_CONLL_VARIANT_SPACY_NER] = "spacy-ner",
};

static const char * const tags_names[] = {
  [GLOSS_CONLL_TAGS_DEFAULT] = "default",
  [GLOSS_CONLL_TAGS_ALL] = "all",
  [GLOSS_CONLL_TAGS_ENTITY] = "entity",
  [GLOSS_CONLL_TAGS_QUOTE] = "quote",
  [GLOSS_CONLL_TAGS_CLAIM] = "claim",
};

const char *
gloss_conll_variant_to_string (GlossConllVariant variant)
{
  g_return_val_if_fail ((guint)variant < G_N_ELEMENTS (variant_names), NULL);

  return variant_names[variant];
}

gboolean
gloss_conll_variant_from_string (const char        *name,
                                 GlossConllVariant *variant)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (variant_names); i++)
    if (g_str_equal (name, variant_names[i]))
      {
        *variant = (GlossConllVariant)i;
        return TRUE;
      }

  return FALSE;
}

const char *
gloss_conll_tags_to_string (GlossConllTags tags)
{
  g_return_val_if_fail ((guint)tags < G_N_ELEMENTS (tags_names), NULL);

  return tags_names[tags];
}

/* "entity", "quote", "claim" or "all"; "default" is no choice a person
 * makes, and is not taken. */
gboolean
gloss_conll_tags_from_string (const char     *name,
                              GlossConllTags *tags)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = GLOSS_CONLL_TAGS_ALL; i < G_N_ELEMENTS (tags_names); i++)
    if (g_str_equal (name, tags_names[i]))
      {
        *tags = (GlossConllTags)i;
        return TRUE;
      }

  return FALSE;
}

gboolean
gloss_conll_check_tags (GlossConllVariant   variant,
                        GlossConllTags      tags,
                        GError            **error)
{
  if ((guint)variant >= G_N_ELEMENTS (variant_names) || (guint)tags >= G_N_ELEMENTS (tags_names))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   _("Unknown CoNLL variant or tag column"));
      return FALSE;
    }

  /* spaCy reads the last column as the tags, and a third column would be
   * taken for part-of-speech tags. */
  if (variant == GLOSS_CONLL_VARIANT_SPACY_NER && tags == GLOSS_CONLL_TAGS_ALL)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   _("The spacy-ner variant holds one tag column: entity, quote or claim, not all"));
      return FALSE;
    }

  return TRUE;
}

/* Settles the variant and the tag columns from @options. */
static gboolean
choose_columns (GlossConllWriter          *self,
                const GlossExportOptions  *options,
                GError                   **error)
{
  GlossConllTags tags = options != NULL ? options->conll_tags : GLOSS_CONLL_TAGS_DEFAULT;

  self->variant = options != NULL ? options->conll_variant : GLOSS_CONLL_VARIANT_FULL;
  if (!gloss_conll_check_tags (self->variant, tags, error))
    return FALSE;

  if (tags == GLOSS_CONLL_TAGS_DEFAULT)
    tags = self->variant == GLOSS_CONLL_VARIANT_FULL ? GLOSS_CONLL_TAGS_ALL : GLOSS_CONLL_TAGS_ENTITY;

  self->n_columns = 0;
  switch (tags)
    {
    case GLOSS_CONLL_TAGS_ENTITY:
      self->columns[self->n_columns++] = COLUMN_ENTITY;
      break;
    case GLOSS_CONLL_TAGS_QUOTE:
      self->columns[self->n_columns++] = COLUMN_QUOTE;
      break;
    case GLOSS_CONLL_TAGS_CLAIM:
      self->columns[self->n_columns++] = COLUMN_CLAIM;
      break;
    case GLOSS_CONLL_TAGS_ALL:
    case GLOSS_CONLL_TAGS_DEFAULT:
    default:
      for (guint c = 0; c < N_COLUMNS; c++)
        self->columns[self->n_columns++] = (Column)c;
      break;
    }

  self->written_columns = 0;
  for (guint c = 0; c < self->n_columns; c++)
    self->written_columns |= 1u << self->columns[c];

  /* See is_unbroken(). */
  self->unbroken_columns = 1u << COLUMN_ENTITY;
  if (self->variant != GLOSS_CONLL_VARIANT_FULL)
    for (guint c = 0; c < self->n_columns; c++)
      self->unbroken_columns |= 1u << self->columns[c];

  return TRUE;
}

/* GlossFormatWriter */

static gboolean
conll_begin (GlossFormatWriter  *writer,
             GError            **error)
{
  GlossConllWriter *self = GLOSS_CONLL_WRITER (writer);
  const GlossExportOptions *options = gloss_format_writer_get_options (writer);

  /* The start and end columns are code points: no other unit is offered,
   * rather than mislabelled. */
  if (options != NULL && options->offsets != GLOSS_OFFSETS_CODE_POINTS)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED,
                   _("CoNLL offsets are always in code points, not in %s"),
                   gloss_offset_unit_to_string (options->offsets));
      return FALSE;
    }

  if (!choose_columns (self, options, error))
    return FALSE;

  self->attributes = options != NULL && options->conll_attributes;
  self->attributes_settled = FALSE;
  g_array_set_size (self->attribute_columns, 0);

  /* spaCy takes a third column for part-of-speech tags. */
  if (self->attributes && self->variant == GLOSS_CONLL_VARIANT_SPACY_NER)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   _("The spacy-ner variant holds one tag column and no attribute column"));
      return FALSE;
    }

  /* With attributes, the header waits for the first record's label set. */
  if (self->attributes)
    return TRUE;
  self->attributes_settled = TRUE;

  /* Only the full variant has comments: the readers the others are for
   * would take a comment for a token line. */
  if (self->variant != GLOSS_CONLL_VARIANT_FULL)
    return TRUE;

  put_header (self);
  return flush (self, error);
}

/* Everything a record takes but writing it: the hf writer shares it
 * (see gloss-format-writer.h). */
void
gloss_conll_writer_tag_record (GlossConllWriter        *self,
                               const GlossExportRecord *record,
                               GlossExportSummary      *summary)
{
  GlossFormatWriter *writer = GLOSS_FORMAT_WRITER (self);
  g_autoptr(GPtrArray) all_spans = gloss_format_writer_dup_spans (writer, record);
  g_autoptr(GPtrArray) spans = keep_written_spans (self, record, all_spans, summary);

  if (!self->attributes_settled)
    {
      choose_attribute_columns (self, record->labels);
      if (self->variant == GLOSS_CONLL_VARIANT_FULL)
        put_header (self);
    }

  count_losses (self, record, spans, summary);

  gloss_tokens_fill (self->tokens, record->document);

  g_array_set_size (self->tags, self->tokens->len * N_COLUMNS);
  if (self->tags->len > 0)
    memset (self->tags->data, 0, (gsize)self->tags->len * sizeof (guint32));

  place_spans (self, record, spans);
  for (guint c = 0; c < N_COLUMNS; c++)
    tag_column (self, c);
  report_spans (self, record, spans, summary);
  tag_attributes (self, record, spans, summary);
  prepare_labels (self, spans);
}

GArray *
gloss_conll_writer_get_tokens (GlossConllWriter *self)
{
  g_return_val_if_fail (GLOSS_IS_CONLL_WRITER (self), NULL);

  return self->tokens;
}

gboolean
gloss_conll_writer_starts_sentence (GlossConllWriter *self,
                                    guint             index)
{
  const guint32 *tags;

  g_return_val_if_fail (GLOSS_IS_CONLL_WRITER (self), FALSE);
  g_return_val_if_fail (index < self->tokens->len, FALSE);

  tags = (const guint32 *)(gconstpointer)self->tags->data;
  return g_array_index (self->tokens, Token, index).new_sentence
         && !is_unbroken (self, &tags[index * N_COLUMNS]);
}

gboolean
gloss_conll_writer_get_tag (GlossConllWriter  *self,
                            guint              index,
                            char              *prefix,
                            const char       **label,
                            gsize             *length)
{
  const LabelText *text;
  guint32 tag;

  g_return_val_if_fail (GLOSS_IS_CONLL_WRITER (self), FALSE);
  g_return_val_if_fail (index < self->tokens->len, FALSE);

  tag = g_array_index (self->tags, guint32, index * N_COLUMNS + self->columns[0]);
  if (tag == 0)
    return FALSE;

  text = &g_array_index (self->label_texts, LabelText, tag_span (tag));
  *prefix = tag_is_begin (tag) ? 'B' : 'I';
  *label = text->text;
  *length = text->length;
  return TRUE;
}

static gboolean
conll_write_record (GlossFormatWriter        *writer,
                    const GlossExportRecord  *record,
                    GlossExportSummary       *summary,
                    GError                  **error)
{
  GlossConllWriter *self = GLOSS_CONLL_WRITER (writer);

  gloss_conll_writer_tag_record (self, record, summary);

  if (!write_tokens (self, record, error))
    return FALSE;

  return flush (self, error);
}

static gboolean
conll_end (GlossFormatWriter   *writer,
           GlossExportSummary  *summary,
           GError             **error)
{
  GlossConllWriter *self = GLOSS_CONLL_WRITER (writer);

  /* No record: the header has not been written yet. */
  if (!self->attributes_settled)
    {
      self->attributes_settled = TRUE;
      if (self->variant == GLOSS_CONLL_VARIANT_FULL)
        put_header (self);
    }

  return flush (self, error);
}

static void
gloss_conll_writer_finalize (GObject *object)
{
  GlossConllWriter *self = GLOSS_CONLL_WRITER (object);

  g_hash_table_unref (self->clean_labels);
  g_array_unref (self->tokens);
  g_array_unref (self->label_texts);
  g_array_unref (self->tags);
  for (guint c = 0; c < N_COLUMNS; c++)
    g_array_unref (self->placements[c]);
  g_array_unref (self->fates);
  g_string_free (self->buffer, TRUE);
  g_array_unref (self->attribute_columns);
  g_array_unref (self->attribute_tags);
  g_ptr_array_unref (self->attribute_values);

  G_OBJECT_CLASS (gloss_conll_writer_parent_class)->finalize (object);
}

static void
gloss_conll_writer_class_init (GlossConllWriterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GlossFormatWriterClass *writer_class = GLOSS_FORMAT_WRITER_CLASS (klass);

  object_class->finalize = gloss_conll_writer_finalize;
  writer_class->begin = conll_begin;
  writer_class->write_record = conll_write_record;
  writer_class->end = conll_end;
  /* It counts the values it has no column for itself: all of them when
   * the attribute option is off. The article's fields have no place. */
  writer_class->handles_attributes = TRUE;
}

static void
gloss_conll_writer_init (GlossConllWriter *self)
{
  self->clean_labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->tokens = g_array_new (FALSE, FALSE, sizeof (Token));
  self->label_texts = g_array_new (FALSE, FALSE, sizeof (LabelText));
  self->tags = g_array_new (FALSE, TRUE, sizeof (guint32));
  for (guint c = 0; c < N_COLUMNS; c++)
    self->placements[c] = g_array_new (FALSE, FALSE, sizeof (Placement));
  self->fates = g_array_new (FALSE, FALSE, sizeof (SpanFate));
  self->buffer = g_string_sized_new (FLUSH_SIZE + 4096);
  self->attribute_columns = g_array_new (FALSE, FALSE, sizeof (AttributeColumn));
  g_array_set_clear_func (self->attribute_columns, attribute_column_clear);
  self->attribute_tags = g_array_new (FALSE, TRUE, sizeof (guint32));
  self->attribute_values = g_ptr_array_new_with_free_func (g_free);
}
