/* gloss-label.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gloss-label.h"

/* A colour for labels created without one: a neutral grey that reads on
 * light and dark backgrounds alike. */
#define FALLBACK_COLOR "#9a9996"

struct _GlossLabel
{
  GObject         parent_instance;

  char           *id;
  char           *name;
  char           *color;
  GlossLabelKind  kind;
  gunichar        shortcut;
};

G_DEFINE_FINAL_TYPE (GlossLabel, gloss_label, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (GlossLabelKind, gloss_label_kind,
                    G_DEFINE_ENUM_VALUE (GLOSS_LABEL_KIND_CLAIM, "claim"),
                    G_DEFINE_ENUM_VALUE (GLOSS_LABEL_KIND_QUOTE, "quote"),
                    G_DEFINE_ENUM_VALUE (GLOSS_LABEL_KIND_ENTITY, "entity"))

enum {
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_NAME,
  PROP_COLOR,
  PROP_SHORTCUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The strings are part of the gloss-labels.json and sidecar formats, so they
 * are spelled out here rather than taken from the GEnumValue nicks: renaming
 * an enum value must never change a file format. */
static const char * const kind_names[] = {
  [GLOSS_LABEL_KIND_CLAIM] = "claim",
  [GLOSS_LABEL_KIND_QUOTE] = "quote",
  [GLOSS_LABEL_KIND_ENTITY] = "entity",
};

const char *
gloss_label_kind_to_string (GlossLabelKind kind)
{
  if ((guint) kind >= G_N_ELEMENTS (kind_names))
    return NULL;

  return kind_names[kind];
}

const char *
gloss_label_kind_describe_layer (GlossLabelKind kind)
{
  switch (kind)
    {
    case GLOSS_LABEL_KIND_CLAIM:
      /* Translators: the claim layer, in "claims: observed agreement …" */
      return _("claims");
    case GLOSS_LABEL_KIND_QUOTE:
      return _("quotes");
    case GLOSS_LABEL_KIND_ENTITY:
    default:
      return _("entities");
    }
}

gboolean
gloss_label_kind_from_string (const char     *str,
                              GlossLabelKind *kind)
{
  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    {
      if (g_str_equal (str, kind_names[i]))
        {
          if (kind != NULL)
            *kind = (GlossLabelKind) i;
          return TRUE;
        }
    }

  return FALSE;
}

static void
gloss_label_constructed (GObject *object)
{
  GlossLabel *self = GLOSS_LABEL (object);

  G_OBJECT_CLASS (gloss_label_parent_class)->constructed (object);

  /* Every label must be showable: one made with g_object_new() and only an
   * id still gets a name and a colour instead of NULLs for the UI to trip
   * over. */
  if (self->id == NULL)
    self->id = g_strdup ("");
  if (self->name == NULL || self->name[0] == '\0')
    {
      g_free (self->name);
      self->name = g_strdup (self->id);
    }
  if (self->color == NULL)
    self->color = g_strdup (FALLBACK_COLOR);
}

static void
gloss_label_finalize (GObject *object)
{
  GlossLabel *self = GLOSS_LABEL (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->color, g_free);

  G_OBJECT_CLASS (gloss_label_parent_class)->finalize (object);
}

static void
gloss_label_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  GlossLabel *self = GLOSS_LABEL (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_COLOR:
      g_value_set_string (value, self->color);
      break;

    case PROP_SHORTCUT:
      g_value_set_uint (value, self->shortcut);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_label_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  GlossLabel *self = GLOSS_LABEL (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;

    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;

    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;

    case PROP_COLOR:
      self->color = g_value_dup_string (value);
      break;

    case PROP_SHORTCUT:
      self->shortcut = g_value_get_uint (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_label_class_init (GlossLabelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = gloss_label_constructed;
  object_class->finalize = gloss_label_finalize;
  object_class->get_property = gloss_label_get_property;
  object_class->set_property = gloss_label_set_property;

  /**
   * GlossLabel:id:
   *
   * The identifier stored in sidecars, e.g. "person".
   */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * GlossLabel:kind:
   *
   * Whether spans with this label are claims, quotes or entities.
   */
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       GLOSS_TYPE_LABEL_KIND,
                       GLOSS_LABEL_KIND_ENTITY,
                       (G_PARAM_READWRITE |
                        G_PARAM_CONSTRUCT_ONLY |
                        G_PARAM_STATIC_STRINGS));

  /**
   * GlossLabel:name:
   *
   * The name shown to the user; the id when none was given.
   */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * GlossLabel:color:
   *
   * The highlight colour, as "#rrggbb".
   */
  properties[PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * GlossLabel:shortcut:
   *
   * The key (a Unicode character) that applies the label, or 0 for none.
   */
  properties[PROP_SHORTCUT] =
    g_param_spec_uint ("shortcut", NULL, NULL,
                       0, 0x10FFFF, 0,
                       (G_PARAM_READWRITE |
                        G_PARAM_CONSTRUCT_ONLY |
                        G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gloss_label_init (GlossLabel *self)
{
  self->kind = GLOSS_LABEL_KIND_ENTITY;
}

/**
 * gloss_label_new:
 * @id: the identifier stored in sidecars
 * @kind: claim, quote or entity
 * @name: (nullable): the display name; the id when %NULL or empty
 * @color: (nullable): "#rrggbb"; a neutral grey when %NULL
 * @shortcut: a single printable character, or 0 for none
 *
 * Returns: (transfer full): a new label
 */
GlossLabel *
gloss_label_new (const char     *id,
                 GlossLabelKind  kind,
                 const char     *name,
                 const char     *color,
                 gunichar        shortcut)
{
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (gloss_label_kind_to_string (kind) != NULL, NULL);

  return g_object_new (GLOSS_TYPE_LABEL,
                       "id", id,
                       "kind", kind,
                       "name", name,
                       "color", color,
                       "shortcut", (guint) shortcut,
                       NULL);
}

const char *
gloss_label_get_id (GlossLabel *self)
{
  g_return_val_if_fail (GLOSS_IS_LABEL (self), NULL);

  return self->id;
}

GlossLabelKind
gloss_label_get_kind (GlossLabel *self)
{
  g_return_val_if_fail (GLOSS_IS_LABEL (self), GLOSS_LABEL_KIND_ENTITY);

  return self->kind;
}

const char *
gloss_label_get_name (GlossLabel *self)
{
  g_return_val_if_fail (GLOSS_IS_LABEL (self), NULL);

  return self->name;
}

const char *
gloss_label_get_color (GlossLabel *self)
{
  g_return_val_if_fail (GLOSS_IS_LABEL (self), NULL);

  return self->color;
}

gunichar
gloss_label_get_shortcut (GlossLabel *self)
{
  g_return_val_if_fail (GLOSS_IS_LABEL (self), 0);

  return self->shortcut;
}

/* The built-in set. Colours come from the GNOME palette (misc from Tango's
 * greys), each label in its own hue. None is blue: a blue tint looks like
 * the text selection. Quotes are a rose under yellow claims, so a claim in
 * a quote stays yellowish (blue and yellow made it grey). Every entity
 * colour has 3:1 against the light and the dark view as an underline.
 * tests/test-colors.c checks all of it. Names are translated when a label
 * is made. */
static const struct {
  const char     *id;
  GlossLabelKind  kind;
  const char     *name;
  const char     *color;
  gunichar        shortcut;
} builtin_labels[] = {
  { "claim",        GLOSS_LABEL_KIND_CLAIM,  N_("Claim"),         "#e5a50a", 'c' }, /* Yellow 5 */
  { "quote",        GLOSS_LABEL_KIND_QUOTE,  N_("Quote"),         "#f66151", 'q' }, /* Red 1 */
  { "person",       GLOSS_LABEL_KIND_ENTITY, N_("Person"),        "#c061cb", 'p' }, /* Purple 2 */
  { "organization", GLOSS_LABEL_KIND_ENTITY, N_("Organization"),  "#26a269", 'o' }, /* Green 5 */
  { "location",     GLOSS_LABEL_KIND_ENTITY, N_("Location"),      "#e66100", 'l' }, /* Orange 4 */
  { "misc",         GLOSS_LABEL_KIND_ENTITY, N_("Miscellaneous"), "#888a85", 'm' }, /* Tango Aluminium 4 */
};

guint
gloss_label_get_n_builtin (void)
{
  return G_N_ELEMENTS (builtin_labels);
}

GlossLabel *
gloss_label_new_builtin (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (builtin_labels), NULL);

  return gloss_label_new (builtin_labels[index].id,
                          builtin_labels[index].kind,
                          _(builtin_labels[index].name),
                          builtin_labels[index].color,
                          builtin_labels[index].shortcut);
}

const char *
gloss_label_builtin_name (const char     *id,
                          GlossLabelKind  kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (builtin_labels); i++)
    if (builtin_labels[i].kind == kind && g_strcmp0 (builtin_labels[i].id, id) == 0)
      return _(builtin_labels[i].name);

  return NULL;
}
