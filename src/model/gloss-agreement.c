/* gloss-agreement.c — how far annotators agree, over spans and over tokens
 *
 * What is kept, per pair of annotators (a < b):
 *  - for each label and match kind, how many spans each has and how many
 *    were matched (the span scores);
 *  - the confusion matrix of the categories they gave the items (token,
 *    kind), O included.
 * Every token figure follows from those matrices: Cohen's kappa directly;
 * Fleiss' kappa and Krippendorff's alpha because, with every annotator
 * rating every item, Σ_items Σ_c n_ic² = N·n + 2·Σ_pairs (items the pair
 * agrees on), and the category totals are the matrices' margins; and a
 * label's two-category figures, and a kind's figures, because an item of
 * another kind can never be given that label (only O/O mixes kinds, and
 * it is what is left once the rest is counted). docs/agreement.md derives
 * and checks them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "gloss-agreement.h"
#include "gloss-tokens.h"

#define N_KINDS 3

typedef struct
{
  guint64 n_reference;
  guint64 n_candidate;
  guint64 n_matched;
} SpanCounts;

typedef struct
{
  char          *id;
  GlossLabelKind kind;
  /* [match][pair] */
  SpanCounts    *spans[GLOSS_N_MATCH];
} LabelInfo;

struct _GlossAgreement
{
  guint       n_annotators;
  char      **ids;
  guint       n_pairs;

  GPtrArray  *labels;          /* LabelInfo*, in the order first seen */
  GHashTable *label_index;     /* id → index + 1 */
  GPtrArray  *label_order;     /* of the last label set given: ids */

  /* Categories: 0 is O, label i is i + 1. One matrix per pair, of
   * matrix_size² counts, grown as labels come. */
  guint       matrix_size;
  guint64   **matrices;

  guint       n_articles;
  guint64     n_tokens;

  /* get_labels(): display order, rebuilt when labels change. */
  char      **display_ids;
  guint      *display_to_label;
};

static guint
pair_index (const GlossAgreement *self,
            guint                 a,
            guint                 b)
{
  /* Pairs (0,1), (0,2), …, (0,n-1), (1,2), … */
  g_assert (a < b && b < self->n_annotators);
  return a * self->n_annotators - a * (a + 1) / 2 + (b - a - 1);
}

static void
label_info_free (gpointer data)
{
  LabelInfo *info = data;

  g_free (info->id);
  for (guint m = 0; m < GLOSS_N_MATCH; m++)
    g_free (info->spans[m]);
  g_free (info);
}

GlossAgreement *
gloss_agreement_new (const char * const *ids)
{
  GlossAgreement *self;
  guint n;

  g_return_val_if_fail (ids != NULL, NULL);

  n = g_strv_length ((char **)ids);
  g_return_val_if_fail (n >= 2, NULL);

  self = g_new0 (GlossAgreement, 1);
  self->n_annotators = n;
  self->ids = g_strdupv ((char **)ids);
  self->n_pairs = n * (n - 1) / 2;
  self->labels = g_ptr_array_new_with_free_func (label_info_free);
  self->label_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->label_order = g_ptr_array_new_with_free_func (g_free);
  self->matrix_size = 1;
  self->matrices = g_new0 (guint64 *, self->n_pairs);
  for (guint p = 0; p < self->n_pairs; p++)
    self->matrices[p] = g_new0 (guint64, 1);

  return self;
}

void
gloss_agreement_free (GlossAgreement *self)
{
  if (self == NULL)
    return;

  for (guint p = 0; p < self->n_pairs; p++)
    g_free (self->matrices[p]);
  g_free (self->matrices);
  g_hash_table_unref (self->label_index);
  g_ptr_array_unref (self->labels);
  g_ptr_array_unref (self->label_order);
  g_strfreev (self->ids);
  g_free (self->display_ids);
  g_free (self->display_to_label);
  g_free (self);
}

/* ------------------------------------------------------------------ */
/* Labels and categories                                                */
/* ------------------------------------------------------------------ */

static void
forget_display_order (GlossAgreement *self)
{
  g_clear_pointer (&self->display_ids, g_free);
  g_clear_pointer (&self->display_to_label, g_free);
}

static void
grow_matrices (GlossAgreement *self,
               guint           size)
{
  guint old = self->matrix_size;

  if (size <= old)
    return;

  for (guint p = 0; p < self->n_pairs; p++)
    {
      guint64 *grown = g_new0 (guint64, (gsize)size * size);

      for (guint r = 0; r < old; r++)
        memcpy (grown + (gsize)r * size, self->matrices[p] + (gsize)r * old, old * sizeof (guint64));
      g_free (self->matrices[p]);
      self->matrices[p] = grown;
    }
  self->matrix_size = size;
}

/* The index of @id, added (with @kind) if new. */
static guint
intern_label (GlossAgreement *self,
              const char     *id,
              GlossLabelKind  kind)
{
  gpointer found = g_hash_table_lookup (self->label_index, id);
  LabelInfo *info;

  if (found != NULL)
    return GPOINTER_TO_UINT (found) - 1;

  info = g_new0 (LabelInfo, 1);
  info->id = g_strdup (id);
  info->kind = kind;
  for (guint m = 0; m < GLOSS_N_MATCH; m++)
    info->spans[m] = g_new0 (SpanCounts, self->n_pairs);

  g_ptr_array_add (self->labels, info);
  g_hash_table_insert (self->label_index, info->id, GUINT_TO_POINTER (self->labels->len));
  grow_matrices (self, self->labels->len + 1);
  forget_display_order (self);

  return self->labels->len - 1;
}

