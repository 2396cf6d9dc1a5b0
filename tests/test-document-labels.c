/* test-document-labels.c — the fields of a whole article, set through a
 * session: checked against the label set, saved by autosave, refused while
 * read-only, and (like the done mark) without an undo step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>

#include "gloss.h"
#include "gloss-adjudication.h"
#include "gloss-session.h"
#include "gloss-test-utils.h"

#define TIMEOUT_MS 5000
#define wait_for(expr) gloss_test_wait_for_ms (expr, TIMEOUT_MS)

static const char labels_json[] =
  "{ \"format\": \"gloss-labels\", \"version\": 1,\n"
  "  \"labels\": [ { \"id\": \"claim\", \"kind\": \"claim\", \"key\": \"c\" } ],\n"
  "  \"document_labels\": [\n"
  "    { \"id\": \"topic\", \"name\": \"Topic\", \"type\": \"choice\", \"multiple\": true, \"key\": \"t\",\n"
  "      \"values\": [ { \"id\": \"politics\" }, { \"id\": \"economy\" }, { \"id\": \"health\" } ] },\n"
  "    { \"id\": \"stance\", \"type\": \"choice\", \"key\": \"s\", \"required\": true,\n"
  "      \"values\": [ { \"id\": \"for\" }, { \"id\": \"against\" } ] },\n"
  "    { \"id\": \"opinion\", \"type\": \"boolean\", \"key\": \"o\" },\n"
  "    { \"id\": \"source\", \"type\": \"text\", \"pattern\": \"Q[0-9]+\" },\n"
  "    { \"id\": \"score\", \"type\": \"number\", \"min\": 0, \"max\": 10 }\n"
  "  ] }\n";

typedef struct
{
  char         *dir;
  GFile        *article;
  GFile        *sidecar_file;
  GlossSession *session;
} Fixture;

static void
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *article_path = NULL;
  g_autofree char *sidecar_path = NULL;

  f->dir = g_dir_make_tmp ("gloss-document-labels-XXXXXX", &error);
  g_assert_no_error (error);
  write_file (f->dir, "gloss-labels.json", labels_json);
  write_file (f->dir, "talks.txt", "Harbour talks stall again.\n");
  article_path = g_build_filename (f->dir, "talks.txt", NULL);
  sidecar_path = g_build_filename (f->dir, "talks.txt.alice.gloss.json", NULL);
  f->article = g_file_new_for_path (article_path);
  f->sidecar_file = g_file_new_for_path (sidecar_path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->session != NULL)
    {
      /* No writes of the session may outlive the test. */
      g_object_add_weak_pointer (G_OBJECT (f->session), (gpointer *) &f->session);
      g_object_unref (f->session);
      wait_for (f->session == NULL);
    }
  gloss_test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
  g_clear_object (&f->article);
  g_clear_object (&f->sidecar_file);
}

static void
open_session (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->session = gloss_session_new (f->article, "alice", NULL, &error);
  g_assert_no_error (error);
  gloss_session_set_autosave_delay (f->session, 20);
}

static GlossSaveState
state (Fixture *f)
{
  return gloss_session_get_save_state (f->session);
}

/* What a fresh reader of the file on disk finds in field @id. */
static GVariant *
read_back (Fixture    *f,
           const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossDocument) document = gloss_document_new_from_file (f->article, NULL, &error);
  g_autoptr(GlossSidecar) sidecar = NULL;

  g_assert_no_error (error);
  sidecar = gloss_sidecar_new (f->sidecar_file, document);
  g_assert_true (gloss_sidecar_load (sidecar, NULL, NULL, &error));
  g_assert_no_error (error);

  return gloss_sidecar_get_document_label (sidecar, id);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
assert_value (GVariant   *value,
              const char *text)
{
  g_autofree char *printed = NULL;

  g_assert_nonnull (value);
  printed = g_variant_print (value, FALSE);
  g_assert_cmpstr (printed, ==, text);
}

/* Each type of field, set and read back from disk; an unsaved change that
 * autosave writes, never an undo step of the annotation set. */
