/* gloss-attribute-popover.c — edit the attributes of one annotation
 *
 * The frame is ui/gloss-attribute-popover.ui; the editors depend on the
 * label set, so they are made here, one list row per attribute. Every
 * change goes to the annotation set (gloss_annotation_set_change_attribute),
 * which checks it against the label set and records it for undo; the
 * editors then show what the annotation holds (annotation-changed), so an
 * undo while the popover is open shows too.
 *
 * A number's spin button is the exception: each arrow key or click steps
 * it, and a visit to it should be one undo step, not one per step. Its
 * value waits (Editor.pending) until the field is left — Enter, the focus
 * going elsewhere, another attribute changed, the popover closed, Escape
 * included — and is then set once. A group held open in the set across
 * the visit would do the same, but undo and reload refuse to run inside
 * an open group, and nothing here could promise to close it first. Only a
 * person changes it: the text the spin button shows for its value reads
 * back as that value, however it was rounded, and text that is no number
 * gives the value back (on_number_input).
 *
 * Below the editors, "Kept from Before" lists what the annotation holds
 * that no editor shows: values of attributes that do not apply to its
 * label (set under another one: a relabel keeps them, docs/labels.md) or
 * that the label set does not declare. The model keeps them so that
 * nothing is lost, and every export writes them, so the person sees them
 * here and may take each away (Remove, or Delete), one undo step each.
 * Which values they are is asked of the label set
 * (gloss_label_set_attribute_applies), never decided here.
 *
 * The popover edits one set: when the window shows another session, or
 * the annotation leaves the set (undone, deleted, replaced by a reload),
 * it pops down and sets nothing more (gloss_attribute_popover_dismiss).
 * A popover is a surface of its own, so the window's shortcuts do not see
 * its keys: those with Ctrl that nothing in it takes are passed on, as
 * the relation list does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "gloss-attribute-popover.h"
#include "gloss-annotation-row.h"  /* gloss_format_excerpt */
#include "gloss-excerpt.h"

#define HEADING_EXCERPT_CHARS 40
/* The editors scroll beyond three quarters of the window's height, less
 * about what the heading and hint above them take; never below the last. */
#define ABOVE_LIST_HEIGHT 80
#define MIN_LIST_HEIGHT   160
/* A spin button needs finite bounds; an attribute without any gets these. */
#define NUMBER_LIMIT 1e12

typedef struct _Editor Editor;

struct _GlossAttributePopover
{
  GtkPopover          parent_instance;

  GtkLabel           *heading;
  GtkLabel           *hint;
  GtkScrolledWindow  *scrolled;
  GtkListBox         *list;
  GtkLabel           *message;
  GtkWidget          *kept;         /* the section, hidden when empty */
  GtkListBox         *kept_list;

  GlossAnnotationSet *set;
  GlossAnnotation    *annotation;
  gulong              changed_id;
  gulong              items_id;
  gulong              count_id;
  char               *built_label;  /* the label the editors were made for */
  GPtrArray          *editors;      /* of Editor, in the label set's order */
  Editor             *picked;       /* a choice waiting for a value's key */
  /* What the kept rows show (ids, values, label), so that they are made
   * again only when it changes, not at every edit of another value. */
  char               *kept_shown;
  /* Set while the editors are brought in line with the annotation, so
   * that their signals are not taken for a person's change. */
  gboolean            syncing;
};

G_DEFINE_FINAL_TYPE (GlossAttributePopover, gloss_attribute_popover, GTK_TYPE_POPOVER)

struct _Editor
{
  GlossAttributePopover *popover;   /* unowned: it owns the editor */
  GlossAttribute        *attribute;
  GtkWidget             *row;
  GtkWidget             *name;
  GtkWidget             *required;  /* NULL unless required */
  GPtrArray             *buttons;   /* choice: one per value, in its order */
  /* choice: one per value held that the label set does not list (kept,
   * as the sidecar reader keeps it), hidden once taken away */
  GtkWidget             *unlisted_box;
  GPtrArray             *unlisted;
  GtkWidget             *check;     /* boolean */
  GtkWidget             *entry;     /* text */
  GtkWidget             *spin;      /* number */
  gboolean               pending;   /* number: the spin's value not set yet */
  GtkWidget             *problem;   /* text: why what is typed is not allowed */
};

static void
editor_free (gpointer data)
{
  Editor *editor = data;

  g_clear_object (&editor->attribute);
  g_clear_pointer (&editor->buttons, g_ptr_array_unref);
  g_clear_pointer (&editor->unlisted, g_ptr_array_unref);
  g_free (editor);
}

/* Showing the annotation's values
 * ------------------------------------------------------------------------ */

static void
set_hint (GlossAttributePopover *self)
{
  gboolean any_kept = gtk_list_box_get_row_at_index (self->kept_list, 0) != NULL;

  if (self->picked != NULL)
    {
      /* Translators: %s is an attribute's name, e.g. "Verdict: press a value’s key" */
      g_autofree char *text = g_strdup_printf (_("%s: press a value’s key"),
                                               gloss_attribute_get_name (self->picked->attribute));

      gtk_label_set_text (self->hint, text);
    }
  else if (any_kept && self->editors->len > 0)
    gtk_label_set_text (self->hint, _("Press an attribute’s key, or Delete for the values kept from before. Escape closes."));
  else if (any_kept)
    /* The focus starts on the first of them. Short: a hint of one line
     * at one width and two at another left the popover too short. */
    gtk_label_set_text (self->hint, _("Delete removes a kept value. Escape closes."));
  else
    gtk_label_set_text (self->hint, _("Press an attribute’s key. Escape closes."));
}

static void
show_message (GlossAttributePopover *self,
              const char            *message)
{
  gtk_label_set_text (self->message, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message), message != NULL);
}

/* The values a choice holds, one or several, in their order; none when
 * it is not set. */
static GStrv
dup_held_ids (GVariant *value)
{
  if (value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    {
      GStrv ids = g_new0 (char *, 2);

      ids[0] = g_variant_dup_string (value, NULL);
      return ids;
    }

  if (value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY))
    return g_variant_dup_strv (value, NULL);

  return g_new0 (char *, 1);
}

static void on_unlisted_toggled (GtkCheckButton *button,
                                 Editor         *editor);

/* The values held that the label set does not list, each a check box to
 * take it away on purpose. Runs inside a check box's own toggled signal:
 * a box taken away is hidden, not destroyed, and shown again if an undo
 * brings its value back. */
