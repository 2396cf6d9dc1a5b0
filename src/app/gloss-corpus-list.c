/* gloss-corpus-list.c — the sidebar listing the articles of a corpus folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "gloss-corpus.h"
#include "gloss-corpus-counts.h"
#include "gloss-corpus-list-private.h"
#include "gloss-corpus-row.h"

/* Counting means reading the article and its sidecar; a huge one would hold
 * the whole scan up for a figure nobody needs yet, so its row shows "…"
 * until the article is opened (and the window calls refresh_article()). */
#define COUNT_MAX_BYTES (5 * 1024 * 1024)

/* What the scan left out is listed below the articles, this many lines at
 * most: a folder of a thousand FIFOs needs a summary, not a thousand lines. */
#define PROBLEM_LINES_MAX 20

/* What a row shows besides the name. */
typedef struct
{
  GlossCorpusArticle *article;
  guint               position;
  GlossArticleCount   shown;
} ArticleStatus;

static void
article_status_free (ArticleStatus *status)
{
  g_clear_object (&status->article);
  gloss_article_count_clear (&status->shown);
  g_free (status);
}


/* The list. */

struct _GlossCorpusList
{
  GtkWidget           parent_instance;

  GtkWidget          *box;
  GtkWidget          *filter_button;        /* "All Articles", "Done"… */
  GtkWidget          *stack;
  GtkWidget          *problems_expander;
  GtkWidget          *problems_title;
  GtkWidget          *problems_label;
  GtkWidget          *progress_label;       /* "12 of 40 articles done" */
  GtkWidget          *spinner;
  GtkWidget          *list_view;
  GtkWidget          *message_page;         /* AdwStatusPage */
  GtkWidget          *message_description;
  GtkWidget          *open_folder_button;   /* only with no folder */
  GtkSingleSelection *selection;   /* owned by the list view */
  GtkFilterListModel *filter_model; /* owned by the selection */
  GtkFilter          *filter;       /* owned by the filter model */

  GFile              *folder;
  char               *annotator_id;
  GlossCorpus        *corpus;
  GHashTable         *statuses;    /* GFile → ArticleStatus */
  /* Which rows are shown (gloss_article_count_matches(); NULL: all), and
   * the fields whose values the filter menu offers (GlossAttribute). */
  char               *filter_string;
  GPtrArray          *filter_fields;
  GPtrArray          *bound_rows;  /* GlossCorpusRow (unowned) */
  GCancellable       *cancellable;

  gboolean            loading;

  GFile              *selected;
  /* selected-article was set during a scan: apply it (not the first row). */
  gboolean            selection_pending;
  /* Swapping models: the selection passes through NULL; do not report it. */
  gboolean            swapping;
};

G_DEFINE_FINAL_TYPE (GlossCorpusList, gloss_corpus_list, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SELECTED_ARTICLE,
  PROP_N_ARTICLES,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  ARTICLE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];


/* The scan: the model's (gloss_corpus_scan_async()), then its counts of
 * the annotator's annotations (gloss_corpus_count_annotations_async()),
 * both in worker threads. */

static GHashTable *
new_status_table (void)
{
  return g_hash_table_new_full (g_file_hash, (GEqualFunc) g_file_equal,
                                g_object_unref,
                                (GDestroyNotify) article_status_free);
}

/* GFile → ArticleStatus, for the rows and refresh_article(). */
static GHashTable *
build_statuses (GlossCorpus *corpus,
                GArray      *counts)
{
  GHashTable *statuses = new_status_table ();

  for (guint i = 0; i < counts->len; i++)
    {
      GlossCorpusArticle *article = gloss_corpus_get_article (corpus, i);
      ArticleStatus *status = g_new0 (ArticleStatus, 1);

      status->article = g_object_ref (article);
      status->position = i;
      gloss_article_count_copy (&status->shown, &g_array_index (counts, GlossArticleCount, i));
      g_hash_table_insert (statuses, g_object_ref (gloss_corpus_article_get_file (article)), status);
    }

  return statuses;
}


/* Selection. */

static void
set_selected_file (GlossCorpusList *self,
                   GFile           *file)
{
  if (self->selected == file
      || (self->selected != NULL && file != NULL && g_file_equal (self->selected, file)))
    return;

  g_set_object (&self->selected, file);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ARTICLE]);
}

static void
sync_selected_from_model (GlossCorpusList *self)
{
  GlossCorpusArticle *article = gtk_single_selection_get_selected_item (self->selection);

  set_selected_file (self, article != NULL ? gloss_corpus_article_get_file (article) : NULL);
}

static void
on_selected_item_changed (GlossCorpusList *self)
{
  if (!self->swapping)
    sync_selected_from_model (self);
}

