/* gloss-document.c — an article: its text, hash, length and offset index
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GlossDocument is immutable once loaded. It keeps the file's bytes as they
 * are (the text is a view past the BOM, if any) and an index that converts
 * between the three ways of counting a position: code points (what sidecars
 * store), UTF-8 bytes (what C and memcmp see) and UTF-16 code units (what
 * some export consumers want).
 *
 * The index stores, for every 64th code point, its byte and UTF-16 offset.
 * Converting from code points is then a table lookup plus a walk of at most
 * 63 characters; converting to code points is a binary search over the
 * table plus the same short walk. Pure-ASCII (and pure-BMP) texts skip the
 * walk altogether, since the counts coincide.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "gloss-document-private.h"
#include "gloss-error.h"
#include "gloss-file-load.h"

/* A power of two, so that offset / interval is a shift. Smaller means a
 * shorter walk but a larger table; at 64 the table costs 8 bytes per 64
 * characters and a walk stays well inside a cache line or two. */
#define CHECKPOINT_SHIFT    6
#define CHECKPOINT_INTERVAL (1u << CHECKPOINT_SHIFT)

#define UTF8_BOM     "\xEF\xBB\xBF"
#define UTF8_BOM_LEN 3

/* Offsets in the index are 32-bit; the size limit keeps them in range. */
G_STATIC_ASSERT (GLOSS_DOCUMENT_MAX_BYTES <= G_MAXUINT32);

typedef struct
{
  guint32 byte;    /* UTF-8 byte offset of code point k * CHECKPOINT_INTERVAL */
  guint32 utf16;   /* its UTF-16 offset */
} Checkpoint;

struct _GlossDocument
{
  GObject       parent_instance;

  GFile        *file;          /* NULL unless loaded from a file */
  char         *name;
  char         *sha256;

  char         *data;          /* the file's bytes, NUL-terminated */
  gsize         data_len;
  const char   *text;          /* data past the BOM */
  gsize         n_bytes;       /* of text */

  guint         length;        /* in code points */
  guint         utf16_length;

  Checkpoint   *checkpoints;
  guint         n_checkpoints;

  /* Created on first use (see ensure_boundaries()). */
  GlossTextBoundaries *boundaries;
  guint         text_flags;    /* GlossTextFlags, noted by build_index() */

  guint         has_bom : 1;
  guint         is_ascii : 1;  /* code points, bytes and UTF-16 all agree */
  guint         is_bmp : 1;    /* code points and UTF-16 agree */
};

G_DEFINE_FINAL_TYPE (GlossDocument, gloss_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FILE,
  PROP_NAME,
  PROP_LENGTH,
  PROP_SHA256,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
gloss_document_finalize (GObject *object)
{
  GlossDocument *self = (GlossDocument *)object;

  g_clear_object (&self->file);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->sha256, g_free);
  g_clear_pointer (&self->data, g_free);
  g_clear_pointer (&self->checkpoints, g_free);
  g_clear_pointer (&self->boundaries, gloss_text_boundaries_free);

  G_OBJECT_CLASS (gloss_document_parent_class)->finalize (object);
}

