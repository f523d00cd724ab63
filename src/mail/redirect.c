/*
 * redirect.c - the redirected copy of a message and its envelope (RFC 5228
 * section 4.2), with loop detection; see redirect.h.
 */
#include "redirect.h"

#include <string.h>

#include "addr-spec.h"
#include "gmime-autoptr.h"
#include "limits.h"
#include "mail-error.h"

static const char prdr_mail_redirect_field[] = "X-Sieve-Redirected-From";

/* prdr_mail_redirect_names_us - whether the address list @value names the
 * owner or the final recipient of @origin. */
static gboolean
prdr_mail_redirect_names_us (const char *value, const PrdrMailOrigin *origin)
{
  g_autoptr (InternetAddressList) list = internet_address_list_parse (NULL, value);
  for (int i = 0; list != NULL && i < internet_address_list_length (list); i++) {
    InternetAddress *a = internet_address_list_get_address (list, i);
    if (!INTERNET_ADDRESS_IS_MAILBOX (a))
      continue;
    const char *addr = internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (a));
    if (prdr_mail_addr_spec_equal (addr, prdr_mail_origin_user (origin))
        || prdr_mail_addr_spec_equal (addr, origin->recipient))
      return TRUE;
  }
  return FALSE;
}

/* prdr_mail_redirect_loop - the reason @message must not be redirected
 * again, or NULL. */
static char *
prdr_mail_redirect_loop (GMimeMessage *message, const PrdrMailOrigin *origin)
{
  GMimeHeaderList *headers = g_mime_object_get_header_list (GMIME_OBJECT (message));
  guint hops = 0;
  for (int i = 0; i < g_mime_header_list_get_count (headers); i++) {
    GMimeHeader *h = g_mime_header_list_get_header_at (headers, i);
    if (g_ascii_strcasecmp (g_mime_header_get_name (h), prdr_mail_redirect_field) != 0)
      continue;
    if (++hops > PRDR_MAIL_REDIRECT_HOPS_MAX)
      return g_strdup_printf ("the message has more than %d %s fields",
                              PRDR_MAIL_REDIRECT_HOPS_MAX, prdr_mail_redirect_field);
    if (prdr_mail_redirect_names_us (g_mime_header_get_value (h), origin))
      return g_strdup_printf ("the message was redirected by <%s> before (%s)",
                              prdr_mail_origin_user (origin), prdr_mail_redirect_field);
  }
  return NULL;
}

/* prdr_mail_redirect_fields_clean - hostile header fields made safe to
 * send (see redirect.h): a CR that does not start a CRLF becomes a space,
 * and a field GMime cut at a NUL octet (its value then lacks its line end,
 * and the next field would be glued to it) gets its line end back. */
static void
prdr_mail_redirect_fields_clean (GMimeHeaderList *headers)
{
  for (int i = 0; headers != NULL && i < g_mime_header_list_get_count (headers); i++) {
    GMimeHeader *h = g_mime_header_list_get_header_at (headers, i);
    const char *raw = g_mime_header_get_raw_value (h);
    if (raw == NULL || (strchr (raw, '\r') == NULL && g_str_has_suffix (raw, "\n")))
      continue;
    g_autofree char *clean = g_str_has_suffix (raw, "\n") ? g_strdup (raw)
                                                          : g_strconcat (raw, "\n", NULL);
    for (char *p = clean; *p != '\0'; p++)
      if (*p == '\r' && p[1] != '\n')
        *p = ' ';
    g_mime_header_set_raw_value (h, clean);
  }
}

/* prdr_mail_redirect_header_clean - the top-level header block: GMime
 * keeps the Content-* fields in the message's MIME part, not in the
 * message's own list. */
static void
prdr_mail_redirect_header_clean (GMimeMessage *message)
{
  GMimeObject *part = g_mime_message_get_mime_part (message);
  prdr_mail_redirect_fields_clean (g_mime_object_get_header_list (GMIME_OBJECT (message)));
  if (part != NULL)
    prdr_mail_redirect_fields_clean (g_mime_object_get_header_list (part));
}

/* prdr_mail_redirect_sender - the envelope sender of the copy, in Mailbox
 * form; NULL with an error when the configured one is not an address. */
static char *
prdr_mail_redirect_sender (const PrdrMailRedirect *r, GError **error)
{
  const char *sender = r->origin->sender;
  if (sender == NULL || *sender == '\0')
    return g_strdup ("");
  const char *chosen = prdr_mail_sender_source_resolve (r->envelope_from, r->origin);
  if (chosen == NULL)
    chosen = sender;
  if (*chosen == '\0')
    return g_strdup ("");
  char *path = prdr_mail_addr_spec_path (chosen);
  if (path == NULL)
    g_set_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_INVALID,
                 "redirect: envelope sender '%s' is not an address", chosen);
  return path;
}

/* prdr_mail_redirect_parse - @stream from its start as a message. */
static GMimeMessage *
prdr_mail_redirect_parse (GMimeStream *stream, GError **error)
{
  if (g_mime_stream_reset (stream) != 0) {
    g_set_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_ORIGINAL,
                 "redirect: cannot read the message");
    return NULL;
  }
  g_autoptr (GMimeParser) parser = g_mime_parser_new_with_stream (stream);
  GMimeMessage *message = g_mime_parser_construct_message (parser, NULL);
  if (message == NULL)
    g_set_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_ORIGINAL,
                 "redirect: the message does not parse");
  return message;
}

PrdrMailOutgoing *
prdr_mail_redirect_build (const PrdrMailRedirect *redirect, GMimeStream *message,
                          GError **error)
{
  const char *owner = prdr_mail_origin_user (redirect->origin);
  g_autofree char *to = prdr_mail_addr_spec_path (redirect->to);
  if (to == NULL || !prdr_mail_addr_spec_valid (owner)) {
    g_set_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_INVALID,
                 "redirect: '%s' is not an address", to == NULL ? redirect->to : owner);
    return NULL;
  }
  g_autofree char *sender = prdr_mail_redirect_sender (redirect, error);
  g_autoptr (GMimeMessage) copy = sender != NULL ? prdr_mail_redirect_parse (message, error)
                                                 : NULL;
  if (copy == NULL)
    return NULL;
  g_autofree char *loop = prdr_mail_redirect_loop (copy, redirect->origin);
  if (loop != NULL) {
    g_set_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_NOTHING,
                 "not redirected to <%s>: %s: a mail loop", to, loop);
    return NULL;
  }
  GMimeObject *object = GMIME_OBJECT (copy);
  while (g_mime_header_list_remove (g_mime_object_get_header_list (object), "Return-Path"))
    ;
  prdr_mail_redirect_header_clean (copy);
  g_mime_object_prepend_header (object, prdr_mail_redirect_field, owner, NULL);
  PrdrMailOutgoing *out = prdr_mail_outgoing_new (sender, copy);
  g_ptr_array_add (out->recipients, g_steal_pointer (&to));
  return out;
}
