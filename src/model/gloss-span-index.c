/* gloss-span-index.c — overlap queries over spans kept in start order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gloss-span-index.h"

/* How the index works, and why:
 *
 * - @starts and @ends hold the spans in the caller's order (sorted by
 *   start). @starts is searched directly, without a function call per
 *   probe, to find how many spans start at or before a query's last code
 *   point: only those can overlap it.
 * - @max_end is a max-end segment tree over @ends: a complete binary tree
 *   with @tree_size leaves (a power of two, node 1 the root, leaf i at
 *   @tree_size + i) holding the largest end offset below each node;
 *   padding leaves hold 0, which never overlaps anything. Walking it left
 *   to right skips every subtree whose spans all end before the query.
 * - The tree is rebuilt lazily on the first query after an edit: edits
 *   come one at a time from a person, while queries come in bursts from
 *   the views, so an O(n) rebuild per edit is cheap and keeps edits
 *   simple. */
struct _GlossSpanIndex
{
  grefcount  ref_count;

  GArray    *starts;     /* guint, sorted */
  GArray    *ends;       /* guint, same order */

  guint     *max_end;
  guint      tree_size;
  gboolean   tree_dirty;
};

G_DEFINE_BOXED_TYPE (GlossSpanIndex, gloss_span_index, gloss_span_index_ref, gloss_span_index_unref)

GlossSpanIndex *
gloss_span_index_new (void)
{
  GlossSpanIndex *self = g_new0 (GlossSpanIndex, 1);

  g_ref_count_init (&self->ref_count);
  self->starts = g_array_new (FALSE, FALSE, sizeof (guint));
  self->ends = g_array_new (FALSE, FALSE, sizeof (guint));
  self->tree_dirty = TRUE;

  return self;
}

GlossSpanIndex *
gloss_span_index_ref (GlossSpanIndex *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_ref_count_inc (&self->ref_count);

  return self;
}

void
gloss_span_index_unref (GlossSpanIndex *self)
{
  g_return_if_fail (self != NULL);

  if (!g_ref_count_dec (&self->ref_count))
    return;

  g_clear_pointer (&self->starts, g_array_unref);
  g_clear_pointer (&self->ends, g_array_unref);
  g_clear_pointer (&self->max_end, g_free);
  g_free (self);
}

guint
gloss_span_index_get_n_spans (GlossSpanIndex *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->starts->len;
}

void
gloss_span_index_get_span (GlossSpanIndex *self,
                           guint           position,
                           guint          *start,
                           guint          *end)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (position < self->starts->len);

  if (start != NULL)
    *start = g_array_index (self->starts, guint, position);
  if (end != NULL)
    *end = g_array_index (self->ends, guint, position);
}

/* ------------------------------------------------------------------ */
/* Edits                                                                */
/* ------------------------------------------------------------------ */

void
gloss_span_index_clear (GlossSpanIndex *self)
{
  g_return_if_fail (self != NULL);

  g_array_set_size (self->starts, 0);
  g_array_set_size (self->ends, 0);
  self->tree_dirty = TRUE;
}

/**
 * gloss_span_index_build:
 * @starts: (array length=n_spans): start offsets, sorted
 * @ends: (array length=n_spans): end offsets, each >= its start
 *
 * Replaces every span at once, e.g. after a load.
 */
void
gloss_span_index_build (GlossSpanIndex *self,
                        const guint    *starts,
                        const guint    *ends,
                        guint           n_spans)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (n_spans == 0 || (starts != NULL && ends != NULL));

  for (guint i = 0; i < n_spans; i++)
    {
      /* A misordered input would make queries silently miss spans. */
      g_return_if_fail (starts[i] <= ends[i]);
      g_return_if_fail (i == 0 || starts[i - 1] <= starts[i]);
    }

  gloss_span_index_clear (self);
  g_array_append_vals (self->starts, starts, n_spans);
  g_array_append_vals (self->ends, ends, n_spans);
}

void
gloss_span_index_append (GlossSpanIndex *self,
                         guint           start,
                         guint           end)
{
  g_return_if_fail (self != NULL);

  gloss_span_index_insert (self, self->starts->len, start, end);
}

/* @position must keep the starts sorted: the caller finds it in its own
 * order (which may break ties between equal starts as it likes). */
void
gloss_span_index_insert (GlossSpanIndex *self,
                         guint           position,
                         guint           start,
                         guint           end)
{
  guint n;

  g_return_if_fail (self != NULL);
  n = self->starts->len;
  g_return_if_fail (position <= n);
  g_return_if_fail (start <= end);
  g_return_if_fail (position == 0 || g_array_index (self->starts, guint, position - 1) <= start);
  g_return_if_fail (position == n || start <= g_array_index (self->starts, guint, position));

  g_array_insert_val (self->starts, position, start);
  g_array_insert_val (self->ends, position, end);
  self->tree_dirty = TRUE;
}

