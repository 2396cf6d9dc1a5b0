/* gloss-annotation.c — one labelled span of an article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gloss-annotation.h"
#include "gloss-annotation-private.h"

/* The text fields are GRefStrings: saving takes a snapshot of every
 * annotation on the main thread, and a reference is much cheaper to take
 * than a copy (see gloss-sidecar-snapshot.c). They are replaced, never
 * changed in place, so a snapshot's references stay what was read. */
struct _GlossAnnotation
{
  GObject            parent_instance;

  char              *id;
  char              *label;
  char              *exact;
  char              *prefix;
  char              *suffix;
  char              *note;
  char              *created;
  char              *modified;
  JsonObject        *extra;
  guint              start;
  guint              end;
  GlossAnchorStatus  status;
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
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Every empty text field is this one GRefString, which is never freed: a
 * field holding it owns no reference (most notes, prefixes at the start of
 * an article… cost no allocation and no atomic operation). */
static char *
empty_string (void)
{
  static char *empty;

  if (g_once_init_enter (&empty))
    g_once_init_leave (&empty, g_ref_string_new (""));

  return empty;
}

/* NULL for NULL, "" shared. */
static char *
ref_string_new (const char *value)
{
  if (value == NULL)
    return NULL;
  if (*value == '\0')
    return empty_string ();
  return g_ref_string_new (value);
}

static char *
ref_string_acquire (char *str)
{
  if (str == NULL || str == empty_string ())
    return str;
  return g_ref_string_acquire (str);
}

static void
ref_string_clear (char **field)
{
  char *str = g_steal_pointer (field);

  if (str != NULL && str != empty_string ())
    g_ref_string_release (str);
}

/* Replace the string in *field and notify @prop, but only when the value
 * really changes: views bind to these properties and a spurious notify
 * would redraw (or, worse, mark a sidecar dirty) for nothing.
 * @nullable says whether NULL is kept (created/modified) or stored as "". */
static void
set_string (GlossAnnotation  *self,
            char            **field,
            const char       *value,
            gboolean          nullable,
            guint             prop)
{
  if (value == NULL && !nullable)
    value = "";

  if (g_strcmp0 (*field, value) == 0)
    return;

  ref_string_clear (field);
  *field = ref_string_new (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
gloss_annotation_finalize (GObject *object)
{
  GlossAnnotation *self = (GlossAnnotation *)object;

  ref_string_clear (&self->id);
  ref_string_clear (&self->label);
  ref_string_clear (&self->exact);
  ref_string_clear (&self->prefix);
  ref_string_clear (&self->suffix);
  ref_string_clear (&self->note);
  ref_string_clear (&self->created);
  ref_string_clear (&self->modified);
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
      g_value_set_string (value, self->id);
      break;

    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;

    case PROP_START:
      g_value_set_uint (value, self->start);
      break;

    case PROP_END:
      g_value_set_uint (value, self->end);
      break;

    case PROP_EXACT:
      g_value_set_string (value, self->exact);
      break;

    case PROP_PREFIX:
      g_value_set_string (value, self->prefix);
      break;

    case PROP_SUFFIX:
      g_value_set_string (value, self->suffix);
      break;

    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;

    case PROP_CREATED:
      g_value_set_string (value, self->created);
      break;

    case PROP_MODIFIED:
      g_value_set_string (value, self->modified);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
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
    case PROP_ID:
      /* Construct-only; an annotation without an id could not be linked
       * by relations nor saved, so give it one. */
      g_assert (self->id == NULL);
      if (g_value_get_string (value) != NULL)
        self->id = g_ref_string_new (g_value_get_string (value));
      else
        {
          g_autofree char *id = gloss_annotation_generate_id ();
          self->id = g_ref_string_new (id);
        }
      break;

    case PROP_LABEL:
      gloss_annotation_set_label (self, g_value_get_string (value));
      break;

    case PROP_START:
      gloss_annotation_set_bounds (self, g_value_get_uint (value), self->end);
      break;

    case PROP_END:
      gloss_annotation_set_bounds (self, self->start, g_value_get_uint (value));
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

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

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

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gloss_annotation_init (GlossAnnotation *self)
{
  /* Text fields are never NULL, so callers (and the sidecar writer) can
   * use them without checks; only the timestamps may be missing. */
  self->label = empty_string ();
  self->exact = empty_string ();
  self->prefix = empty_string ();
  self->suffix = empty_string ();
  self->note = empty_string ();
  self->status = GLOSS_ANCHOR_KEPT;
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
 * listening to a new object yet, and loading a 10,000-annotation sidecar
 * would otherwise spend much of its time in property notification. */
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
  GlossAnnotation *self = g_object_new (GLOSS_TYPE_ANNOTATION, "id", id, NULL);

  if (label != NULL)
    {
      ref_string_clear (&self->label);
      self->label = ref_string_new (label);
    }
  if (exact != NULL)
    {
      ref_string_clear (&self->exact);
      self->exact = ref_string_new (exact);
    }
  if (prefix != NULL)
    {
      ref_string_clear (&self->prefix);
      self->prefix = ref_string_new (prefix);
    }
  if (suffix != NULL)
    {
      ref_string_clear (&self->suffix);
      self->suffix = ref_string_new (suffix);
    }
  if (note != NULL)
    {
      ref_string_clear (&self->note);
      self->note = ref_string_new (note);
    }
  self->created = ref_string_new (created);
  self->modified = ref_string_new (modified);
  self->start = start;
  self->end = end;

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

  return self->id;
}

const char *
gloss_annotation_get_label (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);

  return self->label;
}

guint
gloss_annotation_get_start (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), 0);

  return self->start;
}

guint
gloss_annotation_get_end (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), 0);

  return self->end;
}

