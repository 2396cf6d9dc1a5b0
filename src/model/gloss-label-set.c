/* gloss-label-set.c — the labels and relation types an article is annotated
 * with: the built-in set, finding a corpus's file, lookups and relation
 * rules. Reading and checking a file is gloss-label-set-reader.c's job.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "gloss-error.h"
#include "gloss-file-load.h"
#include "gloss-label-set.h"
#include "gloss-label-set-reader.h"

struct _GlossLabelSet
{
  GObject     parent_instance;

  GPtrArray  *labels;          /* GlossLabel, in file order */
  GHashTable *by_id;           /* id → GlossLabel, borrowed from @labels */
  GStrv       relation_types;  /* "speaker" first, then in file order */
  GHashTable *relation_rules;  /* type → GlossRelationRule, for types with one */
  GHashTable *relation_keys;   /* type → key (a gunichar), for types with one */
  GPtrArray  *attributes;      /* GlossAttribute, in file order */
  GPtrArray  *document_fields; /* GlossAttribute, in file order */
  GFile      *file;            /* NULL for the built-in set */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GlossLabelSet, gloss_label_set, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))


/* GListModel */

static GType
gloss_label_set_get_item_type (GListModel *model)
{
  return GLOSS_TYPE_LABEL;
}

static guint
gloss_label_set_get_n_items (GListModel *model)
{
  return GLOSS_LABEL_SET (model)->labels->len;
}

static gpointer
gloss_label_set_get_item (GListModel *model,
                          guint       position)
{
  GlossLabelSet *self = GLOSS_LABEL_SET (model);

  if (position >= self->labels->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->labels, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = gloss_label_set_get_item_type;
  iface->get_n_items = gloss_label_set_get_n_items;
  iface->get_item = gloss_label_set_get_item;
}

/* GObject */

static void
gloss_label_set_finalize (GObject *object)
{
  GlossLabelSet *self = GLOSS_LABEL_SET (object);

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->labels, g_ptr_array_unref);
  g_clear_pointer (&self->relation_types, g_strfreev);
  g_clear_pointer (&self->relation_rules, g_hash_table_unref);
  g_clear_pointer (&self->relation_keys, g_hash_table_unref);
  g_clear_pointer (&self->attributes, g_ptr_array_unref);
  g_clear_pointer (&self->document_fields, g_ptr_array_unref);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (gloss_label_set_parent_class)->finalize (object);
}

static void
gloss_label_set_class_init (GlossLabelSetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gloss_label_set_finalize;
}

static void
gloss_label_set_init (GlossLabelSet *self)
{
  self->labels = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->relation_rules = gloss_relation_rules_new ();
  self->relation_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->attributes = g_ptr_array_new_with_free_func (g_object_unref);
  self->document_fields = g_ptr_array_new_with_free_func (g_object_unref);
}

/* Sets are immutable once made, so they are filled in here and nowhere
 * else; that is what makes sharing the built-in set safe. */
static void
gloss_label_set_add_label (GlossLabelSet *self,
                           GlossLabel    *label)
{
  g_ptr_array_add (self->labels, label);
  g_hash_table_insert (self->by_id, (gpointer) gloss_label_get_id (label), label);
}

/* "speaker" is what quote attribution rests on: a quote's speaker is a
 * person or an organization, never a place, whatever is nearest. The ends
 * a file leaves open get that rule: from any quote, to the set's "person"
 * and "organization" labels, or to any entity in a set that has neither
 * (its own names for them cannot be guessed). */
