/* gloss-label-chip.c — a small rounded square in a label's colour
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gloss-label-chip.h"

#define CHIP_SIZE     16
#define CHIP_RADIUS   4
/* Not a label colour of the built-in set (misc is #9a9996): Adwaita Dark 1. */
#define UNKNOWN_COLOR "#77767b"

struct _GlossLabelChip
{
  GtkWidget parent_instance;

  GdkRGBA   color;
  gboolean  unknown;
};

G_DEFINE_FINAL_TYPE (GlossLabelChip, gloss_label_chip, GTK_TYPE_WIDGET)

static void
gloss_label_chip_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  *minimum = *natural = CHIP_SIZE;
}

static void
gloss_label_chip_snapshot_mark (GlossLabelChip *self,
                                GtkSnapshot    *snapshot,
                                float           x,
                                float           y)
{
  static const GdkRGBA white = { 1.f, 1.f, 1.f, 1.f };
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();
  int width, height;

  pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_attr_list_insert (attrs, pango_attr_scale_new (0.8));
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), "?");
  pango_layout_set_attributes (layout, attrs);
  pango_layout_get_pixel_size (layout, &width, &height);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot,
                          &GRAPHENE_POINT_INIT (x + (CHIP_SIZE - width) / 2.f,
                                                y + (CHIP_SIZE - height) / 2.f));
  gtk_snapshot_append_layout (snapshot, layout, &white);
  gtk_snapshot_restore (snapshot);
}

static void
gloss_label_chip_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  GlossLabelChip *self = GLOSS_LABEL_CHIP (widget);
  float x = (gtk_widget_get_width (widget) - CHIP_SIZE) / 2.f;
  float y = (gtk_widget_get_height (widget) - CHIP_SIZE) / 2.f;
  GskRoundedRect rect;

  gsk_rounded_rect_init_from_rect (&rect,
                                   &GRAPHENE_RECT_INIT (x, y, CHIP_SIZE, CHIP_SIZE),
                                   CHIP_RADIUS);
  gtk_snapshot_push_rounded_clip (snapshot, &rect);
  gtk_snapshot_append_color (snapshot, &self->color, &rect.bounds);
  gtk_snapshot_pop (snapshot);

  if (self->unknown)
    gloss_label_chip_snapshot_mark (self, snapshot, x, y);
}

static void
gloss_label_chip_class_init (GlossLabelChipClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->measure = gloss_label_chip_measure;
  widget_class->snapshot = gloss_label_chip_snapshot;

  gtk_widget_class_set_css_name (widget_class, "labelchip");
  /* The rows' accessible labels name the label already. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
gloss_label_chip_init (GlossLabelChip *self)
{
  gdk_rgba_parse (&self->color, UNKNOWN_COLOR);
}

void
gloss_label_chip_set (GlossLabelChip *self,
                      const char     *color,
                      gboolean        unknown)
{
  GdkRGBA rgba;

  g_return_if_fail (GLOSS_IS_LABEL_CHIP (self));

  if (color == NULL || !gdk_rgba_parse (&rgba, color))
    gdk_rgba_parse (&rgba, UNKNOWN_COLOR);

  if (gdk_rgba_equal (&rgba, &self->color) && unknown == self->unknown)
    return;

  self->color = rgba;
  self->unknown = unknown;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

