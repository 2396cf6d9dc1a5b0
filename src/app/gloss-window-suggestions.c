/* gloss-window-suggestions.c — the main window's suggestions: drawn in the
 * article, listed in the sidebar, accepted and rejected from the keyboard
 *
 * What accepting and rejecting do is the model's (GlossSuggestionFile:
 * one undo step, provenance in the sidecar, rejections remembered; the
 * session writes the file); this file only finds which suggestion a key
 * means and where the caret goes next.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-annotation-row.h"
#include "gloss-window-private.h"

/* A suggestion containing the caret is looked for among this many that
 * start before it (nested and overlapping suggestions are rare). */
#define CONTAINING_LOOKBACK 64

static GlossSuggestionFile *
current_file (GlossWindow *self)
{
  return self->session != NULL ? gloss_session_get_suggestions (self->session) : NULL;
}

static GListModel *
current_list (GlossWindow *self)
{
  GlossSuggestionFile *file = current_file (self);

  return file != NULL ? gloss_suggestion_file_get_suggestions (file) : NULL;
}

gboolean
gloss_window_has_suggestions (GlossWindow *self)
{
  GListModel *list = current_list (self);

  return list != NULL && g_list_model_get_n_items (list) > 0;
}

gboolean
gloss_window_can_decide_suggestions (GlossWindow *self)
{
  GlossSuggestionFile *file = current_file (self);

  return file != NULL && !gloss_suggestion_file_is_read_only (file);
}

/* Finding the suggestion a key means
 * ------------------------------------------------------------------------ */

static GlossSuggestion *
item_at (GlossWindow *self,
         guint        position)
{
  GListModel *list = current_list (self);

  if (list == NULL || position == G_MAXUINT || position >= g_list_model_get_n_items (list))
    return NULL;
  return g_list_model_get_item (list, position);
}

/* The listed suggestion whose span is selected, else one containing the
 * caret; NULL when there is none. */
static GlossSuggestion *
dup_current_suggestion (GlossWindow *self)
{
  GlossSuggestionFile *file = current_file (self);
  guint start, end, caret, position;

  if (file == NULL)
    return NULL;

  if (self->stepped_suggestion != NULL
      && gloss_article_view_get_selection_range (self->article_view, &start, &end)
      && start == gloss_suggestion_get_start (self->stepped_suggestion)
      && end == gloss_suggestion_get_end (self->stepped_suggestion)
      && gloss_suggestion_file_get_id (file, self->stepped_suggestion) != NULL)
    return g_object_ref (self->stepped_suggestion);

  if (gloss_article_view_get_selection_range (self->article_view, &start, &end))
    {
      GlossSuggestion *at = gloss_suggestion_file_find_at (file, start, end);

      if (at != NULL)
        return g_object_ref (at);
    }

  caret = gloss_article_view_get_caret_offset (self->article_view);
  /* The last one starting at or before the caret, and back from there. */
  position = gloss_suggestion_file_find_next (file, caret + 1, FALSE, FALSE);
  for (guint step = 0; position != G_MAXUINT && step < CONTAINING_LOOKBACK; step++, position--)
    {
      g_autoptr(GlossSuggestion) suggestion = item_at (self, position);

      if (suggestion == NULL)
        break;
      if (gloss_suggestion_get_start (suggestion) <= caret && caret < gloss_suggestion_get_end (suggestion))
        return g_steal_pointer (&suggestion);
      if (position == 0)
        break;
    }

  return NULL;
}

/* Stepping
 * ------------------------------------------------------------------------ */

static void
show_stepped (GlossWindow     *self,
              GlossSuggestion *suggestion)
{
  g_set_object (&self->stepped_suggestion, suggestion);
  if (suggestion == NULL)
    return;

  gloss_article_view_set_selected_annotation (self->article_view, NULL);
  gloss_article_view_select_range (self->article_view,
                                   gloss_suggestion_get_start (suggestion),
                                   gloss_suggestion_get_end (suggestion));
  gloss_suggestion_list_select (self->suggestion_list, suggestion);
}

/* The next (or previous) suggestion the list's filter shows, from
 * @offset, around the end of the article; NULL when it shows none. */
