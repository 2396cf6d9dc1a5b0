/* gloss-annotation-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "gloss-annotation-list.h"
#include "gloss-annotation-row.h"
#include "gloss-annotation-slot-model.h"

struct _GlossAnnotationList
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkWidget          *box;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *label_dropdown;
  GtkMenuButton      *attribute_button;
  GtkLabel           *attribute_button_label;
  GtkWidget          *incomplete_button;
  GtkLabel           *incomplete_label;
  GtkStack           *stack;
  GtkListView        *list_view;
  GtkLabel           *placeholder_label;
  GtkWidget          *orphans_box;
  GtkExpander        *orphans_expander;
  GtkListView        *orphans_view;

  GtkWidget          *context_menu;

  GlossSession       *session;
  GlossAnnotationSet *annotations;
  GlossLabelSet      *labels;

  /* set → filter → slots → selection → list_view (the rows show slots,
   * which outlive a reload: gloss-annotation-slot.h); orphans →
   * orphan_selection (annotations) */
  GtkCustomFilter    *filter;
  GtkFilterListModel *filter_model;
  GlossAnnotationSlotModel *slot_model;
  GtkSingleSelection *selection;
  GtkSingleSelection *orphan_selection;

  /* What the dropdown's items after "All labels" stand for. */
  GPtrArray          *dropdown_label_ids;
  guint               dropdown_unknown_position;

  /* Filter state: casefolded search text, one label id, or unknown labels. */
  char               *search_folded;
  char               *filter_label;
  gboolean            filter_unknown;
  /* The attribute filter as the property says it ("" none, "incomplete",
   * "ID=VALUE", "ID=" for not set), and read: the attribute of the label
   * set and the value (NULL: not set), or spans lacking a required one. */
  char               *attribute_filter;
  GlossAttribute     *filter_attribute;
  char               *filter_value;
  gboolean            filter_incomplete;

  /* Which placed annotations lack a required attribute, by their
   * position in the set, kept in step with its items-changed: INCOMPLETE,
   * COMPLETE or UNKNOWN (not looked at yet: a change of many is looked
   * at from an idle, a few thousand at a time). NULL when the label set
   * requires nothing. */
  GByteArray         *incomplete;
  guint               n_incomplete;
  guint               n_unknown;
  guint               count_from;   /* no UNKNOWN before this */
  guint               count_idle_id;

  GlossAnnotation    *selected;
  guint               n_visible;
  gboolean            has_unknown;

  guint               syncing_selection;
  guint               rebuilding_dropdown;
  guint               unknown_idle_id;
  /* Lets go of the last set's rows, when no other set came (holding). */
  guint               release_id;
};

G_DEFINE_FINAL_TYPE (GlossAnnotationList, gloss_annotation_list, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_SELECTED_ANNOTATION,
  PROP_N_VISIBLE,
  PROP_ATTRIBUTE_FILTER,
  PROP_N_INCOMPLETE,
  N_PROPS
};

enum {
  ANNOTATION_ACTIVATED,
  N_SIGNALS
};

/* More annotations than this in one change (a reload, a whole set) are
 * not looked at one by one at once. */
#define BULK_CHANGE 256

/* How long the rows of the last set are kept, hidden, for the next one
 * (opening an article takes a fraction of a second). */
#define HOLD_SECONDS 2

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

enum {
  COMPLETE,
  INCOMPLETE,
  UNKNOWN,
};

/* How long one look at annotations not yet counted may take. */
#define COUNT_SLICE_USEC 3000

static void gloss_annotation_list_update_incomplete_notice (GlossAnnotationList *self);
static void gloss_annotation_list_set_attribute_filter_internal (GlossAnnotationList *self,
                                                                 const char          *filter);
static char *escape_mnemonic (const char *text);

/* ------------------------------------------------------------------ */
/* Filtering                                                            */
/* ------------------------------------------------------------------ */

static gboolean
gloss_annotation_list_is_known_label (GlossAnnotationList *self,
                                      const char          *label)
{
  return self->labels != NULL && gloss_label_set_lookup (self->labels, label) != NULL;
}

static gboolean
text_contains_folded (const char *text,
                      const char *needle_folded)
{
  g_autofree char *folded = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;

  folded = g_utf8_casefold (text, -1);
  return strstr (folded, needle_folded) != NULL;
}

static gboolean
annotation_matches (gpointer item,
                    gpointer user_data)
{
  GlossAnnotationList *self = user_data;
  GlossAnnotation *annotation = item;
  const char *label = gloss_annotation_get_label (annotation);

  if (self->filter_label != NULL && g_strcmp0 (label, self->filter_label) != 0)
    return FALSE;

  if (self->filter_unknown && gloss_annotation_list_is_known_label (self, label))
    return FALSE;

  if (self->filter_attribute != NULL &&
      !gloss_label_set_match_attribute (self->labels, annotation, self->filter_attribute, self->filter_value))
    return FALSE;

  if (self->filter_incomplete && gloss_label_set_count_missing_attributes (self->labels, annotation) == 0)
    return FALSE;

  if (self->search_folded != NULL)
    return text_contains_folded (gloss_annotation_get_exact (annotation), self->search_folded) ||
           text_contains_folded (gloss_annotation_get_note (annotation), self->search_folded);

  return TRUE;
}

static gboolean
gloss_annotation_list_is_filtering (GlossAnnotationList *self)
{
  return self->search_folded != NULL || self->filter_label != NULL || self->filter_unknown ||
         self->filter_attribute != NULL || self->filter_incomplete;
}

/* Between two sessions: the rows still show the last set's annotations,
 * hidden, so that the next set's are bound to the same rows instead of
 * GTK 4.8's list view destroying its ~200 rows and making them again
 * (10–15 ms each way with 10,000 annotations). */
static gboolean
gloss_annotation_list_is_holding (GlossAnnotationList *self)
{
  return self->annotations == NULL && gtk_filter_list_model_get_model (self->filter_model) != NULL;
}

/* Re-runs the filter over every annotation; with no filter set, the
 * filter matches all and the filter model passes the set through. */
static void
gloss_annotation_list_refilter (GlossAnnotationList *self)
{
  if (gloss_annotation_list_is_filtering (self))
    gtk_custom_filter_set_filter_func (self->filter, annotation_matches, self, NULL);
  else
    gtk_custom_filter_set_filter_func (self->filter, NULL, NULL, NULL);
}

static void
gloss_annotation_list_clear_filters (GlossAnnotationList *self)
{
  if (!gloss_annotation_list_is_filtering (self))
    return;

  g_clear_pointer (&self->search_folded, g_free);
  g_clear_pointer (&self->filter_label, g_free);
  self->filter_unknown = FALSE;

  self->rebuilding_dropdown++;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->label_dropdown, 0);
  gloss_annotation_list_set_attribute_filter_internal (self, "");
  self->rebuilding_dropdown--;

  gloss_annotation_list_refilter (self);
}

/* Position of @annotation among the rows shown, or GTK_INVALID_LIST_POSITION. */
static guint
gloss_annotation_list_find_visible (GlossAnnotationList *self,
                                    GlossAnnotation     *annotation,
                                    guint               *insertion_point)
{
  return gloss_annotation_model_find (G_LIST_MODEL (self->filter_model), annotation, insertion_point);
}

static guint
find_in_model (GListModel *model,
               gpointer    item)
{
  guint n_items = model != NULL ? g_list_model_get_n_items (model) : 0;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GObject) other = g_list_model_get_item (model, i);

      if (other == item)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

/* ------------------------------------------------------------------ */
/* The label dropdown                                                   */
/* ------------------------------------------------------------------ */

static gboolean
gloss_annotation_list_scan_unknown (GlossAnnotationList *self,
                                    GListModel          *model)
{
  guint n_items = model != NULL ? g_list_model_get_n_items (model) : 0;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GlossAnnotation) annotation = g_list_model_get_item (model, i);

      if (!gloss_annotation_list_is_known_label (self, gloss_annotation_get_label (annotation)))
        return TRUE;
    }

  return FALSE;
}

static gboolean
gloss_annotation_list_compute_has_unknown (GlossAnnotationList *self)
{
  if (self->annotations == NULL)
    return FALSE;

  return gloss_annotation_list_scan_unknown (self, G_LIST_MODEL (self->annotations)) ||
         gloss_annotation_list_scan_unknown (self, gloss_annotation_set_get_orphans (self->annotations));
}

static gboolean
string_lists_equal (GListModel    *model,
                    GtkStringList *strings)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (strings));

  if (!GTK_IS_STRING_LIST (model) || g_list_model_get_n_items (model) != n)
    return FALSE;

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i),
                   gtk_string_list_get_string (strings, i)) != 0)
      return FALSE;

  return TRUE;
}

