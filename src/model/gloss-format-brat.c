/* gloss-format-brat.c — brat standoff export: X.txt + X.ann per record
 *
 * Each article × annotator record becomes a .txt (the article's text as
 * Gloss has it, BOM dropped) and an .ann beside it:
 *
 *   T<n> <TAB> label start end[;start end…] <TAB> text
 *   R<n> <TAB> type Arg1:T<a> Arg2:T<b>
 *   #<n> <TAB> AnnotatorNotes T<k> <TAB> one line of the note
 *   A<n> <TAB> attribute T<k> [value]   (the span's attributes)
 *   A<n>, N<n> and other # lines for what an older brat import kept as extra keys
 *
 * in code points (or, when asked for, UTF-16 code units: what INCEpTION
 * and brat 1.3's viewer count). A .ann is line-based, so a span that crosses a line
 * break is written as a discontinuous span cut at its line breaks (which
 * is also how brat itself stores one), and a note of several lines as one
 * # line per line; the importer joins both back. At the end an
 * annotation.conf lists the entity, relation and attribute types, so brat
 * opens the folder as it is: relation types with the ends the label set
 * allows, attributes with the span types they apply to and their values.
 *
 * brat holds one value per attribute of a span, from a list declared in
 * annotation.conf (server/src/annotator.py's _set_attributes takes a
 * dict; projectconfig.py reads "Value:v1|v2"). So a boolean true is a
 * binary A line and false is no line (brat's own meaning of an absent
 * binary attribute); a choice, a text and a number are one A line each
 * with the value declared; what brat cannot hold — several values of a
 * multiple choice, a text that is not one word of what annotation.conf
 * can list — is counted in lost_attributes and reported.
 * docs/brat.md is the user-facing description.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "gloss-format-writer.h"

/* The extra keys gloss-import-brat.c keeps what brat has and Gloss lacks in. */
#define BRAT_KEY_ATTRIBUTES     "brat-attributes"
#define BRAT_KEY_NORMALIZATIONS "brat-normalizations"
#define BRAT_KEY_COMMENTS       "brat-comments"
#define BRAT_KEY_FRAGMENT_OF    "brat-fragment-of"

#define BRAT_CONF_NAME          "annotation.conf"

typedef struct
{
  guint start;
  guint end;
} Range;

/* One T line: a span, or a span and the later fragments an import split
 * off it. */
typedef struct
{
  GlossAnnotation *head;
  GArray          *ranges;   /* Range: the spans' bounds, then the pieces written */
  guint            number;   /* T<number>; 0 when it could not be written */
} Entity;

/* For annotation.conf: the labels each end of a relation type may link:
 * those its label set's rule allows and those seen; an end the rule
 * leaves open is brat's <ENTITY>. */
typedef struct
{
  GHashTable *from;          /* label set */
  GHashTable *to;
  gboolean    any_from;
  gboolean    any_to;
} RelationArgs;

/* For annotation.conf: one attribute — the span types that carry it and
 * its values, in the order first declared. */
typedef struct
{
  GHashTable *args;          /* span types (brat words) */
  GPtrArray  *values;        /* char*, no repeats */
  GHashTable *value_set;     /* borrowed from values */
  gboolean    binary;        /* written (or declared) as a binary attribute */
} AttributeDecl;

struct _GlossBratWriter
{
  GlossFormatWriter parent_instance;

  gboolean    annotator_suffix;  /* several annotators: "X.<annotator>.ann" */
  GHashTable *names;             /* the file names (without extension) used */

  GHashTable *entity_types;      /* label set, for annotation.conf */
  GHashTable *relation_types;    /* type → RelationArgs */
  GHashTable *attributes;        /* name → AttributeDecl */
};

G_DEFINE_FINAL_TYPE (GlossBratWriter, gloss_brat_writer, GLOSS_TYPE_FORMAT_WRITER)

/* One record being written. */
typedef struct
{
  GlossBratWriter         *writer;
  const GlossExportRecord *record;
  GlossExportSummary      *summary;
  char                    *source;      /* the sidecar, as problems name it */
  GString                 *ann;
  GPtrArray               *entities;    /* Entity, in document order of their heads */
  GHashTable              *entity_of;   /* span id → Entity */
  GHashTable              *renamed;     /* words already reported as changed */
  guint                    n_notes;     /* # lines so far */
  guint                    n_attributes;
  guint                    n_normalizations;
} Record;

static void
entity_free (Entity *entity)
{
  g_array_unref (entity->ranges);
  g_free (entity);
}

static void
relation_args_free (RelationArgs *args)
{
  g_hash_table_unref (args->from);
  g_hash_table_unref (args->to);
  g_free (args);
}

static void
attribute_decl_free (AttributeDecl *decl)
{
  g_hash_table_unref (decl->args);
  g_hash_table_unref (decl->value_set);
  g_ptr_array_unref (decl->values);
  g_free (decl);
}

static GHashTable *
string_set_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
string_set_add (GHashTable *set,
                const char *str)
{
  if (!g_hash_table_contains (set, str))
    g_hash_table_add (set, g_strdup (str));
}

static const GlossExportOptions *
record_options (Record *record)
{
  return gloss_format_writer_get_options (GLOSS_FORMAT_WRITER (record->writer));
}

static void record_problem (Record     *record,
                            const char *format,
                            ...) G_GNUC_PRINTF (2, 3);

/* "FILE: what", FILE being the sidecar the record came from. */
static void
record_problem (Record     *record,
                const char *format,
                ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (record->summary->problems, g_strdup_printf ("%s: %s", record->source, message));
}

/* Python's str.splitlines() set, which is what brat splits its files on:
 * none of these may appear inside one line of an .ann. */
