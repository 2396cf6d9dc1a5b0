/* gloss-attribute.c — one attribute of a span, or one field of an article:
 * what a label set says about it, and whether a value fits
 *
 * Values are GVariants of four types only ("b", "s", "d", "as"), so that a
 * value can be kept, compared and written back whatever the attribute says,
 * and the rules live in one place: gloss_attribute_check_value().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "gloss-attribute.h"
#include "gloss-error.h"

/* Numbers with no fraction up to here are exact in a double, and written
 * as integers. */
#define MAX_EXACT_INTEGER 9007199254740992.0  /* 2^53 */

typedef struct
{
  char     *id;
  char     *name;
  gunichar  key;
} Choice;

struct _GlossAttribute
{
  GObject             parent_instance;

  char               *id;
  char               *name;
  GlossAttributeType  value_type;
  GStrv               applies_to;
  gboolean            required;
  gboolean            multiple;
  gunichar            shortcut;
  GVariant           *default_value;
  char               *pattern;
  GRegex             *regex;       /* the pattern, anchored at both ends */
  double              minimum;
  double              maximum;
  GVariant           *choices;     /* a(ssu), as given */
  GArray             *choice_list; /* Choice, read from @choices */
};

G_DEFINE_FINAL_TYPE (GlossAttribute, gloss_attribute, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (GlossAttributeType, gloss_attribute_type,
                    G_DEFINE_ENUM_VALUE (GLOSS_ATTRIBUTE_CHOICE, "choice"),
                    G_DEFINE_ENUM_VALUE (GLOSS_ATTRIBUTE_BOOLEAN, "boolean"),
                    G_DEFINE_ENUM_VALUE (GLOSS_ATTRIBUTE_TEXT, "text"),
                    G_DEFINE_ENUM_VALUE (GLOSS_ATTRIBUTE_NUMBER, "number"))

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_VALUE_TYPE,
  PROP_APPLIES_TO,
  PROP_REQUIRED,
  PROP_MULTIPLE,
  PROP_SHORTCUT,
  PROP_DEFAULT_VALUE,
  PROP_PATTERN,
  PROP_MINIMUM,
  PROP_MAXIMUM,
  PROP_CHOICES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Part of the gloss-labels.json format: spelled out, as for label kinds, so
 * that renaming an enum value never changes the file format. */
static const char * const type_names[] = {
  [GLOSS_ATTRIBUTE_CHOICE] = "choice",
  [GLOSS_ATTRIBUTE_BOOLEAN] = "boolean",
  [GLOSS_ATTRIBUTE_TEXT] = "text",
  [GLOSS_ATTRIBUTE_NUMBER] = "number",
};

const char *
gloss_attribute_type_to_string (GlossAttributeType type)
{
  if ((guint) type >= G_N_ELEMENTS (type_names))
    return NULL;

  return type_names[type];
}

gboolean
gloss_attribute_type_from_string (const char         *str,
                                  GlossAttributeType *type)
{
  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (type_names); i++)
    {
      if (g_str_equal (str, type_names[i]))
        {
          if (type != NULL)
            *type = (GlossAttributeType) i;
          return TRUE;
        }
    }

  return FALSE;
}

static void
choice_clear (gpointer data)
{
  Choice *choice = data;

  g_clear_pointer (&choice->id, g_free);
  g_clear_pointer (&choice->name, g_free);
}

static void
gloss_attribute_constructed (GObject *object)
{
  GlossAttribute *self = GLOSS_ATTRIBUTE (object);

  G_OBJECT_CLASS (gloss_attribute_parent_class)->constructed (object);

  /* Like a label, an attribute made with only an id is still showable. */
  if (self->id == NULL)
    self->id = g_strdup ("");
  if (self->name == NULL || self->name[0] == '\0')
    {
      g_free (self->name);
      self->name = g_strdup (self->id);
    }

  if (self->choices != NULL)
    {
      GVariantIter iter;
      const char *id, *name;
      guint32 key;

      g_variant_iter_init (&iter, self->choices);
      while (g_variant_iter_next (&iter, "(&s&su)", &id, &name, &key))
        {
          Choice choice = {
            g_strdup (id),
            g_strdup (name[0] != '\0' ? name : id),
            g_unichar_tolower (key),
          };

          g_array_append_val (self->choice_list, choice);
        }
    }

  /* \A and \z: the whole value must match, not some part of it, and an
   * alternation ("Q1|Q") may not stop early. The reader has checked that
   * the pattern compiles; one that does not here matches nothing. */
  if (self->pattern != NULL)
    {
      g_autofree char *anchored = g_strdup_printf ("\\A(?:%s)\\z", self->pattern);

      self->regex = g_regex_new (anchored, 0, 0, NULL);
    }
}

