/* gloss-color.h — how annotations look, computed: blending, WCAG contrast,
 * colour distance, and the rules the article view draws by
 *
 * Everything here is arithmetic on colours, so it is tested without a
 * display (tests/test-colors.c). The app reads the theme's colours into a
 * GlossColorScheme and asks it what to draw; the rules live here:
 *
 *  - a label's tint (the fill under a claim, quote or entity) is its colour
 *    at an alpha that keeps the text readable (≥ 7:1) and never passes for
 *    the text selection (a CIEDE2000 distance of at least
 *    GLOSS_COLOR_MIN_SELECTION_DELTA_E from it, focused or not);
 *  - a line (an entity's underline, a review lane) has at least 3:1 against
 *    what it is drawn on (WCAG 2.1, 1.4.11 non-text contrast), 4.5:1 and
 *    thicker in high contrast;
 *  - fills are stacked quotes first, then claims, so that a claim inside a
 *    quote keeps the claim's hue;
 *  - search matches are a solid yellow with text that reads on it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "gloss-label.h"

G_BEGIN_DECLS

/* Components in 0…1, not premultiplied; the layout of GdkRGBA, so the app
 * can convert with a plain copy of the four fields. */
typedef struct
{
  double red;
  double green;
  double blue;
  double alpha;
} GlossColor;

/* The least CIEDE2000 distance between a tint (over the background) and the
 * focused text selection: below it, a highlight looks selected. The
 * unfocused selection (a faint grey) needs less, being no colour at all. */
#define GLOSS_COLOR_MIN_SELECTION_DELTA_E           10.0
#define GLOSS_COLOR_MIN_UNFOCUSED_SELECTION_DELTA_E  4.0
/* Text on a tint or a search match: WCAG AAA for body text. */
#define GLOSS_COLOR_MIN_TEXT_CONTRAST                7.0
/* Lines: WCAG 1.4.11 (3:1) for graphics; more in high contrast. */
#define GLOSS_COLOR_MIN_LINE_CONTRAST                3.0
#define GLOSS_COLOR_MIN_LINE_CONTRAST_HC             4.5

/* "#rrggbb" or "#rgb" (either case); FALSE and @color untouched otherwise. */
gboolean    gloss_color_parse           (const char *spec,
                                         GlossColor *color);
/* "#rrggbb", for messages and tests; alpha is left out. */
char       *gloss_color_to_string       (GlossColor  color);

GlossColor  gloss_color_with_alpha      (GlossColor  color,
                                         double      alpha);
/* @top composited over @bottom ("source over"). */
GlossColor  gloss_color_over            (GlossColor  top,
                                         GlossColor  bottom);
/* @a and @b mixed: @t = 0 gives @a, 1 gives @b (alpha too). */
GlossColor  gloss_color_mix             (GlossColor  a,
                                         GlossColor  b,
                                         double      t);

/* WCAG 2.1 relative luminance (0 black … 1 white); alpha ignored. */
double      gloss_color_luminance       (GlossColor  color);
/* WCAG 2.1 contrast ratio, 1…21, of two opaque colours. */
double      gloss_color_contrast        (GlossColor  a,
                                         GlossColor  b);
/* CIEDE2000 colour difference of two opaque colours (about 1 is the least
 * a person sees side by side; 10 is plainly another colour). */
double      gloss_color_delta_e         (GlossColor  a,
                                         GlossColor  b);
/* The CIELAB hue angle in degrees, 0…360 (red ~40, yellow ~90, green
 * ~140, blue ~280), and the chroma (0 for greys) in @chroma if not NULL. */
double      gloss_color_hue             (GlossColor  color,
                                         double     *chroma);
/* The smallest difference between two hue angles, 0…180. */
double      gloss_color_hue_distance    (double      a,
                                         double      b);

/* @color, darkened or lightened (towards black or white, whichever
 * @background lets reach further) just enough to have @ratio against
 * @background; as near as it gets if @ratio cannot be reached. Opaque. */