static void
gloss_label_set_complete_speaker_rule (GlossLabelSet *self)
{
  static const char * const speaker_ids[] = { "person", "organization" };
  GlossRelationRule *rule = g_hash_table_lookup (self->relation_rules, GLOSS_LABEL_SET_SPEAKER);

  if (rule == NULL)
    {
      rule = g_new0 (GlossRelationRule, 1);
      g_hash_table_insert (self->relation_rules, g_strdup (GLOSS_LABEL_SET_SPEAKER), rule);
    }

  if (rule->ends[GLOSS_RELATION_FROM] == NULL)
    {
      g_autoptr(GStrvBuilder) from = g_strv_builder_new ();

      g_strv_builder_add (from, GLOSS_LABEL_SET_KIND_PREFIX "quote");
      rule->ends[GLOSS_RELATION_FROM] = g_strv_builder_end (from);
    }

  if (rule->ends[GLOSS_RELATION_TO] == NULL)
    {
      g_autoptr(GStrvBuilder) to = g_strv_builder_new ();
      gboolean any = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (speaker_ids); i++)
        {
          GlossLabel *label = g_hash_table_lookup (self->by_id, speaker_ids[i]);

          if (label != NULL && gloss_label_get_kind (label) == GLOSS_LABEL_KIND_ENTITY)
            {
              g_strv_builder_add (to, speaker_ids[i]);
              any = TRUE;
            }
        }
      if (!any)
        g_strv_builder_add (to, GLOSS_LABEL_SET_KIND_PREFIX "entity");
      rule->ends[GLOSS_RELATION_TO] = g_strv_builder_end (to);
    }
}

/* A relation type with a key can be drawn by keyboard. "speaker", the one
 * every set has, gets "s" when the file leaves it without a key and no
 * other type has "s": older files have no keys at all. */
static void
gloss_label_set_complete_speaker_key (GlossLabelSet *self)
{
  GHashTableIter iter;
  gpointer key;

  if (g_hash_table_contains (self->relation_keys, GLOSS_LABEL_SET_SPEAKER))
    return;

  g_hash_table_iter_init (&iter, self->relation_keys);
  while (g_hash_table_iter_next (&iter, NULL, &key))
    {
      if (GPOINTER_TO_UINT (key) == GLOSS_LABEL_SET_SPEAKER_KEY)
        return;
    }

  g_hash_table_insert (self->relation_keys, g_strdup (GLOSS_LABEL_SET_SPEAKER),
                       GUINT_TO_POINTER (GLOSS_LABEL_SET_SPEAKER_KEY));
}

static GlossLabelSet *
gloss_label_set_new_builtin (void)
{
  GlossLabelSet *self = g_object_new (GLOSS_TYPE_LABEL_SET, NULL);
  const char *relation_types[] = { GLOSS_LABEL_SET_SPEAKER, NULL };

  for (guint i = 0; i < gloss_label_get_n_builtin (); i++)
    gloss_label_set_add_label (self, gloss_label_new_builtin (i));

  self->relation_types = g_strdupv ((char **) relation_types);
  gloss_label_set_complete_speaker_rule (self);
  gloss_label_set_complete_speaker_key (self);

  return self;
}

/**
 * gloss_label_set_get_builtin:
 *
 * The labels Gloss offers when a corpus defines none: claim, quote, person,
 * organization, location and misc, and the relation type "speaker".
 *
 * Returns: (transfer full): a new reference to the shared built-in set
 */
GlossLabelSet *
gloss_label_set_get_builtin (void)
{
  static GlossLabelSet *builtin;

  if (g_once_init_enter (&builtin))
    g_once_init_leave (&builtin, gloss_label_set_new_builtin ());

  return g_object_ref (builtin);
}

/* Reading and checking is gloss-label-set-reader.c's job; a set is only
 * made from a file with no problem at all. */
