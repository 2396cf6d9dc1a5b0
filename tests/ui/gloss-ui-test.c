/* gloss-ui-test.c — helpers the UI tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "gloss-ui-test.h"

/* ------------------------------------------------------------------ */
/* Starting                                                             */
/* ------------------------------------------------------------------ */

/* Sets the C.UTF-8 locale (GTK must not pick another) and initialises
 * GTest. Call first thing in main(). */
void
gloss_ui_test_init (int    *argc,
                    char ***argv)
{
  gtk_disable_setlocale ();
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (argc, argv, NULL);
}

/* Initialises GTK. With no display, prints TAP's plan for a skipped
 * program and returns FALSE: main() should then return 0. */
gboolean
gloss_ui_test_init_gtk (void)
{
  if (!gtk_init_check ())
    {
      printf ("1..0 # SKIP no display\n");
      return FALSE;
    }

  return TRUE;
}

static gboolean
is_fatal_unless_focus_out (const char     *domain,
                           GLogLevelFlags  level,
                           const char     *message,
                           gpointer        data)
{
  return !(g_strcmp0 (domain, "Gtk") == 0 && (level & G_LOG_LEVEL_WARNING)
           && strstr (message, "did not receive a focus-out event") != NULL);
}

void
gloss_ui_test_tolerate_focus_out_warning (void)
{
  g_test_log_set_fatal_handler (is_fatal_unless_focus_out, NULL);
  /* GTK logs structured, which that handler does not see: criticals stay
   * fatal, warnings loud but not fatal, for the same quirk. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
}

/* The real application, registered without a bus (non-unique), with
 * @annotator_id as the annotator in its (memory-backed) settings. */
GlossApplication *
gloss_ui_test_application_new (const char *annotator_id)
{
  GlossApplication *app = gloss_application_new ();
  g_autoptr(GError) error = NULL;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_settings_set_string (gloss_application_get_settings (app), "annotator-id", annotator_id);

  return app;
}

/* The application as the window tests drive it: annotator "tester"
 * ("Test Person"), autosave 100 ms after an edit, and held, so that it
 * outlives every window. Release it after g_test_run(). */
GlossApplication *
gloss_ui_test_application_new_held (void)
{
  GlossApplication *app = gloss_ui_test_application_new ("tester");
  GSettings *settings = gloss_application_get_settings (app);

  g_settings_set_string (settings, "annotator-name", "Test Person");
  g_settings_set_uint (settings, "autosave-delay", 100);
  g_application_hold (G_APPLICATION (app));

  return app;
}

/* ------------------------------------------------------------------ */
/* The main loop                                                        */
/* ------------------------------------------------------------------ */

static gboolean
on_timer_expired (gpointer data)
{
  GlossUiTestTimer *timer = data;

  timer->expired = TRUE;
  timer->source_id = 0;
  return G_SOURCE_REMOVE;
}

/* Starts @timer: @timer->expired turns TRUE after @ms, from the default
 * main context (which it also wakes up). */
void
gloss_ui_test_timer_start (GlossUiTestTimer *timer,
                           guint             ms)
{
  timer->expired = FALSE;
  timer->source_id = g_timeout_add (ms, on_timer_expired, timer);
}

/* Stops @timer if it has not expired yet. */
void
gloss_ui_test_timer_stop (GlossUiTestTimer *timer)
{
  if (timer->source_id != 0)
    g_source_remove (timer->source_id);
  timer->source_id = 0;
}

/* Spins the default main context until @condition (@data) holds, checked
 * before each iteration, or @timeout_ms pass. Returns FALSE on timeout. */
gboolean
gloss_ui_test_spin_until (GlossUiTestCondition condition,
                          gpointer             data,
                          guint                timeout_ms)
{
  GlossUiTestTimer timer;

  gloss_ui_test_timer_start (&timer, timeout_ms);
  while (!condition (data) && !timer.expired)
    g_main_context_iteration (NULL, TRUE);
  gloss_ui_test_timer_stop (&timer);

  return !timer.expired || condition (data);
}

/* As gloss_ui_test_spin_until(), failing the test on timeout. */
void
gloss_ui_test_wait_until (GlossUiTestCondition condition,
                          gpointer             data,
                          guint                timeout_ms)
{
  if (!gloss_ui_test_spin_until (condition, data, timeout_ms))
    g_error ("timed out after %u ms", timeout_ms);
}

/* Runs the default main context for @ms. */
void
gloss_ui_test_spin (guint ms)
{
  GlossUiTestTimer timer;

  gloss_ui_test_timer_start (&timer, ms);
  while (!timer.expired)
    g_main_context_iteration (NULL, TRUE);
}

/* Lets idle callbacks (and pending redraws) run: at most 50 iterations,
 * none of them blocking. */
void
gloss_ui_test_spin_idle (void)
{
  for (int i = 0; i < 50 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

/* A GlossUiTestCondition: whether the gboolean at @flag is TRUE. */
static gboolean
flag_is_set (gpointer flag)
{
  return *(gboolean *) flag;
}

/* ------------------------------------------------------------------ */
/* Windows and frames                                                   */
/* ------------------------------------------------------------------ */

static gboolean
is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

static void
on_after_paint (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

/* Waits until @widget is mapped, then until its surface paints a frame
 * (a redraw of @widget is queued for it). */
void
gloss_ui_test_wait_for_frame (GtkWidget *widget,
                              guint      timeout_ms)
{
  gboolean painted = FALSE;
  GdkFrameClock *clock;
  gulong handler;

  gloss_ui_test_wait_until (is_mapped, widget, timeout_ms);

  clock = gtk_widget_get_frame_clock (widget);
  g_assert_nonnull (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &painted);
  gtk_widget_queue_draw (widget);
  gloss_ui_test_wait_until (flag_is_set, &painted, timeout_ms);
  g_signal_handler_disconnect (clock, handler);
}

/* Presents @window and waits for a painted frame of it. */
void
gloss_ui_test_present_and_wait (GtkWindow *window,
                                guint      timeout_ms)
{
  gtk_window_present (window);
  gloss_ui_test_wait_for_frame (GTK_WIDGET (window), timeout_ms);
}

/* A new window of @width × @height showing @child, presented and painted. */
GtkWidget *
gloss_ui_test_show_in_window (GtkWidget *child,
                              int        width,
                              int        height,
                              guint      timeout_ms)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_set_child (GTK_WINDOW (window), child);
  gloss_ui_test_present_and_wait (GTK_WINDOW (window), timeout_ms);

  return window;
}

/* Ends @window with @end and waits until it is finalized (a window may
 * finish work first). */
static void
wait_until_finalized (GtkWindow *window,
                      void     (*end) (GtkWindow *window),
                      guint      timeout_ms)
{
  gpointer alive = window;

  g_object_add_weak_pointer (G_OBJECT (window), &alive);
  end (window);
  GLOSS_UI_TEST_WAIT_FOR (alive == NULL, timeout_ms);
}

/* Closes @window as its close button would and waits until it is
 * finalized. */
void
gloss_ui_test_close_window (GtkWindow *window,
                            guint      timeout_ms)
{
  wait_until_finalized (window, gtk_window_close, timeout_ms);
}

/* Destroys @window and waits until it is finalized. */
void
gloss_ui_test_destroy_window (GtkWindow *window,
                              guint      timeout_ms)
{
  wait_until_finalized (window, gtk_window_destroy, timeout_ms);
}

/* The first toplevel window of @type, or NULL. */
GtkWindow *
gloss_ui_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return GTK_WINDOW (window);   /* GTK keeps it */
    }

  return NULL;
}

/* A main window of @app, presented, with @article open and shown. */
GlossWindow *
gloss_ui_test_open_window (GlossApplication *app,
                           GFile            *article,
                           guint             timeout_ms)
{
  GlossWindow *window = gloss_window_new (app);

  gtk_window_present (GTK_WINDOW (window));
  gloss_window_open (window, article);
  GLOSS_UI_TEST_WAIT_FOR (gloss_window_get_session (window) != NULL, timeout_ms);
  GLOSS_UI_TEST_WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (window)), timeout_ms);
  /* Popovers need the window's surface on a monitor: wait for a frame
   * (painted, not a guess at how long one takes). */
  gloss_ui_test_wait_for_frame (GTK_WIDGET (window), timeout_ms);

  return window;
}

