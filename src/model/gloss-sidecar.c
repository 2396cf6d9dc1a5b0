/* gloss-sidecar.c — reading, checking and writing sidecar files (format v1)
 *
 * The loader never stops at the first problem: a person fixing a file by
 * hand wants the whole list, each with the JSON path of the value at fault.
 * A sidecar that failed to load is never written back, so a bug or a bad
 * merge can never turn a half-read file into lost work.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "gloss-annotation-private.h"
#include "gloss-error.h"
#include "gloss-file.h"
#include "gloss-file-load.h"
#include "gloss-file-monitor.h"
#include "gloss-json-writer.h"
#include "gloss-sidecar.h"
#include "gloss-sidecar-private.h"
#include "gloss-sidecar-reader.h"
#include "gloss-sidecar-snapshot-private.h"

struct _GlossSidecar
{
  GObject             parent_instance;

  GFile              *file;
  GlossDocument      *document;
  GlossAnnotationSet *annotations;
  char               *annotator_id;
  char               *annotator_name;
  GlossSidecarState   state;
  gint64              version;
  /* The annotator's "done" mark, and as it is on disk (for is_dirty). */
  gboolean            done;
  gboolean            saved_done;
  /* "document_labels": an "a{sv}" sorted by id, or NULL; and as on disk. */
  GVariant           *document_labels;
  GVariant           *saved_document_labels;

  /* Keys we do not know, kept so that saving loses nothing a newer Gloss
   * or another tool put there. */
  JsonObject         *extra;
  JsonObject         *document_extra;
  JsonObject         *annotator_extra;

  GPtrArray          *problems;
  GlossAnchorReport   anchor_report;
  gboolean            reanchored;
  guint64             saved_serial;
  /* What is on disk as far as we know: the bytes last read (their hash
   * computed when asked), or the hash of what we last wrote. */
  GBytes             *disk_bytes;
  char               *disk_sha256;
  /* How the file looked right after our last write, if it was the last
   * thing done to it; and that text's size (the next one's estimate). */
  GlossFileFingerprint written;
  gsize               last_size;
};

