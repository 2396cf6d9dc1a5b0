/* gloss-speaker-chooser.c — pick the entity who said a quote
 *
 * The widgets are in ui/gloss-speaker-chooser.ui; the candidates' filter,
 * whose rule is the model's, is the one piece made here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "gloss-annotation-row.h"
#include "gloss-speaker-chooser-private.h"

struct _GlossSpeakerChooser
{
  GtkPopover          parent_instance;

  GtkSearchEntry     *search_entry;
  GtkStack           *stack;
  GtkListView        *list_view;
  GtkLabel           *empty_label;

  GtkCustomFilter    *filter;
  GtkFilterListModel *filter_model;
  GtkSingleSelection *selection;

  GlossAnnotationSet *annotations;
  GlossLabelSet      *labels;
  GlossAnnotation    *quote;
  char               *search_folded;
};

G_DEFINE_FINAL_TYPE (GlossSpeakerChooser, gloss_speaker_chooser, GTK_TYPE_POPOVER)

enum {
  SPEAKER_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------ */
/* Candidates                                                           */
/* ------------------------------------------------------------------ */

/* Only what the model allows as this quote's speaker (a person or an
 * organization, or what the label set says): the rule is the model's. */
static gboolean
is_candidate (gpointer item,
              gpointer user_data)
{
  GlossSpeakerChooser *self = user_data;
  GlossAnnotation *annotation = item;
  g_autofree char *folded = NULL;

  if (self->annotations == NULL || self->quote == NULL)
    return FALSE;

  if (!gloss_annotation_set_check_relation (self->annotations, GLOSS_RELATION_SPEAKER,
                                            self->quote, annotation, NULL))
    return FALSE;

  if (self->search_folded == NULL)
    return TRUE;

  folded = g_utf8_casefold (gloss_annotation_get_exact (annotation) != NULL
                            ? gloss_annotation_get_exact (annotation) : "", -1);
  return strstr (folded, self->search_folded) != NULL;
}

/* The last candidate that starts before the quote, else the first one. */
static guint
gloss_speaker_chooser_find_preceding (GlossSpeakerChooser *self)
{
  GListModel *model = G_LIST_MODEL (self->filter_model);
  guint quote_start = gloss_annotation_get_start (self->quote);
  guint low = 0;
  guint high = g_list_model_get_n_items (model);

  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      g_autoptr(GlossAnnotation) item = g_list_model_get_item (model, middle);

      if (gloss_annotation_get_start (item) < quote_start)
        low = middle + 1;
      else
        high = middle;
    }

  return low > 0 ? low - 1 : 0;
}

static void
gloss_speaker_chooser_preselect (GlossSpeakerChooser *self)
{
  GListModel *model = G_LIST_MODEL (self->filter_model);
  GlossAnnotation *speaker = NULL;
  guint position = GTK_INVALID_LIST_POSITION;

  if (self->quote == NULL || g_list_model_get_n_items (model) == 0)
    {
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      return;
    }

  /* Once a name is typed, what Enter chooses is the first row the filter
   * shows, never one picked before the name was typed (the nearest
   * entity, which may be a place in another sentence). */
  if (self->search_folded != NULL)
    position = 0;
  else
    {
      if (self->annotations != NULL)
        speaker = gloss_annotation_set_get_speaker (self->annotations, self->quote);
      if (speaker != NULL)
        position = gloss_annotation_model_find (model, speaker, NULL);
      if (position == GTK_INVALID_LIST_POSITION)
        position = gloss_speaker_chooser_find_preceding (self);
    }

  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

static void
gloss_speaker_chooser_update_empty (GlossSpeakerChooser *self)
{
  g_autofree char *message = NULL;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) > 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "list");
      return;
    }

  if (self->search_folded != NULL)
    message = g_strdup_printf (_("No match for “%s”"),
                               gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  else
    {
      g_autofree char *allowed = NULL;

      if (self->annotations != NULL)
        allowed = gloss_label_set_describe_relation_end (gloss_annotation_set_get_labels (self->annotations),
                                                         GLOSS_RELATION_SPEAKER, GLOSS_RELATION_TO);
      if (allowed != NULL)
        /* Translators: %s is what a speaker may be, "Person or Organization" */
        message = g_strdup_printf (_("No possible speaker yet — mark who speaks first (%s)"), allowed);
      else
        message = g_strdup (_("No possible speaker yet — mark who speaks first"));
    }

  gtk_label_set_text (self->empty_label, message);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
gloss_speaker_chooser_refilter (GlossSpeakerChooser *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  gloss_speaker_chooser_preselect (self);
  gloss_speaker_chooser_update_empty (self);
}

/* ------------------------------------------------------------------ */
/* Choosing                                                             */
/* ------------------------------------------------------------------ */

static void
gloss_speaker_chooser_emit (GlossSpeakerChooser *self,
                            GlossAnnotation     *speaker)
{
  g_autoptr(GlossAnnotation) quote = NULL;

  if (self->quote == NULL)
    return;

  quote = g_object_ref (self->quote);
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[SPEAKER_CHOSEN], 0, quote, speaker);
}

