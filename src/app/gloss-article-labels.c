/* gloss-article-labels.c — the panel where the fields of the whole article
 * are set
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "gloss-article-labels.h"

/* A spin button needs bounds: a field without them gets these (and
 * more, to hold a value beyond them). */
#define NUMBER_LIMIT 1e9
/* A number is shown with at least these decimals, and with more (up to
 * the most) when it has them: 0.1234 shows whole, not as 0.12. */
#define NUMBER_DIGITS 2
#define NUMBER_MAX_DIGITS 15

/* The editor of one field. */
typedef struct
{
  GlossArticleLabels *self;      /* unowned: the editors die with it */
  GlossAttribute     *field;
  GtkWidget          *first;     /* what its key focuses */
  GtkWidget          *required;  /* "Required", warned while not set */
  GPtrArray          *choices;   /* toggle or check buttons, by value */
  GtkWidget          *check;     /* boolean */
  GtkWidget          *entry;     /* text */
  GtkWidget          *unlisted_box; /* choice: values the label set does not list */
  GPtrArray          *unlisted;  /* their buttons */
  GtkWidget          *spin;      /* number */
  GtkWidget          *clear;     /* number: unset it */
  char               *shown;     /* number: the text shown for the value held */
  double              shown_value; /* number: the spin's value then */
  gboolean            typed;     /* number: a value typed, read, not yet set */
  gboolean            emptied;   /* number: its text deleted, not yet unset */
  GtkWidget          *message;   /* why a value was refused */
} FieldEditor;

struct _GlossArticleLabels
{
  GtkPopover     parent_instance;

  GtkWidget     *heading;
  GtkWidget     *read_only_label;
  GtkWidget     *fields_box;

  GlossSession  *session;
  GSignalGroup  *session_signals;
  GPtrArray     *editors;        /* FieldEditor */
  FieldEditor   *pending;        /* its key was pressed: a value key may follow */
  gboolean       syncing;        /* setting editors from the session */
};

G_DEFINE_FINAL_TYPE (GlossArticleLabels, gloss_article_labels, GTK_TYPE_POPOVER)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_HAS_FIELDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
field_editor_free (FieldEditor *editor)
{
  g_clear_object (&editor->field);
  g_clear_pointer (&editor->choices, g_ptr_array_unref);
  g_clear_pointer (&editor->unlisted, g_ptr_array_unref);
  g_free (editor->shown);
  g_free (editor);
}

static gboolean
is_editable (GlossArticleLabels *self)
{
  return self->session != NULL
         && gloss_session_get_save_state (self->session) != GLOSS_SAVE_STATE_READ_ONLY;
}

/* The entry's text is being written: GtkEntry's focus is on its GtkText. */
static gboolean
focus_is_in (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static void
show_message (FieldEditor *editor,
              const char  *message)
{
  gtk_label_set_text (GTK_LABEL (editor->message), message != NULL ? message : "");
  gtk_widget_set_visible (editor->message, message != NULL);
}

/* Every edit goes here: the session checks it against the label set and
 * refuses while read-only; a refusal is said under the field. */
static gboolean
set_value (FieldEditor *editor,
           GVariant    *value)
{
  GlossArticleLabels *self = editor->self;
  g_autoptr(GVariant) sunk = value != NULL ? g_variant_ref_sink (value) : NULL;
  g_autoptr(GError) error = NULL;

  if (self->session == NULL)
    return FALSE;

  if (!gloss_session_set_document_label (self->session, gloss_attribute_get_id (editor->field),
                                         sunk, &error))
    {
      show_message (editor, error->message);
      gtk_widget_error_bell (GTK_WIDGET (self));
      return FALSE;
    }

  show_message (editor, NULL);
  return TRUE;
}

/* Showing the values
 * ------------------------------------------------------------------------ */

static gboolean
strv_has (GVariant   *value,
          const char *id)
{
  g_autofree const char **ids = NULL;

  if (value == NULL || !g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY))
    return FALSE;

  ids = g_variant_get_strv (value, NULL);
  return g_strv_contains (ids, id);
}

static double
empty_number (GlossAttribute *field)
{
  double min = gloss_attribute_get_minimum (field);
  double max = gloss_attribute_get_maximum (field);

  return CLAMP (0.0, isfinite (min) ? min : -NUMBER_LIMIT, isfinite (max) ? max : NUMBER_LIMIT);
}

/* A choice's values the label set does not list (read from the file),
 * in the order held. */
static GStrv
unlisted_values (GlossAttribute *field,
                 GVariant       *value)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY))
    {
      g_autofree const char **ids = g_variant_get_strv (value, NULL);

      for (guint i = 0; ids[i] != NULL; i++)
        if (gloss_attribute_lookup_choice (field, ids[i]) < 0)
          g_strv_builder_add (builder, ids[i]);
    }
  else if (value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING)
           && gloss_attribute_lookup_choice (field, g_variant_get_string (value, NULL)) < 0)
    g_strv_builder_add (builder, g_variant_get_string (value, NULL));

  return g_strv_builder_end (builder);
}

