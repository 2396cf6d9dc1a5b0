/* gloss-window.c — the main window
 *
 * The window is glue: it opens sessions and shows them in the article
 * view, the sidebars and the label bar, follows the current session (its
 * save state, changes on disk, read-only reasons) into the title, the
 * banner and toasts, and keeps the article and the sidebar on the same
 * annotation.
 *
 * What the session says is shown two ways. A state that stands until it
 * is resolved — changed on disk (Reload), read-only (Take Over), not
 * saved, unreadable — is the banner under the header: a revealer, since
 * GtkInfoBar is deprecated after GTK 4.8 and libadwaita 1.2 has no
 * AdwBanner. Passing news — reloaded, their version kept beside ours,
 * the article opened again — is an AdwToast, which goes away by itself.
 *
 * With no article the window shows the welcome page (Open a File…, Open
 * a Folder…, Try the Sample, the recent ones); the sidebars are AdwFlaps, beside the article on a wide
 * window and folded over it on a narrow one (down to 360 px).
 * Its actions are in gloss-window-actions.c, ending a session (closing,
 * switching article, unsaved edits) in gloss-window-ending.c; what they
 * share is in gloss-window-private.h. Nothing here reads or writes files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "gloss-article-labels.h"
#include "gloss-welcome-page.h"
#include "gloss-window-private.h"

G_DEFINE_FINAL_TYPE (GlossWindow, gloss_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void open_article (GlossWindow *self, GFile *article);

/* Shared helpers (gloss-window-private.h) and the banner
 * ------------------------------------------------------------------------ */

GlossAnnotationSet *
gloss_window_get_current_set (GlossWindow *self)
{
  return self->session != NULL ? gloss_session_get_annotations (self->session) : NULL;
}

GlossAnnotation *
gloss_window_get_selected_annotation (GlossWindow *self)
{
  return gloss_article_view_get_selected_annotation (self->article_view);
}

char *
gloss_window_dup_annotator_id (GlossWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  char *id = NULL;

  if (GLOSS_IS_APPLICATION (app))
    id = gloss_application_dup_annotator_id (GLOSS_APPLICATION (app));

  return id != NULL ? id : g_strdup ("annotator");
}

static void
show_banner (GlossWindow       *self,
             GlossWindowBanner  kind,
             const char        *icon_name,
             const char        *message)
{
  self->banner_kind = kind;
  self->banner_is_error = FALSE;
  gtk_image_set_from_icon_name (self->banner_icon, icon_name);
  gtk_label_set_text (self->banner_label, message);
  gtk_widget_set_visible (self->reload_button, kind == GLOSS_WINDOW_BANNER_EXTERNAL_CHANGE);
  gtk_widget_set_visible (self->take_over_button,
                          kind == GLOSS_WINDOW_BANNER_READ_ONLY && self->session != NULL
                          && gloss_session_can_take_over (self->session));
  gtk_revealer_set_reveal_child (self->banner, TRUE);
}

static void
hide_banner (GlossWindow *self)
{
  self->banner_kind = GLOSS_WINDOW_BANNER_NONE;
  self->banner_is_error = FALSE;
  gtk_revealer_set_reveal_child (self->banner, FALSE);
}

void
gloss_window_show_error (GlossWindow *self,
                         const char  *message)
{
  show_banner (self, GLOSS_WINDOW_BANNER_INFO, "dialog-error-symbolic", message);
  self->banner_is_error = TRUE;
}

void
gloss_window_show_toast (GlossWindow *self,
                         const char  *message)
{
  /* libadwaita 1.2 reads a toast's title as markup: file names and
   * reasons may hold "&" or "<". */
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  /* Read at leisure: these name files. */
  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
on_reloaded (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GlossWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = gloss_session_reload_finish (GLOSS_SESSION (object), result, &error);

  /* Closed, reloaded again, or another article by now: nothing to say. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || self->session != GLOSS_SESSION (object))
    return;

  if (!ok)
    {
      gloss_window_show_error (self, error->message);
      return;
    }

  hide_banner (self);
  gloss_window_show_toast (self, _("Reloaded the annotations from disk"));
}

static void
on_reload_clicked (GlossWindow *self)
{
  if (self->session == NULL)
    return;

  /* Edits made since the question came up: reloading would drop them.
   * Saving keeps the other version beside ours instead, and says so. */
  if (gloss_session_has_unsaved_changes (self->session))
    {
      gloss_session_save (self->session);
      hide_banner (self);
      return;
    }

  /* Read in a worker thread: a large sidecar does not stall the window. */
  gloss_session_reload_async (self->session, NULL, on_reloaded, g_object_ref (self));
}

static void
on_take_over_clicked (GlossWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->session == NULL)
    return;

  if (!gloss_session_take_over (self->session, &error))
    {
      gloss_window_show_error (self, error->message);
      return;
    }

  hide_banner (self);
}

/* Dismissed: the state it told of may stand (read-only), but the
 * subtitle still says so and the editing actions stay greyed out. */
static void
on_banner_close_clicked (GlossWindow *self)
{
  hide_banner (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->article_view));
}

/* Title and save state
 * ------------------------------------------------------------------------ */