static void
gloss_annotation_list_rebuild_dropdown (GlossAnnotationList *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  guint n_labels = self->labels != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->labels)) : 0;
  guint selected = 0;

  gtk_string_list_append (names, _("All labels"));

  for (guint i = 0; i < n_labels; i++)
    {
      g_autoptr(GlossLabel) label = g_list_model_get_item (G_LIST_MODEL (self->labels), i);
      const char *id = gloss_label_get_id (label);

      gtk_string_list_append (names, gloss_label_get_name (label));
      g_ptr_array_add (ids, g_strdup (id));

      if (g_strcmp0 (id, self->filter_label) == 0)
        selected = i + 1;
    }

  self->dropdown_unknown_position = GTK_INVALID_LIST_POSITION;
  if (self->has_unknown)
    {
      self->dropdown_unknown_position = n_labels + 1;
      gtk_string_list_append (names, _("Unknown labels"));

      if (self->filter_unknown)
        selected = self->dropdown_unknown_position;
    }

  g_clear_pointer (&self->dropdown_label_ids, g_ptr_array_unref);
  self->dropdown_label_ids = g_steal_pointer (&ids);

  self->rebuilding_dropdown++;
  /* Another session with the same labels (the next article, a reload)
   * keeps the list: a new one remakes the dropdown's rows. */
  if (!string_lists_equal (gtk_drop_down_get_model (self->label_dropdown), names))
    gtk_drop_down_set_model (self->label_dropdown, G_LIST_MODEL (names));
  if (gtk_drop_down_get_selected (self->label_dropdown) != selected)
    gtk_drop_down_set_selected (self->label_dropdown, selected);
  self->rebuilding_dropdown--;

  /* The label filtered on is gone (another label set): show everything. */
  if (selected == 0 && (self->filter_label != NULL || self->filter_unknown))
    {
      g_clear_pointer (&self->filter_label, g_free);
      self->filter_unknown = FALSE;
      gloss_annotation_list_refilter (self);
    }
}

static void
gloss_annotation_list_update_has_unknown (GlossAnnotationList *self)
{
  gboolean has_unknown = gloss_annotation_list_compute_has_unknown (self);

  if (has_unknown == self->has_unknown)
    return;

  self->has_unknown = has_unknown;
  gloss_annotation_list_rebuild_dropdown (self);
}

static gboolean
update_has_unknown_cb (gpointer user_data)
{
  GlossAnnotationList *self = user_data;

  self->unknown_idle_id = 0;
  gloss_annotation_list_update_has_unknown (self);

  return G_SOURCE_REMOVE;
}

static void
gloss_annotation_list_queue_scan_unknown (GlossAnnotationList *self)
{
  if (self->unknown_idle_id == 0)
    self->unknown_idle_id = g_idle_add (update_has_unknown_cb, self);
}

/* Whether the last annotation with an unknown label went away is only
 * known by looking at them all: done once things settle. */
static void
gloss_annotation_list_queue_update_has_unknown (GlossAnnotationList *self)
{
  if (self->has_unknown)
    gloss_annotation_list_queue_scan_unknown (self);
}

/* An annotation came or changed: offer "Unknown labels" at once if its
 * label is one. */
static void
gloss_annotation_list_note_label (GlossAnnotationList *self,
                                  GlossAnnotation     *annotation)
{
  if (self->has_unknown ||
      gloss_annotation_list_is_known_label (self, gloss_annotation_get_label (annotation)))
    return;

  self->has_unknown = TRUE;
  gloss_annotation_list_rebuild_dropdown (self);
}

/* Items of the set or of its orphans (all of them, not the filtered rows). */
static void
on_set_items_changed (GlossAnnotationList *self,
                      guint                position,
                      guint                removed,
                      guint                added,
                      GListModel          *model)
{
  /* A reload replaces the whole set in one change: looking at each of
   * 100,000 labels then would hold up the hand-over (~12 ms), so the
   * look is taken once things settle. An edit adds one or a few. */
  if (added > BULK_CHANGE && !self->has_unknown)
    {
      gloss_annotation_list_queue_scan_unknown (self);
      return;
    }

  for (guint i = position; i < position + added && !self->has_unknown; i++)
    {
      g_autoptr(GlossAnnotation) annotation = g_list_model_get_item (model, i);

      gloss_annotation_list_note_label (self, annotation);
    }

  if (removed > 0)
    gloss_annotation_list_queue_update_has_unknown (self);
}

static void
on_label_filter_selected (GlossAnnotationList *self,
                          GParamSpec          *pspec,
                          GtkDropDown         *dropdown)
{
  guint position = gtk_drop_down_get_selected (dropdown);

  if (self->rebuilding_dropdown > 0)
    return;

  g_clear_pointer (&self->filter_label, g_free);
  self->filter_unknown = FALSE;

  if (position == self->dropdown_unknown_position)
    self->filter_unknown = TRUE;
  else if (position != GTK_INVALID_LIST_POSITION && position > 0 &&
           self->dropdown_label_ids != NULL && position - 1 < self->dropdown_label_ids->len)
    self->filter_label = g_strdup (g_ptr_array_index (self->dropdown_label_ids, position - 1));

  gloss_annotation_list_refilter (self);
}

/* ------------------------------------------------------------------ */
/* The attribute filter                                                 */
/* ------------------------------------------------------------------ */

static char *
attribute_filter_string (GlossAttribute *attribute,
                         const char     *value)
{
  return g_strconcat (gloss_attribute_get_id (attribute), "=", value, NULL);
}

/* The value @filter picks of @attribute, as the menu names it. */
static const char *
describe_attribute_value (GlossAttribute *attribute,
                          const char     *value)
{
  int index;

  if (value == NULL)
    /* Translators: an item of the attribute filter: the attribute has
     * no value. */
    return _("Not Set");
  if (gloss_attribute_get_value_type (attribute) == GLOSS_ATTRIBUTE_BOOLEAN)
    return g_str_equal (value, "true") ? _("Yes") : _("No");

  index = gloss_attribute_lookup_choice (attribute, value);
  return index >= 0 ? gloss_attribute_get_choice_name (attribute, index) : value;
}

/* The button shows the filter: "Any Value", "Verdict: False". */
static void
gloss_annotation_list_update_attribute_button (GlossAnnotationList *self)
{
  g_autofree char *text = NULL;

  if (self->filter_incomplete)
    /* Translators: the attribute filter's button: annotations that lack
     * a required attribute; short. */
    text = g_strdup (_("Incomplete"));
  else if (self->filter_attribute != NULL)
    /* Translators: the attribute filter's button, an attribute and the
     * value shown, e.g. "Verdict: False". */
    text = g_strdup_printf (_("%s: %s"), gloss_attribute_get_name (self->filter_attribute),
                            describe_attribute_value (self->filter_attribute, self->filter_value));
  else
    /* Translators: the attribute filter's button when it shows every
     * annotation. */
    text = g_strdup (_("Any Attribute Value"));

  gtk_label_set_text (self->attribute_button_label, text);
  if (self->filter_incomplete || self->filter_attribute != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->attribute_button), "accent");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->attribute_button), "accent");
}

/* Reads self->attribute_filter against the label set; a filter naming
 * what the set does not declare shows everything. */
static void
gloss_annotation_list_read_attribute_filter (GlossAnnotationList *self)
{
  const char *filter = self->attribute_filter != NULL ? self->attribute_filter : "";
  const char *equals = strchr (filter, '=');

  g_clear_object (&self->filter_attribute);
  g_clear_pointer (&self->filter_value, g_free);
  self->filter_incomplete = FALSE;

  if (g_str_equal (filter, "incomplete"))
    self->filter_incomplete = gloss_label_set_has_required (self->labels);
  else if (equals != NULL && self->labels != NULL)
    {
      g_autofree char *id = g_strndup (filter, equals - filter);
      GlossAttribute *attribute = gloss_label_set_lookup_attribute (self->labels, id);

      if (attribute != NULL)
        {
          self->filter_attribute = g_object_ref (attribute);
          self->filter_value = equals[1] != '\0' ? g_strdup (equals + 1) : NULL;
        }
    }

  if (self->filter_attribute == NULL && !self->filter_incomplete && *filter != '\0')
    {
      g_free (self->attribute_filter);
      self->attribute_filter = g_strdup ("");
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTRIBUTE_FILTER]);
    }

  gloss_annotation_list_update_attribute_button (self);
}

static void
gloss_annotation_list_set_attribute_filter_internal (GlossAnnotationList *self,
                                                     const char          *filter)
{
  if (filter == NULL)
    filter = "";
  if (g_strcmp0 (filter, self->attribute_filter) == 0)
    return;

  g_free (self->attribute_filter);
  self->attribute_filter = g_strdup (filter);
  gloss_annotation_list_read_attribute_filter (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTRIBUTE_FILTER]);
}

