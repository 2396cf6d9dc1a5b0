/* test-json-reader.c — the strict JSON parser: values, errors, limits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Valid documents are checked value by value and against json-glib (which
 * accepts everything this parser accepts, and more); every error rule is
 * checked with its code, message, line and column; a fuzz loop mutates
 * valid documents at random and checks that the parser never crashes,
 * never hands out invalid UTF-8 and, when it accepts a text, agrees with
 * json-glib. Run with --seed to repeat a fuzz run.
 */
#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "gloss-error.h"
#include "gloss-json-reader.h"
#include "gloss-json-writer.h"

#define DEPTH 64

static GlossJsonDoc *
parse_ok (const char *json)
{
  g_autoptr(GError) error = NULL;
  guint line = 0, column = 0;
  GlossJsonDoc *doc;

  doc = gloss_json_doc_parse (json, strlen (json), DEPTH, &line, &column, &error);
  if (error != NULL)
    g_error ("parsing %s: %u:%u: %s", json, line, column, error->message);
  g_assert_nonnull (doc);

  return doc;
}

/* Parses @len bytes at @json (copied to a buffer of exactly that size, so
 * that a sanitizer catches any read past the end) and checks the error. */
static void
check_error_len (const char *json,
                 gsize       len,
                 guint       max_depth,
                 GlossError  code,
                 guint       line,
                 guint       column,
                 const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossJsonDoc) doc = NULL;
  g_autofree char *copy = g_memdup2 (json, len);
  guint error_line = 0, error_column = 0;

  doc = gloss_json_doc_parse (copy, len, max_depth, &error_line, &error_column, &error);
  if (doc != NULL)
    g_error ("%.60s: parsed, expected “%s”", json, message);

  g_assert_error (error, GLOSS_ERROR, (int) code);
  if (message != NULL)
    g_assert_cmpstr (error->message, ==, message);
  if (error_line != line || error_column != column)
    g_error ("%.60s: error at %u:%u, expected %u:%u (%s)",
             json, error_line, error_column, line, column, error->message);
}

static void
check_error (const char *json,
             GlossError  code,
             guint       line,
             guint       column,
             const char *message)
{
  check_error_len (json, strlen (json), DEPTH, code, line, column, message);
}

/* ------------------------------------------------------------------------ */

