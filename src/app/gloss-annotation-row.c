/* gloss-annotation-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "gloss-annotation-row-private.h"
#include "gloss-excerpt.h"
#include "gloss-label-chip.h"
#include "gloss-row-text.h"

#define EXCERPT_CHARS 60

/* ------------------------------------------------------------------ */
/* Helpers shared with the other annotation widgets                     */
/* ------------------------------------------------------------------ */

char *
gloss_format_excerpt (const char *text,
                      guint       max_chars)
{
  GString *excerpt;
  guint n_chars = 0;

  if (text == NULL)
    return g_strdup ("");

  excerpt = g_string_sized_new (MIN (strlen (text), (gsize)max_chars * 4) + 4);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (n_chars == max_chars)
        {
          /* No dangling space before the ellipsis. */
          while (excerpt->len > 0 && excerpt->str[excerpt->len - 1] == ' ')
            g_string_truncate (excerpt, excerpt->len - 1);
          g_string_append (excerpt, "…");
          break;
        }

      /* Line and paragraph separators, tabs and other controls: one line. */
      if (c == '\n' || c == '\r' || c == '\t' || c == 0x2028 || c == 0x2029 ||
          g_unichar_type (c) == G_UNICODE_CONTROL)
        g_string_append_c (excerpt, ' ');
      else
        g_string_append_unichar (excerpt, c);

      n_chars++;
    }

  return g_string_free (excerpt, FALSE);
}

/* One value as a row shows it: a choice by its values' names, a boolean
 * as "Name: yes", a text as it is, a number as printed. With @named, a
 * choice, text or number says its attribute's name first ("Verdict:
 * False"), as a screen reader needs it. */
static void
append_value (GString        *out,
              GlossAttribute *attribute,
              GVariant       *value,
              gboolean        named)
{
  const char *name = gloss_attribute_get_name (attribute);

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    {
      if (g_variant_get_boolean (value))
        /* Translators: a yes-or-no attribute of an annotation that is
         * set to yes, in a row of the sidebar, e.g. "Check-worthy: yes". */
        g_string_append_printf (out, _("%s: yes"), name);
      else
        /* Translators: the same, set to no, e.g. "Check-worthy: no". */
        g_string_append_printf (out, _("%s: no"), name);
      return;
    }

  if (named)
    {
      /* "Verdict: False", as the label dropdown's and the corpus
       * filter's "Topic: Politics". */
      GString *bare = g_string_new (NULL);

      append_value (bare, attribute, value, FALSE);
      /* Translators: an attribute's name and its value, read by screen
       * readers, e.g. "Verdict: False". */
      g_string_append_printf (out, _("%s: %s"), name, bare->str);
      g_string_free (bare, TRUE);
      return;
    }

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING) &&
      gloss_attribute_get_value_type (attribute) == GLOSS_ATTRIBUTE_CHOICE)
    {
      const char *id = g_variant_get_string (value, NULL);
      int index = gloss_attribute_lookup_choice (attribute, id);

      g_string_append (out, index >= 0 ? gloss_attribute_get_choice_name (attribute, index) : id);
    }
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    {
      g_autofree char *excerpt = gloss_format_excerpt (g_variant_get_string (value, NULL), EXCERPT_CHARS);

      g_string_append (out, excerpt);
    }
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY))
    {
      GVariantIter iter;
      const char *id;
      gboolean first = TRUE;

      g_variant_iter_init (&iter, value);
      while (g_variant_iter_next (&iter, "&s", &id))
        {
          int index = gloss_attribute_lookup_choice (attribute, id);

          if (!first)
            g_string_append (out, ", ");
          g_string_append (out, index >= 0 ? gloss_attribute_get_choice_name (attribute, index) : id);
          first = FALSE;
        }
    }
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    {
      g_string_append_printf (out, "%g", g_variant_get_double (value));
    }
}

/* The values of @annotation that @labels declares, in its order, each
 * after @separator: nothing when it has none (most rows, which allocate
 * nothing for it). */
