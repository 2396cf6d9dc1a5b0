/* gloss-adjudication.c — a gold sidecar built unit by unit, with undo
 *
 * A decision changes two things: the gold annotation set (through its own
 * undoable edits, grouped into one step) and the unit's decision. The
 * adjudication keeps its own history of decisions; undoing one undoes its
 * group in the set, if it made one, and puts the units' decisions back.
 * So every edit of the gold set must go through here while adjudicating.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gloss-adjudication.h"
#include "gloss-annotation-private.h"
#include "gloss-error.h"

/* One unit's decision before and after. */
typedef struct
{
  GlossReviewUnit *unit;
  GlossDecision    old_decision;
  GlossDecision    new_decision;
  GlossAnnotation *old_gold;
  GlossAnnotation *new_gold;
} Change;

typedef struct
{
  GArray  *changes;     /* Change */
  gboolean set_group;   /* one undo step of the gold set goes with it */
} Step;

struct _GlossAdjudication
{
  GObject parent_instance;

  GlossReview   *review;
  GlossLabelSet *labels;
  GStrv          annotator_ids;
  GlossSidecar  *gold;
  char          *adjudicator;

  GPtrArray     *undo_stack;  /* Step* */
  GPtrArray     *redo_stack;
};

G_DEFINE_FINAL_TYPE (GlossAdjudication, gloss_adjudication, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
change_clear (gpointer data)
{
  Change *change = data;

  g_clear_object (&change->unit);
  g_clear_object (&change->old_gold);
  g_clear_object (&change->new_gold);
}

static Step *
step_new (void)
{
  Step *step = g_new0 (Step, 1);

  step->changes = g_array_new (FALSE, TRUE, sizeof (Change));
  g_array_set_clear_func (step->changes, change_clear);
  return step;
}

static void
step_free (gpointer data)
{
  Step *step = data;

  g_array_unref (step->changes);
  g_free (step);
}

static GlossAnnotationSet *
gold_set (GlossAdjudication *self)
{
  return gloss_sidecar_get_annotations (self->gold);
}

static void
gloss_adjudication_finalize (GObject *object)
{
  GlossAdjudication *self = GLOSS_ADJUDICATION (object);

  g_clear_object (&self->review);
  g_clear_object (&self->labels);
  g_clear_pointer (&self->annotator_ids, g_strfreev);
  g_clear_object (&self->gold);
  g_clear_pointer (&self->adjudicator, g_free);
  g_clear_pointer (&self->undo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->redo_stack, g_ptr_array_unref);

  G_OBJECT_CLASS (gloss_adjudication_parent_class)->finalize (object);
}

static void
gloss_adjudication_class_init (GlossAdjudicationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gloss_adjudication_finalize;

  /* After every decision, undo and redo: the gold sidecar's record and
   * the units' decisions changed. */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
gloss_adjudication_init (GlossAdjudication *self)
{
  self->undo_stack = g_ptr_array_new_with_free_func (step_free);
  self->redo_stack = g_ptr_array_new_with_free_func (step_free);
}

/* ------------------------------------------------------------------ */
/* The record in the gold sidecar                                       */
/* ------------------------------------------------------------------ */

/* The top-level "review" object: who adjudicated, whom, and what was
 * rejected. Rewritten whole at each change. */
static void
write_record (GlossAdjudication *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  GListModel *units = G_LIST_MODEL (self->review);
  guint n = g_list_model_get_n_items (units);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "adjudicator");
  json_builder_add_string_value (builder, self->adjudicator);
  json_builder_set_member_name (builder, "annotators");
  json_builder_begin_array (builder);
  for (guint i = 0; self->annotator_ids[i] != NULL; i++)
    json_builder_add_string_value (builder, self->annotator_ids[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "rejected");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossReviewUnit) unit = g_list_model_get_item (units, i);

      if (gloss_review_unit_get_decision (unit) != GLOSS_DECISION_REJECTED)
        continue;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, gloss_label_kind_to_string (gloss_review_unit_get_kind (unit)));
      json_builder_set_member_name (builder, "start");
      json_builder_add_int_value (builder, gloss_review_unit_get_start (unit));
      json_builder_set_member_name (builder, "end");
      json_builder_add_int_value (builder, gloss_review_unit_get_end (unit));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  node = json_builder_get_root (builder);
  gloss_sidecar_set_extra_member (self->gold, GLOSS_REVIEW_KEY, node);
}

