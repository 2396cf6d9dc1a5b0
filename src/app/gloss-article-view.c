/* gloss-article-view.c — the article, read-only, with every annotation drawn on it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* This file is the text: selection, snapping, search, clicks and tooltips,
 * font and line width, the theme's colours, and what a screen reader hears.
 * The annotations are painted under the text by gloss-article-view-paint.c,
 * behind gloss-article-view-private.h.
 *
 * Screen readers: the view is "Article text"; its accessible description
 * is the article's name and how many annotations it has, or, while the
 * caret is in annotations, what they are (label, text, speaker), innermost
 * first. GTK 4.8 has no gtk_accessible_announce() (4.14): a change of the
 * description is sent as object:property-change:accessible-description,
 * which Orca speaks when the view has the focus (its default script's
 * onDescriptionChanged presents a new description of the locus of focus).
 *
 * CSS: none is needed for ui/style.css. The highlights are drawn by the
 * view (so they follow the label colours at run time), and the "font" property
 * installs a provider on the view itself. The view has the style class
 * "article-view", should the reading column ever want its own look, e.g.
 *
 *   textview.article-view > text { background-color: @view_bg_color; }
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include <adwaita.h>

#include "gloss-annotation-row.h"
#include "gloss-article-view-private.h"
#include "gloss-excerpt.h"
#include "gloss-suggestion-row.h"

#define DEFAULT_LINE_WIDTH  72
#define MIN_SIDE_MARGIN     24
#define TOP_MARGIN          24
#define BOTTOM_MARGIN       48

#define MAX_SEARCH_MATCHES  10000
/* Search matches tagged at a time, away from the screen: ~15 µs each. */
#define MATCH_TAG_CHUNK     256
/* Just above GtkTextView's background layout (GTK_TEXT_VIEW_PRIORITY_VALIDATE,
 * GDK_PRIORITY_REDRAW + 5), so that the matches of a long article are all
 * tagged before its layout is done, a chunk between two of its steps. */
#define MATCH_TAG_PRIORITY  (GDK_PRIORITY_REDRAW + 4)

/* A long article goes into the buffer a chunk at a time (fill_some):
 * GtkTextBuffer takes ~10 ms a megabyte to insert text (finding its line
 * breaks, counting and checking its characters), so 10 MB at once stalled
 * the main loop for a tenth of a second or more, at every opening. Chunks
 * of this many bytes (~0.7 ms each) while FILL_BUDGET_US lasts (half a
 * frame), in an idle just above GtkTextView's background layout (as
 * MATCH_TAG_PRIORITY), so that frames and input still come between two
 * steps. */
#define FILL_CHUNK_BYTES    (64 * 1024)
#define FILL_BUDGET_US      8000
#define FILL_PRIORITY       (GDK_PRIORITY_REDRAW + 4)
/* The piece map of a longer article is made in a thread (~10 ms a MB). */
#define PIECES_IN_THREAD_BYTES (1024 * 1024)
/* A text longer than this is not deleted where it is shown but in a
 * buffer put aside (replace_buffer()), this many characters at a time. */
#define RETIRE_BUFFER_CHARS    65536
#define RETIRE_CHARS_PER_SLICE 65536

/* Tooltip excerpts: this many characters of the span's start and end. */
#define EXCERPT_HEAD 32
#define EXCERPT_TAIL 20

typedef struct
{
  guint start;
  guint end;
} Match;

struct _GlossArticleView
{
  GtkTextView parent_instance;

  GlossSession       *session;
  GlossDocument      *document;
  GlossDocument      *text_document;  /* whose text the buffer holds */
  GlossAnnotationSet *annotations;
  GlossLabelSet      *labels;

  gulong session_notify_id;
  gulong items_changed_id;
  gulong annotation_changed_id;
  gulong relations_changed_id;

  GlossArticleViewPaint *paint;  /* gloss-article-view-paint.c */
  GlossArticleViewRelations *relations;  /* gloss-article-view-relations.c */
  GPtrArray             *lanes;  /* GlossAnnotationSet*, review lanes */
  /* GlossSuggestion in document order, drawn outlined (nullable), and the
   * longest one's length, so that painting finds those crossing the
   * visible lines by a binary search (G_MAXUINT: to be measured again). */
  GListModel            *suggestions;
  guint                  suggestions_longest;

  /* Text tags are changed only where and when they change: applying or
   * removing a tag redraws (or lays out again) every line of the range
   * given, whether the tag was there or not (see update_selected_tag). */
  GtkTextTag *selected_tag;
  GtkTextTag *search_tag;
  GtkTextTag *piece_tag;      /* on the first character of a piece a break ends */
  guint       selected_tag_start;  /* where selected_tag is, if tagged */
  guint       selected_tag_end;
  GdkRGBA     selected_tag_color;  /* its background, as last set */

  /* Where the buffer shows a very long paragraph in pieces; NULL when it
   * shows the document's text as is (no paragraph that long). */
  GlossPieceMap *pieces;
  guint          n_pieces_tagged;  /* breaks whose piece has piece_tag */
  GCancellable  *pieces_cancellable;  /* while a thread makes the map */

  /* The text being put into the buffer a chunk at a time (fill_some()):
   * text_document's, or the display text the piece map made of it
   * (fill_owned). fill_id != 0 while some of it is still to come; until
   * then, everything that reads or tags the buffer keeps to the part that
   * is in (buffer_length()), or has the rest put in first (ensure_filled()). */
  const char *fill_text;
  char       *fill_owned;
  gsize       fill_bytes;
  gsize       fill_done;
  guint       fill_id;
  /* The previous text's buffer, emptied a slice at a time (replace_buffer()). */
  GtkTextBuffer *retired_buffer;
  guint       retire_id;

  GlossAnnotation *selected;
  guint            check_selected_id;

  GArray *matches;            /* Match, in document order */
  guint   n_matches_tagged;   /* matches[0, n) have the search tag (more may) */
  guint   tag_matches_id;     /* tagging the rest, a chunk at a time */
  guint current_match;        /* 1-based index of the selected match, 0 for none */

  char *accessible_description;  /* as last told */

  GtkShortcutController *label_keys;
  GtkCssProvider        *font_provider;
  char                  *font;
  guint                  line_width;
  int                    measured_width;
  int                    char_width;  /* Pango units; 0 when not measured */

  double click_x;
  double click_y;
  guint  click_idle_id;

  guint snap_to_words : 1;
  guint selecting : 1;        /* we are moving the selection ourselves */
  guint selected_tagged : 1;  /* selected_tag is applied */
};

G_DEFINE_FINAL_TYPE (GlossArticleView, gloss_article_view, GTK_TYPE_TEXT_VIEW)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_SELECTED_ANNOTATION,
  PROP_SNAP_TO_WORDS,
  PROP_FONT,
  PROP_HAS_SELECTION,
  PROP_LINE_WIDTH,
  PROP_N_MATCHES,
  PROP_CURRENT_MATCH,
  PROP_TEXT_COMPLETE,
  PROP_RELATION_SOURCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  RELATION_MESSAGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void update_selected_tag    (GlossArticleView *self);
static void set_current_match      (GlossArticleView *self,
                                    guint             current);
static void update_accessible      (GlossArticleView *self);
static void set_selected_internal  (GlossArticleView *self,
                                    GlossAnnotation  *annotation,
                                    gboolean          select_text,
                                    gboolean          scroll);
static void ensure_filled          (GlossArticleView *self,
                                    guint             offset);
static gboolean tag_more_matches_cb (gpointer         user_data);
static void connect_buffer         (GlossArticleView *self,
                                    GtkTextBuffer    *buffer);

static GtkTextBuffer *
get_buffer (GlossArticleView *self)
{
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
}

/* The two helpers every offset goes through between the document and the
 * buffer, which may show a long paragraph in pieces (self->pieces). */

/* A span's iters: its start after a break inserted there, its end before
 * it, so a span never takes an inserted break in at either end. */
static void
get_iters (GlossArticleView *self,
           guint             start,
           guint             end,
           GtkTextIter      *start_iter,
           GtkTextIter      *end_iter)
{
  GtkTextBuffer *buffer = get_buffer (self);

  if (self->pieces != NULL)
    {
      start = gloss_piece_map_to_display (self->pieces, start);
      end = MAX (start, gloss_piece_map_to_display_end (self->pieces, end));
    }
  gtk_text_buffer_get_iter_at_offset (buffer, start_iter, (int)start);
  gtk_text_buffer_get_iter_at_offset (buffer, end_iter, (int)end);
}

/* The document offset of @iter; an inserted break stands for the document
 * position it was inserted at. */
static guint
iter_offset (GlossArticleView  *self,
             const GtkTextIter *iter)
{
  guint offset = (guint)gtk_text_iter_get_offset (iter);

  return self->pieces != NULL ? gloss_piece_map_to_document (self->pieces, offset) : offset;
}

/* The length, in document offsets, of the text the buffer shows: while
 * the buffer is being filled, of the part that is in. */
static guint
buffer_length (GlossArticleView *self)
{
  guint n = (guint)gtk_text_buffer_get_char_count (get_buffer (self));

  return self->pieces != NULL ? gloss_piece_map_to_document (self->pieces, n) : n;
}

/* The annotations are painted under the text (gloss-article-view-paint.c). */
static void
gloss_article_view_snapshot_layer (GtkTextView      *view,
                                   GtkTextViewLayer  layer,
                                   GtkSnapshot      *snapshot)
{
  if (GTK_TEXT_VIEW_CLASS (gloss_article_view_parent_class)->snapshot_layer != NULL)
    GTK_TEXT_VIEW_CLASS (gloss_article_view_parent_class)->snapshot_layer (view, layer, snapshot);

  if (layer == GTK_TEXT_VIEW_LAYER_BELOW_TEXT)
    gloss_article_view_paint_below_text (GLOSS_ARTICLE_VIEW (view), snapshot);
  else if (layer == GTK_TEXT_VIEW_LAYER_ABOVE_TEXT)
    {
      gloss_article_view_paint_above_text (GLOSS_ARTICLE_VIEW (view), snapshot);
      gloss_article_view_relations_paint (GLOSS_ARTICLE_VIEW (view), snapshot);
    }
}

static void
queue_repaint (GlossArticleView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
is_placed (GlossArticleView *self,
           GlossAnnotation  *annotation)
{
  return self->annotations != NULL
         && !gloss_annotation_is_orphaned (annotation)
         && gloss_annotation_set_index_of (self->annotations, annotation) != G_MAXUINT;
}

static gboolean
check_selected_cb (gpointer user_data)
{
  GlossArticleView *self = user_data;

  self->check_selected_id = 0;

  if (self->selected != NULL
      && !gloss_annotation_is_orphaned (self->selected)
      && !is_placed (self, self->selected))
    set_selected_internal (self, NULL, FALSE, FALSE);

  return G_SOURCE_REMOVE;
}

static void
on_items_changed (GlossArticleView *self,
                  guint             position,
                  guint             removed,
                  guint             added,
                  GListModel       *model)
{
  queue_repaint (self);
  update_accessible (self);
  gloss_article_view_relations_check (self);

  /* A label or bounds change takes the annotation out and puts it back in
   * two steps; only if it is still gone afterwards was it removed. */
  if (self->selected != NULL && self->check_selected_id == 0)
    self->check_selected_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, check_selected_cb, self, NULL);
}

