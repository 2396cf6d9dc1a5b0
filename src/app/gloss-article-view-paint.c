/* gloss-article-view-paint.c — the annotations drawn under the article's text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gloss-article-view-private.h"

/* How the highlights are drawn.
 *
 * At each frame, under the text of the visible lines (the view's
 * snapshot_layer calls gloss_article_view_paint_below_text()), the view
 * cuts the text into runs covered by the same set of labels, and gives
 * each distinct set one look: a background of the label tints
 * composited ("over") in the order quotes, claims, unknown labels,
 * entities, and a line under it in the entity's colour (double when two
 * entity labels overlap, dotted grey for a label not in the label set).
 * An article has a handful of such sets. The selection, the selected
 * annotation's background and search matches are text tags, drawn above;
 * the selected annotation's overline is drawn over the text
 * (gloss_article_view_paint_above_text()).
 *
 * Which colours: the model's GlossColorScheme (src/model/gloss-color.h)
 * says, from the theme's colours the view reads: tints that keep the text
 * readable and never pass for the text selection, lines of 3:1 against
 * what they are drawn on, all stronger in high contrast. A claim is drawn
 * over a quote, so a claim inside a quote stays yellowish.
 *
 * Text tags were used first: 10,000 of them cost ~45 ms before the first
 * frame of a long article, and GtkTextView re-lays out every line a tag
 * touches. Drawing only what is visible costs well under a millisecond.
 */
/* Labels the label set lacks: Adwaita's Dark 1, as their chips. */
#define UNKNOWN_COLOR "#77767b"

/* Review lanes: bars this high, one lane every LANE_STEP pixels up from
 * LANE_GAP above the line (the lines have pixels-above to hold them). */
#define LANE_HEIGHT 2
#define LANE_STEP   3
#define LANE_GAP    1

/* How one label id is drawn; unknown ids get a grey style of their own so
 * that dup_labels_at() still reports the id the annotation has. */
typedef struct
{
  char      *id;
  guint      layer;     /* gloss_color_kind_layer(), bottom to top */
  guint      position;  /* in the label set, to order styles of one layer */
  gboolean   entity;
  gboolean   unknown;
  GlossColor color;     /* the label's */
  GlossColor tint;      /* its fill, translucent */
  GdkRGBA    lane;      /* its review lane: a line on the bare view */
} LabelStyle;

typedef enum
{
  LINE_NONE,
  LINE_SINGLE,
  LINE_DOUBLE,
  LINE_DOTTED,
} LineStyle;

/* How one set of labels is drawn. */
typedef struct
{
  GdkRGBA   background;
  LineStyle line;
  GdkRGBA   line_color;
  int       line_width;
  char    **ids;          /* the labels, bottom to top */
} Combo;

/* Text covered by one set of labels. */
typedef struct
{
  guint        start;
  guint        end;
  const Combo *combo;
} Run;

typedef struct
{
  guint pos;
  int   delta;
  guint style;
} SweepEvent;

struct _GlossArticleViewPaint
{
  GlossColorScheme scheme;    /* what the theme draws on, and how strongly */
  GlossLabelSet *labels;      /* whose colours and kinds the styles hold */
  GPtrArray     *styles;      /* LabelStyle*, by index */
  GHashTable    *style_by_id; /* label id → index + 1 */
  GArray        *style_order; /* style indices, bottom (claims) to top (entities) */
  GHashTable    *combos;      /* "i,j,…" → Combo* */
  guint          n_painted_runs; /* in the last frame */
  guint          n_painted_suggestions; /* in the last frame */
  guint          n_snapshots;
};

static GdkRGBA
to_rgba (GlossColor color)
{
  return (GdkRGBA) { (float)color.red, (float)color.green, (float)color.blue, (float)color.alpha };
}

/* The view's helpers: the buffer may show a long paragraph in pieces. */
static guint
buffer_length (GlossArticleView *self)
{
  return gloss_article_view_get_text_length (self);
}

static void
get_iters (GlossArticleView *self,
           guint             start,
           guint             end,
           GtkTextIter      *start_iter,
           GtkTextIter      *end_iter)
{
  gloss_article_view_get_span_iters (self, start, end, start_iter, end_iter);
}

