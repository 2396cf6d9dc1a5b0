/* test-relations.c — drawing relations of any type in the real window
 *
 * Each test opens a copy of harbour-bridge-vote.txt in a fresh window of
 * the real application, beside a gloss-labels.json with two relation
 * types of its own besides speaker: "contradicts" (key x, claim to claim)
 * and "about" (no key, quote to any entity). Relations are drawn as a
 * person does: by keyboard (Ctrl+K on the source, the target, the type's
 * key) and with the mouse (a drag from the selected span onto another);
 * they are listed, deleted and undone. Where there is an X11 display and
 * xdotool, keys, clicks and drags go through X; elsewhere the keys go to
 * the view's own handler and the drags are skipped. Relations are checked
 * on the model and in the sidecar read back from disk.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <gtk/gtk.h>
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#include "gloss-application.h"
#include "gloss-article-view-private.h"
#include "gloss-speaker-chooser-private.h"
#include "gloss-window-private.h"
#include "gloss-ui-test.h"

#define TIMEOUT_MS  20000  /* generous: CI machines are busy */
#define WAIT_FOR(condition) GLOSS_UI_TEST_WAIT_FOR (condition, TIMEOUT_MS)
#define AUTOSAVE_MS 50

static GlossApplication *app;
static char *xdotool;  /* NULL: no real key presses or drags */

static const char labels_json[] =
  "{\n"
  "  \"format\": \"gloss-labels\",\n"
  "  \"version\": 1,\n"
  "  \"labels\": [\n"
  "    { \"id\": \"claim\", \"kind\": \"claim\", \"name\": \"Claim\", \"key\": \"c\" },\n"
  "    { \"id\": \"quote\", \"kind\": \"quote\", \"name\": \"Quote\", \"key\": \"q\" },\n"
  "    { \"id\": \"person\", \"kind\": \"entity\", \"name\": \"Person\", \"key\": \"p\" },\n"
  "    { \"id\": \"location\", \"kind\": \"entity\", \"name\": \"Location\", \"key\": \"l\" }\n"
  "  ],\n"
  "  \"relations\": [\n"
  "    { \"type\": \"contradicts\", \"key\": \"x\", \"from\": [\"kind:claim\"], \"to\": [\"kind:claim\"] },\n"
  "    { \"type\": \"about\", \"from\": [\"kind:quote\"], \"to\": [\"kind:entity\"] }\n"
  "  ]\n"
  "}\n";

typedef struct
{
  char        *dir;
  GFile       *article;
  GFile       *sidecar;
  GlossWindow *window;

  GlossAnnotation *cost;      /* claim: Mr Núñez's figure */
  GlossAnnotation *estimate;  /* claim: the finance director's */
  GlossAnnotation *councillor; /* person */
  GlossAnnotation *town;      /* location */
  GlossAnnotation *quote;
} Fixture;

/* ------------------------------------------------------------------ */
/* Helpers                                                              */
/* ------------------------------------------------------------------ */

static GlossSession *
session (Fixture *f)
{
  return gloss_window_get_session (f->window);
}

static GlossAnnotationSet *
annotations (Fixture *f)
{
  return gloss_session_get_annotations (session (f));
}

static GlossArticleView *
view (Fixture *f)
{
  return gloss_window_get_article_view (f->window);
}

static guint
offset_in (Fixture    *f,
           const char *context,
           const char *needle)
{
  GlossDocument *document = gloss_session_get_document (session (f));
  const char *text = gloss_document_get_text (document);
  const char *around = strstr (text, context);
  const char *at;

  g_assert_nonnull (around);
  at = strstr (around, needle);
  g_assert_nonnull (at);
  return gloss_document_byte_to_offset (document, at - text);
}