static void
sync_unlisted (Editor             *editor,
               const char * const *held)
{
  gboolean any = FALSE;

  for (guint i = 0; i < editor->unlisted->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (editor->unlisted, i);
      const char *id = g_object_get_data (G_OBJECT (button), "gloss-value-id");
      gboolean shown = g_strv_contains (held, id);

      gtk_widget_set_visible (button, shown);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (button), shown);
      any = any || shown;
    }

  for (guint i = 0; held[i] != NULL; i++)
    {
      g_autofree char *text = NULL;
      GtkWidget *button;
      gboolean known = FALSE;

      if (gloss_attribute_lookup_choice (editor->attribute, held[i]) >= 0)
        continue;
      for (guint j = 0; j < editor->unlisted->len && !known; j++)
        known = g_str_equal (g_object_get_data (g_ptr_array_index (editor->unlisted, j), "gloss-value-id"),
                             held[i]);
      if (known)
        continue;

      /* Translators: a value a span holds that its label set does not
       * list any more, e.g. "retired-source (not in the label set)" */
      text = g_strdup_printf (_("%s (not in the label set)"), held[i]);
      button = gtk_check_button_new_with_label (text);
      g_object_set_data_full (G_OBJECT (button), "gloss-value-id", g_strdup (held[i]), g_free);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (button), TRUE);
      gtk_widget_set_tooltip_text (button, _("Kept as the file has it until you remove it"));
      g_signal_connect (button, "toggled", G_CALLBACK (on_unlisted_toggled), editor);
      g_ptr_array_add (editor->unlisted, button);
      gtk_box_append (GTK_BOX (editor->unlisted_box), button);
      any = TRUE;
    }

  gtk_widget_set_visible (editor->unlisted_box, any);
}

static void
sync_editor (Editor *editor)
{
  GlossAttributePopover *self = editor->popover;
  GlossAttribute *attribute = editor->attribute;
  g_autoptr(GVariant) value = gloss_annotation_get_attribute (self->annotation,
                                                              gloss_attribute_get_id (attribute));
  gboolean is_set = gloss_attribute_value_is_set (value);

  switch (gloss_attribute_get_value_type (attribute))
    {
    case GLOSS_ATTRIBUTE_CHOICE:
      {
        g_auto(GStrv) held = dup_held_ids (value);

        for (guint i = 0; i < editor->buttons->len; i++)
          gtk_check_button_set_active (g_ptr_array_index (editor->buttons, i),
                                       g_strv_contains ((const char * const *) held,
                                                        gloss_attribute_get_choice_id (attribute, i)));
        sync_unlisted (editor, (const char * const *) held);
      }
      break;

    case GLOSS_ATTRIBUTE_BOOLEAN:
      {
        gboolean active = value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN)
                          && g_variant_get_boolean (value);

        gtk_check_button_set_active (GTK_CHECK_BUTTON (editor->check), active);
        /* Not set is neither yes nor no. */
        gtk_check_button_set_inconsistent (GTK_CHECK_BUTTON (editor->check), !is_set);
      }
      break;

    case GLOSS_ATTRIBUTE_TEXT:
      gtk_editable_set_text (GTK_EDITABLE (editor->entry),
                             value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING)
                             ? g_variant_get_string (value, NULL) : "");
      break;

    case GLOSS_ATTRIBUTE_NUMBER:
      /* What the annotation holds now wins over steps not yet set. */
      editor->pending = FALSE;
      if (value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
        gtk_spin_button_set_value (GTK_SPIN_BUTTON (editor->spin), g_variant_get_double (value));
      else  /* not set: shown as its lowest value, or 0 */
        gtk_spin_button_set_value (GTK_SPIN_BUTTON (editor->spin),
                                   MAX (gloss_attribute_get_minimum (attribute), 0));
      break;

    default:
      g_assert_not_reached ();
    }

  /* A required attribute that is not set is work not yet done. */
  if (editor->required != NULL)
    {
      if (is_set)
        {
          gtk_widget_remove_css_class (editor->name, "error");
          gtk_widget_remove_css_class (editor->required, "error");
        }
      else
        {
          gtk_widget_add_css_class (editor->name, "error");
          gtk_widget_add_css_class (editor->required, "error");
        }
    }
}

static void build_editors (GlossAttributePopover *self);
static void sync_kept     (GlossAttributePopover *self);

static void
sync_editors (GlossAttributePopover *self)
{
  if (self->annotation == NULL)
    return;

  /* An undo may have given the span another label, with other attributes. */
  if (g_strcmp0 (self->built_label, gloss_annotation_get_label (self->annotation)) != 0)
    {
      build_editors (self);
      return;
    }

  self->syncing = TRUE;
  for (guint i = 0; i < self->editors->len; i++)
    sync_editor (g_ptr_array_index (self->editors, i));
  self->syncing = FALSE;
  sync_kept (self);
}

static void
on_annotation_changed (GlossAttributePopover *self,
                       GlossAnnotation       *annotation)
{
  if (annotation == self->annotation)
    sync_editors (self);
}

/* Changing values
 * ------------------------------------------------------------------------ */

static void commit_numbers (GlossAttributePopover *self);

/* Takes a floating @value; NULL unsets. */
static void
change_value (Editor   *editor,
              GVariant *value)
{
  GlossAttributePopover *self = editor->popover;
  g_autoptr(GVariant) owned = value != NULL ? g_variant_ref_sink (value) : NULL;
  g_autoptr(GError) error = NULL;

  /* Dismissed: the set is not the window's any more. */
  if (self->set == NULL || self->annotation == NULL)
    return;

  /* The change brings every editor in line with the annotation: a
   * number's steps not yet set would be undone, so they go first, as a
   * step of their own. */
  editor->pending = FALSE;
  commit_numbers (self);

  show_message (self, NULL);
  if (!gloss_annotation_set_change_attribute (self->set, self->annotation,
                                              gloss_attribute_get_id (editor->attribute),
                                              value, &error))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      show_message (self, error->message);
    }

  /* Refused or the same value: no annotation-changed, but a check button
   * a click toggled must show the value again. */
  sync_editors (self);
}

/* The values held, with @id added — before the first held value the label
 * set lists after it, so that the listed ones keep its order whatever
 * order they were picked in — or taken away. Nothing else changes: a value
 * the label set does not list stays where it is. */
