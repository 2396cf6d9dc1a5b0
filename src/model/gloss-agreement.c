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
#include "gloss-attribute.h"
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

  /* Attributes and article fields: key → Field (see below), and the
   * listed keys, sorted, rebuilt when a key comes. */
  GHashTable *attribute_fields;
  GHashTable *document_fields;
  char      **field_keys[2];
};

static void field_free (gpointer data);
static void count_span_attributes (GlossAgreement    *self,
                                   GPtrArray * const *annotations);
static void add_fields (GlossAgreement       *self,
                        const GlossAgreement *other,
                        GlossAgreementTarget  target);

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
  self->attribute_fields = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, field_free);
  self->document_fields = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, field_free);

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
  g_hash_table_unref (self->attribute_fields);
  g_hash_table_unref (self->document_fields);
  g_free (self->field_keys[0]);
  g_free (self->field_keys[1]);
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
  count_span_attributes (self, annotations);

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

  add_fields (self, other, GLOSS_AGREEMENT_ATTRIBUTES);
  add_fields (self, other, GLOSS_AGREEMENT_DOCUMENT_LABELS);

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

/* Cohen's kappa of one pair's table; NaN when undefined. */
static double
cohen_kappa_of (const PairTable *table)
{
  double observed, chance = 0;

  if (table->n_items == 0)
    return NAN;

  observed = table->agreed / table->n_items;
  for (guint c = 0; c < table->n_categories; c++)
    chance += (table->totals_a[c] / table->n_items) * (table->totals_b[c] / table->n_items);

  if (chance >= 1.0)
    return NAN;

  return (observed - chance) / (1.0 - chance);
}

static double
cohen_kappa_in (const GlossAgreement *self,
                int                   a,
                int                   b,
                const Scope          *scope)
{
  g_auto(PairTable) table = { 0, };

  if (scope == NULL)
    return NAN;

  pair_table_for (self, (guint)a, (guint)b, scope, &table);
  return cohen_kappa_of (&table);
}

/* Fleiss' kappa from @n_items items each rated by every annotator,
 * @agreed agreeing pairs summed over the items, and the category
 * @totals over every annotator. */