static void
gloss_document_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  GlossDocument *self = GLOSS_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_LENGTH:
      g_value_set_uint (value, self->length);
      break;

    case PROP_SHA256:
      g_value_set_string (value, self->sha256);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_document_class_init (GlossDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gloss_document_finalize;
  object_class->get_property = gloss_document_get_property;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_LENGTH] =
    g_param_spec_uint ("length", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_SHA256] =
    g_param_spec_string ("sha256", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gloss_document_init (GlossDocument *self)
{
}

/* Loading */

/* Names end up in error messages, which must be UTF-8 whatever the
 * file system's encoding. */
static char *
display_name (const char *name)
{
  return g_filename_display_name (name);
}

static gboolean
check_size (const char  *name,
            guint64      size,
            GError     **error)
{
  g_autofree char *display = NULL;

  if (size <= GLOSS_DOCUMENT_MAX_BYTES)
    return TRUE;

  display = display_name (name);
  gloss_file_set_too_large_error (error, display, size, GLOSS_DOCUMENT_MAX_BYTES);
  return FALSE;
}

/* Refuses anything that is not UTF-8 text. The offset in the message counts
 * from the start of the file, BOM included, so that it matches what a hex
 * editor or `cmp` shows. */
static gboolean
check_utf8 (const char  *name,
            const char  *data,
            gsize        data_len,
            gsize        bom_len,
            GError     **error)
{
  g_autofree char *display = NULL;
  const char *bad = NULL;
  unsigned long where;

  /* With an explicit length, g_utf8_validate_len() also stops at a NUL
   * byte, which is what we want: a NUL means a binary file, and it would
   * truncate the text for every C string API downstream. */
  if (g_utf8_validate_len (data + bom_len, data_len - bom_len, &bad))
    return TRUE;

  display = display_name (name);

  /* Plain %lu rather than G_GSIZE_FORMAT inside _(): xgettext cannot see
   * through the macro and would cut the message short. */
  where = (unsigned long)(bad - data);

  if (*bad == '\0')
    g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID_UTF8,
                 /* Translators: %s is a file name, %lu a byte offset in it */
                 _("%s: NUL byte at byte %lu: not a text file"),
                 display, where);
  else
    g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID_UTF8,
                 /* Translators: %s is a file name, %lu a byte offset in it */
                 _("%s: invalid UTF-8 at byte %lu"),
                 display, where);

  return FALSE;
}

/* The text is known to be valid UTF-8, so a lead byte tells the length of
 * its sequence without further checks... */
static inline guint
utf8_sequence_length (guchar lead)
{
  if (lead < 0x80)
    return 1;
  else if (lead < 0xE0)
    return 2;
  else if (lead < 0xF0)
    return 3;
  else
    return 4;
}

/* ...and only four-byte sequences (U+10000 and up) take two UTF-16 units,
 * a surrogate pair. */
static inline guint
utf16_units (guchar lead)
{
  return lead >= 0xF0 ? 2 : 1;
}

/* Builds the checkpoint table in one pass over valid UTF-8, counting code
 * points and UTF-16 units on the way. */
static void
build_index (GlossDocument *self)
{
  const guchar *start = (const guchar *)self->text;
  const guchar *end = start + self->n_bytes;
  const guchar *p = start;
  guint max_checkpoints;
  guint n_checkpoints = 0;
  guint length = 0;
  guint utf16 = 0;
  guint text_flags = 0;

  /* A code point takes at least one byte, so this is an upper bound; the
   * table is shrunk to fit afterwards. */
  max_checkpoints = (guint)(self->n_bytes >> CHECKPOINT_SHIFT) + 1;
  self->checkpoints = g_new (Checkpoint, max_checkpoints);

  while (p < end)
    {
      guchar c = *p;

      if ((length & (CHECKPOINT_INTERVAL - 1)) == 0)
        {
          self->checkpoints[n_checkpoints].byte = (guint32)(p - start);
          self->checkpoints[n_checkpoints].utf16 = utf16;
          n_checkpoints++;
        }

      /* Three- and four-byte characters only: scripts and joiners that
       * decide how the boundaries are computed (gloss-text-boundaries.c). */
      if (G_UNLIKELY (c >= 0xE0))
        text_flags |= gloss_text_classify (p);

      p += utf8_sequence_length (c);
      utf16 += utf16_units (c);
      length++;
    }

  /* No checkpoint for the end of the text: every lookup clamps to the end
   * before it consults the table. */
  g_assert (n_checkpoints <= max_checkpoints);

  self->checkpoints = g_renew (Checkpoint, self->checkpoints, n_checkpoints);
  self->n_checkpoints = n_checkpoints;
  self->length = length;
  self->utf16_length = utf16;
  self->text_flags = text_flags;
  self->is_ascii = (length == self->n_bytes);
  self->is_bmp = (length == utf16);
}

