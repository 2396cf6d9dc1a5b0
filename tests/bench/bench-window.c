/* bench-window.c — the real window on a 1 MB article with 10,000 annotations
 *
 * In one process under Xvfb (xvfb-test-wrapper.sh: GDK_BACKEND=x11,
 * GSK_RENDERER=cairo), with the real GlossApplication and GlossWindow:
 *
 *  - first frame: from gloss_window_new() to the end of the first frame the
 *    window paints (the frame clock's "after-paint") once its session is
 *    set and its article view drew highlights in it (the view draws those
 *    of the visible lines at every frame, and counts the runs it drew;
 *    a sample of spans spread over the article must also all have their
 *    labels). The same again for a copy of the article with no sidecar,
 *    and the ratio of the two.
 *  - label key: a word selected with gloss_article_view_select_range(),
 *    then win.annotate("person"), what the label's key activates, to the
 *    end of the next frame.
 *  - undo: win.undo to the end of the next frame.
 *
 * Between two timed steps the window is left to settle (no frame for
 * QUIET_MS: scrolling, the background layout of the long article and the
 * overlay scrollbars' fading are over), so each step starts from rest and
 * its frame is not held back by the frame clock's pacing. The caret's
 * blinking, which would paint a frame every half second, is turned off.
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
#include "gloss-window-private.h"

#define FIRST_FRAME_RUNS   5
#define EDIT_RUNS          20
#define RATIO_TARGET       1.5
#define EDIT_TARGET_MS     16
#define PLAIN_NAME         "plain.txt"
#define EDIT_LABEL         "person"

/* Generous: a first open of the big article under valgrind or on a busy
 * machine takes seconds. */
#define TIMEOUT_MS         60000
/* No frame for this long: the view has settled (layout validated in the
 * background, a scroll done) and the next change starts from rest. */
#define QUIET_MS           150
/* Spans whose highlight is looked for, spread over the article. */
#define N_PROBES           64

static GlossApplication *app;

/* One window and the frames it paints once its session is set. */
typedef struct
{
  GlossWindow   *window;        /* weak */
  GdkFrameClock *clock;
  gulong         session_id;
  gulong         after_paint_id;
  gint64         started_us;    /* before gloss_window_new() */
  gint64         opened_us;     /* when the session was set */
  guint          n_frames;      /* painted since then */
  guint          awaited;       /* the frame to time, by number */
  gint64         awaited_us;    /* when it was painted */
  /* Every highlight drawn: offsets that must then carry one, when it was
   * first seen so, and the first frame painted since. */
  GArray        *probes;
  guint          poll_id;
  gint64         painted_us;
  gint64         painted_frame_us;
} Watch;