static void
test_scalars (void)
{
  static const struct {
    const char *json;
    gint64      value;
  } integers[] = {
    { "0", 0 },
    { "-0", 0 },
    { "42", 42 },
    { "-7", -7 },
    { " \t\r\n 1 \n", 1 },
    { "1234567890123", G_GINT64_CONSTANT (1234567890123) },
    { "9223372036854775807", G_MAXINT64 },
    { "-9223372036854775808", G_MININT64 },
    { "-9223372036854775807", -G_MAXINT64 },
  };
  static const struct {
    const char *json;
    double      value;
  } doubles[] = {
    { "0.5", 0.5 },
    { "-1e-3", -0.001 },
    { "1E+2", 100.0 },
    { "1e2", 100.0 },
    { "2.5e-1", 0.25 },
    { "-0.0", -0.0 },
    { "0e0", 0.0 },
    { "1e-400", 0.0 },      /* underflows to zero: finite, so fine */
    { "123456789012345678901234.5", 123456789012345678901234.5 },
    { "99999999999999999999e0", 99999999999999999999e0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (integers); i++)
    {
      g_autoptr(GlossJsonDoc) doc = parse_ok (integers[i].json);
      const GlossJsonValue *root = gloss_json_doc_get_root (doc);

      g_assert_cmpint (gloss_json_value_get_type (root), ==, GLOSS_JSON_INTEGER);
      g_assert_cmpint (gloss_json_value_get_int (root), ==, integers[i].value);
      g_assert_cmpfloat (gloss_json_value_get_double (root), ==, (double) integers[i].value);
    }

  for (guint i = 0; i < G_N_ELEMENTS (doubles); i++)
    {
      g_autoptr(GlossJsonDoc) doc = parse_ok (doubles[i].json);
      const GlossJsonValue *root = gloss_json_doc_get_root (doc);

      g_assert_cmpint (gloss_json_value_get_type (root), ==, GLOSS_JSON_DOUBLE);
      g_assert_cmpfloat (gloss_json_value_get_double (root), ==, doubles[i].value);
    }

  {
    g_autoptr(GlossJsonDoc) t = parse_ok ("true");
    g_autoptr(GlossJsonDoc) f = parse_ok ("false");
    g_autoptr(GlossJsonDoc) n = parse_ok ("null");
    g_autoptr(GlossJsonDoc) s = parse_ok ("\"hello\"");

    g_assert_cmpint (gloss_json_value_get_type (gloss_json_doc_get_root (t)), ==, GLOSS_JSON_BOOLEAN);
    g_assert_true (gloss_json_value_get_boolean (gloss_json_doc_get_root (t)));
    g_assert_cmpint (gloss_json_value_get_type (gloss_json_doc_get_root (f)), ==, GLOSS_JSON_BOOLEAN);
    g_assert_false (gloss_json_value_get_boolean (gloss_json_doc_get_root (f)));
    g_assert_cmpint (gloss_json_value_get_type (gloss_json_doc_get_root (n)), ==, GLOSS_JSON_NULL);
    g_assert_cmpint (gloss_json_value_get_type (gloss_json_doc_get_root (s)), ==, GLOSS_JSON_STRING);
    g_assert_cmpstr (gloss_json_value_get_string (gloss_json_doc_get_root (s)), ==, "hello");
    g_assert_cmpuint (gloss_json_value_get_string_length (gloss_json_doc_get_root (s)), ==, 5);
  }
}

static void
test_containers (void)
{
  g_autoptr(GlossJsonDoc) doc = NULL;
  const GlossJsonValue *root, *array, *inner, *object;

  doc = parse_ok ("{\n"
                  "  \"zeta\": [1, [], {}, [[\"deep\"]], null],\n"
                  "  \"alpha\": {\"x\": true, \"xy\": false, \"\": \"empty name\"},\n"
                  "  \"mid\": \"m\",\n"
                  "  \"ab\": 1, \"abc\": 2, \"b\": 3\n"
                  "}\n");
  root = gloss_json_doc_get_root (doc);
  g_assert_cmpint (gloss_json_value_get_type (root), ==, GLOSS_JSON_OBJECT);
  g_assert_cmpuint (gloss_json_value_get_length (root), ==, 6);

  /* Members stay in file order, not sorted or hashed. */
  g_assert_cmpstr (gloss_json_value_get_member_name (root, 0), ==, "zeta");
  g_assert_cmpstr (gloss_json_value_get_member_name (root, 1), ==, "alpha");
  g_assert_cmpstr (gloss_json_value_get_member_name (root, 2), ==, "mid");
  g_assert_cmpstr (gloss_json_value_get_member_name (root, 3), ==, "ab");
  g_assert_cmpstr (gloss_json_value_get_member_name (root, 4), ==, "abc");
  g_assert_cmpstr (gloss_json_value_get_member_name (root, 5), ==, "b");

  array = gloss_json_value_lookup (root, "zeta");
  g_assert_true (array == gloss_json_value_get_member_value (root, 0));
  g_assert_cmpint (gloss_json_value_get_type (array), ==, GLOSS_JSON_ARRAY);
  g_assert_cmpuint (gloss_json_value_get_length (array), ==, 5);
  g_assert_cmpint (gloss_json_value_get_int (gloss_json_value_get_element (array, 0)), ==, 1);
  inner = gloss_json_value_get_element (array, 1);
  g_assert_cmpint (gloss_json_value_get_type (inner), ==, GLOSS_JSON_ARRAY);
  g_assert_cmpuint (gloss_json_value_get_length (inner), ==, 0);
  inner = gloss_json_value_get_element (array, 2);
  g_assert_cmpint (gloss_json_value_get_type (inner), ==, GLOSS_JSON_OBJECT);
  g_assert_cmpuint (gloss_json_value_get_length (inner), ==, 0);
  g_assert_null (gloss_json_value_lookup (inner, "anything"));
  inner = gloss_json_value_get_element (gloss_json_value_get_element (array, 3), 0);
  g_assert_cmpstr (gloss_json_value_get_string (gloss_json_value_get_element (inner, 0)), ==, "deep");
  g_assert_cmpint (gloss_json_value_get_type (gloss_json_value_get_element (array, 4)), ==, GLOSS_JSON_NULL);

  object = gloss_json_value_lookup (root, "alpha");
  g_assert_true (gloss_json_value_get_boolean (gloss_json_value_lookup (object, "x")));
  g_assert_false (gloss_json_value_get_boolean (gloss_json_value_lookup (object, "xy")));
  g_assert_cmpstr (gloss_json_value_get_string (gloss_json_value_lookup (object, "")), ==, "empty name");
  g_assert_null (gloss_json_value_lookup (object, "X"));
  g_assert_null (gloss_json_value_lookup (object, "xyz"));

  /* Lookup tells apart names that share a prefix or a length. */
  g_assert_cmpint (gloss_json_value_get_int (gloss_json_value_lookup (root, "ab")), ==, 1);
  g_assert_cmpint (gloss_json_value_get_int (gloss_json_value_lookup (root, "abc")), ==, 2);
  g_assert_cmpint (gloss_json_value_get_int (gloss_json_value_lookup (root, "b")), ==, 3);
  g_assert_null (gloss_json_value_lookup (root, "a"));
  g_assert_null (gloss_json_value_lookup (root, "bb"));
  g_assert_cmpstr (gloss_json_value_get_string (gloss_json_value_lookup (root, "mid")), ==, "m");

  /* Empty containers at the top level. */
  {
    g_autoptr(GlossJsonDoc) empty_array = parse_ok (" [ ] ");
    g_autoptr(GlossJsonDoc) empty_object = parse_ok ("{\n}");

    g_assert_cmpuint (gloss_json_value_get_length (gloss_json_doc_get_root (empty_array)), ==, 0);
    g_assert_cmpuint (gloss_json_value_get_length (gloss_json_doc_get_root (empty_object)), ==, 0);
  }
}

/* A large array and a large object, beyond any initial stack or chunk. */
static void
test_large_containers (void)
{
  g_autoptr(GString) json = g_string_new ("{");
  g_autoptr(GlossJsonDoc) doc = NULL;
  const GlossJsonValue *root;

  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (json, "%s\"key-%u\": [%u, \"v%u\"]", i > 0 ? "," : "", i, i, i);
  g_string_append (json, "}");

  doc = parse_ok (json->str);
  root = gloss_json_doc_get_root (doc);
  g_assert_cmpuint (gloss_json_value_get_length (root), ==, 5000);
  for (guint i = 0; i < 5000; i += 499)
    {
      g_autofree char *name = g_strdup_printf ("key-%u", i);
      g_autofree char *text = g_strdup_printf ("v%u", i);
      const GlossJsonValue *pair = gloss_json_value_lookup (root, name);

      g_assert_cmpstr (gloss_json_value_get_member_name (root, i), ==, name);
      g_assert_cmpint (gloss_json_value_get_int (gloss_json_value_get_element (pair, 0)), ==, i);
      g_assert_cmpstr (gloss_json_value_get_string (gloss_json_value_get_element (pair, 1)), ==, text);
    }
}

/* The longest string or member name, decoded, whatever its place. */
static void
test_longest_string (void)
{
  static const struct {
    const char *json;
    gsize       longest;
  } cases[] = {
    { "1", 0 },
    { "\"\"", 0 },
    { "\"abc\"", 3 },
    { "{\"a-long-name\": \"x\"}", 11 },
    { "[\"ab\", {\"k\": [\"abcdef\"]}, \"abcd\"]", 6 },
    { "\"\\u00e9\\n\"", 3 },          /* é and a newline: 3 bytes decoded */
    { "{\"k\": \"\\ud83d\\ude00\"}", 4 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GlossJsonDoc) doc = parse_ok (cases[i].json);

      g_assert_cmpuint (gloss_json_doc_get_longest_string (doc), ==, cases[i].longest);
    }
}

/* A document big enough for its arena to be mapped apart (on huge pages
 * where the system gives them): every value still there, and freed. */
static void
test_big_arena (void)
{
  g_autoptr(GString) json = g_string_new ("[");
  g_autoptr(GlossJsonDoc) doc = NULL;
  const GlossJsonValue *root;
  const guint n = 60000;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (json, "%s{\"id\": \"a-%u\", \"text\": \"%u abcdefghijklmnopqrstuvwxyz\"}",
                            i > 0 ? "," : "", i, i);
  g_string_append (json, "]");
  g_assert_cmpuint (json->len, >, 2 * 1024 * 1024);

  doc = parse_ok (json->str);
  root = gloss_json_doc_get_root (doc);
  g_assert_cmpuint (gloss_json_value_get_length (root), ==, n);
  for (guint i = 0; i < n; i += 997)
    {
      const GlossJsonValue *item = gloss_json_value_get_element (root, i);
      g_autofree char *id = g_strdup_printf ("a-%u", i);
      g_autofree char *text = g_strdup_printf ("%u abcdefghijklmnopqrstuvwxyz", i);

      g_assert_cmpstr (gloss_json_value_get_string (gloss_json_value_lookup (item, "id")), ==, id);
      g_assert_cmpstr (gloss_json_value_get_string (gloss_json_value_lookup (item, "text")), ==, text);
    }
}

static void
check_string (const char *json,
              const char *expected,
              gsize       expected_len)
{
  g_autoptr(GlossJsonDoc) doc = parse_ok (json);
  const GlossJsonValue *root = gloss_json_doc_get_root (doc);
  const char *value = gloss_json_value_get_string (root);

  g_assert_cmpint (gloss_json_value_get_type (root), ==, GLOSS_JSON_STRING);
  g_assert_cmpuint (gloss_json_value_get_string_length (root), ==, expected_len);
  g_assert_cmpmem (value, expected_len + 1, expected, expected_len + 1);
  g_assert_true (g_utf8_validate (value, -1, NULL));
}

static void
test_strings (void)
{
  check_string ("\"\"", "", 0);
  check_string ("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\"", "\" \\ / \b \f \n \r \t", 15);
  check_string ("\"\\u0041\\u00e9\\u20AC\\u0001\"", "A\xc3\xa9\xe2\x82\xac\x01", 7);
  check_string ("\"\\ud83d\\ude00\"", "\xf0\x9f\x98\x80", 4);           /* 😀 */
  check_string ("\"\\uD83D\\uDE00!\"", "\xf0\x9f\x98\x80!", 5);
  check_string ("\"\\uffff\\ufdd0\"", "\xef\xbf\xbf\xef\xb7\x90", 6);  /* non-characters are UTF-8 */
  check_string ("\"Krak\xc3\xb3w \xe2\x80\x94 \xe2\x80\x9cW\xc3\xa4hrung\xe2\x80\x9d \xf0\x9f\x98\x80\"",
                "Krak\xc3\xb3w \xe2\x80\x94 \xe2\x80\x9cW\xc3\xa4hrung\xe2\x80\x9d \xf0\x9f\x98\x80", 31);
  check_string ("\"\x7f\"", "\x7f", 1);  /* DEL is not a control character in JSON */

  /* An escape, a quote or a non-ASCII character at every offset in and
   * around the eight-byte words the scanner reads. */
  for (guint offset = 0; offset < 20; offset++)
    {
      g_autofree char *pad = g_strnfill (offset, 'a');
      g_autofree char *tail = g_strnfill (19 - offset, 'z');
      g_autofree char *escaped = g_strdup_printf ("\"%s\\n\\u00e9\\\"%s\"", pad, tail);
      g_autofree char *escaped_expect = g_strdup_printf ("%s\n\xc3\xa9\"%s", pad, tail);
      g_autofree char *plain = g_strdup_printf ("\"%s\xc3\xa9%s\"", pad, tail);
      g_autofree char *plain_expect = g_strdup_printf ("%s\xc3\xa9%s", pad, tail);
      g_autofree char *bad = g_strdup_printf ("[\"%s\x01%s\"]", pad, tail);

      check_string (escaped, escaped_expect, strlen (escaped_expect));
      check_string (plain, plain_expect, strlen (plain_expect));
      check_error (bad, GLOSS_ERROR_PARSE, 1, 3 + offset,
                   "a control character in a string must be escaped");
    }
}

/* A whole number too large for a gint64 is read as the nearest double
 * (as 1.2e29 is) instead of failing the file, and one that a double
 * cannot hold exactly, of any size, says so: a reader that keeps numbers
 * as doubles warns with gloss_json_value_is_rounded(). */
static void
test_big_integers (void)
{
  static const struct {
    const char   *json;
    GlossJsonType type;
    double        value;
    gboolean      rounded;
  } cases[] = {
    { "42", GLOSS_JSON_INTEGER, 42, FALSE },
    { "-0", GLOSS_JSON_INTEGER, 0, FALSE },
    { "9007199254740992", GLOSS_JSON_INTEGER, 9007199254740992.0, FALSE },
    { "9007199254740993", GLOSS_JSON_INTEGER, 9007199254740992.0, TRUE },
    { "-9007199254740993", GLOSS_JSON_INTEGER, -9007199254740992.0, TRUE },
    { "9223372036854775807", GLOSS_JSON_INTEGER, 9223372036854775808.0, TRUE },
    { "-9223372036854775808", GLOSS_JSON_INTEGER, -9223372036854775808.0, FALSE },
    { "9223372036854775808", GLOSS_JSON_DOUBLE, 9223372036854775808.0, FALSE },
    { "-9223372036854775809", GLOSS_JSON_DOUBLE, -9223372036854775808.0, TRUE },
    { "18446744073709551616", GLOSS_JSON_DOUBLE, 18446744073709551616.0, FALSE },
    { "123456789012345678901234567890", GLOSS_JSON_DOUBLE, 123456789012345678901234567890.0, TRUE },
    { "100000000000000000000000", GLOSS_JSON_DOUBLE, 1e23, TRUE },
    /* Written with an exponent or a fraction: a double, as meant. */
    { "1.2e29", GLOSS_JSON_DOUBLE, 1.2e29, FALSE },
    { "9007199254740993.0", GLOSS_JSON_DOUBLE, 9007199254740992.0, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"n\": [%s]}", cases[i].json);
      g_autoptr(GlossJsonDoc) doc = parse_ok (json);
      const GlossJsonValue *n = gloss_json_value_get_element (gloss_json_value_lookup (gloss_json_doc_get_root (doc), "n"), 0);

      g_test_message ("%s", cases[i].json);
      g_assert_cmpint (gloss_json_value_get_type (n), ==, cases[i].type);
      g_assert_cmpfloat (gloss_json_value_get_double (n), ==, cases[i].value);
      g_assert_cmpint (gloss_json_value_is_rounded (n), ==, cases[i].rounded);
    }

  {
    g_autoptr(GlossJsonDoc) text = parse_ok ("\"9007199254740993\"");

    g_assert_false (gloss_json_value_is_rounded (gloss_json_doc_get_root (text)));
  }

  /* At the very end of an input with no NUL after it. */
  {
    g_autofree char *digits = g_memdup2 ("123456789012345678901234567890", 30);
    g_autoptr(GlossJsonDoc) doc = NULL;
    g_autoptr(GError) error = NULL;

    doc = gloss_json_doc_parse (digits, 30, DEPTH, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpfloat (gloss_json_value_get_double (gloss_json_doc_get_root (doc)), ==,
                       123456789012345678901234567890.0);
    g_assert_true (gloss_json_value_is_rounded (gloss_json_doc_get_root (doc)));
  }
}

/* The input need not end with a NUL, and nothing past @size is read. */
static void
test_not_terminated (void)
{
  g_autofree char *digits = g_memdup2 ("12345", 5);
  g_autofree char *text = g_memdup2 ("\"abcdefghijklmnop\"zzz", 21);
  g_autoptr(GlossJsonDoc) number = NULL;
  g_autoptr(GlossJsonDoc) string = NULL;
  g_autoptr(GlossJsonDoc) empty = NULL;
  g_autoptr(GError) error = NULL;

  number = gloss_json_doc_parse (digits, 2, DEPTH, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gloss_json_value_get_int (gloss_json_doc_get_root (number)), ==, 12);

  string = gloss_json_doc_parse (text, 18, DEPTH, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gloss_json_value_get_string (gloss_json_doc_get_root (string)), ==, "abcdefghijklmnop");

  check_error_len ("\"abcdefghijklmnop\"", 17, DEPTH, GLOSS_ERROR_PARSE, 1, 18,
                   "unexpected end of file in a string");
  check_error_len ("1.5", 2, DEPTH, GLOSS_ERROR_PARSE, 1, 1, "an invalid number");
  check_error_len ("true", 3, DEPTH, GLOSS_ERROR_PARSE, 1, 1, "expected a value");

  empty = gloss_json_doc_parse (NULL, 0, DEPTH, NULL, NULL, &error);
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_PARSE);
  g_assert_null (empty);
}

static void
test_byte_order_mark (void)
{
  g_autoptr(GlossJsonDoc) doc = parse_ok ("\xEF\xBB\xBF{\"a\": 1}");

  g_assert_cmpint (gloss_json_value_get_int (gloss_json_value_lookup (gloss_json_doc_get_root (doc), "a")), ==, 1);

  /* Columns count from after the mark, as an editor shows them. */
  check_error ("\xEF\xBB\xBF{\"a\": 1 x}", GLOSS_ERROR_PARSE, 1, 9, "expected “,” or “}”");
  check_error ("\xEF\xBB\xBF", GLOSS_ERROR_PARSE, 1, 1, "the file is empty");
  check_error ("\xEF\xBB\xBF\xEF\xBB\xBF{}", GLOSS_ERROR_PARSE, 1, 1, "expected a value");
}

/* ------------------------------------------------------------------------ */

/* Four hundred zeros: 1 and them is past every double. */
#define ZEROS_400 "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000" "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000" "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000" "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"

static const struct {
  const char *json;
  GlossError  code;
  guint       line;
  guint       column;
  const char *message;
} error_cases[] = {
  /* Empty */
  { "", GLOSS_ERROR_PARSE, 1, 1, "the file is empty" },
  { " \n\t\r\n ", GLOSS_ERROR_PARSE, 1, 1, "the file is empty" },

  /* Structure */
  { "[1, 2", GLOSS_ERROR_PARSE, 1, 6, "unexpected end of file; expected “,” or “]”" },
  { "{\"a\": 1", GLOSS_ERROR_PARSE, 1, 8, "unexpected end of file; expected “,” or “}”" },
  { "{\"a\": 1,\n", GLOSS_ERROR_PARSE, 2, 1, "unexpected end of file; expected a member name" },
  { "{", GLOSS_ERROR_PARSE, 1, 2, "unexpected end of file; expected a member name" },
  { "{\"a\"", GLOSS_ERROR_PARSE, 1, 5, "unexpected end of file; expected “:”" },
  { "{\"a\" 1}", GLOSS_ERROR_PARSE, 1, 6, "expected “:”" },
  { "{\"a\":", GLOSS_ERROR_PARSE, 1, 6, "unexpected end of file; expected a value" },
  { "{\"a\": }", GLOSS_ERROR_PARSE, 1, 7, "expected a value" },
  { "[", GLOSS_ERROR_PARSE, 1, 2, "unexpected end of file; expected a value" },
  { "[1,", GLOSS_ERROR_PARSE, 1, 4, "unexpected end of file; expected a value" },
  { "[,1]", GLOSS_ERROR_PARSE, 1, 2, "expected a value" },
  { "[1,,2]", GLOSS_ERROR_PARSE, 1, 4, "expected a value" },
  { "{1: 2}", GLOSS_ERROR_PARSE, 1, 2, "expected a member name in double quotes" },
  { "{,}", GLOSS_ERROR_PARSE, 1, 2, "expected a member name in double quotes" },
  { "{\"a\": 1, 2}", GLOSS_ERROR_PARSE, 1, 10, "expected a member name in double quotes" },
  { "{'a': 1}", GLOSS_ERROR_PARSE, 1, 2, "strings must be in double quotes" },
  { "['a']", GLOSS_ERROR_PARSE, 1, 2, "strings must be in double quotes" },
  { "[1,]", GLOSS_ERROR_PARSE, 1, 3, "trailing comma" },
  { "{\"a\": 1,\n }", GLOSS_ERROR_PARSE, 1, 8, "trailing comma" },
  { "[1 2]", GLOSS_ERROR_PARSE, 1, 4, "expected “,” or “]”" },
  { "[1}", GLOSS_ERROR_PARSE, 1, 3, "expected “,” or “]”" },
  { "{\"a\": 1]", GLOSS_ERROR_PARSE, 1, 8, "expected “,” or “}”" },
  { "{\"a\": 1 \"b\": 2}", GLOSS_ERROR_PARSE, 1, 9, "expected “,” or “}”" },
  { "[truex]", GLOSS_ERROR_PARSE, 1, 6, "expected “,” or “]”" },
  { "]", GLOSS_ERROR_PARSE, 1, 1, "expected a value" },
  { "// a comment\n1", GLOSS_ERROR_PARSE, 1, 1, "comments are not allowed in JSON" },
  { "[1, /* two */ 2]", GLOSS_ERROR_PARSE, 1, 5, "comments are not allowed in JSON" },
  { "\f1", GLOSS_ERROR_PARSE, 1, 1, "expected a value" },  /* form feed is not whitespace */
  { "\xc2\xa0" "1", GLOSS_ERROR_PARSE, 1, 1, "expected a value" },  /* nor is U+00A0 */

  /* Trailing content */
  { "[1] x", GLOSS_ERROR_PARSE, 1, 5, "unexpected content after the end of the JSON value" },
  { "{} {}", GLOSS_ERROR_PARSE, 1, 4, "unexpected content after the end of the JSON value" },
  { "1 2", GLOSS_ERROR_PARSE, 1, 3, "unexpected content after the end of the JSON value" },
  { "\"a\"\n\n\"b\"", GLOSS_ERROR_PARSE, 3, 1, "unexpected content after the end of the JSON value" },
  { "{}\n,", GLOSS_ERROR_PARSE, 2, 1, "unexpected content after the end of the JSON value" },

  /* Literals and numbers */
  { "tru", GLOSS_ERROR_PARSE, 1, 1, "expected a value" },
  { "True", GLOSS_ERROR_PARSE, 1, 1, "expected a value" },
  { "[nul]", GLOSS_ERROR_PARSE, 1, 2, "expected a value" },
  { "NaN", GLOSS_ERROR_PARSE, 1, 1, "expected a value" },
  { "Infinity", GLOSS_ERROR_PARSE, 1, 1, "expected a value" },
  { "-Infinity", GLOSS_ERROR_PARSE, 1, 1, "an invalid number" },
  { "[01]", GLOSS_ERROR_PARSE, 1, 2, "a number with a leading zero" },
  { "-01", GLOSS_ERROR_PARSE, 1, 1, "a number with a leading zero" },
  { "00.5", GLOSS_ERROR_PARSE, 1, 1, "a number with a leading zero" },
  { "+1", GLOSS_ERROR_PARSE, 1, 1, "an invalid number" },
  { ".5", GLOSS_ERROR_PARSE, 1, 1, "an invalid number" },
  { "[1.]", GLOSS_ERROR_PARSE, 1, 2, "an invalid number" },
  { "1.e5", GLOSS_ERROR_PARSE, 1, 1, "an invalid number" },
  { "1e", GLOSS_ERROR_PARSE, 1, 1, "an invalid number" },
  { "1e+", GLOSS_ERROR_PARSE, 1, 1, "an invalid number" },
  { "-", GLOSS_ERROR_PARSE, 1, 1, "an invalid number" },
  { "- 1", GLOSS_ERROR_PARSE, 1, 1, "an invalid number" },
  { "0x10", GLOSS_ERROR_PARSE, 1, 2, "unexpected content after the end of the JSON value" },
  { "1.5.2", GLOSS_ERROR_PARSE, 1, 4, "unexpected content after the end of the JSON value" },
  /* (A whole number past 64 bits is a double: /json-reader/big-integers.) */
  { "[-1" ZEROS_400 "]", GLOSS_ERROR_TOO_LARGE, 1, 2, "a number too large for a double" },
  { "1e999", GLOSS_ERROR_TOO_LARGE, 1, 1, "a number too large for a double" },
  { "[-1.5e400]", GLOSS_ERROR_TOO_LARGE, 1, 2, "a number too large for a double" },

  /* Strings */
  { "\"abc", GLOSS_ERROR_PARSE, 1, 5, "unexpected end of file in a string" },
  { "\"ab\\", GLOSS_ERROR_PARSE, 1, 5, "unexpected end of file in a string" },
  { "\"ab\\\"", GLOSS_ERROR_PARSE, 1, 6, "unexpected end of file in a string" },
  { "\"\\u12", GLOSS_ERROR_PARSE, 1, 6, "unexpected end of file in a string" },
  { "\"a\tb\"", GLOSS_ERROR_PARSE, 1, 3, "a control character in a string must be escaped" },
  { "[\"x\",\n \"a\nb\"]", GLOSS_ERROR_PARSE, 2, 4, "a control character in a string must be escaped" },
  { "{\"a\x1f\": 1}", GLOSS_ERROR_PARSE, 1, 4, "a control character in a string must be escaped" },
  { "\"\\u0000\"", GLOSS_ERROR_PARSE, 1, 2, "a string holds a NUL character (\\u0000)" },
  { "{\"a\\u0000b\": 1}", GLOSS_ERROR_PARSE, 1, 4, "a string holds a NUL character (\\u0000)" },
  { "\"\\ud800\"", GLOSS_ERROR_PARSE, 1, 2, "an invalid \\u escape (a lone UTF-16 surrogate)" },
  { "\"\\udc00\"", GLOSS_ERROR_PARSE, 1, 2, "an invalid \\u escape (a lone UTF-16 surrogate)" },
  { "\"x\\ud83d\"", GLOSS_ERROR_PARSE, 1, 3, "an invalid \\u escape (a lone UTF-16 surrogate)" },
  { "\"\\ud800\\u0041\"", GLOSS_ERROR_PARSE, 1, 2, "an invalid \\u escape (a lone UTF-16 surrogate)" },
  { "\"\\ud83d\\ud83d\"", GLOSS_ERROR_PARSE, 1, 2, "an invalid \\u escape (a lone UTF-16 surrogate)" },
  { "\"\\ude00\\ud83d\"", GLOSS_ERROR_PARSE, 1, 2, "an invalid \\u escape (a lone UTF-16 surrogate)" },
  { "\"\\ud83d\\n\"", GLOSS_ERROR_PARSE, 1, 2, "an invalid \\u escape (a lone UTF-16 surrogate)" },
  { "\"\\ud83d", GLOSS_ERROR_PARSE, 1, 2, "an invalid \\u escape (a lone UTF-16 surrogate)" },
  { "\"\\u12G4\"", GLOSS_ERROR_PARSE, 1, 2, "an invalid \\u escape (expected four hexadecimal digits)" },
  { "\"\\ud83d\\uZ\"", GLOSS_ERROR_PARSE, 1, 8, "an invalid \\u escape (expected four hexadecimal digits)" },
  { "\"\\U0041\"", GLOSS_ERROR_PARSE, 1, 2, "an invalid escape “\\U”" },
  { "\"\\x41\"", GLOSS_ERROR_PARSE, 1, 2, "an invalid escape “\\x”" },
  { "\"\\'\"", GLOSS_ERROR_PARSE, 1, 2, "an invalid escape “\\'”" },
  { "\"\\\n\"", GLOSS_ERROR_PARSE, 1, 2, "an invalid escape" },
  { "\"\\\xc3\xa9\"", GLOSS_ERROR_PARSE, 1, 2, "an invalid escape" },

  /* UTF-8 */
  { "[\"ab\xff\"]", GLOSS_ERROR_INVALID_UTF8, 1, 5, "invalid UTF-8" },
  { "\"\xc3\"", GLOSS_ERROR_INVALID_UTF8, 1, 2, "invalid UTF-8" },
  { "\"\xc3", GLOSS_ERROR_INVALID_UTF8, 1, 2, "invalid UTF-8" },
  { "\"\xed\xa0\x80\"", GLOSS_ERROR_INVALID_UTF8, 1, 2, "invalid UTF-8" },     /* an encoded surrogate */
  { "\"\xc0\xaf\"", GLOSS_ERROR_INVALID_UTF8, 1, 2, "invalid UTF-8" },         /* overlong */
  { "\"\xf4\x90\x80\x80\"", GLOSS_ERROR_INVALID_UTF8, 1, 2, "invalid UTF-8" }, /* past U+10FFFF */
  { "\"\xc3\xa9\xc3\xa9\xff\\x\"", GLOSS_ERROR_INVALID_UTF8, 1, 4, "invalid UTF-8" },
  { "\"\\x\xff\"", GLOSS_ERROR_PARSE, 1, 2, "an invalid escape “\\x”" },
  { "\"\xff\x01\"", GLOSS_ERROR_INVALID_UTF8, 1, 2, "invalid UTF-8" },
  { "[\xc3\xa9]", GLOSS_ERROR_PARSE, 1, 2, "expected a value" },
  { "[\xff]", GLOSS_ERROR_PARSE, 1, 2, "expected a value" },

  /* Duplicates */
  { "{\"a\": 1, \"b\": 2, \"a\": 3}", GLOSS_ERROR_PARSE, 1, 18, "duplicate member “a”" },
  { "{\"\": 1, \"\": 2}", GLOSS_ERROR_PARSE, 1, 9, "duplicate member “”" },
  { "[{\"x\": {\"y\": 1, \"y\": 2}}]", GLOSS_ERROR_PARSE, 1, 17, "duplicate member “y”" },
  { "{\"\\u00e9\": 1, \"\xc3\xa9\": 2}", GLOSS_ERROR_PARSE, 1, 15, "duplicate member “\xc3\xa9”" },
  { "{\"a\\nb\": 1, \"a\\nb\": 2}", GLOSS_ERROR_PARSE, 1, 13, "duplicate member “a b”" },
  { "{\"0123456789012345678901234567890123456789xyz\": 1, \"0123456789012345678901234567890123456789xyz\": 1}",
    GLOSS_ERROR_PARSE, 1, 52, "duplicate member “0123456789012345678901234567890123456789…”" },

  /* Lines and columns count characters, not bytes; a tab is one. */
  { "{\n  \"\xc3\xa9\": \"\xc3\xbc\" x}", GLOSS_ERROR_PARSE, 2, 12, "expected “,” or “}”" },
  { "[\r\n\t\"\xf0\x9f\x98\x80\", 1 2]", GLOSS_ERROR_PARSE, 2, 9, "expected “,” or “]”" },
};

static void
test_errors (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (error_cases); i++)
    check_error (error_cases[i].json, error_cases[i].code,
                 error_cases[i].line, error_cases[i].column, error_cases[i].message);
}

