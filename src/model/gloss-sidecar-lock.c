/* gloss-sidecar-lock.c — "this sidecar is being edited here"
 *
 * Two Gloss processes on one sidecar (two windows of different users on a
 * shared drive, a second instance started with another D-Bus session)
 * would each take the other's saves for somebody else's change and write
 * conflict copies back and forth. The first one to open the sidecar for
 * editing leaves a small lock file beside it:
 *
 *   .<article>.<annotator>.gloss.json.lock
 *   {"pid": 4711, "host": "laptop", "user": "alice", "token": "…", "since": "…"}
 *
 * Hidden, so corpus scans never take it for content. It is created with
 * link(2) from a complete temporary file, so nobody ever reads half a
 * lock, and a second process either gets the lock or learns who has it.
 * The token tells our lock from a later one of the same process. Before
 * each write the holder checks that the lock is still its own: a person
 * may have taken the file over from another machine.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "gloss-error.h"
#include "gloss-file.h"
#include "gloss-sidecar-lock.h"

/* Lock files are tiny; anything bigger is not one of ours. */
#define MAX_LOCK_BYTES 4096

struct _GlossSidecarLock
{
  GObject  parent_instance;

  GFile   *file;
  char    *token;      /* ours, while we hold the lock */
  gboolean unlockable; /* no lock file could be written: nobody to warn */
};

G_DEFINE_FINAL_TYPE (GlossSidecarLock, gloss_sidecar_lock, G_TYPE_OBJECT)

/* Held while this process creates or removes a lock file, whichever
 * session does it. */
G_LOCK_DEFINE_STATIC (lock_files);

typedef struct
{
  gint64  pid;
  char   *host;
  char   *user;
  char   *token;
  char   *since;
} LockInfo;

static void
lock_info_free (LockInfo *info)
{
  g_free (info->host);
  g_free (info->user);
  g_free (info->token);
  g_free (info->since);
  g_free (info);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LockInfo, lock_info_free)

static char *
dup_member_string (JsonObject *object,
                   const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return g_strdup ("");

  return json_node_dup_string (node);
}

/* What the lock file says; NULL when there is none. A lock file that
 * cannot be read or parsed still counts as a lock of unknown holder: it
 * may be half-written by a Gloss older than link(2) locking, or damaged,
 * and the person decides. */
static LockInfo *
read_lock_at (const char *path,
              gboolean   *exists)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *contents = NULL;
  LockInfo *info;
  JsonNode *root;
  gsize length = 0;
  struct stat st;

  *exists = lstat (path, &st) == 0;
  if (!*exists)
    return NULL;

  info = g_new0 (LockInfo, 1);
  if (!S_ISREG (st.st_mode) || st.st_size > MAX_LOCK_BYTES
      || !g_file_get_contents (path, &contents, &length, NULL)
      || !json_parser_load_from_data (parser, contents, (gssize) length, NULL)
      || (root = json_parser_get_root (parser)) == NULL
      || !JSON_NODE_HOLDS_OBJECT (root))
    {
      info->host = g_strdup ("");
      info->user = g_strdup ("");
      info->token = g_strdup ("");
      info->since = g_strdup ("");
      return info;
    }

  {
    JsonObject *object = json_node_get_object (root);

    info->pid = json_object_has_member (object, "pid")
                ? json_object_get_int_member_with_default (object, "pid", 0) : 0;
    info->host = dup_member_string (object, "host");
    info->user = dup_member_string (object, "user");
    info->token = dup_member_string (object, "token");
    info->since = dup_member_string (object, "since");
  }

  return info;
}

static LockInfo *
read_lock (GlossSidecarLock *self,
           gboolean         *exists)
{
  g_autofree char *path = g_file_get_path (self->file);

  return read_lock_at (path, exists);
}

/* Removes the lock file at @path only if it is still the one with
 * @token, with no moment in which a newer lock (taken by another session
 * of this process or by another process since @token was read) could be
 * removed instead: the file is moved aside under a name of ours first,
 * looked at there, and put back if it is not the expected one. Returns
 * TRUE when the lock is gone (removed, or nobody's any more). */
static gboolean
remove_lock_with_token (const char *path,
                        const char *token)
{
  g_autofree char *aside = g_strdup_printf ("%s%s%d-%08x", path, GLOSS_FILE_TEMP_INFIX,
                                            (int) getpid (), g_random_int ());
  g_autoptr(LockInfo) moved = NULL;
  gboolean exists;

  if (g_rename (path, aside) != 0)
    return errno == ENOENT;

  moved = read_lock_at (aside, &exists);
  if (moved != NULL && g_strcmp0 (moved->token, token) != 0)
    {
      /* Somebody's newer lock: back under its name, unless a newer one
       * still has been created there meanwhile. */
      if (link (aside, path) != 0 && errno != EEXIST && !g_file_test (path, G_FILE_TEST_EXISTS))
        g_rename (aside, path);
      g_unlink (aside);
      return FALSE;
    }

  g_unlink (aside);
  return TRUE;
}