static void
gloss_attribute_finalize (GObject *object)
{
  GlossAttribute *self = GLOSS_ATTRIBUTE (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->applies_to, g_strfreev);
  g_clear_pointer (&self->default_value, g_variant_unref);
  g_clear_pointer (&self->pattern, g_free);
  g_clear_pointer (&self->regex, g_regex_unref);
  g_clear_pointer (&self->choices, g_variant_unref);
  g_clear_pointer (&self->choice_list, g_array_unref);

  G_OBJECT_CLASS (gloss_attribute_parent_class)->finalize (object);
}

static void
gloss_attribute_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  GlossAttribute *self = GLOSS_ATTRIBUTE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_VALUE_TYPE:
      g_value_set_enum (value, self->value_type);
      break;

    case PROP_APPLIES_TO:
      g_value_set_boxed (value, self->applies_to);
      break;

    case PROP_REQUIRED:
      g_value_set_boolean (value, self->required);
      break;

    case PROP_MULTIPLE:
      g_value_set_boolean (value, self->multiple);
      break;

    case PROP_SHORTCUT:
      g_value_set_uint (value, self->shortcut);
      break;

    case PROP_DEFAULT_VALUE:
      g_value_set_variant (value, self->default_value);
      break;

    case PROP_PATTERN:
      g_value_set_string (value, self->pattern);
      break;

    case PROP_MINIMUM:
      g_value_set_double (value, self->minimum);
      break;

    case PROP_MAXIMUM:
      g_value_set_double (value, self->maximum);
      break;

    case PROP_CHOICES:
      g_value_set_variant (value, self->choices);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_attribute_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  GlossAttribute *self = GLOSS_ATTRIBUTE (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;

    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;

    case PROP_VALUE_TYPE:
      self->value_type = g_value_get_enum (value);
      break;

    case PROP_APPLIES_TO:
      self->applies_to = g_value_dup_boxed (value);
      break;

    case PROP_REQUIRED:
      self->required = g_value_get_boolean (value);
      break;

    case PROP_MULTIPLE:
      self->multiple = g_value_get_boolean (value);
      break;

    case PROP_SHORTCUT:
      self->shortcut = g_unichar_tolower (g_value_get_uint (value));
      break;

    case PROP_DEFAULT_VALUE:
      self->default_value = g_value_dup_variant (value);
      break;

    case PROP_PATTERN:
      self->pattern = g_value_dup_string (value);
      break;

    case PROP_MINIMUM:
      self->minimum = g_value_get_double (value);
      break;

    case PROP_MAXIMUM:
      self->maximum = g_value_get_double (value);
      break;

    case PROP_CHOICES:
      self->choices = g_value_dup_variant (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_attribute_class_init (GlossAttributeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = (G_PARAM_READWRITE |
                             G_PARAM_CONSTRUCT_ONLY |
                             G_PARAM_STATIC_STRINGS);

  object_class->constructed = gloss_attribute_constructed;
  object_class->finalize = gloss_attribute_finalize;
  object_class->get_property = gloss_attribute_get_property;
  object_class->set_property = gloss_attribute_set_property;

  /**
   * GlossAttribute:id:
   *
   * The identifier stored in sidecars, e.g. "verdict".
   */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, flags);

  /**
   * GlossAttribute:name:
   *
   * The name shown to the user; the id when none was given.
   */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, flags);

  /**
   * GlossAttribute:value-type:
   *
   * Choice, boolean, text or number.
   */
  properties[PROP_VALUE_TYPE] =
    g_param_spec_enum ("value-type", NULL, NULL,
                       GLOSS_TYPE_ATTRIBUTE_TYPE, GLOSS_ATTRIBUTE_TEXT, flags);

  /**
   * GlossAttribute:applies-to:
   *
   * Label ids and "kind:…" entries; %NULL for a field of the article.
   */
  properties[PROP_APPLIES_TO] =
    g_param_spec_boxed ("applies-to", NULL, NULL, G_TYPE_STRV, flags);

  /**
   * GlossAttribute:required:
   *
   * Whether an annotation (or article) is incomplete without a value.
   */
  properties[PROP_REQUIRED] =
    g_param_spec_boolean ("required", NULL, NULL, FALSE, flags);

  /**
   * GlossAttribute:multiple:
   *
   * For a choice: whether several values may be chosen at once.
   */
  properties[PROP_MULTIPLE] =
    g_param_spec_boolean ("multiple", NULL, NULL, FALSE, flags);

  /**
   * GlossAttribute:shortcut:
   *
   * The key (a Unicode character) that picks the attribute, or 0.
   */
  properties[PROP_SHORTCUT] =
    g_param_spec_uint ("shortcut", NULL, NULL, 0, 0x10FFFF, 0, flags);

  /**
   * GlossAttribute:default-value:
   *
   * The value a new annotation starts with, or %NULL.
   */
  properties[PROP_DEFAULT_VALUE] =
    g_param_spec_variant ("default-value", NULL, NULL,
                          G_VARIANT_TYPE_ANY, NULL, flags);

  /**
   * GlossAttribute:pattern:
   *
   * For text: a regular expression the whole value must match, or %NULL.
   */
  properties[PROP_PATTERN] =
    g_param_spec_string ("pattern", NULL, NULL, NULL, flags);

  /**
   * GlossAttribute:minimum:
   *
   * For a number: the smallest allowed, -INFINITY for no bound.
   */
  properties[PROP_MINIMUM] =
    g_param_spec_double ("minimum", NULL, NULL,
                         -INFINITY, INFINITY, -INFINITY, flags);

  /**
   * GlossAttribute:maximum:
   *
   * For a number: the largest allowed, INFINITY for no bound.
   */
  properties[PROP_MAXIMUM] =
    g_param_spec_double ("maximum", NULL, NULL,
                         -INFINITY, INFINITY, INFINITY, flags);

  /**
   * GlossAttribute:choices:
   *
   * For a choice: its values, as "a(ssu)" (id, name, key or 0).
   */
  properties[PROP_CHOICES] =
    g_param_spec_variant ("choices", NULL, NULL,
                          G_VARIANT_TYPE ("a(ssu)"), NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gloss_attribute_init (GlossAttribute *self)
{
  self->value_type = GLOSS_ATTRIBUTE_TEXT;
  self->minimum = -INFINITY;
  self->maximum = INFINITY;
  self->choice_list = g_array_new (FALSE, TRUE, sizeof (Choice));
  g_array_set_clear_func (self->choice_list, choice_clear);
}

const char *
gloss_attribute_get_id (GlossAttribute *self)
{
  g_return_val_if_fail (GLOSS_IS_ATTRIBUTE (self), NULL);

  return self->id;
}

const char *
gloss_attribute_get_name (GlossAttribute *self)
{
  g_return_val_if_fail (GLOSS_IS_ATTRIBUTE (self), NULL);

  return self->name;
}

GlossAttributeType
gloss_attribute_get_value_type (GlossAttribute *self)
{
  g_return_val_if_fail (GLOSS_IS_ATTRIBUTE (self), GLOSS_ATTRIBUTE_TEXT);

  return self->value_type;
}

/**
 * gloss_attribute_get_applies_to:
 *
 * Returns: (transfer none) (nullable): the label ids and "kind:…" entries
 *   the attribute applies to, or %NULL for a field of the article
 */
const char * const *
gloss_attribute_get_applies_to (GlossAttribute *self)
{
  g_return_val_if_fail (GLOSS_IS_ATTRIBUTE (self), NULL);

  return (const char * const *) self->applies_to;
}

gboolean
gloss_attribute_get_required (GlossAttribute *self)
{
  g_return_val_if_fail (GLOSS_IS_ATTRIBUTE (self), FALSE);

  return self->required;
}

gboolean
gloss_attribute_get_multiple (GlossAttribute *self)
{
  g_return_val_if_fail (GLOSS_IS_ATTRIBUTE (self), FALSE);

  return self->multiple;
}

gunichar
gloss_attribute_get_shortcut (GlossAttribute *self)
{
  g_return_val_if_fail (GLOSS_IS_ATTRIBUTE (self), 0);

  return self->shortcut;
}

/**
 * gloss_attribute_get_default_value:
 *
 * Returns: (transfer none) (nullable): the default, or %NULL for none
 */
GVariant *
gloss_attribute_get_default_value (GlossAttribute *self)
{
  g_return_val_if_fail (GLOSS_IS_ATTRIBUTE (self), NULL);

  return self->default_value;
}

const char *
gloss_attribute_get_pattern (GlossAttribute *self)
{
  g_return_val_if_fail (GLOSS_IS_ATTRIBUTE (self), NULL);

  return self->pattern;
}

double
gloss_attribute_get_minimum (GlossAttribute *self)
{
  g_return_val_if_fail (GLOSS_IS_ATTRIBUTE (self), -INFINITY);

  return self->minimum;
}

double
gloss_attribute_get_maximum (GlossAttribute *self)
{
  g_return_val_if_fail (GLOSS_IS_ATTRIBUTE (self), INFINITY);

  return self->maximum;
}

guint
gloss_attribute_get_n_choices (GlossAttribute *self)
{
  g_return_val_if_fail (GLOSS_IS_ATTRIBUTE (self), 0);

  return self->choice_list->len;
}

const char *
gloss_attribute_get_choice_id (GlossAttribute *self,
                               guint           index)
{
  g_return_val_if_fail (GLOSS_IS_ATTRIBUTE (self), NULL);
  g_return_val_if_fail (index < self->choice_list->len, NULL);

  return g_array_index (self->choice_list, Choice, index).id;
}

const char *
gloss_attribute_get_choice_name (GlossAttribute *self,
                                 guint           index)
{
  g_return_val_if_fail (GLOSS_IS_ATTRIBUTE (self), NULL);
  g_return_val_if_fail (index < self->choice_list->len, NULL);

  return g_array_index (self->choice_list, Choice, index).name;
}

gunichar
gloss_attribute_get_choice_key (GlossAttribute *self,
                                guint           index)
{
  g_return_val_if_fail (GLOSS_IS_ATTRIBUTE (self), 0);
  g_return_val_if_fail (index < self->choice_list->len, 0);

  return g_array_index (self->choice_list, Choice, index).key;
}

int
gloss_attribute_lookup_choice (GlossAttribute *self,
                               const char     *id)
{
  g_return_val_if_fail (GLOSS_IS_ATTRIBUTE (self), -1);

  if (id == NULL)
    return -1;

  for (guint i = 0; i < self->choice_list->len; i++)
    {
      if (g_str_equal (g_array_index (self->choice_list, Choice, i).id, id))
        return (int) i;
    }

  return -1;
}

int
gloss_attribute_lookup_choice_key (GlossAttribute *self,
                                   gunichar        key)
{
  g_return_val_if_fail (GLOSS_IS_ATTRIBUTE (self), -1);

  if (key == 0)
    return -1;

  key = g_unichar_tolower (key);
  for (guint i = 0; i < self->choice_list->len; i++)
    {
      if (g_array_index (self->choice_list, Choice, i).key == key)
        return (int) i;
    }

  return -1;
}

const GVariantType *
gloss_attribute_get_variant_type (GlossAttribute *self)
{
  g_return_val_if_fail (GLOSS_IS_ATTRIBUTE (self), G_VARIANT_TYPE_STRING);

  switch (self->value_type)
    {
    case GLOSS_ATTRIBUTE_CHOICE:
      return self->multiple ? G_VARIANT_TYPE_STRING_ARRAY : G_VARIANT_TYPE_STRING;

    case GLOSS_ATTRIBUTE_BOOLEAN:
      return G_VARIANT_TYPE_BOOLEAN;

    case GLOSS_ATTRIBUTE_NUMBER:
      return G_VARIANT_TYPE_DOUBLE;

    case GLOSS_ATTRIBUTE_TEXT:
    default:
      return G_VARIANT_TYPE_STRING;
    }
}

/* A string as it appears in a message: in quotes, control characters
 * escaped to keep the message on one line, cut after 40 characters. */
static void
append_quoted (GString    *out,
               const char *value)
{
  const guint max_chars = 40;
  guint n_chars = 0;

  g_string_append (out, "“");
  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (n_chars++ == max_chars)
        {
          g_string_append (out, "…");
          break;
        }

      if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (g_unichar_iscntrl (c))
        g_string_append_printf (out, "\\u%04X", c);
      else
        g_string_append_unichar (out, c);
    }
  g_string_append (out, "”");
}

static char *
format_number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  /* Fifteen digits: 0.1 stays "0.1", not 0.10000000000000001. */
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.15g", value));
}

