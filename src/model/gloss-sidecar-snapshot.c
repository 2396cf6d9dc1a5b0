/* gloss-sidecar-snapshot.c — what a save writes, taken on the main thread
 * and written out in another
 *
 * An autosave used to build the whole file as a JsonNode tree and print it
 * on the main thread: 130–150 ms at 10,000 annotations, over a second at
 * 100,000, and the tree doubled the memory in use while it lived. The
 * model is not thread-safe (annotations are GObjects edited on the main
 * thread), so the main thread still has to take what is written, but that
 * can be cheap: an annotation keeps its values in an immutable block that
 * it copies before changing when somebody else holds it, so its values are
 * one reference. The text is then printed straight into one GString in the
 * saving thread, with no tree at all.
 *
 * The output must stay byte for byte what gloss_json_to_string() makes of
 * the tree (docs/sidecar.md: Python's json.dumps(indent=2,
 * ensure_ascii=False)): tests/test-sidecar.c holds this writer to the tree
 * serialiser (gloss_sidecar_serialize_tree) on the sample and on every
 * corner of the format, tests/bench/test-save-corpora.c on the benchmarks'
 * generated corpora, and bench-save at each run. What is rare and
 * free-form — the top level, unknown keys — is rendered on the main thread
 * by the tree writer itself, so it cannot drift.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gloss-annotation-private.h"
#include "gloss-attribute.h"
#include "gloss-json-writer.h"
#include "gloss-sidecar-snapshot-private.h"

typedef enum
{
  PART_ANNOTATIONS,
  PART_RELATIONS,
  PART_END,
} PartKind;

/* Text of the top level, then what follows it. */
typedef struct
{
  char     *text;
  PartKind  kind;
} Part;

typedef struct
{
  GlossAnnotationValues *values;
  /* Unknown keys, rendered: ",\n      \"key\": value" each. */
  char                 *extra;
  /* The whole object, rendered, when an unknown key has a known name. */
  char                 *whole;
} SnapshotAnnotation;

typedef struct
{
  char *id;
  char *type;
  char *from;
  char *to;
  char *extra;
  char *whole;
} SnapshotRelation;

struct _GlossSidecarSnapshot
{
  GArray   *parts;        /* Part */
  GArray   *annotations;  /* SnapshotAnnotation */
  GArray   *relations;    /* SnapshotRelation */
  /* Orphans were added after the placed annotations: sort in the writer. */
  gboolean  sort;
};

/* Indents of the members of an annotation or relation, and of the objects
 * themselves, in the array that is a member of the top level. */
#define ITEM_INDENT   4
#define MEMBER_INDENT 6

/* How many annotations ahead to fetch the values of (see below). */
#define PREFETCH_AHEAD 16

static const char * const annotation_keys[] = {
  "id", "label", "start", "end", "exact", "prefix", "suffix", "note",
  "created", "modified", "orphaned", "attributes", NULL
};

static const char * const relation_keys[] = {
  "id", "type", "from", "to", NULL
};

/* The tree's pieces
 * ------------------------------------------------------------------------ */

/* In their original order: json_object_get_members() keeps insertion order,
 * while JsonObjectIter in json-glib 1.6 walks the hash table. */
void
gloss_sidecar_add_extra_members (JsonObject *object,
                                 JsonObject *extra)
{
  g_autoptr(GList) members = NULL;

  if (extra == NULL)
    return;

  members = json_object_get_members (extra);
  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (object, l->data,
                            json_node_copy (json_object_get_member (extra, l->data)));
}

JsonNode *
gloss_sidecar_attributes_to_node (GVariant *attributes)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  GVariantIter iter;
  const char *key;
  GVariant *value;

  /* Already in byte order of the ids (gloss_attribute_map_set()). */
  g_variant_iter_init (&iter, attributes);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      JsonNode *member = gloss_attribute_value_to_json (value);

      /* Only storable values get in (gloss_annotation_set_attribute()). */
      if (member != NULL)
        json_object_set_member (object, key, member);
      g_variant_unref (value);
    }

  json_node_take_object (node, object);
  return node;
}