static void
on_annotation_changed (GlossArticleView   *self,
                       GlossAnnotation    *annotation,
                       GlossAnnotationSet *set)
{
  queue_repaint (self);
  update_accessible (self);

  if (annotation == self->selected)
    update_selected_tag (self);
}

static void
on_relations_changed (GlossArticleView   *self,
                      GlossAnnotationSet *set)
{
  /* A quote's speaker is part of what is said about it. */
  update_accessible (self);
  /* The selected span's arcs. */
  queue_repaint (self);
}

/* ------------------------------------------------------------------ */
/* The selected annotation                                              */
/* ------------------------------------------------------------------ */

/* The selected annotation's emphasis: the "gloss-selected" tag over its
 * span (a background in its label's colour) and an overline that the
 * painting draws (gloss_article_view_get_selected_span()).
 *
 * What this costs is GtkTextBuffer's: applying or removing a tag redraws
 * every line of the range given — whether or not the tag was there —
 * and lays them out again if the tag can change their size, which GTK
 * 4.8 counts an overline (or a font, an underline, a margin) to do; a
 * change of the tag's colour redraws the whole view, one of its size the
 * lines it covers. Removing this tag from the whole text at each Tab made
 * GTK lay out a 10 MB article again in the background (5.5 s of CPU). So
 * the tag is removed only from the span it was applied to, applied only
 * to the new one, and its colour set only when it differs; and it holds
 * nothing but a background, so that neither relays out any line, however
 * long its paragraph. */
static void
update_selected_tag (GlossArticleView *self)
{
  GtkTextBuffer *buffer = get_buffer (self);
  GlossAnnotation *annotation = self->selected;
  gboolean placed = annotation != NULL && is_placed (self, annotation);
  guint start = placed ? gloss_annotation_get_start (annotation) : 0;
  guint end = placed ? gloss_annotation_get_end (annotation) : 0;
  GtkTextIter start_iter, end_iter;
  GdkRGBA color;

  /* Not in the buffer yet: tagged once it is (fill_some()). */
  if (placed && end > buffer_length (self))
    placed = FALSE;

  if (self->selected_tagged
      && (!placed || start != self->selected_tag_start || end != self->selected_tag_end))
    {
      get_iters (self, self->selected_tag_start, self->selected_tag_end, &start_iter, &end_iter);
      gtk_text_buffer_remove_tag (buffer, self->selected_tag, &start_iter, &end_iter);
      self->selected_tagged = FALSE;
      /* The overline goes with it. */
      queue_repaint (self);
    }

  if (!placed)
    return;

  gloss_article_view_paint_selected_color (self, gloss_annotation_get_label (annotation), &color);
  if (!gdk_rgba_equal (&color, &self->selected_tag_color))
    {
      self->selected_tag_color = color;
      g_object_set (self->selected_tag, "background-rgba", &color, NULL);
    }

  if (!self->selected_tagged)
    {
      get_iters (self, start, end, &start_iter, &end_iter);
      gtk_text_buffer_apply_tag (buffer, self->selected_tag, &start_iter, &end_iter);
      self->selected_tagged = TRUE;
      self->selected_tag_start = start;
      self->selected_tag_end = end;
      queue_repaint (self);
    }
}

/* Whether @text may hold a paragraph longer than a piece: a paragraph
 * ends at least at every "\n", and has no more code points than bytes. A
 * few memchr() calls, so an article of short paragraphs costs nothing. */
static gboolean
may_have_long_paragraph (const char *text,
                         gsize       n_bytes)
{
  const char *p = text;
  const char *end = text + n_bytes;

  while (p < end)
    {
      const char *nl = memchr (p, '\n', (gsize)(end - p));
      const char *stop = nl != NULL ? nl : end;

      if ((gsize)(stop - p) > GLOSS_PIECE_MAP_DEFAULT_LENGTH)
        return TRUE;
      p = stop + 1;
    }

  return FALSE;
}

/* Inserted breaks should look like a line wrapping, not a new paragraph:
 * the piece before one gets, below it, what is inside a wrap less what the
 * next piece gets above (GtkTextView takes a line's spacing from the tags
 * on its first character). */
static void
update_piece_tag (GlossArticleView *self)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);

  g_object_set (self->piece_tag,
                "pixels-below-lines",
                MAX (0, gtk_text_view_get_pixels_inside_wrap (view) - gtk_text_view_get_pixels_above_lines (view)),
                NULL);
}

/* In displayed offsets: the piece map's own domain. The breaks whose
 * piece is in the buffer and not tagged yet. */
static void
tag_pieces (GlossArticleView *self)
{
  GtkTextBuffer *buffer = get_buffer (self);
  guint n_chars = (guint)gtk_text_buffer_get_char_count (buffer);
  const guint *breaks;
  guint n_breaks;

  if (self->pieces == NULL)
    return;

  breaks = gloss_piece_map_get_breaks (self->pieces, &n_breaks);
  for (; self->n_pieces_tagged < n_breaks; self->n_pieces_tagged++)
    {
      guint i = self->n_pieces_tagged;
      guint at = gloss_piece_map_to_display_end (self->pieces, breaks[i]);
      GtkTextIter start_iter, end_iter;

      if (at >= n_chars)
        break;

      /* The piece this break ends: after the break before it, or where
       * its paragraph begins. */
      gtk_text_buffer_get_iter_at_offset (buffer, &start_iter, (int)at);
      gtk_text_iter_set_line_offset (&start_iter, 0);
      end_iter = start_iter;
      gtk_text_iter_forward_char (&end_iter);
      gtk_text_buffer_apply_tag (buffer, self->piece_tag, &start_iter, &end_iter);
    }
}

static void
stop_fill (GlossArticleView *self)
{
  g_clear_handle_id (&self->fill_id, g_source_remove);
  g_clear_pointer (&self->fill_owned, g_free);
  self->fill_text = NULL;
  self->fill_bytes = self->fill_done = 0;
}

/* Inserts the next chunks of the text being filled in, while @budget_us
 * lasts (at least one chunk; all the rest if @budget_us is negative), and
 * brings what depends on the text up to it: the piece tags, the selected
 * annotation's tag, the search matches. */
static void
fill_some (GlossArticleView *self,
           gint64            budget_us)
{
  GtkTextBuffer *buffer = get_buffer (self);
  GtkTextMark *insert = gtk_text_buffer_get_insert (buffer);
  GtkTextMark *bound = gtk_text_buffer_get_selection_bound (buffer);
  gint64 until = g_get_monotonic_time () + MAX (budget_us, 0);
  GtkTextIter end_iter, iter;
  gboolean insert_at_end, bound_at_end;
  int old_end;

  gtk_text_buffer_get_end_iter (buffer, &end_iter);
  old_end = gtk_text_iter_get_offset (&end_iter);
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, insert);
  insert_at_end = gtk_text_iter_equal (&iter, &end_iter);
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, bound);
  bound_at_end = gtk_text_iter_equal (&iter, &end_iter);

  do
    {
      gsize end = budget_us < 0
                  ? self->fill_bytes
                  : gloss_piece_map_chunk_end (self->fill_text, self->fill_bytes,
                                               self->fill_done, FILL_CHUNK_BYTES);

      gtk_text_buffer_get_end_iter (buffer, &end_iter);
      gtk_text_buffer_insert (buffer, &end_iter, self->fill_text + self->fill_done,
                              (int)(end - self->fill_done));
      self->fill_done = end;
    }
  while (self->fill_done < self->fill_bytes && g_get_monotonic_time () < until);

  /* A caret at the end of the text so far stays where it was, rather than
   * being pushed along by each chunk; at the start of an empty buffer too
   * (the first chunk after a piece map thread comes long after the caret
   * was put at the start). */
  if (insert_at_end || bound_at_end)
    {
      GtkTextIter insert_iter, bound_iter;

      gtk_text_buffer_get_iter_at_mark (buffer, &insert_iter, insert);
      gtk_text_buffer_get_iter_at_mark (buffer, &bound_iter, bound);
      if (insert_at_end)
        gtk_text_buffer_get_iter_at_offset (buffer, &insert_iter, old_end);
      if (bound_at_end)
        gtk_text_buffer_get_iter_at_offset (buffer, &bound_iter, old_end);
      gtk_text_buffer_select_range (buffer, &insert_iter, &bound_iter);
    }

  tag_pieces (self);
  if (self->selected != NULL && !self->selected_tagged)
    update_selected_tag (self);
  if (self->n_matches_tagged < self->matches->len && self->tag_matches_id == 0)
    self->tag_matches_id = g_idle_add_full (MATCH_TAG_PRIORITY, tag_more_matches_cb, self, NULL);

  if (self->fill_done < self->fill_bytes)
    return;

  g_clear_handle_id (&self->fill_id, g_source_remove);
  g_clear_pointer (&self->fill_owned, g_free);
  self->fill_text = NULL;
  if (self->text_document != NULL
      && buffer_length (self) != gloss_document_get_length (self->text_document))
    g_critical ("The text view counts %u characters in “%s”, the document %u: "
                "highlights will be misplaced",
                buffer_length (self), gloss_document_get_name (self->text_document),
                gloss_document_get_length (self->text_document));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT_COMPLETE]);
}

static gboolean
fill_cb (gpointer user_data)
{
  GlossArticleView *self = user_data;

  fill_some (self, FILL_BUDGET_US);
  return self->fill_id != 0 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static gboolean
text_complete (GlossArticleView *self)
{
  return self->fill_id == 0 && self->pieces_cancellable == NULL;
}

/* Starts putting @text (@length bytes, owned if @owned) into the emptied
 * buffer: the first chunk now (the first screen, and all of a short
 * article), the rest from an idle, a chunk at a time. */
static void
start_fill (GlossArticleView *self,
            const char       *text,
            gsize             length,
            char             *owned)
{
  self->fill_owned = owned;
  self->fill_text = text;
  self->fill_bytes = length;
  self->fill_done = 0;
  if (length == 0)
    {
      stop_fill (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT_COMPLETE]);
      return;
    }

  self->fill_id = g_idle_add_full (FILL_PRIORITY, fill_cb, self, NULL);
  fill_some (self, 0);
}

/* Shows text_document's text with @map and the text it displays (both
 * taken; a map without breaks shows the document's own text). */
static void
fill_with_pieces (GlossArticleView *self,
                  GlossPieceMap    *map,
                  char             *display)
{
  GlossDocument *document = self->text_document;

  g_clear_pointer (&self->pieces, gloss_piece_map_unref);
  self->n_pieces_tagged = 0;
  if (display != NULL)
    {
      self->pieces = map;
      start_fill (self, display, strlen (display), display);
    }
  else
    {
      gloss_piece_map_unref (map);
      start_fill (self, gloss_document_get_text (document), gloss_document_get_n_bytes (document), NULL);
    }
}

/* Made here, when it cannot wait for the thread (or need not). */
static void
fill_with_pieces_now (GlossArticleView *self)
{
  GlossDocument *document = self->text_document;
  char *display = NULL;
  GlossPieceMap *map = gloss_piece_map_new_with_display (gloss_document_get_text (document),
                                                         (gssize) gloss_document_get_n_bytes (document),
                                                         GLOSS_PIECE_MAP_DEFAULT_LENGTH, &display);

  fill_with_pieces (self, map, display);
}

