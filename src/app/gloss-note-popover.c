/* gloss-note-popover.c — edit the note of one annotation
 *
 * The widgets, and Ctrl+Enter, are in ui/gloss-note-popover.ui.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gloss-excerpt.h"
#include "gloss-note-popover-private.h"

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

  excerpt = gloss_format_quoted_excerpt (gloss_annotation_get_exact (annotation), HEADING_EXCERPT_CHARS);
  /* Translators: heading of the note editor; %s is the annotated text,
   * already in quotation marks. */
  heading = g_strdup_printf (_("Note on %s"), excerpt);
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

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/gloss-note-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossNotePopover, heading);
  gtk_widget_class_bind_template_child (widget_class, GlossNotePopover, text_view);
  gtk_widget_class_bind_template_child (widget_class, GlossNotePopover, save_button);
}

static void
gloss_note_popover_init (GlossNotePopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
