/* gloss-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GLOSS_TYPE_APPLICATION (gloss_application_get_type ())
G_DECLARE_FINAL_TYPE (GlossApplication, gloss_application, GLOSS, APPLICATION, AdwApplication)

GlossApplication *gloss_application_new          (void);
/* The app's settings; NULL only in a process that found no schema, which
 * says so and exits before starting (see handle-local-options). */
GSettings        *gloss_application_get_settings (GlossApplication *self);
/* The annotator id to work as: GSettings, or NULL before the first run. */
char             *gloss_application_dup_annotator_id (GlossApplication *self);

G_END_DECLS