/* NUL bytes in the input: a control character in a string, garbage
 * elsewhere; never the end of the text. */
static void
test_nul_bytes (void)
{
  check_error_len ("\"a\0b\"", 5, DEPTH, GLOSS_ERROR_PARSE, 1, 3,
                   "a control character in a string must be escaped");
  check_error_len ("[1,\0]", 5, DEPTH, GLOSS_ERROR_PARSE, 1, 4, "expected a value");
  check_error_len ("1\0", 2, DEPTH, GLOSS_ERROR_PARSE, 1, 2,
                   "unexpected content after the end of the JSON value");
  check_error_len ("\0", 1, DEPTH, GLOSS_ERROR_PARSE, 1, 1, "expected a value");
}

static char *
nested (guint       depth,
        const char *open,
        const char *inner,
        const char *close)
{
  g_autoptr(GString) json = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append (json, open);
  g_string_append (json, inner);
  for (guint i = 0; i < depth; i++)
    g_string_append (json, close);

  return g_string_free (g_steal_pointer (&json), FALSE);
}

static void
test_depth (void)
{
  g_autofree char *ok_arrays = nested (DEPTH, "[", "1", "]");
  g_autofree char *deep_arrays = nested (DEPTH + 1, "[", "1", "]");
  g_autofree char *ok_objects = nested (DEPTH / 2, "{\"a\":[", "null", "]}");
  g_autofree char *deep_objects = nested (DEPTH / 2 + 1, "{\"a\":[", "null", "]}");
  g_autoptr(GlossJsonDoc) doc = NULL;
  g_autoptr(GlossJsonDoc) scalar = NULL;
  const GlossJsonValue *value;
  g_autoptr(GError) error = NULL;

  doc = parse_ok (ok_arrays);
  value = gloss_json_doc_get_root (doc);
  for (guint i = 0; i < DEPTH; i++)
    value = gloss_json_value_get_element (value, 0);
  g_assert_cmpint (gloss_json_value_get_int (value), ==, 1);
  g_clear_pointer (&doc, gloss_json_doc_free);

  doc = parse_ok (ok_objects);
  g_clear_pointer (&doc, gloss_json_doc_free);

  check_error (deep_arrays, GLOSS_ERROR_TOO_LARGE, 1, DEPTH + 1, "nested deeper than 64 levels");
  check_error (deep_objects, GLOSS_ERROR_TOO_LARGE, 1, DEPTH * 3 + 1, "nested deeper than 64 levels");

  /* A depth of 0 allows a scalar only. */
  scalar = gloss_json_doc_parse ("\"x\"", 3, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (scalar);
  check_error_len ("[]", 2, 0, GLOSS_ERROR_TOO_LARGE, 1, 1, "nested deeper than 0 levels");
}

/* A million '[' fails at the limit, at once; without a limit it fails at
 * the end of the file, still with no recursion to overflow the stack. */
static void
test_million_brackets (void)
{
  const gsize n = 1000 * 1000;
  g_autofree char *json = g_strnfill (n, '[');
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossJsonDoc) doc = NULL;
  guint line = 0, column = 0;
  gint64 start = g_get_monotonic_time ();

  check_error_len (json, n, DEPTH, GLOSS_ERROR_TOO_LARGE, 1, DEPTH + 1,
                   "nested deeper than 64 levels");
  g_test_message ("a million '[' refused in %.3f ms", (g_get_monotonic_time () - start) / 1000.0);

  check_error_len (json, n, G_MAXUINT, GLOSS_ERROR_PARSE, 1, n + 1,
                   "unexpected end of file; expected a value");

  /* And a million levels that do close are parsed, and freed without
   * recursion either. */
  {
    g_autofree char *closed = nested (n, "[", "", "]");

    doc = gloss_json_doc_parse (closed, 2 * n, G_MAXUINT, &line, &column, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (gloss_json_value_get_length (gloss_json_doc_get_root (doc)), ==, 1);
  }
}

static void
test_large_object_duplicates (void)
{
  g_autoptr(GString) json = g_string_new ("{");
  guint column;

  /* Past the linear check: the hash set must take over, in order. */
  for (guint i = 0; i < 100; i++)
    g_string_append_printf (json, "%s\"m%02u\": %u", i > 0 ? ", " : "", i, i);

  {
    g_autofree char *ok = g_strconcat (json->str, "}", NULL);
    g_autoptr(GlossJsonDoc) doc = parse_ok (ok);

    g_assert_cmpuint (gloss_json_value_get_length (gloss_json_doc_get_root (doc)), ==, 100);
    g_assert_cmpint (gloss_json_value_get_int (gloss_json_value_lookup (gloss_json_doc_get_root (doc), "m99")), ==, 99);
  }

  column = g_utf8_strlen (json->str, -1) + 3;
  g_string_append (json, ", \"m70\": 1}");
  check_error (json->str, GLOSS_ERROR_PARSE, 1, column, "duplicate member “m70”");

  /* The same names in different objects are fine, at every size. */
  {
    g_autoptr(GString) twice = g_string_new ("[");
    g_autoptr(GlossJsonDoc) doc = NULL;

    for (guint k = 0; k < 2; k++)
      {
        g_string_append (twice, k > 0 ? ", {" : "{");
        for (guint i = 0; i < 100; i++)
          g_string_append_printf (twice, "%s\"m%02u\": {\"m%02u\": %u}", i > 0 ? ", " : "", i, i, i);
        g_string_append (twice, "}");
      }
    g_string_append (twice, "]");
    doc = parse_ok (twice->str);
    g_assert_cmpuint (gloss_json_value_get_length (gloss_json_doc_get_root (doc)), ==, 2);
  }
}

/* ------------------------------------------------------------------------ */

/* Our tree as json-glib nodes must equal json-glib's own parse, in types,
 * values and member order (our writer keeps member order). */
static void
check_same_as_json_glib (const char *json,
                         gsize       len)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossJsonDoc) doc = gloss_json_doc_parse (json, len, DEPTH, NULL, NULL, &error);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(JsonNode) ours = NULL;
  g_autofree char *ours_text = NULL;
  g_autofree char *theirs_text = NULL;
  JsonNode *theirs;

  g_assert_no_error (error);
  if (!json_parser_load_from_data (parser, json, len, &error))
    g_error ("json-glib refused what we accept: %.*s: %s", (int) MIN (len, 200), json, error->message);

  ours = gloss_json_value_to_node (gloss_json_doc_get_root (doc));
  theirs = json_parser_get_root (parser);
  if (!json_node_equal (ours, theirs))
    g_error ("different trees for %.*s", (int) MIN (len, 200), json);

  ours_text = gloss_json_to_string (ours);
  theirs_text = gloss_json_to_string (theirs);
  g_assert_cmpstr (ours_text, ==, theirs_text);
}