static gboolean
is_line_break (gunichar c)
{
  return c == '\n' || c == '\r' || c == 0x0b || c == 0x0c
         || (c >= 0x1c && c <= 0x1e) || c == 0x85 || c == 0x2028 || c == 0x2029;
}

/* brat types and attribute names are single words. */
static gboolean
is_word_breaking (gunichar c)
{
  return g_unichar_isspace (c) || is_line_break (c) || g_unichar_iscntrl (c);
}

/* @str with what brat cannot hold in a type replaced by '_'; NULL when it
 * needs no change. */
static char *
brat_word (const char *str)
{
  g_autoptr(GString) out = NULL;
  gboolean clean = str[0] != '\0';

  for (const char *p = str; clean && *p != '\0'; p = g_utf8_next_char (p))
    clean = !is_word_breaking (g_utf8_get_char (p));

  if (clean)
    return NULL;
  if (str[0] == '\0')
    return g_strdup ("_");

  out = g_string_new (NULL);
  for (const char *p = str; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_word_breaking (c))
        g_string_append_c (out, '_');
      else
        g_string_append_unichar (out, c);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The type to write for a label, relation type or attribute name; a change
 * is reported (the round trip would bring back the changed word). */
static char *
record_word (Record     *record,
             const char *str)
{
  char *word = brat_word (str);

  if (word == NULL)
    return g_strdup (str);

  /* once per record, not once per line */
  if (!g_hash_table_contains (record->renamed, str))
    {
      g_hash_table_add (record->renamed, g_strdup (str));
      record_problem (record, _("“%s” is written as “%s”: brat types are single words"), str, word);
    }
  return word;
}

/* A text field (a comment or a normalization's text) on one line. */
static char *
record_one_line (Record     *record,
                 const char *str,
                 const char *what)
{
  GString *out = g_string_new (NULL);
  gboolean changed = FALSE;

  for (const char *p = str; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_line_break (c))
        {
          g_string_append_c (out, ' ');
          changed = TRUE;
        }
      else
        g_string_append_unichar (out, c);
    }

  if (changed)
    record_problem (record, _("the line breaks of %s are written as spaces"), what);

  return g_string_free (out, FALSE);
}

/* File names */

/* A name not used yet in this export: two articles can fold to the same
 * one ("a/b.txt" and "a__b.txt", "x.txt" and "x.md"). */
static char *
claim_name (Record *record)
{
  GlossBratWriter *self = record->writer;
  /* brat opens one folder: the corpus's folders are folded into the name */
  g_autofree char *base = gloss_format_writer_fold_article_id (record->record->article_id);
  char *name;

  if (self->annotator_suffix)
    {
      char *with_annotator = g_strconcat (base, ".", record->record->annotator, NULL);
      g_free (base);
      base = with_annotator;
    }

  name = g_strdup (base);
  for (guint n = 2; g_hash_table_contains (self->names, name); n++)
    {
      g_free (name);
      name = g_strdup_printf ("%s-%u", base, n);
    }

  if (strcmp (name, base) != 0)
    record_problem (record, _("written as %s.txt and %s.ann, as another article already has the name %s"),
                    name, name, base);

  g_hash_table_add (self->names, g_strdup (name));
  return name;
}

/* Entities */

static const char *
get_string_member (JsonObject *object,
                   const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* The span @span is a later fragment of, if an import split it off one
 * that is still here with the same label. */
static GlossAnnotation *
fragment_head (GHashTable      *by_id,
               GlossAnnotation *span)
{
  const char *head_id = get_string_member (gloss_annotation_get_extra (span), BRAT_KEY_FRAGMENT_OF);
  GlossAnnotation *head;
  const char *note = gloss_annotation_get_note (span);

  /* a fragment with a note or attributes of its own stays a T of its
   * own, so that they do not move to the first fragment */
  if (head_id == NULL || (note != NULL && note[0] != '\0')
      || gloss_annotation_peek_attributes (span) != NULL)
    return NULL;

  head = g_hash_table_lookup (by_id, head_id);
  if (head == NULL || head == span
      || strcmp (gloss_annotation_get_label (head), gloss_annotation_get_label (span)) != 0
      || get_string_member (gloss_annotation_get_extra (head), BRAT_KEY_FRAGMENT_OF) != NULL)
    return NULL;

  return head;
}

static void
add_range (Entity          *entity,
           GlossAnnotation *span)
{
  Range range = { gloss_annotation_get_start (span), gloss_annotation_get_end (span) };

  g_array_append_val (entity->ranges, range);
}

static void
collect_entities (Record    *record,
                  GPtrArray *spans)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < spans->len; i++)
    {
      GlossAnnotation *span = g_ptr_array_index (spans, i);
      g_hash_table_insert (by_id, (gpointer) gloss_annotation_get_id (span), span);
    }

  for (guint i = 0; i < spans->len; i++)
    {
      GlossAnnotation *span = g_ptr_array_index (spans, i);
      Entity *entity;

      if (fragment_head (by_id, span) != NULL)
        continue;

      entity = g_new0 (Entity, 1);
      entity->head = span;
      entity->ranges = g_array_new (FALSE, FALSE, sizeof (Range));
      add_range (entity, span);
      g_ptr_array_add (record->entities, entity);
      g_hash_table_insert (record->entity_of, (gpointer) gloss_annotation_get_id (span), entity);
    }

  for (guint i = 0; i < spans->len; i++)
    {
      GlossAnnotation *span = g_ptr_array_index (spans, i);
      GlossAnnotation *head = fragment_head (by_id, span);
      Entity *entity;

      if (head == NULL)
        continue;

      entity = g_hash_table_lookup (record->entity_of, gloss_annotation_get_id (head));
      add_range (entity, span);
      g_hash_table_insert (record->entity_of, (gpointer) gloss_annotation_get_id (span), entity);
    }
}

