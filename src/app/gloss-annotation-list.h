/* gloss-annotation-list.h — the sidebar listing the annotations of the open article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gloss.h"
#include "gloss-session.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_ANNOTATION_LIST (gloss_annotation_list_get_type ())
G_DECLARE_FINAL_TYPE (GlossAnnotationList, gloss_annotation_list, GLOSS, ANNOTATION_LIST, GtkWidget)

/* A composite widget (ui/gloss-annotation-list.ui): a search entry (filter
 * by text of the span or note), a label filter (GtkDropDown: all labels or
 * one), a GtkListView over the session's GlossAnnotationSet through a
 * GtkFilterListModel and a GlossAnnotationSlotModel (never a widget per
 * annotation, and the rows kept across a reload; each row shows a colour
 * chip, the label name, an excerpt, and icons when it has a note or a
 * speaker, and a mark when it lacks a required attribute), and below it,
 * when there are any, the orphaned annotations (a second GtkListView over
 * gloss_annotation_set_get_orphans()). When the label set declares
 * attributes, a menu button under the filters filters by value; when
 * it requires some and placed annotations lack them, a notice above the
 * list says how many ("3 annotations lack a required attribute") and
 * goes to the next one (Enter on it).
 *
 * Properties:
 *   "session"             GlossSession (nullable)
 *   "selected-annotation" GlossAnnotation (nullable, read-write): selecting
 *                         a row sets it; setting it selects and scrolls to
 *                         its row (clearing the filters if they hide it).
 *   "n-visible"           guint: rows shown after filtering
 *   "attribute-filter"    string: see gloss_annotation_list_set_attribute_filter()
 *   "n-incomplete"        guint: see gloss_annotation_list_get_n_incomplete()
 *
 * Signals:
 *   ::annotation-activated (GlossAnnotation *annotation) — Enter or a
 *      double click on a row (the row is selected first).
 *
 * Row actions are the window's ("win.delete-annotation", "win.edit-note",
 * "win.choose-speaker", "win.reattach-orphan", …), offered in each row's
 * context menu; the list only tracks selection.
 *
 * The context menu (right click, long press, Shift+F10 or Menu) first
 * selects the row, so every action works on the selected annotation:
 *   placed:  win.set-label (parameter "s": a label id, one item per label
 *            under "Change Label"), win.edit-note, win.choose-speaker
 *            (quotes only), win.delete-annotation — all others without
 *            parameter;
 *   orphans: win.reattach-orphan, win.edit-note, win.delete-annotation.
 *
 * The filters apply to the placed annotations; the orphans are always
 * all listed (there are few, and each needs dealing with).
 */

GtkWidget       *gloss_annotation_list_new                     (void);
void             gloss_annotation_list_set_session             (GlossAnnotationList *self,
                                                                GlossSession        *session);
GlossSession    *gloss_annotation_list_get_session             (GlossAnnotationList *self);
GlossAnnotation *gloss_annotation_list_get_selected_annotation (GlossAnnotationList *self);
void             gloss_annotation_list_set_selected_annotation (GlossAnnotationList *self,
                                                                GlossAnnotation     *annotation);
guint            gloss_annotation_list_get_n_visible           (GlossAnnotationList *self);
/* Moves the selection to the next/previous visible annotation (wrapping);
 * returns it, or NULL if the list is empty. */
GlossAnnotation *gloss_annotation_list_select_next             (GlossAnnotationList *self,
                                                                gboolean             backward);
/* Puts the keyboard focus in the filter entry. */
void             gloss_annotation_list_focus_search            (GlossAnnotationList *self);

/* The attribute filter, combined with the others: "" (none),
 * "incomplete" (lacking a required attribute), "ID=VALUE" (the value id
 * of a choice, "true" or "false": gloss_label_set_match_attribute()) or
 * "ID=" (not set where it applies). One naming what the label set does
 * not declare reads as "". Also the stateful action
 * "annotation-list.attribute-filter" ("s"), which the filter's menu
 * button uses. */
const char      *gloss_annotation_list_get_attribute_filter    (GlossAnnotationList *self);
void             gloss_annotation_list_set_attribute_filter    (GlossAnnotationList *self,
                                                                const char          *filter);
/* How many placed annotations lack a required attribute, once all were
 * looked at (the count of many is made from an idle); 0 when the label
 * set requires nothing. The notice above the list says it. */
guint            gloss_annotation_list_get_n_incomplete        (GlossAnnotationList *self);
/* Selects the next (previous) annotation lacking a required attribute
 * after the selected one, in article order, wrapping; one the filters
 * show first. Returns it, or NULL when none lacks anything. Also the
 * action "annotation-list.next-incomplete" ("b": backward), which the
 * notice's button activates. */
GlossAnnotation *gloss_annotation_list_select_next_incomplete  (GlossAnnotationList *self,
                                                                gboolean             backward);

G_END_DECLS
