/* gloss-corpus-list.h — the sidebar listing the articles of a corpus folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define GLOSS_TYPE_CORPUS_LIST (gloss_corpus_list_get_type ())
G_DECLARE_FINAL_TYPE (GlossCorpusList, gloss_corpus_list, GLOSS, CORPUS_LIST, GtkWidget)

/* A GtkListView (GtkSingleSelection over a GlossCorpus) of the articles of a
 * folder. Each row shows the file name, a "started" mark when the current
 * annotator's sidecar exists, the number of their annotations (placed and
 * orphaned), and how many other annotators worked on the article; a
 * "done" mark instead of "started" when the annotator marked it so, and
 * below the list the folder's progress ("12 of 40 articles done"). Above
 * it, a menu button filters the rows: all, done, not done, or a value of a
 * choice or boolean field of the article (each with how many articles it
 * shows; action "corpus.filter", a gloss_article_count_matches() string).
 * The selected article is always listed, and next/previous step through
 * the rows shown.
 *
 * The folder is scanned (gloss_corpus_scan_async()), and every sidecar of
 * the current annotator loaded to count its annotations
 * (gloss_corpus_count_annotations_async()), in worker threads; a spinner
 * is shown meanwhile, and an error message if the folder cannot be read.
 *
 * Properties:
 *   "selected-article" GFile (nullable, read-write): selecting a row sets it;
 *                      setting it selects (and scrolls to) the row, or
 *                      clears the selection if the file is not listed.
 *                      Set before the first folder or while one is
 *                      loading, it is applied when the scan ends (and
 *                      cleared if the file is not there); otherwise the
 *                      first article is selected then, and a rescan of
 *                      the same folder keeps the selection. It notifies only when the file
 *                      changes, but a window should still ignore a value
 *                      equal to the article it already shows.
 *   "n-articles"       guint, read-only: rows in the list (0 while loading)
 *   "loading"          gboolean, read-only: a scan is running
 *
 * Signals:
 *   ::article-activated (GFile *article) — Enter or a double click on a
 *      row: the user wants to work on it (e.g. focus the article view).
 */

GtkWidget *gloss_corpus_list_new                  (void);
/* Scans @folder (cancelling any scan still running) and counts the
 * annotations of @annotator_id, which may be NULL before the first run. */
void       gloss_corpus_list_load_folder          (GlossCorpusList *self,
                                                   GFile           *folder,
                                                   const char      *annotator_id);
/* The folder last given to load_folder(), or NULL. */
GFile     *gloss_corpus_list_get_folder           (GlossCorpusList *self);
gboolean   gloss_corpus_list_get_loading          (GlossCorpusList *self);
guint      gloss_corpus_list_get_n_articles       (GlossCorpusList *self);
/* Transfer none. */
GFile     *gloss_corpus_list_get_selected_article (GlossCorpusList *self);
void       gloss_corpus_list_set_selected_article (GlossCorpusList *self,
                                                   GFile           *article);
/* Selects the next (or previous) article, wrapping around, and scrolls to
 * it. With nothing selected, next is the first and previous the last.
 * Returns the newly selected article (transfer none), or NULL if the list
 * is empty. */
GFile     *gloss_corpus_list_select_next          (GlossCorpusList *self,
                                                   gboolean         backward);
/* After edits: the current annotator now has @n_annotations (placed and
 * orphaned) on @article. A count above zero also marks it as started. */
void       gloss_corpus_list_refresh_article      (GlossCorpusList *self,
                                                   GFile           *article,
                                                   guint            n_annotations);

/* The current annotator marked @article as done, or not (the row's icon,
 * and the folder's progress below the list). Marking also makes it
 * started. */
void       gloss_corpus_list_set_article_done     (GlossCorpusList *self,
                                                   GFile           *article,
                                                   gboolean         done);

/* The current annotator's fields of @article are now @document_labels
 * ("a{sv}", nullable): the filter and its counts follow. */
void       gloss_corpus_list_set_article_document_labels (GlossCorpusList *self,
                                                          GFile           *article,
                                                          GVariant        *document_labels);

G_END_DECLS