static GlossSuggestion *
dup_step (GlossWindow *self,
          guint        offset,
          gboolean     forward)
{
  GlossSuggestionFile *file = current_file (self);

  if (file == NULL)
    return NULL;
  return item_at (self, gloss_suggestion_file_find_next_shown (file, offset, forward, TRUE,
                                                               gloss_suggestion_list_get_filter (self->suggestion_list)));
}

static void
step_from (GlossWindow *self,
           guint        offset,
           gboolean     forward)
{
  g_autoptr(GlossSuggestion) next = dup_step (self, offset, forward);

  if (next == NULL)
    {
      g_clear_object (&self->stepped_suggestion);
      return;
    }
  show_stepped (self, next);
}

static void
step_suggestion_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);
  gboolean forward = g_str_equal (action_name, "win.next-suggestion");
  guint start, end, offset;

  /* From the selection's start, so that F8 on a stepped suggestion goes
   * to the one after it and Shift+F8 to the one before. */
  if (gloss_article_view_get_selection_range (self->article_view, &start, &end))
    offset = start;
  else
    offset = gloss_article_view_get_caret_offset (self->article_view);
  if (forward && offset == 0
      && !gloss_article_view_get_selection_range (self->article_view, &start, &end))
    {
      /* At the very top: the first suggestion may start at 0 itself. */
      g_autoptr(GlossSuggestion) first = item_at (self, 0);

      if (first != NULL && gloss_suggestion_get_start (first) == 0
          && gloss_suggestion_list_shows (self->suggestion_list, first))
        {
          show_stepped (self, first);
          return;
        }
    }

  step_from (self, offset, forward);
  if (self->stepped_suggestion == NULL)
    {
      gtk_widget_error_bell (widget);
      return;
    }
  /* From the list's filter too: the label keys and Ctrl+Return are the
   * article's, and its selection shows only while it has the focus. */
  gtk_widget_grab_focus (GTK_WIDGET (self->article_view));
}

/* Accepting and rejecting
 * ------------------------------------------------------------------------ */

/* How a toast names a suggestion: the start of its text. */
#define TOAST_EXCERPT_CHARS 40

static char *
excerpt_of (GlossSuggestion *suggestion)
{
  return gloss_format_excerpt (gloss_suggestion_get_exact (suggestion), TOAST_EXCERPT_CHARS);
}

static gboolean
accept (GlossWindow     *self,
        GlossSuggestion *suggestion,
        const char      *label,
        gboolean         step_on)
{
  GlossSuggestionFile *file = current_file (self);
  guint start = gloss_suggestion_get_start (suggestion);
  g_autoptr(GlossSuggestion) held = g_object_ref (suggestion);
  g_autoptr(GError) error = NULL;
  g_autofree char *excerpt = NULL;
  g_autofree char *message = NULL;
  GlossAnnotation *annotation;

  annotation = gloss_suggestion_file_accept (file, suggestion, label,
                                             gloss_session_get_annotations (self->session), &error);
  if (annotation == NULL)
    {
      gloss_window_show_error (self, error->message);
      return FALSE;
    }

  excerpt = excerpt_of (suggestion);
  /* Translators: a toast; %s is the start of the accepted text */
  message = g_strdup_printf (_("Accepted “%s”"), excerpt);
  gloss_window_announce_with_undo (self, message);

  if (step_on)
    step_from (self, start, TRUE);
  else
    {
      g_clear_object (&self->stepped_suggestion);
      gloss_article_view_set_selected_annotation (self->article_view, annotation);
    }
  return TRUE;
}

static void
accept_suggestion_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);
  g_autoptr(GlossSuggestion) suggestion = dup_current_suggestion (self);

  if (suggestion == NULL)
    {
      gloss_window_show_toast (self, _("No suggestion here: press F8 to go to the next one"));
      return;
    }
  if (gloss_suggestion_get_label (suggestion) == NULL)
    {
      /* A tie is never settled by the app: the person says which. */
      show_stepped (self, suggestion);
      gloss_window_show_toast (self, _("The sources disagree on this label: press the key of the right one"));
      return;
    }

  accept (self, suggestion, NULL, TRUE);
}