G_DEFINE_FINAL_TYPE (GlossSidecar, gloss_sidecar, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (GlossSidecarState, gloss_sidecar_state,
  G_DEFINE_ENUM_VALUE (GLOSS_SIDECAR_STATE_NEW, "new"),
  G_DEFINE_ENUM_VALUE (GLOSS_SIDECAR_STATE_LOADED, "loaded"),
  G_DEFINE_ENUM_VALUE (GLOSS_SIDECAR_STATE_NEWER, "newer"),
  G_DEFINE_ENUM_VALUE (GLOSS_SIDECAR_STATE_FAILED, "failed"))

enum {
  PROP_0,
  PROP_FILE,
  PROP_DOCUMENT,
  PROP_ANNOTATIONS,
  PROP_ANNOTATOR_ID,
  PROP_ANNOTATOR_NAME,
  PROP_STATE,
  PROP_READ_ONLY,
  PROP_DIRTY,
  PROP_DONE,
  PROP_DOCUMENT_LABELS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Names and ids
 * ------------------------------------------------------------------------ */

char *
gloss_sidecar_build_name (const char *article_name,
                          const char *annotator_id)
{
  return gloss_annotator_file_build_name (article_name, annotator_id, GLOSS_SIDECAR_SUFFIX);
}

gboolean
gloss_sidecar_parse_name (const char  *sidecar_name,
                          char       **article_name,
                          char       **annotator_id)
{
  return gloss_annotator_file_parse_name (sidecar_name, GLOSS_SIDECAR_SUFFIX, article_name, annotator_id);
}

/* Life cycle
 * ------------------------------------------------------------------------ */

static void
gloss_sidecar_finalize (GObject *object)
{
  GlossSidecar *self = (GlossSidecar *)object;

  g_clear_object (&self->file);
  g_clear_object (&self->document);
  g_clear_object (&self->annotations);
  g_clear_pointer (&self->annotator_id, g_free);
  g_clear_pointer (&self->annotator_name, g_free);
  g_clear_pointer (&self->extra, json_object_unref);
  g_clear_pointer (&self->document_extra, json_object_unref);
  g_clear_pointer (&self->annotator_extra, json_object_unref);
  g_clear_pointer (&self->document_labels, g_variant_unref);
  g_clear_pointer (&self->saved_document_labels, g_variant_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->disk_sha256, g_free);
  g_clear_pointer (&self->disk_bytes, g_bytes_unref);

  G_OBJECT_CLASS (gloss_sidecar_parent_class)->finalize (object);
}

static void
gloss_sidecar_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  GlossSidecar *self = GLOSS_SIDECAR (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_ANNOTATIONS:
      g_value_set_object (value, self->annotations);
      break;
    case PROP_ANNOTATOR_ID:
      g_value_set_string (value, self->annotator_id);
      break;
    case PROP_ANNOTATOR_NAME:
      g_value_set_string (value, self->annotator_name);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, gloss_sidecar_is_read_only (self));
      break;
    case PROP_DIRTY:
      g_value_set_boolean (value, gloss_sidecar_is_dirty (self));
      break;
    case PROP_DONE:
      g_value_set_boolean (value, self->done);
      break;
    case PROP_DOCUMENT_LABELS:
      g_value_set_variant (value, self->document_labels);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_sidecar_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  GlossSidecar *self = GLOSS_SIDECAR (object);

  switch (prop_id)
    {
    case PROP_FILE:
      self->file = g_value_dup_object (value);
      break;
    case PROP_DOCUMENT:
      self->document = g_value_dup_object (value);
      break;
    case PROP_ANNOTATOR_NAME:
      gloss_sidecar_set_annotator_name (self, g_value_get_string (value));
      break;
    case PROP_DONE:
      gloss_sidecar_set_done (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
on_annotations_changed (GlossSidecar *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
}

static void
gloss_sidecar_constructed (GObject *object)
{
  GlossSidecar *self = GLOSS_SIDECAR (object);
  g_autofree char *basename = NULL;

  G_OBJECT_CLASS (gloss_sidecar_parent_class)->constructed (object);

  g_assert (self->file != NULL);
  g_assert (self->document != NULL);

  basename = g_file_get_basename (self->file);
  if (!gloss_sidecar_parse_name (basename, NULL, &self->annotator_id))
    self->annotator_id = NULL;

  self->annotations = gloss_annotation_set_new (self->document);
  g_signal_connect_object (self->annotations, "notify::can-undo",
                           G_CALLBACK (on_annotations_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->annotations, "annotation-changed",
                           G_CALLBACK (on_annotations_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->annotations, "items-changed",
                           G_CALLBACK (on_annotations_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->annotations, "relations-changed",
                           G_CALLBACK (on_annotations_changed), self,
                           G_CONNECT_SWAPPED);
}

static void
gloss_sidecar_class_init (GlossSidecarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gloss_sidecar_finalize;
  object_class->get_property = gloss_sidecar_get_property;
  object_class->set_property = gloss_sidecar_set_property;
  object_class->constructed = gloss_sidecar_constructed;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, GLOSS_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ANNOTATIONS] =
    g_param_spec_object ("annotations", NULL, NULL, GLOSS_TYPE_ANNOTATION_SET,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ANNOTATOR_ID] =
    g_param_spec_string ("annotator-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ANNOTATOR_NAME] =
    g_param_spec_string ("annotator-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, GLOSS_TYPE_SIDECAR_STATE,
                       GLOSS_SIDECAR_STATE_NEW,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DIRTY] =
    g_param_spec_boolean ("dirty", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DONE] =
    g_param_spec_boolean ("done", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* "a{sv}" sorted by id, or NULL: gloss_sidecar_peek_document_labels(). */
  properties[PROP_DOCUMENT_LABELS] =
    g_param_spec_variant ("document-labels", NULL, NULL, G_VARIANT_TYPE_VARDICT, NULL,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gloss_sidecar_init (GlossSidecar *self)
{
  self->state = GLOSS_SIDECAR_STATE_NEW;
  self->version = GLOSS_SIDECAR_VERSION;
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_problem_free);
}

GlossSidecar *
gloss_sidecar_new (GFile         *file,
                   GlossDocument *document)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (document), NULL);

  return g_object_new (GLOSS_TYPE_SIDECAR,
                       "file", file,
                       "document", document,
                       NULL);
}

GlossSidecar *
gloss_sidecar_new_for_document (GlossDocument *document,
                                const char    *annotator_id)
{
  g_autoptr(GFile) parent = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *name = NULL;
  GFile *article;

  g_return_val_if_fail (GLOSS_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (gloss_annotator_id_is_valid (annotator_id), NULL);

  article = gloss_document_get_file (document);
  g_return_val_if_fail (article != NULL, NULL);

  parent = g_file_get_parent (article);
  name = gloss_sidecar_build_name (gloss_document_get_name (document), annotator_id);
  file = g_file_get_child (parent, name);

  return gloss_sidecar_new (file, document);
}

/* Loading
 * ------------------------------------------------------------------------ */

static void
set_state (GlossSidecar      *self,
           GlossSidecarState  state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
}

static void
reset_for_load (GlossSidecar *self)
{
  g_ptr_array_set_size (self->problems, 0);
  g_clear_pointer (&self->extra, json_object_unref);
  g_clear_pointer (&self->document_extra, json_object_unref);
  g_clear_pointer (&self->annotator_extra, json_object_unref);
  memset (&self->anchor_report, 0, sizeof self->anchor_report);
  self->reanchored = FALSE;
  memset (&self->written, 0, sizeof self->written);
  self->version = GLOSS_SIDECAR_VERSION;
}

static void
fail_with_summary (GlossSidecar  *self,
                   GlossError     code,
                   GError       **error)
{
  GlossProblem *first = NULL;
  g_autofree char *first_text = NULL;
  guint n_errors = gloss_sidecar_count_problems (self, GLOSS_SEVERITY_ERROR);

  for (guint i = 0; i < self->problems->len && first == NULL; i++)
    {
      GlossProblem *problem = g_ptr_array_index (self->problems, i);
      if (problem->severity == GLOSS_SEVERITY_ERROR)
        first = problem;
    }

  g_assert (first != NULL);
  first_text = gloss_problem_to_string (first);

  if (n_errors == 1)
    g_set_error_literal (error, GLOSS_ERROR, code, first_text);
  else
    g_set_error (error, GLOSS_ERROR, code,
                 g_dngettext (GETTEXT_PACKAGE, "%s (and %u more problem)",
                              "%s (and %u more problems)", n_errors - 1),
                 first_text, n_errors - 1);

  set_state (self, GLOSS_SIDECAR_STATE_FAILED);
}

/* The done mark as read from disk (FALSE for no file or a failed one). */
static void
take_loaded_done (GlossSidecar *self,
                  gboolean      done)
{
  self->saved_done = done;
  if (self->done == done)
    return;

  self->done = done;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DONE]);
}

static gboolean
variant_equal0 (GVariant *a,
                GVariant *b)
{
  if (a == b)
    return TRUE;
  return a != NULL && b != NULL && g_variant_equal (a, b);
}

/* The document labels as read from disk (taken; NULL for no file or a
 * failed one), like the done mark. */
static void
take_loaded_document_labels (GlossSidecar *self,
                             GVariant     *labels)
{
  gboolean changed = !variant_equal0 (self->document_labels, labels);

  g_clear_pointer (&self->saved_document_labels, g_variant_unref);
  self->saved_document_labels = labels;
  g_clear_pointer (&self->document_labels, g_variant_unref);
  self->document_labels = labels != NULL ? g_variant_ref (labels) : NULL;
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT_LABELS]);
}

/* Takes what the reader found; re-anchors when the article changed. */
static void
apply_loaded (GlossSidecar       *self,
              GlossSidecarReader *reader)
{
  g_clear_pointer (&self->annotator_id, g_free);
  self->annotator_id = g_steal_pointer (&reader->annotator_id);
  if (reader->annotator_name != NULL)
    {
      g_free (self->annotator_name);
      self->annotator_name = g_steal_pointer (&reader->annotator_name);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANNOTATOR_NAME]);
    }
  self->version = reader->version;
  self->extra = g_steal_pointer (&reader->extra);
  self->document_extra = g_steal_pointer (&reader->document_extra);
  self->annotator_extra = g_steal_pointer (&reader->annotator_extra);
  take_loaded_done (self, reader->done);
  take_loaded_document_labels (self, g_steal_pointer (&reader->document_labels));

  if (!reader->hash_matches)
    {
      GlossAnchorReport *r = &self->anchor_report;
      g_autofree char *display = g_file_get_parse_name (self->file);
      g_autofree char *message = NULL;

      gloss_anchor_annotations (self->document, reader->annotations, r);
      self->reanchored = TRUE;
      message = g_strdup_printf (_("the article changed since this sidecar was saved; "
                                   "re-anchored: %u kept, %u moved, %u repaired, %u orphaned"),
                                 r->kept, r->moved, r->repaired, r->orphaned);
      g_ptr_array_add (self->problems,
                       gloss_problem_new (GLOSS_SEVERITY_INFO, display, "document.sha256", message));
    }

  gloss_annotation_set_load (self->annotations, reader->annotations, reader->relations);
  self->saved_serial = gloss_annotation_set_get_change_serial (self->annotations);

  set_state (self, self->version > GLOSS_SIDECAR_VERSION
                   ? GLOSS_SIDECAR_STATE_NEWER
                   : GLOSS_SIDECAR_STATE_LOADED);
}

static gboolean load_bytes_parsed (GlossSidecar   *self,
                                   GBytes         *bytes,
                                   GlossJsonDoc   *doc,
                                   GlossLabelSet  *labels,
                                   GError        **error);

gboolean
gloss_sidecar_load_bytes (GlossSidecar   *self,
                          GBytes         *bytes,
                          GlossLabelSet  *labels,
                          GError        **error)
{
  g_return_val_if_fail (GLOSS_IS_SIDECAR (self), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (labels == NULL || GLOSS_IS_LABEL_SET (labels), FALSE);

  return load_bytes_parsed (self, bytes, NULL, labels, error);
}

/* @doc: the JSON of @bytes, parsed already (taken), or NULL. */
static gboolean
load_bytes_parsed (GlossSidecar   *self,
                   GBytes         *bytes,
                   GlossJsonDoc   *doc,
                   GlossLabelSet  *labels,
                   GError        **error)
{
  g_autofree char *display = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *basename = NULL;
  GlossSidecarReader reader;
  gboolean ok;
  gsize size;
  const char *data;

  reset_for_load (self);
  gloss_annotation_set_set_labels (self->annotations, labels);

  /* Kept so the hash of what is on disk can be computed when asked for. */
  g_clear_pointer (&self->disk_bytes, g_bytes_unref);
  g_clear_pointer (&self->disk_sha256, g_free);
  self->disk_bytes = g_bytes_ref (bytes);

  display = g_file_get_parse_name (self->file);
  basename = g_file_get_basename (self->file);
  if (!gloss_sidecar_parse_name (basename, NULL, &expected))
    expected = NULL;

  data = g_bytes_get_data (bytes, &size);
  gloss_sidecar_reader_init (&reader, self->document, labels, display, expected, self->problems);
  ok = gloss_sidecar_reader_read_parsed (&reader, data, size, doc);

  if (ok)
    apply_loaded (self, &reader);
  else
    {
      take_loaded_done (self, FALSE);
      take_loaded_document_labels (self, NULL);
      fail_with_summary (self, reader.error_code, error);
    }

  gloss_sidecar_reader_clear (&reader);
  return ok;
}

/* Only a regular file is read, and a huge one is refused before it is
 * read into memory: a FIFO under a sidecar's name would block, and
 * /dev/zero would never end. */
static GBytes *
read_file (GFile         *file,
           GCancellable  *cancellable,
           GError       **error)
{
  return gloss_file_load_bytes (file, NULL, GLOSS_SIDECAR_MAX_BYTES, cancellable, error);
}

static gboolean load_read (GlossSidecar   *self,
                           GBytes         *bytes,
                           GlossJsonDoc   *doc,
                           GError         *read_error,
                           GlossLabelSet  *labels,
                           GError        **error);

gboolean
gloss_sidecar_load (GlossSidecar   *self,
                    GlossLabelSet  *labels,
                    GCancellable   *cancellable,
                    GError        **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (GLOSS_IS_SIDECAR (self), FALSE);
  g_return_val_if_fail (labels == NULL || GLOSS_IS_LABEL_SET (labels), FALSE);

  bytes = read_file (self->file, cancellable, &local_error);
  return load_read (self, bytes, NULL, local_error, labels, error);
}

/* Reading ahead
 * ------------------------------------------------------------------------ */

/* Opening a session reads the article and the sidecar at once, in two
 * threads: the sidecar's bytes and its JSON (~70 ms for 37 MB) are ready
 * by the time the article is (~45 ms for 10 MB), instead of after it. The
 * checks against the article wait for both. */
struct _GlossSidecarPreread
{
  GThread              *thread;
  GFile                *file;
  GCancellable         *cancellable;
  /* Set by the thread: @head (or not) before @head_read is, under @lock
   * (gloss_sidecar_preread_wait_head() waits for it), then the rest. */
  GMutex                lock;
  GCond                 read_cond;
  gboolean              head_read;
  GBytes               *head;
  GlossFileFingerprint  seen;
  GBytes               *bytes;
  GlossJsonDoc         *doc;
  GError               *error;
};

/* The first PREREAD_HEAD_BYTES of the file, before the whole (37 MB at
 * 10 MB / 100,000 annotations: tens of ms more), for the annotations of
 * the first screen (gloss_sidecar_read_head()). */
#define PREREAD_HEAD_BYTES (2 * 1024 * 1024)

static void
read_head (GlossSidecarPreread *preread)
{
  g_autoptr(GInputStream) stream = gloss_file_open_stream (preread->file, NULL, preread->cancellable, NULL);
  g_autofree char *buffer = NULL;
  GBytes *head = NULL;
  gsize n = 0;

  if (stream != NULL)
    {
      buffer = g_malloc (PREREAD_HEAD_BYTES);
      if (g_input_stream_read_all (stream, buffer, PREREAD_HEAD_BYTES, &n, preread->cancellable, NULL))
        head = g_bytes_new_take (g_steal_pointer (&buffer), n);
    }

  g_mutex_lock (&preread->lock);
  preread->head = head;
  preread->head_read = TRUE;
  g_cond_broadcast (&preread->read_cond);
  g_mutex_unlock (&preread->lock);
}

static gpointer
preread_thread (gpointer data)
{
  GlossSidecarPreread *preread = data;

  /* How the file looked before it was read, as gloss_sidecar_load()'s
   * callers take it. */
  gloss_file_fingerprint_take (preread->file, &preread->seen);
  read_head (preread);
  preread->bytes = read_file (preread->file, preread->cancellable, &preread->error);
  if (preread->bytes != NULL)
    {
      gsize size;
      const char *contents = g_bytes_get_data (preread->bytes, &size);

      preread->doc = gloss_sidecar_reader_parse (contents, size);
    }

  return NULL;
}

GlossSidecarPreread *
gloss_sidecar_preread_start (GFile        *file,
                             GCancellable *cancellable)
{
  GlossSidecarPreread *preread;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  preread = g_new0 (GlossSidecarPreread, 1);
  preread->file = g_object_ref (file);
  preread->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  g_mutex_init (&preread->lock);
  g_cond_init (&preread->read_cond);
  preread->thread = g_thread_new ("gloss-sidecar-read", preread_thread, preread);

  return preread;
}

static void
preread_join (GlossSidecarPreread *preread)
{
  if (preread->thread != NULL)
    g_thread_join (g_steal_pointer (&preread->thread));
}

GBytes *
gloss_sidecar_preread_wait_head (GlossSidecarPreread *preread)
{
  g_return_val_if_fail (preread != NULL, NULL);

  g_mutex_lock (&preread->lock);
  while (!preread->head_read)
    g_cond_wait (&preread->read_cond, &preread->lock);
  g_mutex_unlock (&preread->lock);

  /* Not changed by the thread once read. */
  return preread->head != NULL ? g_bytes_ref (preread->head) : NULL;
}

GFile *
gloss_sidecar_preread_get_file (GlossSidecarPreread *preread)
{
  g_return_val_if_fail (preread != NULL, NULL);

  return preread->file;
}

void
gloss_sidecar_preread_free (GlossSidecarPreread *preread)
{
  if (preread == NULL)
    return;

  preread_join (preread);
  g_mutex_clear (&preread->lock);
  g_cond_clear (&preread->read_cond);
  g_clear_object (&preread->file);
  g_clear_object (&preread->cancellable);
  g_clear_pointer (&preread->head, g_bytes_unref);
  g_clear_pointer (&preread->bytes, g_bytes_unref);
  g_clear_pointer (&preread->doc, gloss_json_doc_free);
  g_clear_error (&preread->error);
  g_free (preread);
}

gboolean
gloss_sidecar_load_preread (GlossSidecar         *self,
                            GlossSidecarPreread  *preread,
                            GlossLabelSet        *labels,
                            GlossFileFingerprint *seen,
                            GError              **error)
{
  g_return_val_if_fail (GLOSS_IS_SIDECAR (self), FALSE);
  g_return_val_if_fail (preread != NULL, FALSE);
  g_return_val_if_fail (g_file_equal (preread->file, self->file), FALSE);
  g_return_val_if_fail (labels == NULL || GLOSS_IS_LABEL_SET (labels), FALSE);

  preread_join (preread);
  if (seen != NULL)
    *seen = preread->seen;

  return load_read (self, preread->bytes, g_steal_pointer (&preread->doc), preread->error,
                    labels, error);
}

/* What gloss_sidecar_load() makes of a file read into @bytes (and its JSON
 * @doc, taken, or NULL), or of @read_error when it could not be read. */
static gboolean
load_read (GlossSidecar   *self,
           GBytes         *bytes,
           GlossJsonDoc   *doc,
           GError         *read_error,
           GlossLabelSet  *labels,
           GError        **error)
{
  g_autofree char *name = NULL;
  const char *message;
  GlossError code = GLOSS_ERROR_FAILED;
  GError *local_error = read_error;

  if (bytes != NULL)
    return load_bytes_parsed (self, bytes, doc, labels, error);

  g_assert (doc == NULL && local_error != NULL);

  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      /* No file (yet, or any more): an empty sidecar, nothing on disk. */
      reset_for_load (self);
      gloss_annotation_set_set_labels (self->annotations, labels);
      g_clear_pointer (&self->disk_bytes, g_bytes_unref);
      g_clear_pointer (&self->disk_sha256, g_free);
      gloss_annotation_set_load (self->annotations, NULL, NULL);
      self->saved_serial = gloss_annotation_set_get_change_serial (self->annotations);
      take_loaded_done (self, FALSE);
      take_loaded_document_labels (self, NULL);
      set_state (self, GLOSS_SIDECAR_STATE_NEW);
      return TRUE;
    }

  name = g_file_get_parse_name (self->file);
  message = local_error->message;
  if (g_error_matches (local_error, GLOSS_ERROR, GLOSS_ERROR_TOO_LARGE))
    {
      message = _("the file is larger than the limit of 256 MiB");
      code = GLOSS_ERROR_TOO_LARGE;
    }

  reset_for_load (self);
  take_loaded_done (self, FALSE);
  take_loaded_document_labels (self, NULL);
  g_ptr_array_add (self->problems,
                   gloss_problem_new (GLOSS_SEVERITY_ERROR, name, NULL, message));
  fail_with_summary (self, code, error);
  return FALSE;
}

/* Saving
 * ------------------------------------------------------------------------ */

static int
compare_annotations (gconstpointer a,
                     gconstpointer b)
{
  return gloss_annotation_compare (*(GlossAnnotation **) a, *(GlossAnnotation **) b);
}

/* Placed and orphaned annotations together, in sidecar order. */
static GPtrArray *
collect_all_annotations (GlossSidecar *self)
{
  GListModel *placed = G_LIST_MODEL (self->annotations);
  GListModel *orphans = gloss_annotation_set_get_orphans (self->annotations);
  guint n_placed = g_list_model_get_n_items (placed);
  guint n_orphans = g_list_model_get_n_items (orphans);
  GPtrArray *all = g_ptr_array_new_full (n_placed + n_orphans, g_object_unref);

  for (guint i = 0; i < n_placed; i++)
    g_ptr_array_add (all, g_list_model_get_item (placed, i));
  for (guint i = 0; i < n_orphans; i++)
    g_ptr_array_add (all, g_list_model_get_item (orphans, i));

  if (n_orphans > 0)
    g_ptr_array_sort (all, compare_annotations);

  return all;
}

void
gloss_sidecar_take_loaded (GlossSidecar *self,
                           GlossSidecar *loaded)
{
  GPtrArray *problems;

  g_return_if_fail (GLOSS_IS_SIDECAR (self));
  g_return_if_fail (GLOSS_IS_SIDECAR (loaded));

  reset_for_load (self);
  gloss_annotation_set_set_labels (self->annotations,
                                   gloss_annotation_set_get_labels (loaded->annotations));

  problems = self->problems;
  self->problems = g_steal_pointer (&loaded->problems);
  loaded->problems = problems;
  self->anchor_report = loaded->anchor_report;
  self->reanchored = loaded->reanchored;
  self->version = loaded->version;

  /* A file that could not be read at all (not a parse error) leaves what
   * we knew was on disk, as gloss_sidecar_load() does. */
  if (loaded->disk_bytes != NULL || loaded->state == GLOSS_SIDECAR_STATE_NEW)
    {
      g_clear_pointer (&self->disk_bytes, g_bytes_unref);
      g_clear_pointer (&self->disk_sha256, g_free);
      self->disk_bytes = g_steal_pointer (&loaded->disk_bytes);
      self->disk_sha256 = g_steal_pointer (&loaded->disk_sha256);
    }

  take_loaded_done (self, loaded->done);
  take_loaded_document_labels (self, g_steal_pointer (&loaded->document_labels));

  if (loaded->state != GLOSS_SIDECAR_STATE_FAILED)
    {
      if (loaded->state != GLOSS_SIDECAR_STATE_NEW)
        {
          g_free (self->annotator_id);
          self->annotator_id = g_steal_pointer (&loaded->annotator_id);
          self->extra = g_steal_pointer (&loaded->extra);
          self->document_extra = g_steal_pointer (&loaded->document_extra);
          self->annotator_extra = g_steal_pointer (&loaded->annotator_extra);
          if (loaded->annotator_name != NULL)
            {
              g_free (self->annotator_name);
              self->annotator_name = g_steal_pointer (&loaded->annotator_name);
              g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANNOTATOR_NAME]);
            }
        }

      /* Ours are left in @loaded: dropped with it. */
      gloss_annotation_set_take_contents (self->annotations, loaded->annotations);
      self->saved_serial = gloss_annotation_set_get_change_serial (self->annotations);
    }

  set_state (self, loaded->state);
}

