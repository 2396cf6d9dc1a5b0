/* gloss-suggestion-file.c — the suggestions file beside a sidecar: reading
 * it strictly, writing it canonically and atomically, merging a run of a
 * source, rejecting and accepting
 *
 * The file is Gloss's own and can always be made again by a run of the
 * suggesters, except for one thing: the rejections, which are the
 * person's decisions. So a file that does not read cleanly is used for
 * nothing and never written over, and every mistake in it is reported
 * where it is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "gloss-error.h"
#include "gloss-file.h"
#include "gloss-file-load.h"
#include "gloss-file-monitor.h"
#include "gloss-json-reader.h"
#include "gloss-json-writer.h"
#include "gloss-problem.h"
#include "gloss-relation.h"
#include "gloss-sidecar-reader.h"
#include "gloss-suggestion-file.h"
#include "gloss-suggestion-file-private.h"
#include "gloss-suggestion-private.h"
#include "gloss-suggestion-store.h"

/* Rejections are kept as suggestions of this source; it is never written. */
#define REJECTED_SOURCE "rejected"
/* Nesting of the format: root, list, entry, speaker. */
#define MAX_DEPTH 8
#define ID_PREFIX "s-"
#define ID_HEX_DIGITS 8
/* Up to this many accepted at once are each looked up in the set's spans
 * by a search; more, in a table of all its spans. */
#define ACCEPT_SEARCH_MAX 64

/* An accepted suggestion and what accepting it made, so that undoing that
 * step in the annotation set lists it again and redoing takes it out. */
typedef struct
{
  GlossSuggestion *suggestion;
  GlossAnnotation *created;          /* the span, when the accept made it */
  GlossAnnotation *made_speaker;     /* the speaker's span, when it made it */
  GlossRelation   *relation;         /* the speaker relation it made */
  gboolean         listed;           /* back in the list after an undo */
} Accepted;

struct _GlossSuggestionFile
{
  GObject             parent_instance;

  GFile              *file;
  GlossDocument      *document;
  char               *annotator_id;

  GlossSuggestionStore *suggestions; /* GlossSuggestion, document order */
  GHashTable         *by_proposal;   /* proposal key → listed suggestion */
  /* source → (its listed suggestion → its key in by_proposal): a merge
   * finds the source's last run without a walk of the whole list, and
   * knows a suggestion listed again by its pointer, its key at hand. */
  GHashTable         *by_source;
  GHashTable         *bases;         /* suggestion → its id before any salt */
  GHashTable         *ids;           /* suggestion → id */
  GHashTable         *by_id;         /* id (of ids) → suggestion */
  guint               n_salted;      /* ids that are not their hash */

  GPtrArray          *rejected;      /* GlossSuggestion, document order */
  GHashTable         *rejected_keys; /* proposal key → rejected entry */

  GPtrArray          *problems;
  gboolean            failed;
  gboolean            dirty;
  /* The file is there with the contents last loaded or saved (a missing
   * one that a run leaves empty is still to be made). */
  gboolean            on_disk;
  /* Counts every change (each set_dirty (TRUE)) and every load: a save
   * in flight clears dirty only if nothing changed since its snapshot,
   * and marks the file on disk only if no load came in between. */
  guint64             change_serial;
  guint64             load_serial;
  /* What the last save wrote: the hash of its bytes, and how the file
   * looked right after (a session's monitor knows our own write by
   * them, without reading it back). */
  char               *disk_sha256;
  GlossFileFingerprint written;

  GlossAnnotationSet *tracked;       /* weak: the set accepts went to */
  GPtrArray          *accepted;      /* Accepted */
  GHashTable         *watched;       /* annotation or relation → Accepted that made it */
  GHashTable         *pending;       /* Accepted to check after the set's change */
  gboolean            check_all;     /* … or all of them */
  GPtrArray          *annotations_copy; /* the set's list as it is (borrowed) */
  GPtrArray          *relations_copy;   /* its relations (borrowed) */
};

G_DEFINE_FINAL_TYPE (GlossSuggestionFile, gloss_suggestion_file, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DIRTY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void untrack (GlossSuggestionFile *self);
static void forget_records (GlossSuggestionFile *self);

static void
store_splice (GlossSuggestionFile *self,
              guint                position,
              guint                n_removed,
              gpointer            *added,
              guint                n_added)
{
  gloss_suggestion_store_splice (self->suggestions, position, n_removed, (GlossSuggestion **) added, n_added);
}

/* The suggestion at @position (borrowed; the list holds it). */
static inline GlossSuggestion *
listed_at (GlossSuggestionFile *self,
           guint                position)
{
  return gloss_suggestion_store_peek (self->suggestions, position);
}

static inline guint
n_listed (GlossSuggestionFile *self)
{
  return gloss_suggestion_store_get_n (self->suggestions);
}

/* Every change of dirty goes through here, so that "dirty" notifies it:
 * the session schedules a save on it. */
static void
set_dirty (GlossSuggestionFile *self,
           gboolean             dirty)
{
  dirty = !!dirty;
  /* Each change counts, the file dirty already or not: a save in flight
   * must not call it saved. */
  if (dirty)
    self->change_serial++;
  if (self->dirty == dirty)
    return;

  self->dirty = dirty;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
}

static void
accepted_free (Accepted *accepted)
{
  g_clear_object (&accepted->suggestion);
  g_clear_object (&accepted->created);
  g_clear_object (&accepted->made_speaker);
  g_clear_object (&accepted->relation);
  g_free (accepted);
}

static void
gloss_suggestion_file_dispose (GObject *object)
{
  GlossSuggestionFile *self = GLOSS_SUGGESTION_FILE (object);

  untrack (self);

  G_OBJECT_CLASS (gloss_suggestion_file_parent_class)->dispose (object);
}

static void
gloss_suggestion_file_finalize (GObject *object)
{
  GlossSuggestionFile *self = GLOSS_SUGGESTION_FILE (object);

  g_clear_object (&self->file);
  g_clear_object (&self->document);
  g_free (self->annotator_id);
  g_free (self->disk_sha256);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->ids, g_hash_table_unref);
  g_clear_pointer (&self->bases, g_hash_table_unref);
  g_clear_pointer (&self->by_proposal, g_hash_table_unref);
  g_clear_pointer (&self->by_source, g_hash_table_unref);
  g_clear_object (&self->suggestions);
  g_clear_pointer (&self->rejected_keys, g_hash_table_unref);
  g_clear_pointer (&self->rejected, g_ptr_array_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->watched, g_hash_table_unref);
  g_clear_pointer (&self->accepted, g_ptr_array_unref);
  g_clear_pointer (&self->annotations_copy, g_ptr_array_unref);
  g_clear_pointer (&self->relations_copy, g_ptr_array_unref);

  G_OBJECT_CLASS (gloss_suggestion_file_parent_class)->finalize (object);
}

static void
gloss_suggestion_file_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  GlossSuggestionFile *self = GLOSS_SUGGESTION_FILE (object);

  switch (prop_id)
    {
    case PROP_DIRTY:
      g_value_set_boolean (value, self->dirty);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_suggestion_file_class_init (GlossSuggestionFileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gloss_suggestion_file_dispose;
  object_class->finalize = gloss_suggestion_file_finalize;
  object_class->get_property = gloss_suggestion_file_get_property;

  properties[PROP_DIRTY] =
    g_param_spec_boolean ("dirty", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gloss_suggestion_file_init (GlossSuggestionFile *self)
{
  self->suggestions = gloss_suggestion_store_new ();
  self->by_proposal = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->by_source = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) g_hash_table_unref);
  self->bases = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  self->ids = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->rejected = g_ptr_array_new_with_free_func (g_object_unref);
  self->rejected_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_problem_free);
  self->accepted = g_ptr_array_new_with_free_func ((GDestroyNotify) accepted_free);
  self->watched = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                         (GDestroyNotify) g_ptr_array_unref);
  self->pending = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->annotations_copy = g_ptr_array_new ();
  self->relations_copy = g_ptr_array_new ();
}

/* Proposals, order and ids
 * ------------------------------------------------------------------------ */

/* What gloss_suggestion_same_proposal() compares, as one string: span,
 * label (a tie's none marked apart from any label) and speaker. */
static void
append_offset (GString *key,
               guint    offset)
{
  char digits[16];
  guint n = 0;

  do
    digits[n++] = '0' + offset % 10;
  while ((offset /= 10) > 0);

  g_string_append_c (key, '\x1f');
  while (n > 0)
    g_string_append_c (key, digits[--n]);
}

/* What gloss_suggestion_same_proposal() compares, as one string: span,
 * label (a tie's none marked apart from any label) and speaker. Made for
 * every suggestion of every run: no printf. */
static char *
make_proposal_key (GlossSuggestion *suggestion)
{
  const char *label = gloss_suggestion_get_label (suggestion);
  const char *speaker_label;
  guint speaker_start, speaker_end;
  GString *key = g_string_sized_new (48);

  g_string_append (key, label != NULL ? label : "\x01");
  append_offset (key, gloss_suggestion_get_start (suggestion));
  append_offset (key, gloss_suggestion_get_end (suggestion));
  if (gloss_suggestion_get_speaker (suggestion, &speaker_start, &speaker_end, &speaker_label))
    {
      append_offset (key, speaker_start);
      append_offset (key, speaker_end);
      g_string_append_c (key, '\x1f');
      g_string_append (key, speaker_label);
    }

  return g_string_free (key, FALSE);
}

/* Worked out beforehand when its run was prepared. */
static char *
proposal_key (GlossSuggestion *suggestion)
{
  const char *prepared = gloss_suggestion_peek_proposal_key (suggestion);

  return prepared != NULL ? g_strdup (prepared) : make_proposal_key (suggestion);
}

/* gloss_suggestion_compare(), then the speaker: none first. A total order
 * of proposals, so the list, and the file, come out the same each time. */
static int
compare_suggestions (gconstpointer a_,
                     gconstpointer b_,
                     gpointer      user_data)
{
  GlossSuggestion *a = (GlossSuggestion *) a_;
  GlossSuggestion *b = (GlossSuggestion *) b_;
  guint a_start = 0, a_end = 0, b_start = 0, b_end = 0;
  const char *a_label = NULL, *b_label = NULL;
  gboolean a_has, b_has;
  int order = gloss_suggestion_compare (a, b);

  if (order != 0)
    return order;

  a_has = gloss_suggestion_get_speaker (a, &a_start, &a_end, &a_label);
  b_has = gloss_suggestion_get_speaker (b, &b_start, &b_end, &b_label);
  if (a_has != b_has)
    return a_has ? 1 : -1;
  if (a_start != b_start)
    return a_start < b_start ? -1 : 1;
  if (a_end != b_end)
    return a_end < b_end ? -1 : 1;

  return g_strcmp0 (a_label, b_label);
}

static int
compare_suggestion_ptrs (gconstpointer a,
                         gconstpointer b)
{
  return compare_suggestions (*(GlossSuggestion **) a, *(GlossSuggestion **) b, NULL);
}

/* "s-" and the first 8 hex digits of a SHA-256 of the source and the
 * proposal; @salt > 0 makes another for a suggestion whose id is taken. */
static char *
hash_key (const char *source,
          const char *key,
          guint       salt)
{
  g_autofree char *text = NULL;
  g_autofree char *digest = NULL;

  if (salt == 0)
    text = g_strconcat (source, "\x1f", key, NULL);
  else
    text = g_strdup_printf ("%s\x1f%s\x1f#%u", source, key, salt);

  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  return g_strdup_printf (ID_PREFIX "%.*s", ID_HEX_DIGITS, digest);
}

static char *
hash_id (GlossSuggestion *suggestion,
         guint            salt)
{
  g_autofree char *key = NULL;

  if (salt == 0 && gloss_suggestion_peek_base_id (suggestion) != NULL)
    return g_strdup (gloss_suggestion_peek_base_id (suggestion));

  key = proposal_key (suggestion);
  return hash_key (gloss_suggestion_get_source (suggestion), key, salt);
}

/* Ids, a function of the list alone: in document order, each suggestion
 * takes its hash, or when another took it, the first salted one free.
 * The hash of each is computed once and kept. */
static void
assign_ids (GlossSuggestionFile *self)
{
  guint n = n_listed (self);

  g_hash_table_remove_all (self->by_id);
  g_hash_table_remove_all (self->ids);
  self->n_salted = 0;

  for (guint i = 0; i < n; i++)
    {
      GlossSuggestion *suggestion = listed_at (self, i);
      const char *base = g_hash_table_lookup (self->bases, suggestion);
      char *id;

      if (base == NULL)
        {
          base = hash_id (suggestion, 0);
          g_hash_table_insert (self->bases, suggestion, (char *) base);
        }

      id = g_strdup (base);
      for (guint salt = 1; g_hash_table_contains (self->by_id, id); salt++)
        {
          g_free (id);
          id = hash_id (suggestion, salt);
        }
      if (strcmp (id, base) != 0)
        self->n_salted++;

      g_hash_table_insert (self->ids, suggestion, id);
      g_hash_table_insert (self->by_id, id, suggestion);
    }
}

/* Keeps by_source up to date with the list: called for each suggestion
 * listed and each one taken out, beside by_proposal. */
static void
index_source (GlossSuggestionFile *self,
              GlossSuggestion     *suggestion,
              const char          *key)
{
  const char *source = gloss_suggestion_get_source (suggestion);
  GHashTable *listed = g_hash_table_lookup (self->by_source, source);

  if (listed == NULL)
    {
      listed = g_hash_table_new (g_direct_hash, g_direct_equal);
      g_hash_table_insert (self->by_source, g_strdup (source), listed);
    }
  g_hash_table_insert (listed, suggestion, (gpointer) key);
}

/* Replaces the whole list with @items (sorted here), in one change. */
static void
set_listed (GlossSuggestionFile *self,
            GPtrArray           *items)
{
  guint n_old = n_listed (self);
  g_autoptr(GHashTable) keep = g_hash_table_new (g_direct_hash, g_direct_equal);
  GHashTableIter iter;
  gpointer key;

  g_ptr_array_sort (items, compare_suggestion_ptrs);

  g_hash_table_remove_all (self->by_proposal);
  g_hash_table_remove_all (self->by_source);
  for (guint i = 0; i < items->len; i++)
    {
      GlossSuggestion *suggestion = g_ptr_array_index (items, i);

      char *proposal = proposal_key (suggestion);

      g_hash_table_insert (self->by_proposal, proposal, suggestion);
      index_source (self, suggestion, proposal);
      g_hash_table_add (keep, suggestion);
    }

  /* Hashes of suggestions that stay are kept; the others' go. */
  g_hash_table_iter_init (&iter, self->bases);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (keep, key))
      g_hash_table_iter_remove (&iter);

  store_splice (self, 0, n_old, items->pdata, items->len);
  assign_ids (self);
}

static GPtrArray *
dup_listed (GlossSuggestionFile *self)
{
  guint n = n_listed (self);
  GPtrArray *items = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_object_ref (listed_at (self, i)));

  return items;
}

static int
compare_positions (gconstpointer a,
                   gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

static gboolean
find_listed (GlossSuggestionFile *self,
             GlossSuggestion     *suggestion,
             guint               *position)
{
  guint low = 0, high = n_listed (self);

  /* The list is sorted by a total order of proposals, one each: a binary
   * search (a linear find cost a millisecond at 10,000, per key press). */
  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      GlossSuggestion *item = listed_at (self, middle);
      int order = compare_suggestions (item, suggestion, NULL);

      if (order == 0)
        {
          if (item != suggestion)
            return FALSE;
          if (position != NULL)
            *position = middle;
          return TRUE;
        }
      if (order < 0)
        low = middle + 1;
      else
        high = middle;
    }

  return FALSE;
}

