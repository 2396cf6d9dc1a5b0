/* main.c — gloss [FILE|FOLDER]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <fcntl.h>
#include <locale.h>
#include <time.h>
#include <unistd.h>

#include "gloss-application.h"
#include "gloss-window-private.h"

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

/* GLOSS_REPORT_FIRST_FRAME=FILE, for tests/bench/bench-start.c: at the end
 * (after-paint) of the first window's first frame that shows what it opened
 * — the article with its session, or the welcome page when nothing is being
 * opened — one line is appended to FILE: g_get_monotonic_time()
 * (CLOCK_MONOTONIC, in µs, comparable across processes) and the CPU time the
 * process has used so far (CLOCK_PROCESS_CPUTIME_ID, µs, every thread).
 * Unset, nothing is connected. */
static void
on_report_after_paint (GdkFrameClock *clock,
                       GlossWindow   *window)
{
  const char *path = g_getenv ("GLOSS_REPORT_FIRST_FRAME");
  struct timespec cpu;
  char line[48];
  int fd;

  if (window->session == NULL && window->opening != NULL)
    return;

  g_signal_handlers_disconnect_by_func (clock, on_report_after_paint, window);
  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &cpu);
  g_snprintf (line, sizeof line, "%" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n",
              g_get_monotonic_time (), (gint64) cpu.tv_sec * G_USEC_PER_SEC + cpu.tv_nsec / 1000);
  fd = g_open (path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0 || write (fd, line, strlen (line)) < 0)
    g_printerr ("gloss: could not write %s\n", path);
  if (fd >= 0)
    close (fd);
}

static void
on_report_realize (GtkWidget *window)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                           G_CALLBACK (on_report_after_paint), window, 0);
}

static void
on_report_window_added (GtkApplication *app,
                        GtkWindow      *window)
{
  if (!GLOSS_IS_WINDOW (window))
    return;

  g_signal_handlers_disconnect_by_func (app, on_report_window_added, NULL);
  g_signal_connect (window, "realize", G_CALLBACK (on_report_realize), NULL);
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
  if (g_getenv ("GLOSS_REPORT_FIRST_FRAME") != NULL)
    g_signal_connect (app, "window-added", G_CALLBACK (on_report_window_added), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