static GlossLabelSet *
load_from_data (const char  *data,
                gsize        length,
                const char  *source,
                GFile       *file,
                GError     **error)
{
  g_auto(GlossLabelSetReader) reader = { 0 };
  GlossLabelSet *self;

  gloss_label_set_reader_init (&reader);
  if (!gloss_label_set_reader_read (&reader, data, length, source, error))
    return NULL;

  self = g_object_new (GLOSS_TYPE_LABEL_SET, NULL);
  for (guint i = 0; i < reader.labels->len; i++)
    gloss_label_set_add_label (self, g_object_ref (g_ptr_array_index (reader.labels, i)));

  g_ptr_array_add (reader.relation_types, NULL);
  self->relation_types = (GStrv) g_ptr_array_free (g_steal_pointer (&reader.relation_types), FALSE);
  g_clear_pointer (&self->relation_rules, g_hash_table_unref);
  self->relation_rules = g_steal_pointer (&reader.relation_rules);
  gloss_label_set_complete_speaker_rule (self);
  g_clear_pointer (&self->relation_keys, g_hash_table_unref);
  self->relation_keys = g_steal_pointer (&reader.relation_keys);
  gloss_label_set_complete_speaker_key (self);
  g_clear_pointer (&self->attributes, g_ptr_array_unref);
  self->attributes = g_steal_pointer (&reader.attributes);
  g_clear_pointer (&self->document_fields, g_ptr_array_unref);
  self->document_fields = g_steal_pointer (&reader.document_fields);
  g_set_object (&self->file, file);

  return self;
}

/**
 * gloss_label_set_new_from_data:
 * @data: the contents of a gloss-labels.json
 * @length: the length of @data in bytes, or -1 if it is nul-terminated
 * @source_name: (nullable): how to name @data in messages
 * @error: return location for a #GError
 *
 * Every problem in @data is reported at once: the error's message lists
 * them one per line as "SOURCE: LOCATION: MESSAGE".
 *
 * Returns: (transfer full): a new label set, or %NULL with @error set
 */
GlossLabelSet *
gloss_label_set_new_from_data (const char  *data,
                               gssize       length,
                               const char  *source_name,
                               GError     **error)
{
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = strlen (data);

  return load_from_data (data != NULL ? data : "", length,
                         source_name != NULL ? source_name : "<data>",
                         NULL, error);
}

/* Only a regular file is read (gloss-labels.json could be a FIFO, which
 * would block, or a link to /dev/zero), and never more than the limit,
 * whatever its size claims to be. */
static GBytes *
read_file_capped (GFile       *file,
                  const char  *source,
                  GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  GBytes *bytes;

  bytes = gloss_file_load_bytes (file, source, GLOSS_LABEL_SET_MAX_BYTES, NULL, &local_error);
  if (bytes != NULL)
    return bytes;

  if (g_error_matches (local_error, GLOSS_ERROR, GLOSS_ERROR_TOO_LARGE))
    g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_TOO_LARGE,
                 _("%s: larger than 1 MiB, the limit for a label set"),
                 source);
  else
    g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

/**
 * gloss_label_set_new_from_file:
 * @file: a gloss-labels.json
 * @error: return location for a #GError
 *
 * Like gloss_label_set_new_from_data(), with messages led by the file's
 * path. Failing to read the file is reported in the %G_IO_ERROR domain.
 *
 * Returns: (transfer full): a new label set, or %NULL with @error set
 */
GlossLabelSet *
gloss_label_set_new_from_file (GFile   *file,
                               GError **error)
{
  g_autofree char *source = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *data;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  source = g_file_get_parse_name (file);

  bytes = read_file_capped (file, source, error);
  if (bytes == NULL)
    return NULL;

  data = g_bytes_get_data (bytes, &length);

  return load_from_data (data != NULL ? data : "", length, source, file, error);
}

/**
 * gloss_label_set_find_for_folder:
 * @folder: the folder of an article or corpus
 * @error: return location for a #GError
 *
 * Looks for gloss-labels.json in @folder, then in each of its parents up to
 * the root; the first one found is loaded. Parents are those of the path as
 * given (symbolic links are not resolved first).
 *
 * A file that is found but cannot be used is an error rather than a reason
 * to fall back to the built-in set: annotating with the wrong labels
 * without noticing would be worse than not starting.
 *
 * Returns: (transfer full): the nearest label set, the built-in one if
 *   there is none, or %NULL with @error set
 */
