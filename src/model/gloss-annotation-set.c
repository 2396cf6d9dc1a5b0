/* gloss-annotation-set.c — one annotator's annotations and relations on one article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "gloss-annotation-set.h"
#include "gloss-annotation-history-private.h"
#include "gloss-annotation-private.h"
#include "gloss-error.h"
#include "gloss-span-index.h"

/* How the set is organised, and why:
 *
 * - Placed annotations live in a GPtrArray kept sorted by
 *   gloss_annotation_compare(), which is both the list-model order the
 *   views show and the order the sidecar is written in.
 * - Orphans are not in the text, so they have no place in document order;
 *   they sit in their own GListStore, in the order they were loaded.
 * - Both kinds share one id → annotation table, since relations may point
 *   at either, and ids must stay unique across both.
 * - Overlap queries (which spans cover the caret, which spans are visible)
 *   go to a GlossSpanIndex that mirrors the sorted array's spans position
 *   by position: every insertion into or removal from the array is one
 *   into or from the index, at the same position.
 * - Relations sit in a sorted GListStore (the sidecar's order), and are
 *   also listed by annotation id, under their from and their to: a row of
 *   the sidebar asks for its speaker on every bind, and a scan of every
 *   relation was most of the bind's time.
 * - Read-only (set by the session) is checked first by every edit, undo
 *   and redo, so a refused edit leaves no trace at all.
 * - Every edit is a Command (see below) that is applied, then recorded in
 *   the history (gloss-annotation-history.c); undo and redo hand the same
 *   command back to be applied backwards or forwards, so the code that
 *   performs an edit is the code that redoes it. */

/* ------------------------------------------------------------------ */
/* Commands                                                            */
/* ------------------------------------------------------------------ */

typedef enum
{
  COMMAND_ADD_ANNOTATION,     /* the annotation enters the set */
  COMMAND_REMOVE_ANNOTATION,  /* the annotation leaves the set */
  COMMAND_CHANGE_ANNOTATION,  /* fields change: before/after snapshots */
  COMMAND_ADD_RELATION,
  COMMAND_REMOVE_RELATION,
} CommandType;

/* Everything an edit may change on an annotation. Keeping whole snapshots
 * (rather than one field per command type) lets a single code path handle
 * label, note, bounds, attributes and re-attach, and restore "modified"
 * exactly. */
typedef struct
{
  char              *label;
  char              *note;
  /* The whole "a{sv}" (or NULL): undo puts back exactly what was there,
   * values the label set does not declare included. */
  GVariant          *attributes;
  char              *exact;
  char              *prefix;
  char              *suffix;
  char              *modified;
  guint              start;
  guint              end;
  GlossAnchorStatus  status;
} Snapshot;

typedef struct
{
  CommandType      type;
  GlossAnnotation *annotation;
  GlossRelation   *relation;
  Snapshot         before;
  Snapshot         after;
  /* Where an orphan sat in the orphans list when it left it, so that undo
   * puts it back in the same place rather than at the end. */
  guint            orphan_position;
} Command;

struct _GlossAnnotationSet
{
  GObject        parent_instance;

  GlossDocument *document;

  GPtrArray     *placed;            /* GlossAnnotation, sorted */
  GListStore    *orphans;           /* GlossAnnotation, load order */
  GListStore    *relations;         /* GlossRelation, sorted */
  GHashTable    *annotations_by_id; /* id → GlossAnnotation, placed and orphaned */
  GHashTable    *relations_by_id;   /* id → GlossRelation */
  /* annotation id → GPtrArray of the GlossRelation from or to it, in
   * relation order: a row asks for its speaker on every bind. */
  GHashTable    *relations_by_annotation;
  GlossLabelSet *labels;            /* whose relation rules apply; never NULL */

  /* The spans of @placed, position by position, for overlap queries. */
  GlossSpanIndex *spans;

  GlossAnnotationHistory *history; /* of Command */
  /* What the last undo or redo is about (see get_last_replayed()), while
   * one runs and after; NULL once another edit is made. */
  GlossAnnotation *replayed;
  gboolean       replayed_is_annotation; /* not only guessed from a relation */
  gboolean       replaying;
  gboolean       loading;           /* load() or take_contents() at work */
  guint64        change_serial;
  gboolean       read_only;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GlossAnnotationSet, gloss_annotation_set, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_N_ANNOTATIONS,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_READ_ONLY,
  N_PROPS
};

enum {
  ANNOTATION_CHANGED,
  RELATIONS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------ */
/* Commands: construction and destruction                              */
/* ------------------------------------------------------------------ */

static void
snapshot_clear (Snapshot *snapshot)
{
  g_clear_pointer (&snapshot->label, g_free);
  g_clear_pointer (&snapshot->note, g_free);
  g_clear_pointer (&snapshot->attributes, g_variant_unref);
  g_clear_pointer (&snapshot->exact, g_free);
  g_clear_pointer (&snapshot->prefix, g_free);
  g_clear_pointer (&snapshot->suffix, g_free);
  g_clear_pointer (&snapshot->modified, g_free);
}

static void
snapshot_take (Snapshot        *snapshot,
               GlossAnnotation *annotation)
{
  snapshot->label = g_strdup (gloss_annotation_get_label (annotation));
  snapshot->note = g_strdup (gloss_annotation_get_note (annotation));
  snapshot->attributes = gloss_annotation_peek_attributes (annotation);
  if (snapshot->attributes != NULL)
    g_variant_ref (snapshot->attributes);
  snapshot->exact = g_strdup (gloss_annotation_get_exact (annotation));
  snapshot->prefix = g_strdup (gloss_annotation_get_prefix (annotation));
  snapshot->suffix = g_strdup (gloss_annotation_get_suffix (annotation));
  snapshot->modified = g_strdup (gloss_annotation_get_modified (annotation));
  snapshot->start = gloss_annotation_get_start (annotation);
  snapshot->end = gloss_annotation_get_end (annotation);
  snapshot->status = gloss_annotation_get_status (annotation);
}

static void
command_free (gpointer data)
{
  Command *command = data;

  g_clear_object (&command->annotation);
  g_clear_object (&command->relation);
  snapshot_clear (&command->before);
  snapshot_clear (&command->after);
  g_free (command);
}

static Command *
command_new (CommandType type)
{
  Command *command = g_new0 (Command, 1);

  command->type = type;

  return command;
}

static Command *
command_new_for_annotation (CommandType      type,
                            GlossAnnotation *annotation)
{
  Command *command = command_new (type);

  command->annotation = g_object_ref (annotation);

  return command;
}

static Command *
command_new_for_relation (CommandType    type,
                          GlossRelation *relation)
{
  Command *command = command_new (type);

  command->relation = g_object_ref (relation);

  return command;
}

/* A change command starts with both snapshots equal to the annotation as
 * it is now; the caller then edits @after. */
static Command *
command_new_change (GlossAnnotation *annotation)
{
  Command *command = command_new_for_annotation (COMMAND_CHANGE_ANNOTATION, annotation);

  snapshot_take (&command->before, annotation);
  snapshot_take (&command->after, annotation);

  return command;
}

/* ------------------------------------------------------------------ */
/* Small helpers                                                        */
/* ------------------------------------------------------------------ */

/* The sidecar's timestamp format: second precision, always UTC, "Z". */
static char *
utc_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static void
replace_string (char       **field,
                const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static char *describe_annotation (GlossAnnotation *annotation);

/* Every edit, undo and redo asks first, so a read-only set changes in
 * nothing at all (no history, no serial, no signal). */
static gboolean
check_writable (GlossAnnotationSet  *self,
                GError             **error)
{
  if (!self->read_only)
    return TRUE;

  g_set_error_literal (error, GLOSS_ERROR, GLOSS_ERROR_READ_ONLY,
                       _("These annotations are read-only: nothing was changed"));
  return FALSE;
}

static gboolean
contains_annotation (GlossAnnotationSet *self,
                     GlossAnnotation    *annotation)
{
  return g_hash_table_lookup (self->annotations_by_id,
                              gloss_annotation_get_id (annotation)) == annotation;
}

static gboolean
contains_relation (GlossAnnotationSet *self,
                   GlossRelation      *relation)
{
  return g_hash_table_lookup (self->relations_by_id,
                              gloss_relation_get_id (relation)) == relation;
}

/* Random ids can collide (a 1 % chance somewhere among ~10,000 spans),
 * so draw again until the id is free in this set. */
static char *
unique_annotation_id (GlossAnnotationSet *self)
{
  char *id = gloss_annotation_generate_id ();

  while (g_hash_table_contains (self->annotations_by_id, id))
    {
      g_free (id);
      id = gloss_annotation_generate_id ();
    }

  return id;
}

static char *
unique_relation_id (GlossAnnotationSet *self)
{
  char *id = gloss_relation_generate_id ();

  while (g_hash_table_contains (self->relations_by_id, id))
    {
      g_free (id);
      id = gloss_relation_generate_id ();
    }

  return id;
}

static int
compare_annotation_ptrs (gconstpointer a,
                         gconstpointer b)
{
  return gloss_annotation_compare (*(GlossAnnotation **)a, *(GlossAnnotation **)b);
}

static gboolean
is_sorted (GPtrArray *annotations)
{
  for (guint i = 1; i < annotations->len; i++)
    {
      if (gloss_annotation_values_compare (gloss_annotation_peek_values (annotations->pdata[i - 1]),
                                           gloss_annotation_peek_values (annotations->pdata[i])) > 0)
        return FALSE;
    }

  return TRUE;
}

/* The span index from the sorted placed annotations, in one go. */
static void
build_span_index (GlossAnnotationSet *self)
{
  guint n = self->placed->len;
  g_autofree guint *starts = g_new (guint, MAX (n, 1));
  g_autofree guint *ends = g_new (guint, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      const GlossAnnotationValues *values = gloss_annotation_peek_values (self->placed->pdata[i]);

      starts[i] = values->start;
      ends[i] = values->end;
    }
  gloss_span_index_build (self->spans, starts, ends, n);
}

static int
compare_relation_ptrs (gconstpointer a,
                       gconstpointer b)
{
  return gloss_relation_compare (*(GlossRelation **)a, *(GlossRelation **)b);
}

static int
compare_relations_cb (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  return gloss_relation_compare ((GlossRelation *)a, (GlossRelation *)b);
}

/* Spans must cover whole graphemes of the text: a highlight that splits
 * a flag or an accented letter cannot be drawn nor exported faithfully. */
static gboolean
check_range (GlossAnnotationSet  *self,
             guint                start,
             guint                end,
             GError             **error)
{
  guint length = gloss_document_get_length (self->document);

  if (start >= end)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_RANGE,
                   _("The span from %u to %u is empty or reversed"),
                   start, end);
      return FALSE;
    }

