/* gloss-window.c — the main window
 *
 * The window is glue: it opens sessions, shows them in the article view
 * and the annotation list, and turns actions into edits of the annotation
 * set (which records them for undo). Nothing here reads or writes files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <adwaita.h>

#include "gloss-annotation-list.h"
#include "gloss-article-view.h"
#include "gloss-corpus-list.h"
#include "gloss-export-dialog.h"
#include "gloss-import-dialog.h"
#include "gloss-note-popover.h"
#include "gloss-review-window.h"
#include "gloss-speaker-chooser.h"
#include "gloss-window.h"

typedef enum
{
  BANNER_NONE,
  BANNER_INFO,            /* dismiss only */
  BANNER_EXTERNAL_CHANGE, /* offers Reload */
  BANNER_READ_ONLY,       /* the session's read-only reason; may offer Take Over */
} BannerKind;

enum {
  BANNER_RESPONSE_RELOAD = 1,
  BANNER_RESPONSE_TAKE_OVER,
};

/* Why the current session is being ended (see "Ending a session"). */
typedef enum
{
  ENDING_NONE,
  ENDING_SWITCH,   /* another article is to be shown: next_article */
  ENDING_CLOSE,    /* the window is closing */
} Ending;

struct _GlossWindow
{
  GtkApplicationWindow  parent_instance;

  /* template */
  GtkWidget            *main_box;
  GtkLabel             *title_label;
  GtkLabel             *subtitle_label;
  GtkInfoBar           *banner;
  GtkLabel             *banner_label;
  GtkWidget            *reload_button;
  GtkWidget            *take_over_button;
  /* The article is being opened again because it changed on disk. */
  gboolean              reopening_changed_article;
  guint                 list_sync_id;
  guint                 list_session_id;
  GdkFrameClock        *list_clock;       /* waiting for its after-paint */
  gulong                list_paint_id;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkLabel             *match_label;
  GtkToggleButton      *find_button;
  GtkBox               *label_bar;
  GlossCorpusList      *corpus_list;
  GlossArticleView     *article_view;
  GlossAnnotationList  *annotation_list;

  GSettings            *settings;
  GlossSession         *session;
  /* The current session's signals and its annotation set's, followed by
   * pointing the groups at the new ones (no manual reconnecting). */
  GSignalGroup         *session_signals;
  GSignalGroup         *set_signals;
  GFile                *article;        /* the article being opened or shown */
  GFile                *folder;         /* the corpus folder, if one is open */
  GCancellable         *opening;
  GlossNotePopover     *note_popover;
  GlossSpeakerChooser  *speaker_chooser;
  GPtrArray            *label_buttons;
  BannerKind            banner_kind;
  gboolean              closing;
  /* Ending the session: flushing it, or asking what to do with edits
   * that could not be written (unsaved_dialog). */
  Ending                ending;
  GFile                *next_article;
  GtkWindow            *unsaved_dialog;    /* weak */
};

