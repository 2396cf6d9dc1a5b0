/* gloss-preferences-window.c — who is annotating, and how articles look
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gloss-preferences-window.h"
#include "gloss-sidecar.h"

struct _GlossPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  gulong                annotator_id_handler;

  /* Template widgets */
  AdwEntryRow          *annotator_id_row;
  GtkLabel             *annotator_id_error;
  AdwEntryRow          *adjudicator_id_row;
  AdwEntryRow          *annotator_name_row;
  GtkFontButton        *font_button;
  GtkSpinButton        *line_width_spin;
  GtkSwitch            *snap_switch;
  GtkSwitch            *suggest_switch;
  AdwComboRow          *autosave_row;
};

G_DEFINE_FINAL_TYPE (GlossPreferencesWindow, gloss_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* "Save changes after": the choices, in milliseconds. The first is the
 * schema's default (800 ms); a value set outside this window shows as the
 * nearest choice, and is only replaced when the person picks one. */
static const guint autosave_delays[] = { 800, 2000, 5000, 10000 };

/* Marks @row when its text is not an annotator id (lowercase letters,
 * digits, "-" and "_"), for the eye and for assistive technologies, as
 * GlossIdEntry does for an entry. */
static gboolean
check_id_row (AdwEntryRow *row)
{
  const char *id = gtk_editable_get_text (GTK_EDITABLE (row));
  gboolean valid = gloss_annotator_id_is_valid (id);

  if (valid)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID);
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (row),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
    }

  return valid;
}

static void
on_annotator_id_changed (GlossPreferencesWindow *self)
{
  const char *id = gtk_editable_get_text (GTK_EDITABLE (self->annotator_id_row));
  gboolean valid = check_id_row (self->annotator_id_row);

  /* The row marks itself; this says what is wrong. */
  if (!valid)
    {
      gtk_label_set_text (self->annotator_id_error,
                          id[0] == '\0'
                          ? _("An annotator ID is needed to save annotations.")
                          : _("Use lowercase letters, digits, “-” and “_”, starting with a letter or a digit."));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->annotator_id_error), !valid);
}

static void
on_adjudicator_id_changed (GlossPreferencesWindow *self)
{
  check_id_row (self->adjudicator_id_row);
}

/* The id names the sidecar files the window works on: save it once the
 * user is done typing, and never an invalid one. */
static void
commit_annotator_id (GlossPreferencesWindow *self)
{
  const char *id;
  g_autofree char *saved = NULL;

  if (self->settings == NULL)
    return;

  id = gtk_editable_get_text (GTK_EDITABLE (self->annotator_id_row));
  if (!gloss_annotator_id_is_valid (id))
    return;

  saved = g_settings_get_string (self->settings, "annotator-id");
  if (g_strcmp0 (saved, id) != 0)
    g_settings_set_string (self->settings, "annotator-id", id);
}

/* Whether the keyboard focus is in @widget or one of its children (an
 * entry row's focus is in its text). */
static gboolean
has_focus_within (GtkWidget *widget)
{
  return gtk_widget_has_focus (widget) || gtk_widget_get_focus_child (widget) != NULL;
}

/* Someone else (the first-run dialog, another window) changed the id. */
static void
on_settings_annotator_id_changed (GlossPreferencesWindow *self)
{
  g_autofree char *id = g_settings_get_string (self->settings, "annotator-id");

  /* Do not pull the text from under the user's fingers. */
  if (has_focus_within (GTK_WIDGET (self->annotator_id_row)))
    return;

  if (g_strcmp0 (id, gtk_editable_get_text (GTK_EDITABLE (self->annotator_id_row))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->annotator_id_row), id);
}

/* The id review decisions are saved under: kept only when valid (the
 * row marks it while it is not). */
static void
commit_adjudicator_id (GlossPreferencesWindow *self)
{
  g_autofree char *saved = NULL;
  const char *id;

  if (self->settings == NULL)
    return;

  id = gtk_editable_get_text (GTK_EDITABLE (self->adjudicator_id_row));
  if (!gloss_annotator_id_is_valid (id))
    return;

  /* Only a change is written: rewriting the same value on every opening
   * rewrites the settings file, and a keyfile backend (tests, some
   * sandboxes) then reads defaults for a moment while it reloads it. */
  saved = g_settings_get_string (self->settings, "adjudicator-id");
  if (g_strcmp0 (saved, id) != 0)
    g_settings_set_string (self->settings, "adjudicator-id", id);
}

/* The window opens in the annotator id, with the caret at its end: GTK
 * would focus the first focusable widget (the hidden page switcher) or
 * select the whole id, which a first key press would then replace. */
static void
gloss_preferences_window_map (GtkWidget *widget)
{
  GlossPreferencesWindow *self = GLOSS_PREFERENCES_WINDOW (widget);
  GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (self->annotator_id_row));

  GTK_WIDGET_CLASS (gloss_preferences_window_parent_class)->map (widget);

  if (GTK_IS_TEXT (text))
    {
      gtk_text_grab_focus_without_selecting (GTK_TEXT (text));
      gtk_editable_set_position (text, -1);
    }
}

static gboolean
gloss_preferences_window_close_request (GtkWindow *window)
{
  commit_annotator_id (GLOSS_PREFERENCES_WINDOW (window));
  commit_adjudicator_id (GLOSS_PREFERENCES_WINDOW (window));

  return GTK_WINDOW_CLASS (gloss_preferences_window_parent_class)->close_request (window);
}

