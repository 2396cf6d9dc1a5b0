/* gloss-import-brat.c — brat standoff (.txt + .ann) into articles and sidecars
 *
 * Each .ann is read whole, parsed line by line into entities (T), relations
 * (R) and the lines that hang off them (A/M attributes, N normalizations,
 * # comments), then resolved and handed to gloss_import_write_article().
 * A and M lines become the span's attributes, typed by the label set of
 * the folder written into (a number attribute's "0.75" a number, a
 * multiple choice's values a list) and checked against it as the sidecar
 * reader does: what it does not declare or allow is kept, with a warning.
 * What Gloss cannot hold (E events, * equivalences, unknown line kinds, lines
 * that refer to something not imported) is reported with its file and line
 * number and counted as skipped. See docs/brat.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "gloss-annotation.h"
#include "gloss-attribute.h"
#include "gloss-attribute-rules.h"
#include "gloss-document.h"
#include "gloss-file-load.h"
#include "gloss-folder-walk-private.h"
#include "gloss-import.h"
#include "gloss-label-set.h"
#include "gloss-problem.h"
#include "gloss-relation.h"
#include "gloss-sidecar.h"

/* Extra keys of imported annotations and relations (docs/brat.md). The
 * brat exporter reads the same keys back, so brat → Gloss → brat keeps them.
 * (A and M lines were kept as "brat-attributes" before spans had
 * attributes; the exporter still writes those of older imports.) */
#define BRAT_KEY_NORMALIZATIONS "brat-normalizations"
#define BRAT_KEY_COMMENTS       "brat-comments"
#define BRAT_KEY_FRAGMENT_OF    "brat-fragment-of"

#define BRAT_ANNOTATOR_NOTES    "AnnotatorNotes"

#define MAX_ID_LENGTH           (GLOSS_SIDECAR_MAX_ID - 16)

typedef struct
{
  guint start;
  guint end;
} Range;

/* One T line. */
typedef struct
{
  char      *id;
  char      *type;
  char      *text;        /* the text field, or NULL when the line has none */
  GArray    *ranges;      /* Range, code points of the .txt as brat counts them */
  guint      line;
  GPtrArray *spans;       /* GlossAnnotation, one per kept fragment; NULL if not imported */
  GString   *note;        /* its AnnotatorNotes joined, NULL if none */
} Entity;

/* One R line. */
typedef struct
{
  char  *id;
  char  *type;
  char  *from;
  char  *to;
  guint  line;
  GlossRelation *relation;  /* set when both ends were imported */
} Relation;

/* A, M, N or # line: something attached to a T (or, for #, an R). */
typedef struct
{
  char   kind;         /* 'A', 'M', 'N' or '#' */
  char  *type;         /* attribute name, normalization or comment type */
  char  *target;
  char  *value;        /* attribute value (NULL: binary), N "db:id", # text */
  char  *text;         /* N text */
  guint  line;
} Attachment;

typedef struct
{
  const char         *source;      /* the .ann as shown in problems */
  GlossImportSummary *summary;
  GlossDocument      *document;
  guint               bom;         /* 1 if the .txt starts with a BOM (brat counts it) */
  GlossOffsetUnit     unit;        /* what the offsets count: code points, or UTF-16 */
  GlossLabelSet      *labels;      /* of the folder written into; NULL: none could be read */
  GHashTable         *warned;      /* what was already warned about in this file, once each */

  GPtrArray  *entities;            /* Entity, file order */
  GHashTable *entities_by_id;      /* borrowed id → Entity */
  GPtrArray  *relations;           /* Relation */
  GHashTable *relations_by_id;     /* borrowed id → Relation */
  GPtrArray  *attachments;         /* Attachment */
  GHashTable *events;              /* ids of the E lines, to name them in problems */
  GArray     *problems;            /* LineProblem, sorted by line before reporting */
} AnnFile;

/* A problem of one line, held back so that a file's problems come out in
 * line order although they are found in several passes. */
typedef struct
{
  guint     line;
  guint     sequence;
  gboolean  skipped;
  gboolean  warning;      /* nothing lost: said as a warning */
  char     *message;
} LineProblem;

static void
entity_free (Entity *entity)
{
  g_free (entity->id);
  g_free (entity->type);
  g_free (entity->text);
  g_array_unref (entity->ranges);
  g_clear_pointer (&entity->spans, g_ptr_array_unref);
  if (entity->note != NULL)
    g_string_free (entity->note, TRUE);
  g_free (entity);
}

static void
relation_free (Relation *relation)
{
  g_free (relation->id);
  g_free (relation->type);
  g_free (relation->from);
  g_free (relation->to);
  g_clear_object (&relation->relation);
  g_free (relation);
}

static void
attachment_free (Attachment *attachment)
{
  g_free (attachment->type);
  g_free (attachment->target);
  g_free (attachment->value);
  g_free (attachment->text);
  g_free (attachment);
}

static void
ann_file_init (AnnFile            *ann,
               const char         *source,
               GlossImportSummary *summary)
{
  memset (ann, 0, sizeof *ann);
  ann->source = source;
  ann->summary = summary;
  ann->entities = g_ptr_array_new_with_free_func ((GDestroyNotify) entity_free);
  ann->entities_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  ann->relations = g_ptr_array_new_with_free_func ((GDestroyNotify) relation_free);
  ann->relations_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  ann->attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) attachment_free);
  ann->events = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ann->problems = g_array_new (FALSE, FALSE, sizeof (LineProblem));
  ann->warned = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
ann_file_clear (AnnFile *ann)
{
  g_clear_object (&ann->document);
  g_clear_pointer (&ann->entities_by_id, g_hash_table_unref);
  g_clear_pointer (&ann->entities, g_ptr_array_unref);
  g_clear_pointer (&ann->relations_by_id, g_hash_table_unref);
  g_clear_pointer (&ann->relations, g_ptr_array_unref);
  g_clear_pointer (&ann->attachments, g_ptr_array_unref);
  g_clear_pointer (&ann->events, g_hash_table_unref);
  g_clear_pointer (&ann->warned, g_hash_table_unref);
  for (guint i = 0; ann->problems != NULL && i < ann->problems->len; i++)
    g_free (g_array_index (ann->problems, LineProblem, i).message);
  g_clear_pointer (&ann->problems, g_array_unref);
}

/* Problems */

static void add_problem (GlossImportSummary *summary,
                         gboolean            skipped,
                         const char         *format,
                         ...) G_GNUC_PRINTF (3, 4);