G_DEFINE_FINAL_TYPE (GlossWindow, gloss_window, GTK_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void open_article (GlossWindow *self, GFile *article);
static void update_actions (GlossWindow *self);
static void end_session (GlossWindow *self, Ending ending);

/* Small helpers
 * ------------------------------------------------------------------------ */

static GlossAnnotationSet *
current_set (GlossWindow *self)
{
  return self->session != NULL ? gloss_session_get_annotations (self->session) : NULL;
}

static gboolean
is_read_only (GlossWindow *self)
{
  return self->session == NULL
         || gloss_session_get_save_state (self->session) == GLOSS_SAVE_STATE_READ_ONLY;
}

static GlossAnnotation *
selected_annotation (GlossWindow *self)
{
  return gloss_article_view_get_selected_annotation (self->article_view);
}

static char *
dup_annotator_id (GlossWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  char *id = NULL;

  if (GLOSS_IS_APPLICATION (app))
    id = gloss_application_dup_annotator_id (GLOSS_APPLICATION (app));

  return id != NULL ? id : g_strdup ("annotator");
}

static void
show_banner (GlossWindow *self,
             BannerKind   kind,
             GtkMessageType type,
             const char  *message)
{
  self->banner_kind = kind;
  gtk_info_bar_set_message_type (self->banner, type);
  gtk_label_set_text (self->banner_label, message);
  gtk_widget_set_visible (self->reload_button, kind == BANNER_EXTERNAL_CHANGE);
  gtk_widget_set_visible (self->take_over_button,
                          kind == BANNER_READ_ONLY && self->session != NULL
                          && gloss_session_can_take_over (self->session));
  gtk_info_bar_set_revealed (self->banner, TRUE);
}

static void
hide_banner (GlossWindow *self)
{
  self->banner_kind = BANNER_NONE;
  gtk_info_bar_set_revealed (self->banner, FALSE);
}

static void
show_error (GlossWindow  *self,
            const char   *message)
{
  show_banner (self, BANNER_INFO, GTK_MESSAGE_ERROR, message);
}

static void
on_banner_response (GlossWindow *self,
                    int          response)
{
  g_autoptr(GError) error = NULL;

  /* Edits made since the question came up: reloading would drop them.
   * Saving keeps the other version beside ours instead, and says so. */
  if (response == BANNER_RESPONSE_RELOAD && self->session != NULL
      && gloss_session_has_unsaved_changes (self->session))
    {
      gloss_session_save (self->session);
      hide_banner (self);
      return;
    }

  if (response == BANNER_RESPONSE_RELOAD && self->session != NULL)
    {
      if (!gloss_session_reload (self->session, &error))
        {
          show_error (self, error->message);
          return;
        }
    }

  if (response == BANNER_RESPONSE_TAKE_OVER && self->session != NULL)
    {
      if (!gloss_session_take_over (self->session, &error))
        {
          show_error (self, error->message);
          return;
        }
    }

  hide_banner (self);
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

static void
update_subtitle (GlossWindow *self)
{
  g_autofree char *text = NULL;
  g_autofree char *id = dup_annotator_id (self);

  if (self->session == NULL)
    {
      gtk_label_set_text (self->subtitle_label, "");
      return;
    }

  /* Translators: "as ANNOTATOR-ID — SAVE STATE" under the article name */
  text = g_strdup_printf (_("as %s — %s"), id, describe_save_state (self->session));
  gtk_label_set_text (self->subtitle_label, text);
}

static void
on_save_state_changed (GlossWindow *self)
{
  GlossSaveState state = gloss_session_get_save_state (self->session);

  update_subtitle (self);
  update_actions (self);

  if (state == GLOSS_SAVE_STATE_ERROR)
    {
      g_autofree char *message =
        g_strdup_printf (_("Your annotations could not be saved: %s. "
                           "They are kept in memory; Gloss tries again after your next change."),
                         gloss_session_get_save_error (self->session));
      show_error (self, message);
    }
  else if (state == GLOSS_SAVE_STATE_SAVED && self->banner_kind == BANNER_INFO
           && gtk_info_bar_get_message_type (self->banner) == GTK_MESSAGE_ERROR
           && gloss_session_get_save_error (self->session) == NULL)
    hide_banner (self);
}

static void
update_title (GlossWindow *self)
{
  g_autofree char *name = NULL;

  if (self->article == NULL)
    {
      gtk_label_set_text (self->title_label, _("Gloss"));
      gtk_window_set_title (GTK_WINDOW (self), _("Gloss"));
      return;
    }

  name = g_file_get_basename (self->article);
  gtk_label_set_text (self->title_label, name);
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
      if (self->banner_kind == BANNER_EXTERNAL_CHANGE)
        hide_banner (self);
      return;
    }

  show_banner (self, BANNER_EXTERNAL_CHANGE, GTK_MESSAGE_QUESTION,
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

  show_banner (self, BANNER_INFO, GTK_MESSAGE_WARNING, message);
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
        message = g_strdup_printf (_("Your annotation file could not be read (%u problems), so this "
                                     "article is open read-only and the file will not be touched. "
                                     "The first: %s — run “gloss-cli validate” for all of them."),
                                   n, where);
      show_error (self, message);
    }
  else if (gloss_sidecar_get_state (sidecar) == GLOSS_SIDECAR_STATE_NEWER)
    show_banner (self, BANNER_INFO, GTK_MESSAGE_WARNING,
                 _("Your annotation file was written by a newer version of Gloss. "
                   "It is open read-only so nothing in it is lost."));
  else if (gloss_session_get_read_only_reason (self->session) != NULL)
    show_banner (self, BANNER_READ_ONLY, GTK_MESSAGE_WARNING,
                 gloss_session_get_read_only_reason (self->session));
  else if (info != NULL)
    show_banner (self, BANNER_INFO, GTK_MESSAGE_INFO, info->message);
  else if (self->reopening_changed_article)
    show_banner (self, BANNER_INFO, GTK_MESSAGE_INFO,
                 _("The article changed on disk (a checkout, an edit), so it was opened "
                   "again with its new text."));
  else
    hide_banner (self);

  self->reopening_changed_article = FALSE;
}

/* Made read-only on purpose, edited or taken over by another Gloss, or
 * writable again. */
static void
on_read_only_reason_changed (GlossWindow *self)
{
  const char *reason = gloss_session_get_read_only_reason (self->session);

  if (reason != NULL)
    show_banner (self, BANNER_READ_ONLY, GTK_MESSAGE_WARNING, reason);
  else if (self->banner_kind == BANNER_READ_ONLY)
    hide_banner (self);
}

/* The article's text on disk is not the one shown (a git checkout): open
 * it again. Ending the session first writes any unsaved edits, with the
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

static void
rebuild_label_bar (GlossWindow *self);

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

static void
set_session (GlossWindow  *self,
             GlossSession *session)
{
  if (self->session == session)
    return;

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
  /* The article first: the sidebar builds its rows just after that frame. */
  if (session != NULL)
    schedule_list_session (self);
  else
    {
      cancel_list_session (self);
      gloss_annotation_list_set_session (self->annotation_list, NULL);
    }
  rebuild_label_bar (self);
  update_subtitle (self);

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
      set_session (self, NULL);
      show_error (self, message);
      return;
    }

  set_session (self, session);
  gtk_widget_grab_focus (GTK_WIDGET (self->article_view));
}

/* The article's text is laid out while its annotations still load: the
 * first frame with every highlight waits for the slower of the two, not
 * for both in turn. */
static void
on_article_read (GlossDocument *document,
                 gpointer       user_data)
{
  GlossWindow *self = user_data;

  gloss_article_view_show_text (self->article_view, document);
}