static const char *
unlisted_id (GtkWidget *button)
{
  return g_object_get_data (G_OBJECT (button), "gloss-value");
}

static void on_unlisted_toggled (GtkWidget   *button,
                                 FieldEditor *editor);

/* Shown as such, pressed: pressing it removes the value, on purpose. */
static GtkWidget *
add_unlisted_button (FieldEditor *editor,
                     const char  *id)
{
  /* Translators: a value of an article field that the label set does
   * not list, as the file has it (%s) */
  g_autofree char *label = g_strdup_printf (_("%s (not in the label set)"), id);
  GtkWidget *button;

  if (gloss_attribute_get_multiple (editor->field))
    button = gtk_check_button_new_with_label (label);
  else
    button = gtk_toggle_button_new_with_label (label);
  gtk_widget_set_tooltip_text (button, _("Kept as the file has it until you remove it"));
  g_object_set_data_full (G_OBJECT (button), "gloss-value", g_strdup (id), g_free);
  g_signal_connect (button, "toggled", G_CALLBACK (on_unlisted_toggled), editor);
  gtk_box_append (GTK_BOX (editor->unlisted_box), button);
  g_ptr_array_add (editor->unlisted, button);

  return button;
}

/* One button per value held that the label set does not list. A value
 * removed hides its button rather than destroying it: it may be the
 * button being toggled. */
static void
sync_unlisted (FieldEditor *editor,
               GVariant    *value)
{
  g_auto(GStrv) ids = unlisted_values (editor->field, value);
  gboolean any = FALSE;

  for (guint i = 0; i < editor->unlisted->len; i++)
    {
      GtkWidget *button = editor->unlisted->pdata[i];
      gboolean held = g_strv_contains ((const char * const *) ids, unlisted_id (button));

      if (!held && focus_is_in (button) && editor->first != NULL)
        gtk_widget_grab_focus (editor->first);
      gtk_widget_set_visible (button, held);
    }

  for (guint i = 0; ids[i] != NULL; i++)
    {
      GtkWidget *button = NULL;

      for (guint j = 0; button == NULL && j < editor->unlisted->len; j++)
        if (g_str_equal (unlisted_id (editor->unlisted->pdata[j]), ids[i]))
          button = editor->unlisted->pdata[j];
      if (button == NULL)
        button = add_unlisted_button (editor, ids[i]);

      if (GTK_IS_CHECK_BUTTON (button))
        gtk_check_button_set_active (GTK_CHECK_BUTTON (button), TRUE);
      else
        gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
      any = TRUE;
    }

  gtk_widget_set_visible (editor->unlisted_box, any);
}

/* Enough decimals that the text reads back as the value, within reason:
 * what is shown is what is held. */
static guint
digits_for (double value)
{
  if (!isfinite (value))
    return NUMBER_DIGITS;

  for (guint digits = NUMBER_DIGITS; digits < NUMBER_MAX_DIGITS; digits++)
    {
      char format[16];
      char text[512];

      g_snprintf (format, sizeof format, "%%.%uf", digits);
      g_ascii_formatd (text, sizeof text, format, value);
      if (g_ascii_strtod (text, NULL) == value)
        return digits;
    }

  return NUMBER_MAX_DIGITS;
}

static void
field_range (GlossAttribute *field,
             double         *min,
             double         *max)
{
  *min = gloss_attribute_get_minimum (field);
  *max = gloss_attribute_get_maximum (field);
  *min = isfinite (*min) ? *min : -NUMBER_LIMIT;
  *max = isfinite (*max) ? *max : NUMBER_LIMIT;
}

/* The value held, whole: a value beyond the spin button's bounds (a field
 * without any, or a file's value the label set does not allow) widens
 * them rather than being shown clamped. The text shown is remembered, so
 * that reading it back (on focus, on leaving) never stands for an edit. */
static void
sync_number (FieldEditor *editor,
             GVariant    *value)
{
  GtkSpinButton *spin = GTK_SPIN_BUTTON (editor->spin);
  gboolean set = value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE);
  double shown = set ? g_variant_get_double (value) : empty_number (editor->field);
  double min, max;

  field_range (editor->field, &min, &max);
  /* Without bounds, room to step on from such a value. */
  if (isfinite (shown))
    gtk_spin_button_set_range (spin,
                               MIN (min, isfinite (gloss_attribute_get_minimum (editor->field))
                                         ? shown : shown - NUMBER_LIMIT),
                               MAX (max, isfinite (gloss_attribute_get_maximum (editor->field))
                                         ? shown : shown + NUMBER_LIMIT));
  gtk_spin_button_set_digits (spin, set ? digits_for (shown) : NUMBER_DIGITS);
  gtk_spin_button_set_value (spin, shown);
  /* Not set: the spin shows nothing rather than a value that is not
   * there. */
  if (!set)
    gtk_editable_set_text (GTK_EDITABLE (spin), "");

  g_free (editor->shown);
  editor->shown = g_strdup (gtk_editable_get_text (GTK_EDITABLE (spin)));
  editor->shown_value = gtk_spin_button_get_value (spin);
  editor->typed = FALSE;
  editor->emptied = FALSE;
  gtk_widget_set_sensitive (editor->clear, set);
}

