/* gloss-annotation.c — one labelled span of an article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "gloss-annotation.h"
#include "gloss-annotation-private.h"

/* Everything but the unknown keys is in one block of values, shared with
 * whoever took a reference to it (the sidecar's snapshot when saving, read
 * in the saving thread): a block with other references is never changed,
 * a change makes a copy first (copy on write). Saving takes one reference
 * per annotation on the main thread, instead of copying its strings. */
struct _GlossAnnotation
{
  GObject                parent_instance;

  GlossAnnotationValues *values;
  JsonObject            *extra;
};

G_DEFINE_ENUM_TYPE (GlossAnchorStatus, gloss_anchor_status,
                    G_DEFINE_ENUM_VALUE (GLOSS_ANCHOR_KEPT, "kept"),
                    G_DEFINE_ENUM_VALUE (GLOSS_ANCHOR_MOVED, "moved"),
                    G_DEFINE_ENUM_VALUE (GLOSS_ANCHOR_REPAIRED, "repaired"),
                    G_DEFINE_ENUM_VALUE (GLOSS_ANCHOR_ORPHANED, "orphaned"))

G_DEFINE_FINAL_TYPE (GlossAnnotation, gloss_annotation, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_LABEL,
  PROP_START,
  PROP_END,
  PROP_EXACT,
  PROP_PREFIX,
  PROP_SUFFIX,
  PROP_NOTE,
  PROP_CREATED,
  PROP_MODIFIED,
  PROP_STATUS,
  PROP_ATTRIBUTES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What a new annotation starts with until gloss_annotation_new_full()
 * gives it its own: shared, never changed (its own reference keeps the
 * count above one, so an annotation writing to it copies it first). */
static char empty_string[1];
static GlossAnnotationValues empty_values = {
  .ref_count = 1,
  .label = empty_string,
  .exact = empty_string,
  .prefix = empty_string,
  .suffix = empty_string,
  .note = empty_string,
  .status = GLOSS_ANCHOR_KEPT,
};

/* Whether @str was allocated apart from @values (and is freed apart). */
static inline gboolean
is_own_allocation (const GlossAnnotationValues *values,
                   const char                  *str)
{
  return str != empty_string
         && !((const char *) str >= (const char *) values
              && (const char *) str < (const char *) values + values->block_size);
}

static inline void
free_string (const GlossAnnotationValues *values,
             char                        *str)
{
  if (str != NULL && is_own_allocation (values, str))
    g_free (str);
}

/* Values
 * ------------------------------------------------------------------------ */

GlossAnnotationValues *
gloss_annotation_values_ref (GlossAnnotationValues *values)
{
  g_return_val_if_fail (values != NULL, NULL);

  g_atomic_ref_count_inc (&values->ref_count);
  return values;
}

void
gloss_annotation_values_unref (GlossAnnotationValues *values)
{
  g_return_if_fail (values != NULL);

  if (!g_atomic_ref_count_dec (&values->ref_count))
    return;

  /* The shared empty block holds a reference of its own: never here. */
  g_assert (values != &empty_values);

  free_string (values, values->id);
  free_string (values, values->label);
  free_string (values, values->exact);
  free_string (values, values->prefix);
  free_string (values, values->suffix);
  free_string (values, values->note);
  free_string (values, values->created);
  free_string (values, values->modified);
  g_clear_pointer (&values->attributes, g_variant_unref);
  g_free (values);
}

/* Space for one string in a block: NULL takes none. */
static inline gsize
packed_size (const char *str,
             gsize      *len)
{
  *len = str != NULL ? strlen (str) : 0;
  return str != NULL ? *len + 1 : 0;
}

static inline char *
pack_string (char      **cursor,
             const char *str,
             gsize       len)
{
  char *copy = *cursor;

  if (str == NULL)
    return NULL;

  memcpy (copy, str, len);
  copy[len] = '\0';
  *cursor += len + 1;
  return copy;
}

/* A new block of values holding copies of the strings (NULL for the
 * text fields means ""), all in one allocation. */
static GlossAnnotationValues *
values_new_packed (const char        *id,
                   const char        *label,
                   const char        *exact,
                   const char        *prefix,
                   const char        *suffix,
                   const char        *note,
                   const char        *created,
                   const char        *modified,
                   guint              start,
                   guint              end,
                   GlossAnchorStatus  status)
{
  const char *strings[8] = {
    id, label != NULL ? label : "", exact != NULL ? exact : "",
    prefix != NULL ? prefix : "", suffix != NULL ? suffix : "",
    note != NULL ? note : "", created, modified
  };
  gsize lengths[G_N_ELEMENTS (strings)];
  gsize size = sizeof (GlossAnnotationValues);
  GlossAnnotationValues *values;
  char *cursor;

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    size += packed_size (strings[i], &lengths[i]);

  values = g_malloc (size);
  g_atomic_ref_count_init (&values->ref_count);
  cursor = (char *) (values + 1);
  values->id = pack_string (&cursor, strings[0], lengths[0]);
  values->label = pack_string (&cursor, strings[1], lengths[1]);
  values->exact = pack_string (&cursor, strings[2], lengths[2]);
  values->prefix = pack_string (&cursor, strings[3], lengths[3]);
  values->suffix = pack_string (&cursor, strings[4], lengths[4]);
  values->note = pack_string (&cursor, strings[5], lengths[5]);
  values->created = pack_string (&cursor, strings[6], lengths[6]);
  values->modified = pack_string (&cursor, strings[7], lengths[7]);
  values->start = start;
  values->end = end;
  values->status = status;
  values->attributes = NULL;
  values->block_size = size;
  g_assert (cursor == (char *) values + size);

  return values;
}

static GlossAnnotationValues *
values_copy (const GlossAnnotationValues *values)
{
  GlossAnnotationValues *copy =
    values_new_packed (values->id, values->label, values->exact, values->prefix,
                       values->suffix, values->note, values->created, values->modified,
                       values->start, values->end, values->status);

  if (values->attributes != NULL)
    copy->attributes = g_variant_ref (values->attributes);
  return copy;
}

/* The block, ours alone to change: copied first if anybody else holds it.
 * Only the owner's thread takes references, so a count of one cannot grow
 * meanwhile; a holder in another thread that has just let go has finished
 * reading (the count's decrement orders its reads before). */
static GlossAnnotationValues *
writable_values (GlossAnnotation *self)
{
  if (!g_atomic_ref_count_compare (&self->values->ref_count, 1))
    {
      GlossAnnotationValues *copy = values_copy (self->values);

      gloss_annotation_values_unref (self->values);
      self->values = copy;
    }

  return self->values;
}

GlossAnnotationValues *
gloss_annotation_ref_values (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);

  return gloss_annotation_values_ref (self->values);
}

