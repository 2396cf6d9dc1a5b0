/* gloss-problem.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gloss-problem.h"

G_DEFINE_BOXED_TYPE (GlossProblem, gloss_problem, gloss_problem_copy, gloss_problem_free)

GlossProblem *
gloss_problem_new (GlossSeverity  severity,
                   const char    *file,
                   const char    *location,
                   const char    *message)
{
  GlossProblem *problem = g_new0 (GlossProblem, 1);

  problem->severity = severity;
  problem->file = g_strdup (file);
  problem->location = g_strdup (location);
  problem->message = g_strdup (message);

  return problem;
}

GlossProblem *
gloss_problem_copy (const GlossProblem *problem)
{
  g_return_val_if_fail (problem != NULL, NULL);

  return gloss_problem_new (problem->severity, problem->file,
                            problem->location, problem->message);
}

void
gloss_problem_free (GlossProblem *problem)
{
  if (problem == NULL)
    return;

  g_free (problem->file);
  g_free (problem->location);
  g_free (problem->message);
  g_free (problem);
}

char *
gloss_problem_to_string (const GlossProblem *problem)
{
  GString *out = g_string_new (NULL);

  if (problem->file != NULL)
    g_string_append_printf (out, "%s: ", problem->file);
  if (problem->location != NULL)
    g_string_append_printf (out, "%s: ", problem->location);
  g_string_append (out, problem->message);

  return g_string_free (out, FALSE);
}

const char *
gloss_severity_to_string (GlossSeverity severity)
{
  switch (severity)
    {
    case GLOSS_SEVERITY_INFO:
      return _("info");
    case GLOSS_SEVERITY_WARNING:
      return _("warning");
    case GLOSS_SEVERITY_ERROR:
      return _("error");
    default:
      g_return_val_if_reached (NULL);
    }
}
