/* bench-review.c — the review window on a 1 MB article, 3 × 10,000 annotations
 *
 * In one process under Xvfb (xvfb-test-wrapper.sh: GDK_BACKEND=x11,
 * GSK_RENDERER=cairo), with the real GlossApplication and
 * GlossReviewWindow, on the "big" article with three annotators' sidecars
 * (bench, bench-2, bench-3; each later one changes 10 % of the spans):
 *
 *  - open: from gloss_review_window_new() to the end (the frame clock's
 *    "after-paint") of the first frame painted once the window has its
 *    adjudication, that is once the gold session is open, the three
 *    sidecars are loaded, their spans aligned into units and the units put
 *    in the list. The window does all of that but the gold session's
 *    opening on the main thread, in the callback that sets the
 *    adjudication, and no frame can start in the middle of it: a frame
 *    that ends with the adjudication set was laid out with the units.
 *    Once untimed, then OPEN_RUNS new windows, each closed (after it
 *    settled) before the next.
 *  - then, untimed by the window, the steps of that callback on their own
 *    (the same calls, once each after a warm-up), to show where the time
 *    goes.
 *
 * Prints median and min and SLOWER THAN TARGET when the median misses the
 * 1 s target; fails only if the window does not open or lists no units.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "gloss-application.h"
#include "gloss-bench.h"
#include "gloss-bench-corpus.h"
#include "gloss-review-window-private.h"

#define OPEN_RUNS        5
#define OPEN_TARGET_MS   1000
#define N_ANNOTATORS     3
#define DISAGREEMENT     0.1
#define ADJUDICATOR      "gold"
#define PART_RUNS        3

/* Generous: a first open of the big article under valgrind or on a busy
 * machine takes seconds. */
#define TIMEOUT_MS       60000
/* No frame for this long: the window has settled. */
#define QUIET_MS         150

static GlossApplication *app;

typedef struct
{
  GlossReviewWindow *window;     /* weak */
  GdkFrameClock     *clock;
  gulong             realize_id;
  gulong             after_paint_id;
  gint64             started_us;  /* before gloss_review_window_new() */
  gint64             listed_us;   /* a frame ended with the adjudication set */
  guint              n_frames;
  guint              n_units;     /* in the list at that frame */
} Watch;

static gboolean
on_timeout (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

#define WAIT_FOR(condition, timeout_ms, ok)                                   \
  G_STMT_START {                                                              \
    gboolean timed_out_ = FALSE;                                              \
    guint id_ = g_timeout_add ((timeout_ms), on_timeout, &timed_out_);        \
    while (!(condition) && !timed_out_)                                       \
      g_main_context_iteration (NULL, TRUE);                                  \
    if (!timed_out_)                                                          \
      g_source_remove (id_);                                                  \
    (ok) = (condition);                                                       \
  } G_STMT_END

static void
on_after_paint (GdkFrameClock *clock,
                Watch         *watch)
{
  watch->n_frames++;

  /* Nothing runs between a frame's layout and its after-paint: if the
   * adjudication is set now, it was when the frame was laid out. */
  if (watch->listed_us == 0 && watch->window != NULL
      && gloss_review_window_get_adjudication (watch->window) != NULL)
    {
      GtkListView *list = gloss_review_window_get_unit_list (watch->window);

      watch->listed_us = g_get_monotonic_time ();
      watch->n_units = g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list)));
    }
}

/* The frame clock exists once the window is realized (in present). */
static void
on_realize (GtkWidget *widget,
            Watch     *watch)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  if (clock == NULL || watch->clock != NULL)
    return;
  watch->clock = g_object_ref (clock);
  watch->after_paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), watch);
}

/* Until no frame has been painted for QUIET_MS. */
static gboolean
wait_quiet (Watch *watch)
{
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_MS * G_GINT64_CONSTANT (1000);

  for (;;)
    {
      guint frames = watch->n_frames;
      gboolean done = FALSE;

      g_timeout_add (QUIET_MS, on_timeout, &done);
      while (!done)
        g_main_context_iteration (NULL, TRUE);

      if (watch->n_frames == frames)
        return TRUE;
      if (g_get_monotonic_time () > deadline)
        return FALSE;
    }
}

static void
watch_release (Watch *watch)
{
  if (watch->clock != NULL)
    g_clear_signal_handler (&watch->after_paint_id, watch->clock);
  g_clear_object (&watch->clock);
  if (watch->window != NULL)
    {
      g_clear_signal_handler (&watch->realize_id, watch->window);
      g_object_remove_weak_pointer (G_OBJECT (watch->window), (gpointer *) &watch->window);
      watch->window = NULL;
    }
}

