/* test-sidecar-head.c — the annotations near the top of an article, read
 * from the head of a long sidecar ahead of the rest (gloss-sidecar-head.c),
 * and the session handing them over before it is ready
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "gloss.h"
#include "gloss-sidecar-private.h"
#include "gloss-test-utils.h"

/* Finding the head
 * ------------------------------------------------------------------------ */

#define SKELETON_START "{\"format\":\"gloss\",\"document\":{\"file\":\"a.txt\",\"annotations\":[{\"start\":0}]}," \
                       "\"note\":\"a ] and a } and \\\" here\",\"annotations\":["

static void
test_find_head_structure (void)
{
  const char *text =
    SKELETON_START
    "{\"start\":1,\"exact\":\"[{\"},\n"
    "  {\"start\":5},\n"
    "  {\"start\":40,\"x\":{\"start\":2}},\n"
    "  {\"start\":90}\n"
    "], \"relations\": []}";
  gsize head_size = 0;
  guint covered = 0;
  g_autofree char *head = NULL;
  g_autofree char *all = NULL;
  g_autofree char *none = NULL;

  /* The member of the root, not the one inside "document"; brackets and
   * quotes in strings are not structure. */
  g_assert_true (gloss_sidecar_find_head (text, strlen (text), 40, &head_size, &covered));
  g_assert_cmpuint (covered, ==, 40);
  head = g_strndup (text, head_size);
  g_assert_true (g_str_has_suffix (head, "{\"start\":5}"));

  g_assert_true (gloss_sidecar_find_head (text, strlen (text), 41, &head_size, &covered));
  g_assert_cmpuint (covered, ==, 90);

  /* All of them start before the limit. */
  g_assert_true (gloss_sidecar_find_head (text, strlen (text), 1000, &head_size, &covered));
  g_assert_cmpuint (covered, ==, G_MAXUINT);
  all = g_strndup (text, head_size);
  g_assert_true (g_str_has_suffix (all, "{\"start\":90}"));

  /* None does. */
  g_assert_true (gloss_sidecar_find_head (text, strlen (text), 1, &head_size, &covered));
  g_assert_cmpuint (covered, ==, 1);
  none = g_strndup (text, head_size);
  g_assert_true (g_str_has_suffix (none, "\"annotations\":["));
}

static void
test_find_head_refuses (void)
{
  static const char *texts[] = {
    /* Out of document order: what is before the limit is not known. */
    "{\"annotations\":[{\"start\":5},{\"start\":3},{\"start\":50}]}",
    /* Not an annotation where one is expected. */
    "{\"annotations\":[{\"start\":5},[1],{\"start\":50}]}",
    "{\"annotations\":[{\"start\":5},{\"start\":\"7\"},{\"start\":50}]}",
    "{\"annotations\":[{\"start\":5},{\"start\":-7},{\"start\":50}]}",
    /* Not valid JSON in the head. */
    "{\"annotations\":[{\"start\":5,},{\"start\":50}]}",
    "{\"annotations\":[{\"start\":5} {\"start\":50}]}",
    /* No annotations member, or not an array, or no object at all. */
    "{\"format\":\"gloss\",\"relations\":[]}",
    "{\"annotations\":{}}",
    "[{\"annotations\":[]}]",
    "",
    /* Cut short before the first annotation is whole. */
    "{\"annotations\":[{\"start\":5",
    "{\"note\":\"never closed",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      gsize head_size = 0;
      guint covered = 0;

      g_test_message ("%s", texts[i]);
      g_assert_false (gloss_sidecar_find_head (texts[i], strlen (texts[i]), 10, &head_size, &covered));
    }
}

/* The head is found without waiting for the end: what follows it may be
 * anything (the whole load says what is wrong there). */
static void
test_find_head_ignores_tail (void)
{
  const char *text = "\xEF\xBB\xBF {\"annotations\":[{\"start\":5},{\"start\":50}, garbage";
  const char *cut = "{\"annotations\":[{\"start\":5},{\"start\":7},{\"sta";
  const char *cut_after = "{\"annotations\":[{\"start\":5},{\"start\":7} ";
  gsize head_size = 0;
  guint covered = 0;

  g_assert_true (gloss_sidecar_find_head (text, strlen (text), 10, &head_size, &covered));
  g_assert_cmpuint (covered, ==, 50);

  /* Only the file's beginning was read: the head ends where it does, and
   * covers what starts before the last annotation taken. */
  g_assert_true (gloss_sidecar_find_head (cut, strlen (cut), 100, &head_size, &covered));
  g_assert_cmpuint (covered, ==, 7);
  g_assert_cmpuint (head_size, ==, strlen ("{\"annotations\":[{\"start\":5},{\"start\":7}"));
  g_assert_true (gloss_sidecar_find_head (cut_after, strlen (cut_after), 100, &head_size, &covered));
  g_assert_cmpuint (covered, ==, 7);
}

/* Reading the head of a real sidecar
 * ------------------------------------------------------------------------ */

