/* test-review-window.c — the review window, driven in-process under Xvfb
 *
 * Each test copies the sample corpus (three articles, alice's and bilal's
 * sidecars beside each) into a fresh folder and opens a review window of
 * the real application on harbour-bridge-vote.txt, adjudicating as "gold".
 * Decisions are made with real key presses: xdotool (the Xvfb the wrapper
 * started, with XTEST) types into the window, so the keys go through X, GDK
 * and the window's "gloss-review-keys" shortcut controller like a person's.
 * Where there is no xdotool or no X11 display the same keys' actions are
 * activated instead (a test message says so); /review/keys-registered
 * checks the key-to-action table either way, /review/actions the actions.
 * Each test checks the units, the gold annotation set and the gold sidecar
 * on disk after autosave. Checks of bugs once found use EXPECT(), which
 * says which bug came back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include <adwaita.h>
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#include "gloss-application.h"
#include "gloss-confusion-chart.h"
#include "gloss-review-row.h"
#include "gloss-review-window-private.h"
#include "gloss-window.h"
#include "gloss-ui-test.h"

#define TIMEOUT_MS   20000  /* generous: CI machines are busy */
#define WAIT_FOR(condition) GLOSS_UI_TEST_WAIT_FOR (condition, TIMEOUT_MS)
#define ARTICLE      "harbour-bridge-vote.txt"
#define ADJUDICATOR  "gold"
#define AUTOSAVE_MS  50

/* The annotators, in the order the window lists them (by file name). */
enum { ALICE, BILAL };

static GlossApplication *app;
static char *xdotool;   /* NULL: no real key presses, actions instead */

typedef struct
{
  char              *dir;
  GFile             *article;
  GFile             *gold;
  GlossReviewWindow *window;
} Fixture;

/* ------------------------------------------------------------------ */
/* Main loop                                                            */
/* ------------------------------------------------------------------ */

/* A check against a bug once found: if it fails, say which came back. */
#define EXPECT(condition, why)                                                \
  G_STMT_START {                                                              \
    if (!(condition))                                                         \
      g_test_message ("%s:%d: %s (%s)", __FILE__, __LINE__, (why), #condition); \
    g_assert_true (condition);                                                \
  } G_STMT_END

/* ------------------------------------------------------------------ */
/* Files                                                                */
/* ------------------------------------------------------------------ */

/* The gold sidecar on disk, parsed; NULL if missing or not JSON (yet). */
static JsonObject *
read_gold (Fixture *f)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *path = g_file_get_path (f->gold);
  JsonNode *root;

  if (!g_file_test (path, G_FILE_TEST_EXISTS) || !json_parser_load_from_file (parser, path, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return json_object_ref (json_node_get_object (root));
}

/* The annotation over [@start, @end) in the gold sidecar on disk, or NULL. */
static JsonObject *
gold_annotation_on_disk (JsonObject *gold,
                         guint       start,
                         guint       end)
{
  JsonArray *annotations;

  if (gold == NULL || !json_object_has_member (gold, "annotations"))
    return NULL;
  annotations = json_object_get_array_member (gold, "annotations");
  for (guint i = 0; i < json_array_get_length (annotations); i++)
    {
      JsonObject *annotation = json_array_get_object_element (annotations, i);

      if (json_object_get_int_member_with_default (annotation, "start", -1) == start
          && json_object_get_int_member_with_default (annotation, "end", -1) == end)
        return annotation;
    }
  return NULL;
}

static guint
n_annotations_on_disk (JsonObject *gold)
{
  if (gold == NULL || !json_object_has_member (gold, "annotations"))
    return 0;
  return json_array_get_length (json_object_get_array_member (gold, "annotations"));
}

/* Whether the top-level "review" record lists [@start, @end) of @kind as
 * rejected. */
static gboolean
rejected_on_disk (JsonObject *gold,
                  const char *kind,
                  guint       start,
                  guint       end)
{
  JsonObject *record;
  JsonArray *rejected;

  if (gold == NULL || !json_object_has_member (gold, "review"))
    return FALSE;
  record = json_object_get_object_member (gold, "review");
  if (record == NULL || !json_object_has_member (record, "rejected"))
    return FALSE;
  rejected = json_object_get_array_member (record, "rejected");
  for (guint i = 0; i < json_array_get_length (rejected); i++)
    {
      JsonObject *entry = json_array_get_object_element (rejected, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (entry, "kind", ""), kind) == 0
          && json_object_get_int_member_with_default (entry, "start", -1) == start
          && json_object_get_int_member_with_default (entry, "end", -1) == end)
        return TRUE;
    }
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* The window                                                           */
/* ------------------------------------------------------------------ */

static GListModel *
units (Fixture *f)
{
  return G_LIST_MODEL (gtk_list_view_get_model (gloss_review_window_get_unit_list (f->window)));
}

static GtkSingleSelection *
selection (Fixture *f)
{
  return GTK_SINGLE_SELECTION (gtk_list_view_get_model (gloss_review_window_get_unit_list (f->window)));
}

static guint
selected_position (Fixture *f)
{
  return gtk_single_selection_get_selected (selection (f));
}

static GlossAdjudication *
adjudication (Fixture *f)
{
  return gloss_review_window_get_adjudication (f->window);
}

static GlossSession *
gold_session (Fixture *f)
{
  return gloss_review_window_get_gold_session (f->window);
}

static GlossAnnotationSet *
gold_set (Fixture *f)
{
  return gloss_session_get_annotations (gold_session (f));
}

static gboolean
saved (Fixture *f)
{
  return gloss_session_get_save_state (gold_session (f)) == GLOSS_SAVE_STATE_SAVED;
}

static void
open_review (Fixture *f)
{
  f->window = gloss_review_window_new (GTK_APPLICATION (app), f->article, ADJUDICATOR);
  g_object_add_weak_pointer (G_OBJECT (f->window), (gpointer *) &f->window);
  gtk_window_present (GTK_WINDOW (f->window));
  WAIT_FOR (gloss_review_window_get_adjudication (f->window) != NULL);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (f->window)));
  if (gloss_session_get_save_state (gold_session (f)) != GLOSS_SAVE_STATE_READ_ONLY)
    gloss_session_set_autosave_delay (gold_session (f), AUTOSAVE_MS);
  /* A frame, so the list has its rows. */
  gloss_ui_test_wait_for_frame (GTK_WIDGET (f->window), TIMEOUT_MS);
}

/* Closing destroys the window at once and leaves the gold session to
 * write what is pending; wait for that too, so the next window (or the
 * removal of the folder) finds the file complete. Whether that write
 * works is not this helper's business: the tests check the file. */
static void
close_window_and_session (GtkWindow *window)
{
  g_autoptr(GlossSession) session = NULL;

  if (GLOSS_IS_REVIEW_WINDOW (window) && gloss_review_window_get_gold_session (GLOSS_REVIEW_WINDOW (window)) != NULL)
    session = g_object_ref (gloss_review_window_get_gold_session (GLOSS_REVIEW_WINDOW (window)));

  gloss_ui_test_close_window (window, TIMEOUT_MS);

  if (session != NULL)
    gloss_ui_test_close_session (session, TIMEOUT_MS, NULL);
}

static void
close_review (Fixture *f)
{
  if (f->window == NULL)
    return;
  close_window_and_session (GTK_WINDOW (f->window));
  g_assert_null (f->window);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = gloss_ui_test_make_tmp_dir ("gloss-test-review-XXXXXX");
  g_assert_cmpuint (gloss_ui_test_copy_samples (f->dir), ==, 9);

  f->article = g_file_new_build_filename (f->dir, ARTICLE, NULL);
  f->gold = g_file_new_build_filename (f->dir, ARTICLE "." ADJUDICATOR ".gloss.json", NULL);

  if (data == NULL)
    open_review (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  close_review (f);
  /* A window a test opened another way (win.review). */
  {
    GList *toplevels = gtk_window_list_toplevels ();

    for (GList *l = toplevels; l != NULL; l = l->next)
      if (GLOSS_IS_REVIEW_WINDOW (l->data) || GLOSS_IS_WINDOW (l->data))
        close_window_and_session (l->data);
    g_list_free (toplevels);
  }

  gloss_test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
  g_clear_object (&f->article);
  g_clear_object (&f->gold);
}

static GlossReviewUnit *
unit_at (Fixture *f,
         guint    position)
{
  GlossReviewUnit *unit = g_list_model_get_item (units (f), position);

  g_assert_nonnull (unit);
  /* The list holds the units: a borrowed pointer stays valid. */
  g_object_unref (unit);
  return unit;
}

static char *
version_text (Fixture         *f,
              GlossReviewUnit *unit,
              guint            annotator)
{
  GlossAnnotation *version = gloss_review_unit_get_version (unit, annotator);

  return version != NULL ? g_strdup (gloss_annotation_get_exact (version)) : NULL;
}

/* The position of the unit whose @annotator's version covers exactly
 * @exact (with @label, if not NULL). */
static guint
find_unit (Fixture    *f,
           guint       annotator,
           const char *exact,
           const char *label)
{
  GListModel *model = units (f);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      GlossReviewUnit *unit = unit_at (f, i);
      GlossAnnotation *version = gloss_review_unit_get_version (unit, annotator);

      if (version != NULL
          && g_strcmp0 (gloss_annotation_get_exact (version), exact) == 0
          && (label == NULL || g_strcmp0 (gloss_annotation_get_label (version), label) == 0))
        return i;
    }

  g_error ("no unit where annotator %u marked “%s”", annotator, exact);
  return GTK_INVALID_LIST_POSITION;
}

static guint
first_with_status (Fixture        *f,
                   GlossUnitStatus status)
{
  for (guint i = 0; i < g_list_model_get_n_items (units (f)); i++)
    if (gloss_review_unit_get_status (unit_at (f, i)) == status)
      return i;
  g_error ("no unit of status %s", gloss_unit_status_to_string (status));
  return GTK_INVALID_LIST_POSITION;
}

/* The first unit after @position (wrapping) that @wanted accepts. */
static guint
next_where (Fixture  *f,
            guint     position,
            gboolean  backward,
            gboolean (*wanted) (GlossReviewUnit *unit))
{
  guint n = g_list_model_get_n_items (units (f));

  for (guint k = 1; k <= n; k++)
    {
      guint i = backward ? (position + n - k) % n : (position + k) % n;

      if (wanted (unit_at (f, i)))
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static gboolean
is_pending (GlossReviewUnit *unit)
{
  return gloss_review_unit_get_decision (unit) == GLOSS_DECISION_PENDING;
}

static gboolean
is_pending_disagreement (GlossReviewUnit *unit)
{
  return is_pending (unit) && gloss_review_unit_get_status (unit) != GLOSS_UNIT_AGREED;
}

static void
select_unit (Fixture *f,
             guint    position)
{
  gtk_single_selection_set_selected (selection (f), position);
  g_assert_cmpuint (selected_position (f), ==, position);
  g_assert_true (gloss_review_window_get_selected_unit (f->window) == unit_at (f, position));
}

/* The gold annotation in the set over [@start, @end), or NULL. */
static GlossAnnotation *
gold_in_set (Fixture *f,
             guint    start,
             guint    end)
{
  GListModel *model = G_LIST_MODEL (gold_set (f));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GlossAnnotation) annotation = g_list_model_get_item (model, i);

      if (gloss_annotation_get_start (annotation) == start && gloss_annotation_get_end (annotation) == end)
        return annotation;   /* the set keeps it */
    }
  return NULL;
}

static guint
n_gold (Fixture *f)
{
  return g_list_model_get_n_items (G_LIST_MODEL (gold_set (f)));
}

/* The banner's message if it is revealed, else NULL. It is no
 * GtkInfoBar (deprecated after GTK 4.8). */
static const char *
info_message (Fixture *f)
{
  GtkWidget *bar = gloss_ui_test_find_of_type (GTK_WIDGET (f->window), GTK_TYPE_REVEALER);
  GtkWidget *label;

  g_assert_null (gloss_ui_test_find_of_type (GTK_WIDGET (f->window), GTK_TYPE_INFO_BAR));
  g_assert_nonnull (bar);
  if (!gtk_revealer_get_reveal_child (GTK_REVEALER (bar)))
    return NULL;
  label = gloss_ui_test_find_of_type (bar, GTK_TYPE_LABEL);
  g_assert_nonnull (label);
  return gtk_label_get_text (GTK_LABEL (label));
}

