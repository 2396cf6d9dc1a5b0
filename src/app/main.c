/* main.c — gloss [FILE|FOLDER]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "gloss-application.h"

/* Adds @dir to GSETTINGS_SCHEMA_DIR, where GSettings looks before the
 * installed schemas: first, or after the folders already named there. */
static void
add_schema_dir (const char *dir,
                gboolean    first)
{
  const char *current = g_getenv ("GSETTINGS_SCHEMA_DIR");
  g_autofree char *value = NULL;

  if (current == NULL || current[0] == '\0')
    value = g_strdup (dir);
  else if (first)
    value = g_strjoin (G_SEARCHPATH_SEPARATOR_S, dir, current, NULL);
  else
    value = g_strjoin (G_SEARCHPATH_SEPARATOR_S, current, dir, NULL);

  g_setenv ("GSETTINGS_SCHEMA_DIR", value, TRUE);
}

static gboolean
has_compiled_schemas (const char *dir)
{
  g_autofree char *path = NULL;

  if (dir == NULL || dir[0] == '\0')
    return FALSE;

  path = g_build_filename (dir, "gschemas.compiled", NULL);
  return g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

/* Run from the build tree, the schema to use is the one this build
 * compiled (GLOSS_BUILD_SCHEMA_DIR): the installed one may be missing or
 * older. A folder named in GSETTINGS_SCHEMA_DIR still comes first, and
 * GLOSS_SCHEMA_DIR (as the tests set it) before all. This happens before
 * anything reads a setting: GLib reads GSETTINGS_SCHEMA_DIR once. */
static void
find_schema (void)
{
  const char *dir = g_getenv ("GLOSS_SCHEMA_DIR");

#ifdef GLOSS_BUILD_ROOT
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);

  if (exe != NULL && g_str_has_prefix (exe, GLOSS_BUILD_ROOT G_DIR_SEPARATOR_S)
      && has_compiled_schemas (GLOSS_BUILD_SCHEMA_DIR))
    add_schema_dir (GLOSS_BUILD_SCHEMA_DIR, FALSE);
#endif

  if (has_compiled_schemas (dir))
    add_schema_dir (dir, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GlossApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  find_schema ();

  /* Without a schema, the application says what to do and exits
   * (gloss_application_handle_local_options()). */
  app = gloss_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