gboolean
gloss_window_accept_selected_suggestion (GlossWindow *self,
                                         const char  *label)
{
  GlossSuggestionFile *file = current_file (self);
  g_autoptr(GlossSuggestion) suggestion = NULL;
  gboolean stepped;
  guint start, end;

  if (file == NULL || gloss_suggestion_file_is_read_only (file)
      || !gloss_article_view_get_selection_range (self->article_view, &start, &end))
    return FALSE;

  /* An annotation selected with that very span: the key relabels it. */
  {
    GlossAnnotation *selected = gloss_window_get_selected_annotation (self);

    if (selected != NULL && gloss_annotation_get_start (selected) == start
        && gloss_annotation_get_end (selected) == end)
      return FALSE;
  }

  stepped = self->stepped_suggestion != NULL
            && start == gloss_suggestion_get_start (self->stepped_suggestion)
            && end == gloss_suggestion_get_end (self->stepped_suggestion)
            && gloss_suggestion_file_get_id (file, self->stepped_suggestion) != NULL;
  if (stepped)
    suggestion = g_object_ref (self->stepped_suggestion);
  else if (gloss_suggestion_file_find_at (file, start, end) != NULL)
    suggestion = g_object_ref (gloss_suggestion_file_find_at (file, start, end));
  else
    return FALSE;

  return accept (self, suggestion, label, stepped);
}

static void
on_reject_undone (GlossWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->rejected_suggestion == NULL || self->session == NULL)
    return;

  if (!gloss_session_unreject_suggestion (self->session, self->rejected_suggestion, &error))
    gloss_window_show_error (self, error->message);
  else
    show_stepped (self, self->rejected_suggestion);
  g_clear_object (&self->rejected_suggestion);
}

static void
unreject_suggestion_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  on_reject_undone (GLOSS_WINDOW (widget));
}

#define REJECT_TOAST_KEY "gloss-reject-toast"

static void
on_reject_toast_dismissed (GlossWindow *self)
{
  g_object_set_data (G_OBJECT (self), REJECT_TOAST_KEY, NULL);
}

static void
announce_rejection (GlossWindow     *self,
                    GlossSuggestion *suggestion)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self->article_view), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *excerpt = excerpt_of (suggestion);
  g_autofree char *message = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  g_set_object (&self->rejected_suggestion, suggestion);
  if (overlay == NULL)
    return;

  /* Translators: a toast; %s is the start of the rejected text */
  message = g_strdup_printf (_("Rejected “%s”"), excerpt);
  /* A toast's title is markup (libadwaita 1.2). */
  title = g_markup_escape_text (message, -1);

  /* One toast while it shows, saying the latest (its Undo takes back the
   * latest): rejecting one after another queues no toasts, and none is
   * dismissed early (libadwaita 1.2 crashes on a dismiss during the show
   * animation: see gloss_window_announce_with_undo()). */
  toast = g_object_get_data (G_OBJECT (self), REJECT_TOAST_KEY);
  if (toast != NULL)
    {
      adw_toast_set_title (toast, title);
      return;
    }

  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.unreject-suggestion");
  g_object_set_data_full (G_OBJECT (self), REJECT_TOAST_KEY, g_object_ref (toast), g_object_unref);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_reject_toast_dismissed), self, G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

static void
reject_suggestion_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);
  g_autoptr(GlossSuggestion) suggestion = dup_current_suggestion (self);
  g_autoptr(GError) error = NULL;
  guint start;

  if (suggestion == NULL)
    {
      gloss_window_show_toast (self, _("No suggestion here: press F8 to go to the next one"));
      return;
    }

  start = gloss_suggestion_get_start (suggestion);
  if (!gloss_session_reject_suggestion (self->session, suggestion, &error))
    {
      gloss_window_show_error (self, error->message);
      return;
    }

  announce_rejection (self, suggestion);
  step_from (self, start, TRUE);
}

static void
accept_many (GlossWindow *self,
             GPtrArray   *suggestions)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint accepted = 0, skipped = 0;

  if (suggestions->len == 0)
    {
      gloss_window_show_toast (self, _("No suggestions to accept"));
      return;
    }

  if (!gloss_suggestion_file_accept_all (current_file (self), suggestions,
                                         gloss_session_get_annotations (self->session),
                                         &accepted, &skipped, &error))
    {
      gloss_window_show_error (self, error->message);
      return;
    }

  g_clear_object (&self->stepped_suggestion);
  if (skipped == 0)
    message = g_strdup_printf (ngettext ("Accepted %u suggestion", "Accepted %u suggestions", accepted), accepted);
  else
    {
      g_autofree char *first = g_strdup_printf (ngettext ("Accepted %u suggestion", "Accepted %u suggestions", accepted),
                                                accepted);
      /* Translators: follows "Accepted 12 suggestions"; those left are
       * ties, which need a label chosen, or ones the label set refuses */
      g_autofree char *second = g_strdup_printf (ngettext ("%u left to decide one by one",
                                                           "%u left to decide one by one", skipped),
                                                 skipped);

      message = g_strconcat (first, "; ", second, NULL);
    }

  if (accepted > 0)
    gloss_window_announce_with_undo (self, message);
  else
    gloss_window_show_toast (self, message);
}

