/* gloss-review.c — several annotators' spans on one article, aligned into units
 *
 * The rules are in gloss-review.h and docs/review.md. The candidates are
 * found with one sweep per label kind over the spans sorted by start, and
 * joined with a union-find whose roots carry the set of annotators their
 * unit holds (a bit each: at most GLOSS_REVIEW_MAX_ANNOTATORS).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gloss-review.h"


typedef struct
{
  GlossAnnotation *annotation;  /* borrowed from the caller's arrays */
  guint            annotator;
  guint            position;    /* in the annotator's array */
  guint            start;
  guint            end;
  GlossLabelKind   kind;
} Span;

typedef struct
{
  double jaccard;
  guint  a;        /* indices into the span array, a < b by sweep order */
  guint  b;
  guint  start;    /* the earlier start of the two, then end */
  guint  end;
  gboolean same_label;
} Candidate;

struct _GlossReview
{
  GObject parent_instance;

  guint      n_annotators;
  GPtrArray *units;   /* GlossReviewUnit* */
};

static void gloss_review_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GlossReview, gloss_review, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, gloss_review_list_model_init))

static GType
gloss_review_get_item_type (GListModel *model)
{
  return GLOSS_TYPE_REVIEW_UNIT;
}

static guint
gloss_review_get_n_items (GListModel *model)
{
  return GLOSS_REVIEW (model)->units->len;
}

static gpointer
gloss_review_get_item (GListModel *model,
                       guint       position)
{
  GlossReview *self = GLOSS_REVIEW (model);

  if (position >= self->units->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->units, position));
}

static void
gloss_review_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = gloss_review_get_item_type;
  iface->get_n_items = gloss_review_get_n_items;
  iface->get_item = gloss_review_get_item;
}

static void
gloss_review_finalize (GObject *object)
{
  GlossReview *self = GLOSS_REVIEW (object);

  g_clear_pointer (&self->units, g_ptr_array_unref);

  G_OBJECT_CLASS (gloss_review_parent_class)->finalize (object);
}

static void
gloss_review_class_init (GlossReviewClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gloss_review_finalize;
}

static void
gloss_review_init (GlossReview *self)
{
  self->units = g_ptr_array_new_with_free_func (g_object_unref);
}

/* ------------------------------------------------------------------ */
/* Alignment                                                            */
/* ------------------------------------------------------------------ */

static int
compare_spans (gconstpointer x,
               gconstpointer y)
{
  const Span *a = x;
  const Span *b = y;

  if (a->kind != b->kind)
    return a->kind < b->kind ? -1 : 1;
  if (a->start != b->start)
    return a->start < b->start ? -1 : 1;
  if (a->end != b->end)
    return a->end < b->end ? -1 : 1;
  if (a->annotator != b->annotator)
    return a->annotator < b->annotator ? -1 : 1;
  return a->position < b->position ? -1 : (a->position > b->position ? 1 : 0);
}

static int
compare_candidates (gconstpointer x,
                    gconstpointer y)
{
  const Candidate *a = x;
  const Candidate *b = y;

  if (a->jaccard != b->jaccard)
    return a->jaccard > b->jaccard ? -1 : 1;
  if (a->same_label != b->same_label)
    return a->same_label ? -1 : 1;
  if (a->start != b->start)
    return a->start < b->start ? -1 : 1;
  if (a->end != b->end)
    return a->end < b->end ? -1 : 1;
  /* The span array is sorted with annotator and position as the last
   * keys: its order settles the rest. */
  if (a->a != b->a)
    return a->a < b->a ? -1 : 1;
  return a->b < b->b ? -1 : (a->b > b->b ? 1 : 0);
}

static guint
find_root (guint *parent,
           guint  i)
{
  while (parent[i] != i)
    {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
  return i;
}

/* Every pair of overlapping spans of one kind and two annotators. */
static GArray *
collect_candidates (const GArray *spans)
{
  GArray *candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autoptr(GArray) active = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < spans->len; i++)
    {
      const Span *span = &g_array_index (spans, Span, i);
      guint kept = 0;

      /* Drop what ended before this start, or is of another kind (the
       * array is sorted by kind first). */
      for (guint k = 0; k < active->len; k++)
        {
          guint j = g_array_index (active, guint, k);
          const Span *other = &g_array_index (spans, Span, j);

          if (other->kind == span->kind && other->end > span->start)
            g_array_index (active, guint, kept++) = j;
        }
      g_array_set_size (active, kept);

      for (guint k = 0; k < active->len; k++)
        {
          guint j = g_array_index (active, guint, k);
          const Span *other = &g_array_index (spans, Span, j);
          guint shared, joined;
          Candidate candidate;

          if (other->annotator == span->annotator)
            continue;

          shared = MIN (other->end, span->end) - span->start;
          joined = MAX (other->end, span->end) - other->start;
          candidate.jaccard = (double)shared / joined;
          candidate.a = j;
          candidate.b = i;
          candidate.start = other->start;
          candidate.end = other->end;
          candidate.same_label = g_strcmp0 (gloss_annotation_get_label (other->annotation),
                                            gloss_annotation_get_label (span->annotation)) == 0;
          g_array_append_val (candidates, candidate);
        }

      g_array_append_val (active, i);
    }

  return candidates;
}

