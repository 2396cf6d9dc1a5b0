/* bench-window.c — the real window: first frame, and the longest main-loop
 * stall of each action, at a size given on the command line
 *
 * In one process under Xvfb (xvfb-test-wrapper.sh: GDK_BACKEND=x11,
 * GSK_RENDERER=cairo), with the real GlossApplication and GlossWindow, on
 * a generated article of --bytes with --annotations in its sidecar:
 *
 *  - first frame: from gloss_window_new() to the end of the first frame the
 *    window paints (the frame clock's "after-paint") with the article's
 *    first screen: its text, and the highlight of every annotation on it
 *    (checked against the sidecar as the bench loaded it beforehand). A
 *    sample of spans spread over the article must also have their labels —
 *    unless their text is not in the view yet (it fills a long article in
 *    chunks) or their annotations are not (a long sidecar's head is drawn
 *    before the rest is read; the rest comes with the session). The same
 *    again for a copy of the article with no sidecar, and the ratio of the
 *    two; and when the session (the whole sidecar) and the whole text were
 *    in.
 *  - actions, each checked to have happened: a label key (win.annotate on
 *    a selected word), undo, Tab (win.next-annotation), Ctrl+End, Ctrl+Home
 *    and Page Down (the text view's "move-cursor" keybinding signal),
 *    autosave (a short delay set on the session, to the end of the write),
 *    reload after somebody else rewrote the sidecar (the banner's Reload),
 *    and the article rewritten on disk (the window opens it again). For
 *    each: the longest main-loop stall from the action until the window
 *    has settled, and the time until it was done.
 *  - --suggestions=N (issue 15): the annotator's suggestions file, N
 *    imported suggestions spread over the article's words that no
 *    annotation overlaps, is written beside it first; every opening must
 *    list them all, they are shown from the first frame on (outlined in
 *    the article, the sidebar's Suggestions page), every step above runs
 *    with them, and four more are measured alike: F8 from the caret,
 *    Ctrl+Return and Ctrl+Delete on a suggestion stepped to, and Accept
 *    All in View — each accept undone and each rejection taken back,
 *    untimed, so that every run starts from the same article.
 *
 * The stall recorder wraps the main context's poll function: the time from
 * one return from poll() to the next call of it is time in which no event,
 * timeout or frame could be dispatched, whatever the priority. A
 * G_PRIORITY_HIGH timeout every millisecond would measure the same (to a
 * millisecond) but would wake the process 1,000 times a second on a shared
 * 2-core machine, and its own dispatches would be in the figures; the
 * wrapper costs two clock reads per iteration and catches every gap.
 *
 * --long-lines runs articles that are one paragraph (1 MB and 5 MB, with
 * and without annotations), each in a child process of this program
 * (--child): today some steps freeze the main loop for minutes, and a
 * frozen main loop cannot time itself out. A watchdog thread does: when a
 * step outlives its timeout it prints "did not finish within N s" and ends
 * the child, and the parent goes on with the next step in a new child
 * while the article's time budget lasts.
 *
 * Between two timed steps the window is left to settle: no frame for
 * QUIET_MS and the main loop mostly idle (the text view's background
 * layout, a scroll, the overlay scrollbars' fading are over). The caret's
 * blinking, which would paint a frame every half second, is turned off.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <signal.h>
#include <unistd.h>
#include <fcntl.h>

#include "gloss-application.h"
#include "gloss-bench.h"
#include "gloss-bench-corpus.h"
#include "gloss-window-private.h"
#include "gloss-article-view-private.h"

#define RATIO_TARGET       1.5
#define FRAME_TARGET_MS    16
#define PLAIN_NAME         "plain.txt"
#define EDIT_LABEL         "person"

/* Generous: a step on a busy machine, or under valgrind, takes seconds.
 * Beyond this a step counts as hung. */
#define TIMEOUT_MS         60000
/* No frame for this long, and the main loop busy for at most a fifth of
 * it: the view has settled and the next step starts from rest. */
#define QUIET_MS           150
/* After a save, a reload or a reopening, the file monitors look at the
 * files again (debounce, settling of up to a second): their work belongs
 * to the action, so the recording goes on this long after it is done. */
#define FILE_TAIL_MS       1500
/* Spans whose highlight is looked for, spread over the article. */
#define N_PROBES           64

/* An hour: no autosave starts by itself during a step (on a long line, a
 * label key and the window settling after it can take longer than the
 * 10 s the preferences allow, and the session saves at most that long
 * after an edit); each step starts with ensure_saved() instead. */
#define LONG_AUTOSAVE_DELAY_MS  3600000

/* Long lines */
#define LONG_OPEN_TARGET_MS   2000
#define LONG_ACTION_TARGET_MS 100
#define LONG_OPEN_TIMEOUT_S   90
#define LONG_STEP_TIMEOUT_S   15
#define LONG_RUNS             3
/* A run (with its preparation) slower than this is the last of its step. */
#define LONG_SLOW_RUN_MS      1000
/* Left of an article's budget to open it again for the next steps. */
#define LONG_MIN_RESTART_S    30
/* Exit status of a child whose step K did not finish: CHILD_TIMED_OUT + K. */
#define CHILD_TIMED_OUT       10

static GlossApplication *app;

/* Options */
static gint64   opt_bytes = 1000000;
static int      opt_annotations = 10000;
static int      opt_suggestions;
static int      opt_runs = 20;
static int      opt_frame_runs = 5;
static int      opt_file_runs = 5;
static double   opt_stall_target = 16;
static gboolean opt_memory;
static gboolean opt_long_lines;
static gboolean opt_follow;
static char    *opt_child;
static char    *opt_only;
static int      opt_first_step;
static gint64   opt_budget_end;

/* Profiling the steps (opt-in)
 * ------------------------------------------------------------------------
 *
 * GLOSS_BENCH_PERF_CTL=CTL-FIFO,ACK-FIFO: the two fifos of `perf record
 * --delay=-1 --control=fifo:CTL-FIFO,ACK-FIFO` (profile-window.sh sets
 * them up). The events are enabled while each step is recorded (from just
 * before the action until the window settled) and disabled otherwise, so
 * the profile holds the actions and neither the corpus, the openings for
 * the first frames nor the preparation of each step. */

static int perf_ctl_fd = -1;
static int perf_ack_fd = -1;
/* GLOSS_BENCH_PERF_STALLS=FILE: each recording's longest stall is
 * appended to it as "START END" (g_get_monotonic_time(), µs), for perf
 * record -k CLOCK_MONOTONIC's samples to be picked by their time. */
static FILE *perf_stalls;

static void
perf_control_open (void)
{
  const char *spec = g_getenv ("GLOSS_BENCH_PERF_CTL");
  g_auto(GStrv) fifos = NULL;

  if (spec == NULL || *spec == '\0')
    return;
  fifos = g_strsplit (spec, ",", 2);
  perf_ctl_fd = open (fifos[0], O_WRONLY | O_CLOEXEC);
  if (fifos[1] != NULL)
    perf_ack_fd = open (fifos[1], O_RDONLY | O_CLOEXEC);
  if (perf_ctl_fd < 0)
    g_printerr ("GLOSS_BENCH_PERF_CTL: cannot open %s\n", fifos[0]);
  if (g_getenv ("GLOSS_BENCH_PERF_STALLS") != NULL)
    perf_stalls = fopen (g_getenv ("GLOSS_BENCH_PERF_STALLS"), "ae");
}

/* "enable" or "disable"; waits for perf's acknowledgement. */
static void
perf_control (const char *command)
{
  char ack[16];
  size_t len = strlen (command);

  if (perf_ctl_fd < 0)
    return;
  if (write (perf_ctl_fd, command, len) != (ssize_t) len || write (perf_ctl_fd, "\n", 1) != 1)
    return;
  if (perf_ack_fd >= 0 && read (perf_ack_fd, ack, sizeof ack) < 0)
    g_printerr ("GLOSS_BENCH_PERF_CTL: no acknowledgement\n");
}

/* The stall recorder
 * ------------------------------------------------------------------------ */

static GPollFunc real_poll;
static gint64    last_poll_return;  /* 0 until the first poll */
static gint64    last_poll_return_cpu;
static gint64    busy_us;           /* outside poll(), since the start */
static gboolean  recording;
static gint64    max_gap_us;
static gint64    max_gap_cpu_us;    /* the main thread's CPU time in it */
static gint64    max_gap_start_us;

/* On a shared machine a stall is also time spent waiting for a core:
 * the main thread's own CPU time tells the two apart. */
static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * G_GINT64_CONSTANT (1000000) + ts.tv_nsec / 1000;
}

static gint
recording_poll (GPollFD *fds,
                guint    nfds,
                gint     timeout)
{
  gint64 enter = g_get_monotonic_time ();
  gint result;

  if (last_poll_return != 0)
    {
      gint64 gap = enter - last_poll_return;

      busy_us += gap;
      if (recording && gap > max_gap_us)
        {
          max_gap_us = gap;
          max_gap_start_us = last_poll_return;
          max_gap_cpu_us = thread_cpu_us () - last_poll_return_cpu;
        }
    }

  result = real_poll (fds, nfds, timeout);
  last_poll_return = g_get_monotonic_time ();
  if (recording)
    last_poll_return_cpu = thread_cpu_us ();
  return result;
}

/* Called just before the action: what it does synchronously (as a key
 * press handler would, dispatched from the loop) is the first gap. */
static void
start_recording (void)
{
  perf_control ("enable");
  recording = TRUE;
  max_gap_us = 0;
  max_gap_cpu_us = 0;
  last_poll_return_cpu = thread_cpu_us ();
  last_poll_return = g_get_monotonic_time ();
}

/* The longest stall, in ms; @cpu_ms (optional): the main thread's CPU
 * time during it. */
static double
stop_recording_cpu (double *cpu_ms)
{
  gint64 gap = g_get_monotonic_time () - last_poll_return;

  if (gap > max_gap_us)
    {
      max_gap_us = gap;
      max_gap_start_us = last_poll_return;
      max_gap_cpu_us = thread_cpu_us () - last_poll_return_cpu;
    }
  recording = FALSE;
  perf_control ("disable");
  if (perf_stalls != NULL)
    {
      fprintf (perf_stalls, "%" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n",
               max_gap_start_us, max_gap_start_us + max_gap_us);
      fflush (perf_stalls);
    }
  if (cpu_ms != NULL)
    *cpu_ms = max_gap_cpu_us / 1000.0;
  return max_gap_us / 1000.0;
}

static double
stop_recording (void)
{
  return stop_recording_cpu (NULL);
}

/* The watchdog
 * ------------------------------------------------------------------------
 *
 * A step that freezes the main loop cannot time itself out: this thread
 * does, and ends the process with @exit_status. */

static GMutex  watchdog_lock;
static GCond   watchdog_cond;
static char   *watchdog_what;
static gint64  watchdog_deadline;   /* 0: disarmed */
static int     watchdog_seconds;
static int     watchdog_status;

static gpointer
watchdog_thread (gpointer data)
{
  g_mutex_lock (&watchdog_lock);
  for (;;)
    {
      if (watchdog_deadline == 0)
        g_cond_wait (&watchdog_cond, &watchdog_lock);
      else if (!g_cond_wait_until (&watchdog_cond, &watchdog_lock, watchdog_deadline)
               && watchdog_deadline != 0 && g_get_monotonic_time () >= watchdog_deadline)
        {
          printf ("%s: did not finish within %d s\n", watchdog_what, watchdog_seconds);
          fflush (stdout);
          _exit (watchdog_status);
        }
    }
  return NULL;
}

static void
watchdog_arm (const char *what,
              int         seconds,
              int         exit_status)
{
  g_mutex_lock (&watchdog_lock);
  g_free (watchdog_what);
  watchdog_what = g_strdup (what);
  watchdog_seconds = seconds;
  watchdog_status = exit_status;
  watchdog_deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;
  g_cond_signal (&watchdog_cond);
  g_mutex_unlock (&watchdog_lock);
}

static void
watchdog_disarm (void)
{
  g_mutex_lock (&watchdog_lock);
  watchdog_deadline = 0;
  g_cond_signal (&watchdog_cond);
  g_mutex_unlock (&watchdog_lock);
}

/* Memory
 * ------------------------------------------------------------------------ */

/* A field of /proc/self/status in kB ("VmHWM", "VmRSS"), or -1. */
static gint64
read_status_kb (const char *field)
{
  g_autofree char *contents = NULL;
  g_autofree char *key = g_strconcat ("\n", field, ":", NULL);
  const char *p;

  if (!g_file_get_contents ("/proc/self/status", &contents, NULL, NULL))
    return -1;
  p = strstr (contents, key);
  if (p == NULL)
    return -1;
  return g_ascii_strtoll (p + strlen (key), NULL, 10);
}

/* Since Linux 4.0, writing 5 to clear_refs resets VmHWM to VmRSS. */
static gboolean
reset_peak_memory (void)
{
  return g_file_set_contents_full ("/proc/self/clear_refs", "5", 1,
                                   G_FILE_SET_CONTENTS_NONE, 0644, NULL);
}

/* The window and its frames
 * ------------------------------------------------------------------------ */

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
  /* The annotations, loaded by the bench itself before the window opened
   * (NULL for an article without): what the first screen must show. */
  GlossAnnotationSet *truth;
  guint          poll_id;
  gint64         painted_us;
  gint64         painted_frame_us;
  /* When the view had the whole text (it fills a long one in chunks). */
  gulong         complete_id;
  gint64         complete_us;
  /* The end of the first frame with a suggestion outlined. */
  gint64         suggestions_us;
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

/* The code points on screen, roughly: from the top-left to the
 * bottom-right of the visible rectangle. */
static void
visible_range (GlossArticleView *view,
               guint            *start,
               guint            *end)
{
  GdkRectangle rect;
  GtkTextIter iter;

  gtk_text_view_get_visible_rect (GTK_TEXT_VIEW (view), &rect);
  gtk_text_view_get_iter_at_location (GTK_TEXT_VIEW (view), &iter, rect.x, rect.y);
  *start = gtk_text_iter_get_offset (&iter);
  gtk_text_view_get_iter_at_location (GTK_TEXT_VIEW (view), &iter,
                                      rect.x + rect.width, rect.y + rect.height);
  gtk_text_iter_forward_line (&iter);
  *end = gtk_text_iter_get_offset (&iter);
}

/* The view fills a long article's text in a chunk at a time, and draws
 * the highlights of the text already in: a probe beyond it only needs its
 * annotation in the view's set, to be drawn as the text comes (a person
 * cannot see that far before it does). */