/* ------------------------------------------------------------------ */
/* Label styles and the looks of sets of labels                         */
/* ------------------------------------------------------------------ */

static void
label_style_free (gpointer data)
{
  LabelStyle *style = data;

  g_free (style->id);
  g_free (style);
}

static void
combo_free (gpointer data)
{
  Combo *combo = data;

  g_strfreev (combo->ids);
  g_free (combo);
}

static int
compare_style_order (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  GPtrArray *styles = user_data;
  const LabelStyle *sa = g_ptr_array_index (styles, *(const guint *)a);
  const LabelStyle *sb = g_ptr_array_index (styles, *(const guint *)b);

  if (sa->layer != sb->layer)
    return sa->layer < sb->layer ? -1 : 1;
  if (sa->position != sb->position)
    return sa->position < sb->position ? -1 : 1;
  return g_strcmp0 (sa->id, sb->id);
}

static guint
add_style (GlossArticleViewPaint *self,
           const char            *id)
{
  GlossLabel *label = self->labels ? gloss_label_set_lookup (self->labels, id) : NULL;
  LabelStyle *style = g_new0 (LabelStyle, 1);
  guint index = self->styles->len;

  style->id = g_strdup (id);

  if (label != NULL)
    {
      GlossLabelKind kind = gloss_label_get_kind (label);

      style->layer = gloss_color_kind_layer (kind);
      style->entity = kind == GLOSS_LABEL_KIND_ENTITY;

      /* The label set validated the colour; grey if it somehow does not parse. */
      if (!gloss_color_parse (gloss_label_get_color (label), &style->color))
        gloss_color_parse (UNKNOWN_COLOR, &style->color);
      style->tint = gloss_color_scheme_tint (&self->scheme, style->color, kind);

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->labels)); i++)
        {
          g_autoptr(GlossLabel) item = g_list_model_get_item (G_LIST_MODEL (self->labels), i);

          if (item == label)
            {
              style->position = i;
              break;
            }
        }
    }
  else
    {
      style->layer = GLOSS_COLOR_LAYER_UNKNOWN;
      style->unknown = TRUE;
      style->position = G_MAXUINT;
      gloss_color_parse (UNKNOWN_COLOR, &style->color);
      style->tint = gloss_color_scheme_unknown_tint (&self->scheme, style->color);
    }
  style->lane = to_rgba (gloss_color_scheme_line (&self->scheme, style->color, (GlossColor) { 0 }));

  g_ptr_array_add (self->styles, style);
  g_hash_table_insert (self->style_by_id, style->id, GUINT_TO_POINTER (index + 1));

  g_array_append_val (self->style_order, index);
  g_array_sort_with_data (self->style_order, compare_style_order, self->styles);

  return index;
}

static guint
style_for_label (GlossArticleViewPaint *self,
                 const char            *id)
{
  gpointer found = g_hash_table_lookup (self->style_by_id, id);

  if (found != NULL)
    return GPOINTER_TO_UINT (found) - 1;

  return add_style (self, id);
}

/* The look of the labels whose counts are non-zero, made on first use.
 * The tints are stacked into one translucent fill, toned down if the text
 * would not read on it; the line is made to stand out from that fill. */