static int
compare_units (gconstpointer x,
               gconstpointer y)
{
  GlossReviewUnit *a = *(GlossReviewUnit * const *)x;
  GlossReviewUnit *b = *(GlossReviewUnit * const *)y;
  guint sa = gloss_review_unit_get_start (a), sb = gloss_review_unit_get_start (b);
  guint ea = gloss_review_unit_get_end (a), eb = gloss_review_unit_get_end (b);

  if (sa != sb)
    return sa < sb ? -1 : 1;
  if (ea != eb)
    return ea > eb ? -1 : 1;   /* outer first, as the annotation list */
  return (int)gloss_review_unit_get_kind (a) - (int)gloss_review_unit_get_kind (b);
}

GlossReview *
gloss_review_new (GlossLabelSet     *labels,
                  guint              n_annotators,
                  GPtrArray * const *annotations)
{
  GlossReview *self;
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (Span));
  g_autoptr(GArray) candidates = NULL;
  g_autofree guint *parent = NULL;
  g_autofree guint64 *members = NULL;
  g_autofree GlossReviewUnit **unit_of_root = NULL;

  g_return_val_if_fail (n_annotators >= 1 && n_annotators <= GLOSS_REVIEW_MAX_ANNOTATORS, NULL);
  g_return_val_if_fail (annotations != NULL, NULL);

  self = g_object_new (GLOSS_TYPE_REVIEW, NULL);
  self->n_annotators = n_annotators;

  for (guint a = 0; a < n_annotators; a++)
    for (guint i = 0; annotations[a] != NULL && i < annotations[a]->len; i++)
      {
        GlossAnnotation *annotation = g_ptr_array_index (annotations[a], i);
        Span span;

        if (gloss_annotation_is_orphaned (annotation))
          continue;

        span.annotation = annotation;
        span.annotator = a;
        span.position = i;
        span.start = gloss_annotation_get_start (annotation);
        span.end = gloss_annotation_get_end (annotation);
        span.kind = gloss_label_set_kind_of (labels, gloss_annotation_get_label (annotation));
        if (span.start < span.end)
          g_array_append_val (spans, span);
      }

  g_array_sort (spans, compare_spans);
  candidates = collect_candidates (spans);
  g_array_sort (candidates, compare_candidates);

  parent = g_new (guint, spans->len);
  members = g_new (guint64, spans->len);
  for (guint i = 0; i < spans->len; i++)
    {
      parent[i] = i;
      members[i] = G_GUINT64_CONSTANT (1) << g_array_index (spans, Span, i).annotator;
    }

  for (guint c = 0; c < candidates->len; c++)
    {
      const Candidate *candidate = &g_array_index (candidates, Candidate, c);
      guint ra = find_root (parent, candidate->a);
      guint rb = find_root (parent, candidate->b);

      if (ra == rb || (members[ra] & members[rb]) != 0)
        continue;

      /* The lower index stays the root: the result never depends on
       * anything but the order of the candidates. */
      if (rb < ra)
        {
          guint swap = ra;
          ra = rb;
          rb = swap;
        }
      parent[rb] = ra;
      members[ra] |= members[rb];
    }

  unit_of_root = g_new0 (GlossReviewUnit *, spans->len);
  for (guint i = 0; i < spans->len; i++)
    {
      const Span *span = &g_array_index (spans, Span, i);
      guint root = find_root (parent, i);

      if (unit_of_root[root] == NULL)
        {
          unit_of_root[root] = gloss_review_unit_new (n_annotators, span->kind);
          g_ptr_array_add (self->units, unit_of_root[root]);
        }
      gloss_review_unit_set_version (unit_of_root[root], span->annotator, span->annotation);
    }

  for (guint i = 0; i < self->units->len; i++)
    gloss_review_unit_settle (g_ptr_array_index (self->units, i));
  g_ptr_array_sort (self->units, compare_units);

  return self;
}

guint
gloss_review_get_n_annotators (GlossReview *self)
{
  g_return_val_if_fail (GLOSS_IS_REVIEW (self), 0);
  return self->n_annotators;
}

guint
gloss_review_count_status (GlossReview    *self,
                           GlossUnitStatus status)
{
  guint n = 0;

  g_return_val_if_fail (GLOSS_IS_REVIEW (self), 0);

  for (guint i = 0; i < self->units->len; i++)
    if (gloss_review_unit_get_status (g_ptr_array_index (self->units, i)) == status)
      n++;
  return n;
}

guint
gloss_review_count_pending (GlossReview *self)
{
  guint n = 0;

  g_return_val_if_fail (GLOSS_IS_REVIEW (self), 0);

  for (guint i = 0; i < self->units->len; i++)
    if (gloss_review_unit_get_decision (g_ptr_array_index (self->units, i)) == GLOSS_DECISION_PENDING)
      n++;
  return n;
}

GPtrArray *
gloss_review_collect_placed (GlossAnnotationSet *set)
{
  GListModel *model = G_LIST_MODEL (set);
  guint n = g_list_model_get_n_items (model);
  GPtrArray *placed = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (placed, g_list_model_get_item (model, i));

  return placed;
}