static const char *
describe_save_state (GlossSession *session)
{
  switch (gloss_session_get_save_state (session))
    {
    case GLOSS_SAVE_STATE_SAVED:
      return _("All changes saved");
    case GLOSS_SAVE_STATE_PENDING:
      return _("Unsaved changes");
    case GLOSS_SAVE_STATE_SAVING:
      return _("Saving…");
    case GLOSS_SAVE_STATE_ERROR:
      return _("Not saved — see the message above");
    case GLOSS_SAVE_STATE_READ_ONLY:
      return _("Read-only");
    default:
      return "";
    }
}

void
gloss_window_update_subtitle (GlossWindow *self)
{
  g_autofree char *text = NULL;
  g_autofree char *id = gloss_window_dup_annotator_id (self);

  if (self->session == NULL)
    {
      adw_window_title_set_subtitle (self->window_title, NULL);
      return;
    }

  if (gloss_session_get_done (self->session))
    /* Translators: "as ANNOTATOR-ID — done — SAVE STATE" under the article
     * name, once the annotator marked the article done (Ctrl+D) */
    text = g_strdup_printf (_("as %s — done — %s"), id, describe_save_state (self->session));
  else
    /* Translators: "as ANNOTATOR-ID — SAVE STATE" under the article name */
    text = g_strdup_printf (_("as %s — %s"), id, describe_save_state (self->session));
  adw_window_title_set_subtitle (self->window_title, text);
}

static void
on_save_state_changed (GlossWindow *self)
{
  GlossSaveState state = gloss_session_get_save_state (self->session);

  gloss_window_update_subtitle (self);
  gloss_window_update_actions (self);

  if (state == GLOSS_SAVE_STATE_ERROR)
    {
      g_autofree char *message =
        g_strdup_printf (_("Your annotations could not be saved: %s. "
                           "They are kept in memory; Gloss tries again after your next change."),
                         gloss_session_get_save_error (self->session));
      gloss_window_show_error (self, message);
    }
  else if (state == GLOSS_SAVE_STATE_SAVED && self->banner_kind == GLOSS_WINDOW_BANNER_INFO
           && self->banner_is_error
           && gloss_session_get_save_error (self->session) == NULL)
    hide_banner (self);
}

/* The welcome page is made the first time it is to be shown, as the window
 * is mapped with nothing to open or when its article is closed: a window
 * opened on an article never needs it, and its template and list of recent
 * files would delay that article's first frame. */
static void
ensure_welcome_page (GlossWindow *self)
{
  if (gtk_stack_get_child_by_name (self->content_stack, "empty") == NULL)
    gtk_stack_add_named (self->content_stack, gloss_welcome_page_new (), "empty");
}

/* The article's page while one is open or opening; the welcome page
 * otherwise, once the window is shown (gloss_window_map()). */
static void
update_page (GlossWindow *self)
{
  /* Between two articles (next_article is taken just after the session
   * is dropped), the article's page stays: going through the welcome
   * page made it, and unmapped and mapped the whole article page again. */
  gboolean article = self->session != NULL || self->opening != NULL || self->next_article != NULL;

  if (!article)
    {
      if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
        return;
      ensure_welcome_page (self);
    }

  gtk_stack_set_visible_child_name (self->content_stack, article ? "article" : "empty");
}

/* The main menu's popover, with a widget for every item, is built the first
 * time the menu opens (a click, F10), not with the window. */
static void
create_primary_menu (GtkMenuButton *button,
                     gpointer       user_data)
{
  GObject *menu = gtk_widget_get_template_child (GTK_WIDGET (user_data), GLOSS_TYPE_WINDOW,
                                                 "primary_menu");

  gtk_menu_button_set_create_popup_func (button, NULL, NULL, NULL);
  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
}

/* The list of recent files
 *
 * GtkRecentManager reads the whole of recently-used.xbel when it is first
 * used (some 2 ms for 600 entries): a window opened on a file at start-up
 * adds it once its first frame is painted. */

#define PENDING_RECENT "gloss-pending-recent-uri"

static void
on_first_frame_painted (GdkFrameClock *clock,
                        GlossWindow   *self)
{
  g_autofree char *uri = g_object_steal_data (G_OBJECT (self), PENDING_RECENT);

  g_signal_handlers_disconnect_by_func (clock, on_first_frame_painted, self);
  if (uri != NULL)
    gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
}

static void
add_to_recent (GlossWindow *self,
               GFile       *file)
{
  g_autofree char *uri = g_file_get_uri (file);

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
  else
    g_object_set_data_full (G_OBJECT (self), PENDING_RECENT, g_steal_pointer (&uri), g_free);
}

static void
gloss_window_map (GtkWidget *widget)
{
  GlossWindow *self = GLOSS_WINDOW (widget);

  if (self->session == NULL && self->opening == NULL)
    {
      ensure_welcome_page (self);
      gtk_stack_set_visible_child_name (self->content_stack, "empty");
    }

  GTK_WIDGET_CLASS (gloss_window_parent_class)->map (widget);

  if (g_object_get_data (G_OBJECT (self), PENDING_RECENT) != NULL)
    g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                             G_CALLBACK (on_first_frame_painted), self, 0);
}

static void
update_title (GlossWindow *self)
{
  g_autofree char *name = NULL;

  if (self->article == NULL)
    {
      adw_window_title_set_title (self->window_title, _("Gloss"));
      gtk_window_set_title (GTK_WINDOW (self), _("Gloss"));
      return;
    }

  name = g_file_get_basename (self->article);
  adw_window_title_set_title (self->window_title, name);
  gtk_window_set_title (GTK_WINDOW (self), name);
}

