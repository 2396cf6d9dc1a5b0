/* gloss-anchor.c — placing annotations again after their article changed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A sidecar remembers, for each annotation, its offsets, the text it covered
 * (exact) and up to GLOSS_CONTEXT_LENGTH code points on either side (prefix,
 * suffix). When the article's hash no longer matches, every annotation is
 * looked for again in the new text, in this order:
 *
 *  1. exact, at the expected position (the old start plus the shift seen on
 *     the annotation placed just before it), at its old position, then in
 *     rings of growing radius around the expected position. Among
 *     occurrences, the one whose surroundings agree best with prefix and
 *     suffix wins; then the one nearest the expected position; then the
 *     earlier one. Found at its old offsets: KEPT; elsewhere: MOVED.
 *  2. a slightly edited copy of exact near the expected position, found
 *     through its context or its first and last few code points, and
 *     accepted if the edit distance is small: REPAIRED.
 *  3. otherwise ORPHANED, with every stored value left as it was.
 *
 * A candidate at 1 or 2 must also be convincing (is_convincing()): a short
 * exact found with next to no agreeing context is likely another mention of
 * the same words, and an orphan the user can re-attach is better than an
 * annotation silently moved to the wrong mention.
 *
 * docs/anchoring.md gives the exact rules and thresholds for users; the
 * constants below are the ones it quotes.
 *
 * Everything is bounded per annotation so that a heavily edited (or
 * entirely replaced) article does not take quadratic time: the fuzzy
 * search only looks at two windows, the exact search scores a limited
 * number of occurrences, and once many annotations needed a search over
 * a large text, the rest go through a q-gram index built for the call
 * instead of scanning megabytes with memmem() each.
 */
#ifndef _GNU_SOURCE
# define _GNU_SOURCE  /* memmem() */
#endif

#include "config.h"

#include <string.h>

#include "gloss-anchor.h"
#include "gloss-annotation-set.h"

/* Exact search: radii (in code points) of the windows around the expected
 * position, scanned one ring at a time; the last one is the whole text. */
static const guint64 exact_radii[] = { 256, 4096, 65536, G_MAXUINT64 };

/* At most this many occurrences of exact are scored per annotation. Only a
 * very short or very common exact (a single word repeated all over the
 * article) gets there; the nearest rings are scanned first. */
#define MAX_EXACT_CANDIDATES 512

/* Code points of exact and agreeing context enough to accept an
 * occurrence at the expected or the old position (see is_convincing()). */
#define PREDICTED_EVIDENCE 4

/* Repair: only these windows are searched, so that the cost stays bounded
 * even when nothing can be found. */
static const guint repair_radii[] = { 256, 4096 };

/* Length of the pieces of context, and of exact, used to locate an edited
 * span; exact's head and tail are only used when exact has at least
 * REPAIR_MIN_LENGTH_FOR_ENDS code points (otherwise they would be most of
 * it, and the edit would likely fall inside them). */
#define REPAIR_PIECE_LENGTH        16
#define REPAIR_MIN_LENGTH_FOR_ENDS 8

/* Per annotation: occurrences of each locating piece kept, and candidate
 * spans whose edit distance is computed. */
#define MAX_REPAIR_ANCHORS    64
#define MAX_REPAIR_CANDIDATES 64

/* A longer exact is only ever kept or moved: comparing two ten-thousand
 * character strings with thousands of edits allowed costs too much for a
 * span that long to be a plausible "small edit" anyway. */
#define MAX_REPAIR_LENGTH 10000

/* The q-gram index: grams of GRAM_LENGTH bytes. It is only worth building
 * for a large text, and only used for ranges long enough that memmem()
 * would be the slower way; it costs 4 bytes per byte of text, hence the
 * upper limit (larger texts fall back to memmem()). It is built only after
 * INDEX_AFTER_LONG_SCANS long searches were made without it. */
#define GRAM_LENGTH      4
#define INDEX_MIN_BYTES  (64 * 1024)
#define INDEX_MAX_BYTES  (16 * 1024 * 1024)
#define INDEX_MIN_RANGE  (16 * 1024)
#define INDEX_MIN_RANGE_BUILT  1024
#define INDEX_AFTER_LONG_SCANS 16

/* A string with its length in bytes and in code points. */
typedef struct
{
  const char *str;
  gsize       n_bytes;
  guint       n_chars;
} Piece;

typedef struct
{
  Piece exact;
  Piece prefix;
  Piece suffix;
  guint old_start;
  guint old_end;
  guint expected;
  gsize old_start_byte;  /* G_MAXSIZE if past the end of the new text */
  gsize expected_byte;
} Query;

typedef struct
{
  gboolean found;
  guint    start;
  guint    end;
  guint    score;     /* context agreement, in code points */
  guint    cost;      /* edit distance (repairs) */
  guint    distance;  /* from the expected position */
} Candidate;

typedef struct
{
  guint32 *starts;     /* n_buckets + 1 entries into positions */
  guint32 *positions;  /* byte offsets of grams, ascending within a bucket */
  guint    shift;      /* 32 - log2 (n_buckets) */
} GramIndex;