static gboolean
on_timeout (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Spin the main loop until @condition holds or @timeout_ms pass; @ok
 * tells which. */
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

/* Whether the view has drawn highlights in a frame (it draws those of the
 * visible lines at each frame), and every probe offset has its labels. */
static gboolean
all_painted (Watch *watch)
{
  GlossArticleView *view = gloss_window_get_article_view (watch->window);

  if (watch->probes->len == 0)
    return TRUE;

  if (gloss_article_view_get_n_painted_runs (view, NULL) == 0)
    return FALSE;

  for (guint i = 0; i < watch->probes->len; i++)
    {
      g_auto(GStrv) labels = gloss_article_view_dup_labels_at (view, g_array_index (watch->probes, int, i));

      if (labels[0] == NULL)
        return FALSE;
    }

  return TRUE;
}

static void
check_painted (Watch *watch)
{
  if (watch->painted_us == 0 && all_painted (watch))
    watch->painted_us = g_get_monotonic_time ();
}

/* At a priority below the view's painting, so it mostly runs once that
 * has no more to do. */
static gboolean
poll_painted (gpointer data)
{
  Watch *watch = data;

  check_painted (watch);
  if (watch->painted_us == 0)
    return G_SOURCE_CONTINUE;

  watch->poll_id = 0;
  return G_SOURCE_REMOVE;
}

static void
on_after_paint (GdkFrameClock *clock,
                Watch         *watch)
{
  gint64 now = g_get_monotonic_time ();

  watch->n_frames++;
  if (watch->n_frames == watch->awaited)
    watch->awaited_us = now;

  /* Nothing runs between a frame's paint and its after-paint: what is in
   * the buffer now was in the frame. */
  check_painted (watch);
  if (watch->painted_us != 0 && watch->painted_frame_us == 0)
    watch->painted_frame_us = now;
}

/* The last character of N_PROBES spans spread over the set (which is in
 * document order), and of the last few, the article's end among them. */
static void
choose_probes (Watch              *watch,
               GlossAnnotationSet *set)
{
  GListModel *model = G_LIST_MODEL (set);
  guint n = g_list_model_get_n_items (model);

  watch->probes = g_array_new (FALSE, FALSE, sizeof (int));
  for (guint k = 0; k < N_PROBES + 16 && k < n; k++)
    {
      guint i = k < N_PROBES ? (guint) ((guint64) n * k / N_PROBES) : n - 1 - (k - N_PROBES);
      g_autoptr(GlossAnnotation) annotation = g_list_model_get_item (model, i);
      int offset = (int) gloss_annotation_get_end (annotation) - 1;

      g_array_append_val (watch->probes, offset);
    }
}

/* The window notifies once the article view has the session (and has
 * drawn some or all of its highlights): count the frames from here, and
 * look out for the last highlight. */
static void
on_session_notify (GlossWindow *window,
                   GParamSpec  *pspec,
                   Watch       *watch)
{
  GdkFrameClock *clock;

  if (gloss_window_get_session (window) == NULL || watch->clock != NULL)
    return;

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  if (clock == NULL)
    {
      g_warning ("The window has a session but no frame clock");
      return;
    }

  watch->opened_us = g_get_monotonic_time ();
  choose_probes (watch, gloss_session_get_annotations (gloss_window_get_session (window)));
  check_painted (watch);
  if (watch->painted_us == 0)
    watch->poll_id = g_timeout_add_full (G_PRIORITY_LOW + 1, 1, poll_painted, watch, NULL);

  watch->clock = g_object_ref (clock);
  watch->after_paint_id = g_signal_connect (clock, "after-paint",
                                            G_CALLBACK (on_after_paint), watch);
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

/* Activates @action on the window and times it to the end of the next
 * frame. */
static gboolean
time_next_frame (Watch      *watch,
                 const char *action,
                 GVariant   *parameter,
                 double     *ms,
                 GError    **error)
{
  gint64 start;
  gboolean ok;

  watch->awaited = watch->n_frames + 1;
  start = g_get_monotonic_time ();

  if (!gtk_widget_activate_action_variant (GTK_WIDGET (watch->window), action, parameter))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, "no action %s", action);
      return FALSE;
    }

  WAIT_FOR (watch->n_frames >= watch->awaited, TIMEOUT_MS, ok);
  if (!ok)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, "no frame after %s", action);
      return FALSE;
    }

  *ms = (watch->awaited_us - start) / 1000.0;
  return TRUE;
}

static void
watch_clear (Watch *watch)
{
  g_clear_handle_id (&watch->poll_id, g_source_remove);
  g_clear_pointer (&watch->probes, g_array_unref);
  if (watch->clock != NULL)
    g_clear_signal_handler (&watch->after_paint_id, watch->clock);
  g_clear_object (&watch->clock);
  if (watch->window != NULL)
    {
      g_clear_signal_handler (&watch->session_id, watch->window);
      g_object_remove_weak_pointer (G_OBJECT (watch->window), (gpointer *) &watch->window);
      watch->window = NULL;
    }
}

/* A new window on @article, until the end of the first frame painted with
 * its session set (watch->awaited_us) and every highlight drawn
 * (all_painted_us()). */
static gboolean
open_window (Watch   *watch,
             GFile   *article,
             GError **error)
{
  g_autofree char *name = g_file_get_basename (article);
  gboolean ok;

  *watch = (Watch) { NULL, };
  watch->awaited = 1;

  watch->started_us = g_get_monotonic_time ();

  watch->window = gloss_window_new (app);
  g_object_add_weak_pointer (G_OBJECT (watch->window), (gpointer *) &watch->window);
  watch->session_id = g_signal_connect (watch->window, "notify::session",
                                        G_CALLBACK (on_session_notify), watch);
  gtk_window_present (GTK_WINDOW (watch->window));
  gloss_window_open (watch->window, article);

  WAIT_FOR (watch->window == NULL || (watch->n_frames >= 1 && watch->painted_us != 0),
            TIMEOUT_MS, ok);
  if (!ok || watch->window == NULL)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED,
                   "%s: no frame with every highlight within %d s", name, TIMEOUT_MS / 1000);
      return FALSE;
    }

  /* The last highlights went in after the last frame: the next frame
   * shows them, unless they were all off screen and none comes. */
  if (watch->painted_frame_us == 0)
    WAIT_FOR (watch->painted_frame_us != 0, QUIET_MS, ok);

  return TRUE;
}