/* ------------------------------------------------------------------ */
/* Keys                                                                 */
/* ------------------------------------------------------------------ */

/* What each key this file presses should do, for a run with no xdotool. */
static const struct
{
  const char *keys;      /* xdotool's name */
  const char *action;
  guint       argument;  /* for win.accept-version */
} key_actions[] = {
  { "a", "win.accept-majority", 0 },
  { "e", "win.accept-edited", 0 },
  { "r", "win.reject", 0 },
  { "Delete", "win.reject", 0 },
  { "1", "win.accept-version", 1 },
  { "2", "win.accept-version", 2 },
  { "n", "win.next-disagreement", 0 },
  { "shift+n", "win.previous-disagreement", 0 },
  { "ctrl+z", "win.undo", 0 },
  { "ctrl+shift+z", "win.redo", 0 },
  { "ctrl+m", "win.premerge", 0 },
  { "F7", "win.toggle-agreement", 0 },
  { "v", "win.pick-attributes", 0 },
};

#ifdef GDK_WINDOWING_X11
static gulong
window_xid (GtkWindow *window)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));

  g_assert_true (GDK_IS_X11_SURFACE (surface));
  return (gulong) gdk_x11_surface_get_xid (surface);
}
#endif

/* Presses @keys (an xdotool key name such as "ctrl+shift+z") in @window,
 * as a person would; and returns once the X server has handed the events
 * over and GTK has handled them. With no xdotool: the key's action. */
static void
press_in (GtkWindow  *window,
          const char *keys)
{
#ifdef GDK_WINDOWING_X11
  if (xdotool != NULL)
    {
      g_autofree char *xid = g_strdup_printf ("%lu", window_xid (window));
      const char *argv[] = { xdotool, "windowfocus", xid, "key", "--delay", "20", keys, NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autoptr(GError) error = NULL;
      int status = 0;

      /* The events wait in the server while this blocks. */
      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                   &out, &err, &status, &error));
      g_assert_no_error (error);
      if (!g_spawn_check_wait_status (status, NULL))
        g_error ("xdotool key %s failed: %s", keys, err);

      /* A round trip: every event the server sent before its reply is in
       * our queue now; handle them all. */
      gdk_display_sync (gtk_widget_get_display (GTK_WIDGET (window)));
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      return;
    }
#endif

  for (guint i = 0; i < G_N_ELEMENTS (key_actions); i++)
    if (g_str_equal (key_actions[i].keys, keys))
      {
        GVariant *argument = key_actions[i].argument != 0
                             ? g_variant_new_uint32 (key_actions[i].argument) : NULL;

        g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (window),
                                                           key_actions[i].action, argument));
        return;
      }
  g_error ("no action known for the key %s", keys);
}

static void
press (Fixture    *f,
       const char *keys)
{
  press_in (GTK_WINDOW (f->window), keys);
}

#ifdef GDK_WINDOWING_X11
/* Where the text at @offset is, in @window's X window (for xdotool). */
static void
offset_to_window_point (Fixture *f,
                        guint    offset,
                        double  *x,
                        double  *y)
{
  GtkTextView *view = GTK_TEXT_VIEW (gloss_review_window_get_article_view (f->window));
  GtkTextIter iter;
  GdkRectangle rect;
  int wx, wy;
  double tx, ty, sx, sy;

  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (view), &iter, (int) offset);
  gtk_text_view_get_iter_location (view, &iter, &rect);
  gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET,
                                         rect.x + 2, rect.y + rect.height / 2, &wx, &wy);
  g_assert_true (gtk_widget_translate_coordinates (GTK_WIDGET (view), GTK_WIDGET (f->window),
                                                   wx, wy, &tx, &ty));
  gtk_native_get_surface_transform (GTK_NATIVE (f->window), &sx, &sy);
  *x = tx + sx;
  *y = ty + sy;
}

/* A mouse drag from @from to @to (offsets) with xdotool, as a person. */
static void
drag_between (Fixture *f,
              guint    from,
              guint    to)
{
  g_autofree char *xid = g_strdup_printf ("%lu", window_xid (GTK_WINDOW (f->window)));
  g_autofree char *x1 = NULL, *y1 = NULL, *x2 = NULL, *y2 = NULL, *xm = NULL;
  double ax, ay, bx, by;
  g_autoptr(GError) error = NULL;
  int status = 0;

  offset_to_window_point (f, from, &ax, &ay);
  offset_to_window_point (f, to, &bx, &by);
  x1 = g_strdup_printf ("%d", (int) ax);
  y1 = g_strdup_printf ("%d", (int) ay);
  x2 = g_strdup_printf ("%d", (int) bx);
  y2 = g_strdup_printf ("%d", (int) by);
  xm = g_strdup_printf ("%d", (int) ((ax + bx) / 2));
  {
    const char *argv[] = { xdotool, "windowfocus", xid,
                           "mousemove", "--window", xid, x1, y1, "sleep", "0.2",
                           "mousedown", "1", "sleep", "0.2",
                           "mousemove", "--window", xid, xm, y1, "sleep", "0.2",
                           "mousemove", "--window", xid, x2, y2, "sleep", "0.2",
                           "mouseup", "1", "sleep", "0.2", NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 NULL, NULL, &status, &error));
  }
  g_assert_no_error (error);
  gdk_display_sync (gtk_widget_get_display (GTK_WIDGET (f->window)));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}
#endif

/* ------------------------------------------------------------------ */
/* Tests                                                                */
/* ------------------------------------------------------------------ */

/* The keys are a capture-phase shortcut controller on the window, so the
 * article view's own label keys never see them. */
static void
test_keys_registered (Fixture       *f,
                      gconstpointer  data)
{
  static const struct
  {
    guint           keyval;
    GdkModifierType modifiers;
    const char     *action;
    guint           argument;
  } expected[] = {
    { GDK_KEY_a, 0, "win.accept-majority", 0 },
    { GDK_KEY_e, 0, "win.accept-edited", 0 },
    { GDK_KEY_r, 0, "win.reject", 0 },
    { GDK_KEY_Delete, 0, "win.reject", 0 },
    { GDK_KEY_1, 0, "win.accept-version", 1 },
    { GDK_KEY_2, 0, "win.accept-version", 2 },
    { GDK_KEY_9, 0, "win.accept-version", 9 },
    { GDK_KEY_n, 0, "win.next-disagreement", 0 },
    { GDK_KEY_n, GDK_SHIFT_MASK, "win.previous-disagreement", 0 },
    { GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", 0 },
    { GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", 0 },
    { GDK_KEY_m, GDK_CONTROL_MASK, "win.premerge", 0 },
    { GDK_KEY_F7, 0, "win.toggle-agreement", 0 },
    { GDK_KEY_v, 0, "win.pick-attributes", 0 },
  };
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->window));
  GtkShortcutController *keys = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (g_strcmp0 (gtk_event_controller_get_name (controller), "gloss-review-keys") == 0)
        keys = GTK_SHORTCUT_CONTROLLER (controller);
    }
  g_assert_nonnull (keys);
  g_assert_cmpint (gtk_event_controller_get_propagation_phase (GTK_EVENT_CONTROLLER (keys)), ==,
                   GTK_PHASE_CAPTURE);

  for (guint e = 0; e < G_N_ELEMENTS (expected); e++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (keys)) && !found; j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (keys), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);
          GVariant *arguments = gtk_shortcut_get_arguments (shortcut);

          if (!GTK_IS_KEYVAL_TRIGGER (trigger)
              || gdk_keyval_to_lower (gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger))) != expected[e].keyval
              || gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) != expected[e].modifiers)
            continue;

          found = TRUE;
          g_assert_true (GTK_IS_NAMED_ACTION (action));
          g_assert_cmpstr (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), ==, expected[e].action);
          if (expected[e].argument != 0)
            {
              g_assert_nonnull (arguments);
              g_assert_cmpuint (g_variant_get_uint32 (arguments), ==, expected[e].argument);
            }
        }
      if (!found)
        g_error ("no shortcut for %s", gtk_accelerator_name (expected[e].keyval, expected[e].modifiers));
    }
}

/* The article shows @unit: its text marked with the review's tag (and
 * nothing else), the caret at its start, and no text selected — the
 * selection is only ever the person's. */
static void
assert_unit_shown (Fixture         *f,
                   GlossReviewUnit *unit)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (gloss_review_window_get_article_view (f->window)));
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer),
                                               GLOSS_REVIEW_UNIT_TAG);
  int start = (int) gloss_review_unit_get_start (unit);
  int end = (int) gloss_review_unit_get_end (unit);
  GtkTextIter iter;
  int cursor;

  g_assert_nonnull (tag);
  g_assert_false (gtk_text_buffer_get_has_selection (buffer));
  g_object_get (buffer, "cursor-position", &cursor, NULL);
  g_assert_cmpint (cursor, ==, start);

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, start);
  g_assert_true (gtk_text_iter_starts_tag (&iter, tag));
  g_assert_true (gtk_text_iter_forward_to_tag_toggle (&iter, tag));
  g_assert_cmpint (gtk_text_iter_get_offset (&iter), ==, end);
  /* Marked nowhere else. */
  g_assert_false (gtk_text_iter_forward_to_tag_toggle (&iter, tag));
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, start);
  g_assert_false (gtk_text_iter_backward_to_tag_toggle (&iter, tag));
}

/* Units of every kind of disagreement, listed in document order, the
 * first one selected and shown in the article. */
static void
test_units_listed (Fixture       *f,
                   gconstpointer  data)
{
  GlossReview *review = gloss_adjudication_get_review (adjudication (f));
  GListModel *model = units (f);
  guint n = g_list_model_get_n_items (model);
  guint position;
  g_autofree char *mayor = NULL;
  g_autofree char *bilal = NULL;

  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, ==, g_list_model_get_n_items (G_LIST_MODEL (review)));
  g_assert_cmpuint (gloss_review_get_n_annotators (review), ==, 2);
  g_assert_cmpuint (gloss_review_count_pending (review), ==, n);
  g_assert_cmpuint (gloss_adjudication_get_n_decided (adjudication (f)), ==, 0);

  /* The first unit is selected, and shown in the article. */
  g_assert_cmpuint (selected_position (f), ==, 0);
  g_assert_true (gloss_review_window_get_selected_unit (f->window) == unit_at (f, 0));
  assert_unit_shown (f, unit_at (f, 0));

  for (guint i = 1; i < n; i++)
    g_assert_cmpuint (gloss_review_unit_get_start (unit_at (f, i - 1)), <=,
                      gloss_review_unit_get_start (unit_at (f, i)));

  /* docs/samples.md: 28 spans the same in both files, 5 of them with an
   * attribute set differently (a quote's form, verdicts, check-worthy),
   * and the deliberate disagreements of each kind. */
  g_assert_cmpuint (gloss_review_count_status (review, GLOSS_UNIT_AGREED), >=, 23);
  g_assert_cmpuint (gloss_review_count_status (review, GLOSS_UNIT_ATTRIBUTES), >=, 5);
  g_assert_cmpuint (gloss_review_count_status (review, GLOSS_UNIT_AGREED)
                    + gloss_review_count_status (review, GLOSS_UNIT_ATTRIBUTES), >=, 28);
  g_assert_cmpuint (gloss_review_count_status (review, GLOSS_UNIT_LABEL), >=, 1);
  g_assert_cmpuint (gloss_review_count_status (review, GLOSS_UNIT_BOUNDS), >=, 4);
  g_assert_cmpuint (gloss_review_count_status (review, GLOSS_UNIT_MISSING), >=, 5);

  /* PORT ELLERY: a location for Alice; Bilal did not mark it. */
  position = find_unit (f, ALICE, "PORT ELLERY", "location");
  g_assert_cmpint (gloss_review_unit_get_status (unit_at (f, position)), ==, GLOSS_UNIT_MISSING);
  g_assert_null (gloss_review_unit_get_version (unit_at (f, position), BILAL));

  /* Saltings vs Saltings estate. */
  position = find_unit (f, ALICE, "Saltings", "location");
  g_assert_cmpint (gloss_review_unit_get_status (unit_at (f, position)), ==, GLOSS_UNIT_BOUNDS);
  bilal = version_text (f, unit_at (f, position), BILAL);
  g_assert_cmpstr (bilal, ==, "Saltings estate");

  /* Coastal Connectivity Fund: misc vs organization. */
  position = find_unit (f, ALICE, "Coastal Connectivity Fund", "misc");
  g_assert_cmpint (gloss_review_unit_get_status (unit_at (f, position)), ==, GLOSS_UNIT_LABEL);
  g_assert_cmpstr (gloss_annotation_get_label (gloss_review_unit_get_version (unit_at (f, position), BILAL)),
                   ==, "organization");

  /* Independent group: Bilal only. */
  position = find_unit (f, BILAL, "Independent group", "organization");
  g_assert_cmpint (gloss_review_unit_get_status (unit_at (f, position)), ==, GLOSS_UNIT_MISSING);
  g_assert_null (gloss_review_unit_get_version (unit_at (f, position), ALICE));

  /* Zoë Castellane vs Mayor Zoë Castellane. */
  position = find_unit (f, ALICE, "Zoë Castellane", "person");
  mayor = version_text (f, unit_at (f, position), BILAL);
  g_assert_cmpstr (mayor, ==, "Mayor Zoë Castellane");
  g_assert_cmpint (gloss_review_unit_get_status (unit_at (f, position)), ==, GLOSS_UNIT_BOUNDS);

  /* No gold file until a decision is made. */
  g_assert_false (g_file_query_exists (f->gold, NULL));
}

