/* gloss-suggestion.c — a span (and maybe its speaker) that a source of
 * suggestions proposes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "gloss-suggestion.h"
#include "gloss-suggestion-private.h"

struct _GlossSuggestion
{
  GObject  parent_instance;

  char    *source;
  char    *label;      /* NULL: a tie between the labels of tie */
  guint    start;
  guint    end;
  char    *exact;

  gboolean has_score;
  double   score;
  char    *detail;
  GStrv    tie;

  gboolean has_speaker;
  guint    speaker_start;
  guint    speaker_end;
  char    *speaker_label;

  /* gloss-suggestion-private.h */
  char    *proposal_key;
  char    *base_id;
};

G_DEFINE_FINAL_TYPE (GlossSuggestion, gloss_suggestion, G_TYPE_OBJECT)

static void
gloss_suggestion_finalize (GObject *object)
{
  GlossSuggestion *self = GLOSS_SUGGESTION (object);

  g_free (self->source);
  g_free (self->label);
  g_free (self->exact);
  g_free (self->detail);
  g_strfreev (self->tie);
  g_free (self->speaker_label);
  g_free (self->proposal_key);
  g_free (self->base_id);

  G_OBJECT_CLASS (gloss_suggestion_parent_class)->finalize (object);
}

static void
gloss_suggestion_class_init (GlossSuggestionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gloss_suggestion_finalize;
}

static void
gloss_suggestion_init (GlossSuggestion *self)
{
}

GlossSuggestion *
gloss_suggestion_new (const char *source,
                      const char *label,
                      guint       start,
                      guint       end,
                      const char *exact)
{
  GlossSuggestion *self;

  g_return_val_if_fail (source != NULL && source[0] != '\0', NULL);
  g_return_val_if_fail (start <= end, NULL);

  self = g_object_new (GLOSS_TYPE_SUGGESTION, NULL);
  self->source = g_strdup (source);
  self->label = g_strdup (label);
  self->start = start;
  self->end = end;
  self->exact = g_strdup (exact != NULL ? exact : "");

  return self;
}

const char *
gloss_suggestion_get_source (GlossSuggestion *self)
{
  g_return_val_if_fail (GLOSS_IS_SUGGESTION (self), NULL);
  return self->source;
}

const char *
gloss_suggestion_get_label (GlossSuggestion *self)
{
  g_return_val_if_fail (GLOSS_IS_SUGGESTION (self), NULL);
  return self->label;
}

guint
gloss_suggestion_get_start (GlossSuggestion *self)
{
  g_return_val_if_fail (GLOSS_IS_SUGGESTION (self), 0);
  return self->start;
}

guint
gloss_suggestion_get_end (GlossSuggestion *self)
{
  g_return_val_if_fail (GLOSS_IS_SUGGESTION (self), 0);
  return self->end;
}

const char *
gloss_suggestion_get_exact (GlossSuggestion *self)
{
  g_return_val_if_fail (GLOSS_IS_SUGGESTION (self), NULL);
  return self->exact;
}

gboolean
gloss_suggestion_get_score (GlossSuggestion *self,
                            double          *score)
{
  g_return_val_if_fail (GLOSS_IS_SUGGESTION (self), FALSE);

  if (score != NULL)
    *score = self->has_score ? self->score : 0.0;

  return self->has_score;
}

void
gloss_suggestion_set_score (GlossSuggestion *self,
                            double           score)
{
  g_return_if_fail (GLOSS_IS_SUGGESTION (self));
  g_return_if_fail (isfinite (score) && score >= 0.0 && score <= 1.0);

  self->has_score = TRUE;
  self->score = score;
}

const char *
gloss_suggestion_get_detail (GlossSuggestion *self)
{
  g_return_val_if_fail (GLOSS_IS_SUGGESTION (self), NULL);
  return self->detail;
}

void
gloss_suggestion_set_detail (GlossSuggestion *self,
                             const char      *detail)
{
  g_return_if_fail (GLOSS_IS_SUGGESTION (self));

  g_free (self->detail);
  self->detail = g_strdup (detail);
}

