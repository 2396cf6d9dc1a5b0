/* test-label-bar.c — the label bar: one button per label of its label set
 *
 * The bar alone, with the built-in label set and a small one of its own:
 * its buttons follow the set, show each label's name, key and colour, say
 * what they do (tooltip, accessible label), activate "win.annotate" with
 * the label's id, and are reached with the keyboard. With many labels (20,
 * OntoNotes-sized, and 30) or large text the bar stays narrow: the labels
 * that do not fit are in its "More Labels" menu, still a click away.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <gtk/gtk.h>

#include "gloss-label-bar.h"
#include "gloss-ui-test.h"

#define TIMEOUT_MS 20000  /* generous: CI machines are busy */

#define HEAD "{\"format\": \"gloss-labels\", \"version\": 1, "

static const char small_set[] =
  HEAD "\"labels\": ["
  "{\"id\": \"claim\", \"kind\": \"claim\", \"name\": \"Checkable claim\", \"color\": \"#E5A50A\", \"key\": \"c\"},"
  "{\"id\": \"politician\", \"kind\": \"entity\", \"name\": \"Politician & co\", \"color\": \"#c061cb\"},"
  "{\"id\": \"ville\", \"kind\": \"entity\", \"name\": \"Ville\", \"color\": \"#2ec27e\", \"key\": \"é\"}"
  "]}";

static GlossLabelSet *
small_label_set (void)
{
  g_autoptr(GError) error = NULL;
  GlossLabelSet *set = gloss_label_set_new_from_data (small_set, -1, "small.json", &error);

  g_assert_no_error (error);
  return set;
}


/* A label set of @n labels (at most 30), OntoNotes' names and then some,
 * each with its own key. */
static const char *const many_names[] = {
  "Checkable claim", "Quote", "Person", "Nationality or group", "Facility",
  "Organization", "Geopolitical entity", "Location", "Product", "Event",
  "Work of art", "Law", "Language", "Date", "Time", "Percent", "Money",
  "Quantity", "Ordinal", "Cardinal", "Politician", "Party", "Company",
  "Court", "Newspaper", "Sports team", "Ship", "Treaty", "Disease", "Award",
};
static const char many_keys[] = "cqpnfogldeawuitxmyrkvbjhsz";

static GlossLabelSet *
many_label_set (guint n)
{
  g_autoptr(GString) json = g_string_new (HEAD "\"labels\": [");
  g_autoptr(GError) error = NULL;
  GlossLabelSet *set;

  g_assert_cmpuint (n, <=, G_N_ELEMENTS (many_names));
  for (guint i = 0; i < n; i++)
    {
      /* Keys are unique ignoring case: past the letters, digits. */
      char key = i < strlen (many_keys) ? many_keys[i] : (char) ('0' + i - strlen (many_keys));
      g_string_append_printf (json, "%s{\"id\": \"label-%u\", \"kind\": \"%s\", "
                              "\"name\": \"%s\", \"key\": \"%c\"}",
                              i > 0 ? "," : "", i,
                              i == 0 ? "claim" : i == 1 ? "quote" : "entity",
                              many_names[i], key);
    }
  g_string_append (json, "]}");

  set = gloss_label_set_new_from_data (json->str, -1, "many.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (set)), ==, n);
  return set;
}

/* The built-in set (6 labels), then 20 and 30 of our own. */
static GlossLabelSet *
sized_label_set (guint n)
{
  if (n == 6)
    {
      GlossLabelSet *builtin = gloss_label_set_get_builtin ();

      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (builtin)), ==, 6);
      return g_object_ref (builtin);
    }
  return many_label_set (n);
}

static const guint set_sizes[] = { 6, 20, 30 };

#define NARROW 360
#define MAX_MINIMUM 200

static void
measure_width (GtkWidget *widget,
               int       *minimum,
               int       *natural)
{
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, minimum, natural, NULL, NULL);
}

/* The "More Labels" button, a child of the bar. */
static GtkWidget *
more_button (GlossLabelBar *bar)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (bar));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_MENU_BUTTON (child))
      return child;

  g_assert_not_reached ();
}

