/*
 * spool.c - the message spool (spool.h): one unlinked file per transaction,
 * written through a fixed buffer while the message streams in, then read
 * with pread() by any number of cells and parsed once by GMime.
 *
 * The file holds the message as RFC 5322 text with CRLF line ends: each
 * header reconstructed as "Name: value\r\n", the empty line, the body as the
 * MTA sent it (milter body chunks already have CRLF).
 *
 * Memory does not grow with the message: body chunks pass through a buffer
 * of PRDR_SPOOL_BUFFER_SIZE octets (or straight to write(2) when larger),
 * and headers are indexed by name and file offset only; a value is read back
 * when a module asks for it.  The GMime view streams bodies from the file
 * (a persistent stream on a second file description of it, so that GMime's
 * seeks do not move anyone else's offset).
 *
 * Limits (limits.h): PRDR_HEADERS_MAX headers, each at most
 * PRDR_HEADER_SIZE_MAX octets, all together at most PRDR_HEADERS_TOTAL_MAX;
 * the whole message at most PRDR_MESSAGE_SIZE_MAX.  Beyond them the spool
 * refuses with PRDR_ENGINE_ERROR_LIMIT (the front end answers 552 5.3.4).
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "error.h"
#include "limits.h"
#include "spool.h"

/* Permissions of the spool file: it holds someone's mail. */
#define PRDR_SPOOL_FILE_MODE 0600

/* PrdrSpoolHeader - where one header's value lies in the file. */
typedef struct {
  char *name;              /* as received */
  goffset value_offset;    /* of the value's first octet */
  gsize value_length;      /* up to, without, the final CRLF */
  char *value;             /* read back on first use, owned; NULL before */
} PrdrSpoolHeader;

struct PrdrSpool {
  int fd;                  /* the unlinked file, read-write */
  guint8 *buffer;          /* PRDR_SPOOL_BUFFER_SIZE octets not yet written */
  gsize buffered;          /* how many of them are used */
  goffset size;            /* octets spooled so far, buffered ones included */
  gsize headers_size;      /* octets of the header section so far */
  GPtrArray *headers;      /* PrdrSpoolHeader *, in order */
  gboolean in_body;        /* the empty line after the headers is written */
  gboolean finished;       /* prdr_spool_finish succeeded */
  GMutex lock;             /* guards the lazily built parts below and values */
  gboolean mime_tried;     /* parsing was attempted */
  GMimeMessage *mime;      /* the parsed view, or NULL */
};

static void
prdr_spool_header_free (PrdrSpoolHeader *header)
{
  g_free (header->name);
  g_free (header->value);
  g_free (header);
}

static gboolean
prdr_spool_set_errno (GError **error, int saved, const char *what)
{
  g_set_error (error, PRDR_ENGINE_ERROR, PRDR_ENGINE_ERROR_SPOOL, "spool file: %s: %s",
               what, g_strerror (saved));
  return FALSE;
}

/* prdr_spool_open - an unlinked file in @dir. */
static int
prdr_spool_open (const char *dir, GError **error)
{
  g_autofree char *template = NULL;
  int fd = open (dir, O_TMPFILE | O_RDWR | O_CLOEXEC, PRDR_SPOOL_FILE_MODE);

  if (fd >= 0)
    return fd;
  if (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL)
    {
      int saved = errno;
      g_set_error (error, PRDR_ENGINE_ERROR, PRDR_ENGINE_ERROR_SPOOL, "%s: %s", dir,
                   g_strerror (saved));
      return -1;
    }
  template = g_build_filename (dir, "prdr-spool-XXXXXX", NULL);
  fd = g_mkstemp_full (template, O_RDWR | O_CLOEXEC, PRDR_SPOOL_FILE_MODE);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, PRDR_ENGINE_ERROR, PRDR_ENGINE_ERROR_SPOOL, "%s: %s", template,
                   g_strerror (saved));
      return -1;
    }
  g_unlink (template);
  return fd;
}

PrdrSpool *
prdr_spool_new (const char *dir, GError **error)
{
  int fd = prdr_spool_open (dir, error);
  PrdrSpool *spool;

  if (fd < 0)
    return NULL;
  spool = g_new0 (PrdrSpool, 1);
  spool->fd = fd;
  spool->buffer = g_malloc (PRDR_SPOOL_BUFFER_SIZE);
  spool->headers = g_ptr_array_new_with_free_func ((GDestroyNotify) prdr_spool_header_free);
  g_mutex_init (&spool->lock);
  return spool;
}

void
prdr_spool_free (PrdrSpool *spool)
{
  if (spool == NULL)
    return;
  g_clear_object (&spool->mime);
  g_mutex_clear (&spool->lock);
  g_ptr_array_unref (spool->headers);
  g_free (spool->buffer);
  close (spool->fd);
  g_free (spool);
}

