/* gloss-bench-corpus.h — synthetic news articles and sidecars for benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gloss.h"

G_BEGIN_DECLS

#define GLOSS_BENCH_DEFAULT_SEED      20261126u
#define GLOSS_BENCH_ANNOTATOR         "bench"

/* "big": one long article */
#define GLOSS_BENCH_BIG_NAME          "big.txt"
#define GLOSS_BENCH_BIG_BYTES         (1000 * 1000)
#define GLOSS_BENCH_BIG_ANNOTATIONS   10000
#define GLOSS_BENCH_BIG_RELATIONS     400

/* Speaker relations per 10,000 annotations, as in "big" (the window
 * benchmark's other sizes keep its density). */
#define GLOSS_BENCH_RELATIONS_PER_10K 400

/* "many": a folder of short ones */
#define GLOSS_BENCH_MANY_ARTICLES     1000
#define GLOSS_BENCH_MANY_BYTES        5000
#define GLOSS_BENCH_MANY_ANNOTATIONS  30
#define GLOSS_BENCH_MANY_RELATIONS    3

typedef struct
{
  guint32 seed;
  /* Annotator 1 is "bench" and holds the reference annotations; annotators
   * 2…N ("bench-2", …) each change a fraction @disagreement of them. */
  guint   n_annotators;
  double  disagreement;
} GlossBenchCorpusOptions;

void     gloss_bench_corpus_options_init (GlossBenchCorpusOptions *options);

/* "bench" for annotator 1, "bench-K" for the others. */
char    *gloss_bench_annotator_id        (guint                    annotator);

/* An article in memory: its text and the reference annotations on it. */
typedef struct _GlossBenchArticle GlossBenchArticle;

/* At least @min_bytes of text, longer if needed to hold @n_annotations
 * (whole words, some nested) and up to @max_relations speaker relations. */
GlossBenchArticle *gloss_bench_article_generate   (guint32            seed,
                                                   gsize              min_bytes,
                                                   guint              n_annotations,
                                                   guint              max_relations);

typedef enum
{
  GLOSS_BENCH_ARTICLE_DEFAULT       = 0,
  /* The whole article is one paragraph, one line (a scraped page, a JSONL
   * dump): the headline and paragraphs are joined by spaces, and only the
   * final newline ends the line. */
  GLOSS_BENCH_ARTICLE_ONE_PARAGRAPH = 1 << 0,
} GlossBenchArticleFlags;

/* As gloss_bench_article_generate(), with @flags. The same seed gives the
 * same sentences whatever the flags. */
GlossBenchArticle *gloss_bench_article_generate_full (guint32                seed,
                                                      gsize                  min_bytes,
                                                      guint                  n_annotations,
                                                      guint                  max_relations,
                                                      GlossBenchArticleFlags flags);
void               gloss_bench_article_free       (GlossBenchArticle *self);
const char        *gloss_bench_article_get_text   (GlossBenchArticle *self,
                                                   gsize             *n_bytes);
guint              gloss_bench_article_get_length (GlossBenchArticle *self);
guint              gloss_bench_article_get_n_annotations (GlossBenchArticle *self);
guint              gloss_bench_article_get_n_relations   (GlossBenchArticle *self);

/* Adds annotator @annotator's annotations and relations to @set, whose
 * document must hold this article's text. @seed drives the disagreement. */
void               gloss_bench_article_load_into  (GlossBenchArticle       *self,
                                                   GlossAnnotationSet      *set,
                                                   guint                    annotator,
                                                   const GlossBenchCorpusOptions *options);

/* Writes DIR/FILE_NAME and one sidecar per annotator beside it. */
gboolean           gloss_bench_article_write      (GlossBenchArticle       *self,
                                                   const char              *dir,
                                                   const char              *file_name,
                                                   const GlossBenchCorpusOptions *options,
                                                   GError                 **error);

/* DIR/big.txt: ~1 MB, 10,000 annotations, a few hundred relations. */
gboolean gloss_bench_corpus_write_big  (const char                    *dir,
                                        const GlossBenchCorpusOptions *options,
                                        GError                       **error);
/* DIR/FILE_NAME of at least @min_bytes with @n_annotations (and
 * GLOSS_BENCH_RELATIONS_PER_10K relations per 10,000) in a sidecar per
 * annotator; with @n_annotations 0, the article alone (no sidecar). */
gboolean gloss_bench_corpus_write_sized (const char                    *dir,
                                         const char                    *file_name,
                                         gsize                          min_bytes,
                                         guint                          n_annotations,
                                         GlossBenchArticleFlags         flags,
                                         const GlossBenchCorpusOptions *options,
                                         GError                       **error);
/* DIR/article-0000.txt…: ~5 KB, 30 annotations each. */
gboolean gloss_bench_corpus_write_many (const char                    *dir,
                                        guint                          n_articles,
                                        const GlossBenchCorpusOptions *options,
                                        GError                       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossBenchArticle, gloss_bench_article_free)

G_END_DECLS
