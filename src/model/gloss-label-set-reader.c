/* gloss-label-set-reader.c — reading and checking gloss-labels.json
 *
 * The reader walks the whole document and records every problem it finds
 * instead of stopping at the first, so that someone fixing a hand-written
 * file sees everything that is wrong in one go. It reads the values of
 * the sidecars' strict parser (gloss-json-reader.c) directly: a key given
 * twice, a lone surrogate or bytes that are not UTF-8 never get this far.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "gloss-error.h"
#include "gloss-json-reader.h"
#include "gloss-label-set-reader.h"

/* Colours for labels whose file gives none, handed out in turn so that
 * neighbouring labels differ. The GNOME palette, middle shades, as for the
 * built-in set (gloss-label-set.c); blue, the selection's hue, only when
 * seven labels already have a colour of their own. */
static const char * const default_colors[] = {
  "#2ec27e", "#e5a50a", "#e66100", "#c061cb",
  "#986a44", "#e01b24", "#9a9996", "#3584e4",
};

static void
relation_rule_free (gpointer data)
{
  GlossRelationRule *rule = data;

  g_strfreev (rule->ends[GLOSS_RELATION_FROM]);
  g_strfreev (rule->ends[GLOSS_RELATION_TO]);
  g_free (rule);
}

GHashTable *
gloss_relation_rules_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, relation_rule_free);
}

void
gloss_label_set_reader_init (GlossLabelSetReader *reader)
{
  reader->problems = g_ptr_array_new_with_free_func (g_free);
  reader->labels = g_ptr_array_new_with_free_func (g_object_unref);
  reader->label_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  reader->label_keys = g_hash_table_new (NULL, NULL);
  reader->relation_types = g_ptr_array_new_with_free_func (g_free);
  reader->relation_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  reader->relation_rules = gloss_relation_rules_new ();
  reader->relation_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  reader->relation_key_index = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  reader->attributes = g_ptr_array_new_with_free_func (g_object_unref);
  reader->document_fields = g_ptr_array_new_with_free_func (g_object_unref);
}

void
gloss_label_set_reader_clear (GlossLabelSetReader *reader)
{
  g_clear_pointer (&reader->problems, g_ptr_array_unref);
  g_clear_pointer (&reader->labels, g_ptr_array_unref);
  g_clear_pointer (&reader->label_ids, g_hash_table_unref);
  g_clear_pointer (&reader->label_keys, g_hash_table_unref);
  g_clear_pointer (&reader->relation_types, g_ptr_array_unref);
  g_clear_pointer (&reader->relation_index, g_hash_table_unref);
  g_clear_pointer (&reader->relation_rules, g_hash_table_unref);
  g_clear_pointer (&reader->relation_keys, g_hash_table_unref);
  g_clear_pointer (&reader->relation_key_index, g_hash_table_unref);
  g_clear_pointer (&reader->attributes, g_ptr_array_unref);
  g_clear_pointer (&reader->document_fields, g_ptr_array_unref);
}

