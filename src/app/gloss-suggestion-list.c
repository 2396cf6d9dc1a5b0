/* gloss-suggestion-list.c — an article's suggestions in a list that can be
 * filtered by source, label, score and text
 *
 * A GtkListView over a GtkFilterListModel of the suggestions file's list:
 * rows are made around the visible part only (GTK 4.8 keeps ~200), so that
 * 10,000 suggestions cost no more than those; a row's new text is drawn,
 * not measured (GlossSuggestionRow). What a filter matches is the model's rule
 * (GlossSuggestionFilter); this widget only turns its controls into the
 * filter's properties and shows the result.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-annotation-row.h"
#include "gloss-suggestion-list.h"
#include "gloss-suggestion-row.h"

struct _GlossSuggestionList
{
  GtkWidget parent_instance;

  /* template */
  GtkWidget       *box;
  GtkSearchEntry  *search_entry;
  GtkDropDown     *source_dropdown;
  GtkDropDown     *label_dropdown;
  GtkSpinButton   *score_spin;
  GtkLabel        *count_label;
  GtkListView     *list_view;
  GtkWidget       *empty_label;

  GListModel            *suggestions;
  GlossLabelSet         *labels;
  GlossSuggestionFilter *filter;
  GtkCustomFilter       *custom_filter;
  GtkFilterListModel    *filtered;
  GtkSingleSelection    *selection;
  /* The label dropdown's label ids, after its first row ("Any label"). */
  GPtrArray             *label_ids;
  /* The row to scroll to once the article's frame is out (see
   * gloss_suggestion_list_select()). */
  guint                  scroll_id;
  guint                  scroll_position;
  char                  *error;
};

G_DEFINE_FINAL_TYPE (GlossSuggestionList, gloss_suggestion_list, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SUGGESTIONS,
  PROP_LABELS,
  PROP_N_SHOWN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SUGGESTION_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The source dropdown's rows after "Any source", and their ids. */
static const char * const source_ids[] = { "same-text", "quotes", "import" };


/* Rows
 * ------------------------------------------------------------------------ */

/* A long quote is shown by its start: the row is a pointer into the text. */
#define ROW_TEXT_CHARS 120

static char *
row_text (GlossSuggestion *suggestion)
{
  return gloss_format_excerpt (gloss_suggestion_get_exact (suggestion), ROW_TEXT_CHARS);
}

#define ROW_SUGGESTION_KEY "gloss-suggestion"

static void
on_factory_unbind (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  g_object_set_data (G_OBJECT (gtk_list_item_get_child (item)), ROW_SUGGESTION_KEY, NULL);
}

static void
on_factory_setup (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  /* Not two GtkLabels: GTK 4.8's list view keeps ~200 rows around its
   * anchor, and a scroll far away (F8 with 10,000 suggestions:
   * bench-window's next-suggestion) or a big change of the list rebinds
   * them all; a label's new text is measured again (two layouts shaped
   * per row, ~200 rows for the ~20 seen). A suggestion row's size comes
   * from its fonts, and only the rows drawn lay their text out. */
  gtk_list_item_set_child (item, gloss_suggestion_row_new ());
}

static void
on_factory_bind (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 GlossSuggestionList      *self)
{
  GlossSuggestion *suggestion = gtk_list_item_get_item (item);
  GtkWidget *row = gtk_list_item_get_child (item);
  g_autofree char *shown = row_text (suggestion);
  g_autofree char *described = gloss_describe_suggestion (suggestion, self->labels);

  /* Which row shows it, for gloss_suggestion_list_select() (not a
   * reference: unbind clears it). */
  g_object_set_data (G_OBJECT (row), ROW_SUGGESTION_KEY, suggestion);
  gloss_suggestion_row_set_strings (GLOSS_SUGGESTION_ROW (row), shown, described);
}

/* Filtering
 * ------------------------------------------------------------------------ */

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  GlossSuggestionList *self = GLOSS_SUGGESTION_LIST (user_data);

  return gloss_suggestion_filter_matches (self->filter, GLOSS_SUGGESTION (item));
}

/* No filter at all while ours lets everything through: a filter list
 * model then passes each change of the list on as it is, where with a
 * filter it looks at every item a change puts in (a merge puts in
 * thousands). */
static GtkFilter *
wanted_filter (GlossSuggestionList *self)
{
  return gloss_suggestion_filter_is_empty (self->filter) ? NULL : GTK_FILTER (self->custom_filter);
}