static void
test_to_node (void)
{
  static const char *documents[] = {
    "null",
    "-12",
    "\"caf\\u00e9 \\ud83d\\ude00\"",
    "[]",
    "{}",
    "{\"z\": 1, \"a\": [true, false, null, 0.5, -1e-3, 1E+2, \"x\"], \"m\": {\"k\": {}, \"j\": []}}",
    "[[[[1]]], {\"deep\": [{\"er\": [\"\\n\\t\\\"\"]}]}]",
    "{\"big\": 9223372036854775807, \"small\": -9223372036854775808, \"d\": 2.5}",
  };
  g_autoptr(GlossJsonDoc) doc = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GList) names = NULL;
  JsonObject *object;
  JsonArray *array;

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    check_same_as_json_glib (documents[i], strlen (documents[i]));

  /* Types as the sidecar loader expects them from json-glib. */
  doc = parse_ok (documents[5]);
  node = gloss_json_value_to_node (gloss_json_doc_get_root (doc));
  object = json_node_get_object (node);
  names = json_object_get_members (object);
  g_assert_cmpuint (g_list_length (names), ==, 3);
  g_assert_cmpstr (names->data, ==, "z");
  g_assert_cmpstr (names->next->data, ==, "a");
  g_assert_cmpstr (names->next->next->data, ==, "m");
  g_assert_true (json_node_get_value_type (json_object_get_member (object, "z")) == G_TYPE_INT64);
  array = json_object_get_array_member (object, "a");
  g_assert_true (json_node_get_value_type (json_array_get_element (array, 0)) == G_TYPE_BOOLEAN);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_array_get_element (array, 2)));
  g_assert_true (json_node_get_value_type (json_array_get_element (array, 3)) == G_TYPE_DOUBLE);
  g_assert_true (json_node_get_value_type (json_array_get_element (array, 5)) == G_TYPE_DOUBLE);
  g_assert_cmpfloat (json_array_get_double_element (array, 5), ==, 100.0);
  g_assert_cmpstr (json_array_get_string_element (array, 6), ==, "x");

  /* A subtree on its own. */
  {
    g_autoptr(JsonNode) sub = gloss_json_value_to_node (gloss_json_value_lookup (gloss_json_doc_get_root (doc), "m"));
    g_autofree char *text = gloss_json_to_string (sub);

    g_assert_cmpstr (text, ==, "{\n  \"k\": {},\n  \"j\": []\n}\n");
  }
}