/* Filters by @text; FALSE if that is the filter already. */
static gboolean
gloss_speaker_chooser_set_search (GlossSpeakerChooser *self,
                                  const char          *text)
{
  g_autofree char *folded = NULL;

  if (text != NULL && *text != '\0')
    folded = g_utf8_casefold (text, -1);

  if (g_strcmp0 (folded, self->search_folded) == 0)
    return FALSE;

  g_free (self->search_folded);
  self->search_folded = g_steal_pointer (&folded);
  gloss_speaker_chooser_refilter (self);
  return TRUE;
}

void
gloss_speaker_chooser_activate (GlossSpeakerChooser *self)
{
  g_autoptr(GlossAnnotation) speaker = NULL;
  GlossAnnotation *selected;

  g_return_if_fail (GLOSS_IS_SPEAKER_CHOOSER (self));

  /* GtkSearchEntry reports a change only after a pause in typing: a name
   * typed and Enter pressed at once would choose among the rows shown
   * before the name. Filter by what the entry holds now. */
  gloss_speaker_chooser_set_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));

  selected = gtk_single_selection_get_selected_item (self->selection);
  if (selected == NULL)
    {
      /* Nothing matches: nothing is chosen, and the list says so. */
      if (self->search_folded != NULL)
        {
          g_autofree char *message = g_strdup_printf (_("No match for “%s”: nobody was chosen"),
                                                      gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));

          gtk_label_set_text (self->empty_label, message);
        }
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  /* Held across the popdown, which lets go of the candidates. */
  speaker = g_object_ref (selected);
  gloss_speaker_chooser_emit (self, speaker);
}

static void
on_list_activate (GlossSpeakerChooser *self,
                  guint                position,
                  GtkListView         *list_view)
{
  g_autoptr(GlossAnnotation) speaker = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (speaker != NULL)
    gloss_speaker_chooser_emit (self, speaker);
}

static void
on_none_clicked (GlossSpeakerChooser *self,
                 GtkButton           *button)
{
  gloss_speaker_chooser_emit (self, NULL);
}

static void
on_search_changed (GlossSpeakerChooser *self,
                   GtkSearchEntry      *entry)
{
  gloss_speaker_chooser_set_search (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_search_activate (GlossSpeakerChooser *self,
                    GtkSearchEntry      *entry)
{
  gloss_speaker_chooser_activate (self);
}

static void
gloss_speaker_chooser_move (GlossSpeakerChooser *self,
                            int                  delta)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  guint position = gtk_single_selection_get_selected (self->selection);

  if (n_items == 0)
    return;

  if (position == GTK_INVALID_LIST_POSITION)
    position = 0;
  else if (delta < 0)
    position = position > 0 ? position - 1 : 0;
  else
    position = MIN (position + 1, n_items - 1);

  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

/* Up and Down in the search entry move through the candidates, so a
 * name can be typed, checked and chosen without leaving the entry. */
static gboolean
on_search_key_pressed (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       GlossSpeakerChooser   *self)
{
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK))
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      gloss_speaker_chooser_move (self, -1);
      return TRUE;

    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      gloss_speaker_chooser_move (self, 1);
      return TRUE;

    default:
      return FALSE;
    }
}

/* ------------------------------------------------------------------ */
/* Rows                                                                 */
/* ------------------------------------------------------------------ */

static void
on_factory_setup (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  GlossSpeakerChooser      *self)
{
  gtk_list_item_set_child (list_item, gloss_annotation_row_new ());
}

static void
on_factory_bind (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 GlossSpeakerChooser      *self)
{
  gloss_annotation_row_bind (GLOSS_ANNOTATION_ROW (gtk_list_item_get_child (list_item)),
                             gtk_list_item_get_item (list_item),
                             self->annotations,
                             self->labels);
}

static void
on_factory_unbind (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   GlossSpeakerChooser      *self)
{
  gloss_annotation_row_unbind (GLOSS_ANNOTATION_ROW (gtk_list_item_get_child (list_item)));
}

/* ------------------------------------------------------------------ */
/* API                                                                  */
/* ------------------------------------------------------------------ */

