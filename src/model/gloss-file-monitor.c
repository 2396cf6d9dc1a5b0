/* gloss-file-monitor.c — watching one file for versions that are not the
 * one we know
 *
 * A GFileMonitor says that something happened to the file, not what: our
 * own atomic save (a temporary renamed over it), somebody writing the
 * same bytes again, a program halfway through rewriting it. This object
 * turns those events into one answer, "another whole version is there",
 * by reading the file and comparing hashes (see the header for the rules).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include "gloss-file-load.h"
#include "gloss-file-monitor.h"

struct _GlossFileMonitor
{
  GObject                    parent_instance;

  GFile                     *file;
  guint64                    max_bytes;
  guint                      debounce_ms;
  guint                      settle_ms;
  guint                      max_settle_ms;
  GlossFileMonitorWholeFunc  whole_func;
  gpointer                   whole_data;

  GMainContext              *context;
  GFileMonitor              *monitor;
  GCancellable              *cancellable;
  GSource                   *check_source;

  /* The known version: its hash, or a function giving it on first need. */
  char                      *known_sha256;
  GlossFileMonitorHashFunc   known_func;
  gpointer                   known_data;
  /* stat() of the file when the known version was set. */
  GlossFileFingerprint       known_fingerprint;
  /* The known version is the owner's own write and known_fingerprint how
   * the file looked right after it: while the file still looks so and
   * nobody wrote into it (no content event), it is the known version,
   * without reading it back. */
  gboolean                   known_written;
  gboolean                   content_event;

  /* The version last reported (NULL: no file), while "changed" is TRUE. */
  char                      *reported_sha256;

  /* Another version seen that was not yet whole, since when it has been
   * the same, and when the first version not yet whole was seen. */
  char                      *settling_sha256;
  gint64                     settling_since;
  gint64                     settling_started;

  /* Bumped whenever a check's result may be stale (the owner read or
   * wrote the file, a pause began or ended). */
  guint                      generation;
  guint                      pause_count;

  guint                      checking : 1;       /* a read in flight */
  guint                      check_again : 1;    /* asked for during it */
  guint                      check_on_resume : 1;
  guint                      changed : 1;
  guint                      cancelled : 1;
};

G_DEFINE_FINAL_TYPE (GlossFileMonitor, gloss_file_monitor, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FILE,
  PROP_MAX_BYTES,
  PROP_DEBOUNCE,
  PROP_SETTLE_TIME,
  PROP_MAX_SETTLE_TIME,
  PROP_CHANGED,
  PROP_PAUSED,
  N_PROPS
};

enum {
  CHANGED,
  ATTRIBUTES_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void start_check (GlossFileMonitor *self);
static gboolean is_whole (GlossFileMonitor *self,
                          gboolean          recognised,
                          const char       *sha256);

/* Fingerprints
 * ------------------------------------------------------------------------ */

void
gloss_file_fingerprint_take (GFile                *file,
                             GlossFileFingerprint *fingerprint)
{
  g_autofree char *path = NULL;
  struct stat st;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (fingerprint != NULL);

  memset (fingerprint, 0, sizeof *fingerprint);
  path = g_file_get_path (file);
  if (path == NULL || stat (path, &st) != 0)
    return;

  fingerprint->exists = TRUE;
  fingerprint->dev = st.st_dev;
  fingerprint->ino = st.st_ino;
  fingerprint->size = st.st_size;
  fingerprint->mtime_ns = (gint64) st.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000)
                          + st.st_mtim.tv_nsec;
}

gboolean
gloss_file_fingerprint_equal (const GlossFileFingerprint *a,
                              const GlossFileFingerprint *b)
{
  if (a->exists != b->exists)
    return FALSE;

  return !a->exists
         || (a->dev == b->dev && a->ino == b->ino && a->size == b->size
             && a->mtime_ns == b->mtime_ns);
}

/* State
 * ------------------------------------------------------------------------ */

