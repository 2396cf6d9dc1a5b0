/* gloss-application.c — the application: windows, app-wide actions, first run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>

#include <glib/gi18n.h>
#include <adwaita.h>
#include <glib-unix.h>

#include "gloss-annotator-dialog.h"
#include "gloss-application.h"
#include "gloss-preferences-window.h"
#include "gloss-window.h"
#include "gloss.h"

#define SAMPLE_ARTICLE "harbour-bridge-vote.txt"

struct _GlossApplication
{
  GtkApplication  parent_instance;

  GSettings      *settings;
  GSettings      *interface_settings;  /* the desktop's, for the dark style */
  /* Files waiting for the first-run question to be answered. */
  GPtrArray      *pending_files;
  gboolean        asking_annotator;
};

G_DEFINE_FINAL_TYPE (GlossApplication, gloss_application, GTK_TYPE_APPLICATION)

GlossApplication *
gloss_application_new (void)
{
  return g_object_new (GLOSS_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

GSettings *
gloss_application_get_settings (GlossApplication *self)
{
  g_return_val_if_fail (GLOSS_IS_APPLICATION (self), NULL);
  return self->settings;
}

/* Run from the build tree, the samples are in the source tree; installed,
 * under $datadir/gloss/samples. */
GFile *
gloss_application_dup_sample (void)
{
  g_autofree char *source = g_build_filename (GLOSS_SOURCE_SAMPLES_DIR, SAMPLE_ARTICLE, NULL);
  g_autofree char *installed = g_build_filename (GLOSS_SAMPLES_DIR, SAMPLE_ARTICLE, NULL);

  if (g_file_test (installed, G_FILE_TEST_IS_REGULAR))
    return g_file_new_for_path (installed);

  return g_file_new_for_path (source);
}

char *
gloss_application_dup_annotator_id (GlossApplication *self)
{
  g_autofree char *id = g_settings_get_string (self->settings, "annotator-id");

  if (!gloss_annotator_id_is_valid (id))
    return NULL;

  return g_steal_pointer (&id);
}

static GlossWindow *
find_reusable_window (GlossApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (GLOSS_IS_WINDOW (window) && gloss_window_get_session (GLOSS_WINDOW (window)) == NULL)
    return GLOSS_WINDOW (window);

  return NULL;
}

/* The window already showing @file as its article, if any. */
static GlossWindow *
find_window_showing (GlossApplication *self,
                     GFile            *file)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      GlossSession *session;
      GFile *article;

      if (!GLOSS_IS_WINDOW (l->data))
        continue;

      session = gloss_window_get_session (GLOSS_WINDOW (l->data));
      article = session != NULL ? gloss_document_get_file (gloss_session_get_document (session)) : NULL;
      if (article != NULL && g_file_equal (article, file))
        return GLOSS_WINDOW (l->data);
    }

  return NULL;
}

static void
open_in_window (GlossApplication *self,
                GFile            *file)
{
  GlossWindow *window = find_window_showing (self, file);

  /* Already open: that window, not a second editor of the same file. */
  if (window != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return;
    }

  window = find_reusable_window (self);
  if (window == NULL)
    window = gloss_window_new (self);

  gtk_window_present (GTK_WINDOW (window));
  gloss_window_open (window, file);
}

static void
open_pending (GlossApplication *self)
{
  g_autoptr(GPtrArray) files = g_steal_pointer (&self->pending_files);

  self->pending_files = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; files != NULL && i < files->len; i++)
    open_in_window (self, g_ptr_array_index (files, i));
}

static void
on_annotator_done (GlossApplication *self,
                   gboolean          saved)
{
  self->asking_annotator = FALSE;

  if (!saved && gloss_application_dup_annotator_id (self) == NULL)
    {
      /* Nobody to save as: quit rather than open files that cannot be saved. */
      g_ptr_array_set_size (self->pending_files, 0);
      return;
    }

  open_pending (self);
}

/* Opening waits for an annotator id: the first run asks for one. */
static void
open_files (GlossApplication *self,
            GFile           **files,
            guint             n_files)
{
  g_autofree char *id = NULL;
  GtkWidget *dialog;

  for (guint i = 0; i < n_files; i++)
    g_ptr_array_add (self->pending_files, g_object_ref (files[i]));

  id = gloss_application_dup_annotator_id (self);
  if (id != NULL)
    {
      open_pending (self);
      return;
    }

  if (self->asking_annotator)
    return;

  self->asking_annotator = TRUE;
  dialog = gloss_annotator_dialog_new (NULL, self->settings);
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  g_signal_connect_object (dialog, "done", G_CALLBACK (on_annotator_done), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
gloss_application_activate (GApplication *app)
{
  GlossApplication *self = GLOSS_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_autoptr(GFile) sample = NULL;

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  sample = gloss_application_dup_sample ();
  open_files (self, &sample, 1);
}

static void
gloss_application_open (GApplication  *app,
                        GFile        **files,
                        int            n_files,
                        const char    *hint)
{
  open_files (GLOSS_APPLICATION (app), files, (guint) n_files);
}

static void
on_about (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const char *authors[] = { "The Gloss developers", NULL };

  gtk_show_about_dialog (gtk_application_get_active_window (app),
                         "program-name", _("Gloss"),
                         "logo-icon-name", APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Annotate news articles by hand: claims, quotes and entities, "
                                       "offline, with exact offsets, and nothing ever lost."),
                         "authors", authors,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         NULL);
}

static void
on_preferences (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GlossApplication *self = GLOSS_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *preferences = gloss_preferences_window_new (parent, self->settings);

  gtk_window_present (GTK_WINDOW (preferences));
}

static void
on_quit (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (app));

  /* Closing each window lets it flush its autosave first. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
}

/* SIGTERM (logout, shutdown, kill), SIGINT (Ctrl+C in a terminal), SIGHUP
 * (the terminal closed): there is no time to ask anything, so every
 * unsaved edit is written now, or kept in a recovery copy if its sidecar
 * cannot be written, and the application quits. */
static gboolean
on_quit_signal (gpointer user_data)
{
  GApplication *app = G_APPLICATION (user_data);
  g_autoptr(GPtrArray) failures = gloss_session_flush_all ();
  g_autoptr(GList) windows = NULL;

  for (guint i = 0; i < failures->len; i++)
    g_printerr ("gloss: %s\n", (const char *) g_ptr_array_index (failures, i));

  /* Everything is on disk: the windows go without asking, and with them
   * their sessions and the locks those hold on the sidecars. */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (app)));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (GTK_WINDOW (l->data));

  g_application_quit (app);
  return G_SOURCE_CONTINUE;
}

