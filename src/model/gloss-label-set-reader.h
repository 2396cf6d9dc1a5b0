/* gloss-label-set-reader.h — internal to libgloss: turning gloss-labels.json
 * bytes into labels, relation types and relation rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "gloss-attribute.h"
#include "gloss-label.h"
#include "gloss-relation.h"

G_BEGIN_DECLS

#define GLOSS_LABEL_SET_FORMAT       "gloss-labels"
#define GLOSS_LABEL_SET_VERSION      1
/* The documented limits of gloss-labels.json (docs/labels.md). A label set
 * is a few hundred bytes; the size cap keeps a mistaken pick (a video, a
 * dump) from being read into memory at all. */
#define GLOSS_LABEL_SET_MAX_BYTES    (1024 * 1024)
#define GLOSS_LABEL_SET_MAX_ID       64
#define GLOSS_LABEL_SET_MAX_DEPTH    64

/* The relation type every set has, whether its file lists it or not: the
 * app's quote attribution depends on it. */
#define GLOSS_LABEL_SET_SPEAKER      "speaker"
/* Its key when the file gives it none and no other type has it. */
#define GLOSS_LABEL_SET_SPEAKER_KEY  's'

/* In a relation rule, "kind:entity" stands for every label of that kind;
 * ids cannot hold a colon, so it never names a label. */
#define GLOSS_LABEL_SET_KIND_PREFIX  "kind:"

/* Which labels each end of a relation type may be: label ids and "kind:…"
 * entries, as in the file. NULL: any label. */
typedef struct
{
  GStrv ends[2];  /* indexed by GlossRelationEnd */
} GlossRelationRule;

/* type → GlossRelationRule, both owned. */
GHashTable *gloss_relation_rules_new (void);

typedef struct
{
  /* What it finds (only complete when reading succeeded) */
  GPtrArray  *labels;          /* GlossLabel, in file order */
  GPtrArray  *relation_types;  /* char *, "speaker" first, then in file order */
  GHashTable *relation_rules;  /* type → GlossRelationRule, for types with one */
  GHashTable *relation_keys;   /* type → key (a gunichar), for types with one */
  GPtrArray  *attributes;      /* GlossAttribute of "attributes", in file order */
  GPtrArray  *document_fields; /* GlossAttribute of "document_labels", in file order */

  /*< private >*/
  GPtrArray  *problems;        /* char *, "LOCATION: MESSAGE" */
  GHashTable *label_ids;       /* id → index of the label that has it */
  GHashTable *label_keys;      /* shortcut → index of the label that has it */
  GHashTable *relation_index;  /* type → index in the file's "relations" */
  GHashTable *relation_key_index; /* key → location of the type that has it */
} GlossLabelSetReader;

void     gloss_label_set_reader_init  (GlossLabelSetReader  *reader);
/* Checks the @length bytes at @data; every problem is reported at once in
 * @error, each line led by @source (docs/labels.md). */
gboolean gloss_label_set_reader_read  (GlossLabelSetReader  *reader,
                                       const char           *data,
                                       gsize                 length,
                                       const char           *source,
                                       GError              **error);
void     gloss_label_set_reader_clear (GlossLabelSetReader  *reader);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GlossLabelSetReader, gloss_label_set_reader_clear)

G_END_DECLS