static void
clear_source (GSource **source)
{
  if (*source == NULL)
    return;

  g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

static void
set_changed (GlossFileMonitor *self,
             gboolean          changed)
{
  changed = !!changed;
  if (!changed)
    g_clear_pointer (&self->reported_sha256, g_free);
  if (self->changed == changed)
    return;

  self->changed = changed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANGED]);
}

static void
reset_settling (GlossFileMonitor *self)
{
  g_clear_pointer (&self->settling_sha256, g_free);
  self->settling_since = 0;
  self->settling_started = 0;
}

/* Checks
 * ------------------------------------------------------------------------ */

static gboolean
on_check_timeout (gpointer user_data)
{
  GlossFileMonitor *self = user_data;

  /* The source is destroyed when this returns; only drop our reference. */
  g_clear_pointer (&self->check_source, g_source_unref);

  if (self->pause_count > 0)
    self->check_on_resume = TRUE;
  else
    start_check (self);

  return G_SOURCE_REMOVE;
}

/* A check in @delay_ms, replacing any due before (so a burst of events
 * gives one check, after the last). */
static void
schedule_check (GlossFileMonitor *self,
                guint             delay_ms)
{
  GSource *source;

  if (self->cancelled || self->context == NULL)
    return;

  clear_source (&self->check_source);
  source = g_timeout_source_new (delay_ms);
  g_source_set_callback (source, on_check_timeout, self, NULL);
  g_source_set_static_name (source, "[gloss] file check");
  g_source_attach (source, self->context);
  self->check_source = source;
}

/* A check in flight holds no reference on the monitor: an owner that
 * drops it is not kept waiting on a read, and nothing is reported after. */
typedef struct
{
  GFile                     *file;
  gsize                      max_bytes;
  GWeakRef                   monitor;
  guint                      generation;
  GlossFileMonitorWholeFunc  whole_func;
  gpointer                   whole_data;
} CheckData;

static void
check_data_free (CheckData *data)
{
  g_clear_object (&data->file);
  g_weak_ref_clear (&data->monitor);
  g_free (data);
}

typedef struct
{
  GBytes   *contents;
  char     *sha256;
  gboolean  recognised;   /* by the whole-func, in the worker thread */
} CheckResult;

static void
check_result_free (CheckResult *result)
{
  g_clear_pointer (&result->contents, g_bytes_unref);
  g_clear_pointer (&result->sha256, g_free);
  g_free (result);
}

/* In a worker thread: the file's bytes and their hash; both NULL when
 * there is no file. */
static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CheckData *data = task_data;
  g_autoptr(GError) error = NULL;
  CheckResult *result = g_new0 (CheckResult, 1);

  /* Regular files only, within the limit: another program may have put a
   * FIFO or a huge file in its place. */
  result->contents = gloss_file_load_bytes (data->file, NULL, data->max_bytes,
                                            cancellable, &error);
  if (result->contents != NULL)
    {
      result->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, result->contents);
      /* Here, not in the main loop: parsing a large file takes a while. */
      result->recognised = data->whole_func != NULL
                           && data->whole_func (result->contents, data->whole_data);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      check_result_free (result);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, result, (GDestroyNotify) check_result_free);
}