static void
on_pieces_made (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GlossArticleView *self = user_data;
  char *display = NULL;
  GlossPieceMap *map = gloss_piece_map_new_finish (result, &display, NULL);

  /* Cancelled: another text, made here already (ensure_filled()), or the
   * view disposed (and maybe freed: @self is not to be touched then). */
  if (map == NULL)
    return;

  g_clear_object (&self->pieces_cancellable);
  fill_with_pieces (self, map, display);
}

/* Whatever is to be read or tagged at document offset @offset must be in
 * the buffer: puts the rest of the text in now if it is not yet (and
 * makes its piece map now if a thread still makes it). */
static void
ensure_filled (GlossArticleView *self,
               guint             offset)
{
  if (self->pieces_cancellable != NULL && self->text_document != NULL && offset > 0)
    {
      g_cancellable_cancel (self->pieces_cancellable);
      g_clear_object (&self->pieces_cancellable);
      fill_with_pieces_now (self);
    }
  if (self->fill_id != 0 && offset > buffer_length (self))
    fill_some (self, -1);
}

/* Deletes the retired buffer's text a slice at a time, then drops it. */
static gboolean
empty_retired_buffer_some (gpointer data)
{
  GlossArticleView *self = data;
  GtkTextIter start, end;

  gtk_text_buffer_get_start_iter (self->retired_buffer, &start);
  end = start;
  if (gtk_text_iter_forward_chars (&end, RETIRE_CHARS_PER_SLICE))
    {
      gtk_text_buffer_delete (self->retired_buffer, &start, &end);
      return G_SOURCE_CONTINUE;
    }

  g_clear_object (&self->retired_buffer);
  self->retire_id = 0;
  return G_SOURCE_REMOVE;
}

static void
drop_retired_buffer (GlossArticleView *self)
{
  g_clear_handle_id (&self->retire_id, g_source_remove);
  g_clear_object (&self->retired_buffer);
}

/* Gives the view an empty buffer (same tags) in place of one holding a
 * long text. Deleting the whole text where it is shown had GTK drop
 * every line's layout along with it in one go (about 8 ms of the longest
 * stall when a 1 MB article changed on disk); detached, the old text is
 * deleted a slice at a time in idle time. Emits notify::buffer, which
 * whoever watches the buffer follows. */
static void
replace_buffer (GlossArticleView *self)
{
  GtkTextBuffer *old = get_buffer (self);
  g_autoptr(GtkTextBuffer) fresh = gtk_text_buffer_new (gtk_text_buffer_get_tag_table (old));

  drop_retired_buffer (self);
  g_signal_handlers_disconnect_by_data (old, self);
  self->retired_buffer = g_object_ref (old);
  gtk_text_view_set_buffer (GTK_TEXT_VIEW (self), fresh);
  connect_buffer (self, fresh);
  self->retire_id = g_idle_add_full (G_PRIORITY_LOW, empty_retired_buffer_some, self, NULL);
}

/* Replaces the buffer's text with @document's (none if NULL): every tag
 * goes with the old text. A very long paragraph is shown in pieces
 * (GlossPieceMap), whose map a thread makes for a long article; then
 * start_fill(). */
static void
set_buffer_text (GlossArticleView *self,
                 GlossDocument    *document)
{
  GtkTextBuffer *buffer = get_buffer (self);
  gboolean was_complete = text_complete (self);
  const char *text = document != NULL ? gloss_document_get_text (document) : "";
  gsize length = document != NULL ? gloss_document_get_n_bytes (document) : 0;

  stop_fill (self);
  if (self->pieces_cancellable != NULL)
    {
      g_cancellable_cancel (self->pieces_cancellable);
      g_clear_object (&self->pieces_cancellable);
    }
  g_set_object (&self->text_document, document);
  g_clear_pointer (&self->pieces, gloss_piece_map_unref);
  self->n_pieces_tagged = 0;

  if (gtk_text_buffer_get_char_count (buffer) > RETIRE_BUFFER_CHARS)
    replace_buffer (self);
  else
    gtk_text_buffer_set_text (buffer, "", 0);
  self->selected_tagged = FALSE;
  g_clear_handle_id (&self->tag_matches_id, g_source_remove);
  g_array_set_size (self->matches, 0);
  self->n_matches_tagged = 0;
  set_current_match (self, 0);

  if (!may_have_long_paragraph (text, length))
    start_fill (self, text, length, NULL);
  else if (length <= PIECES_IN_THREAD_BYTES)
    fill_with_pieces_now (self);
  else
    {
      /* The model's task has no source object (a widget must not be
       * disposed in a worker): every way the view goes cancels it first. */
      self->pieces_cancellable = g_cancellable_new ();
      gloss_piece_map_new_async (text, length, GLOSS_PIECE_MAP_DEFAULT_LENGTH, G_OBJECT (document),
                                 self->pieces_cancellable, on_pieces_made, self);
    }

  /* Once it is so: a listener reads FALSE (fill_some() notifies TRUE). */
  if (was_complete && !text_complete (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT_COMPLETE]);
}

static void
select_and_scroll (GlossArticleView *self,
                   guint             start,
                   guint             end,
                   gboolean          scroll)
{
  GtkTextBuffer *buffer = get_buffer (self);
  GtkTextIter start_iter, end_iter;
  GtkTextMark *mark;

  ensure_filled (self, end);
  start = MIN (start, buffer_length (self));
  end = CLAMP (end, start, buffer_length (self));
  get_iters (self, start, end, &start_iter, &end_iter);

  /* The caret goes at the end, so Shift+arrows adjust where the span ends. */
  gtk_text_buffer_select_range (buffer, &end_iter, &start_iter);

  if (!scroll)
    return;

  /* Show where the span begins; a mark, because the layout of a long
   * article may not be computed that far yet. */
  mark = gtk_text_buffer_get_mark (buffer, "gloss-scroll-target");
  if (mark == NULL)
    mark = gtk_text_buffer_create_mark (buffer, "gloss-scroll-target", &start_iter, TRUE);
  else
    gtk_text_buffer_move_mark (buffer, mark, &start_iter);
  gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self), mark, 0.2, FALSE, 0.0, 0.0);
}

static void
set_selected_internal (GlossArticleView *self,
                       GlossAnnotation  *annotation,
                       gboolean          select_text,
                       gboolean          scroll)
{
  if (!g_set_object (&self->selected, annotation))
    return;

  update_selected_tag (self);
  /* Its relations' arcs go with it (a redraw only where there are some). */
  if (gloss_article_view_relations_has_arcs (self))
    queue_repaint (self);

  if (annotation != NULL && select_text && !gloss_annotation_is_orphaned (annotation))
    {
      /* Moving the two selection marks one after the other passes through
       * a selection that is not the annotation's: not a reason to drop it. */
      self->selecting = TRUE;
      select_and_scroll (self,
                         gloss_annotation_get_start (annotation),
                         gloss_annotation_get_end (annotation),
                         scroll);
      self->selecting = FALSE;
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ANNOTATION]);
}

/* When the person selects other text, the annotation is no longer what a
 * label key would act on. A bare caret keeps it (arrow keys, a click). */
static void
on_mark_set (GlossArticleView *self,
             GtkTextIter      *location,
             GtkTextMark      *mark,
             GtkTextBuffer    *buffer)
{
  GtkTextIter start_iter, end_iter;

  if (self->selecting || self->selected == NULL)
    return;
  if (mark != gtk_text_buffer_get_insert (buffer)
      && mark != gtk_text_buffer_get_selection_bound (buffer))
    return;
  if (!gtk_text_buffer_get_selection_bounds (buffer, &start_iter, &end_iter))
    return;

  if (iter_offset (self, &start_iter) != gloss_annotation_get_start (self->selected)
      || iter_offset (self, &end_iter) != gloss_annotation_get_end (self->selected))
    set_selected_internal (self, NULL, FALSE, FALSE);
}

static void
on_has_selection_changed (GlossArticleView *self,
                          GParamSpec       *pspec,
                          GtkTextBuffer    *buffer)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_SELECTION]);
}

/* ------------------------------------------------------------------ */
/* Pointer: clicks and tooltips                                         */
/* ------------------------------------------------------------------ */

/* The character under a point in widget coordinates, if any. */
static gboolean
offset_at_point (GlossArticleView *self,
                 double            x,
                 double            y,
                 guint            *offset)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GtkTextIter iter;
  int bx, by;
  int trailing;

  gtk_text_view_window_to_buffer_coords (view, GTK_TEXT_WINDOW_WIDGET, (int)x, (int)y, &bx, &by);

  /* Not get_iter_at_location(), which rounds to the nearest caret
   * position: in the right half of a character it gives the next one. */
  if (!gtk_text_view_get_iter_at_position (view, &iter, &trailing, bx, by)
      || gtk_text_iter_ends_line (&iter))
    return FALSE;

  *offset = iter_offset (self, &iter);
  return TRUE;
}

static int
compare_outer_first (gconstpointer a,
                     gconstpointer b)
{
  GlossAnnotation *aa = *(GlossAnnotation * const *)a;
  GlossAnnotation *ab = *(GlossAnnotation * const *)b;
  guint la = gloss_annotation_get_end (aa) - gloss_annotation_get_start (aa);
  guint lb = gloss_annotation_get_end (ab) - gloss_annotation_get_start (ab);

  if (la != lb)
    return la > lb ? -1 : 1;
  return gloss_annotation_compare (aa, ab);
}

/* The annotations at @offset, outermost first, innermost last. */
static GPtrArray *
annotations_at (GlossArticleView *self,
                guint             offset)
{
  GPtrArray *found;

  /* The highlights read ahead of the session (gloss_article_view_show_text())
   * are only drawn: pointing at them, which looks at the document, waits
   * for the session (the loading thread uses the document until then). */
  if (self->annotations == NULL || self->session == NULL)
    return g_ptr_array_new ();

  found = gloss_annotation_set_at_offset (self->annotations, offset);
  g_ptr_array_sort (found, compare_outer_first);

  return found;
}

static gboolean
click_idle_cb (gpointer user_data)
{
  GlossArticleView *self = user_data;
  GtkTextBuffer *buffer = get_buffer (self);
  GtkTextIter start_iter, end_iter;
  g_autoptr(GPtrArray) found = NULL;
  guint offset;

  self->click_idle_id = 0;

  /* A drag (or a double click) selected text to annotate: leave it be,
   * unless it is the selected annotation's own span clicked again. */
  if (gtk_text_buffer_get_selection_bounds (buffer, &start_iter, &end_iter)
      && (self->selected == NULL
          || iter_offset (self, &start_iter) != gloss_annotation_get_start (self->selected)
          || iter_offset (self, &end_iter) != gloss_annotation_get_end (self->selected)))
    return G_SOURCE_REMOVE;

  if (!offset_at_point (self, self->click_x, self->click_y, &offset))
    {
      set_selected_internal (self, NULL, FALSE, FALSE);
      return G_SOURCE_REMOVE;
    }

  found = annotations_at (self, offset);
  /* The span is under the pointer already: no scrolling. */
  set_selected_internal (self,
                         found->len > 0 ? g_ptr_array_index (found, found->len - 1) : NULL,
                         TRUE, FALSE);

  return G_SOURCE_REMOVE;
}

/* A right-click (or whatever opens the context menu here) on an annotation
 * selects it first, so that the menu's Edit Note, Choose Speaker and
 * Delete act on the span clicked, not on nothing or on one elsewhere. Runs
 * on the press, before the text view opens its menu. The annotation
 * already selected stays so if it is under the pointer too (right-clicking
 * a quote inside the selected claim keeps the claim). */
