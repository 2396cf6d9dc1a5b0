/* test-annotation-list.c — the annotation sidebar, its rows, the note
 * popover and the speaker chooser, in a real window (run under Xvfb)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <gtk/gtk.h>

#include "gloss.h"
#include "gloss-resources.h"
#include "gloss-annotation-list.h"
#include "gloss-annotation-row-private.h"
#include "gloss-annotation-slot.h"
#include "gloss-annotation-slot-model.h"
#include "gloss-note-popover-private.h"
#include "gloss-session.h"
#include "gloss-speaker-chooser-private.h"
#include "gloss-ui-test.h"

#define TIMEOUT_MS 20000  /* generous: CI machines are busy */
/* What a GtkListView (GTK 4.8) may keep alive: 200 + extras per tracker. */
#define MAX_ROWS   220

/* Written for this test: a short news item with non-ASCII text and spans
 * that cross line breaks. */
static const char article_text[] =
  "Harbour council delays bridge vote\n"
  "\n"
  "The harbour council postponed its vote on the new footbridge on Tuesday, after\n"
  "engineers said the tidal survey was incomplete.\n"
  "\n"
  "“We will not build on\nguesses,” said Mayor Inès Castell, who chairs the\n"
  "council. “The survey comes first.”\n"
  "\n"
  "The opposition leader, Tomas Reyes, called the delay “a gift to the ferry\n"
  "company”. The Harbour Ferry Company declined to comment.\n"
  "\n"
  "According to the port authority, about 4,000 people cross the harbour each\n"
  "day. Engineers expect the survey to finish in March.\n";

typedef struct
{
  char               *folder;
  GlossSession       *session;
  GlossAnnotationSet *set;
  GtkWidget          *window;
  GlossAnnotationList *list;
  gboolean            used_popovers;
  GPtrArray          *popovers;       /* unparented at tear-down */

  /* The annotations, by name */
  GlossAnnotation    *claim_vote;
  GlossAnnotation    *council;
  GlossAnnotation    *quote_guesses;
  GlossAnnotation    *ines;
  GlossAnnotation    *quote_survey;
  GlossAnnotation    *reyes;
  GlossAnnotation    *quote_gift;
  GlossAnnotation    *ferry_company;
  GlossAnnotation    *port_authority;
  GlossAnnotation    *claim_crossings;
} Fixture;

/* ------------------------------------------------------------------ */
/* Helpers                                                              */
/* ------------------------------------------------------------------ */

/* Not gloss_ui_test_find_widget(): the tests count widgets of a type
 * (the second list view is the orphans'), and those in popovers (the
 * dropdown's list of labels) must not count. */
static GtkWidget *
find_descendant (GtkWidget *root,
                 GType      type,
                 guint     *nth)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      /* Not into popovers (the dropdown's list of labels). */
      if (GTK_IS_POPOVER (child))
        continue;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        {
          if (*nth == 0)
            return child;
          (*nth)--;
        }

      found = find_descendant (child, type, nth);
      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The @nth widget of @type under @root, depth first. */
static GtkWidget *
find_widget (GtkWidget *root,
             GType      type,
             guint      nth)
{
  GtkWidget *found = find_descendant (root, type, &nth);

  g_assert_nonnull (found);
  return found;
}

/* The main list shows slots (GlossAnnotationSlot), the orphans' list
 * annotations. */
static GlossAnnotation *
selected_annotation (GtkSelectionModel *model)
{
  return gloss_annotation_slot_unwrap (gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (model)));
}

static GtkListView *
main_view (Fixture *f)
{
  return GTK_LIST_VIEW (find_widget (GTK_WIDGET (f->list), GTK_TYPE_LIST_VIEW, 0));
}

static GtkListView *
orphans_view (Fixture *f)
{
  return GTK_LIST_VIEW (find_widget (GTK_WIDGET (f->list), GTK_TYPE_LIST_VIEW, 1));
}

static GlossAnnotationRow *
find_row (GtkListView     *view,
          GlossAnnotation *annotation)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = gtk_widget_get_first_child (child);

      if (GLOSS_IS_ANNOTATION_ROW (row) &&
          gloss_annotation_row_get_annotation (GLOSS_ANNOTATION_ROW (row)) == annotation)
        return GLOSS_ANNOTATION_ROW (row);
    }

  return NULL;
}

static guint
count_bound_rows (GtkListView *view)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = gtk_widget_get_first_child (child);

      if (GLOSS_IS_ANNOTATION_ROW (row) &&
          gloss_annotation_row_get_annotation (GLOSS_ANNOTATION_ROW (row)) != NULL)
        n++;
    }

  return n;
}

typedef struct
{
  GlossAnnotationList *list;
  guint                n;
} VisibleWait;

static gboolean
n_visible_is (gpointer data)
{
  VisibleWait *wait = data;

  return gloss_annotation_list_get_n_visible (wait->list) == wait->n;
}

/* Typing in the filter is debounced by GtkSearchEntry: wait for it. */
static void
assert_n_visible_soon (GlossAnnotationList *list,
                       guint                n)
{
  VisibleWait wait = { list, n };

  if (!gloss_ui_test_spin_until (n_visible_is, &wait, TIMEOUT_MS))
    g_error ("n-visible is %u, expected %u", gloss_annotation_list_get_n_visible (list), n);
}

static GlossAnnotation *
annotate (GlossAnnotationSet *set,
          const char         *label,
          const char         *phrase)
{
  GlossDocument *document = gloss_annotation_set_get_document (set);
  const char *text = gloss_document_get_text (document);
  const char *found = strstr (text, phrase);
  g_autoptr(GError) error = NULL;
  GlossAnnotation *annotation;
  glong start, end;

  g_assert_nonnull (found);
  start = g_utf8_pointer_to_offset (text, found);
  end = start + g_utf8_strlen (phrase, -1);

  annotation = gloss_annotation_set_create (set, label, start, end, &error);
  g_assert_no_error (error);
  g_assert_nonnull (annotation);

  return annotation;
}

/* Parents @popover to the list until tear-down. */
static void
adopt_popover (Fixture   *f,
               GtkWidget *popover)
{
  if (f->popovers == NULL)
    f->popovers = g_ptr_array_new ();

  gtk_widget_set_parent (popover, GTK_WIDGET (f->list));
  g_ptr_array_add (f->popovers, popover);
  f->used_popovers = TRUE;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->folder = gloss_ui_test_make_tmp_dir ("gloss-test-list-XXXXXX");

  f->session = gloss_ui_test_open_session (f->folder, "bridge.txt", article_text, "tester");
  f->set = gloss_session_get_annotations (f->session);

  f->claim_vote = annotate (f->set, "claim", "The harbour council postponed its vote on the new footbridge on Tuesday");
  f->council = annotate (f->set, "organization", "harbour council postponed");
  gloss_annotation_set_change_bounds (f->set, f->council,
                                      gloss_annotation_get_start (f->council),
                                      gloss_annotation_get_start (f->council) + strlen ("harbour council"),
                                      &error);
  g_assert_no_error (error);
  f->quote_guesses = annotate (f->set, "quote", "“We will not build on\nguesses,”");
  f->ines = annotate (f->set, "person", "Inès Castell");
  f->quote_survey = annotate (f->set, "quote", "“The survey comes first.”");
  f->reyes = annotate (f->set, "person", "Tomas Reyes");
  f->quote_gift = annotate (f->set, "quote", "“a gift to the ferry\ncompany”");
  f->ferry_company = annotate (f->set, "organization", "The Harbour Ferry Company");
  f->port_authority = annotate (f->set, "organization", "the port authority");
  f->claim_crossings = annotate (f->set, "claim", "about 4,000 people cross the harbour each\nday");
  g_assert_true (gloss_annotation_set_change_note (f->set, f->claim_crossings,
                                                   "Check against the census figures", &error));
  g_assert_no_error (error);

  f->list = GLOSS_ANNOTATION_LIST (gloss_annotation_list_new ());
  gloss_annotation_list_set_session (f->list, f->session);
  f->window = gloss_ui_test_show_in_window (GTK_WIDGET (f->list), 360, 720, TIMEOUT_MS);
}

/* Lets the session finish writing its sidecar, then drops it. */
static void
close_session (GlossSession **session)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_ui_test_close_session (*session, TIMEOUT_MS, &error));
  g_assert_no_error (error);
  g_clear_object (session);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  /* A popover's pointer grab makes GDK believe the pointer is over it,
   * and GTK 4.8 may then arm a tooltip timer (500 ms) that, firing after
   * the surface is gone, passes NULL to gdk_surface_get_device_position().
   * Seen under valgrind only; let such a timer run out while the surfaces
   * still exist. */
  if (f->used_popovers)
    gloss_ui_test_spin (700);

  for (guint i = 0; f->popovers != NULL && i < f->popovers->len; i++)
    gtk_widget_unparent (g_ptr_array_index (f->popovers, i));
  g_clear_pointer (&f->popovers, g_ptr_array_unref);

  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&f->window)));
  close_session (&f->session);
  if (f->folder != NULL)
    gloss_test_remove_tree (f->folder);
  g_clear_pointer (&f->folder, g_free);
}

static void
set_search (Fixture    *f,
            const char *text)
{
  GtkWidget *entry = find_widget (GTK_WIDGET (f->list), GTK_TYPE_SEARCH_ENTRY, 0);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

static GtkDropDown *
label_dropdown (Fixture *f)
{
  return GTK_DROP_DOWN (find_widget (GTK_WIDGET (f->list), GTK_TYPE_DROP_DOWN, 0));
}

static const char *
dropdown_item (GtkDropDown *dropdown,
               guint        position)
{
  g_autoptr(GtkStringObject) item = g_list_model_get_item (gtk_drop_down_get_model (dropdown), position);

  g_assert_nonnull (item);
  /* The model (and so the string) outlives this call. */
  return gtk_string_object_get_string (item);
}

/* ------------------------------------------------------------------ */
/* Tests                                                                */
/* ------------------------------------------------------------------ */

static void
test_rows (Fixture       *f,
           gconstpointer  data)
{
  GtkStack *stack = GTK_STACK (gtk_widget_get_ancestor (GTK_WIDGET (main_view (f)), GTK_TYPE_STACK));
  GlossAnnotationRow *row;

  g_assert_cmpuint (gloss_annotation_list_get_n_visible (f->list), ==, 10);
  g_assert_cmpuint (count_bound_rows (main_view (f)), ==, 10);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");

  /* First row in document order: the claim, then the council inside it. */
  {
    g_autoptr(GObject) first = g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (main_view (f))), 0);
    g_autoptr(GObject) second = g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (main_view (f))), 1);

    g_assert_true (gloss_annotation_slot_unwrap (first) == f->claim_vote);
    g_assert_true (gloss_annotation_slot_unwrap (second) == f->council);
  }

  row = find_row (main_view (f), f->quote_guesses);
  g_assert_nonnull (row);
  g_assert_cmpstr (gloss_annotation_row_get_label_text (row), ==, "Quote");
  /* Newlines shown as spaces, one line. */
  g_assert_cmpstr (gloss_annotation_row_get_excerpt (row), ==, "“We will not build on guesses,”");
  g_assert_null (gloss_annotation_row_get_note_tooltip (row));
  g_assert_null (gloss_annotation_row_get_speaker_tooltip (row));
  /* Named for screen readers; a quote's own marks are not doubled. */
  gtk_test_accessible_assert_property (row, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Quote: “We will not build on guesses,”");
  gtk_test_accessible_assert_property (row, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "");

  row = find_row (main_view (f), f->claim_vote);
  g_assert_cmpstr (gloss_annotation_row_get_excerpt (row), ==,
                   "The harbour council postponed its vote on the new footbridge…");

  row = find_row (main_view (f), f->claim_crossings);
  g_assert_cmpstr (gloss_annotation_row_get_note_tooltip (row), ==, "Check against the census figures");

  /* The orphans section is hidden when there are none. */
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (orphans_view (f))));
}

static void
test_excerpt (void)
{
  g_autofree char *a = gloss_format_excerpt ("one\ntwo\r\nthree\tfour", 60);
  g_autofree char *b = gloss_format_excerpt ("abcdé fghij", 6);
  g_autofree char *c = gloss_format_excerpt ("", 6);
  g_autofree char *d = gloss_format_excerpt ("abcdef", 6);

  g_assert_cmpstr (a, ==, "one two  three four");
  g_assert_cmpstr (b, ==, "abcdé…");
  g_assert_cmpstr (c, ==, "");
  g_assert_cmpstr (d, ==, "abcdef");
}