static guint
find_position (GlossCorpusList *self,
               GFile           *file)
{
  ArticleStatus *status;

  if (file == NULL || self->statuses == NULL)
    return GTK_INVALID_LIST_POSITION;

  status = g_hash_table_lookup (self->statuses, file);
  if (status == NULL)
    return GTK_INVALID_LIST_POSITION;
  if (self->filter_string == NULL)
    return status->position;

  /* Filtered: where it is among the rows shown, if it is. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)); i++)
    {
      g_autoptr(GlossCorpusArticle) article = g_list_model_get_item (G_LIST_MODEL (self->filter_model), i);

      if (article == status->article)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

static void
select_position (GlossCorpusList *self,
                 guint            position)
{
  gtk_single_selection_set_selected (self->selection, position);

  /* gtk_list_view_scroll_to() is GTK 4.12; the action exists in 4.8. */
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (self->list_view, "list.scroll-to-item", "u", position);
}


/* Showing the result. */

static void
show_message (GlossCorpusList *self,
              const char      *icon_name,
              const char      *title,
              const char      *description)
{
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->message_page), icon_name);
  adw_status_page_set_title (ADW_STATUS_PAGE (self->message_page), title);
  gtk_label_set_text (GTK_LABEL (self->message_description), description);
  gtk_widget_set_visible (self->message_description, description != NULL);
  gtk_widget_set_visible (self->open_folder_button, self->folder == NULL);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "message");
}

static void
set_loading (GlossCorpusList *self,
             gboolean         loading)
{
  /* A spinner costs a frame per tick: run it only while it is shown. */
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), loading);
  if (loading)
    gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "loading");

  if (self->loading != loading)
    {
      self->loading = loading;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
    }
}

/* "loop: a link to “.”, …": what the scan left out, below the list, so that
 * an article missing from it is never a mystery. */
static void
show_problems (GlossCorpusList *self,
               GPtrArray       *problems)
{
  g_autoptr(GString) text = NULL;
  g_autofree char *title = NULL;
  guint n = problems != NULL ? problems->len : 0;

  gtk_widget_set_visible (self->problems_expander, n > 0);
  if (n == 0)
    return;

  text = g_string_new (NULL);
  for (guint i = 0; i < MIN (n, PROBLEM_LINES_MAX); i++)
    {
      const GlossProblem *problem = g_ptr_array_index (problems, i);
      g_autoptr(GFile) file = problem->file != NULL ? g_file_parse_name (problem->file) : NULL;
      g_autofree char *relative = NULL;

      if (self->folder != NULL && file != NULL)
        relative = g_file_get_relative_path (self->folder, file);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      if (problem->file == NULL)
        g_string_append (text, problem->message);
      else
        g_string_append_printf (text, "%s: %s", relative != NULL ? relative : problem->file,
                                problem->message);
    }
  if (n > PROBLEM_LINES_MAX)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, ngettext ("…and %u more", "…and %u more", n - PROBLEM_LINES_MAX),
                              n - PROBLEM_LINES_MAX);
    }

  title = g_strdup_printf (ngettext ("%u item skipped while scanning",
                                     "%u items skipped while scanning", n), n);
  gtk_label_set_text (GTK_LABEL (self->problems_title), title);
  gtk_label_set_text (GTK_LABEL (self->problems_label), text->str);
}

/* "12 of 40 articles done", the annotator's own marks, below the list while
 * it shows articles. */
static void
update_progress (GlossCorpusList *self)
{
  GHashTableIter iter;
  ArticleStatus *status;
  g_autofree char *text = NULL;
  guint n_articles, n_done = 0;

  n_articles = self->statuses != NULL ? g_hash_table_size (self->statuses) : 0;
  gtk_widget_set_visible (self->progress_label, n_articles > 0);
  if (n_articles == 0)
    return;

  g_hash_table_iter_init (&iter, self->statuses);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &status))
    if (status->shown.started && status->shown.done)
      n_done++;

  /* Translators: how many of the folder's articles the annotator marked
   * as done; the plural follows the second number, all articles. */
  text = g_strdup_printf (ngettext ("%u of %u article done",
                                    "%u of %u articles done", n_articles),
                          n_done, n_articles);
  gtk_label_set_text (GTK_LABEL (self->progress_label), text);
}

/* Filtering by done and by the article's fields
 * ------------------------------------------------------------------------ */

static guint
count_matching (GlossCorpusList *self,
                const char      *filter)
{
  GHashTableIter iter;
  ArticleStatus *status;
  guint n = 0;

  if (self->statuses == NULL)
    return 0;

  g_hash_table_iter_init (&iter, self->statuses);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &status))
    if (gloss_article_count_matches (&status->shown, filter))
      n++;

  return n;
}

/* "Politics (3)": a menu item, with how many articles it would show. */
static void
append_filter_item (GlossCorpusList *self,
                    GMenu           *section,
                    const char      *name,
                    const char      *filter)
{
  /* Translators: an item of the article filter, and how many articles it
   * shows, e.g. "Done (3)". */
  g_autofree char *label = g_strdup_printf (_("%s (%u)"), name, count_matching (self, filter));
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target (item, "corpus.filter", "s", filter);
  g_menu_append_item (section, item);
}