/* ------------------------------------------------------------------ */
/* Rendering                                                            */
/* ------------------------------------------------------------------ */

/* @widget's last frame as a render node, at its size; NULL if it has
 * none (a redraw is pending). A widget paintable takes its image when it
 * is made and refreshes it lazily: one is made for each call. */
static GskRenderNode *
snapshot_node (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot),
                          gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  return gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
}

static GdkTexture *
render_node (GtkWidget     *widget,
             GskRenderNode *node)
{
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  return gsk_renderer_render_texture (renderer, node,
                                      &GRAPHENE_RECT_INIT (0, 0,
                                                           gtk_widget_get_width (widget),
                                                           gtk_widget_get_height (widget)));
}

/* @widget as drawn in its last frame, in a texture, by its window's
 * renderer. */
GdkTexture *
gloss_ui_test_render_texture (GtkWidget *widget)
{
  g_autoptr(GskRenderNode) node = snapshot_node (widget);

  g_assert_nonnull (node);
  return render_node (widget, node);
}

/* @widget as drawn, saved as a PNG in @path. */
void
gloss_ui_test_render_to_png (GtkWidget  *widget,
                             const char *path)
{
  g_autoptr(GdkTexture) texture = gloss_ui_test_render_texture (widget);

  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* Whether every pixel of @image is the same: a blank rendering. */
static gboolean
image_is_uniform (const GlossUiTestImage *image)
{
  gsize size = (gsize) image->width * image->height * 4;

  for (gsize i = 4; i < size; i += 4)
    if (memcmp (image->data, image->data + i, 4) != 0)
      return FALSE;

  return TRUE;
}

/* Renders @widget as it is on screen, after a frame of its window; checks
 * it is not blank and, when GLOSS_TEST_SCREENSHOTS names a folder, saves
 * it there as @name (saying so in a TAP comment). A window that redraws
 * all the time (a progress bar) may have no frame to give: then it waits
 * for a frame again, up to 20 times. */
void
gloss_ui_test_screenshot (GtkWidget  *widget,
                          const char *name,
                          guint       timeout_ms)
{
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GlossUiTestImage) image = NULL;
  const char *folder = g_getenv ("GLOSS_TEST_SCREENSHOTS");

  for (guint attempt = 0; node == NULL && attempt < 20; attempt++)
    {
      /* Draw what changed since the last frame first. */
      gloss_ui_test_present_and_wait (GTK_WINDOW (gtk_widget_get_root (widget)), timeout_ms);
      g_assert_cmpint (gtk_widget_get_width (widget), >, 0);
      g_assert_cmpint (gtk_widget_get_height (widget), >, 0);
      node = snapshot_node (widget);
    }
  g_assert_nonnull (node);

  texture = render_node (widget, node);
  image = gloss_ui_test_image_new (texture);
  g_assert_false (image_is_uniform (image));

  if (folder != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);

      g_assert_true (gdk_texture_save_to_png (texture, path));
      printf ("# saved %s (%d×%d)\n", path, image->width, image->height);
    }
}

