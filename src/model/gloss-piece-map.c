/* gloss-piece-map.c — very long paragraphs shown in pieces, offsets kept
 *
 * See gloss-piece-map.h for what it is for. A break is chosen after the
 * text has run @piece_length code points since the paragraph (or the last
 * piece) began: the last place after a plain space in the second half of
 * that stretch, else the last place between two characters that always
 * stand apart, else the first such place that comes. The rules for "a
 * grapheme cluster ends here" are those of UAX #29 for the few characters
 * involved; tests/test-piece-map.c checks every chosen place against
 * Pango's cursor positions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gloss-piece-map.h"

#define MIN_PIECE_LENGTH 64
#define NO_PLACE         G_MAXUINT

struct _GlossPieceMap
{
  gatomicrefcount ref_count;
  GArray         *breaks;       /* guint document offsets, ascending */
  GArray         *break_bytes;  /* gsize byte index of each, in the text */
  gsize           n_bytes;      /* of the text the map was made for */
};

G_DEFINE_BOXED_TYPE (GlossPieceMap, gloss_piece_map, gloss_piece_map_ref, gloss_piece_map_unref)

/* Ends a paragraph for GtkTextBuffer and Pango: \n, \r (alone or before
 * \n), U+2029. */
static gboolean
ends_paragraph (gunichar c)
{
  return c == '\n' || c == '\r' || c == 0x2029;
}

/* Characters a cluster may not be cut before (UAX #29 GB9, GB9a: Extend,
 * ZWJ, SpacingMark), and line ends (a break there would leave an empty
 * line). */
static gboolean
continues_cluster (gunichar c)
{
  return g_unichar_ismark (c)
         || c == 0x200c || c == 0x200d                /* ZWNJ, ZWJ */
         || (c >= 0xfe00 && c <= 0xfe0f)              /* variation selectors */
         || (c >= 0xe0100 && c <= 0xe01ef)
         || (c >= 0x1f3fb && c <= 0x1f3ff)            /* emoji modifiers */
         || (c >= 0xe0020 && c <= 0xe007f)            /* tags */
         || c == 0xff9e || c == 0xff9f                /* halfwidth voiced marks */
         || ends_paragraph (c) || c == 0x2028;
}

/* Characters that are a cluster of their own on both sides: a boundary
 * always lies between two of them (no Prepend, Extend, Hangul jamo,
 * regional indicator or control among them). */
static gboolean
stands_apart (gunichar c)
{
  return (c >= 0x21 && c <= 0x7e)
         || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff)  /* Han */
         || (c >= 0x3041 && c <= 0x3096) || (c >= 0x30a1 && c <= 0x30fa)  /* kana */
         || c == 0x3001 || c == 0x3002                                    /* 、 。 */
         || (c >= 0xff01 && c <= 0xff5e);                                 /* fullwidth */
}

typedef enum
{
  PLACE_NONE,
  PLACE_ANY,     /* between two characters that stand apart */
  PLACE_SPACE,   /* after a plain space: the place a reader expects */
} PlaceKind;

static PlaceKind
place_kind (gunichar before,
            gunichar after)
{
  if (continues_cluster (after))
    return PLACE_NONE;
  if (before == ' ' || before == '\t')
    return PLACE_SPACE;
  if (stands_apart (before) && stands_apart (after))
    return PLACE_ANY;
  return PLACE_NONE;
}

typedef struct
{
  guint offset;
  gsize byte;
} Place;

typedef struct
{
  GlossPieceMap *map;
  guint          piece_length;
  guint          piece_start;   /* offset where the current piece began */
  Place          last_space;    /* offset NO_PLACE: none in this piece */
  Place          last_any;
} Builder;

static void
builder_start_piece (Builder *b,
                     guint    offset)
{
  b->piece_start = offset;
  b->last_space.offset = NO_PLACE;
  b->last_any.offset = NO_PLACE;
}

static void
builder_add_break (Builder     *b,
                   const Place *place)
{
  g_array_append_val (b->map->breaks, place->offset);
  g_array_append_val (b->map->break_bytes, place->byte);
}

/* A place where a break may go, at @place (before the character there).
 * Past the piece length, the break goes at the best place seen in the
 * second half of the piece, or here. */