static GStrv
toggle_in_list (GlossAttribute     *attribute,
                const char * const *held,
                const char         *id)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  int index = gloss_attribute_lookup_choice (attribute, id);
  gboolean placed = g_strv_contains (held, id);

  for (guint i = 0; held[i] != NULL; i++)
    {
      if (!placed && index >= 0 && gloss_attribute_lookup_choice (attribute, held[i]) > index)
        {
          g_strv_builder_add (builder, id);
          placed = TRUE;
        }
      if (!g_str_equal (held[i], id))
        g_strv_builder_add (builder, held[i]);
    }
  if (!placed)
    g_strv_builder_add (builder, id);

  return g_strv_builder_end (builder);
}

/* A choice's value @id, picked by its key or its check box: a single
 * choice takes it (or, if it is the value already, is unset), a multiple
 * one adds or takes it away. */
static void
toggle_value (Editor     *editor,
              const char *id)
{
  GlossAttribute *attribute = editor->attribute;
  g_autoptr(GVariant) value = gloss_annotation_get_attribute (editor->popover->annotation,
                                                              gloss_attribute_get_id (attribute));

  if (gloss_attribute_get_multiple (attribute))
    {
      g_auto(GStrv) held = dup_held_ids (value);
      g_auto(GStrv) ids = toggle_in_list (attribute, (const char * const *) held, id);

      change_value (editor, ids[0] != NULL ? g_variant_new_strv ((const char * const *) ids, -1) : NULL);
    }
  else if (value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING)
           && g_strcmp0 (g_variant_get_string (value, NULL), id) == 0)
    change_value (editor, NULL);
  else
    change_value (editor, g_variant_new_string (id));
}

static void
pick_choice (Editor *editor,
             guint   index)
{
  toggle_value (editor, gloss_attribute_get_choice_id (editor->attribute, index));
}

/* Only ever cleared by a person: the box of a value that is held. */
static void
on_unlisted_toggled (GtkCheckButton *button,
                     Editor         *editor)
{
  if (editor->popover->syncing || editor->popover->annotation == NULL
      || gtk_check_button_get_active (button))
    return;

  toggle_value (editor, g_object_get_data (G_OBJECT (button), "gloss-value-id"));
}

/* A click: a radio only tells of the value it turns on (the one it turns
 * off toggles too), a check box of either. A chosen radio stays chosen;
 * its key, pressed again, unsets it. */
static void
on_choice_toggled (GtkCheckButton *button,
                   Editor         *editor)
{
  guint index;

  if (editor->popover->syncing)
    return;

  if (!gloss_attribute_get_multiple (editor->attribute) && !gtk_check_button_get_active (button))
    return;

  if (g_ptr_array_find (editor->buttons, button, &index))
    pick_choice (editor, index);
}

static void
toggle_boolean (Editor *editor)
{
  g_autoptr(GVariant) value = gloss_annotation_get_attribute (editor->popover->annotation,
                                                              gloss_attribute_get_id (editor->attribute));
  gboolean yes = value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN)
                 && g_variant_get_boolean (value);

  change_value (editor, g_variant_new_boolean (!yes));
}

static void
on_boolean_toggled (GtkCheckButton *button,
                    Editor         *editor)
{
  if (!editor->popover->syncing)
    toggle_boolean (editor);
}

/* What is typed is checked as it is typed, and said under the entry; it
 * is set with Enter. NULL: empty (unset) or allowed. */
static char *
check_text (Editor *editor)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (editor->entry));
  g_autoptr(GVariant) value = NULL;
  g_autoptr(GError) error = NULL;

  if (*text == '\0')
    return NULL;

  value = g_variant_ref_sink (g_variant_new_string (text));
  if (gloss_attribute_check_value (editor->attribute, value, &error))
    return NULL;

  return g_strdup (error->message);
}

static void
on_text_changed (GtkEditable *entry,
                 Editor      *editor)
{
  g_autofree char *problem = check_text (editor);

  gtk_label_set_text (GTK_LABEL (editor->problem), problem != NULL ? problem : "");
  gtk_widget_set_visible (editor->problem, problem != NULL);
  if (problem != NULL)
    gtk_widget_add_css_class (editor->entry, "error");
  else
    gtk_widget_remove_css_class (editor->entry, "error");
}

/* Back to picking attributes by key, once a value is set. */
static void
return_to_list (GlossAttributePopover *self,
                Editor                *editor)
{
  self->picked = NULL;
  set_hint (self);
  gtk_widget_grab_focus (editor->row);
}

static void
on_text_activate (GtkEntry *entry,
                  Editor   *editor)
{
  g_autofree char *problem = check_text (editor);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  if (problem != NULL)
    {
      gtk_widget_error_bell (GTK_WIDGET (entry));
      return;
    }

  change_value (editor, *text != '\0' ? g_variant_new_string (text) : NULL);
  return_to_list (editor->popover, editor);
}

/* The spin button reads its text back whenever it is left or entered.
 * The text it shows for its value is that value, however it was rounded
 * (0.125 shown as "0.12" stays 0.125); other text is read as a number, and
 * text that is none gives the value back, with a bell — never 0. */
static int
on_number_input (GtkSpinButton *spin,
                 double        *value,
                 Editor        *editor)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  double current = gtk_spin_button_get_value (spin);
  /* As GtkSpinButton shows a value. */
  g_autofree char *shown = g_strdup_printf ("%0.*f", gtk_spin_button_get_digits (spin), current);
  char *end = NULL;

  if (g_str_equal (text, shown))
    {
      *value = current;
      return TRUE;
    }

  *value = g_strtod (text, &end);
  while (end != NULL && g_ascii_isspace (*end))
    end++;
  if (end == text || end == NULL || *end != '\0' || !isfinite (*value))
    {
      gtk_widget_error_bell (GTK_WIDGET (spin));
      *value = current;
      return GTK_INPUT_ERROR;
    }

  return TRUE;
}

/* A step, or what is typed once the spin button reads it: waits, unless
 * it is what the annotation holds. Only a person changes the value here:
 * the text the spin button shows reads back as its value itself. */
static void
on_number_changed (GtkSpinButton *spin,
                   Editor        *editor)
{
  g_autoptr(GVariant) old = NULL;

  if (editor->popover->syncing || editor->popover->annotation == NULL)
    return;

  old = gloss_annotation_get_attribute (editor->popover->annotation,
                                        gloss_attribute_get_id (editor->attribute));
  editor->pending = !(old != NULL && g_variant_is_of_type (old, G_VARIANT_TYPE_DOUBLE)
                      && g_variant_get_double (old) == gtk_spin_button_get_value (spin));
}

