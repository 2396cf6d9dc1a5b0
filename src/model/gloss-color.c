/* gloss-color.c — how annotations look, computed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "gloss-color.h"

/* How strong each kind's tint is, by default, on a light and on a dark
 * view. Dark views need more: a tint at 0.2 on #1e1e1e is barely there.
 * Claims are stronger than quotes so that a claim inside a quote stays
 * yellow; entities are faint, their underline carries them. */
typedef struct
{
  double claim;
  double quote;
  double entity;
  double unknown;
  double selected;
} Alphas;

static const Alphas light_alphas = { 0.30, 0.20, 0.10, 0.22, 0.45 };
static const Alphas dark_alphas  = { 0.30, 0.24, 0.16, 0.30, 0.45 };
/* High contrast: stronger marks, as far as the text still reads. */
#define HIGH_CONTRAST_FACTOR 1.5

#define ALPHA_STEP 0.02
#define ALPHA_MIN  0.04
#define ALPHA_MAX  0.70

/* The selection's alpha in libadwaita 1.2: alpha(@accent_bg_color, 0.3),
 * and unfocused alpha(@view_fg_color, 0.1). */
#define SELECTION_ALPHA           0.3
#define UNFOCUSED_SELECTION_ALPHA 0.1

/* Search matches: Adwaita's yellow 3. */
#define SEARCH_COLOR "#f6d32d"

#define UNDERLINE_WIDTH    2
#define UNDERLINE_WIDTH_HC 3

/* ------------------------------------------------------------------ */
/* Values                                                               */
/* ------------------------------------------------------------------ */

static int
hex_digit (char c)
{
  return g_ascii_xdigit_value (c);
}

gboolean
gloss_color_parse (const char *spec,
                   GlossColor *color)
{
  int digits[6];
  gsize len;

  g_return_val_if_fail (color != NULL, FALSE);

  if (spec == NULL || spec[0] != '#')
    return FALSE;

  len = strlen (spec + 1);
  if (len != 6 && len != 3)
    return FALSE;

  for (gsize i = 0; i < len; i++)
    if ((digits[i] = hex_digit (spec[1 + i])) < 0)
      return FALSE;

  if (len == 3)
    {
      color->red = digits[0] * 17 / 255.0;
      color->green = digits[1] * 17 / 255.0;
      color->blue = digits[2] * 17 / 255.0;
    }
  else
    {
      color->red = (digits[0] * 16 + digits[1]) / 255.0;
      color->green = (digits[2] * 16 + digits[3]) / 255.0;
      color->blue = (digits[4] * 16 + digits[5]) / 255.0;
    }
  color->alpha = 1.0;

  return TRUE;
}

static int
to_byte (double component)
{
  return (int)lround (CLAMP (component, 0.0, 1.0) * 255.0);
}

char *
gloss_color_to_string (GlossColor color)
{
  return g_strdup_printf ("#%02x%02x%02x",
                          to_byte (color.red), to_byte (color.green), to_byte (color.blue));
}

GlossColor
gloss_color_with_alpha (GlossColor color,
                        double     alpha)
{
  color.alpha = CLAMP (alpha, 0.0, 1.0);
  return color;
}

GlossColor
gloss_color_over (GlossColor top,
                  GlossColor bottom)
{
  double alpha = top.alpha + bottom.alpha * (1.0 - top.alpha);
  GlossColor result = { 0, 0, 0, alpha };

  if (alpha <= 0.0)
    return result;

  result.red = (top.red * top.alpha + bottom.red * bottom.alpha * (1.0 - top.alpha)) / alpha;
  result.green = (top.green * top.alpha + bottom.green * bottom.alpha * (1.0 - top.alpha)) / alpha;
  result.blue = (top.blue * top.alpha + bottom.blue * bottom.alpha * (1.0 - top.alpha)) / alpha;

  return result;
}