/* Changes in more places than this are made as one splice of the range
 * from the first to the last: a list view, and a filter model over it,
 * handle each items-changed on its own, and a mark that suggests its other
 * occurrences changes thousands of places (tests/bench/README.md, issue
 * 15). Fewer go one by one, so that a list view keeps its place. */
#define SPLICE_RUNS_MAX 16

static void replace_many (GlossSuggestionFile *self,
                          GPtrArray           *gone,
                          GPtrArray           *back);

/* The indexes of a suggestion taken out of the list (its id aside). */
static void
forget_listed (GlossSuggestionFile *self,
               GlossSuggestion     *suggestion)
{
  GHashTable *of_source = g_hash_table_lookup (self->by_source, gloss_suggestion_get_source (suggestion));
  /* Its key as listed (by_proposal's own string, freed last). */
  const char *key = g_hash_table_lookup (of_source, suggestion);

  g_hash_table_remove (of_source, suggestion);
  g_hash_table_remove (self->by_proposal, key);
  g_hash_table_remove (self->bases, suggestion);
}

/* The ids of the suggestions in @gone, taken out of the list. */
static void
forget_ids (GlossSuggestionFile *self,
            GPtrArray           *gone)
{
  /* With no id salted, no other id depends on these. */
  if (self->n_salted == 0)
    for (guint i = 0; i < gone->len; i++)
      {
        GlossSuggestion *suggestion = g_ptr_array_index (gone, i);

        g_hash_table_remove (self->by_id, g_hash_table_lookup (self->ids, suggestion));
        g_hash_table_remove (self->ids, suggestion);
      }
  else
    assign_ids (self);
}

/* Takes @gone (suggestions, any order; those not listed are passed over)
 * out of the list, the ids once. A few are each found by a search and
 * each run of neighbours goes in one change; many (an accept of all), in
 * replace_many()'s one walk. */
static void
unlist_many (GlossSuggestionFile *self,
             GPtrArray           *gone)
{
  g_autoptr(GArray) positions = NULL;
  g_autoptr(GPtrArray) held = NULL;
  guint i;

  if (gone->len > SPLICE_RUNS_MAX)
    {
      g_autoptr(GPtrArray) none = g_ptr_array_new ();

      replace_many (self, gone, none);
      return;
    }

  positions = g_array_sized_new (FALSE, FALSE, sizeof (guint), gone->len);
  for (i = 0; i < gone->len; i++)
    {
      guint position;

      if (find_listed (self, g_ptr_array_index (gone, i), &position))
        g_array_append_val (positions, position);
    }
  if (positions->len == 0)
    return;

  g_array_sort (positions, compare_positions);
  held = g_ptr_array_new_with_free_func (g_object_unref);
  for (i = 0; i < positions->len; i++)
    {
      guint position = g_array_index (positions, guint, i);

      /* The same suggestion twice in @gone. */
      if (i > 0 && position == g_array_index (positions, guint, i - 1))
        continue;

      g_ptr_array_add (held, g_object_ref (listed_at (self, position)));
      forget_listed (self, listed_at (self, position));
    }

  /* From the end, so that the positions before stay right. */
  for (i = positions->len; i > 0;)
    {
      guint last = g_array_index (positions, guint, --i);
      guint first = last;

      while (i > 0 && g_array_index (positions, guint, i - 1) + 1 >= first)
        first = g_array_index (positions, guint, --i);
      store_splice (self, first, last - first + 1, NULL, 0);
    }

  forget_ids (self, held);
}

static void
unlist (GlossSuggestionFile *self,
        GlossSuggestion     *suggestion)
{
  g_autoptr(GPtrArray) one = g_ptr_array_new ();

  g_ptr_array_add (one, suggestion);
  unlist_many (self, one);
}

/* Where @suggestion would go in the list: the number of those before it. */
static guint
lower_bound (GlossSuggestionFile *self,
             GlossSuggestion     *suggestion)
{
  guint low = 0, high = n_listed (self);

  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      GlossSuggestion *item = listed_at (self, middle);

      if (compare_suggestions (item, suggestion, NULL) < 0)
        low = middle + 1;
      else
        high = middle;
    }

  return low;
}

/* The indexes of @back (suggestions whose proposals are not listed; any
 * order) as listed, one per proposal: those to list, sorted. */
static GPtrArray *
index_listed (GlossSuggestionFile *self,
              GPtrArray           *back)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < back->len; i++)
    {
      GlossSuggestion *suggestion = g_ptr_array_index (back, i);
      char *key = proposal_key (suggestion);

      /* One per proposal, also among @back. */
      if (g_hash_table_contains (self->by_proposal, key))
        {
          g_free (key);
          continue;
        }
      g_hash_table_insert (self->by_proposal, key, suggestion);
      index_source (self, suggestion, key);
      g_ptr_array_add (items, g_object_ref (suggestion));
    }

  g_ptr_array_sort (items, compare_suggestion_ptrs);
  return items;
}

/* Ids for @items, just listed: their hashes, unless one is taken. */
static void
name_listed (GlossSuggestionFile *self,
             GPtrArray           *items)
{
  gboolean ids_free = self->n_salted == 0;

  for (guint i = 0; i < items->len; i++)
    {
      GlossSuggestion *suggestion = g_ptr_array_index (items, i);
      char *base = hash_id (suggestion, 0);

      g_hash_table_insert (self->bases, suggestion, base);
      if (ids_free && !g_hash_table_contains (self->by_id, base))
        {
          char *id = g_strdup (base);

          g_hash_table_insert (self->ids, suggestion, id);
          g_hash_table_insert (self->by_id, id, suggestion);
        }
      else
        ids_free = FALSE;
    }

  /* A hash taken: the ids are a function of the list, made again. */
  if (!ids_free)
    assign_ids (self);
}

/* Lists @back (suggestions whose proposals are not listed; any order) again;
 * the others' ids stay as they are when none is salted and no hash is
 * taken. A few each go where a search puts them, each run of neighbours
 * in one change; many, in replace_many()'s one walk. */
static void
relist_many (GlossSuggestionFile *self,
             GPtrArray           *back)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GArray) bounds = NULL;
  guint i;

  if (back->len > SPLICE_RUNS_MAX)
    {
      g_autoptr(GPtrArray) none = g_ptr_array_new ();

      replace_many (self, none, back);
      return;
    }

  items = index_listed (self, back);
  if (items->len == 0)
    return;

  bounds = g_array_sized_new (FALSE, FALSE, sizeof (guint), items->len);
  for (i = 0; i < items->len; i++)
    {
      guint bound = lower_bound (self, g_ptr_array_index (items, i));

      g_array_append_val (bounds, bound);
    }

  /* In order: item i goes where its bound says, after the i before it. */
  for (i = 0; i < items->len;)
    {
      guint bound = g_array_index (bounds, guint, i);
      guint n = 1;

      while (i + n < items->len && g_array_index (bounds, guint, i + n) == bound)
        n++;
      store_splice (self, bound + i, 0, items->pdata + i, n);
      i += n;
    }

  name_listed (self, items);
}

/* A stretch where the list and its next order differ: at @old in the
 * list, @removed of it, at @new in the next order, @added of that. */
typedef struct
{
  guint old, removed, new, added;
} Stretch;

/* Makes the list @order (the list without some, with others put in;
 * the same order), each stretch that differs in one change when they are
 * few, else one change from the first to the last. */
static void
change_to (GlossSuggestionFile *self,
           GPtrArray           *order,
           GHashTable          *gone)
{
  g_autoptr(GArray) stretches = g_array_new (FALSE, FALSE, sizeof (Stretch));
  guint n = n_listed (self);
  guint i = 0, j = 0;

  while (i < n || j < order->len)
    {
      Stretch stretch;

      if (i < n && j < order->len && listed_at (self, i) == order->pdata[j])
        {
          i++, j++;
          continue;
        }
      /* Those of the list that went, and those of the order that came,
       * until the two meet again. */
      stretch.old = i;
      stretch.new = j;
      while (i < n || j < order->len)
        {
          if (i < n && g_hash_table_contains (gone, listed_at (self, i)))
            i++;
          else if (j < order->len && (i >= n || listed_at (self, i) != order->pdata[j]))
            j++;
          else
            break;
        }
      stretch.removed = i - stretch.old;
      stretch.added = j - stretch.new;
      g_array_append_val (stretches, stretch);
    }

  if (stretches->len == 0)
    return;

  if (stretches->len > SPLICE_RUNS_MAX)
    {
      Stretch *first = &g_array_index (stretches, Stretch, 0);
      Stretch *last = &g_array_index (stretches, Stretch, stretches->len - 1);

      store_splice (self, first->old, last->old + last->removed - first->old,
                    order->pdata + first->new, last->new + last->added - first->new);
      return;
    }

  /* From the end, so that the positions before stay right. */
  for (guint k = stretches->len; k > 0; k--)
    {
      Stretch *stretch = &g_array_index (stretches, Stretch, k - 1);

      store_splice (self, stretch->old, stretch->removed, order->pdata + stretch->new, stretch->added);
    }
}

/* unlist_many (@gone) then relist_many (@back), in one change of the list
 * (or one per stretch that differs, when they are few): a merge takes out
 * and puts in all over the list, and each change costs the list's views
 * their own pass over it. One walk of the list, even for a merge that
 * changes one. */
static void
replace_many (GlossSuggestionFile *self,
              GPtrArray           *gone,
              GPtrArray           *back)
{
  g_autoptr(GHashTable) leaving = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) order = NULL;
  guint n = n_listed (self);
  guint j = 0;

  for (guint i = 0; i < gone->len; i++)
    g_hash_table_add (leaving, g_ptr_array_index (gone, i));

  /* The list without @gone (those listed), their indexes cleared... */
  order = g_ptr_array_sized_new (n + back->len);
  for (guint i = 0; i < n; i++)
    {
      GlossSuggestion *suggestion = listed_at (self, i);

      if (!g_hash_table_contains (leaving, suggestion))
        g_ptr_array_add (order, suggestion);
      else
        {
          g_ptr_array_add (held, g_object_ref (suggestion));
          forget_listed (self, suggestion);
        }
    }
  /* ... then @back put in, in order. */
  items = index_listed (self, back);
  if (items->len > 0)
    {
      g_autoptr(GPtrArray) kept = g_steal_pointer (&order);

      order = g_ptr_array_sized_new (kept->len + items->len);
      for (guint i = 0; i < kept->len; i++)
        {
          GlossSuggestion *suggestion = g_ptr_array_index (kept, i);

          while (j < items->len && compare_suggestions (g_ptr_array_index (items, j), suggestion, NULL) < 0)
            g_ptr_array_add (order, g_ptr_array_index (items, j++));
          g_ptr_array_add (order, suggestion);
        }
      while (j < items->len)
        g_ptr_array_add (order, g_ptr_array_index (items, j++));
    }

  change_to (self, order, leaving);
  forget_ids (self, held);
  name_listed (self, items);
}

static void
relist (GlossSuggestionFile *self,
        GlossSuggestion     *suggestion)
{
  g_autoptr(GPtrArray) one = g_ptr_array_new ();

  g_ptr_array_add (one, suggestion);
  relist_many (self, one);
}

static void
add_rejected (GlossSuggestionFile *self,
              GlossSuggestion     *entry)
{
  g_hash_table_insert (self->rejected_keys, proposal_key (entry), entry);
  g_ptr_array_add (self->rejected, g_object_ref (entry));
  g_ptr_array_sort (self->rejected, compare_suggestion_ptrs);
}

/* What a rejection remembers of @suggestion: its proposal and text. */
static GlossSuggestion *
rejection_for (GlossSuggestion *suggestion)
{
  GlossSuggestion *entry = gloss_suggestion_new (REJECTED_SOURCE,
                                                 gloss_suggestion_get_label (suggestion),
                                                 gloss_suggestion_get_start (suggestion),
                                                 gloss_suggestion_get_end (suggestion),
                                                 gloss_suggestion_get_exact (suggestion));
  const char *label;
  guint start, end;

  if (gloss_suggestion_get_speaker (suggestion, &start, &end, &label))
    gloss_suggestion_set_speaker (entry, start, end, label);

  return entry;
}

/* Naming and construction
 * ------------------------------------------------------------------------ */

char *
gloss_suggestion_file_build_name (const char *article_name,
                                  const char *annotator_id)
{
  return gloss_annotator_file_build_name (article_name, annotator_id, GLOSS_SUGGESTION_FILE_SUFFIX);
}

gboolean
gloss_suggestion_file_parse_name (const char  *name,
                                  char       **article_name,
                                  char       **annotator_id)
{
  return gloss_annotator_file_parse_name (name, GLOSS_SUGGESTION_FILE_SUFFIX, article_name, annotator_id);
}

GlossSuggestionFile *
gloss_suggestion_file_new (GFile         *file,
                           GlossDocument *document)
{
  GlossSuggestionFile *self;
  g_autofree char *basename = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (document), NULL);

  self = g_object_new (GLOSS_TYPE_SUGGESTION_FILE, NULL);
  self->file = g_object_ref (file);
  self->document = g_object_ref (document);

  basename = g_file_get_basename (file);
  gloss_suggestion_file_parse_name (basename, NULL, &self->annotator_id);

  return self;
}

GlossSuggestionFile *
gloss_suggestion_file_new_for_document (GlossDocument *document,
                                        const char    *annotator_id)
{
  GFile *article;
  g_autoptr(GFile) parent = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (GLOSS_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (gloss_annotator_id_is_valid (annotator_id), NULL);

  article = gloss_document_get_file (document);
  g_return_val_if_fail (article != NULL, NULL);

  parent = g_file_get_parent (article);
  name = gloss_suggestion_file_build_name (gloss_document_get_name (document), annotator_id);
  file = g_file_get_child (parent, name);

  return gloss_suggestion_file_new (file, document);
}

GFile *
gloss_suggestion_file_get_file (GlossSuggestionFile *self)
{
  g_return_val_if_fail (GLOSS_IS_SUGGESTION_FILE (self), NULL);
  return self->file;
}

GlossDocument *
gloss_suggestion_file_get_document (GlossSuggestionFile *self)
{
  g_return_val_if_fail (GLOSS_IS_SUGGESTION_FILE (self), NULL);
  return self->document;
}

const char *
gloss_suggestion_file_get_annotator_id (GlossSuggestionFile *self)
{
  g_return_val_if_fail (GLOSS_IS_SUGGESTION_FILE (self), NULL);
  return self->annotator_id;
}

GListModel *
gloss_suggestion_file_get_suggestions (GlossSuggestionFile *self)
{
  g_return_val_if_fail (GLOSS_IS_SUGGESTION_FILE (self), NULL);
  return G_LIST_MODEL (self->suggestions);
}

const char *
gloss_suggestion_file_get_id (GlossSuggestionFile *self,
                              GlossSuggestion     *suggestion)
{
  g_return_val_if_fail (GLOSS_IS_SUGGESTION_FILE (self), NULL);
  return g_hash_table_lookup (self->ids, suggestion);
}

GlossSuggestion *
gloss_suggestion_file_lookup (GlossSuggestionFile *self,
                              const char          *id)
{
  g_return_val_if_fail (GLOSS_IS_SUGGESTION_FILE (self), NULL);
  return id != NULL ? g_hash_table_lookup (self->by_id, id) : NULL;
}

GPtrArray *
gloss_suggestion_file_get_rejected (GlossSuggestionFile *self)
{
  g_return_val_if_fail (GLOSS_IS_SUGGESTION_FILE (self), NULL);
  return self->rejected;
}

gboolean
gloss_suggestion_file_is_rejected (GlossSuggestionFile *self,
                                   GlossSuggestion     *suggestion)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (GLOSS_IS_SUGGESTION_FILE (self), FALSE);
  g_return_val_if_fail (GLOSS_IS_SUGGESTION (suggestion), FALSE);

  key = proposal_key (suggestion);
  return g_hash_table_contains (self->rejected_keys, key);
}