static gboolean
probe_awaits_text (GlossArticleView *view,
                   int               offset)
{
  GlossAnnotationSet *set = gloss_article_view_get_annotation_set (view);
  g_autoptr(GPtrArray) at = NULL;

  if (gloss_article_view_get_text_complete (view) || set == NULL)
    return FALSE;
  at = gloss_annotation_set_at_offset (set, (guint) offset);
  return at->len > 0;
}

/* Beyond the annotations read so far: a long sidecar's head comes first
 * (the first screens' annotations), and the rest with the session. */
static gboolean
probe_awaits_annotations (Watch *watch)
{
  return gloss_window_get_session (watch->window) == NULL;
}

/* Whether every annotation of the first screen has its highlight. */
static gboolean
first_screen_painted (Watch            *watch,
                      GlossArticleView *view,
                      guint             n_runs)
{
  g_autoptr(GPtrArray) shown = NULL;
  guint start, end;

  if (watch->truth == NULL)
    return TRUE;

  visible_range (view, &start, &end);
  shown = gloss_annotation_set_in_range (watch->truth, start, end);
  if (shown->len > 0 && n_runs == 0)
    return FALSE;

  for (guint i = 0; i < shown->len; i++)
    {
      GlossAnnotation *annotation = g_ptr_array_index (shown, i);
      g_auto(GStrv) labels = gloss_article_view_dup_labels_at (view, MAX (gloss_annotation_get_start (annotation), start));

      if (!g_strv_contains ((const char * const *) labels, gloss_annotation_get_label (annotation)))
        return FALSE;
    }

  return TRUE;
}

/* Whether the view drew the article's first screen in a frame, text and
 * highlights (it draws those of the visible lines at each frame), and
 * every probe offset has its labels unless its text or its annotation has
 * not come in yet. The session need not be set: a long sidecar's first
 * annotations are drawn before the rest are read. */
static gboolean
all_painted (Watch *watch)
{
  GlossArticleView *view = gloss_window_get_article_view (watch->window);
  guint n_frames = 0;
  guint n_runs = gloss_article_view_get_n_painted_runs (view, &n_frames);

  if (n_frames == 0
      || gtk_text_buffer_get_char_count (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view))) == 0)
    return FALSE;

  if (!first_screen_painted (watch, view, n_runs))
    return FALSE;

  for (guint i = 0; i < watch->probes->len; i++)
    {
      int offset = g_array_index (watch->probes, int, i);
      g_auto(GStrv) labels = gloss_article_view_dup_labels_at (view, offset);

      if (labels[0] == NULL && !probe_awaits_text (view, offset) && !probe_awaits_annotations (watch))
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
  if (watch->probes != NULL)
    check_painted (watch);
  if (watch->painted_us != 0 && watch->painted_frame_us == 0)
    watch->painted_frame_us = now;
  if (watch->suggestions_us == 0 && watch->window != NULL
      && gloss_article_view_get_n_painted_suggestions (gloss_window_get_article_view (watch->window)) > 0)
    watch->suggestions_us = now;
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
 * drawn some or all of its highlights): time the first frame after it. */
static void
on_session_notify (GlossWindow *window,
                   GParamSpec  *pspec,
                   Watch       *watch)
{
  if (gloss_window_get_session (window) == NULL || watch->opened_us != 0)
    return;

  watch->opened_us = g_get_monotonic_time ();
  watch->awaited = watch->n_frames + 1;
}

/* The sidecar as the bench reads it, before the window does. */
static GlossAnnotationSet *
load_truth (GFile *article)
{
  g_autoptr(GlossDocument) document = gloss_document_new_from_file (article, NULL, NULL);
  g_autoptr(GlossSidecar) sidecar = NULL;

  if (document == NULL)
    return NULL;
  sidecar = gloss_sidecar_new_for_document (document, GLOSS_BENCH_ANNOTATOR);
  if (!gloss_sidecar_load (sidecar, NULL, NULL, NULL)
      || gloss_annotation_set_get_n_annotations (gloss_sidecar_get_annotations (sidecar)) == 0)
    return NULL;

  return g_object_ref (gloss_sidecar_get_annotations (sidecar));
}

/* Watches every frame from the window's first. */
static gboolean
watch_frames (Watch *watch)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (watch->window));

  if (clock == NULL)
    return FALSE;

  check_painted (watch);
  if (watch->painted_us == 0)
    watch->poll_id = g_timeout_add_full (G_PRIORITY_LOW + 1, 1, poll_painted, watch, NULL);

  watch->clock = g_object_ref (clock);
  watch->after_paint_id = g_signal_connect (clock, "after-paint",
                                            G_CALLBACK (on_after_paint), watch);
  return TRUE;
}

static void
on_text_complete_notify (GlossArticleView *view,
                         GParamSpec       *pspec,
                         Watch            *watch)
{
  if (gloss_article_view_get_text_complete (view) && watch->complete_us == 0)
    watch->complete_us = g_get_monotonic_time ();
}

/* Until no frame has been painted for QUIET_MS and the main loop was busy
 * for at most a fifth of that, and at least @min_ms have passed. */
static gboolean
wait_quiet_for (Watch *watch,
                guint  min_ms,
                guint  timeout_ms)
{
  gint64 start = g_get_monotonic_time ();
  gint64 deadline = start + timeout_ms * G_GINT64_CONSTANT (1000);

  for (;;)
    {
      guint frames = watch->n_frames;
      gint64 busy = busy_us;
      gboolean done = FALSE;

      g_timeout_add (QUIET_MS, on_timeout, &done);
      while (!done)
        g_main_context_iteration (NULL, TRUE);

      if (watch->n_frames == frames && busy_us - busy < QUIET_MS * 1000 / 5
          && g_get_monotonic_time () - start >= min_ms * G_GINT64_CONSTANT (1000))
        return TRUE;
      if (g_get_monotonic_time () > deadline)
        return FALSE;
    }
}

static gboolean
wait_quiet (Watch *watch)
{
  return wait_quiet_for (watch, 0, TIMEOUT_MS);
}

static void
watch_clear (Watch *watch)
{
  g_clear_handle_id (&watch->poll_id, g_source_remove);
  g_clear_pointer (&watch->probes, g_array_unref);
  g_clear_object (&watch->truth);
  if (watch->clock != NULL)
    g_clear_signal_handler (&watch->after_paint_id, watch->clock);
  g_clear_object (&watch->clock);
  if (watch->window != NULL)
    {
      g_clear_signal_handler (&watch->session_id, watch->window);
      g_clear_signal_handler (&watch->complete_id, gloss_window_get_article_view (watch->window));
      g_object_remove_weak_pointer (G_OBJECT (watch->window), (gpointer *) &watch->window);
      watch->window = NULL;
    }
}

/* A new window on @article, until the end of the first frame painted with
 * its first screen and every highlight drawn (all_painted_us()), then
 * until its session is set (and the frame after that, watch->awaited_us).
 * @truth: the article's annotations as load_truth() read them, before the
 * main loop's stalls are recorded (37 MB at 10 MB / 100,000). */
static gboolean
open_window (Watch              *watch,
             GFile              *article,
             GlossAnnotationSet *truth,
             guint               timeout_ms,
             GError            **error)
{
  g_autofree char *name = g_file_get_basename (article);
  gboolean ok;

  *watch = (Watch) { NULL, };
  watch->awaited = G_MAXUINT;
  watch->truth = truth != NULL ? g_object_ref (truth) : NULL;
  if (watch->truth != NULL)
    choose_probes (watch, watch->truth);
  else
    watch->probes = g_array_new (FALSE, FALSE, sizeof (int));

  watch->started_us = g_get_monotonic_time ();

  watch->window = gloss_window_new (app);
  g_object_add_weak_pointer (G_OBJECT (watch->window), (gpointer *) &watch->window);
  /* GLOSS_BENCH_HIDE_SIDEBAR=1: the annotation sidebar hidden, to tell
   * its share of each stall by the difference (profiling only). */
  if (g_strcmp0 (g_getenv ("GLOSS_BENCH_HIDE_SIDEBAR"), "1") == 0)
    gtk_widget_set_visible (GTK_WIDGET (gloss_window_get_annotation_list (watch->window)), FALSE);
  /* --suggestions: shown from the first frame on, as win.show-suggestions
   * shows them (the sidebar's Suggestions page), but the focus left in
   * the article. GLOSS_BENCH_SIDEBAR=annotations keeps the Annotations
   * page (the outlines alone: the list's share by the difference). */
  if (opt_suggestions > 0 && g_strcmp0 (g_getenv ("GLOSS_BENCH_SIDEBAR"), "annotations") != 0)
    {
      adw_flap_set_reveal_flap (watch->window->annotation_flap, TRUE);
      gtk_stack_set_visible_child_name (watch->window->sidebar_stack, "suggestions");
    }
  watch->session_id = g_signal_connect (watch->window, "notify::session",
                                        G_CALLBACK (on_session_notify), watch);
  watch->complete_id = g_signal_connect (gloss_window_get_article_view (watch->window), "notify::text-complete",
                                         G_CALLBACK (on_text_complete_notify), watch);
  /* As the application opens a file (gloss_application_open()): the
   * article first, then the window shown, so that it never makes the
   * welcome page. */
  gloss_window_open (watch->window, article);
  gtk_window_present (GTK_WINDOW (watch->window));
  if (!watch_frames (watch))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, "%s: the window has no frame clock", name);
      return FALSE;
    }

  WAIT_FOR (watch->window == NULL || (watch->n_frames >= 1 && watch->painted_us != 0),
            timeout_ms, ok);
  if (!ok || watch->window == NULL)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED,
                   "%s: no frame with every highlight within %u s", name, timeout_ms / 1000);
      return FALSE;
    }

  /* The last highlights went in after the last frame: the next frame
   * shows them, unless they were all off screen and none comes. */
  if (watch->painted_frame_us == 0)
    WAIT_FOR (watch->painted_frame_us != 0, QUIET_MS, ok);

  /* Done with: from here on the window's frames are only counted. */
  g_clear_handle_id (&watch->poll_id, g_source_remove);
  g_clear_pointer (&watch->probes, g_array_unref);
  g_clear_object (&watch->truth);

  /* The whole sidecar, and the frame after it. */
  WAIT_FOR (watch->window == NULL || (watch->opened_us != 0 && watch->awaited_us != 0), timeout_ms, ok);
  if (!ok || watch->window == NULL)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED,
                   "%s: the session was not ready within %u s", name, timeout_ms / 1000);
      return FALSE;
    }

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
  g_clear_object (&watch->truth);
  if (watch->clock != NULL)
    g_clear_signal_handler (&watch->after_paint_id, watch->clock);
  g_clear_object (&watch->clock);

  if (window == NULL)
    return TRUE;

  g_clear_signal_handler (&watch->session_id, window);
  g_clear_signal_handler (&watch->complete_id, gloss_window_get_article_view (window));

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

/* The session lists @expected suggestions, the view draws them and the
 * list shows them all. */
static gboolean
check_suggestions_open (Watch   *watch,
                        guint    expected,
                        GError **error)
{
  GlossSession *session = gloss_window_get_session (watch->window);
  GlossSuggestionFile *file = gloss_session_get_suggestions (session);
  GListModel *listed = file != NULL ? gloss_suggestion_file_get_suggestions (file) : NULL;
  GListModel *drawn = gloss_article_view_get_suggestions (gloss_window_get_article_view (watch->window), NULL);
  GlossSuggestionList *list = watch->window->suggestion_list;
  guint n_listed = listed != NULL ? g_list_model_get_n_items (listed) : 0;
  gboolean ok;

  if (gloss_session_get_suggestions_error (session) != NULL || n_listed != expected)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, "opened with %u suggestions listed, expected %u%s%s",
                   n_listed, expected, gloss_session_get_suggestions_error (session) != NULL ? ": " : "",
                   gloss_session_get_suggestions_error (session) != NULL
                   ? gloss_session_get_suggestions_error (session) : "");
      return FALSE;
    }
  if (expected == 0)
    return TRUE;

  if (drawn != listed)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, "the article view does not draw the session's suggestions");
      return FALSE;
    }
  WAIT_FOR (gloss_suggestion_list_get_n_shown (list) == expected, TIMEOUT_MS, ok);
  if (!ok)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, "the suggestion list shows %u of %u",
                   gloss_suggestion_list_get_n_shown (list), expected);
      return FALSE;
    }
  return TRUE;
}

/* The session holds @expected annotations and the view draws the first
 * and the last one; and @expected_suggestions listed. */
static gboolean
check_open (Watch   *watch,
            guint    expected,
            guint    expected_suggestions,
            GError **error)
{
  GlossSession *session = gloss_window_get_session (watch->window);
  GlossArticleView *view = gloss_window_get_article_view (watch->window);
  GlossAnnotationSet *set = gloss_session_get_annotations (session);
  guint n = gloss_annotation_set_get_n_annotations (set);
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (set));
  gboolean complete;

  /* The rest of a long article still going in belongs to the opening
   * too (its stalls are recorded), and the last highlight needs its text. */
  WAIT_FOR (gloss_article_view_get_text_complete (view), TIMEOUT_MS, complete);
  if (!complete)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, "the article never went into the view whole");
      return FALSE;
    }

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

  return check_suggestions_open (watch, expected_suggestions, error);
}

/* Figures
 * ------------------------------------------------------------------------ */

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

/* "10,000" */
static void
append_grouped (GString *s,
                guint    n)
{
  char digits[32];
  int len = g_snprintf (digits, sizeof digits, "%u", n);

  for (int i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (s, ',');
      g_string_append_c (s, digits[i]);
    }
}