static gboolean
is_label_button (GtkWidget     *widget,
                 gconstpointer  id)
{
  GVariant *target;

  if (!GTK_IS_BUTTON (widget))
    return FALSE;
  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));
  return target != NULL && g_str_equal (g_variant_get_string (target, NULL), id);
}

/* The menu's button for the label @id. */
static GtkWidget *
menu_button_for (GlossLabelBar *bar,
                 const char    *id)
{
  GtkPopover *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (more_button (bar)));
  GtkWidget *button = gloss_ui_test_find_widget (GTK_WIDGET (popover), is_label_button, id);

  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "win.annotate");
  return button;
}

/* Shown in the bar: mapped, with room for it. */
static gboolean
shown_in_bar (GtkWidget *button)
{
  return gtk_widget_get_child_visible (button) && gtk_widget_get_mapped (button) &&
         gtk_widget_get_width (button) > 0;
}

/* The bar's buttons, in order (the title is not one). */
static GPtrArray *
buttons (GlossLabelBar *bar)
{
  GPtrArray *found = g_ptr_array_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (bar));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BUTTON (child))
      g_ptr_array_add (found, child);

  return found;
}

static const char *
button_target (GtkWidget *button)
{
  GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button));

  g_assert_nonnull (target);
  g_assert_true (g_variant_is_of_type (target, G_VARIANT_TYPE_STRING));
  return g_variant_get_string (target, NULL);
}

/* The button's two labels: the coloured dot and the name with its key. */
static void
button_labels (GtkWidget  *button,
               GtkLabel  **dot,
               GtkLabel  **name)
{
  GtkWidget *box = gtk_button_get_child (GTK_BUTTON (button));

  g_assert_true (GTK_IS_BOX (box));
  *dot = GTK_LABEL (gtk_widget_get_first_child (box));
  *name = GTK_LABEL (gtk_widget_get_next_sibling (GTK_WIDGET (*dot)));
  g_assert_true (GTK_IS_LABEL (*dot));
  g_assert_true (GTK_IS_LABEL (*name));
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *n)
{
  (*n)++;
}

static void
assert_buttons_follow (GlossLabelBar *bar,
                       GlossLabelSet *set)
{
  g_autoptr(GPtrArray) found = buttons (bar);
  guint n = set != NULL ? g_list_model_get_n_items (G_LIST_MODEL (set)) : 0;

  g_assert_cmpuint (found->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossLabel) label = g_list_model_get_item (G_LIST_MODEL (set), i);
      GtkWidget *button = g_ptr_array_index (found, i);

      g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "win.annotate");
      g_assert_cmpstr (button_target (button), ==, gloss_label_get_id (label));
    }
}

/* Buttons for the labels of the set, in its order, replaced with the set;
 * none without one. */
static void
test_follows_set (void)
{
  g_autoptr(GlossLabelBar) bar = g_object_ref_sink (GLOSS_LABEL_BAR (gloss_label_bar_new ()));
  g_autoptr(GlossLabelSet) small = small_label_set ();
  GlossLabelSet *builtin = gloss_label_set_get_builtin ();
  guint n_notify = 0;

  g_signal_connect (bar, "notify::label-set", G_CALLBACK (count_notify), &n_notify);

  g_assert_null (gloss_label_bar_get_label_set (bar));
  assert_buttons_follow (bar, NULL);
  /* The title is there from the template. */
  g_assert_nonnull (gloss_ui_test_find_label (GTK_WIDGET (bar), "Mark the selection as:"));

  gloss_label_bar_set_label_set (bar, builtin);
  g_assert_true (gloss_label_bar_get_label_set (bar) == builtin);
  g_assert_cmpuint (n_notify, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (builtin)), >, 0);
  assert_buttons_follow (bar, builtin);

  /* The same set again: nothing to notify. */
  gloss_label_bar_set_label_set (bar, builtin);
  g_assert_cmpuint (n_notify, ==, 1);

  g_object_set (bar, "label-set", small, NULL);
  g_assert_cmpuint (n_notify, ==, 2);
  assert_buttons_follow (bar, small);
  {
    g_autoptr(GlossLabelSet) read = NULL;

    g_object_get (bar, "label-set", &read, NULL);
    g_assert_true (read == small);
  }

  gloss_label_bar_set_label_set (bar, NULL);
  g_assert_cmpuint (n_notify, ==, 3);
  assert_buttons_follow (bar, NULL);
  g_assert_nonnull (gloss_ui_test_find_label (GTK_WIDGET (bar), "Mark the selection as:"));
}