static gboolean
is_rejected_in_record (JsonArray       *rejected,
                       GlossReviewUnit *unit)
{
  const char *kind = gloss_label_kind_to_string (gloss_review_unit_get_kind (unit));
  guint n = rejected != NULL ? json_array_get_length (rejected) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (rejected, i);
      JsonObject *object;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      object = json_node_get_object (node);
      if (g_strcmp0 (json_object_get_string_member_with_default (object, "kind", ""), kind) == 0
          && json_object_get_int_member_with_default (object, "start", -1) == gloss_review_unit_get_start (unit)
          && json_object_get_int_member_with_default (object, "end", -1) == gloss_review_unit_get_end (unit))
        return TRUE;
    }

  return FALSE;
}

static GlossDecision
decision_recorded_on (GlossAnnotation *gold)
{
  JsonObject *extra = gloss_annotation_get_extra (gold);
  JsonNode *review;

  if (extra == NULL || !json_object_has_member (extra, GLOSS_REVIEW_KEY))
    return GLOSS_DECISION_ACCEPTED;

  review = json_object_get_member (extra, GLOSS_REVIEW_KEY);
  if (JSON_NODE_HOLDS_OBJECT (review)
      && g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (review),
                                                               "decision", ""), "edited") == 0)
    return GLOSS_DECISION_EDITED;

  return GLOSS_DECISION_ACCEPTED;
}

/* How well @gold fits @unit: the best Jaccard overlap with one of its
 * versions (1 for an exact copy). */
static double
fit_of (GlossReviewUnit *unit,
        GlossAnnotation *gold)
{
  guint gs = gloss_annotation_get_start (gold), ge = gloss_annotation_get_end (gold);
  double best = 0;

  for (guint i = 0; i < gloss_review_unit_get_n_annotators (unit); i++)
    {
      GlossAnnotation *version = gloss_review_unit_get_version (unit, i);
      guint vs, ve;

      if (version == NULL)
        continue;
      vs = gloss_annotation_get_start (version);
      ve = gloss_annotation_get_end (version);
      if (MIN (ge, ve) > MAX (gs, vs))
        best = MAX (best, (double)(MIN (ge, ve) - MAX (gs, vs)) / (MAX (ge, ve) - MIN (gs, vs)));
    }

  return best;
}

/* How many of @unit's versions are exactly @gold (bounds and label): the
 * versions a pre-merge or an accept took it from. */
static guint
copies_of (GlossReviewUnit *unit,
           GlossAnnotation *gold)
{
  guint n = 0;

  for (guint i = 0; i < gloss_review_unit_get_n_annotators (unit); i++)
    {
      GlossAnnotation *version = gloss_review_unit_get_version (unit, i);

      if (version != NULL
          && gloss_annotation_get_start (version) == gloss_annotation_get_start (gold)
          && gloss_annotation_get_end (version) == gloss_annotation_get_end (gold)
          && g_strcmp0 (gloss_annotation_get_label (version), gloss_annotation_get_label (gold)) == 0)
        n++;
    }

  return n;
}

typedef struct
{
  double           fit;
  guint            copies; /* copies_of() */
  guint            unit;   /* position in the review */
  GlossReviewUnit *unit_object;
  GlossAnnotation *gold;
} Claim;

static int
compare_claims (gconstpointer a,
                gconstpointer b)
{
  const Claim *ca = a;
  const Claim *cb = b;

  if (ca->fit != cb->fit)
    return ca->fit > cb->fit ? -1 : 1;
  /* Two units may fit equally well: one annotator marked the same span
   * twice, or under two labels, and the second joined another unit. The
   * one whose versions the gold annotation copies is the one it was made
   * for; giving it to the other would leave its own unit undecided, and
   * the next pre-merge would add it again. */
  if (ca->copies != cb->copies)
    return ca->copies > cb->copies ? -1 : 1;
  if (ca->unit != cb->unit)
    return ca->unit < cb->unit ? -1 : 1;
  return (int)gloss_annotation_get_start (ca->gold) - (int)gloss_annotation_get_start (cb->gold);
}