/* "1 MB / 10,000 annotations" */
static char *
describe_size (gsize bytes,
               guint n_annotations)
{
  g_autoptr(GString) s = g_string_new (NULL);

  if (bytes >= 1000000)
    g_string_append_printf (s, "%g MB / ", bytes / 1e6);
  else
    g_string_append_printf (s, "%g kB / ", bytes / 1e3);

  append_grouped (s, n_annotations);
  g_string_append (s, n_annotations == 1 ? " annotation" : " annotations");
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* "1 MB / 10,000 annotations", and ", 10,000 suggestions shown" with
 * --suggestions. */
static char *
describe_sized_run (void)
{
  g_autofree char *size = describe_size ((gsize) opt_bytes, (guint) opt_annotations);
  g_autoptr(GString) s = NULL;

  if (opt_suggestions == 0)
    return g_steal_pointer (&size);
  s = g_string_new (size);
  g_string_append (s, ", ");
  append_grouped (s, (guint) opt_suggestions);
  g_string_append (s, opt_suggestions == 1 ? " suggestion shown" : " suggestions shown");
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* The benchmark's state
 * ------------------------------------------------------------------------ */

typedef struct
{
  Watch     watch;
  GFile    *article;
  char     *article_path;
  char     *sidecar_path;
  char     *original_text;      /* the article as generated */
  gsize     original_bytes;
  guint     n_expected;         /* annotations in the sidecar */
  guint     n_suggestions;      /* listed in the suggestions file */
  gboolean  long_lines;
  const char *step_name;        /* the step being run */
  const char *timeout_note;     /* why step_timeout_s is short, or "" */
  int       step_timeout_s;     /* for the watchdog */
  int       timeout_status;     /* the watchdog's exit status */

  /* label key → undo */
  gboolean  annotated;          /* the last label key's annotation is there */
  guint     annotated_start;
  guint     annotated_end;
  guint     n_before;           /* annotations before it */

  /* Tab */
  GlossAnnotation *tab_from;

  /* autosave */
  guint     n_saving;           /* times the save state became SAVING */
  GlossSession *followed;       /* whose save state is counted */
  gulong    save_state_id;
  char     *saved_id;           /* the annotation the autosave must write */
  gboolean  measure_memory;

  /* reload */
  char     *note_id;            /* the annotation whose note was changed */
  char     *note_expected;
  gboolean  reload_clicked;

  /* Another program writing a file, in a thread of its own: its write
   * (and fsync) is not the window's stall. */
  char     *write_path;
  GBytes   *write_contents;
  GThread  *writer;
  gint      writer_done;        /* atomic */
  GError   *write_error;

  /* the article changed */
  GlossSession *old_session;
  guint     expected_length;
  guint     first_start_expected;
  guint     prefix_runs;

  /* the suggestion steps */
  GlossSuggestion *target;      /* stepped to, or the one F8 must reach */
  guint     n_listed_before;
  guint     follow_runs_before;
  guint     follow_changes;       /* suggestions listed more or fewer after it */   /* the suggester's follow runs before the step */
  guint     n_accepting;        /* Accept All in View: those on screen */
} Bench;

static GlossSession *
bench_session (Bench *b)
{
  return gloss_window_get_session (b->watch.window);
}

static GlossArticleView *
bench_view (Bench *b)
{
  return gloss_window_get_article_view (b->watch.window);
}

static GlossAnnotationSet *
bench_set (Bench *b)
{
  return gloss_session_get_annotations (bench_session (b));
}

static void
on_save_state (GlossSession *session,
               GParamSpec   *pspec,
               Bench        *b)
{
  if (gloss_session_get_save_state (session) == GLOSS_SAVE_STATE_SAVING)
    b->n_saving++;
}

/* Counts the saves of the window's current session. */
static void
follow_saves (Bench *b)
{
  GlossSession *session = bench_session (b);

  if (b->followed == session)
    return;
  if (b->followed != NULL)
    {
      g_signal_handler_disconnect (b->followed, b->save_state_id);
      g_object_unref (b->followed);
    }
  b->followed = g_object_ref (session);
  b->save_state_id = g_signal_connect (session, "notify::save-state", G_CALLBACK (on_save_state), b);
  gloss_session_set_autosave_delay (session, LONG_AUTOSAVE_DELAY_MS);
}

/* Changes to the suggestions file not written yet (an accept, a rejection
 * and their undoing leave it to the autosave). */
static gboolean
suggestions_unsaved (GlossSession *session)
{
  GlossSuggestionFile *file = gloss_session_get_suggestions (session);

  return file != NULL && gloss_suggestion_file_is_dirty (file) && !gloss_suggestion_file_is_read_only (file);
}

/* Nothing left to save: an autosave must not start during a timed step
 * (a label key and its undo still leave a save to do, and so do the
 * decisions on suggestions). */
static gboolean
ensure_saved (Bench   *b,
              GError **error)
{
  GlossSession *session = bench_session (b);
  gboolean ok;

  follow_saves (b);
  if (!gloss_session_has_unsaved_changes (session) && !suggestions_unsaved (session)
      && gloss_session_get_save_state (session) != GLOSS_SAVE_STATE_SAVING)
    return TRUE;

  /* Changes that arrive while the write is in flight (with --follow, the
   * merge of other occurrences 300 ms after the previous step's mark) are
   * left to the next autosave, as in the app: save again for them. */
  for (guint attempt = 0; attempt < 5; attempt++)
    {
      gloss_session_save (session);
      WAIT_FOR (gloss_session_get_save_state (session) != GLOSS_SAVE_STATE_SAVING, TIMEOUT_MS, ok);
      if (!ok || (!gloss_session_has_unsaved_changes (session) && !suggestions_unsaved (session)))
        break;
    }
  ok = ok && !gloss_session_has_unsaved_changes (session) && !suggestions_unsaved (session);
  if (!ok || gloss_session_get_save_state (session) != GLOSS_SAVE_STATE_SAVED)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED,
                   "saving before the step failed: %s (%s; save state %d, unsaved edits %s, unsaved suggestions %s)",
                   gloss_session_get_save_error (session) != NULL
                   ? gloss_session_get_save_error (session) : "no error",
                   ok ? "ended" : "no end within the timeout",
                   gloss_session_get_save_state (session),
                   gloss_session_has_unsaved_changes (session) ? "yes" : "no",
                   suggestions_unsaved (session) ? "yes" : "no");
      return FALSE;
    }

  if (!wait_quiet (&b->watch))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, "the window never settled");
      return FALSE;
    }

  return TRUE;
}

/* One timed action: @act starts it; it is done once @done holds; the
 * recording goes on until the window settled (and @tail_ms after done).
 * *stall_ms: the longest main-loop stall in all that; *done_ms: from the
 * start to done; *frame_ms: to the end of the first frame after the start
 * (or -1 if none came). */
typedef void     (*ActFunc)  (Bench *b, guint run);
typedef gboolean (*DoneFunc) (Bench *b);

typedef struct
{
  double stall_ms;
  double done_ms;
  double frame_ms;
  double settled_ms;            /* to the start of the quiet that ended it */
  double stall_cpu_ms;          /* the main thread's CPU time in the stall */
  gboolean saved_meanwhile;     /* a save ran during it */
} Sample;

static gboolean
record (Bench       *b,
        const char  *what,
        ActFunc      act,
        DoneFunc     done,
        guint        run,
        guint        tail_ms,
        Sample      *sample,
        GError     **error)
{
  Watch *watch = &b->watch;
  guint timeout_ms = (guint) b->step_timeout_s * 1000;
  guint n_saving = b->n_saving;
  gint64 start, done_us;
  gboolean ok;
  g_autofree char *watched = g_strconcat (what, b->timeout_note, NULL);

  watchdog_arm (watched, b->step_timeout_s, b->timeout_status);

  watch->awaited = watch->n_frames + 1;
  watch->awaited_us = 0;
  start_recording ();
  start = g_get_monotonic_time ();
  act (b, run);

  WAIT_FOR (done (b), timeout_ms, ok);
  if (!ok)
    {
      /* The main loop ran, but it never happened. */
      printf ("%s: did not finish within %d s\n", watched, b->step_timeout_s);
      fflush (stdout);
      if (b->long_lines)
        _exit (b->timeout_status);
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, "%s: not done within %d s",
                   what, b->step_timeout_s);
      return FALSE;
    }
  done_us = g_get_monotonic_time ();

  if (!wait_quiet_for (watch, tail_ms, timeout_ms))
    {
      printf ("%s: did not settle within %d s\n", watched, b->step_timeout_s);
      fflush (stdout);
      if (b->long_lines)
        _exit (b->timeout_status);
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, "%s: the window never settled", what);
      return FALSE;
    }

  sample->stall_ms = stop_recording_cpu (&sample->stall_cpu_ms);
  sample->settled_ms = (g_get_monotonic_time () - start) / 1000.0 - QUIET_MS;
  watchdog_disarm ();
  sample->done_ms = (done_us - start) / 1000.0;
  sample->frame_ms = watch->awaited_us != 0 ? (watch->awaited_us - start) / 1000.0 : -1;
  sample->saved_meanwhile = b->n_saving != n_saving;
  return TRUE;
}

/* An untimed step of the preparation, under the watchdog too (on a long
 * line, the preparation freezes as the action would). */
static void
prepare_arm (Bench *b)
{
  g_autofree char *message = g_strdup_printf ("%s (preparing it)%s", b->step_name, b->timeout_note);

  watchdog_arm (message, b->step_timeout_s, b->timeout_status);
}

/* Words
 * ------------------------------------------------------------------------ */

/* A word of ASCII letters, at least 3 long, starting at or after @p,
 * which is code point @i of the text: its code points in *start and *end
 * and its bytes in *word_start and *word_end. A walk from a pointer, so
 * that a pass over the whole article (the suggestions) stays linear. */
static gboolean
find_word_from (const char  *p,
                guint        i,
                gunichar     before,
                guint       *start,
                guint       *end,
                const char **word_start,
                const char **word_end)
{
  for (; *p != '\0'; p = g_utf8_next_char (p), i++)
    {
      gunichar c = g_utf8_get_char (p);

      if (g_ascii_isalpha (c) && before == ' ')
        {
          const char *q = p;
          guint j = i;

          while (g_ascii_isalpha (*q))
            q++, j++;
          if (j - i >= 3 && (*q == ' ' || *q == ',' || *q == '.'))
            {
              *start = i;
              *end = j;
              *word_start = p;
              *word_end = q;
              return TRUE;
            }
        }
      before = c;
    }

  return FALSE;
}

/* A word of ASCII letters, at least 3 long, starting at or after code
 * point @offset, found in the text itself: libgloss's word boundaries
 * are left for the label key to compute, as they would be. */
static gboolean
find_word (const char *text,
           guint       length,
           guint       offset,
           guint      *start,
           guint      *end)
{
  const char *p = g_utf8_offset_to_pointer (text, MIN (offset, length));
  guint i = MIN (offset, length);
  gunichar before = i > 0 ? g_utf8_get_char (g_utf8_prev_char (p)) : ' ';
  const char *word_start, *word_end;

  return find_word_from (p, i, before, start, end, &word_start, &word_end);
}

/* A word near @offset that is not exactly an annotation (selecting it
 * would select that annotation, and the label key would relabel it), nor
 * a listed suggestion (the label key would accept that suggestion). */
static gboolean
find_free_word (Bench   *b,
                guint    offset,
                guint   *start,
                guint   *end)
{
  GlossDocument *document = gloss_session_get_document (bench_session (b));
  GlossSuggestionFile *suggestions = gloss_session_get_suggestions (bench_session (b));
  const char *text = gloss_document_get_text (document);
  guint length = gloss_document_get_length (document);

  while (find_word (text, length, offset, start, end))
    {
      g_autoptr(GPtrArray) there = gloss_annotation_set_at_offset (bench_set (b), *start);
      gboolean taken = suggestions != NULL && gloss_suggestion_file_find_at (suggestions, *start, *end) != NULL;

      for (guint i = 0; i < there->len; i++)
        {
          GlossAnnotation *annotation = g_ptr_array_index (there, i);

          if (gloss_annotation_get_start (annotation) == *start
              && gloss_annotation_get_end (annotation) == *end)
            taken = TRUE;
        }
      if (!taken)
        return TRUE;
      offset = *end;
    }

  return FALSE;
}

/* The suggestions file
 * ------------------------------------------------------------------------
 *
 * --suggestions=N: the annotator's suggestions file beside the article,
 * written with the model as gloss-cli import --as-suggestions would: N
 * imported suggestions spread evenly over the whole article, each on the
 * first word at or after its place that no annotation overlaps, labels
 * cycling over the built-in entities with a score, every 50th a tie. */

#define SUGGESTION_TIE_EVERY 50

static const char * const suggestion_labels[] = { "person", "organization", "location" };
static const char * const suggestion_tie[] = { "person", "organization", NULL };

static gboolean
write_suggestions_file (GFile   *article,
                        guint    n,
                        GError **error)
{
  g_autoptr(GlossDocument) document = gloss_document_new_from_file (article, NULL, error);
  g_autoptr(GlossSidecar) sidecar = NULL;
  g_autoptr(GlossSuggestionFile) file = NULL;
  g_autoptr(GPtrArray) run = NULL;
  GlossAnnotationSet *set;
  const char *text, *p;
  guint length, i = 0, n_added = 0;
  gunichar before = ' ';

  if (document == NULL)
    return FALSE;
  /* The sidecar's annotations: merge_run() leaves out what they hold. */
  sidecar = gloss_sidecar_new_for_document (document, GLOSS_BENCH_ANNOTATOR);
  if (!gloss_sidecar_load (sidecar, NULL, NULL, error))
    return FALSE;
  set = gloss_sidecar_get_annotations (sidecar);

  text = gloss_document_get_text (document);
  length = gloss_document_get_length (document);
  p = text;
  run = g_ptr_array_new_full (n, g_object_unref);
  for (guint k = 0; k < n; k++)
    {
      guint target = (guint) ((guint64) length * (2 * k + 1) / (2 * n));
      guint start, end;
      const char *word_start, *word_end;
      g_autofree char *exact = NULL;
      GlossSuggestion *suggestion;

      /* On from the last word (never two on one word). */
      for (; i < target && *p != '\0'; i++)
        {
          before = g_utf8_get_char (p);
          p = g_utf8_next_char (p);
        }

      for (;;)
        {
          g_autoptr(GPtrArray) overlapping = NULL;

          if (!find_word_from (p, i, before, &start, &end, &word_start, &word_end))
            {
              g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED,
                           "only %u words free of annotations for %u suggestions", k, n);
              return FALSE;
            }
          /* Past the word, whether it is taken or not. */
          p = word_end;
          i = end;
          before = (gunichar) word_end[-1];
          overlapping = gloss_annotation_set_in_range (set, start, end);
          if (overlapping->len == 0)
            break;
        }

      exact = g_strndup (word_start, word_end - word_start);
      if (k % SUGGESTION_TIE_EVERY == SUGGESTION_TIE_EVERY - 1)
        {
          suggestion = gloss_suggestion_new (GLOSS_SUGGESTION_SOURCE_IMPORT, NULL, start, end, exact);
          gloss_suggestion_set_tie (suggestion, suggestion_tie);
        }
      else
        suggestion = gloss_suggestion_new (GLOSS_SUGGESTION_SOURCE_IMPORT,
                                           suggestion_labels[k % G_N_ELEMENTS (suggestion_labels)],
                                           start, end, exact);
      /* Scores from 0.30 to 0.99, mixed along the article. */
      gloss_suggestion_set_score (suggestion, 0.30 + 0.01 * ((k * 37) % 70));
      g_ptr_array_add (run, suggestion);
    }

  file = gloss_suggestion_file_new_for_document (document, GLOSS_BENCH_ANNOTATOR);
  if (!gloss_suggestion_file_merge_run (file, GLOSS_SUGGESTION_SOURCE_IMPORT, run, set, &n_added, error))
    return FALSE;
  if (n_added != n)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, "%u of %u suggestions taken into the file", n_added, n);
      return FALSE;
    }
  return gloss_suggestion_file_save (file, error);
}