static gboolean
open_review (Watch   *watch,
             GFile   *article,
             GError **error)
{
  gboolean ok;

  *watch = (Watch) { NULL, };

  watch->started_us = g_get_monotonic_time ();
  watch->window = gloss_review_window_new (GTK_APPLICATION (app), article, ADJUDICATOR);
  g_object_add_weak_pointer (G_OBJECT (watch->window), (gpointer *) &watch->window);
  watch->realize_id = g_signal_connect (watch->window, "realize", G_CALLBACK (on_realize), watch);
  gtk_window_present (GTK_WINDOW (watch->window));

  WAIT_FOR (watch->window == NULL || watch->listed_us != 0, TIMEOUT_MS, ok);
  if (!ok || watch->window == NULL)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED,
                   "no frame with the units listed within %d s", TIMEOUT_MS / 1000);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_open (Watch   *watch,
            GError **error)
{
  GlossAdjudication *adjudication = gloss_review_window_get_adjudication (watch->window);
  GlossReview *review = gloss_adjudication_get_review (adjudication);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (review));

  if (gloss_review_get_n_annotators (review) != N_ANNOTATORS)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, "%u annotators compared, expected %u",
                   gloss_review_get_n_annotators (review), N_ANNOTATORS);
      return FALSE;
    }

  /* At least one unit per reference span; every one listed, none decided. */
  if (n < GLOSS_BENCH_BIG_ANNOTATIONS || watch->n_units != n
      || gloss_review_count_pending (review) != n
      || gloss_review_count_status (review, GLOSS_UNIT_AGREED) == 0
      || gloss_review_count_status (review, GLOSS_UNIT_AGREED) == n)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED,
                   "%u units (%u listed at the first frame, %u pending, %u agreed)",
                   n, watch->n_units, gloss_review_count_pending (review),
                   gloss_review_count_status (review, GLOSS_UNIT_AGREED));
      return FALSE;
    }

  if (gloss_review_window_get_selected_unit (watch->window) == NULL)
    {
      g_set_error_literal (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, "no unit selected");
      return FALSE;
    }

  return TRUE;
}

static gboolean
close_review (Watch   *watch,
              GError **error)
{
  GlossReviewWindow *window = watch->window;
  gboolean ok;

  if (watch->clock != NULL)
    g_clear_signal_handler (&watch->after_paint_id, watch->clock);
  g_clear_object (&watch->clock);

  if (window == NULL)
    return TRUE;

  g_clear_signal_handler (&watch->realize_id, window);
  gtk_window_close (GTK_WINDOW (window));
  WAIT_FOR (watch->window == NULL, TIMEOUT_MS, ok);
  if (!ok)
    {
      watch_release (watch);
      g_set_error_literal (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, "the window did not close");
      return FALSE;
    }

  return TRUE;
}

/* ------------------------------------------------------------------ */
/* The parts, on their own                                              */
/* ------------------------------------------------------------------ */

typedef struct
{
  double session;     /* gloss_session_new (the gold, absent): article + labels */
  double sidecars;    /* the three sidecars loaded */
  double review;      /* placed spans collected, aligned into units */
  double adjudicate;  /* gloss_adjudication_new (restores decisions) */
  double agreement;   /* the article's figures, as the panel shows them */
} Parts;