/* Each button shows the label's name and key, a dot in its colour, and
 * says what it does in its tooltip and to assistive technologies. */
static void
test_keys_shown (void)
{
  g_autoptr(GlossLabelBar) bar = g_object_ref_sink (GLOSS_LABEL_BAR (gloss_label_bar_new ()));
  g_autoptr(GlossLabelSet) small = small_label_set ();
  g_autoptr(GPtrArray) found = NULL;
  static const struct
  {
    const char *name_text;
    const char *tooltip;
    const char *kind_class;
    guint       rgb[3];
  } expected[] = {
    { "Checkable claim c", "Mark the selection as Checkable claim (key c)", "label-kind-claim", { 0xE5, 0xA5, 0x0A } },
    { "Politician & co", "Mark the selection as Politician & co", "label-kind-entity", { 0xc0, 0x61, 0xcb } },
    { "Ville é", "Mark the selection as Ville (key é)", "label-kind-entity", { 0x2e, 0xc2, 0x7e } },
  };

  gloss_label_bar_set_label_set (bar, small);
  found = buttons (bar);
  g_assert_cmpuint (found->len, ==, G_N_ELEMENTS (expected));

  for (guint i = 0; i < found->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (found, i);
      GtkLabel *dot, *name;
      PangoAttrList *attrs;
      PangoAttrIterator *iter;
      PangoAttrColor *color;

      button_labels (button, &dot, &name);
      g_assert_cmpstr (gtk_label_get_text (name), ==, expected[i].name_text);
      g_assert_cmpstr (gtk_label_get_text (dot), ==, "●");
      g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, expected[i].tooltip);
      gtk_test_accessible_assert_property (button, GTK_ACCESSIBLE_PROPERTY_LABEL, expected[i].tooltip);
      g_assert_true (gtk_widget_has_css_class (button, "flat"));
      g_assert_true (gtk_widget_has_css_class (button, expected[i].kind_class));

      /* The dot in the label's colour. */
      attrs = gtk_label_get_attributes (dot);
      g_assert_nonnull (attrs);
      iter = pango_attr_list_get_iterator (attrs);
      color = (PangoAttrColor *)pango_attr_iterator_get (iter, PANGO_ATTR_FOREGROUND);
      g_assert_nonnull (color);
      g_assert_cmpuint (color->color.red >> 8, ==, expected[i].rgb[0]);
      g_assert_cmpuint (color->color.green >> 8, ==, expected[i].rgb[1]);
      g_assert_cmpuint (color->color.blue >> 8, ==, expected[i].rgb[2]);
      pango_attr_iterator_destroy (iter);
    }
}

/* Names and keys from a label file are text, not markup. */
static void
test_markup_in_names (void)
{
  static const char set_json[] =
    HEAD "\"labels\": ["
    "{\"id\": \"rd\", \"kind\": \"entity\", \"name\": \"R&D <lab>\", \"key\": \"&\"},"
    "{\"id\": \"less\", \"kind\": \"claim\", \"name\": \"a < b\", \"key\": \"<\"}"
    "]}";
  g_autoptr(GlossLabelBar) bar = g_object_ref_sink (GLOSS_LABEL_BAR (gloss_label_bar_new ()));
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossLabelSet) set = gloss_label_set_new_from_data (set_json, -1, "markup.json", &error);
  g_autoptr(GPtrArray) found = NULL;
  static const char *const expected[] = { "R&D <lab> &", "a < b <" };

  g_assert_no_error (error);
  gloss_label_bar_set_label_set (bar, set);
  found = buttons (bar);
  g_assert_cmpuint (found->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < found->len; i++)
    {
      GtkLabel *dot, *name;

      button_labels (g_ptr_array_index (found, i), &dot, &name);
      g_assert_cmpstr (gtk_label_get_text (name), ==, expected[i]);
    }
  g_assert_cmpstr (gtk_widget_get_tooltip_text (g_ptr_array_index (found, 0)), ==,
                   "Mark the selection as R&D <lab> (key &)");
}

