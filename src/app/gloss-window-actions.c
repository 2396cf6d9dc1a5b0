/* gloss-window-actions.c — the main window's actions
 *
 * Every win.* action of the main window: edits of the annotation set
 * (label keys and buttons, delete, note, speaker, bounds, re-attach,
 * undo), find, and files (open, export, import, review, next article).
 * They are installed on the class in one list, and enabled or disabled in
 * one function, gloss_window_update_actions(). Their accelerators are the
 * application's (gloss-application.c), shared with the review window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "gloss-excerpt.h"
#include "gloss-export-dialog.h"
#include "gloss-import-dialog.h"
#include "gloss-review-window.h"
#include "gloss-window-private.h"

/* Editing actions
 * ------------------------------------------------------------------------ */

static void
select_annotation (GlossWindow     *self,
                   GlossAnnotation *annotation)
{
  /* The list follows (gloss-window.c, on_view_selection_changed()). */
  gloss_article_view_set_selected_annotation (self->article_view, annotation);
}

/* Whether the annotations may be edited: an open session that is not
 * read-only (a sidecar that failed to load, a newer version, read-only on
 * purpose, open in another Gloss). gloss_window_update_actions() enables
 * the editing actions by this rule, so the actions below only ever run
 * when it holds and do not ask again; the popovers' callbacks, which are
 * no actions, still do. */
static gboolean
can_edit (GlossWindow *self)
{
  return self->session != NULL
         && gloss_session_get_save_state (self->session) != GLOSS_SAVE_STATE_READ_ONLY;
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

  /* The span of a suggestion: accepting it keeps where it came from. */
  if (gloss_window_accept_selected_suggestion (self, label))
    return;

  /* Selecting an annotation selects its text too: a label key then means
   * "relabel it", not "mark the same text again". */
  annotation = gloss_window_get_selected_annotation (self);
  if (annotation != NULL && !gloss_annotation_is_orphaned (annotation)
      && gloss_article_view_get_selection_range (self->article_view, &start, &end)
      && start == gloss_annotation_get_start (annotation)
      && end == gloss_annotation_get_end (annotation))
    {
      if (!gloss_annotation_set_change_label (gloss_window_get_current_set (self), annotation, label, &error))
        gloss_window_show_error (self, error->message);
      return;
    }

  if (gloss_article_view_get_selection_range (self->article_view, &start, &end))
    {
      annotation = gloss_annotation_set_create (gloss_window_get_current_set (self), label, start, end, &error);
      if (annotation == NULL)
        {
          gloss_window_show_error (self, error->message);
          return;
        }
      select_annotation (self, annotation);
      return;
    }

  annotation = gloss_window_get_selected_annotation (self);
  if (annotation == NULL)
    gtk_widget_error_bell (widget);
  else if (!gloss_annotation_set_change_label (gloss_window_get_current_set (self), annotation, label, &error))
    gloss_window_show_error (self, error->message);
}

static void
set_label_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);
  GlossAnnotation *annotation = gloss_window_get_selected_annotation (self);
  g_autoptr(GError) error = NULL;

  if (annotation == NULL)
    return;

  if (!gloss_annotation_set_change_label (gloss_window_get_current_set (self), annotation,
                                          g_variant_get_string (parameter, NULL), &error))
    gloss_window_show_error (self, error->message);
}

/* The toast about the last edit, while it shows (window data, so the
 * window's struct need not know). libadwaita 1.2 crashes when a toast is
 * dismissed during its show animation (adw_toast_dismiss() within 300 ms
 * of adding it: Delete held down, Delete then Ctrl+Z), so a toast is
 * never dismissed here: the next edit's message replaces its title, and
 * an undo takes its Undo button away, so that it cannot undo a second
 * step. */
#define EDIT_TOAST_KEY "gloss-edit-toast"

static void
on_edit_toast_dismissed (AdwToast    *toast,
                         GlossWindow *self)
{
  /* The overlay holds its own reference until it has hidden the toast. */
  if (g_object_get_data (G_OBJECT (self), EDIT_TOAST_KEY) == toast)
    g_object_set_data (G_OBJECT (self), EDIT_TOAST_KEY, NULL);
}

/* After an undo, a redo or another edit, the toast's Undo would undo
 * something else than it says: it goes, and @title (nullable: the same)
 * says what happened. */