/* When the window showed every highlight, as the comment at the top says. */
static gint64
all_painted_us (Watch *watch)
{
  return watch->painted_frame_us != 0 ? watch->painted_frame_us : watch->painted_us;
}

/* Closing waits for any save, then destroys the window. */
static gboolean
close_window (Watch   *watch,
              GError **error)
{
  GlossWindow *window = watch->window;
  gboolean ok;

  g_clear_handle_id (&watch->poll_id, g_source_remove);
  g_clear_pointer (&watch->probes, g_array_unref);
  if (watch->clock != NULL)
    g_clear_signal_handler (&watch->after_paint_id, watch->clock);
  g_clear_object (&watch->clock);

  if (window == NULL)
    return TRUE;

  g_clear_signal_handler (&watch->session_id, window);

  gtk_window_close (GTK_WINDOW (window));
  WAIT_FOR (watch->window == NULL, TIMEOUT_MS, ok);
  if (!ok)
    {
      watch_clear (watch);
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, "the window did not close");
      return FALSE;
    }

  return TRUE;
}

/* The session holds @expected annotations and the view draws the first
 * and the last one. */
static gboolean
check_open (Watch   *watch,
            guint    expected,
            GError **error)
{
  GlossSession *session = gloss_window_get_session (watch->window);
  GlossArticleView *view = gloss_window_get_article_view (watch->window);
  GlossAnnotationSet *set = gloss_session_get_annotations (session);
  guint n = gloss_annotation_set_get_n_annotations (set);
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (set));

  if (n != expected || n_items != expected)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED,
                   "opened with %u annotations (%u placed), expected %u",
                   n, n_items, expected);
      return FALSE;
    }

  for (guint i = 0; i < 2 && n_items > 0; i++)
    {
      g_autoptr(GlossAnnotation) annotation =
        g_list_model_get_item (G_LIST_MODEL (set), i == 0 ? 0 : n_items - 1);
      guint start = gloss_annotation_get_start (annotation);
      g_auto(GStrv) labels = gloss_article_view_dup_labels_at (view, start);

      if (!g_strv_contains ((const char * const *) labels, gloss_annotation_get_label (annotation)))
        {
          g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED,
                       "no %s highlight at %u", gloss_annotation_get_label (annotation), start);
          return FALSE;
        }
    }

  return TRUE;
}

/* Opens @big and @plain in turn, each in a new window: once untimed, then
 * FIRST_FRAME_RUNS times. Alternating spreads any change in the machine's
 * load over both. */
static gboolean
time_first_frames (GFile   *big,
                   GFile   *plain,
                   double  *big_ms,
                   double  *plain_ms,
                   double  *big_first_ms,
                   double  *big_session_ms,
                   GError **error)
{
  for (guint run = 0; run <= FIRST_FRAME_RUNS; run++)
    {
      for (guint which = 0; which < 2; which++)
        {
          Watch watch;
          double ms;

          if (!open_window (&watch, which == 0 ? big : plain, error)
              || !check_open (&watch, which == 0 ? GLOSS_BENCH_BIG_ANNOTATIONS : 0, error))
            {
              close_window (&watch, NULL);
              return FALSE;
            }

          /* Run 0 warms the page cache, fonts and libgloss's lazy tables. */
          ms = (all_painted_us (&watch) - watch.started_us) / 1000.0;
          if (run > 0 && which == 0)
            {
              big_ms[run - 1] = ms;
              big_first_ms[run - 1] = (watch.awaited_us - watch.started_us) / 1000.0;
              big_session_ms[run - 1] = (watch.opened_us - watch.started_us) / 1000.0;
            }
          else if (run > 0)
            plain_ms[run - 1] = ms;

          /* Let the layout of the whole article finish before closing,
           * as it would have by the time someone closes it. */
          if (!wait_quiet (&watch))
            {
              close_window (&watch, NULL);
              g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, "the window never settled");
              return FALSE;
            }

          if (!close_window (&watch, error))
            return FALSE;
        }
    }

  return TRUE;
}