/* Opens @article, the current session (if any) having ended. */
static void
start_opening (GlossWindow *self,
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

  id = dup_annotator_id (self);
  self->opening = g_cancellable_new ();
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
  if (self->ending == ENDING_CLOSE)
    return;

  if (self->session == NULL)
    {
      start_opening (self, article);
      return;
    }

  /* Asked again while ending: the latest choice wins. */
  g_set_object (&self->next_article, article);
  if (self->ending == ENDING_NONE)
    end_session (self, ENDING_SWITCH);
}

static void
on_corpus_selected (GlossWindow *self)
{
  g_autoptr(GFile) article = NULL;

  g_object_get (self->corpus_list, "selected-article", &article, NULL);
  if (article == NULL || (self->article != NULL && g_file_equal (article, self->article)))
    return;

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

void
gloss_window_open (GlossWindow *self,
                   GFile       *file)
{
  g_autofree char *id = NULL;

  g_return_if_fail (GLOSS_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  {
    g_autofree char *uri = g_file_get_uri (file);
    gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
  }

  if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_object (&self->folder, file);
      id = dup_annotator_id (self);
      show_corpus (self, TRUE);
      gloss_corpus_list_load_folder (self->corpus_list, file, id);
      return;
    }

  open_article (self, file);
}

/* Labels
 * ------------------------------------------------------------------------ */

static GtkWidget *
make_label_button (GlossLabel *label)
{
  g_autofree char *css_class = g_strdup_printf ("label-kind-%s",
                                                gloss_label_kind_to_string (gloss_label_get_kind (label)));
  g_autofree char *tooltip = NULL;
  g_autofree char *text = NULL;
  gunichar key = gloss_label_get_shortcut (label);
  GtkWidget *button, *box, *chip, *name;
  GdkRGBA color;

  button = gtk_button_new ();
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  chip = gtk_label_new ("●");
  name = gtk_label_new (NULL);

  /* The chip in the label's colour; the name says what it is for people
   * who cannot tell colours apart. */
  if (gdk_rgba_parse (&color, gloss_label_get_color (label)))
    {
      PangoAttrList *attrs = pango_attr_list_new ();
      pango_attr_list_insert (attrs, pango_attr_foreground_new (color.red * 65535,
                                                                color.green * 65535,
                                                                color.blue * 65535));
      gtk_label_set_attributes (GTK_LABEL (chip), attrs);
      pango_attr_list_unref (attrs);
    }

  if (key != 0)
    {
      char buf[8] = { 0 };
      g_unichar_to_utf8 (key, buf);
      /* Translators: a label button: "Claim (c)" */
      text = g_strdup_printf (_("%s <span alpha=\"60%%\">%s</span>"),
                              gloss_label_get_name (label), buf);
      /* Translators: tooltip of a label button */
      tooltip = g_strdup_printf (_("Mark the selection as %s (key %s)"),
                                 gloss_label_get_name (label), buf);
    }
  else
    {
      text = g_markup_escape_text (gloss_label_get_name (label), -1);
      tooltip = g_strdup_printf (_("Mark the selection as %s"), gloss_label_get_name (label));
    }
  gtk_label_set_markup (GTK_LABEL (name), text);

  gtk_box_append (GTK_BOX (box), chip);
  gtk_box_append (GTK_BOX (box), name);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, css_class);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.annotate");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                          g_variant_new_string (gloss_label_get_id (label)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  return button;
}

/* The article's context menu offers every label too, and the edits that
 * apply to the selected annotation. */
static void
rebuild_context_menu (GlossWindow   *self,
                      GlossLabelSet *labels)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) marks = g_menu_new ();
  g_autoptr(GMenu) edits = g_menu_new ();
  guint n = labels != NULL ? g_list_model_get_n_items (G_LIST_MODEL (labels)) : 0;

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

  g_menu_append (edits, _("Edit _Note…"), "win.edit-note");
  g_menu_append (edits, _("Choose _Speaker…"), "win.choose-speaker");
  g_menu_append (edits, _("_Delete Annotation"), "win.delete-annotation");

  g_menu_append_section (menu, NULL, G_MENU_MODEL (marks));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (edits));
  gtk_text_view_set_extra_menu (GTK_TEXT_VIEW (self->article_view),
                                n > 0 ? G_MENU_MODEL (menu) : NULL);
}

static void
rebuild_label_bar (GlossWindow *self)
{
  GlossLabelSet *labels;
  guint n;

  for (guint i = 0; i < self->label_buttons->len; i++)
    gtk_box_remove (self->label_bar, g_ptr_array_index (self->label_buttons, i));
  g_ptr_array_set_size (self->label_buttons, 0);

  rebuild_context_menu (self, self->session ? gloss_session_get_labels (self->session) : NULL);

  if (self->session == NULL)
    return;

  labels = gloss_session_get_labels (self->session);
  n = g_list_model_get_n_items (G_LIST_MODEL (labels));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossLabel) label = g_list_model_get_item (G_LIST_MODEL (labels), i);
      GtkWidget *button = make_label_button (label);

      gtk_box_append (self->label_bar, button);
      g_ptr_array_add (self->label_buttons, button);
    }
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
static void
flush_list_selection (GlossWindow *self)
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

/* Editing actions
 * ------------------------------------------------------------------------ */

static void
select_annotation (GlossWindow     *self,
                   GlossAnnotation *annotation)
{
  /* The list follows through on_view_selection_changed(). */
  gloss_article_view_set_selected_annotation (self->article_view, annotation);
}