static void
append_attribute_item (GMenu      *section,
                       const char *name,
                       const char *filter)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (name, NULL);

  g_menu_item_set_action_and_target (item, "annotation-list.attribute-filter", "s", filter);
  g_menu_append_item (section, item);
}

/* Whether two menus have the same items (labels and targets) in the
 * same sections. */
static gboolean
menu_models_equal (GMenuModel *a,
                   GMenuModel *b)
{
  int n;

  if (a == NULL || b == NULL)
    return a == b;

  n = g_menu_model_get_n_items (a);
  if (g_menu_model_get_n_items (b) != n)
    return FALSE;

  for (int i = 0; i < n; i++)
    {
      const char *names[] = { G_MENU_ATTRIBUTE_LABEL, G_MENU_ATTRIBUTE_ACTION, G_MENU_ATTRIBUTE_TARGET };

      for (guint k = 0; k < G_N_ELEMENTS (names); k++)
        {
          g_autoptr(GVariant) x = g_menu_model_get_item_attribute_value (a, i, names[k], NULL);
          g_autoptr(GVariant) y = g_menu_model_get_item_attribute_value (b, i, names[k], NULL);

          if ((x == NULL) != (y == NULL) || (x != NULL && !g_variant_equal (x, y)))
            return FALSE;
        }

      {
        g_autoptr(GMenuModel) x = g_menu_model_get_item_link (a, i, G_MENU_LINK_SECTION);
        g_autoptr(GMenuModel) y = g_menu_model_get_item_link (b, i, G_MENU_LINK_SECTION);

        if (!menu_models_equal (x, y))
          return FALSE;
      }
    }

  return TRUE;
}

/* The menu of the attribute filter, from the label set: any value and
 * incomplete spans first, then under each attribute its values (Yes and
 * No for a boolean) and Not Set. Hidden without attributes. */
static void
gloss_annotation_list_rebuild_attribute_menu (GlossAnnotationList *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) first = g_menu_new ();
  GPtrArray *attributes = self->labels != NULL ? gloss_label_set_get_attributes (self->labels) : NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->attribute_button), attributes != NULL && attributes->len > 0);

  append_attribute_item (first, _("Any Value"), "");
  if (gloss_label_set_has_required (self->labels))
    /* Translators: an item of the attribute filter */
    append_attribute_item (first, _("Lacking a Required Attribute"), "incomplete");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (first));

  for (guint i = 0; attributes != NULL && i < attributes->len; i++)
    {
      GlossAttribute *attribute = g_ptr_array_index (attributes, i);
      g_autoptr(GMenu) section = g_menu_new ();
      g_autofree char *not_set = attribute_filter_string (attribute, "");
      g_autofree char *heading = escape_mnemonic (gloss_attribute_get_name (attribute));

      if (gloss_attribute_get_value_type (attribute) == GLOSS_ATTRIBUTE_BOOLEAN)
        {
          g_autofree char *yes = attribute_filter_string (attribute, "true");
          g_autofree char *no = attribute_filter_string (attribute, "false");

          append_attribute_item (section, _("Yes"), yes);
          append_attribute_item (section, _("No"), no);
        }
      else if (gloss_attribute_get_value_type (attribute) == GLOSS_ATTRIBUTE_CHOICE)
        {
          for (guint j = 0; j < gloss_attribute_get_n_choices (attribute); j++)
            {
              g_autofree char *filter = attribute_filter_string (attribute, gloss_attribute_get_choice_id (attribute, j));
              g_autofree char *name = escape_mnemonic (gloss_attribute_get_choice_name (attribute, j));

              append_attribute_item (section, name, filter);
            }
        }
      append_attribute_item (section, describe_attribute_value (attribute, NULL), not_set);
      g_menu_append_section (menu, heading, G_MENU_MODEL (section));
    }

  /* The same menu for the next session's labels: a new one would remake
   * the popover. */
  if (!menu_models_equal (gtk_menu_button_get_menu_model (self->attribute_button), G_MENU_MODEL (menu)))
    gtk_menu_button_set_menu_model (self->attribute_button, G_MENU_MODEL (menu));
}

/* ------------------------------------------------------------------ */
/* Annotations lacking a required attribute                             */
/* ------------------------------------------------------------------ */

static guint8
look_at (GlossAnnotationList *self,
         guint                position)
{
  g_autoptr(GlossAnnotation) annotation = g_list_model_get_item (G_LIST_MODEL (self->annotations), position);

  return gloss_label_set_count_missing_attributes (self->labels, annotation) > 0 ? INCOMPLETE : COMPLETE;
}

static void
set_entry (GlossAnnotationList *self,
           guint                position,
           guint8               state)
{
  guint8 *entry = &self->incomplete->data[position];

  if (*entry == state)
    return;

  if (*entry == INCOMPLETE)
    self->n_incomplete--;
  else if (*entry == UNKNOWN)
    self->n_unknown--;

  if (state == INCOMPLETE)
    self->n_incomplete++;
  else if (state == UNKNOWN)
    self->n_unknown++;

  *entry = state;
}

/* Looks at the annotations not looked at yet, until @deadline
 * (monotonic; 0: all of them). */
static void
gloss_annotation_list_count_some (GlossAnnotationList *self,
                                  gint64               deadline)
{
  guint len = self->incomplete->len;
  guint i;

  for (i = self->count_from; i < len && self->n_unknown > 0; i++)
    {
      if (self->incomplete->data[i] != UNKNOWN)
        continue;

      set_entry (self, i, look_at (self, i));
      /* The clock is asked every 256: a look takes well under a microsecond. */
      if (deadline != 0 && (i & 0xff) == 0xff && g_get_monotonic_time () >= deadline)
        {
          i++;
          break;
        }
    }

  self->count_from = i;
}

static gboolean
count_idle_cb (gpointer user_data)
{
  GlossAnnotationList *self = user_data;

  gloss_annotation_list_count_some (self, g_get_monotonic_time () + COUNT_SLICE_USEC);
  if (self->n_unknown > 0)
    return G_SOURCE_CONTINUE;

  self->count_idle_id = 0;
  gloss_annotation_list_update_incomplete_notice (self);
  return G_SOURCE_REMOVE;
}

/* Marks @n entries from @position as not looked at: looked at now when
 * few, else from an idle. */
static void
gloss_annotation_list_queue_count (GlossAnnotationList *self,
                                   guint                position,
                                   guint                n)
{
  if (n == 0)
    return;

  self->count_from = self->n_unknown == 0 ? position : MIN (self->count_from, position);
  for (guint i = position; i < position + n; i++)
    set_entry (self, i, UNKNOWN);

  if (n <= BULK_CHANGE)
    {
      for (guint i = position; i < position + n; i++)
        set_entry (self, i, look_at (self, i));
      if (self->n_unknown == 0)
        self->count_from = self->incomplete->len;
      return;
    }

  if (self->count_idle_id == 0)
    self->count_idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, count_idle_cb, self, NULL);
}

/* A new set or label set: everything is looked at again. */
static void
gloss_annotation_list_recount (GlossAnnotationList *self)
{
  guint n = self->annotations != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->annotations)) : 0;

  g_clear_handle_id (&self->count_idle_id, g_source_remove);
  g_clear_pointer (&self->incomplete, g_byte_array_unref);
  self->n_incomplete = 0;
  self->n_unknown = 0;
  self->count_from = 0;

  if (self->annotations != NULL && gloss_label_set_has_required (self->labels))
    {
      self->incomplete = g_byte_array_sized_new (n);
      g_byte_array_set_size (self->incomplete, n);
      /* An empty array has no data: memset (NULL, …, 0) is undefined. */
      if (n > 0)
        memset (self->incomplete->data, COMPLETE, n);
      gloss_annotation_list_queue_count (self, 0, n);
    }

  gloss_annotation_list_update_incomplete_notice (self);
}

/* The set's items changed: the same change to the entries. */
static void
on_placed_items_changed (GlossAnnotationList *self,
                         guint                position,
                         guint                removed,
                         guint                added,
                         GListModel          *model)
{
  if (self->incomplete == NULL)
    return;

  if (removed > 0)
    {
      for (guint i = position; i < position + removed; i++)
        set_entry (self, i, COMPLETE);
      g_byte_array_remove_range (self->incomplete, position, removed);
    }

  if (added > 0)
    {
      guint old_len = self->incomplete->len;
      guint8 *data;

      /* No insert in GByteArray: grow, move the tail, fill the gap. */
      g_byte_array_set_size (self->incomplete, old_len + added);
      data = self->incomplete->data;
      memmove (data + position + added, data + position, old_len - position);
      memset (data + position, COMPLETE, added);
    }

  if (self->n_unknown > 0 && self->count_from > position)
    self->count_from = position;
  gloss_annotation_list_queue_count (self, position, added);

  if (self->n_unknown == 0)
    gloss_annotation_list_update_incomplete_notice (self);
}