static int
compare_ranges (gconstpointer a,
                gconstpointer b)
{
  const Range *ra = a, *rb = b;

  if (ra->start != rb->start)
    return ra->start < rb->start ? -1 : 1;
  return ra->end < rb->end ? -1 : ra->end > rb->end;
}

/* The span's range cut at its line breaks, which are left out. A span
 * that starts or ends with one cannot be kept as it is: reported. */
static void
cut_at_line_breaks (Record      *record,
                    Entity      *entity,
                    const Range *range,
                    GArray      *pieces)
{
  GlossDocument *document = record->record->document;
  g_autofree char *text = gloss_document_dup_slice (document, range->start, range->end);
  guint n_before = pieces->len;
  guint offset = range->start;
  guint piece_start = range->start;
  gboolean at_edge = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p), offset++)
    {
      if (!is_line_break (g_utf8_get_char (p)))
        continue;

      if (offset > piece_start)
        {
          Range piece = { piece_start, offset };
          g_array_append_val (pieces, piece);
        }
      if (offset == range->start || offset + 1 == range->end)
        at_edge = TRUE;
      piece_start = offset + 1;
    }

  if (offset > piece_start)
    {
      Range piece = { piece_start, offset };
      g_array_append_val (pieces, piece);
    }

  /* a span of line breaks only is reported by the caller, as not written */
  if (at_edge && pieces->len > n_before)
    record_problem (record,
                    _("span %s starts or ends with a line break, which brat cannot hold; written without it"),
                    gloss_annotation_get_id (entity->head));
}

/* Replaces the entity's ranges by the pieces brat can hold; FALSE (and
 * counted) when nothing is left, a span of line breaks only. */
static gboolean
place_entity (Record *record,
              Entity *entity)
{
  g_autoptr(GArray) pieces = g_array_new (FALSE, FALSE, sizeof (Range));

  for (guint i = 0; i < entity->ranges->len; i++)
    cut_at_line_breaks (record, entity, &g_array_index (entity->ranges, Range, i), pieces);

  if (pieces->len == 0)
    {
      record->summary->lost_overlaps++;
      record_problem (record,
                      _("span %s holds only line breaks, which brat cannot hold; not written"),
                      gloss_annotation_get_id (entity->head));
      return FALSE;
    }

  g_array_sort (pieces, compare_ranges);
  g_array_unref (entity->ranges);
  entity->ranges = g_steal_pointer (&pieces);
  return TRUE;
}

/* "T12" → 12; 0 if @id is not a brat id of that letter. */
static guint
brat_number (const char *id,
             char        letter)
{
  guint64 number;

  if (id[0] != letter || id[1] < '1' || id[1] > '9'
      || !g_ascii_string_to_unsigned (id + 1, 10, 1, G_MAXINT, &number, NULL))
    return 0;

  return (guint) number;
}

/* Numbers for @n items: an id that already is a brat id ("T12", from a
 * brat import) keeps its number, so brat → Gloss → brat keeps ids; the
 * others take the free numbers in order. @ids[i] is the i-th id (NULL for
 * an item that is not written). */
static void
assign_numbers (const char **ids,
                guint       *numbers,
                guint        n,
                char         letter)
{
  g_autoptr(GHashTable) used = g_hash_table_new (NULL, NULL);
  guint next = 1;

  for (guint i = 0; i < n; i++)
    {
      guint number = ids[i] != NULL ? brat_number (ids[i], letter) : 0;

      numbers[i] = 0;
      if (number > 0 && !g_hash_table_contains (used, GUINT_TO_POINTER (number)))
        {
          numbers[i] = number;
          g_hash_table_add (used, GUINT_TO_POINTER (number));
        }
    }

  for (guint i = 0; i < n; i++)
    {
      if (ids[i] == NULL || numbers[i] != 0)
        continue;

      while (g_hash_table_contains (used, GUINT_TO_POINTER (next)))
        next++;
      numbers[i] = next++;
    }
}

static void
number_entities (Record *record)
{
  guint n = record->entities->len;
  g_autofree const char **ids = g_new0 (const char *, MAX (n, 1));
  g_autofree guint *numbers = g_new0 (guint, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      Entity *entity = g_ptr_array_index (record->entities, i);

      if (place_entity (record, entity))
        ids[i] = gloss_annotation_get_id (entity->head);
    }

  assign_numbers (ids, numbers, n, 'T');

  for (guint i = 0; i < n; i++)
    ((Entity *) g_ptr_array_index (record->entities, i))->number = numbers[i];
}

/* Lines */

static void
write_entity (Record *record,
              Entity *entity)
{
  GlossDocument *document = record->record->document;
  g_autofree char *type = record_word (record, gloss_annotation_get_label (entity->head));
  g_autoptr(GString) offsets = g_string_new (NULL);
  /* Code points, brat's standard, unless UTF-16 was chosen for the readers
   * that count so (gloss_format_check_offsets()). */
  const GlossExportOptions *options = record_options (record);
  GlossOffsetUnit unit = options != NULL ? options->offsets : GLOSS_OFFSETS_CODE_POINTS;
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < entity->ranges->len; i++)
    {
      const Range *range = &g_array_index (entity->ranges, Range, i);
      g_autofree char *slice = gloss_document_dup_slice (document, range->start, range->end);

      /* brat's own convention for a discontinuous span's text */
      if (i > 0)
        {
          g_string_append_c (offsets, ';');
          g_string_append_c (text, ' ');
        }
      g_string_append_printf (offsets, "%u %u",
                              gloss_offset_convert (document, range->start, unit),
                              gloss_offset_convert (document, range->end, unit));
      g_string_append (text, slice);
    }

  g_string_append_printf (record->ann, "T%u\t%s %s\t%s\n",
                          entity->number, type, offsets->str, text->str);
  string_set_add (record->writer->entity_types, type);
}

