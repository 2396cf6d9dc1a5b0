/* test-confusion-chart.c — the label confusion matrix: its scale, text and pixels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb (tests/ui/xvfb-test-wrapper.sh); skips with no display.
 * GTK_A11Y=test GSK_RENDERER=cairo GDK_BACKEND=x11 are expected, as set
 * by the wrapper.
 *
 * GLOSS_CONFUSION_PNG_DIR, if set, is where the light and dark renderings
 * are written (confusion-light.png, confusion-dark.png, confusion-empty.png,
 * confusion-many.png, confusion-many-small.png); /tmp otherwise.
 */
#include "config.h"

#include <math.h>

#include <gtk/gtk.h>

#include "gloss-confusion-chart-private.h"
#include "gloss-ui-test.h"

#define N 4
#define TIMEOUT_MS 20000  /* generous: CI machines are busy */

/* alice's category (rows) against bilal's (columns). The largest count
 * outside the last diagonal cell is 10 (Person, Person); (O, O), at 500,
 * must not set the scale. */
static const char * const names[N] = { "Person", "Organization", "Location", "O" };
static const guint64 counts[N * N] = {
  10, 3, 0, 2,
   7, 8, 0, 0,
   0, 0, 5, 1,
   4, 0, 2, 500,
};

/* ------------------------------------------------------------------ */
/* Helpers                                                              */
/* ------------------------------------------------------------------ */

static void
save_png (GdkTexture *texture,
          const char *name)
{
  g_autofree char *path = gloss_ui_test_output_path ("GLOSS_CONFUSION_PNG_DIR", name);

  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("rendering saved to %s", path);
}

typedef struct
{
  double r, g, b;   /* 0..1 */
} Pixel;

static Pixel
image_pixel (const GlossUiTestImage *image,
             int                     x,
             int                     y)
{
  guchar r, g, b;

  /* Premultiplied, but the window is opaque. */
  gloss_ui_test_image_get_rgb (image, x, y, &r, &g, &b);
  return (Pixel) { r / 255.0, g / 255.0, b / 255.0 };
}

static double
linear_channel (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
luminance (Pixel p)
{
  return 0.2126 * linear_channel (p.r) + 0.7152 * linear_channel (p.g) + 0.0722 * linear_channel (p.b);
}

static double
contrast_ratio (Pixel a,
                Pixel b)
{
  double la = luminance (a);
  double lb = luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

static double
distance (Pixel a,
          Pixel b)
{
  return fabs (a.r - b.r) + fabs (a.g - b.g) + fabs (a.b - b.b);
}

/* The hue angle in degrees (0 red, 30 orange, 210 blue), -1 for a grey. */
static double
hue (Pixel p)
{
  double max = MAX (p.r, MAX (p.g, p.b));
  double min = MIN (p.r, MIN (p.g, p.b));
  double h;

  if (max - min < 0.04)
    return -1;

  if (max == p.r)
    h = 60 * fmod ((p.g - p.b) / (max - min), 6);
  else if (max == p.g)
    h = 60 * ((p.b - p.r) / (max - min) + 2);
  else
    h = 60 * ((p.r - p.g) / (max - min) + 4);

  return h < 0 ? h + 360 : h;
}

/* Cell (@row, @column) in @window's coordinates. */
static graphene_rect_t
cell_in_window (GlossConfusionChart *chart,
                GtkWidget           *window,
                guint                row,
                guint                column)
{
  graphene_rect_t bounds;
  graphene_point_t origin;

  g_assert_true (gloss_confusion_chart_get_cell_bounds (chart, row, column, &bounds));
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (chart), window, &bounds.origin, &origin));
  bounds.origin = origin;

  return bounds;
}

/* A pixel near the top left corner of a cell: its fill, clear of the count
 * (centred) and of the outline (the edge). */
static Pixel
fill_pixel (const GlossUiTestImage *image,
            const graphene_rect_t  *cell)
{
  return image_pixel (image, (int)cell->origin.x + 5, (int)cell->origin.y + 5);
}

