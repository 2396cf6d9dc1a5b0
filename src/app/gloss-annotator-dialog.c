/* gloss-annotator-dialog.c — the first-run question: who is annotating?
 *
 * The widgets are in ui/gloss-annotator-dialog.ui.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gloss-annotator-dialog.h"
#include "gloss-id-entry.h"
#include "gloss-sidecar.h"

struct _GlossAnnotatorDialog
{
  GtkWindow  parent_instance;

  GSettings *settings;

  GtkWidget *id_entry;
  GtkWidget *id_error;
  GtkStack  *id_error_stack;
  GtkWidget *id_no_error;
  GtkWidget *name_entry;
  GtkWidget *continue_button;

  gboolean   saved;
  gboolean   done_emitted;
};

G_DEFINE_FINAL_TYPE (GlossAnnotatorDialog, gloss_annotator_dialog, GTK_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

char *
gloss_annotator_dialog_suggest_id (const char *user_name)
{
  g_autofree char *lower = NULL;
  GString *id;

  if (user_name == NULL)
    return NULL;

  lower = g_utf8_strdown (user_name, -1);
  id = g_string_new (NULL);

  for (const char *p = lower; *p != '\0' && id->len < GLOSS_SIDECAR_MAX_ID; p++)
    {
      gboolean alnum = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9');

      /* An id may not start with "-" or "_". */
      if (alnum || (id->len > 0 && (*p == '-' || *p == '_')))
        g_string_append_c (id, *p);
    }

  if (!gloss_annotator_id_is_valid (id->str))
    {
      g_string_free (id, TRUE);
      return NULL;
    }

  return g_string_free (id, FALSE);
}

static void
emit_done (GlossAnnotatorDialog *self)
{
  if (self->done_emitted)
    return;

  self->done_emitted = TRUE;
  g_signal_emit (self, signals[DONE], 0, self->saved);
}

static void
on_id_changed (GlossAnnotatorDialog *self)
{
  const char *id = gtk_editable_get_text (GTK_EDITABLE (self->id_entry));
  gboolean valid = gloss_id_entry_get_valid (GLOSS_ID_ENTRY (self->id_entry));

  gtk_widget_set_sensitive (self->continue_button, valid);
  /* A page of a stack rather than a label shown and hidden: the dialog
   * keeps its size. */
  gtk_stack_set_visible_child (self->id_error_stack,
                               !valid && id[0] != '\0' ? self->id_error : self->id_no_error);
}

static void
on_continue_clicked (GlossAnnotatorDialog *self)
{
  const char *id = gtk_editable_get_text (GTK_EDITABLE (self->id_entry));
  g_autofree char *name = NULL;

  if (!gloss_annotator_id_is_valid (id))
    return;

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry))));

  /* The name first: whoever reacts to the new id finds the name ready. */
  g_settings_set_string (self->settings, "annotator-name", name);
  g_settings_set_string (self->settings, "annotator-id", id);

  self->saved = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
gloss_annotator_dialog_close_request (GtkWindow *window)
{
  emit_done (GLOSS_ANNOTATOR_DIALOG (window));

  return GTK_WINDOW_CLASS (gloss_annotator_dialog_parent_class)->close_request (window);
}

/* The settings when already chosen, else what the account says. */
static void
prefill (GlossAnnotatorDialog *self)
{
  g_autofree char *id = g_settings_get_string (self->settings, "annotator-id");
  g_autofree char *name = g_settings_get_string (self->settings, "annotator-name");
  const char *real_name = g_get_real_name ();

  if (!gloss_annotator_id_is_valid (id))
    {
      g_free (id);
      id = gloss_annotator_dialog_suggest_id (g_get_user_name ());
    }

  /* GLib answers "Unknown" when the account has no full name. */
  if ((name == NULL || name[0] == '\0')
      && real_name != NULL && g_strcmp0 (real_name, "Unknown") != 0)
    {
      g_free (name);
      name = g_strdup (real_name);
    }

  gtk_editable_set_text (GTK_EDITABLE (self->id_entry), id != NULL ? id : "");
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), name != NULL ? name : "");
  on_id_changed (self);
}

static void
gloss_annotator_dialog_constructed (GObject *object)
{
  GlossAnnotatorDialog *self = GLOSS_ANNOTATOR_DIALOG (object);

  G_OBJECT_CLASS (gloss_annotator_dialog_parent_class)->constructed (object);

  g_return_if_fail (G_IS_SETTINGS (self->settings));

  prefill (self);
}

static void
gloss_annotator_dialog_dispose (GObject *object)
{
  GlossAnnotatorDialog *self = GLOSS_ANNOTATOR_DIALOG (object);

  /* Destroyed without being closed (say, with its parent): the caller
   * still waits for an answer. */
  emit_done (self);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (gloss_annotator_dialog_parent_class)->dispose (object);
}

static void
gloss_annotator_dialog_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  GlossAnnotatorDialog *self = GLOSS_ANNOTATOR_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_annotator_dialog_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  GlossAnnotatorDialog *self = GLOSS_ANNOTATOR_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_annotator_dialog_class_init (GlossAnnotatorDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = gloss_annotator_dialog_constructed;
  object_class->dispose = gloss_annotator_dialog_dispose;
  object_class->get_property = gloss_annotator_dialog_get_property;
  object_class->set_property = gloss_annotator_dialog_set_property;

  window_class->close_request = gloss_annotator_dialog_close_request;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[DONE] =
    g_signal_new ("done",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/gloss-annotator-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossAnnotatorDialog, id_entry);
  gtk_widget_class_bind_template_child (widget_class, GlossAnnotatorDialog, id_error);
  gtk_widget_class_bind_template_child (widget_class, GlossAnnotatorDialog, id_error_stack);
  gtk_widget_class_bind_template_child (widget_class, GlossAnnotatorDialog, id_no_error);
  gtk_widget_class_bind_template_child (widget_class, GlossAnnotatorDialog, name_entry);
  gtk_widget_class_bind_template_child (widget_class, GlossAnnotatorDialog, continue_button);
  gtk_widget_class_bind_template_callback (widget_class, on_id_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_continue_clicked);
}

static void
gloss_annotator_dialog_init (GlossAnnotatorDialog *self)
{
  g_type_ensure (GLOSS_TYPE_ID_ENTRY);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
gloss_annotator_dialog_new (GtkWindow *parent,
                            GSettings *settings)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (GLOSS_TYPE_ANNOTATOR_DIALOG,
                       "transient-for", parent,
                       "settings", settings,
                       NULL);
}
