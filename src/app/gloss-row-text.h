/* gloss-row-text.h — one line of text in a list row, as tall as its font
 * and as wide as it is given, whatever the text
 *
 * A GtkLabel measures its text: setting new text asks for a new size,
 * and the next frame lays the text out again (Pango shapes it) two or
 * three times to measure it. A GtkListView in GTK 4.8 keeps 200 rows
 * alive, so every reload, and every jump of the list to a far annotation,
 * re-measured 400 labels. A row text's size comes from its font's metrics
 * (looked up once per font), so new text only asks for a redraw, and it
 * is laid out once, when drawn, ellipsized at the end to the width it was
 * given.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define GLOSS_TYPE_ROW_TEXT (gloss_row_text_get_type ())

G_DECLARE_FINAL_TYPE (GlossRowText, gloss_row_text, GLOSS, ROW_TEXT, GtkWidget)

GtkWidget  *gloss_row_text_new            (void);
void        gloss_row_text_set_text       (GlossRowText *self,
                                           const char   *text);
const char *gloss_row_text_get_text       (GlossRowText *self);
/* Dimmer text after the text, in the same line (nullable; "" is none),
 * e.g. a row's attribute values after its label's name. */
void        gloss_row_text_set_detail     (GlossRowText *self,
                                           const char   *detail);
const char *gloss_row_text_get_detail     (GlossRowText *self);
/* Bold and scaled (e.g. 0.83): the row's heading line. */
void        gloss_row_text_set_heading    (GlossRowText *self,
                                           gboolean      heading);

G_END_DECLS
