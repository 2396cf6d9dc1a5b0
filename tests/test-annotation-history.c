/* test-annotation-history.c — the undo and redo stacks on their own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "gloss.h"
#include "gloss-annotation-history-private.h"

/* Commands are strings; applying one appends "+name" (forwards) or
 * "-name" (backwards) to a log, so the order of replay shows. */
typedef struct
{
  GString *log;
  guint    n_freed;
} Fixture;

static void
apply_cb (gpointer command,
          gboolean forward,
          gpointer user_data)
{
  Fixture *fixture = user_data;

  g_string_append_printf (fixture->log, "%c%s", forward ? '+' : '-', (const char *)command);
}

static Fixture *current;

static void
free_cb (gpointer command)
{
  current->n_freed++;
  g_free (command);
}

static GlossAnnotationHistory *
new_history (Fixture *fixture)
{
  fixture->log = g_string_new (NULL);
  fixture->n_freed = 0;
  current = fixture;

  return gloss_annotation_history_new (apply_cb, free_cb, fixture);
}

static void
assert_log (Fixture    *fixture,
            const char *expected)
{
  g_assert_cmpstr (fixture->log->str, ==, expected);
  g_string_truncate (fixture->log, 0);
}

static void
test_undo_redo (void)
{
  Fixture fixture;
  g_autoptr(GlossAnnotationHistory) history = new_history (&fixture);

  g_assert_false (gloss_annotation_history_can_undo (history));
  g_assert_false (gloss_annotation_history_can_redo (history));
  g_assert_false (gloss_annotation_history_undo (history));
  g_assert_false (gloss_annotation_history_redo (history));

  /* Recording does not apply: the set did that already. */
  gloss_annotation_history_record (history, g_strdup ("a"));
  gloss_annotation_history_record (history, g_strdup ("b"));
  assert_log (&fixture, "");
  g_assert_true (gloss_annotation_history_can_undo (history));

  g_assert_true (gloss_annotation_history_undo (history));
  assert_log (&fixture, "-b");
  g_assert_true (gloss_annotation_history_can_redo (history));
  g_assert_true (gloss_annotation_history_undo (history));
  assert_log (&fixture, "-a");
  g_assert_false (gloss_annotation_history_can_undo (history));
  g_assert_false (gloss_annotation_history_undo (history));

  g_assert_true (gloss_annotation_history_redo (history));
  assert_log (&fixture, "+a");
  g_assert_true (gloss_annotation_history_can_redo (history));

  /* A new edit drops what could have been redone ("b"). */
  gloss_annotation_history_record (history, g_strdup ("c"));
  g_assert_false (gloss_annotation_history_can_redo (history));
  g_assert_cmpuint (fixture.n_freed, ==, 1);
  g_assert_true (gloss_annotation_history_undo (history));
  g_assert_true (gloss_annotation_history_undo (history));
  assert_log (&fixture, "-c-a");

  gloss_annotation_history_clear (history);
  g_assert_false (gloss_annotation_history_can_undo (history));
  g_assert_false (gloss_annotation_history_can_redo (history));
  g_assert_cmpuint (fixture.n_freed, ==, 3);

  g_string_free (fixture.log, TRUE);
}

static void
test_groups (void)
{
  Fixture fixture;
  g_autoptr(GlossAnnotationHistory) history = new_history (&fixture);

  /* Nested groups make one step, undone last command first. */
  gloss_annotation_history_begin_group (history);
  gloss_annotation_history_record (history, g_strdup ("a"));
  gloss_annotation_history_begin_group (history);
  gloss_annotation_history_record (history, g_strdup ("b"));
  gloss_annotation_history_end_group (history);
  g_assert_true (gloss_annotation_history_in_group (history));
  g_assert_false (gloss_annotation_history_can_undo (history));
  gloss_annotation_history_record (history, g_strdup ("c"));
  gloss_annotation_history_end_group (history);
  g_assert_false (gloss_annotation_history_in_group (history));

  g_assert_true (gloss_annotation_history_undo (history));
  assert_log (&fixture, "-c-b-a");
  g_assert_false (gloss_annotation_history_can_undo (history));
  g_assert_true (gloss_annotation_history_redo (history));
  assert_log (&fixture, "+a+b+c");

  /* An empty group is no step. */
  gloss_annotation_history_begin_group (history);
  gloss_annotation_history_end_group (history);
  g_assert_true (gloss_annotation_history_undo (history));
  assert_log (&fixture, "-c-b-a");
  g_assert_false (gloss_annotation_history_can_undo (history));

  /* A new edit inside a group drops the redo steps at once. */
  gloss_annotation_history_begin_group (history);
  gloss_annotation_history_record (history, g_strdup ("d"));
  g_assert_false (gloss_annotation_history_can_redo (history));
  g_assert_cmpuint (fixture.n_freed, ==, 3);
  gloss_annotation_history_end_group (history);

  g_clear_pointer (&history, gloss_annotation_history_free);
  g_assert_cmpuint (fixture.n_freed, ==, 4);
  g_string_free (fixture.log, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/annotation-history/undo-redo", test_undo_redo);
  g_test_add_func ("/annotation-history/groups", test_groups);

  return g_test_run ();
}