/* The top-level object, with @annotation_array and @relation_array (taken)
 * as its "annotations" and "relations" members. Their nodes are returned
 * in @annotations_member and @relations_member with a reference of the
 * caller's: an unknown key of the same name replaces them in the object
 * (then they are no longer its members), as it always did. */
static JsonObject *
build_root (GlossSidecar  *self,
            JsonArray     *annotation_array,
            JsonArray     *relation_array,
            JsonNode     **annotations_member,
            JsonNode     **relations_member)
{
  JsonObject *root = json_object_new ();
  JsonObject *document = json_object_new ();
  JsonObject *annotator = json_object_new ();

  json_object_set_string_member (root, "format", GLOSS_SIDECAR_FORMAT);
  json_object_set_int_member (root, "version", GLOSS_SIDECAR_VERSION);

  json_object_set_string_member (document, "file", gloss_document_get_name (self->document));
  json_object_set_string_member (document, "sha256", gloss_document_get_sha256 (self->document));
  json_object_set_int_member (document, "length", gloss_document_get_length (self->document));
  gloss_sidecar_add_extra_members (document, self->document_extra);
  json_object_set_object_member (root, "document", document);

  json_object_set_string_member (annotator, "id", self->annotator_id);
  json_object_set_string_member (annotator, "name", self->annotator_name ? self->annotator_name : "");
  gloss_sidecar_add_extra_members (annotator, self->annotator_extra);
  json_object_set_object_member (root, "annotator", annotator);

  /* Written only when set: absent is "not done", and sidecars that never
   * had the mark keep every byte. */
  if (self->done)
    json_object_set_boolean_member (root, "done", TRUE);
  /* Likewise only when there are some, right after "done". */
  if (self->document_labels != NULL)
    json_object_set_member (root, "document_labels",
                            gloss_sidecar_attributes_to_node (self->document_labels));

  json_object_set_array_member (root, "annotations", annotation_array);
  *annotations_member = json_node_ref (json_object_get_member (root, "annotations"));
  json_object_set_array_member (root, "relations", relation_array);
  *relations_member = json_node_ref (json_object_get_member (root, "relations"));

  gloss_sidecar_add_extra_members (root, self->extra);

  return root;
}