/**
 * gloss_attribute_describe_value:
 * @value: a value
 *
 * Returns: (transfer full): @value as a message shows it: true, false,
 *   0.5, “mixed”, or the strings of a list joined by commas
 */
char *
gloss_attribute_describe_value (GVariant *value)
{
  GString *out;

  g_return_val_if_fail (value != NULL, NULL);

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    return g_strdup (g_variant_get_boolean (value) ? "true" : "false");

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    return format_number (g_variant_get_double (value));

  out = g_string_new (NULL);

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    append_quoted (out, g_variant_get_string (value, NULL));
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY))
    {
      gsize n = g_variant_n_children (value);

      if (n == 0)
        /* Translators: an empty list of values, in a message about it */
        g_string_append (out, _("no value"));

      for (gsize i = 0; i < n; i++)
        {
          g_autoptr(GVariant) item = g_variant_get_child_value (value, i);

          if (i > 0)
            g_string_append (out, ", ");
          append_quoted (out, g_variant_get_string (item, NULL));
        }
    }
  else
    {
      g_autofree char *printed = g_variant_print (value, FALSE);

      append_quoted (out, printed);
    }

  return g_string_free (out, FALSE);
}

/**
 * gloss_attribute_value_is_set:
 * @value: (nullable): a value, or %NULL
 *
 * Returns: %FALSE for %NULL and for an empty list of values: both are
 *   "not set", as gloss_attribute_check_value() reads them
 */
