/* gloss-progress-page.c — a long job's progress, then its result and problems
 *
 * Export… and Import… showed the same two pages, written twice; this is
 * them once. The dialogs own the work and tell the page what to show.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gloss-progress-page.h"

struct _GlossProgressPage
{
  GtkWidget  parent_instance;

  char      *progress_label;

  GtkWidget *stack;
  GtkWidget *title_label;
  GtkWidget *detail_label;
  GtkWidget *progress_bar;
  GtkWidget *stop_button;
  GtkWidget *result_heading;
  GtkWidget *result_label;
  GtkWidget *result_location;
  GtkWidget *problems_box;
  GtkWidget *problems_view;
  GtkWidget *back_button;
  GtkWidget *close_button;
};

G_DEFINE_FINAL_TYPE (GlossProgressPage, gloss_progress_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_PROGRESS_LABEL,
  PROP_BACK_TOOLTIP,
  PROP_DETAIL,
  PROP_PAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  STOP,
  BACK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_stop_clicked (GlossProgressPage *self)
{
  g_signal_emit (self, signals[STOP], 0);
}

static void
on_back_clicked (GlossProgressPage *self)
{
  g_signal_emit (self, signals[BACK], 0);
}

static void
set_progress_label (GlossProgressPage *self,
                    const char        *label)
{
  if (g_strcmp0 (self->progress_label, label) == 0)
    return;

  g_free (self->progress_label);
  self->progress_label = g_strdup (label);

  if (label != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->progress_bar),
                                   GTK_ACCESSIBLE_PROPERTY_LABEL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS_LABEL]);
}

static void
show_page (GlossProgressPage *self,
           const char        *name)
{
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

static void
gloss_progress_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), GLOSS_TYPE_PROGRESS_PAGE);

  G_OBJECT_CLASS (gloss_progress_page_parent_class)->dispose (object);
}

static void
gloss_progress_page_finalize (GObject *object)
{
  GlossProgressPage *self = GLOSS_PROGRESS_PAGE (object);

  g_clear_pointer (&self->progress_label, g_free);

  G_OBJECT_CLASS (gloss_progress_page_parent_class)->finalize (object);
}

static void
gloss_progress_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  GlossProgressPage *self = GLOSS_PROGRESS_PAGE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, gtk_label_get_text (GTK_LABEL (self->title_label)));
      break;
    case PROP_PROGRESS_LABEL:
      g_value_set_string (value, self->progress_label);
      break;
    case PROP_BACK_TOOLTIP:
      g_value_set_string (value, gtk_widget_get_tooltip_text (self->back_button));
      break;
    case PROP_DETAIL:
      g_value_set_string (value, gtk_label_get_text (GTK_LABEL (self->detail_label)));
      break;
    case PROP_PAGE:
      g_value_set_string (value, gloss_progress_page_get_page (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_progress_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  GlossProgressPage *self = GLOSS_PROGRESS_PAGE (object);
  const char *text = G_VALUE_HOLDS_STRING (value) ? g_value_get_string (value) : NULL;

  switch (prop_id)
    {
    case PROP_TITLE:
      gtk_label_set_text (GTK_LABEL (self->title_label), text != NULL ? text : "");
      g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_PROGRESS_LABEL:
      set_progress_label (self, text);
      break;
    case PROP_BACK_TOOLTIP:
      gtk_widget_set_tooltip_text (self->back_button, text);
      g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_DETAIL:
      gtk_label_set_text (GTK_LABEL (self->detail_label), text != NULL ? text : "");
      g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_progress_page_class_init (GlossProgressPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_progress_page_dispose;
  object_class->finalize = gloss_progress_page_finalize;
  object_class->get_property = gloss_progress_page_get_property;
  object_class->set_property = gloss_progress_page_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROGRESS_LABEL] =
    g_param_spec_string ("progress-label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BACK_TOOLTIP] =
    g_param_spec_string ("back-tooltip", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DETAIL] =
    g_param_spec_string ("detail", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAGE] =
    g_param_spec_string ("page", NULL, NULL, "running",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[STOP] =
    g_signal_new ("stop", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[BACK] =
    g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/gloss-progress-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossProgressPage, stack);
  gtk_widget_class_bind_template_child (widget_class, GlossProgressPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, GlossProgressPage, detail_label);
  gtk_widget_class_bind_template_child (widget_class, GlossProgressPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, GlossProgressPage, stop_button);
  gtk_widget_class_bind_template_child (widget_class, GlossProgressPage, result_heading);
  gtk_widget_class_bind_template_child (widget_class, GlossProgressPage, result_label);
  gtk_widget_class_bind_template_child (widget_class, GlossProgressPage, result_location);
  gtk_widget_class_bind_template_child (widget_class, GlossProgressPage, problems_box);
  gtk_widget_class_bind_template_child (widget_class, GlossProgressPage, problems_view);
  gtk_widget_class_bind_template_child (widget_class, GlossProgressPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, GlossProgressPage, close_button);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);
}

static void
gloss_progress_page_init (GlossProgressPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API
 * ------------------------------------------------------------------------ */