/* Session life
 * ------------------------------------------------------------------------ */

static void
on_external_change (GlossWindow *self)
{
  /* Settled (saved over with their version kept, or reloaded): the
   * question no longer stands. */
  if (!gloss_session_get_external_change (self->session))
    {
      if (self->banner_kind == GLOSS_WINDOW_BANNER_EXTERNAL_CHANGE)
        hide_banner (self);
      return;
    }

  show_banner (self, GLOSS_WINDOW_BANNER_EXTERNAL_CHANGE, "view-refresh-symbolic",
               _("Your annotation file was changed on disk by someone else "
                 "(a git pull, a colleague). Reload it to see their version."));
}

static void
on_conflict_kept (GlossWindow *self,
                  GFile       *other)
{
  g_autofree char *name = g_file_get_basename (other);
  g_autofree char *message =
    g_strdup_printf (_("Your annotation file was changed on disk while you had unsaved "
                       "changes. Yours are saved; the other version is kept beside it as “%s”."),
                     name);

  gloss_window_show_toast (self, message);
}

/* What the load found: a failed or newer sidecar, or re-anchoring. */
static void
report_load_problems (GlossWindow *self)
{
  GlossSidecar *sidecar = gloss_session_get_sidecar (self->session);
  GPtrArray *problems = gloss_sidecar_get_problems (sidecar);
  const GlossProblem *first_error = NULL;
  const GlossProblem *info = NULL;

  for (guint i = 0; i < problems->len; i++)
    {
      const GlossProblem *problem = g_ptr_array_index (problems, i);

      if (problem->severity == GLOSS_SEVERITY_ERROR && first_error == NULL)
        first_error = problem;
      else if (problem->severity == GLOSS_SEVERITY_INFO && info == NULL)
        info = problem;
    }

  if (first_error != NULL)
    {
      g_autofree char *where = gloss_problem_to_string (first_error);
      guint n = gloss_sidecar_count_problems (sidecar, GLOSS_SEVERITY_ERROR);
      g_autofree char *message = NULL;

      if (n == 1)
        message = g_strdup_printf (_("Your annotation file could not be read, so this article is "
                                     "open read-only and the file will not be touched. %s"),
                                   where);
      else
        /* n > 1 here, but languages have several plural forms above one. */
        message = g_strdup_printf (ngettext ("Your annotation file could not be read (%u problem), so this "
                                             "article is open read-only and the file will not be touched. "
                                             "The first: %s — run “gloss-cli validate” for all of them.",
                                             "Your annotation file could not be read (%u problems), so this "
                                             "article is open read-only and the file will not be touched. "
                                             "The first: %s — run “gloss-cli validate” for all of them.",
                                             n),
                                   n, where);
      gloss_window_show_error (self, message);
    }
  else if (gloss_sidecar_get_state (sidecar) == GLOSS_SIDECAR_STATE_NEWER)
    show_banner (self, GLOSS_WINDOW_BANNER_INFO, "dialog-warning-symbolic",
                 _("Your annotation file was written by a newer version of Gloss. "
                   "It is open read-only so nothing in it is lost."));
  else if (gloss_session_get_read_only_reason (self->session) != NULL)
    show_banner (self, GLOSS_WINDOW_BANNER_READ_ONLY, "changes-prevent-symbolic",
                 gloss_session_get_read_only_reason (self->session));
  else
    {
      hide_banner (self);
      /* News, not states: re-anchoring done, the article opened again. */
      if (info != NULL)
        gloss_window_show_toast (self, info->message);
      else if (self->reopening_changed_article)
        gloss_window_show_toast (self, _("The article changed on disk (a checkout, an edit), "
                                         "so it was opened again with its new text."));
    }

  self->reopening_changed_article = FALSE;
}

/* Made read-only on purpose, edited or taken over by another Gloss, or
 * writable again. */
static void
on_read_only_reason_changed (GlossWindow *self)
{
  const char *reason = gloss_session_get_read_only_reason (self->session);

  if (reason != NULL)
    show_banner (self, GLOSS_WINDOW_BANNER_READ_ONLY, "changes-prevent-symbolic", reason);
  else if (self->banner_kind == GLOSS_WINDOW_BANNER_READ_ONLY)
    hide_banner (self);
}

/* The article's text on disk is not the one shown (a git checkout): open
 * it again. GlossWindowEnding the session first writes any unsaved edits, with the
 * hash of the text they were made on, so the new session places them on
 * the new text; the old one is never paired with another sidecar. */
static void
on_article_changed (GlossWindow *self)
{
  g_autoptr(GFile) article = NULL;

  if (!gloss_session_get_article_changed (self->session) || self->article == NULL)
    return;

  article = g_object_ref (self->article);
  self->reopening_changed_article = TRUE;
  open_article (self, article);
}

static void show_labels (GlossWindow *self);

/* Just after the frame is painted (GDK_PRIORITY_REDRAW, 120), before the
 * text view's background layout of a long article (125), which would
 * otherwise hold the sidebar back for half a second. */
#define SIDEBAR_PRIORITY (GDK_PRIORITY_REDRAW + 1)

static void cancel_list_session (GlossWindow *self);