JsonNode *
gloss_sidecar_annotation_to_node (GlossAnnotation *annotation)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (object, "id", gloss_annotation_get_id (annotation));
  json_object_set_string_member (object, "label", gloss_annotation_get_label (annotation));
  json_object_set_int_member (object, "start", gloss_annotation_get_start (annotation));
  json_object_set_int_member (object, "end", gloss_annotation_get_end (annotation));
  json_object_set_string_member (object, "exact", gloss_annotation_get_exact (annotation));
  json_object_set_string_member (object, "prefix", gloss_annotation_get_prefix (annotation));
  json_object_set_string_member (object, "suffix", gloss_annotation_get_suffix (annotation));
  json_object_set_string_member (object, "note", gloss_annotation_get_note (annotation));
  if (gloss_annotation_get_created (annotation) != NULL)
    json_object_set_string_member (object, "created", gloss_annotation_get_created (annotation));
  if (gloss_annotation_get_modified (annotation) != NULL)
    json_object_set_string_member (object, "modified", gloss_annotation_get_modified (annotation));
  if (gloss_annotation_is_orphaned (annotation))
    json_object_set_boolean_member (object, "orphaned", TRUE);
  if (gloss_annotation_peek_attributes (annotation) != NULL)
    json_object_set_member (object, "attributes",
                            gloss_sidecar_attributes_to_node (gloss_annotation_peek_attributes (annotation)));
  gloss_sidecar_add_extra_members (object, gloss_annotation_get_extra (annotation));

  json_node_take_object (node, object);
  return node;
}

JsonNode *
gloss_sidecar_relation_to_node (GlossRelation *relation)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (object, "id", gloss_relation_get_id (relation));
  json_object_set_string_member (object, "type", gloss_relation_get_rel_type (relation));
  json_object_set_string_member (object, "from", gloss_relation_get_from (relation));
  json_object_set_string_member (object, "to", gloss_relation_get_to (relation));
  gloss_sidecar_add_extra_members (object, gloss_relation_get_extra (relation));

  json_node_take_object (node, object);
  return node;
}

/* Printing
 * ------------------------------------------------------------------------ */

static void
write_indent (GString *out,
              guint    indent)
{
  static const char spaces[] = "                ";

  while (indent > 0)
    {
      guint n = MIN (indent, sizeof spaces - 1);

      g_string_append_len (out, spaces, n);
      indent -= n;
    }
}

/* As gloss-json-writer.c writes a string (NULL as null, as json-glib makes
 * a null node of a NULL string member), but appending runs that need no
 * escape at once: most of a sidecar is such runs. */
static void
write_string (GString    *out,
              const char *str)
{
  const char *run;
  const char *p;

  if (str == NULL)
    {
      g_string_append_len (out, "null", 4);
      return;
    }

  g_string_append_c (out, '"');

  for (run = p = str; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;

      g_string_append_len (out, run, p - run);
      run = p + 1;

      switch (c)
        {
        case '"':  g_string_append_len (out, "\\\"", 2); break;
        case '\\': g_string_append_len (out, "\\\\", 2); break;
        case '\n': g_string_append_len (out, "\\n", 2); break;
        case '\r': g_string_append_len (out, "\\r", 2); break;
        case '\t': g_string_append_len (out, "\\t", 2); break;
        case '\b': g_string_append_len (out, "\\b", 2); break;
        case '\f': g_string_append_len (out, "\\f", 2); break;
        default:   g_string_append_printf (out, "\\u%04x", c); break;
        }
    }

  g_string_append_len (out, run, p - run);
  g_string_append_c (out, '"');
}

static void
write_uint (GString *out,
            guint    value)
{
  char buf[16];
  char *p = buf + sizeof buf;

  do
    {
      *--p = (char) ('0' + value % 10);
      value /= 10;
    }
  while (value > 0);

  g_string_append_len (out, p, buf + sizeof buf - p);
}

/* ",\n<indent>\"key\": " — the next member of an object. */
static void
write_key (GString    *out,
           const char *key,
           gboolean    first)
{
  if (!first)
    g_string_append_c (out, ',');
  g_string_append_c (out, '\n');
  write_indent (out, MEMBER_INDENT);
  write_string (out, key);
  g_string_append_len (out, ": ", 2);
}

/* What gloss_json_write_node() makes of gloss_sidecar_attributes_to_node()
 * as the member of an annotation. */
