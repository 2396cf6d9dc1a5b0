/* gloss-row-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gloss-row-text.h"

#define HEADING_SCALE 0.83

/* Between the text and its detail; the detail's opacity (as dim-label's). */
#define DETAIL_SEPARATOR "  "
#define DETAIL_ALPHA     (guint16) (0.55 * 65535)

/* Natural width, in approximate characters: the sidebar is as wide as
 * the window makes it, so this only matters where a row stands alone. */
#define NATURAL_CHARS 24

typedef struct
{
  int height;      /* ascent + descent, Pango units */
  int ascent;
  int char_width;  /* approximate, Pango units */
} Metrics;

struct _GlossRowText
{
  GtkWidget             parent_instance;

  char                 *text;
  /* Drawn after the text, in the body's weight and dimmed: a row's
   * attribute values beside its label's name. NULL for none. */
  char                 *detail;
  gboolean              heading;

  PangoLayout          *layout;
  /* The font the metrics are for; NULL until measured. */
  PangoFontDescription *font;
  const Metrics        *metrics;
};

G_DEFINE_FINAL_TYPE (GlossRowText, gloss_row_text, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_HEADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Pango shapes a sample text to find a font's metrics, every time it is
 * asked: once per font (and heading or not) for all rows. The entries
 * live as long as the program, like the fonts. */
static GHashTable *metrics_cache;

static PangoFontDescription *
gloss_row_text_dup_font (GlossRowText *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  PangoFontDescription *font = pango_font_description_copy (pango_context_get_font_description (context));

  if (self->heading)
    {
      int size = pango_font_description_get_size (font);

      pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
      if (pango_font_description_get_size_is_absolute (font))
        pango_font_description_set_absolute_size (font, size * HEADING_SCALE);
      else
        pango_font_description_set_size (font, (int) (size * HEADING_SCALE));
    }

  return font;
}

static const Metrics *
lookup_metrics (PangoContext         *context,
                PangoFontDescription *font)
{
  g_autofree char *name = pango_font_description_to_string (font);
  g_autofree char *key = NULL;
  Metrics *metrics;
  PangoFontMetrics *font_metrics;

  /* The same font at another resolution (scale, Xft.dpi) is another size. */
  key = g_strdup_printf ("%s@%g", name, pango_cairo_context_get_resolution (context));

  if (metrics_cache == NULL)
    metrics_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  metrics = g_hash_table_lookup (metrics_cache, key);
  if (metrics != NULL)
    return metrics;

  font_metrics = pango_context_get_metrics (context, font, pango_context_get_language (context));
  metrics = g_new0 (Metrics, 1);
  metrics->ascent = pango_font_metrics_get_ascent (font_metrics);
  metrics->height = metrics->ascent + pango_font_metrics_get_descent (font_metrics);
  metrics->char_width = MAX (pango_font_metrics_get_approximate_char_width (font_metrics),
                             pango_font_metrics_get_approximate_digit_width (font_metrics));
  pango_font_metrics_unref (font_metrics);

  g_hash_table_insert (metrics_cache, g_steal_pointer (&key), metrics);
  return metrics;
}

static const Metrics *
gloss_row_text_get_metrics (GlossRowText *self)
{
  if (self->metrics == NULL)
    {
      g_clear_pointer (&self->font, pango_font_description_free);
      self->font = gloss_row_text_dup_font (self);
      self->metrics = lookup_metrics (gtk_widget_get_pango_context (GTK_WIDGET (self)), self->font);
    }

  return self->metrics;
}

/* The text and the detail into the layout, with their attributes: the
 * heading's weight on the text only, its scale on both. */
static void
gloss_row_text_fill_layout (GlossRowText *self)
{
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();
  const char *text = self->text != NULL ? self->text : "";
  guint text_len = strlen (text);

  if (self->detail != NULL && *self->detail != '\0')
    {
      g_autofree char *both = g_strconcat (text, DETAIL_SEPARATOR, self->detail, NULL);
      PangoAttribute *dim = pango_attr_foreground_alpha_new (DETAIL_ALPHA);

      dim->start_index = text_len;
      pango_attr_list_insert (attrs, dim);
      pango_layout_set_text (self->layout, both, -1);
    }
  else
    {
      pango_layout_set_text (self->layout, text, -1);
    }

  if (self->heading)
    {
      PangoAttribute *bold = pango_attr_weight_new (PANGO_WEIGHT_BOLD);

      bold->end_index = text_len;
      pango_attr_list_insert (attrs, bold);
      pango_attr_list_insert (attrs, pango_attr_scale_new (HEADING_SCALE));
    }

  pango_layout_set_attributes (self->layout, attrs);
}

static PangoLayout *
gloss_row_text_ensure_layout (GlossRowText *self)
{
  if (self->layout == NULL)
    {
      self->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
      pango_layout_set_single_paragraph_mode (self->layout, TRUE);
      pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
      gloss_row_text_fill_layout (self);
    }

  return self->layout;
}

/* ------------------------------------------------------------------ */
/* GtkWidget                                                            */
/* ------------------------------------------------------------------ */

static void
gloss_row_text_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  GlossRowText *self = GLOSS_ROW_TEXT (widget);
  const Metrics *metrics = gloss_row_text_get_metrics (self);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* Ellipsized: as narrow as an ellipsis, whatever the text. */
      *minimum = PANGO_PIXELS_CEIL (metrics->char_width);
      *natural = PANGO_PIXELS_CEIL (metrics->char_width * NATURAL_CHARS);
    }
  else
    {
      *minimum = *natural = PANGO_PIXELS_CEIL (metrics->height);
      *minimum_baseline = *natural_baseline = PANGO_PIXELS_CEIL (metrics->ascent);
    }
}

