/* gloss-welcome-page.c — what a window shows before any article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <adwaita.h>

#include "gloss-welcome-page-private.h"
#include "gloss.h"

/* Enough to find this week's work; the file chooser has the rest. */
#define MAX_RECENT 8

struct _GlossWelcomePage
{
  GtkWidget         parent_instance;

  GtkRecentManager *recent_manager;
  guint             n_recent;
  char             *shown;   /* the URIs listed, for telling a change */

  AdwStatusPage    *status_page;
  GtkButton        *open_button;
  GtkButton        *open_folder_button;
  GtkButton        *sample_button;
  GtkWidget        *recent_box;
  GtkListBox       *recent_list;
};

G_DEFINE_FINAL_TYPE (GlossWelcomePage, gloss_welcome_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_RECENT_MANAGER,
  N_PROPS
};

enum {
  OPEN_FILE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Recent items
 * ------------------------------------------------------------------------ */

typedef struct
{
  GFile     *file;
  gboolean   is_folder;
  GDateTime *modified;
} RecentItem;

static void
recent_item_free (RecentItem *item)
{
  g_clear_object (&item->file);
  g_clear_pointer (&item->modified, g_date_time_unref);
  g_free (item);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const RecentItem *item_a = *(RecentItem * const *) a;
  const RecentItem *item_b = *(RecentItem * const *) b;

  return g_date_time_compare (item_b->modified, item_a->modified);
}

/* An article or a folder that this app opened (the window adds each to
 * the recent manager) and that is still there; anything else, NULL. */
static RecentItem *
recent_item_new (GtkRecentInfo *info)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *basename = NULL;
  const char *path;
  RecentItem *item;
  gboolean is_folder;

  /* GtkRecentManager records the application name, which is the program
   * name unless one is set (and then perhaps translated): either is ours. */
  if (!(gtk_recent_info_has_application (info, g_get_application_name ())
        || gtk_recent_info_has_application (info, g_get_prgname ()))
      || !gtk_recent_info_is_local (info))
    return NULL;

  file = g_file_new_for_uri (gtk_recent_info_get_uri (info));
  path = g_file_peek_path (file);
  if (path == NULL)
    return NULL;

  basename = g_file_get_basename (file);
  is_folder = g_file_test (path, G_FILE_TEST_IS_DIR);
  if (!is_folder && !(gloss_corpus_is_article_name (basename)
                      && g_file_test (path, G_FILE_TEST_IS_REGULAR)))
    return NULL;

  item = g_new0 (RecentItem, 1);
  item->file = g_steal_pointer (&file);
  item->is_folder = is_folder;
  item->modified = g_date_time_ref (gtk_recent_info_get_modified (info));
  return item;
}

/* "~/news/2024" rather than "/home/ana/news/2024". */
static char *
describe_folder (GFile *file)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *path = NULL;
  const char *home = g_get_home_dir ();
  size_t home_len = strlen (home);

  if (parent == NULL)
    return g_strdup ("");

  path = g_filename_display_name (g_file_peek_path (parent));
  if (home_len > 1 && g_str_has_prefix (path, home)
      && (path[home_len] == '/' || path[home_len] == '\0'))
    return g_strconcat ("~", path + home_len, NULL);

  return g_steal_pointer (&path);
}

static GtkWidget *
make_recent_row (RecentItem *item)
{
  g_autofree char *name = g_file_get_basename (item->file);
  g_autofree char *display = g_filename_display_name (name);
  g_autofree char *where = describe_folder (item->file);
  GtkWidget *row = adw_action_row_new ();

  /* File names are text, never markup ("R&D.txt"). */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), display);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), where);
  adw_action_row_set_icon_name (ADW_ACTION_ROW (row),
                                item->is_folder ? "folder-symbolic" : "text-x-generic-symbolic");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, g_file_peek_path (item->file));
  g_object_set_data_full (G_OBJECT (row), "gloss-file", g_object_ref (item->file), g_object_unref);

  return row;
}

static void
clear_recent_rows (GlossWelcomePage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);
}

/* One suggested button: the sample on the first day, Open a File… once
 * there is work of one's own to come back to. */
static void
update_suggested (GlossWelcomePage *self)
{
  GtkWidget *suggested = self->n_recent == 0 ? GTK_WIDGET (self->sample_button)
                                             : GTK_WIDGET (self->open_button);
  GtkWidget *other = self->n_recent == 0 ? GTK_WIDGET (self->open_button)
                                         : GTK_WIDGET (self->sample_button);

  gtk_widget_add_css_class (suggested, "suggested-action");
  gtk_widget_remove_css_class (other, "suggested-action");
}

static char *
describe_items (GPtrArray *items)
{
  GString *uris = g_string_new (NULL);

  for (guint i = 0; i < items->len; i++)
    {
      RecentItem *item = g_ptr_array_index (items, i);
      g_autofree char *uri = g_file_get_uri (item->file);

      g_string_append_printf (uris, "%s%s\n", item->is_folder ? "folder " : "", uri);
    }

  return g_string_free (uris, FALSE);
}

