/* gloss-sidecar-check.h — whether a sidecar is clean, without loading it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "gloss-document.h"
#include "gloss-label-set.h"

G_BEGIN_DECLS

/* TRUE when gloss_sidecar_load() of @file beside @document, with @labels
 * (nullable), would find no problem at all, not even a warning, and
 * nothing to re-anchor: the file is read and every rule of the format
 * checked by the same reader, but no annotation is built (validating a
 * 10,000-annotation sidecar costs a third less). FALSE otherwise — the
 * file cannot be read, has a problem, was saved on another version of
 * the article, or is of a newer format — and then only a load tells what
 * and where. */
gboolean gloss_sidecar_check_clean (GFile         *file,
                                    GlossDocument *document,
                                    GlossLabelSet *labels);

G_END_DECLS
