/* test-attributes.c — a span's attributes edited in the real window
 *
 * Each test opens a copy of harbour-bridge-vote.txt in a fresh window of
 * the real application, beside a gloss-labels.json whose claims carry
 * three attributes: "verdict" (a required choice, key v, values with
 * keys), "checkworthy" (a boolean, key w, false by default) and
 * "wikidata" (a text, key k, pattern Q[0-9]+), and "confidence" (a
 * number from 0 to 1, key n), "sources" (several values, key s). A claim is made and its
 * attributes set as a person does, by keyboard: the label's key, Ctrl+E,
 * an attribute's key and a value's. The keys go through X (xdotool); the
 * tests skip without it. The values are checked in the sidecar read back
 * from disk with the model; Ctrl+Z takes back one; a read-only session
 * does not open the editor.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#include "gloss-annotation-row.h"
#include "gloss-application.h"
#include "gloss-window-private.h"
#include "gloss-ui-test.h"

#define TIMEOUT_MS  20000  /* generous: CI machines are busy */
#define WAIT_FOR(condition) GLOSS_UI_TEST_WAIT_FOR (condition, TIMEOUT_MS)
#define AUTOSAVE_MS 50
#define CLAIM_TEXT "the borrowing would cost the town more than £600,000 a year in interest"

static GlossApplication *app;
static char *xdotool;  /* NULL: no real key presses, the tests skip */

static const char labels_json[] =
  "{\n"
  "  \"format\": \"gloss-labels\",\n"
  "  \"version\": 1,\n"
  "  \"labels\": [\n"
  "    { \"id\": \"claim\", \"kind\": \"claim\", \"name\": \"Claim\", \"key\": \"c\" },\n"
  "    { \"id\": \"person\", \"kind\": \"entity\", \"name\": \"Person\", \"key\": \"p\" }\n"
  "  ],\n"
  "  \"attributes\": [\n"
  "    { \"id\": \"verdict\", \"name\": \"Verdict\", \"type\": \"choice\", \"applies_to\": [\"kind:claim\"],\n"
  "      \"key\": \"v\", \"required\": true, \"values\": [\n"
  "        { \"id\": \"true\", \"name\": \"True\", \"key\": \"t\" },\n"
  "        { \"id\": \"mixed\", \"name\": \"Mixed\", \"key\": \"x\" },\n"
  "        { \"id\": \"false\", \"name\": \"False\", \"key\": \"f\" } ] },\n"
  "    { \"id\": \"checkworthy\", \"name\": \"Check-worthy\", \"type\": \"boolean\",\n"
  "      \"applies_to\": [\"kind:claim\"], \"key\": \"w\", \"default\": false },\n"
  "    { \"id\": \"wikidata\", \"name\": \"Wikidata item\", \"type\": \"text\",\n"
  "      \"applies_to\": [\"claim\"], \"key\": \"k\", \"pattern\": \"Q[0-9]+\" },\n"
  "    { \"id\": \"confidence\", \"name\": \"Confidence\", \"type\": \"number\",\n"
  "      \"applies_to\": [\"claim\"], \"key\": \"n\", \"min\": 0, \"max\": 1 },\n"
  "    { \"id\": \"sources\", \"name\": \"Sources\", \"type\": \"choice\", \"multiple\": true,\n"
  "      \"applies_to\": [\"claim\"], \"key\": \"s\", \"values\": [\n"
  "        { \"id\": \"official\", \"key\": \"o\" }, { \"id\": \"expert\", \"key\": \"e\" } ] }\n"
  "  ]\n"
  "}\n";

typedef struct
{
  char        *dir;
  GFile       *article;
  GFile       *sidecar;
  GlossWindow *window;
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

static GlossAnnotation *
selected (Fixture *f)
{
  return gloss_article_view_get_selected_annotation (view (f));
}

static gboolean
saved (Fixture *f)
{
  return gloss_session_get_save_state (session (f)) == GLOSS_SAVE_STATE_SAVED;
}

static gboolean
popover_shown (Fixture *f)
{
  return f->window->attribute_popover != NULL
         && gtk_widget_get_mapped (GTK_WIDGET (f->window->attribute_popover));
}

/* @id's attribute of @annotation as text ("'false'", "true"), or NULL. */
static char *
attribute_text (GlossAnnotation *annotation,
                const char      *id)
{
  g_autoptr(GVariant) value = gloss_annotation_get_attribute (annotation, id);

  return value != NULL ? g_variant_print (value, FALSE) : NULL;
}

/* @id's attribute of the annotation @annotation_id in the sidecar on disk,
 * read back with the model and the folder's label set, once saved. */
static char *
on_disk (Fixture    *f,
         const char *annotation_id,
         const char *id)
{
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GlossSidecar) sidecar = NULL;
  g_autoptr(GlossLabelSet) labels = NULL;
  g_autoptr(GFile) folder = g_file_get_parent (f->article);
  g_autoptr(GError) error = NULL;
  GlossAnnotation *annotation;

  labels = gloss_label_set_find_for_folder (folder, &error);
  g_assert_no_error (error);
  document = gloss_document_new_from_file (f->article, NULL, &error);
  g_assert_no_error (error);
  sidecar = gloss_sidecar_new_for_document (document, "tester");
  if (!gloss_sidecar_load (sidecar, labels, NULL, NULL))
    return NULL;

  annotation = gloss_annotation_set_lookup (gloss_sidecar_get_annotations (sidecar), annotation_id);
  return annotation != NULL ? attribute_text (annotation, id) : NULL;
}

static gboolean
disk_has (Fixture    *f,
          const char *annotation_id,
          const char *id,
          const char *expected)
{
  g_autofree char *text = NULL;

  if (!saved (f))
    return FALSE;

  text = on_disk (f, annotation_id, id);
  return g_strcmp0 (text, expected) == 0;
}

static gboolean
can_use_xdotool (void)
{
  if (xdotool != NULL)
    return TRUE;

  g_test_skip ("no xdotool or no X11 display: no real key presses");
  return FALSE;
}

/* Runs xdotool with @args after focusing the window, and returns once
 * GTK has handled what it sent. */
