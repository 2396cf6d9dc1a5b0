/* gloss-article-view-relations.c — drawing relations of any type in the article
 *
 * Three ways, one rule (the label set's, through the annotation set):
 *
 * - Keyboard: gloss_article_view_begin_relation() makes the selected span
 *   the source and shows a banner above the text (the view's top gutter:
 *   a plain widget, so that it can go at any moment, which a toast of
 *   libadwaita 1.2 cannot). The person goes to the target as usual (Tab,
 *   a click, the arrows) and presses a relation type's key: while the
 *   banner stands, printable keys mean relation types, not labels (a key
 *   controller in the capture phase, ahead of the label keys). Enter
 *   offers the types that fit; Escape leaves.
 * - Mouse: a drag that starts on the selected span (the text selection,
 *   where GtkTextView would begin a drag and drop of the text, of no use
 *   in a read-only view) and ends on another span. Drags that start
 *   anywhere else select text as before, so that a name inside a selected
 *   quote is still selected by dragging once the quote is not selected.
 *   The sequence is taken from the text view at the press (in the capture
 *   phase): a press and release without motion is a click as before.
 * - One type fits: made at once; several: a GlossRelationChooser; none:
 *   a message saying why (the model's reason for the first type).
 *
 * Shown: arcs from the selected span (or the keyboard's source) to the
 * other ends of its relations that are on screen, each with its type;
 * gloss_article_view_show_relations() lists them all in a popover where
 * each can be deleted. Every edit is one undo step of the set.
 *
 * What the person is told goes out through the view's "relation-message"
 * signal (the window shows it in a toast, with Undo after an edit).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "gloss-article-view-private.h"
#include "gloss-excerpt.h"

#define EXCERPT_CHARS 40
#define ARC_LIFT      22.0
#define ARROW_SIZE    6.0

struct _GlossArticleViewRelations
{
  gboolean              enabled;

  /* Keyboard: the source, while the banner stands. */
  GlossAnnotation      *source;
  GtkWidget            *banner;
  GtkLabel             *banner_label;
  GtkLabel             *banner_how;
  GtkLabel             *banner_keys;
  GtkLabel             *banner_problem;
  gboolean              banner_shown;  /* the view's top gutter */

  /* Mouse: a press on the selected span, and whether it became a drag. */
  GlossAnnotation      *drag_source;
  double                drag_x0, drag_y0;  /* widget coordinates */
  double                drag_x, drag_y;
  gboolean              dragging;

  /* The two ends while the chooser is open. */
  GlossAnnotation      *pending_from;
  GlossAnnotation      *pending_to;
  GlossRelationChooser *chooser;
  GlossRelationList    *list;

  char                 *last_message;
  guint                 check_id;
};

/* ------------------------------------------------------------------ */
/* Helpers                                                              */
/* ------------------------------------------------------------------ */

static GlossArticleViewRelations *
state (GlossArticleView *self)
{
  return gloss_article_view_get_relations (self);
}

static GlossLabelSet *
labels (GlossArticleView *self)
{
  GlossAnnotationSet *set = gloss_article_view_get_annotation_set (self);

  return set != NULL ? gloss_annotation_set_get_labels (set) : NULL;
}

static char *
excerpt_of (GlossAnnotation *annotation)
{
  return gloss_format_quoted_excerpt (gloss_annotation_get_exact (annotation), EXCERPT_CHARS);
}

static gboolean
is_placed (GlossArticleView *self,
           GlossAnnotation  *annotation)
{
  GlossAnnotationSet *set = gloss_article_view_get_annotation_set (self);

  return set != NULL && annotation != NULL
         && !gloss_annotation_is_orphaned (annotation)
         && gloss_annotation_set_index_of (set, annotation) != G_MAXUINT;
}

static void
say (GlossArticleView *self,
     const char       *message,
     gboolean          undoable)
{
  GlossArticleViewRelations *r = state (self);

  g_free (r->last_message);
  r->last_message = g_strdup (message);
  gloss_article_view_emit_relation_message (self, message, undoable);
}

/* The types whose rule lets a relation go from @from to @to, in the label
 * set's order; with none, the reason the first type gives in @error. */