static double
fleiss_kappa_of (const GlossAgreement *self,
                 double                n_items,
                 double                agreed,
                 const double         *totals,
                 guint                 n_categories)
{
  double mean, chance = 0;
  double n = self->n_annotators;

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
fleiss_kappa_in (const GlossAgreement *self,
                 const Scope          *scope)
{
  g_autofree double *totals = NULL;
  double n_items, agreed;
  guint n_categories;

  if (scope == NULL)
    return NAN;

  all_pairs (self, scope, &n_items, &agreed, &totals, &n_categories);
  return fleiss_kappa_of (self, n_items, agreed, totals, n_categories);
}

/* Krippendorff's alpha (nominal, no value missing) from the same counts
 * as fleiss_kappa_of(). */
static double
krippendorff_alpha_of (const GlossAgreement *self,
                       double                n_items,
                       double                agreed,
                       const double         *totals,
                       guint                 n_categories)
{
  double n_values, matching, expected_disagreement, observed_disagreement;
  double n = self->n_annotators;
  double same = 0;

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

static double
krippendorff_alpha_in (const GlossAgreement *self,
                       const Scope          *scope)
{
  g_autofree double *totals = NULL;
  double n_items, agreed;
  guint n_categories;

  if (scope == NULL)
    return NAN;

  all_pairs (self, scope, &n_items, &agreed, &totals, &n_categories);
  return krippendorff_alpha_of (self, n_items, agreed, totals, n_categories);
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

/* ------------------------------------------------------------------ */
/* Attributes and article fields                                        */
/* ------------------------------------------------------------------ */

/* One attribute's (or article field's) counts. The items are the spans
 * that the annotators compared all marked with the same start, end and
 * label (for an article field, the articles), on which at least one of
 * them set the attribute; each annotator gives the item one category: the
 * value they set, or "not set". A multiple-choice attribute is counted one
 * value at a time, one against the rest ("topic=economy": whether the
 * value is among those given): such a value's Field keeps only the items
 * where someone gave it, and its parent (the attribute itself, which is
 * not listed) every item where someone set the attribute, so the items
 * where nobody gave the value are added, as "no" by everyone, when a
 * figure is asked (fill_field_table()). docs/agreement.md says why. */
typedef struct
{
  char       *key;            /* the attribute id, or "id=value" */
  gboolean    set_counter;    /* a multiple-choice attribute: items only */
  char       *parent;         /* for "id=value": "id" */
  GPtrArray  *categories;     /* char*: "" is "not set" */
  GHashTable *category_index; /* → index + 1 */
  guint       size;           /* the matrices' side */
  guint64   **pairs;          /* [pair] size² counts, row a's category */
  guint64    *pair_items;     /* [pair] */
  guint64     n_items;        /* items for every annotator */
  guint64     agreed;         /* Σ items, pairs giving the same category */
  guint64    *totals;         /* [category], over every annotator */
} Field;

#define NO_CATEGORY  "no"
#define YES_CATEGORY "yes"

static void
field_free (gpointer data)
{
  Field *field = data;

  g_free (field->key);
  g_free (field->parent);
  g_ptr_array_unref (field->categories);
  g_hash_table_unref (field->category_index);
  for (guint p = 0; field->pairs != NULL && field->pairs[p] != NULL; p++)
    g_free (field->pairs[p]);
  g_free (field->pairs);
  g_free (field->pair_items);
  g_free (field->totals);
  g_free (field);
}

static GHashTable *
fields_of (const GlossAgreement  *self,
           GlossAgreementTarget   target)
{
  return target == GLOSS_AGREEMENT_DOCUMENT_LABELS ? self->document_fields : self->attribute_fields;
}

static Field *
intern_field (GlossAgreement       *self,
              GlossAgreementTarget  target,
              const char           *key,
              const char           *parent,
              gboolean              set_counter)
{
  GHashTable *fields = fields_of (self, target);
  Field *field = g_hash_table_lookup (fields, key);

  if (field != NULL)
    return field;

  field = g_new0 (Field, 1);
  field->key = g_strdup (key);
  field->parent = g_strdup (parent);
  field->set_counter = set_counter;
  field->categories = g_ptr_array_new_with_free_func (g_free);
  field->category_index = g_hash_table_new (g_str_hash, g_str_equal);
  /* NULL-terminated, so that field_free() needs no pair count. */
  field->pairs = g_new0 (guint64 *, self->n_pairs + 1);
  for (guint p = 0; p < self->n_pairs; p++)
    field->pairs[p] = g_new0 (guint64, 1);
  field->pair_items = g_new0 (guint64, self->n_pairs);
  g_hash_table_insert (fields, field->key, field);
  g_clear_pointer (&self->field_keys[target], g_free);

  return field;
}

static guint
intern_category (Field      *field,
                 const char *category)
{
  gpointer found = g_hash_table_lookup (field->category_index, category);
  guint old = field->size;
  guint size;
  char *copy;

  if (found != NULL)
    return GPOINTER_TO_UINT (found) - 1;

  copy = g_strdup (category);
  g_ptr_array_add (field->categories, copy);
  g_hash_table_insert (field->category_index, copy, GUINT_TO_POINTER (field->categories->len));
  size = field->categories->len;

  for (guint p = 0; field->pairs[p] != NULL; p++)
    {
      guint64 *grown = g_new0 (guint64, (gsize)size * size);

      for (guint r = 0; r < old; r++)
        memcpy (grown + (gsize)r * size, field->pairs[p] + (gsize)r * old, old * sizeof (guint64));
      g_free (field->pairs[p]);
      field->pairs[p] = grown;
    }
  field->totals = g_renew (guint64, field->totals, size);
  field->totals[size - 1] = 0;
  field->size = size;

  return size - 1;
}

/* A one-value Field's categories: "no" is 0, "yes" is 1. */
static Field *
intern_value_field (GlossAgreement       *self,
                    GlossAgreementTarget  target,
                    const char           *id,
                    const char           *value)
{
  g_autofree char *key = g_strdup_printf ("%s=%s", id, value);
  Field *field = intern_field (self, target, key, id, FALSE);

  intern_category (field, NO_CATEGORY);
  intern_category (field, YES_CATEGORY);
  return field;
}

/* The category of a single value: its GVariant text, which keeps types
 * apart (the string 'true' is not the boolean true); "" for not set. */
static char *
category_of_value (GVariant *value)
{
  if (!gloss_attribute_value_is_set (value))
    return g_strdup ("");
  return g_variant_print (value, FALSE);
}

static gboolean
value_has (GVariant   *value,
           const char *choice)
{
  if (value == NULL)
    return FALSE;
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY))
    {
      g_autofree const char **strv = g_variant_get_strv (value, NULL);

      return g_strv_contains (strv, choice);
    }
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return g_str_equal (g_variant_get_string (value, NULL), choice);
  return FALSE;
}

/* Counts one item, given by the @n_raters annotators @raters (indices in
 * order; all of them, or a pair) each with @values[i] (nullable) for the
 * attribute @id. */
static void
count_field_item (GlossAgreement       *self,
                  GlossAgreementTarget  target,
                  const char           *id,
                  const guint          *raters,
                  guint                 n_raters,
                  GVariant * const     *values)
{
  gboolean all = n_raters == self->n_annotators;
  gboolean multiple = FALSE;
  gboolean any = FALSE;
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  g_autoptr(GPtrArray) choices = g_ptr_array_new ();

  for (guint i = 0; i < n_raters; i++)
    if (gloss_attribute_value_is_set (values[i]))
      {
        any = TRUE;
        if (g_variant_is_of_type (values[i], G_VARIANT_TYPE_STRING_ARRAY))
          multiple = TRUE;
      }
  if (!any)
    return;

  /* An attribute keeps the way it was first counted, should a sidecar
   * give it a value of another type than the rest (the label set
   * changed): a list is then one value's text, or a single text value
   * one value of the list. */
  {
    Field *known = g_hash_table_lookup (fields_of (self, target), id);

    if (known != NULL)
      multiple = known->set_counter;
  }

  if (!multiple)
    {
      Field *field = intern_field (self, target, id, NULL, FALSE);
      g_autofree guint *category = g_new (guint, n_raters);

      for (guint i = 0; i < n_raters; i++)
        {
          g_autofree char *text = category_of_value (values[i]);

          category[i] = intern_category (field, text);
        }
      g_ptr_array_add (fields, field);
      if (!all || self->n_annotators == 2)
        {
          guint p = pair_index (self, raters[0], raters[1]);

          field->pairs[p][(gsize)category[0] * field->size + category[1]]++;
          field->pair_items[p]++;
        }
      if (all)
        {
          field->n_items++;
          for (guint i = 0; i < n_raters; i++)
            {
              field->totals[category[i]]++;
              for (guint j = i + 1; j < n_raters; j++)
                field->agreed += category[i] == category[j];
            }
        }
      return;
    }

  /* Multiple choice: the item for the attribute, then for each value any
   * of them gave. */
  {
    Field *counter = intern_field (self, target, id, NULL, TRUE);

    if (!all || self->n_annotators == 2)
      counter->pair_items[pair_index (self, raters[0], raters[1])]++;
    if (all)
      counter->n_items++;
  }

  for (guint i = 0; i < n_raters; i++)
    {
      g_autofree const char **strv = NULL;

      if (values[i] == NULL || !g_variant_is_of_type (values[i], G_VARIANT_TYPE_STRING_ARRAY))
        {
          if (values[i] != NULL && g_variant_is_of_type (values[i], G_VARIANT_TYPE_STRING))
            {
              const char *one = g_variant_get_string (values[i], NULL);

              if (!g_ptr_array_find_with_equal_func (choices, one, g_str_equal, NULL))
                g_ptr_array_add (choices, (gpointer)one);
            }
          continue;
        }
      strv = g_variant_get_strv (values[i], NULL);
      for (guint k = 0; strv[k] != NULL; k++)
        if (!g_ptr_array_find_with_equal_func (choices, strv[k], g_str_equal, NULL))
          g_ptr_array_add (choices, (gpointer)strv[k]);
    }

  for (guint k = 0; k < choices->len; k++)
    {
      const char *choice = g_ptr_array_index (choices, k);
      Field *field = intern_value_field (self, target, id, choice);
      g_autofree guint *category = g_new (guint, n_raters);

      for (guint i = 0; i < n_raters; i++)
        category[i] = value_has (values[i], choice) ? 1 : 0;
      if (!all || self->n_annotators == 2)
        {
          guint p = pair_index (self, raters[0], raters[1]);

          field->pairs[p][(gsize)category[0] * field->size + category[1]]++;
          field->pair_items[p]++;
        }
      if (all)
        {
          field->n_items++;
          for (guint i = 0; i < n_raters; i++)
            {
              field->totals[category[i]]++;
              for (guint j = i + 1; j < n_raters; j++)
                field->agreed += category[i] == category[j];
            }
        }
    }
}

/* Counts, for every attribute set on some of them, the item given by
 * @raters with their a{sv} @sets (nullable). */
static void
count_field_sets (GlossAgreement       *self,
                  GlossAgreementTarget  target,
                  const guint          *raters,
                  guint                 n_raters,
                  GVariant * const     *sets)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree GVariant **values = g_new0 (GVariant *, n_raters);
  GHashTableIter iter;
  gpointer key;

  for (guint i = 0; i < n_raters; i++)
    {
      GVariantIter it;
      const char *id;

      if (sets[i] == NULL)
        continue;
      g_variant_iter_init (&it, sets[i]);
      while (g_variant_iter_next (&it, "{&sv}", &id, NULL))
        g_hash_table_add (ids, (gpointer)id);
    }

  g_hash_table_iter_init (&iter, ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      for (guint i = 0; i < n_raters; i++)
        values[i] = sets[i] != NULL ? g_variant_lookup_value (sets[i], key, NULL) : NULL;
      count_field_item (self, target, key, raters, n_raters, values);
      for (guint i = 0; i < n_raters; i++)
        g_clear_pointer (&values[i], g_variant_unref);
    }
}

