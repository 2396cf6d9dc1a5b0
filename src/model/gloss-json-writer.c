/* gloss-json-writer.c — our own JSON printer, because the sidecar must be
 * byte-for-byte stable across versions of json-glib (whose generator puts a
 * space before colons and may change), so that `git diff` shows real edits
 * only. The output matches Python's json.dumps(indent=2, ensure_ascii=False),
 * which lets scripts write canonical sidecars too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gloss-json-writer.h"

static void
write_indent (GString *out,
              guint    indent)
{
  for (guint i = 0; i < indent; i++)
    g_string_append_c (out, ' ');
}

void
gloss_json_append_any_string (GString    *out,
                              const char *text,
                              gboolean    line_safe)
{
  g_autofree char *valid = NULL;

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);
  gloss_json_append_string (out, text, -1, line_safe);
}

void
gloss_json_append_string (GString    *out,
                          const char *text,
                          gssize      length,
                          gboolean    line_safe)
{
  const char *end = text + (length < 0 ? strlen (text) : (gsize) length);
  const char *run = text;

  g_string_append_c (out, '"');
  for (const char *p = text; p < end;)
    {
      guchar c = (guchar) *p;
      gsize size = 1;
      const char *escape = NULL;
      gunichar wide = c;

      if (c >= 0x80)
        {
          /* Kept as it is (byte by byte: nothing read past @end), but for
           * the three line breaks of other readers when asked. */
          if (!line_safe)
            {
              p++;
              continue;
            }
          size = (gsize) (g_utf8_next_char (p) - p);
          wide = g_utf8_get_char (p);
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

      switch (c)
        {
        case '"':  escape = "\\\""; break;
        case '\\': escape = "\\\\"; break;
        case '\n': escape = "\\n"; break;
        case '\r': escape = "\\r"; break;
        case '\t': escape = "\\t"; break;
        case '\b': escape = "\\b"; break;
        case '\f': escape = "\\f"; break;
        default:   break;
        }

      g_string_append_len (out, run, p - run);
      if (escape != NULL)
        g_string_append (out, escape);
      else
        g_string_append_printf (out, "\\u%04x", (guint) wide);
      p += size;
      run = p;
    }
  g_string_append_len (out, run, end - run);
  g_string_append_c (out, '"');
}

static void
write_string (GString    *out,
              const char *str)
{
  gloss_json_append_string (out, str, -1, FALSE);
}

/* The significant digits of a %g text: leading and trailing zeros of the
 * mantissa left out (at least 1). */
static int
significant_digits (const char *text)
{
  int first = -1, last = -1, n = 0;

  for (const char *c = text; *c != '\0' && *c != 'e' && *c != 'E'; c++)
    {
      if (!g_ascii_isdigit (*c))
        continue;
      if (*c != '0')
        {
          if (first < 0)
            first = n;
          last = n;
        }
      n++;
    }
  return first < 0 ? 1 : last - first + 1;
}

/* Shortest representation that reads back to the same double, with a ".0"
 * on integral values so the type survives a round trip: "%.Pg" with the
 * least precision P that reads back. For a normal double, when P ≤ 15,
 * "%.15g" reads back too and shows the same digits (the double is far
 * closer to its P-digit decimal than half a step of 15 digits), so P is
 * counted from it: two formats and one parse instead of one of each per
 * digit, the same text (`gloss-cli agree --json` writes thousands of
 * figures). Subnormals, whose steps are coarser, take the search from 1. */
static void
write_double (GString *out,
              double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char format[8];
  gboolean subnormal = fpclassify (value) == FP_SUBNORMAL;

  if (!isfinite (value))
    {
      /* JSON has no NaN or infinity; json-glib never produces them. */
      g_string_append (out, "null");
      return;
    }

  g_ascii_formatd (buf, sizeof buf, "%.15g", value);
  if (!subnormal && g_ascii_strtod (buf, NULL) == value)
    {
      int precision = significant_digits (buf);

      if (precision < 15)
        {
          g_snprintf (format, sizeof format, "%%.%dg", precision);
          g_ascii_formatd (buf, sizeof buf, format, value);
        }
    }
  else
    {
      for (int precision = subnormal ? 1 : 16; precision <= 17; precision++)
        {
          g_snprintf (format, sizeof format, "%%.%dg", precision);
          g_ascii_formatd (buf, sizeof buf, format, value);
          if (g_ascii_strtod (buf, NULL) == value)
            break;
        }
    }

  g_string_append (out, buf);
  if (strpbrk (buf, ".eEn") == NULL)
    g_string_append (out, ".0");
}

static void
write_value (GString  *out,
             JsonNode *node)
{
  GType type = json_node_get_value_type (node);

  if (type == G_TYPE_INT64)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
  else if (type == G_TYPE_DOUBLE)
    write_double (out, json_node_get_double (node));
  else if (type == G_TYPE_BOOLEAN)
    g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
  else if (type == G_TYPE_STRING)
    write_string (out, json_node_get_string (node));
  else
    g_string_append (out, "null");
}

static void
write_object (GString    *out,
              JsonObject *object,
              guint       indent)
{
  g_autoptr(GList) members = json_object_get_members (object);

  if (members == NULL)
    {
      g_string_append (out, "{}");
      return;
    }

  g_string_append (out, "{\n");
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;

      write_indent (out, indent + 2);
      write_string (out, key);
      g_string_append (out, ": ");
      gloss_json_write_node (out, json_object_get_member (object, key), indent + 2);
      if (l->next != NULL)
        g_string_append_c (out, ',');
      g_string_append_c (out, '\n');
    }
  write_indent (out, indent);
  g_string_append_c (out, '}');
}

static void
write_array (GString   *out,
             JsonArray *array,
             guint      indent)
{
  guint n = json_array_get_length (array);

  if (n == 0)
    {
      g_string_append (out, "[]");
      return;
    }

  g_string_append (out, "[\n");
  for (guint i = 0; i < n; i++)
    {
      write_indent (out, indent + 2);
      gloss_json_write_node (out, json_array_get_element (array, i), indent + 2);
      if (i + 1 < n)
        g_string_append_c (out, ',');
      g_string_append_c (out, '\n');
    }
  write_indent (out, indent);
  g_string_append_c (out, ']');
}

void
gloss_json_write_node (GString  *out,
                       JsonNode *node,
                       guint     indent)
{
  if (node == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      write_object (out, json_node_get_object (node), indent);
      break;
    case JSON_NODE_ARRAY:
      write_array (out, json_node_get_array (node), indent);
      break;
    case JSON_NODE_VALUE:
      write_value (out, node);
      break;
    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
      break;
    }
}

char *
gloss_json_to_string (JsonNode *node)
{
  GString *out = g_string_sized_new (4096);

  gloss_json_write_node (out, node, 0);
  g_string_append_c (out, '\n');

  return g_string_free (out, FALSE);
}