static void
test_empty (void)
{
  GtkWidget *list = gloss_annotation_list_new ();
  GtkWidget *window;
  GtkStack *stack;
  GtkLabel *placeholder;

  g_object_ref_sink (list);
  window = gloss_ui_test_show_in_window (list, 300, 400, TIMEOUT_MS);
  stack = GTK_STACK (gtk_widget_get_ancestor (find_widget (list, GTK_TYPE_LIST_VIEW, 0), GTK_TYPE_STACK));
  placeholder = GTK_LABEL (gtk_stack_get_child_by_name (stack, "empty"));

  g_assert_cmpuint (gloss_annotation_list_get_n_visible (GLOSS_ANNOTATION_LIST (list)), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_cmpstr (gtk_label_get_text (placeholder), ==,
                   "No annotations yet — select text and press a label key");
  g_assert_null (gloss_annotation_list_select_next (GLOSS_ANNOTATION_LIST (list), FALSE));

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (list);
}

static void
test_filter_text (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkStack *stack = GTK_STACK (gtk_widget_get_ancestor (GTK_WIDGET (main_view (f)), GTK_TYPE_STACK));
  GtkLabel *placeholder = GTK_LABEL (gtk_stack_get_child_by_name (stack, "empty"));

  /* Case-insensitive, over the span text: claim, council, ferry company, crossings. */
  set_search (f, "HARBOUR");
  assert_n_visible_soon (f->list, 4);

  /* Over the note too. */
  set_search (f, "census");
  assert_n_visible_soon (f->list, 1);

  /* Non-ASCII, folded. */
  set_search (f, "INÈS");
  assert_n_visible_soon (f->list, 1);
  gloss_ui_test_wait_for_frame (f->window, TIMEOUT_MS);
  g_assert_cmpuint (count_bound_rows (main_view (f)), ==, 1);
  g_assert_nonnull (find_row (main_view (f), f->ines));

  set_search (f, "no such words");
  assert_n_visible_soon (f->list, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_cmpstr (gtk_label_get_text (placeholder), ==, "No matches");

  set_search (f, "");
  assert_n_visible_soon (f->list, 10);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");

  /* A note edited while filtering is filtered again. */
  set_search (f, "recheck");
  assert_n_visible_soon (f->list, 0);
  g_assert_true (gloss_annotation_set_change_note (f->set, f->reyes, "Recheck the spelling", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_annotation_list_get_n_visible (f->list), ==, 1);
}

static gboolean
dropdown_has_7_items (gpointer dropdown)
{
  return g_list_model_get_n_items (gtk_drop_down_get_model (dropdown)) == 7;
}

static void
test_filter_label (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkDropDown *dropdown = label_dropdown (f);
  GListModel *items = gtk_drop_down_get_model (dropdown);
  GlossAnnotation *opinion;

  /* All labels + the six built-in labels. */
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 7);
  g_assert_cmpstr (dropdown_item (dropdown, 0), ==, "All labels");
  g_assert_cmpstr (dropdown_item (dropdown, 3), ==, "Person");

  gtk_drop_down_set_selected (dropdown, 3);
  g_assert_cmpuint (gloss_annotation_list_get_n_visible (f->list), ==, 2);

  gtk_drop_down_set_selected (dropdown, 4); /* Organization */
  g_assert_cmpuint (gloss_annotation_list_get_n_visible (f->list), ==, 3);

  /* Text and label together. */
  set_search (f, "ferry");
  assert_n_visible_soon (f->list, 1);
  set_search (f, "");
  assert_n_visible_soon (f->list, 3);

  /* A label change moves an annotation in or out of the filtered rows. */
  g_assert_true (gloss_annotation_set_change_label (f->set, f->port_authority, "location", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_annotation_list_get_n_visible (f->list), ==, 2);

  gtk_drop_down_set_selected (dropdown, 0);
  g_assert_cmpuint (gloss_annotation_list_get_n_visible (f->list), ==, 10);

  /* An unknown label adds "Unknown labels" to the choices. */
  opinion = annotate (f->set, "opinion", "declined to comment");
  g_assert_cmpuint (gloss_annotation_list_get_n_visible (f->list), ==, 11);
  items = gtk_drop_down_get_model (dropdown);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 8);
  g_assert_cmpstr (dropdown_item (dropdown, 7), ==, "Unknown labels");

  gtk_drop_down_set_selected (dropdown, 7);
  g_assert_cmpuint (gloss_annotation_list_get_n_visible (f->list), ==, 1);
  gloss_ui_test_wait_for_frame (f->window, TIMEOUT_MS);
  {
    GlossAnnotationRow *row = find_row (main_view (f), opinion);

    g_assert_nonnull (row);
    g_assert_cmpstr (gloss_annotation_row_get_label_text (row), ==, "opinion");
    /* The "?" chip, said in words. */
    gtk_test_accessible_assert_property (row, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                         "opinion (unknown label): “declined to comment”");
  }

  /* Once it is gone, so is the choice, and the filter falls back to all. */
  g_assert_true (gloss_annotation_set_remove (f->set, opinion, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_ui_test_spin_until (dropdown_has_7_items, dropdown, TIMEOUT_MS));
  items = gtk_drop_down_get_model (dropdown);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 7);
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);
  g_assert_cmpuint (gloss_annotation_list_get_n_visible (f->list), ==, 10);
}

static void
count_notify (guint *count)
{
  (*count)++;
}

static void
test_selection (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkSelectionModel *model = gtk_list_view_get_model (main_view (f));
  guint notified = 0;

  g_signal_connect_swapped (f->list, "notify::selected-annotation", G_CALLBACK (count_notify), &notified);

  g_assert_null (gloss_annotation_list_get_selected_annotation (f->list));

  /* Property → row */
  gloss_annotation_list_set_selected_annotation (f->list, f->ines);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_true (selected_annotation (model) == f->ines);
  g_assert_true (gtk_selection_model_is_selected (model, 3));

  /* Setting it again does not notify. */
  g_object_set (f->list, "selected-annotation", f->ines, NULL);
  g_assert_cmpuint (notified, ==, 1);

  /* Row → property (as a click or arrow key does) */
  gtk_selection_model_select_item (model, 6, TRUE);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_true (gloss_annotation_list_get_selected_annotation (f->list) == f->quote_gift);

  /* A label change re-sorts the row: it stays selected. */
  g_assert_true (gloss_annotation_set_change_label (f->set, f->quote_gift, "claim", &error));
  g_assert_no_error (error);
  g_assert_true (gloss_annotation_list_get_selected_annotation (f->list) == f->quote_gift);
  g_assert_true (selected_annotation (model) == f->quote_gift);
  g_assert_cmpuint (notified, ==, 2);

  /* Selecting an annotation the filter hides clears the filter. */
  set_search (f, "survey");
  assert_n_visible_soon (f->list, 1);
  gloss_annotation_list_set_selected_annotation (f->list, f->reyes);
  g_assert_cmpuint (gloss_annotation_list_get_n_visible (f->list), ==, 10);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_widget (GTK_WIDGET (f->list), GTK_TYPE_SEARCH_ENTRY, 0))), ==, "");
  g_assert_true (selected_annotation (model) == f->reyes);

  /* A filter that hides the selection keeps it as the selected annotation. */
  set_search (f, "survey");
  assert_n_visible_soon (f->list, 1);
  g_assert_true (gloss_annotation_list_get_selected_annotation (f->list) == f->reyes);
  set_search (f, "");
  assert_n_visible_soon (f->list, 10);
  g_assert_true (selected_annotation (model) == f->reyes);

  /* Deleting the selected annotation clears the selection. */
  g_assert_true (gloss_annotation_set_remove (f->set, f->reyes, &error));
  g_assert_no_error (error);
  g_assert_null (gloss_annotation_list_get_selected_annotation (f->list));
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (model)), ==, GTK_INVALID_LIST_POSITION);

  /* Undo brings it back, unselected. */
  g_assert_true (gloss_annotation_set_undo (f->set, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_annotation_list_get_n_visible (f->list), ==, 10);

  /* Clearing */
  gloss_annotation_list_set_selected_annotation (f->list, f->ines);
  gloss_annotation_list_set_selected_annotation (f->list, NULL);
  g_assert_null (gloss_annotation_list_get_selected_annotation (f->list));
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (model)), ==, GTK_INVALID_LIST_POSITION);
}

static void
test_scroll (Fixture       *f,
             gconstpointer  data)
{
  GtkScrolledWindow *scrolled = GTK_SCROLLED_WINDOW (gtk_widget_get_parent (GTK_WIDGET (main_view (f))));
  GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (scrolled);

  /* A short window, so the last rows are out of view. */
  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 240);
  gloss_ui_test_wait_for_frame (f->window, TIMEOUT_MS);
  gloss_ui_test_wait_for_frame (f->window, TIMEOUT_MS);
  g_assert_cmpfloat (gtk_adjustment_get_upper (vadjustment), >, gtk_adjustment_get_page_size (vadjustment));
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), ==, 0);

  gloss_annotation_list_set_selected_annotation (f->list, f->claim_crossings);
  gloss_ui_test_wait_for_frame (f->window, TIMEOUT_MS);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), >, 0);
  g_assert_nonnull (find_row (main_view (f), f->claim_crossings));
}

