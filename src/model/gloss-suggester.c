/* gloss-suggester.c — the sources of suggestions run for a session's
 * article in a worker thread, their runs merged into its suggestions file
 *
 * The main thread does two short things: it takes the snapshot (a
 * reference to each annotation's immutable values, copies of the
 * relations) and it merges the results. Everything else — building a set
 * from the snapshot, reading the corpus folder's sidecars once, running
 * the sources — is the worker's, so marking a span never waits for it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "gloss-annotation-private.h"
#include "gloss-corpus-walk.h"
#include "gloss-error.h"
#include "gloss-suggest-quotes.h"
#include "gloss-suggest-same-text.h"
#include "gloss-suggester.h"

static const char * const known_sources[] = {
  GLOSS_SUGGESTION_SOURCE_QUOTES,
  GLOSS_SUGGESTION_SOURCE_SAME_TEXT,
  NULL
};

static const char * const follow_sources[] = {
  GLOSS_SUGGESTION_SOURCE_SAME_TEXT,
  NULL
};

/* The same-text index of a folder's sidecars, shared by the runs'
 * workers: the first to need it reads the folder (the others wait for
 * it, in their threads); after that it is only read. Its cancellable is
 * the suggester's, not a run's: a follow run cancelled by the next mark
 * must not throw away a half-read folder to read it again. */
typedef struct
{
  gatomicrefcount     ref_count;
  GMutex              mutex;
  GFile              *folder;
  GCancellable       *cancellable;
  gboolean            read;
  GlossSameTextIndex *index;
} CorpusIndex;

static CorpusIndex *
corpus_index_new (GFile *folder)
{
  CorpusIndex *corpus = g_new0 (CorpusIndex, 1);

  g_atomic_ref_count_init (&corpus->ref_count);
  g_mutex_init (&corpus->mutex);
  corpus->folder = g_object_ref (folder);
  corpus->cancellable = g_cancellable_new ();
  return corpus;
}

static CorpusIndex *
corpus_index_ref (CorpusIndex *corpus)
{
  g_atomic_ref_count_inc (&corpus->ref_count);
  return corpus;
}

static void
corpus_index_unref (CorpusIndex *corpus)
{
  if (!g_atomic_ref_count_dec (&corpus->ref_count))
    return;

  g_mutex_clear (&corpus->mutex);
  g_clear_object (&corpus->folder);
  g_clear_object (&corpus->cancellable);
  g_clear_object (&corpus->index);
  g_free (corpus);
}

/* Drops the suggester's reference; a worker still reading stops. */
static void
corpus_index_drop (CorpusIndex *corpus)
{
  g_cancellable_cancel (corpus->cancellable);
  corpus_index_unref (corpus);
}

struct _GlossSuggester
{
  GObject             parent_instance;

  GlossSession       *session;
  GFile              *corpus_folder;
  /* What the folder's sidecars marked, read once by the first worker
   * that needs it and shared by all runs. */
  CorpusIndex        *corpus;

  gboolean            follow;
  guint               follow_id;            /* the delay's timeout */
  GCancellable       *follow_cancellable;   /* the follow run in flight */
  guint               n_follow_runs;
  guint               n_running;

  /* Each source's last run merged (source → GPtrArray, never changed
   * once stored), and the file's list serial just after that merge: a
   * run equal to it, with the list as that merge left it, would change
   * nothing, and is not merged (a merge of 10,000 costs a frame). */
  GHashTable         *last_runs;
  GHashTable         *merged_serials;      /* source → GUINT_TO_POINTER (list serial) */
  guint               list_serial;         /* counts the list's changes but ours */
  gboolean            merging;
  guint               n_merges_skipped;
};