/* A: the majority's version goes into the gold set and the gold file,
 * with where it came from; the selection moves on. */
static void
test_accept_majority (Fixture       *f,
                      gconstpointer  data)
{
  guint position = first_with_status (f, GLOSS_UNIT_AGREED);
  GlossReviewUnit *unit = unit_at (f, position);
  GlossAnnotation *version = gloss_review_unit_get_version (unit, ALICE);
  guint start = gloss_annotation_get_start (version);
  guint end = gloss_annotation_get_end (version);
  g_autofree char *label = g_strdup (gloss_annotation_get_label (version));
  guint next = next_where (f, position, FALSE, is_pending);
  GlossAnnotation *gold;
  g_autoptr(JsonObject) on_disk = NULL;
  JsonObject *annotation, *review;
  JsonArray *from;

  select_unit (f, position);
  press (f, "a");

  g_assert_cmpint (gloss_review_unit_get_decision (unit), ==, GLOSS_DECISION_ACCEPTED);
  gold = gold_in_set (f, start, end);
  g_assert_nonnull (gold);
  g_assert_cmpstr (gloss_annotation_get_label (gold), ==, label);
  g_assert_true (gloss_review_unit_get_gold (unit) == gold);
  g_assert_cmpuint (n_gold (f), ==, 1);
  g_assert_cmpuint (gloss_adjudication_get_n_decided (adjudication (f)), ==, 1);
  /* On to the next unit still to decide. */
  g_assert_cmpuint (next, ==, position + 1);
  g_assert_cmpuint (selected_position (f), ==, next);

  WAIT_FOR (saved (f) && (on_disk = read_gold (f)) != NULL
            && gold_annotation_on_disk (on_disk, start, end) != NULL);
  annotation = gold_annotation_on_disk (on_disk, start, end);
  g_assert_cmpstr (json_object_get_string_member (annotation, "label"), ==, label);
  g_assert_true (json_object_has_member (annotation, "review"));
  review = json_object_get_object_member (annotation, "review");
  g_assert_cmpstr (json_object_get_string_member (review, "decision"), ==, "accepted");
  g_assert_cmpstr (json_object_get_string_member (review, "adjudicator"), ==, ADJUDICATOR);
  from = json_object_get_array_member (review, "from");
  g_assert_cmpuint (json_array_get_length (from), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (from, 0), ==, "alice");
  g_assert_cmpstr (json_array_get_string_element (from, 1), ==, "bilal");

  /* The gold file is the adjudicator's, and says whom it reviewed. */
  {
    JsonObject *record = json_object_get_object_member (on_disk, "review");
    JsonArray *annotators = json_object_get_array_member (record, "annotators");

    g_assert_cmpstr (json_object_get_string_member (record, "adjudicator"), ==, ADJUDICATOR);
    g_assert_cmpuint (json_array_get_length (annotators), ==, 2);
    g_assert_cmpstr (json_array_get_string_element (annotators, 0), ==, "alice");
    g_assert_cmpstr (json_array_get_string_element (annotators, 1), ==, "bilal");
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (on_disk, "annotator"), "id"),
                     ==, ADJUDICATOR);
  }
}

/* R and Delete: nothing goes into the gold set; the record lists it. */
static void
test_reject (Fixture       *f,
             gconstpointer  data)
{
  guint port = find_unit (f, ALICE, "PORT ELLERY", "location");
  guint group = find_unit (f, BILAL, "Independent group", "organization");
  GlossReviewUnit *port_unit = unit_at (f, port);
  GlossReviewUnit *group_unit = unit_at (f, group);
  g_autoptr(JsonObject) on_disk = NULL;

  select_unit (f, port);
  press (f, "r");
  g_assert_cmpint (gloss_review_unit_get_decision (port_unit), ==, GLOSS_DECISION_REJECTED);
  g_assert_null (gloss_review_unit_get_gold (port_unit));
  g_assert_cmpuint (n_gold (f), ==, 0);
  g_assert_cmpuint (selected_position (f), ==, next_where (f, port, FALSE, is_pending));
  g_assert_cmpuint (selected_position (f), !=, port);

  select_unit (f, group);
  press (f, "Delete");
  g_assert_cmpint (gloss_review_unit_get_decision (group_unit), ==, GLOSS_DECISION_REJECTED);
  g_assert_cmpuint (n_gold (f), ==, 0);
  g_assert_cmpuint (gloss_adjudication_get_n_decided (adjudication (f)), ==, 2);

  WAIT_FOR (saved (f) && (on_disk = read_gold (f)) != NULL
            && rejected_on_disk (on_disk, "entity",
                                 gloss_review_unit_get_start (group_unit),
                                 gloss_review_unit_get_end (group_unit)));
  g_assert_true (rejected_on_disk (on_disk, "entity",
                                   gloss_review_unit_get_start (port_unit),
                                   gloss_review_unit_get_end (port_unit)));
  g_assert_cmpuint (n_annotations_on_disk (on_disk), ==, 0);
}

/* 2: Bilal's version, with his bounds, on a unit where the bounds differ. */
static void
test_accept_version (Fixture       *f,
                     gconstpointer  data)
{
  guint position = find_unit (f, ALICE, "Saltings", "location");
  GlossReviewUnit *unit = unit_at (f, position);
  GlossAnnotation *bilal = gloss_review_unit_get_version (unit, BILAL);
  GlossAnnotation *gold;
  g_autoptr(JsonObject) on_disk = NULL;
  JsonObject *review;

  g_assert_cmpint (gloss_review_unit_get_status (unit), ==, GLOSS_UNIT_BOUNDS);
  select_unit (f, position);
  press (f, "2");

  g_assert_cmpint (gloss_review_unit_get_decision (unit), ==, GLOSS_DECISION_ACCEPTED);
  gold = gloss_review_unit_get_gold (unit);
  g_assert_nonnull (gold);
  g_assert_cmpuint (gloss_annotation_get_start (gold), ==, gloss_annotation_get_start (bilal));
  g_assert_cmpuint (gloss_annotation_get_end (gold), ==, gloss_annotation_get_end (bilal));
  g_assert_cmpstr (gloss_annotation_get_exact (gold), ==, "Saltings estate");
  g_assert_cmpstr (gloss_annotation_get_label (gold), ==, "location");
  g_assert_cmpuint (selected_position (f), ==, position + 1);

  WAIT_FOR (saved (f) && (on_disk = read_gold (f)) != NULL
            && gold_annotation_on_disk (on_disk, gloss_annotation_get_start (bilal),
                                        gloss_annotation_get_end (bilal)) != NULL);
  review = json_object_get_object_member (gold_annotation_on_disk (on_disk, gloss_annotation_get_start (bilal),
                                                                   gloss_annotation_get_end (bilal)),
                                          "review");
  g_assert_cmpstr (json_object_get_string_member (review, "decision"), ==, "accepted");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (review, "from")), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (review, "from"), 0), ==, "bilal");

  /* 1 on a unit Bilal alone marked: Alice has no version, nothing changes. */
  position = find_unit (f, BILAL, "Independent group", "organization");
  select_unit (f, position);
  press (f, "1");
  g_assert_cmpint (gloss_review_unit_get_decision (unit_at (f, position)), ==, GLOSS_DECISION_PENDING);
  g_assert_cmpuint (selected_position (f), ==, position);
  g_assert_nonnull (info_message (f));
}

/* E: the text selected in the article, as an edited version. */
/* A drag that starts inside the unit shown selects text, as anywhere in an
 * article (the unit used to be shown as a selection, so a drag there
 * became a drag and drop of that text and selected nothing); E then
 * takes what the person selected. */
static void
test_drag_in_unit_selects (Fixture       *f,
                           gconstpointer  data)
{
#ifdef GDK_WINDOWING_X11
  guint position = find_unit (f, ALICE, "Zoë Castellane", "person");
  GlossReviewUnit *unit = unit_at (f, position);
  guint unit_start = gloss_review_unit_get_start (unit);
  guint unit_end = gloss_review_unit_get_end (unit);
  guint start = 0, end = 0;
  GlossAnnotation *gold;

  if (xdotool == NULL)
    {
      g_test_skip ("no xdotool or no X11 display: no real mouse drags");
      return;
    }

  select_unit (f, position);
  assert_unit_shown (f, unit);

  /* From inside "Castellane" to its last letter. */
  drag_between (f, unit_start + 6, unit_end - 1);
  g_assert_true (gloss_article_view_get_selection_range (gloss_review_window_get_article_view (f->window),
                                                         &start, &end));
  g_assert_cmpuint (start, >, unit_start);
  g_assert_cmpuint (end, <=, unit_end);
  g_assert_cmpint (gloss_review_unit_get_decision (unit), ==, GLOSS_DECISION_PENDING);

  press (f, "e");
  g_assert_cmpint (gloss_review_unit_get_decision (unit), ==, GLOSS_DECISION_EDITED);
  gold = gloss_review_unit_get_gold (unit);
  g_assert_nonnull (gold);
  g_assert_cmpuint (gloss_annotation_get_start (gold), ==, start);
  g_assert_cmpuint (gloss_annotation_get_end (gold), ==, end);
#else
  g_test_skip ("no X11: no real mouse drags");
#endif
}

static void
test_accept_edited (Fixture       *f,
                    gconstpointer  data)
{
  guint position = find_unit (f, ALICE, "Zoë Castellane", "person");
  GlossReviewUnit *unit = unit_at (f, position);
  GlossAnnotation *alice = gloss_review_unit_get_version (unit, ALICE);
  /* "Castellane" alone: neither annotator's version. */
  guint start = gloss_annotation_get_start (alice) + 4;
  guint end = gloss_annotation_get_end (alice);
  GlossAnnotation *gold;
  g_autoptr(JsonObject) on_disk = NULL;
  JsonObject *review;

  /* E with nothing selected by the person: nothing recorded, and said
   * (it used to record the unit's own extent as an edit). */
  select_unit (f, position);
  press (f, "e");
  g_assert_cmpint (gloss_review_unit_get_decision (unit), ==, GLOSS_DECISION_PENDING);
  g_assert_null (gloss_review_unit_get_gold (unit));
  g_assert_nonnull (info_message (f));
  g_assert_nonnull (strstr (info_message (f), "Nothing new is selected"));

  gloss_article_view_select_range (gloss_review_window_get_article_view (f->window), start, end);
  press (f, "e");

  g_assert_cmpint (gloss_review_unit_get_decision (unit), ==, GLOSS_DECISION_EDITED);
  gold = gloss_review_unit_get_gold (unit);
  g_assert_nonnull (gold);
  g_assert_cmpuint (gloss_annotation_get_start (gold), ==, start);
  g_assert_cmpuint (gloss_annotation_get_end (gold), ==, end);
  g_assert_cmpstr (gloss_annotation_get_exact (gold), ==, "Castellane");
  g_assert_cmpstr (gloss_annotation_get_label (gold), ==, "person");
  g_assert_cmpuint (selected_position (f), ==, position + 1);

  WAIT_FOR (saved (f) && (on_disk = read_gold (f)) != NULL
            && gold_annotation_on_disk (on_disk, start, end) != NULL);
  review = json_object_get_object_member (gold_annotation_on_disk (on_disk, start, end), "review");
  g_assert_cmpstr (json_object_get_string_member (review, "decision"), ==, "edited");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (review, "from")), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (review, "adjudicator"), ==, ADJUDICATOR);
}