/* An attribute or the label changed (a label change also re-inserts). */
static void
gloss_annotation_list_recount_one (GlossAnnotationList *self,
                                   GlossAnnotation     *annotation)
{
  guint position;

  if (self->incomplete == NULL || gloss_annotation_is_orphaned (annotation))
    return;

  position = gloss_annotation_model_find (G_LIST_MODEL (self->annotations), annotation, NULL);
  if (position == GTK_INVALID_LIST_POSITION || position >= self->incomplete->len)
    return;

  if (self->incomplete->data[position] != UNKNOWN)
    set_entry (self, position, look_at (self, position));
  if (self->n_unknown == 0)
    gloss_annotation_list_update_incomplete_notice (self);
}

/* "3 annotations lack a required attribute", when any do and all were
 * looked at (meanwhile it shows what it showed). */
static void
gloss_annotation_list_update_incomplete_notice (GlossAnnotationList *self)
{
  g_autofree char *text = NULL;
  guint n = self->incomplete != NULL ? self->n_incomplete : 0;

  if (self->incomplete != NULL && self->n_unknown > 0)
    return;

  gtk_widget_set_visible (self->incomplete_button, n > 0);
  if (n > 0)
    {
      /* Translators: above the annotation list; the button goes to the
       * next of them. */
      text = g_strdup_printf (ngettext ("%u annotation lacks a required attribute",
                                        "%u annotations lack a required attribute", n), n);
      gtk_label_set_text (self->incomplete_label, text);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_INCOMPLETE]);
}

static void
gloss_annotation_list_next_incomplete_action (GtkWidget  *widget,
                                              const char *action_name,
                                              GVariant   *parameter)
{
  gloss_annotation_list_select_next_incomplete (GLOSS_ANNOTATION_LIST (widget),
                                                parameter != NULL && g_variant_get_boolean (parameter));
}

/* ------------------------------------------------------------------ */
/* The search entry                                                     */
/* ------------------------------------------------------------------ */

static void
on_search_changed (GlossAnnotationList *self,
                   GtkSearchEntry      *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *folded = NULL;

  if (self->rebuilding_dropdown > 0)
    return;

  if (text != NULL && *text != '\0')
    folded = g_utf8_casefold (text, -1);

  if (g_strcmp0 (folded, self->search_folded) == 0)
    return;

  g_free (self->search_folded);
  self->search_folded = g_steal_pointer (&folded);
  gloss_annotation_list_refilter (self);
}

static void
on_stop_search (GlossAnnotationList *self,
                GtkSearchEntry      *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

/* Enter in the filter: go to the first match. */
static void
on_search_activate (GlossAnnotationList *self,
                    GtkSearchEntry      *entry)
{
  if (self->n_visible == 0)
    return;

  if (gtk_single_selection_get_selected_item (self->selection) == NULL)
    gloss_annotation_list_select_next (self, FALSE);

  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

/* ------------------------------------------------------------------ */
/* The context menu                                                     */
/* ------------------------------------------------------------------ */

/* Label names are user-defined: keep their underscores literal. */
static char *
escape_mnemonic (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "_", -1);

  return g_strjoinv ("__", parts);
}

static GMenuModel *
gloss_annotation_list_build_label_menu (GlossAnnotationList *self)
{
  GMenu *menu = g_menu_new ();
  guint n_labels = self->labels != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->labels)) : 0;

  for (guint i = 0; i < n_labels; i++)
    {
      g_autoptr(GlossLabel) label = g_list_model_get_item (G_LIST_MODEL (self->labels), i);
      g_autofree char *name = escape_mnemonic (gloss_label_get_name (label));
      g_autoptr(GMenuItem) item = g_menu_item_new (name, NULL);

      g_menu_item_set_action_and_target_value (item, "win.set-label",
                                               g_variant_new_string (gloss_label_get_id (label)));
      g_menu_append_item (menu, item);
    }

  return G_MENU_MODEL (menu);
}

static GMenuModel *
gloss_annotation_list_build_menu (GlossAnnotationList *self,
                                  GlossAnnotation     *annotation)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) edit_section = g_menu_new ();
  g_autoptr(GMenu) delete_section = g_menu_new ();
  GlossLabel *label = NULL;

  if (self->labels != NULL)
    label = gloss_label_set_lookup (self->labels, gloss_annotation_get_label (annotation));

  if (gloss_annotation_is_orphaned (annotation))
    {
      g_menu_append (edit_section, _("_Re-attach to Selection"), "win.reattach-orphan");
    }
  else
    {
      g_autoptr(GMenuModel) labels = gloss_annotation_list_build_label_menu (self);

      g_menu_append_submenu (edit_section, _("Change _Label"), labels);
    }

  g_menu_append (edit_section, _("Edit _Note…"), "win.edit-note");
  /* The window enables the action itself (gloss_window_update_actions). */
  if (gloss_label_set_offers_attributes (self->labels, annotation))
    g_menu_append (edit_section, _("Edit _Attributes…"), "win.edit-attributes");

  if (!gloss_annotation_is_orphaned (annotation) &&
      label != NULL && gloss_label_get_kind (label) == GLOSS_LABEL_KIND_QUOTE)
    g_menu_append (edit_section, _("Choose _Speaker…"), "win.choose-speaker");

  g_menu_append (delete_section, _("_Delete"), "win.delete-annotation");

  g_menu_append_section (menu, NULL, G_MENU_MODEL (edit_section));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (delete_section));

  return G_MENU_MODEL (g_steal_pointer (&menu));
}

/* Opens the menu of @row's annotation, at (@x, @y) in @row's coordinates,
 * or below the row when @x is negative (from the keyboard). */
static void
gloss_annotation_list_popup_menu (GlossAnnotationList *self,
                                  GlossAnnotationRow  *row,
                                  double               x,
                                  double               y)
{
  GlossAnnotation *annotation = gloss_annotation_row_get_annotation (row);
  g_autoptr(GMenuModel) menu = NULL;
  graphene_rect_t bounds;
  GdkRectangle rect;

  if (annotation == NULL ||
      !gtk_widget_compute_bounds (GTK_WIDGET (row), GTK_WIDGET (self), &bounds))
    return;

  /* The window's actions work on the selected annotation. */
  gloss_annotation_list_set_selected_annotation (self, annotation);

  if (x >= 0)
    rect = (GdkRectangle) { bounds.origin.x + x, bounds.origin.y + y, 1, 1 };
  else
    rect = (GdkRectangle) { bounds.origin.x, bounds.origin.y, bounds.size.width, bounds.size.height };

  menu = gloss_annotation_list_build_menu (self, annotation);
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->context_menu), menu);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu), &rect);
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

static GlossAnnotationRow *
find_row (GtkListView     *list_view,
          GlossAnnotation *annotation)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = gtk_widget_get_first_child (child);

      if (GLOSS_IS_ANNOTATION_ROW (row) &&
          gloss_annotation_row_get_annotation (GLOSS_ANNOTATION_ROW (row)) == annotation)
        return GLOSS_ANNOTATION_ROW (row);
    }

  return NULL;
}

/* In the list that has the keyboard focus: the focused row, else the
 * selected annotation's row. */
static GlossAnnotationRow *
gloss_annotation_list_get_menu_row (GlossAnnotationList *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkListView *views[] = { self->list_view, self->orphans_view };

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      GtkWidget *view = GTK_WIDGET (views[i]);
      GtkWidget *item;

      if (focus == NULL || (focus != view && !gtk_widget_is_ancestor (focus, view)))
        continue;

      item = gtk_widget_get_focus_child (view);
      if (item != NULL && GLOSS_IS_ANNOTATION_ROW (gtk_widget_get_first_child (item)))
        return GLOSS_ANNOTATION_ROW (gtk_widget_get_first_child (item));

      return self->selected != NULL ? find_row (views[i], self->selected) : NULL;
    }

  return NULL;
}

/* Shift+F10 or the Menu key: the menu of the focused row. */
static void
gloss_annotation_list_context_menu_action (GtkWidget  *widget,
                                           const char *action_name,
                                           GVariant   *parameter)
{
  GlossAnnotationList *self = GLOSS_ANNOTATION_LIST (widget);
  GlossAnnotationRow *row = gloss_annotation_list_get_menu_row (self);

  if (row != NULL)
    gloss_annotation_list_popup_menu (self, row, -1, -1);
}

