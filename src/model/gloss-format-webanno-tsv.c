/* gloss-format-webanno-tsv.c — WebAnno TSV 3.3, the tab-separated format
 * INCEpTION (and WebAnno before it) reads and writes
 *
 * One file per article × annotator, in a folder. Each file declares a span
 * layer (the label, Gloss's id and the note as features: the custom.Span
 * of the UIMA CAS JSON export) and a relation layer between its spans, then gives the text sentence by sentence: `#Text=` lines, and
 * one row per token with the token's UTF-16 offsets and a column per
 * feature. A span that starts or ends inside a token is written on a
 * sub-token row ("1-3.1") for just that part; a span over several rows, or
 * one that shares a row with another span, carries a disambiguation id
 * ("person[4]") so the reader joins its rows into one annotation and tells
 * stacked ones apart; a relation is written on its target's first row with
 * the row of its source. The rules are those of INCEpTION's reader,
 * Tsv3XDeserializer (docs/webanno-tsv.md cites it):
 *
 *  - the document text is rebuilt from the `#Text=` lines, one line break
 *    after each sentence, and spaces where the next sentence's first token
 *    starts later; a sentence's text longer by exactly that line break is
 *    cut back. So each sentence here holds all the text up to the next
 *    one (its spaces and line breaks included), and the text comes back
 *    the same — but for what stands before the first token, which comes
 *    back as spaces, and a line break the reader adds at the very end;
 *  - a span's begin is the begin of the first row that names it, its end
 *    the end of the last;
 *  - a row with no token of its own cannot be addressed: a span's bounds
 *    that lie in the space between tokens are moved onto the tokens
 *    (reported), and a span over spaces alone is left out (reported).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gloss-error.h"
#include "gloss-format-writer.h"
#include "gloss-import.h"
#include "gloss-tokens.h"

/* The layers as INCEpTION names a project's custom layers; a project that
 * imports the files needs them, with these features (docs/webanno-tsv.md). */
#define SPAN_LAYER     "custom.Span"
#define RELATION_LAYER "custom.Relation"

/* The reader's pattern for a row id allows one digit after the dot: a span
 * on a sub-token numbered higher is referred to by its id instead. */
#define MAX_ADDRESSABLE_SUB_TOKEN 9

struct _GlossWebannoTsvWriter
{
  GlossFormatWriter parent_instance;

  GHashTable *names;   /* file names claimed in this export */
};

G_DEFINE_FINAL_TYPE (GlossWebannoTsvWriter, gloss_webanno_tsv_writer, GLOSS_TYPE_FORMAT_WRITER)

/* A span's part on one token: all of it, or the part the span covers.
 * Sorted, the parts are the rows' spans in file order. */
typedef struct
{
  guint    token;
  guint    start;      /* code points */
  guint    end;
  guint    span;
  gboolean whole;
} Part;

/* A row: a token, or a part of one (a sub-token). */
typedef struct
{
  guint   token;
  guint   sub;          /* 0 for the token's own row, else 1… in its token */
  guint   start;        /* code points */
  guint   end;
  gsize   byte_start;   /* into the text */
  gsize   byte_end;
  guint   utf16_start;
  guint   utf16_end;
  guint   first_part;   /* its spans: parts[first_part …] */
  guint   n_parts;
  GArray *relations;    /* guint: the relations written here, or NULL */
} Row;

/* Where a span went. */
typedef struct
{
  guint    first_row;   /* G_MAXUINT: written nowhere */
  guint    last_row;
  guint    n_rows;
  gboolean needs_id;
  guint    id;          /* disambiguation id, 0 for none */
} SpanPlace;

typedef struct
{
  const GlossExportRecord *record;
  GlossExportSummary      *summary;
  GPtrArray               *spans;
  GPtrArray               *relations;
  GArray                  *tokens;     /* GlossToken */
  GArray                  *parts;      /* Part, sorted */
  GArray                  *rows;       /* Row, file order */
  GArray                  *places;     /* SpanPlace, one per span */
  GHashTable              *span_index; /* span id → its index + 1 */
  GString                 *out;
} Record;