static gboolean
show_session_in_list (gpointer user_data)
{
  GlossWindow *self = user_data;

  self->list_session_id = 0;
  cancel_list_session (self);
  gloss_annotation_list_set_session (self->annotation_list, self->session);
  return G_SOURCE_REMOVE;
}

static void
cancel_list_session (GlossWindow *self)
{
  g_clear_handle_id (&self->list_session_id, g_source_remove);
  /* A clock disposed with its surface has dropped its handlers already. */
  if (self->list_paint_id != 0 && g_signal_handler_is_connected (self->list_clock, self->list_paint_id))
    g_signal_handler_disconnect (self->list_clock, self->list_paint_id);
  self->list_paint_id = 0;
  g_clear_object (&self->list_clock);
}

static gboolean
list_session_pending (GlossWindow *self)
{
  return self->list_session_id != 0 || self->list_paint_id != 0;
}

static void
on_article_painted (GdkFrameClock *clock,
                    GlossWindow   *self)
{
  cancel_list_session (self);
  self->list_session_id = g_idle_add_full (SIDEBAR_PRIORITY, show_session_in_list, self, NULL);
}

/* The sidebar takes 25–55 ms to set up with 10,000 annotations. Only once
 * the article's frame is painted: an idle alone may run first, when the
 * frame clock is pacing its next frame, and delay it by that much. */
static void
schedule_list_session (GlossWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  cancel_list_session (self);
  if (clock == NULL)
    {
      self->list_session_id = g_idle_add_full (SIDEBAR_PRIORITY, show_session_in_list, self, NULL);
      return;
    }

  self->list_clock = g_object_ref (clock);
  self->list_paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_article_painted), self);
  /* Should no frame come (the window hidden first), a little later all the
   * same; a timeout, as an idle could still run before a paced frame. */
  self->list_session_id = g_timeout_add_full (G_PRIORITY_LOW, 250, show_session_in_list, self, NULL);
}

void
gloss_window_set_session (GlossWindow  *self,
             GlossSession *session)
{
  if (self->session == session)
    return;

  /* Its edits would go to the set of the session before. */
  if (self->attribute_popover != NULL)
    gloss_attribute_popover_dismiss (self->attribute_popover);

  g_set_object (&self->session, session);
  g_signal_group_set_target (self->session_signals, session);
  g_signal_group_set_target (self->set_signals,
                             session != NULL ? gloss_session_get_annotations (session) : NULL);

  if (session != NULL)
    {
      gloss_session_set_autosave_delay (session, g_settings_get_uint (self->settings, "autosave-delay"));
      {
        g_autofree char *name = g_settings_get_string (self->settings, "annotator-name");
        gloss_session_set_annotator_name (session, name);
      }
    }

  gloss_article_view_set_session (self->article_view, session);
  gloss_window_show_suggestions (self);
  /* The article first: the sidebar builds its rows just after that frame. */
  if (session != NULL)
    schedule_list_session (self);
  else
    {
      cancel_list_session (self);
      gloss_annotation_list_set_session (self->annotation_list, NULL);
    }
  show_labels (self);
  gloss_window_update_subtitle (self);
  update_page (self);

  if (session != NULL)
    report_load_problems (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

static void
on_session_opened (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GlossWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossSession) session = gloss_session_new_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->opening);

  if (session == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The article could not be opened: %s"),
                                                  error->message);
      gloss_window_set_session (self, NULL);
      /* The labels kept from the article before (show_labels()) go. */
      show_labels (self);
      update_page (self);
      gloss_window_show_error (self, message);
      return;
    }

  gloss_window_set_session (self, session);
  gtk_widget_grab_focus (GTK_WIDGET (self->article_view));
}

/* The article's text is laid out while its annotations still load, and
 * the first screen's highlights drawn as soon as they are read (a long
 * sidecar's head): the first frame waits for neither the whole sidecar nor
 * for both files in turn. Nothing can be edited until the session is set. */
static void
on_article_read (GlossDocument      *document,
                 GlossAnnotationSet *head,
                 gpointer            user_data)
{
  GlossWindow *self = user_data;

  gloss_article_view_show_text (self->article_view, document, head);
}

/* Opens @article, the current session (if any) having ended. */
void
gloss_window_start_opening (GlossWindow *self,
               GFile       *article)
{
  g_autofree char *id = NULL;

  if (self->opening != NULL)
    {
      g_cancellable_cancel (self->opening);
      g_clear_object (&self->opening);
    }

  g_set_object (&self->article, article);
  update_title (self);
  hide_banner (self);

  id = gloss_window_dup_annotator_id (self);
  self->opening = g_cancellable_new ();
  update_page (self);
  gloss_session_new_with_document_async (article, id,
                                         on_article_read, g_object_ref (self), g_object_unref,
                                         self->opening, on_session_opened, g_object_ref (self));
}

/* Every way of showing another article (the corpus sidebar, Open…, a
 * drop, Ctrl+PageDown) comes here. The article on screen stays, with its
 * session, until that session has ended: its edits written, or the person
 * has said what to do with those that could not be. */
static void
open_article (GlossWindow *self,
              GFile       *article)
{
  if (self->ending == GLOSS_WINDOW_ENDING_CLOSE)
    return;

  if (self->session == NULL)
    {
      gloss_window_start_opening (self, article);
      return;
    }

  /* Asked again while ending: the latest choice wins. */
  g_set_object (&self->next_article, article);
  if (self->ending == GLOSS_WINDOW_ENDING_NONE)
    gloss_window_end_session (self, GLOSS_WINDOW_ENDING_SWITCH);
}