static JsonNode *
build_tree (GlossSidecar *self)
{
  g_autoptr(GPtrArray) annotations = collect_all_annotations (self);
  GListModel *relations = gloss_annotation_set_get_relations (self->annotations);
  JsonArray *annotation_array = json_array_sized_new (annotations->len);
  JsonArray *relation_array = json_array_new ();
  g_autoptr(JsonNode) annotations_member = NULL;
  g_autoptr(JsonNode) relations_member = NULL;
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  guint n_relations = g_list_model_get_n_items (relations);

  for (guint i = 0; i < annotations->len; i++)
    json_array_add_element (annotation_array,
                            gloss_sidecar_annotation_to_node (g_ptr_array_index (annotations, i)));

  for (guint i = 0; i < n_relations; i++)
    {
      g_autoptr(GlossRelation) relation = g_list_model_get_item (relations, i);
      json_array_add_element (relation_array, gloss_sidecar_relation_to_node (relation));
    }

  json_node_take_object (node, build_root (self, annotation_array, relation_array,
                                           &annotations_member, &relations_member));
  return node;
}

GBytes *
gloss_sidecar_serialize_tree (GlossSidecar *self)
{
  g_autoptr(JsonNode) tree = NULL;
  char *text;

  g_return_val_if_fail (GLOSS_IS_SIDECAR (self), NULL);
  g_return_val_if_fail (self->annotator_id != NULL, NULL);

  tree = build_tree (self);
  text = gloss_json_to_string (tree);

  return g_bytes_new_take (text, strlen (text));
}