static void
test_select_next (Fixture       *f,
                  gconstpointer  data)
{
  GlossAnnotation *order[] = {
    f->claim_vote, f->council, f->quote_guesses, f->ines, f->quote_survey,
    f->reyes, f->quote_gift, f->ferry_company, f->port_authority, f->claim_crossings,
  };

  /* Nothing selected: forward starts at the top, backward at the bottom. */
  g_assert_true (gloss_annotation_list_select_next (f->list, TRUE) == f->claim_crossings);
  gloss_annotation_list_set_selected_annotation (f->list, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    g_assert_true (gloss_annotation_list_select_next (f->list, FALSE) == order[i]);

  /* Wraps both ways. */
  g_assert_true (gloss_annotation_list_select_next (f->list, FALSE) == f->claim_vote);
  g_assert_true (gloss_annotation_list_select_next (f->list, TRUE) == f->claim_crossings);
  g_assert_true (gloss_annotation_list_select_next (f->list, TRUE) == f->port_authority);

  /* Only through the rows shown. */
  gtk_drop_down_set_selected (label_dropdown (f), 2); /* Quote */
  g_assert_cmpuint (gloss_annotation_list_get_n_visible (f->list), ==, 3);
  /* The selection (port authority) is hidden: next is the first quote after it, wrapping. */
  g_assert_true (gloss_annotation_list_select_next (f->list, FALSE) == f->quote_guesses);
  g_assert_true (gloss_annotation_list_select_next (f->list, FALSE) == f->quote_survey);
  g_assert_true (gloss_annotation_list_select_next (f->list, FALSE) == f->quote_gift);
  g_assert_true (gloss_annotation_list_select_next (f->list, FALSE) == f->quote_guesses);
  g_assert_true (gloss_annotation_list_select_next (f->list, TRUE) == f->quote_gift);
}

static void
test_row_updates (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GlossAnnotationRow *row;
  GlossRelation *relation;

  row = find_row (main_view (f), f->quote_guesses);
  g_assert_null (gloss_annotation_row_get_speaker_tooltip (row));

  /* A speaker relation shows the speaker icon. */
  relation = gloss_annotation_set_add_relation (f->set, GLOSS_RELATION_SPEAKER,
                                                gloss_annotation_get_id (f->quote_guesses),
                                                gloss_annotation_get_id (f->ines),
                                                &error);
  g_assert_no_error (error);
  g_assert_nonnull (relation);
  g_assert_cmpstr (gloss_annotation_row_get_speaker_tooltip (row), ==, "Speaker: Inès Castell");
  /* A screen reader hears who said it. */
  gtk_test_accessible_assert_property (row, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Quote: “We will not build on guesses,”, said by Inès Castell");

  /* A note shows the note icon, with the note as tooltip. */
  g_assert_true (gloss_annotation_set_change_note (f->set, f->quote_guesses, "Said at the press conference", &error));
  g_assert_no_error (error);
  g_assert_true (find_row (main_view (f), f->quote_guesses) == row);
  g_assert_cmpstr (gloss_annotation_row_get_note_tooltip (row), ==, "Said at the press conference");
  gtk_test_accessible_assert_property (row, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Note: Said at the press conference");

  /* Removing both hides the icons again. */
  g_assert_true (gloss_annotation_set_change_note (f->set, f->quote_guesses, "", &error));
  g_assert_no_error (error);
  g_assert_null (gloss_annotation_row_get_note_tooltip (row));
  g_assert_true (gloss_annotation_set_remove_relation (f->set, relation, &error));
  g_assert_no_error (error);
  g_assert_null (gloss_annotation_row_get_speaker_tooltip (row));
  gtk_test_accessible_assert_property (row, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Quote: “We will not build on guesses,”");
  gtk_test_accessible_assert_property (row, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "");

  /* A label change: the row (re-bound at the new position) shows it. */
  g_assert_true (gloss_annotation_set_change_label (f->set, f->reyes, "organization", &error));
  g_assert_no_error (error);
  gloss_ui_test_wait_for_frame (f->window, TIMEOUT_MS);
  row = find_row (main_view (f), f->reyes);
  g_assert_nonnull (row);
  g_assert_cmpstr (gloss_annotation_row_get_label_text (row), ==, "Organization");

  /* And undo puts it back. */
  g_assert_true (gloss_annotation_set_undo (f->set, &error));
  g_assert_no_error (error);
  gloss_ui_test_wait_for_frame (f->window, TIMEOUT_MS);
  row = find_row (main_view (f), f->reyes);
  g_assert_cmpstr (gloss_annotation_row_get_label_text (row), ==, "Person");
  gtk_test_accessible_assert_property (row, GTK_ACCESSIBLE_PROPERTY_LABEL, "Person: “Tomas Reyes”");
  g_assert_null (gloss_annotation_row_get_label_tooltip (row));

  /* A label the set lacks says so; with no label set at all (between two
   * sessions) there is nothing it is missing from, and no tooltip. */
  {
    static const char only_claims[] =
      "{\"format\": \"gloss-labels\", \"version\": 1, \"labels\": [{\"id\": \"claim\", \"kind\": \"claim\"}]}";
    g_autoptr(GError) load_error = NULL;
    g_autoptr(GlossLabelSet) claims = gloss_label_set_new_from_data (only_claims, -1, "claims.json", &load_error);

    g_assert_no_error (load_error);
    gloss_annotation_row_set_labels (row, claims);
  }
  g_assert_cmpstr (gloss_annotation_row_get_label_text (row), ==, "person");
  g_assert_cmpstr (gloss_annotation_row_get_label_tooltip (row), ==, "“person” is not a label of this label set");
  gloss_annotation_row_set_labels (row, NULL);
  g_assert_cmpstr (gloss_annotation_row_get_label_text (row), ==, "person");
  g_assert_null (gloss_annotation_row_get_label_tooltip (row));
}

/* Reloads the set with its own annotations and relations plus @orphans. */
static void
load_with_orphans (GlossAnnotationSet  *set,
                   GlossAnnotation    **orphans,
                   guint                n_orphans)
{
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) relations = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *relation_model = gloss_annotation_set_get_relations (set);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (set)); i++)
    g_ptr_array_add (annotations, g_list_model_get_item (G_LIST_MODEL (set), i));
  for (guint i = 0; i < n_orphans; i++)
    g_ptr_array_add (annotations, g_object_ref (orphans[i]));
  for (guint i = 0; i < g_list_model_get_n_items (relation_model); i++)
    g_ptr_array_add (relations, g_list_model_get_item (relation_model, i));

  gloss_annotation_set_load (set, annotations, relations);
}

static GlossAnnotation *
orphan_new (const char *id,
            const char *label,
            const char *exact)
{
  GlossAnnotation *orphan = gloss_annotation_new (id, label, 3, 3 + g_utf8_strlen (exact, -1));

  gloss_annotation_set_exact (orphan, exact);
  gloss_annotation_set_status (orphan, GLOSS_ANCHOR_ORPHANED);

  return orphan;
}

static void
test_orphans (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GlossAnnotation) orphan = orphan_new ("a-orphan01", "claim", "the old ferry timetable");
  g_autoptr(GlossAnnotation) orphan2 = orphan_new ("a-orphan02", "person", "Dana Whitlock");
  g_autoptr(GlossAnnotation) orphan3 = orphan_new ("a-orphan03", "quote", "“No comment.”");
  GlossAnnotation *orphans[] = { orphan, orphan2 };
  GtkSelectionModel *model = gtk_list_view_get_model (main_view (f));
  GtkSelectionModel *orphan_model = gtk_list_view_get_model (orphans_view (f));
  GtkExpander *expander = GTK_EXPANDER (find_widget (GTK_WIDGET (f->list), GTK_TYPE_EXPANDER, 0));
  g_autoptr(GError) error = NULL;

  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (expander)));

  load_with_orphans (f->set, orphans, G_N_ELEMENTS (orphans));
  gloss_ui_test_wait_for_frame (f->window, TIMEOUT_MS);
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (expander)));
  g_assert_cmpstr (gtk_expander_get_label (expander), ==, "_Orphaned (2)");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (orphan_model)), ==, 2);
  g_assert_cmpuint (gloss_annotation_list_get_n_visible (f->list), ==, 10);
  g_assert_nonnull (find_row (orphans_view (f), orphan));

  /* Selecting an orphan row sets the selected annotation... */
  gloss_annotation_list_set_selected_annotation (f->list, f->ines);
  gtk_selection_model_select_item (orphan_model, 1, TRUE);
  g_assert_true (gloss_annotation_list_get_selected_annotation (f->list) == orphan2);
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (model)), ==, GTK_INVALID_LIST_POSITION);

  /* ...and setting it selects the orphan row. */
  gloss_annotation_list_set_selected_annotation (f->list, orphan);
  g_assert_true (selected_annotation (orphan_model) == orphan);

  /* A placed one moves the selection back to the main list. */
  gloss_annotation_list_set_selected_annotation (f->list, f->reyes);
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (orphan_model)), ==, GTK_INVALID_LIST_POSITION);
  g_assert_true (selected_annotation (model) == f->reyes);

  /* Re-attaching moves the row into the main list, keeping the selection. */
  gloss_annotation_list_set_selected_annotation (f->list, orphan);
  {
    g_assert_true (gloss_annotation_set_reattach (f->set, orphan, 0, 7, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (gloss_annotation_list_get_n_visible (f->list), ==, 11);
  g_assert_true (gloss_annotation_list_get_selected_annotation (f->list) == orphan);
  g_assert_true (selected_annotation (model) == orphan);
  g_assert_cmpstr (gtk_expander_get_label (expander), ==, "_Orphaned (1)");

  /* Deleting the last orphan hides the section. */
  g_assert_true (gloss_annotation_set_remove (f->set, orphan2, &error));
  g_assert_no_error (error);
  gloss_ui_test_wait_for_frame (f->window, TIMEOUT_MS);
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (expander)));

  /* A reload with and without orphans too. */
  load_with_orphans (f->set, &orphan3, 1);
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (expander)));
  load_with_orphans (f->set, NULL, 0);
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (expander)));
}

static GtkWidget *
focus_widget (Fixture *f)
{
  return gtk_root_get_focus (GTK_ROOT (f->window));
}

static gboolean
focus_is_in (Fixture   *f,
             GtkWidget *widget)
{
  GtkWidget *focus = focus_widget (f);

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static void
test_keyboard (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *entry = find_widget (GTK_WIDGET (f->list), GTK_TYPE_SEARCH_ENTRY, 0);
  GtkWidget *dropdown = GTK_WIDGET (label_dropdown (f));
  GtkWidget *view = GTK_WIDGET (main_view (f));
  GtkWidget *row;

  /* Tab: the filter, the label dropdown, the list (as the window's
   * focus movement does on Tab). */
  gloss_annotation_list_focus_search (f->list);
  g_assert_true (focus_is_in (f, entry));
  g_assert_true (gtk_widget_child_focus (f->window, GTK_DIR_TAB_FORWARD));
  g_assert_true (focus_is_in (f, dropdown));
  g_assert_true (gtk_widget_child_focus (f->window, GTK_DIR_TAB_FORWARD));
  g_assert_true (focus_is_in (f, view));
  g_assert_true (gtk_widget_child_focus (f->window, GTK_DIR_TAB_BACKWARD));
  g_assert_true (focus_is_in (f, dropdown));

  /* Tab from a row leaves the list instead of walking all its rows:
   * here nothing follows it, so the focus wraps to the filter. */
  row = gtk_widget_get_parent (GTK_WIDGET (find_row (main_view (f), f->quote_survey)));
  g_assert_true (gtk_widget_grab_focus (row));
  g_assert_true (focus_is_in (f, view));
  g_assert_true (gtk_widget_activate_action (row, "annotation-list.leave-list", "b", FALSE));
  g_assert_false (focus_is_in (f, view));
  g_assert_true (focus_is_in (f, entry));
  g_assert_true (gtk_widget_get_can_focus (view));

  /* Shift+Tab: back to the dropdown. */
  g_assert_true (gtk_widget_grab_focus (row));
  g_assert_true (gtk_widget_activate_action (row, "annotation-list.leave-list", "b", TRUE));
  g_assert_true (focus_is_in (f, dropdown));

  /* With orphans, Tab goes from the list to the orphans section. */
  {
    g_autoptr(GlossAnnotation) orphan = orphan_new ("a-orphan01", "claim", "the old ferry timetable");

    load_with_orphans (f->set, &orphan, 1);
    gloss_ui_test_wait_for_frame (f->window, TIMEOUT_MS);
    row = gtk_widget_get_parent (GTK_WIDGET (find_row (main_view (f), f->quote_survey)));
    g_assert_true (gtk_widget_grab_focus (row));
    g_assert_true (gtk_widget_activate_action (row, "annotation-list.leave-list", "b", FALSE));
    g_assert_true (focus_is_in (f, find_widget (GTK_WIDGET (f->list), GTK_TYPE_EXPANDER, 0)));
  }
}

static gboolean
is_saved (gpointer session)
{
  return gloss_session_get_save_state (session) == GLOSS_SAVE_STATE_SAVED;
}

static void
test_reload (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GlossAnnotation *first;
  GlossAnnotationRow *first_row;
  g_autofree char *first_id = NULL;
  guint n_rows;

  gloss_session_save (f->session);
  g_assert_true (gloss_ui_test_spin_until (is_saved, f->session, TIMEOUT_MS));

  /* An unsaved deletion, then a reload from disk (as after someone
   * else's change): new annotation objects, the old selection is gone. */
  gloss_annotation_list_set_selected_annotation (f->list, f->ines);
  g_assert_true (gloss_annotation_set_remove (f->set, f->reyes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_annotation_list_get_n_visible (f->list), ==, 9);
  first_row = find_row (main_view (f), f->claim_vote);
  g_assert_nonnull (first_row);
  first_id = g_strdup (gloss_annotation_get_id (f->claim_vote));
  g_object_add_weak_pointer (G_OBJECT (first_row), (gpointer *) &first_row);
  n_rows = gloss_annotation_row_get_n_instances ();

  g_assert_true (gloss_session_reload (f->session, &error));
  g_assert_no_error (error);
  gloss_ui_test_wait_for_frame (f->window, TIMEOUT_MS);

  f->set = gloss_session_get_annotations (f->session);
  g_assert_cmpuint (gloss_annotation_list_get_n_visible (f->list), ==, 10);
  g_assert_cmpuint (count_bound_rows (main_view (f)), ==, 10);
  g_assert_null (gloss_annotation_list_get_selected_annotation (f->list));

  /* The rows show the reloaded objects, and follow them. */
  first = g_list_model_get_item (G_LIST_MODEL (f->set), 0);
  g_object_unref (first);
  g_assert_nonnull (find_row (main_view (f), first));
  g_assert_cmpstr (gloss_annotation_get_id (first), ==, first_id);

  /* The rows were kept, bound to the new objects (GTK 4.8 would make
   * them all again for new items: gloss-annotation-slot.h); one more for
   * the annotation the reload brought back. */
  g_assert_nonnull (first_row);
  g_assert_true (find_row (main_view (f), first) == first_row);
  g_assert_cmpuint (gloss_annotation_row_get_n_instances (), <=, n_rows + 1);
  g_assert_true (gloss_annotation_row_get_annotation (first_row) == first);
  g_assert_true (g_str_has_prefix (gloss_annotation_row_get_excerpt (first_row), "The harbour council postponed"));
  g_object_remove_weak_pointer (G_OBJECT (first_row), (gpointer *) &first_row);
  g_assert_true (gloss_annotation_list_select_next (f->list, FALSE) == first);
  g_assert_true (gloss_annotation_set_change_note (f->set, first, "After the reload", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gloss_annotation_row_get_note_tooltip (find_row (main_view (f), first)), ==,
                   "After the reload");
}

static GtkPopover *
context_menu (Fixture *f)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (f->list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER_MENU (child))
      return GTK_POPOVER (child);

  g_assert_not_reached ();
}

/* Whether @menu, its sections or submenus have an item for @action
 * (with @target, when not NULL). */
static gboolean
menu_has (GMenuModel *menu,
          const char *action,
          const char *target)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *item_action = NULL;
      g_autoptr(GVariant) item_target = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      g_autoptr(GMenuModel) submenu = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SUBMENU);

      if ((section != NULL && menu_has (section, action, target)) ||
          (submenu != NULL && menu_has (submenu, action, target)))
        return TRUE;

      if (!g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &item_action) ||
          g_strcmp0 (item_action, action) != 0)
        continue;

      if (target == NULL)
        return TRUE;

      item_target = g_menu_model_get_item_attribute_value (menu, i, G_MENU_ATTRIBUTE_TARGET, G_VARIANT_TYPE_STRING);
      if (item_target != NULL && g_str_equal (g_variant_get_string (item_target, NULL), target))
        return TRUE;
    }

  return FALSE;
}