GlossAnnotationValues *
gloss_annotation_peek_values (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);

  return self->values;
}

/* The sidecar's order (start, end, label, id): byte-wise strcmp orders
 * UTF-8 strings by code point, which is what the sidecar's deterministic
 * order needs (no locale collation: the same file must come out
 * byte-identical on every machine). */
int
gloss_annotation_values_compare (const GlossAnnotationValues *a,
                                 const GlossAnnotationValues *b)
{
  int cmp;

  if (a->start != b->start)
    return a->start < b->start ? -1 : 1;

  if (a->end != b->end)
    return a->end < b->end ? -1 : 1;

  if ((cmp = strcmp (a->label, b->label)) != 0)
    return cmp;

  return strcmp (a->id, b->id);
}

/* Replace the string in *field and notify @prop, but only when the value
 * really changes: views bind to these properties and a spurious notify
 * would redraw (or, worse, mark a sidecar dirty) for nothing.
 * @nullable says whether NULL is kept (created/modified) or stored as "". */
static void
set_string (GlossAnnotation *self,
            gsize            offset,
            const char      *value,
            gboolean         nullable,
            guint            prop)
{
  char **field;

  if (value == NULL && !nullable)
    value = "";

  if (g_strcmp0 (G_STRUCT_MEMBER (char *, self->values, offset), value) == 0)
    return;

  field = G_STRUCT_MEMBER_P (writable_values (self), offset);
  free_string (self->values, *field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
gloss_annotation_finalize (GObject *object)
{
  GlossAnnotation *self = (GlossAnnotation *)object;

  g_clear_pointer (&self->values, gloss_annotation_values_unref);
  g_clear_pointer (&self->extra, json_object_unref);

  G_OBJECT_CLASS (gloss_annotation_parent_class)->finalize (object);
}

static void
gloss_annotation_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  GlossAnnotation *self = GLOSS_ANNOTATION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->values->id);
      break;

    case PROP_LABEL:
      g_value_set_string (value, self->values->label);
      break;

    case PROP_START:
      g_value_set_uint (value, self->values->start);
      break;

    case PROP_END:
      g_value_set_uint (value, self->values->end);
      break;

    case PROP_EXACT:
      g_value_set_string (value, self->values->exact);
      break;

    case PROP_PREFIX:
      g_value_set_string (value, self->values->prefix);
      break;

    case PROP_SUFFIX:
      g_value_set_string (value, self->values->suffix);
      break;

    case PROP_NOTE:
      g_value_set_string (value, self->values->note);
      break;

    case PROP_CREATED:
      g_value_set_string (value, self->values->created);
      break;

    case PROP_MODIFIED:
      g_value_set_string (value, self->values->modified);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->values->status);
      break;

    case PROP_ATTRIBUTES:
      g_value_set_variant (value, self->values->attributes);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_annotation_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  GlossAnnotation *self = GLOSS_ANNOTATION (object);

  switch (prop_id)
    {
    case PROP_LABEL:
      gloss_annotation_set_label (self, g_value_get_string (value));
      break;

    case PROP_START:
      gloss_annotation_set_bounds (self, g_value_get_uint (value), self->values->end);
      break;

    case PROP_END:
      gloss_annotation_set_bounds (self, self->values->start, g_value_get_uint (value));
      break;

    case PROP_EXACT:
      gloss_annotation_set_exact (self, g_value_get_string (value));
      break;

    case PROP_PREFIX:
      gloss_annotation_set_prefix (self, g_value_get_string (value));
      break;

    case PROP_SUFFIX:
      gloss_annotation_set_suffix (self, g_value_get_string (value));
      break;

    case PROP_NOTE:
      gloss_annotation_set_note (self, g_value_get_string (value));
      break;

    case PROP_CREATED:
      gloss_annotation_set_created (self, g_value_get_string (value));
      break;

    case PROP_MODIFIED:
      gloss_annotation_set_modified (self, g_value_get_string (value));
      break;

    case PROP_STATUS:
      gloss_annotation_set_status (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_annotation_class_init (GlossAnnotationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gloss_annotation_finalize;
  object_class->get_property = gloss_annotation_get_property;
  object_class->set_property = gloss_annotation_set_property;

  /* Read-only: set by gloss_annotation_new_full(), the one way an
   * annotation is made. A construct property would make every
   * g_object_new() go through GObject's slow construction path (100,000
   * times for a large sidecar). */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_START] =
    g_param_spec_uint ("start", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_END] =
    g_param_spec_uint ("end", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_EXACT] =
    g_param_spec_string ("exact", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PREFIX] =
    g_param_spec_string ("prefix", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SUFFIX] =
    g_param_spec_string ("suffix", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CREATED] =
    g_param_spec_string ("created", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_MODIFIED] =
    g_param_spec_string ("modified", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       GLOSS_TYPE_ANCHOR_STATUS,
                       GLOSS_ANCHOR_KEPT,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* "a{sv}" sorted by id, or NULL: gloss_annotation_peek_attributes(). */
  properties[PROP_ATTRIBUTES] =
    g_param_spec_variant ("attributes", NULL, NULL,
                          G_VARIANT_TYPE_VARDICT, NULL,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gloss_annotation_init (GlossAnnotation *self)
{
  /* Text fields are never NULL, so callers (and the sidecar writer) can
   * use them without checks; only the timestamps may be missing. */
  self->values = gloss_annotation_values_ref (&empty_values);
}

/**
 * gloss_annotation_new:
 * @id: (nullable): the id, or %NULL for a fresh one
 * @label: the label name
 * @start: first code point of the span
 * @end: code point after the span
 *
 * Returns: (transfer full): a new annotation, not yet in any set
 */
GlossAnnotation *
gloss_annotation_new (const char *id,
                      const char *label,
                      guint       start,
                      guint       end)
{
  return gloss_annotation_new_full (id, label, start, end, NULL, NULL, NULL, NULL, NULL, NULL);
}

/* Fields are set directly rather than as properties: nobody can be
 * listening to a new object yet, and loading a 100,000-annotation sidecar
 * would otherwise spend much of its time in property notification. The
 * values go into one allocation. */
GlossAnnotation *
gloss_annotation_new_full (const char *id,
                           const char *label,
                           guint       start,
                           guint       end,
                           const char *exact,
                           const char *prefix,
                           const char *suffix,
                           const char *note,
                           const char *created,
                           const char *modified)
{
  GlossAnnotation *self = g_object_new (GLOSS_TYPE_ANNOTATION, NULL);
  g_autofree char *generated = NULL;

  /* An annotation without an id could not be linked by relations nor
   * saved, so it is given one. */
  if (id == NULL)
    id = generated = gloss_annotation_generate_id ();

  gloss_annotation_values_unref (self->values);
  self->values = values_new_packed (id, label, exact, prefix, suffix, note, created, modified,
                                    start, end, GLOSS_ANCHOR_KEPT);

  return self;
}

char *
gloss_annotation_generate_id (void)
{
  return g_strdup_printf ("a-%08x", g_random_int ());
}

const char *
gloss_annotation_get_id (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);

  return self->values->id;
}

const char *
gloss_annotation_get_label (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);

  return self->values->label;
}

guint
gloss_annotation_get_start (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), 0);

  return self->values->start;
}