static GStrv
fitting_types (GlossArticleView  *self,
               GlossAnnotation   *from,
               GlossAnnotation   *to,
               GError           **error)
{
  GlossAnnotationSet *set = gloss_article_view_get_annotation_set (self);
  GlossLabelSet *label_set = labels (self);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GError) first_error = NULL;
  const char * const *types;
  guint n = 0;

  types = label_set != NULL ? gloss_label_set_get_relation_types (label_set) : NULL;
  for (guint i = 0; types != NULL && types[i] != NULL; i++)
    {
      g_autoptr(GError) local_error = NULL;

      if (gloss_annotation_set_check_relation (set, types[i], from, to, &local_error))
        {
          g_strv_builder_add (builder, types[i]);
          n++;
        }
      else if (first_error == NULL)
        first_error = g_steal_pointer (&local_error);
    }

  if (n == 0)
    {
      g_autofree char *from_text = excerpt_of (from);
      g_autofree char *to_text = to != NULL ? excerpt_of (to) : NULL;

      if (to != NULL)
        /* Translators: the spans are quoted already; the last %s is why
         * (the first relation type's rule, e.g. "“Port Ellery” is
         * labelled Location: a “speaker” relation goes to Person or
         * Organization") */
        g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                     _("No relation type goes from %s to %s: %s"),
                     from_text, to_text, first_error != NULL ? first_error->message : "");
      else
        /* Translators: the span is quoted already; %s is why */
        g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                     _("No relation type starts at %s: %s"),
                     from_text, first_error != NULL ? first_error->message : "");
    }

  return g_strv_builder_end (builder);
}

/* ------------------------------------------------------------------ */
/* The banner                                                           */
/* ------------------------------------------------------------------ */

/* "s speaker, c contradicts": the keys there are. */
static char *
describe_keys (GlossArticleView *self)
{
  GlossLabelSet *label_set = labels (self);
  const char * const *types = label_set != NULL ? gloss_label_set_get_relation_types (label_set) : NULL;
  g_autoptr(GString) keys = g_string_new (NULL);

  for (guint i = 0; types != NULL && types[i] != NULL; i++)
    {
      gunichar key = gloss_label_set_get_relation_key (label_set, types[i]);
      char utf8[8] = { 0 };

      if (key == 0)
        continue;
      g_unichar_to_utf8 (g_unichar_tolower (key), utf8);
      if (keys->len > 0)
        g_string_append (keys, ", ");
      /* Translators: one relation key in the banner: the key, then the
       * type it draws, "s speaker" */
      g_string_append_printf (keys, _("%s %s"), utf8, types[i]);
    }

  return g_string_free (g_steal_pointer (&keys), FALSE);
}

/* One line of the banner. Not wrapped: GtkTextView gives its top gutter
 * the height of the child's single-line natural size, and a wrapped label
 * was cut off; ellipsized, so that it never widens the view, with the
 * whole text as its tooltip. */