/* The article the window shows once any switch under way is done. */
static GFile *
showing_next (GlossWindow *self)
{
  return self->next_article != NULL ? self->next_article : self->article;
}

static void
on_corpus_selected (GlossWindow *self)
{
  g_autoptr(GFile) article = NULL;
  GtkWidget *focus;

  g_object_get (self->corpus_list, "selected-article", &article, NULL);
  /* Compared with where the window is going: chosen again while the
   * switch to another article is under way, the article on screen is
   * the latest choice, and wins. */
  if (article == NULL || (showing_next (self) != NULL && g_file_equal (article, showing_next (self))))
    return;

  /* Chosen in the sidebar folded over the article: show the article. */
  focus = gtk_root_get_focus (GTK_ROOT (self));
  if (adw_flap_get_folded (self->corpus_flap) && adw_flap_get_reveal_flap (self->corpus_flap)
      && focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->corpus_list)))
    adw_flap_set_reveal_flap (self->corpus_flap, FALSE);

  open_article (self, article);
}

static void
show_corpus (GlossWindow *self,
             gboolean     show)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "toggle-corpus");

  gtk_widget_set_visible (GTK_WIDGET (self->corpus_list), show);
  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_boolean (show));
}

/* The corpus sidebar
 *
 * win.toggle-corpus (F9, the header's button) says whether it is shown;
 * the flap reveals it, beside the article or, folded on a narrow window,
 * over it. The flap is locked (folding does not hide it by itself): here,
 * folding hides a shown sidebar and unfolding shows it again, so that a
 * window made narrow keeps its article in view. */

static gboolean
corpus_shown (GlossWindow *self)
{
  g_autoptr(GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (self),
                                                               "toggle-corpus");

  return state != NULL && g_variant_get_boolean (state);
}

static void
set_corpus_shown (GlossWindow *self,
                  gboolean     shown)
{
  if (corpus_shown (self) != shown)
    g_action_group_change_action_state (G_ACTION_GROUP (self), "toggle-corpus",
                                        g_variant_new_boolean (shown));
}

static void
on_corpus_state_changed (GlossWindow *self)
{
  gboolean shown = corpus_shown (self);

  if (adw_flap_get_reveal_flap (self->corpus_flap) != shown)
    adw_flap_set_reveal_flap (self->corpus_flap, shown);
}

/* Closed by the flap itself: a click beside it or Escape when folded. */
static void
on_corpus_revealed (GlossWindow *self)
{
  set_corpus_shown (self, adw_flap_get_reveal_flap (self->corpus_flap));
}

/* After the layout that folded or unfolded the flap, not during it: the
 * list would be hidden or shown in the middle of an allocation. */
static gboolean
follow_corpus_fold (gpointer user_data)
{
  GlossWindow *self = user_data;
  gboolean folded = adw_flap_get_folded (self->corpus_flap);

  self->corpus_fold_id = 0;
  if (folded == self->corpus_folded)
    return G_SOURCE_REMOVE;

  self->corpus_folded = folded;
  if (folded)
    {
      self->corpus_before_fold = corpus_shown (self);
      set_corpus_shown (self, FALSE);
    }
  else if (self->corpus_before_fold)
    {
      self->corpus_before_fold = FALSE;
      set_corpus_shown (self, TRUE);
    }

  return G_SOURCE_REMOVE;
}

static void
on_corpus_folded (GlossWindow *self)
{
  if (self->corpus_fold_id == 0)
    self->corpus_fold_id = g_idle_add (follow_corpus_fold, self);
}

