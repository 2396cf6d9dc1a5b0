/* gloss-test-utils.h — helpers the model tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gloss.h"

G_BEGIN_DECLS

/* A document from @text, asserting it loads. */
GlossDocument *gloss_test_doc_new     (const char *text);
/* Deletes @path and everything below it (temporary test folders). */
void           gloss_test_remove_tree (const char *path);

G_END_DECLS