static GtkLabel *
banner_line (GtkWidget  *box,
             gboolean    bold,
             const char *css_class)
{
  GtkLabel *label = GTK_LABEL (gtk_label_new (NULL));
  PangoAttrList *attributes = pango_attr_list_new ();
  g_autofree char *font_name = NULL;

  /* The interface's font, not the article's (the gutter inherits the
   * view's, set by its "font" property). */
  g_object_get (gtk_widget_get_settings (box), "gtk-font-name", &font_name, NULL);
  if (font_name != NULL)
    {
      PangoFontDescription *font = pango_font_description_from_string (font_name);

      pango_attr_list_insert (attributes, pango_attr_font_desc_new (font));
      pango_font_description_free (font);
    }
  if (bold)
    pango_attr_list_insert (attributes, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  gtk_label_set_attributes (label, attributes);
  pango_attr_list_unref (attributes);

  gtk_label_set_xalign (label, 0.0f);
  gtk_label_set_ellipsize (label, PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (label, TRUE);
  gtk_widget_set_margin_start (GTK_WIDGET (label), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (label), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (label), bold ? 6 : 0);
  gtk_widget_set_margin_bottom (GTK_WIDGET (label), 4);
  if (css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (label), css_class);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (label));
  return label;
}

static void
set_banner_line (GtkLabel   *label,
                 const char *text)
{
  gtk_label_set_text (label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), text);
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

static void
show_banner (GlossArticleView *self)
{
  GlossArticleViewRelations *r = state (self);
  g_autofree char *source = excerpt_of (r->source);
  g_autofree char *keys = describe_keys (self);
  g_autofree char *title = NULL;
  g_autofree char *how = NULL;
  g_autofree char *description = NULL;

  if (r->banner == NULL)
    {
      GtkWidget *frame = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

      r->banner_label = banner_line (card, TRUE, NULL);
      r->banner_how = banner_line (card, FALSE, NULL);
      r->banner_keys = banner_line (card, FALSE, NULL);
      r->banner_problem = banner_line (card, FALSE, "error");
      gtk_widget_add_css_class (card, "card");
      gtk_box_append (GTK_BOX (frame), card);
      gtk_widget_set_margin_start (frame, 12);
      gtk_widget_set_margin_end (frame, 12);
      gtk_widget_set_margin_top (frame, 6);
      gtk_widget_set_margin_bottom (frame, 6);
      gtk_widget_add_css_class (frame, "relation-banner");
      r->banner = g_object_ref_sink (frame);
    }

  /* Translators: the banner while a relation is drawn by keyboard; %s is
   * the source span, quoted already */
  title = g_strdup_printf (_("Drawing a relation from %s"), source);
  if (*keys != '\0')
    /* Translators: the banner's second line; %s is the keys,
     * "s speaker, x contradicts" */
    how = g_strdup_printf (_("Go to the target (Tab, a click or the arrows), then press a relation key: %s"),
                           keys);
  else
    how = g_strdup (_("Go to the target (Tab, a click or the arrows)"));

  set_banner_line (r->banner_label, title);
  set_banner_line (r->banner_how, how);
  set_banner_line (r->banner_keys, _("Enter chooses the type from a list; Escape cancels."));
  set_banner_line (r->banner_problem, NULL);
  if (!r->banner_shown)
    gtk_text_view_set_gutter (GTK_TEXT_VIEW (self), GTK_TEXT_WINDOW_TOP, r->banner);
  r->banner_shown = TRUE;

  /* What a screen reader says of the view meanwhile. */
  description = g_strdup_printf ("%s. %s. %s", title, how, gtk_label_get_text (r->banner_keys));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

/* A refusal while the banner stands: said there too, under the prompt. */
static void
say_in_banner (GlossArticleView *self,
               const char       *problem)
{
  GlossArticleViewRelations *r = state (self);

  if (r->source == NULL || r->banner_problem == NULL)
    return;

  set_banner_line (r->banner_problem, problem);
}

static void
end_mode (GlossArticleView *self)
{
  GlossArticleViewRelations *r = state (self);

  if (r->source == NULL)
    return;

  g_clear_object (&r->source);
  if (r->banner_shown)
    gtk_text_view_set_gutter (GTK_TEXT_VIEW (self), GTK_TEXT_WINDOW_TOP, NULL);
  r->banner_shown = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify (G_OBJECT (self), "relation-source");
}

/* ------------------------------------------------------------------ */
/* Making and removing                                                  */
/* ------------------------------------------------------------------ */

static gboolean
make_relation (GlossArticleView *self,
               const char       *type,
               GlossAnnotation  *from,
               GlossAnnotation  *to)
{
  GlossAnnotationSet *set = gloss_article_view_get_annotation_set (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *message = NULL;

  if (set == NULL || !is_placed (self, from) || !is_placed (self, to))
    return FALSE;

  if (gloss_annotation_set_add_relation (set, type,
                                         gloss_annotation_get_id (from),
                                         gloss_annotation_get_id (to), &error) == NULL)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      say_in_banner (self, error->message);
      say (self, error->message, FALSE);
      return FALSE;
    }

  from_text = excerpt_of (from);
  to_text = excerpt_of (to);
  /* Translators: after a relation was drawn; the type, then the two
   * spans, quoted already: "Relation speaker: “…” → “Mayor Ruiz”" */
  message = g_strdup_printf (_("Relation %s: %s → %s"), type, from_text, to_text);
  end_mode (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  say (self, message, TRUE);
  return TRUE;
}

static void
on_type_chosen (GlossArticleView     *self,
                const char           *type,
                GlossRelationChooser *chooser)
{
  GlossArticleViewRelations *r = state (self);
  g_autoptr(GlossAnnotation) from = g_steal_pointer (&r->pending_from);
  g_autoptr(GlossAnnotation) to = g_steal_pointer (&r->pending_to);

  if (from != NULL && to != NULL)
    make_relation (self, type, from, to);
}

static void
on_chooser_closed (GlossArticleView     *self,
                   GlossRelationChooser *chooser)
{
  /* Chosen or not, the keyboard goes back to the article (and, while
   * drawing by keyboard, to the banner's keys). The ends are kept until
   * the next relation replaces them: type-chosen comes after the popdown. */
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
on_remove_relation (GlossArticleView  *self,
                    GlossRelation     *relation,
                    GlossRelationList *list)
{
  GlossAnnotationSet *set = gloss_article_view_get_annotation_set (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  GlossAnnotation *from, *to;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;

  if (set == NULL)
    return;

  from = gloss_annotation_set_lookup (set, gloss_relation_get_from (relation));
  to = gloss_annotation_set_lookup (set, gloss_relation_get_to (relation));
  from_text = from != NULL ? excerpt_of (from) : g_strdup (gloss_relation_get_from (relation));
  to_text = to != NULL ? excerpt_of (to) : g_strdup (gloss_relation_get_to (relation));

  if (!gloss_annotation_set_remove_relation (set, relation, &error))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      say (self, error->message, FALSE);
      return;
    }

  /* Translators: after a relation was deleted; the type, then the two
   * spans, quoted already */
  message = g_strdup_printf (_("Deleted the relation %s: %s → %s"),
                             gloss_relation_get_rel_type (relation), from_text, to_text);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  say (self, message, TRUE);
}

/* Where a popover about @annotation points: its first character, in the
 * view's coordinates. */
static void
annotation_rect (GlossArticleView *self,
                 GlossAnnotation  *annotation,
                 GdkRectangle     *rect)
{
  GtkTextIter start_iter, end_iter;
  int x, y;

  gloss_article_view_get_span_iters (self, gloss_annotation_get_start (annotation),
                                     gloss_annotation_get_end (annotation), &start_iter, &end_iter);
  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (self), &start_iter, rect);
  gtk_text_view_buffer_to_window_coords (GTK_TEXT_VIEW (self), GTK_TEXT_WINDOW_WIDGET,
                                         rect->x, rect->y, &x, &y);
  rect->x = x;
  rect->y = y;
}

static GlossRelationChooser *
ensure_chooser (GlossArticleView *self)
{
  GlossArticleViewRelations *r = state (self);

  if (r->chooser == NULL)
    {
      r->chooser = GLOSS_RELATION_CHOOSER (gloss_relation_chooser_new ());
      gtk_widget_set_parent (GTK_WIDGET (r->chooser), GTK_WIDGET (self));
      g_signal_connect_object (r->chooser, "type-chosen", G_CALLBACK (on_type_chosen),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (r->chooser, "closed", G_CALLBACK (on_chooser_closed),
                               self, G_CONNECT_SWAPPED);
    }
  return r->chooser;
}

/* Makes the one type that fits, offers the several, or says why none. */
static void
relate (GlossArticleView   *self,
        GlossAnnotation    *from,
        GlossAnnotation    *to,
        const GdkRectangle *where)
{
  GlossArticleViewRelations *r = state (self);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) types = fitting_types (self, from, to, &error);
  guint n = g_strv_length (types);

  if (n == 0)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      say_in_banner (self, error->message);
      say (self, error->message, FALSE);
      return;
    }

  if (n == 1)
    {
      make_relation (self, types[0], from, to);
      return;
    }

  g_set_object (&r->pending_from, from);
  g_set_object (&r->pending_to, to);
  ensure_chooser (self);
  gtk_popover_set_pointing_to (GTK_POPOVER (r->chooser), where);
  gloss_relation_chooser_choose (r->chooser, labels (self), (const char * const *) types);
}

/* ------------------------------------------------------------------ */
/* Keyboard                                                             */
/* ------------------------------------------------------------------ */

/* The target: the selected annotation once the person has gone to
 * another; else the innermost one under the caret that is not the source. */
static GlossAnnotation *
keyboard_target (GlossArticleView *self)
{
  GlossArticleViewRelations *r = state (self);
  GlossAnnotation *selected = gloss_article_view_get_selected_annotation (self);
  g_autoptr(GPtrArray) found = NULL;

  if (selected != NULL && selected != r->source && is_placed (self, selected))
    return selected;

  found = gloss_article_view_dup_annotations_at (self, gloss_article_view_get_caret_offset (self));
  for (guint i = found->len; i > 0; i--)
    {
      GlossAnnotation *annotation = g_ptr_array_index (found, i - 1);

      if (annotation != r->source)
        return annotation;
    }

  return NULL;
}

gboolean
gloss_article_view_relation_key (GlossArticleView *self,
                                 guint             keyval,
                                 GdkModifierType   modifiers)
{
  GlossArticleViewRelations *r = state (self);
  GlossAnnotation *target;
  const char *type;
  gunichar key;

  g_return_val_if_fail (GLOSS_IS_ARTICLE_VIEW (self), FALSE);

  if (r->source == NULL)
    return FALSE;

  if (keyval == GDK_KEY_Escape)
    {
      end_mode (self);
      return TRUE;
    }

  /* Ctrl+Z, Ctrl+S and the like keep their meaning. */
  if ((modifiers & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0)
    return FALSE;

  if (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter)
    type = NULL;
  else
    {
      key = gdk_keyval_to_unicode (keyval);
      /* Tab, the arrows and Space still move. */
      if (key == 0 || !g_unichar_isgraph (key))
        return FALSE;

      type = gloss_label_set_lookup_relation_key (labels (self), key);
      if (type == NULL)
        {
          char utf8[8] = { 0 };
          g_autofree char *message = NULL;

          g_unichar_to_utf8 (key, utf8);
          /* Translators: a key pressed while drawing a relation */
          message = g_strdup_printf (_("No relation type has the key “%s”"), utf8);
          gtk_widget_error_bell (GTK_WIDGET (self));
          say_in_banner (self, message);
          say (self, message, FALSE);
          return TRUE;
        }
    }

  target = keyboard_target (self);
  if (target == NULL)
    {
      const char *message = _("Go to the target first: Tab, a click or the arrows");

      gtk_widget_error_bell (GTK_WIDGET (self));
      say_in_banner (self, message);
      say (self, message, FALSE);
      return TRUE;
    }

  if (type != NULL)
    {
      g_autoptr(GlossAnnotation) source = g_object_ref (r->source);

      make_relation (self, type, source, target);
    }
  else
    {
      g_autoptr(GlossAnnotation) source = g_object_ref (r->source);
      GdkRectangle rect;

      annotation_rect (self, target, &rect);
      relate (self, source, target, &rect);
    }

  return TRUE;
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        modifiers,
                GlossArticleView      *self)
{
  return gloss_article_view_relation_key (self, keyval, modifiers);
}

/* ------------------------------------------------------------------ */
/* Mouse                                                                */
/* ------------------------------------------------------------------ */

static void
end_drag (GlossArticleView *self)
{
  GlossArticleViewRelations *r = state (self);

  g_clear_object (&r->drag_source);
  if (r->dragging)
    {
      r->dragging = FALSE;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static gboolean
on_selected_span (GlossArticleView *self,
                  double            x,
                  double            y)
{
  GlossAnnotation *selected = gloss_article_view_get_selected_annotation (self);
  guint offset;

  return selected != NULL
         && is_placed (self, selected)
         && gloss_article_view_offset_at_point (self, x, y, &offset)
         && offset >= gloss_annotation_get_start (selected)
         && offset < gloss_annotation_get_end (selected);
}

static void
drop (GlossArticleView *self,
      double            x,
      double            y)
{
  GlossArticleViewRelations *r = state (self);
  g_autoptr(GlossAnnotation) source = g_steal_pointer (&r->drag_source);
  g_autoptr(GPtrArray) found = NULL;
  GlossAnnotation *target = NULL;
  GdkRectangle rect = { (int) x, (int) y, 1, 1 };
  guint offset;

  if (gloss_article_view_offset_at_point (self, x, y, &offset))
    {
      found = gloss_article_view_dup_annotations_at (self, offset);
      for (guint i = found->len; i > 0 && target == NULL; i--)
        if (g_ptr_array_index (found, i - 1) != source)
          target = g_ptr_array_index (found, i - 1);
    }

  if (target == NULL)
    {
      say (self, _("No relation drawn: drop onto another highlighted span"), FALSE);
      return;
    }

  relate (self, source, target, &rect);
}

gboolean
gloss_article_view_relations_event (GlossArticleView *self,
                                    GdkEvent         *event,
                                    double            x,
                                    double            y)
{
  GlossArticleViewRelations *r = state (self);
  GdkEventType type = gdk_event_get_event_type (event);

  if (!r->enabled)
    return FALSE;

  switch ((int) type)
    {
    case GDK_BUTTON_PRESS:
      if (gdk_button_event_get_button (event) != GDK_BUTTON_PRIMARY
          || gdk_event_triggers_context_menu (event)
          || (gdk_event_get_modifier_state (event) & (GDK_SHIFT_MASK | GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0
          || !on_selected_span (self, x, y))
        return FALSE;
      g_set_object (&r->drag_source, gloss_article_view_get_selected_annotation (self));
      r->drag_x0 = r->drag_x = x;
      r->drag_y0 = r->drag_y = y;
      r->dragging = FALSE;
      gtk_widget_grab_focus (GTK_WIDGET (self));
      return TRUE;

    case GDK_MOTION_NOTIFY:
      if (r->drag_source == NULL)
        return FALSE;
      if (!r->dragging
          && gtk_drag_check_threshold (GTK_WIDGET (self), (int) r->drag_x0, (int) r->drag_y0, (int) x, (int) y))
        r->dragging = TRUE;
      r->drag_x = x;
      r->drag_y = y;
      if (r->dragging)
        gtk_widget_queue_draw (GTK_WIDGET (self));
      return TRUE;

    case GDK_BUTTON_RELEASE:
      if (r->drag_source == NULL || gdk_button_event_get_button (event) != GDK_BUTTON_PRIMARY)
        return FALSE;
      if (!r->dragging)
        {
          /* A click on the selected span, as before. */
          end_drag (self);
          gloss_article_view_click_at (self, x, y);
          return TRUE;
        }
      r->dragging = FALSE;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      drop (self, x, y);
      return TRUE;

    case GDK_GRAB_BROKEN:
    case GDK_TOUCH_CANCEL:
      end_drag (self);
      return FALSE;

    default:
      return FALSE;
    }
}

/* ------------------------------------------------------------------ */
/* Painting                                                             */
/* ------------------------------------------------------------------ */

typedef struct
{
  guint first;  /* the offsets on screen */
  guint last;
} Visible;

/* The top middle of @annotation's first character, in buffer
 * coordinates; FALSE when it is not on screen (an arc to the far end of
 * a long article would make GTK lay out everything up to it). */
static gboolean
span_point (GlossArticleView *self,
            const Visible    *visible,
            GlossAnnotation  *annotation,
            double           *x,
            double           *y)
{
  GtkTextIter start_iter, end_iter;
  GdkRectangle rect;
  guint start;

  if (annotation == NULL || !is_placed (self, annotation))
    return FALSE;

  start = gloss_annotation_get_start (annotation);
  if (start < visible->first || start > visible->last)
    return FALSE;

  gloss_article_view_get_span_iters (self, start, gloss_annotation_get_end (annotation), &start_iter, &end_iter);
  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (self), &start_iter, &rect);
  *x = rect.x + MAX (rect.width, 6) / 2.0;
  *y = rect.y;
  return TRUE;
}

static void
arrow_head (cairo_t *cr,
            double   x,
            double   y,
            double   angle)
{
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x - ARROW_SIZE * cos (angle - 0.45), y - ARROW_SIZE * sin (angle - 0.45));
  cairo_line_to (cr, x - ARROW_SIZE * cos (angle + 0.45), y - ARROW_SIZE * sin (angle + 0.45));
  cairo_close_path (cr);
  cairo_fill (cr);
}

/* An arc over the text from one span to the other, its arrow at @to's
 * end, and its type written at the top. */
static void
draw_arc (GlossArticleView *self,
          cairo_t          *cr,
          double            x1,
          double            y1,
          double            x2,
          double            y2,
          const char       *type,
          const GdkRGBA    *background,
          gboolean          dashed)
{
  double top = MIN (y1, y2) - ARC_LIFT;
  double mid_x = (x1 + x2) / 2.0;

  cairo_save (cr);
  cairo_set_line_width (cr, 1.5);
  if (dashed)
    {
      static const double dashes[] = { 4.0, 3.0 };

      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
    }
  cairo_move_to (cr, x1, y1);
  cairo_curve_to (cr, x1, top, x2, top, x2, y2 - 1);
  cairo_stroke (cr);
  cairo_restore (cr);

  arrow_head (cr, x2, y2, G_PI / 2);

  if (type != NULL)
    {
      PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), type);
      PangoFontDescription *font = pango_font_description_from_string ("Sans 8");
      int width, height;
      double x, y;

      pango_layout_set_font_description (layout, font);
      pango_layout_get_pixel_size (layout, &width, &height);
      /* The curve's top is three quarters of the way to its control
       * points. */
      /* On the view's background, readable over the text it crosses. */
      x = mid_x - width / 2.0;
      y = top + (MIN (y1, y2) - top) / 4.0 - height;
      cairo_save (cr);
      gdk_cairo_set_source_rgba (cr, background);
      cairo_rectangle (cr, x - 2, y, width + 4, height);
      cairo_fill (cr);
      cairo_restore (cr);
      cairo_move_to (cr, x, y);
      pango_cairo_show_layout (cr, layout);
      pango_font_description_free (font);
      g_object_unref (layout);
    }
}

void
gloss_article_view_relations_paint (GlossArticleView *self,
                                    GtkSnapshot      *snapshot)
{
  GlossArticleViewRelations *r = state (self);
  GlossAnnotationSet *set = gloss_article_view_get_annotation_set (self);
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GlossAnnotation *anchor;
  GdkRectangle rect;
  GtkTextIter first, last;
  Visible visible;
  const GlossColorScheme *scheme;
  GdkRGBA color, background;
  cairo_t *cr;
  double ax, ay;
  gboolean anchor_shown;

  if (!r->enabled || set == NULL)
    return;

  anchor = r->source != NULL ? r->source : gloss_article_view_get_selected_annotation (self);
  if (anchor == NULL && !r->dragging)
    return;

  gtk_text_view_get_visible_rect (view, &rect);
  gtk_text_view_get_iter_at_location (view, &first, rect.x, rect.y);
  gtk_text_view_get_iter_at_location (view, &last, rect.x + rect.width, rect.y + rect.height);
  visible.first = gloss_article_view_get_iter_offset (self, &first);
  visible.last = gloss_article_view_get_iter_offset (self, &last);

  /* The theme's, as the view read them for its highlights. */
  scheme = gloss_article_view_get_color_scheme (self);
  color = (GdkRGBA) { scheme->text.red, scheme->text.green, scheme->text.blue, 0.8f };
  background = (GdkRGBA) { scheme->background.red, scheme->background.green, scheme->background.blue, 0.9f };

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (rect.x, rect.y, rect.width, rect.height));
  gdk_cairo_set_source_rgba (cr, &color);

  anchor_shown = anchor != NULL && span_point (self, &visible, anchor, &ax, &ay);
  if (anchor_shown)
    {
      g_autoptr(GPtrArray) relations = gloss_annotation_set_relations_of (set, gloss_annotation_get_id (anchor));

      for (guint i = 0; i < relations->len; i++)
        {
          GlossRelation *relation = g_ptr_array_index (relations, i);
          gboolean outgoing = g_strcmp0 (gloss_relation_get_from (relation), gloss_annotation_get_id (anchor)) == 0;
          GlossAnnotation *other = gloss_annotation_set_lookup (set, outgoing ? gloss_relation_get_to (relation)
                                                                              : gloss_relation_get_from (relation));
          double ox, oy;

          if (other == NULL || other == anchor || !span_point (self, &visible, other, &ox, &oy))
            continue;
          if (outgoing)
            draw_arc (self, cr, ax, ay, ox, oy, gloss_relation_get_rel_type (relation), &background, FALSE);
          else
            draw_arc (self, cr, ox, oy, ax, ay, gloss_relation_get_rel_type (relation), &background, FALSE);
        }
    }

  /* Drawing by keyboard: a dashed arc to where the relation would go. */
  if (r->source != NULL && anchor_shown)
    {
      GlossAnnotation *target = keyboard_target (self);
      double tx, ty;

      if (target != NULL && span_point (self, &visible, target, &tx, &ty))
        draw_arc (self, cr, ax, ay, tx, ty, NULL, &background, TRUE);
    }

  /* Drawing with the mouse: a line from the press to the pointer. */
  if (r->dragging)
    {
      int x0, y0, x1, y1;

      gtk_text_view_window_to_buffer_coords (view, GTK_TEXT_WINDOW_WIDGET,
                                             (int) r->drag_x0, (int) r->drag_y0, &x0, &y0);
      gtk_text_view_window_to_buffer_coords (view, GTK_TEXT_WINDOW_WIDGET,
                                             (int) r->drag_x, (int) r->drag_y, &x1, &y1);
      cairo_set_line_width (cr, 2.0);
      cairo_move_to (cr, x0, y0);
      cairo_line_to (cr, x1, y1);
      cairo_stroke (cr);
      arrow_head (cr, x1, y1, atan2 (y1 - y0, x1 - x0));
    }

  cairo_destroy (cr);
}

/* ------------------------------------------------------------------ */
/* The view's API                                                       */
/* ------------------------------------------------------------------ */

GlossArticleViewRelations *
gloss_article_view_relations_new (GlossArticleView *self)
{
  GlossArticleViewRelations *r = g_new0 (GlossArticleViewRelations, 1);
  GtkEventController *keys = gtk_event_controller_key_new ();

  /* Ahead of the label keys (a shortcut controller on the view). */
  gtk_event_controller_set_name (keys, "gloss-relation-keys");
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_key_pressed), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  return r;
}

void
gloss_article_view_relations_dispose (GlossArticleView *self)
{
  GlossArticleViewRelations *r = state (self);

  if (r == NULL)
    return;

  g_clear_handle_id (&r->check_id, g_source_remove);
  end_mode (self);
  g_clear_object (&r->drag_source);
  g_clear_object (&r->pending_from);
  g_clear_object (&r->pending_to);
  if (r->chooser != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (r->chooser));
      r->chooser = NULL;
    }
  if (r->list != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (r->list));
      r->list = NULL;
    }
  g_clear_object (&r->banner);
}

