/* gloss-json-reader.c — a fast, strict, read-only JSON parser
 *
 * Why not json-glib's JsonParser: on a 10,000-annotation sidecar it spends
 * longer building and freeing its tree (one allocation per node and per
 * string) than a whole load may take, and it is lax in ways that let a
 * damaged file through (trailing content, single quotes, wrapped integers,
 * lone surrogates, strings cut at \u0000, unbounded recursion).
 *
 * How it is fast: one pass over the bytes, no function call per character
 * (strings are scanned eight bytes at a time), and every value, string and
 * member name goes into a few big arena chunks. Containers collect their
 * children on a temporary stack and copy them into the arena once, when
 * they close, so a document is a tree of plain arrays.
 *
 * How it stays safe: no recursion (an explicit stack of open containers,
 * bounded by max_depth), never a read past @size, and UTF-8 is checked
 * inside strings, the only place where non-ASCII bytes may appear.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <sys/mman.h>

#include <glib/gi18n-lib.h>

#include "gloss-error.h"
#include "gloss-json-reader.h"

typedef struct _GlossJsonMember GlossJsonMember;

struct _GlossJsonValue
{
  guint32 type;    /* a GlossJsonType */
  guint32 length;  /* bytes of a string; elements or members of a container;
                    * for a DOUBLE, DOUBLE_WHOLE and DOUBLE_ROUNDED (below) */
  union
  {
    gboolean               boolean;
    gint64                 integer;
    double                 number;
    const char            *string;
    const GlossJsonValue  *elements;
    const GlossJsonMember *members;
  } u;
};

/* Also the slot type of the parser's stack, so that an object's members
 * are copied into the arena with a single memcpy. Array elements leave
 * @name NULL. */
struct _GlossJsonMember
{
  GlossJsonValue  value;
  const char     *name;
  gsize           name_len;
};

/* Arena chunks; the header keeps the data after it 8-byte aligned. */
typedef struct _Chunk Chunk;
struct _Chunk
{
  Chunk    *next;
  gsize     mapped;   /* bytes mapped with mmap(), or 0: from g_malloc() */
};

struct _GlossJsonDoc
{
  GlossJsonValue  root;
  Chunk          *chunks;     /* newest first */
  char           *pos;        /* free space in the newest chunk */
  char           *limit;
  gsize           next_size;  /* bytes of the next chunk */
  gsize           longest;    /* bytes of the longest string or member name */
};

#define ARENA_ALIGN      8
#define MIN_CHUNK_SIZE   (4 * 1024)
#define MAX_FIRST_CHUNK  (64 * 1024 * 1024)

/* Up to this many members, duplicates are found by comparing each new name
 * with the ones before (sidecar objects have about ten); beyond it, with a
 * hash set. */
#define MAX_LINEAR_MEMBERS 32

#define UTF8_BOM "\xEF\xBB\xBF"

/* ------------------------------------------------------------------------ */
/* Arena                                                                    */

/* A chunk this large is mapped apart, on huge pages where the system
 * gives them on request: a 3.7 MB sidecar fills some 6 MB of arena, which
 * is 1,500 page faults in 4 KB pages (a tenth of a validate) and 3 in
 * 2 MB ones. */
#define HUGE_CHUNK_SIZE  (4 * 1024 * 1024)
#define HUGE_PAGE_SIZE   (2 * 1024 * 1024)

