/* gloss-note-popover.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gloss-annotation-row.h"
#include "gloss-note-popover.h"

#define HEADING_EXCERPT_CHARS 40

struct _GlossNotePopover
{
  GtkPopover       parent_instance;

  GtkLabel        *heading;
  GtkTextView     *text_view;
  GtkWidget       *save_button;

  GlossAnnotation *annotation;
};

G_DEFINE_FINAL_TYPE (GlossNotePopover, gloss_note_popover, GTK_TYPE_POPOVER)

enum {
  NOTE_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
gloss_note_popover_dup_text (GlossNotePopover *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
gloss_note_popover_save (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  GlossNotePopover *self = GLOSS_NOTE_POPOVER (widget);
  g_autoptr(GlossAnnotation) annotation = NULL;
  g_autofree char *note = NULL;
  const char *old_note;

  if (self->annotation == NULL)
    return;

  annotation = g_object_ref (self->annotation);
  note = gloss_note_popover_dup_text (self);

  gtk_popover_popdown (GTK_POPOVER (self));

  old_note = gloss_annotation_get_note (annotation);
  if (g_strcmp0 (note, old_note != NULL ? old_note : "") != 0)
    g_signal_emit (self, signals[NOTE_SAVED], 0, annotation, note);
}

static void
gloss_note_popover_cancel (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  gtk_popover_popdown (GTK_POPOVER (widget));
}

static void
gloss_note_popover_closed (GtkPopover *popover)
{
  GlossNotePopover *self = GLOSS_NOTE_POPOVER (popover);

  g_clear_object (&self->annotation);
}

void
gloss_note_popover_edit (GlossNotePopover *self,
                         GlossAnnotation  *annotation)
{
  GtkTextBuffer *buffer;
  g_autofree char *excerpt = NULL;
  g_autofree char *heading = NULL;
  const char *note;

  g_return_if_fail (GLOSS_IS_NOTE_POPOVER (self));
  g_return_if_fail (GLOSS_IS_ANNOTATION (annotation));

  g_set_object (&self->annotation, annotation);

  excerpt = gloss_format_excerpt (gloss_annotation_get_exact (annotation), HEADING_EXCERPT_CHARS);
  /* Translators: heading of the note editor; %s is the annotated text. */
  heading = g_strdup_printf (_("Note on “%s”"), excerpt);
  gtk_label_set_text (self->heading, heading);

  note = gloss_annotation_get_note (annotation);
  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_set_text (buffer, note != NULL ? note : "", -1);
  {
    GtkTextIter end;

    gtk_text_buffer_get_end_iter (buffer, &end);
    gtk_text_buffer_place_cursor (buffer, &end);
  }

  gtk_popover_popup (GTK_POPOVER (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

GlossAnnotation *
gloss_note_popover_get_annotation (GlossNotePopover *self)
{
  g_return_val_if_fail (GLOSS_IS_NOTE_POPOVER (self), NULL);

  return self->annotation;
}

GtkTextBuffer *
gloss_note_popover_get_buffer (GlossNotePopover *self)
{
  g_return_val_if_fail (GLOSS_IS_NOTE_POPOVER (self), NULL);

  return gtk_text_view_get_buffer (self->text_view);
}

GtkWidget *
gloss_note_popover_new (void)
{
  return g_object_new (GLOSS_TYPE_NOTE_POPOVER, NULL);
}

static void
gloss_note_popover_dispose (GObject *object)
{
  GlossNotePopover *self = GLOSS_NOTE_POPOVER (object);

  g_clear_object (&self->annotation);

  G_OBJECT_CLASS (gloss_note_popover_parent_class)->dispose (object);
}

static void
gloss_note_popover_class_init (GlossNotePopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkPopoverClass *popover_class = GTK_POPOVER_CLASS (klass);

  object_class->dispose = gloss_note_popover_dispose;
  popover_class->closed = gloss_note_popover_closed;

  /**
   * GlossNotePopover::note-saved:
   * @annotation: the annotation whose note was edited
   * @note: the new note ("" to remove it)
   */
  signals[NOTE_SAVED] =
    g_signal_new ("note-saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 2, GLOSS_TYPE_ANNOTATION, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "note.save", NULL, gloss_note_popover_save);
  gtk_widget_class_install_action (widget_class, "note.cancel", NULL, gloss_note_popover_cancel);
}

/* Ctrl+Enter saves even though Enter alone starts a new line: caught
 * before the text view sees it. */
static void
gloss_note_popover_add_save_shortcut (GlossNotePopover *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  GtkShortcut *shortcut;

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  shortcut = gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>Return|<Control>KP_Enter"),
                               gtk_named_action_new ("note.save"));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static GtkWidget *
gloss_note_popover_build_buttons (GlossNotePopover *self)
{
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *cancel_button = gtk_button_new_with_mnemonic (_("_Cancel"));

  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel_button), "note.cancel");
  gtk_box_append (GTK_BOX (buttons), cancel_button);

  self->save_button = gtk_button_new_with_mnemonic (_("_Save"));
  gtk_widget_set_tooltip_text (self->save_button, _("Save the note (Ctrl+Enter)"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->save_button), "note.save");
  gtk_widget_add_css_class (self->save_button, "suggested-action");
  gtk_box_append (GTK_BOX (buttons), self->save_button);

  return buttons;
}

static void
gloss_note_popover_init (GlossNotePopover *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  gtk_widget_set_size_request (box, 320, -1);

  self->heading = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->heading, 0);
  gtk_label_set_ellipsize (self->heading, PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (self->heading, 40);
  {
    g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();

    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
    gtk_label_set_attributes (self->heading, attrs);
  }
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->heading));

  self->text_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (self->text_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (self->text_view, FALSE);
  gtk_text_view_set_left_margin (self->text_view, 6);
  gtk_text_view_set_right_margin (self->text_view, 6);
  gtk_text_view_set_top_margin (self->text_view, 6);
  gtk_text_view_set_bottom_margin (self->text_view, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Note"),
                                  -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->text_view),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->heading, NULL,
                                  -1);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 96);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 240);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_has_frame (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->text_view));
  gtk_box_append (GTK_BOX (box), scrolled);

  gtk_box_append (GTK_BOX (box), gloss_note_popover_build_buttons (self));

  gtk_popover_set_child (GTK_POPOVER (self), box);
  gtk_popover_set_default_widget (GTK_POPOVER (self), self->save_button);
  gloss_note_popover_add_save_shortcut (self);
}
