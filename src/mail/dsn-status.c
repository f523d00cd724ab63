/*
 * dsn-status.c - the message/delivery-status part of a DSN (RFC 3464
 * sections 2.1-2.3; RFC 3461 section 6.3 for DSNs of mail received by SMTP).
 *
 * The part is 7-bit (RFC 3464 section 2.1: "7bit" encoding MUST be used):
 * every value is one cleaned line, non-ASCII characters are written as RFC
 * 6533 "\x{HEX}" escapes, a non-ASCII recipient address gets address type
 * "utf-8" (RFC 6533 section 3, utf-8-addr-xtext), and fields are folded to
 * RFC 5322 line lengths.
 */
#include "dsn-private.h"

#include "field.h"
#include "gmime-autoptr.h"
#include "text.h"

/* The ASCII characters RFC 6533's utf-8-addr-xtext writes as escapes
 * (QCHAR excludes them), besides controls and non-ASCII. */
#define PRDR_MAIL_DSN_XTEXT_SPECIALS " +=\\"

/* prdr_mail_dsn_status_message - the per-message fields (RFC 3464 2.2). */
static void
prdr_mail_dsn_status_message (const PrdrMailDsn *dsn, GString *out)
{
  g_autofree char *mta = g_strdup_printf ("dns; %s", dsn->reporting_mta);
  prdr_mail_field_append (out, "Reporting-MTA", mta);
  if (dsn->envid != NULL)
    prdr_mail_field_append (out, "Original-Envelope-Id", dsn->envid);
  g_autofree char *arrival = g_mime_utils_header_format_date (dsn->arrival);
  prdr_mail_field_append (out, "Arrival-Date", arrival);
}

/* prdr_mail_dsn_status_address - "rfc822; addr", or "utf-8; escaped" for
 * an address with non-ASCII characters. */
static char *
prdr_mail_dsn_status_address (const char *address)
{
  if (prdr_mail_text_is_ascii (address))
    return g_strdup_printf ("rfc822; %s", address);
  g_autofree char *escaped = prdr_mail_text_escape (address, PRDR_MAIL_DSN_XTEXT_SPECIALS);
  return g_strdup_printf ("utf-8; %s", escaped);
}

/* prdr_mail_dsn_status_recipient - the per-recipient fields (RFC 3464 2.3). */
static void
prdr_mail_dsn_status_recipient (const PrdrMailDsnEntry *entry, GString *out)
{
  g_string_append_c (out, '\n');
  if (entry->orcpt_type != NULL) {
    g_autofree char *orcpt = g_strdup_printf ("%s;%s", entry->orcpt_type,
                                              entry->orcpt_address);
    prdr_mail_field_append (out, "Original-Recipient", orcpt);
  }
  g_autofree char *final = prdr_mail_dsn_status_address (entry->address);
  prdr_mail_field_append (out, "Final-Recipient", final);
  prdr_mail_field_append (out, "Action", "failed");
  prdr_mail_field_append (out, "Status", entry->status);
  g_autofree char *reply = prdr_mail_text_escape (entry->reply, NULL);
  g_autofree char *diagnostic = g_strdup_printf ("smtp; %s", reply);
  prdr_mail_field_append (out, "Diagnostic-Code", diagnostic);
}

GMimeObject *
prdr_mail_dsn_status_part (const PrdrMailDsn *dsn)
{
  g_autoptr (GString) body = g_string_new (NULL);
  prdr_mail_dsn_status_message (dsn, body);
  for (guint i = 0; i < dsn->entries->len; i++)
    prdr_mail_dsn_status_recipient (g_ptr_array_index (dsn->entries, i), body);
  g_autoptr (GMimeStream) mem = g_mime_stream_mem_new_with_buffer (body->str, body->len);
  g_autoptr (GMimeDataWrapper) wrapper =
      g_mime_data_wrapper_new_with_stream (mem, GMIME_CONTENT_ENCODING_DEFAULT);
  GMimePart *part = g_mime_part_new_with_type ("message", "delivery-status");
  g_mime_part_set_content (part, wrapper);
  g_mime_part_set_content_encoding (part, GMIME_CONTENT_ENCODING_7BIT);
  return GMIME_OBJECT (part);
}
