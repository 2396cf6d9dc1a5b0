/* gloss-corpus-labels.h — the nearest label set of each article of a walk,
 * with the one policy for a broken label file
 *
 * Every walk over a corpus (gloss-corpus-walk.h, the corpus sidebar) finds
 * an article's label set here. A label file that is found but cannot be
 * used is not replaced by the built-in set: the lookup returns NULL, the
 * caller loads the sidecars without labels (so they are still checked and
 * counted), and the problem is handed out once per label file, however
 * many folders below it are walked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "gloss-label-set.h"
#include "gloss-problem.h"

G_BEGIN_DECLS

typedef struct _GlossCorpusLabels GlossCorpusLabels;

GlossCorpusLabels *gloss_corpus_labels_new    (void);
void               gloss_corpus_labels_free   (GlossCorpusLabels  *self);
/* The label set for @article's folder (transfer none), looked up once per
 * folder: the nearest gloss-labels.json, or the built-in set if there is
 * none. NULL if that file is broken; then *@problem is set to a new error
 * problem the first time this label file is met, and to NULL after. The
 * problem's file is the label file and to_string() gives the reader's
 * message exactly. Not thread-safe: one per walk. */
GlossLabelSet     *gloss_corpus_labels_lookup (GlossCorpusLabels  *self,
                                               GFile              *article,
                                               GlossProblem      **problem);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossCorpusLabels, gloss_corpus_labels_free)

G_END_DECLS