/* Ctrl+Z takes the last decision back, in the set and on disk; Ctrl+Shift+Z
 * makes it again. */
static void
test_undo_redo (Fixture       *f,
                gconstpointer  data)
{
  guint saltings = find_unit (f, ALICE, "Saltings", "location");
  guint port = find_unit (f, ALICE, "PORT ELLERY", "location");
  GlossReviewUnit *unit = unit_at (f, saltings);
  GlossReviewUnit *port_unit = unit_at (f, port);
  GlossAnnotation *bilal = gloss_review_unit_get_version (unit, BILAL);
  guint start = gloss_annotation_get_start (bilal), end = gloss_annotation_get_end (bilal);
  g_autoptr(JsonObject) on_disk = NULL;

  /* Two decisions: accept Bilal's, then reject. */
  select_unit (f, saltings);
  press (f, "2");
  g_assert_cmpint (gloss_review_unit_get_decision (unit), ==, GLOSS_DECISION_ACCEPTED);
  select_unit (f, port);
  press (f, "r");
  g_assert_cmpint (gloss_review_unit_get_decision (port_unit), ==, GLOSS_DECISION_REJECTED);
  WAIT_FOR (saved (f) && (on_disk = read_gold (f)) != NULL
            && gold_annotation_on_disk (on_disk, start, end) != NULL
            && rejected_on_disk (on_disk, "entity", gloss_review_unit_get_start (port_unit),
                                 gloss_review_unit_get_end (port_unit)));
  g_clear_pointer (&on_disk, json_object_unref);

  /* The rejection comes back off the record. */
  press (f, "ctrl+z");
  g_assert_cmpint (gloss_review_unit_get_decision (port_unit), ==, GLOSS_DECISION_PENDING);
  g_assert_cmpint (gloss_review_unit_get_decision (unit), ==, GLOSS_DECISION_ACCEPTED);
  WAIT_FOR (saved (f) && (on_disk = read_gold (f)) != NULL
            && !rejected_on_disk (on_disk, "entity", gloss_review_unit_get_start (port_unit),
                                  gloss_review_unit_get_end (port_unit)));
  g_clear_pointer (&on_disk, json_object_unref);

  /* The acceptance: the gold annotation goes, in the set and on disk. */
  press (f, "ctrl+z");
  g_assert_cmpint (gloss_review_unit_get_decision (unit), ==, GLOSS_DECISION_PENDING);
  g_assert_null (gloss_review_unit_get_gold (unit));
  g_assert_null (gold_in_set (f, start, end));
  g_assert_cmpuint (n_gold (f), ==, 0);
  g_assert_false (gloss_adjudication_can_undo (adjudication (f)));
  WAIT_FOR (saved (f) && (on_disk = read_gold (f)) != NULL
            && n_annotations_on_disk (on_disk) == 0);
  g_clear_pointer (&on_disk, json_object_unref);

  /* Nothing left to undo: the key does nothing. */
  press (f, "ctrl+z");
  g_assert_cmpint (gloss_review_unit_get_decision (unit), ==, GLOSS_DECISION_PENDING);

  /* Redo both, in order. */
  press (f, "ctrl+shift+z");
  g_assert_cmpint (gloss_review_unit_get_decision (unit), ==, GLOSS_DECISION_ACCEPTED);
  g_assert_nonnull (gold_in_set (f, start, end));
  g_assert_true (gloss_review_unit_get_gold (unit) == gold_in_set (f, start, end));
  g_assert_cmpint (gloss_review_unit_get_decision (port_unit), ==, GLOSS_DECISION_PENDING);
  press (f, "ctrl+shift+z");
  g_assert_cmpint (gloss_review_unit_get_decision (port_unit), ==, GLOSS_DECISION_REJECTED);
  g_assert_false (gloss_adjudication_can_redo (adjudication (f)));
  WAIT_FOR (saved (f) && (on_disk = read_gold (f)) != NULL
            && gold_annotation_on_disk (on_disk, start, end) != NULL
            && rejected_on_disk (on_disk, "entity", gloss_review_unit_get_start (port_unit),
                                 gloss_review_unit_get_end (port_unit)));
  g_assert_cmpuint (n_annotations_on_disk (on_disk), ==, 1);

  /* Undo, then a new decision: the redo is gone, and undo takes back the
   * new decision only. */
  press (f, "ctrl+z");
  g_assert_cmpint (gloss_review_unit_get_decision (port_unit), ==, GLOSS_DECISION_PENDING);
  select_unit (f, port);
  press (f, "a");
  g_assert_cmpint (gloss_review_unit_get_decision (port_unit), ==, GLOSS_DECISION_ACCEPTED);
  g_assert_false (gloss_adjudication_can_redo (adjudication (f)));
  g_assert_cmpuint (n_gold (f), ==, 2);
  press (f, "ctrl+z");
  g_assert_cmpint (gloss_review_unit_get_decision (port_unit), ==, GLOSS_DECISION_PENDING);
  g_assert_cmpint (gloss_review_unit_get_decision (unit), ==, GLOSS_DECISION_ACCEPTED);
  g_assert_cmpuint (n_gold (f), ==, 1);
  g_assert_nonnull (gold_in_set (f, start, end));
}

/* N and Shift+N: the next and previous disagreement still to decide,
 * skipping agreed and decided units. */
static void
test_next_disagreement (Fixture       *f,
                        gconstpointer  data)
{
  guint first, second, third;

  select_unit (f, 0);
  first = next_where (f, 0, FALSE, is_pending_disagreement);
  g_assert_cmpuint (first, !=, GTK_INVALID_LIST_POSITION);

  press (f, "n");
  g_assert_cmpuint (selected_position (f), ==, first);
  g_assert_cmpint (gloss_review_unit_get_status (unit_at (f, first)), !=, GLOSS_UNIT_AGREED);

  second = next_where (f, first, FALSE, is_pending_disagreement);
  g_assert_cmpuint (second, !=, first);
  press (f, "n");
  g_assert_cmpuint (selected_position (f), ==, second);
  /* Agreed units in between are skipped. */
  for (guint i = first + 1; i < second; i++)
    g_assert_cmpint (gloss_review_unit_get_status (unit_at (f, i)), ==, GLOSS_UNIT_AGREED);

  press (f, "shift+n");
  g_assert_cmpuint (selected_position (f), ==, first);

  /* Decided units are skipped: reject the second, go back, then on. */
  select_unit (f, second);
  press (f, "r");
  g_assert_cmpint (gloss_review_unit_get_decision (unit_at (f, second)), ==, GLOSS_DECISION_REJECTED);
  third = next_where (f, first, FALSE, is_pending_disagreement);
  g_assert_cmpuint (third, >, second);
  select_unit (f, first);
  press (f, "n");
  g_assert_cmpuint (selected_position (f), ==, third);

  /* The article shows the selected unit. */
  assert_unit_shown (f, unit_at (f, third));
}

/* Ctrl+M accepts every unit everyone agreed on, as one undo step: those
 * whose attributes differ too (the samples have some), which go into the
 * gold with the values they share (gloss-adjudication.c, strategy_settles). */
static void
test_premerge (Fixture       *f,
               gconstpointer  data)
{
  GlossReview *review = gloss_adjudication_get_review (adjudication (f));
  guint n = g_list_model_get_n_items (units (f));
  guint n_agreed = gloss_review_count_status (review, GLOSS_UNIT_AGREED)
                   + gloss_review_count_status (review, GLOSS_UNIT_ATTRIBUTES);
  guint saltings = find_unit (f, ALICE, "Saltings", "location");
  g_autoptr(JsonObject) on_disk = NULL;
  g_autofree char *count = g_strdup_printf ("%u", n_agreed);

  /* One disagreement decided first: premerging leaves it alone. */
  select_unit (f, saltings);
  press (f, "1");
  g_assert_cmpuint (n_gold (f), ==, 1);

  press (f, "ctrl+m");
  g_assert_cmpuint (n_gold (f), ==, n_agreed + 1);
  for (guint i = 0; i < n; i++)
    {
      GlossReviewUnit *unit = unit_at (f, i);

      if (gloss_review_unit_get_status (unit) == GLOSS_UNIT_AGREED
          || gloss_review_unit_get_status (unit) == GLOSS_UNIT_ATTRIBUTES)
        {
          GlossAnnotation *version = gloss_review_unit_get_version (unit, ALICE);
          GlossAnnotation *gold = gloss_review_unit_get_gold (unit);

          g_assert_cmpint (gloss_review_unit_get_decision (unit), ==, GLOSS_DECISION_ACCEPTED);
          g_assert_nonnull (gold);
          g_assert_cmpuint (gloss_annotation_get_start (gold), ==, gloss_annotation_get_start (version));
          g_assert_cmpuint (gloss_annotation_get_end (gold), ==, gloss_annotation_get_end (version));
          g_assert_cmpstr (gloss_annotation_get_label (gold), ==, gloss_annotation_get_label (version));
        }
      else if (i != saltings)
        g_assert_cmpint (gloss_review_unit_get_decision (unit), ==, GLOSS_DECISION_PENDING);
    }
  g_assert_cmpuint (gloss_adjudication_get_n_decided (adjudication (f)), ==, n_agreed + 1);
  g_assert_nonnull (info_message (f));
  g_assert_nonnull (strstr (info_message (f), count));

  WAIT_FOR (saved (f) && (on_disk = read_gold (f)) != NULL
            && n_annotations_on_disk (on_disk) == n_agreed + 1);
  g_clear_pointer (&on_disk, json_object_unref);

  /* A second time there is nothing to merge. */
  press (f, "ctrl+m");
  g_assert_cmpuint (n_gold (f), ==, n_agreed + 1);

  /* One step back undoes the whole merge, not the decision before it. */
  press (f, "ctrl+z");
  g_assert_cmpuint (n_gold (f), ==, 1);
  g_assert_cmpint (gloss_review_unit_get_decision (unit_at (f, saltings)), ==, GLOSS_DECISION_ACCEPTED);
  g_assert_cmpuint (gloss_adjudication_get_n_decided (adjudication (f)), ==, 1);
  WAIT_FOR (saved (f) && (on_disk = read_gold (f)) != NULL
            && n_annotations_on_disk (on_disk) == 1);
}

/* A new window on the same article gets every decision back from the gold
 * file. */