/* @skipped: whether this is something not imported (counted) or only a
 * remark about something imported (a split span, a text mismatch). */
static void
add_problem (GlossImportSummary *summary,
             gboolean            skipped,
             const char         *format,
             ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (summary->problems, g_strdup_vprintf (format, args));
  va_end (args);

  if (skipped)
    summary->skipped++;
}

static void report_line (AnnFile    *ann,
                         guint       line,
                         gboolean    skipped,
                         const char *format,
                         ...) G_GNUC_PRINTF (4, 5);

/* "FILE:LINE: what" */
static void
report_line (AnnFile    *ann,
             guint       line,
             gboolean    skipped,
             const char *format,
             ...)
{
  LineProblem problem = { line, ann->problems->len, skipped, FALSE, NULL };
  va_list args;

  va_start (args, format);
  problem.message = g_strdup_vprintf (format, args);
  va_end (args);

  g_array_append_val (ann->problems, problem);
}

static void warn_line (AnnFile    *ann,
                       guint       line,
                       const char *format,
                       ...) G_GNUC_PRINTF (3, 4);

/* "FILE:LINE: warning: what", for what was imported as it was. */
static void
warn_line (AnnFile    *ann,
           guint       line,
           const char *format,
           ...)
{
  LineProblem problem = { line, ann->problems->len, FALSE, TRUE, NULL };
  va_list args;

  va_start (args, format);
  problem.message = g_strdup_vprintf (format, args);
  va_end (args);

  g_array_append_val (ann->problems, problem);
}

static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const LineProblem *pa = a, *pb = b;

  if (pa->line != pb->line)
    return pa->line < pb->line ? -1 : 1;
  return pa->sequence < pb->sequence ? -1 : pa->sequence > pb->sequence;
}

/* The file's problems, in line order, into the summary. */
static void
flush_problems (AnnFile *ann)
{
  g_array_sort (ann->problems, compare_problems);

  for (guint i = 0; i < ann->problems->len; i++)
    {
      LineProblem *problem = &g_array_index (ann->problems, LineProblem, i);

      if (problem->warning)
        {
          add_problem (ann->summary, FALSE, "%s:%u: %s: %s", ann->source, problem->line,
                       gloss_severity_to_string (GLOSS_SEVERITY_WARNING), problem->message);
          ann->summary->warnings++;
        }
      else
        add_problem (ann->summary, problem->skipped, "%s:%u: %s",
                     ann->source, problem->line, problem->message);
      g_clear_pointer (&problem->message, g_free);
    }
  g_array_set_size (ann->problems, 0);
}

/* Parsing one line */

static gboolean
parse_uint (const char *str,
            guint      *value)
{
  guint64 parsed;

  /* digits only: g_ascii_string_to_unsigned() would accept a sign */
  if (str[0] < '0' || str[0] > '9')
    return FALSE;

  if (!g_ascii_string_to_unsigned (str, 10, 0, G_MAXUINT, &parsed, NULL))
    return FALSE;

  *value = (guint) parsed;
  return TRUE;
}

/* "0 5;8 10" → ranges. brat separates fragments with ';' and the two
 * offsets of each with a space. */
static GArray *
parse_ranges (const char *str)
{
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (Range));
  g_auto(GStrv) fragments = g_strsplit (str, ";", -1);

  for (guint i = 0; fragments[i] != NULL; i++)
    {
      g_auto(GStrv) offsets = g_strsplit (fragments[i], " ", -1);
      Range range;

      if (g_strv_length (offsets) != 2
          || !parse_uint (offsets[0], &range.start)
          || !parse_uint (offsets[1], &range.end))
        return NULL;
      g_array_append_val (ranges, range);
    }

  return g_steal_pointer (&ranges);
}

/* The whitespace-separated words of a brat field, empty ones dropped (brat
 * files in the wild have doubled or trailing spaces). */
static GStrv
split_words (const char *field)
{
  g_auto(GStrv) parts = g_strsplit_set (field, " \t", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] != '\0')
      g_strv_builder_add (builder, parts[i]);

  return g_strv_builder_end (builder);
}

static void
report_malformed (AnnFile    *ann,
                  guint       line,
                  const char *kind)
{
  report_line (ann, line, TRUE, _("malformed %s line; skipped"), kind);
}

/* T1<TAB>Type 0 5;8 10<TAB>text */
static void
parse_entity (AnnFile     *ann,
              guint        line,
              char       **fields)
{
  const char *space;
  g_autoptr(GArray) ranges = NULL;
  Entity *entity;

  space = fields[1] != NULL ? strchr (fields[1], ' ') : NULL;
  if (space == NULL || space == fields[1]
      || (ranges = parse_ranges (space + 1)) == NULL)
    {
      report_malformed (ann, line, "T");
      return;
    }

  if (g_hash_table_contains (ann->entities_by_id, fields[0]))
    {
      report_line (ann, line, TRUE, _("%s is defined a second time; skipped"), fields[0]);
      return;
    }

  entity = g_new0 (Entity, 1);
  entity->id = g_strdup (fields[0]);
  entity->type = g_strndup (fields[1], space - fields[1]);
  entity->text = fields[2] != NULL ? g_strdup (fields[2]) : NULL;
  entity->ranges = g_steal_pointer (&ranges);
  entity->line = line;
  g_ptr_array_add (ann->entities, entity);
  g_hash_table_insert (ann->entities_by_id, entity->id, entity);
}

/* R1<TAB>Type Arg1:T1 Arg2:T2 (the arguments in either order) */
static void
parse_relation (AnnFile  *ann,
                guint     line,
                char    **fields)
{
  g_auto(GStrv) words = fields[1] != NULL ? split_words (fields[1]) : NULL;
  const char *from = NULL, *to = NULL;
  gboolean malformed = words == NULL || words[0] == NULL;
  Relation *relation;

  for (guint i = 1; !malformed && words[i] != NULL; i++)
    {
      if (g_str_has_prefix (words[i], "Arg1:") && from == NULL)
        from = words[i] + strlen ("Arg1:");
      else if (g_str_has_prefix (words[i], "Arg2:") && to == NULL)
        to = words[i] + strlen ("Arg2:");
      else
        malformed = TRUE;
    }

  if (malformed || from == NULL || to == NULL || from[0] == '\0' || to[0] == '\0')
    {
      report_malformed (ann, line, "R");
      return;
    }

  if (g_hash_table_contains (ann->relations_by_id, fields[0]))
    {
      report_line (ann, line, TRUE, _("%s is defined a second time; skipped"), fields[0]);
      return;
    }

  relation = g_new0 (Relation, 1);
  relation->id = g_strdup (fields[0]);
  relation->type = g_strdup (words[0]);
  relation->from = g_strdup (from);
  relation->to = g_strdup (to);
  relation->line = line;
  g_ptr_array_add (ann->relations, relation);
  g_hash_table_insert (ann->relations_by_id, relation->id, relation);
}