/* Whether the annotations may be edited: an open session that is not
 * read-only. update_actions() enables the editing actions by this rule,
 * so the actions below only ever run when it holds and do not ask again;
 * the popovers' callbacks, which are no actions, still do. */
static gboolean
can_edit (GlossWindow *self)
{
  return self->session != NULL && !is_read_only (self);
}

/* A label key or button: mark the selected text; with no text selected,
 * relabel the selected annotation. */
static void
annotate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);
  const char *label = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;
  GlossAnnotation *annotation;
  guint start, end;

  /* Selecting an annotation selects its text too: a label key then means
   * "relabel it", not "mark the same text again". */
  annotation = selected_annotation (self);
  if (annotation != NULL && !gloss_annotation_is_orphaned (annotation)
      && gloss_article_view_get_selection_range (self->article_view, &start, &end)
      && start == gloss_annotation_get_start (annotation)
      && end == gloss_annotation_get_end (annotation))
    {
      gloss_annotation_set_change_label (current_set (self), annotation, label);
      return;
    }

  if (gloss_article_view_get_selection_range (self->article_view, &start, &end))
    {
      annotation = gloss_annotation_set_create (current_set (self), label, start, end, &error);
      if (annotation == NULL)
        {
          show_error (self, error->message);
          return;
        }
      select_annotation (self, annotation);
      return;
    }

  annotation = selected_annotation (self);
  if (annotation != NULL)
    gloss_annotation_set_change_label (current_set (self), annotation, label);
  else
    gtk_widget_error_bell (widget);
}

static void
set_label_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);
  GlossAnnotation *annotation = selected_annotation (self);

  if (annotation == NULL)
    return;

  gloss_annotation_set_change_label (current_set (self), annotation,
                                     g_variant_get_string (parameter, NULL));
}

static void
delete_annotation_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);
  g_autoptr(GlossAnnotation) annotation = NULL;
  g_autoptr(GlossAnnotation) next = NULL;

  if (selected_annotation (self) == NULL)
    return;

  annotation = g_object_ref (selected_annotation (self));
  flush_list_selection (self);
  /* Keep the keyboard user's place: the next one becomes selected. */
  next = gloss_annotation_list_select_next (self->annotation_list, FALSE);
  if (next != NULL)
    g_object_ref (next);
  if (next == annotation)
    g_clear_object (&next);

  gloss_annotation_set_remove (current_set (self), annotation);
  select_annotation (self, next);
}

static void
step_annotation (GlossWindow *self,
                 gboolean     backward)
{
  GlossAnnotation *annotation;

  flush_list_selection (self);
  annotation = gloss_annotation_list_select_next (self->annotation_list, backward);
  if (annotation != NULL)
    gloss_article_view_set_selected_annotation (self->article_view, annotation);
}

/* win.next-annotation and win.previous-annotation */
static void
step_annotation_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  step_annotation (GLOSS_WINDOW (widget), g_str_equal (action_name, "win.previous-annotation"));
}

/* Alt+Left/Right move the start by a word, Alt+Shift+Left/Right the end;
 * the model holds the rule (gloss_annotation_set_shift_bound()). A step
 * that cannot be taken rings the bell, as a caret at the end of a line
 * would. */
static void
shift_bound (GlossWindow *self,
             GlossBound   which,
             gboolean     forward)
{
  GlossAnnotation *annotation = selected_annotation (self);
  g_autoptr(GError) error = NULL;

  if (annotation == NULL
      || !gloss_annotation_set_shift_bound (current_set (self), annotation, which, forward, &error))
    {
      if (error != NULL)
        g_debug ("Not moving a bound: %s", error->message);
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  gloss_article_view_set_selected_annotation (self->article_view, annotation);
}

static void
shift_start_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  shift_bound (GLOSS_WINDOW (widget), GLOSS_BOUND_START,
               g_str_equal (g_variant_get_string (parameter, NULL), "right"));
}

static void
shift_end_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  shift_bound (GLOSS_WINDOW (widget), GLOSS_BOUND_END,
               g_str_equal (g_variant_get_string (parameter, NULL), "right"));
}

/* Where a popover about @annotation points: its first character. */
static void
point_popover_at (GlossWindow     *self,
                  GtkPopover      *popover,
                  GlossAnnotation *annotation)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->article_view));
  GdkRectangle rect;
  GtkTextIter iter;
  int x, y;
  double tx, ty;

  if (gloss_annotation_is_orphaned (annotation))
    {
      gtk_popover_set_pointing_to (popover, NULL);
      return;
    }

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, gloss_annotation_get_start (annotation));
  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (self->article_view), &iter, &rect);
  gtk_text_view_buffer_to_window_coords (GTK_TEXT_VIEW (self->article_view), GTK_TEXT_WINDOW_WIDGET,
                                         rect.x, rect.y, &x, &y);
  if (!gtk_widget_translate_coordinates (GTK_WIDGET (self->article_view), self->main_box,
                                         x, y, &tx, &ty))
    {
      gtk_popover_set_pointing_to (popover, NULL);
      return;
    }

  rect.x = (int) tx;
  rect.y = (int) ty;
  gtk_popover_set_pointing_to (popover, &rect);
}

static void
on_note_saved (GlossWindow     *self,
               GlossAnnotation *annotation,
               const char      *note)
{
  if (!can_edit (self))
    return;

  gloss_annotation_set_change_note (current_set (self), annotation, note);
}