static const Combo *
combo_for (GlossArticleViewPaint *self,
           const guint           *counts)
{
  g_autoptr(GString) key = g_string_new (NULL);
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  Combo *combo;
  GlossColor fill = { 0, 0, 0, 0 };
  const LabelStyle *top_entity = NULL;
  const LabelStyle *unknown = NULL;
  guint n_entity_labels = 0;

  for (guint i = 0; i < self->style_order->len; i++)
    {
      guint index = g_array_index (self->style_order, guint, i);

      if (counts[index] > 0)
        g_string_append_printf (key, "%u,", index);
    }

  combo = g_hash_table_lookup (self->combos, key->str);
  if (combo != NULL)
    return combo;

  for (guint i = 0; i < self->style_order->len; i++)
    {
      guint index = g_array_index (self->style_order, guint, i);
      const LabelStyle *style = g_ptr_array_index (self->styles, index);

      if (counts[index] == 0)
        continue;

      g_strv_builder_add (ids, style->id);
      fill = gloss_color_over (style->tint, fill);

      if (style->entity)
        {
          top_entity = style;
          n_entity_labels++;
        }
      else if (style->unknown)
        unknown = style;
    }

  fill = gloss_color_scheme_readable (&self->scheme, fill);

  combo = g_new0 (Combo, 1);
  combo->background = to_rgba (fill);
  combo->ids = g_strv_builder_end (ids);
  combo->line_width = gloss_color_scheme_line_width (&self->scheme);

  if (top_entity != NULL)
    {
      combo->line = n_entity_labels > 1 ? LINE_DOUBLE : LINE_SINGLE;
      combo->line_color = to_rgba (gloss_color_scheme_line (&self->scheme, top_entity->color, fill));
    }
  else if (unknown != NULL)
    {
      /* A dotted grey line says "this label is not in the label set". */
      combo->line = LINE_DOTTED;
      combo->line_color = to_rgba (gloss_color_scheme_line (&self->scheme, unknown->color, fill));
    }

  g_hash_table_insert (self->combos, g_string_free (g_steal_pointer (&key), FALSE), combo);

  return combo;
}

GlossArticleViewPaint *
gloss_article_view_paint_new (void)
{
  GlossArticleViewPaint *self = g_new0 (GlossArticleViewPaint, 1);

  self->styles = g_ptr_array_new_with_free_func (label_style_free);
  self->style_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->style_order = g_array_new (FALSE, FALSE, sizeof (guint));
  self->combos = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, combo_free);
  /* Until the view has read its theme. */
  gloss_color_scheme_init_adwaita (&self->scheme, FALSE, FALSE);

  return self;
}

void
gloss_article_view_paint_free (GlossArticleViewPaint *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->combos, g_hash_table_unref);
  g_clear_pointer (&self->style_by_id, g_hash_table_unref);
  g_clear_pointer (&self->styles, g_ptr_array_unref);
  g_clear_pointer (&self->style_order, g_array_unref);
  g_clear_object (&self->labels);
  g_free (self);
}

static void
forget_looks (GlossArticleViewPaint *self)
{
  g_hash_table_remove_all (self->combos);
  g_hash_table_remove_all (self->style_by_id);
  g_ptr_array_set_size (self->styles, 0);
  g_array_set_size (self->style_order, 0);
}

/* Forget every style and look: the label set changed. */
void
gloss_article_view_paint_set_label_set (GlossArticleViewPaint *self,
                                        GlossLabelSet         *labels)
{
  g_set_object (&self->labels, labels);
  forget_looks (self);
}

gboolean
gloss_article_view_paint_set_scheme (GlossArticleViewPaint  *self,
                                     const GlossColorScheme *scheme)
{
  if (gloss_color_scheme_equal (&self->scheme, scheme))
    return FALSE;

  self->scheme = *scheme;
  forget_looks (self);

  return TRUE;
}

const GlossColorScheme *
gloss_article_view_paint_get_scheme (GlossArticleViewPaint *self)
{
  return &self->scheme;
}

static const LabelStyle *
label_style (GlossArticleViewPaint *self,
             const char            *id)
{
  /* Made first: adding a style may move the array. */
  guint index = style_for_label (self, id);

  return g_ptr_array_index (self->styles, index);
}

void
gloss_article_view_paint_selected_color (GlossArticleView *view,
                                         const char       *label_id,
                                         GdkRGBA          *color)
{
  GlossArticleViewPaint *paint = gloss_article_view_get_paint (view);

  *color = to_rgba (gloss_color_scheme_selected_tint (&paint->scheme, label_style (paint, label_id)->color));
}

int
gloss_article_view_paint_lane_room (guint n_lanes)
{
  return LANE_GAP + (int)n_lanes * LANE_STEP;
}

/* ------------------------------------------------------------------ */
/* Painting                                                             */
/* ------------------------------------------------------------------ */