/* ---- writing ----------------------------------------------------------- */

/* prdr_spool_write_all - write(2) until done. */
static gboolean
prdr_spool_write_all (int fd, const guint8 *data, gsize length, GError **error)
{
  while (length > 0)
    {
      ssize_t n = write (fd, data, length);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return prdr_spool_set_errno (error, errno, "write");
      data += n;
      length -= (gsize) n;
    }
  return TRUE;
}

static gboolean
prdr_spool_flush (PrdrSpool *spool, GError **error)
{
  gsize buffered = spool->buffered;

  spool->buffered = 0;
  return prdr_spool_write_all (spool->fd, spool->buffer, buffered, error);
}

/* prdr_spool_write - append @length octets, through the buffer. */
static gboolean
prdr_spool_write (PrdrSpool *spool, const void *data, gsize length, GError **error)
{
  if ((guint64) spool->size + length > (guint64) PRDR_MESSAGE_SIZE_MAX)
    {
      g_set_error (error, PRDR_ENGINE_ERROR, PRDR_ENGINE_ERROR_LIMIT,
                   "message larger than %" G_GINT64_FORMAT " octets",
                   (gint64) PRDR_MESSAGE_SIZE_MAX);
      return FALSE;
    }
  spool->size += (goffset) length;
  if (spool->buffered + length > PRDR_SPOOL_BUFFER_SIZE
      && !prdr_spool_flush (spool, error))
    return FALSE;
  if (length >= PRDR_SPOOL_BUFFER_SIZE)
    return prdr_spool_write_all (spool->fd, data, length, error);
  memcpy (spool->buffer + spool->buffered, data, length);
  spool->buffered += length;
  return TRUE;
}

/* prdr_spool_write_crlf - @text with every bare LF written as CRLF. */
static gboolean
prdr_spool_write_crlf (PrdrSpool *spool, const char *text, GError **error)
{
  const char *start = text;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p != '\n' || (p > text && p[-1] == '\r'))
        continue;
      if (!prdr_spool_write (spool, start, p - start, error)
          || !prdr_spool_write (spool, "\r\n", 2, error))
        return FALSE;
      start = p + 1;
    }
  return prdr_spool_write (spool, start, strlen (start), error);
}

static gboolean
prdr_spool_header_name_valid (const char *name)
{
  if (*name == '\0')
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (*p < 33 || *p > 126 || *p == ':')
      return FALSE;
  return TRUE;
}

/* prdr_spool_header_check - the header may be added (state and limits). */
static gboolean
prdr_spool_header_check (PrdrSpool *spool, const char *name, gsize size, GError **error)
{
  if (spool->in_body || spool->finished)
    {
      g_set_error (error, PRDR_ENGINE_ERROR, PRDR_ENGINE_ERROR_SPOOL,
                   "header %s after the body began", name);
      return FALSE;
    }
  if (!prdr_spool_header_name_valid (name))
    {
      g_set_error (error, PRDR_ENGINE_ERROR, PRDR_ENGINE_ERROR_LIMIT,
                   "a header name that is not printable ASCII without ':'");
      return FALSE;
    }
  if (spool->headers->len >= PRDR_HEADERS_MAX || size > PRDR_HEADER_SIZE_MAX
      || spool->headers_size + size > PRDR_HEADERS_TOTAL_MAX)
    {
      g_set_error (error, PRDR_ENGINE_ERROR, PRDR_ENGINE_ERROR_LIMIT,
                   "headers beyond the limits (%d headers, %d octets each, %d in all)",
                   PRDR_HEADERS_MAX, PRDR_HEADER_SIZE_MAX, PRDR_HEADERS_TOTAL_MAX);
      return FALSE;
    }
  return TRUE;
}

gboolean
prdr_spool_add_header (PrdrSpool *spool, const char *name, const char *value,
                       GError **error)
{
  gsize size = strlen (name) + strlen (value) + strlen (": \r\n");
  gboolean space = *value != '\0' && *value != ' ' && *value != '\t';
  PrdrSpoolHeader *header;
  goffset start = spool->size;

  if (!prdr_spool_header_check (spool, name, size, error))
    return FALSE;
  header = g_new0 (PrdrSpoolHeader, 1);
  header->name = g_strdup (name);
  g_ptr_array_add (spool->headers, header);
  if (!prdr_spool_write (spool, name, strlen (name), error)
      || !prdr_spool_write (spool, space ? ": " : ":", space ? 2 : 1, error))
    return FALSE;
  header->value_offset = spool->size;
  if (!prdr_spool_write_crlf (spool, value, error))
    return FALSE;
  header->value_length = (gsize) (spool->size - header->value_offset);
  if (!prdr_spool_write (spool, "\r\n", 2, error))
    return FALSE;
  spool->headers_size += (gsize) (spool->size - start);
  return TRUE;
}