guint
gloss_annotation_get_end (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), 0);

  return self->values->end;
}

const char *
gloss_annotation_get_exact (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);

  return self->values->exact;
}

const char *
gloss_annotation_get_prefix (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);

  return self->values->prefix;
}

const char *
gloss_annotation_get_suffix (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);

  return self->values->suffix;
}

const char *
gloss_annotation_get_note (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);

  return self->values->note;
}

const char *
gloss_annotation_get_created (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);

  return self->values->created;
}

const char *
gloss_annotation_get_modified (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);

  return self->values->modified;
}

GlossAnchorStatus
gloss_annotation_get_status (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), GLOSS_ANCHOR_KEPT);

  return self->values->status;
}

gboolean
gloss_annotation_is_orphaned (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), FALSE);

  return self->values->status == GLOSS_ANCHOR_ORPHANED;
}

/**
 * gloss_annotation_get_extra:
 *
 * Returns: (transfer none) (nullable): unknown sidecar keys, or %NULL
 */
JsonObject *
gloss_annotation_get_extra (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);

  return self->extra;
}

void
gloss_annotation_set_label (GlossAnnotation *self,
                            const char      *label)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION (self));

  set_string (self, G_STRUCT_OFFSET (GlossAnnotationValues, label), label, FALSE, PROP_LABEL);
}

