/* gloss-corpus-row.h — one article in the corpus sidebar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gloss-corpus-article.h"

G_BEGIN_DECLS

typedef enum
{
  GLOSS_CORPUS_ROW_COUNT_NONE,     /* this annotator has no sidecar for the article */
  GLOSS_CORPUS_ROW_COUNT_KNOWN,
  GLOSS_CORPUS_ROW_COUNT_SKIPPED,  /* too large to count during a scan */
  GLOSS_CORPUS_ROW_COUNT_FAILED,   /* the sidecar or its article could not be read */
} GlossCorpusRowCount;

/* What a row shows besides the article's name. */
typedef struct
{
  GlossCorpusRowCount count;
  guint               n_annotations;  /* placed and orphaned, when KNOWN */
  guint               n_others;       /* other annotators with a sidecar */
  gboolean            started;        /* this annotator's sidecar exists */
} GlossCorpusRowStatus;

#define GLOSS_TYPE_CORPUS_ROW (gloss_corpus_row_get_type ())
G_DECLARE_FINAL_TYPE (GlossCorpusRow, gloss_corpus_row, GLOSS, CORPUS_ROW, GtkWidget)

/* A status icon ("Started", "Not started", or a warning when the sidecar
 * cannot be read, each with its accessible label and tooltip), the file
 * name (the full path as tooltip), a subtitle (the subfolder below the
 * corpus folder, a missing article or unreadable annotations, the other
 * annotators) and the count ("…" when too large to count), whose
 * accessible label says what the number is. */
GtkWidget *gloss_corpus_row_new      (void);
/* Shows @article with @status; @folder (nullable) is the corpus folder,
 * for the subfolder in the subtitle. */
void       gloss_corpus_row_update   (GlossCorpusRow             *self,
                                      GlossCorpusArticle         *article,
                                      const GlossCorpusRowStatus *status,
                                      GFile                      *folder);
/* Forgets the article shown (the row is unbound). */
void       gloss_corpus_row_clear    (GlossCorpusRow             *self);
/* The article shown, or NULL. Transfer none. */
GFile     *gloss_corpus_row_get_file (GlossCorpusRow             *self);

G_END_DECLS