static GlossAnnotation *
annotate (Fixture    *f,
          const char *context,
          const char *needle,
          const char *label)
{
  guint start = offset_in (f, context, needle);

  gloss_article_view_select_range (view (f), start, start + g_utf8_strlen (needle, -1));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.annotate", "s", label));
  g_assert_cmpstr (gloss_annotation_get_exact (gloss_article_view_get_selected_annotation (view (f))), ==, needle);

  return gloss_article_view_get_selected_annotation (view (f));
}

static void
select_annotation (Fixture         *f,
                   GlossAnnotation *annotation)
{
  gloss_article_view_set_selected_annotation (view (f), annotation);
}

static gboolean
saved (Fixture *f)
{
  return gloss_session_get_save_state (session (f)) == GLOSS_SAVE_STATE_SAVED;
}

/* The relation of @type from @from to @to in the set, or NULL. */
static GlossRelation *
find_relation (GlossAnnotationSet *set,
               const char         *type,
               const char         *from_id,
               const char         *to_id)
{
  GListModel *relations = gloss_annotation_set_get_relations (set);

  for (guint i = 0; i < g_list_model_get_n_items (relations); i++)
    {
      g_autoptr(GlossRelation) relation = g_list_model_get_item (relations, i);

      if (g_str_equal (gloss_relation_get_rel_type (relation), type)
          && g_str_equal (gloss_relation_get_from (relation), from_id)
          && g_str_equal (gloss_relation_get_to (relation), to_id))
        return relation;  /* the set holds it */
    }
  return NULL;
}

static gboolean
has_relation (Fixture         *f,
              const char      *type,
              GlossAnnotation *from,
              GlossAnnotation *to)
{
  return find_relation (annotations (f), type,
                        gloss_annotation_get_id (from), gloss_annotation_get_id (to)) != NULL;
}

static guint
n_relations (Fixture *f)
{
  return g_list_model_get_n_items (gloss_annotation_set_get_relations (annotations (f)));
}

/* Whether the sidecar on disk, read back with the model and the folder's
 * label set, holds a @type relation from @from to @to (@expected) — and
 * nothing else about relations once saved. */
static gboolean
on_disk (Fixture         *f,
         const char      *type,
         GlossAnnotation *from,
         GlossAnnotation *to)
{
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GlossSidecar) sidecar = NULL;
  g_autoptr(GlossLabelSet) labels = NULL;
  g_autoptr(GFile) folder = g_file_get_parent (f->article);
  g_autoptr(GError) error = NULL;

  if (!saved (f))
    return FALSE;

  labels = gloss_label_set_find_for_folder (folder, &error);
  g_assert_no_error (error);
  document = gloss_document_new_from_file (f->article, NULL, &error);
  g_assert_no_error (error);
  sidecar = gloss_sidecar_new_for_document (document, "tester");
  if (!gloss_sidecar_load (sidecar, labels, NULL, NULL))
    return FALSE;

  return find_relation (gloss_sidecar_get_annotations (sidecar), type,
                        gloss_annotation_get_id (from), gloss_annotation_get_id (to)) != NULL;
}

static gboolean
banner_shown (Fixture *f)
{
  GtkWidget *banner = gloss_article_view_get_relation_banner (view (f));

  return banner != NULL && gtk_widget_get_visible (banner);
}

static GlossRelationChooser *
chooser (Fixture *f)
{
  return gloss_article_view_get_relation_chooser (view (f));
}

static gboolean
chooser_shown (Fixture *f)
{
  return chooser (f) != NULL && gtk_widget_get_visible (GTK_WIDGET (chooser (f)));
}

static gboolean
list_shown (Fixture *f)
{
  GlossRelationList *list = gloss_article_view_get_relation_list (view (f));

  return list != NULL && gtk_widget_get_visible (GTK_WIDGET (list));
}

static gboolean
can_use_xdotool (void)
{
  if (xdotool != NULL)
    return TRUE;

  g_test_skip ("no xdotool or no X11 display: no real key presses or drags");
  return FALSE;
}