/* Where to write the file @name: in the folder the environment variable
 * @env_variable names, else in the temporary folder. */
char *
gloss_ui_test_output_path (const char *env_variable,
                           const char *name)
{
  const char *dir = g_getenv (env_variable);

  return g_build_filename (dir != NULL ? dir : g_get_tmp_dir (), name, NULL);
}

/* The pixels of @texture. */
GlossUiTestImage *
gloss_ui_test_image_new (GdkTexture *texture)
{
  GlossUiTestImage *image = g_new0 (GlossUiTestImage, 1);

  image->width = gdk_texture_get_width (texture);
  image->height = gdk_texture_get_height (texture);
  image->data = g_malloc ((gsize) image->width * image->height * 4);
  gdk_texture_download (texture, image->data, (gsize) image->width * 4);

  return image;
}

/* Frees @image (NULL is fine). */
void
gloss_ui_test_image_free (GlossUiTestImage *image)
{
  if (image == NULL)
    return;
  g_free (image->data);
  g_free (image);
}

/* The colour of the pixel at (@x, @y), which must be in @image, as
 * stored: premultiplied, which is the colour itself where it is opaque. */
void
gloss_ui_test_image_get_rgb (const GlossUiTestImage *image,
                             int                     x,
                             int                     y,
                             guchar                 *r,
                             guchar                 *g,
                             guchar                 *b)
{
  const guchar *p;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, image->width);
  g_assert_cmpint (y, <, image->height);

  /* Cairo's ARGB32: B, G, R, A in memory on little-endian machines. */
  p = image->data + ((gsize) y * image->width + x) * 4;
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  *r = p[2];
  *g = p[1];
  *b = p[0];