GlossColor  gloss_color_ensure_contrast (GlossColor  color,
                                         GlossColor  background,
                                         double      ratio);

/* What marks are drawn on, as the theme has it; all opaque. */
typedef struct
{
  GlossColor background;           /* the view's */
  GlossColor text;                 /* the text, composited on the background */
  GlossColor selection;            /* the focused text selection, composited */
  GlossColor unfocused_selection;  /* the selection of an unfocused view */
  gboolean   high_contrast;
} GlossColorScheme;

/* libadwaita 1.2's view: background #ffffff / #1e1e1e, text
 * rgba(0,0,0,0.8) / white, selection the accent blue #3584e4 at 0.3 and,
 * unfocused, the text colour at 0.1. The app falls back on it when the
 * theme does not name its colours; tests measure against it. */
void        gloss_color_scheme_init_adwaita (GlossColorScheme *scheme,
                                             gboolean          dark,
                                             gboolean          high_contrast);
/* From the theme's own colours (translucent ones are composited on
 * @background): @accent is the selection's colour, drawn at 0.3. */
void        gloss_color_scheme_init     (GlossColorScheme *scheme,
                                         GlossColor        background,
                                         GlossColor        text,
                                         GlossColor        accent,
                                         gboolean          high_contrast);
gboolean    gloss_color_scheme_is_dark  (const GlossColorScheme *scheme);
gboolean    gloss_color_scheme_equal    (const GlossColorScheme *a,
                                         const GlossColorScheme *b);

/* The translucent fill under a span of a label of @kind and colour @label;
 * see the rules at the top. An entity's fill may be fully transparent
 * where no alpha keeps clear of the selection: its underline shows it. */
GlossColor  gloss_color_scheme_tint     (const GlossColorScheme *scheme,
                                         GlossColor              label,
                                         GlossLabelKind          kind);
/* The same for a label the label set does not have (drawn grey). */
GlossColor  gloss_color_scheme_unknown_tint (const GlossColorScheme *scheme,
                                             GlossColor              label);
/* @fill (tints stacked with gloss_color_over(), bottom first, in the order
 * of gloss_color_kind_layer()) made faint enough for the text to read on
 * it (≥ 7:1): stacked tints on a dark view grow bright. Its colour stays. */
GlossColor  gloss_color_scheme_readable (const GlossColorScheme *scheme,
                                         GlossColor              fill);
/* The fill of the selected annotation: its label's colour, stronger than
 * its tint, text still ≥ 7:1 on it. */
GlossColor  gloss_color_scheme_selected_tint (const GlossColorScheme *scheme,
                                              GlossColor              label);
/* The opaque colour of a line in @label's colour drawn over @fill (a
 * translucent fill on the background, or fully transparent): at least
 * 3:1 against what it is drawn on (4.5:1 in high contrast). */
GlossColor  gloss_color_scheme_line     (const GlossColorScheme *scheme,
                                         GlossColor              label,
                                         GlossColor              fill);
/* How thick an underline is, in pixels: thicker in high contrast. */
int         gloss_color_scheme_line_width (const GlossColorScheme *scheme);
/* A search match: an opaque yellow background and the text colour that
 * reads on it (the theme's, or black or white when it does not). */
void        gloss_color_scheme_search   (const GlossColorScheme *scheme,
                                         GlossColor             *background,
                                         GlossColor             *text);
/* Whether an opaque colour would pass for the selection, focused or not. */
gboolean    gloss_color_scheme_looks_selected (const GlossColorScheme *scheme,
                                               GlossColor              color);

/* Where a kind's fill is stacked, bottom (0) to top: quotes, claims,
 * then entities; a label the set lacks is drawn between claims and
 * entities (GLOSS_COLOR_LAYER_UNKNOWN). */
#define GLOSS_COLOR_LAYER_UNKNOWN 2
guint       gloss_color_kind_layer      (GlossLabelKind kind);

G_END_DECLS