static void
run_xdotool (Fixture            *f,
             const char * const *args)
{
#ifdef GDK_WINDOWING_X11
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (f->window));
  g_autofree char *xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, xdotool);
  g_ptr_array_add (argv, (char *) "windowfocus");
  g_ptr_array_add (argv, xid);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               NULL, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("xdotool failed: %s", err);

  gdk_display_sync (gtk_widget_get_display (GTK_WIDGET (f->window)));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
#else
  g_assert_not_reached ();
#endif
}

/* Presses @keys, xdotool's names ("ctrl+e", "v"), one after the other. */
static void
press (Fixture    *f,
       const char *keys)
{
  g_auto(GStrv) each = g_strsplit (keys, " ", -1);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();

  g_ptr_array_add (args, (char *) "key");
  g_ptr_array_add (args, (char *) "--delay");
  g_ptr_array_add (args, (char *) "30");
  for (guint i = 0; each[i] != NULL; i++)
    g_ptr_array_add (args, each[i]);
  g_ptr_array_add (args, NULL);
  run_xdotool (f, (const char * const *) args->pdata);
}

static void
type_text (Fixture    *f,
           const char *text)
{
  const char * const args[] = { "type", "--delay", "30", text, NULL };

  run_xdotool (f, args);
}

/* The claim, marked as a person does: its text selected, then the
 * label's key. */
static GlossAnnotation *
mark_claim (Fixture *f)
{
  GlossDocument *document = gloss_session_get_document (session (f));
  const char *text = gloss_document_get_text (document);
  const char *at = strstr (text, CLAIM_TEXT);
  guint start;

  g_assert_nonnull (at);
  start = gloss_document_byte_to_offset (document, at - text);
  gloss_article_view_select_range (view (f), start, start + g_utf8_strlen (CLAIM_TEXT, -1));
  gtk_widget_grab_focus (GTK_WIDGET (view (f)));
  press (f, "c");
  WAIT_FOR (selected (f) != NULL);
  g_assert_cmpstr (gloss_annotation_get_label (selected (f)), ==, "claim");

  return selected (f);
}

static void
open_window (Fixture *f)
{
  f->window = gloss_ui_test_open_window (app, f->article, TIMEOUT_MS);
  gloss_session_set_autosave_delay (session (f), AUTOSAVE_MS);
  g_assert_nonnull (gloss_label_set_get_file (gloss_session_get_labels (session (f))));
}

static void
close_window (Fixture *f)
{
  if (f->window == NULL)
    return;

  if (f->window->attribute_popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (f->window->attribute_popover));
  gloss_ui_test_close_window (GTK_WINDOW (g_steal_pointer (&f->window)), TIMEOUT_MS);
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

  f->dir = gloss_ui_test_make_tmp_dir ("gloss-test-attributes-XXXXXX");
  gloss_ui_test_copy_sample ("harbour-bridge-vote.txt", f->dir);
  labels_path = g_build_filename (f->dir, "gloss-labels.json", NULL);
  g_file_set_contents (labels_path, labels_json, -1, &error);
  g_assert_no_error (error);
  f->article = g_file_new_build_filename (f->dir, "harbour-bridge-vote.txt", NULL);
  f->sidecar = g_file_new_build_filename (f->dir, "harbour-bridge-vote.txt.tester.gloss.json", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = g_file_get_path (f->sidecar);

  close_window (f);
  g_chmod (path, 0644);
  gloss_test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
  g_clear_object (&f->article);
  g_clear_object (&f->sidecar);
}

/* ------------------------------------------------------------------ */
/* Tests                                                                */
/* ------------------------------------------------------------------ */

static void
test_key_registered (Fixture       *f,
                     gconstpointer  data)
{
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                "win.edit-attributes");

  g_assert_cmpstr (accels[0], ==, "<Control>e");
}

/* A claim by keyboard starts with the default (check-worthy: no); Ctrl+E,
 * then v f (verdict false), w (check-worthy), k and a Wikidata item that
 * the pattern first refuses, then Enter; Escape. All of it on disk; Ctrl+Z
 * takes back the last, on disk too. */
static void
test_keyboard (Fixture       *f,
               gconstpointer  data)
{
  GlossAnnotation *claim;
  g_autofree char *id = NULL;
  g_autofree char *text = NULL;

  if (!can_use_xdotool ())
    return;

  open_window (f);
  claim = mark_claim (f);
  id = g_strdup (gloss_annotation_get_id (claim));
  text = attribute_text (claim, "checkworthy");
  g_assert_cmpstr (text, ==, "false");
  g_clear_pointer (&text, g_free);

  press (f, "ctrl+e");
  WAIT_FOR (popover_shown (f));
  g_assert_true (gloss_attribute_popover_get_annotation (f->window->attribute_popover) == claim);
  /* For looking at: the required verdict not set yet. */
  gloss_ui_test_screenshot (GTK_WIDGET (f->window->attribute_popover), "attributes-popover-new.png", TIMEOUT_MS);

  press (f, "v f");
  text = attribute_text (claim, "verdict");
  g_assert_cmpstr (text, ==, "'false'");
  g_clear_pointer (&text, g_free);

  press (f, "w");
  text = attribute_text (claim, "checkworthy");
  g_assert_cmpstr (text, ==, "true");
  g_clear_pointer (&text, g_free);

  /* Not an item: Enter keeps it out, and the entry keeps the keyboard. */
  press (f, "k");
  type_text (f, "Q4x");
  press (f, "Return");
  g_assert_null (gloss_annotation_get_attribute (claim, "wikidata"));
  gloss_ui_test_screenshot (GTK_WIDGET (f->window->attribute_popover), "attributes-popover-pattern.png", TIMEOUT_MS);
  press (f, "BackSpace");
  type_text (f, "2");
  press (f, "Return");
  text = attribute_text (claim, "wikidata");
  g_assert_cmpstr (text, ==, "'Q42'");
  g_clear_pointer (&text, g_free);
  g_assert_true (popover_shown (f));

  /* A number, typed over what the spin button shows. */
  press (f, "n");
  type_text (f, "0.75");
  press (f, "Return");
  text = attribute_text (claim, "confidence");
  g_assert_cmpstr (text, ==, "0.75");
  g_clear_pointer (&text, g_free);

  /* Several values: each key adds its value, or takes it away; the list
   * keeps the label set's order. */
  press (f, "s e o");
  text = attribute_text (claim, "sources");
  g_assert_cmpstr (text, ==, "['official', 'expert']");
  g_clear_pointer (&text, g_free);
  press (f, "o");
  text = attribute_text (claim, "sources");
  g_assert_cmpstr (text, ==, "['expert']");
  g_clear_pointer (&text, g_free);
  press (f, "e");
  g_assert_null (gloss_annotation_get_attribute (claim, "sources"));
  press (f, "o");

  gloss_ui_test_screenshot (GTK_WIDGET (f->window->attribute_popover), "attributes-popover.png", TIMEOUT_MS);

  press (f, "Escape");
  WAIT_FOR (!popover_shown (f));

  WAIT_FOR (disk_has (f, id, "verdict", "'false'"));
  WAIT_FOR (disk_has (f, id, "checkworthy", "true"));
  WAIT_FOR (disk_has (f, id, "wikidata", "'Q42'"));
  WAIT_FOR (disk_has (f, id, "confidence", "0.75"));
  WAIT_FOR (disk_has (f, id, "sources", "['official']"));

  /* One step back: the last source goes, the rest stays. */
  press (f, "ctrl+z");
  g_assert_null (gloss_annotation_get_attribute (claim, "sources"));
  WAIT_FOR (disk_has (f, id, "sources", NULL));
  g_assert_true (disk_has (f, id, "confidence", "0.75"));
  g_assert_true (disk_has (f, id, "wikidata", "'Q42'"));
  g_assert_true (disk_has (f, id, "verdict", "'false'"));
  g_assert_true (disk_has (f, id, "checkworthy", "true"));

  /* The verdict's key again takes it back (required: unset is allowed). */
  press (f, "ctrl+e");
  WAIT_FOR (popover_shown (f));
  press (f, "v f Escape");
  g_assert_null (gloss_annotation_get_attribute (claim, "verdict"));
  WAIT_FOR (!popover_shown (f));
}