/* The steps
 * ------------------------------------------------------------------------ */

static guint
caret_offset (Bench *b)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (bench_view (b)));
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  return gtk_text_iter_get_offset (&iter);
}

static guint
buffer_length (Bench *b)
{
  return gtk_text_buffer_get_char_count (gtk_text_view_get_buffer (GTK_TEXT_VIEW (bench_view (b))));
}

/* As the key binding does: Ctrl+End is (BUFFER_ENDS, 1), Ctrl+Home
 * (BUFFER_ENDS, -1), Page Down (PAGES, 1). */
static void
move_cursor (Bench           *b,
             GtkMovementStep  step,
             int              count)
{
  g_signal_emit_by_name (bench_view (b), "move-cursor", step, count, FALSE);
}

/* label key */

static guint label_key_runs;

static void     undo_act  (Bench *b,
                           guint  run);
static gboolean undo_done (Bench *b);

static gboolean
label_key_prepare (Bench   *b,
                   guint    run,
                   GError **error)
{
  guint length = gloss_document_get_length (gloss_session_get_document (bench_session (b)));
  /* Words spread over the whole article, not only its first screen; on
   * a long line the first run stays on the first screen, where selecting
   * does not have to scroll through the line first. */
  guint offset = b->long_lines && run == 0
                 ? 0 : (guint) ((guint64) length * (2 * run + 1) / (2 * MAX (label_key_runs, 1)));

  /* The last label key not undone yet (long lines run each step several
   * times in a row): undone first, untimed, so that every run, and the
   * steps after, start from the article's own annotations. */
  if (b->annotated)
    {
      gboolean ok;

      prepare_arm (b);
      undo_act (b, run);
      WAIT_FOR (undo_done (b), b->step_timeout_s * 1000, ok);
      if (!ok)
        {
          g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, "undoing the last label key failed");
          return FALSE;
        }
      b->annotated = FALSE;
      watchdog_disarm ();
    }

  if (!ensure_saved (b, error))
    return FALSE;

  if (!find_free_word (b, offset, &b->annotated_start, &b->annotated_end)
      && !find_free_word (b, 0, &b->annotated_start, &b->annotated_end))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, "no free word after %u", offset);
      return FALSE;
    }

  prepare_arm (b);
  b->n_before = gloss_annotation_set_get_n_annotations (bench_set (b));
  /* Selecting scrolls there: let that finish, untimed. */
  gloss_article_view_select_range (bench_view (b), b->annotated_start, b->annotated_end);
  if (!wait_quiet_for (&b->watch, 0, b->step_timeout_s * 1000))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, "the window never settled");
      return FALSE;
    }
  watchdog_disarm ();
  return TRUE;
}

static void
label_key_act (Bench *b,
               guint  run)
{
  gtk_widget_activate_action_variant (GTK_WIDGET (b->watch.window), "win.annotate",
                                      g_variant_new_string (EDIT_LABEL));
}

static gboolean
label_key_done (Bench *b)
{
  return gloss_annotation_set_get_n_annotations (bench_set (b)) == b->n_before + 1;
}

static gboolean
label_key_verify (Bench   *b,
                  GError **error)
{
  GlossArticleView *view = bench_view (b);
  g_auto(GStrv) labels = gloss_article_view_dup_labels_at (view, b->annotated_start);
  GlossAnnotation *selected = gloss_article_view_get_selected_annotation (view);

  if (selected == NULL
      || gloss_annotation_get_start (selected) != b->annotated_start
      || gloss_annotation_get_end (selected) != b->annotated_end
      || !g_strv_contains ((const char * const *) labels, EDIT_LABEL))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED,
                   "annotating [%u, %u) did not add a highlighted " EDIT_LABEL,
                   b->annotated_start, b->annotated_end);
      return FALSE;
    }

  b->annotated = TRUE;
  return TRUE;
}

/* undo */

static gboolean
undo_prepare (Bench   *b,
              guint    run,
              GError **error)
{
  gboolean ok;

  if (b->annotated)
    return ensure_saved (b, error);

  /* Started on its own (a new child): make the edit to undo, untimed. */
  if (!label_key_prepare (b, run, error))
    return FALSE;
  prepare_arm (b);
  label_key_act (b, run);
  WAIT_FOR (label_key_done (b), b->step_timeout_s * 1000, ok);
  if (!ok || !label_key_verify (b, error) || !ensure_saved (b, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, "the label key before undo failed");
      return FALSE;
    }
  watchdog_disarm ();
  return TRUE;
}

static void
undo_act (Bench *b,
          guint  run)
{
  gtk_widget_activate_action_variant (GTK_WIDGET (b->watch.window), "win.undo", NULL);
}

static gboolean
undo_done (Bench *b)
{
  return gloss_annotation_set_get_n_annotations (bench_set (b)) == b->n_before;
}

static gboolean
undo_verify (Bench   *b,
             GError **error)
{
  b->annotated = FALSE;
  return TRUE;
}

/* Tab */

static guint tab_runs;

static gboolean
tab_prepare (Bench   *b,
             guint    run,
             GError **error)
{
  GListModel *model = G_LIST_MODEL (bench_set (b));
  guint n = g_list_model_get_n_items (model);
  g_autoptr(GlossAnnotation) from = NULL;

  if (!ensure_saved (b, error))
    return FALSE;

  /* From annotations spread over the article (the last one excepted). */
  from = g_list_model_get_item (model, b->long_lines && run == 0
                                        ? 0 : (guint) ((guint64) (n - 1) * (2 * run + 1) / (2 * MAX (tab_runs, 1))));
  prepare_arm (b);
  gloss_article_view_set_selected_annotation (bench_view (b), from);
  if (!wait_quiet_for (&b->watch, 0, b->step_timeout_s * 1000))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, "the window never settled");
      return FALSE;
    }
  watchdog_disarm ();
  g_set_object (&b->tab_from, gloss_article_view_get_selected_annotation (bench_view (b)));
  if (b->tab_from != from)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, "selecting an annotation to Tab from failed");
      return FALSE;
    }
  return TRUE;
}

static void
tab_act (Bench *b,
         guint  run)
{
  gtk_widget_activate_action_variant (GTK_WIDGET (b->watch.window), "win.next-annotation", NULL);
}

static gboolean
tab_done (Bench *b)
{
  GlossAnnotation *selected = gloss_article_view_get_selected_annotation (bench_view (b));

  return selected != NULL && selected != b->tab_from;
}

static gboolean
tab_verify (Bench   *b,
            GError **error)
{
  GlossAnnotation *selected = gloss_article_view_get_selected_annotation (bench_view (b));

  if (selected == NULL || gloss_annotation_get_start (selected) < gloss_annotation_get_start (b->tab_from))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, "Tab did not select the next annotation");
      return FALSE;
    }
  g_clear_object (&b->tab_from);
  return TRUE;
}

/* scrolling: the caret put where the key starts from, untimed */

static gboolean
caret_to (Bench   *b,
          int      end,
          GError **error)
{
  guint target = end > 0 ? buffer_length (b) : 0;

  if (!ensure_saved (b, error))
    return FALSE;
  if (caret_offset (b) == target)
    return TRUE;

  prepare_arm (b);
  move_cursor (b, GTK_MOVEMENT_BUFFER_ENDS, end);
  if (caret_offset (b) != target || !wait_quiet_for (&b->watch, 0, b->step_timeout_s * 1000))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, "could not put the caret at the %s",
                   end > 0 ? "end" : "start");
      return FALSE;
    }
  watchdog_disarm ();
  return TRUE;
}

static gboolean
at_start_prepare (Bench   *b,
                  guint    run,
                  GError **error)
{
  return caret_to (b, -1, error);
}

static gboolean
at_end_prepare (Bench   *b,
                guint    run,
                GError **error)
{
  return caret_to (b, 1, error);
}

static void
ctrl_end_act (Bench *b,
              guint  run)
{
  move_cursor (b, GTK_MOVEMENT_BUFFER_ENDS, 1);
}

static gboolean
ctrl_end_done (Bench *b)
{
  return caret_offset (b) == buffer_length (b);
}

static void
ctrl_home_act (Bench *b,
               guint  run)
{
  move_cursor (b, GTK_MOVEMENT_BUFFER_ENDS, -1);
}

static gboolean
ctrl_home_done (Bench *b)
{
  return caret_offset (b) == 0;
}

static void
page_down_act (Bench *b,
               guint  run)
{
  move_cursor (b, GTK_MOVEMENT_PAGES, 1);
}

static gboolean
page_down_done (Bench *b)
{
  return caret_offset (b) > 0;
}

/* The view shows the caret where it moved to (Ctrl+End may stop short of
 * the bottom margin), and the top of the article after Ctrl+Home. */
static gboolean
scrolled_verify (Bench      *b,
                 gboolean    to_end,
                 GError    **error)
{
  GtkTextView *view = GTK_TEXT_VIEW (bench_view (b));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GdkRectangle visible, caret;
  GtkTextIter iter;

  gtk_text_view_get_visible_rect (view, &visible);
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  gtk_text_view_get_iter_location (view, &iter, &caret);

  if (caret.y < visible.y || caret.y + caret.height > visible.y + visible.height
      || (!to_end && visible.y > 0))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED,
                   "the caret at the %s is at y %d, the view shows %d to %d",
                   to_end ? "end" : "start", caret.y, visible.y, visible.y + visible.height);
      return FALSE;
    }
  return TRUE;
}

static gboolean
ctrl_end_verify (Bench   *b,
                 GError **error)
{
  return scrolled_verify (b, TRUE, error);
}

static gboolean
ctrl_home_verify (Bench   *b,
                  GError **error)
{
  return scrolled_verify (b, FALSE, error);
}

static gboolean
page_down_verify (Bench   *b,
                  GError **error)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (bench_view (b)));

  if (gtk_adjustment_get_value (adjustment) <= 0)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, "Page Down did not scroll");
      return FALSE;
    }
  return TRUE;
}

/* autosave: an edit waits with the longest delay; a short one is set */

#define SHORT_AUTOSAVE_DELAY_MS 20

static gint64 memory_before_kb, memory_peak_kb, memory_after_kb;
static gboolean memory_measured;

static gboolean
autosave_prepare (Bench   *b,
                  guint    run,
                  GError **error)
{
  GlossAnnotation *selected;
  gboolean ok;

  gloss_session_set_autosave_delay (bench_session (b), LONG_AUTOSAVE_DELAY_MS);
  if (!label_key_prepare (b, run, error))
    return FALSE;

  prepare_arm (b);
  label_key_act (b, run);
  WAIT_FOR (label_key_done (b), b->step_timeout_s * 1000, ok);
  if (!ok || !label_key_verify (b, error)
      || !wait_quiet_for (&b->watch, 0, b->step_timeout_s * 1000))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, "the edit to autosave failed");
      return FALSE;
    }
  watchdog_disarm ();

  selected = gloss_article_view_get_selected_annotation (bench_view (b));
  g_free (b->saved_id);
  b->saved_id = g_strdup (gloss_annotation_get_id (selected));
  follow_saves (b);

  if (gloss_session_get_save_state (bench_session (b)) != GLOSS_SAVE_STATE_PENDING)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, "the edit is not waiting to be saved (state %d)",
                   gloss_session_get_save_state (bench_session (b)));
      return FALSE;
    }

  if (b->measure_memory && run == 0)
    {
      memory_before_kb = read_status_kb ("VmRSS");
      memory_measured = reset_peak_memory ();
    }
  return TRUE;
}

static guint autosave_saving_before;

static void
autosave_act (Bench *b,
              guint  run)
{
  autosave_saving_before = b->n_saving;
  gloss_session_set_autosave_delay (bench_session (b), SHORT_AUTOSAVE_DELAY_MS);
}

static gboolean
autosave_done (Bench *b)
{
  GlossSession *session = bench_session (b);

  return b->n_saving > autosave_saving_before
         && gloss_session_get_save_state (session) == GLOSS_SAVE_STATE_SAVED;
}

static gboolean
autosave_verify (Bench   *b,
                 GError **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *needle = g_strdup_printf ("\"%s\"", b->saved_id);

  if (b->measure_memory && memory_before_kb > 0 && memory_peak_kb == 0)
    {
      memory_peak_kb = memory_measured ? read_status_kb ("VmHWM") : -1;
      memory_after_kb = read_status_kb ("VmRSS");
    }

  if (!g_file_get_contents (b->sidecar_path, &contents, NULL, error))
    return FALSE;
  if (strstr (contents, needle) == NULL)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED,
                   "the autosave did not write annotation %s", b->saved_id);
      return FALSE;
    }

  /* Back as it was, untimed: the delay, the edit undone and saved. */
  gloss_session_set_autosave_delay (bench_session (b), LONG_AUTOSAVE_DELAY_MS);
  b->annotated = TRUE;
  undo_act (b, 0);
  if (!undo_done (b))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, "undoing the autosaved edit failed");
      return FALSE;
    }
  b->annotated = FALSE;
  return ensure_saved (b, error);
}

/* Another program
 * ------------------------------------------------------------------------ */

static gpointer
writer_thread (gpointer data)
{
  Bench *b = data;
  gsize length;
  const char *contents = g_bytes_get_data (b->write_contents, &length);

  /* A new file renamed over the old one, as editors and git do. */
  g_file_set_contents (b->write_path, contents, length, &b->write_error);
  g_atomic_int_set (&b->writer_done, TRUE);
  return NULL;
}

static void
start_writer (Bench *b)
{
  g_atomic_int_set (&b->writer_done, FALSE);
  b->writer = g_thread_new ("other-program", writer_thread, b);
}