/* What the file will hold, taken now: the rest can be done in any thread
 * while the annotations are edited. */
static GlossSidecarSnapshot *
take_snapshot (GlossSidecar *self)
{
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(JsonNode) annotations_member = NULL;
  g_autoptr(JsonNode) relations_member = NULL;

  root = build_root (self, json_array_new (), json_array_new (),
                     &annotations_member, &relations_member);

  return gloss_sidecar_snapshot_new (root, annotations_member, relations_member,
                                     self->annotations);
}

/* The snapshot's text; frees the snapshot (in the writing thread: its
 * strings are no longer needed once printed). @size_hint: the size of the
 * last text, if any. */
static GString *
render_snapshot (GlossSidecarSnapshot *snapshot,
                 gsize                 size_hint)
{
  GString *text;

  if (size_hint == 0)
    size_hint = gloss_sidecar_snapshot_estimate_size (snapshot);
  /* A little room, so that a few more annotations do not copy it all. */
  text = g_string_sized_new (size_hint + size_hint / 16 + 64);
  gloss_sidecar_snapshot_write (snapshot, text);
  gloss_sidecar_snapshot_free (snapshot);

  return text;
}

GBytes *
gloss_sidecar_serialize (GlossSidecar *self)
{
  GString *text;

  g_return_val_if_fail (GLOSS_IS_SIDECAR (self), NULL);
  g_return_val_if_fail (self->annotator_id != NULL, NULL);

  text = render_snapshot (take_snapshot (self), self->last_size);
  return g_string_free_to_bytes (text);
}