GlossLabelSet *
gloss_label_set_find_for_folder (GFile   *folder,
                                 GError **error)
{
  g_autoptr(GFile) dir = NULL;

  g_return_val_if_fail (G_IS_FILE (folder), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  dir = g_object_ref (folder);

  while (dir != NULL)
    {
      g_autoptr(GFile) candidate = g_file_get_child (dir, GLOSS_LABEL_SET_FILE_NAME);
      g_autoptr(GFileInfo) info = NULL;
      g_autoptr(GError) local_error = NULL;
      GFile *parent;

      info = g_file_query_info (candidate,
                                G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                G_FILE_QUERY_INFO_NONE,
                                NULL, &local_error);
      if (info != NULL)
        return gloss_label_set_new_from_file (candidate, error);

      /* Not there is the usual case. NOT_DIRECTORY means @folder was a file
       * (an article, say); its own folder is next anyway. Anything else —
       * a folder we may not look into — could be hiding the set. */
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) &&
          !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      parent = g_file_get_parent (dir);
      g_object_unref (dir);
      dir = parent;
    }

  return gloss_label_set_get_builtin ();
}

/**
 * gloss_label_set_get_file:
 *
 * Returns: (nullable) (transfer none): the file the set was loaded from, or
 *   %NULL for the built-in set and sets made from data
 */
GFile *
gloss_label_set_get_file (GlossLabelSet *self)
{
  g_return_val_if_fail (GLOSS_IS_LABEL_SET (self), NULL);

  return self->file;
}

/**
 * gloss_label_set_lookup:
 *
 * Returns: (nullable) (transfer none): the label with @id, or %NULL
 */
GlossLabel *
gloss_label_set_lookup (GlossLabelSet *self,
                        const char    *id)
{
  g_return_val_if_fail (GLOSS_IS_LABEL_SET (self), NULL);

  if (id == NULL)
    return NULL;

  return g_hash_table_lookup (self->by_id, id);
}

/**
 * gloss_label_set_lookup_shortcut:
 *
 * Letters match in either case, as in the file.
 *
 * Returns: (nullable) (transfer none): the label applied by @key, or %NULL
 */
GlossLabel *
gloss_label_set_lookup_shortcut (GlossLabelSet *self,
                                 gunichar       key)
{
  g_return_val_if_fail (GLOSS_IS_LABEL_SET (self), NULL);

  if (key == 0)
    return NULL;

  key = g_unichar_tolower (key);

  /* A set has a handful of labels: a scan beats keeping a second table. */
  for (guint i = 0; i < self->labels->len; i++)
    {
      GlossLabel *label = g_ptr_array_index (self->labels, i);

      if (gloss_label_get_shortcut (label) == key)
        return label;
    }

  return NULL;
}

guint
gloss_label_set_get_n_labels (GlossLabelSet *self)
{
  g_return_val_if_fail (GLOSS_IS_LABEL_SET (self), 0);

  return self->labels->len;
}

gboolean
gloss_label_set_has_relation_type (GlossLabelSet *self,
                                   const char    *type)
{
  g_return_val_if_fail (GLOSS_IS_LABEL_SET (self), FALSE);

  if (type == NULL)
    return FALSE;

  return g_strv_contains ((const char * const *) self->relation_types, type);
}

/**
 * gloss_label_set_get_relation_types:
 *
 * Returns: (transfer none): the relation types, "speaker" first, then the
 *   others in file order
 */
const char * const *
gloss_label_set_get_relation_types (GlossLabelSet *self)
{
  g_return_val_if_fail (GLOSS_IS_LABEL_SET (self), NULL);

  return (const char * const *) self->relation_types;
}

GlossLabelKind
gloss_label_set_kind_of (GlossLabelSet *self,
                         const char    *id)
{
  GlossLabel *label = self != NULL && id != NULL ? gloss_label_set_lookup (self, id) : NULL;

  return label != NULL ? gloss_label_get_kind (label) : GLOSS_LABEL_KIND_ENTITY;
}