/* Whether the context menu offers @action. */
static gboolean
menu_offers (Fixture    *f,
             const char *action)
{
  g_autoptr(GMenuModel) menu = gloss_window_build_context_menu (f->window);

  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      for (int j = 0; section != NULL && j < g_menu_model_get_n_items (section); j++)
        {
          g_autofree char *name = NULL;

          if (g_menu_model_get_item_attribute (section, j, G_MENU_ATTRIBUTE_ACTION, "s", &name)
              && g_str_equal (name, action))
            return TRUE;
        }
    }

  return FALSE;
}

/* Only for a span whose label has attributes: the context menu offers
 * it for a claim, not for a person, and Ctrl+E on a person opens
 * nothing. */
static void
test_needs_attributes (Fixture       *f,
                       gconstpointer  data)
{
  GlossDocument *document;
  const char *text;
  const char *at;
  guint start;

  if (!can_use_xdotool ())
    return;

  open_window (f);
  mark_claim (f);
  g_assert_true (menu_offers (f, "win.edit-attributes"));

  document = gloss_session_get_document (session (f));
  text = gloss_document_get_text (document);
  at = strstr (text, "Ramón Núñez");
  g_assert_nonnull (at);
  start = gloss_document_byte_to_offset (document, at - text);
  gloss_article_view_select_range (view (f), start, start + g_utf8_strlen ("Ramón Núñez", -1));
  gtk_widget_grab_focus (GTK_WIDGET (view (f)));
  press (f, "p");
  WAIT_FOR (selected (f) != NULL && g_str_equal (gloss_annotation_get_label (selected (f)), "person"));
  g_assert_false (menu_offers (f, "win.edit-attributes"));

  press (f, "ctrl+e");
  gloss_ui_test_spin_idle ();
  g_assert_false (popover_shown (f));
}

/* A sidecar write-protected on purpose opens read-only: the claim can be
 * selected, but Ctrl+E opens nothing and nothing changes. */
static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = g_file_get_path (f->sidecar);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *id = NULL;
  GlossAnnotation *claim;

  if (!can_use_xdotool ())
    return;

  open_window (f);
  claim = mark_claim (f);
  id = g_strdup (gloss_annotation_get_id (claim));
  WAIT_FOR (saved (f));
  close_window (f);
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  before = gloss_ui_test_read_file (f->sidecar);

  open_window (f);
  g_assert_cmpint (gloss_session_get_save_state (session (f)), ==, GLOSS_SAVE_STATE_READ_ONLY);
  claim = gloss_annotation_set_lookup (annotations (f), id);
  g_assert_nonnull (claim);
  gloss_article_view_set_selected_annotation (view (f), claim);
  gtk_widget_grab_focus (GTK_WIDGET (view (f)));

  press (f, "ctrl+e");
  gloss_ui_test_spin_idle ();
  g_assert_false (popover_shown (f));
  press (f, "v t w");
  gloss_ui_test_spin_idle ();
  g_assert_null (gloss_annotation_get_attribute (claim, "verdict"));
  after = gloss_ui_test_read_file (f->sidecar);
  g_assert_cmpstr (after, ==, before);
}

/* The row showing @annotation under @widget, depth first. */
static GtkWidget *
find_row (GtkWidget       *widget,
          GlossAnnotation *annotation)
{
  if (GLOSS_IS_ANNOTATION_ROW (widget))
    return gloss_annotation_row_get_annotation (GLOSS_ANNOTATION_ROW (widget)) == annotation
           ? widget : NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = find_row (child, annotation);

      if (row != NULL)
        return row;
    }

  return NULL;
}

static GtkWidget *
sidebar_row (Fixture         *f,
             GlossAnnotation *annotation)
{
  return find_row (GTK_WIDGET (gloss_window_get_annotation_list (f->window)), annotation);
}

/* The sidebar's context menu: the popover menu among its own children
 * (the filter's menu button has another, further down). */
static gboolean
sidebar_menu_shown (Fixture *f)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (gloss_window_get_annotation_list (f->window)));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER_MENU (child))
      return gtk_widget_get_mapped (child);

  g_assert_not_reached ();
}

/* The sidebar's context menu, opened on the claim's row with the Menu
 * key, offers Edit Attributes; chosen by its mnemonic it opens the
 * editor on that claim, and a verdict set there reaches the disk. */
