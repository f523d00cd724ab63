/*
 * notify-mailto.c - the notification message of the Sieve mailto method
 * (RFC 5436 section 2.7) built with GMime; see notify-mailto.h.
 */
#include "notify-mailto.h"

#include <string.h>

#include "addr-spec.h"
#include "field.h"
#include "gmime-autoptr.h"
#include "limits.h"
#include "mail-error.h"
#include "mailbox.h"
#include "mailto.h"
#include "original-fields.h"
#include "text.h"

static const char prdr_mail_notify_implementation[] = "prdr-milter Sieve";
static const char prdr_mail_notify_default_subject[] = "Notification of a new message";

/* The priority fields per :importance (RFC 5436 section 2.4 leaves them to
 * us; these are the common non-standard ones). */
static const struct {
  const char *x_priority, *importance;
} prdr_mail_notify_priorities[] = {
  { "1 (Highest)", "High" }, { "3 (Normal)", "Normal" }, { "5 (Lowest)", "Low" },
};

/* prdr_mail_notify_from - the From mailbox: :from when it is one valid
 * Sieve address (RFC 5228 2.4.2.3), else the owner.  *@valid_from is set
 * to the :from address or NULL. */
static char *
prdr_mail_notify_from (const PrdrMailNotify *n, char **valid_from)
{
  g_autoptr (InternetAddressList) list = n->from != NULL
      ? internet_address_list_parse (NULL, n->from) : NULL;
  InternetAddress *a = list != NULL && internet_address_list_length (list) == 1
      ? internet_address_list_get_address (list, 0) : NULL;
  const char *addr = a != NULL && INTERNET_ADDRESS_IS_MAILBOX (a)
      ? internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (a)) : NULL;
  *valid_from = NULL;
  if (addr == NULL || !prdr_mail_addr_spec_valid (addr))
    return g_strdup (prdr_mail_origin_user (n->origin));
  *valid_from = g_strdup (addr);
  return prdr_mail_mailbox_format (internet_address_get_name (a), addr);
}

/* prdr_mail_notify_list - the mailboxes of @list not in @notified as a
 * field value (NULL when none), each added to @recipients (Mailbox forms)
 * and to @notified. */
static char *
prdr_mail_notify_list (GPtrArray *list, GHashTable *notified, GPtrArray *recipients)
{
  g_autoptr (GString) value = g_string_new (NULL);
  for (guint i = 0; i < list->len; i++) {
    const PrdrMailMailtoAddress *a = list->pdata[i];
    g_autofree char *path = prdr_mail_addr_spec_path (a->address);
    g_autofree char *key = g_ascii_strdown (path, -1);
    if (notified != NULL && g_hash_table_contains (notified, key))
      continue;
    if (notified != NULL)
      g_hash_table_add (notified, g_strdup (key));
    g_autofree char *mailbox = prdr_mail_mailbox_format (a->name, a->address);
    g_string_append_printf (value, "%s%s", value->len > 0 ? ", " : "", mailbox);
    g_ptr_array_add (recipients, g_steal_pointer (&path));
  }
  return value->len > 0 ? g_string_free (g_steal_pointer (&value), FALSE) : NULL;
}

/* prdr_mail_notify_sender - the envelope sender (notify-mailto.h). */
static const char *
prdr_mail_notify_sender (const PrdrMailNotify *n, const char *valid_from)
{
  const PrdrMailOrigin *o = n->origin;
  if (o->sender == NULL || *o->sender == '\0')
    return "";
  const char *chosen = prdr_mail_sender_source_resolve (n->envelope_from, o);
  if (chosen != NULL)
    return chosen;
  if (valid_from != NULL)
    return valid_from;
  return o->postmaster != NULL ? o->postmaster : prdr_mail_origin_user (o);
}

