/* test-speaker-chooser.c — choosing a quote's speaker in the real window
 *
 * Each test opens a copy of harbour-bridge-vote.txt in a fresh window of
 * the real application, marks a few spans through the window's actions and
 * chooses a speaker as a person does: Ctrl+Shift+S (win.choose-speaker),
 * then a name typed in the chooser's search entry and Enter. Where there is
 * an X11 display and xdotool, keys and clicks also go through X like a
 * person's (typing faster than the search entry's filter delay; a
 * right-click on a span); elsewhere those tests are skipped. Checks are
 * made on the model and on the sidecar on disk.
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
#include "gloss-note-popover.h"
#include "gloss-speaker-chooser-private.h"
#include "gloss-window-private.h"
#include "gloss-ui-test.h"

#define TIMEOUT_MS  20000  /* generous: CI machines are busy */
#define WAIT_FOR(condition) GLOSS_UI_TEST_WAIT_FOR (condition, TIMEOUT_MS)
#define AUTOSAVE_MS 50

static GlossApplication *app;
static char *xdotool;  /* NULL: no real key presses or clicks */

typedef struct
{
  char        *dir;
  GFile       *article;
  GFile       *sidecar;
  GlossWindow *window;

  /* Spans of the article, marked by fixture_set_up */
  GlossAnnotation *mayor;     /* person, early in the article */
  GlossAnnotation *councillor; /* person, just before the quote */
  GlossAnnotation *town;      /* location, nearest before the quote */
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

/* The offset of @needle, looked for after @context's start (so that a
 * common word can be found in one place). */
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

/* Selects @needle (found at or after @context) and presses a label. */
static GlossAnnotation *
annotate (Fixture    *f,
          const char *context,
          const char *needle,
          const char *label)
{
  GlossArticleView *view = gloss_window_get_article_view (f->window);
  guint start = offset_in (f, context, needle);

  gloss_article_view_select_range (view, start, start + g_utf8_strlen (needle, -1));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.annotate", "s", label));
  g_assert_cmpstr (gloss_annotation_get_exact (gloss_article_view_get_selected_annotation (view)), ==, needle);

  return gloss_article_view_get_selected_annotation (view);
}

static void
select_annotation (Fixture         *f,
                   GlossAnnotation *annotation)
{
  gloss_article_view_set_selected_annotation (gloss_window_get_article_view (f->window), annotation);
}

static GlossSpeakerChooser *
chooser (Fixture *f)
{
  GtkWidget *widget = gloss_ui_test_find_of_type (GTK_WIDGET (f->window), GLOSS_TYPE_SPEAKER_CHOOSER);

  g_assert_nonnull (widget);
  return GLOSS_SPEAKER_CHOOSER (widget);
}

static GtkWidget *
search_entry (Fixture *f)
{
  GtkWidget *entry = gloss_ui_test_find_of_type (GTK_WIDGET (chooser (f)), GTK_TYPE_SEARCH_ENTRY);

  g_assert_nonnull (entry);
  return entry;
}

/* Ctrl+Shift+S on the selected quote. */
static void
open_chooser (Fixture *f)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.choose-speaker", NULL));
  WAIT_FOR (gtk_widget_get_visible (GTK_WIDGET (chooser (f))));
}

static gboolean
search_has_focus (Fixture *f)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));

  return focus != NULL && gtk_widget_is_ancestor (focus, search_entry (f));
}

static gboolean
model_contains (GListModel *model,
                gpointer    item)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) other = g_list_model_get_item (model, i);

      if (other == item)
        return TRUE;
    }

  return FALSE;
}

static GlossAnnotation *
speaker (Fixture *f)
{
  return gloss_annotation_set_get_speaker (annotations (f), f->quote);
}

static gboolean
saved (Fixture *f)
{
  return gloss_session_get_save_state (session (f)) == GLOSS_SAVE_STATE_SAVED;
}

static gboolean
sidecar_contains (Fixture    *f,
                  const char *needle)
{
  g_autofree char *contents = gloss_ui_test_try_read_file (f->sidecar);

  return contents != NULL && strstr (contents, needle) != NULL;
}

/* The sidecar's inode: a save replaces the file (a new inode), so the same
 * inode means it was not written. */