static void
retire_edit_toast (GlossWindow *self,
                   const char  *title)
{
  AdwToast *toast = g_object_get_data (G_OBJECT (self), EDIT_TOAST_KEY);

  if (toast == NULL)
    return;

  if (title != NULL)
    adw_toast_set_title (toast, title);
  adw_toast_set_button_label (toast, NULL);
  adw_toast_set_action_name (toast, NULL);
}

/* Any change of the set: the delete that made the toast comes before it
 * (announce_with_undo() is called after), so this is a later one. */
static void
on_set_edited (GlossWindow *self)
{
  retire_edit_toast (self, NULL);
}

/* A reload that changed nothing tells of no change but clears the
 * history: the toast's Undo would have nothing to undo. */
static void
on_can_undo_changed (GlossWindow *self)
{
  GlossAnnotationSet *set = gloss_window_get_current_set (self);

  if (set == NULL || !gloss_annotation_set_can_undo (set))
    retire_edit_toast (self, NULL);
}

/* A passing message with Undo, in the window's toast overlay (found as
 * the article's ancestor, wherever the template puts it). */
void
gloss_window_announce_with_undo (GlossWindow *self,
                                 const char  *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self->article_view), ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast = g_object_get_data (G_OBJECT (self), EDIT_TOAST_KEY);
  g_autofree char *title = NULL;

  if (overlay == NULL)
    {
      g_debug ("%s", message);
      return;
    }

  /* A toast's title is Pango markup (libadwaita 1.2), the annotated
   * text may hold "&" or "<". */
  title = g_markup_escape_text (message, -1);

  /* One showing already: it says the latest, rather than a queue of
   * toasts that would outlast the deletes by seconds each. */
  if (toast == NULL)
    {
      toast = adw_toast_new (title);
      g_object_set_data_full (G_OBJECT (self), EDIT_TOAST_KEY, g_object_ref (toast), g_object_unref);
      g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_edit_toast_dismissed), self, 0);
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
    }
  else
    adw_toast_set_title (toast, title);

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
}

/* What the window says when a delete took relations with it: the
 * annotation's speaker links and the like vanish from the sidebar without
 * a trace otherwise. NULL when there were none. */
static char *
describe_deletion (GlossAnnotation *annotation,
                   guint            n_relations)
{
  g_autofree char *excerpt = NULL;

  if (n_relations == 0)
    return NULL;

  excerpt = gloss_format_quoted_excerpt (gloss_annotation_get_exact (annotation), 40);
  /* Translators: a toast after a delete (with an Undo button); %s is the
   * annotated text, already quoted, %u how many relations (a quote's
   * speaker, say) were deleted with it. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Deleted %s and its relation",
                                       "Deleted %s and its %u relations",
                                       n_relations),
                          excerpt, n_relations);
}

/* The model says which annotation takes the deleted one's place (the one
 * before it, so deleting the last does not wrap to the first and scroll
 * to the top); selecting it moves the view only as far as it must. One
 * undo step brings the annotation and its relations back. */
static void
delete_annotation_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);
  GlossAnnotationSet *set = gloss_window_get_current_set (self);
  g_autoptr(GlossAnnotation) annotation = NULL;
  g_autoptr(GlossAnnotation) neighbour = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;

  if (gloss_window_get_selected_annotation (self) == NULL)
    return;

  annotation = g_object_ref (gloss_window_get_selected_annotation (self));
  gloss_window_flush_list_selection (self);
  neighbour = gloss_annotation_set_neighbour_for_deletion (set, annotation);
  if (neighbour != NULL)
    g_object_ref (neighbour);
  relations = gloss_annotation_set_relations_of (set, gloss_annotation_get_id (annotation));

  /* Refused, it stays, and so does the selection. */
  if (!gloss_annotation_set_remove (set, annotation, &error))
    {
      gloss_window_show_error (self, error->message);
      return;
    }
  select_annotation (self, neighbour);

  message = describe_deletion (annotation, relations->len);
  if (message != NULL)
    gloss_window_announce_with_undo (self, message);
}