static void
append_values (GString         *out,
               GlossLabelSet   *labels,
               GlossAnnotation *annotation,
               const char      *separator,
               gboolean         named)
{
  GVariant *values = gloss_annotation_peek_attributes (annotation);
  GPtrArray *attributes;
  gboolean first = TRUE;

  if (values == NULL || labels == NULL)
    return;

  attributes = gloss_label_set_get_attributes (labels);
  for (guint i = 0; i < attributes->len; i++)
    {
      GlossAttribute *attribute = g_ptr_array_index (attributes, i);
      g_autoptr(GVariant) value = g_variant_lookup_value (values, gloss_attribute_get_id (attribute), NULL);

      if (!gloss_attribute_value_is_set (value))
        continue;

      if (!first || named)
        g_string_append (out, separator);
      append_value (out, attribute, value, named);
      first = FALSE;
    }
}

char *
gloss_describe_annotation (GlossAnnotation    *annotation,
                           GlossAnnotationSet *set,
                           GlossLabelSet      *labels)
{
  const char *id;
  GlossLabel *label;
  GlossAnnotation *speaker;
  g_autofree char *name = NULL;
  g_autofree char *excerpt = NULL;
  g_autofree char *described = NULL;

  g_return_val_if_fail (GLOSS_IS_ANNOTATION (annotation), NULL);

  id = gloss_annotation_get_label (annotation);
  label = labels != NULL ? gloss_label_set_lookup (labels, id) : NULL;
  if (label != NULL)
    name = g_strdup (gloss_label_get_name (label));
  else
    /* Translators: an annotation whose label is not in the label set */
    name = g_strdup_printf (_("%s (unknown label)"), id);

  /* Quoted once: a quote annotated with its own marks keeps just those. */
  excerpt = gloss_format_quoted_excerpt (gloss_annotation_get_exact (annotation), EXCERPT_CHARS);
  /* Translators: an annotation read by screen readers: the label name,
   * then the annotated text in quotation marks, e.g. Claim: “Prices rose 4%”. */
  described = g_strdup_printf (_("%s: %s"), name, excerpt);

  speaker = set != NULL ? gloss_annotation_set_get_speaker (set, annotation) : NULL;
  if (speaker != NULL)
    {
      g_autofree char *who = gloss_format_excerpt (gloss_annotation_get_exact (speaker), EXCERPT_CHARS);

      /* Translators: read by screen readers: a quote, then its speaker,
       * e.g. Quote: “We will vote”, said by Olena Kovalenko. */
      g_autofree char *said = g_strdup_printf (_("%s, said by %s"), described, who);

      g_free (described);
      described = g_steal_pointer (&said);
    }

  /* Its values, then what it still lacks: "Claim: “Prices rose”,
   * Check-worthy: yes, Verdict missing". Only a span with attributes, or
   * lacking a required one, builds more. */
  if (gloss_annotation_peek_attributes (annotation) != NULL ||
      gloss_label_set_count_missing_attributes (labels, annotation) > 0)
    {
      g_autoptr(GPtrArray) missing = gloss_label_set_dup_missing_attributes (labels, annotation);
      GString *out = g_string_new (described);

      append_values (out, labels, annotation, ", ", TRUE);
      for (guint i = 0; i < missing->len; i++)
        {
          g_string_append (out, ", ");
          /* Translators: read by screen readers after an annotation that
           * lacks a required attribute, e.g. "Verdict missing". */
          g_string_append_printf (out, _("%s missing"),
                                  gloss_attribute_get_name (g_ptr_array_index (missing, i)));
        }

      g_free (described);
      described = g_string_free (out, FALSE);
    }

  return g_steal_pointer (&described);
}

/* ------------------------------------------------------------------ */
/* GlossAnnotationRow                                                   */
/* ------------------------------------------------------------------ */

struct _GlossAnnotationRow
{
  GtkWidget           parent_instance;

  /* Children (built in gloss_annotation_row_init) */
  GlossLabelChip     *chip;
  GlossRowText       *label_name;
  GlossRowText       *excerpt;
  GtkImage           *missing_icon;
  GtkImage           *note_icon;
  GtkImage           *speaker_icon;