static void
on_filter_changed (GlossSuggestionList        *self,
                   GlossSuggestionFilterChange change)
{
  GtkFilterChange gtk_change = GTK_FILTER_CHANGE_DIFFERENT;
  GtkFilter *wanted = wanted_filter (self);

  if (gtk_filter_list_model_get_filter (self->filtered) != wanted)
    {
      gtk_filter_list_model_set_filter (self->filtered, wanted);
      return;
    }
  if (wanted == NULL)
    return;

  if (change == GLOSS_SUGGESTION_FILTER_LESS_STRICT)
    gtk_change = GTK_FILTER_CHANGE_LESS_STRICT;
  else if (change == GLOSS_SUGGESTION_FILTER_MORE_STRICT)
    gtk_change = GTK_FILTER_CHANGE_MORE_STRICT;

  gtk_filter_changed (GTK_FILTER (self->custom_filter), gtk_change);
}

static void
update_count (GlossSuggestionList *self)
{
  guint total = self->suggestions != NULL ? g_list_model_get_n_items (self->suggestions) : 0;
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  g_autofree char *text = NULL;

  if (shown == total)
    text = g_strdup_printf (ngettext ("%u suggestion", "%u suggestions", total), total);
  else
    /* Translators: "3 of 40 suggestions shown" (by the filter) */
    text = g_strdup_printf (ngettext ("%u of %u suggestion shown", "%u of %u suggestions shown", total),
                            shown, total);

  gtk_label_set_text (self->count_label, text);
  if (self->error != NULL)
    gtk_label_set_text (GTK_LABEL (self->empty_label), self->error);
  else
    gtk_label_set_text (GTK_LABEL (self->empty_label),
                        _("No suggestions for this article. Press Suggest for its quotes and the other "
                          "occurrences of what is marked, or import a model’s predictions as suggestions "
                          "(Import…)."));
  gtk_widget_set_visible (self->empty_label, total == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), total > 0);
}

static void
on_filtered_items_changed (GlossSuggestionList *self)
{
  update_count (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SHOWN]);
}

static void
on_search_changed (GlossSuggestionList *self)
{
  g_object_set (self->filter, "text", gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), NULL);
}

static void
on_stop_search (GlossSuggestionList *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
on_source_selected (GlossSuggestionList *self)
{
  guint selected = gtk_drop_down_get_selected (self->source_dropdown);
  const char *source = selected >= 1 && selected <= G_N_ELEMENTS (source_ids) ? source_ids[selected - 1] : NULL;

  g_object_set (self->filter, "source", source, NULL);
}

static void
on_label_selected (GlossSuggestionList *self)
{
  guint selected = gtk_drop_down_get_selected (self->label_dropdown);
  const char *label = NULL;

  if (self->label_ids != NULL && selected >= 1 && selected <= self->label_ids->len)
    label = g_ptr_array_index (self->label_ids, selected - 1);

  g_object_set (self->filter, "label", label, NULL);
}

static void
on_score_changed (GlossSuggestionList *self)
{
  g_object_set (self->filter, "min-score", gtk_spin_button_get_value (self->score_spin), NULL);
}

static void
on_activate (GlossSuggestionList *self,
             guint                position)
{
  g_autoptr(GlossSuggestion) suggestion = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);

  if (suggestion != NULL)
    g_signal_emit (self, signals[SUGGESTION_ACTIVATED], 0, suggestion);
}

static void
rebuild_label_dropdown (GlossSuggestionList *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  const char *filtered = NULL;
  guint selected = 0;
  guint n = self->labels != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->labels)) : 0;

  g_object_get (self->filter, "label", &filtered, NULL);
  g_clear_pointer (&self->label_ids, g_ptr_array_unref);
  self->label_ids = g_ptr_array_new_with_free_func (g_free);

  gtk_string_list_append (names, _("Any label"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossLabel) label = g_list_model_get_item (G_LIST_MODEL (self->labels), i);

      gtk_string_list_append (names, gloss_label_get_name (label));
      g_ptr_array_add (self->label_ids, g_strdup (gloss_label_get_id (label)));
      if (g_strcmp0 (filtered, gloss_label_get_id (label)) == 0)
        selected = i + 1;
    }
  g_free ((char *) filtered);

  g_signal_handlers_block_by_func (self->label_dropdown, on_label_selected, self);
  gtk_drop_down_set_model (self->label_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->label_dropdown, selected);
  g_signal_handlers_unblock_by_func (self->label_dropdown, on_label_selected, self);
  /* A label the new set does not have filters nothing any more. */
  on_label_selected (self);
}

/* Public API
 * ------------------------------------------------------------------------ */

GtkWidget *
gloss_suggestion_list_new (void)
{
  return g_object_new (GLOSS_TYPE_SUGGESTION_LIST, NULL);
}