static void
on_annotate (GSimpleAction *action,
             GVariant      *parameter,
             char         **activated)
{
  g_free (*activated);
  *activated = g_variant_dup_string (parameter, NULL);
}

/* A button activates "win.annotate" with its label's id, and is greyed
 * out with the action. */
static void
test_activates_action (void)
{
  GlossLabelBar *bar = GLOSS_LABEL_BAR (gloss_label_bar_new ());
  g_autoptr(GlossLabelSet) small = small_label_set ();
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) annotate = g_simple_action_new ("annotate", G_VARIANT_TYPE_STRING);
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *activated = NULL;
  GtkWidget *window;

  g_signal_connect (annotate, "activate", G_CALLBACK (on_annotate), &activated);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (annotate));

  gloss_label_bar_set_label_set (bar, small);
  window = gloss_ui_test_show_in_window (GTK_WIDGET (bar), 600, 60, TIMEOUT_MS);
  gtk_widget_insert_action_group (window, "win", G_ACTION_GROUP (group));
  found = buttons (bar);

  g_signal_emit_by_name (g_ptr_array_index (found, 2), "clicked");
  g_assert_cmpstr (activated, ==, "ville");
  g_signal_emit_by_name (g_ptr_array_index (found, 0), "clicked");
  g_assert_cmpstr (activated, ==, "claim");

  for (guint i = 0; i < found->len; i++)
    g_assert_true (gtk_widget_is_sensitive (g_ptr_array_index (found, i)));
  g_simple_action_set_enabled (annotate, FALSE);
  for (guint i = 0; i < found->len; i++)
    g_assert_false (gtk_widget_is_sensitive (g_ptr_array_index (found, i)));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Tab reaches every button in order; the title is passed over. */
static void
test_keyboard_focus (void)
{
  GlossLabelBar *bar = GLOSS_LABEL_BAR (gloss_label_bar_new ());
  g_autoptr(GlossLabelSet) small = small_label_set ();
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) annotate = g_simple_action_new ("annotate", G_VARIANT_TYPE_STRING);
  g_autoptr(GPtrArray) found = NULL;
  GtkWidget *window;

  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (annotate));
  gloss_label_bar_set_label_set (bar, small);
  window = gloss_ui_test_show_in_window (GTK_WIDGET (bar), 600, 60, TIMEOUT_MS);
  gtk_widget_insert_action_group (window, "win", G_ACTION_GROUP (group));
  found = buttons (bar);

  for (guint i = 0; i < found->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (found, i);

      g_assert_true (gtk_widget_get_focusable (button));
      g_assert_true (gtk_widget_child_focus (window, GTK_DIR_TAB_FORWARD));
      g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) == button);
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* However many labels, the bar asks for little width (and the window
 * with it); its natural width is every label side by side. */
static void
test_narrow_minimum (void)
{
  for (guint s = 0; s < G_N_ELEMENTS (set_sizes); s++)
    {
      g_autoptr(GlossLabelBar) bar = g_object_ref_sink (GLOSS_LABEL_BAR (gloss_label_bar_new ()));
      g_autoptr(GlossLabelSet) set = sized_label_set (set_sizes[s]);
      g_autoptr(GPtrArray) found = NULL;
      int minimum, natural, sum = 0;

      gloss_label_bar_set_label_set (bar, set);
      measure_width (GTK_WIDGET (bar), &minimum, &natural);
      g_test_message ("%u labels: minimum %d, natural %d", set_sizes[s], minimum, natural);
      g_assert_cmpint (minimum, >, 0);
      g_assert_cmpint (minimum, <=, MAX_MINIMUM);

      found = buttons (bar);
      for (guint i = 0; i < found->len; i++)
        {
          int button_natural;

          measure_width (g_ptr_array_index (found, i), NULL, &button_natural);
          sum += button_natural;
        }
      g_assert_cmpint (natural, >=, sum);
    }
}

static void
on_annotate_count (GSimpleAction *action,
                   GVariant      *parameter,
                   GPtrArray     *activated)
{
  g_ptr_array_add (activated, g_variant_dup_string (parameter, NULL));
}

static gboolean
popover_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
popover_gone (gpointer data)
{
  return !gtk_widget_get_visible (data);
}