void
gloss_annotation_set_bounds (GlossAnnotation *self,
                             guint            start,
                             guint            end)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION (self));

  /* Freeze so a listener sees start and end change together and never
   * an intermediate span (possibly reversed) between the two notifies. */
  g_object_freeze_notify (G_OBJECT (self));

  if (self->values->start != start)
    {
      writable_values (self)->start = start;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_START]);
    }

  if (self->values->end != end)
    {
      writable_values (self)->end = end;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_END]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

void
gloss_annotation_set_exact (GlossAnnotation *self,
                            const char      *exact)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION (self));

  set_string (self, G_STRUCT_OFFSET (GlossAnnotationValues, exact), exact, FALSE, PROP_EXACT);
}

void
gloss_annotation_set_prefix (GlossAnnotation *self,
                             const char      *prefix)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION (self));

  set_string (self, G_STRUCT_OFFSET (GlossAnnotationValues, prefix), prefix, FALSE, PROP_PREFIX);
}

void
gloss_annotation_set_suffix (GlossAnnotation *self,
                             const char      *suffix)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION (self));

  set_string (self, G_STRUCT_OFFSET (GlossAnnotationValues, suffix), suffix, FALSE, PROP_SUFFIX);
}

void
gloss_annotation_set_note (GlossAnnotation *self,
                           const char      *note)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION (self));

  set_string (self, G_STRUCT_OFFSET (GlossAnnotationValues, note), note, FALSE, PROP_NOTE);
}