/* prdr_mail_notify_subject - RFC 5436 section 2.7, one clean line. */
static char *
prdr_mail_notify_subject (const PrdrMailNotify *n, const PrdrMailMailto *uri,
                          GMimeMessage *original)
{
  const char *subject = n->message != NULL ? n->message : uri->subject;
  g_autofree char *clean = subject != NULL
      ? g_strstrip (prdr_mail_text_clean (subject, PRDR_MAIL_SUBJECT_MAX, NULL))
      : prdr_mail_original_subject (original, PRDR_MAIL_SUBJECT_MAX);
  return g_strdup (clean != NULL && *clean != '\0' ? clean : prdr_mail_notify_default_subject);
}

/* prdr_mail_notify_body - the URI's body, else the original's From and
 * Subject (RFC 5435 section 3.6). */
static char *
prdr_mail_notify_body (const PrdrMailMailto *uri, GMimeMessage *original, GError **error)
{
  if (uri->body != NULL && strlen (uri->body) > PRDR_MAIL_NOTIFY_BODY_MAX) {
    g_set_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_INVALID,
                 "notify: the body of the mailto URI is longer than %d octets",
                 PRDR_MAIL_NOTIFY_BODY_MAX);
    return NULL;
  }
  if (uri->body != NULL)
    return g_strdup (uri->body);
  InternetAddressList *from = original != NULL
      ? g_mime_message_get_from (original) : NULL;
  g_autofree char *from_text = from != NULL && internet_address_list_length (from) > 0
      ? internet_address_list_to_string (from, NULL, FALSE) : g_strdup ("(unknown)");
  g_autofree char *subject = prdr_mail_original_subject (original, PRDR_MAIL_SUBJECT_MAX);
  g_autofree char *f = prdr_mail_text_clean (from_text, PRDR_MAIL_SUBJECT_MAX, NULL);
  const char *s = subject != NULL ? subject : "(none)";
  return g_strdup_printf ("A new message arrived.\n\nFrom: %s\nSubject: %s\n", f, s);
}

/* prdr_mail_notify_parse_block - From, To and Cc written by us (display
 * names encoded as mailbox.h says) and parsed into a message, so that
 * GMime writes them out unchanged. */
static GMimeMessage *
prdr_mail_notify_parse_block (const char *from, const char *to, const char *cc)
{
  g_autoptr (GString) block = g_string_new (NULL);
  prdr_mail_field_append (block, "From", from);
  if (to != NULL)
    prdr_mail_field_append (block, "To", to);
  if (cc != NULL)
    prdr_mail_field_append (block, "Cc", cc);
  g_string_append_c (block, '\n');
  g_autoptr (GMimeStream) stream = g_mime_stream_mem_new_with_buffer (block->str, block->len);
  g_autoptr (GMimeParser) parser = g_mime_parser_new_with_stream (stream);
  return g_mime_parser_construct_message (parser, NULL);
}

/* prdr_mail_notify_auto_submitted - RFC 5436 section 2.7.1 with the
 * owner-email parameter (a quoted-string). */
static char *
prdr_mail_notify_auto_submitted (const char *owner)
{
  GString *out = g_string_new ("auto-notified; owner-email=\"");
  for (const char *p = owner; *p != '\0'; p++) {
    if (*p == '"' || *p == '\\')
      g_string_append_c (out, '\\');
    g_string_append_c (out, *p);
  }
  g_string_append_c (out, '"');
  return g_string_free (out, FALSE);
}