static gboolean
check_writable (GlossSidecar  *self,
                GError       **error)
{
  g_autofree char *name = g_file_get_parse_name (self->file);
  g_autofree char *path = g_file_get_path (self->file);

  if (self->state == GLOSS_SIDECAR_STATE_FAILED)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_READ_ONLY,
                   _("%s: not saved, because the file failed to load and would be overwritten"),
                   name);
      return FALSE;
    }

  if (self->state == GLOSS_SIDECAR_STATE_NEWER)
    {
      /* Printed apart: xgettext cannot see through G_GINT64_FORMAT. */
      g_autofree char *version = g_strdup_printf ("%" G_GINT64_FORMAT, self->version);

      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_READ_ONLY,
                   /* Translators: the first %s is a file name, the second a number */
                   _("%s: not saved, because it uses a newer format version (%s)"),
                   name, version);
      return FALSE;
    }

  if (self->annotator_id == NULL)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   _("%s: not saved, because the file name does not name an annotator"),
                   name);
      return FALSE;
    }

  if (path == NULL)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED,
                   _("%s: only local files can be saved"), name);
      return FALSE;
    }

  return TRUE;
}

/* One save, taken on the owner's thread and done in any one thread. */
typedef struct
{
  GFile                *file;
  GlossSidecarSnapshot *snapshot;
  gsize                 size_hint;
  guint64               serial;
  gboolean              done;
  GVariant             *document_labels;

  /* What was written: its size and hash, and how the file looked right
   * after (so a watcher knows our own write without reading it back). */
  gsize                 size;
  char                 *sha256;
  GlossFileFingerprint  written;
} SaveJob;

static SaveJob *
save_job_new (GlossSidecar *self)
{
  SaveJob *job = g_new0 (SaveJob, 1);

  job->file = g_object_ref (self->file);
  job->serial = gloss_annotation_set_get_change_serial (self->annotations);
  job->done = self->done;
  job->document_labels = self->document_labels != NULL ? g_variant_ref (self->document_labels) : NULL;
  job->size_hint = self->last_size;
  job->snapshot = take_snapshot (self);

  return job;
}

static void
save_job_free (SaveJob *job)
{
  g_clear_object (&job->file);
  g_clear_pointer (&job->snapshot, gloss_sidecar_snapshot_free);
  g_clear_pointer (&job->sha256, g_free);
  g_clear_pointer (&job->document_labels, g_variant_unref);
  g_free (job);
}

/* Print, hash, write atomically (see gloss-file.c: a crash leaves either
 * the old or the new file, never a truncated one; the file's mode is
 * kept), and look at the result. */