static void
builder_see_place (Builder     *b,
                   PlaceKind    kind,
                   const Place *place)
{
  guint half = b->piece_start + b->piece_length / 2;
  const Place *chosen = NULL;

  if (place->offset - b->piece_start >= b->piece_length)
    {
      if (b->last_space.offset != NO_PLACE && b->last_space.offset >= half)
        chosen = &b->last_space;
      else if (kind == PLACE_SPACE)
        chosen = place;
      else if (b->last_any.offset != NO_PLACE && b->last_any.offset >= half)
        chosen = &b->last_any;
      else
        chosen = place;
    }

  if (chosen != NULL)
    {
      Place broken = *chosen;

      builder_add_break (b, &broken);
      builder_start_piece (b, broken.offset);
      if (broken.offset == place->offset)
        return;
    }

  /* This place now belongs to the (possibly new) piece. */
  if (kind == PLACE_SPACE)
    b->last_space = *place;
  else
    b->last_any = *place;
}

GlossPieceMap *
gloss_piece_map_new (const char *text,
                     gssize      n_bytes,
                     guint       piece_length)
{
  GlossPieceMap *self = g_new0 (GlossPieceMap, 1);
  Builder b = { self, MAX (piece_length, MIN_PIECE_LENGTH), 0, { NO_PLACE, 0 }, { NO_PLACE, 0 } };
  const char *p, *end;
  gunichar before = 0;
  guint offset = 0;

  g_return_val_if_fail (text != NULL || n_bytes == 0, NULL);

  if (n_bytes < 0)
    n_bytes = (gssize) strlen (text);

  g_atomic_ref_count_init (&self->ref_count);
  self->breaks = g_array_new (FALSE, FALSE, sizeof (guint));
  self->break_bytes = g_array_new (FALSE, FALSE, sizeof (gsize));
  self->n_bytes = (gsize) n_bytes;

  end = text + n_bytes;
  for (p = text; p < end; p = g_utf8_next_char (p), offset++)
    {
      gunichar c = g_utf8_get_char (p);

      if (offset > 0)
        {
          if (ends_paragraph (before))
            {
              /* \r\n is one line end: the paragraph begins after the \n. */
              if (!(before == '\r' && c == '\n'))
                builder_start_piece (&b, offset);
            }
          else
            {
              PlaceKind kind = place_kind (before, c);

              if (kind != PLACE_NONE && offset > b.piece_start)
                {
                  Place place = { offset, (gsize) (p - text) };

                  builder_see_place (&b, kind, &place);
                }
            }
        }
      before = c;
    }

  return self;
}

GlossPieceMap *
gloss_piece_map_ref (GlossPieceMap *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
gloss_piece_map_unref (GlossPieceMap *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_array_unref (self->breaks);
      g_array_unref (self->break_bytes);
      g_free (self);
    }
}

guint
gloss_piece_map_get_n_breaks (GlossPieceMap *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->breaks->len;
}

const guint *
gloss_piece_map_get_breaks (GlossPieceMap *self,
                            guint         *n_breaks)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (n_breaks != NULL)
    *n_breaks = self->breaks->len;
  return (const guint *) self->breaks->data;
}

static guint
break_at (GlossPieceMap *self,
          guint          i)
{
  return g_array_index (self->breaks, guint, i);
}

/* How many breaks lie before document offset @offset (strictly before, or
 * also at it with @inclusive). */
