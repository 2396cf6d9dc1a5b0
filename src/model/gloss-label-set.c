/* gloss-label-set.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "gloss-error.h"
#include "gloss-file-load.h"
#include "gloss-json-reader.h"
#include "gloss-label-set.h"

/* The documented limits of gloss-labels.json (see docs/labels.md). A label set
 * is a few hundred bytes; the size cap keeps a mistaken pick (a video, a
 * dump) from being read into memory at all. */
#define FORMAT_NAME      "gloss-labels"
#define FORMAT_VERSION   1
#define MAX_FILE_SIZE    (1024 * 1024)
#define MAX_ID_LENGTH    64
#define MAX_DEPTH        64

/* Relation types every set has, whether its file lists them or not: the
 * app's quote attribution depends on "speaker". */
#define SPEAKER_RELATION "speaker"

/* In a relation rule, "kind:entity" stands for every label of that kind;
 * ids cannot hold a colon, so it never names a label. */
#define KIND_PREFIX "kind:"

/* Which labels each end of a relation type may be: label ids and
 * "kind:…" entries, as in the file. NULL: any label. */
typedef struct
{
  GStrv ends[2];  /* indexed by GlossRelationEnd */
} RelationRule;

struct _GlossLabelSet
{
  GObject     parent_instance;

  GPtrArray  *labels;          /* GlossLabel, in file order */
  GHashTable *by_id;           /* id → GlossLabel, borrowed from @labels */
  GStrv       relation_types;  /* "speaker" first, then in file order */
  GHashTable *relation_rules;  /* type → RelationRule, for types with one */
  GFile      *file;            /* NULL for the built-in set */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GlossLabelSet, gloss_label_set, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/* The built-in set. Colours come from the GNOME palette, picked from the
 * middle shades so a highlight reads on both light and dark backgrounds,
 * with each kind in its own hue. Names are translated when the set is made. */
static const struct {
  const char     *id;
  GlossLabelKind  kind;
  const char     *name;
  const char     *color;
  gunichar        shortcut;
} builtin_labels[] = {
  { "claim",        GLOSS_LABEL_KIND_CLAIM,  N_("Claim"),         "#e5a50a", 'c' }, /* Yellow 5 */
  { "quote",        GLOSS_LABEL_KIND_QUOTE,  N_("Quote"),         "#3584e4", 'q' }, /* Blue 3 */
  { "person",       GLOSS_LABEL_KIND_ENTITY, N_("Person"),        "#c061cb", 'p' }, /* Purple 2 */
  { "organization", GLOSS_LABEL_KIND_ENTITY, N_("Organization"),  "#2ec27e", 'o' }, /* Green 4 */
  { "location",     GLOSS_LABEL_KIND_ENTITY, N_("Location"),      "#e66100", 'l' }, /* Orange 4 */
  { "misc",         GLOSS_LABEL_KIND_ENTITY, N_("Miscellaneous"), "#9a9996", 'm' }, /* Light 5 */
};

/* Colours for labels whose file gives none, handed out in turn so that
 * neighbouring labels differ. Same palette rules as above. */
static const char * const default_colors[] = {
  "#3584e4", "#2ec27e", "#e5a50a", "#e66100",
  "#c061cb", "#986a44", "#e01b24", "#9a9996",
};

static void
relation_rule_free (gpointer data)
{
  RelationRule *rule = data;

  g_strfreev (rule->ends[GLOSS_RELATION_FROM]);
  g_strfreev (rule->ends[GLOSS_RELATION_TO]);
  g_free (rule);
}

static GHashTable *
relation_rules_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, relation_rule_free);
}

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
  self->relation_rules = relation_rules_new ();
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
  RelationRule *rule = g_hash_table_lookup (self->relation_rules, SPEAKER_RELATION);

  if (rule == NULL)
    {
      rule = g_new0 (RelationRule, 1);
      g_hash_table_insert (self->relation_rules, g_strdup (SPEAKER_RELATION), rule);
    }

  if (rule->ends[GLOSS_RELATION_FROM] == NULL)
    {
      g_autoptr(GStrvBuilder) from = g_strv_builder_new ();

      g_strv_builder_add (from, KIND_PREFIX "quote");
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
        g_strv_builder_add (to, KIND_PREFIX "entity");
      rule->ends[GLOSS_RELATION_TO] = g_strv_builder_end (to);
    }
}