static guint
kind_column (GlossLabelKind kind)
{
  switch (kind)
    {
    case GLOSS_LABEL_KIND_CLAIM:
      return 2;
    case GLOSS_LABEL_KIND_QUOTE:
      return 1;
    case GLOSS_LABEL_KIND_ENTITY:
    default:
      return 0;
    }
}

static void
remember_label_order (GlossAgreement *self,
                      GlossLabelSet  *labels)
{
  GListModel *model = G_LIST_MODEL (labels);
  guint n = g_list_model_get_n_items (model);

  g_ptr_array_set_size (self->label_order, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossLabel) label = g_list_model_get_item (model, i);

      g_ptr_array_add (self->label_order, g_strdup (gloss_label_get_id (label)));
    }
  forget_display_order (self);
}

/* ------------------------------------------------------------------ */
/* Spans                                                                */
/* ------------------------------------------------------------------ */

typedef struct
{
  guint start;
  guint end;
  guint label;
  guint index;    /* in the annotator's array: document order */
} Span;

static int
compare_spans_by_label_start (gconstpointer a,
                              gconstpointer b)
{
  const Span *sa = a;
  const Span *sb = b;

  if (sa->label != sb->label)
    return sa->label < sb->label ? -1 : 1;
  if (sa->start != sb->start)
    return sa->start < sb->start ? -1 : 1;
  if (sa->end != sb->end)
    return sa->end < sb->end ? -1 : 1;
  return sa->index < sb->index ? -1 : (sa->index > sb->index ? 1 : 0);
}

static int
compare_spans_by_position (gconstpointer a,
                           gconstpointer b)
{
  const Span *sa = a;
  const Span *sb = b;

  return sa->index < sb->index ? -1 : (sa->index > sb->index ? 1 : 0);
}

typedef struct
{
  guint shared;
  guint a_start;
  guint b_start;
  guint a;        /* indices into the label's runs */
  guint b;
} Candidate;

static int
compare_candidates (gconstpointer x,
                    gconstpointer y)
{
  const Candidate *cx = x;
  const Candidate *cy = y;

  if (cx->shared != cy->shared)
    return cx->shared > cy->shared ? -1 : 1;
  if (cx->a_start != cy->a_start)
    return cx->a_start < cy->a_start ? -1 : 1;
  if (cx->b_start != cy->b_start)
    return cx->b_start < cy->b_start ? -1 : 1;
  if (cx->a != cy->a)
    return cx->a < cy->a ? -1 : 1;
  return cx->b < cy->b ? -1 : (cx->b > cy->b ? 1 : 0);
}

/* Spans of one label of a and of b, each sorted by start: how many match
 * exactly, and how many one to one by overlap. */
static void
match_label (const Span *a,
             guint       n_a,
             const Span *b,
             guint       n_b,
             guint      *n_exact,
             guint      *n_overlap)
{
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autofree gboolean *a_used = NULL;
  g_autofree gboolean *b_used = NULL;
  guint longest_a = 0;
  guint i, j;

  *n_exact = 0;
  *n_overlap = 0;
  if (n_a == 0 || n_b == 0)
    return;

  /* Exact: both sorted by (start, end), a merge walk. */
  i = j = 0;
  while (i < n_a && j < n_b)
    {
      if (a[i].start == b[j].start && a[i].end == b[j].end)
        {
          (*n_exact)++;
          i++;
          j++;
        }
      else if (a[i].start < b[j].start || (a[i].start == b[j].start && a[i].end < b[j].end))
        i++;
      else
        j++;
    }

  /* Overlap: every pair sharing a code point, then a greedy one-to-one
   * matching, most shared first. a's spans that can reach b[j] start no
   * earlier than b[j].start - longest_a. */
  for (i = 0; i < n_a; i++)
    longest_a = MAX (longest_a, a[i].end - a[i].start);

  for (j = 0; j < n_b; j++)
    {
      guint from = b[j].start > longest_a ? b[j].start - longest_a : 0;
      guint lo = 0, hi = n_a;

      while (lo < hi)
        {
          guint mid = lo + (hi - lo) / 2;

          if (a[mid].start < from)
            lo = mid + 1;
          else
            hi = mid;
        }

      for (i = lo; i < n_a && a[i].start < b[j].end; i++)
        {
          guint shared_start = MAX (a[i].start, b[j].start);
          guint shared_end = MIN (a[i].end, b[j].end);

          if (shared_start < shared_end)
            {
              Candidate candidate = { shared_end - shared_start, a[i].start, b[j].start, i, j };

              g_array_append_val (candidates, candidate);
            }
        }
    }

  g_array_sort (candidates, compare_candidates);
  a_used = g_new0 (gboolean, n_a);
  b_used = g_new0 (gboolean, n_b);
  for (guint c = 0; c < candidates->len; c++)
    {
      const Candidate *candidate = &g_array_index (candidates, Candidate, c);

      if (a_used[candidate->a] || b_used[candidate->b])
        continue;
      a_used[candidate->a] = TRUE;
      b_used[candidate->b] = TRUE;
      (*n_overlap)++;
    }
}