static void
test_reopen_restores (Fixture       *f,
                      gconstpointer  data)
{
  guint agreed = first_with_status (f, GLOSS_UNIT_AGREED);
  guint port = find_unit (f, ALICE, "PORT ELLERY", "location");
  guint saltings = find_unit (f, ALICE, "Saltings", "location");
  guint zoe = find_unit (f, ALICE, "Zoë Castellane", "person");
  guint fund = find_unit (f, ALICE, "Coastal Connectivity Fund", "misc");
  guint n = g_list_model_get_n_items (units (f));
  guint zoe_start = gloss_review_unit_get_start (unit_at (f, zoe));
  guint saltings_start, saltings_end;

  select_unit (f, agreed);
  press (f, "a");
  select_unit (f, port);
  press (f, "r");
  select_unit (f, saltings);
  press (f, "2");
  saltings_start = gloss_annotation_get_start (gloss_review_unit_get_gold (unit_at (f, saltings)));
  saltings_end = gloss_annotation_get_end (gloss_review_unit_get_gold (unit_at (f, saltings)));
  select_unit (f, zoe);
  gloss_article_view_select_range (gloss_review_window_get_article_view (f->window),
                                   zoe_start + 6, zoe_start + 20);
  press (f, "e");
  g_assert_cmpint (gloss_review_unit_get_decision (unit_at (f, zoe)), ==, GLOSS_DECISION_EDITED);
  select_unit (f, fund);
  press (f, "2");
  g_assert_cmpuint (gloss_adjudication_get_n_decided (adjudication (f)), ==, 5);

  close_review (f);
  open_review (f);

  g_assert_cmpuint (g_list_model_get_n_items (units (f)), ==, n);
  g_assert_cmpuint (gloss_adjudication_get_n_decided (adjudication (f)), ==, 5);
  g_assert_cmpint (gloss_review_unit_get_decision (unit_at (f, agreed)), ==, GLOSS_DECISION_ACCEPTED);
  g_assert_cmpint (gloss_review_unit_get_decision (unit_at (f, port)), ==, GLOSS_DECISION_REJECTED);
  g_assert_cmpint (gloss_review_unit_get_decision (unit_at (f, saltings)), ==, GLOSS_DECISION_ACCEPTED);
  g_assert_cmpuint (gloss_annotation_get_start (gloss_review_unit_get_gold (unit_at (f, saltings))), ==, saltings_start);
  g_assert_cmpuint (gloss_annotation_get_end (gloss_review_unit_get_gold (unit_at (f, saltings))), ==, saltings_end);
  g_assert_cmpint (gloss_review_unit_get_decision (unit_at (f, zoe)), ==, GLOSS_DECISION_EDITED);
  g_assert_cmpint (gloss_review_unit_get_decision (unit_at (f, fund)), ==, GLOSS_DECISION_ACCEPTED);
  g_assert_cmpstr (gloss_annotation_get_label (gloss_review_unit_get_gold (unit_at (f, fund))), ==, "organization");

  /* And the decisions carry on from there: undoing has nothing from the
   * last window, a new decision adds to the file. */
  g_assert_false (gloss_adjudication_can_undo (adjudication (f)));
  select_unit (f, port);
  press (f, "a");
  g_assert_cmpint (gloss_review_unit_get_decision (unit_at (f, port)), ==, GLOSS_DECISION_ACCEPTED);
  g_assert_cmpuint (n_gold (f), ==, 5);
}

/* A gold file that fails to load: read-only, said so, and never written. */
static void
test_corrupt_gold_untouched (Fixture       *f,
                             gconstpointer  data)
{
  static const char garbage[] = "{ \"format\": \"gloss\", \"version\": 1, \"annotations\": [ { garbage";
  g_autofree char *path = g_file_get_path (f->gold);
  g_autofree char *after = NULL;
  g_autofree char *opened_with_message = NULL;
  g_autoptr(GError) error = NULL;
  guint agreed;
  GlossReviewUnit *unit;

  g_assert_true (g_file_set_contents (path, garbage, -1, NULL));
  open_review (f);

  g_assert_cmpint (gloss_session_get_save_state (gold_session (f)), ==, GLOSS_SAVE_STATE_READ_ONLY);
  g_assert_cmpuint (g_list_model_get_n_items (units (f)), >, 0);

  /* The window says so as it opens (checked last, so that the rest is
   * checked whatever this says). */
  opened_with_message = g_strdup (info_message (f));

  agreed = first_with_status (f, GLOSS_UNIT_AGREED);
  unit = unit_at (f, agreed);
  select_unit (f, agreed);
  press (f, "a");
  g_assert_cmpint (gloss_review_unit_get_decision (unit), ==, GLOSS_DECISION_PENDING);
  g_assert_cmpuint (selected_position (f), ==, agreed);
  g_assert_nonnull (info_message (f));
  g_assert_cmpuint (n_gold (f), ==, 0);

  press (f, "r");
  g_assert_cmpint (gloss_review_unit_get_decision (unit), ==, GLOSS_DECISION_PENDING);
  press (f, "ctrl+m");
  g_assert_cmpuint (gloss_adjudication_get_n_decided (adjudication (f)), ==, 0);

  /* The model refuses too, with an error. */
  g_assert_false (gloss_adjudication_accept_majority (adjudication (f), unit, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (gloss_adjudication_reject (adjudication (f), unit, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_READ_ONLY);

  /* A save of a read-only session starts no write (it would show as
   * SAVING at once), and closing waits for the session to end: no quiet
   * period to guess. */
  gloss_session_save (gold_session (f));
  g_assert_cmpint (gloss_session_get_save_state (gold_session (f)), ==, GLOSS_SAVE_STATE_READ_ONLY);
  close_review (f);

  after = gloss_ui_test_try_read_file (f->gold);
  g_assert_cmpstr (after, ==, garbage);

  EXPECT (opened_with_message != NULL && strstr (opened_with_message, "gold file cannot be used") != NULL,
          "opened read-only, the info bar says nothing: on_gold_loaded() shows the message, "
          "then find_candidates() → rebuild_review() hides it with show_info (self, NULL)");
}

/* With the list showing only units still to decide, a decision takes the
 * unit out of the list and the selection goes on to the next one. */
static void
test_still_to_decide_advance (Fixture       *f,
                              gconstpointer  data)
{
  GtkWidget *dropdown = gloss_ui_test_find_of_type (GTK_WIDGET (f->window), GTK_TYPE_DROP_DOWN);
  guint n;
  GlossReviewUnit *first, *second;

  g_assert_nonnull (dropdown);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), 6);   /* Still to decide */
  n = g_list_model_get_n_items (units (f));
  select_unit (f, 0);
  first = g_object_ref (unit_at (f, 0));
  second = g_object_ref (unit_at (f, 1));

  press (f, "r");
  g_assert_cmpint (gloss_review_unit_get_decision (first), ==, GLOSS_DECISION_REJECTED);
  g_assert_cmpuint (g_list_model_get_n_items (units (f)), ==, n - 1);
  EXPECT (gloss_review_window_get_selected_unit (f->window) == second,
          "with “Still to decide” shown, a decision skips the next unit: the decided unit leaves "
          "the filtered list (on_adjudication_changed refilters), the selection autoselects the "
          "unit that took its place, and advance() then steps one past it");

  g_object_unref (first);
  g_object_unref (second);
}

/* Two quotes of Alice's, one of Bilal's over both: two units of one kind
 * that overlap. Reopened, each decision must come back on its own unit. */
static void
test_reopen_overlapping_units (Fixture       *f,
                               gconstpointer  data)
{
  guint whole = find_unit (f, BILAL, "“If it is not on paper,” she said, “it is not a promise.”", "quote");
  guint second = find_unit (f, ALICE, "“it is not a promise.”", "quote");
  guint start = gloss_review_unit_get_start (unit_at (f, second));
  guint end = gloss_review_unit_get_end (unit_at (f, second));

  g_assert_cmpuint (whole, !=, second);
  g_assert_cmpuint (gloss_review_unit_get_start (unit_at (f, whole)), <, start);
  g_assert_cmpuint (gloss_review_unit_get_end (unit_at (f, whole)), ==, end);

  select_unit (f, second);
  press (f, "a");
  g_assert_cmpint (gloss_review_unit_get_decision (unit_at (f, second)), ==, GLOSS_DECISION_ACCEPTED);
  g_assert_cmpint (gloss_review_unit_get_decision (unit_at (f, whole)), ==, GLOSS_DECISION_PENDING);

  close_review (f);
  open_review (f);

  EXPECT (gloss_review_unit_get_decision (unit_at (f, second)) == GLOSS_DECISION_ACCEPTED
          && gloss_review_unit_get_decision (unit_at (f, whole)) == GLOSS_DECISION_PENDING,
          "reopened, the decision on “it is not a promise.” comes back on the overlapping earlier unit: "
          "restore_decisions() gives each unit the first unclaimed gold of its kind that overlaps it");

  /* Deciding the other unit must leave that gold annotation alone. */
  select_unit (f, whole);
  press (f, "2");
  g_assert_cmpint (gloss_review_unit_get_decision (unit_at (f, whole)), ==, GLOSS_DECISION_ACCEPTED);
  EXPECT (gold_in_set (f, start, end) != NULL && n_gold (f) == 2,
          "deciding the earlier unit removes the gold annotation accepted for the later one "
          "(decide() replaces the unit's misattributed gold)");
}

/* Closing writes what autosave had not yet: a window opened right after
 * has every decision. */
static void
test_reopen_at_once (Fixture       *f,
                     gconstpointer  data)
{
  guint port = find_unit (f, ALICE, "PORT ELLERY", "location");
  guint n_decided;

  gloss_session_set_autosave_delay (gold_session (f), 10000);
  select_unit (f, port);
  press (f, "r");
  press (f, "ctrl+m");
  n_decided = gloss_adjudication_get_n_decided (adjudication (f));
  g_assert_cmpuint (n_decided, >, 1);
  g_assert_false (saved (f));

  /* Not close_review(): no waiting for the session. */
  gloss_ui_test_close_window (GTK_WINDOW (f->window), TIMEOUT_MS);
  g_assert_null (f->window);
  open_review (f);

  g_assert_cmpuint (gloss_adjudication_get_n_decided (adjudication (f)), ==, n_decided);
  g_assert_cmpint (gloss_review_unit_get_decision (unit_at (f, port)), ==, GLOSS_DECISION_REJECTED);
}

static gboolean
has_label_containing (GtkWidget  *widget,
                      const char *needle)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && strstr (gtk_label_get_text (GTK_LABEL (child)), needle) != NULL)
        return TRUE;
      if (has_label_containing (child, needle))
        return TRUE;
    }
  return FALSE;
}

/* F7 shows the agreement panel: this article's figures, and the folder's,
 * counted in a thread (all three sample articles have both annotators). */
static void
test_agreement_panel (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *chart = gloss_ui_test_find_of_type (GTK_WIDGET (f->window), GLOSS_TYPE_CONFUSION_CHART);
  GtkWidget *revealer = chart != NULL ? gtk_widget_get_ancestor (chart, GTK_TYPE_REVEALER) : NULL;

  g_assert_nonnull (revealer);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  press (f, "F7");
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_true (has_label_containing (revealer, "alice – bilal"));
  WAIT_FOR (has_label_containing (revealer, "3 articles"));
  press (f, "F7");
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
}

/* The panel gives each layer alone, from the model's figures (the same
 * `gloss-cli agree` prints, checked in tests/cli/test-cli-agree.py): for
 * alice and bilal, Cohen's kappa and alpha per kind, this article's
 * (harbour: claims 0.891, quotes 0.989, entities 0.867) and the folder's
 * (claims 0.895, quotes 0.973, entities 0.903). A selectable label, so
 * reachable by keyboard. */
static void
test_agreement_panel_kinds (Fixture       *f,
                            gconstpointer  data)
{
  GtkWidget *chart = gloss_ui_test_find_of_type (GTK_WIDGET (f->window), GLOSS_TYPE_CONFUSION_CHART);
  GtkWidget *revealer = chart != NULL ? gtk_widget_get_ancestor (chart, GTK_TYPE_REVEALER) : NULL;
  const char *article_lines[] = {
    "\n  claims          0.891  0.891",
    "\n  quotes          0.989  0.989",
    "\n  entities        0.867  0.867",
  };
  const char *corpus_lines[] = {
    "\n  claims          0.895  0.895",
    "\n  quotes          0.973  0.973",
    "\n  entities        0.903  0.903",
  };

  g_assert_nonnull (revealer);
  press (f, "F7");
  g_assert_true (has_label_containing (revealer, "By kind (Cohen’s kappa, alpha):"));
  for (guint i = 0; i < G_N_ELEMENTS (article_lines); i++)
    g_assert_true (has_label_containing (revealer, article_lines[i]));
  WAIT_FOR (has_label_containing (revealer, "3 articles"));
  for (guint i = 0; i < G_N_ELEMENTS (corpus_lines); i++)
    g_assert_true (has_label_containing (revealer, corpus_lines[i]));
  g_assert_false (has_label_containing (revealer, "nobody marked one"));
}

/* A label file that cannot be read: the walk that finds the annotators'
 * sidecars, and the one that counts the folder's figures, both report it
 * (gloss-corpus-walk.h) and go on without it, and the window says so in
 * its info bar, naming the file; the built-in set is never used silently. */