static void
on_row_secondary_click (GtkGestureClick     *gesture,
                        int                  n_press,
                        double               x,
                        double               y,
                        GlossAnnotationList *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  gloss_annotation_list_popup_menu (self, GLOSS_ANNOTATION_ROW (row), x, y);
}

static void
on_row_long_press (GtkGestureLongPress *gesture,
                   double               x,
                   double               y,
                   GlossAnnotationList *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  gloss_annotation_list_popup_menu (self, GLOSS_ANNOTATION_ROW (row), x, y);
}

/* Tab out of a list: GTK 4.8's GtkListView would move through every
 * row first (GtkListView:tab-behavior only came in 4.12), which with a
 * long article traps keyboard users in it. The list is taken out of the
 * focus chain for one move, so the focus goes to what follows it. */
static void
gloss_annotation_list_leave_list_action (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *parameter)
{
  GlossAnnotationList *self = GLOSS_ANNOTATION_LIST (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkDirectionType direction = g_variant_get_boolean (parameter) ? GTK_DIR_TAB_BACKWARD
                                                                  : GTK_DIR_TAB_FORWARD;
  GtkWidget *views[] = { GTK_WIDGET (self->list_view), GTK_WIDGET (self->orphans_view) };

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      if (focus == NULL || !gtk_widget_is_ancestor (focus, views[i]))
        continue;

      gtk_widget_set_can_focus (views[i], FALSE);
      gtk_widget_child_focus (GTK_WIDGET (root), direction);
      gtk_widget_set_can_focus (views[i], TRUE);
      return;
    }
}

static void
add_tab_shortcuts (GtkListView *list_view)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  GtkShortcutController *shortcuts = GTK_SHORTCUT_CONTROLLER (controller);

  gtk_shortcut_controller_add_shortcut (shortcuts,
    gtk_shortcut_new_with_arguments (gtk_keyval_trigger_new (GDK_KEY_Tab, 0),
                                     gtk_named_action_new ("annotation-list.leave-list"),
                                     "b", FALSE));
  gtk_shortcut_controller_add_shortcut (shortcuts,
    gtk_shortcut_new_with_arguments (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Tab, GDK_SHIFT_MASK),
                                                                  gtk_keyval_trigger_new (GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK)),
                                     gtk_named_action_new ("annotation-list.leave-list"),
                                     "b", TRUE));
  gtk_widget_add_controller (GTK_WIDGET (list_view), controller);
}

/* ------------------------------------------------------------------ */
/* Rows                                                                 */
/* ------------------------------------------------------------------ */

static void
on_factory_setup (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  GlossAnnotationList      *self)
{
  GtkWidget *row = gloss_annotation_row_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *long_press = gtk_gesture_long_press_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (click, "pressed", G_CALLBACK (on_row_secondary_click), self, 0);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (click));

  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (long_press), TRUE);
  g_signal_connect_object (long_press, "pressed", G_CALLBACK (on_row_long_press), self, 0);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (long_press));

  gtk_list_item_set_child (list_item, row);
}

/* A change put another annotation in the row's place (a reload, the
 * next article: gloss-annotation-slot-model.h): the row stays, and shows
 * that one. */
static void
on_slot_annotation_changed (GlossAnnotationSlot *slot,
                            GParamSpec          *pspec,
                            GtkListItem         *list_item)
{
  GtkWidget *row = gtk_list_item_get_child (list_item);
  GtkWidget *list = row != NULL ? gtk_widget_get_ancestor (row, GLOSS_TYPE_ANNOTATION_LIST) : NULL;

  if (list == NULL)
    return;

  gloss_annotation_row_bind (GLOSS_ANNOTATION_ROW (row),
                             gloss_annotation_slot_get_annotation (slot),
                             GLOSS_ANNOTATION_LIST (list)->annotations,
                             GLOSS_ANNOTATION_LIST (list)->labels);
}

static void
on_factory_bind (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 GlossAnnotationList      *self)
{
  gpointer item = gtk_list_item_get_item (list_item);

  if (GLOSS_IS_ANNOTATION_SLOT (item))
    g_signal_connect_object (item, "notify::annotation",
                             G_CALLBACK (on_slot_annotation_changed), list_item, 0);

  gloss_annotation_row_bind (GLOSS_ANNOTATION_ROW (gtk_list_item_get_child (list_item)),
                             gloss_annotation_slot_unwrap (item),
                             self->annotations,
                             self->labels);
}

static void
on_factory_unbind (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   GlossAnnotationList      *self)
{
  gpointer item = gtk_list_item_get_item (list_item);

  if (item != NULL)
    g_signal_handlers_disconnect_by_func (item, on_slot_annotation_changed, list_item);

  gloss_annotation_row_unbind (GLOSS_ANNOTATION_ROW (gtk_list_item_get_child (list_item)));
}

static void
set_up_list_view (GlossAnnotationList *self,
                  GtkListView         *list_view,
                  GtkSingleSelection  *selection)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect_object (factory, "setup", G_CALLBACK (on_factory_setup), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (on_factory_bind), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (on_factory_unbind), self, 0);

  gtk_list_view_set_factory (list_view, factory);
  gtk_list_view_set_model (list_view, GTK_SELECTION_MODEL (selection));
  add_tab_shortcuts (list_view);
}

static void
refresh_rows_labels (GtkListView   *list_view,
                     GlossLabelSet *labels)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = gtk_widget_get_first_child (child);

      if (GLOSS_IS_ANNOTATION_ROW (row))
        gloss_annotation_row_set_labels (GLOSS_ANNOTATION_ROW (row), labels);
    }
}

static void
on_list_activate (GlossAnnotationList *self,
                  guint                position,
                  GtkListView         *list_view)
{
  g_autoptr(GObject) item = NULL;
  GlossAnnotation *annotation;

  item = g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (list_view)), position);
  annotation = gloss_annotation_slot_unwrap (item);
  if (annotation == NULL)
    return;

  gloss_annotation_list_set_selected_annotation (self, annotation);
  g_signal_emit (self, signals[ANNOTATION_ACTIVATED], 0, annotation);
}

static void
on_orphans_activate (GlossAnnotationList *self,
                     guint                position,
                     GtkListView         *list_view)
{
  on_list_activate (self, position, list_view);
}

/* ------------------------------------------------------------------ */
/* Visible state: counts, placeholder, orphans section                  */
/* ------------------------------------------------------------------ */

static void
gloss_annotation_list_update_placeholder (GlossAnnotationList *self)
{
  gboolean any = self->annotations != NULL &&
                 g_list_model_get_n_items (G_LIST_MODEL (self->annotations)) > 0;

  if (self->n_visible > 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "list");
      return;
    }

  if (any)
    gtk_label_set_text (self->placeholder_label, _("No matches"));
  else
    gtk_label_set_text (self->placeholder_label,
                        _("No annotations yet — select text and press a label key"));

  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
gloss_annotation_list_update_n_visible (GlossAnnotationList *self)
{
  guint n_visible = self->annotations != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) : 0;
  gboolean changed = n_visible != self->n_visible;

  self->n_visible = n_visible;
  gloss_annotation_list_update_placeholder (self);

  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_VISIBLE]);
}

static void
gloss_annotation_list_update_orphans (GlossAnnotationList *self)
{
  guint n_orphans = g_list_model_get_n_items (G_LIST_MODEL (self->orphan_selection));
  g_autofree char *title = NULL;

  gtk_widget_set_visible (self->orphans_box, n_orphans > 0);
  if (n_orphans == 0)
    return;

  /* Translators: heading of the annotations that could not be placed
   * after the article changed; %u is how many. */
  title = g_strdup_printf (ngettext ("_Orphaned (%u)", "_Orphaned (%u)", n_orphans), n_orphans);
  gtk_expander_set_label (self->orphans_expander, title);
}

/* ------------------------------------------------------------------ */
/* Selection                                                            */
/* ------------------------------------------------------------------ */

static void
gloss_annotation_list_set_selected_internal (GlossAnnotationList *self,
                                             GlossAnnotation     *annotation)
{
  if (!g_set_object (&self->selected, annotation))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ANNOTATION]);
}

static void
select_quietly (GlossAnnotationList *self,
                GtkSingleSelection  *selection,
                guint                position)
{
  if (gtk_single_selection_get_selected (selection) == position)
    return;

  self->syncing_selection++;
  gtk_single_selection_set_selected (selection, position);
  self->syncing_selection--;
}

/* The selected annotation was deleted (or the set replaced). */
static void
gloss_annotation_list_check_selected (GlossAnnotationList *self)
{
  if (self->selected == NULL)
    return;

  if (self->annotations != NULL &&
      gloss_annotation_set_lookup (self->annotations, gloss_annotation_get_id (self->selected)) == self->selected)
    return;

  select_quietly (self, self->selection, GTK_INVALID_LIST_POSITION);
  select_quietly (self, self->orphan_selection, GTK_INVALID_LIST_POSITION);
  gloss_annotation_list_set_selected_internal (self, NULL);
}

