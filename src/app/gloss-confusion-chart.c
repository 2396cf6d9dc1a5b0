/* gloss-confusion-chart.c — a label confusion matrix, drawn as a heat map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The cells (fills, hatching, outlines) are one cairo node; the text is
 * appended as Pango layouts on the snapshot, so that it is rendered like
 * every other text of the window (hinting, subpixel positioning) and
 * follows the widget's font.
 *
 * The text metrics are recomputed at each measure and snapshot rather than
 * cached: a chart has at most a few dozen names, and a cache would have to
 * follow font, scale and style changes. */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "gloss-confusion-chart-private.h"

#define CELL_MIN       28   /* a cell's side at the minimum size, gap included */
#define CELL_NATURAL   48
#define CELL_MAX       72   /* beyond this the chart stops growing and is centred */
#define CELL_GAP       2
#define CELL_RADIUS    3
#define CELL_PADDING   4    /* between a count and its cell's edge */
#define NAME_MAX_WIDTH 140  /* longer category names are ellipsized */
#define SPACING        6    /* between the titles, the names and the grid */
#define MARGIN         6    /* around everything */
#define HATCH_SPACING  6

#define EMPTY_NATURAL_WIDTH  240
#define EMPTY_NATURAL_HEIGHT 120

/* Blue for agreement, orange for disagreement: a pair that stays distinct
 * with the common colour vision deficiencies, and the diagonal also has an
 * outline. Adwaita's blue 3 (the default accent) and orange 5; both are
 * translucent over the background, so they suit light and dark styles. */
#define AGREEMENT_COLOR    "#3584e4"
#define DISAGREEMENT_COLOR "#e66100"

/* The fill's opacity goes from FILL_ALPHA_MIN for a count of 1 (so a single
 * token stands out from an empty cell) to FILL_ALPHA_MAX for the largest. */
#define FILL_ALPHA_MIN  0.12
#define FILL_ALPHA_MAX  0.88
/* Empty cells: a faint tint of the text colour, so the grid stays visible. */
#define EMPTY_ALPHA     0.05
#define HATCH_ALPHA     0.22
/* Zeros and the "No figures yet" message: Adwaita's .dim-label. */
#define DIM_ALPHA       0.55

struct _GlossConfusionChart
{
  GtkWidget  parent_instance;

  char     **names;        /* n_categories, NULL-terminated */
  guint64   *counts;       /* n_categories², row-major */
  guint      n_categories;
  char      *row_title;
  char      *column_title;
  guint64    scale_max;    /* the largest count on the colour scale */
};