enum {
  PROP_0,
  PROP_SESSION,
  PROP_FOLLOW,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (GlossSuggester, gloss_suggester, G_TYPE_OBJECT)

/* The snapshot and the worker's results
 * ------------------------------------------------------------------------ */

typedef struct
{
  GlossDocument      *document;
  GlossLabelSet      *labels;
  GPtrArray          *values;      /* GlossAnnotationValues, placed annotations */
  GPtrArray          *relations;   /* GlossRelation, copies */
  GStrv               sources;
  CorpusIndex        *corpus;      /* the folder's, or NULL */
  char               *key;         /* this article's sidecar in the index */
  GPtrArray          *previous;    /* each source's last merged run, or NULL */

  /* The worker's results: one slot per source. */
  GPtrArray          *runs;        /* GPtrArray of GlossSuggestion, or NULL */
  GPtrArray          *errors;      /* GError, or NULL */
  GArray             *unchanged;   /* gboolean: the run equals the previous */
  /* GArray of guint (or NULL): where a long run is cut into parts merged
   * one per main-loop step, the offsets each part after the first starts
   * at (gloss_suggestion_file_merge_run_range()). */
  GPtrArray          *cuts;
} Snapshot;

static void
snapshot_free (Snapshot *snapshot)
{
  g_clear_object (&snapshot->document);
  g_clear_object (&snapshot->labels);
  g_clear_pointer (&snapshot->values, g_ptr_array_unref);
  g_clear_pointer (&snapshot->relations, g_ptr_array_unref);
  g_clear_pointer (&snapshot->sources, g_strfreev);
  g_clear_pointer (&snapshot->corpus, corpus_index_unref);
  g_free (snapshot->key);
  g_clear_pointer (&snapshot->runs, g_ptr_array_unref);
  g_clear_pointer (&snapshot->errors, g_ptr_array_unref);
  g_clear_pointer (&snapshot->previous, g_ptr_array_unref);
  g_clear_pointer (&snapshot->unchanged, g_array_unref);
  g_clear_pointer (&snapshot->cuts, g_ptr_array_unref);
  g_free (snapshot);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Snapshot, snapshot_free)

static void
free_run (gpointer run)
{
  if (run != NULL)
    g_ptr_array_unref (run);
}

static void
free_error (gpointer error)
{
  if (error != NULL)
    g_error_free (error);
}

static GlossAnnotationSet *
live_set (GlossSuggester *self)
{
  return gloss_session_get_annotations (self->session);
}

static char *
dup_sidecar_path (GlossSuggester *self)
{
  return g_file_get_path (gloss_sidecar_get_file (gloss_session_get_sidecar (self->session)));
}

/* A sidecar's key in the index: its folder's real path and its name, so
 * that this article's sidecar found by the folder's walk has the key the
 * session's has, however the article was reached (a link, ".."): its
 * marks on disk would otherwise vote beside its marks in memory. The
 * folder, since the sidecar itself may not be written yet. In the
 * worker: a syscall. */
static char *
sidecar_key (const char *path)
{
  g_autofree char *folder = NULL;
  g_autofree char *name = NULL;
  char *real;
  char *key;

  if (path == NULL)
    return NULL;

  folder = g_path_get_dirname (path);
  name = g_path_get_basename (path);
  real = realpath (folder, NULL);
  if (real == NULL)
    return g_strdup (path);

  key = g_build_filename (real, name, NULL);
  free (real);
  return key;
}

/* In the main thread: what the worker needs, none of it shared with
 * anything that changes. The values blocks are immutable (an annotation
 * copies its block before changing one somebody holds). */
static Snapshot *
take_snapshot (GlossSuggester     *self,
               const char * const *sources)
{
  GlossAnnotationSet *set = live_set (self);
  GListModel *annotations = G_LIST_MODEL (set);
  GListModel *relations = gloss_annotation_set_get_relations (set);
  guint n = g_list_model_get_n_items (annotations);
  guint n_relations = g_list_model_get_n_items (relations);
  Snapshot *snapshot = g_new0 (Snapshot, 1);

  snapshot->document = g_object_ref (gloss_session_get_document (self->session));
  snapshot->labels = g_object_ref (gloss_annotation_set_get_labels (set));
  snapshot->values = g_ptr_array_new_full (n, (GDestroyNotify) gloss_annotation_values_unref);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossAnnotation) annotation = g_list_model_get_item (annotations, i);

      g_ptr_array_add (snapshot->values, gloss_annotation_ref_values (annotation));
    }

  snapshot->relations = g_ptr_array_new_full (n_relations, g_object_unref);
  for (guint i = 0; i < n_relations; i++)
    {
      g_autoptr(GlossRelation) relation = g_list_model_get_item (relations, i);

      g_ptr_array_add (snapshot->relations,
                       gloss_relation_new (gloss_relation_get_id (relation),
                                           gloss_relation_get_rel_type (relation),
                                           gloss_relation_get_from (relation),
                                           gloss_relation_get_to (relation)));
    }

  snapshot->sources = g_strdupv ((char **) sources);
  snapshot->previous = g_ptr_array_new_with_free_func (free_run);
  for (guint i = 0; sources[i] != NULL; i++)
    {
      GPtrArray *last = g_hash_table_lookup (self->last_runs, sources[i]);

      g_ptr_array_add (snapshot->previous, last != NULL ? g_ptr_array_ref (last) : NULL);
    }
  if (self->corpus != NULL)
    {
      snapshot->corpus = corpus_index_ref (self->corpus);
      snapshot->key = dup_sidecar_path (self);   /* made a key in the worker */
    }

  return snapshot;
}