static void
add_attachment (AnnFile    *ann,
                char        kind,
                guint       line,
                const char *type,
                const char *target,
                const char *value,
                const char *text)
{
  Attachment *attachment = g_new0 (Attachment, 1);

  attachment->kind = kind;
  attachment->type = g_strdup (type);
  attachment->target = g_strdup (target);
  attachment->value = g_strdup (value);
  attachment->text = g_strdup (text);
  attachment->line = line;
  g_ptr_array_add (ann->attachments, attachment);
}

/* A1<TAB>Name T1 [Value], M1<TAB>Name T1 (M: brat's older "modifier") */
static void
parse_attribute (AnnFile  *ann,
                 guint     line,
                 char      kind,
                 char    **fields)
{
  g_auto(GStrv) words = fields[1] != NULL ? split_words (fields[1]) : NULL;
  guint n = words != NULL ? g_strv_length (words) : 0;

  if (n < 2 || n > 3 || (kind == 'M' && n != 2))
    {
      report_malformed (ann, line, kind == 'A' ? "A" : "M");
      return;
    }

  add_attachment (ann, kind, line, words[0], words[1], words[2], NULL);
}

/* N1<TAB>Reference T1 Wikipedia:534366<TAB>Barack Obama */
static void
parse_normalization (AnnFile  *ann,
                     guint     line,
                     char    **fields)
{
  g_auto(GStrv) words = fields[1] != NULL ? split_words (fields[1]) : NULL;

  if (words == NULL || g_strv_length (words) != 3 || strchr (words[2], ':') == NULL)
    {
      report_malformed (ann, line, "N");
      return;
    }

  add_attachment (ann, 'N', line, words[0], words[1], words[2],
                  fields[2] != NULL ? fields[2] : "");
}

/* #1<TAB>AnnotatorNotes T1<TAB>text. The text is kept exactly, leading
 * spaces included (brat's CoNLL corpora store lemmas as " Halonen"). */
static void
parse_comment (AnnFile  *ann,
               guint     line,
               char    **fields)
{
  g_auto(GStrv) words = fields[1] != NULL ? split_words (fields[1]) : NULL;

  if (words == NULL || g_strv_length (words) != 2)
    {
      report_malformed (ann, line, "#");
      return;
    }

  add_attachment (ann, '#', line, words[0], words[1],
                  fields[2] != NULL ? fields[2] : "", NULL);
}

static void
parse_line (AnnFile    *ann,
            guint       line,
            const char *content)
{
  /* id, then the type and arguments, then the free text (which may itself
   * hold tabs: only the first two separate fields) */
  g_auto(GStrv) fields = g_strsplit (content, "\t", 3);

  if (fields[0] == NULL || fields[0][0] == '\0')
    {
      report_line (ann, line, TRUE, _("line without an id; skipped"));
      return;
    }

  /* brat ids become Gloss ids (at most GLOSS_SIDECAR_MAX_ID characters),
   * with room for a fragment's "-N" */
  if (strlen (fields[0]) > MAX_ID_LENGTH)
    {
      report_line (ann, line, TRUE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "the id is longer than %d character; skipped",
                                "the id is longer than %d characters; skipped",
                                MAX_ID_LENGTH),
                   MAX_ID_LENGTH);
      return;
    }

  switch (fields[0][0])
    {
    case 'T':
      parse_entity (ann, line, fields);
      break;
    case 'R':
      parse_relation (ann, line, fields);
      break;
    case 'A':
    case 'M':
      parse_attribute (ann, line, fields[0][0], fields);
      break;
    case 'N':
      parse_normalization (ann, line, fields);
      break;
    case '#':
      parse_comment (ann, line, fields);
      break;
    case 'E':
      g_hash_table_add (ann->events, g_strdup (fields[0]));
      report_line (ann, line, TRUE,
                   _("event %s (E line) cannot be held by Gloss; skipped (its trigger span is imported)"),
                   fields[0]);
      break;
    case '*':
      report_line (ann, line, TRUE,
                   _("equivalence (* line) cannot be held by Gloss; skipped"));
      break;
    default:
      {
        g_autofree char *kind = g_utf8_substring (fields[0], 0, 1);
        report_line (ann, line, TRUE, _("unknown line kind %s; skipped"), kind);
      }
      break;
    }
}

static void
parse_ann (AnnFile    *ann,
           const char *contents)
{
  g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];
      gsize length = strlen (line);

      /* a file written on Windows */
      if (length > 0 && line[length - 1] == '\r')
        line[--length] = '\0';

      /* brat ignores blank lines, and so do we */
      if (strspn (line, " \t") == length)
        continue;

      parse_line (ann, i + 1, line);
    }
}

/* Building the spans */

/* Python's str.splitlines() set, which is what brat itself splits on. */
static gboolean
is_line_break (gunichar c)
{
  return c == '\n' || c == '\r' || c == 0x0b || c == 0x0c
         || (c >= 0x1c && c <= 0x1e) || c == 0x85 || c == 0x2028 || c == 0x2029;
}