static guint64
sidecar_inode (Fixture *f)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  info = g_file_query_info (f->sidecar, G_FILE_ATTRIBUTE_UNIX_INODE, G_FILE_QUERY_INFO_NONE, NULL, &error);
  g_assert_no_error (error);
  return g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_UNIX_INODE);
}

#ifdef GDK_WINDOWING_X11
static char *
window_xid (Fixture *f)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (f->window));

  g_assert_true (GDK_IS_X11_SURFACE (surface));
  return g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
}

/* Runs xdotool with @args after focusing the window, and returns once the
 * X server has handed the events over and GTK has handled them. */
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

  /* The events wait in the server while this blocks. */
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               NULL, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("xdotool failed: %s", err);

  /* A round trip: every event the server sent before its reply is in our
   * queue now; handle them all. */
  gdk_display_sync (gtk_widget_get_display (GTK_WIDGET (f->window)));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static gboolean
iter_on_screen (GtkTextView *view,
                GtkTextIter *iter)
{
  GdkRectangle visible, location;

  gtk_text_view_get_visible_rect (view, &visible);
  gtk_text_view_get_iter_location (view, iter, &location);
  return location.y >= visible.y && location.y + location.height <= visible.y + visible.height;
}

/* Where the middle of @annotation's first character is, in the window's
 * X window coordinates. */
static void
annotation_point (Fixture         *f,
                  GlossAnnotation *annotation,
                  int             *x,
                  int             *y)
{
  GtkTextView *view = GTK_TEXT_VIEW (gloss_window_get_article_view (f->window));
  GtkTextIter iter;
  GdkRectangle rect;
  int wx, wy;
  double tx, ty, sx, sy;

  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (view), &iter,
                                      (int) gloss_annotation_get_start (annotation) + 1);
  /* On screen first: the article is longer than the window. */
  gtk_text_view_scroll_to_iter (view, &iter, 0.0, TRUE, 0.5, 0.5);
  WAIT_FOR (iter_on_screen (view, &iter));
  gloss_ui_test_wait_for_frame (GTK_WIDGET (view), TIMEOUT_MS);
  gtk_text_view_get_iter_location (view, &iter, &rect);
  gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET,
                                         rect.x + rect.width / 2, rect.y + rect.height / 2, &wx, &wy);
  g_assert_true (gtk_widget_translate_coordinates (GTK_WIDGET (view), GTK_WIDGET (f->window),
                                                   wx, wy, &tx, &ty));
  gtk_native_get_surface_transform (GTK_NATIVE (f->window), &sx, &sy);
  *x = (int) (tx + sx);
  *y = (int) (ty + sy);
}

static gboolean
context_menu_visible (Fixture *f)
{
  GtkWidget *menu = gloss_ui_test_find_of_type (GTK_WIDGET (gloss_window_get_article_view (f->window)),
                                                GTK_TYPE_POPOVER_MENU);

  return menu != NULL && gtk_widget_get_visible (menu);
}

/* Escape closes the context menu. */
static void
close_context_menu (Fixture *f)
{
  const char * const args[] = { "key", "Escape", NULL };

  run_xdotool (f, args);
  WAIT_FOR (!context_menu_visible (f));
}

/* A right-click on @annotation, as a person makes it; returns once the
 * text view's context menu is open. */
static void
right_click (Fixture         *f,
             GlossAnnotation *annotation)
{
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;
  int px, py;

  annotation_point (f, annotation, &px, &py);
  x = g_strdup_printf ("%d", px);
  y = g_strdup_printf ("%d", py);

  {
    const char * const args[] = { "mousemove", "--window", "XID", x, y, "sleep", "0.1",
                                  "click", "3", "sleep", "0.1", NULL };
    run_xdotool (f, args);
  }
  WAIT_FOR (context_menu_visible (f));
}
#endif