  if (end > length)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_RANGE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The span from %u to %u ends past the end of the text (%u character)",
                                "The span from %u to %u ends past the end of the text (%u characters)",
                                length),
                   start, end, length);
      return FALSE;
    }

  if (!gloss_document_is_grapheme_boundary (self->document, start))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_RANGE,
                   _("The span from %u to %u starts inside a character"),
                   start, end);
      return FALSE;
    }

  if (!gloss_document_is_grapheme_boundary (self->document, end))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_RANGE,
                   _("The span from %u to %u ends inside a character"),
                   start, end);
      return FALSE;
    }

  return TRUE;
}

/* The text and its surroundings at [start, end), as the sidecar stores
 * them so the span can be found again if the article is edited. */
static void
context_for_bounds (GlossAnnotationSet  *self,
                    guint                start,
                    guint                end,
                    char               **exact,
                    char               **prefix,
                    char               **suffix)
{
  guint length = gloss_document_get_length (self->document);
  guint clamped_end = MIN (end, length);
  guint prefix_start = start > GLOSS_CONTEXT_LENGTH ? start - GLOSS_CONTEXT_LENGTH : 0;
  guint suffix_end = length - clamped_end > GLOSS_CONTEXT_LENGTH
                     ? clamped_end + GLOSS_CONTEXT_LENGTH : length;

  *exact = gloss_document_dup_slice (self->document, start, end);
  *prefix = gloss_document_dup_slice (self->document, prefix_start, start);
  *suffix = gloss_document_dup_slice (self->document, clamped_end, suffix_end);
}

/* ------------------------------------------------------------------ */
/* The sorted array and the span index                                  */
/* ------------------------------------------------------------------ */

/* First position whose annotation does not sort before @annotation. */
static guint
lower_bound (GlossAnnotationSet *self,
             GlossAnnotation    *annotation)
{
  guint lo = 0;
  guint hi = self->placed->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (gloss_annotation_compare (g_ptr_array_index (self->placed, mid), annotation) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

static guint
insert_placed (GlossAnnotationSet *self,
               GlossAnnotation    *annotation)
{
  guint position = lower_bound (self, annotation);

  g_ptr_array_insert (self->placed, position, g_object_ref (annotation));
  gloss_span_index_insert (self->spans, position,
                           gloss_annotation_get_start (annotation),
                           gloss_annotation_get_end (annotation));

  return position;
}

static guint
remove_placed (GlossAnnotationSet *self,
               GlossAnnotation    *annotation)
{
  guint position = gloss_annotation_set_index_of (self, annotation);

  g_assert (position != G_MAXUINT);
  g_ptr_array_remove_index (self->placed, position);
  gloss_span_index_remove (self->spans, position);

  return position;
}

typedef struct
{
  GPtrArray *placed;
  GPtrArray *results;
} QueryClosure;

static void
add_placed_at (guint    position,
               gpointer user_data)
{
  QueryClosure *closure = user_data;

  g_ptr_array_add (closure->results, g_object_ref (g_ptr_array_index (closure->placed, position)));
}

/* Annotations with start <= @last and end > @first, i.e. those sharing at
 * least one code point with [first, last]. Taking the last code point
 * rather than an exclusive end avoids overflow at G_MAXUINT. */
static GPtrArray *
query_overlapping (GlossAnnotationSet *self,
                   guint               first,
                   guint               last)
{
  QueryClosure closure = {
    .placed = self->placed,
    .results = g_ptr_array_new_with_free_func (g_object_unref),
  };

  gloss_span_index_foreach_overlapping (self->spans, first, last, add_placed_at, &closure);

  return closure.results;
}

/* ------------------------------------------------------------------ */
/* Membership: annotations and relations entering and leaving the set   */
/* ------------------------------------------------------------------ */

/* These are only called from command_apply(), and the command holds its
 * own reference, so an object stays alive while it is between containers. */

static void
insert_annotation (GlossAnnotationSet *self,
                   GlossAnnotation    *annotation,
                   guint               orphan_position)
{
  g_hash_table_insert (self->annotations_by_id,
                       g_strdup (gloss_annotation_get_id (annotation)),
                       g_object_ref (annotation));

  if (gloss_annotation_is_orphaned (annotation))
    {
      guint n_orphans = g_list_model_get_n_items (G_LIST_MODEL (self->orphans));

      g_list_store_insert (self->orphans, MIN (orphan_position, n_orphans), annotation);
    }
  else
    {
      guint position = insert_placed (self, annotation);

      g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ANNOTATIONS]);
}

/* Returns where an orphan was in the orphans list (0 for placed ones). */
static guint
take_out_annotation (GlossAnnotationSet *self,
                     GlossAnnotation    *annotation)
{
  guint orphan_position = 0;

  if (gloss_annotation_is_orphaned (annotation))
    {
      if (!g_list_store_find (self->orphans, annotation, &orphan_position))
        g_assert_not_reached ();
      g_list_store_remove (self->orphans, orphan_position);
    }
  else
    {
      guint position = remove_placed (self, annotation);

      g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
    }

  g_hash_table_remove (self->annotations_by_id, gloss_annotation_get_id (annotation));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ANNOTATIONS]);

  return orphan_position;
}

/* The relation index: each relation is listed under its from and its to
 * (once when both are the same id), each list in relation order. Lists are
 * short (a quote has a speaker or two), so a linear insert is enough. */
static void
index_relation_under (GlossAnnotationSet *self,
                      const char         *annotation_id,
                      GlossRelation      *relation)
{
  GPtrArray *relations = g_hash_table_lookup (self->relations_by_annotation, annotation_id);
  guint position;

  if (relations == NULL)
    {
      relations = g_ptr_array_new_with_free_func (g_object_unref);
      g_hash_table_insert (self->relations_by_annotation, g_strdup (annotation_id), relations);
    }

  for (position = relations->len; position > 0; position--)
    if (gloss_relation_compare (g_ptr_array_index (relations, position - 1), relation) <= 0)
      break;
  g_ptr_array_insert (relations, position, g_object_ref (relation));
}

static void
unindex_relation_under (GlossAnnotationSet *self,
                        const char         *annotation_id,
                        GlossRelation      *relation)
{
  GPtrArray *relations = g_hash_table_lookup (self->relations_by_annotation, annotation_id);

  g_assert (relations != NULL);
  if (!g_ptr_array_remove (relations, relation))
    g_assert_not_reached ();
  if (relations->len == 0)
    g_hash_table_remove (self->relations_by_annotation, annotation_id);
}

static void
index_relation (GlossAnnotationSet *self,
                GlossRelation      *relation)
{
  const char *from = gloss_relation_get_from (relation);
  const char *to = gloss_relation_get_to (relation);

  index_relation_under (self, from, relation);
  if (!g_str_equal (from, to))
    index_relation_under (self, to, relation);
}

static void
unindex_relation (GlossAnnotationSet *self,
                  GlossRelation      *relation)
{
  const char *from = gloss_relation_get_from (relation);
  const char *to = gloss_relation_get_to (relation);

  unindex_relation_under (self, from, relation);
  if (!g_str_equal (from, to))
    unindex_relation_under (self, to, relation);
}

/* The relations from or to @annotation_id, in relation order; NULL for
 * none. */
static GPtrArray *
indexed_relations_of (GlossAnnotationSet *self,
                      const char         *annotation_id)
{
  return g_hash_table_lookup (self->relations_by_annotation, annotation_id);
}

static void
insert_relation (GlossAnnotationSet *self,
                 GlossRelation      *relation)
{
  g_hash_table_insert (self->relations_by_id,
                       (gpointer)gloss_relation_get_id (relation),
                       g_object_ref (relation));
  index_relation (self, relation);
  g_list_store_insert_sorted (self->relations, relation, compare_relations_cb, NULL);
  g_signal_emit (self, signals[RELATIONS_CHANGED], 0);
}

static void
take_out_relation (GlossAnnotationSet *self,
                   GlossRelation      *relation)
{
  guint position;

  if (!g_list_store_find (self->relations, relation, &position))
    g_assert_not_reached ();
  g_list_store_remove (self->relations, position);
  unindex_relation (self, relation);
  g_hash_table_remove (self->relations_by_id, gloss_relation_get_id (relation));
  g_signal_emit (self, signals[RELATIONS_CHANGED], 0);
}

static gboolean
attributes_equal (GVariant *a,
                  GVariant *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return g_variant_equal (a, b);
}

/* Put @snapshot's values on @annotation, moving it between the list, its
 * sorted position and the orphans as needed. A placed annotation whose
 * sort keys change is removed at its old position and added at its new
 * one, with an items-changed for each, so the model is consistent
 * whenever a listener looks at it. The attributes are put back only by
 * a command that changed them: a change of label or note leaves them as
 * they are, whatever was done to them since (a loader, or the review
 * window giving a new gold span its versions' attributes after its note,
 * sets them on the annotation directly). */
static void
apply_snapshot (GlossAnnotationSet *self,
                GlossAnnotation    *annotation,
                const Snapshot     *snapshot,
                gboolean            touch_attributes,
                guint              *orphan_position)
{
  gboolean was_placed = !gloss_annotation_is_orphaned (annotation);
  gboolean will_be_placed = snapshot->status != GLOSS_ANCHOR_ORPHANED;
  gboolean keys_change = snapshot->start != gloss_annotation_get_start (annotation)
                         || snapshot->end != gloss_annotation_get_end (annotation)
                         || g_strcmp0 (snapshot->label, gloss_annotation_get_label (annotation)) != 0;

  if (was_placed && (keys_change || !will_be_placed))
    {
      guint position = remove_placed (self, annotation);

      g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
    }
  else if (!was_placed && will_be_placed)
    {
      if (!g_list_store_find (self->orphans, annotation, orphan_position))
        g_assert_not_reached ();
      g_list_store_remove (self->orphans, *orphan_position);
    }

  g_object_freeze_notify (G_OBJECT (annotation));
  gloss_annotation_set_label (annotation, snapshot->label);
  gloss_annotation_set_note (annotation, snapshot->note);
  if (touch_attributes
      && !attributes_equal (snapshot->attributes, gloss_annotation_peek_attributes (annotation)))
    gloss_annotation_take_attributes (annotation,
                                      snapshot->attributes != NULL
                                      ? g_variant_ref (snapshot->attributes) : NULL);
  gloss_annotation_set_bounds (annotation, snapshot->start, snapshot->end);
  gloss_annotation_set_exact (annotation, snapshot->exact);
  gloss_annotation_set_prefix (annotation, snapshot->prefix);
  gloss_annotation_set_suffix (annotation, snapshot->suffix);
  gloss_annotation_set_modified (annotation, snapshot->modified);
  gloss_annotation_set_status (annotation, snapshot->status);

  if (will_be_placed && (keys_change || !was_placed))
    {
      guint position = insert_placed (self, annotation);

      g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
    }
  else if (was_placed && !will_be_placed)
    {
      guint n_orphans = g_list_model_get_n_items (G_LIST_MODEL (self->orphans));

      g_list_store_insert (self->orphans, MIN (*orphan_position, n_orphans), annotation);
    }

  /* Property notifications go out once the annotation is back in its
   * container, so a handler that looks it up (index_of) finds it. */
  g_object_thaw_notify (G_OBJECT (annotation));

  g_signal_emit (self, signals[ANNOTATION_CHANGED], 0, annotation);
}