static void
on_check_done (GObject      *object,
               GAsyncResult *async_result,
               gpointer      user_data)
{
  CheckData *data = g_task_get_task_data (G_TASK (async_result));
  g_autoptr(GlossFileMonitor) self = g_weak_ref_get (&data->monitor);
  guint generation = data->generation;
  g_autoptr(GError) error = NULL;
  CheckResult *result;

  result = g_task_propagate_pointer (G_TASK (async_result), &error);
  if (self == NULL || self->cancelled)
    {
      g_clear_pointer (&result, check_result_free);
      return;
    }

  self->checking = FALSE;

  /* The owner wrote or read the file meanwhile (or is writing it now):
   * what was read may be stale. */
  if (self->pause_count > 0)
    {
      self->check_again = FALSE;
      self->check_on_resume = TRUE;
      g_clear_pointer (&result, check_result_free);
      return;
    }
  if (self->check_again || generation != self->generation)
    {
      self->check_again = FALSE;
      g_clear_pointer (&result, check_result_free);
      start_check (self);
      return;
    }

  if (result == NULL)
    {
      g_debug ("Not checking %s: %s", g_file_peek_path (self->file), error->message);
      return;
    }

  /* The known version: our own write, or the same bytes again (also a
   * change undone on disk, such as git stash and stash pop). */
  if (g_strcmp0 (result->sha256, gloss_file_monitor_get_known (self)) == 0)
    {
      gloss_file_fingerprint_take (self->file, &self->known_fingerprint);
      reset_settling (self);
      set_changed (self, FALSE);
      check_result_free (result);
      return;
    }

  /* Still being written: look again once the writer may be done. */
  if (result->contents != NULL
      && !is_whole (self, result->recognised, result->sha256))
    {
      schedule_check (self, MAX (self->settle_ms / 4, 1));
      check_result_free (result);
      return;
    }

  /* Reported already: another event (a late one, a touch) is no news. */
  if (self->changed && g_strcmp0 (result->sha256, self->reported_sha256) == 0)
    {
      check_result_free (result);
      return;
    }

  g_free (self->reported_sha256);
  self->reported_sha256 = g_strdup (result->sha256);
  set_changed (self, TRUE);
  g_signal_emit (self, signals[CHANGED], 0, result->contents, result->sha256);
  check_result_free (result);
}

/* Our own write, still as we left it: the known version, without reading
 * it (10 MB of sidecar is 20–40 ms of hashing, and as much memory). An
 * atomic replace by anybody else makes another inode, a write into ours
 * (even of the same size within the same clock tick) an IN_MODIFY: both
 * are read as usual. */
static gboolean
still_our_write (GlossFileMonitor *self)
{
  GlossFileFingerprint now;

  if (!self->known_written || self->content_event)
    return FALSE;

  gloss_file_fingerprint_take (self->file, &now);
  return gloss_file_fingerprint_equal (&now, &self->known_fingerprint);
}

static void
start_check (GlossFileMonitor *self)
{
  g_autoptr(GTask) task = NULL;
  CheckData *data;

  if (self->cancelled)
    return;

  if (self->checking)
    {
      self->check_again = TRUE;
      return;
    }

  clear_source (&self->check_source);

  if (still_our_write (self))
    {
      reset_settling (self);
      set_changed (self, FALSE);
      return;
    }
  self->checking = TRUE;

  data = g_new0 (CheckData, 1);
  data->file = g_object_ref (self->file);
  data->max_bytes = (gsize) self->max_bytes;
  g_weak_ref_init (&data->monitor, self);
  data->generation = self->generation;
  data->whole_func = self->settle_ms > 0 ? self->whole_func : NULL;
  data->whole_data = self->whole_data;

  task = g_task_new (NULL, self->cancellable, on_check_done, NULL);
  g_task_set_task_data (task, data, (GDestroyNotify) check_data_free);
  g_task_set_source_tag (task, start_check);
  g_task_set_name (task, "[gloss] file check");
  g_task_run_in_thread (task, check_thread);
}

static void
on_monitor_changed (GFileMonitor      *monitor,
                    GFile             *file,
                    GFile             *other_file,
                    GFileMonitorEvent  event,
                    GlossFileMonitor  *self)
{
  switch (event)
    {
    case G_FILE_MONITOR_EVENT_CHANGED:
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
      /* Somebody wrote into the file itself (our saves replace it). */
      self->content_event = TRUE;
      schedule_check (self, self->debounce_ms);
      break;

    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
    case G_FILE_MONITOR_EVENT_RENAMED:
      schedule_check (self, self->debounce_ms);
      break;

    case G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED:
      g_signal_emit (self, signals[ATTRIBUTES_CHANGED], 0);
      break;

    case G_FILE_MONITOR_EVENT_PRE_UNMOUNT:
    case G_FILE_MONITOR_EVENT_UNMOUNTED:
    default:
      break;
    }
}

/* GObject
 * ------------------------------------------------------------------------ */