static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  const SweepEvent *ea = a;
  const SweepEvent *eb = b;

  if (ea->pos != eb->pos)
    return ea->pos < eb->pos ? -1 : 1;
  return 0;
}

/* The runs of [start, end) covered by the same set of labels, in order:
 * one sweep over the span boundaries inside it. Spans reaching outside are
 * clipped; runs with the same set next to each other are joined. */
static GArray *
collect_runs (GlossArticleView *self,
              guint             start,
              guint             end)
{
  GlossArticleViewPaint *paint = gloss_article_view_get_paint (self);
  GlossAnnotationSet *annotations = gloss_article_view_get_annotation_set (self);
  GArray *runs = g_array_new (FALSE, FALSE, sizeof (Run));
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GArray) events = NULL;
  g_autofree guint *counts = NULL;
  const Combo *run_combo = NULL;
  guint run_start = 0;
  guint n_active = 0;
  guint i;

  end = MIN (end, buffer_length (self));
  if (annotations == NULL || start >= end)
    return runs;

  spans = gloss_annotation_set_in_range (annotations, start, end);
  if (spans->len == 0)
    return runs;

  events = g_array_sized_new (FALSE, FALSE, sizeof (SweepEvent), spans->len * 2);
  for (i = 0; i < spans->len; i++)
    {
      GlossAnnotation *annotation = g_ptr_array_index (spans, i);
      guint style = style_for_label (paint, gloss_annotation_get_label (annotation));
      guint span_start = MAX (gloss_annotation_get_start (annotation), start);
      guint span_end = MIN (gloss_annotation_get_end (annotation), end);
      SweepEvent open = { span_start, +1, style };
      SweepEvent close = { span_end, -1, style };

      if (span_start >= span_end)
        continue;

      g_array_append_val (events, open);
      g_array_append_val (events, close);
    }

  g_array_sort (events, compare_events);
  counts = g_new0 (guint, paint->styles->len);

  i = 0;
  while (i < events->len)
    {
      guint pos = g_array_index (events, SweepEvent, i).pos;
      const Combo *combo;

      for (; i < events->len && g_array_index (events, SweepEvent, i).pos == pos; i++)
        {
          const SweepEvent *event = &g_array_index (events, SweepEvent, i);

          counts[event->style] += event->delta;
          n_active += event->delta;
        }

      combo = n_active > 0 ? combo_for (paint, counts) : NULL;
      if (combo == run_combo)
        continue;

      if (run_combo != NULL)
        {
          Run run = { run_start, pos, run_combo };

          g_array_append_val (runs, run);
        }

      run_combo = combo;
      run_start = pos;
    }

  return runs;
}

static void
snapshot_line_decoration (GtkSnapshot       *snapshot,
                          const Combo       *combo,
                          const GdkRectangle *box)
{
  float bottom = box->y + box->height;
  float width = (float)combo->line_width;
  /* Each of two lines: 1 px, 2 px in high contrast (3 px lines). */
  float thin = MAX (1.0f, width - 1.0f);

  switch (combo->line)
    {
    case LINE_SINGLE:
      gtk_snapshot_append_color (snapshot, &combo->line_color,
                                 &GRAPHENE_RECT_INIT (box->x, bottom - width, box->width, width));
      break;
    case LINE_DOUBLE:
      gtk_snapshot_append_color (snapshot, &combo->line_color,
                                 &GRAPHENE_RECT_INIT (box->x, bottom - thin, box->width, thin));
      gtk_snapshot_append_color (snapshot, &combo->line_color,
                                 &GRAPHENE_RECT_INIT (box->x, bottom - 2 * thin - 2, box->width, thin));
      break;
    case LINE_DOTTED:
      for (int x = box->x; x < box->x + box->width; x += 2 * combo->line_width)
        gtk_snapshot_append_color (snapshot, &combo->line_color,
                                   &GRAPHENE_RECT_INIT (x, bottom - width,
                                                        MIN (width, box->x + box->width - x), width));
      break;
    case LINE_NONE:
    default:
      break;
    }
}

/* The boxes of [start, end): one per display line it covers (a span may
 * wrap), in buffer coordinates. */