G_DEFINE_FINAL_TYPE (GlossConfusionChart, gloss_confusion_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_N_CATEGORIES,
  PROP_ROW_TITLE,
  PROP_COLUMN_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The sizes of the text around the grid, for the widget's current font. */
typedef struct
{
  int      title_height;        /* a line of a bold title */
  int      row_title_width;     /* 0 without a row title */
  int      column_title_width;  /* 0 without a column title */
  int      row_names_width;     /* the widest row name, at most NAME_MAX_WIDTH */
  int      column_names_height; /* a line, or the widest name when vertical */
  gboolean vertical_names;
  int      cell_min;
  int      cell_natural;
  int      cell_max;
} Metrics;

/* Where things go at a given size. */
typedef struct
{
  Metrics metrics;
  double  grid_x;   /* the grid's top left corner */
  double  grid_y;
  double  cell;     /* a cell's side, gap included */
} Geometry;

/* ------------------------------------------------------------------ */
/* Counts                                                               */
/* ------------------------------------------------------------------ */

static inline guint64
get_count (GlossConfusionChart *self,
           guint                row,
           guint                column)
{
  return self->counts[(gsize)row * self->n_categories + column];
}

/* The last diagonal cell (O, O: tokens nobody labelled) outnumbers every
 * other cell by far; on the same scale the rest would be all but blank. */
static inline gboolean
is_excluded (GlossConfusionChart *self,
             guint                row,
             guint                column)
{
  return self->n_categories > 1 &&
         row == self->n_categories - 1 &&
         column == self->n_categories - 1;
}

static double
cell_intensity (GlossConfusionChart *self,
                guint                row,
                guint                column)
{
  guint64 count = get_count (self, row, column);

  if (is_excluded (self, row, column) || count == 0 || self->scale_max == 0)
    return 0.0;

  return MIN (1.0, (double)count / (double)self->scale_max);
}

static char *
format_count (guint64 count)
{
  return g_strdup_printf ("%" G_GUINT64_FORMAT, count);
}

/* ngettext() takes an unsigned long, 32 bits on some platforms. */
static inline gulong
plural_count (guint64 count)
{
  return count > G_MAXULONG ? G_MAXULONG : (gulong)count;
}

static const char *
row_title_or_default (GlossConfusionChart *self)
{
  /* Translators: names the rows of the label confusion matrix, in its
   * tooltips, when the caller gave no annotator name. */
  return self->row_title != NULL ? self->row_title : _("Rows");
}

static const char *
column_title_or_default (GlossConfusionChart *self)
{
  /* Translators: names the columns of the label confusion matrix, in its
   * tooltips, when the caller gave no annotator name. */
  return self->column_title != NULL ? self->column_title : _("Columns");
}

static char *
dup_cell_description (GlossConfusionChart *self,
                      guint                row,
                      guint                column)
{
  guint64 count = get_count (self, row, column);
  g_autofree char *number = format_count (count);

  /* Translators: a cell of the label confusion matrix: the first annotator
   * and the category they chose, the second and theirs, and how many tokens
   * that happened for, e.g. "alice: Person, bilal: Organization — 3 tokens".
   * Use %1$s, %2$s… to change the order. */
  return g_strdup_printf (ngettext ("%s: %s, %s: %s — %s token",
                                    "%s: %s, %s: %s — %s tokens",
                                    plural_count (count)),
                          row_title_or_default (self), self->names[row],
                          column_title_or_default (self), self->names[column],
                          number);
}

/* A row's or a column's total, for the tooltip of its name. */
static char *
dup_total_description (GlossConfusionChart *self,
                       GtkOrientation       orientation,
                       guint                index)
{
  g_autofree char *number = NULL;
  guint64 total = 0;

  for (guint i = 0; i < self->n_categories; i++)
    total += orientation == GTK_ORIENTATION_HORIZONTAL
             ? get_count (self, index, i)
             : get_count (self, i, index);

  number = format_count (total);

  /* Translators: the tooltip of a category name of the label confusion
   * matrix: an annotator, a category, and how many tokens they gave it,
   * e.g. "alice: Person — 12 tokens". */
  return g_strdup_printf (ngettext ("%s: %s — %s token", "%s: %s — %s tokens",
                                    plural_count (total)),
                          orientation == GTK_ORIENTATION_HORIZONTAL
                          ? row_title_or_default (self)
                          : column_title_or_default (self),
                          self->names[index], number);
}

/* ------------------------------------------------------------------ */
/* Colours                                                              */
/* ------------------------------------------------------------------ */

static GdkRGBA
get_foreground (GlossConfusionChart *self)
{
  GdkRGBA color;

  /* gtk_widget_get_color() is GTK 4.10. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS

  return color;
}

static double
linear_channel (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

/* WCAG relative luminance of an opaque colour. */
static double
luminance (const GdkRGBA *c)
{
  return 0.2126 * linear_channel (c->red) +
         0.7152 * linear_channel (c->green) +
         0.0722 * linear_channel (c->blue);
}

static double
contrast_ratio (const GdkRGBA *a,
                const GdkRGBA *b)
{
  double la = luminance (a);
  double lb = luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

/* @top at @alpha over the opaque @bottom. */
static GdkRGBA
composite (const GdkRGBA *top,
           double         alpha,
           const GdkRGBA *bottom)
{
  return (GdkRGBA) {
    top->red * alpha + bottom->red * (1 - alpha),
    top->green * alpha + bottom->green * (1 - alpha),
    top->blue * alpha + bottom->blue * (1 - alpha),
    1.f,
  };
}

/* What the chart is probably drawn on. The fills are translucent, so the
 * colour a count is read against depends on it; the theme's window colour
 * is a good guess, and failing that, a light text means a dark background. */
static GdkRGBA
guess_background (GlossConfusionChart *self,
                  const GdkRGBA       *foreground)
{
  static const char * const names[] = { "window_bg_color", "theme_bg_color" };
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  GdkRGBA color;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (gtk_style_context_lookup_color (context, names[i], &color) && color.alpha > 0.99f)
      return color;
  G_GNUC_END_IGNORE_DEPRECATIONS

  if (luminance (foreground) > 0.5)
    return (GdkRGBA) { 0.14f, 0.14f, 0.14f, 1.f };
  else
    return (GdkRGBA) { 0.98f, 0.98f, 0.98f, 1.f };
}

/* The theme's text colour when it reads well on @fill (WCAG AA, 4.5:1);
 * otherwise black or white, whichever contrasts more. Mid-tone fills such
 * as the strongest blue need this: the theme's text, slightly translucent,
 * falls short on them in both styles. */
#define MIN_CONTRAST 4.5

static GdkRGBA
pick_text_color (const GdkRGBA *foreground,
                 const GdkRGBA *fill)
{
  static const GdkRGBA black = { 0.f, 0.f, 0.f, 1.f };
  static const GdkRGBA white = { 1.f, 1.f, 1.f, 1.f };
  GdkRGBA drawn = composite (foreground, foreground->alpha, fill);

  if (contrast_ratio (&drawn, fill) >= MIN_CONTRAST)
    return *foreground;

  return contrast_ratio (&black, fill) > contrast_ratio (&white, fill) ? black : white;
}

/* ------------------------------------------------------------------ */
/* Layout                                                               */
/* ------------------------------------------------------------------ */

static PangoLayout *
create_title_layout (GlossConfusionChart *self,
                     const char          *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_layout_set_attributes (layout, attrs);
  pango_layout_set_width (layout, NAME_MAX_WIDTH * 2 * PANGO_SCALE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);

  return layout;
}

static PangoLayout *
create_name_layout (GlossConfusionChart *self,
                    const char          *text,
                    int                  max_width)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);

  pango_layout_set_width (layout, MAX (1, max_width) * PANGO_SCALE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_single_paragraph_mode (layout, TRUE);

  return layout;
}

static PangoLayout *
create_count_layout (GlossConfusionChart *self,
                     const char          *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();

  /* Figures of equal width, so that counts line up down a column. */
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  pango_layout_set_attributes (layout, attrs);

  return layout;
}

static void
compute_metrics (GlossConfusionChart *self,
                 Metrics             *m)
{
  int widest_column_name = 0;
  int line_height = 0;
  int width, height;

  memset (m, 0, sizeof *m);

  if (self->row_title != NULL || self->column_title != NULL)
    {
      g_autoptr(PangoLayout) layout = create_title_layout (self, "");

      pango_layout_get_pixel_size (layout, NULL, &m->title_height);
    }
  if (self->row_title != NULL)
    {
      g_autoptr(PangoLayout) layout = create_title_layout (self, self->row_title);

      pango_layout_get_pixel_size (layout, &m->row_title_width, NULL);
    }
  if (self->column_title != NULL)
    {
      g_autoptr(PangoLayout) layout = create_title_layout (self, self->column_title);

      pango_layout_get_pixel_size (layout, &m->column_title_width, NULL);
    }

  for (guint i = 0; i < self->n_categories; i++)
    {
      g_autoptr(PangoLayout) layout = create_name_layout (self, self->names[i], NAME_MAX_WIDTH);

      pango_layout_get_pixel_size (layout, &width, &height);
      m->row_names_width = MAX (m->row_names_width, width);
      widest_column_name = MAX (widest_column_name, width);
      line_height = MAX (line_height, height);
    }

  /* Every count has tabular figures: the largest is the widest. */
  {
    guint64 largest = 0;
    g_autofree char *text = NULL;
    g_autoptr(PangoLayout) layout = NULL;

    for (gsize i = 0; i < (gsize)self->n_categories * self->n_categories; i++)
      largest = MAX (largest, self->counts[i]);

    text = format_count (largest);
    layout = create_count_layout (self, text);
    pango_layout_get_pixel_size (layout, &width, NULL);

    /* Below the natural size a count too wide for its cell is shrunk, so
     * that one huge (O, O) count does not set the minimum size. */
    m->cell_min = CELL_MIN;
    m->cell_natural = MAX (CELL_NATURAL, width + 4 * CELL_PADDING + CELL_GAP);
    m->cell_max = MAX (CELL_MAX, m->cell_natural);
  }

  /* Names wider than a cell stand on end rather than being cut to a few
   * letters; decided at the natural size, so that the layout does not
   * flip as the window is resized. */
  m->vertical_names = widest_column_name > m->cell_natural - CELL_GAP - 2 * CELL_PADDING;
  m->column_names_height = m->vertical_names ? widest_column_name : line_height;
}

static int
left_extent (const Metrics *m)
{
  return MARGIN + (m->row_title_width > 0 ? m->title_height + SPACING : 0) +
         m->row_names_width + SPACING;
}

static int
top_extent (const Metrics *m)
{
  return MARGIN + (m->column_title_width > 0 ? m->title_height + SPACING : 0) +
         m->column_names_height + SPACING;
}

static void
compute_geometry (GlossConfusionChart *self,
                  int                  width,
                  int                  height,
                  Geometry            *g)
{
  Metrics *m = &g->metrics;
  int left, top;
  double cell, spare;

  compute_metrics (self, m);
  left = left_extent (m);
  top = top_extent (m);

  cell = MIN ((double)(width - left - MARGIN) / self->n_categories,
              (double)(height - top - MARGIN) / self->n_categories);
  cell = floor (CLAMP (cell, 2 * CELL_GAP, m->cell_max));

  /* The chart keeps square cells; whatever room is left goes around it. */
  spare = width - (left + cell * self->n_categories + MARGIN);
  g->grid_x = left + MAX (0, floor (spare / 2));
  spare = height - (top + cell * self->n_categories + MARGIN);
  g->grid_y = top + MAX (0, floor (spare / 2));
  g->cell = cell;
}

static void
cell_rect (const Geometry  *g,
           guint            row,
           guint            column,
           graphene_rect_t *rect)
{
  graphene_rect_init (rect,
                      g->grid_x + column * g->cell + CELL_GAP / 2.0,
                      g->grid_y + row * g->cell + CELL_GAP / 2.0,
                      g->cell - CELL_GAP,
                      g->cell - CELL_GAP);
}

/* ------------------------------------------------------------------ */
/* GtkWidget                                                            */
/* ------------------------------------------------------------------ */

static PangoLayout *
create_empty_layout (GlossConfusionChart *self)
{
  /* Translators: shown in place of the label confusion matrix before any
   * tokens have been compared. */
  return gtk_widget_create_pango_layout (GTK_WIDGET (self), _("No figures yet"));
}

static void
gloss_confusion_chart_measure (GtkWidget      *widget,
                               GtkOrientation  orientation,
                               int             for_size,
                               int            *minimum,
                               int            *natural,
                               int            *minimum_baseline,
                               int            *natural_baseline)
{
  GlossConfusionChart *self = GLOSS_CONFUSION_CHART (widget);
  gboolean horizontal = orientation == GTK_ORIENTATION_HORIZONTAL;
  Metrics m;
  int extent;

  if (self->n_categories == 0)
    {
      g_autoptr(PangoLayout) layout = create_empty_layout (self);
      int width, height;

      pango_layout_get_pixel_size (layout, &width, &height);
      *minimum = (horizontal ? width : height) + 2 * MARGIN;
      *natural = MAX (*minimum, horizontal ? EMPTY_NATURAL_WIDTH : EMPTY_NATURAL_HEIGHT);
      return;
    }

  compute_metrics (self, &m);
  extent = horizontal ? left_extent (&m) : top_extent (&m);
  *minimum = extent + (int)self->n_categories * m.cell_min + MARGIN;
  *natural = extent + (int)self->n_categories * m.cell_natural + MARGIN;

  /* The titles are centred on the grid but may be longer than it. */
  if (horizontal)
    extent += m.column_title_width + MARGIN;
  else
    extent += m.row_title_width + MARGIN;
  *minimum = MAX (*minimum, extent);
  *natural = MAX (*natural, extent);
}

/* Where the text of @layout starts in its box. A layout given a width (the
 * names, cut with an ellipsis) aligns its text to the side its own
 * direction gives against the widget's: in a right-to-left window an
 * English name sits at the right end of its box, and a Hebrew name does so
 * in a left-to-right one. The chart places text by its start, as measured
 * by pango_layout_get_pixel_size(), so it is drawn from there. */
static int
text_start (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_pixel_extents (layout, NULL, &logical);
  return logical.x;
}

static void
append_layout_at (GtkSnapshot   *snapshot,
                  PangoLayout   *layout,
                  const GdkRGBA *color,
                  double         x,
                  double         y)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x - text_start (layout), y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

/* @layout turned a quarter to the left (reading upwards): the tops of its
 * letters face @x, and its text starts at @y. */
static void
append_vertical_layout_at (GtkSnapshot   *snapshot,
                           PangoLayout   *layout,
                           const GdkRGBA *color,
                           double         x,
                           double         y)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_rotate (snapshot, -90.f);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-text_start (layout), 0));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