void
gloss_article_view_relations_free (GlossArticleViewRelations *r)
{
  g_free (r->last_message);
  g_free (r);
}

void
gloss_article_view_relations_allocate (GlossArticleView *self)
{
  GlossArticleViewRelations *r = state (self);

  if (r->chooser != NULL && gtk_widget_get_visible (GTK_WIDGET (r->chooser)))
    gtk_popover_present (GTK_POPOVER (r->chooser));
  if (r->list != NULL && gtk_widget_get_visible (GTK_WIDGET (r->list)))
    gtk_popover_present (GTK_POPOVER (r->list));
}

gboolean
gloss_article_view_relations_has_arcs (GlossArticleView *self)
{
  GlossArticleViewRelations *r = state (self);
  GlossAnnotationSet *set = gloss_article_view_get_annotation_set (self);

  /* Drawing by keyboard, the dashed arc follows the target. */
  return r->enabled && set != NULL
         && (r->source != NULL || g_list_model_get_n_items (gloss_annotation_set_get_relations (set)) > 0);
}

static gboolean
check_source_cb (gpointer user_data)
{
  GlossArticleView *self = user_data;
  GlossArticleViewRelations *r = state (self);

  r->check_id = 0;
  if (r->source != NULL && !is_placed (self, r->source))
    end_mode (self);

  return G_SOURCE_REMOVE;
}