static void
flush_on_quit_signals (GApplication *app)
{
  static const int quit_signals[] = { SIGTERM, SIGINT, SIGHUP };

  for (guint i = 0; i < G_N_ELEMENTS (quit_signals); i++)
    g_unix_signal_add (quit_signals[i], on_quit_signal, app);
}

static const GActionEntry app_actions[] = {
  { "about", on_about },
  { "preferences", on_preferences },
  { "quit", on_quit },
};

static void
set_accels (GtkApplication *app)
{
  static const struct { const char *action; const char *accels[4]; } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "win.save", { "<Control>s", NULL } },
    { "win.close", { "<Control>w", NULL } },
    { "win.undo", { "<Control>z", NULL } },
    { "win.redo", { "<Control><Shift>z", "<Control>y", NULL } },
    { "win.find", { "<Control>f", NULL } },
    { "win.find-next", { "<Control>g", NULL } },
    { "win.find-previous", { "<Control><Shift>g", NULL } },
    { "win.delete-annotation", { "Delete", NULL } },
    { "win.edit-note", { "F2", NULL } },
    { "win.choose-speaker", { "<Control><Shift>s", NULL } },
    { "win.reattach-orphan", { "<Control>r", NULL } },
    { "win.shift-start('left')", { "<Alt>Left", NULL } },
    { "win.shift-start('right')", { "<Alt>Right", NULL } },
    { "win.shift-end('left')", { "<Alt><Shift>Left", NULL } },
    { "win.shift-end('right')", { "<Alt><Shift>Right", NULL } },
    { "win.next-article", { "<Control>Page_Down", "<Alt>Down", NULL } },
    { "win.previous-article", { "<Control>Page_Up", "<Alt>Up", NULL } },
    { "win.toggle-corpus", { "F9", NULL } },
    { "win.filter-annotations", { "<Control><Shift>f", NULL } },
    { "win.review", { "<Control><Shift>r", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (app, accels[i].action, accels[i].accels);
}

static void
load_css (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (provider, RESOURCE_PREFIX "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

/* Plain GTK 4.8 does not follow the desktop's dark style by itself:
 * read GNOME's color-scheme setting where there is one. */
static void
update_dark_style (GSettings *interface)
{
  g_autofree char *scheme = g_settings_get_string (interface, "color-scheme");

  /* With libadwaita, through its style manager (it warns about the
   * GtkSettings property). */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      g_str_equal (scheme, "prefer-dark")
                                      ? ADW_COLOR_SCHEME_PREFER_DARK : ADW_COLOR_SCHEME_DEFAULT);
}

static void
follow_dark_style (GlossApplication *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, "org.gnome.desktop.interface", TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "color-scheme"))
    return;

  self->interface_settings = g_settings_new ("org.gnome.desktop.interface");
  g_signal_connect (self->interface_settings, "changed::color-scheme",
                    G_CALLBACK (update_dark_style), NULL);
  update_dark_style (self->interface_settings);
}

static void
gloss_application_startup (GApplication *app)
{
  G_APPLICATION_CLASS (gloss_application_parent_class)->startup (app);
  adw_init ();   /* AdwMessageDialog: the close-with-unsaved-work question */

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  set_accels (GTK_APPLICATION (app));
  load_css ();
  follow_dark_style (GLOSS_APPLICATION (app));
  gtk_window_set_default_icon_name (APP_ID);
  flush_on_quit_signals (app);
}

static void
gloss_application_finalize (GObject *object)
{
  GlossApplication *self = (GlossApplication *)object;

  g_clear_object (&self->settings);
  g_clear_object (&self->interface_settings);
  g_clear_pointer (&self->pending_files, g_ptr_array_unref);

  G_OBJECT_CLASS (gloss_application_parent_class)->finalize (object);
}

static void
gloss_application_class_init (GlossApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = gloss_application_finalize;
  app_class->startup = gloss_application_startup;
  app_class->activate = gloss_application_activate;
  app_class->open = gloss_application_open;
}

static void
gloss_application_init (GlossApplication *self)
{
  self->settings = g_settings_new (APP_ID);
  self->pending_files = g_ptr_array_new_with_free_func (g_object_unref);
}
