/* start-floor.c — the toolkit's floor for the `start` benchmark
 *
 *   start-floor [--gtk] [FILE]
 *
 * The least a GTK 4 + libadwaita program must do to show an article: an
 * AdwApplication with one AdwApplicationWindow holding a GtkTextView (in a
 * GtkScrolledWindow, under an AdwHeaderBar) with FILE's text, read on the
 * main thread before the window is shown. With --gtk, a GtkApplication and a
 * GtkApplicationWindow instead: the floor of GTK alone, without libadwaita's
 * initialisation and style sheet.
 *
 * Like gloss, it reports its first frame when GLOSS_REPORT_FIRST_FRAME names
 * a file: it appends g_get_monotonic_time() (CLOCK_MONOTONIC, in µs, the
 * same clock in every process) and the CPU time it has used (µs) at the end
 * (after-paint) of its window's first frame, then keeps running until it is
 * sent SIGTERM.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

static gboolean gtk_only;
static char *text;

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       user_data)
{
  const char *path = g_getenv ("GLOSS_REPORT_FIRST_FRAME");
  struct timespec cpu;
  char line[48];
  int fd;

  g_signal_handlers_disconnect_by_func (clock, on_after_paint, user_data);

  if (path == NULL || path[0] == '\0')
    return;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &cpu);
  g_snprintf (line, sizeof line, "%" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n",
              g_get_monotonic_time (), (gint64) cpu.tv_sec * G_USEC_PER_SEC + cpu.tv_nsec / 1000);
  fd = g_open (path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0)
    return;
  if (write (fd, line, strlen (line)) < 0)
    g_printerr ("start-floor: could not write %s\n", path);
  close (fd);
}

static void
on_realize (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_after_paint), NULL);
}

static void
on_activate (GApplication *app)
{
  GtkWidget *window;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *view = gtk_text_view_new ();

  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)),
                            text != NULL ? text : "", -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_widget_set_vexpand (scrolled, TRUE);

  if (gtk_only)
    {
      window = gtk_application_window_new (GTK_APPLICATION (app));
      gtk_window_set_titlebar (GTK_WINDOW (window), gtk_header_bar_new ());
      gtk_box_append (GTK_BOX (box), scrolled);
      gtk_window_set_child (GTK_WINDOW (window), box);
    }
  else
    {
      window = adw_application_window_new (GTK_APPLICATION (app));
      gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
      gtk_box_append (GTK_BOX (box), scrolled);
      adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
    }

  gtk_window_set_title (GTK_WINDOW (window), "Floor");
  /* Gloss's default size (its schema's window-width and -height). */
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  g_signal_connect (window, "realize", G_CALLBACK (on_realize), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

static gboolean
on_quit_signal (gpointer user_data)
{
  g_application_quit (G_APPLICATION (user_data));
  return G_SOURCE_CONTINUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GApplication) app = NULL;
  int arg = 1;

  if (arg < argc && g_str_equal (argv[arg], "--gtk"))
    {
      gtk_only = TRUE;
      arg++;
    }
  if (arg < argc && !g_file_get_contents (argv[arg], &text, NULL, NULL))
    return 1;

  if (gtk_only)
    app = G_APPLICATION (gtk_application_new ("org.gtk.StartFloor", G_APPLICATION_DEFAULT_FLAGS));
  else
    app = G_APPLICATION (adw_application_new ("org.gnome.StartFloor", G_APPLICATION_DEFAULT_FLAGS));
  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);
  g_unix_signal_add (SIGTERM, on_quit_signal, app);

  /* The file is ours, not an option or a file to open. */
  return g_application_run (app, 1, argv);
}
