/* test-annotation-set.c — annotations, relations, queries and undo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "gloss.h"
#include "gloss-annotation-private.h"
#include "gloss-test-utils.h"

/* A short news paragraph with non-ASCII names, curly quotes, an em dash
 * and a two-code-point flag emoji (one grapheme). */
static const char *article =
  "KYIV — Mayor Zoë Ångström said on Tuesday that the Podil bridge would "
  "reopen in March. “We are nearly there 🇺🇦,” she told reporters outside "
  "the city hall. Critics on the Harbour Council, led by José Núñez, called "
  "the timeline “wishful thinking” and asked for an audit.";

/* ------------------------------------------------------------------ */
/* Helpers                                                              */
/* ------------------------------------------------------------------ */

/* Code-point offset of the first occurrence of @needle in @text, computed
 * independently of GlossDocument so the tests check it rather than
 * trust it. */
static guint
cp_offset (const char *text,
           const char *needle)
{
  const char *found = strstr (text, needle);

  g_assert_nonnull (found);
  return (guint)g_utf8_pointer_to_offset (text, found);
}

static guint
cp_length (const char *str)
{
  return (guint)g_utf8_strlen (str, -1);
}

/* Reference slice in code points, clamped like the sidecar's context. */
static char *
cp_slice (const char *text,
          glong       start,
          glong       end)
{
  glong length = g_utf8_strlen (text, -1);

  start = CLAMP (start, 0, length);
  end = CLAMP (end, start, length);
  return g_utf8_substring (text, start, end);
}

static GlossDocument *
new_article (void)
{
  g_autoptr(GError) error = NULL;
  GlossDocument *document = gloss_document_new_from_text (article, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);
  return document;
}

static GlossAnnotationSet *
new_set (void)
{
  g_autoptr(GlossDocument) document = new_article ();

  return gloss_annotation_set_new (document);
}

/* Records every items-changed of a list model. */
typedef struct
{
  guint position;
  guint removed;
  guint added;
} Change;

static void
record_items_changed (GListModel *model,
                      guint       position,
                      guint       removed,
                      guint       added,
                      GArray     *changes)
{
  Change change = { position, removed, added };

  g_array_append_val (changes, change);
}

static GArray *
watch_items (gpointer model)
{
  GArray *changes = g_array_new (FALSE, FALSE, sizeof (Change));

  g_signal_connect (model, "items-changed", G_CALLBACK (record_items_changed), changes);
  return changes;
}

static void
unwatch_items (gpointer  model,
               GArray   *changes)
{
  g_signal_handlers_disconnect_by_data (model, changes);
  g_array_unref (changes);
}

static void
assert_change (GArray *changes,
               guint   i,
               guint   position,
               guint   removed,
               guint   added)
{
  Change *change;

  g_assert_cmpuint (i, <, changes->len);
  change = &g_array_index (changes, Change, i);
  g_assert_cmpuint (change->position, ==, position);
  g_assert_cmpuint (change->removed, ==, removed);
  g_assert_cmpuint (change->added, ==, added);
}

static void
count_cb (gpointer  instance,
          gpointer  arg,
          guint    *counter)
{
  (*counter)++;
}

static void
count_no_arg_cb (gpointer  instance,
                 guint    *counter)
{
  (*counter)++;
}

/* The list model must always be in compare order. */
static void
assert_sorted (GlossAnnotationSet *set)
{
  GListModel *model = G_LIST_MODEL (set);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 1; i < n; i++)
    {
      g_autoptr(GlossAnnotation) a = g_list_model_get_item (model, i - 1);
      g_autoptr(GlossAnnotation) b = g_list_model_get_item (model, i);

      g_assert_cmpint (gloss_annotation_compare (a, b), <, 0);
      g_assert_cmpuint (gloss_annotation_set_index_of (set, b), ==, i);
    }
}

static GlossAnnotation *
nth (GlossAnnotationSet *set,
     guint               position)
{
  /* The set keeps it alive; drop the model's extra reference. */
  g_autoptr(GlossAnnotation) item = g_list_model_get_item (G_LIST_MODEL (set), position);

  g_assert_nonnull (item);
  return item;
}

static GlossAnnotation *
create_at (GlossAnnotationSet *set,
           const char         *label,
           const char         *needle)
{
  g_autoptr(GError) error = NULL;
  guint start = cp_offset (article, needle);
  GlossAnnotation *annotation;

  annotation = gloss_annotation_set_create (set, label, start, start + cp_length (needle), &error);
  g_assert_no_error (error);
  g_assert_nonnull (annotation);
  return annotation;
}

/* ------------------------------------------------------------------ */
/* Creating                                                             */
/* ------------------------------------------------------------------ */

static void
test_create_order (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossAnnotationSet) set = new_set ();
  GArray *changes;
  GlossAnnotation *hall, *mayor, *name, *name_claim;
  guint n_count_notifies = 0;
  guint n_undo_notifies = 0;

  changes = watch_items (set);
  g_signal_connect (set, "notify::n-annotations", G_CALLBACK (count_cb), &n_count_notifies);
  g_signal_connect (set, "notify::can-undo", G_CALLBACK (count_cb), &n_undo_notifies);

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (set)) == GLOSS_TYPE_ANNOTATION);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (set)), ==, 0);
  g_assert_false (gloss_annotation_set_can_undo (set));

  /* Created out of document order; each lands at its sorted position. */
  hall = create_at (set, "location", "the city hall");
  assert_change (changes, 0, 0, 0, 1);
  mayor = create_at (set, "person", "Mayor Zoë Ångström");
  assert_change (changes, 1, 0, 0, 1);
  name = create_at (set, "person", "Zoë Ångström");
  assert_change (changes, 2, 1, 0, 1);
  /* Same bounds, label "claim" < "person": sorts before it. */
  name_claim = create_at (set, "claim", "Zoë Ångström");
  assert_change (changes, 3, 1, 0, 1);
  g_assert_cmpuint (changes->len, ==, 4);

  g_assert_true (nth (set, 0) == mayor);
  g_assert_true (nth (set, 1) == name_claim);
  g_assert_true (nth (set, 2) == name);
  g_assert_true (nth (set, 3) == hall);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (set), 4));
  assert_sorted (set);

  g_assert_cmpuint (gloss_annotation_set_get_n_annotations (set), ==, 4);
  g_assert_cmpuint (n_count_notifies, ==, 4);
  /* can-undo flips once, not on every edit. */
  g_assert_cmpuint (n_undo_notifies, ==, 1);
  g_assert_true (gloss_annotation_set_can_undo (set));

  /* Ids, timestamps and status of a fresh annotation. */
  g_assert_true (g_regex_match_simple ("^a-[0-9a-f]{8}$", gloss_annotation_get_id (name), 0, 0));
  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$",
                                       gloss_annotation_get_created (name), 0, 0));
  g_assert_cmpstr (gloss_annotation_get_created (name), ==, gloss_annotation_get_modified (name));
  g_assert_cmpint (gloss_annotation_get_status (name), ==, GLOSS_ANCHOR_KEPT);
  g_assert_false (gloss_annotation_is_orphaned (name));
  g_assert_cmpstr (gloss_annotation_get_note (name), ==, "");
  g_assert_true (gloss_annotation_set_lookup (set, gloss_annotation_get_id (name)) == name);
  g_assert_null (gloss_annotation_set_lookup (set, "a-nothere"));

  /* Undo of a create takes it out at its position. */
  g_assert_true (gloss_annotation_set_undo (set, &error));
  g_assert_no_error (error);
  assert_change (changes, 4, 1, 1, 0);
  g_assert_null (gloss_annotation_set_lookup (set, gloss_annotation_get_id (name_claim)));
  g_assert_cmpuint (gloss_annotation_set_get_n_annotations (set), ==, 3);
  g_assert_true (gloss_annotation_set_redo (set, &error));
  g_assert_no_error (error);
  assert_change (changes, 5, 1, 0, 1);
  g_assert_true (nth (set, 1) == name_claim);

  unwatch_items (set, changes);
}

static void
test_ids (void)
{
  g_autoptr(GlossAnnotation) annotation = gloss_annotation_new (NULL, "claim", 1, 2);
  g_autoptr(GlossRelation) relation = gloss_relation_new (NULL, "speaker", "a-1", "a-2");

  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *a = gloss_annotation_generate_id ();
      g_autofree char *r = gloss_relation_generate_id ();

      g_assert_true (g_regex_match_simple ("^a-[0-9a-f]{8}$", a, 0, 0));
      g_assert_true (g_regex_match_simple ("^r-[0-9a-f]{8}$", r, 0, 0));
    }

  /* Without an id, one is made up: nothing in the set may lack one. */
  g_assert_true (g_str_has_prefix (gloss_annotation_get_id (annotation), "a-"));
  g_assert_true (g_str_has_prefix (gloss_relation_get_id (relation), "r-"));
  g_assert_cmpstr (gloss_relation_get_rel_type (relation), ==, "speaker");
  g_assert_cmpstr (gloss_relation_get_from (relation), ==, "a-1");
  g_assert_cmpstr (gloss_relation_get_to (relation), ==, "a-2");
}

static void
test_compare (void)
{
  g_autoptr(GlossAnnotation) a = gloss_annotation_new ("a-2", "claim", 5, 9);
  g_autoptr(GlossAnnotation) b = gloss_annotation_new ("a-1", "claim", 5, 10);
  g_autoptr(GlossAnnotation) c = gloss_annotation_new ("a-1", "quote", 5, 10);
  g_autoptr(GlossAnnotation) d = gloss_annotation_new ("a-2", "quote", 5, 10);
  g_autoptr(GlossAnnotation) e = gloss_annotation_new ("a-0", "claim", 6, 7);
  g_autoptr(GlossRelation) r1 = gloss_relation_new ("r-2", "speaker", "a-1", "a-2");
  g_autoptr(GlossRelation) r2 = gloss_relation_new ("r-1", "speaker", "a-1", "a-3");
  g_autoptr(GlossRelation) r3 = gloss_relation_new ("r-0", "target", "a-0", "a-0");
  g_autoptr(GlossRelation) r4 = gloss_relation_new ("r-3", "target", "a-0", "a-0");

  /* start, then end, then label, then id */
  g_assert_cmpint (gloss_annotation_compare (a, b), <, 0);
  g_assert_cmpint (gloss_annotation_compare (b, c), <, 0);
  g_assert_cmpint (gloss_annotation_compare (c, d), <, 0);
  g_assert_cmpint (gloss_annotation_compare (d, e), <, 0);
  g_assert_cmpint (gloss_annotation_compare (e, a), >, 0);
  g_assert_cmpint (gloss_annotation_compare (c, c), ==, 0);

  /* type, then from, then to, then id */
  g_assert_cmpint (gloss_relation_compare (r1, r2), <, 0);
  g_assert_cmpint (gloss_relation_compare (r2, r3), <, 0);
  g_assert_cmpint (gloss_relation_compare (r3, r4), <, 0);
  g_assert_cmpint (gloss_relation_compare (r4, r1), >, 0);
}

static void
test_notify_only_on_change (void)
{
  g_autoptr(GlossAnnotation) annotation = gloss_annotation_new ("a-1", "claim", 1, 2);
  guint n_notifies = 0;

  g_signal_connect (annotation, "notify", G_CALLBACK (count_cb), &n_notifies);

  gloss_annotation_set_label (annotation, "claim");
  gloss_annotation_set_bounds (annotation, 1, 2);
  gloss_annotation_set_note (annotation, "");
  gloss_annotation_set_status (annotation, GLOSS_ANCHOR_KEPT);
  gloss_annotation_set_modified (annotation, NULL);
  g_assert_cmpuint (n_notifies, ==, 0);

  gloss_annotation_set_label (annotation, "quote");
  g_assert_cmpuint (n_notifies, ==, 1);
  gloss_annotation_set_bounds (annotation, 3, 4);
  g_assert_cmpuint (n_notifies, ==, 3);
  gloss_annotation_set_status (annotation, GLOSS_ANCHOR_MOVED);
  g_assert_cmpuint (n_notifies, ==, 4);
  gloss_annotation_set_modified (annotation, "2026-01-01T00:00:00Z");
  g_assert_cmpuint (n_notifies, ==, 5);

  /* The status enum is registered, with nicks. */
  {
    g_autoptr(GEnumClass) klass = g_type_class_ref (GLOSS_TYPE_ANCHOR_STATUS);

    g_assert_cmpstr (g_enum_get_value (klass, GLOSS_ANCHOR_ORPHANED)->value_nick, ==, "orphaned");
  }
}

/* An annotation's values are one block with its strings; a change while
 * somebody holds the block (a save's snapshot) copies it, and the holder
 * still reads the old values. */
static void
test_values_block (void)
{
  g_autoptr(GlossAnnotation) annotation =
    gloss_annotation_new_full ("a-1", "claim", 3, 9, "exact", "pre", "suf", "a note",
                               "2026-01-01T00:00:00Z", NULL);
  g_autoptr(GlossAnnotation) plain = gloss_annotation_new ("a-2", NULL, 1, 2);
  GlossAnnotationValues *held = gloss_annotation_ref_values (annotation);
  GlossAnnotationValues *fresh = gloss_annotation_ref_values (plain);

  g_assert_cmpstr (held->id, ==, "a-1");
  g_assert_cmpstr (held->label, ==, "claim");
  g_assert_cmpstr (held->exact, ==, "exact");
  g_assert_cmpstr (held->prefix, ==, "pre");
  g_assert_cmpstr (held->suffix, ==, "suf");
  g_assert_cmpstr (held->note, ==, "a note");
  g_assert_cmpstr (held->created, ==, "2026-01-01T00:00:00Z");
  g_assert_null (held->modified);
  g_assert_cmpuint (held->start, ==, 3);
  g_assert_cmpuint (held->end, ==, 9);

  /* NULL text fields are "", never NULL. */
  g_assert_cmpstr (fresh->label, ==, "");
  g_assert_cmpstr (fresh->exact, ==, "");
  g_assert_cmpstr (fresh->note, ==, "");
  g_assert_null (fresh->created);

  gloss_annotation_set_note (annotation, "changed");
  gloss_annotation_set_modified (annotation, "2026-02-02T00:00:00Z");
  gloss_annotation_set_label (plain, "quote");
  g_assert_cmpstr (held->note, ==, "a note");
  g_assert_null (held->modified);
  g_assert_cmpstr (fresh->label, ==, "");
  g_assert_true (gloss_annotation_peek_values (annotation) != held);
  g_assert_cmpstr (gloss_annotation_get_note (annotation), ==, "changed");
  g_assert_cmpstr (gloss_annotation_get_exact (annotation), ==, "exact");
  g_assert_cmpstr (gloss_annotation_get_modified (annotation), ==, "2026-02-02T00:00:00Z");
  g_assert_cmpstr (gloss_annotation_get_label (plain), ==, "quote");
  gloss_annotation_values_unref (held);
  gloss_annotation_values_unref (fresh);

  /* Changed again, held by nobody: in place, strings in and out of the
   * block freed as they should be (the sanitizer build checks). */
  gloss_annotation_set_note (annotation, "again");
  gloss_annotation_set_exact (annotation, "other");
  gloss_annotation_set_created (annotation, NULL);
  g_assert_cmpstr (gloss_annotation_get_note (annotation), ==, "again");
  g_assert_cmpstr (gloss_annotation_get_exact (annotation), ==, "other");
  g_assert_null (gloss_annotation_get_created (annotation));
  g_assert_cmpstr (gloss_annotation_get_prefix (annotation), ==, "pre");
}

/* Loading takes annotations in any order, and the first of two with the
 * same id (which a sidecar's reader never lets through). */
static void
test_load_unsorted_and_duplicates (void)
{
  g_autoptr(GlossAnnotationSet) set = new_set ();
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GlossAnnotation) orphan = gloss_annotation_new ("a-4", "claim", 2, 3);
  GlossAnnotation *first;

  /* The warnings go through structured logging, which
   * g_test_expect_message() does not see: looked for in a subprocess's
   * output instead. */
  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      g_test_trap_assert_stderr ("*duplicate id*a-1*duplicate id*a-4*");
      return;
    }

  g_log_set_always_fatal (G_LOG_FATAL_MASK);
  gloss_annotation_set_status (orphan, GLOSS_ANCHOR_ORPHANED);
  g_ptr_array_add (annotations, gloss_annotation_new ("a-1", "claim", 10, 14));
  g_ptr_array_add (annotations, gloss_annotation_new ("a-2", "claim", 0, 4));
  g_ptr_array_add (annotations, g_object_ref (orphan));
  g_ptr_array_add (annotations, gloss_annotation_new ("a-3", "claim", 5, 9));
  g_ptr_array_add (annotations, gloss_annotation_new ("a-1", "quote", 20, 24));
  g_ptr_array_add (annotations, gloss_annotation_new ("a-4", "quote", 30, 34));
  first = annotations->pdata[0];

  gloss_annotation_set_load (set, annotations, NULL);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (set)), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (gloss_annotation_set_get_orphans (set)), ==, 1);
  g_assert_true (gloss_annotation_set_lookup (set, "a-1") == first);
  g_assert_true (gloss_annotation_set_lookup (set, "a-4") == orphan);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GlossAnnotation) annotation = g_list_model_get_item (G_LIST_MODEL (set), i);
      static const char * const ids[] = { "a-2", "a-3", "a-1" };

      g_assert_cmpstr (gloss_annotation_get_id (annotation), ==, ids[i]);
    }

  /* The span index follows the sorted order. */
  {
    g_autoptr(GPtrArray) at = gloss_annotation_set_at_offset (set, 11);

    g_assert_cmpuint (at->len, ==, 1);
    g_assert_true (at->pdata[0] == first);
  }
}

/* ------------------------------------------------------------------ */
/* Context                                                              */
/* ------------------------------------------------------------------ */

static void
assert_context (GlossAnnotation *annotation)
{
  guint start = gloss_annotation_get_start (annotation);
  guint end = gloss_annotation_get_end (annotation);
  g_autofree char *exact = cp_slice (article, start, end);
  g_autofree char *prefix = cp_slice (article, (glong)start - GLOSS_CONTEXT_LENGTH, start);
  g_autofree char *suffix = cp_slice (article, end, (glong)end + GLOSS_CONTEXT_LENGTH);

  g_assert_cmpstr (gloss_annotation_get_exact (annotation), ==, exact);
  g_assert_cmpstr (gloss_annotation_get_prefix (annotation), ==, prefix);
  g_assert_cmpstr (gloss_annotation_get_suffix (annotation), ==, suffix);
}