G_GNUC_PRINTF (3, 4)
static void
reader_add_problem (GlossLabelSetReader *reader,
                    const char          *location,
                    const char          *format,
                    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (location != NULL)
    g_ptr_array_add (reader->problems, g_strdup_printf ("%s: %s", location, message));
  else
    g_ptr_array_add (reader->problems, g_steal_pointer (&message));
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

static gboolean
is_type (const GlossJsonValue *value,
         GlossJsonType         type)
{
  return gloss_json_value_get_type (value) == type;
}

/* Absent, or null, which hand-written files use to mean the same. */
static gboolean
is_absent (const GlossJsonValue *value)
{
  return value == NULL || is_type (value, GLOSS_JSON_NULL);
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
reader_get_string (GlossLabelSetReader  *reader,
                   const GlossJsonValue *object,
                   const char           *parent,
                   const char           *member,
                   gboolean              required)
{
  g_autofree char *location = member_location (parent, member);
  const GlossJsonValue *node = gloss_json_value_lookup (object, member);

  if (is_absent (node))
    {
      if (required)
        reader_add_problem (reader, location, _("missing"));
      return NULL;
    }

  if (!is_type (node, GLOSS_JSON_STRING))
    {
      /* Translators: %s is what the value is instead: "a number",
       * "an object", … */
      reader_add_problem (reader, location,
                          _("expected a string, not %s"),
                          gloss_json_value_describe_type (node));
      return NULL;
    }

  return gloss_json_value_get_string (node);
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
reader_check_id (GlossLabelSetReader *reader,
                 const char          *location,
                 const char          *id)
{
  g_autofree char *quoted = quote_value (id);

  if (strlen (id) > GLOSS_LABEL_SET_MAX_ID)
    {
      reader_add_problem (reader, location,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "%s is longer than %u character",
                                       "%s is longer than %u characters",
                                       GLOSS_LABEL_SET_MAX_ID),
                          quoted, (guint) GLOSS_LABEL_SET_MAX_ID);
      return FALSE;
    }

  if (!is_valid_id (id))
    {
      /* Translators: %s is the id as written in the file, quoted */
      reader_add_problem (reader, location,
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

/* Each reader_read_label_*() reads one member of labels[@index], reports
 * what is wrong with it, and returns NULL (or 0) when it is unusable. */

static const char *
reader_read_label_id (GlossLabelSetReader  *reader,
                      const GlossJsonValue *object,
                      const char           *location,
                      guint                 index)
{
  g_autofree char *id_location = member_location (location, "id");
  g_autofree char *quoted = NULL;
  const char *id;
  gpointer other;

  id = reader_get_string (reader, object, location, "id", TRUE);
  if (id == NULL || !reader_check_id (reader, id_location, id))
    return NULL;

  if (g_hash_table_lookup_extended (reader->label_ids, id, NULL, &other))
    {
      quoted = quote_value (id);
      reader_add_problem (reader, id_location,
                          _("%s is already used by labels[%u]"),
                          quoted, GPOINTER_TO_UINT (other));
      return NULL;
    }

  g_hash_table_insert (reader->label_ids, g_strdup (id), GUINT_TO_POINTER (index));

  return id;
}

static gboolean
reader_read_label_kind (GlossLabelSetReader  *reader,
                        const GlossJsonValue *object,
                        const char           *location,
                        GlossLabelKind       *kind)
{
  g_autofree char *kind_location = NULL;
  g_autofree char *quoted = NULL;
  const char *kind_string;

  kind_string = reader_get_string (reader, object, location, "kind", TRUE);
  if (kind_string == NULL)
    return FALSE;

  if (gloss_label_kind_from_string (kind_string, kind))
    return TRUE;

  kind_location = member_location (location, "kind");
  quoted = quote_value (kind_string);
  reader_add_problem (reader, kind_location,
                      _("%s is not one of \"claim\", \"quote\" or \"entity\""),
                      quoted);

  return FALSE;
}

/* The name may be left out (the id is shown instead), but a name that is
 * there and blank is a mistake worth pointing at. */
static const char *
reader_read_label_name (GlossLabelSetReader  *reader,
                        const GlossJsonValue *object,
                        const char           *location)
{
  g_autofree char *stripped = NULL;
  g_autofree char *name_location = NULL;
  const char *name;

  name = reader_get_string (reader, object, location, "name", FALSE);
  if (name == NULL)
    return NULL;

  stripped = g_strstrip (g_strdup (name));
  if (stripped[0] != '\0')
    return name;

  name_location = member_location (location, "name");
  reader_add_problem (reader, name_location, _("must not be empty"));

  return NULL;
}

static char *
reader_read_label_color (GlossLabelSetReader  *reader,
                         const GlossJsonValue *object,
                         const char           *location,
                         guint                 index)
{
  g_autofree char *color_location = NULL;
  g_autofree char *quoted = NULL;
  const char *color_string;
  char *color;

  color_string = reader_get_string (reader, object, location, "color", FALSE);
  if (color_string == NULL)
    return g_strdup (default_colors[index % G_N_ELEMENTS (default_colors)]);

  color = parse_color (color_string);
  if (color != NULL)
    return color;

  color_location = member_location (location, "color");
  quoted = quote_value (color_string);
  reader_add_problem (reader, color_location,
                      _("%s is not a #rrggbb colour"), quoted);

  return NULL;
}

static gunichar
reader_read_label_key (GlossLabelSetReader  *reader,
                       const GlossJsonValue *object,
                       const char           *location,
                       guint                 index)
{
  g_autofree char *key_location = NULL;
  g_autofree char *quoted = NULL;
  const char *key;
  gunichar shortcut;
  gpointer other;

  key = reader_get_string (reader, object, location, "key", FALSE);
  if (key == NULL)
    return 0;

  key_location = member_location (location, "key");
  quoted = quote_value (key);

  shortcut = parse_key (key);
  if (shortcut == 0)
    {
      reader_add_problem (reader, key_location,
                          _("%s is not a single printable character"),
                          quoted);
      return 0;
    }

  if (g_hash_table_lookup_extended (reader->label_keys,
                                    GUINT_TO_POINTER (shortcut),
                                    NULL, &other))
    {
      reader_add_problem (reader, key_location,
                          _("%s is already the key of labels[%u]"),
                          quoted, GPOINTER_TO_UINT (other));
      return 0;
    }

  g_hash_table_insert (reader->label_keys,
                       GUINT_TO_POINTER (shortcut),
                       GUINT_TO_POINTER (index));

  return shortcut;
}

/* A "key" member other than a label's: one printable character, unique
 * among those in @taken (key → location of its owner, owned). */
static gunichar
reader_read_key (GlossLabelSetReader  *reader,
                 const GlossJsonValue *object,
                 const char           *location,
                 GHashTable           *taken)
{
  g_autofree char *key_location = NULL;
  g_autofree char *quoted = NULL;
  const char *other;
  const char *key;
  gunichar shortcut;

  key = reader_get_string (reader, object, location, "key", FALSE);
  if (key == NULL)
    return 0;

  key_location = member_location (location, "key");
  quoted = quote_value (key);

  shortcut = parse_key (key);
  if (shortcut == 0)
    {
      reader_add_problem (reader, key_location,
                          _("%s is not a single printable character"),
                          quoted);
      return 0;
    }

  other = g_hash_table_lookup (taken, GUINT_TO_POINTER (shortcut));
  if (other != NULL)
    {
      /* Translators: a key, quoted, and where in the file it is already
       * given: "relations[0]" (not to be translated) */
      reader_add_problem (reader, key_location,
                          _("%s is already the key of %s"),
                          quoted, other);
      return 0;
    }

  g_hash_table_insert (taken, GUINT_TO_POINTER (shortcut), g_strdup (location));

  return shortcut;
}

static void
reader_read_label (GlossLabelSetReader  *reader,
                   guint                 index,
                   const GlossJsonValue *object)
{
  g_autofree char *location = g_strdup_printf ("labels[%u]", index);
  g_autofree char *color = NULL;
  GlossLabelKind kind = GLOSS_LABEL_KIND_ENTITY;
  const char *id;
  const char *name;
  gunichar shortcut;

  if (!is_type (object, GLOSS_JSON_OBJECT))
    {
      reader_add_problem (reader, location,
                          _("expected an object, not %s"),
                          gloss_json_value_describe_type (object));
      return;
    }

  /* Every member is read even after a problem, to report them all. */
  id = reader_read_label_id (reader, object, location, index);
  reader_read_label_kind (reader, object, location, &kind);
  name = reader_read_label_name (reader, object, location);
  color = reader_read_label_color (reader, object, location, index);
  shortcut = reader_read_label_key (reader, object, location, index);

  /* Any problem anywhere means the set is thrown away, so labels are only
   * worth building while there is none; and with none, every member above
   * was usable (an absent name is NULL on purpose: the id stands in). */
  if (reader->problems->len == 0)
    g_ptr_array_add (reader->labels,
                     gloss_label_new (id, kind, name != NULL ? name : gloss_label_builtin_name (id, kind),
                                      color, shortcut));
}

static void
reader_read_labels (GlossLabelSetReader  *reader,
                    const GlossJsonValue *root)
{
  const GlossJsonValue *node = gloss_json_value_lookup (root, "labels");
  guint n_labels;

  if (is_absent (node))
    {
      reader_add_problem (reader, "labels", _("missing"));
      return;
    }

  if (!is_type (node, GLOSS_JSON_ARRAY))
    {
      reader_add_problem (reader, "labels",
                          _("expected an array, not %s"),
                          gloss_json_value_describe_type (node));
      return;
    }

  n_labels = gloss_json_value_get_length (node);

  if (n_labels == 0)
    {
      reader_add_problem (reader, "labels", _("at least one label is required"));
      return;
    }

  for (guint i = 0; i < n_labels; i++)
    reader_read_label (reader, i, gloss_json_value_get_element (node, i));
}

/* One entry of a relation rule: a label of this set, or "kind:" and a
 * kind. Labels are read before relations, so @label_ids is complete. */
static gboolean
reader_check_relation_entry (GlossLabelSetReader *reader,
                             const char          *location,
                             const char          *entry)
{
  g_autofree char *quoted = quote_value (entry);
  GlossLabelKind kind;

  if (g_str_has_prefix (entry, GLOSS_LABEL_SET_KIND_PREFIX))
    {
      if (gloss_label_kind_from_string (entry + strlen (GLOSS_LABEL_SET_KIND_PREFIX), &kind))
        return TRUE;

      reader_add_problem (reader, location,
                          _("%s is not a kind (use \"kind:claim\", \"kind:quote\" or \"kind:entity\")"),
                          quoted);
      return FALSE;
    }

  if (g_hash_table_contains (reader->label_ids, entry))
    return TRUE;

  /* "entity" for "kind:entity" is the likely slip: say how to write it. */
  if (gloss_label_kind_from_string (entry, &kind))
    /* Translators: the first %s is a value from the file, quoted; the
     * second a kind ("claim", "quote" or "entity"), not to be translated */
    reader_add_problem (reader, location,
                        _("%s is not a label of this set (for every label of that kind, write \"kind:%s\")"),
                        quoted, entry);
  else
    reader_add_problem (reader, location, _("%s is not a label of this set"), quoted);

  return FALSE;
}

/* relations[i].from or .to: which labels that end may be. Absent or null,
 * any label; otherwise a non-empty array of label ids and "kind:…". */
static GStrv
reader_read_relation_end (GlossLabelSetReader  *reader,
                          const GlossJsonValue *object,
                          const char           *location,
                          const char           *member)
{
  g_autofree char *end_location = member_location (location, member);
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GStrvBuilder) entries = NULL;
  const GlossJsonValue *node = gloss_json_value_lookup (object, member);
  guint n;

  if (is_absent (node))
    return NULL;

  if (!is_type (node, GLOSS_JSON_ARRAY))
    {
      reader_add_problem (reader, end_location,
                          _("expected an array, not %s"),
                          gloss_json_value_describe_type (node));
      return NULL;
    }

  n = gloss_json_value_get_length (node);

  /* An empty list would forbid the type altogether: surely a mistake. */
  if (n == 0)
    {
      reader_add_problem (reader, end_location, _("must list at least one label or kind"));
      return NULL;
    }

  seen = g_hash_table_new (g_str_hash, g_str_equal);
  entries = g_strv_builder_new ();

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *item_location = g_strdup_printf ("%s[%u]", end_location, i);
      const GlossJsonValue *item = gloss_json_value_get_element (node, i);
      const char *entry;
      gpointer other;

      if (!is_type (item, GLOSS_JSON_STRING))
        {
          reader_add_problem (reader, item_location,
                              _("expected a string, not %s"),
                              gloss_json_value_describe_type (item));
          continue;
        }

      entry = gloss_json_value_get_string (item);
      if (!reader_check_relation_entry (reader, item_location, entry))
        continue;

      if (g_hash_table_lookup_extended (seen, entry, NULL, &other))
        {
          g_autofree char *quoted = quote_value (entry);

          reader_add_problem (reader, item_location,
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
reader_read_relation (GlossLabelSetReader  *reader,
                      guint                 index,
                      const GlossJsonValue *object)
{
  g_autofree char *location = g_strdup_printf ("relations[%u]", index);
  g_autofree char *type_location = NULL;
  g_auto(GStrv) from = NULL;
  g_auto(GStrv) to = NULL;
  const char *type;
  gunichar key;
  gpointer other;

  if (!is_type (object, GLOSS_JSON_OBJECT))
    {
      reader_add_problem (reader, location,
                          _("expected an object, not %s"),
                          gloss_json_value_describe_type (object));
      return;
    }

  type = reader_get_string (reader, object, location, "type", TRUE);
  /* Read even without a usable type, to report every problem. */
  from = reader_read_relation_end (reader, object, location, "from");
  to = reader_read_relation_end (reader, object, location, "to");
  key = reader_read_key (reader, object, location, reader->relation_key_index);
  if (type == NULL)
    return;

  type_location = member_location (location, "type");
  if (!reader_check_id (reader, type_location, type))
    return;

  if (g_hash_table_lookup_extended (reader->relation_index, type, NULL, &other))
    {
      g_autofree char *quoted = quote_value (type);

      reader_add_problem (reader, type_location,
                          _("%s is already listed at relations[%u]"),
                          quoted, GPOINTER_TO_UINT (other));
      return;
    }

  g_hash_table_insert (reader->relation_index, g_strdup (type), GUINT_TO_POINTER (index));
  if (key != 0)
    g_hash_table_insert (reader->relation_keys, g_strdup (type), GUINT_TO_POINTER (key));

  if (from != NULL || to != NULL)
    {
      GlossRelationRule *rule = g_new0 (GlossRelationRule, 1);

      rule->ends[GLOSS_RELATION_FROM] = g_steal_pointer (&from);
      rule->ends[GLOSS_RELATION_TO] = g_steal_pointer (&to);
      g_hash_table_insert (reader->relation_rules, g_strdup (type), rule);
    }

  /* "speaker" is always first, whether listed or not. */
  if (!g_str_equal (type, GLOSS_LABEL_SET_SPEAKER))
    g_ptr_array_add (reader->relation_types, g_strdup (type));
}

static void
reader_read_relations (GlossLabelSetReader  *reader,
                       const GlossJsonValue *root)
{
  const GlossJsonValue *node = gloss_json_value_lookup (root, "relations");

  g_ptr_array_add (reader->relation_types, g_strdup (GLOSS_LABEL_SET_SPEAKER));

  /* Optional: a set that only adds labels needs no "relations". */
  if (is_absent (node))
    return;

  if (!is_type (node, GLOSS_JSON_ARRAY))
    {
      reader_add_problem (reader, "relations",
                          _("expected an array, not %s"),
                          gloss_json_value_describe_type (node));
      return;
    }

  for (guint i = 0; i < gloss_json_value_get_length (node); i++)
    reader_read_relation (reader, i, gloss_json_value_get_element (node, i));
}

/* Attributes and fields of the article ("attributes", "document_labels")
 *
 * Both are read by the same code: a field of the article is an attribute
 * without "applies_to". Ids and keys are unique within each list. */

typedef struct
{
  GHashTable *ids;              /* id → location of the entry that has it */
  GHashTable *keys;             /* key → location of the entry that has it */
  gboolean    with_applies_to;
} FieldList;

static char *
format_number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.15g", value));
}

/* An optional boolean member; FALSE (and a problem) if it is not one. */
static gboolean
reader_get_boolean (GlossLabelSetReader  *reader,
                    const GlossJsonValue *object,
                    const char           *parent,
                    const char           *member,
                    gboolean             *value)
{
  const GlossJsonValue *node = gloss_json_value_lookup (object, member);
  g_autofree char *location = NULL;

  if (is_absent (node))
    return TRUE;

  if (!is_type (node, GLOSS_JSON_BOOLEAN))
    {
      location = member_location (parent, member);
      /* Translators: %s is what the value is instead: "a string", … */
      reader_add_problem (reader, location,
                          _("expected true or false, not %s"),
                          gloss_json_value_describe_type (node));
      return FALSE;
    }

  *value = gloss_json_value_get_boolean (node);
  return TRUE;
}

/* An optional number member; FALSE when absent or not a number. */
static gboolean
reader_get_number (GlossLabelSetReader  *reader,
                   const GlossJsonValue *object,
                   const char           *parent,
                   const char           *member,
                   double               *value)
{
  const GlossJsonValue *node = gloss_json_value_lookup (object, member);
  g_autofree char *location = NULL;

  if (is_absent (node))
    return FALSE;

  if (!is_type (node, GLOSS_JSON_INTEGER) && !is_type (node, GLOSS_JSON_DOUBLE))
    {
      location = member_location (parent, member);
      reader_add_problem (reader, location,
                          _("expected a number, not %s"),
                          gloss_json_value_describe_type (node));
      return FALSE;
    }

  *value = gloss_json_value_get_double (node);
  return TRUE;
}

static const char *
reader_read_field_id (GlossLabelSetReader  *reader,
                      FieldList            *list,
                      const GlossJsonValue *object,
                      const char           *location)
{
  g_autofree char *id_location = member_location (location, "id");
  const char *other;
  const char *id;

  id = reader_get_string (reader, object, location, "id", TRUE);
  if (id == NULL || !reader_check_id (reader, id_location, id))
    return NULL;

  other = g_hash_table_lookup (list->ids, id);
  if (other != NULL)
    {
      g_autofree char *quoted = quote_value (id);

      /* Translators: an id, quoted, and where in the file it is already
       * used: "attributes[0]" (not to be translated) */
      reader_add_problem (reader, id_location,
                          _("%s is already used by %s"), quoted, other);
      return NULL;
    }

  g_hash_table_insert (list->ids, g_strdup (id), g_strdup (location));

  return id;
}

static gboolean
reader_read_field_type (GlossLabelSetReader  *reader,
                        const GlossJsonValue *object,
                        const char           *location,
                        GlossAttributeType   *type)
{
  g_autofree char *type_location = NULL;
  g_autofree char *quoted = NULL;
  const char *type_string;

  type_string = reader_get_string (reader, object, location, "type", TRUE);
  if (type_string == NULL)
    return FALSE;

  if (gloss_attribute_type_from_string (type_string, type))
    return TRUE;

  type_location = member_location (location, "type");
  quoted = quote_value (type_string);
  reader_add_problem (reader, type_location,
                      _("%s is not one of \"choice\", \"boolean\", \"text\" or \"number\""),
                      quoted);

  return FALSE;
}

/* "values" on a boolean, "pattern" on a number…: a mistake rather than an
 * unknown member, since this version knows what they mean. */
static void
reader_check_type_member (GlossLabelSetReader  *reader,
                          const GlossJsonValue *object,
                          const char           *location,
                          const char           *member,
                          gboolean              has_type,
                          GlossAttributeType    type,
                          GlossAttributeType    needed)
{
  g_autofree char *member_loc = NULL;

  if (!has_type || type == needed || is_absent (gloss_json_value_lookup (object, member)))
    return;

  member_loc = member_location (location, member);
  /* Translators: %s is a type as written in the file ("choice", "text",
   * "number"), not to be translated */
  reader_add_problem (reader, member_loc,
                      _("only allowed when \"type\" is \"%s\""),
                      gloss_attribute_type_to_string (needed));
}

static GVariant *
reader_read_choices (GlossLabelSetReader  *reader,
                     const GlossJsonValue *object,
                     const char           *location)
{
  g_autofree char *values_location = member_location (location, "values");
  const GlossJsonValue *node = gloss_json_value_lookup (object, "values");
  g_autoptr(GHashTable) ids = NULL;
  g_autoptr(GHashTable) keys = NULL;
  GVariantBuilder builder;
  guint n_problems = reader->problems->len;
  guint n;

  if (is_absent (node))
    {
      reader_add_problem (reader, values_location, _("missing"));
      return NULL;
    }

  if (!is_type (node, GLOSS_JSON_ARRAY))
    {
      reader_add_problem (reader, values_location,
                          _("expected an array, not %s"),
                          gloss_json_value_describe_type (node));
      return NULL;
    }

  n = gloss_json_value_get_length (node);
  if (n == 0)
    {
      reader_add_problem (reader, values_location, _("must list at least one value"));
      return NULL;
    }

  ids = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  keys = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(ssu)"));

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *item_location = g_strdup_printf ("%s[%u]", values_location, i);
      g_autofree char *id_location = member_location (item_location, "id");
      const GlossJsonValue *item = gloss_json_value_get_element (node, i);
      const char *id;
      const char *name;
      const char *other;
      gunichar key;

      if (!is_type (item, GLOSS_JSON_OBJECT))
        {
          reader_add_problem (reader, item_location,
                              _("expected an object, not %s"),
                              gloss_json_value_describe_type (item));
          continue;
        }

      id = reader_get_string (reader, item, item_location, "id", TRUE);
      if (id != NULL && reader_check_id (reader, id_location, id))
        {
          other = g_hash_table_lookup (ids, id);
          if (other != NULL)
            {
              g_autofree char *quoted = quote_value (id);

              reader_add_problem (reader, id_location,
                                  _("%s is already used by %s"), quoted, other);
            }
          else
            g_hash_table_insert (ids, (gpointer) id, g_strdup (item_location));
        }

      name = reader_read_label_name (reader, item, item_location);
      key = reader_read_key (reader, item, item_location, keys);

      if (reader->problems->len == n_problems)
        g_variant_builder_add (&builder, "(ssu)", id, name != NULL ? name : "", (guint32) key);
    }

  if (reader->problems->len != n_problems)
    {
      g_variant_builder_clear (&builder);
      return NULL;
    }

  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

/* GLib words it "Error while compiling regular expression ‘P’ at char 5:
 * missing …", repeating the pattern the message has already quoted: only
 * what follows the pattern is kept, when the pattern can be found in it. */
static const char *
regex_reason (const char *message,
              const char *pattern)
{
  const char *found = pattern[0] != '\0' ? strstr (message, pattern) : NULL;
  const char *reason;

  if (found == NULL)
    return message;

  reason = found + strlen (pattern);
  if (*reason == '\0')
    return message;

  /* The closing quotation mark, then a space. */
  reason = g_utf8_next_char (reason);
  while (*reason == ' ')
    reason++;

  return *reason != '\0' ? reason : message;
}

/* A text's "pattern": it must compile, as GRegex (PCRE) reads it. */
static char *
reader_read_pattern (GlossLabelSetReader  *reader,
                     const GlossJsonValue *object,
                     const char           *location)
{
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GError) regex_error = NULL;
  g_autofree char *pattern_location = NULL;
  g_autofree char *quoted = NULL;
  const char *pattern;

  pattern = reader_get_string (reader, object, location, "pattern", FALSE);
  if (pattern == NULL)
    return NULL;

  regex = g_regex_new (pattern, 0, 0, &regex_error);
  if (regex != NULL)
    return g_strdup (pattern);

  pattern_location = member_location (location, "pattern");
  quoted = quote_value (pattern);
  /* Translators: the pattern, quoted, and GLib's reason, e.g. "at char 5:
   * missing terminating ] for character class" */
  reader_add_problem (reader, pattern_location,
                      _("%s is not a valid regular expression (%s)"),
                      quoted, regex_reason (regex_error->message, pattern));

  return NULL;
}

static void
reader_read_bounds (GlossLabelSetReader  *reader,
                    const GlossJsonValue *object,
                    const char           *location,
                    double               *minimum,
                    double               *maximum)
{
  gboolean has_min = reader_get_number (reader, object, location, "min", minimum);
  gboolean has_max = reader_get_number (reader, object, location, "max", maximum);

  if (has_min && has_max && *minimum > *maximum)
    {
      g_autofree char *max_location = member_location (location, "max");
      g_autofree char *min_string = format_number (*minimum);
      g_autofree char *max_string = format_number (*maximum);

      /* Translators: the "max" of a number, then its "min" */
      reader_add_problem (reader, max_location,
                          _("%s is less than \"min\" (%s)"),
                          max_string, min_string);
    }
}

static GStrv
reader_read_applies_to (GlossLabelSetReader  *reader,
                        const GlossJsonValue *object,
                        const char           *location)
{
  if (is_absent (gloss_json_value_lookup (object, "applies_to")))
    {
      g_autofree char *applies_location = member_location (location, "applies_to");

      reader_add_problem (reader, applies_location, _("missing"));
      return NULL;
    }

  /* The same entries as a relation's ends: label ids and "kind:…". */
  return reader_read_relation_end (reader, object, location, "applies_to");
}

/* The default is judged by the attribute's own rules, once the rest of
 * the attribute is known to be sound. */
static gboolean
reader_check_default (GlossLabelSetReader   *reader,
                      GlossAttribute        *attribute,
                      const GlossJsonValue  *node,
                      const char            *location,
                      GVariant             **value)
{
  g_autofree char *default_location = member_location (location, "default");
  g_autoptr(GError) value_error = NULL;

  *value = gloss_attribute_value_from_json (node, &value_error);
  if (*value != NULL && gloss_attribute_check_value (attribute, *value, &value_error))
    return TRUE;

  g_clear_pointer (value, g_variant_unref);
  reader_add_problem (reader, default_location, "%s", value_error->message);

  return FALSE;
}

static void
reader_read_field (GlossLabelSetReader  *reader,
                   FieldList            *list,
                   const char           *list_name,
                   guint                 index,
                   const GlossJsonValue *object,
                   GPtrArray            *fields)
{
  g_autofree char *location = g_strdup_printf ("%s[%u]", list_name, index);
  g_autoptr(GVariant) choices = NULL;
  g_autoptr(GVariant) default_value = NULL;
  g_autoptr(GlossAttribute) attribute = NULL;
  g_autofree char *pattern = NULL;
  g_auto(GStrv) applies_to = NULL;
  GlossAttributeType type = GLOSS_ATTRIBUTE_TEXT;
  const GlossJsonValue *default_node;
  guint n_problems = reader->problems->len;
  double minimum = -INFINITY, maximum = INFINITY;
  gboolean required = FALSE, multiple = FALSE;
  gboolean has_type;
  const char *id;
  const char *name;
  gunichar key;

  if (!is_type (object, GLOSS_JSON_OBJECT))
    {
      reader_add_problem (reader, location,
                          _("expected an object, not %s"),
                          gloss_json_value_describe_type (object));
      return;
    }

  /* Every member is read even after a problem, to report them all. */
  id = reader_read_field_id (reader, list, object, location);
  name = reader_read_label_name (reader, object, location);
  has_type = reader_read_field_type (reader, object, location, &type);
  if (list->with_applies_to)
    applies_to = reader_read_applies_to (reader, object, location);
  reader_get_boolean (reader, object, location, "required", &required);
  reader_get_boolean (reader, object, location, "multiple", &multiple);

  reader_check_type_member (reader, object, location, "values", has_type, type, GLOSS_ATTRIBUTE_CHOICE);
  reader_check_type_member (reader, object, location, "multiple", has_type, type, GLOSS_ATTRIBUTE_CHOICE);
  reader_check_type_member (reader, object, location, "pattern", has_type, type, GLOSS_ATTRIBUTE_TEXT);
  reader_check_type_member (reader, object, location, "min", has_type, type, GLOSS_ATTRIBUTE_NUMBER);
  reader_check_type_member (reader, object, location, "max", has_type, type, GLOSS_ATTRIBUTE_NUMBER);

  if (has_type && type == GLOSS_ATTRIBUTE_CHOICE)
    choices = reader_read_choices (reader, object, location);
  else if (has_type && type == GLOSS_ATTRIBUTE_TEXT)
    pattern = reader_read_pattern (reader, object, location);
  else if (has_type && type == GLOSS_ATTRIBUTE_NUMBER)
    reader_read_bounds (reader, object, location, &minimum, &maximum);

  key = reader_read_key (reader, object, location, list->keys);

  if (reader->problems->len != n_problems)
    return;

  attribute = g_object_new (GLOSS_TYPE_ATTRIBUTE,
                            "id", id,
                            "name", name,
                            "value-type", type,
                            "applies-to", applies_to,
                            "required", required,
                            "multiple", multiple,
                            "shortcut", (guint) key,
                            "pattern", pattern,
                            "minimum", minimum,
                            "maximum", maximum,
                            "choices", choices,
                            NULL);

  default_node = gloss_json_value_lookup (object, "default");
  if (!is_absent (default_node))
    {
      if (!reader_check_default (reader, attribute, default_node, location, &default_value))
        return;

      /* Attributes are immutable: made again, with the default. */
      g_clear_object (&attribute);
      attribute = g_object_new (GLOSS_TYPE_ATTRIBUTE,
                                "id", id,
                                "name", name,
                                "value-type", type,
                                "applies-to", applies_to,
                                "required", required,
                                "multiple", multiple,
                                "shortcut", (guint) key,
                                "pattern", pattern,
                                "minimum", minimum,
                                "maximum", maximum,
                                "choices", choices,
                                "default-value", default_value,
                                NULL);
    }

  g_ptr_array_add (fields, g_steal_pointer (&attribute));
}

/* "attributes" (@with_applies_to) or "document_labels": both optional. */
static void
reader_read_fields (GlossLabelSetReader  *reader,
                    const GlossJsonValue *root,
                    const char           *list_name,
                    gboolean              with_applies_to,
                    GPtrArray            *fields)
{
  const GlossJsonValue *node = gloss_json_value_lookup (root, list_name);
  FieldList list = { NULL, NULL, with_applies_to };

  if (is_absent (node))
    return;

  if (!is_type (node, GLOSS_JSON_ARRAY))
    {
      reader_add_problem (reader, list_name,
                          _("expected an array, not %s"),
                          gloss_json_value_describe_type (node));
      return;
    }

  list.ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  list.keys = g_hash_table_new_full (NULL, NULL, NULL, g_free);

  for (guint i = 0; i < gloss_json_value_get_length (node); i++)
    reader_read_field (reader, &list, list_name, i,
                       gloss_json_value_get_element (node, i), fields);

  g_hash_table_unref (list.ids);
  g_hash_table_unref (list.keys);
}

static void
reader_check_format (GlossLabelSetReader  *reader,
                     const GlossJsonValue *root)
{
  const GlossJsonValue *node = gloss_json_value_lookup (root, "format");

  if (is_absent (node))
    reader_add_problem (reader, "format",
                        _("missing (expected \"%s\")"), GLOSS_LABEL_SET_FORMAT);
  else if (!is_type (node, GLOSS_JSON_STRING))
    reader_add_problem (reader, "format",
                        _("expected \"%s\", not %s"),
                        GLOSS_LABEL_SET_FORMAT, gloss_json_value_describe_type (node));
  else if (!g_str_equal (gloss_json_value_get_string (node), GLOSS_LABEL_SET_FORMAT))
    {
      g_autofree char *quoted = quote_value (gloss_json_value_get_string (node));

      reader_add_problem (reader, "format",
                          _("expected \"%s\", not %s"),
                          GLOSS_LABEL_SET_FORMAT, quoted);
    }
}

/* Returns FALSE when the rest of the file cannot be judged: a newer version
 * may be laid out differently, and listing what this version would make of
 * it only hides the one problem that matters. */
static gboolean
reader_check_version (GlossLabelSetReader  *reader,
                      const GlossJsonValue *root)
{
  const GlossJsonValue *node = gloss_json_value_lookup (root, "version");
  g_autofree char *version_string = NULL;
  gint64 version;

  if (is_absent (node))
    {
      reader_add_problem (reader, "version", _("missing"));
      return TRUE;
    }

  if (!is_type (node, GLOSS_JSON_INTEGER))
    {
      reader_add_problem (reader, "version",
                          _("expected an integer, not %s"),
                          gloss_json_value_describe_type (node));
      return TRUE;
    }

  version = gloss_json_value_get_int (node);
  /* Formatted apart: xgettext cannot see through G_GINT64_FORMAT. */
  version_string = g_strdup_printf ("%" G_GINT64_FORMAT, version);

  if (version > GLOSS_LABEL_SET_VERSION)
    {
      /* Translators: the first %s is the file's format version */
      reader_add_problem (reader, "version",
                          _("%s needs a newer version of Gloss "
                            "(this one reads version %d)"),
                          version_string, GLOSS_LABEL_SET_VERSION);
      return FALSE;
    }

  if (version < GLOSS_LABEL_SET_VERSION)
    reader_add_problem (reader, "version",
                        _("%s is not a valid version (expected %d)"),
                        version_string, GLOSS_LABEL_SET_VERSION);

  return TRUE;
}

static void
reader_read_root (GlossLabelSetReader  *reader,
                  const GlossJsonValue *root)
{
  if (!is_type (root, GLOSS_JSON_OBJECT))
    {
      reader_add_problem (reader, NULL,
                          _("expected a JSON object at the top level, not %s"),
                          gloss_json_value_describe_type (root));
      return;
    }

  /* Members not named here are ignored, so that a later Gloss can add some
   * without older ones refusing the file. */
  reader_check_format (reader, root);
  if (!reader_check_version (reader, root))
    return;

  reader_read_labels (reader, root);
  reader_read_relations (reader, root);
  reader_read_fields (reader, root, "attributes", TRUE, reader->attributes);
  reader_read_fields (reader, root, "document_labels", FALSE, reader->document_fields);
}

/* One error listing every problem, one per line, each led by @source. */
static void
set_problems_error (GError     **error,
                    const char  *source,
                    GPtrArray   *problems)
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

/* A label set is three levels deep; anything past GLOSS_LABEL_SET_MAX_DEPTH
 * is refused before it is parsed, naming the line. (The parser has the same
 * limit and no recursion: this only words the message.) Brackets inside
 * strings do not count. */
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
          if (++depth > GLOSS_LABEL_SET_MAX_DEPTH)
            {
              g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_TOO_LARGE,
                           g_dngettext (GETTEXT_PACKAGE,
                                        "%s: line %u: nested more than %u level deep",
                                        "%s: line %u: nested more than %u levels deep",
                                        GLOSS_LABEL_SET_MAX_DEPTH),
                           source, line, (guint) GLOSS_LABEL_SET_MAX_DEPTH);
              return FALSE;
            }
        }
      else if ((c == '}' || c == ']') && depth > 0)
        depth--;
    }

  return TRUE;
}

/**
 * gloss_label_set_reader_read:
 * @reader: a reader set up with gloss_label_set_reader_init()
 * @data: the contents of a gloss-labels.json (no NUL terminator needed)
 * @length: the length of @data in bytes
 * @source: how to name @data in messages
 * @error: return location for a #GError
 *
 * The bytes are checked for size, UTF-8 and depth first, so that those
 * problems are worded as for an article ("byte 5 (line 1)"); then they are
 * parsed strictly and every member is checked. On success @reader holds
 * the labels, the relation types and the rules.
 *
 * Returns: %TRUE if the file is a usable label set
 */
gboolean
gloss_label_set_reader_read (GlossLabelSetReader  *reader,
                             const char           *data,
                             gsize                 length,
                             const char           *source,
                             GError              **error)
{
  g_autoptr(GlossJsonDoc) doc = NULL;
  g_autoptr(GError) json_error = NULL;
  guint line = 0, column = 0;

  g_return_val_if_fail (reader->problems != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (source != NULL, FALSE);

  if (length > GLOSS_LABEL_SET_MAX_BYTES)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_TOO_LARGE,
                   _("%s: larger than 1 MiB, the limit for a label set"),
                   source);
      return FALSE;
    }

  if (data == NULL)
    data = "";

  if (!check_utf8 (data, length, source, error))
    return FALSE;

  /* Editors on Windows like to start files with a byte order mark. The
   * parser would skip it too, but the checks below must not see it. */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  if (!check_depth (data, length, source, error))
    return FALSE;

  if (is_blank (data, length))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_PARSE,
                   _("%s: the file is empty"), source);
      return FALSE;
    }

  /* The sidecars' strict parser: a key given twice (a bad merge) is an
   * error there, where json-glib keeps the last one and a whole list of
   * labels silently goes. */
  doc = gloss_json_doc_parse (data, length, GLOSS_LABEL_SET_MAX_DEPTH, &line, &column, &json_error);
  if (doc == NULL)
    {
      set_parse_error (error, source, json_error, line, column);
      return FALSE;
    }

  reader_read_root (reader, gloss_json_doc_get_root (doc));

  if (reader->problems->len > 0)
    {
      set_problems_error (error, source, reader->problems);
      return FALSE;
    }

  return TRUE;
}