gboolean
gloss_attribute_value_is_set (GVariant *value)
{
  if (value == NULL)
    return FALSE;

  return !(g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY)
           && g_variant_n_children (value) == 0);
}

/* "true, mostly-true, mixed": the ids a choice allows, for messages. */
static char *
list_choices (GlossAttribute *self)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < self->choice_list->len; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      g_string_append (out, g_array_index (self->choice_list, Choice, i).id);
    }

  return g_string_free (out, FALSE);
}

static gboolean
check_choice (GlossAttribute  *self,
              const char      *id,
              GError         **error)
{
  g_autoptr(GVariant) as_value = NULL;
  g_autofree char *described = NULL;
  g_autofree char *allowed = NULL;

  if (gloss_attribute_lookup_choice (self, id) >= 0)
    return TRUE;

  as_value = g_variant_ref_sink (g_variant_new_string (id));
  described = gloss_attribute_describe_value (as_value);
  allowed = list_choices (self);
  /* Translators: the value, the attribute's name, and the values it
   * allows: “maybe” is not a value of “Verdict” (true, false, mixed) */
  g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
               _("%s is not a value of “%s” (%s)"),
               described, self->name, allowed);

  return FALSE;
}

static gboolean
check_multiple_choice (GlossAttribute  *self,
                       GVariant        *value,
                       GError         **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  gsize n = g_variant_n_children (value);

  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GVariant) item = g_variant_get_child_value (value, i);
      const char *id = g_variant_get_string (item, NULL);

      if (!check_choice (self, id, error))
        return FALSE;

      if (!g_hash_table_add (seen, (gpointer) id))
        {
          g_autofree char *described = gloss_attribute_describe_value (item);

          /* Translators: a value, and the attribute's name */
          g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                       _("%s is chosen twice for “%s”"),
                       described, self->name);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