static void
gloss_row_text_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  GlossRowText *self = GLOSS_ROW_TEXT (widget);

  if (self->layout != NULL)
    pango_layout_set_width (self->layout, width * PANGO_SCALE);
}

/* Where GtkLabel would put it: at the start edge (xalign 0, the right in
 * a right-to-left interface, whatever the text's own direction), in the
 * middle of the height. */
static void
gloss_row_text_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  GlossRowText *self = GLOSS_ROW_TEXT (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  PangoLayout *layout;
  PangoRectangle logical;
  double xalign;
  int x, y;

  if ((self->text == NULL || *self->text == '\0') && self->detail == NULL)
    return;
  if (width <= 0)
    return;

  layout = gloss_row_text_ensure_layout (self);
  pango_layout_set_width (layout, width * PANGO_SCALE);
  pango_layout_get_pixel_extents (layout, NULL, &logical);

  xalign = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL ? 1.0 : 0.0;
  x = (int) (xalign * (width - logical.width)) - logical.x;
  y = (height - logical.height) / 2 - logical.y;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_snapshot_render_layout (snapshot, gtk_widget_get_style_context (widget), x, y, layout);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

/* The font may have changed (a style, the text scale): measure again if
 * it did. Hover and selection restyle rows all the time and do not. */
static void
gloss_row_text_css_changed (GtkWidget         *widget,
                            GtkCssStyleChange *change)
{
  GlossRowText *self = GLOSS_ROW_TEXT (widget);

  GTK_WIDGET_CLASS (gloss_row_text_parent_class)->css_changed (widget, change);

  if (self->font != NULL)
    {
      g_autoptr(PangoFontDescription) font = gloss_row_text_dup_font (self);

      if (pango_font_description_equal (font, self->font))
        return;

      self->metrics = NULL;
      gtk_widget_queue_resize (widget);
    }

  /* A layout takes the font when it is made (the colour is the style's,
   * when drawn). */
  g_clear_object (&self->layout);
}

static void
gloss_row_text_system_setting_changed (GtkWidget        *widget,
                                       GtkSystemSetting  setting)
{
  GlossRowText *self = GLOSS_ROW_TEXT (widget);

  GTK_WIDGET_CLASS (gloss_row_text_parent_class)->system_setting_changed (widget, setting);

  self->metrics = NULL;
  g_clear_object (&self->layout);
  gtk_widget_queue_resize (widget);
}

static void
gloss_row_text_direction_changed (GtkWidget        *widget,
                                  GtkTextDirection  previous_direction)
{
  GlossRowText *self = GLOSS_ROW_TEXT (widget);

  g_clear_object (&self->layout);
  gtk_widget_queue_draw (widget);
}

/* ------------------------------------------------------------------ */
/* GObject                                                              */
/* ------------------------------------------------------------------ */

static void
gloss_row_text_finalize (GObject *object)
{
  GlossRowText *self = GLOSS_ROW_TEXT (object);

  g_clear_object (&self->layout);
  g_clear_pointer (&self->font, pango_font_description_free);
  g_free (self->text);
  g_free (self->detail);

  G_OBJECT_CLASS (gloss_row_text_parent_class)->finalize (object);
}

static void
gloss_row_text_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  GlossRowText *self = GLOSS_ROW_TEXT (object);

  switch (prop_id)
    {
    case PROP_HEADING:
      g_value_set_boolean (value, self->heading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_row_text_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  GlossRowText *self = GLOSS_ROW_TEXT (object);

  switch (prop_id)
    {
    case PROP_HEADING:
      gloss_row_text_set_heading (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_row_text_class_init (GlossRowTextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = gloss_row_text_finalize;
  object_class->get_property = gloss_row_text_get_property;
  object_class->set_property = gloss_row_text_set_property;

  properties[PROP_HEADING] =
    g_param_spec_boolean ("heading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  widget_class->measure = gloss_row_text_measure;
  widget_class->size_allocate = gloss_row_text_size_allocate;
  widget_class->snapshot = gloss_row_text_snapshot;
  widget_class->css_changed = gloss_row_text_css_changed;
  widget_class->system_setting_changed = gloss_row_text_system_setting_changed;
  widget_class->direction_changed = gloss_row_text_direction_changed;

  /* Styled as a label (colours, dim-label), read as one. */
  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
gloss_row_text_init (GlossRowText *self)
{
}

/* ------------------------------------------------------------------ */
/* Public API                                                           */
/* ------------------------------------------------------------------ */

GtkWidget *
gloss_row_text_new (void)
{
  return g_object_new (GLOSS_TYPE_ROW_TEXT, NULL);
}

/* New text is drawn, not measured: the size does not depend on it. */
void
gloss_row_text_set_text (GlossRowText *self,
                         const char   *text)
{
  g_return_if_fail (GLOSS_IS_ROW_TEXT (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;

  g_free (self->text);
  self->text = g_strdup (text);

  if (self->layout != NULL)
    gloss_row_text_fill_layout (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text != NULL ? text : "",
                                  -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
gloss_row_text_get_text (GlossRowText *self)
{
  g_return_val_if_fail (GLOSS_IS_ROW_TEXT (self), NULL);

  return self->text != NULL ? self->text : "";
}

/* Like the text, drawn and not measured. Not part of the accessible
 * label: the row says its values in its own (gloss_describe_annotation). */
void
gloss_row_text_set_detail (GlossRowText *self,
                           const char   *detail)
{
  g_return_if_fail (GLOSS_IS_ROW_TEXT (self));

  if (detail != NULL && *detail == '\0')
    detail = NULL;
  if (g_strcmp0 (self->detail, detail) == 0)
    return;

  g_free (self->detail);
  self->detail = g_strdup (detail);

  if (self->layout != NULL)
    gloss_row_text_fill_layout (self);

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
gloss_row_text_get_detail (GlossRowText *self)
{
  g_return_val_if_fail (GLOSS_IS_ROW_TEXT (self), NULL);

  return self->detail;
}

void
gloss_row_text_set_heading (GlossRowText *self,
                            gboolean      heading)
{
  g_return_if_fail (GLOSS_IS_ROW_TEXT (self));

  heading = !!heading;
  if (self->heading == heading)
    return;

  self->heading = heading;
  self->metrics = NULL;
  g_clear_object (&self->layout);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HEADING]);
}
