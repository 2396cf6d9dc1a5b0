/* test-json-writer.c — how gloss-json-writer.c writes doubles
 *
 * The rule (docs/sidecar.md's canonical output): "%.Pg" with the least
 * precision P whose text reads back to the same double, ".0" added to an
 * integral value. The writer finds P from "%.15g" rather than by trying
 * every precision from 1; these cases check it against that search, done
 * here the slow way, on chosen values and on many random ones.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "gloss.h"
#include "gloss-json-writer.h"

/* The rule, as a search from precision 1. */
static char *
expected_text (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  for (int precision = 1; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }

  return strpbrk (buf, ".eEn") == NULL ? g_strconcat (buf, ".0", NULL) : g_strdup (buf);
}

static char *
written_text (double value)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
  GString *out = g_string_new (NULL);

  json_node_set_double (node, value);
  gloss_json_write_node (out, node, 0);
  return g_string_free (out, FALSE);
}

static void
assert_written (double value)
{
  g_autofree char *expected = NULL;
  g_autofree char *written = NULL;

  /* JSON has none: written as null. */
  if (!isfinite (value))
    return;

  expected = expected_text (value);
  written = written_text (value);
  if (g_strcmp0 (expected, written) != 0)
    g_error ("%.17g written as %s, expected %s", value, written, expected);
}

static void
test_chosen (void)
{
  const struct { double value; const char *text; } cases[] = {
    { 0.0, "0.0" },
    { 1.0, "1.0" },
    { -2.0, "-2.0" },
    { 0.5, "0.5" },
    { 0.1, "0.1" },
    { 0.1 + 0.2, "0.30000000000000004" },
    { 0.894653, "0.894653" },
    { -0.9, "-0.9" },
    { 100.0, "1e+02" },
    { 1e6, "1e+06" },
    { 123456.0, "123456.0" },
    { 1234567.0, "1234567.0" },
    { 123456789012345.0, "123456789012345.0" },
    { 1234567890123456.0, "1234567890123456.0" },
    { 12345678901234567.0, "12345678901234568.0" },
    { 1e-7, "1e-07" },
    { 1.7976931348623157e308, "1.7976931348623157e+308" },
    { 2.2250738585072014e-308, "2.2250738585072014e-308" },
    { 5e-324, "5e-324" },
    { 1.5e-323, "1.5e-323" },
  };

  {
    g_autofree char *infinite = written_text (INFINITY);

    g_assert_cmpstr (infinite, ==, "null");
  }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *written = written_text (cases[i].value);

      g_assert_cmpstr (written, ==, cases[i].text);
      assert_written (cases[i].value);
    }
}

/* Powers of ten and their neighbours: where the digits and the exponent
 * style change. */
static void
test_powers_of_ten (void)
{
  for (int e = -324; e <= 308; e++)
    {
      double p = pow (10, e);

      assert_written (p);
      assert_written (nextafter (p, 0));
      assert_written (nextafter (p, INFINITY));
      for (int m = 2; m < 10; m++)
        assert_written (-m * p);
    }
}

static void
test_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (14);

  for (guint i = 0; i < 50000; i++)
    {
      guint64 bits = ((guint64) g_rand_int (rand) << 32) | g_rand_int (rand);
      int digits = g_rand_int_range (rand, 1, 18);
      double value;

      /* Any bit pattern: subnormals, huge and tiny values. */
      memcpy (&value, &bits, sizeof value);
      if (isfinite (value))
        assert_written (value);

      /* Decimals of a few digits, as figures rounded to 1e-6 are. */
      value = floor (g_rand_double (rand) * pow (10, digits)) * pow (10, g_rand_int_range (rand, -30, 30) - digits);
      assert_written (value);
      assert_written (round (g_rand_double_range (rand, -2, 2) * 1e6) / 1e6);
    }
}

/* Strings: the escapes of a sidecar kept as they were; with @line_safe,
 * the three line breaks Python's str.splitlines() knows besides \n escaped
 * too; a length counts bytes, NULs and all. */
static void
test_strings (void)
{
  g_autoptr(GString) out = g_string_new (NULL);

  gloss_json_append_string (out, "a\"b\\c\n\r\t\b\f\x01 é\xc2\x85\xe2\x80\xa8\xe2\x80\xa9", -1, FALSE);
  g_assert_cmpstr (out->str, ==, "\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0001 é\xc2\x85\xe2\x80\xa8\xe2\x80\xa9\"");

  g_string_truncate (out, 0);
  gloss_json_append_string (out, "é\xc2\x85x\xe2\x80\xa8\xe2\x80\xa9\"", -1, TRUE);
  g_assert_cmpstr (out->str, ==, "\"é\\u0085x\\u2028\\u2029\\\"\"");

  g_string_truncate (out, 0);
  gloss_json_append_string (out, "ab\0cd", 5, TRUE);
  g_assert_cmpstr (out->str, ==, "\"ab\\u0000cd\"");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-writer/double/chosen", test_chosen);
  g_test_add_func ("/json-writer/double/powers-of-ten", test_powers_of_ten);
  g_test_add_func ("/json-writer/double/random", test_random);
  g_test_add_func ("/json-writer/strings", test_strings);

  return g_test_run ();
}