GPtrArray *
gloss_suggestion_file_get_problems (GlossSuggestionFile *self)
{
  g_return_val_if_fail (GLOSS_IS_SUGGESTION_FILE (self), NULL);
  return self->problems;
}

gboolean
gloss_suggestion_file_is_read_only (GlossSuggestionFile *self)
{
  g_return_val_if_fail (GLOSS_IS_SUGGESTION_FILE (self), TRUE);
  return self->failed;
}

gboolean
gloss_suggestion_file_is_dirty (GlossSuggestionFile *self)
{
  g_return_val_if_fail (GLOSS_IS_SUGGESTION_FILE (self), FALSE);
  return self->dirty;
}

/* Reading
 * ------------------------------------------------------------------------ */

typedef struct
{
  GlossSuggestionFile *file;
  const char          *display_name;
  guint                n_errors;
  GlossError           error_code;       /* of the first error */
  gboolean             article_matches;  /* document.sha256 and .length */
  GPtrArray           *suggestions;      /* read */
  GPtrArray           *suggestion_ids;   /* char *, the id each states */
  GPtrArray           *suggestion_paths; /* char *, "suggestions[i]" */
  GPtrArray           *rejected;
  GPtrArray           *rejected_paths;
} Reader;

static const char * const top_level_keys[] = {
  "format", "version", "document", "annotator", "suggestions", "rejected", NULL
};
static const char * const document_keys[] = { "file", "sha256", "length", NULL };
static const char * const suggestion_keys[] = {
  "id", "source", "label", "tie", "start", "end", "exact", "score", "detail", "speaker", NULL
};
static const char * const rejected_keys[] = { "label", "start", "end", "exact", "speaker", NULL };
static const char * const speaker_keys[] = { "start", "end", "label", NULL };

G_GNUC_PRINTF (4, 5)
static void
report (Reader     *reader,
        GlossError  code,
        const char *location,
        const char *format,
        ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (reader->n_errors++ == 0)
    reader->error_code = code;

  g_ptr_array_add (reader->file->problems,
                   gloss_problem_new (GLOSS_SEVERITY_ERROR, reader->display_name,
                                      location != NULL && location[0] != '\0' ? location : NULL,
                                      message));
}

#define invalid_at(reader, location, ...) \
  report (reader, GLOSS_ERROR_INVALID, location, __VA_ARGS__)

static char *
path_member (const char *path,
             const char *member)
{
  return path[0] != '\0' ? g_strconcat (path, ".", member, NULL) : g_strdup (member);
}

/* A value from the file quoted in a one-line message: at most 40
 * characters, line breaks and control characters escaped. */
static char *
quote_value (const char *value)
{
  GString *out = g_string_new (NULL);
  guint n = 0;

  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (n == 40)
        {
          g_string_append (out, "…");
          break;
        }
      if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static const char *
describe_type (const GlossJsonValue *value)
{
  return value == NULL ? _("missing") : gloss_json_value_describe_type (value);
}

/* Members not in @known are errors: the format is Gloss's own, and a
 * member it does not know would be lost on the next write. */
static void
check_members (Reader               *reader,
               const GlossJsonValue *object,
               const char           *path,
               const char * const   *known)
{
  guint n = gloss_json_value_get_length (object);

  for (guint i = 0; i < n; i++)
    {
      const char *name = gloss_json_value_get_member_name (object, i);

      if (!g_strv_contains (known, name))
        {
          g_autofree char *location = path_member (path, name);
          invalid_at (reader, location, _("not a member of a suggestions file"));
        }
    }
}

/* @type member @name of @object, reported when missing (and @required)
 * or of another type; NULL then. */
static const GlossJsonValue *
get_member (Reader               *reader,
            const GlossJsonValue *object,
            const char           *path,
            const char           *name,
            GlossJsonType         type,
            gboolean              required)
{
  const GlossJsonValue *value = gloss_json_value_lookup (object, name);
  g_autofree char *location = NULL;
  GlossJsonType actual;

  if (value == NULL && !required)
    return NULL;

  location = path_member (path, name);
  if (value == NULL)
    {
      invalid_at (reader, location, _("missing"));
      return NULL;
    }

  actual = gloss_json_value_get_type (value);
  if (actual == type || (type == GLOSS_JSON_DOUBLE && actual == GLOSS_JSON_INTEGER))
    return value;

  switch (type)
    {
    case GLOSS_JSON_STRING:
      invalid_at (reader, location, _("must be a string, not %s"), describe_type (value));
      break;
    case GLOSS_JSON_INTEGER:
      invalid_at (reader, location, _("must be an integer, not %s"), describe_type (value));
      break;
    case GLOSS_JSON_DOUBLE:
      invalid_at (reader, location, _("must be a number, not %s"), describe_type (value));
      break;
    case GLOSS_JSON_ARRAY:
      invalid_at (reader, location, _("must be an array, not %s"), describe_type (value));
      break;
    case GLOSS_JSON_OBJECT:
    default:
      invalid_at (reader, location, _("must be an object, not %s"), describe_type (value));
      break;
    }

  return NULL;
}

static const char *
get_string (Reader               *reader,
            const GlossJsonValue *object,
            const char           *path,
            const char           *name,
            gboolean              required)
{
  const GlossJsonValue *value = get_member (reader, object, path, name, GLOSS_JSON_STRING, required);

  return value != NULL ? gloss_json_value_get_string (value) : NULL;
}

/* A label or source: a non-empty string. */
static const char *
get_name (Reader               *reader,
          const GlossJsonValue *object,
          const char           *path,
          const char           *name)
{
  const char *value = get_string (reader, object, path, name, TRUE);

  if (value != NULL && value[0] == '\0')
    {
      g_autofree char *location = path_member (path, name);
      invalid_at (reader, location, _("must not be empty"));
      return NULL;
    }

  return value;
}

/* One offset, 0 … the article's length. */
static gboolean
get_offset (Reader               *reader,
            const GlossJsonValue *object,
            const char           *path,
            const char           *name,
            guint                *out)
{
  const GlossJsonValue *value = get_member (reader, object, path, name, GLOSS_JSON_INTEGER, TRUE);
  guint length = gloss_document_get_length (reader->file->document);
  g_autofree char *location = NULL;
  gint64 offset;

  if (value == NULL)
    return FALSE;

  offset = gloss_json_value_get_int (value);
  location = path_member (path, name);
  if (offset < 0)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, offset);

      /* Translators: %s is a number */
      invalid_at (reader, location, _("%s is negative"), number);
      return FALSE;
    }

  /* Against another article, offsets mean nothing: only the document's
   * error is said. */
  if (!reader->article_matches)
    {
      *out = 0;
      return FALSE;
    }

  if (offset > length)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, offset);

      report (reader, GLOSS_ERROR_RANGE, location,
              g_dngettext (GETTEXT_PACKAGE,
                           /* Translators: %s is an offset, %u the article's length */
                           "%s is past the end of the article (%u code point)",
                           "%s is past the end of the article (%u code points)",
                           length),
              number, length);
      return FALSE;
    }

  if (!gloss_document_is_grapheme_boundary (reader->file->document, (guint) offset))
    {
      report (reader, GLOSS_ERROR_RANGE, location,
              _("%u is inside a grapheme cluster (a character and its combining marks, or an emoji sequence)"),
              (guint) offset);
      return FALSE;
    }

  *out = (guint) offset;
  return TRUE;
}

/* start and end of a span: on the article, not empty. */
static gboolean
get_span (Reader               *reader,
          const GlossJsonValue *object,
          const char           *path,
          guint                *start,
          guint                *end)
{
  gboolean start_ok = get_offset (reader, object, path, "start", start);
  gboolean end_ok = get_offset (reader, object, path, "end", end);

  if (!start_ok || !end_ok)
    return FALSE;

  if (*start >= *end)
    {
      if (*start == *end)
        /* Translators: two character offsets, "the span 7–7 is empty" */
        report (reader, GLOSS_ERROR_RANGE, path, _("the span %u–%u is empty"), *start, *end);
      else
        report (reader, GLOSS_ERROR_RANGE, path, _("start %u is after end %u"), *start, *end);
      return FALSE;
    }

  return TRUE;
}

/* The speaker's span and label, or FALSE (reported when broken). */
static gboolean
read_speaker (Reader               *reader,
              const GlossJsonValue *object,
              const char           *path,
              gboolean             *has_speaker,
              guint                *start,
              guint                *end,
              const char          **label)
{
  const GlossJsonValue *speaker = get_member (reader, object, path, "speaker", GLOSS_JSON_OBJECT, FALSE);
  g_autofree char *speaker_path = NULL;
  gboolean ok;

  *has_speaker = speaker != NULL;
  if (speaker == NULL)
    return gloss_json_value_lookup (object, "speaker") == NULL;

  speaker_path = path_member (path, "speaker");
  check_members (reader, speaker, speaker_path, speaker_keys);
  ok = get_span (reader, speaker, speaker_path, start, end);
  *label = get_name (reader, speaker, speaker_path, "label");

  return ok && *label != NULL;
}

/* exact: what the article reads at the span. */
static gboolean
check_exact (Reader               *reader,
             const GlossJsonValue *object,
             const char           *path,
             gboolean              span_ok,
             guint                 start,
             guint                 end,
             const char          **exact)
{
  g_autofree char *location = NULL;
  g_autofree char *actual = NULL;
  g_autofree char *quoted = NULL;

  *exact = get_string (reader, object, path, "exact", TRUE);
  if (*exact == NULL)
    return FALSE;
  if (!span_ok || gloss_document_slice_equals (reader->file->document, start, end, *exact))
    return span_ok;

  location = path_member (path, "exact");
  actual = gloss_document_dup_slice (reader->file->document, start, end);
  quoted = quote_value (actual);
  report (reader, GLOSS_ERROR_INCONSISTENT, location,
          _("does not match the article at %u–%u, which reads “%s”"), start, end, quoted);
  return FALSE;
}

/* label, or null and the labels of a tie. */
static gboolean
read_label (Reader               *reader,
            const GlossJsonValue *object,
            const char           *path,
            const char          **label,
            GStrv                *tie)
{
  const GlossJsonValue *value = gloss_json_value_lookup (object, "label");
  const GlossJsonValue *tie_value = gloss_json_value_lookup (object, "tie");
  g_autofree char *tie_path = path_member (path, "tie");
  g_autoptr(GStrvBuilder) builder = NULL;
  guint n;

  *label = NULL;
  *tie = NULL;

  if (value == NULL || gloss_json_value_get_type (value) != GLOSS_JSON_NULL)
    {
      *label = get_name (reader, object, path, "label");
      if (tie_value != NULL)
        {
          invalid_at (reader, tie_path, _("only a suggestion without a label (null) is a tie"));
          return FALSE;
        }
      return *label != NULL;
    }

  tie_value = get_member (reader, object, path, "tie", GLOSS_JSON_ARRAY, TRUE);
  if (tie_value == NULL)
    return FALSE;

  n = gloss_json_value_get_length (tie_value);
  if (n < 2)
    {
      invalid_at (reader, tie_path, _("a tie is between two labels or more"));
      return FALSE;
    }

  builder = g_strv_builder_new ();
  for (guint i = 0; i < n; i++)
    {
      const GlossJsonValue *element = gloss_json_value_get_element (tie_value, i);
      g_autofree char *location = g_strdup_printf ("%s[%u]", tie_path, i);
      const char *name;

      if (gloss_json_value_get_type (element) != GLOSS_JSON_STRING
          || gloss_json_value_get_string (element)[0] == '\0')
        {
          invalid_at (reader, location, _("must be a label, not %s"), describe_type (element));
          return FALSE;
        }

      name = gloss_json_value_get_string (element);
      for (guint j = 0; j < i; j++)
        {
          if (strcmp (gloss_json_value_get_string (gloss_json_value_get_element (tie_value, j)),
                      name) == 0)
            {
              g_autofree char *quoted = quote_value (name);
              invalid_at (reader, location, _("“%s” is used twice"), quoted);
              return FALSE;
            }
        }
      g_strv_builder_add (builder, name);
    }

  *tie = g_strv_builder_end (builder);
  return TRUE;
}

