/* fuzz-main.c — run a fuzz target over saved inputs, without libFuzzer
 *
 *   fuzz-sidecar-regress PATH…
 *
 * Each PATH is a file or a folder (read recursively, in name order; names
 * starting with "." are skipped). Every file is passed to
 * LLVMFuzzerTestOneInput() once; an oracle failure or a sanitizer report
 * aborts, so the exit status says whether the whole set passed. This is how
 * the seed corpus and every saved crasher run in the normal test suite.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static gboolean run_path (const char *path,
                          guint      *n_inputs);

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
run_folder (const char *path,
            guint      *n_inputs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  gboolean ok = TRUE;
  const char *name;

  if (dir == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return FALSE;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (name[0] != '.')
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *child = g_build_filename (path, g_ptr_array_index (names, i), NULL);

      ok &= run_path (child, n_inputs);
    }

  return ok;
}

static gboolean
run_file (const char *path,
          guint      *n_inputs)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree uint8_t *input = NULL;
  gsize size = 0;

  if (!g_file_get_contents (path, &contents, &size, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return FALSE;
    }

  /* An exact-size copy with no terminating NUL, so that a read past the end
   * shows under the sanitizers. An empty file becomes (NULL, 0) — what
   * g_bytes_new ("", 0) holds — where libFuzzer passes a non-NULL pointer:
   * the loader must take both. */
  input = g_memdup2 (contents, size);

  printf ("input %s (%" G_GSIZE_FORMAT " bytes)\n", path, size);
  fflush (stdout);
  LLVMFuzzerTestOneInput (input, size);
  (*n_inputs)++;

  return TRUE;
}

static gboolean
run_path (const char *path,
          guint      *n_inputs)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    return run_folder (path, n_inputs);

  return run_file (path, n_inputs);
}

int
main (int    argc,
      char **argv)
{
  gboolean ok = TRUE;
  guint n_inputs = 0;

  setlocale (LC_ALL, "");

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s FILE-OR-FOLDER…\n", argv[0]);
      return 2;
    }

  for (int i = 1; i < argc; i++)
    ok &= run_path (argv[i], &n_inputs);

  if (n_inputs == 0)
    {
      fprintf (stderr, "no inputs found: nothing was tested\n");
      return 1;
    }

  printf ("%u inputs passed%s\n", n_inputs, ok ? "" : " (some paths could not be read)");

  return ok ? 0 : 1;
}
