/*
 * mime-part.c - what one MIME part of the message view holds, for body and
 * extracttext:
 *
 *   prdr_sieve_content_type, prdr_sieve_part_decoded, prdr_sieve_part_text,
 *   prdr_sieve_part_extract_text, prdr_sieve_part_message_header
 *
 * The media type is the one RFC 2045 makes effective: text/plain when the
 * Content-Type field is not valid syntax (section 5.2), and
 * application/octet-stream for a leaf part with a Content-Transfer-Encoding
 * we do not know (section 6.4).  Content is decoded by GMime from its
 * transfer encoding and converted from its charset to UTF-8 (RFC 5173
 * section 5.2: bad octets are replaced, an unknown charset is read as
 * US-ASCII).  The header of a message/rfc822 part is taken from the
 * message text as it is, line ends included.  Limits: every value is cut
 * at PRDR_SIEVE_MAX_BODY_SIZE octets.
 */
#include "sieve-private.h"

#include <string.h>

/* prdr_sieve_token_end - past an RFC 2045 token at @p (@p when none) */
static const char *
prdr_sieve_token_end (const char *p)
{
  while (*p > ' ' && *p < 127 && !strchr ("()<>@,;:\\\"/[]?=", *p))
    p++;
  return p;
}

static const char *
prdr_sieve_skip_space (const char *p)
{
  while (g_ascii_isspace (*p))
    p++;
  return p;
}

/* prdr_sieve_content_type_valid - RFC 2045 section 5.1: type "/" subtype
 * (white space allowed around the tokens, RFC 822 lexical rules), then
 * nothing, parameters after a ';' or a comment */
static gboolean
prdr_sieve_content_type_valid (const char *value)
{
  const char *p = prdr_sieve_skip_space (value), *end = prdr_sieve_token_end (p);

  if (end == p)
    return FALSE;
  p = prdr_sieve_skip_space (end);
  if (*p != '/')
    return FALSE;
  p = prdr_sieve_skip_space (p + 1);
  end = prdr_sieve_token_end (p);
  if (end == p)
    return FALSE;
  end = prdr_sieve_skip_space (end);
  return *end == '\0' || *end == ';' || *end == '(';
}

void
prdr_sieve_content_type (GMimeObject *object, const char **type, const char **subtype)
{
  GMimeContentType *ct = object ? g_mime_object_get_content_type (object) : NULL;
  const char *header = object ? g_mime_object_get_header (object, "Content-Type") : NULL;
  const char *cte = object ? g_mime_object_get_header (object, "Content-Transfer-Encoding")
    : NULL;

  *type = ct && g_mime_content_type_get_media_type (ct)
    ? g_mime_content_type_get_media_type (ct) : "text";
  *subtype = ct && g_mime_content_type_get_media_subtype (ct)
    ? g_mime_content_type_get_media_subtype (ct) : "plain";
  if (!object || !GMIME_IS_PART (object))
    return;
  if (cte && g_mime_content_encoding_from_string (cte) == GMIME_CONTENT_ENCODING_DEFAULT)
    {
      *type = "application";   /* RFC 2045 section 6.4 */
      *subtype = "octet-stream";
    }
  else if (header && !prdr_sieve_content_type_valid (header))
    {
      *type = "text";          /* RFC 2045 section 5.2 */
      *subtype = "plain";
    }
}

/* prdr_sieve_part_bytes - a leaf part's content without its transfer
 * encoding, cut at PRDR_SIEVE_MAX_BODY_SIZE */
static GByteArray *
prdr_sieve_part_bytes (GMimeObject *object)
{
  GMimeDataWrapper *content = g_mime_part_get_content (GMIME_PART (object));
  g_autoptr (GMimeStream) mem = g_mime_stream_mem_new ();
  GByteArray *held, *bytes = g_byte_array_new ();

  if (content)
    g_mime_data_wrapper_write_to_stream (content, mem);
  /* the stream frees its array's data: copy what we keep */
  held = g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (mem));
  g_byte_array_append (bytes, held->data, MIN (held->len, (guint) PRDR_SIEVE_MAX_BODY_SIZE));
  return bytes;
}