/* Takes ownership of @data, which holds @data_len bytes followed by a NUL. */
static GlossDocument *
gloss_document_new_take (char        *data,
                         gsize        data_len,
                         const char  *name,
                         GFile       *file,
                         GError     **error)
{
  g_autofree char *owned = data;
  GlossDocument *self;
  gsize bom_len = 0;

  g_assert (data != NULL);
  g_assert (data[data_len] == '\0');

  if (name == NULL)
    name = "untitled";

  if (!check_size (name, data_len, error))
    return NULL;

  if (data_len >= UTF8_BOM_LEN && memcmp (data, UTF8_BOM, UTF8_BOM_LEN) == 0)
    bom_len = UTF8_BOM_LEN;

  if (!check_utf8 (name, data, data_len, bom_len, error))
    return NULL;

  self = g_object_new (GLOSS_TYPE_DOCUMENT, NULL);
  self->file = file ? g_object_ref (file) : NULL;
  self->name = g_strdup (name);
  /* The hash is of the file as it is on disk, BOM and all, so that any
   * change to the file — even one invisible in the text — is noticed. */
  self->sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                              (const guchar *)data, data_len);
  self->data = g_steal_pointer (&owned);
  self->data_len = data_len;
  self->has_bom = bom_len > 0;
  self->text = self->data + bom_len;
  self->n_bytes = data_len - bom_len;

  build_index (self);

  return self;
}

static char *
copy_nul_terminated (const char *data,
                     gsize       len)
{
  char *copy = g_malloc (len + 1);

  if (len > 0)
    memcpy (copy, data, len);
  copy[len] = '\0';

  return copy;
}

/**
 * gloss_document_new_from_file:
 *
 * Loads an article. The file is refused if it is not a regular file (a
 * FIFO, a device, a folder: %G_IO_ERROR_NOT_REGULAR_FILE or
 * %G_IO_ERROR_IS_DIRECTORY), is larger than %GLOSS_DOCUMENT_MAX_BYTES, is
 * not valid UTF-8 or contains a NUL byte. I/O errors are %G_IO_ERROR.
 */
GlossDocument *
gloss_document_new_from_file (GFile         *file,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_autofree char *name = NULL;
  g_autofree char *display = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = g_file_get_basename (file);
  display = display_name (name);

  /* Only a regular file is read (a FIFO or /dev/zero under an article's
   * name would block or never end), and a stray multi-gigabyte one is
   * refused from its size, before it is read into memory. The buffer comes
   * NUL-terminated, so it can be kept as it is. */
  if (!gloss_file_load_contents (file, display, GLOSS_DOCUMENT_MAX_BYTES,
                                 &contents, &len, cancellable, error))
    return NULL;

  return gloss_document_new_take (contents, len, name, file, error);
}

/**
 * gloss_document_new_from_bytes:
 * @name: (nullable): the name used for the document and in error messages
 *
 * Like gloss_document_new_from_file(), for bytes already in memory
 * (which are copied).
 */
GlossDocument *
gloss_document_new_from_bytes (GBytes      *bytes,
                               const char  *name,
                               GError     **error)
{
  const char *data;
  gsize len;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &len);

  /* Refuse before copying, for the same reason as in new_from_file(). */
  if (!check_size (name ? name : "untitled", len, error))
    return NULL;

  return gloss_document_new_take (copy_nul_terminated (data, len), len,
                                  name, NULL, error);
}

/**
 * gloss_document_new_from_text:
 * @length: length of @text in bytes, or -1 if it is NUL-terminated
 *
 * A document named "untitled", for text that did not come from a file.
 * The text goes through the same checks as a file's bytes: a leading BOM
 * is dropped, invalid UTF-8 and NUL bytes are refused.
 */
GlossDocument *
gloss_document_new_from_text (const char  *text,
                              gssize       length,
                              GError     **error)
{
  gsize len;

  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (text == NULL)
    text = "";

  len = length < 0 ? strlen (text) : (gsize)length;

  if (!check_size ("untitled", len, error))
    return NULL;

  return gloss_document_new_take (copy_nul_terminated (text, len), len,
                                  "untitled", NULL, error);
}

/* Accessors */

GFile *
gloss_document_get_file (GlossDocument *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (self), NULL);

  return self->file;
}

const char *
gloss_document_get_name (GlossDocument *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (self), NULL);

  return self->name;
}

const char *
gloss_document_get_text (GlossDocument *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (self), NULL);

  return self->text;
}