static void
write_attributes (GString  *out,
                  GVariant *attributes)
{
  GVariantIter iter;
  const char *key;
  GVariant *value;
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  g_variant_iter_init (&iter, attributes);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      if (!first)
        g_string_append_c (out, ',');
      g_string_append_c (out, '\n');
      write_indent (out, MEMBER_INDENT + 2);
      write_string (out, key);
      g_string_append_len (out, ": ", 2);
      if (gloss_attribute_value_write (out, value, MEMBER_INDENT + 2))
        first = FALSE;
      else  /* never stored (gloss_annotation_set_attribute()) */
        g_assert_not_reached ();
      g_variant_unref (value);
    }
  g_string_append_c (out, '\n');
  write_indent (out, MEMBER_INDENT);
  g_string_append_c (out, '}');
}

static void
write_annotation (GString                  *out,
                  const SnapshotAnnotation *annotation)
{
  const GlossAnnotationValues *v = annotation->values;

  if (annotation->whole != NULL)
    {
      g_string_append (out, annotation->whole);
      return;
    }

  g_string_append_c (out, '{');
  write_key (out, "id", TRUE);
  write_string (out, v->id);
  write_key (out, "label", FALSE);
  write_string (out, v->label);
  write_key (out, "start", FALSE);
  write_uint (out, v->start);
  write_key (out, "end", FALSE);
  write_uint (out, v->end);
  write_key (out, "exact", FALSE);
  write_string (out, v->exact);
  write_key (out, "prefix", FALSE);
  write_string (out, v->prefix);
  write_key (out, "suffix", FALSE);
  write_string (out, v->suffix);
  write_key (out, "note", FALSE);
  write_string (out, v->note);
  if (v->created != NULL)
    {
      write_key (out, "created", FALSE);
      write_string (out, v->created);
    }
  if (v->modified != NULL)
    {
      write_key (out, "modified", FALSE);
      write_string (out, v->modified);
    }
  if (v->status == GLOSS_ANCHOR_ORPHANED)
    {
      write_key (out, "orphaned", FALSE);
      g_string_append_len (out, "true", 4);
    }
  if (v->attributes != NULL)
    {
      write_key (out, "attributes", FALSE);
      write_attributes (out, v->attributes);
    }
  if (annotation->extra != NULL)
    g_string_append (out, annotation->extra);
  g_string_append_c (out, '\n');
  write_indent (out, ITEM_INDENT);
  g_string_append_c (out, '}');
}

static void
write_relation (GString                *out,
                const SnapshotRelation *relation)
{
  if (relation->whole != NULL)
    {
      g_string_append (out, relation->whole);
      return;
    }

  g_string_append_c (out, '{');
  write_key (out, "id", TRUE);
  write_string (out, relation->id);
  write_key (out, "type", FALSE);
  write_string (out, relation->type);
  write_key (out, "from", FALSE);
  write_string (out, relation->from);
  write_key (out, "to", FALSE);
  write_string (out, relation->to);
  if (relation->extra != NULL)
    g_string_append (out, relation->extra);
  g_string_append_c (out, '\n');
  write_indent (out, ITEM_INDENT);
  g_string_append_c (out, '}');
}

typedef void (*WriteItemFunc) (GString *out, gconstpointer item);

/* An array member of the top level, as gloss-json-writer.c writes one. */
static void
write_array (GString       *out,
             GArray        *items,
             WriteItemFunc  write_item)
{
  if (items->len == 0)
    {
      g_string_append_len (out, "[]", 2);
      return;
    }

  g_string_append_len (out, "[\n", 2);
  for (guint i = 0; i < items->len; i++)
    {
      write_indent (out, ITEM_INDENT);
      write_item (out, items->data + (gsize) i * g_array_get_element_size (items));
      if (i + 1 < items->len)
        g_string_append_c (out, ',');
      g_string_append_c (out, '\n');
    }
  write_indent (out, ITEM_INDENT - 2);
  g_string_append_c (out, ']');
}

static int
compare_annotations (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  return gloss_annotation_values_compare (((const SnapshotAnnotation *) a)->values,
                                          ((const SnapshotAnnotation *) b)->values);
}

void
gloss_sidecar_snapshot_write (GlossSidecarSnapshot *self,
                              GString              *out)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (out != NULL);

  /* The tree serialiser sorts with g_ptr_array_sort(), which is this same
   * stable merge sort: equal keys (never, ids being unique) would come out
   * in the same order too. */
  if (self->sort)
    {
      g_qsort_with_data (self->annotations->data, self->annotations->len,
                         sizeof (SnapshotAnnotation), compare_annotations, NULL);
      self->sort = FALSE;
    }

  for (guint i = 0; i < self->parts->len; i++)
    {
      const Part *part = &g_array_index (self->parts, Part, i);

      g_string_append (out, part->text);
      if (part->kind == PART_ANNOTATIONS)
        write_array (out, self->annotations, (WriteItemFunc) write_annotation);
      else if (part->kind == PART_RELATIONS)
        write_array (out, self->relations, (WriteItemFunc) write_relation);
    }
}

