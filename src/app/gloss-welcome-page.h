/* gloss-welcome-page.h — what a window shows before any article: open a
 * file or a folder, the recent ones, or try the sample
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define GLOSS_TYPE_WELCOME_PAGE (gloss_welcome_page_get_type ())
G_DECLARE_FINAL_TYPE (GlossWelcomePage, gloss_welcome_page, GLOSS, WELCOME_PAGE, GtkWidget)

/* The page a window shows while it has nothing open (launched from the app
 * grid, or after Close): the app's icon, what Gloss is for, and three
 * buttons, each with a mnemonic:
 *
 *   Open a File…    → win.open            (the window's own actions)
 *   Open a Folder…  → win.open-folder
 *   Try the Sample  → welcome.try-sample  (the page's own action:
 *                                          gloss_welcome_page_try_sample()
 *                                          on the page's window)
 *
 * then the articles and folders this app opened recently (from its
 * GtkRecentManager; Alt+R reaches the list), newest first. Activating one
 * emits ::open-file; unless a handler stops it, the file is opened as one
 * given on the command line, through the application's GApplication::open
 * (the window showing it already, else a window with nothing open).
 *
 * Properties:
 *   "recent-manager"  GtkRecentManager (construct; the default one if unset)
 *
 * Signals:
 *   "open-file"  (GFile *file): a recent article or folder was chosen
 */
GtkWidget *gloss_welcome_page_new           (void);

/* What Try the Sample does (and app.try-sample, where the application
 * offers it in a menu): copies the installed sample to the person's
 * own folder (gloss_sample_copy_async() to
 * gloss_sample_dup_default_destination(); a copy made before is kept, with
 * its annotations) and opens the copy's folder through @parent's
 * application, as a folder given on the command line. When the copy cannot
 * be made, a dialog on @parent says why. */
void       gloss_welcome_page_try_sample    (GtkWindow *parent);

G_END_DECLS