static GlossLabelSet *
gloss_label_set_new_builtin (void)
{
  GlossLabelSet *self = g_object_new (GLOSS_TYPE_LABEL_SET, NULL);
  const char *relation_types[] = { SPEAKER_RELATION, NULL };

  for (guint i = 0; i < G_N_ELEMENTS (builtin_labels); i++)
    gloss_label_set_add_label (self,
                               gloss_label_new (builtin_labels[i].id,
                                                builtin_labels[i].kind,
                                                _(builtin_labels[i].name),
                                                builtin_labels[i].color,
                                                builtin_labels[i].shortcut));

  self->relation_types = g_strdupv ((char **) relation_types);
  gloss_label_set_complete_speaker_rule (self);

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

/* Loading and validation.
 *
 * The loader walks the whole document and records every problem it finds
 * instead of stopping at the first, so that someone fixing a hand-written
 * file sees everything that is wrong in one go. */

typedef struct
{
  GPtrArray  *problems;        /* char *, "LOCATION: MESSAGE" */
  GPtrArray  *labels;          /* GlossLabel */
  GHashTable *label_ids;       /* id → index of the label that has it */
  GHashTable *label_keys;      /* shortcut → index of the label that has it */
  GPtrArray  *relation_types;  /* char *, NULL-terminated at the end */
  GHashTable *relation_index;  /* type → index in the file's "relations" */
  GHashTable *relation_rules;  /* type → RelationRule */
} Loader;

static void
loader_init (Loader *loader)
{
  loader->problems = g_ptr_array_new_with_free_func (g_free);
  loader->labels = g_ptr_array_new_with_free_func (g_object_unref);
  loader->label_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  loader->label_keys = g_hash_table_new (NULL, NULL);
  loader->relation_types = g_ptr_array_new_with_free_func (g_free);
  loader->relation_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  loader->relation_rules = relation_rules_new ();
}

static void
loader_clear (Loader *loader)
{
  g_clear_pointer (&loader->problems, g_ptr_array_unref);
  g_clear_pointer (&loader->labels, g_ptr_array_unref);
  g_clear_pointer (&loader->label_ids, g_hash_table_unref);
  g_clear_pointer (&loader->label_keys, g_hash_table_unref);
  g_clear_pointer (&loader->relation_types, g_ptr_array_unref);
  g_clear_pointer (&loader->relation_index, g_hash_table_unref);
  g_clear_pointer (&loader->relation_rules, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Loader, loader_clear)

G_GNUC_PRINTF (3, 4)
static void
loader_add_problem (Loader     *loader,
                    const char *location,
                    const char *format,
                    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (location != NULL)
    g_ptr_array_add (loader->problems, g_strdup_printf ("%s: %s", location, message));
  else
    g_ptr_array_add (loader->problems, g_steal_pointer (&message));
}

/* A value from the file as it appears in a message: quoted, with control
 * characters escaped so that every problem stays on one line, and cut short
 * so that a pasted paragraph does not swamp the list. */
static char *
quote_value (const char *value)
{
  const guint max_chars = 40;
  GString *quoted = g_string_new ("\"");
  guint n_chars = 0;

  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (n_chars++ == max_chars)
        {
          g_string_append (quoted, "…");
          break;
        }

      if (c == '"' || c == '\\')
        g_string_append_printf (quoted, "\\%c", (char) c);
      else if (c == '\n')
        g_string_append (quoted, "\\n");
      else if (c == '\t')
        g_string_append (quoted, "\\t");
      else if (g_unichar_iscntrl (c))
        g_string_append_printf (quoted, "\\u%04X", c);
      else
        g_string_append_unichar (quoted, c);
    }

  g_string_append_c (quoted, '"');

  return g_string_free (quoted, FALSE);
}

/* What a JSON value is, for "expected a string, not a number". */
static const char *
describe_node (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      /* Translators: what a JSON value is, in "expected a string, not %s" */
      return _("an object");

    case JSON_NODE_ARRAY:
      return _("an array");

    case JSON_NODE_NULL:
      return _("null");

    case JSON_NODE_VALUE:
    default:
      break;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return _("a string");

    case G_TYPE_BOOLEAN:
      return _("a boolean");

    case G_TYPE_DOUBLE:
      return _("a decimal number");

    case G_TYPE_INT64:
    default:
      return _("a number");
    }
}