gsize
gloss_sidecar_snapshot_estimate_size (GlossSidecarSnapshot *self)
{
  g_return_val_if_fail (self != NULL, 0);

  /* ~370 bytes per annotation in the benchmark corpora, ~130 per relation. */
  return 4096 + (gsize) self->annotations->len * 400 + (gsize) self->relations->len * 160;
}

/* Taking the snapshot
 * ------------------------------------------------------------------------ */

static gboolean
has_known_key (JsonObject         *extra,
               const char * const *keys)
{
  for (guint i = 0; keys[i] != NULL; i++)
    if (json_object_has_member (extra, keys[i]))
      return TRUE;

  return FALSE;
}

/* Unknown keys as the tree writer prints members of an item, after the
 * known ones; NULL for none. */
static char *
render_extra (JsonObject *extra)
{
  g_autoptr(GList) members = NULL;
  GString *out;

  if (extra == NULL || json_object_get_size (extra) == 0)
    return NULL;

  out = g_string_new (NULL);
  members = json_object_get_members (extra);
  for (GList *l = members; l != NULL; l = l->next)
    {
      write_key (out, l->data, FALSE);
      gloss_json_write_node (out, json_object_get_member (extra, l->data), MEMBER_INDENT);
    }

  return g_string_free (out, FALSE);
}

static char *
render_node (JsonNode *node)
{
  GString *out = g_string_new (NULL);

  gloss_json_write_node (out, node, ITEM_INDENT);
  json_node_unref (node);
  return g_string_free (out, FALSE);
}

static void
take_annotation (GlossSidecarSnapshot *self,
                 GlossAnnotation      *annotation)
{
  SnapshotAnnotation *item;
  JsonObject *extra = gloss_annotation_get_extra (annotation);

  g_array_set_size (self->annotations, self->annotations->len + 1);
  item = &g_array_index (self->annotations, SnapshotAnnotation, self->annotations->len - 1);

  /* The values are needed to sort even when the object is rendered. */
  item->values = gloss_annotation_ref_values (annotation);

  /* Unknown keys are JsonObjects that their owners may change, and that
   * json-glib does not share between threads: rendered here. A known name
   * among them (only a program could put it there) takes the tree
   * writer's way, whole. */
  if (extra == NULL || json_object_get_size (extra) == 0)
    return;
  if (has_known_key (extra, annotation_keys))
    item->whole = render_node (gloss_sidecar_annotation_to_node (annotation));
  else
    item->extra = render_extra (extra);
}

static void
take_relation (GlossSidecarSnapshot *self,
               GlossRelation        *relation)
{
  SnapshotRelation item = { NULL, };
  JsonObject *extra = gloss_relation_get_extra (relation);

  item.id = g_strdup (gloss_relation_get_id (relation));
  item.type = g_strdup (gloss_relation_get_rel_type (relation));
  item.from = g_strdup (gloss_relation_get_from (relation));
  item.to = g_strdup (gloss_relation_get_to (relation));
  if (extra != NULL && json_object_get_size (extra) > 0)
    {
      if (has_known_key (extra, relation_keys))
        item.whole = render_node (gloss_sidecar_relation_to_node (relation));
      else
        item.extra = render_extra (extra);
    }

  g_array_append_val (self->relations, item);
}

static void
add_part (GlossSidecarSnapshot  *self,
          GString              **text,
          PartKind               kind)
{
  Part part = { g_string_free (g_steal_pointer (text), FALSE), kind };

  g_array_append_val (self->parts, part);
  *text = g_string_new (NULL);
}

/* The top level as gloss-json-writer.c prints an object at indent 0, with
 * a trailing newline (gloss_json_to_string), cut where the annotations and
 * relations go. */