/* Shift+F10 on the row of @annotation in @view. */
static GMenuModel *
open_menu_on (Fixture         *f,
              GtkListView     *view,
              GlossAnnotation *annotation)
{
  GlossAnnotationRow *row = find_row (view, annotation);
  GtkPopover *popover = context_menu (f);

  g_assert_nonnull (row);
  g_assert_true (gtk_widget_grab_focus (gtk_widget_get_parent (GTK_WIDGET (row))));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->list), "annotation-list.context-menu", NULL));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_true (gloss_annotation_list_get_selected_annotation (f->list) == annotation);

  return gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (popover));
}

static void
test_context_menu (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GlossAnnotation) orphan = orphan_new ("a-orphan01", "claim", "the old ferry timetable");
  GtkPopover *popover = context_menu (f);
  GMenuModel *menu;

  f->used_popovers = TRUE;

  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));

  /* A quote: every label, note, speaker, delete. */
  menu = open_menu_on (f, main_view (f), f->quote_guesses);
  g_assert_true (menu_has (menu, "win.set-label", "claim"));
  g_assert_true (menu_has (menu, "win.set-label", "misc"));
  g_assert_true (menu_has (menu, "win.edit-note", NULL));
  g_assert_true (menu_has (menu, "win.choose-speaker", NULL));
  g_assert_true (menu_has (menu, "win.delete-annotation", NULL));
  g_assert_false (menu_has (menu, "win.reattach-orphan", NULL));
  gtk_popover_popdown (popover);

  /* Not a quote: no speaker. */
  menu = open_menu_on (f, main_view (f), f->reyes);
  g_assert_false (menu_has (menu, "win.choose-speaker", NULL));
  g_assert_true (menu_has (menu, "win.set-label", "quote"));
  gtk_popover_popdown (popover);

  /* An orphan: re-attach, note, delete. */
  load_with_orphans (f->set, &orphan, 1);
  gloss_ui_test_wait_for_frame (f->window, TIMEOUT_MS);
  menu = open_menu_on (f, orphans_view (f), orphan);
  g_assert_true (menu_has (menu, "win.reattach-orphan", NULL));
  g_assert_true (menu_has (menu, "win.edit-note", NULL));
  g_assert_true (menu_has (menu, "win.delete-annotation", NULL));
  g_assert_false (menu_has (menu, "win.set-label", NULL));
  gtk_popover_popdown (popover);

  /* Not from the filter entry. */
  gloss_annotation_list_focus_search (f->list);
  gtk_widget_activate_action (GTK_WIDGET (f->list), "annotation-list.context-menu", NULL);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
}

static void
on_note_saved (GlossNotePopover  *popover,
               GlossAnnotation   *annotation,
               const char        *note,
               char             **saved)
{
  g_free (*saved);
  *saved = g_strdup (note);
}

static void
test_note_popover (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *popover = gloss_note_popover_new ();
  GtkTextBuffer *buffer = gloss_note_popover_get_buffer (GLOSS_NOTE_POPOVER (popover));
  g_autofree char *saved = NULL;

  f->used_popovers = TRUE;

  adopt_popover (f, popover);
  g_signal_connect (popover, "note-saved", G_CALLBACK (on_note_saved), &saved);

  gloss_note_popover_edit (GLOSS_NOTE_POPOVER (popover), f->claim_crossings);
  g_assert_true (gtk_widget_get_visible (popover));
  {
    GtkTextIter start, end;
    g_autofree char *text = NULL;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_cmpstr (text, ==, "Check against the census figures");
  }

  /* Cancel emits nothing. */
  gtk_text_buffer_set_text (buffer, "Discarded", -1);
  g_assert_true (gtk_widget_activate_action (popover, "note.cancel", NULL));
  g_assert_false (gtk_widget_get_visible (popover));
  g_assert_null (saved);

  /* Save emits the new text. */
  gloss_note_popover_edit (GLOSS_NOTE_POPOVER (popover), f->claim_crossings);
  gtk_text_buffer_set_text (buffer, "Census 2021: 3,950 a day.\nAsk the port.", -1);
  g_assert_true (gtk_widget_activate_action (popover, "note.save", NULL));
  g_assert_false (gtk_widget_get_visible (popover));
  g_assert_cmpstr (saved, ==, "Census 2021: 3,950 a day.\nAsk the port.");

  /* Saving an unchanged note is not an edit. */
  g_clear_pointer (&saved, g_free);
  gloss_note_popover_edit (GLOSS_NOTE_POPOVER (popover), f->ines);
  g_assert_true (gtk_widget_activate_action (popover, "note.save", NULL));
  g_assert_null (saved);
}

typedef struct
{
  GlossAnnotation *quote;
  GlossAnnotation *speaker;
  guint            count;
} Chosen;

static void
on_speaker_chosen (GlossSpeakerChooser *chooser,
                   GlossAnnotation     *quote,
                   GlossAnnotation     *speaker,
                   Chosen              *chosen)
{
  chosen->quote = quote;
  chosen->speaker = speaker;
  chosen->count++;
}

static gboolean
has_one_item (gpointer model)
{
  return g_list_model_get_n_items (model) == 1;
}

static void
test_speaker_chooser (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *chooser = gloss_speaker_chooser_new ();
  GListModel *model = gloss_speaker_chooser_get_model (GLOSS_SPEAKER_CHOOSER (chooser));
  Chosen chosen = { 0 };
  g_autoptr(GError) error = NULL;
  GtkWidget *entry;

  f->used_popovers = TRUE;

  adopt_popover (f, chooser);
  g_signal_connect (chooser, "speaker-chosen", G_CALLBACK (on_speaker_chosen), &chosen);

  /* Entities only, in document order; the nearest one before the quote
   * is preselected. */
  gloss_speaker_chooser_choose (GLOSS_SPEAKER_CHOOSER (chooser), f->session, f->quote_survey);
  g_assert_true (gtk_widget_get_visible (chooser));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 5);
  g_assert_true (gloss_speaker_chooser_get_selected (GLOSS_SPEAKER_CHOOSER (chooser)) == f->ines);

  gloss_speaker_chooser_activate (GLOSS_SPEAKER_CHOOSER (chooser));
  g_assert_cmpuint (chosen.count, ==, 1);
  g_assert_true (chosen.quote == f->quote_survey);
  g_assert_true (chosen.speaker == f->ines);
  g_assert_false (gtk_widget_get_visible (chooser));

  /* The current speaker is preselected. */
  gloss_annotation_set_add_relation (f->set, GLOSS_RELATION_SPEAKER,
                                     gloss_annotation_get_id (f->quote_survey),
                                     gloss_annotation_get_id (f->reyes), &error);
  g_assert_no_error (error);
  gloss_speaker_chooser_choose (GLOSS_SPEAKER_CHOOSER (chooser), f->session, f->quote_survey);
  g_assert_true (gloss_speaker_chooser_get_selected (GLOSS_SPEAKER_CHOOSER (chooser)) == f->reyes);

  /* Searching narrows the candidates. */
  entry = find_widget (chooser, GTK_TYPE_SEARCH_ENTRY, 0);
  gtk_editable_set_text (GTK_EDITABLE (entry), "ferry");
  g_assert_true (gloss_ui_test_spin_until (has_one_item, model, TIMEOUT_MS));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_true (gloss_speaker_chooser_get_selected (GLOSS_SPEAKER_CHOOSER (chooser)) == f->ferry_company);

  /* "No Speaker" */
  g_signal_emit_by_name (find_widget (chooser, GTK_TYPE_BUTTON, 0), "clicked");
  g_assert_cmpuint (chosen.count, ==, 2);
  g_assert_true (chosen.quote == f->quote_survey);
  g_assert_null (chosen.speaker);

  /* A claim has no speaker (a "speaker" goes from a quote): nothing to
   * choose from. */
  gloss_speaker_chooser_choose (GLOSS_SPEAKER_CHOOSER (chooser), f->session, f->claim_vote);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_null (gloss_speaker_chooser_get_selected (GLOSS_SPEAKER_CHOOSER (chooser)));
  gtk_popover_popdown (GTK_POPOVER (chooser));
}

static void
test_screenshot (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GlossAnnotation) orphan = orphan_new ("a-orphan01", "claim", "the old ferry timetable");
  GlossAnnotation *orphans[] = { orphan };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->used_popovers = TRUE;

  gloss_annotation_set_add_relation (f->set, GLOSS_RELATION_SPEAKER,
                                     gloss_annotation_get_id (f->quote_guesses),
                                     gloss_annotation_get_id (f->ines), &error);
  g_assert_no_error (error);
  annotate (f->set, "opinion", "declined to comment");
  load_with_orphans (f->set, orphans, 1);
  gloss_annotation_list_set_selected_annotation (f->list, f->quote_guesses);
  gloss_ui_test_spin (50);
  gloss_ui_test_wait_for_frame (f->window, TIMEOUT_MS);

  path = gloss_ui_test_output_path ("GLOSS_TEST_OUTPUT_DIR", "gloss-annotation-list.png");
  gloss_ui_test_render_to_png (f->window, path);
  printf ("# screenshot: %s\n", path);

  /* The popovers, each on its own surface. */
  {
    GtkWidget *note = gloss_note_popover_new ();
    GtkWidget *chooser = gloss_speaker_chooser_new ();
    GtkPopover *menu = context_menu (f);
    g_autofree char *menu_path = gloss_ui_test_output_path ("GLOSS_TEST_OUTPUT_DIR", "gloss-annotation-menu.png");
    g_autofree char *note_path = gloss_ui_test_output_path ("GLOSS_TEST_OUTPUT_DIR", "gloss-note-popover.png");
    g_autofree char *chooser_path = gloss_ui_test_output_path ("GLOSS_TEST_OUTPUT_DIR", "gloss-speaker-chooser.png");

    open_menu_on (f, main_view (f), f->quote_guesses);
    gloss_ui_test_wait_for_frame (GTK_WIDGET (menu), TIMEOUT_MS);
    gloss_ui_test_render_to_png (GTK_WIDGET (menu), menu_path);
    gtk_popover_popdown (menu);
    printf ("# screenshot: %s\n", menu_path);

    adopt_popover (f, note);
    gloss_note_popover_edit (GLOSS_NOTE_POPOVER (note), f->claim_crossings);
    gloss_ui_test_wait_for_frame (note, TIMEOUT_MS);
    gloss_ui_test_render_to_png (note, note_path);
    gtk_popover_popdown (GTK_POPOVER (note));
    printf ("# screenshot: %s\n", note_path);

    adopt_popover (f, chooser);
    gloss_speaker_chooser_choose (GLOSS_SPEAKER_CHOOSER (chooser), f->session, f->quote_survey);
    gloss_ui_test_wait_for_frame (chooser, TIMEOUT_MS);
    gloss_ui_test_render_to_png (chooser, chooser_path);
    gtk_popover_popdown (GTK_POPOVER (chooser));
    printf ("# screenshot: %s\n", chooser_path);
  }
}

