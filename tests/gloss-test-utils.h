/* gloss-test-utils.h — helpers the model tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gloss.h"

G_BEGIN_DECLS

/* A document from @text, asserting it loads. */
GlossDocument *gloss_test_doc_new     (const char *text);
/* One article × annotator as the export hands it to a format writer: a
 * document of @text, an empty sidecar (never saved) and the built-in
 * label set. @article_id and @annotator are kept, not copied. */
typedef struct
{
  GlossDocument     *document;
  GlossSidecar      *sidecar;
  GlossLabelSet     *labels;
  GlossExportRecord  record;
} GlossTestRecord;

GlossTestRecord *gloss_test_record_new         (const char      *article_id,
                                                const char      *annotator,
                                                const char      *text);
void             gloss_test_record_free        (GlossTestRecord *self);
/* A span of @label over the first occurrence of @needle, in the
 * record's sidecar (asserting the text holds it). */
GlossAnnotation *gloss_test_record_add_span_on (GlossTestRecord *self,
                                                const char      *label,
                                                const char      *needle);

/* Deletes @path and everything below it (temporary test folders). */
void           gloss_test_remove_tree (const char *path);

/* As root, chmod 000 stops nobody: these give up, for this thread, the
 * effective capabilities that let root read any folder, and take them
 * back. FALSE if they could not be dropped (the test then skips). */
gboolean       gloss_test_drop_read_capabilities (void);
void           gloss_test_restore_capabilities   (void);
/* Whether this process can list @path now (after a chmod, as root or not). */
gboolean       gloss_test_can_list               (const char *path);

/* Iterates the default main context for @ms milliseconds. */
void           gloss_test_spin        (guint       ms);
/* A timeout source that sets *@flag (a gboolean) when it fires. */
guint          gloss_test_add_deadline (guint       ms,
                                        gboolean   *flag);

/* Iterates the default main context until @expr holds, failing the test
 * after @ms milliseconds (a generous deadline, never a timing assertion). */
#define gloss_test_wait_for_ms(expr, ms)                                    \
  G_STMT_START {                                                            \
    gboolean timed_out_ = FALSE;                                            \
    guint id_ = gloss_test_add_deadline ((ms), &timed_out_);                \
    while (!(expr) && !timed_out_)                                          \
      g_main_context_iteration (NULL, TRUE);                                \
    if (!timed_out_)                                                        \
      g_source_remove (id_);                                                \
    g_assert_true (expr);                                                   \
  } G_STMT_END

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossTestRecord, gloss_test_record_free)

G_END_DECLS
