/* gloss-label-bar.c — one button per label, to mark the selection with it
 *
 * The bar is one row, whatever the number of labels, and as narrow as its
 * "More Labels" button: it lays out its children itself.  When everything
 * fits it shows the title and every label; when not, the title goes first,
 * then the labels from the end of the set, which "More Labels" lists in a
 * popover with their colours and keys.
 *
 * Why an overflow menu rather than wrapping the buttons onto more rows:
 * the bar keeps one height, so the article under it does not jump when the
 * window is resized or a corpus with 30 labels is opened (wrapped, 30
 * labels in a narrow window take half of it); the first labels of the set,
 * the ones its author put first, stay where they are, one click away; the
 * others are two clicks, or Tab to "More Labels", Enter, and the arrows.
 * The keys of the labels work everywhere through win.annotate's
 * accelerators, so the menu is only ever the mouse's way to a label.
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
  GPtrArray     *buttons;        /* GtkWidget*, after the title, in label order */
  GPtrArray     *menu_buttons;   /* GtkWidget*, the same labels in more_box */

  /* How many buttons the last allocation showed; the menu lists the rest. */
  guint          n_shown;
  guint          update_menu_source;

  /* Template */
  GtkWidget *title;
  GtkWidget *more_button;
  GtkWidget *more_popover;
  GtkWidget *more_box;

  /* Where the keyboard was when the menu took it, to give it back. */
  GWeakRef   last_focus;          /* outside the menu */
  GWeakRef   focus_before_menu;
  gboolean   menu_has_focus;
  GtkRoot   *root;                /* followed for its focus */
};

#define SPACING 6

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
      /* Translators: a label button: its name, then its key, dimmed
       * ("Claim c"). Names and keys come from label files: "R&D", "<". */
      text = g_markup_printf_escaped (_("%s <span alpha=\"60%%\">%s</span>"),
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
  /* A click leaves the keyboard in the article, where the selection and
   * the label keys are; Tab still reaches the button. */
  gtk_widget_set_focus_on_click (button, FALSE);
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

  for (guint i = 0; i < self->menu_buttons->len; i++)
    gtk_box_remove (GTK_BOX (self->more_box), g_ptr_array_index (self->menu_buttons, i));
  g_ptr_array_set_size (self->menu_buttons, 0);
}

/* The menu lists exactly the labels the bar has no room for. */
static void
update_menu (GlossLabelBar *self)
{
  guint n_hidden = self->menu_buttons->len - MIN (self->n_shown, self->menu_buttons->len);
  g_autofree char *tooltip = NULL;

  for (guint i = 0; i < self->menu_buttons->len; i++)
    gtk_widget_set_visible (g_ptr_array_index (self->menu_buttons, i), i >= self->n_shown);

  /* How many, in the tooltip rather than on the button: a button whose
   * width changed with the count could change the count. */
  tooltip = g_strdup_printf (ngettext ("%u Label That Does Not Fit in the Window",
                                       "%u Labels That Do Not Fit in the Window",
                                       n_hidden),
                             n_hidden);
  gtk_widget_set_tooltip_text (self->more_button, tooltip);
}

static gboolean
update_menu_idle (gpointer data)
{
  GlossLabelBar *self = data;

  self->update_menu_source = 0;
  update_menu (self);
  return G_SOURCE_REMOVE;
}

/* Before the popover is shown, so that it opens at its right size. */
static void
on_more_popover_show (GlossLabelBar *self)
{
  update_menu (self);
}

/* GTK gives the keyboard back to the popover's parent, "More Labels":
 * right when the menu was opened from there, but opened with the mouse
 * while the keyboard was in the article, the label keys would stop
 * working until a click in the article, which loses the selection. So
 * the menu gives the keyboard back to where it was when it took it. */
static void
on_focus_changed (GlossLabelBar *self)
{
  GtkWidget *focus = gtk_root_get_focus (self->root);

  if (focus == NULL)
    return;

  if (gtk_widget_is_ancestor (focus, self->more_popover))
    {
      if (!self->menu_has_focus)
        {
          g_autoptr(GtkWidget) before = g_weak_ref_get (&self->last_focus);

          self->menu_has_focus = TRUE;
          g_weak_ref_set (&self->focus_before_menu, before);
        }
      return;
    }

  g_weak_ref_set (&self->last_focus, focus);
}

static void
on_more_popover_closed (GlossLabelBar *self)
{
  g_autoptr(GtkWidget) focus = g_weak_ref_get (&self->focus_before_menu);

  g_weak_ref_set (&self->focus_before_menu, NULL);
  self->menu_has_focus = FALSE;
  if (focus != NULL && gtk_widget_get_mapped (focus)
      && gtk_widget_get_root (focus) == gtk_widget_get_root (GTK_WIDGET (self)))
    gtk_widget_grab_focus (focus);
}