/* The pixel of the middle third of @cell that differs most from its fill:
 * a stroke of the count. */
static Pixel
text_pixel (const GlossUiTestImage *image,
            const graphene_rect_t  *cell,
            Pixel                   fill)
{
  int x0 = (int)(cell->origin.x + cell->size.width / 4);
  int x1 = (int)(cell->origin.x + cell->size.width * 3 / 4);
  int y0 = (int)(cell->origin.y + cell->size.height / 3);
  int y1 = (int)(cell->origin.y + cell->size.height * 2 / 3);
  Pixel best = fill;

  for (int y = y0; y <= y1; y++)
    for (int x = x0; x <= x1; x++)
      {
        Pixel p = image_pixel (image, x, y);

        if (distance (p, fill) > distance (best, fill))
          best = p;
      }

  return best;
}

static GlossConfusionChart *
new_chart (void)
{
  GtkWidget *chart = gloss_confusion_chart_new ();

  gloss_confusion_chart_set_matrix (GLOSS_CONFUSION_CHART (chart), names, counts, N,
                                    "alice", "bilal");
  return GLOSS_CONFUSION_CHART (chart);
}

/* ------------------------------------------------------------------ */
/* Tests                                                                */
/* ------------------------------------------------------------------ */

static void
test_intensities (void)
{
  GlossConfusionChart *chart = g_object_ref_sink (new_chart ());

  g_assert_cmpuint (gloss_confusion_chart_get_n_categories (chart), ==, N);

  /* The largest count but (O, O) is the top of the scale... */
  g_assert_cmpfloat_with_epsilon (gloss_confusion_chart_get_cell_intensity (chart, 0, 0), 1.0, 1e-9);
  /* ...which is linear in the count... */
  g_assert_cmpfloat_with_epsilon (gloss_confusion_chart_get_cell_intensity (chart, 1, 0), 0.7, 1e-9);
  g_assert_cmpfloat_with_epsilon (gloss_confusion_chart_get_cell_intensity (chart, 0, 1), 0.3, 1e-9);
  g_assert_cmpfloat_with_epsilon (gloss_confusion_chart_get_cell_intensity (chart, 3, 0), 0.4, 1e-9);
  /* ...from nothing for an empty cell... */
  g_assert_cmpfloat (gloss_confusion_chart_get_cell_intensity (chart, 0, 2), ==, 0.0);
  g_assert_cmpfloat (gloss_confusion_chart_get_cell_intensity (chart, 2, 0), ==, 0.0);
  /* ...and (O, O), 50 times the largest, is off it. */
  g_assert_cmpfloat (gloss_confusion_chart_get_cell_intensity (chart, 3, 3), ==, 0.0);

  for (guint row = 0; row < N; row++)
    for (guint column = 0; column < N; column++)
      {
        double intensity = gloss_confusion_chart_get_cell_intensity (chart, row, column);

        g_assert_cmpfloat (intensity, >=, 0.0);
        g_assert_cmpfloat (intensity, <=, 1.0);
      }

  /* With one category there is no (O, O) to leave out. */
  {
    static const char * const one_name[] = { "O" };
    static const guint64 one_count[] = { 7 };

    gloss_confusion_chart_set_matrix (chart, one_name, one_count, 1, "alice", "bilal");
    g_assert_cmpuint (gloss_confusion_chart_get_n_categories (chart), ==, 1);
    g_assert_cmpfloat_with_epsilon (gloss_confusion_chart_get_cell_intensity (chart, 0, 0), 1.0, 1e-9);
  }

  /* Nothing but zeros: no division by zero. */
  {
    static const guint64 zeros[N * N] = { 0 };

    gloss_confusion_chart_set_matrix (chart, names, zeros, N, NULL, NULL);
    for (guint row = 0; row < N; row++)
      for (guint column = 0; column < N; column++)
        g_assert_cmpfloat (gloss_confusion_chart_get_cell_intensity (chart, row, column), ==, 0.0);
  }

  /* Only (O, O) counted: everything else is on an empty scale. */
  {
    static const guint64 only_o[N * N] = { [N * N - 1] = 42 };

    gloss_confusion_chart_set_matrix (chart, names, only_o, N, NULL, NULL);
    g_assert_cmpfloat (gloss_confusion_chart_get_cell_intensity (chart, 3, 3), ==, 0.0);
    g_assert_cmpfloat (gloss_confusion_chart_get_cell_intensity (chart, 0, 0), ==, 0.0);
  }

  g_object_unref (chart);
}