typedef struct
{
  char          *dir;
  GFile         *article;
  GlossDocument *document;
  GBytes        *bytes;     /* the sidecar as saved */
  GlossSession  *session;
  GlossDocument *early_document;
  GlossAnnotationSet *early_head;
  guint          n_early;
} Fixture;

/* An article of @n_paragraphs, each "Paragraph N says something.\n\n",
 * with a claim on each paragraph's first word and a person on "something":
 * annotations in document order, two per paragraph. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  guint n_paragraphs = GPOINTER_TO_UINT (data);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GlossSidecar) sidecar = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  GlossAnnotationSet *set;
  guint offset = 0;

  f->dir = g_dir_make_tmp ("gloss-head-XXXXXX", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n_paragraphs; i++)
    g_string_append_printf (text, "Paragraph %u says something.\n\n", i);
  path = g_build_filename (f->dir, "long.txt", NULL);
  g_assert_true (g_file_set_contents (path, text->str, text->len, &error));
  f->article = g_file_new_for_path (path);
  f->document = gloss_document_new_from_file (f->article, NULL, &error);
  g_assert_no_error (error);

  sidecar = gloss_sidecar_new_for_document (f->document, "alice");
  g_assert_true (gloss_sidecar_load (sidecar, NULL, NULL, &error));
  set = gloss_sidecar_get_annotations (sidecar);
  for (guint i = 0; i < n_paragraphs; i++)
    {
      g_autofree char *paragraph = g_strdup_printf ("Paragraph %u says something.\n\n", i);
      guint length_cp = (guint) g_utf8_strlen (paragraph, -1);
      guint something = length_cp - strlen ("something.\n\n");

      g_assert_nonnull (gloss_annotation_set_create (set, "claim", offset, offset + 9, &error));
      g_assert_no_error (error);
      g_assert_nonnull (gloss_annotation_set_create (set, "person", offset + something,
                                                     offset + something + 9, &error));
      g_assert_no_error (error);
      offset += length_cp;
    }
  g_assert_true (gloss_sidecar_save (sidecar, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (g_file_peek_path (gloss_sidecar_get_file (sidecar)),
                                      &contents, &length, &error));
  f->bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->session);
  g_clear_object (&f->early_document);
  g_clear_object (&f->early_head);
  g_clear_object (&f->document);
  g_clear_object (&f->article);
  g_clear_pointer (&f->bytes, g_bytes_unref);
  gloss_test_remove_tree (f->dir);
  g_free (f->dir);
}

static void
test_read_head (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GlossAnnotationSet) head = NULL;
  g_autoptr(GlossSidecar) whole = gloss_sidecar_new_for_document (f->document, "alice");
  g_autoptr(GError) error = NULL;
  GListModel *all;
  guint covered = 0;
  guint n;

  head = gloss_sidecar_read_head (f->bytes, "alice", f->document, NULL, 2000, &covered);
  g_assert_nonnull (head);
  g_assert_true (gloss_annotation_set_get_read_only (head));
  g_assert_cmpuint (covered, >=, 2000);

  /* Exactly those of the whole load that start before the limit. */
  g_assert_true (gloss_sidecar_load (whole, NULL, NULL, &error));
  all = G_LIST_MODEL (gloss_sidecar_get_annotations (whole));
  n = g_list_model_get_n_items (G_LIST_MODEL (head));
  g_assert_cmpuint (n, >, 10);
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(GlossAnnotation) expected = g_list_model_get_item (all, i);
      g_autoptr(GlossAnnotation) got = NULL;

      if (gloss_annotation_get_start (expected) >= 2000)
        {
          g_assert_cmpuint (i, ==, n);
          break;
        }
      g_assert_cmpuint (i, <, n);
      got = g_list_model_get_item (G_LIST_MODEL (head), i);
      g_assert_cmpstr (gloss_annotation_get_id (got), ==, gloss_annotation_get_id (expected));
      g_assert_cmpstr (gloss_annotation_get_label (got), ==, gloss_annotation_get_label (expected));
      g_assert_cmpuint (gloss_annotation_get_end (got), ==, gloss_annotation_get_end (expected));
    }

  /* Read-only: nothing can be made in it. */
  g_assert_null (gloss_annotation_set_create (head, "claim", 0, 9, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_READ_ONLY);
}

/* No head rather than a wrong one. */
static void
test_read_head_refuses (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GlossDocument) changed = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *edited = NULL;
  gsize size;
  const char *contents = g_bytes_get_data (f->bytes, &size);
  char *exact;

  /* The article changed since the file was written: the whole load
   * re-anchors; the head would be in the wrong places. */
  changed = gloss_test_doc_new ("Another text entirely, of another length.\n");
  g_assert_null (gloss_sidecar_read_head (f->bytes, "alice", changed, NULL, 2000, NULL));

  /* Another annotator's file under alice's name: the whole load refuses
   * it, and so does the head. */
  g_assert_null (gloss_sidecar_read_head (f->bytes, "bob", f->document, NULL, 2000, NULL));

  /* An error in the head (an "exact" that is not the article's text). */
  edited = g_strndup (contents, size);
  exact = strstr (edited, "\"exact\": \"Paragraph");
  g_assert_nonnull (exact);
  memcpy (exact + strlen ("\"exact\": \""), "Xaragraph", strlen ("Xaragraph"));
  bytes = g_bytes_new (edited, size);
  g_assert_null (gloss_sidecar_read_head (bytes, "alice", f->document, NULL, 2000, NULL));
}