GlossColor
gloss_color_mix (GlossColor a,
                 GlossColor b,
                 double     t)
{
  return (GlossColor) {
    a.red + (b.red - a.red) * t,
    a.green + (b.green - a.green) * t,
    a.blue + (b.blue - a.blue) * t,
    a.alpha + (b.alpha - a.alpha) * t,
  };
}

/* ------------------------------------------------------------------ */
/* Measures                                                             */
/* ------------------------------------------------------------------ */

static double
linear (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

double
gloss_color_luminance (GlossColor color)
{
  return 0.2126 * linear (color.red) + 0.7152 * linear (color.green) + 0.0722 * linear (color.blue);
}

double
gloss_color_contrast (GlossColor a,
                      GlossColor b)
{
  double la = gloss_color_luminance (a);
  double lb = gloss_color_luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

static double
lab_f (double t)
{
  return t > 216.0 / 24389.0 ? cbrt (t) : (24389.0 / 27.0 * t + 16.0) / 116.0;
}

/* sRGB (D65) to CIELAB. */
static void
to_lab (GlossColor color,
        double    *L,
        double    *a,
        double    *b)
{
  double r = linear (color.red), g = linear (color.green), bl = linear (color.blue);
  double x = (0.4124 * r + 0.3576 * g + 0.1805 * bl) / 0.95047;
  double y = 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  double z = (0.0193 * r + 0.1192 * g + 0.9505 * bl) / 1.08883;
  double fx = lab_f (x), fy = lab_f (y), fz = lab_f (z);

  *L = 116.0 * fy - 16.0;
  *a = 500.0 * (fx - fy);
  *b = 200.0 * (fy - fz);
}

static double
degrees (double radians)
{
  return radians * 180.0 / G_PI;
}

static double
radians (double deg)
{
  return deg * G_PI / 180.0;
}

static double
hue_angle (double b,
           double a)
{
  double h;

  if (a == 0.0 && b == 0.0)
    return 0.0;
  h = degrees (atan2 (b, a));
  return h < 0.0 ? h + 360.0 : h;
}

/* Sharma, Wu and Dalal, "The CIEDE2000 color-difference formula" (2005). */
double
gloss_color_delta_e (GlossColor c1,
                     GlossColor c2)
{
  double L1, a1, b1, L2, a2, b2;
  double C1, C2, Cbar, G, a1p, a2p, C1p, C2p, h1p, h2p;
  double dLp, dCp, dhp, dHp, Lbarp, Cbarp, hbarp, T, dtheta, RC, SL, SC, SH, RT;
  double Cbar7, Cbarp7;

  to_lab (c1, &L1, &a1, &b1);
  to_lab (c2, &L2, &a2, &b2);

  C1 = hypot (a1, b1);
  C2 = hypot (a2, b2);
  Cbar = (C1 + C2) / 2.0;
  Cbar7 = pow (Cbar, 7.0);
  G = 0.5 * (1.0 - sqrt (Cbar7 / (Cbar7 + pow (25.0, 7.0))));
  a1p = (1.0 + G) * a1;
  a2p = (1.0 + G) * a2;
  C1p = hypot (a1p, b1);
  C2p = hypot (a2p, b2);
  h1p = hue_angle (b1, a1p);
  h2p = hue_angle (b2, a2p);

  dLp = L2 - L1;
  dCp = C2p - C1p;
  if (C1p * C2p == 0.0)
    dhp = 0.0;
  else
    {
      dhp = h2p - h1p;
      if (dhp > 180.0)
        dhp -= 360.0;
      else if (dhp < -180.0)
        dhp += 360.0;
    }
  dHp = 2.0 * sqrt (C1p * C2p) * sin (radians (dhp / 2.0));

  Lbarp = (L1 + L2) / 2.0;
  Cbarp = (C1p + C2p) / 2.0;
  if (C1p * C2p == 0.0)
    hbarp = h1p + h2p;
  else if (fabs (h1p - h2p) <= 180.0)
    hbarp = (h1p + h2p) / 2.0;
  else if (h1p + h2p < 360.0)
    hbarp = (h1p + h2p + 360.0) / 2.0;
  else
    hbarp = (h1p + h2p - 360.0) / 2.0;

  T = 1.0 - 0.17 * cos (radians (hbarp - 30.0)) + 0.24 * cos (radians (2.0 * hbarp))
      + 0.32 * cos (radians (3.0 * hbarp + 6.0)) - 0.20 * cos (radians (4.0 * hbarp - 63.0));
  dtheta = 30.0 * exp (-pow ((hbarp - 275.0) / 25.0, 2.0));
  Cbarp7 = pow (Cbarp, 7.0);
  RC = 2.0 * sqrt (Cbarp7 / (Cbarp7 + pow (25.0, 7.0)));
  SL = 1.0 + 0.015 * pow (Lbarp - 50.0, 2.0) / sqrt (20.0 + pow (Lbarp - 50.0, 2.0));
  SC = 1.0 + 0.045 * Cbarp;
  SH = 1.0 + 0.015 * Cbarp * T;
  RT = -sin (radians (2.0 * dtheta)) * RC;

  return sqrt (pow (dLp / SL, 2.0) + pow (dCp / SC, 2.0) + pow (dHp / SH, 2.0)
               + RT * (dCp / SC) * (dHp / SH));
}

double
gloss_color_hue (GlossColor color,
                 double    *chroma)
{
  double L, a, b;

  to_lab (color, &L, &a, &b);
  if (chroma != NULL)
    *chroma = hypot (a, b);

  return hue_angle (b, a);
}

double
gloss_color_hue_distance (double a,
                          double b)
{
  double d = fmod (fabs (a - b), 360.0);

  return d > 180.0 ? 360.0 - d : d;
}

GlossColor
gloss_color_ensure_contrast (GlossColor color,
                             GlossColor background,
                             double     ratio)
{
  const GlossColor black = { 0, 0, 0, 1 };
  const GlossColor white = { 1, 1, 1, 1 };
  GlossColor target;

  color.alpha = 1.0;
  if (gloss_color_contrast (color, background) >= ratio)
    return color;

  /* Away from the background: towards whichever end contrasts more. */
  target = gloss_color_contrast (black, background) >= gloss_color_contrast (white, background)
           ? black : white;

  /* Not a bisection: on the way a colour may first get nearer the
   * background; the first step that is far enough is the least change. */
  for (int step = 1; step <= 128; step++)
    {
      GlossColor candidate = gloss_color_mix (color, target, step / 128.0);

      if (gloss_color_contrast (candidate, background) >= ratio)
        return candidate;
    }

  return target;
}

/* ------------------------------------------------------------------ */
/* The scheme                                                           */
/* ------------------------------------------------------------------ */

static GlossColor
opaque_on (GlossColor color,
           GlossColor background)
{
  background.alpha = 1.0;
  return gloss_color_over (color, background);
}

void
gloss_color_scheme_init (GlossColorScheme *scheme,
                         GlossColor        background,
                         GlossColor        text,
                         GlossColor        accent,
                         gboolean          high_contrast)
{
  g_return_if_fail (scheme != NULL);

  background.alpha = 1.0;
  scheme->background = background;
  scheme->text = opaque_on (text, background);
  scheme->selection = opaque_on (gloss_color_with_alpha (accent, accent.alpha * SELECTION_ALPHA),
                                 background);
  scheme->unfocused_selection = opaque_on (gloss_color_with_alpha (text, text.alpha * UNFOCUSED_SELECTION_ALPHA),
                                           background);
  scheme->high_contrast = !!high_contrast;
}

void
gloss_color_scheme_init_adwaita (GlossColorScheme *scheme,
                                 gboolean          dark,
                                 gboolean          high_contrast)
{
  GlossColor background, accent;
  GlossColor text = dark ? (GlossColor) { 1, 1, 1, 1 } : (GlossColor) { 0, 0, 0, 0.8 };

  gloss_color_parse (dark ? "#1e1e1e" : "#ffffff", &background);
  gloss_color_parse ("#3584e4", &accent);
  if (high_contrast && !dark)
    text.alpha = 1.0;

  gloss_color_scheme_init (scheme, background, text, accent, high_contrast);
}

gboolean
gloss_color_scheme_is_dark (const GlossColorScheme *scheme)
{
  /* Where black and white text have the same contrast. */
  return gloss_color_luminance (scheme->background) < 0.179;
}

static gboolean
color_equal (GlossColor a,
             GlossColor b)
{
  return a.red == b.red && a.green == b.green && a.blue == b.blue && a.alpha == b.alpha;
}

gboolean
gloss_color_scheme_equal (const GlossColorScheme *a,
                          const GlossColorScheme *b)
{
  return color_equal (a->background, b->background)
         && color_equal (a->text, b->text)
         && color_equal (a->selection, b->selection)
         && color_equal (a->unfocused_selection, b->unfocused_selection)
         && a->high_contrast == b->high_contrast;
}

gboolean
gloss_color_scheme_looks_selected (const GlossColorScheme *scheme,
                                   GlossColor              color)
{
  return gloss_color_delta_e (color, scheme->selection) < GLOSS_COLOR_MIN_SELECTION_DELTA_E
         || gloss_color_delta_e (color, scheme->unfocused_selection) < GLOSS_COLOR_MIN_UNFOCUSED_SELECTION_DELTA_E;
}

static const Alphas *
scheme_alphas (const GlossColorScheme *scheme)
{
  return gloss_color_scheme_is_dark (scheme) ? &dark_alphas : &light_alphas;
}

static double
strengthen (const GlossColorScheme *scheme,
            double                  alpha)
{
  return scheme->high_contrast ? MIN (alpha * HIGH_CONTRAST_FACTOR, ALPHA_MAX) : alpha;
}

static gboolean
text_reads_on (const GlossColorScheme *scheme,
               GlossColor              tint)
{
  return gloss_color_contrast (scheme->text, opaque_on (tint, scheme->background))
         >= GLOSS_COLOR_MIN_TEXT_CONTRAST;
}

/* The alpha nearest @preferred (lower first), at most @reach away, at
 * which @label's tint keeps the text readable and, if @avoid_selection,
 * does not look selected. Returns FALSE (and the best readable alpha
 * found) when none does. */
static gboolean
find_alpha (const GlossColorScheme *scheme,
            GlossColor              label,
            double                  preferred,
            double                  reach,
            gboolean                avoid_selection,
            double                 *alpha)
{
  double best = -1.0, best_distance = -1.0;

  for (int k = 0; k * ALPHA_STEP <= reach + 1e-9; k++)
    {
      for (int sign = -1; sign <= 1; sign += 2)
        {
          double candidate = preferred + sign * k * ALPHA_STEP;
          GlossColor tint, composite;
          double distance;

          if ((k == 0 && sign > 0) || candidate < ALPHA_MIN - 1e-9 || candidate > ALPHA_MAX + 1e-9)
            continue;

          tint = gloss_color_with_alpha (label, candidate);
          if (!text_reads_on (scheme, tint))
            continue;

          composite = opaque_on (tint, scheme->background);
          if (!avoid_selection || !gloss_color_scheme_looks_selected (scheme, composite))
            {
              *alpha = candidate;
              return TRUE;
            }

          distance = MIN (gloss_color_delta_e (composite, scheme->selection),
                          gloss_color_delta_e (composite, scheme->unfocused_selection));
          if (distance > best_distance)
            {
              best_distance = distance;
              best = candidate;
            }
        }
    }

  *alpha = best >= 0.0 ? best : ALPHA_MIN;
  return FALSE;
}

/* An entity's faint fill only moves a little; past that it would be
 * another kind of mark (a grey one would stay near the unfocused
 * selection all the way up). */
#define ENTITY_REACH 0.04

static GlossColor
tint_at (const GlossColorScheme *scheme,
         GlossColor              label,
         double                  preferred,
         gboolean                may_vanish)
{
  double alpha;

  if (!find_alpha (scheme, label, strengthen (scheme, preferred),
                   may_vanish ? ENTITY_REACH : ALPHA_MAX, TRUE, &alpha)
      && may_vanish)
    alpha = 0.0;

  return gloss_color_with_alpha (label, alpha);
}

GlossColor
gloss_color_scheme_tint (const GlossColorScheme *scheme,
                         GlossColor              label,
                         GlossLabelKind          kind)
{
  const Alphas *alphas = scheme_alphas (scheme);

  switch (kind)
    {
    case GLOSS_LABEL_KIND_CLAIM:
      return tint_at (scheme, label, alphas->claim, FALSE);
    case GLOSS_LABEL_KIND_QUOTE:
      return tint_at (scheme, label, alphas->quote, FALSE);
    case GLOSS_LABEL_KIND_ENTITY:
    default:
      /* The underline shows an entity; a fill that looks selected is worse
       * than none. */
      return tint_at (scheme, label, alphas->entity, TRUE);
    }
}

GlossColor
gloss_color_scheme_unknown_tint (const GlossColorScheme *scheme,
                                 GlossColor              label)
{
  return tint_at (scheme, label, scheme_alphas (scheme)->unknown, FALSE);
}

GlossColor
gloss_color_scheme_readable (const GlossColorScheme *scheme,
                             GlossColor              fill)
{
  while (fill.alpha > 0.0 && !text_reads_on (scheme, fill))
    fill.alpha = MAX (fill.alpha - ALPHA_STEP / 2, 0.0);

  return fill;
}

GlossColor
gloss_color_scheme_selected_tint (const GlossColorScheme *scheme,
                                  GlossColor              label)
{
  double alpha;

  /* The selected annotation is usually the selected text as well. */
  find_alpha (scheme, label, strengthen (scheme, scheme_alphas (scheme)->selected), ALPHA_MAX, FALSE, &alpha);

  return gloss_color_with_alpha (label, alpha);
}

GlossColor
gloss_color_scheme_line (const GlossColorScheme *scheme,
                         GlossColor              label,
                         GlossColor              fill)
{
  GlossColor under = opaque_on (fill, scheme->background);
  double ratio = scheme->high_contrast ? GLOSS_COLOR_MIN_LINE_CONTRAST_HC : GLOSS_COLOR_MIN_LINE_CONTRAST;

  return gloss_color_ensure_contrast (label, under, ratio);
}

int
gloss_color_scheme_line_width (const GlossColorScheme *scheme)
{
  return scheme->high_contrast ? UNDERLINE_WIDTH_HC : UNDERLINE_WIDTH;
}

void
gloss_color_scheme_search (const GlossColorScheme *scheme,
                           GlossColor             *background,
                           GlossColor             *text)
{
  const GlossColor black = { 0, 0, 0, 1 };
  const GlossColor white = { 1, 1, 1, 1 };
  GlossColor yellow;

  gloss_color_parse (SEARCH_COLOR, &yellow);
  *background = yellow;

  /* On a dark view the text is light, and light text on yellow does not
   * read (3.9:1 with the old translucent match): it turns dark there. */
  if (gloss_color_contrast (scheme->text, yellow) >= GLOSS_COLOR_MIN_TEXT_CONTRAST)
    *text = scheme->text;
  else
    *text = gloss_color_contrast (black, yellow) >= gloss_color_contrast (white, yellow) ? black : white;
}

guint
gloss_color_kind_layer (GlossLabelKind kind)
{
  switch (kind)
    {
    case GLOSS_LABEL_KIND_QUOTE:
      return 0;
    case GLOSS_LABEL_KIND_CLAIM:
      return 1;
    case GLOSS_LABEL_KIND_ENTITY:
    default:
      return 3;
    }
}
