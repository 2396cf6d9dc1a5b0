/* gloss-note-popover-private.h — the note being edited, for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gloss-note-popover.h"

G_BEGIN_DECLS

/* The text being edited. */
GtkTextBuffer *gloss_note_popover_get_buffer     (GlossNotePopover *self);

G_END_DECLS