/* prdr_spool_begin_body - the empty line that ends the header section. */
static gboolean
prdr_spool_begin_body (PrdrSpool *spool, GError **error)
{
  if (spool->in_body)
    return TRUE;
  spool->in_body = TRUE;
  return prdr_spool_write (spool, "\r\n", 2, error);
}

gboolean
prdr_spool_add_body (PrdrSpool *spool, const guint8 *data, gsize length, GError **error)
{
  if (spool->finished)
    {
      g_set_error (error, PRDR_ENGINE_ERROR, PRDR_ENGINE_ERROR_SPOOL,
                   "body after the end of the message");
      return FALSE;
    }
  return prdr_spool_begin_body (spool, error)
         && prdr_spool_write (spool, data, length, error);
}

gboolean
prdr_spool_finish (PrdrSpool *spool, GError **error)
{
  if (spool->finished)
    return TRUE;
  if (!prdr_spool_begin_body (spool, error) || !prdr_spool_flush (spool, error))
    return FALSE;
  spool->finished = TRUE;
  return TRUE;
}

/* ---- reading ----------------------------------------------------------- */

gboolean
prdr_spool_finished (const PrdrSpool *spool)
{
  return spool->finished;
}

int
prdr_spool_fd (const PrdrSpool *spool)
{
  return spool->fd;
}

goffset
prdr_spool_size (const PrdrSpool *spool)
{
  return spool->size;
}

guint
prdr_spool_header_count (const PrdrSpool *spool)
{
  return spool->headers->len;
}

/* prdr_spool_pread_all - @length octets at @offset, or FALSE. */
static gboolean
prdr_spool_pread_all (int fd, char *buffer, gsize length, goffset offset)
{
  while (length > 0)
    {
      ssize_t n = pread (fd, buffer, length, offset);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      buffer += n;
      length -= (gsize) n;
      offset += n;
    }
  return TRUE;
}

const char *
prdr_spool_header (PrdrSpool *spool, const char *name)
{
  const char *value = NULL;

  if (!spool->finished)
    return NULL;
  g_mutex_lock (&spool->lock);
  for (guint i = 0; i < spool->headers->len && value == NULL; i++)
    {
      PrdrSpoolHeader *header = g_ptr_array_index (spool->headers, i);

      if (g_ascii_strcasecmp (header->name, name) != 0)
        continue;
      if (header->value == NULL)
        {
          header->value = g_malloc (header->value_length + 1);
          if (!prdr_spool_pread_all (spool->fd, header->value, header->value_length,
                                     header->value_offset))
            header->value_length = 0;
          header->value[header->value_length] = '\0';
        }
      value = header->value;
    }
  g_mutex_unlock (&spool->lock);
  return value;
}

/* prdr_spool_reopen - a read-only descriptor with its own file offset:
 * /proc/self/fd gives a new open file description; dup() shares one. */
static int
prdr_spool_reopen (int fd)
{
  g_autofree char *path = g_strdup_printf ("/proc/self/fd/%d", fd);
  int copy = open (path, O_RDONLY | O_CLOEXEC);

  return copy >= 0 ? copy : fcntl (fd, F_DUPFD_CLOEXEC, 0);
}

/* prdr_spool_parse - the GMime view; the lock is held. */
static GMimeMessage *
prdr_spool_parse (PrdrSpool *spool)
{
  int fd = prdr_spool_reopen (spool->fd);
  GMimeStream *stream;
  GMimeParser *parser;
  GMimeMessage *message;

  if (fd < 0)
    return NULL;
  /* the stream owns fd; the message keeps the stream while it lives */
  stream = g_mime_stream_fs_new_with_bounds (fd, 0, spool->size);
  parser = g_mime_parser_new_with_stream (stream);
  g_mime_parser_set_persist_stream (parser, TRUE);
  message = g_mime_parser_construct_message (parser, NULL);
  g_object_unref (parser);
  g_object_unref (stream);
  return message;
}

GMimeMessage *
prdr_spool_mime (PrdrSpool *spool)
{
  GMimeMessage *mime;

  if (!spool->finished)
    return NULL;
  g_mutex_lock (&spool->lock);
  if (!spool->mime_tried)
    {
      spool->mime_tried = TRUE;
      spool->mime = prdr_spool_parse (spool);
    }
  mime = spool->mime;
  g_mutex_unlock (&spool->lock);
  return mime;
}