/* ------------------------------------------------------------------ */
/* Applying and recording commands                                      */
/* ------------------------------------------------------------------ */

/* While an undo or redo runs, remember the annotation it is about: one it
 * brings back or changes wins over the one a relation starts from; the
 * first of either kind wins over later ones. Annotations taken out are
 * not noted (there is nothing to show). */
static void
note_replayed (GlossAnnotationSet *self,
               GlossAnnotation    *annotation,
               gboolean            is_annotation)
{
  if (!self->replaying || annotation == NULL)
    return;

  if (self->replayed != NULL && (self->replayed_is_annotation || !is_annotation))
    return;

  g_set_object (&self->replayed, annotation);
  self->replayed_is_annotation = is_annotation;
}

/* Apply @command forwards (do, redo) or backwards (undo). Adding and
 * removing are each other's inverse, so both map onto one membership
 * change in the right direction. The history calls it too. */
static void
command_apply (gpointer data,
               gboolean forward,
               gpointer user_data)
{
  GlossAnnotationSet *self = user_data;
  Command *command = data;

  switch (command->type)
    {
    case COMMAND_ADD_ANNOTATION:
    case COMMAND_REMOVE_ANNOTATION:
      if ((command->type == COMMAND_ADD_ANNOTATION) == forward)
        {
          insert_annotation (self, command->annotation, command->orphan_position);
          note_replayed (self, command->annotation, TRUE);
        }
      else
        command->orphan_position = take_out_annotation (self, command->annotation);
      break;

    case COMMAND_CHANGE_ANNOTATION:
      apply_snapshot (self, command->annotation,
                      forward ? &command->after : &command->before,
                      !attributes_equal (command->before.attributes, command->after.attributes),
                      &command->orphan_position);
      note_replayed (self, command->annotation, TRUE);
      break;

    case COMMAND_ADD_RELATION:
    case COMMAND_REMOVE_RELATION:
      if ((command->type == COMMAND_ADD_RELATION) == forward)
        insert_relation (self, command->relation);
      else
        take_out_relation (self, command->relation);
      /* A speaker changed back: the quote is what the step was about. */
      note_replayed (self,
                     gloss_annotation_set_lookup (self, gloss_relation_get_from (command->relation)),
                     FALSE);
      break;

    default:
      g_assert_not_reached ();
    }
}

/* Emit notify for can-undo/can-redo only when they actually flip, so
 * action states bound to them do not churn. @could_undo and @could_redo
 * are the public values from before (read-only included). */
static void
notify_history (GlossAnnotationSet *self,
                gboolean            could_undo,
                gboolean            could_redo)
{
  if (could_undo != gloss_annotation_set_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);

  if (could_redo != gloss_annotation_set_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

/* Do @command (taking ownership) and record it; recording drops the redo
 * steps, even inside a group. */
static void
perform (GlossAnnotationSet *self,
         Command            *command)
{
  gboolean could_undo = gloss_annotation_set_can_undo (self);
  gboolean could_redo = gloss_annotation_set_can_redo (self);

  /* Counted first, so handlers of the signals the edit emits already see
   * the set as changed (the sidecar's "dirty" reads the serial). */
  self->change_serial++;
  g_clear_object (&self->replayed);
  command_apply (command, TRUE, self);
  gloss_annotation_history_record (self->history, command);

  notify_history (self, could_undo, could_redo);
}

static void
clear_history (GlossAnnotationSet *self)
{
  gboolean could_undo = gloss_annotation_set_can_undo (self);
  gboolean could_redo = gloss_annotation_set_can_redo (self);

  gloss_annotation_history_clear (self->history);
  g_clear_object (&self->replayed);
  notify_history (self, could_undo, could_redo);
}

/* ------------------------------------------------------------------ */
/* GListModel                                                           */
/* ------------------------------------------------------------------ */

static GType
gloss_annotation_set_get_item_type (GListModel *model)
{
  return GLOSS_TYPE_ANNOTATION;
}

static guint
gloss_annotation_set_get_n_items (GListModel *model)
{
  GlossAnnotationSet *self = GLOSS_ANNOTATION_SET (model);

  return self->placed->len;
}

static gpointer
gloss_annotation_set_get_item (GListModel *model,
                               guint       position)
{
  GlossAnnotationSet *self = GLOSS_ANNOTATION_SET (model);

  if (position >= self->placed->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->placed, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = gloss_annotation_set_get_item_type;
  iface->get_n_items = gloss_annotation_set_get_n_items;
  iface->get_item = gloss_annotation_set_get_item;
}

/* ------------------------------------------------------------------ */
/* GObject                                                              */
/* ------------------------------------------------------------------ */

static void
gloss_annotation_set_dispose (GObject *object)
{
  GlossAnnotationSet *self = (GlossAnnotationSet *)object;

  g_clear_object (&self->document);
  g_clear_object (&self->labels);
  g_clear_object (&self->replayed);

  G_OBJECT_CLASS (gloss_annotation_set_parent_class)->dispose (object);
}

/* The containers only reference annotations and relations, which never
 * reference the set back, so there is no cycle for dispose to break and
 * they can live until finalize (keeping the model readable meanwhile). */
static void
gloss_annotation_set_finalize (GObject *object)
{
  GlossAnnotationSet *self = (GlossAnnotationSet *)object;

  g_clear_pointer (&self->history, gloss_annotation_history_free);
  g_clear_pointer (&self->annotations_by_id, g_hash_table_unref);
  g_clear_pointer (&self->relations_by_id, g_hash_table_unref);
  g_clear_pointer (&self->relations_by_annotation, g_hash_table_unref);
  g_clear_pointer (&self->placed, g_ptr_array_unref);
  g_clear_object (&self->orphans);
  g_clear_object (&self->relations);
  g_clear_pointer (&self->spans, gloss_span_index_unref);

  G_OBJECT_CLASS (gloss_annotation_set_parent_class)->finalize (object);
}

static void
gloss_annotation_set_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  GlossAnnotationSet *self = GLOSS_ANNOTATION_SET (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    case PROP_N_ANNOTATIONS:
      g_value_set_uint (value, gloss_annotation_set_get_n_annotations (self));
      break;

    case PROP_CAN_UNDO:
      g_value_set_boolean (value, gloss_annotation_set_can_undo (self));
      break;

    case PROP_CAN_REDO:
      g_value_set_boolean (value, gloss_annotation_set_can_redo (self));
      break;

    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_annotation_set_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  GlossAnnotationSet *self = GLOSS_ANNOTATION_SET (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      self->document = g_value_dup_object (value);
      break;

    case PROP_READ_ONLY:
      gloss_annotation_set_set_read_only (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_annotation_set_class_init (GlossAnnotationSetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gloss_annotation_set_dispose;
  object_class->finalize = gloss_annotation_set_finalize;
  object_class->get_property = gloss_annotation_set_get_property;
  object_class->set_property = gloss_annotation_set_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         GLOSS_TYPE_DOCUMENT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* Placed and orphaned together: everything that will be saved. */
  properties[PROP_N_ANNOTATIONS] =
    g_param_spec_uint ("n-annotations", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Set by the session when it will not write the sidecar: every edit,
   * undo and redo is then refused with GLOSS_ERROR_READ_ONLY. Loading
   * still works (the file may be re-read). */
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ANNOTATION_CHANGED] =
    g_signal_new ("annotation-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, GLOSS_TYPE_ANNOTATION);

  signals[RELATIONS_CHANGED] =
    g_signal_new ("relations-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);
}

static void
gloss_annotation_set_init (GlossAnnotationSet *self)
{
  self->placed = g_ptr_array_new_with_free_func (g_object_unref);
  self->orphans = g_list_store_new (GLOSS_TYPE_ANNOTATION);
  self->relations = g_list_store_new (GLOSS_TYPE_RELATION);
  /* The table owns its keys: an annotation's id lives in its values
   * block, which an edit copies (and so moves) while a save holds the old
   * one, and the save frees that in its thread. */
  self->annotations_by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  /* Keys are the relations' own construct-only ids, alive as long as the
   * value reference the table holds. */
  self->relations_by_id = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  self->relations_by_annotation = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                         g_free, (GDestroyNotify)g_ptr_array_unref);
  self->history = gloss_annotation_history_new (command_apply, command_free, self);
  self->spans = gloss_span_index_new ();
  self->labels = gloss_label_set_get_builtin ();
}

/* ------------------------------------------------------------------ */
/* Public API: construction and access                                  */
/* ------------------------------------------------------------------ */

GlossAnnotationSet *
gloss_annotation_set_new (GlossDocument *document)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (document), NULL);

  return g_object_new (GLOSS_TYPE_ANNOTATION_SET,
                       "document", document,
                       NULL);
}

/**
 * gloss_annotation_set_get_document:
 *
 * Returns: (transfer none): the article the offsets refer to
 */
GlossDocument *
gloss_annotation_set_get_document (GlossAnnotationSet *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (self), NULL);

  return self->document;
}

/**
 * gloss_annotation_set_get_orphans:
 *
 * Returns: (transfer none): a #GListModel of orphaned #GlossAnnotation
 */
GListModel *
gloss_annotation_set_get_orphans (GlossAnnotationSet *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (self), NULL);

  return G_LIST_MODEL (self->orphans);
}

/**
 * gloss_annotation_set_get_relations:
 *
 * Returns: (transfer none): a #GListModel of #GlossRelation
 */
GListModel *
gloss_annotation_set_get_relations (GlossAnnotationSet *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (self), NULL);

  return G_LIST_MODEL (self->relations);
}

/* All annotations, placed and orphaned (the list model has the placed
 * ones only; use g_list_model_get_n_items() for those). */
guint
gloss_annotation_set_get_n_annotations (GlossAnnotationSet *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (self), 0);

  return g_hash_table_size (self->annotations_by_id);
}

/**
 * gloss_annotation_set_lookup:
 *
 * Returns: (transfer none) (nullable): the annotation, placed or orphaned
 */
GlossAnnotation *
gloss_annotation_set_lookup (GlossAnnotationSet *self,
                             const char         *id)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return g_hash_table_lookup (self->annotations_by_id, id);
}

/**
 * gloss_annotation_set_lookup_relation:
 *
 * Returns: (transfer none) (nullable): the relation
 */
GlossRelation *
gloss_annotation_set_lookup_relation (GlossAnnotationSet *self,
                                      const char         *id)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return g_hash_table_lookup (self->relations_by_id, id);
}

/**
 * gloss_annotation_set_relations_of:
 *
 * Returns: (transfer full) (element-type GlossRelation): relations from
 *   or to @annotation_id, in relation order
 */
