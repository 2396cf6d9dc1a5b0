/* gloss-label-chip.h — a small rounded square in a label's colour
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define GLOSS_TYPE_LABEL_CHIP (gloss_label_chip_get_type ())
G_DECLARE_FINAL_TYPE (GlossLabelChip, gloss_label_chip, GLOSS, LABEL_CHIP, GtkWidget)

/* @color: a CSS colour, grey if NULL or unparsable; @unknown adds a "?"
 * for a label not in the label set. */
void       gloss_label_chip_set (GlossLabelChip *self,
                                 const char     *color,
                                 gboolean        unknown);

G_END_DECLS