/* A lock of this machine whose process is gone (a crash, kill -9). */
static gboolean
lock_is_stale (const LockInfo *info)
{
  return info->pid > 0
         && g_strcmp0 (info->host, g_get_host_name ()) == 0
         && !gloss_file_process_is_running (info->pid);
}

/* A lock of this very process: a session on its way out (its article
 * changed on disk and it is being replaced) still holds it. Within a
 * process, GlossSession makes sure there is one editor per sidecar, so
 * the newcomer takes the lock over; the old session finds it gone at its
 * next write and writes nothing more. */
static gboolean
lock_is_this_process (const LockInfo *info)
{
  return info->pid == (gint64) getpid ()
         && g_strcmp0 (info->host, g_get_host_name ()) == 0;
}

static char *
describe_holder (const LockInfo *info)
{
  g_autoptr(GDateTime) since = NULL;
  g_autofree char *time = NULL;
  g_autofree char *pid = g_strdup_printf ("%" G_GINT64_FORMAT, info->pid);

  if (info->user[0] == '\0' && info->host[0] == '\0')
    return g_strdup (_("another Gloss (the lock file does not say who)"));

  since = g_date_time_new_from_iso8601 (info->since, NULL);
  if (since != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (since);

      time = g_date_time_format (local, "%Y-%m-%d %H:%M");
    }

  if (time != NULL)
    /* Translators: who edits a file elsewhere: user, computer, process id, since when */
    return g_strdup_printf (_("%s on %s (process %s), since %s"),
                            info->user, info->host, pid, time);

  /* Translators: who edits a file elsewhere: user, computer, process id */
  return g_strdup_printf (_("%s on %s (process %s)"), info->user, info->host, pid);
}

static char *
build_lock_contents (const char *token)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *since = g_date_time_format_iso8601 (now);
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "pid");
  json_builder_add_int_value (builder, getpid ());
  json_builder_set_member_name (builder, "host");
  json_builder_add_string_value (builder, g_get_host_name ());
  json_builder_set_member_name (builder, "user");
  json_builder_add_string_value (builder, g_get_user_name ());
  json_builder_set_member_name (builder, "token");
  json_builder_add_string_value (builder, token);
  json_builder_set_member_name (builder, "since");
  json_builder_add_string_value (builder, since);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static char *
new_token (void)
{
  return g_strdup_printf ("%08x%08x%08x", g_random_int (), g_random_int (), g_random_int ());
}

/* Creates the lock file with our contents only if there is none: a
 * complete temporary file is hard-linked to the lock's name. Returns
 * FALSE with errno EEXIST when somebody has it. */
static gboolean
create_lock (const char *path,
             const char *contents,
             int        *saved_errno)
{
  g_autofree char *temp = g_strdup_printf ("%s%s%d-%08x", path, GLOSS_FILE_TEMP_INFIX,
                                           (int) getpid (), g_random_int ());
  gboolean ok;

  if (!g_file_set_contents (temp, contents, -1, NULL))
    {
      *saved_errno = errno != 0 ? errno : EIO;
      return FALSE;
    }

  ok = link (temp, path) == 0;
  *saved_errno = ok ? 0 : errno;
  g_unlink (temp);

  /* No hard links on this file system (vfat, some network shares):
   * O_EXCL is the next best thing. */
  if (!ok && (*saved_errno == EPERM || *saved_errno == ENOTSUP || *saved_errno == EOPNOTSUPP))
    {
      int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
      gssize len = (gssize) strlen (contents);

      if (fd < 0)
        {
          *saved_errno = errno;
          return FALSE;
        }
      ok = write (fd, contents, (size_t) len) == len;
      *saved_errno = ok ? 0 : errno;
      close (fd);
    }

  return ok;
}