const char * const *
gloss_suggestion_get_tie (GlossSuggestion *self)
{
  g_return_val_if_fail (GLOSS_IS_SUGGESTION (self), NULL);
  return (const char * const *) self->tie;
}

void
gloss_suggestion_set_tie (GlossSuggestion    *self,
                          const char * const *labels)
{
  g_return_if_fail (GLOSS_IS_SUGGESTION (self));
  g_return_if_fail (self->label == NULL);

  g_strfreev (self->tie);
  self->tie = g_strdupv ((char **) labels);
}

gboolean
gloss_suggestion_get_speaker (GlossSuggestion *self,
                              guint           *start,
                              guint           *end,
                              const char     **label)
{
  g_return_val_if_fail (GLOSS_IS_SUGGESTION (self), FALSE);

  if (start != NULL)
    *start = self->speaker_start;
  if (end != NULL)
    *end = self->speaker_end;
  if (label != NULL)
    *label = self->speaker_label;

  return self->has_speaker;
}

void
gloss_suggestion_set_speaker (GlossSuggestion *self,
                              guint            start,
                              guint            end,
                              const char      *label)
{
  g_return_if_fail (GLOSS_IS_SUGGESTION (self));
  g_return_if_fail (start < end && label != NULL);

  self->has_speaker = TRUE;
  self->speaker_start = start;
  self->speaker_end = end;
  g_free (self->speaker_label);
  self->speaker_label = g_strdup (label);
  /* Both are made of the speaker. */
  g_clear_pointer (&self->proposal_key, g_free);
  g_clear_pointer (&self->base_id, g_free);
}

const char *
gloss_suggestion_peek_proposal_key (GlossSuggestion *self)
{
  return self->proposal_key;
}

const char *
gloss_suggestion_peek_base_id (GlossSuggestion *self)
{
  return self->base_id;
}

void
gloss_suggestion_take_keys (GlossSuggestion *self,
                            char            *proposal_key,
                            char            *base_id)
{
  g_return_if_fail (GLOSS_IS_SUGGESTION (self));

  g_free (self->proposal_key);
  self->proposal_key = proposal_key;
  g_free (self->base_id);
  self->base_id = base_id;
}

gboolean
gloss_suggestion_same_proposal (GlossSuggestion *a,
                                GlossSuggestion *b)
{
  g_return_val_if_fail (GLOSS_IS_SUGGESTION (a) && GLOSS_IS_SUGGESTION (b), FALSE);

  if (a->start != b->start || a->end != b->end || g_strcmp0 (a->label, b->label) != 0)
    return FALSE;
  if (a->has_speaker != b->has_speaker)
    return FALSE;

  return !a->has_speaker
         || (a->speaker_start == b->speaker_start && a->speaker_end == b->speaker_end
             && g_strcmp0 (a->speaker_label, b->speaker_label) == 0);
}

gboolean
gloss_suggestion_equal (GlossSuggestion *a,
                        GlossSuggestion *b)
{
  g_return_val_if_fail (GLOSS_IS_SUGGESTION (a) && GLOSS_IS_SUGGESTION (b), FALSE);

  if (!gloss_suggestion_same_proposal (a, b)
      || g_strcmp0 (a->source, b->source) != 0
      || g_strcmp0 (a->exact, b->exact) != 0
      || g_strcmp0 (a->detail, b->detail) != 0
      || a->has_score != b->has_score
      || (a->has_score && a->score != b->score))
    return FALSE;

  if (a->tie == NULL || b->tie == NULL)
    return a->tie == b->tie;

  return g_strv_equal ((const char * const *) a->tie, (const char * const *) b->tie);
}

int
gloss_suggestion_compare (GlossSuggestion *a,
                          GlossSuggestion *b)
{
  if (a->start != b->start)
    return a->start < b->start ? -1 : 1;
  if (a->end != b->end)
    return a->end > b->end ? -1 : 1;

  return g_strcmp0 (a->label, b->label);
}