/* In the worker: a set of its own, as the annotations were. */
static GlossAnnotationSet *
build_set (Snapshot *snapshot)
{
  g_autoptr(GlossAnnotationSet) set = gloss_annotation_set_new (snapshot->document);
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_full (snapshot->values->len, g_object_unref);

  for (guint i = 0; i < snapshot->values->len; i++)
    {
      const GlossAnnotationValues *values = g_ptr_array_index (snapshot->values, i);

      g_ptr_array_add (annotations,
                       gloss_annotation_new_full (values->id, values->label, values->start, values->end,
                                                  values->exact, values->prefix, values->suffix,
                                                  NULL, NULL, NULL));
    }

  gloss_annotation_set_set_labels (set, snapshot->labels);
  gloss_annotation_set_load (set, annotations, snapshot->relations);

  return g_steal_pointer (&set);
}

static gboolean
usable_sidecar (GlossSidecar *sidecar)
{
  GlossSidecarState state = gloss_sidecar_get_state (sidecar);

  return state == GLOSS_SIDECAR_STATE_LOADED || state == GLOSS_SIDECAR_STATE_NEW;
}

static gboolean
index_article (const GlossCorpusWalkArticle *item,
               gpointer                      user_data,
               GError                      **error)
{
  GlossSameTextIndex *index = user_data;

  for (guint i = 0; i < item->sidecars->len; i++)
    {
      GlossSidecar *sidecar = g_ptr_array_index (item->sidecars, i);
      g_autofree char *key = NULL;

      /* One that failed to load brings nothing; `validate` says why. */
      if (!usable_sidecar (sidecar))
        continue;
      {
        g_autofree char *path = g_file_get_path (gloss_sidecar_get_file (sidecar));

        key = sidecar_key (path);
      }
      gloss_same_text_index_add (index, key, gloss_sidecar_get_annotations (sidecar));
    }

  return TRUE;
}

/* In the worker: what every annotator's sidecars in @folder marked, as
 * `gloss-cli suggest` counts them. A folder that cannot be read gives an
 * empty index: the article's own marks still count. */
static GlossSameTextIndex *
build_corpus_index (GFile        *folder,
                    GCancellable *cancellable)
{
  g_autoptr(GlossSameTextIndex) index = gloss_same_text_index_new ();
  g_autoptr(GlossCorpus) corpus = gloss_corpus_new ();
  g_autoptr(GlossCorpusWalk) walk = NULL;
  g_autoptr(GError) error = NULL;

  if (!gloss_corpus_add_path (corpus, folder, cancellable, &error))
    {
      g_debug ("suggester: the corpus folder was not read: %s", error->message);
      return g_steal_pointer (&index);
    }

  walk = gloss_corpus_walk_new (corpus, GLOSS_CORPUS_WALK_DEFAULT);
  gloss_corpus_walk_set_article_func (walk, index_article, index, NULL);
  if (!gloss_corpus_walk_run (walk, cancellable, &error))
    g_debug ("suggester: the corpus folder was read in part: %s", error->message);

  return g_steal_pointer (&index);
}

/* In a worker: the folder's index, read now by the first to ask. NULL
 * when the reading was cancelled (the suggester went). */
static GlossSameTextIndex *
corpus_index_get (CorpusIndex *corpus)
{
  GlossSameTextIndex *index;

  g_mutex_lock (&corpus->mutex);
  if (!corpus->read && !g_cancellable_is_cancelled (corpus->cancellable))
    {
      corpus->index = build_corpus_index (corpus->folder, corpus->cancellable);
      corpus->read = !g_cancellable_is_cancelled (corpus->cancellable);
    }
  index = corpus->read ? corpus->index : NULL;
  g_mutex_unlock (&corpus->mutex);

  return index;
}

/* In the worker: each suggestion of @run equal to one of @previous (the
 * source's last run merged, whose objects the file lists) is replaced by
 * that one, so that a merge keeps the objects it has (none to finalize
 * in the main thread, their hashes kept for the write) and changes only
 * what differs. Both are in document order (gloss_suggestion_compare());
 * one walk. Returns whether @run is now @previous, item for item. */