static gboolean
read_score (Reader               *reader,
            const GlossJsonValue *object,
            const char           *path,
            gboolean             *has_score,
            double               *score)
{
  const GlossJsonValue *value = get_member (reader, object, path, "score", GLOSS_JSON_DOUBLE, FALSE);

  *has_score = value != NULL;
  if (value == NULL)
    return gloss_json_value_lookup (object, "score") == NULL;

  *score = gloss_json_value_get_double (value);
  if (!(*score >= 0.0 && *score <= 1.0))
    {
      g_autofree char *location = path_member (path, "score");
      char number[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_dtostr (number, sizeof number, *score);
      /* Translators: %s is a number */
      invalid_at (reader, location, _("%s is not a score from 0 to 1"), number);
      return FALSE;
    }

  return TRUE;
}

static void
read_suggestion (Reader               *reader,
                 const GlossJsonValue *object,
                 const char           *path)
{
  g_autoptr(GlossSuggestion) suggestion = NULL;
  g_auto(GStrv) tie = NULL;
  const char *id, *source, *label, *exact, *detail, *speaker_label = NULL;
  guint start = 0, end = 0, speaker_start = 0, speaker_end = 0;
  gboolean has_score = FALSE, has_speaker = FALSE;
  double score = 0.0;
  gboolean ok = TRUE, span_ok;

  check_members (reader, object, path, suggestion_keys);

  id = get_string (reader, object, path, "id", TRUE);
  source = get_name (reader, object, path, "source");
  if (source != NULL && strcmp (source, REJECTED_SOURCE) == 0)
    {
      g_autofree char *location = path_member (path, "source");
      g_autofree char *quoted = quote_value (source);

      invalid_at (reader, location, _("“%s” is not a source of suggestions"), quoted);
      source = NULL;
    }
  ok &= read_label (reader, object, path, &label, &tie);
  span_ok = get_span (reader, object, path, &start, &end);
  ok &= check_exact (reader, object, path, span_ok, start, end, &exact);
  ok &= read_score (reader, object, path, &has_score, &score);
  detail = get_string (reader, object, path, "detail", FALSE);
  if (detail == NULL && gloss_json_value_lookup (object, "detail") != NULL)
    ok = FALSE;
  ok &= read_speaker (reader, object, path, &has_speaker, &speaker_start, &speaker_end,
                      &speaker_label);

  if (!ok || id == NULL || source == NULL)
    return;

  suggestion = gloss_suggestion_new (source, label, start, end, exact);
  if (tie != NULL)
    gloss_suggestion_set_tie (suggestion, (const char * const *) tie);
  if (has_score)
    gloss_suggestion_set_score (suggestion, score);
  if (detail != NULL)
    gloss_suggestion_set_detail (suggestion, detail);
  if (has_speaker)
    gloss_suggestion_set_speaker (suggestion, speaker_start, speaker_end, speaker_label);

  g_ptr_array_add (reader->suggestions, g_steal_pointer (&suggestion));
  g_ptr_array_add (reader->suggestion_ids, g_strdup (id));
  g_ptr_array_add (reader->suggestion_paths, g_strdup (path));
}

static void
read_rejected (Reader               *reader,
               const GlossJsonValue *object,
               const char           *path)
{
  g_autoptr(GlossSuggestion) entry = NULL;
  const char *label = NULL, *exact, *speaker_label = NULL;
  guint start = 0, end = 0, speaker_start = 0, speaker_end = 0;
  gboolean has_speaker = FALSE;
  gboolean ok = TRUE, span_ok;
  const GlossJsonValue *label_value = gloss_json_value_lookup (object, "label");

  check_members (reader, object, path, rejected_keys);

  /* A rejected tie has no label either. */
  if (label_value == NULL || gloss_json_value_get_type (label_value) != GLOSS_JSON_NULL)
    {
      label = get_name (reader, object, path, "label");
      ok &= label != NULL;
    }
  span_ok = get_span (reader, object, path, &start, &end);
  ok &= check_exact (reader, object, path, span_ok, start, end, &exact);
  ok &= read_speaker (reader, object, path, &has_speaker, &speaker_start, &speaker_end,
                      &speaker_label);
  if (!ok)
    return;

  entry = gloss_suggestion_new (REJECTED_SOURCE, label, start, end, exact);
  if (has_speaker)
    gloss_suggestion_set_speaker (entry, speaker_start, speaker_end, speaker_label);

  g_ptr_array_add (reader->rejected, g_steal_pointer (&entry));
  g_ptr_array_add (reader->rejected_paths, g_strdup (path));
}

static void
read_list (Reader               *reader,
           const GlossJsonValue *root,
           const char           *name,
           void                (*read_entry) (Reader *, const GlossJsonValue *, const char *))
{
  const GlossJsonValue *list = get_member (reader, root, "", name, GLOSS_JSON_ARRAY, TRUE);
  guint n;

  if (list == NULL)
    return;

  n = gloss_json_value_get_length (list);
  for (guint i = 0; i < n; i++)
    {
      const GlossJsonValue *entry = gloss_json_value_get_element (list, i);
      g_autofree char *path = g_strdup_printf ("%s[%u]", name, i);

      if (gloss_json_value_get_type (entry) != GLOSS_JSON_OBJECT)
        invalid_at (reader, path, _("must be an object, not %s"), describe_type (entry));
      else
        read_entry (reader, entry, path);
    }
}

static void
read_header (Reader               *reader,
             const GlossJsonValue *root)
{
  const char *format = get_string (reader, root, "", "format", TRUE);
  const GlossJsonValue *version = get_member (reader, root, "", "version", GLOSS_JSON_INTEGER, TRUE);
  const char *annotator;

  if (format != NULL && strcmp (format, GLOSS_SUGGESTION_FILE_FORMAT) != 0)
    {
      g_autofree char *quoted = quote_value (format);
      invalid_at (reader, "format",
                  _("“%s” is not “gloss-suggestions”: this is not a Gloss suggestions file"),
                  quoted);
    }

  if (version != NULL && gloss_json_value_get_int (version) != GLOSS_SUGGESTION_FILE_VERSION)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                 gloss_json_value_get_int (version));

      if (gloss_json_value_get_int (version) > GLOSS_SUGGESTION_FILE_VERSION)
        report (reader, GLOSS_ERROR_READ_ONLY, "version",
                /* Translators: %s is the file's format version, %d ours */
                _("format version %s is newer than this Gloss understands (%d)"),
                number, GLOSS_SUGGESTION_FILE_VERSION);
      else
        /* Translators: %s is a number */
        invalid_at (reader, "version", _("%s is not a valid format version"), number);
    }

  annotator = get_string (reader, root, "", "annotator", TRUE);
  if (annotator != NULL && g_strcmp0 (annotator, reader->file->annotator_id) != 0)
    {
      g_autofree char *quoted = quote_value (annotator);

      if (!gloss_annotator_id_is_valid (annotator))
        invalid_at (reader, "annotator",
                    _("“%s” is not a valid annotator id (lowercase letters, digits, “-” and “_”)"),
                    quoted);
      else if (reader->file->annotator_id != NULL)
        invalid_at (reader, "annotator",
                    _("“%s” does not match the file name, which is for “%s”"),
                    quoted, reader->file->annotator_id);
    }
}

/* Whether the file was written for this article as it is: its name, its
 * hash and its length. */
static void
read_document (Reader               *reader,
               const GlossJsonValue *root)
{
  GlossDocument *document = reader->file->document;
  const GlossJsonValue *object = get_member (reader, root, "", "document", GLOSS_JSON_OBJECT, TRUE);
  const GlossJsonValue *length;
  const char *file, *sha256;
  guint n_errors = reader->n_errors;

  reader->article_matches = FALSE;
  if (object == NULL)
    return;

  check_members (reader, object, "document", document_keys);

  file = get_string (reader, object, "document", "file", TRUE);
  if (file != NULL && g_strcmp0 (file, gloss_document_get_name (document)) != 0)
    {
      g_autofree char *quoted = quote_value (file);
      g_autofree char *article = quote_value (gloss_document_get_name (document) != NULL
                                              ? gloss_document_get_name (document) : "");

      report (reader, GLOSS_ERROR_INCONSISTENT, "document.file",
              _("names “%s”, but these suggestions are read for “%s”"), quoted, article);
    }

  sha256 = get_string (reader, object, "document", "sha256", TRUE);
  if (sha256 != NULL && strcmp (sha256, gloss_document_get_sha256 (document)) != 0)
    report (reader, GLOSS_ERROR_INCONSISTENT, "document.sha256",
            _("the suggestions were made for another text than the article’s (another article, or this one before it changed): not used"));

  length = get_member (reader, object, "document", "length", GLOSS_JSON_INTEGER, TRUE);
  if (length != NULL && gloss_json_value_get_int (length) != gloss_document_get_length (document))
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                 gloss_json_value_get_int (length));

      report (reader, GLOSS_ERROR_INCONSISTENT, "document.length",
              g_dngettext (GETTEXT_PACKAGE,
                           /* Translators: %s is the length the file states, %u the article's */
                           "%s does not match the article (%u code point)",
                           "%s does not match the article (%u code points)",
                           gloss_document_get_length (document)),
              number, gloss_document_get_length (document));
    }

  reader->article_matches = reader->n_errors == n_errors;
}

/* Ids as the writer gives them, each proposal once, and nothing both
 * suggested and rejected. */
static void
check_lists (Reader *reader)
{
  g_autoptr(GHashTable) proposals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) rejected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GlossSuggestionFile) scratch = NULL;
  g_autoptr(GPtrArray) items = NULL;

  for (guint i = 0; i < reader->rejected->len; i++)
    {
      char *key = proposal_key (g_ptr_array_index (reader->rejected, i));
      const char *path = g_ptr_array_index (reader->rejected_paths, i);
      const char *first = g_hash_table_lookup (rejected, key);

      if (first != NULL)
        {
          invalid_at (reader, path, _("the same as %s"), first);
          g_free (key);
        }
      else
        g_hash_table_insert (rejected, key, (char *) path);
    }

  for (guint i = 0; i < reader->suggestions->len; i++)
    {
      char *key = proposal_key (g_ptr_array_index (reader->suggestions, i));
      const char *path = g_ptr_array_index (reader->suggestion_paths, i);
      const char *first = g_hash_table_lookup (proposals, key);
      const char *rejection = g_hash_table_lookup (rejected, key);

      if (first != NULL)
        invalid_at (reader, path, _("the same proposal as %s"), first);
      else if (rejection != NULL)
        invalid_at (reader, path, _("the same proposal as %s, which was rejected"), rejection);

      if (first != NULL || rejection != NULL)
        g_free (key);
      else
        g_hash_table_insert (proposals, key, (char *) path);
    }

  if (reader->n_errors > 0)
    return;

  /* The ids the list would give. */
  scratch = g_object_new (GLOSS_TYPE_SUGGESTION_FILE, NULL);
  items = g_ptr_array_new_full (reader->suggestions->len, g_object_unref);
  for (guint i = 0; i < reader->suggestions->len; i++)
    g_ptr_array_add (items, g_object_ref (g_ptr_array_index (reader->suggestions, i)));
  set_listed (scratch, items);

  for (guint i = 0; i < reader->suggestions->len; i++)
    {
      const char *stated = g_ptr_array_index (reader->suggestion_ids, i);
      const char *id = g_hash_table_lookup (scratch->ids, g_ptr_array_index (reader->suggestions, i));

      if (strcmp (stated, id) != 0)
        {
          g_autofree char *location = path_member (g_ptr_array_index (reader->suggestion_paths, i), "id");
          g_autofree char *quoted = quote_value (stated);

          invalid_at (reader, location,
                      _("“%s” is not this suggestion’s id, which is “%s” (made from its source, label, span and speaker)"),
                      quoted, id);
        }
    }
}

static GlossJsonDoc *
parse (Reader     *reader,
       const char *data,
       gsize       size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *location = NULL;
  const char *bad = NULL;
  guint line = 0, column = 0;
  GlossJsonDoc *doc;

  if (size > GLOSS_SUGGESTION_FILE_MAX_BYTES)
    {
      report (reader, GLOSS_ERROR_TOO_LARGE, NULL,
              g_dngettext (GETTEXT_PACKAGE,
                           "the file is %lu byte, more than the limit of %d MiB",
                           "the file is %lu bytes, more than the limit of %d MiB",
                           size),
              (unsigned long) size, GLOSS_SUGGESTION_FILE_MAX_BYTES / (1024 * 1024));
      return NULL;
    }

  doc = gloss_json_doc_parse (data, size, MAX_DEPTH, &line, &column, &error);
  if (doc != NULL)
    return doc;

  /* Bytes that are not UTF-8 are said as such wherever they are (the
   * parser checks them in strings only, and calls any other a syntax
   * error), at the byte. */
  if (!g_utf8_validate_len (data, size, &bad))
    {
      report (reader, GLOSS_ERROR_INVALID_UTF8, NULL, _("invalid UTF-8 at byte %lu"),
              (unsigned long) (bad - data));
      return NULL;
    }

  if (line > 0)
    location = g_strdup_printf (_("line %u, column %u"), line, column);
  report (reader, error->code == GLOSS_ERROR_TOO_LARGE ? GLOSS_ERROR_TOO_LARGE : GLOSS_ERROR_PARSE,
          location, _("not valid JSON: %s"), error->message);
  return NULL;
}

static void
clear_contents (GlossSuggestionFile *self)
{
  g_autoptr(GPtrArray) none = g_ptr_array_new ();

  set_listed (self, none);
  g_hash_table_remove_all (self->rejected_keys);
  g_ptr_array_set_size (self->rejected, 0);
  untrack (self);
  forget_records (self);
}

/* Whatever was loaded or saved before is not what the file holds now: a
 * save still in flight must not clear dirty, nor say the file is there. */
static void
loaded_anew (GlossSuggestionFile *self)
{
  self->load_serial++;
  self->change_serial++;
  g_clear_pointer (&self->disk_sha256, g_free);
  memset (&self->written, 0, sizeof self->written);
}

static void
fail_with_summary (GlossSuggestionFile  *self,
                   GlossError            code,
                   GError              **error)
{
  GlossProblem *first = g_ptr_array_index (self->problems, 0);
  g_autofree char *first_text = gloss_problem_to_string (first);
  guint n = self->problems->len;

  self->failed = TRUE;

  if (n == 1)
    g_set_error_literal (error, GLOSS_ERROR, code, first_text);
  else
    g_set_error (error, GLOSS_ERROR, code,
                 g_dngettext (GETTEXT_PACKAGE, "%s (and %u more problem)",
                              "%s (and %u more problems)", n - 1),
                 first_text, n - 1);
}

static gboolean
load_data (GlossSuggestionFile  *self,
           const char           *data,
           gsize                 size,
           GError              **error)
{
  g_autofree char *display = self->file != NULL ? g_file_get_parse_name (self->file) : NULL;
  g_autoptr(GlossJsonDoc) doc = NULL;
  const GlossJsonValue *root;
  Reader reader = { self, display };

  clear_contents (self);
  g_ptr_array_set_size (self->problems, 0);
  self->failed = FALSE;
  loaded_anew (self);
  set_dirty (self, FALSE);
  self->on_disk = FALSE;

  reader.error_code = GLOSS_ERROR_INVALID;
  reader.suggestions = g_ptr_array_new_with_free_func (g_object_unref);
  reader.suggestion_ids = g_ptr_array_new_with_free_func (g_free);
  reader.suggestion_paths = g_ptr_array_new_with_free_func (g_free);
  reader.rejected = g_ptr_array_new_with_free_func (g_object_unref);
  reader.rejected_paths = g_ptr_array_new_with_free_func (g_free);

  if (self->annotator_id == NULL)
    report (&reader, GLOSS_ERROR_INVALID, NULL,
            _("the file name does not name an annotator (ARTICLE.ANNOTATOR.suggestions.json)"));
  else if ((doc = parse (&reader, data != NULL ? data : "", size)) != NULL)
    {
      root = gloss_json_doc_get_root (doc);
      if (gloss_json_value_get_type (root) != GLOSS_JSON_OBJECT)
        invalid_at (&reader, NULL, _("the top level must be an object, not %s"),
                    describe_type (root));
      else
        {
          check_members (&reader, root, "", top_level_keys);
          read_header (&reader, root);
          read_document (&reader, root);
          read_list (&reader, root, "suggestions", read_suggestion);
          read_list (&reader, root, "rejected", read_rejected);
          if (reader.n_errors == 0)
            check_lists (&reader);
        }
    }

  if (reader.n_errors == 0)
    {
      for (guint i = 0; i < reader.rejected->len; i++)
        add_rejected (self, g_ptr_array_index (reader.rejected, i));
      set_listed (self, reader.suggestions);
      self->on_disk = TRUE;
    }
  else
    fail_with_summary (self, reader.error_code, error);

  g_ptr_array_unref (reader.suggestions);
  g_ptr_array_unref (reader.suggestion_ids);
  g_ptr_array_unref (reader.suggestion_paths);
  g_ptr_array_unref (reader.rejected);
  g_ptr_array_unref (reader.rejected_paths);

  return reader.n_errors == 0;
}