gsize
gloss_document_get_n_bytes (GlossDocument *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (self), 0);

  return self->n_bytes;
}

guint
gloss_document_get_length (GlossDocument *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (self), 0);

  return self->length;
}

const char *
gloss_document_get_sha256 (GlossDocument *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (self), NULL);

  return self->sha256;
}

gboolean
gloss_document_has_bom (GlossDocument *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (self), FALSE);

  return self->has_bom;
}

guint
gloss_document_get_utf16_length (GlossDocument *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (self), 0);

  return self->utf16_length;
}

/* Offset conversion */

/* The last checkpoint at or before @byte. */
static guint
find_checkpoint_by_byte (GlossDocument *self,
                         gsize          byte)
{
  guint lo = 0;
  guint hi = self->n_checkpoints;

  /* Invariant: checkpoints[lo].byte <= byte (checkpoint 0 is at byte 0),
   * and every checkpoint at or past hi is beyond it. */
  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (self->checkpoints[mid].byte <= byte)
        lo = mid;
      else
        hi = mid;
    }

  return lo;
}

/* The last checkpoint at or before @utf16. */
static guint
find_checkpoint_by_utf16 (GlossDocument *self,
                          guint          utf16)
{
  guint lo = 0;
  guint hi = self->n_checkpoints;

  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (self->checkpoints[mid].utf16 <= utf16)
        lo = mid;
      else
        hi = mid;
    }

  return lo;
}

#define HIGH_BITS G_GUINT64_CONSTANT (0x8080808080808080)

/* @n code points on from @p, which has at least that many before the end:
 * eight ASCII bytes at a time where it can (news text is mostly ASCII
 * between its quotes and dashes). Eight bytes are read only while eight
 * code points remain, so never past them. */
static inline const char *
skip_chars (const char *p,
            guint       n)
{
  while (n > 0)
    {
      if (n >= 8)
        {
          guint64 word;

          memcpy (&word, p, sizeof word);
          if ((word & HIGH_BITS) == 0)
            {
              p += 8;
              n -= 8;
              continue;
            }
        }

      p = g_utf8_next_char (p);
      n--;
    }

  return p;
}

/* Without the GObject type check: used in hot loops by the functions
 * below, which have already checked. */
static inline gsize
offset_to_byte (GlossDocument *self,
                guint          offset)
{
  const char *p;

  if (offset >= self->length)
    return self->n_bytes;

  if (self->is_ascii)
    return offset;

  p = skip_chars (self->text + self->checkpoints[offset >> CHECKPOINT_SHIFT].byte,
                  offset & (CHECKPOINT_INTERVAL - 1));

  return (gsize)(p - self->text);
}

gsize
gloss_document_offset_to_byte (GlossDocument *self,
                               guint          offset)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (self), 0);

  return offset_to_byte (self, offset);
}

guint
gloss_document_byte_to_offset (GlossDocument *self,
                               gsize          byte)
{
  const Checkpoint *cp;
  const char *p;
  const char *target;
  guint k;
  guint offset;

  g_return_val_if_fail (GLOSS_IS_DOCUMENT (self), 0);

  if (byte >= self->n_bytes)
    return self->length;

  if (self->is_ascii)
    return (guint)byte;

  /* Round down to the start of the character: back over continuation
   * bytes (10xxxxxx). At most three steps in valid UTF-8. */
  while (byte > 0 && ((guchar)self->text[byte] & 0xC0) == 0x80)
    byte--;

  k = find_checkpoint_by_byte (self, byte);
  cp = &self->checkpoints[k];
  p = self->text + cp->byte;
  target = self->text + byte;
  offset = k << CHECKPOINT_SHIFT;

  while (p < target)
    {
      p = g_utf8_next_char (p);
      offset++;
    }

  return offset;
}

guint
gloss_document_offset_to_utf16 (GlossDocument *self,
                                guint          offset)
{
  const Checkpoint *cp;
  const guchar *p;
  guint utf16;

  g_return_val_if_fail (GLOSS_IS_DOCUMENT (self), 0);

  if (offset >= self->length)
    return self->utf16_length;

  if (self->is_bmp)
    return offset;

  cp = &self->checkpoints[offset >> CHECKPOINT_SHIFT];
  p = (const guchar *)self->text + cp->byte;
  utf16 = cp->utf16;

  for (guint i = offset & (CHECKPOINT_INTERVAL - 1); i > 0; i--)
    {
      utf16 += utf16_units (*p);
      p = (const guchar *)g_utf8_next_char (p);
    }

  return utf16;
}