static void
edit_note_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);
  GlossAnnotation *annotation = selected_annotation (self);

  if (annotation == NULL)
    return;

  point_popover_at (self, GTK_POPOVER (self->note_popover), annotation);
  gloss_note_popover_edit (self->note_popover, annotation);
}

/* The model replaces the speaker in one undo step, and does nothing at
 * all when it is the speaker already (no new relation id, no save). */
static void
on_speaker_chosen (GlossWindow     *self,
                   GlossAnnotation *quote,
                   GlossAnnotation *speaker)
{
  g_autoptr(GError) error = NULL;

  if (!can_edit (self))
    return;

  if (!gloss_annotation_set_set_speaker (current_set (self), quote, speaker, &error))
    show_error (self, error->message);
}

static void
choose_speaker_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);
  GlossAnnotation *annotation = selected_annotation (self);
  g_autoptr(GError) error = NULL;

  if (annotation == NULL)
    return;

  /* Only what may have a speaker (a quote) gets the chooser. */
  if (!gloss_annotation_set_check_relation (current_set (self), GLOSS_RELATION_SPEAKER,
                                            annotation, NULL, &error))
    {
      show_error (self, error->message);
      return;
    }

  point_popover_at (self, GTK_POPOVER (self->speaker_chooser), annotation);
  gloss_speaker_chooser_choose (self->speaker_chooser, self->session, annotation);
}

static void
reattach_orphan_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);
  GlossAnnotation *annotation = selected_annotation (self);
  g_autoptr(GError) error = NULL;
  guint start, end;

  if (annotation == NULL || !gloss_annotation_is_orphaned (annotation))
    return;

  if (!gloss_article_view_get_selection_range (self->article_view, &start, &end))
    {
      show_error (self, _("Select the text to re-attach the orphaned annotation to, then choose Re-attach again."));
      return;
    }

  if (!gloss_annotation_set_reattach (current_set (self), annotation, start, end, &error))
    show_error (self, error->message);
  else
    select_annotation (self, annotation);
}

/* win.undo and win.redo */
static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);

  if (g_str_equal (action_name, "win.undo"))
    gloss_annotation_set_undo (current_set (self));
  else
    gloss_annotation_set_redo (current_set (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);

  if (self->session != NULL)
    gloss_session_save (self->session);
}

/* Find
 * ------------------------------------------------------------------------ */

static void
update_match_label (GlossWindow *self,
                    guint        n_matches)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *label = NULL;

  if (text[0] == '\0')
    label = g_strdup ("");
  else if (n_matches == 0)
    label = g_strdup (_("No matches"));
  else
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u match", "%u matches", n_matches),
                             n_matches);

  gtk_label_set_text (self->match_label, label);
}

static void
on_search_changed (GlossWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  guint n = gloss_article_view_set_search (self->article_view, text);

  update_match_label (self, n);
  if (n > 0)
    gloss_article_view_search_next (self->article_view, FALSE);
}

static void
on_search_activate (GlossWindow *self)
{
  gloss_article_view_search_next (self->article_view, FALSE);
}

static void
on_search_next_match (GlossWindow *self)
{
  gloss_article_view_search_next (self->article_view, FALSE);
}

static void
on_search_previous_match (GlossWindow *self)
{
  gloss_article_view_search_next (self->article_view, TRUE);
}

static void
on_search_stop (GlossWindow *self)
{
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gloss_article_view_set_search (self->article_view, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->article_view));
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
find_next_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  gloss_article_view_search_next (GLOSS_WINDOW (widget)->article_view,
                                  g_str_equal (action_name, "win.find-previous"));
}

static void
filter_annotations_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  gloss_annotation_list_focus_search (GLOSS_WINDOW (widget)->annotation_list);
}

/* Files and folders
 * ------------------------------------------------------------------------ */

static void
on_open_response (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  GlossWindow *self = GLOSS_WINDOW (user_data);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      gloss_window_open (self, file);
    }

  g_object_unref (dialog);
}

static void
run_open_dialog (GlossWindow          *self,
                 GtkFileChooserAction  chooser_action)
{
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) articles = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (chooser_action == GTK_FILE_CHOOSER_ACTION_OPEN
                                        ? _("Open an Article") : _("Open a Folder of Articles"),
                                        GTK_WINDOW (self), chooser_action,
                                        _("_Open"), _("_Cancel"));
  if (chooser_action == GTK_FILE_CHOOSER_ACTION_OPEN)
    {
      gtk_file_filter_set_name (articles, _("Articles (.txt, .md)"));
      gtk_file_filter_add_suffix (articles, "txt");
      gtk_file_filter_add_suffix (articles, "md");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), articles);
    }

  g_signal_connect (dialog, "response", G_CALLBACK (on_open_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  run_open_dialog (GLOSS_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_OPEN);
}

static void
open_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  run_open_dialog (GLOSS_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER);
}

/* The corpus folder, or the article when no folder is open. */
static GFile *
export_source (GlossWindow *self)
{
  return self->folder != NULL ? self->folder : self->article;
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);
  g_autofree char *id = dup_annotator_id (self);

  gtk_window_present (GTK_WINDOW (gloss_export_dialog_new (GTK_WINDOW (self),
                                                           export_source (self), id)));
}

/* Review mode: the open article, with every colleague's sidecar beside it,
 * in a window of its own. */