rounded_rectangle (cairo_t               *cr,
                   const graphene_rect_t *r,
                   double                 radius)
{
  double x = r->origin.x, y = r->origin.y, w = r->size.width, h = r->size.height;

  radius = MIN (radius, MIN (w, h) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + w - radius, y + h - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + h - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
hatch (cairo_t               *cr,
       const graphene_rect_t *r,
       const GdkRGBA         *color)
{
  double x = r->origin.x, y = r->origin.y, w = r->size.width, h = r->size.height;

  cairo_save (cr);
  rounded_rectangle (cr, r, CELL_RADIUS);
  cairo_clip (cr);
  cairo_set_line_width (cr, 1.0);
  gdk_cairo_set_source_rgba (cr, color);
  for (double d = HATCH_SPACING / 2.0; d < w + h; d += HATCH_SPACING)
    {
      cairo_move_to (cr, x + d, y);
      cairo_line_to (cr, x + d - h, y + h);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* What each cell looks like, and what its count is read against. */
typedef struct
{
  GdkRGBA fill;       /* with its alpha; transparent for none */
  GdkRGBA backdrop;   /* the fill over the background, opaque */
} CellLook;

static CellLook
cell_look (GlossConfusionChart *self,
           guint                row,
           guint                column,
           const GdkRGBA       *foreground,
           const GdkRGBA       *background,
           const GdkRGBA       *agreement,
           const GdkRGBA       *disagreement)
{
  CellLook look;
  double alpha;

  if (is_excluded (self, row, column))
    {
      /* Hatched: the lines cover little of the cell. */
      look.fill = (GdkRGBA) { 0.f, 0.f, 0.f, 0.f };
      look.backdrop = *background;
    }
  else if (get_count (self, row, column) == 0)
    {
      look.fill = *foreground;
      look.fill.alpha = EMPTY_ALPHA;
      look.backdrop = composite (foreground, EMPTY_ALPHA, background);
    }
  else
    {
      alpha = FILL_ALPHA_MIN + (FILL_ALPHA_MAX - FILL_ALPHA_MIN) * cell_intensity (self, row, column);
      look.fill = row == column ? *agreement : *disagreement;
      look.fill.alpha = alpha;
      look.backdrop = composite (&look.fill, alpha, background);
    }

  return look;
}

static void
snapshot_cells (GlossConfusionChart *self,
                GtkSnapshot         *snapshot,
                const Geometry      *g,
                const GdkRGBA       *foreground,
                const GdkRGBA       *background,
                const GdkRGBA       *agreement,
                const GdkRGBA       *disagreement)
{
  guint n = self->n_categories;
  double side = g->cell * n;
  GdkRGBA hatch_color = *foreground;
  GdkRGBA outline_color = *foreground;
  cairo_t *cr;

  hatch_color.alpha *= HATCH_ALPHA;
  outline_color.alpha *= 0.5f;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (g->grid_x, g->grid_y, side, side));

  for (guint row = 0; row < n; row++)
    for (guint column = 0; column < n; column++)
      {
        CellLook look = cell_look (self, row, column, foreground, background,
                                   agreement, disagreement);
        graphene_rect_t r;

        cell_rect (g, row, column, &r);

        if (look.fill.alpha > 0)
          {
            rounded_rectangle (cr, &r, CELL_RADIUS);
            gdk_cairo_set_source_rgba (cr, &look.fill);
            cairo_fill (cr);
          }

        if (is_excluded (self, row, column))
          hatch (cr, &r, &hatch_color);

        /* Agreement is outlined, so it is told from confusion without
         * relying on the hue; the hatched cell too, in a neutral colour,
         * as it is not on the colour scale. */
        if (row == column)
          {
            graphene_rect_t inner;

            graphene_rect_inset_r (&r, 0.5f, 0.5f, &inner);
            rounded_rectangle (cr, &inner, CELL_RADIUS - 0.5);
            cairo_set_line_width (cr, 1.0);
            gdk_cairo_set_source_rgba (cr, is_excluded (self, row, column) ? &outline_color : agreement);
            cairo_stroke (cr);
          }
      }

  cairo_destroy (cr);
}

static void
snapshot_counts (GlossConfusionChart *self,
                 GtkSnapshot         *snapshot,
                 const Geometry      *g,
                 const GdkRGBA       *foreground,
                 const GdkRGBA       *background,
                 const GdkRGBA       *agreement,
                 const GdkRGBA       *disagreement)
{
  guint n = self->n_categories;
  double room = g->cell - CELL_GAP - 2 * CELL_PADDING;

  for (guint row = 0; row < n; row++)
    for (guint column = 0; column < n; column++)
      {
        CellLook look = cell_look (self, row, column, foreground, background,
                                   agreement, disagreement);
        guint64 count = get_count (self, row, column);
        g_autofree char *text = format_count (count);
        g_autoptr(PangoLayout) layout = create_count_layout (self, text);
        GdkRGBA color;
        graphene_rect_t r;
        int width, height;
        float scale;

        if (count == 0)
          {
            /* Zeros are there to be read, not to catch the eye. */
            color = *foreground;
            color.alpha *= DIM_ALPHA;
          }
        else
          color = pick_text_color (foreground, &look.backdrop);

        cell_rect (g, row, column, &r);
        pango_layout_get_pixel_size (layout, &width, &height);

        /* A count too wide for a small cell is shrunk, never cut: a
         * truncated number would be wrong. */
        scale = width > room && room > 0 ? (float)(room / width) : 1.f;

        gtk_snapshot_save (snapshot);
        gtk_snapshot_translate (snapshot,
                                &GRAPHENE_POINT_INIT (r.origin.x + r.size.width / 2,
                                                      r.origin.y + r.size.height / 2));
        gtk_snapshot_scale (snapshot, scale, scale);
        gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-width / 2.f, -height / 2.f));
        gtk_snapshot_append_layout (snapshot, layout, &color);
        gtk_snapshot_restore (snapshot);
      }
}

static void
snapshot_names (GlossConfusionChart *self,
                GtkSnapshot         *snapshot,
                const Geometry      *g,
                const GdkRGBA       *foreground)
{
  const Metrics *m = &g->metrics;
  guint n = self->n_categories;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PangoLayout) layout = NULL;
      double centre = i * g->cell + g->cell / 2;
      int width, height;

      /* Down the left, right-aligned against the grid. */
      layout = create_name_layout (self, self->names[i], NAME_MAX_WIDTH);
      pango_layout_get_pixel_size (layout, &width, &height);
      append_layout_at (snapshot, layout, foreground,
                        g->grid_x - SPACING - width,
                        g->grid_y + centre - height / 2.0);
      g_clear_object (&layout);

      /* Along the top, against the grid: standing on end, or cut to the
       * cell when the cells are small. */
      if (m->vertical_names)
        {
          layout = create_name_layout (self, self->names[i], NAME_MAX_WIDTH);
          pango_layout_get_pixel_size (layout, &width, &height);
          append_vertical_layout_at (snapshot, layout, foreground,
                                     g->grid_x + centre - height / 2.0,
                                     g->grid_y - SPACING);
        }
      else
        {
          layout = create_name_layout (self, self->names[i], (int)g->cell - CELL_GAP);
          pango_layout_get_pixel_size (layout, &width, &height);
          append_layout_at (snapshot, layout, foreground,
                            g->grid_x + centre - width / 2.0,
                            g->grid_y - SPACING - height);
        }
    }
}