GPtrArray *
gloss_annotation_set_relations_of (GlossAnnotationSet *self,
                                   const char         *annotation_id)
{
  GPtrArray *indexed;
  GPtrArray *results;

  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (self), NULL);
  g_return_val_if_fail (annotation_id != NULL, NULL);

  indexed = indexed_relations_of (self, annotation_id);
  results = g_ptr_array_new_full (indexed != NULL ? indexed->len : 0, g_object_unref);
  for (guint i = 0; indexed != NULL && i < indexed->len; i++)
    g_ptr_array_add (results, g_object_ref (g_ptr_array_index (indexed, i)));

  return results;
}

/* ------------------------------------------------------------------ */
/* Loading                                                              */
/* ------------------------------------------------------------------ */

/* Sorting once at the end (rather than inserting each in place) keeps a
 * 100,000-span sidecar at O(n log n), and one items-changed lets a view
 * rebuild once. Duplicate ids are the loader's to report; here they are
 * skipped so the id table stays consistent. */
/* The annotation with @id among those loaded so far. */
static GlossAnnotation *
find_loaded (GPtrArray  *placed,
             GPtrArray  *orphans,
             const char *id)
{
  GPtrArray *arrays[] = { placed, orphans };

  for (guint a = 0; a < G_N_ELEMENTS (arrays); a++)
    for (guint i = 0; i < arrays[a]->len; i++)
      if (strcmp (gloss_annotation_get_id (arrays[a]->pdata[i]), id) == 0)
        return arrays[a]->pdata[i];

  g_assert_not_reached ();
}

static void
load_annotations (GlossAnnotationSet *self,
                  GPtrArray          *annotations)
{
  g_autoptr(GPtrArray) orphans = g_ptr_array_new ();
  guint old_n_placed = self->placed->len;
  guint old_n_orphans = g_list_model_get_n_items (G_LIST_MODEL (self->orphans));

  /* Loading replaces what was there (a reload after the file changed on
   * disk). The placed array still holds a reference to each old annotation
   * while the table, whose keys are their ids, is emptied. */
  g_hash_table_remove_all (self->annotations_by_id);
  g_ptr_array_set_size (self->placed, 0);

  for (guint i = 0; i < annotations->len; i++)
    {
      GlossAnnotation *annotation = g_ptr_array_index (annotations, i);
      const char *id = gloss_annotation_get_id (annotation);

      /* One probe of the table, not two (100,000 ids): a duplicate, which
       * a sidecar's reader never lets through, replaced the first one's
       * entry, which is put back. */
      if (!g_hash_table_insert (self->annotations_by_id, g_strdup (id), g_object_ref (annotation)))
        {
          GlossAnnotation *first = find_loaded (self->placed, orphans, id);

          g_warning ("Skipping annotation with duplicate id “%s”", id);
          g_hash_table_insert (self->annotations_by_id, g_strdup (gloss_annotation_get_id (first)),
                               g_object_ref (first));
          continue;
        }

      if (gloss_annotation_is_orphaned (annotation))
        g_ptr_array_add (orphans, annotation);
      else
        g_ptr_array_add (self->placed, g_object_ref (annotation));
    }

  /* A sidecar Gloss wrote is in this order already: one pass to see it
   * is, rather than a sort (100,000 annotations: ~10 ms). */
  if (!is_sorted (self->placed))
    g_ptr_array_sort (self->placed, compare_annotation_ptrs);
  build_span_index (self);
  if (old_n_placed > 0 || self->placed->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n_placed, self->placed->len);

  if (old_n_orphans > 0 || orphans->len > 0)
    g_list_store_splice (self->orphans, 0, old_n_orphans, orphans->pdata, orphans->len);
}

static void
load_relations (GlossAnnotationSet *self,
                GPtrArray          *relations)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
  guint old_n = g_list_model_get_n_items (G_LIST_MODEL (self->relations));

  /* Replaces what was there, like load_annotations(); the store keeps the
   * old relations (and so their id keys) alive until the splice. */
  g_hash_table_remove_all (self->relations_by_id);
  g_hash_table_remove_all (self->relations_by_annotation);

  for (guint i = 0; i < relations->len; i++)
    {
      GlossRelation *relation = g_ptr_array_index (relations, i);
      const char *id = gloss_relation_get_id (relation);

      if (g_hash_table_contains (self->relations_by_id, id))
        {
          g_warning ("Skipping relation with duplicate id “%s”", id);
          continue;
        }

      g_hash_table_insert (self->relations_by_id, (gpointer)id, g_object_ref (relation));
      g_ptr_array_add (all, g_object_ref (relation));
    }

  if (all->len == 0 && old_n == 0)
    return;

  g_ptr_array_sort (all, compare_relation_ptrs);
  /* In relation order, so each list of the index is too. */
  for (guint i = 0; i < all->len; i++)
    index_relation (self, g_ptr_array_index (all, i));
  g_list_store_splice (self->relations, 0, old_n, all->pdata, all->len);
  g_signal_emit (self, signals[RELATIONS_CHANGED], 0);
}

/**
 * gloss_annotation_set_load:
 * @annotations: (element-type GlossAnnotation) (nullable): annotations to add
 * @relations: (element-type GlossRelation) (nullable): relations to add
 *
 * Replaces the contents with these annotations and relations, as they
 * are, taking references (a first load, or a reload). This is
 * not an edit: it is not undoable, does not change the change serial, and
 * clears the undo history, since the loaded state is the new baseline.
 */
void
gloss_annotation_set_load (GlossAnnotationSet *self,
                           GPtrArray          *annotations,
                           GPtrArray          *relations)
{
  guint old_n_annotations;

  g_return_if_fail (GLOSS_IS_ANNOTATION_SET (self));
  g_return_if_fail (!gloss_annotation_history_in_group (self->history));

  old_n_annotations = gloss_annotation_set_get_n_annotations (self);
  self->loading = TRUE;

  {
    g_autoptr(GPtrArray) none = g_ptr_array_new ();

    load_annotations (self, annotations != NULL ? annotations : none);
    load_relations (self, relations != NULL ? relations : none);
  }

  clear_history (self);

  if (old_n_annotations != gloss_annotation_set_get_n_annotations (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ANNOTATIONS]);
  self->loading = FALSE;
}

/* The items of @store, its references taken, and @store emptied. */
static GPtrArray *
steal_items (GListStore *store)
{
  GListModel *model = G_LIST_MODEL (store);
  guint n = g_list_model_get_n_items (model);
  GPtrArray *items = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (model, i));
  g_list_store_remove_all (store);

  return items;
}

#define SWAP_POINTERS(a, b) G_STMT_START { gpointer tmp_ = (a); (a) = (b); (b) = tmp_; } G_STMT_END

/* The items of @store with their references, @store left as it is. */
static GPtrArray *
store_items (GListStore *store)
{
  GListModel *model = G_LIST_MODEL (store);
  guint n = g_list_model_get_n_items (model);
  GPtrArray *items = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (model, i));

  return items;
}

/* What a reload changes in one sequence of annotations: the old and the
 * new agree (by value) on their first @prefix and last @suffix items, and
 * the rest, @n_old items of the old replaced by @n_new of the new from
 * position @prefix, is what changed. */
typedef struct
{
  guint prefix;
  guint suffix;
  guint n_old;
  guint n_new;
} Change;

static Change
find_change (GPtrArray *old,
             GPtrArray *new)
{
  guint n = MIN (old->len, new->len);
  Change change = { 0, };

  while (change.prefix < n
         && gloss_annotation_equal (old->pdata[change.prefix], new->pdata[change.prefix]))
    change.prefix++;

  while (change.prefix + change.suffix < n
         && gloss_annotation_equal (old->pdata[old->len - 1 - change.suffix],
                                    new->pdata[new->len - 1 - change.suffix]))
    change.suffix++;

  change.n_old = old->len - change.prefix - change.suffix;
  change.n_new = new->len - change.prefix - change.suffix;

  return change;
}

static inline gboolean
change_is_empty (const Change *change)
{
  return change->n_old == 0 && change->n_new == 0;
}

/* Calls @func with each pair of annotations a change keeps: old, new. */
typedef void (*KeptFunc) (GlossAnnotationSet *self,
                          GlossAnnotationSet *other,
                          GlossAnnotation   **old,
                          GlossAnnotation   **new);

static void
foreach_kept (GlossAnnotationSet *self,
              GlossAnnotationSet *other,
              GPtrArray          *old,
              GPtrArray          *new,
              const Change       *change,
              KeptFunc            func)
{
  for (guint i = 0; i < change->prefix; i++)
    func (self, other, (GlossAnnotation **) &old->pdata[i], (GlossAnnotation **) &new->pdata[i]);
  for (guint i = 1; i <= change->suffix; i++)
    func (self, other, (GlossAnnotation **) &old->pdata[old->len - i],
          (GlossAnnotation **) &new->pdata[new->len - i]);
}

/* The id tables just swapped: ours (the other set's until now) maps the
 * id to the new annotation, @other's to the old one we keep. The two
 * entries exchange their annotations (each table owns its keys, which
 * stay), so ours holds the kept one and @other, dropped in another thread
 * after a reload, none that we still show. */
static void
keep_in_id_tables (GlossAnnotationSet  *self,
                   GlossAnnotationSet  *other,
                   GlossAnnotation    **old,
                   GlossAnnotation    **new)
{
  const char *id = gloss_annotation_get_id (*old);
  gpointer our_key, our_value, other_key, other_value;

  if (!g_hash_table_steal_extended (self->annotations_by_id, id, &our_key, &our_value)
      || !g_hash_table_steal_extended (other->annotations_by_id, id, &other_key, &other_value))
    g_assert_not_reached ();

  g_hash_table_insert (self->annotations_by_id, our_key, other_value);
  g_hash_table_insert (other->annotations_by_id, other_key, our_value);
}

/* Takes the entries of @n of @annotations from @first out of @table,
 * keys and references, onto @entries. */
static void
steal_ids (GHashTable   *table,
           GPtrArray    *annotations,
           guint         first,
           guint         n,
           GPtrArray    *entries)
{
  for (guint i = first; i < first + n; i++)
    {
      gpointer key, value;

      if (!g_hash_table_steal_extended (table, gloss_annotation_get_id (annotations->pdata[i]),
                                        &key, &value))
        g_assert_not_reached ();
      g_ptr_array_add (entries, key);
      g_ptr_array_add (entries, value);
    }
}

static void
insert_entries (GHashTable *table,
                GPtrArray  *entries)
{
  for (guint i = 0; i < entries->len; i += 2)
    g_hash_table_insert (table, entries->pdata[i], entries->pdata[i + 1]);
}

/* The id table for the reload's annotations, with the old objects where
 * they are kept: ours with the entries of what changed exchanged with the
 * other set's, or, when more changed than stayed, the other set's with
 * the entries of what stayed exchanged, whichever touches fewer entries.
 * Either way @other is left with the entries of what it is left with,
 * and none of what we keep: it is dropped in another thread. */