static gboolean
only_line_breaks (GlossDocument *document,
                  guint          start,
                  guint          end)
{
  g_autofree char *gap = gloss_document_dup_slice (document, start, end);

  for (const char *p = gap; *p != '\0'; p = g_utf8_next_char (p))
    if (!is_line_break (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
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

/* brat offsets (code points of the .txt, BOM included, or UTF-16 code
 * units when asked for) → Gloss offsets, checked against the text. FALSE
 * (reported) when a fragment cannot be placed exactly: it is never moved
 * to fit. */
static gboolean
convert_ranges (AnnFile *ann,
                Entity  *entity)
{
  guint length = ann->unit == GLOSS_OFFSETS_UTF16 ? gloss_document_get_utf16_length (ann->document)
                                                  : gloss_document_get_length (ann->document);

  for (guint i = 0; i < entity->ranges->len; i++)
    {
      Range *range = &g_array_index (entity->ranges, Range, i);
      g_autofree char *why = NULL;
      guint start, end;

      if (range->start >= range->end || range->end > length + ann->bom)
        {
          report_line (ann, entity->line, TRUE,
                       ann->unit == GLOSS_OFFSETS_UTF16
                       ? g_dngettext (GETTEXT_PACKAGE,
                                      "%s: %u–%u does not fit the text (%u UTF-16 code unit); skipped",
                                      "%s: %u–%u does not fit the text (%u UTF-16 code units); skipped",
                                      length + ann->bom)
                       : g_dngettext (GETTEXT_PACKAGE,
                                      "%s: %u–%u does not fit the text (%u character); skipped",
                                      "%s: %u–%u does not fit the text (%u characters); skipped",
                                      length + ann->bom),
                       entity->id, range->start, range->end, length + ann->bom);
          return FALSE;
        }
      if (!gloss_import_offset_to_code_points (ann->document, range->start, ann->unit, &start, &why)
          || !gloss_import_offset_to_code_points (ann->document, range->end, ann->unit, &end, &why))
        {
          report_line (ann, entity->line, TRUE, _("%s: %u–%u in %s: %s; skipped"),
                       entity->id, range->start, range->end,
                       gloss_offset_unit_to_string (ann->unit), why);
          return FALSE;
        }
      if (!gloss_document_is_grapheme_boundary (ann->document, start)
          || !gloss_document_is_grapheme_boundary (ann->document, end))
        {
          why = gloss_import_dup_span_problem (ann->document, start, end);
          report_line (ann, entity->line, TRUE,
                       _("%s: %u–%u cuts a grapheme cluster (%s; Gloss spans hold whole ones); skipped"),
                       entity->id, range->start, range->end, why);
          return FALSE;
        }
      range->start = start;
      range->end = end;
    }

  return TRUE;
}

/* The fragments' texts joined with spaces, brat's text field, with the
 * line's offsets read in @unit (ranges hold code points converted from
 * ann->unit). NULL when @unit cannot place them. */
static char *
dup_fragments_text (AnnFile         *ann,
                    Entity          *entity,
                    GlossOffsetUnit  unit)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < entity->ranges->len; i++)
    {
      const Range *range = &g_array_index (entity->ranges, Range, i);
      g_autofree char *slice = NULL;
      guint start = range->start, end = range->end;

      if (unit != ann->unit)
        {
          /* Back to the numbers in the file, then read as @unit. */
          guint raw_start = gloss_offset_convert (ann->document, start, ann->unit) + ann->bom;
          guint raw_end = gloss_offset_convert (ann->document, end, ann->unit) + ann->bom;
          g_autofree char *why = NULL;

          if (!gloss_import_offset_to_code_points (ann->document, raw_start, unit, &start, &why)
              || !gloss_import_offset_to_code_points (ann->document, raw_end, unit, &end, &why)
              || start >= end)
            return NULL;
        }

      slice = gloss_document_dup_slice (ann->document, start, end);
      if (i > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, slice);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* brat's own check: the text field is the fragments' texts joined with
 * spaces. The offsets win; a mismatch is only reported — saying so when
 * the other unit explains it (an INCEpTION file read as code points, or
 * the reverse), since then every span after an emoji is off. */
static void
check_text (AnnFile *ann,
            Entity  *entity)
{
  g_autofree char *expected = NULL;
  g_autofree char *other_text = NULL;
  g_autofree char *shown = NULL;
  GlossOffsetUnit other;

  if (entity->text == NULL)
    return;

  expected = dup_fragments_text (ann, entity, ann->unit);
  if (strcmp (expected, entity->text) == 0)
    return;
  /* One line per problem, even when the offsets point across lines. */
  shown = gloss_import_dup_visible (expected, G_MAXUINT);

  other = ann->unit == GLOSS_OFFSETS_UTF16 ? GLOSS_OFFSETS_CODE_POINTS : GLOSS_OFFSETS_UTF16;
  other_text = dup_fragments_text (ann, entity, other);
  if (other_text != NULL && strcmp (other_text, entity->text) == 0)
    report_line (ann, entity->line, FALSE,
                 _("%s: the text “%s” differs from the .txt at its offsets, “%s”, but is there counted in %s: import with --offsets %s; the offsets are kept"),
                 entity->id, entity->text, shown, gloss_offset_unit_to_string (other),
                 gloss_offset_unit_to_string (other));
  else
    report_line (ann, entity->line, FALSE,
                 _("%s: the text “%s” differs from the .txt at its offsets, “%s”; the offsets are kept"),
                 entity->id, entity->text, shown);
}

/* brat (and Gloss's exporter) writes a span that crosses lines as fragments
 * cut at the line breaks; those come back as the one span they were. */
static void
join_line_fragments (AnnFile *ann,
                     Entity  *entity)
{
  GArray *ranges = entity->ranges;

  g_array_sort (ranges, compare_ranges);
  for (guint i = 1; i < ranges->len;)
    {
      Range *previous = &g_array_index (ranges, Range, i - 1);
      const Range *range = &g_array_index (ranges, Range, i);

      if (range->start >= previous->end
          && only_line_breaks (ann->document, previous->end, range->start))
        {
          previous->end = range->end;
          g_array_remove_index (ranges, i);
        }
      else
        i++;
    }
}

static void
build_spans (AnnFile *ann,
             Entity  *entity)
{
  GArray *ranges = entity->ranges;

  if (!convert_ranges (ann, entity))
    return;

  check_text (ann, entity);
  join_line_fragments (ann, entity);

  entity->spans = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < ranges->len; i++)
    {
      const Range *range = &g_array_index (ranges, Range, i);
      g_autofree char *id = i == 0 ? g_strdup (entity->id)
                                   : g_strdup_printf ("%s-%u", entity->id, i + 1);
      GlossAnnotation *span = gloss_annotation_new (id, entity->type, range->start, range->end);

      /* Later fragments name the first, so the exporter writes them as one
       * discontinuous T line again. */
      if (i > 0)
        {
          g_autoptr(JsonObject) extra = json_object_new ();
          json_object_set_string_member (extra, BRAT_KEY_FRAGMENT_OF, entity->id);
          gloss_annotation_set_extra (span, extra);
        }
      g_ptr_array_add (entity->spans, span);
    }

  if (ranges->len > 1)
    {
      ann->summary->fragments++;
      report_line (ann, entity->line, FALSE,
                   /* Translators: "T3 is discontinuous: kept as 2 spans, T3 to T3-2" */
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s is discontinuous: kept as %u span, %s to %s-%u",
                                "%s is discontinuous: kept as %u spans, %s to %s-%u",
                                ranges->len),
                   entity->id, ranges->len, entity->id, entity->id, ranges->len);
    }
}

/* Attachments */

static JsonObject *
ensure_extra (GlossAnnotation *span)
{
  JsonObject *extra = gloss_annotation_get_extra (span);

  if (extra == NULL)
    {
      g_autoptr(JsonObject) created = json_object_new ();
      gloss_annotation_set_extra (span, created);
      extra = created;
    }

  return extra;
}

static JsonObject *
ensure_relation_extra (GlossRelation *relation)
{
  JsonObject *extra = gloss_relation_get_extra (relation);

  if (extra == NULL)
    {
      g_autoptr(JsonObject) created = json_object_new ();
      gloss_relation_set_extra (relation, created);
      extra = created;
    }

  return extra;
}

static JsonArray *
ensure_array_member (JsonObject *object,
                     const char *name)
{
  if (!json_object_has_member (object, name))
    json_object_set_array_member (object, name, json_array_new ());
  return json_object_get_array_member (object, name);
}

static JsonArray *
string_tuple (const char *first,
              const char *second,
              const char *third)
{
  JsonArray *tuple = json_array_new ();

  json_array_add_string_element (tuple, first);
  json_array_add_string_element (tuple, second);
  if (third != NULL)
    json_array_add_string_element (tuple, third);

  return tuple;
}

/* Whether @text is a number as JSON writes one (RFC 8259, section 6):
 * -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?. strtod() reads more —
 * hexadecimal, "inf", "nan", leading spaces, "1." — none of which our
 * writers or brat's make, so such a value is a typo or another kind of
 * text, not a number to guess at. */
static gboolean
is_json_number (const char *text)
{
  const char *p = text;

  if (*p == '-')
    p++;
  if (*p == '0')
    p++;
  else if (*p >= '1' && *p <= '9')
    while (g_ascii_isdigit (*p))
      p++;
  else
    return FALSE;

  if (*p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }

  if (*p == 'e' || *p == 'E')
    {
      p++;
      if (*p == '+' || *p == '-')
        p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }

  return *p == '\0';
}

/* An A line's value as the label set types it: no value is a binary
 * attribute (true); "true"/"false" of a boolean, a number's text (as
 * JSON writes a number), a multiple choice's value as a list of one;
 * anything else, and every value of an attribute the set does not
 * declare, the text itself. */
static GVariant *
attribute_value (GlossAttribute *attribute,
                 const char     *text)
{
  if (text == NULL)
    return g_variant_ref_sink (g_variant_new_boolean (TRUE));

  if (attribute == NULL)
    return g_variant_ref_sink (g_variant_new_string (text));

  switch (gloss_attribute_get_value_type (attribute))
    {
    case GLOSS_ATTRIBUTE_BOOLEAN:
      if (strcmp (text, "true") == 0 || strcmp (text, "false") == 0)
        return g_variant_ref_sink (g_variant_new_boolean (text[0] == 't'));
      break;

    case GLOSS_ATTRIBUTE_NUMBER:
      if (is_json_number (text))
        {
          double number = g_ascii_strtod (text, NULL);

          if (isfinite (number))
            return g_variant_ref_sink (g_variant_new_double (number));
        }
      break;

    case GLOSS_ATTRIBUTE_CHOICE:
      if (gloss_attribute_get_multiple (attribute))
        return g_variant_ref_sink (g_variant_new_strv (&text, 1));
      break;

    case GLOSS_ATTRIBUTE_TEXT:
    default:
      break;
    }

  return g_variant_ref_sink (g_variant_new_string (text));
}

/* @value with the list @more's values added, for a multiple choice
 * given on several A lines (one value each, as brat writes them). */
static GVariant *
merge_values (GVariant *value,
              GVariant *more)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) values = NULL;
  g_autofree const char **first = g_variant_get_strv (value, NULL);
  g_autofree const char **second = g_variant_get_strv (more, NULL);

  g_strv_builder_addv (builder, first);
  for (guint i = 0; second[i] != NULL; i++)
    if (!g_strv_contains (first, second[i]))
      g_strv_builder_add (builder, second[i]);

  values = g_strv_builder_end (builder);
  return g_variant_ref_sink (g_variant_new_strv ((const char * const *) values, -1));
}