gboolean
gloss_suggestion_file_load_bytes (GlossSuggestionFile  *self,
                                  GBytes               *bytes,
                                  GError              **error)
{
  gsize size;
  const char *data;

  g_return_val_if_fail (GLOSS_IS_SUGGESTION_FILE (self), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  data = g_bytes_get_data (bytes, &size);
  return load_data (self, data, size, error);
}

gboolean
gloss_suggestion_file_load (GlossSuggestionFile  *self,
                            GCancellable         *cancellable,
                            GError              **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (GLOSS_IS_SUGGESTION_FILE (self), FALSE);
  g_return_val_if_fail (self->file != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Through the project's reader: a FIFO or a device at this path is
   * refused without reading it (g_file_load_bytes would block on a FIFO
   * for good), and a huge file before reading it. */
  bytes = gloss_file_load_bytes (self->file, NULL, GLOSS_SUGGESTION_FILE_MAX_BYTES, cancellable,
                                 &local_error);
  if (bytes == NULL && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      clear_contents (self);
      g_ptr_array_set_size (self->problems, 0);
      self->failed = FALSE;
      loaded_anew (self);
      set_dirty (self, FALSE);
      self->on_disk = FALSE;
      return TRUE;
    }
  if (bytes == NULL)
    {
      /* Unreadable: it may hold rejections, so it is not written over. */
      self->failed = TRUE;
      loaded_anew (self);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return gloss_suggestion_file_load_bytes (self, bytes, error);
}

/* Writing
 * ------------------------------------------------------------------------ */

static JsonNode *
speaker_node (GlossSuggestion *suggestion)
{
  JsonObject *object;
  const char *label;
  guint start, end;

  if (!gloss_suggestion_get_speaker (suggestion, &start, &end, &label))
    return NULL;

  object = json_object_new ();
  json_object_set_int_member (object, "start", start);
  json_object_set_int_member (object, "end", end);
  json_object_set_string_member (object, "label", label);

  return json_node_init_object (json_node_alloc (), object);
}

static void
set_label_members (JsonObject      *object,
                   GlossSuggestion *suggestion)
{
  const char *label = gloss_suggestion_get_label (suggestion);

  if (label != NULL)
    json_object_set_string_member (object, "label", label);
  else
    json_object_set_null_member (object, "label");
}

static void
set_span_members (JsonObject      *object,
                  GlossSuggestion *suggestion)
{
  json_object_set_int_member (object, "start", gloss_suggestion_get_start (suggestion));
  json_object_set_int_member (object, "end", gloss_suggestion_get_end (suggestion));
  json_object_set_string_member (object, "exact", gloss_suggestion_get_exact (suggestion));
}

/* What a save writes, taken on the calling thread: references to the
 * listed and rejected suggestions (immutable once listed), copies of the
 * ids and the header; printed, hashed and written from it anywhere. */
typedef struct
{
  GFile                *file;
  char                 *path;          /* NULL: only serialized */
  char                 *document_name;
  char                 *document_sha256;
  guint                 document_length;
  char                 *annotator_id;
  GPtrArray            *listed;        /* GlossSuggestion, list order */
  GStringChunk         *id_chunk;
  const char          **ids;           /* of @listed, in @id_chunk */
  GPtrArray            *rejected;      /* GlossSuggestion, document order */
  guint64               change_serial;
  guint64               load_serial;
  /* What was written: the hash of its bytes, and how the file looked
   * right after. */
  char                 *sha256;
  GlossFileFingerprint  written;
} SaveJob;

static SaveJob *
save_job_new (GlossSuggestionFile *self,
              char                *path)
{
  guint n = n_listed (self);
  SaveJob *job = g_new0 (SaveJob, 1);

  job->file = self->file != NULL ? g_object_ref (self->file) : NULL;
  job->path = path;
  job->document_name = g_strdup (gloss_document_get_name (self->document));
  job->document_sha256 = g_strdup (gloss_document_get_sha256 (self->document));
  job->document_length = gloss_document_get_length (self->document);
  job->annotator_id = g_strdup (self->annotator_id);
  job->listed = g_ptr_array_new_full (n, g_object_unref);
  /* One block for all the ids (10 bytes each): no allocation each. */
  job->id_chunk = g_string_chunk_new ((ID_HEX_DIGITS + sizeof ID_PREFIX) * MAX (n, 1));
  job->ids = g_new (const char *, n);
  for (guint i = 0; i < n; i++)
    {
      GlossSuggestion *suggestion = g_object_ref (listed_at (self, i));

      g_ptr_array_add (job->listed, suggestion);
      job->ids[i] = g_string_chunk_insert (job->id_chunk,
                                                 g_hash_table_lookup (self->ids, suggestion));
    }
  job->rejected = g_ptr_array_new_full (self->rejected->len, g_object_unref);
  for (guint i = 0; i < self->rejected->len; i++)
    g_ptr_array_add (job->rejected, g_object_ref (g_ptr_array_index (self->rejected, i)));
  job->change_serial = self->change_serial;
  job->load_serial = self->load_serial;

  return job;
}

static void
save_job_free (SaveJob *job)
{
  g_clear_object (&job->file);
  g_free (job->path);
  g_free (job->document_name);
  g_free (job->document_sha256);
  g_free (job->annotator_id);
  g_clear_pointer (&job->listed, g_ptr_array_unref);
  g_free (job->ids);
  g_clear_pointer (&job->id_chunk, g_string_chunk_free);
  g_clear_pointer (&job->rejected, g_ptr_array_unref);
  g_free (job->sha256);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SaveJob, save_job_free)

static JsonNode *
suggestion_node (GlossSuggestion *suggestion,
                 const char      *id)
{
  JsonObject *object = json_object_new ();
  const char * const *tie = gloss_suggestion_get_tie (suggestion);
  JsonNode *speaker;
  double score;

  json_object_set_string_member (object, "id", id);
  json_object_set_string_member (object, "source", gloss_suggestion_get_source (suggestion));
  set_label_members (object, suggestion);
  if (gloss_suggestion_get_label (suggestion) == NULL)
    {
      JsonArray *labels = json_array_new ();

      for (guint i = 0; tie != NULL && tie[i] != NULL; i++)
        json_array_add_string_element (labels, tie[i]);
      json_object_set_array_member (object, "tie", labels);
    }
  set_span_members (object, suggestion);
  if (gloss_suggestion_get_score (suggestion, &score))
    json_object_set_double_member (object, "score", score);
  if (gloss_suggestion_get_detail (suggestion) != NULL)
    json_object_set_string_member (object, "detail", gloss_suggestion_get_detail (suggestion));
  if ((speaker = speaker_node (suggestion)) != NULL)
    json_object_set_member (object, "speaker", speaker);

  return json_node_init_object (json_node_alloc (), object);
}

static JsonNode *
rejected_node (GlossSuggestion *entry)
{
  JsonObject *object = json_object_new ();
  JsonNode *speaker;

  set_label_members (object, entry);
  set_span_members (object, entry);
  if ((speaker = speaker_node (entry)) != NULL)
    json_object_set_member (object, "speaker", speaker);

  return json_node_init_object (json_node_alloc (), object);
}

/* The canonical text of @job: touches nothing but the job, so it runs in
 * any thread. */
static GBytes *
render (SaveJob *job)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *top, *document;
  JsonArray *suggestions, *rejected;
  char *text;

  top = json_object_new ();
  json_object_set_string_member (top, "format", GLOSS_SUGGESTION_FILE_FORMAT);
  json_object_set_int_member (top, "version", GLOSS_SUGGESTION_FILE_VERSION);

  document = json_object_new ();
  json_object_set_string_member (document, "file", job->document_name);
  json_object_set_string_member (document, "sha256", job->document_sha256);
  json_object_set_int_member (document, "length", job->document_length);
  json_object_set_object_member (top, "document", document);

  json_object_set_string_member (top, "annotator", job->annotator_id);

  suggestions = json_array_new ();
  for (guint i = 0; i < job->listed->len; i++)
    json_array_add_element (suggestions, suggestion_node (g_ptr_array_index (job->listed, i),
                                                          job->ids[i]));
  json_object_set_array_member (top, "suggestions", suggestions);

  rejected = json_array_new ();
  for (guint i = 0; i < job->rejected->len; i++)
    json_array_add_element (rejected, rejected_node (g_ptr_array_index (job->rejected, i)));
  json_object_set_array_member (top, "rejected", rejected);

  root = json_node_init_object (json_node_alloc (), top);
  json_object_unref (top);
  text = gloss_json_to_string (root);

  return g_bytes_new_take (text, strlen (text));
}

GBytes *
gloss_suggestion_file_serialize (GlossSuggestionFile *self)
{
  g_autoptr(SaveJob) job = NULL;

  g_return_val_if_fail (GLOSS_IS_SUGGESTION_FILE (self), NULL);

  job = save_job_new (self, NULL);
  return render (job);
}

/* Whether @self may be written: not over a file that failed to load, and
 * only under a name that names its annotator. */
static gboolean
check_writable (GlossSuggestionFile  *self,
                GError              **error)
{
  g_autofree char *name = g_file_get_parse_name (self->file);

  if (self->failed)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_READ_ONLY,
                   _("%s: not saved, because the file failed to load and would be overwritten"),
                   name);
      return FALSE;
    }
  if (self->annotator_id == NULL)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   _("%s: not saved, because the file name does not name an annotator"), name);
      return FALSE;
    }

  return TRUE;
}

static char *
dup_local_path (GlossSuggestionFile  *self,
                GError              **error)
{
  char *path = g_file_get_path (self->file);

  if (path == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (self->file);

      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED,
                   _("%s: only local files can be saved"), name);
    }

  return path;
}

/* A job for saving @self, or NULL with @error when it may not be. */
static SaveJob *
prepare_save (GlossSuggestionFile  *self,
              GError              **error)
{
  char *path;

  if (!check_writable (self, error) || (path = dup_local_path (self, error)) == NULL)
    return NULL;

  return save_job_new (self, path);
}

/* Print, hash, write atomically (gloss-file.c: the old file or the new
 * one, never half of one; the mode kept), and look at the result. Any
 * thread. */
static gboolean
save_job_run (SaveJob  *job,
              GError  **error)
{
  g_autoptr(GBytes) bytes = render (job);
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  guint64 dev = 0, ino = 0;

  job->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  if (!gloss_file_replace_contents_full (job->path, data, size, &dev, &ino, error))
    return FALSE;

  /* As soon as it is in place: the look of our own write, unless it is
   * plainly not ours any more (another file or another size: another
   * program's write in between, which a watcher must read). */
  gloss_file_fingerprint_take (job->file, &job->written);
  if (job->written.exists
      && ((gsize) job->written.size != size || job->written.dev != dev || job->written.ino != ino))
    memset (&job->written, 0, sizeof job->written);

  return TRUE;
}

/* After @job's write: clean only if nothing changed since its snapshot
 * (else the changes made meanwhile still wait to be written), and there
 * only if no load came in between. */
static void
mark_saved (GlossSuggestionFile *self,
            SaveJob             *job)
{
  if (job->load_serial != self->load_serial)
    return;

  g_free (self->disk_sha256);
  self->disk_sha256 = g_steal_pointer (&job->sha256);
  self->written = job->written;
  self->on_disk = TRUE;
  if (job->change_serial == self->change_serial)
    set_dirty (self, FALSE);
}