static gboolean
reuse_previous (GPtrArray *run,
                GPtrArray *previous)
{
  guint i = 0, j = 0, n_same = 0;

  if (previous == NULL)
    return FALSE;

  while (i < run->len && j < previous->len)
    {
      GlossSuggestion *fresh = g_ptr_array_index (run, i);
      GlossSuggestion *old = g_ptr_array_index (previous, j);
      int order = gloss_suggestion_compare (fresh, old);

      if (order < 0)
        i++;
      else if (order > 0)
        j++;
      else
        {
          if (fresh != old && gloss_suggestion_equal (fresh, old))
            {
              g_object_unref (fresh);
              run->pdata[i] = g_object_ref (old);
            }
          if (run->pdata[i] == old)
            n_same++;
          i++;
          j++;
        }
    }

  return n_same == run->len && run->len == previous->len;
}

static int
compare_offsets (gconstpointer a,
                 gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* In the worker: where to cut @run into parts of about
 * GLOSS_SUGGESTER_MERGE_PART suggestions, at offsets where a suggestion
 * starts (those starting together stay together); NULL when it is one
 * part. */
static GArray *
cut_run (GPtrArray *run)
{
  g_autoptr(GArray) starts = NULL;
  GArray *cuts;

  if (run == NULL || run->len <= GLOSS_SUGGESTER_MERGE_PART)
    return NULL;

  starts = g_array_sized_new (FALSE, FALSE, sizeof (guint), run->len);
  for (guint i = 0; i < run->len; i++)
    {
      guint start = gloss_suggestion_get_start (g_ptr_array_index (run, i));

      g_array_append_val (starts, start);
    }
  g_array_sort (starts, compare_offsets);

  cuts = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = GLOSS_SUGGESTER_MERGE_PART; i < starts->len; i += GLOSS_SUGGESTER_MERGE_PART)
    {
      guint cut = g_array_index (starts, guint, i);

      if (cut > 0 && (cuts->len == 0 || cut > g_array_index (cuts, guint, cuts->len - 1)))
        g_array_append_val (cuts, cut);
    }

  return cuts;
}

static void
free_cuts (gpointer cuts)
{
  if (cuts != NULL)
    g_array_unref (cuts);
}

static void
run_in_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Snapshot *snapshot = task_data;
  g_autoptr(GlossAnnotationSet) set = build_set (snapshot);
  guint n_sources = g_strv_length (snapshot->sources);

  if (snapshot->key != NULL)
    {
      char *path = snapshot->key;

      snapshot->key = sidecar_key (path);
      g_free (path);
    }

  snapshot->runs = g_ptr_array_new_full (n_sources, free_run);
  snapshot->errors = g_ptr_array_new_full (n_sources, free_error);
  snapshot->unchanged = g_array_new (FALSE, TRUE, sizeof (gboolean));
  snapshot->cuts = g_ptr_array_new_full (n_sources, free_cuts);

  for (guint i = 0; i < n_sources; i++)
    {
      const char *source = snapshot->sources[i];
      GPtrArray *run = NULL;
      GError *error = NULL;

      if (g_cancellable_is_cancelled (cancellable))
        break;

      if (strcmp (source, GLOSS_SUGGESTION_SOURCE_QUOTES) == 0)
        run = gloss_suggest_quotes (snapshot->document, set, &error);
      else
        {
          GlossSameTextIndex *index = snapshot->corpus != NULL ? corpus_index_get (snapshot->corpus) : NULL;
          g_autoptr(GlossSameTextIndex) own = NULL;

          if (index == NULL)
            index = own = gloss_same_text_index_new ();
          run = gloss_suggest_same_text (set, index, index == own ? NULL : snapshot->key);
        }

      g_ptr_array_add (snapshot->runs, run);
      g_ptr_array_add (snapshot->errors, error);
      {
        gboolean same = run != NULL && reuse_previous (run, g_ptr_array_index (snapshot->previous, i));

        g_array_append_val (snapshot->unchanged, same);
        /* The new ones' keys and ids, here rather than in the merge on
         * the main thread (the reused ones were prepared with their run). */
        if (run != NULL && !same)
          gloss_suggestion_file_prepare_run (run);
        g_ptr_array_add (snapshot->cuts, same ? NULL : cut_run (run));
      }
    }

  /* Let go here, not in the main thread: 10,000 values blocks. */
  g_clear_pointer (&snapshot->values, g_ptr_array_unref);
  g_clear_pointer (&snapshot->relations, g_ptr_array_unref);
  g_clear_object (&set);

  g_task_return_boolean (task, TRUE);
}

