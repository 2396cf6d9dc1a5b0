/* gloss-test-utils.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <dirent.h>
#include <linux/capability.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "gloss-test-utils.h"

GlossDocument *
gloss_test_doc_new (const char *text)
{
  g_autoptr(GError) error = NULL;
  GlossDocument *doc;

  doc = gloss_document_new_from_text (text, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (doc);

  return doc;
}

void
gloss_test_remove_tree (const char *path)
{
  GDir *dir;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_unlink (path);
      return;
    }

  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      gloss_test_remove_tree (child);
    }
  g_clear_pointer (&dir, g_dir_close);
  g_rmdir (path);
}

static gboolean
on_deadline (gpointer user_data)
{
  gboolean *flag = user_data;

  *flag = TRUE;
  return G_SOURCE_REMOVE;
}

guint
gloss_test_add_deadline (guint     ms,
                         gboolean *flag)
{
  return g_timeout_add (ms, on_deadline, flag);
}

void
gloss_test_spin (guint ms)
{
  gboolean done = FALSE;

  gloss_test_add_deadline (ms, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static struct __user_cap_data_struct saved_caps[_LINUX_CAPABILITY_U32S_3];

gboolean
gloss_test_drop_read_capabilities (void)
{
  struct __user_cap_header_struct header = { _LINUX_CAPABILITY_VERSION_3, 0 };
  struct __user_cap_data_struct caps[_LINUX_CAPABILITY_U32S_3];

  if (syscall (SYS_capget, &header, saved_caps) != 0)
    return FALSE;
  memcpy (caps, saved_caps, sizeof caps);
  caps[0].effective &= ~((1u << CAP_DAC_OVERRIDE) | (1u << CAP_DAC_READ_SEARCH));

  return syscall (SYS_capset, &header, caps) == 0;
}

void
gloss_test_restore_capabilities (void)
{
  struct __user_cap_header_struct header = { _LINUX_CAPABILITY_VERSION_3, 0 };

  syscall (SYS_capset, &header, saved_caps);
}

gboolean
gloss_test_can_list (const char *path)
{
  DIR *dir = opendir (path);

  if (dir == NULL)
    return FALSE;
  closedir (dir);
  return TRUE;
}

GlossTestRecord *
gloss_test_record_new (const char *article_id,
                       const char *annotator,
                       const char *text)
{
  GlossTestRecord *self = g_new0 (GlossTestRecord, 1);
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/test.txt.tester.gloss.json");

  self->document = gloss_test_doc_new (text);
  self->sidecar = gloss_sidecar_new (file, self->document);
  self->labels = gloss_label_set_get_builtin ();
  self->record.document = self->document;
  self->record.sidecar = self->sidecar;
  self->record.labels = self->labels;
  self->record.annotator = annotator;
  self->record.article_id = article_id;

  return self;
}

void
gloss_test_record_free (GlossTestRecord *self)
{
  g_object_unref (self->sidecar);
  g_object_unref (self->document);
  g_object_unref (self->labels);
  g_free (self);
}

GlossAnnotation *
gloss_test_record_add_span_on (GlossTestRecord *self,
                               const char      *label,
                               const char      *needle)
{
  const char *text = gloss_document_get_text (self->document);
  const char *at = strstr (text, needle);
  g_autoptr(GError) error = NULL;
  GlossAnnotation *span;
  guint start;

  g_assert_nonnull (at);
  start = (guint) g_utf8_pointer_to_offset (text, at);
  span = gloss_annotation_set_create (gloss_sidecar_get_annotations (self->sidecar), label,
                                      start, start + (guint) g_utf8_strlen (needle, -1), &error);
  g_assert_no_error (error);

  return span;
}