/* Misuse is reported, not a crash. */
static void
test_wrong_type (void)
{
  g_autoptr(GlossJsonDoc) doc = parse_ok ("{\"s\": \"text\", \"a\": [1]}");
  const GlossJsonValue *root = gloss_json_doc_get_root (doc);
  const GlossJsonValue *s = gloss_json_value_lookup (root, "s");

  g_test_expect_message ("Gloss", G_LOG_LEVEL_CRITICAL, "*assertion*failed*");
  g_assert_cmpint (gloss_json_value_get_int (s), ==, 0);
  g_test_assert_expected_messages ();

  g_test_expect_message ("Gloss", G_LOG_LEVEL_CRITICAL, "*assertion*failed*");
  g_assert_null (gloss_json_value_get_element (gloss_json_value_lookup (root, "a"), 1));
  g_test_assert_expected_messages ();

  g_test_expect_message ("Gloss", G_LOG_LEVEL_CRITICAL, "*assertion*failed*");
  g_assert_null (gloss_json_value_lookup (s, "x"));
  g_test_assert_expected_messages ();
}

/* ------------------------------------------------------------------------ */

/* Every string in the tree is valid UTF-8 of the length it claims. */
static void
check_tree (const GlossJsonValue *value,
            guint                 depth)
{
  g_assert_cmpuint (depth, <=, DEPTH + 1);

  switch (gloss_json_value_get_type (value))
    {
    case GLOSS_JSON_STRING:
      {
        const char *s = gloss_json_value_get_string (value);
        gsize len = gloss_json_value_get_string_length (value);

        g_assert_cmpuint (strlen (s), ==, len);
        g_assert_true (g_utf8_validate (s, len, NULL));
      }
      break;
    case GLOSS_JSON_ARRAY:
      for (guint i = 0; i < gloss_json_value_get_length (value); i++)
        check_tree (gloss_json_value_get_element (value, i), depth + 1);
      break;
    case GLOSS_JSON_OBJECT:
      for (guint i = 0; i < gloss_json_value_get_length (value); i++)
        {
          const char *name = gloss_json_value_get_member_name (value, i);

          g_assert_true (g_utf8_validate (name, -1, NULL));
          g_assert_true (gloss_json_value_lookup (value, name) == gloss_json_value_get_member_value (value, i));
          check_tree (gloss_json_value_get_member_value (value, i), depth + 1);
        }
      break;
    case GLOSS_JSON_DOUBLE:
      g_assert_true (isfinite (gloss_json_value_get_double (value)));
      break;
    case GLOSS_JSON_NULL:
    case GLOSS_JSON_BOOLEAN:
    case GLOSS_JSON_INTEGER:
      break;
    default:
      g_assert_not_reached ();
    }
}