#ifdef GDK_WINDOWING_X11
static char *
window_xid (Fixture *f)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (f->window));

  g_assert_true (GDK_IS_X11_SURFACE (surface));
  return g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
}

/* Runs xdotool with @args after focusing the window ("XID" in @args is
 * the window), and returns once GTK has handled what it sent. */
static void
run_xdotool (Fixture            *f,
             const char * const *args)
{
  g_autofree char *xid = window_xid (f);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, xdotool);
  g_ptr_array_add (argv, (char *) "windowfocus");
  g_ptr_array_add (argv, xid);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_str_equal (args[i], "XID") ? xid : (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               NULL, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("xdotool failed: %s", err);

  gdk_display_sync (gtk_widget_get_display (GTK_WIDGET (f->window)));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* Where the middle of @annotation's second character is, in the window's
 * X window coordinates (the view scrolled so that it shows). */
static void
annotation_point (Fixture         *f,
                  GlossAnnotation *annotation,
                  int             *x,
                  int             *y)
{
  GtkTextView *text_view = GTK_TEXT_VIEW (view (f));
  GtkTextIter iter;
  GdkRectangle rect;
  int wx, wy;
  double tx, ty, sx, sy;

  gloss_article_view_get_iter_at_offset (view (f), &iter, gloss_annotation_get_start (annotation) + 1);
  gtk_text_view_get_iter_location (text_view, &iter, &rect);
  gtk_text_view_buffer_to_window_coords (text_view, GTK_TEXT_WINDOW_WIDGET,
                                         rect.x + rect.width / 2, rect.y + rect.height / 2, &wx, &wy);
  g_assert_true (gtk_widget_translate_coordinates (GTK_WIDGET (text_view), GTK_WIDGET (f->window),
                                                   wx, wy, &tx, &ty));
  gtk_native_get_surface_transform (GTK_NATIVE (f->window), &sx, &sy);
  *x = (int) (tx + sx);
  *y = (int) (ty + sy);
}
#endif

/* Presses @keys (xdotool's names) in the window; with no xdotool, hands
 * @keyval to the view's key handler for drawing relations, as its key
 * controller does (the fallback is only for plain keys). */
static void
press (Fixture    *f,
       const char *keys,
       guint       keyval)
{
#ifdef GDK_WINDOWING_X11
  if (xdotool != NULL)
    {
      const char * const args[] = { "key", "--delay", "20", keys, NULL };

      run_xdotool (f, args);
      return;
    }
#endif
  gloss_article_view_relation_key (view (f), keyval, 0);
}

/* Ctrl+K: the selected span becomes the source. */
static void
mark_source (Fixture *f)
{
#ifdef GDK_WINDOWING_X11
  if (xdotool != NULL)
    {
      const char * const args[] = { "key", "ctrl+k", NULL };

      run_xdotool (f, args);
    }
  else
#endif
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.mark-relation-source", NULL));
  WAIT_FOR (gloss_article_view_get_relation_source (view (f)) != NULL);
}

/* A mouse drag from @from's text onto @to's, as a person makes it. */
static void
drag (Fixture         *f,
      GlossAnnotation *from,
      GlossAnnotation *to)
{
#ifdef GDK_WINDOWING_X11
  g_autofree char *x1 = NULL, *y1 = NULL, *x2 = NULL, *y2 = NULL, *xm = NULL;
  int ax = -1, ay = -1, bx = -1, by = -1;

  /* Where they are once the view has stopped scrolling to the selected
   * span (it scrolls after its layout, in frames of its own). */
  for (guint settled = 0; settled < 3; )
    {
      int px = ax, py = ay, qx = bx, qy = by;

      gloss_ui_test_wait_for_frame (GTK_WIDGET (view (f)), TIMEOUT_MS);
      annotation_point (f, from, &ax, &ay);
      annotation_point (f, to, &bx, &by);
      settled = (ax == px && ay == py && bx == qx && by == qy) ? settled + 1 : 0;
    }
  x1 = g_strdup_printf ("%d", ax);
  y1 = g_strdup_printf ("%d", ay);
  x2 = g_strdup_printf ("%d", bx);
  y2 = g_strdup_printf ("%d", by);
  xm = g_strdup_printf ("%d", (ax + bx) / 2);
  {
    const char * const args[] = { "mousemove", "--window", "XID", x1, y1, "sleep", "0.2",
                                  "mousedown", "1", "sleep", "0.2",
                                  "mousemove", "--window", "XID", xm, y1, "sleep", "0.2",
                                  "mousemove", "--window", "XID", x2, y2, "sleep", "0.2",
                                  "mouseup", "1", "sleep", "0.2", NULL };

    run_xdotool (f, args);
  }
#endif
}

/* ------------------------------------------------------------------ */
/* Fixture                                                              */
/* ------------------------------------------------------------------ */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *labels_path = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = gloss_ui_test_make_tmp_dir ("gloss-test-relations-XXXXXX");
  gloss_ui_test_copy_sample ("harbour-bridge-vote.txt", f->dir);
  labels_path = g_build_filename (f->dir, "gloss-labels.json", NULL);
  g_file_set_contents (labels_path, labels_json, -1, &error);
  g_assert_no_error (error);
  f->article = g_file_new_build_filename (f->dir, "harbour-bridge-vote.txt", NULL);
  f->sidecar = g_file_new_build_filename (f->dir, "harbour-bridge-vote.txt.tester.gloss.json", NULL);

  f->window = gloss_ui_test_open_window (app, f->article, TIMEOUT_MS);
  gloss_session_set_autosave_delay (session (f), AUTOSAVE_MS);
  g_assert_nonnull (gloss_label_set_get_file (gloss_session_get_labels (session (f))));

  f->councillor = annotate (f, "Councillor Ramón", "Ramón Núñez", "person");
  f->cost = annotate (f, "warned that", "the borrowing would cost the town more than £600,000 a year in interest",
                      "claim");
  f->town = annotate (f, "cost the town", "town", "location");
  f->quote = annotate (f, "“People on the Saltings", "“People on the Saltings want this bridge, and so do I,”",
                       "quote");
  f->estimate = annotate (f, "she said the annual", "the annual interest on the loan would be", "claim");
  WAIT_FOR (saved (f));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    {
      if (chooser (f) != NULL)
        gtk_popover_popdown (GTK_POPOVER (chooser (f)));
      if (gloss_article_view_get_relation_list (view (f)) != NULL)
        gtk_popover_popdown (GTK_POPOVER (gloss_article_view_get_relation_list (view (f))));
      gloss_ui_test_close_window (GTK_WINDOW (g_steal_pointer (&f->window)), TIMEOUT_MS);
    }

  gloss_test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
  g_clear_object (&f->article);
  g_clear_object (&f->sidecar);
}