static void
sync_editor (FieldEditor *editor)
{
  GlossArticleLabels *self = editor->self;
  g_autoptr(GVariant) value = NULL;
  GlossAttribute *field = editor->field;

  if (self->session != NULL)
    value = gloss_session_get_document_label (self->session, gloss_attribute_get_id (field));

  if (editor->required != NULL)
    {
      if (gloss_attribute_value_is_set (value))
        gtk_widget_remove_css_class (editor->required, "warning");
      else
        gtk_widget_add_css_class (editor->required, "warning");
    }

  switch (gloss_attribute_get_value_type (field))
    {
    case GLOSS_ATTRIBUTE_CHOICE:
      for (guint i = 0; i < editor->choices->len; i++)
        {
          const char *id = gloss_attribute_get_choice_id (field, i);
          gboolean active;

          if (gloss_attribute_get_multiple (field))
            active = strv_has (value, id);
          else
            active = value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING)
                     && g_str_equal (g_variant_get_string (value, NULL), id);

          if (GTK_IS_CHECK_BUTTON (editor->choices->pdata[i]))
            gtk_check_button_set_active (editor->choices->pdata[i], active);
          else
            gtk_toggle_button_set_active (editor->choices->pdata[i], active);
        }
      sync_unlisted (editor, value);
      break;

    case GLOSS_ATTRIBUTE_BOOLEAN:
      {
        gboolean set = value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN);

        gtk_check_button_set_inconsistent (GTK_CHECK_BUTTON (editor->check), !set);
        gtk_check_button_set_active (GTK_CHECK_BUTTON (editor->check),
                                     set && g_variant_get_boolean (value));
      }
      break;

    case GLOSS_ATTRIBUTE_TEXT:
      {
        const char *text = value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING)
                           ? g_variant_get_string (value, NULL) : "";

        /* Not while it is being typed in: the session has the last value
         * set, the entry what is being written. */
        if (!focus_is_in (editor->entry)
            && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (editor->entry)), text) != 0)
          gtk_editable_set_text (GTK_EDITABLE (editor->entry), text);
      }
      break;

    case GLOSS_ATTRIBUTE_NUMBER:
      sync_number (editor, value);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
sync_values (GlossArticleLabels *self)
{
  self->syncing = TRUE;
  for (guint i = 0; self->editors != NULL && i < self->editors->len; i++)
    sync_editor (g_ptr_array_index (self->editors, i));
  self->syncing = FALSE;
}

/* Insensitive while the session refuses edits, as the rest of the window. */
static void
sync_editable (GlossArticleLabels *self)
{
  gboolean editable = is_editable (self);

  gtk_widget_set_sensitive (self->fields_box, editable);
  gtk_widget_set_visible (self->read_only_label, self->session != NULL && !editable);
}

/* The editors' signals
 * ------------------------------------------------------------------------ */

/* The list the field holds with @id added at its end or taken out; the
 * other values stay as they are, those the label set does not list too. */
static GVariant *
toggled_list (FieldEditor *editor,
              const char  *id,
              gboolean     add)
{
  g_autoptr(GVariant) held = gloss_session_get_document_label (editor->self->session,
                                                              gloss_attribute_get_id (editor->field));
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;

  if (held != NULL && g_variant_is_of_type (held, G_VARIANT_TYPE_STRING_ARRAY))
    {
      g_autofree const char **old = g_variant_get_strv (held, NULL);

      for (guint i = 0; old[i] != NULL; i++)
        if (!g_str_equal (old[i], id))
          g_strv_builder_add (builder, old[i]);
    }
  if (add)
    g_strv_builder_add (builder, id);

  ids = g_strv_builder_end (builder);
  return g_variant_new_strv ((const char * const *) ids, -1);
}