static void
row_clear (gpointer data)
{
  Row *row = data;

  g_clear_pointer (&row->relations, g_array_unref);
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

static char *
dup_quoted_span (Record          *record,
                 GlossAnnotation *span)
{
  g_autofree char *text = gloss_document_dup_slice (record->record->document,
                                                    gloss_annotation_get_start (span),
                                                    gloss_annotation_get_end (span));

  return gloss_import_dup_visible (text, 40);
}

static void
append_uint (GString *out,
             guint    n)
{
  char digits[16];
  guint i = sizeof digits;

  do
    {
      digits[--i] = '0' + n % 10;
      n /= 10;
    }
  while (n > 0);
  g_string_append_len (out, digits + i, sizeof digits - i);
}

/* Escaping, as INCEpTION's Escaping class does it */

/* A feature value (Escaping.escapeValue): the format's reserved
 * characters, and "->" as a unit. A carriage return has no escape there
 * and would end the row for Java's line reader: it is written as a line
 * break, and *@changed says so. */
static void
append_value (GString    *out,
              const char *value,
              gboolean   *changed)
{
  for (const char *p = value; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\\': case '[': case ']': case '|': case '_': case ';': case '*':
          g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          *changed = TRUE;
          g_string_append (out, "\\n");
          if (p[1] == '\n')
            p++;
          break;
        case '-':
          if (p[1] == '>')
            {
              g_string_append (out, "\\->");
              p++;
            }
          else
            g_string_append_c (out, '-');
          break;
        default:
          g_string_append_c (out, *p);
          break;
        }
    }
}

/* Text of a `#Text=` line or a token (Escaping.escapeText): the control
 * characters other than 8–13 as a backslash before the character itself,
 * and \t \n \f \r \b and the backslash as Java escapes. */