/* In a 360 px window, the first labels are buttons, the others are in
 * "More Labels", each in exactly one of the two; Tab goes through the
 * buttons shown, then "More Labels"; a label chosen in the menu is
 * applied and closes it. */
static void
test_narrow_reachable (void)
{
  for (guint s = 0; s < G_N_ELEMENTS (set_sizes); s++)
    {
      GlossLabelBar *bar = GLOSS_LABEL_BAR (gloss_label_bar_new ());
      g_autoptr(GlossLabelSet) set = sized_label_set (set_sizes[s]);
      g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
      g_autoptr(GSimpleAction) annotate = g_simple_action_new ("annotate", G_VARIANT_TYPE_STRING);
      g_autoptr(GPtrArray) activated = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) found = NULL;
      GtkWidget *window, *more, *popover, *last_in_menu = NULL;
      guint n_shown = 0;

      g_signal_connect (annotate, "activate", G_CALLBACK (on_annotate_count), activated);
      g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (annotate));
      gloss_label_bar_set_label_set (bar, set);
      window = gloss_ui_test_show_in_window (GTK_WIDGET (bar), NARROW, 60, TIMEOUT_MS);
      gtk_widget_insert_action_group (window, "win", G_ACTION_GROUP (group));
      gloss_ui_test_spin_idle ();

      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (bar)), <=, NARROW);
      more = more_button (bar);
      g_assert_true (shown_in_bar (more));
      g_assert_false (shown_in_bar (GTK_WIDGET (gloss_ui_test_find_label (GTK_WIDGET (bar), "Mark the selection as:"))));

      found = buttons (bar);
      g_assert_cmpuint (found->len, ==, set_sizes[s]);
      for (guint i = 0; i < found->len; i++)
        {
          GtkWidget *button = g_ptr_array_index (found, i);
          GtkWidget *in_menu = menu_button_for (bar, button_target (button));
          gboolean shown = shown_in_bar (button);

          /* The first ones shown, then the menu: never both, never neither. */
          g_assert_true (shown != gtk_widget_get_visible (in_menu));
          if (shown)
            {
              g_assert_cmpuint (i, ==, n_shown);
              n_shown++;
            }
          else
            last_in_menu = in_menu;
          /* The menu's button says the same as the bar's. */
          g_assert_cmpstr (gtk_widget_get_tooltip_text (in_menu), ==, gtk_widget_get_tooltip_text (button));
        }
      g_test_message ("%u labels at %d px: %u shown", set_sizes[s], NARROW, n_shown);
      g_assert_cmpuint (n_shown, >=, 1);
      g_assert_cmpuint (n_shown, <, found->len);
      {
        g_autofree char *tooltip = g_strdup_printf ("%u Labels That Do Not Fit in the Window",
                                                    found->len - n_shown);

        g_assert_cmpstr (gtk_widget_get_tooltip_text (more), ==, tooltip);
      }

      /* Tab: the buttons shown, then the menu. */
      for (guint i = 0; i < n_shown; i++)
        {
          g_assert_true (gtk_widget_child_focus (window, GTK_DIR_TAB_FORWARD));
          g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) == g_ptr_array_index (found, i));
        }
      g_assert_true (gtk_widget_child_focus (window, GTK_DIR_TAB_FORWARD));
      g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (window)), more));

      /* Opened, the menu shows the rest; a label chosen there is applied. */
      popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (more)));
      gtk_menu_button_popup (GTK_MENU_BUTTON (more));
      gloss_ui_test_wait_until (popover_mapped, popover, TIMEOUT_MS);
      g_assert_true (gtk_widget_get_mapped (last_in_menu));
      g_signal_emit_by_name (last_in_menu, "clicked");
      g_assert_cmpuint (activated->len, ==, 1);
      g_assert_cmpstr (g_ptr_array_index (activated, 0), ==, button_target (g_ptr_array_index (found, found->len - 1)));
      gloss_ui_test_wait_until (popover_gone, popover, TIMEOUT_MS);

      gtk_window_destroy (GTK_WINDOW (window));
    }
}

/* With room (as wide as it asks), every label is a button and there is
 * no menu. */
