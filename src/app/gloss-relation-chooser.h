/* gloss-relation-chooser.h — pick the type of a relation being drawn
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gloss.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_RELATION_CHOOSER (gloss_relation_chooser_get_type ())
G_DECLARE_FINAL_TYPE (GlossRelationChooser, gloss_relation_chooser, GLOSS, RELATION_CHOOSER, GtkPopover)

/* A popover listing relation types, one row each with its key (the label
 * set's), the first one selected. Enter or a click on a row chooses it, and
 * so does the type's key; Escape closes it, choosing nothing. The caller
 * lists only the types whose rule fits the two spans, parents and points
 * it before gloss_relation_chooser_choose().
 *
 * Signals:
 *   ::type-chosen (const char *type) */

GtkWidget          *gloss_relation_chooser_new       (void);
void                gloss_relation_chooser_choose    (GlossRelationChooser *self,
                                                      GlossLabelSet        *labels,
                                                      const char * const   *types);
/* For tests: the types shown, NULL-terminated. */
const char * const *gloss_relation_chooser_get_types (GlossRelationChooser *self);

G_END_DECLS