static void
snapshot_titles (GlossConfusionChart *self,
                 GtkSnapshot         *snapshot,
                 const Geometry      *g,
                 const GdkRGBA       *foreground)
{
  const Metrics *m = &g->metrics;
  double side = g->cell * self->n_categories;
  int width, height;

  if (self->column_title != NULL)
    {
      g_autoptr(PangoLayout) layout = create_title_layout (self, self->column_title);
      double x;

      pango_layout_get_pixel_size (layout, &width, &height);
      x = MAX (MARGIN, g->grid_x + (side - width) / 2);
      append_layout_at (snapshot, layout, foreground, x,
                        g->grid_y - SPACING - m->column_names_height - SPACING - height);
    }

  if (self->row_title != NULL)
    {
      g_autoptr(PangoLayout) layout = create_title_layout (self, self->row_title);
      double y;

      pango_layout_get_pixel_size (layout, &width, &height);
      /* Centred beside the grid, reading upwards. */
      y = MAX (MARGIN + width, g->grid_y + (side + width) / 2);
      append_vertical_layout_at (snapshot, layout, foreground,
                                 g->grid_x - SPACING - m->row_names_width - SPACING - height,
                                 y);
    }
}

static void
gloss_confusion_chart_snapshot (GtkWidget   *widget,
                                GtkSnapshot *snapshot)
{
  GlossConfusionChart *self = GLOSS_CONFUSION_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkRGBA foreground = get_foreground (self);
  GdkRGBA background, agreement, disagreement;
  Geometry g;

  if (self->n_categories == 0)
    {
      g_autoptr(PangoLayout) layout = create_empty_layout (self);
      GdkRGBA dim = foreground;
      int layout_width, layout_height;

      dim.alpha *= DIM_ALPHA;
      pango_layout_get_pixel_size (layout, &layout_width, &layout_height);
      append_layout_at (snapshot, layout, &dim,
                        floor ((width - layout_width) / 2.0),
                        floor ((height - layout_height) / 2.0));
      return;
    }

  background = guess_background (self, &foreground);
  gdk_rgba_parse (&agreement, AGREEMENT_COLOR);
  gdk_rgba_parse (&disagreement, DISAGREEMENT_COLOR);
  compute_geometry (self, width, height, &g);

  snapshot_cells (self, snapshot, &g, &foreground, &background, &agreement, &disagreement);
  snapshot_counts (self, snapshot, &g, &foreground, &background, &agreement, &disagreement);
  snapshot_names (self, snapshot, &g, &foreground);
  snapshot_titles (self, snapshot, &g, &foreground);
}