static JsonArray *
recorded_rejections (GlossAdjudication *self)
{
  JsonNode *record = gloss_sidecar_get_extra_member (self->gold, GLOSS_REVIEW_KEY);
  JsonObject *object;

  if (record == NULL || !JSON_NODE_HOLDS_OBJECT (record))
    return NULL;

  object = json_node_get_object (record);
  if (!json_object_has_member (object, "rejected")
      || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "rejected")))
    return NULL;

  return json_object_get_array_member (object, "rejected");
}

/* Gives each unit the decision the gold sidecar holds for it: rejected
 * units by the record; then every gold annotation goes to the unit of its
 * kind it fits best (the best overlap with one of the unit's versions;
 * on a tie, the unit with more versions exactly like it), best fits
 * first, one gold annotation per unit. */
static void
restore_decisions (GlossAdjudication *self)
{
  GListModel *units = G_LIST_MODEL (self->review);
  guint n = g_list_model_get_n_items (units);
  JsonArray *rejected = recorded_rejections (self);
  g_autoptr(GArray) claims = g_array_new (FALSE, FALSE, sizeof (Claim));
  g_autoptr(GHashTable) taken = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) unit_objects = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      GlossReviewUnit *unit = g_list_model_get_item (units, i);
      g_autoptr(GPtrArray) golds = NULL;

      g_ptr_array_add (unit_objects, unit);

      if (is_rejected_in_record (rejected, unit))
        {
          gloss_review_unit_set_decision (unit, GLOSS_DECISION_REJECTED);
          continue;
        }

      golds = gloss_annotation_set_in_range (gold_set (self),
                                             gloss_review_unit_get_start (unit),
                                             gloss_review_unit_get_end (unit));
      for (guint g = 0; g < golds->len; g++)
        {
          GlossAnnotation *gold = g_ptr_array_index (golds, g);
          Claim claim = { 0, 0, i, unit, gold };

          if (gloss_label_set_kind_of (self->labels, gloss_annotation_get_label (gold)) != gloss_review_unit_get_kind (unit))
            continue;
          claim.fit = fit_of (unit, gold);
          claim.copies = copies_of (unit, gold);
          g_array_append_val (claims, claim);
        }
    }

  g_array_sort (claims, compare_claims);
  for (guint c = 0; c < claims->len; c++)
    {
      const Claim *claim = &g_array_index (claims, Claim, c);

      if (g_hash_table_contains (taken, claim->gold)
          || gloss_review_unit_get_gold (claim->unit_object) != NULL)
        continue;

      g_hash_table_add (taken, claim->gold);
      gloss_review_unit_set_gold (claim->unit_object, claim->gold);
      gloss_review_unit_set_decision (claim->unit_object, decision_recorded_on (claim->gold));
    }
}

GlossAdjudication *
gloss_adjudication_new (GlossReview        *review,
                        GlossLabelSet      *labels,
                        const char * const *annotator_ids,
                        GlossSidecar       *gold,
                        const char         *adjudicator)
{
  GlossAdjudication *self;

  g_return_val_if_fail (GLOSS_IS_REVIEW (review), NULL);
  g_return_val_if_fail (annotator_ids != NULL, NULL);
  g_return_val_if_fail (g_strv_length ((char **)annotator_ids) == gloss_review_get_n_annotators (review), NULL);
  g_return_val_if_fail (GLOSS_IS_SIDECAR (gold), NULL);
  g_return_val_if_fail (adjudicator != NULL, NULL);

  self = g_object_new (GLOSS_TYPE_ADJUDICATION, NULL);
  self->review = g_object_ref (review);
  self->labels = labels != NULL ? g_object_ref (labels) : NULL;
  self->annotator_ids = g_strdupv ((char **)annotator_ids);
  self->gold = g_object_ref (gold);
  self->adjudicator = g_strdup (adjudicator);

  restore_decisions (self);

  return self;
}

