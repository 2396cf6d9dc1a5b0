/* gloss-label-bar.c — one button per label, to mark the selection with it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gloss-label-bar.h"

struct _GlossLabelBar
{
  GtkWidget parent_instance;

  GlossLabelSet *labels;
  GPtrArray     *buttons;   /* GtkWidget*, after the title, in label order */

  /* Template */
  GtkWidget *title;
};

G_DEFINE_FINAL_TYPE (GlossLabelBar, gloss_label_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LABEL_SET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A dot in the label's colour; the name says what it is for people who
 * cannot tell colours apart, the key how to do it without the mouse. */
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

static void
remove_buttons (GlossLabelBar *self)
{
  for (guint i = 0; i < self->buttons->len; i++)
    gtk_widget_unparent (g_ptr_array_index (self->buttons, i));
  g_ptr_array_set_size (self->buttons, 0);
}

static void
rebuild_buttons (GlossLabelBar *self)
{
  GtkWidget *previous = self->title;
  guint n;

  remove_buttons (self);
  if (self->labels == NULL)
    return;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->labels));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossLabel) label = g_list_model_get_item (G_LIST_MODEL (self->labels), i);
      GtkWidget *button = make_label_button (label);

      gtk_widget_insert_after (button, GTK_WIDGET (self), previous);
      g_ptr_array_add (self->buttons, button);
      previous = button;
    }
}

static void
gloss_label_bar_dispose (GObject *object)
{
  GlossLabelBar *self = GLOSS_LABEL_BAR (object);

  remove_buttons (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_LABEL_BAR);
  g_clear_object (&self->labels);

  G_OBJECT_CLASS (gloss_label_bar_parent_class)->dispose (object);
}

static void
gloss_label_bar_finalize (GObject *object)
{
  GlossLabelBar *self = GLOSS_LABEL_BAR (object);

  g_clear_pointer (&self->buttons, g_ptr_array_unref);

  G_OBJECT_CLASS (gloss_label_bar_parent_class)->finalize (object);
}

static void
gloss_label_bar_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  GlossLabelBar *self = GLOSS_LABEL_BAR (object);

  switch (prop_id)
    {
    case PROP_LABEL_SET:
      g_value_set_object (value, self->labels);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_label_bar_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  GlossLabelBar *self = GLOSS_LABEL_BAR (object);

  switch (prop_id)
    {
    case PROP_LABEL_SET:
      gloss_label_bar_set_label_set (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_label_bar_class_init (GlossLabelBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_label_bar_dispose;
  object_class->finalize = gloss_label_bar_finalize;
  object_class->get_property = gloss_label_bar_get_property;
  object_class->set_property = gloss_label_bar_set_property;

  properties[PROP_LABEL_SET] =
    g_param_spec_object ("label-set", NULL, NULL,
                         GLOSS_TYPE_LABEL_SET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/gloss-label-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossLabelBar, title);

  gtk_widget_class_set_css_name (widget_class, "labelbar");
  /* What the GtkBox it replaces was to assistive technologies. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
gloss_label_bar_init (GlossLabelBar *self)
{
  self->buttons = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
gloss_label_bar_new (void)
{
  return g_object_new (GLOSS_TYPE_LABEL_BAR, NULL);
}

void
gloss_label_bar_set_label_set (GlossLabelBar *self,
                               GlossLabelSet *labels)
{
  g_return_if_fail (GLOSS_IS_LABEL_BAR (self));
  g_return_if_fail (labels == NULL || GLOSS_IS_LABEL_SET (labels));

  /* A label set does not change once loaded: the same one, the same
   * buttons. */
  if (!g_set_object (&self->labels, labels))
    return;

  rebuild_buttons (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL_SET]);
}

GlossLabelSet *
gloss_label_bar_get_label_set (GlossLabelBar *self)
{
  g_return_val_if_fail (GLOSS_IS_LABEL_BAR (self), NULL);

  return self->labels;
}