guint
gloss_document_utf16_to_offset (GlossDocument *self,
                                guint          utf16)
{
  const Checkpoint *cp;
  const guchar *p;
  guint k;
  guint offset;
  guint at;

  g_return_val_if_fail (GLOSS_IS_DOCUMENT (self), 0);

  if (utf16 >= self->utf16_length)
    return self->length;

  if (self->is_bmp)
    return utf16;

  k = find_checkpoint_by_utf16 (self, utf16);
  cp = &self->checkpoints[k];
  p = (const guchar *)self->text + cp->byte;
  at = cp->utf16;
  offset = k << CHECKPOINT_SHIFT;

  /* Stop before a character that would overshoot: that is the case of
   * @utf16 pointing between the two halves of a surrogate pair, which
   * rounds down to the pair's start. */
  while (at + utf16_units (*p) <= utf16)
    {
      at += utf16_units (*p);
      p = (const guchar *)g_utf8_next_char (p);
      offset++;
    }

  return offset;
}

/* Slices */

static void
clamp_range (GlossDocument *self,
             guint         *start,
             guint         *end)
{
  *start = MIN (*start, self->length);
  *end = CLAMP (*end, *start, self->length);
}

char *
gloss_document_dup_slice (GlossDocument *self,
                          guint          start,
                          guint          end)
{
  gsize b0;
  gsize b1;

  g_return_val_if_fail (GLOSS_IS_DOCUMENT (self), NULL);

  clamp_range (self, &start, &end);
  b0 = offset_to_byte (self, start);
  b1 = offset_to_byte (self, end);

  return g_strndup (self->text + b0, b1 - b0);
}

/**
 * gloss_document_slice_equals:
 *
 * Unlike gloss_document_dup_slice(), a range that is not inside the text
 * (@end past the length, or @start after @end) is not clamped: it never
 * matches, not even "". This is a verification, used to check stored
 * offsets against their text, and a range that does not exist must not
 * pass it.
 */