static void
select_for_context_menu (GlossArticleView *self,
                         GdkEvent         *event)
{
  GtkWidget *widget = GTK_WIDGET (self);
  g_autoptr(GPtrArray) found = NULL;
  GtkNative *native;
  double x, y, dx, dy;
  guint offset;

  if (!gdk_event_get_position (event, &x, &y))
    return;

  native = gtk_widget_get_native (widget);
  gtk_native_get_surface_transform (native, &dx, &dy);
  if (!gtk_widget_translate_coordinates (GTK_WIDGET (native), widget, x - dx, y - dy, &x, &y)
      || !offset_at_point (self, x, y, &offset))
    return;

  found = annotations_at (self, offset);
  if (found->len == 0
      || (self->selected != NULL && g_ptr_array_find (found, self->selected, NULL)))
    return;

  /* A pending left-click result must not undo this selection. */
  g_clear_handle_id (&self->click_idle_id, g_source_remove);
  set_selected_internal (self, g_ptr_array_index (found, found->len - 1), TRUE, FALSE);
}

/* Clicks are watched with a legacy controller in the capture phase, not a
 * GtkGestureClick: the text view's own gestures claim the sequence when
 * the press lands in selected text (it may become a drag and drop), and a
 * gesture of ours would then never see the release. Events go on to the
 * text view as usual. */
static gboolean
on_event (GlossArticleView         *self,
          GdkEvent                 *event,
          GtkEventControllerLegacy *controller)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GdkEventType type = gdk_event_get_event_type (event);
  GtkNative *native;
  double x, y, dx, dy;

  if (type == GDK_BUTTON_PRESS
      && gdk_event_triggers_context_menu (event))
    {
      select_for_context_menu (self, event);
      return GDK_EVENT_PROPAGATE;
    }

  if (type == GDK_GRAB_BROKEN || type == GDK_TOUCH_CANCEL)
    {
      gloss_article_view_relations_event (self, event, 0, 0);
      return GDK_EVENT_PROPAGATE;
    }

  if ((type != GDK_BUTTON_PRESS && type != GDK_BUTTON_RELEASE && type != GDK_MOTION_NOTIFY)
      || !gdk_event_get_position (event, &x, &y))
    return GDK_EVENT_PROPAGATE;

  /* From surface to widget coordinates. */
  native = gtk_widget_get_native (widget);
  gtk_native_get_surface_transform (native, &dx, &dy);
  if (!gtk_widget_translate_coordinates (GTK_WIDGET (native), widget, x - dx, y - dy, &x, &y))
    return GDK_EVENT_PROPAGATE;

  /* A drag from the selected span draws a relation: the text view never
   * sees it. */
  if (gloss_article_view_relations_event (self, event, x, y))
    return GDK_EVENT_STOP;

  if (type != GDK_BUTTON_RELEASE || gdk_button_event_get_button (event) != GDK_BUTTON_PRIMARY)
    return GDK_EVENT_PROPAGATE;

  /* The text view handles this release after us (it may still move the
   * caret or end a selection), so look at the result once it has. */
  self->click_x = x;
  self->click_y = y;
  g_clear_handle_id (&self->click_idle_id, g_source_remove);
  self->click_idle_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, click_idle_cb, self, NULL);

  return GDK_EVENT_PROPAGATE;
}

/* "“Some text at the start … and its end”", on one line. */
static char *
dup_excerpt (GlossArticleView *self,
             GlossAnnotation  *annotation)
{
  guint start = gloss_annotation_get_start (annotation);
  guint end = gloss_annotation_get_end (annotation);
  g_autofree char *text = NULL;
  g_auto(GStrv) words = NULL;

  if (end - start > EXCERPT_HEAD + EXCERPT_TAIL + 8)
    {
      /* Cut between words, or at least between graphemes. */
      guint head_end = gloss_document_next_grapheme_boundary (self->document,
                                                              gloss_document_word_end_after (self->document, start + EXCERPT_HEAD));
      guint tail_start = gloss_document_prev_grapheme_boundary (self->document,
                                                                gloss_document_word_start_before (self->document, end - EXCERPT_TAIL));
      g_autofree char *head = gloss_document_dup_slice (self->document, start, head_end);
      g_autofree char *tail = gloss_document_dup_slice (self->document, tail_start, end);

      text = g_strconcat (g_strstrip (head), " … ", g_strstrip (tail), NULL);
    }
  else
    text = gloss_document_dup_slice (self->document, start, end);

  /* Line breaks and runs of spaces would make a ragged tooltip. */
  words = g_strsplit_set (text, " \t\r\n\f\v", -1);
  g_free (text);
  text = NULL;
  {
    g_autoptr(GString) joined = g_string_new (NULL);

    for (guint i = 0; words[i] != NULL; i++)
      {
        if (words[i][0] == '\0')
          continue;
        if (joined->len > 0)
          g_string_append_c (joined, ' ');
        g_string_append (joined, words[i]);
      }
    return g_string_free (g_steal_pointer (&joined), FALSE);
  }
}

/* One line per annotation at @offset, outermost first, so the innermost
 * (the one a click selects) is last; NULL if there are none. */
static char *
dup_tooltip_text (GlossArticleView *self,
                  guint             offset)
{
  g_autoptr(GPtrArray) found = annotations_at (self, offset);
  GString *text;

  if (found->len == 0)
    return NULL;

  text = g_string_new (NULL);
  for (guint i = 0; i < found->len; i++)
    {
      GlossAnnotation *annotation = g_ptr_array_index (found, i);
      const char *id = gloss_annotation_get_label (annotation);
      GlossLabel *label = self->labels ? gloss_label_set_lookup (self->labels, id) : NULL;
      g_autofree char *excerpt = dup_excerpt (self, annotation);
      g_autofree char *quoted = NULL;
      g_autofree char *name = NULL;

      if (label != NULL)
        name = g_strdup (gloss_label_get_name (label));
      else
        /* Translators: an annotation whose label is not in the label set */
        name = g_strdup_printf (_("%s (unknown label)"), id);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      quoted = gloss_format_quoted_excerpt (excerpt, G_MAXUINT);
      /* Translators: a tooltip line: a label name, then the annotated text,
       * already between quotation marks */
      g_string_append_printf (text, _("%s: %s"), name, quoted);
    }

  return g_string_free (text, FALSE);
}

static gboolean
gloss_article_view_query_tooltip (GtkWidget  *widget,
                                  int         x,
                                  int         y,
                                  gboolean    keyboard_mode,
                                  GtkTooltip *tooltip)
{
  GlossArticleView *self = GLOSS_ARTICLE_VIEW (widget);
  g_autofree char *text = NULL;
  guint offset;

  if (keyboard_mode)
    {
      GtkTextBuffer *buffer = get_buffer (self);
      GtkTextIter iter;

      gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
      offset = iter_offset (self, &iter);
    }
  else if (!offset_at_point (self, x, y, &offset))
    return FALSE;

  text = dup_tooltip_text (self, offset);
  if (text == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);

  return TRUE;
}

/* ------------------------------------------------------------------ */
/* What a screen reader hears                                           */
/* ------------------------------------------------------------------ */

static guint
caret_offset (GlossArticleView *self)
{
  GtkTextBuffer *buffer = get_buffer (self);
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  return iter_offset (self, &iter);
}

/* Takes @described and gives it back with "…; suggested: Person · Same
 * text" for each suggestion whose span holds @offset (its end included: F8
 * leaves the caret there), so that a screen reader says what Ctrl+Return
 * would accept. */
static char *
add_suggestions_at (GlossArticleView *self,
                    char             *described,
                    guint             offset)
{
  guint longest, n;
  GListModel *model = gloss_article_view_get_suggestions (self, &longest);

  if (model == NULL)
    return described;

  n = g_list_model_get_n_items (model);
  for (guint i = gloss_article_view_first_suggestion_reaching (model, offset, longest); i < n; i++)
    {
      g_autoptr(GlossSuggestion) suggestion = g_list_model_get_item (model, i);
      g_autofree char *about = NULL;
      char *more;

      if (gloss_suggestion_get_start (suggestion) > offset)
        break;
      if (gloss_suggestion_get_end (suggestion) < offset)
        continue;

      about = gloss_describe_suggestion (suggestion, self->labels);
      /* Translators: read by screen readers: what is at the caret, then a
       * suggestion there not yet accepted ("Person · Same text · 0.90") */
      more = g_strdup_printf (_("%s; suggested: %s"), described, about);
      g_free (described);
      described = more;
    }

  return described;
}

/* The annotations at the caret, innermost first ("Quote: “…”, said by
 * Olena Kovalenko; inside Claim: “…”"), or the article and its count of
 * annotations when there are none. */
static char *
dup_annotations_description (GlossArticleView *self)
{
  g_autoptr(GPtrArray) found = NULL;
  GString *text;

  found = annotations_at (self, caret_offset (self));
  if (found->len == 0)
    {
      guint n = self->annotations != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->annotations)) : 0;

      /* Translators: the article view's description for screen readers: the
       * article's file name, then how many annotations it has. */
      return g_strdup_printf (ngettext ("%s, %u annotation", "%s, %u annotations", n),
                              gloss_document_get_name (self->document), n);
    }

  text = g_string_new (NULL);
  for (guint i = found->len; i > 0; i--)
    {
      g_autofree char *described = gloss_describe_annotation (g_ptr_array_index (found, i - 1),
                                                              self->annotations, self->labels);

      if (text->len == 0)
        g_string_append (text, described);
      else
        {
          g_autofree char *inner = g_string_free (text, FALSE);

          /* Translators: read by screen readers: the annotation at the
           * caret, then one it lies inside of. */
          text = g_string_new (NULL);
          g_string_append_printf (text, _("%s; inside %s"), inner, described);
        }
    }

  return g_string_free (text, FALSE);
}

/* What the view says at the caret; "" without an article. */
static char *
dup_accessible_description (GlossArticleView *self)
{
  if (self->document == NULL)
    return g_strdup ("");

  return add_suggestions_at (self, dup_annotations_description (self), caret_offset (self));
}

/* Tells assistive technologies what is at the caret, when it changed. */
static void
update_accessible (GlossArticleView *self)
{
  g_autofree char *description = dup_accessible_description (self);

  if (g_strcmp0 (description, self->accessible_description) == 0)
    return;

  g_free (self->accessible_description);
  self->accessible_description = g_steal_pointer (&description);

  if (self->accessible_description[0] != '\0')
    gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->accessible_description,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static void
on_cursor_position_changed (GlossArticleView *self,
                            GParamSpec       *pspec,
                            GtkTextBuffer    *buffer)
{
  update_accessible (self);
}

/* What the view follows in its buffer (replace_buffer() gives it another). */
static void
connect_buffer (GlossArticleView *self,
                GtkTextBuffer    *buffer)
{
  g_signal_connect_object (buffer, "mark-set",
                           G_CALLBACK (on_mark_set), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (buffer, "notify::has-selection",
                           G_CALLBACK (on_has_selection_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (buffer, "notify::cursor-position",
                           G_CALLBACK (on_cursor_position_changed), self, G_CONNECT_SWAPPED);
}

/* ------------------------------------------------------------------ */
/* Label keys                                                           */
/* ------------------------------------------------------------------ */

static void
rebuild_label_keys (GlossArticleView *self)
{
  GListModel *shortcuts = G_LIST_MODEL (self->label_keys);
  guint n;

  for (n = g_list_model_get_n_items (shortcuts); n > 0; n--)
    {
      g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (shortcuts, n - 1);

      gtk_shortcut_controller_remove_shortcut (self->label_keys, shortcut);
    }

  if (self->labels == NULL)
    return;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->labels));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossLabel) label = g_list_model_get_item (G_LIST_MODEL (self->labels), i);
      gunichar key = gloss_label_get_shortcut (label);
      GtkShortcut *shortcut;

      if (key == 0)
        continue;

      shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (gdk_unicode_to_keyval (key), 0),
                                   gtk_named_action_new ("win.annotate"));
      gtk_shortcut_set_arguments (shortcut, g_variant_new_string (gloss_label_get_id (label)));
      gtk_shortcut_controller_add_shortcut (self->label_keys, shortcut);
    }
}