static void
make_menu_button (GlossLabelBar *self,
                  GlossLabel    *label)
{
  GtkWidget *button = make_label_button (label);

  /* Chosen, the label is applied and the menu has done its job. */
  g_signal_connect_object (button, "clicked", G_CALLBACK (gtk_popover_popdown),
                           self->more_popover, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (self->more_box), button);
  g_ptr_array_add (self->menu_buttons, button);
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
      make_menu_button (self, label);
    }
  update_menu (self);
}

/* Layout */

static int
natural_width (GtkWidget *widget)
{
  int natural = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  return natural;
}

/* The width of buttons [0, n) side by side. */
static int
buttons_width (GlossLabelBar *self,
               guint          n)
{
  int width = 0;

  for (guint i = 0; i < n; i++)
    width += natural_width (g_ptr_array_index (self->buttons, i)) + (i > 0 ? SPACING : 0);
  return width;
}

static void
gloss_label_bar_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  GlossLabelBar *self = GLOSS_LABEL_BAR (widget);

  *minimum = *natural = 0;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int title = natural_width (self->title);

      if (self->buttons->len == 0)
        {
          /* Nothing to hide the title for but the lack of room. */
          *natural = title;
          return;
        }
      /* At the least, every label in the menu; at best, all in view. */
      gtk_widget_measure (self->more_button, orientation, -1, minimum, NULL, NULL, NULL);
      *natural = MAX (*minimum, title + SPACING + buttons_width (self, self->buttons->len));
      return;
    }

  /* One row as tall as the tallest child, shown or not: the bar keeps
   * its height when labels move into the menu. */
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min = 0, child_nat = 0;

      if (!gtk_widget_get_visible (child))
        continue;
      gtk_widget_measure (child, orientation, -1, &child_min, &child_nat, NULL, NULL);
      *minimum = MAX (*minimum, child_min);
      *natural = MAX (*natural, child_nat);
    }
}

/* Places @child at @x (from the start edge, mirrored right to left) with
 * its natural width, or hides it when @width is 0. */
static int
place (GtkWidget *widget,
       int        bar_width,
       GtkWidget *child,
       int        x,
       int        width,
       int        height)
{
  gtk_widget_set_child_visible (child, width > 0);
  if (width == 0)
    return x;

  if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
    gtk_widget_size_allocate (child, &(GtkAllocation) { bar_width - x - width, 0, width, height }, -1);
  else
    gtk_widget_size_allocate (child, &(GtkAllocation) { x, 0, width, height }, -1);
  return x + width + SPACING;
}

/* How many buttons fit in @width, and whether the title does too. */
static guint
count_fitting (GlossLabelBar *self,
               int            width,
               gboolean      *show_title)
{
  guint n = self->buttons->len;
  int all = buttons_width (self, n);
  int room;
  guint fitting = 0;

  *show_title = natural_width (self->title) + (n > 0 ? SPACING + all : 0) <= width;
  if (*show_title || all <= width)
    return n;

  /* Some go to the menu: the rest share what "More Labels" leaves. */
  room = width - natural_width (self->more_button) - SPACING;
  for (int used = 0; fitting < n; fitting++)
    {
      used += natural_width (g_ptr_array_index (self->buttons, fitting)) + (fitting > 0 ? SPACING : 0);
      if (used > room)
        break;
    }
  return fitting;
}

static void
gloss_label_bar_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  GlossLabelBar *self = GLOSS_LABEL_BAR (widget);
  gboolean show_title;
  guint n_shown = count_fitting (self, width, &show_title);
  int x = 0;

  x = place (widget, width, self->title, x, show_title ? natural_width (self->title) : 0, height);
  for (guint i = 0; i < self->buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (self->buttons, i);

      x = place (widget, width, button, x, i < n_shown ? natural_width (button) : 0, height);
    }
  place (widget, width, self->more_button, x,
         n_shown < self->buttons->len ? natural_width (self->more_button) : 0, height);

  /* Not now: showing and hiding the menu's buttons during an allocation
   * would ask for another one. */
  if (n_shown != self->n_shown)
    {
      self->n_shown = n_shown;
      if (self->update_menu_source == 0)
        self->update_menu_source = g_idle_add (update_menu_idle, self);
    }
}

static void
gloss_label_bar_root (GtkWidget *widget)
{
  GlossLabelBar *self = GLOSS_LABEL_BAR (widget);

  GTK_WIDGET_CLASS (gloss_label_bar_parent_class)->root (widget);

  self->root = gtk_widget_get_root (widget);
  g_signal_connect_object (self->root, "notify::focus-widget",
                           G_CALLBACK (on_focus_changed), self, G_CONNECT_SWAPPED);
}