static char *
field_filter (GlossAttribute *field,
              const char     *value)
{
  return g_strdup_printf ("field:%s=%s", gloss_attribute_get_id (field), value);
}

/* The filter's name on its button: "All Articles", "Done", "Topic: Politics". */
static char *
describe_filter (GlossCorpusList *self)
{
  if (self->filter_string == NULL)
    return g_strdup (_("All Articles"));
  if (g_str_equal (self->filter_string, "done"))
    return g_strdup (_("Done"));
  if (g_str_equal (self->filter_string, "not-done"))
    return g_strdup (_("Not Done"));

  for (guint i = 0; self->filter_fields != NULL && i < self->filter_fields->len; i++)
    {
      GlossAttribute *field = g_ptr_array_index (self->filter_fields, i);
      guint n = gloss_attribute_get_value_type (field) == GLOSS_ATTRIBUTE_BOOLEAN
                ? 2 : gloss_attribute_get_n_choices (field);

      for (guint j = 0; j < n; j++)
        {
          const char *id, *name;
          g_autofree char *filter = NULL;

          if (gloss_attribute_get_value_type (field) == GLOSS_ATTRIBUTE_BOOLEAN)
            {
              id = j == 0 ? "true" : "false";
              name = j == 0 ? _("Yes") : _("No");
            }
          else
            {
              id = gloss_attribute_get_choice_id (field, j);
              name = gloss_attribute_get_choice_name (field, j);
            }
          filter = field_filter (field, id);
          if (g_str_equal (filter, self->filter_string))
            /* Translators: the article filter's button, a field and the
             * value shown, e.g. "Topic: Politics". */
            return g_strdup_printf (_("%s: %s"), gloss_attribute_get_name (field), name);
        }
    }

  return g_strdup (self->filter_string);
}

/* The filter menu, its counts as they are now: rebuilt whenever a figure
 * changes (a few dozen items at most). */
static void
update_filter_menu (GlossCorpusList *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) marks = g_menu_new ();
  g_autofree char *label = describe_filter (self);

  append_filter_item (self, marks, _("All Articles"), "");
  append_filter_item (self, marks, _("Done"), "done");
  append_filter_item (self, marks, _("Not Done"), "not-done");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (marks));

  for (guint i = 0; self->filter_fields != NULL && i < self->filter_fields->len; i++)
    {
      GlossAttribute *field = g_ptr_array_index (self->filter_fields, i);
      g_autoptr(GMenu) section = g_menu_new ();

      if (gloss_attribute_get_value_type (field) == GLOSS_ATTRIBUTE_BOOLEAN)
        {
          g_autofree char *yes = field_filter (field, "true");
          g_autofree char *no = field_filter (field, "false");

          append_filter_item (self, section, _("Yes"), yes);
          append_filter_item (self, section, _("No"), no);
        }
      else
        for (guint j = 0; j < gloss_attribute_get_n_choices (field); j++)
          {
            g_autofree char *filter = field_filter (field, gloss_attribute_get_choice_id (field, j));

            append_filter_item (self, section, gloss_attribute_get_choice_name (field, j), filter);
          }
      g_menu_append_section (menu, gloss_attribute_get_name (field), G_MENU_MODEL (section));
    }

  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->filter_button), G_MENU_MODEL (menu));
  gtk_menu_button_set_label (GTK_MENU_BUTTON (self->filter_button), label);
  gtk_widget_set_visible (self->filter_button, self->statuses != NULL && g_hash_table_size (self->statuses) > 0);
}

/* The article being worked on stays listed whatever the filter, so that
 * marking it done under "Not Done" does not pull it away. */
static gboolean
filter_article (gpointer item,
                gpointer user_data)
{
  GlossCorpusList *self = user_data;
  GFile *file = gloss_corpus_article_get_file (item);
  ArticleStatus *status;

  if (self->filter_string == NULL)
    return TRUE;
  if (self->selected != NULL && g_file_equal (self->selected, file))
    return TRUE;

  status = self->statuses != NULL ? g_hash_table_lookup (self->statuses, file) : NULL;

  return status != NULL && gloss_article_count_matches (&status->shown, self->filter_string);
}

static void select_position (GlossCorpusList *self, guint position);

/* The rows change, the selection does not: it is not reported, and the
 * selected article is kept (it always passes the filter). */
static void
refilter (GlossCorpusList *self)
{
  self->swapping = TRUE;
  gtk_filter_changed (self->filter, GTK_FILTER_CHANGE_DIFFERENT);
  self->swapping = FALSE;

  if (self->selected != NULL && self->statuses != NULL)
    {
      guint position = find_position (self, self->selected);

      if (position != gtk_single_selection_get_selected (self->selection))
        {
          self->swapping = TRUE;
          select_position (self, position);
          self->swapping = FALSE;
        }
    }
}

