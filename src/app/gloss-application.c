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

/* The project's site and tracker (metainfo says the same). */
#define GLOSS_WEBSITE "https://glossapp.github.io"
#define GLOSS_ISSUE_URL "https://github.com/glossapp/gloss/issues"
#define GLOSS_HELP_URI "help:gloss"

struct _GlossApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  /* "annotator-id" as last read, valid or NULL: the window's subtitle asks
   * at every change of the save state, and a GSettings read each time
   * showed in the label key's profile. */
  char           *annotator_id;
  /* Files waiting for the first-run question to be answered. */
  GPtrArray      *pending_files;
  gboolean        asking_annotator;
};

G_DEFINE_FINAL_TYPE (GlossApplication, gloss_application, ADW_TYPE_APPLICATION)

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

char *
gloss_application_dup_annotator_id (GlossApplication *self)
{
  return g_strdup (self->annotator_id);
}

static void
on_annotator_id_changed (GlossApplication *self)
{
  g_autofree char *id = self->settings != NULL ? g_settings_get_string (self->settings, "annotator-id") : NULL;

  g_clear_pointer (&self->annotator_id, g_free);
  if (gloss_annotator_id_is_valid (id))
    self->annotator_id = g_steal_pointer (&id);
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

  /* Opening first: a new window is then shown with its article's page,
   * never building the welcome page. */
  gloss_window_open (window, file);
  gtk_window_present (GTK_WINDOW (window));
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

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  /* From the app grid: the welcome page (open, recent, Try the Sample),
   * never the installed sample, which is read-only for a normal user and
   * inside Flatpak. The first run still asks who is annotating. */
  gtk_window_present (GTK_WINDOW (gloss_window_new (self)));
  open_files (self, NULL, 0);
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
  static const char *developers[] = { "The Gloss developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-name", _("Gloss"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Gloss developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Annotate news articles by hand: claims, quotes and entities, "
                                      "offline, with exact offsets, and nothing ever lost."),
                        "website", GLOSS_WEBSITE,
                        "issue-url", GLOSS_ISSUE_URL,
                        "developers", developers,
                        /* Translators: your names, one a line, as you want them
                         * credited in the About window. */
                        "translator-credits", _("translator-credits"),
                        "license-type", GTK_LICENSE_GPL_3_0,   /* GPL-3.0-or-later */
                        "copyright", "© The Gloss developers",
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
on_help_shown (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GtkWindow) parent = user_data;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  if (gtk_show_uri_full_finish (parent, result, &error)
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* No help browser (Yelp), or the guide is not installed: say so rather
   * than nothing happening on F1. */
  dialog = adw_message_dialog_new (parent, _("The User Guide Could Not Be Opened"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  /* Translators: %s says what went wrong, in the system's words. */
                                  _("Showing the guide needs a help browser such as Yelp (the system says: %s)."),
                                  error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* F1: the Mallard guide installed under the "gloss" help id (help/). */
static void
on_help (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  gtk_show_uri_full (parent, GLOSS_HELP_URI, GDK_CURRENT_TIME, NULL,
                     on_help_shown, parent != NULL ? g_object_ref (parent) : NULL);
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

/* The shortcuts window (Ctrl+?), built the first time it is asked for.
 * GtkApplication would build one from <resource-base-path>/gtk/help-overlay.ui
 * for every window as it is added, some 9 ms before the first frame (a
 * GtkShortcutsWindow of all our shortcuts): the file is in the resources
 * under another name, and each application window gets this action instead
 * (gtk_application_window_set_help_overlay() then keeps it). */
static void
on_show_help_overlay (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (user_data);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource (RESOURCE_PREFIX "/gloss-shortcuts-window.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (window, overlay);
    }

  gtk_window_present (GTK_WINDOW (overlay));
}

static void
gloss_application_window_added (GtkApplication *app,
                                GtkWindow      *window)
{
  GTK_APPLICATION_CLASS (gloss_application_parent_class)->window_added (app, window);

  if (GTK_IS_APPLICATION_WINDOW (window)
      && g_action_map_lookup_action (G_ACTION_MAP (window), "show-help-overlay") == NULL)
    {
      g_autoptr(GSimpleAction) action = g_simple_action_new ("show-help-overlay", NULL);

      g_signal_connect_object (action, "activate", G_CALLBACK (on_show_help_overlay), window, 0);
      g_action_map_add_action (G_ACTION_MAP (window), G_ACTION (action));
    }
}

static const GActionEntry app_actions[] = {
  { "about", on_about },
  { "help", on_help },
  { "preferences", on_preferences },
  { "quit", on_quit },
};

static void
set_accels (GtkApplication *app)
{
  static const struct { const char *action; const char *accels[4]; } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "app.help", { "F1", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
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
    { "win.edit-attributes", { "<Control>e", NULL } },
    { "win.choose-speaker", { "<Control><Shift>s", NULL } },
    { "win.mark-relation-source", { "<Control>k", NULL } },
    { "win.show-relations", { "<Control><Shift>k", NULL } },
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
    { "win.toggle-done", { "<Control>d", NULL } },
    { "win.article-labels", { "<Control>l", NULL } },
    { "win.next-suggestion", { "F8", NULL } },
    { "win.previous-suggestion", { "<Shift>F8", NULL } },
    { "win.accept-suggestion", { "<Control>Return", "<Control>KP_Enter", NULL } },
    { "win.reject-suggestion", { "<Control>Delete", NULL } },
    { "win.show-suggestions", { "<Control>j", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (app, accels[i].action, accels[i].accels);
}

static void
gloss_application_startup (GApplication *app)
{
  /* AdwApplication initialises libadwaita, follows the desktop's dark and
   * high-contrast styles through AdwStyleManager (the settings portal
   * inside Flatpak) and loads style.css (and style-dark.css,
   * style-hc.css where they exist) from the resource base path. */
  G_APPLICATION_CLASS (gloss_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  set_accels (GTK_APPLICATION (app));
  gtk_window_set_default_icon_name (APP_ID);
  flush_on_quit_signals (app);
}

static void
gloss_application_finalize (GObject *object)
{
  GlossApplication *self = (GlossApplication *)object;

  g_clear_object (&self->settings);
  g_clear_pointer (&self->annotator_id, g_free);
  g_clear_pointer (&self->pending_files, g_ptr_array_unref);

  G_OBJECT_CLASS (gloss_application_parent_class)->finalize (object);
}

/* Options handled here, before any window: --version. --help is GLib's. */
static const GOptionEntry local_options[] = {
  { "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and exit"), NULL },
  { NULL }
};

static int
gloss_application_handle_local_options (GApplication *app,
                                        GVariantDict *options)
{
  GlossApplication *self = GLOSS_APPLICATION (app);

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("gloss %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  /* Without its schema GSettings aborts the program: say what to do. */
  if (self->settings == NULL)
    {
      g_printerr (_("gloss: the settings schema %s is not installed.\n"
                    "Install Gloss (“meson install”), or run it from its build folder "
                    "with “meson devenv -C BUILDDIR gloss”, or set GSETTINGS_SCHEMA_DIR "
                    "to a folder holding the compiled schema.\n"),
                  APP_ID);
      return EXIT_FAILURE;
    }

  return -1;
}

/* The settings, if their schema is installed (or found through
 * GSETTINGS_SCHEMA_DIR, as main() arranges from the build tree). */
static GSettings *
new_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    return NULL;

  return g_settings_new_full (schema, NULL, NULL);
}

static void
gloss_application_class_init (GlossApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);
  GtkApplicationClass *gtk_app_class = GTK_APPLICATION_CLASS (klass);

  object_class->finalize = gloss_application_finalize;
  app_class->startup = gloss_application_startup;
  app_class->activate = gloss_application_activate;
  app_class->open = gloss_application_open;
  app_class->handle_local_options = gloss_application_handle_local_options;
  gtk_app_class->window_added = gloss_application_window_added;
}

static void
gloss_application_init (GlossApplication *self)
{
  GApplication *app = G_APPLICATION (self);

  self->settings = new_settings ();
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::annotator-id",
                             G_CALLBACK (on_annotator_id_changed), self, G_CONNECT_SWAPPED);
  on_annotator_id_changed (self);
  self->pending_files = g_ptr_array_new_with_free_func (g_object_unref);

  g_application_add_main_option_entries (app, local_options);
  /* Translators: what gloss takes on its command line, in “gloss --help”;
   * FILE and FOLDER are named again in the summary below. */
  g_application_set_option_context_parameter_string (app, _("[FILE|FOLDER]"));
  g_application_set_option_context_summary (app,
    _("Annotate news articles by hand: claims, quotes and entities, with exact "
      "offsets, saved as JSON files beside each article. Opens FILE, or the "
      "articles of FOLDER one after another; with neither, a welcome page. "
      "An instance already running opens them in its own windows."));
}
