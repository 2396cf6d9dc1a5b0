/* gloss-error.h — the error domain of libgloss
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GLOSS_ERROR (gloss_error_quark ())

typedef enum
{
  GLOSS_ERROR_FAILED,          /* anything not covered below */
  GLOSS_ERROR_INVALID_UTF8,    /* an article or sidecar is not valid UTF-8 */
  GLOSS_ERROR_TOO_LARGE,       /* a file or value exceeds a documented limit */
  GLOSS_ERROR_PARSE,           /* not well-formed JSON */
  GLOSS_ERROR_INVALID,         /* well-formed, but breaks the sidecar or label-set contract */
  GLOSS_ERROR_INCONSISTENT,    /* sidecar disagrees with its article */
  GLOSS_ERROR_READ_ONLY,       /* refusing to write: load failed or newer version */
  GLOSS_ERROR_NOT_FOUND,       /* an id, label or file that does not exist */
  GLOSS_ERROR_RANGE,           /* an offset outside the text or inside a grapheme */
  GLOSS_ERROR_BUSY,            /* a sidecar is being edited by another Gloss */
} GlossError;

GQuark gloss_error_quark (void);

G_END_DECLS