#define BROKEN_LABELS "{\"format\": \"gloss-labels\", \"labels\": [ {"

/* Beside the article under review: the gold file cannot be opened with
 * it (gloss_session_new() refuses a broken label file), so nothing is
 * reviewed, and the info bar says why, naming the file. (The candidates'
 * walk reports the same file, but that is shown only once the gold file
 * is open: /review/broken-labels-candidates.) */
static void
test_broken_labels_beside (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GFile) folder = g_file_new_for_path (f->dir);
  g_autofree char *labels_path = g_build_filename (f->dir, "gloss-labels.json", NULL);
  const char *message;

  gloss_ui_test_write_file (folder, "gloss-labels.json", BROKEN_LABELS, -1);
  f->window = gloss_review_window_new (GTK_APPLICATION (app), f->article, ADJUDICATOR);
  g_object_add_weak_pointer (G_OBJECT (f->window), (gpointer *) &f->window);
  gtk_window_present (GTK_WINDOW (f->window));

  WAIT_FOR (info_message (f) != NULL && strstr (info_message (f), labels_path) != NULL);
  message = info_message (f);
  g_test_message ("info bar: %s", message);
  g_assert_null (gloss_review_window_get_gold_session (f->window));
  g_assert_null (gloss_review_window_get_adjudication (f->window));
  g_assert_false (g_file_query_exists (f->gold, NULL));
}

/* Broken once the gold file is open (an open session is given again, with
 * the labels it read): the candidates' walk reads the annotators' sidecars
 * without the file, and the info bar says so, naming it. */
static void
test_broken_labels_candidates (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GFile) folder = g_file_new_for_path (f->dir);
  g_autofree char *labels_path = g_build_filename (f->dir, "gloss-labels.json", NULL);
  g_autoptr(GlossSession) gold = NULL;
  g_autoptr(GError) error = NULL;
  const char *message;

  gold = gloss_session_new (f->article, ADJUDICATOR, NULL, &error);
  g_assert_no_error (error);
  gloss_ui_test_write_file (folder, "gloss-labels.json", BROKEN_LABELS, -1);
  open_review (f);
  g_assert_true (gold_session (f) == gold);

  WAIT_FOR (info_message (f) != NULL
            && strstr (info_message (f), "A label file cannot be used") != NULL);
  message = info_message (f);
  g_test_message ("info bar: %s", message);
  g_assert_nonnull (strstr (message, "the sidecars were read without it"));
  g_assert_nonnull (strstr (message, labels_path));
  /* Read without labels, but read: both annotators are compared. */
  g_assert_cmpuint (gloss_review_get_n_annotators (gloss_adjudication_get_review (adjudication (f))), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (units (f)), >, 0);
}

/* In a folder below the article's: the article and its sidecars are fine,
 * so opening says nothing; F7 counts the folder's figures, the broken file
 * included, and says it. */
static void
test_broken_labels_corpus_figures (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GFile) sub = gloss_ui_test_make_folder (f->dir, "sub");
  g_autofree char *sub_path = g_file_get_path (sub);
  g_autofree char *labels_path = g_build_filename (sub_path, "gloss-labels.json", NULL);
  GtkWidget *chart;
  GtkWidget *revealer;
  const char *message;

  gloss_ui_test_copy_sample ("kyiv-grain-talks.txt", sub_path);
  gloss_ui_test_copy_sample ("kyiv-grain-talks.txt.alice.gloss.json", sub_path);
  gloss_ui_test_copy_sample ("kyiv-grain-talks.txt.bilal.gloss.json", sub_path);
  gloss_ui_test_write_file (sub, "gloss-labels.json", BROKEN_LABELS, -1);
  open_review (f);

  /* Nothing to say about the article itself. */
  g_assert_cmpuint (gloss_review_get_n_annotators (gloss_adjudication_get_review (adjudication (f))), ==, 2);
  g_assert_true (info_message (f) == NULL
                 || strstr (info_message (f), "A label file cannot be used") == NULL);

  chart = gloss_ui_test_find_of_type (GTK_WIDGET (f->window), GLOSS_TYPE_CONFUSION_CHART);
  revealer = chart != NULL ? gtk_widget_get_ancestor (chart, GTK_TYPE_REVEALER) : NULL;
  g_assert_nonnull (revealer);
  press (f, "F7");
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));

  /* The three articles beside it and the one below, counted without the
   * broken file's labels, and the file named. */
  WAIT_FOR (has_label_containing (revealer, "4 articles"));
  message = info_message (f);
  g_assert_nonnull (message);
  g_test_message ("info bar: %s", message);
  g_assert_nonnull (strstr (message, "A label file cannot be used; the corpus figures were counted without it"));
  g_assert_nonnull (strstr (message, labels_path));
}

/* The same decisions through the window's actions, as menus and buttons
 * reach them. */
static void
test_actions (Fixture       *f,
              gconstpointer  data)
{
  guint saltings = find_unit (f, ALICE, "Saltings", "location");
  guint port = find_unit (f, ALICE, "PORT ELLERY", "location");

  select_unit (f, saltings);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.accept-version", "u", 2));
  g_assert_cmpstr (gloss_annotation_get_exact (gloss_review_unit_get_gold (unit_at (f, saltings))), ==,
                   "Saltings estate");
  select_unit (f, port);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.reject", NULL));
  g_assert_cmpint (gloss_review_unit_get_decision (unit_at (f, port)), ==, GLOSS_DECISION_REJECTED);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  g_assert_cmpint (gloss_review_unit_get_decision (unit_at (f, port)), ==, GLOSS_DECISION_PENDING);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.redo", NULL));
  g_assert_cmpint (gloss_review_unit_get_decision (unit_at (f, port)), ==, GLOSS_DECISION_REJECTED);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.premerge", NULL));
  /* Merge Agreed takes units whose attributes alone differ too. */
  g_assert_cmpuint (gloss_adjudication_get_n_decided (adjudication (f)), ==,
                    gloss_review_count_status (gloss_adjudication_get_review (adjudication (f)),
                                               GLOSS_UNIT_AGREED)
                    + gloss_review_count_status (gloss_adjudication_get_review (adjudication (f)),
                                                 GLOSS_UNIT_ATTRIBUTES) + 2);
}

/* The main window's win.review (Ctrl+Shift+R) opens a review of its
 * article. */
static void
test_main_window_opens_review (Fixture       *f,
                               gconstpointer  data)
{
  GlossWindow *main_window = gloss_ui_test_open_window (app, f->article, TIMEOUT_MS);
  GlossReviewWindow *review = NULL;
  g_autofree char *title = NULL;

  if (xdotool != NULL)
    press_in (GTK_WINDOW (main_window), "ctrl+shift+r");
  else
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (main_window), "win.review", NULL));

  WAIT_FOR ((review = (GlossReviewWindow *) gloss_ui_test_find_toplevel (GLOSS_TYPE_REVIEW_WINDOW)) != NULL);
  f->window = review;
  g_object_add_weak_pointer (G_OBJECT (f->window), (gpointer *) &f->window);
  WAIT_FOR (gloss_review_window_get_adjudication (review) != NULL);

  title = g_strdup_printf ("Review — %s", ARTICLE);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (review)), ==, title);
  g_assert_true (gtk_window_get_application (GTK_WINDOW (review)) == GTK_APPLICATION (app));
  g_assert_cmpuint (g_list_model_get_n_items (units (f)), >, 0);
  g_assert_cmpuint (gloss_review_get_n_annotators (gloss_adjudication_get_review (adjudication (f))), ==, 2);
  {
    /* Into the adjudicator's file, the "gold" of the settings. */
    g_autofree char *gold = g_file_get_path (gloss_sidecar_get_file (gloss_session_get_sidecar (gold_session (f))));
    g_autofree char *wanted = g_file_get_path (f->gold);

    g_assert_cmpstr (gold, ==, wanted);
  }
}

/* The list follows the caret in the article, to the innermost unit
 * there, without touching the text the person selects. */
static void
test_caret_follows (Fixture       *f,
                    gconstpointer  data)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (gloss_review_window_get_article_view (f->window)));
  guint saltings = find_unit (f, BILAL, "Saltings estate", NULL);
  guint zoe = find_unit (f, ALICE, "Zoë Castellane", NULL);
  GlossReviewUnit *unit = unit_at (f, zoe);
  guint start = gloss_review_unit_get_start (unit);
  GtkTextIter a, b;

  /* A click inside "Saltings estate". */
  gtk_text_buffer_get_iter_at_offset (buffer, &a, (int)gloss_review_unit_get_start (unit_at (f, saltings)) + 2);
  gtk_text_buffer_place_cursor (buffer, &a);
  g_assert_cmpuint (selected_position (f), ==, saltings);
  g_assert_false (gtk_text_buffer_get_has_selection (buffer));

  /* Selecting part of "Zoë Castellane" by hand: the unit is chosen, the
   * selection stays as made (for E, accept as edited). */
  gtk_text_buffer_get_iter_at_offset (buffer, &a, (int)start + 1);
  gtk_text_buffer_get_iter_at_offset (buffer, &b, (int)start + 3);
  gtk_text_buffer_select_range (buffer, &b, &a);
  g_assert_cmpuint (selected_position (f), ==, zoe);
  g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &a, &b));
  g_assert_cmpint (gtk_text_iter_get_offset (&a), ==, (int)start + 1);
  g_assert_cmpint (gtk_text_iter_get_offset (&b), ==, (int)start + 3);

  /* Outside every unit: the list stays where it was. */
  gtk_text_buffer_get_start_iter (buffer, &a);
  gtk_text_buffer_place_cursor (buffer, &a);
  if (gloss_review_unit_get_start (unit_at (f, 0)) > 0)
    g_assert_cmpuint (selected_position (f), ==, zoe);
}

/* The text buffer says the cursor moved at every insert, also when a long
 * article goes into the view a chunk at a time and the caret stays put:
 * that must not move the list from the unit shown to a shorter unit under
 * the same caret. Bilal marks "Councillors" as an organization where Alice's
 * claim starts: two units, and the caret at the claim's start is in both. */
static void
test_insert_keeps_unit (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, ARTICLE ".bilal.gloss.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *added = json_object_new ();
  JsonArray *annotations;
  GtkTextBuffer *buffer;
  GtkTextIter end, before;
  guint claim, councillors;

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  annotations = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "annotations");
  json_object_set_string_member (added, "id", "a-c0ffee01");
  json_object_set_string_member (added, "label", "organization");
  json_object_set_int_member (added, "start", 87);
  json_object_set_int_member (added, "end", 98);
  json_object_set_string_member (added, "exact", "Councillors");
  json_object_set_string_member (added, "note", "");
  json_object_set_string_member (added, "created", "2026-11-20T09:16:23Z");
  json_object_set_string_member (added, "modified", "2026-11-20T09:16:23Z");
  json_array_add_object_element (annotations, added);
  json_generator_set_root (generator, json_parser_get_root (parser));
  g_assert_true (json_generator_to_file (generator, path, &error));
  g_assert_no_error (error);

  open_review (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-all-units", NULL));
  claim = find_unit (f, ALICE, "Councillors in Port Ellery voted 9–4 on Tuesday night to approve a £48.2 million "
                     "opening bridge across the inner harbour", "claim");
  councillors = find_unit (f, BILAL, "Councillors", "organization");
  g_assert_cmpuint (claim, !=, councillors);

  select_unit (f, claim);
  g_assert_cmpuint (gloss_article_view_get_caret_offset (gloss_review_window_get_article_view (f->window)), ==, 87);

  /* What the view's fill does to the buffer (undone at once). */
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (gloss_review_window_get_article_view (f->window)));
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, "\n", -1);
  gtk_text_buffer_get_end_iter (buffer, &end);
  before = end;
  gtk_text_iter_backward_char (&before);
  gtk_text_buffer_delete (buffer, &before, &end);

  EXPECT (selected_position (f) == claim,
          "text going into the view (the caret not moving) moved the list to the shorter unit "
          "at the caret: on_article_cursor_moved() must act only when the caret's offset changes");
}