gboolean
gloss_document_slice_equals (GlossDocument *self,
                             guint          start,
                             guint          end,
                             const char    *str)
{
  gsize str_len;
  gsize n_chars;
  gsize b0;
  gsize b1;

  g_return_val_if_fail (GLOSS_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (str != NULL, FALSE);

  if (start > end || end > self->length)
    return FALSE;

  /* Each code point takes one to four bytes: reject impossible lengths
   * before walking the text at all. This is the common case when
   * searching for a string at many candidate positions. */
  str_len = strlen (str);
  n_chars = end - start;
  if (str_len < n_chars || str_len > n_chars * 4)
    return FALSE;

  b0 = offset_to_byte (self, start);
  b1 = offset_to_byte (self, end);

  return b1 - b0 == str_len && memcmp (self->text + b0, str, str_len) == 0;
}

/* Segmentation */

/* English clitics.
 *
 * UAX #29 keeps an apostrophe between two letters inside the word, so
 * "NATO’s", "don’t" and "they’re" are one word segment each. But a person
 * marks "NATO" in "NATO’s", and tokenizers for English cut there too. The
 * rule is that of NLTK's Penn Treebank tokenizer (nltk/tokenize/treebank.py,
 * TreebankWordTokenizer.ENDING_QUOTES: ([^' ])('[sS]|'[mM]|'[dD]|') and
 * ([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) at the end of a word), which
 * spaCy's English tokenizer follows as well (spacy/lang/punctuation.py, the
 * suffixes 's 'S ’s ’S; spacy/lang/en/tokenizer_exceptions.py, n't 're 've
 * 'll 'd 'm after pronouns and verbs), the curly apostrophe U+2019 counting
 * as the straight one, as it does in spaCy:
 *
 *  - a word segment that ends in an apostrophe and s, m or d (either case),
 *    or ll, re or ve (both lower or both upper case), is cut before the
 *    apostrophe: NATO|’s, Biden|'s, they|’re, I|’m, NATO|’S;
 *  - one that ends in n’t or N’T is cut before the n: do|n’t, ca|n’t;
 *  - again on what is left, so that should|n’t|’ve is three words.
 *
 * Only at the end of a segment, and only after something of the same
 * segment: "O’Brien" stays whole ("Brien" is no clitic; NLTK and spaCy keep
 * it whole too), and so do "o’clock", "ma’am" and "rock’n’roll". The plural
 * possessive "workers’" and the ’n’ of "rock ’n’ roll" need no rule: UAX #29
 * never joins an apostrophe without a letter on both sides, so they are
 * already apart. Nothing here depends on the language of the text: a Dutch
 * plural "foto’s" is cut as well (docs/conll.md says so). */

/* (The rule itself is gloss_text_split_clitics(), in gloss-text-boundaries.c.) */

static gsize
boundaries_offset_to_byte (gpointer data,
                           guint    offset)
{
  return offset_to_byte (data, offset);
}

/* Pango's boundaries, computed a paragraph (or, in a very long one, a few
 * kilobytes) at a time as questions come, and kept in a bitset: most
 * documents loaded (by the CLI, by a corpus scan) never need them, a
 * question about one word needs only its paragraph, and a whole pass over a
 * megabyte costs some 30 ms. Guarded by g_once_init_*() so that a document
 * shared with a worker thread (an export, say) stays safe to read; the
 * cache is itself safe to use from several threads.
 *
 * A text with both an Indic script and a joiner (ZWJ, ZWNJ, Sinhala
 * al-lakuna) is done in one pass over the whole text, as before, since
 * Pango's Indic tailoring of those depends on script runs that cross
 * paragraphs (gloss-text-boundaries.c). */
static GlossTextBoundaries *
ensure_boundaries (GlossDocument *self)
{
  if (g_once_init_enter (&self->boundaries))
    {
      guint both = GLOSS_TEXT_HAS_INDIC | GLOSS_TEXT_HAS_JOINER;
      GlossTextBoundaries *boundaries =
        gloss_text_boundaries_new (self->text, self->n_bytes, self->length,
                                   (self->text_flags & both) == both,
                                   boundaries_offset_to_byte, self);

      g_once_init_leave (&self->boundaries, boundaries);
    }

  return self->boundaries;
}

GlossTextBoundaries *
gloss_document_get_boundaries (GlossDocument *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (self), NULL);

  return ensure_boundaries (self);
}

static inline gboolean
boundary_at (GlossDocument     *self,
             guint              offset,
             GlossTextBoundary  which)
{
  return gloss_text_boundaries_get (ensure_boundaries (self), offset, which);
}

/* Characters that take part in no grapheme cluster rule but CR LF (UAX #29):
 * none is Extend, ZWJ, SpacingMark, Prepend, Hangul or a regional indicator,
 * so between two of them there is always a boundary. That answers nearly
 * every question about news text — letters, digits, spaces, punctuation,
 * curly quotes, dashes — without running Pango at all, which only the rest
 * (combining marks, emoji, Indic scripts, Hangul, …) still needs. The ranges: below U+0300 (ASCII,
 * controls, Latin-1, Latin Extended-A/B, IPA, spacing modifiers); Greek
 * and Coptic; Cyrillic but its combining marks U+0483–U+0489; General
 * Punctuation from U+2010 to U+205E (not the format characters around it);
 * CJK Unified Ideographs. */
static inline gboolean
is_simple_char (gunichar c)
{
  return c < 0x0300
         || (c >= 0x0370 && c <= 0x0482)
         || (c >= 0x048A && c <= 0x052F)
         || (c >= 0x2010 && c <= 0x205E)
         || (c >= 0x4E00 && c <= 0x9FFF);
}

/* Whether @offset, at byte @byte, is a grapheme boundary; @offset is
 * within the text. */