void
gloss_annotation_set_created (GlossAnnotation *self,
                              const char      *created)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION (self));

  set_string (self, G_STRUCT_OFFSET (GlossAnnotationValues, created), created, TRUE, PROP_CREATED);
}

void
gloss_annotation_set_modified (GlossAnnotation *self,
                               const char      *modified)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION (self));

  set_string (self, G_STRUCT_OFFSET (GlossAnnotationValues, modified), modified, TRUE, PROP_MODIFIED);
}

void
gloss_annotation_set_status (GlossAnnotation   *self,
                             GlossAnchorStatus  status)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION (self));

  if (self->values->status == status)
    return;

  writable_values (self)->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

void
gloss_annotation_set_extra (GlossAnnotation *self,
                            JsonObject      *extra)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION (self));

  if (self->extra == extra)
    return;

  if (extra != NULL)
    json_object_ref (extra);
  g_clear_pointer (&self->extra, json_object_unref);
  self->extra = extra;
}

/* Attributes
 * ------------------------------------------------------------------------ */

/* The values a sidecar can hold (gloss_attribute_value_to_json()). */
gboolean
gloss_attribute_value_is_storable (GVariant *value)
{
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    return isfinite (g_variant_get_double (value));

  return g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN)
         || g_variant_is_of_type (value, G_VARIANT_TYPE_STRING)
         || g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY);
}

GVariant *
gloss_attribute_map_set (GVariant   *attributes,
                         const char *id,
                         GVariant   *value)
{
  GVariantBuilder builder;
  GVariantIter iter;
  const char *key;
  GVariant *item;
  gboolean added = FALSE;  /* @id's place was passed */
  guint n = 0;

  g_return_val_if_fail (id != NULL, NULL);

  if (value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY)
      && g_variant_n_children (value) == 0)
    value = NULL;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  if (attributes != NULL)
    {
      g_variant_iter_init (&iter, attributes);
      while (g_variant_iter_next (&iter, "{&sv}", &key, &item))
        {
          int cmp = strcmp (key, id);

          /* @id goes before the first greater key, or over its own. */
          if (cmp >= 0 && !added)
            {
              added = TRUE;
              if (value != NULL)
                {
                  g_variant_builder_add (&builder, "{sv}", id, value);
                  n++;
                }
            }
          if (cmp != 0)
            {
              g_variant_builder_add (&builder, "{sv}", key, item);
              n++;
            }
          g_variant_unref (item);
        }
    }
  if (!added && value != NULL)
    {
      g_variant_builder_add (&builder, "{sv}", id, value);
      n++;
    }

  if (n == 0)
    {
      g_variant_builder_clear (&builder);
      return NULL;
    }

  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

GVariant *
gloss_attribute_map_lookup (GVariant   *attributes,
                            const char *id)
{
  if (attributes == NULL || id == NULL)
    return NULL;

  return g_variant_lookup_value (attributes, id, NULL);
}

GVariant *
gloss_annotation_get_attribute (GlossAnnotation *self,
                                const char      *id)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return gloss_attribute_map_lookup (self->values->attributes, id);
}

