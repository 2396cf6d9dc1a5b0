/* gloss-document-private.h — what tests and benchmarks see of a document's insides
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gloss-document.h"
#include "gloss-text-boundaries-private.h"

G_BEGIN_DECLS

/* The document's boundary cache, created on first use. */
GlossTextBoundaries *gloss_document_get_boundaries (GlossDocument *self);

G_END_DECLS