static void
test_sidebar_menu (Fixture       *f,
                   gconstpointer  data)
{
  GlossAnnotation *claim;
  GtkWidget *row;
  g_autofree char *id = NULL;

  if (!can_use_xdotool ())
    return;

  open_window (f);
  claim = mark_claim (f);
  id = g_strdup (gloss_annotation_get_id (claim));
  WAIT_FOR ((row = sidebar_row (f, claim)) != NULL);

  g_assert_true (gtk_widget_grab_focus (gtk_widget_get_parent (row)));
  press (f, "Menu");
  WAIT_FOR (sidebar_menu_shown (f));
  g_assert_true (gloss_annotation_list_get_selected_annotation (gloss_window_get_annotation_list (f->window)) == claim);

  press (f, "a");
  WAIT_FOR (popover_shown (f));
  g_assert_false (sidebar_menu_shown (f));
  g_assert_true (gloss_attribute_popover_get_annotation (f->window->attribute_popover) == claim);

  press (f, "v t Escape");
  WAIT_FOR (!popover_shown (f));
  WAIT_FOR (disk_has (f, id, "verdict", "'true'"));
}

/* Steps of a number's spin button, by arrow key, are one undo step for
 * the visit: one Ctrl+Z gives back the value it had before the popover
 * opened. What is typed and left by Escape is kept, also as one step. */
static void
test_number_one_step (Fixture       *f,
                      gconstpointer  data)
{
  GlossAnnotation *claim;
  g_autofree char *id = NULL;
  g_autofree char *text = NULL;

  if (!can_use_xdotool ())
    return;

  open_window (f);
  claim = mark_claim (f);
  id = g_strdup (gloss_annotation_get_id (claim));

  press (f, "ctrl+e");
  WAIT_FOR (popover_shown (f));
  press (f, "n");
  type_text (f, "0.25");
  press (f, "Return Escape");
  WAIT_FOR (!popover_shown (f));
  WAIT_FOR (disk_has (f, id, "confidence", "0.25"));

  /* 0.25, then 1, 0, 1, 0, 1: the range is 0 to 1, a step is 1. */
  press (f, "ctrl+e");
  WAIT_FOR (popover_shown (f));
  press (f, "n Up Down Up Down Up");
  press (f, "Escape");
  WAIT_FOR (!popover_shown (f));
  text = attribute_text (claim, "confidence");
  g_assert_cmpstr (text, ==, "1.0");
  g_clear_pointer (&text, g_free);
  WAIT_FOR (disk_has (f, id, "confidence", "1.0"));

  press (f, "ctrl+z");
  text = attribute_text (claim, "confidence");
  g_assert_cmpstr (text, ==, "0.25");
  g_clear_pointer (&text, g_free);
  WAIT_FOR (disk_has (f, id, "confidence", "0.25"));

  /* Typed, not entered, then Escape: kept. */
  press (f, "ctrl+e");
  WAIT_FOR (popover_shown (f));
  press (f, "n");
  type_text (f, "0.5");
  press (f, "Escape");
  WAIT_FOR (!popover_shown (f));
  WAIT_FOR (disk_has (f, id, "confidence", "0.5"));

  press (f, "ctrl+z");
  text = attribute_text (claim, "confidence");
  g_assert_cmpstr (text, ==, "0.25");
  g_clear_pointer (&text, g_free);
  WAIT_FOR (disk_has (f, id, "confidence", "0.25"));
}

/* ------------------------------------------------------------------ */
/* The popover and what changes under it                                */
/* ------------------------------------------------------------------ */

static gboolean
sidecar_saved_as (Fixture    *f,
                  const char *expected)
{
  g_autofree char *now = gloss_ui_test_try_read_file (f->sidecar);

  return saved (f) && g_strcmp0 (now, expected) == 0;
}

/* The popover is open on a claim, a number half typed into its field,
 * when the article changes on disk (a checkout) and the window opens it
 * again: the popover goes with the session it edited. The number is not
 * set on the claim of the closed session, a value's key pressed then sets
 * nothing anywhere, and the new session's sidecar stays as it was. */
static void
test_session_changes (Fixture       *f,
                      gconstpointer  data)
{
  GlossAnnotation *claim;
  GlossSession *old_session;
  GlossAnnotation *reopened;
  g_autofree char *id = NULL;
  g_autofree char *article_path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *before = NULL;

  if (!can_use_xdotool ())
    return;

  open_window (f);
  claim = g_object_ref (mark_claim (f));
  id = g_strdup (gloss_annotation_get_id (claim));
  old_session = g_object_ref (session (f));
  WAIT_FOR (saved (f));

  press (f, "ctrl+e");
  WAIT_FOR (popover_shown (f));
  press (f, "n");
  type_text (f, "0.5");

  article_path = g_file_get_path (f->article);
  g_assert_true (g_file_get_contents (article_path, &text, NULL, NULL));
  changed = g_strconcat (text, "\nA paragraph added by a checkout.\n", NULL);
  g_assert_true (g_file_set_contents (article_path, changed, -1, NULL));
  WAIT_FOR (session (f) != NULL && session (f) != old_session);
  gloss_session_set_autosave_delay (session (f), AUTOSAVE_MS);
  WAIT_FOR (saved (f));

  g_assert_false (popover_shown (f));
  g_assert_null (gloss_attribute_popover_get_annotation (f->window->attribute_popover));
  g_assert_null (gloss_annotation_get_attribute (claim, "confidence"));
  reopened = gloss_annotation_set_lookup (annotations (f), id);
  g_assert_nonnull (reopened);
  g_assert_true (reopened != claim);
  before = gloss_ui_test_read_file (f->sidecar);

  gloss_article_view_set_selected_annotation (view (f), reopened);
  press (f, "v f");
  gloss_ui_test_spin (300);
  g_assert_null (gloss_annotation_get_attribute (claim, "verdict"));
  g_assert_null (gloss_annotation_get_attribute (claim, "confidence"));
  g_assert_null (gloss_annotation_get_attribute (reopened, "verdict"));
  g_assert_null (gloss_annotation_get_attribute (reopened, "confidence"));
  g_assert_false (gloss_session_has_unsaved_changes (session (f)));
  g_assert_true (sidecar_saved_as (f, before));

  /* Opened again, the popover edits the new session's claim. */
  press (f, "ctrl+e");
  WAIT_FOR (popover_shown (f));
  g_assert_true (gloss_attribute_popover_get_annotation (f->window->attribute_popover) == reopened);
  press (f, "v t Escape");
  WAIT_FOR (disk_has (f, id, "verdict", "'true'"));
  g_assert_null (gloss_annotation_get_attribute (claim, "verdict"));

  g_object_unref (claim);
  g_object_unref (old_session);
}