/* Rows come and go (a label change moves a row, a filter hides it): keep
 * the selected annotation's row selected whenever it is shown. */
static void
gloss_annotation_list_restore_selection (GlossAnnotationList *self)
{
  GtkSingleSelection *selection;
  guint position;

  if (self->selected == NULL)
    return;

  if (gloss_annotation_is_orphaned (self->selected))
    {
      selection = self->orphan_selection;
      position = find_in_model (G_LIST_MODEL (selection), self->selected);
    }
  else
    {
      selection = self->selection;
      position = gloss_annotation_list_find_visible (self, self->selected, NULL);
      /* Not among the rows yet (filling up): when it comes. */
      if (position != GTK_INVALID_LIST_POSITION &&
          position >= g_list_model_get_n_items (G_LIST_MODEL (self->slot_model)))
        return;
    }

  if (position != GTK_INVALID_LIST_POSITION)
    select_quietly (self, selection, position);
}

static void
on_selected_item_changed (GlossAnnotationList *self,
                          GParamSpec          *pspec,
                          GtkSingleSelection  *selection)
{
  GtkSingleSelection *other;
  GlossAnnotation *item;

  if (self->syncing_selection > 0)
    return;

  /* A row that went away is not a choice the user made: the selected
   * annotation stays until it is deleted (check_selected). */
  item = gloss_annotation_slot_unwrap (gtk_single_selection_get_selected_item (selection));
  if (item == NULL)
    return;

  other = selection == self->selection ? self->orphan_selection : self->selection;
  select_quietly (self, other, GTK_INVALID_LIST_POSITION);

  gloss_annotation_list_set_selected_internal (self, item);
}

static void
on_items_changed (GlossAnnotationList *self,
                  guint                position,
                  guint                removed,
                  guint                added,
                  GListModel          *model)
{
  gloss_annotation_list_update_n_visible (self);
  gloss_annotation_list_update_orphans (self);
  gloss_annotation_list_check_selected (self);
  gloss_annotation_list_restore_selection (self);
}

/* Before the selection hears of annotations replaced: a selected slot
 * kept in its place would show another annotation, and GtkSingleSelection
 * would look for its selected slot among all the new ones, making a slot
 * for each (100,000 on a reload). The selected annotation is selected
 * again afterwards if it is still shown (restore_selection). */
static void
on_slots_changing (GlossAnnotationList      *self,
                   guint                     position,
                   guint                     removed,
                   guint                     added,
                   GlossAnnotationSlotModel *model)
{
  if (removed > 0 && added > 0)
    select_quietly (self, self->selection, GTK_INVALID_LIST_POSITION);
}

static void
scroll_to (GtkListView *list_view,
           guint        position)
{
  gtk_widget_activate_action (GTK_WIDGET (list_view), "list.scroll-to-item", "u", position);
}

/* Makes the views show self->selected: selects its row (clearing the
 * filters if they hide it) and scrolls to it. */
static void
gloss_annotation_list_show_selected (GlossAnnotationList *self,
                                     gboolean             scroll)
{
  guint position;

  if (self->selected == NULL)
    {
      select_quietly (self, self->selection, GTK_INVALID_LIST_POSITION);
      select_quietly (self, self->orphan_selection, GTK_INVALID_LIST_POSITION);
      return;
    }

  if (gloss_annotation_is_orphaned (self->selected))
    {
      select_quietly (self, self->selection, GTK_INVALID_LIST_POSITION);
      position = find_in_model (G_LIST_MODEL (self->orphan_selection), self->selected);
      if (position == GTK_INVALID_LIST_POSITION)
        return;

      gtk_expander_set_expanded (self->orphans_expander, TRUE);
      select_quietly (self, self->orphan_selection, position);
      if (scroll)
        scroll_to (self->orphans_view, position);
      return;
    }

  select_quietly (self, self->orphan_selection, GTK_INVALID_LIST_POSITION);
  position = gloss_annotation_list_find_visible (self, self->selected, NULL);
  if (position == GTK_INVALID_LIST_POSITION)
    {
      gloss_annotation_list_clear_filters (self);
      position = gloss_annotation_list_find_visible (self, self->selected, NULL);
    }

  /* Past the rows made so far (filling up): all of them now. */
  if (position != GTK_INVALID_LIST_POSITION &&
      position >= g_list_model_get_n_items (G_LIST_MODEL (self->slot_model)))
    gloss_annotation_slot_model_fill (self->slot_model);

  select_quietly (self, self->selection, position);
  if (scroll && position != GTK_INVALID_LIST_POSITION)
    scroll_to (self->list_view, position);
}

/* ------------------------------------------------------------------ */
/* Following the session                                                */
/* ------------------------------------------------------------------ */

static void
on_annotation_changed (GlossAnnotationList *self,
                       GlossAnnotation     *annotation,
                       GlossAnnotationSet  *set)
{
  /* A label change re-inserts the row (and so re-filters it); a note,
   * text or attribute change does not, and matters to a text search or
   * an attribute filter. Only this annotation's answer changed: if it
   * matches now, no other came to match or stopped matching, so only
   * those hidden need looking at again, else only those shown (which,
   * setting values under "Verdict: Not Set", are few: a full pass over
   * 100,000 is about 30 ms). */
  if (self->search_folded != NULL || self->filter_attribute != NULL || self->filter_incomplete)
    gtk_filter_changed (GTK_FILTER (self->filter),
                        annotation_matches (annotation, self) ? GTK_FILTER_CHANGE_LESS_STRICT
                                                              : GTK_FILTER_CHANGE_MORE_STRICT);

  gloss_annotation_list_recount_one (self, annotation);
  gloss_annotation_list_note_label (self, annotation);
  gloss_annotation_list_queue_update_has_unknown (self);
}

static void
on_n_annotations_changed (GlossAnnotationList *self,
                          GParamSpec          *pspec,
                          GlossAnnotationSet  *set)
{
  gloss_annotation_list_check_selected (self);
}

static void
gloss_annotation_list_reload_labels (GlossAnnotationList *self)
{
  GlossLabelSet *labels = self->session != NULL ? gloss_session_get_labels (self->session) : NULL;

  if (!g_set_object (&self->labels, labels))
    return;

  self->has_unknown = gloss_annotation_list_compute_has_unknown (self);
  gloss_annotation_list_rebuild_dropdown (self);
  gloss_annotation_list_rebuild_attribute_menu (self);
  if (self->filter_attribute != NULL || self->filter_incomplete)
    {
      gloss_annotation_list_read_attribute_filter (self);
      gloss_annotation_list_refilter (self);
    }
  gloss_annotation_list_recount (self);

  /* Rows about to be held, or held: bound again for the next set. */
  if (self->session != NULL && !gloss_annotation_list_is_holding (self))
    refresh_rows_labels (self->list_view, labels);
  refresh_rows_labels (self->orphans_view, labels);

  if (self->filter_unknown)
    gloss_annotation_list_refilter (self);
}

/* No set came: the rows go a few at a time (all at once, 10–25 ms). */
static gboolean
release_rows_cb (gpointer user_data)
{
  GlossAnnotationList *self = user_data;

  self->release_id = 0;
  gloss_annotation_slot_model_empty (self->slot_model);

  return G_SOURCE_REMOVE;
}

static void
on_slots_emptied (GlossAnnotationList      *self,
                  GlossAnnotationSlotModel *model)
{
  if (gloss_annotation_list_is_holding (self))
    gtk_filter_list_model_set_model (self->filter_model, NULL);
}