  GlossAnnotation    *annotation;
  GlossAnnotationSet *set;
  GlossLabelSet      *labels;
  GlossAnnotation    *speaker;
};

G_DEFINE_FINAL_TYPE (GlossAnnotationRow, gloss_annotation_row, GTK_TYPE_WIDGET)

static guint n_instances;

/* Rows are re-bound all the time while scrolling; setting a tooltip makes
 * GTK look for the widget under the pointer, so only do it on a change. */
static void
set_tooltip (GtkWidget  *widget,
             const char *text)
{
  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) != 0)
    gtk_widget_set_tooltip_text (widget, text);
}

/* The row's name is the annotation as the article view says it (label,
 * text, speaker); its description the note. Set on the row, which is the
 * list item's child: GTK 4.8 lets a list item itself have no name. */
static void
gloss_annotation_row_update_accessible (GlossAnnotationRow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;
  const char *note_tooltip = gloss_annotation_row_get_note_tooltip (self);

  if (self->annotation == NULL)
    return;

  name = gloss_describe_annotation (self->annotation, self->set, self->labels);
  if (note_tooltip != NULL)
    /* Translators: read by screen readers after an annotation. */
    description = g_strdup_printf (_("Note: %s"), note_tooltip);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description != NULL ? description : "",
                                  -1);
}

static void
gloss_annotation_row_update_label (GlossAnnotationRow *self)
{
  const char *id = gloss_annotation_get_label (self->annotation);
  GlossLabel *label = NULL;

  if (self->labels != NULL)
    label = gloss_label_set_lookup (self->labels, id);

  /* No label set yet (between two sessions): nothing to say the label is
   * missing from. A tooltip set on each of the ~200 rows would also ask X
   * where the pointer is each time (GTK 4.8). */
  if (self->labels == NULL)
    {
      gloss_row_text_set_text (self->label_name, id);
      set_tooltip (GTK_WIDGET (self->label_name), NULL);
      gloss_label_chip_set (self->chip, NULL, FALSE);
    }
  else if (label != NULL)
    {
      gloss_row_text_set_text (self->label_name, gloss_label_get_name (label));
      set_tooltip (GTK_WIDGET (self->label_name), NULL);
      gloss_label_chip_set (self->chip, gloss_label_get_color (label), FALSE);
    }
  else
    {
      g_autofree char *tooltip =
        /* Translators: tooltip of a label name that the label set lacks. */
        g_strdup_printf (_("“%s” is not a label of this label set"), id);

      gloss_row_text_set_text (self->label_name, id);
      set_tooltip (GTK_WIDGET (self->label_name), tooltip);
      gloss_label_chip_set (self->chip, NULL, TRUE);
    }
}

static void
gloss_annotation_row_update_excerpt (GlossAnnotationRow *self)
{
  g_autofree char *excerpt = NULL;

  excerpt = gloss_format_excerpt (gloss_annotation_get_exact (self->annotation), EXCERPT_CHARS);
  gloss_row_text_set_text (self->excerpt, excerpt);
}

static GtkImage *
add_icon (GlossAnnotationRow *self,
          const char         *icon_name,
          const char         *accessible_label,
          GtkWidget          *next_sibling)
{
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);

  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (icon, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label,
                                  -1);
  /* The note's icon comes before the speaker's. */
  gtk_widget_insert_before (icon, GTK_WIDGET (self), next_sibling);

  return GTK_IMAGE (icon);
}

/* The icons are made the first time a row needs one: most annotations
 * have none, and a list makes 200 rows at once. Their order: lacking a
 * value, note, speaker. */
static GtkImage *
ensure_note_icon (GlossAnnotationRow *self)
{
  if (self->note_icon == NULL)
    self->note_icon = add_icon (self, "document-edit-symbolic", _("Has a note"),
                                self->speaker_icon != NULL ? GTK_WIDGET (self->speaker_icon) : NULL);

  return self->note_icon;
}