/* Undoing the claim itself while its popover is open (Ctrl+Z twice: the
 * verdict, then the claim) closes the popover: nothing is left to edit. */
static void
test_annotation_goes (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *id = NULL;

  if (!can_use_xdotool ())
    return;

  open_window (f);
  id = g_strdup (gloss_annotation_get_id (mark_claim (f)));
  press (f, "ctrl+e");
  WAIT_FOR (popover_shown (f));
  press (f, "v f ctrl+z");
  g_assert_true (popover_shown (f));
  press (f, "ctrl+z");
  WAIT_FOR (gloss_annotation_set_lookup (annotations (f), id) == NULL);
  WAIT_FOR (!popover_shown (f));
  g_assert_null (gloss_attribute_popover_get_annotation (f->window->attribute_popover));
}

/* The focused widget's text, if it has any. */
static const char *
focus_text (Fixture *f)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));

  return focus != NULL && GTK_IS_EDITABLE (focus) ? gtk_editable_get_text (GTK_EDITABLE (focus)) : NULL;
}

static char *
claim_value (GlossAnnotation *claim,
             const char      *id)
{
  return attribute_text (claim, id);
}

/* From the number field, the keys of other attributes and values work as
 * in the list, and no letter gets into the field; a value shown rounded
 * (0.125 as 0.12) is not changed by visiting the field, by Tab, by another
 * attribute's key or by Escape; text that is no number gives the value
 * back rather than 0. All with real key presses. */
static void
test_number_keys (Fixture       *f,
                  gconstpointer  data)
{
  GlossAnnotation *claim;
  g_autofree char *id = NULL;
  g_autofree char *text = NULL;
  guint64 serial;

  if (!can_use_xdotool ())
    return;

  open_window (f);
  claim = mark_claim (f);
  id = g_strdup (gloss_annotation_get_id (claim));
  g_assert_true (gloss_annotation_set_change_attribute (annotations (f), claim, "confidence",
                                                        g_variant_new_double (0.125), NULL));
  serial = gloss_annotation_set_get_change_serial (annotations (f));

  press (f, "ctrl+e");
  WAIT_FOR (popover_shown (f));
  press (f, "n");
  g_assert_cmpstr (focus_text (f), ==, "0.12");

  /* Visited and left, by Tab, then by Escape: nothing changes. */
  press (f, "Tab");
  press (f, "n Escape");
  WAIT_FOR (!popover_shown (f));
  text = claim_value (claim, "confidence");
  g_assert_cmpstr (text, ==, "0.125");
  g_clear_pointer (&text, g_free);
  g_assert_cmpuint (gloss_annotation_set_get_change_serial (annotations (f)), ==, serial);

  /* Another attribute's key from the number field picks it: "v t" sets
   * the verdict, "w" check-worthy; the number stays. */
  press (f, "ctrl+e");
  WAIT_FOR (popover_shown (f));
  press (f, "n v t");
  text = claim_value (claim, "verdict");
  g_assert_cmpstr (text, ==, "'true'");
  g_clear_pointer (&text, g_free);
  press (f, "n w");
  text = claim_value (claim, "checkworthy");
  g_assert_cmpstr (text, ==, "true");
  g_clear_pointer (&text, g_free);
  text = claim_value (claim, "confidence");
  g_assert_cmpstr (text, ==, "0.125");
  g_clear_pointer (&text, g_free);

  /* A letter that picks nothing does not get in either. */
  press (f, "n z");
  g_assert_cmpstr (focus_text (f), ==, "0.12");

  /* Text that is no number, left by Escape: the value stays. */
  press (f, "ctrl+a minus period");
  g_assert_cmpstr (focus_text (f), ==, "-.");
  press (f, "Escape");
  WAIT_FOR (!popover_shown (f));
  text = claim_value (claim, "confidence");
  g_assert_cmpstr (text, ==, "0.125");
  g_clear_pointer (&text, g_free);
  g_assert_cmpuint (gloss_annotation_set_get_change_serial (annotations (f)), ==, serial + 2);

  /* What a person types is still set. */
  press (f, "ctrl+e");
  WAIT_FOR (popover_shown (f));
  press (f, "n ctrl+a");
  type_text (f, "0.5");
  press (f, "v x");
  text = claim_value (claim, "confidence");
  g_assert_cmpstr (text, ==, "0.5");
  g_clear_pointer (&text, g_free);
  press (f, "Escape");
  WAIT_FOR (disk_has (f, id, "confidence", "0.5"));
  WAIT_FOR (disk_has (f, id, "verdict", "'mixed'"));
}

static gboolean
is_check_button_with_label (GtkWidget     *widget,
                            gconstpointer  text)
{
  return GTK_IS_CHECK_BUTTON (widget)
         && g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)), text) == 0;
}

static GtkWidget *
unlisted_box (Fixture *f)
{
  GtkWidget *button = gloss_ui_test_find_widget (GTK_WIDGET (f->window->attribute_popover),
                                                 is_check_button_with_label,
                                                 "retired-source (not in the label set)");

  return button != NULL && gtk_widget_get_visible (button) ? button : NULL;
}

/* A claim's sources hold a value the label set no longer lists: the
 * popover shows it, keys add and take away other sources around it, and
 * it goes only when its own box is cleared. */