static gboolean
is_grapheme_boundary_at (GlossDocument *self,
                         guint          offset,
                         gsize          byte)
{
  /* Both ends of the text are boundaries, whatever Pango says of them. */
  if (offset == 0 || offset == self->length)
    return TRUE;

  {
    const char *at = self->text + byte;
    gunichar before = g_utf8_get_char (g_utf8_prev_char (at));
    gunichar after = g_utf8_get_char (at);

    if (is_simple_char (before) && is_simple_char (after))
      return !(before == '\r' && after == '\n');
  }

  return boundary_at (self, offset, GLOSS_TEXT_BOUNDARY_GRAPHEME);
}

/* offset_to_byte(), walking from @from (at byte @from_byte) when that is
 * before @offset and nearer than its checkpoint. */
static inline gsize
offset_to_byte_from (GlossDocument *self,
                     guint          from,
                     gsize          from_byte,
                     guint          offset)
{
  const char *p;
  guint n;

  if (offset >= self->length)
    return self->n_bytes;

  if (self->is_ascii)
    return offset;

  if (from <= offset && (from >> CHECKPOINT_SHIFT) == (offset >> CHECKPOINT_SHIFT))
    {
      p = self->text + from_byte;
      n = offset - from;
    }
  else
    {
      p = self->text + self->checkpoints[offset >> CHECKPOINT_SHIFT].byte;
      n = offset & (CHECKPOINT_INTERVAL - 1);
    }

  return (gsize)(skip_chars (p, n) - self->text);
}

void
gloss_document_check_span (GlossDocument       *self,
                           GlossDocumentCursor *cursor,
                           guint                start,
                           guint                end,
                           const char          *exact,
                           gsize                exact_len,
                           gboolean            *start_is_boundary,
                           gboolean            *end_is_boundary,
                           gboolean            *matches)
{
  gsize b0;
  gsize b1;

  g_return_if_fail (GLOSS_IS_DOCUMENT (self));
  g_return_if_fail (start < end && end <= self->length);

  b0 = offset_to_byte_from (self, cursor->offset, cursor->byte, start);
  b1 = offset_to_byte_from (self, start, b0, end);
  cursor->offset = start;
  cursor->byte = b0;

  *start_is_boundary = is_grapheme_boundary_at (self, start, b0);
  *end_is_boundary = is_grapheme_boundary_at (self, end, b1);
  *matches = b1 - b0 == exact_len && memcmp (self->text + b0, exact, exact_len) == 0;
}

gboolean
gloss_document_is_grapheme_boundary (GlossDocument *self,
                                     guint          offset)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (self), FALSE);

  if (offset > self->length)
    return FALSE;

  return is_grapheme_boundary_at (self, offset, offset_to_byte (self, offset));
}

/* Words.
 *
 * Pango's is_word_start and is_word_end flags come from its own, older
 * notion of a word, which breaks at every apostrophe and full stop: "don't"
 * is three words to it, and so are "O’Brien", "U.S" and "3.5". Its
 * is_word_boundary flag is the UAX #29 word boundary instead, which keeps
 * those together (an apostrophe or a point between two letters, or between
 * two digits, does not break). UAX #29 cuts the whole text into segments,
 * punctuation and runs of spaces included, so a segment counts as a word
 * here only if it has a letter or a digit in it.
 *
 * Everything below looks at one segment at a time, found by walking from
 * the offset to the boundaries on either side, so that a query costs the
 * length of that segment rather than of the text. */

/* Both ends of the text are boundaries, whatever Pango says of them, as for
 * graphemes: the walks below then always stop. @offset <= length. */
static inline gboolean
is_word_boundary (GlossDocument *self,
                  guint          offset)
{
  return offset == 0 || offset >= self->length
         || boundary_at (self, offset, GLOSS_TEXT_BOUNDARY_WORD);
}

/* The last word boundary before @offset, which must be > 0. */
static guint
prev_word_boundary (GlossDocument *self,
                    guint          offset)
{
  g_assert (offset > 0);

  do
    offset--;
  while (!is_word_boundary (self, offset));

  return offset;
}

/* The first word boundary after @offset, which must be < length. */
static guint
next_word_boundary (GlossDocument *self,
                    guint          offset)
{
  g_assert (offset < self->length);

  do
    offset++;
  while (!is_word_boundary (self, offset));

  return offset;
}

