/* gloss-suggestion-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gloss-suggestion-row.h"

#include "gloss-row-text.h"

/* Around the lines (the row's margins) and between them, as the row's
 * GtkBox of two labels had them. */
#define MARGIN_X      6
#define MARGIN_Y      4
#define LINE_SPACING  2

struct _GlossSuggestionRow
{
  GtkWidget     parent_instance;

  /* Two row texts: sized from their fonts' metrics, laid out when drawn.
   * The details line is styled by the theme as a label of the "caption"
   * and "dim-label" classes (Adwaita 1.2: 9pt, 55 % opaque). */
  GlossRowText *text;
  GlossRowText *details;
  char         *accessible;

  guint         n_measures;
};

G_DEFINE_FINAL_TYPE (GlossSuggestionRow, gloss_suggestion_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TEXT,
  PROP_DETAILS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* GtkWidget
 * ------------------------------------------------------------------------ */

/* One line above the other. GTK keeps each line's size until the line
 * asks for a new one, which a row text does only when its font changes:
 * new text measures nothing. */
static void
gloss_suggestion_row_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  GlossSuggestionRow *self = GLOSS_SUGGESTION_ROW (widget);
  int text_min, text_nat, details_min, details_nat;

  self->n_measures++;
  gtk_widget_measure (GTK_WIDGET (self->text), orientation, -1, &text_min, &text_nat, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (self->details), orientation, -1, &details_min, &details_nat, NULL, NULL);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 2 * MARGIN_X + MAX (text_min, details_min);
      *natural = 2 * MARGIN_X + MAX (text_nat, details_nat);
    }
  else
    {
      *minimum = 2 * MARGIN_Y + text_min + LINE_SPACING + details_min;
      *natural = 2 * MARGIN_Y + text_nat + LINE_SPACING + details_nat;
    }
}

static void
gloss_suggestion_row_size_allocate (GtkWidget *widget,
                                    int        width,
                                    int        height,
                                    int        baseline)
{
  GlossSuggestionRow *self = GLOSS_SUGGESTION_ROW (widget);
  int line_width = MAX (width - 2 * MARGIN_X, 0);
  int text_height, details_height;

  gtk_widget_measure (GTK_WIDGET (self->text), GTK_ORIENTATION_VERTICAL, -1, NULL, &text_height, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (self->details), GTK_ORIENTATION_VERTICAL, -1, NULL, &details_height, NULL, NULL);

  gtk_widget_size_allocate (GTK_WIDGET (self->text),
                            &(GtkAllocation) { MARGIN_X, MARGIN_Y, line_width, text_height }, -1);
  gtk_widget_size_allocate (GTK_WIDGET (self->details),
                            &(GtkAllocation) { MARGIN_X, MARGIN_Y + text_height + LINE_SPACING,
                                               line_width, details_height }, -1);
}

/* GObject
 * ------------------------------------------------------------------------ */

static void
gloss_suggestion_row_dispose (GObject *object)
{
  GlossSuggestionRow *self = GLOSS_SUGGESTION_ROW (object);

  if (self->text != NULL)
    gtk_widget_unparent (GTK_WIDGET (g_steal_pointer (&self->text)));
  if (self->details != NULL)
    gtk_widget_unparent (GTK_WIDGET (g_steal_pointer (&self->details)));

  G_OBJECT_CLASS (gloss_suggestion_row_parent_class)->dispose (object);
}

static void
gloss_suggestion_row_finalize (GObject *object)
{
  GlossSuggestionRow *self = GLOSS_SUGGESTION_ROW (object);

  g_free (self->accessible);

  G_OBJECT_CLASS (gloss_suggestion_row_parent_class)->finalize (object);
}