typedef struct
{
  GlossDocument *document;
  const char    *text;
  gsize          n_bytes;
  guint          length;
  gboolean       may_index;     /* worth building an index (many annotations) */
  GramIndex     *index;         /* built once it has proven worth it */
  guint          n_long_scans;  /* done with memmem() while there was no index */
} Anchorer;

/* Pieces */

static void
piece_init (Piece      *piece,
            const char *str)
{
  piece->str = str ? str : "";
  piece->n_bytes = strlen (piece->str);
  piece->n_chars = (guint)g_utf8_strlen (piece->str, (gssize)piece->n_bytes);
}

/* The first @n_chars code points of @piece. */
static Piece
piece_head (const Piece *piece,
            guint        n_chars)
{
  Piece head = *piece;

  if (n_chars < piece->n_chars)
    {
      head.n_bytes = (gsize)(g_utf8_offset_to_pointer (piece->str, n_chars) - piece->str);
      head.n_chars = n_chars;
    }

  return head;
}

/* The last @n_chars code points of @piece. */
static Piece
piece_tail (const Piece *piece,
            guint        n_chars)
{
  Piece tail = *piece;

  if (n_chars < piece->n_chars)
    {
      const char *start = g_utf8_offset_to_pointer (piece->str, piece->n_chars - n_chars);

      tail.str = start;
      tail.n_bytes = piece->n_bytes - (gsize)(start - piece->str);
      tail.n_chars = n_chars;
    }

  return tail;
}

/* Code points whose every byte lies in @str[0, @n_bytes): the lead bytes,
 * since valid UTF-8 puts exactly one in each character. */
static guint
count_lead_bytes (const char *str,
                  gsize       n_bytes)
{
  guint n = 0;

  for (gsize i = 0; i < n_bytes; i++)
    if (((guchar)str[i] & 0xC0) != 0x80)
      n++;

  return n;
}

/* The q-gram index */

static inline guint32
gram_hash (const char *at,
           guint       shift)
{
  guint32 gram;

  memcpy (&gram, at, sizeof gram);
  /* Fibonacci hashing: the high bits of the product mix all four bytes. */
  return (gram * 0x9E3779B1u) >> shift;
}

static void
gram_index_free (GramIndex *index)
{
  g_free (index->starts);
  g_free (index->positions);
  g_free (index);
}

/* A bucket per hash value, filled by counting sort so that the positions in
 * each bucket come out ascending and a byte range is a binary search away. */
static GramIndex *
gram_index_new (const char *text,
                gsize       n_bytes)
{
  GramIndex *index = g_new0 (GramIndex, 1);
  gsize n_grams;
  guint bits = 12;
  gsize n_buckets;

  g_assert (n_bytes >= GRAM_LENGTH && n_bytes <= G_MAXUINT32);

  n_grams = n_bytes - GRAM_LENGTH + 1;
  while (((gsize)1 << bits) < n_grams / 2 && bits < 22)
    bits++;
  n_buckets = (gsize)1 << bits;

  index->shift = 32 - bits;
  index->starts = g_new0 (guint32, n_buckets + 1);
  index->positions = g_new (guint32, n_grams);

  for (gsize p = 0; p < n_grams; p++)
    index->starts[gram_hash (text + p, index->shift) + 1]++;

  for (gsize b = 0; b < n_buckets; b++)
    index->starts[b + 1] += index->starts[b];

  /* starts[b] serves as bucket b's fill cursor, which leaves it at the
   * start of bucket b + 1; shifting the array by one restores it. */
  for (gsize p = 0; p < n_grams; p++)
    index->positions[index->starts[gram_hash (text + p, index->shift)]++] = (guint32)p;

  memmove (index->starts + 1, index->starts, n_buckets * sizeof (guint32));
  index->starts[0] = 0;

  return index;
}

static GramIndex *
anchorer_get_index (Anchorer *self)
{
  if (self->index == NULL)
    self->index = gram_index_new (self->text, self->n_bytes);

  return self->index;
}

static gboolean
anchorer_should_use_index (Anchorer *self,
                           gsize     needle_len,
                           gsize     range_len)
{
  if (!self->may_index ||
      needle_len < GRAM_LENGTH ||
      self->n_bytes < INDEX_MIN_BYTES ||
      self->n_bytes > INDEX_MAX_BYTES)
    return FALSE;

  /* Once built, it beats memmem() on all but the smallest windows. */
  if (self->index != NULL)
    return range_len >= INDEX_MIN_RANGE_BUILT;

  if (range_len < INDEX_MIN_RANGE)
    return FALSE;

  /* Building the index costs about as much as thirty scans of the whole
   * text. An edit in one place sends only the few annotations around it on
   * a long search; only when many need one does the index pay. */
  return ++self->n_long_scans > INDEX_AFTER_LONG_SCANS;
}

/* Occurrences of a needle starting in a byte range */

typedef struct
{
  const Anchorer *anchorer;
  const char     *needle;
  gsize           needle_len;
  gsize           next;          /* memmem(): where to search from */
  gsize           end;           /* occurrences start before this byte */
  const guint32  *positions;     /* index: the bucket's slice in range */
  gsize           n_positions;
  gsize           gram_offset;   /* index: where the bucket's gram is in the needle */
} OccurrenceIter;