static void
append_text (GString    *out,
             const char *text,
             gsize       length)
{
  gsize run = 0;

  for (gsize i = 0; i < length; i++)
    {
      guchar c = text[i];

      if (c >= 32 && c != '\\')
        continue;

      g_string_append_len (out, text + run, i - run);
      run = i + 1;
      switch (c)
        {
        case '\t': g_string_append (out, "\\t"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\\': g_string_append (out, "\\\\"); break;
        default:
          if (!(c > 7 && c < 14))
            g_string_append_c (out, '\\');
          g_string_append_c (out, c);
          break;
        }
    }
  g_string_append_len (out, text + run, length - run);
}

/* Rows */

/* Moves [*start, *end) onto the tokens it touches: FALSE when it touches
 * none (spaces only). @first and @last are those tokens. */
static gboolean
fit_to_tokens (Record *record,
               guint  *start,
               guint  *end,
               guint  *first,
               guint  *last)
{
  GArray *tokens = record->tokens;
  guint from = gloss_tokens_first_ending_after (tokens, *start);
  guint to = gloss_tokens_first_starting_from (tokens, *end);

  if (from >= tokens->len || from >= to)
    return FALSE;

  *first = from;
  *last = to - 1;
  *start = MAX (*start, g_array_index (tokens, GlossToken, from).start);
  *end = MIN (*end, g_array_index (tokens, GlossToken, to - 1).end);
  return TRUE;
}

/* Rows in file order: a token's own row, then its sub-tokens by start and
 * end; on a row, spans in document order. */
static int
compare_parts (gconstpointer a,
               gconstpointer b)
{
  const Part *pa = a, *pb = b;

  if (pa->token != pb->token)
    return pa->token < pb->token ? -1 : 1;
  if (pa->whole != pb->whole)
    return pa->whole ? -1 : 1;
  if (pa->start != pb->start)
    return pa->start < pb->start ? -1 : 1;
  if (pa->end != pb->end)
    return pa->end < pb->end ? -1 : 1;
  if (pa->span != pb->span)
    return pa->span < pb->span ? -1 : 1;
  return 0;
}

static void
collect_parts (Record *record)
{
  for (guint i = 0; i < record->spans->len; i++)
    {
      GlossAnnotation *span = g_ptr_array_index (record->spans, i);
      guint start = gloss_annotation_get_start (span);
      guint end = gloss_annotation_get_end (span);
      guint first, last;

      if (!fit_to_tokens (record, &start, &end, &first, &last))
        continue;

      for (guint t = first; t <= last; t++)
        {
          const GlossToken *token = &g_array_index (record->tokens, GlossToken, t);
          Part part = {
            .token = t,
            .start = MAX (start, token->start),
            .end = MIN (end, token->end),
            .span = i,
          };

          part.whole = part.start == token->start && part.end == token->end;
          g_array_append_val (record->parts, part);
        }
    }

  g_array_sort (record->parts, compare_parts);
}

/* Counting UTF-16 code units while walking UTF-8: a 4-byte sequence is a
 * surrogate pair, a continuation byte is nothing. */
static const char *
walk_chars (const char *p,
            guint       n_chars,
            guint      *utf16)
{
  for (; n_chars > 0; n_chars--)
    {
      *utf16 += (guchar) *p >= 0xf0 ? 2 : 1;
      p = g_utf8_next_char (p);
    }
  return p;
}

static const char *
walk_bytes (const char *p,
            const char *to,
            guint      *utf16)
{
  for (; p < to; p++)
    {
      guchar c = *p;

      if ((c & 0xc0) != 0x80)
        *utf16 += c >= 0xf0 ? 2 : 1;
    }
  return p;
}

static guint
add_row (Record     *record,
         const Row  *row)
{
  g_array_append_vals (record->rows, row, 1);
  return record->rows->len - 1;
}

static void
place_part (Record *record,
            guint   part_index,
            guint   row_index)
{
  const Part *part = &g_array_index (record->parts, Part, part_index);
  SpanPlace *place = &g_array_index (record->places, SpanPlace, part->span);

  if (place->first_row == G_MAXUINT)
    place->first_row = row_index;
  place->last_row = row_index;
  place->n_rows++;
}

/* Every token's row, the sub-token rows the spans need, and each span on
 * its rows (in token order, so its first row comes first in the file). */
static void
place_spans (Record *record)
{
  const char *text = gloss_document_get_text (record->record->document);
  const char *cursor = text;
  guint cursor_utf16 = 0;
  GArray *parts = record->parts;
  guint p = 0;

  collect_parts (record);

  for (guint t = 0; t < record->tokens->len; t++)
    {
      const GlossToken *token = &g_array_index (record->tokens, GlossToken, t);
      Row token_row = {
        .token = t,
        .start = token->start,
        .end = token->end,
        .byte_start = token->byte_start,
        .byte_end = token->byte_start + token->byte_length,
      };
      guint token_index, sub_index = G_MAXUINT;

      cursor = walk_bytes (cursor, text + token->byte_start, &cursor_utf16);
      token_row.utf16_start = cursor_utf16;
      cursor = walk_bytes (cursor, text + token_row.byte_end, &cursor_utf16);
      token_row.utf16_end = cursor_utf16;
      token_row.first_part = p;
      for (; p < parts->len && g_array_index (parts, Part, p).token == t
             && g_array_index (parts, Part, p).whole; p++)
        token_row.n_parts++;
      token_index = add_row (record, &token_row);
      for (guint q = token_row.first_part; q < p; q++)
        place_part (record, q, token_index);

      for (; p < parts->len && g_array_index (parts, Part, p).token == t; p++)
        {
          const Part *part = &g_array_index (parts, Part, p);
          Row *last = sub_index != G_MAXUINT ? &g_array_index (record->rows, Row, sub_index) : NULL;

          if (last == NULL || last->start != part->start || last->end != part->end)
            {
              guint utf16 = token_row.utf16_start;
              const char *at = walk_chars (text + token->byte_start, part->start - token->start, &utf16);
              Row sub = {
                .token = t,
                .sub = last != NULL ? last->sub + 1 : 1,
                .start = part->start,
                .end = part->end,
                .byte_start = at - text,
                .utf16_start = utf16,
                .first_part = p,
              };

              at = walk_chars (at, part->end - part->start, &utf16);
              sub.byte_end = at - text;
              sub.utf16_end = utf16;
              sub_index = add_row (record, &sub);
            }
          g_array_index (record->rows, Row, sub_index).n_parts++;
          place_part (record, p, sub_index);
        }
    }
}

/* The reports for the spans that could not be written as they are, and
 * the counts of what went with the ones left out. */
static void
report_spans (Record *record)
{
  for (guint i = 0; i < record->spans->len; i++)
    {
      GlossAnnotation *span = g_ptr_array_index (record->spans, i);
      SpanPlace *place = &g_array_index (record->places, SpanPlace, i);
      const char *note = gloss_annotation_get_note (span);
      g_autofree char *quoted = NULL;

      if (place->first_row == G_MAXUINT)
        {
          quoted = dup_quoted_span (record, span);
          record->summary->lost_overlaps++;
          if (note != NULL && note[0] != '\0')
            record->summary->lost_notes++;
          add_problem (record->summary,
                       g_strdup_printf (_("%s: span %s “%s” holds no token; left out"),
                                        record->record->article_id,
                                        gloss_annotation_get_id (span), quoted));
          continue;
        }

      if (g_array_index (record->rows, Row, place->first_row).start == gloss_annotation_get_start (span)
          && g_array_index (record->rows, Row, place->last_row).end == gloss_annotation_get_end (span))
        continue;

      quoted = dup_quoted_span (record, span);
      record->summary->trimmed_spans++;
      add_problem (record->summary,
                   g_strdup_printf (_("%s: span %s “%s” starts or ends in the space between tokens; written without that space"),
                                    record->record->article_id,
                                    gloss_annotation_get_id (span), quoted));
    }
}

/* Disambiguation ids: for a span over several rows, one that shares a row
 * with another, and one that no row id could name. Numbered from 1 in
 * document order. */
static void
number_spans (Record *record)
{
  guint next = 1;

  for (guint r = 0; r < record->rows->len; r++)
    {
      const Row *row = &g_array_index (record->rows, Row, r);
      gboolean shared = row->n_parts > 1 || row->sub > MAX_ADDRESSABLE_SUB_TOKEN;

      for (guint q = row->first_part; shared && q < row->first_part + row->n_parts; q++)
        g_array_index (record->places, SpanPlace,
                       g_array_index (record->parts, Part, q).span).needs_id = TRUE;
    }

  for (guint i = 0; i < record->places->len; i++)
    {
      SpanPlace *place = &g_array_index (record->places, SpanPlace, i);

      if (place->needs_id || place->n_rows > 1)
        place->id = next++;
    }
}

static SpanPlace *
place_of (Record *record,
          guint   span)
{
  return &g_array_index (record->places, SpanPlace, span);
}

/* Each relation on the first row of its target; one whose end was left
 * out goes with it. */
static void
place_relations (Record *record)
{
  GHashTable *index = record->span_index;

  for (guint i = 0; i < record->relations->len; i++)
    {
      GlossRelation *relation = g_ptr_array_index (record->relations, i);
      guint from = GPOINTER_TO_UINT (g_hash_table_lookup (index, gloss_relation_get_from (relation)));
      guint to = GPOINTER_TO_UINT (g_hash_table_lookup (index, gloss_relation_get_to (relation)));
      Row *row;

      if (from == 0 || to == 0
          || place_of (record, from - 1)->first_row == G_MAXUINT
          || place_of (record, to - 1)->first_row == G_MAXUINT)
        {
          record->summary->lost_relations++;
          continue;
        }

      row = &g_array_index (record->rows, Row, place_of (record, to - 1)->first_row);
      if (row->relations == NULL)
        row->relations = g_array_new (FALSE, FALSE, sizeof (guint));
      g_array_append_val (row->relations, i);
    }
}

/* Writing */

typedef struct
{
  guint sentence;     /* 1… */
  guint in_sentence;  /* 1… */
} TokenNumber;

static void
append_unit_id (GString           *out,
                const TokenNumber *numbers,
                const Row         *row)
{
  const TokenNumber *n = &numbers[row->token];

  append_uint (out, n->sentence);
  g_string_append_c (out, '-');
  append_uint (out, n->in_sentence);
  if (row->sub > 0)
    {
      g_string_append_c (out, '.');
      append_uint (out, row->sub);
    }
}

static void
append_id (GString *out,
           guint    id)
{
  if (id == 0)
    return;
  g_string_append_c (out, '[');
  append_uint (out, id);
  g_string_append_c (out, ']');
}

/* The span layer's features, as inception.md sets the layer up (the same
 * custom.Span as the UIMA CAS JSON export's). */
typedef enum
{
  SPAN_LABEL,
  SPAN_ID,
  SPAN_NOTE,
} SpanColumn;

static const char *
span_value (GlossAnnotation *span,
            SpanColumn       column)
{
  switch (column)
    {
    case SPAN_ID:
      return gloss_annotation_get_id (span);
    case SPAN_NOTE:
      return gloss_annotation_get_note (span);
    case SPAN_LABEL:
    default:
      return gloss_annotation_get_label (span);
    }
}

/* A column of the span layer on @row: "_" when no span is on it, "*" for
 * a span without a value. A note is written on each row of its span; a
 * change to it (see append_value()) is reported on the first. */
static void
append_span_column (Record     *record,
                    guint       row_index,
                    SpanColumn  column)
{
  const Row *row = &g_array_index (record->rows, Row, row_index);
  GString *out = record->out;

  if (row->n_parts == 0)
    {
      g_string_append_c (out, '_');
      return;
    }

  for (guint i = 0; i < row->n_parts; i++)
    {
      guint index = g_array_index (record->parts, Part, row->first_part + i).span;
      GlossAnnotation *span = g_ptr_array_index (record->spans, index);
      const char *value = span_value (span, column);
      gboolean changed = FALSE;

      if (i > 0)
        g_string_append_c (out, '|');
      if (value == NULL || value[0] == '\0')
        g_string_append_c (out, '*');
      else
        append_value (out, value, &changed);
      append_id (out, place_of (record, index)->id);

      if (!changed || place_of (record, index)->first_row != row_index)
        continue;
      if (column == SPAN_NOTE)
        add_problem (record->summary,
                     g_strdup_printf (_("%s: the note of span %s has carriage returns, which WebAnno TSV cannot hold; written as line breaks"),
                                      record->record->article_id, gloss_annotation_get_id (span)));
      else
        add_problem (record->summary,
                     g_strdup_printf (_("%s: span %s has a carriage return in its label or id, which WebAnno TSV cannot hold; written as a line break"),
                                      record->record->article_id, gloss_annotation_get_id (span)));
    }
}

static void
append_relation_columns (Record            *record,
                         const TokenNumber *numbers,
                         const Row         *row)
{
  GString *out = record->out;

  if (row->relations == NULL)
    {
      g_string_append (out, "_\t_\t_");
      return;
    }

  for (guint column = 0; column < 2; column++)
    {
      for (guint i = 0; i < row->relations->len; i++)
        {
          GlossRelation *relation = g_ptr_array_index (record->relations,
                                                       g_array_index (row->relations, guint, i));
          const char *value = column == 0 ? gloss_relation_get_rel_type (relation)
                                          : gloss_relation_get_id (relation);
          gboolean changed = FALSE;

          if (i > 0)
            g_string_append_c (out, '|');
          if (value == NULL || value[0] == '\0')
            g_string_append_c (out, '*');
          else
            append_value (out, value, &changed);
          if (changed)
            add_problem (record->summary,
                         g_strdup_printf (_("%s: relation %s has a carriage return in its type or id, which WebAnno TSV cannot hold; written as a line break"),
                                          record->record->article_id, gloss_relation_get_id (relation)));
        }
      g_string_append_c (out, '\t');
    }

  for (guint i = 0; i < row->relations->len; i++)
    {
      GlossRelation *relation = g_ptr_array_index (record->relations,
                                                   g_array_index (row->relations, guint, i));
      guint from = GPOINTER_TO_UINT (g_hash_table_lookup (record->span_index,
                                                          gloss_relation_get_from (relation)));
      guint to = GPOINTER_TO_UINT (g_hash_table_lookup (record->span_index,
                                                        gloss_relation_get_to (relation)));
      SpanPlace *source = place_of (record, from - 1);
      SpanPlace *target = place_of (record, to - 1);

      if (i > 0)
        g_string_append_c (out, '|');
      append_unit_id (out, numbers, &g_array_index (record->rows, Row, source->first_row));
      if (source->id > 0 || target->id > 0)
        {
          g_string_append_c (out, '[');
          append_uint (out, source->id);
          g_string_append_c (out, '_');
          append_uint (out, target->id);
          g_string_append_c (out, ']');
        }
    }
}

/* The text from byte @start to @end as `#Text=` lines, one per line of
 * it. */
static void
append_sentence_text (Record *record,
                      gsize   start,
                      gsize   end)
{
  const char *text = gloss_document_get_text (record->record->document);
  const char *p = text + start;
  const char *stop = text + end;

  for (;;)
    {
      const char *line_end = memchr (p, '\n', stop - p);

      g_string_append (record->out, "#Text=");
      append_text (record->out, p, (line_end != NULL ? line_end : stop) - p);
      g_string_append_c (record->out, '\n');
      if (line_end == NULL)
        break;
      p = line_end + 1;
    }
}

/* Where (in bytes) the sentence before token @next_sentence_token ends:
 * where the next one starts — the spaces and line breaks between them are
 * its own — or, for the last, at the end of the text less one final line
 * break, which the reader puts back. */
static gsize
sentence_end (Record *record,
              guint   next_sentence_token)
{
  GlossDocument *document = record->record->document;
  gsize n_bytes = gloss_document_get_n_bytes (document);

  if (next_sentence_token < record->tokens->len)
    return g_array_index (record->tokens, GlossToken, next_sentence_token).byte_start;
  if (n_bytes > 0 && gloss_document_get_text (document)[n_bytes - 1] == '\n')
    return n_bytes - 1;
  return n_bytes;
}

static void
append_row (Record            *record,
            const TokenNumber *numbers,
            guint              row_index)
{
  const Row *row = &g_array_index (record->rows, Row, row_index);
  const char *text = gloss_document_get_text (record->record->document);
  GString *out = record->out;

  append_unit_id (out, numbers, row);
  g_string_append_c (out, '\t');
  append_uint (out, row->utf16_start);
  g_string_append_c (out, '-');
  append_uint (out, row->utf16_end);
  g_string_append_c (out, '\t');
  append_text (out, text + row->byte_start, row->byte_end - row->byte_start);
  g_string_append_c (out, '\t');
  append_span_column (record, row_index, SPAN_LABEL);
  g_string_append_c (out, '\t');
  append_span_column (record, row_index, SPAN_ID);
  g_string_append_c (out, '\t');
  append_span_column (record, row_index, SPAN_NOTE);
  g_string_append_c (out, '\t');
  append_relation_columns (record, numbers, row);
  /* INCEpTION's writer ends every row with a separator too. */
  g_string_append (out, "\t\n");
}

static void
append_header (GString *out)
{
  g_string_append (out,
                   "#FORMAT=WebAnno TSV 3.3\n"
                   "#T_SP=" SPAN_LAYER "|label|id|note\n"
                   "#T_RL=" RELATION_LAYER "|label|id|BT_" SPAN_LAYER "\n"
                   "\n\n");
}

static void
append_body (Record *record)
{
  GArray *tokens = record->tokens;
  g_autofree TokenNumber *numbers = g_new0 (TokenNumber, MAX (tokens->len, 1));
  guint sentence = 0, in_sentence = 0;
  guint row = 0;

  for (guint t = 0; t < tokens->len; t++)
    {
      const GlossToken *token = &g_array_index (tokens, GlossToken, t);

      if (t == 0 || token->new_sentence)
        {
          sentence++;
          in_sentence = 0;
        }
      numbers[t].sentence = sentence;
      numbers[t].in_sentence = ++in_sentence;
    }

  for (guint t = 0; t < tokens->len;)
    {
      guint next = t + 1;

      while (next < tokens->len && !g_array_index (tokens, GlossToken, next).new_sentence)
        next++;

      if (t > 0)
        g_string_append_c (record->out, '\n');
      append_sentence_text (record, g_array_index (tokens, GlossToken, t).byte_start,
                            sentence_end (record, next));
      for (; row < record->rows->len && g_array_index (record->rows, Row, row).token < next; row++)
        append_row (record, numbers, row);

      t = next;
    }
}

/* File names */

/* The article id folded as brat's export folds it, then the annotator:
 * one folder holds every article × annotator. */
static char *
claim_name (GlossWebannoTsvWriter   *self,
            const GlossExportRecord *record,
            GlossExportSummary      *summary)
{
  g_autofree char *folded = gloss_format_writer_fold_article_id (record->article_id);
  g_autoptr(GString) base = g_string_new (folded);
  char *name;

  g_string_append_printf (base, ".%s", record->annotator);

  name = g_strconcat (base->str, ".tsv", NULL);
  for (guint n = 2; g_hash_table_contains (self->names, name); n++)
    {
      g_free (name);
      name = g_strdup_printf ("%s-%u.tsv", base->str, n);
    }
  if (strlen (name) != base->len + strlen (".tsv"))
    add_problem (summary,
                 g_strdup_printf (_("%s: written as %s, as another article already has the name %s.tsv"),
                                  record->article_id, name, base->str));

  g_hash_table_add (self->names, g_strdup (name));
  return name;
}

/* The writer */

static gboolean
gloss_webanno_tsv_writer_begin (GlossFormatWriter  *writer,
                                GError            **error)
{
  if (gloss_format_writer_get_folder (writer) == NULL)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   _("WebAnno TSV is written into a folder"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
gloss_webanno_tsv_writer_write_record (GlossFormatWriter        *writer,
                                       const GlossExportRecord  *export_record,
                                       GlossExportSummary       *summary,
                                       GError                  **error)
{
  GlossWebannoTsvWriter *self = GLOSS_WEBANNO_TSV_WRITER (writer);
  g_autoptr(GPtrArray) spans = gloss_format_writer_dup_spans (writer, export_record);
  g_autoptr(GPtrArray) relations = gloss_format_writer_dup_relations (writer, export_record, spans);
  g_autoptr(GArray) tokens = gloss_tokens_new (export_record->document);
  g_autoptr(GArray) parts = g_array_new (FALSE, FALSE, sizeof (Part));
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (Row));
  g_autoptr(GArray) places = g_array_new (FALSE, TRUE, sizeof (SpanPlace));
  g_autoptr(GHashTable) span_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *name = NULL;
  g_autoptr(GFile) file = NULL;
  Record record = {
    .record = export_record,
    .summary = summary,
    .spans = spans,
    .relations = relations,
    .tokens = tokens,
    .parts = parts,
    .rows = rows,
    .places = places,
    .span_index = span_index,
    .out = out,
  };

  g_array_set_clear_func (rows, row_clear);
  g_array_set_size (places, spans->len);
  for (guint i = 0; i < spans->len; i++)
    {
      g_array_index (places, SpanPlace, i).first_row = G_MAXUINT;
      g_hash_table_insert (span_index,
                           (gpointer) gloss_annotation_get_id (g_ptr_array_index (spans, i)),
                           GUINT_TO_POINTER (i + 1));
    }

  place_spans (&record);
  report_spans (&record);
  number_spans (&record);
  place_relations (&record);

  /* The reader wants a sentence after the header: a file without one is
   * no WebAnno TSV it can open. */
  if (tokens->len == 0)
    {
      add_problem (summary,
                   g_strdup_printf (_("%s: no word in the text; WebAnno TSV cannot hold an article without one, and no file is written for %s"),
                                    export_record->article_id, export_record->annotator));
      return TRUE;
    }

  append_header (out);
  append_body (&record);

  name = claim_name (self, export_record, summary);
  file = g_file_get_child (gloss_format_writer_get_folder (writer), name);
  return gloss_format_writer_create_file (file, out->str, out->len, error);
}

static void
gloss_webanno_tsv_writer_finalize (GObject *object)
{
  GlossWebannoTsvWriter *self = GLOSS_WEBANNO_TSV_WRITER (object);

  g_hash_table_unref (self->names);

  G_OBJECT_CLASS (gloss_webanno_tsv_writer_parent_class)->finalize (object);
}

static void
gloss_webanno_tsv_writer_class_init (GlossWebannoTsvWriterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GlossFormatWriterClass *writer_class = GLOSS_FORMAT_WRITER_CLASS (klass);

  object_class->finalize = gloss_webanno_tsv_writer_finalize;
  writer_class->begin = gloss_webanno_tsv_writer_begin;
  writer_class->write_record = gloss_webanno_tsv_writer_write_record;
}

static void
gloss_webanno_tsv_writer_init (GlossWebannoTsvWriter *self)
{
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}