static void
test_set_saves (Fixture       *f,
                gconstpointer  data)
{
  const char *topics[] = { "politics", "health" };
  GlossAnnotationSet *set;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) value = NULL;
  guint64 serial;
  guint notified = 0;

  open_session (f);
  set = gloss_session_get_annotations (f->session);
  serial = gloss_annotation_set_get_change_serial (set);
  g_signal_connect (f->session, "notify::document-labels", G_CALLBACK (count_notify), &notified);
  g_assert_null (gloss_session_peek_document_labels (f->session));

  g_assert_true (gloss_session_set_document_label (f->session, "topic",
                                                   g_variant_new_strv (topics, 2), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_true (gloss_session_has_unsaved_changes (f->session));
  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_PENDING);
  /* metadata: the set and its history did not see it */
  g_assert_cmpuint (gloss_annotation_set_get_change_serial (set), ==, serial);
  g_assert_false (gloss_annotation_set_can_undo (set));

  g_assert_true (gloss_session_set_document_label (f->session, "stance", g_variant_new_string ("for"), &error));
  g_assert_true (gloss_session_set_document_label (f->session, "opinion", g_variant_new_boolean (TRUE), &error));
  g_assert_true (gloss_session_set_document_label (f->session, "source", g_variant_new_string ("Q42"), &error));
  g_assert_true (gloss_session_set_document_label (f->session, "score", g_variant_new_double (7.5), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (notified, ==, 5);

  wait_for (state (f) == GLOSS_SAVE_STATE_SAVED);
  g_assert_false (gloss_session_has_unsaved_changes (f->session));

  value = read_back (f, "topic");
  assert_value (value, "['politics', 'health']");
  g_clear_pointer (&value, g_variant_unref);
  value = read_back (f, "stance");
  assert_value (value, "'for'");
  g_clear_pointer (&value, g_variant_unref);
  value = read_back (f, "opinion");
  assert_value (value, "true");
  g_clear_pointer (&value, g_variant_unref);
  value = read_back (f, "source");
  assert_value (value, "'Q42'");
  g_clear_pointer (&value, g_variant_unref);
  value = read_back (f, "score");
  assert_value (value, "7.5");
  g_clear_pointer (&value, g_variant_unref);

  /* the same value again is no change */
  g_assert_true (gloss_session_set_document_label (f->session, "stance", g_variant_new_string ("for"), &error));
  g_assert_cmpuint (notified, ==, 5);
  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_SAVED);

  value = gloss_session_get_document_label (f->session, "stance");
  assert_value (value, "'for'");
}

/* NULL and an empty list remove a field; with none left the member goes. */
static void
test_unset (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) value = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *path = NULL;

  open_session (f);
  g_assert_true (gloss_session_set_document_label (f->session, "topic",
                                                   g_variant_new_strv ((const char *[]) { "economy" }, 1),
                                                   &error));
  g_assert_true (gloss_session_set_document_label (f->session, "stance", g_variant_new_string ("against"), &error));
  g_assert_no_error (error);
  wait_for (state (f) == GLOSS_SAVE_STATE_SAVED);

  /* a required field may be unset: work not yet done, not an error */
  g_assert_true (gloss_session_set_document_label (f->session, "stance", NULL, &error));
  g_assert_true (gloss_session_set_document_label (f->session, "topic",
                                                   g_variant_new_strv (NULL, 0), &error));
  g_assert_no_error (error);
  g_assert_null (gloss_session_peek_document_labels (f->session));
  wait_for (state (f) == GLOSS_SAVE_STATE_SAVED);

  value = read_back (f, "topic");
  g_assert_null (value);
  path = g_file_get_path (f->sidecar_file);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_null (strstr (contents, "document_labels"));
}

/* A value the label set does not allow, or a field it does not declare,
 * is refused with a sentence and changes nothing. */
static void
test_refused_values (Fixture       *f,
                     gconstpointer  data)
{
  struct { const char *id; const char *value; int code; } cases[] = {
    { "stance", "'maybe'", GLOSS_ERROR_INVALID },
    { "stance", "['for']", GLOSS_ERROR_INVALID },
    { "topic", "['politics', 'sports']", GLOSS_ERROR_INVALID },
    { "opinion", "'yes'", GLOSS_ERROR_INVALID },
    { "source", "'Q42x'", GLOSS_ERROR_INVALID },
    { "score", "11.0", GLOSS_ERROR_INVALID },
    { "score", "-0.5", GLOSS_ERROR_INVALID },
    { "genre", "'news'", GLOSS_ERROR_NOT_FOUND },
  };

  open_session (f);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GVariant) value = g_variant_parse (NULL, cases[i].value, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_false (gloss_session_set_document_label (f->session, cases[i].id, value, &error));
      g_assert_error (error, GLOSS_ERROR, cases[i].code);
      g_assert_nonnull (error->message);
      g_assert_cmpuint (strlen (error->message), >, 0);
    }

  g_assert_null (gloss_session_peek_document_labels (f->session));
  g_assert_false (gloss_session_has_unsaved_changes (f->session));
}

/* A value of a multiple choice that the label set no longer lists, read
 * from the file, is kept when another value is added or removed, and goes
 * only when removed itself; a new unlisted value is still refused. */