/* Each annotator's spans by "start:end:label" (the first of duplicates). */
static GHashTable *
spans_by_bounds (GPtrArray *annotations)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; annotations != NULL && i < annotations->len; i++)
    {
      GlossAnnotation *annotation = g_ptr_array_index (annotations, i);
      char *key;

      if (gloss_annotation_is_orphaned (annotation))
        continue;
      key = g_strdup_printf ("%u:%u:%s", gloss_annotation_get_start (annotation),
                             gloss_annotation_get_end (annotation),
                             gloss_annotation_get_label (annotation));
      if (g_hash_table_contains (table, key))
        g_free (key);
      else
        g_hash_table_insert (table, key, annotation);
    }

  return table;
}

static void
count_span_attributes (GlossAgreement    *self,
                       GPtrArray * const *annotations)
{
  guint n = self->n_annotators;
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func ((GDestroyNotify)g_hash_table_unref);
  g_autofree GVariant **sets = g_new0 (GVariant *, n);
  g_autofree guint *raters = g_new (guint, n);
  GHashTableIter iter;
  gpointer key, value;

  for (guint a = 0; a < n; a++)
    g_ptr_array_add (tables, spans_by_bounds (annotations[a]));

  /* Each pair over the spans both marked (for two, that is everyone). */
  if (n > 2)
    for (guint a = 0; a < n; a++)
      for (guint b = a + 1; b < n; b++)
        {
          g_hash_table_iter_init (&iter, g_ptr_array_index (tables, a));
          while (g_hash_table_iter_next (&iter, &key, &value))
            {
              GlossAnnotation *other = g_hash_table_lookup (g_ptr_array_index (tables, b), key);
              GVariant *pair[2];
              guint pair_raters[2] = { a, b };

              if (other == NULL)
                continue;
              pair[0] = gloss_annotation_peek_attributes (value);
              pair[1] = gloss_annotation_peek_attributes (other);
              count_field_sets (self, GLOSS_AGREEMENT_ATTRIBUTES, pair_raters, 2, pair);
            }
        }

  /* Everyone, over the spans all marked. */
  for (guint a = 0; a < n; a++)
    raters[a] = a;
  g_hash_table_iter_init (&iter, g_ptr_array_index (tables, 0));
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gboolean everyone = TRUE;

      sets[0] = gloss_annotation_peek_attributes (value);
      for (guint a = 1; a < n && everyone; a++)
        {
          GlossAnnotation *other = g_hash_table_lookup (g_ptr_array_index (tables, a), key);

          everyone = other != NULL;
          sets[a] = other != NULL ? gloss_annotation_peek_attributes (other) : NULL;
        }
      if (everyone)
        count_field_sets (self, GLOSS_AGREEMENT_ATTRIBUTES, raters, n, sets);
    }
}