static void
accept_shown_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);
  g_autoptr(GPtrArray) shown = gloss_suggestion_list_dup_shown (self->suggestion_list);

  accept_many (self, shown);
}

/* Those the filter shows whose whole span is on screen. */
static void
accept_visible_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);
  GlossSuggestionFile *file = current_file (self);
  g_autoptr(GPtrArray) visible = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *list = current_list (self);
  guint start, end, position, n;

  gloss_article_view_get_visible_range (self->article_view, &start, &end);
  n = g_list_model_get_n_items (list);
  position = start == 0 ? 0 : gloss_suggestion_file_find_next (file, start - 1, TRUE, FALSE);
  for (; position != G_MAXUINT && position < n; position++)
    {
      g_autoptr(GlossSuggestion) suggestion = g_list_model_get_item (list, position);

      if (gloss_suggestion_get_start (suggestion) >= end)
        break;
      if (gloss_suggestion_get_start (suggestion) >= start && gloss_suggestion_get_end (suggestion) <= end
          && gloss_suggestion_list_shows (self->suggestion_list, suggestion))
        g_ptr_array_add (visible, g_steal_pointer (&suggestion));
    }

  accept_many (self, visible);
}

static void
show_suggestions_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);

  adw_flap_set_reveal_flap (self->annotation_flap, TRUE);
  gtk_stack_set_visible_child_name (self->sidebar_stack, "suggestions");
  gloss_suggestion_list_focus_filter (self->suggestion_list);
}

static void
on_suggestion_activated (GlossWindow     *self,
                         GlossSuggestion *suggestion)
{
  show_stepped (self, suggestion);
  gtk_widget_grab_focus (GTK_WIDGET (self->article_view));
}

/* Making them
 * ------------------------------------------------------------------------ */

gboolean
gloss_window_can_suggest (GlossWindow *self)
{
  return self->suggester != NULL && self->suggesting == NULL
         && gloss_suggester_check_writable (self->suggester, NULL);
}

GlossSuggester *
gloss_window_get_suggester (GlossWindow *self)
{
  return self->suggester;
}

static void
on_suggested (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GlossWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint added = 0;
  gboolean ok = gloss_suggester_run_finish (GLOSS_SUGGESTER (source), result, &added, &error);

  /* Cancelled: the window closed or showed another article. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->suggesting);
  gloss_window_update_actions (self);

  if (!ok)
    {
      gloss_window_show_error (self, error->message);
      return;
    }

  if (added == 0)
    {
      gloss_window_show_toast (self, _("No new suggestions"));
      return;
    }

  /* Translators: a toast after Suggest Quotes and Repeated Text */
  message = g_strdup_printf (ngettext ("%u new suggestion", "%u new suggestions", added), added);
  {
    /* No markup in the message: digits and words. */
    AdwToast *toast = adw_toast_new (message);

    /* The list, where they can be filtered and accepted. */
    adw_toast_set_button_label (toast, _("_Show"));
    adw_toast_set_action_name (toast, "win.show-suggestions");
    adw_toast_overlay_add_toast (self->toast_overlay, toast);
  }
}

/* win.suggest: every source the app runs, for this article. */
static void
suggest_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);

  if (!gloss_window_can_suggest (self))
    return;

  self->suggesting = g_cancellable_new ();
  gloss_window_update_actions (self);
  gloss_suggester_run_async (self->suggester, NULL, self->suggesting, on_suggested, g_object_ref (self));
}

static void
drop_suggester (GlossWindow *self)
{
  if (self->suggesting != NULL)
    g_cancellable_cancel (self->suggesting);
  g_clear_object (&self->suggesting);
  if (self->suggester != NULL)
    gloss_suggester_set_follow (self->suggester, FALSE);
  g_clear_object (&self->suggester);
}

