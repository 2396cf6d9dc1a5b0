/* gloss-sidecar-lock.h — "this sidecar is being edited here", for other
 * processes and other people on a shared drive
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define GLOSS_TYPE_SIDECAR_LOCK (gloss_sidecar_lock_get_type ())
G_DECLARE_FINAL_TYPE (GlossSidecarLock, gloss_sidecar_lock, GLOSS, SIDECAR_LOCK, GObject)

/* The lock of the sidecar @sidecar: a hidden file beside it,
 * ".<sidecar name>.lock". Nothing is taken until acquired. */
GlossSidecarLock *gloss_sidecar_lock_new          (GFile             *sidecar);

/* Takes the lock. Fails with GLOSS_ERROR_BUSY (message: who holds it,
 * where and since when) when another live process holds it, unless
 * @take_over, which replaces their lock with ours. A lock left by a
 * process of this machine that no longer runs is stale and taken over
 * silently. A folder where no lock can be written (read-only media) is
 * not an error: there is nobody to warn, and the lock is then not held. */
gboolean          gloss_sidecar_lock_acquire      (GlossSidecarLock  *self,
                                                   gboolean           take_over,
                                                   GError           **error);
/* TRUE while the lock file on disk is still ours (or no lock could be
 * written at all); FALSE once somebody took it over — reads the file. */
gboolean          gloss_sidecar_lock_is_still_ours (GlossSidecarLock *self);
/* Who holds the lock now, for a message ("alice on laptop, since 10:02"),
 * or NULL when nobody does. Reads the file. */
char             *gloss_sidecar_lock_dup_holder   (GlossSidecarLock  *self);
/* Removes the lock file if it is ours. */
void              gloss_sidecar_lock_release      (GlossSidecarLock  *self);

GFile            *gloss_sidecar_lock_get_file     (GlossSidecarLock  *self);

G_END_DECLS