static gboolean
node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING;
}

/* The location of a member: "labels[2]" + "color" → "labels[2].color". */
static char *
member_location (const char *parent,
                 const char *member)
{
  if (parent == NULL)
    return g_strdup (member);

  return g_strdup_printf ("%s.%s", parent, member);
}

/* The string value of @member, or NULL. A missing member (or null, which
 * hand-written files use to mean the same) is a problem only when
 * @required; a value of any other type always is. */
static const char *
loader_get_string (Loader     *loader,
                   JsonObject *object,
                   const char *parent,
                   const char *member,
                   gboolean    required)
{
  g_autofree char *location = member_location (parent, member);
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        loader_add_problem (loader, location, _("missing"));
      return NULL;
    }

  if (!node_is_string (node))
    {
      /* Translators: %s is what the value is instead: "a number",
       * "an object", … */
      loader_add_problem (loader, location,
                          _("expected a string, not %s"),
                          describe_node (node));
      return NULL;
    }

  /* json-glib 1.6 decodes a lone \ud800 escape into bytes that are not UTF-8 */
  if (!g_utf8_validate (json_node_get_string (node), -1, NULL))
    {
      loader_add_problem (loader, location,
                          _("holds an invalid \\u escape (a lone UTF-16 surrogate)"));
      return NULL;
    }

  return json_node_get_string (node);
}

/* [a-z0-9][a-z0-9_-]*, the same rule as annotator ids: safe in file names,
 * URLs, CoNLL columns and brat type names alike. */
static gboolean
is_valid_id (const char *id)
{
  if (!g_ascii_islower (id[0]) && !g_ascii_isdigit (id[0]))
    return FALSE;

  for (const char *p = id + 1; *p != '\0'; p++)
    {
      if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '_' && *p != '-')
        return FALSE;
    }

  return TRUE;
}

/* Checks an id or relation type; reports what is wrong with it at
 * @location. */
static gboolean
loader_check_id (Loader     *loader,
                 const char *location,
                 const char *id)
{
  g_autofree char *quoted = quote_value (id);

  if (strlen (id) > MAX_ID_LENGTH)
    {
      loader_add_problem (loader, location,
                          _("%s is longer than %u characters"),
                          quoted, (guint) MAX_ID_LENGTH);
      return FALSE;
    }

  if (!is_valid_id (id))
    {
      /* Translators: %s is the id as written in the file, quoted */
      loader_add_problem (loader, location,
                          _("%s is not a valid id (use a-z, 0-9, \"_\" and \"-\", "
                            "starting with a letter or digit)"),
                          quoted);
      return FALSE;
    }

  return TRUE;
}

/* "#rrggbb", either case; stored in lower case so that colours compare and
 * serialise the same however they were typed. */
static char *
parse_color (const char *color)
{
  if (color[0] != '#' || strlen (color) != 7)
    return NULL;

  for (guint i = 1; i < 7; i++)
    {
      if (!g_ascii_isxdigit (color[i]))
        return NULL;
    }

  return g_ascii_strdown (color, -1);
}

/* A key is one printable, non-space character. Letters are folded to lower
 * case: people think of "c" and "C" as the same key. Returns 0 if @key is
 * not usable. */
static gunichar
parse_key (const char *key)
{
  gunichar c;

  if (key[0] == '\0' || *g_utf8_next_char (key) != '\0')
    return 0;

  c = g_utf8_get_char (key);
  if (!g_unichar_isprint (c) || g_unichar_isspace (c))
    return 0;

  return g_unichar_tolower (c);
}