void
gloss_progress_page_start (GlossProgressPage *self,
                           const char        *detail,
                           const char        *progress_text)
{
  g_return_if_fail (GLOSS_IS_PROGRESS_PAGE (self));

  g_object_set (self, "detail", detail, NULL);
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress_bar), 0.0);
  gtk_progress_bar_set_text (GTK_PROGRESS_BAR (self->progress_bar), progress_text);
  gtk_widget_set_sensitive (self->stop_button, TRUE);
  show_page (self, "running");
}

void
gloss_progress_page_set_progress (GlossProgressPage *self,
                                  double             fraction,
                                  const char        *text)
{
  g_return_if_fail (GLOSS_IS_PROGRESS_PAGE (self));

  gtk_progress_bar_set_text (GTK_PROGRESS_BAR (self->progress_bar), text);
  if (fraction >= 0.0)
    gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress_bar), fraction);
}

void
gloss_progress_page_pulse (GlossProgressPage *self)
{
  g_return_if_fail (GLOSS_IS_PROGRESS_PAGE (self));

  gtk_progress_bar_pulse (GTK_PROGRESS_BAR (self->progress_bar));
}

void
gloss_progress_page_set_stopping (GlossProgressPage *self,
                                  const char        *text)
{
  g_return_if_fail (GLOSS_IS_PROGRESS_PAGE (self));

  gtk_widget_set_sensitive (self->stop_button, FALSE);
  if (text != NULL)
    gtk_progress_bar_set_text (GTK_PROGRESS_BAR (self->progress_bar), text);
}

void
gloss_progress_page_show_result (GlossProgressPage *self,
                                 const char        *heading,
                                 const char        *result,
                                 const char        *location,
                                 GPtrArray         *problems)
{
  GtkTextBuffer *buffer;
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_if_fail (GLOSS_IS_PROGRESS_PAGE (self));

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, g_ptr_array_index (problems, i));
    }
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->problems_view));
  gtk_text_buffer_set_text (buffer, text->str, text->len);
  gtk_widget_set_visible (self->problems_box, text->len > 0);

  gtk_label_set_text (GTK_LABEL (self->result_heading), heading);
  gtk_label_set_text (GTK_LABEL (self->result_label), result != NULL ? result : "");
  gtk_label_set_text (GTK_LABEL (self->result_location), location != NULL ? location : "");
  gtk_widget_set_visible (self->result_location, location != NULL);

  show_page (self, "result");
}

void
gloss_progress_page_focus (GlossProgressPage *self)
{
  GtkRoot *root;
  gboolean running;

  g_return_if_fail (GLOSS_IS_PROGRESS_PAGE (self));

  running = g_str_equal (gloss_progress_page_get_page (self), "running");
  root = gtk_widget_get_root (GTK_WIDGET (self));
  /* Enter does what the page is for: nothing while running. */
  if (GTK_IS_WINDOW (root))
    gtk_window_set_default_widget (GTK_WINDOW (root), running ? NULL : self->close_button);
  gtk_widget_grab_focus (running ? self->stop_button : self->close_button);

  if (!running)
    {
      /* The focus passed through the selectable labels on its way out of
       * the hidden page, which selected them: nothing is selected until
       * the user does. */
      gtk_label_select_region (GTK_LABEL (self->result_label), 0, 0);
      gtk_label_select_region (GTK_LABEL (self->result_location), 0, 0);
    }
}

const char *
gloss_progress_page_get_page (GlossProgressPage *self)
{
  g_return_val_if_fail (GLOSS_IS_PROGRESS_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (GTK_STACK (self->stack));
}

char *
gloss_progress_page_dup_problems (GlossProgressPage *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (GLOSS_IS_PROGRESS_PAGE (self), NULL);

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->problems_view));
  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}