/* The range of @spans (sorted by label) holding @label, from *@cursor. */
static guint
label_run (const GArray *spans,
           guint         label,
           guint        *cursor)
{
  guint first;

  while (*cursor < spans->len && g_array_index (spans, Span, *cursor).label < label)
    (*cursor)++;
  first = *cursor;
  while (*cursor < spans->len && g_array_index (spans, Span, *cursor).label == label)
    (*cursor)++;

  return first;
}

static void
count_pair_spans (GlossAgreement *self,
                  guint           pair,
                  const GArray   *a,
                  const GArray   *b)
{
  guint cursor_a = 0, cursor_b = 0;

  for (guint label = 0; label < self->labels->len; label++)
    {
      LabelInfo *info = g_ptr_array_index (self->labels, label);
      guint first_a = label_run (a, label, &cursor_a);
      guint first_b = label_run (b, label, &cursor_b);
      guint n_a = cursor_a - first_a;
      guint n_b = cursor_b - first_b;
      guint n_exact, n_overlap;

      if (n_a == 0 && n_b == 0)
        continue;

      match_label (n_a > 0 ? &g_array_index (a, Span, first_a) : NULL, n_a,
                   n_b > 0 ? &g_array_index (b, Span, first_b) : NULL, n_b,
                   &n_exact, &n_overlap);

      info->spans[GLOSS_MATCH_EXACT][pair].n_reference += n_a;
      info->spans[GLOSS_MATCH_EXACT][pair].n_candidate += n_b;
      info->spans[GLOSS_MATCH_EXACT][pair].n_matched += n_exact;
      info->spans[GLOSS_MATCH_OVERLAP][pair].n_reference += n_a;
      info->spans[GLOSS_MATCH_OVERLAP][pair].n_candidate += n_b;
      info->spans[GLOSS_MATCH_OVERLAP][pair].n_matched += n_overlap;
    }
}

/* ------------------------------------------------------------------ */
/* Tokens                                                               */
/* ------------------------------------------------------------------ */

/* Fills @categories (N_KINDS × n_tokens, kind-major) with the category one
 * annotator gave each item: 0 for O, label + 1. */
static void
categorize_tokens (GlossAgreement *self,
                   GArray         *tokens,
                   const GArray   *spans,
                   guint16        *categories)
{
  g_autoptr(GArray) placements = g_array_new (FALSE, FALSE, sizeof (GlossTokenSpan));
  g_autoptr(GArray) by_position = g_array_copy ((GArray *)spans);
  guint n_tokens = tokens->len;

  memset (categories, 0, sizeof (guint16) * N_KINDS * n_tokens);

  /* In the annotator's order, as the CoNLL writer numbers spans: ties of
   * length and start go to the earlier one there. */
  g_array_sort (by_position, compare_spans_by_position);
  for (guint i = 0; i < by_position->len; i++)
    {
      const Span *span = &g_array_index (by_position, Span, i);
      GlossTokenSpan placement = gloss_token_span_init (tokens, i, span->start, span->end);

      if (placement.first_token < placement.end_token)
        g_array_append_val (placements, placement);
    }

  g_array_sort (placements, gloss_token_span_compare);

  for (guint i = 0; i < placements->len; i++)
    {
      const GlossTokenSpan *placement = &g_array_index (placements, GlossTokenSpan, i);
      guint label = g_array_index (by_position, Span, placement->span).label;
      LabelInfo *info = g_ptr_array_index (self->labels, label);
      guint16 *column = categories + (gsize)kind_column (info->kind) * n_tokens;
      gboolean taken = FALSE;

      for (guint t = placement->first_token; t < placement->end_token && !taken; t++)
        taken = column[t] != 0;

      if (taken)
        continue;

      for (guint t = placement->first_token; t < placement->end_token; t++)
        column[t] = (guint16)(label + 1);
    }
}

static GArray *
collect_spans (GlossAgreement *self,
               GlossLabelSet  *labels,
               GPtrArray      *annotations)
{
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (Span));

  for (guint i = 0; annotations != NULL && i < annotations->len; i++)
    {
      GlossAnnotation *annotation = g_ptr_array_index (annotations, i);
      const char *id = gloss_annotation_get_label (annotation);
      Span span;

      if (gloss_annotation_is_orphaned (annotation))
        continue;

      span.start = gloss_annotation_get_start (annotation);
      span.end = gloss_annotation_get_end (annotation);
      span.label = intern_label (self, id, gloss_label_set_kind_of (labels, id));
      span.index = i;
      if (span.start < span.end)
        g_array_append_val (spans, span);
    }

  g_array_sort (spans, compare_spans_by_label_start);
  return spans;
}