/* Once per file and @key. */
static gboolean
first_time (AnnFile    *ann,
            const char *key)
{
  if (g_hash_table_contains (ann->warned, key))
    return FALSE;

  g_hash_table_add (ann->warned, g_strdup (key));
  return TRUE;
}

/* The sidecar reader's checks (gloss-sidecar-reader.c, read_attribute_map)
 * on an imported value: warnings, the value kept either way. */
static void
check_attribute (AnnFile        *ann,
                 Attachment     *attachment,
                 const char     *label,
                 GVariant       *value)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;

  if (ann->labels == NULL)
    return;

  switch (gloss_label_set_check_attribute_value (ann->labels, attachment->type, FALSE, label,
                                                 value, NULL, &error))
    {
    case GLOSS_ATTRIBUTE_VALUE_ALLOWED:
      break;
    case GLOSS_ATTRIBUTE_VALUE_UNDECLARED:
      /* a brat folder of thousands of lines names its attributes often:
       * said once per file */
      key = g_strconcat ("attribute\n", attachment->type, NULL);
      if (first_time (ann, key))
        warn_line (ann, attachment->line, _("“%s” is not an attribute of the label set; kept"),
                   attachment->type);
      break;
    case GLOSS_ATTRIBUTE_VALUE_NOT_APPLICABLE:
      key = g_strconcat ("applies\n", attachment->type, "\n", label, NULL);
      if (first_time (ann, key))
        warn_line (ann, attachment->line,
                   /* Translators: the first %s is an attribute, the second a label */
                   _("the attribute “%s” does not apply to the label “%s”; kept"),
                   attachment->type, label);
      break;
    case GLOSS_ATTRIBUTE_VALUE_NOT_ALLOWED:
      warn_line (ann, attachment->line, _("%s of %s: %s; kept"),
                 attachment->type, attachment->target, error->message);
      break;
    }
}