static void
step_annotation (GlossWindow *self,
                 gboolean     backward)
{
  GlossAnnotation *annotation;

  gloss_window_flush_list_selection (self);
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
  GlossAnnotation *annotation = gloss_window_get_selected_annotation (self);
  g_autoptr(GError) error = NULL;

  if (annotation == NULL
      || !gloss_annotation_set_shift_bound (gloss_window_get_current_set (self), annotation, which, forward, &error))
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
  GdkRectangle rect;
  GtkTextIter iter;
  int x, y;
  double tx, ty;

  if (gloss_annotation_is_orphaned (annotation))
    {
      gtk_popover_set_pointing_to (popover, NULL);
      return;
    }

  gloss_article_view_get_iter_at_offset (self->article_view, &iter, gloss_annotation_get_start (annotation));
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

/* However a popover closed (Escape, a choice, Ctrl+Enter, a click away),
 * the keyboard goes back to the article: GTK would give it to the
 * popover's parent, that is to the first button of the header bar, and
 * Tab would no longer step through the annotations. */
static void
on_popover_closed (GlossWindow *self)
{
  if (self->closing || !gtk_widget_get_mapped (GTK_WIDGET (self->article_view)))
    return;

  gtk_widget_grab_focus (GTK_WIDGET (self->article_view));
}

static void
on_note_saved (GlossWindow     *self,
               GlossAnnotation *annotation,
               const char      *note)
{
  g_autoptr(GError) error = NULL;

  if (!can_edit (self))
    return;

  if (!gloss_annotation_set_change_note (gloss_window_get_current_set (self), annotation, note, &error))
    gloss_window_show_error (self, error->message);
}

/* The note popover and the speaker chooser are made when first used: the
 * first frame of a window does not need them. */
static GlossNotePopover *
ensure_note_popover (GlossWindow *self)
{
  if (self->note_popover == NULL)
    {
      self->note_popover = GLOSS_NOTE_POPOVER (gloss_note_popover_new ());
      gtk_widget_set_parent (GTK_WIDGET (self->note_popover), self->main_box);
      g_signal_connect_object (self->note_popover, "note-saved", G_CALLBACK (on_note_saved),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->note_popover, "closed", G_CALLBACK (on_popover_closed),
                               self, G_CONNECT_SWAPPED);
    }

  return self->note_popover;
}

static void
edit_note_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);
  GlossAnnotation *annotation = gloss_window_get_selected_annotation (self);

  if (annotation == NULL)
    return;

  point_popover_at (self, GTK_POPOVER (ensure_note_popover (self)), annotation);
  gloss_note_popover_edit (self->note_popover, annotation);
}

/* The selected span's attributes: Ctrl+E and the context menu. The
 * popover makes its changes through the set itself, each an undo step;
 * enabled (gloss_window_update_actions()) only for a span whose label
 * has attributes, while the annotations can be edited. */
static gboolean
can_edit_attributes (GlossWindow *self)
{
  GlossAnnotation *annotation = gloss_window_get_selected_annotation (self);

  return can_edit (self) && annotation != NULL
         && gloss_label_set_offers_attributes (gloss_annotation_set_get_labels (gloss_window_get_current_set (self)),
                                               annotation);
}

static void
edit_attributes_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);
  GlossAnnotation *annotation = gloss_window_get_selected_annotation (self);

  if (!can_edit_attributes (self))
    {
      gtk_widget_error_bell (widget);
      return;
    }

  if (self->attribute_popover == NULL)
    {
      self->attribute_popover = GLOSS_ATTRIBUTE_POPOVER (gloss_attribute_popover_new ());
      gtk_widget_set_parent (GTK_WIDGET (self->attribute_popover), self->main_box);
      g_signal_connect_object (self->attribute_popover, "closed", G_CALLBACK (on_popover_closed),
                               self, G_CONNECT_SWAPPED);
    }

  point_popover_at (self, GTK_POPOVER (self->attribute_popover), annotation);
  gloss_attribute_popover_edit (self->attribute_popover, gloss_window_get_current_set (self), annotation);
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

  if (!gloss_annotation_set_set_speaker (gloss_window_get_current_set (self), quote, speaker, &error))
    gloss_window_show_error (self, error->message);
}

static GlossSpeakerChooser *
ensure_speaker_chooser (GlossWindow *self)
{
  if (self->speaker_chooser == NULL)
    {
      self->speaker_chooser = GLOSS_SPEAKER_CHOOSER (gloss_speaker_chooser_new ());
      gtk_widget_set_parent (GTK_WIDGET (self->speaker_chooser), self->main_box);
      g_signal_connect_object (self->speaker_chooser, "speaker-chosen", G_CALLBACK (on_speaker_chosen),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->speaker_chooser, "closed", G_CALLBACK (on_popover_closed),
                               self, G_CONNECT_SWAPPED);
    }

  return self->speaker_chooser;
}