/* The next word starting at or after @offset. */
static gboolean
find_word (GlossDocument *document,
           guint          offset,
           guint         *start,
           guint         *end)
{
  guint length = gloss_document_get_length (document);

  while (offset < length && !gloss_document_is_word_start (document, offset))
    offset++;
  if (offset >= length)
    return FALSE;

  *start = offset;
  for (offset++; offset <= length; offset++)
    if (gloss_document_is_word_end (document, offset))
      {
        *end = offset;
        return TRUE;
      }

  return FALSE;
}

/* EDIT_RUNS times: select a word, press the label key, undo it. */
static gboolean
time_edits (Watch   *watch,
            double  *annotate_ms,
            double  *undo_ms,
            GError **error)
{
  GlossSession *session = gloss_window_get_session (watch->window);
  GlossDocument *document = gloss_session_get_document (session);
  GlossAnnotationSet *set = gloss_session_get_annotations (session);
  GlossArticleView *view = gloss_window_get_article_view (watch->window);
  guint length = gloss_document_get_length (document);
  guint n = gloss_annotation_set_get_n_annotations (set);

  for (guint i = 0; i < EDIT_RUNS; i++)
    {
      /* Words spread over the whole article, not only its first screen. */
      guint offset = (guint) ((guint64) length * (2 * i + 1) / (2 * EDIT_RUNS));
      guint start, end;

      if (!find_word (document, offset, &start, &end))
        {
          g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, "no word after %u", offset);
          return FALSE;
        }

      /* Selecting scrolls there: let that finish, untimed. */
      gloss_article_view_select_range (view, start, end);
      if (!wait_quiet (watch))
        goto unsettled;

      if (!time_next_frame (watch, "win.annotate", g_variant_new_string (EDIT_LABEL),
                            &annotate_ms[i], error))
        return FALSE;

      {
        g_auto(GStrv) labels = gloss_article_view_dup_labels_at (view, start);
        GlossAnnotation *selected = gloss_article_view_get_selected_annotation (view);

        if (gloss_annotation_set_get_n_annotations (set) != n + 1
            || selected == NULL
            || gloss_annotation_get_start (selected) != start
            || gloss_annotation_get_end (selected) != end
            || !g_strv_contains ((const char * const *) labels, EDIT_LABEL))
          {
            g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED,
                         "annotating [%u, %u) did not add a highlighted " EDIT_LABEL, start, end);
            return FALSE;
          }
      }

      if (!wait_quiet (watch))
        goto unsettled;

      if (!time_next_frame (watch, "win.undo", NULL, &undo_ms[i], error))
        return FALSE;

      if (gloss_annotation_set_get_n_annotations (set) != n)
        {
          g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED,
                       "undo left %u annotations, expected %u",
                       gloss_annotation_set_get_n_annotations (set), n);
          return FALSE;
        }

      if (!wait_quiet (watch))
        goto unsettled;
    }

  return TRUE;

unsettled:
  g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, "the window never settled");
  return FALSE;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Sorts @samples; returns the median. */
static double
sort_median (double *samples,
             guint   n)
{
  g_qsort_with_data (samples, n, sizeof (double), compare_doubles, NULL);
  return n % 2 == 1 ? samples[n / 2] : (samples[n / 2 - 1] + samples[n / 2]) / 2;
}

/* "WHAT: median M ms, max X ms (target < T ms)"; the median is what is
 * compared with the target, as for the other benchmarks. */
static void
report_median_max (const char *what,
                   double     *samples,
                   guint       n,
                   double      target_ms)
{
  double median = sort_median (samples, n);
  double max = samples[n - 1];

  printf ("%s: median %.1f ms, max %.1f ms (target < %g ms)%s\n",
          what, median, max, target_ms,
          median < target_ms ? "" : " — SLOWER THAN TARGET");
  fflush (stdout);
}