static void
gloss_file_monitor_dispose (GObject *object)
{
  GlossFileMonitor *self = (GlossFileMonitor *)object;

  gloss_file_monitor_cancel (self);

  G_OBJECT_CLASS (gloss_file_monitor_parent_class)->dispose (object);
}

static void
gloss_file_monitor_finalize (GObject *object)
{
  GlossFileMonitor *self = (GlossFileMonitor *)object;

  g_clear_object (&self->file);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->known_sha256, g_free);
  g_clear_pointer (&self->reported_sha256, g_free);
  g_clear_pointer (&self->settling_sha256, g_free);

  G_OBJECT_CLASS (gloss_file_monitor_parent_class)->finalize (object);
}

static void
gloss_file_monitor_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  GlossFileMonitor *self = GLOSS_FILE_MONITOR (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_MAX_BYTES:
      g_value_set_uint64 (value, self->max_bytes);
      break;
    case PROP_DEBOUNCE:
      g_value_set_uint (value, self->debounce_ms);
      break;
    case PROP_SETTLE_TIME:
      g_value_set_uint (value, self->settle_ms);
      break;
    case PROP_MAX_SETTLE_TIME:
      g_value_set_uint (value, self->max_settle_ms);
      break;
    case PROP_CHANGED:
      g_value_set_boolean (value, self->changed);
      break;
    case PROP_PAUSED:
      g_value_set_boolean (value, self->pause_count > 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_file_monitor_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  GlossFileMonitor *self = GLOSS_FILE_MONITOR (object);

  switch (prop_id)
    {
    case PROP_FILE:
      self->file = g_value_dup_object (value);
      break;
    case PROP_MAX_BYTES:
      self->max_bytes = g_value_get_uint64 (value);
      break;
    case PROP_DEBOUNCE:
      gloss_file_monitor_set_debounce (self, g_value_get_uint (value));
      break;
    case PROP_SETTLE_TIME:
      gloss_file_monitor_set_settle_time (self, g_value_get_uint (value), self->max_settle_ms);
      break;
    case PROP_MAX_SETTLE_TIME:
      gloss_file_monitor_set_settle_time (self, self->settle_ms, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_file_monitor_class_init (GlossFileMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gloss_file_monitor_dispose;
  object_class->finalize = gloss_file_monitor_finalize;
  object_class->get_property = gloss_file_monitor_get_property;
  object_class->set_property = gloss_file_monitor_set_property;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX_BYTES] =
    g_param_spec_uint64 ("max-bytes", NULL, NULL, 0, G_MAXSIZE, G_MAXSIZE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEBOUNCE] =
    g_param_spec_uint ("debounce", NULL, NULL, 0, G_MAXUINT,
                       GLOSS_FILE_MONITOR_DEFAULT_DEBOUNCE_MS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTLE_TIME] =
    g_param_spec_uint ("settle-time", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX_SETTLE_TIME] =
    g_param_spec_uint ("max-settle-time", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHANGED] =
    g_param_spec_boolean ("changed", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAUSED] =
    g_param_spec_boolean ("paused", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GlossFileMonitor::changed:
   * @contents: (nullable): the other version's bytes, NULL for no file
   * @sha256: (nullable): their SHA-256, NULL for no file
   *
   * A check found a whole version of the file other than the known one.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_BYTES, G_TYPE_STRING);

  /**
   * GlossFileMonitor::attributes-changed:
   *
   * The file's attributes changed (its permissions, say).
   */
  signals[ATTRIBUTES_CHANGED] =
    g_signal_new ("attributes-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
gloss_file_monitor_init (GlossFileMonitor *self)
{
  self->debounce_ms = GLOSS_FILE_MONITOR_DEFAULT_DEBOUNCE_MS;
  self->max_bytes = G_MAXSIZE;
  self->cancellable = g_cancellable_new ();
}

/* API
 * ------------------------------------------------------------------------ */

GlossFileMonitor *
gloss_file_monitor_new (GFile   *file,
                        guint64  max_bytes)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  return g_object_new (GLOSS_TYPE_FILE_MONITOR,
                       "file", file,
                       "max-bytes", MIN (max_bytes, (guint64) G_MAXSIZE),
                       NULL);
}

GFile *
gloss_file_monitor_get_file (GlossFileMonitor *self)
{
  g_return_val_if_fail (GLOSS_IS_FILE_MONITOR (self), NULL);
  return self->file;
}

void
gloss_file_monitor_set_debounce (GlossFileMonitor *self,
                                 guint             debounce_ms)
{
  g_return_if_fail (GLOSS_IS_FILE_MONITOR (self));

  if (self->debounce_ms == debounce_ms)
    return;

  self->debounce_ms = debounce_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEBOUNCE]);
}

void
gloss_file_monitor_set_settle_time (GlossFileMonitor *self,
                                    guint             settle_ms,
                                    guint             max_settle_ms)
{
  g_return_if_fail (GLOSS_IS_FILE_MONITOR (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (self->settle_ms != settle_ms)
    {
      self->settle_ms = settle_ms;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SETTLE_TIME]);
    }
  if (self->max_settle_ms != max_settle_ms)
    {
      self->max_settle_ms = max_settle_ms;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_SETTLE_TIME]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

void
gloss_file_monitor_set_whole_func (GlossFileMonitor          *self,
                                   GlossFileMonitorWholeFunc  func,
                                   gpointer                   user_data)
{
  g_return_if_fail (GLOSS_IS_FILE_MONITOR (self));

  self->whole_func = func;
  self->whole_data = user_data;
}

gboolean
gloss_file_monitor_get_changed (GlossFileMonitor *self)
{
  g_return_val_if_fail (GLOSS_IS_FILE_MONITOR (self), FALSE);
  return self->changed;
}

void
gloss_file_monitor_start (GlossFileMonitor *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (GLOSS_IS_FILE_MONITOR (self));
  g_return_if_fail (self->context == NULL);

  if (self->cancelled)
    return;

  self->context = g_main_context_ref_thread_default ();
  self->monitor = g_file_monitor_file (self->file, G_FILE_MONITOR_WATCH_MOVES,
                                       self->cancellable, &error);
  if (self->monitor == NULL)
    /* Not fatal: the owner works, it just cannot notice others. */
    g_debug ("Cannot watch %s: %s", g_file_peek_path (self->file), error->message);
  else
    g_signal_connect_object (self->monitor, "changed",
                             G_CALLBACK (on_monitor_changed), self, G_CONNECT_DEFAULT);

  /* Changed between the reading and the watch's start (a checkout, a
   * sync tool): no event will say so. */
  if (gloss_file_monitor_looks_changed (self))
    start_check (self);
}

void
gloss_file_monitor_cancel (GlossFileMonitor *self)
{
  g_return_if_fail (GLOSS_IS_FILE_MONITOR (self));

  self->cancelled = TRUE;
  clear_source (&self->check_source);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
}

static void
forget_known (GlossFileMonitor           *self,
              const GlossFileFingerprint *seen)
{
  g_clear_pointer (&self->known_sha256, g_free);
  self->known_func = NULL;
  self->known_data = NULL;
  self->known_written = FALSE;
  self->content_event = FALSE;

  if (seen != NULL)
    self->known_fingerprint = *seen;
  else
    gloss_file_fingerprint_take (self->file, &self->known_fingerprint);

  self->generation++;
  reset_settling (self);
}

void
gloss_file_monitor_set_known (GlossFileMonitor           *self,
                              const char                 *sha256,
                              const GlossFileFingerprint *seen)
{
  char *copy;

  g_return_if_fail (GLOSS_IS_FILE_MONITOR (self));

  /* @sha256 may be our own get_known(). */
  copy = g_strdup (sha256);
  forget_known (self, seen);
  self->known_sha256 = copy;
  set_changed (self, FALSE);
}

void
gloss_file_monitor_set_known_written (GlossFileMonitor           *self,
                                      const char                 *sha256,
                                      const GlossFileFingerprint *written)
{
  g_return_if_fail (GLOSS_IS_FILE_MONITOR (self));
  g_return_if_fail (sha256 != NULL);
  g_return_if_fail (written != NULL && written->exists);

  gloss_file_monitor_set_known (self, sha256, written);
  self->known_written = TRUE;
}

void
gloss_file_monitor_set_known_lazily (GlossFileMonitor           *self,
                                     GlossFileMonitorHashFunc    func,
                                     gpointer                    user_data,
                                     const GlossFileFingerprint *seen)
{
  g_return_if_fail (GLOSS_IS_FILE_MONITOR (self));
  g_return_if_fail (func != NULL);

  forget_known (self, seen);
  self->known_func = func;
  self->known_data = user_data;
  set_changed (self, FALSE);
}

const char *
gloss_file_monitor_get_known (GlossFileMonitor *self)
{
  g_return_val_if_fail (GLOSS_IS_FILE_MONITOR (self), NULL);

  if (self->known_func != NULL)
    {
      self->known_sha256 = g_strdup (self->known_func (self->known_data));
      self->known_func = NULL;
      self->known_data = NULL;
    }

  return self->known_sha256;
}

gboolean
gloss_file_monitor_looks_changed (GlossFileMonitor *self)
{
  GlossFileFingerprint now;

  g_return_val_if_fail (GLOSS_IS_FILE_MONITOR (self), FALSE);

  gloss_file_fingerprint_take (self->file, &now);
  return !gloss_file_fingerprint_equal (&now, &self->known_fingerprint);
}

/* A program that rewrites the file in place slowly is not done before its
 * version is whole, and half its file must never be taken for all of it
 * (kept as "their version" when it is not). */
gboolean
gloss_file_monitor_is_whole (GlossFileMonitor *self,
                             GBytes           *contents,
                             const char       *sha256)
{
  g_return_val_if_fail (GLOSS_IS_FILE_MONITOR (self), TRUE);
  g_return_val_if_fail (contents != NULL, TRUE);

  return is_whole (self,
                   self->settle_ms > 0 && self->whole_func != NULL
                   && self->whole_func (contents, self->whole_data),
                   sha256);
}

/* @recognised: what the whole-func said of the version. */
static gboolean
is_whole (GlossFileMonitor *self,
          gboolean          recognised,
          const char       *sha256)
{
  gint64 now = g_get_monotonic_time ();

  if (self->settle_ms == 0 || recognised)
    {
      reset_settling (self);
      return TRUE;
    }

  if (self->settling_started == 0)
    self->settling_started = now;

  if (g_strcmp0 (self->settling_sha256, sha256) != 0)
    {
      g_free (self->settling_sha256);
      self->settling_sha256 = g_strdup (sha256);
      self->settling_since = now;
    }

  /* A whole file that the whole-func does not recognise is still
   * somebody's whole file, once it stops changing. */
  if (now - self->settling_since >= (gint64) self->settle_ms * 1000
      || now - self->settling_started >= (gint64) self->max_settle_ms * 1000)
    {
      reset_settling (self);
      return TRUE;
    }

  return FALSE;
}

void
gloss_file_monitor_pause (GlossFileMonitor *self)
{
  g_return_if_fail (GLOSS_IS_FILE_MONITOR (self));

  if (self->pause_count++ > 0)
    return;

  /* A check in flight read the file before our write: not reported. */
  self->generation++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED]);
}

void
gloss_file_monitor_resume (GlossFileMonitor *self)
{
  g_return_if_fail (GLOSS_IS_FILE_MONITOR (self));
  g_return_if_fail (self->pause_count > 0);

  if (--self->pause_count > 0)
    return;

  self->generation++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED]);

  /* Due while we wrote: look now that our write has landed. */
  if (self->check_on_resume)
    {
      self->check_on_resume = FALSE;
      start_check (self);
    }
}

void
gloss_file_monitor_check (GlossFileMonitor *self)
{
  g_return_if_fail (GLOSS_IS_FILE_MONITOR (self));

  if (self->pause_count > 0)
    self->check_on_resume = TRUE;
  else
    start_check (self);
}