static gboolean
gloss_confusion_chart_query_tooltip (GtkWidget  *widget,
                                     int         x,
                                     int         y,
                                     gboolean    keyboard_mode,
                                     GtkTooltip *tooltip)
{
  GlossConfusionChart *self = GLOSS_CONFUSION_CHART (widget);
  g_autofree char *text = NULL;
  Geometry g;
  double side;
  gboolean on_grid_x, on_grid_y;
  guint row, column;

  if (keyboard_mode || self->n_categories == 0)
    return FALSE;

  compute_geometry (self, gtk_widget_get_width (widget), gtk_widget_get_height (widget), &g);
  side = g.cell * self->n_categories;
  if (x >= g.grid_x + side || y >= g.grid_y + side)
    return FALSE;

  /* Left of the grid are the row names, above it the column names: their
   * tooltips give the annotator's total for the category. */
  on_grid_x = x >= g.grid_x;
  on_grid_y = y >= g.grid_y;
  row = on_grid_y ? (guint)((y - g.grid_y) / g.cell) : 0;
  column = on_grid_x ? (guint)((x - g.grid_x) / g.cell) : 0;

  if (on_grid_x && on_grid_y)
    text = dup_cell_description (self, row, column);
  else if (on_grid_y)
    text = dup_total_description (self, GTK_ORIENTATION_HORIZONTAL, row);
  else if (on_grid_x)
    text = dup_total_description (self, GTK_ORIENTATION_VERTICAL, column);
  else
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);

  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Accessibility                                                        */