static void
take_id_table (GlossAnnotationSet *self,
               GlossAnnotationSet *other,
               const Change       *placed,
               const Change       *orphans,
               GPtrArray          *old_orphans,
               GPtrArray          *new_orphans)
{
  guint n_changed = placed->n_old + placed->n_new + orphans->n_old + orphans->n_new;
  guint n_kept = placed->prefix + placed->suffix + orphans->prefix + orphans->suffix;

  if (n_changed <= 2 * n_kept)
    {
      g_autoptr(GPtrArray) old_entries = g_ptr_array_sized_new (2 * (placed->n_old + orphans->n_old));
      g_autoptr(GPtrArray) new_entries = g_ptr_array_sized_new (2 * (placed->n_new + orphans->n_new));

      /* The entries change tables, keys and references with them: both
       * out first, as an id may be in both (changed, or moved between
       * the placed and the orphans). */
      steal_ids (self->annotations_by_id, self->placed, placed->prefix, placed->n_old, old_entries);
      steal_ids (self->annotations_by_id, old_orphans, orphans->prefix, orphans->n_old, old_entries);
      steal_ids (other->annotations_by_id, other->placed, placed->prefix, placed->n_new, new_entries);
      steal_ids (other->annotations_by_id, new_orphans, orphans->prefix, orphans->n_new, new_entries);
      insert_entries (self->annotations_by_id, new_entries);
      insert_entries (other->annotations_by_id, old_entries);
    }
  else
    {
      SWAP_POINTERS (self->annotations_by_id, other->annotations_by_id);
      foreach_kept (self, other, self->placed, other->placed, placed, keep_in_id_tables);
      foreach_kept (self, other, old_orphans, new_orphans, orphans, keep_in_id_tables);
    }
}

static void
exchange (GlossAnnotationSet  *self,
          GlossAnnotationSet  *other,
          GlossAnnotation    **old,
          GlossAnnotation    **new)
{
  SWAP_POINTERS (*old, *new);
}

/* Whether @self and @other hold relations that are written the same.
 * Through the id tables, not the stores (a GListStore's items are a
 * walk through a tree): the same ids with equal relations are the same
 * sorted list. */
static gboolean
relations_equal (GlossAnnotationSet *self,
                 GlossAnnotationSet *other)
{
  GHashTableIter iter;
  gpointer value;

  if (g_hash_table_size (self->relations_by_id) != g_hash_table_size (other->relations_by_id))
    return FALSE;

  g_hash_table_iter_init (&iter, other->relations_by_id);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GlossRelation *y = value;
      GlossRelation *x = g_hash_table_lookup (self->relations_by_id, gloss_relation_get_id (y));

      if (x == NULL
          || strcmp (gloss_relation_get_rel_type (x), gloss_relation_get_rel_type (y)) != 0
          || strcmp (gloss_relation_get_from (x), gloss_relation_get_from (y)) != 0
          || strcmp (gloss_relation_get_to (x), gloss_relation_get_to (y)) != 0
          || !gloss_json_object_equal (gloss_relation_get_extra (x), gloss_relation_get_extra (y)))
        return FALSE;
    }

  return TRUE;
}

/* A reload touches what changed only: an annotation equal by value to one
 * we have (most of them, after an edit elsewhere) stays the same object,
 * so the views, the selection and the sidebar's rows keep theirs, and the
 * list model tells of the changed range alone (at 100,000 annotations
 * GTK's handling of as many removed and added items, and the sidebar's
 * lookups after it, was most of a reload's stall). Placed and orphaned
 * annotations are compared from both ends (a pass over each array);
 * relations are kept when all are equal, else replaced. */
void
gloss_annotation_set_take_contents (GlossAnnotationSet *self,
                                    GlossAnnotationSet *other)
{
  g_autoptr(GPtrArray) old_orphans = NULL;
  g_autoptr(GPtrArray) new_orphans = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  guint old_n_annotations, old_n_relations;
  Change placed, orphans;

  g_return_if_fail (GLOSS_IS_ANNOTATION_SET (self));
  g_return_if_fail (GLOSS_IS_ANNOTATION_SET (other));
  g_return_if_fail (self != other);
  g_return_if_fail (self->document == other->document);
  g_return_if_fail (!gloss_annotation_history_in_group (self->history));

  old_n_annotations = gloss_annotation_set_get_n_annotations (self);
  old_n_relations = g_list_model_get_n_items (G_LIST_MODEL (self->relations));
  self->loading = TRUE;

  /* The stores may be held by others (the orphan list): they stay ours. */
  old_orphans = store_items (self->orphans);
  new_orphans = steal_items (other->orphans);
  placed = find_change (self->placed, other->placed);
  orphans = find_change (old_orphans, new_orphans);

  take_id_table (self, other, &placed, &orphans, old_orphans, new_orphans);

  /* The other set's sorted array, equal by value to ours where kept, and
   * its span index, which only holds the spans; ours go to @other. */
  if (!change_is_empty (&placed))
    {
      foreach_kept (self, other, self->placed, other->placed, &placed, exchange);
      SWAP_POINTERS (self->placed, other->placed);
      SWAP_POINTERS (self->spans, other->spans);
    }

  if (!relations_equal (self, other))
    {
      SWAP_POINTERS (self->relations_by_id, other->relations_by_id);
      SWAP_POINTERS (self->relations_by_annotation, other->relations_by_annotation);
      relations = steal_items (other->relations);
    }

  if (!change_is_empty (&placed))
    g_list_model_items_changed (G_LIST_MODEL (self), placed.prefix, placed.n_old, placed.n_new);
  if (!change_is_empty (&orphans))
    g_list_store_splice (self->orphans, orphans.prefix, orphans.n_old,
                         new_orphans->pdata + orphans.prefix, orphans.n_new);
  if (relations != NULL && (old_n_relations > 0 || relations->len > 0))
    {
      g_list_store_splice (self->relations, 0, old_n_relations, relations->pdata, relations->len);
      g_signal_emit (self, signals[RELATIONS_CHANGED], 0);
    }

  clear_history (self);

  if (old_n_annotations != gloss_annotation_set_get_n_annotations (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ANNOTATIONS]);
  self->loading = FALSE;
}

#undef SWAP_POINTERS

/* ------------------------------------------------------------------ */
/* Queries                                                              */
/* ------------------------------------------------------------------ */

/**
 * gloss_annotation_set_at_offset:
 *
 * Returns: (transfer full) (element-type GlossAnnotation): placed
 *   annotations with start <= @offset < end, in document order
 */
GPtrArray *
gloss_annotation_set_at_offset (GlossAnnotationSet *self,
                                guint               offset)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (self), NULL);

  return query_overlapping (self, offset, offset);
}

/**
 * gloss_annotation_set_in_range:
 *
 * Returns: (transfer full) (element-type GlossAnnotation): placed
 *   annotations overlapping [@start, @end), in document order; for an
 *   empty range, those containing the point @start
 */
GPtrArray *
gloss_annotation_set_in_range (GlossAnnotationSet *self,
                               guint               start,
                               guint               end)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (self), NULL);
  g_return_val_if_fail (start <= end, NULL);

  /* An empty range is a caret: what it sits inside is what matters. */
  if (start == end)
    return query_overlapping (self, start, start);

  return query_overlapping (self, start, end - 1);
}

GlossAnnotation * const *
gloss_annotation_set_peek_span (GlossAnnotationSet *self,
                                guint               start,
                                guint               end,
                                guint              *n_found)
{
  guint lo = 0, hi, first;

  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (self), NULL);
  g_return_val_if_fail (n_found != NULL, NULL);

  /* The list is in gloss_annotation_compare() order: start, end, label, id. */
  hi = self->placed->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      GlossAnnotation *annotation = g_ptr_array_index (self->placed, mid);
      guint mid_start = gloss_annotation_get_start (annotation);

      if (mid_start < start || (mid_start == start && gloss_annotation_get_end (annotation) < end))
        lo = mid + 1;
      else
        hi = mid;
    }

  first = lo;
  while (lo < self->placed->len)
    {
      GlossAnnotation *annotation = g_ptr_array_index (self->placed, lo);

      if (gloss_annotation_get_start (annotation) != start || gloss_annotation_get_end (annotation) != end)
        break;
      lo++;
    }

  *n_found = lo - first;
  return lo > first ? (GlossAnnotation * const *) self->placed->pdata + first : NULL;
}

guint
gloss_annotation_set_index_of (GlossAnnotationSet *self,
                               GlossAnnotation    *annotation)
{
  guint position;

  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (self), G_MAXUINT);
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (annotation), G_MAXUINT);

  position = lower_bound (self, annotation);

  if (position < self->placed->len
      && g_ptr_array_index (self->placed, position) == annotation)
    return position;

  return G_MAXUINT;
}

/**
 * gloss_annotation_model_find:
 * @model: a #GListModel of #GlossAnnotation sorted by
 *   gloss_annotation_compare()
 * @annotation: the annotation to look for
 * @insertion_point: (out) (optional): where @annotation is, or would go
 *
 * Views filter the set (by label, say) and still need to find a row
 * without a linear walk; the filter keeps the set's order, so a binary
 * search works on it as on the set.
 *
 * Returns: the position of @annotation in @model, or %G_MAXUINT
 */
guint
gloss_annotation_model_find (GListModel      *model,
                             GlossAnnotation *annotation,
                             guint           *insertion_point)
{
  guint n_items;
  guint low = 0;
  guint high;
  gboolean found = FALSE;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), G_MAXUINT);
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (annotation), G_MAXUINT);

  n_items = g_list_model_get_n_items (model);
  high = n_items;
  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      g_autoptr(GlossAnnotation) item = g_list_model_get_item (model, middle);

      if (gloss_annotation_compare (item, annotation) < 0)
        low = middle + 1;
      else
        high = middle;
    }

  if (low < n_items)
    {
      g_autoptr(GlossAnnotation) item = g_list_model_get_item (model, low);

      found = item == annotation;
    }

  if (insertion_point != NULL)
    *insertion_point = low;

  return found ? low : G_MAXUINT;
}

/* ------------------------------------------------------------------ */
/* Edits                                                                */
/* ------------------------------------------------------------------ */

void
gloss_annotation_set_fill_context (GlossAnnotationSet *self,
                                   GlossAnnotation    *annotation)
{
  g_autofree char *exact = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;

  g_return_if_fail (GLOSS_IS_ANNOTATION_SET (self));
  g_return_if_fail (GLOSS_IS_ANNOTATION (annotation));

  context_for_bounds (self,
                      gloss_annotation_get_start (annotation),
                      gloss_annotation_get_end (annotation),
                      &exact, &prefix, &suffix);

  gloss_annotation_set_exact (annotation, exact);
  gloss_annotation_set_prefix (annotation, prefix);
  gloss_annotation_set_suffix (annotation, suffix);
}