/* Each loader_read_label_*() reads one member of labels[@index], reports
 * what is wrong with it, and returns NULL (or 0) when it is unusable. */

static const char *
loader_read_label_id (Loader     *loader,
                      JsonObject *object,
                      const char *location,
                      guint       index)
{
  g_autofree char *id_location = member_location (location, "id");
  g_autofree char *quoted = NULL;
  const char *id;
  gpointer other;

  id = loader_get_string (loader, object, location, "id", TRUE);
  if (id == NULL || !loader_check_id (loader, id_location, id))
    return NULL;

  if (g_hash_table_lookup_extended (loader->label_ids, id, NULL, &other))
    {
      quoted = quote_value (id);
      loader_add_problem (loader, id_location,
                          _("%s is already used by labels[%u]"),
                          quoted, GPOINTER_TO_UINT (other));
      return NULL;
    }

  g_hash_table_insert (loader->label_ids, g_strdup (id), GUINT_TO_POINTER (index));

  return id;
}

static gboolean
loader_read_label_kind (Loader         *loader,
                        JsonObject     *object,
                        const char     *location,
                        GlossLabelKind *kind)
{
  g_autofree char *kind_location = NULL;
  g_autofree char *quoted = NULL;
  const char *kind_string;

  kind_string = loader_get_string (loader, object, location, "kind", TRUE);
  if (kind_string == NULL)
    return FALSE;

  if (gloss_label_kind_from_string (kind_string, kind))
    return TRUE;

  kind_location = member_location (location, "kind");
  quoted = quote_value (kind_string);
  loader_add_problem (loader, kind_location,
                      _("%s is not one of \"claim\", \"quote\" or \"entity\""),
                      quoted);

  return FALSE;
}

/* The name may be left out (the id is shown instead), but a name that is
 * there and blank is a mistake worth pointing at. */
static const char *
loader_read_label_name (Loader     *loader,
                        JsonObject *object,
                        const char *location)
{
  g_autofree char *stripped = NULL;
  g_autofree char *name_location = NULL;
  const char *name;

  name = loader_get_string (loader, object, location, "name", FALSE);
  if (name == NULL)
    return NULL;

  stripped = g_strstrip (g_strdup (name));
  if (stripped[0] != '\0')
    return name;

  name_location = member_location (location, "name");
  loader_add_problem (loader, name_location, _("must not be empty"));

  return NULL;
}

static char *
loader_read_label_color (Loader     *loader,
                         JsonObject *object,
                         const char *location,
                         guint       index)
{
  g_autofree char *color_location = NULL;
  g_autofree char *quoted = NULL;
  const char *color_string;
  char *color;

  color_string = loader_get_string (loader, object, location, "color", FALSE);
  if (color_string == NULL)
    return g_strdup (default_colors[index % G_N_ELEMENTS (default_colors)]);

  color = parse_color (color_string);
  if (color != NULL)
    return color;

  color_location = member_location (location, "color");
  quoted = quote_value (color_string);
  loader_add_problem (loader, color_location,
                      _("%s is not a #rrggbb colour"), quoted);

  return NULL;
}

static gunichar
loader_read_label_key (Loader     *loader,
                       JsonObject *object,
                       const char *location,
                       guint       index)
{
  g_autofree char *key_location = NULL;
  g_autofree char *quoted = NULL;
  const char *key;
  gunichar shortcut;
  gpointer other;

  key = loader_get_string (loader, object, location, "key", FALSE);
  if (key == NULL)
    return 0;

  key_location = member_location (location, "key");
  quoted = quote_value (key);

  shortcut = parse_key (key);
  if (shortcut == 0)
    {
      loader_add_problem (loader, key_location,
                          _("%s is not a single printable character"),
                          quoted);
      return 0;
    }

  if (g_hash_table_lookup_extended (loader->label_keys,
                                    GUINT_TO_POINTER (shortcut),
                                    NULL, &other))
    {
      loader_add_problem (loader, key_location,
                          _("%s is already the key of labels[%u]"),
                          quoted, GPOINTER_TO_UINT (other));
      return 0;
    }

  g_hash_table_insert (loader->label_keys,
                       GUINT_TO_POINTER (shortcut),
                       GUINT_TO_POINTER (index));

  return shortcut;
}

