/* gloss-label-set.h — the labels and relation types an article is annotated with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "gloss-attribute.h"
#include "gloss-label.h"
#include "gloss-relation.h"

G_BEGIN_DECLS

#define GLOSS_LABEL_SET_FILE_NAME "gloss-labels.json"

#define GLOSS_TYPE_LABEL_SET (gloss_label_set_get_type ())
G_DECLARE_FINAL_TYPE (GlossLabelSet, gloss_label_set, GLOSS, LABEL_SET, GObject)

/* A GListModel of GlossLabel, in file order. */

/* claim, quote, person, organization, location, misc + relation "speaker".
 * Returns a new reference to a shared instance. */
GlossLabelSet *gloss_label_set_get_builtin    (void);

/* Load a gloss-labels.json. All problems are collected: on failure the error
 * message lists each as "FILE: labels[2].color: …", one per line. */
GlossLabelSet *gloss_label_set_new_from_file  (GFile         *file,
                                               GError       **error);
GlossLabelSet *gloss_label_set_new_from_data  (const char    *data,
                                               gssize         length,
                                               const char    *source_name,
                                               GError       **error);
/* The nearest gloss-labels.json in @folder or any parent; the built-in set
 * when there is none. A broken file is an error (not silently the builtin). */
GlossLabelSet *gloss_label_set_find_for_folder (GFile        *folder,
                                                GError      **error);

/* The file it came from; NULL for the built-in set. */
GFile         *gloss_label_set_get_file       (GlossLabelSet *self);
/* The kind of label @id; a label the set does not know (or a NULL set)
 * counts as an entity, as in every export and agreement figure. */
GlossLabelKind gloss_label_set_kind_of        (GlossLabelSet *self,
                                               const char    *id);
GlossLabel    *gloss_label_set_lookup         (GlossLabelSet *self,
                                               const char    *id);
GlossLabel    *gloss_label_set_lookup_shortcut (GlossLabelSet *self,
                                                gunichar       key);
guint          gloss_label_set_get_n_labels   (GlossLabelSet *self);
gboolean       gloss_label_set_has_relation_type (GlossLabelSet *self,
                                                  const char    *type);
/* NULL-terminated, owned by the set. */
const char * const *gloss_label_set_get_relation_types (GlossLabelSet *self);

/* Which annotations a relation type may link (docs/labels.md): each end of
 * a type the set lists may be limited to some labels and kinds. "speaker"
 * goes from a quote to a person or an organization unless the file says
 * otherwise. A type the set does not list, or an end without a rule,
 * accepts any label; a label id the set does not know matches no rule. */
gboolean       gloss_label_set_relation_accepts (GlossLabelSet    *self,
                                                 const char       *type,
                                                 GlossRelationEnd  end,
                                                 const char       *label);
/* The rule as written: label ids and "kind:…" entries, NULL-terminated and
 * owned by the set; NULL when the end accepts any label. */
const char * const *gloss_label_set_get_relation_end (GlossLabelSet    *self,
                                                      const char       *type,
                                                      GlossRelationEnd  end);
/* The rule for people, for messages: "Person or Organization", "any
 * quote"; NULL when the end accepts any label. */
char          *gloss_label_set_describe_relation_end (GlossLabelSet    *self,
                                                      const char       *type,
                                                      GlossRelationEnd  end);
/* How a label is named in messages: its name, or the id quoted when the
 * set does not know it. */
char          *gloss_label_set_describe_label (GlossLabelSet *self,
                                               const char    *label);

/* Relation keys: the one character that makes a relation of that type
 * when drawing by keyboard; 0 for none. "speaker" has "s" unless the file
 * gives it another key or gives "s" to another type. */
gunichar       gloss_label_set_get_relation_key    (GlossLabelSet *self,
                                                    const char    *type);
/* The type whose key is @key (either case), or NULL. Owned by the set. */
const char    *gloss_label_set_lookup_relation_key (GlossLabelSet *self,
                                                    gunichar       key);

/* Attributes of spans (docs/labels.md), GlossAttribute in file order;
 * owned by the set, never NULL (empty when the file declares none). */
GPtrArray     *gloss_label_set_get_attributes      (GlossLabelSet *self);
/* The attributes whose "applies_to" names @label or its kind, in file
 * order: a new array holding references. Empty for a label the set does
 * not know. */
GPtrArray     *gloss_label_set_get_attributes_for_label (GlossLabelSet *self,
                                                         const char    *label);
/* Whether any attribute applies to @label (or its kind), building nothing:
 * what the window asks at every selection, to offer Edit Attributes. */
gboolean       gloss_label_set_has_attributes_for_label (GlossLabelSet *self,
                                                         const char    *label);
gboolean       gloss_label_set_attribute_applies   (GlossLabelSet  *self,
                                                    GlossAttribute *attribute,
                                                    const char     *label);
GlossAttribute *gloss_label_set_lookup_attribute   (GlossLabelSet *self,
                                                    const char    *id);
/* The attribute picked by @key (either case), or NULL. */
GlossAttribute *gloss_label_set_lookup_attribute_shortcut (GlossLabelSet *self,
                                                           gunichar       key);
/* Fields of the whole article ("document_labels"), in file order; owned by
 * the set, never NULL. */
GPtrArray     *gloss_label_set_get_document_fields (GlossLabelSet *self);
GlossAttribute *gloss_label_set_lookup_document_field (GlossLabelSet *self,
                                                       const char    *id);

G_END_DECLS