static gboolean
writer_done (Bench *b)
{
  return b->writer == NULL || g_atomic_int_get (&b->writer_done);
}

static gboolean
join_writer (Bench   *b,
             GError **error)
{
  if (b->writer == NULL)
    return TRUE;
  g_thread_join (g_steal_pointer (&b->writer));
  if (b->write_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&b->write_error));
      return FALSE;
    }
  return TRUE;
}

static void
prepare_writer (Bench      *b,
                const char *path,
                char       *contents,
                gsize       length)
{
  g_free (b->write_path);
  b->write_path = g_strdup (path);
  g_clear_pointer (&b->write_contents, g_bytes_unref);
  b->write_contents = g_bytes_new_take (contents, length);
}

/* reload: somebody else rewrites the sidecar; the banner's Reload */

static gboolean
reload_prepare (Bench   *b,
                guint    run,
                GError **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *changed = NULL;
  const char *id, *id_end, *note, *note_end;
  gsize length;

  if (!ensure_saved (b, error))
    return FALSE;

  if (!g_file_get_contents (b->sidecar_path, &contents, &length, error))
    return FALSE;

  /* The first annotation's note, rewritten as a text editor would. */
  id = strstr (contents, "\"id\": \"a-");
  note = id != NULL ? strstr (id, "\"note\": \"") : NULL;
  if (id == NULL || note == NULL)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, "no annotation with a note in the sidecar");
      return FALSE;
    }
  id += strlen ("\"id\": \"");
  id_end = strchr (id, '"');
  note += strlen ("\"note\": \"");
  note_end = strchr (note, '"');

  g_free (b->note_id);
  b->note_id = g_strndup (id, id_end - id);
  g_free (b->note_expected);
  b->note_expected = g_strdup_printf ("changed elsewhere, run %u", run + 1);
  changed = g_strdup_printf ("%.*s%s%s", (int) (note - contents), contents, b->note_expected, note_end);
  b->reload_clicked = FALSE;

  length = strlen (changed);
  prepare_writer (b, b->sidecar_path, g_steal_pointer (&changed), length);
  return TRUE;
}

static void
reload_act (Bench *b,
            guint  run)
{
  start_writer (b);
}

static gboolean
reload_done (Bench *b)
{
  GlossAnnotation *annotation;

  if (!writer_done (b))
    return FALSE;

  if (!b->reload_clicked)
    {
      /* The banner offers Reload: press it, as a person would. */
      if (!gloss_session_get_external_change (bench_session (b))
          || !gtk_widget_get_visible (b->watch.window->reload_button)
          || !gtk_widget_is_sensitive (b->watch.window->reload_button))
        return FALSE;
      b->reload_clicked = TRUE;
      /* What a click emits (gtk_widget_activate() would wait 250 ms
       * showing the button pressed, and only once it is drawn). */
      g_signal_emit_by_name (b->watch.window->reload_button, "clicked");
    }

  annotation = gloss_annotation_set_lookup (bench_set (b), b->note_id);
  return annotation != NULL && g_strcmp0 (gloss_annotation_get_note (annotation), b->note_expected) == 0;
}

static gboolean
reload_verify (Bench   *b,
               GError **error)
{
  if (!join_writer (b, error))
    return FALSE;
  if (gloss_session_get_external_change (bench_session (b))
      || gloss_annotation_set_get_n_annotations (bench_set (b)) != b->n_expected)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED,
                   "after the reload: %u annotations, expected %u; external change %s",
                   gloss_annotation_set_get_n_annotations (bench_set (b)), b->n_expected,
                   gloss_session_get_external_change (bench_session (b)) ? "still shown" : "settled");
      return FALSE;
    }
  return TRUE;
}

/* the article rewritten on disk: the window opens it again */

#define ARTICLE_PREFIX "Updated. "

static gboolean
article_prepare (Bench   *b,
                 guint    run,
                 GError **error)
{
  GListModel *model;
  g_autoptr(GlossAnnotation) first = NULL;
  guint prefix_length = g_utf8_strlen (ARTICLE_PREFIX, -1);
  GString *text;
  gsize length;

  if (!ensure_saved (b, error))
    return FALSE;

  model = G_LIST_MODEL (bench_set (b));
  if (g_list_model_get_n_items (model) > 0)
    {
      first = g_list_model_get_item (model, 0);
      b->first_start_expected = gloss_annotation_get_start (first) + prefix_length;
    }

  /* One more prefix each time: every run re-anchors every annotation. */
  b->expected_length = gloss_document_get_length (gloss_session_get_document (bench_session (b))) + prefix_length;
  g_set_object (&b->old_session, bench_session (b));

  b->prefix_runs++;
  text = g_string_new (NULL);
  for (guint i = 0; i < b->prefix_runs; i++)
    g_string_append (text, ARTICLE_PREFIX);
  g_string_append_len (text, b->original_text, b->original_bytes);
  length = text->len;
  prepare_writer (b, b->article_path, g_string_free (text, FALSE), length);
  return TRUE;
}

static void
article_act (Bench *b,
             guint  run)
{
  start_writer (b);
}

static gboolean
article_done (Bench *b)
{
  GlossSession *session = bench_session (b);

  return writer_done (b) && session != NULL && session != b->old_session
         && gloss_document_get_length (gloss_session_get_document (session)) == b->expected_length
         && gloss_annotation_set_get_n_annotations (gloss_session_get_annotations (session)) == b->n_expected;
}

static gboolean
article_verify (Bench   *b,
                GError **error)
{
  GListModel *model = G_LIST_MODEL (bench_set (b));

  g_clear_object (&b->old_session);
  if (!join_writer (b, error))
    return FALSE;
  if (g_list_model_get_n_items (model) != b->n_expected)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, "%u annotations placed after reopening, expected %u",
                   g_list_model_get_n_items (model), b->n_expected);
      return FALSE;
    }
  if (b->n_expected > 0)
    {
      g_autoptr(GlossAnnotation) first = g_list_model_get_item (model, 0);

      if (gloss_annotation_get_start (first) != b->first_start_expected)
        {
          g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED,
                       "the first annotation starts at %u after reopening, expected %u",
                       gloss_annotation_get_start (first), b->first_start_expected);
          return FALSE;
        }
    }
  /* For the record: what became of the suggestions, whose spans are on
   * the text before the prefix (nothing of them is checked: that is the
   * session's to decide). */
  if (b->n_suggestions > 0)
    {
      GlossSuggestionFile *file = gloss_session_get_suggestions (bench_session (b));
      const char *problem = gloss_session_get_suggestions_error (bench_session (b));

      printf ("  (reopened with %u of %u suggestions listed%s%s)\n",
              file != NULL ? g_list_model_get_n_items (gloss_suggestion_file_get_suggestions (file)) : 0,
              b->n_suggestions, problem != NULL ? "; the suggestions file: " : "", problem != NULL ? problem : "");
      fflush (stdout);
    }
  follow_saves (b);
  return TRUE;
}

/* Suggestions: F8, Ctrl+Return, Ctrl+Delete, Accept All in View
 * ------------------------------------------------------------------------
 *
 * Each run starts where the last left the article: an accept is undone
 * and a rejection taken back, untimed, after it was checked, and their
 * toasts dismissed (else they would slide out during a later step, and
 * any queued behind them in). */

static guint suggestion_runs;

static GlossSuggestionFile *
bench_suggestions (Bench *b)
{
  return gloss_session_get_suggestions (bench_session (b));
}

static guint
n_listed (Bench *b)
{
  GlossSuggestionFile *file = bench_suggestions (b);

  return file != NULL ? g_list_model_get_n_items (gloss_suggestion_file_get_suggestions (file)) : 0;
}

static guint
bench_n_annotations (Bench *b)
{
  return gloss_annotation_set_get_n_annotations (bench_set (b));
}

static void
activate (Bench      *b,
          const char *action)
{
  gtk_widget_activate_action_variant (GTK_WIDGET (b->watch.window), action, NULL);
}

/* Offsets spread over the whole article, one for each run. */
static guint
spread_offset (Bench *b,
               guint  run)
{
  guint length = gloss_document_get_length (gloss_session_get_document (bench_session (b)));

  return (guint) ((guint64) length * (2 * run + 1) / (2 * MAX (suggestion_runs, 1)));
}

static gboolean
settle_prepared (Bench   *b,
                 GError **error)
{
  if (!wait_quiet_for (&b->watch, 0, b->step_timeout_s * 1000))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, "the window never settled");
      return FALSE;
    }
  watchdog_disarm ();
  return TRUE;
}

/* The caret at @offset, nothing selected, the view scrolled there. */
static gboolean
place_caret (Bench   *b,
             guint    offset,
             GError **error)
{
  GlossArticleView *view = bench_view (b);
  guint start, end;

  prepare_arm (b);
  gloss_article_view_set_selected_annotation (view, NULL);
  gloss_article_view_select_range (view, offset, offset);
  if (gloss_article_view_get_selection_range (view, &start, &end))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, "could not put the caret at %u", offset);
      return FALSE;
    }
  return settle_prepared (b, error);
}

/* The listed suggestion whose span is selected, or NULL (borrowed). */
static GlossSuggestion *
selected_suggestion (Bench *b)
{
  guint start, end;

  if (!gloss_article_view_get_selection_range (bench_view (b), &start, &end))
    return NULL;
  return gloss_suggestion_file_find_at (bench_suggestions (b), start, end);
}

/* The toasts of the step, and any queued behind them, gone. Each is
 * dismissed once the window has settled: libadwaita 1.2 crashes on a
 * dismiss during a toast's show animation (see
 * gloss_window_announce_with_undo()), and a hiding toast's widget is gone
 * by then. */
static gboolean
dismiss_toasts (Bench   *b,
                GError **error)
{
  GtkWidget *overlay = GTK_WIDGET (b->watch.window->toast_overlay);
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_MS * G_GINT64_CONSTANT (1000);

  for (;;)
    {
      gboolean any = FALSE;

      prepare_arm (b);
      if (!settle_prepared (b, error))
        return FALSE;
      for (GtkWidget *child = gtk_widget_get_first_child (overlay); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          AdwToast *toast = NULL;

          if (g_strcmp0 (G_OBJECT_TYPE_NAME (child), "AdwToastWidget") != 0)
            continue;
          any = TRUE;
          /* libadwaita's own widget for a toast has it as a property;
           * without it the toast goes when its time is up. */
          if (g_object_class_find_property (G_OBJECT_GET_CLASS (child), "toast") == NULL)
            continue;
          g_object_get (child, "toast", &toast, NULL);
          if (toast != NULL)
            adw_toast_dismiss (toast);
          g_clear_object (&toast);
        }
      if (!any)
        return TRUE;
      if (g_get_monotonic_time () > deadline)
        {
          g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, "the toasts never went");
          return FALSE;
        }
    }
}

/* From the caret at a spread offset, F8 (untimed) to the next suggestion,
 * and on past ties unless @ties (Ctrl+Return does not settle one). */
static gboolean
step_to_suggestion (Bench    *b,
                    guint     run,
                    gboolean  ties,
                    GError  **error)
{
  GlossSuggestion *stepped = NULL;

  if (!place_caret (b, spread_offset (b, run), error))
    return FALSE;

  prepare_arm (b);
  for (guint tries = 0; tries < 4; tries++)
    {
      activate (b, "win.next-suggestion");
      stepped = selected_suggestion (b);
      if (stepped == NULL || ties || gloss_suggestion_get_label (stepped) != NULL)
        break;
    }
  if (stepped == NULL || (!ties && gloss_suggestion_get_label (stepped) == NULL))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, "F8 did not select a suggestion to decide on");
      return FALSE;
    }
  g_set_object (&b->target, stepped);
  b->n_listed_before = n_listed (b);
  b->n_before = bench_n_annotations (b);
  return settle_prepared (b, error);
}

/* next-suggestion: F8 from the caret */

static gboolean
next_suggestion_prepare (Bench   *b,
                         guint    run,
                         GError **error)
{
  GlossSuggestionFile *file;
  guint position;
  g_autoptr(GlossSuggestion) next = NULL;

  if (!ensure_saved (b, error) || !place_caret (b, spread_offset (b, run), error))
    return FALSE;

  /* Where F8 must go: the first listed after the caret (the list's
   * filter shows them all). */
  file = bench_suggestions (b);
  position = gloss_suggestion_file_find_next (file, gloss_article_view_get_caret_offset (bench_view (b)), TRUE, TRUE);
  if (position == G_MAXUINT)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, "no suggestion after the caret");
      return FALSE;
    }
  next = g_list_model_get_item (gloss_suggestion_file_get_suggestions (file), position);
  g_set_object (&b->target, next);
  b->n_listed_before = n_listed (b);
  return TRUE;
}

static void
next_suggestion_act (Bench *b,
                     guint  run)
{
  activate (b, "win.next-suggestion");
}

static gboolean
next_suggestion_done (Bench *b)
{
  guint start, end;

  return gloss_article_view_get_selection_range (bench_view (b), &start, &end)
         && start == gloss_suggestion_get_start (b->target)
         && end == gloss_suggestion_get_end (b->target);
}

static gboolean
next_suggestion_verify (Bench   *b,
                        GError **error)
{
  if (selected_suggestion (b) != b->target || n_listed (b) != b->n_listed_before)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, "F8 did not select the next suggestion");
      return FALSE;
    }
  g_clear_object (&b->target);
  return TRUE;
}

/* accept-suggestion: Ctrl+Return on the suggestion stepped to */

static gboolean
accept_suggestion_prepare (Bench   *b,
                           guint    run,
                           GError **error)
{
  return ensure_saved (b, error) && step_to_suggestion (b, run, FALSE, error);
}

static void
accept_suggestion_act (Bench *b,
                       guint  run)
{
  activate (b, "win.accept-suggestion");
}

static gboolean
accept_suggestion_done (Bench *b)
{
  return bench_n_annotations (b) == b->n_before + 1;
}

/* Undone, untimed: the annotation goes and the suggestions are listed
 * again as they were. */
static gboolean
undo_accepting (Bench   *b,
                GError **error)
{
  gboolean ok;

  prepare_arm (b);
  activate (b, "win.undo");
  WAIT_FOR (bench_n_annotations (b) == b->n_before && n_listed (b) == b->n_listed_before,
            b->step_timeout_s * 1000, ok);
  if (!ok)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, "undoing the accept left %u annotations and %u "
                   "suggestions, expected %u and %u", bench_n_annotations (b), n_listed (b), b->n_before, b->n_listed_before);
      return FALSE;
    }
  return dismiss_toasts (b, error);
}