/* ------------------------------------------------------------------ */
/* Tests                                                                */
/* ------------------------------------------------------------------ */

/* The keys are where a person finds them. */
static void
test_keys_registered (Fixture       *f,
                      gconstpointer  data)
{
  GtkApplication *application = GTK_APPLICATION (app);
  g_auto(GStrv) mark = gtk_application_get_accels_for_action (application, "win.mark-relation-source");
  g_auto(GStrv) list = gtk_application_get_accels_for_action (application, "win.show-relations");

  g_assert_cmpstr (mark[0], ==, "<Control>k");
  g_assert_cmpstr (list[0], ==, "<Shift><Control>k");
}

/* Ctrl+K on a claim, Tab-like steps to the other claim, x: a
 * "contradicts" relation, on disk. While the banner stands, a label's key
 * (p) does not relabel the target: it is no relation key, and says so. */
static void
test_keyboard (Fixture       *f,
               gconstpointer  data)
{
  select_annotation (f, f->cost);
  mark_source (f);
  g_assert_true (gloss_article_view_get_relation_source (view (f)) == f->cost);
  g_assert_true (banner_shown (f));

  /* The target, as Tab leaves it: selected. */
  select_annotation (f, f->estimate);
  press (f, "p", GDK_KEY_p);
  g_assert_cmpstr (gloss_annotation_get_label (f->estimate), ==, "claim");
  g_assert_nonnull (strstr (gloss_article_view_get_relation_message (view (f)), "“p”"));
  g_assert_true (gloss_article_view_get_relation_source (view (f)) == f->cost);
  g_assert_cmpuint (n_relations (f), ==, 0);

  press (f, "x", GDK_KEY_x);
  g_assert_true (has_relation (f, "contradicts", f->cost, f->estimate));
  g_assert_null (gloss_article_view_get_relation_source (view (f)));
  g_assert_false (banner_shown (f));
  WAIT_FOR (on_disk (f, "contradicts", f->cost, f->estimate));

  /* Drawn on the page: a screenshot for looking at. */
  select_annotation (f, f->cost);
  gloss_ui_test_screenshot (GTK_WIDGET (f->window), "relations-arc.png", TIMEOUT_MS);
}