/* Runs
 * ------------------------------------------------------------------------ */

typedef struct
{
  GStrv    sources;
  guint64  serial;     /* the set's, at the snapshot */
  guint    attempts;
  /* Merging: the worker's task (its data is the snapshot and results),
   * the next source to merge, and what the merges so far did. */
  GTask   *worker;
  guint    next;
  guint    part;        /* of the next source's run */
  guint    list_serial; /* the suggester's, when its first part was merged */
  guint    added;
  GError  *failed;
} Run;

static void
run_free (Run *run)
{
  g_strfreev (run->sources);
  g_clear_object (&run->worker);
  g_clear_error (&run->failed);
  g_free (run);
}

static void
set_running (GlossSuggester *self,
             gboolean        more)
{
  gboolean was = self->n_running > 0;

  if (more)
    self->n_running++;
  else
    self->n_running--;

  if (was != (self->n_running > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

gboolean
gloss_suggester_check_writable (GlossSuggester  *self,
                                GError         **error)
{
  GlossSuggestionFile *file;

  g_return_val_if_fail (GLOSS_IS_SUGGESTER (self), FALSE);

  file = gloss_session_get_suggestions (self->session);
  if (file == NULL || gloss_session_get_suggestions_error (self->session) != NULL
      || gloss_suggestion_file_is_read_only (file))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_READ_ONLY,
                   _("The suggestions file could not be read: it is left as it is, and no suggestions are added to it"));
      return FALSE;
    }

  if (gloss_annotation_set_get_read_only (live_set (self))
      || gloss_session_get_save_state (self->session) == GLOSS_SAVE_STATE_READ_ONLY
      || gloss_session_get_read_only_reason (self->session) != NULL)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_READ_ONLY,
                   _("The annotations are read-only: no suggestions are added"));
      return FALSE;
    }

  return TRUE;
}

static void start_attempt (GTask *task);