/* ------------------------------------------------------------------ */
/* Session                                                              */
/* ------------------------------------------------------------------ */

static void
disconnect_annotations (GlossArticleView *self)
{
  if (self->annotations != NULL)
    {
      g_clear_signal_handler (&self->items_changed_id, self->annotations);
      g_clear_signal_handler (&self->annotation_changed_id, self->annotations);
      g_clear_signal_handler (&self->relations_changed_id, self->annotations);
    }
  g_clear_object (&self->annotations);
}

static void
set_current_match (GlossArticleView *self,
                   guint             current)
{
  if (self->current_match == current)
    return;
  self->current_match = current;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_MATCH]);
}

/* The search tag is removed from its matches only (from the first to the
 * last): over the whole text, at every key typed in the search bar and
 * at every session change, GtkTextBuffer would redraw every line. */
static void
clear_matches (GlossArticleView *self)
{
  g_clear_handle_id (&self->tag_matches_id, g_source_remove);
  if (self->matches->len > 0)
    {
      GtkTextIter start_iter, end_iter;

      get_iters (self,
                 g_array_index (self->matches, Match, 0).start,
                 g_array_index (self->matches, Match, self->matches->len - 1).end,
                 &start_iter, &end_iter);
      gtk_text_buffer_remove_tag (get_buffer (self), self->search_tag, &start_iter, &end_iter);
      g_array_set_size (self->matches, 0);
    }
  set_current_match (self, 0);
}

/* Draws the highlights of @annotations (nullable); FALSE if they were
 * drawn already. */
static gboolean
take_annotations (GlossArticleView   *self,
                  GlossAnnotationSet *annotations)
{
  if (annotations == self->annotations)
    return FALSE;

  disconnect_annotations (self);
  gloss_article_view_end_relation (self);
  if (self->selected != NULL)
    set_selected_internal (self, NULL, FALSE, FALSE);

  if (annotations != NULL)
    {
      self->annotations = g_object_ref (annotations);
      self->items_changed_id =
        g_signal_connect_object (annotations, "items-changed",
                                 G_CALLBACK (on_items_changed), self, G_CONNECT_SWAPPED);
      self->annotation_changed_id =
        g_signal_connect_object (annotations, "annotation-changed",
                                 G_CALLBACK (on_annotation_changed), self, G_CONNECT_SWAPPED);
      self->relations_changed_id =
        g_signal_connect_object (annotations, "relations-changed",
                                 G_CALLBACK (on_relations_changed), self, G_CONNECT_SWAPPED);
    }
  return TRUE;
}

/* Colours the highlights by @labels (nullable); FALSE if they did already. */
static gboolean
take_labels (GlossArticleView *self,
             GlossLabelSet    *labels)
{
  if (labels == self->labels)
    return FALSE;

  g_set_object (&self->labels, labels);
  gloss_article_view_paint_set_label_set (self->paint, labels);
  rebuild_label_keys (self);
  return TRUE;
}

/* Take the session's current document, annotations and labels, keeping
 * whatever did not change. */
static void
sync_with_session (GlossArticleView *self)
{
  GlossDocument *document = NULL;
  GlossAnnotationSet *annotations = NULL;
  GlossLabelSet *labels = NULL;
  gboolean repaint = FALSE;

  if (self->session != NULL)
    {
      document = gloss_session_get_document (self->session);
      annotations = gloss_session_get_annotations (self->session);
      labels = gloss_session_get_labels (self->session);
    }

  if (document != self->document)
    {
      g_set_object (&self->document, document);
      clear_matches (self);
      set_selected_internal (self, NULL, FALSE, FALSE);

      /* Shown already while the session was opening: laid out, maybe
       * painted; keep it. */
      if (document == NULL || document != self->text_document)
        set_buffer_text (self, document);

      {
        GtkTextIter start_iter;

        gtk_text_buffer_get_start_iter (get_buffer (self), &start_iter);
        gtk_text_buffer_place_cursor (get_buffer (self), &start_iter);
      }
      repaint = TRUE;
    }

  if (take_labels (self, labels))
    repaint = TRUE;

  if (take_annotations (self, annotations))
    repaint = TRUE;

  if (repaint)
    {
      update_selected_tag (self);
      queue_repaint (self);
    }
  update_accessible (self);
}

static void
on_session_notify (GlossArticleView *self,
                   GParamSpec       *pspec,
                   GlossSession     *session)
{
  sync_with_session (self);
}

/* ------------------------------------------------------------------ */
/* Layout: font and line width                                          */
/* ------------------------------------------------------------------ */

static char *
font_to_css (const char *font)
{
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);
  PangoFontMask set = pango_font_description_get_set_fields (desc);
  GString *css = g_string_new ("textview.article-view {");

  if (set & PANGO_FONT_MASK_FAMILY)
    {
      g_auto(GStrv) families = g_strsplit (pango_font_description_get_family (desc), ",", -1);

      g_string_append (css, " font-family:");
      for (guint i = 0; families[i] != NULL; i++)
        {
          g_autofree char *escaped = g_strescape (g_strstrip (families[i]), NULL);

          g_string_append_printf (css, "%s \"%s\"", i > 0 ? "," : "", escaped);
        }
      g_string_append_c (css, ';');
    }

  if (set & PANGO_FONT_MASK_SIZE)
    {
      char size[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_dtostr (size, sizeof size,
                      pango_font_description_get_size (desc) / (double)PANGO_SCALE);
      g_string_append_printf (css, " font-size: %s%s;", size,
                              pango_font_description_get_size_is_absolute (desc) ? "px" : "pt");
    }

  if (set & PANGO_FONT_MASK_WEIGHT)
    g_string_append_printf (css, " font-weight: %d;", (int)pango_font_description_get_weight (desc));

  if (set & PANGO_FONT_MASK_STYLE)
    {
      switch (pango_font_description_get_style (desc))
        {
        case PANGO_STYLE_ITALIC:
          g_string_append (css, " font-style: italic;");
          break;
        case PANGO_STYLE_OBLIQUE:
          g_string_append (css, " font-style: oblique;");
          break;
        case PANGO_STYLE_NORMAL:
        default:
          g_string_append (css, " font-style: normal;");
          break;
        }
    }

  g_string_append (css, " }");

  return g_string_free (css, FALSE);
}

/* ------------------------------------------------------------------ */
/* The theme's colours                                                  */
/* ------------------------------------------------------------------ */

static GlossColor
from_rgba (const GdkRGBA *rgba)
{
  return (GlossColor) { rgba->red, rgba->green, rgba->blue, rgba->alpha };
}

/* libadwaita's name for a colour, or GTK's own theme's. */
static gboolean
lookup_color (GtkStyleContext *context,
              const char      *name,
              const char      *fallback_name,
              GlossColor      *color)
{
  GdkRGBA rgba;

  if (!gtk_style_context_lookup_color (context, name, &rgba)
      && !gtk_style_context_lookup_color (context, fallback_name, &rgba))
    return FALSE;

  *color = from_rgba (&rgba);
  return TRUE;
}

/* libadwaita's style manager says (it follows the desktop's setting, also
 * through the settings portal); without libadwaita, GTK 4.8's own
 * HighContrast theme. */
static gboolean
is_high_contrast (GlossArticleView *self)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self));
  g_autofree char *theme = NULL;

  if (adw_is_initialized ())
    return adw_style_manager_get_high_contrast (adw_style_manager_get_for_display (display));

  g_object_get (gtk_settings_get_for_display (display), "gtk-theme-name", &theme, NULL);
  return theme != NULL && strstr (theme, "HighContrast") != NULL;
}

static void
update_search_tag (GlossArticleView *self)
{
  GlossColor background, text;

  gloss_color_scheme_search (gloss_article_view_paint_get_scheme (self->paint), &background, &text);
  g_object_set (self->search_tag,
                "background-rgba", &(GdkRGBA) { background.red, background.green, background.blue, background.alpha },
                "foreground-rgba", &(GdkRGBA) { text.red, text.green, text.blue, text.alpha },
                NULL);
}

/* Reads the view's background, text and selection colours, and whether
 * the style is high contrast, from the theme; the model's colour scheme
 * (gloss-color.h) decides from them how every mark is drawn. Runs on every
 * style change, which a switch to dark or high contrast is. */
static void
update_color_scheme (GlossArticleView *self)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  GlossColorScheme scheme;
  GlossColor background, text, accent;
  GdkRGBA rgba;

  gtk_style_context_get_color (context, &rgba);
  text = from_rgba (&rgba);
  if (!lookup_color (context, "view_bg_color", "theme_base_color", &background))
    gloss_color_parse (gloss_color_luminance (text) > 0.5 ? "#1e1e1e" : "#ffffff", &background);
  if (!lookup_color (context, "accent_bg_color", "theme_selected_bg_color", &accent))
    gloss_color_parse ("#3584e4", &accent);

  gloss_color_scheme_init (&scheme, background, text, accent, is_high_contrast (self));
  if (!gloss_article_view_paint_set_scheme (self->paint, &scheme))
    return;

  update_search_tag (self);
  update_selected_tag (self);
  queue_repaint (self);
}

static void
gloss_article_view_css_changed (GtkWidget         *widget,
                                GtkCssStyleChange *change)
{
  GlossArticleView *self = GLOSS_ARTICLE_VIEW (widget);

  GTK_WIDGET_CLASS (gloss_article_view_parent_class)->css_changed (widget, change);

  update_color_scheme (self);

  /* The font may have changed: measure again at the next allocation. */
  self->char_width = 0;
  self->measured_width = -1;
  gtk_widget_queue_allocate (widget);
}

static int
measure_char_width (GlossArticleView *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);
  int width = pango_font_metrics_get_approximate_char_width (metrics);

  pango_font_metrics_unref (metrics);

  return width > 0 ? width : 8 * PANGO_SCALE;
}

/* GtkTextView has no maximum line width: keep the text column at most
 * line-width average characters wide by growing the side margins, so
 * it stays centred and readable in a wide window. */
static void
gloss_article_view_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  GlossArticleView *self = GLOSS_ARTICLE_VIEW (widget);

  if (width != self->measured_width || self->char_width == 0)
    {
      int column;
      int margin;

      if (self->char_width == 0)
        self->char_width = measure_char_width (self);

      column = (int)((gint64)self->line_width * self->char_width / PANGO_SCALE);
      margin = MAX (MIN_SIDE_MARGIN, (width - column) / 2);

      self->measured_width = width;
      if (gtk_text_view_get_left_margin (GTK_TEXT_VIEW (self)) != margin)
        gtk_text_view_set_left_margin (GTK_TEXT_VIEW (self), margin);
      if (gtk_text_view_get_right_margin (GTK_TEXT_VIEW (self)) != margin)
        gtk_text_view_set_right_margin (GTK_TEXT_VIEW (self), margin);
    }

  GTK_WIDGET_CLASS (gloss_article_view_parent_class)->size_allocate (widget, width, height, baseline);
  gloss_article_view_relations_allocate (self);
}