/* Settings → row: the choice nearest to the delay. */
static gboolean
autosave_get_mapping (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  guint delay = g_variant_get_uint32 (variant);
  guint nearest = 0;

  for (guint i = 1; i < G_N_ELEMENTS (autosave_delays); i++)
    {
      guint distance = delay > autosave_delays[i] ? delay - autosave_delays[i] : autosave_delays[i] - delay;
      guint best = delay > autosave_delays[nearest] ? delay - autosave_delays[nearest] : autosave_delays[nearest] - delay;

      if (distance < best)
        nearest = i;
    }

  g_value_set_uint (value, nearest);
  return TRUE;
}

/* Row → settings. */
static GVariant *
autosave_set_mapping (const GValue       *value,
                      const GVariantType *expected_type,
                      gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= G_N_ELEMENTS (autosave_delays))
    return NULL;

  return g_variant_new_uint32 (autosave_delays[selected]);
}

/* The choices in words: "Under a second", "2 seconds", … */
static void
fill_autosave_choices (GlossPreferencesWindow *self)
{
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (autosave_delays); i++)
    {
      guint seconds = autosave_delays[i] / 1000;
      g_autofree char *words = NULL;

      if (seconds == 0)
        words = g_strdup (_("Under a second"));
      else
        words = g_strdup_printf (ngettext ("%u second", "%u seconds", seconds), seconds);
      gtk_string_list_append (choices, words);
    }

  adw_combo_row_set_model (self->autosave_row, G_LIST_MODEL (choices));
}

static void
gloss_preferences_window_constructed (GObject *object)
{
  GlossPreferencesWindow *self = GLOSS_PREFERENCES_WINDOW (object);
  g_autofree char *id = NULL;
  g_autofree char *adjudicator = NULL;

  G_OBJECT_CLASS (gloss_preferences_window_parent_class)->constructed (object);

  g_return_if_fail (G_IS_SETTINGS (self->settings));

  id = g_settings_get_string (self->settings, "annotator-id");
  gtk_editable_set_text (GTK_EDITABLE (self->annotator_id_row), id);
  on_annotator_id_changed (self);
  self->annotator_id_handler =
    g_signal_connect_swapped (self->settings, "changed::annotator-id",
                              G_CALLBACK (on_settings_annotator_id_changed), self);

  adjudicator = g_settings_get_string (self->settings, "adjudicator-id");
  gtk_editable_set_text (GTK_EDITABLE (self->adjudicator_id_row), adjudicator);

  g_settings_bind (self->settings, "annotator-name",
                   self->annotator_name_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "font",
                   self->font_button, "font",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "line-width",
                   self->line_width_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "snap-to-words",
                   self->snap_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "suggest-while-marking",
                   self->suggest_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  fill_autosave_choices (self);
  g_settings_bind_with_mapping (self->settings, "autosave-delay",
                                self->autosave_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                autosave_get_mapping, autosave_set_mapping,
                                NULL, NULL);
}

static void
gloss_preferences_window_dispose (GObject *object)
{
  GlossPreferencesWindow *self = GLOSS_PREFERENCES_WINDOW (object);

  if (self->settings != NULL)
    g_clear_signal_handler (&self->annotator_id_handler, self->settings);
  g_clear_object (&self->settings);

  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (gloss_preferences_window_parent_class)->dispose (object);
}

static void
gloss_preferences_window_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  GlossPreferencesWindow *self = GLOSS_PREFERENCES_WINDOW (object);

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
gloss_preferences_window_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  GlossPreferencesWindow *self = GLOSS_PREFERENCES_WINDOW (object);

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
gloss_preferences_window_class_init (GlossPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = gloss_preferences_window_constructed;
  object_class->dispose = gloss_preferences_window_dispose;
  object_class->get_property = gloss_preferences_window_get_property;
  object_class->set_property = gloss_preferences_window_set_property;

  widget_class->map = gloss_preferences_window_map;
  window_class->close_request = gloss_preferences_window_close_request;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/gloss-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossPreferencesWindow, annotator_id_row);
  gtk_widget_class_bind_template_child (widget_class, GlossPreferencesWindow, annotator_id_error);
  gtk_widget_class_bind_template_child (widget_class, GlossPreferencesWindow, annotator_name_row);
  gtk_widget_class_bind_template_child (widget_class, GlossPreferencesWindow, adjudicator_id_row);
  gtk_widget_class_bind_template_child (widget_class, GlossPreferencesWindow, font_button);
  gtk_widget_class_bind_template_child (widget_class, GlossPreferencesWindow, line_width_spin);
  gtk_widget_class_bind_template_child (widget_class, GlossPreferencesWindow, snap_switch);
  gtk_widget_class_bind_template_child (widget_class, GlossPreferencesWindow, suggest_switch);
  gtk_widget_class_bind_template_child (widget_class, GlossPreferencesWindow, autosave_row);
  gtk_widget_class_bind_template_callback (widget_class, on_annotator_id_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_adjudicator_id_changed);
  gtk_widget_class_bind_template_callback (widget_class, commit_annotator_id);
  gtk_widget_class_bind_template_callback (widget_class, commit_adjudicator_id);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
gloss_preferences_window_init (GlossPreferencesWindow *self)
{
  GtkEventController *focus;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Leaving an id row commits it, as Enter does. */
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (commit_annotator_id), self);
  gtk_widget_add_controller (GTK_WIDGET (self->annotator_id_row), focus);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (commit_adjudicator_id), self);
  gtk_widget_add_controller (GTK_WIDGET (self->adjudicator_id_row), focus);
}

GtkWidget *
gloss_preferences_window_new (GtkWindow *parent,
                              GSettings *settings)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (GLOSS_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "settings", settings,
                       NULL);
}