static void
take_root (GlossSidecarSnapshot *self,
           JsonObject           *root,
           JsonNode             *annotations_member,
           JsonNode             *relations_member)
{
  g_autoptr(GList) members = json_object_get_members (root);
  GString *text = g_string_new ("{\n");

  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (root, l->data);

      write_indent (text, 2);
      write_string (text, l->data);
      g_string_append_len (text, ": ", 2);
      if (node == annotations_member)
        add_part (self, &text, PART_ANNOTATIONS);
      else if (node == relations_member)
        add_part (self, &text, PART_RELATIONS);
      else
        gloss_json_write_node (text, node, 2);
      if (l->next != NULL)
        g_string_append_c (text, ',');
      g_string_append_c (text, '\n');
    }
  g_string_append_len (text, "}\n", 2);

  add_part (self, &text, PART_END);
  g_string_free (text, TRUE);
}

static void
clear_part (Part *part)
{
  g_clear_pointer (&part->text, g_free);
}

static void
clear_annotation (SnapshotAnnotation *item)
{
  g_clear_pointer (&item->values, gloss_annotation_values_unref);
  g_clear_pointer (&item->extra, g_free);
  g_clear_pointer (&item->whole, g_free);
}

static void
clear_relation (SnapshotRelation *item)
{
  g_clear_pointer (&item->id, g_free);
  g_clear_pointer (&item->type, g_free);
  g_clear_pointer (&item->from, g_free);
  g_clear_pointer (&item->to, g_free);
  g_clear_pointer (&item->extra, g_free);
  g_clear_pointer (&item->whole, g_free);
}

GlossSidecarSnapshot *
gloss_sidecar_snapshot_new (JsonObject         *root,
                            JsonNode           *annotations_member,
                            JsonNode           *relations_member,
                            GlossAnnotationSet *set)
{
  GlossSidecarSnapshot *self;
  GListModel *placed;
  GListModel *orphans;
  GListModel *relations;
  g_autoptr(GPtrArray) all = NULL;
  guint n_placed, n_orphans, n_relations;

  g_return_val_if_fail (root != NULL, NULL);
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (set), NULL);

  placed = G_LIST_MODEL (set);
  orphans = gloss_annotation_set_get_orphans (set);
  relations = gloss_annotation_set_get_relations (set);
  n_placed = g_list_model_get_n_items (placed);
  n_orphans = g_list_model_get_n_items (orphans);
  n_relations = g_list_model_get_n_items (relations);

  self = g_new0 (GlossSidecarSnapshot, 1);
  self->parts = g_array_new (FALSE, FALSE, sizeof (Part));
  g_array_set_clear_func (self->parts, (GDestroyNotify) clear_part);
  /* Zeroed: take_annotation() grows the array and fills in place. */
  self->annotations = g_array_sized_new (FALSE, TRUE, sizeof (SnapshotAnnotation),
                                         n_placed + n_orphans);
  g_array_set_clear_func (self->annotations, (GDestroyNotify) clear_annotation);
  self->relations = g_array_sized_new (FALSE, TRUE, sizeof (SnapshotRelation), n_relations);
  g_array_set_clear_func (self->relations, (GDestroyNotify) clear_relation);

  take_root (self, root, annotations_member, relations_member);

  /* Placed annotations are in sidecar order already; orphans are sorted
   * in among them by the writer, in its thread. */
  all = g_ptr_array_new_full (n_placed + n_orphans, g_object_unref);
  for (guint i = 0; i < n_placed; i++)
    g_ptr_array_add (all, g_list_model_get_item (placed, i));
  for (guint i = 0; i < n_orphans; i++)
    g_ptr_array_add (all, g_list_model_get_item (orphans, i));
  for (guint i = 0; i < all->len; i++)
    {
      /* Each annotation's values block is elsewhere in memory than the
       * object, and most of the time taken here was waiting for it: ask
       * for the blocks some way ahead. */
      if (i + PREFETCH_AHEAD < all->len)
        __builtin_prefetch (gloss_annotation_peek_values (g_ptr_array_index (all, i + PREFETCH_AHEAD)), 1);
      take_annotation (self, g_ptr_array_index (all, i));
    }
  self->sort = n_orphans > 0;

  for (guint i = 0; i < n_relations; i++)
    {
      g_autoptr(GlossRelation) relation = g_list_model_get_item (relations, i);
      take_relation (self, relation);
    }

  return self;
}

void
gloss_sidecar_snapshot_free (GlossSidecarSnapshot *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->parts, g_array_unref);
  g_clear_pointer (&self->annotations, g_array_unref);
  g_clear_pointer (&self->relations, g_array_unref);
  g_free (self);
}