static gboolean
accept_suggestion_verify (Bench   *b,
                          GError **error)
{
  guint start = gloss_suggestion_get_start (b->target);
  guint end = gloss_suggestion_get_end (b->target);
  g_autoptr(GPtrArray) there = gloss_annotation_set_in_range (bench_set (b), start, end);
  gboolean found = FALSE;

  for (guint i = 0; i < there->len; i++)
    {
      GlossAnnotation *annotation = g_ptr_array_index (there, i);

      found |= gloss_annotation_get_start (annotation) == start && gloss_annotation_get_end (annotation) == end
               && g_strcmp0 (gloss_annotation_get_label (annotation), gloss_suggestion_get_label (b->target)) == 0;
    }
  if (!found || n_listed (b) != b->n_listed_before - 1)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, "Ctrl+Return did not accept the suggestion at [%u, %u)",
                   start, end);
      return FALSE;
    }
  g_clear_object (&b->target);
  return undo_accepting (b, error);
}

/* reject-suggestion: Ctrl+Delete on the suggestion stepped to */

static gboolean
reject_suggestion_prepare (Bench   *b,
                           guint    run,
                           GError **error)
{
  return ensure_saved (b, error) && step_to_suggestion (b, run, TRUE, error);
}

static void
reject_suggestion_act (Bench *b,
                       guint  run)
{
  activate (b, "win.reject-suggestion");
}

static gboolean
reject_suggestion_done (Bench *b)
{
  return n_listed (b) == b->n_listed_before - 1;
}

static gboolean
reject_suggestion_verify (Bench   *b,
                          GError **error)
{
  GlossSuggestionFile *file = bench_suggestions (b);
  gboolean ok;

  if (!gloss_suggestion_file_is_rejected (file, b->target) || bench_n_annotations (b) != b->n_before)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, "Ctrl+Delete did not reject the suggestion");
      return FALSE;
    }

  /* Taken back, untimed, as the toast's Undo does. */
  prepare_arm (b);
  activate (b, "win.unreject-suggestion");
  WAIT_FOR (n_listed (b) == b->n_listed_before, b->step_timeout_s * 1000, ok);
  if (!ok || gloss_suggestion_file_is_rejected (file, b->target))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, "taking the rejection back failed");
      return FALSE;
    }
  g_clear_object (&b->target);
  return dismiss_toasts (b, error);
}

/* accept-view: Accept All in View, scrolled to a spread place */

static gboolean
accept_view_prepare (Bench   *b,
                     guint    run,
                     GError **error)
{
  GlossSuggestionFile *file;
  GListModel *list;
  guint start, end, n;

  if (!ensure_saved (b, error) || !place_caret (b, spread_offset (b, run), error))
    return FALSE;

  /* What the action takes: those the list shows whose whole span is on
   * the lines wholly on screen, but the ties (left to decide). */
  file = bench_suggestions (b);
  list = gloss_suggestion_file_get_suggestions (file);
  n = g_list_model_get_n_items (list);
  gloss_article_view_get_visible_range (bench_view (b), &start, &end);
  b->n_accepting = 0;
  for (guint position = gloss_suggestion_file_find_next (file, start == 0 ? 0 : start - 1, TRUE, FALSE);
       position != G_MAXUINT && position < n; position++)
    {
      g_autoptr(GlossSuggestion) suggestion = g_list_model_get_item (list, position);

      if (gloss_suggestion_get_start (suggestion) >= end)
        break;
      if (gloss_suggestion_get_start (suggestion) >= start && gloss_suggestion_get_end (suggestion) <= end
          && gloss_suggestion_get_label (suggestion) != NULL
          && gloss_suggestion_list_shows (b->watch.window->suggestion_list, suggestion))
        b->n_accepting++;
    }
  if (b->n_accepting == 0)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, "no suggestion on screen at [%u, %u)", start, end);
      return FALSE;
    }
  b->n_listed_before = n;
  b->n_before = bench_n_annotations (b);
  return TRUE;
}

static void
accept_view_act (Bench *b,
                 guint  run)
{
  activate (b, "win.accept-visible-suggestions");
}

static gboolean
accept_view_done (Bench *b)
{
  return bench_n_annotations (b) == b->n_before + b->n_accepting;
}

static gboolean
accept_view_verify (Bench   *b,
                    GError **error)
{
  if (n_listed (b) != b->n_listed_before - b->n_accepting)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, "Accept All in View left %u suggestions listed, expected %u",
                   n_listed (b), b->n_listed_before - b->n_accepting);
      return FALSE;
    }
  return undo_accepting (b, error);
}

/* The table of steps */

typedef gboolean (*PrepareFunc) (Bench *b, guint run, GError **error);
typedef gboolean (*VerifyFunc)  (Bench *b, GError **error);

/* follow: a label key with suggest-while-marking on, timed until the
 * merge of its other occurrences (GLOSS_SUGGESTER_FOLLOW_DELAY_MS later,
 * the run itself in a worker) is in the list and the window settled. */

static guint
follow_runs (Bench *b)
{
  GlossSuggester *suggester = gloss_window_get_suggester (b->watch.window);

  return suggester != NULL ? gloss_suggester_get_n_follow_runs (suggester) : 0;
}

static gboolean
follow_prepare (Bench   *b,
                guint    run,
                GError **error)
{
  gboolean undid = b->annotated;
  guint before = follow_runs (b);
  gboolean ok;

  if (!label_key_prepare (b, run, error))
    return FALSE;

  /* The last step's mark, undone by the preparation, has its own merge:
   * in, and saved, before the timed one. */
  if (undid)
    {
      prepare_arm (b);
      WAIT_FOR (follow_runs (b) > before, b->step_timeout_s * 1000, ok);
      if (!ok || !ensure_saved (b, error))
        {
          if (error != NULL && *error == NULL)
            g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, "the merge after the undo never came");
          return FALSE;
        }
      watchdog_disarm ();
    }

  b->follow_runs_before = follow_runs (b);
  b->n_listed_before = n_listed (b);
  return TRUE;
}

static gboolean
follow_done (Bench *b)
{
  return label_key_done (b) && follow_runs (b) > b->follow_runs_before;
}

static gboolean
follow_verify (Bench   *b,
               GError **error)
{
  if (!label_key_verify (b, error))
    return FALSE;
  b->follow_changes = MAX (n_listed (b), b->n_listed_before) - MIN (n_listed (b), b->n_listed_before);
  return TRUE;
}

typedef enum
{
  NEEDS_NOTHING,
  NEEDS_ANNOTATIONS,
  NEEDS_SUGGESTIONS,
  NEEDS_FOLLOW,        /* suggestions, and --follow */
} Needs;

typedef struct
{
  const char  *name;
  const char  *key;       /* for --only */
  PrepareFunc  prepare;
  ActFunc      act;
  DoneFunc     done;
  VerifyFunc   verify;
  guint        tail_ms;
  Needs        needs;
} Step;

static const Step steps[] = {
  { "label key (win.annotate on a selected word)", "key", label_key_prepare, label_key_act, label_key_done, label_key_verify, 0, NEEDS_NOTHING },
  { "undo", "undo", undo_prepare, undo_act, undo_done, undo_verify, 0, NEEDS_NOTHING },
  { "Tab (next annotation)", "tab", tab_prepare, tab_act, tab_done, tab_verify, 0, NEEDS_ANNOTATIONS },
  { "Page Down", "page-down", at_start_prepare, page_down_act, page_down_done, page_down_verify, 0, NEEDS_NOTHING },
  { "Ctrl+End", "ctrl-end", at_start_prepare, ctrl_end_act, ctrl_end_done, ctrl_end_verify, 0, NEEDS_NOTHING },
  { "Ctrl+Home", "ctrl-home", at_end_prepare, ctrl_home_act, ctrl_home_done, ctrl_home_verify, 0, NEEDS_NOTHING },
  { "autosave (to the end of the write)", "autosave", autosave_prepare, autosave_act, autosave_done, autosave_verify, FILE_TAIL_MS, NEEDS_NOTHING },
  { "reload after the sidecar changed on disk", "reload", reload_prepare, reload_act, reload_done, reload_verify, FILE_TAIL_MS, NEEDS_ANNOTATIONS },
  { "the article changed on disk (opened again)", "article", article_prepare, article_act, article_done, article_verify, FILE_TAIL_MS, NEEDS_NOTHING },
  { "F8 (next suggestion, from the caret)", "next-suggestion", next_suggestion_prepare, next_suggestion_act, next_suggestion_done, next_suggestion_verify, 0, NEEDS_SUGGESTIONS },
  { "Ctrl+Return (accept the suggestion, step on)", "accept-suggestion", accept_suggestion_prepare, accept_suggestion_act, accept_suggestion_done, accept_suggestion_verify, 0, NEEDS_SUGGESTIONS },
  { "Ctrl+Delete (reject the suggestion, step on)", "reject-suggestion", reject_suggestion_prepare, reject_suggestion_act, reject_suggestion_done, reject_suggestion_verify, 0, NEEDS_SUGGESTIONS },
  { "Accept All in View", "accept-view", accept_view_prepare, accept_view_act, accept_view_done, accept_view_verify, 0, NEEDS_SUGGESTIONS },
  { "label key and the merge of its other occurrences (suggest while marking)", "follow", follow_prepare, label_key_act, follow_done, follow_verify, 0, NEEDS_FOLLOW },
};

enum { STEP_LABEL_KEY, STEP_UNDO, STEP_TAB, STEP_PAGE_DOWN, STEP_CTRL_END, STEP_CTRL_HOME,
       STEP_AUTOSAVE, STEP_RELOAD, STEP_ARTICLE,
       STEP_NEXT_SUGGESTION, STEP_ACCEPT_SUGGESTION, STEP_REJECT_SUGGESTION, STEP_ACCEPT_VIEW,
       STEP_FOLLOW,
       N_STEPS };

/* --only: profiling one action leaves the others out. */
static gboolean
wanted (const char *key)
{
  g_auto(GStrv) keys = NULL;

  if (opt_only == NULL)
    return TRUE;
  keys = g_strsplit (opt_only, ",", -1);
  return g_strv_contains ((const char * const *) keys, key);
}

static gboolean
run_step (Bench       *b,
          guint        index,
          guint        run,
          Sample      *sample,
          GError     **error)
{
  const Step *step = &steps[index];
  g_autoptr(GError) local_error = NULL;

  b->step_name = step->name;
  if (!step->prepare (b, run, &local_error)
      || !record (b, step->name, step->act, step->done, run, step->tail_ms, sample, &local_error)
      || !step->verify (b, &local_error))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, "%s: %s", step->name,
                   local_error != NULL ? local_error->message : "failed");
      return FALSE;
    }

  watchdog_disarm ();
  return TRUE;
}

/* "STEP, SIZE: longest main-loop stall median M ms, max X ms (target:
 * none over T ms); done in median D ms" */
static void
report_step (const char *name,
             const char *size,
             Sample     *samples,
             guint       n,
             double      stall_target_ms,
             double      done_target_ms)
{
  g_autofree double *stalls = g_new (double, n);
  g_autofree double *dones = g_new (double, n);
  g_autofree double *settled = g_new (double, n);
  g_autofree double *cpu = g_new (double, n);
  guint n_saved = 0;
  double stall_median, done_median, settled_median, cpu_median;
  gboolean met;

  for (guint i = 0; i < n; i++)
    {
      stalls[i] = samples[i].stall_ms;
      dones[i] = samples[i].done_ms;
      settled[i] = samples[i].settled_ms;
      cpu[i] = samples[i].stall_cpu_ms;
      n_saved += samples[i].saved_meanwhile;
    }
  stall_median = sort_median (stalls, n);
  done_median = sort_median (dones, n);
  settled_median = sort_median (settled, n);
  cpu_median = sort_median (cpu, n);
  met = stalls[n - 1] <= stall_target_ms && (done_target_ms <= 0 || dones[n - 1] <= done_target_ms);

  printf ("%s, %s: longest main-loop stall median %.1f ms, max %.1f ms; done in median %.1f ms, max %.1f ms;"
          " settled in median %.0f ms (%u run%s; target: no stall over %g ms%s)%s\n",
          name, size, stall_median, stalls[n - 1], done_median, dones[n - 1], settled_median,
          n, n == 1 ? "" : "s", stall_target_ms,
          done_target_ms > 0 ? ", done within the same" : "",
          met ? "" : " — SLOWER THAN TARGET");
  /* Not for the autosave itself, nor for the reopening of a changed
   * article, which writes what it re-anchored. */
  printf ("  the main thread's CPU time in each run's longest stall: median %.1f ms, max %.1f ms\n",
          cpu_median, cpu[n - 1]);
  if (n_saved > 0 && strstr (name, "autosave") == NULL)
    printf ("  (a save started during %u of these runs)\n", n_saved);
  fflush (stdout);
}

/* First frames (sized runs)
 * ------------------------------------------------------------------------ */

/* Opens @big and @plain in turn, each in a new window: once untimed, then
 * opt_frame_runs times. Alternating spreads any change in the machine's
 * load over both. */