void
gloss_agreement_add_article (GlossAgreement    *self,
                             GlossDocument     *document,
                             GlossLabelSet     *labels,
                             GPtrArray * const *annotations)
{
  g_autoptr(GArray) tokens = NULL;
  g_autoptr(GPtrArray) spans = g_ptr_array_new_with_free_func ((GDestroyNotify)g_array_unref);
  g_autofree guint16 *categories = NULL;
  gsize n_items;

  g_return_if_fail (self != NULL);
  g_return_if_fail (GLOSS_IS_DOCUMENT (document));
  g_return_if_fail (annotations != NULL);

  if (labels != NULL)
    remember_label_order (self, labels);

  for (guint a = 0; a < self->n_annotators; a++)
    g_ptr_array_add (spans, collect_spans (self, labels, annotations[a]));

  for (guint a = 0; a < self->n_annotators; a++)
    for (guint b = a + 1; b < self->n_annotators; b++)
      count_pair_spans (self, pair_index (self, a, b),
                        g_ptr_array_index (spans, a), g_ptr_array_index (spans, b));

  tokens = gloss_tokens_new (document);
  n_items = (gsize)N_KINDS * tokens->len;
  self->n_articles++;

  /* No token (an empty or blank article): spans only. */
  if (n_items == 0)
    return;

  categories = g_new (guint16, n_items * self->n_annotators);
  for (guint a = 0; a < self->n_annotators; a++)
    categorize_tokens (self, tokens, g_ptr_array_index (spans, a), categories + n_items * a);

  for (guint a = 0; a < self->n_annotators; a++)
    for (guint b = a + 1; b < self->n_annotators; b++)
      {
        guint64 *matrix = self->matrices[pair_index (self, a, b)];
        const guint16 *ca = categories + n_items * a;
        const guint16 *cb = categories + n_items * b;
        guint size = self->matrix_size;

        for (gsize i = 0; i < n_items; i++)
          matrix[(gsize)ca[i] * size + cb[i]]++;
      }

  self->n_tokens += tokens->len;
}

void
gloss_agreement_add (GlossAgreement       *self,
                     const GlossAgreement *other)
{
  g_autofree guint *map = NULL;

  g_return_if_fail (self != NULL && other != NULL);
  g_return_if_fail (self->n_annotators == other->n_annotators);

  /* Other's label i is our map[i]; category 0 (O) stays 0. */
  map = g_new (guint, other->labels->len + 1);
  map[0] = 0;
  for (guint i = 0; i < other->labels->len; i++)
    {
      const LabelInfo *theirs = g_ptr_array_index (other->labels, i);
      guint ours = intern_label (self, theirs->id, theirs->kind);
      LabelInfo *info = g_ptr_array_index (self->labels, ours);

      map[i + 1] = ours + 1;
      for (guint m = 0; m < GLOSS_N_MATCH; m++)
        for (guint p = 0; p < self->n_pairs; p++)
          {
            info->spans[m][p].n_reference += theirs->spans[m][p].n_reference;
            info->spans[m][p].n_candidate += theirs->spans[m][p].n_candidate;
            info->spans[m][p].n_matched += theirs->spans[m][p].n_matched;
          }
    }

  for (guint p = 0; p < self->n_pairs; p++)
    for (guint r = 0; r < other->matrix_size; r++)
      for (guint c = 0; c < other->matrix_size; c++)
        self->matrices[p][(gsize)map[r] * self->matrix_size + map[c]]
          += other->matrices[p][(gsize)r * other->matrix_size + c];

  if (other->label_order->len > 0)
    {
      g_ptr_array_set_size (self->label_order, 0);
      for (guint i = 0; i < other->label_order->len; i++)
        g_ptr_array_add (self->label_order, g_strdup (g_ptr_array_index (other->label_order, i)));
      forget_display_order (self);
    }

  self->n_tokens += other->n_tokens;
  self->n_articles += other->n_articles;
}

/* ------------------------------------------------------------------ */
/* Accessors                                                            */
/* ------------------------------------------------------------------ */

guint
gloss_agreement_get_n_annotators (const GlossAgreement *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_annotators;
}

const char *
gloss_agreement_get_annotator (const GlossAgreement *self,
                               guint                 index)
{
  g_return_val_if_fail (self != NULL && index < self->n_annotators, NULL);
  return self->ids[index];
}

guint
gloss_agreement_get_n_articles (const GlossAgreement *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_articles;
}