static void
test_context_non_ascii (void)
{
  g_autoptr(GlossAnnotationSet) set = new_set ();
  GlossAnnotation *name, *flag_quote, *first, *last, *nunez;
  guint length = cp_length (article);

  name = create_at (set, "person", "Zoë Ångström");
  g_assert_cmpstr (gloss_annotation_get_exact (name), ==, "Zoë Ångström");
  /* Fewer than 32 code points before it: the prefix is all of them. */
  g_assert_cmpstr (gloss_annotation_get_prefix (name), ==, "KYIV — Mayor ");
  g_assert_cmpuint (cp_length (gloss_annotation_get_suffix (name)), ==, GLOSS_CONTEXT_LENGTH);
  g_assert_true (g_str_has_prefix (gloss_annotation_get_suffix (name), " said on Tuesday"));
  assert_context (name);

  /* Code points, not bytes: the flag counts as two, the quote mark as one. */
  flag_quote = create_at (set, "quote", "We are nearly there 🇺🇦,");
  g_assert_cmpstr (gloss_annotation_get_exact (flag_quote), ==, "We are nearly there 🇺🇦,");
  g_assert_cmpuint (gloss_annotation_get_end (flag_quote) - gloss_annotation_get_start (flag_quote), ==, 23);
  g_assert_cmpuint (cp_length (gloss_annotation_get_prefix (flag_quote)), ==, GLOSS_CONTEXT_LENGTH);
  g_assert_true (g_str_has_suffix (gloss_annotation_get_prefix (flag_quote), "in March. “"));
  g_assert_true (g_str_has_prefix (gloss_annotation_get_suffix (flag_quote), "” she told"));
  assert_context (flag_quote);

  nunez = create_at (set, "person", "José Núñez");
  g_assert_cmpstr (gloss_annotation_get_exact (nunez), ==, "José Núñez");
  assert_context (nunez);

  /* At the very start and the very end of the text. */
  first = create_at (set, "location", "KYIV");
  g_assert_cmpstr (gloss_annotation_get_prefix (first), ==, "");
  assert_context (first);

  last = create_at (set, "claim", "asked for an audit.");
  g_assert_cmpuint (gloss_annotation_get_end (last), ==, length);
  g_assert_cmpstr (gloss_annotation_get_suffix (last), ==, "");
  assert_context (last);

  /* fill_context recomputes from the current bounds. */
  gloss_annotation_set_exact (nunez, "stale");
  gloss_annotation_set_prefix (nunez, NULL);
  gloss_annotation_set_suffix (nunez, "stale");
  gloss_annotation_set_fill_context (set, nunez);
  assert_context (nunez);
}

/* ------------------------------------------------------------------ */
/* Range errors                                                         */
/* ------------------------------------------------------------------ */

static void
assert_range_error (GlossAnnotationSet *set,
                    guint               start,
                    guint               end)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *start_str = g_strdup_printf ("%u", start);
  g_autofree char *end_str = g_strdup_printf ("%u", end);
  guint64 serial = gloss_annotation_set_get_change_serial (set);
  guint n = gloss_annotation_set_get_n_annotations (set);
  gboolean could_undo = gloss_annotation_set_can_undo (set);

  g_assert_null (gloss_annotation_set_create (set, "claim", start, end, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_RANGE);
  /* The message names the offsets, so a person can see what was wrong. */
  g_assert_nonnull (strstr (error->message, start_str));
  g_assert_nonnull (strstr (error->message, end_str));

  g_assert_cmpuint (gloss_annotation_set_get_n_annotations (set), ==, n);
  g_assert_cmpuint (gloss_annotation_set_get_change_serial (set), ==, serial);
  g_assert_cmpint (gloss_annotation_set_can_undo (set), ==, could_undo);
}