static gboolean
time_first_frames (GFile   *big,
                   GFile   *plain,
                   guint    n_annotations,
                   double  *big_ms,
                   double  *plain_ms,
                   double  *big_first_ms,
                   double  *big_session_ms,
                   double  *big_stall_ms,
                   double  *big_complete_ms,
                   double  *big_suggestions_ms,
                   GError **error)
{
  for (guint run = 0; run <= (guint) opt_frame_runs; run++)
    {
      for (guint which = 0; which < 2; which++)
        {
          g_autoptr(GlossAnnotationSet) truth = load_truth (which == 0 ? big : plain);
          Watch watch;
          double ms;
          double stall;

          start_recording ();
          if (!open_window (&watch, which == 0 ? big : plain, truth, TIMEOUT_MS, error)
              || !check_open (&watch, which == 0 ? n_annotations : 0,
                              which == 0 ? (guint) opt_suggestions : 0, error))
            {
              stop_recording ();
              close_window (&watch, NULL);
              return FALSE;
            }
          stall = stop_recording ();

          /* Run 0 warms the page cache, fonts and libgloss's lazy tables. */
          ms = (all_painted_us (&watch) - watch.started_us) / 1000.0;
          if (run > 0 && which == 0)
            {
              big_ms[run - 1] = ms;
              big_first_ms[run - 1] = (watch.awaited_us - watch.started_us) / 1000.0;
              big_session_ms[run - 1] = (watch.opened_us - watch.started_us) / 1000.0;
              big_stall_ms[run - 1] = stall;
              big_complete_ms[run - 1] = watch.complete_us != 0 ? (watch.complete_us - watch.started_us) / 1000.0 : ms;
              big_suggestions_ms[run - 1] = watch.suggestions_us != 0 ? (watch.suggestions_us - watch.started_us) / 1000.0 : -1;
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

static gboolean
bench_init (Bench       *b,
            const char  *article_path,
            guint        n_expected,
            GError     **error)
{
  g_autofree char *sidecar_name = NULL;
  g_autofree char *dir = g_path_get_dirname (article_path);
  g_autofree char *base = g_path_get_basename (article_path);

  b->article_path = g_strdup (article_path);
  b->article = g_file_new_for_path (article_path);
  sidecar_name = g_strdup_printf ("%s.%s.gloss.json", base, GLOSS_BENCH_ANNOTATOR);
  b->sidecar_path = g_build_filename (dir, sidecar_name, NULL);
  b->n_expected = n_expected;
  return g_file_get_contents (article_path, &b->original_text, &b->original_bytes, error);
}

static void
bench_clear (Bench *b)
{
  if (b->followed != NULL)
    g_signal_handler_disconnect (b->followed, b->save_state_id);
  g_clear_object (&b->followed);
  g_clear_object (&b->tab_from);
  g_clear_object (&b->target);
  g_clear_object (&b->old_session);
  g_clear_object (&b->article);
  g_clear_pointer (&b->article_path, g_free);
  g_clear_pointer (&b->sidecar_path, g_free);
  g_clear_pointer (&b->original_text, g_free);
  g_clear_pointer (&b->saved_id, g_free);
  g_clear_pointer (&b->note_id, g_free);
  g_clear_pointer (&b->note_expected, g_free);
  g_clear_pointer (&b->write_path, g_free);
  g_clear_pointer (&b->write_contents, g_bytes_unref);
}

/* The window opened on the article, the sidebar filled in, settled. */
static gboolean
bench_open (Bench              *b,
            GlossAnnotationSet *truth,
            guint               timeout_ms,
            GError            **error)
{
  gboolean ok;

  if (!open_window (&b->watch, b->article, truth, timeout_ms, error)
      || !check_open (&b->watch, b->n_expected, b->n_suggestions, error))
    return FALSE;

  if (b->n_expected > 0)
    {
      WAIT_FOR (gloss_annotation_list_get_n_visible (gloss_window_get_annotation_list (b->watch.window)) > 0,
                timeout_ms, ok);
      if (!ok)
        {
          g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, "the sidebar never filled in");
          return FALSE;
        }
    }

  if (!wait_quiet_for (&b->watch, 0, timeout_ms))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, "the window never settled");
      return FALSE;
    }

  follow_saves (b);
  return TRUE;
}

static gboolean run_all_sized (Bench *b, const char *size, Sample **samples, guint *counts, GError **error);

/* Runs each step (interleaving label key and undo) and reports it. */
static gboolean
run_sized_steps (Bench       *b,
                 const char  *size,
                 GError     **error)
{
  guint edit_runs = (guint) opt_runs;
  guint file_runs = (guint) opt_file_runs;
  Sample *samples[N_STEPS] = { NULL, };
  guint counts[N_STEPS] = { 0, };
  gboolean ok;

  label_key_runs = edit_runs;
  tab_runs = edit_runs;
  suggestion_runs = edit_runs;
  for (guint s = 0; s < N_STEPS; s++)
    samples[s] = g_new0 (Sample, MAX (edit_runs, file_runs));

  ok = run_all_sized (b, size, samples, counts, error);

  for (guint s = 0; s < N_STEPS; s++)
    g_free (samples[s]);
  return ok;
}

static gboolean
run_all_sized (Bench       *b,
               const char  *size,
               Sample     **samples,
               guint       *counts,
               GError     **error)
{
  guint edit_runs = (guint) opt_runs;
  guint file_runs = (guint) opt_file_runs;

  if (!wanted ("key") && !wanted ("undo"))
    goto after_edits;
  for (guint i = 0; i < edit_runs; i++)
    {
      if (!run_step (b, STEP_LABEL_KEY, i, &samples[STEP_LABEL_KEY][counts[STEP_LABEL_KEY]++], error)
          || !run_step (b, STEP_UNDO, i, &samples[STEP_UNDO][counts[STEP_UNDO]++], error))
        return FALSE;
    }

  {
    g_autofree double *annotate_ms = g_new (double, edit_runs);
    g_autofree double *undo_ms = g_new (double, edit_runs);
    g_autofree char *what = NULL;

    for (guint i = 0; i < edit_runs; i++)
      {
        annotate_ms[i] = samples[STEP_LABEL_KEY][i].frame_ms;
        undo_ms[i] = samples[STEP_UNDO][i].frame_ms;
      }
    what = g_strdup_printf ("label key to repainted highlight, %s", size);
    report_median_max (what, annotate_ms, edit_runs, FRAME_TARGET_MS);
    g_free (what);
    what = g_strdup_printf ("undo to repainted frame, %s", size);
    report_median_max (what, undo_ms, edit_runs, FRAME_TARGET_MS);
  }
  report_step (steps[STEP_LABEL_KEY].name, size, samples[STEP_LABEL_KEY], counts[STEP_LABEL_KEY], opt_stall_target, 0);
  report_step (steps[STEP_UNDO].name, size, samples[STEP_UNDO], counts[STEP_UNDO], opt_stall_target, 0);

after_edits:
  if (b->n_expected > 0 && wanted ("tab"))
    {
      for (guint i = 0; i < edit_runs; i++)
        if (!run_step (b, STEP_TAB, i, &samples[STEP_TAB][counts[STEP_TAB]++], error))
          return FALSE;
      report_step (steps[STEP_TAB].name, size, samples[STEP_TAB], counts[STEP_TAB], opt_stall_target, 0);
    }

  for (guint i = 0; i < file_runs; i++)
    for (guint s = STEP_PAGE_DOWN; s <= STEP_CTRL_HOME; s++)
      if (wanted (steps[s].key) && !run_step (b, s, i, &samples[s][counts[s]++], error))
        return FALSE;
  for (guint s = STEP_PAGE_DOWN; s <= STEP_CTRL_HOME; s++)
    if (wanted (steps[s].key))
      report_step (steps[s].name, size, samples[s], counts[s], opt_stall_target, 0);

  /* Before the file steps: the article rewritten on disk leaves the
   * suggestions' spans where they were, not on its new text. */
  for (guint s = STEP_NEXT_SUGGESTION; s <= STEP_FOLLOW && b->n_suggestions > 0; s++)
    {
      if (!wanted (steps[s].key) || (steps[s].needs == NEEDS_FOLLOW && !opt_follow))
        continue;
      for (guint i = 0; i < edit_runs; i++)
        {
          if (!run_step (b, s, i, &samples[s][counts[s]++], error))
            return FALSE;
          if (s == STEP_FOLLOW)
            printf ("(follow run %u: %u suggestions listed more or fewer)\n", i + 1, b->follow_changes);
        }
      report_step (steps[s].name, size, samples[s], counts[s], opt_stall_target, 0);
    }

  for (guint s = STEP_AUTOSAVE; s <= STEP_ARTICLE; s++)
    {
      if ((steps[s].needs == NEEDS_ANNOTATIONS && b->n_expected == 0) || !wanted (steps[s].key))
        continue;
      for (guint i = 0; i < file_runs; i++)
        if (!run_step (b, s, i, &samples[s][counts[s]++], error))
          return FALSE;
      report_step (steps[s].name, size, samples[s], counts[s], opt_stall_target, 0);

      if (s == STEP_AUTOSAVE && b->measure_memory)
        {
          if (memory_peak_kb > 0)
            printf ("memory around the first autosave, %s: %.0f MB before, peak %.0f MB during (%.2f×), "
                    "%.0f MB after (VmRSS, VmHWM reset by clear_refs; target: a save does not double it)%s\n",
                    size, memory_before_kb / 1024.0, memory_peak_kb / 1024.0,
                    (double) memory_peak_kb / memory_before_kb, memory_after_kb / 1024.0,
                    memory_peak_kb >= 2 * memory_before_kb ? " — DOUBLED" : "");
          else
            printf ("memory around the first autosave, %s: %.0f MB before, %.0f MB after "
                    "(the peak could not be read: VmHWM cannot be reset here)\n",
                    size, memory_before_kb / 1024.0, memory_after_kb / 1024.0);
          fflush (stdout);
        }
    }

  return TRUE;
}

/* The machine is shared: say how busy it was. */
static void
print_load (const char *when)
{
  g_autofree char *contents = NULL;

  if (g_file_get_contents ("/proc/loadavg", &contents, NULL, NULL))
    {
      g_strchomp (contents);
      printf ("(load average %s: %s; %u CPUs)\n", when, contents, g_get_num_processors ());
      fflush (stdout);
    }
}

/* The first frames, with and without the annotations, and their ratio. */
static gboolean
report_first_frames (GFile       *big,
                     GFile       *plain,
                     const char  *size,
                     const char  *plain_size,
                     GError     **error)
{
  guint n = (guint) opt_frame_runs;
  g_autofree double *big_ms = g_new (double, n);
  g_autofree double *plain_ms = g_new (double, n);
  g_autofree double *big_first_ms = g_new (double, n);
  g_autofree double *big_session_ms = g_new (double, n);
  g_autofree double *big_stall_ms = g_new (double, n);
  g_autofree double *big_complete_ms = g_new (double, n);
  g_autofree double *big_suggestions_ms = g_new (double, n);
  g_autofree char *what = NULL;
  double big_median, plain_median, ratio, stall_median;

  if (!time_first_frames (big, plain, (guint) opt_annotations, big_ms, plain_ms, big_first_ms,
                          big_session_ms, big_stall_ms, big_complete_ms, big_suggestions_ms, error))
    {
      gloss_bench_fail ("first frame: %s", (*error)->message);
      return FALSE;
    }

  /* gloss_bench_report() sorts a copy: the samples stay as they were. */
  what = g_strdup_printf ("first frame, %s", plain_size);
  gloss_bench_report (what, plain_ms, n, 0);
  plain_median = sort_median (plain_ms, n);
  big_median = sort_median (big_ms, n);
  ratio = big_median / plain_median;
  printf ("first frame, %s: median %.1f ms, min %.1f ms "
          "(target: within %.1f× of no annotations: %.2f×)%s\n",
          size, big_median, big_ms[0], RATIO_TARGET, ratio,
          ratio <= RATIO_TARGET ? "" : " — SLOWER THAN TARGET");
  fflush (stdout);
  gloss_bench_report ("  to the window's session (the whole sidecar read)",
                      big_session_ms, n, 0);
  gloss_bench_report ("  to the first frame after that", big_first_ms, n, 0);
  gloss_bench_report ("  to the whole text in the view (a long article goes in a chunk at a time)",
                      big_complete_ms, n, 0);
  /* They come with the session, not with the sidecar's head. */
  if (opt_suggestions > 0)
    gloss_bench_report ("  to the first frame with the suggestions outlined", big_suggestions_ms, n, 0);
  /* Sorted before its last is read (arguments are evaluated in any order). */
  stall_median = sort_median (big_stall_ms, n);
  printf ("  longest main-loop stall while opening: median %.1f ms, max %.1f ms\n",
          stall_median, big_stall_ms[n - 1]);
  return TRUE;
}

static int
run_sized (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *big_path = NULL;
  g_autofree char *plain_path = NULL;
  g_autofree char *size = describe_sized_run ();
  g_autofree char *plain_size = describe_size ((gsize) opt_bytes, 0);
  g_autoptr(GFile) big = NULL;
  g_autoptr(GFile) plain = NULL;
  g_autoptr(GlossAnnotationSet) truth = NULL;
  GlossBenchCorpusOptions options;
  Bench b = { { NULL, }, };
  double t0;
  int status = EXIT_SUCCESS;

  print_load ("at the start");
  gloss_bench_corpus_options_init (&options);
  dir = gloss_bench_make_tmp_dir (&error);
  if (dir == NULL)
    return gloss_bench_fail ("%s", error->message);

  t0 = gloss_bench_now_ms ();
  if (!gloss_bench_corpus_write_sized (dir, GLOSS_BENCH_BIG_NAME, (gsize) opt_bytes, (guint) opt_annotations,
                                       GLOSS_BENCH_ARTICLE_DEFAULT, &options, &error)
      || !copy_without_sidecar (dir, &error))
    {
      status = gloss_bench_fail ("generating the corpus: %s", error->message);
      goto out;
    }
  printf ("(corpus of %s generated in %.1f s)\n", size, (gloss_bench_now_ms () - t0) / 1000);

  big_path = g_build_filename (dir, GLOSS_BENCH_BIG_NAME, NULL);
  plain_path = g_build_filename (dir, PLAIN_NAME, NULL);
  big = g_file_new_for_path (big_path);
  plain = g_file_new_for_path (plain_path);

  if (opt_suggestions > 0)
    {
      t0 = gloss_bench_now_ms ();
      if (!write_suggestions_file (big, (guint) opt_suggestions, &error))
        {
          status = gloss_bench_fail ("writing the suggestions file: %s", error->message);
          goto out;
        }
      printf ("(suggestions file written in %.1f s)\n", (gloss_bench_now_ms () - t0) / 1000);
    }

  if (wanted ("open") && !report_first_frames (big, plain, size, plain_size, &error))
    {
      status = EXIT_FAILURE;
      goto out;
    }

  if (!bench_init (&b, big_path, (guint) opt_annotations, &error))
    {
      status = gloss_bench_fail ("%s", error->message);
      goto out;
    }
  b.step_timeout_s = TIMEOUT_MS / 1000;
  b.timeout_note = "";
  b.timeout_status = EXIT_FAILURE;
  b.measure_memory = opt_memory;
  b.n_suggestions = (guint) opt_suggestions;

  truth = load_truth (b.article);
  if (!bench_open (&b, truth, TIMEOUT_MS, &error))
    {
      status = gloss_bench_fail ("opening for the actions: %s", error->message);
      goto out;
    }
  /* Not to be counted in the memory figures. */
  g_clear_object (&truth);

  if (!run_sized_steps (&b, size, &error))
    {
      status = gloss_bench_fail ("%s", error->message);
      goto out;
    }

out:
  print_load ("at the end");
  watchdog_disarm ();
  if (!close_window (&b.watch, error == NULL ? &error : NULL) && status == EXIT_SUCCESS)
    status = gloss_bench_fail ("closing: %s", error->message);
  bench_clear (&b);
  gloss_bench_remove_dir (dir);
  return status;
}

/* Long lines
 * ------------------------------------------------------------------------ */

typedef struct
{
  const char *name;
  gsize       bytes;
  guint       n_annotations;
  int         budget_s;     /* for all its steps, with restarts */
} LongArticle;

static const LongArticle long_articles[] = {
  { "long-1mb-plain.txt", 1000000, 0, 85 },
  { "long-1mb.txt", 1000000, 10000, 85 },
  { "long-5mb-plain.txt", 5000000, 0, 180 },
  { "long-5mb.txt", 5000000, 50000, 200 },
};

/* In the child: open the article (it is an untimed warm-up for nothing:
 * the first open is what a person waits for), then the steps from
 * opt_first_step on. */
static int
run_child (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *size = describe_size ((gsize) opt_bytes, (guint) opt_annotations);
  g_autoptr(GlossAnnotationSet) truth = NULL;
  Bench b = { { NULL, }, };
  int status = EXIT_SUCCESS;
  int open_timeout_s = LONG_OPEN_TIMEOUT_S;
  gint64 left_s = (opt_budget_end - g_get_monotonic_time ()) / G_USEC_PER_SEC;
  double stall;

  if (!bench_init (&b, opt_child, (guint) opt_annotations, &error))
    return gloss_bench_fail ("%s", error->message);
  b.long_lines = TRUE;
  b.step_timeout_s = LONG_STEP_TIMEOUT_S;
  b.timeout_note = "";
  label_key_runs = LONG_RUNS;
  tab_runs = LONG_RUNS;

  {
    g_autofree char *what = g_strdup_printf ("open, %s one paragraph", size);
    g_autofree char *watched = NULL;

    /* Limited by the article's time budget, say so. */
    if (left_s < open_timeout_s)
      {
        open_timeout_s = (int) MAX (left_s, 1);
        watched = g_strdup_printf ("%s (what was left of the article's time budget)", what);
      }
    watchdog_arm (watched != NULL ? watched : what, open_timeout_s, CHILD_TIMED_OUT + 0);
    truth = load_truth (b.article);
    start_recording ();
    if (!bench_open (&b, truth, open_timeout_s * 1000, &error))
      {
        printf ("%s: did not finish within %d s (%s)\n", what, open_timeout_s, error->message);
        fflush (stdout);
        _exit (CHILD_TIMED_OUT + 0);
      }
    stall = stop_recording ();
    watchdog_disarm ();
    g_clear_object (&truth);

    printf ("%s%s: first frame with the highlights in %.1f ms, settled after %.1f ms; longest main-loop "
            "stall %.1f ms (target: open within %d ms)%s\n",
            opt_first_step > 1 ? "  (again, for the next steps) " : "", what, (all_painted_us (&b.watch) - b.watch.started_us) / 1000.0,
            (g_get_monotonic_time () - b.watch.started_us) / 1000.0 - QUIET_MS,
            stall, LONG_OPEN_TARGET_MS,
            (all_painted_us (&b.watch) - b.watch.started_us) / 1000.0 <= LONG_OPEN_TARGET_MS
            ? "" : " — SLOWER THAN TARGET");
    fflush (stdout);
  }

  for (guint s = MAX (opt_first_step, 1) - 1; s < N_STEPS; s++)
    {
      Sample samples[LONG_RUNS];
      guint n = 0;

      /* The long lines have no suggestions file. */
      if (steps[s].needs == NEEDS_SUGGESTIONS && b.n_suggestions == 0)
        continue;
      if (steps[s].needs == NEEDS_ANNOTATIONS && b.n_expected == 0)
        {
          printf ("%s, %s: n/a (no annotations)\n", steps[s].name, size);
          continue;
        }

      b.timeout_status = CHILD_TIMED_OUT + 1 + s;
      left_s = (opt_budget_end - g_get_monotonic_time ()) / G_USEC_PER_SEC;
      if (left_s < 2)
        {
          printf ("%s, %s: not run (the article's time budget is spent)\n", steps[s].name, size);
          continue;
        }
      b.step_timeout_s = (int) MIN (LONG_STEP_TIMEOUT_S, left_s);
      b.timeout_note = left_s < LONG_STEP_TIMEOUT_S ? " (what was left of the article's time budget)" : "";

      for (guint run = 0; run < LONG_RUNS; run++)
        {
          double started = gloss_bench_now_ms ();

          if (!run_step (&b, s, run, &samples[n], &error))
            {
              status = gloss_bench_fail ("%s", error->message);
              goto out;
            }
          n++;
          /* Slow, or slow to prepare and undo (the autosave's edit): one
           * run says enough, and the time budget is for the other steps. */
          if (gloss_bench_now_ms () - started > LONG_SLOW_RUN_MS)
            break;
        }
      report_step (steps[s].name, size, samples, n, LONG_ACTION_TARGET_MS, LONG_ACTION_TARGET_MS);
    }

out:
  watchdog_disarm ();
  /* Closing could freeze as long as the rest: the process ends instead. */
  fflush (stdout);
  bench_clear (&b);
  _exit (status);
}

static gboolean
spawn_child (const char        *self,
             const LongArticle *article,
             const char        *path,
             guint              first_step,
             gint64             budget_end,
             int               *exit_status,
             GError           **error)
{
  g_autofree char *bytes_arg = g_strdup_printf ("--bytes=%" G_GSIZE_FORMAT, article->bytes);
  g_autofree char *annotations_arg = g_strdup_printf ("--annotations=%u", article->n_annotations);
  g_autofree char *child_arg = g_strdup_printf ("--child=%s", path);
  g_autofree char *step_arg = g_strdup_printf ("--first-step=%u", first_step);
  g_autofree char *budget_arg = g_strdup_printf ("--budget-end=%" G_GINT64_FORMAT, budget_end);
  const char *argv[] = { self, bytes_arg, annotations_arg, child_arg, step_arg, budget_arg, NULL };
  GPid pid;
  int wait_status;
  /* The watchdog ends the child; this is in case it could not. */
  gint64 kill_at = budget_end + (LONG_OPEN_TIMEOUT_S + 30) * G_USEC_PER_SEC;

  if (!g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, error))
    return FALSE;

  for (;;)
    {
      pid_t done = waitpid (pid, &wait_status, WNOHANG);

      if (done == pid)
        break;
      if (g_get_monotonic_time () > kill_at)
        {
          kill (pid, SIGKILL);
          waitpid (pid, &wait_status, 0);
          printf ("  (the child for %s had to be killed)\n", path);
          *exit_status = -1;
          g_spawn_close_pid (pid);
          return TRUE;
        }
      g_usleep (50000);
    }
  g_spawn_close_pid (pid);

  *exit_status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  return TRUE;
}