guint64
gloss_agreement_get_n_items (const GlossAgreement *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_tokens * N_KINDS;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

static void
build_display_order (GlossAgreement *self)
{
  g_autoptr(GPtrArray) others = g_ptr_array_new ();
  guint n = 0;

  if (self->display_ids != NULL)
    return;

  self->display_ids = g_new0 (char *, self->labels->len + 1);
  self->display_to_label = g_new0 (guint, self->labels->len + 1);

  for (guint i = 0; i < self->label_order->len; i++)
    {
      gpointer found = g_hash_table_lookup (self->label_index, g_ptr_array_index (self->label_order, i));

      if (found != NULL)
        {
          guint label = GPOINTER_TO_UINT (found) - 1;
          LabelInfo *info = g_ptr_array_index (self->labels, label);

          self->display_ids[n] = info->id;
          self->display_to_label[n++] = label;
        }
    }

  for (guint i = 0; i < self->labels->len; i++)
    {
      LabelInfo *info = g_ptr_array_index (self->labels, i);
      gboolean listed = FALSE;

      for (guint j = 0; j < self->label_order->len && !listed; j++)
        listed = g_str_equal (g_ptr_array_index (self->label_order, j), info->id);
      if (!listed)
        g_ptr_array_add (others, info->id);
    }
  g_ptr_array_sort (others, compare_ids);
  for (guint i = 0; i < others->len; i++)
    {
      gpointer found = g_hash_table_lookup (self->label_index, g_ptr_array_index (others, i));

      self->display_ids[n] = g_ptr_array_index (others, i);
      self->display_to_label[n++] = GPOINTER_TO_UINT (found) - 1;
    }
}

const char * const *
gloss_agreement_get_labels (const GlossAgreement *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  build_display_order ((GlossAgreement *)self);
  return (const char * const *)self->display_ids;
}

/* The pairs @a, @b stand for: one, or every pair for ALL. FALSE if
 * invalid. */
static gboolean
check_pair (const GlossAgreement *self,
            int                   a,
            int                   b)
{
  if (a == GLOSS_ALL_ANNOTATORS && b == GLOSS_ALL_ANNOTATORS)
    return TRUE;

  return a >= 0 && b >= 0 && a != b
         && (guint)a < self->n_annotators && (guint)b < self->n_annotators;
}

/* Index of @label, or -1 if unknown. */
static int
find_label (const GlossAgreement *self,
            const char           *label)
{
  gpointer found = g_hash_table_lookup (self->label_index, label);

  return found != NULL ? (int)GPOINTER_TO_UINT (found) - 1 : -1;
}

/* ------------------------------------------------------------------ */
/* Span scores                                                          */
/* ------------------------------------------------------------------ */

static void
add_span_counts (const GlossAgreement *self,
                 const LabelInfo      *info,
                 GlossMatch            match,
                 int                   a,
                 int                   b,
                 SpanCounts           *sum)
{
  if (a == GLOSS_ALL_ANNOTATORS)
    {
      for (guint p = 0; p < self->n_pairs; p++)
        {
          sum->n_reference += info->spans[match][p].n_reference;
          sum->n_candidate += info->spans[match][p].n_candidate;
          sum->n_matched += info->spans[match][p].n_matched;
        }
    }
  else if (a < b)
    {
      const SpanCounts *counts = &info->spans[match][pair_index (self, (guint)a, (guint)b)];

      sum->n_reference += counts->n_reference;
      sum->n_candidate += counts->n_candidate;
      sum->n_matched += counts->n_matched;
    }
  else
    {
      /* The pair is stored the other way round. */
      const SpanCounts *counts = &info->spans[match][pair_index (self, (guint)b, (guint)a)];

      sum->n_reference += counts->n_candidate;
      sum->n_candidate += counts->n_reference;
      sum->n_matched += counts->n_matched;
    }
}

static GlossSpanScore
score_of (const SpanCounts *counts)
{
  GlossSpanScore score = {
    .n_reference = (guint)counts->n_reference,
    .n_candidate = (guint)counts->n_candidate,
    .n_matched = (guint)counts->n_matched,
    .precision = NAN,
    .recall = NAN,
    .f1 = NAN,
  };

  if (counts->n_candidate > 0)
    score.precision = (double)counts->n_matched / counts->n_candidate;
  if (counts->n_reference > 0)
    score.recall = (double)counts->n_matched / counts->n_reference;
  if (counts->n_reference + counts->n_candidate > 0)
    score.f1 = 2.0 * counts->n_matched / (counts->n_reference + counts->n_candidate);

  return score;
}

GlossSpanScore
gloss_agreement_get_span_score (const GlossAgreement *self,
                                GlossMatch            match,
                                int                   a,
                                int                   b,
                                const char           *label)
{
  SpanCounts sum = { 0, };

  g_return_val_if_fail (self != NULL, score_of (&sum));
  g_return_val_if_fail ((guint)match < GLOSS_N_MATCH, score_of (&sum));
  g_return_val_if_fail (check_pair (self, a, b), score_of (&sum));

  if (label != NULL)
    {
      int index = find_label (self, label);

      if (index >= 0)
        add_span_counts (self, g_ptr_array_index (self->labels, index), match, a, b, &sum);
    }
  else
    {
      for (guint i = 0; i < self->labels->len; i++)
        add_span_counts (self, g_ptr_array_index (self->labels, i), match, a, b, &sum);
    }

  return score_of (&sum);
}

double
gloss_agreement_get_macro_f1 (const GlossAgreement *self,
                              GlossMatch            match,
                              int                   a,
                              int                   b)
{
  double total = 0;
  guint n = 0;

  g_return_val_if_fail (self != NULL, NAN);
  g_return_val_if_fail (check_pair (self, a, b), NAN);

  for (guint i = 0; i < self->labels->len; i++)
    {
      SpanCounts sum = { 0, };
      GlossSpanScore score;

      add_span_counts (self, g_ptr_array_index (self->labels, i), match, a, b, &sum);
      score = score_of (&sum);
      if (!isnan (score.f1))
        {
          total += score.f1;
          n++;
        }
    }

  return n > 0 ? total / n : NAN;
}

/* ------------------------------------------------------------------ */
/* Token figures                                                        */
/* ------------------------------------------------------------------ */

/* A pair's agreement table for one scope, reduced to what every figure
 * needs: items, items agreed on, and each rater's category totals. */
typedef struct
{
  double  n_items;
  double  agreed;
  double *totals_a;     /* per category of the scope */
  double *totals_b;
  guint   n_categories;
} PairTable;

static void
pair_table_clear (PairTable *table)
{
  g_free (table->totals_a);
  g_free (table->totals_b);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PairTable, pair_table_clear)

/* What a token figure is over: every item (both fields < 0); one label's
 * kind in two categories (@label ≥ 0); or one kind's items in that kind's
 * own categories (@kind ≥ 0, a GlossLabelKind). */
typedef struct
{
  int label;
  int kind;
} Scope;

#define SCOPE_OVERALL ((Scope){ -1, -1 })

/* The categories of @kind's items: O (0), then each label of the kind
 * (label index + 1), in the order labels were first seen. */
static guint *
kind_categories (const GlossAgreement *self,
                 int                   kind,
                 guint                *n_categories)
{
  guint *categories = g_new (guint, self->labels->len + 1);
  guint n = 0;

  categories[n++] = 0;
  for (guint i = 0; i < self->labels->len; i++)
    {
      const LabelInfo *info = g_ptr_array_index (self->labels, i);

      if (kind_column (info->kind) == kind_column ((GlossLabelKind)kind))
        categories[n++] = i + 1;
    }

  *n_categories = n;
  return categories;
}

/* One kind's items, one per token. A label of the kind is only ever found
 * on items of the kind, so its rows and columns are counted as they are;
 * O against O is what is left of the n_tokens items, since the stored O/O
 * cell also holds the other kinds' unmarked items. */
static void
pair_table_init_kind (const GlossAgreement *self,
                      const guint64        *matrix,
                      int                   kind,
                      PairTable            *table)
{
  guint size = self->matrix_size;
  g_autofree guint *categories = NULL;
  double marked_a = 0, marked_b = 0, both_marked = 0;
  guint n;

  categories = kind_categories (self, kind, &n);
  table->n_categories = n;
  table->totals_a = g_new0 (double, n);
  table->totals_b = g_new0 (double, n);
  table->n_items = (double)self->n_tokens;
  table->agreed = 0;

  for (guint i = 1; i < n; i++)
    {
      guint r = categories[i];

      for (guint k = 0; k < size; k++)
        {
          table->totals_a[i] += (double)matrix[(gsize)r * size + k];
          table->totals_b[i] += (double)matrix[(gsize)k * size + r];
        }
      for (guint j = 1; j < n; j++)
        {
          double count = (double)matrix[(gsize)r * size + categories[j]];

          both_marked += count;
          if (i == j)
            table->agreed += count;
        }
      marked_a += table->totals_a[i];
      marked_b += table->totals_b[i];
    }

  table->totals_a[0] = table->n_items - marked_a;
  table->totals_b[0] = table->n_items - marked_b;
  /* Neither marked the item. */
  table->agreed += table->n_items - marked_a - marked_b + both_marked;
}

/* The table of the stored pair @p over @scope: overall, every category,
 * every item; for a label, the items of its kind, in two categories (0:
 * anything else, 1: the label); for a kind, see pair_table_init_kind(). */
static void
pair_table_init (const GlossAgreement *self,
                 guint                 p,
                 const Scope          *scope,
                 PairTable            *table)
{
  const guint64 *matrix = self->matrices[p];
  guint size = self->matrix_size;
  int label = scope->label;

  if (scope->kind >= 0)
    pair_table_init_kind (self, matrix, scope->kind, table);
  else if (label < 0)
    {
      table->n_categories = size;
      table->totals_a = g_new0 (double, size);
      table->totals_b = g_new0 (double, size);
      table->n_items = (double)self->n_tokens * N_KINDS;
      table->agreed = 0;
      for (guint r = 0; r < size; r++)
        for (guint c = 0; c < size; c++)
          {
            double count = (double)matrix[(gsize)r * size + c];

            table->totals_a[r] += count;
            table->totals_b[c] += count;
            if (r == c)
              table->agreed += count;
          }
    }
  else
    {
      guint l = (guint)label + 1;
      double both = (double)matrix[(gsize)l * size + l];
      double row = 0, column = 0;

      for (guint k = 0; k < size; k++)
        {
          row += (double)matrix[(gsize)l * size + k];
          column += (double)matrix[(gsize)k * size + l];
        }

      table->n_categories = 2;
      table->totals_a = g_new0 (double, 2);
      table->totals_b = g_new0 (double, 2);
      /* Only the items of the label's kind can hold it: one per token. */
      table->n_items = (double)self->n_tokens;
      table->totals_a[1] = row;
      table->totals_b[1] = column;
      table->totals_a[0] = table->n_items - row;
      table->totals_b[0] = table->n_items - column;
      /* Both the label, or neither. */
      table->agreed = both + (table->n_items - row - column + both);
    }
}

/* The table for @a against @b (either way round). */
static void
pair_table_for (const GlossAgreement *self,
                guint                 a,
                guint                 b,
                const Scope          *scope,
                PairTable            *table)
{
  if (a < b)
    pair_table_init (self, pair_index (self, a, b), scope, table);
  else
    {
      double *swap;

      pair_table_init (self, pair_index (self, b, a), scope, table);
      swap = table->totals_a;
      table->totals_a = table->totals_b;
      table->totals_b = swap;
    }
}

/* The scope of @label, or overall for NULL; FALSE for a label never
 * seen. */
static gboolean
scope_of (const GlossAgreement *self,
          const char           *label,
          Scope                *scope)
{
  *scope = SCOPE_OVERALL;
  if (label == NULL)
    return TRUE;

  scope->label = find_label (self, label);
  return scope->label >= 0;
}

static Scope
scope_of_kind (GlossLabelKind kind)
{
  return (Scope){ -1, (int)kind };
}

/* Mean agreement over pairs, and category totals over all raters. */
static void
all_pairs (const GlossAgreement *self,
           const Scope          *scope,
           double               *n_items,
           double               *agreed,
           double              **totals,
           guint                *n_categories)
{
  *agreed = 0;
  *totals = NULL;
  *n_items = 0;
  *n_categories = 0;

  for (guint a = 0; a < self->n_annotators; a++)
    for (guint b = a + 1; b < self->n_annotators; b++)
      {
        g_auto(PairTable) table = { 0, };

        pair_table_for (self, a, b, scope, &table);
        *agreed += table.agreed;
        *n_items = table.n_items;

        if (*totals == NULL)
          {
            *n_categories = table.n_categories;
            *totals = g_new0 (double, table.n_categories);
          }
        /* Each rater's totals once: a's from the pairs (a, a + 1) … and
         * the last rater's from the pair before it. */
        if (b == a + 1)
          for (guint c = 0; c < table.n_categories; c++)
            (*totals)[c] += table.totals_a[c];
        if (b == self->n_annotators - 1 && a == self->n_annotators - 2)
          for (guint c = 0; c < table.n_categories; c++)
            (*totals)[c] += table.totals_b[c];
      }
}

/* The figures over @scope; the public functions below pick the scope. A
 * label never seen leaves @scope NULL: everyone said "not it" everywhere. */
static double
observed_in (const GlossAgreement *self,
             int                   a,
             int                   b,
             const Scope          *scope)
{
  if (scope == NULL)
    return self->n_tokens > 0 ? 1.0 : NAN;

  if (a == GLOSS_ALL_ANNOTATORS)
    {
      g_autofree double *totals = NULL;
      double n_items, agreed;
      guint n_categories;

      all_pairs (self, scope, &n_items, &agreed, &totals, &n_categories);
      return n_items > 0 ? agreed / (n_items * self->n_pairs) : NAN;
    }
  else
    {
      g_auto(PairTable) table = { 0, };

      pair_table_for (self, (guint)a, (guint)b, scope, &table);
      return table.n_items > 0 ? table.agreed / table.n_items : NAN;
    }
}

static double
cohen_kappa_in (const GlossAgreement *self,
                int                   a,
                int                   b,
                const Scope          *scope)
{
  g_auto(PairTable) table = { 0, };
  double observed, chance = 0;

  if (scope == NULL)
    return NAN;

  pair_table_for (self, (guint)a, (guint)b, scope, &table);
  if (table.n_items == 0)
    return NAN;

  observed = table.agreed / table.n_items;
  for (guint c = 0; c < table.n_categories; c++)
    chance += (table.totals_a[c] / table.n_items) * (table.totals_b[c] / table.n_items);

  if (chance >= 1.0)
    return NAN;

  return (observed - chance) / (1.0 - chance);
}

static double
fleiss_kappa_in (const GlossAgreement *self,
                 const Scope          *scope)
{
  g_autofree double *totals = NULL;
  double n_items, agreed, mean, chance = 0;
  double n = self->n_annotators;
  guint n_categories;

  if (scope == NULL)
    return NAN;

  all_pairs (self, scope, &n_items, &agreed, &totals, &n_categories);
  if (n_items == 0)
    return NAN;

  /* P̄ = (Σ_i Σ_c n_ic² − N·n) / (N·n·(n − 1)), where Σ_c n_ic² = n + 2 ·
   * (pairs agreeing on item i): the mean share of agreeing pairs. */
  mean = agreed / (n_items * self->n_pairs);
  for (guint c = 0; c < n_categories; c++)
    {
      double p = totals[c] / (n_items * n);

      chance += p * p;
    }

  if (chance >= 1.0)
    return NAN;

  return (mean - chance) / (1.0 - chance);
}

static double
krippendorff_alpha_in (const GlossAgreement *self,
                       const Scope          *scope)
{
  g_autofree double *totals = NULL;
  double n_items, agreed, n_values, matching, expected_disagreement, observed_disagreement;
  double n = self->n_annotators;
  double same = 0;
  guint n_categories;

  if (scope == NULL)
    return NAN;

  all_pairs (self, scope, &n_items, &agreed, &totals, &n_categories);
  if (n_items == 0)
    return NAN;

  /* Every unit has all n values: n.. = N·n pairable values; the
   * coincidences on the diagonal sum to Σ_u Σ_c n_uc (n_uc − 1) / (n − 1)
   * = 2 · (agreeing pairs) / (n − 1). */
  n_values = n_items * n;
  matching = 2.0 * agreed / (n - 1);
  observed_disagreement = 1.0 - matching / n_values;

  for (guint c = 0; c < n_categories; c++)
    same += totals[c] * (totals[c] - 1);
  expected_disagreement = 1.0 - same / (n_values * (n_values - 1));

  if (expected_disagreement <= 0)
    return NAN;

  return 1.0 - observed_disagreement / expected_disagreement;
}

double
gloss_agreement_get_observed (const GlossAgreement *self,
                              int                   a,
                              int                   b,
                              const char           *label)
{
  Scope scope;

  g_return_val_if_fail (self != NULL, NAN);
  g_return_val_if_fail (check_pair (self, a, b), NAN);

  return observed_in (self, a, b, scope_of (self, label, &scope) ? &scope : NULL);
}

double
gloss_agreement_get_cohen_kappa (const GlossAgreement *self,
                                 int                   a,
                                 int                   b,
                                 const char           *label)
{
  Scope scope;

  g_return_val_if_fail (self != NULL, NAN);
  g_return_val_if_fail (a >= 0 && b >= 0 && check_pair (self, a, b), NAN);

  return cohen_kappa_in (self, a, b, scope_of (self, label, &scope) ? &scope : NULL);
}

double
gloss_agreement_get_fleiss_kappa (const GlossAgreement *self,
                                  const char           *label)
{
  Scope scope;

  g_return_val_if_fail (self != NULL, NAN);

  return fleiss_kappa_in (self, scope_of (self, label, &scope) ? &scope : NULL);
}

double
gloss_agreement_get_krippendorff_alpha (const GlossAgreement *self,
                                        const char           *label)
{
  Scope scope;

  g_return_val_if_fail (self != NULL, NAN);

  return krippendorff_alpha_in (self, scope_of (self, label, &scope) ? &scope : NULL);
}

/* Per kind ----------------------------------------------------------- */

static gboolean
kind_is_valid (GlossLabelKind kind)
{
  return gloss_label_kind_to_string (kind) != NULL;
}

gboolean
gloss_agreement_get_kind_used (const GlossAgreement *self,
                               GlossLabelKind        kind)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (kind_is_valid (kind), FALSE);

  for (guint i = 0; i < self->labels->len; i++)
    {
      const LabelInfo *info = g_ptr_array_index (self->labels, i);

      if (kind_column (info->kind) == kind_column (kind))
        return TRUE;
    }
  return FALSE;
}