static gboolean
is_crlf (const char *p)
{
  return p[0] == '\r' && p[1] == '\n';
}

/* One # line per line of the note: the importer joins them with "\n", so
 * only the kind of line break can change (reported). */
static void
write_note (Record     *record,
            const char *target,
            const char *note)
{
  g_autoptr(GString) line = g_string_new (NULL);
  gboolean other_breaks = FALSE;

  for (const char *p = note;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != '\0' && !is_line_break (c))
        {
          g_string_append_unichar (line, c);
          continue;
        }

      g_string_append_printf (record->ann, "#%u\tAnnotatorNotes %s\t%s\n",
                              ++record->n_notes, target, line->str);
      g_string_truncate (line, 0);

      if (c == '\0')
        break;
      if (is_crlf (p))
        p++;
      if (c != '\n')
        other_breaks = TRUE;
    }

  if (other_breaks)
    record_problem (record, _("the note of %s has line breaks other than LF, written as LF"), target);
}

static void
write_comments (Record     *record,
                const char *target,
                JsonObject *extra)
{
  JsonArray *comments;

  if (extra == NULL || !json_object_has_member (extra, BRAT_KEY_COMMENTS)
      || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (extra, BRAT_KEY_COMMENTS)))
    return;

  comments = json_object_get_array_member (extra, BRAT_KEY_COMMENTS);
  for (guint i = 0; i < json_array_get_length (comments); i++)
    {
      JsonNode *node = json_array_get_element (comments, i);
      JsonArray *pair = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
      g_autofree char *type = NULL;
      g_autofree char *text = NULL;

      if (pair == NULL || json_array_get_length (pair) != 2
          || json_node_get_value_type (json_array_get_element (pair, 0)) != G_TYPE_STRING
          || json_node_get_value_type (json_array_get_element (pair, 1)) != G_TYPE_STRING)
        {
          record_problem (record, _("%s: a “%s” entry is not a [type, text] pair; not written"),
                          target, BRAT_KEY_COMMENTS);
          continue;
        }

      type = record_word (record, json_array_get_string_element (pair, 0));
      text = record_one_line (record, json_array_get_string_element (pair, 1), target);
      g_string_append_printf (record->ann, "#%u\t%s %s\t%s\n", ++record->n_notes, type, target, text);
    }
}

static AttributeDecl *
ensure_attribute_decl (GlossBratWriter *self,
                       const char      *name)
{
  AttributeDecl *decl = g_hash_table_lookup (self->attributes, name);

  if (decl == NULL)
    {
      decl = g_new0 (AttributeDecl, 1);
      decl->args = string_set_new ();
      decl->values = g_ptr_array_new_with_free_func (g_free);
      decl->value_set = g_hash_table_new (g_str_hash, g_str_equal);
      g_hash_table_insert (self->attributes, g_strdup (name), decl);
    }
  return decl;
}

static void
attribute_decl_add_value (AttributeDecl *decl,
                          const char    *value)
{
  char *copy;

  if (g_hash_table_contains (decl->value_set, value))
    return;

  copy = g_strdup (value);
  g_ptr_array_add (decl->values, copy);
  g_hash_table_add (decl->value_set, copy);
}

/* @value NULL: a binary attribute. @span_type: the type of the span that
 * carries it, so that brat's verifier lets that type take it. */
static void
declare_attribute (Record     *record,
                   const char *name,
                   const char *span_type,
                   const char *value)
{
  AttributeDecl *decl = ensure_attribute_decl (record->writer, name);

  string_set_add (decl->args, span_type);
  if (value == NULL)
    decl->binary = TRUE;
  else
    attribute_decl_add_value (decl, value);
}

/* Whether annotation.conf can list @value after "Value:" and an A line
 * hold it as its last word: brat's configuration parser splits a line's
 * arguments at commas and a value list at '|', each argument must match
 * ^(\S*?):(\S*)$, and anything between '<' and '>' is taken for a macro
 * (server/src/projectconfig.py, __read_term_hierarchy). */
static gboolean
brat_value_is_listable (const char *value)
{
  if (value[0] == '\0')
    return FALSE;

  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_word_breaking (c) || c == ',' || c == '|' || c == '<' || c == '>')
        return FALSE;
    }
  return TRUE;
}

/* A number as the shortest text that reads back as the same double: "3",
 * "0.75", "-1e+30". */
static char *
format_number (double number)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (number == floor (number) && fabs (number) < 9007199254740992.0)
    return g_strdup_printf ("%.0f", number);

  for (int precision = 1; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buffer, sizeof buffer, format, number);
      if (g_ascii_strtod (buffer, NULL) == number)
        break;
    }
  return g_strdup (buffer);
}