/* The label set's defaults of the attributes that apply to @label, as an
 * "a{sv}", or NULL when none has one. */
static GVariant *
default_attributes (GlossAnnotationSet *self,
                    const char         *label)
{
  g_autoptr(GPtrArray) attributes = gloss_label_set_get_attributes_for_label (self->labels, label);
  GVariant *map = NULL;

  for (guint i = 0; i < attributes->len; i++)
    {
      GlossAttribute *attribute = g_ptr_array_index (attributes, i);
      GVariant *value = gloss_attribute_get_default_value (attribute);
      GVariant *next;

      if (value == NULL)
        continue;

      next = gloss_attribute_map_set (map, gloss_attribute_get_id (attribute), value);
      g_clear_pointer (&map, g_variant_unref);
      map = next;
    }

  return map;
}

/**
 * gloss_annotation_set_create:
 *
 * Returns: (transfer none) (nullable): the new annotation, owned by the
 *   set, or %NULL with @error set
 */
GlossAnnotation *
gloss_annotation_set_create (GlossAnnotationSet  *self,
                             const char          *label,
                             guint                start,
                             guint                end,
                             GError             **error)
{
  g_autoptr(GlossAnnotation) annotation = NULL;
  g_autofree char *id = NULL;
  g_autofree char *now = NULL;

  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (self), NULL);
  g_return_val_if_fail (label != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_writable (self, error) || !check_range (self, start, end, error))
    return NULL;

  id = unique_annotation_id (self);
  now = utc_now ();

  annotation = gloss_annotation_new (id, label, start, end);
  gloss_annotation_set_fill_context (self, annotation);
  gloss_annotation_set_created (annotation, now);
  gloss_annotation_set_modified (annotation, now);
  /* Set before it enters the set, so the values are part of the one
   * command: undo takes them out with the span, redo brings both. */
  gloss_annotation_take_attributes (annotation, default_attributes (self, label));

  perform (self, command_new_for_annotation (COMMAND_ADD_ANNOTATION, annotation));

  /* The set (and the history) now hold references. */
  return annotation;
}

/* Record a change whose @after snapshot has been filled in, stamping it
 * with the current time; a change that alters nothing is not an edit
 * and leaves history and serial alone. */
static void
perform_change (GlossAnnotationSet *self,
                Command            *command)
{
  Snapshot *before = &command->before;
  Snapshot *after = &command->after;

  if (g_strcmp0 (before->label, after->label) == 0
      && g_strcmp0 (before->note, after->note) == 0
      && attributes_equal (before->attributes, after->attributes)
      && before->start == after->start
      && before->end == after->end
      && before->status == after->status)
    {
      command_free (command);
      return;
    }

  g_clear_pointer (&after->modified, g_free);
  after->modified = utc_now ();

  perform (self, command);
}

/* Relabelling to the label it has is TRUE: nothing to do is no failure
 * (and, as perform_change() sees, no edit either). */
gboolean
gloss_annotation_set_change_label (GlossAnnotationSet  *self,
                                   GlossAnnotation     *annotation,
                                   const char          *label,
                                   GError             **error)
{
  Command *command;

  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (self), FALSE);
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (annotation), FALSE);
  g_return_val_if_fail (label != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_writable (self, error))
    return FALSE;

  if (!contains_annotation (self, annotation))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND,
                   _("Cannot relabel the annotation “%s”: it is not in this set"),
                   gloss_annotation_get_id (annotation));
      return FALSE;
    }

  command = command_new_change (annotation);
  replace_string (&command->after.label, label);
  perform_change (self, command);

  return TRUE;
}

gboolean
gloss_annotation_set_change_note (GlossAnnotationSet  *self,
                                  GlossAnnotation     *annotation,
                                  const char          *note,
                                  GError             **error)
{
  Command *command;

  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (self), FALSE);
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (annotation), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_writable (self, error))
    return FALSE;

  if (!contains_annotation (self, annotation))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND,
                   _("Cannot change the note of the annotation “%s”: it is not in this set"),
                   gloss_annotation_get_id (annotation));
      return FALSE;
    }

  command = command_new_change (annotation);
  replace_string (&command->after.note, note != NULL ? note : "");
  perform_change (self, command);

  return TRUE;
}


static gboolean
remove_attribute_value (GlossAnnotationSet *self,
                        GlossAnnotation    *annotation,
                        const char         *attribute_id)
{
  Command *command = command_new_change (annotation);
  GVariant *attributes = gloss_attribute_map_set (command->after.attributes, attribute_id, NULL);

  g_clear_pointer (&command->after.attributes, g_variant_unref);
  command->after.attributes = attributes;
  perform_change (self, command);

  return TRUE;
}

/* Only a value the label set allows, on a span it applies to, gets in;
 * unsetting is always allowed, a required one too: a span without its
 * required values is work not done yet (docs/labels.md), and the app
 * shows it as such. Values already there that the label set does not
 * (or no longer) allow are the sidecar's and stay untouched. */
gboolean
gloss_annotation_set_change_attribute (GlossAnnotationSet  *self,
                                       GlossAnnotation     *annotation,
                                       const char          *attribute_id,
                                       GVariant            *value,
                                       GError             **error)
{
  g_autoptr(GVariant) sunk = value != NULL ? g_variant_ref_sink (value) : NULL;
  GlossAttribute *attribute;
  const char *label;
  Command *command;
  GVariant *attributes;

  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (self), FALSE);
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (annotation), FALSE);
  g_return_val_if_fail (attribute_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_writable (self, error))
    return FALSE;

  if (!contains_annotation (self, annotation))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND,
                   _("Cannot change the attributes of the annotation “%s”: it is not in this set"),
                   gloss_annotation_get_id (annotation));
      return FALSE;
    }

  /* Taking a value away is always allowed, also one the label set no
   * longer declares or that no longer applies after a relabel: it was
   * kept so that nothing is lost, and the person may drop it on purpose. */
  if (!gloss_attribute_value_is_set (sunk))
    return remove_attribute_value (self, annotation, attribute_id);

  attribute = gloss_label_set_lookup_attribute (self->labels, attribute_id);
  if (attribute == NULL)
    {
      /* Translators: %s is an attribute's id, as in the label set's file */
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   _("The label set declares no attribute “%s”"), attribute_id);
      return FALSE;
    }

  label = gloss_annotation_get_label (annotation);
  if (!gloss_label_set_attribute_applies (self->labels, attribute, label))
    {
      g_autofree char *label_name = gloss_label_set_describe_label (self->labels, label);

      /* Translators: “Verdict” does not apply to spans labelled Quote */
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   _("“%s” does not apply to spans labelled %s"),
                   gloss_attribute_get_name (attribute), label_name);
      return FALSE;
    }

  {
    g_autoptr(GVariant) held = gloss_annotation_get_attribute (annotation, gloss_attribute_get_id (attribute));

    if (!gloss_attribute_check_change (attribute, held, sunk, error))
      return FALSE;
  }

  command = command_new_change (annotation);
  attributes = gloss_attribute_map_set (command->after.attributes,
                                        gloss_attribute_get_id (attribute), sunk);
  g_clear_pointer (&command->after.attributes, g_variant_unref);
  command->after.attributes = attributes;
  perform_change (self, command);

  return TRUE;
}

/* Shared by change_bounds and reattach: new bounds with fresh context,
 * and the annotation placed (an orphan given bounds is re-attached; it
 * counts as KEPT from then on, since a person put it there). */
static gboolean
place_at (GlossAnnotationSet  *self,
          GlossAnnotation     *annotation,
          guint                start,
          guint                end,
          GError             **error)
{
  Command *command;

  if (!check_writable (self, error))
    return FALSE;

  if (!contains_annotation (self, annotation))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND,
                   _("The annotation “%s” is not in this set"),
                   gloss_annotation_get_id (annotation));
      return FALSE;
    }

  if (!check_range (self, start, end, error))
    return FALSE;

  command = command_new_change (annotation);
  command->after.start = start;
  command->after.end = end;
  if (command->after.status == GLOSS_ANCHOR_ORPHANED)
    command->after.status = GLOSS_ANCHOR_KEPT;

  g_clear_pointer (&command->after.exact, g_free);
  g_clear_pointer (&command->after.prefix, g_free);
  g_clear_pointer (&command->after.suffix, g_free);
  context_for_bounds (self, start, end,
                      &command->after.exact,
                      &command->after.prefix,
                      &command->after.suffix);

  perform_change (self, command);

  return TRUE;
}

gboolean
gloss_annotation_set_change_bounds (GlossAnnotationSet  *self,
                                    GlossAnnotation     *annotation,
                                    guint                start,
                                    guint                end,
                                    GError             **error)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (self), FALSE);
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (annotation), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return place_at (self, annotation, start, end, error);
}

/* Why a bound cannot move a word, naming the annotation and the bound. */
static void
set_shift_error (GError          **error,
                 GlossAnnotation  *annotation,
                 GlossBound        which,
                 gboolean          forward)
{
  g_autofree char *what = NULL;

  if (error == NULL)
    return;

  what = describe_annotation (annotation);
  if (which == GLOSS_BOUND_START && forward)
    /* Translators: %s is an annotation's text in quotes, e.g. “Port Ellery” */
    g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_RANGE,
                 _("The start of %s cannot move a word forward: it would reach its end"), what);
  else if (which == GLOSS_BOUND_START)
    /* Translators: %s is an annotation's text in quotes, e.g. “Port Ellery” */
    g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_RANGE,
                 _("The start of %s cannot move a word back: it is at the start of the text"), what);
  else if (forward)
    /* Translators: %s is an annotation's text in quotes, e.g. “Port Ellery” */
    g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_RANGE,
                 _("The end of %s cannot move a word forward: it is at the end of the text"), what);
  else
    /* Translators: %s is an annotation's text in quotes, e.g. “Port Ellery” */
    g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_RANGE,
                 _("The end of %s cannot move a word back: it would reach its start"), what);
}

/**
 * gloss_annotation_set_shift_bound:
 * @annotation: a placed annotation of the set
 * @which: the bound to move
 * @forward: %TRUE to move it towards the end of the text
 * @error: return location for a #GError, or %NULL
 *
 * The start steps to a word start, the end to a word end; the start
 * stays before the end. A step that would not move the bound is refused
 * like any other impossible one, so the app can ring the bell.
 *
 * Returns: %TRUE if the bound moved
 */