/* The first position in the sorted @positions that is >= @value. */
static gsize
lower_bound (const guint32 *positions,
             gsize          n,
             gsize          value)
{
  gsize lo = 0;
  gsize hi = n;

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (positions[mid] < value)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

/* Every occurrence contains the gram found at each of its offsets, so any
 * one of them will do; the rarest means the fewest false hits to verify.
 * Looking at the first 256 offsets is plenty to find a rare one. */
static void
occurrence_iter_init_index (OccurrenceIter *iter,
                            GramIndex      *index,
                            gsize           from)
{
  gsize last = MIN (iter->needle_len - GRAM_LENGTH, 255);
  guint32 best_bucket = 0;
  guint32 best_size = G_MAXUINT32;
  const guint32 *bucket;
  gsize size;
  gsize lo;
  gsize hi;

  for (gsize g = 0; g <= last && best_size > 0; g++)
    {
      guint32 b = gram_hash (iter->needle + g, index->shift);
      guint32 s = index->starts[b + 1] - index->starts[b];

      if (s < best_size)
        {
          best_size = s;
          best_bucket = b;
          iter->gram_offset = g;
        }
    }

  bucket = index->positions + index->starts[best_bucket];
  size = best_size;
  lo = lower_bound (bucket, size, from + iter->gram_offset);
  hi = lower_bound (bucket, size, iter->end + iter->gram_offset);

  iter->positions = bucket + lo;
  iter->n_positions = hi - lo;
}

static void
occurrence_iter_init (OccurrenceIter *iter,
                      Anchorer       *anchorer,
                      const Piece    *needle,
                      gsize           from,
                      gsize           to)
{
  memset (iter, 0, sizeof *iter);
  iter->anchorer = anchorer;
  iter->needle = needle->str;
  iter->needle_len = needle->n_bytes;
  iter->next = from;
  iter->end = MIN (to, anchorer->n_bytes);

  if (iter->needle_len == 0 || from >= iter->end)
    {
      iter->next = iter->end;
      return;
    }

  if (anchorer_should_use_index (anchorer, iter->needle_len, iter->end - from))
    occurrence_iter_init_index (iter, anchorer_get_index (anchorer), from);
}

static gboolean
occurrence_iter_next (OccurrenceIter *iter,
                      gsize          *start)
{
  const char *text = iter->anchorer->text;
  gsize n_bytes = iter->anchorer->n_bytes;

  if (iter->positions != NULL)
    {
      while (iter->n_positions > 0)
        {
          gsize s = *iter->positions - iter->gram_offset;

          iter->positions++;
          iter->n_positions--;

          /* Buckets are shared by grams with the same hash: verify. */
          if (s + iter->needle_len <= n_bytes &&
              memcmp (text + s, iter->needle, iter->needle_len) == 0)
            {
              *start = s;
              return TRUE;
            }
        }

      return FALSE;
    }

  while (iter->next < iter->end)
    {
      gsize limit = MIN (iter->end - 1 + iter->needle_len, n_bytes);
      const char *found;

      if (limit - iter->next < iter->needle_len)
        break;

      found = memmem (text + iter->next, limit - iter->next,
                      iter->needle, iter->needle_len);
      if (found == NULL)
        break;

      *start = (gsize)(found - text);
      iter->next = *start + 1;
      return TRUE;
    }

  iter->next = iter->end;
  return FALSE;
}

/* Positions */

static guint
distance_between (guint a,
                  guint b)
{
  return a > b ? a - b : b - a;
}

/* Code points of @prefix that match the text right before @byte, counted
 * back from the end of the prefix. */
static guint
prefix_agreement (Anchorer    *self,
                  gsize        byte,
                  const Piece *prefix)
{
  gsize i = prefix->n_bytes;

  while (i > 0 && byte > 0 && prefix->str[i - 1] == self->text[byte - 1])
    i--, byte--;

  /* A character cut by the mismatch has its lead byte before i, so it is
   * not counted. */
  return count_lead_bytes (prefix->str + i, prefix->n_bytes - i);
}

/* Code points of @suffix that match the text from @byte on. */
static guint
suffix_agreement (Anchorer    *self,
                  gsize        byte,
                  const Piece *suffix)
{
  gsize k = 0;
  guint n;

  while (k < suffix->n_bytes && byte + k < self->n_bytes &&
         suffix->str[k] == self->text[byte + k])
    k++;

  n = count_lead_bytes (suffix->str, k);

  /* The mismatch fell inside a character whose lead byte matched. */
  if (k < suffix->n_bytes && ((guchar)suffix->str[k] & 0xC0) == 0x80)
    n--;

  return n;
}

static guint
max_agreement (const Query *query)
{
  return query->prefix.n_chars + query->suffix.n_chars;
}

/* Exact search */

/* Whether a candidate is evidence enough that it is the text the annotation
 * was made on, and not another mention of the same words: a short name
 * ("UN", "March") occurs all over an article, and moving the annotation to
 * some other mention would misplace it silently.
 *
 * The evidence is the code points of exact the candidate matches (exact's
 * length less the edit distance) plus the context agreeing around it
 * (@score). It must reach GLOSS_CONTEXT_LENGTH code points (so a long exact
 * needs no context at all), or half of exact and its stored context
 * together if that is less (a very short article has little context to
 * offer). Where the annotation was expected, or where it was,
 * PREDICTED_EVIDENCE is enough: edits on both sides of a short span should
 * not orphan it when it has not moved, but a letter of some other word that
 * happens to sit there must not pass. */
static gboolean
is_convincing (const Query *query,
               gsize        start_byte,
               guint        cost,
               guint        score)
{
  guint evidence = query->exact.n_chars - MIN (cost, query->exact.n_chars) + score;
  guint needed;

  needed = MIN (GLOSS_CONTEXT_LENGTH,
                (query->exact.n_chars + max_agreement (query) + 1) / 2);

  if (start_byte == query->expected_byte || start_byte == query->old_start_byte)
    needed = MIN (needed, PREDICTED_EVIDENCE);

  return evidence >= needed;
}

static gboolean
exact_is_better (const Candidate *a,
                 const Candidate *b)
{
  if (!b->found)
    return TRUE;
  if (a->score != b->score)
    return a->score > b->score;
  if (a->distance != b->distance)
    return a->distance < b->distance;
  return a->start < b->start;
}

/* Scores an occurrence of exact at @byte and keeps it if it beats @best.
 * Everything that can be decided on bytes is decided first, so that the
 * many occurrences of a common word that cannot win are dropped before
 * paying for the offset conversion. A match cutting a grapheme cluster is
 * no match: it would put the span's edge inside a character as the user
 * sees it. */
static void
consider_exact (Anchorer    *self,
                const Query *query,
                gsize        byte,
                Candidate   *best)
{
  Candidate candidate = { 0 };
  gsize end_byte = byte + query->exact.n_bytes;

  candidate.score = prefix_agreement (self, byte, &query->prefix) +
                    suffix_agreement (self, end_byte, &query->suffix);
  if ((best->found && candidate.score < best->score) ||
      !is_convincing (query, byte, 0, candidate.score))
    return;

  candidate.start = gloss_document_byte_to_offset (self->document, byte);
  candidate.end = candidate.start + query->exact.n_chars;

  if (!gloss_document_is_grapheme_boundary (self->document, candidate.start) ||
      !gloss_document_is_grapheme_boundary (self->document, candidate.end))
    return;

  candidate.found = TRUE;
  candidate.distance = distance_between (candidate.start, query->expected);

  if (exact_is_better (&candidate, best))
    *best = candidate;
}

/* The O(1) check of a single position, which is all most annotations need. */
static void
consider_exact_at (Anchorer    *self,
                   const Query *query,
                   guint        start,
                   Candidate   *best)
{
  if ((guint64)start + query->exact.n_chars > self->length)
    return;

  if (gloss_document_slice_equals (self->document, start,
                                   start + query->exact.n_chars,
                                   query->exact.str))
    consider_exact (self, query,
                    gloss_document_offset_to_byte (self->document, start),
                    best);
}

/* Scores every occurrence starting in [@from, @to) (bytes); returns FALSE
 * once the per-annotation limit is reached. */
static gboolean
scan_exact (Anchorer    *self,
            const Query *query,
            gsize        from,
            gsize        to,
            guint       *n_scored,
            Candidate   *best)
{
  OccurrenceIter iter;
  gsize byte;

  occurrence_iter_init (&iter, self, &query->exact, from, to);

  while (occurrence_iter_next (&iter, &byte))
    {
      consider_exact (self, query, byte, best);

      if (++*n_scored >= MAX_EXACT_CANDIDATES)
        return FALSE;
    }

  return TRUE;
}

/* The best occurrence of exact: first the expected and the old position,
 * then rings of growing radius around the expected position. A ring holds
 * only positions farther than everything before it, so the search stops as
 * soon as a candidate with full context agreement is at least as near as
 * the ring's inner edge: nothing farther can beat it. */
static void
find_exact (Anchorer    *self,
            const Query *query,
            Candidate   *best)
{
  guint full = max_agreement (query);
  guint64 inner_radius = 0;
  guint n_scored = 0;
  gsize inner_from;
  gsize inner_to;

  consider_exact_at (self, query, query->expected, best);
  if (best->found && best->score == full)
    return;

  if (query->old_start != query->expected)
    consider_exact_at (self, query, query->old_start, best);

  inner_from = inner_to = query->expected_byte;

  for (guint i = 0; i < G_N_ELEMENTS (exact_radii); i++)
    {
      guint64 radius = exact_radii[i];
      guint lo;
      guint hi;
      gsize from;
      gsize to;

      if (best->found && best->score == full && best->distance <= inner_radius)
        return;

      lo = radius >= query->expected ? 0 : query->expected - (guint)radius;
      hi = radius >= self->length - query->expected ? self->length : query->expected + (guint)radius;
      from = gloss_document_offset_to_byte (self->document, lo);
      /* hi's own byte may start an occurrence too. */
      to = gloss_document_offset_to_byte (self->document, hi) + 1;

      if (!scan_exact (self, query, from, inner_from, &n_scored, best) ||
          !scan_exact (self, query, inner_to, to, &n_scored, best))
        return;

      if (lo == 0 && hi == self->length)
        return;

      inner_from = from;
      inner_to = to;
      inner_radius = radius;
    }
}

/* Repair */

/* Levenshtein distance between @a and @b if it is at most @max, else
 * @max + 1. Diagonal transition (Ukkonen, Landau-Vishkin): for d = 0, 1, …
 * follow, on each diagonal j - i, the furthest row reachable with d edits,
 * sliding along equal characters for free. The cost is about
 * O(max² + n) instead of the O(n · m) of the full table, which matters for
 * long quotes with a few edits. */
static guint
bounded_edit_distance (const gunichar *a,
                       gsize           n,
                       const gunichar *b,
                       gsize           m,
                       guint           max)
{
  const gssize none = G_MINSSIZE;
  const gssize target = (gssize)m - (gssize)n;
  /* Diagonals -max-1 … max+1, so that neighbours never need a check. */
  gsize width = 2 * (gsize)max + 3;
  g_autofree gssize *prev = g_new (gssize, width);
  g_autofree gssize *cur = g_new (gssize, width);
  gssize offset = (gssize)max + 1;
  gssize row = 0;

  if ((n > m ? n - m : m - n) > max)
    return max + 1;

  for (gsize i = 0; i < width; i++)
    prev[i] = cur[i] = none;

  while ((gsize)row < n && (gsize)row < m && a[row] == b[row])
    row++;
  if (target == 0 && (gsize)row == n)
    return 0;
  prev[offset] = row;

  for (guint d = 1; d <= max; d++)
    {
      for (gssize k = -(gssize)d; k <= (gssize)d; k++)
        {
          gssize same = prev[offset + k];
          gssize from_above = prev[offset + k + 1];  /* diagonal k + 1 */
          gssize from_left = prev[offset + k - 1];   /* diagonal k - 1 */
          gssize i = none;

          /* Staying put: reachable with fewer edits is reachable with d. */
          if (same != none)
            i = same;
          /* Substitution: one step along both strings. */
          if (same != none && (gsize)same < n && (gsize)(same + k) < m)
            i = MAX (i, same + 1);
          /* Deletion: one step along a only. */
          if (from_above != none && (gsize)from_above < n)
            i = MAX (i, from_above + 1);
          /* Insertion: one step along b only. */
          if (from_left != none && (gsize)(from_left + k - 1) < m)
            i = MAX (i, from_left);

          if (i != none)
            while ((gsize)i < n && (gsize)(i + k) < m && a[i] == b[i + k])
              i++;

          cur[offset + k] = i;

          if (k == target && i != none && (gsize)i == n)
            return d;
        }

      {
        gssize *tmp = prev;
        prev = cur;
        cur = tmp;
      }
    }

  return max + 1;
}

typedef enum
{
  ANCHOR_AT_START,  /* the piece starts where the span starts or ends */
  ANCHOR_AT_END,    /* the piece ends there */
} AnchorSide;

/* Offsets marked by occurrences of @piece in [@from, @to) (bytes). */
static void
collect_anchors (Anchorer    *self,
                 const Piece *piece,
                 AnchorSide   side,
                 gsize        from,
                 gsize        to,
                 GArray      *anchors)
{
  OccurrenceIter iter;
  gsize byte;
  guint n = 0;

  if (piece->n_bytes == 0)
    return;

  occurrence_iter_init (&iter, self, piece, from, to);

  while (n < MAX_REPAIR_ANCHORS && occurrence_iter_next (&iter, &byte))
    {
      guint offset;

      if (side == ANCHOR_AT_END)
        byte += piece->n_bytes;

      offset = gloss_document_byte_to_offset (self->document, byte);
      g_array_append_val (anchors, offset);
      n++;
    }
}

static int
compare_guint (gconstpointer a,
               gconstpointer b)
{
  guint x = *(const guint *)a;
  guint y = *(const guint *)b;

  return x < y ? -1 : x > y;
}

static void
sort_unique (GArray *array)
{
  guint n = 0;

  g_array_sort (array, compare_guint);

  for (guint i = 0; i < array->len; i++)
    if (n == 0 || g_array_index (array, guint, i) != g_array_index (array, guint, n - 1))
      g_array_index (array, guint, n++) = g_array_index (array, guint, i);

  g_array_set_size (array, n);
}

typedef struct
{
  guint start;
  guint end;
  guint distance;
} SpanGuess;

static int
compare_guesses (gconstpointer a,
                 gconstpointer b)
{
  const SpanGuess *x = a;
  const SpanGuess *y = b;

  if (x->distance != y->distance)
    return x->distance < y->distance ? -1 : 1;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return compare_guint (&x->end, &y->end);
}

static gboolean
repair_is_better (const Candidate *a,
                  const Candidate *b)
{
  if (!b->found)
    return TRUE;
  if (a->cost != b->cost)
    return a->cost < b->cost;
  if (a->distance != b->distance)
    return a->distance < b->distance;
  if (a->start != b->start)
    return a->start < b->start;
  return a->end < b->end;
}

/* What the repair search needs about one annotation, computed once. */
typedef struct
{
  const Query *query;
  gunichar    *exact;       /* exact as code points */
  guint        max_cost;    /* largest edit distance accepted */
  guint        slack;       /* how much the span's length may differ */
  Piece        prefix_tail;
  Piece        suffix_head;
  Piece        head;        /* empty if exact is too short */
  Piece        tail;
} Repair;

static void
repair_clear (Repair *repair)
{
  g_clear_pointer (&repair->exact, g_free);
}

static gboolean
repair_init (Repair      *repair,
             const Query *query)
{
  guint len = query->exact.n_chars;

  memset (repair, 0, sizeof *repair);

  if (len < 2 || len > MAX_REPAIR_LENGTH)
    return FALSE;

  repair->query = query;
  repair->exact = g_utf8_to_ucs4_fast (query->exact.str, (glong)query->exact.n_bytes, NULL);

  /* At least two edits, so that a typo fixed in a short name is repaired;
   * but fewer edits than exact has characters, so that a span of two
   * characters cannot turn into an unrelated one. */
  repair->max_cost = MIN (MAX (2, len / 5), len - 1);
  repair->slack = MAX (8, len / 4);

  repair->prefix_tail = piece_tail (&query->prefix, REPAIR_PIECE_LENGTH);
  repair->suffix_head = piece_head (&query->suffix, REPAIR_PIECE_LENGTH);

  if (len >= REPAIR_MIN_LENGTH_FOR_ENDS)
    {
      guint n = MIN (REPAIR_PIECE_LENGTH, len / 2);

      repair->head = piece_head (&query->exact, n);
      repair->tail = piece_tail (&query->exact, n);
    }
  else
    {
      piece_init (&repair->head, NULL);
      piece_init (&repair->tail, NULL);
    }

  return TRUE;
}

/* The snapped span @start..@end as a candidate, if it is close enough. */
static void
consider_repair (Anchorer     *self,
                 const Repair *repair,
                 guint         start,
                 guint         end,
                 Candidate    *best)
{
  g_autofree gunichar *text = NULL;
  Candidate candidate = { 0 };
  gsize from;
  gsize to;
  glong n = 0;

  from = gloss_document_offset_to_byte (self->document, start);
  to = gloss_document_offset_to_byte (self->document, end);
  text = g_utf8_to_ucs4_fast (self->text + from, (glong)(to - from), &n);

  candidate.cost = bounded_edit_distance (repair->exact, repair->query->exact.n_chars,
                                          text, (gsize)n, repair->max_cost);
  if (candidate.cost > repair->max_cost)
    return;

  /* The same test as for an exact match, or exact's own head and tail
   * would be enough to drag the annotation onto another mention. */
  candidate.score = prefix_agreement (self, from, &repair->query->prefix) +
                    suffix_agreement (self, to, &repair->query->suffix);
  if (!is_convincing (repair->query, from, candidate.cost, candidate.score))
    return;

  candidate.found = TRUE;
  candidate.start = start;
  candidate.end = end;
  candidate.distance = distance_between (start, repair->query->expected);

  if (repair_is_better (&candidate, best))
    *best = candidate;
}

/* Snaps a guessed span outwards to grapheme boundaries: an edit may have
 * added a combining mark right at its edge. */
static void
snap_outwards (Anchorer *self,
               guint    *start,
               guint    *end)
{
  if (!gloss_document_is_grapheme_boundary (self->document, *start))
    *start = gloss_document_prev_grapheme_boundary (self->document, *start);
  if (!gloss_document_is_grapheme_boundary (self->document, *end))
    *end = gloss_document_next_grapheme_boundary (self->document, *end);
}

/* Pairs every possible start with every possible end at a plausible
 * distance, nearest the expected position first. Pairs starting within
 * @skip_radius were tried in a previous, smaller window. */
static void
guess_spans (const Repair *repair,
             GArray       *starts,
             GArray       *ends,
             guint         radius,
             guint         skip_radius,
             GArray       *guesses)
{
  const Query *query = repair->query;
  guint len = query->exact.n_chars;
  guint shortest = len > repair->slack ? len - repair->slack : 1;
  guint longest = len + repair->slack;

  for (guint i = 0; i < starts->len; i++)
    {
      guint start = g_array_index (starts, guint, i);
      guint distance = distance_between (start, query->expected);

      if (distance > radius || (skip_radius > 0 && distance <= skip_radius))
        continue;

      for (guint j = 0; j < ends->len; j++)
        {
          guint end = g_array_index (ends, guint, j);
          SpanGuess guess = { start, end, distance };

          if (end < start + shortest)
            continue;
          if (end > start + longest)
            break;

          g_array_append_val (guesses, guess);
        }
    }

  g_array_sort (guesses, compare_guesses);
}

/* One window of the repair search: collect where the span may start (after
 * the prefix, or where exact's head is) and end (before the suffix, or
 * where exact's tail ends), then measure the pairs. */
static void
repair_in_window (Anchorer     *self,
                  const Repair *repair,
                  guint         radius,
                  guint         skip_radius,
                  Candidate    *best)
{
  const Query *query = repair->query;
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) ends = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) guesses = g_array_new (FALSE, FALSE, sizeof (SpanGuess));
  guint lo = query->expected > radius ? query->expected - radius : 0;
  guint hi = (guint)MIN ((guint64)query->expected + radius + query->exact.n_chars + repair->slack,
                         (guint64)self->length);
  gsize from = gloss_document_offset_to_byte (self->document, lo);
  gsize to = gloss_document_offset_to_byte (self->document, hi) + 1;
  guint n_tried = 0;

  collect_anchors (self, &repair->prefix_tail, ANCHOR_AT_END, from, to, starts);
  collect_anchors (self, &repair->head, ANCHOR_AT_START, from, to, starts);
  collect_anchors (self, &repair->suffix_head, ANCHOR_AT_START, from, to, ends);
  collect_anchors (self, &repair->tail, ANCHOR_AT_END, from, to, ends);

  /* No prefix means the span started the article; no suffix, that it
   * ended it. */
  if (query->prefix.n_chars == 0 && lo == 0)
    {
      guint zero = 0;
      g_array_append_val (starts, zero);
    }
  if (query->suffix.n_chars == 0 && hi == self->length)
    g_array_append_val (ends, self->length);

  sort_unique (starts);
  sort_unique (ends);
  guess_spans (repair, starts, ends, radius, skip_radius, guesses);

  for (guint i = 0; i < guesses->len && n_tried < MAX_REPAIR_CANDIDATES; i++)
    {
      SpanGuess *guess = &g_array_index (guesses, SpanGuess, i);
      guint start = guess->start;
      guint end = guess->end;

      snap_outwards (self, &start, &end);
      if (start >= end)
        continue;

      consider_repair (self, repair, start, end, best);
      n_tried++;
    }
}