static void
follow_corpus_flap (GlossWindow *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "toggle-corpus");

  g_signal_connect_object (action, "notify::state", G_CALLBACK (on_corpus_state_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->corpus_flap, "notify::reveal-flap",
                           G_CALLBACK (on_corpus_revealed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->corpus_flap, "notify::folded",
                           G_CALLBACK (on_corpus_folded), self, G_CONNECT_SWAPPED);
  on_corpus_state_changed (self);
}

void
gloss_window_open (GlossWindow *self,
                   GFile       *file)
{
  g_autofree char *id = NULL;

  g_return_if_fail (GLOSS_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  add_to_recent (self, file);

  if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_object (&self->folder, file);
      id = gloss_window_dup_annotator_id (self);
      show_corpus (self, TRUE);
      gloss_corpus_list_load_folder (self->corpus_list, file, id);
      return;
    }

  open_article (self, file);
}

/* Labels
 * ------------------------------------------------------------------------ */

/* The article's context menu
 *
 * GtkTextView's own menu offers Cut, Paste, Delete and Insert Emoji,
 * greyed out in a view that is never editable, and takes extra items only
 * below them. The window opens its own instead (a right-click, Menu or
 * Shift+F10 on the article), built at that moment from what applies:
 * Copy when text is selected, Select All, the labels when the
 * annotations may be edited and there is something to mark, and the
 * edits of the selected annotation that it allows. */

GMenuModel *
gloss_window_build_context_menu (GlossWindow *self)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) clipboard = g_menu_new ();
  g_autoptr(GMenu) marks = g_menu_new ();
  g_autoptr(GMenu) edits = g_menu_new ();
  GlossAnnotationSet *set = gloss_window_get_current_set (self);
  GlossLabelSet *labels = self->session != NULL ? gloss_session_get_labels (self->session) : NULL;
  GlossAnnotation *selected = gloss_window_get_selected_annotation (self);
  /* The rule of gloss_window_update_actions(). */
  gboolean editable = self->session != NULL
                      && gloss_session_get_save_state (self->session) != GLOSS_SAVE_STATE_READ_ONLY;
  guint start, end;
  gboolean has_text = gloss_article_view_get_selection_range (self->article_view, &start, &end);

  g_return_val_if_fail (GLOSS_IS_WINDOW (self), NULL);

  if (has_text)
    g_menu_append (clipboard, _("_Copy"), "clipboard.copy");
  g_menu_append (clipboard, _("Select _All"), "selection.select-all");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (clipboard));

  if (editable && labels != NULL && (has_text || selected != NULL))
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (labels));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GlossLabel) label = g_list_model_get_item (G_LIST_MODEL (labels), i);
          /* Translators: context menu item, e.g. "Mark as Claim" */
          g_autofree char *text = g_strdup_printf (_("Mark as %s"), gloss_label_get_name (label));
          g_autoptr(GMenuItem) item = g_menu_item_new (text, NULL);

          g_menu_item_set_action_and_target_value (item, "win.annotate",
                                                   g_variant_new_string (gloss_label_get_id (label)));
          g_menu_append_item (marks, item);
        }
      g_menu_append_section (menu, NULL, G_MENU_MODEL (marks));
    }

  if (editable && selected != NULL)
    {
      g_menu_append (edits, _("Edit _Note…"), "win.edit-note");
      if (gloss_label_set_offers_attributes (gloss_annotation_set_get_labels (set), selected))
        g_menu_append (edits, _("Edit _Attributes…"), "win.edit-attributes");
      if (gloss_annotation_set_check_relation (set, GLOSS_RELATION_SPEAKER, selected, NULL, NULL))
        g_menu_append (edits, _("Choose _Speaker…"), "win.choose-speaker");
      g_menu_append (edits, _("_Relations…"), "win.show-relations");
      g_menu_append (edits, _("_Delete Annotation"), "win.delete-annotation");
      g_menu_append_section (menu, NULL, G_MENU_MODEL (edits));
    }

  return G_MENU_MODEL (menu);
}

/* Where the menu points: at the pointer (@x, @y in the article view's
 * coordinates), or below the caret from the keyboard (@x < 0). */
static void
open_context_menu (GlossWindow *self,
                   double       x,
                   double       y)
{
  g_autoptr(GMenuModel) model = gloss_window_build_context_menu (self);
  GdkRectangle rect = { (int) x, (int) y, 1, 1 };

  if (x < 0)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->article_view));
      GtkTextIter iter;
      GdkRectangle location;

      gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
      gtk_text_view_get_iter_location (GTK_TEXT_VIEW (self->article_view), &iter, &location);
      gtk_text_view_buffer_to_window_coords (GTK_TEXT_VIEW (self->article_view), GTK_TEXT_WINDOW_WIDGET,
                                             location.x, location.y + location.height,
                                             &rect.x, &rect.y);
    }

  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->context_menu), model);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu), &rect);
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

/* A press that asks for a context menu, in the bubble phase: the article
 * view's own controller (capture phase) has selected the annotation under
 * the pointer by now. Controllers of one phase run the last added first,
 * so this one comes before the text view's gesture, and stopping the
 * press keeps the text view from opening its own menu. */
static gboolean
on_article_event (GtkEventControllerLegacy *controller,
                  GdkEvent                 *event,
                  GlossWindow              *self)
{
  GtkWidget *widget = GTK_WIDGET (self->article_view);
  GtkNative *native;
  double x, y, dx, dy;

  if (gdk_event_get_event_type (event) != GDK_BUTTON_PRESS
      || !gdk_event_triggers_context_menu (event)
      || !gdk_event_get_position (event, &x, &y))
    return GDK_EVENT_PROPAGATE;

  native = gtk_widget_get_native (widget);
  gtk_native_get_surface_transform (native, &dx, &dy);
  if (!gtk_widget_translate_coordinates (GTK_WIDGET (native), widget, x - dx, y - dy, &x, &y))
    return GDK_EVENT_PROPAGATE;

  open_context_menu (self, MAX (x, 0), MAX (y, 0));
  return GDK_EVENT_STOP;
}

static gboolean
on_menu_key (GtkWidget   *widget,
             GVariant    *args,
             gpointer     user_data)
{
  open_context_menu (GLOSS_WINDOW (user_data), -1, -1);
  return TRUE;
}

static void
add_context_menu (GlossWindow *self)
{
  GtkEventController *clicks = gtk_event_controller_legacy_new ();
  GtkEventController *keys = gtk_shortcut_controller_new ();
  GtkShortcutTrigger *trigger;

  self->context_menu = gtk_popover_menu_new_from_model (NULL);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
  gtk_popover_set_position (GTK_POPOVER (self->context_menu), GTK_POS_BOTTOM);
  gtk_widget_set_halign (self->context_menu, GTK_ALIGN_START);
  /* In the article view, so that Copy and Select All reach its actions. */
  gtk_widget_set_parent (self->context_menu, GTK_WIDGET (self->article_view));

  gtk_event_controller_set_propagation_phase (clicks, GTK_PHASE_BUBBLE);
  g_signal_connect (clicks, "event", G_CALLBACK (on_article_event), self);
  gtk_widget_add_controller (GTK_WIDGET (self->article_view), clicks);

  /* Before the text view's own bindings for the same keys. */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  trigger = gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Menu, 0),
                                         gtk_keyval_trigger_new (GDK_KEY_F10, GDK_SHIFT_MASK));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (trigger,
                                                          gtk_callback_action_new (on_menu_key, self, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self->article_view), keys);
}