/* ------------------------------------------------------------------ */
/* Copying                                                              */
/* ------------------------------------------------------------------ */

/* The document's text of the selection: never the breaks inserted to show
 * a long paragraph in pieces. */
static void
gloss_article_view_copy_clipboard (GtkTextView *view)
{
  GlossArticleView *self = GLOSS_ARTICLE_VIEW (view);
  GtkTextIter start_iter, end_iter;
  GlossDocument *document = self->text_document;
  const char *text;
  guint start, end;
  gsize from, to;

  if (self->pieces == NULL || document == NULL)
    {
      GTK_TEXT_VIEW_CLASS (gloss_article_view_parent_class)->copy_clipboard (view);
      return;
    }

  if (!gtk_text_buffer_get_selection_bounds (get_buffer (self), &start_iter, &end_iter))
    return;

  start = iter_offset (self, &start_iter);
  end = MAX (start, iter_offset (self, &end_iter));
  text = gloss_document_get_text (document);
  from = gloss_document_offset_to_byte (document, start);
  to = gloss_document_offset_to_byte (document, end);
  {
    g_autofree char *copy = g_strndup (text + from, to - from);

    gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), copy);
  }
}

/* Ctrl+End (and Shift+Ctrl+End) goes to the article's end, not to the
 * end of the part that is in the buffer so far. */
static void
gloss_article_view_move_cursor (GtkTextView     *view,
                                GtkMovementStep  step,
                                int              count,
                                gboolean         extend_selection)
{
  GlossArticleView *self = GLOSS_ARTICLE_VIEW (view);

  if (step == GTK_MOVEMENT_BUFFER_ENDS && count > 0)
    ensure_filled (self, G_MAXUINT);

  GTK_TEXT_VIEW_CLASS (gloss_article_view_parent_class)->move_cursor (view, step, count, extend_selection);
}

/* Select All (Ctrl+A: GtkTextView's "select-all" signal; the action of
 * the same name) takes the whole article, not the part that is in the
 * buffer so far: it is what is then copied, or annotated. */
static void
on_select_all (GtkTextView *view,
               gboolean     select,
               gpointer     user_data)
{
  if (select)
    ensure_filled (GLOSS_ARTICLE_VIEW (view), G_MAXUINT);
  g_signal_chain_from_overridden_handler (view, select);
}

static void
select_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GlossArticleView *self = GLOSS_ARTICLE_VIEW (widget);
  GtkTextBuffer *buffer = get_buffer (self);
  GtkTextIter start_iter, end_iter;

  ensure_filled (self, G_MAXUINT);
  gtk_text_buffer_get_bounds (buffer, &start_iter, &end_iter);
  gtk_text_buffer_select_range (buffer, &start_iter, &end_iter);
}

/* ------------------------------------------------------------------ */
/* GObject                                                              */
/* ------------------------------------------------------------------ */

static void
gloss_article_view_dispose (GObject *object)
{
  GlossArticleView *self = GLOSS_ARTICLE_VIEW (object);

  g_clear_handle_id (&self->click_idle_id, g_source_remove);
  g_clear_handle_id (&self->check_selected_id, g_source_remove);
  g_clear_handle_id (&self->tag_matches_id, g_source_remove);
  stop_fill (self);
  if (self->pieces_cancellable != NULL)
    {
      g_cancellable_cancel (self->pieces_cancellable);
      g_clear_object (&self->pieces_cancellable);
    }

  drop_retired_buffer (self);
  gloss_article_view_relations_dispose (self);
  if (self->session != NULL)
    g_clear_signal_handler (&self->session_notify_id, self->session);
  disconnect_annotations (self);
  gloss_article_view_set_lanes (self, NULL);
  gloss_article_view_set_suggestions (self, NULL);
  g_clear_object (&self->session);
  g_clear_object (&self->document);
  g_clear_object (&self->text_document);
  g_clear_object (&self->labels);
  g_clear_object (&self->selected);

  G_OBJECT_CLASS (gloss_article_view_parent_class)->dispose (object);
}

static void
gloss_article_view_finalize (GObject *object)
{
  GlossArticleView *self = GLOSS_ARTICLE_VIEW (object);

  g_clear_pointer (&self->paint, gloss_article_view_paint_free);
  g_clear_pointer (&self->relations, gloss_article_view_relations_free);
  g_clear_pointer (&self->lanes, g_ptr_array_unref);
  g_clear_pointer (&self->matches, g_array_unref);
  g_clear_object (&self->font_provider);
  g_clear_pointer (&self->font, g_free);
  g_clear_pointer (&self->accessible_description, g_free);
  g_clear_pointer (&self->pieces, gloss_piece_map_unref);

  G_OBJECT_CLASS (gloss_article_view_parent_class)->finalize (object);
}

static void
gloss_article_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  GlossArticleView *self = GLOSS_ARTICLE_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_SELECTED_ANNOTATION:
      g_value_set_object (value, self->selected);
      break;
    case PROP_SNAP_TO_WORDS:
      g_value_set_boolean (value, self->snap_to_words);
      break;
    case PROP_FONT:
      g_value_set_string (value, self->font);
      break;
    case PROP_HAS_SELECTION:
      g_value_set_boolean (value, gtk_text_buffer_get_has_selection (get_buffer (self)));
      break;
    case PROP_LINE_WIDTH:
      g_value_set_uint (value, self->line_width);
      break;
    case PROP_N_MATCHES:
      g_value_set_uint (value, self->matches->len);
      break;
    case PROP_CURRENT_MATCH:
      g_value_set_uint (value, self->current_match);
      break;
    case PROP_TEXT_COMPLETE:
      g_value_set_boolean (value, text_complete (self));
      break;
    case PROP_RELATION_SOURCE:
      g_value_set_object (value, gloss_article_view_get_relation_source (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_article_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  GlossArticleView *self = GLOSS_ARTICLE_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      gloss_article_view_set_session (self, g_value_get_object (value));
      break;
    case PROP_SELECTED_ANNOTATION:
      gloss_article_view_set_selected_annotation (self, g_value_get_object (value));
      break;
    case PROP_SNAP_TO_WORDS:
      gloss_article_view_set_snap_to_words (self, g_value_get_boolean (value));
      break;
    case PROP_FONT:
      gloss_article_view_set_font (self, g_value_get_string (value));
      break;
    case PROP_LINE_WIDTH:
      gloss_article_view_set_line_width (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_article_view_class_init (GlossArticleViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkTextViewClass *text_view_class = GTK_TEXT_VIEW_CLASS (klass);

  object_class->dispose = gloss_article_view_dispose;
  object_class->finalize = gloss_article_view_finalize;
  object_class->get_property = gloss_article_view_get_property;
  object_class->set_property = gloss_article_view_set_property;

  widget_class->size_allocate = gloss_article_view_size_allocate;
  widget_class->css_changed = gloss_article_view_css_changed;
  widget_class->query_tooltip = gloss_article_view_query_tooltip;

  text_view_class->snapshot_layer = gloss_article_view_snapshot_layer;
  text_view_class->copy_clipboard = gloss_article_view_copy_clipboard;
  text_view_class->move_cursor = gloss_article_view_move_cursor;
  /* Found before GtkTextView's own action of that name. */
  gtk_widget_class_install_action (widget_class, "selection.select-all", NULL, select_all_action);
  g_signal_override_class_handler ("select-all", GLOSS_TYPE_ARTICLE_VIEW, G_CALLBACK (on_select_all));

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         GLOSS_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_SELECTED_ANNOTATION] =
    g_param_spec_object ("selected-annotation", NULL, NULL,
                         GLOSS_TYPE_ANNOTATION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_SNAP_TO_WORDS] =
    g_param_spec_boolean ("snap-to-words", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_FONT] =
    g_param_spec_string ("font", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_HAS_SELECTION] =
    g_param_spec_boolean ("has-selection", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_LINE_WIDTH] =
    g_param_spec_uint ("line-width", NULL, NULL,
                       20, 1000, DEFAULT_LINE_WIDTH,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_MATCHES] =
    g_param_spec_uint ("n-matches", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENT_MATCH] =
    g_param_spec_uint ("current-match", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_TEXT_COMPLETE] =
    g_param_spec_boolean ("text-complete", NULL, NULL,
                          TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_RELATION_SOURCE] =
    g_param_spec_object ("relation-source", NULL, NULL,
                         GLOSS_TYPE_ANNOTATION,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GlossArticleView::relation-message:
   * @message: what to tell the person
   * @undoable: whether it is about an edit that Undo takes back
   */
  signals[RELATION_MESSAGE] =
    g_signal_new ("relation-message",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);
}

static void
gloss_article_view_init (GlossArticleView *self)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GtkTextBuffer *buffer = gtk_text_buffer_new (NULL);
  GtkEventController *clicks;

  self->snap_to_words = TRUE;
  self->line_width = DEFAULT_LINE_WIDTH;
  self->measured_width = -1;

  self->paint = gloss_article_view_paint_new ();
  self->matches = g_array_new (FALSE, FALSE, sizeof (Match));

  /* Nothing is typed here: no undo history for the text. */
  gtk_text_buffer_set_enable_undo (buffer, FALSE);
  gtk_text_view_set_buffer (view, buffer);
  g_object_unref (buffer);

  gtk_text_view_set_editable (view, FALSE);
  /* Without a caret, arrow keys scroll instead of selecting. */
  gtk_text_view_set_cursor_visible (view, TRUE);
  gtk_text_view_set_wrap_mode (view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (view, TOP_MARGIN);
  gtk_text_view_set_bottom_margin (view, BOTTOM_MARGIN);
  gtk_text_view_set_left_margin (view, MIN_SIDE_MARGIN);
  gtk_text_view_set_right_margin (view, MIN_SIDE_MARGIN);
  gtk_text_view_set_pixels_below_lines (view, 6);
  gtk_text_view_set_pixels_inside_wrap (view, 3);
  gtk_widget_add_css_class (GTK_WIDGET (self), "article-view");
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);

  /* A background only (update_selected_tag says why); the painting draws
   * its overline. */
  self->selected_tag = gtk_text_buffer_create_tag (buffer, "gloss-selected", NULL);
  /* Its colours follow the theme (update_search_tag). */
  self->search_tag = gtk_text_buffer_create_tag (buffer, "gloss-search-match", NULL);
  update_search_tag (self);
  self->piece_tag = gtk_text_buffer_create_tag (buffer, "gloss-piece", NULL);
  update_piece_tag (self);

  connect_buffer (self, buffer);

  /* Not "GlossArticleView": what it is to the person. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Article text"),
                                  -1);

  clicks = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (clicks, GTK_PHASE_CAPTURE);
  g_signal_connect_object (clicks, "event",
                           G_CALLBACK (on_event), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), clicks);

  self->label_keys = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());
  gtk_event_controller_set_name (GTK_EVENT_CONTROLLER (self->label_keys), "gloss-label-keys");
  gtk_shortcut_controller_set_scope (self->label_keys, GTK_SHORTCUT_SCOPE_LOCAL);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (self->label_keys));

  self->relations = gloss_article_view_relations_new (self);
}

/* ------------------------------------------------------------------ */
/* Public API                                                           */
/* ------------------------------------------------------------------ */

GtkWidget *
gloss_article_view_new (void)
{
  return g_object_new (GLOSS_TYPE_ARTICLE_VIEW, NULL);
}

void
gloss_article_view_set_session (GlossArticleView *self,
                                GlossSession     *session)
{
  g_return_if_fail (GLOSS_IS_ARTICLE_VIEW (self));
  g_return_if_fail (session == NULL || GLOSS_IS_SESSION (session));

  if (session == self->session)
    return;

  if (self->session != NULL)
    g_clear_signal_handler (&self->session_notify_id, self->session);
  g_set_object (&self->session, session);

  /* Any of them is replaced on a reload. */
  if (session != NULL)
    self->session_notify_id =
      g_signal_connect_object (session, "notify",
                               G_CALLBACK (on_session_notify), self, G_CONNECT_SWAPPED);

  sync_with_session (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

GlossSession *
gloss_article_view_get_session (GlossArticleView *self)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE_VIEW (self), NULL);

  return self->session;
}

static gboolean
is_space_at (GlossDocument *document,
             guint          offset)
{
  const char *text = gloss_document_get_text (document);

  return g_unichar_isspace (g_utf8_get_char (text + gloss_document_offset_to_byte (document, offset)));
}

gboolean
gloss_article_view_get_selection_range (GlossArticleView *self,
                                        guint            *start,
                                        guint            *end)
{
  GtkTextIter start_iter, end_iter;
  guint s, e;

  g_return_val_if_fail (GLOSS_IS_ARTICLE_VIEW (self), FALSE);

  if (self->document == NULL
      || !gtk_text_buffer_get_selection_bounds (get_buffer (self), &start_iter, &end_iter))
    return FALSE;

  s = iter_offset (self, &start_iter);
  e = iter_offset (self, &end_iter);

  /* A selection made with the mouse or by word often takes a space along. */
  while (s < e && is_space_at (self->document, s))
    s++;
  while (e > s && is_space_at (self->document, e - 1))
    e--;
  if (s == e)
    return FALSE;

  if (self->snap_to_words)
    {
      s = gloss_document_word_start_before (self->document, s);
      e = gloss_document_word_end_after (self->document, e);
    }

  /* A span never splits a user-perceived character (an emoji sequence,
   * a letter and its accents). */
  s = gloss_document_prev_grapheme_boundary (self->document, s);
  e = gloss_document_next_grapheme_boundary (self->document, e);

  if (s >= e)
    return FALSE;

  if (start != NULL)
    *start = s;
  if (end != NULL)
    *end = e;

  return TRUE;
}

void
gloss_article_view_select_range (GlossArticleView *self,
                                 guint             start,
                                 guint             end)
{
  g_return_if_fail (GLOSS_IS_ARTICLE_VIEW (self));
  g_return_if_fail (start <= end);

  select_and_scroll (self, start, end, TRUE);
}

GlossAnnotation *
gloss_article_view_get_selected_annotation (GlossArticleView *self)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE_VIEW (self), NULL);

  return self->selected;
}

void
gloss_article_view_set_selected_annotation (GlossArticleView *self,
                                            GlossAnnotation  *annotation)
{
  g_return_if_fail (GLOSS_IS_ARTICLE_VIEW (self));
  g_return_if_fail (annotation == NULL || GLOSS_IS_ANNOTATION (annotation));

  set_selected_internal (self, annotation, TRUE, TRUE);
}

void
gloss_article_view_set_snap_to_words (GlossArticleView *self,
                                      gboolean          snap)
{
  g_return_if_fail (GLOSS_IS_ARTICLE_VIEW (self));

  snap = !!snap;
  if (snap == self->snap_to_words)
    return;

  self->snap_to_words = snap;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SNAP_TO_WORDS]);
}