static gboolean
copy_without_sidecar (const char  *dir,
                      GError     **error)
{
  g_autofree char *source = g_build_filename (dir, GLOSS_BENCH_BIG_NAME, NULL);
  g_autofree char *dest = g_build_filename (dir, PLAIN_NAME, NULL);
  g_autofree char *contents = NULL;
  gsize length;

  return g_file_get_contents (source, &contents, &length, error)
         && g_file_set_contents (dest, contents, length, error);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *big_path = NULL;
  g_autofree char *plain_path = NULL;
  g_autoptr(GFile) big = NULL;
  g_autoptr(GFile) plain = NULL;
  GlossBenchCorpusOptions options;
  GSettings *settings;
  Watch watch = { NULL, };
  double big_ms[FIRST_FRAME_RUNS];
  double plain_ms[FIRST_FRAME_RUNS];
  double big_first_ms[FIRST_FRAME_RUNS];
  double big_session_ms[FIRST_FRAME_RUNS];
  double annotate_ms[EDIT_RUNS];
  double undo_ms[EDIT_RUNS];
  double big_median, plain_median, ratio;
  gboolean ok;
  int status = EXIT_SUCCESS;

  gtk_disable_setlocale ();
  setlocale (LC_ALL, "C.UTF-8");
  g_set_prgname ("bench-window");

  if (!gtk_init_check ())
    {
      printf ("SKIP: no display\n");
      return EXIT_SUCCESS;
    }

  /* A blinking caret paints a frame every half second: the window would
   * never settle between the timed steps. */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);

  app = gloss_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    return gloss_bench_fail ("registering the application: %s", error->message);
  settings = gloss_application_get_settings (app);
  g_settings_set_string (settings, "annotator-id", GLOSS_BENCH_ANNOTATOR);
  /* The longest allowed; every edit restarts it, so no save starts while
   * the edits are timed. */
  g_settings_set_uint (settings, "autosave-delay", 10000);
  g_application_hold (G_APPLICATION (app));

  gloss_bench_corpus_options_init (&options);
  dir = gloss_bench_make_tmp_dir (&error);
  if (dir == NULL)
    {
      status = gloss_bench_fail ("%s", error->message);
      goto out;
    }

  if (!gloss_bench_corpus_write_big (dir, &options, &error)
      || !copy_without_sidecar (dir, &error))
    {
      status = gloss_bench_fail ("generating the corpus: %s", error->message);
      goto out;
    }

  big_path = g_build_filename (dir, GLOSS_BENCH_BIG_NAME, NULL);
  plain_path = g_build_filename (dir, PLAIN_NAME, NULL);
  big = g_file_new_for_path (big_path);
  plain = g_file_new_for_path (plain_path);

  if (!time_first_frames (big, plain, big_ms, plain_ms, big_first_ms, big_session_ms, &error))
    {
      status = gloss_bench_fail ("first frame: %s", error->message);
      goto out;
    }

  /* gloss_bench_report() sorts a copy: the samples stay as they were. */
  gloss_bench_report ("first frame, 1 MB / no annotations", plain_ms, FIRST_FRAME_RUNS, 0);
  plain_median = sort_median (plain_ms, FIRST_FRAME_RUNS);
  big_median = sort_median (big_ms, FIRST_FRAME_RUNS);
  ratio = big_median / plain_median;
  printf ("first frame, 1 MB / 10,000 annotations: median %.1f ms, min %.1f ms "
          "(target: within %.1f× of no annotations: %.2f×)%s\n",
          big_median, big_ms[0], RATIO_TARGET, ratio,
          ratio <= RATIO_TARGET ? "" : " — SLOWER THAN TARGET");
  fflush (stdout);
  gloss_bench_report ("  to the window's session (text in the view, highlights so far)",
                      big_session_ms, FIRST_FRAME_RUNS, 0);
  gloss_bench_report ("  to the first frame after that",
                      big_first_ms, FIRST_FRAME_RUNS, 0);

  if (!open_window (&watch, big, &error)
      || !check_open (&watch, GLOSS_BENCH_BIG_ANNOTATIONS, &error))
    {
      status = gloss_bench_fail ("opening for the edits: %s", error->message);
      goto out;
    }

  /* The sidebar may fill in after the first frame: edits start once it
   * has, and the window has settled. */
  WAIT_FOR (gloss_annotation_list_get_n_visible (gloss_window_get_annotation_list (watch.window)) > 0,
            TIMEOUT_MS, ok);
  if (!ok || !wait_quiet (&watch) || !time_edits (&watch, annotate_ms, undo_ms, &error))
    {
      status = gloss_bench_fail ("edits: %s", error != NULL ? error->message
                                                   : "the sidebar never filled in, or the window never settled");
      goto out;
    }

  report_median_max ("label key to repainted highlight, 10,000 annotations",
                     annotate_ms, EDIT_RUNS, EDIT_TARGET_MS);
  report_median_max ("undo to repainted frame, 10,000 annotations",
                     undo_ms, EDIT_RUNS, EDIT_TARGET_MS);

out:
  if (!close_window (&watch, error == NULL ? &error : NULL) && status == EXIT_SUCCESS)
    status = gloss_bench_fail ("closing: %s", error->message);
  gloss_bench_remove_dir (dir);
  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);

  return status;
}