double
gloss_agreement_get_kind_observed (const GlossAgreement *self,
                                   GlossLabelKind        kind,
                                   int                   a,
                                   int                   b)
{
  Scope scope = scope_of_kind (kind);

  g_return_val_if_fail (self != NULL, NAN);
  g_return_val_if_fail (kind_is_valid (kind), NAN);
  g_return_val_if_fail (check_pair (self, a, b), NAN);

  return observed_in (self, a, b, &scope);
}

double
gloss_agreement_get_kind_cohen_kappa (const GlossAgreement *self,
                                      GlossLabelKind        kind,
                                      int                   a,
                                      int                   b)
{
  Scope scope = scope_of_kind (kind);

  g_return_val_if_fail (self != NULL, NAN);
  g_return_val_if_fail (kind_is_valid (kind), NAN);
  g_return_val_if_fail (a >= 0 && b >= 0 && check_pair (self, a, b), NAN);

  return cohen_kappa_in (self, a, b, &scope);
}

double
gloss_agreement_get_kind_fleiss_kappa (const GlossAgreement *self,
                                       GlossLabelKind        kind)
{
  Scope scope = scope_of_kind (kind);

  g_return_val_if_fail (self != NULL, NAN);
  g_return_val_if_fail (kind_is_valid (kind), NAN);

  return fleiss_kappa_in (self, &scope);
}