void
gloss_agreement_add_document_labels (GlossAgreement   *self,
                                     GVariant * const *fields)
{
  guint n;
  g_autofree guint *raters = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (fields != NULL);

  n = self->n_annotators;
  raters = g_new (guint, n);
  for (guint a = 0; a < n; a++)
    raters[a] = a;

  if (n > 2)
    for (guint a = 0; a < n; a++)
      for (guint b = a + 1; b < n; b++)
        {
          GVariant *pair[2] = { fields[a], fields[b] };
          guint pair_raters[2] = { a, b };

          count_field_sets (self, GLOSS_AGREEMENT_DOCUMENT_LABELS, pair_raters, 2, pair);
        }
  count_field_sets (self, GLOSS_AGREEMENT_DOCUMENT_LABELS, raters, n, fields);
}

/* Adds @theirs into @self's Field of the same key. */
static void
add_field (GlossAgreement       *self,
           GlossAgreementTarget  target,
           const Field          *theirs)
{
  Field *ours = intern_field (self, target, theirs->key, theirs->parent, theirs->set_counter);
  g_autofree guint *map = g_new (guint, theirs->size + 1);

  for (guint c = 0; c < theirs->size; c++)
    map[c] = intern_category (ours, g_ptr_array_index (theirs->categories, c));

  for (guint p = 0; p < self->n_pairs; p++)
    {
      for (guint r = 0; r < theirs->size; r++)
        for (guint c = 0; c < theirs->size; c++)
          ours->pairs[p][(gsize)map[r] * ours->size + map[c]] += theirs->pairs[p][(gsize)r * theirs->size + c];
      ours->pair_items[p] += theirs->pair_items[p];
    }
  for (guint c = 0; c < theirs->size; c++)
    ours->totals[map[c]] += theirs->totals[c];
  ours->n_items += theirs->n_items;
  ours->agreed += theirs->agreed;
}

