/*
 * message.c - the message view: one parsed message shared by every script
 * run on it, caching what scripts look at.
 *
 *   prdr_sieve_message_new_from_bytes/_new_from_gmime/_ref/_unref,
 *   prdr_sieve_message_part/_n_parts/_header/_raw_body,
 *   prdr_sieve_message_part_inside, prdr_sieve_header_values,
 *   prdr_sieve_header_unfold, prdr_sieve_header_field_value,
 *   prdr_sieve_message_size_with
 *
 * The top-level header is read from the message text itself (GMime splits
 * it between the message and its body part), in order, with raw folded
 * values.  Header values for tests are unfolded, decoded from RFC 2047 and
 * trimmed of surrounding white space (RFC 5228 section 2.7.2) once per
 * part and name, then cached.  MIME parts are flattened depth-first (part 0
 * is the message) for body, mime and foreverypart; each part records where
 * its subtree ends, so "is inside" is O(1).  A header not followed by an
 * empty line means no body (RFC 5173 section 5).  What a part holds (type,
 * text) is in mime-part.c.  Limits: at most PRDR_SIEVE_MAX_MIME_PARTS parts
 * are visited (which also bounds the recursion over GMime's tree).
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