/* Sets the number the spin button shows, if it waits: one undo step for
 * the whole visit. What is typed and not yet read is read first. */
static void
commit_number (Editor *editor)
{
  /* Not while the editors are brought in line or made again: the focus
   * leaves a spin button that goes. */
  if (editor->spin == NULL || editor->popover->annotation == NULL || editor->popover->syncing)
    return;

  gtk_spin_button_update (GTK_SPIN_BUTTON (editor->spin));
  if (!editor->pending)
    return;

  editor->pending = FALSE;
  change_value (editor, g_variant_new_double (gtk_spin_button_get_value (GTK_SPIN_BUTTON (editor->spin))));
}

static void
commit_numbers (GlossAttributePopover *self)
{
  for (guint i = 0; self->editors != NULL && i < self->editors->len; i++)
    commit_number (g_ptr_array_index (self->editors, i));
}

static void
on_number_leave (GtkEventControllerFocus *controller,
                 Editor                  *editor)
{
  commit_number (editor);
}

static void
on_number_activate (GtkEntry *spin,
                    Editor   *editor)
{
  commit_number (editor);
  return_to_list (editor->popover, editor);
}

static void
on_number_clear (GtkButton *button,
                 Editor    *editor)
{
  change_value (editor, NULL);
}

/* Values kept from before
 * ------------------------------------------------------------------------ */

#define KEPT_VALUE_CHARS 60

/* The ids of the values @annotation holds that no editor shows, as the
 * label set judges them: first those of declared attributes that do not
 * apply to its label, in the label set's order, then those it does not
 * declare, in the sidecar's order (by id). */
static GPtrArray *
dup_kept_ids (GlossLabelSet   *labels,
              GlossAnnotation *annotation)
{
  GVariant *held = gloss_annotation_peek_attributes (annotation);
  const char *label = gloss_annotation_get_label (annotation);
  GPtrArray *declared = gloss_label_set_get_attributes (labels);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  GVariantIter iter;
  const char *id;

  if (held == NULL)
    return ids;

  for (guint i = 0; i < declared->len; i++)
    {
      GlossAttribute *attribute = g_ptr_array_index (declared, i);
      g_autoptr(GVariant) value = g_variant_lookup_value (held, gloss_attribute_get_id (attribute), NULL);

      if (value != NULL && !gloss_label_set_attribute_applies (labels, attribute, label))
        g_ptr_array_add (ids, g_strdup (gloss_attribute_get_id (attribute)));
    }

  g_variant_iter_init (&iter, held);
  while (g_variant_iter_next (&iter, "{&sv}", &id, NULL))
    if (gloss_label_set_lookup_attribute (labels, id) == NULL)
      g_ptr_array_add (ids, g_strdup (id));

  return ids;
}

/* A choice's value by its name when the label set lists it, else its id. */
static const char *
choice_name (GlossAttribute *attribute,
             const char     *id)
{
  int index = attribute != NULL ? gloss_attribute_lookup_choice (attribute, id) : -1;

  return index >= 0 ? gloss_attribute_get_choice_name (attribute, index) : id;
}

/* @value as a person reads it: yes or no, a choice's names, a text as it
 * is (cut short), a number as the messages print it. @attribute is NULL
 * when the label set does not declare it. */
static char *
describe_kept_value (GlossAttribute *attribute,
                     GVariant       *value)
{
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    /* Translators: a yes-or-no value kept from before, as the attribute
     * editor lists it */
    return g_strdup (g_variant_get_boolean (value) ? _("Yes") : _("No"));

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    {
      const char *text = g_variant_get_string (value, NULL);

      if (attribute != NULL && gloss_attribute_get_value_type (attribute) == GLOSS_ATTRIBUTE_CHOICE)
        return g_strdup (choice_name (attribute, text));
      return gloss_format_excerpt (text, KEPT_VALUE_CHARS);
    }

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY) && g_variant_n_children (value) > 0)
    {
      GString *out = g_string_new (NULL);
      GVariantIter iter;
      const char *id;

      g_variant_iter_init (&iter, value);
      while (g_variant_iter_next (&iter, "&s", &id))
        {
          if (out->len > 0)
            g_string_append (out, ", ");
          g_string_append (out, choice_name (attribute, id));
        }
      return g_string_free (out, FALSE);
    }

  /* A number, an empty list ("no value"), or what no attribute holds. */
  return gloss_attribute_describe_value (value);
}

/* The kept row holding the focus, or NULL. */
static GtkListBoxRow *
focused_kept_row (GlossAttributePopover *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->kept_list)))
    return NULL;

  return GTK_LIST_BOX_ROW (gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW));
}

static void
focus_kept_row (GlossAttributePopover *self,
                int                    index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->kept_list, index);

  if (row != NULL)
    gtk_widget_grab_focus (g_object_get_data (G_OBJECT (row), "gloss-remove-button"));
}

/* Takes the value of @id away: one undo step, which brings it back. */
static void
remove_kept (GlossAttributePopover *self,
             const char            *id)
{
  g_autofree char *attribute_id = g_strdup (id);  /* its row may go */
  g_autoptr(GError) error = NULL;

  /* Dismissed: the set is not the window's any more. */
  if (self->set == NULL || self->annotation == NULL)
    return;

  /* A number being typed is set first, as a step of its own. */
  commit_numbers (self);
  show_message (self, NULL);
  if (!gloss_annotation_set_change_attribute (self->set, self->annotation, attribute_id, NULL, &error))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      show_message (self, error->message);
    }
}

static void
on_kept_remove_clicked (GtkButton             *button,
                        GlossAttributePopover *self)
{
  remove_kept (self, g_object_get_data (G_OBJECT (button), "gloss-attribute-id"));
}

/* Delete: the kept value whose Remove button has the focus goes; from
 * anywhere else (not typing) the focus goes to the first kept value, so
 * that Delete twice takes it away, and each Delete after that the next. */