/* ------------------------------------------------------------------ */

static void
update_accessible (GlossConfusionChart *self)
{
  g_autofree char *label = NULL;
  g_autoptr(GString) description = g_string_new (NULL);
  guint n = self->n_categories;
  guint64 agreed = 0, total = 0, worst = 0;
  guint worst_row = 0, worst_column = 0;

  if (n == 0)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      /* Translators: the accessible name of the chart. */
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Label confusion matrix"),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("No figures yet"),
                                      -1);
      return;
    }

  if (self->row_title != NULL && self->column_title != NULL &&
      g_strcmp0 (self->row_title, self->column_title) != 0)
    /* Translators: the accessible name of the chart: the two annotators
     * compared, and the number of categories (labels and O), e.g.
     * "Label confusion matrix, alice against bilal, 7 categories". */
    label = g_strdup_printf (ngettext ("Label confusion matrix, %s against %s, %u category",
                                       "Label confusion matrix, %s against %s, %u categories",
                                       n),
                             self->row_title, self->column_title, n);
  else if (self->row_title != NULL || self->column_title != NULL)
    /* Translators: the accessible name of the chart: what is compared
     * (e.g. "all pairs"), and the number of categories. */
    label = g_strdup_printf (ngettext ("Label confusion matrix, %s, %u category",
                                       "Label confusion matrix, %s, %u categories",
                                       n),
                             self->row_title != NULL ? self->row_title : self->column_title, n);
  else
    /* Translators: the accessible name of the chart, with the number of
     * categories (labels and O). */
    label = g_strdup_printf (ngettext ("Label confusion matrix, %u category",
                                       "Label confusion matrix, %u categories",
                                       n),
                             n);

  for (guint row = 0; row < n; row++)
    for (guint column = 0; column < n; column++)
      {
        guint64 count = get_count (self, row, column);

        total += count;
        if (row == column)
          agreed += count;
        else if (count > worst)
          {
            worst = count;
            worst_row = row;
            worst_column = column;
          }
      }

  {
    g_autofree char *agreed_text = format_count (agreed);
    g_autofree char *total_text = format_count (total);

    g_string_append_printf (description,
                            /* Translators: the accessible description of the
                             * chart: tokens given the same category by both
                             * annotators, of all tokens compared, e.g.
                             * "Agreement on 120 of 130 tokens." */
                            ngettext ("Agreement on %s of %s token.",
                                      "Agreement on %s of %s tokens.",
                                      plural_count (total)),
                            agreed_text, total_text);
  }

  g_string_append_c (description, ' ');
  if (worst > 0)
    {
      g_autofree char *cell = dup_cell_description (self, worst_row, worst_column);

      /* Translators: the accessible description of the chart, after the
       * agreement; %s is e.g. "alice: Person, bilal: Organization — 3 tokens". */
      g_string_append_printf (description, _("Most frequent disagreement: %s."), cell);
    }
  else
    /* Translators: the accessible description of the chart, after the agreement. */
    g_string_append (description, _("No disagreement."));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str,
                                  -1);
}