static void
gloss_label_bar_unroot (GtkWidget *widget)
{
  GlossLabelBar *self = GLOSS_LABEL_BAR (widget);

  g_signal_handlers_disconnect_by_func (self->root, on_focus_changed, self);
  self->root = NULL;
  g_weak_ref_set (&self->last_focus, NULL);
  g_weak_ref_set (&self->focus_before_menu, NULL);

  GTK_WIDGET_CLASS (gloss_label_bar_parent_class)->unroot (widget);
}

static void
gloss_label_bar_dispose (GObject *object)
{
  GlossLabelBar *self = GLOSS_LABEL_BAR (object);

  remove_buttons (self);
  g_clear_handle_id (&self->update_menu_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_LABEL_BAR);
  g_clear_object (&self->labels);

  G_OBJECT_CLASS (gloss_label_bar_parent_class)->dispose (object);
}

static void
gloss_label_bar_finalize (GObject *object)
{
  GlossLabelBar *self = GLOSS_LABEL_BAR (object);

  g_clear_pointer (&self->buttons, g_ptr_array_unref);
  g_clear_pointer (&self->menu_buttons, g_ptr_array_unref);
  g_weak_ref_clear (&self->last_focus);
  g_weak_ref_clear (&self->focus_before_menu);

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
  gtk_widget_class_bind_template_child (widget_class, GlossLabelBar, more_button);
  gtk_widget_class_bind_template_child (widget_class, GlossLabelBar, more_popover);
  gtk_widget_class_bind_template_child (widget_class, GlossLabelBar, more_box);
  gtk_widget_class_bind_template_callback (widget_class, on_more_popover_show);
  gtk_widget_class_bind_template_callback (widget_class, on_more_popover_closed);

  widget_class->measure = gloss_label_bar_measure;
  widget_class->size_allocate = gloss_label_bar_size_allocate;
  widget_class->root = gloss_label_bar_root;
  widget_class->unroot = gloss_label_bar_unroot;

  gtk_widget_class_set_css_name (widget_class, "labelbar");
  /* What the GtkBox it replaces was to assistive technologies. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
gloss_label_bar_init (GlossLabelBar *self)
{
  self->buttons = g_ptr_array_new ();
  self->menu_buttons = g_ptr_array_new ();
  g_weak_ref_init (&self->last_focus, NULL);
  g_weak_ref_init (&self->focus_before_menu, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The same for "More Labels", whose button is its first child. */
  if (GTK_IS_BUTTON (gtk_widget_get_first_child (self->more_button)))
    gtk_widget_set_focus_on_click (gtk_widget_get_first_child (self->more_button), FALSE);
}

GtkWidget *
gloss_label_bar_new (void)
{
  return g_object_new (GLOSS_TYPE_LABEL_BAR, NULL);
}

/* The buttons show a label's id (their action's target), kind, name,
 * colour and key: two sets alike in all of these, in the same order, show
 * the same buttons. */
static gboolean
same_buttons (GlossLabelSet *a,
              GlossLabelSet *b)
{
  guint n;

  if (a == NULL || b == NULL)
    return a == b;

  n = g_list_model_get_n_items (G_LIST_MODEL (a));
  if (n != g_list_model_get_n_items (G_LIST_MODEL (b)))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossLabel) x = g_list_model_get_item (G_LIST_MODEL (a), i);
      g_autoptr(GlossLabel) y = g_list_model_get_item (G_LIST_MODEL (b), i);

      if (g_strcmp0 (gloss_label_get_id (x), gloss_label_get_id (y)) != 0
          || gloss_label_get_kind (x) != gloss_label_get_kind (y)
          || g_strcmp0 (gloss_label_get_name (x), gloss_label_get_name (y)) != 0
          || g_strcmp0 (gloss_label_get_color (x), gloss_label_get_color (y)) != 0
          || gloss_label_get_shortcut (x) != gloss_label_get_shortcut (y))
        return FALSE;
    }
  return TRUE;
}

void
gloss_label_bar_set_label_set (GlossLabelBar *self,
                               GlossLabelSet *labels)
{
  gboolean same;

  g_return_if_fail (GLOSS_IS_LABEL_BAR (self));
  g_return_if_fail (labels == NULL || GLOSS_IS_LABEL_SET (labels));

  /* A label set does not change once loaded: the same one, or one just
   * like it (the next article of a folder, the article opened again), the
   * same buttons, kept rather than made again. */
  same = same_buttons (self->labels, labels);
  if (!g_set_object (&self->labels, labels))
    return;

  if (!same)
    rebuild_buttons (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL_SET]);
}

GlossLabelSet *
gloss_label_bar_get_label_set (GlossLabelBar *self)
{
  g_return_val_if_fail (GLOSS_IS_LABEL_BAR (self), NULL);

  return self->labels;
}