static void
test_kept_unlisted (Fixture       *f,
                    gconstpointer  data)
{
  const char * const held[] = { "politics", "retired", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossDocument) document = gloss_document_new_from_file (f->article, NULL, &error);
  g_autoptr(GlossSidecar) sidecar = NULL;
  struct { const char *value; gboolean allowed; const char *held; } steps[] = {
    { "['politics', 'retired', 'health']", TRUE, "['politics', 'retired', 'health']" },
    { "['retired', 'health']", TRUE, "['retired', 'health']" },
    { "['retired', 'health', 'sports']", FALSE, "['retired', 'health']" },
    { "['retired', 'health', 'health']", FALSE, "['retired', 'health']" },
    { "['retired']", TRUE, "['retired']" },
    { "['health']", TRUE, "['health']" },
    /* once removed, it is a value like any other the set does not list */
    { "['health', 'retired']", FALSE, "['health']" },
  };

  g_assert_no_error (error);
  sidecar = gloss_sidecar_new (f->sidecar_file, document);
  gloss_sidecar_set_document_label (sidecar, "topic", g_variant_new_strv (held, -1));
  g_assert_true (gloss_sidecar_save (sidecar, NULL, &error));
  g_assert_no_error (error);
  open_session (f);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(GVariant) value = g_variant_parse (NULL, steps[i].value, NULL, NULL, &error);
      g_autoptr(GVariant) now = NULL;

      g_assert_no_error (error);
      g_assert_cmpint (gloss_session_set_document_label (f->session, "topic", value, &error),
                       ==, steps[i].allowed);
      if (steps[i].allowed)
        g_assert_no_error (error);
      else
        g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
      g_clear_error (&error);
      now = gloss_session_get_document_label (f->session, "topic");
      assert_value (now, steps[i].held);

      /* and on disk, as autosave writes it */
      if (steps[i].allowed)
        {
          g_autoptr(GVariant) disk = NULL;

          wait_for (state (f) == GLOSS_SAVE_STATE_SAVED);
          disk = read_back (f, "topic");
          assert_value (disk, steps[i].held);
        }
    }
}

/* A sidecar that failed to load: its fields are shown, never changed. */
static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  write_file (f->dir, "talks.txt.alice.gloss.json", "{ \"format\": \"gloss\", oops\n");
  open_session (f);
  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_READ_ONLY);
  g_assert_false (gloss_session_set_document_label (f->session, "stance",
                                                    g_variant_new_string ("for"), &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_READ_ONLY);
  g_assert_null (gloss_session_peek_document_labels (f->session));
  g_assert_false (gloss_session_has_unsaved_changes (f->session));
}

/* Another Gloss holds the lock: the fields are shown, never changed,
 * until the session takes the editing over. */
static void
test_locked (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) value = NULL;
  g_autofree char *lock_path = g_build_filename (f->dir, ".talks.txt.alice.gloss.json.lock", NULL);

  open_session (f);
  g_assert_true (gloss_session_set_document_label (f->session, "stance", g_variant_new_string ("for"), &error));
  g_assert_no_error (error);
  wait_for (state (f) == GLOSS_SAVE_STATE_SAVED);
  g_object_add_weak_pointer (G_OBJECT (f->session), (gpointer *) &f->session);
  g_object_unref (f->session);
  wait_for (f->session == NULL);

  g_assert_true (g_file_set_contents (lock_path,
                                      "{\"pid\": 1, \"host\": \"newsroom-laptop\", \"user\": \"bilal\", "
                                      "\"token\": \"theirs\", \"since\": \"2026-12-01T09:30:00Z\"}\n",
                                      -1, NULL));
  open_session (f);
  g_assert_cmpint (state (f), ==, GLOSS_SAVE_STATE_READ_ONLY);
  value = gloss_session_get_document_label (f->session, "stance");
  assert_value (value, "'for'");
  g_assert_false (gloss_session_set_document_label (f->session, "stance",
                                                    g_variant_new_string ("against"), &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "newsroom-laptop"));
  g_clear_error (&error);
  g_assert_false (gloss_session_has_unsaved_changes (f->session));

  g_assert_true (gloss_session_take_over (f->session, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_session_set_document_label (f->session, "stance",
                                                   g_variant_new_string ("against"), &error));
  g_assert_no_error (error);
  wait_for (state (f) == GLOSS_SAVE_STATE_SAVED);
  g_clear_pointer (&value, g_variant_unref);
  value = read_back (f, "stance");
  assert_value (value, "'against'");
}