static void
find_repair (Anchorer    *self,
             const Query *query,
             Candidate   *best)
{
  Repair repair;
  guint skip_radius = 0;

  if (!repair_init (&repair, query))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (repair_radii) && !best->found; i++)
    {
      repair_in_window (self, &repair, repair_radii[i], skip_radius, best);
      skip_radius = repair_radii[i];
    }

  repair_clear (&repair);
}

/* Placing one annotation */

static void
query_init (Query          *query,
            const Anchorer *anchorer,
            const char     *exact,
            const char     *prefix,
            const char     *suffix,
            guint           old_start,
            guint           old_end,
            guint           expected)
{
  piece_init (&query->exact, exact);
  piece_init (&query->prefix, prefix);
  piece_init (&query->suffix, suffix);
  query->old_start = old_start;
  query->old_end = old_end;
  query->expected = MIN (expected, anchorer->length);
  query->expected_byte = gloss_document_offset_to_byte (anchorer->document, query->expected);
  query->old_start_byte = old_start <= anchorer->length
                          ? gloss_document_offset_to_byte (anchorer->document, old_start)
                          : G_MAXSIZE;
}

static GlossAnchorStatus
place (Anchorer    *self,
       const Query *query,
       Candidate   *best)
{
  memset (best, 0, sizeof *best);

  /* Nothing to look for: an empty span cannot be told from any other. */
  if (query->exact.n_chars == 0)
    return GLOSS_ANCHOR_ORPHANED;

  find_exact (self, query, best);
  if (best->found)
    {
      if (best->start == query->old_start && best->end == query->old_end)
        return GLOSS_ANCHOR_KEPT;
      return GLOSS_ANCHOR_MOVED;
    }

  find_repair (self, query, best);
  if (best->found)
    return GLOSS_ANCHOR_REPAIRED;

  return GLOSS_ANCHOR_ORPHANED;
}

