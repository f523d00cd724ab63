/*
 * message.c - the message view: one parsed message shared by every script
 * run on it, caching what scripts look at.
 *
 *   prdr_sieve_message_new_from_bytes/_new_from_gmime/_ref/_unref,
 *   prdr_sieve_message_part/_n_parts/_header/_raw_body,
 *   prdr_sieve_header_values, prdr_sieve_header_unfold,
 *   prdr_sieve_part_text, prdr_sieve_content_type
 *
 * The top-level header is read from the message text itself (GMime splits
 * it between the message and its body part), in order, with raw folded
 * values.  Header values for tests are unfolded, decoded from RFC 2047 and
 * trimmed of surrounding white space (RFC 5228 section 2.7.2) once per
 * part and name, then cached.  MIME parts are flattened depth-first (part 0
 * is the message) for body, mime and foreverypart.  Limits: at most
 * PRDR_SIEVE_MAX_MIME_PARTS parts are visited.
 */
#include "sieve-private.h"

#include <string.h>

void
prdr_sieve_header_field_free (PrdrSieveHeaderField *f)
{
  g_free (f->name);
  g_free (f->raw);
  g_free (f);
}

static void
prdr_sieve_part_free (PrdrSieveMimePart *part)
{
  g_ptr_array_unref (part->fields);
  g_free (part);
}

/* prdr_sieve_message_read_header - fields of a header block in @text (up
 * to the empty line); @body_offset: where the body starts; FALSE when
 * there is no empty line, so no body (RFC 5173 section 5) */
static gboolean
prdr_sieve_message_read_header (const char *text, gsize len, GPtrArray *fields,
                                gsize *body_offset)
{
  gsize pos = 0;
  gboolean empty_line = FALSE;
  PrdrSieveHeaderField *cur = NULL;
  GString *value = NULL;

  while (pos < len)
    {
      const char *eol = memchr (text + pos, '\n', len - pos);
      gsize end = eol ? (gsize) (eol - text) : len, next = eol ? end + 1 : len;
      gsize l = end - pos;
      if (l > 0 && text[end - 1] == '\r')
        l--;
      if (l == 0)
        {
          pos = next;
          empty_line = TRUE;
          break;
        }
      if ((text[pos] == ' ' || text[pos] == '\t') && cur)
        {
          g_string_append_c (value, '\n');
          g_string_append_len (value, text + pos, l);
        }
      else
        {
          const char *colon = memchr (text + pos, ':', l);
          if (cur)
            cur->raw = g_string_free (g_steal_pointer (&value), FALSE);
          cur = NULL;
          if (colon)
            {
              cur = g_new0 (PrdrSieveHeaderField, 1);
              cur->name = g_strstrip (g_strndup (text + pos, colon - text - pos));
              value = g_string_new_len (colon + 1, text + pos + l - colon - 1);
              g_ptr_array_add (fields, cur);
            }
        }
      pos = next;
    }
  if (cur)
    cur->raw = g_string_free (value, FALSE);
  *body_offset = pos;
  return empty_line;
}

static GPtrArray *
prdr_sieve_fields_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) prdr_sieve_header_field_free);
}

/* prdr_sieve_message_fields_of - header fields of a GMime part */
static GPtrArray *
prdr_sieve_message_fields_of (GMimeObject *object)
{
  GPtrArray *fields = prdr_sieve_fields_new ();
  GMimeHeaderList *hl = g_mime_object_get_header_list (object);

  for (int i = 0; hl && i < g_mime_header_list_get_count (hl); i++)
    {
      GMimeHeader *h = g_mime_header_list_get_header_at (hl, i);
      PrdrSieveHeaderField *f = g_new0 (PrdrSieveHeaderField, 1);
      const char *raw = g_mime_header_get_raw_value (h);
      f->name = g_strdup (g_mime_header_get_name (h));
      f->raw = g_strdup (raw ? raw : "");
      g_ptr_array_add (fields, f);
    }
  return fields;
}