GlossReview *
gloss_adjudication_get_review (GlossAdjudication *self)
{
  g_return_val_if_fail (GLOSS_IS_ADJUDICATION (self), NULL);
  return self->review;
}

GlossSidecar *
gloss_adjudication_get_gold (GlossAdjudication *self)
{
  g_return_val_if_fail (GLOSS_IS_ADJUDICATION (self), NULL);
  return self->gold;
}

guint
gloss_adjudication_get_n_decided (GlossAdjudication *self)
{
  g_return_val_if_fail (GLOSS_IS_ADJUDICATION (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->review))
         - gloss_review_count_pending (self->review);
}

/* ------------------------------------------------------------------ */
/* Decisions                                                            */
/* ------------------------------------------------------------------ */

/* The extra keys of a gold annotation: where it came from. */
static JsonObject *
build_provenance (GlossAdjudication *self,
                  GlossReviewUnit   *unit,
                  GlossDecision      decision,
                  const char        *label,
                  guint              start,
                  guint              end)
{
  JsonObject *extra = json_object_new ();
  JsonObject *review = json_object_new ();
  JsonArray *from = json_array_new ();

  for (guint i = 0; i < gloss_review_unit_get_n_annotators (unit); i++)
    {
      GlossAnnotation *version = gloss_review_unit_get_version (unit, i);

      if (version != NULL
          && gloss_annotation_get_start (version) == start
          && gloss_annotation_get_end (version) == end
          && g_strcmp0 (gloss_annotation_get_label (version), label) == 0)
        json_array_add_string_element (from, self->annotator_ids[i]);
    }

  json_object_set_string_member (review, "decision",
                                 decision == GLOSS_DECISION_EDITED ? "edited" : "accepted");
  json_object_set_array_member (review, "from", from);
  json_object_set_string_member (review, "adjudicator", self->adjudicator);
  json_object_set_object_member (extra, GLOSS_REVIEW_KEY, review);

  return extra;
}

static void
push_step (GlossAdjudication *self,
           Step              *step)
{
  g_ptr_array_add (self->undo_stack, step);
  g_ptr_array_set_size (self->redo_stack, 0);
}