static void
gloss_annotation_list_reload_annotations (GlossAnnotationList *self)
{
  GlossAnnotationSet *set = self->session != NULL ? gloss_session_get_annotations (self->session) : NULL;
  gboolean was_holding = gloss_annotation_list_is_holding (self);

  if (set == self->annotations)
    return;

  if (self->annotations != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->annotations, self);
      g_signal_handlers_disconnect_by_data (gloss_annotation_set_get_orphans (self->annotations), self);
    }

  g_set_object (&self->annotations, set);

  if (set != NULL)
    {
      g_signal_connect_object (set, "items-changed",
                               G_CALLBACK (on_set_items_changed), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (set, "items-changed",
                               G_CALLBACK (on_placed_items_changed), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (gloss_annotation_set_get_orphans (set), "items-changed",
                               G_CALLBACK (on_set_items_changed), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (set, "annotation-changed",
                               G_CALLBACK (on_annotation_changed), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (set, "notify::n-annotations",
                               G_CALLBACK (on_n_annotations_changed), self,
                               G_CONNECT_SWAPPED);
    }

  /* Forget a selection from the old set before its rows go. */
  gloss_annotation_list_check_selected (self);

  g_clear_handle_id (&self->release_id, g_source_remove);
  if (set != NULL)
    {
      /* The rows held are bound to the new set's annotations. */
      gtk_filter_list_model_set_model (self->filter_model, G_LIST_MODEL (set));
      if (was_holding)
        refresh_rows_labels (self->list_view, self->labels);
    }
  else if (gloss_annotation_list_is_holding (self))
    {
      self->release_id = g_timeout_add_seconds_full (G_PRIORITY_LOW, HOLD_SECONDS,
                                                     release_rows_cb, self, NULL);
    }
  gtk_single_selection_set_model (self->orphan_selection,
                                  set != NULL ? gloss_annotation_set_get_orphans (set) : NULL);

  gloss_annotation_list_update_n_visible (self);
  gloss_annotation_list_update_orphans (self);
  gloss_annotation_list_recount (self);
  /* Looking at 100,000 labels at once (~10 ms) would hold up the rows. */
  if (set != NULL && g_list_model_get_n_items (G_LIST_MODEL (set)) > BULK_CHANGE)
    gloss_annotation_list_queue_scan_unknown (self);
  else
    gloss_annotation_list_update_has_unknown (self);
}

static void
on_session_notify (GlossAnnotationList *self,
                   GParamSpec          *pspec,
                   GlossSession        *session)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "labels"))
    gloss_annotation_list_reload_labels (self);
  else if (g_str_equal (name, "annotations"))
    gloss_annotation_list_reload_annotations (self);
}

/* ------------------------------------------------------------------ */
/* Public API                                                           */
/* ------------------------------------------------------------------ */

GtkWidget *
gloss_annotation_list_new (void)
{
  return g_object_new (GLOSS_TYPE_ANNOTATION_LIST, NULL);
}

void
gloss_annotation_list_set_session (GlossAnnotationList *self,
                                   GlossSession        *session)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION_LIST (self));
  g_return_if_fail (session == NULL || GLOSS_IS_SESSION (session));

  if (self->session == session)
    return;

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);

  g_set_object (&self->session, session);

  if (session != NULL)
    g_signal_connect_object (session, "notify",
                             G_CALLBACK (on_session_notify), self,
                             G_CONNECT_SWAPPED);

  /* Labels first, so rows bound for the new set show its label names. */
  gloss_annotation_list_reload_labels (self);
  gloss_annotation_list_reload_annotations (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

GlossSession *
gloss_annotation_list_get_session (GlossAnnotationList *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_LIST (self), NULL);

  return self->session;
}

GlossAnnotation *
gloss_annotation_list_get_selected_annotation (GlossAnnotationList *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_LIST (self), NULL);

  return self->selected;
}

void
gloss_annotation_list_set_selected_annotation (GlossAnnotationList *self,
                                               GlossAnnotation     *annotation)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION_LIST (self));
  g_return_if_fail (annotation == NULL || GLOSS_IS_ANNOTATION (annotation));

  /* Not one of ours (another set, or already deleted): nothing to show. */
  if (annotation != NULL &&
      (self->annotations == NULL ||
       gloss_annotation_set_lookup (self->annotations, gloss_annotation_get_id (annotation)) != annotation))
    annotation = NULL;

  if (!g_set_object (&self->selected, annotation))
    {
      /* Same one again (e.g. clicked again in the article): show it. */
      gloss_annotation_list_show_selected (self, TRUE);
      return;
    }

  gloss_annotation_list_show_selected (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ANNOTATION]);
}

guint
gloss_annotation_list_get_n_visible (GlossAnnotationList *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_LIST (self), 0);

  return self->n_visible;
}

GlossAnnotation *
gloss_annotation_list_select_next (GlossAnnotationList *self,
                                   gboolean             backward)
{
  GListModel *model;
  g_autoptr(GlossAnnotation) next = NULL;
  guint n_items;
  guint position;

  g_return_val_if_fail (GLOSS_IS_ANNOTATION_LIST (self), NULL);

  model = G_LIST_MODEL (self->filter_model);
  n_items = g_list_model_get_n_items (model);
  if (n_items == 0)
    return NULL;

  if (self->selected == NULL || gloss_annotation_is_orphaned (self->selected))
    {
      position = backward ? n_items - 1 : 0;
    }
  else
    {
      guint insertion_point;
      guint current = gloss_annotation_list_find_visible (self, self->selected, &insertion_point);

      if (current != GTK_INVALID_LIST_POSITION)
        position = backward ? (current + n_items - 1) % n_items : (current + 1) % n_items;
      else /* hidden by the filter: the neighbours it would have */
        position = backward ? (insertion_point + n_items - 1) % n_items : insertion_point % n_items;
    }

  next = g_list_model_get_item (model, position);
  gloss_annotation_list_set_selected_annotation (self, next);

  return self->selected;
}

void
gloss_annotation_list_focus_search (GlossAnnotationList *self)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION_LIST (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

guint
gloss_annotation_list_get_n_incomplete (GlossAnnotationList *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_LIST (self), 0);

  return self->incomplete != NULL && self->n_unknown == 0 ? self->n_incomplete : 0;
}

const char *
gloss_annotation_list_get_attribute_filter (GlossAnnotationList *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_LIST (self), NULL);

  return self->attribute_filter != NULL ? self->attribute_filter : "";
}

void
gloss_annotation_list_set_attribute_filter (GlossAnnotationList *self,
                                            const char          *filter)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION_LIST (self));

  gloss_annotation_list_set_attribute_filter_internal (self, filter);
  gloss_annotation_list_refilter (self);
}

/* Whether the annotation at @position of the set is shown by the filters. */
static gboolean
is_shown (GlossAnnotationList *self,
          guint                position)
{
  g_autoptr(GlossAnnotation) annotation = NULL;

  if (!gloss_annotation_list_is_filtering (self))
    return TRUE;

  annotation = g_list_model_get_item (G_LIST_MODEL (self->annotations), position);
  return annotation_matches (annotation, self);
}

GlossAnnotation *
gloss_annotation_list_select_next_incomplete (GlossAnnotationList *self,
                                              gboolean             backward)
{
  g_autoptr(GlossAnnotation) next = NULL;
  guint n, start, found = GTK_INVALID_LIST_POSITION;

  g_return_val_if_fail (GLOSS_IS_ANNOTATION_LIST (self), NULL);

  if (self->incomplete == NULL)
    return NULL;
  /* Asked before the idle got there: the rest now (a key press waits). */
  gloss_annotation_list_count_some (self, 0);
  gloss_annotation_list_update_incomplete_notice (self);
  if (self->n_incomplete == 0)
    return NULL;

  n = self->incomplete->len;
  if (self->selected != NULL && !gloss_annotation_is_orphaned (self->selected))
    {
      guint insertion_point;
      guint current = gloss_annotation_model_find (G_LIST_MODEL (self->annotations), self->selected,
                                                   &insertion_point);

      /* From the selected one, or where it would be. */
      start = current != GTK_INVALID_LIST_POSITION ? current
              : backward ? insertion_point : (insertion_point + n - 1) % n;
    }
  else
    start = backward ? 0 : n - 1;

  /* The rows shown first; one hidden by the filters only when none
   * shown lacks anything (selecting it clears the filters). */
  for (guint step = 1; step <= n; step++)
    {
      guint i = backward ? (start + n - step % n) % n : (start + step) % n;

      if (self->incomplete->data[i] != INCOMPLETE)
        continue;
      if (found == GTK_INVALID_LIST_POSITION)
        found = i;
      if (is_shown (self, i))
        {
          found = i;
          break;
        }
    }

  if (found == GTK_INVALID_LIST_POSITION)
    return NULL;

  next = g_list_model_get_item (G_LIST_MODEL (self->annotations), found);
  gloss_annotation_list_set_selected_annotation (self, next);

  return self->selected;
}

/* ------------------------------------------------------------------ */
/* GObject and GtkWidget                                                */
/* ------------------------------------------------------------------ */