static Chunk *
map_chunk (gsize size)
{
#ifdef MADV_HUGEPAGE
  gsize mapped = (sizeof (Chunk) + size + HUGE_PAGE_SIZE - 1) & ~(gsize) (HUGE_PAGE_SIZE - 1);
  gsize reserved = mapped + HUGE_PAGE_SIZE;
  char *start = mmap (NULL, reserved, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  char *aligned;
  Chunk *chunk;

  if (start == MAP_FAILED)
    return NULL;

  /* Huge pages need 2 MB alignment: what is mapped around it goes back. */
  aligned = (char *) (((guintptr) start + HUGE_PAGE_SIZE - 1) & ~(guintptr) (HUGE_PAGE_SIZE - 1));
  if (aligned > start)
    munmap (start, aligned - start);
  if (start + reserved > aligned + mapped)
    munmap (aligned + mapped, start + reserved - (aligned + mapped));
  madvise (aligned, mapped, MADV_HUGEPAGE);

  chunk = (Chunk *) aligned;
  chunk->mapped = mapped;
  return chunk;
#else
  return NULL;
#endif
}

static void
free_chunk (Chunk *chunk)
{
  if (chunk->mapped > 0)
    munmap (chunk, chunk->mapped);
  else
    g_free (chunk);
}

static void
arena_add_chunk (GlossJsonDoc *doc,
                 gsize         min_size)
{
  gsize size = MAX (doc->next_size, min_size);
  Chunk *chunk = NULL;

  /* A chunk that ends on the alignment keeps arena_alloc_aligned() inside it. */
  size = (size + ARENA_ALIGN - 1) & ~(gsize) (ARENA_ALIGN - 1);
  if (size >= HUGE_CHUNK_SIZE)
    chunk = map_chunk (size);
  if (chunk == NULL)
    {
      chunk = g_malloc (sizeof (Chunk) + size);
      chunk->mapped = 0;
    }
  chunk->next = doc->chunks;
  doc->chunks = chunk;
  doc->pos = (char *) (chunk + 1);
  doc->limit = doc->pos + size;
  doc->next_size = size * 2;
}

static inline char *
arena_alloc (GlossJsonDoc *doc,
             gsize         size)
{
  char *ptr;

  if (G_UNLIKELY ((gsize) (doc->limit - doc->pos) < size))
    arena_add_chunk (doc, size);

  ptr = doc->pos;
  doc->pos += size;
  return ptr;
}

static inline gpointer
arena_alloc_aligned (GlossJsonDoc *doc,
                     gsize         size)
{
  doc->pos = (char *) (((guintptr) doc->pos + ARENA_ALIGN - 1) & ~(guintptr) (ARENA_ALIGN - 1));
  return arena_alloc (doc, size);
}

/* Most of a document ends up in the arena, so the first chunk is sized
 * from the input: a sidecar needs about 1.6 times its size, so one chunk
 * for a typical file. Pages not used are never touched, so overestimating
 * costs address space only. */
static gsize
first_chunk_size (gsize input_size)
{
  return CLAMP (input_size * 2, MIN_CHUNK_SIZE, MAX_FIRST_CHUNK);
}

void
gloss_json_doc_free (GlossJsonDoc *doc)
{
  Chunk *chunk;

  if (doc == NULL)
    return;

  chunk = doc->chunks;
  while (chunk != NULL)
    {
      Chunk *next = chunk->next;

      free_chunk (chunk);
      chunk = next;
    }
  g_free (doc);
}

/* ------------------------------------------------------------------------ */
/* Parser state                                                             */

typedef struct
{
  gsize       start;      /* index in the slot stack of the first child */
  gboolean    is_object;
  GHashTable *names;      /* member names, once the object is large */
} Frame;

typedef struct
{
  GlossJsonDoc    *doc;
  const char      *data;
  const char      *end;
  guint            max_depth;

  /* slots[0] receives the top-level value; every open container has its
   * children so far above it, and the value being read is always the
   * last slot. */
  GlossJsonMember *slots;
  gsize            n_slots;
  gsize            slots_size;

  Frame           *frames;     /* the open containers, innermost last */
  guint            n_frames;
  guint            frames_size;

  GError          *error;
  const char      *error_pos;
} Parser;

static const char *fail (Parser      *self,
                         const char  *pos,
                         GlossError   code,
                         const char  *format,
                         ...) G_GNUC_PRINTF (4, 5);

/* Records the first error and where it is; returns NULL so that the
 * functions that return a read position can `return fail (…)`. */
static const char *
fail (Parser     *self,
      const char *pos,
      GlossError  code,
      const char *format,
      ...)
{
  va_list args;

  g_assert (self->error == NULL);

  va_start (args, format);
  self->error = g_error_new_valist (GLOSS_ERROR, code, format, args);
  va_end (args);
  self->error_pos = pos;

  return NULL;
}

/* Either message, depending on whether the input ran out at @pos. */
static const char *
fail_expected (Parser     *self,
               const char *pos,
               const char *message_at_end,
               const char *message)
{
  return fail (self, pos, GLOSS_ERROR_PARSE, "%s", pos == self->end ? message_at_end : message);
}

/* 1-based line and column (in characters) of @pos. Only runs on error,
 * so the hot loops need not count lines. */
static void
locate (const char *data,
        const char *pos,
        guint      *line,
        guint      *column)
{
  const char *line_start = data;
  guint n_lines = 1;
  guint n_chars = 1;

  for (const char *p = data; p < pos; p++)
    if (*p == '\n')
      {
        n_lines++;
        line_start = p + 1;
      }

  /* Count every byte that starts a character (not a continuation byte). */
  for (const char *p = line_start; p < pos; p++)
    if (((guchar) *p & 0xC0) != 0x80)
      n_chars++;

  if (line != NULL)
    *line = n_lines;
  if (column != NULL)
    *column = n_chars;
}

static void
parser_clear (Parser *self)
{
  for (guint i = 0; i < self->n_frames; i++)
    g_clear_pointer (&self->frames[i].names, g_hash_table_unref);
  g_clear_pointer (&self->frames, g_free);
  g_clear_pointer (&self->slots, g_free);
}

static gboolean
grow_slots (Parser     *self,
            const char *pos)
{
  /* A length is 32 bits in a value; no real file comes near. */
  if (self->slots_size >= G_MAXUINT32)
    {
      fail (self, pos, GLOSS_ERROR_TOO_LARGE, _("too many values"));
      return FALSE;
    }

  self->slots_size = MAX (64, self->slots_size * 2);
  self->slots = g_renew (GlossJsonMember, self->slots, self->slots_size);
  return TRUE;
}

/* Makes room for one more value (a member when @name is not NULL). */
static inline gboolean
push_slot (Parser     *self,
           const char *pos,
           const char *name,
           gsize       name_len)
{
  GlossJsonMember *slot;

  if (G_UNLIKELY (self->n_slots == self->slots_size) && !grow_slots (self, pos))
    return FALSE;

  slot = &self->slots[self->n_slots++];
  slot->name = name;
  slot->name_len = name_len;
  return TRUE;
}

static inline GlossJsonValue *
current_value (Parser *self)
{
  return &self->slots[self->n_slots - 1].value;
}

static gboolean
open_container (Parser     *self,
                const char *pos,
                gboolean    is_object)
{
  Frame *frame;

  if (G_UNLIKELY (self->n_frames >= self->max_depth))
    {
      fail (self, pos, GLOSS_ERROR_TOO_LARGE,
            g_dngettext (GETTEXT_PACKAGE,
                         "nested deeper than %u level",
                         "nested deeper than %u levels",
                         self->max_depth),
            self->max_depth);
      return FALSE;
    }

  if (self->n_frames == self->frames_size)
    {
      self->frames_size = MAX (16, self->frames_size * 2);
      self->frames = g_renew (Frame, self->frames, self->frames_size);
    }

  frame = &self->frames[self->n_frames++];
  frame->start = self->n_slots;
  frame->is_object = is_object;
  frame->names = NULL;
  return TRUE;
}

/* Moves the children of the innermost container into the arena and makes
 * the container the value of the slot it was opened in. */
static void
close_container (Parser *self)
{
  Frame *frame = &self->frames[--self->n_frames];
  const GlossJsonMember *children = self->slots + frame->start;
  gsize n = self->n_slots - frame->start;
  GlossJsonValue *value = &self->slots[frame->start - 1].value;

  value->length = (guint32) n;

  if (frame->is_object)
    {
      GlossJsonMember *members = NULL;

      if (n > 0)
        {
          members = arena_alloc_aligned (self->doc, n * sizeof (GlossJsonMember));
          memcpy (members, children, n * sizeof (GlossJsonMember));
        }
      value->type = GLOSS_JSON_OBJECT;
      value->u.members = members;
      g_clear_pointer (&frame->names, g_hash_table_unref);
    }
  else
    {
      GlossJsonValue *elements = NULL;

      if (n > 0)
        {
          elements = arena_alloc_aligned (self->doc, n * sizeof (GlossJsonValue));
          for (gsize i = 0; i < n; i++)
            elements[i] = children[i].value;
        }
      value->type = GLOSS_JSON_ARRAY;
      value->u.elements = elements;
    }

  self->n_slots = frame->start;
}

/* ------------------------------------------------------------------------ */
/* Strings                                                                  */

#define ONES  G_GUINT64_CONSTANT (0x0101010101010101)
#define HIGHS G_GUINT64_CONSTANT (0x8080808080808080)

static inline guint64
load_word (const char *p)
{
  guint64 word;

  memcpy (&word, p, sizeof word);
  return word;
}

/* Non-zero when one of the eight bytes of @word is '"', '\\' or a control
 * character: the bytes that end a run of plain string text. Each term is
 * the classic "has a zero byte" test ((x - 0x01…) & ~x & 0x80…), which
 * never reports a run that has none of those bytes. */
static inline guint64
string_stop_bytes (guint64 word)
{
  guint64 quote = word ^ (ONES * '"');
  guint64 backslash = word ^ (ONES * '\\');

  return (((quote - ONES) & ~quote)
          | ((backslash - ONES) & ~backslash)
          | ((word - ONES * 0x20) & ~word)) & HIGHS;
}

/* Finds the end of the string text starting at @p: the closing quote, the
 * first raw control character, or @end if there is neither. Skips over
 * escapes without decoding them, and says whether there were any and
 * whether any byte was not ASCII. */
static inline const char *
scan_string (const char *p,
             const char *end,
             gboolean   *has_escape,
             gboolean   *has_high)
{
  guint64 high = 0;
  gboolean escape = FALSE;

  for (;;)
    {
      while (end - p >= 8)
        {
          guint64 word = load_word (p);
          guint64 stops = string_stop_bytes (word);

          if (stops != 0)
            {
#if G_BYTE_ORDER == G_LITTLE_ENDIAN && defined(__GNUC__)
              /* The lowest flag is the first stop byte: a false flag can
               * only come from a borrow, above a true one. */
              guint skip = __builtin_ctzll (stops) / 8;

              high |= word & ((G_GUINT64_CONSTANT (1) << (skip * 8)) - 1);
              p += skip;
#endif
              break;
            }
          high |= word;
          p += 8;
        }

      /* The stop byte within that word, or the last few bytes. */
      for (; p < end; p++)
        {
          guchar c = (guchar) *p;

          if (c == '"' || c == '\\' || c < 0x20)
            break;
          high |= c;
        }

      if (p == end || *p != '\\')
        break;

      escape = TRUE;
      if (end - p < 2)
        {
          p = end;
          break;
        }
      high |= (guchar) p[1];
      p += 2;
    }

  *has_escape = escape;
  *has_high = (high & HIGHS) != 0;
  return p;
}

static inline int
hex_value (guchar c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  c |= 0x20;
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  return -1;
}

/* Reads the four hex digits of a \u escape whose backslash is at @p. */
static gboolean
read_u_escape (Parser     *self,
               const char *p,
               gunichar   *unit)
{
  gunichar value = 0;

  for (guint i = 2; i < 6; i++)
    {
      int digit;

      if (p + i == self->end)
        {
          fail (self, self->end, GLOSS_ERROR_PARSE, _("unexpected end of file in a string"));
          return FALSE;
        }

      digit = hex_value ((guchar) p[i]);
      if (digit < 0)
        {
          fail (self, p, GLOSS_ERROR_PARSE,
                _("an invalid \\u escape (expected four hexadecimal digits)"));
          return FALSE;
        }
      value = value * 16 + (gunichar) digit;
    }

  *unit = value;
  return TRUE;
}

/* Decodes the \u escape (or surrogate pair) at @p into a code point, and
 * returns the position after it. */
static const char *
decode_u_escape (Parser     *self,
                 const char *p,
                 gunichar   *out)
{
  gunichar unit, low;

  if (!read_u_escape (self, p, &unit))
    return NULL;

  if (unit == 0)
    return fail (self, p, GLOSS_ERROR_PARSE, _("a string holds a NUL character (\\u0000)"));

  if (unit < 0xD800 || unit > 0xDFFF)
    {
      *out = unit;
      return p + 6;
    }

  /* A high surrogate must be followed at once by a low one. */
  if (unit > 0xDBFF
      || self->end - (p + 6) < 2 || p[6] != '\\' || p[7] != 'u')
    return fail (self, p, GLOSS_ERROR_PARSE, _("an invalid \\u escape (a lone UTF-16 surrogate)"));

  if (!read_u_escape (self, p + 6, &low))
    return NULL;
  if (low < 0xDC00 || low > 0xDFFF)
    return fail (self, p, GLOSS_ERROR_PARSE, _("an invalid \\u escape (a lone UTF-16 surrogate)"));

  *out = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
  return p + 12;
}

static inline char *
encode_utf8 (char     *out,
             gunichar  c)
{
  if (c < 0x80)
    *out++ = (char) c;
  else if (c < 0x800)
    {
      *out++ = (char) (0xC0 | (c >> 6));
      *out++ = (char) (0x80 | (c & 0x3F));
    }
  else if (c < 0x10000)
    {
      *out++ = (char) (0xE0 | (c >> 12));
      *out++ = (char) (0x80 | ((c >> 6) & 0x3F));
      *out++ = (char) (0x80 | (c & 0x3F));
    }
  else
    {
      *out++ = (char) (0xF0 | (c >> 18));
      *out++ = (char) (0x80 | ((c >> 12) & 0x3F));
      *out++ = (char) (0x80 | ((c >> 6) & 0x3F));
      *out++ = (char) (0x80 | (c & 0x3F));
    }
  return out;
}

/* Decodes the string text from @p to @limit (which holds no raw quote or
 * control character) into @out, and returns the end of what was written.
 * An escape may not be cut by @limit: its bytes are all ASCII, so @limit
 * (a quote, a control character, a bad byte or the end) inside one is
 * reported as a bad escape, which comes first in the file anyway. */
static char *
unescape (Parser     *self,
          const char *p,
          const char *limit,
          char       *out)
{
  while (p < limit)
    {
      const char *backslash = memchr (p, '\\', limit - p);
      gunichar c = 0;

      if (backslash == NULL)
        backslash = limit;
      memcpy (out, p, backslash - p);
      out += backslash - p;
      p = backslash;
      if (p == limit)
        break;

      /* A backslash as the last byte: the caller reports the end of file. */
      if (p + 1 == self->end)
        break;

      switch (p[1])
        {
        case '"':  *out++ = '"';  p += 2; break;
        case '\\': *out++ = '\\'; p += 2; break;
        case '/':  *out++ = '/';  p += 2; break;
        case 'b':  *out++ = '\b'; p += 2; break;
        case 'f':  *out++ = '\f'; p += 2; break;
        case 'n':  *out++ = '\n'; p += 2; break;
        case 'r':  *out++ = '\r'; p += 2; break;
        case 't':  *out++ = '\t'; p += 2; break;
        case 'u':
          p = decode_u_escape (self, p, &c);
          if (p == NULL)
            return NULL;
          out = encode_utf8 (out, c);
          break;
        default:
          if (g_ascii_isgraph (p[1]))
            fail (self, p, GLOSS_ERROR_PARSE, _("an invalid escape “\\%c”"), p[1]);
          else
            fail (self, p, GLOSS_ERROR_PARSE, _("an invalid escape"));
          return NULL;
        }
    }

  return out;
}

/* Reads the string whose opening quote is at @p into the arena; returns
 * the position after its closing quote. */
static const char *
parse_string (Parser      *self,
              const char  *p,
              const char **out,
              gsize       *out_len)
{
  const char *text = p + 1;
  const char *end = self->end;
  const char *stop, *limit, *bad_utf8 = NULL;
  gboolean has_escape, has_high;
  char *copy;
  gsize len;

  stop = scan_string (text, end, &has_escape, &has_high);

  /* Only the text before the first problem is decoded, so that an earlier
   * bad escape is reported before a later bad byte. */
  limit = stop;
  if (has_high && !g_utf8_validate_len (text, stop - text, &bad_utf8))
    limit = bad_utf8;

  if (G_LIKELY (!has_escape && limit == stop && stop < end && *stop == '"'))
    {
      len = stop - text;
      copy = arena_alloc (self->doc, len + 1);
      memcpy (copy, text, len);
    }
  else
    {
      /* Decoding only shrinks the text; give back what it did not use. */
      char *copy_end;

      copy = arena_alloc (self->doc, (limit - text) + 1);
      copy_end = unescape (self, text, limit, copy);
      if (copy_end == NULL)
        return NULL;
      len = copy_end - copy;
      self->doc->pos = copy_end + 1;

      if (limit != stop)
        return fail (self, limit, GLOSS_ERROR_INVALID_UTF8, _("invalid UTF-8"));
      if (stop == end)
        return fail (self, end, GLOSS_ERROR_PARSE, _("unexpected end of file in a string"));
      if (*stop != '"')
        return fail (self, stop, GLOSS_ERROR_PARSE,
                     _("a control character in a string must be escaped"));
    }
  copy[len] = '\0';

  if (G_UNLIKELY (len > G_MAXUINT32))
    return fail (self, p, GLOSS_ERROR_TOO_LARGE, _("a string longer than 4 GiB"));

  if (len > self->doc->longest)
    self->doc->longest = len;

  *out = copy;
  *out_len = len;
  return stop + 1;
}

/* ------------------------------------------------------------------------ */
/* Numbers and literals                                                     */

static inline gboolean
is_digit (char c)
{
  return (guchar) (c - '0') < 10;
}

/* The fraction and exponent of the number at @start, whose integer part
 * ends at @p; RFC 8259 wants digits after '.' and after 'e'. */
static const char *
parse_double (Parser         *self,
              const char     *start,
              const char     *p,
              GlossJsonValue *value)
{
  const char *end = self->end;
  char buffer[64];
  g_autofree char *heap_buffer = NULL;
  char *text = buffer;
  gsize len;
  double number;

  if (p < end && *p == '.')
    {
      p++;
      if (p == end || !is_digit (*p))
        return fail (self, start, GLOSS_ERROR_PARSE, _("an invalid number"));
      while (p < end && is_digit (*p))
        p++;
    }

  if (p < end && (*p == 'e' || *p == 'E'))
    {
      p++;
      if (p < end && (*p == '+' || *p == '-'))
        p++;
      if (p == end || !is_digit (*p))
        return fail (self, start, GLOSS_ERROR_PARSE, _("an invalid number"));
      while (p < end && is_digit (*p))
        p++;
    }

  /* g_ascii_strtod() needs a NUL-terminated copy (the input may not be). */
  len = p - start;
  if (len >= sizeof buffer)
    text = heap_buffer = g_malloc (len + 1);
  memcpy (text, start, len);
  text[len] = '\0';

  number = g_ascii_strtod (text, NULL);
  if (!isfinite (number))
    return fail (self, start, GLOSS_ERROR_TOO_LARGE, _("a number too large for a double"));

  value->type = GLOSS_JSON_DOUBLE;
  value->u.number = number;
  value->length = 0;
  return p;
}

/* What @length holds for a DOUBLE (it has no length of its own). */
enum
{
  DOUBLE_WHOLE = 1 << 0,    /* written as a whole number, past a gint64 */
  DOUBLE_ROUNDED = 1 << 1,  /* and the double is not that number */
};

/* A whole number too large for a gint64, at @start and ending at @p: the
 * nearest double, as 1.2e29 is read, rather than failing the whole file
 * (Python's json writes such integers). @length says so, and whether the
 * double is the very number written, for gloss_json_value_is_rounded(). */
static const char *
parse_big_integer (Parser         *self,
                   const char     *start,
                   const char     *p,
                   GlossJsonValue *value)
{
  g_autofree char *written = NULL;
  g_autofree char *exact = NULL;

  p = parse_double (self, start, p, value);
  if (p == NULL)
    return NULL;

  /* "%.0f" prints a double's exact whole value, in every locale. */
  written = g_strndup (start, p - start);
  exact = g_strdup_printf ("%.0f", value->u.number);
  value->length = DOUBLE_WHOLE | (strcmp (written, exact) != 0 ? DOUBLE_ROUNDED : 0);
  return p;
}

static const char *
parse_number (Parser         *self,
              const char     *p,
              GlossJsonValue *value)
{
  /* Magnitudes up to here can take one more digit without overflowing a
   * guint64; anything beyond is far past 2^63 anyway. */
  const guint64 max_before_digit = G_MAXUINT64 / 10 - 1;
  const char *start = p;
  const char *end = self->end;
  gboolean negative = FALSE;
  gboolean too_big = FALSE;
  guint64 magnitude = 0;

  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }

  if (p == end || !is_digit (*p))
    return fail (self, start, GLOSS_ERROR_PARSE, _("an invalid number"));

  if (*p == '0')
    {
      p++;
      if (p < end && is_digit (*p))
        return fail (self, start, GLOSS_ERROR_PARSE, _("a number with a leading zero"));
    }
  else
    {
      for (; p < end && is_digit (*p); p++)
        {
          if (G_UNLIKELY (magnitude > max_before_digit))
            too_big = TRUE;
          else
            magnitude = magnitude * 10 + (guint) (*p - '0');
        }
    }

  /* Digits too many for an integer are fine in a double: 1234…5.0. */
  if (p < end && (*p == '.' || *p == 'e' || *p == 'E'))
    return parse_double (self, start, p, value);

  if (too_big || magnitude > (guint64) G_MAXINT64 + (negative ? 1 : 0))
    return parse_big_integer (self, start, p, value);

  value->type = GLOSS_JSON_INTEGER;
  if (!negative)
    value->u.integer = (gint64) magnitude;
  else if (magnitude == (guint64) G_MAXINT64 + 1)
    value->u.integer = G_MININT64;
  else
    value->u.integer = -(gint64) magnitude;
  return p;
}