static void
attach_attribute (AnnFile         *ann,
                  Entity          *entity,
                  GlossAnnotation *span,
                  Attachment      *attachment)
{
  GlossAttribute *attribute = ann->labels != NULL
                              ? gloss_label_set_lookup_attribute (ann->labels, attachment->type) : NULL;
  g_autoptr(GVariant) value = attribute_value (attribute, attachment->value);
  g_autoptr(GVariant) old = gloss_annotation_get_attribute (span, attachment->type);

  if (old != NULL)
    {
      if (g_variant_is_of_type (old, G_VARIANT_TYPE_STRING_ARRAY)
          && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY))
        {
          GVariant *merged = merge_values (old, value);

          g_variant_unref (value);
          value = merged;
        }
      else
        report_line (ann, attachment->line, FALSE,
                     _("attribute %s of %s is given twice; the last value is kept"),
                     attachment->type, attachment->target);
    }

  check_attribute (ann, attachment, entity->type, value);
  gloss_annotation_set_attribute (span, attachment->type, value);
  ann->summary->attributes++;
}

static void
attach_normalization (AnnFile         *ann,
                      GlossAnnotation *span,
                      Attachment      *attachment)
{
  JsonArray *normalizations = ensure_array_member (ensure_extra (span), BRAT_KEY_NORMALIZATIONS);
  const char *colon = strchr (attachment->value, ':');
  g_autofree char *db = g_strndup (attachment->value, colon - attachment->value);

  json_array_add_array_element (normalizations, string_tuple (db, colon + 1, attachment->text));
  /* kept as an extra key, like an attribute */
  ann->summary->attributes++;
}

/* AnnotatorNotes becomes the note; other comment types (brat's CoNLL
 * corpora carry lemmas as "Lemma" comments) are kept as extra keys. */
static void
attach_comment (AnnFile         *ann,
                Entity          *entity,
                GlossAnnotation *span,
                Attachment      *attachment)
{
  /* Joined with line breaks, empty notes included: the exporter writes a
   * multi-line note as one # line per line, blank lines too. */
  if (strcmp (attachment->type, BRAT_ANNOTATOR_NOTES) == 0)
    {
      if (entity->note == NULL)
        entity->note = g_string_new (attachment->value);
      else
        g_string_append_printf (entity->note, "\n%s", attachment->value);
      return;
    }

  json_array_add_array_element (ensure_array_member (ensure_extra (span), BRAT_KEY_COMMENTS),
                                string_tuple (attachment->type, attachment->value, NULL));
  ann->summary->attributes++;
}

/* A relation has no note in Gloss: every comment on it, AnnotatorNotes
 * included, is kept as an extra key. */
static void
attach_relation_comment (AnnFile       *ann,
                         GlossRelation *relation,
                         Attachment    *attachment)
{
  json_array_add_array_element (ensure_array_member (ensure_relation_extra (relation),
                                                     BRAT_KEY_COMMENTS),
                                string_tuple (attachment->type, attachment->value, NULL));
  ann->summary->attributes++;
}

static const char *
describe_kind (char kind)
{
  switch (kind)
    {
    case 'A':
      return "A";
    case 'M':
      return "M";
    case 'N':
      return "N";
    default:
      return "#";
    }
}

static void
attach (AnnFile    *ann,
        Attachment *attachment)
{
  Entity *entity = g_hash_table_lookup (ann->entities_by_id, attachment->target);
  Relation *relation = g_hash_table_lookup (ann->relations_by_id, attachment->target);
  GlossAnnotation *span;

  if (attachment->kind == '#' && relation != NULL && relation->relation != NULL)
    {
      attach_relation_comment (ann, relation->relation, attachment);
      return;
    }

  if (relation != NULL && relation->relation != NULL)
    {
      report_line (ann, attachment->line, TRUE,
                   _("%s line on relation %s, which Gloss cannot hold; skipped"),
                   describe_kind (attachment->kind), attachment->target);
      return;
    }

  if (g_hash_table_contains (ann->events, attachment->target))
    {
      report_line (ann, attachment->line, TRUE,
                   _("%s line on event %s, which Gloss cannot hold; skipped"),
                   describe_kind (attachment->kind), attachment->target);
      return;
    }

  if (entity == NULL || entity->spans == NULL)
    {
      report_line (ann, attachment->line, TRUE,
                   _("%s line on %s, which was not imported; skipped"),
                   describe_kind (attachment->kind), attachment->target);
      return;
    }

  /* everything attached to a discontinuous entity goes to its first fragment */
  span = g_ptr_array_index (entity->spans, 0);
  switch (attachment->kind)
    {
    case 'A':
    case 'M':
      attach_attribute (ann, entity, span, attachment);
      break;
    case 'N':
      attach_normalization (ann, span, attachment);
      break;
    default:
      attach_comment (ann, entity, span, attachment);
      break;
    }
}

static GlossAnnotation *
relation_end (AnnFile    *ann,
              const char *id)
{
  Entity *entity = g_hash_table_lookup (ann->entities_by_id, id);

  if (entity == NULL || entity->spans == NULL)
    return NULL;
  return g_ptr_array_index (entity->spans, 0);
}

static void
build_relation (AnnFile  *ann,
                Relation *relation)
{
  GlossAnnotation *from = relation_end (ann, relation->from);
  GlossAnnotation *to = relation_end (ann, relation->to);

  if (from == NULL || to == NULL)
    {
      const char *missing = from == NULL ? relation->from : relation->to;

      if (g_hash_table_contains (ann->events, missing))
        report_line (ann, relation->line, TRUE,
                     _("%s links event %s, which Gloss cannot hold; skipped"),
                     relation->id, missing);
      else
        report_line (ann, relation->line, TRUE,
                     _("%s links %s, which was not imported; skipped"),
                     relation->id, missing);
      return;
    }

  /* the sidecar format refuses a relation from a span to itself */
  if (from == to)
    {
      report_line (ann, relation->line, TRUE,
                   _("%s links %s to itself, which Gloss cannot hold; skipped"),
                   relation->id, relation->from);
      return;
    }

  relation->relation = gloss_relation_new (relation->id, relation->type,
                                           gloss_annotation_get_id (from),
                                           gloss_annotation_get_id (to));
}

/* Reading one pair */

/* Only regular files, within the limits of an article (the .txt) or a
 * sidecar (the .ann, which holds about as much): a FIFO or /dev/zero named
 * like one is refused, not read. */
static gboolean
read_text_file (GFile        *file,
                gsize         max_bytes,
                char        **contents,
                gsize        *length,
                GCancellable *cancellable,
                GError      **error)
{
  g_autofree char *name = g_file_get_basename (file);

  return gloss_file_load_contents (file, name, max_bytes, contents, length, cancellable, error);
}