/* Relation rules */

static gboolean gloss_label_set_entries_match (GlossLabelSet      *self,
                                               const char * const *entries,
                                               const char         *label);

/**
 * gloss_label_set_get_relation_end:
 * @type: a relation type
 * @end: which end
 *
 * Returns: (transfer none) (nullable): the label ids and "kind:…" entries
 *   that end may be, or %NULL when it may be any label
 */
const char * const *
gloss_label_set_get_relation_end (GlossLabelSet    *self,
                                  const char       *type,
                                  GlossRelationEnd  end)
{
  GlossRelationRule *rule;

  g_return_val_if_fail (GLOSS_IS_LABEL_SET (self), NULL);
  g_return_val_if_fail (end == GLOSS_RELATION_FROM || end == GLOSS_RELATION_TO, NULL);

  if (type == NULL)
    return NULL;

  rule = g_hash_table_lookup (self->relation_rules, type);

  return rule != NULL ? (const char * const *) rule->ends[end] : NULL;
}

/**
 * gloss_label_set_relation_accepts:
 * @type: a relation type
 * @end: which end
 * @label: (nullable): the label id of the annotation at that end
 *
 * Whether a @type relation may start (%GLOSS_RELATION_FROM) or end
 * (%GLOSS_RELATION_TO) at an annotation labelled @label. A label the set
 * does not know is not of any kind, so it passes only an open end.
 *
 * Returns: %TRUE if the rule allows it
 */
gboolean
gloss_label_set_relation_accepts (GlossLabelSet    *self,
                                  const char       *type,
                                  GlossRelationEnd  end,
                                  const char       *label)
{
  const char * const *entries;

  g_return_val_if_fail (GLOSS_IS_LABEL_SET (self), FALSE);

  entries = gloss_label_set_get_relation_end (self, type, end);
  if (entries == NULL)
    return TRUE;

  return gloss_label_set_entries_match (self, entries, label);
}

/* Whether @label is one of @entries (label ids and "kind:…"), as in a
 * relation rule or an attribute's "applies_to". */
static gboolean
gloss_label_set_entries_match (GlossLabelSet      *self,
                               const char * const *entries,
                               const char         *label)
{
  GlossLabel *known = gloss_label_set_lookup (self, label);

  if (known == NULL)
    return FALSE;

  for (guint i = 0; entries[i] != NULL; i++)
    {
      GlossLabelKind kind;

      if (g_str_has_prefix (entries[i], GLOSS_LABEL_SET_KIND_PREFIX))
        {
          if (gloss_label_kind_from_string (entries[i] + strlen (GLOSS_LABEL_SET_KIND_PREFIX), &kind)
              && kind == gloss_label_get_kind (known))
            return TRUE;
        }
      else if (g_str_equal (entries[i], label))
        return TRUE;
    }

  return FALSE;
}

/**
 * gloss_label_set_describe_label:
 * @label: a label id
 *
 * Returns: (transfer full): the label's name, or the id in quotes when the
 *   set has no such label
 */
char *
gloss_label_set_describe_label (GlossLabelSet *self,
                                const char    *label)
{
  GlossLabel *known;

  g_return_val_if_fail (GLOSS_IS_LABEL_SET (self), NULL);
  g_return_val_if_fail (label != NULL, NULL);

  known = gloss_label_set_lookup (self, label);
  if (known != NULL)
    return g_strdup (gloss_label_get_name (known));

  return g_strdup_printf ("“%s”", label);
}

static char *
describe_kind_entry (const char *kind_name)
{
  GlossLabelKind kind = GLOSS_LABEL_KIND_ENTITY;

  gloss_label_kind_from_string (kind_name, &kind);

  switch (kind)
    {
    case GLOSS_LABEL_KIND_CLAIM:
      /* Translators: one of the labels a relation may link, in "Person or any claim" */
      return g_strdup (_("any claim"));

    case GLOSS_LABEL_KIND_QUOTE:
      return g_strdup (_("any quote"));

    case GLOSS_LABEL_KIND_ENTITY:
    default:
      return g_strdup (_("any entity"));
    }
}