static void
prdr_sieve_message_add_parts (PrdrSieveMessage *msg, GMimeObject *object, int parent,
                              guint depth)
{
  PrdrSieveMimePart *part;
  int self;

  if (!object || msg->parts->len >= PRDR_SIEVE_MAX_MIME_PARTS)
    return;
  part = g_new0 (PrdrSieveMimePart, 1);
  part->object = object;
  part->parent = parent;
  part->depth = depth;
  part->fields = prdr_sieve_message_fields_of (object);
  self = msg->parts->len;
  g_ptr_array_add (msg->parts, part);
  if (GMIME_IS_MULTIPART (object))
    {
      GMimeMultipart *mp = GMIME_MULTIPART (object);
      for (int i = 0; i < g_mime_multipart_get_count (mp); i++)
        prdr_sieve_message_add_parts (msg, g_mime_multipart_get_part (mp, i), self, depth + 1);
    }
  else if (GMIME_IS_MESSAGE_PART (object))
    {
      GMimeMessage *inner = g_mime_message_part_get_message (GMIME_MESSAGE_PART (object));
      if (inner)
        prdr_sieve_message_add_parts (msg, g_mime_message_get_mime_part (inner), self,
                                      depth + 1);
    }
  part->end = msg->parts->len;
}

/* prdr_sieve_message_build_parts - part 0: the message header from the
 * text, the body part's object; then the MIME tree */
static void
prdr_sieve_message_build_parts (PrdrSieveMessage *msg)
{
  PrdrSieveMimePart *top;
  GMimeObject *body = g_mime_message_get_mime_part (msg->message);

  msg->parts = g_ptr_array_new_with_free_func ((GDestroyNotify) prdr_sieve_part_free);
  prdr_sieve_message_add_parts (msg, body, -1, 0);
  if (msg->parts->len == 0)
    {
      top = g_new0 (PrdrSieveMimePart, 1);
      top->parent = -1;
      top->end = 1;
      g_ptr_array_add (msg->parts, top);
    }
  else
    {
      top = g_ptr_array_index (msg->parts, 0);
      g_ptr_array_unref (top->fields);
    }
  top->fields = prdr_sieve_fields_new ();
  msg->has_body = prdr_sieve_message_read_header ((const char *) msg->raw->data, msg->raw->len,
                                                  top->fields, &msg->body_offset);
}

static PrdrSieveMessage *
prdr_sieve_message_alloc (GMimeMessage *message, GByteArray *raw)
{
  PrdrSieveMessage *msg = g_new0 (PrdrSieveMessage, 1);
  msg->refcount = 1;
  msg->message = message;
  msg->raw = raw;
  msg->size = raw->len;
  msg->decoded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) g_ptr_array_unref);
  msg->bodies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) g_ptr_array_unref);
  prdr_sieve_message_build_parts (msg);
  return msg;
}

PrdrSieveMessage *
prdr_sieve_message_new_from_bytes (const char *data, gsize length, GError **error)
{
  g_autoptr (GMimeStream) stream = NULL;
  g_autoptr (GMimeParser) parser = NULL;
  GMimeMessage *message;
  GByteArray *raw = g_byte_array_sized_new (length);

  g_byte_array_append (raw, (const guint8 *) data, length);
  stream = g_mime_stream_mem_new_with_buffer (data, length);
  parser = g_mime_parser_new_with_stream (stream);
  message = g_mime_parser_construct_message (parser, NULL);
  if (!message)
    {
      /* not even a header: still a message, with an empty header */
      message = g_mime_message_new (FALSE);
      if (!message)
        {
          g_byte_array_unref (raw);
          g_set_error (error, PRDR_SIEVE_ERROR, PRDR_SIEVE_ERROR_MESSAGE,
                       "the message could not be parsed");
          return NULL;
        }
    }
  return prdr_sieve_message_alloc (message, raw);
}

PrdrSieveMessage *
prdr_sieve_message_new_from_gmime (GMimeMessage *message, gsize size)
{
  g_autofree char *text = g_mime_object_to_string (GMIME_OBJECT (message), NULL);
  GByteArray *raw = g_byte_array_new ();
  PrdrSieveMessage *msg;

  g_byte_array_append (raw, (const guint8 *) text, strlen (text));
  msg = prdr_sieve_message_alloc (g_object_ref (message), raw);
  if (size)
    msg->size = size;
  return msg;
}

PrdrSieveMessage *
prdr_sieve_message_ref (PrdrSieveMessage *msg)
{
  msg->refcount++;
  return msg;
}