/* @str on one line for a problem: line breaks and tabs shown as spaces. */
static char *
dup_shown (const char *str)
{
  GString *out = g_string_new (NULL);

  for (const char *p = str; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_line_break (c) || c == '\t')
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static void
lose_attribute (Record     *record,
                const char *message)
{
  record->summary->lost_attributes++;
  record_problem (record, "%s", message);
}

/* One of the span's attributes (gloss_annotation_peek_attributes()). */
static void
write_span_attribute (Record          *record,
                      GlossAnnotation *span,
                      const char      *target,
                      const char      *span_type,
                      const char      *id,
                      GVariant        *value)
{
  const char *span_id = gloss_annotation_get_id (span);
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    {
      /* brat's binary attribute is there (true) or not; not there is
       * what false means in brat, so false writes nothing and comes back
       * as not set */
      if (g_variant_get_boolean (value))
        {
          name = record_word (record, id);
          g_string_append_printf (record->ann, "A%u\t%s %s\n", ++record->n_attributes, name, target);
          declare_attribute (record, name, span_type, NULL);
        }
      return;
    }

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY))
    {
      gsize n = g_variant_n_children (value);

      if (n == 0)
        return;
      /* brat keeps one value per attribute of an annotation (the
       * editor's _set_attributes takes a dict, the viewer keeps the last
       * A line of a type) */
      if (n > 1)
        {
          g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                   "span %s: attribute %s has %u value, and brat holds one value per attribute; not written",
                                                                   "span %s: attribute %s has %u values, and brat holds one value per attribute; not written",
                                                                   n),
                                                      span_id, id, (guint) n);
          lose_attribute (record, message);
          return;
        }
      g_variant_get_child (value, 0, "s", &text);
    }
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    text = g_variant_dup_string (value, NULL);
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE)
           && isfinite (g_variant_get_double (value)))
    text = format_number (g_variant_get_double (value));
  else
    {
      g_autofree char *message = g_strdup_printf (_("span %s: attribute %s has a value brat cannot hold; not written"),
                                                  span_id, id);
      lose_attribute (record, message);
      return;
    }

  if (!brat_value_is_listable (text))
    {
      g_autofree char *shown = dup_shown (text);
      g_autofree char *message = g_strdup_printf (_("span %s: the value “%s” of attribute %s is not one word that brat’s annotation.conf can list (no spaces, commas, “|”, “<” or “>”); not written"),
                                                  span_id, shown, id);
      lose_attribute (record, message);
      return;
    }

  name = record_word (record, id);
  g_string_append_printf (record->ann, "A%u\t%s %s %s\n", ++record->n_attributes, name, target, text);
  declare_attribute (record, name, span_type, text);
}

/* An attribute an older brat import kept as an extra key. */
static void
write_kept_attribute (Record     *record,
                      const char *target,
                      const char *span_type,
                      const char *name,
                      JsonNode   *node)
{
  g_autofree char *word = record_word (record, name);
  g_autofree char *value = NULL;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    {
      /* a binary attribute is either there or not */
      if (json_node_get_boolean (node))
        {
          g_string_append_printf (record->ann, "A%u\t%s %s\n", ++record->n_attributes, word, target);
          declare_attribute (record, word, span_type, NULL);
        }
      return;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      record_problem (record, _("%s: attribute %s is neither a string nor true; not written"),
                      target, name);
      return;
    }

  value = record_word (record, json_node_get_string (node));
  g_string_append_printf (record->ann, "A%u\t%s %s %s\n", ++record->n_attributes, word, target, value);
  declare_attribute (record, word, span_type, value);
}

static char *label_type (GlossAnnotation *span);

/* The span's attributes, then those an older brat import kept as the
 * extra key "brat-attributes" (which a value of the same name set since
 * in Gloss replaces). */
static void
write_attributes (Record          *record,
                  GlossAnnotation *span,
                  const char      *target)
{
  GVariant *attributes = gloss_annotation_peek_attributes (span);
  JsonObject *extra = gloss_annotation_get_extra (span);
  g_autofree char *span_type = label_type (span);
  JsonObject *kept;
  g_autoptr(GList) names = NULL;

  if (attributes != NULL)
    {
      GVariantIter iter;
      const char *id;
      GVariant *value;

      g_variant_iter_init (&iter, attributes);
      while (g_variant_iter_loop (&iter, "{&sv}", &id, &value))
        write_span_attribute (record, span, target, span_type, id, value);
    }

  if (extra == NULL || !json_object_has_member (extra, BRAT_KEY_ATTRIBUTES)
      || !JSON_NODE_HOLDS_OBJECT (json_object_get_member (extra, BRAT_KEY_ATTRIBUTES)))
    return;

  kept = json_object_get_object_member (extra, BRAT_KEY_ATTRIBUTES);
  names = json_object_get_members (kept);
  for (GList *l = names; l != NULL; l = l->next)
    {
      g_autoptr(GVariant) set = attributes != NULL ? g_variant_lookup_value (attributes, l->data, NULL)
                                                   : NULL;

      if (set == NULL)
        write_kept_attribute (record, target, span_type, l->data, json_object_get_member (kept, l->data));
    }
}

static void
write_normalizations (Record     *record,
                      const char *target,
                      JsonObject *extra)
{
  JsonArray *normalizations;

  if (extra == NULL || !json_object_has_member (extra, BRAT_KEY_NORMALIZATIONS)
      || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (extra, BRAT_KEY_NORMALIZATIONS)))
    return;

  normalizations = json_object_get_array_member (extra, BRAT_KEY_NORMALIZATIONS);
  for (guint i = 0; i < json_array_get_length (normalizations); i++)
    {
      JsonNode *node = json_array_get_element (normalizations, i);
      JsonArray *triple = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
      g_autofree char *db = NULL;
      g_autofree char *id = NULL;
      g_autofree char *text = NULL;
      gboolean ok = triple != NULL && json_array_get_length (triple) == 3;

      for (guint j = 0; ok && j < 3; j++)
        ok = json_node_get_value_type (json_array_get_element (triple, j)) == G_TYPE_STRING;
      if (!ok)
        {
          record_problem (record, _("%s: a “%s” entry is not a [db, id, text] triple; not written"),
                          target, BRAT_KEY_NORMALIZATIONS);
          continue;
        }

      db = record_word (record, json_array_get_string_element (triple, 0));
      id = record_word (record, json_array_get_string_element (triple, 1));
      text = record_one_line (record, json_array_get_string_element (triple, 2), target);
      /* "Reference" is the one normalization type brat has */
      g_string_append_printf (record->ann, "N%u\tReference %s %s:%s\t%s\n",
                              ++record->n_normalizations, target, db, id, text);
    }
}