/* The label bar offers the labels of the session's label set (none
 * without a session). */
static void
show_labels (GlossWindow *self)
{
  GlossLabelSet *labels = self->session != NULL ? gloss_session_get_labels (self->session) : NULL;

  /* Between two articles (next_article is set while the first one's
   * session ends) the buttons stay, greyed out with the editing actions:
   * the next article most often has the same labels, and the bar neither
   * empties nor builds its buttons again. */
  if (labels == NULL && self->next_article != NULL)
    return;

  gloss_label_bar_set_label_set (self->label_bar, labels);
}

/* Selection: the article and the list show the same annotation
 * ------------------------------------------------------------------------ */

/* Scrolling a GtkListView (4.8) far away rebinds every row it keeps alive,
 * some 30 ms with 10,000 annotations: the list catches up just after the
 * article's frame is painted, so a label key repaints its highlight at once. */
static gboolean
sync_list_selection (gpointer user_data)
{
  GlossWindow *self = user_data;
  GlossAnnotation *annotation = gloss_article_view_get_selected_annotation (self->article_view);

  self->list_sync_id = 0;
  if (gloss_annotation_list_get_selected_annotation (self->annotation_list) != annotation)
    gloss_annotation_list_set_selected_annotation (self->annotation_list, annotation);

  return G_SOURCE_REMOVE;
}

/* Before the list steps from its selection, it must have caught up. */
void
gloss_window_flush_list_selection (GlossWindow *self)
{
  if (list_session_pending (self))
    {
      cancel_list_session (self);
      show_session_in_list (self);
    }

  if (self->list_sync_id == 0)
    return;

  g_clear_handle_id (&self->list_sync_id, g_source_remove);
  sync_list_selection (self);
}

static void
on_view_selection_changed (GlossWindow *self)
{
  if (self->list_sync_id == 0)
    self->list_sync_id = g_idle_add_full (SIDEBAR_PRIORITY, sync_list_selection, self, NULL);
}

static void
on_list_selection_changed (GlossWindow *self)
{
  GlossAnnotation *annotation = gloss_annotation_list_get_selected_annotation (self->annotation_list);

  if (self->list_sync_id != 0)
    return;  /* the article's newer choice wins */

  if (gloss_article_view_get_selected_annotation (self->article_view) != annotation)
    gloss_article_view_set_selected_annotation (self->article_view, annotation);
}

/* Files and folders dropped on the window
 * ------------------------------------------------------------------------ */

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         GlossWindow   *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  files = gdk_file_list_get_files (g_value_get_boxed (value));
  if (files == NULL)
    return FALSE;

  gloss_window_open (self, files->data);
  g_slist_free (files);
  return TRUE;
}

/* Following the session
 * ------------------------------------------------------------------------ */

/* The corpus sidebar shows how many annotations each article has. */
static void
refresh_corpus_count (GlossWindow *self)
{
  GlossAnnotationSet *set = gloss_window_get_current_set (self);

  if (self->folder == NULL || set == NULL || self->article == NULL)
    return;

  gloss_corpus_list_refresh_article (self->corpus_list, self->article,
                                     gloss_annotation_set_get_n_annotations (set));
}

static void
follow_sessions (GlossWindow *self)
{
  self->session_signals = g_signal_group_new (GLOSS_TYPE_SESSION);
  g_signal_group_connect_swapped (self->session_signals, "notify::save-state",
                                  G_CALLBACK (on_save_state_changed), self);
  g_signal_group_connect_swapped (self->session_signals, "notify::external-change",
                                  G_CALLBACK (on_external_change), self);
  g_signal_group_connect_swapped (self->session_signals, "conflict-kept",
                                  G_CALLBACK (on_conflict_kept), self);
  g_signal_group_connect_swapped (self->session_signals, "problems-changed",
                                  G_CALLBACK (report_load_problems), self);
  g_signal_group_connect_swapped (self->session_signals, "notify::read-only-reason",
                                  G_CALLBACK (on_read_only_reason_changed), self);
  g_signal_group_connect_swapped (self->session_signals, "notify::article-changed",
                                  G_CALLBACK (on_article_changed), self);

  self->set_signals = g_signal_group_new (GLOSS_TYPE_ANNOTATION_SET);
  g_signal_group_connect_swapped (self->set_signals, "notify::n-annotations",
                                  G_CALLBACK (refresh_corpus_count), self);
  g_signal_group_connect_swapped (self->set_signals, "notify::can-undo",
                                  G_CALLBACK (gloss_window_update_actions), self);
  g_signal_group_connect_swapped (self->set_signals, "notify::can-redo",
                                  G_CALLBACK (gloss_window_update_actions), self);
}

/* Life cycle
 * ------------------------------------------------------------------------ */