static void
test_kept_value (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = g_file_get_path (f->sidecar);
  g_autofree char *contents = NULL;
  g_autofree char *id = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GString) edited = NULL;
  GlossAnnotation *claim;
  GtkWidget *box;

  if (!can_use_xdotool ())
    return;

  open_window (f);
  id = g_strdup (gloss_annotation_get_id (mark_claim (f)));
  WAIT_FOR (saved (f));
  close_window (f);

  /* As another version of the label set left it. */
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  edited = g_string_new (contents);
  g_assert_cmpuint (g_string_replace (edited, "\"checkworthy\": false",
                                      "\"checkworthy\": false,\n"
                                      "        \"sources\": [\"official\", \"retired-source\"]", 1), ==, 1);
  g_assert_true (g_file_set_contents (path, edited->str, -1, NULL));

  open_window (f);
  claim = gloss_annotation_set_lookup (annotations (f), id);
  g_assert_nonnull (claim);
  gloss_article_view_set_selected_annotation (view (f), claim);
  gtk_widget_grab_focus (GTK_WIDGET (view (f)));
  press (f, "ctrl+e");
  WAIT_FOR (popover_shown (f));
  box = unlisted_box (f);
  g_assert_nonnull (box);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (box)));

  press (f, "s e");
  text = attribute_text (claim, "sources");
  g_assert_cmpstr (text, ==, "['official', 'retired-source', 'expert']");
  g_clear_pointer (&text, g_free);
  press (f, "o");
  text = attribute_text (claim, "sources");
  g_assert_cmpstr (text, ==, "['retired-source', 'expert']");
  g_clear_pointer (&text, g_free);
  /* Back before the listed values after it. */
  press (f, "o");
  text = attribute_text (claim, "sources");
  g_assert_cmpstr (text, ==, "['retired-source', 'official', 'expert']");
  g_clear_pointer (&text, g_free);
  g_assert_true (unlisted_box (f) == box);

  /* Cleared on purpose, as a click does; Ctrl+Z brings it back. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (box), FALSE);
  text = attribute_text (claim, "sources");
  g_assert_cmpstr (text, ==, "['official', 'expert']");
  g_clear_pointer (&text, g_free);
  g_assert_null (unlisted_box (f));
  press (f, "ctrl+z");
  text = attribute_text (claim, "sources");
  g_assert_cmpstr (text, ==, "['retired-source', 'official', 'expert']");
  g_clear_pointer (&text, g_free);
  g_assert_true (unlisted_box (f) == box);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (box)));

  press (f, "Escape");
  WAIT_FOR (!popover_shown (f));
  WAIT_FOR (disk_has (f, id, "sources", "['retired-source', 'official', 'expert']"));
}

/* The window's shortcuts work with the popover open: Ctrl+Z and
 * Ctrl+Shift+Z undo and redo, Ctrl+S saves — a number being typed too. */
static void
test_window_shortcuts (Fixture       *f,
                       gconstpointer  data)
{
  GlossAnnotation *claim;
  g_autofree char *id = NULL;
  g_autofree char *text = NULL;

  if (!can_use_xdotool ())
    return;

  open_window (f);
  claim = mark_claim (f);
  id = g_strdup (gloss_annotation_get_id (claim));
  WAIT_FOR (saved (f));
  /* Only Ctrl+S saves from here on. */
  gloss_session_set_autosave_delay (session (f), 600000);

  press (f, "ctrl+e");
  WAIT_FOR (popover_shown (f));
  press (f, "v f ctrl+z");
  g_assert_null (gloss_annotation_get_attribute (claim, "verdict"));
  press (f, "ctrl+shift+z");
  text = attribute_text (claim, "verdict");
  g_assert_cmpstr (text, ==, "'false'");
  g_clear_pointer (&text, g_free);
  g_assert_true (popover_shown (f));

  press (f, "n");
  type_text (f, "0.5");
  press (f, "ctrl+s");
  WAIT_FOR (disk_has (f, id, "confidence", "0.5"));
  g_assert_true (disk_has (f, id, "verdict", "'false'"));
  g_assert_true (popover_shown (f));
  press (f, "Escape");
  WAIT_FOR (!popover_shown (f));
}

/* The bottom of @widget in @popover's coordinates, and whether it is
 * within what the popover shows: inside a scrolled window, a widget
 * below the fold can be scrolled to, so only the window's own bottom
 * counts. */
static gboolean
shown_whole (GtkWidget *popover,
             GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *frame = scrolled != NULL && gtk_widget_is_ancestor (scrolled, popover) ? scrolled : widget;
  GtkWidget *child = gtk_popover_get_child (GTK_POPOVER (popover));
  graphene_rect_t bounds, area;

  g_assert_true (gtk_widget_compute_bounds (frame, child, &bounds));
  g_assert_true (gtk_widget_compute_bounds (child, child, &area));
  g_test_message ("%s ends at %.0f of %.0f px", G_OBJECT_TYPE_NAME (frame),
                  bounds.origin.y + bounds.size.height, area.size.height);
  return bounds.origin.y + bounds.size.height <= area.size.height + 0.5
         && gtk_widget_get_height (child) >= gtk_widget_get_height (frame);
}

/* The sample's label set: a claim's verdict has five values. On a window
 * of 800 px the popover grows to show them all, the last one too
 * ("Unverifiable"), rather than cutting them off at a fixed height. */
static void
test_tall_popover (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *labels_path = g_build_filename (f->dir, "gloss-labels.json", NULL);
  g_autofree char *sample_labels = NULL;
  GtkWidget *popover;
  GtkWidget *last;
  GtkWidget *list;
  GtkWidget *scrolled;
  int natural = 0;
  int shown;

  if (!can_use_xdotool ())
    return;

  sample_labels = g_build_filename (g_getenv ("GLOSS_SAMPLES_DIR"), "gloss-labels.json", NULL);
  g_assert_cmpint (g_unlink (labels_path), ==, 0);
  gloss_ui_test_copy_file (sample_labels, labels_path);
  open_window (f);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 800);
  gtk_window_unmaximize (GTK_WINDOW (f->window));
  gloss_ui_test_spin (200);
  mark_claim (f);
  press (f, "ctrl+e");
  WAIT_FOR (popover_shown (f));
  popover = GTK_WIDGET (f->window->attribute_popover);
  gloss_ui_test_wait_for_frame (popover, TIMEOUT_MS);
  gloss_ui_test_screenshot (popover, "attributes-popover-tall.png", TIMEOUT_MS);

  last = gloss_ui_test_find_label (popover, "Unverifiable");
  g_assert_nonnull (last);
  g_assert_true (shown_whole (popover, last));
  /* All of the list, not a part of it to scroll through. */
  list = gtk_widget_get_parent (gtk_widget_get_parent (gloss_ui_test_find_label (popover, "Verdict")));
  list = gtk_widget_get_ancestor (list, GTK_TYPE_LIST_BOX);
  /* Measured with its margins; in a scrolled window, the window shows
   * all of it. */
  gtk_widget_measure (list, GTK_ORIENTATION_VERTICAL,
                      gtk_widget_get_width (list) + gtk_widget_get_margin_start (list) + gtk_widget_get_margin_end (list),
                      NULL, &natural, NULL, NULL);
  scrolled = gtk_widget_get_ancestor (list, GTK_TYPE_SCROLLED_WINDOW);
  if (scrolled != NULL)
    shown = gtk_widget_get_height (scrolled);
  else
    shown = gtk_widget_get_height (list) + gtk_widget_get_margin_top (list) + gtk_widget_get_margin_bottom (list);
  g_test_message ("the list: %d px of %d", shown, natural);
  g_assert_cmpint (shown, >=, natural);
}