static gboolean
delete_kept (GlossAttributePopover *self)
{
  GtkListBoxRow *row = focused_kept_row (self);

  if (row != NULL)
    {
      remove_kept (self, g_object_get_data (G_OBJECT (row), "gloss-attribute-id"));
      return TRUE;
    }

  if (gtk_list_box_get_row_at_index (self->kept_list, 0) == NULL)
    return FALSE;

  self->picked = NULL;
  focus_kept_row (self, 0);
  set_hint (self);
  return TRUE;
}

static GtkWidget *
kept_row_new (GlossAttributePopover *self,
              const char            *id,
              GlossAttribute        *attribute,
              GVariant              *value)
{
  GlossLabelSet *labels = gloss_annotation_set_get_labels (self->set);
  const char *label = gloss_annotation_get_label (self->annotation);
  GlossLabel *declared_label = label != NULL ? gloss_label_set_lookup (labels, label) : NULL;
  const char *name = attribute != NULL ? gloss_attribute_get_name (attribute) : id;
  g_autofree char *shown = describe_kept_value (attribute, value);
  g_autofree char *reason = NULL;
  g_autofree char *accessible = NULL;
  g_autofree char *remove_name = NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (name);
  GtkWidget *text = gtk_label_new (shown);
  GtkWidget *why;
  GtkWidget *button;
  GtkWidget *row;

  if (attribute == NULL)
    /* Translators: under a value kept from before whose attribute the
     * label set does not declare (any more) */
    reason = g_strdup (_("Not in the label set"));
  else
    /* Translators: under a value kept from before, e.g. "Not an attribute
     * of Person": the span had another label when it was set */
    reason = g_strdup_printf (_("Not an attribute of %s"),
                              declared_label != NULL ? gloss_label_get_name (declared_label) : label);

  gtk_widget_set_margin_start (box, 8);
  gtk_widget_set_margin_end (box, 8);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (text), 30);
  why = gtk_label_new (reason);
  gtk_label_set_xalign (GTK_LABEL (why), 0);
  gtk_label_set_wrap (GTK_LABEL (why), TRUE);
  gtk_widget_add_css_class (why, "dim-label");
  gtk_widget_add_css_class (why, "caption");
  gtk_box_append (GTK_BOX (texts), title);
  gtk_box_append (GTK_BOX (texts), text);
  gtk_box_append (GTK_BOX (texts), why);
  gtk_widget_set_hexpand (texts, TRUE);

  /* Translators: the button that takes a value kept from before away */
  button = gtk_button_new_with_label (_("Remove"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  /* Translators: what a screen reader says of the Remove button, e.g.
   * "Remove Verdict" */
  remove_name = g_strdup_printf (_("Remove %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_name, -1);
  g_object_set_data_full (G_OBJECT (button), "gloss-attribute-id", g_strdup (id), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (on_kept_remove_clicked), self);

  gtk_box_append (GTK_BOX (box), texts);
  gtk_box_append (GTK_BOX (box), button);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  /* Tab goes from Remove to Remove, not through the rows as well. */
  gtk_widget_set_focusable (row, FALSE);
  g_object_set_data_full (G_OBJECT (row), "gloss-attribute-id", g_strdup (id), g_free);
  g_object_set_data (G_OBJECT (row), "gloss-remove-button", button);
  /* Translators: a value kept from before, read by screen readers,
   * e.g. "Verdict: False" */
  accessible = g_strdup_printf (_("%s: %s"), name, shown);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, reason, -1);
  return row;
}

/* The kept rows, made again only when what they show changed. A row that
 * had the focus hands it to the row now in its place, or the one before,
 * so that Delete goes on down the list; once none is left, to the first
 * editor. */
static void
sync_kept (GlossAttributePopover *self)
{
  GlossLabelSet *labels = gloss_annotation_set_get_labels (self->set);
  g_autoptr(GPtrArray) ids = dup_kept_ids (labels, self->annotation);
  g_autoptr(GString) shown = g_string_new (gloss_annotation_get_label (self->annotation));
  GtkListBoxRow *focused;
  GtkWidget *child;
  int focus_index = -1;

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GVariant) value = gloss_annotation_get_attribute (self->annotation, g_ptr_array_index (ids, i));
      g_autofree char *printed = g_variant_print (value, TRUE);

      g_string_append_printf (shown, "\n%s=%s", (char *) g_ptr_array_index (ids, i), printed);
    }
  if (g_strcmp0 (shown->str, self->kept_shown) == 0)
    return;
  g_free (self->kept_shown);
  self->kept_shown = g_strdup (shown->str);

  focused = focused_kept_row (self);
  if (focused != NULL)
    focus_index = gtk_list_box_row_get_index (focused);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->kept_list))) != NULL)
    gtk_list_box_remove (self->kept_list, child);

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      g_autoptr(GVariant) value = gloss_annotation_get_attribute (self->annotation, id);

      gtk_list_box_append (self->kept_list,
                           kept_row_new (self, id, gloss_label_set_lookup_attribute (labels, id), value));
    }
  gtk_widget_set_visible (self->kept, ids->len > 0);

  if (focus_index >= 0 && ids->len > 0)
    focus_kept_row (self, MIN (focus_index, (int) ids->len - 1));
  else if (focus_index >= 0 && self->editors->len > 0)
    gtk_widget_grab_focus (((Editor *) g_ptr_array_index (self->editors, 0))->row);
  else if (self->editors->len == 0)
    /* Nothing else to hold it: an undo bringing a value back to a span
     * that has no attributes of its own gives it the focus again. */
    focus_kept_row (self, 0);
  set_hint (self);
}

/* Building the editors
 * ------------------------------------------------------------------------ */

/* "V" for a key, as a key cap beside what it picks. */
static GtkWidget *
key_label (gunichar key)
{
  char text[8] = { 0 };
  GtkWidget *label;

  if (key != 0)
    g_unichar_to_utf8 (g_unichar_toupper (key), text);
  label = gtk_label_new (text);
  gtk_widget_set_size_request (label, 16, -1);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "monospace");
  return label;
}