void
gloss_span_index_remove (GlossSpanIndex *self,
                         guint           position)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (position < self->starts->len);

  g_array_remove_index (self->starts, position);
  g_array_remove_index (self->ends, position);
  self->tree_dirty = TRUE;
}

/* ------------------------------------------------------------------ */
/* Queries                                                              */
/* ------------------------------------------------------------------ */

static void
ensure_tree (GlossSpanIndex *self)
{
  const guint *ends = (const guint *)self->ends->data;
  guint n = self->ends->len;
  guint size = 1;

  if (!self->tree_dirty)
    return;

  while (size < n)
    size <<= 1;

  /* The same size as before (an edit adds or removes one span): the array
   * is kept. A new one of 10,000 spans is fresh pages from the kernel
   * every time, which showed at each edit in the window's profile. */
  if (self->max_end == NULL || size != self->tree_size)
    {
      g_free (self->max_end);
      self->max_end = g_new (guint, 2 * (gsize)size);
      self->tree_size = size;
    }

  for (guint i = 0; i < n; i++)
    self->max_end[size + i] = ends[i];
  for (guint i = n; i < size; i++)
    self->max_end[size + i] = 0;

  for (guint node = size - 1; node >= 1; node--)
    self->max_end[node] = MAX (self->max_end[2 * node], self->max_end[2 * node + 1]);

  self->tree_dirty = FALSE;
}

/* Number of spans with start <= @offset. */
static guint
count_starting_at_or_before (GlossSpanIndex *self,
                             guint           offset)
{
  const guint *starts = (const guint *)self->starts->data;
  guint lo = 0;
  guint hi = self->starts->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (starts[mid] <= offset)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

/* Walk the tree left to right (so results come out in sequence order),
 * entering only subtrees that hold a position below @limit and an end
 * beyond @after: each visited node either yields a result or is on the
 * path to one, so the cost is O((k + 1) log n) for k results. */
static void
collect_overlapping (GlossSpanIndex     *self,
                     guint               node,
                     guint               lo,
                     guint               hi,
                     guint               limit,
                     guint               after,
                     GlossSpanIndexFunc  func,
                     gpointer            user_data)
{
  guint mid;

  if (lo >= limit || self->max_end[node] <= after)
    return;

  if (node >= self->tree_size)
    {
      func (lo, user_data);
      return;
    }

  mid = lo + (hi - lo) / 2;
  collect_overlapping (self, 2 * node, lo, mid, limit, after, func, user_data);
  collect_overlapping (self, 2 * node + 1, mid, hi, limit, after, func, user_data);
}

/**
 * gloss_span_index_foreach_overlapping:
 * @func: (scope call): called with each position, in sequence order
 *
 * Calls @func for the spans with start <= @last and end > @first, i.e.
 * those sharing at least one code point with [@first, @last]. Taking the
 * last code point rather than an exclusive end avoids overflow at
 * G_MAXUINT. @func must not edit the index.
 */
void
gloss_span_index_foreach_overlapping (GlossSpanIndex     *self,
                                      guint               first,
                                      guint               last,
                                      GlossSpanIndexFunc  func,
                                      gpointer            user_data)
{
  guint limit;

  g_return_if_fail (self != NULL);
  g_return_if_fail (first <= last);
  g_return_if_fail (func != NULL);

  ensure_tree (self);
  limit = count_starting_at_or_before (self, last);
  collect_overlapping (self, 1, 0, self->tree_size, limit, first, func, user_data);
}

static void
append_position (guint    position,
                 gpointer user_data)
{
  g_array_append_val ((GArray *)user_data, position);
}

/**
 * gloss_span_index_query_at:
 *
 * Returns: (transfer full) (element-type guint): positions of the spans
 *   with start <= @offset < end, in sequence order
 */
GArray *
gloss_span_index_query_at (GlossSpanIndex *self,
                           guint           offset)
{
  GArray *positions;

  g_return_val_if_fail (self != NULL, NULL);

  positions = g_array_new (FALSE, FALSE, sizeof (guint));
  gloss_span_index_foreach_overlapping (self, offset, offset, append_position, positions);

  return positions;
}

/**
 * gloss_span_index_query_range:
 *
 * Returns: (transfer full) (element-type guint): positions of the spans
 *   overlapping [@start, @end), in sequence order; for an empty range,
 *   those containing the point @start (as gloss_span_index_query_at())
 */
GArray *
gloss_span_index_query_range (GlossSpanIndex *self,
                              guint           start,
                              guint           end)
{
  GArray *positions;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (start <= end, NULL);

  positions = g_array_new (FALSE, FALSE, sizeof (guint));
  /* An empty range is a caret: what it sits inside is what matters. */
  gloss_span_index_foreach_overlapping (self, start, start == end ? start : end - 1,
                                        append_position, positions);

  return positions;
}