static void
on_choice_toggled (GtkWidget   *button,
                   FieldEditor *editor)
{
  GlossAttribute *field = editor->field;
  guint index;

  if (editor->self->syncing || editor->self->session == NULL)
    return;

  g_ptr_array_find (editor->choices, button, &index);
  if (gloss_attribute_get_multiple (field))
    {
      /* Only this value: a list made again from the buttons would drop
       * the values the label set does not list. */
      set_value (editor, toggled_list (editor, gloss_attribute_get_choice_id (field, index),
                                       gtk_check_button_get_active (GTK_CHECK_BUTTON (button))));
    }
  else
    {
      /* The chosen value pressed again: not set. */
      if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)))
        set_value (editor, g_variant_new_string (gloss_attribute_get_choice_id (field, index)));
      else
        set_value (editor, NULL);
    }

  /* Refused, or one of a group: show what the session holds. */
  sync_values (editor->self);
}

/* A value the label set does not list, pressed: removed, on purpose. */
static void
on_unlisted_toggled (GtkWidget   *button,
                     FieldEditor *editor)
{
  gboolean active = GTK_IS_CHECK_BUTTON (button)
                    ? gtk_check_button_get_active (GTK_CHECK_BUTTON (button))
                    : gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button));

  if (editor->self->syncing || editor->self->session == NULL)
    return;

  if (!active)
    {
      if (gloss_attribute_get_multiple (editor->field))
        set_value (editor, toggled_list (editor, unlisted_id (button), FALSE));
      else
        set_value (editor, NULL);
    }

  /* Refused, or pressed again: show what the session holds. */
  sync_values (editor->self);
}

static void
on_check_toggled (GtkCheckButton *check,
                  FieldEditor    *editor)
{
  if (editor->self->syncing)
    return;

  set_value (editor, g_variant_new_boolean (gtk_check_button_get_active (check)));
  sync_values (editor->self);
}

static GVariant *
entry_value (FieldEditor *editor)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (editor->entry));

  return text[0] != '\0' ? g_variant_new_string (text) : NULL;
}

/* As it is typed: a text that does not match the pattern is said at once,
 * and set only with Enter or on leaving the entry. */
static void
on_entry_changed (GtkEditable *entry,
                  FieldEditor *editor)
{
  g_autoptr(GVariant) value = NULL;
  g_autoptr(GError) error = NULL;

  if (editor->self->syncing)
    return;

  value = entry_value (editor);
  if (value != NULL)
    g_variant_ref_sink (value);
  if (value != NULL && !gloss_attribute_check_value (editor->field, value, &error))
    {
      show_message (editor, error->message);
      gtk_widget_add_css_class (editor->entry, "error");
    }
  else
    {
      show_message (editor, NULL);
      gtk_widget_remove_css_class (editor->entry, "error");
    }
}

static void
commit_entry (FieldEditor *editor)
{
  g_autoptr(GVariant) current = NULL;
  GVariant *value;

  if (editor->self->syncing || editor->self->session == NULL || !is_editable (editor->self))
    return;

  value = entry_value (editor);
  current = gloss_session_get_document_label (editor->self->session,
                                              gloss_attribute_get_id (editor->field));
  if (value == NULL && current == NULL)
    return;

  set_value (editor, value);
}

static void
on_entry_activate (GtkEntry    *entry,
                   FieldEditor *editor)
{
  commit_entry (editor);
}

static void
on_entry_leave (GtkEventControllerFocus *controller,
                FieldEditor             *editor)
{
  commit_entry (editor);
}

/* The spin button reads its text (on leaving it, Enter, before a step).
 * The text shown for the value held stands for that value, whole: read
 * back, 0.1234 shown with fewer decimals would have been a rounded,
 * different number. Deleted, it is the field unset (commit_number()).
 * What reads as no number is refused, and the spin button shows the
 * value held again. */
static int
on_spin_input (GtkSpinButton *spin,
               double        *new_value,
               FieldEditor   *editor)
{
  GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (spin);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autoptr(GVariant) checked = NULL;
  g_autoptr(GError) error = NULL;
  char *end = NULL;
  double value;

  if (g_strcmp0 (text, editor->shown) == 0 || stripped[0] == '\0')
    {
      editor->emptied = stripped[0] == '\0' && g_strcmp0 (text, editor->shown) != 0;
      *new_value = gtk_adjustment_get_value (adjustment);
      return TRUE;
    }

  /* As GtkSpinButton reads it (in the locale), but all of it. */
  value = g_strtod (stripped, &end);
  if (end == stripped || *end != '\0' || !isfinite (value))
    {
      gtk_widget_error_bell (GTK_WIDGET (spin));
      return GTK_INPUT_ERROR;
    }

  /* Beyond the spin button's bounds: said if the field refuses it, and
   * the bounds widened if not (a field without bounds). */
  if (value < gtk_adjustment_get_lower (adjustment) || value > gtk_adjustment_get_upper (adjustment))
    {
      checked = g_variant_ref_sink (g_variant_new_double (value));
      if (!gloss_attribute_check_value (editor->field, checked, &error))
        {
          show_message (editor, error->message);
          gtk_widget_error_bell (GTK_WIDGET (spin));
          return GTK_INPUT_ERROR;
        }
      gtk_spin_button_set_range (spin, MIN (value, gtk_adjustment_get_lower (adjustment)),
                                 MAX (value, gtk_adjustment_get_upper (adjustment)));
    }

  *new_value = value;
  editor->typed = TRUE;
  editor->emptied = FALSE;
  return TRUE;
}