static void
add_fields (GlossAgreement       *self,
            const GlossAgreement *other,
            GlossAgreementTarget  target)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, fields_of (other, target));
  while (g_hash_table_iter_next (&iter, NULL, &value))
    add_field (self, target, value);
}

const char * const *
gloss_agreement_get_attributes (const GlossAgreement *self,
                                GlossAgreementTarget  target)
{
  GlossAgreement *mutable = (GlossAgreement *)self;
  GPtrArray *keys;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (target <= GLOSS_AGREEMENT_DOCUMENT_LABELS, NULL);

  if (self->field_keys[target] != NULL)
    return (const char * const *)self->field_keys[target];

  keys = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, fields_of (self, target));
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (!((Field *)value)->set_counter)
      g_ptr_array_add (keys, ((Field *)value)->key);
  g_ptr_array_sort (keys, compare_ids);
  g_ptr_array_add (keys, NULL);
  mutable->field_keys[target] = (char **)g_ptr_array_free (keys, FALSE);

  return (const char * const *)self->field_keys[target];
}

static const Field *
find_field (const GlossAgreement *self,
            GlossAgreementTarget  target,
            const char           *key)
{
  const Field *field;

  g_return_val_if_fail (target <= GLOSS_AGREEMENT_DOCUMENT_LABELS, NULL);
  field = g_hash_table_lookup (fields_of (self, target), key);
  return field != NULL && !field->set_counter ? field : NULL;
}

/* Items of a one-value Field where nobody gave the value: everyone's
 * "no", for the pair @p, or for everyone when @p is -1. */
static guint64
items_without_value (const GlossAgreement *self,
                     GlossAgreementTarget  target,
                     const Field          *field,
                     int                   p)
{
  const Field *parent;

  if (field->parent == NULL)
    return 0;
  parent = g_hash_table_lookup (fields_of (self, target), field->parent);
  if (parent == NULL)
    return 0;
  if (p < 0)
    return parent->n_items - field->n_items;
  return parent->pair_items[p] - field->pair_items[p];
}

/* The table of @a against @b (either order) for @field. */
static void
field_pair_table (const GlossAgreement *self,
                  GlossAgreementTarget  target,
                  const Field          *field,
                  guint                 a,
                  guint                 b,
                  PairTable            *table)
{
  guint p = a < b ? pair_index (self, a, b) : pair_index (self, b, a);
  guint64 extra = items_without_value (self, target, field, (int)p);
  const guint64 *matrix = field->pairs[p];

  table->n_categories = field->size;
  table->totals_a = g_new0 (double, field->size);
  table->totals_b = g_new0 (double, field->size);
  table->n_items = (double)(field->pair_items[p] + extra);
  table->agreed = (double)extra;
  for (guint r = 0; r < field->size; r++)
    for (guint c = 0; c < field->size; c++)
      {
        double count = (double)matrix[(gsize)r * field->size + c];

        table->totals_a[a < b ? r : c] += count;
        table->totals_b[a < b ? c : r] += count;
        if (r == c)
          table->agreed += count;
      }
  if (extra > 0)
    {
      /* "no" is category 0 of a one-value Field. */
      table->totals_a[0] += (double)extra;
      table->totals_b[0] += (double)extra;
    }
}