static gboolean
dropdown_has_8_items (gpointer dropdown)
{
  return g_list_model_get_n_items (gtk_drop_down_get_model (dropdown)) == 8;
}

/* ------------------------------------------------------------------ */
/* The slot model                                                       */
/* ------------------------------------------------------------------ */

typedef struct
{
  guint n_changes;
  guint position;
  guint removed;
  guint added;
} Change;

static void
on_slots_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Change     *change)
{
  change->n_changes++;
  change->position = position;
  change->removed = removed;
  change->added = added;
}

/* @n annotations a sentence apart, their ids starting with @prefix. */
static GPtrArray *
make_annotations (const char *prefix,
                  guint       n)
{
  GPtrArray *annotations = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("%s-%06u", prefix, i);

      g_ptr_array_add (annotations, gloss_annotation_new (id, "claim", i * 40, i * 40 + 38));
    }

  return annotations;
}

static void
store_splice (GListStore *store,
              guint       position,
              guint       removed,
              GPtrArray  *annotations)
{
  g_list_store_splice (store, position, removed,
                       annotations != NULL ? annotations->pdata : NULL,
                       annotations != NULL ? annotations->len : 0);
}

static gboolean
slot_model_filled (gpointer model)
{
  return !gloss_annotation_slot_model_is_filling (model);
}

/* A slot is a place: when the annotations are replaced, the slots held
 * keep their places and show the new annotations there, and the change
 * told starts after them (GtkListView then keeps their rows). */
static void
test_slot_places (void)
{
  g_autoptr(GListStore) store = g_list_store_new (GLOSS_TYPE_ANNOTATION);
  g_autoptr(GPtrArray) first = make_annotations ("first", 300);
  g_autoptr(GPtrArray) next = make_annotations ("next", 280);
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GlossAnnotationSlotModel) model = NULL;
  g_autoptr(GlossAnnotationSlot) far = NULL;
  g_autoptr(GlossAnnotationSlot) again = NULL;
  Change change = { 0, };

  store_splice (store, 0, 0, first);
  model = gloss_annotation_slot_model_new (G_LIST_MODEL (store));
  g_signal_connect (model, "items-changed", G_CALLBACK (on_slots_changed), &change);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 300);

  /* Rows at 0–9, and one at 290 (past the end of the next set). */
  for (guint i = 0; i < 10; i++)
    g_ptr_array_add (held, g_list_model_get_item (G_LIST_MODEL (model), i));
  far = g_list_model_get_item (G_LIST_MODEL (model), 290);
  g_assert_true (gloss_annotation_slot_get_annotation (far) == g_ptr_array_index (first, 290));
  g_assert_cmpuint (gloss_annotation_slot_model_get_n_slots (model), ==, 11);

  /* An annotation added before them moves them on. */
  {
    g_autoptr(GPtrArray) one = make_annotations ("one", 1);

    store_splice (store, 0, 0, one);
    g_assert_cmpuint (change.n_changes, ==, 1);
    g_assert_cmpuint (change.position, ==, 0);
    g_assert_cmpuint (change.removed, ==, 0);
    g_assert_cmpuint (change.added, ==, 1);
    g_assert_cmpuint (gloss_annotation_slot_get_position (g_ptr_array_index (held, 0)), ==, 1);
    g_assert_cmpuint (gloss_annotation_slot_get_position (far), ==, 291);
    store_splice (store, 0, 1, NULL);
    g_assert_cmpuint (gloss_annotation_slot_get_position (g_ptr_array_index (held, 0)), ==, 0);
  }

  /* All replaced by another set: the ten keep their places. */
  change.n_changes = 0;
  store_splice (store, 0, 300, next);
  g_assert_cmpuint (change.n_changes, ==, 1);
  g_assert_cmpuint (change.position, ==, 10);
  g_assert_cmpuint (change.removed, ==, 290);
  g_assert_cmpuint (change.added, ==, 270);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 280);
  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(GlossAnnotationSlot) slot = g_list_model_get_item (G_LIST_MODEL (model), i);

      g_assert_true (slot == g_ptr_array_index (held, i));
      g_assert_true (gloss_annotation_slot_get_annotation (slot) == g_ptr_array_index (next, i));
    }
  /* The one past the end is gone from the model. */
  g_assert_cmpuint (gloss_annotation_slot_get_position (far), ==, G_MAXUINT);
  g_assert_true (gloss_annotation_slot_get_annotation (far) == g_ptr_array_index (first, 290));
  again = g_list_model_get_item (G_LIST_MODEL (model), 279);
  g_assert_true (again != far);
  g_assert_true (gloss_annotation_slot_get_annotation (again) == g_ptr_array_index (next, 279));

  /* Emptied: nothing kept. */
  change.n_changes = 0;
  store_splice (store, 0, 280, NULL);
  g_assert_cmpuint (change.n_changes, ==, 1);
  g_assert_cmpuint (change.position, ==, 0);
  g_assert_cmpuint (change.removed, ==, 280);
  g_assert_cmpuint (change.added, ==, 0);
  g_assert_cmpuint (gloss_annotation_slot_get_position (g_ptr_array_index (held, 0)), ==, G_MAXUINT);

  g_clear_pointer (&held, g_ptr_array_unref);
  g_clear_object (&far);
  g_clear_object (&again);
  g_assert_cmpuint (gloss_annotation_slot_model_get_n_slots (model), ==, 0);
}

/* Many annotations for a list with few: the first ones at once, the
 * others from an idle, a few at a time up to a list view's rows, then
 * all; a position past them is shown at once when asked. */
static void
test_slot_fill (void)
{
  g_autoptr(GListStore) store = g_list_store_new (GLOSS_TYPE_ANNOTATION);
  g_autoptr(GPtrArray) many = make_annotations ("many", 1000);
  g_autoptr(GPtrArray) few = make_annotations ("few", 30);
  g_autoptr(GlossAnnotationSlotModel) model = gloss_annotation_slot_model_new (G_LIST_MODEL (store));
  g_autoptr(GlossAnnotationSlot) slot = NULL;
  Change change = { 0, };
  guint first;

  g_signal_connect (model, "items-changed", G_CALLBACK (on_slots_changed), &change);

  /* A few: at once. */
  store_splice (store, 0, 0, few);
  g_assert_false (gloss_annotation_slot_model_is_filling (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 30);
  store_splice (store, 0, 30, NULL);

  change.n_changes = 0;
  store_splice (store, 0, 0, many);
  g_assert_true (gloss_annotation_slot_model_is_filling (model));
  first = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (first, >, 0);
  g_assert_cmpuint (first, <, 100);
  g_assert_cmpuint (change.n_changes, ==, 1);
  g_assert_cmpuint (change.added, ==, first);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), first));

  /* A change past what is shown is not told. */
  store_splice (store, 900, 1, NULL);
  g_assert_cmpuint (change.n_changes, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, first);

  g_assert_true (gloss_ui_test_spin_until (slot_model_filled, model, TIMEOUT_MS));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 999);
  g_assert_cmpuint (change.n_changes, >, 2);
  slot = g_list_model_get_item (G_LIST_MODEL (model), 998);
  g_assert_true (gloss_annotation_slot_get_annotation (slot) == g_ptr_array_index (many, 999));

  /* Again from empty, all at once when asked. */
  store_splice (store, 0, 999, NULL);
  g_clear_pointer (&many, g_ptr_array_unref);
  many = make_annotations ("again", 1000);
  store_splice (store, 0, 0, many);
  g_assert_true (gloss_annotation_slot_model_is_filling (model));
  gloss_annotation_slot_model_fill (model);
  g_assert_false (gloss_annotation_slot_model_is_filling (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1000);
}

static void
on_emptied (GlossAnnotationSlotModel *model,
            gboolean                 *emptied)
{
  *emptied = TRUE;
}

static gboolean
is_true (gpointer flag)
{
  return *(gboolean *) flag;
}

/* Emptied a few at a time: first the items with no slot held after and
 * before the held ones (in one change each: a list view has no rows
 * there), then from the end. */
static void
test_slot_empty (void)
{
  g_autoptr(GListStore) store = g_list_store_new (GLOSS_TYPE_ANNOTATION);
  g_autoptr(GPtrArray) first = make_annotations ("first", 300);
  g_autoptr(GPtrArray) next = make_annotations ("next", 30);
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GlossAnnotationSlotModel) model = NULL;
  gboolean emptied = FALSE;
  Change change = { 0, };

  store_splice (store, 0, 0, first);
  model = gloss_annotation_slot_model_new (G_LIST_MODEL (store));
  g_signal_connect (model, "emptied", G_CALLBACK (on_emptied), &emptied);
  for (guint i = 100; i < 110; i++)
    g_ptr_array_add (held, g_list_model_get_item (G_LIST_MODEL (model), i));

  /* Before any change: the tail, then the head, in one change each. */
  g_signal_connect (model, "items-changed", G_CALLBACK (on_slots_changed), &change);
  gloss_annotation_slot_model_empty (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 300);
  g_assert_true (gloss_ui_test_spin_until (is_true, &emptied, TIMEOUT_MS));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_cmpuint (change.n_changes, >=, 2);
  g_assert_cmpuint (change.position, ==, 0);
  g_assert_cmpuint (change.added, ==, 0);
  for (guint i = 0; i < held->len; i++)
    g_assert_cmpuint (gloss_annotation_slot_get_position (g_ptr_array_index (held, i)), ==, G_MAXUINT);

  /* The model's next change is shown whole. */
  store_splice (store, 0, 300, next);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 30);
  g_assert_false (gloss_annotation_slot_model_is_filling (model));
  {
    g_autoptr(GlossAnnotationSlot) slot = g_list_model_get_item (G_LIST_MODEL (model), 29);

    g_assert_true (gloss_annotation_slot_get_annotation (slot) == g_ptr_array_index (next, 29));
  }

  /* Emptying, then a change before it is done: shown whole again, the
   * slots held kept in their places. */
  emptied = FALSE;
  g_ptr_array_set_size (held, 0);
  for (guint i = 0; i < 5; i++)
    g_ptr_array_add (held, g_list_model_get_item (G_LIST_MODEL (model), i));
  gloss_annotation_slot_model_empty (model);
  store_splice (store, 0, 30, first);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), >, 30);
  for (guint i = 0; i < held->len; i++)
    {
      g_autoptr(GlossAnnotationSlot) slot = g_list_model_get_item (G_LIST_MODEL (model), i);

      g_assert_true (slot == g_ptr_array_index (held, i));
      g_assert_true (gloss_annotation_slot_get_annotation (slot) == g_ptr_array_index (first, i));
    }
  /* (30 rows to 300: filling up.) */
  g_assert_true (gloss_ui_test_spin_until (slot_model_filled, model, TIMEOUT_MS));
  g_assert_false (emptied);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 300);
}

/* A reload of many annotations (the set's contents replaced in one
 * change, as gloss_session_reload does): the list shows the new objects
 * in order, with a bounded number of rows, and still notices a label the
 * label set lacks (looked for once things settle, not in the change). */