#else
  *r = p[1];
  *g = p[2];
  *b = p[3];
#endif
}

/* ------------------------------------------------------------------ */
/* Finding widgets                                                      */
/* ------------------------------------------------------------------ */

/* The first widget, depth first from @root itself, that @predicate
 * accepts, or NULL. */
GtkWidget *
gloss_ui_test_find_widget (GtkWidget                  *root,
                           GlossUiTestWidgetPredicate  predicate,
                           gconstpointer               data)
{
  if (predicate (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = gloss_ui_test_find_widget (child, predicate, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Whether @widget is of the GType @type (passed with GSIZE_TO_POINTER()). */
static gboolean
is_of_type (GtkWidget     *widget,
            gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

/* The first widget of @type at or under @root, or NULL. */
GtkWidget *
gloss_ui_test_find_of_type (GtkWidget *root,
                            GType      type)
{
  return gloss_ui_test_find_widget (root, is_of_type, GSIZE_TO_POINTER (type));
}

/* The first label reading @text at or under @root, or NULL. */
GtkWidget *
gloss_ui_test_find_label (GtkWidget  *root,
                          const char *text)
{
  return gloss_ui_test_find_widget (root, gloss_ui_test_is_label_with_text, text);
}

static gboolean
is_mnemonic_label (GtkWidget     *widget,
                   gconstpointer  text)
{
  return gloss_ui_test_is_label_with_text (widget, text)
         && gtk_label_get_use_underline (GTK_LABEL (widget));
}

/* The widget the mnemonic label @mnemonic (such as "_Format") points at:
 * found the way a user finds it. The label must be there. */
GtkWidget *
gloss_ui_test_find_labelled (GtkWidget  *root,
                             const char *mnemonic)
{
  GtkWidget *label = gloss_ui_test_find_widget (root, is_mnemonic_label, mnemonic);

  g_assert_nonnull (label);
  return gtk_label_get_mnemonic_widget (GTK_LABEL (label));
}

/* A GlossUiTestWidgetPredicate: whether @widget is a label reading @text
 * (mnemonic underscores included). */
gboolean
gloss_ui_test_is_label_with_text (GtkWidget     *widget,
                                  gconstpointer  text)
{
  return GTK_IS_LABEL (widget)
         && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;
}

/* A GlossUiTestWidgetPredicate: whether @widget is a button labelled
 * @text. */
gboolean
gloss_ui_test_is_button_with_label (GtkWidget     *widget,
                                    gconstpointer  text)
{
  return GTK_IS_BUTTON (widget)
         && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), text) == 0;
}

/* ------------------------------------------------------------------ */
/* Files and sessions                                                   */
/* ------------------------------------------------------------------ */

/* A new, empty folder in the temporary folder, named after @tmpl (which
 * ends in XXXXXX). */
char *
gloss_ui_test_make_tmp_dir (const char *tmpl)
{
  g_autoptr(GError) error = NULL;
  char *path = g_dir_make_tmp (tmpl, &error);

  g_assert_no_error (error);
  g_assert_nonnull (path);

  return path;
}

/* The sample corpus: $GLOSS_SAMPLES_DIR (set by meson), else the source
 * tree's data/samples. */
static const char *
samples_dir (void)
{
  const char *dir = g_getenv ("GLOSS_SAMPLES_DIR");

  return dir != NULL ? dir : GLOSS_SOURCE_SAMPLES_DIR;
}

/* Copies the file at @from to @to, byte for byte. */
void
gloss_ui_test_copy_file (const char *from,
                         const char *to)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (to, contents, length, NULL));
}

/* Copies the sample file @name into the folder @dest_dir. */
void
gloss_ui_test_copy_sample (const char *name,
                           const char *dest_dir)
{
  g_autofree char *from = g_build_filename (samples_dir (), name, NULL);
  g_autofree char *to = g_build_filename (dest_dir, name, NULL);

  gloss_ui_test_copy_file (from, to);
}

/* Copies the sample articles and their sidecars (not the generator
 * script) into the folder @dest_dir; returns how many files. */
guint
gloss_ui_test_copy_samples (const char *dest_dir)
{
  g_autoptr(GDir) dir = g_dir_open (samples_dir (), 0, NULL);
  const char *name;
  guint copied = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (!g_str_has_suffix (name, ".txt") && !g_str_has_suffix (name, ".gloss.json"))
        continue;
      gloss_ui_test_copy_sample (name, dest_dir);
      copied++;
    }

  return copied;
}