/* The spin button writes its value out after reading its text: a field
 * not set stays empty until something is typed or stepped (written
 * "0.00", the text would later read as an edit). */
static gboolean
on_spin_output (GtkSpinButton *spin,
                FieldEditor   *editor)
{
  if (editor->typed || editor->shown == NULL || editor->shown[0] != '\0'
      || gtk_spin_button_get_value (spin) != editor->shown_value)
    return FALSE;

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (spin)), "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), "");
  return TRUE;
}

/* A step, or a typed value read: set at once. The spin button's own
 * changes set nothing: showing the value held again after a refused text
 * changes nothing either. */
static void
on_spin_value_changed (GtkSpinButton *spin,
                       FieldEditor   *editor)
{
  double value = gtk_spin_button_get_value (spin);

  if (editor->self->syncing)
    return;

  if (!editor->typed && value == editor->shown_value)
    {
      sync_values (editor->self);
      return;
    }

  editor->typed = FALSE;
  set_value (editor, g_variant_new_double (value));
  sync_values (editor->self);
}

/* On leaving the field, Enter, or the panel closing: what is typed and not
 * yet read is read; a deleted text unsets the field, a value typed that
 * the spin button already had (no value-changed) is set. */
static void
commit_number (FieldEditor *editor)
{
  g_autoptr(GVariant) held = NULL;

  if (editor->spin == NULL || editor->self->syncing || editor->self->session == NULL)
    return;

  gtk_spin_button_update (GTK_SPIN_BUTTON (editor->spin));
  held = gloss_session_get_document_label (editor->self->session, gloss_attribute_get_id (editor->field));
  if (editor->emptied)
    {
      editor->emptied = FALSE;
      if (held != NULL)
        set_value (editor, NULL);
      sync_values (editor->self);
    }
  else if (editor->typed)
    {
      editor->typed = FALSE;
      set_value (editor, g_variant_new_double (gtk_spin_button_get_value (GTK_SPIN_BUTTON (editor->spin))));
      sync_values (editor->self);
    }
}

static void
on_spin_leave (GtkEventControllerFocus *controller,
               FieldEditor             *editor)
{
  commit_number (editor);
}

static void
on_spin_activate (GtkText     *text,
                  FieldEditor *editor)
{
  commit_number (editor);
}

static void
commit_numbers (GlossArticleLabels *self)
{
  for (guint i = 0; self->editors != NULL && i < self->editors->len; i++)
    commit_number (g_ptr_array_index (self->editors, i));
}

static void
on_clear_clicked (GtkButton   *button,
                  FieldEditor *editor)
{
  set_value (editor, NULL);
  sync_values (editor->self);
  gtk_widget_grab_focus (editor->spin);
}

/* Building the editors
 * ------------------------------------------------------------------------ */

static char *
describe_key (gunichar key)
{
  char buf[8] = { 0 };

  g_unichar_to_utf8 (g_unichar_toupper (key), buf);
  return g_strdup (buf);
}

/* "Stance  S  Required": the name, the key that moves to it, whether it
 * must be set. */
static GtkWidget *
build_title (FieldEditor *editor)
{
  GlossAttribute *field = editor->field;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *name = gtk_label_new (gloss_attribute_get_name (field));

  gtk_label_set_xalign (GTK_LABEL (name), 0.0f);
  gtk_widget_add_css_class (name, "heading");
  gtk_box_append (GTK_BOX (box), name);

  if (gloss_attribute_get_shortcut (field) != 0)
    {
      g_autofree char *key = describe_key (gloss_attribute_get_shortcut (field));
      GtkWidget *label = gtk_label_new (key);

      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_tooltip_text (label, _("Press this key to go to the field"));
      gtk_box_append (GTK_BOX (box), label);
    }

  if (gloss_attribute_get_required (field))
    {
      editor->required = gtk_label_new (_("Required"));
      gtk_widget_set_hexpand (editor->required, TRUE);
      gtk_label_set_xalign (GTK_LABEL (editor->required), 1.0f);
      gtk_widget_add_css_class (editor->required, "caption");
      gtk_box_append (GTK_BOX (box), editor->required);
    }

  return box;
}

/* A few values side by side; more wrap in a flow box (only a layout: no
 * selection, and Tab goes from button to button). A flow box measures
 * its height as if one value a line, which leaves the popover a blank
 * strip: not for the usual two to four values. */
#define CHOICES_IN_A_ROW 4