static void
set_filter (GlossCorpusList *self,
            const char      *filter)
{
  if (filter != NULL && filter[0] == '\0')
    filter = NULL;
  if (g_strcmp0 (filter, self->filter_string) == 0)
    return;

  g_free (self->filter_string);
  self->filter_string = g_strdup (filter);
  refilter (self);
  update_filter_menu (self);
}

static void
filter_action_changed (GSimpleAction *action,
                       GVariant      *state,
                       gpointer       user_data)
{
  g_simple_action_set_state (action, state);
  set_filter (GLOSS_CORPUS_LIST (user_data), g_variant_get_string (state, NULL));
}

/* A figure changed (a mark, a field, a new scan): the rows the filter
 * shows, the menu's counts and the progress below. */
static void
statuses_changed (GlossCorpusList *self)
{
  update_progress (self);
  if (self->filter_string != NULL)
    refilter (self);
  update_filter_menu (self);
}

static void
set_model (GlossCorpusList *self,
           GlossCorpus     *corpus,
           GHashTable      *statuses)
{
  guint old_n = gloss_corpus_list_get_n_articles (self);

  self->swapping = TRUE;
  g_set_object (&self->corpus, corpus);
  g_clear_pointer (&self->statuses, g_hash_table_unref);
  self->statuses = statuses;
  gtk_filter_list_model_set_model (self->filter_model, G_LIST_MODEL (corpus));
  self->swapping = FALSE;
  statuses_changed (self);

  if (old_n != gloss_corpus_list_get_n_articles (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ARTICLES]);
}

static void
show_scan_error (GlossCorpusList *self,
                 const GError    *error)
{
  g_clear_object (&self->cancellable);
  show_problems (self, NULL);
  set_loading (self, FALSE);
  show_message (self, "dialog-error-symbolic",
                _("Could not read this folder"), error->message);
  set_selected_file (self, NULL);
}

/* The corpus being counted: the scan's, until the counts come. */
typedef struct
{
  GlossCorpusList *list;
  GlossCorpus     *corpus;
} Counting;

static void
counting_free (Counting *counting)
{
  g_clear_object (&counting->list);
  g_clear_object (&counting->corpus);
  g_free (counting);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Counting, counting_free)

static void
on_counted (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Counting) counting = user_data;
  GlossCorpusList *self = counting->list;
  g_autoptr(GArray) counts = NULL;
  g_autoptr(GPtrArray) label_problems = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *scan_problems;
  guint position;

  counts = gloss_corpus_count_annotations_finish (result, &label_problems, &error);

  /* Cancelled: a newer scan replaced this one, or the widget is gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (counts == NULL)
    {
      show_scan_error (self, error);
      return;
    }

  g_clear_object (&self->cancellable);

  /* What the scan left out, then the broken label files. */
  scan_problems = gloss_corpus_get_problems (counting->corpus);
  problems = g_ptr_array_new_full (scan_problems->len + label_problems->len,
                                   (GDestroyNotify) gloss_problem_free);
  for (guint i = 0; i < scan_problems->len; i++)
    g_ptr_array_add (problems, gloss_problem_copy (g_ptr_array_index (scan_problems, i)));
  g_ptr_array_extend_and_steal (problems, g_steal_pointer (&label_problems));

  g_clear_pointer (&self->filter_fields, g_ptr_array_unref);
  self->filter_fields = gloss_corpus_counts_dup_filter_fields (counts);
  set_model (self, counting->corpus, build_statuses (counting->corpus, counts));
  show_problems (self, problems);

  if (self->selection_pending)
    position = find_position (self, self->selected);
  else
    position = gloss_corpus_list_get_n_articles (self) > 0 ? 0 : GTK_INVALID_LIST_POSITION;
  self->selection_pending = FALSE;

  if (gloss_corpus_list_get_n_articles (self) == 0)
    show_message (self, "folder-documents-symbolic",
                  _("No Articles"),
                  _("Articles are text files ending in .txt or .md."));
  else
    gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "list");

  set_loading (self, FALSE);

  select_position (self, position);
  sync_selected_from_model (self);
}

static void
on_scanned (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GlossCorpusList) self = user_data;
  g_autoptr(GError) error = NULL;
  Counting *counting;
  GlossCorpus *corpus;

  corpus = gloss_corpus_scan_finish (result, NULL, &error);

  /* Cancelled: a newer scan replaced this one, or the widget is gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (corpus == NULL)
    {
      show_scan_error (self, error);
      return;
    }

  /* Counting means reading each article and the annotator's sidecar, so
   * the figures match what opening it shows. The callback holds the
   * widget, so that it is finalized on the main thread. */
  counting = g_new0 (Counting, 1);
  counting->list = g_steal_pointer (&self);
  counting->corpus = corpus;
  gloss_corpus_count_annotations_async (corpus, counting->list->annotator_id, COUNT_MAX_BYTES,
                                        counting->list->cancellable, on_counted, counting);
}

