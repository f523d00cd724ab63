/*
 * autoreply.c - an automatic reply (RFC 5230 section 5, RFC 3834 section 3)
 * built with GMime; see autoreply.h.  The rules for when not to reply are in
 * autoreply-policy.c.
 */
#include "autoreply-private.h"

#include <string.h>

#include "gmime-autoptr.h"
#include "limits.h"
#include "mail-error.h"
#include "mailbox.h"
#include "text.h"

/* The original's fields that may name the envelope sender with a display
 * name, in the order they are searched (RFC 5322 section 3.6.2). */
static const char *const prdr_mail_autoreply_sender_fields[] = {
  "Sender", "Resent-From", "From",
};

/* prdr_mail_autoreply_msgid_valid - a msg-id we may copy (without its angle
 * brackets): printable US-ASCII without spaces or brackets, one line. */
static gboolean
prdr_mail_autoreply_msgid_valid (const char *id)
{
  gsize len = id != NULL ? strlen (id) : 0;
  if (len == 0 || len > PRDR_MAIL_MSGID_MAX)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (id[i] <= ' ' || id[i] > '~' || id[i] == '<' || id[i] == '>')
      return FALSE;
  return TRUE;
}

/* prdr_mail_autoreply_references - the original's References (or its
 * In-Reply-To, RFC 5322 section 3.6.4) followed by @id, the newest
 * PRDR_MAIL_REFERENCES_MAX valid ids, as "<a> <b>". */
static char *
prdr_mail_autoreply_references (GMimeMessage *original, const char *id)
{
  GMimeObject *object = GMIME_OBJECT (original);
  const char *old = g_mime_object_get_header (object, "References");
  if (old == NULL)
    old = g_mime_object_get_header (object, "In-Reply-To");
  g_autoptr (GPtrArray) ids = g_ptr_array_new ();
  GMimeReferences *refs = old != NULL ? g_mime_references_parse (NULL, old) : NULL;
  for (int i = 0; refs != NULL && i < g_mime_references_length (refs); i++)
    if (prdr_mail_autoreply_msgid_valid (g_mime_references_get_message_id (refs, i)))
      g_ptr_array_add (ids, (gpointer) g_mime_references_get_message_id (refs, i));
  g_ptr_array_add (ids, (gpointer) id);
  guint first = ids->len > PRDR_MAIL_REFERENCES_MAX ? ids->len - PRDR_MAIL_REFERENCES_MAX : 0;
  GString *out = g_string_new (NULL);
  for (guint i = first; i < ids->len; i++)
    g_string_append_printf (out, "%s<%s>", i > first ? " " : "",
                            (const char *) g_ptr_array_index (ids, i));
  if (refs != NULL)
    g_mime_references_free (refs);
  return g_string_free (out, FALSE);
}

/* prdr_mail_autoreply_threading - In-Reply-To and References (RFC 5230
 * section 5.8); none when the original has no usable Message-ID. */
static void
prdr_mail_autoreply_threading (GMimeMessage *message, GMimeMessage *original)
{
  const char *id = original != NULL ? g_mime_message_get_message_id (original) : NULL;
  if (!prdr_mail_autoreply_msgid_valid (id))
    return;
  g_autofree char *in_reply_to = g_strdup_printf ("<%s>", id);
  g_autofree char *references = prdr_mail_autoreply_references (original, id);
  g_mime_object_set_header (GMIME_OBJECT (message), "In-Reply-To", in_reply_to, NULL);
  g_mime_object_set_header (GMIME_OBJECT (message), "References", references, NULL);
}

/* prdr_mail_autoreply_text - a text/plain UTF-8 part. */
static GMimeObject *
prdr_mail_autoreply_text (const char *body)
{
  g_autofree char *valid = g_utf8_make_valid (body, -1);
  GMimeTextPart *part = g_mime_text_part_new_with_subtype ("plain");
  g_mime_text_part_set_text (part, valid);
  g_mime_object_encode (GMIME_OBJECT (part), GMIME_ENCODING_CONSTRAINT_7BIT);
  return GMIME_OBJECT (part);
}

/* prdr_mail_autoreply_mime_headers_valid - a :mime entity may only carry
 * 7-bit Content-* headers: any other header would be written among the
 * reply's own headers. */
