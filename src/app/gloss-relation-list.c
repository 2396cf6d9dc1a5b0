/* gloss-relation-list.c — the relations of one span, each deletable
 *
 * The frame is ui/gloss-relation-list.ui: a title, a list box and what it
 * says when there is nothing in it; the rows, one per relation with its
 * delete button, are made here from the set.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gloss-excerpt.h"
#include "gloss-relation-list.h"

#define EXCERPT_CHARS 40

struct _GlossRelationList
{
  GtkPopover          parent_instance;

  GtkListBox         *list_box;
  GtkWidget          *empty_label;

  GlossAnnotationSet *set;
  GlossAnnotation    *annotation;
  GPtrArray          *relations;  /* GlossRelation, as the rows */
  gulong              relations_changed_id;
};

G_DEFINE_FINAL_TYPE (GlossRelationList, gloss_relation_list, GTK_TYPE_POPOVER)

enum {
  REMOVE_RELATION,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void rebuild (GlossRelationList *self,
                     gint               focus_index);

/* "speaker → “Mayor Ruiz”" for a relation that starts at this span,
 * "speaker ← “The vote …”" for one that ends here: the type first, the
 * arrow pointing as the relation does. */
static char *
describe (GlossRelationList *self,
          GlossRelation     *relation)
{
  gboolean outgoing = g_strcmp0 (gloss_relation_get_from (relation),
                                 gloss_annotation_get_id (self->annotation)) == 0;
  const char *other_id = outgoing ? gloss_relation_get_to (relation) : gloss_relation_get_from (relation);
  GlossAnnotation *other = gloss_annotation_set_lookup (self->set, other_id);
  g_autofree char *excerpt = NULL;

  if (other != NULL)
    excerpt = gloss_format_quoted_excerpt (gloss_annotation_get_exact (other), EXCERPT_CHARS);
  else
    excerpt = g_strdup (other_id);

  if (outgoing)
    /* Translators: a relation that starts at the selected span: its type,
     * then the span it goes to, already quoted: "speaker → “Mayor Ruiz”" */
    return g_strdup_printf (_("%s → %s"), gloss_relation_get_rel_type (relation), excerpt);
  /* Translators: a relation that ends at the selected span: its type, then
   * the span it starts at, already quoted: "speaker ← “The vote …”" */
  return g_strdup_printf (_("%s ← %s"), gloss_relation_get_rel_type (relation), excerpt);
}

static void
remove_at (GlossRelationList *self,
           guint              index)
{
  g_autoptr(GlossRelation) relation = NULL;

  if (index >= self->relations->len)
    return;

  relation = g_object_ref (g_ptr_array_index (self->relations, index));
  g_signal_emit (self, signals[REMOVE_RELATION], 0, relation);
  /* The list follows the set (relations-changed); the row after takes the
   * focus, or the one before at the end. */
  rebuild (self, (gint) MIN (index, self->relations->len > 0 ? self->relations->len - 1 : 0));
}

static void
on_delete_clicked (GtkButton         *button,
                   GlossRelationList *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);

  if (row != NULL)
    remove_at (self, (guint) gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)));
}

/* A popover is a surface of its own: the window's accelerators do not
 * see its keys. Ctrl+Z, Ctrl+S and the others are passed on to their
 * actions, so that a relation deleted here is undone from here. */
static gboolean
forward_accel (GlossRelationList *self,
               guint              keyval,
               GdkModifierType    state)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkApplication *application = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;
  g_autofree char *accel = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GVariant) target = NULL;
  g_auto(GStrv) actions = NULL;

  if (application == NULL)
    return GDK_EVENT_PROPAGATE;

  accel = gtk_accelerator_name (gdk_keyval_to_lower (keyval), state & gtk_accelerator_get_default_mod_mask ());
  actions = gtk_application_get_actions_for_accel (application, accel);
  if (actions == NULL || actions[0] == NULL
      || !g_action_parse_detailed_name (actions[0], &name, &target, NULL))
    return GDK_EVENT_PROPAGATE;

  return gtk_widget_activate_action_variant (GTK_WIDGET (self), name, target)
         ? GDK_EVENT_STOP : GDK_EVENT_PROPAGATE;
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GlossRelationList     *self)
{
  GtkWidget *focus;
  GtkWidget *row;

  if ((state & GDK_CONTROL_MASK) != 0)
    return forward_accel (self, keyval, state);

  if (keyval != GDK_KEY_Delete && keyval != GDK_KEY_KP_Delete && keyval != GDK_KEY_BackSpace)
    return GDK_EVENT_PROPAGATE;
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;

  focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));
  row = focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW) : NULL;
  if (row == NULL)
    {
      GtkListBoxRow *selected = gtk_list_box_get_selected_row (self->list_box);

      row = selected != NULL ? GTK_WIDGET (selected) : NULL;
    }
  if (row == NULL)
    return GDK_EVENT_PROPAGATE;

  remove_at (self, (guint) gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)));
  return GDK_EVENT_STOP;
}

