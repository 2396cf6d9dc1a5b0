/* gloss-window.h — the main window: one article (or a corpus folder) at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "gloss-annotation-list.h"
#include "gloss-application.h"
#include "gloss-article-view.h"
#include "gloss-session.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_WINDOW (gloss_window_get_type ())
G_DECLARE_FINAL_TYPE (GlossWindow, gloss_window, GLOSS, WINDOW, AdwApplicationWindow)

GlossWindow         *gloss_window_new                (GlossApplication *application);
/* Opens an article, or a folder as a corpus (its first article). */
void                 gloss_window_open               (GlossWindow      *self,
                                                      GFile            *file);
GlossSession        *gloss_window_get_session        (GlossWindow      *self);

G_END_DECLS