static void
loader_read_label (Loader   *loader,
                   guint     index,
                   JsonNode *node)
{
  g_autofree char *location = g_strdup_printf ("labels[%u]", index);
  g_autofree char *color = NULL;
  GlossLabelKind kind = GLOSS_LABEL_KIND_ENTITY;
  JsonObject *object;
  const char *id;
  const char *name;
  gunichar shortcut;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      loader_add_problem (loader, location,
                          _("expected an object, not %s"),
                          describe_node (node));
      return;
    }

  object = json_node_get_object (node);

  /* Every member is read even after a problem, to report them all. */
  id = loader_read_label_id (loader, object, location, index);
  loader_read_label_kind (loader, object, location, &kind);
  name = loader_read_label_name (loader, object, location);
  color = loader_read_label_color (loader, object, location, index);
  shortcut = loader_read_label_key (loader, object, location, index);

  /* Any problem anywhere means the set is thrown away, so labels are only
   * worth building while there is none; and with none, every member above
   * was usable (an absent name is NULL on purpose: the id stands in). */
  if (loader->problems->len == 0)
    g_ptr_array_add (loader->labels,
                     gloss_label_new (id, kind, name, color, shortcut));
}

static void
loader_read_labels (Loader     *loader,
                    JsonObject *root)
{
  JsonNode *node = json_object_get_member (root, "labels");
  JsonArray *array;
  guint n_labels;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      loader_add_problem (loader, "labels", _("missing"));
      return;
    }

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      loader_add_problem (loader, "labels",
                          _("expected an array, not %s"),
                          describe_node (node));
      return;
    }

  array = json_node_get_array (node);
  n_labels = json_array_get_length (array);

  if (n_labels == 0)
    {
      loader_add_problem (loader, "labels", _("at least one label is required"));
      return;
    }

  for (guint i = 0; i < n_labels; i++)
    loader_read_label (loader, i, json_array_get_element (array, i));
}

/* One entry of a relation rule: a label of this set, or "kind:" and a
 * kind. Labels are read before relations, so @label_ids is complete. */
static gboolean
loader_check_relation_entry (Loader     *loader,
                             const char *location,
                             const char *entry)
{
  g_autofree char *quoted = quote_value (entry);
  GlossLabelKind kind;

  if (g_str_has_prefix (entry, KIND_PREFIX))
    {
      if (gloss_label_kind_from_string (entry + strlen (KIND_PREFIX), &kind))
        return TRUE;

      loader_add_problem (loader, location,
                          _("%s is not a kind (use \"kind:claim\", \"kind:quote\" or \"kind:entity\")"),
                          quoted);
      return FALSE;
    }

  if (g_hash_table_contains (loader->label_ids, entry))
    return TRUE;

  /* "entity" for "kind:entity" is the likely slip: say how to write it. */
  if (gloss_label_kind_from_string (entry, &kind))
    /* Translators: the first %s is a value from the file, quoted; the
     * second a kind ("claim", "quote" or "entity"), not to be translated */
    loader_add_problem (loader, location,
                        _("%s is not a label of this set (for every label of that kind, write \"kind:%s\")"),
                        quoted, entry);
  else
    loader_add_problem (loader, location, _("%s is not a label of this set"), quoted);

  return FALSE;
}

/* relations[i].from or .to: which labels that end may be. Absent or null,
 * any label; otherwise a non-empty array of label ids and "kind:…". */