static void
choose_speaker_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);
  GlossAnnotation *annotation = gloss_window_get_selected_annotation (self);
  g_autoptr(GError) error = NULL;

  if (annotation == NULL)
    return;

  /* Only what may have a speaker (a quote) gets the chooser. */
  if (!gloss_annotation_set_check_relation (gloss_window_get_current_set (self), GLOSS_RELATION_SPEAKER,
                                            annotation, NULL, &error))
    {
      gloss_window_show_error (self, error->message);
      return;
    }

  point_popover_at (self, GTK_POPOVER (ensure_speaker_chooser (self)), annotation);
  gloss_speaker_chooser_choose (self->speaker_chooser, self->session, annotation);
}

/* Relations of any type (the article view draws them, by keyboard and
 * with the mouse): Ctrl+K makes the selected span the source, Ctrl+Shift+K
 * lists its relations. What the view says goes in the edit toast, with
 * Undo after an edit. */
static void
mark_relation_source_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!gloss_article_view_begin_relation (self->article_view, &error))
    {
      gtk_widget_error_bell (widget);
      gloss_window_show_toast (self, error->message);
    }
}

static void
show_relations_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!gloss_article_view_show_relations (self->article_view, &error))
    {
      gtk_widget_error_bell (widget);
      gloss_window_show_toast (self, error->message);
    }
}

static void
on_relation_message (GlossWindow *self,
                     const char  *message,
                     gboolean     undoable)
{
  gloss_window_announce_with_undo (self, message);
  if (!undoable)
    retire_edit_toast (self, NULL);
}

static void
reattach_orphan_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);
  GlossAnnotation *annotation = gloss_window_get_selected_annotation (self);
  g_autoptr(GError) error = NULL;
  guint start, end;

  if (annotation == NULL || !gloss_annotation_is_orphaned (annotation))
    return;

  if (!gloss_article_view_get_selection_range (self->article_view, &start, &end))
    {
      gloss_window_show_error (self, _("Select the text to re-attach the orphaned annotation to, then choose Re-attach again."));
      return;
    }

  if (!gloss_annotation_set_reattach (gloss_window_get_current_set (self), annotation, start, end, &error))
    gloss_window_show_error (self, error->message);
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
  GlossAnnotationSet *set = gloss_window_get_current_set (self);
  g_autoptr(GError) error = NULL;
  gboolean done;

  if (g_str_equal (action_name, "win.undo"))
    done = gloss_annotation_set_undo (set, &error);
  else
    done = gloss_annotation_set_redo (set, &error);

  /* Nothing to undo is no error (the action is greyed out then anyway). */
  if (!done && error != NULL)
    gloss_window_show_error (self, error->message);
  if (done)
    retire_edit_toast (self, g_str_equal (action_name, "win.undo") ? _("Undone") : _("Redone"));

  /* Show what came back or changed: an undone delete selects the
   * annotation again and scrolls to it. */
  if (done && gloss_annotation_set_get_last_replayed (set) != NULL)
    select_annotation (self, gloss_annotation_set_get_last_replayed (set));
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

/* A guint property of the article view, 0 where the view has none: its
 * search's "current-match" (1-based, 0 for none) and "n-matches". */
static guint
view_search_count (GlossWindow *self,
                   const char  *property)
{
  guint value = 0;

  if (g_object_class_find_property (G_OBJECT_GET_CLASS (self->article_view), property) != NULL)
    g_object_get (self->article_view, property, &value, NULL);
  return value;
}

/* "2 of 5" once a match is selected, else how many there are. */
static void
update_match_label (GlossWindow *self,
                    guint        n_matches)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  guint current = view_search_count (self, "current-match");
  g_autofree char *label = NULL;

  if (text[0] == '\0')
    label = g_strdup ("");
  else if (n_matches == 0)
    label = g_strdup (_("No matches"));
  else if (current > 0 && current <= n_matches)
    /* Translators: find in the article: the selected match, of how many,
     * as in "2 of 5". */
    label = g_strdup_printf (_("%u of %u"), current, n_matches);
  else
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u match", "%u matches", n_matches),
                             n_matches);

  gtk_label_set_text (self->match_label, label);
}

/* The view moved to another match (Enter, F3, the arrows). */
static void
on_current_match_changed (GlossWindow *self)
{
  update_match_label (self, view_search_count (self, "n-matches"));
}