char **
gloss_annotation_dup_attribute_ids (GlossAnnotation *self)
{
  GVariant *attributes;
  gsize n;
  char **ids;

  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);

  attributes = self->values->attributes;
  n = attributes != NULL ? g_variant_n_children (attributes) : 0;
  ids = g_new0 (char *, n + 1);
  for (gsize i = 0; i < n; i++)
    g_variant_get_child (attributes, i, "{sv}", &ids[i], NULL);

  return ids;
}

GVariant *
gloss_annotation_peek_attributes (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);

  return self->values->attributes;
}

/* Takes @attributes, already sorted (the sidecar reader). */
void
gloss_annotation_take_attributes (GlossAnnotation *self,
                                  GVariant        *attributes)
{
  GlossAnnotationValues *values;

  g_return_if_fail (GLOSS_IS_ANNOTATION (self));

  if (attributes == NULL && self->values->attributes == NULL)
    return;

  values = writable_values (self);
  g_clear_pointer (&values->attributes, g_variant_unref);
  values->attributes = attributes;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTRIBUTES]);
}

void
gloss_annotation_set_attribute (GlossAnnotation *self,
                                const char      *id,
                                GVariant        *value)
{
  g_autoptr(GVariant) sunk = value != NULL ? g_variant_ref_sink (value) : NULL;
  g_autoptr(GVariant) old = NULL;

  g_return_if_fail (GLOSS_IS_ANNOTATION (self));
  g_return_if_fail (id != NULL && id[0] != '\0');
  g_return_if_fail (sunk == NULL || gloss_attribute_value_is_storable (sunk));

  old = gloss_annotation_get_attribute (self, id);
  if (old == NULL && sunk == NULL)
    return;
  if (old != NULL && sunk != NULL && g_variant_equal (old, sunk))
    return;

  gloss_annotation_take_attributes (self,
                                    gloss_attribute_map_set (self->values->attributes, id, sunk));
}

int
gloss_annotation_compare (GlossAnnotation *a,
                          GlossAnnotation *b)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (a), 0);
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (b), 0);

  return gloss_annotation_values_compare (a->values, b->values);
}

/* Equality by value
 * ------------------------------------------------------------------------ */

static gboolean json_node_equal_in_order (JsonNode *a,
                                          JsonNode *b);

/* JSON values as the sidecar writes them: json_node_equal() would take
 * 1 and 1.0 for the same number and ignores the order of an object's
 * members, both of which show in the file. */
static gboolean
json_value_equal_in_type (JsonNode *a,
                          JsonNode *b)
{
  GType type = json_node_get_value_type (a);

  if (type != json_node_get_value_type (b))
    return FALSE;

  switch (type)
    {
    case G_TYPE_INT64:
      return json_node_get_int (a) == json_node_get_int (b);
    case G_TYPE_DOUBLE:
      /* -0.0 == 0.0, but the file shows the sign: a reload must not keep
       * the old one. */
      return json_node_get_double (a) == json_node_get_double (b)
             && signbit (json_node_get_double (a)) == signbit (json_node_get_double (b));
    case G_TYPE_BOOLEAN:
      return json_node_get_boolean (a) == json_node_get_boolean (b);
    case G_TYPE_STRING:
      return g_strcmp0 (json_node_get_string (a), json_node_get_string (b)) == 0;
    default:
      return FALSE;
    }
}

static gboolean
json_array_equal_in_order (JsonArray *a,
                           JsonArray *b)
{
  guint n = json_array_get_length (a);

  if (n != json_array_get_length (b))
    return FALSE;

  for (guint i = 0; i < n; i++)
    if (!json_node_equal_in_order (json_array_get_element (a, i), json_array_get_element (b, i)))
      return FALSE;

  return TRUE;
}