static void
emit_changed (GlossAdjudication *self)
{
  write_record (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* The attributes (an "a{sv}", or NULL) that every version of @unit with
 * @label — and, if @same_bounds, over [@start, @end) — gives the same
 * value: what the annotators agree on. Where they differ, the gold gets
 * none (the reviewer decides; nothing is picked at random). */
static GVariant *
agreed_attributes (GlossReviewUnit *unit,
                   const char      *label,
                   guint            start,
                   guint            end,
                   gboolean         same_bounds)
{
  g_autoptr(GPtrArray) versions = g_ptr_array_new ();
  g_autoptr(GVariant) agreed = NULL;
  GVariantIter iter;
  const char *id;
  GVariant *value;

  for (guint i = 0; i < gloss_review_unit_get_n_annotators (unit); i++)
    {
      GlossAnnotation *version = gloss_review_unit_get_version (unit, i);

      if (version != NULL && g_strcmp0 (gloss_annotation_get_label (version), label) == 0
          && (!same_bounds || (gloss_annotation_get_start (version) == start
                               && gloss_annotation_get_end (version) == end)))
        g_ptr_array_add (versions, version);
    }
  if (versions->len == 0 || gloss_annotation_peek_attributes (versions->pdata[0]) == NULL)
    return NULL;

  g_variant_iter_init (&iter, gloss_annotation_peek_attributes (versions->pdata[0]));
  while (g_variant_iter_next (&iter, "{&sv}", &id, &value))
    {
      gboolean everyone = TRUE;

      for (guint i = 1; i < versions->len && everyone; i++)
        {
          g_autoptr(GVariant) theirs = gloss_annotation_get_attribute (versions->pdata[i], id);

          everyone = theirs != NULL && g_variant_equal (theirs, value);
        }
      if (everyone)
        {
          GVariant *next = gloss_attribute_map_set (agreed, id, value);

          g_clear_pointer (&agreed, g_variant_unref);
          agreed = next;
        }
      g_variant_unref (value);
    }

  return g_steal_pointer (&agreed);
}

/* Replaces @unit's gold with a new one (@label over [@start, @end), or
 * none if @label is NULL) and sets its decision, as part of @step; the
 * caller has opened a group in the set if one is needed. The new gold
 * gets @attributes (nullable). */
static gboolean
decide (GlossAdjudication *self,
        Step              *step,
        GlossReviewUnit   *unit,
        GlossDecision      decision,
        const char        *label,
        guint              start,
        guint              end,
        const char        *note,
        GVariant          *attributes,
        GError           **error)
{
  GlossAnnotationSet *set = gold_set (self);
  GlossAnnotation *old_gold = gloss_review_unit_get_gold (unit);
  GlossAnnotation *new_gold = NULL;
  Change change = { 0, };

  if (gloss_sidecar_is_read_only (self->gold))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_READ_ONLY,
                   _("The gold annotations cannot be saved, so they cannot be changed"));
      return FALSE;
    }

  /* The set may be read-only while its sidecar is not (another Gloss's
   * lock, a write-protected file). Asked first, so that a rejection, whose
   * one edit is the removal below, is refused too and not half-made. */
  if (!gloss_annotation_set_check_writable (set, error))
    return FALSE;

  change.unit = g_object_ref (unit);
  change.old_decision = gloss_review_unit_get_decision (unit);
  change.old_gold = old_gold != NULL ? g_object_ref (old_gold) : NULL;

  /* The new gold first: if the set refuses it, nothing has changed yet
   * (undoing a half-made step would disturb the set's redo history). */
  if (label != NULL)
    {
      new_gold = gloss_annotation_set_create (set, label, start, end, error);
      if (new_gold == NULL)
        {
          change_clear (&change);
          return FALSE;
        }
      step->set_group = TRUE;
      {
        JsonObject *extra = build_provenance (self, unit, decision, label, start, end);

        gloss_annotation_set_extra (new_gold, extra);
        json_object_unref (extra);
      }
      /* Cannot fail: the set is writable and new_gold was just made in it. */
      if (note != NULL && *note != '\0')
        gloss_annotation_set_change_note (set, new_gold, note, NULL);
      /* Undo takes the annotation out and redo puts the same one back, so
       * its attributes go with it. */
      if (attributes != NULL)
        gloss_annotation_take_attributes (new_gold, g_variant_ref (attributes));
    }

  /* Cannot fail either: writable, and index_of() finds old_gold there. */
  if (old_gold != NULL && gloss_annotation_set_index_of (set, old_gold) != G_MAXUINT)
    {
      gloss_annotation_set_remove (set, old_gold, NULL);
      step->set_group = TRUE;
    }

  change.new_decision = decision;
  change.new_gold = new_gold != NULL ? g_object_ref (new_gold) : NULL;
  g_array_append_val (step->changes, change);

  gloss_review_unit_set_gold (unit, new_gold);
  gloss_review_unit_set_decision (unit, decision);

  return TRUE;
}

/* One decision, as one undo step. */
static gboolean
decide_one (GlossAdjudication *self,
            GlossReviewUnit   *unit,
            GlossDecision      decision,
            const char        *label,
            guint              start,
            guint              end,
            const char        *note,
            GVariant          *attributes,
            GError           **error)
{
  GlossAnnotationSet *set = gold_set (self);
  Step *step = step_new ();
  gboolean ok;

  g_return_val_if_fail (GLOSS_IS_REVIEW_UNIT (unit), FALSE);

  gloss_annotation_set_begin_group (set);
  ok = decide (self, step, unit, decision, label, start, end, note, attributes, error);
  gloss_annotation_set_end_group (set);

  if (!ok)
    {
      /* decide() changes nothing when it fails. */
      step_free (step);
      return FALSE;
    }

  push_step (self, step);
  emit_changed (self);
  return TRUE;
}