static void
write_entity_details (Record *record,
                      Entity *entity)
{
  g_autofree char *target = g_strdup_printf ("T%u", entity->number);
  JsonObject *extra = gloss_annotation_get_extra (entity->head);
  const char *note = gloss_annotation_get_note (entity->head);

  if (note != NULL && note[0] != '\0')
    write_note (record, target, note);
  write_comments (record, target, extra);
  write_attributes (record, entity->head, target);
  write_normalizations (record, target, extra);
}

static RelationArgs *
ensure_relation_args (Record     *record,
                      const char *type)
{
  RelationArgs *args = g_hash_table_lookup (record->writer->relation_types, type);

  if (args == NULL)
    {
      args = g_new0 (RelationArgs, 1);
      args->from = string_set_new ();
      args->to = string_set_new ();
      g_hash_table_insert (record->writer->relation_types, g_strdup (type), args);
    }
  return args;
}

static void
declare_relation (Record     *record,
                  const char *type,
                  const char *from_type,
                  const char *to_type)
{
  RelationArgs *args = ensure_relation_args (record, type);

  string_set_add (args->from, from_type);
  string_set_add (args->to, to_type);
}

/* The relation's end as its entity, or NULL if that was not written. */
static Entity *
written_entity (Record     *record,
                const char *id)
{
  Entity *entity = g_hash_table_lookup (record->entity_of, id);

  return entity != NULL && entity->number > 0 ? entity : NULL;
}

/* The type a label is written as; brat_word() and not record_word(): the
 * change was reported when the label's T lines were written. */
static char *
label_type (GlossAnnotation *span)
{
  const char *label = gloss_annotation_get_label (span);
  char *word = brat_word (label);

  return word != NULL ? word : g_strdup (label);
}

static void
write_relation (Record        *record,
                GlossRelation *relation,
                guint          number,
                Entity        *from,
                Entity        *to)
{
  g_autofree char *type = record_word (record, gloss_relation_get_rel_type (relation));
  g_autofree char *from_type = label_type (from->head);
  g_autofree char *to_type = label_type (to->head);
  g_autofree char *target = g_strdup_printf ("R%u", number);

  g_string_append_printf (record->ann, "R%u\t%s Arg1:T%u Arg2:T%u\n",
                          number, type, from->number, to->number);
  declare_relation (record, type, from_type, to_type);
  write_comments (record, target, gloss_relation_get_extra (relation));
}

static void
write_relations (Record    *record,
                 GPtrArray *relations)
{
  guint n = relations->len;
  g_autofree const char **ids = g_new0 (const char *, MAX (n, 1));
  g_autofree guint *numbers = g_new0 (guint, MAX (n, 1));
  g_autofree Entity **from = g_new0 (Entity *, MAX (n, 1));
  g_autofree Entity **to = g_new0 (Entity *, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      GlossRelation *relation = g_ptr_array_index (relations, i);

      from[i] = written_entity (record, gloss_relation_get_from (relation));
      to[i] = written_entity (record, gloss_relation_get_to (relation));
      if (from[i] != NULL && to[i] != NULL)
        {
          ids[i] = gloss_relation_get_id (relation);
          continue;
        }

      record->summary->lost_relations++;
      record_problem (record, _("relation %s links a span that could not be written; not written"),
                      gloss_relation_get_id (relation));
    }

  assign_numbers (ids, numbers, n, 'R');

  for (guint i = 0; i < n; i++)
    if (from[i] != NULL && to[i] != NULL)
      write_relation (record, g_ptr_array_index (relations, i), numbers[i], from[i], to[i]);
}

/* Writing a record */

static gboolean
write_file (GFile       *folder,
            const char  *name,
            const char  *extension,
            const char  *contents,
            gsize        length,
            GError     **error)
{
  g_autofree char *file_name = g_strconcat (name, extension, NULL);
  g_autoptr(GFile) file = g_file_get_child (folder, file_name);

  return gloss_format_writer_create_file (file, contents, length, error);
}

/* @id as brat writes it (the change is reported where it is written). */
static char *
dup_brat_word (const char *id)
{
  char *word = brat_word (id);

  return word != NULL ? word : g_strdup (id);
}

/* The labels of the set, within the options' filter, that @accepts: as
 * brat words, into @set. */
typedef gboolean (*LabelFilter) (GlossLabelSet *labels,
                                 const char    *label,
                                 gpointer       data);

static guint
add_labels (Record        *record,
            GlossLabelSet *labels,
            LabelFilter    accepts,
            gpointer       data,
            GHashTable    *set)
{
  const GlossExportOptions *options = record_options (record);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (labels));
  guint added = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossLabel) label = g_list_model_get_item (G_LIST_MODEL (labels), i);
      const char *id = gloss_label_get_id (label);
      g_autofree char *word = NULL;

      if (!gloss_export_options_wants_label (options, id) || !accepts (labels, id, data))
        continue;

      word = dup_brat_word (id);
      string_set_add (set, word);
      added++;
    }
  return added;
}

static gboolean
accepts_any (GlossLabelSet *labels,
             const char    *label,
             gpointer       data)
{
  return TRUE;
}

typedef struct
{
  const char       *type;
  GlossRelationEnd  end;
} RelationEnd;