static GStrv
loader_read_relation_end (Loader     *loader,
                          JsonObject *object,
                          const char *location,
                          const char *member)
{
  g_autofree char *end_location = member_location (location, member);
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GStrvBuilder) entries = NULL;
  JsonNode *node = json_object_get_member (object, member);
  JsonArray *array;
  guint n;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      loader_add_problem (loader, end_location,
                          _("expected an array, not %s"),
                          describe_node (node));
      return NULL;
    }

  array = json_node_get_array (node);
  n = json_array_get_length (array);

  /* An empty list would forbid the type altogether: surely a mistake. */
  if (n == 0)
    {
      loader_add_problem (loader, end_location, _("must list at least one label or kind"));
      return NULL;
    }

  seen = g_hash_table_new (g_str_hash, g_str_equal);
  entries = g_strv_builder_new ();

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *item_location = g_strdup_printf ("%s[%u]", end_location, i);
      JsonNode *item = json_array_get_element (array, i);
      const char *entry;
      gpointer other;

      if (!node_is_string (item))
        {
          loader_add_problem (loader, item_location,
                              _("expected a string, not %s"),
                              describe_node (item));
          continue;
        }

      entry = json_node_get_string (item);
      if (!loader_check_relation_entry (loader, item_location, entry))
        continue;

      if (g_hash_table_lookup_extended (seen, entry, NULL, &other))
        {
          g_autofree char *quoted = quote_value (entry);

          loader_add_problem (loader, item_location,
                              _("%s is already listed at %s[%u]"),
                              quoted, end_location, GPOINTER_TO_UINT (other));
          continue;
        }

      g_hash_table_insert (seen, (gpointer) entry, GUINT_TO_POINTER (i));
      g_strv_builder_add (entries, entry);
    }

  return g_strv_builder_end (entries);
}

static void
loader_read_relation (Loader   *loader,
                      guint     index,
                      JsonNode *node)
{
  g_autofree char *location = g_strdup_printf ("relations[%u]", index);
  g_autofree char *type_location = NULL;
  g_auto(GStrv) from = NULL;
  g_auto(GStrv) to = NULL;
  JsonObject *object;
  const char *type;
  gpointer other;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      loader_add_problem (loader, location,
                          _("expected an object, not %s"),
                          describe_node (node));
      return;
    }

  object = json_node_get_object (node);
  type = loader_get_string (loader, object, location, "type", TRUE);
  /* Read even without a usable type, to report every problem. */
  from = loader_read_relation_end (loader, object, location, "from");
  to = loader_read_relation_end (loader, object, location, "to");
  if (type == NULL)
    return;

  type_location = member_location (location, "type");
  if (!loader_check_id (loader, type_location, type))
    return;

  if (g_hash_table_lookup_extended (loader->relation_index, type, NULL, &other))
    {
      g_autofree char *quoted = quote_value (type);

      loader_add_problem (loader, type_location,
                          _("%s is already listed at relations[%u]"),
                          quoted, GPOINTER_TO_UINT (other));
      return;
    }

  g_hash_table_insert (loader->relation_index, g_strdup (type), GUINT_TO_POINTER (index));

  if (from != NULL || to != NULL)
    {
      RelationRule *rule = g_new0 (RelationRule, 1);

      rule->ends[GLOSS_RELATION_FROM] = g_steal_pointer (&from);
      rule->ends[GLOSS_RELATION_TO] = g_steal_pointer (&to);
      g_hash_table_insert (loader->relation_rules, g_strdup (type), rule);
    }

  /* "speaker" is always first, whether listed or not. */
  if (!g_str_equal (type, SPEAKER_RELATION))
    g_ptr_array_add (loader->relation_types, g_strdup (type));
}

static void
loader_read_relations (Loader     *loader,
                       JsonObject *root)
{
  JsonNode *node = json_object_get_member (root, "relations");
  JsonArray *array;

  g_ptr_array_add (loader->relation_types, g_strdup (SPEAKER_RELATION));

  /* Optional: a set that only adds labels needs no "relations". */
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      loader_add_problem (loader, "relations",
                          _("expected an array, not %s"),
                          describe_node (node));
      return;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    loader_read_relation (loader, i, json_array_get_element (array, i));
}

static void
loader_check_format (Loader     *loader,
                     JsonObject *root)
{
  JsonNode *node = json_object_get_member (root, "format");

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    loader_add_problem (loader, "format",
                        _("missing (expected \"%s\")"), FORMAT_NAME);
  else if (!node_is_string (node))
    loader_add_problem (loader, "format",
                        _("expected \"%s\", not %s"),
                        FORMAT_NAME, describe_node (node));
  else if (!g_str_equal (json_node_get_string (node), FORMAT_NAME))
    {
      g_autofree char *quoted = quote_value (json_node_get_string (node));

      loader_add_problem (loader, "format",
                          _("expected \"%s\", not %s"),
                          FORMAT_NAME, quoted);
    }
}

