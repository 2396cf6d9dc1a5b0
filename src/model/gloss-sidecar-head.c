/* gloss-sidecar-head.c — the first annotations of a sidecar, read from the
 * head of its bytes while the whole file is still being parsed
 *
 * A sidecar Gloss wrote lists its annotations in document order, after
 * the document and annotator members. The annotations that start near
 * the top of the article are therefore in the first few hundred KB of even
 * a 37 MB file: cut there and closed, that part is a sidecar of its own,
 * which the ordinary reader checks in a millisecond or two. The first
 * screen's highlights can then be drawn while the rest is parsed (at
 * 10 MB / 100,000 annotations, 200–450 ms).
 *
 * Only a head the reader finds clean is given: anything unexpected in it
 * (the members in another order, annotations out of order, an element that
 * is not valid JSON, any error of the reader — an annotator that is not the
 * file name's among them —, an article that changed since the file was
 * written) gives none. What comes after the head is not looked at: a file
 * broken further on (cut short, a duplicate id, an annotation out of order)
 * still gives its head, and its highlights are drawn until the whole load
 * says what is wrong and the session's set replaces them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gloss-annotation-set.h"
#include "gloss-json-reader.h"
#include "gloss-problem.h"
#include "gloss-sidecar-private.h"
#include "gloss-sidecar-reader.h"

/* A head of more annotations than this costs more than it saves. */
#define MAX_HEAD_ANNOTATIONS 20000

static const char *
skip_space (const char *p,
            const char *end)
{
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
    p++;
  return p;
}

/* @p at the opening quote; the byte after the closing one, or NULL. */
static const char *
skip_string (const char *p,
             const char *end)
{
  for (p++; p < end; p++)
    {
      if (*p == '\\')
        p++;
      else if (*p == '"')
        return p + 1;
    }
  return NULL;
}

/* The byte after the JSON value at @p, or NULL. Only its extent is found:
 * whether it is valid is for the parser to say. */
static const char *
skip_value (const char *p,
            const char *end)
{
  guint depth = 0;
  const char *start = p;

  if (p >= end)
    return NULL;

  if (*p == '"')
    return skip_string (p, end);

  if (*p != '{' && *p != '[')
    {
      while (p < end && strchr (",}] \t\r\n", *p) == NULL)
        p++;
      return p > start ? p : NULL;
    }

  while (p < end)
    {
      switch (*p)
        {
        case '"':
          p = skip_string (p, end);
          if (p == NULL)
            return NULL;
          continue;
        case '{':
        case '[':
          depth++;
          break;
        case '}':
        case ']':
          if (--depth == 0)
            return p + 1;
          break;
        default:
          break;
        }
      p++;
    }

  return NULL;
}

/* The byte after the '[' of the root object's "annotations" member, or
 * NULL when the root has none (or is not an object). */
