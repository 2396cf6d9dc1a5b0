/* gloss-review-row.c — one unit in the review window's list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gloss-label-chip.h"
#include "gloss-review-row.h"

struct _GlossReviewRow
{
  GtkWidget parent_instance;

  GlossLabelChip  *chip;
  GtkLabel        *status_label;
  GtkLabel        *versions_label;

  GlossReviewUnit *unit;
  gulong           decision_id;
  char            *label_name;  /* the majority's label, NULL if unknown */
  char            *versions;
};

G_DEFINE_FINAL_TYPE (GlossReviewRow, gloss_review_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_UNIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What a screen reader says for the row, the list item's child (GTK 4.8
 * gives a list item no name of its own): the label, the status and
 * decision, then the versions — "Claim: Label differs · To decide, …". */
static void
update_accessible (GlossReviewRow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *head = NULL;

  if (self->unit == NULL)
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
      return;
    }

  /* Translators: a review unit read by screen readers: its label's name
   * (or "Unknown label"), then its status, e.g. "Claim: Bounds differ · To decide". */
  head = g_strdup_printf (_("%s: %s"),
                          self->label_name != NULL ? self->label_name : _("Unknown label"),
                          gtk_label_get_text (self->status_label));
  if (self->versions != NULL && self->versions[0] != '\0')
    {
      g_autofree char *versions = g_strdelimit (g_strdup (self->versions), "\n", ' ');

      /* Translators: a review unit read by screen readers: its label and
       * status, then each annotator's version. */
      name = g_strdup_printf (_("%s, %s"), head, versions);
    }
  else
    name = g_steal_pointer (&head);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
}

/* "Label differs · To decide"; decided units are dimmed, so what is left
 * to do stands out. */
static void
show_status (GlossReviewRow *self)
{
  g_autofree char *text = NULL;
  gboolean pending;

  if (self->unit == NULL)
    {
      gtk_label_set_text (self->status_label, "");
      update_accessible (self);
      return;
    }

  pending = gloss_review_unit_get_decision (self->unit) == GLOSS_DECISION_PENDING;
  /* Translators: a unit's status, then what was decided, e.g. "Bounds differ · Accepted". */
  text = g_strdup_printf (_("%s · %s"),
                          gloss_unit_status_to_string (gloss_review_unit_get_status (self->unit)),
                          gloss_decision_to_string (gloss_review_unit_get_decision (self->unit)));
  gtk_label_set_text (self->status_label, text);

  if (pending)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "dim-label");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "dim-label");

  /* Also when a decision is made: the name follows the status. */
  update_accessible (self);
}

static void
forget_unit (GlossReviewRow *self)
{
  if (self->unit != NULL)
    g_clear_signal_handler (&self->decision_id, self->unit);
  g_clear_object (&self->unit);
}

static void
gloss_review_row_dispose (GObject *object)
{
  GlossReviewRow *self = GLOSS_REVIEW_ROW (object);
  GtkWidget *child;

  forget_unit (self);
  g_clear_pointer (&self->label_name, g_free);
  g_clear_pointer (&self->versions, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_REVIEW_ROW);

  /* The box holding the two labels is not a bound template child. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (gloss_review_row_parent_class)->dispose (object);
}

static void
gloss_review_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  GlossReviewRow *self = GLOSS_REVIEW_ROW (object);

  switch (prop_id)
    {
    case PROP_UNIT:
      g_value_set_object (value, self->unit);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_review_row_class_init (GlossReviewRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_review_row_dispose;
  object_class->get_property = gloss_review_row_get_property;

  properties[PROP_UNIT] =
    g_param_spec_object ("unit", NULL, NULL,
                         GLOSS_TYPE_REVIEW_UNIT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GLOSS_TYPE_LABEL_CHIP);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/gloss-review-row.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossReviewRow, chip);
  gtk_widget_class_bind_template_child (widget_class, GlossReviewRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, GlossReviewRow, versions_label);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
gloss_review_row_init (GlossReviewRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
gloss_review_row_new (void)
{
  return g_object_new (GLOSS_TYPE_REVIEW_ROW, NULL);
}

void
gloss_review_row_set_unit (GlossReviewRow  *self,
                           GlossReviewUnit *unit,
                           const char      *versions,
                           GlossLabel      *label)
{
  g_return_if_fail (GLOSS_IS_REVIEW_ROW (self));

  if (self->unit != unit)
    {
      forget_unit (self);
      if (unit != NULL)
        {
          self->unit = g_object_ref (unit);
          self->decision_id = g_signal_connect_swapped (unit, "notify::decision",
                                                        G_CALLBACK (show_status), self);
        }
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNIT]);
    }

  gtk_label_set_text (self->versions_label, versions != NULL ? versions : "");
  gloss_label_chip_set (self->chip, label != NULL ? gloss_label_get_color (label) : NULL, label == NULL);
  g_free (self->label_name);
  self->label_name = label != NULL ? g_strdup (gloss_label_get_name (label)) : NULL;
  g_free (self->versions);
  self->versions = g_strdup (versions);
  show_status (self);
}
