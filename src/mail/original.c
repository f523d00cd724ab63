/*
 * original.c - the original message, or its headers, as a MIME part of a
 * DSN or report (RFC 6522 section 4: the third part of a multipart/report;
 * text/rfc822-headers; message/rfc822 with the Content-Transfer-Encoding
 * RFC 2045 section 2 requires: 7bit, 8bit or binary, never re-encoded).
 *
 * The original stays in its spool file: the full part streams it when the
 * DSN is written; only the header block (at most PRDR_MAIL_DSN_HEADERS_MAX)
 * is read into memory.
 */
#include "original.h"

#include <string.h>

#include "gmime-autoptr.h"
#include "limits.h"
#include "mail-error.h"

/* RFC 5322 section 2.1.1: a line is at most 998 octets without CRLF. */
#define PRDR_MAIL_ORIGINAL_LINE_MAX 998

/* The read size when scanning a stream. */
#define PRDR_MAIL_ORIGINAL_CHUNK 8192

/* PrdrMailOriginalScan - what a scan found so far. */
typedef struct {
  gsize line;         /* octets in the current line, CR not counted */
  gboolean eight_bit; /* an octet >= 0x80 */
  gboolean binary;    /* a NUL, or a line over 998 octets */
} PrdrMailOriginalScan;

/* prdr_mail_original_scan - scan @n octets. */
static void
prdr_mail_original_scan (PrdrMailOriginalScan *scan, const char *p, gsize n)
{
  for (gsize i = 0; i < n; i++) {
    unsigned char c = (unsigned char) p[i];
    if (c == '\n')
      scan->line = 0;
    else if (c != '\r' && ++scan->line > PRDR_MAIL_ORIGINAL_LINE_MAX)
      scan->binary = TRUE;
    scan->eight_bit |= c >= 0x80;
    scan->binary |= c == '\0';
  }
}

/* prdr_mail_original_encoding - the encoding a scan calls for. */
static GMimeContentEncoding
prdr_mail_original_encoding (const PrdrMailOriginalScan *scan)
{
  if (scan->binary)
    return GMIME_CONTENT_ENCODING_BINARY;
  return scan->eight_bit ? GMIME_CONTENT_ENCODING_8BIT : GMIME_CONTENT_ENCODING_7BIT;
}

/* prdr_mail_original_read - read from @original, errors as GError. */
static gssize
prdr_mail_original_read (GMimeStream *original, char *buf, gsize size, GError **error)
{
  /* A bounded GMimeStreamFs fails a read at its end: ask first. */
  if (g_mime_stream_eos (original))
    return 0;
  gssize n = g_mime_stream_read (original, buf, size);
  if (n < 0)
    g_set_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_ORIGINAL,
                 "cannot read the original message");
  return n;
}

/* prdr_mail_original_rewind - back to the start of @original. */
static gboolean
prdr_mail_original_rewind (GMimeStream *original, GError **error)
{
  if (g_mime_stream_reset (original) == 0)
    return TRUE;
  g_set_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_ORIGINAL,
               "cannot rewind the original message");
  return FALSE;
}

gint64
prdr_mail_original_size (GMimeStream *original, GError **error)
{
  gint64 size = g_mime_stream_length (original);
  if (size < 0)
    g_set_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_ORIGINAL,
                 "cannot tell the size of the original message");
  return size;
}

/* prdr_mail_original_block_end - the length of the header block in @block
 * (LF line ends, searched from @from), or -1 while its end is not seen. */
static gssize
prdr_mail_original_block_end (const GString *block, gsize from)
{
  if (block->len > 0 && block->str[0] == '\n')
    return 0;
  from = from > 0 ? from - 1 : 0;
  const char *end = memmem (block->str + from, block->len - from, "\n\n", 2);
  return end == NULL ? -1 : end - block->str + 1;
}

/* prdr_mail_original_read_headers - the header block of @original, CR and
 * NUL removed, cut at PRDR_MAIL_DSN_HEADERS_MAX as documented. */
