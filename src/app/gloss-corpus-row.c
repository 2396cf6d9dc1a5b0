/* gloss-corpus-row.c — one article in the corpus sidebar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gloss-corpus-row.h"

struct _GlossCorpusRow
{
  GtkWidget  parent_instance;

  GtkWidget *status_image;
  GtkWidget *title_label;
  GtkWidget *subtitle_label;
  GtkWidget *count_label;

  GFile     *file;  /* the article shown, while bound */
};

G_DEFINE_FINAL_TYPE (GlossCorpusRow, gloss_corpus_row, GTK_TYPE_WIDGET)

static void
gloss_corpus_row_dispose (GObject *object)
{
  GlossCorpusRow *self = GLOSS_CORPUS_ROW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_CORPUS_ROW);

  /* The box holding the two labels is not a bound template child. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (gloss_corpus_row_parent_class)->dispose (object);
}

static void
gloss_corpus_row_class_init (GlossCorpusRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_corpus_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/gloss-corpus-row.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossCorpusRow, status_image);
  gtk_widget_class_bind_template_child (widget_class, GlossCorpusRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, GlossCorpusRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, GlossCorpusRow, count_label);

  gtk_widget_class_set_css_name (widget_class, "corpusrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
gloss_corpus_row_init (GlossCorpusRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
gloss_corpus_row_new (void)
{
  return g_object_new (GLOSS_TYPE_CORPUS_ROW, NULL);
}

/* GTK 4.8 sets a tooltip even when it is the same, and on a widget on
 * screen that asks the X server where the pointer is (a few round trips):
 * the article's row is updated at every change of its count. */
static void
set_tooltip (GtkWidget  *widget,
             const char *text)
{
  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) != 0)
    gtk_widget_set_tooltip_text (widget, text);
}

static void
set_icon (GtkWidget  *image,
          const char *icon_name,
          const char *text)
{
  gtk_image_set_from_icon_name (GTK_IMAGE (image), icon_name);
  set_tooltip (image, text);
  /* The icon alone says nothing to a screen reader. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (image),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  -1);
}

static void
update_status_image (GlossCorpusRow             *self,
                     const GlossArticleCount    *count)
{
  if (count->state == GLOSS_ARTICLE_COUNT_FAILED)
    {
      set_icon (self->status_image, "dialog-warning-symbolic",
                _("Started, but the annotations could not be read"));
      gtk_widget_remove_css_class (self->status_image, "dim-label");
    }
  else if (count->started && count->done)
    {
      /* The annotator's own "done" mark: the filled check, in green. */
      set_icon (self->status_image, "emblem-default-symbolic", _("Done"));
      gtk_widget_remove_css_class (self->status_image, "dim-label");
      gtk_widget_add_css_class (self->status_image, "success");
      return;
    }
  else if (count->started)
    {
      /* Half a circle: a check here read as "done". */
      set_icon (self->status_image, "gloss-article-started-symbolic", _("Started"));
      gtk_widget_remove_css_class (self->status_image, "dim-label");
    }
  else
    {
      set_icon (self->status_image, "radio-symbolic", _("Not started"));
      gtk_widget_add_css_class (self->status_image, "dim-label");
    }
  gtk_widget_remove_css_class (self->status_image, "success");
}