static void
test_many_reload (GlossSession        *session,
                  GlossAnnotationList *list,
                  GtkWidget           *window,
                  const char          *text,
                  guint                rows_before)
{
  GlossAnnotationSet *set = gloss_session_get_annotations (session);
  GtkDropDown *dropdown = GTK_DROP_DOWN (find_widget (GTK_WIDGET (list), GTK_TYPE_DROP_DOWN, 0));
  GtkListView *view = GTK_LIST_VIEW (find_widget (GTK_WIDGET (list), GTK_TYPE_LIST_VIEW, 0));
  g_autoptr(GlossAnnotationSet) loaded = gloss_annotation_set_new (gloss_annotation_set_get_document (set));
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func (g_object_unref);
  const guint n_annotations = 3000;
  GlossAnnotation *first;
  GlossAnnotation *last;
  guint n_slots;
  gint64 t0;

  g_assert_true (dropdown_has_7_items (dropdown));

  /* Every third sentence, one of them with an unknown label. */
  for (guint i = 0; i < n_annotations; i++)
    {
      g_autofree char *id = g_strdup_printf ("r-%08x", i);
      guint start = i * 3 * 40;
      GlossAnnotation *annotation = gloss_annotation_new (id, i == 1234 ? "rumour" : "claim", start, start + 38);
      g_autofree char *exact = g_strndup (text + start, 38);

      gloss_annotation_set_exact (annotation, exact);
      g_ptr_array_add (annotations, annotation);
    }
  first = g_ptr_array_index (annotations, 0);
  last = g_ptr_array_index (annotations, n_annotations - 1);
  gloss_annotation_set_load (loaded, annotations, NULL);

  /* With one selected far down: the selection does not look for it
   * among all the new rows (a slot made for each; GTK 4.8's list view
   * already looks at each new row once, for the rows it can keep). */
  {
    g_autoptr(GlossAnnotation) far = g_list_model_get_item (G_LIST_MODEL (set), 9000);

    gloss_annotation_list_set_selected_annotation (list, far);
    gloss_ui_test_wait_for_frame (window, TIMEOUT_MS);
    g_assert_true (gloss_annotation_list_get_selected_annotation (list) == far);
  }
  n_slots = gloss_annotation_slot_get_n_made ();

  t0 = g_get_monotonic_time ();
  gloss_annotation_set_take_contents (set, loaded);
  printf ("# reload of %u annotations: hand-over %.2f ms\n", n_annotations, (g_get_monotonic_time () - t0) / 1000.0);
  g_assert_cmpuint (gloss_annotation_slot_get_n_made () - n_slots, <=, n_annotations + 2 * MAX_ROWS);
  g_assert_null (gloss_annotation_list_get_selected_annotation (list));
  gloss_ui_test_wait_for_frame (window, TIMEOUT_MS);

  g_assert_cmpuint (gloss_annotation_list_get_n_visible (list), ==, n_annotations);
  g_assert_cmpuint (gloss_annotation_row_get_n_instances () - rows_before, <=, MAX_ROWS);
  g_assert_true (gloss_ui_test_spin_until (dropdown_has_8_items, dropdown, TIMEOUT_MS));

  /* In the article's order, from the top. */
  g_assert_true (gloss_annotation_list_select_next (list, FALSE) == first);
  gloss_ui_test_wait_for_frame (window, TIMEOUT_MS);
  g_assert_nonnull (find_row (view, first));
  g_assert_true (gloss_annotation_list_select_next (list, TRUE) == last);
  gloss_ui_test_wait_for_frame (window, TIMEOUT_MS);
  gloss_ui_test_wait_for_frame (window, TIMEOUT_MS);
  g_assert_nonnull (find_row (view, last));

  /* The unknown label filters as before. */
  gtk_drop_down_set_selected (dropdown, 7);
  g_assert_cmpuint (gloss_annotation_list_get_n_visible (list), ==, 1);
  gtk_drop_down_set_selected (dropdown, 0);
  g_assert_cmpuint (gloss_annotation_list_get_n_visible (list), ==, n_annotations);
}

typedef struct
{
  GListModel *model;
  guint       n;
} ModelWait;

static gboolean
model_has_n_items (gpointer data)
{
  ModelWait *wait = data;

  return g_list_model_get_n_items (wait->model) == wait->n;
}

static gboolean
n_rows_is (gpointer data)
{
  return gloss_annotation_row_get_n_instances () == GPOINTER_TO_UINT (data);
}

/* Another article (a session with other annotations) after this one, as
 * the window does: no session in between, then the next. The rows are
 * kept, hidden, in between, and bound to the next article's annotations;
 * with no next session, they go a little later. */
static void
test_many_next_session (GlossSession        *session,
                        GlossAnnotationList *list,
                        GtkWidget           *window,
                        const char          *folder,
                        const char          *text,
                        guint                rows_before)
{
  GtkListView *view = GTK_LIST_VIEW (find_widget (GTK_WIDGET (list), GTK_TYPE_LIST_VIEW, 0));
  GtkStack *stack = GTK_STACK (gtk_widget_get_ancestor (GTK_WIDGET (view), GTK_TYPE_STACK));
  g_autoptr(GlossSession) next = gloss_ui_test_open_session (folder, "next.txt", text, "tester");
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func (g_object_unref);
  const guint n_annotations = 4000;
  GlossAnnotation *first;
  GlossAnnotationRow *first_row;
  guint n_rows;

  for (guint i = 0; i < n_annotations; i++)
    {
      g_autofree char *id = g_strdup_printf ("n-%08x", i);
      guint start = i * 2 * 40;
      GlossAnnotation *annotation = gloss_annotation_new (id, "quote", start, start + 38);
      g_autofree char *exact = g_strndup (text + start, 38);

      gloss_annotation_set_exact (annotation, exact);
      g_ptr_array_add (annotations, annotation);
    }
  first = g_ptr_array_index (annotations, 0);
  gloss_annotation_set_load (gloss_session_get_annotations (next), annotations, NULL);

  /* Shown again after a filter (filling up, a few rows at a time). */
  {
    ModelWait wait = { G_LIST_MODEL (gtk_list_view_get_model (view)),
                       gloss_annotation_list_get_n_visible (list) };

    g_assert_true (gloss_ui_test_spin_until (model_has_n_items, &wait, TIMEOUT_MS));
  }
  gtk_widget_activate_action (GTK_WIDGET (view), "list.scroll-to-item", "u", 0);
  gloss_ui_test_wait_for_frame (window, TIMEOUT_MS);
  first_row = GLOSS_ANNOTATION_ROW (gtk_widget_get_first_child (gtk_widget_get_first_child (GTK_WIDGET (view))));
  g_object_add_weak_pointer (G_OBJECT (first_row), (gpointer *) &first_row);
  n_rows = gloss_annotation_row_get_n_instances ();

  /* In between: nothing shown, nothing selected, the rows kept. */
  gloss_annotation_list_set_session (list, NULL);
  g_assert_cmpuint (gloss_annotation_list_get_n_visible (list), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_null (gloss_annotation_list_get_selected_annotation (list));
  g_assert_null (gloss_annotation_list_select_next (list, FALSE));
  gloss_ui_test_wait_for_frame (window, TIMEOUT_MS);
  g_assert_cmpuint (gloss_annotation_row_get_n_instances (), ==, n_rows);

  /* The next article's annotations in the same rows. */
  gloss_annotation_list_set_session (list, next);
  g_assert_cmpuint (gloss_annotation_list_get_n_visible (list), ==, n_annotations);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");
  g_assert_cmpuint (gloss_annotation_row_get_n_instances (), ==, n_rows);
  gloss_ui_test_wait_for_frame (window, TIMEOUT_MS);
  g_assert_nonnull (first_row);
  g_assert_true (find_row (view, first) == first_row);
  g_assert_cmpstr (gloss_annotation_row_get_label_text (first_row), ==, "Quote");
  g_assert_cmpstr (gloss_annotation_row_get_excerpt (first_row), ==, "Sentence number 000000 is about a vote");
  g_object_remove_weak_pointer (G_OBJECT (first_row), (gpointer *) &first_row);
  {
    /* The list before had few rows shown (filtered): filling up. */
    ModelWait wait = { G_LIST_MODEL (gtk_list_view_get_model (view)), n_annotations };

    g_assert_true (gloss_ui_test_spin_until (model_has_n_items, &wait, TIMEOUT_MS));
  }
  g_assert_cmpuint (count_bound_rows (view), <=, MAX_ROWS);
  g_assert_true (gloss_annotation_list_select_next (list, FALSE) == first);

  /* No next one: the rows go. */
  gloss_annotation_list_set_session (list, NULL);
  g_assert_true (gloss_ui_test_spin_until (n_rows_is, GUINT_TO_POINTER (rows_before), TIMEOUT_MS));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (view))), ==, 0);

  close_session (&next);
}

static void
test_many (void)
{
  const guint n_annotations = 10000;
  g_autofree char *folder = gloss_ui_test_make_tmp_dir ("gloss-test-many-XXXXXX");
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GlossSession) session = NULL;
  static const char *labels[] = { "claim", "quote", "person", "organization", "location", "misc" };
  GlossAnnotationList *list;
  GtkWidget *window;
  GtkListView *view;
  guint rows_before;
  guint n_rows;
  gint64 t0, t1, t2, t3;

  /* One sentence per annotation, 40 characters each. */
  for (guint i = 0; i < n_annotations; i++)
    g_string_append_printf (text, "Sentence number %06u is about a vote. \n", i);
  session = gloss_ui_test_open_session (folder, "long.txt", text->str, "tester");

  for (guint i = 0; i < n_annotations; i++)
    {
      g_autofree char *id = g_strdup_printf ("a-%08x", i);
      guint start = i * 40;
      GlossAnnotation *annotation = gloss_annotation_new (id, labels[i % G_N_ELEMENTS (labels)], start, start + 38);
      g_autofree char *exact = g_strdup_printf ("Sentence number %06u is about a vote.", i);

      gloss_annotation_set_exact (annotation, exact);
      g_ptr_array_add (annotations, annotation);
    }
  gloss_annotation_set_load (gloss_session_get_annotations (session), annotations, NULL);

  rows_before = gloss_annotation_row_get_n_instances ();
  list = GLOSS_ANNOTATION_LIST (gloss_annotation_list_new ());
  window = gloss_ui_test_show_in_window (GTK_WIDGET (list), 360, 720, TIMEOUT_MS);

  t0 = g_get_monotonic_time ();
  gloss_annotation_list_set_session (list, session);
  t1 = g_get_monotonic_time ();
  /* The first rows at once, the others a few at a time (a list view
   * makes a row for each of up to ~205 items at once). */
  n_rows = gloss_annotation_row_get_n_instances () - rows_before;
  g_assert_cmpuint (n_rows, >, 0);
  g_assert_cmpuint (n_rows, <=, 64);
  view = GTK_LIST_VIEW (find_widget (GTK_WIDGET (list), GTK_TYPE_LIST_VIEW, 0));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (view))), <, n_annotations);
  gloss_ui_test_wait_for_frame (window, TIMEOUT_MS);
  t2 = g_get_monotonic_time ();

  g_assert_cmpuint (gloss_annotation_list_get_n_visible (list), ==, n_annotations);
  printf ("# %u annotations: set_session %.2f ms (%u rows made), to the next frame %.2f ms, %u rows made\n",
          n_annotations, (t1 - t0) / 1000.0, n_rows, (t2 - t1) / 1000.0,
          gloss_annotation_row_get_n_instances () - rows_before);
  {
    ModelWait wait = { G_LIST_MODEL (gtk_list_view_get_model (view)), n_annotations };

    g_assert_true (gloss_ui_test_spin_until (model_has_n_items, &wait, TIMEOUT_MS));
  }
  /* GTK 4.8's GtkListView keeps up to 200 rows (GTK_LIST_VIEW_MAX_LIST_ITEMS)
   * plus a couple per tracker alive around what is shown, however tall it
   * is: a bounded number, not one per annotation. */
  g_assert_cmpuint (gloss_annotation_row_get_n_instances () - rows_before, <=, MAX_ROWS);
  /* Mostly GTK making and binding those rows (about 30 ms here). How
   * long it takes is a benchmark's business (tests/bench): a busy or
   * sanitized machine must not fail a test. */

  /* Filtering all of them. */
  t0 = g_get_monotonic_time ();
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find_widget (GTK_WIDGET (list), GTK_TYPE_DROP_DOWN, 0)), 2);
  t3 = g_get_monotonic_time ();
  g_assert_cmpuint (gloss_annotation_list_get_n_visible (list), ==, n_annotations / 6 + (n_annotations % 6 > 1));
  printf ("# filtering by label: %.2f ms\n", (t3 - t0) / 1000.0);

  /* Selecting one far down scrolls there without making more rows. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find_widget (GTK_WIDGET (list), GTK_TYPE_DROP_DOWN, 0)), 0);
  gloss_annotation_list_set_selected_annotation (list, g_ptr_array_index (annotations, 9000));
  gloss_ui_test_wait_for_frame (window, TIMEOUT_MS);
  gloss_ui_test_wait_for_frame (window, TIMEOUT_MS);
  g_assert_nonnull (find_row (GTK_LIST_VIEW (find_widget (GTK_WIDGET (list), GTK_TYPE_LIST_VIEW, 0)),
                              g_ptr_array_index (annotations, 9000)));
  g_assert_cmpuint (gloss_annotation_row_get_n_instances () - rows_before, <=, MAX_ROWS);

  t0 = g_get_monotonic_time ();
  g_assert_true (gloss_annotation_list_select_next (list, FALSE) == g_ptr_array_index (annotations, 9001));
  t3 = g_get_monotonic_time ();
  printf ("# select_next: %.3f ms\n", (t3 - t0) / 1000.0);

  test_many_reload (session, list, window, text->str, rows_before);
  test_many_next_session (session, list, window, folder, text->str, rows_before);

  gtk_window_destroy (GTK_WINDOW (window));
  close_session (&session);
  gloss_test_remove_tree (folder);
}


/* ------------------------------------------------------------------ */
/* Attributes: the mark, the count, the filter by value                 */
/* ------------------------------------------------------------------ */