const char *
gloss_annotation_get_exact (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);

  return self->exact;
}

const char *
gloss_annotation_get_prefix (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);

  return self->prefix;
}

const char *
gloss_annotation_get_suffix (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);

  return self->suffix;
}

const char *
gloss_annotation_get_note (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);

  return self->note;
}

const char *
gloss_annotation_get_created (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);

  return self->created;
}

const char *
gloss_annotation_get_modified (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);

  return self->modified;
}

GlossAnchorStatus
gloss_annotation_get_status (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), GLOSS_ANCHOR_KEPT);

  return self->status;
}

gboolean
gloss_annotation_is_orphaned (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), FALSE);

  return self->status == GLOSS_ANCHOR_ORPHANED;
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

  set_string (self, &self->label, label, FALSE, PROP_LABEL);
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

  if (self->start != start)
    {
      self->start = start;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_START]);
    }

  if (self->end != end)
    {
      self->end = end;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_END]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

void
gloss_annotation_set_exact (GlossAnnotation *self,
                            const char      *exact)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION (self));

  set_string (self, &self->exact, exact, FALSE, PROP_EXACT);
}

void
gloss_annotation_set_prefix (GlossAnnotation *self,
                             const char      *prefix)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION (self));

  set_string (self, &self->prefix, prefix, FALSE, PROP_PREFIX);
}

void
gloss_annotation_set_suffix (GlossAnnotation *self,
                             const char      *suffix)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION (self));

  set_string (self, &self->suffix, suffix, FALSE, PROP_SUFFIX);
}

void
gloss_annotation_set_note (GlossAnnotation *self,
                           const char      *note)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION (self));

  set_string (self, &self->note, note, FALSE, PROP_NOTE);
}

void
gloss_annotation_set_created (GlossAnnotation *self,
                              const char      *created)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION (self));

  set_string (self, &self->created, created, TRUE, PROP_CREATED);
}

void
gloss_annotation_set_modified (GlossAnnotation *self,
                               const char      *modified)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION (self));

  set_string (self, &self->modified, modified, TRUE, PROP_MODIFIED);
}

void
gloss_annotation_set_status (GlossAnnotation   *self,
                             GlossAnchorStatus  status)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION (self));

  if (self->status == status)
    return;

  self->status = status;
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

/* Byte-wise strcmp orders UTF-8 strings by code point, which is what the
 * sidecar's deterministic order needs (no locale collation: the same file
 * must come out byte-identical on every machine). */
int
gloss_annotation_compare (GlossAnnotation *a,
                          GlossAnnotation *b)
{
  int cmp;

  g_return_val_if_fail (GLOSS_IS_ANNOTATION (a), 0);
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (b), 0);

  if (a->start != b->start)
    return a->start < b->start ? -1 : 1;

  if (a->end != b->end)
    return a->end < b->end ? -1 : 1;

  if ((cmp = strcmp (a->label, b->label)) != 0)
    return cmp;

  return strcmp (a->id, b->id);
}

void
gloss_annotation_acquire_values (GlossAnnotation       *self,
                                 GlossAnnotationValues *values)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION (self));
  g_return_if_fail (values != NULL);

  values->id = ref_string_acquire (self->id);
  values->label = ref_string_acquire (self->label);
  values->exact = ref_string_acquire (self->exact);
  values->prefix = ref_string_acquire (self->prefix);
  values->suffix = ref_string_acquire (self->suffix);
  values->note = ref_string_acquire (self->note);
  values->created = ref_string_acquire (self->created);
  values->modified = ref_string_acquire (self->modified);
  values->start = self->start;
  values->end = self->end;
  values->orphaned = self->status == GLOSS_ANCHOR_ORPHANED;
}

void
gloss_annotation_values_clear (GlossAnnotationValues *values)
{
  g_return_if_fail (values != NULL);

  ref_string_clear (&values->id);
  ref_string_clear (&values->label);
  ref_string_clear (&values->exact);
  ref_string_clear (&values->prefix);
  ref_string_clear (&values->suffix);
  ref_string_clear (&values->note);
  ref_string_clear (&values->created);
  ref_string_clear (&values->modified);
}

/* The sidecar's order (start, end, label, id), on values: the same as
 * gloss_annotation_compare(). */
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