gboolean
gloss_adjudication_accept (GlossAdjudication *self,
                           GlossReviewUnit   *unit,
                           guint              annotator,
                           GError           **error)
{
  GlossAnnotation *version;

  g_return_val_if_fail (GLOSS_IS_ADJUDICATION (self), FALSE);
  g_return_val_if_fail (GLOSS_IS_REVIEW_UNIT (unit), FALSE);

  version = annotator < gloss_review_unit_get_n_annotators (unit)
            ? gloss_review_unit_get_version (unit, annotator) : NULL;
  if (version == NULL)
    {
      if (annotator < g_strv_length (self->annotator_ids))
        g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND,
                     _("%s did not mark this, so there is no version of theirs to accept"),
                     self->annotator_ids[annotator]);
      else
        g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND,
                     _("There is no annotator %u in this review"), annotator + 1);
      return FALSE;
    }

  /* That annotator's version: their label, bounds, note and attributes. */
  return decide_one (self, unit, GLOSS_DECISION_ACCEPTED,
                     gloss_annotation_get_label (version),
                     gloss_annotation_get_start (version),
                     gloss_annotation_get_end (version),
                     gloss_annotation_get_note (version),
                     gloss_annotation_peek_attributes (version),
                     error);
}

gboolean
gloss_adjudication_accept_with_attributes (GlossAdjudication *self,
                                           GlossReviewUnit   *unit,
                                           guint              annotator,
                                           GVariant          *attributes,
                                           GError           **error)
{
  GlossAnnotation *version;

  g_return_val_if_fail (GLOSS_IS_ADJUDICATION (self), FALSE);
  g_return_val_if_fail (GLOSS_IS_REVIEW_UNIT (unit), FALSE);
  g_return_val_if_fail (attributes == NULL || g_variant_is_of_type (attributes, G_VARIANT_TYPE_VARDICT), FALSE);

  version = annotator < gloss_review_unit_get_n_annotators (unit)
            ? gloss_review_unit_get_version (unit, annotator) : NULL;
  if (version == NULL)
    return gloss_adjudication_accept (self, unit, annotator, error);

  return decide_one (self, unit, GLOSS_DECISION_ACCEPTED,
                     gloss_annotation_get_label (version),
                     gloss_annotation_get_start (version),
                     gloss_annotation_get_end (version),
                     gloss_annotation_get_note (version),
                     attributes, error);
}

gboolean
gloss_adjudication_accept_majority (GlossAdjudication *self,
                                    GlossReviewUnit   *unit,
                                    GError           **error)
{
  GlossAnnotation *version;

  g_return_val_if_fail (GLOSS_IS_ADJUDICATION (self), FALSE);
  g_return_val_if_fail (GLOSS_IS_REVIEW_UNIT (unit), FALSE);

  version = gloss_review_unit_get_majority (unit, NULL);
  if (version == NULL)
    {
      g_set_error_literal (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, _("Nobody marked this"));
      return FALSE;
    }

  {
    g_autoptr(GVariant) agreed = agreed_attributes (unit, gloss_annotation_get_label (version),
                                                    gloss_annotation_get_start (version),
                                                    gloss_annotation_get_end (version), TRUE);

    return decide_one (self, unit, GLOSS_DECISION_ACCEPTED,
                       gloss_annotation_get_label (version),
                       gloss_annotation_get_start (version),
                       gloss_annotation_get_end (version),
                       gloss_annotation_get_note (version),
                       agreed, error);
  }
}

gboolean
gloss_adjudication_accept_edited (GlossAdjudication *self,
                                  GlossReviewUnit   *unit,
                                  const char        *label,
                                  guint              start,
                                  guint              end,
                                  GError           **error)
{
  g_return_val_if_fail (GLOSS_IS_ADJUDICATION (self), FALSE);
  g_return_val_if_fail (GLOSS_IS_REVIEW_UNIT (unit), FALSE);
  g_return_val_if_fail (label != NULL, FALSE);

  /* Else reopening the gold file could not give it back to this unit. */
  if (start >= gloss_review_unit_get_end (unit) || end <= gloss_review_unit_get_start (unit))
    {
      g_set_error_literal (error, GLOSS_ERROR, GLOSS_ERROR_RANGE,
                           _("The edited version must overlap the text the annotators marked"));
      return FALSE;
    }

  {
    g_autoptr(GVariant) agreed = agreed_attributes (unit, label, start, end, FALSE);

    return decide_one (self, unit, GLOSS_DECISION_EDITED, label, start, end, NULL, agreed, error);
  }
}