static void
test_cell_text (void)
{
  GlossConfusionChart *chart = g_object_ref_sink (new_chart ());
  static const guint64 big[] = { G_MAXUINT64 };
  static const char * const one_name[] = { "O" };

  for (guint row = 0; row < N; row++)
    for (guint column = 0; column < N; column++)
      {
        g_autofree char *text = gloss_confusion_chart_dup_cell_text (chart, row, column);
        g_autofree char *expected = g_strdup_printf ("%" G_GUINT64_FORMAT, counts[row * N + column]);

        g_assert_cmpstr (text, ==, expected);
      }

  {
    g_autofree char *text = gloss_confusion_chart_dup_cell_text (chart, 3, 3);

    g_assert_cmpstr (text, ==, "500");
  }

  gloss_confusion_chart_set_matrix (chart, one_name, big, 1, NULL, NULL);
  {
    g_autofree char *text = gloss_confusion_chart_dup_cell_text (chart, 0, 0);

    g_assert_cmpstr (text, ==, "18446744073709551615");
  }

  g_object_unref (chart);
}

/* The chart keeps copies: the caller's arrays may go at once. */
static void
test_copies (void)
{
  GlossConfusionChart *chart = GLOSS_CONFUSION_CHART (gloss_confusion_chart_new ());
  GtkWidget *window;
  char **my_names = g_new0 (char *, N + 1);
  guint64 *my_counts = g_memdup2 (counts, sizeof counts);
  char *row_title = g_strdup ("alice");
  char *column_title = g_strdup ("bilal");

  for (guint i = 0; i < N; i++)
    my_names[i] = g_strdup (names[i]);

  gloss_confusion_chart_set_matrix (chart, (const char * const *)my_names, my_counts, N,
                                    row_title, column_title);

  /* Scribble over them before freeing, so that a kept pointer shows. */
  for (guint i = 0; i < N; i++)
    memset (my_names[i], 'x', strlen (my_names[i]));
  memset (my_counts, 0xff, sizeof counts);
  memset (row_title, 'x', strlen (row_title));
  g_strfreev (my_names);
  g_free (my_counts);
  g_free (row_title);
  g_free (column_title);

  g_assert_cmpstr (gloss_confusion_chart_get_row_title (chart), ==, "alice");
  g_assert_cmpstr (gloss_confusion_chart_get_column_title (chart), ==, "bilal");
  g_assert_cmpfloat_with_epsilon (gloss_confusion_chart_get_cell_intensity (chart, 0, 1), 0.3, 1e-9);
  {
    g_autofree char *text = gloss_confusion_chart_dup_cell_text (chart, 1, 0);

    g_assert_cmpstr (text, ==, "7");
  }

  /* Drawing reads the names and counts too. */
  window = gloss_ui_test_show_in_window (GTK_WIDGET (chart), 500, 400, TIMEOUT_MS);
  gtk_test_accessible_assert_property (chart, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Agreement on 523 of 542 tokens. Most frequent "
                                       "disagreement: alice: Organization, bilal: Person — 7 tokens.");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Properties notify when set_matrix() changes them, and only then. */
static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *n_notified)
{
  (*n_notified)++;
}