static void
rebuild_recent (GlossWelcomePage *self)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) recent_item_free);
  GList *infos = gtk_recent_manager_get_items (self->recent_manager);
  g_autofree char *shown = NULL;

  for (GList *l = infos; l != NULL; l = l->next)
    {
      RecentItem *item = recent_item_new (l->data);

      if (item != NULL)
        g_ptr_array_add (items, item);
    }
  g_list_free_full (infos, (GDestroyNotify) gtk_recent_info_unref);

  g_ptr_array_sort (items, compare_newest_first);
  g_ptr_array_set_size (items, MIN (items->len, MAX_RECENT));

  /* The manager tells of every app's files: the rows stay, and the focus
   * on one of them, unless what this page lists has changed. */
  shown = describe_items (items);
  if (g_strcmp0 (shown, self->shown) == 0)
    return;
  g_free (self->shown);
  self->shown = g_steal_pointer (&shown);

  clear_recent_rows (self);
  self->n_recent = items->len;
  for (guint i = 0; i < self->n_recent; i++)
    gtk_list_box_append (self->recent_list, make_recent_row (g_ptr_array_index (items, i)));

  gtk_widget_set_visible (self->recent_box, self->n_recent > 0);
  update_suggested (self);
}

static void
on_recent_activated (GlossWelcomePage *self,
                     GtkListBoxRow    *row)
{
  GFile *file = g_object_get_data (G_OBJECT (row), "gloss-file");

  if (file != NULL)
    g_signal_emit (self, signals[OPEN_FILE], 0, file);
}

/* Alt+R: the list box itself takes no focus; its first row does. */
static gboolean
on_recent_mnemonic (GlossWelcomePage *self,
                    gboolean          group_cycling)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->recent_list, 0);

  if (first == NULL)
    return FALSE;

  gtk_widget_grab_focus (GTK_WIDGET (first));
  return TRUE;
}

/* The application of the window the page is in, or the process's. */
static GApplication *
find_application (GtkWidget *widget)
{
  GtkRoot *root = widget != NULL ? gtk_widget_get_root (widget) : NULL;
  GtkApplication *app = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;

  return app != NULL ? G_APPLICATION (app) : g_application_get_default ();
}

/* As if given on the command line: the application finds the window
 * already showing it, or one with nothing open, and asks for an annotator
 * id first if there is none yet. */
static void
open_with_application (GApplication *app,
                       GFile        *file)
{
  if (app == NULL)
    {
      g_warning ("No application to open %s with", g_file_peek_path (file));
      return;
    }

  g_application_open (app, &file, 1, "");
}

static void
open_file_default (GlossWelcomePage *self,
                   GFile            *file)
{
  open_with_application (find_application (GTK_WIDGET (self)), file);
}

/* Try the Sample
 * ------------------------------------------------------------------------ */

typedef struct
{
  GtkWindow               *parent;   /* owned */
  GApplication            *app;      /* owned, held */
  GlossWelcomePageTryDone  done;
  gpointer                 user_data;
} TryData;

static void
try_data_free (TryData *data)
{
  if (data->app != NULL)
    g_application_release (data->app);
  g_clear_object (&data->app);
  g_clear_object (&data->parent);
  g_free (data);
}

static void
show_try_error (GtkWindow    *parent,
                const GError *error)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (parent, _("The Sample Could Not Be Opened"), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_sample_copied (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  TryData *data = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) copy = gloss_sample_copy_finish (result, NULL, &error);

  if (copy == NULL)
    show_try_error (data->parent, error);
  else
    open_with_application (data->app, copy);

  if (data->done != NULL)
    data->done (copy, data->user_data);

  try_data_free (data);
}

void
gloss_welcome_page_try_sample_full (GtkWindow               *parent,
                                    const char              *samples_folder,
                                    const char              *destination,
                                    GlossWelcomePageTryDone  done,
                                    gpointer                 user_data)
{
  TryData *data;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (samples_folder != NULL);
  g_return_if_fail (destination != NULL);

  data = g_new0 (TryData, 1);
  data->parent = parent != NULL ? g_object_ref (parent) : NULL;
  data->app = find_application (GTK_WIDGET (parent));
  data->done = done;
  data->user_data = user_data;
  /* The application stays while the copy is made, whatever closes. */
  if (data->app != NULL)
    {
      g_object_ref (data->app);
      g_application_hold (data->app);
    }

  gloss_sample_copy_async (samples_folder, destination, NULL, on_sample_copied, data);
}

void
gloss_welcome_page_try_sample (GtkWindow *parent)
{
  g_autofree char *samples = gloss_sample_dup_installed_folder ();
  g_autofree char *destination = gloss_sample_dup_default_destination ();

  gloss_welcome_page_try_sample_full (parent, samples, destination, NULL, NULL);
}

static void
on_page_try_done (GFile    *copy,
                  gpointer  user_data)
{
  g_autoptr(GtkWidget) page = user_data;

  gtk_widget_action_set_enabled (page, "welcome.try-sample", TRUE);
}