static gboolean
accepts_relation_end (GlossLabelSet *labels,
                      const char    *label,
                      gpointer       data)
{
  RelationEnd *end = data;

  return gloss_label_set_relation_accepts (labels, end->type, end->end, label);
}

static gboolean
accepts_attribute (GlossLabelSet *labels,
                   const char    *label,
                   gpointer       data)
{
  return gloss_label_set_attribute_applies (labels, data, label);
}

/* A relation type of the label set: each end the labels its rule allows,
 * or any (<ENTITY>) where the rule leaves it open. */
static void
declare_relation_type (Record        *record,
                       GlossLabelSet *labels,
                       const char    *type)
{
  g_autofree char *word = dup_brat_word (type);
  RelationArgs *args = ensure_relation_args (record, word);
  RelationEnd from = { type, GLOSS_RELATION_FROM };
  RelationEnd to = { type, GLOSS_RELATION_TO };

  if (gloss_label_set_get_relation_end (labels, type, GLOSS_RELATION_FROM) == NULL)
    args->any_from = TRUE;
  else
    add_labels (record, labels, accepts_relation_end, &from, args->from);

  if (gloss_label_set_get_relation_end (labels, type, GLOSS_RELATION_TO) == NULL)
    args->any_to = TRUE;
  else
    add_labels (record, labels, accepts_relation_end, &to, args->to);
}

/* An attribute of the label set, on the span types it applies to: a
 * boolean as a binary attribute, a choice with its values. A text or a
 * number has no list of values to declare: only the values written are
 * (and one no value was written for is left out). */
static void
declare_label_set_attribute (Record         *record,
                             GlossLabelSet  *labels,
                             GlossAttribute *attribute)
{
  g_autoptr(GHashTable) types = string_set_new ();
  g_autofree char *word = NULL;
  AttributeDecl *decl;
  GHashTableIter iter;
  gpointer type;

  /* none of its labels is exported: nothing can carry it */
  if (add_labels (record, labels, accepts_attribute, attribute, types) == 0)
    return;

  word = dup_brat_word (gloss_attribute_get_id (attribute));
  decl = ensure_attribute_decl (record->writer, word);
  g_hash_table_iter_init (&iter, types);
  while (g_hash_table_iter_next (&iter, &type, NULL))
    string_set_add (decl->args, type);

  switch (gloss_attribute_get_value_type (attribute))
    {
    case GLOSS_ATTRIBUTE_BOOLEAN:
      decl->binary = TRUE;
      break;
    case GLOSS_ATTRIBUTE_CHOICE:
      for (guint i = 0; i < gloss_attribute_get_n_choices (attribute); i++)
        {
          const char *value = gloss_attribute_get_choice_id (attribute, i);

          if (brat_value_is_listable (value))
            attribute_decl_add_value (decl, value);
        }
      break;
    case GLOSS_ATTRIBUTE_TEXT:
    case GLOSS_ATTRIBUTE_NUMBER:
    default:
      break;
    }
}

/* The labels, relation types and attributes of the record's label set go
 * into annotation.conf even when unused, so brat offers them for new
 * spans. */
static void
declare_label_set (Record *record)
{
  GlossLabelSet *labels = record->record->labels;
  const char * const *types;
  GPtrArray *attributes;

  if (labels == NULL)
    return;

  add_labels (record, labels, accepts_any, NULL, record->writer->entity_types);

  types = gloss_label_set_get_relation_types (labels);
  for (guint i = 0; types != NULL && types[i] != NULL; i++)
    declare_relation_type (record, labels, types[i]);

  attributes = gloss_label_set_get_attributes (labels);
  for (guint i = 0; i < attributes->len; i++)
    declare_label_set_attribute (record, labels, g_ptr_array_index (attributes, i));
}

static gboolean
brat_write_record (GlossFormatWriter        *writer,
                   const GlossExportRecord  *export_record,
                   GlossExportSummary       *summary,
                   GError                  **error)
{
  GlossBratWriter *self = GLOSS_BRAT_WRITER (writer);
  g_autoptr(GPtrArray) spans = gloss_format_writer_dup_spans (writer, export_record);
  g_autoptr(GPtrArray) relations = gloss_format_writer_dup_relations (writer, export_record, spans);
  g_autoptr(GPtrArray) entities = g_ptr_array_new_with_free_func ((GDestroyNotify) entity_free);
  g_autoptr(GHashTable) entity_of = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) renamed = string_set_new ();
  g_autoptr(GString) ann = g_string_new (NULL);
  g_autofree char *source = g_file_get_parse_name (gloss_sidecar_get_file (export_record->sidecar));
  g_autofree char *name = NULL;
  GlossDocument *document = export_record->document;
  GFile *folder = gloss_format_writer_get_folder (writer);
  Record record = {
    .writer = self,
    .record = export_record,
    .summary = summary,
    .source = source,
    .ann = ann,
    .entities = entities,
    .entity_of = entity_of,
    .renamed = renamed,
  };

  name = claim_name (&record);
  declare_label_set (&record);

  collect_entities (&record, spans);
  number_entities (&record);

  for (guint i = 0; i < entities->len; i++)
    {
      Entity *entity = g_ptr_array_index (entities, i);

      if (entity->number > 0)
        write_entity (&record, entity);
    }

  write_relations (&record, relations);

  for (guint i = 0; i < entities->len; i++)
    {
      Entity *entity = g_ptr_array_index (entities, i);
      const char *note = gloss_annotation_get_note (entity->head);
      GVariant *attributes = gloss_annotation_peek_attributes (entity->head);

      if (entity->number > 0)
        {
          write_entity_details (&record, entity);
          continue;
        }
      /* the span was not written (reported): what it carried neither */
      if (note != NULL && note[0] != '\0')
        summary->lost_notes++;
      if (attributes != NULL)
        summary->lost_attributes += g_variant_n_children (attributes);
    }

  return write_file (folder, name, ".txt", gloss_document_get_text (document),
                     gloss_document_get_n_bytes (document), error)
         && write_file (folder, name, ".ann", ann->str, ann->len, error);
}

