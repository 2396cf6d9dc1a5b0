/* gloss-relation-list.h — the relations of one span, each deletable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gloss.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_RELATION_LIST (gloss_relation_list_get_type ())
G_DECLARE_FINAL_TYPE (GlossRelationList, gloss_relation_list, GLOSS, RELATION_LIST, GtkPopover)

/* A popover listing every relation that starts or ends at a span: one row
 * each, "speaker → “Mayor Ruiz”" for one that starts there, "speaker ←
 * “The vote …”" for one that ends there, with a delete button. Delete (or BackSpace) on a row
 * deletes its relation, as the button does. The list follows the set
 * while it is shown (a deletion, an undo). The caller parents and points
 * it before gloss_relation_list_show_for().
 *
 * Signals:
 *   ::remove-relation (GlossRelation *relation) — the receiver removes it
 *      (one undo step). */

GtkWidget *gloss_relation_list_new      (void);
void       gloss_relation_list_show_for (GlossRelationList  *self,
                                         GlossAnnotationSet *set,
                                         GlossAnnotation    *annotation);
/* For tests: the relations shown, in order (borrowed). */
GPtrArray *gloss_relation_list_get_relations (GlossRelationList *self);

G_END_DECLS