static const char *fuzz_seeds[] = {
  "{\n  \"format\": \"gloss\",\n  \"version\": 1,\n  \"annotations\": [\n    {\n"
  "      \"id\": \"a-47ba7b95\",\n      \"start\": 175,\n      \"exact\": \"Caf\xc3\xa9 Solidarit\xc3\xa9\",\n"
  "      \"prefix\": \"close.\\n\\nThe \\\"\",\n      \"ratio\": -0.25e+2,\n      \"orphaned\": false,\n"
  "      \"note\": null\n    }\n  ]\n}\n",
  "[\"\\ud83d\\ude00\", \"\\u00e9\\t\", [[[]]], {\"a\": {\"b\": [1, 2.5, true]}}, \"\xe2\x80\x9cquoted\xe2\x80\x9d\"]",
  "{\"k\": [9223372036854775807, -9223372036854775808, 0, -0, 1E+2, 12345678901234567890.5]}",
};

/* Bytes that make mutations interesting: structure, escapes, number
 * parts, a control character, UTF-8 lead and continuation bytes. */
static const char fuzz_bytes[] = "{}[]\",:\\/0123456789-+.eEtfnubrxu \n\t\r'\x01\x7f\xc3\xa9\xed\xf0\x80\xbf\xff";

/* Text that keeps a document valid when it lands inside a string, and
 * breaks it in interesting ways elsewhere. */
