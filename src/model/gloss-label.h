/* gloss-label.h — one label of a label set: id, kind, name, colour, key
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  GLOSS_LABEL_KIND_CLAIM,
  GLOSS_LABEL_KIND_QUOTE,
  GLOSS_LABEL_KIND_ENTITY,
} GlossLabelKind;

GType gloss_label_kind_get_type (void) G_GNUC_CONST;
#define GLOSS_TYPE_LABEL_KIND (gloss_label_kind_get_type ())

/* "claim", "quote", "entity"; NULL for an unknown kind / FALSE if unknown */
const char *gloss_label_kind_to_string   (GlossLabelKind  kind);
gboolean    gloss_label_kind_from_string (const char     *str,
                                          GlossLabelKind *kind);
/* The kind's layer as a person reads it, translated: "claims", "quotes",
 * "entities" (agreement per kind, in the CLI and the F7 panel). */
const char *gloss_label_kind_describe_layer (GlossLabelKind kind);

#define GLOSS_TYPE_LABEL (gloss_label_get_type ())
G_DECLARE_FINAL_TYPE (GlossLabel, gloss_label, GLOSS, LABEL, GObject)

/* @color is "#rrggbb"; @shortcut a single printable character or 0. */
GlossLabel     *gloss_label_new          (const char     *id,
                                          GlossLabelKind  kind,
                                          const char     *name,
                                          const char     *color,
                                          gunichar        shortcut);
const char     *gloss_label_get_id       (GlossLabel *self);
GlossLabelKind  gloss_label_get_kind     (GlossLabel *self);
const char     *gloss_label_get_name     (GlossLabel *self);
const char     *gloss_label_get_color    (GlossLabel *self);
gunichar        gloss_label_get_shortcut (GlossLabel *self);

/* The built-in labels (claim, quote, person, organization, location,
 * misc), in that order: a new label for each, its name translated. */
guint           gloss_label_get_n_builtin (void);
GlossLabel     *gloss_label_new_builtin   (guint           index);
/* The translated name of the built-in label @id if it is of @kind, else
 * NULL: what a label file's label with that id and kind and no "name" is
 * called, so a file that lists the built-in labels keeps their names in
 * every language. */
const char     *gloss_label_builtin_name  (const char     *id,
                                           GlossLabelKind  kind);

G_END_DECLS
