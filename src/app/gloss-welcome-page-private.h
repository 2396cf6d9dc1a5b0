/* gloss-welcome-page-private.h — what only tests of the welcome page use
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gloss-welcome-page.h"

G_BEGIN_DECLS

/* How many recent items the page lists (the model of its list box). */
guint      gloss_welcome_page_get_n_recent        (GlossWelcomePage *self);
GtkListBox *gloss_welcome_page_get_recent_list    (GlossWelcomePage *self);

/* gloss_welcome_page_try_sample() with the sample and the copy's place
 * given; @done (nullable) is called once the copy is open or the error
 * shown, with the copy (NULL on failure). */
typedef void (*GlossWelcomePageTryDone) (GFile    *copy,
                                         gpointer  user_data);
void        gloss_welcome_page_try_sample_full    (GtkWindow               *parent,
                                                   const char              *samples_folder,
                                                   const char              *destination,
                                                   GlossWelcomePageTryDone  done,
                                                   gpointer                 user_data);

G_END_DECLS