/* Returns FALSE when the rest of the file cannot be judged: a newer version
 * may be laid out differently, and listing what this version would make of
 * it only hides the one problem that matters. */
static gboolean
loader_check_version (Loader     *loader,
                      JsonObject *root)
{
  JsonNode *node = json_object_get_member (root, "version");
  g_autofree char *version_string = NULL;
  gint64 version;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      loader_add_problem (loader, "version", _("missing"));
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      loader_add_problem (loader, "version",
                          _("expected an integer, not %s"),
                          describe_node (node));
      return TRUE;
    }

  version = json_node_get_int (node);
  /* Formatted apart: xgettext cannot see through G_GINT64_FORMAT. */
  version_string = g_strdup_printf ("%" G_GINT64_FORMAT, version);

  if (version > FORMAT_VERSION)
    {
      /* Translators: the first %s is the file's format version */
      loader_add_problem (loader, "version",
                          _("%s needs a newer version of Gloss "
                            "(this one reads version %d)"),
                          version_string, FORMAT_VERSION);
      return FALSE;
    }

  if (version < FORMAT_VERSION)
    loader_add_problem (loader, "version",
                        _("%s is not a valid version (expected %d)"),
                        version_string, FORMAT_VERSION);

  return TRUE;
}

static void
loader_read_root (Loader   *loader,
                  JsonNode *root)
{
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      loader_add_problem (loader, NULL,
                          _("expected a JSON object at the top level, not %s"),
                          describe_node (root));
      return;
    }

  object = json_node_get_object (root);

  /* Members not named here are ignored, so that a later Gloss can add some
   * without older ones refusing the file. */
  loader_check_format (loader, object);
  if (!loader_check_version (loader, object))
    return;

  loader_read_labels (loader, object);
  loader_read_relations (loader, object);
}

/* One error listing every problem, one per line, each led by @source. */
static void
set_problems_error (GError    **error,
                    const char *source,
                    GPtrArray  *problems)
{
  g_autoptr(GString) message = g_string_new (NULL);

  for (guint i = 0; i < problems->len; i++)
    {
      if (i > 0)
        g_string_append_c (message, '\n');
      g_string_append_printf (message, "%s: %s",
                              source, (const char *) g_ptr_array_index (problems, i));
    }

  g_set_error_literal (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, message->str);
}

/* The strict reader's message, led by where it is, like every other
 * problem: "SOURCE: line 3, column 7: not valid JSON: …". */
static void
set_parse_error (GError       **error,
                 const char    *source,
                 const GError  *json_error,
                 guint          line,
                 guint          column)
{
  /* The reader's own codes: PARSE, or TOO_LARGE for its limits. */
  GlossError code = json_error->code == GLOSS_ERROR_TOO_LARGE ? GLOSS_ERROR_TOO_LARGE
                                                              : GLOSS_ERROR_PARSE;

  /* Translators: the file, where in it, and what is wrong */
  g_set_error (error, GLOSS_ERROR, code,
               _("%s: line %u, column %u: not valid JSON: %s"),
               source, line, column, json_error->message);
}

static gboolean
is_blank (const char *data,
          gsize       length)
{
  for (gsize i = 0; i < length; i++)
    {
      if (!g_ascii_isspace (data[i]))
        return FALSE;
    }

  return TRUE;
}

/* Checks the bytes before the JSON reader sees them: it would name the
 * line and column of bad UTF-8, where this names the byte, as for an
 * article. */
static gboolean
check_utf8 (const char  *data,
            gsize        length,
            const char  *source,
            GError     **error)
{
  const char *end = NULL;
  guint line = 1;

  if (g_utf8_validate_len (data, length, &end))
    return TRUE;

  for (const char *p = data; p < end; p++)
    {
      if (*p == '\n')
        line++;
    }

  /* A label set is at most 1 MiB, so the offset fits in a guint. */
  g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID_UTF8,
               _("%s: byte %u (line %u): not valid UTF-8"),
               source, (guint) (end - data), line);

  return FALSE;
}