gboolean
gloss_annotation_set_shift_bound (GlossAnnotationSet  *self,
                                  GlossAnnotation     *annotation,
                                  GlossBound           which,
                                  gboolean             forward,
                                  GError             **error)
{
  guint old_start, old_end, start, end;

  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (self), FALSE);
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (annotation), FALSE);
  g_return_val_if_fail (which == GLOSS_BOUND_START || which == GLOSS_BOUND_END, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_writable (self, error))
    return FALSE;

  if (!contains_annotation (self, annotation))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND,
                   _("The annotation “%s” is not in this set"),
                   gloss_annotation_get_id (annotation));
      return FALSE;
    }

  if (gloss_annotation_is_orphaned (annotation))
    {
      g_autofree char *what = describe_annotation (annotation);

      /* Translators: %s is an annotation's text in quotes, e.g. “Port Ellery” */
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   _("%s is orphaned: it has no place in the text to move; re-attach it first"),
                   what);
      return FALSE;
    }

  start = old_start = gloss_annotation_get_start (annotation);
  end = old_end = gloss_annotation_get_end (annotation);

  if (which == GLOSS_BOUND_START)
    start = gloss_document_step_bound (self->document, start, forward, TRUE, 0, end - 1);
  else
    end = gloss_document_step_bound (self->document, end, forward, FALSE, start + 1,
                                     gloss_document_get_length (self->document));

  if (start >= end || (start == old_start && end == old_end))
    {
      set_shift_error (error, annotation, which, forward);
      return FALSE;
    }

  return place_at (self, annotation, start, end, error);
}

gboolean
gloss_annotation_set_reattach (GlossAnnotationSet  *self,
                               GlossAnnotation     *orphan,
                               guint                start,
                               guint                end,
                               GError             **error)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (self), FALSE);
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (orphan), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return place_at (self, orphan, start, end, error);
}

gboolean
gloss_annotation_set_remove (GlossAnnotationSet  *self,
                             GlossAnnotation     *annotation,
                             GError             **error)
{
  g_autoptr(GPtrArray) touching = NULL;

  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (self), FALSE);
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (annotation), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_writable (self, error))
    return FALSE;

  /* Removed already (or never here): saying so beats a silent FALSE when
   * a stale row or a second click asks again. */
  if (!contains_annotation (self, annotation))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND,
                   _("Cannot remove the annotation “%s”: it is not in this set"),
                   gloss_annotation_get_id (annotation));
      return FALSE;
    }

  /* A relation to a deleted span would dangle in the sidecar, so they go
   * together; the group makes one undo bring all of them back. */
  touching = gloss_annotation_set_relations_of (self, gloss_annotation_get_id (annotation));

  gloss_annotation_set_begin_group (self);
  for (guint i = 0; i < touching->len; i++)
    perform (self, command_new_for_relation (COMMAND_REMOVE_RELATION,
                                             g_ptr_array_index (touching, i)));
  perform (self, command_new_for_annotation (COMMAND_REMOVE_ANNOTATION, annotation));
  gloss_annotation_set_end_group (self);

  return TRUE;
}

static gboolean
has_relation (GlossAnnotationSet *self,
              const char         *type,
              const char         *from_id,
              const char         *to_id)
{
  GPtrArray *relations = indexed_relations_of (self, from_id);

  for (guint i = 0; relations != NULL && i < relations->len; i++)
    {
      GlossRelation *relation = g_ptr_array_index (relations, i);

      if (g_str_equal (gloss_relation_get_rel_type (relation), type)
          && g_str_equal (gloss_relation_get_from (relation), from_id)
          && g_str_equal (gloss_relation_get_to (relation), to_id))
        return TRUE;
    }

  return FALSE;
}

/* An annotation as messages name it: its text, on one line and cut
 * short, or its id when it has no text. */
static char *
describe_annotation (GlossAnnotation *annotation)
{
  const guint max_chars = 40;
  const char *exact = gloss_annotation_get_exact (annotation);
  g_autoptr(GString) shown = NULL;
  guint n_chars = 0;
  const char *p;

  if (exact == NULL || *exact == '\0')
    return g_strdup_printf ("“%s”", gloss_annotation_get_id (annotation));

  shown = g_string_new ("“");
  for (p = exact; *p != '\0' && n_chars < max_chars; p = g_utf8_next_char (p), n_chars++)
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c))
        g_string_append_c (shown, ' ');
      else
        g_string_append_unichar (shown, c);
    }
  if (*p != '\0')
    g_string_append (shown, "…");
  g_string_append (shown, "”");

  return g_string_free (g_steal_pointer (&shown), FALSE);
}

/* Whether @annotation may be the @end of a @type relation; why not in
 * @error. */
static gboolean
check_relation_end (GlossAnnotationSet  *self,
                    const char          *type,
                    GlossRelationEnd     end,
                    GlossAnnotation     *annotation,
                    GError             **error)
{
  const char *label = gloss_annotation_get_label (annotation);
  g_autofree char *what = NULL;
  g_autofree char *label_name = NULL;
  g_autofree char *allowed = NULL;

  if (gloss_label_set_relation_accepts (self->labels, type, end, label))
    return TRUE;

  if (error == NULL)
    return FALSE;

  what = describe_annotation (annotation);
  label_name = gloss_label_set_describe_label (self->labels, label);
  allowed = gloss_label_set_describe_relation_end (self->labels, type, end);

  if (end == GLOSS_RELATION_FROM)
    /* Translators: “Port Ellery” is labelled Location: a “speaker” relation
     * goes from any quote */
    g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                 _("%s is labelled %s: a “%s” relation goes from %s"),
                 what, label_name, type, allowed);
  else
    /* Translators: “Port Ellery” is labelled Location: a “speaker” relation
     * goes to Person or Organization */
    g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                 _("%s is labelled %s: a “%s” relation goes to %s"),
                 what, label_name, type, allowed);

  return FALSE;
}

/**
 * gloss_annotation_set_check_relation:
 * @type: a relation type
 * @from: the annotation it would start at
 * @to: (nullable): the one it would go to, or %NULL to ask whether @from
 *   may start a @type relation at all
 * @error: return location for a #GError, or %NULL
 *
 * The label set's rule for @type (docs/labels.md), and that a relation
 * does not link an annotation to itself.
 *
 * Returns: %TRUE if the relation is allowed
 */
gboolean
gloss_annotation_set_check_relation (GlossAnnotationSet  *self,
                                     const char          *type,
                                     GlossAnnotation     *from,
                                     GlossAnnotation     *to,
                                     GError             **error)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (self), FALSE);
  g_return_val_if_fail (type != NULL, FALSE);
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (from), FALSE);
  g_return_val_if_fail (to == NULL || GLOSS_IS_ANNOTATION (to), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_relation_end (self, type, GLOSS_RELATION_FROM, from, error))
    return FALSE;

  if (to == NULL)
    return TRUE;

  if (to == from || g_str_equal (gloss_annotation_get_id (from), gloss_annotation_get_id (to)))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   _("An annotation cannot be linked to itself"));
      return FALSE;
    }

  return check_relation_end (self, type, GLOSS_RELATION_TO, to, error);
}

static gboolean
check_relation (GlossAnnotationSet  *self,
                const char          *type,
                const char          *from_id,
                const char          *to_id,
                GError             **error)
{
  GlossAnnotation *from, *to;
  const char *missing = NULL;

  from = g_hash_table_lookup (self->annotations_by_id, from_id);
  to = g_hash_table_lookup (self->annotations_by_id, to_id);

  if (from == NULL)
    missing = from_id;
  else if (to == NULL)
    missing = to_id;

  if (missing != NULL)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND,
                   _("There is no annotation “%s” to link"), missing);
      return FALSE;
    }

  if (!gloss_annotation_set_check_relation (self, type, from, to, error))
    return FALSE;

  if (has_relation (self, type, from_id, to_id))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   _("“%s” is already linked to “%s” as “%s”"),
                   from_id, to_id, type);
      return FALSE;
    }

  return TRUE;
}

/**
 * gloss_annotation_set_add_relation:
 *
 * Refused when an id is not in the set, when both are the same, when the
 * relation is there already, and when the label set's rule for @type does
 * not allow it (a "speaker" that is a place).
 *
 * Returns: (transfer none) (nullable): the new relation, owned by the
 *   set, or %NULL with @error set
 */
GlossRelation *
gloss_annotation_set_add_relation (GlossAnnotationSet  *self,
                                   const char          *type,
                                   const char          *from_id,
                                   const char          *to_id,
                                   GError             **error)
{
  g_autoptr(GlossRelation) relation = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (self), NULL);
  g_return_val_if_fail (type != NULL && *type != '\0', NULL);
  g_return_val_if_fail (from_id != NULL, NULL);
  g_return_val_if_fail (to_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_writable (self, error) || !check_relation (self, type, from_id, to_id, error))
    return NULL;

  id = unique_relation_id (self);
  relation = gloss_relation_new (id, type, from_id, to_id);
  perform (self, command_new_for_relation (COMMAND_ADD_RELATION, relation));

  return relation;
}

gboolean
gloss_annotation_set_remove_relation (GlossAnnotationSet  *self,
                                      GlossRelation       *relation,
                                      GError             **error)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (self), FALSE);
  g_return_val_if_fail (GLOSS_IS_RELATION (relation), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_writable (self, error))
    return FALSE;

  if (!contains_relation (self, relation))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND,
                   _("Cannot remove the relation “%s”: it is not in this set"),
                   gloss_relation_get_id (relation));
      return FALSE;
    }

  perform (self, command_new_for_relation (COMMAND_REMOVE_RELATION, relation));

  return TRUE;
}

/**
 * gloss_annotation_set_set_labels:
 * @labels: (nullable): the label set whose relation rules apply, or %NULL
 *   for the built-in one
 */
void
gloss_annotation_set_set_labels (GlossAnnotationSet *self,
                                 GlossLabelSet      *labels)
{
  g_autoptr(GlossLabelSet) builtin = NULL;

  g_return_if_fail (GLOSS_IS_ANNOTATION_SET (self));
  g_return_if_fail (labels == NULL || GLOSS_IS_LABEL_SET (labels));

  if (labels == NULL)
    labels = builtin = gloss_label_set_get_builtin ();

  g_set_object (&self->labels, labels);
}

/**
 * gloss_annotation_set_get_labels:
 *
 * Returns: (transfer none): the label set whose relation rules apply
 */
GlossLabelSet *
gloss_annotation_set_get_labels (GlossAnnotationSet *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (self), NULL);

  return self->labels;
}

/**
 * gloss_annotation_set_relation_candidates:
 * @type: a relation type
 * @from: the annotation a relation would start at
 *
 * What a chooser may offer: every placed annotation that a @type relation
 * from @from may go to. None when @from may not start one.
 *
 * Returns: (transfer full) (element-type GlossAnnotation): the
 *   candidates, in document order
 */
GPtrArray *
gloss_annotation_set_relation_candidates (GlossAnnotationSet *self,
                                          const char         *type,
                                          GlossAnnotation    *from)
{
  GPtrArray *candidates;

  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (self), NULL);
  g_return_val_if_fail (type != NULL, NULL);
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (from), NULL);

  candidates = g_ptr_array_new_with_free_func (g_object_unref);
  if (!gloss_annotation_set_check_relation (self, type, from, NULL, NULL))
    return candidates;

  for (guint i = 0; i < self->placed->len; i++)
    {
      GlossAnnotation *annotation = g_ptr_array_index (self->placed, i);

      if (gloss_annotation_set_check_relation (self, type, from, annotation, NULL))
        g_ptr_array_add (candidates, g_object_ref (annotation));
    }

  return candidates;
}