void
gloss_corpus_list_load_folder (GlossCorpusList *self,
                               GFile           *folder,
                               const char      *annotator_id)
{
  gboolean first_folder;
  gboolean same_folder;

  g_return_if_fail (GLOSS_IS_CORPUS_LIST (self));
  g_return_if_fail (G_IS_FILE (folder));

  first_folder = self->folder == NULL;
  same_folder = !first_folder && g_file_equal (self->folder, folder);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  g_set_object (&self->folder, folder);
  g_free (self->annotator_id);
  self->annotator_id = g_strdup (annotator_id);

  /* Scanning the same folder again (say, for another annotator) should
   * not move the user away from the article they are on; a choice made
   * before the first folder came is kept for it. */
  if (!first_folder)
    self->selection_pending = same_folder && self->selected != NULL;
  /* Another folder has other fields: show all of it. */
  if (!same_folder)
    gtk_widget_activate_action (GTK_WIDGET (self), "corpus.filter", "s", "");

  set_model (self, NULL, NULL);
  show_problems (self, NULL);
  set_loading (self, TRUE);

  gloss_corpus_scan_async (folder, GLOSS_CORPUS_SCAN_DEFAULT, self->cancellable,
                           on_scanned, g_object_ref (self));
}


/* Rows. */

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           GlossCorpusList          *self)
{
  gtk_list_item_set_child (item, gloss_corpus_row_new ());
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          GlossCorpusList          *self)
{
  GlossCorpusArticle *article = gtk_list_item_get_item (item);
  GlossCorpusRow *row = GLOSS_CORPUS_ROW (gtk_list_item_get_child (item));
  ArticleStatus *status;

  status = g_hash_table_lookup (self->statuses, gloss_corpus_article_get_file (article));
  g_return_if_fail (status != NULL);

  gloss_corpus_row_update (row, status->article, &status->shown, self->folder);
  g_ptr_array_add (self->bound_rows, row);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            GlossCorpusList          *self)
{
  GlossCorpusRow *row = GLOSS_CORPUS_ROW (gtk_list_item_get_child (item));

  g_ptr_array_remove_fast (self->bound_rows, row);
  gloss_corpus_row_clear (row);
}

static void
on_activate (GtkListView     *list_view,
             guint            position,
             GlossCorpusList *self)
{
  g_autoptr(GlossCorpusArticle) article = NULL;

  article = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  if (article != NULL)
    g_signal_emit (self, signals[ARTICLE_ACTIVATED], 0,
                   gloss_corpus_article_get_file (article));
}


/* Construction. */

static GtkWidget *
create_loading_page (GlossCorpusList *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *label = gtk_label_new (_("Scanning…"));

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);

  self->spinner = gtk_spinner_new ();
  gtk_widget_set_size_request (self->spinner, 24, 24);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->spinner),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Scanning the folder"),
                                  -1);
  gtk_box_append (GTK_BOX (box), self->spinner);

  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);

  return box;
}

/* No folder yet, no articles, or a folder that cannot be read: a compact
 * status page, with Open Folder… while there is no folder. */
static GtkWidget *
create_message_page (GlossCorpusList *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  self->message_page = adw_status_page_new ();
  gtk_widget_add_css_class (self->message_page, "compact");

  /* Error messages name files: let people copy them (the status page's
   * own description cannot be selected). */
  self->message_description = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->message_description), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->message_description), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (GTK_LABEL (self->message_description), GTK_JUSTIFY_CENTER);
  gtk_label_set_selectable (GTK_LABEL (self->message_description), TRUE);
  gtk_widget_add_css_class (self->message_description, "dim-label");
  gtk_box_append (GTK_BOX (box), self->message_description);

  self->open_folder_button = gtk_button_new_with_mnemonic (_("_Open Folder…"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->open_folder_button), "win.open-folder");
  gtk_widget_set_halign (self->open_folder_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->open_folder_button, "pill");
  gtk_box_append (GTK_BOX (box), self->open_folder_button);

  adw_status_page_set_child (ADW_STATUS_PAGE (self->message_page), box);
  return self->message_page;
}

static GtkWidget *
create_progress_label (GlossCorpusList *self)
{
  self->progress_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->progress_label), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (self->progress_label), TRUE);
  gtk_widget_add_css_class (self->progress_label, "caption");
  gtk_widget_add_css_class (self->progress_label, "dim-label");
  gtk_widget_set_margin_start (self->progress_label, 12);
  gtk_widget_set_margin_end (self->progress_label, 12);
  gtk_widget_set_margin_top (self->progress_label, 6);
  gtk_widget_set_margin_bottom (self->progress_label, 6);
  gtk_widget_set_visible (self->progress_label, FALSE);
  return self->progress_label;
}