static void
report_file (GlossImportSummary *summary,
             const char         *source,
             const char         *message)
{
  add_problem (summary, TRUE, "%s: %s", source, message);
}

/* The .ann's lines turned into annotations and relations. */
static void
resolve (AnnFile   *ann,
         GPtrArray *spans,
         GPtrArray *relations)
{
  for (guint i = 0; i < ann->entities->len; i++)
    build_spans (ann, g_ptr_array_index (ann->entities, i));

  for (guint i = 0; i < ann->relations->len; i++)
    build_relation (ann, g_ptr_array_index (ann->relations, i));

  for (guint i = 0; i < ann->attachments->len; i++)
    attach (ann, g_ptr_array_index (ann->attachments, i));

  for (guint i = 0; i < ann->entities->len; i++)
    {
      Entity *entity = g_ptr_array_index (ann->entities, i);

      if (entity->spans != NULL && entity->note != NULL)
        gloss_annotation_set_note (g_ptr_array_index (entity->spans, 0), entity->note->str);

      for (guint j = 0; entity->spans != NULL && j < entity->spans->len; j++)
        g_ptr_array_add (spans, g_object_ref (g_ptr_array_index (entity->spans, j)));
    }

  for (guint i = 0; i < ann->relations->len; i++)
    {
      Relation *relation = g_ptr_array_index (ann->relations, i);

      if (relation->relation != NULL)
        g_ptr_array_add (relations, g_object_ref (relation->relation));
    }
}

static gboolean
has_bom (const char *text,
         gsize       length)
{
  return length >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0;
}

/* @ann_file and its .txt → @folder/@name and its sidecar. */
static gboolean
import_pair (GFile              *ann_file,
             GFile              *txt_file,
             const char         *source,
             GFile              *folder,
             const char         *name,
             const char         *annotator_id,
             GlossOffsetUnit     unit,
             GlossLabelSet      *labels,
             GlossImportSummary *summary,
             GCancellable       *cancellable,
             GError            **error)
{
  g_autofree char *text = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) spans = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) relations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) local_error = NULL;
  gsize text_length, contents_length;
  AnnFile ann;
  gboolean ok;

  if (!read_text_file (txt_file, GLOSS_DOCUMENT_MAX_BYTES, &text, &text_length,
                       cancellable, &local_error)
      || !read_text_file (ann_file, GLOSS_SIDECAR_MAX_BYTES, &contents, &contents_length,
                          cancellable, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      report_file (summary, source, local_error->message);
      return TRUE;
    }

  if (!g_utf8_validate_len (contents, contents_length, NULL)
      || memchr (contents, '\0', contents_length) != NULL)
    {
      report_file (summary, source, _("not valid UTF-8 text; skipped"));
      return TRUE;
    }

  ann_file_init (&ann, source, summary);
  ann.document = gloss_document_new_from_text (text, text_length, &local_error);
  if (ann.document == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("its .txt: %s; skipped"), local_error->message);
      report_file (summary, source, message);
      ann_file_clear (&ann);
      return TRUE;
    }
  /* brat reads the .txt with Python's "utf-8" codec, which keeps a BOM as
   * the first character; Gloss's offsets leave it out. */
  ann.bom = has_bom (text, text_length) ? 1 : 0;
  ann.unit = unit;
  ann.labels = labels;

  parse_ann (&ann, contents);
  resolve (&ann, spans, relations);
  flush_problems (&ann);

  ok = gloss_import_write_article (folder, name, text, text_length, annotator_id,
                                   spans, relations, NULL, source, summary, error);
  ann_file_clear (&ann);
  return ok;
}

/* Walking the input */

static char *
txt_name_for (const char *ann_name)
{
  g_autofree char *stem = g_strndup (ann_name, strlen (ann_name) - strlen (".ann"));
  return g_strconcat (stem, ".txt", NULL);
}

static gboolean
import_ann_file (GFile              *ann_file,
                 const char         *source,
                 GFile              *output_folder,
                 const char         *annotator_id,
                 GlossOffsetUnit     unit,
                 GlossLabelSet      *labels,
                 GlossImportSummary *summary,
                 GCancellable       *cancellable,
                 GError            **error)
{
  g_autofree char *ann_name = g_file_get_basename (ann_file);
  g_autofree char *txt_name = txt_name_for (ann_name);
  g_autoptr(GFile) parent = g_file_get_parent (ann_file);
  g_autoptr(GFile) txt_file = g_file_get_child (parent, txt_name);

  if (!g_file_query_exists (txt_file, cancellable))
    {
      g_autofree char *message = g_strdup_printf (_("no %s beside it; skipped"), txt_name);
      report_file (summary, source, message);
      return TRUE;
    }

  return import_pair (ann_file, txt_file, source, output_folder, txt_name,
                      annotator_id, unit, labels, summary, cancellable, error);
}

/* The label set the imported sidecars will be read with: the nearest
 * gloss-labels.json of @output_folder (which may not exist yet), or the
 * built-in set. A broken one is said once; the attributes are then
 * imported unchecked (NULL). */
static GlossLabelSet *
find_labels (GFile              *output_folder,
             const char         *source,
             GlossImportSummary *summary)
{
  g_autoptr(GError) error = NULL;
  GlossLabelSet *labels = gloss_label_set_find_for_folder (output_folder, &error);

  if (labels == NULL)
    {
      add_problem (summary, FALSE, "%s: %s: %s", source,
                   gloss_severity_to_string (GLOSS_SEVERITY_WARNING), error->message);
      summary->warnings++;
    }
  return labels;
}

typedef struct
{
  GFile              *output;       /* the folder the input's tree is mirrored in */
  const char         *annotator_id;
  GlossOffsetUnit     unit;
  GlossImportSummary *summary;
  GFile              *made_output;  /* the output folder made last */
  GFile              *labels_folder; /* the output folder @labels was found for */
  GlossLabelSet      *labels;
} Walk;

static gboolean
walk_wants (const char *name,
            gpointer    user_data)
{
  return g_str_has_suffix (name, ".ann");
}

/* The output mirrors the input's folders, made only where there is
 * something to put in them. */