/**
 * gloss_label_set_describe_relation_end:
 * @type: a relation type
 * @end: which end
 *
 * Returns: (transfer full) (nullable): what that end may be, for people
 *   ("Person or Organization"), or %NULL when it may be any label
 */
char *
gloss_label_set_describe_relation_end (GlossLabelSet    *self,
                                       const char       *type,
                                       GlossRelationEnd  end)
{
  const char * const *entries;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GString) head_string = NULL;
  guint n;

  g_return_val_if_fail (GLOSS_IS_LABEL_SET (self), NULL);

  entries = gloss_label_set_get_relation_end (self, type, end);
  if (entries == NULL)
    return NULL;

  names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; entries[i] != NULL; i++)
    {
      if (g_str_has_prefix (entries[i], GLOSS_LABEL_SET_KIND_PREFIX))
        g_ptr_array_add (names, describe_kind_entry (entries[i] + strlen (GLOSS_LABEL_SET_KIND_PREFIX)));
      else
        g_ptr_array_add (names, gloss_label_set_describe_label (self, entries[i]));
    }

  n = names->len;
  if (n == 1)
    return g_strdup (g_ptr_array_index (names, 0));

  /* "A, B or C": the last two joined by "or", the others by commas. */
  head_string = g_string_new (NULL);
  for (guint i = 0; i + 1 < n; i++)
    {
      if (i > 0)
        /* Translators: between the items of a list of alternatives, "A, B or C" */
        g_string_append (head_string, _(", "));
      g_string_append (head_string, g_ptr_array_index (names, i));
    }

  /* Translators: the last two of a list of alternatives: "Person or Organization" */
  return g_strdup_printf (_("%s or %s"), head_string->str, (const char *) g_ptr_array_index (names, n - 1));
}

/* Relation keys */

gunichar
gloss_label_set_get_relation_key (GlossLabelSet *self,
                                  const char    *type)
{
  g_return_val_if_fail (GLOSS_IS_LABEL_SET (self), 0);

  if (type == NULL)
    return 0;

  return GPOINTER_TO_UINT (g_hash_table_lookup (self->relation_keys, type));
}

/**
 * gloss_label_set_lookup_relation_key:
 * @key: a character
 *
 * Returns: (transfer none) (nullable): the relation type drawn with @key
 *   (letters in either case), or %NULL
 */
const char *
gloss_label_set_lookup_relation_key (GlossLabelSet *self,
                                     gunichar       key)
{
  g_return_val_if_fail (GLOSS_IS_LABEL_SET (self), NULL);

  if (key == 0)
    return NULL;

  key = g_unichar_tolower (key);
  for (guint i = 0; self->relation_types[i] != NULL; i++)
    {
      if (gloss_label_set_get_relation_key (self, self->relation_types[i]) == key)
        return self->relation_types[i];
    }

  return NULL;
}

/* Attributes and fields of the article */

/**
 * gloss_label_set_get_attributes:
 *
 * Returns: (transfer none) (element-type GlossAttribute): every attribute
 *   of spans, in file order
 */
GPtrArray *
gloss_label_set_get_attributes (GlossLabelSet *self)
{
  g_return_val_if_fail (GLOSS_IS_LABEL_SET (self), NULL);

  return self->attributes;
}

/**
 * gloss_label_set_attribute_applies:
 * @attribute: an attribute of @self
 * @label: (nullable): a label id
 *
 * Returns: whether a span labelled @label has @attribute: its
 *   "applies_to" names the label or its kind
 */