static void
collect_line_boxes (GlossArticleView *self,
                    guint             start,
                    guint             end,
                    GArray           *boxes)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GtkTextIter line_start, end_iter;

  g_array_set_size (boxes, 0);
  get_iters (self, start, end, &line_start, &end_iter);

  while (gtk_text_iter_compare (&line_start, &end_iter) < 0)
    {
      GtkTextIter next = line_start;
      GdkRectangle first, last, box;
      gboolean continues;
      int right;

      gtk_text_view_get_iter_location (view, &line_start, &first);
      continues = gtk_text_view_forward_display_line (view, &next)
                  && gtk_text_iter_compare (&next, &end_iter) <= 0;

      if (continues)
        {
          /* To the end of this display line's last character. */
          GtkTextIter line_last = next;

          gtk_text_iter_backward_char (&line_last);
          gtk_text_view_get_iter_location (view, &line_last, &last);
          right = last.x + last.width;
        }
      else
        {
          gtk_text_view_get_iter_location (view, &end_iter, &last);
          right = last.x;
        }

      box = (GdkRectangle) { MIN (first.x, right), first.y, ABS (right - first.x), first.height };
      g_array_append_val (boxes, box);

      if (!continues)
        break;
      line_start = next;
    }
}

static void
snapshot_run (GlossArticleView *self,
              GtkSnapshot      *snapshot,
              const Run        *run,
              GArray           *boxes)
{
  collect_line_boxes (self, run->start, run->end, boxes);

  for (guint i = 0; i < boxes->len; i++)
    {
      const GdkRectangle *box = &g_array_index (boxes, GdkRectangle, i);

      gtk_snapshot_append_color (snapshot, &run->combo->background,
                                 &GRAPHENE_RECT_INIT (box->x, box->y, box->width, box->height));
      snapshot_line_decoration (snapshot, run->combo, box);
    }
}

/* Review lanes: each annotator's spans as a thin bar in the label's colour
 * along the top of the line, annotator i at i lanes down, so that several
 * people's versions of one span read as a stack of bars. */
static void
snapshot_lanes (GlossArticleView *self,
                GtkSnapshot      *snapshot,
                guint             start,
                guint             end,
                GArray           *boxes)
{
  GlossArticleViewPaint *paint = gloss_article_view_get_paint (self);
  GPtrArray *lanes = gloss_article_view_get_lane_sets (self);

  for (guint lane = 0; lanes != NULL && lane < lanes->len; lane++)
    {
      GlossAnnotationSet *set = g_ptr_array_index (lanes, lane);
      g_autoptr(GPtrArray) spans = gloss_annotation_set_in_range (set, start, end);

      for (guint i = 0; i < spans->len; i++)
        {
          GlossAnnotation *annotation = g_ptr_array_index (spans, i);
          GdkRGBA color = label_style (paint, gloss_annotation_get_label (annotation))->lane;

          collect_line_boxes (self, gloss_annotation_get_start (annotation),
                              gloss_annotation_get_end (annotation), boxes);
          for (guint b = 0; b < boxes->len; b++)
            {
              const GdkRectangle *box = &g_array_index (boxes, GdkRectangle, b);

              gtk_snapshot_append_color (snapshot, &color,
                                         &GRAPHENE_RECT_INIT (box->x, box->y - LANE_GAP - (float)lane * LANE_STEP,
                                                              box->width, LANE_HEIGHT));
            }
        }
    }
}

guint
gloss_article_view_first_suggestion_reaching (GListModel *model,
                                              guint       offset,
                                              guint       longest)
{
  guint from = offset > longest ? offset - longest : 0;
  guint low = 0, high = g_list_model_get_n_items (model);

  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      g_autoptr(GlossSuggestion) suggestion = g_list_model_get_item (model, middle);

      if (gloss_suggestion_get_start (suggestion) < from)
        low = middle + 1;
      else
        high = middle;
    }

  return low;
}

/* Suggestions: an outline in the label's colour (grey for a tie, which
 * has no label yet) around each line box, nothing filled, so that a
 * suggestion never reads as an annotation and the text under it keeps
 * its highlights. */