/* The error for a character that cannot start a value, with a hint for
 * the usual suspects (JavaScript habits and hand edits). */
static const char *
fail_bad_value (Parser     *self,
                const char *p)
{
  if (p == self->end)
    return fail (self, p, GLOSS_ERROR_PARSE, _("unexpected end of file; expected a value"));

  switch (*p)
    {
    case '\'':
      return fail (self, p, GLOSS_ERROR_PARSE, _("strings must be in double quotes"));
    case '/':
      return fail (self, p, GLOSS_ERROR_PARSE, _("comments are not allowed in JSON"));
    case '+':
    case '.':
      return fail (self, p, GLOSS_ERROR_PARSE, _("an invalid number"));
    default:
      return fail (self, p, GLOSS_ERROR_PARSE, _("expected a value"));
    }
}

/* ------------------------------------------------------------------------ */
/* Structure                                                                */

/* Bit c set for the four whitespace characters of RFC 8259. */
#define WHITESPACE_MASK ((G_GUINT64_CONSTANT (1) << ' ') | (G_GUINT64_CONSTANT (1) << '\t') \
                         | (G_GUINT64_CONSTANT (1) << '\n') | (G_GUINT64_CONSTANT (1) << '\r'))

static inline const char *
skip_whitespace (const char *p,
                 const char *end)
{
  while (p < end && (guchar) *p <= ' ' && ((G_GUINT64_CONSTANT (1) << *p) & WHITESPACE_MASK))
    p++;
  return p;
}