static GString *
prdr_mail_original_read_headers (GMimeStream *original, gboolean *cut, GError **error)
{
  g_autoptr (GString) block = g_string_new (NULL);
  char buf[PRDR_MAIL_ORIGINAL_CHUNK];
  gssize end = -1;
  *cut = FALSE;
  if (!prdr_mail_original_rewind (original, error))
    return NULL;
  while (end < 0 && block->len <= PRDR_MAIL_DSN_HEADERS_MAX) {
    gssize n = prdr_mail_original_read (original, buf, sizeof buf, error);
    if (n < 0)
      return NULL;
    if (n == 0)
      break;
    gsize before = block->len;
    for (gssize i = 0; i < n; i++)
      if (buf[i] != '\r' && buf[i] != '\0')
        g_string_append_c (block, buf[i]);
    end = prdr_mail_original_block_end (block, before);
  }
  if (end >= 0)
    g_string_truncate (block, (gsize) end);
  if (block->len > PRDR_MAIL_DSN_HEADERS_MAX) {
    const char *last = memrchr (block->str, '\n', PRDR_MAIL_DSN_HEADERS_MAX);
    g_string_truncate (block, last == NULL ? 0 : (gsize) (last - block->str) + 1);
    *cut = TRUE;
  }
  if (block->len > 0 && block->str[block->len - 1] != '\n')
    g_string_append_c (block, '\n');
  return g_steal_pointer (&block);
}

GMimeObject *
prdr_mail_original_headers_part (GMimeStream *original, gboolean *cut, GError **error)
{
  GString *block = prdr_mail_original_read_headers (original, cut, error);
  if (block == NULL)
    return NULL;
  PrdrMailOriginalScan scan = { 0 };
  prdr_mail_original_scan (&scan, block->str, block->len);
  g_autoptr (GMimeStream) mem = g_mime_stream_mem_new_with_buffer (block->str, block->len);
  g_string_free (block, TRUE);
  g_autoptr (GMimeDataWrapper) wrapper =
      g_mime_data_wrapper_new_with_stream (mem, GMIME_CONTENT_ENCODING_DEFAULT);
  GMimePart *part = g_mime_part_new_with_type ("text", "rfc822-headers");
  g_mime_part_set_content (part, wrapper);
  g_mime_part_set_content_encoding (part, prdr_mail_original_encoding (&scan));
  return GMIME_OBJECT (part);
}

/* prdr_mail_original_scan_stream - scan all of @original. */
static gboolean
prdr_mail_original_scan_stream (GMimeStream *original, PrdrMailOriginalScan *scan,
                                GError **error)
{
  char buf[PRDR_MAIL_ORIGINAL_CHUNK];
  gssize n;
  if (!prdr_mail_original_rewind (original, error))
    return FALSE;
  while ((n = prdr_mail_original_read (original, buf, sizeof buf, error)) > 0)
    prdr_mail_original_scan (scan, buf, (gsize) n);
  return n == 0 && prdr_mail_original_rewind (original, error);
}

GMimeObject *
prdr_mail_original_full_part (GMimeStream *original, GError **error)
{
  PrdrMailOriginalScan scan = { 0 };
  if (!prdr_mail_original_scan_stream (original, &scan, error))
    return NULL;
  g_autoptr (GMimeStream) filtered = g_mime_stream_filter_new (original);
  g_autoptr (GMimeFilter) dos2unix = g_mime_filter_dos2unix_new (FALSE);
  g_mime_stream_filter_add (GMIME_STREAM_FILTER (filtered), dos2unix);
  g_autoptr (GMimeDataWrapper) wrapper =
      g_mime_data_wrapper_new_with_stream (filtered, GMIME_CONTENT_ENCODING_DEFAULT);
  GMimePart *part = g_mime_part_new_with_type ("message", "rfc822");
  g_mime_part_set_content (part, wrapper);
  g_mime_part_set_content_encoding (part, prdr_mail_original_encoding (&scan));
  return GMIME_OBJECT (part);
}
