/* gloss-attribute-popover.h — edit the attributes of one annotation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gloss.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_ATTRIBUTE_POPOVER (gloss_attribute_popover_get_type ())
G_DECLARE_FINAL_TYPE (GlossAttributePopover, gloss_attribute_popover, GLOSS, ATTRIBUTE_POPOVER, GtkPopover)

/* One editor per attribute that applies to the annotation's label, in the
 * label set's order. Keyboard first: an attribute's key picks it; then,
 * for a choice, a value's key sets it (again: unsets it; with multiple,
 * toggles it); a boolean's key toggles it; a text or number attribute's
 * key moves to its entry or spin button, where Enter sets the value.
 * From a number field, keys that are not part of a number pick as well.
 * Escape closes. Every change is gloss_annotation_set_change_attribute()
 * on the set given to edit(): one undo step each; a number is set once
 * its spin button is left (Enter, the focus elsewhere, the popover
 * closed, by Escape too), so its steps in one visit are one undo step.
 * What the set refuses is said in the popover. Below the editors, the
 * values the annotation holds that no editor shows — of attributes that
 * do not apply to its label, or that the label set does not declare — are
 * listed as kept from before, each with Remove (one undo step); Delete
 * moves to them, and removes the one in focus. The caller parents and
 * points it (as the note popover). */
GtkWidget       *gloss_attribute_popover_new            (void);
/* Builds the editors for @annotation of @set, pops up and takes the
 * keyboard. */
void             gloss_attribute_popover_edit           (GlossAttributePopover *self,
                                                         GlossAnnotationSet    *set,
                                                         GlossAnnotation       *annotation);
GlossAnnotation *gloss_attribute_popover_get_annotation (GlossAttributePopover *self);
/* Pops down without setting anything more — not even a number being
 * typed: the set it edits is not the window's any more (another session
 * is shown, or the same article was opened again). */
void             gloss_attribute_popover_dismiss        (GlossAttributePopover *self);

G_END_DECLS