/* Reports @name, kept to one short line whatever it holds. */
static void
fail_duplicate (Parser     *self,
                const char *pos,
                const char *name)
{
  g_autoptr(GString) shown = g_string_new (NULL);
  const char *c = name;

  for (guint n_chars = 0; *c != '\0' && n_chars < 40; c = g_utf8_next_char (c), n_chars++)
    {
      if ((guchar) *c < 0x20)
        g_string_append_c (shown, ' ');
      else
        g_string_append_len (shown, c, g_utf8_next_char (c) - c);
    }
  if (*c != '\0')
    g_string_append (shown, "…");

  fail (self, pos, GLOSS_ERROR_PARSE, _("duplicate member “%s”"), shown->str);
}

/* Refuses a member name already used in the innermost object: a sign of a
 * bad merge, which json-glib would resolve by silently keeping one. */
static gboolean
check_new_member (Parser     *self,
                  const char *pos,
                  const char *name,
                  gsize       name_len)
{
  Frame *frame = &self->frames[self->n_frames - 1];
  gsize n = self->n_slots - frame->start;

  if (frame->names == NULL && n < MAX_LINEAR_MEMBERS)
    {
      for (gsize i = frame->start; i < self->n_slots; i++)
        {
          const GlossJsonMember *member = &self->slots[i];

          if (member->name_len == name_len
              && member->name[0] == name[0]
              && memcmp (member->name, name, name_len) == 0)
            {
              fail_duplicate (self, pos, name);
              return FALSE;
            }
        }
      return TRUE;
    }

  /* Names hold no NUL (\u0000 is refused), so plain string hashing is exact. */
  if (frame->names == NULL)
    {
      frame->names = g_hash_table_new (g_str_hash, g_str_equal);
      for (gsize i = frame->start; i < self->n_slots; i++)
        g_hash_table_add (frame->names, (gpointer) self->slots[i].name);
    }
  if (!g_hash_table_add (frame->names, (gpointer) name))
    {
      fail_duplicate (self, pos, name);
      return FALSE;
    }
  return TRUE;
}