check_text (GlossAttribute  *self,
            GVariant        *value,
            GError         **error)
{
  g_autofree char *described = NULL;

  if (self->pattern == NULL)
    return TRUE;

  if (self->regex != NULL &&
      g_regex_match (self->regex, g_variant_get_string (value, NULL), 0, NULL))
    return TRUE;

  described = gloss_attribute_describe_value (value);
  /* Translators: the value, the attribute's name and the regular
   * expression it must match: “42” does not match the pattern of
   * “Wikidata” (Q[0-9]+) */
  g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
               _("%s does not match the pattern of “%s” (%s)"),
               described, self->name, self->pattern);

  return FALSE;
}

static gboolean
check_number (GlossAttribute  *self,
              GVariant        *value,
              GError         **error)
{
  double number = g_variant_get_double (value);
  g_autofree char *described = NULL;
  g_autofree char *bound = NULL;

  if (!isfinite (number))
    {
      /* Translators: %s is the attribute's name */
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   _("“%s” takes a finite number"), self->name);
      return FALSE;
    }

  described = gloss_attribute_describe_value (value);

  if (number < self->minimum)
    {
      bound = format_number (self->minimum);
      /* Translators: the value, the attribute's name and its minimum */
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   _("%s is less than the minimum of “%s” (%s)"),
                   described, self->name, bound);
      return FALSE;
    }

  if (number > self->maximum)
    {
      bound = format_number (self->maximum);
      /* Translators: the value, the attribute's name and its maximum */
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   _("%s is more than the maximum of “%s” (%s)"),
                   described, self->name, bound);
      return FALSE;
    }

  return TRUE;
}

