/* gloss-id-entry.c — an entry for an annotator id that says when it is not one
 *
 * Annotator ids name files ("article.txt.ID.gloss.json"), so they are kept
 * to lowercase letters, digits, "-" and "_". The entry marks a text that is
 * not an id at once, for the eye (the "error" style) and for assistive
 * technologies (the invalid state); what to say about it, and when to save
 * it, is the window's business.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gloss.h"
#include "gloss-id-entry.h"

struct _GlossIdEntry
{
  GtkEntry parent_instance;

  gboolean valid;
  gboolean mark_empty;
};

G_DEFINE_FINAL_TYPE (GlossIdEntry, gloss_id_entry, GTK_TYPE_ENTRY)

enum {
  PROP_0,
  PROP_VALID,
  PROP_MARK_EMPTY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
check_text (GlossIdEntry *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self));
  gboolean valid = gloss_annotator_id_is_valid (text);
  gboolean marked = !valid && (self->mark_empty || text[0] != '\0');

  if (marked)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (self),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_INVALID);
    }

  if (self->valid != valid)
    {
      self->valid = valid;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
    }
}

static void
gloss_id_entry_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  GlossIdEntry *self = GLOSS_ID_ENTRY (object);

  switch (prop_id)
    {
    case PROP_VALID:
      g_value_set_boolean (value, self->valid);
      break;
    case PROP_MARK_EMPTY:
      g_value_set_boolean (value, self->mark_empty);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_id_entry_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  GlossIdEntry *self = GLOSS_ID_ENTRY (object);

  switch (prop_id)
    {
    case PROP_MARK_EMPTY:
      gloss_id_entry_set_mark_empty (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_id_entry_class_init (GlossIdEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = gloss_id_entry_get_property;
  object_class->set_property = gloss_id_entry_set_property;

  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MARK_EMPTY] =
    g_param_spec_boolean ("mark-empty", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gloss_id_entry_init (GlossIdEntry *self)
{
  self->mark_empty = TRUE;

  gtk_entry_set_max_length (GTK_ENTRY (self), GLOSS_SIDECAR_MAX_ID);
  gtk_entry_set_input_hints (GTK_ENTRY (self),
                             GTK_INPUT_HINT_NO_SPELLCHECK | GTK_INPUT_HINT_LOWERCASE
                             | GTK_INPUT_HINT_NO_EMOJI);
  g_signal_connect (self, "changed", G_CALLBACK (check_text), NULL);
  check_text (self);
}

GtkWidget *
gloss_id_entry_new (void)
{
  return g_object_new (GLOSS_TYPE_ID_ENTRY, NULL);
}

gboolean
gloss_id_entry_get_valid (GlossIdEntry *self)
{
  g_return_val_if_fail (GLOSS_IS_ID_ENTRY (self), FALSE);
  return self->valid;
}

void
gloss_id_entry_set_mark_empty (GlossIdEntry *self,
                               gboolean      mark_empty)
{
  g_return_if_fail (GLOSS_IS_ID_ENTRY (self));

  mark_empty = !!mark_empty;
  if (self->mark_empty == mark_empty)
    return;

  self->mark_empty = mark_empty;
  check_text (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MARK_EMPTY]);
}