gboolean
gloss_suggestion_file_save (GlossSuggestionFile  *self,
                            GError              **error)
{
  g_autoptr(SaveJob) job = NULL;

  g_return_val_if_fail (GLOSS_IS_SUGGESTION_FILE (self), FALSE);
  g_return_val_if_fail (self->file != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((job = prepare_save (self, error)) == NULL || !save_job_run (job, error))
    return FALSE;

  mark_saved (self, job);
  return TRUE;
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (save_job_run (task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
gloss_suggestion_file_save_async (GlossSuggestionFile *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  SaveJob *job;

  g_return_if_fail (GLOSS_IS_SUGGESTION_FILE (self));
  g_return_if_fail (self->file != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gloss_suggestion_file_save_async);
  g_task_set_name (task, "[gloss] save suggestions");

  if ((job = prepare_save (self, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_set_task_data (task, job, (GDestroyNotify) save_job_free);
  g_task_run_in_thread (task, save_thread);
}

gboolean
gloss_suggestion_file_save_finish (GlossSuggestionFile  *self,
                                   GAsyncResult         *result,
                                   GError              **error)
{
  g_return_val_if_fail (GLOSS_IS_SUGGESTION_FILE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gloss_suggestion_file_save_async,
                        FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  mark_saved (self, g_task_get_task_data (G_TASK (result)));
  return TRUE;
}

const char *
gloss_suggestion_file_get_disk_sha256 (GlossSuggestionFile *self)
{
  g_return_val_if_fail (GLOSS_IS_SUGGESTION_FILE (self), NULL);

  return self->disk_sha256;
}

const GlossFileFingerprint *
gloss_suggestion_file_get_written_fingerprint (GlossSuggestionFile *self)
{
  g_return_val_if_fail (GLOSS_IS_SUGGESTION_FILE (self), NULL);

  return self->disk_sha256 != NULL && self->written.exists ? &self->written : NULL;
}

gboolean
gloss_suggestion_file_write (GlossSuggestionFile       *self,
                             GlossFileBatch            *batch,
                             GlossSuggestionFileWrite  *done,
                             GError                   **error)
{
  g_autoptr(SaveJob) job = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (GLOSS_IS_SUGGESTION_FILE (self), FALSE);
  g_return_val_if_fail (self->file != NULL, FALSE);
  g_return_val_if_fail (batch != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *done = GLOSS_SUGGESTION_FILE_UNCHANGED;
  if (!self->dirty)
    return TRUE;

  /* One already there is replaced at once: a batch only makes new files. */
  if (self->on_disk)
    {
      if (!gloss_suggestion_file_save (self, error))
        return FALSE;
      *done = GLOSS_SUGGESTION_FILE_SAVED;
      return TRUE;
    }

  if ((job = prepare_save (self, error)) == NULL)
    return FALSE;

  bytes = render (job);
  if (!gloss_file_batch_add (batch, job->path, g_bytes_get_data (bytes, NULL),
                             g_bytes_get_size (bytes), error))
    return FALSE;

  set_dirty (self, FALSE);
  self->on_disk = TRUE;
  *done = GLOSS_SUGGESTION_FILE_BATCHED;
  return TRUE;
}

/* Checking suggestions made by a source
 * ------------------------------------------------------------------------ */

static gboolean
check_span (GlossDocument *document,
            guint          start,
            guint          end,
            GError       **error)
{
  guint length = gloss_document_get_length (document);

  if (start < end && end <= length
      && gloss_document_is_grapheme_boundary (document, start)
      && gloss_document_is_grapheme_boundary (document, end))
    return TRUE;

  g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_RANGE,
               /* Translators: two character offsets */
               _("the span %u–%u is not on the article: empty, past its end or inside a grapheme cluster"),
               start, end);
  return FALSE;
}

/* A suggestion that can stand in this file: of @source (when given), its
 * spans on the article, its text the article's. */
static gboolean
check_suggestion (GlossSuggestionFile  *self,
                  GlossSuggestion      *suggestion,
                  const char           *source,
                  GError              **error)
{
  const char *speaker_label;
  guint start, end;

  if (source != NULL && strcmp (gloss_suggestion_get_source (suggestion), source) != 0)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   _("a suggestion of “%s” in a run of “%s”"),
                   gloss_suggestion_get_source (suggestion), source);
      return FALSE;
    }

  if (gloss_suggestion_get_label (suggestion) == NULL)
    {
      const char * const *tie = gloss_suggestion_get_tie (suggestion);

      if (tie == NULL || tie[0] == NULL || tie[1] == NULL)
        {
          g_set_error_literal (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                               _("a suggestion without a label must be a tie between two labels or more"));
          return FALSE;
        }
    }

  if (!check_span (self->document, gloss_suggestion_get_start (suggestion),
                   gloss_suggestion_get_end (suggestion), error))
    return FALSE;

  if (!gloss_document_slice_equals (self->document, gloss_suggestion_get_start (suggestion),
                                    gloss_suggestion_get_end (suggestion),
                                    gloss_suggestion_get_exact (suggestion)))
    {
      g_autofree char *quoted = quote_value (gloss_suggestion_get_exact (suggestion));

      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   _("“%s” is not the article’s text at %u–%u"), quoted,
                   gloss_suggestion_get_start (suggestion), gloss_suggestion_get_end (suggestion));
      return FALSE;
    }

  if (gloss_suggestion_get_speaker (suggestion, &start, &end, &speaker_label))
    return check_span (self->document, start, end, error);

  return TRUE;
}

/* Annotated already
 * ------------------------------------------------------------------------ */

static gboolean
label_fits (GlossSuggestion *suggestion,
            const char      *label)
{
  const char *suggested = gloss_suggestion_get_label (suggestion);
  const char * const *tie;

  if (suggested != NULL)
    return strcmp (suggested, label) == 0;

  tie = gloss_suggestion_get_tie (suggestion);
  return tie == NULL || g_strv_contains (tie, label);
}

/* The first annotation of @set at exactly [@start, @end) with @label. */
static GlossAnnotation *
find_annotation (GlossAnnotationSet *set,
                 guint               start,
                 guint               end,
                 const char         *label)
{
  guint n_found;
  GlossAnnotation * const *found = gloss_annotation_set_peek_span (set, start, end, &n_found);

  for (guint i = 0; i < n_found; i++)
    if (strcmp (gloss_annotation_get_label (found[i]), label) == 0)
      return found[i];

  return NULL;
}

/* The speaker relation from @quote to a span [@start, @end) with @label. */
static GlossRelation *
find_speaker_relation (GlossAnnotationSet *set,
                       GlossAnnotation    *quote,
                       guint               start,
                       guint               end,
                       const char         *label)
{
  const char *quote_id = gloss_annotation_get_id (quote);
  g_autoptr(GPtrArray) relations = gloss_annotation_set_relations_of (set, quote_id);

  for (guint i = 0; i < relations->len; i++)
    {
      GlossRelation *relation = g_ptr_array_index (relations, i);
      GlossAnnotation *to;

      if (strcmp (gloss_relation_get_rel_type (relation), GLOSS_RELATION_SPEAKER) != 0
          || strcmp (gloss_relation_get_from (relation), quote_id) != 0)
        continue;

      to = gloss_annotation_set_lookup (set, gloss_relation_get_to (relation));
      if (to != NULL && !gloss_annotation_is_orphaned (to)
          && gloss_annotation_get_start (to) == start && gloss_annotation_get_end (to) == end
          && strcmp (gloss_annotation_get_label (to), label) == 0)
        return relation;
    }

  return NULL;
}

static gboolean
is_annotated (GlossAnnotationSet *set,
              GlossSuggestion    *suggestion)
{
  guint start = gloss_suggestion_get_start (suggestion);
  guint end = gloss_suggestion_get_end (suggestion);
  guint n_found;
  /* Allocation-free: merging a run looks up every suggestion of it. */
  GlossAnnotation * const *found = gloss_annotation_set_peek_span (set, start, end, &n_found);
  const char *speaker_label;
  guint speaker_start, speaker_end;
  gboolean has_speaker = gloss_suggestion_get_speaker (suggestion, &speaker_start, &speaker_end,
                                                       &speaker_label);

  for (guint i = 0; i < n_found; i++)
    {
      GlossAnnotation *annotation = found[i];

      if (!label_fits (suggestion, gloss_annotation_get_label (annotation)))
        continue;

      if (!has_speaker
          || find_speaker_relation (set, annotation, speaker_start, speaker_end, speaker_label) != NULL)
        return TRUE;
    }

  return FALSE;
}

/* Higher score wins; a score wins over none; otherwise the one there. */
static gboolean
scores_higher (GlossSuggestion *candidate,
               GlossSuggestion *standing)
{
  double a, b;
  gboolean has_a = gloss_suggestion_get_score (candidate, &a);
  gboolean has_b = gloss_suggestion_get_score (standing, &b);

  if (has_a != has_b)
    return has_a;

  return has_a && a > b;
}

/* Merging a run
 * ------------------------------------------------------------------------ */

/* Merging a run touches only what it changes: the run's winners are
 * found by proposal (one hash lookup each), set against what is listed at
 * each proposal, and the source's listed suggestions no winner stands for
 * go. The list then loses and gains just those, each run of neighbours in
 * one change, so that a list view (and a filter over it) does work for
 * the changes only, not for every suggestion listed. The result is the
 * same as making the list anew: other sources' suggestions stand, this
 * source's last run goes, and at each proposal the highest score wins
 * (the one listed first when equal). */

/* The run's winner at each proposal it makes that is neither rejected nor
 * annotated: the first of the highest score. Checks each suggestion first
 * (NULL and @error when one is wrong): a suggestion listed already (the
 * worker gives the objects listed back for those unchanged) was checked
 * when it was merged, and its key is known, so most of a follow run costs
 * a pointer lookup and the annotated test. */
static GHashTable *
run_winners (GlossSuggestionFile *self,
             const char          *source,
             GPtrArray           *suggestions,
             GlossAnnotationSet  *annotations,
             GPtrArray           *keys,
             GError             **error)
{
  g_autoptr(GHashTable) winners = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTable *of_source = g_hash_table_lookup (self->by_source, source);
  g_autofree const char **run_keys = g_new (const char *, suggestions->len);

  for (guint i = 0; i < suggestions->len; i++)
    {
      GlossSuggestion *suggestion = g_ptr_array_index (suggestions, i);
      g_autoptr(GError) local_error = NULL;
      char *key;

      run_keys[i] = of_source != NULL ? g_hash_table_lookup (of_source, suggestion) : NULL;
      if (run_keys[i] != NULL)
        continue;

      if (!check_suggestion (self, suggestion, source, &local_error))
        {
          g_set_error (error, GLOSS_ERROR, local_error->code,
                       /* Translators: "suggestion 3 of “quotes”: …" */
                       _("suggestion %u of “%s”: %s"), i + 1, source, local_error->message);
          return NULL;
        }
      key = proposal_key (suggestion);
      g_ptr_array_add (keys, key);
      run_keys[i] = key;
    }

  for (guint i = 0; i < suggestions->len; i++)
    {
      GlossSuggestion *suggestion = g_ptr_array_index (suggestions, i);
      const char *key = run_keys[i];
      GlossSuggestion *standing;

      if (g_hash_table_contains (self->rejected_keys, key))
        continue;

      standing = g_hash_table_lookup (winners, key);
      if (standing != NULL && !scores_higher (suggestion, standing))
        continue;

      /* After the cheap tests: a lookup in the set's span index. */
      if (is_annotated (annotations, suggestion))
        continue;

      g_hash_table_insert (winners, (gpointer) key, suggestion);
    }

  return g_steal_pointer (&winners);
}

void
gloss_suggestion_file_prepare_run (GPtrArray *suggestions)
{
  g_return_if_fail (suggestions != NULL);

  for (guint i = 0; i < suggestions->len; i++)
    {
      GlossSuggestion *suggestion = g_ptr_array_index (suggestions, i);
      char *key;

      /* Prepared with an earlier run (and maybe shared since): as it is. */
      if (gloss_suggestion_peek_base_id (suggestion) != NULL)
        continue;
      key = make_proposal_key (suggestion);
      gloss_suggestion_take_keys (suggestion, key, hash_key (gloss_suggestion_get_source (suggestion), key, 0));
    }
}

gboolean
gloss_suggestion_file_merge_run (GlossSuggestionFile  *self,
                                 const char           *source,
                                 GPtrArray            *suggestions,
                                 GlossAnnotationSet   *annotations,
                                 guint                *n_added,
                                 GError              **error)
{
  return gloss_suggestion_file_merge_run_range (self, source, suggestions, 0, G_MAXUINT,
                                                annotations, n_added, error);
}

static inline gboolean
starts_in (GlossSuggestion *suggestion,
           guint            from,
           guint            to)
{
  guint start = gloss_suggestion_get_start (suggestion);

  return start >= from && start < to;
}

gboolean
gloss_suggestion_file_merge_run_range (GlossSuggestionFile  *self,
                                       const char           *source,
                                       GPtrArray            *suggestions,
                                       guint                 from,
                                       guint                 to,
                                       GlossAnnotationSet   *annotations,
                                       guint                *n_added,
                                       GError              **error)
{
  gboolean whole = from == 0 && to == G_MAXUINT;
  g_autoptr(GPtrArray) in_range = NULL;
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) winners = NULL;
  g_autoptr(GHashTable) stays = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) back = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTable *of_source;
  GHashTableIter iter;
  gpointer proposal, value;
  guint added = 0;

  g_return_val_if_fail (GLOSS_IS_SUGGESTION_FILE (self), FALSE);
  g_return_val_if_fail (source != NULL && source[0] != '\0', FALSE);
  g_return_val_if_fail (suggestions != NULL, FALSE);
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (annotations), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  g_return_val_if_fail (from <= to, FALSE);

  /* A part of the article: the run's suggestions that start in it, and
   * what is listed there; the rest as it is. */
  if (!whole)
    {
      in_range = g_ptr_array_new ();
      for (guint i = 0; i < suggestions->len; i++)
        if (starts_in (g_ptr_array_index (suggestions, i), from, to))
          g_ptr_array_add (in_range, g_ptr_array_index (suggestions, i));
      suggestions = in_range;
    }

  winners = run_winners (self, source, suggestions, annotations, keys, error);
  if (winners == NULL)
    return FALSE;
  of_source = g_hash_table_lookup (self->by_source, source);

  /* Each winner against what is listed at its proposal. */
  g_hash_table_iter_init (&iter, winners);
  while (g_hash_table_iter_next (&iter, &proposal, &value))
    {
      GlossSuggestion *winner = value;
      GlossSuggestion *listed;

      /* Listed as it is: found by its pointer. */
      if (of_source != NULL && g_hash_table_contains (of_source, winner))
        {
          g_hash_table_add (stays, winner);
          continue;
        }

      listed = g_hash_table_lookup (self->by_proposal, proposal);

      if (listed == NULL)
        {
          added++;
          g_ptr_array_add (back, g_object_ref (winner));
        }
      else if (strcmp (gloss_suggestion_get_source (listed), source) == 0)
        {
          /* The source's last run at this proposal: the winner, unless
           * equal (then the object listed stays, and its id). */
          g_hash_table_add (stays, listed);
          if (listed != winner && !gloss_suggestion_equal (listed, winner))
            {
              g_ptr_array_add (gone, g_object_ref (listed));
              g_ptr_array_add (back, g_object_ref (winner));
            }
        }
      else if (scores_higher (winner, listed))
        {
          /* Another source's: it stands unless the winner scores higher. */
          g_ptr_array_add (gone, g_object_ref (listed));
          g_ptr_array_add (back, g_object_ref (winner));
        }
    }

  /* The source's last run where this one has no winner goes. */
  if (of_source != NULL)
    {
      gpointer listed;

      g_hash_table_iter_init (&iter, of_source);
      while (g_hash_table_iter_next (&iter, &listed, NULL))
        if (!g_hash_table_contains (stays, listed) && (whole || starts_in (listed, from, to)))
          g_ptr_array_add (gone, g_object_ref (listed));
    }

  /* A run that gives what stands already changes nothing: the file is
   * not rewritten for it (a missing one is still made). */
  if (gone->len > 0 || back->len > 0)
    {
      replace_many (self, gone, back);
      set_dirty (self, TRUE);
    }
  else if (!self->on_disk)
    set_dirty (self, TRUE);

  if (n_added != NULL)
    *n_added = added;

  return TRUE;
}

guint
gloss_suggestion_file_drop_annotated (GlossSuggestionFile *self,
                                      GlossAnnotationSet  *annotations)
{
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GPtrArray) items = NULL;

  g_return_val_if_fail (GLOSS_IS_SUGGESTION_FILE (self), 0);
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (annotations), 0);

  listed = dup_listed (self);
  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < listed->len; i++)
    {
      GlossSuggestion *suggestion = g_ptr_array_index (listed, i);

      if (!is_annotated (annotations, suggestion))
        g_ptr_array_add (items, g_object_ref (suggestion));
    }

  if (items->len == listed->len)
    return 0;

  set_listed (self, items);
  set_dirty (self, TRUE);

  return listed->len - items->len;
}

/* Rejecting
 * ------------------------------------------------------------------------ */

gboolean
gloss_suggestion_file_reject (GlossSuggestionFile  *self,
                              GlossSuggestion      *suggestion,
                              GError              **error)
{
  g_autoptr(GlossSuggestion) entry = NULL;

  g_return_val_if_fail (GLOSS_IS_SUGGESTION_FILE (self), FALSE);
  g_return_val_if_fail (GLOSS_IS_SUGGESTION (suggestion), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!find_listed (self, suggestion, NULL))
    {
      g_set_error_literal (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND,
                           _("This suggestion is not among the article’s suggestions"));
      return FALSE;
    }

  entry = rejection_for (suggestion);
  unlist (self, suggestion);
  add_rejected (self, entry);
  set_dirty (self, TRUE);

  return TRUE;
}