/* prdr_mail_notify_fields - the generated fields and the URI's others. */
static void
prdr_mail_notify_fields (GMimeMessage *message, const PrdrMailNotify *n,
                         const PrdrMailMailto *uri, const char *subject)
{
  GMimeObject *object = GMIME_OBJECT (message);
  int level = n->importance >= 1 && n->importance <= 3 ? n->importance : 2;
  g_autofree char *auto_submitted
      = prdr_mail_notify_auto_submitted (prdr_mail_origin_user (n->origin));
  g_mime_object_prepend_header (object, "Auto-Submitted", auto_submitted, NULL);
  g_mime_message_set_subject (message, subject, "utf-8");
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_mime_message_set_date (message, now);
  g_autofree char *id = g_mime_utils_generate_message_id (n->hostname);
  g_mime_message_set_message_id (message, id);
  g_mime_object_set_header (object, "X-Sieve", prdr_mail_notify_implementation, NULL);
  g_mime_object_set_header (object, "X-Priority",
                            prdr_mail_notify_priorities[level - 1].x_priority, NULL);
  g_mime_object_set_header (object, "Importance",
                            prdr_mail_notify_priorities[level - 1].importance, NULL);
  for (guint i = 0; i < uri->fields->len; i++) {
    const PrdrMailMailtoField *f = uri->fields->pdata[i];
    g_autofree char *value = prdr_mail_text_clean (f->value, PRDR_MAIL_LINE_HARD_MAX, NULL);
    g_mime_object_append_header (object, f->name, value, "utf-8");
  }
  g_mime_object_set_header (object, "MIME-Version", "1.0", NULL);
}

/* prdr_mail_notify_text - a text/plain UTF-8 part. */
static GMimeObject *
prdr_mail_notify_text (const char *body)
{
  GMimeTextPart *part = g_mime_text_part_new_with_subtype ("plain");
  g_mime_text_part_set_text (part, body);
  g_mime_object_encode (GMIME_OBJECT (part), GMIME_ENCODING_CONSTRAINT_7BIT);
  return GMIME_OBJECT (part);
}

/* prdr_mail_notify_check - what makes no notification or a bad one. */
static gboolean
prdr_mail_notify_check (const PrdrMailNotify *n, GMimeMessage *original, GError **error)
{
  if (prdr_mail_original_is_automatic (original)) {
    g_set_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_NOTHING,
                 "notify: no notification of an automatic message (Auto-Submitted)");
    return FALSE;
  }
  if (!prdr_mail_host_check (n->hostname, error))
    return FALSE;
  if (!prdr_mail_addr_spec_valid (prdr_mail_origin_user (n->origin))) {
    g_set_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_INVALID,
                 "notify: the owner's address is not an address");
    return FALSE;
  }
  return TRUE;
}

PrdrMailOutgoing *
prdr_mail_notify_mailto_build (const PrdrMailNotify *notify, GMimeMessage *original,
                               GHashTable *notified, GError **error)
{
  if (!prdr_mail_notify_check (notify, original, error))
    return NULL;
  g_autoptr (PrdrMailMailto) uri = prdr_mail_mailto_parse (notify->uri, error);
  g_autofree char *body = uri != NULL ? prdr_mail_notify_body (uri, original, error) : NULL;
  if (body == NULL)
    return NULL;
  g_autofree char *valid_from = NULL;
  g_autofree char *from = prdr_mail_notify_from (notify, &valid_from);
  g_autofree char *sender = prdr_mail_addr_spec_path (prdr_mail_notify_sender (notify,
                                                                                valid_from));
  g_autoptr (GPtrArray) recipients = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *to = prdr_mail_notify_list (uri->to, notified, recipients);
  g_autofree char *cc = prdr_mail_notify_list (uri->cc, notified, recipients);
  if (recipients->len == 0) {
    g_set_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_NOTHING,
                 "notify: '%s' names no recipient not notified already", notify->uri);
    return NULL;
  }
  g_autoptr (GMimeMessage) message = prdr_mail_notify_parse_block (from, to, cc);
  g_autofree char *subject = prdr_mail_notify_subject (notify, uri, original);
  prdr_mail_notify_fields (message, notify, uri, subject);
  g_autoptr (GMimeObject) text = prdr_mail_notify_text (body);
  g_mime_message_set_mime_part (message, text);
  PrdrMailOutgoing *out = prdr_mail_outgoing_new (sender != NULL ? sender : "", message);
  g_ptr_array_extend_and_steal (out->recipients, g_steal_pointer (&recipients));
  return out;
}