static GtkImage *
ensure_speaker_icon (GlossAnnotationRow *self)
{
  if (self->speaker_icon == NULL)
    self->speaker_icon = add_icon (self, "avatar-default-symbolic", _("Has a speaker"), NULL);

  return self->speaker_icon;
}

static void
gloss_annotation_row_update_note (GlossAnnotationRow *self)
{
  const char *note = gloss_annotation_get_note (self->annotation);
  gboolean has_note = note != NULL && *note != '\0';

  if (!has_note && self->note_icon == NULL)
    return;

  set_tooltip (GTK_WIDGET (ensure_note_icon (self)), has_note ? note : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->note_icon), has_note);
}

static void
gloss_annotation_row_update_speaker (GlossAnnotationRow *self)
{
  GlossAnnotation *speaker = NULL;
  g_autofree char *tooltip = NULL;

  if (self->set != NULL)
    speaker = gloss_annotation_set_get_speaker (self->set, self->annotation);

  g_set_object (&self->speaker, speaker);

  if (speaker != NULL)
    {
      g_autofree char *excerpt = gloss_format_excerpt (gloss_annotation_get_exact (speaker),
                                                       EXCERPT_CHARS);

      /* Translators: tooltip of the speaker icon of a quote. */
      tooltip = g_strdup_printf (_("Speaker: %s"), excerpt);
    }

  if (speaker == NULL && self->speaker_icon == NULL)
    return;

  set_tooltip (GTK_WIDGET (ensure_speaker_icon (self)), tooltip);
  gtk_widget_set_visible (GTK_WIDGET (self->speaker_icon), speaker != NULL);
}

static GtkImage *
ensure_missing_icon (GlossAnnotationRow *self)
{
  GtkWidget *next = self->note_icon != NULL ? GTK_WIDGET (self->note_icon)
                                            : self->speaker_icon != NULL ? GTK_WIDGET (self->speaker_icon)
                                                                         : NULL;

  if (self->missing_icon == NULL)
    {
      self->missing_icon = add_icon (self, "dialog-warning-symbolic", _("Lacks a required attribute"), next);
      gtk_widget_add_css_class (GTK_WIDGET (self->missing_icon), "warning");
    }

  return self->missing_icon;
}

/* The values after the label's name, and the mark of a span lacking a
 * required attribute (its tooltip names them). Rows without attributes
 * in a label set without required ones do no more than two lookups. */
static void
gloss_annotation_row_update_attributes (GlossAnnotationRow *self)
{
  guint n_missing = gloss_label_set_count_missing_attributes (self->labels, self->annotation);

  if (gloss_annotation_peek_attributes (self->annotation) != NULL && self->labels != NULL)
    {
      /* One buffer for every row's values: the row text copies them. */
      static GString *scratch;

      if (scratch == NULL)
        scratch = g_string_new (NULL);
      g_string_truncate (scratch, 0);
      append_values (scratch, self->labels, self->annotation, " · ", FALSE);
      gloss_row_text_set_detail (self->label_name, scratch->str);
    }
  else
    {
      gloss_row_text_set_detail (self->label_name, NULL);
    }

  if (n_missing == 0 && self->missing_icon == NULL)
    return;

  if (n_missing > 0)
    {
      g_autoptr(GPtrArray) missing = gloss_label_set_dup_missing_attributes (self->labels, self->annotation);
      GString *names = g_string_new (NULL);
      g_autofree char *tooltip = NULL;

      for (guint i = 0; i < missing->len; i++)
        {
          if (i > 0)
            g_string_append (names, ", ");
          g_string_append (names, gloss_attribute_get_name (g_ptr_array_index (missing, i)));
        }
      /* Translators: tooltip of the mark on an annotation that lacks a
       * required attribute; %s names them, e.g. "Not set: Verdict". */
      tooltip = g_strdup_printf (_("Not set: %s"), names->str);
      g_string_free (names, TRUE);
      set_tooltip (GTK_WIDGET (ensure_missing_icon (self)), tooltip);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->missing_icon), n_missing > 0);
}