/* Makes the folder @name (and any missing parents) under @parent. */
GFile *
gloss_ui_test_make_folder (const char *parent,
                           const char *name)
{
  g_autofree char *path = g_build_filename (parent, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);

  return g_file_new_for_path (path);
}

/* Writes @length bytes of @contents (-1: a string) to the file @name in
 * @folder, replacing it. */
void
gloss_ui_test_write_file (GFile      *folder,
                          const char *name,
                          const char *contents,
                          gssize      length)
{
  g_autofree char *path = g_build_filename (g_file_peek_path (folder), name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

/* The contents of @file, which must be readable. */
char *
gloss_ui_test_read_file (GFile *file)
{
  char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_file_load_contents (file, NULL, &contents, NULL, NULL, &error);
  g_assert_no_error (error);

  return contents;
}

/* The contents of @file, or NULL if it cannot be read (not there yet). */
char *
gloss_ui_test_try_read_file (GFile *file)
{
  char *contents = NULL;

  if (!g_file_load_contents (file, NULL, &contents, NULL, NULL, NULL))
    return NULL;
  return contents;
}

/* Writes @text to the article @name in @folder and opens a session on it
 * for @annotator_id. */
GlossSession *
gloss_ui_test_open_session (const char *folder,
                            const char *name,
                            const char *text,
                            const char *annotator_id)
{
  g_autoptr(GFile) dir = g_file_new_for_path (folder);
  g_autoptr(GFile) file = g_file_get_child (dir, name);
  g_autoptr(GError) error = NULL;
  GlossSession *session;

  gloss_ui_test_write_file (dir, name, text, -1);
  session = gloss_session_new (file, annotator_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (session);

  return session;
}

typedef struct
{
  gboolean  done;
  gboolean  closed;
  GError   *error;
} CloseResult;

static void
on_session_closed (GObject      *source,
                   GAsyncResult *result,
                   gpointer      data)
{
  CloseResult *state = data;

  state->closed = gloss_session_close_finish (GLOSS_SESSION (source), result, &state->error);
  state->done = TRUE;
}

/* Closes @session, letting it write what is pending, and waits for that
 * (failing the test after @timeout_ms). Returns what closing returned;
 * @error says why it failed. */
gboolean
gloss_ui_test_close_session (GlossSession  *session,
                             guint          timeout_ms,
                             GError       **error)
{
  CloseResult state = { FALSE, FALSE, NULL };

  gloss_session_close_async (session, NULL, on_session_closed, &state);
  gloss_ui_test_wait_until (flag_is_set, &state.done, timeout_ms);
  if (state.error != NULL)
    g_propagate_error (error, state.error);

  return state.closed;
}