/* A label's key accepts the selected unit with that label: over the
 * bounds most annotators chose, or over the text selected by hand. */
static void
test_label_key (Fixture       *f,
                gconstpointer  data)
{
  guint fund = find_unit (f, ALICE, "Coastal Connectivity Fund", "misc");
  guint saltings = find_unit (f, BILAL, "Saltings estate", NULL);
  GlossReviewUnit *unit;
  GlossAnnotation *gold;

  /* "o", Organization, on the unit whose labels differ. */
  select_unit (f, fund);
  if (xdotool != NULL)
    press (f, "o");
  else
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.annotate", "s", "organization"));
  unit = unit_at (f, fund);
  gold = gloss_review_unit_get_gold (unit);
  g_assert_cmpint (gloss_review_unit_get_decision (unit), ==, GLOSS_DECISION_EDITED);
  g_assert_nonnull (gold);
  g_assert_cmpstr (gloss_annotation_get_label (gold), ==, "organization");
  g_assert_cmpstr (gloss_annotation_get_exact (gold), ==, "Coastal Connectivity Fund");

  /* "l", Location, over "Saltings" selected by hand. */
  select_unit (f, saltings);
  unit = unit_at (f, saltings);
  gloss_article_view_select_range (gloss_review_window_get_article_view (f->window),
                                   gloss_review_unit_get_start (unit),
                                   gloss_review_unit_get_start (unit) + 8);
  if (xdotool != NULL)
    press (f, "l");
  else
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.annotate", "s", "location"));
  gold = gloss_review_unit_get_gold (unit);
  g_assert_nonnull (gold);
  g_assert_cmpstr (gloss_annotation_get_label (gold), ==, "location");
  g_assert_cmpstr (gloss_annotation_get_exact (gold), ==, "Saltings");
}

/* Add File…: a third annotator's sidecar from another folder joins the
 * review; the same annotator again, a broken file and a gold file of
 * one's own are refused with a message, and change nothing. */
static void
test_add_sidecar (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *other_dir = g_build_filename (f->dir, "elsewhere", NULL);
  g_autofree char *alice_path = g_build_filename (f->dir, ARTICLE ".alice.gloss.json", NULL);
  g_autofree char *carol_path = g_build_filename (other_dir, ARTICLE ".carol.gloss.json", NULL);
  g_autofree char *broken_path = g_build_filename (other_dir, ARTICLE ".dora.gloss.json", NULL);
  g_autofree char *alice = NULL;
  g_autoptr(GFile) carol_file = g_file_new_for_path (carol_path);
  g_autoptr(GFile) broken_file = g_file_new_for_path (broken_path);
  g_autoptr(GFile) alice_file = g_file_new_for_path (alice_path);
  g_autoptr(GError) error = NULL;
  GlossAdjudication *before = adjudication (f);
  guint n_units = g_list_model_get_n_items (units (f));
  gboolean three = FALSE;

  g_assert_cmpint (g_mkdir (other_dir, 0755), ==, 0);
  g_assert_true (g_file_get_contents (alice_path, &alice, NULL, NULL));
  {
    /* Carol is Alice under another id. */
    g_autoptr(GString) carol = g_string_new (alice);

    g_assert_cmpuint (g_string_replace (carol, "\"id\": \"alice\"", "\"id\": \"carol\"", 1), ==, 1);
    g_assert_true (g_file_set_contents (carol_path, carol->str, -1, NULL));
  }
  g_assert_true (g_file_set_contents (broken_path, "{ \"format\": \"gloss\", ", -1, NULL));

  /* A broken file: an error naming it, and the review as it was. */
  g_assert_false (gloss_review_window_add_sidecar (f->window, broken_file, &error));
  g_assert_nonnull (error);
  g_test_message ("broken: %s", error->message);
  g_clear_error (&error);
  g_assert_true (adjudication (f) == before);

  /* Alice again, from her own file: refused. */
  g_assert_false (gloss_review_window_add_sidecar (f->window, alice_file, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (adjudication (f) == before);

  /* Carol joins: three annotators, every unit has three slots. */
  g_assert_true (gloss_review_window_add_sidecar (f->window, carol_file, &error));
  g_assert_no_error (error);
  g_assert_true (adjudication (f) != before);
  three = g_list_model_get_n_items (units (f)) > 0
          && gloss_review_unit_get_n_annotators (unit_at (f, 0)) == 3;
  g_assert_true (three);
  /* Carol marked what Alice marked: no unit is Alice's alone any more. */
  for (guint i = 0; i < g_list_model_get_n_items (units (f)); i++)
    {
      GlossReviewUnit *unit = unit_at (f, i);

      if (gloss_review_unit_get_version (unit, 0) != NULL)
        g_assert_true (gloss_review_unit_versions_equal (unit, 0, 2));
    }
  g_assert_cmpuint (g_list_model_get_n_items (units (f)), ==, n_units);
}

/* A unit's row, named for screen readers (GTK 4.8 gives the list item no
 * name): the label, the status and decision (followed as it is made),
 * the versions. */
static void
test_row_accessible (void)
{
  g_autoptr(GlossReviewUnit) unit = gloss_review_unit_new (2, GLOSS_LABEL_KIND_CLAIM);
  g_autoptr(GlossAnnotation) alice = gloss_annotation_new ("a-1", "claim", 0, 5);
  g_autoptr(GlossAnnotation) bilal = gloss_annotation_new ("b-1", "claim", 0, 7);
  g_autoptr(GlossLabelSet) labels = gloss_label_set_get_builtin ();
  GtkWidget *row = g_object_ref_sink (gloss_review_row_new ());
  g_autofree char *pending = NULL;
  g_autofree char *accepted = NULL;

  gloss_review_unit_set_version (unit, 0, alice);
  gloss_review_unit_set_version (unit, 1, bilal);
  gloss_review_unit_settle (unit);
  g_assert_cmpint (gloss_review_unit_get_status (unit), ==, GLOSS_UNIT_BOUNDS);

  gloss_review_row_set_unit (GLOSS_REVIEW_ROW (row), unit, "Alice: “Talks”\nBilal: “Talks r”",
                             gloss_label_set_lookup (labels, "claim"));
  gtk_test_accessible_assert_role (row, GTK_ACCESSIBLE_ROLE_GROUP);
  pending = g_strdup_printf ("Claim: %s · %s, Alice: “Talks” Bilal: “Talks r”",
                             gloss_unit_status_to_string (GLOSS_UNIT_BOUNDS),
                             gloss_decision_to_string (GLOSS_DECISION_PENDING));
  gtk_test_accessible_assert_property (row, GTK_ACCESSIBLE_PROPERTY_LABEL, pending);

  gloss_review_unit_set_decision (unit, GLOSS_DECISION_ACCEPTED);
  accepted = g_strdup_printf ("Claim: %s · %s, Alice: “Talks” Bilal: “Talks r”",
                              gloss_unit_status_to_string (GLOSS_UNIT_BOUNDS),
                              gloss_decision_to_string (GLOSS_DECISION_ACCEPTED));
  gtk_test_accessible_assert_property (row, GTK_ACCESSIBLE_PROPERTY_LABEL, accepted);

  /* A label the set lacks is said to be unknown. */
  gloss_review_row_set_unit (GLOSS_REVIEW_ROW (row), unit, NULL, NULL);
  g_free (accepted);
  accepted = g_strdup_printf ("Unknown label: %s · %s",
                              gloss_unit_status_to_string (GLOSS_UNIT_BOUNDS),
                              gloss_decision_to_string (GLOSS_DECISION_ACCEPTED));
  gtk_test_accessible_assert_property (row, GTK_ACCESSIBLE_PROPERTY_LABEL, accepted);

  gloss_review_row_set_unit (GLOSS_REVIEW_ROW (row), NULL, NULL, NULL);
  gtk_test_accessible_assert_property (row, GTK_ACCESSIBLE_PROPERTY_LABEL, NULL);
  g_object_unref (row);
}

static AdwStatusPage *
empty_page (Fixture *f)
{
  GtkWidget *page = gloss_ui_test_find_of_type (GTK_WIDGET (f->window), ADW_TYPE_STATUS_PAGE);

  g_assert_nonnull (page);
  return ADW_STATUS_PAGE (page);
}

static gboolean
empty_page_says (Fixture    *f,
                 const char *title)
{
  AdwStatusPage *page = empty_page (f);

  return gtk_widget_get_mapped (GTK_WIDGET (page))
         && g_strcmp0 (adw_status_page_get_title (page), title) == 0;
}

/* The button of the empty page, with its action. */
static GtkWidget *
empty_page_button (Fixture *f)
{
  GtkWidget *button = gloss_ui_test_find_of_type (GTK_WIDGET (empty_page (f)), GTK_TYPE_BUTTON);

  g_assert_nonnull (button);
  return button;
}

/* Bilal's sidecar made from alice's: the same annotations, so no unit is
 * a disagreement. */
static GFile *
write_copy_of_alice (Fixture    *f,
                     const char *folder)
{
  g_autofree char *alice = g_build_filename (f->dir, ARTICLE ".alice.gloss.json", NULL);
  g_autofree char *path = g_build_filename (folder, ARTICLE ".bilal.gloss.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *annotator;

  g_assert_true (json_parser_load_from_file (parser, alice, &error));
  g_assert_no_error (error);
  annotator = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                             "annotator");
  json_object_set_string_member (annotator, "id", "bilal");
  json_object_set_string_member (annotator, "name", "Bilal");
  {
    g_autoptr(JsonGenerator) generator = json_generator_new ();

    json_generator_set_root (generator, json_parser_get_root (parser));
    g_assert_true (json_generator_to_file (generator, path, &error));
    g_assert_no_error (error);
  }
  return g_file_new_for_path (path);
}

/* Where the unit list is empty, the panel says why and offers the way
 * on (it was blank): one annotator → add a file; a filter that shows
 * nothing → show all units. */
static void
test_empty_states (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *bilal = g_build_filename (f->dir, ARTICLE ".bilal.gloss.json", NULL);
  g_autofree char *aside = g_build_filename (f->dir, "aside", NULL);
  g_autoptr(GFile) copy = NULL;
  g_autoptr(GError) error = NULL;
  GtkDropDown *show;

  g_assert_cmpint (g_unlink (bilal), ==, 0);
  f->window = gloss_review_window_new (GTK_APPLICATION (app), f->article, ADJUDICATOR);
  g_object_add_weak_pointer (G_OBJECT (f->window), (gpointer *) &f->window);
  gtk_window_present (GTK_WINDOW (f->window));

  WAIT_FOR (empty_page_says (f, "Nothing to Compare Yet"));
  g_assert_true (gtk_widget_get_visible (empty_page_button (f)));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (empty_page_button (f))),
                   ==, "win.add-file");
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (gloss_review_window_get_unit_list (f->window))));

  /* Bilal's file added: the units. */
  g_assert_cmpint (g_mkdir (aside, 0700), ==, 0);
  copy = write_copy_of_alice (f, aside);
  g_assert_true (gloss_review_window_add_sidecar (f->window, copy, &error));
  g_assert_no_error (error);
  WAIT_FOR (gloss_review_window_get_adjudication (f->window) != NULL);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (gloss_review_window_get_unit_list (f->window))));
  g_assert_cmpuint (g_list_model_get_n_items (units (f)), >, 0);

  /* Two identical sets: no disagreement to show. */
  show = GTK_DROP_DOWN (gloss_ui_test_find_of_type (GTK_WIDGET (f->window), GTK_TYPE_DROP_DOWN));
  gtk_drop_down_set_selected (show, 1);
  WAIT_FOR (empty_page_says (f, "No Units Shown"));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (empty_page_button (f))),
                   ==, "win.show-all-units");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-all-units", NULL));
  g_assert_cmpuint (gtk_drop_down_get_selected (show), ==, 0);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (gloss_review_window_get_unit_list (f->window))));
}

/* Takes the samples' own attribute values and fields of the article out
 * of every sidecar in the fixture's folder, for a test that sets the only
 * ones it counts. */
