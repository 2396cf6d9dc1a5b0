/* gloss-relation-chooser.c — pick the type of a relation being drawn
 *
 * The frame is ui/gloss-relation-chooser.ui: a title and a list box; the
 * rows, the types that fit with their keys, are made here. The label set
 * has no names for relation types, so the type is shown as the sidecars
 * store it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gloss-relation-chooser.h"

struct _GlossRelationChooser
{
  GtkPopover  parent_instance;

  GtkListBox *list_box;
  GStrv       types;
  GArray     *keys;  /* gunichar per type, 0 for none */
};

G_DEFINE_FINAL_TYPE (GlossRelationChooser, gloss_relation_chooser, GTK_TYPE_POPOVER)

enum {
  TYPE_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
gloss_relation_chooser_emit (GlossRelationChooser *self,
                             guint                 index)
{
  g_autofree char *type = NULL;

  if (self->types == NULL || index >= g_strv_length (self->types))
    return;

  /* Popping down may let go of the list. */
  type = g_strdup (self->types[index]);
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[TYPE_CHOSEN], 0, type);
}

static void
on_row_activated (GlossRelationChooser *self,
                  GtkListBoxRow        *row,
                  GtkListBox           *list_box)
{
  gloss_relation_chooser_emit (self, (guint) gtk_list_box_row_get_index (row));
}

/* A type's key chooses it here too, as it does in the article. */
static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GlossRelationChooser  *self)
{
  gunichar key = g_unichar_tolower (gdk_keyval_to_unicode (keyval));

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0 || key == 0 || self->keys == NULL)
    return GDK_EVENT_PROPAGATE;

  for (guint i = 0; i < self->keys->len; i++)
    if (g_array_index (self->keys, gunichar, i) == key)
      {
        gloss_relation_chooser_emit (self, i);
        return GDK_EVENT_STOP;
      }

  return GDK_EVENT_PROPAGATE;
}

static GtkWidget *
make_row (const char *type,
          gunichar    key)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = gtk_label_new (type);
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_label_set_xalign (GTK_LABEL (name), 0.0f);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_box_append (GTK_BOX (box), name);

  if (key != 0)
    {
      char utf8[8] = { 0 };
      GtkWidget *key_label;

      g_unichar_to_utf8 (key, utf8);
      key_label = gtk_label_new (utf8);
      gtk_widget_add_css_class (key_label, "dim-label");
      gtk_box_append (GTK_BOX (box), key_label);
    }

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  return row;
}

GtkWidget *
gloss_relation_chooser_new (void)
{
  return g_object_new (GLOSS_TYPE_RELATION_CHOOSER, NULL);
}

void
gloss_relation_chooser_choose (GlossRelationChooser *self,
                               GlossLabelSet        *labels,
                               const char * const   *types)
{
  GtkWidget *child;
  GtkListBoxRow *first;

  g_return_if_fail (GLOSS_IS_RELATION_CHOOSER (self));
  g_return_if_fail (types != NULL);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);

  g_strfreev (self->types);
  self->types = g_strdupv ((char **) types);
  g_array_set_size (self->keys, 0);

  for (guint i = 0; types[i] != NULL; i++)
    {
      gunichar key = labels != NULL ? gloss_label_set_get_relation_key (labels, types[i]) : 0;

      key = g_unichar_tolower (key);
      g_array_append_val (self->keys, key);
      gtk_list_box_append (self->list_box, make_row (types[i], key));
    }

  gtk_popover_popup (GTK_POPOVER (self));

  first = gtk_list_box_get_row_at_index (self->list_box, 0);
  if (first != NULL)
    {
      gtk_list_box_select_row (self->list_box, first);
      gtk_widget_grab_focus (GTK_WIDGET (first));
    }
}

const char * const *
gloss_relation_chooser_get_types (GlossRelationChooser *self)
{
  g_return_val_if_fail (GLOSS_IS_RELATION_CHOOSER (self), NULL);

  return (const char * const *) self->types;
}

static void
gloss_relation_chooser_finalize (GObject *object)
{
  GlossRelationChooser *self = GLOSS_RELATION_CHOOSER (object);

  g_strfreev (self->types);
  g_array_unref (self->keys);

  G_OBJECT_CLASS (gloss_relation_chooser_parent_class)->finalize (object);
}

static void
gloss_relation_chooser_class_init (GlossRelationChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = gloss_relation_chooser_finalize;

  /**
   * GlossRelationChooser::type-chosen:
   * @type: the relation type chosen
   */
  signals[TYPE_CHOSEN] =
    g_signal_new ("type-chosen",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/gloss-relation-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossRelationChooser, list_box);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_key_pressed);
}

static void
gloss_relation_chooser_init (GlossRelationChooser *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->keys = g_array_new (FALSE, FALSE, sizeof (gunichar));
}