/* A type whose rule does not fit is refused, saying why; the banner
 * stays for another try; Escape leaves it, drawing nothing. */
static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  const char *message;

  select_annotation (f, f->cost);
  mark_source (f);
  select_annotation (f, f->councillor);
  press (f, "x", GDK_KEY_x);

  g_assert_cmpuint (n_relations (f), ==, 0);
  message = gloss_article_view_get_relation_message (view (f));
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "contradicts"));
  g_assert_nonnull (strstr (message, "Ramón Núñez"));
  g_assert_true (gloss_article_view_get_relation_source (view (f)) == f->cost);

  gloss_ui_test_screenshot (GTK_WIDGET (f->window), "relations-refused.png", TIMEOUT_MS);

  press (f, "Escape", GDK_KEY_Escape);
  g_assert_null (gloss_article_view_get_relation_source (view (f)));
  g_assert_false (banner_shown (f));
  g_assert_cmpuint (n_relations (f), ==, 0);

  /* Ctrl+K on what no type may start at (a place) is refused at once. */
  select_annotation (f, f->town);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.mark-relation-source", NULL));
  g_assert_null (gloss_article_view_get_relation_source (view (f)));

  /* The source deleted meanwhile: the banner goes with it. */
  select_annotation (f, f->estimate);
  mark_source (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.delete-annotation", NULL));
  WAIT_FOR (gloss_article_view_get_relation_source (view (f)) == NULL);
  g_assert_false (banner_shown (f));
}

/* Enter offers the types that fit (speaker and about, from a quote to a
 * person); the chooser's key for speaker (s) chooses it. */
static void
test_enter_chooser (Fixture       *f,
                    gconstpointer  data)
{
  const char * const *types;

  select_annotation (f, f->quote);
  mark_source (f);
  select_annotation (f, f->councillor);
  press (f, "Return", GDK_KEY_Return);
  WAIT_FOR (chooser_shown (f));

  types = gloss_relation_chooser_get_types (chooser (f));
  g_assert_cmpuint (g_strv_length ((char **) types), ==, 2);
  g_assert_cmpstr (types[0], ==, "speaker");
  g_assert_cmpstr (types[1], ==, "about");

  gloss_ui_test_screenshot (GTK_WIDGET (f->window), "relations-chooser.png", TIMEOUT_MS);

#ifdef GDK_WINDOWING_X11
  if (xdotool != NULL)
    {
      const char * const args[] = { "key", "s", NULL };

      run_xdotool (f, args);
    }
  else
#endif
    g_signal_emit_by_name (chooser (f), "type-chosen", "speaker");

  WAIT_FOR (has_relation (f, "speaker", f->quote, f->councillor));
  g_assert_false (chooser_shown (f));
  g_assert_cmpuint (n_relations (f), ==, 1);
  WAIT_FOR (on_disk (f, "speaker", f->quote, f->councillor));
}