static gboolean
save_job_run (SaveJob  *job,
              GError  **error)
{
  g_autofree char *path = g_file_get_path (job->file);
  GString *text = render_snapshot (g_steal_pointer (&job->snapshot), job->size_hint);
  guint64 dev = 0, ino = 0;
  gboolean ok;

  job->size = text->len;
  job->sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) text->str,
                                             text->len);
  ok = gloss_file_replace_contents_full (path, text->str, text->len, &dev, &ino, error);
  g_string_free (text, TRUE);

  /* As soon as it is in place: the look of our own write, unless it is
   * plainly not ours any more (another file or another size: another
   * program's write in between, which the file monitor must read). */
  if (ok)
    {
      gloss_file_fingerprint_take (job->file, &job->written);
      if (job->written.exists
          && ((gsize) job->written.size != job->size
              || job->written.dev != dev || job->written.ino != ino))
        memset (&job->written, 0, sizeof job->written);
    }

  return ok;
}

static void
mark_saved (GlossSidecar *self,
            SaveJob      *job)
{
  self->saved_done = job->done;
  g_clear_pointer (&self->saved_document_labels, g_variant_unref);
  self->saved_document_labels = g_steal_pointer (&job->document_labels);
  /* The hash of what was written is known: the bytes need not be kept. */
  g_clear_pointer (&self->disk_bytes, g_bytes_unref);
  g_free (self->disk_sha256);
  self->disk_sha256 = g_strdup (job->sha256);
  self->written = job->written;
  self->last_size = job->size;
  self->saved_serial = job->serial;
  /* A load that failed meanwhile keeps the sidecar read-only. */
  if (self->state == GLOSS_SIDECAR_STATE_NEW)
    set_state (self, GLOSS_SIDECAR_STATE_LOADED);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
}