static void
on_search_changed (GlossWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  guint n = gloss_article_view_set_search (self->article_view, text);

  if (n > 0)
    gloss_article_view_search_next (self->article_view, FALSE);
  update_match_label (self, n);
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

/* Zoom: the article's text size
 * ------------------------------------------------------------------------ */

#define ZOOM_MIN_POINTS 6
#define ZOOM_MAX_POINTS 48

/* The size in points of a Pango font description string, or 0 if it has
 * none (or an absolute one in pixels). */
static int
font_points (const char *font)
{
  g_autoptr(PangoFontDescription) description = pango_font_description_from_string (font);

  if (!(pango_font_description_get_set_fields (description) & PANGO_FONT_MASK_SIZE)
      || pango_font_description_get_size_is_absolute (description))
    return 0;

  return (int) (pango_font_description_get_size (description) / PANGO_SCALE + 0.5);
}

/* The "font" setting's default size (the reset size), 13 if it has none. */
static int
default_points (GlossWindow *self)
{
  g_autoptr(GVariant) value = g_settings_get_default_value (self->settings, "font");
  int points = value != NULL ? font_points (g_variant_get_string (value, NULL)) : 0;

  return points > 0 ? points : 13;
}

/* Ctrl+plus, Ctrl+minus and Ctrl+0 change the size of the "font" setting
 * (the family stays), which the view follows (gloss-window.c binds it) and
 * which is kept for the next start, as the Preferences' font is. */
static void
zoom (GlossWindow *self,
      int          step)
{
  g_autofree char *font = g_settings_get_string (self->settings, "font");
  g_autoptr(PangoFontDescription) description = pango_font_description_from_string (font);
  g_autofree char *zoomed = NULL;
  g_autoptr(GVariant) default_font = NULL;
  int points = font_points (font);

  if (points <= 0)
    points = default_points (self);

  if (step == 0)
    points = default_points (self);
  else
    points = CLAMP (points + step, ZOOM_MIN_POINTS, ZOOM_MAX_POINTS);

  pango_font_description_set_size (description, points * PANGO_SCALE);
  zoomed = pango_font_description_to_string (description);
  if (g_str_equal (zoomed, font))
    {
      if (step != 0)
        gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  /* Back at the default: the setting follows the default again. */
  default_font = g_settings_get_default_value (self->settings, "font");
  if (default_font != NULL && g_str_equal (zoomed, g_variant_get_string (default_font, NULL)))
    g_settings_reset (self->settings, "font");
  else
    g_settings_set_string (self->settings, "font", zoomed);
}

/* win.zoom-in, win.zoom-out and win.zoom-reset */
static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  if (g_str_equal (action_name, "win.zoom-in"))
    zoom (GLOSS_WINDOW (widget), 1);
  else if (g_str_equal (action_name, "win.zoom-out"))
    zoom (GLOSS_WINDOW (widget), -1);
  else
    zoom (GLOSS_WINDOW (widget), 0);
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
  g_autofree char *id = gloss_window_dup_annotator_id (self);

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

  id = gloss_window_dup_annotator_id (self);
  gloss_corpus_list_load_folder (self->corpus_list, self->folder, id);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);
  g_autofree char *id = gloss_window_dup_annotator_id (self);
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

/* The done mark
 * ------------------------------------------------------------------------ */

/* win.toggle-done's state, the corpus row and the folder's progress follow
 * the session's mark: set here, by a reload, or by another article. */
static void
sync_done (GlossWindow *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "toggle-done");
  gboolean done = self->session != NULL && gloss_session_get_done (self->session);

  if (action != NULL)
    g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_boolean (done));
  gloss_window_update_subtitle (self);

  if (self->folder != NULL && self->article != NULL && self->session != NULL)
    gloss_corpus_list_set_article_done (self->corpus_list, self->article, done);
}

/* Ctrl+D and the menu's check item. Enabled only when editable (see
 * gloss_window_update_actions()); the session saves the mark like an edit,
 * without an undo step: marking again is the way back. */
static void
toggle_done_changed (GSimpleAction *action,
                     GVariant      *state,
                     gpointer       user_data)
{
  GlossWindow *self = GLOSS_WINDOW (user_data);

  if (!can_edit (self) || !gloss_session_set_done (self->session, g_variant_get_boolean (state)))
    gtk_widget_error_bell (GTK_WIDGET (self));
}

/* The article's fields
 * ------------------------------------------------------------------------ */