/* The source went away (deleted, another article): the banner goes too.
 * Looked at from an idle: a label or bounds change takes the annotation
 * out and puts it back in two steps. */
void
gloss_article_view_relations_check (GlossArticleView *self)
{
  GlossArticleViewRelations *r = state (self);

  if (r->source != NULL && r->check_id == 0)
    r->check_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, check_source_cb, self, NULL);
}

void
gloss_article_view_set_relations_enabled (GlossArticleView *self,
                                          gboolean          enabled)
{
  g_return_if_fail (GLOSS_IS_ARTICLE_VIEW (self));

  state (self)->enabled = enabled;
  if (!enabled)
    end_mode (self);
}

gboolean
gloss_article_view_begin_relation (GlossArticleView  *self,
                                   GError           **error)
{
  GlossArticleViewRelations *r;
  GlossAnnotationSet *set;
  GlossAnnotation *selected;
  g_auto(GStrv) types = NULL;

  g_return_val_if_fail (GLOSS_IS_ARTICLE_VIEW (self), FALSE);

  r = state (self);
  set = gloss_article_view_get_annotation_set (self);
  selected = gloss_article_view_get_selected_annotation (self);

  if (!r->enabled || set == NULL || selected == NULL || !is_placed (self, selected))
    {
      g_set_error_literal (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                           _("Select the span a relation starts at first"));
      return FALSE;
    }

  if (!gloss_annotation_set_check_writable (set, error))
    return FALSE;

  types = fitting_types (self, selected, NULL, error);
  if (types[0] == NULL)
    return FALSE;

  g_set_object (&r->source, selected);
  show_banner (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify (G_OBJECT (self), "relation-source");
  return TRUE;
}

void
gloss_article_view_end_relation (GlossArticleView *self)
{
  g_return_if_fail (GLOSS_IS_ARTICLE_VIEW (self));

  end_mode (self);
}

GlossAnnotation *
gloss_article_view_get_relation_source (GlossArticleView *self)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE_VIEW (self), NULL);

  return state (self)->source;
}