gboolean
gloss_sidecar_lock_acquire (GlossSidecarLock  *self,
                            gboolean           take_over,
                            GError           **error)
{
  g_autofree char *path = NULL;
  g_autofree char *token = NULL;
  g_autofree char *contents = NULL;

  g_return_val_if_fail (GLOSS_IS_SIDECAR_LOCK (self), FALSE);

  path = g_file_get_path (self->file);
  if (path == NULL)
    {
      self->unlockable = TRUE;
      return TRUE;
    }

  token = new_token ();
  contents = build_lock_contents (token);

  /* Sessions of this process hand the lock over to each other from
   * different threads (a session opens in a thread while the one it
   * replaces ends on the main thread). */
  G_LOCK (lock_files);
  for (guint attempt = 0; attempt < 3; attempt++)
    {
      g_autoptr(LockInfo) holder = NULL;
      gboolean exists;
      int saved_errno = 0;

      if (create_lock (path, contents, &saved_errno))
        {
          g_free (self->token);
          self->token = g_steal_pointer (&token);
          self->unlockable = FALSE;
          G_UNLOCK (lock_files);
          return TRUE;
        }

      if (saved_errno != EEXIST)
        {
          /* A read-only folder or medium: no save will work there either,
           * and the session says so when it tries. */
          g_debug ("No lock for %s: %s", path, g_strerror (saved_errno));
          self->unlockable = TRUE;
          G_UNLOCK (lock_files);
          return TRUE;
        }

      holder = read_lock (self, &exists);
      if (!exists)
        continue;   /* released meanwhile: try again */

      if (take_over || lock_is_stale (holder) || lock_is_this_process (holder)
          || (self->token != NULL && g_strcmp0 (holder->token, self->token) == 0))
        {
          remove_lock_with_token (path, holder->token);
          continue;
        }

      {
        g_autofree char *who = describe_holder (holder);

        g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_BUSY,
                     _("These annotations are being edited by %s"), who);
      }
      G_UNLOCK (lock_files);
      return FALSE;
    }
  G_UNLOCK (lock_files);

  g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_BUSY,
               _("These annotations are being edited elsewhere (the lock file keeps changing)"));
  return FALSE;
}

gboolean
gloss_sidecar_lock_is_still_ours (GlossSidecarLock *self)
{
  g_autoptr(LockInfo) holder = NULL;
  gboolean exists;

  g_return_val_if_fail (GLOSS_IS_SIDECAR_LOCK (self), FALSE);

  if (self->unlockable)
    return TRUE;
  if (self->token == NULL)
    return FALSE;

  holder = read_lock (self, &exists);
  /* Removed by somebody (a git clean): nobody else claims it. */
  if (!exists)
    return TRUE;

  return g_strcmp0 (holder->token, self->token) == 0;
}

char *
gloss_sidecar_lock_dup_holder (GlossSidecarLock *self)
{
  g_autoptr(LockInfo) holder = NULL;
  gboolean exists;

  g_return_val_if_fail (GLOSS_IS_SIDECAR_LOCK (self), NULL);

  holder = read_lock (self, &exists);
  if (!exists)
    return NULL;

  return describe_holder (holder);
}

void
gloss_sidecar_lock_release (GlossSidecarLock *self)
{
  g_autofree char *path = NULL;

  g_return_if_fail (GLOSS_IS_SIDECAR_LOCK (self));

  if (self->token == NULL)
    return;

  path = g_file_get_path (self->file);
  if (path != NULL && !self->unlockable)
    {
      G_LOCK (lock_files);
      remove_lock_with_token (path, self->token);
      G_UNLOCK (lock_files);
    }

  g_clear_pointer (&self->token, g_free);
}

GFile *
gloss_sidecar_lock_get_file (GlossSidecarLock *self)
{
  g_return_val_if_fail (GLOSS_IS_SIDECAR_LOCK (self), NULL);
  return self->file;
}

static void
gloss_sidecar_lock_finalize (GObject *object)
{
  GlossSidecarLock *self = (GlossSidecarLock *)object;

  gloss_sidecar_lock_release (self);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (gloss_sidecar_lock_parent_class)->finalize (object);
}

static void
gloss_sidecar_lock_class_init (GlossSidecarLockClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gloss_sidecar_lock_finalize;
}

static void
gloss_sidecar_lock_init (GlossSidecarLock *self)
{
}

GlossSidecarLock *
gloss_sidecar_lock_new (GFile *sidecar)
{
  GlossSidecarLock *self;
  g_autoptr(GFile) folder = NULL;
  g_autofree char *name = NULL;
  g_autofree char *lock_name = NULL;

  g_return_val_if_fail (G_IS_FILE (sidecar), NULL);

  folder = g_file_get_parent (sidecar);
  name = g_file_get_basename (sidecar);
  lock_name = g_strdup_printf (".%s.lock", name);

  self = g_object_new (GLOSS_TYPE_SIDECAR_LOCK, NULL);
  self->file = g_file_get_child (folder, lock_name);
  return self;
}