/* The whole text. A state machine over an explicit stack rather than
 * recursive descent, so that nesting costs heap (bounded by max_depth),
 * never C stack. Each label is a state:
 *
 *   value        a value must start at p (whitespace already skipped);
 *                it goes into the last slot
 *   after_value  a value just ended: a comma, a closing bracket or, at the
 *                top level, the end of the text must follow
 *   member       a member name must start at p
 */
static gboolean
parse_text (Parser *self)
{
  const char *end = self->end;
  const char *p = skip_whitespace (self->data, end);

  if (p == end)
    {
      fail (self, self->data, GLOSS_ERROR_PARSE, _("the file is empty"));
      return FALSE;
    }

  if (!push_slot (self, p, NULL, 0))
    return FALSE;

value:
  if (G_UNLIKELY (p == end))
    {
      fail_bad_value (self, p);
      return FALSE;
    }

  switch (*p)
    {
    case '"':
      {
        GlossJsonValue *value = current_value (self);
        const char *string;
        gsize len;

        p = parse_string (self, p, &string, &len);
        if (p == NULL)
          return FALSE;
        value->type = GLOSS_JSON_STRING;
        value->length = (guint32) len;
        value->u.string = string;
      }
      break;

    case '-':
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      p = parse_number (self, p, current_value (self));
      if (p == NULL)
        return FALSE;
      break;

    case '{':
      if (!open_container (self, p, TRUE))
        return FALSE;
      p = skip_whitespace (p + 1, end);
      if (p < end && *p == '}')
        {
          close_container (self);
          p++;
          break;
        }
      goto member;

    case '[':
      if (!open_container (self, p, FALSE))
        return FALSE;
      p = skip_whitespace (p + 1, end);
      if (p < end && *p == ']')
        {
          close_container (self);
          p++;
          break;
        }
      if (!push_slot (self, p, NULL, 0))
        return FALSE;
      goto value;

    case 't':
      if (end - p < 4 || memcmp (p, "true", 4) != 0)
        goto bad_value;
      current_value (self)->type = GLOSS_JSON_BOOLEAN;
      current_value (self)->u.boolean = TRUE;
      p += 4;
      break;

    case 'f':
      if (end - p < 5 || memcmp (p, "false", 5) != 0)
        goto bad_value;
      current_value (self)->type = GLOSS_JSON_BOOLEAN;
      current_value (self)->u.boolean = FALSE;
      p += 5;
      break;

    case 'n':
      if (end - p < 4 || memcmp (p, "null", 4) != 0)
        goto bad_value;
      current_value (self)->type = GLOSS_JSON_NULL;
      p += 4;
      break;

    default:
    bad_value:
      fail_bad_value (self, p);
      return FALSE;
    }

after_value:
  if (self->n_frames == 0)
    {
      p = skip_whitespace (p, end);
      if (p != end)
        {
          fail (self, p, GLOSS_ERROR_PARSE,
                _("unexpected content after the end of the JSON value"));
          return FALSE;
        }
      return TRUE;
    }

  p = skip_whitespace (p, end);
  if (self->frames[self->n_frames - 1].is_object)
    {
      if (p < end && *p == ',')
        {
          const char *comma = p;

          p = skip_whitespace (p + 1, end);
          if (p < end && *p == '}')
            {
              fail (self, comma, GLOSS_ERROR_PARSE, _("trailing comma"));
              return FALSE;
            }
          goto member;
        }
      if (p < end && *p == '}')
        {
          close_container (self);
          p++;
          goto after_value;
        }
      fail_expected (self, p, _("unexpected end of file; expected “,” or “}”"),
                     _("expected “,” or “}”"));
      return FALSE;
    }
  else
    {
      if (p < end && *p == ',')
        {
          const char *comma = p;

          p = skip_whitespace (p + 1, end);
          if (p < end && *p == ']')
            {
              fail (self, comma, GLOSS_ERROR_PARSE, _("trailing comma"));
              return FALSE;
            }
          if (!push_slot (self, p, NULL, 0))
            return FALSE;
          goto value;
        }
      if (p < end && *p == ']')
        {
          close_container (self);
          p++;
          goto after_value;
        }
      fail_expected (self, p, _("unexpected end of file; expected “,” or “]”"),
                     _("expected “,” or “]”"));
      return FALSE;
    }

member:
  {
    const char *name_pos = p;
    const char *name;
    gsize name_len;

    if (p == end || *p != '"')
      {
        if (p < end && *p == '\'')
          fail (self, p, GLOSS_ERROR_PARSE, _("strings must be in double quotes"));
        else
          fail_expected (self, p, _("unexpected end of file; expected a member name"),
                         _("expected a member name in double quotes"));
        return FALSE;
      }

    p = parse_string (self, p, &name, &name_len);
    if (p == NULL
        || !check_new_member (self, name_pos, name, name_len)
        || !push_slot (self, name_pos, name, name_len))
      return FALSE;

    p = skip_whitespace (p, end);
    if (p == end || *p != ':')
      {
        fail_expected (self, p, _("unexpected end of file; expected “:”"), _("expected “:”"));
        return FALSE;
      }
    p = skip_whitespace (p + 1, end);
    goto value;
  }
}