static void
test_range_errors (void)
{
  g_autoptr(GlossAnnotationSet) set = new_set ();
  g_autoptr(GError) error = NULL;
  guint length = cp_length (article);
  guint flag = cp_offset (article, "🇺🇦");
  GlossAnnotation *annotation;
  g_autofree char *modified = NULL;

  assert_range_error (set, 20, 10);           /* reversed */
  assert_range_error (set, 10, 10);           /* empty */
  assert_range_error (set, 10, length + 1);   /* past the end */
  assert_range_error (set, length + 3, length + 9);
  assert_range_error (set, flag + 1, flag + 5);   /* starts inside the flag */
  assert_range_error (set, flag - 3, flag + 1);   /* ends inside the flag */

  /* The whole flag is fine, as is the whole text. */
  annotation = gloss_annotation_set_create (set, "misc", flag, flag + 2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gloss_annotation_get_exact (annotation), ==, "🇺🇦");
  g_assert_nonnull (gloss_annotation_set_create (set, "claim", 0, length, &error));
  g_assert_no_error (error);

  /* A refused bounds change leaves the annotation and history alone. */
  modified = g_strdup (gloss_annotation_get_modified (annotation));
  g_assert_false (gloss_annotation_set_change_bounds (set, annotation, flag + 1, flag + 2, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_false (gloss_annotation_set_change_bounds (set, annotation, flag, length + 1, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_false (gloss_annotation_set_change_bounds (set, annotation, flag + 2, flag, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_cmpuint (gloss_annotation_get_start (annotation), ==, flag);
  g_assert_cmpuint (gloss_annotation_get_end (annotation), ==, flag + 2);
  g_assert_cmpstr (gloss_annotation_get_modified (annotation), ==, modified);
  g_assert_cmpuint (gloss_annotation_set_get_change_serial (set), ==, 2);
}

/* ------------------------------------------------------------------ */
/* Edits and their undo                                                 */
/* ------------------------------------------------------------------ */

#define OLD_TIME "2001-02-03T04:05:06Z"

static void
test_change_label (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossAnnotationSet) set = new_set ();
  g_autofree char *after_modified = NULL;
  GlossAnnotation *claim, *person;
  GArray *changes;
  guint n_changed = 0;
  guint n_label_notifies = 0;

  claim = create_at (set, "claim", "Zoë Ångström");
  person = create_at (set, "person", "Zoë Ångström");
  g_assert_true (nth (set, 0) == claim);
  gloss_annotation_set_modified (claim, OLD_TIME);

  changes = watch_items (set);
  g_signal_connect (set, "annotation-changed", G_CALLBACK (count_cb), &n_changed);
  g_signal_connect (claim, "notify::label", G_CALLBACK (count_cb), &n_label_notifies);

  /* "quote" sorts after "person": the item moves from 0 to 1, as a
   * removal at the old position and an addition at the new one. */
  g_assert_true (gloss_annotation_set_change_label (set, claim, "quote", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gloss_annotation_get_label (claim), ==, "quote");
  g_assert_cmpstr (gloss_annotation_get_modified (claim), !=, OLD_TIME);
  g_assert_cmpuint (changes->len, ==, 2);
  assert_change (changes, 0, 0, 1, 0);
  assert_change (changes, 1, 1, 0, 1);
  g_assert_true (nth (set, 0) == person);
  g_assert_true (nth (set, 1) == claim);
  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_cmpuint (n_label_notifies, ==, 1);
  after_modified = g_strdup (gloss_annotation_get_modified (claim));

  /* Setting the same label again is not an edit. */
  g_assert_true (gloss_annotation_set_change_label (set, claim, "quote", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 2);
  g_assert_cmpuint (n_changed, ==, 1);

  /* Undo restores label, position and the old timestamp exactly. */
  g_assert_true (gloss_annotation_set_undo (set, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gloss_annotation_get_label (claim), ==, "claim");
  g_assert_cmpstr (gloss_annotation_get_modified (claim), ==, OLD_TIME);
  g_assert_true (nth (set, 0) == claim);
  assert_change (changes, 2, 1, 1, 0);
  assert_change (changes, 3, 0, 0, 1);
  g_assert_cmpuint (n_changed, ==, 2);

  g_assert_true (gloss_annotation_set_redo (set, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gloss_annotation_get_label (claim), ==, "quote");
  g_assert_cmpstr (gloss_annotation_get_modified (claim), ==, after_modified);
  g_assert_true (nth (set, 1) == claim);
  g_assert_cmpuint (n_changed, ==, 3);
  assert_sorted (set);

  unwatch_items (set, changes);
}

/* A notify::start handler that looks the annotation up in its set. */
typedef struct
{
  GlossAnnotationSet *set;
  guint               position;
} Lookup;

static void
lookup_on_notify (GlossAnnotation *annotation,
                  GParamSpec      *pspec,
                  Lookup          *lookup)
{
  lookup->position = gloss_annotation_set_index_of (lookup->set, annotation);
}

static void
test_change_bounds (void)
{
  g_autoptr(GlossAnnotationSet) set = new_set ();
  g_autoptr(GError) error = NULL;
  g_autofree char *after_modified = NULL;
  GlossAnnotation *name, *bridge, *hall;
  guint mayor = cp_offset (article, "Mayor");
  guint podil = cp_offset (article, "Podil");
  Lookup lookup = { NULL, G_MAXUINT };
  GArray *changes;
  guint n_changed = 0;

  name = create_at (set, "person", "Zoë Ångström");
  bridge = create_at (set, "location", "Podil bridge");
  hall = create_at (set, "location", "city hall");
  gloss_annotation_set_modified (name, OLD_TIME);

  changes = watch_items (set);
  g_signal_connect (set, "annotation-changed", G_CALLBACK (count_cb), &n_changed);
  lookup.set = set;
  g_signal_connect (name, "notify::start", G_CALLBACK (lookup_on_notify), &lookup);

  /* Move the name after the bridge: it leaves 0 and arrives at 1. */
  g_assert_true (gloss_annotation_set_change_bounds (set, name, podil + 6, podil + 12, &error));
  g_assert_no_error (error);
  /* By the time it notifies, it is findable at its new place. */
  g_assert_cmpuint (lookup.position, ==, 1);
  g_assert_cmpuint (changes->len, ==, 2);
  assert_change (changes, 0, 0, 1, 0);
  assert_change (changes, 1, 1, 0, 1);
  g_assert_true (nth (set, 0) == bridge);
  g_assert_true (nth (set, 1) == name);
  g_assert_true (nth (set, 2) == hall);
  g_assert_cmpstr (gloss_annotation_get_exact (name), ==, "bridge");
  assert_context (name);
  g_assert_cmpuint (n_changed, ==, 1);
  after_modified = g_strdup (gloss_annotation_get_modified (name));
  g_assert_cmpstr (after_modified, !=, OLD_TIME);

  /* A bounds change that keeps the position still re-announces the item. */
  g_assert_true (gloss_annotation_set_change_bounds (set, name, podil + 6, podil + 18, &error));
  g_assert_no_error (error);
  assert_change (changes, 2, 1, 1, 0);
  assert_change (changes, 3, 1, 0, 1);
  g_assert_cmpstr (gloss_annotation_get_exact (name), ==, "bridge would");

  g_assert_true (gloss_annotation_set_undo (set, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gloss_annotation_get_exact (name), ==, "bridge");
  g_assert_true (gloss_annotation_set_undo (set, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_annotation_get_start (name), ==, mayor + 6);
  g_assert_cmpstr (gloss_annotation_get_exact (name), ==, "Zoë Ångström");
  g_assert_cmpstr (gloss_annotation_get_prefix (name), ==, "KYIV — Mayor ");
  assert_context (name);
  g_assert_cmpstr (gloss_annotation_get_modified (name), ==, OLD_TIME);
  g_assert_true (nth (set, 0) == name);
  assert_sorted (set);

  g_assert_true (gloss_annotation_set_redo (set, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gloss_annotation_get_exact (name), ==, "bridge");
  g_assert_cmpstr (gloss_annotation_get_modified (name), ==, after_modified);
  g_assert_true (nth (set, 1) == name);
  assert_sorted (set);

  g_signal_handlers_disconnect_by_data (name, &lookup);
  unwatch_items (set, changes);
}

static void
test_change_note (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossAnnotationSet) set = new_set ();
  GlossAnnotation *claim;
  GArray *changes;
  guint n_changed = 0;

  claim = create_at (set, "claim", "the Podil bridge would reopen in March");
  gloss_annotation_set_modified (claim, OLD_TIME);
  changes = watch_items (set);
  g_signal_connect (set, "annotation-changed", G_CALLBACK (count_cb), &n_changed);

  g_assert_true (gloss_annotation_set_change_note (set, claim, "Check with the city’s press office", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gloss_annotation_get_note (claim), ==, "Check with the city’s press office");
  g_assert_cmpstr (gloss_annotation_get_modified (claim), !=, OLD_TIME);
  /* The note is not a sort key: the list does not change. */
  g_assert_cmpuint (changes->len, ==, 0);
  g_assert_cmpuint (n_changed, ==, 1);

  g_assert_true (gloss_annotation_set_undo (set, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gloss_annotation_get_note (claim), ==, "");
  g_assert_cmpstr (gloss_annotation_get_modified (claim), ==, OLD_TIME);
  g_assert_true (gloss_annotation_set_redo (set, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gloss_annotation_get_note (claim), ==, "Check with the city’s press office");
  g_assert_cmpuint (changes->len, ==, 0);
  g_assert_cmpuint (n_changed, ==, 3);

  unwatch_items (set, changes);
}

static void
test_relations (void)
{
  g_autoptr(GlossAnnotationSet) set = new_set ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) of_quote = NULL;
  GListModel *relations = gloss_annotation_set_get_relations (set);
  GlossAnnotation *quote, *person, *council;
  GlossRelation *speaker, *mentions;
  const char *quote_id, *person_id, *council_id;
  guint n_changed = 0;

  quote = create_at (set, "quote", "We are nearly there 🇺🇦,");
  person = create_at (set, "person", "Zoë Ångström");
  council = create_at (set, "organization", "Harbour Council");
  quote_id = gloss_annotation_get_id (quote);
  person_id = gloss_annotation_get_id (person);
  council_id = gloss_annotation_get_id (council);
  g_signal_connect (set, "relations-changed", G_CALLBACK (count_no_arg_cb), &n_changed);

  speaker = gloss_annotation_set_add_relation (set, GLOSS_RELATION_SPEAKER, quote_id, person_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (speaker);
  g_assert_true (g_regex_match_simple ("^r-[0-9a-f]{8}$", gloss_relation_get_id (speaker), 0, 0));
  g_assert_cmpuint (g_list_model_get_n_items (relations), ==, 1);
  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_true (gloss_annotation_set_lookup_relation (set, gloss_relation_get_id (speaker)) == speaker);

  /* An exact duplicate, a self-link and unknown ends are refused. */
  g_assert_null (gloss_annotation_set_add_relation (set, GLOSS_RELATION_SPEAKER, quote_id, person_id, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (gloss_annotation_set_add_relation (set, "mentions", quote_id, quote_id, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (gloss_annotation_set_add_relation (set, "mentions", quote_id, "a-missing", &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (gloss_annotation_set_add_relation (set, "mentions", "a-missing", quote_id, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (relations), ==, 1);
  g_assert_cmpuint (n_changed, ==, 1);

  /* Same ends, another type: allowed, and sorted by type first. */
  mentions = gloss_annotation_set_add_relation (set, "mentions", quote_id, council_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (relations), ==, 2);
  {
    g_autoptr(GlossRelation) first = g_list_model_get_item (relations, 0);
    g_autoptr(GlossRelation) second = g_list_model_get_item (relations, 1);

    g_assert_true (first == mentions);
    g_assert_true (second == speaker);
  }

  of_quote = gloss_annotation_set_relations_of (set, quote_id);
  g_assert_cmpuint (of_quote->len, ==, 2);
  g_clear_pointer (&of_quote, g_ptr_array_unref);
  of_quote = gloss_annotation_set_relations_of (set, person_id);
  g_assert_cmpuint (of_quote->len, ==, 1);
  g_assert_true (g_ptr_array_index (of_quote, 0) == speaker);

  /* Undo and redo of adding. */
  g_assert_true (gloss_annotation_set_undo (set, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (relations), ==, 1);
  g_assert_null (gloss_annotation_set_lookup_relation (set, gloss_relation_get_id (mentions)));
  g_assert_true (gloss_annotation_set_redo (set, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (relations), ==, 2);
  g_assert_true (gloss_annotation_set_lookup_relation (set, gloss_relation_get_id (mentions)) == mentions);

  /* Removing, and its undo. */
  g_assert_true (gloss_annotation_set_remove_relation (set, speaker, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (relations), ==, 1);
  g_assert_false (gloss_annotation_set_remove_relation (set, speaker, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (gloss_annotation_set_undo (set, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (relations), ==, 2);
  g_assert_true (gloss_annotation_set_lookup_relation (set, gloss_relation_get_id (speaker)) == speaker);
  g_assert_true (gloss_annotation_set_redo (set, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (relations), ==, 1);
  g_assert_cmpuint (n_changed, ==, 7);
}

/* The label set's rule for a relation type (docs/labels.md), enforced on
 * every relation added through the model. */
static void
test_relation_rules (void)
{
  g_autoptr(GlossAnnotationSet) set = new_set ();
  g_autoptr(GlossLabelSet) builtin = gloss_label_set_get_builtin ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) candidates = NULL;
  GListModel *relations = gloss_annotation_set_get_relations (set);
  GlossAnnotation *kyiv, *mayor, *claim, *quote, *council, *critic;
  guint64 serial;

  kyiv = create_at (set, "location", "KYIV");
  mayor = create_at (set, "person", "Zoë Ångström");
  claim = create_at (set, "claim", "the Podil bridge would reopen in March");
  quote = create_at (set, "quote", "We are nearly there 🇺🇦,");
  council = create_at (set, "organization", "Harbour Council");
  critic = create_at (set, "person", "José Núñez");
  serial = gloss_annotation_set_get_change_serial (set);

  /* Until it is given another, the set follows the built-in rules. */
  g_assert_true (gloss_annotation_set_get_labels (set) == builtin);

  /* A place is never the speaker of a quote: refused, saying why. */
  g_assert_null (gloss_annotation_set_add_relation (set, GLOSS_RELATION_SPEAKER,
                                                    gloss_annotation_get_id (quote),
                                                    gloss_annotation_get_id (kyiv), &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "“KYIV” is labelled Location: a “speaker” relation goes to Person or Organization");
  g_clear_error (&error);

  /* Nor does anything but a quote have a speaker. */
  g_assert_null (gloss_annotation_set_add_relation (set, GLOSS_RELATION_SPEAKER,
                                                    gloss_annotation_get_id (mayor),
                                                    gloss_annotation_get_id (council), &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "“Zoë Ångström” is labelled Person: a “speaker” relation goes from any quote");
  g_clear_error (&error);
  g_assert_null (gloss_annotation_set_add_relation (set, GLOSS_RELATION_SPEAKER,
                                                    gloss_annotation_get_id (claim),
                                                    gloss_annotation_get_id (mayor), &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (relations), ==, 0);
  g_assert_cmpuint (gloss_annotation_set_get_change_serial (set), ==, serial);

  g_assert_true (gloss_annotation_set_check_relation (set, GLOSS_RELATION_SPEAKER, quote, NULL, NULL));
  g_assert_false (gloss_annotation_set_check_relation (set, GLOSS_RELATION_SPEAKER, mayor, NULL, NULL));
  g_assert_true (gloss_annotation_set_check_relation (set, GLOSS_RELATION_SPEAKER, quote, council, NULL));
  g_assert_false (gloss_annotation_set_check_relation (set, GLOSS_RELATION_SPEAKER, quote, quote, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_clear_error (&error);

  /* The candidates a chooser offers: people and organizations, in
   * document order; none for what cannot have a speaker. */
  candidates = gloss_annotation_set_relation_candidates (set, GLOSS_RELATION_SPEAKER, quote);
  g_assert_cmpuint (candidates->len, ==, 3);
  g_assert_true (g_ptr_array_index (candidates, 0) == mayor);
  g_assert_true (g_ptr_array_index (candidates, 1) == council);
  g_assert_true (g_ptr_array_index (candidates, 2) == critic);
  g_clear_pointer (&candidates, g_ptr_array_unref);
  candidates = gloss_annotation_set_relation_candidates (set, GLOSS_RELATION_SPEAKER, mayor);
  g_assert_cmpuint (candidates->len, ==, 0);
  g_clear_pointer (&candidates, g_ptr_array_unref);

  /* Allowed ends pass; a type without a rule links anything. */
  g_assert_nonnull (gloss_annotation_set_add_relation (set, GLOSS_RELATION_SPEAKER,
                                                       gloss_annotation_get_id (quote),
                                                       gloss_annotation_get_id (council), &error));
  g_assert_no_error (error);
  g_assert_nonnull (gloss_annotation_set_add_relation (set, "mentions",
                                                       gloss_annotation_get_id (quote),
                                                       gloss_annotation_get_id (kyiv), &error));
  g_assert_no_error (error);

  /* A label the set does not know passes no rule. */
  g_assert_true (gloss_annotation_set_change_label (set, critic, "persn", &error));
  g_assert_no_error (error);
  g_assert_null (gloss_annotation_set_add_relation (set, GLOSS_RELATION_SPEAKER,
                                                    gloss_annotation_get_id (quote),
                                                    gloss_annotation_get_id (critic), &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "“José Núñez” is labelled “persn”: a “speaker” relation goes to Person or Organization");
  g_clear_error (&error);
}

/* A corpus's own label set decides, once the set has it. */
static void
test_relation_rules_label_set (void)
{
  static const char labels_json[] =
    "{\"format\": \"gloss-labels\", \"version\": 1, \"labels\": ["
    " {\"id\": \"quote\", \"kind\": \"quote\"},"
    " {\"id\": \"politician\", \"kind\": \"entity\", \"name\": \"Politician\"},"
    " {\"id\": \"party\", \"kind\": \"entity\", \"name\": \"Party\"},"
    " {\"id\": \"place\", \"kind\": \"entity\", \"name\": \"Place\"}],"
    " \"relations\": [{\"type\": \"speaker\", \"to\": [\"politician\"]},"
    " {\"type\": \"member-of\", \"from\": [\"politician\"], \"to\": [\"party\"]}]}";
  g_autoptr(GlossAnnotationSet) set = new_set ();
  g_autoptr(GlossLabelSet) labels = NULL;
  g_autoptr(GlossLabelSet) builtin = gloss_label_set_get_builtin ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) candidates = NULL;
  GlossAnnotation *kyiv, *mayor, *quote, *council;

  labels = gloss_label_set_new_from_data (labels_json, -1, "labels.json", &error);
  g_assert_no_error (error);
  gloss_annotation_set_set_labels (set, labels);
  g_assert_true (gloss_annotation_set_get_labels (set) == labels);

  kyiv = create_at (set, "place", "KYIV");
  mayor = create_at (set, "politician", "Zoë Ångström");
  quote = create_at (set, "quote", "We are nearly there 🇺🇦,");
  council = create_at (set, "party", "Harbour Council");

  candidates = gloss_annotation_set_relation_candidates (set, GLOSS_RELATION_SPEAKER, quote);
  g_assert_cmpuint (candidates->len, ==, 1);
  g_assert_true (g_ptr_array_index (candidates, 0) == mayor);

  g_assert_null (gloss_annotation_set_add_relation (set, GLOSS_RELATION_SPEAKER,
                                                    gloss_annotation_get_id (quote),
                                                    gloss_annotation_get_id (council), &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "“Harbour Council” is labelled Party: a “speaker” relation goes to Politician");
  g_clear_error (&error);

  g_assert_null (gloss_annotation_set_add_relation (set, "member-of",
                                                    gloss_annotation_get_id (mayor),
                                                    gloss_annotation_get_id (kyiv), &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "“KYIV” is labelled Place: a “member-of” relation goes to Party");
  g_clear_error (&error);
  g_assert_nonnull (gloss_annotation_set_add_relation (set, "member-of",
                                                       gloss_annotation_get_id (mayor),
                                                       gloss_annotation_get_id (council), &error));
  g_assert_no_error (error);

  /* NULL goes back to the built-in rules, where "politician" is unknown. */
  gloss_annotation_set_set_labels (set, NULL);
  g_assert_true (gloss_annotation_set_get_labels (set) == builtin);
  g_assert_false (gloss_annotation_set_check_relation (set, GLOSS_RELATION_SPEAKER, quote, mayor, NULL));
}

/* Choosing a quote's speaker: one relation, replaced in one undo step,
 * and choosing the same one again is no edit at all. */
static void
test_speaker (void)
{
  g_autoptr(GlossAnnotationSet) set = new_set ();
  g_autoptr(GError) error = NULL;
  GListModel *relations = gloss_annotation_set_get_relations (set);
  GlossAnnotation *kyiv, *mayor, *quote, *council, *critic;
  g_autofree char *first_id = NULL;
  GlossRelation *first;
  guint64 serial;
  guint n_changed = 0;

  kyiv = create_at (set, "location", "KYIV");
  mayor = create_at (set, "person", "Zoë Ångström");
  quote = create_at (set, "quote", "We are nearly there 🇺🇦,");
  council = create_at (set, "organization", "Harbour Council");
  critic = create_at (set, "person", "José Núñez");
  g_signal_connect (set, "relations-changed", G_CALLBACK (count_no_arg_cb), &n_changed);

  g_assert_null (gloss_annotation_set_get_speaker (set, quote));
  g_assert_true (gloss_annotation_set_set_speaker (set, quote, mayor, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_annotation_set_get_speaker (set, quote) == mayor);
  g_assert_cmpuint (g_list_model_get_n_items (relations), ==, 1);
  first = g_list_model_get_item (relations, 0);
  g_object_unref (first);
  first_id = g_strdup (gloss_relation_get_id (first));
  g_assert_cmpuint (n_changed, ==, 1);

  /* The same speaker again: the relation and its id stay, and nothing is
   * recorded, so there is nothing to save. */
  serial = gloss_annotation_set_get_change_serial (set);
  g_assert_true (gloss_annotation_set_set_speaker (set, quote, mayor, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_annotation_set_get_change_serial (set), ==, serial);
  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (relations), ==, 1);
  g_assert_true (gloss_annotation_set_lookup_relation (set, first_id) == first);

  /* Another speaker replaces it, as one undo step. */
  g_assert_true (gloss_annotation_set_set_speaker (set, quote, council, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_annotation_set_get_speaker (set, quote) == council);
  g_assert_cmpuint (g_list_model_get_n_items (relations), ==, 1);
  g_assert_null (gloss_annotation_set_lookup_relation (set, first_id));
  g_assert_true (gloss_annotation_set_undo (set, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_annotation_set_get_speaker (set, quote) == mayor);
  g_assert_cmpuint (g_list_model_get_n_items (relations), ==, 1);
  g_assert_true (gloss_annotation_set_lookup_relation (set, first_id) == first);
  g_assert_true (gloss_annotation_set_redo (set, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_annotation_set_get_speaker (set, quote) == council);

  /* A place is refused, and nothing changes. */
  serial = gloss_annotation_set_get_change_serial (set);
  g_assert_false (gloss_annotation_set_set_speaker (set, quote, kyiv, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (gloss_annotation_set_get_speaker (set, quote) == council);
  g_assert_cmpuint (gloss_annotation_set_get_change_serial (set), ==, serial);

  /* Of two speakers (from another tool), the chosen one's relation stays. */
  g_assert_nonnull (gloss_annotation_set_add_relation (set, GLOSS_RELATION_SPEAKER,
                                                       gloss_annotation_get_id (quote),
                                                       gloss_annotation_get_id (critic), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (relations), ==, 2);
  {
    g_autoptr(GPtrArray) of_critic = gloss_annotation_set_relations_of (set, gloss_annotation_get_id (critic));
    GlossRelation *to_critic = g_ptr_array_index (of_critic, 0);

    g_assert_true (gloss_annotation_set_set_speaker (set, quote, critic, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (relations), ==, 1);
    g_assert_true (gloss_annotation_set_lookup_relation (set, gloss_relation_get_id (to_critic)) == to_critic);
  }

  /* No speaker; and no speaker again is no edit. */
  g_assert_true (gloss_annotation_set_set_speaker (set, quote, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (gloss_annotation_set_get_speaker (set, quote));
  g_assert_cmpuint (g_list_model_get_n_items (relations), ==, 0);
  serial = gloss_annotation_set_get_change_serial (set);
  g_assert_true (gloss_annotation_set_set_speaker (set, quote, NULL, &error));
  g_assert_cmpuint (gloss_annotation_set_get_change_serial (set), ==, serial);

  /* An annotation that left the set cannot be chosen. */
  g_assert_true (gloss_annotation_set_remove (set, council, &error));
  g_assert_no_error (error);
  g_assert_false (gloss_annotation_set_set_speaker (set, quote, council, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND);
}

/* A sidecar that already holds a relation the rule does not allow (a
 * "speaker" that is a place) loads with a warning, and keeps it, on load
 * and on save. */
static void
test_relation_rules_sidecar (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gloss-test-rules-XXXXXX", &error);
  g_autofree char *article_path = g_build_filename (dir, "kyiv.txt", NULL);
  g_autofree char *sidecar_path = g_build_filename (dir, "kyiv.txt.alice.gloss.json", NULL);
  g_autoptr(GFile) article_file = g_file_new_for_path (article_path);
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GlossSidecar) writer = NULL;
  g_autoptr(GlossSidecar) reader = NULL;
  g_autoptr(GlossLabelSet) builtin = gloss_label_set_get_builtin ();
  g_autofree char *contents = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *edited = NULL;
  g_autofree char *saved = NULL;
  GlossAnnotationSet *set;
  GlossAnnotation *quote, *mayor;
  GPtrArray *problems;
  guint n_warnings = 0;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (article_path, article, -1, NULL));
  document = gloss_document_new_from_file (article_file, NULL, &error);
  g_assert_no_error (error);

  writer = gloss_sidecar_new_for_document (document, "alice");
  g_assert_true (gloss_sidecar_load (writer, builtin, NULL, &error));
  set = gloss_sidecar_get_annotations (writer);
  quote = create_at (set, "quote", "We are nearly there 🇺🇦,");
  mayor = create_at (set, "person", "Zoë Ångström");
  g_assert_true (gloss_annotation_set_set_speaker (set, quote, mayor, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_sidecar_save (writer, NULL, &error));
  g_assert_no_error (error);

  /* Someone (another tool, an older Gloss) made the speaker a place. */
  g_assert_true (g_file_get_contents (sidecar_path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\"label\": \"person\""));
  {
    g_auto(GStrv) parts = g_strsplit (contents, "\"label\": \"person\"", -1);
    edited = g_strjoinv ("\"label\": \"location\"", parts);
  }
  g_assert_true (g_file_set_contents (sidecar_path, edited, -1, NULL));

  reader = gloss_sidecar_new_for_document (document, "alice");
  g_assert_true (gloss_sidecar_load (reader, builtin, NULL, &error));
  g_assert_no_error (error);
  set = gloss_sidecar_get_annotations (reader);
  g_assert_cmpuint (g_list_model_get_n_items (gloss_annotation_set_get_relations (set)), ==, 1);

  expected = g_strdup_printf ("“%s” is labelled Location, but a “speaker” relation goes to "
                              "Person or Organization; kept", gloss_annotation_get_id (mayor));
  problems = gloss_sidecar_get_problems (reader);
  for (guint i = 0; i < problems->len; i++)
    {
      GlossProblem *problem = g_ptr_array_index (problems, i);

      if (problem->severity != GLOSS_SEVERITY_WARNING)
        continue;
      n_warnings++;
      g_assert_cmpstr (problem->location, ==, "relations[0].to");
      g_assert_cmpstr (problem->message, ==, expected);
    }
  g_assert_cmpuint (n_warnings, ==, 1);

  /* Kept through an unrelated edit and a save. */
  g_assert_true (gloss_annotation_set_change_note (set, gloss_annotation_set_lookup (set, gloss_annotation_get_id (quote)),
                                                   "checked", &error));
  g_assert_no_error (error);
  g_assert_true (gloss_sidecar_save (reader, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (sidecar_path, &saved, NULL, NULL));
  g_assert_nonnull (strstr (saved, "\"type\": \"speaker\""));
  g_assert_nonnull (strstr (saved, "\"label\": \"location\""));

  gloss_test_remove_tree (dir);
}

static void
test_remove_with_relations (void)
{
  g_autoptr(GlossAnnotationSet) set = new_set ();
  g_autoptr(GError) error = NULL;
  GListModel *relations = gloss_annotation_set_get_relations (set);
  GlossAnnotation *quote, *person, *council;
  GlossRelation *speaker, *mentions, *member;
  g_autofree char *quote_id = NULL;
  GArray *changes;
  guint64 serial;

  quote = create_at (set, "quote", "We are nearly there 🇺🇦,");
  person = create_at (set, "person", "José Núñez");
  council = create_at (set, "organization", "Harbour Council");
  quote_id = g_strdup (gloss_annotation_get_id (quote));
  speaker = gloss_annotation_set_add_relation (set, "speaker", quote_id, gloss_annotation_get_id (person), &error);
  g_assert_no_error (error);
  mentions = gloss_annotation_set_add_relation (set, "mentions", quote_id, gloss_annotation_get_id (council), &error);
  g_assert_no_error (error);
  member = gloss_annotation_set_add_relation (set, "member", gloss_annotation_get_id (person),
                                              gloss_annotation_get_id (council), &error);
  g_assert_no_error (error);

  changes = watch_items (set);
  serial = gloss_annotation_set_get_change_serial (set);

  g_assert_true (gloss_annotation_set_remove (set, quote, &error));
  g_assert_no_error (error);
  g_assert_null (gloss_annotation_set_lookup (set, quote_id));
  g_assert_cmpuint (gloss_annotation_set_index_of (set, quote), ==, G_MAXUINT);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (set)), ==, 2);
  g_assert_cmpuint (gloss_annotation_set_get_n_annotations (set), ==, 2);
  /* Only the relation not touching the quote is left. */
  g_assert_cmpuint (g_list_model_get_n_items (relations), ==, 1);
  g_assert_true (gloss_annotation_set_lookup_relation (set, gloss_relation_get_id (member)) == member);
  g_assert_cmpuint (changes->len, ==, 1);
  assert_change (changes, 0, 0, 1, 0);
  g_assert_cmpuint (gloss_annotation_set_get_change_serial (set), >, serial);

  /* Removing again does nothing. */
  g_assert_false (gloss_annotation_set_remove (set, quote, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* One undo brings back the annotation and both its relations. */
  g_assert_true (gloss_annotation_set_undo (set, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_annotation_set_lookup (set, quote_id) == quote);
  g_assert_true (nth (set, 0) == quote);
  g_assert_cmpuint (g_list_model_get_n_items (relations), ==, 3);
  g_assert_true (gloss_annotation_set_lookup_relation (set, gloss_relation_get_id (speaker)) == speaker);
  g_assert_true (gloss_annotation_set_lookup_relation (set, gloss_relation_get_id (mentions)) == mentions);

  /* And one redo removes them all again. */
  g_assert_true (gloss_annotation_set_redo (set, &error));
  g_assert_no_error (error);
  g_assert_null (gloss_annotation_set_lookup (set, quote_id));
  g_assert_cmpuint (g_list_model_get_n_items (relations), ==, 1);
  g_assert_false (gloss_annotation_set_can_redo (set));

  /* The step before is the last relation added, not part of the removal. */
  g_assert_true (gloss_annotation_set_undo (set, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_annotation_set_undo (set, &error));
  g_assert_no_error (error);
  g_assert_null (gloss_annotation_set_lookup_relation (set, gloss_relation_get_id (member)));
  g_assert_cmpuint (g_list_model_get_n_items (relations), ==, 2);

  unwatch_items (set, changes);
}

/* A set loaded with three orphans between placed annotations. */
static GlossAnnotationSet *
new_set_with_orphans (GlossAnnotation **orphans)
{
  GlossAnnotationSet *set = new_set ();
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) relations = g_ptr_array_new_with_free_func (g_object_unref);
  guint name = cp_offset (article, "Zoë");
  guint hall = cp_offset (article, "city hall");

  g_ptr_array_add (annotations, gloss_annotation_new ("a-00000003", "location", hall, hall + 9));
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *id = g_strdup_printf ("a-0000010%u", i);

      orphans[i] = gloss_annotation_new (id, "quote", 400 + i, 420 + i);
      gloss_annotation_set_exact (orphans[i], "words no longer in the article");
      gloss_annotation_set_prefix (orphans[i], "before ");
      gloss_annotation_set_suffix (orphans[i], " after");
      gloss_annotation_set_modified (orphans[i], OLD_TIME);
      gloss_annotation_set_status (orphans[i], GLOSS_ANCHOR_ORPHANED);
      g_ptr_array_add (annotations, orphans[i]);
    }
  g_ptr_array_add (annotations, gloss_annotation_new ("a-00000001", "person", name, name + 12));
  g_ptr_array_add (relations, gloss_relation_new ("r-00000001", "speaker", "a-00000100", "a-00000001"));

  gloss_annotation_set_load (set, annotations, relations);

  return set;
}

static void
test_load (void)
{
  g_autoptr(GlossDocument) document = new_article ();
  g_autoptr(GlossAnnotationSet) set = gloss_annotation_set_new (document);
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) relations = g_ptr_array_new_with_free_func (g_object_unref);
  GArray *changes = watch_items (set);
  guint n_count_notifies = 0;
  guint n_relation_changes = 0;

  g_signal_connect (set, "notify::n-annotations", G_CALLBACK (count_cb), &n_count_notifies);
  g_signal_connect (set, "relations-changed", G_CALLBACK (count_no_arg_cb), &n_relation_changes);
  g_assert_true (gloss_annotation_set_get_document (set) == document);

  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *id = g_strdup_printf ("a-%08x", 50 - i);

      g_ptr_array_add (annotations, gloss_annotation_new (id, i % 2 ? "claim" : "quote", 50 - i, 60));
    }
  g_ptr_array_add (relations, gloss_relation_new ("r-2", "speaker", "a-00000003", "a-00000004"));
  g_ptr_array_add (relations, gloss_relation_new ("r-1", "speaker", "a-00000001", "a-00000002"));

  gloss_annotation_set_load (set, annotations, relations);

  /* One items-changed, one notify, sorted, not undoable, not an edit. */
  g_assert_cmpuint (changes->len, ==, 1);
  assert_change (changes, 0, 0, 0, 50);
  g_assert_cmpuint (n_count_notifies, ==, 1);
  g_assert_cmpuint (n_relation_changes, ==, 1);
  g_assert_cmpuint (gloss_annotation_set_get_n_annotations (set), ==, 50);
  assert_sorted (set);
  g_assert_cmpuint (gloss_annotation_get_start (nth (set, 0)), ==, 1);
  g_assert_false (gloss_annotation_set_can_undo (set));
  g_assert_cmpuint (gloss_annotation_set_get_change_serial (set), ==, 0);
  {
    g_autoptr(GlossRelation) first = g_list_model_get_item (gloss_annotation_set_get_relations (set), 0);

    g_assert_cmpstr (gloss_relation_get_id (first), ==, "r-1");
  }

  unwatch_items (set, changes);
}

static void
test_orphans (void)
{
  GlossAnnotation *orphans[3];
  g_autoptr(GlossAnnotationSet) set = new_set_with_orphans (orphans);
  g_autoptr(GError) error = NULL;
  g_autofree char *after_modified = NULL;
  GListModel *orphan_model = gloss_annotation_set_get_orphans (set);
  guint bridge = cp_offset (article, "Podil bridge");
  GArray *changes, *orphan_changes;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (set)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (orphan_model), ==, 3);
  g_assert_cmpuint (gloss_annotation_set_get_n_annotations (set), ==, 5);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GlossAnnotation) item = g_list_model_get_item (orphan_model, i);

      g_assert_true (item == orphans[i]);
      g_assert_true (gloss_annotation_set_lookup (set, gloss_annotation_get_id (item)) == item);
      g_assert_cmpuint (gloss_annotation_set_index_of (set, item), ==, G_MAXUINT);
    }

  /* Orphans are not in the text: queries do not see them. */
  {
    g_autoptr(GPtrArray) found = gloss_annotation_set_in_range (set, 0, cp_length (article));

    g_assert_cmpuint (found->len, ==, 2);
  }

  /* Editing an orphan's note keeps it an orphan, in place. */
  g_assert_true (gloss_annotation_set_change_note (set, orphans[1], "where did this go?", &error));
  g_assert_no_error (error);
  g_assert_true (gloss_annotation_is_orphaned (orphans[1]));
  g_assert_cmpuint (g_list_model_get_n_items (orphan_model), ==, 3);
  g_assert_true (gloss_annotation_set_undo (set, &error));
  g_assert_no_error (error);
  gloss_annotation_set_modified (orphans[1], OLD_TIME);

  changes = watch_items (set);
  orphan_changes = watch_items (orphan_model);

  /* Re-attach the middle orphan: it moves from the orphans to the list. */
  g_assert_true (gloss_annotation_set_reattach (set, orphans[1], bridge + 1, bridge + 5, &error));
  g_assert_no_error (error);
  g_assert_false (gloss_annotation_is_orphaned (orphans[1]));
  g_assert_cmpint (gloss_annotation_get_status (orphans[1]), ==, GLOSS_ANCHOR_KEPT);
  g_assert_cmpstr (gloss_annotation_get_exact (orphans[1]), ==, "odil");
  assert_context (orphans[1]);
  g_assert_cmpuint (g_list_model_get_n_items (orphan_model), ==, 2);
  g_assert_cmpuint (orphan_changes->len, ==, 1);
  assert_change (orphan_changes, 0, 1, 1, 0);
  g_assert_cmpuint (changes->len, ==, 1);
  assert_change (changes, 0, 1, 0, 1);
  g_assert_true (nth (set, 1) == orphans[1]);
  g_assert_cmpuint (gloss_annotation_set_get_n_annotations (set), ==, 5);
  after_modified = g_strdup (gloss_annotation_get_modified (orphans[1]));

  /* Once placed, a plain bounds change applies. */
  g_assert_true (gloss_annotation_set_change_bounds (set, orphans[1], bridge, bridge + 12, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gloss_annotation_get_exact (orphans[1]), ==, "Podil bridge");
  g_assert_true (gloss_annotation_set_undo (set, &error));
  g_assert_no_error (error);

  /* Undo: back among the orphans, at its old place, with its old values. */
  g_assert_true (gloss_annotation_set_undo (set, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_annotation_is_orphaned (orphans[1]));
  g_assert_cmpuint (gloss_annotation_get_start (orphans[1]), ==, 401);
  g_assert_cmpuint (gloss_annotation_get_end (orphans[1]), ==, 421);
  g_assert_cmpstr (gloss_annotation_get_exact (orphans[1]), ==, "words no longer in the article");
  g_assert_cmpstr (gloss_annotation_get_prefix (orphans[1]), ==, "before ");
  g_assert_cmpstr (gloss_annotation_get_suffix (orphans[1]), ==, " after");
  g_assert_cmpstr (gloss_annotation_get_modified (orphans[1]), ==, OLD_TIME);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (set)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (orphan_model), ==, 3);
  {
    g_autoptr(GlossAnnotation) item = g_list_model_get_item (orphan_model, 1);

    g_assert_true (item == orphans[1]);
  }

  g_assert_true (gloss_annotation_set_redo (set, &error));
  g_assert_no_error (error);
  g_assert_false (gloss_annotation_is_orphaned (orphans[1]));
  g_assert_cmpstr (gloss_annotation_get_exact (orphans[1]), ==, "odil");
  g_assert_cmpstr (gloss_annotation_get_modified (orphans[1]), ==, after_modified);
  g_assert_cmpuint (g_list_model_get_n_items (orphan_model), ==, 2);

  /* A re-attach with bad bounds is refused, and it stays an orphan. */
  g_assert_false (gloss_annotation_set_reattach (set, orphans[2], 5, 2, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_true (gloss_annotation_is_orphaned (orphans[2]));

  /* Removing an orphan, with its relation, and undoing that. */
  g_assert_true (gloss_annotation_set_remove (set, orphans[0], &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (orphan_model), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (gloss_annotation_set_get_relations (set)), ==, 0);
  g_assert_cmpuint (gloss_annotation_set_get_n_annotations (set), ==, 4);
  g_assert_true (gloss_annotation_set_undo (set, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (orphan_model), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (gloss_annotation_set_get_relations (set)), ==, 1);
  {
    g_autoptr(GlossAnnotation) item = g_list_model_get_item (orphan_model, 0);

    g_assert_true (item == orphans[0]);
    g_assert_true (gloss_annotation_is_orphaned (orphans[0]));
  }

  unwatch_items (set, changes);
  unwatch_items (orphan_model, orphan_changes);
}

/* ------------------------------------------------------------------ */
/* History                                                              */
/* ------------------------------------------------------------------ */

static void
test_groups (void)
{
  g_autoptr(GlossAnnotationSet) set = new_set ();
  g_autoptr(GError) error = NULL;
  GlossAnnotation *first, *second;
  g_autofree char *second_id = NULL;
  guint64 serial;

  first = create_at (set, "claim", "the Podil bridge would reopen in March");
  serial = gloss_annotation_set_get_change_serial (set);

  /* An empty group is not a step. */
  gloss_annotation_set_begin_group (set);
  gloss_annotation_set_end_group (set);
  gloss_annotation_set_begin_group (set);
  gloss_annotation_set_begin_group (set);
  gloss_annotation_set_end_group (set);
  gloss_annotation_set_end_group (set);
  g_assert_cmpuint (gloss_annotation_set_get_change_serial (set), ==, serial);

  /* Nested groups make one step. */
  gloss_annotation_set_begin_group (set);
  second = create_at (set, "person", "José Núñez");
  second_id = g_strdup (gloss_annotation_get_id (second));
  gloss_annotation_set_begin_group (set);
  g_assert_true (gloss_annotation_set_change_label (set, first, "quote", &error));
  g_assert_no_error (error);
  g_assert_nonnull (gloss_annotation_set_add_relation (set, "speaker", gloss_annotation_get_id (first),
                                                       second_id, &error));
  g_assert_no_error (error);
  gloss_annotation_set_end_group (set);
  g_assert_true (gloss_annotation_set_change_note (set, first, "grouped", &error));
  g_assert_no_error (error);
  gloss_annotation_set_end_group (set);
  g_assert_cmpuint (gloss_annotation_set_get_change_serial (set), ==, serial + 4);

  g_assert_true (gloss_annotation_set_undo (set, &error));
  g_assert_no_error (error);
  g_assert_null (gloss_annotation_set_lookup (set, second_id));
  g_assert_cmpstr (gloss_annotation_get_label (first), ==, "claim");
  g_assert_cmpstr (gloss_annotation_get_note (first), ==, "");
  g_assert_cmpuint (g_list_model_get_n_items (gloss_annotation_set_get_relations (set)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (set)), ==, 1);
  /* The step before the group is still there. */
  g_assert_true (gloss_annotation_set_can_undo (set));

  g_assert_true (gloss_annotation_set_redo (set, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_annotation_set_lookup (set, second_id) == second);
  g_assert_cmpstr (gloss_annotation_get_label (first), ==, "quote");
  g_assert_cmpstr (gloss_annotation_get_note (first), ==, "grouped");
  g_assert_cmpuint (g_list_model_get_n_items (gloss_annotation_set_get_relations (set)), ==, 1);
  g_assert_false (gloss_annotation_set_can_redo (set));

  /* Undo everything, twice over: nothing is left. */
  g_assert_true (gloss_annotation_set_undo (set, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_annotation_set_undo (set, &error));
  g_assert_no_error (error);
  g_assert_false (gloss_annotation_set_undo (set, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_annotation_set_get_n_annotations (set), ==, 0);
  g_assert_true (gloss_annotation_set_redo (set, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_annotation_set_redo (set, &error));
  g_assert_no_error (error);
  g_assert_false (gloss_annotation_set_redo (set, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_annotation_set_get_n_annotations (set), ==, 2);
}

static void
test_redo_cleared (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossAnnotationSet) set = new_set ();
  GlossAnnotation *claim;
  guint n_redo_notifies = 0;
  guint n_undo_notifies = 0;

  g_signal_connect (set, "notify::can-redo", G_CALLBACK (count_cb), &n_redo_notifies);
  g_signal_connect (set, "notify::can-undo", G_CALLBACK (count_cb), &n_undo_notifies);

  claim = create_at (set, "claim", "the Podil bridge would reopen in March");
  g_assert_true (gloss_annotation_set_change_label (set, claim, "quote", &error));
  g_assert_no_error (error);
  g_assert_false (gloss_annotation_set_can_redo (set));
  g_assert_cmpuint (n_undo_notifies, ==, 1);

  g_assert_true (gloss_annotation_set_undo (set, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_annotation_set_can_redo (set));
  g_assert_cmpuint (n_redo_notifies, ==, 1);

  /* A new edit makes the undone one unreachable. */
  g_assert_true (gloss_annotation_set_change_note (set, claim, "new", &error));
  g_assert_no_error (error);
  g_assert_false (gloss_annotation_set_can_redo (set));
  g_assert_cmpuint (n_redo_notifies, ==, 2);
  g_assert_false (gloss_annotation_set_redo (set, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gloss_annotation_get_label (claim), ==, "claim");

  /* Undo to the start: can-undo flips back once. */
  g_assert_true (gloss_annotation_set_undo (set, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_annotation_set_undo (set, &error));
  g_assert_no_error (error);
  g_assert_false (gloss_annotation_set_can_undo (set));
  g_assert_cmpuint (n_undo_notifies, ==, 2);
  g_assert_cmpuint (gloss_annotation_set_get_n_annotations (set), ==, 0);
}

static void
test_change_serial (void)
{
  g_autoptr(GlossAnnotationSet) set = new_set ();
  g_autoptr(GError) error = NULL;
  GlossAnnotation *claim;

  g_assert_cmpuint (gloss_annotation_set_get_change_serial (set), ==, 0);
  claim = create_at (set, "claim", "the Podil bridge would reopen in March");
  g_assert_cmpuint (gloss_annotation_set_get_change_serial (set), ==, 1);

  /* Refused and no-op edits do not count. */
  g_assert_null (gloss_annotation_set_create (set, "claim", 3, 3, &error));
  g_clear_error (&error);
  g_assert_true (gloss_annotation_set_change_label (set, claim, "claim", &error));
  g_assert_no_error (error);
  g_assert_true (gloss_annotation_set_change_note (set, claim, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_annotation_set_get_change_serial (set), ==, 1);

  g_assert_true (gloss_annotation_set_change_note (set, claim, "x", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_annotation_set_get_change_serial (set), ==, 2);
  g_assert_true (gloss_annotation_set_undo (set, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_annotation_set_get_change_serial (set), ==, 3);
  g_assert_true (gloss_annotation_set_redo (set, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_annotation_set_get_change_serial (set), ==, 4);
  g_assert_false (gloss_annotation_set_redo (set, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_annotation_set_get_change_serial (set), ==, 4);
}

/* ------------------------------------------------------------------ */
/* Queries on a large set against a brute-force reference               */
/* ------------------------------------------------------------------ */

#define N_LARGE 100000

typedef struct
{
  GlossAnnotationSet  *set;
  guint                length;
  guint                n;
  GlossAnnotation    **items;   /* model order, borrowed */
  guint               *starts;
  guint               *ends;
} Reference;

static void
reference_refresh (Reference *ref)
{
  GListModel *model = G_LIST_MODEL (ref->set);

  ref->n = g_list_model_get_n_items (model);
  ref->items = g_renew (GlossAnnotation *, ref->items, ref->n);
  ref->starts = g_renew (guint, ref->starts, ref->n);
  ref->ends = g_renew (guint, ref->ends, ref->n);

  for (guint i = 0; i < ref->n; i++)
    {
      g_autoptr(GlossAnnotation) item = g_list_model_get_item (model, i);

      ref->items[i] = item;
      ref->starts[i] = gloss_annotation_get_start (item);
      ref->ends[i] = gloss_annotation_get_end (item);
    }
}

static void
reference_clear (Reference *ref)
{
  g_free (ref->items);
  g_free (ref->starts);
  g_free (ref->ends);
}

/* Compare a query result with the annotations the definition selects,
 * scanning everything in model (document) order. */
static void
assert_query (Reference *ref,
              GPtrArray *result,
              guint      start,
              guint      end,
              gboolean   point)
{
  guint k = 0;

  g_assert_nonnull (result);

  for (guint i = 0; i < ref->n; i++)
    {
      gboolean hit;

      if (point)
        hit = ref->starts[i] <= start && start < ref->ends[i];
      else
        hit = ref->starts[i] < end && ref->ends[i] > start;

      if (!hit)
        continue;

      g_assert_cmpuint (k, <, result->len);
      g_assert_true (g_ptr_array_index (result, k) == ref->items[i]);
      k++;
    }

  g_assert_cmpuint (k, ==, result->len);
}

static void
run_random_queries (Reference *ref,
                    guint      n_queries)
{
  for (guint q = 0; q < n_queries; q++)
    {
      guint offset = g_test_rand_int_range (0, ref->length + 2);
      guint span = g_test_rand_bit () ? g_test_rand_int_range (1, 200)
                                      : g_test_rand_int_range (1, 20000);
      guint end = MIN (offset + span, ref->length + 2);
      g_autoptr(GPtrArray) at = gloss_annotation_set_at_offset (ref->set, offset);
      g_autoptr(GPtrArray) range = gloss_annotation_set_in_range (ref->set, offset, end);
      g_autoptr(GPtrArray) empty = gloss_annotation_set_in_range (ref->set, offset, offset);

      assert_query (ref, at, offset, offset, TRUE);
      assert_query (ref, range, offset, end, FALSE);
      assert_query (ref, empty, offset, offset, TRUE);
    }
}

static char *
make_large_text (void)
{
  static const char *words[] = {
    "the", "council", "said", "bridge", "Zoë", "reopen", "March", "café",
    "Ångström", "reporters", "audit", "Núñez", "timeline", "🇺🇦", "harbour",
  };
  GString *text = g_string_new (NULL);

  while (text->len < 1000 * 1000)
    {
      g_string_append (text, words[g_test_rand_int_range (0, G_N_ELEMENTS (words))]);
      g_string_append_c (text, g_test_rand_int_range (0, 12) == 0 ? '\n' : ' ');
    }

  return g_string_free (text, FALSE);
}

static void
test_large_queries (void)
{
  static const char *labels[] = { "claim", "quote", "person", "location" };
  g_autofree char *text = make_large_text ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossDocument) document = gloss_document_new_from_text (text, -1, &error);
  g_autoptr(GlossAnnotationSet) set = NULL;
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func (g_object_unref);
  Reference ref = { 0 };
  GArray *changes;
  gint64 begin_time;

  g_assert_no_error (error);
  set = gloss_annotation_set_new (document);
  ref.set = set;
  ref.length = gloss_document_get_length (document);
  g_assert_cmpuint (ref.length, ==, g_utf8_strlen (text, -1));

  /* Mostly short spans, some long, a few very long ones that overlap
   * thousands of others (the case a plain start-sorted scan gets wrong
   * or slow). */
  for (guint i = 0; i < N_LARGE; i++)
    {
      g_autofree char *id = g_strdup_printf ("a-%08x", i);
      guint start = g_test_rand_int_range (0, ref.length);
      guint kind = g_test_rand_int_range (0, 100);
      guint span = kind < 90 ? g_test_rand_int_range (1, 80)
                 : kind < 99 ? g_test_rand_int_range (80, 3000)
                 : g_test_rand_int_range (3000, 200000);

      g_ptr_array_add (annotations,
                       gloss_annotation_new (id, labels[i % G_N_ELEMENTS (labels)],
                                             start, MIN (start + span, ref.length)));
    }

  changes = watch_items (set);
  begin_time = g_get_monotonic_time ();
  gloss_annotation_set_load (set, annotations, NULL);
  g_test_message ("load of %u annotations: %.1f ms", N_LARGE,
                  (g_get_monotonic_time () - begin_time) / 1000.0);
  g_assert_cmpuint (changes->len, ==, 1);
  assert_change (changes, 0, 0, 0, N_LARGE);
  unwatch_items (set, changes);

  reference_refresh (&ref);
  g_assert_cmpuint (ref.n, ==, N_LARGE);
  assert_sorted (set);

  run_random_queries (&ref, 300);

  /* The edges: whole text, the last offset, beyond the end. */
  {
    g_autoptr(GPtrArray) all = gloss_annotation_set_in_range (set, 0, G_MAXUINT);
    g_autoptr(GPtrArray) last = gloss_annotation_set_at_offset (set, ref.length - 1);
    g_autoptr(GPtrArray) after = gloss_annotation_set_at_offset (set, G_MAXUINT);
    g_autoptr(GPtrArray) zero = gloss_annotation_set_at_offset (set, 0);

    g_assert_cmpuint (all->len, ==, N_LARGE);
    assert_query (&ref, last, ref.length - 1, ref.length - 1, TRUE);
    g_assert_cmpuint (after->len, ==, 0);
    assert_query (&ref, zero, 0, 0, TRUE);
  }

  /* index_of agrees with the model, and knows strangers. */
  for (guint q = 0; q < 2000; q++)
    {
      guint i = g_test_rand_int_range (0, ref.n);

      g_assert_cmpuint (gloss_annotation_set_index_of (set, ref.items[i]), ==, i);
    }
  {
    g_autoptr(GlossAnnotation) stranger = gloss_annotation_new ("a-stranger", "claim", 5, 9);

    g_assert_cmpuint (gloss_annotation_set_index_of (set, stranger), ==, G_MAXUINT);
  }

  /* The index follows edits (it is rebuilt after them). */
  for (guint e = 0; e < 20; e++)
    {
      GlossAnnotation *victim = ref.items[g_test_rand_int_range (0, ref.n)];

      if (e % 2 == 0)
        g_assert_true (gloss_annotation_set_remove (set, victim, &error));
      else
        g_assert_true (gloss_annotation_set_change_label (set, victim, "misc", &error));
      g_assert_no_error (error);
    }
  reference_refresh (&ref);
  g_assert_cmpuint (ref.n, ==, N_LARGE - 10);
  run_random_queries (&ref, 100);

  while (gloss_annotation_set_undo (set, NULL))
    ;
  reference_refresh (&ref);
  g_assert_cmpuint (ref.n, ==, N_LARGE);
  run_random_queries (&ref, 100);

  /* Not a benchmark, just a record: queries should take microseconds. */
  begin_time = g_get_monotonic_time ();
  for (guint q = 0; q < 10000; q++)
    g_ptr_array_unref (gloss_annotation_set_at_offset (set, g_test_rand_int_range (0, ref.length)));
  g_test_message ("10,000 point queries: %.1f ms",
                  (g_get_monotonic_time () - begin_time) / 1000.0);

  reference_clear (&ref);
}

/* ------------------------------------------------------------------ */
/* The relation index                                                   */
/* ------------------------------------------------------------------ */

/* relations_of() and get_speaker() (answered from the index) against a
 * plain scan of every relation, for @id. */
static void
assert_index_matches_scan (GlossAnnotationSet *set,
                           const char         *id)
{
  GListModel *relations = gloss_annotation_set_get_relations (set);
  g_autoptr(GPtrArray) indexed = gloss_annotation_set_relations_of (set, id);
  GlossAnnotation *annotation = gloss_annotation_set_lookup (set, id);
  GlossAnnotation *speaker = NULL;
  guint n_found = 0;

  for (guint i = 0; i < g_list_model_get_n_items (relations); i++)
    {
      g_autoptr(GlossRelation) relation = g_list_model_get_item (relations, i);

      if (!g_str_equal (gloss_relation_get_from (relation), id)
          && !g_str_equal (gloss_relation_get_to (relation), id))
        continue;

      g_assert_cmpuint (n_found, <, indexed->len);
      g_assert_true (g_ptr_array_index (indexed, n_found) == relation);
      n_found++;

      if (speaker == NULL
          && g_str_equal (gloss_relation_get_rel_type (relation), GLOSS_RELATION_SPEAKER)
          && g_str_equal (gloss_relation_get_from (relation), id))
        speaker = gloss_annotation_set_lookup (set, gloss_relation_get_to (relation));
    }
  g_assert_cmpuint (n_found, ==, indexed->len);

  if (annotation != NULL)
    g_assert_true (gloss_annotation_set_get_speaker (set, annotation) == speaker);
}

static void
assert_index_consistent (GlossAnnotationSet *set,
                         GPtrArray          *annotations)
{
  for (guint i = 0; i < annotations->len; i++)
    assert_index_matches_scan (set, gloss_annotation_get_id (g_ptr_array_index (annotations, i)));
  assert_index_matches_scan (set, "no-such-id");
}

static void
test_relation_index (void)
{
  g_autoptr(GlossAnnotationSet) set = new_set ();
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  GlossAnnotation *mayor, *quote, *wishful, *council, *critic;

  mayor = create_at (set, "person", "Zoë Ångström");
  quote = create_at (set, "quote", "We are nearly there 🇺🇦,");
  wishful = create_at (set, "quote", "wishful thinking");
  council = create_at (set, "organization", "Harbour Council");
  critic = create_at (set, "person", "José Núñez");
  g_ptr_array_add (all, g_object_ref (mayor));
  g_ptr_array_add (all, g_object_ref (quote));
  g_ptr_array_add (all, g_object_ref (wishful));
  g_ptr_array_add (all, g_object_ref (council));
  g_ptr_array_add (all, g_object_ref (critic));
  assert_index_consistent (set, all);

  /* Adding, replacing and removing relations. */
  g_assert_true (gloss_annotation_set_set_speaker (set, quote, mayor, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_annotation_set_set_speaker (set, wishful, critic, &error));
  g_assert_no_error (error);
  g_assert_nonnull (gloss_annotation_set_add_relation (set, GLOSS_RELATION_SPEAKER,
                                                       gloss_annotation_get_id (wishful),
                                                       gloss_annotation_get_id (council), &error));
  g_assert_no_error (error);
  assert_index_consistent (set, all);
  g_assert_true (gloss_annotation_set_set_speaker (set, quote, council, &error));
  g_assert_no_error (error);
  assert_index_consistent (set, all);

  /* Removing an annotation takes its relations out of the index too. */
  g_assert_true (gloss_annotation_set_remove (set, council, &error));
  g_assert_no_error (error);
  assert_index_consistent (set, all);
  g_assert_null (gloss_annotation_set_get_speaker (set, quote));

  /* Undo and redo, all the way back and forth. */
  while (gloss_annotation_set_can_undo (set))
    {
      g_assert_true (gloss_annotation_set_undo (set, &error));
      g_assert_no_error (error);
      assert_index_consistent (set, all);
    }
  while (gloss_annotation_set_can_redo (set))
    {
      g_assert_true (gloss_annotation_set_redo (set, &error));
      g_assert_no_error (error);
      assert_index_consistent (set, all);
    }
  g_assert_true (gloss_annotation_set_get_speaker (set, wishful) == critic);

  /* A load replaces the index with the loaded relations, a relation of an
   * annotation to itself (from another tool) listed once. */
  {
    g_autoptr(GPtrArray) annotations = g_ptr_array_new ();
    g_autoptr(GPtrArray) relations = g_ptr_array_new_with_free_func (g_object_unref);
    g_autoptr(GPtrArray) of_quote = NULL;

    for (guint i = 0; i < all->len; i++)
      g_ptr_array_add (annotations, g_ptr_array_index (all, i));
    g_ptr_array_add (relations, gloss_relation_new ("r-1", GLOSS_RELATION_SPEAKER,
                                                    gloss_annotation_get_id (quote),
                                                    gloss_annotation_get_id (critic)));
    g_ptr_array_add (relations, gloss_relation_new ("r-2", "about",
                                                    gloss_annotation_get_id (quote),
                                                    gloss_annotation_get_id (quote)));
    gloss_annotation_set_load (set, annotations, relations);
    assert_index_consistent (set, all);
    g_assert_true (gloss_annotation_set_get_speaker (set, quote) == critic);
    g_assert_null (gloss_annotation_set_get_speaker (set, wishful));
    of_quote = gloss_annotation_set_relations_of (set, gloss_annotation_get_id (quote));
    g_assert_cmpuint (of_quote->len, ==, 2);

    gloss_annotation_set_load (set, annotations, NULL);
    assert_index_consistent (set, all);
    g_assert_null (gloss_annotation_set_get_speaker (set, quote));
  }
}

static void
test_model_find (void)
{
  g_autoptr(GlossAnnotationSet) set = new_set ();
  g_autoptr(GListStore) people = g_list_store_new (GLOSS_TYPE_ANNOTATION);
  GlossAnnotation *kyiv, *mayor, *council, *critic;
  guint insertion_point = 42;

  kyiv = create_at (set, "location", "KYIV");
  mayor = create_at (set, "person", "Zoë Ångström");
  council = create_at (set, "organization", "Harbour Council");
  critic = create_at (set, "person", "José Núñez");

  g_assert_cmpuint (gloss_annotation_model_find (G_LIST_MODEL (set), kyiv, NULL), ==, 0);
  g_assert_cmpuint (gloss_annotation_model_find (G_LIST_MODEL (set), critic, &insertion_point), ==, 3);
  g_assert_cmpuint (insertion_point, ==, 3);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(GlossAnnotation) item = g_list_model_get_item (G_LIST_MODEL (set), i);

      g_assert_cmpuint (gloss_annotation_model_find (G_LIST_MODEL (set), item, NULL), ==,
                        gloss_annotation_set_index_of (set, item));
    }

  /* A filter over the set (the sidebar's, say) keeps its order: what it
   * lacks is not found, with the place it would go. */
  g_list_store_append (people, mayor);
  g_list_store_append (people, critic);
  g_assert_cmpuint (gloss_annotation_model_find (G_LIST_MODEL (people), critic, NULL), ==, 1);
  g_assert_cmpuint (gloss_annotation_model_find (G_LIST_MODEL (people), kyiv, &insertion_point), ==, G_MAXUINT);
  g_assert_cmpuint (insertion_point, ==, 0);
  g_assert_cmpuint (gloss_annotation_model_find (G_LIST_MODEL (people), council, &insertion_point), ==, G_MAXUINT);
  g_assert_cmpuint (insertion_point, ==, 1);
}

/* ------------------------------------------------------------------ */
/* Moving a bound by a word                                             */
/* ------------------------------------------------------------------ */

static void
test_shift_bound (void)
{
  g_autoptr(GlossAnnotationSet) set = new_set ();
  g_autoptr(GError) error = NULL;
  GlossAnnotation *bridge = create_at (set, "location", "Podil bridge");
  GlossAnnotation *kyiv = create_at (set, "location", "KYIV");
  GlossAnnotation *audit = create_at (set, "quote", "audit.");
  guint start = gloss_annotation_get_start (bridge);
  guint64 serial;

  /* Forward and back by a word, the end to a word end and the start to a
   * word start; each step is one undo step. */
  g_assert_true (gloss_annotation_set_shift_bound (set, bridge, GLOSS_BOUND_END, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gloss_annotation_get_exact (bridge), ==, "Podil bridge would");
  g_assert_true (gloss_annotation_set_shift_bound (set, bridge, GLOSS_BOUND_END, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gloss_annotation_get_exact (bridge), ==, "Podil bridge");
  g_assert_true (gloss_annotation_set_shift_bound (set, bridge, GLOSS_BOUND_START, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gloss_annotation_get_exact (bridge), ==, "bridge");
  g_assert_true (gloss_annotation_set_undo (set, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_annotation_get_start (bridge), ==, start);
  g_assert_true (gloss_annotation_set_shift_bound (set, bridge, GLOSS_BOUND_START, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gloss_annotation_get_exact (bridge), ==, "the Podil bridge");

  /* A bound that would not move is refused, saying which, and nothing
   * changes: the start of the text, the end of the text. */
  serial = gloss_annotation_set_get_change_serial (set);
  g_assert_false (gloss_annotation_set_shift_bound (set, kyiv, GLOSS_BOUND_START, FALSE, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_RANGE);
  g_assert_nonnull (strstr (error->message, "KYIV"));
  g_clear_error (&error);
  g_assert_cmpuint (gloss_annotation_get_start (kyiv), ==, 0);
  g_assert_false (gloss_annotation_set_shift_bound (set, audit, GLOSS_BOUND_END, TRUE, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_cmpuint (gloss_annotation_get_end (audit), ==, cp_length (article));
  g_assert_cmpuint (gloss_annotation_set_get_change_serial (set), ==, serial);

  /* The start stays before the end: a one-character span's start cannot
   * step forward. */
  g_assert_true (gloss_annotation_set_change_bounds (set, kyiv, 0, 1, &error));
  g_assert_no_error (error);
  serial = gloss_annotation_set_get_change_serial (set);
  g_assert_false (gloss_annotation_set_shift_bound (set, kyiv, GLOSS_BOUND_START, TRUE, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_false (gloss_annotation_set_shift_bound (set, kyiv, GLOSS_BOUND_END, FALSE, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_cmpuint (gloss_annotation_get_end (kyiv), ==, 1);
  g_assert_cmpuint (gloss_annotation_set_get_change_serial (set), ==, serial);
}

static void
test_shift_bound_orphan (void)
{
  GlossAnnotation *orphans[3];
  g_autoptr(GlossAnnotationSet) set = new_set_with_orphans (orphans);
  g_autoptr(GlossAnnotationSet) other = new_set ();
  g_autoptr(GError) error = NULL;
  GlossAnnotation *stranger = create_at (other, "location", "KYIV");

  /* An orphan has no place in the text to move. */
  g_assert_false (gloss_annotation_set_shift_bound (set, orphans[0], GLOSS_BOUND_END, TRUE, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (gloss_annotation_is_orphaned (orphans[0]));
  g_assert_false (gloss_annotation_set_can_undo (set));

  /* Another set's annotation is not this one's to move. */
  g_assert_false (gloss_annotation_set_shift_bound (set, stranger, GLOSS_BOUND_END, TRUE, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND);
}

/* Edits of what is not in the set are refused, naming it; nothing changes. */
static void
test_not_found (void)
{
  g_autoptr(GlossAnnotationSet) set = new_set ();
  g_autoptr(GlossAnnotationSet) other = new_set ();
  g_autoptr(GError) error = NULL;
  GlossAnnotation *mine = create_at (set, "person", "Mayor Zoë Ångström");
  GlossAnnotation *stranger = create_at (other, "location", "the city hall");
  GlossAnnotation *kyiv = create_at (other, "location", "KYIV");
  GlossRelation *relation;
  const char *id = gloss_annotation_get_id (stranger);
  guint64 serial;

  relation = gloss_annotation_set_add_relation (other, "mentions", id,
                                                gloss_annotation_get_id (kyiv), &error);
  g_assert_no_error (error);
  g_assert_nonnull (relation);
  serial = gloss_annotation_set_get_change_serial (set);

  g_assert_false (gloss_annotation_set_change_label (set, stranger, "person", &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, id));
  g_clear_error (&error);
  g_assert_false (gloss_annotation_set_change_note (set, stranger, "a note", &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, id));
  g_clear_error (&error);
  g_assert_false (gloss_annotation_set_remove (set, stranger, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, id));
  g_clear_error (&error);
  g_assert_false (gloss_annotation_set_remove_relation (set, relation, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, gloss_relation_get_id (relation)));
  g_clear_error (&error);

  g_assert_cmpuint (gloss_annotation_set_get_change_serial (set), ==, serial);
  g_assert_cmpstr (gloss_annotation_get_label (stranger), ==, "location");

  /* Changing a label to the one it has is no failure, and no edit. */
  g_assert_true (gloss_annotation_set_change_label (set, mine, "person", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_annotation_set_get_change_serial (set), ==, serial);
}

/* ------------------------------------------------------------------ */
/* Read-only                                                            */
/* ------------------------------------------------------------------ */

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  (*(guint *)user_data)++;
}

/* Every refusal of a read-only set says what check_writable() says. */
static void
assert_read_only_error (GlossAnnotationSet  *set,
                        GError             **error)
{
  g_autoptr(GError) expected = NULL;

  g_assert_false (gloss_annotation_set_check_writable (set, &expected));
  g_assert_error (expected, GLOSS_ERROR, GLOSS_ERROR_READ_ONLY);
  g_assert_cmpstr (expected->message, !=, "");

  g_assert_error (*error, GLOSS_ERROR, GLOSS_ERROR_READ_ONLY);
  g_assert_cmpstr ((*error)->message, ==, expected->message);
  g_clear_error (error);
}

static void
test_read_only (void)
{
  GlossAnnotation *orphans[3];
  g_autoptr(GlossAnnotationSet) set = new_set_with_orphans (orphans);
  g_autoptr(GError) error = NULL;
  GListModel *relations = gloss_annotation_set_get_relations (set);
  GlossAnnotation *mayor, *quote, *place;
  GlossRelation *relation;
  guint64 serial;
  guint n_notify = 0, n_annotation_changed = 0, n_relations_changed = 0;
  GArray *changes;
  guint quote_start;

  mayor = gloss_annotation_set_lookup (set, "a-00000001");
  place = gloss_annotation_set_lookup (set, "a-00000003");
  quote = create_at (set, "quote", "We are nearly there 🇺🇦,");
  quote_start = gloss_annotation_get_start (quote);
  g_assert_true (gloss_annotation_set_set_speaker (set, quote, mayor, &error));
  g_assert_no_error (error);
  relation = g_list_model_get_item (relations, 0);
  g_object_unref (relation);
  /* Something to undo and something to redo. */
  g_assert_true (gloss_annotation_set_change_note (set, place, "a note", &error));
  g_assert_no_error (error);
  g_assert_true (gloss_annotation_set_undo (set, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_annotation_set_can_redo (set));

  g_assert_false (gloss_annotation_set_get_read_only (set));
  g_assert_true (gloss_annotation_set_check_writable (set, &error));
  g_assert_no_error (error);
  g_signal_connect (set, "notify::read-only", G_CALLBACK (count_notify_cb), &n_notify);
  gloss_annotation_set_set_read_only (set, TRUE);
  gloss_annotation_set_set_read_only (set, TRUE);
  g_assert_cmpuint (n_notify, ==, 1);
  g_assert_true (gloss_annotation_set_get_read_only (set));

  serial = gloss_annotation_set_get_change_serial (set);
  changes = watch_items (set);
  g_signal_connect (set, "annotation-changed", G_CALLBACK (count_cb), &n_annotation_changed);
  g_signal_connect (set, "relations-changed", G_CALLBACK (count_no_arg_cb), &n_relations_changed);

  g_assert_false (gloss_annotation_set_check_writable (set, &error));
  assert_read_only_error (set, &error);

  g_assert_null (gloss_annotation_set_create (set, "person", 0, 4, &error));
  assert_read_only_error (set, &error);
  g_assert_false (gloss_annotation_set_change_label (set, place, "organization", &error));
  assert_read_only_error (set, &error);
  g_assert_cmpstr (gloss_annotation_get_label (place), ==, "location");
  g_assert_false (gloss_annotation_set_change_note (set, place, "another note", &error));
  assert_read_only_error (set, &error);
  g_assert_cmpstr (gloss_annotation_get_note (place), ==, "");
  g_assert_false (gloss_annotation_set_change_bounds (set, quote, 0, 4, &error));
  assert_read_only_error (set, &error);
  g_assert_false (gloss_annotation_set_shift_bound (set, quote, GLOSS_BOUND_END, TRUE, &error));
  assert_read_only_error (set, &error);
  g_assert_cmpuint (gloss_annotation_get_start (quote), ==, quote_start);
  g_assert_false (gloss_annotation_set_reattach (set, orphans[0], 0, 4, &error));
  assert_read_only_error (set, &error);
  g_assert_true (gloss_annotation_is_orphaned (orphans[0]));
  g_assert_false (gloss_annotation_set_remove (set, quote, &error));
  assert_read_only_error (set, &error);
  g_assert_false (gloss_annotation_set_remove (set, orphans[1], &error));
  assert_read_only_error (set, &error);
  g_assert_null (gloss_annotation_set_add_relation (set, GLOSS_RELATION_SPEAKER,
                                                    gloss_annotation_get_id (quote),
                                                    gloss_annotation_get_id (place), &error));
  assert_read_only_error (set, &error);
  g_assert_false (gloss_annotation_set_remove_relation (set, relation, &error));
  assert_read_only_error (set, &error);
  g_assert_false (gloss_annotation_set_set_speaker (set, quote, NULL, &error));
  assert_read_only_error (set, &error);
  g_assert_true (gloss_annotation_set_get_speaker (set, quote) == mayor);
  g_assert_false (gloss_annotation_set_undo (set, &error));
  assert_read_only_error (set, &error);
  g_assert_false (gloss_annotation_set_redo (set, &error));
  assert_read_only_error (set, &error);
  /* The history is kept, but cannot be used (test_read_only_history). */
  g_assert_false (gloss_annotation_set_can_undo (set));
  g_assert_false (gloss_annotation_set_can_redo (set));

  /* Nothing changed at all, so there is nothing to save. */
  g_assert_cmpuint (gloss_annotation_set_get_change_serial (set), ==, serial);
  g_assert_cmpuint (gloss_annotation_set_get_n_annotations (set), ==, 6);
  g_assert_cmpuint (g_list_model_get_n_items (relations), ==, 2);
  g_assert_cmpuint (changes->len, ==, 0);
  unwatch_items (set, changes);
  g_assert_cmpuint (n_annotation_changed, ==, 0);
  g_assert_cmpuint (n_relations_changed, ==, 0);

  /* Writable again, the same edits go through. */
  g_object_set (set, "read-only", FALSE, NULL);
  g_assert_cmpuint (n_notify, ==, 2);
  g_assert_true (gloss_annotation_set_redo (set, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gloss_annotation_get_note (place), ==, "a note");
  g_assert_true (gloss_annotation_set_change_label (set, place, "organization", &error));
  g_assert_no_error (error);
  g_assert_true (gloss_annotation_set_remove (set, quote, &error));
  g_assert_no_error (error);
}

/* Undo and Redo grey out with read-only by construction: can-undo and
 * can-redo turn FALSE (and say so) while the history waits. */
static void
test_read_only_history (void)
{
  g_autoptr(GlossAnnotationSet) set = new_set ();
  g_autoptr(GlossAnnotationSet) empty = new_set ();
  g_autoptr(GError) error = NULL;
  guint n_undo = 0, n_redo = 0, n_empty = 0;

  create_at (set, "person", "Mayor Zoë Ångström");
  create_at (set, "location", "the city hall");
  g_assert_true (gloss_annotation_set_undo (set, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_annotation_set_can_undo (set));
  g_assert_true (gloss_annotation_set_can_redo (set));

  g_signal_connect (set, "notify::can-undo", G_CALLBACK (count_notify_cb), &n_undo);
  g_signal_connect (set, "notify::can-redo", G_CALLBACK (count_notify_cb), &n_redo);

  gloss_annotation_set_set_read_only (set, TRUE);
  g_assert_false (gloss_annotation_set_can_undo (set));
  g_assert_false (gloss_annotation_set_can_redo (set));
  g_assert_cmpuint (n_undo, ==, 1);
  g_assert_cmpuint (n_redo, ==, 1);
  {
    gboolean can_undo = TRUE, can_redo = TRUE;

    g_object_get (set, "can-undo", &can_undo, "can-redo", &can_redo, NULL);
    g_assert_false (can_undo);
    g_assert_false (can_redo);
  }

  /* Setting it again flips nothing. */
  gloss_annotation_set_set_read_only (set, TRUE);
  g_assert_cmpuint (n_undo, ==, 1);
  g_assert_cmpuint (n_redo, ==, 1);

  /* Writable again, the kept history is back. */
  gloss_annotation_set_set_read_only (set, FALSE);
  g_assert_true (gloss_annotation_set_can_undo (set));
  g_assert_true (gloss_annotation_set_can_redo (set));
  g_assert_cmpuint (n_undo, ==, 2);
  g_assert_cmpuint (n_redo, ==, 2);
  g_assert_true (gloss_annotation_set_redo (set, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_annotation_set_get_n_annotations (set), ==, 2);

  /* With no history there is nothing to flip, so nothing to notify. */
  g_signal_connect (empty, "notify::can-undo", G_CALLBACK (count_notify_cb), &n_empty);
  g_signal_connect (empty, "notify::can-redo", G_CALLBACK (count_notify_cb), &n_empty);
  gloss_annotation_set_set_read_only (empty, TRUE);
  gloss_annotation_set_set_read_only (empty, FALSE);
  g_assert_cmpuint (n_empty, ==, 0);
  g_assert_false (gloss_annotation_set_undo (empty, &error));
  g_assert_no_error (error);
}

/* After a delete the one before is selected, so deleting the last one
 * does not wrap to the first (and scroll the reader to the top); the
 * first has only a next; the only one leaves nothing. Orphans follow
 * the placed annotations, as in the sidebar. */
static void
test_neighbour_for_deletion (void)
{
  g_autoptr(GlossAnnotationSet) set = new_set ();
  g_autoptr(GlossAnnotationSet) with_orphans = NULL;
  g_autoptr(GlossAnnotation) stranger = gloss_annotation_new ("a-99999999", "person", 0, 4);
  GlossAnnotation *orphans[3];
  GlossAnnotation *mayor, *bridge, *critic;

  mayor = create_at (set, "person", "Zoë Ångström");
  g_assert_null (gloss_annotation_set_neighbour_for_deletion (set, mayor));

  bridge = create_at (set, "location", "Podil bridge");
  critic = create_at (set, "person", "José Núñez");
  g_assert_true (gloss_annotation_set_neighbour_for_deletion (set, critic) == bridge);
  g_assert_true (gloss_annotation_set_neighbour_for_deletion (set, bridge) == mayor);
  g_assert_true (gloss_annotation_set_neighbour_for_deletion (set, mayor) == bridge);
  g_assert_null (gloss_annotation_set_neighbour_for_deletion (set, stranger));

  with_orphans = new_set_with_orphans (orphans);
  /* placed: a-00000001 (Zoë), a-00000003 (city hall); then the orphans */
  g_assert_true (gloss_annotation_set_neighbour_for_deletion (with_orphans, orphans[0])
                 == gloss_annotation_set_lookup (with_orphans, "a-00000003"));
  g_assert_true (gloss_annotation_set_neighbour_for_deletion (with_orphans, orphans[2]) == orphans[1]);
  g_assert_true (gloss_annotation_set_neighbour_for_deletion (with_orphans,
                                                              gloss_annotation_set_lookup (with_orphans, "a-00000001"))
                 == gloss_annotation_set_lookup (with_orphans, "a-00000003"));
}

/* Undo says what it brought back, so the window can select and show it:
 * a deleted annotation (its relations with it, in the same one step), a
 * changed one, the quote whose speaker changed back; nothing for an
 * undone create; and nothing once another edit is made. */
static void
test_last_replayed (void)
{
  g_autoptr(GlossAnnotationSet) set = new_set ();
  g_autoptr(GError) error = NULL;
  GListModel *relations = gloss_annotation_set_get_relations (set);
  GlossAnnotation *quote, *person, *bridge;
  GlossAnnotation *mentioned[5];

  g_assert_null (gloss_annotation_set_get_last_replayed (set));
  quote = create_at (set, "quote", "We are nearly there 🇺🇦,");
  person = create_at (set, "person", "Zoë Ångström");
  bridge = create_at (set, "location", "Podil bridge");
  mentioned[0] = person;
  mentioned[1] = bridge;
  mentioned[2] = create_at (set, "organization", "Harbour Council");
  mentioned[3] = create_at (set, "person", "José Núñez");
  mentioned[4] = create_at (set, "location", "city hall");
  for (guint i = 0; i < G_N_ELEMENTS (mentioned); i++)
    {
      gloss_annotation_set_add_relation (set, "mentions", gloss_annotation_get_id (quote),
                                         gloss_annotation_get_id (mentioned[i]), &error);
      g_assert_no_error (error);
    }
  g_assert_true (gloss_annotation_set_set_speaker (set, quote, person, &error));
  g_assert_cmpuint (g_list_model_get_n_items (relations), ==, 6);

  /* Deleting the quote takes its six relations in one undo step. */
  g_assert_true (gloss_annotation_set_remove (set, quote, &error));
  g_assert_cmpuint (g_list_model_get_n_items (relations), ==, 0);
  g_assert_true (gloss_annotation_set_undo (set, &error));
  g_assert_cmpuint (g_list_model_get_n_items (relations), ==, 6);
  g_assert_true (gloss_annotation_set_get_last_replayed (set) == quote);

  /* Redoing the delete brings nothing back to show. */
  g_assert_true (gloss_annotation_set_redo (set, &error));
  g_assert_null (gloss_annotation_set_get_last_replayed (set));
  g_assert_true (gloss_annotation_set_undo (set, &error));
  g_assert_true (gloss_annotation_set_get_last_replayed (set) == quote);

  g_assert_true (gloss_annotation_set_change_label (set, bridge, "misc", &error));
  g_assert_null (gloss_annotation_set_get_last_replayed (set));
  g_assert_true (gloss_annotation_set_undo (set, &error));
  g_assert_true (gloss_annotation_set_get_last_replayed (set) == bridge);

  /* A speaker changed back: the quote. */
  g_assert_true (gloss_annotation_set_set_speaker (set, quote, NULL, &error));
  g_assert_true (gloss_annotation_set_undo (set, &error));
  g_assert_true (gloss_annotation_set_get_last_replayed (set) == quote);

  /* An undone create leaves nothing to show. */
  create_at (set, "misc", "audit");
  g_assert_true (gloss_annotation_set_undo (set, &error));
  g_assert_null (gloss_annotation_set_get_last_replayed (set));
  g_assert_no_error (error);
}

/* ------------------------------------------------------------------ */
/* Equality by value, and a reload that keeps what did not change       */
/* ------------------------------------------------------------------ */

static JsonObject *
json_object_from (const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (json, &error);

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

/* What a sidecar's reader makes of annotation @i: a fresh object at each
 * call, every field set, attributes on some and unknown keys on others. */
static GlossAnnotation *
reload_annotation (guint    i,
                   gboolean orphaned)
{
  g_autofree char *id = g_strdup_printf ("a-%04u", i);
  g_autofree char *note = g_strdup_printf ("note %u", i);
  GlossAnnotation *annotation;

  annotation = gloss_annotation_new_full (id, i % 2 ? "claim" : "quote", 10 + 3 * i, 15 + 3 * i,
                                          "exact", "before", "after", note, OLD_TIME,
                                          i % 3 ? "2002-03-04T05:06:07Z" : NULL);
  if (i % 2 == 0)
    gloss_annotation_take_attributes (annotation,
                                      gloss_attribute_map_set (NULL, "stance",
                                                               g_variant_new_string ("for")));
  if (i % 5 == 0)
    {
      g_autoptr(JsonObject) extra =
        json_object_from ("{\"x-tool\": {\"score\": 1, \"tags\": [\"a\", \"b\"]}, \"x-n\": 2.5}");

      gloss_annotation_set_extra (annotation, extra);
    }
  if (orphaned)
    gloss_annotation_set_status (annotation, GLOSS_ANCHOR_ORPHANED);

  return annotation;
}

#define N_RELOADED 20

/* @n placed annotations (ids a-0000 to a-00nn in document order), two
 * orphans (a-1000, a-1001) and two relations. */
static void
reload_contents (guint       n,
                 GPtrArray **annotations,
                 GPtrArray **relations)
{
  *annotations = g_ptr_array_new_with_free_func (g_object_unref);
  *relations = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (*annotations, reload_annotation (i, FALSE));
  for (guint i = 1000; i < 1002; i++)
    g_ptr_array_add (*annotations, reload_annotation (i, TRUE));
  g_ptr_array_add (*relations, gloss_relation_new ("r-1", "speaker", "a-0001", "a-0002"));
  g_ptr_array_add (*relations, gloss_relation_new ("r-2", "speaker", "a-1000", "a-0003"));
}

static GlossAnnotationSet *
reload_set (GlossDocument *document,
            GPtrArray     *annotations,
            GPtrArray     *relations)
{
  GlossAnnotationSet *set = gloss_annotation_set_new (document);

  gloss_annotation_set_load (set, annotations, relations);
  return set;
}

/* Every index of @set agrees with its list models. */
static void
assert_consistent (GlossAnnotationSet *set)
{
  GListModel *orphans = gloss_annotation_set_get_orphans (set);
  guint n_placed = g_list_model_get_n_items (G_LIST_MODEL (set));
  guint n_orphans = g_list_model_get_n_items (orphans);

  assert_sorted (set);
  g_assert_cmpuint (gloss_annotation_set_get_n_annotations (set), ==, n_placed + n_orphans);
  for (guint i = 0; i < n_placed; i++)
    {
      GlossAnnotation *annotation = nth (set, i);
      g_autoptr(GPtrArray) found = gloss_annotation_set_at_offset (set, gloss_annotation_get_start (annotation));

      g_assert_true (gloss_annotation_set_lookup (set, gloss_annotation_get_id (annotation)) == annotation);
      g_assert_cmpuint (gloss_annotation_set_index_of (set, annotation), ==, i);
      g_assert_true (g_ptr_array_find (found, annotation, NULL));
    }
  for (guint i = 0; i < n_orphans; i++)
    {
      g_autoptr(GlossAnnotation) annotation = g_list_model_get_item (orphans, i);

      g_assert_true (gloss_annotation_set_lookup (set, gloss_annotation_get_id (annotation)) == annotation);
    }
}

/* A copy by value but for its @id, its unknown keys parsed apart (not
 * shared). */
static GlossAnnotation *
copy_with_id (GlossAnnotation *annotation,
              const char      *id)
{
  GlossAnnotation *copy =
    gloss_annotation_new_full (id, gloss_annotation_get_label (annotation),
                               gloss_annotation_get_start (annotation), gloss_annotation_get_end (annotation),
                               gloss_annotation_get_exact (annotation), gloss_annotation_get_prefix (annotation),
                               gloss_annotation_get_suffix (annotation), gloss_annotation_get_note (annotation),
                               gloss_annotation_get_created (annotation),
                               gloss_annotation_get_modified (annotation));
  GVariant *attributes = gloss_annotation_peek_attributes (annotation);

  gloss_annotation_set_status (copy, gloss_annotation_get_status (annotation));
  if (attributes != NULL)
    gloss_annotation_take_attributes (copy, g_variant_new_from_data (G_VARIANT_TYPE_VARDICT,
                                                                     g_variant_get_data (attributes),
                                                                     g_variant_get_size (attributes),
                                                                     TRUE, NULL, NULL));
  if (gloss_annotation_get_extra (annotation) != NULL)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), gloss_annotation_get_extra (annotation));
      g_autofree char *json = json_to_string (node, FALSE);
      g_autoptr(JsonObject) extra = json_object_from (json);

      gloss_annotation_set_extra (copy, extra);
    }

  return copy;
}

static GlossAnnotation *
copy_by_value (GlossAnnotation *annotation)
{
  return copy_with_id (annotation, gloss_annotation_get_id (annotation));
}

static void
assert_unequal_after (GlossAnnotation *base,
                      void           (*change) (GlossAnnotation *annotation))
{
  g_autoptr(GlossAnnotation) copy = copy_by_value (base);

  g_assert_true (gloss_annotation_equal (base, copy));
  change (copy);
  g_assert_false (gloss_annotation_equal (base, copy));
  g_assert_false (gloss_annotation_equal (copy, base));
}

static void change_label (GlossAnnotation *a) { gloss_annotation_set_label (a, "claim"); }
static void change_start (GlossAnnotation *a) { gloss_annotation_set_bounds (a, 11, 15); }
static void change_end (GlossAnnotation *a) { gloss_annotation_set_bounds (a, 10, 16); }
static void change_exact (GlossAnnotation *a) { gloss_annotation_set_exact (a, "Exact"); }
static void change_prefix (GlossAnnotation *a) { gloss_annotation_set_prefix (a, "before "); }
static void change_suffix (GlossAnnotation *a) { gloss_annotation_set_suffix (a, " after"); }
static void change_note (GlossAnnotation *a) { gloss_annotation_set_note (a, "note 0."); }
static void change_created (GlossAnnotation *a) { gloss_annotation_set_created (a, "2001-02-03T04:05:07Z"); }
static void change_modified (GlossAnnotation *a) { gloss_annotation_set_modified (a, "2003-04-05T06:07:08Z"); }
static void clear_modified (GlossAnnotation *a) { gloss_annotation_set_modified (a, NULL); }
static void change_status (GlossAnnotation *a) { gloss_annotation_set_status (a, GLOSS_ANCHOR_MOVED); }
static void change_attribute (GlossAnnotation *a) { gloss_annotation_set_attribute (a, "stance", g_variant_new_string ("against")); }
static void add_attribute (GlossAnnotation *a) { gloss_annotation_set_attribute (a, "certain", g_variant_new_boolean (TRUE)); }
static void remove_attributes (GlossAnnotation *a) { gloss_annotation_set_attribute (a, "stance", NULL); }

static void
set_extra_from (GlossAnnotation *a,
                const char      *json)
{
  g_autoptr(JsonObject) extra = json_object_from (json);

  gloss_annotation_set_extra (a, extra);
}

static void change_extra_value (GlossAnnotation *a) { set_extra_from (a, "{\"x-tool\": {\"score\": 2, \"tags\": [\"a\", \"b\"]}, \"x-n\": 2.5}"); }
static void change_extra_order (GlossAnnotation *a) { set_extra_from (a, "{\"x-n\": 2.5, \"x-tool\": {\"score\": 1, \"tags\": [\"a\", \"b\"]}}"); }
static void change_extra_nested_order (GlossAnnotation *a) { set_extra_from (a, "{\"x-tool\": {\"tags\": [\"a\", \"b\"], \"score\": 1}, \"x-n\": 2.5}"); }
static void change_extra_number_kind (GlossAnnotation *a) { set_extra_from (a, "{\"x-tool\": {\"score\": 1.0, \"tags\": [\"a\", \"b\"]}, \"x-n\": 2.5}"); }
static void change_extra_array (GlossAnnotation *a) { set_extra_from (a, "{\"x-tool\": {\"score\": 1, \"tags\": [\"b\", \"a\"]}, \"x-n\": 2.5}"); }
static void change_extra_null (GlossAnnotation *a) { set_extra_from (a, "{\"x-tool\": {\"score\": null, \"tags\": [\"a\", \"b\"]}, \"x-n\": 2.5}"); }
static void add_extra_member (GlossAnnotation *a) { set_extra_from (a, "{\"x-tool\": {\"score\": 1, \"tags\": [\"a\", \"b\"]}, \"x-n\": 2.5, \"x-more\": true}"); }
static void clear_extra (GlossAnnotation *a) { gloss_annotation_set_extra (a, NULL); }

/* Each thing a sidecar stores of an annotation, alone, makes it another. */
/* ------------------------------------------------------------------ */
/* Attributes                                                           */
/* ------------------------------------------------------------------ */

static const char attribute_labels_json[] =
  "{\"format\": \"gloss-labels\", \"version\": 1, \"labels\": ["
  " {\"id\": \"claim\", \"kind\": \"claim\", \"name\": \"Claim\"},"
  " {\"id\": \"quote\", \"kind\": \"quote\", \"name\": \"Quote\"},"
  " {\"id\": \"place\", \"kind\": \"entity\", \"name\": \"Place\"}],"
  " \"attributes\": ["
  "  {\"id\": \"checkworthy\", \"name\": \"Check-worthy\", \"type\": \"boolean\","
  "   \"applies_to\": [\"kind:claim\"], \"key\": \"w\", \"default\": false},"
  "  {\"id\": \"verdict\", \"name\": \"Verdict\", \"type\": \"choice\","
  "   \"applies_to\": [\"claim\"], \"key\": \"v\","
  "   \"values\": [{\"id\": \"true\", \"key\": \"t\"}, {\"id\": \"false\", \"key\": \"f\"}]},"
  "  {\"id\": \"wikidata\", \"name\": \"Wikidata item\", \"type\": \"text\","
  "   \"applies_to\": [\"claim\"], \"pattern\": \"Q[0-9]+\"},"
  "  {\"id\": \"form\", \"name\": \"Form\", \"type\": \"choice\", \"required\": true,"
  "   \"applies_to\": [\"quote\"], \"default\": \"direct\","
  "   \"values\": [{\"id\": \"direct\"}, {\"id\": \"indirect\"}]}]}";

static GlossAnnotationSet *
new_set_with_attributes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossLabelSet) labels = NULL;
  GlossAnnotationSet *set = new_set ();

  labels = gloss_label_set_new_from_data (attribute_labels_json, -1, "labels.json", &error);
  g_assert_no_error (error);
  gloss_annotation_set_set_labels (set, labels);
  return set;
}

/* The attributes of @annotation as text, "{}" for none. */
static char *
attributes_text (GlossAnnotation *annotation)
{
  GVariant *attributes = gloss_annotation_peek_attributes (annotation);

  return attributes != NULL ? g_variant_print (attributes, FALSE) : g_strdup ("{}");
}

static void
assert_attributes (GlossAnnotation *annotation,
                   const char      *expected)
{
  g_autofree char *text = attributes_text (annotation);

  g_assert_cmpstr (text, ==, expected);
}

/* A new span starts with the defaults of the attributes of its label,
 * and they come and go with it as one step. */
static void
test_create_attribute_defaults (void)
{
  g_autoptr(GlossAnnotationSet) set = new_set_with_attributes ();
  g_autoptr(GError) error = NULL;
  GlossAnnotation *claim, *quote, *place;

  claim = create_at (set, "claim", "the timeline");
  assert_attributes (claim, "{'checkworthy': <false>}");
  quote = create_at (set, "quote", "We are nearly there");
  assert_attributes (quote, "{'form': <'direct'>}");
  place = create_at (set, "place", "KYIV");
  assert_attributes (place, "{}");

  /* One step each: undoing the place, then the quote, leaves the claim
   * with its default. */
  g_assert_true (gloss_annotation_set_undo (set, &error));
  g_assert_true (gloss_annotation_set_undo (set, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_annotation_set_get_n_annotations (set), ==, 1);
  assert_attributes (claim, "{'checkworthy': <false>}");
  g_assert_true (gloss_annotation_set_redo (set, &error));
  g_assert_no_error (error);
  assert_attributes (quote, "{'form': <'direct'>}");
}

static void
test_change_attribute (void)
{
  g_autoptr(GlossAnnotationSet) set = new_set_with_attributes ();
  g_autoptr(GError) error = NULL;
  GlossAnnotation *claim, *quote;
  guint n_changed = 0;
  guint64 serial;

  claim = create_at (set, "claim", "the timeline");
  quote = create_at (set, "quote", "We are nearly there");
  /* A value this label set does not declare, as a sidecar may hold: it
   * must survive every edit and undo below. */
  gloss_annotation_set_attribute (claim, "legacy", g_variant_new_string ("kept"));
  g_signal_connect (set, "annotation-changed", G_CALLBACK (count_cb), &n_changed);

  serial = gloss_annotation_set_get_change_serial (set);
  g_assert_true (gloss_annotation_set_change_attribute (set, claim, "verdict",
                                                        g_variant_new_string ("true"), &error));
  g_assert_no_error (error);
  assert_attributes (claim, "{'checkworthy': <false>, 'legacy': <'kept'>, 'verdict': <'true'>}");
  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_cmpuint (gloss_annotation_set_get_change_serial (set), ==, serial + 1);

  /* The value it has: no edit. */
  g_assert_true (gloss_annotation_set_change_attribute (set, claim, "verdict",
                                                        g_variant_new_string ("true"), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_cmpuint (gloss_annotation_set_get_change_serial (set), ==, serial + 1);

  g_assert_true (gloss_annotation_set_change_attribute (set, claim, "checkworthy",
                                                        g_variant_new_boolean (TRUE), &error));
  g_assert_true (gloss_annotation_set_change_attribute (set, claim, "wikidata",
                                                        g_variant_new_string ("Q42"), &error));
  g_assert_no_error (error);
  assert_attributes (claim, "{'checkworthy': <true>, 'legacy': <'kept'>, 'verdict': <'true'>, 'wikidata': <'Q42'>}");

  /* Refusals leave no trace. */
  serial = gloss_annotation_set_get_change_serial (set);
  g_assert_false (gloss_annotation_set_change_attribute (set, claim, "verdict",
                                                         g_variant_new_string ("maybe"), &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "maybe"));
  g_clear_error (&error);
  g_assert_false (gloss_annotation_set_change_attribute (set, claim, "wikidata",
                                                         g_variant_new_string ("42"), &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (gloss_annotation_set_change_attribute (set, claim, "checkworthy",
                                                         g_variant_new_string ("yes"), &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (gloss_annotation_set_change_attribute (set, claim, "colour",
                                                         g_variant_new_string ("red"), &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "The label set declares no attribute “colour”");
  g_clear_error (&error);
  g_assert_false (gloss_annotation_set_change_attribute (set, quote, "verdict",
                                                         g_variant_new_string ("true"), &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "“Verdict” does not apply to spans labelled Quote");
  g_clear_error (&error);
  g_assert_cmpuint (gloss_annotation_set_get_change_serial (set), ==, serial);
  g_assert_cmpuint (n_changed, ==, 3);

  /* Unsetting, a required one too. */
  g_assert_true (gloss_annotation_set_change_attribute (set, quote, "form", NULL, &error));
  g_assert_no_error (error);
  assert_attributes (quote, "{}");
  g_assert_true (gloss_annotation_set_undo (set, &error));
  assert_attributes (quote, "{'form': <'direct'>}");

  /* Undo and redo, a step at a time, exactly. */
  g_assert_true (gloss_annotation_set_undo (set, &error));
  assert_attributes (claim, "{'checkworthy': <true>, 'legacy': <'kept'>, 'verdict': <'true'>}");
  g_assert_true (gloss_annotation_set_undo (set, &error));
  g_assert_true (gloss_annotation_set_undo (set, &error));
  g_assert_no_error (error);
  assert_attributes (claim, "{'checkworthy': <false>, 'legacy': <'kept'>}");
  g_assert_true (gloss_annotation_set_get_last_replayed (set) == claim);
  g_assert_true (gloss_annotation_set_redo (set, &error));
  g_assert_no_error (error);
  assert_attributes (claim, "{'checkworthy': <false>, 'legacy': <'kept'>, 'verdict': <'true'>}");

  /* Read-only refuses. */
  gloss_annotation_set_set_read_only (set, TRUE);
  g_assert_false (gloss_annotation_set_change_attribute (set, claim, "verdict",
                                                         g_variant_new_string ("false"), &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_READ_ONLY);
  g_clear_error (&error);
  assert_attributes (claim, "{'checkworthy': <false>, 'legacy': <'kept'>, 'verdict': <'true'>}");
}

/* A value kept though it no longer applies (the span was relabelled) or
 * no longer declared can be taken away on purpose, as one undo step; it
 * still cannot be set. */
static void
test_remove_attribute_not_applying (void)
{
  static const char labels_json[] =
    "{\"format\": \"gloss-labels\", \"version\": 1,"
    " \"labels\": [{\"id\": \"claim\", \"kind\": \"claim\"}, {\"id\": \"person\", \"kind\": \"entity\"}],"
    " \"attributes\": ["
    "  {\"id\": \"verdict\", \"type\": \"choice\", \"applies_to\": [\"claim\"],"
    "   \"values\": [{\"id\": \"true\"}, {\"id\": \"false\"}]}]}";
  g_autoptr(GlossAnnotationSet) set = new_set ();
  g_autoptr(GlossLabelSet) labels = NULL;
  g_autoptr(GError) error = NULL;
  GlossAnnotation *span;

  labels = gloss_label_set_new_from_data (labels_json, -1, "labels.json", &error);
  g_assert_no_error (error);
  gloss_annotation_set_set_labels (set, labels);
  span = create_at (set, "claim", "the timeline");
  g_assert_true (gloss_annotation_set_change_attribute (set, span, "verdict", g_variant_new_string ("false"), &error));
  g_assert_no_error (error);
  gloss_annotation_set_attribute (span, "retired", g_variant_new_boolean (TRUE));
  g_assert_true (gloss_annotation_set_change_label (set, span, "person", &error));
  g_assert_no_error (error);
  assert_attributes (span, "{'retired': <true>, 'verdict': <'false'>}");

  /* Setting is refused where it does not apply; taking away is not. */
  g_assert_false (gloss_annotation_set_change_attribute (set, span, "verdict", g_variant_new_string ("true"), &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (gloss_annotation_set_change_attribute (set, span, "verdict", NULL, &error));
  g_assert_no_error (error);
  assert_attributes (span, "{'retired': <true>}");
  g_assert_true (gloss_annotation_set_change_attribute (set, span, "retired", NULL, &error));
  g_assert_no_error (error);
  assert_attributes (span, "{}");

  /* Nothing to take away: no edit. Undo brings each back. */
  g_assert_true (gloss_annotation_set_change_attribute (set, span, "retired", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_annotation_set_undo (set, NULL));
  assert_attributes (span, "{'retired': <true>}");
  g_assert_true (gloss_annotation_set_undo (set, NULL));
  assert_attributes (span, "{'retired': <true>, 'verdict': <'false'>}");
}

/* Several values, one of which the label set no longer lists (a sidecar
 * may hold it; the reader keeps it): adding or taking away another keeps
 * it where it is, it can be taken away on purpose, and it cannot be added
 * anew, nor held twice. */
static void
test_change_attribute_kept_value (void)
{
  static const char labels_json[] =
    "{\"format\": \"gloss-labels\", \"version\": 1,"
    " \"labels\": [{\"id\": \"claim\", \"kind\": \"claim\", \"name\": \"Claim\"}],"
    " \"attributes\": ["
    "  {\"id\": \"sources\", \"name\": \"Sources\", \"type\": \"choice\", \"multiple\": true,"
    "   \"required\": true, \"applies_to\": [\"claim\"],"
    "   \"values\": [{\"id\": \"official\"}, {\"id\": \"expert\"}]}]}";
  static const char * const held[] = { "official", "retired", NULL };
  static const char * const added[] = { "official", "retired", "expert", NULL };
  static const char * const without_official[] = { "retired", "expert", NULL };
  static const char * const only_retired[] = { "retired", NULL };
  static const char * const twice[] = { "retired", "retired", NULL };
  static const char * const anew[] = { "expert", "other", NULL };
  g_autoptr(GlossAnnotationSet) set = new_set ();
  g_autoptr(GlossLabelSet) labels = NULL;
  g_autoptr(GError) error = NULL;
  GlossAnnotation *claim;

  labels = gloss_label_set_new_from_data (labels_json, -1, "labels.json", &error);
  g_assert_no_error (error);
  gloss_annotation_set_set_labels (set, labels);
  claim = create_at (set, "claim", "the timeline");
  gloss_annotation_set_attribute (claim, "sources", g_variant_new_strv (held, -1));

  g_assert_true (gloss_annotation_set_change_attribute (set, claim, "sources",
                                                        g_variant_new_strv (added, -1), &error));
  g_assert_no_error (error);
  assert_attributes (claim, "{'sources': <['official', 'retired', 'expert']>}");
  g_assert_true (gloss_annotation_set_change_attribute (set, claim, "sources",
                                                        g_variant_new_strv (without_official, -1), &error));
  g_assert_no_error (error);
  assert_attributes (claim, "{'sources': <['retired', 'expert']>}");
  /* Left alone, as the only value: a required attribute is set. */
  g_assert_true (gloss_annotation_set_change_attribute (set, claim, "sources",
                                                        g_variant_new_strv (only_retired, -1), &error));
  g_assert_no_error (error);
  assert_attributes (claim, "{'sources': <['retired']>}");

  g_assert_false (gloss_annotation_set_change_attribute (set, claim, "sources",
                                                         g_variant_new_strv (twice, -1), &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (gloss_annotation_set_change_attribute (set, claim, "sources",
                                                         g_variant_new_strv (anew, -1), &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "other"));
  g_clear_error (&error);
  assert_attributes (claim, "{'sources': <['retired']>}");

  /* Taken away on purpose: unset; once gone, it is not allowed back. */
  g_assert_true (gloss_annotation_set_change_attribute (set, claim, "sources", NULL, &error));
  g_assert_no_error (error);
  assert_attributes (claim, "{}");
  g_assert_false (gloss_annotation_set_change_attribute (set, claim, "sources",
                                                         g_variant_new_strv (only_retired, -1), &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_clear_error (&error);

  /* Undo gives each step back exactly. */
  g_assert_true (gloss_annotation_set_undo (set, &error));
  assert_attributes (claim, "{'sources': <['retired']>}");
  g_assert_true (gloss_annotation_set_undo (set, &error));
  g_assert_true (gloss_annotation_set_undo (set, &error));
  g_assert_true (gloss_annotation_set_undo (set, &error));
  g_assert_no_error (error);
  assert_attributes (claim, "{'sources': <['official', 'retired']>}");
}

/* Edits of other fields carry the attributes along: a label under which
 * an attribute no longer applies keeps its value (undeclared values are
 * kept, never dropped), undo of a note or a delete brings back exactly
 * the values of the time. */
static void
test_attributes_through_other_edits (void)
{
  g_autoptr(GlossAnnotationSet) set = new_set_with_attributes ();
  g_autoptr(GError) error = NULL;
  GlossAnnotation *claim;

  claim = create_at (set, "claim", "the timeline");
  g_assert_true (gloss_annotation_set_change_attribute (set, claim, "verdict",
                                                        g_variant_new_string ("false"), &error));
  g_assert_no_error (error);

  g_assert_true (gloss_annotation_set_change_label (set, claim, "place", &error));
  g_assert_no_error (error);
  assert_attributes (claim, "{'checkworthy': <false>, 'verdict': <'false'>}");
  g_assert_true (gloss_annotation_set_undo (set, &error));
  assert_attributes (claim, "{'checkworthy': <false>, 'verdict': <'false'>}");
  g_assert_cmpstr (gloss_annotation_get_label (claim), ==, "claim");

  g_assert_true (gloss_annotation_set_change_note (set, claim, "check the minutes", &error));
  g_assert_true (gloss_annotation_set_change_attribute (set, claim, "verdict",
                                                        g_variant_new_string ("true"), &error));
  g_assert_true (gloss_annotation_set_undo (set, &error));
  g_assert_no_error (error);
  assert_attributes (claim, "{'checkworthy': <false>, 'verdict': <'false'>}");
  g_assert_cmpstr (gloss_annotation_get_note (claim), ==, "check the minutes");
  g_assert_true (gloss_annotation_set_undo (set, &error));
  assert_attributes (claim, "{'checkworthy': <false>, 'verdict': <'false'>}");
  g_assert_cmpstr (gloss_annotation_get_note (claim), ==, "");

  /* Set on the annotation itself after an edit (the review window does
   * so for a new gold span): undoing and redoing the edit leaves them. */
  g_assert_true (gloss_annotation_set_change_note (set, claim, "see the audit", &error));
  gloss_annotation_set_attribute (claim, "wikidata", g_variant_new_string ("Q1"));
  g_assert_true (gloss_annotation_set_undo (set, &error));
  g_assert_true (gloss_annotation_set_redo (set, &error));
  g_assert_no_error (error);
  assert_attributes (claim, "{'checkworthy': <false>, 'verdict': <'false'>, 'wikidata': <'Q1'>}");
  g_assert_cmpstr (gloss_annotation_get_note (claim), ==, "see the audit");

  g_object_ref (claim);
  g_assert_true (gloss_annotation_set_remove (set, claim, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_annotation_set_get_n_annotations (set), ==, 0);
  g_assert_true (gloss_annotation_set_undo (set, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_annotation_set_lookup (set, gloss_annotation_get_id (claim)) == claim);
  assert_attributes (claim, "{'checkworthy': <false>, 'verdict': <'false'>, 'wikidata': <'Q1'>}");
  g_object_unref (claim);
}

static void
test_equal (void)
{
  g_autoptr(GlossAnnotation) base = reload_annotation (0, FALSE);
  g_autoptr(GlossAnnotation) other_id = NULL;
  g_autoptr(GlossAnnotation) bare = gloss_annotation_new ("a-0000", "quote", 10, 15);
  g_autoptr(GlossAnnotation) bare_copy = gloss_annotation_new ("a-0000", "quote", 10, 15);
  g_autoptr(JsonObject) empty = json_object_new ();
  void (*changes[]) (GlossAnnotation *) = {
    change_label, change_start, change_end, change_exact, change_prefix,
    change_suffix, change_note, change_created, change_modified, clear_modified,
    change_status, change_attribute, add_attribute, remove_attributes,
    change_extra_value, change_extra_order, change_extra_nested_order,
    change_extra_number_kind, change_extra_array, change_extra_null, add_extra_member,
    clear_extra,
  };

  /* The base has every field, an attribute and unknown keys. */
  gloss_annotation_set_modified (base, OLD_TIME);
  g_assert_nonnull (gloss_annotation_peek_attributes (base));
  g_assert_nonnull (gloss_annotation_get_extra (base));
  g_assert_true (gloss_annotation_equal (base, base));

  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    assert_unequal_after (base, changes[i]);
  other_id = copy_with_id (base, "a-0001");
  g_assert_false (gloss_annotation_equal (base, other_id));

  /* As a loader makes them (the strings in one block, compared in one
   * go): a string of the same length, and strings moved between two
   * fields that may be NULL, count too. */
  {
    g_autoptr(GlossAnnotation) made = gloss_annotation_new_full ("a-0000", "quote", 10, 15, "exact", "before",
                                                                 "after", "note 0", NULL, OLD_TIME);
    g_autoptr(GlossAnnotation) same = gloss_annotation_new_full ("a-0000", "quote", 10, 15, "exact", "before",
                                                                 "after", "note 0", NULL, OLD_TIME);
    g_autoptr(GlossAnnotation) other_note = gloss_annotation_new_full ("a-0000", "quote", 10, 15, "exact", "before",
                                                                       "after", "note 1", NULL, OLD_TIME);
    g_autoptr(GlossAnnotation) swapped = gloss_annotation_new_full ("a-0000", "quote", 10, 15, "exact", "before",
                                                                    "after", "note 0", OLD_TIME, NULL);
    g_autoptr(GlossAnnotation) moved = gloss_annotation_new_full ("a-0000", "quote", 10, 15, "exact", "befor",
                                                                  "eafter", "note 0", NULL, OLD_TIME);

    g_assert_true (gloss_annotation_equal (made, same));
    g_assert_false (gloss_annotation_equal (made, other_note));
    g_assert_false (gloss_annotation_equal (made, swapped));
    g_assert_false (gloss_annotation_equal (made, moved));
    /* Set apart from the block, then back: equal again. */
    gloss_annotation_set_note (same, "note 2");
    g_assert_false (gloss_annotation_equal (made, same));
    gloss_annotation_set_note (same, "note 0");
    g_assert_true (gloss_annotation_equal (made, same));
    g_assert_true (gloss_annotation_equal (same, made));
  }

  /* No unknown keys, however kept, is one thing: nothing is written. */
  g_assert_true (gloss_annotation_equal (bare, bare_copy));
  gloss_annotation_set_extra (bare_copy, empty);
  g_assert_true (gloss_annotation_equal (bare, bare_copy));
  g_assert_true (gloss_json_object_equal (NULL, empty));

  /* 0.0 and -0.0 are written differently: not equal. */
  {
    g_autoptr(GlossAnnotation) plus = gloss_annotation_new ("a-0000", "quote", 10, 15);
    g_autoptr(GlossAnnotation) minus = gloss_annotation_new ("a-0000", "quote", 10, 15);

    set_extra_from (plus, "{\"x-n\": 0.0}");
    set_extra_from (minus, "{\"x-n\": -0.0}");
    g_assert_false (gloss_annotation_equal (plus, minus));
    set_extra_from (minus, "{\"x-n\": 0.0}");
    g_assert_true (gloss_annotation_equal (plus, minus));
  }
}

/* Reloads @set with what @edit makes of a fresh copy of the contents
 * (N_RELOADED placed, two orphans, two relations): the placed and
 * orphaned annotations @set had before, in order, are returned in @old
 * and @old_orphans, and the changes it told of in @changes. */
typedef struct
{
  GlossDocument      *document;
  GlossAnnotationSet *set;
  GPtrArray          *old;           /* placed, before the reload */
  GPtrArray          *old_orphans;
  GPtrArray          *old_relations;
  GArray             *changes;
  GArray             *orphan_changes;
  guint               n_relations_changed;
  guint               n_count_notifies;
} Reload;

static GPtrArray *
model_items (GListModel *model)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (items, g_list_model_get_item (model, i));
  return items;
}

static void
reload_init (Reload *reload)
{
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(GError) error = NULL;

  memset (reload, 0, sizeof *reload);
  reload->document = new_article ();
  reload_contents (N_RELOADED, &annotations, &relations);
  reload->set = reload_set (reload->document, annotations, relations);

  /* Something to redo, which a reload forgets; the undo put every value
   * back as on disk, the modified time too. */
  g_assert_true (gloss_annotation_set_change_label (reload->set, nth (reload->set, 1), "quote", &error));
  g_assert_true (gloss_annotation_set_undo (reload->set, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_annotation_set_can_redo (reload->set));

  reload->old = model_items (G_LIST_MODEL (reload->set));
  reload->old_orphans = model_items (gloss_annotation_set_get_orphans (reload->set));
  reload->old_relations = model_items (gloss_annotation_set_get_relations (reload->set));
  reload->changes = watch_items (reload->set);
  reload->orphan_changes = watch_items (gloss_annotation_set_get_orphans (reload->set));
  g_signal_connect (reload->set, "relations-changed", G_CALLBACK (count_no_arg_cb),
                    &reload->n_relations_changed);
  g_signal_connect (reload->set, "notify::n-annotations", G_CALLBACK (count_cb),
                    &reload->n_count_notifies);
}

/* @annotations and @relations as a fresh set, taken by reload's. */
static void
reload_take (Reload    *reload,
             GPtrArray *annotations,
             GPtrArray *relations)
{
  g_autoptr(GlossAnnotationSet) loaded = reload_set (reload->document, annotations, relations);

  gloss_annotation_set_take_contents (reload->set, loaded);
  g_assert_false (gloss_annotation_set_can_undo (reload->set));
  g_assert_false (gloss_annotation_set_can_redo (reload->set));
  assert_consistent (reload->set);

  /* The other set, dropped in another thread after a reload, holds none
   * of what is shown, and what is no longer shown is found there. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (reload->set)); i++)
    {
      GlossAnnotation *shown = nth (reload->set, i);

      g_assert_false (gloss_annotation_set_lookup (loaded, gloss_annotation_get_id (shown)) == shown);
    }
  for (guint i = 0; i < g_list_model_get_n_items (gloss_annotation_set_get_orphans (reload->set)); i++)
    {
      g_autoptr(GlossAnnotation) shown = g_list_model_get_item (gloss_annotation_set_get_orphans (reload->set), i);

      g_assert_false (gloss_annotation_set_lookup (loaded, gloss_annotation_get_id (shown)) == shown);
    }
  for (guint a = 0; a < 2; a++)
    {
      GPtrArray *old = a == 0 ? reload->old : reload->old_orphans;

      for (guint i = 0; i < old->len; i++)
        {
          GlossAnnotation *annotation = old->pdata[i];
          const char *id = gloss_annotation_get_id (annotation);

          if (gloss_annotation_set_lookup (reload->set, id) == annotation)
            g_assert_false (gloss_annotation_set_lookup (loaded, id) == annotation);
          else
            g_assert_true (gloss_annotation_set_lookup (loaded, id) == annotation);
        }
    }
}

static void
reload_clear (Reload *reload)
{
  unwatch_items (reload->set, reload->changes);
  unwatch_items (gloss_annotation_set_get_orphans (reload->set), reload->orphan_changes);
  g_signal_handlers_disconnect_by_data (reload->set, &reload->n_relations_changed);
  g_signal_handlers_disconnect_by_data (reload->set, &reload->n_count_notifies);
  g_clear_pointer (&reload->old, g_ptr_array_unref);
  g_clear_pointer (&reload->old_orphans, g_ptr_array_unref);
  g_clear_pointer (&reload->old_relations, g_ptr_array_unref);
  g_clear_object (&reload->set);
  g_clear_object (&reload->document);
}

/* Position @position of the set is the old object at @old_position. */
static void
assert_kept (Reload *reload,
             guint   position,
             guint   old_position)
{
  GlossAnnotation *old = reload->old->pdata[old_position];

  g_assert_true (nth (reload->set, position) == old);
  g_assert_true (gloss_annotation_set_lookup (reload->set, gloss_annotation_get_id (old)) == old);
}

static void
assert_orphans_kept (Reload *reload)
{
  GListModel *orphans = gloss_annotation_set_get_orphans (reload->set);

  g_assert_cmpuint (g_list_model_get_n_items (orphans), ==, reload->old_orphans->len);
  for (guint i = 0; i < reload->old_orphans->len; i++)
    {
      g_autoptr(GlossAnnotation) orphan = g_list_model_get_item (orphans, i);

      g_assert_true (orphan == reload->old_orphans->pdata[i]);
    }
  g_assert_cmpuint (reload->orphan_changes->len, ==, 0);
}

static void
assert_relations_kept (Reload *reload)
{
  g_autoptr(GPtrArray) relations = model_items (gloss_annotation_set_get_relations (reload->set));
  g_autoptr(GPtrArray) speakers = gloss_annotation_set_relations_of (reload->set, "a-0001");

  g_assert_cmpuint (relations->len, ==, reload->old_relations->len);
  for (guint i = 0; i < relations->len; i++)
    g_assert_true (relations->pdata[i] == reload->old_relations->pdata[i]);
  g_assert_cmpuint (reload->n_relations_changed, ==, 0);
  g_assert_cmpuint (speakers->len, ==, 1);
  g_assert_true (speakers->pdata[0] == reload->old_relations->pdata[0]);
}

/* Nothing changed on disk: every object stays, nobody is told. */
static void
test_take_contents_unchanged (void)
{
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  Reload reload;

  reload_init (&reload);
  reload_contents (N_RELOADED, &annotations, &relations);
  reload_take (&reload, annotations, relations);

  g_assert_cmpuint (reload.changes->len, ==, 0);
  g_assert_cmpuint (reload.n_count_notifies, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reload.set)), ==, N_RELOADED);
  for (guint i = 0; i < N_RELOADED; i++)
    assert_kept (&reload, i, i);
  assert_orphans_kept (&reload);
  assert_relations_kept (&reload);
  /* None of the loaded objects came in. */
  for (guint i = 0; i < annotations->len; i++)
    g_assert_false (gloss_annotation_set_lookup (reload.set, gloss_annotation_get_id (annotations->pdata[i]))
                    == annotations->pdata[i]);

  reload_clear (&reload);
}

/* One annotation in the middle differs in one thing: that one is new,
 * the rest stay, and the change is one item at its place. */
static void
reload_one_changed (void (*change) (GlossAnnotation *annotation))
{
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  GlossAnnotation *changed;
  Reload reload;

  reload_init (&reload);
  reload_contents (N_RELOADED, &annotations, &relations);
  /* a-0010 has attributes and unknown keys. */
  changed = annotations->pdata[10];
  change (changed);
  reload_take (&reload, annotations, relations);

  g_assert_cmpuint (reload.changes->len, ==, 1);
  assert_change (reload.changes, 0, 10, 1, 1);
  g_assert_cmpuint (reload.n_count_notifies, ==, 0);
  for (guint i = 0; i < N_RELOADED; i++)
    if (i != 10)
      assert_kept (&reload, i, i);
  g_assert_true (nth (reload.set, 10) == changed);
  g_assert_true (gloss_annotation_set_lookup (reload.set, "a-0010") == changed);
  g_assert_true (gloss_annotation_equal (nth (reload.set, 10), changed));
  assert_orphans_kept (&reload);
  assert_relations_kept (&reload);

  reload_clear (&reload);
}

static void
test_take_contents_one_changed (void)
{
  reload_one_changed (change_note);
  /* What the list does not show counts as much. */
  reload_one_changed (change_attribute);
  reload_one_changed (remove_attributes);
  reload_one_changed (change_extra_value);
  reload_one_changed (change_extra_order);
  reload_one_changed (clear_extra);
  reload_one_changed (change_modified);
  reload_one_changed (change_exact);
}

/* An annotation added or gone at either end. */
static void
test_take_contents_ends (void)
{
  for (guint c = 0; c < 4; c++)
    {
      g_autoptr(GPtrArray) annotations = NULL;
      g_autoptr(GPtrArray) relations = NULL;
      gboolean at_start = c < 2;
      gboolean insert = c % 2 == 0;
      guint n_new = insert ? N_RELOADED + 1 : N_RELOADED - 1;
      Reload reload;

      reload_init (&reload);
      reload_contents (N_RELOADED, &annotations, &relations);
      if (insert)
        g_ptr_array_add (annotations, gloss_annotation_new (at_start ? "a-first" : "a-last", "quote",
                                                            at_start ? 0 : 200, at_start ? 4 : 210));
      else
        g_ptr_array_remove_index (annotations, at_start ? 0 : N_RELOADED - 1);
      reload_take (&reload, annotations, relations);

      g_assert_cmpuint (reload.changes->len, ==, 1);
      g_assert_cmpuint (reload.n_count_notifies, ==, 1);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reload.set)), ==, n_new);
      if (at_start && insert)
        {
          assert_change (reload.changes, 0, 0, 0, 1);
          g_assert_cmpstr (gloss_annotation_get_id (nth (reload.set, 0)), ==, "a-first");
          for (guint i = 0; i < N_RELOADED; i++)
            assert_kept (&reload, i + 1, i);
        }
      else if (at_start)
        {
          assert_change (reload.changes, 0, 0, 1, 0);
          g_assert_null (gloss_annotation_set_lookup (reload.set, "a-0000"));
          for (guint i = 1; i < N_RELOADED; i++)
            assert_kept (&reload, i - 1, i);
        }
      else if (insert)
        {
          assert_change (reload.changes, 0, N_RELOADED, 0, 1);
          g_assert_cmpstr (gloss_annotation_get_id (nth (reload.set, N_RELOADED)), ==, "a-last");
          for (guint i = 0; i < N_RELOADED; i++)
            assert_kept (&reload, i, i);
        }
      else
        {
          assert_change (reload.changes, 0, N_RELOADED - 1, 1, 0);
          g_assert_null (gloss_annotation_set_lookup (reload.set, "a-0019"));
          for (guint i = 0; i < N_RELOADED - 1; i++)
            assert_kept (&reload, i, i);
        }
      assert_orphans_kept (&reload);

      reload_clear (&reload);
    }
}

/* Most annotations changed: the new objects, but the few equal ones at
 * the ends are still kept, and found by id. */
static void
test_take_contents_most_changed (void)
{
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  Reload reload;

  reload_init (&reload);
  reload_contents (N_RELOADED, &annotations, &relations);
  for (guint i = 2; i < N_RELOADED - 1; i++)
    change_note (annotations->pdata[i]);
  reload_take (&reload, annotations, relations);

  g_assert_cmpuint (reload.changes->len, ==, 1);
  assert_change (reload.changes, 0, 2, N_RELOADED - 3, N_RELOADED - 3);
  assert_kept (&reload, 0, 0);
  assert_kept (&reload, 1, 1);
  assert_kept (&reload, N_RELOADED - 1, N_RELOADED - 1);
  for (guint i = 2; i < N_RELOADED - 1; i++)
    {
      g_assert_true (nth (reload.set, i) == annotations->pdata[i]);
      g_assert_true (gloss_annotation_set_lookup (reload.set, gloss_annotation_get_id (annotations->pdata[i]))
                     == annotations->pdata[i]);
    }
  assert_orphans_kept (&reload);
  reload_clear (&reload);
}

/* The orphans and relations are compared too: an orphan that changed is
 * replaced alone; a placed annotation that lost its place moves to them;
 * relations that changed are all replaced. */
static void
test_take_contents_orphans_and_relations (void)
{
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  GListModel *orphans;
  GlossAnnotation *orphaned, *new_orphan;
  Reload reload;

  reload_init (&reload);
  orphans = gloss_annotation_set_get_orphans (reload.set);
  reload_contents (N_RELOADED, &annotations, &relations);
  new_orphan = annotations->pdata[N_RELOADED + 1];
  change_note (new_orphan);
  orphaned = annotations->pdata[5];
  gloss_annotation_set_status (orphaned, GLOSS_ANCHOR_ORPHANED);
  /* Orphans keep the file's order: a-0005 now comes after a-1001. */
  g_ptr_array_steal_index (annotations, 5);
  g_ptr_array_add (annotations, orphaned);
  g_ptr_array_add (relations, gloss_relation_new ("r-3", "speaker", "a-0006", "a-0007"));
  reload_take (&reload, annotations, relations);

  g_assert_cmpuint (reload.changes->len, ==, 1);
  assert_change (reload.changes, 0, 5, 1, 0);
  g_assert_cmpuint (reload.n_count_notifies, ==, 0);
  g_assert_cmpuint (reload.orphan_changes->len, ==, 1);
  assert_change (reload.orphan_changes, 0, 1, 1, 2);
  {
    g_autoptr(GlossAnnotation) first = g_list_model_get_item (orphans, 0);
    g_autoptr(GlossAnnotation) second = g_list_model_get_item (orphans, 1);
    g_autoptr(GlossAnnotation) third = g_list_model_get_item (orphans, 2);

    g_assert_true (first == reload.old_orphans->pdata[0]);
    g_assert_true (second == new_orphan);
    g_assert_true (third == orphaned);
  }
  g_assert_true (gloss_annotation_set_lookup (reload.set, "a-0005") == orphaned);
  g_assert_cmpuint (reload.n_relations_changed, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (gloss_annotation_set_get_relations (reload.set)), ==, 3);
  {
    g_autoptr(GPtrArray) speakers = gloss_annotation_set_relations_of (reload.set, "a-0006");

    g_assert_cmpuint (speakers->len, ==, 1);
  }
  reload_clear (&reload);

  /* A relation's unknown keys alone make it another. */
  reload_init (&reload);
  {
    g_autoptr(GPtrArray) more_annotations = NULL;
    g_autoptr(GPtrArray) more_relations = NULL;
    g_autoptr(JsonObject) extra = json_object_from ("{\"x-weight\": 1}");

    reload_contents (N_RELOADED, &more_annotations, &more_relations);
    gloss_relation_set_extra (more_relations->pdata[1], extra);
    reload_take (&reload, more_annotations, more_relations);
  }
  g_assert_cmpuint (reload.changes->len, ==, 0);
  g_assert_cmpuint (reload.n_relations_changed, ==, 1);
  reload_clear (&reload);
}

/* What the set said it was doing at each "n-annotations": replaying
 * (undo, redo) or loading, as a follower sees it from inside the change. */
typedef struct
{
  GString *seen;
} Doing;

static void
on_n_annotations_doing (GlossAnnotationSet *set,
                        GParamSpec         *pspec,
                        Doing              *doing)
{
  g_string_append_c (doing->seen, gloss_annotation_set_is_replaying (set) ? 'R'
                                  : gloss_annotation_set_is_loading (set) ? 'L' : 'E');
}

/* peek_span: the annotations at exactly a span, in label order, none of
 * those that only overlap or share one end. */
static void
test_peek_span (void)
{
  g_autoptr(GlossAnnotationSet) set = new_set ();
  g_autoptr(GError) error = NULL;
  GlossAnnotation * const *found;
  guint n = 99;

  g_assert_nonnull (gloss_annotation_set_create (set, "person", 0, 4, &error));
  g_assert_nonnull (gloss_annotation_set_create (set, "location", 0, 4, &error));
  g_assert_nonnull (gloss_annotation_set_create (set, "claim", 0, 9, &error));
  g_assert_nonnull (gloss_annotation_set_create (set, "quote", 2, 4, &error));
  g_assert_no_error (error);

  found = gloss_annotation_set_peek_span (set, 0, 4, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpstr (gloss_annotation_get_label (found[0]), ==, "location");
  g_assert_cmpstr (gloss_annotation_get_label (found[1]), ==, "person");

  found = gloss_annotation_set_peek_span (set, 0, 9, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpstr (gloss_annotation_get_label (found[0]), ==, "claim");

  g_assert_null (gloss_annotation_set_peek_span (set, 0, 3, &n));
  g_assert_cmpuint (n, ==, 0);
  g_assert_null (gloss_annotation_set_peek_span (set, 1, 4, &n));
  g_assert_null (gloss_annotation_set_peek_span (set, 5, 9, &n));
  g_assert_cmpuint (n, ==, 0);
}

static void
test_is_replaying (void)
{
  g_autoptr(GlossAnnotationSet) set = new_set ();
  g_autoptr(GlossAnnotationSet) other = gloss_annotation_set_new (gloss_annotation_set_get_document (set));
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) seen = g_string_new (NULL);
  Doing doing = { seen };
  GlossAnnotation *annotation;

  g_signal_connect (set, "notify::n-annotations", G_CALLBACK (on_n_annotations_doing), &doing);

  annotation = gloss_annotation_set_create (set, "person", 0, 4, &error);
  g_assert_no_error (error);
  g_assert_true (gloss_annotation_set_undo (set, &error));
  g_assert_true (gloss_annotation_set_redo (set, &error));
  g_assert_true (gloss_annotation_set_remove (set, annotation, &error));
  gloss_annotation_set_load (set, NULL, NULL);
  g_assert_nonnull (gloss_annotation_set_create (other, "person", 0, 4, &error));
  gloss_annotation_set_take_contents (set, other);
  g_assert_cmpstr (seen->str, ==, "ERREL");
  g_assert_false (gloss_annotation_set_is_replaying (set));
  g_assert_false (gloss_annotation_set_is_loading (set));

  /* Nothing to undo: no change, and not replaying after. */
  gloss_annotation_set_load (set, NULL, NULL);
  g_assert_cmpstr (seen->str, ==, "ERRELL");
  g_assert_false (gloss_annotation_set_undo (set, &error));
  g_assert_no_error (error);
  g_assert_false (gloss_annotation_set_is_replaying (set));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/annotation/ids", test_ids);
  g_test_add_func ("/annotation/compare", test_compare);
  g_test_add_func ("/annotation/values-block", test_values_block);
  g_test_add_func ("/annotation-set/load-unsorted-and-duplicates", test_load_unsorted_and_duplicates);
  g_test_add_func ("/annotation/notify", test_notify_only_on_change);
  g_test_add_func ("/annotation-set/create-order", test_create_order);
  g_test_add_func ("/annotation-set/context", test_context_non_ascii);
  g_test_add_func ("/annotation-set/range-errors", test_range_errors);
  g_test_add_func ("/annotation-set/change-label", test_change_label);
  g_test_add_func ("/annotation-set/change-bounds", test_change_bounds);
  g_test_add_func ("/annotation-set/change-note", test_change_note);
  g_test_add_func ("/annotation-set/relations", test_relations);
  g_test_add_func ("/annotation-set/relation-rules", test_relation_rules);
  g_test_add_func ("/annotation-set/relation-rules/label-set", test_relation_rules_label_set);
  g_test_add_func ("/annotation-set/relation-rules/sidecar", test_relation_rules_sidecar);
  g_test_add_func ("/annotation-set/speaker", test_speaker);
  g_test_add_func ("/annotation-set/relation-index", test_relation_index);
  g_test_add_func ("/annotation-set/model-find", test_model_find);
  g_test_add_func ("/annotation-set/shift-bound", test_shift_bound);
  g_test_add_func ("/annotation-set/shift-bound/orphan", test_shift_bound_orphan);
  g_test_add_func ("/annotation-set/not-found", test_not_found);
  g_test_add_func ("/annotation-set/read-only", test_read_only);
  g_test_add_func ("/annotation-set/read-only-history", test_read_only_history);
  g_test_add_func ("/annotation-set/remove-with-relations", test_remove_with_relations);
  g_test_add_func ("/annotation-set/neighbour-for-deletion", test_neighbour_for_deletion);
  g_test_add_func ("/annotation-set/last-replayed", test_last_replayed);
  g_test_add_func ("/annotation-set/load", test_load);
  g_test_add_func ("/annotation-set/orphans", test_orphans);
  g_test_add_func ("/annotation-set/groups", test_groups);
  g_test_add_func ("/annotation-set/redo-cleared", test_redo_cleared);
  g_test_add_func ("/annotation-set/change-serial", test_change_serial);
  g_test_add_func ("/annotation-set/large-queries", test_large_queries);
  g_test_add_func ("/annotation-set/attributes/create-defaults", test_create_attribute_defaults);
  g_test_add_func ("/annotation-set/attributes/change", test_change_attribute);
  g_test_add_func ("/annotation-set/attributes/change-kept-value", test_change_attribute_kept_value);
  g_test_add_func ("/annotation-set/attributes/remove-not-applying", test_remove_attribute_not_applying);
  g_test_add_func ("/annotation-set/attributes/other-edits", test_attributes_through_other_edits);
  g_test_add_func ("/annotation/equal", test_equal);
  g_test_add_func ("/annotation-set/take-contents/unchanged", test_take_contents_unchanged);
  g_test_add_func ("/annotation-set/take-contents/one-changed", test_take_contents_one_changed);
  g_test_add_func ("/annotation-set/take-contents/ends", test_take_contents_ends);
  g_test_add_func ("/annotation-set/take-contents/most-changed", test_take_contents_most_changed);
  g_test_add_func ("/annotation-set/take-contents/orphans-and-relations", test_take_contents_orphans_and_relations);
  g_test_add_func ("/annotation-set/is-replaying", test_is_replaying);
  g_test_add_func ("/annotation-set/peek-span", test_peek_span);

  return g_test_run ();
}