/* ------------------------------------------------------------------ */
/* GObject                                                              */
/* ------------------------------------------------------------------ */

static void
gloss_confusion_chart_finalize (GObject *object)
{
  GlossConfusionChart *self = GLOSS_CONFUSION_CHART (object);

  g_clear_pointer (&self->names, g_strfreev);
  g_clear_pointer (&self->counts, g_free);
  g_clear_pointer (&self->row_title, g_free);
  g_clear_pointer (&self->column_title, g_free);

  G_OBJECT_CLASS (gloss_confusion_chart_parent_class)->finalize (object);
}

static void
gloss_confusion_chart_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  GlossConfusionChart *self = GLOSS_CONFUSION_CHART (object);

  switch (prop_id)
    {
    case PROP_N_CATEGORIES:
      g_value_set_uint (value, self->n_categories);
      break;
    case PROP_ROW_TITLE:
      g_value_set_string (value, self->row_title);
      break;
    case PROP_COLUMN_TITLE:
      g_value_set_string (value, self->column_title);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_confusion_chart_class_init (GlossConfusionChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = gloss_confusion_chart_finalize;
  object_class->get_property = gloss_confusion_chart_get_property;

  widget_class->measure = gloss_confusion_chart_measure;
  widget_class->snapshot = gloss_confusion_chart_snapshot;
  widget_class->query_tooltip = gloss_confusion_chart_query_tooltip;

  properties[PROP_N_CATEGORIES] =
    g_param_spec_uint ("n-categories", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_ROW_TITLE] =
    g_param_spec_string ("row-title", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_COLUMN_TITLE] =
    g_param_spec_string ("column-title", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "confusionchart");
  /* A picture of figures; the label and description say what it shows. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
gloss_confusion_chart_init (GlossConfusionChart *self)
{
  self->names = g_new0 (char *, 1);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  update_accessible (self);
}

/* ------------------------------------------------------------------ */
/* Public API                                                           */
/* ------------------------------------------------------------------ */

/* g_set_str() is GLib 2.76. */
static gboolean
replace_string (char       **field,
                const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

GtkWidget *
gloss_confusion_chart_new (void)
{
  return g_object_new (GLOSS_TYPE_CONFUSION_CHART, NULL);
}

void
gloss_confusion_chart_set_matrix (GlossConfusionChart *self,
                                  const char * const  *names,
                                  const guint64       *counts,
                                  guint                n_categories,
                                  const char          *row_title,
                                  const char          *column_title)
{
  guint old_n;
  gsize n_cells;

  g_return_if_fail (GLOSS_IS_CONFUSION_CHART (self));
  g_return_if_fail (counts == NULL || n_categories == 0 || names != NULL);
  /* n² counts must fit in memory; 65,535 categories is beyond any label set. */
  g_return_if_fail (n_categories <= G_MAXUINT16);

  if (counts == NULL)
    n_categories = 0;

  old_n = self->n_categories;
  n_cells = (gsize)n_categories * n_categories;

  g_object_freeze_notify (G_OBJECT (self));

  g_strfreev (self->names);
  self->names = g_new0 (char *, n_categories + 1);
  for (guint i = 0; i < n_categories; i++)
    self->names[i] = g_strdup (names[i] != NULL ? names[i] : "");

  g_free (self->counts);
  self->counts = n_cells > 0 ? g_memdup2 (counts, n_cells * sizeof (guint64)) : NULL;
  self->n_categories = n_categories;

  self->scale_max = 0;
  for (guint row = 0; row < n_categories; row++)
    for (guint column = 0; column < n_categories; column++)
      if (!is_excluded (self, row, column))
        self->scale_max = MAX (self->scale_max, get_count (self, row, column));

  if (old_n != n_categories)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CATEGORIES]);
  if (replace_string (&self->row_title, row_title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROW_TITLE]);
  if (replace_string (&self->column_title, column_title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLUMN_TITLE]);

  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));

  g_object_thaw_notify (G_OBJECT (self));
}

