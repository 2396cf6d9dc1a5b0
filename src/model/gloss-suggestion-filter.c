/* gloss-suggestion-filter.c — which suggestions the suggestions list shows
 *
 * The list may hold 10,000 suggestions and is filtered again on every key
 * typed into the text field, so a match must be cheap: the needle is
 * folded once per change, and each suggestion's folded text once in its
 * life (kept on the suggestion, whose text never changes).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gloss-suggestion-filter.h"

struct _GlossSuggestionFilter
{
  GObject  parent_instance;

  char    *source;       /* NULL: any */
  char    *label;        /* NULL: any */
  double   min_score;    /* 0: any */
  char    *text;         /* as set; "" when none */
  char    *folded_text;  /* @text normalized and folded; "" when none */
};

G_DEFINE_FINAL_TYPE (GlossSuggestionFilter, gloss_suggestion_filter, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (GlossSuggestionFilterChange, gloss_suggestion_filter_change,
  G_DEFINE_ENUM_VALUE (GLOSS_SUGGESTION_FILTER_DIFFERENT, "different"),
  G_DEFINE_ENUM_VALUE (GLOSS_SUGGESTION_FILTER_LESS_STRICT, "less-strict"),
  G_DEFINE_ENUM_VALUE (GLOSS_SUGGESTION_FILTER_MORE_STRICT, "more-strict"))

enum {
  PROP_0,
  PROP_SOURCE,
  PROP_LABEL,
  PROP_MIN_SCORE,
  PROP_TEXT,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Where a suggestion's folded text is kept. */
static GQuark
folded_text_quark (void)
{
  static GQuark quark;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("gloss-suggestion-folded-text");

  return quark;
}

/* What the text is compared by: NFKC, so that a ligature or a full-width
 * letter matches its plain letters, then case folded. */
static char *
fold (const char *text)
{
  g_autofree char *normalized = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);

  /* Not valid UTF-8 cannot come from a document; compared as it is. */
  if (normalized == NULL)
    return g_strdup (text);

  return g_utf8_casefold (normalized, -1);
}

/* The suggestion's folded text, computed on the first match and kept. */
static const char *
folded_exact (GlossSuggestion *suggestion)
{
  const char *folded = g_object_get_qdata (G_OBJECT (suggestion), folded_text_quark ());

  if (folded == NULL)
    {
      char *made = fold (gloss_suggestion_get_exact (suggestion));

      g_object_set_qdata_full (G_OBJECT (suggestion), folded_text_quark (), made, g_free);
      folded = made;
    }

  return folded;
}

static const char *
empty_as_null (const char *value)
{
  return value != NULL && value[0] != '\0' ? value : NULL;
}

static void
emit_changed (GlossSuggestionFilter       *self,
              GlossSuggestionFilterChange  change,
              GParamSpec                  *pspec)
{
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
  g_signal_emit (self, signals[CHANGED], 0, change);
}

/* The change from one "any or exactly this" value to another. */
static GlossSuggestionFilterChange
change_of_exact (const char *old_value,
                 const char *new_value)
{
  if (old_value == NULL)
    return GLOSS_SUGGESTION_FILTER_MORE_STRICT;
  if (new_value == NULL)
    return GLOSS_SUGGESTION_FILTER_LESS_STRICT;
  return GLOSS_SUGGESTION_FILTER_DIFFERENT;
}

static void
gloss_suggestion_filter_finalize (GObject *object)
{
  GlossSuggestionFilter *self = GLOSS_SUGGESTION_FILTER (object);

  g_free (self->source);
  g_free (self->label);
  g_free (self->text);
  g_free (self->folded_text);

  G_OBJECT_CLASS (gloss_suggestion_filter_parent_class)->finalize (object);
}

static void
gloss_suggestion_filter_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  GlossSuggestionFilter *self = GLOSS_SUGGESTION_FILTER (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    case PROP_MIN_SCORE:
      g_value_set_double (value, self->min_score);
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_suggestion_filter_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  GlossSuggestionFilter *self = GLOSS_SUGGESTION_FILTER (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      gloss_suggestion_filter_set_source (self, g_value_get_string (value));
      break;
    case PROP_LABEL:
      gloss_suggestion_filter_set_label (self, g_value_get_string (value));
      break;
    case PROP_MIN_SCORE:
      gloss_suggestion_filter_set_min_score (self, g_value_get_double (value));
      break;
    case PROP_TEXT:
      gloss_suggestion_filter_set_text (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_suggestion_filter_class_init (GlossSuggestionFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gloss_suggestion_filter_finalize;
  object_class->get_property = gloss_suggestion_filter_get_property;
  object_class->set_property = gloss_suggestion_filter_set_property;

  properties[PROP_SOURCE] =
    g_param_spec_string ("source", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MIN_SCORE] =
    g_param_spec_double ("min-score", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, GLOSS_TYPE_SUGGESTION_FILTER_CHANGE);
}

static void
gloss_suggestion_filter_init (GlossSuggestionFilter *self)
{
  self->text = g_strdup ("");
  self->folded_text = g_strdup ("");
}

GlossSuggestionFilter *
gloss_suggestion_filter_new (void)
{
  return g_object_new (GLOSS_TYPE_SUGGESTION_FILTER, NULL);
}

const char *
gloss_suggestion_filter_get_source (GlossSuggestionFilter *self)
{
  g_return_val_if_fail (GLOSS_IS_SUGGESTION_FILTER (self), NULL);
  return self->source;
}

void
gloss_suggestion_filter_set_source (GlossSuggestionFilter *self,
                                    const char            *source)
{
  GlossSuggestionFilterChange change;

  g_return_if_fail (GLOSS_IS_SUGGESTION_FILTER (self));

  source = empty_as_null (source);
  if (g_strcmp0 (self->source, source) == 0)
    return;

  change = change_of_exact (self->source, source);
  g_free (self->source);
  self->source = g_strdup (source);
  emit_changed (self, change, properties[PROP_SOURCE]);
}

const char *
gloss_suggestion_filter_get_label (GlossSuggestionFilter *self)
{
  g_return_val_if_fail (GLOSS_IS_SUGGESTION_FILTER (self), NULL);
  return self->label;
}

void
gloss_suggestion_filter_set_label (GlossSuggestionFilter *self,
                                   const char            *label)
{
  GlossSuggestionFilterChange change;

  g_return_if_fail (GLOSS_IS_SUGGESTION_FILTER (self));

  label = empty_as_null (label);
  if (g_strcmp0 (self->label, label) == 0)
    return;

  change = change_of_exact (self->label, label);
  g_free (self->label);
  self->label = g_strdup (label);
  emit_changed (self, change, properties[PROP_LABEL]);
}

double
gloss_suggestion_filter_get_min_score (GlossSuggestionFilter *self)
{
  g_return_val_if_fail (GLOSS_IS_SUGGESTION_FILTER (self), 0.0);
  return self->min_score;
}

void
gloss_suggestion_filter_set_min_score (GlossSuggestionFilter *self,
                                       double                 min_score)
{
  GlossSuggestionFilterChange change;

  g_return_if_fail (GLOSS_IS_SUGGESTION_FILTER (self));
  g_return_if_fail (min_score >= 0.0 && min_score <= 1.0);

  if (min_score == self->min_score)
    return;

  /* From 0 up also drops the suggestions without a score: still stricter. */
  change = min_score > self->min_score ? GLOSS_SUGGESTION_FILTER_MORE_STRICT
                                       : GLOSS_SUGGESTION_FILTER_LESS_STRICT;
  self->min_score = min_score;
  emit_changed (self, change, properties[PROP_MIN_SCORE]);
}

const char *
gloss_suggestion_filter_get_text (GlossSuggestionFilter *self)
{
  g_return_val_if_fail (GLOSS_IS_SUGGESTION_FILTER (self), NULL);
  return self->text;
}

void
gloss_suggestion_filter_set_text (GlossSuggestionFilter *self,
                                  const char            *text)
{
  g_autofree char *folded = NULL;
  GlossSuggestionFilterChange change;
  gboolean same_match;

  g_return_if_fail (GLOSS_IS_SUGGESTION_FILTER (self));

  if (text == NULL)
    text = "";
  if (strcmp (self->text, text) == 0)
    return;

  folded = fold (text);
  same_match = strcmp (folded, self->folded_text) == 0;

  /* A text within the new one: whatever holds the new one holds it, so
   * nothing new can match (typing on); the other way round, nothing that
   * matched can fail (deleting). */
  if (strstr (folded, self->folded_text) != NULL)
    change = GLOSS_SUGGESTION_FILTER_MORE_STRICT;
  else if (strstr (self->folded_text, folded) != NULL)
    change = GLOSS_SUGGESTION_FILTER_LESS_STRICT;
  else
    change = GLOSS_SUGGESTION_FILTER_DIFFERENT;

  g_free (self->text);
  self->text = g_strdup (text);
  g_free (self->folded_text);
  self->folded_text = g_steal_pointer (&folded);

  /* Only the case changed ("ruiz" to "Ruiz"): what matches is the same,
   * so the list need not be filtered again. */
  if (same_match)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
  else
    emit_changed (self, change, properties[PROP_TEXT]);
}

gboolean
gloss_suggestion_filter_matches (GlossSuggestionFilter *self,
                                 GlossSuggestion       *suggestion)
{
  double score;

  g_return_val_if_fail (GLOSS_IS_SUGGESTION_FILTER (self), FALSE);
  g_return_val_if_fail (GLOSS_IS_SUGGESTION (suggestion), FALSE);

  if (self->source != NULL && strcmp (gloss_suggestion_get_source (suggestion), self->source) != 0)
    return FALSE;

  if (self->label != NULL)
    {
      const char *label = gloss_suggestion_get_label (suggestion);
      const char * const *tie = gloss_suggestion_get_tie (suggestion);

      if (label != NULL ? strcmp (label, self->label) != 0
                        : tie == NULL || !g_strv_contains (tie, self->label))
        return FALSE;
    }

  if (self->min_score > 0.0
      && (!gloss_suggestion_get_score (suggestion, &score) || score < self->min_score))
    return FALSE;

  if (self->folded_text[0] != '\0'
      && strstr (folded_exact (suggestion), self->folded_text) == NULL)
    return FALSE;

  return TRUE;
}

gboolean
gloss_suggestion_filter_is_empty (GlossSuggestionFilter *self)
{
  g_return_val_if_fail (GLOSS_IS_SUGGESTION_FILTER (self), TRUE);

  return self->source == NULL && self->label == NULL && self->min_score == 0.0
         && self->folded_text[0] == '\0';
}