static int
run_long_lines (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  GlossBenchCorpusOptions options;
  int status = EXIT_SUCCESS;

  print_load ("at the start");
  gloss_bench_corpus_options_init (&options);
  dir = gloss_bench_make_tmp_dir (&error);
  if (dir == NULL || self == NULL)
    return gloss_bench_fail ("%s", error != NULL ? error->message : "cannot find this program");

  for (guint a = 0; a < G_N_ELEMENTS (long_articles); a++)
    {
      const LongArticle *article = &long_articles[a];
      g_autofree char *path = g_build_filename (dir, article->name, NULL);
      g_autofree char *size = describe_size (article->bytes, article->n_annotations);
      gint64 budget_end;
      guint first_step = 1;
      double t0 = gloss_bench_now_ms ();

      if (!gloss_bench_corpus_write_sized (dir, article->name, article->bytes, article->n_annotations,
                                           GLOSS_BENCH_ARTICLE_ONE_PARAGRAPH, &options, &error))
        {
          status = gloss_bench_fail ("generating %s: %s", article->name, error->message);
          break;
        }
      printf ("(%s, one paragraph, generated in %.1f s; time budget %d s)\n",
              size, (gloss_bench_now_ms () - t0) / 1000, article->budget_s);
      fflush (stdout);

      budget_end = g_get_monotonic_time () + article->budget_s * G_USEC_PER_SEC;
      while (first_step <= N_STEPS)
        {
          int exit_status;

          if (!spawn_child (self, article, path, first_step, budget_end, &exit_status, &error))
            {
              status = gloss_bench_fail ("starting a child: %s", error->message);
              break;
            }

          if (exit_status == EXIT_SUCCESS)
            break;
          if (exit_status == CHILD_TIMED_OUT + 0 || exit_status < 0)
            {
              /* Not even open: nothing else can be measured on it. */
              for (guint s = first_step - 1; s < N_STEPS; s++)
                if (steps[s].needs != NEEDS_SUGGESTIONS)
                  printf ("%s, %s: not run (%s)\n", steps[s].name, size,
                        first_step > 1 ? "the article's time budget is spent"
                                       : "the article did not open in time");
              break;
            }
          if (exit_status > CHILD_TIMED_OUT && exit_status <= CHILD_TIMED_OUT + N_STEPS)
            {
              /* Step K froze: go on after it in a new child. */
              first_step = (guint) (exit_status - CHILD_TIMED_OUT) + 1;
              /* Opening again takes time too: not for a few seconds. */
              if (first_step <= N_STEPS
                  && (budget_end - g_get_monotonic_time ()) / G_USEC_PER_SEC < LONG_MIN_RESTART_S)
                {
                  for (guint s = first_step - 1; s < N_STEPS; s++)
                    if (steps[s].needs != NEEDS_SUGGESTIONS)
                      printf ("%s, %s: not run (the article's time budget is spent)\n", steps[s].name, size);
                  break;
                }
              continue;
            }

          status = gloss_bench_fail ("%s: the child failed (exit status %d)", article->name, exit_status);
          break;
        }

      fflush (stdout);
      /* The next article's files only. */
      {
        g_autofree char *sidecar = g_strdup_printf ("%s.%s.gloss.json", path, GLOSS_BENCH_ANNOTATOR);
        g_remove (path);
        g_remove (sidecar);
      }
      if (status != EXIT_SUCCESS)
        break;
    }

  print_load ("at the end");
  gloss_bench_remove_dir (dir);
  return status;
}

/* main
 * ------------------------------------------------------------------------ */

static GOptionEntry entries[] = {
  { "bytes", 0, 0, G_OPTION_ARG_INT64, &opt_bytes, "Size of the article (default 1000000)", "N" },
  { "annotations", 0, 0, G_OPTION_ARG_INT, &opt_annotations, "Annotations in its sidecar (default 10000)", "N" },
  { "suggestions", 0, 0, G_OPTION_ARG_INT, &opt_suggestions, "Suggestions in its suggestions file, shown (default 0)", "N" },
  { "runs", 0, 0, G_OPTION_ARG_INT, &opt_runs, "Runs of the label key, undo and Tab (default 20)", "N" },
  { "frame-runs", 0, 0, G_OPTION_ARG_INT, &opt_frame_runs, "Timed opens of each article (default 5)", "N" },
  { "file-runs", 0, 0, G_OPTION_ARG_INT, &opt_file_runs, "Runs of scrolling, autosave, reload, article change (default 5)", "N" },
  { "stall-target", 0, 0, G_OPTION_ARG_DOUBLE, &opt_stall_target, "Longest stall allowed, ms (default 16)", "MS" },
  { "memory", 0, 0, G_OPTION_ARG_NONE, &opt_memory, "Peak memory around the first autosave", NULL },
  { "long-lines", 0, 0, G_OPTION_ARG_NONE, &opt_long_lines, "One-paragraph articles of 1 MB and 5 MB", NULL },
  { "follow", 0, 0, G_OPTION_ARG_NONE, &opt_follow, "Suggest other occurrences while marking, as the app does by default", NULL },
  { "only", 0, 0, G_OPTION_ARG_STRING, &opt_only, "Only these, comma-separated: open, key (with undo), tab, page-down, ctrl-end, ctrl-home, autosave, reload, article, and with --suggestions next-suggestion, accept-suggestion, reject-suggestion, accept-view (for profiling)", "LIST" },
  { "child", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &opt_child, NULL, NULL },
  { "first-step", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &opt_first_step, NULL, NULL },
  { "budget-end", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT64, &opt_budget_end, NULL, NULL },
  { NULL }
};

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— the window benchmark");
  g_autoptr(GError) error = NULL;
  GSettings *settings;
  int status;

  gtk_disable_setlocale ();
  setlocale (LC_ALL, "C.UTF-8");
  g_set_prgname ("bench-window");

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return gloss_bench_fail ("%s", error->message);
  if (opt_bytes <= 0 || opt_annotations < 0 || opt_suggestions < 0 || opt_runs < 1 || opt_frame_runs < 1 || opt_file_runs < 1)
    return gloss_bench_fail ("sizes and runs must be positive");

  /* The parent only makes the articles and runs the children. */
  if (opt_long_lines && opt_child == NULL)
    return run_long_lines ();

  if (!gtk_init_check ())
    {
      printf ("SKIP: no display\n");
      return EXIT_SUCCESS;
    }

  real_poll = g_main_context_get_poll_func (NULL);
  g_main_context_set_poll_func (NULL, recording_poll);
  g_thread_unref (g_thread_new ("watchdog", watchdog_thread, NULL));
  perf_control_open ();

  /* A blinking caret paints a frame every half second: the window would
   * never settle between the timed steps. */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);

  app = gloss_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    return gloss_bench_fail ("registering the application: %s", error->message);
  settings = gloss_application_get_settings (app);
  g_settings_set_string (settings, "annotator-id", GLOSS_BENCH_ANNOTATOR);
  /* The longest the preferences allow; each session is then given an
   * hour (follow_saves()). */
  g_settings_set_uint (settings, "autosave-delay", 10000);
  /* Each step measures its own action: the same-text run that marking
   * starts 300 ms later (on by default in the app) would merge into the
   * steps after it and change the suggestions they count. Its cost is
   * bench-suggester's (follow run: the snapshot, and the merge step);
   * --follow turns it on here, where the label key's longest stall then
   * includes it (settled counts it in). */
  g_settings_set_boolean (settings, "suggest-while-marking", opt_follow);
  g_application_hold (G_APPLICATION (app));

  status = opt_child != NULL ? run_child () : run_sized ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  return status;
}