static GtkWidget *
choice_editor (Editor *editor)
{
  GlossAttribute *attribute = editor->attribute;
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *box = gtk_flow_box_new ();
  GtkCheckButton *first = NULL;

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (box), GTK_SELECTION_NONE);
  /* Two a line whatever the width: a flow box whose lines depend on the
   * width it gets is measured at one width and laid out at another by the
   * popover, and its last line was cut off. */
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (box), 2);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (box), 2);
  gtk_widget_set_focusable (box, FALSE);
  editor->buttons = g_ptr_array_new ();
  for (guint i = 0; i < gloss_attribute_get_n_choices (attribute); i++)
    {
      GtkWidget *button = gtk_check_button_new ();
      GtkWidget *content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);

      gtk_box_append (GTK_BOX (content), key_label (gloss_attribute_get_choice_key (attribute, i)));
      gtk_box_append (GTK_BOX (content), gtk_label_new (gloss_attribute_get_choice_name (attribute, i)));
      gtk_check_button_set_child (GTK_CHECK_BUTTON (button), content);
      /* Radios for one value, check boxes for several. */
      if (!gloss_attribute_get_multiple (attribute))
        {
          if (first != NULL)
            gtk_check_button_set_group (GTK_CHECK_BUTTON (button), first);
          else
            first = GTK_CHECK_BUTTON (button);
        }
      g_signal_connect (button, "toggled", G_CALLBACK (on_choice_toggled), editor);
      g_ptr_array_add (editor->buttons, button);
      gtk_flow_box_append (GTK_FLOW_BOX (box), button);
    }

  /* Filled by sync_unlisted(). */
  editor->unlisted = g_ptr_array_new ();
  editor->unlisted_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_visible (editor->unlisted_box, FALSE);
  gtk_box_append (GTK_BOX (outer), box);
  gtk_box_append (GTK_BOX (outer), editor->unlisted_box);
  return outer;
}

static GtkWidget *
number_editor (Editor *editor)
{
  GlossAttribute *attribute = editor->attribute;
  double minimum = MAX (gloss_attribute_get_minimum (attribute), -NUMBER_LIMIT);
  double maximum = MIN (gloss_attribute_get_maximum (attribute), NUMBER_LIMIT);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *clear = gtk_button_new_from_icon_name ("edit-clear-symbolic");
  GtkEventController *focus;

  editor->spin = gtk_spin_button_new_with_range (minimum, maximum, 1);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (editor->spin), 2);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (editor->spin), TRUE);
  /* Text that is no number, or out of bounds, gives the value back. */
  gtk_spin_button_set_update_policy (GTK_SPIN_BUTTON (editor->spin), GTK_UPDATE_IF_VALID);
  g_signal_connect (editor->spin, "input", G_CALLBACK (on_number_input), editor);
  gtk_widget_set_hexpand (editor->spin, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (editor->spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, gloss_attribute_get_name (attribute),
                                  -1);
  g_signal_connect (editor->spin, "value-changed", G_CALLBACK (on_number_changed), editor);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "leave", G_CALLBACK (on_number_leave), editor);
  gtk_widget_add_controller (editor->spin, focus);
  g_signal_connect (gtk_widget_get_first_child (editor->spin), "activate",
                    G_CALLBACK (on_number_activate), editor);

  gtk_widget_set_tooltip_text (clear, _("Clear"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (clear), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Clear"), -1);
  g_signal_connect (clear, "clicked", G_CALLBACK (on_number_clear), editor);

  gtk_box_append (GTK_BOX (box), editor->spin);
  gtk_box_append (GTK_BOX (box), clear);
  return box;
}

static GtkWidget *
value_editor (Editor *editor)
{
  GlossAttribute *attribute = editor->attribute;

  switch (gloss_attribute_get_value_type (attribute))
    {
    case GLOSS_ATTRIBUTE_CHOICE:
      return choice_editor (editor);

    case GLOSS_ATTRIBUTE_BOOLEAN:
      /* Translators: the check box of a yes/no attribute */
      editor->check = gtk_check_button_new_with_label (_("Yes"));
      g_signal_connect (editor->check, "toggled", G_CALLBACK (on_boolean_toggled), editor);
      return editor->check;

    case GLOSS_ATTRIBUTE_TEXT:
      editor->entry = gtk_entry_new ();
      gtk_accessible_update_property (GTK_ACCESSIBLE (editor->entry),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, gloss_attribute_get_name (attribute),
                                      -1);
      g_signal_connect (editor->entry, "changed", G_CALLBACK (on_text_changed), editor);
      g_signal_connect (editor->entry, "activate", G_CALLBACK (on_text_activate), editor);
      return editor->entry;

    case GLOSS_ATTRIBUTE_NUMBER:
      return number_editor (editor);

    default:
      g_assert_not_reached ();
    }
}

static Editor *
editor_new (GlossAttributePopover *self,
            GlossAttribute        *attribute)
{
  Editor *editor = g_new0 (Editor, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  editor->popover = self;
  editor->attribute = g_object_ref (attribute);

  gtk_widget_set_margin_start (box, 8);
  gtk_widget_set_margin_end (box, 8);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);

  gtk_box_append (GTK_BOX (header), key_label (gloss_attribute_get_shortcut (attribute)));
  editor->name = gtk_label_new (gloss_attribute_get_name (attribute));
  gtk_label_set_xalign (GTK_LABEL (editor->name), 0);
  gtk_widget_set_hexpand (editor->name, TRUE);
  gtk_widget_add_css_class (editor->name, "heading");
  gtk_box_append (GTK_BOX (header), editor->name);
  if (gloss_attribute_get_required (attribute))
    {
      /* Translators: beside an attribute a span must have */
      editor->required = gtk_label_new (_("Required"));
      gtk_widget_add_css_class (editor->required, "caption");
      gtk_box_append (GTK_BOX (header), editor->required);
    }
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), value_editor (editor));

  if (editor->entry != NULL)
    {
      editor->problem = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (editor->problem), 0);
      gtk_label_set_wrap (GTK_LABEL (editor->problem), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (editor->problem), 40);
      gtk_widget_add_css_class (editor->problem, "error");
      gtk_widget_add_css_class (editor->problem, "caption");
      gtk_widget_set_visible (editor->problem, FALSE);
      gtk_box_append (GTK_BOX (box), editor->problem);
    }

  editor->row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (editor->row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (editor->row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (editor->row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, gloss_attribute_get_name (attribute),
                                  -1);
  return editor;
}

static void
build_editors (GlossAttributePopover *self)
{
  GlossLabelSet *labels = gloss_annotation_set_get_labels (self->set);
  const char *label = gloss_annotation_get_label (self->annotation);
  g_autoptr(GPtrArray) attributes = gloss_label_set_get_attributes_for_label (labels, label);
  GtkWidget *child;

  self->picked = NULL;
  self->syncing = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_ptr_array_set_size (self->editors, 0);
  self->syncing = FALSE;

  g_free (self->built_label);
  self->built_label = g_strdup (label);
  /* The kept rows name the label: made again too. */
  g_clear_pointer (&self->kept_shown, g_free);

  for (guint i = 0; i < attributes->len; i++)
    {
      Editor *editor = editor_new (self, g_ptr_array_index (attributes, i));

      g_ptr_array_add (self->editors, editor);
      gtk_list_box_append (self->list, editor->row);
    }
  /* A span that only holds kept values: no empty frame above them. */
  gtk_widget_set_visible (GTK_WIDGET (self->list), self->editors->len > 0);

  set_hint (self);
  sync_editors (self);
}

/* The keyboard
 * ------------------------------------------------------------------------ */

static Editor *
editor_for_key (GlossAttributePopover *self,
                gunichar               key)
{
  for (guint i = 0; i < self->editors->len; i++)
    {
      Editor *editor = g_ptr_array_index (self->editors, i);
      gunichar shortcut = gloss_attribute_get_shortcut (editor->attribute);

      if (shortcut != 0 && g_unichar_tolower (shortcut) == g_unichar_tolower (key))
        return editor;
    }

  return NULL;
}

static void
pick_editor (GlossAttributePopover *self,
             Editor                *editor)
{
  self->picked = NULL;
  gtk_list_box_select_row (self->list, GTK_LIST_BOX_ROW (editor->row));

  switch (gloss_attribute_get_value_type (editor->attribute))
    {
    case GLOSS_ATTRIBUTE_CHOICE:
      self->picked = editor;
      gtk_widget_grab_focus (editor->row);
      break;

    case GLOSS_ATTRIBUTE_BOOLEAN:
      toggle_boolean (editor);
      gtk_widget_grab_focus (editor->row);
      break;

    case GLOSS_ATTRIBUTE_TEXT:
      gtk_widget_grab_focus (editor->entry);
      break;

    case GLOSS_ATTRIBUTE_NUMBER:
      gtk_widget_grab_focus (editor->spin);
      break;

    default:
      g_assert_not_reached ();
    }

  set_hint (self);
}

typedef enum
{
  NOT_TYPING,
  TYPING_TEXT,
  TYPING_NUMBER,
} Typing;

/* Whether the keyboard is typing into a text or a number editor. */
static Typing
typing (GlossAttributePopover *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus == NULL || !GTK_IS_TEXT (focus))
    return NOT_TYPING;

  return gtk_widget_get_ancestor (focus, GTK_TYPE_SPIN_BUTTON) != NULL ? TYPING_NUMBER : TYPING_TEXT;
}