static gboolean
prdr_mail_autoreply_mime_headers_valid (GMimeObject *entity, GError **error)
{
  GMimeHeaderList *headers = g_mime_object_get_header_list (entity);
  for (int i = 0; i < g_mime_header_list_get_count (headers); i++) {
    GMimeHeader *header = g_mime_header_list_get_header_at (headers, i);
    const char *name = g_mime_header_get_name (header);
    const char *raw = g_mime_header_get_raw_value (header);
    if (g_ascii_strncasecmp (name, "Content-", 8) != 0
        || (raw != NULL && !prdr_mail_text_is_ascii (raw))) {
      g_autofree char *shown = prdr_mail_text_clean (name, 80, NULL);
      g_set_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_INVALID,
                   "vacation :mime: header \"%s\" is not a 7-bit Content-* header", shown);
      return FALSE;
    }
  }
  return TRUE;
}

/* prdr_mail_autoreply_mime - the :mime body parsed as a MIME entity. */
static GMimeObject *
prdr_mail_autoreply_mime (const char *body, GError **error)
{
  g_autoptr (GMimeStream) stream = g_mime_stream_mem_new_with_buffer (body, strlen (body));
  g_autoptr (GMimeParser) parser = g_mime_parser_new_with_stream (stream);
  g_autoptr (GMimeObject) entity = g_mime_parser_construct_part (parser, NULL);
  if (entity == NULL) {
    g_set_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_INVALID,
                 "vacation :mime: the reason is not a MIME entity");
    return NULL;
  }
  if (!prdr_mail_autoreply_mime_headers_valid (entity, error))
    return NULL;
  return g_steal_pointer (&entity);
}

/* prdr_mail_autoreply_from_parse - @from as address and display name: a
 * mailbox "Name <address>" is split (vacation :from may be one). */
static gboolean
prdr_mail_autoreply_from_parse (const PrdrMailAutoreply *reply, char **address, char **name,
                                GError **error)
{
  *address = g_strdup (reply->from != NULL ? reply->from : "");
  *name = g_strdup (reply->from_name);
  if (reply->from_name != NULL || strchr (*address, '<') == NULL)
    return prdr_mail_address_check (*address, "From", error);
  g_autoptr (InternetAddressList) list = internet_address_list_parse (NULL, reply->from);
  InternetAddress *ia = list != NULL && internet_address_list_length (list) == 1
      ? internet_address_list_get_address (list, 0) : NULL;
  if (ia != NULL && INTERNET_ADDRESS_IS_MAILBOX (ia)) {
    g_free (*address);
    *address = g_strdup (internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (ia)));
    *name = g_strdup (internet_address_get_name (ia));
  }
  return prdr_mail_address_check (*address, "From", error);
}

/* prdr_mail_autoreply_named - the first mailbox of field @field of
 * @original whose address is @to (without regard to case), or when @to is
 * NULL the first with a usable address (prdr_mail_address_check). */
static InternetAddressMailbox *
prdr_mail_autoreply_named (GMimeMessage *original, const char *field, const char *to)
{
  const char *value = g_mime_object_get_header (GMIME_OBJECT (original), field);
  g_autoptr (InternetAddressList) list = value != NULL
      ? internet_address_list_parse (NULL, value) : NULL;
  for (int i = 0; list != NULL && i < internet_address_list_length (list); i++) {
    InternetAddress *ia = internet_address_list_get_address (list, i);
    if (!INTERNET_ADDRESS_IS_MAILBOX (ia))
      continue;
    const char *addr = internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (ia));
    if (addr == NULL)
      continue;
    if (to != NULL ? g_ascii_strcasecmp (addr, to) == 0
                   : strchr (addr, '@') != NULL && prdr_mail_address_check (addr, "To", NULL))
      return g_object_ref (INTERNET_ADDRESS_MAILBOX (ia));
  }
  return NULL;
}

/* prdr_mail_autoreply_recipient - the mailbox for To: the original's
 * Sender, Resent-From or From that is the envelope sender, with its
 * display name (or, with to_ignore_envelope, the first of them at all);
 * else the envelope sender alone. */