/* Someone else's fields on disk reach the session (and its notify). */
static void
test_reload (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) value = NULL;
  g_autofree char *path = g_file_get_path (f->sidecar_file);
  g_autofree char *contents = NULL;
  g_autofree char *edited = NULL;
  char *at;
  guint notified = 0;

  open_session (f);
  g_assert_true (gloss_session_set_document_label (f->session, "stance", g_variant_new_string ("for"), &error));
  g_assert_no_error (error);
  wait_for (state (f) == GLOSS_SAVE_STATE_SAVED);
  g_signal_connect (f->session, "notify::document-labels", G_CALLBACK (count_notify), &notified);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  at = strstr (contents, "\"for\"");
  g_assert_nonnull (at);
  edited = g_strdup_printf ("%.*s\"against\"%s", (int) (at - contents), contents, at + strlen ("\"for\""));
  g_assert_true (g_file_set_contents (path, edited, -1, NULL));
  g_assert_true (gloss_session_reload (f->session, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (notified, >=, 1);
  value = gloss_session_get_document_label (f->session, "stance");
  assert_value (value, "'against'");
  g_assert_false (gloss_session_has_unsaved_changes (f->session));
}

/* An annotator's sidecar in memory with the fields of @fields ("id=VALUE"
 * in GVariant text, e.g. "stance='for'"). */
static GlossSidecar *
sidecar_with_fields (GlossDocument *document,
                     const char    *annotator,
                     const char    *fields)
{
  GlossSidecar *sidecar = gloss_sidecar_new_for_document (document, annotator);
  g_auto(GStrv) pairs = g_strsplit (fields, ";", -1);

  for (guint i = 0; pairs[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (pairs[i], "=", 2);
      g_autoptr(GError) error = NULL;
      GVariant *value;

      if (pair[0] == NULL || pair[1] == NULL)
        continue;
      value = g_variant_parse (NULL, pair[1], NULL, NULL, &error);
      g_assert_no_error (error);
      gloss_sidecar_set_document_label (sidecar, pair[0], value);
    }

  return sidecar;
}

/* gloss-cli merge carries the article fields the annotators agree on:
 * unanimous, every annotator's value alike; majority, more than half;
 * a field the gold already has stays. */
static void
test_merge (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossDocument) document = gloss_document_new_from_file (f->article, NULL, &error);
  g_autoptr(GPtrArray) sidecars = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GlossSidecar) unanimous = NULL;
  g_autoptr(GlossSidecar) majority = NULL;
  g_autoptr(GVariant) value = NULL;

  g_assert_no_error (error);
  g_ptr_array_add (sidecars, sidecar_with_fields (document, "alice",
                                                  "stance='for';topic=['economy', 'politics'];score=2.5"));
  g_ptr_array_add (sidecars, sidecar_with_fields (document, "bob",
                                                  "stance='for';topic=['economy'];score=2.5;opinion=true"));
  g_ptr_array_add (sidecars, sidecar_with_fields (document, "carol",
                                                  "stance='against';topic=['economy', 'politics'];score=2.5"));

  unanimous = gloss_sidecar_new_for_document (document, "gold");
  g_assert_cmpuint (gloss_merge_document_labels (unanimous, sidecars, GLOSS_MERGE_UNANIMOUS), ==, 1);
  value = gloss_sidecar_get_document_label (unanimous, "score");
  assert_value (value, "2.5");
  g_clear_pointer (&value, g_variant_unref);
  g_assert_null (gloss_sidecar_get_document_label (unanimous, "stance"));
  g_assert_null (gloss_sidecar_get_document_label (unanimous, "opinion"));

  /* Two of three: stance and the whole topic list; one of three is not
   * more than half. The gold's own score stays. */
  majority = sidecar_with_fields (document, "gold", "score=7.0");
  g_assert_cmpuint (gloss_merge_document_labels (majority, sidecars, GLOSS_MERGE_MAJORITY), ==, 2);
  value = gloss_sidecar_get_document_label (majority, "stance");
  assert_value (value, "'for'");
  g_clear_pointer (&value, g_variant_unref);
  value = gloss_sidecar_get_document_label (majority, "topic");
  assert_value (value, "['economy', 'politics']");
  g_clear_pointer (&value, g_variant_unref);
  value = gloss_sidecar_get_document_label (majority, "score");
  assert_value (value, "7.0");
  g_clear_pointer (&value, g_variant_unref);
  g_assert_null (gloss_sidecar_get_document_label (majority, "opinion"));

  /* Run again: nothing more to set. */
  g_assert_cmpuint (gloss_merge_document_labels (majority, sidecars, GLOSS_MERGE_MAJORITY), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/document-labels/set-saves", test_set_saves);
  ADD ("/document-labels/unset", test_unset);
  ADD ("/document-labels/refused-values", test_refused_values);
  ADD ("/document-labels/kept-unlisted", test_kept_unlisted);
  ADD ("/document-labels/read-only", test_read_only);
  ADD ("/document-labels/locked", test_locked);
  ADD ("/document-labels/reload", test_reload);
  ADD ("/document-labels/merge", test_merge);
#undef ADD

  return g_test_run ();
}
