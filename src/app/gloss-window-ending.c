/* gloss-window-ending.c — ending the main window's session
 *
 * Closing the window or showing another article ends the current session:
 * gloss_session_close_async() writes what is pending. If that fails (a
 * full disk, a folder made read-only or deleted), the model says so
 * (gloss_session_close_finish() returns the save error) and nothing is
 * dropped: the article stays on screen, its edits in memory, and the
 * person is asked — Retry (after freeing space, say), Save As… (the
 * annotations to another file), Discard, or Cancel (keep working).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <adwaita.h>

#include "gloss-window-private.h"

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
  GlossWindowEnding ending = self->ending;

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

  self->ending = GLOSS_WINDOW_ENDING_NONE;

  if (ending == GLOSS_WINDOW_ENDING_CLOSE)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (ending == GLOSS_WINDOW_ENDING_SWITCH && self->next_article != NULL)
    {
      g_autoptr(GFile) next = NULL;

      /* Before next_article is taken: the label bar stays as it is. */
      gloss_window_set_session (self, NULL);
      next = g_steal_pointer (&self->next_article);
      gloss_window_start_opening (self, next);
    }
}

void
gloss_window_end_session (GlossWindow *self,
             GlossWindowEnding       ending)
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
  if (self->ending == GLOSS_WINDOW_ENDING_CLOSE)
    {
      self->closing = FALSE;
      gtk_widget_set_sensitive (GTK_WIDGET (self), TRUE);
    }

  self->ending = GLOSS_WINDOW_ENDING_NONE;
  g_clear_object (&self->next_article);

  if (self->folder != NULL && self->article != NULL)
    gloss_corpus_list_set_selected_article (self->corpus_list, self->article);
  gloss_window_update_subtitle (self);
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
  GlossWindowEnding ending = self->ending;

  /* Not the window's business any more: no banner about the re-read. */
  g_signal_group_block (self->session_signals);
  g_signal_group_block (self->set_signals);
  if (!gloss_session_reload (session, &error))
    g_debug ("Dropping unsaved edits: %s", error->message);
  g_signal_group_unblock (self->set_signals);
  g_signal_group_unblock (self->session_signals);

  self->ending = GLOSS_WINDOW_ENDING_NONE;

  if (ending == GLOSS_WINDOW_ENDING_CLOSE)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (self->next_article != NULL)
    {
      g_autoptr(GFile) next = NULL;

      /* Before next_article is taken: the label bar stays as it is. */
      gloss_window_set_session (self, NULL);
      next = g_steal_pointer (&self->next_article);
      gloss_window_start_opening (self, next);
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

  if (self->session == NULL || self->ending == GLOSS_WINDOW_ENDING_NONE)
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

  if (self->session == NULL || self->ending == GLOSS_WINDOW_ENDING_NONE)
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

  heading = self->ending == GLOSS_WINDOW_ENDING_CLOSE
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
  gloss_window_update_subtitle (self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Already asking: the question stands (Ctrl+Q again, the close button).
 * Else the window waits while its session ends; with none, it closes. */
gboolean
gloss_window_end_before_closing (GlossWindow *self)
{
  if (self->unsaved_dialog != NULL)
    {
      if (self->ending == GLOSS_WINDOW_ENDING_SWITCH)
        {
          self->ending = GLOSS_WINDOW_ENDING_CLOSE;
          g_clear_object (&self->next_article);
        }
      gtk_window_present (self->unsaved_dialog);
      return TRUE;
    }

  if (self->ending == GLOSS_WINDOW_ENDING_CLOSE)
    return TRUE;

  if (self->session == NULL && self->ending == GLOSS_WINDOW_ENDING_NONE)
    return FALSE;

  /* Flush the autosave and wait for any write in flight; a switch in
   * progress becomes a close (its session is ending already). */
  self->closing = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
  g_clear_object (&self->next_article);
  if (self->ending == GLOSS_WINDOW_ENDING_SWITCH)
    self->ending = GLOSS_WINDOW_ENDING_CLOSE;
  else
    gloss_window_end_session (self, GLOSS_WINDOW_ENDING_CLOSE);
  return TRUE;
}