/* ------------------------------------------------------------------ */
/* Values kept from before                                              */
/* ------------------------------------------------------------------ */

static gboolean
is_kept_row (GtkWidget     *widget,
             gconstpointer  id)
{
  return GTK_IS_LIST_BOX_ROW (widget)
         && g_strcmp0 (g_object_get_data (G_OBJECT (widget), "gloss-attribute-id"), id) == 0;
}

/* The popover's row of the value of @id kept from before, if shown. */
static GtkWidget *
kept_row (Fixture    *f,
          const char *id)
{
  GtkWidget *row = gloss_ui_test_find_widget (GTK_WIDGET (f->window->attribute_popover), is_kept_row, id);

  return row != NULL && gtk_widget_is_visible (row) ? row : NULL;
}

/* Whether the keyboard is on the Remove button of @id's kept row. */
static gboolean
focus_on_remove (Fixture    *f,
                 const char *id)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));
  GtkWidget *row = kept_row (f, id);

  return focus != NULL && row != NULL && GTK_IS_BUTTON (focus) && gtk_widget_is_ancestor (focus, row);
}

/* The text of the labels under @row, one after the other. */
static void
append_label_texts (GtkWidget *widget,
                    GString   *out)
{
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "%s|", gtk_label_get_text (GTK_LABEL (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    append_label_texts (child, out);
}

static char *
row_texts (GtkWidget *row)
{
  GString *out = g_string_new (NULL);

  append_label_texts (row, out);
  return g_string_free (out, FALSE);
}

/* Whether the scrolled window @widget is in shows all of what it holds:
 * a popover measured too short for its text cut the last kept row off. */
static gboolean
scrolled_whole (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *child = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  int natural = 0;

  gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (child), NULL, &natural, NULL, NULL);
  g_test_message ("the scrolled window: %d px of %d", gtk_widget_get_height (scrolled), natural);
  return gtk_widget_get_height (scrolled) >= natural;
}

/* A claim with verdict false relabelled to person (its label key, the
 * span selected): the values stay and Edit Attributes is offered though
 * a person has no attributes. Ctrl+E lists them as kept from before —
 * the verdict by its name and its value's, and check-worthy's default —
 * the focus on the verdict's Remove; Tab reaches the next Remove. Space
 * on Remove takes the verdict away, on disk too; Ctrl+Z brings it and
 * its row back, on disk too; Delete takes it away again. */
static void
test_kept_after_relabel (Fixture       *f,
                         gconstpointer  data)
{
  GlossAnnotation *claim;
  g_autofree char *id = NULL;
  g_autofree char *text = NULL;
  g_autofree char *texts = NULL;

  if (!can_use_xdotool ())
    return;

  open_window (f);
  claim = mark_claim (f);
  id = g_strdup (gloss_annotation_get_id (claim));
  press (f, "ctrl+e");
  WAIT_FOR (popover_shown (f));
  g_assert_null (kept_row (f, "verdict"));
  press (f, "v f Escape");
  WAIT_FOR (!popover_shown (f));
  WAIT_FOR (disk_has (f, id, "verdict", "'false'"));

  /* Relabelled by its key, as a person does. */
  gtk_widget_grab_focus (GTK_WIDGET (view (f)));
  press (f, "p");
  WAIT_FOR (g_str_equal (gloss_annotation_get_label (claim), "person"));
  WAIT_FOR (disk_has (f, id, "verdict", "'false'"));
  g_assert_true (selected (f) == claim);
  g_assert_false (gloss_label_set_has_attributes_for_label (gloss_session_get_labels (session (f)), "person"));

  press (f, "ctrl+e");
  WAIT_FOR (popover_shown (f));
  g_assert_true (gloss_attribute_popover_get_annotation (f->window->attribute_popover) == claim);
  g_assert_nonnull (gloss_ui_test_find_label (GTK_WIDGET (f->window->attribute_popover), "Kept from Before"));
  g_assert_nonnull (kept_row (f, "verdict"));
  g_assert_nonnull (kept_row (f, "checkworthy"));
  texts = row_texts (kept_row (f, "verdict"));
  g_assert_cmpstr (texts, ==, "Verdict|False|Not an attribute of Person|Remove|");
  g_clear_pointer (&texts, g_free);
  texts = row_texts (kept_row (f, "checkworthy"));
  g_assert_cmpstr (texts, ==, "Check-worthy|No|Not an attribute of Person|Remove|");
  g_clear_pointer (&texts, g_free);
  gloss_ui_test_screenshot (GTK_WIDGET (f->window->attribute_popover), "attributes-popover-kept.png", TIMEOUT_MS);
  g_assert_true (scrolled_whole (kept_row (f, "checkworthy")));

  /* Keyboard: on the first Remove; Tab to the next and back. */
  WAIT_FOR (focus_on_remove (f, "verdict"));
  press (f, "Tab");
  g_assert_true (focus_on_remove (f, "checkworthy"));
  press (f, "shift+Tab");
  g_assert_true (focus_on_remove (f, "verdict"));

  press (f, "space");
  g_assert_null (gloss_annotation_get_attribute (claim, "verdict"));
  g_assert_null (kept_row (f, "verdict"));
  g_assert_true (focus_on_remove (f, "checkworthy"));
  text = attribute_text (claim, "checkworthy");
  g_assert_cmpstr (text, ==, "false");
  g_clear_pointer (&text, g_free);
  WAIT_FOR (disk_has (f, id, "verdict", NULL));
  g_assert_true (disk_has (f, id, "checkworthy", "false"));
  g_assert_true (popover_shown (f));

  /* One undo step brings it back, and its row. */
  press (f, "ctrl+z");
  text = attribute_text (claim, "verdict");
  g_assert_cmpstr (text, ==, "'false'");
  g_clear_pointer (&text, g_free);
  g_assert_nonnull (kept_row (f, "verdict"));
  g_assert_true (g_str_equal (gloss_annotation_get_label (claim), "person"));
  WAIT_FOR (disk_has (f, id, "verdict", "'false'"));
  g_assert_true (popover_shown (f));

  /* Delete: the value in focus goes (the row in the removed one's place
   * keeps the focus, so it is the verdict again). */
  g_assert_true (focus_on_remove (f, "verdict"));
  press (f, "Delete");
  g_assert_null (gloss_annotation_get_attribute (claim, "verdict"));
  WAIT_FOR (disk_has (f, id, "verdict", NULL));
  press (f, "Delete");
  g_assert_null (gloss_annotation_get_attribute (claim, "checkworthy"));
  g_assert_null (gloss_annotation_peek_attributes (claim));
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (gloss_ui_test_find_label (GTK_WIDGET (f->window->attribute_popover),
                                                                                             "Kept from Before"))));
  WAIT_FOR (disk_has (f, id, "checkworthy", NULL));

  /* Nothing left to edit on a person: Ctrl+E opens nothing any more;
   * two undo steps give back both values. */
  press (f, "Escape");
  WAIT_FOR (!popover_shown (f));
  press (f, "ctrl+e");
  gloss_ui_test_spin_idle ();
  g_assert_false (popover_shown (f));
  press (f, "ctrl+z ctrl+z");
  text = attribute_text (claim, "verdict");
  g_assert_cmpstr (text, ==, "'false'");
  g_clear_pointer (&text, g_free);
  WAIT_FOR (disk_has (f, id, "verdict", "'false'"));
  WAIT_FOR (disk_has (f, id, "checkworthy", "false"));
}