static void
snapshot_suggestions (GlossArticleView *self,
                      GtkSnapshot      *snapshot,
                      guint             start,
                      guint             end,
                      GArray           *boxes)
{
  GlossArticleViewPaint *paint = gloss_article_view_get_paint (self);
  guint longest;
  GListModel *model = gloss_article_view_get_suggestions (self, &longest);
  float width = (float)gloss_color_scheme_line_width (&paint->scheme);
  guint n, i;

  paint->n_painted_suggestions = 0;
  if (model == NULL)
    return;

  n = g_list_model_get_n_items (model);
  for (i = gloss_article_view_first_suggestion_reaching (model, start, longest); i < n; i++)
    {
      g_autoptr(GlossSuggestion) suggestion = g_list_model_get_item (model, i);
      const char *label = gloss_suggestion_get_label (suggestion);
      GdkRGBA color;

      if (gloss_suggestion_get_start (suggestion) >= end)
        break;
      if (gloss_suggestion_get_end (suggestion) <= start)
        continue;

      color = label_style (paint, label != NULL ? label : "")->lane;
      collect_line_boxes (self, gloss_suggestion_get_start (suggestion),
                          gloss_suggestion_get_end (suggestion), boxes);
      for (guint b = 0; b < boxes->len; b++)
        {
          const GdkRectangle *box = &g_array_index (boxes, GdkRectangle, b);
          const float widths[4] = { width, width, width, width };
          const GdkRGBA colors[4] = { color, color, color, color };
          GskRoundedRect outline;

          gsk_rounded_rect_init_from_rect (&outline,
                                           &GRAPHENE_RECT_INIT (box->x - width, box->y,
                                                                box->width + 2 * width, box->height),
                                           3);
          gtk_snapshot_append_border (snapshot, &outline, widths, colors);
        }
      paint->n_painted_suggestions++;
    }
}

/* The highlights are drawn under the text of the visible lines, from the
 * annotation set, at every frame: GtkTextView's tags would cost 10,000
 * tag applications (~45 ms) before a long article's first frame, and an
 * edit only has to queue a redraw. */
void
gloss_article_view_paint_below_text (GlossArticleView *self,
                                     GtkSnapshot      *snapshot)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GlossArticleViewPaint *paint = gloss_article_view_get_paint (self);
  g_autoptr(GArray) runs = NULL;
  g_autoptr(GArray) boxes = g_array_new (FALSE, FALSE, sizeof (GdkRectangle));
  GdkRectangle visible;
  GtkTextIter first, last;

  if (gloss_article_view_get_annotation_set (self) == NULL
      && gloss_article_view_get_lane_sets (self) == NULL
      && gloss_article_view_get_suggestions (self, NULL) == NULL)
    return;

  gtk_text_view_get_visible_rect (view, &visible);
  gtk_text_view_get_iter_at_location (view, &first, visible.x, visible.y);
  gtk_text_view_get_iter_at_location (view, &last,
                                      visible.x + visible.width, visible.y + visible.height);
  gtk_text_view_backward_display_line_start (view, &first);
  gtk_text_view_forward_display_line_end (view, &last);

  runs = collect_runs (self,
                       gloss_article_view_get_iter_offset (self, &first),
                       gloss_article_view_get_iter_offset (self, &last) + 1);
  for (guint i = 0; i < runs->len; i++)
    snapshot_run (self, snapshot, &g_array_index (runs, Run, i), boxes);

  snapshot_lanes (self, snapshot,
                  gloss_article_view_get_iter_offset (self, &first),
                  gloss_article_view_get_iter_offset (self, &last) + 1,
                  boxes);
  snapshot_suggestions (self, snapshot,
                        gloss_article_view_get_iter_offset (self, &first),
                        gloss_article_view_get_iter_offset (self, &last) + 1,
                        boxes);

  paint->n_painted_runs = runs->len;
  paint->n_snapshots++;
}