static void
gloss_annotation_list_measure (GtkWidget      *widget,
                               GtkOrientation  orientation,
                               int             for_size,
                               int            *minimum,
                               int            *natural,
                               int            *minimum_baseline,
                               int            *natural_baseline)
{
  GlossAnnotationList *self = GLOSS_ANNOTATION_LIST (widget);

  gtk_widget_measure (self->box, orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
gloss_annotation_list_size_allocate (GtkWidget *widget,
                                     int        width,
                                     int        height,
                                     int        baseline)
{
  GlossAnnotationList *self = GLOSS_ANNOTATION_LIST (widget);

  gtk_widget_allocate (self->box, width, height, baseline, NULL);

  if (gtk_widget_get_visible (self->context_menu))
    gtk_popover_present (GTK_POPOVER (self->context_menu));
}

static GtkSizeRequestMode
gloss_annotation_list_get_request_mode (GtkWidget *widget)
{
  return gtk_widget_get_request_mode (GLOSS_ANNOTATION_LIST (widget)->box);
}

static void
gloss_annotation_list_compute_expand (GtkWidget *widget,
                                      gboolean  *hexpand,
                                      gboolean  *vexpand)
{
  GlossAnnotationList *self = GLOSS_ANNOTATION_LIST (widget);

  *hexpand = gtk_widget_compute_expand (self->box, GTK_ORIENTATION_HORIZONTAL);
  *vexpand = gtk_widget_compute_expand (self->box, GTK_ORIENTATION_VERTICAL);
}

static gboolean
gloss_annotation_list_grab_focus (GtkWidget *widget)
{
  GlossAnnotationList *self = GLOSS_ANNOTATION_LIST (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
gloss_annotation_list_dispose (GObject *object)
{
  GlossAnnotationList *self = GLOSS_ANNOTATION_LIST (object);

  g_clear_handle_id (&self->unknown_idle_id, g_source_remove);
  g_clear_handle_id (&self->release_id, g_source_remove);
  g_clear_handle_id (&self->count_idle_id, g_source_remove);
  g_clear_pointer (&self->incomplete, g_byte_array_unref);
  g_clear_object (&self->filter_attribute);

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  if (self->annotations != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->annotations, self);
      g_signal_handlers_disconnect_by_data (gloss_annotation_set_get_orphans (self->annotations), self);
    }

  g_clear_pointer (&self->context_menu, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_ANNOTATION_LIST);

  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->orphan_selection != NULL)
    g_signal_handlers_disconnect_by_data (self->orphan_selection, self);

  g_clear_object (&self->selection);
  g_clear_object (&self->orphan_selection);
  g_clear_object (&self->slot_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->selected);
  g_clear_object (&self->annotations);
  g_clear_object (&self->labels);
  g_clear_object (&self->session);
  g_clear_pointer (&self->dropdown_label_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (gloss_annotation_list_parent_class)->dispose (object);
}

static void
gloss_annotation_list_finalize (GObject *object)
{
  GlossAnnotationList *self = GLOSS_ANNOTATION_LIST (object);

  g_free (self->search_folded);
  g_free (self->filter_label);
  g_free (self->attribute_filter);
  g_free (self->filter_value);

  G_OBJECT_CLASS (gloss_annotation_list_parent_class)->finalize (object);
}

static void
gloss_annotation_list_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  GlossAnnotationList *self = GLOSS_ANNOTATION_LIST (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_SELECTED_ANNOTATION:
      g_value_set_object (value, self->selected);
      break;

    case PROP_N_VISIBLE:
      g_value_set_uint (value, self->n_visible);
      break;

    case PROP_ATTRIBUTE_FILTER:
      g_value_set_string (value, gloss_annotation_list_get_attribute_filter (self));
      break;

    case PROP_N_INCOMPLETE:
      g_value_set_uint (value, gloss_annotation_list_get_n_incomplete (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_annotation_list_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  GlossAnnotationList *self = GLOSS_ANNOTATION_LIST (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      gloss_annotation_list_set_session (self, g_value_get_object (value));
      break;

    case PROP_SELECTED_ANNOTATION:
      gloss_annotation_list_set_selected_annotation (self, g_value_get_object (value));
      break;

    case PROP_ATTRIBUTE_FILTER:
      gloss_annotation_list_set_attribute_filter (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_annotation_list_class_init (GlossAnnotationListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_annotation_list_dispose;
  object_class->finalize = gloss_annotation_list_finalize;
  object_class->get_property = gloss_annotation_list_get_property;
  object_class->set_property = gloss_annotation_list_set_property;

  widget_class->measure = gloss_annotation_list_measure;
  widget_class->size_allocate = gloss_annotation_list_size_allocate;
  widget_class->get_request_mode = gloss_annotation_list_get_request_mode;
  widget_class->compute_expand = gloss_annotation_list_compute_expand;
  widget_class->grab_focus = gloss_annotation_list_grab_focus;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         GLOSS_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SELECTED_ANNOTATION] =
    g_param_spec_object ("selected-annotation", NULL, NULL,
                         GLOSS_TYPE_ANNOTATION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_VISIBLE] =
    g_param_spec_uint ("n-visible", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ATTRIBUTE_FILTER] =
    g_param_spec_string ("attribute-filter", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_INCOMPLETE] =
    g_param_spec_uint ("n-incomplete", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GlossAnnotationList::annotation-activated:
   * @annotation: the annotation of the row
   *
   * Enter or a double click on a row (it is selected first).
   */
  signals[ANNOTATION_ACTIVATED] =
    g_signal_new ("annotation-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, GLOSS_TYPE_ANNOTATION);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/gloss-annotation-list.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossAnnotationList, box);
  gtk_widget_class_bind_template_child (widget_class, GlossAnnotationList, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GlossAnnotationList, label_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GlossAnnotationList, attribute_button);
  gtk_widget_class_bind_template_child (widget_class, GlossAnnotationList, attribute_button_label);
  gtk_widget_class_bind_template_child (widget_class, GlossAnnotationList, incomplete_button);
  gtk_widget_class_bind_template_child (widget_class, GlossAnnotationList, incomplete_label);
  gtk_widget_class_bind_template_child (widget_class, GlossAnnotationList, stack);
  gtk_widget_class_bind_template_child (widget_class, GlossAnnotationList, list_view);
  gtk_widget_class_bind_template_child (widget_class, GlossAnnotationList, placeholder_label);
  gtk_widget_class_bind_template_child (widget_class, GlossAnnotationList, orphans_box);
  gtk_widget_class_bind_template_child (widget_class, GlossAnnotationList, orphans_expander);
  gtk_widget_class_bind_template_child (widget_class, GlossAnnotationList, orphans_view);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_label_filter_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_orphans_activate);

  gtk_widget_class_install_action (widget_class, "annotation-list.leave-list", "b",
                                   gloss_annotation_list_leave_list_action);
  gtk_widget_class_install_action (widget_class, "annotation-list.context-menu", NULL,
                                   gloss_annotation_list_context_menu_action);
  gtk_widget_class_install_action (widget_class, "annotation-list.next-incomplete", "b",
                                   gloss_annotation_list_next_incomplete_action);
  gtk_widget_class_install_property_action (widget_class, "annotation-list.attribute-filter",
                                            "attribute-filter");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK,
                                       "annotation-list.context-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0,
                                       "annotation-list.context-menu", NULL);

  gtk_widget_class_set_css_name (widget_class, "annotationlist");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
gloss_annotation_list_init (GlossAnnotationList *self)
{
  self->dropdown_unknown_position = GTK_INVALID_LIST_POSITION;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = gtk_custom_filter_new (NULL, NULL, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, GTK_FILTER (g_object_ref (self->filter)));
  self->slot_model = gloss_annotation_slot_model_new (G_LIST_MODEL (self->filter_model));
  g_signal_connect_object (self->slot_model, "items-changing",
                           G_CALLBACK (on_slots_changing), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->slot_model, "emptied",
                           G_CALLBACK (on_slots_emptied), self,
                           G_CONNECT_SWAPPED);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->slot_model)));
  self->orphan_selection = gtk_single_selection_new (NULL);

  for (guint i = 0; i < 2; i++)
    {
      GtkSingleSelection *selection = i == 0 ? self->selection : self->orphan_selection;

      gtk_single_selection_set_autoselect (selection, FALSE);
      gtk_single_selection_set_can_unselect (selection, FALSE);
      g_signal_connect_object (selection, "notify::selected-item",
                               G_CALLBACK (on_selected_item_changed), self,
                               G_CONNECT_SWAPPED);
      /* After the list views have caught up, so that selecting a row
       * from the handler refers to rows they know. */
      g_signal_connect_object (selection, "items-changed",
                               G_CALLBACK (on_items_changed), self,
                               G_CONNECT_SWAPPED | G_CONNECT_AFTER);
    }

  set_up_list_view (self, self->list_view, self->selection);
  set_up_list_view (self, self->orphans_view, self->orphan_selection);

  self->context_menu = gtk_popover_menu_new_from_model (NULL);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
  gtk_widget_set_halign (self->context_menu, GTK_ALIGN_START);
  gtk_widget_set_parent (self->context_menu, GTK_WIDGET (self));

  self->attribute_filter = g_strdup ("");
  gloss_annotation_list_rebuild_dropdown (self);
  gloss_annotation_list_rebuild_attribute_menu (self);
  gloss_annotation_list_update_attribute_button (self);
  gloss_annotation_list_update_placeholder (self);
}