static gboolean
gloss_window_close_request (GtkWindow *window)
{
  GlossWindow *self = GLOSS_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  if (gloss_window_end_before_closing (self))
    return TRUE;

  return GTK_WINDOW_CLASS (gloss_window_parent_class)->close_request (window);
}

static void
gloss_window_dispose (GObject *object)
{
  GlossWindow *self = (GlossWindow *)object;

  if (self->opening != NULL)
    g_cancellable_cancel (self->opening);
  g_clear_object (&self->opening);
  g_clear_handle_id (&self->list_sync_id, g_source_remove);
  g_clear_handle_id (&self->corpus_fold_id, g_source_remove);
  cancel_list_session (self);

  if (self->note_popover != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->note_popover));
  self->note_popover = NULL;
  if (self->speaker_chooser != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->speaker_chooser));
  if (self->attribute_popover != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->attribute_popover));
  self->attribute_popover = NULL;
  self->speaker_chooser = NULL;
  if (self->context_menu != NULL)
    gtk_widget_unparent (self->context_menu);
  self->context_menu = NULL;

  if (self->session_signals != NULL)
    g_signal_group_set_target (self->session_signals, NULL);
  if (self->set_signals != NULL)
    g_signal_group_set_target (self->set_signals, NULL);
  g_clear_object (&self->session_signals);
  g_clear_object (&self->set_signals);
  gloss_window_dispose_suggestions (self);
  g_clear_object (&self->session);
  g_clear_object (&self->next_article);
  if (self->unsaved_dialog != NULL)
    gtk_window_destroy (self->unsaved_dialog);

  /* No gtk_widget_dispose_template(): GtkWindow disposes its own child. */

  G_OBJECT_CLASS (gloss_window_parent_class)->dispose (object);
}

static void
gloss_window_finalize (GObject *object)
{
  GlossWindow *self = (GlossWindow *)object;

  g_clear_object (&self->settings);
  g_clear_object (&self->article);
  g_clear_object (&self->folder);

  G_OBJECT_CLASS (gloss_window_parent_class)->finalize (object);
}

static void
gloss_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  GlossWindow *self = GLOSS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_window_class_init (GlossWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = gloss_window_dispose;
  object_class->finalize = gloss_window_finalize;
  object_class->get_property = gloss_window_get_property;
  window_class->close_request = gloss_window_close_request;
  widget_class->map = gloss_window_map;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, GLOSS_TYPE_SESSION,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GLOSS_TYPE_ARTICLE_VIEW);
  g_type_ensure (GLOSS_TYPE_ANNOTATION_LIST);
  g_type_ensure (GLOSS_TYPE_SUGGESTION_LIST);
  g_type_ensure (GLOSS_TYPE_CORPUS_LIST);
  g_type_ensure (GLOSS_TYPE_LABEL_BAR);
  g_type_ensure (GLOSS_TYPE_ARTICLE_LABELS);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/gloss-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, main_box);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, banner);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, banner_icon);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, reload_button);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, take_over_button);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, corpus_flap);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, annotation_flap);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, match_label);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, find_button);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, label_bar);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, corpus_list);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, article_view);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, annotation_list);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, suggestion_list);
  /* Not kept in the instance: only create_primary_menu() uses them. */
  gtk_widget_class_bind_template_child_full (widget_class, "primary_menu", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "primary_menu_button", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, on_reload_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_take_over_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_banner_close_clicked);

  gloss_window_class_init_actions (klass);
  gloss_window_class_init_suggestions (klass);
}

static void
gloss_window_init (GlossWindow *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));
  follow_sessions (self);

  self->settings = g_settings_new (APP_ID);


  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_settings_bind (self->settings, "snap-to-words", self->article_view, "snap-to-words",
                   G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "font", self->article_view, "font", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "line-width", self->article_view, "line-width",
                   G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "show-annotation-sidebar", self->annotation_list, "visible",
                   G_SETTINGS_BIND_GET);

  g_signal_connect_object (self->article_view, "notify::selected-annotation",
                           G_CALLBACK (on_view_selection_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->annotation_list, "notify::selected-annotation",
                           G_CALLBACK (on_list_selection_changed), self, G_CONNECT_SWAPPED);

  /* The note popover and the speaker chooser are made when first used
   * (gloss-window-actions.c). */
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (self),
                                                                                      GLOSS_TYPE_WINDOW,
                                                                                      "primary_menu_button")),
                                         create_primary_menu, self, NULL);

  g_signal_connect_object (self->corpus_list, "notify::selected-article",
                           G_CALLBACK (on_corpus_selected), self, G_CONNECT_SWAPPED);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  gloss_window_init_actions (self);
  gloss_window_init_suggestions (self);
  follow_corpus_flap (self);
  add_context_menu (self);
  update_page (self);
}

GlossWindow *
gloss_window_new (GlossApplication *application)
{
  return g_object_new (GLOSS_TYPE_WINDOW, "application", application, NULL);
}

GlossSession *
gloss_window_get_session (GlossWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_WINDOW (self), NULL);
  return self->session;
}

GlossArticleView *
gloss_window_get_article_view (GlossWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_WINDOW (self), NULL);
  return self->article_view;
}

GlossAnnotationList *
gloss_window_get_annotation_list (GlossWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_WINDOW (self), NULL);
  return self->annotation_list;
}