static guint
count_breaks (GlossPieceMap *self,
              guint          offset,
              gboolean       inclusive)
{
  guint lo = 0, hi = self->breaks->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      guint b = break_at (self, mid);

      if (b < offset || (inclusive && b == offset))
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

guint
gloss_piece_map_to_display (GlossPieceMap *self,
                            guint          offset)
{
  g_return_val_if_fail (self != NULL, offset);
  return offset + count_breaks (self, offset, TRUE);
}

guint
gloss_piece_map_to_display_end (GlossPieceMap *self,
                                guint          offset)
{
  g_return_val_if_fail (self != NULL, offset);
  return offset + count_breaks (self, offset, FALSE);
}

/* The number of breaks whose displayed "\n" lies at or before
 * @display_offset: the i-th break (from 0) is displayed at its document
 * offset + i, an ascending sequence. */
static guint
count_displayed_breaks (GlossPieceMap *self,
                        guint          display_offset)
{
  guint lo = 0, hi = self->breaks->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (break_at (self, mid) + mid <= display_offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

gboolean
gloss_piece_map_is_break (GlossPieceMap *self,
                          guint          display_offset)
{
  guint n;

  g_return_val_if_fail (self != NULL, FALSE);

  n = count_displayed_breaks (self, display_offset);
  return n > 0 && break_at (self, n - 1) + (n - 1) == display_offset;
}

guint
gloss_piece_map_to_document (GlossPieceMap *self,
                             guint          display_offset)
{
  guint n;

  g_return_val_if_fail (self != NULL, display_offset);

  n = count_displayed_breaks (self, display_offset);
  if (n > 0 && break_at (self, n - 1) + (n - 1) == display_offset)
    return break_at (self, n - 1);
  return display_offset - n;
}

char *
gloss_piece_map_dup_display_text (GlossPieceMap *self,
                                  const char    *text,
                                  gssize         n_bytes)
{
  GString *out;
  gsize from = 0;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (text != NULL || n_bytes == 0, NULL);

  if (n_bytes < 0)
    n_bytes = (gssize) strlen (text);
  g_return_val_if_fail ((gsize) n_bytes == self->n_bytes, NULL);

  out = g_string_sized_new ((gsize) n_bytes + self->breaks->len + 1);
  for (guint i = 0; i < self->break_bytes->len; i++)
    {
      gsize at = g_array_index (self->break_bytes, gsize, i);

      g_string_append_len (out, text + from, (gssize) (at - from));
      g_string_append_c (out, '\n');
      from = at;
    }
  g_string_append_len (out, text + from, (gssize) ((gsize) n_bytes - from));

  return g_string_free (out, FALSE);
}

gsize
gloss_piece_map_chunk_end (const char *text,
                           gsize       n_bytes,
                           gsize       from,
                           gsize       max_bytes)
{
  gsize end;

  g_return_val_if_fail (text != NULL || n_bytes == 0, n_bytes);
  g_return_val_if_fail (from <= n_bytes, n_bytes);

  if (n_bytes - from <= MAX (max_bytes, 1))
    return n_bytes;
  end = from + MAX (max_bytes, 1);

  /* After the last line break in reach: a "\n", or a "\r" whose "\n"
   * (if it has one) is in reach too. */
  for (gsize p = end; p > from; p--)
    {
      char c = text[p - 1];

      if (c == '\n' || (c == '\r' && text[p] != '\n'))
        return p;
    }

  /* One long line: at a character's start, not inside "\r\n". */
  while (end > from && ((guchar) text[end] & 0xC0) == 0x80)
    end--;
  if (end > from && text[end - 1] == '\r' && text[end] == '\n')
    end--;
  if (end > from)
    return end;

  /* Nothing fits in @max_bytes: one character (or "\r\n") on. */
  end = (gsize) (g_utf8_next_char (text + from) - text);
  if (text[from] == '\r' && end < n_bytes && text[end] == '\n')
    end++;
  return MIN (end, n_bytes);
}

GlossPieceMap *
gloss_piece_map_new_with_display (const char  *text,
                                  gssize       n_bytes,
                                  guint        piece_length,
                                  char       **display)
{
  GlossPieceMap *map = gloss_piece_map_new (text, n_bytes, piece_length);

  g_return_val_if_fail (display != NULL, map);

  *display = gloss_piece_map_get_n_breaks (map) > 0
             ? gloss_piece_map_dup_display_text (map, text, n_bytes) : NULL;
  return map;
}

/* In a thread
 * ------------------------------------------------------------------------ */

typedef struct
{
  const char    *text;
  gsize          n_bytes;
  guint          piece_length;
  GObject       *text_owner;
  GlossPieceMap *map;       /* results */
  char          *display;
} MakeJob;

static void
make_job_free (gpointer data)
{
  MakeJob *job = data;

  g_clear_object (&job->text_owner);
  g_clear_pointer (&job->map, gloss_piece_map_unref);
  g_free (job->display);
  g_free (job);
}

static void
make_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  MakeJob *job = task_data;

  job->map = gloss_piece_map_new_with_display (job->text, (gssize) job->n_bytes, job->piece_length,
                                               &job->display);
  g_task_return_boolean (task, TRUE);
}

void
gloss_piece_map_new_async (const char          *text,
                           gsize                n_bytes,
                           guint                piece_length,
                           GObject             *text_owner,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  MakeJob *job;

  g_return_if_fail (text != NULL || n_bytes == 0);

  job = g_new0 (MakeJob, 1);
  job->text = text;
  job->n_bytes = n_bytes;
  job->piece_length = piece_length;
  job->text_owner = text_owner != NULL ? g_object_ref (text_owner) : NULL;

  /* No source object: a task drops its last reference where it ends, maybe
   * in the worker, and a widget as source object would be disposed there. */
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, gloss_piece_map_new_async);
  g_task_set_task_data (task, job, make_job_free);
  g_task_run_in_thread (task, make_in_thread);
}

GlossPieceMap *
gloss_piece_map_new_finish (GAsyncResult  *result,
                            char         **display,
                            GError       **error)
{
  MakeJob *job;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gloss_piece_map_new_async, NULL);

  if (display != NULL)
    *display = NULL;
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;

  job = g_task_get_task_data (G_TASK (result));
  if (display != NULL)
    *display = g_steal_pointer (&job->display);
  return g_steal_pointer (&job->map);
}