GtkWidget *
gloss_speaker_chooser_new (void)
{
  return g_object_new (GLOSS_TYPE_SPEAKER_CHOOSER, NULL);
}

void
gloss_speaker_chooser_choose (GlossSpeakerChooser *self,
                              GlossSession        *session,
                              GlossAnnotation     *quote)
{
  GlossAnnotationSet *annotations;

  g_return_if_fail (GLOSS_IS_SPEAKER_CHOOSER (self));
  g_return_if_fail (GLOSS_IS_SESSION (session));
  g_return_if_fail (GLOSS_IS_ANNOTATION (quote));

  annotations = gloss_session_get_annotations (session);

  g_set_object (&self->quote, quote);
  g_set_object (&self->labels, gloss_session_get_labels (session));
  g_clear_pointer (&self->search_folded, g_free);

  g_signal_handlers_block_by_func (self->search_entry, on_search_changed, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  g_signal_handlers_unblock_by_func (self->search_entry, on_search_changed, self);

  if (g_set_object (&self->annotations, annotations))
    gtk_filter_list_model_set_model (self->filter_model, G_LIST_MODEL (annotations));

  gloss_speaker_chooser_refilter (self);

  gtk_popover_popup (GTK_POPOVER (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

GListModel *
gloss_speaker_chooser_get_model (GlossSpeakerChooser *self)
{
  g_return_val_if_fail (GLOSS_IS_SPEAKER_CHOOSER (self), NULL);

  return G_LIST_MODEL (self->selection);
}

GlossAnnotation *
gloss_speaker_chooser_get_selected (GlossSpeakerChooser *self)
{
  g_return_val_if_fail (GLOSS_IS_SPEAKER_CHOOSER (self), NULL);

  return gtk_single_selection_get_selected_item (self->selection);
}

/* ------------------------------------------------------------------ */
/* GObject                                                              */
/* ------------------------------------------------------------------ */

static void
gloss_speaker_chooser_closed (GtkPopover *popover)
{
  GlossSpeakerChooser *self = GLOSS_SPEAKER_CHOOSER (popover);

  /* Do not keep the session's objects alive while hidden. */
  g_clear_object (&self->quote);
  gtk_filter_list_model_set_model (self->filter_model, NULL);
  g_clear_object (&self->annotations);
  g_clear_object (&self->labels);
}

static void
gloss_speaker_chooser_dispose (GObject *object)
{
  GlossSpeakerChooser *self = GLOSS_SPEAKER_CHOOSER (object);

  g_clear_object (&self->quote);
  g_clear_object (&self->selection);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->annotations);
  g_clear_object (&self->labels);
  g_clear_pointer (&self->search_folded, g_free);

  G_OBJECT_CLASS (gloss_speaker_chooser_parent_class)->dispose (object);
}

static void
gloss_speaker_chooser_class_init (GlossSpeakerChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkPopoverClass *popover_class = GTK_POPOVER_CLASS (klass);

  object_class->dispose = gloss_speaker_chooser_dispose;
  popover_class->closed = gloss_speaker_chooser_closed;

  /**
   * GlossSpeakerChooser::speaker-chosen:
   * @quote: the quote
   * @speaker: (nullable): the entity annotation chosen, or NULL for none
   */
  signals[SPEAKER_CHOSEN] =
    g_signal_new ("speaker-chosen",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 2, GLOSS_TYPE_ANNOTATION, GLOSS_TYPE_ANNOTATION);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/gloss-speaker-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossSpeakerChooser, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GlossSpeakerChooser, stack);
  gtk_widget_class_bind_template_child (widget_class, GlossSpeakerChooser, list_view);
  gtk_widget_class_bind_template_child (widget_class, GlossSpeakerChooser, empty_label);
  gtk_widget_class_bind_template_child (widget_class, GlossSpeakerChooser, selection);
  gtk_widget_class_bind_template_child (widget_class, GlossSpeakerChooser, filter_model);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_search_key_pressed);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_none_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_factory_setup);
  gtk_widget_class_bind_template_callback (widget_class, on_factory_bind);
  gtk_widget_class_bind_template_callback (widget_class, on_factory_unbind);
}

static void
gloss_speaker_chooser_init (GlossSpeakerChooser *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Held for the chooser's whole life, not only its list view's:
   * "closed" uses them whenever the popover is hidden. */
  g_object_ref (self->selection);
  g_object_ref (self->filter_model);

  self->filter = gtk_custom_filter_new (is_candidate, self, NULL);
  gtk_filter_list_model_set_filter (self->filter_model, GTK_FILTER (self->filter));
}