gboolean
gloss_adjudication_reject (GlossAdjudication *self,
                           GlossReviewUnit   *unit,
                           GError           **error)
{
  g_return_val_if_fail (GLOSS_IS_ADJUDICATION (self), FALSE);

  return decide_one (self, unit, GLOSS_DECISION_REJECTED, NULL, 0, 0, NULL, NULL, error);
}

static gboolean
strategy_settles (GlossReviewUnit    *unit,
                  GlossMergeStrategy  strategy,
                  GlossAnnotation   **version)
{
  guint n = gloss_review_unit_get_n_annotators (unit);
  guint agreeing = 0;

  *version = gloss_review_unit_get_majority (unit, &agreeing);
  if (*version == NULL)
    return FALSE;

  /* Differing attributes do not keep a unit out: the values they share go
   * into the gold, as with the majority, and the unit still says
   * "Attributes differ" for the reviewer to pick. */
  if (strategy == GLOSS_MERGE_UNANIMOUS)
    return gloss_review_unit_get_status (unit) == GLOSS_UNIT_AGREED
           || gloss_review_unit_get_status (unit) == GLOSS_UNIT_ATTRIBUTES;

  return 2 * agreeing > n;
}

guint
gloss_adjudication_premerge (GlossAdjudication  *self,
                             GlossMergeStrategy  strategy)
{
  GListModel *units;
  GlossAnnotationSet *set;
  Step *step;
  guint n, merged = 0;

  g_return_val_if_fail (GLOSS_IS_ADJUDICATION (self), 0);

  if (gloss_sidecar_is_read_only (self->gold))
    return 0;

  units = G_LIST_MODEL (self->review);
  set = gold_set (self);
  n = g_list_model_get_n_items (units);
  step = step_new ();

  gloss_annotation_set_begin_group (set);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossReviewUnit) unit = g_list_model_get_item (units, i);
      GlossAnnotation *version;
      g_autoptr(GVariant) agreed = NULL;

      if (gloss_review_unit_get_decision (unit) != GLOSS_DECISION_PENDING
          || !strategy_settles (unit, strategy, &version))
        continue;

      agreed = agreed_attributes (unit, gloss_annotation_get_label (version),
                                  gloss_annotation_get_start (version),
                                  gloss_annotation_get_end (version), TRUE);
      if (decide (self, step, unit, GLOSS_DECISION_ACCEPTED,
                  gloss_annotation_get_label (version),
                  gloss_annotation_get_start (version),
                  gloss_annotation_get_end (version),
                  gloss_annotation_get_note (version),
                  agreed, NULL))
        merged++;
    }
  gloss_annotation_set_end_group (set);

  if (merged == 0)
    {
      step_free (step);
      return 0;
    }

  push_step (self, step);
  emit_changed (self);
  return merged;
}

/* ------------------------------------------------------------------ */
/* Undo                                                                 */
/* ------------------------------------------------------------------ */

gboolean
gloss_adjudication_can_undo (GlossAdjudication *self)
{
  g_return_val_if_fail (GLOSS_IS_ADJUDICATION (self), FALSE);
  return self->undo_stack->len > 0;
}

gboolean
gloss_adjudication_can_redo (GlossAdjudication *self)
{
  g_return_val_if_fail (GLOSS_IS_ADJUDICATION (self), FALSE);
  return self->redo_stack->len > 0;
}

/* Moves the last step of @from to @to, undoing it in the gold set and in
 * the units (@forward FALSE) or doing it again (TRUE). */