static const char *fuzz_snippets[] = {
  "\\u00e9", "\\ud83d\\ude00", "\\ud800", "\\u", "\\n", "\\\"", "\xc3\xa9", "\xf0\x9f\x98\x80",
  "\"k\": 1, ", "[", "]", "{", "}", "\"", ",", "0", "-", "e+9", ".5", "99999999999999999999",
};

static void
mutate (GString *json)
{
  /* Mostly a single change, so that many results still parse and can be
   * compared with json-glib. */
  guint n = g_test_rand_bit () ? 1 : g_test_rand_int_range (2, 5);

  for (guint k = 0; k < n; k++)
    {
      guint at = json->len > 0 ? g_test_rand_int_range (0, json->len) : 0;
      guint span = g_test_rand_int_range (1, 40);  /* a variable: MIN() evaluates twice */
      char byte = g_test_rand_bit () ? fuzz_bytes[g_test_rand_int_range (0, sizeof fuzz_bytes - 1)]
                                     : (char) g_test_rand_int_range (0, 256);

      switch (g_test_rand_int_range (0, 7))
        {
        case 0:
          if (json->len > 0)
            json->str[at] = byte;
          break;
        case 1:
          g_string_insert_c (json, at, byte);
          break;
        case 2:
          if (json->len > 0)
            g_string_erase (json, at, MIN (json->len - at, span % 8));
          break;
        case 3:
          g_string_truncate (json, at);
          break;
        case 4:
          {
            /* Copy a slice elsewhere: duplicates members, nests deeper. */
            guint len = MIN (json->len - at, span);
            g_autofree char *slice = g_strndup (json->str + at, len);

            g_string_insert_len (json, g_test_rand_int_range (0, json->len + 1), slice, len);
          }
          break;
        default:
          g_string_insert (json, at, fuzz_snippets[g_test_rand_int_range (0, G_N_ELEMENTS (fuzz_snippets))]);
          break;
        }
    }
}

/* Whether @json holds 19 digits in a row: maybe a whole number past a
 * gint64, which we read as a double and json-glib 1.6 wraps around
 * (92233572036854775807 becomes -1), so the two cannot be compared. */
static gboolean
has_long_digit_run (const char *json,
                    gsize       len)
{
  guint run = 0;

  for (gsize i = 0; i < len; i++)
    {
      run = g_ascii_isdigit (json[i]) ? run + 1 : 0;
      if (run >= 19)
        return TRUE;
    }
  return FALSE;
}