static gboolean
ensure_output (Walk          *walk,
               GFile         *output_folder,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  if (walk->made_output != NULL && g_file_equal (walk->made_output, output_folder))
    return TRUE;

  if (!g_file_make_directory_with_parents (output_folder, cancellable, &local_error)
      && !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  g_set_object (&walk->made_output, output_folder);
  return TRUE;
}

static gboolean
walk_file (const GlossFolderWalkEntry  *entry,
           gpointer                     user_data,
           GCancellable                *cancellable,
           GError                     **error)
{
  Walk *walk = user_data;
  g_autoptr(GFile) output_file = g_file_resolve_relative_path (walk->output, entry->relative);
  g_autoptr(GFile) output_folder = g_file_get_parent (output_file);

  if (!ensure_output (walk, output_folder, cancellable, error))
    return FALSE;

  /* looked up again only when the folder changes: the walk goes folder
   * by folder */
  if (walk->labels_folder == NULL || !g_file_equal (walk->labels_folder, output_folder))
    {
      g_set_object (&walk->labels_folder, output_folder);
      g_clear_object (&walk->labels);
      walk->labels = find_labels (output_folder, entry->relative, walk->summary);
    }

  return import_ann_file (entry->file, entry->relative, output_folder, walk->annotator_id,
                          walk->unit, walk->labels, walk->summary, cancellable, error);
}

/* A warning, not a failure: what the link leads to is imported anyway
 * (or is where the import already is). */
static void
report_link (Walk       *walk,
             const char *relative,
             const char *message)
{
  add_problem (walk->summary, FALSE, "%s: %s: %s", relative,
               gloss_severity_to_string (GLOSS_SEVERITY_WARNING), message);
  walk->summary->warnings++;
}

/* What the walk left out, worded for an import: a folder inside that
 * cannot be read and a FIFO or a device named .ann are skipped; links not
 * followed are warnings. */
static void
walk_problem (GlossFolderWalkProblem      problem,
              const GlossFolderWalkEntry *entry,
              const GError               *error,
              gpointer                    user_data)
{
  Walk *walk = user_data;
  const char *target = g_file_info_get_symlink_target (entry->info);
  g_autofree char *message = NULL;

  switch (problem)
    {
    case GLOSS_FOLDER_WALK_UNREADABLE:
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
        message = g_strdup (_("the folder cannot be read (permission denied); nothing in it was imported"));
      else
        message = g_strdup_printf (_("the folder cannot be read; nothing in it was imported: %s"),
                                   error->message);
      report_file (walk->summary, entry->relative, message);
      return;

    case GLOSS_FOLDER_WALK_NOT_REGULAR:
      report_file (walk->summary, entry->relative, error->message);
      return;

    case GLOSS_FOLDER_WALK_LINK_SEEN:
      message = g_strdup_printf (_("a link to “%s”, a folder already imported; not followed"),
                                 target);
      break;

    case GLOSS_FOLDER_WALK_LINK_LOOP:
    case GLOSS_FOLDER_WALK_LINK_UNKNOWN:
    default:
      message = gloss_folder_walk_dup_link_message (problem, entry);
      break;
    }

  report_link (walk, entry->relative, message);
}

static const GlossFolderWalkCallbacks walk_callbacks = {
  walk_wants,
  walk_file,
  walk_problem,
};

/* @input and everything below it, each folder once, in name order (so
 * that imports, and the order of their problems, do not depend on the file
 * system). */
static gboolean
import_tree (GFile               *input,
             GFile               *output_folder,
             const char          *annotator_id,
             GlossOffsetUnit      unit,
             GlossImportSummary  *summary,
             GCancellable        *cancellable,
             GError             **error)
{
  g_autoptr(GlossFolderWalk) folder_walk = gloss_folder_walk_new (GLOSS_FOLDER_WALK_HIDDEN_LISTS);
  Walk walk = { output_folder, annotator_id, unit, summary, NULL, NULL, NULL };
  gboolean ok;

  ok = gloss_folder_walk_tree (folder_walk, input, &walk_callbacks, &walk, cancellable, error);
  g_clear_object (&walk.made_output);
  g_clear_object (&walk.labels_folder);
  g_clear_object (&walk.labels);

  return ok;
}

static gboolean
import_brat (GFile               *input,
             GFile               *output_folder,
             const char          *annotator_id,
             GlossOffsetUnit      offsets,
             GlossImportSummary  *summary,
             GCancellable        *cancellable,
             GError             **error)
{
  GFileType type;

  g_return_val_if_fail (G_IS_FILE (input), FALSE);
  g_return_val_if_fail (G_IS_FILE (output_folder), FALSE);
  g_return_val_if_fail (gloss_annotator_id_is_valid (annotator_id), FALSE);
  g_return_val_if_fail (summary != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!gloss_format_check_offsets (GLOSS_FORMAT_BRAT, offsets, error))
    return FALSE;

  type = g_file_query_file_type (input, G_FILE_QUERY_INFO_NONE, cancellable);
  if (type == G_FILE_TYPE_DIRECTORY)
    return import_tree (input, output_folder, annotator_id, offsets, summary, cancellable, error);

  if (type == G_FILE_TYPE_UNKNOWN)
    {
      g_autofree char *name = g_file_get_parse_name (input);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("“%s” does not exist"), name);
      return FALSE;
    }

  {
    g_autofree char *source = g_file_get_basename (input);
    g_autoptr(GError) local_error = NULL;

    if (!g_str_has_suffix (source, ".ann"))
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                     _("“%s” is not a brat .ann file or a folder of them"), source);
        return FALSE;
      }

    if (!g_file_make_directory_with_parents (output_folder, cancellable, &local_error)
        && !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
      {
        g_propagate_error (error, g_steal_pointer (&local_error));
        return FALSE;
      }

    {
      g_autoptr(GlossLabelSet) labels = find_labels (output_folder, source, summary);

      return import_ann_file (input, source, output_folder, annotator_id, offsets,
                              labels, summary, cancellable, error);
    }
  }
}

gboolean
gloss_import_brat (GFile               *input,
                   GFile               *output_folder,
                   const char          *annotator_id,
                   GlossOffsetUnit      offsets,
                   GlossImportSummary  *summary,
                   GCancellable        *cancellable,
                   GError             **error)
{
  GlossFileBatch *began;
  gboolean ok;

  g_return_val_if_fail (summary != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Every file is put in place at the end, after one flush to disk. */
  began = gloss_import_begin_writes (summary);
  ok = import_brat (input, output_folder, annotator_id, offsets, summary, cancellable, error);
  return gloss_import_end_writes (summary, began, ok, error);
}