void
prdr_sieve_message_unref (PrdrSieveMessage *msg)
{
  if (!msg || --msg->refcount > 0)
    return;
  g_ptr_array_unref (msg->parts);
  g_hash_table_unref (msg->decoded);
  g_hash_table_unref (msg->bodies);
  g_byte_array_unref (msg->raw);
  g_object_unref (msg->message);
  g_free (msg);
}

guint
prdr_sieve_message_n_parts (PrdrSieveMessage *msg)
{
  return msg->parts->len;
}

const PrdrSieveMimePart *
prdr_sieve_message_part (PrdrSieveMessage *msg, guint index)
{
  return index < msg->parts->len ? g_ptr_array_index (msg->parts, index) : NULL;
}

gboolean
prdr_sieve_message_part_inside (PrdrSieveMessage *msg, guint part, guint ancestor)
{
  const PrdrSieveMimePart *a = prdr_sieve_message_part (msg, ancestor);

  return a && part > ancestor && part < a->end;
}

char *
prdr_sieve_header_unfold (const char *raw)
{
  GString *out = g_string_sized_new (strlen (raw));

  for (const char *p = raw; *p; p++)
    if (*p == '\r' && p[1] == '\n')
      continue;
    else if (*p != '\n')
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

char *
prdr_sieve_header_field_value (const PrdrSieveHeaderField *f, gboolean decode)
{
  char *unfolded = prdr_sieve_header_unfold (f->raw);

  if (decode && strstr (unfolded, "=?"))
    {
      char *dec = g_mime_utils_header_decode_text (NULL, unfolded);
      g_free (unfolded);
      unfolded = dec;
    }
  return g_strstrip (unfolded);
}

GPtrArray *
prdr_sieve_header_values (GPtrArray *fields, const char *name, gboolean decode)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; fields && i < fields->len; i++)
    {
      const PrdrSieveHeaderField *f = g_ptr_array_index (fields, i);
      if (g_ascii_strcasecmp (f->name, name) == 0)
        g_ptr_array_add (out, prdr_sieve_header_field_value (f, decode));
    }
  return out;
}

GPtrArray *
prdr_sieve_message_header (PrdrSieveMessage *msg, guint part, const char *name)
{
  g_autofree char *lname = g_ascii_strdown (name, -1);
  char *key = g_strdup_printf ("%u\n%s", part, lname);
  GPtrArray *values = g_hash_table_lookup (msg->decoded, key);
  const PrdrSieveMimePart *p;

  if (values)
    {
      g_free (key);
      return values;
    }
  p = prdr_sieve_message_part (msg, part);
  values = prdr_sieve_header_values (p ? p->fields : NULL, name, TRUE);
  g_hash_table_insert (msg->decoded, key, values);
  return values;
}

char *
prdr_sieve_message_raw_body (PrdrSieveMessage *msg)
{
  gsize len = MIN (msg->raw->len - msg->body_offset, (gsize) PRDR_SIEVE_MAX_BODY_SIZE);
  return g_strndup ((const char *) msg->raw->data + msg->body_offset, len);
}

gsize
prdr_sieve_message_size_with (PrdrSieveMessage *msg, GPtrArray *fields)
{
  gsize size = 2 + msg->raw->len - msg->body_offset;   /* empty line + body */

  for (guint i = 0; i < fields->len; i++)
    {
      const PrdrSieveHeaderField *f = g_ptr_array_index (fields, i);
      size += strlen (f->name) + 1 + strlen (f->raw) + 2;
    }
  return size;
}

/* prdr_sieve_token_end - past an RFC 2045 token at @p (@p when none) */
static const char *
prdr_sieve_token_end (const char *p)
{
  while (*p > ' ' && *p < 127 && !strchr ("()<>@,;:\\\"/[]?=", *p))
    p++;
  return p;
}

/* prdr_sieve_content_type_valid - RFC 2045 section 5.1: type "/" subtype,
 * then parameters, each after a ';' */
static gboolean
prdr_sieve_content_type_valid (const char *value)
{
  const char *p = value, *end;

  while (g_ascii_isspace (*p))
    p++;
  end = prdr_sieve_token_end (p);
  if (end == p || *end != '/')
    return FALSE;
  p = end + 1;
  end = prdr_sieve_token_end (p);
  if (end == p)
    return FALSE;
  while (g_ascii_isspace (*end))
    end++;
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