static void
anchorer_init (Anchorer      *self,
               GlossDocument *document,
               gboolean       may_index)
{
  self->document = document;
  self->text = gloss_document_get_text (document);
  self->n_bytes = gloss_document_get_n_bytes (document);
  self->length = gloss_document_get_length (document);
  self->may_index = may_index;
  self->index = NULL;
  self->n_long_scans = 0;
}

static void
anchorer_clear (Anchorer *self)
{
  g_clear_pointer (&self->index, gram_index_free);
}

GlossAnchorStatus
gloss_anchor_find (GlossDocument *document,
                   const char    *exact,
                   const char    *prefix,
                   const char    *suffix,
                   guint          old_start,
                   guint          old_end,
                   guint         *new_start,
                   guint         *new_end)
{
  Anchorer anchorer;
  Query query;
  Candidate best;
  GlossAnchorStatus status;

  g_return_val_if_fail (GLOSS_IS_DOCUMENT (document), GLOSS_ANCHOR_ORPHANED);

  /* For a single annotation an index would cost more than it saves. */
  anchorer_init (&anchorer, document, FALSE);
  query_init (&query, &anchorer, exact, prefix, suffix, old_start, old_end, old_start);

  status = place (&anchorer, &query, &best);

  if (new_start != NULL)
    *new_start = best.found ? best.start : old_start;
  if (new_end != NULL)
    *new_end = best.found ? best.end : old_end;

  anchorer_clear (&anchorer);

  return status;
}