/* Ctrl+L and the header's button open the panel (gloss-article-labels.c),
 * which shows the values even while read-only and refuses edits itself. */
static void
article_labels_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  GtkWidget *button = GTK_WIDGET (gtk_widget_get_template_child (widget, GLOSS_TYPE_WINDOW,
                                                                 "article_labels_button"));

  if (button != NULL && gtk_widget_get_visible (button))
    gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  else
    gtk_widget_error_bell (widget);
}

static gboolean
has_article_fields (GlossWindow *self)
{
  GlossLabelSet *labels = self->session != NULL ? gloss_session_get_labels (self->session) : NULL;

  return labels != NULL && gloss_label_set_get_document_fields (labels)->len > 0;
}

/* The corpus sidebar counts and filters by the fields too. */
static void
sync_document_labels (GlossWindow *self)
{
  if (self->folder != NULL && self->article != NULL && self->session != NULL)
    gloss_corpus_list_set_article_document_labels (self->corpus_list, self->article,
                                                   gloss_session_peek_document_labels (self->session));
}

/* Enabled state and installation
 * ------------------------------------------------------------------------ */

/* The one place where the window's actions are enabled and disabled:
 * editing needs an open session that is not read-only (can_edit()), so
 * keys do nothing and menus grey out instead of a bell. */
static const char * const editing_actions[] = {
  "win.annotate", "win.set-label", "win.delete-annotation", "win.edit-note",
  "win.choose-speaker", "win.reattach-orphan", "win.shift-start", "win.shift-end",
  "win.save",
  "win.mark-relation-source",
};

/* The others, after the editing actions in the bits of actions_enabled. */
enum {
  ACTION_UNDO = G_N_ELEMENTS (editing_actions),
  ACTION_REDO,
  ACTION_EDIT_ATTRIBUTES,
  ACTION_ARTICLE_LABELS,
  ACTION_ACCEPT_SUGGESTION,
  ACTION_REJECT_SUGGESTION,
  ACTION_ACCEPT_SHOWN_SUGGESTIONS,
  ACTION_ACCEPT_VISIBLE_SUGGESTIONS,
  ACTION_NEXT_SUGGESTION,
  ACTION_PREVIOUS_SUGGESTION,
  ACTION_SUGGEST,
  N_UPDATED_ACTIONS
};

G_STATIC_ASSERT (N_UPDATED_ACTIONS <= 32);

static void
set_action_enabled (GlossWindow *self,
                    guint        bit,
                    const char  *name,
                    gboolean     enabled)
{
  guint32 mask = 1u << bit;

  if ((self->actions_known & mask) != 0 && ((self->actions_enabled & mask) != 0) == !!enabled)
    return;

  self->actions_known |= mask;
  if (enabled)
    self->actions_enabled |= mask;
  else
    self->actions_enabled &= ~mask;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), name, enabled);
}