/* The selected annotation's overline, in the text's colour, over the
 * background its text tag gives it. Drawn here rather than by the tag:
 * GtkTextView counts a tag with an overline as changing the size of the
 * lines it covers, and lays them out again whenever it is applied or
 * removed — over a long paragraph, seconds. Only the visible part of the
 * span is measured. */
void
gloss_article_view_paint_above_text (GlossArticleView *self,
                                     GtkSnapshot      *snapshot)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GlossArticleViewPaint *paint = gloss_article_view_get_paint (self);
  g_autoptr(GArray) boxes = NULL;
  GdkRectangle visible;
  GtkTextIter first, last;
  GdkRGBA color;
  guint start, end;
  float width;

  if (!gloss_article_view_get_selected_span (self, &start, &end))
    return;

  gtk_text_view_get_visible_rect (view, &visible);
  gtk_text_view_get_iter_at_location (view, &first, visible.x, visible.y);
  gtk_text_view_get_iter_at_location (view, &last,
                                      visible.x + visible.width, visible.y + visible.height);
  gtk_text_view_backward_display_line_start (view, &first);
  gtk_text_view_forward_display_line_end (view, &last);
  start = MAX (start, gloss_article_view_get_iter_offset (self, &first));
  end = MIN (end, gloss_article_view_get_iter_offset (self, &last) + 1);
  if (start >= end)
    return;

  color = to_rgba (paint->scheme.text);
  /* As thin as a font's overline; as the other lines, stronger in high
   * contrast. */
  width = MAX (1.0f, (float)gloss_color_scheme_line_width (&paint->scheme) - 1.0f);
  boxes = g_array_new (FALSE, FALSE, sizeof (GdkRectangle));
  collect_line_boxes (self, start, end, boxes);
  for (guint i = 0; i < boxes->len; i++)
    {
      const GdkRectangle *box = &g_array_index (boxes, GdkRectangle, i);

      gtk_snapshot_append_color (snapshot, &color,
                                 &GRAPHENE_RECT_INIT (box->x, box->y, box->width, width));
    }
}

/* ------------------------------------------------------------------ */
/* Public API: what was painted, for tests and benchmarks               */
/* ------------------------------------------------------------------ */

char **
gloss_article_view_dup_labels_at (GlossArticleView *self,
                                  guint             offset)
{
  g_autoptr(GArray) runs = NULL;

  g_return_val_if_fail (GLOSS_IS_ARTICLE_VIEW (self), NULL);

  /* The same runs, and looks, as the ones drawn. */
  runs = collect_runs (self, offset, offset + 1);
  if (runs->len == 0)
    return g_new0 (char *, 1);

  return g_strdupv (g_array_index (runs, Run, 0).combo->ids);
}

gboolean
gloss_article_view_get_look_at (GlossArticleView *self,
                                guint             offset,
                                GdkRGBA          *fill,
                                GdkRGBA          *line,
                                int              *line_width)
{
  g_autoptr(GArray) runs = NULL;
  const Combo *combo;

  g_return_val_if_fail (GLOSS_IS_ARTICLE_VIEW (self), FALSE);

  runs = collect_runs (self, offset, offset + 1);
  if (runs->len == 0)
    return FALSE;

  combo = g_array_index (runs, Run, 0).combo;
  if (fill != NULL)
    *fill = combo->background;
  if (line != NULL)
    *line = combo->line != LINE_NONE ? combo->line_color : (GdkRGBA) { 0 };
  if (line_width != NULL)
    *line_width = combo->line != LINE_NONE ? combo->line_width : 0;

  return TRUE;
}

guint
gloss_article_view_get_n_painted_suggestions (GlossArticleView *self)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE_VIEW (self), 0);

  return gloss_article_view_get_paint (self)->n_painted_suggestions;
}

guint
gloss_article_view_get_n_painted_runs (GlossArticleView *self,
                                       guint            *n_frames)
{
  GlossArticleViewPaint *paint;

  g_return_val_if_fail (GLOSS_IS_ARTICLE_VIEW (self), 0);

  paint = gloss_article_view_get_paint (self);
  if (n_frames != NULL)
    *n_frames = paint->n_snapshots;

  return paint->n_painted_runs;
}