static void
test_wide_all_shown (void)
{
  for (guint s = 0; s < G_N_ELEMENTS (set_sizes); s++)
    {
      GlossLabelBar *bar = GLOSS_LABEL_BAR (gloss_label_bar_new ());
      g_autoptr(GlossLabelSet) set = sized_label_set (set_sizes[s]);
      g_autoptr(GPtrArray) found = NULL;
      GtkWidget *window, *scrolled;
      int natural;

      gloss_label_bar_set_label_set (bar, set);
      measure_width (GTK_WIDGET (bar), NULL, &natural);
      /* Wider than the test's screen: the bar scrolls in its window. */
      scrolled = gtk_scrolled_window_new ();
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (bar));
      gtk_widget_set_size_request (GTK_WIDGET (bar), natural, -1);
      window = gloss_ui_test_show_in_window (scrolled, 600, 80, TIMEOUT_MS);
      gloss_ui_test_spin_idle ();
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (bar)), >=, natural);

      found = buttons (bar);
      for (guint i = 0; i < found->len; i++)
        {
          GtkWidget *button = g_ptr_array_index (found, i);

          g_assert_true (shown_in_bar (button));
          g_assert_false (gtk_widget_get_visible (menu_button_for (bar, button_target (button))));
        }
      g_assert_false (shown_in_bar (more_button (bar)));
      g_assert_true (shown_in_bar (gloss_ui_test_find_label (GTK_WIDGET (bar), "Mark the selection as:")));

      gtk_window_destroy (GTK_WINDOW (window));
    }
}

/* Buttons leave the keyboard where it was when clicked (in the app, the
 * article and its label keys), and so does the menu once closed. */
static void
test_focus_stays (void)
{
  GlossLabelBar *bar = GLOSS_LABEL_BAR (gloss_label_bar_new ());
  g_autoptr(GlossLabelSet) set = many_label_set (20);
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) annotate = g_simple_action_new ("annotate", G_VARIANT_TYPE_STRING);
  g_autoptr(GPtrArray) found = NULL;
  GtkWidget *window, *box, *entry, *more, *popover, *in_menu;

  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (annotate));
  gloss_label_bar_set_label_set (bar, set);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  entry = gtk_entry_new ();
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (bar));
  gtk_box_append (GTK_BOX (box), entry);
  window = gloss_ui_test_show_in_window (box, NARROW, 100, TIMEOUT_MS);
  gtk_widget_insert_action_group (window, "win", G_ACTION_GROUP (group));
  gloss_ui_test_spin_idle ();
  found = buttons (bar);
  more = more_button (bar);

  for (guint i = 0; i < found->len; i++)
    {
      g_assert_false (gtk_widget_get_focus_on_click (g_ptr_array_index (found, i)));
      g_assert_true (gtk_widget_get_focusable (g_ptr_array_index (found, i)));
    }
  g_assert_false (gtk_widget_get_focus_on_click (gtk_widget_get_first_child (more)));

  /* Opened while the keyboard is elsewhere, the menu takes it, and gives
   * it back once a label is chosen. */
  gtk_widget_grab_focus (entry);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (more)));
  in_menu = menu_button_for (bar, button_target (g_ptr_array_index (found, found->len - 1)));
  gtk_menu_button_popup (GTK_MENU_BUTTON (more));
  gloss_ui_test_wait_until (popover_mapped, popover, TIMEOUT_MS);
  gtk_widget_grab_focus (in_menu);
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) == in_menu);
  g_signal_emit_by_name (in_menu, "clicked");
  gloss_ui_test_wait_until (popover_gone, popover, TIMEOUT_MS);
  gloss_ui_test_spin_idle ();
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) == gtk_widget_get_first_child (entry) ||
                 gtk_window_get_focus (GTK_WINDOW (window)) == entry);

  /* Opened from the keyboard, it goes back to "More Labels". */
  gtk_widget_grab_focus (more);
  gtk_menu_button_popup (GTK_MENU_BUTTON (more));
  gloss_ui_test_wait_until (popover_mapped, popover, TIMEOUT_MS);
  gtk_popover_popdown (GTK_POPOVER (popover));
  gloss_ui_test_wait_until (popover_gone, popover, TIMEOUT_MS);
  gloss_ui_test_spin_idle ();
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (window)), more));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Right to left, the first label is at the right edge and "More Labels"
 * follows on its left. */