void
gloss_suggestion_list_set_suggestions (GlossSuggestionList *self,
                                       GListModel          *suggestions)
{
  g_return_if_fail (GLOSS_IS_SUGGESTION_LIST (self));
  g_return_if_fail (suggestions == NULL || G_IS_LIST_MODEL (suggestions));

  if (!g_set_object (&self->suggestions, suggestions))
    return;

  gtk_filter_list_model_set_model (self->filtered, suggestions);
  update_count (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUGGESTIONS]);
}

void
gloss_suggestion_list_set_labels (GlossSuggestionList *self,
                                  GlossLabelSet       *labels)
{
  g_return_if_fail (GLOSS_IS_SUGGESTION_LIST (self));

  if (!g_set_object (&self->labels, labels))
    return;

  rebuild_label_dropdown (self);
  /* The rows name the labels: made again with the new names. */
  if (self->suggestions != NULL && g_list_model_get_n_items (self->suggestions) > 0)
    {
      gtk_list_view_set_model (self->list_view, NULL);
      gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABELS]);
}

GlossSuggestionFilter *
gloss_suggestion_list_get_filter (GlossSuggestionList *self)
{
  g_return_val_if_fail (GLOSS_IS_SUGGESTION_LIST (self), NULL);

  return self->filter;
}