static gboolean
can_use_xdotool (void)
{
  if (xdotool != NULL)
    return TRUE;

  g_test_skip ("no xdotool or no X11 display: no real key presses or clicks");
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Fixture                                                              */
/* ------------------------------------------------------------------ */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = gloss_ui_test_make_tmp_dir ("gloss-test-speaker-XXXXXX");
  gloss_ui_test_copy_sample ("harbour-bridge-vote.txt", f->dir);
  f->article = g_file_new_build_filename (f->dir, "harbour-bridge-vote.txt", NULL);
  f->sidecar = g_file_new_build_filename (f->dir, "harbour-bridge-vote.txt.tester.gloss.json", NULL);

  f->window = gloss_ui_test_open_window (app, f->article, TIMEOUT_MS);
  gloss_session_set_autosave_delay (session (f), AUTOSAVE_MS);

  /* Mr Núñez's quote; the nearest span before it is a place ("the town"
   * he speaks of), as in the case reported. */
  f->mayor = annotate (f, "Mayor Zoë", "Zoë Castellane", "person");
  f->councillor = annotate (f, "Councillor Ramón", "Ramón Núñez", "person");
  f->town = annotate (f, "cost the town", "town", "location");
  f->quote = annotate (f, "“People on the Saltings", "“People on the Saltings want this bridge, and so do I,”",
                       "quote");
  WAIT_FOR (saved (f) && sidecar_contains (f, "\"label\": \"quote\""));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    {
      gtk_popover_popdown (GTK_POPOVER (chooser (f)));
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

/* The chooser offers only what may speak: people and organizations, not
 * the place nearest the quote. */
static void
test_candidates (Fixture       *f,
                 gconstpointer  data)
{
  GListModel *model;

  select_annotation (f, f->quote);
  open_chooser (f);
  model = gloss_speaker_chooser_get_model (chooser (f));

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  g_assert_true (model_contains (model, f->mayor));
  g_assert_true (model_contains (model, f->councillor));
  g_assert_false (model_contains (model, f->town));
  g_assert_true (gloss_speaker_chooser_get_selected (chooser (f)) == f->councillor);
}

/* A name typed and Enter pressed at once, before the search entry's delay
 * has run out: the person the filter shows is chosen, not the row that was
 * selected before the name was typed. */
static void
test_enter_chooses_filtered_match (Fixture       *f,
                                   gconstpointer  data)
{
  GtkWidget *entry;

  select_annotation (f, f->quote);
  open_chooser (f);
  entry = search_entry (f);

  /* What typing does, and Enter straight after: no main loop in between,
   * so the delayed "search-changed" has not come yet. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "zoë");
  g_signal_emit_by_name (entry, "activate");

  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (chooser (f))));
  g_assert_true (speaker (f) == f->mayor);
  WAIT_FOR (saved (f) && sidecar_contains (f, "\"type\": \"speaker\""));
}

/* Enter with nothing matching chooses nothing, and says so. */
static void
test_enter_without_match (Fixture       *f,
                          gconstpointer  data)
{
  GtkWidget *entry;

  select_annotation (f, f->quote);
  open_chooser (f);
  entry = search_entry (f);

  gtk_editable_set_text (GTK_EDITABLE (entry), "town");
  g_signal_emit_by_name (entry, "activate");

  /* "town" is a place: not a candidate, so not chosen either. */
  g_assert_null (speaker (f));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (chooser (f))));
  g_assert_nonnull (gloss_ui_test_find_label (GTK_WIDGET (chooser (f)),
                                              "No match for “town”: nobody was chosen"));
  g_assert_cmpuint (g_list_model_get_n_items (gloss_annotation_set_get_relations (annotations (f))), ==, 0);
}

/* The same, typed through X as fast as xdotool types. */
static void
test_typed_enter_chooses_filtered_match (Fixture       *f,
                                         gconstpointer  data)
{
#ifdef GDK_WINDOWING_X11
  if (!can_use_xdotool ())
    return;

  select_annotation (f, f->quote);
  open_chooser (f);
  WAIT_FOR (search_has_focus (f));
  {
    /* One command, so that Enter follows the letters at once. */
    const char * const args[] = { "key", "--delay", "10", "z", "o", "Return", NULL };
    run_xdotool (f, args);
  }

  WAIT_FOR (!gtk_widget_get_visible (GTK_WIDGET (chooser (f))));
  g_assert_true (speaker (f) == f->mayor);
#else
  g_test_skip ("not built for X11");
#endif
}

/* Choosing the speaker a quote has already is no edit: the relation keeps
 * its id, and the sidecar is not written again. */
static void
test_same_speaker_again (Fixture       *f,
                         gconstpointer  data)
{
  GListModel *relations = gloss_annotation_set_get_relations (annotations (f));
  g_autoptr(GlossRelation) relation = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *relation_id = NULL;
  guint64 serial, inode;

  select_annotation (f, f->quote);
  open_chooser (f);
  gtk_editable_set_text (GTK_EDITABLE (search_entry (f)), "ramón");
  WAIT_FOR (gloss_speaker_chooser_get_selected (chooser (f)) == f->councillor);
  gloss_speaker_chooser_activate (chooser (f));
  g_assert_true (speaker (f) == f->councillor);
  WAIT_FOR (saved (f) && sidecar_contains (f, "\"type\": \"speaker\""));

  relation = g_list_model_get_item (relations, 0);
  relation_id = g_strdup (gloss_relation_get_id (relation));
  serial = gloss_annotation_set_get_change_serial (annotations (f));
  before = gloss_ui_test_read_file (f->sidecar);
  inode = sidecar_inode (f);

  /* Again, with Enter on the preselected current speaker. */
  select_annotation (f, f->quote);
  open_chooser (f);
  g_assert_true (gloss_speaker_chooser_get_selected (chooser (f)) == f->councillor);
  g_signal_emit_by_name (search_entry (f), "activate");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (chooser (f))));

  g_assert_cmpuint (g_list_model_get_n_items (relations), ==, 1);
  g_assert_nonnull (gloss_annotation_set_lookup_relation (annotations (f), relation_id));
  g_assert_cmpuint (gloss_annotation_set_get_change_serial (annotations (f)), ==, serial);
  g_assert_true (saved (f));

  /* Well past the autosave delay: still the very file written before. */
  gloss_ui_test_spin (20 * AUTOSAVE_MS);
  g_assert_true (saved (f));
  g_assert_cmpuint (sidecar_inode (f), ==, inode);
  after = gloss_ui_test_read_file (f->sidecar);
  g_assert_cmpstr (after, ==, before);
}