/* A value of the wrong type, in words that say what the attribute takes.
 * One g_set_error() per sentence, so that the formats stay literals the
 * compiler (and xgettext) can check. */
static void
set_wrong_type_error (GlossAttribute  *self,
                      GVariant        *value,
                      GError         **error)
{
  g_autofree char *described = gloss_attribute_describe_value (value);

  switch (self->value_type)
    {
    case GLOSS_ATTRIBUTE_CHOICE:
      if (self->multiple)
        /* Translators: the attribute's name and the value it was given */
        g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                     _("“%s” takes a list of its values, not %s"), self->name, described);
      else
        g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                     _("“%s” takes one of its values, not %s"), self->name, described);
      break;

    case GLOSS_ATTRIBUTE_BOOLEAN:
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   _("“%s” is true or false, not %s"), self->name, described);
      break;

    case GLOSS_ATTRIBUTE_NUMBER:
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   _("“%s” takes a number, not %s"), self->name, described);
      break;

    case GLOSS_ATTRIBUTE_TEXT:
    default:
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   _("“%s” takes a text, not %s"), self->name, described);
      break;
    }
}

/**
 * gloss_attribute_check_value:
 * @value: (nullable): a value, or %NULL for none
 * @error: return location for a #GError
 *
 * Whether @value may be stored for @self: of the attribute's type
 * (gloss_attribute_get_variant_type()), one of its values for a choice
 * (each at most once when several are allowed), matching its pattern for
 * text, finite and within its bounds for a number. No value (or, where
 * several are allowed, an empty list) is allowed unless the attribute is
 * required.
 *
 * Returns: %TRUE if it may, else %FALSE with @error (%GLOSS_ERROR_INVALID)
 *   saying why in a sentence that names the attribute and the value
 */