static void
test_right_to_left (void)
{
  GlossLabelBar *bar = GLOSS_LABEL_BAR (gloss_label_bar_new ());
  g_autoptr(GlossLabelSet) set = many_label_set (20);
  g_autoptr(GPtrArray) found = NULL;
  graphene_rect_t first, more;
  GtkWidget *window;

  gtk_widget_set_direction (GTK_WIDGET (bar), GTK_TEXT_DIR_RTL);
  gloss_label_bar_set_label_set (bar, set);
  window = gloss_ui_test_show_in_window (GTK_WIDGET (bar), NARROW, 60, TIMEOUT_MS);
  found = buttons (bar);

  g_assert_true (shown_in_bar (g_ptr_array_index (found, 0)));
  g_assert_true (shown_in_bar (more_button (bar)));
  g_assert_true (gtk_widget_compute_bounds (g_ptr_array_index (found, 0), GTK_WIDGET (bar), &first));
  g_assert_true (gtk_widget_compute_bounds (more_button (bar), GTK_WIDGET (bar), &more));
  g_assert_cmpfloat (first.origin.x + first.size.width, ==, gtk_widget_get_width (GTK_WIDGET (bar)));
  g_assert_cmpfloat (more.origin.x + more.size.width, <=, first.origin.x);
  g_assert_cmpfloat (more.origin.x, >=, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* At 150 % text the buttons are wider, and the bar still asks for
 * little. */
static void
test_large_text (void)
{
  GtkSettings *settings = gtk_settings_get_default ();
  int dpi;

  g_object_get (settings, "gtk-xft-dpi", &dpi, NULL);
  if (dpi <= 0)
    dpi = 96 * 1024;

  for (guint s = 0; s < G_N_ELEMENTS (set_sizes); s++)
    {
      GlossLabelBar *bar = GLOSS_LABEL_BAR (gloss_label_bar_new ());
      g_autoptr(GlossLabelSet) set = sized_label_set (set_sizes[s]);
      GtkWidget *window;
      int minimum, natural, large_minimum, large_natural;

      gloss_label_bar_set_label_set (bar, set);
      window = gloss_ui_test_show_in_window (GTK_WIDGET (bar), NARROW, 60, TIMEOUT_MS);
      measure_width (GTK_WIDGET (bar), &minimum, &natural);

      g_object_set (settings, "gtk-xft-dpi", dpi * 3 / 2, NULL);
      gloss_ui_test_wait_for_frame (window, TIMEOUT_MS);
      measure_width (GTK_WIDGET (bar), &large_minimum, &large_natural);
      g_test_message ("%u labels at 150 %%: minimum %d → %d, natural %d → %d",
                      set_sizes[s], minimum, large_minimum, natural, large_natural);
      /* The text did grow... */
      g_assert_cmpint (large_natural, >, natural * 5 / 4);
      /* ...and the bar did not ask for much more. */
      g_assert_cmpint (large_minimum, <=, MAX_MINIMUM);

      g_object_set (settings, "gtk-xft-dpi", dpi, NULL);
      gtk_window_destroy (GTK_WINDOW (window));
    }
}

int
main (int   argc,
      char *argv[])
{
  gloss_ui_test_init (&argc, &argv);
  if (!gloss_ui_test_init_gtk ())
    return 0;

  g_test_add_func ("/label-bar/follows-set", test_follows_set);
  g_test_add_func ("/label-bar/keys-shown", test_keys_shown);
  g_test_add_func ("/label-bar/markup-in-names", test_markup_in_names);
  g_test_add_func ("/label-bar/activates-action", test_activates_action);
  g_test_add_func ("/label-bar/keyboard-focus", test_keyboard_focus);
  g_test_add_func ("/label-bar/narrow-minimum", test_narrow_minimum);
  g_test_add_func ("/label-bar/narrow-reachable", test_narrow_reachable);
  g_test_add_func ("/label-bar/wide-all-shown", test_wide_all_shown);
  g_test_add_func ("/label-bar/focus-stays", test_focus_stays);
  g_test_add_func ("/label-bar/right-to-left", test_right_to_left);
  g_test_add_func ("/label-bar/large-text", test_large_text);

  return g_test_run ();
}