/* Whether the segment text[start:end) is a word: has a letter or a digit.
 * The first character usually settles it, but not always: "_id" is one
 * segment, since an underscore joins on to letters and digits. */
static gboolean
segment_is_word (GlossDocument *self,
                 guint          start,
                 guint          end)
{
  const char *p = self->text + offset_to_byte (self, start);

  for (guint i = start; i < end; i++)
    {
      if (g_unichar_isalnum (g_utf8_get_char (p)))
        return TRUE;
      p = g_utf8_next_char (p);
    }

  return FALSE;
}

gboolean
gloss_document_is_word_start (GlossDocument *self,
                              guint          offset)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (self), FALSE);

  if (offset >= self->length)
    return FALSE;

  if (!is_word_boundary (self, offset))
    return FALSE;

  return segment_is_word (self, offset, next_word_boundary (self, offset));
}

gboolean
gloss_document_is_word_end (GlossDocument *self,
                            guint          offset)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (self), FALSE);

  if (offset == 0 || offset > self->length)
    return FALSE;

  if (!is_word_boundary (self, offset))
    return FALSE;

  return segment_is_word (self, prev_word_boundary (self, offset), offset);
}

gboolean
gloss_document_is_sentence_boundary (GlossDocument *self,
                                     guint          offset)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (self), FALSE);

  if (offset > self->length)
    return FALSE;

  return boundary_at (self, offset, GLOSS_TEXT_BOUNDARY_SENTENCE);
}

guint
gloss_document_next_grapheme_boundary (GlossDocument *self,
                                       guint          offset)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (self), 0);

  if (offset == 0 || offset >= self->length)
    return MIN (offset, self->length);

  while (offset < self->length && !boundary_at (self, offset, GLOSS_TEXT_BOUNDARY_GRAPHEME))
    offset++;

  return offset;
}

guint
gloss_document_prev_grapheme_boundary (GlossDocument *self,
                                       guint          offset)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (self), 0);

  if (offset == 0 || offset >= self->length)
    return MIN (offset, self->length);

  while (offset > 0 && !boundary_at (self, offset, GLOSS_TEXT_BOUNDARY_GRAPHEME))
    offset--;

  return offset;
}

/* Snapping: an offset strictly inside a word moves to that word's start
 * (or end); an offset at a word boundary, or inside a segment that is not a
 * word (a run of spaces, say), stays where it is — the user chose to include
 * or leave out that space or punctuation. */
static gboolean
find_word_around (GlossDocument *self,
                  guint          offset,
                  guint         *start,
                  guint         *end)
{
  if (is_word_boundary (self, offset))
    return FALSE;

  *start = prev_word_boundary (self, offset);
  *end = next_word_boundary (self, offset);

  return segment_is_word (self, *start, *end);
}

guint
gloss_document_word_start_before (GlossDocument *self,
                                  guint          offset)
{
  guint start;
  guint end;

  g_return_val_if_fail (GLOSS_IS_DOCUMENT (self), 0);

  offset = MIN (offset, self->length);

  return find_word_around (self, offset, &start, &end) ? start : offset;
}

guint
gloss_document_word_end_after (GlossDocument *self,
                               guint          offset)
{
  guint start;
  guint end;

  g_return_val_if_fail (GLOSS_IS_DOCUMENT (self), 0);

  offset = MIN (offset, self->length);

  return find_word_around (self, offset, &start, &end) ? end : offset;
}

guint
gloss_document_step_bound (GlossDocument *self,
                           guint          offset,
                           gboolean       forward,
                           gboolean       to_start,
                           guint          low,
                           guint          high)
{
  guint o;

  g_return_val_if_fail (GLOSS_IS_DOCUMENT (self), 0);
  g_return_val_if_fail (low <= high, offset);

  high = MIN (high, self->length);
  low = MIN (low, high);
  o = CLAMP (offset, low, high);

  /* At the limit already: nowhere to go (and no wrapping below 0). */
  if (forward ? o >= high : o <= low)
    return o;

  do
    o = forward ? o + 1 : o - 1;
  while (o > low && o < high
         && !(to_start ? gloss_document_is_word_start (self, o)
                       : gloss_document_is_word_end (self, o)));

  return o;
}