gboolean
gloss_label_set_attribute_applies (GlossLabelSet  *self,
                                   GlossAttribute *attribute,
                                   const char     *label)
{
  const char * const *entries;

  g_return_val_if_fail (GLOSS_IS_LABEL_SET (self), FALSE);
  g_return_val_if_fail (GLOSS_IS_ATTRIBUTE (attribute), FALSE);

  entries = gloss_attribute_get_applies_to (attribute);
  if (entries == NULL || label == NULL)
    return FALSE;

  return gloss_label_set_entries_match (self, entries, label);
}

/**
 * gloss_label_set_get_attributes_for_label:
 * @label: (nullable): a label id
 *
 * Returns: (transfer full) (element-type GlossAttribute): the attributes a
 *   span labelled @label has, in file order
 */
GPtrArray *
gloss_label_set_get_attributes_for_label (GlossLabelSet *self,
                                          const char    *label)
{
  GPtrArray *attributes;

  g_return_val_if_fail (GLOSS_IS_LABEL_SET (self), NULL);

  attributes = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->attributes->len; i++)
    {
      GlossAttribute *attribute = g_ptr_array_index (self->attributes, i);

      if (gloss_label_set_attribute_applies (self, attribute, label))
        g_ptr_array_add (attributes, g_object_ref (attribute));
    }

  return attributes;
}

gboolean
gloss_label_set_has_attributes_for_label (GlossLabelSet *self,
                                          const char    *label)
{
  g_return_val_if_fail (GLOSS_IS_LABEL_SET (self), FALSE);

  for (guint i = 0; i < self->attributes->len; i++)
    if (gloss_label_set_attribute_applies (self, g_ptr_array_index (self->attributes, i), label))
      return TRUE;

  return FALSE;
}

static GlossAttribute *
find_attribute (GPtrArray  *attributes,
                const char *id)
{
  if (id == NULL)
    return NULL;

  /* A handful per set: a scan beats keeping a table. */
  for (guint i = 0; i < attributes->len; i++)
    {
      GlossAttribute *attribute = g_ptr_array_index (attributes, i);

      if (g_str_equal (gloss_attribute_get_id (attribute), id))
        return attribute;
    }

  return NULL;
}

/**
 * gloss_label_set_lookup_attribute:
 *
 * Returns: (transfer none) (nullable): the attribute of spans with @id
 */
GlossAttribute *
gloss_label_set_lookup_attribute (GlossLabelSet *self,
                                  const char    *id)
{
  g_return_val_if_fail (GLOSS_IS_LABEL_SET (self), NULL);

  return find_attribute (self->attributes, id);
}

/**
 * gloss_label_set_lookup_attribute_shortcut:
 *
 * Returns: (transfer none) (nullable): the attribute picked by @key
 *   (letters in either case)
 */
GlossAttribute *
gloss_label_set_lookup_attribute_shortcut (GlossLabelSet *self,
                                           gunichar       key)
{
  g_return_val_if_fail (GLOSS_IS_LABEL_SET (self), NULL);

  if (key == 0)
    return NULL;

  key = g_unichar_tolower (key);
  for (guint i = 0; i < self->attributes->len; i++)
    {
      GlossAttribute *attribute = g_ptr_array_index (self->attributes, i);

      if (gloss_attribute_get_shortcut (attribute) == key)
        return attribute;
    }

  return NULL;
}

/**
 * gloss_label_set_get_document_fields:
 *
 * Returns: (transfer none) (element-type GlossAttribute): the fields of a
 *   whole article ("document_labels"), in file order
 */
GPtrArray *
gloss_label_set_get_document_fields (GlossLabelSet *self)
{
  g_return_val_if_fail (GLOSS_IS_LABEL_SET (self), NULL);

  return self->document_fields;
}

/**
 * gloss_label_set_lookup_document_field:
 *
 * Returns: (transfer none) (nullable): the field of the article with @id
 */
GlossAttribute *
gloss_label_set_lookup_document_field (GlossLabelSet *self,
                                       const char    *id)
{
  g_return_val_if_fail (GLOSS_IS_LABEL_SET (self), NULL);

  return find_attribute (self->document_fields, id);
}