gboolean
gloss_attribute_check_value (GlossAttribute  *self,
                             GVariant        *value,
                             GError         **error)
{
  g_return_val_if_fail (GLOSS_IS_ATTRIBUTE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* For several values, none chosen is "not set" too. */
  if (value == NULL ||
      (self->value_type == GLOSS_ATTRIBUTE_CHOICE && self->multiple &&
       g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY) &&
       g_variant_n_children (value) == 0))
    {
      if (!self->required)
        return TRUE;

      /* Translators: %s is the attribute's name */
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   _("“%s” is required"), self->name);
      return FALSE;
    }

  if (!g_variant_is_of_type (value, gloss_attribute_get_variant_type (self)))
    {
      set_wrong_type_error (self, value, error);
      return FALSE;
    }

  switch (self->value_type)
    {
    case GLOSS_ATTRIBUTE_CHOICE:
      if (self->multiple)
        return check_multiple_choice (self, value, error);
      return check_choice (self, g_variant_get_string (value, NULL), error);

    case GLOSS_ATTRIBUTE_TEXT:
      return check_text (self, value, error);

    case GLOSS_ATTRIBUTE_NUMBER:
      return check_number (self, value, error);

    case GLOSS_ATTRIBUTE_BOOLEAN:
    default:
      return TRUE;
    }
}

gboolean
gloss_attribute_check_change (GlossAttribute  *self,
                              GVariant        *held,
                              GVariant        *value,
                              GError         **error)
{
  g_autoptr(GHashTable) kept = NULL;
  g_autoptr(GStrvBuilder) checked = NULL;
  g_autofree const char **held_ids = NULL;
  g_auto(GStrv) ids = NULL;
  g_autoptr(GVariant) rest = NULL;
  GVariantIter iter;
  const char *id;

  g_return_val_if_fail (GLOSS_IS_ATTRIBUTE (self), FALSE);

  if (value == NULL || !g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY)
      || held == NULL || !g_variant_is_of_type (held, G_VARIANT_TYPE_STRING_ARRAY))
    return gloss_attribute_check_value (self, value, error);

  kept = g_hash_table_new (g_str_hash, g_str_equal);
  checked = g_strv_builder_new ();
  held_ids = g_variant_get_strv (held, NULL);
  g_variant_iter_init (&iter, value);
  while (g_variant_iter_next (&iter, "&s", &id))
    {
      /* Each kept once: twice is still refused. */
      if (gloss_attribute_lookup_choice (self, id) < 0 && g_strv_contains (held_ids, id)
          && g_hash_table_add (kept, (gpointer) id))
        continue;
      g_strv_builder_add (checked, id);
    }

  /* Only kept values left: nothing to check (the list is not empty, so a
   * required attribute is set). */
  ids = g_strv_builder_end (checked);
  if (ids[0] == NULL && g_hash_table_size (kept) > 0)
    return TRUE;

  rest = g_variant_ref_sink (g_variant_new_strv ((const char * const *) ids, -1));
  return gloss_attribute_check_value (self, rest, error);
}

static GVariant *
string_list_from_json (const GlossJsonValue  *node,
                       GError               **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) strings = NULL;
  guint n = gloss_json_value_get_length (node);

  for (guint i = 0; i < n; i++)
    {
      const GlossJsonValue *item = gloss_json_value_get_element (node, i);

      if (gloss_json_value_get_type (item) != GLOSS_JSON_STRING)
        {
          /* Translators: %s is what the item is instead: "a number", … */
          g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                       _("a list of values holds only strings, not %s"),
                       gloss_json_value_describe_type (item));
          return NULL;
        }
      g_strv_builder_add (builder, gloss_json_value_get_string (item));
    }

  strings = g_strv_builder_end (builder);

  return g_variant_ref_sink (g_variant_new_strv ((const char * const *) strings, -1));
}

/**
 * gloss_attribute_value_from_json:
 * @node: a value from the strict JSON reader (gloss-json-reader.h)
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the value as "b", "s", "d" or "as",
 *   or %NULL with @error (%GLOSS_ERROR_INVALID) set for anything else
 */