guint
gloss_suggestion_list_get_n_shown (GlossSuggestionList *self)
{
  g_return_val_if_fail (GLOSS_IS_SUGGESTION_LIST (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
}

GPtrArray *
gloss_suggestion_list_dup_shown (GlossSuggestionList *self)
{
  guint n;
  GPtrArray *shown;

  g_return_val_if_fail (GLOSS_IS_SUGGESTION_LIST (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  shown = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (shown, g_list_model_get_item (G_LIST_MODEL (self->filtered), i));

  return shown;
}

gboolean
gloss_suggestion_list_shows (GlossSuggestionList *self,
                             GlossSuggestion     *suggestion)
{
  g_return_val_if_fail (GLOSS_IS_SUGGESTION_LIST (self), FALSE);

  return suggestion != NULL && gloss_suggestion_filter_matches (self->filter, suggestion);
}

/* The position of @suggestion among those shown (in document order, as
 * the file keeps them), or GTK_INVALID_LIST_POSITION. */
static guint
shown_position (GlossSuggestionList *self,
                GlossSuggestion     *suggestion)
{
  GListModel *model = G_LIST_MODEL (self->filtered);
  guint low = 0, high = g_list_model_get_n_items (model);

  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      g_autoptr(GlossSuggestion) item = g_list_model_get_item (model, middle);

      if (gloss_suggestion_compare (item, suggestion) < 0)
        low = middle + 1;
      else
        high = middle;
    }

  /* Suggestions that compare equal (another speaker) follow each other. */
  for (guint i = low; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GlossSuggestion) item = g_list_model_get_item (model, i);

      if (item == suggestion)
        return i;
      if (gloss_suggestion_compare (item, suggestion) != 0)
        break;
    }

  return GTK_INVALID_LIST_POSITION;
}

/* Whether @suggestion's row is wholly in the list's view: the rows are
 * the list view's children (those made, a few screens' worth). */
static gboolean
row_in_view (GlossSuggestionList *self,
             GlossSuggestion     *suggestion)
{
  GtkWidget *viewport = gtk_widget_get_parent (GTK_WIDGET (self->list_view));
  int height = gtk_widget_get_height (viewport);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *shown = gtk_widget_get_first_child (row);
      graphene_rect_t bounds;

      if (shown == NULL || g_object_get_data (G_OBJECT (shown), ROW_SUGGESTION_KEY) != suggestion)
        continue;
      return gtk_widget_compute_bounds (row, viewport, &bounds)
             && bounds.origin.y >= 0 && bounds.origin.y + bounds.size.height <= height;
    }

  return FALSE;
}

static gboolean
scroll_to_selected (gpointer user_data)
{
  GlossSuggestionList *self = user_data;

  self->scroll_id = 0;
  if (self->scroll_position < g_list_model_get_n_items (G_LIST_MODEL (self->filtered)))
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", self->scroll_position);
  return G_SOURCE_REMOVE;
}

void
gloss_suggestion_list_select (GlossSuggestionList *self,
                              GlossSuggestion     *suggestion)
{
  guint position;

  g_return_if_fail (GLOSS_IS_SUGGESTION_LIST (self));

  position = suggestion != NULL ? shown_position (self, suggestion) : GTK_INVALID_LIST_POSITION;
  gtk_single_selection_set_selected (self->selection, position);

  g_clear_handle_id (&self->scroll_id, g_source_remove);
  if (position != GTK_INVALID_LIST_POSITION && gtk_widget_get_mapped (GTK_WIDGET (self->list_view))
      && !row_in_view (self, suggestion))
    {
      /* Only when the row is out of view, and after the frame that shows
       * the step in the article: scrolling the list far rebinds the rows
       * GTK keeps around its anchor, which the key should not wait for;
       * steps in a row scroll once. */
      self->scroll_position = position;
      self->scroll_id = g_idle_add_full (GDK_PRIORITY_REDRAW + 1, scroll_to_selected, self, NULL);
    }
}

void
gloss_suggestion_list_set_error (GlossSuggestionList *self,
                                 const char          *message)
{
  g_return_if_fail (GLOSS_IS_SUGGESTION_LIST (self));

  if (g_strcmp0 (self->error, message) == 0)
    return;

  g_free (self->error);
  self->error = g_strdup (message);
  if (message != NULL)
    gtk_widget_add_css_class (self->empty_label, "error");
  else
    gtk_widget_remove_css_class (self->empty_label, "error");
  update_count (self);
}

void
gloss_suggestion_list_focus_filter (GlossSuggestionList *self)
{
  g_return_if_fail (GLOSS_IS_SUGGESTION_LIST (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* GObject
 * ------------------------------------------------------------------------ */

static void
gloss_suggestion_list_dispose (GObject *object)
{
  GlossSuggestionList *self = GLOSS_SUGGESTION_LIST (object);

  g_clear_handle_id (&self->scroll_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_SUGGESTION_LIST);
  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_data (self->filter, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->custom_filter);
  g_clear_object (&self->filter);
  g_clear_object (&self->suggestions);
  g_clear_object (&self->labels);
  g_clear_pointer (&self->label_ids, g_ptr_array_unref);
  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (gloss_suggestion_list_parent_class)->dispose (object);
}

static void
gloss_suggestion_list_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  GlossSuggestionList *self = GLOSS_SUGGESTION_LIST (object);

  switch (prop_id)
    {
    case PROP_SUGGESTIONS:
      g_value_set_object (value, self->suggestions);
      break;
    case PROP_LABELS:
      g_value_set_object (value, self->labels);
      break;
    case PROP_N_SHOWN:
      g_value_set_uint (value, gloss_suggestion_list_get_n_shown (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_suggestion_list_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  GlossSuggestionList *self = GLOSS_SUGGESTION_LIST (object);

  switch (prop_id)
    {
    case PROP_SUGGESTIONS:
      gloss_suggestion_list_set_suggestions (self, g_value_get_object (value));
      break;
    case PROP_LABELS:
      gloss_suggestion_list_set_labels (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_suggestion_list_class_init (GlossSuggestionListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_suggestion_list_dispose;
  object_class->get_property = gloss_suggestion_list_get_property;
  object_class->set_property = gloss_suggestion_list_set_property;

  properties[PROP_SUGGESTIONS] =
    g_param_spec_object ("suggestions", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABELS] =
    g_param_spec_object ("labels", NULL, NULL, GLOSS_TYPE_LABEL_SET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_SHOWN] =
    g_param_spec_uint ("n-shown", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SUGGESTION_ACTIVATED] =
    g_signal_new ("suggestion-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, GLOSS_TYPE_SUGGESTION);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/gloss-suggestion-list.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossSuggestionList, box);
  gtk_widget_class_bind_template_child (widget_class, GlossSuggestionList, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GlossSuggestionList, source_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GlossSuggestionList, label_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GlossSuggestionList, score_spin);
  gtk_widget_class_bind_template_child (widget_class, GlossSuggestionList, count_label);
  gtk_widget_class_bind_template_child (widget_class, GlossSuggestionList, list_view);
  gtk_widget_class_bind_template_child (widget_class, GlossSuggestionList, empty_label);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_source_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_label_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_score_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_activate);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "suggestionlist");
}

static void
gloss_suggestion_list_init (GlossSuggestionList *self)
{
  g_autoptr(GtkStringList) sources = NULL;
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = gloss_suggestion_filter_new ();
  g_signal_connect_swapped (self->filter, "changed", G_CALLBACK (on_filter_changed), self);
  self->custom_filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, NULL);
  g_signal_connect_swapped (self->filtered, "items-changed", G_CALLBACK (on_filtered_items_changed), self);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect (factory, "setup", G_CALLBACK (on_factory_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_factory_bind), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_factory_unbind), NULL);
  gtk_list_view_set_factory (self->list_view, factory);

  sources = gtk_string_list_new (NULL);
  gtk_string_list_append (sources, _("Any source"));
  for (guint i = 0; i < G_N_ELEMENTS (source_ids); i++)
    gtk_string_list_append (sources, gloss_suggestion_source_name (source_ids[i]));
  gtk_drop_down_set_model (self->source_dropdown, G_LIST_MODEL (sources));

  rebuild_label_dropdown (self);
  update_count (self);
}