/* Updates @annotation to its new place and refreshes its context from the
 * new text. Notifications are held back until all fields are consistent,
 * so that a listener never sees new bounds with the old exact. */
static void
apply_placement (Anchorer          *self,
                 GlossAnnotation   *annotation,
                 const Query       *query,
                 GlossAnchorStatus  status,
                 const Candidate   *best)
{
  GlossDocument *document = self->document;
  guint context_start;
  guint context_end;

  g_object_freeze_notify (G_OBJECT (annotation));
  gloss_annotation_set_status (annotation, status);

  /* Orphans keep every stored value: they are all the user has left to
   * re-attach the annotation by hand. A kept span whose context fully
   * agrees has nothing to update. */
  if (status != GLOSS_ANCHOR_ORPHANED &&
      !(status == GLOSS_ANCHOR_KEPT && best->score == max_agreement (query)))
    {
      g_autofree char *prefix = NULL;
      g_autofree char *suffix = NULL;

      context_start = best->start > GLOSS_CONTEXT_LENGTH ? best->start - GLOSS_CONTEXT_LENGTH : 0;
      context_end = (guint)MIN ((guint64)best->end + GLOSS_CONTEXT_LENGTH, (guint64)self->length);
      prefix = gloss_document_dup_slice (document, context_start, best->start);
      suffix = gloss_document_dup_slice (document, best->end, context_end);

      gloss_annotation_set_bounds (annotation, best->start, best->end);
      if (status == GLOSS_ANCHOR_REPAIRED)
        {
          g_autofree char *exact = gloss_document_dup_slice (document, best->start, best->end);
          gloss_annotation_set_exact (annotation, exact);
        }
      gloss_annotation_set_prefix (annotation, prefix);
      gloss_annotation_set_suffix (annotation, suffix);
    }

  g_object_thaw_notify (G_OBJECT (annotation));
}