gboolean
gloss_suggestion_file_unreject (GlossSuggestionFile  *self,
                                GlossSuggestion      *suggestion,
                                GError              **error)
{
  g_autofree char *key = NULL;
  g_autoptr(GlossSuggestion) held = NULL;
  GlossSuggestion *entry;

  g_return_val_if_fail (GLOSS_IS_SUGGESTION_FILE (self), FALSE);
  g_return_val_if_fail (GLOSS_IS_SUGGESTION (suggestion), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  key = proposal_key (suggestion);
  entry = g_hash_table_lookup (self->rejected_keys, key);
  if (entry == NULL)
    {
      g_set_error_literal (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND,
                           _("This suggestion was not rejected"));
      return FALSE;
    }

  /* @suggestion may be @entry itself (one of get_rejected()): held while
   * it leaves the list of rejections. */
  held = g_object_ref (suggestion);
  g_hash_table_remove (self->rejected_keys, key);
  g_ptr_array_remove (self->rejected, entry);
  if (!g_hash_table_contains (self->by_proposal, key)
      && strcmp (gloss_suggestion_get_source (suggestion), REJECTED_SOURCE) != 0)
    relist (self, suggestion);
  set_dirty (self, TRUE);

  return TRUE;
}

/* Accepting, and following the set's undo and redo
 * ------------------------------------------------------------------------ */

static gboolean
accepted_in_effect (GlossAnnotationSet *set,
                    Accepted           *accepted)
{
  if (accepted->created != NULL
      && gloss_annotation_set_lookup (set, gloss_annotation_get_id (accepted->created)) != accepted->created)
    return FALSE;

  return accepted->relation == NULL
         || gloss_annotation_set_lookup_relation (set, gloss_relation_get_id (accepted->relation))
            == accepted->relation;
}

/* Which accepts a change of the set may have undone or redone
 * ------------------------------------------------------------------------
 *
 * Undoing an accept of 10,000 takes 10,000 annotations out, each change
 * told on its own; checking every accept at each would cost 10,000²
 * lookups (12 s). So the file keeps a copy of the set's list and of its
 * relations (pointers, in order; kept by their "items-changed"), which
 * says what each change took out or put in, and checks only the accepts
 * that made those. */

static void
watch (GlossSuggestionFile *self,
       gpointer             object,
       Accepted            *accepted)
{
  GPtrArray *records;

  if (object == NULL)
    return;

  records = g_hash_table_lookup (self->watched, object);
  if (records == NULL)
    {
      records = g_ptr_array_new ();
      g_hash_table_insert (self->watched, object, records);
    }
  g_ptr_array_add (records, accepted);
}

static void
unwatch (GlossSuggestionFile *self,
         gpointer             object,
         Accepted            *accepted)
{
  GPtrArray *records;

  if (object == NULL || (records = g_hash_table_lookup (self->watched, object)) == NULL)
    return;

  g_ptr_array_remove_fast (records, accepted);
  if (records->len == 0)
    g_hash_table_remove (self->watched, object);
}

static void
add_record (GlossSuggestionFile *self,
            Accepted            *accepted)
{
  g_ptr_array_add (self->accepted, accepted);
  watch (self, accepted->created, accepted);
  watch (self, accepted->relation, accepted);
}

static void
remove_record (GlossSuggestionFile *self,
               guint                index)
{
  Accepted *accepted = g_ptr_array_index (self->accepted, index);

  unwatch (self, accepted->created, accepted);
  unwatch (self, accepted->relation, accepted);
  g_hash_table_remove (self->pending, accepted);
  g_ptr_array_remove_index (self->accepted, index);
}

static void
forget_records (GlossSuggestionFile *self)
{
  g_hash_table_remove_all (self->pending);
  g_hash_table_remove_all (self->watched);
  g_ptr_array_set_size (self->accepted, 0);
}

/* The accepts that made @object are to be checked. */
static void
mark (GlossSuggestionFile *self,
      gpointer             object)
{
  GPtrArray *records = g_hash_table_lookup (self->watched, object);

  for (guint i = 0; records != NULL && i < records->len; i++)
    g_hash_table_add (self->pending, g_ptr_array_index (records, i));
}

static void
copy_model (GPtrArray  *copy,
            GListModel *model)
{
  guint n = g_list_model_get_n_items (model);

  g_ptr_array_set_size (copy, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      copy->pdata[i] = item;  /* the model holds it */
    }
}

static void
on_items_changed (GListModel          *model,
                  guint                position,
                  guint                removed,
                  guint                added,
                  GlossSuggestionFile *self)
{
  GPtrArray *copy = model == G_LIST_MODEL (self->tracked) ? self->annotations_copy : self->relations_copy;
  guint old_len = copy->len;

  /* Out of step (not expected): every accept is checked, the copy made
   * again. */
  if (position + removed > old_len || old_len - removed + added != g_list_model_get_n_items (model))
    {
      self->check_all = TRUE;
      copy_model (copy, model);
      return;
    }

  for (guint i = 0; i < removed; i++)
    mark (self, copy->pdata[position + i]);

  /* Room for the added, filled in below. */
  gloss_ptr_array_splice (copy, position, removed, NULL, added);

  for (guint i = 0; i < added; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, position + i);

      copy->pdata[position + i] = item;
      mark (self, item);
    }
}

/* Orphans come and go only when the set is loaded: not worth a copy. */
static void
on_orphans_changed (GListModel          *model,
                    guint                position,
                    guint                removed,
                    guint                added,
                    GlossSuggestionFile *self)
{
  self->check_all = TRUE;
}

/* The records of @dropped (a set of Accepted) go, in one pass. */
static void
drop_records (GlossSuggestionFile *self,
              GHashTable          *dropped)
{
  GPtrArray *kept = g_ptr_array_new_full (self->accepted->len, (GDestroyNotify) accepted_free);

  for (guint i = 0; i < self->accepted->len; i++)
    {
      Accepted *accepted = g_ptr_array_index (self->accepted, i);

      if (!g_hash_table_contains (dropped, accepted))
        {
          g_ptr_array_add (kept, accepted);
          continue;
        }
      unwatch (self, accepted->created, accepted);
      unwatch (self, accepted->relation, accepted);
      g_hash_table_remove (self->pending, accepted);
      accepted_free (accepted);
    }

  g_ptr_array_set_free_func (self->accepted, NULL);
  g_ptr_array_unref (self->accepted);
  self->accepted = kept;
}

/* An accept the person took out of effect by hand (deleted what it made,
 * changed the quote's speaker or set it to none): a correction, so its
 * proposal is rejected — remembered, never suggested again — rather than
 * listed again for "Accept All Shown" to make once more. A listed
 * suggestion of the same proposal (another source's) goes with it. */
static void
reject_corrected (GlossSuggestionFile *self,
                  Accepted            *accepted,
                  GPtrArray           *gone)
{
  g_autofree char *key = proposal_key (accepted->suggestion);
  g_autoptr(GlossSuggestion) entry = NULL;
  GlossSuggestion *listed;

  if (g_hash_table_contains (self->rejected_keys, key))
    return;

  listed = g_hash_table_lookup (self->by_proposal, key);
  if (listed != NULL)
    g_ptr_array_add (gone, listed);

  entry = rejection_for (accepted->suggestion);
  add_rejected (self, entry);
}

/* After a change of the set: an accept undone lists its suggestion again,
 * one redone takes it out; those of one step (an accept of all) in one
 * change of the list. An accept taken out of effect by a hand edit is
 * rejected instead, and no longer followed. A load (a reload of the
 * sidecar) is no edit: what it took out is listed again, as by an undo. */
static void
follow_set (GlossSuggestionFile *self)
{
  g_autoptr(GPtrArray) back = g_ptr_array_new ();
  g_autoptr(GPtrArray) gone = g_ptr_array_new ();
  g_autoptr(GPtrArray) check = NULL;
  g_autoptr(GHashTable) coming = NULL;
  g_autoptr(GHashTable) dropped = NULL;
  gboolean by_hand;

  if (self->check_all)
    check = g_ptr_array_copy (self->accepted, NULL, NULL);
  else if (g_hash_table_size (self->pending) > 0)
    {
      GHashTableIter iter;
      gpointer accepted;

      check = g_ptr_array_sized_new (g_hash_table_size (self->pending));
      g_hash_table_iter_init (&iter, self->pending);
      while (g_hash_table_iter_next (&iter, &accepted, NULL))
        g_ptr_array_add (check, accepted);
    }
  else
    return;
  self->check_all = FALSE;
  g_hash_table_remove_all (self->pending);

  by_hand = !gloss_annotation_set_is_replaying (self->tracked)
            && !gloss_annotation_set_is_loading (self->tracked);

  for (guint i = 0; i < check->len; i++)
    {
      Accepted *accepted = g_ptr_array_index (check, i);
      gboolean in_effect = accepted_in_effect (self->tracked, accepted);

      if (!in_effect && !accepted->listed && by_hand)
        {
          if (dropped == NULL)
            dropped = g_hash_table_new (g_direct_hash, g_direct_equal);
          reject_corrected (self, accepted, gone);
          g_hash_table_add (dropped, accepted);
        }
      else if (!in_effect && !accepted->listed)
        {
          g_autofree char *key = proposal_key (accepted->suggestion);

          if (coming == NULL)
            coming = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          if (g_hash_table_contains (self->by_proposal, key)
              || g_hash_table_contains (self->rejected_keys, key)
              || g_hash_table_contains (coming, key))
            continue;

          accepted->listed = TRUE;
          g_ptr_array_add (back, accepted->suggestion);
          g_hash_table_add (coming, g_steal_pointer (&key));
        }
      else if (in_effect && accepted->listed)
        {
          accepted->listed = FALSE;
          g_ptr_array_add (gone, accepted->suggestion);
        }
    }

  if (gone->len > 0)
    unlist_many (self, gone);
  if (back->len > 0)
    relist_many (self, back);
  if (dropped != NULL)
    drop_records (self, dropped);
  if (gone->len > 0 || back->len > 0 || dropped != NULL)
    set_dirty (self, TRUE);
}

/* "n-annotations" rather than "items-changed": the set tells the list's
 * change before its id table has it, and the count after. */
static void
on_n_annotations (GlossAnnotationSet  *set,
                  GParamSpec          *pspec,
                  GlossSuggestionFile *self)
{
  follow_set (self);
}

static void
on_relations_changed (GlossAnnotationSet  *set,
                      GlossSuggestionFile *self)
{
  follow_set (self);
}

static void
untrack (GlossSuggestionFile *self)
{
  if (self->tracked == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->tracked, self);
  g_signal_handlers_disconnect_by_data (gloss_annotation_set_get_relations (self->tracked), self);
  g_signal_handlers_disconnect_by_data (gloss_annotation_set_get_orphans (self->tracked), self);
  g_clear_weak_pointer (&self->tracked);
  g_ptr_array_set_size (self->annotations_copy, 0);
  g_ptr_array_set_size (self->relations_copy, 0);
  g_hash_table_remove_all (self->pending);
  self->check_all = FALSE;
}

static void
track (GlossSuggestionFile *self,
       GlossAnnotationSet  *set)
{
  GListModel *relations = gloss_annotation_set_get_relations (set);

  if (self->tracked == set)
    return;

  /* Accepts into another set are no longer followed. */
  untrack (self);
  forget_records (self);

  g_set_weak_pointer (&self->tracked, set);
  copy_model (self->annotations_copy, G_LIST_MODEL (set));
  copy_model (self->relations_copy, relations);
  g_signal_connect_object (set, "items-changed", G_CALLBACK (on_items_changed), self, 0);
  g_signal_connect_object (relations, "items-changed", G_CALLBACK (on_items_changed), self, 0);
  g_signal_connect_object (gloss_annotation_set_get_orphans (set), "items-changed",
                           G_CALLBACK (on_orphans_changed), self, 0);
  g_signal_connect_object (set, "notify::n-annotations", G_CALLBACK (on_n_annotations), self, 0);
  g_signal_connect_object (set, "relations-changed", G_CALLBACK (on_relations_changed), self, 0);
}

/* {"source": …, "score": …} in the annotation's own sidecar member. */
static void
record_provenance (GlossAnnotation *annotation,
                   GlossSuggestion *suggestion)
{
  JsonObject *extra = gloss_annotation_get_extra (annotation);
  g_autoptr(JsonObject) members = extra != NULL ? json_object_ref (extra) : json_object_new ();
  JsonObject *record = json_object_new ();
  double score;

  json_object_set_string_member (record, "source", gloss_suggestion_get_source (suggestion));
  if (gloss_suggestion_get_score (suggestion, &score))
    json_object_set_double_member (record, "score", score);
  json_object_set_object_member (members, GLOSS_SUGGESTION_MEMBER, record);
  gloss_annotation_set_extra (annotation, members);
}

/* Everything an accept will do, checked before any edit. */
static gboolean
check_accept (GlossSuggestionFile  *self,
              GlossSuggestion      *suggestion,
              const char           *label,
              GlossAnnotationSet   *set,
              GError              **error)
{
  const char *speaker_label;
  guint speaker_start, speaker_end;
  GlossAnnotation *quote, *speaker;
  g_autoptr(GlossAnnotation) quote_probe = NULL;
  g_autoptr(GlossAnnotation) speaker_probe = NULL;

  if (!find_listed (self, suggestion, NULL))
    {
      g_set_error_literal (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND,
                           _("This suggestion is not among the article’s suggestions"));
      return FALSE;
    }

  if (label == NULL)
    {
      const char * const *tie = gloss_suggestion_get_tie (suggestion);
      g_autofree char *labels = g_strjoinv (", ", (char **) tie);

      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   /* Translators: %s is a list of label ids, "person, organization" */
                   _("The sources disagree on this span’s label (%s): choose one to accept it"),
                   labels != NULL ? labels : "");
      return FALSE;
    }

  if (gloss_annotation_set_get_document (set) != self->document
      && g_strcmp0 (gloss_document_get_sha256 (gloss_annotation_set_get_document (set)),
                    gloss_document_get_sha256 (self->document)) != 0)
    {
      g_set_error_literal (error, GLOSS_ERROR, GLOSS_ERROR_INCONSISTENT,
                           _("These suggestions are for another article than the annotations"));
      return FALSE;
    }

  if (!gloss_annotation_set_check_writable (set, error)
      || !check_suggestion (self, suggestion, NULL, error))
    return FALSE;

  if (!gloss_suggestion_get_speaker (suggestion, &speaker_start, &speaker_end, &speaker_label))
    return TRUE;

  /* The relation's rule, on the spans there or on stand-ins for those
   * the accept would make. */
  quote = find_annotation (set, gloss_suggestion_get_start (suggestion),
                           gloss_suggestion_get_end (suggestion), label);
  if (quote == NULL)
    quote = quote_probe = gloss_annotation_new ("a-suggested-span", label,
                                                gloss_suggestion_get_start (suggestion),
                                                gloss_suggestion_get_end (suggestion));
  speaker = find_annotation (set, speaker_start, speaker_end, speaker_label);
  if (speaker == NULL)
    speaker = speaker_probe = gloss_annotation_new ("a-suggested-speaker", speaker_label,
                                                    speaker_start, speaker_end);

  return gloss_annotation_set_check_relation (set, GLOSS_RELATION_SPEAKER, quote, speaker, error);
}

/* Annotations by span and label, for an accept of many: one walk of the
 * set rather than a search of it for each (10,000: 60 ms of 160). */
static char *
span_label_key (guint       start,
                guint       end,
                const char *label)
{
  return g_strdup_printf ("%u:%u:%s", start, end, label);
}

static void
remember_span (GHashTable      *spans,
               GlossAnnotation *annotation)
{
  char *key = span_label_key (gloss_annotation_get_start (annotation),
                              gloss_annotation_get_end (annotation),
                              gloss_annotation_get_label (annotation));

  /* The first in the set's order, as find_annotation() finds. */
  if (g_hash_table_contains (spans, key))
    g_free (key);
  else
    g_hash_table_insert (spans, key, annotation);
}

static GHashTable *
index_spans (GlossAnnotationSet *set)
{
  GListModel *model = G_LIST_MODEL (set);
  guint n = g_list_model_get_n_items (model);
  GHashTable *spans = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossAnnotation) annotation = g_list_model_get_item (model, i);

      remember_span (spans, annotation);  /* the set holds it */
    }

  return spans;
}

/* find_annotation(), through @spans when given. */
static GlossAnnotation *
lookup_span (GlossAnnotationSet *set,
             GHashTable         *spans,
             guint               start,
             guint               end,
             const char         *label)
{
  g_autofree char *key = NULL;

  if (spans == NULL)
    return find_annotation (set, start, end, label);

  key = span_label_key (start, end, label);
  return g_hash_table_lookup (spans, key);
}

/* The edits of an accept, in the group the caller opened. @spans
 * (optional): the set's annotations by span, kept up to date here. */