static void
review_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);
  g_autofree char *adjudicator = g_settings_get_string (self->settings, "adjudicator-id");
  GlossReviewWindow *review;
  GlossDocument *document;

  if (self->session == NULL)
    return;

  if (!gloss_annotator_id_is_valid (adjudicator))
    {
      g_free (adjudicator);
      adjudicator = g_strdup ("gold");
    }

  document = gloss_session_get_document (self->session);
  review = gloss_review_window_new (gtk_window_get_application (GTK_WINDOW (self)),
                                    gloss_document_get_file (document), adjudicator);
  gtk_window_present (GTK_WINDOW (review));
}

/* Articles imported into the open corpus show up in its list; a rescan of
 * the same folder keeps the article selected. */
static void
on_imported (GlossWindow *self,
             GFile       *folder)
{
  g_autofree char *id = NULL;

  if (self->folder == NULL
      || !(g_file_equal (folder, self->folder) || g_file_has_prefix (folder, self->folder)))
    return;

  id = dup_annotator_id (self);
  gloss_corpus_list_load_folder (self->corpus_list, self->folder, id);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);
  g_autofree char *id = dup_annotator_id (self);
  GtkWidget *dialog = gloss_import_dialog_new (GTK_WINDOW (self), export_source (self), id);

  g_signal_connect_object (dialog, "imported", G_CALLBACK (on_imported), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
step_article (GlossWindow *self,
              gboolean     backward)
{
  if (self->folder == NULL)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  gloss_corpus_list_select_next (self->corpus_list, backward);
}

/* win.next-article and win.previous-article */
static void
step_article_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  step_article (GLOSS_WINDOW (widget), g_str_equal (action_name, "win.previous-article"));
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

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

/* Ending a session
 * ------------------------------------------------------------------------
 *
 * Closing the window or showing another article ends the current session:
 * gloss_session_close_async() writes what is pending. If that fails (a
 * full disk, a folder made read-only or deleted), the model says so
 * (gloss_session_close_finish() returns the save error) and nothing is
 * dropped: the article stays on screen, its edits in memory, and the
 * person is asked — Retry (after freeing space, say), Save As… (the
 * annotations to another file), Discard, or Cancel (keep working). */

static void ask_about_unsaved (GlossWindow *self, const char *problem);

static void
on_session_ended (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GlossWindow) self = user_data;
  GlossSession *session = GLOSS_SESSION (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;
  Ending ending = self->ending;

  if (!gloss_session_close_finish (session, result, &error))
    {
      g_autofree char *name = g_file_get_parse_name (gloss_sidecar_get_file (gloss_session_get_sidecar (session)));

      /* Translators: the annotation file, then why it could not be written */
      problem = g_strdup_printf (_("“%s” could not be written: %s"), name, error->message);
      ask_about_unsaved (self, problem);
      return;
    }

  /* Edits made while the write was in flight (the article stays on
   * screen meanwhile) are written by another round. */
  if (gloss_session_has_unsaved_changes (session)
      && gloss_session_get_save_state (session) != GLOSS_SAVE_STATE_READ_ONLY)
    {
      gloss_session_close_async (session, NULL, on_session_ended, g_object_ref (self));
      return;
    }

  self->ending = ENDING_NONE;

  if (ending == ENDING_CLOSE)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (ending == ENDING_SWITCH && self->next_article != NULL)
    {
      g_autoptr(GFile) next = g_steal_pointer (&self->next_article);

      set_session (self, NULL);
      start_opening (self, next);
    }
}

static void
end_session (GlossWindow *self,
             Ending       ending)
{
  self->ending = ending;
  gloss_session_close_async (self->session, NULL, on_session_ended, g_object_ref (self));
}

/* The person kept the article: everything stays as it was, and what the
 * window shows (the header's save state, the sidebar's selection) is the
 * article still open. */
static void
cancel_ending (GlossWindow *self)
{
  if (self->ending == ENDING_CLOSE)
    {
      self->closing = FALSE;
      gtk_widget_set_sensitive (GTK_WIDGET (self), TRUE);
    }

  self->ending = ENDING_NONE;
  g_clear_object (&self->next_article);

  if (self->folder != NULL && self->article != NULL)
    gloss_corpus_list_set_selected_article (self->corpus_list, self->article);
  update_subtitle (self);
}

/* The edits are not wanted any more (discarded, or saved elsewhere): the
 * session forgets them by reading the sidecar back (or nothing, if there
 * is none), so that nothing tries to write them later; then the ending
 * goes on. */
static void
drop_edits_and_end (GlossWindow *self)
{
  g_autoptr(GlossSession) session = g_object_ref (self->session);
  g_autoptr(GError) error = NULL;
  Ending ending = self->ending;

  /* Not the window's business any more: no banner about the re-read. */
  g_signal_group_block (self->session_signals);
  g_signal_group_block (self->set_signals);
  if (!gloss_session_reload (session, &error))
    g_debug ("Dropping unsaved edits: %s", error->message);
  g_signal_group_unblock (self->set_signals);
  g_signal_group_unblock (self->session_signals);

  self->ending = ENDING_NONE;

  if (ending == ENDING_CLOSE)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (self->next_article != NULL)
    {
      g_autoptr(GFile) next = g_steal_pointer (&self->next_article);

      set_session (self, NULL);
      start_opening (self, next);
    }
}

static void
on_save_as_response (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  g_autoptr(GlossWindow) self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);

  if (self->session == NULL || self->ending == ENDING_NONE)
    return;

  /* No file chosen: back to the question, the edits still unsaved. */
  if (file == NULL)
    {
      g_autofree char *problem = g_strdup (gloss_session_get_save_error (self->session));

      ask_about_unsaved (self, problem);
      return;
    }

  if (!gloss_session_save_copy (self->session, file, &error))
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_autofree char *problem = g_strdup_printf (_("“%s” could not be written: %s"),
                                                  name, error->message);

      ask_about_unsaved (self, problem);
      return;
    }

  drop_edits_and_end (self);
}