GlossJsonDoc *
gloss_json_doc_parse (const char  *data,
                      gsize        size,
                      guint        max_depth,
                      guint       *error_line,
                      guint       *error_column,
                      GError     **error)
{
  g_autoptr(GlossJsonDoc) doc = NULL;
  Parser parser = { 0 };

  g_return_val_if_fail (data != NULL || size == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (data == NULL)
    data = "";

  /* RFC 8259 lets a parser ignore a byte order mark; some editors add one,
   * and json-glib always accepted it. Lines and columns start after it. */
  if (size >= 3 && memcmp (data, UTF8_BOM, 3) == 0)
    {
      data += 3;
      size -= 3;
    }

  doc = g_new0 (GlossJsonDoc, 1);
  doc->next_size = first_chunk_size (size);

  parser.doc = doc;
  parser.data = data;
  parser.end = data + size;
  parser.max_depth = max_depth;

  if (!parse_text (&parser))
    {
      locate (data, parser.error_pos, error_line, error_column);
      g_propagate_error (error, g_steal_pointer (&parser.error));
      parser_clear (&parser);
      return NULL;
    }

  doc->root = parser.slots[0].value;
  parser_clear (&parser);
  return g_steal_pointer (&doc);
}

gsize
gloss_json_doc_get_longest_string (GlossJsonDoc *doc)
{
  g_return_val_if_fail (doc != NULL, 0);

  return doc->longest;
}

const GlossJsonValue *
gloss_json_doc_get_root (GlossJsonDoc *doc)
{
  g_return_val_if_fail (doc != NULL, NULL);

  return &doc->root;
}

/* ------------------------------------------------------------------------ */
/* Values                                                                   */

GlossJsonType
gloss_json_value_get_type (const GlossJsonValue *value)
{
  g_return_val_if_fail (value != NULL, GLOSS_JSON_NULL);

  return (GlossJsonType) value->type;
}

const char *
gloss_json_value_describe_type (const GlossJsonValue *value)
{
  g_return_val_if_fail (value != NULL, NULL);

  switch (gloss_json_value_get_type (value))
    {
    case GLOSS_JSON_OBJECT:
      /* Translators: what a JSON value is, in "expected a string, not %s" */
      return _("an object");

    case GLOSS_JSON_ARRAY:
      return _("an array");

    case GLOSS_JSON_NULL:
      return _("null");

    case GLOSS_JSON_STRING:
      return _("a string");

    case GLOSS_JSON_BOOLEAN:
      return _("a boolean");

    case GLOSS_JSON_DOUBLE:
      if (value->length & DOUBLE_WHOLE)
        return _("an integer too large for 64 bits");
      return _("a decimal number");

    case GLOSS_JSON_INTEGER:
    default:
      return _("a number");
    }
}

gboolean
gloss_json_value_get_boolean (const GlossJsonValue *value)
{
  g_return_val_if_fail (value != NULL && value->type == GLOSS_JSON_BOOLEAN, FALSE);

  return value->u.boolean;
}

gint64
gloss_json_value_get_int (const GlossJsonValue *value)
{
  g_return_val_if_fail (value != NULL && value->type == GLOSS_JSON_INTEGER, 0);

  return value->u.integer;
}

double
gloss_json_value_get_double (const GlossJsonValue *value)
{
  g_return_val_if_fail (value != NULL, 0.0);

  if (value->type == GLOSS_JSON_INTEGER)
    return (double) value->u.integer;

  g_return_val_if_fail (value->type == GLOSS_JSON_DOUBLE, 0.0);
  return value->u.number;
}

gboolean
gloss_json_value_is_rounded (const GlossJsonValue *value)
{
  double number;

  g_return_val_if_fail (value != NULL, FALSE);

  if (value->type == GLOSS_JSON_DOUBLE)
    return (value->length & DOUBLE_ROUNDED) != 0;
  if (value->type != GLOSS_JSON_INTEGER)
    return FALSE;

  /* 2^63 itself is past every gint64: converting it back would overflow. */
  number = (double) value->u.integer;
  return number >= 9223372036854775808.0 || (gint64) number != value->u.integer;
}

const char *
gloss_json_value_get_string (const GlossJsonValue *value)
{
  g_return_val_if_fail (value != NULL && value->type == GLOSS_JSON_STRING, NULL);

  return value->u.string;
}

gsize
gloss_json_value_get_string_length (const GlossJsonValue *value)
{
  g_return_val_if_fail (value != NULL && value->type == GLOSS_JSON_STRING, 0);

  return value->length;
}

guint
gloss_json_value_get_length (const GlossJsonValue *value)
{
  g_return_val_if_fail (value != NULL, 0);
  g_return_val_if_fail (value->type == GLOSS_JSON_ARRAY || value->type == GLOSS_JSON_OBJECT, 0);

  return value->length;
}

const GlossJsonValue *
gloss_json_value_get_element (const GlossJsonValue *array,
                              guint                 index)
{
  g_return_val_if_fail (array != NULL && array->type == GLOSS_JSON_ARRAY, NULL);
  g_return_val_if_fail (index < array->length, NULL);

  return &array->u.elements[index];
}

const char *
gloss_json_value_get_member_name (const GlossJsonValue *object,
                                  guint                 index)
{
  g_return_val_if_fail (object != NULL && object->type == GLOSS_JSON_OBJECT, NULL);
  g_return_val_if_fail (index < object->length, NULL);

  return object->u.members[index].name;
}

const GlossJsonValue *
gloss_json_value_get_member_value (const GlossJsonValue *object,
                                   guint                 index)
{
  g_return_val_if_fail (object != NULL && object->type == GLOSS_JSON_OBJECT, NULL);
  g_return_val_if_fail (index < object->length, NULL);

  return &object->u.members[index].value;
}

const GlossJsonValue *
gloss_json_value_lookup (const GlossJsonValue *object,
                         const char           *name)
{
  gsize len;

  g_return_val_if_fail (object != NULL && object->type == GLOSS_JSON_OBJECT, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  len = strlen (name);
  for (guint i = 0; i < object->length; i++)
    {
      const GlossJsonMember *member = &object->u.members[i];

      /* The length and first byte rule out almost every other member
       * without a call to memcmp(). */
      if (member->name_len == len
          && member->name[0] == name[0]
          && memcmp (member->name, name, len) == 0)
        return &member->value;
    }

  return NULL;
}

/* ------------------------------------------------------------------------ */
/* Conversion to json-glib                                                  */

/* A node for @value; a container comes back empty, to be filled. */
static JsonNode *
new_node (const GlossJsonValue *value)
{
  JsonNode *node;

  switch ((GlossJsonType) value->type)
    {
    case GLOSS_JSON_NULL:
      return json_node_new (JSON_NODE_NULL);
    case GLOSS_JSON_BOOLEAN:
      return json_node_init_boolean (json_node_alloc (), value->u.boolean);
    case GLOSS_JSON_INTEGER:
      return json_node_init_int (json_node_alloc (), value->u.integer);
    case GLOSS_JSON_DOUBLE:
      return json_node_init_double (json_node_alloc (), value->u.number);
    case GLOSS_JSON_STRING:
      return json_node_init_string (json_node_alloc (), value->u.string);
    case GLOSS_JSON_ARRAY:
      node = json_node_new (JSON_NODE_ARRAY);
      json_node_take_array (node, json_array_sized_new (value->length));
      return node;
    case GLOSS_JSON_OBJECT:
      node = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (node, json_object_new ());
      return node;
    default:
      break;
    }

  g_assert_not_reached ();
  return NULL;
}

typedef struct
{
  const GlossJsonValue *value;
  JsonNode             *node;
  guint                 next;   /* index of the next child to copy */
} PendingCopy;

/* Iterative, like the parser, so that no document can exhaust the stack. */
JsonNode *
gloss_json_value_to_node (const GlossJsonValue *value)
{
  g_autoptr(GArray) stack = NULL;
  JsonNode *root;

  g_return_val_if_fail (value != NULL, NULL);

  root = new_node (value);
  if ((value->type != GLOSS_JSON_ARRAY && value->type != GLOSS_JSON_OBJECT)
      || value->length == 0)
    return root;

  stack = g_array_new (FALSE, FALSE, sizeof (PendingCopy));
  g_array_append_val (stack, ((PendingCopy) { value, root, 0 }));

  while (stack->len > 0)
    {
      PendingCopy *top = &g_array_index (stack, PendingCopy, stack->len - 1);
      const GlossJsonValue *child;
      JsonNode *child_node;

      if (top->next == top->value->length)
        {
          g_array_set_size (stack, stack->len - 1);
          continue;
        }

      if (top->value->type == GLOSS_JSON_ARRAY)
        {
          child = &top->value->u.elements[top->next];
          child_node = new_node (child);
          json_array_add_element (json_node_get_array (top->node), child_node);
        }
      else
        {
          const GlossJsonMember *member = &top->value->u.members[top->next];

          child = &member->value;
          child_node = new_node (child);
          json_object_set_member (json_node_get_object (top->node), member->name, child_node);
        }
      top->next++;

      if ((child->type == GLOSS_JSON_ARRAY || child->type == GLOSS_JSON_OBJECT)
          && child->length > 0)
        g_array_append_val (stack, ((PendingCopy) { child, child_node, 0 }));
    }

  return root;
}

const GlossJsonValue *
gloss_json_value_lookup_typed (const GlossJsonValue *object,
                               const char           *name,
                               GlossJsonType         type)
{
  const GlossJsonValue *value;

  if (object == NULL || object->type != GLOSS_JSON_OBJECT)
    return NULL;
  value = gloss_json_value_lookup (object, name);
  if (value == NULL || value->type != type)
    return NULL;
  return value;
}

const char *
gloss_json_value_lookup_string (const GlossJsonValue *object,
                                const char           *name)
{
  const GlossJsonValue *value = gloss_json_value_lookup_typed (object, name, GLOSS_JSON_STRING);

  return value != NULL ? gloss_json_value_get_string (value) : NULL;
}