/* A claim holding a value of an attribute the label set does not declare
 * (an older label set's): its editors as before, and the value kept from
 * before below them with its id. Delete from an editor goes to it, Delete
 * again takes it away; Ctrl+Z brings it back; the claim's own keys still
 * work with the section there. */
static void
test_kept_undeclared (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = g_file_get_path (f->sidecar);
  g_autofree char *contents = NULL;
  g_autofree char *id = NULL;
  g_autofree char *text = NULL;
  g_autofree char *texts = NULL;
  g_autoptr(GString) edited = NULL;
  GlossAnnotation *claim;

  if (!can_use_xdotool ())
    return;

  open_window (f);
  id = g_strdup (gloss_annotation_get_id (mark_claim (f)));
  WAIT_FOR (saved (f));
  close_window (f);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  edited = g_string_new (contents);
  g_assert_cmpuint (g_string_replace (edited, "\"checkworthy\": false",
                                      "\"checkworthy\": false,\n"
                                      "        \"retired\": \"an older label set's\"", 1), ==, 1);
  g_assert_true (g_file_set_contents (path, edited->str, -1, NULL));

  open_window (f);
  claim = gloss_annotation_set_lookup (annotations (f), id);
  g_assert_nonnull (claim);
  gloss_article_view_set_selected_annotation (view (f), claim);
  gtk_widget_grab_focus (GTK_WIDGET (view (f)));
  press (f, "ctrl+e");
  WAIT_FOR (popover_shown (f));
  g_assert_nonnull (kept_row (f, "retired"));
  g_assert_null (kept_row (f, "checkworthy"));
  texts = row_texts (kept_row (f, "retired"));
  g_assert_cmpstr (texts, ==, "retired|an older label set's|Not in the label set|Remove|");
  g_assert_false (focus_on_remove (f, "retired"));

  press (f, "v t");
  text = attribute_text (claim, "verdict");
  g_assert_cmpstr (text, ==, "'true'");
  g_clear_pointer (&text, g_free);

  press (f, "Delete");
  g_assert_true (focus_on_remove (f, "retired"));
  text = attribute_text (claim, "retired");
  g_assert_cmpstr (text, ==, "\"an older label set's\"");
  g_clear_pointer (&text, g_free);
  press (f, "Delete");
  g_assert_null (gloss_annotation_get_attribute (claim, "retired"));
  g_assert_null (kept_row (f, "retired"));
  WAIT_FOR (disk_has (f, id, "retired", NULL));
  g_assert_true (disk_has (f, id, "verdict", "'true'"));

  press (f, "ctrl+z");
  g_assert_nonnull (kept_row (f, "retired"));
  WAIT_FOR (disk_has (f, id, "retired", "\"an older label set's\""));
  press (f, "Escape");
  WAIT_FOR (!popover_shown (f));
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
  ADD ("/attributes/key-registered", test_key_registered);
  ADD ("/attributes/keyboard", test_keyboard);
  ADD ("/attributes/needs-attributes", test_needs_attributes);
  ADD ("/attributes/read-only", test_read_only);
  ADD ("/attributes/sidebar-menu", test_sidebar_menu);
  ADD ("/attributes/number-one-step", test_number_one_step);
  ADD ("/attributes/session-changes", test_session_changes);
  ADD ("/attributes/annotation-goes", test_annotation_goes);
  ADD ("/attributes/number-keys", test_number_keys);
  ADD ("/attributes/kept-value", test_kept_value);
  ADD ("/attributes/window-shortcuts", test_window_shortcuts);
  ADD ("/attributes/tall-popover", test_tall_popover);
  ADD ("/attributes/kept-after-relabel", test_kept_after_relabel);
  ADD ("/attributes/kept-undeclared", test_kept_undeclared);

  status = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  g_free (xdotool);
  return status;
}