/* What a number is typed with; C's decimal point or the locale's comma.
 * Not "e": an exponent is nothing a person types into a field of two
 * decimals, and e is a key like any other. */
static gboolean
is_number_character (gunichar key)
{
  return g_unichar_isdigit (key) || key == '.' || key == ',' || key == '-' || key == '+';
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GlossAttributePopover *self)
{
  gunichar key;
  Editor *editor;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0)
    return FALSE;

  /* Delete is the kept values' key; typing, it deletes text. */
  if (keyval == GDK_KEY_Delete || keyval == GDK_KEY_KP_Delete)
    return typing (self) == NOT_TYPING && delete_kept (self);

  key = gdk_keyval_to_unicode (keyval);
  /* Space, Tab, arrows and Escape keep their usual meaning. */
  if (key == 0 || !g_unichar_isgraph (key))
    return FALSE;

  /* A text is typed; a number too, but any other key picks, as in the
   * list: a letter must not end up in the number, which would read as 0. */
  switch (typing (self))
    {
    case TYPING_TEXT:
      return FALSE;
    case TYPING_NUMBER:
      if (is_number_character (key))
        return FALSE;
      break;
    case NOT_TYPING:
    default:
      break;
    }

  /* A value's key first, once a choice is picked: the values of different
   * attributes, and an attribute and a value, may share keys. */
  if (self->picked != NULL)
    {
      int index = gloss_attribute_lookup_choice_key (self->picked->attribute, key);

      if (index >= 0)
        {
          Editor *picked = self->picked;

          pick_choice (picked, (guint) index);
          if (!gloss_attribute_get_multiple (picked->attribute))
            self->picked = NULL;
          set_hint (self);
          return TRUE;
        }
    }

  editor = editor_for_key (self, key);
  if (editor != NULL)
    pick_editor (self, editor);
  else
    gtk_widget_error_bell (GTK_WIDGET (self));

  /* Taken either way: a letter that picks nothing must not reach the
   * list's or a button's own handling. */
  return TRUE;
}

/* The window's shortcuts (Ctrl+Z, Ctrl+Shift+Z, Ctrl+S…) do not reach a
 * popover: those that nothing in it took (an entry takes its own Ctrl+Z
 * while it has typing to undo) are passed on. What a number field shows is
 * set first: Ctrl+S saves it, Ctrl+Z takes it back as a step of its own. */
static gboolean
on_accel_pressed (GtkEventControllerKey *controller,
                  guint                  keyval,
                  guint                  keycode,
                  GdkModifierType        state,
                  GlossAttributePopover *self)
{
  GtkRoot *root;
  GtkApplication *application;
  g_autofree char *accel = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GVariant) target = NULL;
  g_auto(GStrv) actions = NULL;

  if ((state & GDK_CONTROL_MASK) == 0)
    return GDK_EVENT_PROPAGATE;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  application = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;
  if (application == NULL)
    return GDK_EVENT_PROPAGATE;

  accel = gtk_accelerator_name (gdk_keyval_to_lower (keyval), state & gtk_accelerator_get_default_mod_mask ());
  actions = gtk_application_get_actions_for_accel (application, accel);
  if (actions == NULL || actions[0] == NULL
      || !g_action_parse_detailed_name (actions[0], &name, &target, NULL))
    return GDK_EVENT_PROPAGATE;

  commit_numbers (self);
  return gtk_widget_activate_action_variant (GTK_WIDGET (self), name, target)
         ? GDK_EVENT_STOP : GDK_EVENT_PROPAGATE;
}

/* Life cycle
 * ------------------------------------------------------------------------ */