static void
test_fuzz (void)
{
  guint iterations = g_test_slow () ? 200000 : 20000;
  guint n_parsed = 0;

  for (guint i = 0; i < iterations; i++)
    {
      g_autoptr(GString) json = g_string_new (fuzz_seeds[i % G_N_ELEMENTS (fuzz_seeds)]);
      g_autoptr(GError) error = NULL;
      g_autoptr(GlossJsonDoc) doc = NULL;
      g_autofree char *copy = NULL;
      guint line = 0, column = 0;

      mutate (json);
      copy = g_memdup2 (json->str, json->len);  /* exactly sized: no NUL to lean on */
      doc = gloss_json_doc_parse (copy, json->len, DEPTH, &line, &column, &error);

      if (doc != NULL)
        {
          g_assert_no_error (error);
          check_tree (gloss_json_doc_get_root (doc), 0);
          if (memchr (copy, '\0', json->len) == NULL && !has_long_digit_run (copy, json->len))
            check_same_as_json_glib (copy, json->len);
          n_parsed++;
        }
      else
        {
          g_assert_nonnull (error);
          g_assert_true (error->domain == GLOSS_ERROR);
          g_assert_true (error->code == GLOSS_ERROR_PARSE || error->code == GLOSS_ERROR_TOO_LARGE
                         || error->code == GLOSS_ERROR_INVALID_UTF8);
          g_assert_cmpuint (line, >=, 1);
          g_assert_cmpuint (line, <=, json->len + 1);
          g_assert_cmpuint (column, >=, 1);
          g_assert_cmpuint (column, <=, json->len + 1);
          g_assert_true (g_utf8_validate (error->message, -1, NULL));
        }
    }

  g_test_message ("%u of %u mutated documents still parsed", n_parsed, iterations);
}

/* ------------------------------------------------------------------------ */

/* A sidecar-sized document of the shape the loader reads: 10,000
 * annotations of eleven members, short ASCII strings, integers, some
 * 32-character non-ASCII context strings, an escaped newline now and then. */
static char *
make_sidecar_like (guint  n_annotations,
                   gsize *len)
{
  static const char *labels[] = { "person", "organization", "location", "misc", "quote", "claim" };
  g_autoptr(GString) json = g_string_new ("{\n  \"format\": \"gloss\",\n  \"version\": 1,\n"
                                          "  \"document\": {\n    \"file\": \"big.txt\",\n    \"length\": 972797\n  },\n"
                                          "  \"annotations\": [\n");
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261126);

  for (guint i = 0; i < n_annotations; i++)
    {
      guint start = i * 97 + g_rand_int_range (rand, 0, 50);

      g_string_append_printf (json,
                              "    {\n"
                              "      \"id\": \"a-%08x\",\n"
                              "      \"label\": \"%s\",\n"
                              "      \"start\": %u,\n"
                              "      \"end\": %u,\n"
                              "      \"exact\": \"%s\",\n"
                              "      \"prefix\": \"%s\",\n"
                              "      \"suffix\": \"%s\",\n"
                              "      \"note\": \"\",\n"
                              "      \"orphaned\": false,\n"
                              "      \"created\": \"2026-11-26T08:%02u:%02uZ\",\n"
                              "      \"modified\": \"2026-11-26T08:%02u:%02uZ\"\n"
                              "    }%s\n",
                              g_rand_int (rand), labels[i % G_N_ELEMENTS (labels)],
                              start, start + 16,
                              i % 3 == 0 ? "Caf\xc3\xa9 Solidarit\xc3\xa9 Scheme" : "Lindenmark Rail Company",
                              i % 4 == 0 ? "close.\\n\\nAccording to the \xe2\x80\x9c" : " the vote to be this close. The ",
                              i % 2 == 0 ? ", the Caf\xc3\xa9 Solidarit\xc3\xa9 Scheme wi" : " remains popular with voters out",
                              i / 60 % 60, i % 60, i / 60 % 60, i % 60,
                              i + 1 < n_annotations ? "," : "");
    }
  g_string_append (json, "  ]\n}\n");

  *len = json->len;
  return g_string_free (g_steal_pointer (&json), FALSE);
}

/* Not a timed assertion (machines differ): the figures go to the test log.
 * The real benchmark is tests/bench/bench-json.c. */
static void
test_sidecar_timing (void)
{
  gsize len;
  g_autofree char *json = make_sidecar_like (10000, &len);
  double best_parse = G_MAXDOUBLE, best_free = G_MAXDOUBLE, best_json_glib = G_MAXDOUBLE;

  for (guint run = 0; run < 5; run++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      GlossJsonDoc *doc;
      const GlossJsonValue *annotations;
      gint64 t0, t1, t2;

      t0 = g_get_monotonic_time ();
      doc = gloss_json_doc_parse (json, len, DEPTH, NULL, NULL, &error);
      t1 = g_get_monotonic_time ();
      g_assert_no_error (error);

      annotations = gloss_json_value_lookup (gloss_json_doc_get_root (doc), "annotations");
      g_assert_cmpuint (gloss_json_value_get_length (annotations), ==, 10000);
      g_assert_cmpuint (gloss_json_value_get_length (gloss_json_value_get_element (annotations, 9999)), ==, 11);

      t2 = g_get_monotonic_time ();
      gloss_json_doc_free (doc);
      best_parse = MIN (best_parse, (t1 - t0) / 1000.0);
      t2 = g_get_monotonic_time () - t2;
      best_free = MIN (best_free, t2 / 1000.0);

      t0 = g_get_monotonic_time ();
      g_assert_true (json_parser_load_from_data (parser, json, len, &error));
      best_json_glib = MIN (best_json_glib, (g_get_monotonic_time () - t0) / 1000.0);
    }

  g_test_message ("sidecar-like document, %.1f MB: parse %.2f ms, free %.3f ms (best of 5); "
                  "json-glib parse %.2f ms", len / 1e6, best_parse, best_free, best_json_glib);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-reader/scalars", test_scalars);
  g_test_add_func ("/json-reader/big-integers", test_big_integers);
  g_test_add_func ("/json-reader/containers", test_containers);
  g_test_add_func ("/json-reader/large-containers", test_large_containers);
  g_test_add_func ("/json-reader/strings", test_strings);
  g_test_add_func ("/json-reader/longest-string", test_longest_string);
  g_test_add_func ("/json-reader/big-arena", test_big_arena);
  g_test_add_func ("/json-reader/not-terminated", test_not_terminated);
  g_test_add_func ("/json-reader/byte-order-mark", test_byte_order_mark);
  g_test_add_func ("/json-reader/errors", test_errors);
  g_test_add_func ("/json-reader/nul-bytes", test_nul_bytes);
  g_test_add_func ("/json-reader/depth", test_depth);
  g_test_add_func ("/json-reader/million-brackets", test_million_brackets);
  g_test_add_func ("/json-reader/large-object-duplicates", test_large_object_duplicates);
  g_test_add_func ("/json-reader/to-node", test_to_node);
  g_test_add_func ("/json-reader/wrong-type", test_wrong_type);
  g_test_add_func ("/json-reader/fuzz", test_fuzz);
  g_test_add_func ("/json-reader/sidecar-timing", test_sidecar_timing);

  return g_test_run ();
}