gboolean
gloss_article_view_get_snap_to_words (GlossArticleView *self)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE_VIEW (self), FALSE);

  return self->snap_to_words;
}

void
gloss_article_view_set_font (GlossArticleView *self,
                             const char       *font)
{
  GtkStyleContext *context;

  g_return_if_fail (GLOSS_IS_ARTICLE_VIEW (self));

  if (font != NULL && font[0] == '\0')
    font = NULL;
  if (g_strcmp0 (font, self->font) == 0)
    return;
  g_free (self->font);
  self->font = g_strdup (font);

  context = gtk_widget_get_style_context (GTK_WIDGET (self));
  if (self->font_provider != NULL)
    {
      gtk_style_context_remove_provider (context, GTK_STYLE_PROVIDER (self->font_provider));
      g_clear_object (&self->font_provider);
    }

  if (font != NULL)
    {
      g_autofree char *css = font_to_css (font);

      self->font_provider = gtk_css_provider_new ();
      gtk_css_provider_load_from_data (self->font_provider, css, -1);
      gtk_style_context_add_provider (context, GTK_STYLE_PROVIDER (self->font_provider),
                                      GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FONT]);
}

const char *
gloss_article_view_get_font (GlossArticleView *self)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE_VIEW (self), NULL);

  return self->font;
}

void
gloss_article_view_set_line_width (GlossArticleView *self,
                                   guint             n_chars)
{
  g_return_if_fail (GLOSS_IS_ARTICLE_VIEW (self));

  n_chars = CLAMP (n_chars, 20, 1000);
  if (n_chars == self->line_width)
    return;

  self->line_width = n_chars;
  self->measured_width = -1;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LINE_WIDTH]);
}

guint
gloss_article_view_get_line_width (GlossArticleView *self)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE_VIEW (self), DEFAULT_LINE_WIDTH);

  return self->line_width;
}

/* @text in code points, each lowered: a one-to-one case mapping, so a
 * match's offsets are the document's. */
static gunichar *
dup_lowered (const char *text,
             gssize      n_bytes,
             glong      *length)
{
  gunichar *chars = g_utf8_to_ucs4_fast (text, n_bytes, length);

  for (glong i = 0; i < *length; i++)
    chars[i] = g_unichar_tolower (chars[i]);

  return chars;
}

/* The character at @p, lowered; ASCII without a call (g_ascii_tolower()
 * is one): this runs once a character of the whole article. */
static inline gunichar
lowered_char_at (const char *p)
{
  guchar byte = (guchar)*p;

  if (byte < 0x80)
    return byte >= 'A' && byte <= 'Z' ? byte + ('a' - 'A') : byte;

  return g_unichar_tolower (g_utf8_get_char (p));
}

/* Whether the text at @p, lowered, starts with @pattern. */
static gboolean
lowered_has_prefix (const char     *p,
                    const char     *end,
                    const gunichar *pattern,
                    glong           pattern_length)
{
  for (glong i = 0; i < pattern_length; i++, p = g_utf8_next_char (p))
    if (p >= end || lowered_char_at (p) != pattern[i])
      return FALSE;

  return TRUE;
}

/* Every match of @needle, case-insensitively, in one pass over the
 * document's UTF-8, lowering as it goes: not gtk_text_iter_forward_search(),
 * which case-folds the rest of the line for every match (minutes on a long
 * paragraph), nor a lowered copy of the whole text (four bytes a
 * character, ~300 ms for 10 MB). */
static void
find_matches (GlossArticleView *self,
              const char       *needle)
{
  const char *text = gloss_document_get_text (self->document);
  const char *end = text + gloss_document_get_n_bytes (self->document);
  g_autofree gunichar *pattern = NULL;
  glong pattern_length;
  guint offset = 0;

  pattern = dup_lowered (needle, -1, &pattern_length);
  if (pattern_length == 0)
    return;

  for (const char *p = text; p < end && self->matches->len < MAX_SEARCH_MATCHES; )
    {
      if (lowered_char_at (p) == pattern[0]
          && lowered_has_prefix (g_utf8_next_char (p), end, pattern + 1, pattern_length - 1))
        {
          Match match = { offset, offset + (guint)pattern_length };

          g_array_append_val (self->matches, match);
          p = g_utf8_offset_to_pointer (p, pattern_length);
          offset += (guint)pattern_length;
          continue;
        }

      p = g_utf8_next_char (p);
      offset++;
    }
}

static void
tag_match (GlossArticleView *self,
           guint             index)
{
  const Match *match = &g_array_index (self->matches, Match, index);
  GtkTextIter start_iter, end_iter;

  get_iters (self, match->start, match->end, &start_iter, &end_iter);
  gtk_text_buffer_apply_tag (get_buffer (self), self->search_tag, &start_iter, &end_iter);
}

static gboolean
tag_more_matches_cb (gpointer user_data)
{
  GlossArticleView *self = user_data;
  guint last = MIN (self->n_matches_tagged + MATCH_TAG_CHUNK, self->matches->len);
  guint filled = buffer_length (self);

  for (; self->n_matches_tagged < last; self->n_matches_tagged++)
    {
      /* Past the text that is in: fill_some() starts this again. */
      if (g_array_index (self->matches, Match, self->n_matches_tagged).end > filled)
        {
          self->tag_matches_id = 0;
          return G_SOURCE_REMOVE;
        }
      tag_match (self, self->n_matches_tagged);
    }

  if (self->n_matches_tagged < self->matches->len)
    return G_SOURCE_CONTINUE;

  self->tag_matches_id = 0;
  return G_SOURCE_REMOVE;
}

/* The first match ending after @offset. */
static guint
match_after (GlossArticleView *self,
             guint             offset)
{
  guint lo = 0, hi = self->matches->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (self->matches, Match, mid).end <= offset)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

/* Tags the matches on screen and the first few now, and the rest a chunk
 * at a time: 10,000 matches take ~150 ms to tag, and each key typed in
 * the search bar searches again. */
static void
tag_matches (GlossArticleView *self)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GdkRectangle visible;
  GtkTextIter first, last;
  guint end;
  guint filled = buffer_length (self);

  for (self->n_matches_tagged = 0;
       self->n_matches_tagged < MIN (self->matches->len, MATCH_TAG_CHUNK)
       && g_array_index (self->matches, Match, self->n_matches_tagged).end <= filled;
       self->n_matches_tagged++)
    tag_match (self, self->n_matches_tagged);

  gtk_text_view_get_visible_rect (view, &visible);
  gtk_text_view_get_iter_at_location (view, &first, visible.x, visible.y);
  gtk_text_view_get_iter_at_location (view, &last, visible.x + visible.width, visible.y + visible.height);
  end = iter_offset (self, &last) + 1;
  for (guint i = MAX (match_after (self, iter_offset (self, &first)), self->n_matches_tagged);
       i < self->matches->len && g_array_index (self->matches, Match, i).start < end;
       i++)
    tag_match (self, i);

  if (self->n_matches_tagged < self->matches->len)
    self->tag_matches_id = g_idle_add_full (MATCH_TAG_PRIORITY, tag_more_matches_cb, self, NULL);
}

guint
gloss_article_view_set_search (GlossArticleView *self,
                               const char       *needle)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE_VIEW (self), 0);

  clear_matches (self);
  if (needle != NULL && needle[0] != '\0' && self->document != NULL)
    {
      find_matches (self, needle);
      tag_matches (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_MATCHES]);
  return self->matches->len;
}