static void
strip_sample_attributes (Fixture *f)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(GError) error = NULL;
      JsonObject *root;
      JsonArray *annotations;

      if (!g_str_has_suffix (name, ".gloss.json"))
        continue;
      g_assert_true (json_parser_load_from_file (parser, path, &error));
      g_assert_no_error (error);
      root = json_node_get_object (json_parser_get_root (parser));
      json_object_remove_member (root, "document_labels");
      annotations = json_object_get_array_member (root, "annotations");
      for (guint i = 0; i < json_array_get_length (annotations); i++)
        json_object_remove_member (json_array_get_object_element (annotations, i), "attributes");
      json_generator_set_root (generator, json_parser_get_root (parser));
      json_generator_set_pretty (generator, TRUE);
      g_assert_true (json_generator_to_file (generator, path, &error));
      g_assert_no_error (error);
    }
}

/* Gives the first span alice and bilal marked alike in @article's
 * sidecars the attributes @alice and @bilal (JSON objects); returns its
 * start and end. */
static void
set_attributes_on_disk (Fixture    *f,
                        const char *alice,
                        const char *bilal,
                        guint      *start,
                        guint      *end)
{
  const char *values[] = { alice, bilal };
  g_autoptr(JsonParser) alice_parser = json_parser_new ();
  g_autoptr(JsonParser) bilal_parser = json_parser_new ();
  JsonParser *parsers[2] = { alice_parser, bilal_parser };
  g_autofree char *alice_path = g_strdup_printf ("%s/%s.alice.gloss.json", f->dir, ARTICLE);
  g_autofree char *bilal_path = g_strdup_printf ("%s/%s.bilal.gloss.json", f->dir, ARTICLE);
  const char *paths[2] = { alice_path, bilal_path };
  JsonArray *annotations[2];
  JsonObject *found[2] = { NULL, NULL };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 2; i++)
    {
      g_assert_true (json_parser_load_from_file (parsers[i], paths[i], &error));
      g_assert_no_error (error);
      annotations[i] = json_object_get_array_member (json_node_get_object (json_parser_get_root (parsers[i])),
                                                     "annotations");
    }

  for (guint i = 0; i < json_array_get_length (annotations[0]) && found[0] == NULL; i++)
    {
      JsonObject *a = json_array_get_object_element (annotations[0], i);

      for (guint j = 0; j < json_array_get_length (annotations[1]) && found[0] == NULL; j++)
        {
          JsonObject *b = json_array_get_object_element (annotations[1], j);

          if (json_object_get_int_member (a, "start") == json_object_get_int_member (b, "start")
              && json_object_get_int_member (a, "end") == json_object_get_int_member (b, "end")
              && g_str_equal (json_object_get_string_member (a, "label"), json_object_get_string_member (b, "label")))
            {
              found[0] = a;
              found[1] = b;
            }
        }
    }
  g_assert_nonnull (found[0]);
  *start = (guint)json_object_get_int_member (found[0], "start");
  *end = (guint)json_object_get_int_member (found[0], "end");

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      JsonNode *node = json_from_string (values[i], &error);

      g_assert_no_error (error);
      json_object_set_member (found[i], "attributes", node);
      json_generator_set_root (generator, json_parser_get_root (parsers[i]));
      json_generator_set_pretty (generator, TRUE);
      g_assert_true (json_generator_to_file (generator, paths[i], &error));
      g_assert_no_error (error);
    }
}

/* Alice and bilal marked a span alike but gave different verdicts: the
 * unit says "Attributes differ" (and the filter of that name shows it),
 * its row lists the values each gave; V opens the picker on the first
 * choice, the reviewer keeps bilal's verdict and accepts with the
 * keyboard, and the picked value reaches the gold file on disk. The F7
 * panel gives the attribute's figures. */
static void
test_attributes_differ (Fixture       *f,
                        gconstpointer  data)
{
  GtkDropDown *show;
  GtkPopover *picker;
  GtkWidget *dropdown;
  GlossReviewUnit *unit;
  GlossAnnotation *gold;
  GListModel *options;
  g_autoptr(GVariant) verdict = NULL;
  g_autoptr(JsonObject) on_disk = NULL;
  JsonObject *attributes;
  guint start, end, mixed = G_MAXUINT;

  /* The samples' own attributes out of the way: this unit is the only one. */
  strip_sample_attributes (f);
  set_attributes_on_disk (f, "{\"verdict\": \"false\", \"checkworthy\": true}",
                          "{\"verdict\": \"mixed\", \"checkworthy\": true}", &start, &end);
  open_review (f);

  g_assert_cmpuint (gloss_review_count_status (gloss_adjudication_get_review (adjudication (f)),
                                               GLOSS_UNIT_ATTRIBUTES), ==, 1);

  /* The filter: that unit alone, its row saying who gave what. */
  show = GTK_DROP_DOWN (gloss_ui_test_find_of_type (GTK_WIDGET (f->window), GTK_TYPE_DROP_DOWN));
  gtk_drop_down_set_selected (show, 7);
  g_assert_cmpstr (gtk_string_object_get_string (gtk_drop_down_get_selected_item (show)), ==, "Attributes differ");
  WAIT_FOR (g_list_model_get_n_items (units (f)) == 1);
  unit = unit_at (f, 0);
  g_assert_cmpint (gloss_review_unit_get_status (unit), ==, GLOSS_UNIT_ATTRIBUTES);
  g_assert_cmpuint (gloss_annotation_get_start (gloss_review_unit_get_version (unit, ALICE)), ==, start);
  gloss_ui_test_wait_for_frame (GTK_WIDGET (f->window), TIMEOUT_MS);
  g_assert_true (has_label_containing (GTK_WIDGET (gloss_review_window_get_unit_list (f->window)),
                                       "verdict: “false” (alice) · “mixed” (bilal)"));
  g_assert_false (has_label_containing (GTK_WIDGET (gloss_review_window_get_unit_list (f->window)),
                                        "checkworthy"));
  select_unit (f, 0);

  /* V: the picker, the keyboard on its first choice, the value most gave
   * selected (a tie: alice's, the first). */
  picker = gloss_review_window_get_attribute_picker (f->window);
  press (f, "v");
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (picker)));
  dropdown = gloss_ui_test_find_of_type (GTK_WIDGET (picker), GTK_TYPE_DROP_DOWN);
  g_assert_nonnull (dropdown);
  g_assert_true (gtk_widget_get_focusable (dropdown) || gtk_widget_get_first_child (dropdown) != NULL);
  g_assert_true (gtk_widget_has_focus (dropdown)
                 || gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)), dropdown));
  options = gtk_drop_down_get_model (GTK_DROP_DOWN (dropdown));
  g_assert_cmpuint (g_list_model_get_n_items (options), ==, 2);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown)), ==, 0);
  for (guint i = 0; i < g_list_model_get_n_items (options); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (options), i), "“mixed” (bilal)"))
      mixed = i;
  g_assert_cmpuint (mixed, ==, 1);
  g_assert_true (has_label_containing (GTK_WIDGET (picker), "verdict"));

  /* Bilal's verdict, then Tab to Accept These Values and Enter. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), mixed);
  if (xdotool != NULL)
    {
      press (f, "Tab");
      press (f, "Return");
    }
  else
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.accept-attributes", NULL));

  WAIT_FOR (gloss_review_unit_get_decision (unit) == GLOSS_DECISION_ACCEPTED);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (picker)));
  gold = gold_in_set (f, start, end);
  g_assert_nonnull (gold);
  verdict = gloss_annotation_get_attribute (gold, "verdict");
  g_assert_nonnull (verdict);
  g_assert_cmpstr (g_variant_get_string (verdict, NULL), ==, "mixed");

  WAIT_FOR (saved (f) && (on_disk = read_gold (f)) != NULL
            && gold_annotation_on_disk (on_disk, start, end) != NULL);
  attributes = json_object_get_object_member (gold_annotation_on_disk (on_disk, start, end), "attributes");
  g_assert_nonnull (attributes);
  g_assert_cmpstr (json_object_get_string_member (attributes, "verdict"), ==, "mixed");
  g_assert_true (json_object_get_boolean_member (attributes, "checkworthy"));

  /* F7: one span, two verdicts, no better than chance; checkworthy all
   * the same, undefined. */
  press (f, "F7");
  g_assert_true (has_label_containing (GTK_WIDGET (f->window), "By attribute (Cohen’s kappa, alpha, spans):"));
  g_assert_true (has_label_containing (GTK_WIDGET (f->window), "\n  verdict         0.000  0.000      1"));
  g_assert_true (has_label_containing (GTK_WIDGET (f->window), "\n  checkworthy       n/a    n/a      1"));
  WAIT_FOR (has_label_containing (GTK_WIDGET (f->window), "3 articles"));
}

/* V on a unit whose versions give the same values: the picker says so,
 * and Accept These Values does nothing. */
static void
test_attributes_same (Fixture       *f,
                      gconstpointer  data)
{
  GtkPopover *picker = gloss_review_window_get_attribute_picker (f->window);
  guint position = first_with_status (f, GLOSS_UNIT_AGREED);

  select_unit (f, position);
  press (f, "v");
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (picker)));
  g_assert_true (has_label_containing (GTK_WIDGET (picker), "the same attribute values"));
  g_assert_null (gloss_ui_test_find_of_type (GTK_WIDGET (picker), GTK_TYPE_DROP_DOWN));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.accept-attributes", NULL));
  g_assert_cmpint (gloss_review_unit_get_decision (unit_at (f, position)), ==, GLOSS_DECISION_PENDING);
  gtk_popover_popdown (picker);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gloss_ui_test_init (&argc, &argv);
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

  if (!gloss_ui_test_init_gtk ())
    return 0;

#ifdef GDK_WINDOWING_X11
  if (GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    xdotool = g_find_program_in_path ("xdotool");
#endif
  if (xdotool != NULL)
    g_test_message ("keys pressed with %s", xdotool);
  else
    g_test_message ("no xdotool or no X11 display: the keys' actions are activated instead of key presses");

  app = gloss_ui_test_application_new_held ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
#define ADD_NO_OPEN(path, func) g_test_add (path, Fixture, "no-open", fixture_set_up, func, fixture_tear_down)
  ADD ("/review/keys-registered", test_keys_registered);
  ADD ("/review/units-listed", test_units_listed);
  ADD ("/review/accept-majority", test_accept_majority);
  ADD ("/review/reject", test_reject);
  ADD ("/review/accept-version", test_accept_version);
  ADD ("/review/accept-edited", test_accept_edited);
  ADD ("/review/drag-in-unit-selects", test_drag_in_unit_selects);
  ADD ("/review/undo-redo", test_undo_redo);
  ADD ("/review/next-disagreement", test_next_disagreement);
  ADD ("/review/premerge", test_premerge);
  ADD_NO_OPEN ("/review/empty-states", test_empty_states);
  ADD ("/review/reopen-restores", test_reopen_restores);
  ADD ("/review/agreement-panel", test_agreement_panel);
  ADD ("/review/agreement-panel-kinds", test_agreement_panel_kinds);
  ADD ("/review/actions", test_actions);
  ADD ("/review/still-to-decide-advance", test_still_to_decide_advance);
  ADD ("/review/reopen-overlapping-units", test_reopen_overlapping_units);
  ADD ("/review/reopen-at-once", test_reopen_at_once);
  ADD ("/review/add-sidecar", test_add_sidecar);
  ADD ("/review/caret-follows", test_caret_follows);
  ADD_NO_OPEN ("/review/insert-keeps-unit", test_insert_keeps_unit);
  ADD ("/review/label-key", test_label_key);
  ADD_NO_OPEN ("/review/corrupt-gold-untouched", test_corrupt_gold_untouched);
  ADD_NO_OPEN ("/review/main-window-opens-review", test_main_window_opens_review);
  ADD_NO_OPEN ("/review/broken-labels-beside", test_broken_labels_beside);
  ADD_NO_OPEN ("/review/broken-labels-candidates", test_broken_labels_candidates);
  ADD_NO_OPEN ("/review/broken-labels-corpus-figures", test_broken_labels_corpus_figures);
  ADD_NO_OPEN ("/review/attributes-differ", test_attributes_differ);
  ADD ("/review/attributes-same", test_attributes_same);
  g_test_add_func ("/review/row-accessible", test_row_accessible);

  status = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  g_free (xdotool);
  return status;
}
