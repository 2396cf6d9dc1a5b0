/* gloss-annotation-slot.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gloss-annotation-slot.h"

struct _GlossAnnotationSlot
{
  GObject          parent_instance;

  GlossAnnotation *annotation;
  guint            position;
};

G_DEFINE_FINAL_TYPE (GlossAnnotationSlot, gloss_annotation_slot, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ANNOTATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static guint n_made;

static void
gloss_annotation_slot_finalize (GObject *object)
{
  GlossAnnotationSlot *self = GLOSS_ANNOTATION_SLOT (object);

  g_clear_object (&self->annotation);

  G_OBJECT_CLASS (gloss_annotation_slot_parent_class)->finalize (object);
}

static void
gloss_annotation_slot_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  GlossAnnotationSlot *self = GLOSS_ANNOTATION_SLOT (object);

  switch (prop_id)
    {
    case PROP_ANNOTATION:
      g_value_set_object (value, self->annotation);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_annotation_slot_class_init (GlossAnnotationSlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gloss_annotation_slot_finalize;
  object_class->get_property = gloss_annotation_slot_get_property;

  properties[PROP_ANNOTATION] =
    g_param_spec_object ("annotation", NULL, NULL,
                         GLOSS_TYPE_ANNOTATION,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gloss_annotation_slot_init (GlossAnnotationSlot *self)
{
  self->position = G_MAXUINT;
}

GlossAnnotationSlot *
gloss_annotation_slot_new (GlossAnnotation *annotation)
{
  GlossAnnotationSlot *self;

  g_return_val_if_fail (GLOSS_IS_ANNOTATION (annotation), NULL);

  self = g_object_new (GLOSS_TYPE_ANNOTATION_SLOT, NULL);
  self->annotation = g_object_ref (annotation);
  n_made++;

  return self;
}

GlossAnnotation *
gloss_annotation_slot_get_annotation (GlossAnnotationSlot *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SLOT (self), NULL);

  return self->annotation;
}

void
gloss_annotation_slot_set_annotation (GlossAnnotationSlot *self,
                                      GlossAnnotation     *annotation)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION_SLOT (self));
  g_return_if_fail (GLOSS_IS_ANNOTATION (annotation));

  if (g_set_object (&self->annotation, annotation))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANNOTATION]);
}

guint
gloss_annotation_slot_get_position (GlossAnnotationSlot *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SLOT (self), G_MAXUINT);

  return self->position;
}

void
gloss_annotation_slot_set_position (GlossAnnotationSlot *self,
                                    guint                position)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION_SLOT (self));

  self->position = position;
}

GlossAnnotation *
gloss_annotation_slot_unwrap (gpointer item)
{
  if (GLOSS_IS_ANNOTATION_SLOT (item))
    return GLOSS_ANNOTATION_SLOT (item)->annotation;
  if (GLOSS_IS_ANNOTATION (item))
    return item;

  return NULL;
}

guint
gloss_annotation_slot_get_n_made (void)
{
  return n_made;
}