gboolean
gloss_sidecar_save (GlossSidecar  *self,
                    GCancellable  *cancellable,
                    GError       **error)
{
  SaveJob *job;
  gboolean ok;

  g_return_val_if_fail (GLOSS_IS_SIDECAR (self), FALSE);

  if (!check_writable (self, error))
    return FALSE;

  job = save_job_new (self);
  ok = save_job_run (job, error);
  if (ok)
    mark_saved (self, job);
  save_job_free (job);

  return ok;
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveJob *job = task_data;
  GError *error = NULL;

  if (save_job_run (job, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Takes what is written now, on the calling thread (a reference to each
 * annotation's values: a millisecond or two for 10,000, as the model is
 * not thread-safe), and prints, hashes and writes it in a worker thread.
 * Edits made meanwhile are not in this save: the sidecar stays dirty. */
void
gloss_sidecar_save_async (GlossSidecar        *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;

  g_return_if_fail (GLOSS_IS_SIDECAR (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gloss_sidecar_save_async);
  g_task_set_name (task, "[gloss] save sidecar");

  if (!check_writable (self, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_set_task_data (task, save_job_new (self), (GDestroyNotify) save_job_free);
  g_task_run_in_thread (task, save_thread);
}

gboolean
gloss_sidecar_save_finish (GlossSidecar  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (GLOSS_IS_SIDECAR (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  mark_saved (self, g_task_get_task_data (G_TASK (result)));
  return TRUE;
}

const GlossFileFingerprint *
gloss_sidecar_get_written_fingerprint (GlossSidecar *self)
{
  g_return_val_if_fail (GLOSS_IS_SIDECAR (self), NULL);

  return self->written.exists ? &self->written : NULL;
}

/* Accessors
 * ------------------------------------------------------------------------ */

GFile *
gloss_sidecar_get_file (GlossSidecar *self)
{
  g_return_val_if_fail (GLOSS_IS_SIDECAR (self), NULL);
  return self->file;
}

GlossDocument *
gloss_sidecar_get_document (GlossSidecar *self)
{
  g_return_val_if_fail (GLOSS_IS_SIDECAR (self), NULL);
  return self->document;
}

GlossAnnotationSet *
gloss_sidecar_get_annotations (GlossSidecar *self)
{
  g_return_val_if_fail (GLOSS_IS_SIDECAR (self), NULL);
  return self->annotations;
}

GlossSidecarState
gloss_sidecar_get_state (GlossSidecar *self)
{
  g_return_val_if_fail (GLOSS_IS_SIDECAR (self), GLOSS_SIDECAR_STATE_FAILED);
  return self->state;
}

gboolean
gloss_sidecar_is_read_only (GlossSidecar *self)
{
  g_return_val_if_fail (GLOSS_IS_SIDECAR (self), TRUE);
  return self->state == GLOSS_SIDECAR_STATE_FAILED
         || self->state == GLOSS_SIDECAR_STATE_NEWER;
}

const char *
gloss_sidecar_get_annotator_id (GlossSidecar *self)
{
  g_return_val_if_fail (GLOSS_IS_SIDECAR (self), NULL);
  return self->annotator_id;
}

const char *
gloss_sidecar_get_annotator_name (GlossSidecar *self)
{
  g_return_val_if_fail (GLOSS_IS_SIDECAR (self), NULL);
  return self->annotator_name;
}

void
gloss_sidecar_set_annotator_name (GlossSidecar *self,
                                  const char   *name)
{
  g_return_if_fail (GLOSS_IS_SIDECAR (self));

  if (g_strcmp0 (self->annotator_name, name) == 0)
    return;

  g_free (self->annotator_name);
  self->annotator_name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANNOTATOR_NAME]);
}

gint64
gloss_sidecar_get_version (GlossSidecar *self)
{
  g_return_val_if_fail (GLOSS_IS_SIDECAR (self), 0);
  return self->version;
}

GPtrArray *
gloss_sidecar_get_problems (GlossSidecar *self)
{
  g_return_val_if_fail (GLOSS_IS_SIDECAR (self), NULL);
  return self->problems;
}

guint
gloss_sidecar_count_problems (GlossSidecar  *self,
                              GlossSeverity  severity)
{
  guint count = 0;

  g_return_val_if_fail (GLOSS_IS_SIDECAR (self), 0);

  for (guint i = 0; i < self->problems->len; i++)
    {
      GlossProblem *problem = g_ptr_array_index (self->problems, i);
      if (problem->severity == severity)
        count++;
    }

  return count;
}

const GlossAnchorReport *
gloss_sidecar_get_anchor_report (GlossSidecar *self)
{
  g_return_val_if_fail (GLOSS_IS_SIDECAR (self), NULL);
  return &self->anchor_report;
}

gboolean
gloss_sidecar_was_reanchored (GlossSidecar *self)
{
  g_return_val_if_fail (GLOSS_IS_SIDECAR (self), FALSE);
  return self->reanchored;
}

gboolean
gloss_sidecar_is_dirty (GlossSidecar *self)
{
  g_return_val_if_fail (GLOSS_IS_SIDECAR (self), FALSE);
  return gloss_annotation_set_get_change_serial (self->annotations) != self->saved_serial
         || self->done != self->saved_done
         || !variant_equal0 (self->document_labels, self->saved_document_labels);
}

gboolean
gloss_sidecar_get_done (GlossSidecar *self)
{
  g_return_val_if_fail (GLOSS_IS_SIDECAR (self), FALSE);
  return self->done;
}

void
gloss_sidecar_set_done (GlossSidecar *self,
                        gboolean      done)
{
  g_return_if_fail (GLOSS_IS_SIDECAR (self));

  done = !!done;
  if (self->done == done)
    return;

  self->done = done;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DONE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
}

GVariant *
gloss_sidecar_get_document_label (GlossSidecar *self,
                                  const char   *id)
{
  g_return_val_if_fail (GLOSS_IS_SIDECAR (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return gloss_attribute_map_lookup (self->document_labels, id);
}

GVariant *
gloss_sidecar_peek_document_labels (GlossSidecar *self)
{
  g_return_val_if_fail (GLOSS_IS_SIDECAR (self), NULL);
  return self->document_labels;
}

void
gloss_sidecar_set_document_label (GlossSidecar *self,
                                  const char   *id,
                                  GVariant     *value)
{
  g_autoptr(GVariant) sunk = value != NULL ? g_variant_ref_sink (value) : NULL;
  g_autoptr(GVariant) old = NULL;
  gboolean was_dirty;

  g_return_if_fail (GLOSS_IS_SIDECAR (self));
  g_return_if_fail (id != NULL && id[0] != '\0');
  g_return_if_fail (sunk == NULL || gloss_attribute_value_is_storable (sunk));

  old = gloss_attribute_map_lookup (self->document_labels, id);
  if (variant_equal0 (old, sunk))
    return;

  was_dirty = gloss_sidecar_is_dirty (self);
  {
    GVariant *labels = gloss_attribute_map_set (self->document_labels, id, sunk);

    g_clear_pointer (&self->document_labels, g_variant_unref);
    self->document_labels = labels;
  }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT_LABELS]);
  if (was_dirty != gloss_sidecar_is_dirty (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
}

const char *
gloss_sidecar_get_disk_sha256 (GlossSidecar *self)
{
  g_return_val_if_fail (GLOSS_IS_SIDECAR (self), NULL);

  if (self->disk_sha256 == NULL && self->disk_bytes != NULL)
    self->disk_sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, self->disk_bytes);

  return self->disk_sha256;
}

typedef struct
{
  GWeakRef  sidecar;
  GBytes   *bytes;
} HashJob;

static void
hash_job_free (HashJob *job)
{
  g_weak_ref_clear (&job->sidecar);
  g_bytes_unref (job->bytes);
  g_free (job);
}

static void
hash_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  HashJob *job = task_data;

  g_task_return_pointer (task, g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, job->bytes), g_free);
}

static void
on_hashed (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  HashJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GlossSidecar) self = g_weak_ref_get (&job->sidecar);
  g_autofree char *sha256 = g_task_propagate_pointer (G_TASK (result), NULL);

  /* Still the bytes it was read from, and not hashed meanwhile. */
  if (self != NULL && self->disk_bytes == job->bytes && self->disk_sha256 == NULL)
    self->disk_sha256 = g_steal_pointer (&sha256);
}

void
gloss_sidecar_hash_disk_bytes_async (GlossSidecar *self)
{
  g_autoptr(GTask) task = NULL;
  HashJob *job;

  g_return_if_fail (GLOSS_IS_SIDECAR (self));

  if (self->disk_sha256 != NULL || self->disk_bytes == NULL)
    return;

  /* No reference on the sidecar: a session closed meanwhile is not kept. */
  job = g_new0 (HashJob, 1);
  g_weak_ref_init (&job->sidecar, self);
  job->bytes = g_bytes_ref (self->disk_bytes);
  task = g_task_new (NULL, NULL, on_hashed, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) hash_job_free);
  g_task_set_name (task, "[gloss] sidecar hash");
  g_task_run_in_thread (task, hash_thread);
}

JsonNode *
gloss_sidecar_get_extra_member (GlossSidecar *self,
                                const char   *name)
{
  g_return_val_if_fail (GLOSS_IS_SIDECAR (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (self->extra == NULL || !json_object_has_member (self->extra, name))
    return NULL;

  return json_object_get_member (self->extra, name);
}

void
gloss_sidecar_set_extra_member (GlossSidecar *self,
                                const char   *name,
                                JsonNode     *value)
{
  g_return_if_fail (GLOSS_IS_SIDECAR (self));
  g_return_if_fail (name != NULL);

  if (value == NULL)
    {
      if (self->extra != NULL)
        json_object_remove_member (self->extra, name);
      return;
    }

  if (self->extra == NULL)
    self->extra = json_object_new ();
  json_object_set_member (self->extra, name, json_node_copy (value));
}
