/* gloss-preferences-window.h — who is annotating, and how articles look
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GLOSS_TYPE_PREFERENCES_WINDOW (gloss_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (GlossPreferencesWindow, gloss_preferences_window, GLOSS, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* A modal window over @parent editing @settings (schema APP_ID).
 * Every setting applies as it is changed, except the annotator id: it is
 * checked as it is typed but only saved, if valid, when its row is
 * activated (Enter), loses the focus or the window closes, so that typing
 * "alice" does not switch the open article to "a", "al", … on the way.
 * Escape closes it. It opens with nothing selected, so that a first key
 * press does not replace the id. Present it with gtk_window_present(). */
GtkWidget *gloss_preferences_window_new (GtkWindow *parent,
                                         GSettings *settings);

G_END_DECLS
