/* gloss-problem.h — a located problem found while loading or validating
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  GLOSS_SEVERITY_INFO,     /* e.g. "re-anchored: 3 moved" — not a problem */
  GLOSS_SEVERITY_WARNING,  /* kept, but worth a look (unknown label) */
  GLOSS_SEVERITY_ERROR,    /* the file cannot be used as it is */
} GlossSeverity;

typedef struct
{
  GlossSeverity severity;
  char *file;      /* display path of the file, or NULL */
  char *location;  /* e.g. "annotations[12].end", "line 3, column 7", or NULL */
  char *message;   /* what is wrong, one line */
} GlossProblem;

#define GLOSS_TYPE_PROBLEM (gloss_problem_get_type ())
GType         gloss_problem_get_type   (void) G_GNUC_CONST;

GlossProblem *gloss_problem_new        (GlossSeverity        severity,
                                        const char          *file,
                                        const char          *location,
                                        const char          *message);
GlossProblem *gloss_problem_copy       (const GlossProblem  *problem);
void          gloss_problem_free       (GlossProblem        *problem);
/* "FILE: LOCATION: MESSAGE", leaving out the parts that are NULL. */
char         *gloss_problem_to_string  (const GlossProblem  *problem);
const char   *gloss_severity_to_string (GlossSeverity        severity);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossProblem, gloss_problem_free)

G_END_DECLS