static GtkWidget *
make_row (GlossRelationList *self,
          GlossRelation     *relation)
{
  g_autofree char *text = describe (self, relation);
  g_autofree char *button_name = NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 50);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Delete This Relation (Delete)"));
  /* Translators: what a screen reader says for the delete button of one
   * relation; %s is the relation as the row shows it. */
  button_name = g_strdup_printf (_("Delete the relation %s"), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, button_name,
                                  -1);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_delete_clicked), self, 0);
  gtk_box_append (GTK_BOX (box), button);

  gtk_widget_set_margin_start (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  -1);
  return row;
}

/* The rows again, from the set; the row at @focus_index (-1: the first)
 * selected and focused. */
static void
rebuild (GlossRelationList *self,
         gint               focus_index)
{
  GtkWidget *child;
  GtkListBoxRow *row;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);

  g_clear_pointer (&self->relations, g_ptr_array_unref);
  if (self->set == NULL || self->annotation == NULL)
    {
      self->relations = g_ptr_array_new_with_free_func (g_object_unref);
      return;
    }

  self->relations = gloss_annotation_set_relations_of (self->set, gloss_annotation_get_id (self->annotation));
  for (guint i = 0; i < self->relations->len; i++)
    gtk_list_box_append (self->list_box, make_row (self, g_ptr_array_index (self->relations, i)));

  gtk_widget_set_visible (self->empty_label, self->relations->len == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->list_box), self->relations->len > 0);

  row = gtk_list_box_get_row_at_index (self->list_box, focus_index < 0 ? 0 : focus_index);
  if (row != NULL)
    {
      gtk_list_box_select_row (self->list_box, row);
      if (gtk_widget_get_visible (GTK_WIDGET (self)))
        gtk_widget_grab_focus (GTK_WIDGET (row));
    }
}

/* An undo or redo while the list is open shows at once. */
static void
on_relations_changed (GlossRelationList  *self,
                      GlossAnnotationSet *set)
{
  GtkListBoxRow *selected = gtk_list_box_get_selected_row (self->list_box);

  rebuild (self, selected != NULL ? gtk_list_box_row_get_index (selected) : -1);
}

static void
disconnect_set (GlossRelationList *self)
{
  if (self->set != NULL)
    g_clear_signal_handler (&self->relations_changed_id, self->set);
  g_clear_object (&self->set);
  g_clear_object (&self->annotation);
}

GtkWidget *
gloss_relation_list_new (void)
{
  return g_object_new (GLOSS_TYPE_RELATION_LIST, NULL);
}

void
gloss_relation_list_show_for (GlossRelationList  *self,
                              GlossAnnotationSet *set,
                              GlossAnnotation    *annotation)
{
  g_return_if_fail (GLOSS_IS_RELATION_LIST (self));
  g_return_if_fail (GLOSS_IS_ANNOTATION_SET (set));
  g_return_if_fail (GLOSS_IS_ANNOTATION (annotation));

  disconnect_set (self);
  self->set = g_object_ref (set);
  self->annotation = g_object_ref (annotation);
  self->relations_changed_id =
    g_signal_connect_object (set, "relations-changed",
                             G_CALLBACK (on_relations_changed), self, G_CONNECT_SWAPPED);

  gtk_popover_popup (GTK_POPOVER (self));
  rebuild (self, -1);
  if (self->relations->len == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self));
}

GPtrArray *
gloss_relation_list_get_relations (GlossRelationList *self)
{
  g_return_val_if_fail (GLOSS_IS_RELATION_LIST (self), NULL);

  return self->relations;
}

static void
gloss_relation_list_closed (GtkPopover *popover)
{
  GlossRelationList *self = GLOSS_RELATION_LIST (popover);

  /* Do not keep the session's objects alive while hidden. */
  disconnect_set (self);
}

static void
gloss_relation_list_dispose (GObject *object)
{
  GlossRelationList *self = GLOSS_RELATION_LIST (object);

  disconnect_set (self);
  g_clear_pointer (&self->relations, g_ptr_array_unref);

  G_OBJECT_CLASS (gloss_relation_list_parent_class)->dispose (object);
}

static void
gloss_relation_list_class_init (GlossRelationListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkPopoverClass *popover_class = GTK_POPOVER_CLASS (klass);

  object_class->dispose = gloss_relation_list_dispose;
  popover_class->closed = gloss_relation_list_closed;

  /**
   * GlossRelationList::remove-relation:
   * @relation: the relation to delete
   */
  signals[REMOVE_RELATION] =
    g_signal_new ("remove-relation",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, GLOSS_TYPE_RELATION);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/gloss-relation-list.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossRelationList, list_box);
  gtk_widget_class_bind_template_child (widget_class, GlossRelationList, empty_label);
  gtk_widget_class_bind_template_callback (widget_class, on_key_pressed);
}

static void
gloss_relation_list_init (GlossRelationList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->relations = g_ptr_array_new_with_free_func (g_object_unref);
}