static void
gloss_annotation_row_update_all (GlossAnnotationRow *self)
{
  gloss_annotation_row_update_label (self);
  gloss_annotation_row_update_attributes (self);
  gloss_annotation_row_update_excerpt (self);
  gloss_annotation_row_update_note (self);
  gloss_annotation_row_update_speaker (self);
  gloss_annotation_row_update_accessible (self);
}

static void
on_annotation_notify (GlossAnnotationRow *self,
                      GParamSpec         *pspec,
                      GlossAnnotation    *annotation)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "label"))
    {
      gloss_annotation_row_update_label (self);
      gloss_annotation_row_update_attributes (self);
    }
  else if (g_str_equal (name, "attributes"))
    gloss_annotation_row_update_attributes (self);
  else if (g_str_equal (name, "note"))
    gloss_annotation_row_update_note (self);
  else if (g_str_equal (name, "exact"))
    gloss_annotation_row_update_excerpt (self);
  else
    return;

  gloss_annotation_row_update_accessible (self);
}

static void
on_relations_changed (GlossAnnotationRow *self,
                      GlossAnnotationSet *set)
{
  gloss_annotation_row_update_speaker (self);
  gloss_annotation_row_update_accessible (self);
}

static void
on_set_annotation_changed (GlossAnnotationRow *self,
                           GlossAnnotation    *annotation,
                           GlossAnnotationSet *set)
{
  /* The speaker's own text may change (its bounds were edited). */
  if (annotation != NULL && annotation == self->speaker)
    on_relations_changed (self, set);
}

void
gloss_annotation_row_bind (GlossAnnotationRow *self,
                           GlossAnnotation    *annotation,
                           GlossAnnotationSet *set,
                           GlossLabelSet      *labels)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION_ROW (self));
  g_return_if_fail (GLOSS_IS_ANNOTATION (annotation));
  g_return_if_fail (set == NULL || GLOSS_IS_ANNOTATION_SET (set));
  g_return_if_fail (labels == NULL || GLOSS_IS_LABEL_SET (labels));

  if (self->annotation != NULL)
    gloss_annotation_row_unbind (self);

  self->annotation = g_object_ref (annotation);
  g_set_object (&self->set, set);
  g_set_object (&self->labels, labels);

  g_signal_connect_object (annotation, "notify",
                           G_CALLBACK (on_annotation_notify), self,
                           G_CONNECT_SWAPPED);
  if (set != NULL)
    {
      g_signal_connect_object (set, "relations-changed",
                               G_CALLBACK (on_relations_changed), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (set, "annotation-changed",
                               G_CALLBACK (on_set_annotation_changed), self,
                               G_CONNECT_SWAPPED);
    }

  gloss_annotation_row_update_all (self);
}

void
gloss_annotation_row_unbind (GlossAnnotationRow *self)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION_ROW (self));

  if (self->annotation != NULL)
    g_signal_handlers_disconnect_by_data (self->annotation, self);
  if (self->set != NULL)
    g_signal_handlers_disconnect_by_data (self->set, self);

  g_clear_object (&self->annotation);
  g_clear_object (&self->set);
  g_clear_object (&self->labels);
  g_clear_object (&self->speaker);
}

void
gloss_annotation_row_set_labels (GlossAnnotationRow *self,
                                 GlossLabelSet      *labels)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION_ROW (self));

  if (!g_set_object (&self->labels, labels) || self->annotation == NULL)
    return;

  gloss_annotation_row_update_label (self);
  gloss_annotation_row_update_attributes (self);
  gloss_annotation_row_update_accessible (self);
}

GlossAnnotation *
gloss_annotation_row_get_annotation (GlossAnnotationRow *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_ROW (self), NULL);

  return self->annotation;
}

const char *
gloss_annotation_row_get_label_text (GlossAnnotationRow *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_ROW (self), NULL);

  return gloss_row_text_get_text (self->label_name);
}