/* Hidden until a scan leaves something out; folded, it takes one line. */
static GtkWidget *
create_problems_expander (GlossCorpusList *self)
{
  GtkWidget *title_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *scrolled;

  self->problems_title = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->problems_title), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (self->problems_title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (self->problems_title, "caption");
  gtk_box_append (GTK_BOX (title_box), icon);
  gtk_box_append (GTK_BOX (title_box), self->problems_title);

  /* Paths and reasons: wrapped anywhere, and selectable to copy. */
  self->problems_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->problems_label), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (self->problems_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->problems_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (self->problems_label), TRUE);
  gtk_widget_add_css_class (self->problems_label, "caption");
  gtk_widget_add_css_class (self->problems_label, "dim-label");

  /* Twenty wrapped lines would push the articles away: scroll past a few. */
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 160);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->problems_label);

  self->problems_expander = gtk_expander_new (NULL);
  gtk_expander_set_label_widget (GTK_EXPANDER (self->problems_expander), title_box);
  gtk_expander_set_child (GTK_EXPANDER (self->problems_expander), scrolled);
  gtk_widget_set_margin_start (self->problems_expander, 12);
  gtk_widget_set_margin_end (self->problems_expander, 12);
  gtk_widget_set_margin_top (self->problems_expander, 6);
  gtk_widget_set_margin_bottom (self->problems_expander, 6);
  gtk_widget_set_visible (self->problems_expander, FALSE);

  return self->problems_expander;
}

/* Above the list: which articles it shows. Its menu is built with the
 * counts (update_filter_menu()); hidden while there are no articles. */
static GtkWidget *
create_filter_button (GlossCorpusList *self)
{
  static const GActionEntry entries[] = {
    { "filter", NULL, "s", "''", filter_action_changed },
  };
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();

  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "corpus", G_ACTION_GROUP (group));

  self->filter_button = gtk_menu_button_new ();
  gtk_menu_button_set_always_show_arrow (GTK_MENU_BUTTON (self->filter_button), TRUE);
  gtk_menu_button_set_has_frame (GTK_MENU_BUTTON (self->filter_button), FALSE);
  gtk_widget_set_tooltip_text (self->filter_button, _("Show Only Some Articles"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->filter_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Which articles are listed"),
                                  -1);
  gtk_widget_set_margin_start (self->filter_button, 6);
  gtk_widget_set_margin_end (self->filter_button, 6);
  gtk_widget_set_margin_top (self->filter_button, 6);
  gtk_widget_set_halign (self->filter_button, GTK_ALIGN_START);
  gtk_widget_set_visible (self->filter_button, FALSE);

  return self->filter_button;
}

static GtkWidget *
create_list_page (GlossCorpusList *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);

  self->filter = GTK_FILTER (gtk_custom_filter_new (filter_article, self, NULL));
  self->filter_model = gtk_filter_list_model_new (NULL, self->filter);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->filter_model));
  /* The first row is chosen once per scan, by on_counted(), not whenever
   * the model changes. */
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (on_selected_item_changed), self);

  self->list_view = gtk_list_view_new (GTK_SELECTION_MODEL (self->selection), factory);
  gtk_widget_add_css_class (self->list_view, "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Articles"),
                                  -1);
  g_signal_connect (self->list_view, "activate", G_CALLBACK (on_activate), self);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->list_view);

  return scrolled;
}