static InternetAddressMailbox *
prdr_mail_autoreply_recipient (const PrdrMailAutoreply *reply,
                               const PrdrMailAutoreplyConfig *config, GMimeMessage *original)
{
  gboolean any = config != NULL && config->to_ignore_envelope;
  for (gsize i = 0; original != NULL && i < G_N_ELEMENTS (prdr_mail_autoreply_sender_fields);
       i++) {
    InternetAddressMailbox *found = prdr_mail_autoreply_named (
        original, prdr_mail_autoreply_sender_fields[i], any ? NULL : reply->to);
    if (found != NULL)
      return found;
  }
  return INTERNET_ADDRESS_MAILBOX (internet_address_mailbox_new (NULL, reply->to));
}

/* prdr_mail_autoreply_add_mailbox - field @type set to @address with
 * @name (peer text: cleaned to one line by prdr_mail_mailbox_format_name_
 * addr), written as "\"Name\" <address>", encoded words or "<address>". */
static void
prdr_mail_autoreply_add_mailbox (GMimeMessage *message, GMimeAddressType type,
                                 const char *field, const char *name, const char *address)
{
  g_autofree char *value = prdr_mail_mailbox_format_name_addr (name, address);
  g_autoptr (InternetAddressList) list = internet_address_list_parse (NULL, value);
  InternetAddress *ia = list != NULL && internet_address_list_length (list) == 1
      ? internet_address_list_get_address (list, 0) : NULL;
  g_mime_message_add_mailbox (message, type, ia != NULL ? internet_address_get_name (ia) : NULL,
                              address);
  g_autofree char *raw = g_strdup_printf (" %s\n", value);
  GMimeHeaderList *headers = g_mime_object_get_header_list (GMIME_OBJECT (message));
  g_mime_header_set_raw_value (g_mime_header_list_get_header (headers, field), raw);
}

/* prdr_mail_autoreply_check - the addresses, host name and body size. */
static gboolean
prdr_mail_autoreply_check (const PrdrMailAutoreply *reply, GError **error)
{
  if (!prdr_mail_address_check (reply->to, "To", error)
      || !prdr_mail_host_check (reply->hostname, error))
    return FALSE;
  if (strlen (reply->body) > PRDR_MAIL_AUTOREPLY_BODY_MAX) {
    g_set_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_INVALID,
                 "auto-reply: body longer than %d octets", PRDR_MAIL_AUTOREPLY_BODY_MAX);
    return FALSE;
  }
  return TRUE;
}

GMimeMessage *
prdr_mail_autoreply_build (const PrdrMailAutoreply *reply, GMimeMessage *original,
                           GError **error)
{
  return prdr_mail_autoreply_build_with_config (reply, NULL, original, error);
}

GMimeMessage *
prdr_mail_autoreply_build_with_config (const PrdrMailAutoreply *reply,
                                       const PrdrMailAutoreplyConfig *config,
                                       GMimeMessage *original, GError **error)
{
  g_autofree char *from = NULL, *from_name = NULL;
  if (!prdr_mail_autoreply_from_parse (reply, &from, &from_name, error)
      || !prdr_mail_autoreply_check (reply, error))
    return NULL;
  g_autoptr (GMimeObject) body = reply->mime ? prdr_mail_autoreply_mime (reply->body, error)
                                             : prdr_mail_autoreply_text (reply->body);
  if (body == NULL)
    return NULL;
  GMimeMessage *message = g_mime_message_new (TRUE);
  prdr_mail_autoreply_add_mailbox (message, GMIME_ADDRESS_TYPE_FROM, "From", from_name, from);
  g_autoptr (InternetAddressMailbox) to = prdr_mail_autoreply_recipient (reply, config, original);
  prdr_mail_autoreply_add_mailbox (message, GMIME_ADDRESS_TYPE_TO, "To",
                                   internet_address_get_name (INTERNET_ADDRESS (to)),
                                   internet_address_mailbox_get_addr (to));
  prdr_mail_autoreply_set_subject (message, reply, config, original);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_mime_message_set_date (message, now);
  g_autofree char *id = g_mime_utils_generate_message_id (reply->hostname);
  g_mime_message_set_message_id (message, id);
  prdr_mail_autoreply_threading (message, original);
  g_mime_object_set_header (GMIME_OBJECT (message), "Auto-Submitted", "auto-replied", NULL);
  g_mime_object_set_header (GMIME_OBJECT (message), "MIME-Version", "1.0", NULL);
  g_mime_message_set_mime_part (message, body);
  return message;
}