GVariant *
gloss_attribute_value_from_json (const GlossJsonValue  *node,
                                 GError               **error)
{
  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  switch (gloss_json_value_get_type (node))
    {
    case GLOSS_JSON_BOOLEAN:
      return g_variant_ref_sink (g_variant_new_boolean (gloss_json_value_get_boolean (node)));

    case GLOSS_JSON_STRING:
      return g_variant_ref_sink (g_variant_new_string (gloss_json_value_get_string (node)));

    case GLOSS_JSON_INTEGER:
    case GLOSS_JSON_DOUBLE:
      return g_variant_ref_sink (g_variant_new_double (gloss_json_value_get_double (node)));

    case GLOSS_JSON_ARRAY:
      return string_list_from_json (node, error);

    case GLOSS_JSON_NULL:
    case GLOSS_JSON_OBJECT:
    default:
      /* Translators: %s is what the value is instead: "an object", "null" */
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   _("expected true, false, a string, a number or a list of strings, not %s"),
                   gloss_json_value_describe_type (node));
      return NULL;
    }
}

/**
 * gloss_attribute_describe_rounding:
 * @node: a JSON value
 *
 * Returns: (transfer full) (nullable): the warning for a whole number
 *   that a double holds only approximately, or %NULL
 */
char *
gloss_attribute_describe_rounding (const GlossJsonValue *node)
{
  g_autofree char *kept = NULL;

  g_return_val_if_fail (node != NULL, NULL);

  if (!gloss_json_value_is_rounded (node))
    return NULL;

  /* "%.0f" is the double's exact whole value, to set beside the one written. */
  kept = g_strdup_printf ("%.0f", gloss_json_value_get_double (node));
  /* Translators: %s is a whole number, e.g. 9007199254740992 */
  return g_strdup_printf (_("a whole number past 2^53 cannot be kept exactly; kept as %s, the nearest that can be"),
                          kept);
}

/**
 * gloss_attribute_value_to_json:
 * @value: a value of type "b", "s", "d" or "as"
 *
 * Returns: (transfer full) (nullable): @value as JSON, for
 *   gloss_json_write_node(); %NULL for a value of any other type
 */
JsonNode *
gloss_attribute_value_to_json (GVariant *value)
{
  JsonNode *node;

  g_return_val_if_fail (value != NULL, NULL);

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    {
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_boolean (node, g_variant_get_boolean (value));
      return node;
    }

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    {
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (node, g_variant_get_string (value, NULL));
      return node;
    }

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    {
      double number = g_variant_get_double (value);

      /* JSON has no NaN or infinity: such a value cannot be written. */
      if (!isfinite (number))
        return NULL;

      node = json_node_new (JSON_NODE_VALUE);
      /* A negative zero stays a double, written "-0.0": as an integer
       * it would be 0, and "-0" reads back as the integer 0 too (in
       * Python's json and json-glib alike). */
      if (number == floor (number) && fabs (number) <= MAX_EXACT_INTEGER
          && !(number == 0 && signbit (number)))
        json_node_set_int (node, (gint64) number);
      else
        json_node_set_double (node, number);
      return node;
    }

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY))
    {
      JsonArray *array = json_array_new ();
      gsize n = g_variant_n_children (value);

      for (gsize i = 0; i < n; i++)
        {
          g_autoptr(GVariant) item = g_variant_get_child_value (value, i);

          json_array_add_string_element (array, g_variant_get_string (item, NULL));
        }

      node = json_node_new (JSON_NODE_ARRAY);
      json_node_take_array (node, array);
      return node;
    }

  return NULL;
}

/**
 * gloss_attribute_value_write:
 * @out: where to append
 * @value: a value of type "b", "s", "d" or "as"
 * @indent: the indentation, in spaces, of the member @value belongs to
 *
 * The value goes through the tree writer itself, so that a sidecar
 * printed straight into a string cannot drift from one printed as a tree.
 * A value is a handful of nodes at most.
 *
 * Returns: %TRUE if @value was written
 */
gboolean
gloss_attribute_value_write (GString  *out,
                             GVariant *value,
                             guint     indent)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  node = gloss_attribute_value_to_json (value);
  if (node == NULL)
    return FALSE;

  gloss_json_write_node (out, node, indent);

  return TRUE;
}