static GlossAnnotation *
apply_accept (GlossSuggestion     *suggestion,
              const char          *label,
              GlossAnnotationSet  *set,
              GHashTable          *spans,
              Accepted            *accepted,
              GError             **error)
{
  guint start = gloss_suggestion_get_start (suggestion);
  guint end = gloss_suggestion_get_end (suggestion);
  const char *speaker_label;
  guint speaker_start, speaker_end;
  GlossAnnotation *quote, *speaker;

  quote = lookup_span (set, spans, start, end, label);
  if (quote == NULL)
    {
      quote = gloss_annotation_set_create (set, label, start, end, error);
      if (quote == NULL)
        return NULL;
      record_provenance (quote, suggestion);
      accepted->created = g_object_ref (quote);
      if (spans != NULL)
        remember_span (spans, quote);
    }

  if (!gloss_suggestion_get_speaker (suggestion, &speaker_start, &speaker_end, &speaker_label))
    return quote;

  speaker = lookup_span (set, spans, speaker_start, speaker_end, speaker_label);
  if (speaker == NULL)
    {
      speaker = gloss_annotation_set_create (set, speaker_label, speaker_start, speaker_end, error);
      if (speaker == NULL)
        return NULL;
      record_provenance (speaker, suggestion);
      accepted->made_speaker = g_object_ref (speaker);
      if (spans != NULL)
        remember_span (spans, speaker);
    }

  if (!gloss_annotation_set_set_speaker (set, quote, speaker, error))
    return NULL;

  accepted->relation = find_speaker_relation (set, quote, speaker_start, speaker_end, speaker_label);
  if (accepted->relation != NULL)
    g_object_ref (accepted->relation);

  return quote;
}

GlossAnnotation *
gloss_suggestion_file_accept (GlossSuggestionFile  *self,
                              GlossSuggestion      *suggestion,
                              const char           *label,
                              GlossAnnotationSet   *annotations,
                              GError              **error)
{
  g_autoptr(GlossSuggestion) held = NULL;
  Accepted *accepted;
  GlossAnnotation *annotation;
  guint64 serial;

  g_return_val_if_fail (GLOSS_IS_SUGGESTION_FILE (self), NULL);
  g_return_val_if_fail (GLOSS_IS_SUGGESTION (suggestion), NULL);
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (annotations), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (label == NULL)
    label = gloss_suggestion_get_label (suggestion);
  if (!check_accept (self, suggestion, label, annotations, error))
    return NULL;

  held = g_object_ref (suggestion);
  track (self, annotations);
  accepted = g_new0 (Accepted, 1);
  accepted->suggestion = g_object_ref (suggestion);

  /* Not followed while its own edits are made. */
  g_signal_handlers_block_by_func (annotations, on_n_annotations, self);
  g_signal_handlers_block_by_func (annotations, on_relations_changed, self);

  serial = gloss_annotation_set_get_change_serial (annotations);
  gloss_annotation_set_begin_group (annotations);
  annotation = apply_accept (suggestion, label, annotations, NULL, accepted, error);
  gloss_annotation_set_end_group (annotations);

  /* Checked beforehand, so not expected; should an edit fail all the
   * same, the part done is undone rather than left half made. */
  if (annotation == NULL && gloss_annotation_set_get_change_serial (annotations) != serial)
    gloss_annotation_set_undo (annotations, NULL);

  g_signal_handlers_unblock_by_func (annotations, on_n_annotations, self);
  g_signal_handlers_unblock_by_func (annotations, on_relations_changed, self);

  if (annotation == NULL)
    {
      accepted_free (accepted);
      follow_set (self);
      return NULL;
    }

  /* An older accept of the same suggestion, undone, can no longer be
   * redone: this one replaces it. */
  for (guint i = self->accepted->len; i-- > 0;)
    {
      Accepted *older = g_ptr_array_index (self->accepted, i);
      if (older->suggestion == suggestion)
        remove_record (self, i);
    }
  add_record (self, accepted);

  unlist (self, suggestion);
  set_dirty (self, TRUE);
  /* What its edits did to other accepts (a speaker put out). */
  follow_set (self);

  return annotation;
}

/* Whether anything can be accepted into @set at all: these are
 * suggestions of its article, and it takes edits. */
static gboolean
check_target (GlossSuggestionFile  *self,
              GlossAnnotationSet   *set,
              GError              **error)
{
  if (gloss_annotation_set_get_document (set) != self->document
      && g_strcmp0 (gloss_document_get_sha256 (gloss_annotation_set_get_document (set)),
                    gloss_document_get_sha256 (self->document)) != 0)
    {
      g_set_error_literal (error, GLOSS_ERROR, GLOSS_ERROR_INCONSISTENT,
                           _("These suggestions are for another article than the annotations"));
      return FALSE;
    }

  return gloss_annotation_set_check_writable (set, error);
}

static char *
span_key (GlossSuggestion *suggestion)
{
  return g_strdup_printf ("%u:%u", gloss_suggestion_get_start (suggestion),
                          gloss_suggestion_get_end (suggestion));
}

/* Whether @suggestion may go with @taken, accepted earlier in the same
 * call at the same span: one span makes one annotation, so the same label,
 * and one speaker (set_speaker() would put the other's out). */
static gboolean
fits_taken (GlossSuggestion *suggestion,
            GlossSuggestion *taken)
{
  if (strcmp (gloss_suggestion_get_label (suggestion), gloss_suggestion_get_label (taken)) != 0)
    return FALSE;

  return !(gloss_suggestion_get_speaker (suggestion, NULL, NULL, NULL)
           && gloss_suggestion_get_speaker (taken, NULL, NULL, NULL));
}

/* The accepts of accept_all() in the group the caller opened; those
 * skipped counted. Returns the records of those made; NULL, with @error,
 * when an edit failed though checked (@failed: the suggestion). */
static GPtrArray *
apply_all (GlossSuggestionFile  *self,
           GPtrArray            *suggestions,
           GHashTable           *excluded,
           GlossAnnotationSet   *set,
           guint                *n_skipped,
           GlossSuggestion     **failed,
           GError              **error)
{
  g_autoptr(GPtrArray) done = g_ptr_array_new_with_free_func ((GDestroyNotify) accepted_free);
  g_autoptr(GHashTable) spans = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GHashTable) created = g_hash_table_new (g_direct_hash, g_direct_equal);
  /* A table of every span for many (an accept of all 10,000); for a
   * screenful, a search each (gloss_annotation_set_peek_span()) rather
   * than a pass over the whole set. */
  g_autoptr(GHashTable) by_span = suggestions->len > ACCEPT_SEARCH_MAX ? index_spans (set) : NULL;

  *n_skipped = 0;
  for (guint i = 0; i < suggestions->len; i++)
    {
      GlossSuggestion *suggestion = g_ptr_array_index (suggestions, i);
      const char *label = gloss_suggestion_get_label (suggestion);
      g_autofree char *span = NULL;
      GlossSuggestion *taken;
      GlossAnnotation *annotation;
      Accepted *accepted;

      /* Given twice: accepted once, and not counted again. */
      if (!g_hash_table_add (seen, suggestion))
        continue;

      span = span_key (suggestion);
      taken = label != NULL ? g_hash_table_lookup (spans, span) : NULL;
      if (label == NULL || g_hash_table_contains (excluded, suggestion)
          || (taken != NULL && !fits_taken (suggestion, taken))
          || !check_accept (self, suggestion, label, set, NULL))
        {
          (*n_skipped)++;
          continue;
        }

      accepted = g_new0 (Accepted, 1);
      accepted->suggestion = g_object_ref (suggestion);
      annotation = apply_accept (suggestion, label, set, by_span, accepted, error);
      if (annotation == NULL)
        {
          accepted_free (accepted);
          *failed = suggestion;
          return NULL;
        }

      /* A span an earlier one of this step made (its span or its
       * speaker's): undoing the step takes it out, so this one is listed
       * again with it. */
      if (accepted->created == NULL && g_hash_table_contains (created, annotation))
        accepted->created = g_object_ref (annotation);
      else if (accepted->created != NULL)
        g_hash_table_add (created, accepted->created);
      if (accepted->made_speaker != NULL)
        g_hash_table_add (created, accepted->made_speaker);

      if (taken == NULL)
        g_hash_table_insert (spans, g_steal_pointer (&span), suggestion);
      g_ptr_array_add (done, accepted);
    }

  return g_steal_pointer (&done);
}

gboolean
gloss_suggestion_file_accept_all (GlossSuggestionFile  *self,
                                  GPtrArray            *suggestions,
                                  GlossAnnotationSet   *annotations,
                                  guint                *n_accepted,
                                  guint                *n_skipped,
                                  GError              **error)
{
  g_autoptr(GHashTable) excluded = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GHashTable) replaced = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GPtrArray) held = NULL;
  g_autoptr(GPtrArray) done = NULL;
  g_autoptr(GPtrArray) gone = NULL;
  guint skipped = 0;

  g_return_val_if_fail (GLOSS_IS_SUGGESTION_FILE (self), FALSE);
  g_return_val_if_fail (suggestions != NULL, FALSE);
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (annotations), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_accepted != NULL)
    *n_accepted = 0;
  if (n_skipped != NULL)
    *n_skipped = 0;
  if (suggestions->len == 0)
    return TRUE;
  if (!check_target (self, annotations, error))
    return FALSE;

  /* The caller's array may be the list's own items, which leave it. */
  held = g_ptr_array_copy (suggestions, (GCopyFunc) (void (*) (void)) g_object_ref, NULL);
  g_ptr_array_set_free_func (held, g_object_unref);

  track (self, annotations);
  g_signal_handlers_block_by_func (annotations, on_n_annotations, self);
  g_signal_handlers_block_by_func (annotations, on_relations_changed, self);

  /* Checked beforehand, so not expected; should an edit fail all the
   * same, the step is undone and made again without that suggestion,
   * rather than left half made. */
  while (done == NULL)
    {
      g_autoptr(GError) local_error = NULL;
      guint64 serial = gloss_annotation_set_get_change_serial (annotations);
      GlossSuggestion *failed = NULL;

      gloss_annotation_set_begin_group (annotations);
      done = apply_all (self, held, excluded, annotations, &skipped, &failed, &local_error);
      gloss_annotation_set_end_group (annotations);

      if (done == NULL)
        {
          g_warning ("Accepting a suggestion failed though checked: %s", local_error->message);
          if (gloss_annotation_set_get_change_serial (annotations) != serial)
            gloss_annotation_set_undo (annotations, NULL);
          g_hash_table_add (excluded, failed);
        }
    }

  g_signal_handlers_unblock_by_func (annotations, on_n_annotations, self);
  g_signal_handlers_unblock_by_func (annotations, on_relations_changed, self);

  /* Older accepts of these, undone, can no longer be redone. */
  gone = g_ptr_array_new ();
  for (guint i = 0; i < done->len; i++)
    {
      Accepted *accepted = g_ptr_array_index (done, i);

      g_hash_table_add (replaced, accepted->suggestion);
      g_ptr_array_add (gone, accepted->suggestion);
    }
  for (guint i = self->accepted->len; i-- > 0;)
    {
      Accepted *older = g_ptr_array_index (self->accepted, i);

      if (g_hash_table_contains (replaced, older->suggestion))
        remove_record (self, i);
    }

  unlist_many (self, gone);
  for (guint i = 0; i < done->len; i++)
    add_record (self, g_ptr_array_index (done, i));
  g_ptr_array_set_free_func (done, NULL);
  if (gone->len > 0)
    set_dirty (self, TRUE);
  follow_set (self);

  if (n_accepted != NULL)
    *n_accepted = gone->len;
  if (n_skipped != NULL)
    *n_skipped = skipped;

  return TRUE;
}

/* Finding suggestions by place
 * ------------------------------------------------------------------------ */

/* The first position whose suggestion starts at or after @start, and for
 * @end > 0 (a span), whose span comes at or after [@start, @end) in list
 * order (start, then the longer first). */
static guint
first_from (GlossSuggestionFile *self,
            guint                start,
            guint                end)
{
  guint low = 0, high = n_listed (self);

  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      GlossSuggestion *item = listed_at (self, middle);
      guint item_start = gloss_suggestion_get_start (item);
      gboolean before = item_start < start
                        || (item_start == start && end > 0 && gloss_suggestion_get_end (item) > end);

      if (before)
        low = middle + 1;
      else
        high = middle;
    }

  return low;
}

GlossSuggestion *
gloss_suggestion_file_find_at (GlossSuggestionFile *self,
                               guint                start,
                               guint                end)
{
  GlossSuggestion *item;
  guint position;

  g_return_val_if_fail (GLOSS_IS_SUGGESTION_FILE (self), NULL);

  if (end <= start)
    return NULL;

  position = first_from (self, start, end);
  if (position >= n_listed (self))
    return NULL;

  item = listed_at (self, position);
  if (gloss_suggestion_get_start (item) != start || gloss_suggestion_get_end (item) != end)
    return NULL;

  return item;
}

guint
gloss_suggestion_file_find_next (GlossSuggestionFile *self,
                                 guint                offset,
                                 gboolean             forward,
                                 gboolean             wrap)
{
  guint n, position;

  g_return_val_if_fail (GLOSS_IS_SUGGESTION_FILE (self), G_MAXUINT);

  n = n_listed (self);
  if (n == 0)
    return G_MAXUINT;

  if (forward)
    {
      position = offset < G_MAXUINT ? first_from (self, offset + 1, 0) : n;
      if (position < n)
        return position;
      return wrap ? 0 : G_MAXUINT;
    }

  /* The last one starting before @offset, then the first of those that
   * start where it does. */
  position = first_from (self, offset, 0);
  if (position == 0)
    {
      if (!wrap)
        return G_MAXUINT;
      position = n;
    }
  return first_from (self, gloss_suggestion_get_start (listed_at (self, position - 1)), 0);
}

static gboolean
shown (GlossSuggestionFile   *self,
       GlossSuggestionFilter *filter,
       guint                  position)
{
  return filter == NULL || gloss_suggestion_filter_matches (filter, listed_at (self, position));
}

static guint
start_at (GlossSuggestionFile *self,
          guint                position)
{
  return gloss_suggestion_get_start (listed_at (self, position));
}

guint
gloss_suggestion_file_find_next_shown (GlossSuggestionFile   *self,
                                       guint                  offset,
                                       gboolean               forward,
                                       gboolean               wrap,
                                       GlossSuggestionFilter *filter)
{
  guint n, split, found = G_MAXUINT;

  g_return_val_if_fail (GLOSS_IS_SUGGESTION_FILE (self), G_MAXUINT);
  g_return_val_if_fail (filter == NULL || GLOSS_IS_SUGGESTION_FILTER (filter), G_MAXUINT);

  if (filter == NULL || gloss_suggestion_filter_is_empty (filter))
    return gloss_suggestion_file_find_next (self, offset, forward, wrap);

  /* From the binary search's place one step at a time (a list's
   * neighbours are cheap to get), around the end when @wrap. */
  n = n_listed (self);

  if (forward)
    {
      /* Those starting after @offset are from @split on. */
      split = offset < G_MAXUINT ? first_from (self, offset + 1, 0) : n;
      for (guint position = split; position < n; position++)
        if (shown (self, filter, position))
          return position;
      for (guint position = 0; wrap && position < split; position++)
        if (shown (self, filter, position))
          return position;
      return G_MAXUINT;
    }

  /* Those starting before @offset are before @split. */
  split = first_from (self, offset, 0);
  for (guint position = split; found == G_MAXUINT && position-- > 0;)
    if (shown (self, filter, position))
      found = position;
  for (guint position = n; wrap && found == G_MAXUINT && position-- > split;)
    if (shown (self, filter, position))
      found = position;
  if (found == G_MAXUINT)
    return G_MAXUINT;

  /* The first shown of those starting where it does. */
  {
    guint start = start_at (self, found);

    for (guint position = found; position-- > 0 && start_at (self, position) == start;)
      if (shown (self, filter, position))
        found = position;
  }

  return found;
}