static GtkWidget *
build_choices (FieldEditor *editor)
{
  GlossAttribute *field = editor->field;
  gboolean multiple = gloss_attribute_get_multiple (field);
  guint n_choices = gloss_attribute_get_n_choices (field);
  GtkWidget *box;

  if (n_choices <= CHOICES_IN_A_ROW)
    box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  else
    {
      box = gtk_flow_box_new ();
      gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (box), GTK_SELECTION_NONE);
      gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (box), FALSE);
      gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (box), CHOICES_IN_A_ROW);
      gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (box), 6);
      gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (box), 6);
    }

  editor->choices = g_ptr_array_new ();
  for (guint i = 0; i < n_choices; i++)
    {
      const char *name = gloss_attribute_get_choice_name (field, i);
      gunichar key = gloss_attribute_get_choice_key (field, i);
      GtkWidget *button;

      if (multiple)
        button = gtk_check_button_new_with_label (name);
      else
        button = gtk_toggle_button_new_with_label (name);
      g_signal_connect (button, "toggled", G_CALLBACK (on_choice_toggled), editor);
      if (key != 0)
        {
          g_autofree char *shown = describe_key (key);
          /* Translators: a value's tooltip, the key that picks it once
           * its field was chosen by its own key. */
          g_autofree char *tooltip = g_strdup_printf (_("Key: %s"), shown);

          gtk_widget_set_tooltip_text (button, tooltip);
        }
      g_ptr_array_add (editor->choices, button);
      if (GTK_IS_FLOW_BOX (box))
        {
          gtk_flow_box_append (GTK_FLOW_BOX (box), button);
          /* The flow box's children would take the focus first: only the
           * buttons should. */
          gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
        }
      else
        gtk_box_append (GTK_BOX (box), button);
    }

  editor->first = editor->choices->len > 0 ? editor->choices->pdata[0] : NULL;
  return box;
}

static GtkWidget *
build_editor_widget (FieldEditor *editor)
{
  GlossAttribute *field = editor->field;

  switch (gloss_attribute_get_value_type (field))
    {
    case GLOSS_ATTRIBUTE_CHOICE:
      {
        GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

        gtk_box_append (GTK_BOX (box), build_choices (editor));
        /* Below the label set's values: what the file holds besides. */
        editor->unlisted_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
        editor->unlisted = g_ptr_array_new ();
        gtk_widget_set_visible (editor->unlisted_box, FALSE);
        gtk_box_append (GTK_BOX (box), editor->unlisted_box);
        return box;
      }

    case GLOSS_ATTRIBUTE_BOOLEAN:
      editor->check = gtk_check_button_new_with_label (_("Yes"));
      g_signal_connect (editor->check, "toggled", G_CALLBACK (on_check_toggled), editor);
      editor->first = editor->check;
      return editor->check;

    case GLOSS_ATTRIBUTE_TEXT:
      {
        GtkEventController *focus = gtk_event_controller_focus_new ();

        editor->entry = gtk_entry_new ();
        if (gloss_attribute_get_pattern (field) != NULL)
          {
            /* Translators: the placeholder of a text field with a
             * pattern (a regular expression its value must match). */
            g_autofree char *hint = g_strdup_printf (_("Matching %s"), gloss_attribute_get_pattern (field));

            gtk_entry_set_placeholder_text (GTK_ENTRY (editor->entry), hint);
          }
        g_signal_connect (editor->entry, "changed", G_CALLBACK (on_entry_changed), editor);
        g_signal_connect (editor->entry, "activate", G_CALLBACK (on_entry_activate), editor);
        g_signal_connect (focus, "leave", G_CALLBACK (on_entry_leave), editor);
        gtk_widget_add_controller (editor->entry, focus);
        editor->first = editor->entry;
        return editor->entry;
      }

    case GLOSS_ATTRIBUTE_NUMBER:
      {
        GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
        GtkEventController *focus = gtk_event_controller_focus_new ();
        double min, max;

        field_range (field, &min, &max);
        editor->spin = gtk_spin_button_new_with_range (min, max, 1.0);
        gtk_spin_button_set_digits (GTK_SPIN_BUTTON (editor->spin), NUMBER_DIGITS);
        gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (editor->spin), TRUE);
        /* Text that reads as no number shows the value held again, never
         * a 0 or a bound in its place. */
        gtk_spin_button_set_update_policy (GTK_SPIN_BUTTON (editor->spin), GTK_UPDATE_IF_VALID);
        gtk_widget_set_hexpand (editor->spin, TRUE);
        g_signal_connect (editor->spin, "input", G_CALLBACK (on_spin_input), editor);
        g_signal_connect (editor->spin, "output", G_CALLBACK (on_spin_output), editor);
        g_signal_connect (editor->spin, "value-changed", G_CALLBACK (on_spin_value_changed), editor);
        g_signal_connect (gtk_widget_get_first_child (editor->spin), "activate",
                          G_CALLBACK (on_spin_activate), editor);
        g_signal_connect (focus, "leave", G_CALLBACK (on_spin_leave), editor);
        gtk_widget_add_controller (editor->spin, focus);

        editor->clear = gtk_button_new_from_icon_name ("edit-clear-symbolic");
        gtk_widget_set_tooltip_text (editor->clear, _("Clear"));
        gtk_accessible_update_property (GTK_ACCESSIBLE (editor->clear),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, _("Clear"), -1);
        g_signal_connect (editor->clear, "clicked", G_CALLBACK (on_clear_clicked), editor);

        gtk_box_append (GTK_BOX (box), editor->spin);
        gtk_box_append (GTK_BOX (box), editor->clear);
        editor->first = editor->spin;
        return box;
      }

    default:
      g_assert_not_reached ();
    }
}