static void
gloss_suggestion_row_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  GlossSuggestionRow *self = GLOSS_SUGGESTION_ROW (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, gloss_suggestion_row_get_text (self));
      break;
    case PROP_DETAILS:
      g_value_set_string (value, gloss_suggestion_row_get_details (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_suggestion_row_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  GlossSuggestionRow *self = GLOSS_SUGGESTION_ROW (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      gloss_suggestion_row_set_text (self, g_value_get_string (value));
      break;
    case PROP_DETAILS:
      gloss_suggestion_row_set_details (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_suggestion_row_class_init (GlossSuggestionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_suggestion_row_dispose;
  object_class->finalize = gloss_suggestion_row_finalize;
  object_class->get_property = gloss_suggestion_row_get_property;
  object_class->set_property = gloss_suggestion_row_set_property;

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DETAILS] =
    g_param_spec_string ("details", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  widget_class->measure = gloss_suggestion_row_measure;
  widget_class->size_allocate = gloss_suggestion_row_size_allocate;

  gtk_widget_class_set_css_name (widget_class, "suggestionrow");
  /* Named "details: text" (gloss_suggestion_row_set_strings()), its two
   * lines inside, as the row's box of two labels was. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
gloss_suggestion_row_init (GlossSuggestionRow *self)
{
  self->text = GLOSS_ROW_TEXT (gloss_row_text_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->text), GTK_WIDGET (self));

  self->details = GLOSS_ROW_TEXT (gloss_row_text_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->details), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->details), "caption");
  gtk_widget_set_parent (GTK_WIDGET (self->details), GTK_WIDGET (self));
}

/* Public API
 * ------------------------------------------------------------------------ */

GtkWidget *
gloss_suggestion_row_new (void)
{
  return g_object_new (GLOSS_TYPE_SUGGESTION_ROW, NULL);
}

/* New text is drawn, never measured: the size does not depend on it. */
void
gloss_suggestion_row_set_strings (GlossSuggestionRow *self,
                                  const char         *text,
                                  const char         *details)
{
  gboolean text_changed, details_changed;

  g_return_if_fail (GLOSS_IS_SUGGESTION_ROW (self));

  if (text == NULL)
    text = "";
  if (details == NULL)
    details = "";
  text_changed = g_strcmp0 (text, gloss_row_text_get_text (self->text)) != 0;
  details_changed = g_strcmp0 (details, gloss_row_text_get_text (self->details)) != 0;
  if (!text_changed && !details_changed)
    return;

  g_free (self->accessible);
  self->accessible = g_strconcat (details, ": ", text, NULL);
  gloss_row_text_set_text (self->text, text);
  gloss_row_text_set_text (self->details, details);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->accessible,
                                  -1);

  if (text_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
  if (details_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DETAILS]);
}

void
gloss_suggestion_row_set_text (GlossSuggestionRow *self,
                               const char         *text)
{
  g_return_if_fail (GLOSS_IS_SUGGESTION_ROW (self));

  gloss_suggestion_row_set_strings (self, text, gloss_row_text_get_text (self->details));
}

const char *
gloss_suggestion_row_get_text (GlossSuggestionRow *self)
{
  g_return_val_if_fail (GLOSS_IS_SUGGESTION_ROW (self), NULL);

  return gloss_row_text_get_text (self->text);
}

void
gloss_suggestion_row_set_details (GlossSuggestionRow *self,
                                  const char         *details)
{
  g_return_if_fail (GLOSS_IS_SUGGESTION_ROW (self));

  gloss_suggestion_row_set_strings (self, gloss_row_text_get_text (self->text), details);
}

const char *
gloss_suggestion_row_get_details (GlossSuggestionRow *self)
{
  g_return_val_if_fail (GLOSS_IS_SUGGESTION_ROW (self), NULL);

  return gloss_row_text_get_text (self->details);
}

guint
gloss_suggestion_row_get_n_measures (GlossSuggestionRow *self)
{
  g_return_val_if_fail (GLOSS_IS_SUGGESTION_ROW (self), 0);

  return self->n_measures;
}

/* Describing a suggestion
 * ------------------------------------------------------------------------ */

const char *
gloss_suggestion_source_name (const char *source)
{
  if (g_strcmp0 (source, GLOSS_SUGGESTION_SOURCE_SAME_TEXT) == 0)
    return _("Same text");
  if (g_strcmp0 (source, GLOSS_SUGGESTION_SOURCE_QUOTES) == 0)
    return _("Quotes");
  if (g_strcmp0 (source, GLOSS_SUGGESTION_SOURCE_IMPORT) == 0)
    return _("Imported");
  return source;
}

static const char *
label_name (GlossLabelSet *labels,
            const char    *id)
{
  GlossLabel *label = labels != NULL ? gloss_label_set_lookup (labels, id) : NULL;

  return label != NULL ? gloss_label_get_name (label) : id;
}

static char *
describe_label (GlossSuggestion *suggestion,
                GlossLabelSet   *labels)
{
  const char * const *tie = gloss_suggestion_get_tie (suggestion);
  g_autoptr(GStrvBuilder) names = NULL;
  g_auto(GStrv) joined = NULL;
  g_autofree char *list = NULL;

  if (gloss_suggestion_get_label (suggestion) != NULL)
    return g_strdup (label_name (labels, gloss_suggestion_get_label (suggestion)));

  names = g_strv_builder_new ();
  for (guint i = 0; tie != NULL && tie[i] != NULL; i++)
    g_strv_builder_add (names, label_name (labels, tie[i]));
  joined = g_strv_builder_end (names);
  list = g_strjoinv (" / ", joined);

  /* Translators: a suggestion whose sources disagree on the label; %s is
   * the labels, "Person / Organization" */
  return g_strdup_printf (_("Undecided: %s"), list);
}

char *
gloss_describe_suggestion (GlossSuggestion *suggestion,
                           GlossLabelSet   *labels)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *label = NULL;
  double score;

  g_return_val_if_fail (GLOSS_IS_SUGGESTION (suggestion), NULL);

  label = describe_label (suggestion, labels);
  g_string_append (text, label);
  g_string_append (text, " · ");
  g_string_append (text, gloss_suggestion_source_name (gloss_suggestion_get_source (suggestion)));
  if (gloss_suggestion_get_score (suggestion, &score))
    {
      g_autofree char *number = g_strdup_printf ("%.2f", score);

      g_string_append (text, " · ");
      g_string_append (text, number);
    }
  if (gloss_suggestion_get_detail (suggestion) != NULL)
    {
      g_string_append (text, " · ");
      g_string_append (text, gloss_suggestion_get_detail (suggestion));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}