gboolean
gloss_article_view_search_next (GlossArticleView *self,
                                gboolean          backward)
{
  GtkTextBuffer *buffer;
  GtkTextIter start_iter, end_iter;
  gboolean has_selection;
  const Match *match = NULL;
  guint from;
  guint lo, hi;

  g_return_val_if_fail (GLOSS_IS_ARTICLE_VIEW (self), FALSE);

  if (self->matches->len == 0)
    return FALSE;

  buffer = get_buffer (self);
  has_selection = gtk_text_buffer_get_selection_bounds (buffer, &start_iter, &end_iter);
  from = iter_offset (self, &start_iter);

  /* The first match starting at or after @from (past it when a match,
   * or anything, is selected there already). */
  if (!backward && has_selection)
    from++;

  lo = 0;
  hi = self->matches->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (self->matches, Match, mid).start < from)
        lo = mid + 1;
      else
        hi = mid;
    }

  if (!backward)
    lo = lo < self->matches->len ? lo : 0;
  else
    lo = lo > 0 ? lo - 1 : self->matches->len - 1;
  match = &g_array_index (self->matches, Match, lo);
  /* It may not be in the buffer, nor tagged, yet. */
  ensure_filled (self, match->end);
  if (lo >= self->n_matches_tagged)
    tag_match (self, lo);

  select_and_scroll (self, match->start, match->end, TRUE);
  set_current_match (self, lo + 1);

  return TRUE;
}

void
gloss_article_view_show_text (GlossArticleView   *self,
                              GlossDocument      *document,
                              GlossAnnotationSet *head)
{
  GtkTextIter start_iter;
  gboolean changed;

  g_return_if_fail (GLOSS_IS_ARTICLE_VIEW (self));
  g_return_if_fail (GLOSS_IS_DOCUMENT (document));
  g_return_if_fail (head == NULL || GLOSS_IS_ANNOTATION_SET (head));
  g_return_if_fail (head == NULL || gloss_annotation_set_get_document (head) == document);

  /* A session has the say over what is shown. */
  if (self->session != NULL)
    return;

  /* Another article's head goes with its text. */
  changed = take_annotations (self, head);
  changed |= take_labels (self, head != NULL ? gloss_annotation_set_get_labels (head) : NULL);
  if (changed)
    queue_repaint (self);

  if (document == self->text_document)
    return;

  set_buffer_text (self, document);
  gtk_text_buffer_get_start_iter (get_buffer (self), &start_iter);
  gtk_text_buffer_place_cursor (get_buffer (self), &start_iter);
}

void
gloss_article_view_set_lanes (GlossArticleView *self,
                              GPtrArray        *sets)
{
  g_return_if_fail (GLOSS_IS_ARTICLE_VIEW (self));

  if (self->lanes != NULL)
    for (guint i = 0; i < self->lanes->len; i++)
      g_signal_handlers_disconnect_by_func (g_ptr_array_index (self->lanes, i), queue_repaint, self);
  g_clear_pointer (&self->lanes, g_ptr_array_unref);

  if (sets != NULL && sets->len > 0)
    {
      self->lanes = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < sets->len; i++)
        {
          GlossAnnotationSet *set = g_ptr_array_index (sets, i);

          g_ptr_array_add (self->lanes, g_object_ref (set));
          g_signal_connect_swapped (set, "items-changed", G_CALLBACK (queue_repaint), self);
        }
    }

  /* Room above each line for the lanes. */
  gtk_text_view_set_pixels_above_lines (GTK_TEXT_VIEW (self),
                                        self->lanes != NULL ? gloss_article_view_paint_lane_room (self->lanes->len) : 0);
  gtk_text_view_set_pixels_inside_wrap (GTK_TEXT_VIEW (self),
                                        self->lanes != NULL ? gloss_article_view_paint_lane_room (self->lanes->len) : 3);
  update_piece_tag (self);
  queue_repaint (self);
}

char *
gloss_article_view_dup_tooltip_text (GlossArticleView *self,
                                     guint             offset)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE_VIEW (self), NULL);

  return dup_tooltip_text (self, offset);
}

/* ------------------------------------------------------------------ */
/* For the painting (gloss-article-view-private.h)                      */
/* ------------------------------------------------------------------ */

GlossArticleViewPaint *
gloss_article_view_get_paint (GlossArticleView *self)
{
  return self->paint;
}

GlossAnnotationSet *
gloss_article_view_get_annotation_set (GlossArticleView *self)
{
  return self->annotations;
}

GPtrArray *
gloss_article_view_get_lane_sets (GlossArticleView *self)
{
  return self->lanes;
}

void
gloss_article_view_get_visible_range (GlossArticleView *self,
                                      guint            *start,
                                      guint            *end)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GdkRectangle visible;
  GtkTextIter first, last;

  g_return_if_fail (GLOSS_IS_ARTICLE_VIEW (self));

  gtk_text_view_get_visible_rect (view, &visible);
  gtk_text_view_get_iter_at_location (view, &first, visible.x, visible.y);
  gtk_text_view_get_iter_at_location (view, &last,
                                      visible.x + visible.width, visible.y + visible.height);
  /* A line cut by the top or bottom edge is not on screen: the first and
   * last whole display lines. */
  {
    GdkRectangle box;

    gtk_text_view_get_iter_location (view, &first, &box);
    if (box.y < visible.y && !gtk_text_view_forward_display_line (view, &first))
      gtk_text_buffer_get_end_iter (gtk_text_view_get_buffer (view), &first);
    else
      gtk_text_view_backward_display_line_start (view, &first);

    gtk_text_view_get_iter_location (view, &last, &box);
    if (box.y + box.height > visible.y + visible.height)
      {
        gtk_text_view_backward_display_line_start (view, &last);
      }
    else
      gtk_text_view_forward_display_line_end (view, &last);
  }

  *start = gloss_article_view_get_iter_offset (self, &first);
  *end = MAX (*start, gloss_article_view_get_iter_offset (self, &last));
}

/* The longest suggestion's length, kept up on additions only: after a
 * removal it may be longer than any left, which only makes painting look
 * a little further back. Measured anew (G_MAXUINT) when the model is set. */
static void
on_suggestions_changed (GlossArticleView *self,
                        guint             position,
                        guint             removed,
                        guint             added)
{
  if (self->suggestions_longest != G_MAXUINT)
    for (guint i = position; i < position + added; i++)
      {
        g_autoptr(GlossSuggestion) suggestion = g_list_model_get_item (self->suggestions, i);

        if (suggestion != NULL)
          self->suggestions_longest = MAX (self->suggestions_longest,
                                           gloss_suggestion_get_end (suggestion)
                                           - gloss_suggestion_get_start (suggestion));
      }
  queue_repaint (self);
  /* An accept or a rejection at the caret: said. */
  update_accessible (self);
}

void
gloss_article_view_set_suggestions (GlossArticleView *self,
                                    GListModel       *suggestions)
{
  g_return_if_fail (GLOSS_IS_ARTICLE_VIEW (self));
  g_return_if_fail (suggestions == NULL || G_IS_LIST_MODEL (suggestions));

  if (self->suggestions == suggestions)
    return;

  if (self->suggestions != NULL)
    g_signal_handlers_disconnect_by_func (self->suggestions, on_suggestions_changed, self);
  g_set_object (&self->suggestions, suggestions);
  if (suggestions != NULL)
    g_signal_connect_swapped (suggestions, "items-changed", G_CALLBACK (on_suggestions_changed), self);

  self->suggestions_longest = G_MAXUINT;
  queue_repaint (self);
}

GListModel *
gloss_article_view_get_suggestions (GlossArticleView *self,
                                    guint            *longest)
{
  if (self->suggestions != NULL && self->suggestions_longest == G_MAXUINT)
    {
      guint n = g_list_model_get_n_items (self->suggestions);

      self->suggestions_longest = 0;
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GlossSuggestion) suggestion = g_list_model_get_item (self->suggestions, i);

          self->suggestions_longest = MAX (self->suggestions_longest,
                                           gloss_suggestion_get_end (suggestion)
                                           - gloss_suggestion_get_start (suggestion));
        }
    }

  if (longest != NULL)
    *longest = self->suggestions_longest;
  return self->suggestions;
}

gboolean
gloss_article_view_get_selected_span (GlossArticleView *self,
                                      guint            *start,
                                      guint            *end)
{
  if (!self->selected_tagged)
    return FALSE;

  *start = self->selected_tag_start;
  *end = self->selected_tag_end;
  return TRUE;
}

void
gloss_article_view_get_span_iters (GlossArticleView *self,
                                   guint             start,
                                   guint             end,
                                   GtkTextIter      *start_iter,
                                   GtkTextIter      *end_iter)
{
  get_iters (self, start, end, start_iter, end_iter);
}

guint
gloss_article_view_get_text_length (GlossArticleView *self)
{
  return buffer_length (self);
}

void
gloss_article_view_get_iter_at_offset (GlossArticleView *self,
                                       GtkTextIter      *iter,
                                       guint             offset)
{
  GtkTextIter end_iter;

  g_return_if_fail (GLOSS_IS_ARTICLE_VIEW (self));
  g_return_if_fail (iter != NULL);

  /* All the rest, whatever @offset: a caller may hold an iter from an
   * earlier call (a span's start while it asks for its end), which filling
   * a further part in now would make stale. */
  if (!text_complete (self))
    ensure_filled (self, G_MAXUINT);
  get_iters (self, offset, offset, iter, &end_iter);
}

guint
gloss_article_view_get_iter_offset (GlossArticleView  *self,
                                    const GtkTextIter *iter)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE_VIEW (self), 0);
  g_return_val_if_fail (iter != NULL, 0);

  return iter_offset (self, iter);
}

guint
gloss_article_view_get_caret_offset (GlossArticleView *self)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE_VIEW (self), 0);

  return caret_offset (self);
}

gboolean
gloss_article_view_get_text_complete (GlossArticleView *self)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE_VIEW (self), TRUE);

  return text_complete (self);
}

void
gloss_article_view_complete_text (GlossArticleView *self)
{
  g_return_if_fail (GLOSS_IS_ARTICLE_VIEW (self));

  ensure_filled (self, G_MAXUINT);
}

guint
gloss_article_view_get_n_piece_breaks (GlossArticleView *self)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE_VIEW (self), 0);

  return self->pieces != NULL ? gloss_piece_map_get_n_breaks (self->pieces) : 0;
}

const GlossColorScheme *
gloss_article_view_get_color_scheme (GlossArticleView *self)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE_VIEW (self), NULL);

  return gloss_article_view_paint_get_scheme (self->paint);
}

GlossArticleViewRelations *
gloss_article_view_get_relations (GlossArticleView *self)
{
  return self->relations;
}

GPtrArray *
gloss_article_view_dup_annotations_at (GlossArticleView *self,
                                       guint             offset)
{
  return annotations_at (self, offset);
}

gboolean
gloss_article_view_offset_at_point (GlossArticleView *self,
                                    double            x,
                                    double            y,
                                    guint            *offset)
{
  return offset_at_point (self, x, y, offset);
}

void
gloss_article_view_click_at (GlossArticleView *self,
                             double            x,
                             double            y)
{
  self->click_x = x;
  self->click_y = y;
  g_clear_handle_id (&self->click_idle_id, g_source_remove);
  self->click_idle_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, click_idle_cb, self, NULL);
}

void
gloss_article_view_emit_relation_message (GlossArticleView *self,
                                          const char       *message,
                                          gboolean          undoable)
{
  g_signal_emit (self, signals[RELATION_MESSAGE], 0, message, undoable);
}