/* What follows the head does not matter to it: cut off in the middle, the
 * file still gives its head (the whole load then fails, and says where). */
static void
test_read_head_of_cut_file (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GlossAnnotationSet) head = NULL;
  g_autoptr(GBytes) cut = g_bytes_new_from_bytes (f->bytes, 0, g_bytes_get_size (f->bytes) / 2);

  head = gloss_sidecar_read_head (cut, "alice", f->document, NULL, 2000, NULL);
  g_assert_nonnull (head);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (head)), >, 10);
}

/* The session
 * ------------------------------------------------------------------------ */

static void
on_document_read (GlossDocument      *document,
                  GlossAnnotationSet *head,
                  gpointer            user_data)
{
  Fixture *f = user_data;

  /* Before the session is ready; the article first, then the head. */
  g_assert_null (f->session);
  f->n_early++;
  if (head == NULL)
    {
      g_assert_null (f->early_document);
      f->early_document = g_object_ref (document);
      return;
    }
  g_assert_true (document == f->early_document);
  g_assert_null (f->early_head);
  f->early_head = g_object_ref (head);
}

static void
on_opened (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Fixture *f = user_data;
  g_autoptr(GError) error = NULL;

  f->session = gloss_session_new_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_session_hands_over_head (Fixture       *f,
                              gconstpointer  data)
{
  GlossAnnotationSet *set;
  guint n;

  /* Long enough to be worth it. */
  g_assert_cmpuint (g_bytes_get_size (f->bytes), >, 1024 * 1024);

  gloss_session_new_with_document_async (f->article, "alice", on_document_read, f, NULL,
                                         NULL, on_opened, f);
  gloss_test_wait_for_ms (f->session != NULL, 60000);
  g_assert_cmpuint (f->n_early, ==, 2);
  g_assert_nonnull (f->early_head);
  g_assert_true (gloss_annotation_set_get_document (f->early_head) == gloss_session_get_document (f->session));
  g_assert_true (gloss_annotation_set_get_labels (f->early_head) == gloss_session_get_labels (f->session));
  g_assert_true (gloss_annotation_set_get_read_only (f->early_head));

  /* The session's own set begins with the same annotations. */
  set = gloss_session_get_annotations (f->session);
  n = g_list_model_get_n_items (G_LIST_MODEL (f->early_head));
  g_assert_cmpuint (n, >, 100);
  g_assert_cmpuint (n, <, g_list_model_get_n_items (G_LIST_MODEL (set)));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossAnnotation) a = g_list_model_get_item (G_LIST_MODEL (f->early_head), i);
      g_autoptr(GlossAnnotation) b = g_list_model_get_item (G_LIST_MODEL (set), i);

      g_assert_cmpstr (gloss_annotation_get_id (a), ==, gloss_annotation_get_id (b));
    }
}

/* A short sidecar loads in a moment: no head, the article once. */
static void
test_session_short_sidecar_no_head (Fixture       *f,
                                    gconstpointer  data)
{
  g_assert_cmpuint (g_bytes_get_size (f->bytes), <, 1024 * 1024);

  gloss_session_new_with_document_async (f->article, "alice", on_document_read, f, NULL,
                                         NULL, on_opened, f);
  gloss_test_wait_for_ms (f->session != NULL, 60000);
  g_assert_cmpuint (f->n_early, ==, 1);
  g_assert_null (f->early_head);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sidecar-head/find/structure", test_find_head_structure);
  g_test_add_func ("/sidecar-head/find/refuses", test_find_head_refuses);
  g_test_add_func ("/sidecar-head/find/ignores-tail", test_find_head_ignores_tail);
  g_test_add ("/sidecar-head/read", Fixture, GUINT_TO_POINTER (200),
              fixture_setup, test_read_head, fixture_teardown);
  g_test_add ("/sidecar-head/read/refuses", Fixture, GUINT_TO_POINTER (200),
              fixture_setup, test_read_head_refuses, fixture_teardown);
  g_test_add ("/sidecar-head/read/cut-file", Fixture, GUINT_TO_POINTER (200),
              fixture_setup, test_read_head_of_cut_file, fixture_teardown);
  g_test_add ("/sidecar-head/session/hands-over", Fixture, GUINT_TO_POINTER (3000),
              fixture_setup, test_session_hands_over_head, fixture_teardown);
  g_test_add ("/sidecar-head/session/short-sidecar", Fixture, GUINT_TO_POINTER (50),
              fixture_setup, test_session_short_sidecar_no_head, fixture_teardown);

  return g_test_run ();
}