static void
test_properties (void)
{
  GlossConfusionChart *chart = g_object_ref_sink (GLOSS_CONFUSION_CHART (gloss_confusion_chart_new ()));
  guint n_categories = 0, n_row_title = 0, n_column_title = 0;
  g_autofree char *row_title = NULL;
  guint n;

  g_signal_connect (chart, "notify::n-categories", G_CALLBACK (count_notify), &n_categories);
  g_signal_connect (chart, "notify::row-title", G_CALLBACK (count_notify), &n_row_title);
  g_signal_connect (chart, "notify::column-title", G_CALLBACK (count_notify), &n_column_title);

  gloss_confusion_chart_set_matrix (chart, names, counts, N, "alice", "bilal");
  g_assert_cmpuint (n_categories, ==, 1);
  g_assert_cmpuint (n_row_title, ==, 1);
  g_assert_cmpuint (n_column_title, ==, 1);

  gloss_confusion_chart_set_matrix (chart, names, counts, N, "alice", "carmen");
  g_assert_cmpuint (n_categories, ==, 1);
  g_assert_cmpuint (n_row_title, ==, 1);
  g_assert_cmpuint (n_column_title, ==, 2);

  g_object_get (chart, "n-categories", &n, "row-title", &row_title, NULL);
  g_assert_cmpuint (n, ==, N);
  g_assert_cmpstr (row_title, ==, "alice");

  /* NULL counts clear the chart. */
  gloss_confusion_chart_set_matrix (chart, names, NULL, N, NULL, NULL);
  g_assert_cmpuint (gloss_confusion_chart_get_n_categories (chart), ==, 0);
  g_assert_null (gloss_confusion_chart_get_row_title (chart));
  g_assert_cmpuint (n_categories, ==, 2);
  g_assert_cmpuint (n_row_title, ==, 2);
  g_assert_cmpuint (n_column_title, ==, 3);

  g_object_unref (chart);
}