static void
update_count_label (GlossCorpusRow             *self,
                    const GlossArticleCount    *count)
{
  g_autofree char *text = NULL;
  g_autofree char *description = NULL;

  switch (count->state)
    {
    case GLOSS_ARTICLE_COUNT_KNOWN:
      text = g_strdup_printf ("%u", count->n_annotations);
      description = g_strdup_printf (ngettext ("%u annotation",
                                               "%u annotations",
                                               count->n_annotations),
                                     count->n_annotations);
      break;

    case GLOSS_ARTICLE_COUNT_SKIPPED:
      text = g_strdup ("…");
      description = g_strdup (_("Too large to count while scanning"));
      break;

    case GLOSS_ARTICLE_COUNT_NONE:
    case GLOSS_ARTICLE_COUNT_FAILED:
    default:
      gtk_widget_set_visible (self->count_label, FALSE);
      return;
    }

  gtk_label_set_text (GTK_LABEL (self->count_label), text);
  set_tooltip (self->count_label, description);
  /* A bare number is ambiguous when read aloud. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->count_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description,
                                  -1);
  gtk_widget_set_visible (self->count_label, TRUE);
}

/* "politics/ · Article file missing · 2 other annotators": what the name
 * alone does not say. */
static char *
build_subtitle (GlossCorpusArticle         *article,
                const GlossArticleCount    *count,
                GFile                      *folder)
{
  g_autoptr(GFile) parent = g_file_get_parent (gloss_corpus_article_get_file (article));
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  /* Articles of subfolders are listed too; say where they are. */
  if (folder != NULL && parent != NULL && !g_file_equal (parent, folder))
    {
      g_autofree char *relative = g_file_get_relative_path (folder, parent);

      if (relative != NULL)
        g_ptr_array_add (parts, g_strconcat (relative, G_DIR_SEPARATOR_S, NULL));
    }

  if (!gloss_corpus_article_exists (article))
    g_ptr_array_add (parts, g_strdup (_("Article file missing")));
  else if (count->state == GLOSS_ARTICLE_COUNT_FAILED)
    g_ptr_array_add (parts, g_strdup (_("Your annotations could not be read")));

  if (count->n_others > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u other annotator",
                                                       "%u other annotators",
                                                       count->n_others),
                                             count->n_others));

  g_ptr_array_add (parts, NULL);

  return g_strjoinv (" · ", (char **) parts->pdata);
}

/* What a screen reader says for the row, the list item's child (GTK 4.8
 * gives a list item no name of its own): every part the row shows, the
 * icon's and the count's words included — "river-flood-report.txt,
 * Started, 12 annotations, 2 other annotators". */
static void
update_accessible (GlossCorpusRow *self)
{
  g_autoptr(GString) name = g_string_new (gtk_label_get_text (GTK_LABEL (self->title_label)));
  const char *parts[] = {
    gtk_widget_get_tooltip_text (self->status_image),
    gtk_widget_get_visible (self->count_label) ? gtk_widget_get_tooltip_text (self->count_label) : NULL,
    gtk_widget_get_visible (self->subtitle_label) ? gtk_label_get_text (GTK_LABEL (self->subtitle_label)) : NULL,
  };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i] != NULL && parts[i][0] != '\0')
      {
        g_autofree char *head = g_string_free (g_steal_pointer (&name), FALSE);

        /* Translators: an article in the corpus list read by screen
         * readers, one part after the other: its name, then what it shows
         * (status, count, folder…). */
        name = g_string_new (NULL);
        g_string_printf (name, _("%s, %s"), head, parts[i]);
      }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name->str,
                                  -1);
}

void
gloss_corpus_row_update (GlossCorpusRow             *self,
                         GlossCorpusArticle         *article,
                         const GlossArticleCount    *count,
                         GFile                      *folder)
{
  GFile *file;
  g_autofree char *subtitle = NULL;
  g_autofree char *location = NULL;

  g_return_if_fail (GLOSS_IS_CORPUS_ROW (self));
  g_return_if_fail (GLOSS_IS_CORPUS_ARTICLE (article));
  g_return_if_fail (count != NULL);

  file = gloss_corpus_article_get_file (article);
  subtitle = build_subtitle (article, count, folder);
  location = g_file_get_parse_name (file);

  g_set_object (&self->file, file);

  gtk_label_set_text (GTK_LABEL (self->title_label),
                      gloss_corpus_article_get_name (article));
  set_tooltip (self->title_label, location);

  gtk_label_set_text (GTK_LABEL (self->subtitle_label), subtitle);
  gtk_widget_set_visible (self->subtitle_label, subtitle[0] != '\0');

  update_status_image (self, count);
  update_count_label (self, count);
  update_accessible (self);
}

void
gloss_corpus_row_clear (GlossCorpusRow *self)
{
  g_return_if_fail (GLOSS_IS_CORPUS_ROW (self));

  g_clear_object (&self->file);
}

GFile *
gloss_corpus_row_get_file (GlossCorpusRow *self)
{
  g_return_val_if_fail (GLOSS_IS_CORPUS_ROW (self), NULL);

  return self->file;
}