static gboolean
time_parts (GFile   *article,
            Parts   *parts,
            guint   *n_units,
            GError **error)
{
  double t0, t1;
  g_autoptr(GlossSession) session = NULL;
  g_autoptr(GPtrArray) sidecars = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) arrays = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;
  g_autoptr(GlossReview) review = NULL;
  g_autoptr(GlossAdjudication) adjudication = NULL;
  g_autoptr(GlossAgreement) agreement = NULL;

  t0 = gloss_bench_now_ms ();
  session = gloss_session_new (article, ADJUDICATOR, NULL, error);
  if (session == NULL)
    return FALSE;
  t1 = gloss_bench_now_ms ();
  parts->session = t1 - t0;

  t0 = t1;
  for (guint k = 1; k <= N_ANNOTATORS; k++)
    {
      g_autofree char *id = gloss_bench_annotator_id (k);
      GlossSidecar *sidecar = gloss_sidecar_new_for_document (gloss_session_get_document (session), id);

      g_ptr_array_add (sidecars, sidecar);
      if (!gloss_sidecar_load (sidecar, gloss_session_get_labels (session), NULL, error))
        return FALSE;
      g_strv_builder_add (builder, id);
    }
  t1 = gloss_bench_now_ms ();
  parts->sidecars = t1 - t0;
  ids = g_strv_builder_end (builder);

  t0 = t1;
  for (guint k = 0; k < sidecars->len; k++)
    g_ptr_array_add (arrays, gloss_review_collect_placed (gloss_sidecar_get_annotations (g_ptr_array_index (sidecars, k))));
  review = gloss_review_new (gloss_session_get_labels (session), arrays->len,
                             (GPtrArray * const *) arrays->pdata);
  t1 = gloss_bench_now_ms ();
  parts->review = t1 - t0;
  *n_units = g_list_model_get_n_items (G_LIST_MODEL (review));

  t0 = t1;
  adjudication = gloss_adjudication_new (review, gloss_session_get_labels (session),
                                         (const char * const *) ids,
                                         gloss_session_get_sidecar (session), ADJUDICATOR);
  t1 = gloss_bench_now_ms ();
  parts->adjudicate = t1 - t0;

  t0 = t1;
  agreement = gloss_agreement_new ((const char * const *) ids);
  gloss_agreement_add_article (agreement, gloss_session_get_document (session),
                               gloss_session_get_labels (session),
                               (GPtrArray * const *) arrays->pdata);
  t1 = gloss_bench_now_ms ();
  parts->agreement = t1 - t0;

  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) article = NULL;
  GlossBenchCorpusOptions options;
  GSettings *settings;
  double open_ms[OPEN_RUNS];
  double part_session[PART_RUNS], part_sidecars[PART_RUNS], part_review[PART_RUNS];
  double part_adjudicate[PART_RUNS], part_agreement[PART_RUNS];
  guint n_units = 0;
  int status = EXIT_SUCCESS;

  gtk_disable_setlocale ();
  setlocale (LC_ALL, "C.UTF-8");
  g_set_prgname ("bench-review");

  if (!gtk_init_check ())
    {
      printf ("SKIP: no display\n");
      return EXIT_SUCCESS;
    }

  /* A blinking caret paints a frame every half second: the window would
   * never settle between runs. */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);

  app = gloss_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    return gloss_bench_fail ("registering the application: %s", error->message);
  settings = gloss_application_get_settings (app);
  g_settings_set_string (settings, "annotator-id", "reviewer");
  g_application_hold (G_APPLICATION (app));

  gloss_bench_corpus_options_init (&options);
  options.n_annotators = N_ANNOTATORS;
  options.disagreement = DISAGREEMENT;

  dir = gloss_bench_make_tmp_dir (&error);
  if (dir == NULL || !gloss_bench_corpus_write_big (dir, &options, &error))
    {
      status = gloss_bench_fail ("generating the corpus: %s", error->message);
      goto out;
    }
  path = g_build_filename (dir, GLOSS_BENCH_BIG_NAME, NULL);
  article = g_file_new_for_path (path);

  /* Run 0 warms the page cache, fonts and libgloss's lazy tables. */
  for (guint run = 0; run <= OPEN_RUNS; run++)
    {
      Watch watch;

      if (!open_review (&watch, article, &error) || !check_open (&watch, &error))
        {
          close_review (&watch, NULL);
          status = gloss_bench_fail ("opening the review: %s", error->message);
          goto out;
        }
      if (run > 0)
        open_ms[run - 1] = (watch.listed_us - watch.started_us) / 1000.0;
      else
        n_units = watch.n_units;

      if (!wait_quiet (&watch))
        {
          close_review (&watch, NULL);
          status = gloss_bench_fail ("the review window never settled");
          goto out;
        }
      if (!close_review (&watch, &error))
        {
          status = gloss_bench_fail ("closing: %s", error->message);
          goto out;
        }
    }

  {
    g_autofree char *what =
      g_strdup_printf ("review window to the first frame with the units listed, "
                       "1 MB / %u annotators × %u annotations (disagreement %.1f): %u units",
                       N_ANNOTATORS, GLOSS_BENCH_BIG_ANNOTATIONS, DISAGREEMENT, n_units);

    gloss_bench_report (what, open_ms, OPEN_RUNS, OPEN_TARGET_MS);
  }

  /* The steps on their own: one untimed warm-up, then PART_RUNS. */
  for (guint run = 0; run <= PART_RUNS; run++)
    {
      Parts parts;
      guint n = 0;

      if (!time_parts (article, &parts, &n, &error))
        {
          status = gloss_bench_fail ("the steps on their own: %s", error->message);
          goto out;
        }
      if (n != n_units)
        {
          status = gloss_bench_fail ("the steps on their own: %u units, the window had %u", n, n_units);
          goto out;
        }
      if (run == 0)
        continue;
      part_session[run - 1] = parts.session;
      part_sidecars[run - 1] = parts.sidecars;
      part_review[run - 1] = parts.review;
      part_adjudicate[run - 1] = parts.adjudicate;
      part_agreement[run - 1] = parts.agreement;
    }
  gloss_bench_report ("  gold session (article, labels; no gold file yet)", part_session, PART_RUNS, 0);
  gloss_bench_report ("  load the 3 sidecars (main thread)", part_sidecars, PART_RUNS, 0);
  gloss_bench_report ("  align into units (gloss_review_new)", part_review, PART_RUNS, 0);
  gloss_bench_report ("  gloss_adjudication_new", part_adjudicate, PART_RUNS, 0);
  gloss_bench_report ("  the article's agreement figures", part_agreement, PART_RUNS, 0);

out:
  gloss_bench_remove_dir (dir);
  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);

  return status;
}