/* annotation.conf */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The table's keys, sorted: annotation.conf does not depend on hashing. */
static GPtrArray *
sorted_keys (GHashTable *table)
{
  GPtrArray *keys = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, key);

  g_ptr_array_sort (keys, compare_strings);
  return keys;
}

/* "quote|claim", or brat's wildcard (@none) for a type no relation used
 * yet, or for a NULL @set: any */
static void
append_alternatives (GString    *out,
                     GHashTable *set,
                     const char *none)
{
  g_autoptr(GPtrArray) keys = set != NULL ? sorted_keys (set) : g_ptr_array_new ();

  if (keys->len == 0)
    g_string_append (out, none);

  for (guint i = 0; i < keys->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, '|');
      g_string_append (out, g_ptr_array_index (keys, i));
    }
}

static char *
build_conf (GlossBratWriter *self)
{
  GString *out = g_string_new ("# Written by Gloss: the types of this export, so that brat can open it.\n");
  g_autoptr(GPtrArray) entities = sorted_keys (self->entity_types);
  g_autoptr(GPtrArray) relations = sorted_keys (self->relation_types);
  g_autoptr(GPtrArray) attributes = sorted_keys (self->attributes);

  g_string_append (out, "\n[entities]\n\n");
  for (guint i = 0; i < entities->len; i++)
    g_string_append_printf (out, "%s\n", (const char *) g_ptr_array_index (entities, i));

  g_string_append (out, "\n[relations]\n\n");
  for (guint i = 0; i < relations->len; i++)
    {
      const char *type = g_ptr_array_index (relations, i);
      RelationArgs *args = g_hash_table_lookup (self->relation_types, type);

      g_string_append_printf (out, "%s\tArg1:", type);
      append_alternatives (out, args->any_from ? NULL : args->from, "<ENTITY>");
      g_string_append (out, ", Arg2:");
      append_alternatives (out, args->any_to ? NULL : args->to, "<ENTITY>");
      g_string_append_c (out, '\n');
    }
  /* Gloss spans overlap and nest freely (a person inside a quote inside a
   * claim); without this brat would flag every crossing pair. */
  g_string_append (out, "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n");

  g_string_append (out, "\n[events]\n\n[attributes]\n\n");
  for (guint i = 0; i < attributes->len; i++)
    {
      const char *name = g_ptr_array_index (attributes, i);
      AttributeDecl *decl = g_hash_table_lookup (self->attributes, name);

      /* a text or number attribute no value was written for: brat would
       * take a line without values for a binary one */
      if (decl->values->len == 0 && !decl->binary)
        continue;

      g_string_append_printf (out, "%s\tArg:", name);
      append_alternatives (out, decl->args, "<ENTITY>");
      for (guint j = 0; j < decl->values->len; j++)
        g_string_append_printf (out, "%s%s", j == 0 ? ", Value:" : "|",
                                (const char *) g_ptr_array_index (decl->values, j));
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

static gboolean
brat_end (GlossFormatWriter   *writer,
          GlossExportSummary  *summary,
          GError             **error)
{
  g_autofree char *conf = build_conf (GLOSS_BRAT_WRITER (writer));
  g_autoptr(GFile) file = g_file_get_child (gloss_format_writer_get_folder (writer), BRAT_CONF_NAME);

  return g_file_replace_contents (file, conf, strlen (conf), NULL, FALSE,
                                  G_FILE_CREATE_NONE, NULL, NULL, error);
}

static gboolean
brat_begin (GlossFormatWriter  *writer,
            GError            **error)
{
  GlossBratWriter *self = GLOSS_BRAT_WRITER (writer);
  const GlossExportOptions *options = gloss_format_writer_get_options (writer);
  char **annotators = options != NULL ? options->annotators : NULL;

  /* Known before the first record: with one annotator chosen the names
   * stay those of the articles. */
  self->annotator_suffix = annotators == NULL || g_strv_length (annotators) != 1;

  if (gloss_format_writer_get_folder (writer) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("brat writes a folder, and none was given"));
      return FALSE;
    }

  return TRUE;
}

static void
gloss_brat_writer_finalize (GObject *object)
{
  GlossBratWriter *self = GLOSS_BRAT_WRITER (object);

  g_hash_table_unref (self->names);
  g_hash_table_unref (self->entity_types);
  g_hash_table_unref (self->relation_types);
  g_hash_table_unref (self->attributes);

  G_OBJECT_CLASS (gloss_brat_writer_parent_class)->finalize (object);
}

static void
gloss_brat_writer_class_init (GlossBratWriterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GlossFormatWriterClass *writer_class = GLOSS_FORMAT_WRITER_CLASS (klass);

  object_class->finalize = gloss_brat_writer_finalize;
  writer_class->begin = brat_begin;
  writer_class->write_record = brat_write_record;
  writer_class->end = brat_end;
  /* A lines; the article's fields have no place in brat, and the export
   * counts them */
  writer_class->handles_attributes = TRUE;
}

static void
gloss_brat_writer_init (GlossBratWriter *self)
{
  self->names = string_set_new ();
  self->entity_types = string_set_new ();
  self->relation_types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                (GDestroyNotify) relation_args_free);
  self->attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) attribute_decl_free);
}