/* Everyone's: items, agreeing pairs summed over items, and the category
 * totals over every annotator. */
static double *
field_all_totals (const GlossAgreement *self,
                  GlossAgreementTarget  target,
                  const Field          *field,
                  double               *n_items,
                  double               *agreed)
{
  guint64 extra = items_without_value (self, target, field, -1);
  double *totals = g_new0 (double, MAX (field->size, 1));

  for (guint c = 0; c < field->size; c++)
    totals[c] = (double)field->totals[c];
  if (extra > 0)
    totals[0] += (double)extra * self->n_annotators;
  *n_items = (double)(field->n_items + extra);
  *agreed = (double)field->agreed + (double)extra * self->n_pairs;
  return totals;
}

guint64
gloss_agreement_get_attribute_n_items (const GlossAgreement *self,
                                       GlossAgreementTarget  target,
                                       const char           *key,
                                       int                   a,
                                       int                   b)
{
  const Field *field;

  g_return_val_if_fail (self != NULL && key != NULL, 0);
  g_return_val_if_fail (check_pair (self, a, b), 0);

  field = find_field (self, target, key);
  if (field == NULL)
    return 0;
  if (a == GLOSS_ALL_ANNOTATORS)
    return field->n_items + items_without_value (self, target, field, -1);
  else
    {
      guint p = a < b ? pair_index (self, (guint)a, (guint)b) : pair_index (self, (guint)b, (guint)a);

      return field->pair_items[p] + items_without_value (self, target, field, (int)p);
    }
}

double
gloss_agreement_get_attribute_observed (const GlossAgreement *self,
                                        GlossAgreementTarget  target,
                                        const char           *key,
                                        int                   a,
                                        int                   b)
{
  const Field *field;

  g_return_val_if_fail (self != NULL && key != NULL, NAN);
  g_return_val_if_fail (check_pair (self, a, b), NAN);

  field = find_field (self, target, key);
  if (field == NULL)
    return NAN;
  if (a == GLOSS_ALL_ANNOTATORS)
    {
      double n_items, agreed;

      /* Only the two counts are wanted here, not the totals per value. */
      g_free (field_all_totals (self, target, field, &n_items, &agreed));
      return n_items > 0 ? agreed / (n_items * self->n_pairs) : NAN;
    }
  else
    {
      g_auto(PairTable) table = { 0, };

      field_pair_table (self, target, field, (guint)a, (guint)b, &table);
      return table.n_items > 0 ? table.agreed / table.n_items : NAN;
    }
}

double
gloss_agreement_get_attribute_cohen_kappa (const GlossAgreement *self,
                                           GlossAgreementTarget  target,
                                           const char           *key,
                                           int                   a,
                                           int                   b)
{
  const Field *field;
  g_auto(PairTable) table = { 0, };

  g_return_val_if_fail (self != NULL && key != NULL, NAN);
  g_return_val_if_fail (a >= 0 && b >= 0 && check_pair (self, a, b), NAN);

  field = find_field (self, target, key);
  if (field == NULL)
    return NAN;
  field_pair_table (self, target, field, (guint)a, (guint)b, &table);
  return cohen_kappa_of (&table);
}

double
gloss_agreement_get_attribute_fleiss_kappa (const GlossAgreement *self,
                                            GlossAgreementTarget  target,
                                            const char           *key)
{
  const Field *field;
  double n_items, agreed;
  g_autofree double *totals = NULL;

  g_return_val_if_fail (self != NULL && key != NULL, NAN);

  field = find_field (self, target, key);
  if (field == NULL)
    return NAN;
  totals = field_all_totals (self, target, field, &n_items, &agreed);
  return fleiss_kappa_of (self, n_items, agreed, totals, field->size);
}

double
gloss_agreement_get_attribute_krippendorff_alpha (const GlossAgreement *self,
                                                  GlossAgreementTarget  target,
                                                  const char           *key)
{
  const Field *field;
  double n_items, agreed;
  g_autofree double *totals = NULL;

  g_return_val_if_fail (self != NULL && key != NULL, NAN);

  field = find_field (self, target, key);
  if (field == NULL)
    return NAN;
  totals = field_all_totals (self, target, field, &n_items, &agreed);
  return krippendorff_alpha_of (self, n_items, agreed, totals, field->size);
}