/* Greyed out while the copy is made: a second press would only open the
 * same copy twice. */
static void
try_sample_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *samples = gloss_sample_dup_installed_folder ();
  g_autofree char *destination = gloss_sample_dup_default_destination ();

  gtk_widget_action_set_enabled (widget, "welcome.try-sample", FALSE);
  gloss_welcome_page_try_sample_full (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                      samples, destination,
                                      on_page_try_done, g_object_ref (widget));
}

/* Life cycle
 * ------------------------------------------------------------------------ */

static void
set_recent_manager (GlossWelcomePage *self,
                    GtkRecentManager *manager)
{
  if (manager == NULL)
    manager = gtk_recent_manager_get_default ();

  if (self->recent_manager == manager)
    return;

  if (self->recent_manager != NULL)
    g_signal_handlers_disconnect_by_func (self->recent_manager, rebuild_recent, self);
  g_set_object (&self->recent_manager, manager);
  g_signal_connect_object (manager, "changed", G_CALLBACK (rebuild_recent), self,
                           G_CONNECT_SWAPPED);
  rebuild_recent (self);
}

GtkWidget *
gloss_welcome_page_new (void)
{
  return g_object_new (GLOSS_TYPE_WELCOME_PAGE, NULL);
}

guint
gloss_welcome_page_get_n_recent (GlossWelcomePage *self)
{
  g_return_val_if_fail (GLOSS_IS_WELCOME_PAGE (self), 0);
  return self->n_recent;
}

GtkListBox *
gloss_welcome_page_get_recent_list (GlossWelcomePage *self)
{
  g_return_val_if_fail (GLOSS_IS_WELCOME_PAGE (self), NULL);
  return self->recent_list;
}

static void
gloss_welcome_page_constructed (GObject *object)
{
  GlossWelcomePage *self = GLOSS_WELCOME_PAGE (object);

  G_OBJECT_CLASS (gloss_welcome_page_parent_class)->constructed (object);

  if (self->recent_manager == NULL)
    set_recent_manager (self, NULL);
}

static void
gloss_welcome_page_dispose (GObject *object)
{
  GlossWelcomePage *self = GLOSS_WELCOME_PAGE (object);

  if (self->recent_manager != NULL)
    g_signal_handlers_disconnect_by_func (self->recent_manager, rebuild_recent, self);
  g_clear_object (&self->recent_manager);
  g_clear_pointer (&self->shown, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (object), GLOSS_TYPE_WELCOME_PAGE);

  G_OBJECT_CLASS (gloss_welcome_page_parent_class)->dispose (object);
}

static void
gloss_welcome_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  GlossWelcomePage *self = GLOSS_WELCOME_PAGE (object);

  switch (prop_id)
    {
    case PROP_RECENT_MANAGER:
      g_value_set_object (value, self->recent_manager);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_welcome_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  GlossWelcomePage *self = GLOSS_WELCOME_PAGE (object);

  switch (prop_id)
    {
    case PROP_RECENT_MANAGER:
      set_recent_manager (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_welcome_page_class_init (GlossWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = gloss_welcome_page_constructed;
  object_class->dispose = gloss_welcome_page_dispose;
  object_class->get_property = gloss_welcome_page_get_property;
  object_class->set_property = gloss_welcome_page_set_property;

  properties[PROP_RECENT_MANAGER] =
    g_param_spec_object ("recent-manager", NULL, NULL, GTK_TYPE_RECENT_MANAGER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[OPEN_FILE] =
    g_signal_new_class_handler ("open-file", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                G_CALLBACK (open_file_default), NULL, NULL, NULL,
                                G_TYPE_NONE, 1, G_TYPE_FILE);

  /* The page's own action, so the button works in any window; the
   * application may offer gloss_welcome_page_try_sample() in a menu too. */
  gtk_widget_class_install_action (widget_class, "welcome.try-sample", NULL, try_sample_action);

  g_type_ensure (ADW_TYPE_STATUS_PAGE);
  g_type_ensure (ADW_TYPE_CLAMP);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/gloss-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossWelcomePage, status_page);
  gtk_widget_class_bind_template_child (widget_class, GlossWelcomePage, open_button);
  gtk_widget_class_bind_template_child (widget_class, GlossWelcomePage, open_folder_button);
  gtk_widget_class_bind_template_child (widget_class, GlossWelcomePage, sample_button);
  gtk_widget_class_bind_template_child (widget_class, GlossWelcomePage, recent_box);
  gtk_widget_class_bind_template_child (widget_class, GlossWelcomePage, recent_list);
  gtk_widget_class_bind_template_callback (widget_class, on_recent_activated);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
gloss_welcome_page_init (GlossWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  adw_status_page_set_icon_name (self->status_page, APP_ID);
  g_signal_connect_object (self->recent_list, "mnemonic-activate",
                           G_CALLBACK (on_recent_mnemonic), self, G_CONNECT_SWAPPED);
}