/* With the mouse: a drag from the selected quote onto the town, where only
 * "about" fits, makes it at once; onto the councillor, where speaker fits
 * too, offers both; a drag between two claims makes "contradicts"; a drag
 * that starts outside the selected span selects text as before. */
static void
test_drag (Fixture       *f,
           gconstpointer  data)
{
  if (!can_use_xdotool ())
    return;

  select_annotation (f, f->quote);
  drag (f, f->quote, f->town);
  WAIT_FOR (has_relation (f, "about", f->quote, f->town));
  g_assert_false (chooser_shown (f));
  WAIT_FOR (on_disk (f, "about", f->quote, f->town));

  select_annotation (f, f->quote);
  drag (f, f->quote, f->councillor);
  WAIT_FOR (chooser_shown (f));
  g_assert_cmpuint (g_strv_length ((char **) gloss_relation_chooser_get_types (chooser (f))), ==, 2);
  {
    const char * const args[] = { "key", "Down", "Return", NULL };

    run_xdotool (f, args);
  }
  WAIT_FOR (has_relation (f, "about", f->quote, f->councillor));
  g_assert_cmpuint (n_relations (f), ==, 2);

  select_annotation (f, f->cost);
  drag (f, f->cost, f->estimate);
  WAIT_FOR (has_relation (f, "contradicts", f->cost, f->estimate));
  WAIT_FOR (on_disk (f, "contradicts", f->cost, f->estimate));

  /* A drag whose type does not fit: nothing, and a message. */
  select_annotation (f, f->cost);
  drag (f, f->cost, f->town);
  g_assert_cmpuint (n_relations (f), ==, 3);
  g_assert_nonnull (strstr (gloss_article_view_get_relation_message (view (f)), "No relation type"));

  /* Not from the selected span: the text is selected, as always. */
  select_annotation (f, f->estimate);
  drag (f, f->councillor, f->town);
  g_assert_cmpuint (n_relations (f), ==, 3);
  g_assert_true (gtk_text_buffer_get_has_selection (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view (f)))));
}

/* Ctrl+Shift+K lists the selected span's relations; Delete deletes the
 * one focused, Ctrl+Z brings it back, and the list follows. */
static void
test_list_delete_undo (Fixture       *f,
                       gconstpointer  data)
{
  GlossRelationList *list;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (gloss_annotation_set_add_relation (annotations (f), "contradicts",
                                                       gloss_annotation_get_id (f->cost),
                                                       gloss_annotation_get_id (f->estimate), &error));
  g_assert_no_error (error);
  g_assert_nonnull (gloss_annotation_set_add_relation (annotations (f), "about",
                                                       gloss_annotation_get_id (f->quote),
                                                       gloss_annotation_get_id (f->councillor), &error));
  g_assert_no_error (error);
  WAIT_FOR (on_disk (f, "contradicts", f->cost, f->estimate));

  /* From the other end: the relation is listed there too. */
  select_annotation (f, f->estimate);
#ifdef GDK_WINDOWING_X11
  if (xdotool != NULL)
    {
      const char * const args[] = { "key", "ctrl+shift+k", NULL };

      run_xdotool (f, args);
    }
  else
#endif
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-relations", NULL));
  WAIT_FOR (list_shown (f));
  list = gloss_article_view_get_relation_list (view (f));
  g_assert_cmpuint (gloss_relation_list_get_relations (list)->len, ==, 1);

  gloss_ui_test_screenshot (GTK_WIDGET (f->window), "relations-list.png", TIMEOUT_MS);

#ifdef GDK_WINDOWING_X11
  if (xdotool != NULL)
    {
      const char * const args[] = { "key", "Delete", NULL };

      run_xdotool (f, args);
    }
  else
#endif
    {
      GtkWidget *button = gloss_ui_test_find_of_type (GTK_WIDGET (list), GTK_TYPE_BUTTON);

      g_assert_nonnull (button);
      g_signal_emit_by_name (button, "clicked");
    }

  WAIT_FOR (!has_relation (f, "contradicts", f->cost, f->estimate));
  g_assert_cmpuint (gloss_relation_list_get_relations (list)->len, ==, 0);
  g_assert_cmpuint (n_relations (f), ==, 1);
  WAIT_FOR (saved (f) && !on_disk (f, "contradicts", f->cost, f->estimate));

#ifdef GDK_WINDOWING_X11
  if (xdotool != NULL)
    {
      const char * const args[] = { "key", "ctrl+z", NULL };

      run_xdotool (f, args);
    }
  else
#endif
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));

  WAIT_FOR (has_relation (f, "contradicts", f->cost, f->estimate));
  g_assert_cmpuint (gloss_relation_list_get_relations (list)->len, ==, 1);
  WAIT_FOR (on_disk (f, "contradicts", f->cost, f->estimate));
}