double
gloss_agreement_get_kind_krippendorff_alpha (const GlossAgreement *self,
                                             GlossLabelKind        kind)
{
  Scope scope = scope_of_kind (kind);

  g_return_val_if_fail (self != NULL, NAN);
  g_return_val_if_fail (kind_is_valid (kind), NAN);

  return krippendorff_alpha_in (self, &scope);
}

guint64 *
gloss_agreement_dup_confusion (const GlossAgreement *self,
                               int                   a,
                               int                   b,
                               guint                *n_categories)
{
  guint n_labels;
  guint n;
  guint64 *out;
  g_autofree guint *category_of = NULL;  /* display position → stored category */

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (check_pair (self, a, b), NULL);

  build_display_order ((GlossAgreement *)self);
  n_labels = self->labels->len;
  n = n_labels + 1;
  category_of = g_new (guint, n);
  for (guint i = 0; i < n_labels; i++)
    category_of[i] = self->display_to_label[i] + 1;
  category_of[n_labels] = 0;

  out = g_new0 (guint64, (gsize)n * n);

  for (guint pa = 0; pa < self->n_annotators; pa++)
    for (guint pb = pa + 1; pb < self->n_annotators; pb++)
      {
        const guint64 *matrix = self->matrices[pair_index (self, pa, pb)];
        guint size = self->matrix_size;
        gboolean swapped = FALSE;

        if (a != GLOSS_ALL_ANNOTATORS)
          {
            if ((guint)a == pa && (guint)b == pb)
              swapped = FALSE;
            else if ((guint)a == pb && (guint)b == pa)
              swapped = TRUE;
            else
              continue;
          }

        for (guint r = 0; r < n; r++)
          for (guint c = 0; c < n; c++)
            {
              guint64 count = matrix[(gsize)category_of[r] * size + category_of[c]];

              if (a == GLOSS_ALL_ANNOTATORS)
                {
                  out[(gsize)r * n + c] += count;
                  out[(gsize)c * n + r] += count;
                }
              else if (swapped)
                out[(gsize)c * n + r] += count;
              else
                out[(gsize)r * n + c] += count;
            }
      }

  if (n_categories != NULL)
    *n_categories = n;

  return out;
}