/* Claims need a verdict; check-worthy is optional; quotes have a form. */
static const char attribute_labels_json[] =
  "{ \"format\": \"gloss-labels\", \"version\": 1,\n"
  "  \"labels\": [\n"
  "    { \"id\": \"claim\",  \"kind\": \"claim\",  \"name\": \"Claim\",  \"key\": \"c\" },\n"
  "    { \"id\": \"quote\",  \"kind\": \"quote\",  \"name\": \"Quote\",  \"key\": \"q\" },\n"
  "    { \"id\": \"person\", \"kind\": \"entity\", \"name\": \"Person\", \"key\": \"p\" }\n"
  "  ],\n"
  "  \"attributes\": [\n"
  "    { \"id\": \"verdict\", \"name\": \"Verdict\", \"type\": \"choice\", \"required\": true,\n"
  "      \"applies_to\": [\"kind:claim\"],\n"
  "      \"values\": [ { \"id\": \"true\", \"name\": \"True\" }, { \"id\": \"false\", \"name\": \"False\" },\n"
  "                  { \"id\": \"mixed\", \"name\": \"Mixed\" } ] },\n"
  "    { \"id\": \"checkworthy\", \"name\": \"Check-worthy\", \"type\": \"boolean\",\n"
  "      \"applies_to\": [\"kind:claim\"] },\n"
  "    { \"id\": \"form\", \"name\": \"Form\", \"type\": \"choice\", \"applies_to\": [\"quote\"],\n"
  "      \"values\": [ { \"id\": \"direct\", \"name\": \"Direct\" }, { \"id\": \"indirect\", \"name\": \"Indirect\" } ] }\n"
  "  ]\n"
  "}\n";

/* Three claims without a verdict, two quotes, a person. */
static void
attribute_set_up (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GFile) dir = NULL;

  f->folder = gloss_ui_test_make_tmp_dir ("gloss-test-list-attributes-XXXXXX");
  dir = g_file_new_for_path (f->folder);
  gloss_ui_test_write_file (dir, "gloss-labels.json", attribute_labels_json, -1);

  f->session = gloss_ui_test_open_session (f->folder, "bridge.txt", article_text, "tester");
  f->set = gloss_session_get_annotations (f->session);
  g_assert_nonnull (gloss_label_set_lookup_attribute (gloss_session_get_labels (f->session), "verdict"));

  f->claim_vote = annotate (f->set, "claim", "The harbour council postponed its vote on the new footbridge on Tuesday");
  f->quote_guesses = annotate (f->set, "quote", "“We will not build on\nguesses,”");
  f->ines = annotate (f->set, "person", "Inès Castell");
  f->quote_gift = annotate (f->set, "quote", "“a gift to the ferry\ncompany”");
  f->port_authority = annotate (f->set, "claim", "The Harbour Ferry Company declined to comment");
  f->claim_crossings = annotate (f->set, "claim", "about 4,000 people cross the harbour each\nday");

  f->list = GLOSS_ANNOTATION_LIST (gloss_annotation_list_new ());
  gloss_annotation_list_set_session (f->list, f->session);
  f->window = gloss_ui_test_show_in_window (GTK_WIDGET (f->list), 360, 720, TIMEOUT_MS);
}

static void
set_attribute (Fixture         *f,
               GlossAnnotation *annotation,
               const char      *id,
               GVariant        *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_annotation_set_change_attribute (f->set, annotation, id, value, &error));
  g_assert_no_error (error);
}

/* The notice's button: the one whose action steps to the next. */
static GtkWidget *
find_action_button (GtkWidget  *root,
                    const char *action)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_POPOVER (child))
        continue;
      if (GTK_IS_ACTIONABLE (child) &&
          g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), action) == 0)
        return child;

      found = find_action_button (child, action);
      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The text the notice shows, or NULL when it is hidden. */
static const char *
notice_text (Fixture *f)
{
  GtkWidget *button = find_action_button (GTK_WIDGET (f->list), "annotation-list.next-incomplete");
  GtkWidget *label;

  g_assert_nonnull (button);
  if (!gtk_widget_get_visible (button))
    return NULL;

  label = find_widget (button, GTK_TYPE_LABEL, 0);
  return gtk_label_get_text (GTK_LABEL (label));
}

static void
test_attribute_mark_and_count (Fixture       *f,
                               gconstpointer  data)
{
  GlossAnnotationRow *row;
  GlossAnnotation *created;
  g_autoptr(GError) error = NULL;

  /* Three claims lack their verdict: marked, counted, said. */
  g_assert_cmpuint (gloss_annotation_list_get_n_incomplete (f->list), ==, 3);
  g_assert_cmpstr (notice_text (f), ==, "3 annotations lack a required attribute");

  row = find_row (main_view (f), f->claim_vote);
  g_assert_nonnull (row);
  g_assert_cmpstr (gloss_annotation_row_get_missing_tooltip (row), ==, "Not set: Verdict");
  g_assert_null (gloss_annotation_row_get_values (row));
  gtk_test_accessible_assert_property (row, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Claim: “The harbour council postponed its vote on the new footbridge…”, "
                                       "Verdict missing");
  /* Nothing is required of a quote or a person. */
  g_assert_null (gloss_annotation_row_get_missing_tooltip (find_row (main_view (f), f->ines)));
  g_assert_null (gloss_annotation_row_get_missing_tooltip (find_row (main_view (f), f->quote_gift)));

  /* A verdict set: the mark goes, the value shows, the count follows. */
  set_attribute (f, f->claim_vote, "verdict", g_variant_new_string ("false"));
  set_attribute (f, f->claim_vote, "checkworthy", g_variant_new_boolean (TRUE));
  g_assert_cmpuint (gloss_annotation_list_get_n_incomplete (f->list), ==, 2);
  g_assert_cmpstr (notice_text (f), ==, "2 annotations lack a required attribute");
  g_assert_null (gloss_annotation_row_get_missing_tooltip (row));
  g_assert_cmpstr (gloss_annotation_row_get_values (row), ==, "False · Check-worthy: yes");
  gtk_test_accessible_assert_property (row, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Claim: “The harbour council postponed its vote on the new footbridge…”, "
                                       "Verdict: False, Check-worthy: yes");

  /* Undone: missing again. */
  g_assert_true (gloss_annotation_set_undo (f->set, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_annotation_set_undo (f->set, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_annotation_list_get_n_incomplete (f->list), ==, 3);
  g_assert_cmpstr (gloss_annotation_row_get_missing_tooltip (row), ==, "Not set: Verdict");
  g_assert_null (gloss_annotation_row_get_values (row));

  /* A new claim counts; a deleted one no longer does; a claim relabelled
   * as a quote needs no verdict. */
  created = annotate (f->set, "claim", "Engineers expect the survey to finish in March");
  g_assert_cmpuint (gloss_annotation_list_get_n_incomplete (f->list), ==, 4);
  g_assert_true (gloss_annotation_set_remove (f->set, created, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_annotation_list_get_n_incomplete (f->list), ==, 3);
  g_assert_true (gloss_annotation_set_change_label (f->set, f->port_authority, "quote", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_annotation_list_get_n_incomplete (f->list), ==, 2);

  /* All set: the notice goes. */
  set_attribute (f, f->claim_vote, "verdict", g_variant_new_string ("true"));
  set_attribute (f, f->claim_crossings, "verdict", g_variant_new_string ("mixed"));
  g_assert_cmpuint (gloss_annotation_list_get_n_incomplete (f->list), ==, 0);
  g_assert_null (notice_text (f));
  g_assert_null (gloss_annotation_list_select_next_incomplete (f->list, FALSE));
}

typedef struct
{
  GlossAnnotationList *list;
  GlossAnnotation     *annotation;
} SelectedWait;

static gboolean
selected_is (gpointer data)
{
  SelectedWait *wait = data;

  return gloss_annotation_list_get_selected_annotation (wait->list) == wait->annotation;
}

/* Enter on the focused widget: a button presses itself for a moment
 * (GtkButton's activate), then clicks. */
static void
press_enter_expecting (Fixture         *f,
                       GlossAnnotation *expected)
{
  SelectedWait wait = { f->list, expected };

  g_assert_true (gtk_widget_activate (focus_widget (f)));
  if (!gloss_ui_test_spin_until (selected_is, &wait, TIMEOUT_MS))
    g_error ("Enter on the notice did not select the expected annotation");
}

/* Enter on the notice steps through the claims lacking a verdict, in
 * article order, wrapping; the focus stays on it for the next Enter. */
static void
test_attribute_step (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *button = find_action_button (GTK_WIDGET (f->list), "annotation-list.next-incomplete");

  set_attribute (f, f->port_authority, "verdict", g_variant_new_string ("true"));
  g_assert_cmpuint (gloss_annotation_list_get_n_incomplete (f->list), ==, 2);

  /* Reached by keyboard: Tab from the filters. */
  gloss_annotation_list_focus_search (f->list);
  while (!focus_is_in (f, button))
    g_assert_true (gtk_widget_child_focus (f->window, GTK_DIR_TAB_FORWARD));

  /* Enter on a focused button activates it. */
  press_enter_expecting (f, f->claim_vote);
  g_assert_true (focus_is_in (f, button));
  press_enter_expecting (f, f->claim_crossings);
  press_enter_expecting (f, f->claim_vote);
  /* Backward. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->list), "annotation-list.next-incomplete", "b", TRUE));
  g_assert_true (gloss_annotation_list_get_selected_annotation (f->list) == f->claim_crossings);

  /* From a complete span: the next incomplete after it. */
  gloss_annotation_list_set_selected_annotation (f->list, f->port_authority);
  g_assert_true (gloss_annotation_list_select_next_incomplete (f->list, FALSE) == f->claim_crossings);
  gloss_annotation_list_set_selected_annotation (f->list, f->port_authority);
  g_assert_true (gloss_annotation_list_select_next_incomplete (f->list, TRUE) == f->claim_vote);
}

/* The labels the attribute filter's menu offers, as one string. */
static char *
menu_items (GMenuModel *menu)
{
  GString *out = g_string_new (NULL);

  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      g_autofree char *heading = NULL;

      g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &heading);
      g_string_append_printf (out, "[%s]", heading != NULL ? heading : "");
      for (int j = 0; section != NULL && j < g_menu_model_get_n_items (section); j++)
        {
          g_autofree char *label = NULL;
          g_autofree char *target = NULL;

          g_menu_model_get_item_attribute (section, j, G_MENU_ATTRIBUTE_LABEL, "s", &label);
          g_menu_model_get_item_attribute (section, j, G_MENU_ATTRIBUTE_TARGET, "s", &target);
          g_string_append_printf (out, " %s=%s", label, target);
        }
    }

  return g_string_free (out, FALSE);
}

static void
test_attribute_filter (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *entry = find_widget (GTK_WIDGET (f->list), GTK_TYPE_SEARCH_ENTRY, 0);
  GtkWidget *dropdown = GTK_WIDGET (label_dropdown (f));
  GtkMenuButton *button = GTK_MENU_BUTTON (find_widget (GTK_WIDGET (f->list), GTK_TYPE_MENU_BUTTON, 0));
  g_autofree char *items = NULL;

  set_attribute (f, f->claim_vote, "verdict", g_variant_new_string ("false"));
  set_attribute (f, f->port_authority, "verdict", g_variant_new_string ("true"));
  set_attribute (f, f->port_authority, "checkworthy", g_variant_new_boolean (FALSE));
  set_attribute (f, f->quote_gift, "form", g_variant_new_string ("direct"));

  /* The menu, from the label set; reached by Tab after the label filter. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (button)));
  items = menu_items (gtk_menu_button_get_menu_model (button));
  g_assert_cmpstr (items, ==,
                   "[] Any Value= Lacking a Required Attribute=incomplete"
                   "[Verdict] True=verdict=true False=verdict=false Mixed=verdict=mixed Not Set=verdict="
                   "[Check-worthy] Yes=checkworthy=true No=checkworthy=false Not Set=checkworthy="
                   "[Form] Direct=form=direct Indirect=form=indirect Not Set=form=");
  gloss_annotation_list_focus_search (f->list);
  g_assert_true (focus_is_in (f, entry));
  g_assert_true (gtk_widget_child_focus (f->window, GTK_DIR_TAB_FORWARD));
  g_assert_true (focus_is_in (f, dropdown));
  g_assert_true (gtk_widget_child_focus (f->window, GTK_DIR_TAB_FORWARD));
  g_assert_true (focus_is_in (f, GTK_WIDGET (button)));

  /* Claims with verdict false: exactly that row (a menu item activates
   * the action with its target). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (button), "annotation-list.attribute-filter", "s",
                                             "verdict=false"));
  g_assert_cmpstr (gloss_annotation_list_get_attribute_filter (f->list), ==, "verdict=false");
  g_assert_cmpuint (gloss_annotation_list_get_n_visible (f->list), ==, 1);
  gloss_ui_test_wait_for_frame (f->window, TIMEOUT_MS);
  g_assert_nonnull (find_row (main_view (f), f->claim_vote));
  g_assert_null (find_row (main_view (f), f->claim_crossings));
  /* The button says what is shown. */
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (find_widget (GTK_WIDGET (button), GTK_TYPE_LABEL, 0))),
                   ==, "Verdict: False");

  /* A value set meanwhile: the row comes, or goes. */
  set_attribute (f, f->claim_crossings, "verdict", g_variant_new_string ("false"));
  g_assert_cmpuint (gloss_annotation_list_get_n_visible (f->list), ==, 2);
  set_attribute (f, f->claim_crossings, "verdict", NULL);
  g_assert_cmpuint (gloss_annotation_list_get_n_visible (f->list), ==, 1);

  /* Not set: the claims without a verdict, not the quotes or the person. */
  gloss_annotation_list_set_attribute_filter (f->list, "verdict=");
  g_assert_cmpuint (gloss_annotation_list_get_n_visible (f->list), ==, 1);
  gloss_ui_test_wait_for_frame (f->window, TIMEOUT_MS);
  g_assert_nonnull (find_row (main_view (f), f->claim_crossings));

  /* A boolean: false is a value. */
  gloss_annotation_list_set_attribute_filter (f->list, "checkworthy=false");
  g_assert_cmpuint (gloss_annotation_list_get_n_visible (f->list), ==, 1);
  gloss_annotation_list_set_attribute_filter (f->list, "checkworthy=");
  g_assert_cmpuint (gloss_annotation_list_get_n_visible (f->list), ==, 2);

  /* Incomplete ones. */
  gloss_annotation_list_set_attribute_filter (f->list, "incomplete");
  g_assert_cmpuint (gloss_annotation_list_get_n_visible (f->list), ==, 1);

  /* Combined with the label filter: quotes whose form is not set. */
  gloss_annotation_list_set_attribute_filter (f->list, "form=");
  g_assert_cmpuint (gloss_annotation_list_get_n_visible (f->list), ==, 1);
  gtk_drop_down_set_selected (label_dropdown (f), 2);  /* Quote */
  g_assert_cmpuint (gloss_annotation_list_get_n_visible (f->list), ==, 1);
  gloss_annotation_list_set_attribute_filter (f->list, "form=direct");
  g_assert_cmpuint (gloss_annotation_list_get_n_visible (f->list), ==, 1);
  gtk_drop_down_set_selected (label_dropdown (f), 1);  /* Claim */
  g_assert_cmpuint (gloss_annotation_list_get_n_visible (f->list), ==, 0);

  /* Any value: every claim again; an attribute the set lacks reads as none. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (button), "annotation-list.attribute-filter", "s", ""));
  g_assert_cmpuint (gloss_annotation_list_get_n_visible (f->list), ==, 3);
  gloss_annotation_list_set_attribute_filter (f->list, "stance=for");
  g_assert_cmpstr (gloss_annotation_list_get_attribute_filter (f->list), ==, "");
  g_assert_cmpuint (gloss_annotation_list_get_n_visible (f->list), ==, 3);

  /* Selecting a span the filter hides clears the filters (as for the
   * others), so that the selection is shown. */
  gtk_drop_down_set_selected (label_dropdown (f), 0);
  gloss_annotation_list_set_attribute_filter (f->list, "verdict=true");
  g_assert_cmpuint (gloss_annotation_list_get_n_visible (f->list), ==, 1);
  gloss_annotation_list_set_selected_annotation (f->list, f->ines);
  g_assert_cmpstr (gloss_annotation_list_get_attribute_filter (f->list), ==, "");
  g_assert_cmpuint (gloss_annotation_list_get_n_visible (f->list), ==, 6);
}