/* The mouse's way to the list: the article's context menu on a span. */
static void
test_context_menu (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GMenuModel) menu = NULL;
  gboolean found = FALSE;

  select_annotation (f, f->cost);
  menu = gloss_window_build_context_menu (f->window);
  for (int i = 0; i < g_menu_model_get_n_items (menu) && !found; i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      for (int j = 0; section != NULL && j < g_menu_model_get_n_items (section); j++)
        {
          g_autofree char *action = NULL;

          if (g_menu_model_get_item_attribute (section, j, G_MENU_ATTRIBUTE_ACTION, "s", &action)
              && g_str_equal (action, "win.show-relations"))
            found = TRUE;
        }
    }
  g_assert_true (found);
}

/* Choose Speaker still works beside the new keys, with this label set:
 * Ctrl+Shift+S, Enter on the candidate it offers. */
static void
test_choose_speaker_still_works (Fixture       *f,
                                 gconstpointer  data)
{
  GlossSpeakerChooser *speaker_chooser;

  select_annotation (f, f->quote);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.choose-speaker", NULL));
  speaker_chooser = GLOSS_SPEAKER_CHOOSER (gloss_ui_test_find_of_type (GTK_WIDGET (f->window),
                                                                      GLOSS_TYPE_SPEAKER_CHOOSER));
  WAIT_FOR (gtk_widget_get_visible (GTK_WIDGET (speaker_chooser)));
  g_assert_true (gloss_speaker_chooser_get_selected (speaker_chooser) == f->councillor);
  gloss_speaker_chooser_activate (speaker_chooser);
  g_assert_true (gloss_annotation_set_get_speaker (annotations (f), f->quote) == f->councillor);
  WAIT_FOR (on_disk (f, "speaker", f->quote, f->councillor));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gloss_ui_test_init (&argc, &argv);
  gloss_ui_test_tolerate_focus_out_warning ();

  if (!gloss_ui_test_init_gtk ())
    return 0;

#ifdef GDK_WINDOWING_X11
  if (GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    xdotool = g_find_program_in_path ("xdotool");
#endif

  app = gloss_ui_test_application_new_held ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/relations/keys-registered", test_keys_registered);
  ADD ("/relations/keyboard", test_keyboard);
  ADD ("/relations/refused", test_refused);
  ADD ("/relations/enter-chooser", test_enter_chooser);
  ADD ("/relations/drag", test_drag);
  ADD ("/relations/list-delete-undo", test_list_delete_undo);
  ADD ("/relations/context-menu", test_context_menu);
  ADD ("/relations/choose-speaker-still-works", test_choose_speaker_still_works);

  status = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  g_free (xdotool);
  return status;
}