static gboolean
json_node_equal_in_order (JsonNode *a,
                          JsonNode *b)
{
  JsonNodeType type = json_node_get_node_type (a);

  if (a == b)
    return TRUE;
  if (type != json_node_get_node_type (b))
    return FALSE;

  switch (type)
    {
    case JSON_NODE_NULL:
      return TRUE;
    case JSON_NODE_VALUE:
      return json_value_equal_in_type (a, b);
    case JSON_NODE_ARRAY:
      return json_array_equal_in_order (json_node_get_array (a), json_node_get_array (b));
    case JSON_NODE_OBJECT:
      return gloss_json_object_equal (json_node_get_object (a), json_node_get_object (b));
    default:
      return FALSE;
    }
}

gboolean
gloss_json_object_equal (JsonObject *a,
                         JsonObject *b)
{
  guint n = a != NULL ? json_object_get_size (a) : 0;
  JsonObjectIter iter_a, iter_b;
  const char *name_a, *name_b;
  JsonNode *node_a, *node_b;

  if (a == b)
    return TRUE;
  if (n != (b != NULL ? json_object_get_size (b) : 0))
    return FALSE;
  /* No members on either side: nothing is written for either. */
  if (n == 0)
    return TRUE;

  json_object_iter_init_ordered (&iter_a, a);
  json_object_iter_init_ordered (&iter_b, b);
  while (json_object_iter_next_ordered (&iter_a, &name_a, &node_a))
    {
      if (!json_object_iter_next_ordered (&iter_b, &name_b, &node_b))
        return FALSE;
      if (strcmp (name_a, name_b) != 0 || !json_node_equal_in_order (node_a, node_b))
        return FALSE;
    }

  return TRUE;
}

/* Whether every string of @values is still where the block was made
 * with it, so the bytes after the struct are exactly the non-NULL strings
 * in field order, each with its NUL (a string set later is allocated
 * apart). */
static inline gboolean
is_packed (const GlossAnnotationValues *values)
{
  const char *strings[] = {
    values->id, values->label, values->exact, values->prefix,
    values->suffix, values->note, values->created, values->modified,
  };

  if (values->block_size == 0)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    if (strings[i] != NULL && is_own_allocation (values, strings[i]))
      return FALSE;

  return TRUE;
}

static gboolean
strings_equal (const GlossAnnotationValues *a,
               const GlossAnnotationValues *b)
{
  /* Blocks as a loader made them (every annotation after a reload): the
   * same strings are the same bytes, compared in one go, as long as the
   * same fields are NULL (only these three may be). */
  if (is_packed (a) && is_packed (b)
      && (a->id == NULL) == (b->id == NULL)
      && (a->created == NULL) == (b->created == NULL)
      && (a->modified == NULL) == (b->modified == NULL))
    return a->block_size == b->block_size
           && memcmp (a + 1, b + 1, a->block_size - sizeof *a) == 0;

  /* id is NULL only in an annotation that was never given one. */
  return g_strcmp0 (a->id, b->id) == 0
         && strcmp (a->label, b->label) == 0
         && strcmp (a->exact, b->exact) == 0
         && strcmp (a->prefix, b->prefix) == 0
         && strcmp (a->suffix, b->suffix) == 0
         && strcmp (a->note, b->note) == 0
         && g_strcmp0 (a->created, b->created) == 0
         && g_strcmp0 (a->modified, b->modified) == 0;
}

static gboolean
values_equal (const GlossAnnotationValues *a,
              const GlossAnnotationValues *b)
{
  if (a == b)
    return TRUE;

  /* The numbers first: most unequal pairs differ there. */
  if (a->start != b->start || a->end != b->end || a->status != b->status)
    return FALSE;

  if (!strings_equal (a, b))
    return FALSE;

  if (a->attributes == NULL || b->attributes == NULL)
    return a->attributes == b->attributes;

  return g_variant_equal (a->attributes, b->attributes);
}

gboolean
gloss_annotation_equal (GlossAnnotation *a,
                        GlossAnnotation *b)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (a), FALSE);
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (b), FALSE);

  return a == b
         || (values_equal (a->values, b->values)
             && gloss_json_object_equal (a->extra, b->extra));
}
