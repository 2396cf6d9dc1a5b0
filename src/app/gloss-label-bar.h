/* gloss-label-bar.h — one button per label, to mark the selection with it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gloss.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_LABEL_BAR (gloss_label_bar_get_type ())
G_DECLARE_FINAL_TYPE (GlossLabelBar, gloss_label_bar, GLOSS, LABEL_BAR, GtkWidget)

/* A row: "Mark the selection as:", then a flat button for each label of
 * the label set, in its order: a dot in the label's colour, its name and
 * its shortcut key. A button activates "win.annotate" with the label id as
 * a string target; its tooltip and accessible label say what it does and
 * its key. Buttons have the style class "label-kind-KIND" (claim, quote,
 * entity).
 *
 * The row never wraps and asks only for the width of its "More Labels"
 * menu button: when the window is too narrow for everything, the title is
 * hidden first, then the labels from the end of the set, which the menu
 * lists (the same buttons). Its natural width shows every label.
 *
 * Properties:
 *   "label-set"  GlossLabelSet (nullable): no buttons when NULL
 */

GtkWidget     *gloss_label_bar_new           (void);
void           gloss_label_bar_set_label_set (GlossLabelBar *self,
                                              GlossLabelSet *labels);
GlossLabelSet *gloss_label_bar_get_label_set (GlossLabelBar *self);

G_END_DECLS