static const char *
find_annotations_array (const char *p,
                        const char *end)
{
  static const char name[] = "\"annotations\"";

  if (end - p >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  p = skip_space (p, end);
  if (p >= end || *p != '{')
    return NULL;
  p++;

  for (;;)
    {
      const char *key, *key_end;

      p = skip_space (p, end);
      if (p >= end || *p != '"')
        return NULL;
      key = p;
      key_end = skip_string (p, end);
      if (key_end == NULL)
        return NULL;
      p = skip_space (key_end, end);
      if (p >= end || *p != ':')
        return NULL;
      p = skip_space (p + 1, end);

      if ((gsize) (key_end - key) == strlen (name) && memcmp (key, name, strlen (name)) == 0)
        return p < end && *p == '[' ? p + 1 : NULL;

      p = skip_value (p, end);
      if (p == NULL)
        return NULL;
      p = skip_space (p, end);
      if (p >= end || *p != ',')
        return NULL;
      p++;
    }
}

/* The "start" of the annotation whose JSON is [@p, @end), or -1. */
static gint64
element_start (const char *p,
               const char *end)
{
  g_autoptr(GlossJsonDoc) doc = NULL;
  const GlossJsonValue *start;

  doc = gloss_json_doc_parse (p, end - p, GLOSS_SIDECAR_MAX_DEPTH, NULL, NULL, NULL);
  if (doc == NULL || gloss_json_value_get_type (gloss_json_doc_get_root (doc)) != GLOSS_JSON_OBJECT)
    return -1;
  start = gloss_json_value_lookup (gloss_json_doc_get_root (doc), "start");
  if (start == NULL || gloss_json_value_get_type (start) != GLOSS_JSON_INTEGER)
    return -1;

  return MAX (gloss_json_value_get_int (start), -1);
}

gboolean
gloss_sidecar_find_head (const char *data,
                         gsize       size,
                         guint       limit,
                         gsize      *head_size,
                         guint      *covered)
{
  const char *end = data + size;
  const char *p;
  const char *head_end;
  gint64 previous = 0;
  guint n = 0;

  g_return_val_if_fail (data != NULL || size == 0, FALSE);
  g_return_val_if_fail (head_size != NULL && covered != NULL, FALSE);

  p = find_annotations_array (data, end);
  if (p == NULL)
    return FALSE;
  head_end = p;

  for (;;)
    {
      const char *element_end;
      gint64 start;

      p = skip_space (p, end);
      if (p < end && *p == ']' && n == 0)
        {
          *covered = G_MAXUINT;
          break;
        }
      if (n == MAX_HEAD_ANNOTATIONS)
        {
          /* All that start before the last one taken are in. */
          *covered = (guint) previous;
          break;
        }

      /* The data ends inside this one (only the file's beginning was
       * read): all that start before the last one taken are in. */
      element_end = skip_value (p, end);
      if (element_end == NULL && n > 0)
        {
          *covered = (guint) previous;
          break;
        }
      if (element_end == NULL)
        return FALSE;
      start = element_start (p, element_end);
      if (start < previous || start > G_MAXUINT)
        return FALSE;  /* not in document order, or not an annotation */
      if (start >= limit)
        {
          *covered = (guint) start;
          break;
        }

      previous = start;
      n++;
      head_end = element_end;

      p = skip_space (element_end, end);
      if (p < end && *p == ']')
        {
          *covered = G_MAXUINT;
          break;
        }
      if (p >= end)
        {
          *covered = (guint) previous;
          break;
        }
      if (*p != ',')
        return FALSE;
      p++;
    }

  *head_size = head_end - data;
  return TRUE;
}

GlossAnnotationSet *
gloss_sidecar_read_head (GBytes        *bytes,
                         const char    *expected_annotator,
                         GlossDocument *document,
                         GlossLabelSet *labels,
                         guint          limit,
                         guint         *covered)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GlossAnnotationSet) set = NULL;
  g_autofree char *text = NULL;
  GlossSidecarReader reader;
  const char *data;
  gsize size, head_size;
  guint head_covered;
  gboolean ok;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (labels == NULL || GLOSS_IS_LABEL_SET (labels), NULL);

  data = g_bytes_get_data (bytes, &size);
  if (data == NULL || !gloss_sidecar_find_head (data, size, limit, &head_size, &head_covered))
    return NULL;

  /* The head, closed: the annotations array and the root object. */
  text = g_malloc (head_size + 2);
  memcpy (text, data, head_size);
  memcpy (text + head_size, "]}", 2);

  problems = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_problem_free);
  gloss_sidecar_reader_init (&reader, document, labels, "", expected_annotator, problems);
  ok = gloss_sidecar_reader_read (&reader, text, head_size + 2)
       && reader.hash_matches
       && reader.version == GLOSS_SIDECAR_VERSION;

  if (ok)
    {
      set = gloss_annotation_set_new (document);
      gloss_annotation_set_set_labels (set, labels);
      gloss_annotation_set_load (set, reader.annotations, reader.relations);
      gloss_annotation_set_set_read_only (set, TRUE);
      if (covered != NULL)
        *covered = head_covered;
    }

  gloss_sidecar_reader_clear (&reader);
  return g_steal_pointer (&set);
}