/* A label set is three levels deep; anything past MAX_DEPTH is refused
 * before it is parsed, naming the line. (The reader has the same limit and
 * no recursion: this only words the message.) Brackets inside strings do
 * not count. */
static gboolean
check_depth (const char  *data,
             gsize        length,
             const char  *source,
             GError     **error)
{
  gboolean in_string = FALSE;
  guint depth = 0;
  guint line = 1;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (c == '\n')
        line++;

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        {
          if (++depth > MAX_DEPTH)
            {
              g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_TOO_LARGE,
                           _("%s: line %u: nested more than %u levels deep"),
                           source, line, (guint) MAX_DEPTH);
              return FALSE;
            }
        }
      else if ((c == '}' || c == ']') && depth > 0)
        depth--;
    }

  return TRUE;
}

static GlossLabelSet *
load_from_data (const char  *data,
                gsize        length,
                const char  *source,
                GFile       *file,
                GError     **error)
{
  g_auto(Loader) loader = { 0 };
  g_autoptr(GlossJsonDoc) doc = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) json_error = NULL;
  guint line = 0, column = 0;
  GlossLabelSet *self;

  if (length > MAX_FILE_SIZE)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_TOO_LARGE,
                   _("%s: larger than 1 MiB, the limit for a label set"),
                   source);
      return NULL;
    }

  if (!check_utf8 (data, length, source, error))
    return NULL;

  /* Editors on Windows like to start files with a byte order mark. */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  if (!check_depth (data, length, source, error))
    return NULL;

  if (is_blank (data, length))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_PARSE,
                   _("%s: the file is empty"), source);
      return NULL;
    }

  /* The sidecars' strict reader, not json-glib's parser: a key given twice
   * (a bad merge) is an error there, where json-glib keeps the last one and
   * a whole list of labels silently goes. */
  doc = gloss_json_doc_parse (data, length, MAX_DEPTH, &line, &column, &json_error);
  if (doc == NULL)
    {
      set_parse_error (error, source, json_error, line, column);
      return NULL;
    }

  root = gloss_json_value_to_node (gloss_json_doc_get_root (doc));

  loader_init (&loader);
  loader_read_root (&loader, root);

  if (loader.problems->len > 0)
    {
      set_problems_error (error, source, loader.problems);
      return NULL;
    }

  self = g_object_new (GLOSS_TYPE_LABEL_SET, NULL);
  for (guint i = 0; i < loader.labels->len; i++)
    gloss_label_set_add_label (self, g_object_ref (g_ptr_array_index (loader.labels, i)));

  g_ptr_array_add (loader.relation_types, NULL);
  self->relation_types = (GStrv) g_ptr_array_free (g_steal_pointer (&loader.relation_types), FALSE);
  g_clear_pointer (&self->relation_rules, g_hash_table_unref);
  self->relation_rules = g_steal_pointer (&loader.relation_rules);
  gloss_label_set_complete_speaker_rule (self);
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

  bytes = gloss_file_load_bytes (file, source, MAX_FILE_SIZE, NULL, &local_error);
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
  RelationRule *rule;

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
  GlossLabel *known;

  g_return_val_if_fail (GLOSS_IS_LABEL_SET (self), FALSE);

  entries = gloss_label_set_get_relation_end (self, type, end);
  if (entries == NULL)
    return TRUE;

  known = gloss_label_set_lookup (self, label);
  if (known == NULL)
    return FALSE;

  for (guint i = 0; entries[i] != NULL; i++)
    {
      GlossLabelKind kind;

      if (g_str_has_prefix (entries[i], KIND_PREFIX))
        {
          if (gloss_label_kind_from_string (entries[i] + strlen (KIND_PREFIX), &kind)
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
      if (g_str_has_prefix (entries[i], KIND_PREFIX))
        g_ptr_array_add (names, describe_kind_entry (entries[i] + strlen (KIND_PREFIX)));
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