static void
on_suggest_while_marking_changed (GlossWindow *self)
{
  if (self->suggester != NULL)
    gloss_suggester_set_follow (self->suggester,
                                g_settings_get_boolean (self->settings, "suggest-while-marking"));
}

/* One suggester per session: its corpus index (the folder's sidecars,
 * read by its first run) goes with it. */
static void
follow_session (GlossWindow *self)
{
  if (self->suggester != NULL && gloss_suggester_get_session (self->suggester) == self->session)
    return;

  drop_suggester (self);
  if (self->session == NULL)
    return;

  self->suggester = gloss_suggester_new (self->session);
  /* Same-text counts what the folder marked, as `gloss-cli suggest` on it
   * does: else a run here would take away what that run suggested. An
   * article opened on its own: its own folder. */
  if (self->folder != NULL)
    gloss_suggester_set_corpus_folder (self->suggester, self->folder);
  else
    {
      g_autoptr(GFile) parent = g_file_get_parent (gloss_document_get_file (gloss_session_get_document (self->session)));

      gloss_suggester_set_corpus_folder (self->suggester, parent);
    }
  on_suggest_while_marking_changed (self);
}

/* Showing them
 * ------------------------------------------------------------------------ */

void
gloss_window_show_suggestions (GlossWindow *self)
{
  GListModel *list = current_list (self);

  follow_session (self);
  g_clear_object (&self->stepped_suggestion);
  g_clear_object (&self->rejected_suggestion);
  g_signal_group_set_target (self->suggestion_signals, list);
  gloss_article_view_set_suggestions (self->article_view, list);
  /* The labels first: the rows name them. */
  gloss_suggestion_list_set_labels (self->suggestion_list,
                                    self->session != NULL ? gloss_session_get_labels (self->session) : NULL);
  gloss_suggestion_list_set_suggestions (self->suggestion_list, list);
  gloss_suggestion_list_set_error (self->suggestion_list,
                                   self->session != NULL ? gloss_session_get_suggestions_error (self->session) : NULL);
  gloss_window_update_actions (self);
}

/* Whether there are any matters to the actions (the window compares). */
static void
on_suggestions_changed (GlossWindow *self)
{
  gloss_window_update_actions (self);
}

void
gloss_window_class_init_suggestions (GlossWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.accept-suggestion", NULL, accept_suggestion_action);
  gtk_widget_class_install_action (widget_class, "win.reject-suggestion", NULL, reject_suggestion_action);
  gtk_widget_class_install_action (widget_class, "win.unreject-suggestion", NULL, unreject_suggestion_action);
  gtk_widget_class_install_action (widget_class, "win.next-suggestion", NULL, step_suggestion_action);
  gtk_widget_class_install_action (widget_class, "win.previous-suggestion", NULL, step_suggestion_action);
  gtk_widget_class_install_action (widget_class, "win.accept-shown-suggestions", NULL, accept_shown_action);
  gtk_widget_class_install_action (widget_class, "win.accept-visible-suggestions", NULL, accept_visible_action);
  gtk_widget_class_install_action (widget_class, "win.show-suggestions", NULL, show_suggestions_action);
  gtk_widget_class_install_action (widget_class, "win.suggest", NULL, suggest_action);
}

void
gloss_window_init_suggestions (GlossWindow *self)
{
  self->suggestion_signals = g_signal_group_new (G_TYPE_LIST_MODEL);
  g_signal_group_connect_swapped (self->suggestion_signals, "items-changed",
                                  G_CALLBACK (on_suggestions_changed), self);
  g_signal_group_connect_swapped (self->session_signals, "notify::suggestions",
                                  G_CALLBACK (gloss_window_show_suggestions), self);
  g_signal_group_connect_swapped (self->session_signals, "notify::suggestions-error",
                                  G_CALLBACK (gloss_window_show_suggestions), self);
  g_signal_connect_object (self->suggestion_list, "suggestion-activated",
                           G_CALLBACK (on_suggestion_activated), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::suggest-while-marking",
                           G_CALLBACK (on_suggest_while_marking_changed), self, G_CONNECT_SWAPPED);
}

void
gloss_window_dispose_suggestions (GlossWindow *self)
{
  drop_suggester (self);
  g_clear_object (&self->suggestion_signals);
  g_clear_object (&self->stepped_suggestion);
  g_clear_object (&self->rejected_suggestion);
}