static void
test_accessible (void)
{
  GlossConfusionChart *chart = g_object_ref_sink (GLOSS_CONFUSION_CHART (gloss_confusion_chart_new ()));
  static const char * const two_names[] = { "Person", "O" };
  static const guint64 two_counts[] = { 4, 1, 0, 90 };

  gtk_test_accessible_assert_role (chart, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_test_accessible_assert_property (chart, GTK_ACCESSIBLE_PROPERTY_LABEL, "Label confusion matrix");
  gtk_test_accessible_assert_property (chart, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "No figures yet");

  gloss_confusion_chart_set_matrix (chart, names, counts, N, "alice", "bilal");
  gtk_test_accessible_assert_property (chart, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Label confusion matrix, alice against bilal, 4 categories");

  /* Singular forms; the same title twice is said once. */
  gloss_confusion_chart_set_matrix (chart, two_names, two_counts, 2, "all pairs", "all pairs");
  gtk_test_accessible_assert_property (chart, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Label confusion matrix, all pairs, 2 categories");
  gtk_test_accessible_assert_property (chart, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Agreement on 94 of 95 tokens. Most frequent disagreement: "
                                       "all pairs: Person, all pairs: O — 1 token.");

  gloss_confusion_chart_set_matrix (chart, two_names, (const guint64[]) { 4, 0, 0, 90 }, 2, NULL, NULL);
  gtk_test_accessible_assert_property (chart, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Label confusion matrix, 2 categories");
  gtk_test_accessible_assert_property (chart, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Agreement on 94 of 94 tokens. No disagreement.");

  g_object_unref (chart);
}

/* The hover text, through the widget's own query-tooltip handler. */
static void
test_tooltip (void)
{
  GlossConfusionChart *chart = new_chart ();
  GtkWidget *window = gloss_ui_test_show_in_window (GTK_WIDGET (chart), 500, 400, TIMEOUT_MS);
  g_autoptr(GtkTooltip) tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
  graphene_rect_t cell;
  gboolean shown = FALSE;

  g_assert_true (gloss_confusion_chart_get_cell_bounds (chart, 0, 1, &cell));
  g_signal_emit_by_name (chart, "query-tooltip",
                         (int)(cell.origin.x + cell.size.width / 2),
                         (int)(cell.origin.y + cell.size.height / 2),
                         FALSE, tooltip, &shown);
  g_assert_true (shown);

  /* Outside the grid, right and below: nothing. */
  shown = TRUE;
  g_assert_true (gloss_confusion_chart_get_cell_bounds (chart, N - 1, N - 1, &cell));
  g_signal_emit_by_name (chart, "query-tooltip",
                         (int)(cell.origin.x + cell.size.width + 4),
                         (int)(cell.origin.y + cell.size.height + 4),
                         FALSE, tooltip, &shown);
  g_assert_false (shown);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* No categories: the message, at a sensible size, and no crash. */
static void
test_empty (void)
{
  GtkWidget *chart = gloss_confusion_chart_new ();
  GtkWidget *window;
  graphene_rect_t bounds;
  int minimum, natural;

  gtk_widget_measure (chart, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, >, 0);
  g_assert_cmpint (natural, >=, minimum);

  window = gloss_ui_test_show_in_window (chart, 300, 200, TIMEOUT_MS);
  g_assert_cmpuint (gloss_confusion_chart_get_n_categories (GLOSS_CONFUSION_CHART (chart)), ==, 0);
  g_assert_false (gloss_confusion_chart_get_cell_bounds (GLOSS_CONFUSION_CHART (chart), 0, 0, &bounds));
  {
    g_autoptr(GdkTexture) texture = gloss_ui_test_render_texture (window);

    g_assert_nonnull (texture);
    save_png (texture, "confusion-empty.png");
  }

  /* Filled, then cleared again. */
  gloss_confusion_chart_set_matrix (GLOSS_CONFUSION_CHART (chart), names, counts, N, "alice", "bilal");
  gloss_ui_test_wait_for_frame (window, TIMEOUT_MS);
  gloss_confusion_chart_set_matrix (GLOSS_CONFUSION_CHART (chart), NULL, NULL, 0, NULL, NULL);
  gloss_ui_test_wait_for_frame (window, TIMEOUT_MS);
  g_assert_cmpuint (gloss_confusion_chart_get_n_categories (GLOSS_CONFUSION_CHART (chart)), ==, 0);
  gtk_test_accessible_assert_property (chart, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "No figures yet");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* 40 to 56 pixels a cell at the natural size, plus the names. */
static void
test_sizes (void)
{
  static const guint sizes[] = { 1, 4, 20 };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      GtkWidget *chart = g_object_ref_sink (gloss_confusion_chart_new ());
      guint n = sizes[i];
      g_autofree guint64 *many = g_new0 (guint64, n * n);
      g_autoptr(GPtrArray) many_names = g_ptr_array_new_with_free_func (g_free);
      int minimum, natural, natural_height;

      for (guint k = 0; k < n; k++)
        g_ptr_array_add (many_names, g_strdup_printf ("Label %u", k));
      for (guint k = 0; k < n * n; k++)
        many[k] = (k * 7919) % 97;

      gloss_confusion_chart_set_matrix (GLOSS_CONFUSION_CHART (chart),
                                        (const char * const *)many_names->pdata, many, n,
                                        "alice", "bilal");
      gtk_widget_measure (chart, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
      gtk_widget_measure (chart, GTK_ORIENTATION_VERTICAL, -1, NULL, &natural_height, NULL, NULL);
      g_test_message ("%u categories: minimum width %d, natural %d × %d", n, minimum, natural, natural_height);

      g_assert_cmpint (minimum, <=, natural);
      g_assert_cmpint (natural, >=, (int)n * 40);
      g_assert_cmpint (natural, <=, (int)n * 56 + 300);
      g_assert_cmpint (natural_height, >=, (int)n * 40);
      g_assert_cmpint (natural_height, <=, (int)n * 56 + 300);

      g_object_unref (chart);
    }
}

/* Checks a rendering of the standard chart, in the current style. The
 * window is rendered, not the chart alone: the chart draws translucent
 * fills over the window's background, which is what a reader sees. */
static void
check_rendering (GtkWidget           *window,
                 GlossConfusionChart *chart,
                 const char          *png_name,
                 gboolean             dark)
{
  g_autoptr(GdkTexture) texture = gloss_ui_test_render_texture (window);
  g_autoptr(GlossUiTestImage) image = gloss_ui_test_image_new (texture);
  graphene_rect_t agreement_cell = cell_in_window (chart, window, 0, 0);
  graphene_rect_t confusion_cell = cell_in_window (chart, window, 1, 0);
  graphene_rect_t faint_cell = cell_in_window (chart, window, 0, 1);
  graphene_rect_t empty_cell = cell_in_window (chart, window, 2, 0);
  graphene_rect_t o_cell = cell_in_window (chart, window, 3, 3);
  Pixel background = image_pixel (image, 2, 2);
  Pixel agreement = fill_pixel (image, &agreement_cell);
  Pixel confusion = fill_pixel (image, &confusion_cell);
  Pixel faint = fill_pixel (image, &faint_cell);
  Pixel empty = fill_pixel (image, &empty_cell);
  Pixel o_fill = fill_pixel (image, &o_cell);
  double agreement_hue = hue (agreement);
  double confusion_hue = hue (confusion);

  save_png (texture, png_name);

  g_test_message ("%s: background %.2f,%.2f,%.2f; agreement %.2f,%.2f,%.2f (hue %.0f); "
                  "confusion %.2f,%.2f,%.2f (hue %.0f); empty %.2f,%.2f,%.2f",
                  png_name, background.r, background.g, background.b,
                  agreement.r, agreement.g, agreement.b, agreement_hue,
                  confusion.r, confusion.g, confusion.b, confusion_hue,
                  empty.r, empty.g, empty.b);

  /* The style took: a dark window in the dark style, a light one otherwise. */
  if (dark)
    g_assert_cmpfloat (luminance (background), <, 0.1);
  else
    g_assert_cmpfloat (luminance (background), >, 0.6);

  /* Agreement is blue, confusion orange: hues well apart. */
  g_assert_cmpfloat (agreement_hue, >=, 190);
  g_assert_cmpfloat (agreement_hue, <=, 240);
  g_assert_cmpfloat (confusion_hue, >=, 10);
  g_assert_cmpfloat (confusion_hue, <=, 45);

  /* A strong fill stands out; a weak one less, an empty cell barely. */
  g_assert_cmpfloat (distance (agreement, background), >, 0.6);
  g_assert_cmpfloat (distance (faint, background), >, 0.15);
  g_assert_cmpfloat (distance (faint, background), <, distance (confusion, background));
  g_assert_cmpfloat (distance (empty, background), <, 0.12);
  /* (O, O) is off the scale: no strong fill despite the largest count. */
  g_assert_cmpfloat (distance (o_fill, background), <, 0.3);

  /* Diagonal cells are outlined in the agreement colour; others not. */
  {
    Pixel edge = image_pixel (image, (int)(agreement_cell.origin.x + agreement_cell.size.width / 2),
                              (int)agreement_cell.origin.y);
    Pixel empty_edge = image_pixel (image, (int)(empty_cell.origin.x + empty_cell.size.width / 2),
                                    (int)empty_cell.origin.y);

    g_assert_cmpfloat (hue (edge), >=, 190);
    g_assert_cmpfloat (hue (edge), <=, 240);
    g_assert_cmpfloat (distance (empty_edge, background), <, 0.12);
  }

  /* Every count is legible against its own cell: the strong ones, the faint
   * one, and 500 over the hatching. */
  {
    const graphene_rect_t *cells[] = { &agreement_cell, &confusion_cell, &faint_cell, &o_cell };

    for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
      {
        Pixel fill = fill_pixel (image, cells[i]);
        Pixel text = text_pixel (image, cells[i], fill);
        double ratio = contrast_ratio (text, fill);

        g_test_message ("%s: cell %u: text %.2f,%.2f,%.2f on %.2f,%.2f,%.2f, contrast %.1f",
                        png_name, i, text.r, text.g, text.b, fill.r, fill.g, fill.b, ratio);
        g_assert_cmpfloat (ratio, >=, 4.5);
      }
  }
}

static gboolean
is_dark_background (gpointer data)
{
  GtkWidget *window = data;
  g_autoptr(GdkTexture) texture = gloss_ui_test_render_texture (window);
  g_autoptr(GlossUiTestImage) image = gloss_ui_test_image_new (texture);

  return luminance (image_pixel (image, 2, 2)) < 0.1;
}

static void
test_rendering (void)
{
  GlossConfusionChart *chart = new_chart ();
  GtkWidget *window = gloss_ui_test_show_in_window (GTK_WIDGET (chart), 460, 400, TIMEOUT_MS);
  GtkSettings *settings = gtk_settings_get_default ();

  check_rendering (window, chart, "confusion-light.png", FALSE);

  g_object_set (settings, "gtk-application-prefer-dark-theme", TRUE, NULL);
  g_assert_true (gloss_ui_test_spin_until (is_dark_background, window, TIMEOUT_MS));
  gloss_ui_test_wait_for_frame (window, TIMEOUT_MS);
  check_rendering (window, chart, "confusion-dark.png", TRUE);
  g_object_set (settings, "gtk-application-prefer-dark-theme", FALSE, NULL);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Twenty categories with long names: drawn, names cut, nothing crashes. */
static void
test_many (void)
{
  static const char * const long_names[] = {
    "Person", "Organization", "Location", "Geopolitical entity", "Facility",
    "Product", "Event", "Work of art", "Law", "Language",
    "Date", "Time", "Percent", "Money", "Quantity",
    "Ordinal", "Cardinal", "Nationality, religious or political group", "Quote", "O",
  };
  guint n = G_N_ELEMENTS (long_names);
  g_autofree guint64 *many = g_new0 (guint64, n * n);
  GlossConfusionChart *chart = GLOSS_CONFUSION_CHART (gloss_confusion_chart_new ());
  GtkWidget *window;

  for (guint row = 0; row < n; row++)
    for (guint column = 0; column < n; column++)
      many[row * n + column] = row == column ? 20 + row * 9 : (row * 31 + column * 17) % 11 < 3 ? (row + column) % 6 : 0;
  many[n * n - 1] = 48213;

  gloss_confusion_chart_set_matrix (chart, long_names, many, n, "alice", "bilal");
  window = gloss_ui_test_show_in_window (GTK_WIDGET (chart), 1200, 1150, TIMEOUT_MS);
  {
    g_autoptr(GdkTexture) texture = gloss_ui_test_render_texture (window);

    save_png (texture, "confusion-many.png");
  }

  gtk_window_destroy (GTK_WINDOW (window));

  /* Below the natural size: smaller cells, (O, O)'s count shrunk to fit. */
  chart = GLOSS_CONFUSION_CHART (gloss_confusion_chart_new ());
  gloss_confusion_chart_set_matrix (chart, long_names, many, n, "alice", "bilal");
  window = gloss_ui_test_show_in_window (GTK_WIDGET (chart), 700, 700, TIMEOUT_MS);
  {
    g_autoptr(GdkTexture) texture = gloss_ui_test_render_texture (window);
    graphene_rect_t cell;

    g_assert_true (gloss_confusion_chart_get_cell_bounds (chart, 0, 0, &cell));
    g_assert_cmpfloat (cell.size.width, <, 40);
    g_assert_cmpfloat (cell.size.width, >=, 24);
    save_png (texture, "confusion-many-small.png");
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gloss_ui_test_init (&argc, &argv);
  if (!gloss_ui_test_init_gtk ())
    return 0;

  g_test_add_func ("/confusion-chart/intensities", test_intensities);
  g_test_add_func ("/confusion-chart/cell-text", test_cell_text);
  g_test_add_func ("/confusion-chart/copies", test_copies);
  g_test_add_func ("/confusion-chart/properties", test_properties);
  g_test_add_func ("/confusion-chart/accessible", test_accessible);
  g_test_add_func ("/confusion-chart/tooltip", test_tooltip);
  g_test_add_func ("/confusion-chart/empty", test_empty);
  g_test_add_func ("/confusion-chart/sizes", test_sizes);
  g_test_add_func ("/confusion-chart/rendering", test_rendering);
  g_test_add_func ("/confusion-chart/many", test_many);

  return g_test_run ();
}