const char *
gloss_annotation_row_get_label_tooltip (GlossAnnotationRow *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_ROW (self), NULL);

  return gtk_widget_get_tooltip_text (GTK_WIDGET (self->label_name));
}

const char *
gloss_annotation_row_get_excerpt (GlossAnnotationRow *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_ROW (self), NULL);

  return gloss_row_text_get_text (self->excerpt);
}

const char *
gloss_annotation_row_get_note_tooltip (GlossAnnotationRow *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_ROW (self), NULL);

  if (self->note_icon == NULL || !gtk_widget_get_visible (GTK_WIDGET (self->note_icon)))
    return NULL;

  return gtk_widget_get_tooltip_text (GTK_WIDGET (self->note_icon));
}

const char *
gloss_annotation_row_get_speaker_tooltip (GlossAnnotationRow *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_ROW (self), NULL);

  if (self->speaker_icon == NULL || !gtk_widget_get_visible (GTK_WIDGET (self->speaker_icon)))
    return NULL;

  return gtk_widget_get_tooltip_text (GTK_WIDGET (self->speaker_icon));
}

const char *
gloss_annotation_row_get_values (GlossAnnotationRow *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_ROW (self), NULL);

  return gloss_row_text_get_detail (self->label_name);
}

const char *
gloss_annotation_row_get_missing_tooltip (GlossAnnotationRow *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_ROW (self), NULL);

  if (self->missing_icon == NULL || !gtk_widget_get_visible (GTK_WIDGET (self->missing_icon)))
    return NULL;

  return gtk_widget_get_tooltip_text (GTK_WIDGET (self->missing_icon));
}

guint
gloss_annotation_row_get_n_instances (void)
{
  return g_atomic_int_get (&n_instances);
}

static void
gloss_annotation_row_dispose (GObject *object)
{
  GlossAnnotationRow *self = GLOSS_ANNOTATION_ROW (object);

  GtkWidget *child;

  gloss_annotation_row_unbind (self);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (gloss_annotation_row_parent_class)->dispose (object);
}

static void
gloss_annotation_row_finalize (GObject *object)
{
  g_atomic_int_dec_and_test (&n_instances);

  G_OBJECT_CLASS (gloss_annotation_row_parent_class)->finalize (object);
}

static void
gloss_annotation_row_class_init (GlossAnnotationRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_annotation_row_dispose;
  object_class->finalize = gloss_annotation_row_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "annotationrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

/* Built in code, not from a template: a GtkListView makes 200 rows at
 * once when an article opens, and GtkBuilder took about half of that
 * (issue 13). The chip, the label name over the excerpt, the note and
 * speaker icons when needed. */
static void
gloss_annotation_row_init (GlossAnnotationRow *self)
{
  GtkBoxLayout *layout = GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self)));
  GtkWidget *texts;

  g_atomic_int_inc (&n_instances);

  gtk_box_layout_set_spacing (layout, 8);
  gtk_widget_set_margin_top (GTK_WIDGET (self), 4);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), 4);

  self->chip = g_object_new (GLOSS_TYPE_LABEL_CHIP,
                             "valign", GTK_ALIGN_START,
                             "margin-top", 1,
                             NULL);
  gtk_widget_set_parent (GTK_WIDGET (self->chip), GTK_WIDGET (self));

  texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_set_parent (texts, GTK_WIDGET (self));

  self->label_name = GLOSS_ROW_TEXT (gloss_row_text_new ());
  gloss_row_text_set_heading (self->label_name, TRUE);
  gtk_box_append (GTK_BOX (texts), GTK_WIDGET (self->label_name));

  self->excerpt = GLOSS_ROW_TEXT (gloss_row_text_new ());
  gtk_box_append (GTK_BOX (texts), GTK_WIDGET (self->excerpt));

  /* The note and speaker icons: ensure_note_icon(), ensure_speaker_icon(). */
}

GtkWidget *
gloss_annotation_row_new (void)
{
  return g_object_new (GLOSS_TYPE_ANNOTATION_ROW, NULL);
}