static gboolean
replay_step (GlossAdjudication *self,
             GPtrArray         *from,
             GPtrArray         *to,
             gboolean           forward)
{
  Step *step;

  if (from->len == 0)
    return FALSE;

  /* A read-only gold set would refuse its half of the step while the
   * units took theirs; refuse the whole step instead. */
  step = g_ptr_array_index (from, from->len - 1);
  if (step->set_group && gloss_annotation_set_get_read_only (gold_set (self)))
    return FALSE;

  step = g_ptr_array_steal_index (from, from->len - 1);
  if (step->set_group)
    {
      if (forward)
        gloss_annotation_set_redo (gold_set (self), NULL);
      else
        gloss_annotation_set_undo (gold_set (self), NULL);
    }

  for (guint k = 0; k < step->changes->len; k++)
    {
      /* Undone last change first. */
      guint i = forward ? k : step->changes->len - 1 - k;
      Change *change = &g_array_index (step->changes, Change, i);

      gloss_review_unit_set_gold (change->unit, forward ? change->new_gold : change->old_gold);
      gloss_review_unit_set_decision (change->unit, forward ? change->new_decision : change->old_decision);
    }

  g_ptr_array_add (to, step);
  emit_changed (self);
  return TRUE;
}

gboolean
gloss_adjudication_undo (GlossAdjudication *self)
{
  g_return_val_if_fail (GLOSS_IS_ADJUDICATION (self), FALSE);

  return replay_step (self, self->undo_stack, self->redo_stack, FALSE);
}

gboolean
gloss_adjudication_redo (GlossAdjudication *self)
{
  g_return_val_if_fail (GLOSS_IS_ADJUDICATION (self), FALSE);

  return replay_step (self, self->redo_stack, self->undo_stack, TRUE);
}

/* How many of @sidecars give field @id the value @value. */
static guint
count_field_value (GPtrArray  *sidecars,
                   const char *id,
                   GVariant   *value)
{
  guint n = 0;

  for (guint i = 0; i < sidecars->len; i++)
    {
      g_autoptr(GVariant) other = gloss_sidecar_get_document_label (g_ptr_array_index (sidecars, i), id);

      if (other != NULL && g_variant_equal (other, value))
        n++;
    }

  return n;
}

guint
gloss_merge_document_labels (GlossSidecar       *gold,
                             GPtrArray          *sidecars,
                             GlossMergeStrategy  strategy)
{
  g_autoptr(GHashTable) looked_at = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_set = 0;

  g_return_val_if_fail (GLOSS_IS_SIDECAR (gold), 0);
  g_return_val_if_fail (sidecars != NULL, 0);

  if (sidecars->len == 0)
    return 0;

  /* Each value any annotator gave is a candidate; at most one can have
   * more than half, and under unanimity only a value all share. */
  for (guint i = 0; i < sidecars->len; i++)
    {
      GVariant *labels = gloss_sidecar_peek_document_labels (g_ptr_array_index (sidecars, i));
      GVariantIter iter;
      const char *id;
      GVariant *value;

      if (labels == NULL)
        continue;

      g_variant_iter_init (&iter, labels);
      while (g_variant_iter_loop (&iter, "{&sv}", &id, &value))
        {
          g_autoptr(GVariant) in_gold = NULL;
          guint n;

          if (g_hash_table_contains (looked_at, id))
            continue;
          in_gold = gloss_sidecar_get_document_label (gold, id);
          if (in_gold != NULL)
            {
              g_hash_table_add (looked_at, (gpointer) g_intern_string (id));
              continue;
            }

          n = count_field_value (sidecars, id, value);
          if (strategy == GLOSS_MERGE_UNANIMOUS ? n == sidecars->len : 2 * n > sidecars->len)
            {
              gloss_sidecar_set_document_label (gold, id, value);
              g_hash_table_add (looked_at, (gpointer) g_intern_string (id));
              n_set++;
            }
        }
    }

  return n_set;
}

gboolean
gloss_merge_strategy_from_string (const char         *str,
                                  GlossMergeStrategy *strategy)
{
  if (g_strcmp0 (str, "unanimous") == 0)
    *strategy = GLOSS_MERGE_UNANIMOUS;
  else if (g_strcmp0 (str, "majority") == 0)
    *strategy = GLOSS_MERGE_MAJORITY;
  else
    return FALSE;

  return TRUE;
}

gboolean
gloss_sidecar_is_adjudicated (GlossSidecar *sidecar)
{
  g_return_val_if_fail (GLOSS_IS_SIDECAR (sidecar), FALSE);

  return gloss_sidecar_get_extra_member (sidecar, GLOSS_REVIEW_KEY) != NULL;
}