static void
forget_annotation (GlossAttributePopover *self)
{
  if (self->changed_id != 0 && self->set != NULL)
    g_signal_handler_disconnect (self->set, self->changed_id);
  self->changed_id = 0;
  if (self->items_id != 0 && self->set != NULL)
    g_signal_handler_disconnect (self->set, self->items_id);
  self->items_id = 0;
  if (self->count_id != 0 && self->set != NULL)
    g_signal_handler_disconnect (self->set, self->count_id);
  self->count_id = 0;
  self->picked = NULL;
  g_clear_object (&self->set);
  g_clear_object (&self->annotation);
}

static void
gloss_attribute_popover_closed (GtkPopover *popover)
{
  GlossAttributePopover *self = GLOSS_ATTRIBUTE_POPOVER (popover);

  /* Escape or a click elsewhere keeps what the number editors show. */
  commit_numbers (self);
  forget_annotation (self);
}

/* As tall as the editors, up to most of the window's height: the heading
 * and hint stay in sight above the editors that scroll. */
static void
limit_height (GlossAttributePopover *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  int height = root != NULL ? gtk_widget_get_height (GTK_WIDGET (root)) : 0;

  gtk_scrolled_window_set_max_content_height (self->scrolled,
                                              MAX (height * 3 / 4 - ABOVE_LIST_HEIGHT, MIN_LIST_HEIGHT));
}

void
gloss_attribute_popover_dismiss (GlossAttributePopover *self)
{
  g_return_if_fail (GLOSS_IS_ATTRIBUTE_POPOVER (self));

  /* Forgotten first: closing sets what the number editors show, and the
   * set is not to be edited any more. */
  forget_annotation (self);
  gtk_popover_popdown (GTK_POPOVER (self));
}

/* Undone, deleted, or replaced by a reload (someone else changed it): the
 * set no longer holds the annotation the editors edit. A deletion says so
 * once its id is gone (n-annotations), a reload with its items. */
static void
check_still_held (GlossAttributePopover *self)
{
  if (self->annotation != NULL
      && gloss_annotation_set_lookup (self->set, gloss_annotation_get_id (self->annotation)) != self->annotation)
    gloss_attribute_popover_dismiss (self);
}

static void
on_items_changed (GlossAttributePopover *self,
                  guint                  position,
                  guint                  removed,
                  guint                  added,
                  GListModel            *set)
{
  if (removed > 0)
    check_still_held (self);
}

void
gloss_attribute_popover_edit (GlossAttributePopover *self,
                              GlossAnnotationSet    *set,
                              GlossAnnotation       *annotation)
{
  g_autofree char *excerpt = NULL;
  g_autofree char *heading = NULL;

  g_return_if_fail (GLOSS_IS_ATTRIBUTE_POPOVER (self));
  g_return_if_fail (GLOSS_IS_ANNOTATION_SET (set));
  g_return_if_fail (GLOSS_IS_ANNOTATION (annotation));

  /* Open on another span: what its number editors show is kept first. */
  commit_numbers (self);
  forget_annotation (self);
  self->set = g_object_ref (set);
  self->annotation = g_object_ref (annotation);
  self->changed_id = g_signal_connect_swapped (set, "annotation-changed",
                                               G_CALLBACK (on_annotation_changed), self);
  self->items_id = g_signal_connect_swapped (set, "items-changed",
                                             G_CALLBACK (on_items_changed), self);
  self->count_id = g_signal_connect_swapped (set, "notify::n-annotations",
                                             G_CALLBACK (check_still_held), self);

  excerpt = gloss_format_quoted_excerpt (gloss_annotation_get_exact (annotation), HEADING_EXCERPT_CHARS);
  /* Translators: heading of the attribute editor; %s is the annotated
   * text, already in quotation marks. */
  heading = g_strdup_printf (_("Attributes of %s"), excerpt);
  gtk_label_set_text (self->heading, heading);
  show_message (self, NULL);

  build_editors (self);
  limit_height (self);

  gtk_popover_popup (GTK_POPOVER (self));
  /* The keys are the popover's (on_key_pressed): the focus sits on the
   * first row, not in an entry; on a span with no attributes of its own,
   * on the first kept value's Remove. */
  if (self->editors->len > 0)
    gtk_widget_grab_focus (((Editor *) g_ptr_array_index (self->editors, 0))->row);
  else
    focus_kept_row (self, 0);
}

GlossAnnotation *
gloss_attribute_popover_get_annotation (GlossAttributePopover *self)
{
  g_return_val_if_fail (GLOSS_IS_ATTRIBUTE_POPOVER (self), NULL);

  return self->annotation;
}

GtkWidget *
gloss_attribute_popover_new (void)
{
  return g_object_new (GLOSS_TYPE_ATTRIBUTE_POPOVER, NULL);
}

static void
gloss_attribute_popover_dispose (GObject *object)
{
  GlossAttributePopover *self = GLOSS_ATTRIBUTE_POPOVER (object);

  forget_annotation (self);

  G_OBJECT_CLASS (gloss_attribute_popover_parent_class)->dispose (object);
}

static void
gloss_attribute_popover_finalize (GObject *object)
{
  GlossAttributePopover *self = GLOSS_ATTRIBUTE_POPOVER (object);

  g_clear_pointer (&self->editors, g_ptr_array_unref);
  g_free (self->built_label);
  g_free (self->kept_shown);

  G_OBJECT_CLASS (gloss_attribute_popover_parent_class)->finalize (object);
}

static void
gloss_attribute_popover_class_init (GlossAttributePopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkPopoverClass *popover_class = GTK_POPOVER_CLASS (klass);

  object_class->dispose = gloss_attribute_popover_dispose;
  object_class->finalize = gloss_attribute_popover_finalize;
  popover_class->closed = gloss_attribute_popover_closed;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/gloss-attribute-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossAttributePopover, heading);
  gtk_widget_class_bind_template_child (widget_class, GlossAttributePopover, hint);
  gtk_widget_class_bind_template_child (widget_class, GlossAttributePopover, scrolled);
  gtk_widget_class_bind_template_child (widget_class, GlossAttributePopover, list);
  gtk_widget_class_bind_template_child (widget_class, GlossAttributePopover, message);
  gtk_widget_class_bind_template_child (widget_class, GlossAttributePopover, kept);
  gtk_widget_class_bind_template_child (widget_class, GlossAttributePopover, kept_list);
}

static void
gloss_attribute_popover_init (GlossAttributePopover *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->editors = g_ptr_array_new_with_free_func (editor_free);

  /* Before the focused row or button sees them. */
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  /* After them: what they leave of Ctrl's keys goes to the window. */
  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_accel_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}