/* Whether @file lists a suggestion of @source. */
static gboolean
lists_source (GlossSuggestionFile *file,
              const char          *source)
{
  GListModel *list = gloss_suggestion_file_get_suggestions (file);
  guint n = g_list_model_get_n_items (list);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossSuggestion) suggestion = g_list_model_get_item (list, i);

      if (strcmp (gloss_suggestion_get_source (suggestion), source) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Whether merging @run of source @i would change nothing: equal to the
 * source's last run merged, with the list as that merge left it. */
static gboolean
run_unchanged (GlossSuggester *self,
               Snapshot       *snapshot,
               guint           i)
{
  const char *source = snapshot->sources[i];
  gpointer serial;

  return g_array_index (snapshot->unchanged, gboolean, i)
         && g_hash_table_lookup_extended (self->merged_serials, source, NULL, &serial)
         && GPOINTER_TO_UINT (serial) == self->list_serial;
}

static void
remember_merged (GlossSuggester *self,
                 const char     *source,
                 GPtrArray      *run)
{
  g_hash_table_replace (self->last_runs, g_strdup (source), g_ptr_array_ref (run));
  g_hash_table_replace (self->merged_serials, g_strdup (source), GUINT_TO_POINTER (self->list_serial));
}

/* Part @part of source @i's run into the file (@last: it was the last,
 * or the run is done with); FALSE with @error when it failed. A long run
 * is merged in parts, one per main-loop step, so that no step takes
 * longer than a frame; the list shows each part as it comes. */
static gboolean
merge_part (GlossSuggester  *self,
            Snapshot        *snapshot,
            Run             *merging,
            guint            i,
            guint           *n_added,
            gboolean        *last,
            GError         **error)
{
  GlossSuggestionFile *file = gloss_session_get_suggestions (self->session);
  GPtrArray *run = g_ptr_array_index (snapshot->runs, i);
  const GError *failed = g_ptr_array_index (snapshot->errors, i);
  GArray *cuts = g_ptr_array_index (snapshot->cuts, i);
  const char *source = snapshot->sources[i];
  guint part = merging->part;
  guint n_parts = cuts != NULL ? cuts->len + 1 : 1;
  guint from = part > 0 ? g_array_index (cuts, guint, part - 1) : 0;
  guint to = part + 1 < n_parts ? g_array_index (cuts, guint, part) : G_MAXUINT;
  gboolean merged;

  *n_added = 0;
  *last = TRUE;
  if (run == NULL)
    {
      g_propagate_error (error, g_error_copy (failed));
      return FALSE;
    }

  if (part == 0)
    {
      if (run_unchanged (self, snapshot, i))
        {
          self->n_merges_skipped++;
          return TRUE;
        }

      /* Nothing to say and nothing to take back: no merge, which would
       * write an empty file beside every article marked with follow on. */
      if (run->len == 0 && !lists_source (file, source))
        {
          remember_merged (self, source, run);
          return TRUE;
        }
      merging->list_serial = self->list_serial;
    }

  self->merging = TRUE;
  merged = gloss_suggestion_file_merge_run_range (file, source, run, from, to, live_set (self), n_added, error);
  self->merging = FALSE;
  if (!merged)
    return FALSE;

  *last = part + 1 >= n_parts;
  if (!*last)
    return TRUE;

  /* The list changed by someone else between two parts (a reload, a
   * rejection): this run is not what it holds now, and the next equal
   * run is merged again. */
  if (self->list_serial == merging->list_serial)
    remember_merged (self, source, run);
  else
    g_hash_table_remove (self->merged_serials, source);
  return TRUE;
}

/* In the main thread, one source per main-loop step (each merge of
 * 10,000 suggestions is most of a frame): each run into the file. Owns
 * a reference to @user_data, the run's task. */
static gboolean
merge_step (gpointer user_data)
{
  GTask *task = user_data;
  GlossSuggester *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  Snapshot *snapshot = g_task_get_task_data (run->worker);
  g_autoptr(GError) error = NULL;
  gboolean last = TRUE;
  guint n_added;

  /* Cancelled between two sources, or two parts of one: those merged
   * stay (the list as a run would leave each part of the article); the
   * next run merges all again. */
  if (g_task_return_error_if_cancelled (task) || !gloss_suggester_check_writable (self, &error))
    {
      if (error != NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return G_SOURCE_REMOVE;
    }

  if (merge_part (self, snapshot, run, run->next, &n_added, &last, &error))
    run->added += n_added;
  else if (run->failed == NULL)
    run->failed = g_steal_pointer (&error);
  if (last)
    {
      run->next++;
      run->part = 0;
    }
  else
    run->part++;

  if (run->next < snapshot->runs->len)
    return G_SOURCE_CONTINUE;

  if (run->failed != NULL)
    g_task_return_error (task, g_steal_pointer (&run->failed));
  else
    g_task_return_int (task, run->added);
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

static void
merge_results (GTask *task,
               GTask *worker)
{
  Run *run = g_task_get_task_data (task);
  Snapshot *snapshot = g_task_get_task_data (worker);

  g_set_object (&run->worker, worker);
  run->next = 0;
  run->part = 0;
  run->added = 0;

  if (snapshot->runs->len == 0)
    {
      g_task_return_int (task, 0);
      g_object_unref (task);
      return;
    }

  /* The first now (the results are fresh); the others after a frame. */
  if (merge_step (task) == G_SOURCE_CONTINUE)
    {
      GSource *idle = g_idle_source_new ();

      g_source_set_priority (idle, G_PRIORITY_DEFAULT_IDLE);
      g_source_set_callback (idle, merge_step, task, NULL);
      g_source_set_name (idle, "[gloss] suggester merge");
      g_source_attach (idle, g_task_get_context (task));
      g_source_unref (idle);
    }
}

static void
on_worker_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GlossSuggester *self = GLOSS_SUGGESTER (source);
  g_autoptr(GTask) task = user_data;
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), NULL);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (!gloss_suggester_check_writable (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* A mark made, or undone, while the worker ran: its suggestions (or
   * their absence) are not in these results. */
  if (gloss_annotation_set_get_change_serial (live_set (self)) != run->serial
      && run->attempts < GLOSS_SUGGESTER_MAX_RETRIES)
    {
      start_attempt (g_steal_pointer (&task));
      return;
    }

  merge_results (g_steal_pointer (&task), G_TASK (result));
}

static void
start_attempt (GTask *task)
{
  GlossSuggester *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(GTask) worker = NULL;

  run->attempts++;
  run->serial = gloss_annotation_set_get_change_serial (live_set (self));

  worker = g_task_new (self, g_task_get_cancellable (task), on_worker_done, task);
  g_task_set_source_tag (worker, start_attempt);
  g_task_set_name (worker, "[gloss] suggester worker");
  g_task_set_task_data (worker, take_snapshot (self, (const char * const *) run->sources),
                        (GDestroyNotify) snapshot_free);
  g_task_run_in_thread (worker, run_in_worker);
}

static void
on_task_completed (GTask          *task,
                   GParamSpec     *pspec,
                   GlossSuggester *self)
{
  set_running (self, FALSE);
}

void
gloss_suggester_run_async (GlossSuggester      *self,
                           const char * const  *sources,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Run *run;

  g_return_if_fail (GLOSS_IS_SUGGESTER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gloss_suggester_run_async);
  g_task_set_name (task, "[gloss] suggester run");

  if (sources == NULL)
    sources = known_sources;
  for (guint i = 0; sources[i] != NULL; i++)
    {
      if (!g_strv_contains (known_sources, sources[i]))
        {
          g_task_return_new_error (task, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND,
                                   _("“%s” is not a source of suggestions (same-text, quotes)"),
                                   sources[i]);
          return;
        }
    }

  if (!gloss_suggester_check_writable (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  run = g_new0 (Run, 1);
  run->sources = g_strdupv ((char **) sources);
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);

  set_running (self, TRUE);
  g_signal_connect_object (task, "notify::completed", G_CALLBACK (on_task_completed), self, G_CONNECT_DEFAULT);

  start_attempt (g_steal_pointer (&task));
}

gboolean
gloss_suggester_run_finish (GlossSuggester  *self,
                            GAsyncResult    *result,
                            guint           *n_added,
                            GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  gssize added;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  added = g_task_propagate_int (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (n_added != NULL)
    *n_added = (guint) added;
  return TRUE;
}

/* Follow mode
 * ------------------------------------------------------------------------ */

static void
on_follow_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GlossSuggester *self = GLOSS_SUGGESTER (source);
  g_autoptr(GCancellable) cancellable = user_data;
  g_autoptr(GError) error = NULL;

  if (gloss_suggester_run_finish (self, result, NULL, &error))
    self->n_follow_runs++;
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
           && !g_error_matches (error, GLOSS_ERROR, GLOSS_ERROR_READ_ONLY))
    g_warning ("suggester: same-text after a change: %s", error->message);

  if (self->follow_cancellable == cancellable)
    g_clear_object (&self->follow_cancellable);
}

static gboolean
on_follow_delay (gpointer user_data)
{
  GlossSuggester *self = user_data;

  self->follow_id = 0;

  if (!gloss_suggester_check_writable (self, NULL))
    return G_SOURCE_REMOVE;

  self->follow_cancellable = g_cancellable_new ();
  gloss_suggester_run_async (self, follow_sources, self->follow_cancellable,
                             on_follow_done, g_object_ref (self->follow_cancellable));

  return G_SOURCE_REMOVE;
}

static void
cancel_follow (GlossSuggester *self)
{
  g_clear_handle_id (&self->follow_id, g_source_remove);
  if (self->follow_cancellable != NULL)
    g_cancellable_cancel (self->follow_cancellable);
  g_clear_object (&self->follow_cancellable);
}

static void
schedule_follow (GlossSuggester *self)
{
  if (!self->follow)
    return;

  /* The newest change wins: a run still working on the one before it
   * would only be replaced. */
  cancel_follow (self);
  self->follow_id = g_timeout_add (GLOSS_SUGGESTER_FOLLOW_DELAY_MS, on_follow_delay, self);
  g_source_set_name_by_id (self->follow_id, "[gloss] suggester follow");
}

static void
on_items_changed (GlossSuggester *self,
                  guint           position,
                  guint           removed,
                  guint           added)
{
  schedule_follow (self);
}

/* A change of the list not made by our merges: a rejection, an accept or
 * its undo, the file read again from disk, a merge by someone else. */
static void
on_list_changed (GlossSuggester *self)
{
  if (!self->merging)
    self->list_serial++;
}

static void
on_annotation_changed (GlossSuggester  *self,
                       GlossAnnotation *annotation)
{
  schedule_follow (self);
}

void
gloss_suggester_set_follow (GlossSuggester *self,
                            gboolean        follow)
{
  g_return_if_fail (GLOSS_IS_SUGGESTER (self));

  follow = !!follow;
  if (self->follow == follow)
    return;

  self->follow = follow;
  if (!follow)
    cancel_follow (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOW]);
}

gboolean
gloss_suggester_get_follow (GlossSuggester *self)
{
  g_return_val_if_fail (GLOSS_IS_SUGGESTER (self), FALSE);

  return self->follow;
}

gboolean
gloss_suggester_is_running (GlossSuggester *self)
{
  g_return_val_if_fail (GLOSS_IS_SUGGESTER (self), FALSE);

  return self->n_running > 0;
}

guint
gloss_suggester_get_n_follow_runs (GlossSuggester *self)
{
  g_return_val_if_fail (GLOSS_IS_SUGGESTER (self), 0);

  return self->n_follow_runs;
}

guint
gloss_suggester_get_n_merges_skipped (GlossSuggester *self)
{
  g_return_val_if_fail (GLOSS_IS_SUGGESTER (self), 0);

  return self->n_merges_skipped;
}

/* The object
 * ------------------------------------------------------------------------ */

GlossSuggester *
gloss_suggester_new (GlossSession *session)
{
  g_return_val_if_fail (GLOSS_IS_SESSION (session), NULL);

  return g_object_new (GLOSS_TYPE_SUGGESTER, "session", session, NULL);
}

GlossSession *
gloss_suggester_get_session (GlossSuggester *self)
{
  g_return_val_if_fail (GLOSS_IS_SUGGESTER (self), NULL);

  return self->session;
}

void
gloss_suggester_set_corpus_folder (GlossSuggester *self,
                                   GFile          *folder)
{
  g_return_if_fail (GLOSS_IS_SUGGESTER (self));
  g_return_if_fail (folder == NULL || G_IS_FILE (folder));

  if (folder == self->corpus_folder
      || (folder != NULL && self->corpus_folder != NULL && g_file_equal (folder, self->corpus_folder)))
    return;

  g_set_object (&self->corpus_folder, folder);
  g_clear_pointer (&self->corpus, corpus_index_drop);
  if (folder != NULL)
    self->corpus = corpus_index_new (folder);
}

static void
gloss_suggester_constructed (GObject *object)
{
  GlossSuggester *self = GLOSS_SUGGESTER (object);
  GlossAnnotationSet *set;

  G_OBJECT_CLASS (gloss_suggester_parent_class)->constructed (object);

  g_return_if_fail (self->session != NULL);

  /* The session keeps one set for its life (a reload changes its
   * contents), so following it once is enough. */
  set = live_set (self);
  g_signal_connect_object (set, "items-changed", G_CALLBACK (on_items_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (set, "annotation-changed", G_CALLBACK (on_annotation_changed), self,
                           G_CONNECT_SWAPPED);
  /* The same file for the session's life, too. */
  g_signal_connect_object (gloss_suggestion_file_get_suggestions (gloss_session_get_suggestions (self->session)),
                           "items-changed", G_CALLBACK (on_list_changed), self, G_CONNECT_SWAPPED);
}

static void
gloss_suggester_dispose (GObject *object)
{
  GlossSuggester *self = GLOSS_SUGGESTER (object);

  cancel_follow (self);
  g_clear_pointer (&self->corpus, corpus_index_drop);

  G_OBJECT_CLASS (gloss_suggester_parent_class)->dispose (object);
}

static void
gloss_suggester_finalize (GObject *object)
{
  GlossSuggester *self = GLOSS_SUGGESTER (object);

  g_clear_object (&self->session);
  g_clear_object (&self->corpus_folder);
  g_clear_pointer (&self->last_runs, g_hash_table_unref);
  g_clear_pointer (&self->merged_serials, g_hash_table_unref);

  G_OBJECT_CLASS (gloss_suggester_parent_class)->finalize (object);
}

static void
gloss_suggester_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  GlossSuggester *self = GLOSS_SUGGESTER (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_FOLLOW:
      g_value_set_boolean (value, self->follow);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->n_running > 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_suggester_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  GlossSuggester *self = GLOSS_SUGGESTER (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    case PROP_FOLLOW:
      gloss_suggester_set_follow (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_suggester_class_init (GlossSuggesterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = gloss_suggester_constructed;
  object_class->dispose = gloss_suggester_dispose;
  object_class->finalize = gloss_suggester_finalize;
  object_class->get_property = gloss_suggester_get_property;
  object_class->set_property = gloss_suggester_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, GLOSS_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLLOW] =
    g_param_spec_boolean ("follow", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gloss_suggester_init (GlossSuggester *self)
{
  self->last_runs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_run);
  self->merged_serials = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}