static void
report_add (GlossAnchorReport *report,
            GlossAnchorStatus  status)
{
  switch (status)
    {
    case GLOSS_ANCHOR_KEPT:
      report->kept++;
      break;

    case GLOSS_ANCHOR_MOVED:
      report->moved++;
      break;

    case GLOSS_ANCHOR_REPAIRED:
      report->repaired++;
      break;

    case GLOSS_ANCHOR_ORPHANED:
    default:
      report->orphaned++;
      break;
    }
}

typedef struct
{
  GlossAnnotation *annotation;
  guint            start;
  guint            end;
  guint            index;
} Entry;

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *x = a;
  const Entry *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

/* Annotations in their old document order, so that the shift observed on
 * one predicts where the next one went. */
static GArray *
entries_in_old_order (GPtrArray *annotations)
{
  GArray *entries = g_array_sized_new (FALSE, FALSE, sizeof (Entry), annotations->len);

  for (guint i = 0; i < annotations->len; i++)
    {
      Entry entry;

      entry.annotation = g_ptr_array_index (annotations, i);
      entry.start = gloss_annotation_get_start (entry.annotation);
      entry.end = gloss_annotation_get_end (entry.annotation);
      entry.index = i;
      g_array_append_val (entries, entry);
    }

  g_array_sort (entries, compare_entries);

  return entries;
}