void
gloss_window_update_actions (GlossWindow *self)
{
  GlossAnnotationSet *set = gloss_window_get_current_set (self);
  gboolean editable = can_edit (self);

  for (guint i = 0; i < G_N_ELEMENTS (editing_actions); i++)
    set_action_enabled (self, i, editing_actions[i], editable);

  set_action_enabled (self, ACTION_UNDO, "win.undo", editable && gloss_annotation_set_can_undo (set));
  set_action_enabled (self, ACTION_REDO, "win.redo", editable && gloss_annotation_set_can_redo (set));
  set_action_enabled (self, ACTION_EDIT_ATTRIBUTES, "win.edit-attributes", can_edit_attributes (self));

  /* An instance action (it has a state), not one of the class's; it
   * compares itself. */
  {
    GAction *done = g_action_map_lookup_action (G_ACTION_MAP (self), "toggle-done");

    if (done != NULL)
      g_simple_action_set_enabled (G_SIMPLE_ACTION (done), editable);
  }

  set_action_enabled (self, ACTION_ARTICLE_LABELS, "win.article-labels", has_article_fields (self));

  /* Deciding needs a session that is editable and a suggestions file that
   * can be written (one that failed to load keeps the person's earlier
   * rejections: never written over); stepping only suggestions. */
  {
    gboolean has = gloss_window_has_suggestions (self);
    gboolean decide = editable && has && gloss_window_can_decide_suggestions (self);

    set_action_enabled (self, ACTION_ACCEPT_SUGGESTION, "win.accept-suggestion", decide);
    set_action_enabled (self, ACTION_REJECT_SUGGESTION, "win.reject-suggestion", decide);
    set_action_enabled (self, ACTION_ACCEPT_SHOWN_SUGGESTIONS, "win.accept-shown-suggestions", decide);
    set_action_enabled (self, ACTION_ACCEPT_VISIBLE_SUGGESTIONS, "win.accept-visible-suggestions", decide);
    set_action_enabled (self, ACTION_NEXT_SUGGESTION, "win.next-suggestion", has);
    set_action_enabled (self, ACTION_PREVIOUS_SUGGESTION, "win.previous-suggestion", has);
    set_action_enabled (self, ACTION_SUGGEST, "win.suggest", editable && gloss_window_can_suggest (self));
  }
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

void
gloss_window_class_init_actions (GlossWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /* The search bar's signals, in the template. */
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_search_next_match);
  gtk_widget_class_bind_template_callback (widget_class, on_search_previous_match);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stop);

  gtk_widget_class_install_action (widget_class, "win.annotate", "s", annotate_action);
  gtk_widget_class_install_action (widget_class, "win.set-label", "s", set_label_action);
  gtk_widget_class_install_action (widget_class, "win.delete-annotation", NULL, delete_annotation_action);
  gtk_widget_class_install_action (widget_class, "win.edit-note", NULL, edit_note_action);
  gtk_widget_class_install_action (widget_class, "win.edit-attributes", NULL, edit_attributes_action);
  gtk_widget_class_install_action (widget_class, "win.choose-speaker", NULL, choose_speaker_action);
  gtk_widget_class_install_action (widget_class, "win.mark-relation-source", NULL, mark_relation_source_action);
  gtk_widget_class_install_action (widget_class, "win.show-relations", NULL, show_relations_action);
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
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-reset", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.article-labels", NULL, article_labels_action);
  /* Not in the instance struct: found by gtk_widget_get_template_child(). */
  gtk_widget_class_bind_template_child_full (widget_class, "article_labels_button", FALSE, 0);

  /* The zoom keys are the window's own, so they work in any window
   * (the application's accelerators are in gloss-application.c). Both
   * keys that type "+" and the keypad's. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "win.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "win.zoom-reset", NULL);
}

/* What the instance adds: the stateful toggles (F9 and the header's
 * button; Ctrl+D and the menu's "Mark Article as Done"), the popovers'
 * choices, Tab in the article. */
void
gloss_window_init_actions (GlossWindow *self)
{
  static const GActionEntry entries[] = {
    { "toggle-corpus", NULL, NULL, "false", toggle_corpus_changed },
    { "toggle-done", NULL, NULL, "false", toggle_done_changed },
  };

  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);

  add_view_shortcuts (self);
  gloss_article_view_set_relations_enabled (self->article_view, TRUE);
  g_signal_connect_object (self->article_view, "relation-message",
                           G_CALLBACK (on_relation_message), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_swapped (self->set_signals, "items-changed", G_CALLBACK (on_set_edited), self);
  g_signal_group_connect_swapped (self->set_signals, "notify::can-undo", G_CALLBACK (on_can_undo_changed), self);
  g_signal_group_connect_swapped (self->set_signals, "annotation-changed", G_CALLBACK (on_set_edited), self);
  g_signal_group_connect_swapped (self->set_signals, "relations-changed", G_CALLBACK (on_set_edited), self);
  /* "2 of 5": where the view says which match is selected. */
  g_signal_connect_object (self->article_view, "notify::current-match",
                           G_CALLBACK (on_current_match_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::session", G_CALLBACK (gloss_window_update_actions), NULL);
  /* win.edit-attributes follows the selected span and its label. */
  g_signal_connect_object (self->article_view, "notify::selected-annotation",
                           G_CALLBACK (gloss_window_update_actions), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_swapped (self->set_signals, "annotation-changed",
                                  G_CALLBACK (gloss_window_update_actions), self);
  g_signal_connect (self, "notify::session", G_CALLBACK (sync_done), NULL);
  g_signal_group_connect_swapped (self->session_signals, "notify::done", G_CALLBACK (sync_done), self);
  g_signal_connect (self, "notify::session", G_CALLBACK (sync_document_labels), NULL);
  g_signal_group_connect_swapped (self->session_signals, "notify::document-labels",
                                  G_CALLBACK (sync_document_labels), self);
  gloss_window_update_actions (self);
}