static void
gloss_corpus_list_dispose (GObject *object)
{
  GlossCorpusList *self = GLOSS_CORPUS_LIST (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  self->stack = NULL;
  g_clear_pointer (&self->statuses, g_hash_table_unref);
  g_clear_object (&self->corpus);
  g_clear_object (&self->selected);
  g_clear_object (&self->folder);

  G_OBJECT_CLASS (gloss_corpus_list_parent_class)->dispose (object);
}

static void
gloss_corpus_list_finalize (GObject *object)
{
  GlossCorpusList *self = GLOSS_CORPUS_LIST (object);

  g_clear_pointer (&self->annotator_id, g_free);
  g_clear_pointer (&self->filter_string, g_free);
  g_clear_pointer (&self->filter_fields, g_ptr_array_unref);
  g_clear_pointer (&self->bound_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (gloss_corpus_list_parent_class)->finalize (object);
}

static void
gloss_corpus_list_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  GlossCorpusList *self = GLOSS_CORPUS_LIST (object);

  switch (prop_id)
    {
    case PROP_SELECTED_ARTICLE:
      g_value_set_object (value, self->selected);
      break;
    case PROP_N_ARTICLES:
      g_value_set_uint (value, gloss_corpus_list_get_n_articles (self));
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, gloss_corpus_list_get_loading (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_corpus_list_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  GlossCorpusList *self = GLOSS_CORPUS_LIST (object);

  switch (prop_id)
    {
    case PROP_SELECTED_ARTICLE:
      gloss_corpus_list_set_selected_article (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_corpus_list_class_init (GlossCorpusListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_corpus_list_dispose;
  object_class->finalize = gloss_corpus_list_finalize;
  object_class->get_property = gloss_corpus_list_get_property;
  object_class->set_property = gloss_corpus_list_set_property;

  properties[PROP_SELECTED_ARTICLE] =
    g_param_spec_object ("selected-article", NULL, NULL,
                         G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_N_ARTICLES] =
    g_param_spec_uint ("n-articles", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ARTICLE_ACTIVATED] =
    g_signal_new ("article-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "corpuslist");
}

static void
gloss_corpus_list_init (GlossCorpusList *self)
{
  self->bound_rows = g_ptr_array_new ();

  self->stack = gtk_stack_new ();
  gtk_stack_add_named (GTK_STACK (self->stack), create_message_page (self), "message");
  gtk_stack_add_named (GTK_STACK (self->stack), create_loading_page (self), "loading");
  gtk_stack_add_named (GTK_STACK (self->stack), create_list_page (self), "list");
  gtk_widget_set_vexpand (self->stack, TRUE);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (self->box), create_filter_button (self));
  gtk_box_append (GTK_BOX (self->box), self->stack);
  gtk_box_append (GTK_BOX (self->box), create_progress_label (self));
  gtk_box_append (GTK_BOX (self->box), create_problems_expander (self));
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  show_message (self, "folder-documents-symbolic", _("No Folder Open"),
                _("Open a folder of articles to see them here, with how far you are in each."));
}

GtkWidget *
gloss_corpus_list_new (void)
{
  return g_object_new (GLOSS_TYPE_CORPUS_LIST, NULL);
}

GFile *
gloss_corpus_list_get_folder (GlossCorpusList *self)
{
  g_return_val_if_fail (GLOSS_IS_CORPUS_LIST (self), NULL);

  return self->folder;
}

gboolean
gloss_corpus_list_get_loading (GlossCorpusList *self)
{
  g_return_val_if_fail (GLOSS_IS_CORPUS_LIST (self), FALSE);

  return self->loading;
}

guint
gloss_corpus_list_get_n_articles (GlossCorpusList *self)
{
  g_return_val_if_fail (GLOSS_IS_CORPUS_LIST (self), 0);

  return self->corpus != NULL ? gloss_corpus_get_n_articles (self->corpus) : 0;
}

GFile *
gloss_corpus_list_get_selected_article (GlossCorpusList *self)
{
  g_return_val_if_fail (GLOSS_IS_CORPUS_LIST (self), NULL);

  return self->selected;
}

void
gloss_corpus_list_set_selected_article (GlossCorpusList *self,
                                        GFile           *article)
{
  g_return_if_fail (GLOSS_IS_CORPUS_LIST (self));
  g_return_if_fail (article == NULL || G_IS_FILE (article));

  /* Nothing to select yet: remember it for the end of the scan. */
  if (self->loading || self->folder == NULL)
    {
      self->selection_pending = TRUE;
      set_selected_file (self, article);
      return;
    }

  select_position (self, find_position (self, article));
  sync_selected_from_model (self);
}

GFile *
gloss_corpus_list_select_next (GlossCorpusList *self,
                               gboolean         backward)
{
  guint n_articles;
  guint position;

  g_return_val_if_fail (GLOSS_IS_CORPUS_LIST (self), NULL);

  /* The rows shown: the next article the filter lets through. */
  n_articles = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  if (n_articles == 0)
    return NULL;

  position = gtk_single_selection_get_selected (self->selection);
  if (position == GTK_INVALID_LIST_POSITION)
    position = backward ? n_articles - 1 : 0;
  else if (backward)
    position = (position + n_articles - 1) % n_articles;
  else
    position = (position + 1) % n_articles;

  select_position (self, position);
  sync_selected_from_model (self);

  return self->selected;
}

void
gloss_corpus_list_refresh_article (GlossCorpusList *self,
                                   GFile           *article,
                                   guint            n_annotations)
{
  ArticleStatus *status;

  g_return_if_fail (GLOSS_IS_CORPUS_LIST (self));
  g_return_if_fail (G_IS_FILE (article));

  if (self->statuses == NULL
      || (status = g_hash_table_lookup (self->statuses, article)) == NULL)
    return;

  status->shown.state = GLOSS_ARTICLE_COUNT_KNOWN;
  status->shown.n_annotations = n_annotations;
  /* The first annotation is what creates the sidecar (on autosave). */
  status->shown.started = status->shown.started || n_annotations > 0;

  /* Only the row on screen, if any, needs redrawing: touching the model
   * would rebind rows and disturb the keyboard focus. */
  for (guint i = 0; i < self->bound_rows->len; i++)
    {
      GlossCorpusRow *row = g_ptr_array_index (self->bound_rows, i);

      GFile *shown = gloss_corpus_row_get_file (row);

      if (shown != NULL && g_file_equal (shown, article))
        gloss_corpus_row_update (row, status->article, &status->shown, self->folder);
    }
}

void
gloss_corpus_list_set_article_done (GlossCorpusList *self,
                                    GFile           *article,
                                    gboolean         done)
{
  ArticleStatus *status;

  g_return_if_fail (GLOSS_IS_CORPUS_LIST (self));
  g_return_if_fail (G_IS_FILE (article));

  if (self->statuses == NULL
      || (status = g_hash_table_lookup (self->statuses, article)) == NULL
      || status->shown.done == !!done)
    return;

  status->shown.done = !!done;
  /* Marking writes the sidecar (on autosave). */
  status->shown.started = status->shown.started || done;
  statuses_changed (self);

  for (guint i = 0; i < self->bound_rows->len; i++)
    {
      GlossCorpusRow *row = g_ptr_array_index (self->bound_rows, i);
      GFile *shown = gloss_corpus_row_get_file (row);

      if (shown != NULL && g_file_equal (shown, article))
        gloss_corpus_row_update (row, status->article, &status->shown, self->folder);
    }
}

void
gloss_corpus_list_set_article_document_labels (GlossCorpusList *self,
                                               GFile           *article,
                                               GVariant        *document_labels)
{
  ArticleStatus *status;

  g_return_if_fail (GLOSS_IS_CORPUS_LIST (self));
  g_return_if_fail (G_IS_FILE (article));

  if (self->statuses == NULL
      || (status = g_hash_table_lookup (self->statuses, article)) == NULL)
    return;
  if (status->shown.document_labels == document_labels
      || (status->shown.document_labels != NULL && document_labels != NULL
          && g_variant_equal (status->shown.document_labels, document_labels)))
    return;

  g_clear_pointer (&status->shown.document_labels, g_variant_unref);
  if (document_labels != NULL)
    status->shown.document_labels = g_variant_ref (document_labels);
  statuses_changed (self);
}

void
gloss_corpus_list_set_filter (GlossCorpusList *self,
                              const char      *filter)
{
  g_return_if_fail (GLOSS_IS_CORPUS_LIST (self));

  gtk_widget_activate_action (GTK_WIDGET (self), "corpus.filter", "s", filter != NULL ? filter : "");
}

guint
gloss_corpus_list_get_n_shown (GlossCorpusList *self)
{
  g_return_val_if_fail (GLOSS_IS_CORPUS_LIST (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
}

GFile *
gloss_corpus_list_get_shown_article (GlossCorpusList *self,
                                     guint            position)
{
  g_autoptr(GlossCorpusArticle) article = NULL;

  g_return_val_if_fail (GLOSS_IS_CORPUS_LIST (self), NULL);

  article = g_list_model_get_item (G_LIST_MODEL (self->filter_model), position);
  return article != NULL ? gloss_corpus_article_get_file (article) : NULL;
}

const char *
gloss_corpus_list_get_filter_label (GlossCorpusList *self)
{
  g_return_val_if_fail (GLOSS_IS_CORPUS_LIST (self), NULL);

  return gtk_menu_button_get_label (GTK_MENU_BUTTON (self->filter_button));
}

GMenuModel *
gloss_corpus_list_get_filter_menu (GlossCorpusList *self)
{
  g_return_val_if_fail (GLOSS_IS_CORPUS_LIST (self), NULL);

  return gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (self->filter_button));
}

gboolean
gloss_corpus_list_get_article_done (GlossCorpusList *self,
                                    GFile           *article)
{
  ArticleStatus *status;

  g_return_val_if_fail (GLOSS_IS_CORPUS_LIST (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (article), FALSE);

  if (self->statuses == NULL
      || (status = g_hash_table_lookup (self->statuses, article)) == NULL)
    return FALSE;

  return status->shown.started && status->shown.done;
}

const char *
gloss_corpus_list_get_progress_text (GlossCorpusList *self)
{
  g_return_val_if_fail (GLOSS_IS_CORPUS_LIST (self), NULL);

  if (!gtk_widget_get_visible (self->progress_label))
    return NULL;

  return gtk_label_get_text (GTK_LABEL (self->progress_label));
}

gboolean
gloss_corpus_list_get_article_status (GlossCorpusList *self,
                                      GFile           *article,
                                      guint           *n_annotations,
                                      gboolean        *started,
                                      guint           *n_other_annotators)
{
  ArticleStatus *status;

  g_return_val_if_fail (GLOSS_IS_CORPUS_LIST (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (article), FALSE);

  if (self->statuses == NULL
      || (status = g_hash_table_lookup (self->statuses, article)) == NULL)
    return FALSE;

  if (n_annotations != NULL)
    {
      if (status->shown.state == GLOSS_ARTICLE_COUNT_KNOWN)
        *n_annotations = status->shown.n_annotations;
      else if (status->shown.state == GLOSS_ARTICLE_COUNT_NONE)
        *n_annotations = 0;
      else
        *n_annotations = G_MAXUINT;
    }
  if (started != NULL)
    *started = status->shown.started;
  if (n_other_annotators != NULL)
    *n_other_annotators = status->shown.n_others;

  return TRUE;
}