gboolean
gloss_article_view_show_relations (GlossArticleView  *self,
                                   GError           **error)
{
  GlossArticleViewRelations *r;
  GlossAnnotationSet *set;
  GlossAnnotation *selected;
  GdkRectangle rect;

  g_return_val_if_fail (GLOSS_IS_ARTICLE_VIEW (self), FALSE);

  r = state (self);
  set = gloss_article_view_get_annotation_set (self);
  selected = gloss_article_view_get_selected_annotation (self);
  if (set == NULL || selected == NULL)
    {
      g_set_error_literal (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                           _("Select a span to see its relations"));
      return FALSE;
    }

  if (r->list == NULL)
    {
      r->list = GLOSS_RELATION_LIST (gloss_relation_list_new ());
      gtk_widget_set_parent (GTK_WIDGET (r->list), GTK_WIDGET (self));
      g_signal_connect_object (r->list, "remove-relation", G_CALLBACK (on_remove_relation),
                               self, G_CONNECT_SWAPPED);
    }

  if (is_placed (self, selected))
    {
      annotation_rect (self, selected, &rect);
      gtk_popover_set_pointing_to (GTK_POPOVER (r->list), &rect);
    }
  else
    gtk_popover_set_pointing_to (GTK_POPOVER (r->list), NULL);

  gloss_relation_list_show_for (r->list, set, selected);
  return TRUE;
}

GlossRelationChooser *
gloss_article_view_get_relation_chooser (GlossArticleView *self)
{
  return state (self)->chooser;
}

GlossRelationList *
gloss_article_view_get_relation_list (GlossArticleView *self)
{
  return state (self)->list;
}

GtkWidget *
gloss_article_view_get_relation_banner (GlossArticleView *self)
{
  return state (self)->banner_shown ? state (self)->banner : NULL;
}

const char *
gloss_article_view_get_relation_message (GlossArticleView *self)
{
  return state (self)->last_message;
}