/* The shift to expect for the next annotation. After a repair the text
 * before and after the span moved by different amounts: an annotation
 * starting past the repaired one's old end follows its end. */
static gint64
observed_shift (const Entry     *entry,
                const Candidate *placed,
                guint            next_start)
{
  if (next_start >= entry->end)
    return (gint64)placed->end - (gint64)entry->end;

  return (gint64)placed->start - (gint64)entry->start;
}

void
gloss_anchor_annotations (GlossDocument     *document,
                          GPtrArray         *annotations,
                          GlossAnchorReport *report)
{
  g_autoptr(GArray) entries = NULL;
  Anchorer anchorer;
  const Entry *last_placed = NULL;
  Candidate last_candidate = { 0 };

  g_return_if_fail (GLOSS_IS_DOCUMENT (document));
  g_return_if_fail (annotations != NULL);

  if (report != NULL)
    memset (report, 0, sizeof *report);

  entries = entries_in_old_order (annotations);
  anchorer_init (&anchorer, document, TRUE);

  for (guint i = 0; i < entries->len; i++)
    {
      const Entry *entry = &g_array_index (entries, Entry, i);
      GlossAnnotation *annotation = entry->annotation;
      gint64 shift = 0;
      gint64 expected;
      GlossAnchorStatus status;
      Candidate best;
      Query query;

      if (last_placed != NULL)
        shift = observed_shift (last_placed, &last_candidate, entry->start);
      expected = CLAMP ((gint64)entry->start + shift, 0, (gint64)anchorer.length);

      query_init (&query, &anchorer,
                  gloss_annotation_get_exact (annotation),
                  gloss_annotation_get_prefix (annotation),
                  gloss_annotation_get_suffix (annotation),
                  entry->start, entry->end, (guint)expected);

      status = place (&anchorer, &query, &best);
      apply_placement (&anchorer, annotation, &query, status, &best);

      if (report != NULL)
        report_add (report, status);

      if (status != GLOSS_ANCHOR_ORPHANED)
        {
          last_placed = entry;
          last_candidate = best;
        }
    }

  anchorer_clear (&anchorer);
}