static void
run_save_as (GlossWindow *self)
{
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  chooser = gtk_file_chooser_native_new (_("Save Annotations As"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  /* The sidecar's own name: saved beside the article (once it can be
   * written there), Gloss finds it again. */
  name = g_file_get_basename (gloss_sidecar_get_file (gloss_session_get_sidecar (self->session)));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  g_signal_connect (chooser, "response", G_CALLBACK (on_save_as_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_unsaved_response (AdwMessageDialog *dialog,
                     const char       *response,
                     GlossWindow      *self)
{
  /* A click closes the dialog itself; a response given otherwise (a
   * test, an accessibility tool) must not leave it open. The window may
   * be gone before the dialog is finalized: let go of it first. */
  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
  gtk_window_destroy (GTK_WINDOW (dialog));

  if (self->session == NULL || self->ending == ENDING_NONE)
    return;

  if (g_str_equal (response, "retry"))
    gloss_session_close_async (self->session, NULL, on_session_ended, g_object_ref (self));
  else if (g_str_equal (response, "save-as"))
    run_save_as (self);
  else if (g_str_equal (response, "discard"))
    drop_edits_and_end (self);
  else
    cancel_ending (self);
}

/* Asks what to do with edits that could not be written (@problem says
 * why), before closing or switching. */
static void
ask_about_unsaved (GlossWindow *self,
                   const char  *problem)
{
  AdwMessageDialog *dialog;
  g_autofree char *body = NULL;
  g_autofree char *reason = NULL;
  const char *heading;

  if (self->unsaved_dialog != NULL)
    {
      gtk_window_present (self->unsaved_dialog);
      return;
    }

  /* The sentence goes on after it: no full stop of its own. */
  reason = g_strdup (problem != NULL ? problem : _("The annotation file could not be written"));
  g_strchomp (reason);
  if (g_str_has_suffix (reason, "."))
    reason[strlen (reason) - 1] = '\0';

  heading = self->ending == ENDING_CLOSE
            ? _("Close Without Your Annotations?")
            : _("Open Another Article Without Your Annotations?");
  /* Translators: %s says which file could not be written, and why */
  body = g_strdup_printf (_("Your latest annotations could not be saved. %s.\n\n"
                            "They are kept here until you choose. Retry once the problem "
                            "is fixed (free some space, or make the folder writable), save "
                            "them to another file, or discard them."),
                          reason);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save-as", _("_Save As…"),
                                    "retry", _("_Retry"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "retry", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "retry");
  adw_message_dialog_set_close_response (dialog, "cancel");
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);

  g_signal_connect_object (dialog, "response", G_CALLBACK (on_unsaved_response),
                           self, G_CONNECT_DEFAULT);
  self->unsaved_dialog = GTK_WINDOW (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->unsaved_dialog);

  /* What the header says stays true meanwhile: not saved. */
  update_subtitle (self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
gloss_window_close_request (GtkWindow *window)
{
  GlossWindow *self = GLOSS_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  /* Already asking: the question stands (Ctrl+Q again, the close button). */
  if (self->unsaved_dialog != NULL)
    {
      if (self->ending == ENDING_SWITCH)
        {
          self->ending = ENDING_CLOSE;
          g_clear_object (&self->next_article);
        }
      gtk_window_present (self->unsaved_dialog);
      return TRUE;
    }

  if (self->ending == ENDING_CLOSE)
    return TRUE;

  if (self->session == NULL && self->ending == ENDING_NONE)
    return GTK_WINDOW_CLASS (gloss_window_parent_class)->close_request (window);

  /* Flush the autosave and wait for any write in flight; a switch in
   * progress becomes a close (its session is ending already). */
  self->closing = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
  g_clear_object (&self->next_article);
  if (self->ending == ENDING_SWITCH)
    self->ending = ENDING_CLOSE;
  else
    end_session (self, ENDING_CLOSE);
  return TRUE;
}

/* Life cycle
 * ------------------------------------------------------------------------ */

/* The one place where the window's actions are enabled and disabled:
 * editing needs an open session that is not read-only (a sidecar that
 * failed to load, a newer version, read-only on purpose, open in another
 * Gloss), so keys do nothing and menus grey out instead of a bell. */
static const char * const editing_actions[] = {
  "win.annotate", "win.set-label", "win.delete-annotation", "win.edit-note",
  "win.choose-speaker", "win.reattach-orphan", "win.shift-start", "win.shift-end",
  "win.save",
};

static void
update_actions (GlossWindow *self)
{
  GlossAnnotationSet *set = current_set (self);
  gboolean editable = can_edit (self);

  for (guint i = 0; i < G_N_ELEMENTS (editing_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), editing_actions[i], editable);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 editable && gloss_annotation_set_can_undo (set));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo",
                                 editable && gloss_annotation_set_can_redo (set));
}

/* The corpus sidebar shows how many annotations each article has. */
static void
refresh_corpus_count (GlossWindow *self)
{
  GlossAnnotationSet *set = current_set (self);

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
                                  G_CALLBACK (update_actions), self);
  g_signal_group_connect_swapped (self->set_signals, "notify::can-redo",
                                  G_CALLBACK (update_actions), self);
}

static void
toggle_corpus_changed (GSimpleAction *action,
                       GVariant      *state,
                       gpointer       user_data)
{
  GlossWindow *self = GLOSS_WINDOW (user_data);

  g_simple_action_set_state (action, state);
  gtk_widget_set_visible (GTK_WIDGET (self->corpus_list), g_variant_get_boolean (state));
}

static void
add_view_shortcuts (GlossWindow *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  /* Tab walks the annotations while reading; Ctrl+Tab still leaves the view. */
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Tab, 0),
                                                          gtk_named_action_new ("win.next-annotation")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK),
                                                          gtk_named_action_new ("win.previous-annotation")));
  gtk_widget_add_controller (GTK_WIDGET (self->article_view), controller);
}