static GtkWidget *
build_field (FieldEditor *editor)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = build_title (editor);
  GtkWidget *widget = build_editor_widget (editor);

  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), widget);

  editor->message = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (editor->message), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (editor->message), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (editor->message), 40);
  gtk_widget_add_css_class (editor->message, "caption");
  gtk_widget_add_css_class (editor->message, "error");
  gtk_widget_set_visible (editor->message, FALSE);
  gtk_box_append (GTK_BOX (box), editor->message);

  /* Screen readers: the field's editors are named by its name. */
  if (editor->first != NULL)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (editor->first),
                                    GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                    gtk_widget_get_first_child (title), NULL, -1);

  return box;
}

static void
rebuild (GlossArticleLabels *self)
{
  GlossLabelSet *labels = self->session != NULL ? gloss_session_get_labels (self->session) : NULL;
  GPtrArray *fields = labels != NULL ? gloss_label_set_get_document_fields (labels) : NULL;
  gboolean had_fields = gloss_article_labels_get_has_fields (self);
  GtkWidget *child;

  self->pending = NULL;
  /* An entry losing the focus as it goes sets nothing (on_entry_leave()):
   * the session may already be another one. */
  self->syncing = TRUE;
  while ((child = gtk_widget_get_first_child (self->fields_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->fields_box), child);
  self->syncing = FALSE;
  g_clear_pointer (&self->editors, g_ptr_array_unref);
  self->editors = g_ptr_array_new_with_free_func ((GDestroyNotify) field_editor_free);

  for (guint i = 0; fields != NULL && i < fields->len; i++)
    {
      FieldEditor *editor = g_new0 (FieldEditor, 1);

      editor->self = self;
      editor->field = g_object_ref (g_ptr_array_index (fields, i));
      g_ptr_array_add (self->editors, editor);
      gtk_box_append (GTK_BOX (self->fields_box), build_field (editor));
    }

  sync_values (self);
  sync_editable (self);

  if (had_fields != gloss_article_labels_get_has_fields (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_FIELDS]);
}

/* Keys
 * ------------------------------------------------------------------------ */

static FieldEditor *
find_by_key (GlossArticleLabels *self,
             gunichar            key)
{
  for (guint i = 0; self->editors != NULL && i < self->editors->len; i++)
    {
      FieldEditor *editor = g_ptr_array_index (self->editors, i);

      if (gloss_attribute_get_shortcut (editor->field) == key)
        return editor;
    }

  return NULL;
}

/* The editor whose text entry or spin button has the focus, or NULL. */
static FieldEditor *
find_typing (GlossArticleLabels *self)
{
  for (guint i = 0; self->editors != NULL && i < self->editors->len; i++)
    {
      FieldEditor *editor = g_ptr_array_index (self->editors, i);

      if ((editor->entry != NULL && focus_is_in (editor->entry))
          || (editor->spin != NULL && focus_is_in (editor->spin)))
        return editor;
    }

  return NULL;
}

/* What a number is typed with, in any locale's way of writing one. */
static gboolean
is_number_key (gunichar key)
{
  return g_unichar_isdigit (key) || (key < 0x80 && strchr (".,+-e", (char) key) != NULL);
}

/* Before the focused editor (capture phase): a field's key moves to it,
 * and after a choice's key, a value's key picks that value — from every
 * editor but a text entry, where letters are typed. A number field takes
 * only what a number is written with: any other letter there is a key of
 * the panel (it would replace the selected number and read as 0). */
static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GlossArticleLabels    *self)
{
  gunichar key = g_unichar_tolower (gdk_keyval_to_unicode (keyval));
  FieldEditor *typing;
  FieldEditor *editor;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0
      || key == 0 || !g_unichar_isgraph (key))
    return FALSE;

  typing = find_typing (self);
  if (typing != NULL && (typing->entry != NULL || is_number_key (key)))
    return FALSE;

  if (self->pending != NULL && gloss_attribute_get_value_type (self->pending->field) == GLOSS_ATTRIBUTE_CHOICE)
    {
      int index = gloss_attribute_lookup_choice_key (self->pending->field, key);

      if (index >= 0)
        {
          GtkWidget *button = self->pending->choices->pdata[index];

          if (!is_editable (self))
            {
              gtk_widget_error_bell (GTK_WIDGET (self));
              return TRUE;
            }
          if (GTK_IS_CHECK_BUTTON (button))
            gtk_check_button_set_active (GTK_CHECK_BUTTON (button),
                                         !gtk_check_button_get_active (GTK_CHECK_BUTTON (button)));
          else
            gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button),
                                          !gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
          gtk_widget_grab_focus (button);
          return TRUE;
        }
    }

  editor = find_by_key (self, key);
  if (editor == NULL)
    {
      if (typing == NULL)
        return FALSE;
      gtk_widget_error_bell (GTK_WIDGET (self));
      return TRUE;
    }

  self->pending = editor;
  if (editor->first != NULL && !gtk_widget_grab_focus (editor->first))
    gtk_widget_error_bell (GTK_WIDGET (self));

  return TRUE;
}