static gboolean
n_incomplete_is (gpointer data)
{
  VisibleWait *wait = data;

  return gloss_annotation_list_get_n_incomplete (wait->list) == wait->n;
}

/* Many annotations are counted from an idle, then followed one by one. */
static void
test_attribute_count_many (Fixture       *f,
                           gconstpointer  data)
{
  GlossAnnotationList *list = GLOSS_ANNOTATION_LIST (gloss_annotation_list_new ());
  g_autoptr(GError) error = NULL;
  GtkWidget *window;
  VisibleWait wait = { list, 0 };
  guint length = g_utf8_strlen (article_text, -1);
  guint n = 0;

  /* 600 one-character claims (a few per character at most). */
  for (guint start = 0; start + 1 < length && n < 600; start++)
    for (guint len = 1; len <= 2 && n < 600; len++)
      {
        g_assert_nonnull (gloss_annotation_set_create (f->set, "claim", start, start + len, &error));
        g_assert_no_error (error);
        n++;
      }
  wait.n = n + 3;

  g_object_ref_sink (list);
  gloss_annotation_list_set_session (list, f->session);
  /* Not yet: the idle counts. */
  g_assert_cmpuint (gloss_annotation_list_get_n_incomplete (list), ==, 0);
  window = gloss_ui_test_show_in_window (GTK_WIDGET (list), 360, 720, TIMEOUT_MS);
  if (!gloss_ui_test_spin_until (n_incomplete_is, &wait, TIMEOUT_MS))
    g_error ("n-incomplete is %u, expected %u", gloss_annotation_list_get_n_incomplete (list), wait.n);

  set_attribute (f, f->claim_vote, "verdict", g_variant_new_string ("true"));
  g_assert_cmpuint (gloss_annotation_list_get_n_incomplete (list), ==, n + 2);

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (list);
}

static void
test_attribute_screenshot (Fixture       *f,
                           gconstpointer  data)
{
  set_attribute (f, f->claim_vote, "verdict", g_variant_new_string ("false"));
  set_attribute (f, f->claim_vote, "checkworthy", g_variant_new_boolean (TRUE));
  set_attribute (f, f->quote_gift, "form", g_variant_new_string ("indirect"));
  gloss_annotation_list_set_selected_annotation (f->list, f->claim_crossings);
  gloss_ui_test_spin (50);
  gloss_ui_test_wait_for_frame (f->window, TIMEOUT_MS);
  gloss_ui_test_screenshot (f->window, "annotation-list-attributes.png", TIMEOUT_MS);

  /* The attribute filter's menu, on its own surface. */
  {
    GtkMenuButton *button = GTK_MENU_BUTTON (find_widget (GTK_WIDGET (f->list), GTK_TYPE_MENU_BUTTON, 0));
    g_autofree char *path = gloss_ui_test_output_path ("GLOSS_TEST_OUTPUT_DIR", "gloss-attribute-filter-menu.png");
    GtkPopover *popover;

    f->used_popovers = TRUE;
    gloss_annotation_list_set_attribute_filter (f->list, "verdict=false");
    gtk_menu_button_popup (button);
    popover = gtk_menu_button_get_popover (button);
    gloss_ui_test_wait_for_frame (GTK_WIDGET (popover), TIMEOUT_MS);
    gloss_ui_test_render_to_png (GTK_WIDGET (popover), path);
    gtk_popover_popdown (popover);
    printf ("# screenshot: %s\n", path);
  }
}

/* ------------------------------------------------------------------ */
/* main                                                                 */
/* ------------------------------------------------------------------ */

int
main (int   argc,
      char *argv[])
{
  gloss_ui_test_init (&argc, &argv);
  if (!gloss_ui_test_init_gtk ())
    return 0;

  /* Links in the resources from the static library; their constructor
   * registers them. */
  g_assert_nonnull (gloss_get_resource ());

  g_test_add_func ("/annotation-row/excerpt", test_excerpt);
  g_test_add_func ("/annotation-list/empty", test_empty);
  g_test_add ("/annotation-list/rows", Fixture, NULL, fixture_set_up, test_rows, fixture_tear_down);
  g_test_add ("/annotation-list/filter-text", Fixture, NULL, fixture_set_up, test_filter_text, fixture_tear_down);
  g_test_add ("/annotation-list/filter-label", Fixture, NULL, fixture_set_up, test_filter_label, fixture_tear_down);
  g_test_add ("/annotation-list/selection", Fixture, NULL, fixture_set_up, test_selection, fixture_tear_down);
  g_test_add ("/annotation-list/scroll", Fixture, NULL, fixture_set_up, test_scroll, fixture_tear_down);
  g_test_add ("/annotation-list/select-next", Fixture, NULL, fixture_set_up, test_select_next, fixture_tear_down);
  g_test_add ("/annotation-list/row-updates", Fixture, NULL, fixture_set_up, test_row_updates, fixture_tear_down);
  g_test_add ("/annotation-list/orphans", Fixture, NULL, fixture_set_up, test_orphans, fixture_tear_down);
  g_test_add ("/annotation-list/keyboard", Fixture, NULL, fixture_set_up, test_keyboard, fixture_tear_down);
  g_test_add ("/annotation-list/reload", Fixture, NULL, fixture_set_up, test_reload, fixture_tear_down);
  g_test_add ("/annotation-list/context-menu", Fixture, NULL, fixture_set_up, test_context_menu, fixture_tear_down);
  g_test_add ("/note-popover/edit", Fixture, NULL, fixture_set_up, test_note_popover, fixture_tear_down);
  g_test_add ("/speaker-chooser/choose", Fixture, NULL, fixture_set_up, test_speaker_chooser, fixture_tear_down);
  g_test_add ("/annotation-list/screenshot", Fixture, NULL, fixture_set_up, test_screenshot, fixture_tear_down);
  g_test_add ("/annotation-list/attributes/mark-and-count", Fixture, NULL, attribute_set_up,
              test_attribute_mark_and_count, fixture_tear_down);
  g_test_add ("/annotation-list/attributes/step", Fixture, NULL, attribute_set_up,
              test_attribute_step, fixture_tear_down);
  g_test_add ("/annotation-list/attributes/filter", Fixture, NULL, attribute_set_up,
              test_attribute_filter, fixture_tear_down);
  g_test_add ("/annotation-list/attributes/count-many", Fixture, NULL, attribute_set_up,
              test_attribute_count_many, fixture_tear_down);
  g_test_add ("/annotation-list/attributes/screenshot", Fixture, NULL, attribute_set_up,
              test_attribute_screenshot, fixture_tear_down);
  g_test_add_func ("/annotation-list/many", test_many);
  g_test_add_func ("/annotation-slot-model/places", test_slot_places);
  g_test_add_func ("/annotation-slot-model/fill", test_slot_fill);
  g_test_add_func ("/annotation-slot-model/empty", test_slot_empty);

  return g_test_run ();
}