guint
gloss_confusion_chart_get_n_categories (GlossConfusionChart *self)
{
  g_return_val_if_fail (GLOSS_IS_CONFUSION_CHART (self), 0);

  return self->n_categories;
}

const char *
gloss_confusion_chart_get_row_title (GlossConfusionChart *self)
{
  g_return_val_if_fail (GLOSS_IS_CONFUSION_CHART (self), NULL);

  return self->row_title;
}

const char *
gloss_confusion_chart_get_column_title (GlossConfusionChart *self)
{
  g_return_val_if_fail (GLOSS_IS_CONFUSION_CHART (self), NULL);

  return self->column_title;
}

double
gloss_confusion_chart_get_cell_intensity (GlossConfusionChart *self,
                                          guint                row,
                                          guint                column)
{
  g_return_val_if_fail (GLOSS_IS_CONFUSION_CHART (self), 0.0);
  g_return_val_if_fail (row < self->n_categories && column < self->n_categories, 0.0);

  return cell_intensity (self, row, column);
}

char *
gloss_confusion_chart_dup_cell_text (GlossConfusionChart *self,
                                     guint                row,
                                     guint                column)
{
  g_return_val_if_fail (GLOSS_IS_CONFUSION_CHART (self), NULL);
  g_return_val_if_fail (row < self->n_categories && column < self->n_categories, NULL);

  return format_count (get_count (self, row, column));
}

gboolean
gloss_confusion_chart_get_cell_bounds (GlossConfusionChart *self,
                                       guint                row,
                                       guint                column,
                                       graphene_rect_t     *bounds)
{
  GtkWidget *widget = GTK_WIDGET (self);
  Geometry g;

  g_return_val_if_fail (GLOSS_IS_CONFUSION_CHART (self), FALSE);
  g_return_val_if_fail (bounds != NULL, FALSE);

  if (row >= self->n_categories || column >= self->n_categories ||
      gtk_widget_get_width (widget) <= 0 || gtk_widget_get_height (widget) <= 0)
    return FALSE;

  compute_geometry (self, gtk_widget_get_width (widget), gtk_widget_get_height (widget), &g);
  cell_rect (&g, row, column, bounds);

  return TRUE;
}
