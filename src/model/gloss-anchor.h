/* gloss-anchor.h — placing annotations again after their article changed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "gloss-annotation.h"
#include "gloss-document.h"

G_BEGIN_DECLS

typedef struct
{
  guint kept;      /* offsets still hold the same text */
  guint moved;     /* same text found at another position */
  guint repaired;  /* text inside the span was edited; bounds and exact updated */
  guint orphaned;  /* could not be placed */
} GlossAnchorReport;

/* Re-anchor @annotations (GlossAnnotation whose start/end/exact/prefix/suffix
 * describe an older version of the article) onto @document, which is the
 * current version. Each annotation gets its status set; moved and repaired
 * ones get new bounds and fresh exact/prefix/suffix; orphans keep their old
 * values. Matching rules are documented in gloss-anchor.c and docs/anchoring.md.
 * Runs in roughly linear time when most spans moved by the same shift. */
void gloss_anchor_annotations (GlossDocument     *document,
                               GPtrArray         *annotations,
                               GlossAnchorReport *report);

/* Bounds of the annotation's best placement in @document, using @exact,
 * @prefix, @suffix and the old position @old_start as a hint.
 * Returns the status (KEPT/MOVED/REPAIRED/ORPHANED). */
GlossAnchorStatus gloss_anchor_find   (GlossDocument *document,
                                       const char    *exact,
                                       const char    *prefix,
                                       const char    *suffix,
                                       guint          old_start,
                                       guint          old_end,
                                       guint         *new_start,
                                       guint         *new_end);

G_END_DECLS