/* A right-click on a span selects it, so that the context menu's Edit
 * Note and Choose Speaker act on it. */
static void
test_right_click_selects (Fixture       *f,
                          gconstpointer  data)
{
#ifdef GDK_WINDOWING_X11
  GlossArticleView *view = gloss_window_get_article_view (f->window);
  GlossNotePopover *note;

  if (!can_use_xdotool ())
    return;

  select_annotation (f, NULL);
  gloss_article_view_select_range (view, 0, 0);
  g_assert_null (gloss_article_view_get_selected_annotation (view));

  /* The mayor: Edit Note edits hers. */
  right_click (f, f->mayor);
  g_assert_true (gloss_article_view_get_selected_annotation (view) == f->mayor);
  close_context_menu (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.edit-note", NULL));
  note = GLOSS_NOTE_POPOVER (gloss_ui_test_find_of_type (GTK_WIDGET (f->window), GLOSS_TYPE_NOTE_POPOVER));
  WAIT_FOR (gtk_widget_get_visible (GTK_WIDGET (note)));
  g_assert_true (gloss_note_popover_get_annotation (note) == f->mayor);
  gtk_popover_popdown (GTK_POPOVER (note));
  WAIT_FOR (!gtk_widget_get_visible (GTK_WIDGET (note)));

  /* The quote, with another span selected before: Choose Speaker acts on
   * the quote. */
  right_click (f, f->quote);
  g_assert_true (gloss_article_view_get_selected_annotation (view) == f->quote);
  close_context_menu (f);
  open_chooser (f);
  gloss_speaker_chooser_activate (chooser (f));
  g_assert_true (speaker (f) == f->councillor);
#else
  g_test_skip ("not built for X11");
#endif
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
  ADD ("/speaker-chooser/candidates", test_candidates);
  ADD ("/speaker-chooser/enter-chooses-filtered-match", test_enter_chooses_filtered_match);
  ADD ("/speaker-chooser/enter-without-match", test_enter_without_match);
  ADD ("/speaker-chooser/typed-enter-chooses-filtered-match", test_typed_enter_chooses_filtered_match);
  ADD ("/speaker-chooser/same-speaker-again", test_same_speaker_again);
  ADD ("/speaker-chooser/right-click-selects", test_right_click_selects);

  status = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  g_free (xdotool);
  return status;
}
