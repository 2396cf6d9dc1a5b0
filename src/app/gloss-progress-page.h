/* gloss-progress-page.h — a long job's progress, then its result and problems
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define GLOSS_TYPE_PROGRESS_PAGE (gloss_progress_page_get_type ())
G_DECLARE_FINAL_TYPE (GlossProgressPage, gloss_progress_page, GLOSS, PROGRESS_PAGE, GtkWidget)

/* The pages that Export… and Import… show once their work has started:
 * "running" (a heading, a detail, a progress bar and Cancel, which emits
 * ::stop) and "result" (a heading, the summary, where it was written, the
 * problems one a line in a read-only view reached with Alt+P, Back, which
 * emits ::back, and Close, which closes the window). Each page makes its
 * button the window's default and focuses it.
 *
 * Properties:
 *   "title"          char*: the running page's heading, e.g. "Exporting…"
 *   "progress-label" char*: the accessible name of the progress bar
 *   "back-tooltip"   char*: what Back is for
 *   "detail"         char*: the line under the running heading
 *   "page"           char*: "running" or "result" (read-only)
 */
void        gloss_progress_page_start         (GlossProgressPage *self,
                                               const char        *detail,
                                               const char        *progress_text);
void        gloss_progress_page_set_progress  (GlossProgressPage *self,
                                               double             fraction,
                                               const char        *text);
void        gloss_progress_page_pulse         (GlossProgressPage *self);
/* Cancel was pressed: its button goes insensitive until the work stops;
 * @text (nullable) replaces the bar's text. */
void        gloss_progress_page_set_stopping  (GlossProgressPage *self,
                                               const char        *text);
/* Turns to the result page. @location and @problems (char*) may be NULL. */
void        gloss_progress_page_show_result   (GlossProgressPage *self,
                                               const char        *heading,
                                               const char        *result,
                                               const char        *location,
                                               GPtrArray         *problems);
/* Makes the shown page's button the window's default and focuses it. */
void        gloss_progress_page_focus         (GlossProgressPage *self);
const char *gloss_progress_page_get_page      (GlossProgressPage *self);
char       *gloss_progress_page_dup_problems  (GlossProgressPage *self);

G_END_DECLS