/* The "speaker" relations from @quote, in relation order. */
static GPtrArray *
speaker_relations_of (GlossAnnotationSet *self,
                      GlossAnnotation    *quote)
{
  const char *id = gloss_annotation_get_id (quote);
  GPtrArray *relations = gloss_annotation_set_relations_of (self, id);

  for (guint i = relations->len; i-- > 0;)
    {
      GlossRelation *relation = g_ptr_array_index (relations, i);

      if (!g_str_equal (gloss_relation_get_rel_type (relation), GLOSS_RELATION_SPEAKER)
          || !g_str_equal (gloss_relation_get_from (relation), id))
        g_ptr_array_remove_index (relations, i);
    }

  return relations;
}

/**
 * gloss_annotation_set_get_speaker:
 * @quote: an annotation of the set
 *
 * Returns: (transfer none) (nullable): the annotation the first "speaker"
 *   relation from @quote goes to, or %NULL
 */
GlossAnnotation *
gloss_annotation_set_get_speaker (GlossAnnotationSet *self,
                                  GlossAnnotation    *quote)
{
  const char *id;
  GPtrArray *relations;

  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (self), NULL);
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (quote), NULL);

  /* Called on every bind of a row: no copy, no scan of all relations. */
  id = gloss_annotation_get_id (quote);
  relations = indexed_relations_of (self, id);
  for (guint i = 0; relations != NULL && i < relations->len; i++)
    {
      GlossRelation *relation = g_ptr_array_index (relations, i);

      if (g_str_equal (gloss_relation_get_rel_type (relation), GLOSS_RELATION_SPEAKER)
          && g_str_equal (gloss_relation_get_from (relation), id))
        return g_hash_table_lookup (self->annotations_by_id, gloss_relation_get_to (relation));
    }

  return NULL;
}

/**
 * gloss_annotation_set_set_speaker:
 * @quote: an annotation of the set
 * @speaker: (nullable): its speaker, or %NULL for none
 * @error: return location for a #GError, or %NULL
 *
 * Makes @speaker the one speaker of @quote, as one undo step: other
 * "speaker" relations from @quote go. A relation to @speaker that is
 * there already stays as it is (same id), so choosing the current speaker
 * again is no edit at all, and nothing is written.
 *
 * Returns: %TRUE on success (changed or not), %FALSE with @error set when
 *   an annotation is not in the set or the rule does not allow @speaker
 */
gboolean
gloss_annotation_set_set_speaker (GlossAnnotationSet  *self,
                                  GlossAnnotation     *quote,
                                  GlossAnnotation     *speaker,
                                  GError             **error)
{
  g_autoptr(GPtrArray) relations = NULL;
  GlossRelation *kept = NULL;
  guint n_going = 0;

  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (self), FALSE);
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (quote), FALSE);
  g_return_val_if_fail (speaker == NULL || GLOSS_IS_ANNOTATION (speaker), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_writable (self, error))
    return FALSE;

  if (!contains_annotation (self, quote)
      || (speaker != NULL && !contains_annotation (self, speaker)))
    {
      GlossAnnotation *missing = contains_annotation (self, quote) ? speaker : quote;

      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND,
                   _("There is no annotation “%s” to link"),
                   gloss_annotation_get_id (missing));
      return FALSE;
    }

  if (speaker != NULL
      && !gloss_annotation_set_check_relation (self, GLOSS_RELATION_SPEAKER, quote, speaker, error))
    return FALSE;

  relations = speaker_relations_of (self, quote);
  for (guint i = 0; i < relations->len; i++)
    {
      GlossRelation *relation = g_ptr_array_index (relations, i);

      if (speaker != NULL && kept == NULL
          && g_str_equal (gloss_relation_get_to (relation), gloss_annotation_get_id (speaker)))
        kept = relation;
      else
        n_going++;
    }

  /* Already so: no edit, so no undo step and no save. */
  if (n_going == 0 && (speaker == NULL || kept != NULL))
    return TRUE;

  gloss_annotation_set_begin_group (self);
  for (guint i = 0; i < relations->len; i++)
    {
      GlossRelation *relation = g_ptr_array_index (relations, i);

      if (relation != kept)
        perform (self, command_new_for_relation (COMMAND_REMOVE_RELATION, relation));
    }
  if (speaker != NULL && kept == NULL)
    {
      g_autofree char *id = unique_relation_id (self);
      g_autoptr(GlossRelation) relation = gloss_relation_new (id, GLOSS_RELATION_SPEAKER,
                                                              gloss_annotation_get_id (quote),
                                                              gloss_annotation_get_id (speaker));

      perform (self, command_new_for_relation (COMMAND_ADD_RELATION, relation));
    }
  gloss_annotation_set_end_group (self);

  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Read-only                                                            */
/* ------------------------------------------------------------------ */

void
gloss_annotation_set_set_read_only (GlossAnnotationSet *self,
                                    gboolean            read_only)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION_SET (self));

  gboolean could_undo, could_redo;

  read_only = !!read_only;
  if (self->read_only == read_only)
    return;

  /* can-undo/can-redo follow read-only, so the window's Undo and Redo
   * grey out (and come back) with it, the history kept meanwhile. */
  could_undo = gloss_annotation_set_can_undo (self);
  could_redo = gloss_annotation_set_can_redo (self);
  g_object_freeze_notify (G_OBJECT (self));
  self->read_only = read_only;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
  notify_history (self, could_undo, could_redo);
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
gloss_annotation_set_get_read_only (GlossAnnotationSet *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (self), FALSE);

  return self->read_only;
}

gboolean
gloss_annotation_set_check_writable (GlossAnnotationSet  *self,
                                     GError             **error)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return check_writable (self, error);
}

/* ------------------------------------------------------------------ */
/* Groups, undo and redo                                                */
/* ------------------------------------------------------------------ */

void
gloss_annotation_set_begin_group (GlossAnnotationSet *self)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION_SET (self));

  gloss_annotation_history_begin_group (self->history);
}

/* Closing the outermost group records it as one step; an empty group is
 * not a step at all. */
void
gloss_annotation_set_end_group (GlossAnnotationSet *self)
{
  gboolean could_undo, could_redo;

  g_return_if_fail (GLOSS_IS_ANNOTATION_SET (self));
  g_return_if_fail (gloss_annotation_history_in_group (self->history));

  could_undo = gloss_annotation_set_can_undo (self);
  could_redo = gloss_annotation_set_can_redo (self);
  gloss_annotation_history_end_group (self->history);
  notify_history (self, could_undo, could_redo);
}

gboolean
gloss_annotation_set_can_undo (GlossAnnotationSet *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (self), FALSE);

  return !self->read_only && gloss_annotation_history_can_undo (self->history);
}

gboolean
gloss_annotation_set_can_redo (GlossAnnotationSet *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (self), FALSE);

  return !self->read_only && gloss_annotation_history_can_redo (self->history);
}

/* Undo (@forward FALSE) or redo the last step. Counted before it is
 * applied, like an edit. Nothing to replay is FALSE without an error:
 * an empty history is a state, not a failure. */
static gboolean
replay (GlossAnnotationSet  *self,
        gboolean             forward,
        GError             **error)
{
  gboolean could_undo, could_redo;
  gboolean done;

  if (!check_writable (self, error))
    return FALSE;

  could_undo = gloss_annotation_set_can_undo (self);
  could_redo = gloss_annotation_set_can_redo (self);
  if (!(forward ? could_redo : could_undo))
    return FALSE;

  self->change_serial++;
  g_clear_object (&self->replayed);
  self->replayed_is_annotation = FALSE;
  self->replaying = TRUE;
  done = forward ? gloss_annotation_history_redo (self->history)
                 : gloss_annotation_history_undo (self->history);
  self->replaying = FALSE;
  /* Brought back and then taken out again within the step: not shown. */
  if (self->replayed != NULL && !contains_annotation (self, self->replayed))
    g_clear_object (&self->replayed);
  notify_history (self, could_undo, could_redo);

  return done;
}

gboolean
gloss_annotation_set_undo (GlossAnnotationSet  *self,
                           GError             **error)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  /* Undoing half of an open group would leave the group's commands
   * applied to a state they were not recorded against. */
  g_return_val_if_fail (!gloss_annotation_history_in_group (self->history), FALSE);

  return replay (self, FALSE, error);
}

gboolean
gloss_annotation_set_redo (GlossAnnotationSet  *self,
                           GError             **error)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  g_return_val_if_fail (!gloss_annotation_history_in_group (self->history), FALSE);

  return replay (self, TRUE, error);
}

gboolean
gloss_annotation_set_is_replaying (GlossAnnotationSet *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (self), FALSE);

  return self->replaying;
}

gboolean
gloss_annotation_set_is_loading (GlossAnnotationSet *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (self), FALSE);

  return self->loading;
}

guint64
gloss_annotation_set_get_change_serial (GlossAnnotationSet *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (self), 0);

  return self->change_serial;
}

GlossAnnotation *
gloss_annotation_set_get_last_replayed (GlossAnnotationSet *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (self), NULL);

  return self->replayed;
}

/* Placed annotations in document order, then the orphans in theirs: the
 * order the sidebar lists them in. */
static GlossAnnotation *
nth_in_listing (GlossAnnotationSet *self,
                guint               position)
{
  guint n_orphans = g_list_model_get_n_items (G_LIST_MODEL (self->orphans));

  if (position < self->placed->len)
    return g_ptr_array_index (self->placed, position);
  if (position - self->placed->len < n_orphans)
    {
      g_autoptr(GlossAnnotation) orphan = g_list_model_get_item (G_LIST_MODEL (self->orphans),
                                                                 position - self->placed->len);

      /* The store holds it: a borrowed pointer stays valid. */
      return orphan;
    }
  return NULL;
}

GlossAnnotation *
gloss_annotation_set_neighbour_for_deletion (GlossAnnotationSet *self,
                                             GlossAnnotation    *annotation)
{
  guint position;

  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (self), NULL);
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (annotation), NULL);

  if (!contains_annotation (self, annotation))
    return NULL;

  if (gloss_annotation_is_orphaned (annotation))
    {
      if (!g_list_store_find (self->orphans, annotation, &position))
        return NULL;
      position += self->placed->len;
    }
  else
    position = gloss_annotation_set_index_of (self, annotation);

  /* The one before keeps the reader where they were (deleting the last
   * one must not wrap to the top of the article); the first one has only
   * a next. */
  if (position > 0)
    return nth_in_listing (self, position - 1);
  return nth_in_listing (self, position + 1);
}