char *
prdr_sieve_part_decoded (GMimeObject *object)
{
  g_autoptr (GByteArray) bytes = prdr_sieve_part_bytes (object);

  return g_strndup ((const char *) bytes->data, bytes->len);
}

/* prdr_sieve_part_is_xhtml - application/xhtml+xml, text for :text */
static gboolean
prdr_sieve_part_is_xhtml (const char *type, const char *subtype)
{
  return g_ascii_strcasecmp (type, "application") == 0
    && g_ascii_strcasecmp (subtype, "xhtml+xml") == 0;
}

char *
prdr_sieve_part_text (GMimeObject *object)
{
  const char *type, *subtype, *charset;
  g_autoptr (GByteArray) bytes = NULL;
  char *text;

  if (!object || !GMIME_IS_PART (object))
    return NULL;
  prdr_sieve_content_type (object, &type, &subtype);
  if (g_ascii_strcasecmp (type, "text") != 0 && !prdr_sieve_part_is_xhtml (type, subtype))
    return NULL;
  bytes = prdr_sieve_part_bytes (object);
  if (bytes->len == 0)
    return g_strdup ("");
  charset = g_mime_object_get_content_type_parameter (object, "charset");
  text = charset ? g_convert ((const char *) bytes->data, bytes->len, "UTF-8",
                              g_mime_charset_iconv_name (charset), NULL, NULL, NULL) : NULL;
  if (!text)   /* no or unknown charset: US-ASCII, bad octets replaced */
    text = g_utf8_make_valid ((const char *) bytes->data, bytes->len);
  return text;
}

char *
prdr_sieve_part_extract_text (GMimeObject *object)
{
  const char *type, *subtype;
  char *text = prdr_sieve_part_text (object), *plain;

  if (!text)
    return NULL;
  prdr_sieve_content_type (object, &type, &subtype);
  if (!prdr_sieve_part_is_xhtml (type, subtype) && g_ascii_strcasecmp (subtype, "html") != 0)
    return text;
  plain = prdr_sieve_html_to_text (text, strlen (text));
  g_free (text);
  return plain;
}

/* prdr_sieve_header_block_end - offset just past the last line of the
 * header block at @text (before the empty line), @len without one */
static gsize
prdr_sieve_header_block_end (const char *text, gsize len)
{
  gsize pos = 0;

  while (pos < len)
    {
      const char *eol = memchr (text + pos, '\n', len - pos);
      if (text[pos] == '\n' || (text[pos] == '\r' && pos + 1 < len && text[pos + 1] == '\n'))
        return pos;
      if (!eol)
        return len;
      pos = eol - text + 1;
    }
  return len;
}

char *
prdr_sieve_part_message_header (PrdrSieveMessage *msg, GMimeObject *object)
{
  GMimeMessage *inner = GMIME_IS_MESSAGE_PART (object)
    ? g_mime_message_part_get_message (GMIME_MESSAGE_PART (object)) : NULL;
  GMimeHeaderList *hl = inner ? g_mime_object_get_header_list (GMIME_OBJECT (inner)) : NULL;
  gint64 start = hl && g_mime_header_list_get_count (hl) > 0
    ? g_mime_header_get_offset (g_mime_header_list_get_header_at (hl, 0)) : -1;
  char *header;

  if (start >= 0 && (guint64) start < msg->raw->len)
    {
      /* the header as it is in the message, line ends included */
      const char *text = (const char *) msg->raw->data + start;
      gsize len = prdr_sieve_header_block_end (text, msg->raw->len - start);
      return g_strndup (text, MIN (len, (gsize) PRDR_SIEVE_MAX_BODY_SIZE));
    }
  /* not parsed from our text (new_from_gmime): as GMime writes it */
  header = inner ? g_mime_object_get_headers (GMIME_OBJECT (inner), NULL) : NULL;
  if (header && strlen (header) > PRDR_SIEVE_MAX_BODY_SIZE)
    header[PRDR_SIEVE_MAX_BODY_SIZE] = '\0';
  return header ? header : g_strdup ("");
}