/* GObject
 * ------------------------------------------------------------------------ */

static void
gloss_article_labels_dispose (GObject *object)
{
  GlossArticleLabels *self = GLOSS_ARTICLE_LABELS (object);

  if (self->session_signals != NULL)
    g_signal_group_set_target (self->session_signals, NULL);
  g_clear_object (&self->session_signals);
  g_clear_object (&self->session);
  self->pending = NULL;

  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_ARTICLE_LABELS);

  G_OBJECT_CLASS (gloss_article_labels_parent_class)->dispose (object);
}

/* Escape or a click elsewhere keeps what a number field shows typed. */
static void
gloss_article_labels_closed (GtkPopover *popover)
{
  commit_numbers (GLOSS_ARTICLE_LABELS (popover));
}

static void
gloss_article_labels_finalize (GObject *object)
{
  GlossArticleLabels *self = GLOSS_ARTICLE_LABELS (object);

  g_clear_pointer (&self->editors, g_ptr_array_unref);

  G_OBJECT_CLASS (gloss_article_labels_parent_class)->finalize (object);
}

static void
gloss_article_labels_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  GlossArticleLabels *self = GLOSS_ARTICLE_LABELS (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_HAS_FIELDS:
      g_value_set_boolean (value, gloss_article_labels_get_has_fields (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_article_labels_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  GlossArticleLabels *self = GLOSS_ARTICLE_LABELS (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      gloss_article_labels_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_article_labels_class_init (GlossArticleLabelsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_article_labels_dispose;
  object_class->finalize = gloss_article_labels_finalize;
  object_class->get_property = gloss_article_labels_get_property;
  object_class->set_property = gloss_article_labels_set_property;
  GTK_POPOVER_CLASS (klass)->closed = gloss_article_labels_closed;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, GLOSS_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_FIELDS] =
    g_param_spec_boolean ("has-fields", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/gloss-article-labels.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossArticleLabels, heading);
  gtk_widget_class_bind_template_child (widget_class, GlossArticleLabels, read_only_label);
  gtk_widget_class_bind_template_child (widget_class, GlossArticleLabels, fields_box);
}

static void
gloss_article_labels_init (GlossArticleLabels *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->editors = g_ptr_array_new_with_free_func ((GDestroyNotify) field_editor_free);

  self->session_signals = g_signal_group_new (GLOSS_TYPE_SESSION);
  g_signal_group_connect_swapped (self->session_signals, "notify::document-labels",
                                  G_CALLBACK (sync_values), self);
  g_signal_group_connect_swapped (self->session_signals, "notify::labels",
                                  G_CALLBACK (rebuild), self);
  g_signal_group_connect_swapped (self->session_signals, "notify::save-state",
                                  G_CALLBACK (sync_editable), self);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

GtkWidget *
gloss_article_labels_new (void)
{
  return g_object_new (GLOSS_TYPE_ARTICLE_LABELS, NULL);
}

GlossSession *
gloss_article_labels_get_session (GlossArticleLabels *self)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE_LABELS (self), NULL);

  return self->session;
}

void
gloss_article_labels_set_session (GlossArticleLabels *self,
                                  GlossSession       *session)
{
  g_return_if_fail (GLOSS_IS_ARTICLE_LABELS (self));
  g_return_if_fail (session == NULL || GLOSS_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;

  g_signal_group_set_target (self->session_signals, session);
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

gboolean
gloss_article_labels_get_has_fields (GlossArticleLabels *self)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE_LABELS (self), FALSE);

  return self->editors != NULL && self->editors->len > 0;
}
