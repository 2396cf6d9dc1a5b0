/* gloss-session-registry-private.h — the sessions open in this process,
 * by the real path of their sidecar (internal to gloss-session.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Only the name of the type: the registry keeps pointers and never looks
 * inside, so it does not depend on gloss-session.h (which would make the
 * session and its registry an include cycle). */
typedef struct _GlossSession GlossSession;

G_END_DECLS

G_BEGIN_DECLS

/* One process never holds two sessions on one sidecar: two would each
 * take the other's writes for somebody else's and fight over the file
 * (conflict copies, an annotation kept only in one of them). The registry
 * is only used from the main thread; it holds no references (a session
 * leaves it when disposed), and its keys are the sessions' own strings. */

/* The key of @annotator_id's sidecar of @article: realpath() of the folder
 * (so that a link to it, or "a/../a", names the same sidecar) and the
 * sidecar's own name; the URI for a file with no path. Blocking, but only
 * a stat or two. */
char         *gloss_session_registry_build_key (GFile        *article,
                                                const char   *annotator_id);
/* The session registered under @key (nullable), or NULL. */
GlossSession *gloss_session_registry_lookup    (const char   *key);
/* @key must stay valid while @session is registered (its own copy). A
 * session registered under the same key before is replaced. */
void          gloss_session_registry_add       (const char   *key,
                                                GlossSession *session);
/* Only if @session is the one registered under @key. */
void          gloss_session_registry_remove    (const char   *key,
                                                GlossSession *session);
/* A reference to every registered session (iterating the main context,
 * as a flush does, could drop one). */
GPtrArray    *gloss_session_registry_dup_all   (void);

G_END_DECLS