static void
gloss_window_dispose (GObject *object)
{
  GlossWindow *self = (GlossWindow *)object;

  if (self->opening != NULL)
    g_cancellable_cancel (self->opening);
  g_clear_object (&self->opening);
  g_clear_handle_id (&self->list_sync_id, g_source_remove);
  cancel_list_session (self);

  if (self->note_popover != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->note_popover));
  self->note_popover = NULL;
  if (self->speaker_chooser != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->speaker_chooser));
  self->speaker_chooser = NULL;

  if (self->session_signals != NULL)
    g_signal_group_set_target (self->session_signals, NULL);
  if (self->set_signals != NULL)
    g_signal_group_set_target (self->set_signals, NULL);
  g_clear_object (&self->session_signals);
  g_clear_object (&self->set_signals);
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
  g_clear_pointer (&self->label_buttons, g_ptr_array_unref);

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

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, GLOSS_TYPE_SESSION,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GLOSS_TYPE_ARTICLE_VIEW);
  g_type_ensure (GLOSS_TYPE_ANNOTATION_LIST);
  g_type_ensure (GLOSS_TYPE_CORPUS_LIST);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/gnome/Gloss/gloss-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, main_box);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, banner);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, match_label);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, find_button);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, label_bar);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, corpus_list);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, article_view);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, annotation_list);
  gtk_widget_class_bind_template_callback (widget_class, on_banner_response);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_search_next_match);
  gtk_widget_class_bind_template_callback (widget_class, on_search_previous_match);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stop);

  gtk_widget_class_install_action (widget_class, "win.annotate", "s", annotate_action);
  gtk_widget_class_install_action (widget_class, "win.set-label", "s", set_label_action);
  gtk_widget_class_install_action (widget_class, "win.delete-annotation", NULL, delete_annotation_action);
  gtk_widget_class_install_action (widget_class, "win.edit-note", NULL, edit_note_action);
  gtk_widget_class_install_action (widget_class, "win.choose-speaker", NULL, choose_speaker_action);
  gtk_widget_class_install_action (widget_class, "win.reattach-orphan", NULL, reattach_orphan_action);
  gtk_widget_class_install_action (widget_class, "win.shift-start", "s", shift_start_action);
  gtk_widget_class_install_action (widget_class, "win.shift-end", "s", shift_end_action);
  gtk_widget_class_install_action (widget_class, "win.next-annotation", NULL, step_annotation_action);
  gtk_widget_class_install_action (widget_class, "win.previous-annotation", NULL, step_annotation_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.find-next", NULL, find_next_action);
  gtk_widget_class_install_action (widget_class, "win.find-previous", NULL, find_next_action);
  gtk_widget_class_install_action (widget_class, "win.filter-annotations", NULL, filter_annotations_action);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-folder", NULL, open_folder_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.review", NULL, review_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.next-article", NULL, step_article_action);
  gtk_widget_class_install_action (widget_class, "win.previous-article", NULL, step_article_action);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, close_action);
}

static void
gloss_window_init (GlossWindow *self)
{
  static const GActionEntry entries[] = {
    { "toggle-corpus", NULL, NULL, "false", toggle_corpus_changed },
  };
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));
  follow_sessions (self);

  self->settings = g_settings_new (APP_ID);
  self->label_buttons = g_ptr_array_new ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);

  self->reload_button = gtk_info_bar_add_button (self->banner, _("_Reload"), BANNER_RESPONSE_RELOAD);
  gtk_widget_set_visible (self->reload_button, FALSE);
  self->take_over_button = gtk_info_bar_add_button (self->banner, _("_Take Over"),
                                                    BANNER_RESPONSE_TAKE_OVER);
  gtk_widget_set_visible (self->take_over_button, FALSE);

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

  self->note_popover = GLOSS_NOTE_POPOVER (gloss_note_popover_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->note_popover), self->main_box);
  g_signal_connect_object (self->note_popover, "note-saved", G_CALLBACK (on_note_saved),
                           self, G_CONNECT_SWAPPED);

  self->speaker_chooser = GLOSS_SPEAKER_CHOOSER (gloss_speaker_chooser_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->speaker_chooser), self->main_box);
  g_signal_connect_object (self->speaker_chooser, "speaker-chosen", G_CALLBACK (on_speaker_chosen),
                           self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->corpus_list, "notify::selected-article",
                           G_CALLBACK (on_corpus_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::session", G_CALLBACK (update_actions), NULL);

  add_view_shortcuts (self);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  update_actions (self);
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
